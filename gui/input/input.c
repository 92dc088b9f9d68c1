/* input: the key table and its lookups (see input.h).  Called by
 * app/events.c for every key press and by the controls and overlays views
 * for tooltips and the help; the table is the only list of keys. */
#include "input.h"

#include <SDL_keycode.h>
#include <stdio.h>
#include <string.h>

#define S INPUT_SHIFT
#define C INPUT_CTRL

/* {ctx, key, key_last, mods, not_mods, action, arg, label, tooltip, help} */
static const struct input_key keys[] = {
    {IN_MAIN, SDLK_SPACE, 0, 0, 0, GA_PLAY, 0, "Space", "Play / pause", "play / pause"},
    {IN_MAIN, SDLK_RIGHT, 0, 0, 0, GA_STEP, 0, "→", "Step",
     "step one event forward / back (compare mode: one instant)"},
    {IN_MAIN, SDLK_LEFT, 0, 0, 0, GA_BACK, 0, "←", "Step back", NULL},
    {IN_MAIN, SDLK_RIGHT, 0, S, 0, GA_NEXT_STATE, 0, "Shift+→", "Next state change",
     "next / previous state change"},
    {IN_MAIN, SDLK_LEFT, 0, S, 0, GA_PREV_STATE, 0, "Shift+←", "Previous state change", NULL},
    {IN_MAIN, SDLK_HOME, 0, 0, 0, GA_HOME, 0, "Home", "Start", "start / end of the run"},
    {IN_MAIN, SDLK_END, 0, 0, 0, GA_END, 0, "End", "End", NULL},
    {IN_MAIN, 0, 0, 0, 0, GA_SCRUB, 0, "drag the bar", NULL,
     "scrub through the whole run (compare mode: both runs)"},
    {IN_MAIN, SDLK_PLUS, 0, 0, 0, GA_FASTER, 0, "+", "Faster", "faster / slower (0.1× to 1000×)"},
    {IN_MAIN, SDLK_EQUALS, 0, 0, 0, GA_FASTER, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_KP_PLUS, 0, 0, 0, GA_FASTER, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_MINUS, 0, 0, 0, GA_SLOWER, 0, "−", "Slower", NULL},
    {IN_MAIN, SDLK_KP_MINUS, 0, 0, 0, GA_SLOWER, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_i, 0, 0, 0, GA_SKIP_IDLE, 0, "I", "Skip idle waits", "skip idle waits on / off"},
    {IN_MAIN, 0, 0, 0, 0, GA_FOLLOW, 0, "click a socket", NULL,
     "follow that connection (F: back to current)"},
    {IN_MAIN, SDLK_f, 0, 0, C, GA_FOLLOW, -1, "F", NULL, ""},
    {IN_MAIN, 0, 0, 0, 0, GA_SCROLL_TABLE, 0, "wheel", NULL,
     "scroll the socket table or expect list, zoom a plot's time, under the mouse"},
    {IN_MAIN, SDLK_r, 0, 0, 0, GA_RELOAD, 0, "R", "Reload the file",
     "reload the scenario (saving it reloads too)"},
    {IN_MAIN, SDLK_o, 0, 0, 0, GA_OPEN, 0, "O", "Open another scenario", "open another scenario"},
    {IN_OPEN, SDLK_DOWN, 0, 0, 0, GA_OPEN_MOVE, 1, "↓", NULL,
     "in the Open list: choose (the wheel scrolls)"},
    {IN_OPEN, SDLK_UP, 0, 0, 0, GA_OPEN_MOVE, -1, "↑", NULL, NULL},
    {IN_OPEN, SDLK_PAGEDOWN, 0, 0, 0, GA_OPEN_MOVE, 10, "PgDn", NULL, NULL},
    {IN_OPEN, SDLK_PAGEUP, 0, 0, 0, GA_OPEN_MOVE, -10, "PgUp", NULL, NULL},
    {IN_OPEN, SDLK_HOME, 0, 0, 0, GA_OPEN_MOVE, -100000, NULL, NULL, NULL},
    {IN_OPEN, SDLK_END, 0, 0, 0, GA_OPEN_MOVE, 100000, NULL, NULL, NULL},
    {IN_OPEN, SDLK_RETURN, 0, 0, 0, GA_OPEN_CHOSEN, 0, "Enter", NULL,
     "in the Open list: open the chosen one"},
    {IN_OPEN, SDLK_KP_ENTER, 0, 0, 0, GA_OPEN_CHOSEN, 0, NULL, NULL, NULL},
    {IN_OPEN, 0, 0, 0, 0, GA_OPEN_TYPE, 0, "type", NULL,
     "in the Open list: filter by file name or title"},
    {IN_OPEN, SDLK_BACKSPACE, 0, 0, 0, GA_OPEN_BACKSPACE, 0, "Backspace", NULL, NULL},
    {IN_OPEN, SDLK_ESCAPE, 0, 0, 0, GA_ESCAPE, 0, NULL, NULL, NULL},
    {IN_OPEN, SDLK_o, 0, C, 0, GA_OPEN, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_ESCAPE, 0, 0, 0, GA_ESCAPE, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_h, 0, 0, 0, GA_HELP, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_F1, 0, 0, 0, GA_HELP, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_QUESTION, 0, 0, 0, GA_HELP, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_q, 0, 0, 0, GA_QUIT, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_MINUS, 0, C, 0, GA_ZOOM_OUT, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_KP_MINUS, 0, C, 0, GA_ZOOM_OUT, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_EQUALS, 0, C, 0, GA_ZOOM_IN, 0, NULL, NULL, NULL},
    {IN_HELP, SDLK_0, 0, C, 0, GA_ZOOM_RESET, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_EQUALS, 0, C, 0, GA_ZOOM_IN, 0, "Ctrl+=", "Larger", "zoom in / out / reset"},
    {IN_MAIN, SDLK_PLUS, 0, C, 0, GA_ZOOM_IN, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_KP_PLUS, 0, C, 0, GA_ZOOM_IN, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_MINUS, 0, C, 0, GA_ZOOM_OUT, 0, "Ctrl+−", "Smaller", NULL},
    {IN_MAIN, SDLK_KP_MINUS, 0, C, 0, GA_ZOOM_OUT, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_0, 0, C, 0, GA_ZOOM_RESET, 0, "Ctrl+0", NULL, NULL},
    {IN_MAIN, SDLK_g, 0, 0, 0, GA_PLOT, 0, "G", "Plots of the data",
     "the diagram's place: time-sequence graph, cwnd, diagram"},
    {IN_MAIN, SDLK_g, 0, S, 0, GA_PLOT_SIDE, 0, "Shift+G", "Plot the other end's data",
     "a plot: the other end's data (or click the plot's title)"},
    {IN_MAIN, SDLK_p, 0, 0, C, GA_QUIZ, 0, "P", "Quiz: predict each state change",
     "quiz mode: the run stops before each state change, you predict it"},
    {IN_MAIN, SDLK_1, SDLK_8, 0, C, GA_QUIZ_ANSWER, 0, "1–8", NULL,
     "quiz: answer (or click a choice, or a box of the diagram)"},
    {IN_MAIN, SDLK_KP_1, SDLK_KP_8, 0, 0, GA_QUIZ_ANSWER, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_RETURN, 0, 0, 0, GA_QUIZ_NEXT, 0, "Enter", NULL,
     "quiz: on to the next question (Space too)"},
    {IN_MAIN, SDLK_KP_ENTER, 0, 0, 0, GA_QUIZ_NEXT, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_c, 0, 0, C, GA_COMPARE, 0, "C", "Compare two runs",
     "compare mode: this run beside another, where they part"},
    {IN_MAIN, SDLK_c, 0, S, C, GA_COMPARE_WITH, 0, "Shift+C", "Compare with...",
     "compare with: the other profile, the next seed"},
    {IN_MAIN, SDLK_t, 0, 0, 0, GA_THEME, 0, "T", "Light / dark", "light / dark theme"},
    {IN_MAIN, SDLK_s, 0, 0, 0, GA_SCREENSHOT, 0, "S", "Save a screenshot",
     "save a PNG screenshot beside the file"},
    {IN_MAIN, SDLK_e, 0, 0, 0, GA_EXPORT, 0, "E", "pcap + SVG beside the file",
     "export pcap + SVG beside the file (a branch's as NAME-branch1, as Ctrl+S)"},
    {IN_MAIN, SDLK_F11, 0, 0, 0, GA_FULLSCREEN, 0, "F11", NULL, "full screen"},
    {IN_MAIN, SDLK_QUESTION, 0, 0, 0, GA_HELP, 0, "?", "Every key", "this help"},
    {IN_MAIN, SDLK_h, 0, 0, 0, GA_HELP, 0, "H", NULL, NULL},
    {IN_MAIN, SDLK_F1, 0, 0, 0, GA_HELP, 0, "F1", NULL, NULL},
    {IN_MAIN, 0, 0, 0, 0, GA_IV_MENU, 0, "click a segment", NULL,
     "drop or delay it: the run branches from there (its menu: ↑ ↓ Enter, Esc)"},
    {IN_MENU, SDLK_DOWN, 0, 0, 0, GA_IV_MOVE, 1, NULL, NULL, NULL},
    {IN_MENU, SDLK_UP, 0, 0, 0, GA_IV_MOVE, -1, NULL, NULL, NULL},
    {IN_MENU, SDLK_RETURN, 0, 0, 0, GA_IV_CHOOSE, -1, NULL, NULL, NULL},
    {IN_MENU, SDLK_KP_ENTER, 0, 0, 0, GA_IV_CHOOSE, -1, NULL, NULL, NULL},
    {IN_MENU, SDLK_ESCAPE, 0, 0, 0, GA_ESCAPE, 0, NULL, NULL, NULL},
    {IN_MENU, SDLK_q, 0, 0, 0, GA_QUIT, 0, NULL, NULL, NULL},
    {IN_MAIN, SDLK_s, 0, C, 0, GA_IV_SAVE, 0, "Ctrl+S", "Save the branch as a scenario",
     "save the branch as a scenario beside the file (NAME-branch1.tcps)"},
    {IN_MAIN, SDLK_z, 0, C, 0, GA_IV_UNDO, 0, "Ctrl+Z", "Undo the last intervention",
     "undo the last drop or delay"},
    {IN_MAIN, SDLK_ESCAPE, 0, 0, 0, GA_ESCAPE, 0, "Esc", NULL,
     "close an overlay, the errors' too (or leave full screen)"},
    {IN_MAIN, SDLK_q, 0, 0, 0, GA_QUIT, 0, "Q", NULL, "quit"},
};

#undef S
#undef C

#define NKEYS ((int)(sizeof keys / sizeof keys[0]))

const struct input_key *input_keys(int *n)
{
	*n = NKEYS;
	return keys;
}

static int bits(int m)
{
	return (m & INPUT_SHIFT ? 1 : 0) + (m & INPUT_CTRL ? 1 : 0);
}

/* The best row of ctx for key and mods, or NULL. */
static const struct input_key *find(int ctx, int key, int mods)
{
	const struct input_key *best = NULL;
	for (int i = 0; i < NKEYS; i++) {
		const struct input_key *k = &keys[i];
		int last = k->key_last ? k->key_last : k->key;
		if (k->ctx != ctx || !k->key || key < k->key || key > last)
			continue;
		if ((mods & k->mods) != k->mods || (mods & k->not_mods))
			continue;
		if (!best || bits(k->mods) > bits(best->mods))
			best = k;
	}
	return best;
}

int input_key(int ctx, int key, int mods, struct input_cmd *out)
{
	const struct input_key *k = find(ctx, key, mods);
	/* nothing acts behind the help or the Open list */
	if (!k && (ctx == IN_MAIN || ctx == IN_ERRORS))
		k = find(IN_MAIN, key, mods);
	out->action = k ? k->action : GA_NONE;
	out->arg = k ? k->arg + (key - k->key) : 0;
	return k != NULL;
}

const char *input_tooltip(int action, char *buf, size_t size)
{
	for (int i = 0; i < NKEYS; i++)
		if (keys[i].action == action && keys[i].tooltip) {
			snprintf(buf, size, "%s (%s)", keys[i].tooltip, keys[i].label);
			return buf;
		}
	return NULL;
}

int input_help_row(int i, char *out, size_t size, const char **text)
{
	int row = -1;
	size_t n = 0;
	out[0] = '\0';
	for (int j = 0; j < NKEYS; j++) {
		const struct input_key *k = &keys[j];
		if (!k->label || (k->help && !k->help[0]))
			continue;
		if (k->help)
			row++;
		if (row < i)
			continue;
		if (row > i)
			break;
		if (k->help)
			*text = k->help;
		int w = snprintf(out + n, size - n, "%s%s", n ? "  " : "", k->label);
		if (w > 0)
			n = n + (size_t)w < size ? n + (size_t)w : size - 1;
	}
	return row >= i;
}

const struct gui_target *input_hit(const struct gui_target *t, int n, float x, float y)
{
	for (int i = 0; i < n; i++)
		if (gui_rect_has(t[i].r, x, y))
			return &t[i];
	return NULL;
}
