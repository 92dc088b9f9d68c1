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
	o->scroll_max = 0;
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

int view_shorten(const struct view_frame *f, int font, const char *text, float width, char *out,
                 size_t size)
{
	snprintf(out, size, "%s", text);
	width += 0.25f; /* what fits exactly, give or take the float sums */
	if (draw_text_width(f->d, font, out) <= width)
		return 0;
	size_t n = strlen(out);
	float ew = draw_text_width(f->d, font, "…");
	while (n > 0) {
		n--;
		while (n > 0 && ((unsigned char)out[n] & 0xC0) == 0x80)
			n--;
		out[n] = '\0';
		while (n > 0 && out[n - 1] == ' ')
			out[--n] = '\0';
		if (draw_text_width(f->d, font, out) + ew <= width)
			break;
	}
	if (n + 4 <= size)
		strcat(out, "…");
	return 1;
}

float view_text_fit(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                    int align, struct gui_color c, const char *text, float width, int *cut)
{
	char buf[512];
	int was_cut = view_shorten(f, font, text, width, buf, sizeof buf);
	if (cut)
		*cut = was_cut;
	if (width < draw_text_width(f->d, font, "…"))
		return 0;
	return view_text(o, f, font, x, y, align, c, buf);
}

int view_message_line(const struct view_frame *f, int font, const char *line, size_t n, float width,
                      char *out, size_t size)
{
	snprintf(out, size, "%.*s", (int)n, line);
	int path = memchr(line, '/', n) != NULL;
	size_t skip = 0;
	while (draw_text_width(f->d, font, out) > width && skip + 8 < n) {
		skip += 4;
		/* never inside a UTF-8 sequence */
		while (skip < n && ((unsigned char)line[path ? skip : n - skip] & 0xC0) == 0x80)
			skip++;
		if (path)
			snprintf(out, size, "…%.*s", (int)(n - skip), line + skip);
		else
			snprintf(out, size, "%.*s…", (int)(n - skip), line);
	}
	return skip > 0;
}

/* Word-wraps text into width (see view_text_wrap); records nothing when o
 * is NULL; sets *cut when the last line allowed was cut short. */
static float wrap(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                  float width, struct gui_color c, const char *text, int max_lines, int *cut)
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
		if (best == 0) { /* one word longer than the width: cut it where
			          * it stops fitting, at a character boundary */
			size_t len = strcspn(p, "\n");
			if (len > sizeof line - 1)
				len = sizeof line - 1;
			size_t take = 0;
			while (take < len) {
				size_t nx = take + 1;
				while (nx < len && ((unsigned char)p[nx] & 0xC0) == 0x80)
					nx++;
				memcpy(line, p, nx);
				line[nx] = '\0';
				if (take > 0 && draw_text_width(f->d, font, line) > width)
					break;
				take = nx;
			}
			best = take;
			memcpy(line, p, best);
			q = p + best;
		}
		line[best] = '\0';
		lines++;
		if (lines == max_lines && *q && *q != '\n' && best + 4 < sizeof line) {
			/* the last line allowed: mark the cut */
			float ew = draw_text_width(f->d, font, "…");
			while (best > 0 && draw_text_width(f->d, font, line) + ew > width) {
				line[--best] = '\0';
				while (best > 0 && ((unsigned char)line[best] & 0xC0) == 0x80)
					line[--best] = '\0';
			}
			strcat(line, "…");
			if (cut)
				*cut = 1;
		}
		if (o)
			view_text(o, f, font, x, y, ALIGN_LEFT, c, line);
		y += lh;
		p = q;
		while (*p == ' ')
			p++;
	}
	return y - y0;
}

float view_text_wrap(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                     float width, struct gui_color c, const char *text, int max_lines)
{
	return wrap(o, f, font, x, y, width, c, text, max_lines, NULL);
}

int view_wrap_count(const struct view_frame *f, int font, float width, const char *text)
{
	int cut = 0;
	struct gui_color none = {0, 0, 0, 0};
	return (int)(wrap(NULL, f, font, 0, 0, width, none, text, 1000, &cut) /
	                 draw_font_height(f->d, font) +
	             0.5f);
}

int view_text_wrap_cut(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                       float width, struct gui_color c, const char *text, int max_lines,
                       float *used)
{
	int cut = 0;
	*used = wrap(o, f, font, x, y, width, c, text, max_lines, &cut);
	return cut;
}
int view_seg_rec_done(const struct view_frame *f, uint32_t seg, int kind, simtime_t at)
{
	if (at != f->t)
		return at < f->t;
	/* the records at that instant: the one about seg, against the present */
	const struct trace *tr = f->tr;
	uint32_t hi = trace_upper_bound(tr, at);
	for (uint32_t j = at > 0 ? trace_upper_bound(tr, at - 1) : 0; j < hi; j++)
		if (tr->recs[j].kind == kind && tr->recs[j].seg == (int32_t)seg)
			return (int64_t)j <= f->k;
	return 1;
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
