/* gui_fixture: what the window's tests share: the source folder, an app
 * off-screen on a file (a failed check when it cannot be made), and whole
 * files read and written.  Included by tests/test_gui_*.c. */
#ifndef TCPSIM_GUI_FIXTURE_H
#define TCPSIM_GUI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "check.h"

static char src_dir[1024];

/* Reads TCPSIM_SOURCE_DIR and makes SDL work without a display. */
static inline void fixture_init(void)
{
	const char *sd = getenv("TCPSIM_SOURCE_DIR");
	snprintf(src_dir, sizeof src_dir, "%s", sd ? sd : ".");
	setenv("SDL_VIDEODRIVER", "offscreen", 0);
	setenv("SDL_RENDER_DRIVER", "software", 0);
}

/* The path of tests/data/name. */
static inline void fixture(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/tests/data/%s", src_dir, name);
}

/* An off-screen w x h draw context, or NULL with the reason on stderr. */
static inline struct draw *new_draw(int w, int h)
{
	char err[256];
	struct draw *d = draw_new(0, NULL, w, h, 0, err, sizeof err);
	if (!d)
		fprintf(stderr, "draw_new: %s\n", err);
	return d;
}

/* An app on path in its own off-screen w x h frame; NULL (and a failed
 * check) when either cannot be made. */
static inline struct gui_app *open_app(const char *path, int w, int h)
{
	struct draw *d = new_draw(w, h);
	struct gui_app *a = d ? gui_app_new(d, path, NULL) : NULL;
	CHECK(a != NULL);
	if (!a) {
		fprintf(stderr, "  could not open %s\n", path);
		draw_free(d);
	}
	return a;
}

/* open_app on scenarios/name, a shipped lesson, its animations settled. */
static inline struct gui_app *open_lesson(const char *name, int w, int h)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/scenarios/%s", src_dir, name);
	struct gui_app *a = open_app(path, w, h);
	if (a)
		a->settled = 1;
	return a;
}

/* open_app on tests/data/name. */
static inline struct gui_app *open_fixture(const char *name, int w, int h)
{
	char path[1200];
	fixture(path, sizeof path, name);
	return open_app(path, w, h);
}

/* Frees an app of open_app and its draw context. */
static inline void close_app(struct gui_app *a)
{
	if (!a)
		return;
	struct draw *d = a->d;
	gui_app_free(a);
	draw_free(d);
}

static inline int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* The whole file, NUL-terminated, to free; NULL when it cannot be read. */
static inline char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	if (b)
		b[n] = '\0';
	fclose(f);
	return b;
}

#endif
