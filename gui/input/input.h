/* input: the window's commands and its one key table, read by key handling
 * (app/events.c), the tooltips and the help (views/controls.c, overlays.c)
 * and tests/test_gui_keys.c, which checks the docs' key lists against it.
 * No SDL here: keys are SDL keycodes held in ints. */
#ifndef TCPSIM_GUI_INPUT_H
#define TCPSIM_GUI_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "geom.h"

/* What a key, a button or a click asks the app to do (app.h: gui_app_do). */
enum gui_action {
	GA_NONE,
	GA_PLAY,       /* toggle play / pause */
	GA_STEP,       /* next record */
	GA_BACK,       /* previous record */
	GA_NEXT_STATE, /* next state change */
	GA_PREV_STATE, /* previous state change */
	GA_HOME,
	GA_END,
	GA_SEEK_TIME,   /* arg: simulated microseconds */
	GA_SEEK_RECORD, /* arg: record index, -1 = the start */
	GA_SCRUB,       /* arg: a place on the scrub bar, -1 = the start (app.h:
	                 * gui_app_scrub_record): run A's record; in compare mode the
	                 * place among both runs' records in time order, whose instant
	                 * becomes the present, past run A's end too */
	GA_FASTER,
	GA_SLOWER,
	GA_SKIP_IDLE, /* toggle */
	GA_RELOAD,
	GA_OPEN,           /* toggle the scenario list */
	GA_OPEN_FILE,      /* arg: index into the scenario list */
	GA_OPEN_MOVE,      /* the Open list's choice moves by arg rows */
	GA_OPEN_SCROLL,    /* the Open list scrolls by arg rows (the wheel) */
	GA_OPEN_CHOSEN,    /* open the Open list's choice */
	GA_OPEN_TYPE,      /* arg: a byte of typed text, added to the list's filter */
	GA_OPEN_BACKSPACE, /* the filter's last character goes */
	GA_ZOOM_IN,
	GA_ZOOM_OUT,
	GA_ZOOM_RESET,
	GA_THEME,
	GA_SCREENSHOT,
	GA_EXPORT,
	GA_HELP,
	GA_ESCAPE,
	GA_QUIT,
	GA_FULLSCREEN,
	GA_PLOT,   /* the diagram's place: diagram -> time-sequence graph -> cwnd -> diagram */
	GA_FOLLOW, /* arg: host << 24 | socket handle; -1: both current */
	GA_SCROLL_TABLE,  /* arg: rows, + down */
	GA_SCROLL_EXPECT, /* arg: rows, + down */
	GA_PLOT_ZOOM,     /* arg: steps of 2x on a plot's time axis, + in */
	GA_PLOT_SIDE,     /* a plot shows the other end's data (Shift+G, a click on its title) */
	GA_QUIZ,          /* quiz mode on / off (P) */
	GA_QUIZ_ANSWER,   /* arg: the choice given to the question shown, from 0 (keys 1..8,
	                   * a choice's button, its box of the diagram); one past the
	                   * choices (a key) or negative (a diagram box no choice names):
	                   * not a choice, so not scored: the card and the status bar say
	                   * "Not one of the choices: pick 1 to N" until a choice is given */
	GA_QUIZ_NEXT,     /* on from an answered question (Enter; Space too) */
	GA_COMPARE,       /* compare mode on / off (C): run B beside the run */
	GA_COMPARE_WITH,  /* compare with the next choice (Shift+C): other profile, next seed */
	GA_IV_MENU,       /* arg: a trace segment: the menu of what may be done to it */
	GA_IV_MOVE,       /* the menu's choice moves by arg rows */
	GA_IV_CHOOSE,     /* arg: a choice of the menu, -1 its chosen one: the run branches */
	GA_IV_SAVE,       /* the branch is saved as a scenario (Ctrl+S) */
	GA_IV_UNDO,       /* the last intervention is taken back (Ctrl+Z) */
	GA_IV_COMPARE,    /* compare mode with the run before the last intervention */
	GA_COUNT
};

/* Where the keyboard is.  Over the help and the Open list only their own
 * keys act; with the errors shown, their keys first, then the main ones. */
enum input_ctx {
	IN_MAIN,   /* the window itself */
	IN_HELP,   /* the help overlay is up */
	IN_OPEN,   /* the Open list is up */
	IN_ERRORS, /* the scenario's errors are shown */
	IN_MENU,   /* a segment's intervention menu is open */
	IN_COUNT
};

/* Modifier bits of input_key's mods. */
enum { INPUT_SHIFT = 1, INPUT_CTRL = 2 };

/* One row of the key table. */
struct input_key {
	int ctx;
	int key, key_last;  /* SDL keycodes key..key_last (0: one key); key 0: a mouse gesture */
	int mods, not_mods; /* modifiers that must be held, that must not be */
	int action;
	int64_t arg;         /* over a range, arg + (key pressed - key) */
	const char *label;   /* the key as docs write it ("Shift+→"); NULL: an unlisted alias */
	const char *tooltip; /* a button's tooltip, which adds " (label)"; NULL: none */
	const char *help;    /* starts a help row; NULL: joins the row above; "": not in the help */
};

/* The table, in the help overlay's order; *n gets its length. */
const struct input_key *input_keys(int *n);

/* What one key press does. */
struct input_cmd {
	int action;
	int64_t arg;
};

/* `?` is a character, not a key: where it is depends on the keyboard's
 * layout (Shift+/ in the US, Shift+ß in Germany, Shift+, in France), so
 * app/events.c looks its text up as the keycode SDLK_QUESTION ('?'),
 * whatever key typed it, and ignores that keycode as a key press. */

/* The command for key (an SDL keycode) with mods (INPUT_* bits) held in
 * context ctx: the matching row that asks for the most modifiers wins.
 * Returns 1, or 0 with GA_NONE when the key does nothing there. */
int input_key(int ctx, int key, int mods, struct input_cmd *out);

/* The tooltip of a button for action, "Step (→)", written into buf;
 * NULL when no row gives the action a tooltip. */
const char *input_tooltip(int action, char *buf, size_t size);

/* Help row i (from 0): its keys ("→  ←") into keys, its meaning in *text.
 * Returns 0 when there is no row i. */
int input_help_row(int i, char *keys, size_t size, const char **text);

/* A click target: what a click inside r does.  Views lay them out. */
struct gui_target {
	struct gui_rect r;
	int action;
	int64_t arg;
};

/* The first of n targets that contains (x, y), or NULL. */
const struct gui_target *input_hit(const struct gui_target *t, int n, float x, float y);

#endif
