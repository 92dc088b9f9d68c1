/* state: a connection changes state.  The one place that moves a socket
 * along an arrow of the diagram: it records the change with its cause,
 * hands the error to the application, and does what entering the new state
 * sets going (delete the TCB on CLOSED, start 2MSL, start keepalive), then
 * fires the scenario's `on` lines and notes for that state (trigger.c).
 * Called by tcp_in, tcp_timeout and app. */
#include "engine.h"

void state_change(struct sim *s, int32_t h, int arrow, struct cause c)
{
	struct tcb *t = sock_at(s, h);
	int from = t->state, to = tcp_arrow(arrow)->to;
	report_state(s, h, from, to, arrow, c);
	if (from == TCPS_SYN_RCVD && t->passive == 1) {
		struct tcb *lt =
		    t->parent >= 0 && sock_at(s, t->parent)->in_use ? sock_at(s, t->parent) : NULL;
		if (lt) {
			lt->syn_queue--;
			if (t->retries == 0)
				lt->syn_young--; /* it never timed out */
		}
		/* The application accepts it at once, or it waits in the
		 * accept queue for an accept action (listen ... accept=off). */
		if (lt && lt->accept_off && arrow == ARROW_SYNRCVD_ACK) {
			t->queued = 1;
			lt->accept_queue++;
		}
		t->passive = 2; /* no longer in the listener's SYN queue */
	}
	if (c.err && !t->orphan) {
		report_app_error(s, h, c.err);
		trigger_fire(s, t->host, h, ON_ERROR, c.err);
	}
	const struct tcp_params *p = sock_params(s, h);
	/* An embryo reset back to LISTEN is deleted: its listener stays. */
	if (to == TCPS_CLOSED || arrow == ARROW_SYNRCVD_RST) {
		sock_delete(s, h);
		trigger_fire(s, sock_at(s, h)->host, h, ON_STATE, TCPS_CLOSED);
		return;
	}
	t->state = (int8_t)to;
	if (to == TCPS_TIME_WAIT || (to == TCPS_FIN_WAIT_2 && t->orphan))
		t->oow_acked = 0; /* Linux's timewait sock starts a fresh rate limit */
	if (to == TCPS_TIME_WAIT) {
		for (int k = 0; k < TIMER_COUNT; k++)
			if (k != TIMER_TIME_WAIT)
				timer_cancel(s, h, k);
		timer_arm(s, h, TIMER_TIME_WAIT, simtime_mul(p->msl, 2));
	}
	if (to == TCPS_ESTABLISHED) {
		if (t->snd_wscale == 0xff)
			t->rcv_wscale = 0;
		if (from == TCPS_SYN_SENT || from == TCPS_SYN_RCVD) {
			rcvwin_established(t, p, s->now);
			t->lrcvtime = s->now; /* tcp_finish_connect, tcp_create_openreq_child */
		}
		t->last_rcv = s->now;
		report_sock(s, h);
		if (p->keepalive)
			timer_arm(s, h, TIMER_KEEPALIVE, p->keepalive_idle);
	}
	trigger_fire(s, t->host, h, ON_STATE, to);
}
