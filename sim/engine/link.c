/* link: the virtual cable between the two hosts.  Every segment goes on it
 * through link_send() (tcp_out for connections, tcp_in for SYN cookies, app
 * for forged and flood segments); it decides the segment's fate at once
 * (scripted faults first, then random loss, queue, serialization, delay,
 * jitter, reordering, duplication), records it in the trace and schedules
 * its arrival.  One RNG stream per direction keeps loss patterns stable. */
#include "engine.h"

static int host_by_addr(const struct sim *s, uint32_t addr)
{
	for (int i = 0; i < s->nhosts; i++)
		if (s->hosts[i].addr == addr)
			return i;
	return -1;
}

/* 1 when fault f's `data seq A:B` range (if any) takes segment g of socket
 * sock: its bytes overlap A:B counted from the sender's ISN. */
static int in_seq_range(const struct sim *s, const struct scn_fault *f, const struct segment *g,
                        int32_t sock)
{
	if (!f->seq_b)
		return 1;
	if (sock < 0)
		return 0;
	uint32_t lo = g->seq - sock_at(s, sock)->iss, hi = lo + g->len;
	return SEQ_LT(lo, f->seq_b) && SEQ_LT(f->seq_a, hi);
}

/* Applies the scenario's faults in file order.  Returns 1 to drop; adds any
 * scripted delay to *extra. */
static int apply_faults(struct sim *s, int dir, const struct segment *g, int32_t sock, uint32_t nth,
                        simtime_t *extra)
{
	int drop = 0;
	for (int i = 0; i < s->scn->nfaults; i++) {
		const struct scn_fault *f = &s->scn->faults[i];
		if (f->dir != DIR_BOTH && f->dir != dir)
			continue;
		int hit = 0;
		switch (f->kind) {
		case FAULT_DROP_MATCH:
		case FAULT_DELAY_MATCH:
			if (scn_seg_matches(g, f->match) && in_seq_range(s, f, g, sock) &&
			    ++s->fault_seen[i] == f->nth)
				hit = 1;
			break;
		case FAULT_DROP_SEGNO:
		case FAULT_DELAY_SEGNO: hit = nth == f->nth; break;
		case FAULT_DROP_WINDOW: hit = s->now >= f->from && s->now <= f->to; break;
		}
		if (!hit)
			continue;
		s->fault_hits[i]++;
		s->fault_ever[i] = 1;
		if (f->kind == FAULT_DELAY_MATCH || f->kind == FAULT_DELAY_SEGNO)
			*extra += f->by;
		else
			drop = 1;
	}
	return drop;
}

static simtime_t serialization(const struct link_params *p, uint32_t bytes)
{
	if (p->rate_bps == 0)
		return 0;
	return (simtime_t)(((uint64_t)bytes * 8u * 1000000u + p->rate_bps - 1) / p->rate_bps);
}

/* The turns of 2^32 of a relative sequence number rel, known to lie
 * within 2 GiB of the 64-bit position ref (SND.UNA or RCV.NXT less the
 * ISN, counted in bytes since the SYN). */
static uint8_t wraps(uint32_t rel, uint64_t ref)
{
	int64_t at = (int64_t)ref + (int32_t)(rel - (uint32_t)ref);
	uint64_t turns = at < 0 ? 0 : (uint64_t)at >> 32;
	return (uint8_t)(turns > 255 ? 255 : turns);
}

/* Puts seg on the link; a forged one is not numbered and no scripted
 * fault applies to it (as the kernel oracle's relay does). */
static uint32_t send_on_link(struct sim *s, int from, const struct segment *seg, int32_t sock,
                             int retx, int forged)
{
	int dir = from == 0 ? 0 : 1;
	struct link_dir *l = &s->link[dir];
	int to = host_by_addr(s, seg->dst);
	struct trace_seg ts = {.h = *seg,
	                       .sent = s->now,
	                       .arrive = s->now,
	                       .sock = sock,
	                       .from = (uint8_t)from,
	                       .to = to < 0 ? 0xff : (uint8_t)to,
	                       .retx = (uint8_t)(retx != 0),
	                       .forged = (uint8_t)forged,
	                       .nth = forged ? 0 : ++l->nth};
	if (sock >= 0) {
		/* for the congestion-window plot (out/plot.c) */
		ts.cwnd = sock_at(s, sock)->cwnd;
		ts.ssthresh = sock_at(s, sock)->ssthresh;
		/* for the plots and the narration, past 4 GiB */
		const struct tcb *t = sock_at(s, sock);
		ts.seq_wraps = wraps(seg->seq - t->iss, t->bytes_acked + 1);
		ts.ack_wraps = wraps(seg->ack - t->irs, t->bytes_received + 1);
	}
	int reason = -1;
	simtime_t extra = 0;
	if (!forged && apply_faults(s, dir, seg, sock, ts.nth, &extra))
		reason = LOSS_FAULT;
	else if (rng_chance_ppm(&l->rng, l->p.loss_ppm))
		reason = LOSS_RANDOM;
	uint32_t wire = seg->len + 40;
	simtime_t tx = serialization(&l->p, wire);
	simtime_t start = l->busy_until > s->now ? l->busy_until : s->now;
	if (reason < 0 && l->p.queue && l->p.rate_bps &&
	    start - s->now > (simtime_t)l->p.queue * serialization(&l->p, l->p.mtu))
		reason = LOSS_QUEUE;
	if (reason != LOSS_QUEUE)
		l->busy_until = start + tx;
	simtime_t arrive = start + tx + l->p.delay + extra;
	if (l->p.jitter)
		arrive += (simtime_t)rng_below(&l->rng, (uint64_t)l->p.jitter + 1);
	if (rng_chance_ppm(&l->rng, l->p.reorder_ppm))
		arrive += l->p.delay / 2 + (simtime_t)rng_below(&l->rng, (uint64_t)l->p.delay + 1);
	int dup = rng_chance_ppm(&l->rng, l->p.dup_ppm);
	if (reason < 0 && to < 0)
		reason = LOSS_NO_HOST;
	/* the router hop: Linux's TCP sets DF on every packet, so one larger
	 * than the hop's MTU is dropped there (RFC 1191) */
	int too_big =
	    reason < 0 && l->p.router_mtu && 40 + seg_opt_len(seg) + seg->len > l->p.router_mtu;
	if (too_big)
		reason = LOSS_MTU;
	/* MSS clamping (iptables' TCPMSS --clamp-mss-to-pmtu): a router hop with
	 * clamp=on rewrites the MSS option of every SYN it forwards, either
	 * way, so that both ends' segments fit it */
	for (int d = 0; d < 2 && (seg->flags & TH_SYN) && seg->opt_mss; d++) {
		const struct link_params *c = &s->link[d].p;
		uint32_t lim = c->clamp && c->router_mtu ? c->router_mtu - 40u : 0;
		if (lim && lim < (ts.rx_mss ? ts.rx_mss : seg->opt_mss))
			ts.rx_mss = (uint16_t)lim;
	}
	ts.arrive = arrive;
	ts.lost = reason < 0 ? 0 : (uint8_t)(reason + 1);
	uint32_t idx = report_seg(s, &ts);
	report_seg_send(s, from, sock, idx);
	trigger_segment(s, from, sock, seg, ON_SENDS);
	if (retx)
		trigger_segment(s, from, sock, seg, ON_RETRANSMIT);
	if (reason >= 0) {
		report_seg_lost(s, idx, reason);
		trigger_segment(s, from, sock, seg, ON_LOSES);
		/* its ICMP: from the hop halfway, back at the sender one link
		 * delay after the packet left */
		if (too_big && l->p.icmp && sock >= 0)
			sim_schedule(s, s->now + l->p.delay, EV_ICMP, (int32_t)idx,
			             (int32_t)l->p.router_mtu);
		return idx;
	}
	sim_schedule(s, arrive, EV_SEG_ARRIVE, (int32_t)idx, 0);
	if (dup) {
		struct trace_seg d = ts;
		d.dup = 1;
		d.nth = ++l->nth;
		d.arrive = arrive + tx + 1;
		uint32_t di = report_seg(s, &d);
		report_seg_send(s, from, sock, di);
		sim_schedule(s, d.arrive, EV_SEG_ARRIVE, (int32_t)di, 0);
	}
	return idx;
}

uint32_t link_send(struct sim *s, int from, const struct segment *seg, int32_t sock, int retx)
{
	return send_on_link(s, from, seg, sock, retx, 0);
}

uint32_t link_send_forged(struct sim *s, int from, const struct segment *seg)
{
	return send_on_link(s, from, seg, -1, 0, 1);
}
