/* snapshot: the present state of both hosts as plain data for the views
 * (the window's panels and socket table, netstat, ss).  A copy, so a view
 * never reaches into the engine.  Called through sim.h by outputs and the
 * window. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
static void snap_sock(const struct sim *s, int32_t h, struct snap_sock *o)
{
	const struct tcb *t = sock_at(s, h);
	memset(o, 0, sizeof *o);
	o->handle = h;
	o->ordinal = t->ordinal;
	o->state = t->state;
	o->listener = t->listener;
	o->orphan = t->orphan;
	o->laddr = t->laddr;
	o->raddr = t->raddr;
	o->lport = t->lport;
	o->rport = t->rport;
	o->iss = t->iss;
	o->irs = t->irs;
	o->snd_una = t->snd_una;
	o->snd_nxt = t->snd_nxt;
	o->snd_wnd = t->snd_wnd;
	o->rcv_nxt = t->rcv_nxt;
	o->rcv_wnd = t->rcv_wnd;
	uint32_t sent_data = t->snd_max - t->snd_una;
	if (t->snd_una == t->iss && sent_data)
		sent_data--;
	if (t->fin_sent && !t->fin_acked && sent_data)
		sent_data--;
	if (sent_data > t->snd_queued)
		sent_data = (uint32_t)t->snd_queued;
	o->send_inflight = sent_data;
	uint64_t unsent = t->snd_queued - sent_data;
	o->send_unsent = unsent > UINT32_MAX ? UINT32_MAX : (uint32_t)unsent;
	o->recv_unread = t->rcv_unread;
	o->bytes_sent = t->bytes_sent;
	o->bytes_acked = t->bytes_acked;
	o->bytes_received = t->bytes_received;
	o->sndbuf = t->sndbuf;
	o->rcvbuf = t->rcvbuf;
	o->syn_queue = t->syn_queue;
	o->accept_queue = t->accept_queue;
	o->backlog = t->backlog;
	o->err = t->err;
	o->reading = t->reading;
	for (int k = 0; k < TIMER_COUNT; k++) {
		const struct tcp_timer *tm = &t->timers[k];
		if (!tm->armed)
			continue;
		struct snap_timer *st = &o->timers[o->ntimers++];
		st->kind = k;
		st->armed_at = tm->armed_at;
		st->expiry = tm->expiry;
		st->attempt = tm->attempt;
		st->holds = k != TIMER_RETRANSMIT ? SNAP_RTX_RTO
		            : t->reo_armed        ? SNAP_RTX_REORDER
		            : t->tlp_armed        ? SNAP_RTX_PROBE
		                                  : SNAP_RTX_RTO;
	}
}

static int by_handle(const void *a, const void *b)
{
	int32_t x = ((const struct snap_sock *)a)->handle,
	        y = ((const struct snap_sock *)b)->handle;
	return x < y ? -1 : x > y;
}

int sim_snapshot(const struct sim *s, struct snapshot *out)
{
	out->now = s->now;
	out->trace_pos = s->tr.cursor;
	out->nhosts = s->nhosts;
	for (int i = 0; i < s->nhosts; i++) {
		const struct host *hst = &s->hosts[i];
		struct snap_host *o = &out->hosts[i];
		snprintf(o->name, sizeof o->name, "%s", s->scn->hosts[i].name);
		o->addr = hst->addr;
		o->crashed = hst->crashed;
		memset(o->state_count, 0, sizeof o->state_count);
		int live = (int)hst->nlive;
		o->nsocks = 0;
		o->current = -1;
		struct snap_sock *v =
		    realloc(o->socks, sizeof *o->socks * (size_t)(live ? live : 1));
		if (!v) {
			for (int k = 0; k <= i; k++)
				out->hosts[k].nsocks = 0;
			return -1;
		}
		o->socks = v;
		for (int k = 0; k < live; k++)
			snap_sock(s, hst->live[k], &o->socks[k]);
		/* creation order: handles grow with every new socket */
		qsort(o->socks, (size_t)live, sizeof *o->socks, by_handle);
		for (int k = 0; k < live; k++) {
			struct snap_sock *ss = &o->socks[k];
			ss->current = ss->handle == hst->current;
			if (ss->current)
				o->current = k;
			o->state_count[ss->state]++;
		}
		o->nsocks = live;
	}
	return 0;
}

void snapshot_free(struct snapshot *snap)
{
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		free(snap->hosts[i].socks);
		snap->hosts[i].socks = NULL;
	}
}
