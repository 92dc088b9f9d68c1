/* app: the window's state, its actions, its animation and its frame (see
 * app.h).  Called by app/run.c (the loop), app/events.c and the tests.
 *
 * One struct sim runs the scenario to the end once, so the trace is
 * complete; the present is then a record index k and a time t, and the
 * engine is seeked to k (from its nearest checkpoint) only when k changes.
 * Each frame hands the views one read-only struct view_frame. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "app.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const double speeds[] = {0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000};
static const char *const speed_labels[] = {"0.1×", "0.25×", "0.5×", "1×",   "2×",   "5×",   "10×",
                                           "25×",  "50×",   "100×", "250×", "500×", "1000×"};
#define NSPEEDS ((int)(sizeof speeds / sizeof speeds[0]))
#define SPEED_DEFAULT 0 /* 0.1×: a 10 ms flight takes a tenth of a second */
static const float zooms[] = {0.8f, 0.9f, 1.0f, 1.15f, 1.3f, 1.5f, 1.75f, 2.0f, 2.5f};
#define NZOOMS ((int)(sizeof zooms / sizeof zooms[0]))
#define ZOOM_DEFAULT 2
#define IDLE_WALL 0.8 /* an idle gap takes at most this long with skip idle on */
/* A transition animates this long (the diagram's marker travels for 0.6 s
 * and its arrow fades for 1.6 s more: views/diagram.c) */
#define ANIM_SECONDS 2.3
#define WATCH_PERIOD 0.25 /* seconds between looks at the file */
/* A run simulated ahead: events before the first frame, then per frame
 * (in events, not time, so that the same file opens the same way) */
#define FIRST_EVENTS 100000
#define FRAME_EVENTS 50000

int gui_zoom_index(float factor)
{
	for (int i = 0; i < NZOOMS; i++)
		if (factor > zooms[i] - 0.001f && factor < zooms[i] + 0.001f)
			return i;
	return -1;
}

const char *gui_zoom_table(void)
{
	return "0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5";
}

/* The speed factor for a speed index, and its label ("1×"). */
static double speed(int idx)
{
	return speeds[idx < 0 ? 0 : idx >= NSPEEDS ? NSPEEDS - 1 : idx];
}

static const char *speed_label(int idx)
{
	return speed_labels[idx < 0 ? 0 : idx >= NSPEEDS ? NSPEEDS - 1 : idx];
}

static void say(struct gui_app *a, double seconds, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct gui_app *a, double seconds, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->message_since = a->wall;
	a->message_until = a->wall + seconds;
	a->dirty = 1;
}

/* ---- loading and running ---- */

/* Adds to the message what only the finished run reveals about the file's
 * own lines (out_warnings: a drop that met nothing, a note whose event
 * never came, an error no expect line foresees), as `tcpsim test` prints
 * them: the first two, then how many more; the message then stays 8 s. */
static void say_warnings(struct gui_app *a)
{
	if (!a->complete || !a->sim || sim_error(a->sim) != SIM_OK)
		return;
	struct run_warning w[2];
	int n = out_warnings(a->sim, w, 2);
	if (n <= 0)
		return;
	size_t len = strlen(a->message);
	if (!len)
		a->message_since = a->wall;
	for (int i = 0; i < n && i < 2; i++) {
		int m = snprintf(a->message + len, sizeof a->message - len,
		                 "%sline %d: warning: %s", len ? "\n" : "", w[i].line, w[i].msg);
		if (m < 0 || (size_t)m >= sizeof a->message - len)
			break;
		len += (size_t)m;
	}
	if (n > 2 && len < sizeof a->message)
		snprintf(a->message + len, sizeof a->message - len,
		         "\n%d more warnings: tcpsim test lists them all", n - 2);
	a->message_until = a->wall + 8;
	a->dirty = 1;
}

/* After a reload with interventions: they stay, on top of the file as it
 * is now; the message says so, and which no longer meet their segment. */
static void say_kept(struct gui_app *a)
{
	if (!a->iv.n)
		return;
	size_t len = strlen(a->message);
	int lost = a->iv.n - a->iv.branch.nmarks;
	snprintf(a->message + len, sizeof a->message - len,
	         "\nwith your %d intervention%s on top%s (Ctrl+Z takes %s back)", a->iv.n,
	         a->iv.n == 1 ? "" : "s",
	         lost ? ", but the edited run no longer has every segment they changed" : "",
	         a->iv.n == 1 ? "it" : "them");
	a->message_until = a->wall + 6;
}

static void format_errors(struct gui_app *a, const struct scn_diags *d, const char *path)
{
	size_t n = 0;
	a->errors[0] = '\0';
	a->nerrors = d->n;
	a->errors_hidden = 0;
	for (int i = 0; i < d->n && n < sizeof a->errors - 1; i++) {
		const struct scn_diag *g = &d->v[i];
		int w;
		if (g->line > 0)
			w = snprintf(a->errors + n, sizeof a->errors - n, "%s:%d:%d: error: %s\n",
			             path, g->line, g->col, g->msg);
		else
			w = snprintf(a->errors + n, sizeof a->errors - n, "%s: error: %s\n", path,
			             g->msg);
		if (w < 0)
			break;
		n += (size_t)w;
	}
	if (n >= sizeof a->errors)
		n = sizeof a->errors - 1;
	a->errors[n] = '\0';
}

/* Brings the index of TR_STATE records up to the trace (which only grows
 * while the run is simulated ahead); from scratch when from_scratch. */
static void index_states(const struct trace *tr, uint32_t **recs, uint32_t *n, uint32_t *cap,
                         uint32_t *scanned, int from_scratch)
{
	if (from_scratch) {
		free(*recs);
		*recs = NULL;
		*n = *cap = *scanned = 0;
	}
	for (uint32_t i = *scanned; i < tr->n; i++) {
		if (tr->recs[i].kind != TR_STATE)
			continue;
		if (*n == *cap) {
			uint32_t c = *cap ? *cap * 2 : 256;
			uint32_t *v = realloc(*recs, c * sizeof *v);
			if (!v)
				break; /* out of memory: the index stops here */
			*recs = v;
			*cap = c;
		}
		(*recs)[(*n)++] = i;
	}
	*scanned = tr->n;
}

static void update_state_index(struct gui_app *a, int from_scratch)
{
	index_states(a->tr, &a->state_recs, &a->nstate_recs, &a->state_cap, &a->state_scanned,
	             from_scratch);
}

/* ---- compare mode: run B ---- */

/* 1 while compare mode shows (quiz mode, which hides the future, keeps it
 * off until the quiz ends). */
static int cmp_shown(const struct gui_app *a)
{
	return a->cmp.on && a->cmp.sim && !a->quiz.on;
}

/* The last record time of either run shown: the present goes no further. */
static simtime_t run_end(const struct gui_app *a)
{
	simtime_t end = a->tr->n ? a->tr->recs[a->tr->n - 1].t : 0;
	const struct gui_cmp *b = &a->cmp;
	if (cmp_shown(a) && b->tr->n && b->tr->recs[b->tr->n - 1].t > end)
		end = b->tr->recs[b->tr->n - 1].t;
	return end;
}

/* The present of a run in compare mode, one rule for run A and run B:
 * at time t every record at or before t is done, the ties at t included
 * (an instant is shown whole, so both runs show the same instant); at the
 * start (Home, started 0) none is, not even those at time 0. */
static int64_t present_rec(const struct trace *tr, simtime_t t, int started)
{
	return started ? (int64_t)trace_upper_bound(tr, t) - 1 : -1;
}

/* The time of the first instant of tr after the present (t, started), or
 * -1: compare mode steps from instant to instant of either run. */
static simtime_t next_instant(const struct trace *tr, simtime_t t, int started)
{
	uint32_t j = started ? trace_upper_bound(tr, t) : 0;
	return j < tr->n ? tr->recs[j].t : -1;
}

/* The time of the last instant of tr before t, or -1. */
static simtime_t prev_instant(const struct trace *tr, simtime_t t)
{
	uint32_t j = t > 0 ? trace_upper_bound(tr, t - 1) : 0;
	return j > 0 ? tr->recs[j - 1].t : -1;
}

static void cmp_sync(struct gui_app *a);

/* The last part of a path: the name a run's title shows. */
static const char *file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Lines run A (the app's) and run B up again: the rows, the sentence, the
 * marks on each ladder. */
static void cmp_align(struct gui_app *a)
{
	struct gui_cmp *b = &a->cmp;
	compare_free(&b->c);
	b->mark[0] = b->mark[1] = -1;
	b->mark_t = -1;
	/* the file's name, so that a class tells the two runs apart by their
	 * titles; a branch says so (run B is then the run before it) */
	char ivs[40] = "";
	if (a->iv.n)
		snprintf(ivs, sizeof ivs, " with %d intervention%s", a->iv.n,
		         a->iv.n == 1 ? "" : "s");
	snprintf(b->label[0], sizeof b->label[0], "run A: %s%s, %s, seed %" PRIu64,
	         file_name(a->path), ivs, profile_name(a->scn->profile), sim_seed(a->sim));
	if (compare_build(&b->c, a->tr, b->tr) != 0) {
		snprintf(b->why, sizeof b->why, "Out of memory: the runs are not compared.");
		return;
	}
	compare_narrate(&b->c, a->scn, a->tr, "run A", b->scn, b->tr, "run B", b->why,
	                sizeof b->why);
	if (b->c.first < 0)
		return;
	const struct cmp_row *r = &b->c.rows[b->c.first];
	b->mark[0] = r->a;
	b->mark[1] = r->b;
	b->mark_t = r->a >= 0 ? a->tr->segs[r->a].sent : b->tr->segs[r->b].sent;
}

static void cmp_free(struct gui_app *a)
{
	struct gui_cmp *b = &a->cmp;
	if (b->sim) {
		snapshot_free(&b->snap);
		sim_free(b->sim);
		fmt_ctx_free(b->fmt);
	}
	if (b->scn) {
		scn_free(b->scn);
		free(b->scn);
	}
	free(b->state_recs);
	compare_free(&b->c);
	unsigned run = b->run;
	memset(b, 0, sizeof *b);
	b->run = run;
	b->mark[0] = b->mark[1] = -1;
	b->mark_t = -1;
}

static int compare_run(struct gui_app *a, struct scenario *other, const char *label, int source)
{
	if (!other)
		return -1;
	gui_app_finish(a);
	struct sim_options so;
	memset(&so, 0, sizeof so);
	so.checkpoints = 1;
	struct sim *s = sim_new(other, &so);
	if (!s) {
		scn_free(other);
		free(other);
		say(a, 6, "Compare: out of memory");
		return -1;
	}
	sim_run(s);
	if (sim_error(s) != SIM_OK) {
		const char *m = sim_error_message(s);
		say(a, 8, "Compare: run B stopped: %s",
		    m && m[0] ? m : sim_error_text(sim_error(s)));
		sim_free(s);
		scn_free(other);
		free(other);
		return -1;
	}
	cmp_free(a);
	struct gui_cmp *b = &a->cmp;
	b->source = source;
	b->scn = other;
	b->sim = s;
	b->tr = sim_trace(s);
	b->fmt = fmt_ctx_new(b->scn, b->tr);
	b->run++;
	b->k = -2; /* force a seek */
	index_states(b->tr, &b->state_recs, &b->nstate_recs, &b->state_cap, &b->state_scanned, 1);
	snprintf(b->label[1], sizeof b->label[1], "run B: %s", label ? label : "");
	cmp_align(a);
	b->on = 1;
	a->dirty = 1;
	cmp_sync(a);
	return 0;
}

int gui_app_compare(struct gui_app *a, struct scenario *other, const char *label)
{
	return compare_run(a, other, label, CMP_SRC_GIVEN);
}

/* Run B made from the app's own file: under the other profile, or with
 * the next seed; then compare mode with it. */
static void cmp_choose(struct gui_app *a, int source)
{
	struct scenario *o = calloc(1, sizeof *o);
	struct scn_diags d = {0};
	int other_stack = a->scn->profile == PROFILE_LINUX ? PROFILE_RFC9293 : PROFILE_LINUX;
	int profile = source == CMP_SRC_PROFILE ? other_stack : a->scn->profile;
	if (!o || scn_load_file_as(a->path, profile, o, &d) != 0) {
		say(a, 6, "Compare: cannot load %s again%s", a->path,
		    d.n ? " (it has errors now)" : "");
		scn_diags_free(&d);
		free(o);
		return;
	}
	scn_diags_free(&d);
	o->seed = sim_seed(a->sim) + (source == CMP_SRC_SEED);
	char label[1200];
	snprintf(label, sizeof label, "%s, %s, seed %" PRIu64, file_name(a->path),
	         profile_name(o->profile), o->seed);
	if (compare_run(a, o, label, source) == 0)
		say(a, 4, "Compare with %s (C: back, Shift+C: %s)", label,
		    source == CMP_SRC_PROFILE ? "the next seed" : "the other profile");
}

/* Brings the engine to record k (clamped) and takes its snapshot. */
static void seek_record(struct gui_app *a, int64_t k)
{
	int64_t n = (int64_t)a->tr->n;
	if (k < -1)
		k = -1;
	if (k > n - 1)
		k = n - 1;
	sim_seek_record(a->sim, k);
	sim_snapshot(a->sim, &a->snap);
	a->k = k;
	if (k >= 0)
		a->started = 1;
	if (a->quiz.on && k > a->quiz.seen)
		a->quiz.seen = k;
}

int64_t gui_app_scrub_span(const struct gui_app *a)
{
	if (cmp_shown(a))
		return (int64_t)a->tr->n + (int64_t)a->cmp.tr->n;
	return a->quiz.on ? a->quiz.seen + 1 : (int64_t)a->tr->n;
}

int64_t gui_app_scrub_done(const struct gui_app *a)
{
	if (cmp_shown(a))
		return present_rec(a->tr, a->t, a->started) + 1 +
		       present_rec(a->cmp.tr, a->t, a->started) + 1;
	return a->k + 1;
}

/* Compare mode: the time of place p (from 0) of the scrub bar, both runs'
 * records in time order: the least time at or before which more than p
 * records of the two are. */
static simtime_t cmp_scrub_time(const struct gui_app *a, int64_t p)
{
	const struct trace *ta = a->tr, *tb = a->cmp.tr;
	simtime_t lo = 0, hi = run_end(a);
	while (lo < hi) {
		simtime_t mid = lo + (hi - lo) / 2;
		if ((int64_t)trace_upper_bound(ta, mid) + (int64_t)trace_upper_bound(tb, mid) > p)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

int64_t gui_app_scrub_record(const struct gui_app *a, float frac)
{
	frac = frac < 0 ? 0 : frac > 1 ? 1 : frac;
	/* the scrub bar is laid out by record, so equal time gaps do not
	 * squeeze a handshake into a pixel */
	return (int64_t)(frac * (float)gui_app_scrub_span(a) + 0.5f) - 1;
}

/* Compare mode: both runs' present by present_rec at the app's time, run
 * A's too (a step to a record inside an instant shows the whole instant).
 * Only the records and snapshots change. */
static void cmp_sync(struct gui_app *a)
{
	struct gui_cmp *b = &a->cmp;
	if (!cmp_shown(a))
		return;
	int64_t ka = present_rec(a->tr, a->t, a->started);
	if (ka != a->k)
		seek_record(a, ka);
	int64_t k = present_rec(b->tr, a->t, a->started);
	if (k == b->k)
		return;
	sim_seek_record(b->sim, k);
	sim_snapshot(b->sim, &b->snap);
	b->k = k;
}

/* The present becomes time t: k follows. */
static void set_time(struct gui_app *a, simtime_t t)
{
	if (t < 0)
		t = 0;
	simtime_t end = run_end(a);
	if (t > end)
		t = end;
	int64_t k = (int64_t)trace_upper_bound(a->tr, t) - 1;
	a->t = t;
	a->t_frac = 0;
	a->started = 1;
	if (k != a->k)
		seek_record(a, k);
	cmp_sync(a);
}

static void set_record(struct gui_app *a, int64_t k)
{
	if (k < -1)
		k = -1;
	if (k > (int64_t)a->tr->n - 1)
		k = (int64_t)a->tr->n - 1;
	seek_record(a, k);
	a->t = k >= 0 ? a->tr->recs[k].t : 0;
	a->t_frac = 0;
	a->started = k >= 0;
	cmp_sync(a);
}

/* The present as an event that survives a reload: the n-th record of its
 * kind, host and socket at its time (valid 0 when the present lies between
 * records or before the first). */
struct event_key {
	int valid;
	simtime_t t;
	uint8_t kind, host;
	int32_t sock;
	int n;
};

static struct event_key present_event(const struct gui_app *a)
{
	struct event_key e = {0};
	if (!a->sim || a->k < 0 || a->k >= (int64_t)a->tr->n)
		return e;
	const struct trace_rec *r = &a->tr->recs[a->k];
	if (r->t != a->t)
		return e; /* between two records: the time says it all */
	e.valid = 1;
	e.t = r->t;
	e.kind = r->kind;
	e.host = r->host;
	e.sock = r->sock;
	for (int64_t j = a->k - 1; j >= 0 && a->tr->recs[j].t == r->t; j--) {
		const struct trace_rec *q = &a->tr->recs[j];
		e.n += q->kind == r->kind && q->host == r->host && q->sock == r->sock;
	}
	return e;
}

/* The record of the new run that is the event e, or -1: then the present
 * goes to e's time (the last record at or before it). */
static int64_t same_event(const struct gui_app *a, const struct event_key *e)
{
	if (!e->valid)
		return -1;
	uint32_t hi = trace_upper_bound(a->tr, e->t);
	uint32_t lo = e->t > 0 ? trace_upper_bound(a->tr, e->t - 1) : 0;
	int n = 0;
	for (uint32_t j = lo; j < hi; j++) {
		const struct trace_rec *q = &a->tr->recs[j];
		if (q->kind == e->kind && q->host == e->host && q->sock == e->sock && n++ == e->n)
			return j;
	}
	return -1;
}

/* Loads path and runs it to the end.  On success the new run replaces the
 * old one (the present stays on the same event, else at its time); on
 * failure (the file's errors, or a run stopped by a budget) the old run
 * stays and the errors are kept for the overlay.  Returns the number of
 * errors. */
static int load(struct gui_app *a, const char *path, int with_iv)
{
	int same_file = strcmp(path, a->path) == 0;
	struct scenario scn;
	struct scn_diags diags = {0};
	memset(&scn, 0, sizeof scn);
	int nerr;
	size_t flen = 0;
	char *file = NULL; /* unreadable: scn_load_file_as() below says why */
	if (with_iv && a->iv.n)
		scn_read_file(path, &file, &flen, NULL);
	if (file) {
		/* a branch: the file as it is now, the interventions' lines after it */
		const char *text = iv_build_text(&a->iv, file, flen);
		nerr = text ? scn_parse_as(path, text, a->iv.len, a->profile - 1, &scn, &diags) : 1;
		/* the lines after the file's own are the window's */
		int lines = 0;
		for (size_t i = 0; i < flen; i++)
			lines += file[i] == '\n';
		if (flen && file[flen - 1] != '\n')
			lines++;
		if (nerr == 0)
			scn.added_from_line = lines + 1;
		free(file);
	} else {
		nerr = scn_load_file_as(path, a->profile - 1, &scn, &diags);
	}
	if (nerr != 0) {
		format_errors(a, &diags, path);
		if (a->nerrors == 0) {
			snprintf(a->errors, sizeof a->errors, "%s: error: cannot load\n", path);
			a->nerrors = 1;
		}
		scn_diags_free(&diags);
		return a->nerrors;
	}
	scn_diags_free(&diags);
	struct sim_options so;
	memset(&so, 0, sizeof so);
	so.checkpoints = 1;
	so.seed_set = a->seed_set;
	so.seed = a->seed;
	/* The scenario must outlive its engine: it lives on the heap and
	 * is swapped together with it. */
	struct scenario *keep = malloc(sizeof *keep);
	if (!keep) {
		scn_free(&scn);
		return 1;
	}
	*keep = scn;
	struct sim *s = sim_new(keep, &so);
	if (!s) {
		scn_free(keep);
		free(keep);
		snprintf(a->errors, sizeof a->errors, "%s: error: out of memory\n", path);
		a->nerrors = 1;
		return 1;
	}
	/* the first run of the window is simulated ahead between frames
	 * (gui_app_tick) so that its first frame comes at once; a reload
	 * runs to the end, so that a failing run can leave the last good
	 * one on screen */
	if (a->sim)
		sim_run(s);
	else
		sim_extend(s, FIRST_EVENTS);
	if (sim_error(s) != SIM_OK) {
		/* stopped by a budget (a trigger loop, too many events, too
		 * much memory): shown as parse errors are, the last good run
		 * stays */
		const char *m = sim_error_message(s);
		if (m && m[0])
			snprintf(a->errors, sizeof a->errors, "%s\n", m);
		else
			snprintf(a->errors, sizeof a->errors, "%s: error: the run stopped: %s\n",
			         path, sim_error_text(sim_error(s)));
		a->nerrors = 1;
		a->errors_hidden = 0;
		sim_free(s);
		scn_free(keep);
		free(keep);
		return 1;
	}
	/* the new run is good: drop the old one, remembering the present
	 * event to land on it again */
	simtime_t t = a->t;
	struct event_key here = present_event(a);
	if (a->sim) {
		sim_free(a->sim);
		fmt_ctx_free(a->fmt);
		scn_free(a->scn);
		free(a->scn);
	}
	a->scn = keep;
	a->sim = s;
	a->tr = sim_trace(a->sim);
	a->fmt = fmt_ctx_new(a->scn, a->tr);
	a->errors[0] = '\0';
	a->nerrors = 0;
	if (path != a->path)
		snprintf(a->path, sizeof a->path, "%s", path);
	char title[1100];
	snprintf(title, sizeof title, "tcpsim — %s", a->path);
	draw_set_title(a->d, title);
	update_state_index(a, 1);
	a->run++;
	a->flights_seen = 0;
	a->max_flight = 0;
	struct sim_progress pr;
	sim_progress(a->sim, &pr);
	a->complete = pr.complete;
	a->k = -2; /* force a seek */
	a->follow[0] = a->follow[1] = -1;
	a->plot_st.host = -1; /* a->plot_from holds through a reload */
	a->anim[0].rec = a->anim[1].rec = -1;
	int64_t same = same_event(a, &here);
	if (same >= 0)
		set_record(a, same);
	else
		set_time(a, t);
	if (a->k == -2)
		seek_record(a, -1);
	/* compare mode: another file has nothing to do with run B; the same
	 * file's other profile or seed is made again; a given run B stays,
	 * lined up with the new run */
	if (a->cmp.scn && !same_file) {
		cmp_free(a);
	} else if (a->cmp.scn && a->cmp.source != CMP_SRC_GIVEN) {
		int on = a->cmp.on;
		cmp_choose(a, a->cmp.source);
		a->cmp.on = on && a->cmp.scn;
	} else if (a->cmp.scn) {
		gui_app_finish(a);
		cmp_align(a);
	}
	if (!file && a->iv.n && with_iv)
		a->iv.n = 0; /* the file could not be read again: a plain run */
	iv_mark(&a->iv, a->tr, 1, GA_IV_COMPARE);
	return 0;
}

/* A new run in quiz mode: its questions, from its start. */
static void quiz_enter(struct gui_app *a);

int gui_app_reload(struct gui_app *a)
{
	int n = load(a, a->path, 1);
	watch_reset(&a->watch, a->path);
	a->dirty = 1;
	if (n == 0 && a->quiz.on)
		quiz_enter(a);
	return n;
}

/* `tcpsim compare A B`: run B from its file, seed and profile; 0, or -1
 * after printing why. */
static int open_compare(struct gui_app *a, const struct gui_options *opt)
{
	struct scenario *o = calloc(1, sizeof *o);
	struct scn_diags d = {0};
	if (!o) {
		fprintf(stderr, "tcpsim: out of memory\n");
		return -1;
	}
	if (scn_load_file_as(opt->compare_path, opt->compare_profile - 1, o, &d) != 0) {
		scn_diags_print(&d, opt->compare_path, stderr);
		scn_diags_free(&d);
		free(o);
		return -1;
	}
	scn_diags_free(&d);
	if (opt->compare_seed_set)
		o->seed = opt->compare_seed;
	/* the file's name (its folder is run A's, as a rule), stack and seed */
	char label[1200];
	snprintf(label, sizeof label, "%s, %s, seed %" PRIu64, file_name(opt->compare_path),
	         profile_name(o->profile), o->seed);
	if (gui_app_compare(a, o, label) != 0) {
		fprintf(stderr, "%s\n", a->message);
		return -1;
	}
	a->message[0] = '\0';
	return 0;
}

struct gui_app *gui_app_new(struct draw *d, const char *path, const struct gui_options *opt)
{
	struct gui_app *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->d = d;
	a->k = -1;
	a->speed_idx = SPEED_DEFAULT;
	a->skip_idle = 1;
	a->zoom_idx = ZOOM_DEFAULT;
	a->follow[0] = a->follow[1] = -1;
	a->plot_from = -1;
	a->anim[0].rec = a->anim[1].rec = -1;
	if (opt) {
		a->seed = opt->seed;
		a->seed_set = opt->seed_set;
		a->dark = opt->dark;
		a->fullscreen = opt->fullscreen;
		a->plot = opt->plot >= 0 && opt->plot <= 2 ? opt->plot : 0;
		a->profile = opt->profile;
		if (opt->zoom > 0 && gui_zoom_index(opt->zoom) >= 0)
			a->zoom_idx = gui_zoom_index(opt->zoom);
	}
	snprintf(a->path, sizeof a->path, "%s", path);
	if (load(a, a->path, 0) != 0) {
		fputs(a->errors, stderr);
		gui_app_free(a);
		return NULL;
	}
	if (opt && opt->plot_from) {
		int h = scn_host_find(a->scn, opt->plot_from, (int)strlen(opt->plot_from));
		if (h < 0) {
			fprintf(stderr, "tcpsim: --plot %s:%s: no such host; hosts are %s and %s\n",
			        a->plot == 2 ? "cwnd" : "tsg", opt->plot_from,
			        a->scn->hosts[0].name,
			        a->scn->nhosts > 1 ? a->scn->hosts[1].name : "?");
			gui_app_free(a);
			return NULL;
		}
		a->plot_from = h;
	}
	if (opt && opt->compare_path && open_compare(a, opt) != 0) {
		gui_app_free(a);
		return NULL;
	}
	watch_reset(&a->watch, a->path);
	say_warnings(a); /* a small run is complete at once */
	if (opt && opt->quiz)
		quiz_enter(a);
	return a;
}

void gui_app_free(struct gui_app *a)
{
	if (!a)
		return;
	if (a->sim) {
		snapshot_free(&a->snap);
		sim_free(a->sim);
		fmt_ctx_free(a->fmt);
		scn_free(a->scn);
		free(a->scn);
	}
	free(a->state_recs);
	quizmode_stop(&a->quiz);
	cmp_free(a);
	struct gui_layout *l = &a->lay;
	view_ladder_free(&a->ladder, &l->ladder);
	view_ladder_free(&a->ladder_b_st, &l->ladder_b);
	view_out_free(&l->compare);
	view_diagram_free(&l->diag);
	view_out_free(&l->controls.out);
	struct view_out *outs[] = {&l->panel[0], &l->panel[1], &l->table, &l->narration, &l->notes,
	                           &l->status,   &l->overlays, &l->plot,  &l->quiz};
	view_plot_free(&a->plot_st);
	for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
		view_out_free(outs[i]);
	openlist_free(&a->open);
	iv_clear(&a->iv);
	view_out_free(&a->lay.intervene);
	watch_stop(&a->watch);
	free(a);
}

/* ---- actions ---- */

/* The first entry of the state index after the present (binary search). */
static uint32_t state_after(const struct gui_app *a)
{
	uint32_t lo = 0, hi = a->nstate_recs;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if ((int64_t)a->state_recs[mid] <= a->k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void state_step(struct gui_app *a, int dir)
{
	uint32_t lo = state_after(a);
	if (dir > 0) {
		if (lo < a->nstate_recs)
			set_record(a, a->state_recs[lo]);
		else
			set_record(a, (int64_t)a->tr->n - 1);
	} else {
		/* lo-1 is the state record <= k; go to the one before it if it
		 * is the present itself */
		int64_t i = (int64_t)lo - 1;
		if (i >= 0 && (int64_t)a->state_recs[i] == a->k)
			i--;
		/* compare mode shows instants whole: one before this instant */
		while (cmp_shown(a) && i >= 0 && a->tr->recs[a->state_recs[i]].t >= a->t)
			i--;
		set_record(a, i >= 0 ? (int64_t)a->state_recs[i] : -1);
	}
}

static void follow(struct gui_app *a, int64_t arg)
{
	if (arg < 0) {
		a->follow[0] = a->follow[1] = -1;
		return;
	}
	int h = (int)(arg >> 24) & 0xff;
	int32_t handle = (int32_t)(arg & 0xffffff);
	if (h >= a->snap.nhosts)
		return;
	a->follow[h] = handle;
	a->follow[!h] = -1;
	const struct snap_host *me = &a->snap.hosts[h];
	const struct snap_sock *s = NULL;
	for (int i = 0; i < me->nsocks; i++)
		if (me->socks[i].handle == handle)
			s = &me->socks[i];
	if (!s || s->listener || h > 1 || a->snap.nhosts < 2)
		return;
	const struct snap_host *peer = &a->snap.hosts[!h];
	for (int i = 0; i < peer->nsocks; i++) {
		const struct snap_sock *p = &peer->socks[i];
		if (p->laddr == s->raddr && p->lport == s->rport && p->raddr == s->laddr &&
		    p->rport == s->lport)
			a->follow[!h] = p->handle;
	}
}

/* path made absolute (the messages name files so that a student can find
 * them): resolved, else the working folder before it; returns out. */
static const char *absolute(const char *path, char *out, size_t size)
{
	char buf[PATH_MAX], cwd[PATH_MAX];
	if (realpath(path, buf)) {
		snprintf(out, size, "%s", buf);
	} else if (path[0] != '/' && getcwd(cwd, sizeof cwd)) {
		/* a path past size is cut: it is only shown */
		size_t n = strlen(cwd);
		snprintf(out, size, "%s", cwd);
		if (n + 1 < size)
			snprintf(out + n, size - n, "/%s", path);
	} else {
		snprintf(out, size, "%s", path);
	}
	return out;
}

/* The file name of path without its extension, and its folder, absolute. */
static void base_name(const char *path, char *out, size_t size, char *dir, size_t dsize)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	snprintf(out, size, "%s", base);
	char *dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
	char rel[PATH_MAX];
	if (slash)
		snprintf(rel, sizeof rel, "%.*s", (int)(slash - path), path);
	else
		snprintf(rel, sizeof rel, ".");
	if (!rel[0])
		snprintf(rel, sizeof rel, "/");
	absolute(rel, dir, dsize);
}

/* E: NAME.pcap (the wire) and NAME.svg (the ladder) beside the scenario;
 * a branch's as NAME-branchK, the name Ctrl+S gives its .tcps, so that no
 * one takes them for the lesson's.  Where the folder is not writable, in
 * the user's data folder, as Ctrl+S.  The message says the names and
 * where they went, or why they could not go. */
static void export_files(struct gui_app *a)
{
	char base[PATH_MAX], dir[PATH_MAX], pcap[2 * PATH_MAX + 8], svg[2 * PATH_MAX + 8];
	char err[2 * PATH_MAX + 64];
	int fallback = iv_out_dir(a->path, dir, sizeof dir, err, sizeof err);
	if (fallback < 0) {
		say(a, 8, "Export failed: %s", err);
		return;
	}
	int branch = a->iv.n > 0;
	if (branch) {
		if (iv_name(&a->iv, a->path, err, sizeof err) != 0) {
			say(a, 8, "Export failed: %s", err);
			return;
		}
		const char *slash = strrchr(a->iv.stem, '/');
		snprintf(base, sizeof base, "%s", slash ? slash + 1 : a->iv.stem);
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - a->iv.stem) : 1,
		         slash ? a->iv.stem : ".");
	} else {
		char here[PATH_MAX];
		base_name(a->path, base, sizeof base, here, sizeof here);
	}
	snprintf(pcap, sizeof pcap, "%s/%s.pcap", dir, base);
	snprintf(svg, sizeof svg, "%s/%s.svg", dir, base);
	if (out_pcap(pcap, a->scn, a->tr, -1, err, sizeof err) != 0) {
		say(a, 8, "Export failed: cannot write %s\n%s", pcap, err);
		return;
	}
	FILE *f = fopen(svg, "w");
	if (!f) {
		say(a, 8, "Export failed: cannot write %s (%s)", svg, strerror(errno));
		return;
	}
	int rc = out_svg(f, a->scn, a->tr, 0, 0);
	if (fclose(f) != 0 || rc != 0) {
		say(a, 8, "Export failed: cannot write %s", svg);
		return;
	}
	say(a, 8, "Exported %s%s.pcap (open it in Wireshark) and %s.svg (the ladder)\nin %s%s",
	    branch ? "the branch as " : "", base, base, dir,
	    fallback ? " (the scenario's folder is not writable)" : "");
}

void gui_app_screenshot(struct gui_app *a)
{
	char base[512], dir[PATH_MAX], png[PATH_MAX + 600], err[256], ts[32];
	base_name(a->path, base, sizeof base, dir, sizeof dir);
	simtime_fmt(ts, sizeof ts, a->t);
	/* the present's time in seconds, the unit in the name */
	snprintf(png, sizeof png, "%s/%s-t%ss.png", dir, base, ts);
	if (draw_save_png(a->d, png, err, sizeof err) != 0)
		say(a, 6, "Screenshot failed: %s", err);
	else
		say(a, 6, "Screenshot saved: %s", png);
}

/* The rows of the Open list the last frame showed (its file targets). */
static int open_rows(const struct gui_app *a)
{
	int n = 0;
	for (int i = 0; i < a->lay.overlays.ntargets; i++)
		n += a->lay.overlays.targets[i].action == GA_OPEN_FILE;
	return n;
}

/* Opens file i of the Open list from its start; the list closes.  On
 * errors the overlay shows them and the last good run stays. */
static void open_file(struct gui_app *a, int i)
{
	if (i >= 0 && i < a->open.nfiles) {
		char old[1024];
		snprintf(old, sizeof old, "%s", a->path);
		simtime_t t = a->t;
		a->t = 0;
		if (load(a, a->open.files[i], 0) == 0) {
			iv_clear(&a->iv); /* they were the other file's */
			set_record(a, -1);
			a->plot_from = -1; /* another file's ends */
			a->playing = 0;
			watch_reset(&a->watch, a->path);
			char abs[PATH_MAX];
			say(a, 3, "Opened %s", absolute(a->path, abs, sizeof abs));
			say_warnings(a);
			if (a->quiz.on)
				quiz_enter(a);
		} else {
			a->t = t;
			snprintf(a->path, sizeof a->path, "%s", old);
		}
	}
	a->open_list = 0;
}

/* ---- quiz mode ---- */

/* The present becomes record k at time t: quiz mode stops the run just
 * before a question's record, at that record's time. */
static void set_present(struct gui_app *a, int64_t k, simtime_t t)
{
	seek_record(a, k);
	a->t = t;
	a->t_frac = 0;
}

/* The last record the present may reach: the one before the first
 * question not answered yet, and the time the present stops at there
 * (that question's own); 0 when every question is answered. */
static int quiz_gate(const struct gui_app *a, int64_t *k, simtime_t *t)
{
	int i = quizmode_next(&a->quiz);
	if (i < 0)
		return 0;
	*k = a->quiz.ask[i];
	*t = a->tr->recs[a->quiz.qz.q[i].rec].t;
	return 1;
}

/* The first (dir -1) or last (dir +1) record of the engine event that
 * makes record j: seeking to any record of one event leaves the trace's
 * cursor at that event's end. */
static int64_t event_edge(struct gui_app *a, int64_t j, int dir)
{
	sim_seek_record(a->sim, j);
	uint32_t end = a->tr->cursor;
	int64_t n = (int64_t)a->tr->n;
	while (j + dir >= 0 && j + dir < n) {
		sim_seek_record(a->sim, j + dir);
		if (a->tr->cursor != end)
			break;
		j += dir;
	}
	return j;
}

/* Where the run stops to ask each question.  A state question stops
 * before the engine event that makes its record (a segment's arrival and
 * the state change it causes are one event; the engine's present, and so
 * every snapshot, lies between events), found by seeking: the records of
 * one event all leave the trace's cursor at that event's end.  An ask
 * point is asked where it is reached, after what triggered it (`ask on
 * client SYN_SENT`: the client is in SYN_SENT and its SYN on the wire),
 * to the end of its event but never as far as the record that answers
 * it.  No stop lies before the one of the question before it: answering a
 * question shows its record, and the next question must not take the
 * present back (lesson 1: the ask after "client enters SYN_SENT" used to
 * stop before the connect() that made it). */
static void quiz_find_stops(struct gui_app *a)
{
	for (uint32_t i = 0; i < a->quiz.qz.n; i++) {
		const struct quiz_question *q = &a->quiz.qz.q[i];
		int64_t stop;
		if (q->kind == QUIZ_ASK) {
			stop = event_edge(a, q->rec, +1);
			if (q->reveal > q->rec && stop >= (int64_t)q->reveal)
				stop = (int64_t)q->reveal - 1;
		} else {
			stop = event_edge(a, q->rec, -1) - 1;
		}
		if (i > 0 && stop < a->quiz.ask[i - 1])
			stop = a->quiz.ask[i - 1];
		if (i > 0 && a->quiz.qz.q[i - 1].kind != QUIZ_ASK &&
		    stop < (int64_t)a->quiz.qz.q[i - 1].rec)
			stop = (int64_t)a->quiz.qz.q[i - 1].rec;
		a->quiz.ask[i] = stop;
	}
	seek_record(a, a->k);
}

/* Question i is asked: the run stops before its record. */
static void quiz_ask(struct gui_app *a, int i, int64_t k, simtime_t t)
{
	set_present(a, k, t);
	a->playing = 0;
	a->quiz.card = VIEW_QUIZ_ASK;
	if (a->quiz.shown != i)
		a->quiz.not_a_choice = 0;
	a->quiz.shown = i;
}

/* After the present moved in quiz mode (from record k0 at time t0): never
 * past the first question not answered (reaching it asks it), and a card
 * the present went back before is put away. */
static void quiz_moved(struct gui_app *a, int64_t k0, simtime_t t0)
{
	struct gui_quiz *q = &a->quiz;
	if (!q->on)
		return;
	int64_t gk;
	simtime_t gt;
	int forward = a->k > k0 || (a->k == k0 && a->t > t0);
	if (q->card == VIEW_QUIZ_REVEAL && !q->arrived && forward && a->k == q->stop) {
		q->arrived = 1; /* the answer: there the run stops first */
		return;
	}
	/* reaching the gate asks, and so does reaching the question's own
	 * record (an ask's gate may lie past it, at the end of its event) */
	if (quiz_gate(a, &gk, &gt) &&
	    (a->k > gk || (a->k == gk && forward) ||
	     (forward && a->k >= (int64_t)q->qz.q[quizmode_next(q)].rec))) {
		quiz_ask(a, quizmode_next(q), gk, gt);
		return;
	}
	if (q->card == VIEW_QUIZ_SUMMARY && a->k >= (int64_t)a->tr->n - 1)
		return;
	if ((q->card == VIEW_QUIZ_ASK || q->card == VIEW_QUIZ_REVEAL) && forward)
		return; /* REVEAL: still on its way to the answer */
	q->card = VIEW_QUIZ_WATCH;
	q->shown = -1;
	if (quizmode_next(q) < 0 && a->k >= (int64_t)a->tr->n - 1)
		q->card = VIEW_QUIZ_SUMMARY;
}

static void quiz_enter(struct gui_app *a)
{
	if (gui_app_finish(a) != 0) {
		say(a, 6, "No quiz: the run stopped before its end");
		return;
	}
	if (quizmode_start(&a->quiz, a->scn, a->tr, a->follow, a->path) != 0) {
		say(a, 6, "No quiz: out of memory");
		return;
	}
	quiz_find_stops(a);
	quizmode_view(&a->quiz, &a->quiz_view);
	a->help = a->open_list = 0;
	set_record(a, -1);
	a->quiz.seen = -1; /* quiz_find_stops' seeks and the present before are not seen */
	a->playing = 1;
	uint32_t n = a->quiz.qz.n;
	if (n)
		say(a, 4,
		    "Quiz: %u question%s. The run stops before each state change: what comes "
		    "next?",
		    n, n == 1 ? "" : "s");
	else
		say(a, 5, "Quiz mode: this run asks no questions of the followed connection");
	say_warnings(a);
}

static void quiz_leave(struct gui_app *a)
{
	int right = quizmode_right(&a->quiz), answered = quizmode_answered(&a->quiz);
	quizmode_stop(&a->quiz);
	memset(&a->quiz_view, 0, sizeof a->quiz_view);
	a->playing = 0;
	say(a, 3, "Quiz mode off: %d of %d right", right, answered);
}

/* A choice given (a key 1..8, a button, a box of the diagram): it is
 * scored, and the run plays on to the answer, at most to the record
 * before the next question.  A choice the question does not have (a key
 * past its choices; negative: a box of the diagram no choice names) is
 * not scored: the card and the status bar say what to pick. */
static void quiz_answer(struct gui_app *a, int choice)
{
	struct gui_quiz *q = &a->quiz;
	if (!q->on || q->card != VIEW_QUIZ_ASK || q->shown < 0)
		return;
	const struct quiz_question *qq = &q->qz.q[q->shown];
	if (choice < 0 || choice >= qq->nchoices) {
		q->not_a_choice = 1;
		a->dirty = 1;
		return;
	}
	if (quizmode_answer(q, q->shown, choice) < 0)
		return;
	q->not_a_choice = 0;
	int64_t stop = qq->reveal > qq->rec ? qq->reveal : qq->rec;
	int64_t gk;
	simtime_t gt;
	if (quiz_gate(a, &gk, &gt) && stop > gk)
		stop = gk > (int64_t)qq->rec ? gk : (int64_t)qq->rec;
	q->card = VIEW_QUIZ_REVEAL;
	q->stop = stop;
	q->arrived = 0;
	a->playing = 1;
}

/* Enter (or Space) on an answered question: on to the next one. */
static void quiz_continue(struct gui_app *a)
{
	struct gui_quiz *q = &a->quiz;
	if (!q->on)
		return;
	if (q->card == VIEW_QUIZ_ASK) {
		say(a, 2, "Answer first: 1 to %d, or click a choice", q->qz.q[q->shown].nchoices);
		return;
	}
	if (q->card != VIEW_QUIZ_REVEAL)
		return;
	q->card = VIEW_QUIZ_WATCH;
	q->shown = -1;
	a->playing = 1;
}

/* Where playing stops in quiz mode: the answer being revealed, else the
 * next question; 0 nowhere. */
static int quiz_play_stop(const struct gui_app *a, int64_t *k, simtime_t *t)
{
	const struct gui_quiz *q = &a->quiz;
	if (!q->on)
		return 0;
	if (q->card == VIEW_QUIZ_REVEAL && !q->arrived) {
		*k = q->stop;
		*t = a->tr->recs[q->stop].t;
		return 1;
	}
	return quiz_gate(a, k, t);
}

/* Playing reached where quiz_play_stop() said. */
static void quiz_stopped(struct gui_app *a, int64_t k, simtime_t t)
{
	struct gui_quiz *q = &a->quiz;
	set_present(a, k, t);
	a->playing = 0;
	a->dirty = 1; /* nothing moves any more: the card must still be drawn */
	if (q->card == VIEW_QUIZ_REVEAL && !q->arrived)
		q->arrived = 1;
	else
		quiz_ask(a, quizmode_next(q), k, t);
}

/* The actions quiz mode refuses, with why; 1 when action is one. */
static int quiz_refuses(struct gui_app *a, int action)
{
	if (!a->quiz.on)
		return 0;
	switch (action) {
	case GA_FOLLOW:
		say(a, 3, "The quiz follows one connection: P ends it, then follow another");
		return 1;
	case GA_IV_MENU:
	case GA_IV_CHOOSE:
	case GA_IV_UNDO:
		/* a branch would change the run the questions are about */
		say(a, 3, "The quiz asks about this run: P ends it, then drop or delay a segment");
		return 1;
	case GA_PLAY:
		if (a->quiz.card == VIEW_QUIZ_ASK) {
			quiz_continue(a); /* says: answer first */
			return 1;
		}
		if (a->quiz.card == VIEW_QUIZ_REVEAL) {
			quiz_continue(a);
			return 1;
		}
		return 0;
	default: return 0;
	}
}

/* ---- interventions (intervene.h) ---- */

/* GA_IV_MENU: the menu of segment seg, at its arrow's middle in the last
 * layout (else the mouse). */
static void iv_menu(struct gui_app *a, int64_t seg)
{
	if (seg < 0 || seg >= (int64_t)a->tr->nsegs)
		return;
	a->playing = 0;
	a->help = a->open_list = 0;
	struct gui_point at = {a->mouse_x, a->mouse_y};
	const struct ladder_seg *L = view_ladder_find(&a->lay.ladder, (uint32_t)seg);
	if (L) {
		at.x = (L->a.x + L->b.x) / 2;
		at.y = (L->a.y + L->b.y) / 2;
	}
	iv_menu_open(&a->iv, a->scn, a->tr, a->fmt, (uint32_t)seg, a->t, at);
}

/* The record at which segment seg left, or -1. */
static int64_t send_record(const struct gui_app *a, uint32_t seg)
{
	simtime_t t = a->tr->segs[seg].sent;
	uint32_t lo = t > 0 ? trace_upper_bound(a->tr, t - 1) : 0;
	for (uint32_t k = lo; k < a->tr->n && a->tr->recs[k].t <= t; k++)
		if (a->tr->recs[k].kind == TR_SEG_SEND && a->tr->recs[k].seg == (int32_t)seg)
			return k;
	return -1;
}

/* GA_IV_CHOOSE: the run branches.  The file's text plus the new line is
 * run again from the start; the re-run must have done it to that very
 * segment (same sender and number, same header), else the line is taken
 * back: first the readable form ("2nd ACK"), then "segment N".  The
 * present goes to the moment the segment left and plays on from there. */
static void iv_branch(struct gui_app *a, int64_t choice)
{
	struct view_menu menu = a->iv.menu;
	if (!menu.open)
		return;
	a->iv.menu.open = 0;
	if (!menu.n)
		return; /* a menu with no choice: Enter closes it */
	for (int form = 0; form < 2; form++) {
		a->iv.menu = menu;
		if (iv_push(&a->iv, a->scn, a->tr, (int)choice, form) != 0)
			return;
		const struct iv_item *it = &a->iv.item[a->iv.n - 1];
		int64_t seg = load(a, a->path, 1) == 0 ? iv_find(it, a->tr) : -1;
		if (seg >= 0) {
			iv_mark(&a->iv, a->tr, 1, GA_IV_COMPARE);
			int64_t k = send_record(a, (uint32_t)seg);
			if (k >= 0)
				set_record(a, k);
			a->playing = 1;
			a->dirty = 1;
			char ts[32];
			simtime_fmt(ts, sizeof ts, it->sent);
			say(a, 8,
			    "The run branched at %s s: %s\nEverything after is recomputed; Ctrl+S "
			    "saves "
			    "this branch, Ctrl+Z takes it back",
			    ts, it->line);
			return;
		}
		/* the re-run missed: back to the run before it */
		char line[128];
		snprintf(line, sizeof line, "%s", it->line);
		iv_pop(&a->iv);
		a->errors[0] = '\0';
		a->nerrors = 0;
		load(a, a->path, 1);
		if (form == 1)
			say(a, 8,
			    "Not done: the re-run with '%s' did not change that segment\nso the "
			    "line was taken back (the language cannot say it exactly)",
			    line);
	}
	a->iv.menu.open = 0;
}

/* GA_IV_UNDO: the newest intervention goes; the present goes to the moment
 * its segment left. */
static void iv_undo(struct gui_app *a)
{
	if (a->iv.n == 0) {
		say(a, 3, "Nothing to undo: no drop or delay yet (click a segment on the ladder)");
		return;
	}
	struct iv_item it = a->iv.item[a->iv.n - 1];
	iv_pop(&a->iv);
	if (load(a, a->path, 1) != 0) {
		a->iv.n++; /* the file no longer loads: keep the branch shown */
		return;
	}
	a->playing = 0;
	set_time(a, it.sent);
	say(a, 5, "Undone: %s\n%d intervention%s left", it.line, a->iv.n, a->iv.n == 1 ? "" : "s");
}

/* GA_IV_COMPARE (the branch bar's Compare, Shift+C's third choice):
 * compare mode with the run before the newest intervention, the file's
 * text with the others' lines, under this run's profile and seed. */
static void iv_compare(struct gui_app *a)
{
	if (!a->iv.n) {
		say(a, 3, "No intervention yet: click a segment, drop or delay it, then compare");
		return;
	}
	size_t len = 0;
	char *file = NULL;
	scn_read_file(a->path, &file, &len, NULL);
	struct scenario *before =
	    file ? iv_scenario_before(&a->iv, a->path, file, len, a->scn->profile, sim_seed(a->sim))
	         : NULL;
	free(file);
	if (!before) {
		say(a, 6, "Compare: cannot make the run before this intervention from %s", a->path);
		return;
	}
	char label[1200];
	char ivs[64] = " before the intervention";
	if (a->iv.n > 1)
		snprintf(ivs, sizeof ivs, " with %d intervention%s (not the last)", a->iv.n - 1,
		         a->iv.n == 2 ? "" : "s");
	snprintf(label, sizeof label, "%s%s, %s, seed %" PRIu64, file_name(a->path), ivs,
	         profile_name(before->profile), before->seed);
	if (gui_app_compare(a, before, label) == 0)
		say(a, 5, "Run B: the run before '%s' (C: back)", a->iv.item[a->iv.n - 1].line);
}

/* GA_IV_SAVE: the branch as a new scenario; the message names it.  The
 * branch ran under the window's profile and seed (--profile, --seed, or
 * compare's): where the file's own differ, the saved text says the
 * window's (iv_pin_run), so that tcpsim trace of it gives this run. */
static void iv_save_branch(struct gui_app *a)
{
	char out[PATH_MAX + 600], what[96] = "";
	char *text = NULL;
	size_t len = 0;
	int pin = a->iv.text ? iv_pin_run(a->path, a->iv.text, a->iv.len, a->scn->profile,
	                                  sim_seed(a->sim), &text, &len, what, sizeof what)
	                     : 0;
	struct gui_iv pinned;
	const struct gui_iv *iv = &a->iv;
	if (pin > 0) { /* the branch with the window's profile and seed */
		pinned = a->iv;
		pinned.text = text;
		pinned.len = len;
		iv = &pinned;
	}
	int rc = pin < 0 ? -1 : iv_save(iv, a->path, out, sizeof out);
	free(text);
	if (rc == 0 && !a->iv.stem[0]) /* E names the branch's files alike */
		snprintf(a->iv.stem, sizeof a->iv.stem, "%.*s", (int)(strlen(out) - 5), out);
	if (pin < 0)
		say(a, 10,
		    "Not saved: the branch could not be written to run under the %s profile and "
		    "seed %" PRIu64 " as this window ran it (out of memory?)",
		    profile_name(a->scn->profile), sim_seed(a->sim));
	else if (rc != 0)
		say(a, 8, "Not saved: %s", out);
	else if (pin > 0)
		say(a, 10,
		    "Saved the branch as a scenario, with %s (the window's; tcpsim trace of it "
		    "gives this run):\n%s",
		    what, out);
	else
		say(a, 10,
		    "Saved the branch as a scenario (tcpsim trace of it gives this run):\n%s", out);
}

void gui_app_do(struct gui_app *a, int action, int64_t arg)
{
	a->dirty = 1;
	/* Moving the present by hand in a run still simulated ahead first
	 * simulates the rest (under a second for a million events): seeking
	 * near the frontier each frame would cost far more. */
	if (!a->complete && (action == GA_STEP || action == GA_NEXT_STATE || action == GA_END ||
	                     action == GA_SEEK_TIME || action == GA_SEEK_RECORD ||
	                     action == GA_SCRUB || action == GA_IV_MENU || action == GA_IV_CHOOSE))
		gui_app_finish(a);
	if (quiz_refuses(a, action))
		return;
	int64_t k0 = a->k;
	simtime_t t0 = a->t;
	switch (action) {
	case GA_PLAY:
		if (!a->playing && a->tr->n && a->k >= (int64_t)a->tr->n - 1 && a->t >= run_end(a))
			set_record(a, -1); /* at the end: play again from the start */
		a->playing = !a->playing;
		break;
	case GA_STEP:
		a->playing = 0;
		if (cmp_shown(a)) {
			/* compare mode: the next instant of either run */
			simtime_t ta = next_instant(a->tr, a->t, a->started);
			simtime_t tb = next_instant(a->cmp.tr, a->t, a->started);
			if (ta < 0 || (tb >= 0 && tb < ta))
				ta = tb;
			if (ta >= 0)
				set_time(a, ta);
		} else {
			set_record(a, a->k + 1);
		}
		break;
	case GA_BACK:
		a->playing = 0;
		if (cmp_shown(a)) {
			/* compare mode: the instant before, of either run */
			simtime_t ta = prev_instant(a->tr, a->t),
			          tb = prev_instant(a->cmp.tr, a->t);
			if (tb > ta)
				ta = tb;
			if (!a->started)
				break;
			if (ta >= 0)
				set_time(a, ta);
			else
				set_record(a, -1);
		} else {
			set_record(a, a->k - 1);
		}
		break;
	case GA_NEXT_STATE:
		a->playing = 0;
		state_step(a, 1);
		break;
	case GA_PREV_STATE:
		a->playing = 0;
		state_step(a, -1);
		break;
	case GA_HOME:
		a->playing = 0;
		set_record(a, -1);
		break;
	case GA_END:
		a->playing = 0;
		set_record(a, (int64_t)a->tr->n - 1);
		if (run_end(a) > a->t)
			set_time(a, run_end(a)); /* compare mode: run B ends later */
		break;
	case GA_SEEK_TIME: set_time(a, (simtime_t)arg); break;
	case GA_SEEK_RECORD: set_record(a, arg); break;
	case GA_SCRUB:
		/* compare mode: the instant of that place of both runs' records,
		 * shown whole; the place before all: the start */
		if (!cmp_shown(a))
			set_record(a, arg);
		else if (arg < 0)
			set_record(a, -1);
		else
			set_time(a, cmp_scrub_time(a, arg));
		break;
	case GA_FASTER:
		if (a->speed_idx < NSPEEDS - 1)
			a->speed_idx++;
		say(a, 1.5, "Speed %s", speed_label(a->speed_idx));
		break;
	case GA_SLOWER:
		if (a->speed_idx > 0)
			a->speed_idx--;
		say(a, 1.5, "Speed %s", speed_label(a->speed_idx));
		break;
	case GA_SKIP_IDLE:
		a->skip_idle = !a->skip_idle;
		say(a, 2, "Skip idle %s", a->skip_idle ? "on" : "off");
		break;
	case GA_RELOAD:
		if (gui_app_reload(a) == 0) {
			char abs[PATH_MAX];
			say(a, 2, "Reloaded %s", absolute(a->path, abs, sizeof abs));
			say_kept(a);
			say_warnings(a);
		}
		break;
	case GA_OPEN:
		a->open_list = !a->open_list;
		if (a->open_list)
			openlist_fill(&a->open, a->path);
		a->help = 0;
		break;
	case GA_OPEN_FILE: open_file(a, (int)arg); break;
	case GA_OPEN_CHOSEN: open_file(a, openlist_chosen(&a->open)); break;
	case GA_OPEN_MOVE: openlist_move(&a->open, (int)arg, open_rows(a)); break;
	case GA_OPEN_SCROLL: openlist_scroll(&a->open, (int)arg, open_rows(a)); break;
	case GA_OPEN_TYPE: openlist_type(&a->open, (int)arg); break;
	case GA_OPEN_BACKSPACE: openlist_backspace(&a->open); break;
	case GA_ZOOM_IN:
		if (a->zoom_idx < NZOOMS - 1)
			a->zoom_idx++;
		break;
	case GA_ZOOM_OUT:
		if (a->zoom_idx > 0)
			a->zoom_idx--;
		break;
	case GA_ZOOM_RESET: a->zoom_idx = ZOOM_DEFAULT; break;
	case GA_THEME: a->dark = !a->dark; break;
	case GA_PLOT:
		a->plot = (a->plot + 1) % 3;
		say(a, 2, "%s",
		    a->plot == 1   ? "Time-sequence graph (G: the congestion window)"
		    : a->plot == 2 ? "Congestion window (G: the state diagram)"
		                   : "The state diagram (G: the time-sequence graph)");
		break;
	case GA_PLOT_SIDE: {
		/* the other end of the one plotted (or that would be) */
		int shown =
		    a->plot_st.host == 0 || a->plot_st.host == 1 ? a->plot_st.host : a->plot_from;
		a->plot_from = shown == 0 ? 1 : 0;
		if (!a->plot)
			a->plot = 1;
		if (a->scn->nhosts > 1)
			say(a, 2, "The %s's data (Shift+G: the %s's)",
			    a->scn->hosts[a->plot_from].name, a->scn->hosts[!a->plot_from].name);
		break;
	}
	case GA_COMPARE:
	case GA_COMPARE_WITH:
		if (a->quiz.on) {
			say(a, 3, "Compare mode waits for the quiz to end (P ends it)");
			break;
		}
		if (action == GA_COMPARE_WITH) {
			/* the other profile, then the next seed, then the other
			 * profile again (a given run B is left for the first) */
			/* after the next seed, with interventions: the run before them */
			if (a->iv.n && a->cmp.scn && a->cmp.source == CMP_SRC_SEED) {
				iv_compare(a);
				break;
			}
			cmp_choose(a, a->cmp.scn && a->cmp.source == CMP_SRC_PROFILE
			                  ? CMP_SRC_SEED
			                  : CMP_SRC_PROFILE);
			break;
		}
		if (!a->cmp.scn)
			cmp_choose(a, CMP_SRC_PROFILE);
		else
			a->cmp.on = !a->cmp.on;
		if (a->cmp.scn && !a->cmp.on)
			say(a, 2, "Compare mode off (C: back on)");
		break;
	case GA_SCREENSHOT:
		a->pending_shot = 1; /* taken when the next frame is drawn */
		break;
	case GA_EXPORT: export_files(a); break;
	case GA_HELP:
		a->help = !a->help;
		a->open_list = 0;
		a->iv.menu.open = 0;
		break;
	case GA_ESCAPE:
		if (a->iv.menu.open)
			a->iv.menu.open = 0;
		else if (a->help || a->open_list)
			a->help = a->open_list = 0;
		else if (a->nerrors)
			a->errors_hidden = 1; /* until the next failed load */
		else if (a->fullscreen)
			gui_app_do(a, GA_FULLSCREEN, 0);
		break;
	case GA_QUIT: a->quit = 1; break;
	case GA_FULLSCREEN:
		a->fullscreen = !a->fullscreen;
		draw_fullscreen(a->d, a->fullscreen);
		break;
	case GA_FOLLOW: follow(a, arg); break;
	case GA_SCROLL_TABLE:
		a->scroll_table += (int)arg;
		if (a->scroll_table < 0)
			a->scroll_table = 0;
		break;
	case GA_PLOT_ZOOM:
		a->plot_zoom += (int)arg;
		a->plot_zoom = a->plot_zoom < 0 ? 0 : a->plot_zoom > 12 ? 12 : a->plot_zoom;
		break;
	case GA_SCROLL_EXPECT:
		a->scroll_expect += (int)arg;
		if (a->scroll_expect < 0)
			a->scroll_expect = 0;
		break;
	case GA_QUIZ:
		if (a->quiz.on)
			quiz_leave(a);
		else
			quiz_enter(a);
		return;
	case GA_QUIZ_ANSWER: quiz_answer(a, (int)arg); return;
	case GA_QUIZ_NEXT: quiz_continue(a); return;
	case GA_IV_MENU: iv_menu(a, arg); break;
	case GA_IV_MOVE:
		if (a->iv.menu.open && a->iv.menu.n)
			a->iv.menu.sel = (a->iv.menu.sel + (int)arg % a->iv.menu.n + a->iv.menu.n) %
			                 a->iv.menu.n;
		break;
	case GA_IV_CHOOSE: iv_branch(a, arg); break;
	case GA_IV_SAVE: iv_save_branch(a); break;
	case GA_IV_UNDO: iv_undo(a); break;
	case GA_IV_COMPARE: iv_compare(a); break;
	default: break;
	}
	cmp_sync(a); /* compare mode turned on, or run B made anew */
	if (a->k != k0 || a->t != t0)
		quiz_moved(a, k0, t0);
}

/* ---- time ---- */

/* 1 when some segment is on the wire at time t. */
static simtime_t flight_end(const struct trace_seg *s)
{
	return s->lost ? (s->sent + s->arrive) / 2 : s->arrive;
}

/* 1 when some segment is on the wire at time t.  Segments are in send
 * order: only those sent within the run's longest flight before t can
 * be, found by binary search (a flood has a million segments). */
static int busy_at(struct gui_app *a, simtime_t t)
{
	const struct trace *tr = a->tr;
	for (; a->flights_seen < tr->nsegs; a->flights_seen++) {
		const struct trace_seg *s = &tr->segs[a->flights_seen];
		if (flight_end(s) - s->sent > a->max_flight)
			a->max_flight = flight_end(s) - s->sent;
	}
	uint32_t lo = 0, hi = tr->nsegs;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (tr->segs[mid].sent < t - a->max_flight)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo; i < tr->nsegs && tr->segs[i].sent <= t; i++)
		if (t < flight_end(&tr->segs[i]))
			return 1;
	return 0;
}

static void play(struct gui_app *a, double dt)
{
	if (!a->tr->n) {
		a->playing = 0;
		return;
	}
	simtime_t end = run_end(a);
	double rate = speed(a->speed_idx) * 1e6; /* simulated us per wall s */
	int64_t next = a->k + 1;
	if (a->skip_idle && next < (int64_t)a->tr->n && !busy_at(a, a->t)) {
		double gap = (double)(a->tr->recs[next].t - a->t);
		if (gap / rate > IDLE_WALL) {
			/* stretch so the whole gap takes IDLE_WALL; remember the
			 * rate for the gap so it does not slow down as it closes */
			double r = gap / IDLE_WALL;
			if (r > rate)
				rate = r;
		}
	}
	double adv = dt * rate + a->t_frac;
	simtime_t whole = (simtime_t)adv;
	double frac = adv - (double)whole;
	simtime_t t = a->t + whole;
	int64_t qk;
	simtime_t qt;
	if (quiz_play_stop(a, &qk, &qt) && t >= qt) {
		quiz_stopped(a, qk, qt);
		return;
	}
	if (t >= end && !a->complete) {
		/* playing caught up with the run simulated ahead: the rest now */
		gui_app_finish(a);
		end = run_end(a);
	}
	if (t >= end) {
		set_time(a, end);
		/* show the last records too */
		if (a->k < (int64_t)a->tr->n - 1)
			seek_record(a, (int64_t)a->tr->n - 1);
		a->playing = 0;
		a->dirty = 1; /* the last frame, playing no more */
		if (a->quiz.on && a->quiz.card == VIEW_QUIZ_WATCH)
			a->quiz.card = VIEW_QUIZ_SUMMARY;
		return;
	}
	set_time(a, t);
	a->t_frac = frac;
}

/* Simulates the run further ahead (one frame's share); when it is done,
 * the views rebuild what they keep per run, End goes to its end if it was
 * asked for, and a run stopped by a budget shows its error. */
static void extend(struct gui_app *a)
{
	if (a->complete)
		return;
	sim_extend(a->sim, FRAME_EVENTS);
	update_state_index(a, 0);
	struct sim_progress pr;
	sim_progress(a->sim, &pr);
	a->dirty = 1;
	if (!pr.complete) {
		if (a->wall >= a->progress_next) {
			a->progress_next = a->wall + 0.5;
			say(a, 1, "Simulating the run: %u events so far …", pr.records);
		}
		return;
	}
	a->complete = 1;
	a->run++; /* the views' per-run caches cover the whole run now */
	if (sim_error(a->sim) != SIM_OK) {
		const char *m = sim_error_message(a->sim);
		snprintf(a->errors, sizeof a->errors, "%s\n",
		         m && m[0] ? m : sim_error_text(sim_error(a->sim)));
		a->nerrors = 1;
		a->errors_hidden = 0;
	} else {
		say(a, 2, "The run is complete: %u events", pr.records);
		say_warnings(a);
	}
}

int gui_app_complete(const struct gui_app *a)
{
	return a->complete;
}

int gui_app_finish(struct gui_app *a)
{
	while (!a->complete)
		extend(a);
	a->message[0] = '\0';
	return sim_error(a->sim) != SIM_OK;
}

void gui_app_tick(struct gui_app *a, double dt)
{
	double before = a->wall;
	a->wall += dt;
	extend(a);
	if (a->playing && !a->dragging)
		play(a, dt);
	/* a message going away changes the screen once; one of several lines
	 * too long for the status bar side by side shows them in turn
	 * (status.c), so the screen may change each half second */
	if (a->message_until > before && a->message_until <= a->wall)
		a->dirty = 1;
	if (a->message_until > a->wall && strchr(a->message, '\n') &&
	    (long)((before - a->message_since) * 2) != (long)((a->wall - a->message_since) * 2))
		a->dirty = 1;
	if (a->wall >= a->watch_next) {
		a->watch_next = a->wall + WATCH_PERIOD;
		int w = watch_poll(&a->watch, a->path, a->wall);
		if (w == WATCH_CHANGED) {
			a->dirty = 1;
			if (gui_app_reload(a) == 0) {
				say(a, 2, "The file changed: reloaded");
				say_kept(a);
				say_warnings(a);
			}
		} else if (w == WATCH_GONE) {
			say(a, 8,
			    "The file is gone: %s. The last run stays; save it again to reload",
			    a->path);
		}
	}
}

int gui_app_busy(const struct gui_app *a)
{
	return a->playing || !a->complete || a->dragging ||
	       a->wall - a->anim[0].start < ANIM_SECONDS ||
	       a->wall - a->anim[1].start < ANIM_SECONDS;
}

int gui_app_needs_frame(const struct gui_app *a)
{
	return a->dirty || gui_app_busy(a);
}

int gui_app_idle_ms(const struct gui_app *a)
{
	double s = a->watch_next - a->wall;
	if (a->message_until > a->wall && a->message_until - a->wall < s)
		s = a->message_until - a->wall;
	if (a->message_until > a->wall && strchr(a->message, '\n') && s > 0.5)
		s = 0.5;
	int ms = (int)(s * 1000) + 1;
	return ms < 1 ? 1 : ms > 1000 ? 1000 : ms;
}

/* ---- the animation ---- */

/* The socket handle host h follows: the chosen one, else its current one. */
static int32_t followed_handle(const struct gui_app *a, int h)
{
	if (a->follow[h] >= 0)
		return a->follow[h];
	const struct snap_sock *s = view_followed(&a->snap, a->follow, h);
	if (s)
		return s->handle;
	return -1;
}

/* The last TR_STATE record <= k of host h (and handle, unless -1). */
static int64_t last_state_rec(const struct gui_app *a, int h, int32_t handle)
{
	for (int64_t i = (int64_t)state_after(a) - 1; i >= 0; i--) {
		const struct trace_rec *r = &a->tr->recs[a->state_recs[i]];
		if (r->host == h && (handle < 0 || r->sock == handle))
			return a->state_recs[i];
	}
	return -1;
}

/* Each host's latest transition, as its followed connection had it; a new
 * one starts now, its marker travelling when the present moved forward. */
static void animate(struct gui_app *a)
{
	for (int h = 0; h < 2 && h < a->snap.nhosts; h++) {
		int32_t handle = followed_handle(a, h);
		int64_t rec = last_state_rec(a, h, handle);
		if (rec < 0 && handle >= 0)
			rec = last_state_rec(a, h, -1);
		if (handle < 0)
			rec = last_state_rec(a, h, -1);
		struct view_anim *an = &a->anim[h];
		if (rec == an->rec)
			continue;
		an->travel = rec > an->rec && an->rec >= -1 && !a->settled;
		an->rec = rec;
		an->start = a->wall;
	}
}

/* ---- the frame ---- */

static float ui_scale(const struct gui_app *a, int w, int h)
{
	float sx = (float)w / 1280.0f, sy = (float)h / 720.0f;
	float s = sx < sy ? sx : sy;
	/* never below 1 (14 px text): a smaller window gets a tighter
	 * arrangement, not smaller text */
	if (s < 1)
		s = 1;
	return s * zooms[a->zoom_idx];
}

/* Run B's host h's latest state change at its present, of the socket it
 * shows (its current one), else of any of its sockets; -1 none. */
static int64_t cmp_state_rec(const struct gui_cmp *b, int h)
{
	const int32_t none[2] = {-1, -1};
	const struct snap_sock *cur = view_followed(&b->snap, none, h);
	int64_t any = -1;
	uint32_t lo = 0, hi = b->nstate_recs;
	while (lo < hi) { /* the first change after the present */
		uint32_t mid = (lo + hi) / 2;
		if ((int64_t)b->state_recs[mid] <= b->k)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* back from there, as far as a frame can afford (a flood has a
	 * million changes) */
	for (uint32_t i = lo, n = 0; i-- > 0 && n < 65536; n++) {
		const struct trace_rec *r = &b->tr->recs[b->state_recs[i]];
		if (r->host != h)
			continue;
		if (!cur || r->sock == cur->handle)
			return b->state_recs[i];
		if (any < 0)
			any = b->state_recs[i];
	}
	return any;
}

void gui_app_frame(const struct gui_app *a, struct view_frame *f)
{
	memset(f, 0, sizeof *f);
	f->d = a->d;
	f->th = gui_theme_get(a->dark);
	f->reg = &a->lay.reg;
	f->path = a->path;
	f->scn = a->scn;
	f->tr = a->tr;
	f->fmt = a->fmt;
	f->state_recs = a->state_recs;
	f->nstate_recs = a->nstate_recs;
	f->run = a->run;
	f->snap = &a->snap;
	f->k = a->k;
	f->t = a->t;
	f->follow[0] = a->follow[0];
	f->follow[1] = a->follow[1];
	f->anim[0] = a->anim[0];
	f->anim[1] = a->anim[1];
	f->wall = a->wall;
	f->settled = a->settled;
	f->playing = a->playing;
	f->skip_idle = a->skip_idle;
	f->scrub_span = gui_app_scrub_span(a);
	f->scrub_done = gui_app_scrub_done(a);
	f->speed_label = speed_label(a->speed_idx);
	f->mouse_x = a->mouse_x;
	f->mouse_y = a->mouse_y;
	f->errors = a->errors_hidden ? "" : a->errors;
	f->nerrors = a->errors_hidden ? 0 : a->nerrors;
	f->errors_held = a->errors_hidden ? a->nerrors : 0;
	f->message = a->message[0] && a->message_until > a->wall ? a->message : NULL;
	f->message_since = a->message_since;
	f->message_until = a->message_until;
	f->help = a->help;
	/* in quiz mode too: the plot is then built from the past alone */
	f->plot = a->plot;
	f->plot_zoom = a->plot_zoom;
	f->plot_from = a->plot_from;
	f->open_list = a->open_list;
	f->files = a->open.files;
	f->titles = a->open.titles;
	f->nfiles = a->open.nfiles;
	f->open_match = a->open.match;
	f->open_nmatch = a->open.nmatch;
	f->open_sel = a->open.sel;
	f->open_first = a->open.first;
	f->open_filter = a->open.filter;
	f->scroll_table = a->scroll_table;
	f->scroll_expect = a->scroll_expect;
	/* made by gui_app_layout (and when the quiz starts or ends) */
	f->quiz = a->quiz.on && a->quiz_view.qz ? &a->quiz_view : NULL;
	f->menu = &a->iv.menu;
	f->branch = &a->iv.branch;
	f->mark_seg = -1;
	f->mark_t = -1;
	f->state_b[0] = f->state_b[1] = -1;
	if (cmp_shown(a)) {
		f->axis_also = a->cmp.tr;
		f->mark_seg = a->cmp.mark[0];
		f->mark_t = a->cmp.mark_t;
		f->snap_b = &a->cmp.snap;
		f->tr_b = a->cmp.tr;
		f->k_b = a->cmp.k;
		f->state_recs_b = a->cmp.state_recs;
		f->nstate_recs_b = a->cmp.nstate_recs;
		for (int h = 0; h < 2; h++)
			f->state_b[h] = cmp_state_rec(&a->cmp, h);
		f->cmp_label[0] = a->cmp.label[0];
		f->cmp_label[1] = a->cmp.label[1];
		f->cmp_why = a->cmp.why;
	}
}

/* Run B's frame: the app's, with run B's run and present, on its own
 * ladder (run A's times in its axis). */
static void frame_b(const struct gui_app *a, const struct view_frame *fa, struct view_frame *f)
{
	const struct gui_cmp *b = &a->cmp;
	*f = *fa;
	f->scn = b->scn;
	f->tr = b->tr;
	f->fmt = b->fmt;
	f->state_recs = b->state_recs;
	f->nstate_recs = b->nstate_recs;
	f->run = b->run;
	f->snap = &b->snap;
	f->k = b->k;
	f->follow[0] = f->follow[1] = -1;
	f->axis_also = a->tr;
	f->mark_seg = b->mark[1];
	f->ladder_name = "ladder_b";
	/* the interventions' marks are run A's segments */
	f->menu = NULL;
	f->branch = NULL;
}

void gui_app_layout(struct gui_app *a)
{
	int w, h;
	draw_output_size(a->d, &w, &h);
	if (a->layout_w > 0 && a->layout_h > 0) {
		w = a->layout_w;
		h = a->layout_h;
	}
	float s = ui_scale(a, w, h);
	/* zooming in enlarges everything but the diagram, which keeps the
	 * window's own scale as far as its region allows (regions.c) */
	float base = s / zooms[a->zoom_idx];
	struct gui_layout *l = &a->lay;
	int cmp = cmp_shown(a);
	if (cmp) {
		cmp_sync(a);
		view_regions_compare(&l->reg, w, h, s, base);
	} else {
		view_regions(&l->reg, w, h, s, base);
	}
	float ds = base < s ? base : s;
	if (!l->reg.too_small) {
		float fw = l->reg.diagram.w / VIEW_DIAGRAM_W,
		      fh = l->reg.diagram.h / VIEW_DIAGRAM_H;
		float fit = fw < fh ? fw : fh;
		if (fit < ds)
			ds = fit;
	}
	l->reg.ds = ds;
	char err[256];
	if (draw_set_scale(a->d, s, ds, err, sizeof err) != 0)
		fprintf(stderr, "tcpsim: %s\n", err);
	animate(a);

	struct view_frame f;
	if (a->quiz.on)
		quizmode_view(&a->quiz, &a->quiz_view);
	gui_app_frame(a, &f);
	if (cmp) {
		/* compare mode: the diagram, two ladders, the divergence */
		struct view_frame fb;
		view_regions_branch(&l->reg, &f);
		frame_b(a, &f, &fb);
		view_controls_layout(&f, &l->controls);
		if (l->reg.no_diagram) {
			view_out_begin(&l->diag.out, "diagram", l->reg.diagram);
			view_left_out(&l->diag.out, "the state diagram",
			              "no room beside two ladders (zoom out)");
			view_out_begin(&l->plot, "plot", l->reg.diagram);
		} else {
			view_diagram_layout(&a->diagram, &f, l->reg.diagram, &l->diag);
			view_plot_layout(&a->plot_st, &f, l->reg.diagram, &l->plot);
		}
		view_ladder_layout(&a->ladder, &f, l->reg.ladder, &l->ladder);
		view_ladder_layout(&a->ladder_b_st, &fb, l->reg.ladder_b, &l->ladder_b);
		view_compare_layout(&f, &l->compare);
		view_status_layout(&f, &l->status);
		view_overlays_layout(&f, &l->overlays);
		view_intervene_layout(&f, &l->intervene);
		return;
	}
	/* quiz mode: the card takes the narration's, the notes' and the
	 * table's places (it shows the note and the narration itself) */
	if (a->quiz.on)
		view_regions_quiz(&l->reg, &f);
	else {
		view_regions_notes(&l->reg, &f);
		view_regions_narration(&l->reg, &f);
	}
	/* the branch's bar after the notes: they are never cut, the ladder
	 * gives it what it can spare */
	view_regions_branch(&l->reg, &f);
	view_controls_layout(&f, &l->controls);
	view_diagram_layout(&a->diagram, &f, l->reg.diagram, &l->diag);
	view_plot_layout(&a->plot_st, &f, l->reg.diagram, &l->plot);
	view_ladder_layout(&a->ladder, &f, l->reg.ladder, &l->ladder);
	view_panel_layout(&f, 0, &l->panel[0]);
	view_panel_layout(&f, 1, &l->panel[1]);
	if (a->quiz.on) {
		/* the table shows the present's rows; the narration and the
		 * notes are the card's */
		if (l->reg.table.w > 0 && l->reg.table.h > 0) {
			view_table_layout(&f, &l->table);
		} else {
			view_out_begin(&l->table, "table", l->reg.table);
			if (!l->reg.too_small)
				view_left_out(&l->table, "the socket table",
				              "no room under the quiz card");
		}
		view_out_begin(&l->narration, "narration", l->reg.narration);
		view_out_begin(&l->notes, "notes", l->reg.notes);
	} else {
		view_table_layout(&f, &l->table);
		view_narration_layout(&f, &l->narration);
		view_notes_layout(&f, &l->notes);
	}
	view_quiz_layout(&f, &l->quiz);
	/* the wheel scrolls no further than the lists go */
	if (a->scroll_table > l->table.scroll_max)
		a->scroll_table = l->table.scroll_max;
	if (a->scroll_expect > l->narration.scroll_max)
		a->scroll_expect = l->narration.scroll_max;
	view_status_layout(&f, &l->status);
	view_overlays_layout(&f, &l->overlays);
	view_intervene_layout(&f, &l->intervene);
}

int gui_app_views(const struct gui_app *a, const struct view_out **v)
{
	const struct gui_layout *l = &a->lay;
	/* painting order: what comes later lies on top */
	/* a plot takes the diagram's place (the diagram is still laid out:
	 * its cache stays warm, and G brings it back at once) */
	int plot = a->plot;
	const struct view_out *order[GUI_NVIEWS] = {plot ? &l->plot : &l->diag.out,
	                                            &l->ladder.out,
	                                            &l->panel[0],
	                                            &l->panel[1],
	                                            &l->table,
	                                            &l->narration,
	                                            &l->notes,
	                                            &l->status,
	                                            &l->controls.out,
	                                            &l->quiz,
	                                            &l->intervene,
	                                            &l->overlays};
	if (cmp_shown(a)) {
		/* compare mode: run B's ladder and the divergence take the
		 * panels', table's, notes' and narration's places */
		const struct view_out *cmp[] = {order[0],      order[1],    &l->ladder_b.out,
		                                &l->compare,   &l->status,  &l->controls.out,
		                                &l->intervene, &l->overlays};
		int n = (int)(sizeof cmp / sizeof cmp[0]);
		for (int i = 0; i < n; i++)
			v[i] = cmp[i];
		return n;
	}
	for (int i = 0; i < GUI_NVIEWS; i++)
		v[i] = order[i];
	return GUI_NVIEWS;
}

void gui_app_render(struct gui_app *a)
{
	gui_app_layout(a);
	gui_app_paint(a);
}

void gui_app_paint(struct gui_app *a)
{
	const struct view_out *order[GUI_NVIEWS];
	int n = gui_app_views(a, order);
	draw_begin(a->d, gui_theme_get(a->dark)->bg);
	for (int i = 0; i < n; i++)
		draw_list(a->d, &order[i]->dl);
	draw_clip(a->d, NULL);
}
