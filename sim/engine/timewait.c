/* timewait: what Linux does with a segment for a connection in TIME_WAIT, or
 * for an orphaned FIN_WAIT_2 (the application closed it: Linux keeps it as
 * a timewait socket in its FIN_WAIT2 substate).  Both follow
 * tcp_timewait_state_process() in net/ipv4/tcp_minisocks.c.  Called by
 * tcp_in for the linux profile; a SYN that may reopen the connection goes
 * back to tcp_in, which owns the listeners. */
#include "engine.h"

/* Linux's TCP_TIMEWAIT_LEN is a fixed 60 s; tcpsim's TIME_WAIT is 2 * msl. */
static void restart_2msl(struct sim *s, int32_t h)
{
	timer_arm(s, h, TIMER_TIME_WAIT, simtime_mul(sock_params(s, h)->msl, 2));
}

int tw_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg, uint32_t *isn)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	/* PAWS first: an older TSval marks an old duplicate */
	int paws = t->ts_ok && g->opt_ts && paws_reject(t, g, s->now);
	/* In the window: only a RST or a bare segment, exactly at RCV.NXT. */
	if (!paws && g->seq == t->rcv_nxt && (seg_seqlen(g) == 0 || (g->flags & TH_RST))) {
		if (g->flags & TH_RST) {
			if (!p->rfc1337) {
				state_change(s, h, ARROW_TW_RST, by_segment(seg));
				return TW_DONE;
			}
			report_info(s, t->host, h, INFO_TW_RST_IGNORED, seg);
		} else {
			restart_2msl(s, h); /* a bare ACK: the peer is still there */
		}
		paws_take(t, g, s->now);
		return TW_DONE;
	}
	/* A new SYN may reopen the connection (RFC 1122 4.2.2.13, RFC 6191):
	 * its sequence number is past RCV.NXT, or its timestamp is newer. */
	if ((g->flags & (TH_SYN | TH_RST | TH_ACK)) == TH_SYN && !paws &&
	    (SEQ_GT(g->seq, t->rcv_nxt) ||
	     (t->ts_ok && g->opt_ts && (int32_t)(t->ts_recent - g->ts_val) < 0))) {
		*isn = t->snd_nxt + 65535 + 2;
		if (*isn == 0)
			*isn = 1;
		return TW_SYN;
	}
	if (paws)
		trigger_info(s, t->host, h, INFO_PAWS_REJECTED, seg);
	if (g->flags & TH_RST) {
		report_info(s, t->host, h, INFO_RST_IGNORED, seg); /* not at RCV.NXT */
		return TW_DONE;
	}
	/* Everything else is ACKed (tcp_v4_timewait_ack), a retransmitted FIN
	 * always, the rest within the rate limit; an ACKless SYN may be a new
	 * connection with a low ISN, so it does not restart the timer. */
	if (paws || (g->flags & TH_ACK))
		restart_2msl(s, h);
	int code = INFO_TW_OLD_DUP;
	if ((g->flags & TH_FIN) && g->seq + g->len + 1 == t->rcv_nxt)
		code = INFO_TW_FIN_REACKED;
	else if ((g->flags & (TH_SYN | TH_RST | TH_ACK)) == TH_SYN && !paws)
		code = INFO_TW_SYN_REFUSED; /* not past RCV.NXT, no newer timestamp */
	report_info(s, t->host, h, code, seg);
	tcp_send_oow_ack(s, h, g, seg, 0);
	return TW_DONE;
}

int tw_fw2_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	int paws = t->ts_ok && g->opt_ts && paws_reject(t, g, s->now);
	uint32_t wnd = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	uint32_t end = g->seq + seg_seqlen(g);
	if (paws || !seg_in_minisock_window(g, t->rcv_nxt, t->rcv_nxt + wnd)) {
		trigger_info(s, t->host, h, paws ? INFO_PAWS_REJECTED : INFO_OUT_OF_WINDOW, seg);
		tcp_send_oow_ack(s, h, g, seg, 0);
		return TW_DONE;
	}
	if (g->flags & TH_RST) {
		state_change(s, h, ARROW_RST, by_segment(seg)); /* any RST in the window */
		return TW_DONE;
	}
	if ((g->flags & TH_SYN) && SEQ_GEQ(g->seq, t->rcv_nxt))
		return TW_RST;
	if (!(g->flags & TH_ACK) || SEQ_LEQ(end, t->rcv_nxt) || end == g->seq)
		return TW_DONE; /* nothing new */
	if (!(g->flags & TH_FIN) || end != t->rcv_nxt + 1) {
		report_info(s, t->host, h, INFO_DATA_AFTER_CLOSE, seg);
		return TW_RST; /* new data for an application that has closed */
	}
	/* The peer's FIN: into TIME_WAIT proper. */
	timer_cancel(s, h, TIMER_FIN_WAIT_2);
	t->rcv_nxt++;
	t->fin_rcvd = 1;
	paws_take(t, g, s->now);
	state_change(s, h, ARROW_FW2_FIN, by_segment(seg));
	tcp_send_ack(s, h);
	return TW_DONE;
}
