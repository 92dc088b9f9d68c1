/* dlist: the command lists views fill and draw.c replays (see dlist.h).
 * Lists grow as needed and are reused frame after frame, so a steady
 * window allocates nothing. */
#include "dlist.h"

#include <stdlib.h>
#include <string.h>

void dl_reset(struct dlist *l)
{
	l->n = 0;
	l->used = 0;
	l->dropped = 0;
}

void dl_free(struct dlist *l)
{
	free(l->cmd);
	free(l->store);
	memset(l, 0, sizeof *l);
}

/* A new zeroed command of kind op, or NULL (counted in dropped). */
static struct dl_cmd *push(struct dlist *l, int op, struct gui_color c)
{
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 256;
		struct dl_cmd *p = realloc(l->cmd, (size_t)cap * sizeof *p);
		if (!p) {
			l->dropped++;
			return NULL;
		}
		l->cmd = p;
		l->cap = cap;
	}
	struct dl_cmd *k = &l->cmd[l->n++];
	memset(k, 0, sizeof *k);
	k->op = op;
	k->c = c;
	return k;
}

void dl_rect(struct dlist *l, struct gui_rect r, struct gui_color c)
{
	struct dl_cmd *k = push(l, DL_RECT, c);
	if (k)
		k->r = r;
}

void dl_outline(struct dlist *l, struct gui_rect r, float width, struct gui_color c)
{
	struct dl_cmd *k = push(l, DL_OUTLINE, c);
	if (k) {
		k->r = r;
		k->width = width;
	}
}

void dl_rrect(struct dlist *l, struct gui_rect r, float radius, struct gui_color c)
{
	struct dl_cmd *k = push(l, DL_RRECT, c);
	if (k) {
		k->r = r;
		k->width = radius;
	}
}

/* Shapes given by up to three points and a width. */
static void points(struct dlist *l, int op, const struct gui_point *p, int n, float width,
                   float dash, struct gui_color c)
{
	struct dl_cmd *k = push(l, op, c);
	if (!k)
		return;
	for (int i = 0; i < n; i++)
		k->p[i] = p[i];
	k->width = width;
	k->dash = dash;
}

void dl_line(struct dlist *l, struct gui_point a, struct gui_point b, float width,
             struct gui_color c)
{
	struct gui_point p[2] = {a, b};
	points(l, DL_LINE, p, 2, width, 0, c);
}

void dl_dashed(struct dlist *l, struct gui_point a, struct gui_point b, float width, float dash,
               struct gui_color c)
{
	struct gui_point p[2] = {a, b};
	points(l, DL_DASHED, p, 2, width, dash, c);
}

void dl_triangle(struct dlist *l, struct gui_point a, struct gui_point b, struct gui_point p,
                 struct gui_color c)
{
	struct gui_point v[3] = {a, b, p};
	points(l, DL_TRIANGLE, v, 3, 0, 0, c);
}

void dl_circle(struct dlist *l, struct gui_point centre, float radius, struct gui_color c)
{
	points(l, DL_CIRCLE, &centre, 1, radius, 0, c);
}

void dl_arrowhead(struct dlist *l, struct gui_point from, struct gui_point tip, float size,
                  struct gui_color c)
{
	struct gui_point p[2] = {from, tip};
	points(l, DL_ARROWHEAD, p, 2, size, 0, c);
}

void dl_text(struct dlist *l, int font, int px, struct gui_rect box, float x, float y, int align,
             struct gui_color c, const char *text)
{
	size_t n = strlen(text) + 1;
	if (l->used + n > l->size) {
		size_t size = l->size ? l->size : 8192;
		while (l->used + n > size)
			size *= 2;
		char *s = realloc(l->store, size);
		if (!s) {
			l->dropped++;
			return;
		}
		l->store = s;
		l->size = size;
	}
	struct dl_cmd *k = push(l, DL_TEXT, c);
	if (!k)
		return;
	memcpy(l->store + l->used, text, n);
	k->text = l->used;
	l->used += n;
	k->font = font;
	k->px = px;
	k->align = align;
	k->r = box;
	k->p[0].x = x;
	k->p[0].y = y;
}

void dl_clip(struct dlist *l, const struct gui_rect *r)
{
	struct dl_cmd *k = push(l, r ? DL_CLIP : DL_UNCLIP, (struct gui_color){0, 0, 0, 0});
	if (k && r)
		k->r = *r;
}

const char *dl_text_of(const struct dlist *l, const struct dl_cmd *c)
{
	return l->store + c->text;
}
