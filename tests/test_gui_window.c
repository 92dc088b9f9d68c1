/* test_gui_window: the window off-screen, driven by actions (no SDL
 * events).  Renders every lesson and fixture at several moments; checks by
 * pixels that the state box of each host carries its colour and that a lost
 * segment's red cross appears (asking the layout where to look); stepping
 * back then forward gives the same snapshot; a reload with a broken file
 * keeps the last run and reports the errors. */
#include <dirent.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "events.h"
#include "gui_fixture.h"

static int same_color(struct gui_color a, struct gui_color b)
{
	return abs(a.r - b.r) <= 8 && abs(a.g - b.g) <= 8 && abs(a.b - b.b) <= 8;
}

static simtime_t end_time(const struct gui_app *a)
{
	return a->tr->n ? a->tr->recs[a->tr->n - 1].t : 0;
}

/* Renders a file at the start, a third, two thirds and the end, in both
 * themes. */
static void render_file(struct draw *d, const char *path)
{
	struct gui_app *a = gui_app_new(d, path, NULL);
	CHECK(a != NULL);
	if (!a) {
		fprintf(stderr, "  could not load %s\n", path);
		return;
	}
	a->settled = 1;
	simtime_t end = end_time(a);
	for (int i = 0; i <= 3; i++) {
		gui_app_do(a, GA_SEEK_TIME, end * i / 3);
		a->dark = i & 1;
		gui_app_render(a);
		draw_end(d);
	}
	CHECK(a->t == end);
	gui_app_free(a);
}

static void every_lesson_and_fixture_renders(void)
{
	struct draw *d = new_draw(1280, 720);
	CHECK(d != NULL);
	if (!d)
		return;
	const char *dirs[] = {"scenarios", "tests/data"};
	int n = 0;
	for (int k = 0; k < 2; k++) {
		char dir[1200];
		snprintf(dir, sizeof dir, "%s/%s", src_dir, dirs[k]);
		DIR *dp = opendir(dir);
		if (!dp)
			continue;
		struct dirent *e;
		while ((e = readdir(dp)) != NULL) {
			size_t len = strlen(e->d_name);
			if (len < 6 || strcmp(e->d_name + len - 5, ".tcps") != 0)
				continue;
			if (k == 1 && strncmp(e->d_name, "gui_", 4) != 0)
				continue;
			if (strstr(e->d_name, "broken"))
				continue;
			char path[2400];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			render_file(d, path);
			n++;
		}
		closedir(dp);
	}
	CHECK(n >= 1);
	draw_free(d);
}

static void each_hosts_state_box_carries_its_colour(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	struct draw *d = a->d;
	a->settled = 1;
	const struct gui_theme *th = gui_theme_get(0);
	/* 150 ms: client ESTABLISHED, server SYN_RCVD or ESTABLISHED; 1 s and
	 * the end: other states.  Whatever they are, the layout says where. */
	const simtime_t moments[] = {50 * SIMTIME_MS, 115 * SIMTIME_MS, SIMTIME_S, end_time(a)};
	for (int m = 0; m < 4; m++) {
		gui_app_do(a, GA_SEEK_TIME, moments[m]);
		gui_app_render(a);
		const struct diagram_layout *dl = &a->lay.diag;
		for (int h = 0; h < 2; h++) {
			int b = dl->host_box[h];
			CHECK(b >= 0 && b < DIAG_BOXES);
			if (b < 0 || b >= DIAG_BOXES)
				continue;
			const struct snap_sock *k = view_followed(&a->snap, a->follow, h);
			int want = k ? k->state : TCPS_CLOSED;
			CHECK_INT(b == TCPS_COUNT ? TCPS_CLOSED : b, want);
			struct gui_rect r = dl->box[b];
			int shared = dl->host_box[0] == dl->host_box[1];
			float fx = shared ? (h == 0 ? 0.25f : 0.75f) : 0.5f;
			struct gui_color top =
			    draw_read_pixel(d, (int)(r.x + r.w * fx), (int)r.y + 1);
			CHECK(same_color(top, th->host[h]));
			struct gui_point p = dl->marker[h];
			struct gui_color mk =
			    draw_read_pixel(d, (int)p.x, (int)(p.y + dl->marker_r * 0.75f));
			CHECK(same_color(mk, th->host[h]));
			if (!same_color(top, th->host[h]) || !same_color(mk, th->host[h]))
				fprintf(
				    stderr,
				    "  host %d at t=%lld: box %d border %d,%d,%d marker %d,%d,%d\n",
				    h, (long long)moments[m], b, top.r, top.g, top.b, mk.r, mk.g,
				    mk.b);
		}
		draw_end(d);
	}
	close_app(a);
}

static void a_lost_segment_ends_in_a_red_cross(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	struct draw *d = a->d;
	a->settled = 1;
	int32_t lost = -1;
	for (uint32_t i = 0; i < a->tr->nsegs && lost < 0; i++)
		if (a->tr->segs[i].lost)
			lost = (int32_t)i;
	CHECK(lost >= 0);
	if (lost >= 0) {
		const struct trace_seg *sg = &a->tr->segs[lost];
		/* just after it would have reached mid-link */
		gui_app_do(a, GA_SEEK_TIME, sg->sent + (sg->arrive - sg->sent) / 2 + SIMTIME_MS);
		gui_app_render(a);
		const struct ladder_layout *ll = &a->lay.ladder;
		int found = 0;
		for (int i = 0; i < ll->nsegs; i++) {
			const struct ladder_seg *L = &ll->segs[i];
			if ((int32_t)L->seg != lost)
				continue;
			found = 1;
			CHECK(L->lost && L->done);
			struct gui_color c = draw_read_pixel(d, (int)L->cross.x, (int)L->cross.y);
			CHECK(same_color(c, gui_theme_get(0)->lost));
		}
		CHECK(found);
		/* mid-flight, before the middle: no cross yet, the head is moving */
		gui_app_do(a, GA_SEEK_TIME, sg->sent + (sg->arrive - sg->sent) / 4);
		gui_app_render(a);
		for (int i = 0; i < ll->nsegs; i++)
			if ((int32_t)ll->segs[i].seg == lost)
				CHECK(!ll->segs[i].done);
		draw_end(d);
	}
	close_app(a);
}

/* A digest of what the views show from a snapshot. */
static uint64_t snap_digest(const struct snapshot *s)
{
	uint64_t h = 1469598103934665603ull;
#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ull)
	MIX(s->now);
	MIX(s->trace_pos);
	for (int i = 0; i < s->nhosts; i++) {
		const struct snap_host *H = &s->hosts[i];
		MIX(H->nsocks);
		MIX(H->current);
		for (int j = 0; j < H->nsocks; j++) {
			const struct snap_sock *k = &H->socks[j];
			MIX(k->handle);
			MIX(k->state);
			MIX(k->snd_una);
			MIX(k->snd_nxt);
			MIX(k->snd_wnd);
			MIX(k->rcv_nxt);
			MIX(k->rcv_wnd);
			MIX(k->send_inflight);
			MIX(k->send_unsent);
			MIX(k->recv_unread);
			MIX(k->ntimers);
			for (int t = 0; t < k->ntimers; t++) {
				MIX(k->timers[t].kind);
				MIX(k->timers[t].expiry);
			}
		}
	}
#undef MIX
	return h;
}

static void stepping_back_then_forward_gives_the_same_snapshot(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	int64_t n = a->tr->n;
	for (int64_t k = 0; k < n; k += n / 7 + 1) {
		gui_app_do(a, GA_SEEK_RECORD, k);
		uint64_t before = snap_digest(&a->snap);
		simtime_t t = a->t;
		gui_app_do(a, GA_BACK, 0);
		CHECK_INT(a->k, k - 1);
		gui_app_do(a, GA_STEP, 0);
		CHECK_INT(a->k, k);
		CHECK_INT(a->t, t);
		CHECK(snap_digest(&a->snap) == before);
	}
	/* and the state-change keys land on state changes */
	gui_app_do(a, GA_HOME, 0);
	gui_app_do(a, GA_NEXT_STATE, 0);
	CHECK(a->k >= 0 && a->tr->recs[a->k].kind == TR_STATE);
	gui_app_do(a, GA_NEXT_STATE, 0);
	int64_t second = a->k;
	gui_app_do(a, GA_NEXT_STATE, 0);
	gui_app_do(a, GA_PREV_STATE, 0);
	CHECK_INT(a->k, second);
	close_app(a);
}

/* Shift+→ stops on a state change; the scenario's `note on HOST STATE`
 * for it is the next record, at the same instant: the note strip shows
 * that note there, not the note of the change before. */
static void the_note_of_a_state_change_shows_where_shift_right_stops(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	const char *want[] = {"The server is in LISTEN", "SYN: seq 2927179378",
	                      "SYN,ACK: seq 1721825043", "The client sends ack 1721825044",
	                      "The third segment arrived"};
	gui_app_do(a, GA_HOME, 0);
	for (int i = 0; i < 5; i++) {
		gui_app_do(a, GA_NEXT_STATE, 0);
		CHECK(a->k >= 0 && a->tr->recs[a->k].kind == TR_STATE);
		struct view_frame f;
		gui_app_frame(a, &f);
		int note = view_note_now(&f);
		CHECK(note >= 0);
		if (note >= 0 && !strstr(a->scn->notes[note].text, want[i])) {
			fprintf(stderr, "  state change %d: note '%s', expected '%s...'\n", i + 1,
			        a->scn->notes[note].text, want[i]);
			CHECK(0);
		}
	}
	close_app(a);
}

/* 1 when one of v's texts contains what. */
static int view_has_text(const struct view_out *v, const char *what)
{
	for (int c = 0; c < v->dl.n; c++)
		if (v->dl.cmd[c].op == DL_TEXT && strstr(dl_text_of(&v->dl, &v->dl.cmd[c]), what))
			return 1;
	return 0;
}

static void a_broken_reload_keeps_the_last_run_and_reports_errors(void)
{
	char src[1200], tmp[] = "/tmp/tcpsim-gui-test-XXXXXX";
	fixture(src, sizeof src, "gui_lost.tcps");
	char *good = read_all(src);
	CHECK(good != NULL);
	int fd = mkstemp(tmp);
	CHECK(fd >= 0);
	if (!good || fd < 0) {
		free(good);
		return;
	}
	close(fd);
	write_file(tmp, good);
	struct gui_app *a = open_app(tmp, 1280, 720);
	if (a) {
		gui_app_do(a, GA_SEEK_TIME, SIMTIME_S);
		uint32_t n = a->tr->n;
		simtime_t t = a->t;
		/* a typo and a bare number: two errors, each with line and column */
		char broken[8192];
		snprintf(broken, sizeof broken,
		         "%s\nat 4s client conect server:9502\nat 5 client close\n", good);
		write_file(tmp, broken);
		int errs = gui_app_reload(a);
		CHECK(errs >= 1);
		CHECK(a->nerrors >= 1);
		char want[1300];
		snprintf(want, sizeof want, "%s:", tmp);
		CHECK(strstr(a->errors, want) != NULL);
		CHECK(strstr(a->errors, ": error: ") != NULL);
		CHECK_INT(a->tr->n, n); /* the last good run stays */
		CHECK_INT(a->t, t);
		gui_app_render(a);
		draw_end(a->d);
		/* Esc hides them; the status bar then says the run shown is not
		 * the file as saved (it showed the title as if all were well) */
		const struct view_out *sv = &a->lay.status;
		CHECK(!view_has_text(sv, "last good run"));
		gui_app_do(a, GA_ESCAPE, 0);
		CHECK(a->errors_hidden);
		gui_app_render(a);
		draw_end(a->d);
		CHECK(view_has_text(sv, "The file has 2 errors: the last good run (R shows them)"));
		/* fixing the file clears the errors, keeping the present's time */
		write_file(tmp, good);
		CHECK_INT(gui_app_reload(a), 0);
		CHECK_INT(a->nerrors, 0);
		CHECK_INT(a->t, t);
		gui_app_render(a);
		draw_end(a->d);
		CHECK(!view_has_text(sv, "last good run"));
		/* more errors than the overlay's twelve lines: its last line
		 * says how many more (it listed 12 of 26 and said nothing) */
		size_t used = (size_t)snprintf(broken, sizeof broken, "%s\n", good);
		for (int i = 1; i <= 20 && used < sizeof broken; i++)
			used += (size_t)snprintf(broken + used, sizeof broken - used,
			                         "at %d client close\n", i);
		write_file(tmp, broken);
		CHECK_INT(gui_app_reload(a), 20);
		gui_app_render(a);
		draw_end(a->d);
		const struct view_out *ov = &a->lay.overlays;
		CHECK(view_has_text(ov, "20 errors"));
		const char *name = strrchr(tmp, '/') + 1;
		char more[256];
		snprintf(more, sizeof more, "… and 9 more errors (tcpsim check %s lists them all)",
		         name);
		if (!view_has_text(ov, more)) {
			fprintf(stderr, "  the overlay does not say \"%s\"\n", more);
			CHECK(0);
		}
		close_app(a);
	}
	unlink(tmp);
	free(good);
}

/* Every arrow label of the diagram clear of boxes, markers, other labels and
 * other arrows' lines, inside the panel, and no arrow through a box: at
 * 720p and 1080p, and at the zoom levels a teacher uses. */
static void diagram_labels_overlap_nothing(void)
{
	char path[1200];
	fixture(path, sizeof path, "gui_lost.tcps");
	const int sizes[][2] = {{1280, 720}, {1920, 1080}, {1366, 768}, {1600, 900}};
	for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
		struct gui_app *a = open_app(path, sizes[z][0], sizes[z][1]);
		if (!a)
			continue;
		/* zoom: default, one and three steps in, one and two steps out */
		const int zooms[] = {0, 1, 3, -1, -2};
		for (size_t k = 0; k < sizeof zooms / sizeof zooms[0]; k++) {
			/* three steps in at 720p leave the diagram less room
			 * than its 14 px floor needs */
			if (zooms[k] > 1 && sizes[z][1] < 900)
				continue;
			gui_app_do(a, GA_ZOOM_RESET, 0);
			for (int i = 0; i < zooms[k]; i++)
				gui_app_do(a, GA_ZOOM_IN, 0);
			for (int i = 0; i > zooms[k]; i--)
				gui_app_do(a, GA_ZOOM_OUT, 0);
			gui_app_render(a);
			draw_end(a->d);
			char why[2048];
			struct view_frame f;
			gui_app_frame(a, &f);
			int n = view_diagram_overlaps(&f, &a->lay.diag, why, sizeof why);
			CHECK_INT(n, 0);
			if (n)
				fprintf(stderr, "  %dx%d zoom %+d: %s\n", sizes[z][0], sizes[z][1],
				        zooms[k], why);
		}
		close_app(a);
	}
}

static long file_size(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (long)st.st_size : -1;
}

/* E writes NAME.pcap and NAME.svg beside the scenario and says where; when
 * it cannot, the message says so (a directory squatting on NAME.pcap stands
 * in for a read-only folder, which root could write anyway). */
static void export_writes_pcap_and_svg_beside_the_scenario(void)
{
	char dir[] = "/tmp/tcpsim-gui-export-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char src[1200], scn[1200], pcap[1200], svg[1200];
	fixture(src, sizeof src, "gui_lost.tcps");
	snprintf(scn, sizeof scn, "%s/lesson.tcps", dir);
	snprintf(pcap, sizeof pcap, "%s/lesson.pcap", dir);
	snprintf(svg, sizeof svg, "%s/lesson.svg", dir);
	char *text = read_all(src);
	CHECK(text != NULL);
	if (!text)
		return;
	write_file(scn, text);
	free(text);
	struct gui_app *a = open_app(scn, 1280, 720);
	if (a) {
		gui_app_do(a, GA_EXPORT, 0);
		CHECK(file_size(pcap) > 24); /* more than the pcap header */
		CHECK(file_size(svg) > 0);
		CHECK(strstr(a->message, "Exported") != NULL);
		CHECK(strstr(a->message, dir) != NULL);
		CHECK(strstr(a->message, "lesson.pcap") != NULL);
		CHECK(strstr(a->message, "lesson.svg") != NULL);
		gui_app_render(a); /* the message fits the window */
		draw_end(a->d);
		unlink(pcap);
		CHECK(mkdir(pcap, 0700) == 0);
		gui_app_do(a, GA_EXPORT, 0);
		CHECK(strstr(a->message, "Export failed") != NULL);
		CHECK(strstr(a->message, "lesson.pcap") != NULL);
		if (!strstr(a->message, "Export failed"))
			fprintf(stderr, "  message: %s\n", a->message);
		rmdir(pcap);
		close_app(a);
	}
	unlink(svg);
	unlink(scn);
	rmdir(dir);
}

static void keys_have_actions_and_the_look_changes(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	struct draw *d = a->d;
	a->settled = 1;
	/* play for a while: time moves forward and the present follows */
	gui_app_do(a, GA_PLAY, 0);
	CHECK(a->playing);
	for (int i = 0; i < 30; i++)
		gui_app_tick(a, 1.0 / 60);
	CHECK(a->t > 0);
	gui_app_do(a, GA_PLAY, 0);
	CHECK(!a->playing);
	int sp = a->speed_idx;
	gui_app_do(a, GA_FASTER, 0);
	CHECK_INT(a->speed_idx, sp + 1);
	gui_app_do(a, GA_SLOWER, 0);
	CHECK_INT(a->speed_idx, sp);
	gui_app_do(a, GA_THEME, 0);
	CHECK(a->dark);
	gui_app_do(a, GA_ZOOM_IN, 0);
	gui_app_do(a, GA_HELP, 0);
	CHECK(a->help);
	gui_app_render(a);
	draw_end(d);
	gui_app_do(a, GA_ESCAPE, 0);
	CHECK(!a->help);
	/* every transport and command has a button */
	gui_app_render(a);
	int have[GA_COUNT] = {0};
	const struct view_out *c = &a->lay.controls.out;
	for (int i = 0; i < c->ntargets; i++)
		have[c->targets[i].action] = 1;
	const int need[] = {GA_PLAY,       GA_STEP,   GA_BACK,    GA_NEXT_STATE, GA_PREV_STATE,
	                    GA_HOME,       GA_END,    GA_FASTER,  GA_SLOWER,     GA_SKIP_IDLE,
	                    GA_RELOAD,     GA_OPEN,   GA_ZOOM_IN, GA_ZOOM_OUT,   GA_THEME,
	                    GA_SCREENSHOT, GA_EXPORT, GA_HELP,    GA_PLOT,       GA_QUIZ};
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++)
		CHECK(have[need[i]]);
	draw_end(d);
	close_app(a);
}

/* `?` arrives as text, from whatever key the layout puts it on: the help
 * opens, and closes again; in the Open list it is a letter of the filter. */
static void question_mark_opens_the_help(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	SDL_Event key = {0}, text = {0};
	key.type = SDL_KEYDOWN;
	key.key.keysym.sym = SDLK_SLASH;
	key.key.keysym.mod = KMOD_LSHIFT;
	text.type = SDL_TEXTINPUT;
	snprintf(text.text.text, sizeof text.text.text, "?");
	gui_events_handle(a, &key, 1);
	CHECK(!a->help);
	gui_events_handle(a, &text, 1);
	CHECK(a->help);
	gui_events_handle(a, &text, 1);
	CHECK(!a->help);
	/* a layout whose key gives SDLK_QUESTION itself: still once */
	key.key.keysym.sym = SDLK_QUESTION;
	key.key.keysym.mod = 0;
	gui_events_handle(a, &key, 1);
	gui_events_handle(a, &text, 1);
	CHECK(a->help);
	gui_app_do(a, GA_OPEN, 0);
	CHECK(a->open_list && !a->help);
	gui_events_handle(a, &text, 1);
	CHECK(a->open_list && !a->help);
	close_app(a);
}

/* G puts the time-sequence graph, then the cwnd plot, in the diagram's
 * place, then the diagram again; the plot's present line follows the
 * present, and what comes after it is not drawn yet. */
static void g_cycles_the_plots_and_they_follow_the_present(void)
{
	struct gui_app *a = open_lesson("19-lossy-link.tcps", 1280, 720);
	if (!a)
		return;
	const struct view_out *v[GUI_NVIEWS];
	gui_app_render(a);
	gui_app_views(a, v);
	CHECK_STR(v[0]->name, "diagram");
	float x[2];
	int cmds[2];
	for (int kind = 1; kind <= 2; kind++) {
		gui_app_do(a, GA_PLOT, 0);
		CHECK_INT(a->plot, kind);
		for (int i = 0; i < 2; i++) {
			gui_app_do(a, GA_SEEK_TIME, (i ? 7000 : 2500) * SIMTIME_MS);
			gui_app_render(a);
			draw_end(a->d);
			gui_app_views(a, v);
			CHECK_STR(v[0]->name, "plot");
			x[i] = a->plot_st.x_now;
			cmds[i] = v[0]->dl.n;
		}
		CHECK(x[0] > v[0]->box.x && x[1] > x[0] && x[1] < v[0]->box.x + v[0]->box.w);
		CHECK(cmds[1] > cmds[0]); /* more of the transfer drawn */
		CHECK(a->plot_st.have && a->plot_st.followed);
		CHECK_INT(a->plot_st.p.kind, kind == 1 ? PLOT_TSG : PLOT_CWND);
	}
	/* the wheel zooms the time axis around the present, and back */
	gui_app_do(a, GA_PLOT_ZOOM, 3);
	gui_app_render(a);
	draw_end(a->d);
	gui_app_views(a, v);
	CHECK(a->plot_st.x_now > v[0]->box.x && a->plot_st.x_now < v[0]->box.x + v[0]->box.w);
	int zoomed = 0;
	for (int c = 0; c < v[0]->dl.n; c++)
		zoomed |= v[0]->dl.cmd[c].op == DL_TEXT &&
		          strstr(dl_text_of(&v[0]->dl, &v[0]->dl.cmd[c]), "time ×8") != NULL;
	CHECK(zoomed);
	gui_app_do(a, GA_PLOT_ZOOM, -100);
	CHECK_INT(a->plot_zoom, 0);
	gui_app_do(a, GA_PLOT, 0);
	CHECK_INT(a->plot, 0);
	gui_app_render(a);
	draw_end(a->d);
	gui_app_views(a, v);
	CHECK_STR(v[0]->name, "diagram");
	close_app(a);
}

/* Renders and presents one frame. */
static void one_frame(struct gui_app *a)
{
	gui_app_render(a);
	draw_end(a->d);
}

/* The highest byte of the data segments plotted. */
static double data_top(const struct plot *p)
{
	double top = 0;
	for (size_t j = 0; j < p->n; j++)
		if (p->v[j].mark == PM_DATA && p->v[j].y1 > top)
			top = p->v[j].y1;
	return top;
}

/* Lesson 25 is about the client's small writes, but the server sent more:
 * G plots the server's data, Shift+G the client's, a click on the plot's
 * title the server's again; the title says whose.  With the plot off,
 * Shift+G shows the time-sequence graph of the other end. */
static void shift_g_and_a_click_choose_whose_data_is_plotted(void)
{
	struct gui_app *a = open_lesson("25-nagle-delayed-ack.tcps", 1280, 720);
	if (!a)
		return;
	const struct view_out *v[GUI_NVIEWS];
	gui_app_do(a, GA_SEEK_TIME, 2200 * SIMTIME_MS);
	one_frame(a);
	CHECK_INT(a->plot_st.host, 1); /* known with the plot off */
	gui_app_do(a, GA_PLOT, 0);
	one_frame(a);
	gui_app_views(a, v);
	CHECK(a->plot_st.have && a->plot_st.followed);
	CHECK_INT(a->plot_st.p.sender, 1);
	CHECK(view_has_text(v[0], "the server's data, 10.0.0.2:80 > "));
	CHECK(view_has_text(v[0], "(it sent more)"));
	CHECK(data_top(&a->plot_st.p) == 1001); /* two answers of 500, after the SYN */
	SDL_Event key = {0};
	key.type = SDL_KEYDOWN;
	key.key.keysym.sym = SDLK_g;
	key.key.keysym.mod = KMOD_LSHIFT;
	gui_events_handle(a, &key, 1);
	CHECK_INT(a->plot, 1);
	CHECK_INT(a->plot_from, 0);
	one_frame(a);
	gui_app_views(a, v);
	CHECK(a->plot_st.have && a->plot_st.followed);
	CHECK_INT(a->plot_st.p.sender, 0);
	CHECK_INT(a->plot_st.host, 0);
	CHECK(view_has_text(v[0], "the client's data, 10.0.0.1:"));
	CHECK(!view_has_text(v[0], "(it sent more)"));
	CHECK(data_top(&a->plot_st.p) == 301); /* two requests of 100 + 50 */
	/* a reload (saving the file) keeps the choice */
	CHECK_INT(gui_app_reload(a), 0);
	one_frame(a);
	CHECK_INT(a->plot_from, 0);
	CHECK_INT(a->plot_st.p.sender, 0);
	/* a click on the title: the server's again */
	CHECK(v[0]->ntargets > 0);
	SDL_Event click = {0};
	click.type = SDL_MOUSEBUTTONDOWN;
	click.button.button = SDL_BUTTON_LEFT;
	click.button.x = (int)(v[0]->box.x + 40);
	click.button.y = (int)(v[0]->box.y + 10);
	gui_events_handle(a, &click, 1);
	CHECK_INT(a->plot_from, 1);
	one_frame(a);
	CHECK_INT(a->plot_st.p.sender, 1);
	/* the cwnd plot keeps the choice; G back to the diagram, then
	 * Shift+G: the time-sequence graph of the other end */
	gui_app_do(a, GA_PLOT, 0);
	one_frame(a);
	CHECK_INT(a->plot_st.p.kind, PLOT_CWND);
	CHECK_INT(a->plot_st.p.sender, 1);
	gui_app_do(a, GA_PLOT, 0);
	CHECK_INT(a->plot, 0);
	one_frame(a);
	gui_events_handle(a, &key, 1);
	CHECK_INT(a->plot, 1);
	one_frame(a);
	CHECK_INT(a->plot_st.p.sender, 0);
	close_app(a);
}

/* Lesson 19 at its end follows no connection (all closed): the plot is the
 * run's busiest sender, the client; Shift+G asks for the server, which sent
 * no data, and the plot says so (it kept showing the client's, its points
 * cached under the same "no socket").  Seen in a real window. */
static void shift_g_with_no_connection_followed_plots_that_hosts_data(void)
{
	struct gui_app *a = open_lesson("19-lossy-link.tcps", 1280, 720);
	if (!a)
		return;
	const struct view_out *v[GUI_NVIEWS];
	gui_app_do(a, GA_END, 0);
	gui_app_do(a, GA_PLOT, 0);
	one_frame(a);
	CHECK(a->plot_st.have && !a->plot_st.followed);
	CHECK_INT(a->plot_st.p.sender, 0);
	gui_app_do(a, GA_PLOT_SIDE, 0);
	CHECK_INT(a->plot_from, 1);
	one_frame(a);
	gui_app_views(a, v);
	CHECK(!a->plot_st.have);
	CHECK(view_has_text(v[0], "The server sends no data"));
	gui_app_do(a, GA_PLOT_SIDE, 0);
	one_frame(a);
	CHECK(a->plot_st.have);
	CHECK_INT(a->plot_st.p.sender, 0);
	close_app(a);
}

/* The first data segment stands clear of the bytes' axis: at the moment
 * it is sent the present line is right of the axis (it lay on it, and the
 * plot looked empty after the first segments had gone). */
static void the_first_segment_is_not_under_the_axis(void)
{
	struct gui_app *a = open_lesson("19-lossy-link.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_PLOT, 0);
	one_frame(a);
	CHECK(a->plot_st.have);
	gui_app_do(a, GA_SEEK_TIME, a->plot_st.p.t0);
	one_frame(a);
	CHECK(a->plot_st.x_now >= a->plot_st.x_axis + 4);
	close_app(a);
}

int main(void)
{
	fixture_init();
	RUN(every_lesson_and_fixture_renders);
	RUN(each_hosts_state_box_carries_its_colour);
	RUN(a_lost_segment_ends_in_a_red_cross);
	RUN(stepping_back_then_forward_gives_the_same_snapshot);
	RUN(the_note_of_a_state_change_shows_where_shift_right_stops);
	RUN(a_broken_reload_keeps_the_last_run_and_reports_errors);
	RUN(keys_have_actions_and_the_look_changes);
	RUN(question_mark_opens_the_help);
	RUN(g_cycles_the_plots_and_they_follow_the_present);
	RUN(shift_g_and_a_click_choose_whose_data_is_plotted);
	RUN(shift_g_with_no_connection_followed_plots_that_hosts_data);
	RUN(the_first_segment_is_not_under_the_axis);
	RUN(diagram_labels_overlap_nothing);
	RUN(export_writes_pcap_and_svg_beside_the_scenario);
	return check_report("test_gui_window");
}
