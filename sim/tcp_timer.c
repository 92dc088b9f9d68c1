/* tcp_timer: a connection's timers (retransmit, persist, delayed ACK,
 * keepalive, 2MSL, FIN_WAIT_2), the RFC 6298 RTO estimator and the SYN /
 * data give-up schedules of the two profiles.  sim.c dispatches EV_TIMER
 * events to tcp_timer_fire(). */
#include "sim_internal.h"

/* Linux's tcp_orphan_retries = 0 means 8 tries for a closed application's
 * FIN_WAIT_1, CLOSING and LAST_ACK. */
#define ORPHAN_RETRIES 8

void tcp_timer_arm(struct sim *s, int32_t h, int kind, simtime_t after)
{
	struct tcb *t = sock_at(s, h);
	struct tcp_timer *tm = &t->timers[kind];
	if (tm->armed)
		evq_cancel(&s->q, tm->ev);
	tm->armed = 1;
	tm->armed_at = s->now;
	tm->expiry = s->now + after;
	tm->ev = evq_push(&s->q, tm->expiry, EV_TIMER, h, kind);
	if (kind == TIMER_TIME_WAIT || kind == TIMER_FIN_WAIT_2 || kind == TIMER_KEEPALIVE ||
	    kind == TIMER_PERSIST)
		sim_trace_timer(s, h, kind, 0, tm->expiry, tm->attempt);
}

void tcp_timer_cancel(struct sim *s, int32_t h, int kind)
{
	struct tcp_timer *tm = &sock_at(s, h)->timers[kind];
	if (!tm->armed)
		return;
	evq_cancel(&s->q, tm->ev);
	tm->armed = 0;
	tm->ev = EV_HANDLE_NONE;
}

void tcp_timer_cancel_all(struct sim *s, int32_t h)
{
	for (int k = 0; k < TIMER_COUNT; k++)
		tcp_timer_cancel(s, h, k);
}

/* RFC 6298 section 2: the estimator. */
void tcp_rtt_sample(struct tcb *t, simtime_t r, const struct tcp_params *p)
{
	if (r < 1)
		r = 1;
	if (!t->rtt_valid) {
		t->srtt = r;
		t->rttvar = r / 2;
		t->rtt_valid = 1;
	} else {
		simtime_t d = t->srtt > r ? t->srtt - r : r - t->srtt;
		t->rttvar = (3 * t->rttvar + d) / 4; /* beta = 1/4 */
		t->srtt = (7 * t->srtt + r) / 8;     /* alpha = 1/8 */
	}
	simtime_t g = SIMTIME_MS; /* clock granularity G */
	simtime_t k = 4 * t->rttvar > g ? 4 * t->rttvar : g;
	t->rto = t->srtt + k;
	if (t->rto < p->rto_min)
		t->rto = p->rto_min;
	if (t->rto > p->rto_max)
		t->rto = p->rto_max;
}

/* The wait before SYN (or SYN,ACK) retransmission number k (from 1):
 * `linear` waits of one initial RTO, then doubling. */
simtime_t tcp_syn_interval(const struct tcp_params *p, int linear, uint32_t k)
{
	uint32_t shift = k <= (uint32_t)linear + 1 ? 0 : k - (uint32_t)linear - 1;
	if (shift > 20)
		shift = 20;
	return p->rto_initial << shift;
}

/* When a handshake gives up, measured from the first SYN: the time an
 * exponential schedule of `retries` retransmissions takes, plus the linear
 * part (Linux's tcp_syn_linear_timeouts). */
simtime_t tcp_syn_give_up(const struct tcp_params *p, int linear, int retries)
{
	simtime_t total = 0;
	for (int i = 0; i <= retries; i++)
		total += p->rto_initial << (i > 20 ? 20 : i);
	return total + (simtime_t)linear * p->rto_initial;
}

/* When data retransmission gives up (Linux's retransmits_timed_out): about
 * 924.6 s for tcp_retries2 = 15, about 102.2 s for an orphaned socket's
 * tcp_orphan_retries (8). */
simtime_t tcp_data_give_up(const struct tcp_params *p, int retries)
{
	int thresh = 0;
	while ((p->rto_min << (thresh + 1)) <= p->rto_max)
		thresh++;
	if (retries <= thresh)
		return ((simtime_t)(2 << retries) - 1) * p->rto_min;
	return ((simtime_t)(2 << thresh) - 1) * p->rto_min +
	       (simtime_t)(retries - thresh) * p->rto_max;
}

static void give_up(struct sim *s, int32_t h, int kind)
{
	struct tcb *t = sock_at(s, h);
	int arrow = ARROW_TIMEOUT, err = SE_ETIMEDOUT;
	if (t->state == TCPS_SYN_SENT)
		arrow = ARROW_SYNSENT_TIMEOUT;
	else if (t->state == TCPS_SYN_RCVD && t->passive)
		arrow = ARROW_SYNRCVD_TIMEOUT, err = SE_OK;
	else if (t->orphan)
		err = SE_OK;
	sim_set_state(s, h, TCPS_CLOSED, arrow, CAUSE_TIMER, -1, kind, -1, err);
}

static void fire_retransmit(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	uint32_t k = t->retries + 1;
	if (t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD) {
		int synack = t->state == TCPS_SYN_RCVD;
		int linear = synack ? 0 : p->syn_linear;
		int retries = synack ? p->synack_retries : p->syn_retries;
		simtime_t limit = tcp_syn_give_up(p, linear, retries);
		simtime_t elapsed = s->now - t->first_tx;
		if (elapsed >= limit) {
			give_up(s, h, TIMER_RETRANSMIT);
			return;
		}
		t->retries = k;
		t->timers[TIMER_RETRANSMIT].attempt = k;
		sim_trace_timer(s, h, TIMER_RETRANSMIT, 1,
		                s->now - t->timers[TIMER_RETRANSMIT].armed_at, k);
		simtime_t next = tcp_syn_interval(p, linear, k + 1);
		if (next > limit - elapsed)
			next = limit - elapsed;
		t->rto = next;
		tcp_send_syn(s, h, 1);
		return;
	}
	if (t->snd_una == t->snd_max && !(t->fin_sent && !t->fin_acked))
		return; /* nothing outstanding */
	int retries = t->orphan ? ORPHAN_RETRIES : p->data_retries;
	if (p->profile == PROFILE_RFC9293 ? (int)k > retries
	                                  : s->now - t->first_tx >= tcp_data_give_up(p, retries)) {
		give_up(s, h, TIMER_RETRANSMIT);
		return;
	}
	sim_trace_timer(s, h, TIMER_RETRANSMIT, 1, s->now - t->timers[TIMER_RETRANSMIT].armed_at,
	                k);
	t->retries = k;
	t->timers[TIMER_RETRANSMIT].attempt = k;
	/* RFC 5681: collapse the window; RFC 6298 5.5: back the timer off. */
	uint32_t flight = t->snd_max - t->snd_una;
	t->ssthresh = flight / 2 > 2u * t->mss ? flight / 2 : 2u * t->mss;
	t->cwnd = t->mss;
	t->in_recovery = 0;
	t->dupacks = 0;
	t->rto = t->rto * 2 > p->rto_max ? p->rto_max : t->rto * 2;
	t->snd_nxt = t->snd_una;
	if (t->fin_sent && !t->fin_acked)
		t->fin_sent = 0;
	t->rtt_timing = 0;
	tcp_output(s, h);
	if (!t->timers[TIMER_RETRANSMIT].armed)
		tcp_timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
}

/* A probe the peer must answer (zero-window or keepalive): an ACK with
 * SEQ = SND.UNA - 1, already acknowledged, so it draws an ACK (Linux). */
static void send_probe(struct sim *s, int32_t h, int info)
{
	struct tcb *t = sock_at(s, h);
	struct segment g = {0};
	g.src = t->laddr;
	g.dst = t->raddr;
	g.sport = t->lport;
	g.dport = t->rport;
	g.seq = t->snd_una - 1;
	g.ack = t->rcv_nxt;
	g.flags = TH_ACK;
	g.opt_wscale = 0xff;
	g.wnd = (uint16_t)(tcp_rcv_window(t) >> t->rcv_wscale);
	sim_info(s, t->host, h, info, -1);
	link_send(s, t->host, &g, h, 0);
}

static void fire_persist(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	sim_trace_timer(s, h, TIMER_PERSIST, 1, s->now - t->timers[TIMER_PERSIST].armed_at, 0);
	if (t->snd_wnd == 0) {
		send_probe(s, h, INFO_WINDOW_PROBE);
		simtime_t next = (s->now - t->timers[TIMER_PERSIST].armed_at) * 2;
		if (next > p->rto_max)
			next = p->rto_max;
		tcp_timer_arm(s, h, TIMER_PERSIST, next);
	} else {
		tcp_output(s, h);
	}
}

static void fire_keepalive(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	sim_trace_timer(s, h, TIMER_KEEPALIVE, 1, s->now - t->timers[TIMER_KEEPALIVE].armed_at,
	                t->keepalive_probes + 1);
	if (t->state != TCPS_ESTABLISHED && t->state != TCPS_CLOSE_WAIT)
		return;
	if (t->keepalive_probes == 0 && s->now - t->last_rcv < p->keepalive_idle) {
		/* The peer spoke meanwhile: wait a full idle time from then. */
		tcp_timer_arm(s, h, TIMER_KEEPALIVE, t->last_rcv + p->keepalive_idle - s->now);
		return;
	}
	if (t->keepalive_probes >= (uint32_t)p->keepalive_probes) {
		give_up(s, h, TIMER_KEEPALIVE);
		return;
	}
	t->keepalive_probes++;
	send_probe(s, h, INFO_KEEPALIVE_PROBE);
	t->timers[TIMER_KEEPALIVE].attempt = t->keepalive_probes;
	tcp_timer_arm(s, h, TIMER_KEEPALIVE, p->keepalive_intvl);
}

void tcp_timer_fire(struct sim *s, int32_t h, int kind)
{
	struct tcb *t = sock_at(s, h);
	struct tcp_timer *tm = &t->timers[kind];
	tm->armed = 0;
	tm->ev = EV_HANDLE_NONE;
	switch (kind) {
	case TIMER_RETRANSMIT: fire_retransmit(s, h); break;
	case TIMER_PERSIST: fire_persist(s, h); break;
	case TIMER_DELACK:
		sim_trace_timer(s, h, kind, 1, s->now - tm->armed_at, 0);
		tcp_send_ack(s, h);
		break;
	case TIMER_KEEPALIVE: fire_keepalive(s, h); break;
	case TIMER_TIME_WAIT:
		sim_trace_timer(s, h, kind, 1, s->now - tm->armed_at, 0);
		sim_set_state(s, h, TCPS_CLOSED, ARROW_TW_TIMEOUT, CAUSE_TIMER, -1, kind, -1, 0);
		break;
	case TIMER_FIN_WAIT_2:
		sim_trace_timer(s, h, kind, 1, s->now - tm->armed_at, 0);
		if (t->state == TCPS_FIN_WAIT_2)
			sim_set_state(s, h, TCPS_CLOSED, ARROW_FW2_TIMEOUT, CAUSE_TIMER, -1, kind,
			              -1, 0);
		break;
	}
}
