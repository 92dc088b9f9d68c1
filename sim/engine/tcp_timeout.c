/* tcp_timeout: what each of a connection's timers does when it expires:
 * retransmit (SYN, SYN,ACK and data, with RFC 5681's window collapse),
 * persist (zero-window probes), delayed ACK, keepalive, 2MSL and the
 * orphaned FIN_WAIT_2 timeout.  sim.c calls tcp_timeout() for every
 * EV_TIMER event; the schedules and give-up rules are rto.c's. */
#include "engine.h"

/* How long timer `kind` of h ran before it fired. */
static simtime_t ran(struct sim *s, int32_t h, int kind)
{
	return s->now - sock_at(s, h)->timers[kind].armed_at;
}

static void give_up(struct sim *s, int32_t h, int kind)
{
	struct tcb *t = sock_at(s, h);
	int arrow = ARROW_TIMEOUT, err = SE_ETIMEDOUT;
	if (t->state == TCPS_SYN_SENT)
		arrow = ARROW_SYNSENT_TIMEOUT;
	else if (t->state == TCPS_SYN_RCVD && t->passive)
		arrow = ARROW_SYNRCVD_TIMEOUT, err = SE_OK;
	else if (t->orphan)
		err = SE_OK;
	state_change(s, h, arrow, with_err(by_timer(kind), err));
}

static void retransmit_syn(struct sim *s, int32_t h, uint32_t k)
{
	struct tcb *t = sock_at(s, h);
	simtime_t next;
	if (rto_syn_expired(t, sock_params(s, h), k, s->now - t->first_tx, &next)) {
		give_up(s, h, TIMER_RETRANSMIT);
		return;
	}
	t->retries = k;
	t->timers[TIMER_RETRANSMIT].attempt = k;
	report_timer(s, h, TIMER_RETRANSMIT, 1, ran(s, h, TIMER_RETRANSMIT), k);
	t->rto = next;
	tcp_send_syn(s, h, 1);
}

static void fire_retransmit(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	uint32_t k = t->retries + 1;
	if (t->state == TCPS_SYN_RCVD && t->passive && p->profile != PROFILE_RFC9293) {
		reqsk_timeout(s, h); /* an embryo: Linux's request sock timer */
		return;
	}
	if (t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD) {
		retransmit_syn(s, h, k);
		return;
	}
	if (t->snd_una == t->snd_max && !(t->fin_sent && !t->fin_acked))
		return; /* nothing outstanding */
	if (t->reo_armed) {
		t->reo_armed = 0;
		report_timer(s, h, TIMER_RETRANSMIT, 1, ran(s, h, TIMER_RETRANSMIT),
		             TIMER_ATTEMPT_REO);
		recovery_reo_timeout(s, h);
		return;
	}
	if (t->tlp_armed) {
		report_timer(s, h, TIMER_RETRANSMIT, 1, ran(s, h, TIMER_RETRANSMIT), 0);
		tcp_send_loss_probe(s, h);
		return;
	}
	t->tlp_out = 0; /* tcp_retransmit_timer(): tlp_high_seq = 0 */
	/* tcp_enter_loss(): what an undo would restore (recovery.c); the cut
	 * is kept as cc_on_rto keeps it */
	recovery_enter_loss(s, h, k > 1 || (t->in_recovery && SEQ_LT(t->snd_una, t->recover)));
	t = sock_at(s, h);
	txq_forget_marks(t);
	if (rto_data_expired(t, p, k, s->now - t->first_tx)) {
		give_up(s, h, TIMER_RETRANSMIT);
		return;
	}
	report_timer(s, h, TIMER_RETRANSMIT, 1, ran(s, h, TIMER_RETRANSMIT), k);
	pmtu_rto(s, h); /* mtu_probing: a black hole? (smaller segments from here) */
	t = sock_at(s, h);
	if (k == 1)
		t->rtx_stamp = s->now; /* tcp_retransmit_skb(): retrans_stamp */
	t->retries = k;
	t->timers[TIMER_RETRANSMIT].attempt = k;
	/* RFC 5681: collapse the window; RFC 6298 5.5: back the timer off. */
	cc_on_rto(t, p, s->now);
	t->in_recovery = 0;
	t->dupacks = 0;
	rto_backoff(t, p);
	t->snd_nxt = t->snd_una; /* go back: resend from the oldest unacknowledged byte */
	t->rtt_timing = 0;
	tcp_output(s, h);
	if (!t->timers[TIMER_RETRANSMIT].armed)
		timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
}

static void fire_persist(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	simtime_t r = ran(s, h, TIMER_PERSIST);
	uint32_t sws = t->timers[TIMER_PERSIST].attempt == TIMER_ATTEMPT_SWS;
	t->timers[TIMER_PERSIST].attempt = 0;
	report_timer(s, h, TIMER_PERSIST, 1, r, sws ? TIMER_ATTEMPT_SWS : 0);
	if (t->snd_wnd == 0) {
		const struct tcp_params *p = sock_params(s, h);
		tcp_send_probe(s, h, INFO_WINDOW_PROBE);
		if (p->profile == PROFILE_RFC9293) {
			timer_arm(s, h, TIMER_PERSIST, rto_persist_next(p, r));
			return;
		}
		/* Linux: tcp_send_probe0(): each probe doubles the next wait
		 * (the backoff stops growing at tcp_retries2) */
		if (t->probe_backoff < p->data_retries)
			t->probe_backoff++;
		timer_arm(s, h, TIMER_PERSIST, rto_probe0_when(t, p));
	} else {
		/* rfc9293: the SWS override timeout lets the short segment go */
		t->sws_override = (uint8_t)sws;
		tcp_output(s, h);
		sock_at(s, h)->sws_override = 0;
	}
}

static void fire_keepalive(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	report_timer(s, h, TIMER_KEEPALIVE, 1, ran(s, h, TIMER_KEEPALIVE), t->keepalive_probes + 1);
	if (t->state != TCPS_ESTABLISHED && t->state != TCPS_CLOSE_WAIT)
		return;
	if (t->keepalive_probes == 0 && s->now - t->last_rcv < p->keepalive_idle) {
		/* The peer spoke meanwhile: wait a full idle time from then. */
		timer_arm(s, h, TIMER_KEEPALIVE, t->last_rcv + p->keepalive_idle - s->now);
		return;
	}
	if (t->keepalive_probes >= (uint32_t)p->keepalive_probes) {
		/* Linux: tcp_keepalive_timer() resets the connection it gives up
		 * (tcp_send_active_reset); the RFCs only drop it. */
		if (p->profile != PROFILE_RFC9293)
			tcp_send_active_reset(s, h);
		give_up(s, h, TIMER_KEEPALIVE);
		return;
	}
	t->keepalive_probes++;
	tcp_send_probe(s, h, INFO_KEEPALIVE_PROBE);
	t->timers[TIMER_KEEPALIVE].attempt = t->keepalive_probes;
	timer_arm(s, h, TIMER_KEEPALIVE, p->keepalive_intvl);
}

void tcp_timeout(struct sim *s, int32_t h, int kind)
{
	switch (kind) {
	case TIMER_RETRANSMIT: fire_retransmit(s, h); break;
	case TIMER_PERSIST: fire_persist(s, h); break;
	case TIMER_DELACK:
		report_timer(s, h, kind, 1, ran(s, h, kind), 0);
		if (sock_params(s, h)->profile == PROFILE_RFC9293)
			tcp_send_ack(s, h);
		else
			ack_delack_fired(s, h);
		break;
	case TIMER_KEEPALIVE: fire_keepalive(s, h); break;
	case TIMER_SACK_COMPRESS:
		report_timer(s, h, kind, 1, ran(s, h, kind), 0);
		ack_compress_fired(s, h);
		break;
	case TIMER_TIME_WAIT:
		report_timer(s, h, kind, 1, ran(s, h, kind), 0);
		state_change(s, h, ARROW_TW_TIMEOUT, by_timer(kind));
		break;
	case TIMER_FIN_WAIT_2:
		report_timer(s, h, kind, 1, ran(s, h, kind), 0);
		if (sock_at(s, h)->state == TCPS_FIN_WAIT_2)
			state_change(s, h, ARROW_FW2_TIMEOUT, by_timer(kind));
		break;
	}
}
