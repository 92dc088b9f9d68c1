/* socktab: each host's socket table.  Sockets live in fixed blocks of one
 * table (sock_at), addressed by handles that are never reused (so HOST.N
 * and the trace stay valid), each host lists its own in creation order, and
 * an open-addressing hash on the 4-tuple (the port alone for listeners)
 * finds the socket a segment is for.  Called by state (delete), tcp_in
 * (lookup, new embryos) and app. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

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
	sim_budget(s, sizeof(int32_t) * cap);
	int32_t *tab = malloc(sizeof *tab * cap);
	if (!tab)
		sim_fail(s, SIM_ERR_NOMEM);
	free(s->htab);
	s->htab = tab;
	for (uint32_t i = 0; i < cap; i++)
		s->htab[i] = HASH_EMPTY;
	s->hcap = cap;
	s->hused = 0;
	for (uint32_t h = 0; h < s->nsocks; h++) {
		struct tcb *t = sock_at(s, h);
		if (!t->in_use || (!t->listener && t->rport == 0) || (int32_t)h == skip)
			continue;
		uint32_t i = sock_key(t) & (cap - 1);
		while (s->htab[i] != HASH_EMPTY)
			i = (i + 1) & (cap - 1);
		s->htab[i] = (int32_t)h;
		s->hused++;
	}
}

void sock_hash_add(struct sim *s, int32_t h)
{
	if ((s->hused + 1) * 2 > s->hcap) {
		/* Full of live sockets and tombstones: rebuild at a size for the
		 * live ones, so a long run of short connections stays small. */
		uint32_t live = s->hosts[0].nlive + s->hosts[1].nlive, cap = 1024;
		while (cap < 4 * live && cap < (1u << 30))
			cap *= 2;
		hash_rebuild(s, cap, h);
	}
	uint32_t i = sock_key(sock_at(s, h)) & (s->hcap - 1);
	while (s->htab[i] >= 0)
		i = (i + 1) & (s->hcap - 1);
	if (s->htab[i] == HASH_EMPTY)
		s->hused++;
	s->htab[i] = h;
}

void sock_hash_del(struct sim *s, int32_t h)
{
	if (!s->hcap)
		return;
	uint32_t i = sock_key(sock_at(s, h)) & (s->hcap - 1);
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
			const struct tcb *t = sock_at(s, h);
			if (t->host == host && t->lport == lport && t->listener == listener &&
			    (listener || (t->raddr == raddr && t->rport == rport)))
				return h;
		}
		i = (i + 1) & (s->hcap - 1);
	}
	return -1;
}

int32_t sock_lookup(struct sim *s, int host, uint16_t lport, uint32_t raddr, uint16_t rport)
{
	return hash_find(s, host, lport, raddr, rport, 0);
}

int32_t sock_listener(struct sim *s, int host, uint16_t lport)
{
	int32_t h = hash_find(s, host, lport, 0, 0, 1);
	return h >= 0 && sock_at(s, h)->state == TCPS_LISTEN ? h : -1;
}

/* A fresh TCB from the host's parameters. */
static void tcb_init(struct tcb *t, const struct tcp_params *p)
{
	t->rto = p->rto_initial;
	t->mss = p->mss;
	t->advmss = p->mss;
	rcvwin_init(t, p);
	t->reading = 1;
	t->snd_wscale = 0xff;
	t->rcv_wscale = 0;
	cc_init(t, p);
	t->parent = -1;
	for (int k = 0; k < TIMER_COUNT; k++)
		t->timers[k].queued = SIMTIME_NEVER;
}

/* One more block of SOCK_BLOCK sockets in the table. */
static void add_block(struct sim *s)
{
	sim_reserve(s, (void **)&s->sockblk, &s->capsockblk, s->nsockblk + 1, sizeof *s->sockblk,
	            16);
	sim_budget(s, SOCK_BLOCK * sizeof **s->sockblk);
	struct tcb *b = malloc(SOCK_BLOCK * sizeof *b);
	if (!b)
		sim_fail(s, SIM_ERR_NOMEM);
	s->sockblk[s->nsockblk++] = b;
}

int32_t sock_new(struct sim *s, int host)
{
	struct host *hst = &s->hosts[host];
	if (s->nsocks == s->nsockblk * SOCK_BLOCK)
		add_block(s);
	sim_reserve(s, (void **)&hst->socks, &hst->capsocks, hst->nsocks + 1, sizeof *hst->socks,
	            16);
	sim_reserve(s, (void **)&hst->live, &hst->caplive, hst->nlive + 1, sizeof *hst->live, 16);
	int32_t h = (int32_t)s->nsocks++;
	struct tcb *t = sock_at(s, h);
	memset(t, 0, sizeof *t);
	t->in_use = 1;
	t->host = (uint8_t)host;
	t->state = TCPS_CLOSED;
	t->ordinal = ++hst->nordinal;
	t->laddr = hst->addr;
	tcb_init(t, &hst->p);
	t->cc_scan = s->tr.segcursor; /* it has sent nothing before now */
	hst->socks[hst->nsocks++] = h;
	t->live_at = hst->nlive;
	hst->live[hst->nlive++] = h;
	hst->current = h;
	return h;
}

void sock_delete(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (!t->in_use)
		return;
	timer_cancel_all(s, h);
	if (t->listener || t->rport)
		sock_hash_del(s, h);
	struct host *hst = &s->hosts[t->host];
	int32_t last = hst->live[--hst->nlive];
	hst->live[t->live_at] = last;
	sock_at(s, last)->live_at = t->live_at;
	t->in_use = 0;
	t->state = TCPS_CLOSED;
}

int32_t sock_conn(struct sim *s, int host, int conn)
{
	const struct host *hst = &s->hosts[host];
	if (conn <= 0)
		return hst->current;
	return conn <= (int)hst->nsocks ? hst->socks[conn - 1] : -1;
}

int sock_port_in_use(struct sim *s, int host, uint16_t lport, int reuseaddr)
{
	const struct host *hst = &s->hosts[host];
	for (uint32_t i = 0; i < hst->nlive; i++) {
		const struct tcb *t = sock_at(s, hst->live[i]);
		if (t->lport != lport)
			continue;
		if (t->state == TCPS_LISTEN || !reuseaddr)
			return 1;
	}
	return 0;
}

uint16_t sock_pick_port(struct sim *s, int host, uint32_t raddr, uint16_t rport)
{
	struct host *hst = &s->hosts[host];
	uint32_t lo = hst->p.port_lo, hi = hst->p.port_hi;
	uint32_t range = hi >= lo ? hi - lo + 1 : 0;
	for (uint32_t i = 0; i < range; i++) {
		uint32_t port = lo + (hst->next_port - lo + i) % range;
		if (sock_lookup(s, host, (uint16_t)port, raddr, rport) >= 0 ||
		    sock_listener(s, host, (uint16_t)port) >= 0)
			continue;
		hst->next_port = (uint16_t)(port + 1 > hi ? lo : port + 1);
		return (uint16_t)port;
	}
	return 0;
}
