/* cc: the congestion window of a connection: slow start and congestion
 * avoidance on new ACKs, the slow-start threshold a loss sets, and the
 * window during NewReno fast recovery (RFC 5681, RFC 6582) and after a
 * retransmission timeout.  Pure: it reads and writes one TCB; the callers
 * (tcp_in, tcp_timeout) decide when a loss or an ACK happens and do the
 * sending.  cwnd and ssthresh are bytes. */
#include "engine.h"

void cc_init(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd = 10u * t->mss; /* RFC 6928 initial window */
	t->ssthresh = 0x7fffffff;
}

void cc_on_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked, simtime_t now)
{
	(void)p;
	(void)now;
	if (t->cwnd < t->ssthresh) /* RFC 5681 3.1 slow start, at most one SMSS per ACK */
		t->cwnd += acked < t->mss ? acked : t->mss;
	else /* congestion avoidance, RFC 5681 eq. 3 */
		t->cwnd += (uint32_t)((uint64_t)t->mss * t->mss / (t->cwnd ? t->cwnd : 1));
}

uint32_t cc_ssthresh(const struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	uint32_t flight = t->snd_max - t->snd_una; /* RFC 5681 eq. 4 */
	return flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
}

void cc_on_loss_event(struct tcb *t, const struct tcp_params *p)
{
	t->ssthresh = cc_ssthresh(t, p);
	t->cwnd = t->ssthresh + 3u * t->mss; /* RFC 6582 3.2 step 2 */
}

void cc_on_recovery_dupack(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd += t->mss; /* RFC 6582 3.2 step 3: inflate */
}

void cc_on_partial_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked)
{
	(void)p;
	/* RFC 6582 3.2 step 5: deflate by what was acked, add one SMSS back */
	t->cwnd = t->cwnd > acked ? t->cwnd - acked + t->mss : t->mss;
}

void cc_on_recovery_end(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd = t->ssthresh; /* RFC 6582 3.2 step 6 */
}

void cc_on_rto(struct tcb *t, const struct tcp_params *p)
{
	/* RFC 5681 3.1: ssthresh from the flight, a loss window of one SMSS */
	t->ssthresh = cc_ssthresh(t, p);
	t->cwnd = t->mss;
}
