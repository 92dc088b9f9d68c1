/* app: the window's state, its actions and its loop (see app.h).  gui_run,
 * gui_shot and gui_bench_frames (gui.h) are here too.  One struct sim runs
 * the scenario to the end once, so the trace is complete; the present is
 * then a record index k and a time t, and the engine is seeked to k (from
 * its nearest checkpoint) only when k changes. */
#include "app.h"

#include <SDL.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
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

double gui_speed(int idx)
{
	return speeds[idx < 0 ? 0 : idx >= NSPEEDS ? NSPEEDS - 1 : idx];
}

const char *gui_speed_label(int idx)
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
	a->message_until = a->wall + seconds;
}

/* ---- loading and running ---- */

static void format_errors(struct gui_app *a, const struct scn_diags *d, const char *path)
{
	size_t n = 0;
	a->errors[0] = '\0';
	a->nerrors = d->n;
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

static void build_state_index(struct gui_app *a)
{
	free(a->state_recs);
	a->state_recs = NULL;
	a->nstate_recs = 0;
	uint32_t n = 0;
	for (uint32_t i = 0; i < a->tr->n; i++)
		n += a->tr->recs[i].kind == TR_STATE;
	a->state_recs = malloc((n ? n : 1) * sizeof *a->state_recs);
	if (!a->state_recs)
		return;
	for (uint32_t i = 0; i < a->tr->n; i++)
		if (a->tr->recs[i].kind == TR_STATE)
			a->state_recs[a->nstate_recs++] = i;
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
}

/* The present becomes time t: k follows. */
static void set_time(struct gui_app *a, simtime_t t)
{
	if (t < 0)
		t = 0;
	simtime_t end = a->tr->n ? a->tr->recs[a->tr->n - 1].t : 0;
	if (t > end)
		t = end;
	int64_t k = (int64_t)trace_upper_bound(a->tr, t) - 1;
	a->t = t;
	a->t_frac = 0;
	if (k != a->k)
		seek_record(a, k);
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
}

/* Loads path and runs it to the end.  On success the new run replaces the
 * old one (the present keeps its time); on failure the old run stays and
 * the errors are kept for the overlay.  Returns the number of errors. */
static int load(struct gui_app *a, const char *path)
{
	struct scenario scn;
	struct scn_diags diags = {0};
	memset(&scn, 0, sizeof scn);
	int nerr = scn_load_file(path, &scn, &diags);
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
	sim_run(s);
	/* the new run is good: drop the old one */
	simtime_t t = a->t;
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
	build_state_index(a);
	view_ladder_build_map(a);
	a->k = -2; /* force a seek */
	a->follow[0] = a->follow[1] = -1;
	a->anim[0].rec = a->anim[1].rec = -1;
	set_time(a, t);
	if (a->k == -2)
		seek_record(a, -1);
	return 0;
}

int gui_app_reload(struct gui_app *a)
{
	int n = load(a, a->path);
	gui_watch_reset(a);
	return n;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static void free_files(struct gui_app *a)
{
	for (int i = 0; i < a->nfiles; i++)
		free(a->files[i]);
	free(a->files);
	a->files = NULL;
	a->nfiles = 0;
}

/* The *.tcps files beside the current scenario (the lessons folder). */
static void list_files(struct gui_app *a)
{
	free_files(a);
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", a->path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	int cap = 0;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".tcps") != 0)
			continue;
		if (a->nfiles == cap) {
			cap = cap ? cap * 2 : 16;
			char **f = realloc(a->files, (size_t)cap * sizeof *f);
			if (!f)
				break;
			a->files = f;
		}
		size_t len = strlen(dir) + n + 2;
		char *p = malloc(len);
		if (!p)
			break;
		snprintf(p, len, "%s/%s", dir, e->d_name);
		a->files[a->nfiles++] = p;
	}
	closedir(dp);
	if (a->nfiles > 1)
		qsort(a->files, (size_t)a->nfiles, sizeof *a->files, cmp_str);
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
	a->anim[0].rec = a->anim[1].rec = -1;
	if (opt) {
		a->seed = opt->seed;
		a->seed_set = opt->seed_set;
		a->dark = opt->dark;
		a->fullscreen = opt->fullscreen;
	}
	snprintf(a->path, sizeof a->path, "%s", path);
	if (load(a, a->path) != 0) {
		fputs(a->errors, stderr);
		gui_app_free(a);
		return NULL;
	}
	gui_watch_reset(a);
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
	free(a->knot_t);
	free(a->knot_y);
	free(a->knot_gap);
	free(a->lay.ladder_l.segs);
	free_files(a);
	free(a);
}

/* ---- actions ---- */

static void state_step(struct gui_app *a, int dir)
{
	/* binary search the state index for the first record > k */
	uint32_t lo = 0, hi = a->nstate_recs;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if ((int64_t)a->state_recs[mid] <= a->k)
			lo = mid + 1;
		else
			hi = mid;
	}
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

static void base_name(const char *path, char *out, size_t size, char *dir, size_t dsize)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	snprintf(out, size, "%s", base);
	char *dot = strrchr(out, '.');
	if (dot && dot != out)
		*dot = '\0';
	if (slash)
		snprintf(dir, dsize, "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, dsize, ".");
}

/* E: NAME.pcap (the wire) and NAME.svg (the ladder) beside the scenario.
 * The message says where they went, or why they could not go there. */
static void export_files(struct gui_app *a)
{
	char base[512], dir[1024], pcap[2048], svg[2048], err[256];
	base_name(a->path, base, sizeof base, dir, sizeof dir);
	snprintf(pcap, sizeof pcap, "%s/%s.pcap", dir, base);
	snprintf(svg, sizeof svg, "%s/%s.svg", dir, base);
	if (access(dir, W_OK) != 0) {
		say(a, 8, "Export failed: the scenario's folder is not writable (%s)\n%s",
		    strerror(errno), dir);
		return;
	}
	if (out_pcap(pcap, a->scn, a->tr, -1, err, sizeof err) != 0) {
		say(a, 8, "Export failed: cannot write %s.pcap\n%s", base, err);
		return;
	}
	FILE *f = fopen(svg, "w");
	if (!f) {
		say(a, 8, "Export failed: cannot write %s.svg (%s)\n%s", base, strerror(errno),
		    dir);
		return;
	}
	int rc = out_svg(f, a->scn, a->tr, 0, 0);
	if (fclose(f) != 0 || rc != 0) {
		say(a, 8, "Export failed: cannot write %s.svg\n%s", base, dir);
		return;
	}
	say(a, 6, "Exported %s.pcap (open it in Wireshark) and %s.svg (the ladder)\nto %s", base,
	    base, dir);
}

static void screenshot(struct gui_app *a)
{
	char base[512], dir[1024], png[2048], err[256], ts[32];
	base_name(a->path, base, sizeof base, dir, sizeof dir);
	simtime_fmt(ts, sizeof ts, a->t);
	snprintf(png, sizeof png, "%s/%s-t%s.png", dir, base, ts);
	if (draw_save_png(a->d, png, err, sizeof err) != 0)
		say(a, 6, "Screenshot failed: %s", err);
	else
		say(a, 6, "Screenshot saved: %s", png);
}

void gui_app_do(struct gui_app *a, int action, int64_t arg)
{
	switch (action) {
	case GA_PLAY:
		if (!a->playing && a->tr->n && a->k >= (int64_t)a->tr->n - 1)
			set_record(a, -1); /* at the end: play again from the start */
		a->playing = !a->playing;
		break;
	case GA_STEP:
		a->playing = 0;
		set_record(a, a->k + 1);
		break;
	case GA_BACK:
		a->playing = 0;
		set_record(a, a->k - 1);
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
		break;
	case GA_SEEK_TIME: set_time(a, (simtime_t)arg); break;
	case GA_SEEK_RECORD: set_record(a, arg); break;
	case GA_FASTER:
		if (a->speed_idx < NSPEEDS - 1)
			a->speed_idx++;
		say(a, 1.5, "Speed %s", gui_speed_label(a->speed_idx));
		break;
	case GA_SLOWER:
		if (a->speed_idx > 0)
			a->speed_idx--;
		say(a, 1.5, "Speed %s", gui_speed_label(a->speed_idx));
		break;
	case GA_SKIP_IDLE:
		a->skip_idle = !a->skip_idle;
		say(a, 2, "Skip idle %s", a->skip_idle ? "on" : "off");
		break;
	case GA_RELOAD:
		if (gui_app_reload(a) == 0)
			say(a, 2, "Reloaded %s", a->path);
		break;
	case GA_OPEN:
		a->open_list = !a->open_list;
		if (a->open_list)
			list_files(a);
		a->help = 0;
		break;
	case GA_OPEN_FILE:
		if (arg >= 0 && arg < a->nfiles) {
			char old[1024];
			snprintf(old, sizeof old, "%s", a->path);
			a->t = 0;
			if (load(a, a->files[arg]) == 0) {
				set_record(a, -1);
				a->playing = 0;
				gui_watch_reset(a);
				say(a, 3, "Opened %s", a->path);
			} else {
				snprintf(a->path, sizeof a->path, "%s", old);
			}
		}
		a->open_list = 0;
		break;
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
	case GA_SCREENSHOT:
		a->pending_shot = 1; /* taken when the next frame is drawn */
		break;
	case GA_EXPORT: export_files(a); break;
	case GA_HELP:
		a->help = !a->help;
		a->open_list = 0;
		break;
	case GA_ESCAPE:
		if (a->help || a->open_list)
			a->help = a->open_list = 0;
		else if (a->fullscreen)
			gui_app_do(a, GA_FULLSCREEN, 0);
		break;
	case GA_QUIT: a->quit = 1; break;
	case GA_FULLSCREEN:
		a->fullscreen = !a->fullscreen;
		if (draw_window(a->d))
			SDL_SetWindowFullscreen(draw_window(a->d),
			                        a->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
		break;
	case GA_FOLLOW: follow(a, arg); break;
	default: break;
	}
}

/* ---- time ---- */

/* 1 when some segment is on the wire at time t. */
static int busy_at(const struct gui_app *a, simtime_t t)
{
	for (uint32_t i = 0; i < a->tr->nsegs; i++) {
		const struct trace_seg *s = &a->tr->segs[i];
		simtime_t end = s->lost ? (s->sent + s->arrive) / 2 : s->arrive;
		if (s->sent <= t && t < end)
			return 1;
	}
	return 0;
}

static void play(struct gui_app *a, double dt)
{
	if (!a->tr->n) {
		a->playing = 0;
		return;
	}
	simtime_t end = a->tr->recs[a->tr->n - 1].t;
	double rate = gui_speed(a->speed_idx) * 1e6; /* simulated us per wall s */
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
	if (t >= end) {
		set_time(a, end);
		/* show the last records too */
		if (a->k < (int64_t)a->tr->n - 1)
			seek_record(a, (int64_t)a->tr->n - 1);
		a->playing = 0;
		return;
	}
	set_time(a, t);
	a->t_frac = frac;
}

void gui_app_tick(struct gui_app *a, double dt)
{
	a->wall += dt;
	if (a->playing && !a->dragging)
		play(a, dt);
	if (a->wall >= a->watch_next) {
		a->watch_next = a->wall + 0.25;
		if (gui_watch_poll(a)) {
			if (gui_app_reload(a) == 0)
				say(a, 2, "The file changed: reloaded");
		}
	}
}

/* ---- frame ---- */

static float ui_scale(const struct gui_app *a, int w, int h)
{
	float sx = (float)w / 1280.0f, sy = (float)h / 720.0f;
	float s = sx < sy ? sx : sy;
	if (s < 0.85f)
		s = 0.85f;
	return s * zooms[a->zoom_idx];
}

void gui_app_render(struct gui_app *a)
{
	int w, h;
	draw_output_size(a->d, &w, &h);
	a->width = w;
	a->height = h;
	float s = ui_scale(a, w, h);
	/* zooming in enlarges everything but the diagram, which already
	 * fills its panel at the window's own scale */
	float fit = s / zooms[a->zoom_idx];
	float ds = s < fit ? s : fit;
	if (s > fit) {
		/* and zoomed-in bars leave it less room than that */
		struct gui_layout ref, now;
		gui_layout_regions(&ref, w, h, fit);
		gui_layout_regions(&now, w, h, s);
		float rh = now.diagram.h / ref.diagram.h, rw = now.diagram.w / ref.diagram.w;
		ds *= rh < rw ? rh : rw;
	}
	char err[256];
	if (draw_set_scale(a->d, s, ds, err, sizeof err) != 0)
		fprintf(stderr, "tcpsim: %s\n", err);
	struct gui_layout *l = &a->lay;
	gui_layout_regions(l, w, h, s);
	l->ds = ds;
	view_controls_layout(a);
	view_diagram_layout(a, &l->diag, l->diagram);
	view_ladder_layout(a, &l->ladder_l, l->ladder);

	const struct gui_theme *th = gui_theme_get(a->dark);
	draw_begin(a->d, th->bg);
	view_diagram_draw(a, &l->diag);
	view_ladder_draw(a, &l->ladder_l);
	view_panels_draw(a);
	view_table_draw(a);
	view_narration_draw(a);
	view_status_draw(a);
	view_controls_draw(a);
	view_overlays_draw(a);
	draw_clip(a->d, NULL);
}

/* ---- input ---- */

static void key(struct gui_app *a, const SDL_KeyboardEvent *k)
{
	int ctrl = (k->keysym.mod & KMOD_CTRL) != 0;
	int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
	SDL_Keycode c = k->keysym.sym;
	if (a->open_list) {
		if (c >= SDLK_1 && c <= SDLK_9) {
			gui_app_do(a, GA_OPEN_FILE, c - SDLK_1);
			return;
		}
	}
	switch (c) {
	case SDLK_SPACE: gui_app_do(a, GA_PLAY, 0); break;
	case SDLK_RIGHT: gui_app_do(a, shift ? GA_NEXT_STATE : GA_STEP, 0); break;
	case SDLK_LEFT: gui_app_do(a, shift ? GA_PREV_STATE : GA_BACK, 0); break;
	case SDLK_HOME: gui_app_do(a, GA_HOME, 0); break;
	case SDLK_END: gui_app_do(a, GA_END, 0); break;
	case SDLK_PLUS:
	case SDLK_EQUALS:
	case SDLK_KP_PLUS: gui_app_do(a, ctrl ? GA_ZOOM_IN : GA_FASTER, 0); break;
	case SDLK_MINUS:
	case SDLK_KP_MINUS: gui_app_do(a, ctrl ? GA_ZOOM_OUT : GA_SLOWER, 0); break;
	case SDLK_0:
		if (ctrl)
			gui_app_do(a, GA_ZOOM_RESET, 0);
		break;
	case SDLK_i: gui_app_do(a, GA_SKIP_IDLE, 0); break;
	case SDLK_r: gui_app_do(a, GA_RELOAD, 0); break;
	case SDLK_o: gui_app_do(a, GA_OPEN, 0); break;
	case SDLK_t: gui_app_do(a, GA_THEME, 0); break;
	case SDLK_s: gui_app_do(a, GA_SCREENSHOT, 0); break;
	case SDLK_e: gui_app_do(a, GA_EXPORT, 0); break;
	case SDLK_h:
	case SDLK_F1: gui_app_do(a, GA_HELP, 0); break;
	case SDLK_ESCAPE: gui_app_do(a, GA_ESCAPE, 0); break;
	case SDLK_q: gui_app_do(a, GA_QUIT, 0); break;
	case SDLK_F11: gui_app_do(a, GA_FULLSCREEN, 0); break;
	case SDLK_f:
		if (!ctrl)
			gui_app_do(a, GA_FOLLOW, -1);
		break;
	default: break;
	}
}

static void scrub_to(struct gui_app *a, float x)
{
	struct gui_rect r = a->lay.scrub;
	if (r.w <= 0 || !a->tr->n)
		return;
	float f = (x - r.x) / r.w;
	f = f < 0 ? 0 : f > 1 ? 1 : f;
	/* the scrub bar is laid out by record, so equal time gaps do not
	 * squeeze a handshake into a pixel */
	int64_t k = (int64_t)(f * (float)a->tr->n + 0.5f) - 1;
	gui_app_do(a, GA_SEEK_RECORD, k);
}

static void click(struct gui_app *a, float x, float y)
{
	struct gui_layout *l = &a->lay;
	if (a->open_list) {
		for (int i = 0; i < l->nopen_items; i++)
			if (gui_rect_has(l->open_items[i], x, y)) {
				gui_app_do(a, GA_OPEN_FILE, i);
				return;
			}
		a->open_list = 0;
		return;
	}
	if (a->help) {
		a->help = 0;
		return;
	}
	for (int i = 0; i < l->nbuttons; i++)
		if (gui_rect_has(l->buttons[i].r, x, y)) {
			gui_app_do(a, l->buttons[i].action, l->buttons[i].arg);
			return;
		}
	struct gui_rect sr = l->scrub;
	sr.y -= 8 * l->s;
	sr.h += 16 * l->s;
	if (gui_rect_has(sr, x, y)) {
		a->dragging = 1;
		scrub_to(a, x);
		return;
	}
	for (int i = 0; i < l->nrows; i++)
		if (gui_rect_has(l->rows[i].r, x, y)) {
			gui_app_do(a, GA_FOLLOW,
			           ((int64_t)l->rows[i].host << 24) |
			               (l->rows[i].handle & 0xffffff));
			return;
		}
}

/* Maps one SDL event to actions. */
static void handle_event(struct gui_app *a, const SDL_Event *e, float px_ratio)
{
	switch (e->type) {
	case SDL_QUIT: a->quit = 1; break;
	case SDL_KEYDOWN: key(a, &e->key); break;
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.button == SDL_BUTTON_LEFT)
			click(a, (float)e->button.x * px_ratio, (float)e->button.y * px_ratio);
		break;
	case SDL_MOUSEBUTTONUP: a->dragging = 0; break;
	case SDL_MOUSEMOTION:
		a->mouse_x = (float)e->motion.x * px_ratio;
		a->mouse_y = (float)e->motion.y * px_ratio;
		if (a->dragging)
			scrub_to(a, a->mouse_x);
		break;
	default: break;
	}
}

int gui_run(const char *scenario_path, const struct gui_options *opt)
{
	char err[512];
	int w = opt && opt->width ? opt->width : 1280, h = opt && opt->height ? opt->height : 720;
	char title[1100];
	snprintf(title, sizeof title, "tcpsim — %s", scenario_path);
	struct draw *d = draw_new(1, title, w, h, opt ? opt->fullscreen : 0, err, sizeof err);
	if (!d) {
		fprintf(stderr, "tcpsim: %s\n", err);
		return 2;
	}
	struct gui_app *a = gui_app_new(d, scenario_path, opt);
	if (!a) {
		draw_free(d);
		SDL_Quit();
		return 2;
	}
	Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
	while (!a->quit) {
		SDL_Event e;
		int ww, wh, ow, oh;
		SDL_GetWindowSize(draw_window(d), &ww, &wh);
		draw_output_size(d, &ow, &oh);
		float ratio = ww > 0 ? (float)ow / (float)ww : 1.0f;
		int animating = a->playing || a->dragging || a->wall - a->anim[0].start < 2.5 ||
		                a->wall - a->anim[1].start < 2.5 || a->message_until > a->wall;
		if (!animating && SDL_WaitEventTimeout(&e, 250))
			handle_event(a, &e, ratio);
		while (SDL_PollEvent(&e))
			handle_event(a, &e, ratio);
		Uint64 now = SDL_GetPerformanceCounter();
		double dt = (double)(now - last) / (double)freq;
		last = now;
		if (dt > 0.25)
			dt = 0.25; /* after a stall, do not jump */
		gui_app_tick(a, dt);
		gui_app_render(a);
		if (a->pending_shot) {
			a->pending_shot = 0;
			screenshot(a);
		}
		draw_end(d);
	}
	gui_app_free(a);
	draw_free(d);
	SDL_Quit();
	return 0;
}

int gui_shot(const char *scenario_path, simtime_t at, const char *png_path,
             const struct gui_options *opt)
{
	char err[512];
	int w = opt && opt->width ? opt->width : 1280, h = opt && opt->height ? opt->height : 720;
	struct draw *d = draw_new(0, NULL, w, h, 0, err, sizeof err);
	if (!d) {
		fprintf(stderr, "tcpsim: %s\n", err);
		return 2;
	}
	struct gui_app *a = gui_app_new(d, scenario_path, opt);
	if (!a) {
		draw_free(d);
		return 2;
	}
	a->settled = 1;
	gui_app_do(a, GA_SEEK_TIME, at);
	gui_app_render(a);
	int rc = 0;
	if (draw_save_png(d, png_path, err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim: %s\n", err);
		rc = 2;
	}
	draw_end(d);
	gui_app_free(a);
	draw_free(d);
	return rc;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* A bulk transfer of about a thousand segments, as a scenario file. */
static const char bench_text[] = "title \"Frame benchmark: a bulk transfer\"\n"
                                 "host client 10.0.0.1\n"
                                 "host server 10.0.0.2\n"
                                 "link delay=10ms\n"
                                 "at 0s server listen 80\n"
                                 "at 10ms client connect server:80\n"
                                 "at 100ms client send 980000\n"
                                 "at 20s client close\n"
                                 "on server CLOSE_WAIT server close\n";

int gui_bench_frames(const struct gui_options *opt)
{
	char path[] = "/tmp/tcpsim-bench-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "tcpsim: bench: cannot make a temporary file: %s\n",
		        strerror(errno));
		return 0;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return 0;
	}
	fputs(bench_text, f);
	fclose(f);
	int w = opt && opt->width ? opt->width : 1920, h = opt && opt->height ? opt->height : 1080;
	char err[512];
	struct draw *d = draw_new(0, NULL, w, h, 0, err, sizeof err);
	if (!d) {
		fprintf(stderr, "tcpsim: bench: %s\n", err);
		unlink(path);
		return 0;
	}
	struct gui_app *a = gui_app_new(d, path, opt);
	unlink(path);
	if (!a) {
		draw_free(d);
		return 0;
	}
	enum { FRAMES = 240 };
	double ms[FRAMES];
	simtime_t end = a->tr->n ? a->tr->recs[a->tr->n - 1].t : 0;
	Uint64 freq = SDL_GetPerformanceFrequency();
	for (int i = 0; i < FRAMES; i++) {
		Uint64 t0 = SDL_GetPerformanceCounter();
		/* sweep the run as a viewer scrubbing through it would */
		gui_app_do(a, GA_SEEK_TIME, (int64_t)((double)end * i / (FRAMES - 1)));
		gui_app_tick(a, 1.0 / 60);
		gui_app_render(a);
		draw_end(d);
		ms[i] = (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 / (double)freq;
	}
	double sum = 0;
	for (int i = 0; i < FRAMES; i++)
		sum += ms[i];
	qsort(ms, FRAMES, sizeof ms[0], cmp_double);
	double mean = sum / FRAMES;
	printf("frames: %d at %dx%d (software renderer), run of %u segments, %u records\n", FRAMES,
	       w, h, a->tr->nsegs, a->tr->n);
	printf("frame time: mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms\n", mean,
	       ms[FRAMES / 2], ms[FRAMES * 95 / 100], ms[FRAMES - 1]);
	printf("frame rate: %.0f fps at the mean (target 60 fps: %s)\n",
	       mean > 0 ? 1000.0 / mean : 0,
	       ms[FRAMES * 95 / 100] <= 1000.0 / 60 ? "met" : "not met");
	gui_app_free(a);
	draw_free(d);
	return 0;
}
