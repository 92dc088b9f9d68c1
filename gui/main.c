/* main: the tcpsim executable.  Everything but the window lives in the
 * command line (sim/cli.c); with TCPSIM_HAVE_GUI this file adds the hooks
 * that open the window, render `tcpsim shot` and time frames. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifdef TCPSIM_HAVE_GUI
#include "gui.h"

/* The value of option `name` at argv[*i]: "--name=value" or "--name value"
 * (then *i moves past it); NULL when argv[*i] is not that option. */
static const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] == '\0' && *i + 1 < argc)
		return argv[++*i];
	return NULL;
}

/* Options shared by the window and `shot` (sim/cli.c has already checked
 * their names); returns 0 or 2. */
static int window_opts(int argc, char **argv, struct gui_options *o, const char **at,
                       const char **out, const char **file)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		if ((v = opt_value(argc, argv, &i, "--seed"))) {
			char *end;
			o->seed = strtoull(v, &end, 10);
			if (*end || !*v) {
				fprintf(stderr, "tcpsim: --seed takes a whole number, not '%s'\n",
				        v);
				return 2;
			}
			o->seed_set = 1;
		} else if ((v = opt_value(argc, argv, &i, "--size"))) {
			char x;
			if (sscanf(v, "%d%c%d", &o->width, &x, &o->height) != 3 || x != 'x' ||
			    o->width < 320 || o->height < 240 || o->width > 8192 ||
			    o->height > 8192) {
				fprintf(stderr,
				        "tcpsim: --size takes WIDTHxHEIGHT, like 1920x1080, "
				        "not '%s'\n",
				        v);
				return 2;
			}
		} else if ((v = opt_value(argc, argv, &i, "--theme"))) {
			if (strcmp(v, "dark") != 0 && strcmp(v, "light") != 0) {
				fprintf(stderr, "tcpsim: --theme is light or dark, not '%s'\n", v);
				return 2;
			}
			o->dark = strcmp(v, "dark") == 0;
		} else if (strcmp(a, "--fullscreen") == 0) {
			o->fullscreen = 1;
		} else if (at && (v = opt_value(argc, argv, &i, "--at"))) {
			*at = v;
		} else if (out && ((v = opt_value(argc, argv, &i, "--output")) ||
		                   (v = opt_value(argc, argv, &i, "-o")))) {
			*out = v;
		} else if (strcmp(a, "--") != 0 && (a[0] != '-' || a[1] == '\0') && file &&
		           !*file) {
			*file = a;
		} else if (strcmp(a, "--") != 0) {
			fprintf(stderr,
			        "tcpsim: unknown or incomplete option '%s' (see 'tcpsim --help')\n",
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
		fprintf(stderr, "tcpsim shot: --at %s: a time needs a unit, like 1.5s or 250ms\n",
		        at);
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
