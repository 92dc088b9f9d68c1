/* reqsk: a listener's two queues as Linux keeps them.  The SYN queue holds
 * the embryos (request socks: a SYN answered, its ACK awaited) and the
 * accept queue the children whose handshake completed and which the
 * application has not accept()ed yet.  Here: which SYN gets in
 * (tcp_conn_request), what a segment does to an embryo (tcp_check_req), the
 * embryo's SYN,ACK timer (reqsk_timer_handler), and accept().  Called by
 * tcp_in (segments), tcp_timeout (the timer) and app (accept). */
#include "engine.h"

/* Linux's net.core.somaxconn caps listen()'s backlog. */
#define SOMAXCONN 4096

static int max_backlog(const struct tcb *l)
{
	return l->backlog < SOMAXCONN ? l->backlog : SOMAXCONN;
}

int reqsk_accept_full(const struct sim *s, int32_t l)
{
	const struct tcb *lt = sock_at(s, l);
	if (s->hosts[lt->host].p.profile == PROFILE_RFC9293)
		return 0; /* the RFC has no accept queue to overflow */
	/* Linux: sk_acceptq_is_full(): backlog + 1 children may wait */
	return lt->accept_queue > max_backlog(lt);
}

int reqsk_admit(struct sim *s, int32_t l, int reopen, int32_t seg)
{
	struct tcb *lt = sock_at(s, l);
	const struct tcp_params *p = &s->hosts[lt->host].p;
	if (p->profile == PROFILE_RFC9293) {
		int limit = lt->backlog < p->syn_backlog ? lt->backlog : p->syn_backlog;
		if (lt->syn_queue < limit)
			return REQ_NEW;
		if (!p->syncookies)
			trigger_info(s, lt->host, l, INFO_SYN_QUEUE_FULL, seg);
		return p->syncookies ? REQ_COOKIE : REQ_DROP;
	}
	/* Linux: tcp_conn_request().  A SYN that reopens a TIME_WAIT skips the
	 * SYN queue checks; the accept queue check applies to every SYN. */
	int cookie = 0;
	if (!reopen && lt->syn_queue > max_backlog(lt)) {
		if (!p->syncookies) {
			trigger_info(s, lt->host, l, INFO_SYN_QUEUE_FULL, seg);
			return REQ_DROP;
		}
		cookie = 1;
	}
	if (reqsk_accept_full(s, l)) {
		trigger_info(s, lt->host, l, INFO_ACCEPT_QUEUE_FULL_SYN, seg);
		return REQ_DROP;
	}
	if (cookie)
		return REQ_COOKIE;
	/* Without cookies the last quarter of tcp_max_syn_backlog is kept for
	 * peers the host already knows (tcp_peer_is_proven(); tcpsim keeps no
	 * such memory, so nobody is proven). */
	if (!reopen && !p->syncookies && p->syn_backlog - lt->syn_queue < (p->syn_backlog >> 2)) {
		trigger_info(s, lt->host, l, INFO_SYN_QUEUE_FULL, seg);
		return REQ_DROP;
	}
	return REQ_NEW;
}

/* Linux: tcp_reqsk_timeout(): the request's timer, doubling per timeout. */
static simtime_t req_timeout(const struct tcb *t, const struct tcp_params *p)
{
	uint32_t n = t->retries > 20 ? 20 : t->retries;
	simtime_t w = simtime_shl(p->rto_initial, n);
	return w > p->rto_max ? p->rto_max : w;
}

static void drop_embryo(struct sim *s, int32_t h, int arrow, int32_t seg)
{
	state_change(s, h, arrow, seg >= 0 ? by_segment(seg) : by_timer(TIMER_RETRANSMIT));
}

int reqsk_input(struct sim *s, int32_t h, struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	uint8_t flg = g->flags & (TH_RST | TH_SYN | TH_ACK);
	int paws = t->ts_ok && g->opt_ts && paws_reject(t, g, s->now);
	/* A retransmitted SYN: our SYN,ACK was lost.  Send it again (within the
	 * rate limit) and push the request's timer back, as a fast retransmit. */
	if (g->seq == t->irs && flg == TH_SYN && !paws) {
		if (t->oow_acked && s->now - t->oow_ack_at < 500 * SIMTIME_MS) {
			report_info(s, t->host, h, INFO_ACK_RATELIMITED, seg);
			return 0;
		}
		t->oow_acked = 1;
		t->oow_ack_at = s->now;
		t->synack_rtx++;
		tcp_send_syn(s, h, 1);
		if (t->timers[TIMER_RETRANSMIT].armed)
			timer_arm(s, h, TIMER_RETRANSMIT, req_timeout(t, p));
		return 0;
	}
	/* An ACK of something else: the listener answers <SEQ=SEG.ACK><RST>. */
	if ((flg & TH_ACK) && g->ack != t->iss + 1) {
		report_info(s, t->host, h, INFO_BAD_ACK, seg);
		tcp_send_rst_for(s, t->host, g);
		return 0;
	}
	/* first: check sequence number (the window the SYN,ACK offered) */
	uint32_t wnd = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	if (wnd > 65535)
		wnd = 65535;
	if (paws || !seg_in_minisock_window(g, t->rcv_nxt, t->rcv_nxt + wnd)) {
		if (paws)
			trigger_info(s, t->host, h, INFO_PAWS_REJECTED, seg);
		if (flg & TH_RST)
			report_info(s, t->host, h, INFO_RST_IGNORED, seg);
		else
			tcp_send_oow_ack(s, h, g, seg, 1);
		return 0;
	}
	if (g->seq == t->irs)
		flg &= (uint8_t)~TH_SYN; /* the old SYN: before the window */
	if (flg & TH_RST) {
		/* The 6.18.35 source drops the request for any RST in the window;
		 * the 6.18.44 kernel recorded (m-syn-rcvd) drops it only for a RST
		 * at RCV.NXT and answers others with an ACK, as RFC 5961 3.2 asks. */
		if (g->seq == t->rcv_nxt) {
			drop_embryo(s, h, ARROW_SYNRCVD_RST, seg);
		} else {
			report_info(s, t->host, h, INFO_CHALLENGE_ACK, seg);
			tcp_send_oow_ack(s, h, g, seg, 1);
		}
		return 0;
	}
	if (flg & TH_SYN) {
		/* A SYN in the window: the embryo is reset (embryonic_reset) with
		 * the RST that answers the SYN itself, <SEQ=0><ACK=SEG.SEQ+1>. */
		tcp_send_rst_for(s, t->host, g);
		drop_embryo(s, h, ARROW_SYNRCVD_SYN, seg);
		return 0;
	}
	if (!(flg & TH_ACK))
		return 0;
	/* The third ACK: the child needs room in the accept queue. */
	if (t->parent >= 0 && reqsk_accept_full(s, t->parent)) {
		trigger_info(s, t->host, h, INFO_ACCEPT_QUEUE_FULL, seg);
		if (!p->abort_on_overflow) {
			t->acked = 1; /* dropped; the SYN,ACK timer keeps going */
			return 0;
		}
		tcp_send_rst_for(s, t->host, g);
		drop_embryo(s, h, ARROW_SYNRCVD_OVERFLOW, seg);
		return 0;
	}
	return 1;
}

void reqsk_timeout(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	int max = p->synack_retries;
	struct tcb *lt =
	    t->parent >= 0 && sock_at(s, t->parent)->in_use ? sock_at(s, t->parent) : NULL;
	/* Linux: reqsk_timer_handler().  When old embryos fill more than half of
	 * the queue, cut their retries ("reserve half of room for young
	 * embryos"): one fewer per doubling the young ones need, down to 2. */
	if (lt && 2 * lt->syn_queue > (max_backlog(lt) > 8 ? max_backlog(lt) : 8)) {
		int young = 2 * lt->syn_young;
		while (max > 2) {
			if (lt->syn_queue < young)
				break;
			max--;
			young *= 2;
		}
	}
	report_timer(s, h, TIMER_RETRANSMIT, 1, s->now - t->timers[TIMER_RETRANSMIT].armed_at,
	             t->retries + 1);
	if ((int)t->retries >= max) {
		drop_embryo(s, h, ARROW_SYNRCVD_TIMEOUT, -1);
		return;
	}
	tcp_send_syn(s, h, 1);
	t = sock_at(s, h);
	if (t->retries++ == 0 && lt)
		lt->syn_young--;
	t->timers[TIMER_RETRANSMIT].attempt = t->retries;
	timer_arm(s, h, TIMER_RETRANSMIT, req_timeout(t, p));
}

int32_t reqsk_accept(struct sim *s, int32_t l)
{
	struct tcb *lt = sock_at(s, l);
	if (lt->accept_queue <= 0)
		return -1;
	const struct host *hst = &s->hosts[lt->host];
	for (uint32_t i = 0; i < hst->nsocks; i++) {
		int32_t c = hst->socks[i];
		struct tcb *t = sock_at(s, c);
		if (t->in_use && t->queued && t->parent == l) {
			t->queued = 0;
			sock_at(s, l)->accept_queue--;
			return c;
		}
	}
	/* Only children that died in the queue are left: Linux hands out the
	 * dead socket (its reads then see the reset); tcpsim just removes it. */
	lt->accept_queue--;
	return -2;
}
