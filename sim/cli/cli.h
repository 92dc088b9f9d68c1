/* cli: the tcpsim command line (trace, check, test, netstat, pcap, svg,
 * coverage, bench).  gui/main.c calls cli_main(), which parses argv once;
 * the window's own commands (opening the window, `shot`, `bench --frames`)
 * come in through hooks with the options already parsed, so that neither
 * the engine nor this library depends on SDL. */
#ifndef TCPSIM_CLI_H
#define TCPSIM_CLI_H

#include <stdint.h>

#include "simtime.h"

/* The window's options, parsed and checked by the command line. */
struct cli_window {
	const char *path; /* the scenario (the window, shot) */
	uint64_t seed;    /* used when seed_set */
	int seed_set;
	int width, height; /* --size; 0 = the default */
	int dark;          /* --theme dark */
	int fullscreen;
	simtime_t at;          /* shot: --at */
	const char *out;       /* shot: -o FILE.png, or NULL */
	float zoom;            /* --zoom F, 0 = not given */
	const char *layout;    /* shot: --layout FILE.json, or NULL */
	int plot;              /* shot: --plot tsg (1) or cwnd (2) in the diagram's place; 0 none */
	const char *plot_from; /* shot: --plot KIND:HOST, the host whose data; NULL: the end
	                        * that sent more */
	/* compare: the profiles as enum profile_id + 1, 0 = the file's own */
	int profile;
	const char *compare_path; /* compare (window), shot --compare: run B's file; NULL none */
	int compare_seed_set;
	uint64_t compare_seed;
	int compare_profile;
	int quiz;              /* the window opens in quiz mode (`tcpsim quiz FILE`) */
	const char *quiz_shot; /* shot: --quiz MODE (gui.h), or NULL */
	const char *intervene; /* shot: --intervene HOST:N[:K], or NULL */
};

struct cli_hooks {
	/* Each NULL when built without the window; each returns an exit status. */
	int (*window)(const struct cli_window *w);
	int (*shot)(const struct cli_window *w);
	int (*bench_frames)(const struct cli_window *w);
	/* `tcpsim compare A B` without --text: the window in compare mode */
	int (*compare)(const struct cli_window *w);
};

/* Runs the command line; returns the exit status (0 ok, 1 an expectation
 * failed, 2 bad scenario or command line). */
int cli_main(int argc, char **argv, const struct cli_hooks *hooks);

#endif
