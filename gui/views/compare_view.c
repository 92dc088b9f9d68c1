/* compare_view: compare mode's own words (see view.h): each run's name over
 * its ladder, and under the two ladders the first divergence in a sentence
 * (out/compare.c's).  Called by app/app.c each frame in compare mode; the
 * ladders themselves are ladder.c's, laid out once for each run. */
#include <stdio.h>
#include <string.h>

#include "view.h"

void view_compare_layout(const struct view_frame *f, struct view_out *o)
{
	const struct view_regions *r = f->reg;
	/* its box spans the two titles and the strip (in the wide
	 * arrangement the ladders lie inside it, between them) */
	struct gui_rect box = r->cmp_strip;
	for (int i = 0; i < 2; i++)
		box = gui_rect_union(box, r->cmp_title[i]);
	view_out_begin(o, "compare", box);
	if (r->too_small || !r->compare)
		return;
	const struct gui_theme *th = f->th;
	float s = r->s;
	for (int i = 0; i < 2; i++) {
		struct gui_rect t = r->cmp_title[i];
		const char *label = f->cmp_label[i] ? f->cmp_label[i] : "";
		float rr = t.h / 2 < 13 * s ? t.h / 2 : 13 * s;
		dl_rrect(&o->dl, t, rr, i == 0 ? th->panel_alt : th->panel);
		dl_rrect(&o->dl, gui_rect_inset(t, 1.5f * s), rr, th->panel);
		/* run A's marker is a disc on the diagram, run B's a ring */
		struct gui_point c = {t.x + 13 * s + 2 * s, t.y + t.h / 2};
		float rad = 26 * s * 0.28f;
		dl_circle(&o->dl, c, rad, th->text);
		if (i == 1)
			dl_circle(&o->dl, c, rad - 2.5f * s, th->panel);
		/* "run A: x.tcps[ what], linux, seed 1": the name on the first
		 * line, the profile and seed under it, so that both fit */
		const char *seed = strstr(label, ", seed ");
		const char *split = NULL;
		for (const char *p = label; seed && p < seed; p++)
			if (p[0] == ',' && p[1] == ' ')
				split = p;
		float x = c.x + rad + 8 * s, w = t.x + t.w - x - 8 * s;
		int cut = 0, cut2 = 0;
		if (!split && draw_text_width(f->d, FONT_BOLD, label) <= w) {
			view_text(o, f, FONT_BOLD, x, t.y + t.h / 2, ALIGN_LEFT | ALIGN_MIDDLE,
			          th->text, label);
		} else if (!split) {
			/* a name of the caller's (gui_app_compare): in two lines */
			float h1 = draw_font_height(f->d, FONT_BOLD), used;
			int n = view_wrap_count(f, FONT_BOLD, w, label);
			float y = t.y + (t.h - (n > 1 ? 2 : 1) * h1) / 2;
			cut =
			    view_text_wrap_cut(o, f, FONT_BOLD, x, y, w, th->text, label, 2, &used);
		} else {
			char name[1280];
			snprintf(name, sizeof name, "%.*s", (int)(split - label), label);
			float h1 = draw_font_height(f->d, FONT_BOLD);
			float h2 = draw_font_height(f->d, FONT_SMALL);
			float y = t.y + (t.h - h1 - h2) / 2;
			view_text_fit(o, f, FONT_BOLD, x, y, ALIGN_LEFT, th->text, name, w, &cut);
			view_text_fit(o, f, FONT_SMALL, x, y + h1, ALIGN_LEFT, th->text_dim,
			              split + 2, w, &cut2);
		}
		if (cut || cut2)
			view_left_out(o, i == 0 ? "run A's title" : "run B's title",
			              "cut with '…': no room");
	}
	struct gui_rect b = r->cmp_strip;
	/* mark_t is the divergence's time: none when the runs agree */
	view_panel_frame(o, f, b, f->mark_t >= 0 ? "First divergence" : "No divergence");
	float y = b.y + 6 * s + draw_font_height(f->d, FONT_BOLD) + 4 * s;
	int lines = (int)((b.y + b.h - 6 * s - y) / draw_font_height(f->d, FONT_BODY));
	if (lines < 1)
		lines = 1;
	int cut = 0;
	float used;
	cut = view_text_wrap_cut(o, f, FONT_BODY, b.x + 10 * s, y, b.w - 20 * s, th->text,
	                         f->cmp_why ? f->cmp_why : "", lines, &used);
	if (cut)
		view_left_out(o, "the divergence's sentence", "cut: no more lines");
	/* the diagram gone for lack of room: said where the eye is */
	float sh = draw_font_height(f->d, FONT_SMALL);
	if (r->no_diagram && !cut && y + used + sh <= b.y + b.h - 4 * s)
		view_text_fit(o, f, FONT_SMALL, b.x + 10 * s, y + used + 2 * s, ALIGN_LEFT,
		              th->text_dim,
		              "The state diagram needs more room beside two ladders: zoom out "
		              "(Ctrl+−) or widen the window.",
		              b.w - 20 * s, NULL);
}
