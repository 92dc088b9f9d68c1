/* timer: a connection's six timers (retransmit, persist, delayed ACK,
 * keepalive, 2MSL, FIN_WAIT_2) as a mechanism only: arm, cancel, and mark
 * fired.  Each armed timer is one queue event; what a timer does when it
 * expires is tcp_timeout.c's.  Called by socktab, state, tcp_out, tcp_in,
 * tcp_timeout and app. */
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
	if (tm->armed)
		evq_cancel(&s->q, tm->ev);
	tm->armed = 0;
	simtime_t expiry = simtime_add(s->now, after);
	tm->ev = sim_schedule(s, expiry, EV_TIMER, h, kind);
	tm->armed = 1;
	tm->armed_at = s->now;
	tm->expiry = expiry;
	if (arm_is_reported(kind))
		report_timer(s, h, kind, 0, tm->expiry, tm->attempt);
}

void timer_cancel(struct sim *s, int32_t h, int kind)
{
	struct tcp_timer *tm = &sock_at(s, h)->timers[kind];
	if (!tm->armed)
		return;
	evq_cancel(&s->q, tm->ev);
	tm->armed = 0;
	tm->ev = EV_HANDLE_NONE;
}

void timer_cancel_all(struct sim *s, int32_t h)
{
	for (int k = 0; k < TIMER_COUNT; k++)
		timer_cancel(s, h, k);
}

void timer_fired(struct sim *s, int32_t h, int kind)
{
	struct tcp_timer *tm = &sock_at(s, h)->timers[kind];
	tm->armed = 0;
	tm->ev = EV_HANDLE_NONE;
}
