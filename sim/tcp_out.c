/* tcp_out: everything a connection sends.  Called from tcp_in.c (ACKs,
 * SYN,ACKs, RSTs), tcp_timer.c (retransmissions, probes) and host.c (the
 * application's connect/send/close).  tcp_output() is the one sender of new
 * data and FINs: it sends what the window and cwnd allow. */
#include "sim_internal.h"

static uint32_t ts_clock(const struct sim *s, int host)
{
	/* Linux's TS clock ticks in milliseconds from a per-host offset. */
	return (uint32_t)(s->now / SIMTIME_MS) + s->hosts[host].secret;
}

uint32_t tcp_rcv_window(const struct tcb *t)
{
	return t->rcv_unread >= t->rcvbuf ? 0 : t->rcvbuf - t->rcv_unread;
}

/* A header from connection h's point of view. */
static struct segment seg_header(struct sim *s, int32_t h, uint8_t flags, uint32_t seq,
                                 uint32_t len)
{
	struct tcb *t = sock_at(s, h);
	struct segment g = {0};
	g.src = t->laddr;
	g.dst = t->raddr;
	g.sport = t->lport;
	g.dport = t->rport;
	g.seq = seq;
	g.len = len;
	g.flags = flags;
	g.opt_wscale = 0xff;
	if (flags & TH_ACK)
		g.ack = t->rcv_nxt;
	uint32_t wnd = tcp_rcv_window(t);
	/* Never shrink the window already offered (RFC 9293 3.8.6.2.2). */
	if (SEQ_GT(t->rcv_adv, t->rcv_nxt + wnd) && !(flags & TH_SYN))
		wnd = t->rcv_adv - t->rcv_nxt;
	if (flags & TH_SYN) {
		g.wnd = (uint16_t)(wnd > 65535 ? 65535 : wnd);
	} else {
		uint32_t scaled = wnd >> t->rcv_wscale;
		g.wnd = (uint16_t)(scaled > 65535 ? 65535 : scaled);
		wnd = (uint32_t)g.wnd << t->rcv_wscale;
	}
	t->rcv_wnd = wnd;
	if (SEQ_GT(t->rcv_nxt + wnd, t->rcv_adv) || (flags & TH_SYN))
		t->rcv_adv = t->rcv_nxt + wnd;
	if (t->ts_ok && !(flags & TH_RST)) {
		g.opt_ts = 1;
		g.ts_val = ts_clock(s, t->host);
		g.ts_ecr = t->ts_recent;
	}
	if (t->sack_ok && (flags & TH_ACK) && !(flags & TH_SYN) && t->nooo) {
		int max = g.opt_ts ? 3 : 4;
		if (max > SEG_MAX_SACK)
			max = SEG_MAX_SACK;
		for (int i = 0; i < t->nooo && i < max; i++) {
			g.sack[i][0] = t->ooo[i][0];
			g.sack[i][1] = t->ooo[i][1];
			g.nsack++;
		}
	}
	return g;
}

static void sent_ack(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	t->unacked_segs = 0;
	if (t->timers[TIMER_DELACK].armed)
		tcp_timer_cancel(s, h, TIMER_DELACK);
}

void tcp_send_syn(struct sim *s, int32_t h, int retx)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	int synack = t->state == TCPS_SYN_RCVD;
	struct segment g = seg_header(s, h, synack ? TH_SYN | TH_ACK : TH_SYN, t->iss, 0);
	g.opt_mss = p->mss;
	/* A SYN,ACK carries only the options the peer offered. */
	if (synack ? t->sack_ok : p->sack)
		g.opt_sackok = 1;
	if (synack ? t->ts_ok : p->timestamps) {
		g.opt_ts = 1;
		g.ts_val = ts_clock(s, t->host);
		g.ts_ecr = synack ? t->ts_recent : 0;
	}
	/* Window scaling needs both sides: a SYN,ACK offers it only in reply. */
	if (p->wscale >= 0 && (!synack || t->snd_wscale != 0xff))
		g.opt_wscale = (uint8_t)p->wscale;
	if (synack)
		sent_ack(s, h);
	if (SEQ_GT(t->iss + 1, t->snd_nxt))
		t->snd_nxt = t->iss + 1;
	if (SEQ_GT(t->snd_nxt, t->snd_max))
		t->snd_max = t->snd_nxt;
	if (!retx)
		t->first_tx = s->now;
	link_send(s, t->host, &g, h, retx);
	if (!t->timers[TIMER_RETRANSMIT].armed)
		tcp_timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
}

void tcp_send_ack(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	struct segment g = seg_header(s, h, TH_ACK, t->snd_nxt, 0);
	sent_ack(s, h);
	link_send(s, t->host, &g, h, 0);
}

void tcp_send_rst(struct sim *s, int host, uint32_t src, uint16_t sport, uint32_t dst,
                  uint16_t dport, uint32_t seq, uint32_t ack, int with_ack, int32_t sock)
{
	struct segment g = {0};
	g.src = src;
	g.dst = dst;
	g.sport = sport;
	g.dport = dport;
	g.seq = seq;
	g.ack = with_ack ? ack : 0;
	g.flags = (uint8_t)(TH_RST | (with_ack ? TH_ACK : 0));
	g.opt_wscale = 0xff;
	link_send(s, host, &g, sock, 0);
}

/* RFC 9293 3.10.7.1: the reset for a segment that reached no connection. */
void tcp_send_rst_for(struct sim *s, int host, const struct segment *in)
{
	if (in->flags & TH_RST)
		return;
	if (in->flags & TH_ACK)
		tcp_send_rst(s, host, in->dst, in->dport, in->src, in->sport, in->ack, 0, 0, -1);
	else
		tcp_send_rst(s, host, in->dst, in->dport, in->src, in->sport, 0,
		             in->seq + seg_seqlen(in), 1, -1);
}

/* Sequence number just past the application's data. */
static uint32_t data_end(const struct tcb *t)
{
	uint32_t base = t->snd_una;
	if (t->snd_una == t->iss)
		base++; /* the SYN is not yet acknowledged */
	return base + (uint32_t)t->snd_queued;
}

static int can_send_data(int state)
{
	return state == TCPS_ESTABLISHED || state == TCPS_CLOSE_WAIT || state == TCPS_FIN_WAIT_1 ||
	       state == TCPS_CLOSING || state == TCPS_LAST_ACK;
}

static void send_data(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int fin)
{
	struct tcb *t = sock_at(s, h);
	uint8_t flags = TH_ACK;
	if (len && (fin || seq + len == data_end(t)))
		flags |= TH_PSH;
	if (fin)
		flags |= TH_FIN;
	struct segment g = seg_header(s, h, flags, seq, len);
	int retx = SEQ_LT(seq, t->snd_max);
	sent_ack(s, h);
	if (retx) {
		t->rtt_timing = 0; /* Karn: no sample across a retransmission */
	} else if (!t->rtt_timing) {
		t->rtt_timing = 1;
		t->rtt_seq = seq + len + (fin ? 1u : 0u);
		t->rtt_start = s->now;
	}
	if (!retx && (SEQ_LEQ(seq, t->snd_una) || t->snd_una == t->snd_nxt))
		t->first_tx = s->now;
	uint32_t end = seq + len + (fin ? 1u : 0u);
	if (SEQ_GT(end, t->snd_nxt))
		t->snd_nxt = end;
	if (SEQ_GT(t->snd_nxt, t->snd_max))
		t->snd_max = t->snd_nxt;
	if (!retx)
		t->bytes_sent += len;
	uint32_t idx = link_send(s, t->host, &g, h, retx);
	if (retx)
		sim_info(s, t->host, h, INFO_RETRANSMIT, (int32_t)idx);
	if (!t->timers[TIMER_RETRANSMIT].armed)
		tcp_timer_arm(s, h, TIMER_RETRANSMIT, t->rto);
	if (t->timers[TIMER_PERSIST].armed)
		tcp_timer_cancel(s, h, TIMER_PERSIST);
}

void tcp_output(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (!can_send_data(t->state))
		return;
	for (;;) {
		uint32_t end = data_end(t);
		uint32_t flight = t->snd_nxt - t->snd_una;
		uint32_t wnd = t->snd_wnd < t->cwnd ? t->snd_wnd : t->cwnd;
		uint32_t usable = wnd > flight ? wnd - flight : 0;
		if (SEQ_LT(t->snd_nxt, end)) {
			uint32_t unsent = end - t->snd_nxt;
			uint32_t n = unsent < t->mss ? unsent : t->mss;
			if (n > usable)
				n = usable;
			if (n == 0) {
				if (t->snd_wnd == 0 && flight == 0 &&
				    !t->timers[TIMER_PERSIST].armed &&
				    !t->timers[TIMER_RETRANSMIT].armed)
					tcp_timer_arm(s, h, TIMER_PERSIST, t->rto);
				return;
			}
			int fin = t->fin_queued && n == unsent;
			if (fin) {
				t->fin_seq = t->snd_nxt + n;
				t->fin_sent = 1;
			}
			send_data(s, h, t->snd_nxt, n, fin);
		} else if (t->fin_queued && !t->fin_sent) {
			t->fin_seq = t->snd_nxt;
			t->fin_sent = 1;
			send_data(s, h, t->snd_nxt, 0, 1);
		} else {
			return;
		}
	}
}

/* Resends the oldest unacknowledged segment (fast retransmit, persist). */
void tcp_retransmit_first(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (t->state == TCPS_SYN_SENT || t->state == TCPS_SYN_RCVD) {
		tcp_send_syn(s, h, 1);
		return;
	}
	uint32_t end = data_end(t);
	if (SEQ_LT(t->snd_una, end)) {
		uint32_t n = end - t->snd_una;
		if (n > t->mss)
			n = t->mss;
		int fin = t->fin_sent && t->snd_una + n == end;
		send_data(s, h, t->snd_una, n, fin);
	} else if (t->fin_sent && !t->fin_acked) {
		send_data(s, h, t->fin_seq, 0, 1);
	}
}

void tcp_init_tcb(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	t->rto = p->rto_initial;
	t->mss = p->mss;
	t->rcvbuf = p->rcvbuf;
	t->sndbuf = p->sndbuf;
	t->reading = 1;
	t->snd_wscale = 0xff;
	t->rcv_wscale = 0;
	t->cwnd = 10u * p->mss; /* RFC 6928 initial window */
	t->ssthresh = 0x7fffffff;
	t->rcv_wnd = p->rcvbuf;
	t->parent = -1;
}
