/* cc: the congestion window of a connection: slow start and congestion
 * avoidance on new ACKs, the slow-start threshold a loss sets, and the
 * window during NewReno fast recovery (RFC 5681, RFC 6582) and after a
 * retransmission timeout.  Pure: it reads and writes one TCB; the callers
 * (tcp_out, tcp_in, tcp_timeout) say when a segment leaves, an ACK comes or
 * a loss is found, and do the sending.
 *
 * Two models.  The rfc9293 profile with cc=reno counts bytes, as RFC 5681
 * writes it.  Everything else counts packets as Linux does (tp->snd_cwnd,
 * tp->snd_cwnd_cnt): t->cwnd and t->ssthresh stay bytes for the sender and
 * the trace, always a whole number of segments, and each call works on
 * cwnd / mss.  cc=reno is Linux's tcp_reno (net/ipv4/tcp_cong.c), cc=cubic
 * is tcp_cubic.c with HyStart, at the module's stock parameters. */
#include "engine.h"

#define SSTHRESH_INF 0x7fffffffu /* TCP_INFINITE_SSTHRESH */

/* tcp_cubic.c's stock module parameters and the constants its init
 * derives from them (cubictcp_register). */
#define CUBIC_BETA 717u         /* beta, of BETA_SCALE */
#define CUBIC_BETA_SCALE 1024u  /* BICTCP_BETA_SCALE */
#define CUBIC_RTT_SCALE 410u    /* cube_rtt_scale: bic_scale 41 * 10 */
#define CUBIC_BETA_RENO 15u     /* beta_scale: 8 * (1024 + 717) / 3 / (1024 - 717) */
#define CUBIC_FACTOR 2681735677 /* cube_factor: 2^40 / (41 * 10) */
#define HZ 250u                 /* the kernel's tick: jiffies */
#define HYSTART_LOW_WINDOW 16u
#define HYSTART_ACK_DELTA 2000 /* us */
#define HYSTART_MIN_SAMPLES 8u
#define HYSTART_DELAY_MIN 4000u  /* us */
#define HYSTART_DELAY_MAX 16000u /* us */

static int in_packets(const struct tcp_params *p)
{
	return p->profile != PROFILE_RFC9293 || p->cc != CC_RENO;
}

static uint32_t pkts(const struct tcb *t, uint32_t bytes)
{
	return t->mss ? bytes / t->mss : bytes;
}

static uint32_t cwnd_pkts(const struct tcb *t)
{
	uint32_t c = pkts(t, t->cwnd);
	return c ? c : 1;
}

static uint32_t ssthresh_pkts(const struct tcb *t)
{
	return t->ssthresh >= SSTHRESH_INF ? SSTHRESH_INF : pkts(t, t->ssthresh);
}

static void set_cwnd(struct tcb *t, uint32_t c)
{
	uint64_t b = (uint64_t)c * t->mss;
	t->cwnd = b > SSTHRESH_INF ? SSTHRESH_INF : (uint32_t)b;
}

static void set_ssthresh(struct tcb *t, uint32_t c)
{
	uint64_t b = (uint64_t)c * t->mss;
	t->ssthresh = c >= SSTHRESH_INF || b > SSTHRESH_INF ? SSTHRESH_INF : (uint32_t)b;
}

/* The kernel's tcp_jiffies32 at HZ 250 (the phase against the simulated
 * clock is arbitrary; 1 keeps 0 free as "no epoch"). */
static uint32_t jiffies(simtime_t now)
{
	return (uint32_t)(now / (SIMTIME_S / HZ)) + 1u;
}

static uint32_t usecs_to_jiffies(uint32_t us)
{
	return (uint32_t)jiffies_up(us);
}

/* bictcp_hystart_reset(): a new round of HyStart starts with this ACK. */
static void hystart_reset(struct tcb *t, simtime_t now)
{
	t->cubic.round_start = t->cubic.last_ack = now;
	t->cubic.end_seq = t->snd_max;
	t->cubic.curr_rtt = UINT32_MAX;
	t->cubic.sample_cnt = 0;
}

/* bictcp_reset() */
static void cubic_reset(struct tcb *t)
{
	struct cc_cubic zero = {0};
	t->cubic = zero;
}

void cc_init(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd = 10u * t->mss; /* RFC 6928; Linux's TCP_INIT_CWND */
	t->ssthresh = SSTHRESH_INF;
	t->cwnd_cnt = 0;
	t->cwnd_limited = 0;
	t->max_packets_out = 0;
	t->cwnd_usage_seq = t->snd_max;
	cubic_reset(t);
	hystart_reset(t, 0); /* cubictcp_init(); the first data ACK starts a round */
}

/* The cube root of a, as tcp_cubic.c's cubic_root() finds it: a 64-entry
 * table of the root's leading bits, then one Newton-Raphson step.  The
 * approximation matters: K, and so every CUBIC window, depends on it. */
static uint32_t cubic_root(uint64_t a)
{
	static const uint8_t v[64] = {
	    0,   54,  54,  54,  118, 118, 118, 118, 123, 129, 134, 138, 143, 147, 151, 156,
	    157, 161, 164, 168, 170, 173, 176, 179, 181, 185, 187, 190, 192, 194, 197, 199,
	    200, 202, 204, 206, 209, 211, 213, 215, 217, 219, 221, 222, 224, 225, 227, 229,
	    231, 232, 234, 236, 237, 239, 240, 242, 244, 245, 246, 248, 250, 251, 252, 254,
	};
	uint32_t bits = 0; /* fls64(a) */
	for (uint64_t x = a; x; x >>= 1)
		bits++;
	if (bits < 7)
		return ((uint32_t)v[a & 63] + 35) >> 6;
	uint32_t b = ((bits * 84) >> 8) - 1;
	uint32_t shift = (uint32_t)(a >> (b * 3));
	uint32_t x = ((uint32_t)(v[shift & 63] + 10) << b) >> 6;
	x = 2 * x + (uint32_t)(a / ((uint64_t)x * (uint64_t)(x - 1)));
	return (x * 341) >> 10; /* / 3 */
}

/* bictcp_update(): how many ACKed packets make one more packet of cwnd
 * (cubic.cnt), from the cubic function of the time since the epoch
 * began, and never slower than Reno would grow (tcp_friendliness). */
static void cubic_update(struct tcb *t, uint32_t cwnd, uint32_t acked, simtime_t now)
{
	struct cc_cubic *ca = &t->cubic;
	uint32_t j = jiffies(now);
	ca->ack_cnt += acked;
	if (ca->last_cwnd == cwnd && (int32_t)(j - ca->last_time) <= (int32_t)(HZ / 32))
		return;
	/* the cubic function is evaluated at most once a jiffy */
	if (!(ca->epoch_start && j == ca->last_time)) {
		ca->last_cwnd = cwnd;
		ca->last_time = j;
		if (ca->epoch_start == 0) {
			ca->epoch_start = j;
			ca->ack_cnt = acked;
			ca->tcp_cwnd = cwnd;
			if (ca->last_max_cwnd <= cwnd) {
				ca->k = 0;
				ca->origin = cwnd;
			} else {
				/* K = cbrt((W_max - cwnd) / C), C = 0.4, in 2^-10 s */
				ca->k =
				    cubic_root((uint64_t)CUBIC_FACTOR * (ca->last_max_cwnd - cwnd));
				ca->origin = ca->last_max_cwnd;
			}
		}
		/* time since the epoch plus one minimum RTT, in 2^-10 s */
		uint64_t tt = (uint64_t)(int64_t)(int32_t)(j - ca->epoch_start);
		tt += usecs_to_jiffies(ca->delay_min);
		tt = (tt << 10) / HZ;
		uint64_t offs = tt < ca->k ? ca->k - tt : tt - ca->k;
		uint32_t delta = (uint32_t)((CUBIC_RTT_SCALE * offs * offs * offs) >> 40);
		uint32_t target = tt < ca->k ? ca->origin - delta : ca->origin + delta;
		ca->cnt = target > cwnd ? cwnd / (target - cwnd) : 100 * cwnd;
		/* no W_max yet: at least 5% a round trip */
		if (ca->last_max_cwnd == 0 && ca->cnt > 20)
			ca->cnt = 20;
	}
	/* tcp_friendliness: the window Reno with CUBIC's beta would have */
	uint32_t per = (cwnd * CUBIC_BETA_RENO) >> 3;
	if (per == 0)
		per = 1;
	while (ca->ack_cnt > per) {
		ca->ack_cnt -= per;
		ca->tcp_cwnd++;
	}
	if (ca->tcp_cwnd > cwnd) {
		uint32_t max_cnt = cwnd / (ca->tcp_cwnd - cwnd);
		if (ca->cnt > max_cnt)
			ca->cnt = max_cnt;
	}
	if (ca->cnt < 2)
		ca->cnt = 2; /* at most 1.5x a round trip */
}

/* tcp_cong_avoid_ai(): one more packet of cwnd per w packets ACKed. */
static uint32_t cong_avoid_ai(struct tcb *t, uint32_t cwnd, uint32_t w, uint32_t acked)
{
	if (w == 0)
		w = 1;
	if (t->cwnd_cnt >= w) { /* credit from a larger w: spend it now */
		t->cwnd_cnt = 0;
		cwnd++;
	}
	t->cwnd_cnt += acked;
	if (t->cwnd_cnt >= w) {
		uint32_t d = t->cwnd_cnt / w;
		t->cwnd_cnt -= d * w;
		cwnd += d;
	}
	return cwnd;
}

/* tcp_is_cwnd_limited() */
static int cwnd_limited(const struct tcb *t, uint32_t cwnd, uint32_t ssthresh)
{
	if (t->cwnd_limited)
		return 1;
	/* in slow start, let cwnd grow to twice what was in flight */
	return cwnd < ssthresh && cwnd < 2 * t->max_packets_out;
}

void cc_on_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked, simtime_t now)
{
	if (!in_packets(p)) {
		if (t->cwnd < t->ssthresh) /* RFC 5681 3.1 slow start, at most one SMSS per ACK */
			t->cwnd += acked < t->mss ? acked : t->mss;
		else /* congestion avoidance, RFC 5681 eq. 3 */
			t->cwnd += (uint32_t)((uint64_t)t->mss * t->mss / (t->cwnd ? t->cwnd : 1));
		return;
	}
	/* tcp_cong_avoid() with the packets this ACK delivered (a short
	 * segment is a packet too) */
	uint32_t n = t->mss ? (acked + t->mss - 1) / t->mss : acked;
	uint32_t cwnd = cwnd_pkts(t), ssthresh = ssthresh_pkts(t);
	if (n == 0 || !cwnd_limited(t, cwnd, ssthresh))
		return;
	if (cwnd < ssthresh) { /* tcp_slow_start(): up to ssthresh, the rest goes on */
		uint32_t c = cwnd + n < ssthresh ? cwnd + n : ssthresh;
		n -= c - cwnd;
		cwnd = c;
		if (n == 0) {
			set_cwnd(t, cwnd);
			return;
		}
	}
	if (p->cc == CC_CUBIC) {
		cubic_update(t, cwnd, n, now);
		cwnd = cong_avoid_ai(t, cwnd, t->cubic.cnt, n);
	} else {
		cwnd = cong_avoid_ai(t, cwnd, cwnd, n); /* tcp_reno_cong_avoid() */
	}
	set_cwnd(t, cwnd);
}

/* hystart_ack_delay(): the slack an ACK train gets for send-side
 * batching, 4 GSO-sized bursts at the pacing rate, at most 1 ms.  The
 * pacing rate is Linux's slow-start one (tcp_update_pacing_rate: twice
 * cwnd per smoothed RTT); sk_gso_max_size 65536. */
static uint32_t hystart_ack_delay(const struct tcb *t, simtime_t srtt)
{
	if (srtt <= 0)
		return 0;
	uint64_t rate = 2ull * cwnd_pkts(t) * t->mss * (uint64_t)SIMTIME_S / (uint64_t)srtt;
	if (rate == 0)
		return 0;
	uint64_t d = 65536ull * 4 * 1000000 / rate;
	return d < 1000 ? (uint32_t)d : 1000;
}

/* hystart_update(): leave slow start early (ssthresh = cwnd) when a
 * round's ACKs keep arriving close together for more than half the
 * minimum RTT (an ACK train: the pipe is full), or when the round's
 * smallest RTT has grown by an eighth of the minimum, 4 to 16 ms (a
 * queue builds). */
static void hystart_update(struct tcb *t, uint32_t ack, uint32_t delay, simtime_t srtt,
                           simtime_t now)
{
	struct cc_cubic *ca = &t->cubic;
	uint32_t cwnd = cwnd_pkts(t);
	if (SEQ_GT(ack, ca->end_seq))
		hystart_reset(t, now);
	if (cwnd < HYSTART_LOW_WINDOW)
		return;
	if (now - ca->last_ack <= HYSTART_ACK_DELTA) {
		ca->last_ack = now;
		/* no pacing (sk_pacing_status none): half the threshold */
		uint32_t threshold = (ca->delay_min + hystart_ack_delay(t, srtt)) >> 1;
		if (now - ca->round_start > (simtime_t)threshold) {
			ca->found = 1;
			set_ssthresh(t, cwnd);
		}
	}
	if (ca->curr_rtt > delay)
		ca->curr_rtt = delay;
	if (ca->sample_cnt < HYSTART_MIN_SAMPLES) {
		ca->sample_cnt++;
	} else {
		uint32_t th = ca->delay_min >> 3;
		th = th < HYSTART_DELAY_MIN   ? HYSTART_DELAY_MIN
		     : th > HYSTART_DELAY_MAX ? HYSTART_DELAY_MAX
		                              : th;
		if (ca->curr_rtt > ca->delay_min + th) {
			ca->found = 1;
			set_ssthresh(t, cwnd);
		}
	}
}

/* tcp_clean_rtx_queue()'s ca_rtt: the send time of the newest segment
 * this ACK covers in full, read from the trace (every segment the socket
 * sent is there, in the order it left).  t->cc_scan moves forward to the
 * first segment not yet covered, so each segment is passed once.  -1 when
 * the ACK covers a retransmission (no sample then) or nothing new. */
static simtime_t sent_at(struct tcb *t, int32_t h, const struct trace *tr, uint32_t ack,
                         simtime_t now)
{
	simtime_t at = -1;
	int retx = 0;
	uint32_t i = t->cc_scan;
	(void)now;
	/* segcursor, not nsegs: after going back in time the trace already
	 * holds the segments still to come.  Past the socket's last segment
	 * (own_end) every one is another's, skipped: the search jumps to the
	 * cursor instead of reading them (the other connections' segments of
	 * a busy run); so does the latest run of them between two of its
	 * segments (own_gap: a short connection's, between its SYN and its
	 * data an RTT later). */
	uint32_t stop = t->own_end < tr->segcursor ? t->own_end : tr->segcursor;
	uint32_t gap = t->own_gap_end < stop ? t->own_gap : UINT32_MAX;
	for (; i < stop; i++) {
		if (i == gap)
			i = t->own_gap_end;
		const struct trace_seg *g = &tr->segs[i];
		if (g->sock != h || g->from != t->host || g->dup)
			continue;
		uint32_t end = g->h.seq + g->h.len + ((g->h.flags & (TH_SYN | TH_FIN)) ? 1u : 0u);
		if (end == g->h.seq)
			continue; /* a bare ACK */
		if (SEQ_GT(end, ack))
			break;
		if (g->retx)
			retx = 1;
		else
			at = g->sent;
	}
	if (i >= stop && i < tr->segcursor)
		i = tr->segcursor; /* no break: the rest is not this socket's */
	t->cc_scan = i;
	return retx ? -1 : at;
}

void cc_on_ack_sample(struct tcb *t, const struct tcp_params *p, int32_t h, const struct trace *tr,
                      uint32_t ack, simtime_t srtt, simtime_t now)
{
	if (p->cc != CC_CUBIC || !in_packets(p) || !SEQ_GT(ack, t->snd_una))
		return;
	simtime_t at = sent_at(t, h, tr, ack, now);
	if (at < 0)
		return;
	/* cubictcp_acked(): no samples for a second after a reduction */
	struct cc_cubic *ca = &t->cubic;
	if (ca->epoch_start && (int32_t)(jiffies(now) - ca->epoch_start) < (int32_t)HZ)
		return;
	simtime_t r = now - at;
	uint32_t delay = r <= 0 ? 1u : r > UINT32_MAX ? UINT32_MAX : (uint32_t)r;
	if (ca->delay_min == 0 || ca->delay_min > delay)
		ca->delay_min = delay;
	if (!ca->found && cwnd_pkts(t) < ssthresh_pkts(t))
		hystart_update(t, ack, delay, srtt, now);
}

void cc_on_output(struct tcb *t, const struct tcp_params *p, int sent)
{
	if (!in_packets(p))
		return;
	uint32_t cwnd = cwnd_pkts(t);
	uint32_t in_flight = (t->snd_nxt - t->snd_una + t->mss - 1) / (t->mss ? t->mss : 1);
	uint32_t out = (t->snd_max - t->snd_una + t->mss - 1) / (t->mss ? t->mss : 1);
	int limited = in_flight >= cwnd;
	if (!sent && !limited)
		return;
	/* tcp_cwnd_validate(): a window's strongest signal of use */
	if (SEQ_GEQ(t->snd_una, t->cwnd_usage_seq) || limited ||
	    (!t->cwnd_limited && out > t->max_packets_out)) {
		t->cwnd_limited = (uint8_t)limited;
		t->max_packets_out = out;
		t->cwnd_usage_seq = t->snd_nxt;
	}
}

void cc_idle_restart(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	if (!in_packets(p) || t->snd_max != t->snd_una)
		return;
	int32_t delta = (int32_t)(jiffies(now) - jiffies(t->lsndtime));
	int32_t rto = (int32_t)(t->rto / (SIMTIME_S / HZ));
	if (delta <= rto)
		return;
	uint32_t cwnd = cwnd_pkts(t), restart = cwnd < 10u ? cwnd : 10u;
	/* tcp_current_ssthresh(): at least 3/4 of the window it had */
	if (!t->in_recovery) {
		uint32_t q = (cwnd >> 1) + (cwnd >> 2);
		if (ssthresh_pkts(t) < q)
			set_ssthresh(t, q);
	}
	/* halve once per RTO of idleness, down to the restart window */
	while ((delta -= rto) > 0 && cwnd > restart)
		cwnd >>= 1;
	set_cwnd(t, cwnd > restart ? cwnd : restart);
}

void cc_on_mss_change(struct tcb *t, const struct tcp_params *p, uint32_t old_mss)
{
	/* tcp_sync_mss() leaves snd_cwnd and snd_ssthresh alone: counted in
	 * packets, the window keeps its number of (now smaller) segments */
	if (!in_packets(p) || old_mss == 0 || old_mss == t->mss)
		return;
	uint32_t c = t->cwnd / old_mss;
	set_cwnd(t, c ? c : 1);
	if (t->ssthresh < SSTHRESH_INF)
		set_ssthresh(t, t->ssthresh / old_mss);
}

/* Linux: tcp_update_pacing_rate() (net/ipv4/tcp_input.c), which
 * tcp_cong_control() runs after each ACK has moved cwnd (and the passive
 * open, on entering ESTABLISHED): mss * max(cwnd, packets_out) / srtt,
 * times tcp_pacing_ss_ratio (200 %) while cwnd < ssthresh / 2, else
 * tcp_pacing_ca_ratio (120 %), in bytes per second.  Written as the kernel
 * does it: mss_cache * ((USEC_PER_SEC / 100) << 3) * ratio * segments,
 * divided by srtt_us (which the kernel keeps times 8; tcpsim's srtt is
 * whole microseconds); with no RTT sample (srtt 0) the kernel leaves the
 * product undivided, a rate no link reaches.  sk_max_pacing_rate is
 * unlimited (~0UL) unless SO_MAX_PACING_RATE, which no scenario sets.
 * packets_out counts every segment sent and not cumulatively acknowledged. */
uint64_t cc_pacing_rate(const struct tcb *t)
{
	uint64_t mss = t->mss ? t->mss : 1;
	uint64_t cwnd = cwnd_pkts(t);
	uint64_t out = ((uint64_t)(t->snd_max - t->snd_una) + mss - 1) / mss;
	uint64_t ratio = cwnd < ssthresh_pkts(t) / 2 ? 200 : 120;
	uint64_t rate = mss * ((1000000 / 100) << 3) * ratio * (cwnd > out ? cwnd : out);
	if (t->srtt > 0)
		rate /= (uint64_t)t->srtt << 3;
	return rate;
}

uint32_t cc_ssthresh(const struct tcb *t, const struct tcp_params *p)
{
	if (!in_packets(p)) {
		uint32_t flight = t->snd_max - t->snd_una; /* RFC 5681 eq. 4 */
		return flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
	}
	uint32_t cwnd = cwnd_pkts(t), s;
	if (p->cc == CC_CUBIC)
		s = cwnd * CUBIC_BETA / CUBIC_BETA_SCALE; /* cubictcp_recalc_ssthresh() */
	else
		s = cwnd >> 1; /* tcp_reno_ssthresh() */
	return (s > 2u ? s : 2u) * t->mss;
}

/* cubictcp_recalc_ssthresh()'s side: the epoch ends, W_max is remembered
 * (fast convergence: lower, when this loss came below the last one). */
static void cubic_loss(struct tcb *t)
{
	uint32_t cwnd = cwnd_pkts(t);
	t->cubic.epoch_start = 0;
	if (cwnd < t->cubic.last_max_cwnd)
		t->cubic.last_max_cwnd =
		    cwnd * (CUBIC_BETA_SCALE + CUBIC_BETA) / (2 * CUBIC_BETA_SCALE);
	else
		t->cubic.last_max_cwnd = cwnd;
}

void cc_enter_recovery(struct tcb *t, const struct tcp_params *p)
{
	t->ssthresh = cc_ssthresh(t, p);
	if (in_packets(p)) {
		if (p->cc == CC_CUBIC)
			cubic_loss(t);
		t->cwnd_cnt = 0; /* tcp_init_cwnd_reduction() */
	}
}

uint32_t cc_current_ssthresh(const struct tcb *t)
{
	if (t->in_recovery)
		return t->ssthresh;
	uint32_t c = cwnd_pkts(t), q = (c >> 1) + (c >> 2);
	return ssthresh_pkts(t) < q ? q * t->mss : t->ssthresh;
}

void cc_undo(struct tcb *t)
{
	/* tcp_undo_cwnd_reduction(): icsk_ca_ops->undo_cwnd is
	 * tcp_reno_undo_cwnd (net/ipv4/tcp_cong.c) for cubic as for reno:
	 * max(snd_cwnd, prior_cwnd); CUBIC's own state (W_max, the epoch) is
	 * not restored */
	if (!t->prior_ssthresh)
		return;
	if (cwnd_pkts(t) < t->prior_cwnd)
		set_cwnd(t, t->prior_cwnd);
	if (t->prior_ssthresh > t->ssthresh)
		t->ssthresh = t->prior_ssthresh;
}

void cc_on_loss_event(struct tcb *t, const struct tcp_params *p)
{
	cc_enter_recovery(t, p);
	t->cwnd = t->ssthresh + 3u * t->mss; /* RFC 6582 3.2 step 2 */
}

void cc_on_recovery_dupack(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd += t->mss; /* RFC 6582 3.2 step 3: inflate */
}

void cc_on_partial_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked)
{
	/* RFC 6582 3.2 step 5: deflate by what was acked, add one SMSS back */
	if (in_packets(p)) {
		uint32_t c = cwnd_pkts(t), n = pkts(t, acked);
		set_cwnd(t, c > n ? c - n + 1 : 1);
		return;
	}
	t->cwnd = t->cwnd > acked ? t->cwnd - acked + t->mss : t->mss;
}

void cc_on_recovery_end(struct tcb *t, const struct tcp_params *p)
{
	(void)p;
	t->cwnd = t->ssthresh; /* RFC 6582 3.2 step 6; tcp_end_cwnd_reduction() */
}

void cc_on_rto(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	/* RFC 5681 3.1 (its implementation note) and tcp_enter_loss(): a
	 * segment that timed out before keeps the ssthresh its first timeout
	 * set */
	int keep = t->retries > 1;
	/* Linux: a timeout in fast recovery keeps recovery's ssthresh too */
	if (in_packets(p) && t->in_recovery && SEQ_LT(t->snd_una, t->recover))
		keep = 1;
	if (!keep) {
		if (in_packets(p) && p->cc == CC_CUBIC)
			cubic_loss(t);
		t->ssthresh = cc_ssthresh(t, p);
	}
	t->cwnd = t->mss; /* the loss window */
	if (in_packets(p)) {
		t->cwnd_cnt = 0;
		if (p->cc == CC_CUBIC) { /* cubictcp_state(TCP_CA_Loss) */
			cubic_reset(t);
			hystart_reset(t, now);
		}
	}
}
