/* txq: what a linux-profile sender remembers of the data it has in flight,
 * as runs of sequence space: when each run was last sent, and whether it
 * was retransmitted.  Linux keeps this per buffer in its retransmit queue
 * (skb->skb_mstamp_ns, TCPCB_RETRANS); the runs hold the same facts for
 * the stretch SND.UNA..SND.MAX with a bounded amount of memory: segments
 * sent at one instant share a run, and when the runs run out the two
 * sent closest in time merge.  Pure: one TCB at a time. */
#include <string.h>

#include "engine.h"

void txq_reset(struct tcb *t)
{
	t->ntxr = 0;
	t->txq_marked = 0;
}

/* Whether any run still carries a SACK or loss mark. */
static void update_marked(struct tcb *t)
{
	t->txq_marked = 0;
	for (int i = 0; i < t->ntxr; i++)
		if (t->txr[i].flags & (TX_SACKED | TX_LOST))
			t->txq_marked = 1;
}

/* Drops run i. */
static void drop_run(struct tcb *t, int i)
{
	memmove(&t->txr[i], &t->txr[i + 1], sizeof t->txr[0] * (size_t)(t->ntxr - i - 1));
	t->ntxr--;
}

/* The time between neighbouring runs i and i + 1 as make_room weighs it:
 * SACKed neighbours cost nothing to merge (their times no longer matter),
 * neighbours in different states cannot merge (-1). */
static simtime_t merge_gap(const struct tcb *t, int i)
{
	uint8_t a = t->txr[i].flags, b = t->txr[i + 1].flags;
	if ((a & ~TX_RTX) != (b & ~TX_RTX))
		return -1;
	if (a & b & TX_SACKED)
		return 0;
	simtime_t d = t->txr[i + 1].at - t->txr[i].at;
	return d < 0 ? -d : d;
}

/* Makes room when the runs are full: a quarter of them merge into their
 * neighbours, those sent closest in time first, each keeping the earlier
 * time (an RTT sample from it is at most that gap too long).  Doing a
 * quarter at once keeps the cost per new run small. */
static void make_room(struct tcb *t)
{
	if (t->ntxr < TXR_MAX)
		return;
	enum { MERGE = TXR_MAX / 4 };
	simtime_t best[MERGE];
	int nb = 0;
	/* the MERGE smallest gaps (insertion into a short sorted list) */
	for (int i = 0; i + 1 < t->ntxr; i++) {
		simtime_t g = merge_gap(t, i);
		if (g < 0 || (nb == MERGE && g >= best[nb - 1]))
			continue;
		int k = nb < MERGE ? nb++ : nb - 1;
		while (k > 0 && best[k - 1] > g) {
			best[k] = best[k - 1];
			k--;
		}
		best[k] = g;
	}
	int merged = 0;
	if (nb) {
		simtime_t limit = best[nb - 1];
		for (int i = 0; i + 1 < t->ntxr && merged < MERGE;) {
			simtime_t g = merge_gap(t, i);
			if (g >= 0 && g <= limit) {
				t->txr[i].flags |= t->txr[i + 1].flags;
				drop_run(t, i + 1);
				merged++;
			} else {
				i++;
			}
		}
	}
	if (!merged) { /* every neighbour differs in state: the oldest two merge */
		t->txr[0].flags |= t->txr[1].flags;
		drop_run(t, 1);
	}
}

/* Inserts a run at index i. */
static void insert_run(struct tcb *t, int i, uint32_t seq, simtime_t at, uint8_t flags,
                       uint16_t ord)
{
	memmove(&t->txr[i + 1], &t->txr[i], sizeof t->txr[0] * (size_t)(t->ntxr - i));
	t->txr[i].seq = seq;
	t->txr[i].at = at;
	t->txr[i].flags = flags;
	t->txr[i].ord = ord;
	t->ntxr++;
}

/* The index of the run holding seq (the runs start at or before it), -1. */
static int run_of(const struct tcb *t, uint32_t seq)
{
	int k = -1;
	for (int i = 0; i < t->ntxr && SEQ_LEQ(t->txr[i].seq, seq); i++)
		k = i;
	return k;
}

/* 1 when a run sent at t1 (order o1) went after one sent at t2 (o2).
 * Linux's tcp_skb_sent_after compares microsecond send times, then the
 * end sequence; tcpsim sends many segments at one instant, so the order
 * they went in there decides first. */
static int sent_after(simtime_t t1, simtime_t t2, uint16_t o1, uint16_t o2, uint32_t e1,
                      uint32_t e2)
{
	if (t1 != t2)
		return t1 > t2;
	if (o1 != o2) /* a run split by SACK blocks keeps its order: then the sequence */
		return (int16_t)(uint16_t)(o1 - o2) > 0;
	return SEQ_GT(e1, e2);
}

/* Where run i ends. */
static uint32_t run_end(const struct tcb *t, int i, uint32_t snd_max)
{
	return i + 1 < t->ntxr ? t->txr[i + 1].seq : snd_max;
}

/* Segments (of up to mss bytes) in n bytes. */
static uint32_t segs(const struct tcb *t, uint32_t n)
{
	uint32_t mss = t->mss ? t->mss : 1;
	return (n + mss - 1) / mss;
}

/* Splits the run holding seq so that a run starts at seq. */
static void split_at(struct tcb *t, uint32_t seq, uint32_t snd_max)
{
	if (!SEQ_LT(seq, snd_max))
		return;
	int j = run_of(t, seq);
	if (j < 0 || t->txr[j].seq == seq)
		return;
	make_room(t);
	j = run_of(t, seq);
	if (j >= 0 && t->txr[j].seq != seq)
		insert_run(t, j + 1, seq, t->txr[j].at, t->txr[j].flags, t->txr[j].ord);
}

/* Linux: tcp_rack_advance(): a buffer sent at `at` and ending at end has
 * been delivered (SACKed or ACKed): RACK's newest delivered send time and
 * RTT.  A retransmission delivered sooner than the minimum RTT may be its
 * original's delivery and teaches nothing. */
static void rack_advance(struct tcb *t, const struct txrun *r, uint32_t end, simtime_t now)
{
	simtime_t at = r->at;
	uint8_t flags = r->flags;
	simtime_t rtt = now - at;
	if ((flags & TX_RTX) && rtt < t->min_rtt)
		return;
	t->rack_adv = 1;
	t->rack_rtt = rtt;
	if (sent_after(at, t->rack_at, r->ord, t->rack_ord, end, t->rack_end) || !t->rack_valid) {
		t->rack_at = at;
		t->rack_ord = r->ord;
		t->rack_end = end;
		t->rack_valid = 1;
	}
}

/* Merges neighbouring SACKed runs (their times no longer matter). */
static void merge_sacked(struct tcb *t)
{
	for (int i = 0; i + 1 < t->ntxr;) {
		if ((t->txr[i].flags & TX_SACKED) && (t->txr[i + 1].flags & TX_SACKED)) {
			t->txr[i].flags |= t->txr[i + 1].flags & TX_RTX;
			drop_run(t, i + 1);
		} else {
			i++;
		}
	}
}

uint32_t txq_sack(struct tcb *t, const struct segment *g, uint32_t snd_una, uint32_t snd_max,
                  simtime_t now)
{
	uint32_t newly = 0;
	for (int b = 0; b < g->nsack; b++) {
		uint32_t lo = g->sack[b][0], hi = g->sack[b][1];
		/* tcp_check_dsack(): a first block below the ACK, or inside the
		 * second, reports a duplicate, not new data */
		if (b == 0 && (SEQ_LEQ(hi, g->ack) || (g->nsack > 1 && SEQ_GEQ(lo, g->sack[1][0]) &&
		                                       SEQ_LEQ(hi, g->sack[1][1]))))
			continue;
		if (SEQ_LT(lo, snd_una))
			lo = snd_una;
		if (SEQ_GT(hi, snd_max))
			hi = snd_max;
		if (!SEQ_LT(lo, hi))
			continue;
		split_at(t, lo, snd_max);
		split_at(t, hi, snd_max);
		for (int i = 0; i < t->ntxr; i++) {
			uint32_t end = run_end(t, i, snd_max);
			if (SEQ_LT(t->txr[i].seq, lo) || SEQ_GT(end, hi))
				continue;
			if (t->txr[i].flags & TX_SACKED)
				continue;
			/* tcp_sacktag_one(): no longer lost, nor in flight */
			t->txr[i].flags = (uint8_t)((t->txr[i].flags & TX_RTX) | TX_SACKED);
			newly += end - t->txr[i].seq;
			rack_advance(t, &t->txr[i], end, now);
		}
	}
	if (newly) {
		merge_sacked(t);
		t->txq_marked = 1;
	}
	return newly;
}

simtime_t txq_head_sent(const struct tcb *t, uint32_t snd_una)
{
	int i = run_of(t, snd_una);
	return i < 0 ? -1 : t->txr[i].at;
}

uint32_t txq_sacked_segs(const struct tcb *t, uint32_t snd_max)
{
	uint32_t n = 0;
	if (!t->txq_marked)
		return 0;
	for (int i = 0; i < t->ntxr; i++)
		if (t->txr[i].flags & TX_SACKED)
			n += segs(t, run_end(t, i, snd_max) - t->txr[i].seq);
	return n;
}

uint32_t txq_pipe(const struct tcb *t, uint32_t snd_una, uint32_t snd_max)
{
	/* tcp_packets_in_flight(): out, less SACKed, less lost and not yet
	 * resent */
	uint32_t pipe = snd_max - snd_una;
	if (!t->txq_marked)
		return pipe;
	for (int i = 0; i < t->ntxr; i++) {
		uint8_t f = t->txr[i].flags;
		if ((f & TX_SACKED) || ((f & TX_LOST) && !(f & TX_REXMIT)))
			pipe -= run_end(t, i, snd_max) - t->txr[i].seq;
	}
	return pipe;
}

uint32_t txq_rack_detect(struct tcb *t, uint32_t snd_max, simtime_t now, simtime_t reo_wnd,
                         simtime_t *reo_timeout)
{
	uint32_t lost = 0;
	*reo_timeout = 0;
	/* without SACK marks everything delivered is below SND.UNA: nothing
	 * sent before it can still be missing (tcpsim's go-back after a
	 * timeout aside, which RACK leaves alone) */
	if (!t->rack_valid || !t->txq_marked)
		return 0;
	for (int i = 0; i < t->ntxr; i++) {
		struct txrun *r = &t->txr[i];
		uint32_t end = run_end(t, i, snd_max);
		if (r->flags & TX_SACKED)
			continue;
		if ((r->flags & TX_LOST) && !(r->flags & TX_REXMIT))
			continue; /* marked, not yet resent */
		if (!sent_after(t->rack_at, r->at, t->rack_ord, r->ord, t->rack_end, end))
			continue; /* sent after the newest delivered one */
		/* tcp_rack_detect_loss(): lost when it has not been delivered
		 * within the RTT of the newest delivered one plus the
		 * reordering window (tcp_rack_skb_timeout) */
		simtime_t remaining = t->rack_rtt + reo_wnd - (now - r->at);
		if (remaining <= 0) {
			r->flags = (uint8_t)((r->flags | TX_LOST) & ~TX_REXMIT);
			t->txq_marked = 1;
			lost += end - r->seq;
		} else if (remaining > *reo_timeout) {
			*reo_timeout = remaining;
		}
	}
	return lost;
}

int txq_next_lost(const struct tcb *t, uint32_t snd_max, uint32_t *seq, uint32_t *len)
{
	if (!t->txq_marked)
		return 0;
	for (int i = 0; i < t->ntxr; i++) {
		uint8_t f = t->txr[i].flags;
		if ((f & TX_LOST) && !(f & (TX_REXMIT | TX_SACKED))) {
			*seq = t->txr[i].seq;
			*len = run_end(t, i, snd_max) - t->txr[i].seq;
			return 1;
		}
	}
	return 0;
}

void txq_forget_marks(struct tcb *t)
{
	for (int i = 0; i < t->ntxr; i++)
		t->txr[i].flags &= TX_RTX;
	t->rack_adv = 0;
	t->txq_marked = 0;
}

void txq_sent(struct tcb *t, uint32_t seq, uint32_t end, uint32_t snd_max, simtime_t now)
{
	if (!SEQ_LT(seq, end))
		return;
	if (SEQ_GEQ(seq, snd_max)) {
		/* new data: it extends a run sent at this instant */
		const struct txrun *last = t->ntxr ? &t->txr[t->ntxr - 1] : NULL;
		if (last && last->at == now && !last->flags && last->ord == t->tx_ord)
			return;
		make_room(t);
		insert_run(t, t->ntxr, seq, now, 0, ++t->tx_ord);
		return;
	}
	/* a retransmission of [seq, end): one run of its own, sent now,
	 * marked retransmitted (and, if it was lost, resent: in flight again) */
	split_at(t, end, snd_max);
	split_at(t, seq, snd_max);
	int i = run_of(t, seq);
	if (i < 0) {
		make_room(t);
		insert_run(t, 0, seq, now, 0, 0);
		i = 0;
	}
	uint8_t lost = t->txr[i].flags & TX_LOST;
	t->txr[i].seq = seq;
	t->txr[i].at = now;
	t->txr[i].ord = ++t->tx_ord;
	t->txr[i].flags = (uint8_t)(TX_RTX | TX_REXMIT | lost);
	while (i + 1 < t->ntxr && SEQ_LT(t->txr[i + 1].seq, end))
		drop_run(t, i + 1);
}

int txq_acked(struct tcb *t, uint32_t una, uint32_t ack, uint32_t snd_max, simtime_t now,
              simtime_t *rtt, uint32_t *delivered)
{
	int i = run_of(t, una), sample = 0, rtx = 0;
	simtime_t first = 0;
	*delivered = ack - una;
	if (i < 0 && t->ntxr && SEQ_LT(t->txr[0].seq, ack))
		i = 0;
	for (int k = i; k >= 0 && k < t->ntxr && SEQ_LT(t->txr[k].seq, ack); k++) {
		const struct txrun *r = &t->txr[k];
		uint32_t lo = SEQ_LT(r->seq, una) ? una : r->seq, hi = run_end(t, k, snd_max);
		if (SEQ_GT(hi, ack))
			hi = ack;
		if (r->flags & TX_SACKED) {
			*delivered -= hi - lo; /* counted when it was SACKed */
			continue;
		}
		if (r->flags & TX_RTX)
			rtx = 1;
		else if (!sample) {
			first = r->at;
			sample = 1;
		}
		rack_advance(t, r, hi, now);
	}
	/* tcp_clean_rtx_queue(): the RTT of the oldest buffer acked, unless a
	 * retransmitted one is among them (Karn) */
	if (sample && !rtx)
		*rtt = now - first;
	/* forget what is acknowledged */
	while (t->ntxr > 1 && SEQ_LEQ(t->txr[1].seq, ack))
		drop_run(t, 0);
	if (t->ntxr && SEQ_LT(t->txr[0].seq, ack))
		t->txr[0].seq = ack;
	if (t->txq_marked)
		update_marked(t);
	return sample && !rtx;
}

uint32_t txq_retrans_out(const struct tcb *t, uint32_t snd_max, int not_lost)
{
	uint32_t n = 0;
	for (int i = 0; i < t->ntxr; i++) {
		uint8_t f = t->txr[i].flags;
		if (!(f & TX_REXMIT) || (f & TX_SACKED) || (not_lost && (f & TX_LOST)))
			continue;
		n += segs(t, run_end(t, i, snd_max) - t->txr[i].seq);
	}
	return n;
}

uint32_t txq_rtx_segs(const struct tcb *t, uint32_t lo, uint32_t hi, uint32_t snd_max)
{
	uint32_t n = 0;
	for (int i = 0; i < t->ntxr; i++) {
		uint32_t a = t->txr[i].seq, b = run_end(t, i, snd_max);
		if (!(t->txr[i].flags & TX_RTX))
			continue;
		if (SEQ_LT(a, lo))
			a = lo;
		if (SEQ_GT(b, hi))
			b = hi;
		if (SEQ_LT(a, b))
			n += segs(t, b - a);
	}
	return n;
}

void txq_unmark_lost(struct tcb *t)
{
	for (int i = 0; i < t->ntxr; i++)
		t->txr[i].flags &= (uint8_t)~TX_LOST;
	update_marked(t);
}

void txq_note_retransmit(struct tcb *t, uint32_t segs, uint32_t ts)
{
	/* tcp_retransmit_skb(): the stamp of the first retransmission, and
	 * one more to be D-SACKed before an undo */
	if (!t->rtx_ts_on) {
		t->rtx_ts_on = 1;
		t->rtx_ts = ts;
	}
	if (t->undo_retrans < 0)
		t->undo_retrans = 0;
	t->undo_retrans += (int32_t)segs;
	t->total_retrans += segs;
}
