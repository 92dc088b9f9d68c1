/* alloc: the engine's memory.  Arrays grow by doubling through
 * sim_reserve(); when memory runs out in the middle of an event, sim_fail()
 * jumps back to sim_step(), which ends the run with an error the caller can
 * print (the state the event left half-changed is never run again).  The
 * lowest engine layer: every other engine file may call it. */
#include <stdio.h>
#include <stdlib.h>

#include "engine.h"

_Noreturn void sim_fail(struct sim *s, int error)
{
	s->error = error;
	if (!s->fail_jump) {
		/* Only a unit test driving engine internals directly gets here. */
		fprintf(stderr, "tcpsim: %s outside a run step\n", sim_error_text(error));
		abort();
	}
	longjmp(*s->fail_jump, 1);
}

void sim_reserve(struct sim *s, void **v, uint32_t *cap, uint32_t n, size_t size, uint32_t first)
{
	if (n <= *cap)
		return;
	uint32_t c = *cap ? *cap : first;
	while (c < n)
		c *= 2;
	void *p = realloc(*v, (size_t)c * size);
	if (!p)
		sim_fail(s, SIM_ERR_NOMEM);
	*v = p;
	*cap = c;
}

ev_handle sim_schedule(struct sim *s, simtime_t t, uint32_t kind, int32_t a, int32_t b)
{
	ev_handle h = evq_push(&s->q, t, kind, a, b);
	if (h == EV_HANDLE_NONE)
		sim_fail(s, SIM_ERR_NOMEM);
	return h;
}

const char *sim_error_text(int error)
{
	switch (error) {
	case SIM_OK: return "no error";
	case SIM_ERR_NOMEM: return "out of memory";
	default: return "unknown error";
	}
}
