/* dlist: a view's drawing as a list of commands, shapes and texts in paint
 * order, as microui's widgets append to a command list.  The views fill
 * lists while they lay out; draw_list() in draw.c replays them.
 *
 * Plain data, no SDL: tests (and a layout dump) read every text with its
 * box and pixel size. */
#ifndef TCPSIM_GUI_DLIST_H
#define TCPSIM_GUI_DLIST_H

#include <stddef.h>

#include "geom.h"

enum dl_op {
	DL_RECT,      /* r */
	DL_OUTLINE,   /* r, width */
	DL_RRECT,     /* r, radius in width */
	DL_LINE,      /* p[0] to p[1], width */
	DL_DASHED,    /* p[0] to p[1], width, dash */
	DL_TRIANGLE,  /* p[0..2] */
	DL_CIRCLE,    /* centre p[0], radius in width */
	DL_ARROWHEAD, /* from p[0] to the tip p[1], size in width */
	DL_TEXT,      /* at p[0] with align, in font; r is its box */
	DL_CLIP,      /* r (as given: an empty or negative one hides what follows) */
	DL_UNCLIP,    /* no clip from here on */
};

struct dl_cmd {
	int op;
	struct gui_color c;
	struct gui_rect r;
	struct gui_point p[3];
	float width, dash;
	int font, px, align; /* DL_TEXT: draw.h's font and align, the font's pixel size */
	size_t text;         /* DL_TEXT: offset of the text in the list's store */
};

struct dlist {
	struct dl_cmd *cmd;
	int n, cap;
	char *store; /* the texts, each NUL-terminated */
	size_t used, size;
	int dropped; /* commands lost for lack of memory */
};

/* Empties a list, keeping its memory for the next frame. */
void dl_reset(struct dlist *l);
/* Frees a list's memory; the list is empty and reusable after. */
void dl_free(struct dlist *l);

/* Appends a shape; the arguments are draw.h's primitive of the same name. */
void dl_rect(struct dlist *l, struct gui_rect r, struct gui_color c);
void dl_outline(struct dlist *l, struct gui_rect r, float width, struct gui_color c);
void dl_rrect(struct dlist *l, struct gui_rect r, float radius, struct gui_color c);
void dl_line(struct dlist *l, struct gui_point a, struct gui_point b, float width,
             struct gui_color c);
void dl_dashed(struct dlist *l, struct gui_point a, struct gui_point b, float width, float dash,
               struct gui_color c);
void dl_triangle(struct dlist *l, struct gui_point a, struct gui_point b, struct gui_point p,
                 struct gui_color c);
void dl_circle(struct dlist *l, struct gui_point centre, float radius, struct gui_color c);
void dl_arrowhead(struct dlist *l, struct gui_point from, struct gui_point tip, float size,
                  struct gui_color c);
/* Appends a text anchored at (x, y) as draw_text() takes it; box is where
 * it lands and px its font's pixel size (the caller measured both). */
void dl_text(struct dlist *l, int font, int px, struct gui_rect box, float x, float y, int align,
             struct gui_color c, const char *text);
/* Appends a clip to r (NULL: no clip). */
void dl_clip(struct dlist *l, const struct gui_rect *r);

/* The text of a DL_TEXT command of l. */
const char *dl_text_of(const struct dlist *l, const struct dl_cmd *c);

#endif
