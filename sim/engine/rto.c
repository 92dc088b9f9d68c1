/* rto: the retransmission timeout in one place: RFC 6298's estimator and
 * backoff, the SYN and SYN,ACK schedules of both profiles, and every rule
 * for when retransmitting gives up.  Pure functions of a TCB and its host's
 * parameters; called by tcp_in (RTT samples), tcp_timeout (expiries). */
#include "engine.h"

/* Linux's tcp_orphan_retries = 0 means 8 tries for a closed application's
 * FIN_WAIT_1, CLOSING and LAST_ACK. */
#define ORPHAN_RETRIES 8

/* RFC 6298's clock granularity G. */
#define RTO_G SIMTIME_MS

void rto_from_estimate(struct tcb *t, const struct tcp_params *p, int clamp_max)
{
	if (p->profile != PROFILE_RFC9293) {
		/* Linux: __tcp_set_rto(), tcp_bound_rto(): SRTT plus the
		 * variance term, which the estimator keeps at rto_min at least,
		 * kept in whole jiffies (icsk_rto, usecs_to_jiffies rounds up):
		 * the backoff doubles those (tcp_probe0_when, icsk_rto << 1) */
		t->rto = jiffies_up(t->srtt + t->rttvar_us) * JIFFY;
		if (t->rto > p->rto_max)
			t->rto = p->rto_max;
		return;
	}
	simtime_t k = 4 * t->rttvar > RTO_G ? 4 * t->rttvar : RTO_G;
	t->rto = t->srtt + k;
	if (t->rto < p->rto_min)
		t->rto = p->rto_min;
	if (clamp_max && t->rto > p->rto_max)
		t->rto = p->rto_max;
}

/* Linux: tcp_rtt_estimator().  Like RFC 6298 with gains 1/8 and 1/4, but
 * a falling RTT moves the deviation 8 times more slowly, and the variance
 * term is the largest deviation of the last round trip, never below
 * rto_min: so the RTO is about RTT + 200 ms. */
static void linux_estimator(struct tcb *t, simtime_t m, uint32_t una, const struct tcp_params *p)
{
	if (!t->rtt_valid) {
		t->srtt = m;
		t->mdev_us = 2 * m; /* rto = 3 rtt */
		t->rttvar_us = t->mdev_us > p->rto_min ? t->mdev_us : p->rto_min;
		t->mdev_max_us = t->rttvar_us;
		t->est_seq = t->snd_max;
		t->rtt_valid = 1;
	} else {
		simtime_t err = m - t->srtt;
		t->srtt += err / 8;
		if (err < 0) {
			err = -err - t->mdev_us / 4;
			if (err > 0)
				err /= 8;
		} else {
			err -= t->mdev_us / 4;
		}
		t->mdev_us += err;
		if (t->mdev_us > t->mdev_max_us) {
			t->mdev_max_us = t->mdev_us;
			if (t->mdev_max_us > t->rttvar_us)
				t->rttvar_us = t->mdev_max_us;
		}
		if (SEQ_GT(una, t->est_seq)) {
			/* a round trip has passed: let the variance term decay */
			if (t->mdev_max_us < t->rttvar_us)
				t->rttvar_us -= (t->rttvar_us - t->mdev_max_us) / 4;
			t->est_seq = t->snd_max;
			t->mdev_max_us = p->rto_min;
		}
	}
	if (t->srtt < 1)
		t->srtt = 1;
	t->rttvar = t->rttvar_us / 4; /* shown as RFC 6298's RTTVAR */
	rto_from_estimate(t, p, 1);
}

/* RFC 6298 section 2: the estimator. */
void rto_sample(struct tcb *t, simtime_t r, uint32_t una, const struct tcp_params *p)
{
	if (r < 1)
		r = 1;
	if (p->profile != PROFILE_RFC9293) {
		linux_estimator(t, r, una, p);
		return;
	}
	if (!t->rtt_valid) {
		t->srtt = r;
		t->rttvar = r / 2;
		t->rtt_valid = 1;
	} else {
		simtime_t d = t->srtt > r ? t->srtt - r : r - t->srtt;
		t->rttvar = (3 * t->rttvar + d) / 4; /* beta = 1/4 */
		t->srtt = (7 * t->srtt + r) / 8;     /* alpha = 1/8 */
	}
	rto_from_estimate(t, p, 1);
}

void rto_backoff(struct tcb *t, const struct tcp_params *p)
{
	simtime_t twice = simtime_shl(t->rto, 1);
	t->rto = twice > p->rto_max ? p->rto_max : twice;
}

/* `linear` waits of one initial RTO, then doubling, never past rto_max. */
simtime_t rto_syn_interval(const struct tcp_params *p, int linear, uint32_t k)
{
	uint32_t shift = k <= (uint32_t)linear + 1 ? 0 : k - (uint32_t)linear - 1;
	if (shift > 20)
		shift = 20;
	simtime_t w = simtime_shl(p->rto_initial, shift);
	return w > p->rto_max ? p->rto_max : w;
}

/* Linux: tcp_model_timeout(): how long `retries` doubling retransmissions
 * from rto_base take, the doubling stopping at rto_max. */
static simtime_t model_timeout(const struct tcp_params *p, simtime_t base, int retries)
{
	int thresh = 0;
	while (thresh < 62 && simtime_shl(base, (unsigned)thresh + 1) <= p->rto_max)
		thresh++;
	int doubling = retries < thresh ? retries : thresh;
	simtime_t total = simtime_shl(base, (unsigned)doubling + 1) - base;
	if (total >= SIMTIME_MAX - base)
		return SIMTIME_MAX;
	return simtime_add(total, simtime_mul(p->rto_max, retries - doubling));
}

simtime_t rto_syn_give_up(const struct tcp_params *p, int linear, int retries)
{
	simtime_t by_time = model_timeout(p, p->rto_initial, retries), at = 0;
	/* expiry k comes after k waits; the last one allowed is retries + linear + 1 */
	for (int k = 1; k <= retries + linear + 1; k++) {
		at = simtime_add(at, rto_syn_interval(p, linear, (uint32_t)k));
		if (k > 1 && at >= by_time)
			break;
		if (at == SIMTIME_MAX)
			break;
	}
	return at;
}

/* Linux's retransmits_timed_out: about 924.6 s for tcp_retries2 = 15,
 * about 102.2 s for an orphaned socket's tcp_orphan_retries (8). */
simtime_t rto_data_give_up(const struct tcp_params *p, int retries)
{
	/* Doublings from rto_min until rto_max is reached, then rto_max each. */
	int thresh = 0;
	while (thresh < 62 && simtime_shl(p->rto_min, (unsigned)thresh + 1) <= p->rto_max)
		thresh++;
	int doubling = retries < thresh ? retries : thresh;
	/* (2^(doubling+1) - 1) * rto_min, then the flat part */
	simtime_t total = simtime_shl(p->rto_min, (unsigned)doubling + 1) - p->rto_min;
	if (total >= SIMTIME_MAX - p->rto_min)
		return SIMTIME_MAX;
	return simtime_add(total, simtime_mul(p->rto_max, retries - doubling));
}

/* RFC 9293 3.8.3 (MUST-23): a SYN is retransmitted for at least 3 minutes. */
#define SYN_R2 (180 * SIMTIME_S)

int rto_syn_expired(const struct tcb *t, const struct tcp_params *p, uint32_t k, simtime_t elapsed,
                    simtime_t *next)
{
	int synack = t->state == TCPS_SYN_RCVD;
	int linear = synack ? 0 : p->syn_linear;
	int retries = synack ? p->synack_retries : p->syn_retries;
	int expired;
	if (p->profile == PROFILE_RFC9293) {
		/* counting when the scenario sets syn_retries, else R2 = 3 minutes */
		expired = retries >= 0 ? k - 1 >= (uint32_t)retries : elapsed >= SYN_R2;
	} else {
		/* Linux: tcp_write_timeout(): retransmissions counted (the linear
		 * ones on top, in SYN_SENT), or the time doubling ones from 1 s
		 * would take (retransmits_timed_out), whichever comes first */
		expired = k - 1 >= (uint32_t)(retries + linear) ||
		          (k > 1 && elapsed >= model_timeout(p, p->rto_initial, retries));
	}
	if (expired)
		return 1;
	*next = rto_syn_interval(p, linear, k + 1);
	return 0;
}

int rto_data_expired(const struct tcb *t, const struct tcp_params *p, uint32_t k, simtime_t elapsed)
{
	int retries = t->orphan ? ORPHAN_RETRIES : p->data_retries;
	/* RFC 9293 3.8.3 counts retransmissions (R2); Linux measures time. */
	if (p->profile == PROFILE_RFC9293)
		return (int)k > retries;
	return elapsed >= rto_data_give_up(p, retries);
}

simtime_t rto_persist_next(const struct tcp_params *p, simtime_t ran)
{
	simtime_t next = simtime_shl(ran, 1);
	return next > p->rto_max ? p->rto_max : next;
}

simtime_t rto_probe0_when(const struct tcb *t, const struct tcp_params *p)
{
	/* tcp_probe0_base(): the RTO, never below rto_min; the shift stops at
	 * ilog2(rto_max / rto_min) + 1, as the kernel's does */
	simtime_t base = t->rto > p->rto_min ? t->rto : p->rto_min;
	unsigned shift = t->probe_backoff;
	unsigned top = 1;
	while (top < 62 && simtime_shl(p->rto_min, top) <= p->rto_max)
		top++;
	if (shift > top)
		shift = top;
	simtime_t w = simtime_shl(base, shift);
	return w > p->rto_max ? p->rto_max : w;
}
