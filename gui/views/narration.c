/* narration: the "What happened" view (see view.h): what the last event
 * did and why (narrate()), the scenario's latest note once its time has
 * come, and the expect lines with a tick or a cross as each is judged (from
 * the trace's TR_EXPECT records up to the present).  Called by app/app.c. */
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "view.h"

static void expect_text(const struct view_frame *f, int i, char *buf, size_t n)
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
		snprintf(what, sizeof what, "has %u in %s", e->count, tcps_name(e->state));
	else
		snprintf(what, sizeof what, "is %s", tcps_name(e->state));
	snprintf(buf, n, "line %d: %s %s %s", e->line, who, what, when);
}

void view_narration_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->narration;
	view_out_begin(o, "narration", r);
	view_panel_frame(o, f, r, "What happened");
	float pad = 10 * s;
	float x = r.x + pad, w = r.w - 2 * pad;
	float y = r.y + draw_font_height(f->d, FONT_BOLD) + 12 * s;
	float bottom = r.y + r.h - 8 * s;
	char buf[1024];
	const struct trace *tr = f->tr;
	int nexp = f->scn->nexpects;
	float lh = draw_font_height(f->d, FONT_SMALL) + 2 * s;
	float exp_h = nexp ? lh * (float)(nexp < 4 ? nexp : 4) + 10 * s : 0;
	/* the last event */
	/* Expectations and notes have their own lists below: narrate the last
	 * thing that happened on the network or in an application. */
	int64_t k = f->k;
	while (k > 0 && (tr->recs[k].kind == TR_EXPECT || tr->recs[k].kind == TR_NOTE))
		k--;
	if (k >= 0) {
		narrate(f->scn, tr, (uint32_t)k, buf, sizeof buf);
		if (!buf[0])
			snprintf(buf, sizeof buf, "Event %lld.", (long long)k + 1);
	} else {
		snprintf(buf, sizeof buf, "%s",
		         f->scn->about && *f->scn->about ? f->scn->about
		                                         : "Press Space to play, → to step.");
	}
	int lines = (int)((bottom - exp_h - y) / draw_font_height(f->d, FONT_BODY));
	if (lines > 4)
		lines = 4;
	if (lines < 1)
		lines = 1;
	y += view_text_wrap(o, f, FONT_BODY, x, y, w, th->text, buf, lines) + 6 * s;
	/* the newest note whose time has come */
	int note = -1;
	for (int64_t i = f->k; i >= 0; i--)
		if (tr->recs[i].kind == TR_NOTE) {
			note = tr->recs[i].u.note.index;
			break;
		}
	int note_shown = 0;
	if (note >= 0 && note < f->scn->nnotes && y + lh < bottom - exp_h) {
		float avail = bottom - exp_h - y;
		int nl = (int)(avail / draw_font_height(f->d, FONT_BOLD));
		if (nl > 3)
			nl = 3;
		note_shown = nl >= 1;
		if (nl >= 1) {
			float top = y;
			dl_rect(&o->dl, gui_rect_make(x, top, 4 * s, 1), th->accent);
			float used = view_text_wrap(o, f, FONT_BOLD, x + 12 * s, y, w - 12 * s,
			                            th->accent, f->scn->notes[note].text, nl);
			dl_rect(&o->dl, gui_rect_make(x, top, 4 * s, used), th->accent);
			y += used + 6 * s;
		}
	}
	if (note >= 0 && note < f->scn->nnotes && !note_shown)
		view_left_out(o, "the note", "no room after the narration");
	if (!nexp)
		return;
	/* the expect list, at the bottom */
	int verdict[64];
	int nv = nexp < 64 ? nexp : 64;
	for (int i = 0; i < nv; i++)
		verdict[i] = -1;
	for (int64_t i = 0; i <= f->k; i++)
		if (tr->recs[i].kind == TR_EXPECT) {
			int idx = tr->recs[i].u.expect.index;
			if (idx >= 0 && idx < nv)
				verdict[idx] = tr->recs[i].sub ? 1 : 0;
		}
	float ey = bottom - exp_h + 6 * s;
	int i = 0;
	dl_rect(&o->dl, gui_rect_make(x, ey - 6 * s, w, 1 * s), th->border);
	for (; i < nv && ey + lh <= bottom + 2 * s; i++) {
		float cx = x + 8 * s, cy = ey + lh / 2;
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
		expect_text(f, i, buf, sizeof buf);
		view_text(o, f, FONT_SMALL, x + 22 * s, ey, ALIGN_LEFT,
		          verdict[i] == 0   ? th->bad
		          : verdict[i] == 1 ? th->text
		                            : th->text_dim,
		          buf);
		ey += lh;
	}
	if (i < nexp) {
		char what[48];
		snprintf(what, sizeof what, "%d expect lines", nexp - i);
		view_left_out(o, what, "no room below the narration");
	}
}
