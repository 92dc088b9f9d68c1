/* tcp_out: everything a connection sends, every header through one builder
 * (tcp_header() for a connection, seg_between() beneath it for segments with
 * no connection).  Called from tcp_in (ACKs, SYN,ACKs, RSTs), tcp_timeout
 * (retransmissions, probes) and app (connect/send/close/abort).
 * tcp_output() is the one sender of new data and FINs: it sends what the
 * window and cwnd allow. */
#include <string.h>

#include "engine.h"

uint32_t tcp_ts_clock(const struct sim *s, int host)
{
	/* Linux's TS clock ticks in milliseconds from a per-host offset. */
	return (uint32_t)(s->now / SIMTIME_MS) + s->hosts[host].secret;
}

uint32_t tcp_rcv_window(const struct tcb *t)
{
	return t->rcv_unread >= t->rcvbuf ? 0 : t->rcvbuf - t->rcv_unread;
}

struct segment seg_between(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
                           uint8_t flags, uint32_t seq, uint32_t ack)
{
	struct segment g;
	memset(&g, 0, sizeof g);
	g.src = src;
	g.dst = dst;
	g.sport = sport;
	g.dport = dport;
	g.seq = seq;
	g.ack = (flags & TH_ACK) ? ack : 0;
	g.flags = flags;
	g.opt_wscale = 0xff;
	return g;
}

/* The window field of a segment of t, and the offer it makes (rcvwin.c):
 * a SYN's is the initial window, never scaled (RFC 7323 2.2). */
static uint16_t offer_window(struct sim *s, struct tcb *t, const struct tcp_params *p,
                             uint8_t flags)
{
	if (flags & TH_SYN) {
		t->rcv_adv = t->rcv_nxt + t->rcv_wnd;
		return (uint16_t)(t->rcv_wnd > 65535 ? 65535 : t->rcv_wnd);
	}
	/* Linux: a request sock's ACK offers the SYN,ACK's window, scaled
	 * (tcp_v4_reqsk_send_ack) */
	if (t->state == TCPS_SYN_RCVD && p->profile != PROFILE_RFC9293)
		return (uint16_t)(t->rcv_wnd >> t->rcv_wscale);
	uint32_t scaled = rcvwin_offer(t, p, s->now) >> t->rcv_wscale;
	return (uint16_t)(scaled > 65535 ? 65535 : scaled);
}

struct segment tcp_header(struct sim *s, int32_t h, uint8_t flags, uint32_t seq, uint32_t len,
                          unsigned quirks)
{
	struct tcb *t = sock_at(s, h);
	struct segment g =
	    seg_between(t->laddr, t->lport, t->raddr, t->rport, flags, seq, t->rcv_nxt);
	g.len = len;
	const struct tcp_params *p = sock_params(s, h);
	if ((quirks & HDR_RAW_WINDOW) && p->profile == PROFILE_RFC9293)
		g.wnd = (uint16_t)(tcp_rcv_window(t) >> t->rcv_wscale);
	else
		g.wnd = offer_window(s, t, p, flags);
	/* RFC 7323: every segment carries TS once negotiated; Linux's resets
	 * from a connection (tcp_send_active_reset) too. */
	if (t->ts_ok) {
		g.opt_ts = 1;
		g.ts_val = tcp_ts_clock(s, t->host);
		g.ts_ecr = t->ts_recent;
	}
	if (t->sack_ok && (flags & TH_ACK) && !(flags & (TH_SYN | TH_RST)) &&
	    (t->nooo || t->dsack_on)) {
		int max = g.opt_ts ? 3 : 4;
		if (max > SEG_MAX_SACK)
			max = SEG_MAX_SACK;
		if (t->dsack_on) {
			/* RFC 2883: the duplicate's block goes first, once */
			g.sack[0][0] = t->dsack[0];
			g.sack[0][1] = t->dsack[1];
			g.nsack = 1;
			t->dsack_on = 0;
		}
		for (int i = 0; i < t->nooo && g.nsack < max; i++) {
			g.sack[g.nsack][0] = t->ooo[i][0];
			g.sack[g.nsack][1] = t->ooo[i][1];
			g.nsack++;
		}
	}
	return g;
}

/* Every segment that carries an ACK (Linux: tcp_event_ack_sent, with
 * tcp_dec_quickack_mode: an ACK of new data spends one quick ACK). */
static void sent_ack(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	t->unacked_segs = 0;
	if (t->quick) {
		if (t->ack_sched >= t->quick) {
			t->quick = 0;
			t->ato = sock_params(s, h)->delack_time;
		} else {
			t->quick -= t->ack_sched;
		}
	}
	t->ack_sched = t->ack_pushed = t->ack_now = 0;
	if (t->timers[TIMER_DELACK].armed)
		timer_cancel(s, h, TIMER_DELACK);
	/* tcp_event_ack_sent(): the held duplicate ACKs are covered */
	t->compressed_acks = 0;
	if (t->timers[TIMER_SACK_COMPRESS].armed)
		timer_cancel(s, h, TIMER_SACK_COMPRESS);
}

void tcp_send_syn(struct sim *s, int32_t h, int retx)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	int synack = t->state == TCPS_SYN_RCVD;
	if (!synack && !retx) /* a passive socket's was chosen with its SYN's options */
		t->wscale_ann = (uint8_t)rcvwin_syn(t, p, p->mss);
	struct segment g = tcp_header(s, h, synack ? TH_SYN | TH_ACK : TH_SYN, t->iss, 0, 0);
	g.opt_mss = p->mss;
	/* A SYN,ACK carries only the options the peer offered. */
	if (synack ? t->sack_ok : p->sack)
		g.opt_sackok = 1;
	if (synack ? t->ts_ok : p->timestamps) {
		g.opt_ts = 1;
		g.ts_val = tcp_ts_clock(s, t->host);
		g.ts_ecr = synack ? t->ts_recent : 0;
	}
	/* Window scaling needs both sides: a SYN,ACK offers it only in reply. */
	if (rcvwin_wscale_ok(p) && (!synack || t->snd_wscale != 0xff))
		g.opt_wscale = t->wscale_ann;
	if (synack)
		sent_ack(s, h);
	if (SEQ_GT(t->iss + 1, t->snd_nxt))
		t->snd_nxt = t->iss + 1;
	if (SEQ_GT(t->snd_nxt, t->snd_max))
		t->snd_max = t->snd_nxt;
	if (!retx)
		t->first_tx = s->now;
	link_send(s, t->host, &g, h, retx);
	if (!t->timers[TIMER_RETRANSMIT].armed)
		timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
}

void tcp_send_ack(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	struct segment g = tcp_header(s, h, TH_ACK, t->snd_nxt, 0, 0);
	sent_ack(s, h);
	link_send(s, t->host, &g, h, 0);
}

void tcp_send_active_reset(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (sock_params(s, h)->profile == PROFILE_RFC9293) {
		tcp_send_rst(s, h, t->snd_nxt); /* RFC 9293 3.10.5: <SEQ=SND.NXT><CTL=RST> */
		return;
	}
	/* Linux: tcp_send_active_reset(): SEQ = SND.NXT, ACK = RCV.NXT, with
	 * the window and TS of an ordinary segment of the connection. */
	struct segment g = tcp_header(s, h, TH_RST | TH_ACK, t->snd_nxt, 0, 0);
	link_send(s, t->host, &g, h, 0);
}

/* Linux's tcp_invalid_ratelimit: at most one ACK per 500 ms for invalid
 * segments, so two confused ends cannot ACK each other for ever. */
#define INVALID_ACK_GAP (500 * SIMTIME_MS)

void tcp_send_oow_ack(struct sim *s, int32_t h, const struct segment *g, int32_t seg, int challenge)
{
	struct tcb *t = sock_at(s, h);
	/* Linux: tcp_oow_rate_limited() lets every segment that holds data or
	 * a FIN (and no SYN) have its ACK, since the sender needs it; challenge
	 * ACKs (tcp_send_challenge_ack) are always counted. */
	int limited = challenge || (g->flags & TH_SYN) || (g->len == 0 && !(g->flags & TH_FIN));
	if (limited && t->oow_acked && s->now - t->oow_ack_at < INVALID_ACK_GAP) {
		report_info(s, t->host, h, INFO_ACK_RATELIMITED, seg);
		return;
	}
	if (limited) {
		t->oow_acked = 1;
		t->oow_ack_at = s->now;
	}
	tcp_send_ack(s, h);
}

void tcp_send_rst(struct sim *s, int32_t h, uint32_t seq)
{
	const struct tcb *t = sock_at(s, h);
	struct segment g = seg_between(t->laddr, t->lport, t->raddr, t->rport, TH_RST, seq, 0);
	link_send(s, t->host, &g, h, 0);
}

void tcp_send_rst_for(struct sim *s, int host, const struct segment *in)
{
	struct segment g;
	if (in->flags & TH_RST)
		return;
	if (in->flags & TH_ACK)
		g = seg_between(in->dst, in->dport, in->src, in->sport, TH_RST, in->ack, 0);
	else
		g = seg_between(in->dst, in->dport, in->src, in->sport, TH_RST | TH_ACK, 0,
		                in->seq + seg_seqlen(in));
	link_send(s, host, &g, -1, 0);
}

/* Linux: tcp_xmit_probe_skb(): an ordinary segment of the connection (TS
 * included, RFC 7323, and the window tcp_select_window() gives) at
 * SND.UNA - 1.  rfc9293: its window is the free buffer, offering nothing
 * new. */
void tcp_send_probe(struct sim *s, int32_t h, int info)
{
	struct tcb *t = sock_at(s, h);
	struct segment g = tcp_header(s, h, TH_ACK, t->snd_una - 1, 0, HDR_RAW_WINDOW);
	report_info(s, t->host, h, info, -1);
	link_send(s, t->host, &g, h, 0);
}

/* 1 when the whole queue is in view (s->send_view): its end is the end of
 * the stream. */
static int queue_in_view(const struct sim *s, const struct tcb *t)
{
	return t->snd_queued <= s->send_view;
}

/* Sequence number just past the application's data in view. */
static uint32_t data_end(const struct sim *s, const struct tcb *t)
{
	uint32_t base = t->snd_una;
	if (t->snd_una == t->iss)
		base++; /* the SYN is not yet acknowledged */
	return base + (queue_in_view(s, t) ? (uint32_t)t->snd_queued : s->send_view);
}

static int can_send_data(int state)
{
	return state == TCPS_ESTABLISHED || state == TCPS_CLOSE_WAIT || state == TCPS_FIN_WAIT_1 ||
	       state == TCPS_CLOSING || state == TCPS_LAST_ACK;
}

simtime_t tcp_rto_delta(struct sim *s, int32_t h)
{
	/* the head's skb timestamp is its latest (re)transmission; tcpsim's
	 * runs keep the same (txq.c); without them, first_tx */
	const struct tcb *t = sock_at(s, h);
	simtime_t sent = txq_head_sent(t, t->snd_una);
	if (sent < 0)
		sent = t->first_tx;
	return sent + t->rto - s->now;
}

/* Linux: tcp_schedule_loss_probe(): with SACK and outside loss recovery,
 * the retransmit timer first holds a tail loss probe (RACK-TLP, RFC 8985)
 * two RTTs out (plus rto_min when one segment is in flight, for the peer's
 * delayed ACK), never later than the RTO would fire.  `advancing`: an ACK
 * has just restarted the RTO.  1 when the probe was armed. */
static int schedule_probe(struct sim *s, int32_t h, int advancing)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (p->profile == PROFILE_RFC9293 || !t->sack_ok || t->in_recovery || t->retries ||
	    t->snd_max == t->snd_una)
		return 0;
	/* only in the Open state: not while SACKed segments are out (Disorder) */
	if (txq_sacked_segs(t, t->snd_max))
		return 0;
	simtime_t pto = SIMTIME_S; /* TCP_TIMEOUT_INIT without an RTT sample */
	if (t->rtt_valid)
		pto = 2 * t->srtt +
		      (t->snd_max - t->snd_una <= t->mss ? p->rto_min : TCP_TIMEOUT_MIN_US);
	simtime_t delta = advancing ? t->rto : tcp_rto_delta(s, h);
	if (delta > 0 && delta < pto)
		pto = delta;
	t->tlp_armed = 1;
	timer_arm(s, h, TIMER_RETRANSMIT, pto);
	return 1;
}

static void send_data(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int fin);
static void send_data_psh(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int fin, int psh);
static int output_loop(struct sim *s, int32_t h);

void tcp_arm_xmit_timer(struct sim *s, int32_t h)
{
	if (schedule_probe(s, h, 1))
		return;
	sock_at(s, h)->tlp_armed = 0;
	timer_arm(s, h, TIMER_RETRANSMIT, sock_at(s, h)->rto);
}

void tcp_send_loss_probe(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	t->tlp_armed = 0;
	int sent = 0;
	if (!t->tlp_out) {
		uint32_t nxt = t->snd_nxt, una = t->snd_una;
		sent = 1;
		t->tlp_out = 1;
		t->tlp_high = t->snd_max;
		/* new data if the peer's window takes it (the probe ignores cwnd,
		 * and Nagle: tcp_write_xmit(..., TCP_NAGLE_OFF, 2, ...)) */
		uint32_t cwnd = t->cwnd;
		uint8_t nodelay = t->nodelay;
		t->cwnd = t->snd_max - t->snd_una + t->mss;
		t->nodelay = 1;
		t->xmit_probe = 1; /* push_one 2: no tcp_tso_should_defer */
		int can = can_send_data(t->state);
		int fresh = can ? output_loop(s, h) : 0;
		t = sock_at(s, h);
		t->cwnd = cwnd;
		t->nodelay = nodelay;
		t->xmit_probe = 0;
		/* tcp_write_xmit() ends with tcp_cwnd_validate() against the real
		 * cwnd: push_one 2 only forces a quota of one when cwnd is full,
		 * so a probe sent under cwnd does not make the window
		 * cwnd-limited (tests/kernel/zero-window-paced: a probe blocked
		 * by the peer's window must not let the next ACK grow cwnd) */
		if (can)
			cc_on_output(t, sock_params(s, h), fresh);
		if (t->snd_nxt == nxt) {
			/* else the last segment again */
			uint32_t dend = t->fin_sent ? t->fin_seq : t->snd_max;
			uint32_t n = dend - una, last = n % t->mss;
			if (n && !last)
				last = t->mss;
			if (last == n)
				t->first_tx = s->now; /* the head is resent: its clock restarts */
			send_data(s, h, dend - last, last, t->fin_sent && !t->fin_acked);
		}
	}
	/* tcp_send_loss_probe() -> tcp_rearm_rto(): once a probe went out
	 * (probe_sent clears icsk_pending) the RTO restarts from now, a whole
	 * icsk_rto (tests/kernel/pmtu-blackhole: the probe at 0.375 s, the RTO
	 * at 0.623 s; tlp-then-rto: the probe at 0.245 s, the RTO at 0.473 s);
	 * with no probe sent (one is already out: icsk_pending still says loss
	 * probe) it counts from the last send of the oldest segment in flight
	 * (tcp_rto_delta_us) */
	t = sock_at(s, h);
	simtime_t left = sent ? t->rto : tcp_rto_delta(s, h);
	t->tlp_armed = 0;
	timer_arm(s, h, TIMER_RETRANSMIT, left > 0 ? left : 1);
}

static void send_data(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int fin)
{
	send_data_psh(s, h, seq, len, fin, 0);
}

/* send_data, with PSH forced on when psh is set */
static void send_data_psh(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int fin, int psh)
{
	struct tcb *t = sock_at(s, h);
	uint8_t flags = TH_ACK;
	/* PSH: the end of what the application wrote (tcp_push ->
	 * tcp_mark_push), or what the caller says (the end of a linux
	 * transmit unit, output_loop) */
	if (len && (psh || fin || (seq + len == data_end(s, t) && queue_in_view(s, t))))
		flags |= TH_PSH;
	if (fin)
		flags |= TH_FIN;
	struct segment g = tcp_header(s, h, flags, seq, len, 0);
	int retx = SEQ_LT(seq, t->snd_max);
	sent_ack(s, h);
	if (retx) {
		t->rtt_timing = 0; /* Karn: no sample across a retransmission */
	} else if (!t->rtt_timing) {
		t->rtt_timing = 1;
		t->rtt_seq = seq + len + (fin ? 1u : 0u);
		t->rtt_start = s->now;
	}
	if (!retx && (SEQ_LEQ(seq, t->snd_una) || t->snd_una == t->snd_nxt))
		t->first_tx = s->now;
	uint32_t end = seq + len + (fin ? 1u : 0u);
	if (sock_params(s, h)->profile != PROFILE_RFC9293)
		txq_sent(t, seq, end, t->snd_max, s->now);
	if (SEQ_GT(end, t->snd_nxt))
		t->snd_nxt = end;
	if (SEQ_GT(t->snd_nxt, t->snd_max))
		t->snd_max = t->snd_nxt;
	if (len)
		t->lsndtime = s->now; /* tcp_event_data_sent() */
	if (!retx) {
		t->bytes_sent += len;
		if (len && len < t->mss)
			t->snd_sml = seq + len; /* tcp_minshall_update() */
		/* Linux: tcp_event_data_sent(): a reply within ato of the last
		 * segment received makes the connection interactive */
		if (len && s->now - t->lrcvtime < t->ato && t->pingpong < 255)
			t->pingpong++;
	}
	if (len && t->in_recovery)
		t->prr_out++; /* PRR counts every data segment sent in recovery */
	uint32_t idx = link_send(s, t->host, &g, h, retx);
	if (retx) {
		if (sock_params(s, h)->profile != PROFILE_RFC9293)
			txq_note_retransmit(t, 1, tcp_ts_clock(s, t->host));
		report_info(s, t->host, h, INFO_RETRANSMIT, (int32_t)idx);
	}
	if (t->sws_sending) {
		t->sws_sending = 0;
		report_info(s, t->host, h, INFO_SWS_OVERRIDE, (int32_t)idx);
	}
	/* Linux: tcp_write_xmit() ends by scheduling a loss probe */
	if (!retx && schedule_probe(s, h, 0))
		;
	else if (!t->timers[TIMER_RETRANSMIT].armed) {
		t->tlp_armed = 0;
		timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
	}
	if (t->timers[TIMER_PERSIST].armed)
		timer_cancel(s, h, TIMER_PERSIST);
}

/* RFC 9293 3.8.6.2.1, the sender's SWS avoidance (MUST-38), for the rfc9293
 * profile, which has no Nagle: with D the bytes queued and not yet sent and
 * U the window's room (SND.UNA + SND.WND - SND.NXT), a segment shorter than
 * the MSS goes only (1) if min(D, U) >= MSS after all (it was cut by cwnd,
 * not the window), (2) if it holds all the queued data (D <= U; every
 * write here is pushed), (3) if min(D, U) is at least Fs = 1/2 of the
 * largest window the peer has offered, or (4) when the override timeout
 * has run out.  Returns 1 when the segment of n bytes is held; with
 * nothing in flight (no ACK is coming to reopen the question) it arms the
 * override timeout, which this profile shares with the zero-window probe
 * timer as the RFC suggests: the persist timer, after the RTO but no
 * longer than 1 s, the top of the RFC's 0.1 to 1.0 s. */
static int sws_holds(struct sim *s, int32_t h, uint32_t n, uint32_t unsent, uint32_t rroom)
{
	struct tcb *t = sock_at(s, h);
	uint32_t m = unsent < rroom ? unsent : rroom;
	if (n >= t->mss || m >= t->mss || unsent <= rroom || m >= t->max_snd_wnd / 2)
		return 0;
	if (t->sws_override) {
		t->sws_override = 0;
		t->sws_sending = 1; /* send_data() marks the segment */
		return 0;
	}
	if (t->snd_nxt == t->snd_una && !t->timers[TIMER_PERSIST].armed &&
	    !t->timers[TIMER_RETRANSMIT].armed) {
		simtime_t wait = t->rto < SIMTIME_S ? t->rto : SIMTIME_S;
		t->timers[TIMER_PERSIST].attempt = TIMER_ATTEMPT_SWS;
		timer_arm(s, h, TIMER_PERSIST, wait);
	}
	return 1;
}

/* The room output_loop() computes for the next segment: the peer's window
 * (*rroom) and the congestion window's, both in bytes, for a send of
 * extra bytes more than is in flight now. */
static uint32_t send_room(const struct tcb *t, int rack, uint32_t extra, uint32_t *rroom)
{
	uint32_t flight = t->snd_nxt - t->snd_una + extra;
	/* linux with SACK: the congestion window holds what is in flight,
	 * SACKed and lost segments left out (tcp_packets_in_flight), and
	 * counts whole segments, as Linux's cwnd does (tcp_cwnd_test) */
	uint32_t pipe = rack ? txq_pipe(t, t->snd_una, t->snd_max) + extra : flight;
	*rroom = t->snd_wnd > flight ? t->snd_wnd - flight : 0;
	uint32_t croom = t->cwnd > pipe ? t->cwnd - pipe : 0;
	if (rack)
		croom = (pipe + t->mss - 1) / t->mss < t->cwnd / t->mss ? t->mss : 0;
	return *rroom < croom ? *rroom : croom;
}

/* Linux: the most segments one transmit unit may hold, computed once per
 * tcp_write_xmit() call (net/ipv4/tcp_output.c):
 * - tcp_tso_segs() -> tcp_tso_autosize(): sk_pacing_rate >>
 *   sk_pacing_shift (10), about 1 ms of data at the pacing rate
 *   (t->pacing_rate: tcp_update_pacing_rate, which runs at the end of
 *   an ACK that found data in flight and on the handshake's completion, so
 *   a cwnd cut by a timeout or an idle restart shows only from the next
 *   ACK on), plus sk_gso_max_size >>
 *   (min_rtt >> tcp_tso_rtt_log 9) for a peer closer than about 16 ms
 *   (min_rtt in microseconds; none before an RTT sample), at most
 *   sk_gso_max_size, in whole segments, never under tcp_min_tso_segs (2;
 *   CUBIC and Reno have no min_tso_segs hook), at most sk_gso_max_segs;
 * - tcp_cwnd_test(): the cwnd quota is at most half of cwnd, "to ensure
 *   at least 2 GSO packets in flight" (max(cwnd >> 1, 1)); the rest of the
 *   quota (cwnd - in flight) and the window are counted per segment in
 *   unit_segs, as tcp_mss_split_point() cuts the buffer.
 * sk_gso_max_size is sk_dst_gso_max_size() (net/core/sock.c) for IPv4 on
 * a veth or Ethernet device: gso_ipv4_max_size (GSO_LEGACY_MAX_SIZE, 64 KiB,
 * unless raised for BIG TCP) - (MAX_TCP_HEADER + 1), MAX_TCP_HEADER being 320
 * on x86_64; sk_gso_max_segs is the device's gso_max_segs, GSO_MAX_SEGS.
 * The recorder's veths have TSO and GSO off (ethtool -K), yet TCP builds
 * these units anyway: sk_setup_caps() always gives a TCP socket
 * NETIF_F_GSO (software segmentation before the device, validate_xmit_skb). */
#define LINUX_GSO_MAX_SIZE (65536u - 321u)
#define LINUX_GSO_MAX_SEGS 65535u
static uint32_t tso_max_segs(const struct tcb *t)
{
	uint32_t mss = t->mss ? t->mss : 1;
	uint64_t bytes = (t->pacing_rate ? t->pacing_rate : cc_pacing_rate(t)) >> 10;
	if (t->min_rtt > 0 && ((uint64_t)t->min_rtt >> 9) < 32)
		bytes += LINUX_GSO_MAX_SIZE >> ((uint64_t)t->min_rtt >> 9);
	if (bytes > LINUX_GSO_MAX_SIZE)
		bytes = LINUX_GSO_MAX_SIZE;
	uint64_t segs = bytes / mss;
	if (segs < 2)
		segs = 2;
	if (segs > LINUX_GSO_MAX_SEGS)
		segs = LINUX_GSO_MAX_SEGS;
	uint32_t half = t->cwnd / mss / 2; /* tcp_cwnd_test's halfcwnd */
	if (half < 1)
		half = 1;
	return segs < half ? (uint32_t)segs : half;
}

/* Linux: tcp_tso_should_defer() (net/ipv4/tcp_output.c), "a kind of
 * TSO Nagle test", asked by tcp_write_xmit() before it sends a unit of a
 * buffer holding more than one segment (a shorter one goes to Nagle):
 * whether to hold the unit back for the next ACK, so that units go out
 * full.  It never holds in Recovery or Loss (icsk_ca_state), nor when the
 * socket last sent more than 1 ms ago (tcp_wstamp_ns; lsndtime here, the
 * last data segment), nor when min(window room, cwnd room) takes a full
 * unit of max_segs segments or a third of min(snd_wnd, cwnd)
 * (tcp_tso_win_divisor 3), nor when the oldest segment in flight is not
 * expected to be ACKed (its send time plus SRTT) within min(SRTT/2, 1 ms)
 * from now.  Otherwise it holds when the cwnd room (or the window room,
 * the smaller of the two) does not take all of the buffer, and when the
 * buffer could still grow (application limited: no FIN on it).  tcpsim
 * has no buffers of the application's writes: the data not yet sent stands
 * for the head buffer, and the check "a buffer in the middle of the queue
 * that fits is sent" applies only to the rest of a unit cut short (rest
 * segments, rest_segs below).  tcp_write_xmit() asks this only of a
 * buffer of more than one segment (output_loop).  The loss probe
 * (push_one 2) is never held. */
static int tso_should_defer(struct sim *s, int32_t h, int rack, uint32_t max_segs, uint32_t rest)
{
	struct tcb *t = sock_at(s, h);
	uint32_t mss = t->mss ? t->mss : 1;
	uint32_t unsent = data_end(s, t) - t->snd_nxt;
	if (t->xmit_probe || t->in_recovery || t->retries || unsent <= mss ||
	    s->now - t->lsndtime > SIMTIME_MS)
		return 0;
	uint32_t pipe = rack ? txq_pipe(t, t->snd_una, t->snd_max) : t->snd_nxt - t->snd_una;
	uint32_t in_flight = (pipe + mss - 1) / mss; /* tcp_packets_in_flight */
	uint32_t cwnd = t->cwnd / mss;
	if (cwnd <= in_flight)
		return 0; /* tcp_cwnd_test() stops the loop first */
	uint32_t wnd_end = t->snd_una + t->snd_wnd;
	uint32_t send_win = SEQ_GT(wnd_end, t->snd_nxt) ? wnd_end - t->snd_nxt : 0;
	uint64_t cong_win = (uint64_t)(cwnd - in_flight) * mss;
	uint64_t limit = send_win < cong_win ? send_win : cong_win;
	if (limit >= (uint64_t)max_segs * mss)
		return 0;
	/* "Middle in queue won't get any more data, full sendable already?":
	 * the rest of a cut unit with data after it (rest_segs) */
	if (rest && SEQ_LT(t->xmit_rest_end, data_end(s, t)) &&
	    limit >= (uint64_t)(t->xmit_rest_end - t->snd_nxt))
		return 0;
	uint64_t chunk = (uint64_t)cwnd * mss;
	if (t->snd_wnd < chunk)
		chunk = t->snd_wnd;
	if (limit >= chunk / 3)
		return 0;
	simtime_t head = txq_head_sent(t, t->snd_una);
	if (head < 0 || t->snd_una == t->snd_nxt)
		return 0;
	simtime_t threshold = t->srtt / 2 < SIMTIME_MS ? t->srtt / 2 : SIMTIME_MS;
	if (head + t->srtt - s->now > threshold)
		return 0;
	if (cong_win < send_win)
		return cong_win <= unsent;
	if (send_win <= unsent)
		return 1;
	return !(t->fin_queued && queue_in_view(s, t));
}

/* Linux: how many segments the next transmit unit holds.  tcp_write_xmit()
 * sends the head of its queue as one buffer of at most max_segs segments
 * (tso_max_segs above), cut to the cwnd quota and the peer's window
 * (tcp_cwnd_test, tcp_mss_split_point, cut off by tso_fragment; the head
 * buffer first grows into the next, tcp_grow_skb, so the application's
 * writes do not bound a unit).  Software segmentation
 * clears PSH and FIN on every segment of a buffer but its last
 * (net/ipv4/tcp_offload.c, tcp_gso_segment: `th->fin = th->psh = 0` in
 * its `while (skb->next)` loop, so only the last segment keeps the
 * buffer's flags); when tcp_write_xmit cuts a buffer to fit (tso_fragment,
 * tcp_fragment in tcp_output.c) the flags go with the second part, "PSH
 * and FIN should only be set in the second packet".  Which buffers carry
 * PSH in the first place is observed, not traced in the source: on the
 * recorder's veth pair (no offload) the last segment of each unit of two
 * or more carries PSH, a unit of one does not unless it ends the write
 * (tests/kernel/half-close, bulk-one-loss, slow-start, and
 * syn-lost-twice: cwnd 1 after two lost SYNs, so 1:1449 goes alone,
 * without PSH, and 1449:2897 opens the next unit, 2897:4001 closes it);
 * the end of the write is tcp_push()'s mark, handled by send_data_psh.
 * Counts as output_loop() does, Nagle included; a unit is never larger
 * than what one pass of the loop sends; whether a new unit waits for the
 * next ACK instead is tso_should_defer's (output_loop asks it first). */
static uint16_t unit_segs(struct sim *s, int32_t h, int rack, uint32_t max_segs)
{
	struct tcb *t = sock_at(s, h);
	uint32_t end = data_end(s, t), extra = 0;
	uint32_t k = 0;
	while (k < max_segs && SEQ_LT(t->snd_nxt + extra, end)) {
		uint32_t rroom, usable = send_room(t, rack, extra, &rroom);
		uint32_t unsent = end - (t->snd_nxt + extra);
		uint32_t n = unsent < t->mss ? unsent : t->mss;
		if (n > usable)
			n = usable;
		if (n == 0)
			break;
		int fin = t->fin_queued && n == unsent && queue_in_view(s, t);
		if (k && n < t->mss && n == unsent && !fin && !t->nodelay)
			break; /* Nagle would hold it (the flight is not empty) */
		extra += n;
		k++;
	}
	return k ? (uint16_t)k : 1;
}

/* Linux: the segments left of the buffer a unit was cut from (0: none);
 * start_unit() remembers them. */
static uint32_t rest_segs(struct tcb *t)
{
	uint32_t mss = t->mss ? t->mss : 1;
	if (!t->xmit_rest || !SEQ_LT(t->snd_nxt, t->xmit_rest_end)) {
		t->xmit_rest = 0;
		return 0;
	}
	return (t->xmit_rest_end - t->snd_nxt + mss - 1) / mss;
}

/* Linux: a new transmit unit of quota segments (unit_segs) from the head
 * buffer.  tcp_write_xmit() cuts the head buffer to the unit it sends
 * (tcp_mss_split_point, tso_fragment) and what is left stays a buffer of
 * its own at the head of the queue; the next call first grows it to the
 * quota when it is shorter (tcp_grow_skb), and a buffer of one segment
 * then goes to tcp_nagle_test(), not to tcp_tso_should_defer()
 * (tso_segs == 1; output_loop).  tcpsim has no buffers of the
 * application's writes (the PSH comment of unit_segs): it keeps the rest
 * only of a unit cut to one segment (by the cwnd quota or the window),
 * whose buffer it takes to be a unit of max_segs, the unit the rule of PSH
 * flags makes of a buffer.  Case two-losses-paced: 43441:44889 goes alone on the first
 * duplicate ACK, and 44889:46337, the rest, on the second, 0.3 ms later,
 * where tcp_tso_should_defer would have held a longer buffer.  Whether
 * the rest carries PSH (tso_fragment gives the buffer's flags to the
 * second part) depends on what the application wrote when, which tcpsim
 * does not model: it sends the rest without (Linux's 44889 had one, its
 * 65161 in the same case none; docs/fidelity.md). */
static void start_unit(struct sim *s, struct tcb *t, uint16_t quota, uint32_t rest,
                       uint32_t max_segs)
{
	uint32_t mss = t->mss ? t->mss : 1;
	uint32_t unsent = data_end(s, t) - t->snd_nxt;
	t->xmit_unit_segs = t->xmit_unit_left = quota;
	if (rest) {
		t->xmit_rest = quota < rest; /* the rest of the rest, same end */
		return;
	}
	uint64_t buf = (uint64_t)max_segs * mss;
	if (buf > unsent)
		buf = unsent;
	t->xmit_rest = quota == 1 && mss < buf;
	if (t->xmit_rest)
		t->xmit_rest_end = t->snd_nxt + (uint32_t)buf;
}

/* tcp_output()'s loop; returns how many segments it sent. */
static int output_loop(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	int rack = p->profile != PROFILE_RFC9293 && t->sack_ok && t->snd_nxt == t->snd_max;
	int sent = 0;
	t->xmit_unit_left = 0; /* each tcp_write_xmit() starts its own units */
	uint32_t max_segs = p->profile != PROFILE_RFC9293 ? tso_max_segs(t) : 1;
	for (;; sent++) {
		uint32_t end = data_end(s, t);
		uint32_t flight = t->snd_nxt - t->snd_una;
		uint32_t rroom, usable = send_room(t, rack, 0, &rroom);
		if (SEQ_LT(t->snd_nxt, end)) {
			uint32_t unsent = end - t->snd_nxt;
			uint32_t n = unsent < t->mss ? unsent : t->mss;
			if (n > usable)
				n = usable;
			if (n == 0) {
				/* Linux: tcp_check_probe_timer(): nothing in flight
				 * and no timer pending: probe after max(RTO, rto_min) */
				if (t->snd_wnd == 0 && flight == 0 &&
				    !t->timers[TIMER_PERSIST].armed &&
				    !t->timers[TIMER_RETRANSMIT].armed) {
					t->timers[TIMER_PERSIST].attempt = 0;
					timer_arm(s, h, TIMER_PERSIST,
					          p->profile == PROFILE_RFC9293
					              ? t->rto
					              : rto_probe0_when(t, p));
				}
				return sent;
			}
			if (p->profile == PROFILE_RFC9293 && sws_holds(s, h, n, unsent, rroom))
				return sent;
			int fin = t->fin_queued && n == unsent && queue_in_view(s, t);
			/* Linux: Nagle as Minshall refined it (tcp_nagle_check,
			 * tcp_minshall_check): a short segment waits while an
			 * earlier short one is unacknowledged, unless TCP_NODELAY or
			 * it carries the FIN */
			if (n < t->mss && n == unsent && !fin && !t->nodelay && flight &&
			    p->profile != PROFILE_RFC9293 && SEQ_GT(t->snd_sml, t->snd_una) &&
			    SEQ_LEQ(t->snd_sml, t->snd_nxt))
				return sent;
			/* tcp_write_xmit(): a new unit may wait for the next ACK */
			int new_unit = p->profile != PROFILE_RFC9293 &&
			               SEQ_GEQ(t->snd_nxt, t->snd_max) && !t->xmit_unit_left;
			uint16_t quota = new_unit ? unit_segs(s, h, rack, max_segs) : 0;
			uint32_t rest = new_unit ? rest_segs(t) : 0;
			/* a buffer of one segment goes to tcp_nagle_test(), not to
			 * tcp_tso_should_defer() (tcp_write_xmit: tso_segs == 1):
			 * the rest of a cut unit, when tcp_grow_skb() does not grow it
			 * because the quota is one segment too */
			if (new_unit && !(rest == 1 && quota <= 1) &&
			    tso_should_defer(s, h, rack, max_segs, rest))
				return sent;
			if (fin) {
				t->fin_seq = t->snd_nxt + n;
				t->fin_sent = 1;
			}
			int psh = 0;
			if (p->profile != PROFILE_RFC9293 && SEQ_GEQ(t->snd_nxt, t->snd_max)) {
				if (new_unit)
					start_unit(s, t, quota, rest, max_segs);
				t->xmit_unit_left--;
				psh = !t->xmit_unit_left && t->xmit_unit_segs >= 2;
			}
			send_data_psh(s, h, t->snd_nxt, n, fin, psh);
		} else if (t->fin_queued && !t->fin_sent && queue_in_view(s, t)) {
			t->fin_seq = t->snd_nxt;
			t->fin_sent = 1;
			send_data(s, h, t->snd_nxt, 0, 1);
		} else if (t->fin_sent && !t->fin_acked && t->snd_nxt == t->fin_seq) {
			/* After a timeout the FIN keeps its place in sequence
			 * space: it goes again once the data before it has. */
			send_data(s, h, t->fin_seq, 0, 1);
		} else {
			return sent;
		}
	}
}

void tcp_ack_probe(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	uint32_t end = data_end(s, t);
	if (!can_send_data(t->state) || !SEQ_LT(t->snd_nxt, end))
		return; /* no send head */
	uint32_t head = end - t->snd_nxt < t->mss ? end - t->snd_nxt : t->mss;
	if (head <= t->snd_wnd) {
		/* the window opened: the backoff ends (tcp_output sends) */
		t->probe_backoff = 0;
		if (t->timers[TIMER_PERSIST].armed)
			timer_cancel(s, h, TIMER_PERSIST);
	} else if (t->snd_wnd == 0) {
		timer_arm(s, h, TIMER_PERSIST, rto_probe0_when(t, sock_params(s, h)));
	}
}

void tcp_output(struct sim *s, int32_t h)
{
	if (!can_send_data(sock_at(s, h)->state))
		return;
	int sent = output_loop(s, h);
	cc_on_output(sock_at(s, h), sock_params(s, h), sent);
}

void tcp_retransmit(struct sim *s, int32_t h, uint32_t seq, uint32_t len)
{
	tcp_retransmit_psh(s, h, seq, len, 0);
}

void tcp_retransmit_psh(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int psh)
{
	struct tcb *t = sock_at(s, h);
	int fin = t->fin_sent && seq + len == t->fin_seq;
	send_data_psh(s, h, seq, len, fin, psh);
}

void tcp_retransmit_first(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD) {
		tcp_send_syn(s, h, 1);
		return;
	}
	uint32_t end = data_end(s, t);
	if (SEQ_LT(t->snd_una, end)) {
		uint32_t n = end - t->snd_una;
		if (n > t->mss)
			n = t->mss;
		int fin = t->fin_sent && t->snd_una + n == end;
		send_data(s, h, t->snd_una, n, fin);
	} else if (t->fin_sent && !t->fin_acked) {
		send_data(s, h, t->fin_seq, 0, 1);
	}
}
