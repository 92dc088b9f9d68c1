/* sim: ties clock, event queue, RNG streams, link and hosts into a run of a
 * scenario.  Owns the run loop (sim_step), the reporting every module goes
 * through (sim_set_state, sim_info, ...), expectations, snapshots and the
 * checkpoints that make going back in time a restore plus a short re-run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_internal.h"

struct checkpoint {
	uint64_t events_done;
	simtime_t now;
	uint32_t cursor, segcursor;
	int next_moment, done;
	struct evq q;
	struct host hosts[SCN_MAX_HOSTS];
	struct link_dir link[2];
	struct tcb *socks;
	uint32_t nsocks;
	int32_t *htab;
	uint32_t hcap, hused;
	uint32_t *fault_seen;
	uint8_t *note_done;
	struct sim_verdict *verdicts;
};

static void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);
	if (!p)
		abort(); /* out of memory */
	return p;
}

static void *dup_mem(const void *src, size_t bytes)
{
	void *p = malloc(bytes ? bytes : 1);
	if (!p)
		abort();
	if (bytes)
		memcpy(p, src, bytes);
	return p;
}

static int moment_cmp(const void *a, const void *b)
{
	const struct sim_moment *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->index - y->index;
}

static void take_checkpoint(struct sim *s);

/* Groups the scenario's `on` lines by (host, state) so that a state change
 * finds its triggers without scanning the whole timeline. */
static void index_triggers(struct sim *s)
{
	const struct scenario *scn = s->scn;
	int32_t count[SCN_MAX_HOSTS][TCPS_COUNT] = {{0}};
	int total = 0;
	for (int i = 0; i < scn->nevents; i++) {
		const struct scn_event *e = &scn->events[i];
		if (e->trigger == TRIG_ON && e->on_host >= 0 && e->on_host < SCN_MAX_HOSTS &&
		    e->on_state >= 0 && e->on_state < TCPS_COUNT) {
			count[e->on_host][e->on_state]++;
			total++;
		}
	}
	s->on_list = xcalloc((size_t)total, sizeof *s->on_list);
	int32_t at = 0;
	for (int h = 0; h < SCN_MAX_HOSTS; h++)
		for (int st = 0; st <= TCPS_COUNT; st++) {
			s->on_first[h][st] = at;
			if (st < TCPS_COUNT)
				at += count[h][st];
		}
	int32_t fill[SCN_MAX_HOSTS][TCPS_COUNT] = {{0}};
	for (int i = 0; i < scn->nevents; i++) {
		const struct scn_event *e = &scn->events[i];
		if (e->trigger == TRIG_ON && e->on_host >= 0 && e->on_host < SCN_MAX_HOSTS &&
		    e->on_state >= 0 && e->on_state < TCPS_COUNT)
			s->on_list[s->on_first[e->on_host][e->on_state] +
			           fill[e->on_host][e->on_state]++] = i;
	}
}

struct sim *sim_new(const struct scenario *scn, const struct sim_options *opt)
{
	struct sim *s = xcalloc(1, sizeof *s);
	s->scn = scn;
	if (opt)
		s->opt = *opt;
	if (!s->opt.checkpoint_every)
		s->opt.checkpoint_every = 256;
	s->seed = s->opt.seed_set ? s->opt.seed : scn->seed;
	evq_init(&s->q);
	trace_init(&s->tr);
	s->nhosts = scn->nhosts;
	for (int i = 0; i < scn->nhosts; i++) {
		struct host *h = &s->hosts[i];
		h->addr = scn->hosts[i].addr;
		h->p = scn->hosts[i].params;
		h->current = -1;
		rng_seed(&h->rng, s->seed, 2 + (uint64_t)i);
		h->secret = (uint32_t)rng_next(&h->rng);
		uint32_t range =
		    h->p.port_hi >= h->p.port_lo ? h->p.port_hi - h->p.port_lo + 1u : 1u;
		h->next_port = (uint16_t)(h->p.port_lo + rng_below(&h->rng, range));
	}
	for (int d = 0; d < 2; d++) {
		s->link[d].p = scn->link[d];
		rng_seed(&s->link[d].rng, s->seed, (uint64_t)d);
	}
	s->fault_seen = xcalloc((size_t)scn->nfaults, sizeof *s->fault_seen);
	s->note_done = xcalloc((size_t)scn->nnotes, 1);
	s->verdicts = xcalloc((size_t)scn->nexpects, sizeof *s->verdicts);
	s->moments = xcalloc((size_t)(scn->nnotes + scn->nexpects), sizeof *s->moments);
	for (int i = 0; i < scn->nnotes; i++)
		if (scn->notes[i].on_host < 0)
			s->moments[s->nmoments++] = (struct sim_moment){scn->notes[i].at, 0, i};
	for (int i = 0; i < scn->nexpects; i++)
		if (scn->expects[i].when == WHEN_AT)
			s->moments[s->nmoments++] = (struct sim_moment){scn->expects[i].at, 1, i};
	qsort(s->moments, (size_t)s->nmoments, sizeof *s->moments, moment_cmp);
	/* A run stops at `end`, or after one simulated hour: a scenario whose
	 * hosts never fall silent still finishes. */
	s->end = scn->end ? scn->end : SIM_HORIZON;
	if (s->opt.until && (!s->end || s->opt.until < s->end))
		s->end = s->opt.until;
	index_triggers(s);
	for (int i = 0; i < scn->nevents; i++)
		if (scn->events[i].trigger == TRIG_AT)
			evq_push(&s->q, scn->events[i].at, EV_ACTION, i, -1);
	if (s->opt.checkpoints)
		take_checkpoint(s);
	return s;
}

static void checkpoint_free(struct checkpoint *c)
{
	evq_free(&c->q);
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		free(c->hosts[i].socks);
	free(c->socks);
	free(c->htab);
	free(c->fault_seen);
	free(c->note_done);
	free(c->verdicts);
}

void sim_free(struct sim *s)
{
	if (!s)
		return;
	for (uint32_t i = 0; i < s->ncps; i++)
		checkpoint_free(&s->cps[i]);
	free(s->cps);
	evq_free(&s->q);
	trace_free(&s->tr);
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		free(s->hosts[i].socks);
	free(s->socks);
	free(s->htab);
	free(s->fault_seen);
	free(s->note_done);
	free(s->verdicts);
	free(s->moments);
	free(s->on_list);
	free(s);
}

/* ---- checkpoints ---- */

static void take_checkpoint(struct sim *s)
{
	if (s->ncps == s->capcps) {
		s->capcps = s->capcps ? s->capcps * 2 : 16;
		s->cps = realloc(s->cps, sizeof *s->cps * s->capcps);
		if (!s->cps)
			abort();
	}
	struct checkpoint *c = &s->cps[s->ncps++];
	memset(c, 0, sizeof *c);
	c->events_done = s->events_done;
	c->now = s->now;
	c->cursor = s->tr.cursor;
	c->segcursor = s->tr.segcursor;
	c->next_moment = s->next_moment;
	c->done = s->done;
	evq_copy(&c->q, &s->q);
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		c->hosts[i] = s->hosts[i];
		c->hosts[i].socks =
		    dup_mem(s->hosts[i].socks, sizeof(int32_t) * s->hosts[i].nsocks);
		c->hosts[i].capsocks = s->hosts[i].nsocks;
	}
	memcpy(c->link, s->link, sizeof c->link);
	c->socks = dup_mem(s->socks, sizeof *s->socks * s->nsocks);
	c->nsocks = s->nsocks;
	c->htab = dup_mem(s->htab, sizeof *s->htab * s->hcap);
	c->hcap = s->hcap;
	c->hused = s->hused;
	c->fault_seen = dup_mem(s->fault_seen, sizeof *s->fault_seen * (size_t)s->scn->nfaults);
	c->note_done = dup_mem(s->note_done, (size_t)s->scn->nnotes);
	c->verdicts = dup_mem(s->verdicts, sizeof *s->verdicts * (size_t)s->scn->nexpects);
}

static void restore_checkpoint(struct sim *s, const struct checkpoint *c)
{
	s->events_done = c->events_done;
	s->now = c->now;
	s->tr.cursor = c->cursor;
	s->tr.segcursor = c->segcursor;
	s->next_moment = c->next_moment;
	s->done = c->done;
	evq_copy(&s->q, &c->q);
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		int32_t *keep = s->hosts[i].socks;
		uint32_t cap = s->hosts[i].capsocks;
		s->hosts[i] = c->hosts[i];
		if (cap < c->hosts[i].nsocks) {
			cap = c->hosts[i].nsocks;
			keep = realloc(keep, sizeof *keep * cap);
			if (!keep && cap)
				abort();
		}
		if (c->hosts[i].nsocks)
			memcpy(keep, c->hosts[i].socks, sizeof *keep * c->hosts[i].nsocks);
		s->hosts[i].socks = keep;
		s->hosts[i].capsocks = cap;
	}
	memcpy(s->link, c->link, sizeof s->link);
	if (s->capsocks < c->nsocks) {
		s->capsocks = c->nsocks;
		s->socks = realloc(s->socks, sizeof *s->socks * s->capsocks);
		if (!s->socks)
			abort();
	}
	if (c->nsocks)
		memcpy(s->socks, c->socks, sizeof *s->socks * c->nsocks);
	s->nsocks = c->nsocks;
	free(s->htab);
	s->htab = dup_mem(c->htab, sizeof *c->htab * c->hcap);
	s->hcap = c->hcap;
	s->hused = c->hused;
	if (s->scn->nfaults)
		memcpy(s->fault_seen, c->fault_seen,
		       sizeof *s->fault_seen * (size_t)s->scn->nfaults);
	if (s->scn->nnotes)
		memcpy(s->note_done, c->note_done, (size_t)s->scn->nnotes);
	if (s->scn->nexpects)
		memcpy(s->verdicts, c->verdicts, sizeof *s->verdicts * (size_t)s->scn->nexpects);
}

/* ---- reporting: every module tells the trace through these ---- */

static void add_rec(struct sim *s, struct trace_rec *r)
{
	r->t = s->now;
	trace_add(&s->tr, r);
}

void sim_info(struct sim *s, int host, int32_t h, int code, int32_t seg)
{
	struct trace_rec r = {
	    .kind = TR_INFO, .host = (uint8_t)host, .sub = (uint8_t)code, .sock = h, .seg = seg};
	add_rec(s, &r);
}

void sim_trace_timer(struct sim *s, int32_t h, int kind, int fire, simtime_t v, uint32_t attempt)
{
	if (!fire && s->opt.no_trace_timers)
		return;
	struct trace_rec r = {.kind = (uint8_t)(fire ? TR_TIMER_FIRE : TR_TIMER_ARM),
	                      .host = sock_at(s, h)->host,
	                      .sub = (uint8_t)kind,
	                      .sock = h,
	                      .seg = -1};
	r.u.timer.expiry = v;
	r.u.timer.attempt = attempt;
	add_rec(s, &r);
}

void sim_app_error(struct sim *s, int32_t h, int err)
{
	struct tcb *t = sock_at(s, h);
	t->err = (uint8_t)err;
	s->hosts[t->host].errors_seen |= 1u << err;
	struct trace_rec r = {.kind = TR_APP_ERROR, .host = t->host, .sock = h, .seg = -1};
	r.u.error.err = err;
	add_rec(s, &r);
}

static void fire_triggers(struct sim *s, int32_t h, int state)
{
	const struct scenario *scn = s->scn;
	int host = sock_at(s, h)->host;
	/* on_first[host][state + 1] is where this (host, state) slot ends. */
	for (int32_t k = s->on_first[host][state]; k < s->on_first[host][state + 1]; k++) {
		int i = s->on_list[k];
		evq_push(&s->q, s->now + scn->events[i].delay, EV_ACTION, i, h);
	}
	for (int i = 0; i < scn->nnotes; i++) {
		const struct scn_note *n = &scn->notes[i];
		if (n->on_host == host && n->on_state == state && !s->note_done[i]) {
			s->note_done[i] = 1;
			struct trace_rec r = {
			    .kind = TR_NOTE, .host = (uint8_t)host, .sock = h, .seg = -1};
			r.u.note.index = i;
			add_rec(s, &r);
		}
	}
}

void sim_set_state(struct sim *s, int32_t h, int to, int arrow, int cause, int32_t seg, int timer,
                   int32_t call, int err)
{
	struct tcb *t = sock_at(s, h);
	int from = t->state;
	struct trace_rec r = {.kind = TR_STATE,
	                      .host = t->host,
	                      .cause = (uint8_t)cause,
	                      .sub = (uint8_t)arrow,
	                      .sock = h,
	                      .seg = seg};
	r.u.state.from = (uint8_t)from;
	r.u.state.to = (uint8_t)to;
	r.u.state.timer = (uint8_t)timer;
	r.u.state.err = (uint8_t)err;
	r.u.state.ref = call;
	add_rec(s, &r);
	if (from == TCPS_SYN_RCVD && t->passive == 1) {
		if (t->parent >= 0)
			sock_at(s, t->parent)->syn_queue--;
		t->passive = 2; /* no longer in the listener's SYN queue */
	}
	if (err && !t->orphan)
		sim_app_error(s, h, err);
	const struct tcp_params *p = sock_params(s, h);
	if (to == TCPS_CLOSED || (to == TCPS_LISTEN && arrow == ARROW_SYNRCVD_RST)) {
		host_sock_delete(s, h);
		fire_triggers(s, h, TCPS_CLOSED);
		return;
	}
	t->state = (int8_t)to;
	if (to == TCPS_TIME_WAIT) {
		for (int k = 0; k < TIMER_COUNT; k++)
			if (k != TIMER_TIME_WAIT)
				tcp_timer_cancel(s, h, k);
		tcp_timer_arm(s, h, TIMER_TIME_WAIT, 2 * p->msl);
	}
	if (to == TCPS_ESTABLISHED) {
		if (t->snd_wscale == 0xff)
			t->rcv_wscale = 0;
		t->last_rcv = s->now;
		host_publish_sock(s, h);
		if (p->keepalive)
			tcp_timer_arm(s, h, TIMER_KEEPALIVE, p->keepalive_idle);
	}
	fire_triggers(s, h, to);
}

/* ---- expectations ---- */

static int sock_state(struct sim *s, int host, int conn)
{
	int32_t h = host_conn(s, host, conn);
	if (h < 0 || !sock_at(s, h)->in_use)
		return TCPS_CLOSED;
	return sock_at(s, h)->state;
}

static int count_state(struct sim *s, int host, int state)
{
	const struct host *hst = &s->hosts[host];
	int n = 0;
	for (uint32_t i = 0; i < hst->nsocks; i++) {
		const struct tcb *t = &s->socks[hst->socks[i]];
		n += t->in_use && t->state == state;
	}
	return n;
}

static void judge(struct sim *s, int i, simtime_t at)
{
	const struct scn_expect *e = &s->scn->expects[i];
	struct sim_verdict *v = &s->verdicts[i];
	if (v->judged)
		return;
	v->judged = 1;
	v->t = at;
	switch (e->kind) {
	case EXPECT_STATE:
		v->seen = sock_state(s, e->host, e->conn);
		v->held = v->seen == e->state;
		break;
	case EXPECT_COUNT:
		v->seen = count_state(s, e->host, e->state);
		v->held = (uint32_t)v->seen == e->count;
		break;
	case EXPECT_ERROR: {
		uint32_t seen = s->hosts[e->host].errors_seen;
		v->held = e->err > 0 && e->err < 32 && (seen >> e->err) & 1u;
		v->seen = 0;
		for (int k = 1; k < SE_COUNT; k++)
			if ((seen >> k) & 1u)
				v->seen = k;
		break;
	}
	}
	struct trace_rec r = {.t = at,
	                      .kind = TR_EXPECT,
	                      .host = (uint8_t)e->host,
	                      .sub = (uint8_t)v->held,
	                      .sock = -1,
	                      .seg = -1};
	r.u.expect.index = i;
	r.u.expect.seen = v->seen;
	trace_add(&s->tr, &r);
}

/* Handles the time notes and expects due at or before t.  Records are
 * stamped with the moment's time, but never later than `cap` (the end of a
 * run that stops at `end`). */
static void pass_moments(struct sim *s, simtime_t t, simtime_t cap)
{
	while (s->next_moment < s->nmoments) {
		const struct sim_moment *m = &s->moments[s->next_moment];
		if (m->t > t)
			break;
		s->next_moment++;
		simtime_t at = m->t > cap ? cap : m->t;
		if (m->kind == 0) {
			struct trace_rec r = {
			    .t = at, .kind = TR_NOTE, .host = 0xff, .sock = -1, .seg = -1};
			r.u.note.index = m->index;
			trace_add(&s->tr, &r);
		} else {
			judge(s, m->index, at);
		}
	}
}

static void finish(struct sim *s)
{
	/* The run lasts until `end` when the scenario says so, or when events
	 * were still pending at the horizon; otherwise it ends with its last event. */
	if (s->end && s->now < s->end && (s->scn->end || evq_peek_time(&s->q) != SIMTIME_NEVER))
		s->now = s->end;
	pass_moments(s, SIMTIME_NEVER, s->now);
	for (int i = 0; i < s->scn->nexpects; i++)
		if (s->scn->expects[i].when != WHEN_AT)
			judge(s, i, s->now);
	s->done = 1;
}

/* ---- the run loop ---- */

/* Time of the next queue event that is still inside the run, or NEVER. */
static simtime_t next_event(struct sim *s)
{
	simtime_t next = evq_peek_time(&s->q);
	return s->end && next != SIMTIME_NEVER && next > s->end ? SIMTIME_NEVER : next;
}

/* Time of the next pending note or expect moment inside the run, or NEVER
 * (moments past `end` are judged when the run finishes). */
static simtime_t next_moment(const struct sim *s)
{
	if (s->next_moment >= s->nmoments)
		return SIMTIME_NEVER;
	simtime_t t = s->moments[s->next_moment].t;
	return s->end && t > s->end ? SIMTIME_NEVER : t;
}

/* One step: either the time notes and expects due before the next queue
 * event (their own step, so every step's records share one time), or one
 * queue event.  Returns 0 when the run is over. */
int sim_step(struct sim *s)
{
	if (s->done)
		return 0;
	if (s->opt.checkpoints && s->events_done % s->opt.checkpoint_every == 0 &&
	    s->events_done > s->cps[s->ncps - 1].events_done)
		take_checkpoint(s);
	simtime_t next = next_event(s), m = next_moment(s);
	s->prev_cursor = s->tr.cursor;
	if (m != SIMTIME_NEVER && (next == SIMTIME_NEVER || m < next)) {
		pass_moments(s, m, SIMTIME_NEVER);
		if (m > s->now)
			s->now = m;
		return 1;
	}
	if (next == SIMTIME_NEVER) {
		finish(s);
		return 0;
	}
	struct ev e;
	evq_pop(&s->q, &e);
	s->now = e.t;
	s->events_done++;
	switch (e.kind) {
	case EV_SEG_ARRIVE: tcp_input(s, (uint32_t)e.a); break;
	case EV_TIMER:
		if (sock_at(s, e.a)->in_use)
			tcp_timer_fire(s, e.a, e.b);
		break;
	case EV_ACTION: host_action(s, e.a, e.b); break;
	case EV_FLOOD: host_flood(s, e.a, e.b); break;
	default: break;
	}
	return 1;
}

void sim_run(struct sim *s)
{
	while (sim_step(s))
		;
}

void sim_run_until(struct sim *s, simtime_t t)
{
	while (!s->done) {
		simtime_t next = next_event(s), m = next_moment(s);
		if ((next < m ? next : m) > t)
			break;
		sim_step(s);
	}
	if (!s->done && t > s->now)
		s->now = t;
}

int sim_done(const struct sim *s)
{
	return s->done;
}

simtime_t sim_now(const struct sim *s)
{
	return s->now;
}

uint64_t sim_events_done(const struct sim *s)
{
	return s->events_done;
}

const struct trace *sim_trace(const struct sim *s)
{
	return &s->tr;
}

const struct scenario *sim_scenario(const struct sim *s)
{
	return s->scn;
}

uint64_t sim_seed(const struct sim *s)
{
	return s->seed;
}

/* The latest checkpoint not past record k (k >= 0) or time t. */
static const struct checkpoint *best_checkpoint(const struct sim *s, int64_t k, simtime_t t)
{
	const struct checkpoint *best = NULL;
	for (uint32_t i = 0; i < s->ncps; i++) {
		const struct checkpoint *c = &s->cps[i];
		if (k >= 0 ? (int64_t)c->cursor <= k : c->now <= t)
			best = c;
		else
			break;
	}
	return best;
}

/* Moves to checkpoint c when the present is past the target (`behind`) or
 * when c lies between the present and the target. */
static void jump_to(struct sim *s, const struct checkpoint *c, int behind)
{
	if (c && (behind || c->events_done > s->events_done)) {
		restore_checkpoint(s, c);
		s->prev_cursor = s->tr.cursor;
	}
}

void sim_seek_record(struct sim *s, int64_t k)
{
	if (k < 0) {
		if (s->ncps) {
			restore_checkpoint(s, &s->cps[0]);
			s->prev_cursor = 0;
		}
		return;
	}
	if ((int64_t)s->tr.cursor > k) {
		if ((int64_t)s->prev_cursor <= k)
			return; /* the present is the event that made record k */
		if (!s->ncps)
			return; /* no way back without checkpoints */
		jump_to(s, best_checkpoint(s, k, 0), 1);
	} else {
		jump_to(s, best_checkpoint(s, k, 0), 0);
	}
	while ((int64_t)s->tr.cursor <= k && sim_step(s))
		;
}

void sim_seek_time(struct sim *s, simtime_t t)
{
	if (s->ncps)
		jump_to(s, best_checkpoint(s, -1, t), s->now > t);
	sim_run_until(s, t);
}

/* ---- snapshots ---- */

static void snap_sock(struct sim *s, int32_t h, struct snap_sock *o)
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
	o->send_unsent = (uint32_t)(t->snd_queued - sent_data);
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
	}
}

void sim_snapshot(const struct sim *cs, struct snapshot *out)
{
	struct sim *s = (struct sim *)cs; /* read only: sock_at takes a mutable sim */
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
		int live = 0;
		for (uint32_t k = 0; k < hst->nsocks; k++)
			live += s->socks[hst->socks[k]].in_use;
		o->socks = realloc(o->socks, sizeof *o->socks * (size_t)(live ? live : 1));
		if (!o->socks)
			abort();
		o->nsocks = 0;
		o->current = -1;
		for (uint32_t k = 0; k < hst->nsocks; k++) {
			int32_t h = hst->socks[k];
			if (!s->socks[h].in_use)
				continue;
			struct snap_sock *ss = &o->socks[o->nsocks];
			snap_sock(s, h, ss);
			ss->current = h == hst->current;
			if (ss->current)
				o->current = o->nsocks;
			o->state_count[ss->state]++;
			o->nsocks++;
		}
	}
}

void snapshot_free(struct snapshot *snap)
{
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		free(snap->hosts[i].socks);
		snap->hosts[i].socks = NULL;
	}
}

const struct sim_verdict *sim_verdicts(const struct sim *s)
{
	return s->verdicts;
}

void sim_verdict_text(const struct sim *s, int i, char *buf, size_t size)
{
	const struct scn_expect *e = &s->scn->expects[i];
	const struct sim_verdict *v = &s->verdicts[i];
	char when[48];
	if (!v->judged) {
		snprintf(buf, size, "not judged: the run ended first");
		return;
	}
	if (v->held) {
		snprintf(buf, size, "expectation held");
		return;
	}
	simtime_fmt(when, sizeof when, v->t);
	/* "1.200000" -> "1.200s": three decimals read best. */
	char *dot = strchr(when, '.');
	if (dot && strlen(dot) > 4)
		dot[4] = '\0';
	switch (e->kind) {
	case EXPECT_STATE:
		snprintf(buf, size, "expected %s, was %s at %ss", tcps_name(e->state),
		         tcps_name(v->seen), when);
		break;
	case EXPECT_COUNT:
		snprintf(buf, size, "expected %u sockets in %s, found %d at %ss", e->count,
		         tcps_name(e->state), v->seen, when);
		break;
	case EXPECT_ERROR:
		if (v->seen)
			snprintf(buf, size, "expected error %s, saw only %s by %ss",
			         simerr_name(e->err), simerr_name(v->seen), when);
		else
			snprintf(buf, size, "expected error %s, saw no error by %ss",
			         simerr_name(e->err), when);
		break;
	}
}
