/* recovery: the linux profile's loss recovery with SACK, as Linux's
 * (tcp_recovery.c, tcp_input.c): RACK marks lost what was sent before a
 * segment that has since been delivered and has waited its RTT plus a
 * reordering window (RFC 8985); marking a loss enters fast recovery, with
 * ssthresh from the congestion control; PRR (RFC 6937) paces the window
 * while the lost segments are resent.  The scoreboard itself is txq.c's.
 * The rfc9293 profile, and a connection without SACK, use NewReno's
 * duplicate-ACK counting (tcp_in.c). */
#include "engine.h"

/* Segments in n bytes (Linux counts cwnd and the flight in packets). */
static uint32_t nsegs(const struct tcb *t, uint32_t n)
{
	return (n + t->mss - 1) / t->mss;
}

/* Linux: tcp_rack_reo_wnd(): no reordering window once in recovery or
 * with three segments SACKed (the duplicate-ACK threshold, tcp_reordering);
 * else a quarter of the minimum RTT, at most SRTT. */
static simtime_t rack_reo_wnd(const struct tcb *t)
{
	if (t->in_recovery || txq_sacked_segs(t, t->snd_max) >= 3)
		return 0;
	simtime_t w = t->min_rtt / 4;
	return w < t->srtt ? w : t->srtt;
}

/* The segment lost first and not yet resent goes again while the flight
 * is below cwnd, in segments (tcp_xmit_retransmit_queue). */
static void rack_retransmit(struct sim *s, int32_t h)
{
	uint32_t seq, len;
	for (;;) {
		struct tcb *t = sock_at(s, h);
		if (!txq_next_lost(t, t->snd_max, &seq, &len))
			return;
		if (nsegs(t, txq_pipe(t, t->snd_una, t->snd_max)) >= t->cwnd / t->mss)
			return;
		tcp_retransmit(s, h, seq, len < t->mss ? len : t->mss);
	}
}

/* Linux: tcp_enter_recovery() with tcp_init_cwnd_reduction(): ssthresh
 * from the congestion control (cc_enter_recovery), PRR starts counting. */
static void rack_enter_recovery(struct sim *s, int32_t h, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	t->prior_cwnd = t->cwnd / t->mss;
	cc_enter_recovery(t, sock_params(s, h));
	t->prr_delivered = t->prr_out = 0;
	t->recover = t->snd_max; /* high_seq */
	t->in_recovery = 1;
	t->tlp_out = 0; /* tlp_high_seq = 0 */
	report_info(s, t->host, h, INFO_RACK_LOSS, seg);
}

/* Linux: tcp_cwnd_reduction(), RFC 6937 PRR: during recovery the window
 * follows what is delivered, spread so that the flight comes down to
 * ssthresh in about one round trip. */
static void prr_update(struct tcb *t, uint32_t delivered_segs, int advanced, uint32_t lost)
{
	if (!delivered_segs || !t->prior_cwnd)
		return;
	uint32_t pipe = nsegs(t, txq_pipe(t, t->snd_una, t->snd_max));
	int64_t ssthresh = t->ssthresh / t->mss, delta = ssthresh - (int64_t)pipe, sndcnt;
	t->prr_delivered += delivered_segs;
	if (delta < 0) {
		sndcnt =
		    (int64_t)((ssthresh * t->prr_delivered + t->prior_cwnd - 1) / t->prior_cwnd) -
		    t->prr_out;
	} else {
		sndcnt = (int64_t)t->prr_delivered - t->prr_out;
		if (sndcnt < (int64_t)delivered_segs)
			sndcnt = delivered_segs;
		if (advanced && !lost)
			sndcnt++;
		if (sndcnt > delta)
			sndcnt = delta;
	}
	if (sndcnt < (t->prr_out ? 0 : 1))
		sndcnt = t->prr_out ? 0 : 1; /* the first retransmission goes at once */
	t->cwnd = (uint32_t)(pipe + (uint32_t)sndcnt) * t->mss;
}

void recovery_on_ack(struct sim *s, int32_t h, uint32_t delivered, int advanced, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	/* after a timeout tcpsim resends everything from SND.UNA (Linux's
	 * loss state): RACK waits until that is done */
	if (t->snd_una == t->snd_max || t->snd_nxt != t->snd_max || t->retries)
		return;
	uint32_t lost = 0;
	if (t->rack_adv) {
		/* tcp_rack_mark_lost() */
		simtime_t wait;
		t->rack_adv = 0;
		lost = txq_rack_detect(t, t->snd_max, s->now, rack_reo_wnd(t), &wait);
		if (wait > 0 && !t->in_recovery && !lost && !advanced) {
			/* the reordering timer (ICSK_TIME_REO_TIMEOUT): Linux's
			 * tcp_rack_mark_lost() arms it usecs_to_jiffies(timeout +
			 * TCP_TIMEOUT_MIN_US) out; an ACK that moved SND.UNA
			 * rearms the RTO after it instead (tcp_set_xmit_timer) */
			t->tlp_armed = 0;
			t->reo_armed = 1;
			timer_arm(s, h, TIMER_RETRANSMIT, wait + TCP_TIMEOUT_MIN_US);
		}
	}
	if (!t->in_recovery && lost)
		rack_enter_recovery(s, h, seg);
	if (!t->in_recovery)
		return;
	prr_update(t, nsegs(t, delivered), advanced, lost);
	rack_retransmit(s, h);
}

void recovery_reo_timeout(struct sim *s, int32_t h)
{
	/* tcp_rack_reo_timeout(): look again; a loss found enters recovery
	 * (tcp_cwnd_reduction with one segment delivered) and is resent */
	struct tcb *t = sock_at(s, h);
	simtime_t wait;
	uint32_t lost = 0;
	if (t->snd_nxt == t->snd_max && !t->retries)
		lost = txq_rack_detect(t, t->snd_max, s->now, rack_reo_wnd(t), &wait);
	if (lost) {
		if (!t->in_recovery) {
			rack_enter_recovery(s, h, -1);
			prr_update(sock_at(s, h), 1, 0, 0);
		}
		rack_retransmit(s, h);
	}
	t = sock_at(s, h);
	if (!t->timers[TIMER_RETRANSMIT].armed && t->snd_una != t->snd_max) {
		/* tcp_rearm_rto() with RACK's timer pending: from the last send
		 * of the oldest segment in flight (tcp_rto_delta_us) */
		simtime_t left = tcp_rto_delta(s, h);
		timer_arm(s, h, TIMER_RETRANSMIT, left > 0 ? left : 1);
	}
}
