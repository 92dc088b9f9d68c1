/* host: each host's socket table and the application calls of the
 * scenario (listen, connect, send, close, shutdown, abort, crash, reboot,
 * stop-reading, read, flood).  sim.c calls host_action() for EV_ACTION and
 * host_flood() for EV_FLOOD; tcp_in.c uses the lookups.  Socket handles
 * index sim.socks and are never reused, so HOST.N and the trace stay valid. */
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

#define HASH_EMPTY (-1)
#define HASH_DELETED (-2)

static uint32_t hash_key(int host, uint16_t lport, uint32_t raddr, uint16_t rport)
{
	uint64_t x =
	    ((uint64_t)raddr << 32) ^ ((uint64_t)lport << 16) ^ rport ^ ((uint64_t)host << 48);
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ull;
	x ^= x >> 29;
	return (uint32_t)x;
}

static uint32_t sock_key(const struct tcb *t)
{
	return hash_key(t->host, t->lport, t->listener ? 0 : t->raddr, t->listener ? 0 : t->rport);
}

/* Rehashes every live socket into a table of cap slots, except `skip` (the
 * socket about to be added, which the caller inserts itself). */
static void hash_rebuild(struct sim *s, uint32_t cap, int32_t skip)
{
	free(s->htab);
	s->htab = malloc(sizeof *s->htab * cap);
	if (!s->htab)
		abort(); /* out of memory */
	for (uint32_t i = 0; i < cap; i++)
		s->htab[i] = HASH_EMPTY;
	s->hcap = cap;
	s->hused = 0;
	for (uint32_t h = 0; h < s->nsocks; h++) {
		struct tcb *t = &s->socks[h];
		if (!t->in_use || (!t->listener && t->rport == 0) || (int32_t)h == skip)
			continue;
		uint32_t i = sock_key(t) & (cap - 1);
		while (s->htab[i] != HASH_EMPTY)
			i = (i + 1) & (cap - 1);
		s->htab[i] = (int32_t)h;
		s->hused++;
	}
}

void host_hash_add(struct sim *s, int32_t h)
{
	if ((s->hused + 1) * 2 > s->hcap)
		hash_rebuild(s, s->hcap ? s->hcap * 2 : 1024, h);
	uint32_t i = sock_key(&s->socks[h]) & (s->hcap - 1);
	while (s->htab[i] >= 0)
		i = (i + 1) & (s->hcap - 1);
	if (s->htab[i] == HASH_EMPTY)
		s->hused++;
	s->htab[i] = h;
}

void host_hash_del(struct sim *s, int32_t h)
{
	if (!s->hcap)
		return;
	uint32_t i = sock_key(&s->socks[h]) & (s->hcap - 1);
	while (s->htab[i] != HASH_EMPTY) {
		if (s->htab[i] == h) {
			s->htab[i] = HASH_DELETED;
			return;
		}
		i = (i + 1) & (s->hcap - 1);
	}
}

static int32_t hash_find(struct sim *s, int host, uint16_t lport, uint32_t raddr, uint16_t rport,
                         int listener)
{
	if (!s->hcap)
		return -1;
	uint32_t i = hash_key(host, lport, raddr, rport) & (s->hcap - 1);
	while (s->htab[i] != HASH_EMPTY) {
		int32_t h = s->htab[i];
		if (h >= 0) {
			const struct tcb *t = &s->socks[h];
			if (t->host == host && t->lport == lport && t->listener == listener &&
			    (listener || (t->raddr == raddr && t->rport == rport)))
				return h;
		}
		i = (i + 1) & (s->hcap - 1);
	}
	return -1;
}

int32_t host_lookup(struct sim *s, int host, uint16_t lport, uint32_t raddr, uint16_t rport)
{
	return hash_find(s, host, lport, raddr, rport, 0);
}

int32_t host_listener(struct sim *s, int host, uint16_t lport)
{
	int32_t h = hash_find(s, host, lport, 0, 0, 1);
	return h >= 0 && s->socks[h].state == TCPS_LISTEN ? h : -1;
}

int32_t host_sock_new(struct sim *s, int host)
{
	if (s->nsocks == s->capsocks) {
		s->capsocks = s->capsocks ? s->capsocks * 2 : 64;
		s->socks = realloc(s->socks, sizeof *s->socks * s->capsocks);
		if (!s->socks)
			abort(); /* out of memory */
	}
	int32_t h = (int32_t)s->nsocks++;
	struct tcb *t = &s->socks[h];
	memset(t, 0, sizeof *t);
	t->in_use = 1;
	t->host = (uint8_t)host;
	t->state = TCPS_CLOSED;
	struct host *hst = &s->hosts[host];
	t->ordinal = ++hst->nordinal;
	t->laddr = hst->addr;
	tcp_init_tcb(s, h);
	if (hst->nsocks == hst->capsocks) {
		hst->capsocks = hst->capsocks ? hst->capsocks * 2 : 16;
		hst->socks = realloc(hst->socks, sizeof *hst->socks * hst->capsocks);
		if (!hst->socks)
			abort();
	}
	hst->socks[hst->nsocks++] = h;
	hst->current = h;
	return h;
}

void host_sock_delete(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (!t->in_use)
		return;
	tcp_timer_cancel_all(s, h);
	if (t->listener || t->rport)
		host_hash_del(s, h);
	t->in_use = 0;
	t->state = TCPS_CLOSED;
}

void host_publish_sock(struct sim *s, int32_t h)
{
	const struct tcb *t = sock_at(s, h);
	struct trace_sock info = {.host = t->host,
	                          .listener = t->listener,
	                          .ordinal = t->ordinal,
	                          .laddr = t->laddr,
	                          .raddr = t->raddr,
	                          .lport = t->lport,
	                          .rport = t->rport,
	                          .iss = t->iss,
	                          .irs = t->irs};
	trace_set_sock(&s->tr, h, &info);
}

int32_t host_conn(struct sim *s, int host, int conn)
{
	const struct host *hst = &s->hosts[host];
	if (conn <= 0)
		return hst->current;
	return conn <= (int)hst->nsocks ? hst->socks[conn - 1] : -1;
}

/* ---- the application calls ---- */

static void record_call(struct sim *s, int ei, int32_t h, int err)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct trace_rec r = {.t = s->now,
	                      .kind = TR_APP_CALL,
	                      .host = (uint8_t)a->host,
	                      .sub = (uint8_t)a->kind,
	                      .sock = h,
	                      .seg = -1};
	r.u.call.event = ei;
	r.u.call.err = err;
	trace_add(&s->tr, &r);
	if (err)
		s->hosts[a->host].errors_seen |= 1u << err;
}

/* Is lport taken on this host for bind()? (EADDRINUSE) */
static int port_in_use(struct sim *s, int host, uint16_t lport, int reuseaddr)
{
	const struct host *hst = &s->hosts[host];
	for (uint32_t i = 0; i < hst->nsocks; i++) {
		const struct tcb *t = &s->socks[hst->socks[i]];
		if (!t->in_use || t->lport != lport)
			continue;
		if (t->state == TCPS_LISTEN || !reuseaddr)
			return 1;
	}
	return 0;
}

static uint16_t pick_port(struct sim *s, int host, uint32_t raddr, uint16_t rport)
{
	struct host *hst = &s->hosts[host];
	uint32_t lo = hst->p.port_lo, hi = hst->p.port_hi;
	uint32_t range = hi >= lo ? hi - lo + 1 : 0;
	for (uint32_t i = 0; i < range; i++) {
		uint32_t port = lo + (hst->next_port - lo + i) % range;
		if (host_lookup(s, host, (uint16_t)port, raddr, rport) >= 0 ||
		    host_listener(s, host, (uint16_t)port) >= 0)
			continue;
		hst->next_port = (uint16_t)(port + 1 > hi ? lo : port + 1);
		return (uint16_t)port;
	}
	return 0;
}

static void do_listen(struct sim *s, int ei)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct host *hst = &s->hosts[a->host];
	if (port_in_use(s, a->host, a->port, hst->p.reuseaddr)) {
		record_call(s, ei, -1, SE_EADDRINUSE);
		return;
	}
	int32_t h = host_sock_new(s, a->host);
	struct tcb *t = sock_at(s, h);
	t->listener = 1;
	t->lport = a->port;
	t->backlog = a->backlog > 0 ? a->backlog : hst->p.backlog;
	host_hash_add(s, h);
	host_publish_sock(s, h);
	record_call(s, ei, h, SE_OK);
	sim_set_state(s, h, TCPS_LISTEN, ARROW_PASSIVE_OPEN, CAUSE_CALL, -1, 0, ei, 0);
}

static void do_connect(struct sim *s, int ei, int32_t target)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct host *hst = &s->hosts[a->host];
	if (a->peer < 0 || a->peer >= s->nhosts) {
		record_call(s, ei, -1, SE_EINVAL);
		return;
	}
	uint32_t raddr = s->hosts[a->peer].addr;
	int32_t h;
	int arrow = ARROW_ACTIVE_OPEN;
	if (a->conn > 0 && target >= 0 && sock_at(s, target)->in_use &&
	    sock_at(s, target)->state == TCPS_LISTEN) {
		if (hst->p.profile != PROFILE_RFC9293) {
			record_call(s, ei, target,
			            SE_EINVAL); /* Linux: no connect() on a listener */
			return;
		}
		/* RFC 9293's LISTEN -> SYN_SENT: a listener told where to connect. */
		h = target;
		host_hash_del(s, h);
		sock_at(s, h)->listener = 0;
		arrow = ARROW_LISTEN_SEND;
	} else {
		uint16_t lport = a->from_port;
		if (lport) {
			if (port_in_use(s, a->host, lport, hst->p.reuseaddr)) {
				record_call(s, ei, -1, SE_EADDRINUSE);
				return;
			}
			if (host_lookup(s, a->host, lport, raddr, a->port) >= 0) {
				record_call(s, ei, -1, SE_EADDRNOTAVAIL);
				return;
			}
		} else {
			lport = pick_port(s, a->host, raddr, a->port);
			if (!lport) {
				record_call(s, ei, -1, SE_EADDRNOTAVAIL);
				return;
			}
		}
		h = host_sock_new(s, a->host);
		sock_at(s, h)->lport = lport;
	}
	struct tcb *t = sock_at(s, h);
	t->raddr = raddr;
	t->rport = a->port;
	t->iss = hst->p.isn_random ? (uint32_t)rng_next(&hst->rng) : hst->p.isn;
	t->snd_una = t->snd_nxt = t->snd_max = t->iss;
	host_hash_add(s, h);
	host_publish_sock(s, h);
	record_call(s, ei, h, SE_OK);
	sim_set_state(s, h, TCPS_SYN_SENT, arrow, CAUSE_CALL, -1, 0, ei, 0);
	if (sock_at(s, h)->state == TCPS_SYN_SENT)
		tcp_send_syn(s, h, 0);
}

static void do_send(struct sim *s, int ei, int32_t h)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	if (h < 0 || !sock_at(s, h)->in_use) {
		record_call(s, ei, h, SE_EPIPE);
		return;
	}
	struct tcb *t = sock_at(s, h);
	int st = t->state;
	if (t->shut_wr || t->orphan) {
		record_call(s, ei, h, SE_EPIPE);
		return;
	}
	if (st != TCPS_SYN_SENT && st != TCPS_SYN_RCVD && st != TCPS_ESTABLISHED &&
	    st != TCPS_CLOSE_WAIT) {
		record_call(s, ei, h, st == TCPS_LISTEN ? SE_ENOTCONN : SE_EPIPE);
		return;
	}
	t->snd_queued += a->text ? a->text_len : a->nbytes;
	record_call(s, ei, h, SE_OK);
	tcp_output(s, h);
}

static void do_close(struct sim *s, int ei, int32_t h, int shutdown)
{
	if (h < 0 || !sock_at(s, h)->in_use) {
		record_call(s, ei, h, SE_ENOTCONN);
		return;
	}
	struct tcb *t = sock_at(s, h);
	if (!shutdown)
		t->orphan = 1;
	if (t->shut_wr && !shutdown && t->state != TCPS_LISTEN) {
		record_call(s, ei, h, SE_OK); /* FIN already sent: only the reading ends */
		return;
	}
	t->shut_wr = 1;
	record_call(s, ei, h, SE_OK);
	switch (t->state) {
	case TCPS_LISTEN:
		sim_set_state(s, h, TCPS_CLOSED, ARROW_LISTEN_CLOSE, CAUSE_CALL, -1, 0, ei, 0);
		break;
	case TCPS_SYN_SENT:
		if (t->snd_queued) {
			t->fin_queued = 1; /* the FIN follows the queued data */
			break;
		}
		sim_set_state(s, h, TCPS_CLOSED, ARROW_SYNSENT_CLOSE, CAUSE_CALL, -1, 0, ei, 0);
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
			tcp_send_rst(s, t->host, t->laddr, t->lport, t->raddr, t->rport, t->snd_nxt,
			             0, 0, h);
			sim_set_state(s, h, TCPS_CLOSED, ARROW_ABORT, CAUSE_CALL, -1, 0, ei, 0);
			break;
		}
		t->fin_queued = 1;
		sim_set_state(s, h, TCPS_FIN_WAIT_1,
		              t->state == TCPS_SYN_RCVD ? ARROW_SYNRCVD_CLOSE : ARROW_EST_CLOSE,
		              CAUSE_CALL, -1, 0, ei, 0);
		t = sock_at(s, h);
		if (t->state == TCPS_FIN_WAIT_1)
			tcp_output(s, h);
		break;
	case TCPS_CLOSE_WAIT:
		t->fin_queued = 1;
		sim_set_state(s, h, TCPS_LAST_ACK, ARROW_CW_CLOSE, CAUSE_CALL, -1, 0, ei, 0);
		tcp_output(s, h);
		break;
	default: break; /* already closing: nothing more to do */
	}
}

static void do_abort(struct sim *s, int ei, int32_t h)
{
	if (h < 0 || !sock_at(s, h)->in_use) {
		record_call(s, ei, h, SE_ENOTCONN);
		return;
	}
	struct tcb *t = sock_at(s, h);
	record_call(s, ei, h, SE_OK);
	t->orphan = 1;
	switch (t->state) {
	case TCPS_LISTEN:
		sim_set_state(s, h, TCPS_CLOSED, ARROW_LISTEN_CLOSE, CAUSE_CALL, -1, 0, ei, 0);
		break;
	case TCPS_SYN_SENT:
		sim_set_state(s, h, TCPS_CLOSED, ARROW_SYNSENT_CLOSE, CAUSE_CALL, -1, 0, ei, 0);
		break;
	case TCPS_TIME_WAIT: break;
	default:
		tcp_send_rst(s, t->host, t->laddr, t->lport, t->raddr, t->rport, t->snd_nxt, 0, 0,
		             h);
		sim_set_state(s, h, TCPS_CLOSED, ARROW_ABORT, CAUSE_CALL, -1, 0, ei, 0);
	}
}

static void do_crash(struct sim *s, int ei, int host)
{
	struct host *hst = &s->hosts[host];
	record_call(s, ei, -1, SE_OK);
	for (uint32_t i = 0; i < hst->nsocks; i++) {
		int32_t h = hst->socks[i];
		if (sock_at(s, h)->in_use)
			sim_set_state(s, h, TCPS_CLOSED, ARROW_CRASH, CAUSE_CALL, -1, 0, ei, 0);
	}
	hst->crashed = 1;
}

/* A forged segment that seems to come from the connection's peer: its
 * sequence number is the target's RCV.NXT + offset, so a lesson can place a
 * RST exactly at, inside or outside the window (RFC 5961). */
static void do_inject(struct sim *s, int ei, int32_t h)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	if (h < 0 || !sock_at(s, h)->in_use || sock_at(s, h)->listener) {
		record_call(s, ei, h, SE_ENOTCONN);
		return;
	}
	const struct tcb *t = sock_at(s, h);
	static const uint8_t flags[] = {[MATCH_SYN] = TH_SYN,
	                                [MATCH_RST] = TH_RST,
	                                [MATCH_ACK] = TH_ACK,
	                                [MATCH_FIN] = TH_FIN | TH_ACK};
	struct segment g = {0};
	g.src = t->raddr;
	g.dst = t->laddr;
	g.sport = t->rport;
	g.dport = t->lport;
	g.flags = flags[a->match];
	g.seq = t->rcv_nxt + (uint32_t)a->offset;
	g.ack = (g.flags & TH_ACK) ? t->snd_nxt : 0;
	g.wnd = 65535;
	g.opt_wscale = 0xff;
	record_call(s, ei, h, SE_OK);
	int from = 1 - t->host; /* it travels the peer's way in */
	link_send(s, from, &g, -1, 0);
}

void host_action(struct sim *s, int ei, int32_t fired)
{
	const struct scn_event *ev = &s->scn->events[ei];
	const struct scn_action *a = &ev->act;
	int32_t h;
	if (a->conn > 0)
		h = host_conn(s, a->host, a->conn);
	else if (fired >= 0 && ev->trigger == TRIG_ON && ev->on_host == a->host)
		h = fired;
	else
		h = s->hosts[a->host].current;
	if (s->hosts[a->host].crashed && a->kind != ACT_REBOOT) {
		record_call(s, ei, -1, SE_EINVAL); /* a crashed host does nothing */
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
			record_call(s, ei, -1, SE_OK);
		s->hosts[a->host].crashed = 0;
		s->hosts[a->host].current = -1;
		break;
	case ACT_STOP_READING:
	case ACT_READ:
		if (h < 0 || !sock_at(s, h)->in_use) {
			record_call(s, ei, h, SE_ENOTCONN);
			break;
		}
		record_call(s, ei, h, SE_OK);
		sock_at(s, h)->reading = a->kind == ACT_READ;
		if (a->kind == ACT_READ && sock_at(s, h)->rcv_unread) {
			uint32_t before = tcp_rcv_window(sock_at(s, h));
			sock_at(s, h)->rcv_unread = 0;
			if (before < sock_at(s, h)->mss && tcps_synchronized(sock_at(s, h)->state))
				tcp_send_ack(s, h); /* window update: the window opened */
		}
		break;
	case ACT_INJECT: do_inject(s, ei, h); break;
	case ACT_FLOOD:
		record_call(s, ei, -1, SE_OK);
		evq_push(&s->q, s->now, EV_FLOOD, ei, 0);
		break;
	default: break;
	}
}

void host_flood(struct sim *s, int ei, int32_t sent)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	if (s->hosts[a->host].crashed)
		return;
	uint32_t span = a->addr_hi - a->addr_lo + 1;
	struct segment g = {0};
	g.src = a->addr_lo + (span ? (uint32_t)sent % span : 0);
	g.sport = (uint16_t)(1024 + ((uint32_t)sent * 7919u) % 64000u);
	g.dst = s->hosts[a->peer].addr;
	g.dport = a->port;
	g.seq = (uint32_t)rng_next(&s->hosts[a->host].rng);
	g.flags = TH_SYN;
	g.wnd = 65535;
	g.opt_mss = 1460;
	g.opt_wscale = 0xff;
	link_send(s, a->host, &g, -1, 0);
	if ((uint32_t)sent + 1 < a->count)
		evq_push(&s->q, s->now + a->every, EV_FLOOD, ei, sent + 1);
}
