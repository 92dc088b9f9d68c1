/* regions: where each view goes for a frame size and UI scale (the picture
 * is in view.h).  Called by app/app.c before the views lay out their
 * insides, and twice more to find how far the diagram may grow.
 *
 * The diagram keeps the size its 14 px labels need (zooming enlarges the
 * rest); three columns (diagram | ladder, notes, narration | panels,
 * table) when the rest has room for two, else the ladder goes (noted as
 * left out); a tall, narrow frame puts the diagram over the ladder with
 * the panels, notes, narration and table beside them.  Below
 * VIEW_MIN_W x VIEW_MIN_H scaled units there is no arrangement: too_small
 * is set and the status view says so instead. */
#include "view.h"

/* The middle (ladder over notes and narration) and right (panels over
 * the table) columns of x, w. */
static void columns(struct view_regions *l, float x, float w, float top, float ch, float s)
{
	float cw1 = (w - l->gap) * 0.48f, cw2 = w - l->gap - cw1;
	float x1 = x, x2 = x1 + cw1 + l->gap;
	float bottom = top + ch;
	float narr_h = ch * 0.38f;
	if (narr_h < 150 * s)
		narr_h = 150 * s;
	float table_h = ch * 0.30f;
	if (table_h < 110 * s)
		table_h = 110 * s;
	l->ladder = gui_rect_make(x1, top, cw1, ch - narr_h - l->gap);
	l->narration = gui_rect_make(x1, bottom - narr_h, cw1, narr_h);
	float ph = (ch - table_h - 2 * l->gap) / 2;
	l->panel[0] = gui_rect_make(x2, top, cw2, ph);
	l->panel[1] = gui_rect_make(x2, top + ph + l->gap, cw2, ph);
	l->table = gui_rect_make(x2, bottom - table_h, cw2, table_h);
}

/* One column of x, w: the panels, the narration, the table. */
static void stack(struct view_regions *l, float x, float w, float top, float ch, float s)
{
	float bottom = top + ch;
	float ph = ch * 0.22f, narr_h = ch * 0.30f;
	(void)s;
	l->panel[0] = gui_rect_make(x, top, w, ph);
	l->panel[1] = gui_rect_make(x, top + ph + l->gap, w, ph);
	l->narration = gui_rect_make(x, top + 2 * (ph + l->gap), w, narr_h);
	float ty = l->narration.y + narr_h + l->gap;
	l->table = gui_rect_make(x, ty, w, bottom - ty);
}

void view_regions(struct view_regions *l, int w, int h, float s, float base)
{
	float W = (float)w, H = (float)h;
	*l = (struct view_regions){0};
	l->s = s;
	l->ds = base < s ? base : s;
	l->pad = 10 * s;
	l->gap = 8 * s;
	if (W / s < VIEW_MIN_W || H / s < VIEW_MIN_H) {
		l->too_small = 1;
		l->status = gui_rect_make(0, 0, W, H);
		return;
	}
	/* short frames get compact bars */
	int compact = H / s < 600;
	float status_h = (compact ? 30 : 36) * s, controls_h = (compact ? 70 : 84) * s;
	l->status = gui_rect_make(0, 0, W, status_h);
	l->controls = gui_rect_make(0, H - controls_h, W, controls_h);
	float top = status_h + l->gap, bottom = H - controls_h - l->gap;
	float ch = bottom - top;
	/* the diagram wants VIEW_DIAGRAM_W x VIEW_DIAGRAM_H at the window's
	 * own scale (zooming leaves it be): its 14 px labels need that */
	float dw = VIEW_DIAGRAM_W * base, dh = VIEW_DIAGRAM_H * base;
	float inner = W - 2 * l->pad;
	if (H / W >= 0.9f && W / s < VIEW_TWO_COLUMNS_W) {
		/* tall and narrow: the diagram over the ladder, the rest beside */
		float cw0 = (inner - l->gap) * 0.54f;
		if (cw0 < dw)
			cw0 = dw < (inner - l->gap) * 0.58f ? dw : (inner - l->gap) * 0.58f;
		float cw1 = inner - l->gap - cw0;
		float x0 = l->pad, x1 = x0 + cw0 + l->gap;
		float diag_h = ch - 200 * s;
		if (diag_h > dh)
			diag_h = dh;
		if (diag_h < ch * 0.55f)
			diag_h = ch * 0.55f;
		l->diagram = gui_rect_make(x0, top, cw0, diag_h);
		l->ladder = gui_rect_make(x0, top + diag_h + l->gap, cw0, ch - diag_h - l->gap);
		stack(l, x1, cw1, top, ch, s);
	} else {
		/* the diagram on the left, full height: 42% of the width, more
		 * if its labels need it, up to 55% */
		float cw0 = inner * 0.42f;
		if (cw0 < dw)
			cw0 = dw < inner * 0.55f ? dw : inner * 0.55f;
		l->diagram = gui_rect_make(l->pad, top, cw0, ch);
		float x = l->pad + cw0 + l->gap, rest = inner - cw0 - l->gap;
		if (rest >= 2 * VIEW_COLUMN_MIN_W * s + l->gap) {
			columns(l, x, rest, top, ch, s);
		} else {
			/* no room for the ladder's column */
			l->no_ladder = 1;
			stack(l, x, rest, top, ch, s);
		}
	}
	/* the notes strip is carved out of the narration's top by
	 * view_regions_notes() once the note is known */
	l->notes = gui_rect_make(l->narration.x, l->narration.y, l->narration.w, 0);
}

/* Panels above the narration (one column) give the notes what they can
 * spare beyond their state, listener and timers: up to d in all, the
 * narration growing upwards by what they gave. */
static void panels_give(struct view_regions *l, const struct view_frame *f, float d)
{
	if (d <= 0 || l->panel[1].x != l->narration.x || l->panel[1].y > l->narration.y)
		return;
	float spare[2];
	for (int i = 0; i < 2; i++) {
		spare[i] = l->panel[i].h - view_panel_min_height(f, i, l->panel[i].w);
		if (spare[i] < 0)
			spare[i] = 0;
	}
	float d0 = d / 2 < spare[0] ? d / 2 : spare[0];
	float d1 = d - d0 < spare[1] ? d - d0 : spare[1];
	if (d0 + d1 < d)
		d0 = d - d1 < spare[0] ? d - d1 : spare[0];
	l->panel[0].h -= d0;
	l->panel[1].y -= d0;
	l->panel[1].h -= d1;
	l->narration.y -= d0 + d1;
	l->narration.h += d0 + d1;
}

/* Carves a notes strip of up to need from the regions (see below). */
static void carve_notes(struct view_regions *l, const struct view_frame *f, float need);

/* Whether the narration, once view_regions_narration has grown it, holds
 * its sentence as keep says (view_narration_height). */
static int narration_has_room(const struct view_regions *l, const struct view_frame *f, int keep)
{
	struct view_regions after = *l;
	view_regions_narration(&after, f);
	return after.narration.h + 0.5f >= view_narration_height(f, after.narration.w, keep);
}

void view_regions_notes(struct view_regions *l, const struct view_frame *f)
{
	if (l->too_small)
		return;
	float need = view_notes_height(f, l->narration.w, 0);
	if (need <= 0)
		return;
	/* in bold when the strip can be that tall and the narration below
	 * still has room for its sentence, else in the small font where
	 * that gives the sentence its room (zoom 1.5 at 1280x720: the bold
	 * note cut the narration to three lines) */
	struct view_regions bold = *l, small = *l;
	carve_notes(&bold, f, need);
	carve_notes(&small, f, view_notes_height(f, l->narration.w, 1));
	int bold_fits = bold.notes.h + 0.5f >= need;
	/* the first of: bold with the sentence in the body font, small
	 * with it so, bold with it at its least, small */
	for (int keep = 0; keep <= VIEW_NARR_LEAST; keep += VIEW_NARR_LEAST) {
		if (bold_fits && narration_has_room(&bold, f, keep)) {
			*l = bold;
			return;
		}
		if (narration_has_room(&small, f, keep))
			break;
	}
	*l = small;
}

static void carve_notes(struct view_regions *l, const struct view_frame *f, float need)
{
	/* the notes never go, and are never cut: they take what they need
	 * from the narration, leaving it its heading, a line and two expect
	 * rows, then from the ladder above it or the table below it, then
	 * the narration's second expect row (the first still shows a failure
	 * or the next pending line), then the ladder or table down to a
	 * strip, then (one column) the panels down to their state, listener
	 * and timers */
	float s = l->s;
	float row = f->scn->nexpects ? draw_font_height(f->d, FONT_SMALL) + 2 * s : 0;
	float keep = draw_font_height(f->d, FONT_BOLD) + draw_font_height(f->d, FONT_BODY) +
	             2 * row + 34 * s;
	float least = keep - row;
	float want = need + l->gap;
	int ladder_above =
	    l->ladder.w > 0 && l->ladder.x == l->narration.x && l->ladder.y < l->narration.y;
	int table_below = l->table.x == l->narration.x && l->table.y > l->narration.y;
	struct gui_rect *nb = ladder_above ? &l->ladder : table_below ? &l->table : NULL;
	float comfort = ladder_above ? 140 * s : 110 * s, floor = 90 * s;
	float nb_h = nb ? nb->h : 0;
	float narr_keep = l->narration.h - keep, narr_least = l->narration.h - least;
	if (narr_keep < 0)
		narr_keep = 0;
	if (narr_least < 0)
		narr_least = 0;
	float nb_comfort = nb_h > comfort ? nb_h - comfort : 0;
	float nb_floor = nb_h > floor ? nb_h - floor : 0;
	/* how much each source gives, in that order */
	float from_narr = narr_keep < want ? narr_keep : want;
	float more = want - from_narr < nb_comfort ? want - from_narr : nb_comfort;
	if (from_narr + more < want)
		from_narr = narr_least < want - more ? narr_least : want - more;
	if (from_narr < narr_keep && narr_keep < want)
		from_narr = narr_keep;
	if (from_narr + more < want)
		more = want - from_narr < nb_floor ? want - from_narr : nb_floor;
	if (from_narr + more < want) {
		float before = l->narration.h;
		panels_give(l, f, want - from_narr - more);
		from_narr += l->narration.h - before;
		narr_least += l->narration.h - before;
	}
	/* last, the narration's heading ("What happened") */
	float title = draw_font_height(f->d, FONT_BOLD) + 4 * s;
	if (from_narr + more < want && from_narr >= narr_least - 0.5f) {
		float add = want - from_narr - more < title ? want - from_narr - more : title;
		from_narr += add;
		l->narration_untitled = 1;
	}
	float h = from_narr + more - l->gap;
	float one = draw_font_height(f->d, FONT_BOLD) + 16 * s;
	if (h < one) {
		from_narr += one - h;
		h = one;
	}
	if (ladder_above) {
		l->ladder.h -= more;
		l->notes = gui_rect_make(l->narration.x, l->ladder.y + l->ladder.h + l->gap,
		                         l->narration.w, h);
		l->narration.y += from_narr;
		l->narration.h -= from_narr;
	} else {
		l->notes = gui_rect_make(l->narration.x, l->narration.y, l->narration.w, h);
		l->narration.y += h + l->gap;
		l->narration.h -= from_narr;
		if (table_below) {
			l->table.y += more;
			l->table.h -= more;
		}
	}
}

/* The narration grows by d from its neighbour nb (the ladder above it, or
 * the table below it), the notes strip between the ladder and it moving
 * up with it. */
static void narration_grow(struct view_regions *l, struct gui_rect *nb, float d)
{
	if (d <= 0)
		return;
	nb->h -= d;
	if (nb == &l->ladder) {
		if (l->notes.h > 0)
			l->notes.y -= d;
		l->narration.y -= d;
	} else {
		nb->y += d;
	}
	l->narration.h += d;
}

void view_regions_narration(struct view_regions *l, const struct view_frame *f)
{
	if (l->too_small || l->narration.h <= 0)
		return;
	float s = l->s;
	int keep = VIEW_NARR_MORE | (l->narration_untitled ? 0 : VIEW_NARR_HEADING);
	float need = view_narration_height(f, l->narration.w, keep);
	if (l->narration.h >= need)
		return;
	int ladder_above =
	    l->ladder.w > 0 && l->ladder.x == l->narration.x && l->ladder.y < l->narration.y;
	int table_below = l->table.x == l->narration.x && l->table.y > l->narration.y;
	struct gui_rect *nb = ladder_above ? &l->ladder : table_below ? &l->table : NULL;
	float comfort = ladder_above ? 140 * s : 110 * s, floor = 90 * s;
	/* the branch's bar comes out of the ladder after this: leave it that */
	float bar = ladder_above ? view_branch_height(f, l->ladder.w) : 0;
	if (bar > 0) {
		comfort += bar + l->gap;
		floor = VIEW_BRANCH_LADDER_MIN * s + bar + l->gap;
	}
	/* from the neighbour down to a comfortable height, then without the
	 * heading (the view leaves it out where that is enough), then the
	 * neighbour down to a strip, then without the list's "N more" line */
	for (int step = 0; step < 4 && l->narration.h < need; step++) {
		if (step == 1 || step == 3) {
			keep &= step == 1 ? ~VIEW_NARR_HEADING : ~VIEW_NARR_MORE;
			need = view_narration_height(f, l->narration.w, keep);
			continue;
		}
		float least = step == 0 ? comfort : floor;
		if (nb && nb->h > least) {
			float d = need - l->narration.h;
			narration_grow(l, nb, d < nb->h - least ? d : nb->h - least);
		}
	}
	/* last, the panels above (one column) down to their state, listener
	 * and timers, the notes strip moving up with the narration */
	if (l->narration.h < need) {
		float before = l->narration.y;
		panels_give(l, f, need - l->narration.h);
		if (l->notes.h > 0 && l->notes.x == l->narration.x && l->notes.y < before)
			l->notes.y -= before - l->narration.y;
	}
}

void view_regions_quiz(struct view_regions *l, const struct view_frame *f)
{
	if (l->too_small)
		return;
	float s = l->s;
	struct gui_rect *nr = &l->narration, *tb = &l->table;
	float bottom = tb->y + tb->h > nr->y + nr->h ? tb->y + tb->h : nr->y + nr->h;
	if (tb->x != nr->x) {
		/* three columns: the card across the ladder's and the panels'
		 * columns at the foot, half their height (a question in big
		 * letters and its choices as buttons need that), the ladder and
		 * the panels above it; the panels keep their state, listener
		 * and timers (their variables give way), and where that leaves
		 * the card too little, the card takes the ladder's column only,
		 * under a strip of the ladder, and the panels their whole one */
		float top = l->ladder.y, ch = bottom - top;
		float need[2];
		for (int i = 0; i < 2; i++)
			need[i] = view_panel_min_height(f, i, tb->w);
		float least = need[0] + need[1] + l->gap;
		if (least < 200 * s)
			least = 200 * s;
		float card_h = ch * 0.5f;
		if (card_h > ch - least - l->gap)
			card_h = ch - least - l->gap;
		/* taller, for the table strip's rows (below), where the
		 * ladder and the panels above can spare it */
		float want = VIEW_QUIZ_CARD_MIN * s + l->gap + view_table_min_height(f);
		float above_least = least > 140 * s ? least : 140 * s;
		if (card_h < want && ch - want - l->gap >= above_least)
			card_h = want;
		float above = ch - card_h - l->gap; /* the panels' column */
		if (card_h >= 200 * s) {
			l->ladder.h = above;
			l->quiz =
			    gui_rect_make(nr->x, bottom - card_h, tb->x + tb->w - nr->x, card_h);
		} else {
			above = ch;
			card_h = ch * 0.6f;
			l->ladder.h = ch - card_h - l->gap;
			l->quiz = gui_rect_make(nr->x, bottom - card_h, nr->w, card_h);
		}
		/* the spare height shared out as the panels' needs stand */
		float spare = above - l->gap - need[0] - need[1];
		float ph = spare > 0 ? need[0] + spare / 2 : (above - l->gap) / 2;
		l->panel[0] = gui_rect_make(tb->x, top, tb->w, ph);
		l->panel[1] = gui_rect_make(tb->x, top + ph + l->gap, tb->w, above - ph - l->gap);
	} else {
		/* one column beside the diagram: the card below the panels */
		l->quiz = gui_rect_make(nr->x, nr->y, nr->w, bottom - nr->y);
	}
	/* the narration and the notes give their places up (the card shows
	 * the note and what the last event did) */
	*nr = gui_rect_make(l->quiz.x, l->quiz.y, 0, 0);
	l->notes = *nr;
	/* the socket table (the present's rows: a snapshot holds no future)
	 * keeps a strip at the card's foot, where the card keeps its least */
	float th = l->quiz.h * 0.32f, card_least = VIEW_QUIZ_CARD_MIN * s;
	float rows = view_table_min_height(f);
	if (th < rows)
		th = rows;
	if (l->quiz.h - th - l->gap < card_least)
		th = l->quiz.h - card_least - l->gap;
	if (th >= VIEW_QUIZ_TABLE_MIN * s) {
		*tb = gui_rect_make(l->quiz.x, l->quiz.y + l->quiz.h - th, l->quiz.w, th);
		l->quiz.h -= th + l->gap;
	} else {
		*tb = *nr;
	}
}

void view_regions_branch(struct view_regions *l, const struct view_frame *f)
{
	l->branch = gui_rect_make(0, 0, 0, 0);
	if (l->too_small || l->no_ladder || l->ladder.w <= 0)
		return;
	/* across both ladders in compare mode (one height: one time axis) */
	float x = l->ladder.x, w = l->ladder.w;
	if (l->compare && l->ladder_b.w > 0)
		w = l->ladder_b.x + l->ladder_b.w - x;
	float h = view_branch_height(f, w);
	if (h <= 0 || l->ladder.h - h - l->gap < VIEW_BRANCH_LADDER_MIN * l->s)
		return; /* no branch, or no room: the bar says it is left out */
	l->ladder.h -= h + l->gap;
	if (l->compare)
		l->ladder_b.h -= h + l->gap;
	l->branch = gui_rect_make(x, l->ladder.y + l->ladder.h + l->gap, w, h);
}

void view_regions_compare(struct view_regions *l, int w, int h, float s, float base)
{
	view_regions(l, w, h, s, base);
	if (l->too_small)
		return;
	float W = (float)w, H = (float)h;
	float top = l->status.y + l->status.h + l->gap;
	float bottom = l->controls.y - l->gap;
	float ch = bottom - top, inner = W - 2 * l->pad;
	float dw = VIEW_DIAGRAM_W * base, dh = VIEW_DIAGRAM_H * base;
	float lmin = VIEW_CMP_LADDER_W * s;
	struct gui_rect lad; /* where the two ladders, their titles and the strip go */
	/* a run's title: its name (bold) over its profile and seed (small) */
	float title_h = 40 * s, strip_h = 84 * s;
	int strip_beside = 0;
	if (H / W >= 0.9f && W / s < VIEW_TWO_COLUMNS_W) {
		/* tall and narrow: the diagram and the strip beside it over the
		 * two ladders */
		float diag_h = dh, cw0 = dw < inner * 0.6f ? dw : inner * 0.6f;
		if (diag_h > ch * 0.62f) {
			/* the diagram's labels need dh (never squeezed): then
			 * the strip alone goes over the ladders */
			l->no_diagram = 1;
			diag_h = 110 * s;
			cw0 = 0;
		}
		l->diagram = gui_rect_make(l->pad, top, cw0, diag_h);
		float sx = cw0 > 0 ? l->pad + cw0 + l->gap : l->pad;
		l->cmp_strip = gui_rect_make(sx, top, inner - (sx - l->pad), diag_h);
		lad = gui_rect_make(l->pad, top + diag_h + l->gap, inner, ch - diag_h - l->gap);
		strip_beside = 1;
		strip_h = -l->gap;
	} else {
		/* the diagram as wide as its 14 px labels need (never
		 * squeezed: they would overlap), up to 55%; where the two
		 * ladders would then be narrower than lmin, it goes */
		float cw0 = dw < inner * 0.55f ? dw : inner * 0.55f;
		if (inner - cw0 - 2 * l->gap < 2 * lmin) {
			l->no_diagram = 1;
			l->diagram = gui_rect_make(l->pad, top, 0, ch);
			lad = gui_rect_make(l->pad, top, inner, ch);
		} else {
			l->diagram = gui_rect_make(l->pad, top, cw0, ch);
			float x = l->pad + cw0 + l->gap;
			lad = gui_rect_make(x, top, inner - cw0 - l->gap, ch);
		}
	}
	float lw = (lad.w - l->gap) / 2;
	float ly = lad.y + title_h, lh = lad.h - title_h - l->gap - strip_h;
	l->compare = 1;
	l->no_ladder = 0;
	l->cmp_title[0] = gui_rect_make(lad.x, lad.y, lw, title_h);
	l->cmp_title[1] = gui_rect_make(lad.x + lw + l->gap, lad.y, lw, title_h);
	l->ladder = gui_rect_make(lad.x, ly, lw, lh);
	l->ladder_b = gui_rect_make(lad.x + lw + l->gap, ly, lw, lh);
	if (!strip_beside)
		l->cmp_strip = gui_rect_make(lad.x, lad.y + lad.h - strip_h, lad.w, strip_h);
	/* what compare mode leaves out */
	struct gui_rect none = gui_rect_make(0, 0, 0, 0);
	l->panel[0] = l->panel[1] = l->table = l->narration = l->notes = none;
}
