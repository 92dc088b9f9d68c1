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
}

/* Drops run i. */
static void drop_run(struct tcb *t, int i)
{
	memmove(&t->txr[i], &t->txr[i + 1], sizeof t->txr[0] * (size_t)(t->ntxr - i - 1));
	t->ntxr--;
}

/* Makes room for one more run: the two neighbours sent closest in time
 * become one, with the earlier time (an RTT sample from it is at most
 * that gap too long). */
static void make_room(struct tcb *t)
{
	if (t->ntxr < TXR_MAX)
		return;
	int best = 0;
	simtime_t gap = SIMTIME_MAX;
	for (int i = 0; i + 1 < t->ntxr; i++) {
		simtime_t d = t->txr[i + 1].at - t->txr[i].at;
		if (d < 0)
			d = -d;
		if (d < gap) {
			gap = d;
			best = i;
		}
	}
	t->txr[best].rtx |= t->txr[best + 1].rtx;
	drop_run(t, best + 1);
}

/* Inserts a run at index i. */
static void insert_run(struct tcb *t, int i, uint32_t seq, simtime_t at, uint8_t rtx)
{
	memmove(&t->txr[i + 1], &t->txr[i], sizeof t->txr[0] * (size_t)(t->ntxr - i));
	t->txr[i].seq = seq;
	t->txr[i].at = at;
	t->txr[i].rtx = rtx;
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

void txq_sent(struct tcb *t, uint32_t seq, uint32_t end, uint32_t snd_max, simtime_t now)
{
	if (!SEQ_LT(seq, end))
		return;
	if (SEQ_GEQ(seq, snd_max)) {
		/* new data: it extends a run sent at this instant */
		const struct txrun *last = t->ntxr ? &t->txr[t->ntxr - 1] : NULL;
		if (last && last->at == now && !last->rtx)
			return;
		make_room(t);
		insert_run(t, t->ntxr, seq, now, 0);
		return;
	}
	/* a retransmission of [seq, end): one run of its own, marked; the
	 * rest of the run it cuts keeps its time */
	int j = run_of(t, end);
	if (SEQ_LT(end, snd_max) && (j < 0 || t->txr[j].seq != end)) {
		make_room(t);
		j = run_of(t, end);
		if (j >= 0)
			insert_run(t, j + 1, end, t->txr[j].at, t->txr[j].rtx);
	}
	int i = run_of(t, seq);
	if (i >= 0 && t->txr[i].seq == seq) {
		t->txr[i].at = now;
		t->txr[i].rtx = 1;
	} else {
		make_room(t);
		i = run_of(t, seq);
		insert_run(t, i + 1, seq, now, 1);
		i++;
	}
	while (i + 1 < t->ntxr && SEQ_LT(t->txr[i + 1].seq, end))
		drop_run(t, i + 1);
}

int txq_acked(struct tcb *t, uint32_t una, uint32_t ack, simtime_t now, simtime_t *rtt)
{
	int i = run_of(t, una), sample = 0, rtx = 0;
	simtime_t first = 0;
	if (i < 0 && t->ntxr && SEQ_LT(t->txr[0].seq, ack))
		i = 0;
	for (int k = i; k >= 0 && k < t->ntxr && SEQ_LT(t->txr[k].seq, ack); k++) {
		if (t->txr[k].rtx)
			rtx = 1;
		else if (!sample) {
			first = t->txr[k].at;
			sample = 1;
		}
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
	return sample && !rtx;
}
