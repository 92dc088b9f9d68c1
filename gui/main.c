/* main: the tcpsim executable.  Everything but the window lives in the
 * command line (sim/cli/), which parses argv once; with TCPSIM_HAVE_GUI
 * this file adds the hooks that open the window, render `tcpsim shot` and
 * time frames, each turning the parsed options into the window's own. */
#include "cli.h"

#ifdef TCPSIM_HAVE_GUI
#include "gui.h"

static struct gui_options options_of(const struct cli_window *w)
{
	struct gui_options o = {0};
	o.seed = w->seed;
	o.seed_set = w->seed_set;
	o.width = w->width;
	o.height = w->height;
	o.dark = w->dark;
	o.fullscreen = w->fullscreen;
	o.zoom = w->zoom;
	o.plot = w->plot;
	o.plot_from = w->plot_from;
	o.quiz = w->quiz;
	o.quiz_shot = w->quiz_shot;
	o.profile = w->profile;
	o.compare_path = w->compare_path;
	o.compare_seed_set = w->compare_seed_set;
	o.compare_seed = w->compare_seed;
	o.compare_profile = w->compare_profile;
	o.intervene = w->intervene;
	return o;
}

static int hook_window(const struct cli_window *w)
{
	struct gui_options o = options_of(w);
	return gui_run(w->path, &o);
}

static int hook_shot(const struct cli_window *w)
{
	struct gui_options o = options_of(w);
	return gui_shot(w->path, w->at, w->out, w->layout, &o);
}

static int hook_bench_frames(const struct cli_window *w)
{
	struct gui_options o = options_of(w);
	return gui_bench_frames(&o);
}

int main(int argc, char **argv)
{
	static const struct cli_hooks hooks = {hook_window, hook_shot, hook_bench_frames,
	                                       hook_window};
	return cli_main(argc, argv, &hooks);
}
#else
int main(int argc, char **argv)
{
	return cli_main(argc, argv, NULL);
}
#endif
