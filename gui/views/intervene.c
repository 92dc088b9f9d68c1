/* intervene: what a click on a segment opens (see view.h): the menu of
 * what may be done to it (drop it, delay it), near the clicked arrow, and
 * the branch's bar in its own place under the ladder (regions.c,
 * view_regions_branch, asks it how tall it is) with its Save and Undo
 * buttons.  Called by app/app.c each frame; app/intervene.c decides the
 * choices. */
#include <stdio.h>
#include <string.h>

#include "view.h"

/* The view's box takes in r too. */
static void grow_box(struct view_out *o, struct gui_rect r)
{
	if (o->box.w <= 0 || o->box.h <= 0) {
		o->box = r;
		return;
	}
	float x0 = o->box.x < r.x ? o->box.x : r.x, y0 = o->box.y < r.y ? o->box.y : r.y;
	float x1 = o->box.x + o->box.w > r.x + r.w ? o->box.x + o->box.w : r.x + r.w;
	float y1 = o->box.y + o->box.h > r.y + r.h ? o->box.y + o->box.h : r.y + r.h;
	o->box = gui_rect_make(x0, y0, x1 - x0, y1 - y0);
}

/* The menu: its title, a row per choice (a target each), a foot with its
 * keys; or, with no choice, why not.  Inside the frame, beside its point. */
static void menu(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_menu *m = f->menu;
	const struct view_regions *l = f->reg;
	float s = l->s, pad = 12 * s;
	float W = l->status.w, H = l->controls.y + l->controls.h;
	float lh = draw_font_height(f->d, FONT_BODY) + 10 * s;
	float th_h = draw_font_height(f->d, FONT_BOLD) + 8 * s;
	float sh = draw_font_height(f->d, FONT_SMALL);
	const char *foot = m->n ? "↑ ↓ choose · Enter · Esc closes" : "Esc closes";
	float w = draw_text_width(f->d, FONT_BOLD, m->title);
	for (int i = 0; i < m->n; i++) {
		float lw = draw_text_width(f->d, FONT_BODY, m->label[i]) + 24 * s;
		w = lw > w ? lw : w;
	}
	float fw = draw_text_width(f->d, FONT_SMALL, foot);
	w = fw > w ? fw : w;
	float maxw = W * 0.9f < 520 * s ? W * 0.9f : 520 * s;
	if (!m->n && w < 380 * s)
		w = 380 * s; /* room for the reason */
	w = w + 2 * pad > maxw ? maxw - 2 * pad : w;
	float body = m->n ? lh * (float)m->n
	                  : (float)view_wrap_count(f, FONT_BODY, w, m->why) *
	                        draw_font_height(f->d, FONT_BODY);
	float h = pad + th_h + body + 6 * s + sh + pad;
	/* right of and below its point, else where it fits */
	float x = m->at.x + 14 * s, y = m->at.y - th_h;
	if (x + w + 2 * pad > W - 6 * s)
		x = m->at.x - 14 * s - w - 2 * pad;
	if (x < 6 * s)
		x = 6 * s;
	if (y + h > H - 6 * s)
		y = H - 6 * s - h;
	float top = l->status.y + l->status.h + 4 * s;
	if (y < top)
		y = top;
	struct gui_rect r = gui_rect_make(x, y, w + 2 * pad, h);
	grow_box(o, gui_rect_inset(r, -2 * s));
	dl_rrect(&o->dl, gui_rect_inset(r, -2 * s), 9 * s, th->accent);
	dl_rrect(&o->dl, r, 8 * s, th->panel);
	view_text_fit(o, f, FONT_BOLD, r.x + pad, r.y + pad, ALIGN_LEFT, th->text, m->title, w,
	              NULL);
	float ry = r.y + pad + th_h;
	if (!m->n) {
		view_text_wrap(o, f, FONT_BODY, r.x + pad, ry, w, th->text_dim, m->why, 6);
		ry += body;
	}
	for (int i = 0; i < m->n; i++) {
		struct gui_rect item = gui_rect_make(r.x + pad / 2, ry, w + pad, lh);
		view_target(o, item, GA_IV_CHOOSE, i);
		if (i == m->sel)
			dl_rrect(&o->dl, item, 5 * s, th->host_tint[0]);
		else if (gui_rect_has(item, f->mouse_x, f->mouse_y))
			dl_rrect(&o->dl, item, 5 * s, th->button_hover);
		view_text(o, f, FONT_BODY, item.x + pad / 2 + 12 * s, item.y + lh / 2,
		          ALIGN_LEFT | ALIGN_MIDDLE, th->text, m->label[i]);
		ry += lh;
	}
	view_text(o, f, FONT_SMALL, r.x + pad, ry + 6 * s, ALIGN_LEFT, th->text_dim, foot);
}

/* The branch bar's buttons: their captions with their keys, or without
 * when the bar is narrow (the keys are in the help); Compare only when
 * there is a compare view. */
static const struct {
	const char *caption[2];
	int action; /* 0: the branch's compare_action */
} buttons[] = {{{"Save Ctrl+S", "Save"}, GA_IV_SAVE},
               {{"Undo Ctrl+Z", "Undo"}, GA_IV_UNDO},
               {{"Compare", "Compare"}, 0}};
#define NBUTTONS ((int)(sizeof buttons / sizeof buttons[0]))

/* How the bar goes in width w: the buttons' form and rows, and its words
 * beside them (one row) or wrapped over them. */
struct bar_plan {
	float s, pad, bh, fh; /* scale, padding, a button's and a line's height */
	float inner;          /* the width inside the bar's padding */
	int form;             /* the buttons' captions: 0 with their keys */
	int row_of[NBUTTONS]; /* each button's row (-1: not shown) */
	int brows;            /* rows of buttons */
	int lines;            /* the words' lines; 0: beside the buttons */
	float h;              /* the bar's height */
	char what[220];       /* "Branch: drop client->server 2nd ACK" */
};

#define BAR_MAX_LINES 3

static float button_w(const struct view_frame *f, const struct bar_plan *p, int i)
{
	return draw_text_width(f->d, FONT_SMALL, buttons[i].caption[p->form]) + 14 * p->s;
}

static void bar_plan(const struct view_frame *f, float w, struct bar_plan *p)
{
	const struct view_branch *b = f->branch;
	memset(p, 0, sizeof *p);
	p->s = f->reg->s;
	p->pad = 6 * p->s;
	p->fh = draw_font_height(f->d, FONT_SMALL);
	p->bh = p->fh + 10 * p->s;
	p->inner = w - 2 * p->pad;
	snprintf(p->what, sizeof p->what, "Branch%s: %s", b->n > 1 ? " (+ earlier ones)" : "",
	         b->last);
	/* the captions with their keys when all fit on one row, else without,
	 * on as many rows as they need */
	float row_w = 0;
	for (p->form = 0; p->form < 2; p->form++) {
		float x = 0;
		int row = 0;
		row_w = 0;
		for (int i = 0; i < NBUTTONS; i++) {
			p->row_of[i] = -1;
			if (!buttons[i].action && !b->can_compare)
				continue;
			float bw = button_w(f, p, i);
			if (x > 0 && x + bw > p->inner) {
				row++;
				x = 0;
			}
			p->row_of[i] = row;
			x += bw + p->pad;
			if (row == 0)
				row_w = x;
		}
		p->brows = row + 1;
		if (p->brows == 1 || p->form == 1)
			break;
	}
	/* the words beside one row of buttons when they fit, else wrapped
	 * above them */
	float tw = draw_text_width(f->d, FONT_SMALL, p->what);
	if (p->brows == 1 && tw + 2 * p->pad + row_w <= p->inner) {
		p->lines = 0;
		p->h = p->bh + 2 * p->pad;
		return;
	}
	p->lines = view_wrap_count(f, FONT_SMALL, p->inner - 2 * p->pad, p->what);
	if (p->lines > BAR_MAX_LINES)
		p->lines = BAR_MAX_LINES;
	if (p->lines < 1)
		p->lines = 1;
	p->h = p->pad + (float)p->lines * p->fh + (float)p->brows * (p->bh + p->pad) + p->pad;
}

float view_branch_height(const struct view_frame *f, float w)
{
	if (!f->branch || !f->branch->n || w <= 0)
		return 0;
	struct bar_plan p;
	bar_plan(f, w, &p);
	return p.h;
}

/* The branch's bar in its own place under the ladder (f->reg->branch):
 * what the newest intervention was and how many there are, then its
 * buttons, right-aligned. */
static void bar(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_branch *b = f->branch;
	struct gui_rect r = f->reg->branch;
	if (r.w <= 0 || r.h <= 0) {
		view_left_out(o, "the branch bar", "no room under the ladder (zoom out)");
		return;
	}
	struct bar_plan p;
	bar_plan(f, r.w, &p);
	float s = p.s, pad = p.pad, bh = p.bh;
	struct gui_color bg = th->panel;
	bg.a = 240;
	grow_box(o, r);
	dl_rrect(&o->dl, r, 6 * s, th->accent);
	dl_rrect(&o->dl, gui_rect_inset(r, 1.5f * s), 5 * s, bg);
	/* the buttons, each row right-aligned, under the words */
	float top = r.y + pad + (p.lines ? (float)p.lines * p.fh + pad : 0);
	float room = p.inner - 2 * pad; /* the words' width */
	for (int row = 0; row < p.brows; row++) {
		float x = r.x + r.w - pad, by = top + (float)row * (bh + pad);
		for (int i = NBUTTONS - 1; i >= 0; i--) {
			if (p.row_of[i] != row)
				continue;
			int action = buttons[i].action ? buttons[i].action : b->compare_action;
			const char *caption = buttons[i].caption[p.form];
			float w = button_w(f, &p, i);
			struct gui_rect br = gui_rect_make(x - w, by, w, bh);
			view_target(o, br, action, 0);
			int hover = gui_rect_has(br, f->mouse_x, f->mouse_y);
			dl_rrect(&o->dl, br, 5 * s, hover ? th->button_hover : th->button);
			view_text(o, f, FONT_SMALL, br.x + w / 2, br.y + bh / 2,
			          ALIGN_CENTER | ALIGN_MIDDLE, th->button_text, caption);
			x = br.x - pad;
			if (!p.lines)
				room = x - r.x - 3 * pad;
		}
	}
	if (!p.lines)
		view_text_fit(o, f, FONT_SMALL, r.x + 2 * pad, r.y + pad + bh / 2,
		              ALIGN_LEFT | ALIGN_MIDDLE, th->text, p.what, room, NULL);
	else
		view_text_wrap(o, f, FONT_SMALL, r.x + 2 * pad, r.y + pad, room, th->text, p.what,
		               p.lines);
}

void view_intervene_layout(const struct view_frame *f, struct view_out *o)
{
	/* its box: what it draws, the bar and the menu (none: empty) */
	view_out_begin(o, "intervene", gui_rect_make(0, 0, 0, 0));
	if (f->reg->too_small)
		return;
	if (f->branch && f->branch->n && !f->reg->no_ladder)
		bar(o, f);
	if (f->menu && f->menu->open)
		menu(o, f);
}
