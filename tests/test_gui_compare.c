/* test_gui_compare: the window's compare mode, driven by actions: C and
 * Shift+C make run B from the file (the other profile, the next seed),
 * gui_app_compare takes a given one; both runs follow one present time, on
 * one time axis, the first divergence marked on both ladders; End reaches
 * the later run's end; a reload of the file makes run B again; records
 * tied in time: both runs show the same instant, step by step; the scrub
 * bar spans both runs; the controls' Compare button toggles it; the status
 * bar counts both runs' events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui_fixture.h"

static struct scenario *load(const char *name)
{
	char path[1200];
	fixture(path, sizeof path, name);
	struct scenario *s = calloc(1, sizeof *s);
	struct scn_diags d = {0};
	if (s && scn_load_file(path, s, &d) != 0) {
		free(s);
		s = NULL;
	}
	scn_diags_free(&d);
	CHECK(s != NULL);
	return s;
}

/* The laid-out arrow of segment seg on ladder ll, or NULL. */
static const struct ladder_seg *arrow_of(const struct ladder_layout *ll, uint32_t seg)
{
	for (int i = 0; i < ll->nsegs; i++)
		if (!ll->segs[i].icmp && ll->segs[i].seg == seg)
			return &ll->segs[i];
	return NULL;
}

static int view_named(struct gui_app *a, const char *name)
{
	const struct view_out *v[GUI_NVIEWS];
	int n = gui_app_views(a, v);
	for (int i = 0; i < n; i++)
		if (v[i]->name && strcmp(v[i]->name, name) == 0)
			return 1;
	return 0;
}

static void c_compares_with_the_other_profile_and_shift_c_with_the_next_seed(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_layout(a);
	CHECK(!a->cmp.on && !view_named(a, "ladder_b"));
	gui_app_do(a, GA_COMPARE, 0);
	CHECK(a->cmp.on && a->cmp.sim);
	CHECK_INT(a->cmp.source, CMP_SRC_PROFILE);
	CHECK_INT(a->cmp.scn->profile, PROFILE_RFC9293);
	/* both titles name the file, the profile and the seed (D2) */
	CHECK_STR(a->cmp.label[0], "run A: cmp_base.tcps, linux, seed 1");
	CHECK_STR(a->cmp.label[1], "run B: cmp_base.tcps, rfc9293, seed 1");
	gui_app_layout(a);
	CHECK(view_named(a, "ladder_b") && view_named(a, "compare"));
	CHECK(!view_named(a, "panel0") && !view_named(a, "table"));
	/* rfc9293's FIN comes before the delayed ACK of the data: row 5 */
	CHECK_INT(a->cmp.c.first, 4);
	CHECK(strncmp(a->cmp.why, "Run B: the client sends FIN,ACK seq=301 ack=1", 45) == 0);
	/* C again: off, the usual views back; and on again, the same run B */
	struct sim *b = a->cmp.sim;
	gui_app_do(a, GA_COMPARE, 0);
	gui_app_layout(a);
	CHECK(!a->cmp.on && view_named(a, "panel0") && !view_named(a, "ladder_b"));
	gui_app_do(a, GA_COMPARE, 0);
	CHECK(a->cmp.on && a->cmp.sim == b);
	/* Shift+C: the next seed, same profile; again: the other profile */
	gui_app_do(a, GA_COMPARE_WITH, 0);
	CHECK_INT(a->cmp.source, CMP_SRC_SEED);
	CHECK_INT(a->cmp.scn->profile, PROFILE_LINUX);
	CHECK(sim_seed(a->cmp.sim) == 2);
	CHECK_STR(a->cmp.label[1], "run B: cmp_base.tcps, linux, seed 2");
	CHECK_STR(a->cmp.label[0], "run A: cmp_base.tcps, linux, seed 1");
	CHECK_INT(a->cmp.c.first, -1); /* another seed: the same segments */
	CHECK(strncmp(a->cmp.why, "The runs agree: 8 segments", 26) == 0);
	gui_app_do(a, GA_COMPARE_WITH, 0);
	CHECK_INT(a->cmp.source, CMP_SRC_PROFILE);
	CHECK_INT(a->cmp.scn->profile, PROFILE_RFC9293);
	/* a reload makes run B again from the file */
	gui_app_reload(a);
	CHECK(a->cmp.on && a->cmp.sim && a->cmp.scn->profile == PROFILE_RFC9293);
	close_app(a);
}

static void both_runs_follow_one_present_on_one_axis_with_the_divergence_marked(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	CHECK_INT(gui_app_compare(a, load("cmp_synack.tcps"), "the SYN,ACK dropped"), 0);
	CHECK_INT(a->cmp.source, CMP_SRC_GIVEN);
	CHECK(strcmp(a->cmp.label[1], "run B: the SYN,ACK dropped") == 0);
	/* the divergence: the SYN,ACK, segment 1 of both runs */
	CHECK_INT(a->cmp.c.first, 1);
	CHECK_INT(a->cmp.mark[0], 1);
	CHECK_INT(a->cmp.mark[1], 1);
	CHECK(a->cmp.mark_t == 110000);
	CHECK(strcmp(a->cmp.why, "Run B: the server's SYN,ACK sent at 0.110000s is lost; run A: "
	                         "it arrives.") == 0);
	gui_app_do(a, GA_SEEK_TIME, 300000);
	gui_app_layout(a);
	/* one present: run B's record is its last at or before 0.3 s */
	CHECK_INT(a->cmp.k, (int64_t)trace_upper_bound(a->cmp.tr, 300000) - 1);
	CHECK(a->cmp.k >= 0 && a->cmp.tr->recs[a->cmp.k].t <= 300000);
	const struct ladder_layout *la = &a->lay.ladder, *lb = &a->lay.ladder_b;
	CHECK(la->y_now == lb->y_now);
	const struct ladder_seg *sa = arrow_of(la, 1), *sb = arrow_of(lb, 1);
	CHECK(sa && sb);
	if (sa && sb) {
		/* one axis: the same moment at the same height in both */
		CHECK(sa->a.y == sb->a.y);
		CHECK(!sa->lost && sb->lost);
	}
	/* the marked segment lies under a band in the accent colour on both
	 * ladders: a line 10 px wide (at scale 1) along it */
	int bands = 0;
	for (int k = 0; k < 2; k++) {
		const struct ladder_layout *ll = k ? lb : la;
		for (int c = 0; c < ll->out.dl.n; c++)
			bands += ll->out.dl.cmd[c].op == DL_LINE && ll->out.dl.cmd[c].width > 9.5f;
	}
	CHECK_INT(bands, 2);
	/* End: the later run's end (run B retransmits, so ends later) */
	gui_app_do(a, GA_END, 0);
	simtime_t end_b = a->cmp.tr->recs[a->cmp.tr->n - 1].t;
	CHECK(end_b > a->tr->recs[a->tr->n - 1].t);
	CHECK(a->t == end_b);
	gui_app_layout(a);
	CHECK_INT(a->cmp.k, (int64_t)a->cmp.tr->n - 1);
	/* stepping past run A's end goes on through run B's events */
	simtime_t end_a = a->tr->recs[a->tr->n - 1].t;
	gui_app_do(a, GA_SEEK_TIME, end_a);
	uint32_t next_b = trace_upper_bound(a->cmp.tr, end_a);
	CHECK(next_b < a->cmp.tr->n);
	gui_app_do(a, GA_STEP, 0);
	CHECK(a->t == a->cmp.tr->recs[next_b].t && a->t > end_a);
	gui_app_layout(a);
	CHECK_INT(a->cmp.k, (int64_t)trace_upper_bound(a->cmp.tr, a->t) - 1);
	/* the diagram: run B's hosts as rings (its own markers stay) */
	CHECK(a->lay.diag.host_box_b[0] >= 0 && a->lay.diag.host_box_b[1] >= 0);
	close_app(a);
}

/* The state host h of tr is in at the instant t (every record at or
 * before t done), -1 before its first change. */
static int state_at(const struct trace *tr, int h, simtime_t t)
{
	int st = -1;
	for (uint32_t i = 0; i < tr->n && tr->recs[i].t <= t; i++)
		if (tr->recs[i].kind == TR_STATE && tr->recs[i].host == h)
			st = tr->recs[i].u.state.to;
	return st;
}

/* Both ends close at 400 ms (two engine events at one time), and the
 * FINs, ACKs and TIME_WAITs tie too: stepping through a compare with the
 * next seed (the same times), both runs show the same instant at each
 * step, so both diagrams' markers stand in the same boxes, those of the
 * states at that instant; Back walks the same instants down to the start. */
static void both_runs_show_the_same_instant_when_records_tie(void)
{
	struct gui_app *a = open_fixture("cmp_simclose.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	gui_app_do(a, GA_COMPARE_WITH, 0); /* the other profile first */
	gui_app_do(a, GA_COMPARE_WITH, 0); /* then the next seed */
	CHECK_INT(a->cmp.source, CMP_SRC_SEED);
	CHECK_INT(a->cmp.c.first, -1);
	gui_app_do(a, GA_HOME, 0);
	gui_app_layout(a);
	CHECK_INT(a->k, -1);
	CHECK_INT(a->cmp.k, -1);
	int steps = 0, ties = 0;
	simtime_t seen[64];
	while (steps < 64) {
		simtime_t t0 = a->t;
		int64_t k0 = a->k;
		gui_app_do(a, GA_STEP, 0);
		if (a->t == t0 && a->k == k0)
			break; /* the end */
		seen[steps++] = a->t;
		gui_app_layout(a);
		/* one rule: every record of both at or before the present */
		CHECK_INT(a->k, (int64_t)trace_upper_bound(a->tr, a->t) - 1);
		CHECK_INT(a->cmp.k, (int64_t)trace_upper_bound(a->cmp.tr, a->t) - 1);
		uint32_t lo = trace_upper_bound(a->tr, a->t - 1);
		ties += a->k >= 0 && (uint32_t)a->k > lo &&
		        a->tr->recs[lo].host != a->tr->recs[a->k].host;
		for (int h = 0; h < 2; h++) {
			int sa = state_at(a->tr, h, a->t), sb = state_at(a->cmp.tr, h, a->t);
			CHECK_INT(sa, sb);
			if (sa > TCPS_CLOSED) {
				CHECK_INT(a->lay.diag.host_box[h], sa);
				CHECK_INT(a->lay.diag.host_box_b[h], sb);
			}
		}
	}
	CHECK(steps > 5 && steps < 64);
	CHECK(ties >= 2); /* 400 ms and 410 ms at least: both hosts at once */
	CHECK(a->t == a->tr->recs[a->tr->n - 1].t);
	/* Back: the same instants, the other way, then the start */
	for (int i = steps - 2; i >= 0; i--) {
		gui_app_do(a, GA_BACK, 0);
		CHECK(a->t == seen[i]);
		CHECK_INT(a->cmp.k, (int64_t)trace_upper_bound(a->cmp.tr, a->t) - 1);
	}
	gui_app_do(a, GA_BACK, 0);
	CHECK_INT(a->k, -1);
	CHECK_INT(a->cmp.k, -1);
	close_app(a);
}

/* Compare entered mid-run (issue 12): the present's replay must not leave
 * run A's connection numbers (its ISNs) as they were at the present, so the
 * divergence is the one compare_build finds on the two finished runs, and
 * Shift+C recomputes it. */
static void compare_mid_run_names_the_divergence_of_the_finished_runs(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	/* past the client's SYN, before its SYN,ACK arrives: the client has
	 * no IRS yet at the present */
	gui_app_do(a, GA_SEEK_TIME, 105000);
	gui_app_do(a, GA_COMPARE, 0);
	CHECK(a->cmp.on);
	/* the finished runs, made afresh, compared apart from the window */
	struct scenario *fa = load("cmp_base.tcps");
	struct sim_options so;
	memset(&so, 0, sizeof so);
	struct sim *sa = fa ? sim_new(fa, &so) : NULL;
	CHECK(sa != NULL);
	if (!sa) {
		close_app(a);
		return;
	}
	sim_run(sa);
	struct compare want;
	CHECK_INT(compare_build(&want, sim_trace(sa), a->cmp.tr), 0);
	CHECK_INT(a->cmp.c.first, want.first);
	CHECK_INT(a->cmp.c.first, 4);
	CHECK(strncmp(a->cmp.why, "Run B: the client sends FIN,ACK seq=301 ack=1", 45) == 0);
	compare_free(&want);
	/* Shift+C: the next seed; the runs agree, and the sentence says so */
	gui_app_do(a, GA_COMPARE_WITH, 0);
	CHECK_INT(a->cmp.source, CMP_SRC_SEED);
	CHECK_INT(a->cmp.c.first, -1);
	CHECK(strncmp(a->cmp.why, "The runs agree", 14) == 0);
	sim_free(sa);
	scn_free(fa);
	free(fa);
	close_app(a);
}

/* The number of records of tr at or before t, of both runs: where the
 * present's knob stands on the compare-mode scrub bar. */
static int64_t done_at(const struct gui_app *a, simtime_t t)
{
	return (int64_t)trace_upper_bound(a->tr, t) + (int64_t)trace_upper_bound(a->cmp.tr, t);
}

/* The scrub bar in compare mode spans both runs on their one time axis
 * (D5): run B (the SYN,ACK lost, retransmitted) ends after run A, and the
 * bar reaches every instant of either run, past run A's end too; its knob
 * stands at both runs' records done; run B's state changes have ticks of
 * their own (a ring each, as its markers on the diagram). */
static void the_scrub_bar_spans_both_runs(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	CHECK_INT(gui_app_compare(a, load("cmp_synack.tcps"), "the SYN,ACK dropped"), 0);
	const struct trace *ta = a->tr, *tb = a->cmp.tr;
	simtime_t end_a = ta->recs[ta->n - 1].t, end_b = tb->recs[tb->n - 1].t;
	CHECK(end_b > end_a);
	int64_t span = (int64_t)ta->n + (int64_t)tb->n;
	CHECK_INT(gui_app_scrub_span(a), span);
	/* at run A's end the knob is short of the bar's end: run B goes on */
	gui_app_do(a, GA_SEEK_TIME, end_a);
	gui_app_layout(a);
	const struct controls_layout *cl = &a->lay.controls;
	CHECK_INT(cl->span, span);
	CHECK_INT(gui_app_scrub_done(a), done_at(a, end_a));
	CHECK(gui_app_scrub_done(a) < span);
	float want = cl->scrub.x + cl->scrub.w * (float)done_at(a, end_a) / (float)span;
	CHECK(cl->knob_x > want - 0.5f && cl->knob_x < want + 0.5f);
	CHECK(cl->knob_x < cl->scrub.x + cl->scrub.w - 20);
	/* the bar's right end: run B's end, both runs wholly done */
	gui_app_do(a, GA_SCRUB, gui_app_scrub_record(a, 1));
	CHECK(a->t == end_b);
	CHECK_INT(a->k, (int64_t)ta->n - 1);
	CHECK_INT(a->cmp.k, (int64_t)tb->n - 1);
	CHECK_INT(gui_app_scrub_done(a), span);
	/* its left end: the start, before both runs' first event */
	gui_app_do(a, GA_SCRUB, gui_app_scrub_record(a, 0));
	CHECK_INT(a->k, -1);
	CHECK_INT(a->cmp.k, -1);
	CHECK_INT(gui_app_scrub_done(a), 0);
	/* every place along the bar: the present goes forward, each run at
	 * its records of that instant (present_rec), and every instant of
	 * either run is reached, the knob at or past the place asked for */
	simtime_t last = -1;
	int instants = 0, reached = 0, past_a = 0;
	for (uint32_t i = 0, j = 0; i < ta->n || j < tb->n;) {
		simtime_t t = j >= tb->n || (i < ta->n && ta->recs[i].t <= tb->recs[j].t)
		                  ? ta->recs[i].t
		                  : tb->recs[j].t;
		while (i < ta->n && ta->recs[i].t == t)
			i++;
		while (j < tb->n && tb->recs[j].t == t)
			j++;
		instants++;
	}
	for (int64_t p = 0; p < span; p++) {
		gui_app_do(a, GA_SCRUB, p);
		CHECK(a->t >= last);
		CHECK_INT(a->k, (int64_t)trace_upper_bound(ta, a->t) - 1);
		CHECK_INT(a->cmp.k, (int64_t)trace_upper_bound(tb, a->t) - 1);
		CHECK(gui_app_scrub_done(a) >= p + 1);
		CHECK(done_at(a, a->t - 1) <= p); /* no instant skipped */
		reached += a->t != last;
		past_a += a->t > end_a && a->t != last;
		last = a->t;
	}
	CHECK_INT(reached, instants);
	CHECK(past_a >= 1);
	/* a tick per state change of run A (a bar) and of run B (a ring: two
	 * circles), besides the knob's two circles */
	gui_app_layout(a);
	int circles = 0;
	for (int c = 0; c < cl->out.dl.n; c++)
		circles += cl->out.dl.cmd[c].op == DL_CIRCLE;
	CHECK_INT(circles, 2 + 2 * (int)a->cmp.nstate_recs);
	CHECK(a->cmp.nstate_recs >= 4);
	/* compare mode off: the bar spans run A again, run A's record by place */
	gui_app_do(a, GA_COMPARE, 0);
	CHECK_INT(gui_app_scrub_span(a), (int64_t)ta->n);
	gui_app_do(a, GA_SCRUB, 3);
	CHECK_INT(a->k, 3);
	close_app(a);
}

/* The controls' button with action, or NULL. */
static const struct gui_target *button_of(const struct gui_app *a, int action)
{
	const struct view_out *o = &a->lay.controls.out;
	for (int i = 0; i < o->ntargets; i++)
		if (o->targets[i].action == action)
			return &o->targets[i];
	return NULL;
}

/* The first text of dl starting with prefix (inside r, unless r is NULL):
 * its ink into ink (unless NULL) and its words into text; 0 none. */
static int text_in(const struct dlist *dl, const struct gui_rect *r, const char *prefix,
                   struct gui_color *ink, char *text, size_t size)
{
	for (int c = 0; c < dl->n; c++) {
		const struct dl_cmd *k = &dl->cmd[c];
		if (k->op == DL_TEXT && strncmp(dl_text_of(dl, k), prefix, strlen(prefix)) == 0 &&
		    (!r || gui_rect_inside(k->r, gui_rect_inset(*r, -0.5f)))) {
			if (ink)
				*ink = k->c;
			snprintf(text, size, "%s", dl_text_of(dl, k));
			return 1;
		}
	}
	return 0;
}

/* The controls' caption starting with prefix, inside r. */
static int caption_in(const struct gui_app *a, struct gui_rect r, const char *prefix,
                      struct gui_color *ink, char *text, size_t size)
{
	return text_in(&a->lay.controls.out.dl, &r, prefix, ink, text, size);
}

/* A Compare button in the controls bar (D5) for a class that does not know
 * C: its caption has the key where there is room, a click on it does what
 * C does (compare mode on, and off again), and it is lit while on; where
 * the bar is narrow it is the first button to go, and the layout says so. */
static void the_compare_button_toggles_compare_mode(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	const struct gui_theme *th = gui_theme_get(a->dark);
	gui_app_layout(a);
	const struct gui_target *b = button_of(a, GA_COMPARE);
	CHECK(b != NULL);
	if (!b) {
		close_app(a);
		return;
	}
	struct gui_color ink;
	char text[64] = "";
	CHECK(caption_in(a, b->r, "Compare", &ink, text, sizeof text));
	CHECK_STR(text, "Compare C");
	CHECK(memcmp(&ink, &th->button_text, sizeof ink) == 0);
	CHECK(!a->cmp.on);
	/* the click: what its target asks for */
	gui_app_do(a, b->action, b->arg);
	CHECK(a->cmp.on && a->cmp.sim);
	CHECK_INT(a->cmp.source, CMP_SRC_PROFILE);
	gui_app_layout(a);
	CHECK(view_named(a, "ladder_b"));
	b = button_of(a, GA_COMPARE);
	CHECK(b != NULL);
	if (b) {
		CHECK(caption_in(a, b->r, "Compare", &ink, text, sizeof text));
		CHECK(memcmp(&ink, &th->host_ink[1], sizeof ink) == 0); /* lit */
		gui_app_do(a, b->action, b->arg);
	}
	CHECK(!a->cmp.on);
	gui_app_layout(a);
	CHECK(!view_named(a, "ladder_b"));
	b = button_of(a, GA_COMPARE);
	CHECK(b && caption_in(a, b->r, "Compare", &ink, text, sizeof text) &&
	      memcmp(&ink, &th->button_text, sizeof ink) == 0);
	/* narrow: the first to go, said; Help stays */
	a->layout_w = 960;
	a->layout_h = 1080;
	gui_app_layout(a);
	CHECK(button_of(a, GA_COMPARE) == NULL);
	CHECK(button_of(a, GA_HELP) != NULL);
	const struct view_out *o = &a->lay.controls.out;
	int said = 0;
	for (int i = 0; i < o->nleft_out; i++)
		said += strcmp(o->left_out[i].what, "the Compare button") == 0 &&
		        strcmp(o->left_out[i].why, "no room: C still works") == 0;
	CHECK_INT(said, 1);
	close_app(a);
}

/* The status bar's text starting with prefix, into text; 0 none. */
static int status_text(const struct gui_app *a, const char *prefix, char *text, size_t size)
{
	return text_in(&a->lay.status.dl, NULL, prefix, NULL, text, size);
}

/* The status bar's event counter counts each run's records in compare
 * mode (each ladder has its own present), run A's alone otherwise; after
 * run A's end run B's count goes on. */
static void the_event_counter_counts_both_runs(void)
{
	struct gui_app *a = open_fixture("cmp_base.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	char text[128] = "", want[128];
	gui_app_layout(a);
	CHECK(status_text(a, "event ", text, sizeof text));
	snprintf(want, sizeof want, "event %lld / %u", (long long)a->k + 1, a->tr->n);
	CHECK_STR(text, want);
	CHECK_INT(gui_app_compare(a, load("cmp_synack.tcps"), "the SYN,ACK dropped"), 0);
	const struct trace *ta = a->tr, *tb = a->cmp.tr;
	gui_app_do(a, GA_SEEK_TIME, ta->recs[ta->n - 1].t);
	gui_app_layout(a);
	CHECK(a->cmp.k < (int64_t)tb->n - 1);
	CHECK(status_text(a, "event ", text, sizeof text));
	snprintf(want, sizeof want, "event A %u / %u · B %lld / %u", ta->n, ta->n,
	         (long long)a->cmp.k + 1, tb->n);
	CHECK_STR(text, want);
	gui_app_do(a, GA_SCRUB, gui_app_scrub_record(a, 1));
	gui_app_layout(a);
	CHECK(status_text(a, "event ", text, sizeof text));
	snprintf(want, sizeof want, "event A %u / %u · B %u / %u", ta->n, ta->n, tb->n, tb->n);
	CHECK_STR(text, want);
	close_app(a);
}

int main(void)
{
	fixture_init();
	RUN(c_compares_with_the_other_profile_and_shift_c_with_the_next_seed);
	RUN(both_runs_follow_one_present_on_one_axis_with_the_divergence_marked);
	RUN(compare_mid_run_names_the_divergence_of_the_finished_runs);
	RUN(both_runs_show_the_same_instant_when_records_tie);
	RUN(the_scrub_bar_spans_both_runs);
	RUN(the_compare_button_toggles_compare_mode);
	RUN(the_event_counter_counts_both_runs);
	return check_report("test_gui_compare");
}
