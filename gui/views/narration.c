/* narration: the "What happened" view (see view.h): what the last event
 * did and why (narrate()), the scenario's latest note once its time has
 * come, and the expect lines with a tick or a cross as each is judged (from
 * the trace's TR_EXPECT records up to the present).  Called by app/app.c. */
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "view.h"

/* An expect line as the list shows it: "line 43: server.2 is ESTABLISHED
 * at 500ms", or, compact where that does not fit, "43: server.2
 * ESTABLISHED at 500ms" (the line number and the verdict's words kept). */
static void expect_text(const struct view_frame *f, int i, int compact, char *buf, size_t n)
{
	const struct scn_expect *e = &f->scn->expects[i];
	char who[64], when[48], what[64], t[32];
	const char *hn =
	    e->host >= 0 && e->host < f->scn->nhosts ? f->scn->hosts[e->host].name : "?";
	if (e->conn > 0)
		snprintf(who, sizeof who, "%s.%d", hn, e->conn);
	else
		snprintf(who, sizeof who, "%s", hn);
	if (e->when == WHEN_AT)
		snprintf(when, sizeof when, "at %s", simtime_fmt_short(t, sizeof t, e->at));
	else if (e->when == WHEN_END)
		snprintf(when, sizeof when, "at the end");
	else
		snprintf(when, sizeof when, "at any time");
	if (e->kind == EXPECT_ERROR)
		snprintf(what, sizeof what, "gets %s", simerr_name(e->err));
	else if (e->kind == EXPECT_COUNT)
		snprintf(what, sizeof what, compact ? "has %u %s" : "has %u in %s", e->count,
		         tcps_name(e->state));
	else
		snprintf(what, sizeof what, compact ? "%s" : "is %s", tcps_name(e->state));
	snprintf(buf, n, compact ? "%d: %s %s %s" : "line %d: %s %s %s", e->line, who, what, when);
}

/* An expect row's text into buf for width w: the long form, else the
 * compact one; returns the lines it takes (2 where even the compact form
 * is too wide for one). */
static int expect_row(const struct view_frame *f, int i, float w, char *buf, size_t n)
{
	expect_text(f, i, 0, buf, n);
	if (draw_text_width(f->d, FONT_SMALL, buf) <= w)
		return 1;
	expect_text(f, i, 1, buf, n);
	if (draw_text_width(f->d, FONT_SMALL, buf) <= w)
		return 1;
	return 2;
}

/* How many rows from first (of n, their lines in row_lines) fit in
 * lines lines. */
static int expect_rows_fit(const int *row_lines, int first, int n, int lines)
{
	int k = 0;
	for (int j = first; j < n && row_lines[j] <= lines; j++, k++)
		lines -= row_lines[j];
	return k;
}

/* 1 when record j, at the present's instant, is one that the event of
 * record k sets off on the way to its notes: a timer it arms, an error it
 * hands the application, a verdict or an ask point of that instant. */
static int on_the_way_to_a_note(const struct trace_rec *j, const struct trace_rec *k)
{
	return j->t == k->t &&
	       (j->kind == TR_TIMER_ARM || j->kind == TR_APP_ERROR || j->kind == TR_INFO ||
	        j->kind == TR_EXPECT || j->kind == TR_ASK || j->kind == TR_NOTE);
}

int view_note_now(const struct view_frame *f)
{
	/* a `note on HOST STATE` (or on a segment) is written by the engine
	 * just after its event's record: standing on that event (where
	 * Shift+→ stops), its note is the present's, not the one before */
	int64_t k = f->k;
	if (k >= 0 && f->tr->recs[k].kind != TR_NOTE) {
		const struct trace_rec *r = &f->tr->recs[k];
		for (int64_t j = k + 1;
		     j < (int64_t)f->tr->n && on_the_way_to_a_note(&f->tr->recs[j], r); j++)
			if (f->tr->recs[j].kind == TR_NOTE && f->tr->recs[j].host == r->host)
				k = j;
	}
	for (int64_t i = k; i >= 0; i--)
		if (f->tr->recs[i].kind == TR_NOTE) {
			int n = f->tr->recs[i].u.note.index;
			return n >= 0 && n < f->scn->nnotes ? n : -1;
		}
	return -1;
}

/* The notes strip's text column: inside the frame, right of the bar. */
static float note_width(const struct view_frame *f, float w)
{
	return w - 2 * 10 * f->reg->s - 12 * f->reg->s;
}

/* The height the present note takes in font at strip width w. */
static float notes_height_in(const struct view_frame *f, float w, int font)
{
	int note = view_note_now(f);
	if (note < 0)
		return 0;
	int lines = view_wrap_count(f, font, note_width(f, w), f->scn->notes[note].text);
	return (float)lines * draw_font_height(f->d, font) + 16 * f->reg->s;
}

float view_notes_height(const struct view_frame *f, float w, int small)
{
	return notes_height_in(f, w, small ? FONT_SMALL : FONT_BOLD);
}

void view_notes_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->notes;
	view_out_begin(o, "notes", r);
	int note = view_note_now(f);
	if (note < 0 || r.h <= 0)
		return;
	view_panel_frame(o, f, r, NULL);
	/* in bold; where the strip could not grow that tall, in the small
	 * font, which takes a quarter less room */
	int font = notes_height_in(f, r.w, FONT_BOLD) <= r.h + 0.5f ? FONT_BOLD : FONT_SMALL;
	float x = r.x + 10 * s, y = r.y + 8 * s;
	float lh = draw_font_height(f->d, font);
	int lines = (int)((r.h - 16 * s) / lh + 0.01f);
	if (lines < 1)
		lines = 1;
	float used = 0;
	int cut = view_text_wrap_cut(o, f, font, x + 12 * s, y, note_width(f, r.w), th->accent,
	                             f->scn->notes[note].text, lines, &used);
	dl_rect(&o->dl, gui_rect_make(x, y, 4 * s, used), th->accent);
	if (cut)
		view_left_out(o, "the note's end", "cut with ...: no room");
}

/* The order the expect lines are listed in: failures first, then the next
 * pending one, then the rest as the file has them. */
static int expect_order(const int *verdict, int n, int *order)
{
	int m = 0, next = -1;
	for (int i = 0; i < n; i++)
		if (verdict[i] == 0)
			order[m++] = i;
	for (int i = 0; i < n && next < 0; i++)
		if (verdict[i] == -1)
			next = i;
	if (next >= 0)
		order[m++] = next;
	for (int i = 0; i < n; i++)
		if (verdict[i] != 0 && i != next)
			order[m++] = i;
	return next;
}

/* The sentence the panel shows: what the last event did (expectations
 * and notes have their own lists: the last thing that happened on the
 * network or in an application), else the scenario's about text; returns
 * that event's record, -1 for the about text. */
static int64_t narration_text(const struct view_frame *f, char *buf, size_t n)
{
	const struct trace *tr = f->tr;
	int64_t k = f->k;
	while (k > 0 && (tr->recs[k].kind == TR_EXPECT || tr->recs[k].kind == TR_NOTE))
		k--;
	if (k >= 0) {
		narrate(f->scn, tr, (uint32_t)k, buf, n);
		if (!buf[0])
			snprintf(buf, n, "Event %lld.", (long long)k + 1);
	} else {
		snprintf(buf, n, "%s",
		         f->scn->about && *f->scn->about ? f->scn->about
		                                         : "Press Space to play, → to step.");
	}
	return k;
}

/* Each expect line's verdict at the present: 1 held, 0 failed, -1 not
 * judged yet; returns how many lines there are (at most 64). */
static int expect_verdicts(const struct view_frame *f, int *verdict)
{
	int nexp = f->scn->nexpects < 64 ? f->scn->nexpects : 64;
	for (int i = 0; i < nexp; i++)
		verdict[i] = -1;
	for (int64_t i = 0; i <= f->k; i++)
		if (f->tr->recs[i].kind == TR_EXPECT) {
			int idx = f->tr->recs[i].u.expect.index;
			if (idx >= 0 && idx < nexp)
				verdict[idx] = f->tr->recs[i].sub ? 1 : 0;
		}
	return nexp;
}

/* The panel's measures at UI scale s: the narration's line, an expect
 * row's line, the heading's room, the gap above the list. */
struct narr_metrics {
	float body_h, lh, head_h, untitled_h, list_gap, tail;
};

static struct narr_metrics narr_metrics(const struct view_frame *f, int nexp)
{
	float s = f->reg->s;
	struct narr_metrics m;
	m.body_h = draw_font_height(f->d, FONT_BODY);
	m.lh = draw_font_height(f->d, FONT_SMALL) + 2 * s;
	m.head_h = draw_font_height(f->d, FONT_BOLD) + 12 * s;
	m.untitled_h = 8 * s;
	m.list_gap = nexp ? 8 * s : 0;
	/* below the text 4 px, the list's rows end 2 px into the bottom's 6 */
	m.tail = 4 * s + (nexp ? 4 * s : 6 * s);
	return m;
}

/* The expect list's lines it must keep at text width tw: the failed rows
 * and the next pending one (at least one row), and with more set a line
 * for "N more" when any other row is left. */
static int expect_must_lines(const struct view_frame *f, float tw, int more, int pending)
{
	int verdict[64], order[64];
	int nexp = expect_verdicts(f, verdict);
	if (!nexp)
		return 0;
	expect_order(verdict, nexp, order);
	int must = 0;
	for (int i = 0; i < nexp; i++)
		must += verdict[i] == 0;
	if (must < nexp && pending)
		must++; /* the next pending one, or else the first held */
	char buf[256];
	int lines = 0;
	for (int j = 0; j < must; j++)
		lines += expect_row(f, order[j], tw, buf, sizeof buf);
	return lines + (more && must < nexp);
}

float view_narration_height(const struct view_frame *f, float w, int keep)
{
	int titled = keep & VIEW_NARR_HEADING;
	float s = f->reg->s;
	float tw = w - 2 * 10 * s;
	char buf[1024];
	narration_text(f, buf, sizeof buf);
	int nexp = f->scn->nexpects < 64 ? f->scn->nexpects : 64;
	struct narr_metrics m = narr_metrics(f, nexp);
	int least = keep & VIEW_NARR_LEAST;
	if (least) { /* as view_narration_layout's last steps write it */
		titled = 0;
		m.body_h = draw_font_height(f->d, FONT_SMALL);
		m.untitled_h = 4 * s;
		m.list_gap = nexp ? 3 * s : 0;
	}
	int lines = view_wrap_count(f, least ? FONT_SMALL : FONT_BODY, tw, buf);
	int rows = nexp ? expect_must_lines(f, tw - 22 * s, keep & VIEW_NARR_MORE, !least) : 0;
	float list = rows ? m.list_gap + (float)rows * m.lh : 0;
	return (titled ? m.head_h : m.untitled_h) + (float)lines * m.body_h + m.tail + list + 0.5f;
}

void view_narration_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->narration;
	view_out_begin(o, "narration", r);
	if (f->reg->too_small)
		return;
	int titled = !f->reg->narration_untitled;
	float pad = 10 * s;
	float x = r.x + pad, w = r.w - 2 * pad;
	float bottom = r.y + r.h - 6 * s;
	char buf[1024];
	int verdict[64], order[64];
	int nexp = expect_verdicts(f, verdict);
	struct narr_metrics m = narr_metrics(f, nexp);
	float lh = m.lh, list_gap = m.list_gap;
	/* the sentence comes first, whole (view_regions_narration made the
	 * room where the frame had it); the expect list keeps its failed
	 * rows and the next pending one below it, and its "N more" line; the
	 * heading goes before the sentence is cut, then the "N more" line,
	 * then the sentence is written in the small font, then its margins
	 * tighten, then the next pending row gives way (the failed ones
	 * never do), and it is cut only where even that leaves it too
	 * little */
	float list_min[2] = {0, 0}; /* without, with the "N more" line */
	for (int more = 0; more < 2 && nexp; more++)
		list_min[more] = list_gap + (float)expect_must_lines(f, w - 22 * s, more, 1) * lh;
	int64_t k = narration_text(f, buf, sizeof buf);
	int font = FONT_BODY;
	int need = view_wrap_count(f, font, w, buf);
#define NARRATION_LINES(top, more, fn)                                                             \
	(int)((r.h - (top)-m.tail - list_min[more]) / draw_font_height(f->d, fn) + 0.01f)
	int lines = need;
	if (titled && NARRATION_LINES(m.head_h, 1, font) < need) {
		titled = 0;
		view_left_out(o, "the heading", "its room went to the narration");
	}
	if (!titled && NARRATION_LINES(m.untitled_h, 1, font) < need) {
		lines = NARRATION_LINES(m.untitled_h, 0, font);
		if (lines < need) {
			/* last, as the notes do: the small font rather than
			 * a sentence cut short */
			font = FONT_SMALL;
			need = view_wrap_count(f, font, w, buf);
			lines = NARRATION_LINES(m.untitled_h, 0, font);
			view_left_out(o, "the narration's size", "in the small font: no room");
		}
		if (lines < need && nexp) {
			/* and its margins tight */
			list_min[0] += 3 * s - list_gap;
			list_gap = 3 * s;
			m.untitled_h = 4 * s;
			lines = NARRATION_LINES(m.untitled_h, 0, font);
		}
		if (lines < need && nexp && k >= 0) {
			/* and the next pending row goes (the failed ones stay):
			 * what just happened comes before a check still to come */
			int fails = expect_must_lines(f, w - 22 * s, 0, 0);
			list_min[0] = fails ? list_gap + (float)fails * lh : 0;
			lines = NARRATION_LINES(m.untitled_h, 0, font);
		}
		if (lines > need)
			lines = need;
	}
#undef NARRATION_LINES
	if (lines < 1)
		lines = 1;
	view_panel_frame(o, f, r, titled ? "What happened" : NULL);
	if (!titled && f->reg->narration_untitled)
		view_left_out(o, "the heading", "its room went to the note");
	float y = r.y + (titled ? m.head_h : m.untitled_h);
	float used = 0;
	if (view_text_wrap_cut(o, f, font, x, y, w, th->text, buf, lines, &used))
		view_left_out(o, k >= 0 ? "the narration's end" : "the about text's end",
		              "cut with ...: no room");
	y += used + 4 * s;
	if (!nexp)
		return;
	/* the expect list, below */
	expect_order(verdict, nexp, order);
	dl_rect(&o->dl, gui_rect_make(x, y, w, 1 * s), th->border);
	y += list_gap;
	int rows = (int)((bottom + 2 * s - y) / lh + 0.01f);
	if (rows < 1) {
		char what[48];
		snprintf(what, sizeof what, "%d expect lines", nexp);
		view_left_out(o, what, "no room below the narration");
		return;
	}
	/* each row in one line, or where even the compact form is too wide
	 * (zoom 1.3 at 1280x720), in two: an expectation is never cut */
	float tw = w - 22 * s;
	int row_lines[64];
	for (int j = 0; j < nexp; j++)
		row_lines[j] = expect_row(f, order[j], tw, buf, sizeof buf);
	int first = f->scroll_expect;
	/* the last first row that still shows the list's end (a line kept
	 * for "N above") */
	int last_first = nexp;
	for (int used_l = 1; last_first > 0 && used_l + row_lines[last_first - 1] <= rows;)
		used_l += row_lines[--last_first];
	if (last_first > 0 && expect_rows_fit(row_lines, 0, nexp, rows) == nexp)
		last_first = 0;
	o->scroll_max = last_first;
	if (first > last_first)
		first = last_first;
	if (first < 0)
		first = 0;
	int shown = expect_rows_fit(row_lines, first, nexp, rows);
	if (first + shown < nexp || first > 0) /* a line says "N more" */
		shown = expect_rows_fit(row_lines, first, nexp, rows - 1);
	if (shown < 1)
		shown = 1;
	int left = rows; /* lines left for rows */
	for (int j = first; j < first + shown && j < nexp; j++) {
		int i = order[j];
		float cx = x + 8 * s, cy = y + lh / 2;
		if (verdict[i] == 1) {
			struct gui_point p0 = {cx - 6 * s, cy}, p1 = {cx - 2 * s, cy + 4 * s},
			                 p2 = {cx + 6 * s, cy - 5 * s};
			dl_line(&o->dl, p0, p1, 2.5f * s, th->ok);
			dl_line(&o->dl, p1, p2, 2.5f * s, th->ok);
		} else if (verdict[i] == 0) {
			struct gui_point p0 = {cx - 5 * s, cy - 5 * s},
			                 p1 = {cx + 5 * s, cy + 5 * s},
			                 p2 = {cx - 5 * s, cy + 5 * s},
			                 p3 = {cx + 5 * s, cy - 5 * s};
			dl_line(&o->dl, p0, p1, 2.5f * s, th->bad);
			dl_line(&o->dl, p2, p3, 2.5f * s, th->bad);
		} else {
			struct gui_point c = {cx, cy};
			dl_circle(&o->dl, c, 3 * s, th->text_dim);
		}
		int nl = expect_row(f, i, tw, buf, sizeof buf);
		if (nl > left)
			nl = left; /* one line: cut, and said so below */
		left -= nl;
		struct gui_color c = verdict[i] == 0   ? th->bad
		                     : verdict[i] == 1 ? th->text
		                                       : th->text_dim;
		float row_h = 0;
		if (view_text_wrap_cut(o, f, FONT_SMALL, x + 22 * s, y, tw, c, buf, nl, &row_h))
			view_left_out(o, "an expect row's end", "cut with ...: no room");
		y += (float)nl * lh;
	}
	int below = nexp - first - shown, above = first;
	if (below > 0 || above > 0) {
		char more[96], what[48];
		if (below > 0 && above > 0)
			snprintf(more, sizeof more, "%d more · %d above · wheel scrolls", below,
			         above);
		else if (below > 0)
			snprintf(more, sizeof more, "%d more · wheel scrolls", below);
		else
			snprintf(more, sizeof more, "%d above · wheel scrolls", above);
		if (y + lh <= bottom + 2 * s)
			view_text_fit(o, f, FONT_SMALL, x + 22 * s, y, ALIGN_LEFT, th->text_dim,
			              more, w - 22 * s, NULL);
		snprintf(what, sizeof what, "%d expect lines", below + above);
		view_left_out(o, what, "scrolled out of the list");
	}
}
