/* overlays: what lies over the window (see view.h): the errors of a failed
 * reload, the message above the controls, the help (every row from the key
 * table) and the Open list (a click target per file).  Called by
 * app/app.c each frame, last. */
#include <stdio.h>
#include <string.h>

#include "view.h"

static struct gui_rect centred(const struct view_regions *l, float w, float h)
{
	float W = l->controls.w, H = l->controls.y + l->controls.h;
	return gui_rect_make((W - w) / 2, (H - h) / 2, w, h);
}

/* The help: every row of the key table's help (input_help_row). */
static void help(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	float lh = draw_font_height(f->d, FONT_BODY) + 6 * s;
	float kw = 0, dw = 0;
	char keys[96];
	const char *text = "";
	int n = 0;
	for (; input_help_row(n, keys, sizeof keys, &text); n++) {
		float w0 = draw_text_width(f->d, FONT_BOLD, keys);
		float w1 = draw_text_width(f->d, FONT_BODY, text);
		kw = w0 > kw ? w0 : kw;
		dw = w1 > dw ? w1 : dw;
	}
	float w = kw + dw + 80 * s, h = lh * (float)n + 80 * s;
	struct gui_rect r = centred(l, w, h);
	dl_rect(&o->dl, gui_rect_make(0, 0, l->controls.w, l->controls.y + l->controls.h),
	        th->overlay);
	dl_rrect(&o->dl, r, 10 * s, th->panel);
	view_text(o, f, FONT_TITLE, r.x + 30 * s, r.y + 20 * s, ALIGN_LEFT, th->text, "Keys");
	float y = r.y + 56 * s;
	for (int i = 0; input_help_row(i, keys, sizeof keys, &text); i++) {
		view_text(o, f, FONT_BOLD, r.x + 30 * s + kw, y, ALIGN_RIGHT, th->accent, keys);
		view_text(o, f, FONT_BODY, r.x + 50 * s + kw, y, ALIGN_LEFT, th->text, text);
		y += lh;
	}
}

/* The Open list: a target per file. */
static void open_list(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	float lh = draw_font_height(f->d, FONT_BODY) + 10 * s;
	int n = f->nfiles < 64 ? f->nfiles : 64;
	float w = 560 * s, h = lh * (float)(n ? n : 1) + 80 * s;
	struct gui_rect r = centred(l, w, h);
	dl_rect(&o->dl, gui_rect_make(0, 0, l->controls.w, l->controls.y + l->controls.h),
	        th->overlay);
	dl_rrect(&o->dl, r, 10 * s, th->panel);
	view_text(o, f, FONT_TITLE, r.x + 24 * s, r.y + 18 * s, ALIGN_LEFT, th->text,
	          "Open a scenario (click, or press its number)");
	float y = r.y + 54 * s;
	if (!n)
		view_text(o, f, FONT_BODY, r.x + 24 * s, y, ALIGN_LEFT, th->text_dim,
		          "No .tcps files beside this one.");
	for (int i = 0; i < n; i++) {
		struct gui_rect item = gui_rect_make(r.x + 12 * s, y, w - 24 * s, lh);
		view_target(o, item, GA_OPEN_FILE, i);
		int cur = strcmp(f->files[i], f->path) == 0;
		if (gui_rect_has(item, f->mouse_x, f->mouse_y) || cur)
			dl_rrect(&o->dl, item, 5 * s, cur ? th->host_tint[0] : th->button_hover);
		const char *base = strrchr(f->files[i], '/');
		base = base ? base + 1 : f->files[i];
		char label[300];
		if (i < 9)
			snprintf(label, sizeof label, "%d   %s", i + 1, base);
		else
			snprintf(label, sizeof label, "     %s", base);
		view_text(o, f, FONT_BODY, item.x + 12 * s, item.y + lh / 2,
		          ALIGN_LEFT | ALIGN_MIDDLE, th->text, label);
		y += lh;
	}
}

/* The errors of the last failed load, over the last good run. */
static void errors(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	float lh = draw_font_height(f->d, FONT_BODY) + 4 * s;
	int lines = 0;
	for (const char *p = f->errors; *p; p++)
		lines += *p == '\n';
	if (lines > 12)
		lines = 12;
	float w = l->controls.w * 0.8f;
	float h = lh * (float)lines + 70 * s;
	struct gui_rect r = gui_rect_make((l->controls.w - w) / 2, l->status.h + 20 * s, w, h);
	dl_rrect(&o->dl, gui_rect_inset(r, -3 * s), 10 * s, th->bad);
	dl_rrect(&o->dl, r, 8 * s, th->panel);
	char title[128];
	snprintf(title, sizeof title, "%d error%s — still showing the last good run", f->nerrors,
	         f->nerrors == 1 ? "" : "s");
	view_text(o, f, FONT_TITLE, r.x + 20 * s, r.y + 14 * s, ALIGN_LEFT, th->bad, title);
	float y = r.y + 48 * s;
	const char *p = f->errors;
	for (int i = 0; i < lines && *p; i++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char line[600];
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		struct gui_rect clip = gui_rect_make(r.x, r.y, r.w - 16 * s, r.h);
		dl_clip(&o->dl, &clip);
		view_text(o, f, FONT_BODY, r.x + 20 * s, y, ALIGN_LEFT, th->text, line);
		dl_clip(&o->dl, NULL);
		y += lh;
		p = e ? e + 1 : p + n;
	}
}

/* One line of a message, cut at the front ("…/lessons/x.tcps") when it is
 * wider than width: the end of a path is the part that says most. */
static void message_line(const struct view_frame *f, const char *line, size_t n, float width,
                         char *out, size_t size)
{
	snprintf(out, size, "%.*s", (int)n, line);
	size_t skip = 0;
	while (draw_text_width(f->d, FONT_BODY, out) > width && skip + 8 < n) {
		skip += 4;
		snprintf(out, size, "…%.*s", (int)(n - skip), line + skip);
	}
}

/* The message above the controls: one or more lines ('\n'), centred. */
static void message(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	char lines[4][600];
	int n = 0;
	float maxw = l->controls.w - 60 * s, w = 0;
	for (const char *p = f->message; *p && n < 4;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		message_line(f, p, len, maxw, lines[n], sizeof lines[n]);
		float lw = draw_text_width(f->d, FONT_BODY, lines[n]);
		w = lw > w ? lw : w;
		n++;
		p = e ? e + 1 : p + len;
	}
	float lh = draw_font_height(f->d, FONT_BODY);
	w += 32 * s;
	float h = lh * (float)n + 16 * s;
	struct gui_rect r =
	    gui_rect_make((l->controls.w - w) / 2, l->controls.y - h - 14 * s, w, h);
	dl_rrect(&o->dl, r, 8 * s, th->text);
	for (int i = 0; i < n; i++)
		view_text(o, f, FONT_BODY, r.x + r.w / 2, r.y + 8 * s + lh * (float)i, ALIGN_CENTER,
		          th->panel, lines[i]);
}

void view_overlays_layout(const struct view_frame *f, struct view_out *o)
{
	const struct view_regions *l = f->reg;
	view_out_begin(o, "overlays",
	               gui_rect_make(0, 0, l->controls.w, l->controls.y + l->controls.h));
	if (f->nerrors)
		errors(o, f);
	if (f->message && f->message[0])
		message(o, f);
	if (f->help)
		help(o, f);
	if (f->open_list)
		open_list(o, f);
}
