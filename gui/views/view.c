/* view: the parts every view shares (see view.h): its layout result (the
 * command list, click targets, what was left out), text measured with the
 * frame's fonts, the titled panel frame, word wrapping, and which socket a
 * host's views follow.  Called by every view's layout step. */
#include "view.h"

#include <stdio.h>
#include <string.h>

void view_out_begin(struct view_out *o, const char *name, struct gui_rect box)
{
	o->name = name;
	o->box = box;
	dl_reset(&o->dl);
	o->ntargets = 0;
	o->nleft_out = 0;
}

void view_out_free(struct view_out *o)
{
	dl_free(&o->dl);
}

void view_target(struct view_out *o, struct gui_rect r, int action, int64_t arg)
{
	if (o->ntargets >= VIEW_MAX_TARGETS)
		return;
	struct gui_target *t = &o->targets[o->ntargets++];
	t->r = r;
	t->action = action;
	t->arg = arg;
}

void view_left_out(struct view_out *o, const char *what, const char *why)
{
	if (o->nleft_out >= VIEW_MAX_LEFT_OUT)
		return;
	struct view_left_out *l = &o->left_out[o->nleft_out++];
	snprintf(l->what, sizeof l->what, "%s", what);
	snprintf(l->why, sizeof l->why, "%s", why);
}

float view_text(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                int align, struct gui_color c, const char *text)
{
	if (!text || !*text)
		return 0;
	float w = draw_text_width(f->d, font, text), h = draw_font_height(f->d, font);
	dl_text(&o->dl, font, draw_font_px(f->d, font), draw_anchor(x, y, w, h, align), x, y, align,
	        c, text);
	return w;
}

void view_panel_frame(struct view_out *o, const struct view_frame *f, struct gui_rect r,
                      const char *title)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	dl_rrect(&o->dl, r, 6 * s, th->border);
	dl_rrect(&o->dl, gui_rect_inset(r, 1), 5 * s, th->panel);
	if (title && *title)
		view_text(o, f, FONT_BOLD, r.x + 10 * s, r.y + 6 * s, ALIGN_LEFT, th->text_dim,
		          title);
}

float view_text_wrap(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                     float width, struct gui_color c, const char *text, int max_lines)
{
	float lh = draw_font_height(f->d, font);
	float y0 = y;
	char line[512];
	int lines = 0;
	const char *p = text;
	while (*p && lines < max_lines) {
		if (*p == '\n') {
			p++;
			continue;
		}
		/* take words while they fit */
		size_t n = 0, best = 0;
		const char *q = p;
		while (*q && *q != '\n') {
			const char *w = q;
			while (*w == ' ')
				w++;
			const char *e = w;
			while (*e && *e != ' ' && *e != '\n')
				e++;
			size_t add = (size_t)(e - q);
			if (n + add >= sizeof line)
				break;
			memcpy(line + n, q, add);
			line[n + add] = '\0';
			if (draw_text_width(f->d, font, line) > width && best > 0)
				break;
			n += add;
			best = n;
			q = e;
		}
		if (best == 0) { /* one word longer than the width: cut it */
			best = strlen(p) < sizeof line - 1 ? strlen(p) : sizeof line - 1;
			memcpy(line, p, best);
			q = p + best;
		}
		line[best] = '\0';
		lines++;
		if (lines == max_lines && *q && *q != '\n' && best + 4 < sizeof line) {
			/* the last line allowed: mark the cut */
			while (best > 0 && draw_text_width(f->d, font, line) + 20 > width)
				line[--best] = '\0';
			strcat(line, "…");
		}
		view_text(o, f, font, x, y, ALIGN_LEFT, c, line);
		y += lh;
		p = q;
		while (*p == ' ')
			p++;
	}
	return y - y0;
}

const struct snap_sock *view_followed(const struct snapshot *snap, const int32_t follow[2],
                                      int host)
{
	if (host < 0 || host >= snap->nhosts)
		return NULL;
	const struct snap_host *h = &snap->hosts[host];
	if (host < 2 && follow[host] >= 0) {
		for (int i = 0; i < h->nsocks; i++)
			if (h->socks[i].handle == follow[host])
				return &h->socks[i];
		return NULL;
	}
	if (h->current >= 0 && h->current < h->nsocks)
		return &h->socks[h->current];
	return NULL;
}
