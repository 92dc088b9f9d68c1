/* paws: Protection Against Wrapped Sequences (RFC 7323 section 5): a segment
 * whose timestamp is older than the last one taken from the peer is an old
 * duplicate.  Pure functions of a TCB, a segment and the time; called by
 * tcp_in (synchronized states) and timewait (TIME_WAIT and the reopening
 * SYN).  Linux's tcp_paws_check() / tcp_paws_reject() in include/net/tcp.h. */
#include "engine.h"

/* Linux's TCP_PAWS_WRAP: a ts_recent older than this (INT_MAX microseconds,
 * about 2147 s) proves nothing any more, the peer's clock may have wrapped. */
#define PAWS_WRAP ((simtime_t)2147483647)
/* Linux's TCP_PAWS_MSL: a RST is checked only against a ts_recent younger
 * than this. */
#define PAWS_MSL (60 * SIMTIME_S)

/* Linux: tcp_paws_check().  1 when the segment's TSval is acceptable:
 * no older than ts_recent by more than `window` ticks, or ts_recent is
 * stale or 0. */
int paws_check(const struct tcb *t, const struct segment *g, simtime_t now, uint32_t window)
{
	if (!t->ts_ok || !g->opt_ts)
		return 1;
	if ((int32_t)(t->ts_recent - g->ts_val) <= (int32_t)window)
		return 1;
	if (now - t->ts_recent_stamp >= PAWS_WRAP)
		return 1;
	return t->ts_recent == 0;
}

/* Linux: tcp_paws_reject().  1 when the segment is an old duplicate; a RST
 * only while ts_recent is younger than PAWS_MSL ("their cleanup function
 * should take precedence over timestamps"). */
int paws_reject(const struct tcb *t, const struct segment *g, simtime_t now)
{
	if (paws_check(t, g, now, 0))
		return 0;
	if ((g->flags & TH_RST) && now - t->ts_recent_stamp >= PAWS_MSL)
		return 0;
	return 1;
}

/* Linux: tcp_store_ts_recent(), done by tcp_replace_ts_recent() for a
 * segment that passed the checks and does not start past RCV.NXT. */
void paws_take(struct tcb *t, const struct segment *g, simtime_t now)
{
	if (!t->ts_ok || !g->opt_ts || SEQ_GT(g->seq, t->rcv_nxt))
		return;
	if (paws_check(t, g, now, 0)) {
		t->ts_recent = g->ts_val;
		t->ts_recent_stamp = now;
	}
}
