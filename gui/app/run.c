/* run: the window's entry points (gui.h), called by gui/main.c: the window
 * and its loop (gui_run), an off-screen shot (gui_shot) and the frame
 * benchmark (gui_bench_frames).  Each makes a draw context and an app, then
 * repeats the frame: events (app/events.c), tick, render, present. */
#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "app.h"
#include "events.h"
#include "gui.h"

/* A draw context (a window, or off-screen when window is 0) and an app on
 * path in it; NULL, after saying why on stderr, when either fails. */
static struct gui_app *open_app(int window, const char *title, int w, int h, const char *path,
                                const struct gui_options *opt, const char *who)
{
	char err[512];
	struct draw *d =
	    draw_new(window, title, w, h, window && opt ? opt->fullscreen : 0, err, sizeof err);
	if (!d) {
		fprintf(stderr, "tcpsim: %s%s\n", who, err);
		return NULL;
	}
	struct gui_app *a = gui_app_new(d, path, opt);
	if (!a)
		draw_free(d);
	return a;
}

static void close_app(struct gui_app *a)
{
	struct draw *d = a->d;
	gui_app_free(a);
	draw_free(d);
}

/* 0 when opt's zoom is one of the table's (or not given), else 2 after
 * saying so. */
static int check_zoom(const char *who, const struct gui_options *opt)
{
	if (!opt || opt->zoom <= 0 || gui_zoom_index(opt->zoom) >= 0)
		return 0;
	fprintf(stderr, "tcpsim%s: --zoom takes a factor of the zoom table (%s), not %g\n", who,
	        gui_zoom_table(), (double)opt->zoom);
	return 2;
}

int gui_run(const char *scenario_path, const struct gui_options *opt)
{
	if (check_zoom("", opt))
		return 2;
	int w = opt && opt->width ? opt->width : 1280, h = opt && opt->height ? opt->height : 720;
	char title[1100];
	snprintf(title, sizeof title, "tcpsim — %s", scenario_path);
	struct gui_app *a = open_app(1, title, w, h, scenario_path, opt, "");
	if (!a) {
		SDL_Quit();
		return 2;
	}
	struct draw *d = a->d;
	Uint64 freq = SDL_GetPerformanceFrequency(), last = SDL_GetPerformanceCounter();
	a->dirty = 1;
	while (!a->quit) {
		SDL_Event e;
		int ww, wh, ow, oh;
		draw_window_size(d, &ww, &wh);
		draw_output_size(d, &ow, &oh);
		float ratio = ww > 0 ? (float)ow / (float)ww : 1.0f;
		/* nothing moves: sleep until input, the message's end or the
		 * next look at the file; draw nothing unless something changed */
		if (!gui_app_needs_frame(a) && SDL_WaitEventTimeout(&e, gui_app_idle_ms(a)))
			gui_events_handle(a, &e, ratio);
		while (SDL_PollEvent(&e))
			gui_events_handle(a, &e, ratio);
		Uint64 now = SDL_GetPerformanceCounter();
		double dt = (double)(now - last) / (double)freq;
		last = now;
		if (dt > 0.25)
			dt = 0.25; /* after a stall, do not jump */
		gui_app_tick(a, dt);
		if (!gui_app_needs_frame(a))
			continue;
		a->dirty = 0;
		gui_app_render(a);
		if (a->pending_shot) {
			a->pending_shot = 0;
			gui_app_screenshot(a);
		}
		draw_end(d);
		/* no faster than the display: when the present did not wait for
		 * it (no vsync, or a vsync that does not block), sleep out the
		 * rest of the display's frame */
		double spent = (double)(SDL_GetPerformanceCounter() - now) / (double)freq;
		double rest = draw_frame_period(d) - spent;
		if (rest > 0.001)
			SDL_Delay((Uint32)(rest * 1000));
	}
	close_app(a);
	SDL_Quit();
	return 0;
}

/* shot --quiz MODE (gui.h): quiz mode driven through its actions as a
 * class would, each question reached by seeking to it.  0, or 2 after
 * saying why. */
static int shot_quiz(struct gui_app *a, simtime_t at, const char *mode)
{
	int m = strcmp(mode, "ask") == 0            ? 0
	        : strcmp(mode, "right") == 0        ? 1
	        : strcmp(mode, "wrong") == 0        ? 2
	        : strcmp(mode, "summary") == 0      ? 3
	        : strcmp(mode, "not-a-choice") == 0 ? 4
	                                            : -1;
	if (m < 0) {
		fprintf(stderr,
		        "tcpsim shot: --quiz is ask, right, wrong, summary or not-a-choice, not "
		        "'%s'\n",
		        mode);
		return 2;
	}
	if (!a->quiz.on)
		gui_app_do(a, GA_QUIZ, 0);
	if (!a->quiz.on) {
		fprintf(stderr, "tcpsim shot: %s\n", a->message);
		return 2;
	}
	a->playing = 0;
	int i, at_done = 0;
	while ((i = quizmode_next(&a->quiz)) >= 0) {
		const struct quiz_question *q = &a->quiz.qz.q[i];
		int before = q->t < at;
		gui_app_do(a, GA_SEEK_RECORD, q->rec); /* stops before it: asked */
		if (!before && m == 4)
			gui_app_do(a, GA_QUIZ_ANSWER, -1); /* a box no choice names */
		if (!before && (m == 0 || m == 4))
			break;
		int wrong = !before && m >= 2 && q->nchoices > 1;
		int choice = q->answer >= 0 ? q->answer : 0;
		if (wrong)
			choice = (choice + 1) % q->nchoices;
		gui_app_do(a, GA_QUIZ_ANSWER, choice);
		gui_app_do(a, GA_SEEK_RECORD, a->quiz.stop); /* the answer, revealed */
		a->playing = 0;
		if (!before && m <= 2) {
			at_done = 1;
			break;
		}
		gui_app_do(a, GA_QUIZ_NEXT, 0);
		a->playing = 0;
	}
	if (i < 0 && !at_done) {
		/* nothing asked at or after `at`: the run there, or its end */
		gui_app_do(a, m == 3 ? GA_END : GA_SEEK_TIME, at);
	}
	a->playing = 0;
	a->message[0] = '\0';
	return 0;
}

/* shot --intervene HOST:N[:K]: the menu of the N-th segment HOST sent
 * (`segment N`), opened as a click opens it; with K its K-th choice taken
 * and the branched run back at time at.  0, or 2 after saying why. */
static int shot_intervene(struct gui_app *a, const char *spec, simtime_t at)
{
	char host[64];
	unsigned n = 0, k = 0;
	int parts = sscanf(spec, "%63[^:]:%u:%u", host, &n, &k);
	if (parts < 2 || n == 0 || (parts == 3 && k == 0)) {
		fprintf(stderr,
		        "tcpsim shot: --intervene takes HOST:N or HOST:N:K, like client:8 or "
		        "client:8:1, not '%s'\n",
		        spec);
		return 2;
	}
	int h = scn_host_find(a->scn, host, (int)strlen(host));
	int64_t seg = -1;
	for (uint32_t i = 0; h >= 0 && i < a->tr->nsegs && seg < 0; i++)
		if (a->tr->segs[i].from == h && a->tr->segs[i].nth == n && !a->tr->segs[i].forged)
			seg = i;
	if (seg < 0) {
		fprintf(stderr, "tcpsim shot: --intervene %s: %s sent no segment %u\n", spec,
		        h < 0 ? "no such host:" : host, n);
		return 2;
	}
	gui_app_layout(a); /* the menu opens at the arrow's middle */
	gui_app_do(a, GA_IV_MENU, seg);
	if (parts < 3)
		return 0;
	if ((int)k > a->iv.menu.n) {
		fprintf(stderr, "tcpsim shot: --intervene %s: the menu has %d choices%s%s\n", spec,
		        a->iv.menu.n, a->iv.menu.n ? "" : ": ", a->iv.menu.why);
		return 2;
	}
	gui_app_do(a, GA_IV_CHOOSE, (int64_t)k - 1);
	if (a->iv.n == 0) {
		fprintf(stderr, "tcpsim shot: --intervene %s: %s\n", spec, a->message);
		return 2;
	}
	a->playing = 0;
	gui_app_do(a, GA_SEEK_TIME, at);
	return 0;
}

int gui_shot(const char *scenario_path, simtime_t at, const char *png_path, const char *layout_path,
             const struct gui_options *opt)
{
	char err[512];
	if (check_zoom(" shot", opt))
		return 2;
	int w = opt && opt->width ? opt->width : 1280, h = opt && opt->height ? opt->height : 720;
	struct gui_app *a = open_app(0, NULL, w, h, scenario_path, opt, "");
	if (!a)
		return 2;
	a->settled = 1;
	/* a shot shows the run as it ends up, not as far as it has got */
	if (gui_app_finish(a) != 0) {
		fputs(a->errors, stderr);
		close_app(a);
		return 2;
	}
	int rc = 0;
	if (opt && opt->quiz_shot)
		rc = shot_quiz(a, at, opt->quiz_shot);
	else
		gui_app_do(a, GA_SEEK_TIME, at);
	if (!rc && opt && opt->intervene)
		rc = shot_intervene(a, opt->intervene, at);
	if (rc) {
		close_app(a);
		return rc;
	}
	if (png_path) {
		gui_app_render(a);
		if (draw_save_png(a->d, png_path, err, sizeof err) != 0) {
			fprintf(stderr, "tcpsim: %s\n", err);
			rc = 2;
		}
		draw_end(a->d);
	} else {
		gui_app_layout(a);
	}
	if (layout_path && rc == 0) {
		const struct view_out *v[GUI_NVIEWS];
		int n = gui_app_views(a, v);
		FILE *fp = fopen(layout_path, "w");
		if (!fp || view_layout_json(fp, w, h, &a->lay.reg, v, n) != 0) {
			fprintf(stderr, "tcpsim: cannot write %s: %s\n", layout_path,
			        strerror(errno));
			rc = 2;
		}
		if (fp && fclose(fp) != 0 && rc == 0) {
			fprintf(stderr, "tcpsim: cannot write %s: %s\n", layout_path,
			        strerror(errno));
			rc = 2;
		}
	}
	close_app(a);
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
                                 "at 100ms client send 1400000\n"
                                 "at 20s client close\n"
                                 "on server CLOSE_WAIT server close\n";

/* A 1,000,000-SYN flood: only its first frame is timed. */
static const char flood_text[] = "title \"Frame benchmark: a million SYNs\"\n"
                                 "host client 10.0.0.1\n"
                                 "host server 10.0.0.2 syncookies=off\n"
                                 "at 0s server listen 80\n"
                                 "at 0s client flood 1000000 from 10.1.0.1-10.1.255.254 to "
                                 "server:80 every 1us\n";

/* Writes text to a temporary file; 0 with its name in path, or -1. */
static int temp_scenario(char *path, const char *text)
{
	int fd = mkstemp(path);
	if (fd < 0) {
		fprintf(stderr, "tcpsim: bench: cannot make a temporary file: %s\n",
		        strerror(errno));
		return -1;
	}
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(path);
		return -1;
	}
	fputs(text, f);
	fclose(f);
	return 0;
}

/* The SYN flood lesson: scenarios/ beside the build folder holding the
 * executable, else under the working directory; 0 with its path, or -1. */
static int find_lesson(char *path, size_t size, const char *name)
{
	char *base = SDL_GetBasePath();
	if (base) {
		snprintf(path, size, "%s../scenarios/%s", base, name);
		SDL_free(base);
		if (access(path, R_OK) == 0)
			return 0;
	}
	snprintf(path, size, "scenarios/%s", name);
	return access(path, R_OK) == 0 ? 0 : -1;
}

/* CPU time of the process in ms (user + system): on a shared machine the
 * wall clock also counts other programs' turns. */
static double cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
}

static double ms_since(Uint64 t0)
{
	return (double)(SDL_GetPerformanceCounter() - t0) * 1000.0 /
	       (double)SDL_GetPerformanceFrequency();
}

/* Times FRAMES frames scrubbing through a's run, each counted up to the
 * end of its present, and prints the figures under the heading what. */
static void sweep_frames(struct gui_app *a, const char *what)
{
	enum { FRAMES = 400 };
	static double ms[FRAMES];
	simtime_t end = a->tr->n ? a->tr->recs[a->tr->n - 1].t : 0;
	double sum = 0, phase[3] = {0, 0, 0}, cpu0 = cpu_ms();
	for (int i = 0; i < FRAMES; i++) {
		Uint64 f0 = SDL_GetPerformanceCounter();
		/* sweep the run as a viewer scrubbing through it would */
		gui_app_do(a, GA_SEEK_TIME, (int64_t)((double)end * i / (FRAMES - 1)));
		gui_app_tick(a, 1.0 / 60);
		gui_app_layout(a);
		double t1 = ms_since(f0);
		gui_app_paint(a);
		draw_flush(a->d);
		double t2 = ms_since(f0);
		draw_end(a->d);
		ms[i] = ms_since(f0);
		phase[0] += t1;
		phase[1] += t2 - t1;
		phase[2] += ms[i] - t2;
		sum += ms[i];
	}
	double cpu = (cpu_ms() - cpu0) / FRAMES;
	qsort(ms, FRAMES, sizeof ms[0], cmp_double);
	double p99 = ms[FRAMES * 99 / 100];
	printf("  %s%d frames, each up to its present: median %.2f ms, p99 %.2f ms, "
	       "max %.2f ms, mean %.2f ms\n",
	       what, FRAMES, ms[FRAMES / 2], p99, ms[FRAMES - 1], sum / FRAMES);
	printf("  of the mean: seek and layout %.2f ms, drawing %.2f ms, present %.2f ms; "
	       "CPU time %.2f ms a frame\n",
	       phase[0] / FRAMES, phase[1] / FRAMES, phase[2] / FRAMES, cpu);
	printf("  target p99 16.7 ms (60 fps): %s\n", p99 <= 1000.0 / 60 ? "met" : "not met");
}

/* Opens path in a software-rendered window (the offscreen driver's, or a
 * real display's) and times the first frame, from the start of the load to
 * the end of its present; with sweep, then sweep_frames(); with plots too,
 * once more with each plot (G) in the diagram's place. */
static void bench_file(const char *what, const char *path, int w, int h,
                       const struct gui_options *opt, int sweep, int plots)
{
	Uint64 t0 = SDL_GetPerformanceCounter();
	struct gui_app *a =
	    open_app(DRAW_WINDOW_SOFTWARE, "tcpsim bench", w, h, path, opt, "bench: ");
	if (!a)
		return;
	gui_app_tick(a, 1.0 / 60);
	gui_app_render(a);
	draw_end(a->d);
	double first = ms_since(t0);
	printf("%s: %u segments, %u records\n", what, a->tr->nsegs, a->tr->n);
	printf("  first frame (load, run, draw, present): %.1f ms (target 300 ms: %s)\n", first,
	       first <= 300 ? "met" : "not met");
	if (!gui_app_complete(a)) {
		/* the rest is simulated ahead between frames, as in the window */
		int frames = 1;
		while (!gui_app_complete(a)) {
			gui_app_tick(a, 1.0 / 60);
			gui_app_render(a);
			draw_end(a->d);
			frames++;
		}
		printf("  the rest of the run, simulated between frames: complete after %.0f ms, "
		       "%d frames (%u records)\n",
		       ms_since(t0), frames, a->tr->n);
	}
	if (sweep)
		sweep_frames(a, "");
	for (int p = 1; plots && p <= 2; p++) {
		a->plot = p;
		sweep_frames(a, p == 1 ? "with the time-sequence graph (G): "
		                       : "with the congestion window (G G): ");
	}
	close_app(a);
}

int gui_bench_frames(const struct gui_options *opt)
{
	int w = opt && opt->width ? opt->width : 1920, h = opt && opt->height ? opt->height : 1080;
	char path[1024];
	/* SDL's video driver is chosen by the first window; say which one
	 * presents (offscreen: the present copies nothing) */
	if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
		fprintf(stderr, "tcpsim: bench: %s\n", SDL_GetError());
		return 0;
	}
	printf("window frames at %dx%d, software renderer, video driver %s\n", w, h,
	       SDL_GetCurrentVideoDriver());
	if (find_lesson(path, sizeof path, "13a-syn-flood.tcps") == 0)
		bench_file("the SYN flood lesson (13a)", path, w, h, opt, 1, 0);
	else
		printf("the SYN flood lesson: scenarios/13a-syn-flood.tcps not found, skipped\n");
	if (find_lesson(path, sizeof path, "30b-sequence-wrap.tcps") == 0)
		bench_file("the sequence wrap lesson (30b, 4 GiB)", path, w, h, opt, 1, 1);
	else
		printf("the sequence wrap lesson: scenarios/30b-sequence-wrap.tcps not found, "
		       "skipped\n");
	snprintf(path, sizeof path, "/tmp/tcpsim-bench-XXXXXX");
	if (temp_scenario(path, bench_text) == 0) {
		bench_file("a bulk transfer", path, w, h, opt, 1, 1);
		unlink(path);
	}
	snprintf(path, sizeof path, "/tmp/tcpsim-bench-XXXXXX");
	if (temp_scenario(path, flood_text) == 0) {
		bench_file("a 1,000,000-SYN flood", path, w, h, opt, 0, 0);
		unlink(path);
	}
	SDL_QuitSubSystem(SDL_INIT_VIDEO);
	SDL_Quit();
	return 0;
}
