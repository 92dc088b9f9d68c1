/* evq: the discrete-event queue, a binary min-heap ordered by (time,
 * insertion number) so that ties always resolve the same way.  Time never
 * goes backwards.  Nothing is cancelled in the queue: the engine's timers
 * are lazy (a timer that moves later keeps its queue entry, which is
 * skipped or moved on when it comes up), and an entry may carry an
 * insertion number reserved earlier, so a timer fires in exactly the order
 * it would have had if it had been pushed when it was armed.  All storage
 * is one plain array, so a checkpoint is a copy.  Used by the engine
 * (sim/engine/): the run loop pops, timers, the link, triggers and the
 * flood push through sim_schedule(). */
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
	EV_ICMP,       /* a = trace segment index of the packet too big, b = the MTU */
	EV_READER,     /* a = socket handle: its reading application wakes */
};

struct ev {
	simtime_t t;
	uint64_t seq; /* insertion number: the tie-break */
	uint32_t kind;
	int32_t a, b;
};

/* A record of every queue operation, for `tcpsim bench`'s comparison with
 * a bare heap (off in a run: evq.log is NULL). */
enum { EVQ_LOG_PUSH, EVQ_LOG_POP, EVQ_LOG_DROP };
struct evq_log_op {
	simtime_t t;
	uint64_t seq;
	uint8_t op;
};
struct evq_log {
	struct evq_log_op *v;
	size_t n, cap;
	int oom; /* 1: memory ran out, the log is incomplete */
};

struct evq {
	struct ev *heap;
	uint32_t n, cap;
	uint64_t next_seq;
	simtime_t now;       /* time of the last popped event */
	struct evq_log *log; /* not owned; not copied by evq_copy */
};

void evq_init(struct evq *q);
void evq_free(struct evq *q);

/* Deep copy (for checkpoints): dst must be initialised or zeroed.  Returns
 * 0, or -1 when out of memory (dst is then unusable until copied again). */
int evq_copy(struct evq *dst, const struct evq *src);

/* Takes the next insertion number for an event to be pushed later with
 * evq_push_seq() (or never). */
uint64_t evq_reserve(struct evq *q);

/* Schedules an event at time t (>= now) with the next insertion number;
 * returns 0, or -1 when out of memory (nothing is scheduled then). */
int evq_push(struct evq *q, simtime_t t, uint32_t kind, int32_t a, int32_t b);
/* The same with an insertion number taken earlier by evq_reserve(). */
int evq_push_seq(struct evq *q, simtime_t t, uint64_t seq, uint32_t kind, int32_t a, int32_t b);

/* Pops the earliest event into *out; returns 0 when the queue is empty. */
int evq_pop(struct evq *q, struct ev *out);

/* Removes the earliest event without running it (its time does not count
 * as the present: a stale timer entry). */
void evq_drop(struct evq *q);

/* The earliest event, or NULL when the queue is empty. */
const struct ev *evq_peek(const struct evq *q);
/* Time of the earliest event, or SIMTIME_NEVER. */
simtime_t evq_peek_time(const struct evq *q);

/* Events in the queue. */
uint32_t evq_size(const struct evq *q);

#endif
