/* app: the application calls of the scenario (listen, connect, send,
 * close, shutdown, abort, crash, reboot, stop-reading, read, inject) and the
 * SYN flood.  Each call is recorded with its result, as the real socket call
 * would return it.  sim.c calls app_action() for EV_ACTION and app_flood()
 * for EV_FLOOD. */
#include <string.h>

#include "engine.h"

/* The recorder's reader copies with recv() calls of 64 KiB. */
#define READ_CHUNK 65536u

/* Records call ei's result; a failed call fires the host's `on ... error`
 * lines and notes. */
static void call_done(struct sim *s, int ei, int32_t h, int err)
{
	report_call(s, ei, h, err);
	if (err)
		trigger_fire(s, s->scn->events[ei].act.host, h, ON_ERROR, err);
}

static void do_listen(struct sim *s, int ei)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct host *hst = &s->hosts[a->host];
	if (sock_port_in_use(s, a->host, a->port, hst->p.reuseaddr)) {
		call_done(s, ei, -1, SE_EADDRINUSE);
		return;
	}
	int32_t h = sock_new(s, a->host);
	struct tcb *t = sock_at(s, h);
	t->listener = 1;
	t->lport = a->port;
	t->backlog = a->backlog > 0 ? a->backlog : hst->p.backlog;
	t->accept_off = (uint8_t)a->accept_off;
	t->nodelay = (uint8_t)a->nodelay;
	sock_hash_add(s, h);
	report_sock(s, h);
	call_done(s, ei, h, SE_OK);
	state_change(s, h, ARROW_PASSIVE_OPEN, by_call(ei));
}

static void do_connect(struct sim *s, int ei, int32_t target)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct host *hst = &s->hosts[a->host];
	if (a->peer < 0 || a->peer >= s->nhosts) {
		call_done(s, ei, -1, SE_EINVAL);
		return;
	}
	uint32_t raddr = s->hosts[a->peer].addr;
	int32_t h;
	int arrow = ARROW_ACTIVE_OPEN;
	if (a->conn > 0 && target >= 0 && sock_at(s, target)->in_use &&
	    sock_at(s, target)->state == TCPS_LISTEN) {
		if (hst->p.profile != PROFILE_RFC9293) {
			/* Linux: __inet_stream_connect() refuses a socket whose sk_state
			 * is not TCP_CLOSE with EISCONN, a listener included. */
			call_done(s, ei, target, SE_EISCONN);
			return;
		}
		/* RFC 9293's LISTEN -> SYN_SENT: a listener told where to connect. */
		h = target;
		sock_hash_del(s, h);
		sock_at(s, h)->listener = 0;
		arrow = ARROW_LISTEN_SEND;
	} else {
		uint16_t lport = a->from_port;
		if (lport) {
			if (sock_port_in_use(s, a->host, lport, hst->p.reuseaddr)) {
				call_done(s, ei, -1, SE_EADDRINUSE);
				return;
			}
			if (sock_lookup(s, a->host, lport, raddr, a->port) >= 0) {
				call_done(s, ei, -1, SE_EADDRNOTAVAIL);
				return;
			}
		} else {
			lport = sock_pick_port(s, a->host, raddr, a->port);
			if (!lport) {
				call_done(s, ei, -1, SE_EADDRNOTAVAIL);
				return;
			}
		}
		h = sock_new(s, a->host);
		sock_at(s, h)->lport = lport;
	}
	struct tcb *t = sock_at(s, h);
	t->raddr = raddr;
	t->nodelay = (uint8_t)a->nodelay;
	t->rport = a->port;
	t->iss = hst->p.isn_random ? (uint32_t)rng_next(&hst->rng) : hst->p.isn;
	t->snd_una = t->snd_nxt = t->snd_max = t->snd_sml = t->iss;
	sock_hash_add(s, h);
	report_sock(s, h);
	call_done(s, ei, h, SE_OK);
	state_change(s, h, arrow, by_call(ei));
	if (sock_at(s, h)->state == TCPS_SYN_SENT)
		tcp_send_syn(s, h, 0);
}

static void do_send(struct sim *s, int ei, int32_t h)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	if (h < 0 || !sock_at(s, h)->in_use) {
		call_done(s, ei, h, SE_EPIPE);
		return;
	}
	struct tcb *t = sock_at(s, h);
	int st = t->state;
	if (t->shut_wr || t->orphan) {
		call_done(s, ei, h, SE_EPIPE);
		return;
	}
	if (st != TCPS_SYN_SENT && st != TCPS_SYN_RCVD && st != TCPS_ESTABLISHED &&
	    st != TCPS_CLOSE_WAIT) {
		call_done(s, ei, h, st == TCPS_LISTEN ? SE_ENOTCONN : SE_EPIPE);
		return;
	}
	if (st == TCPS_ESTABLISHED || st == TCPS_CLOSE_WAIT)
		cc_idle_restart(t, sock_params(s, h), s->now); /* tcp_skb_entail() */
	t->snd_queued += a->text ? a->text_len : a->nbytes;
	call_done(s, ei, h, SE_OK);
	tcp_output(s, h);
}

static void do_close(struct sim *s, int ei, int32_t h, int shutdown)
{
	if (h < 0 || !sock_at(s, h)->in_use) {
		call_done(s, ei, h, SE_ENOTCONN);
		return;
	}
	struct tcb *t = sock_at(s, h);
	if (!shutdown)
		t->orphan = 1;
	if (t->shut_wr && !shutdown && t->state != TCPS_LISTEN) {
		call_done(s, ei, h, SE_OK); /* FIN already sent: only the reading ends */
		return;
	}
	t->shut_wr = 1;
	call_done(s, ei, h, SE_OK);
	switch (t->state) {
	case TCPS_LISTEN: state_change(s, h, ARROW_LISTEN_CLOSE, by_call(ei)); break;
	case TCPS_SYN_SENT:
		if (t->snd_queued) {
			t->fin_queued = 1; /* the FIN follows the queued data */
			break;
		}
		state_change(s, h, ARROW_SYNSENT_CLOSE, by_call(ei));
		break;
	case TCPS_SYN_RCVD:
		if (t->snd_queued) {
			t->fin_queued = 1;
			break;
		}
		/* fall through */
	case TCPS_ESTABLISHED:
		if (!shutdown && t->rcv_unread > 0 && t->state == TCPS_ESTABLISHED) {
			/* Linux: closing with unread data resets the connection. */
			tcp_send_active_reset(s, h);
			state_change(s, h, ARROW_ABORT, by_call(ei));
			break;
		}
		t->fin_queued = 1;
		state_change(s, h,
		             t->state == TCPS_SYN_RCVD ? ARROW_SYNRCVD_CLOSE : ARROW_EST_CLOSE,
		             by_call(ei));
		t = sock_at(s, h);
		if (t->state == TCPS_FIN_WAIT_1)
			tcp_output(s, h);
		break;
	case TCPS_CLOSE_WAIT:
		t->fin_queued = 1;
		state_change(s, h, ARROW_CW_CLOSE, by_call(ei));
		tcp_output(s, h);
		break;
	default: break; /* already closing: nothing more to do */
	}
}

static void do_abort(struct sim *s, int ei, int32_t h)
{
	if (h < 0 || !sock_at(s, h)->in_use) {
		call_done(s, ei, h, SE_ENOTCONN);
		return;
	}
	struct tcb *t = sock_at(s, h);
	call_done(s, ei, h, SE_OK);
	t->orphan = 1;
	int lx = s->hosts[t->host].p.profile != PROFILE_RFC9293;
	switch (t->state) {
	case TCPS_LISTEN: state_change(s, h, ARROW_LISTEN_CLOSE, by_call(ei)); break;
	case TCPS_SYN_SENT: state_change(s, h, ARROW_SYNSENT_CLOSE, by_call(ei)); break;
	case TCPS_TIME_WAIT: break;
	case TCPS_CLOSING:
	case TCPS_LAST_ACK:
		/* Linux: tcp_disconnect() resets these only with data still unsent */
		if (lx && SEQ_GEQ(t->snd_max, t->fin_seq + 1) && t->fin_sent) {
			state_change(s, h, ARROW_ABORT, by_call(ei));
			break;
		}
		/* fall through */
	default: tcp_send_active_reset(s, h); state_change(s, h, ARROW_ABORT, by_call(ei));
	}
}

static void do_crash(struct sim *s, int ei, int host)
{
	struct host *hst = &s->hosts[host];
	call_done(s, ei, -1, SE_OK);
	for (uint32_t i = 0; i < hst->nsocks; i++) {
		int32_t h = hst->socks[i];
		if (sock_at(s, h)->in_use)
			state_change(s, h, ARROW_CRASH, by_call(ei));
	}
	hst->crashed = 1;
}

/* A forged segment that seems to come from the peer.  Into a connection
 * (an embryo too) its SEG.SEQ is the target's RCV.NXT + offset, so a lesson
 * can place a RST exactly at, inside or outside the window (RFC 5961), and
 * its SEG.ACK the target's SND.NXT or SND.UNA + ack_offset.  To a port (to
 * PORT, or a listener named as HOST.N) it comes from the peer's port
 * from_port and both numbers count from 0. */
static void do_inject(struct sim *s, int ei, int32_t h)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	if (s->nhosts < 2) {
		call_done(s, ei, -1, SE_EINVAL);
		return;
	}
	int host = a->host, peer = 1 - a->host;
	uint32_t rcv_nxt = 0, snd_nxt = 0, snd_una = 0;
	uint32_t laddr = s->hosts[host].addr, raddr = s->hosts[peer].addr;
	uint16_t lport, rport;
	const struct tcb *t = h >= 0 ? sock_at(s, h) : NULL;
	if (a->to_port || (t && t->in_use && t->listener)) {
		lport = a->to_port ? a->to_port : t->lport;
		rport = a->from_port ? a->from_port : SCN_INJECT_FROM_PORT;
	} else if (!t || !t->in_use) {
		call_done(s, ei, h, SE_ENOTCONN);
		return;
	} else if (a->from_port) {
		call_done(s, ei, h, SE_EINVAL); /* a connection has its ports */
		return;
	} else {
		laddr = t->laddr;
		raddr = t->raddr;
		lport = t->lport;
		rport = t->rport;
		rcv_nxt = t->rcv_nxt;
		snd_nxt = t->snd_max; /* the highest sequence it has sent */
		snd_una = t->snd_una;
	}
	uint32_t ack = (a->ack_ref == INJ_ACK_UNA ? snd_una : snd_nxt) + (uint32_t)a->ack_offset;
	struct segment g =
	    seg_between(raddr, rport, laddr, lport, a->iflags, rcv_nxt + (uint32_t)a->offset, ack);
	g.len = a->idata;
	g.wnd = 65535;
	call_done(s, ei, h, SE_OK);
	link_send_forged(s, peer, &g); /* it travels the peer's way in */
}

/* accept(): the oldest connection waiting in the host's listener's accept
 * queue becomes the application's (listen ... accept=off). */
static void do_accept(struct sim *s, int ei, int host)
{
	int32_t l = -1;
	const struct host *hst = &s->hosts[host];
	for (uint32_t i = 0; i < hst->nlive; i++)
		if (sock_at(s, hst->live[i])->listener &&
		    sock_at(s, hst->live[i])->state == TCPS_LISTEN)
			l = hst->live[i];
	if (l < 0) {
		call_done(s, ei, -1, SE_EINVAL);
		return;
	}
	int32_t c = reqsk_accept(s, l);
	call_done(s, ei, c >= 0 ? c : l, c == -1 ? SE_EAGAIN : SE_OK);
}

void app_action(struct sim *s, int ei, int32_t fired)
{
	sim_count_run(s, ei);
	const struct scn_event *ev = &s->scn->events[ei];
	const struct scn_action *a = &ev->act;
	int32_t h;
	if (a->conn > 0)
		h = sock_conn(s, a->host, a->conn);
	else if (fired >= 0 && ev->trigger == TRIG_ON && ev->on_host == a->host)
		h = fired;
	else
		h = s->hosts[a->host].current;
	if (s->hosts[a->host].crashed && a->kind != ACT_REBOOT) {
		call_done(s, ei, -1, SE_EINVAL); /* a crashed host does nothing */
		return;
	}
	switch (a->kind) {
	case ACT_LISTEN: do_listen(s, ei); break;
	case ACT_CONNECT: do_connect(s, ei, h); break;
	case ACT_SEND: do_send(s, ei, h); break;
	case ACT_CLOSE: do_close(s, ei, h, 0); break;
	case ACT_SHUTDOWN: do_close(s, ei, h, 1); break;
	case ACT_ABORT: do_abort(s, ei, h); break;
	case ACT_CRASH: do_crash(s, ei, a->host); break;
	case ACT_REBOOT:
		if (!s->hosts[a->host].crashed)
			do_crash(s, ei, a->host);
		else
			call_done(s, ei, -1, SE_OK);
		s->hosts[a->host].crashed = 0;
		s->hosts[a->host].current = -1;
		break;
	case ACT_STOP_READING:
	case ACT_READ:
		if (h < 0 || !sock_at(s, h)->in_use) {
			call_done(s, ei, h, SE_ENOTCONN);
			break;
		}
		call_done(s, ei, h, SE_OK);
		/* `read N`: one recv() of at most N bytes, and no reading after it */
		sock_at(s, h)->reading = a->kind == ACT_READ && !a->nbytes;
		if (a->kind == ACT_READ && sock_at(s, h)->rcv_unread) {
			struct tcb *t = sock_at(s, h);
			const struct tcp_params *p = sock_params(s, h);
			uint32_t take =
			    a->nbytes && a->nbytes < t->rcv_unread ? a->nbytes : t->rcv_unread;
			/* tcp_recvmsg() measures after its first buffer, with the
			 * rest still queued */
			uint32_t first = take < t->rcv_mss ? take : t->rcv_mss;
			rcvwin_space_adjust(t, p, t->rcv_nxt - t->rcv_unread + first, s->now);
			if (a->nbytes || p->profile == PROFILE_RFC9293) {
				rcvwin_read(t, take);
				ack_after_read(s, h); /* tcp_cleanup_rbuf() */
				break;
			}
			/* linux: `read` drains the queue as the recorder's reader
			 * does, with recv() calls of READ_CHUNK bytes, each ending
			 * in tcp_cleanup_rbuf() (tests/kernel/driver.c, do_read) */
			for (;;) {
				t = sock_at(s, h);
				if (!t->in_use || !t->rcv_unread)
					break;
				rcvwin_read(t, t->rcv_unread < READ_CHUNK ? t->rcv_unread
				                                          : READ_CHUNK);
				ack_after_read(s, h);
			}
		}
		break;
	case ACT_INJECT: do_inject(s, ei, h); break;
	case ACT_ACCEPT: do_accept(s, ei, a->host); break;
	case ACT_FLOOD:
		call_done(s, ei, -1, SE_OK);
		sim_schedule(s, s->now, EV_FLOOD, ei, 0);
		break;
	default: break;
	}
}

void app_flood(struct sim *s, int ei, int32_t sent)
{
	s->runs[ei]++; /* one SYN */
	const struct scn_action *a = &s->scn->events[ei].act;
	if (s->hosts[a->host].crashed)
		return;
	uint32_t span = a->addr_hi - a->addr_lo + 1;
	uint32_t src = a->addr_lo + (span ? (uint32_t)sent % span : 0);
	uint16_t sport = (uint16_t)(1024 + ((uint32_t)sent * 7919u) % 64000u);
	uint32_t isn = (uint32_t)rng_next(&s->hosts[a->host].rng);
	struct segment g = seg_between(src, sport, s->hosts[a->peer].addr, a->port, TH_SYN, isn, 0);
	g.wnd = 65535;
	g.opt_mss = 1460;
	link_send(s, a->host, &g, -1, 0);
	if ((uint32_t)sent + 1 < a->count)
		sim_schedule(s, simtime_add(s->now, a->every), EV_FLOOD, ei, sent + 1);
}
