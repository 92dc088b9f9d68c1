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

/* The bucket a Linux timer lands in (kernel/time/timer.c).  The stack
 * asks for whole jiffies (usecs_to_jiffies, or durations kept in jiffies:
 * icsk_rto, ato, the keepalive and TIME_WAIT lengths): expires = jiffies
 * + n.  calc_wheel_index puts it into the level whose span holds its
 * distance from the wheel's clock (level 0 below 63 jiffies, level L from
 * 63 << 3(L-1)), and calc_index rounds it up to the next multiple of that
 * level's granularity (8^L jiffies), "to prevent early expiry": it fires
 * at the tick where jiffies reaches that bucket.  The wheel's clock is
 * jiffies, except while timers run, when __run_timers keeps it one ahead
 * (forward_timer_base), so a timer armed by another's expiry measures its
 * distance from the next tick.  Returns the jiffies count it fires at,
 * UINT64_MAX past the wheel's capacity. */
static uint64_t wheel_bucket(uint64_t jnow, int64_t n, int in_timer)
{
	uint64_t clk = jnow + (uint64_t)in_timer;
	uint64_t expires = jnow + (uint64_t)n;
	if (expires < clk)
		return clk; /* already due (n = 0 in a timer): the next tick */
	uint64_t delta = expires - clk;
	if (delta >= ((uint64_t)WHEEL_LVL_SIZE - 1) << (WHEEL_LVL_SHIFT * (WHEEL_LEVELS - 1)))
		return UINT64_MAX; /* past the wheel's capacity (49 days): left as asked */
	int shift = 0;
	while (delta >= ((uint64_t)WHEEL_LVL_SIZE - 1) << shift)
		shift += WHEEL_LVL_SHIFT;
	return ((expires >> shift) + 1) << shift;
}

/* When a Linux timer armed now, due `after` from now, fires.  Where the
 * buckets' boundaries lie depends on the absolute jiffies count and on
 * where in its jiffy the arming instant falls.  A run held against a
 * recording knows both (sim_options' tick grid: ticks every 4 ms, the
 * tick tick_before_zero before time 0 was jiffies tick_jiffies); without
 * that, tcpsim takes the arming instant as a tick that is a bucket
 * boundary of every level, as for a timer armed at a tick whose count is
 * a multiple of every level's granularity: then n jiffies fire after
 * n + 1 at level 0 (below 252 ms), after the next multiple of 8 above n
 * at level 1 (to 2 s: 1 s fires at 1.024 s), of 64 at level 2 (to 16 s),
 * of 512 at level 3 (to 129 s: 60 s at 61.44 s). */
static simtime_t wheel_expiry(const struct sim *s, simtime_t after)
{
	int64_t n = jiffies_up(after);
	if (!s->opt.ticks_set) {
		uint64_t fire = wheel_bucket(0, n, 0);
		return simtime_add(s->now, fire == UINT64_MAX ? after : (simtime_t)fire * JIFFY);
	}
	simtime_t since = s->now + s->opt.tick_before_zero; /* from tick tick_jiffies */
	uint64_t jnow = s->opt.tick_jiffies + (uint64_t)(since / JIFFY);
	uint64_t fire = wheel_bucket(jnow, n, s->in_timer);
	if (fire == UINT64_MAX)
		return simtime_add(s->now, after);
	return (simtime_t)((fire - s->opt.tick_jiffies) * JIFFY) - s->opt.tick_before_zero;
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
	tm->expiry = on_the_wheel(s, h, kind) ? wheel_expiry(s, after) : tm->due;
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
