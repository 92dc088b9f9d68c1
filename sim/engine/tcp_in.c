/* tcp_in: a segment arrives (RFC 9293 section 3.10.7), with RFC 5961's RST,
 * SYN and ACK checks and Linux's TIME_WAIT rules.  Call order:
 *   tcp_input() -> demultiplex -> listen_input() | synsent_input() |
 *   timewait_input() | synced_input() -> ack_input() / data_input() /
 *   fin_input().
 * sim.c calls tcp_input() for every EV_SEG_ARRIVE event. */
#include <string.h>

#include "engine.h"

static int is_linux(struct sim *s, int32_t h)
{
	return sock_params(s, h)->profile != PROFILE_RFC9293;
}

/* How long an orphaned FIN_WAIT_2 waits for the peer's FIN: fin_timeout,
 * and on Linux at least 3.5 RTO (tcp_fin_time()). */
static void arm_fin_wait_2(struct sim *s, int32_t h)
{
	const struct tcp_params *p = sock_params(s, h);
	const struct tcb *t = sock_at(s, h);
	if (!t->orphan || p->fin_timeout <= 0)
		return;
	simtime_t tmo = p->fin_timeout;
	if (is_linux(s, h) && tmo < 4 * t->rto - t->rto / 2) /* (rto << 2) - (rto >> 1) */
		tmo = 4 * t->rto - t->rto / 2;
	timer_arm(s, h, TIMER_FIN_WAIT_2, tmo);
}

static void enter_time_wait(struct sim *s, int32_t h, int arrow, int32_t seg)
{
	state_change(s, h, arrow, by_segment(seg));
}

static uint32_t cookie_of(const struct host *hst, uint32_t src, uint16_t sport, uint32_t dst,
                          uint16_t dport, uint32_t seq)
{
	/* A keyed mix of the 4-tuple and the client's ISN (a SYN cookie). */
	uint64_t x = ((uint64_t)src << 32 | dst) ^ ((uint64_t)sport << 16 | dport) ^
	             ((uint64_t)seq << 21) ^ hst->secret;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	x ^= x >> 33;
	return (uint32_t)x;
}

/* The payload a full segment carries: the MSS both sides allow less the
 * options every segment has, i.e. the 12 bytes of an aligned TS option once
 * negotiated (Linux: tcp_sync_mss() with tp->tcp_header_len; RFC 9293 3.7.1:
 * Eff.snd.MSS subtracts the TCP options). */
static uint16_t sync_mss(const struct tcb *t, uint16_t mss)
{
	return (uint16_t)(mss - (t->ts_ok ? TS_OPT_ALIGNED : 0));
}

/* Takes the peer's SYN options (RFC 9293 3.7.1, RFC 7323, RFC 2018). */
static void take_syn_options(struct sim *s, int32_t h, const struct segment *g)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	t->peer_mss = g->opt_mss ? g->opt_mss : 536;
	t->sack_ok = g->opt_sackok && p->sack;
	t->ts_ok = g->opt_ts && p->timestamps;
	t->mss = sync_mss(t, p->mss < t->peer_mss ? p->mss : t->peer_mss);
	t->advmss = sync_mss(t, p->mss);
	if (t->ts_ok) {
		t->ts_recent = g->ts_val;
		t->ts_recent_stamp = s->now;
	}
	/* a passive socket picks its SYN,ACK's window for segments that
	 * carry the options just agreed (tcp_openreq_init_rwin) */
	if (t->state != TCPS_SYN_SENT)
		t->wscale_ann = (uint8_t)rcvwin_syn(t, p, t->advmss);
	if (g->opt_wscale != 0xff && rcvwin_wscale_ok(p)) {
		t->snd_wscale = g->opt_wscale > 14 ? 14 : g->opt_wscale;
		t->rcv_wscale = t->wscale_ann;
	} else {
		t->snd_wscale = 0xff; /* not negotiated; read as 0 */
		t->rcv_wscale = 0;
	}
	pmtu_mtup_init(s, h); /* mtu_probing=2: probing on */
	cc_init(t, p);        /* the initial window at the agreed MSS */
}

static uint32_t snd_shift(const struct tcb *t)
{
	return t->snd_wscale == 0xff ? 0 : t->snd_wscale;
}

/* Creates the embryo a SYN makes on a listener (LISTEN -> SYN_RCVD). */
static int32_t new_child(struct sim *s, int32_t l, const struct segment *g, int32_t seg,
                         int have_isn, uint32_t isn)
{
	struct tcb *lt = sock_at(s, l);
	int host = lt->host;
	int32_t h = sock_new(s, host);
	struct tcb *t = sock_at(s, h);
	lt = sock_at(s, l); /* sock_new may move the array */
	const struct tcp_params *p = &s->hosts[host].p;
	t->passive = 1;
	t->nodelay = lt->nodelay; /* accepted sockets inherit TCP_NODELAY */
	t->parent = l;
	t->laddr = g->dst;
	t->lport = g->dport;
	t->raddr = g->src;
	t->rport = g->sport;
	t->irs = g->seq;
	t->rcv_nxt = g->seq + 1;
	t->rcv_adv = t->rcv_nxt;
	t->iss =
	    have_isn ? isn : (p->isn_random ? (uint32_t)rng_next(&s->hosts[host].rng) : p->isn);
	t->snd_una = t->snd_nxt = t->snd_max = t->snd_sml = t->iss;
	take_syn_options(s, h, g);
	t->snd_wnd = g->wnd;
	t->max_snd_wnd = t->snd_wnd;
	t->snd_wl1 = g->seq;
	t->state = TCPS_LISTEN;
	lt->syn_queue++;
	lt->syn_young++; /* it has not timed out yet (reqsk_timer_handler's young) */
	sock_hash_add(s, h);
	report_sock(s, h);
	state_change(s, h, ARROW_LISTEN_SYN, by_segment(seg));
	return h;
}

static void synced_input(struct sim *s, int32_t h, struct segment *g, int32_t seg);

static void listen_input(struct sim *s, int32_t l, const struct segment *g, int32_t seg,
                         int have_isn, uint32_t isn)
{
	struct tcb *lt = sock_at(s, l);
	int host = lt->host;
	struct host *hst = &s->hosts[host];
	if (g->flags & TH_RST)
		return; /* LISTEN ignores RST */
	if (g->flags & TH_ACK) {
		if (!(g->flags & TH_SYN) && hst->p.syncookies &&
		    g->ack - 1 == cookie_of(hst, g->src, g->sport, g->dst, g->dport, g->seq - 1)) {
			if (reqsk_accept_full(s, l)) {
				/* tcp_v4_syn_recv_sock() fails as for a request */
				trigger_info(s, host, l, INFO_ACCEPT_QUEUE_FULL, seg);
				if (hst->p.abort_on_overflow)
					tcp_send_rst_for(s, host, g);
				return;
			}
			/* A valid cookie: build the connection from the ACK alone. */
			struct segment syn = *g;
			syn.seq = g->seq - 1;
			syn.opt_mss = 0;
			syn.opt_wscale = 0xff;
			syn.opt_sackok = 0;
			if (g->opt_ts && hst->p.profile != PROFILE_RFC9293) {
				/* Linux: cookie_timestamp_decode(): the SYN's window
				 * scale and SACK came back in the low bits of TSecr */
				uint32_t bits = g->ts_ecr & 63;
				syn.opt_wscale = (bits & 15) == 15 ? 0xff : (uint8_t)(bits & 15);
				syn.opt_sackok = (bits >> 4) & 1;
			} else {
				syn.opt_ts = 0;
			}
			int32_t h = new_child(s, l, &syn, seg, 1, g->ack - 1);
			struct tcb *t = sock_at(s, h);
			t->snd_una = t->snd_nxt = t->snd_max = g->ack;
			/* as the cookie offered */
			t->rcv_adv =
			    t->rcv_nxt +
			    (hst->p.profile == PROFILE_RFC9293 ? tcp_rcv_window(t) : t->rcv_wnd);
			t->mss = sync_mss(t, hst->p.mss < 1460 ? hst->p.mss : 1460);
			report_info(s, host, h, INFO_SYNCOOKIE_OK, seg);
			state_change(s, h, ARROW_SYNRCVD_ACK, by_segment(seg));
			if ((g->len || (g->flags & TH_FIN)) &&
			    sock_at(s, h)->state == TCPS_ESTABLISHED) {
				/* the ACK that carried the cookie also carries data: take it */
				struct segment rest = *g;
				synced_input(s, h, &rest, seg);
			}
			return;
		}
		tcp_send_rst_for(s, host, g); /* <SEQ=SEG.ACK><RST> */
		return;
	}
	if (!(g->flags & TH_SYN))
		return;
	if ((g->flags & TH_FIN) && hst->p.profile != PROFILE_RFC9293)
		return; /* Linux drops SYN,FIN at a listener (tcp_rcv_state_process) */
	int verdict = reqsk_admit(s, l, have_isn, seg);
	if (verdict == REQ_DROP)
		return;
	if (verdict == REQ_COOKIE) {
		/* The cookie SYN,ACK keeps no state.  Without timestamps MSS is
		 * its only option; with them Linux offers SACK and window scale
		 * too and codes the SYN's into the low 6 bits of its TSval
		 * (cookie_init_timestamp()), which the ACK echoes back. */
		uint32_t cookie = cookie_of(hst, g->src, g->sport, g->dst, g->dport, g->seq);
		struct segment a = seg_between(g->dst, g->dport, g->src, g->sport, TH_SYN | TH_ACK,
		                               cookie, g->seq + 1);
		int cookie_ts = g->opt_ts && hst->p.timestamps && hst->p.profile != PROFILE_RFC9293;
		int cookie_ws;
		a.wnd = rcvwin_cookie(&hst->p, hst->p.mss - (cookie_ts ? TS_OPT_ALIGNED : 0),
		                      &cookie_ws);
		a.opt_mss = hst->p.mss;
		if (cookie_ts) {
			int ws = g->opt_wscale != 0xff && rcvwin_wscale_ok(&hst->p);
			int sack = g->opt_sackok && hst->p.sack;
			uint32_t now = tcp_ts_clock(s, host);
			uint32_t ts =
			    (now & ~63u) | (ws ? g->opt_wscale & 15u : 15u) | (sack ? 16u : 0u);
			if ((int32_t)(ts - now) > 0)
				ts -= 64;
			a.opt_ts = 1;
			a.ts_val = ts;
			a.ts_ecr = g->ts_val;
			a.opt_sackok = (uint8_t)sack;
			if (ws)
				a.opt_wscale = (uint8_t)cookie_ws;
		}
		report_info(s, host, l, INFO_SYNCOOKIE_SENT, seg);
		link_send(s, host, &a, -1, 0);
		return;
	}
	int32_t h = new_child(s, l, g, seg, have_isn, isn);
	tcp_send_syn(s, h, 0);
}

/* RFC 9293 3.10.7.3 */
/* What a handshake leaves for the data that follows: the RTT sample, the
 * RTO and the initial window, taken when the SYN,ACK (active side) or the
 * third ACK (passive side) arrives.  `resent` is how many SYNs (SYN,ACKs)
 * this socket sent again; `timeouts` how many of those its timer sent. */
static void handshake_done(struct sim *s, int32_t h, const struct segment *g, uint32_t resent,
                           uint32_t timeouts)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (resent == 0) {
		rto_sample(t, s->now - t->first_tx, g->ack, p);
		return;
	}
	if (p->profile == PROFILE_RFC9293) {
		/* RFC 6298 5.7: the timer ran out waiting for the SYN's ACK and
		 * Karn's rule left no sample: the data starts with a 3 s RTO;
		 * RFC 5681 3.1: after a lost SYN or SYN,ACK (one sent again) the
		 * initial window is one segment */
		if (timeouts && !t->rtt_valid)
			t->rto = 3 * SIMTIME_S;
		t->cwnd = t->mss;
		return;
	}
	/* Linux: Karn's rule leaves no timed sample, but the echoed timestamp
	 * gives one (tcp_ack_update_rtt with FLAG_SYN_ACKED, from
	 * tcp_rcv_synsent_state_process's tcp_ack or tcp_synack_rtt_meas;
	 * tcp_rtt_tsopt_us: whole milliseconds, at least 1) */
	if (t->ts_ok && g->opt_ts && g->ts_ecr) {
		uint32_t ms = tcp_ts_clock(s, t->host) - g->ts_ecr;
		if (ms < 0x80000000u)
			rto_sample(t, (simtime_t)(ms ? ms : 1) * SIMTIME_MS, g->ack, p);
	}
	/* tcp_init_metrics: no sample from the handshake (timestamps off):
	 * RTO TCP_TIMEOUT_FALLBACK, 3 s (RFC 6298 5.7) */
	if (!t->rtt_valid)
		t->rto = 3 * SIMTIME_S;
	/* tcp_init_transfer: cwnd 1 after more than one SYN (SYN,ACK)
	 * retransmission (total_retrans > 1) while undo_marker is set: a timer
	 * ran out (tcp_enter_loss; a child gets it from the request's
	 * num_timeout, tcp_create_openreq_child) and the echoed timestamp is
	 * not the first SYN's (SYN,ACK's), which would show that it arrived
	 * and the timeout was spurious (tcp_try_undo_spurious_syn). */
	uint32_t first_ts = (uint32_t)(t->first_tx / SIMTIME_MS) + s->hosts[t->host].secret;
	int spurious = t->ts_ok && g->opt_ts && g->ts_ecr == first_ts;
	if (resent > 1 && timeouts && !spurious)
		t->cwnd = t->mss;
}

static void synsent_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	int ack_ok = 0;
	if (g->flags & TH_ACK) {
		if (SEQ_LEQ(g->ack, t->iss) || SEQ_GT(g->ack, t->snd_max)) {
			if (!(g->flags & TH_RST))
				tcp_send_rst(s, h, g->ack);
			report_info(s, t->host, h, INFO_BAD_ACK, seg);
			/* Linux: the peer may hold an old connection that our RST
			 * has just cleared: send the SYN again 2 jiffies later
			 * rather than a whole RTO (tcp_rcv_synsent_state_process). */
			if (is_linux(s, h) && t->retries == 0)
				timer_arm(s, h, TIMER_RETRANSMIT, 8 * SIMTIME_MS);
			return;
		}
		ack_ok = SEQ_LT(t->snd_una, g->ack) && SEQ_LEQ(g->ack, t->snd_max);
	}
	if (g->flags & TH_RST) {
		if (ack_ok)
			state_change(s, h, ARROW_SYNSENT_RST,
			             with_err(by_segment(seg), SE_ECONNREFUSED));
		else
			report_info(s, t->host, h, INFO_RST_IGNORED, seg);
		return;
	}
	if (!(g->flags & TH_SYN))
		return;
	t->irs = g->seq;
	t->rcv_nxt = g->seq + 1;
	take_syn_options(s, h, g);
	/* Linux: the SYN's window counts from RCV.NXT (rcv_wup); the
	 * rfc9293 profile: nothing offered yet in this sequence space */
	t->rcv_adv = t->rcv_nxt + (is_linux(s, h) ? t->rcv_wnd : 0);
	t->snd_wnd = g->wnd;
	t->max_snd_wnd = t->snd_wnd;
	t->snd_wl1 = g->seq;
	t->snd_wl2 = g->ack;
	report_sock(s, h);
	if (ack_ok) {
		t->snd_una = g->ack;
		handshake_done(s, h, g, t->retries, t->retries);
		t->retries = 0;
		/* tcp_ack() of the SYN,ACK ends in tcp_cong_control() */
		if (is_linux(s, h))
			t->pacing_rate = cc_pacing_rate(t);
		timer_cancel(s, h, TIMER_RETRANSMIT);
		t->timers[TIMER_RETRANSMIT].attempt = 0;
		if (t->snd_wscale == 0xff)
			t->rcv_wscale = 0;
		state_change(s, h, ARROW_SYNSENT_SYNACK, by_segment(seg));
		if (t->state != TCPS_ESTABLISHED)
			return;    /* an `on` action already moved it on */
		if (t->fin_queued) /* closed while connecting: data, then FIN */
			state_change(s, h, ARROW_EST_CLOSE, by_queued_close(seg));
		tcp_send_ack(s, h);
		tcp_output(s, h);
		return;
	}
	/* Simultaneous open: answer with SYN,ACK on the same ISS. */
	state_change(s, h, ARROW_SYNSENT_SYN, by_segment(seg));
	tcp_send_syn(s, h, 1);
}

/* TIME_WAIT as the rfc9293 profile has it (RFC 9293 3.10.7.4, RFC 1337). */
static void rfc_timewait_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (g->flags & TH_RST) {
		if (p->rfc1337)
			report_info(s, t->host, h, INFO_TW_RST_IGNORED, seg);
		else
			state_change(s, h, ARROW_TW_RST, by_segment(seg));
		return;
	}
	if ((g->flags & TH_SYN) && !(g->flags & TH_ACK)) {
		int32_t l = sock_listener(s, t->host, t->lport);
		if (SEQ_GT(g->seq, t->rcv_nxt) && l >= 0) {
			/* A new incarnation: Linux reopens with ISN = old SND.NXT + 65537. */
			uint32_t isn = t->snd_nxt + 65537;
			state_change(s, h, ARROW_TW_REOPEN, by_segment(seg));
			listen_input(s, l, g, seg, 1, isn);
			return;
		}
		tcp_send_oow_ack(s, h, g, seg, 0);
		return;
	}
	if ((g->flags & TH_FIN) && g->seq + g->len + 1 == t->rcv_nxt) {
		report_info(s, t->host, h, INFO_TW_FIN_REACKED, seg);
		tcp_send_ack(s, h);
		timer_arm(s, h, TIMER_TIME_WAIT, simtime_mul(p->msl, 2));
		return;
	}
	if (g->len > 0 || (g->flags & TH_FIN)) {
		report_info(s, t->host, h, INFO_TW_OLD_DUP, seg);
		tcp_send_oow_ack(s, h, g, seg, 0);
	}
}

/* Linux: tcp_timewait_state_process(), and a SYN that reopens the
 * connection goes to the listener with ISN = old SND.NXT + 65537
 * (tcp_v4_rcv); with no listener the SYN is ACKed like the rest. */
static void timewait_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	if (!is_linux(s, h)) {
		rfc_timewait_input(s, h, g, seg);
		return;
	}
	uint32_t isn = 0;
	if (tw_input(s, h, g, seg, &isn) != TW_SYN)
		return;
	struct tcb *t = sock_at(s, h);
	int32_t l = sock_listener(s, t->host, t->lport);
	if (l < 0) {
		report_info(s, t->host, h, INFO_TW_SYN_NO_LISTENER, seg);
		tcp_send_oow_ack(s, h, g, seg, 0);
		return;
	}
	state_change(s, h, ARROW_TW_REOPEN, by_segment(seg));
	listen_input(s, l, g, seg, 1, isn);
}

/* RFC 9293 3.10.7.4 first: is the segment acceptable? */
static int acceptable(const struct tcb *t, const struct segment *g)
{
	uint32_t wnd = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	uint32_t len = seg_seqlen(g);
	if (len == 0)
		return wnd == 0 ? g->seq == t->rcv_nxt
		                : SEQ_IN(g->seq, t->rcv_nxt, t->rcv_nxt + wnd);
	if (wnd == 0)
		return 0;
	return SEQ_IN(g->seq, t->rcv_nxt, t->rcv_nxt + wnd) ||
	       SEQ_IN(g->seq + len - 1, t->rcv_nxt, t->rcv_nxt + wnd);
}

/* Cuts what lies before RCV.NXT or past the window off the segment. */
static void trim(const struct tcb *t, struct segment *g)
{
	if (SEQ_LT(g->seq, t->rcv_nxt)) {
		uint32_t cut = t->rcv_nxt - g->seq;
		if (g->flags & TH_SYN) {
			g->flags &= (uint8_t)~TH_SYN;
			cut--;
			g->seq++;
		}
		if (cut > g->len)
			cut = g->len;
		g->seq += cut;
		g->len -= cut;
	}
	uint32_t wnd = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	uint32_t right = t->rcv_nxt + wnd;
	if (g->len && SEQ_GT(g->seq + g->len, right)) {
		g->len = SEQ_GT(right, g->seq) ? right - g->seq : 0;
		g->flags &= (uint8_t)~TH_FIN;
	}
}

static void reset_input(struct sim *s, int32_t h, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	if (is_linux(s, h) && !(t->state == TCPS_SYN_RCVD && t->passive)) {
		/* Linux: tcp_reset(): EPIPE in CLOSE_WAIT, ECONNRESET in every other
		 * synchronized state (FIN_WAIT_1, FIN_WAIT_2, CLOSING, LAST_ACK,
		 * the SYN_RCVD of a simultaneous open), seen unless closed. */
		int err = t->orphan                     ? SE_OK
		          : t->state == TCPS_CLOSE_WAIT ? SE_EPIPE
		                                        : SE_ECONNRESET;
		state_change(s, h, ARROW_RST, with_err(by_segment(seg), err));
		return;
	}
	switch (t->state) {
	case TCPS_SYN_RCVD:
		if (t->passive)
			state_change(s, h, ARROW_SYNRCVD_RST, by_segment(seg));
		else
			state_change(s, h, ARROW_SYNRCVD_REFUSED,
			             with_err(by_segment(seg), SE_ECONNREFUSED));
		break;
	case TCPS_ESTABLISHED:
	case TCPS_FIN_WAIT_1:
	case TCPS_FIN_WAIT_2:
	case TCPS_CLOSE_WAIT: {
		int err = t->orphan                                     ? SE_OK
		          : (t->state == TCPS_CLOSE_WAIT || t->shut_wr) ? SE_EPIPE
		                                                        : SE_ECONNRESET;
		state_change(s, h, ARROW_RST, with_err(by_segment(seg), err));
		break;
	}
	default: state_change(s, h, ARROW_RST, by_segment(seg));
	}
}

/* Linux: tcp_ack_update_rtt(): the RTT of the oldest byte acknowledged
 * (tcp_clean_rtx_queue), or, when a retransmission is among them, the
 * echoed timestamp's age in milliseconds; rfc9293: one timed segment per
 * round trip (RFC 6298 with Karn's rule).  1 when a sample was taken. */
static int rtt_sample(struct sim *s, int32_t h, const struct segment *g, uint32_t *delivered)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (p->profile == PROFILE_RFC9293) {
		if (!t->rtt_timing || !SEQ_GEQ(g->ack, t->rtt_seq))
			return 0;
		rto_sample(t, s->now - t->rtt_start, g->ack, p);
		t->rtt_timing = 0;
		return 1;
	}
	simtime_t rtt = -1;
	if (!txq_acked(t, t->snd_una, g->ack, t->snd_max, s->now, &rtt, delivered)) {
		rtt = -1;
		if (g->opt_ts && g->ts_ecr && t->ts_ok) {
			uint32_t ms = tcp_ts_clock(s, t->host) - g->ts_ecr;
			if (ms < 0x80000000u)
				rtt = (simtime_t)ms * SIMTIME_MS;
		}
	}
	if (rtt < 0)
		return 0;
	rto_sample(t, rtt, g->ack, p);
	if (!t->min_rtt || rtt < t->min_rtt)
		t->min_rtt = rtt < 1 ? 1 : rtt; /* tcp_update_rtt_min() */
	return 1;
}

/* The linux profile with SACK: losses are found by RACK from the SACK
 * scoreboard (tcp_recovery.c), not by counting duplicate ACKs. */
static int rack_mode(struct sim *s, int32_t h)
{
	return is_linux(s, h) && sock_at(s, h)->sack_ok;
}

static void new_ack(struct sim *s, int32_t h, const struct segment *g, int32_t seg,
                    uint32_t *delivered)
{
	uint32_t ack = g->ack;
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	uint32_t acked = ack - t->snd_una;
	cc_on_ack_sample(t, p, h, &s->tr, ack, t->srtt, s->now);
	if (t->snd_una == t->iss)
		acked--; /* our SYN */
	if (t->fin_sent && SEQ_GT(ack, t->fin_seq)) {
		t->fin_acked = 1;
		acked--;
	}
	if (acked > t->snd_queued)
		acked = (uint32_t)t->snd_queued;
	t->snd_queued -= acked;
	t->bytes_acked += acked;
	*delivered = ack - t->snd_una;
	if (!rtt_sample(s, h, g, delivered) && t->rtt_valid && t->retries) {
		rto_from_estimate(t, p, 0); /* the backoff ends */
	}
	t->retries = 0;
	t->timers[TIMER_RETRANSMIT].attempt = 0;
	t->keepalive_probes = 0;
	if (rack_mode(s, h)) {
		/* Linux: recovery ends when SND.UNA passes the point it began at
		 * (tcp_fastretrans_alert, tcp_end_cwnd_reduction: cwnd = ssthresh);
		 * cwnd grows only outside it (tcp_may_raise_cwnd); the ACK may
		 * show the cut needless and undo it first (recovery.c) */
		int was_recovering = t->in_recovery;
		int undone = recovery_new_ack(s, h, g, seg);
		t = sock_at(s, h);
		if (was_recovering && !t->in_recovery && !undone)
			cc_on_recovery_end(t, p);
		else if (!was_recovering || undone) /* tcp_cong_control() after the undo */
			cc_on_ack(t, p, acked, s->now);
	} else if (t->in_recovery) {
		/* NewReno recovery (RFC 6582); the window itself is cc.c's. */
		if (SEQ_GEQ(ack, t->recover)) {
			t->in_recovery = 0;
			cc_on_recovery_end(t, p);
		} else {
			t->snd_una = ack;
			tcp_retransmit_first(s, h);
			cc_on_partial_ack(t, p, acked);
		}
	} else {
		cc_on_ack(t, p, acked, s->now);
	}
	t->dupacks = 0;
	t->snd_una = ack;
	if (SEQ_LT(t->snd_nxt, ack))
		t->snd_nxt = ack;
	t->first_tx = s->now; /* the give-up clock; the RTO is armed below */
	if (t->tlp_out && SEQ_GEQ(ack, t->tlp_high))
		t->tlp_out = 0; /* tcp_process_tlp_ack() */
	if (t->snd_una == t->snd_max) {
		txq_reset(t);
		timer_cancel(s, h, TIMER_RETRANSMIT);
		t->tlp_armed = 0;
	} else {
		tcp_arm_xmit_timer(s, h);
	}
}

/* RFC 9293 3.10.7.4 fifth: the ACK field.  Returns 0 to stop processing. */
static int ack_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	uint32_t back = t->max_snd_wnd;
	if (is_linux(s, h)) {
		/* Linux: tcp_ack() accepts old ACKs back to min(max window, bytes
		 * acknowledged so far, the SYN and FIN included) and challenges
		 * the rest (RFC 5961 5.2). */
		uint64_t done = t->bytes_acked + 1 + (t->fin_acked ? 1 : 0);
		if (done < back)
			back = (uint32_t)done;
	}
	if (SEQ_LT(g->ack, t->snd_una - back) || SEQ_GT(g->ack, t->snd_max)) {
		report_info(s, t->host, h, INFO_BAD_ACK, seg);
		tcp_send_oow_ack(s, h, g, seg, is_linux(s, h));
		return 0;
	}
	uint32_t wnd = (uint32_t)g->wnd << snd_shift(t);
	int prior_inflight = t->snd_max != t->snd_una;
	int rack = rack_mode(s, h), advanced = SEQ_GT(g->ack, t->snd_una);
	uint32_t delivered = 0;
	/* tcp_sacktag_write_queue() -> tcp_check_dsack(), even with nothing
	 * in flight */
	int dsack = rack && g->nsack ? recovery_check_dsack(s, h, g) : 0;
	if (rack && g->nsack && prior_inflight)
		delivered = txq_sack(t, g, t->snd_una, t->snd_max, s->now);
	if (SEQ_GT(g->ack, t->snd_una)) {
		uint32_t acked = 0;
		new_ack(s, h, g, seg, &acked);
		delivered += acked;
	} else if (g->ack == t->snd_una && g->len == 0 && !(g->flags & (TH_SYN | TH_FIN)) &&
	           wnd == t->snd_wnd && t->snd_max != t->snd_una) {
		t->dupacks++;
		report_info(s, t->host, h, INFO_DUP_ACK, seg);
		if (rack) {
			/* RACK decides below */
		} else if (t->dupacks == 3 && !t->in_recovery) {
			cc_on_loss_event(t, sock_params(s, h));
			t->recover = t->snd_max;
			t->in_recovery = 1;
			report_info(s, t->host, h, INFO_FAST_RETRANSMIT, seg);
			tcp_retransmit_first(s, h);
		} else if (t->dupacks > 3 && t->in_recovery) {
			cc_on_recovery_dupack(t, sock_params(s, h));
		}
	}
	/* Window update (RFC 9293 3.10.7.4, SND.WL1 / SND.WL2 rule). */
	if (SEQ_LT(t->snd_wl1, g->seq) || (t->snd_wl1 == g->seq && SEQ_LEQ(t->snd_wl2, g->ack))) {
		int was_open = t->snd_wnd > 0;
		/* tcp_ack_update_window(): a new window with data waiting */
		if (wnd != t->snd_wnd && t->snd_queued > (uint64_t)(t->snd_max - t->snd_una))
			cc_idle_restart(t, sock_params(s, h), s->now);
		t->snd_wnd = wnd;
		t->snd_wl1 = g->seq;
		t->snd_wl2 = g->ack;
		if (wnd > t->max_snd_wnd)
			t->max_snd_wnd = wnd;
		if (wnd == 0 && was_open)
			report_info(s, t->host, h, INFO_ZERO_WINDOW, seg);
		/* (the SWS override timeout, rfc9293, runs on until a segment goes) */
		if (wnd > 0 && t->timers[TIMER_PERSIST].armed && !is_linux(s, h) &&
		    t->timers[TIMER_PERSIST].attempt != TIMER_ATTEMPT_SWS)
			timer_cancel(s, h, TIMER_PERSIST);
	}
	if (dsack)
		recovery_dsack_undo(s, h, seg);
	if (rack && prior_inflight)
		recovery_on_ack(s, h, delivered, advanced, seg);
	/* Linux: tcp_ack() ends with tcp_cong_control() ->
	 * tcp_update_pacing_rate() when something was in flight (prior_packets;
	 * an ACK that finds nothing in flight leaves the rate as it was) */
	if (is_linux(s, h) && prior_inflight)
		t->pacing_rate = cc_pacing_rate(t);
	/* Linux: tcp_ack() ends an ACK that found nothing in flight with
	 * tcp_ack_probe(): the probe timer restarts from this ACK */
	if (is_linux(s, h) && !prior_inflight)
		tcp_ack_probe(s, h);
	switch (t->state) {
	case TCPS_FIN_WAIT_1:
		if (t->fin_acked && !(g->flags & TH_FIN)) {
			state_change(s, h, ARROW_FW1_ACK, by_segment(seg));
			arm_fin_wait_2(s, h);
		}
		return 1;
	case TCPS_CLOSING:
		if (t->fin_acked)
			enter_time_wait(s, h, ARROW_CLOSING_ACK, seg);
		return 0;
	case TCPS_LAST_ACK:
		if (t->fin_acked)
			state_change(s, h, ARROW_LASTACK_ACK, by_segment(seg));
		return 0;
	default: return 1;
	}
}

/* Queues lo:hi out of order; mem is the buffer its frame holds (linux,
 * sk_rmem_alloc), kept with its range until RCV.NXT reaches it.  A frame
 * whose bytes are all queued already is dropped and holds nothing
 * (tcp_data_queue_ofo: "All the bits are present"). */
static void ooo_add(struct tcb *t, uint32_t lo, uint32_t hi, uint32_t mem)
{
	for (int i = 0; i < t->nooo; i++) {
		uint32_t *r = t->ooo[i];
		if (SEQ_LEQ(lo, r[1]) && SEQ_GEQ(hi, r[0])) {
			if (SEQ_LT(lo, r[0]) || SEQ_GT(hi, r[1]))
				t->ooo_mem[i] += mem;
			if (SEQ_LT(lo, r[0]))
				r[0] = lo;
			if (SEQ_GT(hi, r[1]))
				r[1] = hi;
			return;
		}
	}
	if (t->nooo == OOO_MAX)
		return; /* forget it: the sender will retransmit */
	/* Newest first, as SACK blocks report them (RFC 2018). */
	memmove(t->ooo[1], t->ooo[0], sizeof t->ooo[0] * t->nooo);
	memmove(&t->ooo_mem[1], &t->ooo_mem[0], sizeof t->ooo_mem[0] * t->nooo);
	t->ooo[0][0] = lo;
	t->ooo[0][1] = hi;
	t->ooo_mem[0] = mem;
	t->nooo++;
}

/* Moves RCV.NXT over queued out-of-order ranges it has reached; their
 * buffers go to the receive queue with them, or are freed when RCV.NXT
 * had passed them already (tcp_ofo_queue). */
static uint32_t ooo_pull(struct tcb *t, simtime_t now)
{
	uint32_t got = 0;
	for (int moved = 1; moved;) {
		moved = 0;
		for (int i = 0; i < t->nooo; i++) {
			if (SEQ_LEQ(t->ooo[i][0], t->rcv_nxt)) {
				if (SEQ_GT(t->ooo[i][1], t->rcv_nxt)) {
					uint32_t n = t->ooo[i][1] - t->rcv_nxt;
					got += n;
					t->rcv_nxt = t->ooo[i][1];
					rcvwin_ooo_queued(t, n, t->ooo_mem[i], now);
				}
				memmove(t->ooo[i], t->ooo[i + 1],
				        sizeof t->ooo[0] * (size_t)(t->nooo - i - 1));
				memmove(&t->ooo_mem[i], &t->ooo_mem[i + 1],
				        sizeof t->ooo_mem[0] * (size_t)(t->nooo - i - 1));
				t->nooo--;
				moved = 1;
				break;
			}
		}
	}
	return got;
}

static void deliver(struct tcb *t, uint32_t n)
{
	t->bytes_received += n;
	if (!t->reading)
		t->rcv_unread += n;
}

/* RFC 9293 3.10.7.4 seventh: segment text, ACKed at once or by the delayed-ACK timer. */
static void data_input(struct sim *s, int32_t h, struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (g->seq != t->rcv_nxt) {
		uint32_t mem;
		if (rcvwin_ooo(t, p, g->len, (g->flags & TH_PSH) != 0, s->now, &mem))
			t->quick |= 1; /* tcp_grow_window() */
		ooo_add(t, g->seq, g->seq + g->len, mem);
		g->flags &= (uint8_t)~TH_FIN; /* a FIN past a hole waits for its retransmission */
		report_info(s, t->host, h, INFO_OOO_DATA, seg);
		if (p->profile != PROFILE_RFC9293 && t->sack_ok)
			ack_ooo(s, h);
		else
			tcp_send_ack(s, h);
		return;
	}
	if (p->profile != PROFILE_RFC9293)
		rcvwin_rtt(t, p, g->len, t->ts_ok && g->opt_ts, g->ts_ecr, tcp_ts_clock(s, t->host),
		           s->now);
	t->rcv_nxt += g->len;
	if (p->profile != PROFILE_RFC9293) {
		/* Linux: tcp_data_queue() -> tcp_event_data_recv(); the ACK
		 * is decided after our own reply, if any (ack_snd_check) */
		rcvwin_data(t, p, g->len, 1, (g->flags & TH_PSH) != 0, s->now);
		ack_data_recv(t, p, s->now);
		if (rcvwin_grow(t, p, g->len, 1, s->now))
			t->quick |= 1;
		deliver(t, g->len);
		if (t->nooo) {
			deliver(t, ooo_pull(t, s->now));
			if (!t->nooo)
				t->ack_now = 1; /* the hole is filled (RFC 5681 4.2) */
		}
		return;
	}
	deliver(t, g->len);
	int filled = t->nooo > 0;
	deliver(t, ooo_pull(t, s->now));
	if (g->flags & TH_FIN)
		return; /* fin_input sends the ACK */
	t->unacked_segs++;
	if (filled || !p->delack || t->unacked_segs >= 2 || !t->reading)
		tcp_send_ack(s, h);
	else if (!t->timers[TIMER_DELACK].armed)
		timer_arm(s, h, TIMER_DELACK, p->delack_time);
}

/* RFC 9293 3.10.7.4 eighth: the FIN bit. */
static void fin_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	t->rcv_nxt++;
	t->fin_rcvd = 1;
	switch (t->state) {
	case TCPS_SYN_RCVD: state_change(s, h, ARROW_SYNRCVD_FIN, by_segment(seg)); break;
	case TCPS_ESTABLISHED: state_change(s, h, ARROW_EST_FIN, by_segment(seg)); break;
	case TCPS_FIN_WAIT_1:
		if (t->fin_acked)
			enter_time_wait(s, h, ARROW_FW1_FINACK, seg);
		else
			state_change(s, h, ARROW_FW1_FIN, by_segment(seg));
		break;
	case TCPS_FIN_WAIT_2:
		timer_cancel(s, h, TIMER_FIN_WAIT_2);
		enter_time_wait(s, h, ARROW_FW2_FIN, seg);
		break;
	default: break; /* CLOSE_WAIT, CLOSING, LAST_ACK: a retransmitted FIN */
	}
	(void)g;
	t = sock_at(s, h);
	if (!t->in_use)
		return;
	if (is_linux(s, h) && t->state == TCPS_CLOSE_WAIT) {
		/* tcp_fin(): the application will answer: its ACK may wait
		 * for the reply (ping-pong), decided in ack_snd_check */
		t->ack_sched = 1;
		t->pingpong = 1;
		return;
	}
	tcp_send_ack(s, h);
}

/* Linux: tcp_reset_check(): after our FIN, a RST at RCV.NXT - 1 counts as
 * exact (the peer reset without having ACKed our FIN). */
static int rst_before_fin(const struct tcb *t, const struct segment *g)
{
	return g->seq == t->rcv_nxt - 1 && (t->state == TCPS_CLOSE_WAIT ||
	                                    t->state == TCPS_LAST_ACK || t->state == TCPS_CLOSING);
}

/* Linux: RFC 5961 3.2 extended: a RST resets at RCV.NXT, at RCV.NXT - 1
 * after a FIN, or at the right edge of our highest SACK block. */
static int rst_exact(struct sim *s, int32_t h, const struct segment *g)
{
	const struct tcb *t = sock_at(s, h);
	if (g->seq == t->rcv_nxt)
		return 1;
	if (!is_linux(s, h))
		return 0;
	if (rst_before_fin(t, g))
		return 1;
	if (!t->sack_ok || !t->nooo)
		return 0;
	uint32_t edge = t->ooo[0][1];
	for (int i = 1; i < t->nooo; i++)
		if (SEQ_GT(t->ooo[i][1], edge))
			edge = t->ooo[i][1];
	return g->seq == edge;
}

/* RFC 2883: a segment (partly) below RCV.NXT holding data or a FIN is a
 * duplicate; the next ACK reports its block (Linux's tcp_dsack_set). */
static void note_duplicate(struct tcb *t, const struct segment *g)
{
	uint32_t end = g->seq + g->len + ((g->flags & TH_FIN) ? 1u : 0u);
	if (!t->sack_ok || end == g->seq || !SEQ_LT(g->seq, t->rcv_nxt))
		return;
	t->dsack[0] = g->seq;
	t->dsack[1] = SEQ_GT(end, t->rcv_nxt) ? t->rcv_nxt : end;
	t->dsack_on = 1;
}

/* Linux: tcp_validate_incoming()'s first step, PAWS (RFC 7323 5.3).
 * Returns 1 when the segment goes on. */
static int paws_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	if (!t->ts_ok || !g->opt_ts || paws_check(t, g, s->now, 1))
		return 1;
	/* tcp_disordered_ack_check(): a pure duplicate ACK that may just be
	 * reordered is let through */
	uint32_t wnd = (uint32_t)g->wnd << snd_shift(t);
	if ((g->flags & TH_ACK) && seg_seqlen(g) == 0 && g->seq == t->rcv_nxt &&
	    g->ack == t->snd_una && wnd == t->snd_wnd)
		return 1;
	if (g->flags & TH_RST)
		return 1; /* a RST is checked by its sequence number alone */
	trigger_info(s, t->host, h, INFO_PAWS_REJECTED, seg);
	if (g->flags & TH_SYN) {
		tcp_send_oow_ack(s, h, g, seg, 1);
		return 0;
	}
	if ((g->flags & TH_ACK) && seg_seqlen(g) == 0 && SEQ_LT(g->seq, t->rcv_nxt))
		return 0; /* an old ACK: common, dropped without a word */
	note_duplicate(t, g);
	/* tcp_validate_incoming() -> tcp_send_dupack(): data (or a FIN) that
	 * starts below RCV.NXT means our ACKs are being lost or delayed, so
	 * the receiver goes back to quick-ACK mode (tcp_enter_quickack_mode,
	 * net/ipv4/tcp_input.c), as for any other duplicate.  Such a segment
	 * is never rate-limited (tcp_oow_rate_limited), so its ACK always goes. */
	if (seg_seqlen(g) && SEQ_LT(g->seq, t->rcv_nxt))
		ack_enter_quickack(t, sock_params(s, h));
	tcp_send_oow_ack(s, h, g, seg, 0);
	return 0;
}

/* Linux: the reading application (blocked in poll() or recv(), as the
 * recorder's driver is) copies out what has arrived: tcp_recvmsg_locked()
 * frees the buffers, measures for auto-tuning (tcp_rcv_space_adjust) and
 * may ACK at once (tcp_cleanup_rbuf). */
static void reader_take(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	uint32_t rest;
	if (!rcvwin_take(t, &rest))
		return;
	rcvwin_space_adjust(t, sock_params(s, h), t->rcv_nxt - t->rcv_unread - rest, s->now);
	ack_after_read(s, h);
}

/* A frame for a reading application has been through the receive path
 * (queued, tcp_data_ready's wakeup sent, its ACK decided).  The frame that
 * finds the reader asleep wakes it; the frames that arrive back to back
 * with it (the same instant) are handled before the reader runs, so the
 * second one still finds the first queued, as the recordings show (the
 * window the second ACK offers).  From then the reader keeps pace and
 * takes each frame as soon as the receive path is done with it; whatever
 * is left is taken when it runs (EV_READER, after the instant's frames). */
static void reader_after_frame(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (t->rmem_frames >= 2 || (!t->reader_woken && sim_instant_over(s))) {
		reader_take(s, h); /* (alone in its instant: EV_READER would be next) */
		return;
	}
	if (!t->reader_woken) {
		t->reader_woken = 1;
		sim_schedule(s, s->now, EV_READER, h, 0);
	}
}

void tcp_reader_wake(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	t->reader_woken = 0;
	if (t->in_use && t->reading && is_linux(s, h))
		reader_take(s, h);
}

static void synced_input(struct sim *s, int32_t h, struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	int lx = is_linux(s, h);
	if (lx && t->state == TCPS_SYN_RCVD && t->passive) {
		/* an embryo: Linux's request sock (tcp_check_req) */
		if (!reqsk_input(s, h, g, seg))
			return;
		t = sock_at(s, h);
	} else if (lx && t->state == TCPS_FIN_WAIT_2 && t->orphan) {
		/* an orphan: Linux's timewait sock in its FIN_WAIT2 substate */
		if (tw_fw2_input(s, h, g, seg) == TW_RST) {
			tcp_send_rst_for(s, t->host, g);
			state_change(s, h, ARROW_ABORT, by_segment(seg));
		}
		return;
	}
	if (lx && !(g->flags & (TH_ACK | TH_RST | TH_SYN)))
		return; /* tcp_rcv_state_process: a segment without any of them */
	if (t->state == TCPS_SYN_RCVD && (g->flags & TH_SYN) && !(g->flags & TH_ACK) &&
	    g->seq == t->irs) {
		tcp_send_syn(s, h, 1); /* the peer lost our SYN,ACK: say it again */
		return;
	}
	int crossed = 0;
	if (t->state == TCPS_SYN_RCVD && !t->passive && (g->flags & TH_SYN) &&
	    (g->flags & TH_ACK) && g->seq + 1 == t->rcv_nxt && g->ack == t->snd_nxt) {
		/* Simultaneous open (RFC 9293 Figure 8): the peer's SYN,ACK acknowledges
		 * our SYN; like Linux (since 6.11, tcp_rcv_state_process), take it as
		 * that ACK rather than an old SYN. */
		g->flags &= (uint8_t)~TH_SYN;
		g->seq = t->rcv_nxt;
		crossed = lx;
	}
	if (lx && !paws_input(s, h, g, seg))
		return;
	/* first: check sequence number */
	if (!acceptable(t, g)) {
		if (g->flags & TH_RST) {
			if (lx && rst_before_fin(t, g)) {
				reset_input(s, h, seg);
				return;
			}
			report_info(s, t->host, h, INFO_RST_IGNORED, seg);
			return;
		}
		if (lx && (g->flags & TH_SYN)) {
			report_info(s, t->host, h, INFO_CHALLENGE_ACK, seg);
			tcp_send_oow_ack(s, h, g, seg, 1);
			return;
		}
		report_info(s, t->host, h, g->len ? INFO_DUP_DATA : INFO_OUT_OF_WINDOW, seg);
		if (lx) {
			note_duplicate(t, g);
			if (g->len)
				ack_enter_quickack(t, sock_params(s, h)); /* tcp_send_dupack() */
		}
		tcp_send_oow_ack(s, h, g, seg, 0);
		return;
	}
	if (lx)
		paws_take(t, g, s->now);
	else if (t->ts_ok && g->opt_ts && SEQ_LEQ(g->seq, t->rcv_nxt))
		t->ts_recent = g->ts_val;
	trim(t, g);
	t->last_rcv = s->now;
	t->keepalive_probes = 0;
	/* second: check the RST bit (RFC 5961 section 3) */
	if (g->flags & TH_RST) {
		if (rst_exact(s, h, g)) {
			reset_input(s, h, seg);
		} else {
			report_info(s, t->host, h, INFO_CHALLENGE_ACK, seg);
			tcp_send_oow_ack(s, h, g, seg, lx);
		}
		return;
	}
	/* fourth: check the SYN bit (RFC 5961 section 4) */
	if (g->flags & TH_SYN) {
		report_info(s, t->host, h, INFO_CHALLENGE_ACK, seg);
		tcp_send_oow_ack(s, h, g, seg, lx);
		return;
	}
	/* fifth: check the ACK field */
	if (!(g->flags & TH_ACK))
		return;
	if (t->state == TCPS_SYN_RCVD) {
		if (!(SEQ_LT(t->snd_una, g->ack) && SEQ_LEQ(g->ack, t->snd_max))) {
			tcp_send_rst(s, h, g->ack);
			return;
		}
		handshake_done(s, h, g, t->retries + t->synack_rtx, t->retries);
		t->snd_una = g->ack;
		t->retries = 0;
		/* tcp_rcv_state_process(), SYN_RECV: tcp_update_pacing_rate() */
		if (is_linux(s, h))
			t->pacing_rate = cc_pacing_rate(t);
		t->timers[TIMER_RETRANSMIT].attempt = 0;
		timer_cancel(s, h, TIMER_RETRANSMIT);
		t->snd_wnd = (uint32_t)g->wnd << snd_shift(t);
		t->max_snd_wnd = t->snd_wnd;
		t->snd_wl1 = g->seq;
		t->snd_wl2 = g->ack;
		state_change(s, h, ARROW_SYNRCVD_ACK, by_segment(seg));
		t = sock_at(s, h);
		if (t->state != TCPS_ESTABLISHED)
			return;
		if (crossed) {
			/* Linux, now ESTABLISHED, hands the same SYN,ACK to
			 * tcp_data_queue: its SYN lies below RCV.NXT, a duplicate, so
			 * an immediate ACK with a D-SACK of it (tcp_dsack_set,
			 * tcp_enter_quickack_mode): six segments in all (kernel case
			 * simultaneous-open: `sack 1 {0:1}` both ways) */
			t->dsack[0] = t->irs;
			t->dsack[1] = t->irs + 1;
			t->dsack_on = t->sack_ok;
			ack_enter_quickack(t, sock_params(s, h));
			t->ack_sched = 1;
		}
		if (t->fin_queued) /* closed while in SYN_RCVD, with data queued */
			state_change(s, h, ARROW_EST_CLOSE, by_queued_close(seg));
	} else if (!ack_input(s, h, g, seg)) {
		return;
	}
	t = sock_at(s, h);
	if (!t->in_use)
		return;
	/* seventh: process the segment text */
	if (g->len > 0) {
		int st = t->state;
		if (st == TCPS_ESTABLISHED || st == TCPS_FIN_WAIT_1 || st == TCPS_FIN_WAIT_2) {
			if (t->orphan) {
				/* Linux: data for an application that has closed draws a RST:
				 * the stateless one for that segment, <SEQ=SEG.ACK><RST>. */
				report_info(s, t->host, h, INFO_DATA_AFTER_CLOSE, seg);
				if (lx)
					tcp_send_rst_for(s, t->host, g);
				else
					tcp_send_rst(s, h, t->snd_nxt);
				state_change(s, h, ARROW_ABORT, by_segment(seg));
				return;
			}
			data_input(s, h, g, seg);
		}
	}
	t = sock_at(s, h);
	/* eighth: check the FIN bit */
	if ((g->flags & TH_FIN) && g->seq + g->len == t->rcv_nxt && !t->fin_rcvd)
		fin_input(s, h, g, seg);
	else if ((g->flags & TH_FIN) && t->fin_rcvd && !lx)
		tcp_send_ack(s, h); /* a retransmitted FIN: our ACK was lost */
	/* Linux ignores text at or past RCV.NXT after the peer's FIN (a second,
	 * new FIN in CLOSE_WAIT draws nothing); a FIN it already had is a
	 * duplicate, answered above with a D-SACK. */
	t = sock_at(s, h);
	if (t->in_use)
		tcp_output(s, h);
	t = sock_at(s, h);
	if (lx && t->in_use)
		ack_snd_check(s, h); /* tcp_ack_snd_check(), after tcp_data_snd_check() */
	t = sock_at(s, h);
	if (lx && t->in_use && g->len > 0 && t->reading)
		reader_after_frame(s, h);
	if (t->in_use && t->state == TCPS_FIN_WAIT_1 && t->fin_acked) {
		/* our FIN was acked but the segment's FIN could not be taken yet */
		state_change(s, h, ARROW_FW1_ACK, by_segment(seg));
		arm_fin_wait_2(s, h);
	}
}

void tcp_input(struct sim *s, uint32_t si)
{
	struct trace_seg ts = s->tr.segs[si]; /* a copy: the trace may grow */
	struct segment g = ts.h;
	if (ts.rx_mss)
		g.opt_mss = ts.rx_mss; /* a router hop clamped it (link.c) */
	int host = ts.to;
	report_seg_arrive(s, host, si);
	if (s->seg_triggers)
		trigger_segment(s, host, sock_lookup(s, host, g.dport, g.src, g.sport), &g,
		                ON_RECEIVES);
	if (s->hosts[host].crashed) {
		report_info(s, host, -1, INFO_RST_RCVD_CLOSED, (int32_t)si);
		return;
	}
	int32_t h = sock_lookup(s, host, g.dport, g.src, g.sport);
	if (h >= 0) {
		switch (sock_at(s, h)->state) {
		case TCPS_SYN_SENT: synsent_input(s, h, &g, (int32_t)si); return;
		case TCPS_TIME_WAIT: timewait_input(s, h, &g, (int32_t)si); return;
		default: synced_input(s, h, &g, (int32_t)si); return;
		}
	}
	int32_t l = sock_listener(s, host, g.dport);
	if (l >= 0) {
		listen_input(s, l, &g, (int32_t)si, 0, 0);
		return;
	}
	if (!(g.flags & TH_RST)) {
		report_info(s, host, -1, INFO_RST_SENT_NO_SOCKET, (int32_t)si);
		tcp_send_rst_for(s, host, &g);
	}
}
