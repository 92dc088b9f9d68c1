/* regions: where each view goes for a frame size and UI scale (the picture
 * is in view.h).  Called by app/app.c before the views lay out their
 * insides, and twice more to find how far the diagram may grow. */
#include "view.h"

void view_regions(struct view_regions *l, int w, int h, float s)
{
	float W = (float)w, H = (float)h;
	l->s = s;
	l->ds = s;
	l->pad = 10 * s;
	l->gap = 8 * s;
	float status_h = 36 * s, controls_h = 84 * s;
	l->status = gui_rect_make(0, 0, W, status_h);
	l->controls = gui_rect_make(0, H - controls_h, W, controls_h);
	float top = status_h + l->gap, bottom = H - controls_h - l->gap;
	float inner = W - 2 * l->pad - 2 * l->gap;
	float cw0 = inner * 0.42f, cw1 = inner * 0.30f, cw2 = inner - cw0 - cw1;
	float x0 = l->pad, x1 = x0 + cw0 + l->gap, x2 = x1 + cw1 + l->gap;
	float ch = bottom - top;
	float narr_h = ch * 0.34f;
	if (narr_h < 170 * s)
		narr_h = 170 * s;
	float table_h = ch * 0.26f;
	if (table_h < 130 * s)
		table_h = 130 * s;
	l->diagram = gui_rect_make(x0, top, cw0, ch);
	l->ladder = gui_rect_make(x1, top, cw1, ch - narr_h - l->gap);
	l->narration = gui_rect_make(x1, bottom - narr_h, cw1, narr_h);
	float ph = (ch - table_h - 2 * l->gap) / 2;
	l->panel[0] = gui_rect_make(x2, top, cw2, ph);
	l->panel[1] = gui_rect_make(x2, top + ph + l->gap, cw2, ph);
	l->table = gui_rect_make(x2, bottom - table_h, cw2, table_h);
}
