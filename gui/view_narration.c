/* view_narration: what the last event did and why (narrate()), the
 * scenario's latest note once its time has come, and the expect lines with a
 * tick or a cross as each is judged (from the trace's TR_EXPECT records up to
 * the present). */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "narrate.h"

static void expect_text(const struct gui_app *a, int i, char *buf, size_t n)
{
	const struct scn_expect *e = &a->scn->expects[i];
	char who[64], when[48], what[64], t[32];
	const char *hn =
	    e->host >= 0 && e->host < a->scn->nhosts ? a->scn->hosts[e->host].name : "?";
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

void view_narration_draw(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	struct gui_rect r = a->lay.narration;
	gui_panel_frame(a, r, "What happened");
	float pad = 10 * s;
	float x = r.x + pad, w = r.w - 2 * pad;
	float y = r.y + draw_font_height(a->d, FONT_BOLD) + 12 * s;
	float bottom = r.y + r.h - 8 * s;
	char buf[1024];
	const struct trace *tr = a->tr;
	int nexp = a->scn->nexpects;
	float lh = draw_font_height(a->d, FONT_SMALL) + 2 * s;
	float exp_h = nexp ? lh * (float)(nexp < 4 ? nexp : 4) + 10 * s : 0;
	/* the last event */
	/* Expectations and notes have their own lists below: narrate the last
	 * thing that happened on the network or in an application. */
	int64_t k = a->k;
	while (k > 0 && (tr->recs[k].kind == TR_EXPECT || tr->recs[k].kind == TR_NOTE))
		k--;
	if (k >= 0) {
		narrate(a->scn, tr, (uint32_t)k, buf, sizeof buf);
		if (!buf[0])
			snprintf(buf, sizeof buf, "Event %lld.", (long long)k + 1);
	} else {
		snprintf(buf, sizeof buf, "%s",
		         a->scn->about && *a->scn->about ? a->scn->about
		                                         : "Press Space to play, → to step.");
	}
	int lines = (int)((bottom - exp_h - y) / draw_font_height(a->d, FONT_BODY));
	if (lines > 4)
		lines = 4;
	if (lines < 1)
		lines = 1;
	y += gui_text_wrap(a, FONT_BODY, x, y, w, th->text, buf, lines) + 6 * s;
	/* the newest note whose time has come */
	int note = -1;
	for (int64_t i = a->k; i >= 0; i--)
		if (tr->recs[i].kind == TR_NOTE) {
			note = tr->recs[i].u.note.index;
			break;
		}
	if (note >= 0 && note < a->scn->nnotes && y + lh < bottom - exp_h) {
		float avail = bottom - exp_h - y;
		int nl = (int)(avail / draw_font_height(a->d, FONT_BOLD));
		if (nl > 3)
			nl = 3;
		if (nl >= 1) {
			float top = y;
			draw_rect(a->d, gui_rect_make(x, top, 4 * s, 1), th->accent);
			float used = gui_text_wrap(a, FONT_BOLD, x + 12 * s, y, w - 12 * s,
			                           th->accent, a->scn->notes[note].text, nl);
			draw_rect(a->d, gui_rect_make(x, top, 4 * s, used), th->accent);
			y += used + 6 * s;
		}
	}
	if (!nexp)
		return;
	/* the expect list, at the bottom */
	int verdict[64];
	int nv = nexp < 64 ? nexp : 64;
	for (int i = 0; i < nv; i++)
		verdict[i] = -1;
	for (int64_t i = 0; i <= a->k; i++)
		if (tr->recs[i].kind == TR_EXPECT) {
			int idx = tr->recs[i].u.expect.index;
			if (idx >= 0 && idx < nv)
				verdict[idx] = tr->recs[i].sub ? 1 : 0;
		}
	float ey = bottom - exp_h + 6 * s;
	draw_rect(a->d, gui_rect_make(x, ey - 6 * s, w, 1 * s), th->border);
	for (int i = 0; i < nv && ey + lh <= bottom + 2 * s; i++) {
		float cx = x + 8 * s, cy = ey + lh / 2;
		if (verdict[i] == 1) {
			struct gui_point p0 = {cx - 6 * s, cy}, p1 = {cx - 2 * s, cy + 4 * s},
			                 p2 = {cx + 6 * s, cy - 5 * s};
			draw_line(a->d, p0, p1, 2.5f * s, th->ok);
			draw_line(a->d, p1, p2, 2.5f * s, th->ok);
		} else if (verdict[i] == 0) {
			struct gui_point p0 = {cx - 5 * s, cy - 5 * s},
			                 p1 = {cx + 5 * s, cy + 5 * s},
			                 p2 = {cx - 5 * s, cy + 5 * s},
			                 p3 = {cx + 5 * s, cy - 5 * s};
			draw_line(a->d, p0, p1, 2.5f * s, th->bad);
			draw_line(a->d, p2, p3, 2.5f * s, th->bad);
		} else {
			struct gui_point c = {cx, cy};
			draw_circle(a->d, c, 3 * s, th->text_dim);
		}
		expect_text(a, i, buf, sizeof buf);
		draw_text(a->d, FONT_SMALL, x + 22 * s, ey, ALIGN_LEFT,
		          verdict[i] == 0   ? th->bad
		          : verdict[i] == 1 ? th->text
		                            : th->text_dim,
		          buf);
		ey += lh;
	}
}
