/* sim: the run of a scenario.  Creates the engine (hosts, link, RNG
 * streams, the scenario's timed actions), owns the run loop that pops queue
 * events and hands them to tcp_in, tcp_timeout and app, passes the time
 * notes and expects as the clock reaches them, and seeks through
 * checkpoints.  The top of the engine: called through sim.h by the command
 * line, the outputs, the window and the tests. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static int moment_cmp(const void *a, const void *b)
{
	const struct sim_moment *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	return x->index - y->index;
}

/* An `on HOST STATE` line, indexed by (host, state). */
static int on_state_line(const struct scn_event *e)
{
	return e->trigger == TRIG_ON && e->on_kind == ON_STATE && e->on_host >= 0 &&
	       e->on_host < SCN_MAX_HOSTS && e->on_state >= 0 && e->on_state < TCPS_COUNT;
}

/* Groups the scenario's `on STATE` lines by (host, state) so that a state
 * change finds its triggers without scanning the whole timeline; the other
 * `on` lines (errors, retransmissions, segments) are one short list.  Every
 * `on` line gets its slot for the loop counters.  -1 when out of memory. */
static int index_triggers(struct sim *s)
{
	const struct scenario *scn = s->scn;
	int32_t count[SCN_MAX_HOSTS][TCPS_COUNT] = {{0}};
	int total = 0, all = 0, other = 0;
	for (int i = 0; i < scn->nevents; i++) {
		const struct scn_event *e = &scn->events[i];
		all += e->trigger == TRIG_ON;
		if (on_state_line(e)) {
			count[e->on_host][e->on_state]++;
			total++;
		} else if (e->trigger == TRIG_ON) {
			other++;
		}
	}
	s->on_list = calloc((size_t)total + 1, sizeof *s->on_list);
	s->on_other = calloc((size_t)other + 1, sizeof *s->on_other);
	s->at_once = calloc((size_t)all + 1, sizeof *s->at_once);
	s->at_once_t = malloc(((size_t)all + 1) * sizeof *s->at_once_t);
	if (!s->on_list || !s->on_other || !s->at_once || !s->at_once_t)
		return -1;
	s->non = all;
	for (int i = 0, k = 0; i < scn->nevents; i++) {
		const struct scn_event *e = &scn->events[i];
		s->on_slot[i] = e->trigger == TRIG_ON ? k++ : -1;
		if (e->trigger == TRIG_ON && !on_state_line(e))
			s->on_other[s->nother++] = i;
	}
	for (int i = 0; i < scn->nevents; i++) {
		int k = scn->events[i].on_kind;
		s->seg_triggers |= scn->events[i].trigger == TRIG_ON &&
		                   (k == ON_SENDS || k == ON_RECEIVES || k == ON_RETRANSMIT ||
		                    k == ON_LOSES || k == ON_DROPS);
	}
	for (int i = 0; i < sim_naids(scn); i++) {
		int k = sim_aid(scn, i)->on_kind;
		s->seg_triggers |= sim_aid(scn, i)->on_host >= 0 &&
		                   (k == ON_SENDS || k == ON_RECEIVES || k == ON_RETRANSMIT ||
		                    k == ON_LOSES || k == ON_DROPS);
	}
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
		if (on_state_line(e))
			s->on_list[s->on_first[e->on_host][e->on_state] +
			           fill[e->on_host][e->on_state]++] = i;
	}
	return 0;
}

/* Hosts, link directions and their RNG streams, from the scenario. */
static void init_hosts(struct sim *s)
{
	const struct scenario *scn = s->scn;
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
}

/* The time notes and expects, sorted: handled as the clock passes them. */
static void init_moments(struct sim *s)
{
	const struct scenario *scn = s->scn;
	for (int i = 0; i < sim_naids(scn); i++)
		if (sim_aid(scn, i)->on_host < 0)
			s->moments[s->nmoments++] =
			    (struct sim_moment){sim_aid(scn, i)->at, MOMENT_NOTE, i};
	for (int i = 0; i < scn->nexpects; i++)
		if (scn->expects[i].when == WHEN_AT)
			s->moments[s->nmoments++] =
			    (struct sim_moment){scn->expects[i].at, MOMENT_EXPECT, i};
	qsort(s->moments, (size_t)s->nmoments, sizeof *s->moments, moment_cmp);
}

struct at_key {
	simtime_t t;
	int32_t i;
};

static int at_cmp(const void *x, const void *y)
{
	const struct at_key *a = x, *b = y;
	if (a->t != b->t)
		return a->t < b->t ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* The `at` lines in the order a queue would give them: by time, then file
 * order.  -1 when out of memory. */
static int order_timeline(struct sim *s)
{
	const struct scenario *scn = s->scn;
	struct at_key *keys = malloc(sizeof *keys * ((size_t)scn->nevents + 1));
	s->at_order = malloc(sizeof *s->at_order * ((size_t)scn->nevents + 1));
	if (!keys || !s->at_order) {
		free(keys);
		return -1;
	}
	int sorted = 1;
	for (int i = 0; i < scn->nevents; i++)
		if (scn->events[i].trigger == TRIG_AT) {
			sorted &= !s->nat || keys[s->nat - 1].t <= scn->events[i].at;
			keys[s->nat++] = (struct at_key){scn->events[i].at, i};
		}
	/* a file written in time order (most are) is in that order already */
	if (!sorted)
		qsort(keys, (size_t)s->nat, sizeof *keys, at_cmp);
	for (int k = 0; k < s->nat; k++)
		s->at_order[k] = keys[k].i;
	free(keys);
	s->q.next_seq = (uint64_t)s->nat; /* insertion numbers 0 .. nat-1 are theirs */
	return 0;
}

/* Takes the first checkpoint; -1 when out of memory. */
static int first_checkpoint(struct sim *s)
{
	jmp_buf jb;
	if (setjmp(jb)) {
		s->fail_jump = NULL;
		return -1;
	}
	s->fail_jump = &jb;
	if (s->opt.checkpoints)
		checkpoint_take(s);
	s->fail_jump = NULL;
	return 0;
}

struct sim *sim_new(const struct scenario *scn, const struct sim_options *opt)
{
	struct sim *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->scn = scn;
	if (opt)
		s->opt = *opt;
	if (!s->opt.checkpoint_every)
		s->opt.checkpoint_every = 256;
	s->cp_stride = 1;
	s->seed = s->opt.seed_set ? s->opt.seed : scn->seed;
	s->send_view = 1u << 30;
	evq_init(&s->q);
	s->q.log = s->opt.queue_log;
	trace_init(&s->tr);
	init_hosts(s);
	s->fault_seen = calloc((size_t)scn->nfaults + 1, sizeof *s->fault_seen);
	s->fault_hits = calloc((size_t)scn->nfaults + 1, sizeof *s->fault_hits);
	s->note_done = calloc((size_t)sim_naids(scn) + 1, 1);
	s->fault_ever = calloc((size_t)scn->nfaults + 1, 1);
	s->note_ever = calloc((size_t)sim_naids(scn) + 1, 1);
	s->verdicts = calloc((size_t)scn->nexpects + 1, sizeof *s->verdicts);
	s->moments = calloc((size_t)(sim_naids(scn) + scn->nexpects) + 1, sizeof *s->moments);
	s->runs = calloc((size_t)scn->nevents + 1, sizeof *s->runs);
	s->on_slot = malloc(((size_t)scn->nevents + 1) * sizeof *s->on_slot);
	if (!s->fault_seen || !s->fault_hits || !s->note_done || !s->fault_ever || !s->note_ever ||
	    !s->verdicts || !s->moments || !s->runs || !s->on_slot || index_triggers(s) < 0) {
		sim_free(s);
		return NULL;
	}
	init_moments(s);
	for (int i = 0; i < s->non; i++)
		s->at_once_t[i] = -1;
	s->fail_event = -1;
	s->max_events = s->opt.max_events ? s->opt.max_events : SIM_MAX_EVENTS;
	s->max_bytes = s->opt.max_bytes ? (size_t)s->opt.max_bytes : (size_t)SIM_MAX_BYTES;
	/* A run stops at `end`, or after one simulated hour: a scenario whose
	 * hosts never fall silent still finishes. */
	s->end = scn->end ? scn->end : SIM_HORIZON;
	s->cut = s->opt.until_set && s->opt.until < s->end ? s->opt.until : SIMTIME_NEVER;
	if (order_timeline(s) < 0 || first_checkpoint(s) < 0) {
		sim_free(s);
		return NULL;
	}
	return s;
}

void sim_free(struct sim *s)
{
	if (!s)
		return;
	checkpoint_free_all(s);
	evq_free(&s->q);
	trace_free(&s->tr);
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		free(s->hosts[i].socks);
		free(s->hosts[i].live);
	}
	for (uint32_t i = 0; i < s->nsockblk; i++)
		free(s->sockblk[i]);
	free(s->sockblk);
	free(s->htab);
	free(s->fault_seen);
	free(s->fault_hits);
	free(s->note_done);
	free(s->fault_ever);
	free(s->note_ever);
	free(s->verdicts);
	free(s->moments);
	free(s->on_list);
	free(s->runs);
	free(s->at_order);
	free(s->on_slot);
	free(s->on_other);
	free(s->at_once);
	free(s->at_once_t);
	free(s);
}

int sim_error(const struct sim *s)
{
	return s->error;
}

/* ---- the run loop ---- */

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
		if (m->kind == MOMENT_NOTE && m->t > cap)
			continue; /* past the run's end: this note or ask never comes */
		simtime_t at = m->t > cap ? cap : m->t;
		if (m->kind == MOMENT_NOTE)
			report_note(s, at, 0xff, -1, m->index);
		else
			expect_judge(s, m->index, at);
	}
}

/* Takes stale timer entries off the queue's top, moving early ones on to
 * their timers' expiry, so that the top is an event that really happens
 * (a stale entry's time is never the present). */
static void settle(struct sim *s)
{
	const struct ev *top;
	while ((top = evq_peek(&s->q)) && top->kind == EV_TIMER && !timer_live(s, top)) {
		struct ev e = *top;
		evq_drop(&s->q);
		timer_due(s, &e);
	}
}

/* Time of the next `at` line or queue event, inside the run or not. */
static simtime_t next_any(struct sim *s)
{
	settle(s);
	simtime_t q = evq_peek_time(&s->q);
	if (s->next_at < s->nat) {
		simtime_t a = s->scn->events[s->at_order[s->next_at]].at;
		return a < q ? a : q;
	}
	return q;
}

static void finish(struct sim *s)
{
	/* The run lasts until `end` when the scenario says so, or when events
	 * were still pending at the horizon; otherwise it ends with its last event. */
	if (s->end && s->now < s->end && (s->scn->end || next_any(s) != SIMTIME_NEVER))
		s->now = s->end;
	pass_moments(s, SIMTIME_NEVER, s->now);
	for (int i = 0; i < s->scn->nexpects; i++)
		if (s->scn->expects[i].when != WHEN_AT)
			expect_judge(s, i, s->now);
	s->done = 1;
}

/* The run's last moment: the scenario's end, or the cut (--until). */
static simtime_t limit(const struct sim *s)
{
	return s->cut < s->end ? s->cut : s->end;
}

/* Time of the next queue event that is still inside the run, or NEVER. */
static simtime_t next_event(struct sim *s)
{
	simtime_t next = next_any(s);
	return next != SIMTIME_NEVER && next > limit(s) ? SIMTIME_NEVER : next;
}

/* Time of the next pending note or expect moment inside the run, or NEVER
 * (moments past `end` are judged when the run finishes). */
/* Only timed notes and ask points are left, all past the run's end (its
 * last event, timed expect or `end`): a note or a question alone does not
 * keep the clock going, so one after the run never comes (a run warning
 * says so) rather than moving the present to a moment where nothing
 * happens.  One at the present itself still comes. */
static int only_late_notes(const struct sim *s)
{
	for (int i = s->next_moment; i < s->nmoments; i++)
		if (s->moments[i].kind != MOMENT_NOTE)
			return 0;
	return s->next_moment < s->nmoments && s->moments[s->next_moment].t > s->now &&
	       !(s->scn->end && s->moments[s->next_moment].t <= s->scn->end);
}

static simtime_t next_moment(struct sim *s)
{
	if (s->next_moment >= s->nmoments || (only_late_notes(s) && next_event(s) == SIMTIME_NEVER))
		return SIMTIME_NEVER;
	simtime_t t = s->moments[s->next_moment].t;
	return t > limit(s) ? SIMTIME_NEVER : t;
}

/* The run would go on past the cut: an event, a moment, or the scenario's
 * own end still ahead. */
static int goes_on(struct sim *s)
{
	return next_any(s) != SIMTIME_NEVER || s->next_moment < s->nmoments ||
	       (s->scn->end && s->now < s->scn->end);
}

/* The next event: the next `at` line when it comes first (its insertion
 * number is below every queued one), else the queue's earliest. */
static void pop_next(struct sim *s, struct ev *e)
{
	const struct ev *q = evq_peek(&s->q);
	if (s->next_at < s->nat) {
		int32_t i = s->at_order[s->next_at];
		simtime_t t = s->scn->events[i].at;
		if (!q || t <= q->t) {
			*e = (struct ev){.t = t,
			                 .seq = (uint64_t)s->next_at,
			                 .kind = EV_ACTION,
			                 .a = i,
			                 .b = -1};
			s->next_at++;
			return;
		}
	}
	evq_pop(&s->q, e);
}

static void dispatch(struct sim *s, const struct ev *e)
{
	switch (e->kind) {
	case EV_SEG_ARRIVE: tcp_input(s, (uint32_t)e->a); break;
	case EV_TIMER:
		if (timer_due(s, e)) {
			s->in_timer = 1;
			tcp_timeout(s, e->a, e->b);
			s->in_timer = 0;
		}
		break;
	case EV_ACTION: app_action(s, e->a, e->b); break;
	case EV_FLOOD: app_flood(s, e->a, e->b); break;
	case EV_ICMP: pmtu_icmp(s, (uint32_t)e->a, (uint32_t)e->b); break;
	case EV_READER: tcp_reader_wake(s, e->a); break;
	default: break;
	}
}

/* One step: either the time notes and expects due before the next queue
 * event (their own step, so every step's records share one time), or one
 * queue event.  Returns 0 when the run is over.  Runs under a failure
 * guard (see guarded()). */
static int step(struct sim *s)
{
	if (s->done)
		return 0;
	if (s->opt.checkpoints && checkpoint_due(s))
		checkpoint_take(s);
	simtime_t next = next_event(s), m = next_moment(s);
	s->prev_cursor = s->tr.cursor;
	if (m != SIMTIME_NEVER && (next == SIMTIME_NEVER || m < next)) {
		pass_moments(s, m, SIMTIME_NEVER);
		if (m > s->now)
			s->now = m;
		return 1;
	}
	if (next == SIMTIME_NEVER) {
		s->complete = 1;
		if (s->cut != SIMTIME_NEVER && goes_on(s)) {
			/* Cut at --until: nothing after it happens or is judged. */
			if (s->now < s->cut)
				s->now = s->cut;
			s->done = 1;
		} else {
			finish(s);
		}
		return 0;
	}
	if (s->events_done >= s->max_events)
		sim_fail(s, SIM_ERR_EVENTS);
	struct ev e;
	pop_next(s, &e);
	s->now = e.t;
	s->events_done++;
	if (s->events_done > s->frontier_events)
		s->frontier_events = s->events_done;
	dispatch(s, &e);
	return 1;
}

enum { RUN_STEP, RUN_ALL, RUN_UNTIL, RUN_SEEK_TIME, RUN_SEEK_RECORD, RUN_EXTEND };

static void run_until(struct sim *s, simtime_t t)
{
	while (!s->done) {
		simtime_t next = next_event(s), m = next_moment(s);
		if ((next < m ? next : m) > t)
			break;
		step(s);
	}
	if (!s->done && t > s->now)
		s->now = t;
}

/* Restores checkpoint i when the present is past the target (`behind`) or
 * when checkpoint i lies between the present and the target. */
static void jump_to(struct sim *s, int64_t i, int behind)
{
	if (i >= 0 && (behind || checkpoint_events(s, (uint32_t)i) > s->events_done)) {
		checkpoint_restore(s, (uint32_t)i);
		s->prev_cursor = s->tr.cursor;
	}
}

static void seek_record(struct sim *s, int64_t k)
{
	if (k < 0) {
		if (s->ncps) {
			checkpoint_restore(s, 0);
			s->prev_cursor = 0;
		}
		return;
	}
	if ((int64_t)s->tr.cursor > k) {
		if ((int64_t)s->prev_cursor <= k)
			return; /* the present is the event that made record k */
		if (!s->ncps)
			return; /* no way back without checkpoints */
		jump_to(s, checkpoint_find(s, k, 0), 1);
	} else {
		jump_to(s, checkpoint_find(s, k, 0), 0);
	}
	while ((int64_t)s->tr.cursor <= k && step(s))
		;
}

static void seek_time(struct sim *s, simtime_t t)
{
	if (s->ncps)
		jump_to(s, checkpoint_find(s, -1, t), s->now > t);
	run_until(s, t);
}

/* The frontier on by up to n events, then the present back. */
static void extend(struct sim *s, uint64_t n)
{
	int64_t here = (int64_t)s->tr.cursor - 1;
	uint64_t was = s->events_done;
	if (s->tr.cursor < s->tr.n)
		seek_record(s, (int64_t)s->tr.n - 1);
	while (s->events_done < s->frontier_events && step(s))
		; /* events that made no record after the last one */
	for (uint64_t i = 0; i < n && step(s); i++)
		;
	if (s->events_done != was)
		seek_record(s, here);
}

/* Does one of the RUN_* jobs with a failure guard: when memory runs out in
 * the middle of an event, sim_fail() lands here and the run ends with
 * s->error set.  Returns what step() returned for RUN_STEP, else 0. */
static int guarded(struct sim *s, int job, int64_t arg)
{
	jmp_buf jb;
	int r = 0;
	if (setjmp(jb)) {
		s->fail_jump = NULL;
		s->in_timer = 0;
		s->done = 1;
		s->complete = 1;
		return 0;
	}
	s->fail_jump = &jb;
	switch (job) {
	case RUN_STEP: r = step(s); break;
	case RUN_ALL:
		while (step(s))
			;
		break;
	case RUN_UNTIL: run_until(s, (simtime_t)arg); break;
	case RUN_SEEK_TIME: seek_time(s, (simtime_t)arg); break;
	case RUN_SEEK_RECORD: seek_record(s, arg); break;
	case RUN_EXTEND: extend(s, (uint64_t)arg); break;
	}
	s->fail_jump = NULL;
	return r;
}

int sim_step(struct sim *s)
{
	return guarded(s, RUN_STEP, 0);
}

void sim_run(struct sim *s)
{
	guarded(s, RUN_ALL, 0);
}

void sim_run_until(struct sim *s, simtime_t t)
{
	guarded(s, RUN_UNTIL, t);
}

void sim_seek_record(struct sim *s, int64_t k)
{
	guarded(s, RUN_SEEK_RECORD, k);
}

void sim_seek_time(struct sim *s, simtime_t t)
{
	guarded(s, RUN_SEEK_TIME, t);
}

void sim_progress(const struct sim *s, struct sim_progress *out)
{
	const struct trace *tr = &s->tr;
	out->records = tr->n;
	out->t = tr->n ? tr->recs[tr->n - 1].t : 0;
	out->events = s->frontier_events;
	out->complete = s->complete;
	out->checkpoints = s->ncps;
	out->checkpoint_bytes = s->cp_bytes;
	out->bytes = sim_bytes(s);
}

int sim_extend(struct sim *s, uint64_t n)
{
	if (!s->complete)
		guarded(s, RUN_EXTEND, (int64_t)n);
	return !s->complete;
}

uint32_t sim_fault_hits(const struct sim *s, int i)
{
	if (i < 0 || i >= s->scn->nfaults)
		return 0;
	return s->fault_hits[i] ? s->fault_hits[i] : s->fault_ever[i];
}

int sim_note_shown(const struct sim *s, int i)
{
	return i >= 0 && i < s->scn->nnotes && (s->note_done[i] || s->note_ever[i]);
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
