/* intervene: what a click on a segment opens (see view.h): the menu of
 * what may be done to it (drop it, delay it), near the clicked arrow, and
 * the branch's bar at the ladder's foot with its Save and Undo buttons.
 * Called by app/app.c each frame, after the ladder (it reads the ladder's
 * layout to know where the foot is); app/intervene.c decides the choices. */
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

/* The branch's bar over the ladder's foot: what the newest intervention
 * was and how many there are, then its buttons, right-aligned. */
static void bar(struct view_out *o, const struct view_frame *f, const struct ladder_layout *ll)
{
	const struct gui_theme *th = f->th;
	const struct view_branch *b = f->branch;
	float s = f->reg->s, pad = 6 * s;
	float bh = draw_font_height(f->d, FONT_SMALL) + 10 * s;
	struct gui_rect body = ll->body;
	if (body.w <= 0 || body.h < 6 * bh)
		return;
	/* the buttons' captions with their keys, or without when the ladder
	 * is narrow (the keys are in the help) */
	static const struct {
		const char *caption[2];
		int action;
	} buttons[] = {{{"Save Ctrl+S", "Save"}, GA_IV_SAVE},
	               {{"Undo Ctrl+Z", "Undo"}, GA_IV_UNDO},
	               {{"Compare", "Compare"}, 0}};
	float inner = body.w - 8 * s - 2 * pad, bw = 0;
	int form = 0;
	for (; form < 2; form++) {
		bw = 0;
		for (size_t i = 0; i < sizeof buttons / sizeof buttons[0]; i++)
			if (buttons[i].action || b->can_compare)
				bw += draw_text_width(f->d, FONT_SMALL, buttons[i].caption[form]) +
				      14 * s + pad;
		if (bw <= inner || form == 1)
			break;
	}
	char what[220];
	snprintf(what, sizeof what, "Branch%s: %s", b->n > 1 ? " (+ earlier ones)" : "", b->last);
	float tw = draw_text_width(f->d, FONT_SMALL, what);
	/* one row when the words and the buttons fit side by side, else the
	 * words over the buttons */
	int rows = tw + 2 * pad + bw > inner ? 2 : 1;
	float h = (float)rows * bh + (float)(rows + 1) * pad;
	struct gui_rect r =
	    gui_rect_make(body.x + 4 * s, body.y + body.h - h - 4 * s, body.w - 8 * s, h);
	struct gui_color bg = th->panel;
	bg.a = 240;
	grow_box(o, r);
	dl_rrect(&o->dl, r, 6 * s, th->accent);
	dl_rrect(&o->dl, gui_rect_inset(r, 1.5f * s), 5 * s, bg);
	float by = r.y + pad + (float)(rows - 1) * (bh + pad);
	float x = r.x + r.w - pad;
	for (int i = (int)(sizeof buttons / sizeof buttons[0]) - 1; i >= 0; i--) {
		int action = buttons[i].action ? buttons[i].action : b->compare_action;
		if (!buttons[i].action && !b->can_compare)
			continue;
		const char *caption = buttons[i].caption[form];
		float w = draw_text_width(f->d, FONT_SMALL, caption) + 14 * s;
		struct gui_rect br = gui_rect_make(x - w, by, w, bh);
		if (br.x < r.x + pad)
			break; /* no room: the keys still work */
		view_target(o, br, action, 0);
		int hover = gui_rect_has(br, f->mouse_x, f->mouse_y);
		dl_rrect(&o->dl, br, 5 * s, hover ? th->button_hover : th->button);
		view_text(o, f, FONT_SMALL, br.x + w / 2, br.y + bh / 2,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->button_text, caption);
		x = br.x - pad;
	}
	float room = rows == 2 ? r.w - 4 * pad : x - r.x - 3 * pad;
	view_text_fit(o, f, FONT_SMALL, r.x + 2 * pad, r.y + pad + bh / 2,
	              ALIGN_LEFT | ALIGN_MIDDLE, th->text, what, room, NULL);
}

void view_intervene_layout(const struct view_frame *f, const struct ladder_layout *ll,
                           struct view_out *o)
{
	/* its box: what it draws, the bar and the menu (none: empty) */
	view_out_begin(o, "intervene", gui_rect_make(0, 0, 0, 0));
	if (f->reg->too_small)
		return;
	if (f->branch && f->branch->n && !f->reg->no_ladder)
		bar(o, f, ll);
	if (f->menu && f->menu->open)
		menu(o, f);
}
