/* main: the tcpsim executable.  Everything but the window lives in the
 * command line (sim/cli.c); with TCPSIM_HAVE_GUI this file adds the hooks
 * that open the window, render `tcpsim shot` and time frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifdef TCPSIM_HAVE_GUI
#include "gui.h"

/* Options shared by the window and `shot`; returns 0 or 2. */
static int window_opts(int argc, char **argv, struct gui_options *o, const char **at,
		       const char **out, const char **file)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		int more = i + 1 < argc;
		if (strcmp(a, "--seed") == 0 && more) {
			char *end;
			o->seed = strtoull(argv[++i], &end, 10);
			if (*end) {
				fprintf(stderr, "tcpsim: --seed takes a whole number, not '%s'\n", argv[i]);
				return 2;
			}
			o->seed_set = 1;
		} else if (strcmp(a, "--size") == 0 && more) {
			if (sscanf(argv[++i], "%dx%d", &o->width, &o->height) != 2 || o->width < 320 ||
			    o->height < 240 || o->width > 8192 || o->height > 8192) {
				fprintf(stderr, "tcpsim: --size takes WIDTHxHEIGHT, like 1920x1080, "
						"not '%s'\n", argv[i]);
				return 2;
			}
		} else if (strcmp(a, "--theme") == 0 && more) {
			const char *t = argv[++i];
			if (strcmp(t, "dark") != 0 && strcmp(t, "light") != 0) {
				fprintf(stderr, "tcpsim: --theme is light or dark, not '%s'\n", t);
				return 2;
			}
			o->dark = strcmp(t, "dark") == 0;
		} else if (strcmp(a, "--fullscreen") == 0) {
			o->fullscreen = 1;
		} else if (strcmp(a, "--at") == 0 && more && at) {
			*at = argv[++i];
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && more && out) {
			*out = argv[++i];
		} else if (a[0] != '-' && file && !*file) {
			*file = a;
		} else {
			fprintf(stderr, "tcpsim: unknown or incomplete option '%s' (see 'tcpsim --help')\n",
				a);
			return 2;
		}
	}
	return 0;
}

static int hook_window(const char *path, int argc, char **argv)
{
	struct gui_options o = {0};
	int rc = window_opts(argc, argv, &o, NULL, NULL, NULL);
	return rc ? rc : gui_run(path, &o);
}

static int hook_shot(int argc, char **argv)
{
	struct gui_options o = {0};
	const char *at = NULL, *out = NULL, *file = NULL;
	int rc = window_opts(argc, argv, &o, &at, &out, &file);
	if (rc)
		return rc;
	if (!file || !at || !out) {
		fprintf(stderr, "tcpsim shot: needs SCENARIO --at T -o FILE.png "
				"(see 'tcpsim shot --help')\n");
		return 2;
	}
	simtime_t t;
	if (cli_parse_time(at, &t) != 0) {
		fprintf(stderr, "tcpsim shot: --at %s: a time needs a unit, like 1.5s or 250ms\n", at);
		return 2;
	}
	return gui_shot(file, t, out, &o);
}

static int hook_bench_frames(int argc, char **argv)
{
	struct gui_options o = {0};
	(void)argc;
	(void)argv;
	return gui_bench_frames(&o);
}

int main(int argc, char **argv)
{
	static const struct cli_hooks hooks = {hook_window, hook_shot, hook_bench_frames};
	return cli_main(argc, argv, &hooks);
}
#else
int main(int argc, char **argv)
{
	return cli_main(argc, argv, NULL);
}
#endif
