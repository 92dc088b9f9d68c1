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

int64_t jiffies_up(simtime_t d)
{
	return d / JIFFY + (d % JIFFY != 0);
}

/* The wheel's levels (kernel/time/timer.c): 64 buckets each, level L
 * LVL_CLK_DIV^L = 8^L jiffies wide; LVL_DEPTH 9 above HZ 100. */
#define WHEEL_LEVELS 9
#define WHEEL_LVL_SHIFT 3
#define WHEEL_LVL_SIZE 64

/* How long after it is armed a Linux timer due `after` from now fires.
 * The stack asks for whole jiffies (usecs_to_jiffies, or durations kept
 * in jiffies: icsk_rto, ato, the keepalive and TIME_WAIT lengths), and the
 * timer wheel puts a timer into the level whose span holds its distance
 * (calc_wheel_index: level 0 below 63 jiffies, level L from 63 << 3(L-1)),
 * in the bucket after the one its expiry falls in (calc_index rounds up,
 * "to prevent early expiry"): level 0 fires one jiffy after the expiry,
 * level L at the next multiple of 8^L jiffies past it.  Where that
 * multiple lies depends on the absolute jiffies count, which no scenario
 * knows; tcpsim takes the arming instant as a bucket boundary of every
 * level, as it is for a timer armed by the expiry of another (the kernel's
 * SYN, probe and retransmission chains fire exactly these lengths,
 * tests/kernel/syn-blackhole: 1.024 s per 1 s RTO, 2.016 s per 2 s).  So
 * n jiffies fire after n + 1 at level 0 (below 252 ms), after the next
 * multiple of 8 above n at level 1 (to 2 s: 1 s fires at 1.024 s), of 64
 * at level 2 (to 16 s), of 512 at level 3 (to 129 s: 60 s at 61.44 s). */
static simtime_t wheel_delay(simtime_t after)
{
	int64_t n = jiffies_up(after);
	if (n >= ((int64_t)WHEEL_LVL_SIZE - 1) << (WHEEL_LVL_SHIFT * (WHEEL_LEVELS - 1)))
		return after; /* past the wheel's capacity (49 days): left as asked */
	int shift = 0;
	while (n >= ((int64_t)WHEEL_LVL_SIZE - 1) << shift)
		shift += WHEEL_LVL_SHIFT;
	return (((n >> shift) + 1) << shift) * JIFFY;
}

/* The timers of the kernel's timer wheel: all but the compressed-SACK
 * one, which Linux runs on an hrtimer (tcp_compressed_ack_kick). */
static int on_the_wheel(struct sim *s, int32_t h, int kind)
{
	return kind != TIMER_SACK_COMPRESS && sock_params(s, h)->profile == PROFILE_LINUX;
}

void timer_arm(struct sim *s, int32_t h, int kind, simtime_t after)
{
	struct tcp_timer *tm = &sock_at(s, h)->timers[kind];
	tm->due = simtime_add(s->now, after);
	tm->expiry = on_the_wheel(s, h, kind) ? simtime_add(s->now, wheel_delay(after)) : tm->due;
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
