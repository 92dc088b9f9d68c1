/* test_sim: determinism (byte-identical traces for the same seed),
 * checkpoints (seeking back then forward gives the same snapshot), and
 * expectations. */
#include <dirent.h>

#include "tcp_harness.h"

static void lossy(struct scenario *scn, uint64_t seed)
{
	h_scenario(scn, PROFILE_LINUX);
	scn->seed = seed;
	scn->hosts[C].params.isn_random = 1;
	scn->hosts[S].params.isn_random = 1;
	scn->link[0].loss_ppm = 50000;
	scn->link[1].loss_ppm = 50000;
	scn->link[0].jitter = 3 * MS;
	h_connect(scn, 100 * MS);
	sb_at(scn, 200 * MS, C, ACT_SEND)->nbytes = 300000;
	sb_at(scn, 200 * MS, C, ACT_CLOSE);
	sb_on(scn, S, TCPS_CLOSE_WAIT, 50 * MS, S, ACT_CLOSE);
}

static int same_trace(const struct trace *a, const struct trace *b)
{
	return a->n == b->n && a->nsegs == b->nsegs &&
	       memcmp(a->recs, b->recs, sizeof *a->recs * a->n) == 0 &&
	       memcmp(a->segs, b->segs, sizeof *a->segs * a->nsegs) == 0;
}

static void same_seed_gives_identical_trace(void)
{
	struct scenario scn;
	lossy(&scn, 11);
	struct sim *a = sim_new(&scn, NULL), *b = sim_new(&scn, NULL);
	sim_run(a);
	sim_run(b);
	CHECK(a->tr.n > 100);
	CHECK(same_trace(&a->tr, &b->tr));
	struct sim_options o = {.seed_set = 1, .seed = 12};
	struct sim *c = sim_new(&scn, &o);
	sim_run(c);
	CHECK(!same_trace(&a->tr, &c->tr));
	sim_free(a);
	sim_free(b);
	sim_free(c);
	sb_free(&scn);
}

static int snap_equal(const struct snapshot *x, const struct snapshot *y)
{
	if (x->now != y->now || x->trace_pos != y->trace_pos)
		return 0;
	for (int i = 0; i < 2; i++) {
		if (x->hosts[i].nsocks != y->hosts[i].nsocks)
			return 0;
		for (int k = 0; k < x->hosts[i].nsocks; k++)
			if (memcmp(&x->hosts[i].socks[k], &y->hosts[i].socks[k],
			           sizeof(struct snap_sock)))
				return 0;
	}
	return 1;
}

static void seeking_back_then_forward_gives_the_same_snapshot(void)
{
	struct scenario scn;
	lossy(&scn, 5);
	struct sim_options o = {.checkpoints = 1, .checkpoint_every = 64};
	struct sim *s = sim_new(&scn, &o);
	sim_run(s);
	uint32_t n = s->tr.n;
	struct snapshot fwd = {0}, back = {0};
	int64_t probes[] = {5, n / 3, n / 2, n - 2, 40, 2 * n / 3};
	struct snapshot ref[6];
	memset(ref, 0, sizeof ref);
	/* walk forward once, from a fresh engine, recording snapshots */
	struct sim *w = sim_new(&scn, NULL);
	for (int i = 0; i < 6; i++) {
		struct sim *f = sim_new(&scn, NULL);
		while ((int64_t)f->tr.cursor <= probes[i] && sim_step(f))
			;
		sim_snapshot(f, &ref[i]);
		sim_free(f);
	}
	sim_free(w);
	for (int i = 0; i < 6; i++) {
		sim_seek_record(s, probes[i]);
		sim_snapshot(s, &back);
		CHECK(snap_equal(&back, &ref[i]));
		CHECK((int64_t)s->tr.cursor > probes[i]);
		/* one step back and forward again */
		sim_seek_record(s, probes[i] - 1);
		sim_seek_record(s, probes[i]);
		sim_snapshot(s, &fwd);
		CHECK(snap_equal(&fwd, &ref[i]));
		snapshot_free(&ref[i]);
	}
	CHECK_INT(s->tr.n, n); /* replay never adds records */
	snapshot_free(&fwd);
	snapshot_free(&back);
	sim_free(s);
	sb_free(&scn);
}

static void seek_time_matches_run_until(void)
{
	struct scenario scn;
	lossy(&scn, 8);
	struct sim_options o = {.checkpoints = 1};
	struct sim *s = sim_new(&scn, &o);
	sim_run(s);
	simtime_t t = 700 * MS;
	sim_seek_time(s, t);
	struct snapshot a = {0}, b = {0};
	sim_snapshot(s, &a);
	struct sim *f = sim_new(&scn, NULL);
	sim_run_until(f, t);
	sim_snapshot(f, &b);
	CHECK(snap_equal(&a, &b));
	snapshot_free(&a);
	snapshot_free(&b);
	sim_free(f);
	sim_free(s);
	sb_free(&scn);
}

static void expectations_are_judged(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_CLOSE);
	sb_on(&scn, S, TCPS_CLOSE_WAIT, 0, S, ACT_CLOSE);
	struct scn_expect ex[4] = {
	    {.line = 1,
	     .kind = EXPECT_STATE,
	     .when = WHEN_AT,
	     .at = 320 * MS,
	     .host = C,
	     .state = TCPS_TIME_WAIT},
	    {.line = 2,
	     .kind = EXPECT_STATE,
	     .when = WHEN_AT,
	     .at = 305 * MS,
	     .host = C,
	     .state = TCPS_FIN_WAIT_2},
	    {.line = 3,
	     .kind = EXPECT_COUNT,
	     .when = WHEN_END,
	     .host = S,
	     .state = TCPS_LISTEN,
	     .count = 1},
	    {.line = 4, .kind = EXPECT_ERROR, .when = WHEN_ANY, .host = C, .err = SE_ETIMEDOUT},
	};
	scn.expects = malloc(sizeof ex);
	memcpy(scn.expects, ex, sizeof ex);
	scn.nexpects = 4;
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	const struct sim_verdict *v = sim_verdicts(s);
	CHECK(v[0].judged && v[0].held);
	CHECK(v[1].judged && !v[1].held);
	CHECK(v[2].held);
	CHECK(v[3].judged && !v[3].held);
	char buf[160];
	sim_verdict_text(s, 1, buf, sizeof buf);
	CHECK_STR(buf, "expected FIN_WAIT_2, was FIN_WAIT_1 at 0.305s; it became FIN_WAIT_2 at "
	               "0.320s on rcv ACK "
	               "of FIN");
	sim_free(s);
	sb_free(&scn);
}

static void a_run_that_never_falls_silent_stops_at_the_horizon(void)
{
	/* keepalive between two live hosts never ends on its own */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	for (int i = 0; i < 2; i++) {
		scn.hosts[i].params.keepalive = 1;
		scn.hosts[i].params.keepalive_idle = 10 * SEC;
	}
	h_connect(&scn, 100 * MS);
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	CHECK(sim_done(s));
	CHECK_INT(sim_now(s), SIM_HORIZON);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	sim_free(s);
	sb_free(&scn);
}

/* The snapshot after record k, from a fresh engine stepped forward. */
static void forward_snapshot(const struct scenario *scn, int64_t k, struct snapshot *out)
{
	struct sim *f = sim_new(scn, NULL);
	while ((int64_t)f->tr.cursor <= k && sim_step(f))
		;
	sim_snapshot(f, out);
	sim_free(f);
}

/* Seeks s to each probe record, latest first, and compares the snapshot
 * with a fresh forward run's; returns the number of mismatches. */
static int seeks_match(struct sim *s, const struct scenario *scn, int nprobes)
{
	int bad = 0;
	uint32_t n = s->tr.n;
	struct snapshot a = {0}, b = {0};
	for (int i = nprobes; i >= 1; i--) {
		int64_t k = (int64_t)n * i / (nprobes + 1);
		sim_seek_record(s, k);
		sim_snapshot(s, &a);
		forward_snapshot(scn, k, &b);
		bad += !snap_equal(&a, &b);
	}
	snapshot_free(&a);
	snapshot_free(&b);
	return bad;
}

/* The window simulates ahead between frames: slices of events at the
 * frontier, the present left where it is, give the trace a whole run gives. */
static void extend_in_slices_builds_the_same_trace(void)
{
	struct scenario scn;
	lossy(&scn, 21);
	struct sim *ref = sim_new(&scn, NULL);
	sim_run(ref);
	struct sim_options o = {.checkpoints = 1, .checkpoint_every = 32};
	struct sim *s = sim_new(&scn, &o);
	struct sim_progress p;
	int slices = 0;
	uint32_t present = 0;
	while (sim_extend(s, 20)) {
		slices++;
		CHECK_INT(s->tr.cursor, present); /* the present stays where it was */
		if (slices == 5) {
			/* the student steps into what exists so far */
			sim_seek_record(s, 40);
			CHECK(s->tr.cursor > 40);
			present = s->tr.cursor;
		}
	}
	sim_progress(s, &p);
	CHECK(slices > 10);
	CHECK(p.complete);
	CHECK_INT(p.records, ref->tr.n);
	CHECK(same_trace(&s->tr, &ref->tr));
	CHECK(seeks_match(s, &scn, 5) == 0);
	sim_free(s);
	sim_free(ref);
	sb_free(&scn);
}

/* With a small memory budget the checkpoints are thinned to fit; seeking
 * is then slower, never different. */
static void thinned_checkpoints_still_seek_exactly(void)
{
	struct scenario scn;
	lossy(&scn, 5);
	scn.events[2].act.nbytes = 3000000; /* about 5,000 events */
	struct sim_options o = {.checkpoints = 1, .checkpoint_every = 8, .max_bytes = 5u << 19};
	struct sim *s = sim_new(&scn, &o);
	sim_run(s);
	CHECK_INT(sim_error(s), SIM_OK);
	CHECK(s->cp_stride > 1);                /* thinned at least once */
	CHECK(s->cp_bytes <= s->max_bytes / 5); /* the checkpoint budget */
	CHECK(seeks_match(s, &scn, 9) == 0);
	sim_free(s);
	sb_free(&scn);
}

/* Every shipped lesson: seeking back to records across the run gives the
 * state a forward run has there (checkpoints hold only live sockets). */
static void every_lesson_seeks_like_it_runs(void)
{
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/scenarios", src ? src : ".");
	DIR *dp = opendir(dir);
	CHECK(dp != NULL);
	if (!dp)
		return;
	struct dirent *e;
	int files = 0;
	while ((e = readdir(dp))) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".tcps") != 0)
			continue;
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct scenario scn;
		struct scn_diags d = {0};
		if (scn_load_file(path, &scn, &d) != 0) {
			CHECK(0);
			scn_diags_free(&d);
			continue;
		}
		struct sim_options o = {.checkpoints = 1, .checkpoint_every = 16};
		struct sim *s = sim_new(&scn, &o);
		sim_run(s);
		int bad = seeks_match(s, &scn, 7);
		if (bad)
			fprintf(stderr, "%s: %d seeks differ from a forward run\n", path, bad);
		CHECK_INT(bad, 0);
		files++;
		sim_free(s);
		scn_free(&scn);
		scn_diags_free(&d);
	}
	closedir(dp);
	CHECK(files >= 20);
}

int main(void)
{
	RUN(same_seed_gives_identical_trace);
	RUN(seeking_back_then_forward_gives_the_same_snapshot);
	RUN(seek_time_matches_run_until);
	RUN(expectations_are_judged);
	RUN(a_run_that_never_falls_silent_stops_at_the_horizon);
	RUN(extend_in_slices_builds_the_same_trace);
	RUN(thinned_checkpoints_still_seek_exactly);
	RUN(every_lesson_seeks_like_it_runs);
	return check_report("test_sim");
}
