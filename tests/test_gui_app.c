/* test_gui_app: the window's loop decisions, off-screen and driven by
 * actions and ticks: a frame is drawn only when something changed (an
 * action, a message appearing or going, playing, an animation), never while
 * nothing moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gui_fixture.h"

/* Draws a frame as the loop does, clearing the app's change flag. */
static void frame(struct gui_app *a)
{
	a->dirty = 0;
	gui_app_render(a);
	draw_end(a->d);
}

/* Ticks for s seconds of wall time in 60 Hz steps; returns how many of
 * those steps needed a frame (drawing each one as the loop would). */
static int frames_over(struct gui_app *a, double s)
{
	int n = 0;
	int steps = (int)(s * 60 + 0.5);
	for (int i = 0; i < steps; i++) {
		gui_app_tick(a, 1.0 / 60);
		if (gui_app_needs_frame(a)) {
			n++;
			frame(a);
		}
	}
	return n;
}

static void nothing_is_drawn_while_nothing_moves(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	/* let the opening animation finish */
	frames_over(a, 3);
	CHECK_INT(frames_over(a, 10), 0);
	CHECK(gui_app_idle_ms(a) >= 1 && gui_app_idle_ms(a) <= 1000);
	/* a step: frames while its transition animates, then none */
	gui_app_do(a, GA_NEXT_STATE, 0);
	CHECK(gui_app_needs_frame(a));
	int anim = frames_over(a, 3);
	CHECK(anim >= 1 && anim <= 3 * 60);
	CHECK_INT(frames_over(a, 5), 0);
	/* a message: one frame when it shows, one when it goes */
	gui_app_do(a, GA_SKIP_IDLE, 0);
	CHECK(gui_app_needs_frame(a));
	frame(a);
	CHECK(gui_app_idle_ms(a) <= 2001);
	CHECK_INT(frames_over(a, 1), 0);
	CHECK_INT(frames_over(a, 1.5), 1);
	CHECK_INT(frames_over(a, 3), 0);
	/* playing draws every tick */
	gui_app_do(a, GA_HOME, 0);
	gui_app_do(a, GA_PLAY, 0);
	CHECK_INT(frames_over(a, 0.5), 30);
	close_app(a);
}

/* The number of Open list rows the last frame showed. */
static int rows_shown(const struct gui_app *a)
{
	int n = 0;
	for (int i = 0; i < a->lay.overlays.ntargets; i++)
		n += a->lay.overlays.targets[i].action == GA_OPEN_FILE;
	return n;
}

static void the_open_list_scrolls_filters_and_shows_titles(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/scenarios/01-three-way-handshake.tcps", src_dir);
	/* 720p: the 26 lessons do not fit */
	struct gui_app *a = open_app(path, 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_OPEN, 0);
	frame(a);
	CHECK(a->open.nfiles >= 20);
	CHECK_INT(a->open.nmatch, a->open.nfiles);
	int rows = rows_shown(a);
	CHECK(rows >= 5 && rows < a->open.nfiles);
	/* the choice starts on the open file, and its title is shown */
	CHECK_INT(openlist_chosen(&a->open), 0);
	int title_shown = 0;
	const struct dlist *dl = &a->lay.overlays.dl;
	for (int i = 0; i < dl->n; i++)
		if (dl->cmd[i].op == DL_TEXT &&
		    strcmp(dl_text_of(dl, &dl->cmd[i]), "The three-way handshake") == 0)
			title_shown = 1;
	CHECK(title_shown);
	/* down to the last: the list scrolls so the choice stays shown */
	for (int i = 0; i < a->open.nfiles; i++) {
		gui_app_do(a, GA_OPEN_MOVE, 1);
		frame(a);
	}
	CHECK_INT(a->open.sel, a->open.nfiles - 1);
	CHECK_INT(a->open.first, a->open.nfiles - rows);
	CHECK_INT(rows_shown(a), rows);
	/* the wheel scrolls back, never past the top */
	gui_app_do(a, GA_OPEN_SCROLL, -3);
	CHECK_INT(a->open.first, a->open.nfiles - rows - 3);
	gui_app_do(a, GA_OPEN_SCROLL, -1000);
	CHECK_INT(a->open.first, 0);
	/* typing filters by title or name, case aside; Enter opens */
	const char *typed = "SYN COOK";
	for (const char *p = typed; *p; p++)
		gui_app_do(a, GA_OPEN_TYPE, (unsigned char)*p);
	CHECK_INT(a->open.nmatch, 1);
	gui_app_do(a, GA_OPEN_BACKSPACE, 0);
	gui_app_do(a, GA_OPEN_TYPE, 'k');
	CHECK_INT(a->open.nmatch, 1);
	gui_app_do(a, GA_OPEN_CHOSEN, 0);
	CHECK(!a->open_list);
	CHECK(strstr(a->path, "13b-syn-cookies.tcps") != NULL);
	/* the message names the file by its absolute path */
	CHECK(a->message[0] == 'O' && strstr(a->message, "/scenarios/13b-syn-cookies.tcps"));
	CHECK(strstr(a->message, "Opened /") == a->message);
	close_app(a);
}

static void esc_closes_the_errors_and_messages_name_absolute_paths(void)
{
	char src[1200], dir[] = "/tmp/tcpsim-gui-app-XXXXXX";
	fixture(src, sizeof src, "gui_lost.tcps");
	char *good = read_all(src);
	CHECK(good != NULL);
	if (!good || !mkdtemp(dir)) {
		free(good);
		return;
	}
	char file[1200], cwd[1200];
	snprintf(file, sizeof file, "%s/lesson.tcps", dir);
	write_file(file, good);
	/* opened by a relative path, from its own folder */
	CHECK(getcwd(cwd, sizeof cwd) != NULL);
	CHECK_INT(chdir(dir), 0);
	struct gui_app *a = open_app("lesson.tcps", 1280, 720);
	if (a) {
		char broken[8192];
		snprintf(broken, sizeof broken, "%s\nat 4s client conect server:9502\n", good);
		write_file(file, broken);
		CHECK(gui_app_reload(a) >= 1);
		frame(a);
		CHECK(a->lay.overlays.dl.n > 0);
		/* Esc hides the errors; the last good run and its keys stay */
		gui_app_do(a, GA_ESCAPE, 0);
		frame(a);
		CHECK_INT(a->lay.overlays.dl.n, 0);
		CHECK(a->nerrors >= 1);
		/* another failed reload shows them again */
		CHECK(gui_app_reload(a) >= 1);
		frame(a);
		CHECK(a->lay.overlays.dl.n > 0);
		write_file(file, good);
		CHECK_INT(gui_app_reload(a), 0);
		gui_app_do(a, GA_RELOAD, 0);
		char want[1300];
		snprintf(want, sizeof want, "Reloaded %s/lesson.tcps", dir);
		CHECK_STR(a->message, want);
		/* the screenshot: absolute, the time with its unit */
		gui_app_do(a, GA_SEEK_TIME, 1500000);
		frame(a);
		gui_app_screenshot(a);
		snprintf(want, sizeof want, "Screenshot saved: %s/lesson-t1.500000s.png", dir);
		CHECK_STR(a->message, want);
		snprintf(want, sizeof want, "%s/lesson-t1.500000s.png", dir);
		CHECK(access(want, R_OK) == 0);
		unlink(want);
		/* the export says the folder, never "to ." */
		gui_app_do(a, GA_EXPORT, 0);
		snprintf(want, sizeof want, "\nin %s", dir);
		CHECK(strstr(a->message, want) != NULL);
		CHECK(strstr(a->message, " .") == NULL);
		snprintf(want, sizeof want, "%s/lesson.pcap", dir);
		unlink(want);
		snprintf(want, sizeof want, "%s/lesson.svg", dir);
		unlink(want);
		close_app(a);
	}
	CHECK_INT(chdir(cwd), 0);
	unlink(file);
	rmdir(dir);
	free(good);
}

/* A copy of tests/data/gui_lost.tcps in a fresh folder: its path in file,
 * its text returned (malloc'ed), NULL when it cannot be made. */
static char *copy_fixture(char *dir, char *file, size_t size)
{
	char src[1200];
	fixture(src, sizeof src, "gui_lost.tcps");
	char *good = read_all(src);
	CHECK(good != NULL);
	if (!good || !mkdtemp(dir)) {
		free(good);
		return NULL;
	}
	snprintf(file, size, "%s/lesson.tcps", dir);
	write_file(file, good);
	return good;
}

static void a_reload_lands_on_the_same_event(void)
{
	char dir[] = "/tmp/tcpsim-gui-app-XXXXXX", file[1200];
	char *good = copy_fixture(dir, file, sizeof file);
	if (!good)
		return;
	struct gui_app *a = open_app(file, 1280, 720);
	if (a) {
		/* 3.01 s: the server's FIN arrives; four records at that time.
		 * Stand on the first of them. */
		gui_app_do(a, GA_SEEK_TIME, 3010000);
		int64_t last = a->k, first = last;
		while (first > 0 && a->tr->recs[first - 1].t == 3010000)
			first--;
		CHECK(last - first >= 2);
		gui_app_do(a, GA_SEEK_RECORD, first + 1);
		struct trace_rec was = a->tr->recs[first + 1];
		CHECK_INT(gui_app_reload(a), 0);
		CHECK_INT(a->k, first + 1);
		CHECK_INT(a->t, 3010000);
		/* a note earlier in the file adds a record before it: the same
		 * event, one record later */
		char more[8192];
		snprintf(more, sizeof more, "%snote 1s \"One more note.\"\n", good);
		write_file(file, more);
		CHECK_INT(gui_app_reload(a), 0);
		CHECK_INT(a->k, first + 2);
		const struct trace_rec *now = &a->tr->recs[a->k];
		CHECK_INT(now->kind, was.kind);
		CHECK_INT(now->host, was.host);
		CHECK_INT(now->t, was.t);
		/* an event that is gone: the last record at or before its time */
		gui_app_do(a, GA_SEEK_TIME, 2000000);
		CHECK_INT(a->tr->recs[a->k].kind, TR_NOTE);
		write_file(file, good);
		CHECK_INT(gui_app_reload(a), 0);
		CHECK_INT(a->k, (int64_t)trace_upper_bound(a->tr, 2000000) - 1);
		CHECK_INT(a->t, 2000000);
		close_app(a);
	}
	unlink(file);
	rmdir(dir);
	free(good);
}

static void a_run_stopped_by_a_budget_shows_its_error_and_keeps_the_last_run(void)
{
	char dir[] = "/tmp/tcpsim-gui-app-XXXXXX", file[1200];
	char *good = copy_fixture(dir, file, sizeof file);
	if (!good)
		return;
	struct gui_app *a = open_app(file, 1280, 720);
	if (a) {
		gui_app_do(a, GA_SEEK_TIME, 1000000);
		uint32_t n = a->tr->n;
		/* a trigger loop at one instant: connect, refused, CLOSED ... */
		write_file(file, "host client 10.0.0.1\nhost server 10.0.0.2\nlink delay=0s\n"
		                 "at 1s client connect server:81\n"
		                 "on client CLOSED client connect server:81\n");
		CHECK_INT(gui_app_reload(a), 1);
		CHECK(strstr(a->errors, "lesson.tcps:5:") != NULL);
		CHECK(strstr(a->errors, "error: ") != NULL);
		CHECK(strstr(a->errors, "fired") != NULL);
		CHECK_INT(a->tr->n, n);
		CHECK_INT(a->t, 1000000);
		frame(a);
		int shown = 0;
		const struct dlist *dl = &a->lay.overlays.dl;
		for (int i = 0; i < dl->n; i++)
			shown |= dl->cmd[i].op == DL_TEXT &&
			         strstr(dl_text_of(dl, &dl->cmd[i]), "fired");
		CHECK(shown);
		close_app(a);
	}
	unlink(file);
	rmdir(dir);
	free(good);
}

static void the_watch_sees_a_save_by_rename_at_once_and_stat_within_a_second(void)
{
	char dir[] = "/tmp/tcpsim-gui-app-XXXXXX", file[1200], tmp[1300];
	char *good = copy_fixture(dir, file, sizeof file);
	if (!good)
		return;
	struct gui_watch w = {0};
	watch_reset(&w, file);
	CHECK(w.fd > 0);
	CHECK_INT(watch_poll(&w, file, 0.0), 0);
	/* an editor writes a new file and renames it over the old one; the
	 * same size and, within the clock's step, the same time */
	snprintf(tmp, sizeof tmp, "%s/.lesson.tcps.swp", dir);
	write_file(tmp, good);
	CHECK_INT(rename(tmp, file), 0);
	CHECK_INT(watch_poll(&w, file, 0.1), 1);
	CHECK_INT(watch_poll(&w, file, 0.2), 0);
	/* another file of the folder is not this one */
	write_file(tmp, "x");
	CHECK_INT(watch_poll(&w, file, 0.3), 0);
	unlink(tmp);
	/* without inotify, stat() notices within a second */
	watch_stop(&w);
	char more[8192];
	snprintf(more, sizeof more, "%s# one more line\n", good);
	write_file(file, more);
	CHECK_INT(watch_poll(&w, file, 0.4), 0);
	CHECK_INT(watch_poll(&w, file, 1.2), 1);
	CHECK_INT(watch_poll(&w, file, 2.5), 0);
	/* deleted: missing for a moment is not yet gone (an editor rewriting
	 * it), missing for longer is said once, and the file back is a change */
	unlink(file);
	CHECK_INT(watch_poll(&w, file, 3.6), WATCH_SAME);
	CHECK_INT(watch_poll(&w, file, 4.7), WATCH_SAME);
	CHECK_INT(watch_poll(&w, file, 6.2), WATCH_GONE);
	CHECK_INT(watch_poll(&w, file, 7.3), WATCH_SAME);
	write_file(file, good);
	CHECK_INT(watch_poll(&w, file, 8.4), WATCH_CHANGED);
	CHECK_INT(watch_poll(&w, file, 9.5), WATCH_SAME);
	unlink(file);
	rmdir(dir);
	free(good);
}

/* The window, its file deleted: a few seconds later the status bar says
 * so, the run stays; the file saved again is reloaded. */
static void a_deleted_file_is_said_and_the_run_stays(void)
{
	char dir[] = "/tmp/tcpsim-gui-app-XXXXXX", file[1200];
	char *good = copy_fixture(dir, file, sizeof file);
	if (!good)
		return;
	struct gui_app *a = open_app(file, 1280, 720);
	if (a) {
		uint32_t n = a->tr->n;
		unlink(file);
		for (int i = 0; i < 60 * 4; i++)
			gui_app_tick(a, 1.0 / 60);
		CHECK(strstr(a->message, "The file is gone: ") != NULL);
		CHECK(strstr(a->message, "save it again to reload") != NULL);
		CHECK_INT(a->tr->n, n);
		write_file(file, good);
		for (int i = 0; i < 60 * 2; i++)
			gui_app_tick(a, 1.0 / 60);
		CHECK(strstr(a->message, "reloaded") != NULL);
		CHECK_INT(a->tr->n, n);
		close_app(a);
	}
	unlink(file);
	rmdir(dir);
	free(good);
}

/* A run of 300,000 events: a flood of 100,000 SYNs. */
static const char big_run[] = "host client 10.0.0.1\nhost server 10.0.0.2 syncookies=off\n"
                              "at 0s server listen 80\n"
                              "at 0s client flood 100000 from 10.1.0.1-10.1.255.254 to "
                              "server:80 every 1us\n";

static void a_big_run_opens_at_once_and_is_simulated_between_frames(void)
{
	char dir[] = "/tmp/tcpsim-gui-app-XXXXXX", file[1200];
	if (!mkdtemp(dir))
		return;
	snprintf(file, sizeof file, "%s/flood.tcps", dir);
	write_file(file, big_run);
	struct gui_app *a = open_app(file, 1280, 720);
	if (a) {
		/* open after a first slice, drawn, busy until the rest is done */
		CHECK(!gui_app_complete(a));
		uint32_t first = a->tr->n;
		CHECK(first > 0);
		CHECK(gui_app_busy(a));
		frame(a);
		unsigned run = a->run;
		int frames = 0;
		while (!gui_app_complete(a) && frames < 10000) {
			gui_app_tick(a, 1.0 / 60);
			frame(a);
			frames++;
		}
		CHECK(gui_app_complete(a));
		CHECK(frames >= 2);
		CHECK(a->tr->n > first);
		CHECK(a->run != run); /* the views rebuild for the whole run */
		CHECK_INT(a->nerrors, 0);
		uint32_t n = a->tr->n, nstate = a->nstate_recs;
		/* the same run simulated at once (a reload) is the same trace */
		CHECK_INT(gui_app_reload(a), 0);
		CHECK_INT(a->tr->n, n);
		CHECK_INT(a->nstate_recs, nstate);
		close_app(a);
	}
	/* End before the rest is simulated: simulated now, then the end */
	a = open_app(file, 1280, 720);
	if (a) {
		CHECK(!gui_app_complete(a));
		gui_app_do(a, GA_END, 0);
		CHECK(gui_app_complete(a));
		CHECK_INT(a->k, (int64_t)a->tr->n - 1);
		close_app(a);
	}
	unlink(file);
	rmdir(dir);
}

/* What only a run reveals (tests/data/cli_warnings.tcps: an error no line
 * expects, a drop that met nothing, a note and an on line that never came)
 * shows in the message once the run is complete, line numbers first. */
static void a_run_s_warnings_show_in_the_message(void)
{
	struct gui_app *a = open_fixture("cli_warnings.tcps", 1280, 720);
	if (!a)
		return;
	CHECK(gui_app_complete(a));
	CHECK(strstr(a->message, "line 7: warning: the client's connection made here got "
	                         "ECONNREFUSED") == a->message);
	CHECK(strstr(a->message, "\nline 9: warning: this drop never met a segment") != NULL);
	CHECK(strstr(a->message, "\n2 more warnings: tcpsim test lists them all") != NULL);
	frame(a);
	CHECK(a->lay.status.nleft_out > 0 && !a->lay.overlays.dl.n); /* in the status bar */
	/* a reload says so again, after its own line */
	gui_app_do(a, GA_RELOAD, 0);
	CHECK(strstr(a->message, "Reloaded ") == a->message);
	CHECK(strstr(a->message, "\nline 7: warning: ") != NULL);
	/* it stays 8 seconds, then goes */
	frames_over(a, 7.5);
	CHECK(a->message_until > a->wall);
	frames_over(a, 1);
	CHECK(a->message_until <= a->wall);
	close_app(a);
	/* the ask lines' own (tests/data/cli_quiz.tcps): one never came, one's
	 * answer from the run is none of its choices */
	a = open_fixture("cli_quiz.tcps", 1280, 720);
	if (a) {
		CHECK(gui_app_complete(a));
		CHECK(strstr(a->message, "line 12: warning: this ask never came: no ECONNRESET "
		                         "reached the client in this run") != NULL);
		CHECK(strstr(a->message, "\nline 13: warning: nothing gives first-rst after this "
		                         "ask") != NULL);
		close_app(a);
	}
	/* a run without warnings says nothing of them */
	a = open_fixture("gui_lost.tcps", 1280, 720);
	if (a) {
		CHECK(strstr(a->message, "warning") == NULL);
		close_app(a);
	}
}

int main(void)
{
	fixture_init();
	RUN(nothing_is_drawn_while_nothing_moves);
	RUN(the_open_list_scrolls_filters_and_shows_titles);
	RUN(esc_closes_the_errors_and_messages_name_absolute_paths);
	RUN(a_run_s_warnings_show_in_the_message);
	RUN(a_reload_lands_on_the_same_event);
	RUN(a_run_stopped_by_a_budget_shows_its_error_and_keeps_the_last_run);
	RUN(the_watch_sees_a_save_by_rename_at_once_and_stat_within_a_second);
	RUN(a_deleted_file_is_said_and_the_run_stays);
	RUN(a_big_run_opens_at_once_and_is_simulated_between_frames);
	return check_report("test_gui_app");
}
