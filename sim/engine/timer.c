/* timer: a connection's six timers (retransmit, persist, delayed ACK,
 * keepalive, 2MSL, FIN_WAIT_2) as a mechanism only: arm, cancel, and
 * decide whether a queue entry that comes up means the timer fires.
 * Timers are lazy: nearly every segment restarts the retransmit timer, so
 * arming only records the new expiry; a queue event is pushed only when
 * none is pending at or before it, and an entry that comes up early is
 * moved on.  Each arming reserves the insertion number an eager push
 * would have taken, so events fire in exactly the same order.  What a
 * timer does when it expires is tcp_timeout.c's.  Called by socktab,
 * state, tcp_out, tcp_in, tcp_timeout, app and the run loop. */
#include "engine.h"

/* The timers whose arming is worth a trace line: the long ones a student
 * watches count down (the retransmit and delayed-ACK timers restart with
 * nearly every segment). */
static int arm_is_reported(int kind)
{
	return kind == TIMER_TIME_WAIT || kind == TIMER_FIN_WAIT_2 || kind == TIMER_KEEPALIVE ||
	       kind == TIMER_PERSIST;
}

void timer_arm(struct sim *s, int32_t h, int kind, simtime_t after)
{
	struct tcp_timer *tm = &sock_at(s, h)->timers[kind];
	tm->expiry = simtime_add(s->now, after);
	tm->seq = evq_reserve(&s->q);
	tm->armed = 1;
	tm->armed_at = s->now;
	if (tm->expiry <= tm->queued) {
		/* nothing pending before it: this is the entry that will fire */
		sim_schedule_seq(s, tm->expiry, tm->seq, EV_TIMER, h, kind);
		tm->queued = tm->expiry;
	}
	if (arm_is_reported(kind))
		report_timer(s, h, kind, 0, tm->expiry, tm->attempt);
}

void timer_cancel(struct sim *s, int32_t h, int kind)
{
	sock_at(s, h)->timers[kind].armed = 0; /* its entries are skipped */
}

void timer_cancel_all(struct sim *s, int32_t h)
{
	for (int k = 0; k < TIMER_COUNT; k++)
		timer_cancel(s, h, k);
}

int timer_live(struct sim *s, const struct ev *e)
{
	const struct tcb *t = sock_at(s, e->a);
	const struct tcp_timer *tm = &t->timers[e->b];
	return t->in_use && tm->armed && tm->expiry == e->t && tm->seq == e->seq;
}

int timer_due(struct sim *s, const struct ev *e)
{
	struct tcb *t = sock_at(s, e->a);
	struct tcp_timer *tm = &t->timers[e->b];
	if (tm->queued == e->t)
		tm->queued = SIMTIME_NEVER; /* the earliest pending entry is this one */
	if (!t->in_use || !tm->armed)
		return 0;
	if (tm->expiry == e->t && tm->seq == e->seq) {
		tm->armed = 0;
		return 1;
	}
	if (tm->expiry > e->t && tm->queued == SIMTIME_NEVER) {
		/* it moved later since this entry was pushed: follow it */
		sim_schedule_seq(s, tm->expiry, tm->seq, EV_TIMER, e->a, e->b);
		tm->queued = tm->expiry;
	}
	return 0;
}
