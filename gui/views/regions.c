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

void view_regions_notes(struct view_regions *l, const struct view_frame *f)
{
	if (l->too_small)
		return;
	float need = view_notes_height(f, l->narration.w);
	if (need <= 0)
		return;
	/* the notes never go: they take what they need from the narration,
	 * leaving it its heading, a line and two expect rows, then from the
	 * ladder above it or the table below it */
	float s = l->s;
	float row = f->scn->nexpects ? draw_font_height(f->d, FONT_SMALL) + 2 * s : 0;
	float keep = draw_font_height(f->d, FONT_BOLD) + draw_font_height(f->d, FONT_BODY) +
	             2 * row + 34 * s;
	/* when that leaves the note short, the narration gives up its second
	 * expect row (the first shows a failure or the next pending line) */
	float least = keep - row;
	float want = need + l->gap;
	float from_narr = l->narration.h - keep;
	if (from_narr < want)
		from_narr = l->narration.h - least < want ? l->narration.h - least : want;
	if (from_narr < 0)
		from_narr = 0;
	float more = want > from_narr ? want - from_narr : 0;
	int ladder_above =
	    l->ladder.w > 0 && l->ladder.x == l->narration.x && l->ladder.y < l->narration.y;
	int table_below = l->table.x == l->narration.x && l->table.y > l->narration.y;
	float spare = 0;
	if (ladder_above)
		spare = l->ladder.h - 140 * s;
	else if (table_below)
		spare = l->table.h - 110 * s;
	if (spare < 0)
		spare = 0;
	if (more > spare)
		more = spare;
	if (from_narr > want)
		from_narr = want;
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
