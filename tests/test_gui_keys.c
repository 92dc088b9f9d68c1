/* test_gui_keys: the key table (gui/input/input.h) is the one list of keys.
 * Its lookups give the commands the window always had; every button names
 * its key in its tooltip; the help overlay is built from it; and the key
 * lists of docs/window.md (its Keys table) and README.md (its "Keys:"
 * paragraph) name exactly the table's keys, written `like this`. */
#include <SDL_keycode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui_fixture.h"
#include "input.h"

static int cmd_of(int ctx, int key, int mods, int64_t *arg)
{
	struct input_cmd c;
	input_key(ctx, key, mods, &c);
	if (arg)
		*arg = c.arg;
	return c.action;
}

static void keys_map_to_the_commands_they_always_had(void)
{
	int64_t arg;
	CHECK_INT(cmd_of(IN_MAIN, SDLK_SPACE, 0, NULL), GA_PLAY);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_RIGHT, 0, NULL), GA_STEP);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_RIGHT, INPUT_SHIFT, NULL), GA_NEXT_STATE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_RIGHT, INPUT_SHIFT | INPUT_CTRL, NULL), GA_NEXT_STATE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_RIGHT, INPUT_CTRL, NULL), GA_STEP);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_LEFT, INPUT_SHIFT, NULL), GA_PREV_STATE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_EQUALS, 0, NULL), GA_FASTER);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_EQUALS, INPUT_CTRL, NULL), GA_ZOOM_IN);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_KP_PLUS, INPUT_CTRL, NULL), GA_ZOOM_IN);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_KP_MINUS, 0, NULL), GA_SLOWER);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_0, INPUT_CTRL, NULL), GA_ZOOM_RESET);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_0, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_f, 0, &arg), GA_FOLLOW);
	CHECK_INT(arg, -1);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_f, INPUT_CTRL, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_s, INPUT_SHIFT, NULL), GA_SCREENSHOT);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_F1, 0, NULL), GA_HELP);
	/* `?` (its text, looked up as SDLK_QUESTION) opens and closes the help */
	CHECK_INT(cmd_of(IN_MAIN, SDLK_QUESTION, 0, NULL), GA_HELP);
	CHECK_INT(cmd_of(IN_HELP, SDLK_QUESTION, 0, NULL), GA_HELP);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_QUESTION, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_x, 0, NULL), GA_NONE);
	/* the Open list's own keys; letters and digits type into its
	 * filter (text events), and nothing acts behind it or the help */
	CHECK_INT(cmd_of(IN_OPEN, SDLK_DOWN, 0, &arg), GA_OPEN_MOVE);
	CHECK_INT(arg, 1);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_PAGEUP, 0, &arg), GA_OPEN_MOVE);
	CHECK_INT(arg, -10);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_RETURN, 0, NULL), GA_OPEN_CHOSEN);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_BACKSPACE, 0, NULL), GA_OPEN_BACKSPACE);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_3, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_q, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_SPACE, 0, NULL), GA_NONE);
	/* quiz mode: P, the answers 1..8 (arg from 0), Enter goes on */
	CHECK_INT(cmd_of(IN_MAIN, SDLK_3, 0, &arg), GA_QUIZ_ANSWER);
	CHECK_INT(arg, 2);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_KP_8, 0, &arg), GA_QUIZ_ANSWER);
	CHECK_INT(arg, 7);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_9, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_p, 0, NULL), GA_QUIZ);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_RETURN, 0, NULL), GA_QUIZ_NEXT);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_RETURN, 0, NULL), GA_OPEN_CHOSEN);
	CHECK_INT(cmd_of(IN_OPEN, SDLK_ESCAPE, 0, NULL), GA_ESCAPE);
	CHECK_INT(cmd_of(IN_HELP, SDLK_ESCAPE, 0, NULL), GA_ESCAPE);
	CHECK_INT(cmd_of(IN_HELP, SDLK_h, 0, NULL), GA_HELP);
	CHECK_INT(cmd_of(IN_HELP, SDLK_q, 0, NULL), GA_QUIT);
	CHECK_INT(cmd_of(IN_HELP, SDLK_SPACE, 0, NULL), GA_NONE);
	CHECK_INT(cmd_of(IN_HELP, SDLK_RIGHT, 0, NULL), GA_NONE);
	/* over the errors, the main keys still work on the last good run */
	CHECK_INT(cmd_of(IN_ERRORS, SDLK_SPACE, 0, NULL), GA_PLAY);
	CHECK_INT(cmd_of(IN_ERRORS, SDLK_ESCAPE, 0, NULL), GA_ESCAPE);
	/* G cycles the plots; Shift+G plots the other end's data */
	CHECK_INT(cmd_of(IN_MAIN, SDLK_g, 0, NULL), GA_PLOT);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_g, INPUT_SHIFT, NULL), GA_PLOT_SIDE);
	/* C compare mode, Shift+C what with; Ctrl+C is neither */
	CHECK_INT(cmd_of(IN_MAIN, SDLK_c, 0, NULL), GA_COMPARE);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_c, INPUT_SHIFT, NULL), GA_COMPARE_WITH);
	CHECK_INT(cmd_of(IN_MAIN, SDLK_c, INPUT_CTRL, NULL), GA_NONE);
}

static void the_help_is_built_from_the_table(void)
{
	char keys[96];
	const char *text = NULL;
	int n = 0;
	while (input_help_row(n, keys, sizeof keys, &text))
		n++;
	/* quiz mode's P, 1–8 and Enter came in as rows 17 to 19, compare mode's
	 * C and Shift+C as 20 and 21; a click on a segment, Ctrl+S and Ctrl+Z
	 * (interventions) as rows 27 to 29 */
	CHECK_INT(n, 32);
	CHECK(input_help_row(1, keys, sizeof keys, &text));
	CHECK_STR(keys, "→  ←");
	CHECK_STR(text, "step one event forward / back (compare mode: one instant)");
	CHECK(input_help_row(11, keys, sizeof keys, &text));
	CHECK_STR(keys, "↓  ↑  PgDn  PgUp");
	CHECK(input_help_row(13, keys, sizeof keys, &text));
	CHECK_STR(keys, "type  Backspace");
	CHECK(input_help_row(14, keys, sizeof keys, &text));
	CHECK_STR(keys, "Ctrl+=  Ctrl+−  Ctrl+0");
	CHECK(input_help_row(16, keys, sizeof keys, &text));
	CHECK_STR(keys, "Shift+G");
	CHECK(input_help_row(18, keys, sizeof keys, &text));
	CHECK_STR(keys, "1–8");
	CHECK(input_help_row(20, keys, sizeof keys, &text));
	CHECK_STR(keys, "C");
	CHECK(input_help_row(21, keys, sizeof keys, &text));
	CHECK_STR(keys, "Shift+C");
	CHECK(input_help_row(26, keys, sizeof keys, &text));
	CHECK_STR(keys, "?  H  F1");
	char tip[128];
	CHECK_STR(input_tooltip(GA_PREV_STATE, tip, sizeof tip), "Previous state change (Shift+←)");
	CHECK_STR(input_tooltip(GA_ZOOM_OUT, tip, sizeof tip), "Smaller (Ctrl+−)");
	CHECK(input_tooltip(GA_QUIT, tip, sizeof tip) == NULL);
}

static void every_button_names_its_key(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_render(a);
	const struct view_out *c = &a->lay.controls.out;
	CHECK(c->ntargets >= 18);
	for (int i = 0; i < c->ntargets; i++) {
		char tip[128];
		const char *t = input_tooltip(c->targets[i].action, tip, sizeof tip);
		CHECK(t != NULL);
		if (!t)
			fprintf(stderr, "  button %d (action %d) has no key in the table\n", i,
			        c->targets[i].action);
	}
	draw_end(a->d);
	close_app(a);
}

/* The `quoted` words of text[from, to) into words (at most max). */
static int quoted(const char *from, const char *to, char words[][32], int max)
{
	int n = 0;
	for (const char *p = from; p < to; p++) {
		if (*p != '`')
			continue;
		const char *e = memchr(p + 1, '`', (size_t)(to - p - 1));
		if (!e)
			break;
		if (n < max && e - p - 1 < 32) {
			snprintf(words[n], 32, "%.*s", (int)(e - p - 1), p + 1);
			n++;
		}
		p = e;
	}
	return n;
}

static int listed(char words[][32], int n, const char *label)
{
	for (int i = 0; i < n; i++)
		if (strcmp(words[i], label) == 0)
			return 1;
	return 0;
}

/* Every key of the table is among words, and every word is a key. */
static void same_keys(const char *doc, char words[][32], int n)
{
	int nk;
	const struct input_key *k = input_keys(&nk);
	CHECK(n > 0);
	for (int i = 0; i < nk; i++) {
		if (!k[i].key || !k[i].label)
			continue; /* a mouse gesture, or an unlisted alias */
		int ok = listed(words, n, k[i].label);
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s does not list the key `%s`\n", doc, k[i].label);
	}
	for (int i = 0; i < n; i++) {
		int ok = 0;
		for (int j = 0; j < nk && !ok; j++)
			ok = k[j].key && k[j].label && strcmp(k[j].label, words[i]) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s lists `%s`, which the key table does not have\n", doc,
			        words[i]);
	}
}

static void the_docs_list_exactly_the_tables_keys(void)
{
	char path[1200];
	static char words[256][32];
	snprintf(path, sizeof path, "%s/docs/window.md", src_dir);
	char *md = read_all(path);
	CHECK(md != NULL);
	if (md) {
		/* the first column of the table under "## Keys" */
		const char *sec = strstr(md, "\n## Keys\n");
		CHECK(sec != NULL);
		int n = 0;
		const char *p = sec ? sec + 1 : md + strlen(md);
		const char *end = sec ? strstr(p + 3, "\n## ") : p;
		if (!end)
			end = md + strlen(md);
		while (p && p < end) {
			const char *nl = strchr(p, '\n');
			if (!nl)
				nl = end;
			if (p[0] == '|') {
				const char *bar = memchr(p + 1, '|', (size_t)(nl - p - 1));
				if (bar)
					n += quoted(p + 1, bar, words + n, 256 - n);
			}
			p = nl + 1;
		}
		same_keys("docs/window.md", words, n);
		free(md);
	}
	snprintf(path, sizeof path, "%s/README.md", src_dir);
	char *readme = read_all(path);
	CHECK(readme != NULL);
	if (readme) {
		/* the paragraph that starts "Keys:" */
		const char *p = strstr(readme, "\nKeys:");
		CHECK(p != NULL);
		if (p) {
			const char *end = strstr(p + 1, "\n\n");
			if (!end)
				end = p + strlen(p);
			int n = quoted(p, end, words, 256);
			same_keys("README.md", words, n);
		}
		free(readme);
	}
}

int main(void)
{
	fixture_init();
	RUN(keys_map_to_the_commands_they_always_had);
	RUN(the_help_is_built_from_the_table);
	RUN(every_button_names_its_key);
	RUN(the_docs_list_exactly_the_tables_keys);
	return check_report("test_gui_keys");
}
