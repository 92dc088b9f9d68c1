/* report: every trace record the engine writes goes through here, stamped
 * with the present time, so the trace (the single truth every output reads)
 * has one writer.  Called by every engine file above alloc; calls only the
 * trace.  A trace that cannot grow stops the run (sim_fail). */
#include "engine.h"

/* The trace doubles its arrays when full: within the memory budget. */
static void room(struct sim *s, uint32_t used, uint32_t cap, size_t elem)
{
	if (used == cap)
		sim_budget(s, (size_t)(cap ? cap : 256) * elem);
}

static uint32_t add(struct sim *s, const struct trace_rec *r)
{
	if (s->tr.cursor == s->tr.n)
		room(s, s->tr.n, s->tr.cap, sizeof *s->tr.recs);
	uint32_t i = trace_add(&s->tr, r);
	if (i == TRACE_NOMEM)
		sim_fail(s, SIM_ERR_NOMEM);
	return i;
}

static struct trace_rec rec(struct sim *s, int kind, int host, int32_t sock, int32_t seg)
{
	return (struct trace_rec){
	    .t = s->now, .kind = (uint8_t)kind, .host = (uint8_t)host, .sock = sock, .seg = seg};
}

void report_info(struct sim *s, int host, int32_t h, int code, int32_t seg)
{
	struct trace_rec r = rec(s, TR_INFO, host, h, seg);
	r.sub = (uint8_t)code;
	add(s, &r);
}

void report_info_value(struct sim *s, int host, int32_t h, int code, uint32_t value)
{
	struct trace_rec r = rec(s, TR_INFO, host, h, -1);
	r.sub = (uint8_t)code;
	r.u.info.value = value;
	add(s, &r);
}

void report_timer(struct sim *s, int32_t h, int kind, int fire, simtime_t v, uint32_t attempt)
{
	if (!fire && s->opt.no_trace_timers)
		return;
	struct trace_rec r =
	    rec(s, fire ? TR_TIMER_FIRE : TR_TIMER_ARM, sock_at(s, h)->host, h, -1);
	r.sub = (uint8_t)kind;
	r.u.timer.expiry = v;
	r.u.timer.attempt = attempt;
	add(s, &r);
}

void report_app_error(struct sim *s, int32_t h, int err)
{
	struct tcb *t = sock_at(s, h);
	t->err = (uint8_t)err;
	s->hosts[t->host].errors_seen |= 1u << err;
	struct trace_rec r = rec(s, TR_APP_ERROR, t->host, h, -1);
	r.u.error.err = err;
	add(s, &r);
}

void report_call(struct sim *s, int ei, int32_t h, int err)
{
	const struct scn_action *a = &s->scn->events[ei].act;
	struct trace_rec r = rec(s, TR_APP_CALL, a->host, h, -1);
	r.sub = (uint8_t)a->kind;
	r.u.call.event = ei;
	r.u.call.err = err;
	add(s, &r);
	if (err)
		s->hosts[a->host].errors_seen |= 1u << err;
}

uint32_t report_seg(struct sim *s, const struct trace_seg *ts)
{
	if (s->tr.segcursor == s->tr.nsegs)
		room(s, s->tr.nsegs, s->tr.segcap, sizeof *s->tr.segs);
	uint32_t i = trace_add_seg(&s->tr, ts);
	if (i == TRACE_NOMEM)
		sim_fail(s, SIM_ERR_NOMEM);
	if (ts->sock >= 0) {
		/* cc.c's RTT sample search stops at the socket's last segment,
		 * and steps over the latest run of others' segments before it */
		struct tcb *t = sock_at(s, ts->sock);
		if (t->host == ts->from && t->own_end <= i) {
			if (t->own_end && t->own_end < i) {
				t->own_gap = t->own_end;
				t->own_gap_end = i;
			}
			t->own_end = i + 1;
		}
	}
	return i;
}

void report_seg_send(struct sim *s, int from, int32_t sock, uint32_t seg)
{
	struct trace_rec r = rec(s, TR_SEG_SEND, from, sock, (int32_t)seg);
	add(s, &r);
}

void report_seg_lost(struct sim *s, uint32_t seg, int reason)
{
	struct trace_rec r = rec(s, TR_SEG_LOST, 0xff, -1, (int32_t)seg);
	r.sub = (uint8_t)reason;
	add(s, &r);
}

void report_seg_arrive(struct sim *s, int host, uint32_t seg)
{
	struct trace_rec r = rec(s, TR_SEG_ARRIVE, host, -1, (int32_t)seg);
	add(s, &r);
}

void report_note(struct sim *s, simtime_t t, int host, int32_t h, int index)
{
	int ask = index >= s->scn->nnotes; /* an aid past the notes is an ask point */
	struct trace_rec r = rec(s, ask ? TR_ASK : TR_NOTE, host, h, -1);
	r.t = t;
	r.u.note.index = ask ? index - s->scn->nnotes : index;
	add(s, &r);
}

void report_expect(struct sim *s, simtime_t t, int index, const struct sim_verdict *v)
{
	struct trace_rec r = rec(s, TR_EXPECT, s->scn->expects[index].host, -1, -1);
	r.t = t;
	r.sub = (uint8_t)v->held;
	r.u.expect.index = index;
	r.u.expect.seen = v->seen;
	add(s, &r);
}

void report_state(struct sim *s, int32_t h, int from, int to, int arrow, struct cause c)
{
	struct trace_rec r = rec(s, TR_STATE, sock_at(s, h)->host, h, c.seg);
	r.cause = c.kind;
	r.sub = (uint8_t)arrow;
	r.u.state.from = (uint8_t)from;
	r.u.state.to = (uint8_t)to;
	r.u.state.timer = c.timer;
	r.u.state.err = c.err;
	r.u.state.ref = c.call;
	add(s, &r);
}

void report_sock(struct sim *s, int32_t h)
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
	if (trace_set_sock(&s->tr, h, &info) < 0)
		sim_fail(s, SIM_ERR_NOMEM);
}
