/* tcp_harness: forces connections into a state, injects hand-built
 * segments and captures what the stack sends (the lwIP test pattern).
 * Used by test_tcp.c, test_sim.c, test_link.c and test_rfc5961.c; reaches
 * into the engine's private header (sim/engine/engine.h). */
#ifndef TCPSIM_TCP_HARNESS_H
#define TCPSIM_TCP_HARNESS_H

#include "check.h"
#include "scn_build.h"
#include "engine.h"

#define C 0 /* client host index */
#define S 1 /* server host index */
#define MS SIMTIME_MS
#define SEC SIMTIME_S
#define CISN 1000u
#define SISN 5000u

/* Two hosts, fixed ISNs, no options, no delayed ACK: numbers a test can
 * read.  Server listens on 80 at 0; link delay 10 ms. */
static inline void h_scenario(struct scenario *scn, int profile)
{
	sb_init(scn, profile);
	for (int i = 0; i < 2; i++) {
		struct tcp_params *p = &scn->hosts[i].params;
		p->isn_random = 0;
		p->isn = i == C ? CISN : SISN;
		p->timestamps = 0;
		p->sack = 0;
		p->wscale = -1;
		p->delack = 0;
	}
	sb_at(scn, 0, S, ACT_LISTEN)->port = 80;
}

static inline void h_connect(struct scenario *scn, simtime_t t)
{
	struct scn_action *a = sb_at(scn, t, C, ACT_CONNECT);
	a->port = 80;
	a->from_port = 40000;
}

static inline struct sim *h_run(const struct scenario *scn, simtime_t until)
{
	struct sim *s = sim_new(scn, NULL);
	sim_run_until(s, until);
	return s;
}

/* The N-th socket of a host (HOST.N), or NULL. */
static inline struct tcb *h_sock(struct sim *s, int host, int n)
{
	int32_t h = sock_conn(s, host, n);
	return h < 0 ? NULL : sock_at(s, h);
}

static inline int h_state(struct sim *s, int host, int n)
{
	struct tcb *t = h_sock(s, host, n);
	return t && t->in_use ? t->state : TCPS_CLOSED;
}

/* Delivers a segment to `to` as if from the other host's port `sport`. */
static inline uint32_t h_inject(struct sim *s, int to, uint16_t sport, uint16_t dport,
                                uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
	struct trace_seg ts = {0};
	ts.h.src = s->hosts[1 - to].addr;
	ts.h.dst = s->hosts[to].addr;
	ts.h.sport = sport;
	ts.h.dport = dport;
	ts.h.flags = flags;
	ts.h.seq = seq;
	ts.h.ack = ack;
	ts.h.len = len;
	ts.h.wnd = 65535;
	ts.h.opt_wscale = 0xff;
	ts.from = (uint8_t)(1 - to);
	ts.to = (uint8_t)to;
	ts.sent = ts.arrive = s->now;
	ts.sock = -1;
	uint32_t i = trace_add_seg(&s->tr, &ts);
	uint32_t mark = s->tr.n;
	tcp_input(s, i);
	return mark;
}

/* As h_inject, with a TS option (TSval val, TSecr ecr). */
static inline uint32_t h_inject_ts(struct sim *s, int to, uint16_t sport, uint16_t dport,
                                   uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len,
                                   uint32_t val, uint32_t ecr)
{
	struct trace_seg ts = {0};
	ts.h.src = s->hosts[1 - to].addr;
	ts.h.dst = s->hosts[to].addr;
	ts.h.sport = sport;
	ts.h.dport = dport;
	ts.h.flags = flags;
	ts.h.seq = seq;
	ts.h.ack = ack;
	ts.h.len = len;
	ts.h.wnd = 65535;
	ts.h.opt_wscale = 0xff;
	ts.h.opt_ts = 1;
	ts.h.ts_val = val;
	ts.h.ts_ecr = ecr;
	ts.from = (uint8_t)(1 - to);
	ts.to = (uint8_t)to;
	ts.sent = ts.arrive = s->now;
	ts.sock = -1;
	uint32_t i = trace_add_seg(&s->tr, &ts);
	uint32_t mark = s->tr.n;
	tcp_input(s, i);
	return mark;
}

/* The first segment `host` sent at trace position >= mark, or NULL. */
static inline const struct segment *h_sent(struct sim *s, int host, uint32_t mark)
{
	for (uint32_t i = mark; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		if (r->kind == TR_SEG_SEND && r->host == host)
			return &s->tr.segs[r->seg].h;
	}
	return NULL;
}

static inline int h_nsent(struct sim *s, int host, uint32_t mark)
{
	int n = 0;
	for (uint32_t i = mark; i < s->tr.n; i++)
		n += s->tr.recs[i].kind == TR_SEG_SEND && s->tr.recs[i].host == host;
	return n;
}

/* The last error handed to host's applications at or after mark, or 0. */
static inline int h_error(struct sim *s, int host, uint32_t mark)
{
	int e = 0;
	for (uint32_t i = mark; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_APP_ERROR && s->tr.recs[i].host == host)
			e = s->tr.recs[i].u.error.err;
	return e;
}

/* The arrow of the last state change of host's socket h at or after mark. */
static inline int h_arrow(struct sim *s, int host, uint32_t mark)
{
	int a = -1;
	for (uint32_t i = mark; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_STATE && s->tr.recs[i].host == host)
			a = s->tr.recs[i].sub;
	return a;
}

static inline int h_info(struct sim *s, int code, uint32_t mark)
{
	for (uint32_t i = mark; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_INFO && s->tr.recs[i].sub == code)
			return 1;
	return 0;
}

#endif
