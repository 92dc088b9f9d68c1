/* fixture_trace: a hand-built scenario and trace for the output tests
 * (test_fmt, test_pcap, test_svg), so that they do not depend on the engine.
 * One connection client 10.0.0.1:40000 -> server 10.0.0.2:9502 with options,
 * 1000 bytes lost and retransmitted by the RTO, a text send, a SACK, the
 * close, TIME_WAIT and its 2MSL expiry 60 s later. */
#ifndef TCPSIM_FIXTURE_TRACE_H
#define TCPSIM_FIXTURE_TRACE_H

#include <string.h>

#include "scenario.h"
#include "simerr.h"
#include "tcpstate.h"
#include "trace.h"

#define FX_C 0 /* client */
#define FX_S 1 /* server */
#define FX_CADDR 0x0a000001u
#define FX_SADDR 0x0a000002u
#define FX_MS ((simtime_t)1000)

struct fixture {
	struct scenario scn;
	struct trace tr;
	struct scn_event events[6];
	struct scn_note notes[1];
	struct scn_expect expects[1];
	char text[8];
	char note[64];
	char title[32];
};

static inline struct segment fx_hdr(int from, uint8_t flags, uint32_t seq, uint32_t ack,
                                    uint32_t len)
{
	struct segment g;
	memset(&g, 0, sizeof g);
	g.src = from == FX_C ? FX_CADDR : FX_SADDR;
	g.dst = from == FX_C ? FX_SADDR : FX_CADDR;
	g.sport = from == FX_C ? 40000 : 9502;
	g.dport = from == FX_C ? 9502 : 40000;
	g.flags = flags;
	g.seq = seq;
	g.ack = ack;
	g.len = len;
	g.wnd = 502;
	g.opt_wscale = 0xff;
	return g;
}

static inline void fx_rec(struct trace *tr, simtime_t t, int kind, int host, int32_t sock,
                          int32_t seg)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.kind = (uint8_t)kind;
	r.host = (uint8_t)host;
	r.sock = sock;
	r.seg = seg;
	trace_add(tr, &r);
}

/* A send (and, when lost, its loss record); returns the segment index. */
static inline int32_t fx_send(struct trace *tr, simtime_t t, int from, int32_t sock,
                              const struct segment *g, int lost, int retx)
{
	uint32_t nth = 0;
	for (uint32_t j = 0; j < tr->nsegs; j++)
		nth += tr->segs[j].from == from;
	struct trace_seg s;
	memset(&s, 0, sizeof s);
	s.h = *g;
	s.sent = t;
	s.arrive = t + 10 * FX_MS;
	s.sock = sock;
	s.from = (uint8_t)from;
	s.to = (uint8_t)(1 - from);
	s.lost = (uint8_t)lost;
	s.retx = (uint8_t)retx;
	s.nth = nth + 1;
	int32_t i = (int32_t)trace_add_seg(tr, &s);
	fx_rec(tr, t, TR_SEG_SEND, from, sock, i);
	if (lost) {
		struct trace_rec r;
		memset(&r, 0, sizeof r);
		r.t = t;
		r.kind = TR_SEG_LOST;
		r.host = 0xff;
		r.sub = (uint8_t)(lost - 1);
		r.sock = -1;
		r.seg = i;
		trace_add(tr, &r);
	}
	return i;
}

static inline void fx_arrive(struct trace *tr, int32_t seg)
{
	const struct trace_seg *s = &tr->segs[seg];
	fx_rec(tr, s->arrive, TR_SEG_ARRIVE, s->to, -1, seg);
}

static inline void fx_state(struct trace *tr, simtime_t t, int host, int32_t sock, int from, int to,
                            int arrow, int cause, int32_t seg, int timer, int32_t ref)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.kind = TR_STATE;
	r.host = (uint8_t)host;
	r.sock = sock;
	r.seg = seg;
	r.sub = (uint8_t)arrow;
	r.cause = (uint8_t)cause;
	r.u.state.from = (uint8_t)from;
	r.u.state.to = (uint8_t)to;
	r.u.state.timer = (uint8_t)timer;
	r.u.state.ref = ref;
	trace_add(tr, &r);
}

static inline void fx_call(struct trace *tr, simtime_t t, int host, int32_t sock, int kind,
                           int32_t ev, int err)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.kind = TR_APP_CALL;
	r.host = (uint8_t)host;
	r.sock = sock;
	r.seg = -1;
	r.sub = (uint8_t)kind;
	r.u.call.event = ev;
	r.u.call.err = err;
	trace_add(tr, &r);
}

static inline void fx_timer(struct trace *tr, simtime_t t, int kind_rec, int host, int32_t sock,
                            int timer, simtime_t expiry, uint32_t attempt)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.kind = (uint8_t)kind_rec;
	r.host = (uint8_t)host;
	r.sock = sock;
	r.seg = -1;
	r.sub = (uint8_t)timer;
	r.u.timer.expiry = expiry;
	r.u.timer.attempt = attempt;
	trace_add(tr, &r);
}

static inline void fx_event(struct fixture *fx, int i, int line, simtime_t at, int host, int kind)
{
	struct scn_event *e = &fx->events[i];
	memset(e, 0, sizeof *e);
	e->line = line;
	e->trigger = TRIG_AT;
	e->at = at;
	e->act.kind = kind;
	e->act.host = host;
	e->act.peer = -1;
	e->act.backlog = -1;
}

/* Socket handles: 0 the listener, 1 the client's, 2 the accepted one. */
static inline void fx_build(struct fixture *fx)
{
	memset(fx, 0, sizeof *fx);
	struct scenario *scn = &fx->scn;
	strcpy(fx->title, "Fixture <&> \"run\"");
	scn->title = fx->title;
	scn->nhosts = 2;
	strcpy(scn->hosts[0].name, "client");
	scn->hosts[0].addr = FX_CADDR;
	strcpy(scn->hosts[1].name, "server");
	scn->hosts[1].addr = FX_SADDR;
	scn->link[DIR_AB].delay = scn->link[DIR_BA].delay = 10 * FX_MS;
	scn->link[DIR_AB].loss_ppm = 100000; /* 10% */
	scn->link[DIR_BA].loss_ppm = 2500;   /* 0.25% */

	fx_event(fx, 0, 10, 0, FX_S, ACT_LISTEN);
	fx->events[0].act.port = 9502;
	fx_event(fx, 1, 11, 100 * FX_MS, FX_C, ACT_CONNECT);
	fx->events[1].act.peer = FX_S;
	fx->events[1].act.port = 9502;
	fx_event(fx, 2, 12, 200 * FX_MS, FX_C, ACT_SEND);
	fx->events[2].act.nbytes = 1000;
	fx_event(fx, 3, 13, 200 * FX_MS, FX_C, ACT_SEND);
	strcpy(fx->text, "hello\n");
	fx->events[3].act.text = fx->text;
	fx->events[3].act.text_len = 6;
	fx_event(fx, 4, 14, 2000 * FX_MS, FX_C, ACT_CLOSE);
	fx_event(fx, 5, 15, 2050 * FX_MS, FX_S, ACT_CLOSE);
	scn->events = fx->events;
	scn->nevents = 6;
	strcpy(fx->note, "2MSL starts \"now\"");
	fx->notes[0].line = 16;
	fx->notes[0].on_host = FX_C;
	fx->notes[0].on_state = TCPS_TIME_WAIT;
	fx->notes[0].text = fx->note;
	scn->notes = fx->notes;
	scn->nnotes = 1;
	fx->expects[0].line = 17;
	fx->expects[0].kind = EXPECT_STATE;
	fx->expects[0].when = WHEN_END;
	fx->expects[0].host = FX_C;
	fx->expects[0].state = TCPS_CLOSED;
	scn->expects = fx->expects;
	scn->nexpects = 1;

	struct trace *tr = &fx->tr;
	trace_init(tr);
	struct trace_sock ls = {FX_S, 1, 1, 0, 0, 9502, 0, 0, 0};
	struct trace_sock cs = {FX_C, 0, 1, FX_CADDR, FX_SADDR, 40000, 9502, 1000, 5000};
	struct trace_sock as = {FX_S, 0, 2, FX_SADDR, FX_CADDR, 9502, 40000, 5000, 1000};
	trace_set_sock(tr, 0, &ls);
	trace_set_sock(tr, 1, &cs);
	trace_set_sock(tr, 2, &as);

	struct segment g;
	int32_t s;
	fx_call(tr, 0, FX_S, 0, ACT_LISTEN, 0, SE_OK);
	fx_state(tr, 0, FX_S, 0, TCPS_CLOSED, TCPS_LISTEN, ARROW_PASSIVE_OPEN, CAUSE_CALL, -1, 0,
	         0);

	simtime_t t = 100 * FX_MS;
	fx_call(tr, t, FX_C, 1, ACT_CONNECT, 1, SE_OK);
	fx_state(tr, t, FX_C, 1, TCPS_CLOSED, TCPS_SYN_SENT, ARROW_ACTIVE_OPEN, CAUSE_CALL, -1, 0,
	         1);
	g = fx_hdr(FX_C, TH_SYN, 1000, 0, 0);
	g.wnd = 65535;
	g.opt_mss = 1460;
	g.opt_sackok = 1;
	g.opt_ts = 1;
	g.ts_val = 100;
	g.opt_wscale = 7;
	int32_t syn = fx_send(tr, t, FX_C, 1, &g, 0, 0);
	fx_timer(tr, t, TR_TIMER_ARM, FX_C, 1, TIMER_RETRANSMIT, t + 1000 * FX_MS, 0);

	t = 110 * FX_MS;
	fx_arrive(tr, syn);
	fx_state(tr, t, FX_S, 2, TCPS_LISTEN, TCPS_SYN_RCVD, ARROW_LISTEN_SYN, CAUSE_SEGMENT, syn,
	         0, -1);
	g = fx_hdr(FX_S, TH_SYN | TH_ACK, 5000, 1001, 0);
	g.wnd = 65535;
	g.opt_mss = 1460;
	g.opt_sackok = 1;
	g.opt_ts = 1;
	g.ts_val = 200;
	g.ts_ecr = 100;
	g.opt_wscale = 7;
	int32_t synack = fx_send(tr, t, FX_S, 2, &g, 0, 0);

	t = 120 * FX_MS;
	fx_arrive(tr, synack);
	fx_state(tr, t, FX_C, 1, TCPS_SYN_SENT, TCPS_ESTABLISHED, ARROW_SYNSENT_SYNACK,
	         CAUSE_SEGMENT, synack, 0, -1);
	g = fx_hdr(FX_C, TH_ACK, 1001, 5001, 0);
	g.opt_ts = 1;
	g.ts_val = 120;
	g.ts_ecr = 200;
	s = fx_send(tr, t, FX_C, 1, &g, 0, 0);

	t = 130 * FX_MS;
	fx_arrive(tr, s);
	fx_state(tr, t, FX_S, 2, TCPS_SYN_RCVD, TCPS_ESTABLISHED, ARROW_SYNRCVD_ACK, CAUSE_SEGMENT,
	         s, 0, -1);

	t = 200 * FX_MS;
	fx_call(tr, t, FX_C, 1, ACT_SEND, 2, SE_OK);
	g = fx_hdr(FX_C, TH_PSH | TH_ACK, 1001, 5001, 1000);
	g.opt_ts = 1;
	g.ts_val = 200;
	g.ts_ecr = 200;
	fx_send(tr, t, FX_C, 1, &g, LOSS_RANDOM + 1, 0);
	fx_timer(tr, t, TR_TIMER_ARM, FX_C, 1, TIMER_RETRANSMIT, t + 1000 * FX_MS, 0);
	fx_call(tr, t, FX_C, 1, ACT_SEND, 3, SE_OK);
	g = fx_hdr(FX_C, TH_PSH | TH_ACK, 2001, 5001, 6);
	g.opt_ts = 1;
	g.ts_val = 200;
	g.ts_ecr = 200;
	int32_t hello = fx_send(tr, t, FX_C, 1, &g, 0, 0);

	t = 210 * FX_MS;
	fx_arrive(tr, hello);
	fx_rec(tr, t, TR_INFO, FX_S, 2, hello);
	tr->recs[tr->n - 1].sub = INFO_OOO_DATA;
	g = fx_hdr(FX_S, TH_ACK, 5001, 1001, 0);
	g.opt_ts = 1;
	g.ts_val = 210;
	g.ts_ecr = 200;
	g.nsack = 1;
	g.sack[0][0] = 2001;
	g.sack[0][1] = 2007;
	s = fx_send(tr, t, FX_S, 2, &g, 0, 0);
	fx_arrive(tr, s); /* at 0.220 */

	t = 1200 * FX_MS;
	fx_timer(tr, t, TR_TIMER_FIRE, FX_C, 1, TIMER_RETRANSMIT, 1000 * FX_MS, 1);
	g = fx_hdr(FX_C, TH_PSH | TH_ACK, 1001, 5001, 1000);
	g.opt_ts = 1;
	g.ts_val = 1200;
	g.ts_ecr = 210;
	s = fx_send(tr, t, FX_C, 1, &g, 0, 1);
	fx_rec(tr, t, TR_INFO, FX_C, 1, s);
	tr->recs[tr->n - 1].sub = INFO_RETRANSMIT;

	t = 1210 * FX_MS;
	fx_arrive(tr, s);
	g = fx_hdr(FX_S, TH_ACK, 5001, 2007, 0);
	g.opt_ts = 1;
	g.ts_val = 1210;
	g.ts_ecr = 1200;
	s = fx_send(tr, t, FX_S, 2, &g, 0, 0);
	fx_arrive(tr, s); /* at 1.220 */

	t = 2000 * FX_MS;
	fx_call(tr, t, FX_C, 1, ACT_CLOSE, 4, SE_OK);
	fx_state(tr, t, FX_C, 1, TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, ARROW_EST_CLOSE, CAUSE_CALL, -1,
	         0, 4);
	g = fx_hdr(FX_C, TH_FIN | TH_ACK, 2007, 5001, 0);
	g.opt_ts = 1;
	g.ts_val = 2000;
	g.ts_ecr = 1210;
	s = fx_send(tr, t, FX_C, 1, &g, 0, 0);

	t = 2010 * FX_MS;
	fx_arrive(tr, s);
	fx_state(tr, t, FX_S, 2, TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, ARROW_EST_FIN, CAUSE_SEGMENT, s,
	         0, -1);
	g = fx_hdr(FX_S, TH_ACK, 5001, 2008, 0);
	g.opt_ts = 1;
	g.ts_val = 2010;
	g.ts_ecr = 2000;
	s = fx_send(tr, t, FX_S, 2, &g, 0, 0);

	t = 2020 * FX_MS;
	fx_arrive(tr, s);
	fx_state(tr, t, FX_C, 1, TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, ARROW_FW1_ACK, CAUSE_SEGMENT, s,
	         0, -1);

	t = 2050 * FX_MS;
	fx_call(tr, t, FX_S, 2, ACT_CLOSE, 5, SE_OK);
	fx_state(tr, t, FX_S, 2, TCPS_CLOSE_WAIT, TCPS_LAST_ACK, ARROW_CW_CLOSE, CAUSE_CALL, -1, 0,
	         5);
	g = fx_hdr(FX_S, TH_FIN | TH_ACK, 5001, 2008, 0);
	g.opt_ts = 1;
	g.ts_val = 2050;
	g.ts_ecr = 2000;
	s = fx_send(tr, t, FX_S, 2, &g, 0, 0);

	t = 2060 * FX_MS;
	fx_arrive(tr, s);
	fx_state(tr, t, FX_C, 1, TCPS_FIN_WAIT_2, TCPS_TIME_WAIT, ARROW_FW2_FIN, CAUSE_SEGMENT, s,
	         0, -1);
	fx_rec(tr, t, TR_NOTE, 0xff, -1, -1);
	tr->recs[tr->n - 1].u.note.index = 0;
	fx_timer(tr, t, TR_TIMER_ARM, FX_C, 1, TIMER_TIME_WAIT, t + 60000 * FX_MS, 0);
	g = fx_hdr(FX_C, TH_ACK, 2008, 5002, 0);
	g.opt_ts = 1;
	g.ts_val = 2060;
	g.ts_ecr = 2050;
	s = fx_send(tr, t, FX_C, 1, &g, 0, 0);

	t = 2070 * FX_MS;
	fx_arrive(tr, s);
	fx_state(tr, t, FX_S, 2, TCPS_LAST_ACK, TCPS_CLOSED, ARROW_LASTACK_ACK, CAUSE_SEGMENT, s, 0,
	         -1);

	t = 62060 * FX_MS;
	fx_timer(tr, t, TR_TIMER_FIRE, FX_C, 1, TIMER_TIME_WAIT, 60000 * FX_MS, 0);
	fx_state(tr, t, FX_C, 1, TCPS_TIME_WAIT, TCPS_CLOSED, ARROW_TW_TIMEOUT, CAUSE_TIMER, -1,
	         TIMER_TIME_WAIT, -1);
	fx_rec(tr, t, TR_EXPECT, 0xff, -1, -1);
	tr->recs[tr->n - 1].sub = 1;
	tr->recs[tr->n - 1].u.expect.index = 0;
	tr->recs[tr->n - 1].u.expect.seen = TCPS_CLOSED;
}

static inline void fx_free(struct fixture *fx)
{
	trace_free(&fx->tr);
}

#endif
