/* gui: the SDL2 window's entry points, called by gui/main.c (the tcpsim
 * executable) for `tcpsim [FILE]`, `tcpsim shot` and `tcpsim bench --frames`
 * and implemented in run.c.  Under them, four layers each use only the ones
 * below: app/ (state, actions, events, the loop) -> views/ (layout from a
 * read-only frame) -> input/ (the key table) -> base/ (drawing, fonts,
 * theme, PNG); the engine is read through sim/'s public headers only. */
#ifndef TCPSIM_GUI_H
#define TCPSIM_GUI_H

#include <stdint.h>

#include "simtime.h"

struct gui_options {
	uint64_t seed; /* used when seed_set */
	int seed_set;
	int width, height; /* 0 = 1280x720 */
	int dark;          /* start in the dark theme */
	int fullscreen;
	float zoom;            /* a factor of the zoom table (1.3); 0 = 1.0 */
	int plot;              /* 1: the time-sequence graph in the diagram's place, 2: cwnd */
	const char *plot_from; /* a host's name: the plot shows its data; NULL: the end that
	                        * sent more */
	int quiz;              /* 1: open in quiz mode (`tcpsim quiz FILE`, P) */
	/* shot --quiz MODE: quiz mode, the questions before `at` answered
	 * right, then the first one at or after it asked ("ask"), answered
	 * right or wrong and revealed ("right", "wrong"), or that one and all
	 * after it answered wrong and the run played to its summary
	 * ("summary"), or asked and answered with none of its choices
	 * ("not-a-choice": the hint that says what to pick); NULL: not in
	 * quiz mode */
	const char *quiz_shot;
	/* compare mode from the start (`tcpsim compare A B`, `shot --compare B`):
	 * profiles as enum profile_id + 1, 0 the file's own */
	int profile;
	const char *compare_path; /* run B's file; NULL: no compare mode */
	int compare_seed_set;
	uint64_t compare_seed;
	int compare_profile;
	const char *intervene; /* shot: "HOST:N" opens the menu of HOST's N-th segment,
	                        * "HOST:N:K" takes its K-th choice; NULL none */
};

/* Opens the window on a scenario and runs until the user quits.  Returns a
 * process exit status (2 when the file cannot be loaded at all, after
 * printing its diagnostics to stderr). */
int gui_run(const char *scenario_path, const struct gui_options *opt);

/* Renders the window off-screen at simulated time `at` and writes a PNG
 * (png_path, may be NULL) and the layout as JSON (layout_path, may be
 * NULL).  Returns 0, or 2 with a message on stderr. */
int gui_shot(const char *scenario_path, simtime_t at, const char *png_path, const char *layout_path,
             const struct gui_options *opt);

/* Measures frame time (prints figures to stdout); returns 0. */
int gui_bench_frames(const struct gui_options *opt);

#endif
