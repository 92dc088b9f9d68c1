/* alloc: the engine's memory and budgets.  Arrays grow by doubling through
 * sim_reserve() and the trace through report.c, each checked first against
 * the run's memory budget (the engine counts its own bytes, sim_bytes());
 * the run loop checks the event budget, and sim_count_run() catches an `on`
 * line that fires over and over at one instant.  When a run cannot go on,
 * sim_fail() writes a located message and jumps back to sim_step(), which
 * ends the run (the state the event left half-changed is never run again).
 * The lowest engine layer: every other engine file may call it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

const char *sim_error_text(int error)
{
	switch (error) {
	case SIM_OK: return "no error";
	case SIM_ERR_NOMEM: return "out of memory";
	case SIM_ERR_LOOP: return "trigger loop";
	case SIM_ERR_EVENTS: return "event budget reached";
	case SIM_ERR_MEMORY: return "memory budget reached";
	default: return "unknown error";
	}
}

size_t sim_bytes(const struct sim *s)
{
	const struct trace *tr = &s->tr;
	size_t n = sizeof *s + (size_t)s->nsockblk * SOCK_BLOCK * sizeof **s->sockblk;
	n += (size_t)s->capsockblk * sizeof *s->sockblk;
	n += (size_t)s->hcap * sizeof *s->htab;
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		n += ((size_t)s->hosts[i].capsocks + s->hosts[i].caplive) * sizeof(int32_t);
	n += (size_t)s->q.cap * sizeof *s->q.heap;
	n += (size_t)s->nat * sizeof *s->at_order;
	n += (size_t)tr->cap * sizeof *tr->recs + (size_t)tr->segcap * sizeof *tr->segs +
	     (size_t)tr->sockcap * sizeof *tr->socks;
	n +=
	    (size_t)s->scn->nevents * (sizeof *s->runs + sizeof *s->at_once + sizeof *s->at_once_t);
	return n + s->cp_bytes;
}

/* "'on client CLOSED'" or "'at 2s ... flood'": how a scenario line reads. */
static void line_words(const struct sim *s, int ei, char *buf, size_t size)
{
	const struct scenario *scn = s->scn;
	const struct scn_event *e = &scn->events[ei];
	if (e->trigger == TRIG_ON) {
		char w[80];
		scn_on_words(scn, e->on_host, e->on_kind,
		             scn_on_arg(e->on_kind, e->on_state, e->on_arg), e->on_seq, w,
		             sizeof w);
		snprintf(buf, size, "'on %s'", w);
	} else
		snprintf(buf, size, "the '%s' at %s", scn_action_name(e->act.kind),
		         scn->hosts[e->act.host].name);
}

/* The scenario event that ran most, -1 when none ran. */
static int32_t busiest(const struct sim *s)
{
	int32_t best = -1;
	for (int i = 0; i < s->scn->nevents; i++)
		if (s->runs[i] && (best < 0 || s->runs[i] > s->runs[best]))
			best = i;
	return best;
}

/* The send line that ran with the most bytes (at least 64 MiB), or -1. */
static int32_t biggest_send(const struct sim *s)
{
	int32_t best = -1;
	uint32_t most = 64u << 20;
	for (int i = 0; i < s->scn->nevents; i++) {
		const struct scn_action *a = &s->scn->events[i].act;
		if (a->kind == ACT_SEND && !a->text && s->runs[i] && a->nbytes >= most) {
			best = i;
			most = a->nbytes;
		}
	}
	return best;
}

/* "FILE:LINE:COL: error: " for scenario event ei, or "FILE: error: ". */
static int where(const struct sim *s, int32_t ei, char *buf, size_t size)
{
	const char *path = s->scn->path ? s->scn->path : "scenario";
	if (ei < 0)
		return snprintf(buf, size, "%s: error: ", path);
	const struct scn_event *e = &s->scn->events[ei];
	return snprintf(buf, size, "%s:%d:%d: error: ", path, e->line, e->col > 0 ? e->col : 1);
}

/* Other `on` lines that fired at this instant, named after the loop's own:
 * "; with 'on server LISTEN' (line 9)". */
static void loop_partners(const struct sim *s, int32_t ei, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int i = 0; i < s->scn->nevents && n + 80 < size; i++) {
		int32_t k = s->on_slot[i];
		if (i == ei || k < 0 || s->at_once_t[k] != s->now || s->at_once[k] < 2)
			continue;
		char words[96];
		line_words(s, i, words, sizeof words);
		n += (size_t)snprintf(buf + n, size - n, "%s%s (line %d)",
		                      n ? ", " : ", together with ", words, s->scn->events[i].line);
	}
}

static void describe(struct sim *s, int error)
{
	char at[48], words[96], rest[256];
	size_t size = sizeof s->errmsg;
	simtime_fmt(at, sizeof at, s->now);
	int32_t ei = error == SIM_ERR_LOOP ? s->fail_event : busiest(s);
	int32_t big = biggest_send(s);
	if (error != SIM_ERR_LOOP && ei >= 0 && s->runs[ei] < 1000)
		ei = big; /* nothing ran often: a huge send, or the file as a whole */
	int n = where(s, ei, s->errmsg, size);
	char *m = s->errmsg + n;
	size -= (size_t)n;
	if (ei >= 0)
		line_words(s, ei, words, sizeof words);
	switch (error) {
	case SIM_ERR_LOOP: {
		const struct scn_event *e = &s->scn->events[ei];
		loop_partners(s, ei, rest, sizeof rest);
		snprintf(m, size, "%s fired %u times at %ss without time advancing%s; %s", words,
		         s->at_once[s->on_slot[ei]], at, rest,
		         e->delay ? "does each firing make it fire again?" : "did you mean '+1s'?");
		break;
	}
	case SIM_ERR_EVENTS:
	case SIM_ERR_MEMORY:
		if (error == SIM_ERR_EVENTS)
			n = snprintf(m, size,
			             "the run stopped at %ss after %llu events, its limit "
			             "(--max-events raises it)",
			             at, (unsigned long long)s->events_done);
		else
			n = snprintf(m, size,
			             "the run stopped at %ss: it would hold more than %zu MiB, its "
			             "limit (%u sockets, %u trace records so far)",
			             at, s->max_bytes >> 20, s->nsocks, s->tr.n);
		if (ei >= 0 && (size_t)n < size) {
			const struct scn_event *e = &s->scn->events[ei];
			if (ei == big && s->runs[ei] < 1000)
				snprintf(m + n, size - (size_t)n,
				         "; the send on line %d queued %u bytes", e->line,
				         e->act.text ? e->act.text_len : e->act.nbytes);
			else if (e->act.kind == ACT_FLOOD)
				snprintf(m + n, size - (size_t)n,
				         "; the flood on line %d sent %llu SYNs", e->line,
				         (unsigned long long)s->runs[ei]);
			else
				snprintf(m + n, size - (size_t)n, "; %s ran %llu times%s", words,
				         (unsigned long long)s->runs[ei],
				         e->trigger == TRIG_ON ? ": does each firing start more?"
				                               : "");
		}
		break;
	default:
		snprintf(m, size, "%s at %ss; the run stops here", sim_error_text(error), at);
		break;
	}
}

_Noreturn void sim_fail(struct sim *s, int error)
{
	s->error = error;
	describe(s, error);
	if (!s->fail_jump) {
		/* Only a unit test driving engine internals directly gets here. */
		fprintf(stderr, "tcpsim: %s outside a run step\n", s->errmsg);
		abort();
	}
	longjmp(*s->fail_jump, 1);
}

const char *sim_error_message(const struct sim *s)
{
	return s->error ? s->errmsg : "";
}

void sim_budget(struct sim *s, size_t extra)
{
	if (sim_bytes(s) + extra > s->max_bytes)
		sim_fail(s, SIM_ERR_MEMORY);
}

void sim_reserve(struct sim *s, void **v, uint32_t *cap, uint32_t n, size_t size, uint32_t first)
{
	if (n <= *cap)
		return;
	uint32_t c = *cap ? *cap : first;
	while (c < n)
		c *= 2;
	sim_budget(s, (size_t)(c - *cap) * size);
	void *p = realloc(*v, (size_t)c * size);
	if (!p)
		sim_fail(s, SIM_ERR_NOMEM);
	*v = p;
	*cap = c;
}

void sim_schedule_seq(struct sim *s, simtime_t t, uint64_t seq, uint32_t kind, int32_t a, int32_t b)
{
	if (s->q.n == s->q.cap)
		sim_budget(s, (size_t)(s->q.cap ? s->q.cap : 64) * sizeof *s->q.heap);
	if (evq_push_seq(&s->q, t, seq, kind, a, b) < 0)
		sim_fail(s, SIM_ERR_NOMEM);
}

void sim_schedule(struct sim *s, simtime_t t, uint32_t kind, int32_t a, int32_t b)
{
	sim_schedule_seq(s, t, evq_reserve(&s->q), kind, a, b);
}

int sim_instant_over(const struct sim *s)
{
	if (evq_peek_time(&s->q) <= s->now)
		return 0;
	return s->next_at >= s->nat || s->scn->events[s->at_order[s->next_at]].at > s->now;
}

void sim_count_run(struct sim *s, int ei)
{
	s->runs[ei]++;
	if (s->scn->events[ei].trigger != TRIG_ON)
		return;
	int32_t k = s->on_slot[ei];
	if (s->at_once_t[k] != s->now) {
		s->at_once_t[k] = s->now;
		s->at_once[k] = 0;
	}
	if (++s->at_once[k] >= SIM_MAX_FIRINGS_AT_ONCE) {
		s->fail_event = ei;
		sim_fail(s, SIM_ERR_LOOP);
	}
}
