/* overlays: what lies over the window (see view.h): the errors of a failed
 * reload, the message (only below the minimum size: else the status bar
 * has it, over nothing a student reads), the help (every row from the key
 * table) and the Open list (a click target per file).  Called by
 * app/app.c each frame, last. */
#include <stdio.h>
#include <string.h>

#include "view.h"

/* The frame's width and height: the status bar's width, down to the
 * controls' foot (the status is the whole frame when it is too small). */
static float frame_w(const struct view_regions *l)
{
	return l->status.w;
}

static float frame_h(const struct view_regions *l)
{
	return l->too_small ? l->status.y + l->status.h : l->controls.y + l->controls.h;
}

static struct gui_rect centred(const struct view_regions *l, float w, float h)
{
	float W = frame_w(l), H = frame_h(l);
	return gui_rect_make((W - w) / 2, (H - h) / 2, w, h);
}

/* The help: every row of the key table's help (input_help_row), in one
 * column, or two or three when fewer do not fit the window's height, the
 * descriptions in the body font, else the small one; a description wider
 * than its column wraps onto as many lines as it needs. */
static void help(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	char keys[96];
	const char *text = "";
	int n = 0;
	float kw = 0;
	for (; input_help_row(n, keys, sizeof keys, &text); n++) {
		float w0 = draw_text_width(f->d, FONT_BOLD, keys);
		kw = w0 > kw ? w0 : kw;
	}
	float W = frame_w(l), H = frame_h(l);
	int font = FONT_BODY, cols = 1, per = n;
	float lh = 0, dw = 0, colw = 0, w = 0, h = 0;
	/* the first arrangement that fits: the body font in 1, 2, 3
	 * columns, then with tighter lines, then the small font */
	int best = -1;
	float best_h = 0;
	int fits = 0;
	for (int pass = 0; pass < 2 && !fits; pass++)
		for (int k = 0; k < 9; k++) {
			/* the second pass takes the arrangement that overflowed least */
			if (pass == 1 && k != best)
				continue;
			font = k < 6 ? FONT_BODY : FONT_SMALL;
			cols = k % 3 + 1;
			per = (n + cols - 1) / cols;
			lh = draw_font_height(f->d, font) + (k < 3 ? 6 : 2) * s;
			float widest = 0;
			for (int i = 0; input_help_row(i, keys, sizeof keys, &text); i++) {
				float w1 = draw_text_width(f->d, font, text);
				widest = w1 > widest ? w1 : widest;
			}
			float room = (W - 20 * s - 30 * s) / (float)cols - kw - 50 * s;
			dw = widest > room ? (room > 80 * s ? room : 80 * s) : widest;
			colw = kw + dw + 50 * s;
			/* each column's height, two lines for a row that wraps */
			float colh[3] = {0, 0, 0};
			for (int i = 0; input_help_row(i, keys, sizeof keys, &text); i++)
				colh[i / per] += (float)view_wrap_count(f, font, dw, text) * lh;
			float ch = colh[0] > colh[1] ? colh[0] : colh[1];
			ch = colh[2] > ch ? colh[2] : ch;
			h = ch + 80 * s;
			w = colw * (float)cols + 30 * s;
			fits = h <= H - 10 * s && w <= W - 10 * s;
			if (pass == 1 || fits)
				break;
			if (w <= W - 10 * s && (best < 0 || h < best_h)) {
				best = k;
				best_h = h;
			}
			if (k == 8 && best < 0)
				best = 8;
		}
	/* rows that still do not fit go, and a last line says so */
	float limit = H - 10 * s;
	int all = h <= limit;
	if (!all)
		h = limit;
	struct gui_rect r = centred(l, w, h);
	dl_rect(&o->dl, gui_rect_make(0, 0, W, H), th->overlay);
	dl_rrect(&o->dl, r, 10 * s, th->panel);
	view_text(o, f, FONT_TITLE, r.x + 30 * s, r.y + 20 * s, ALIGN_LEFT, th->text, "Keys");
	float y = r.y + 56 * s, bottom = all ? r.y + r.h : r.y + r.h - 10 * s - lh;
	int gone = 0;
	for (int i = 0; input_help_row(i, keys, sizeof keys, &text); i++) {
		if (i % per == 0)
			y = r.y + 56 * s;
		float x = r.x + 30 * s + colw * (float)(i / per);
		int lines = view_wrap_count(f, font, dw, text);
		if (y + (float)lines * lh > bottom) {
			gone++;
			continue;
		}
		view_text(o, f, FONT_BOLD, x + kw, y, ALIGN_RIGHT, th->accent, keys);
		view_text_wrap(o, f, font, x + 20 * s + kw, y, dw, th->text, text, lines);
		y += (float)lines * lh;
	}
	if (gone) {
		char more[96], what[48];
		snprintf(more, sizeof more, "%d more key%s: Ctrl+− zooms out to show them", gone,
		         gone > 1 ? "s" : "");
		view_text_fit(o, f, font, r.x + 30 * s, bottom, ALIGN_LEFT, th->text_dim, more,
		              r.w - 40 * s, NULL);
		snprintf(what, sizeof what, "%d help rows", gone);
		view_left_out(o, what, "no room at this zoom");
	}
}

/* The Open list: the filter, then a row per matching file from the first
 * shown, as many as fit, each its title over its file name and a target;
 * "N more above / below" where it scrolls. */
static void open_list(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	float lh_title = draw_font_height(f->d, FONT_BODY);
	float lh_name = draw_font_height(f->d, FONT_SMALL);
	float lh = lh_title + lh_name + 10 * s;
	float W = frame_w(l), H = frame_h(l);
	float w = 760 * s < W - 40 * s ? 760 * s : W - 40 * s;
	float head = 88 * s, foot = 34 * s;
	int fit = (int)((H - 40 * s - head - foot) / lh);
	if (fit < 1)
		fit = 1;
	int first = f->open_first < 0 ? 0 : f->open_first;
	int rows = f->open_nmatch - first < fit ? f->open_nmatch - first : fit;
	if (rows < 0)
		rows = 0;
	float h = head + foot + lh * (float)(rows ? rows : 1);
	struct gui_rect r = centred(l, w, h);
	dl_rect(&o->dl, gui_rect_make(0, 0, W, H), th->overlay);
	dl_rrect(&o->dl, r, 10 * s, th->panel);
	view_text(o, f, FONT_TITLE, r.x + 24 * s, r.y + 16 * s, ALIGN_LEFT, th->text,
	          "Open a scenario (click, or ↑ ↓ and Enter)");
	char line[160];
	if (f->open_filter && f->open_filter[0])
		snprintf(line, sizeof line, "Filter: %s▏  (%d of %d)", f->open_filter,
		         f->open_nmatch, f->nfiles);
	else
		snprintf(line, sizeof line, "Type to filter by name or title  (%d files)",
		         f->nfiles);
	view_text(o, f, FONT_BODY, r.x + 24 * s, r.y + 50 * s, ALIGN_LEFT, th->text_dim, line);
	float y = r.y + head;
	if (!f->nfiles)
		view_text(o, f, FONT_BODY, r.x + 24 * s, y, ALIGN_LEFT, th->text_dim,
		          "No .tcps files beside this one.");
	else if (!f->open_nmatch)
		view_text(o, f, FONT_BODY, r.x + 24 * s, y, ALIGN_LEFT, th->text_dim,
		          "Nothing matches; Backspace takes a letter off.");
	for (int i = first; i < first + rows; i++) {
		int fi = f->open_match[i];
		struct gui_rect item = gui_rect_make(r.x + 12 * s, y, w - 24 * s, lh);
		view_target(o, item, GA_OPEN_FILE, fi);
		int cur = strcmp(f->files[fi], f->path) == 0;
		if (i == f->open_sel)
			dl_rrect(&o->dl, item, 5 * s, th->host_tint[0]);
		else if (gui_rect_has(item, f->mouse_x, f->mouse_y))
			dl_rrect(&o->dl, item, 5 * s, th->button_hover);
		const char *base = strrchr(f->files[fi], '/');
		base = base ? base + 1 : f->files[fi];
		const char *title = f->titles && f->titles[fi][0] ? f->titles[fi] : base;
		float tx = item.x + 12 * s, tw = item.w - 24 * s;
		view_text_wrap(o, f, FONT_BODY, tx, item.y + 4 * s, tw, th->text, title, 1);
		snprintf(line, sizeof line, "%s%s", base, cur ? "  (open now)" : "");
		view_text_wrap(o, f, FONT_SMALL, tx, item.y + 4 * s + lh_title, tw, th->text_dim,
		               line, 1);
		y += lh;
	}
	int above = first, below = f->open_nmatch - first - rows;
	if (above > 0 || below > 0) {
		snprintf(line, sizeof line, "%d more above · %d more below (wheel, ↑ ↓, PgUp PgDn)",
		         above, below > 0 ? below : 0);
		view_text(o, f, FONT_SMALL, r.x + 24 * s, r.y + r.h - foot + 8 * s, ALIGN_LEFT,
		          th->text_dim, line);
		if (below > 0)
			view_left_out(o, "rows", "scrolled: below the Open list");
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
		lines += *p == '\n' || !p[1];
	if (lines > 12)
		lines = 12;
	/* more errors than lines: the last line says how many more, so that
	 * the count in the title is not taken for the ones listed */
	int listed = lines >= 2 && lines < f->nerrors ? lines - 1 : lines;
	float w = frame_w(l) * 0.8f;
	float h = lh * (float)lines + 70 * s;
	struct gui_rect r =
	    gui_rect_make((frame_w(l) - w) / 2, (l->too_small ? 0 : l->status.h) + 20 * s, w, h);
	dl_rrect(&o->dl, gui_rect_inset(r, -3 * s), 10 * s, th->bad);
	dl_rrect(&o->dl, r, 8 * s, th->panel);
	char title[128];
	snprintf(title, sizeof title,
	         "%d error%s — still showing the last good run (Esc hides this)", f->nerrors,
	         f->nerrors == 1 ? "" : "s");
	view_text(o, f, FONT_TITLE, r.x + 20 * s, r.y + 14 * s, ALIGN_LEFT, th->bad, title);
	float y = r.y + 48 * s, tw = r.w - 36 * s;
	const char *p = f->errors;
	char line[600];
	int cut = 0;
	for (int i = 0; i < listed && *p; i++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		/* too wide: the path gives way at its front, the message stays */
		cut |= view_message_line(f, FONT_BODY, p, n, tw, line, sizeof line);
		view_text(o, f, FONT_BODY, r.x + 20 * s, y, ALIGN_LEFT, th->text, line);
		y += lh;
		p = e ? e + 1 : p + n;
	}
	if (cut)
		view_left_out(o, "the errors' paths' front", "cut with ...: no room");
	if (listed < lines) {
		const char *name = f->path ? strrchr(f->path, '/') : NULL;
		name = name ? name + 1 : f->path ? f->path : "FILE";
		int more = f->nerrors - listed;
		snprintf(line, sizeof line,
		         "… and %d more error%s (tcpsim check %s lists them all)", more,
		         more == 1 ? "" : "s", name);
		view_text_fit(o, f, FONT_BODY, r.x + 20 * s, y, ALIGN_LEFT, th->text_dim, line, tw,
		              NULL);
		view_left_out(o, "errors", "past the overlay's lines: \"... and N more\"");
	}
}

/* The message when the window is below its minimum size (else it is in
 * the status bar): one or more lines ('\n'), centred, near the foot. */
static void message(struct view_out *o, const struct view_frame *f)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	char lines[4][600];
	int n = 0;
	float maxw = frame_w(l) - 60 * s, w = 0;
	for (const char *p = f->message; *p && n < 4;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		view_message_line(f, FONT_BODY, p, len, maxw, lines[n], sizeof lines[n]);
		float lw = draw_text_width(f->d, FONT_BODY, lines[n]);
		w = lw > w ? lw : w;
		n++;
		p = e ? e + 1 : p + len;
	}
	float lh = draw_font_height(f->d, FONT_BODY);
	w += 32 * s;
	float h = lh * (float)n + 16 * s;
	struct gui_rect r = gui_rect_make(
	    (frame_w(l) - w) / 2, (l->too_small ? frame_h(l) : l->controls.y) - h - 14 * s, w, h);
	dl_rrect(&o->dl, r, 8 * s, th->text);
	for (int i = 0; i < n; i++)
		view_text(o, f, FONT_BODY, r.x + r.w / 2, r.y + 8 * s + lh * (float)i, ALIGN_CENTER,
		          th->panel, lines[i]);
}

void view_overlays_layout(const struct view_frame *f, struct view_out *o)
{
	const struct view_regions *l = f->reg;
	view_out_begin(o, "overlays", gui_rect_make(0, 0, frame_w(l), frame_h(l)));
	if (f->nerrors)
		errors(o, f);
	if (f->message && f->message[0] && l->too_small)
		message(o, f);
	if (f->help)
		help(o, f);
	if (f->open_list)
		open_list(o, f);
}
