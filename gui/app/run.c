/* run: the window's entry points (gui.h), called by gui/main.c: the window
 * and its loop (gui_run), an off-screen shot (gui_shot) and the frame
 * benchmark (gui_bench_frames).  Each makes a draw context and an app, then
 * repeats the frame: events (app/events.c), tick, render, present. */
#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
	while (!a->quit) {
		SDL_Event e;
		int ww, wh, ow, oh;
		draw_window_size(d, &ww, &wh);
		draw_output_size(d, &ow, &oh);
		float ratio = ww > 0 ? (float)ow / (float)ww : 1.0f;
		if (!gui_app_busy(a) && SDL_WaitEventTimeout(&e, 250))
			gui_events_handle(a, &e, ratio);
		while (SDL_PollEvent(&e))
			gui_events_handle(a, &e, ratio);
		Uint64 now = SDL_GetPerformanceCounter();
		double dt = (double)(now - last) / (double)freq;
		last = now;
		if (dt > 0.25)
			dt = 0.25; /* after a stall, do not jump */
		gui_app_tick(a, dt);
		gui_app_render(a);
		if (a->pending_shot) {
			a->pending_shot = 0;
			gui_app_screenshot(a);
		}
		draw_end(d);
	}
	close_app(a);
	SDL_Quit();
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
	gui_app_do(a, GA_SEEK_TIME, at);
	int rc = 0;
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
		if (!fp || view_layout_json(fp, w, h, v, n) != 0) {
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
	struct gui_app *a = open_app(0, NULL, w, h, path, opt, "bench: ");
	unlink(path);
	if (!a)
		return 0;
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
		draw_end(a->d);
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
	close_app(a);
	return 0;
}
