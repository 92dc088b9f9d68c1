/* evq: the discrete-event queue.  Events are ordered by (time, insertion
 * number) so that ties always resolve the same way.  Cancelling marks an
 * event dead; pop skips dead events (the ns-3 way).  Time never goes
 * backwards.  All storage is plain arrays, so a checkpoint is a copy.
 * Used by the engine (sim/engine/): the run loop pops, and timers, the link,
 * triggers, actions and the flood push through sim_schedule(). */
#ifndef TCPSIM_EVQ_H
#define TCPSIM_EVQ_H

#include <stdint.h>

#include "simtime.h"

enum ev_kind {
	EV_NONE,
	EV_SEG_ARRIVE, /* a = segment index in the trace */
	EV_TIMER,      /* a = socket handle, b = timer kind */
	EV_ACTION,     /* a = scenario event index, b = socket handle or -1 */
	EV_FLOOD,      /* a = scenario event index, b = SYNs sent so far */
};

struct ev {
	simtime_t t;
	uint64_t seq; /* insertion number: the tie-break */
	uint32_t kind;
	int32_t a, b;
	uint32_t slot; /* index into evq.slots (its cancel handle) */
};

/* A handle that stays valid for cancel even after the event ran. */
typedef uint64_t ev_handle;
#define EV_HANDLE_NONE ((ev_handle)0)

struct evq {
	struct ev *heap; /* binary min-heap on (t, seq) */
	uint32_t n, cap;
	uint32_t *slot_gen; /* generation per slot; odd = live */
	uint32_t *free_slots;
	uint32_t nslots, nfree, slot_cap;
	uint64_t next_seq;
	simtime_t now; /* time of the last popped event */
};

void evq_init(struct evq *q);
void evq_free(struct evq *q);

/* Deep copy (for checkpoints): dst must be initialised or zeroed.  Returns
 * 0, or -1 when out of memory (dst is then unusable until copied again). */
int evq_copy(struct evq *dst, const struct evq *src);

/* Schedules an event at time t (>= now); returns its cancel handle, or
 * EV_HANDLE_NONE when out of memory (nothing is scheduled then). */
ev_handle evq_push(struct evq *q, simtime_t t, uint32_t kind, int32_t a, int32_t b);

/* Marks an event dead; cancelling a dead, fired or NONE handle does nothing. */
void evq_cancel(struct evq *q, ev_handle h);

/* Pops the earliest live event into *out; returns 0 when the queue is empty. */
int evq_pop(struct evq *q, struct ev *out);

/* Time of the earliest live event, or SIMTIME_NEVER. */
simtime_t evq_peek_time(struct evq *q);

/* Number of live events. */
uint32_t evq_live(const struct evq *q);

#endif
