/* recovery: the linux profile's loss recovery with SACK, as Linux's
 * (tcp_recovery.c, tcp_input.c): RACK marks lost what was sent before a
 * segment that has since been delivered and has waited its RTT plus a
 * reordering window (RFC 8985); marking a loss enters fast recovery, with
 * ssthresh from the congestion control; PRR (RFC 6937) paces the window
 * while the lost segments are resent.  The scoreboard itself is txq.c's.
 * A cut found needless afterwards is undone (the undo_marker machinery
 * of tcp_input.c, below).
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
/* Linux: tcp_init_undo(): the reduction about to be made may be undone
 * until SND.UNA-side evidence says otherwise; retransmissions still in
 * flight may bring D-SACKs later (undo_retrans counts what must be
 * D-SACKed; -1: nothing resent yet). */
static void init_undo(struct tcb *t, uint32_t retrans_out)
{
	t->undo_on = 1;
	t->undo_marker = t->snd_una;
	t->undo_retrans = retrans_out ? (int32_t)retrans_out : -1;
}

static void rack_enter_recovery(struct sim *s, int32_t h, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	/* tcp_enter_recovery(): prior_ssthresh = tcp_current_ssthresh(),
	 * tcp_init_undo(); tcp_init_cwnd_reduction(): prior_cwnd */
	t->in_loss = 0;
	t->prior_ssthresh = cc_current_ssthresh(t);
	init_undo(t, txq_retrans_out(t, t->snd_max, 0));
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

/* ---- undo: a reduction the ACKs show needless (tcp_input.c) ---- */

/* The connections that undo: the linux profile with SACK (RACK's). */
static int undo_mode(struct sim *s, int32_t h)
{
	return sock_params(s, h)->profile != PROFILE_RFC9293 && sock_at(s, h)->sack_ok;
}

/* Linux: tcp_packet_delayed(): the ACK echoes a timestamp older than the
 * first retransmission (retrans_stamp): the original got there. */
static int packet_delayed(const struct tcb *t, const struct segment *g)
{
	return t->rtx_ts_on && t->ts_ok && g->opt_ts && g->ts_ecr &&
	       (int32_t)(g->ts_ecr - t->rtx_ts) < 0;
}

/* Linux: tcp_may_undo(): every retransmission D-SACKed, or the original
 * delivered. */
static int may_undo(const struct tcb *t, const struct segment *g)
{
	return t->undo_on && (!t->undo_retrans || packet_delayed(t, g));
}

/* Linux: tcp_undo_cwnd_reduction(): the window and ssthresh back (cc.c),
 * the loss marks cleared when unmark_loss, undo_marker = 0, and RACK looks
 * at the scoreboard again (rack.advanced = 1). */
static void undo_cwnd_reduction(struct sim *s, int32_t h, int unmark_loss, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	if (unmark_loss)
		txq_unmark_lost(t);
	cc_undo(t);
	t->undo_on = 0;
	t->rack_adv = 1;
	report_info(s, t->host, h, INFO_UNDO, seg);
}

void recovery_enter_loss(struct sim *s, int32_t h, int keep)
{
	struct tcb *t = sock_at(s, h);
	if (!undo_mode(s, h))
		return;
	/* tcp_enter_loss(): unless this window's cut was made already, the
	 * values an undo restores, and tcp_init_undo() after
	 * tcp_timeout_mark_lost(), which leaves counted as resent only what
	 * had not been marked lost (a tail loss probe's segment) */
	if (!keep) {
		t->prior_ssthresh = cc_current_ssthresh(t);
		t->prior_cwnd = t->cwnd / t->mss;
		init_undo(t, txq_retrans_out(t, t->snd_max, 1));
	}
	t->in_loss = 1; /* TCP_CA_Loss until SND.UNA reaches high_seq */
	t->loss_high = t->snd_max;
}

int recovery_check_dsack(struct sim *s, int32_t h, const struct segment *g)
{
	struct tcb *t = sock_at(s, h);
	if (!undo_mode(s, h) || !g->nsack)
		return 0;
	uint32_t lo = g->sack[0][0], hi = g->sack[0][1];
	/* tcp_check_dsack(): the first block starts below the ACK, or lies
	 * inside the second */
	if (!SEQ_LT(lo, g->ack) &&
	    !(g->nsack > 1 && SEQ_GEQ(lo, g->sack[1][0]) && SEQ_LEQ(hi, g->sack[1][1])))
		return 0;
	/* tcp_dsack_seen(): not larger than the peer's window, and no more
	 * duplicates reported than segments were resent */
	if (!SEQ_LT(lo, hi) || hi - lo > t->max_snd_wnd)
		return 0;
	uint32_t dup = hi - lo > t->mss ? (hi - lo + t->mss - 1) / t->mss : 1;
	t->dsack_dups += dup;
	if (t->dsack_dups > t->total_retrans)
		return 0;
	if (!t->undo_on || t->undo_retrans <= 0)
		return 1;
	uint32_t n = 0;
	if (SEQ_LEQ(hi, t->snd_una)) {
		/* tcp_check_dsack(): data already acknowledged, "dumb counting" */
		if (SEQ_GT(hi, t->undo_marker))
			n = dup;
	} else if (SEQ_GT(hi, t->undo_marker)) {
		/* tcp_sacktag_one(): each retransmitted segment D-SACKed */
		n = txq_rtx_segs(t, lo, hi, t->snd_max);
	}
	t->undo_retrans = (int32_t)n >= t->undo_retrans ? 0 : t->undo_retrans - (int32_t)n;
	return 1;
}

int recovery_new_ack(struct sim *s, int32_t h, const struct segment *g, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	int undone = 0;
	if (t->in_recovery) {
		if (SEQ_GEQ(g->ack, t->recover)) {
			/* tcp_fastretrans_alert(): high_seq acknowledged,
			 * tcp_try_undo_recovery(); the caller ends the recovery
			 * (cwnd = ssthresh) unless the cut was undone */
			if (may_undo(t, g)) {
				undo_cwnd_reduction(s, h, 0, seg);
				undone = 1;
			}
			t = sock_at(s, h);
			t->in_recovery = 0;
		} else if (t->undo_on && packet_delayed(t, g) &&
		           !txq_retrans_out(t, t->snd_max, 0)) {
			/* tcp_try_undo_partial(): a delayed original filled the
			 * hole and nothing resent is out: undo, leave recovery
			 * (tcp_try_keep_open) */
			undo_cwnd_reduction(s, h, 1, seg);
			t = sock_at(s, h);
			t->in_recovery = 0;
			undone = 1;
		}
	} else if (t->in_loss) {
		/* tcp_process_loss(): tcp_try_undo_loss(sk, false) on an ACK that
		 * moves SND.UNA; the loss state ends there or at high_seq
		 * (tcp_try_undo_recovery, the same test). F-RTO (tcp_frto, new
		 * data after the first ACK) is not modelled */
		if (may_undo(t, g)) {
			undo_cwnd_reduction(s, h, 1, seg);
			t = sock_at(s, h);
			t->in_loss = 0;
			if (SEQ_LT(t->snd_nxt, t->snd_max))
				t->snd_nxt = t->snd_max; /* nothing is lost: no more go-back */
			undone = 1;
		} else if (SEQ_GEQ(g->ack, t->loss_high)) {
			t->in_loss = 0;
		}
	}
	/* tcp_try_to_open(): retrans_stamp goes once nothing resent is out */
	if (!t->in_recovery && !t->in_loss && !txq_retrans_out(t, t->snd_max, 0))
		t->rtx_ts_on = 0;
	return undone;
}

void recovery_dsack_undo(struct sim *s, int32_t h, int32_t seg)
{
	struct tcb *t = sock_at(s, h);
	/* tcp_try_undo_dsack(), from tcp_fastretrans_alert() in recovery and
	 * in the open state (in the loss state only an ACK that moves SND.UNA
	 * undoes, above); in recovery tcp_try_keep_open() leaves it */
	if (t->in_loss || !t->undo_on || t->undo_retrans)
		return;
	undo_cwnd_reduction(s, h, 0, seg);
	sock_at(s, h)->in_recovery = 0;
}
