/* pmtu: path MTU discovery (RFC 1191) for the link's router hop
 * (`link router_mtu=N icmp=on`): when the router's ICMP "fragmentation
 * needed" comes back, the sending connection takes the smaller MTU and
 * resends at once what it had in flight, in segments that fit.  Linux:
 * tcp_v4_err() (ICMP_FRAG_NEEDED) -> tcp_v4_mtu_reduced() -> tcp_sync_mss()
 * and tcp_simple_retransmit(), which marks the too-big segments lost and
 * retransmits them without touching the congestion window.  With icmp=off
 * nothing comes back: the path is a black hole for full-size segments, and
 * since tcp_mtu_probing is 0 by default (tcp_mtu_probing() does nothing)
 * the connection only retransmits with RTO backoff until it gives up.
 * With a host's mtu_probing=1 (tcp_mtu_probing 1) the retransmission
 * timer finds the black hole itself: at the first timeout 3 s or more
 * after the first timeout's retransmission (tcp_write_timeout:
 * retransmits_timed_out with tcp_retries1 = 3, from retrans_stamp) the MSS drops to tcp_base_mss,
 * 1024, and at each timeout after that to half, never below 48 (tcp_mtu_probing); with
 * mtu_probing=2 probing is on from the start (tcp_mtup_init), so the first such timeout already
 * halves, to 512.  Linux then probes for a larger
 * MTU (tcp_mtu_probe, once cwnd reaches 11 segments and enough data
 * waits): not modelled, the MSS stays where it fell.
 * Called by sim (EV_ICMP, scheduled by link), tcp_in (the MSS of the
 * handshake) and tcp_timeout (a data RTO). */
#include "engine.h"

/* Linux's ip_rt_min_pmtu (net.ipv4.route.min_pmtu): no path MTU below it. */
#define MIN_PMTU 552u
/* net.ipv4.tcp_base_mss, tcp_mtu_probe_floor and tcp_min_snd_mss defaults */
#define BASE_MSS 1024u
#define MSS_FLOOR 48u
/* retransmits_timed_out(sk, tcp_retries1 = 3, 0): tcp_model_timeout() of
 * three doublings from TCP_RTO_MIN, (2^4 - 1) x 200 ms */
#define BLACK_HOLE_AFTER (3 * SIMTIME_S)

/* tcp_mtu_to_mss() and tcp_mss_to_mtu(): the IP and TCP headers and the
 * options every segment carries (the TS option once negotiated) */
static uint32_t mtu_to_mss(const struct tcb *t, uint32_t mtu)
{
	return mtu - 40u - (t->ts_ok ? TS_OPT_ALIGNED : 0u);
}

static uint32_t mss_to_mtu(const struct tcb *t, uint32_t mss)
{
	return mss + 40u + (t->ts_ok ? TS_OPT_ALIGNED : 0u);
}

/* tcp_sync_mss() with probing on: the MSS no larger than search_low's */
static void sync_mss(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	uint32_t mss = mtu_to_mss(t, t->mtup_low);
	if (!t->mtup_on || mss >= t->mss)
		return;
	uint32_t old = t->mss;
	t->mss = (uint16_t)mss;
	cc_on_mss_change(t, sock_params(s, h), old);
	report_info_value(s, t->host, h, INFO_MTU_PROBING, mss);
}

void pmtu_mtup_init(struct sim *s, int32_t h)
{
	/* tcp_mtup_init() (from tcp_init_transfer()): search_low is
	 * tcp_base_mss's MTU; mtu_probing=2 turns probing on, but the MSS in
	 * use is not lowered until the next tcp_sync_mss(), so the first
	 * segments are full size (Linux 6.18 did so, see docs/fidelity.md) */
	struct tcb *t = sock_at(s, h);
	t->mtup_on = sock_params(s, h)->mtu_probing > 1;
	t->mtup_low = mss_to_mtu(t, BASE_MSS);
}

void pmtu_rto(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (!sock_params(s, h)->mtu_probing || t->retries == 0 ||
	    s->now - t->rtx_stamp < BLACK_HOLE_AFTER)
		return;
	/* tcp_mtu_probing(): the first time it only turns probing on (the MSS
	 * falls to search_low's, tcp_base_mss); after that each timeout
	 * halves it */
	if (!t->mtup_on) {
		t->mtup_on = 1;
	} else {
		uint32_t mss = mtu_to_mss(t, t->mtup_low) >> 1;
		if (mss > BASE_MSS)
			mss = BASE_MSS;
		if (mss < MSS_FLOOR)
			mss = MSS_FLOOR;
		t->mtup_low = mss_to_mtu(t, mss);
	}
	sync_mss(s, h);
}

void pmtu_icmp(struct sim *s, uint32_t seg, uint32_t mtu)
{
	const struct trace_seg *ts = trace_seg_at(&s->tr, seg);
	int32_t h = ts->sock;
	trigger_info(s, ts->from, h, INFO_ICMP_FRAG_NEEDED, (int32_t)seg);
	if (h < 0 || !sock_at(s, h)->in_use)
		return;
	struct tcb *t = sock_at(s, h);
	/* tcp_v4_mtu_reduced(): nothing for a listener or a closed socket;
	 * a SYN is never that big, so only synchronized states */
	if (t->state != TCPS_ESTABLISHED && t->state != TCPS_FIN_WAIT_1 &&
	    t->state != TCPS_CLOSE_WAIT && t->state != TCPS_CLOSING && t->state != TCPS_LAST_ACK)
		return;
	if (mtu < MIN_PMTU)
		mtu = MIN_PMTU;
	uint32_t mss = mtu_to_mss(t, mtu);
	if (mss >= t->mss)
		return;
	uint32_t old = t->mss;
	t->mss = (uint16_t)mss;
	cc_on_mss_change(t, sock_params(s, h), old); /* tcp_sync_mss() */
	/* tcp_simple_retransmit(): every segment in flight now too big is
	 * lost; they are sent again, cut to the new MSS (the others, and the
	 * congestion window, are left alone); nothing of this can be undone
	 * (undo_marker = 0, prior_ssthresh = 0) */
	t->undo_on = 0;
	t->prior_ssthresh = 0;
	uint32_t end = t->snd_una;
	for (uint32_t k = s->tr.segcursor, steps = 0; k-- > 0 && steps < 100000; steps++) {
		const struct trace_seg *o = trace_seg_at(&s->tr, k);
		if (o->sent < t->first_tx)
			break;
		if (o->sock == h && !o->forged && o->h.len > mss &&
		    SEQ_GT(o->h.seq + o->h.len, end))
			end = o->h.seq + o->h.len;
	}
	if (sock_params(s, h)->profile == PROFILE_RFC9293) {
		for (uint32_t seq = t->snd_una; SEQ_LT(seq, end);) {
			uint32_t n = end - seq < mss ? end - seq : mss;
			tcp_retransmit(s, h, seq, n);
			seq += n;
		}
		return;
	}
	/* Linux cuts each send buffer on its own: the lost buffers (two old
	 * segments long, tcp_tso_autosize's minimum, as tcp_out.c's transmit
	 * units are at the rates of the recorded cases; here counted from the
	 * stream's start, which a unit of one or of three, unit_segs, would
	 * shift) are resent by tcp_xmit_retransmit_queue
	 * at most two new segments at a time (max_segs = tcp_tso_segs()),
	 * __tcp_retransmit_skb splitting off cur_mss * 2 bytes (tcp_fragment),
	 * so a 2896-byte buffer goes out as 1348 + 1348 + 200, not as a run of
	 * 1348s across buffers; the second segment of each pair carries PSH
	 * (recorded: tests/kernel/pmtu-icmp) */
	uint32_t base = t->iss + 1, buf = 2u * old;
	for (uint32_t seq = t->snd_una; SEQ_LT(seq, end);) {
		uint32_t bend = base + ((seq - base) / buf + 1u) * buf;
		if (SEQ_GT(bend, end))
			bend = end;
		for (uint32_t k = 0; SEQ_LT(seq, bend); k++) {
			uint32_t n = bend - seq < mss ? bend - seq : mss;
			tcp_retransmit_psh(s, h, seq, n, k % 2 == 1);
			seq += n;
		}
	}
}
