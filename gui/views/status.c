/* status: the status bar on top (see view.h): the scenario's title, the
 * simulated time, the event counter, the speed and whether it plays.
 * Called by app/app.c each frame. */
#include <stdio.h>

#include "view.h"

void view_status_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	struct gui_rect r = l->status;
	view_out_begin(o, "status", r);
	dl_rect(&o->dl, r, th->panel);
	dl_rect(&o->dl, gui_rect_make(0, r.y + r.h - 1 * s, r.w, 1 * s), th->border);
	float cy = r.y + r.h / 2;
	char buf[256], t[32];
	/* right to left: play state, speed, event, time */
	float x = r.w - l->pad;
	const char *ps = f->playing ? "playing" : "paused";
	x -= view_text(o, f, FONT_BOLD, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE,
	               f->playing ? th->accent : th->text_dim, ps);
	float ic = draw_font_height(f->d, FONT_BOLD) * 0.55f;
	x -= 6 * s + ic;
	if (f->playing) {
		struct gui_point p0 = {x, cy - ic / 2}, p1 = {x, cy + ic / 2}, p2 = {x + ic, cy};
		dl_triangle(&o->dl, p0, p1, p2, th->accent);
	} else {
		dl_rect(&o->dl, gui_rect_make(x + ic * 0.1f, cy - ic / 2, ic * 0.3f, ic),
		        th->text_dim);
		dl_rect(&o->dl, gui_rect_make(x + ic * 0.6f, cy - ic / 2, ic * 0.3f, ic),
		        th->text_dim);
	}
	x -= 24 * s;
	snprintf(buf, sizeof buf, "speed %s%s", f->speed_label, f->skip_idle ? " · skip idle" : "");
	x -= view_text(o, f, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text_dim, buf);
	x -= 24 * s;
	snprintf(buf, sizeof buf, "event %lld / %u", (long long)(f->k + 1), f->tr->n);
	x -= view_text(o, f, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text, buf);
	x -= 24 * s;
	snprintf(buf, sizeof buf, "t = %s s", simtime_fmt(t, sizeof t, f->t));
	float tw = draw_text_width(f->d, FONT_TITLE, "t = 000.000000 s");
	view_text(o, f, FONT_TITLE, x - tw, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->text, buf);
	x -= tw + 24 * s;
	/* the title takes what is left */
	const char *title = f->scn && f->scn->title && *f->scn->title ? f->scn->title : f->path;
	struct gui_rect tr = gui_rect_make(l->pad, 0, x - l->pad, r.h);
	dl_clip(&o->dl, &tr);
	view_text(o, f, FONT_TITLE, l->pad, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->text, title);
	dl_clip(&o->dl, NULL);
}
