/* diagram: the migration diagram view (see view.h).  Called by app/app.c
 * each frame; tests query its layout (view_diagram_overlaps).
 *
 * Lays out the eleven states in the classic RFC 793/9293 figure (CLOSED
 * drawn twice, top and bottom), routes every arrow of tcpstate.h's table
 * with its "event / action" label, and places each host's marker on the
 * state of the connection it follows, travelling along the arrow it took;
 * then records the drawing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view.h"

#define BOX_CLOSED_BOTTOM TCPS_COUNT
#define DIAG_TITLE "State diagram · RFC 9293"

/* Grid position of each box: column 0..2, row 0..6. */
static const struct {
	int col, row;
} grid[DIAG_BOXES] = {
    [TCPS_CLOSED] = {1, 0},     [TCPS_LISTEN] = {1, 1},      [TCPS_SYN_RCVD] = {0, 2},
    [TCPS_SYN_SENT] = {2, 2},   [TCPS_ESTABLISHED] = {1, 3}, [TCPS_FIN_WAIT_1] = {0, 4},
    [TCPS_CLOSE_WAIT] = {2, 4}, [TCPS_FIN_WAIT_2] = {0, 5},  [TCPS_CLOSING] = {1, 5},
    [TCPS_LAST_ACK] = {2, 5},   [TCPS_TIME_WAIT] = {1, 6},   [BOX_CLOSED_BOTTOM] = {2, 6},
};

/* How each arrow of the figure runs: it leaves a side of its from-box at an
 * offset and enters a side of its to-box at an offset (offsets in quarters
 * of the box's width for top and bottom, of its height for left and right),
 * straight (LINE), or horizontally then vertically (HV), or the other way
 * (VH).  hint_seg and hint_side say where its label goes first, as the RFC
 * figure has it; the placer moves it when that spot is taken. */
enum side { TOP, BOTTOM, LEFT, RIGHT };
enum shape { LINE, HV, VH };
enum lside { L_ON, L_ABOVE, L_BELOW, L_LEFT, L_RIGHT };

struct arrow_route {
	int from, to;
	int shape;
	int fs;
	float fo;
	int ts;
	float tof;
	int hint_seg, hint_side;
};

#define CB BOX_CLOSED_BOTTOM
static const struct arrow_route routes[ARROW_DIAGRAM_COUNT] = {
    [ARROW_PASSIVE_OPEN] = {TCPS_CLOSED, TCPS_LISTEN, LINE, BOTTOM, -0.8f, TOP, -0.8f, 0, L_LEFT},
    [ARROW_LISTEN_CLOSE] = {TCPS_LISTEN, TCPS_CLOSED, LINE, TOP, 0.8f, BOTTOM, 0.8f, 0, L_RIGHT},
    [ARROW_ACTIVE_OPEN] = {TCPS_CLOSED, TCPS_SYN_SENT, HV, RIGHT, -0.9f, TOP, 1.4f, 0, L_ABOVE},
    [ARROW_SYNSENT_CLOSE] = {TCPS_SYN_SENT, TCPS_CLOSED, VH, TOP, 0.1f, RIGHT, 0.9f, 0, L_LEFT},
    [ARROW_LISTEN_SYN] = {TCPS_LISTEN, TCPS_SYN_RCVD, LINE, BOTTOM, -1.2f, TOP, 1.3f, 0, L_LEFT},
    [ARROW_SYNRCVD_RST] = {TCPS_SYN_RCVD, TCPS_LISTEN, VH, TOP, -1.2f, LEFT, -0.9f, 1, L_ABOVE},
    [ARROW_LISTEN_SEND] = {TCPS_LISTEN, TCPS_SYN_SENT, LINE, BOTTOM, 1.2f, TOP, -1.3f, 0, L_RIGHT},
    [ARROW_SYNSENT_SYN] = {TCPS_SYN_SENT, TCPS_SYN_RCVD, LINE, LEFT, -1.4f, RIGHT, -1.4f, 0, L_ON},
    [ARROW_SYNRCVD_ACK] = {TCPS_SYN_RCVD, TCPS_ESTABLISHED, HV, RIGHT, 1.6f, TOP, -1.2f, 1, L_LEFT},
    [ARROW_SYNSENT_SYNACK] = {TCPS_SYN_SENT, TCPS_ESTABLISHED, HV, LEFT, 1.6f, TOP, 1.2f, 1,
                              L_RIGHT},
    [ARROW_SYNRCVD_CLOSE] = {TCPS_SYN_RCVD, TCPS_FIN_WAIT_1, LINE, BOTTOM, -1.2f, TOP, -1.2f, 0,
                             L_RIGHT},
    [ARROW_EST_CLOSE] = {TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, HV, LEFT, 0.9f, TOP, 1.2f, 1, L_RIGHT},
    [ARROW_EST_FIN] = {TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, HV, RIGHT, 0.9f, TOP, -1.2f, 1, L_LEFT},
    [ARROW_FW1_ACK] = {TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, LINE, BOTTOM, -1.6f, TOP, -1.6f, 0,
                       L_RIGHT},
    [ARROW_FW1_FIN] = {TCPS_FIN_WAIT_1, TCPS_CLOSING, HV, RIGHT, -1.0f, TOP, -0.4f, 1, L_RIGHT},
    [ARROW_FW1_FINACK] = {TCPS_FIN_WAIT_1, TCPS_TIME_WAIT, LINE, RIGHT, 1.2f, TOP, -1.5f, 0,
                          L_LEFT},
    [ARROW_FW2_FIN] = {TCPS_FIN_WAIT_2, TCPS_TIME_WAIT, VH, BOTTOM, -1.2f, LEFT, 0.6f, 0, L_RIGHT},
    [ARROW_CLOSING_ACK] = {TCPS_CLOSING, TCPS_TIME_WAIT, LINE, BOTTOM, -0.4f, TOP, -0.4f, 0,
                           L_RIGHT},
    [ARROW_CW_CLOSE] = {TCPS_CLOSE_WAIT, TCPS_LAST_ACK, LINE, BOTTOM, 0, TOP, 0, 0, L_LEFT},
    [ARROW_LASTACK_ACK] = {TCPS_LAST_ACK, CB, LINE, BOTTOM, 1.2f, TOP, 1.2f, 0, L_LEFT},
    [ARROW_TW_TIMEOUT] = {TCPS_TIME_WAIT, CB, LINE, RIGHT, 0.4f, LEFT, 0.4f, 0, L_BELOW},
};
#undef CB

static struct gui_point pt(float x, float y)
{
	struct gui_point p = {x, y};
	return p;
}

static float cxr(struct gui_rect r)
{
	return r.x + r.w / 2;
}

static float cyr(struct gui_rect r)
{
	return r.y + r.h / 2;
}

static struct gui_point port(struct gui_rect r, int side, float off)
{
	float qx = r.w / 4, qy = r.h / 4;
	switch (side) {
	case TOP: return pt(cxr(r) + off * qx, r.y);
	case BOTTOM: return pt(cxr(r) + off * qx, r.y + r.h);
	case LEFT: return pt(r.x, cyr(r) + off * qy);
	default: return pt(r.x + r.w, cyr(r) + off * qy);
	}
}

/* Where the ray from the centre of r toward (dx, dy) leaves r. */
static struct gui_point edge_toward(struct gui_rect r, float dx, float dy)
{
	float hx = r.w / 2, hy = r.h / 2;
	float tx = fabsf(dx) > 1e-4f ? hx / fabsf(dx) : 1e9f;
	float ty = fabsf(dy) > 1e-4f ? hy / fabsf(dy) : 1e9f;
	float t = tx < ty ? tx : ty;
	return pt(cxr(r) + dx * t, cyr(r) + dy * t);
}

static struct gui_point path_at(const struct diag_arrow_geo *g, float f);

static void route_arrow(const struct arrow_route *ro, const struct gui_rect *box,
                        struct diag_arrow_geo *g)
{
	struct gui_point a = port(box[ro->from], ro->fs, ro->fo);
	struct gui_point b = port(box[ro->to], ro->ts, ro->tof);
	g->pts[0] = a;
	if (ro->shape == LINE) {
		g->pts[1] = b;
		g->npts = 2;
	} else {
		g->pts[1] = ro->shape == HV ? pt(b.x, a.y) : pt(a.x, b.y);
		g->pts[2] = b;
		g->npts = 3;
	}
}

/* ---- label placement ----
 * Each label is a rectangle tried at a few spots along its arrow (on either
 * side of each segment, or across a horizontal one with the line as its
 * rule); the spot that hits nothing (boxes, markers, labels placed before
 * it, lines, the panel's edge) and is closest to the RFC's wins. */

struct placer {
	struct gui_rect inner; /* where labels may go */
	struct gui_rect obst[DIAG_BOXES + 3];
	int nobst;
	struct gui_rect soft[2 * DIAG_BOXES]; /* markers: better not */
	int nsoft;
	float clear; /* from a line to past its boxes */
	const struct diag_arrow_geo *arrows;
	int narrows;
	struct gui_rect placed[ARROW_DIAGRAM_COUNT + 2];
	int nplaced;
	float gap;
};

/* 1 when the segment p-q crosses rectangle r (Liang-Barsky). */
static int seg_hits(struct gui_point p, struct gui_point q, struct gui_rect r)
{
	float t0 = 0, t1 = 1, dx = q.x - p.x, dy = q.y - p.y;
	float P[4] = {-dx, dx, -dy, dy};
	float Q[4] = {p.x - r.x, r.x + r.w - p.x, p.y - r.y, r.y + r.h - p.y};
	for (int i = 0; i < 4; i++) {
		if (fabsf(P[i]) < 1e-6f) {
			if (Q[i] < 0)
				return 0;
			continue;
		}
		float t = Q[i] / P[i];
		if (P[i] < 0) {
			if (t > t1)
				return 0;
			if (t > t0)
				t0 = t;
		} else {
			if (t < t0)
				return 0;
			if (t < t1)
				t1 = t;
		}
	}
	return t0 < t1;
}

/* Lines a label at r would cover: every arrow's segments, except the one it
 * straddles (skip_arrow/skip_seg). */
static int lines_hit(const struct diag_arrow_geo *arrows, int n, struct gui_rect r, int skip_arrow,
                     int skip_seg)
{
	int hits = 0;
	for (int i = 0; i < n; i++)
		for (int j = 0; j + 1 < arrows[i].npts; j++)
			if (!(i == skip_arrow && j == skip_seg) &&
			    seg_hits(arrows[i].pts[j], arrows[i].pts[j + 1], r))
				hits++;
	return hits;
}

static float spot_cost(const struct placer *P, struct gui_rect r, int arrow, int seg, int on)
{
	float cost = 0;
	struct gui_rect m = gui_rect_inset(r, -P->gap * 0.5f); /* keep a little air */
	if (!gui_rect_inside(r, P->inner))
		cost += 1000;
	for (int i = 0; i < P->nobst; i++)
		if (gui_rect_overlap(m, P->obst[i]))
			cost += 1000;
	for (int i = 0; i < P->nplaced; i++)
		if (gui_rect_overlap(m, P->placed[i]))
			cost += 1000;
	for (int i = 0; i < P->nsoft; i++)
		if (gui_rect_overlap(r, P->soft[i]))
			cost += 60;
	cost += 300 * (float)lines_hit(P->arrows, P->narrows, on ? r : m, on ? arrow : -1, seg);
	return cost;
}

/* Places a w x h label on arrow g (index arrow, hint from its route). */
static struct gui_rect place_label(struct placer *P, const struct diag_arrow_geo *g, int arrow,
                                   int hint_seg, int hint_side, float w, float h)
{
	static const float fr[] = {0.5f, 0.35f, 0.65f, 0.2f, 0.8f, 0.1f, 0.9f};
	struct gui_rect best = {0, 0, w, h};
	float best_cost = 1e30f;
	float gp = P->gap;
	for (int j = 0; j + 1 < g->npts; j++) {
		struct gui_point a = g->pts[j], b = g->pts[j + 1];
		float dx = b.x - a.x, dy = b.y - a.y, len = hypotf(dx, dy);
		if (len < 1)
			continue;
		int horiz = fabsf(dy) < 0.5f, vert = fabsf(dx) < 0.5f;
		for (size_t k = 0; k < sizeof fr / sizeof fr[0]; k++) {
			struct gui_point p = pt(a.x + dx * fr[k], a.y + dy * fr[k]);
			struct gui_rect c[16];
			int side[16], n = 0;
			if (!vert) {
				/* across the line, above, below (centred or from p) */
				if (horiz && len >= w + 4 * gp) {
					c[n] = gui_rect_make(p.x - w / 2, p.y - h / 2, w, h);
					side[n++] = L_ON;
				}
				for (int al = 0; al < 3; al++) {
					float x = al == 0   ? p.x - w / 2
					          : al == 1 ? p.x + gp
					                    : p.x - gp - w;
					c[n] = gui_rect_make(x, p.y - gp - h, w, h);
					side[n++] = L_ABOVE;
					c[n] = gui_rect_make(x, p.y + gp, w, h);
					side[n++] = L_BELOW;
					if (horiz) { /* clear of the boxes it joins */
						c[n] = gui_rect_make(x, p.y + P->clear, w, h);
						side[n++] = L_BELOW;
					}
				}
			}
			if (!horiz) {
				c[n] = gui_rect_make(p.x - gp - w, p.y - h / 2, w, h);
				side[n++] = L_LEFT;
				c[n] = gui_rect_make(p.x + gp, p.y - h / 2, w, h);
				side[n++] = L_RIGHT;
				/* hanging from p or standing on it */
				c[n] = gui_rect_make(p.x - gp - w, p.y, w, h);
				side[n++] = L_LEFT;
				c[n] = gui_rect_make(p.x + gp, p.y, w, h);
				side[n++] = L_RIGHT;
				c[n] = gui_rect_make(p.x - gp - w, p.y - h, w, h);
				side[n++] = L_LEFT;
				c[n] = gui_rect_make(p.x + gp, p.y - h, w, h);
				side[n++] = L_RIGHT;
			}
			for (int i = 0; i < n; i++) {
				float cost = spot_cost(P, c[i], arrow, j, side[i] == L_ON);
				/* closeness to the RFC's spot breaks ties */
				cost += (side[i] != hint_side) * 4.0f + (j != hint_seg) * 3.0f +
				        fabsf(fr[k] - 0.5f) * 4.0f;
				if (cost < best_cost) {
					best_cost = cost;
					best = c[i];
				}
			}
		}
	}
	if (P->nplaced < (int)(sizeof P->placed / sizeof P->placed[0]))
		P->placed[P->nplaced++] = best;
	return best;
}

static void label_size(const struct view_frame *f, int arrow, float *w, float *h)
{
	const struct tcp_arrow_info *info = tcp_arrow(arrow);
	float s = f->reg->ds;
	float we = info ? draw_text_width(f->d, FONT_DIAG, info->event) : 0;
	float wa = info ? draw_text_width(f->d, FONT_DIAG, info->action) : 0;
	*w = (we > wa ? we : wa) + 6 * s;
	*h = 2 * draw_font_height(f->d, FONT_DIAG) + 3 * s;
}

/* Where markers and the 2MSL countdown go, kept free of labels. */
static struct gui_rect marker_zone(const struct diagram_layout *dl, int b, int h)
{
	struct gui_rect r = dl->box[b];
	float m = dl->marker_r + 2;
	float x = h == 0 ? r.x : r.x + r.w;
	return gui_rect_make(x - m, r.y - m, 2 * m, m); /* the part above the box */
}

/* The box a transition ends in (CLOSED: top or bottom, as the figure). */
static int box_of(int state, int arrow, int from)
{
	if (state != TCPS_CLOSED)
		return state < 0 || state >= TCPS_COUNT ? TCPS_CLOSED : state;
	if (arrow == ARROW_LASTACK_ACK || arrow == ARROW_TW_TIMEOUT)
		return BOX_CLOSED_BOTTOM;
	if (arrow < 0 || arrow == ARROW_LISTEN_CLOSE || arrow == ARROW_SYNSENT_CLOSE ||
	    arrow == ARROW_PASSIVE_OPEN)
		return TCPS_CLOSED;
	/* off the figure: the nearer CLOSED */
	if (from >= 0 && from < TCPS_COUNT && grid[from].row >= 3)
		return BOX_CLOSED_BOTTOM;
	return TCPS_CLOSED;
}

static float path_len(const struct diag_arrow_geo *g)
{
	float L = 0;
	for (int i = 0; i + 1 < g->npts; i++)
		L += hypotf(g->pts[i + 1].x - g->pts[i].x, g->pts[i + 1].y - g->pts[i].y);
	return L;
}

static struct gui_point path_at(const struct diag_arrow_geo *g, float f)
{
	float L = path_len(g) * f;
	for (int i = 0; i + 1 < g->npts; i++) {
		float l = hypotf(g->pts[i + 1].x - g->pts[i].x, g->pts[i + 1].y - g->pts[i].y);
		if (L <= l && l > 0)
			return pt(g->pts[i].x + (g->pts[i + 1].x - g->pts[i].x) * L / l,
			          g->pts[i].y + (g->pts[i + 1].y - g->pts[i].y) * L / l);
		L -= l;
	}
	return g->npts ? g->pts[g->npts - 1] : pt(0, 0);
}

/* A marker's resting place in box b for host h: a badge on the box's top
 * left (first host) or top right corner, clear of the name and of the
 * arrows' ends. */
static struct gui_point marker_home(const struct gui_rect *box, int b, int h)
{
	struct gui_rect r = box[b];
	return pt(h == 0 ? r.x : r.x + r.w, r.y);
}

/* The label of an off-figure arrow, placed clear of the figure's. */
static struct gui_rect place_extra(const struct view_frame *f, const struct diagram_layout *dl,
                                   const struct diag_arrow_geo *g, int arrow)
{
	float s = f->reg->ds;
	struct placer P;
	memset(&P, 0, sizeof P);
	P.inner = gui_rect_make(dl->area.x + 4 * s, dl->area.y + 4 * s, dl->area.w - 8 * s,
	                        dl->area.h - 8 * s);
	P.gap = 4 * s;
	for (int b = 0; b < DIAG_BOXES; b++)
		P.obst[P.nobst++] = dl->box[b];
	P.obst[P.nobst++] = dl->tw_zone;
	float title_h = draw_font_height(f->d, FONT_BOLD) + 10 * f->reg->s;
	P.obst[P.nobst++] =
	    gui_rect_make(dl->area.x, dl->area.y,
	                  20 * f->reg->s + draw_text_width(f->d, FONT_BOLD, DIAG_TITLE), title_h);
	P.arrows = g;
	P.narrows = 1;
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++)
		P.placed[P.nplaced++] = dl->arrow[i].label;
	if (g == &dl->extra[1] && dl->extra_arrow[0] >= 0)
		P.placed[P.nplaced++] = dl->extra[0].label;
	int np = P.nplaced;
	float w, h;
	label_size(f, arrow, &w, &h);
	struct gui_rect best = place_label(&P, g, 0, 0, L_ON, w, h);
	P.nplaced = np;
	P.narrows = 0; /* from here on, clear of boxes and labels is what counts */
	if (spot_cost(&P, best, -1, -1, 0) < 1000)
		return best;
	/* no spot along the arrow: the nearest free one around its middle */
	struct gui_point a = g->pts[0], b = g->pts[g->npts - 1];
	float mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, step = 6 * s;
	for (int ring = 1; ring < 40; ring++)
		for (int k = -ring; k <= ring; k++) {
			struct gui_point c[4] = {{mx + k * step, my - ring * step},
			                         {mx + k * step, my + ring * step},
			                         {mx - ring * step, my + k * step},
			                         {mx + ring * step, my + k * step}};
			for (int i = 0; i < 4; i++) {
				struct gui_rect r =
				    gui_rect_make(c[i].x - w / 2, c[i].y - h / 2, w, h);
				if (spot_cost(&P, r, -1, -1, 0) < 1000)
					return r;
			}
		}
	return gui_rect_make(0, 0, 0, 0); /* nowhere: not drawn */
}

/* What the latest transition shown (f->anim) was: its arrow and the boxes
 * it leaves and enters. */
struct transition {
	int arrow, from_box, to_box;
};

static struct transition transition_of(const struct view_frame *f, const struct view_anim *an)
{
	struct transition x = {-1, TCPS_CLOSED, TCPS_CLOSED};
	if (an->rec < 0)
		return x;
	const struct trace_rec *r = &f->tr->recs[an->rec];
	x.arrow = r->sub;
	x.from_box = box_of(r->u.state.from, -1, -1);
	x.to_box = box_of(r->u.state.to, r->sub, r->u.state.from);
	return x;
}

/* The boxes, arrows and labels: they depend on the area and the scale only. */
static void layout_static(const struct view_frame *f, struct diagram_layout *dl,
                          struct gui_rect area)
{
	float s = f->reg->ds;
	float title_h = draw_font_height(f->d, FONT_BOLD) + 10 * f->reg->s;
	float bh = draw_font_height(f->d, FONT_DIAG_BOLD) + 9 * s;
	float mr = bh * 0.4f;
	float bw = draw_text_width(f->d, FONT_DIAG_BOLD, "ESTABLISHED") + 16 * s;
	if (bw < area.w * 0.22f)
		bw = area.w * 0.22f;
	if (bw > area.w * 0.27f)
		bw = area.w * 0.27f;
	dl->marker_r = mr;
	float side = 10 * s + mr;
	float cx[3] = {area.x + side + bw / 2, area.x + area.w / 2,
	               area.x + area.w - side - bw / 2};
	float lh = draw_font_height(f->d, FONT_DIAG);
	float label_h = 2 * lh + 3 * s;
	/* room above CLOSED for "active OPEN", below the bottom row for the
	 * 2MSL countdown and "Timeout=2MSL" */
	/* the title sits top left, where the figure has nothing */
	float top = area.y + 6 * s + label_h + 0.75f * bh + 4 * s;
	float bottom = area.y + area.h - 14 * s - label_h - 0.7f * bh;
	for (int b = 0; b < DIAG_BOXES; b++) {
		float y = top + (bottom - top) * (float)grid[b].row / 6.0f;
		dl->box[b] = gui_rect_make(roundf(cx[grid[b].col] - bw / 2), roundf(y - bh / 2),
		                           roundf(bw), roundf(bh));
	}
	struct gui_rect tw = dl->box[TCPS_TIME_WAIT];
	dl->tw_zone = gui_rect_make(tw.x, tw.y + tw.h + 2 * s, tw.w,
	                            9 * s + draw_font_height(f->d, FONT_DIAG_BOLD));
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++)
		route_arrow(&routes[i], dl->box, &dl->arrow[i]);

	struct placer P;
	memset(&P, 0, sizeof P);
	P.inner = gui_rect_make(area.x + 4 * s, area.y + 4 * s, area.w - 8 * s, area.h - 8 * s);
	P.gap = 4 * s;
	for (int b = 0; b < DIAG_BOXES; b++)
		P.obst[P.nobst++] = dl->box[b];
	P.obst[P.nobst++] = dl->tw_zone;
	P.obst[P.nobst++] = gui_rect_make(
	    area.x, area.y, 20 * f->reg->s + draw_text_width(f->d, FONT_BOLD, DIAG_TITLE), title_h);
	for (int b = 0; b < DIAG_BOXES; b++)
		for (int h = 0; h < 2; h++)
			P.soft[P.nsoft++] = marker_zone(dl, b, h);
	P.clear = bh / 2 + P.gap;
	P.arrows = dl->arrow;
	P.narrows = ARROW_DIAGRAM_COUNT;
	/* labels across their line first: they have one good spot */
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
			if ((routes[i].hint_side == L_ON) != (pass == 0))
				continue;
			float w, h;
			label_size(f, i, &w, &h);
			dl->arrow[i].label = place_label(&P, &dl->arrow[i], i, routes[i].hint_seg,
			                                 routes[i].hint_side, w, h);
		}
}

/* Host h's marker, lit arrow and 2MSL countdown. */
static void layout_host(const struct view_frame *f, struct diagram_layout *dl, int h)
{
	const struct view_anim *an = &f->anim[h];
	struct transition x = transition_of(f, an);
	const struct snap_sock *fs = view_followed(f->snap, f->follow, h);
	int box;
	if (fs)
		box =
		    box_of(fs->state, an->rec >= 0 && fs->state == TCPS_CLOSED ? x.arrow : -1, -1);
	else
		box = an->rec >= 0 ? x.to_box : TCPS_CLOSED;
	/* a closed socket's last arrow says which CLOSED */
	if (!fs && an->rec >= 0 && f->tr->recs[an->rec].u.state.to != TCPS_CLOSED)
		box = TCPS_CLOSED;
	dl->host_box[h] = box;
	double age = f->settled ? 1e9 : f->wall - an->start;
	float travel = an->travel ? (float)(age / 0.6) : 1.0f;
	if (travel > 1)
		travel = 1;
	float lit = age < 0.6 ? 1.0f : (float)(1.0 - (age - 0.6) / 1.6 * 0.45);
	if (lit < 0.55f)
		lit = 0.55f;
	struct diag_arrow_geo *g = NULL;
	if (an->rec >= 0 && x.arrow >= 0 && x.arrow < ARROW_DIAGRAM_COUNT) {
		g = &dl->arrow[x.arrow];
	} else if (an->rec >= 0 && x.arrow >= ARROW_DIAGRAM_COUNT) {
		/* off the figure: a straight dashed arrow, drawn only now */
		dl->extra_arrow[h] = x.arrow;
		g = &dl->extra[h];
		struct gui_rect fr = dl->box[x.from_box], to = dl->box[x.to_box];
		float dx = cxr(to) - cxr(fr), dy = cyr(to) - cyr(fr);
		float len = sqrtf(dx * dx + dy * dy);
		if (len > 1) {
			g->pts[0] = edge_toward(fr, dx / len, dy / len);
			g->pts[1] = edge_toward(to, -dx / len, -dy / len);
			g->npts = 2;
			g->label = place_extra(f, dl, g, x.arrow);
		}
	}
	if (g && g->npts >= 2 && box == x.to_box)
		g->lit[h] = lit;
	struct gui_point home = marker_home(dl->box, box, h);
	if (g && g->npts >= 2 && travel < 1 && box == x.to_box) {
		dl->marker[h] = path_at(g, travel);
	} else {
		dl->marker[h] = home;
	}
	/* 2MSL: the TIME_WAIT box counts down too */
	if (fs && fs->state == TCPS_TIME_WAIT) {
		for (int i = 0; i < fs->ntimers; i++) {
			const struct snap_timer *tm = &fs->timers[i];
			if (tm->kind != TIMER_TIME_WAIT)
				continue;
			simtime_t span = tm->expiry - tm->armed_at;
			simtime_t left = tm->expiry - f->t;
			if (left < 0)
				left = 0;
			dl->tw_box_timer = h;
			dl->tw_remaining = left;
			dl->tw_left = span > 0 ? (float)left / (float)span : 0;
		}
	}
}

static void paint(const struct view_frame *f, struct diagram_layout *dl);

/* 1 when r is clear of every arrow label, marker and badge placed (skip
 * marker skip_m), and inside the area. */
static int corner_free(const struct diagram_layout *dl, struct gui_rect r, int skip_m)
{
	if (!gui_rect_inside(r, gui_rect_inset(dl->area, 2)))
		return 0;
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++)
		if (gui_rect_overlap(r, dl->arrow[i].label))
			return 0;
	for (int h = 0; h < 2; h++) {
		if (dl->extra_arrow[h] >= 0 && gui_rect_overlap(r, dl->extra[h].label))
			return 0;
		if (h == skip_m || dl->host_box[h] < 0)
			continue;
		float m = dl->marker_r + 2;
		struct gui_rect mr =
		    gui_rect_make(dl->marker[h].x - m, dl->marker[h].y - m, 2 * m, 2 * m);
		if (gui_rect_overlap(r, mr))
			return 0;
	}
	for (int i = 0; i < dl->nbadges; i++)
		if (gui_rect_overlap(r, dl->badge[i].r))
			return 0;
	return 1;
}

/* Resting markers move to another corner of their box when a label sits
 * under theirs; then every host's sockets that its marker does not stand
 * for get a badge in its colour beside their box, where nothing lies. */
static void settle(const struct view_frame *f, struct diagram_layout *dl)
{
	float s = f->reg->ds;
	for (int h = 0; h < 2; h++) {
		int b = dl->host_box[h];
		if (b < 0)
			continue;
		struct gui_rect r = dl->box[b];
		struct gui_point home = marker_home(dl->box, b, h);
		if (dl->marker[h].x != home.x || dl->marker[h].y != home.y)
			continue; /* travelling */
		float m = dl->marker_r + 2;
		float xo = h ? r.x : r.x + r.w, xm = r.x + r.w / 2;
		struct gui_point c[8] = {home,
		                         pt(home.x, r.y + r.h),
		                         pt(xo, r.y),
		                         pt(xo, r.y + r.h),
		                         pt(home.x, r.y + r.h / 2),
		                         pt(xo, r.y + r.h / 2),
		                         pt(xm + (h ? 1 : -1) * r.w / 4, r.y),
		                         pt(xm + (h ? 1 : -1) * r.w / 4, r.y + r.h)};
		for (int i = 0; i < 8; i++)
			if (corner_free(dl, gui_rect_make(c[i].x - m, c[i].y - m, 2 * m, 2 * m),
			                h)) {
				dl->marker[h] = c[i];
				break;
			}
	}
	dl->nbadges = 0;
	float bh = draw_font_height(f->d, FONT_DIAG) + 2 * s;
	for (int h = 0; h < f->snap->nhosts && h < 2; h++)
		for (int st = 0; st < TCPS_COUNT; st++) {
			int n = f->snap->hosts[h].state_count[st];
			if (st == TCPS_CLOSED || n < 1 || (n == 1 && dl->host_box[h] == st))
				continue;
			char t[16];
			snprintf(t, sizeof t, "×%d", n);
			float bw = draw_text_width(f->d, FONT_DIAG, t) + 10 * s;
			struct gui_rect r = dl->box[st];
			/* beside the box: under or over it, at the host's end first,
			 * then beside it */
			float xl = r.x + 2 * s, xr = r.x + r.w - 2 * s - bw;
			float xh = h ? xr : xl, xo = h ? xl : xr;
			struct gui_rect c[6] = {
			    gui_rect_make(xh, r.y + r.h + 1 * s, bw, bh),
			    gui_rect_make(xh, r.y - bh - 1 * s, bw, bh),
			    gui_rect_make(xo, r.y + r.h + 1 * s, bw, bh),
			    gui_rect_make(xo, r.y - bh - 1 * s, bw, bh),
			    gui_rect_make(h ? r.x + r.w + 2 * s : r.x - 2 * s - bw,
			                  r.y + (r.h - bh) / 2, bw, bh),
			    gui_rect_make(h ? r.x - 2 * s - bw : r.x + r.w + 2 * s,
			                  r.y + (r.h - bh) / 2, bw, bh),
			};
			int placed = -1;
			for (int i = 0; i < 6 && placed < 0; i++) {
				int clash = 0;
				for (int b = 0; b < DIAG_BOXES && !clash; b++)
					clash = gui_rect_overlap(c[i], dl->box[b]);
				clash |=
				    dl->tw_box_timer >= 0 && gui_rect_overlap(c[i], dl->tw_zone);
				if (!clash && corner_free(dl, c[i], -1))
					placed = i;
			}
			if (placed < 0) {
				char what[48];
				snprintf(what, sizeof what, "the count of %s's %s",
				         f->snap->hosts[h].name, tcps_name(st));
				view_left_out(&dl->out, what, "no room beside its box");
				continue;
			}
			dl->badge[dl->nbadges].r = c[placed];
			dl->badge[dl->nbadges].box = st;
			dl->badge[dl->nbadges].host = h;
			dl->badge[dl->nbadges].n = n;
			dl->nbadges++;
		}
}

/* The square a marker at p covers, its halo included. */
static struct gui_rect marker_square(const struct diagram_layout *dl, struct gui_point p)
{
	float m = dl->marker_r + 2;
	return gui_rect_make(p.x - m, p.y - m, 2 * m, 2 * m);
}

/* 1 when run B's host h's ring at q would lie on one of run A's discs or
 * on run B's ring placed before it: rings are painted last, each on a
 * halo of the panel's colour as wide as a disc, so one there hides it. */
static int ring_on_marker(const struct diagram_layout *dl, struct gui_rect q, int h)
{
	for (int k = 0; k < 2; k++)
		if (dl->host_box[k] >= 0 && gui_rect_overlap(q, marker_square(dl, dl->marker[k])))
			return 1;
	return h == 1 && dl->host_box_b[0] >= 0 &&
	       gui_rect_overlap(q, marker_square(dl, dl->marker_b[0]));
}

/* The area q and r have in common (0 when apart). */
static float overlap_area(struct gui_rect q, struct gui_rect r)
{
	float w = fminf(q.x + q.w, r.x + r.w) - fmaxf(q.x, r.x);
	float h = fminf(q.y + q.h, r.y + r.h) - fmaxf(q.y, r.y);
	return w > 0 && h > 0 ? w * h : 0;
}

/* How much of a ring's square q covers what must stay readable: arrow
 * labels, badges, every box's name and, for a spot beside a box (beside
 * 1), every box. */
static float ring_cover(const struct view_frame *f, const struct diagram_layout *dl,
                        struct gui_rect q, int beside)
{
	float lh = draw_font_height(f->d, FONT_DIAG_BOLD), n = 0;
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++)
		n += overlap_area(q, dl->arrow[i].label);
	for (int h = 0; h < 2; h++)
		if (dl->extra_arrow[h] >= 0)
			n += overlap_area(q, dl->extra[h].label);
	for (int i = 0; i < dl->nbadges; i++)
		n += overlap_area(q, dl->badge[i].r);
	for (int k = 0; k < DIAG_BOXES; k++) {
		struct gui_rect bk = dl->box[k];
		const char *name = tcps_name(k == BOX_CLOSED_BOTTOM ? TCPS_CLOSED : k);
		float tw = draw_text_width(f->d, FONT_DIAG_BOLD, name);
		n += overlap_area(q, gui_rect_make(cxr(bk) - tw / 2, cyr(bk) - lh / 2, tw, lh));
		if (beside)
			n += overlap_area(q, bk);
	}
	return n;
}

#define RING_SPOTS 25

/* Compare mode: where run B's host h's ring goes on box b: beside the box
 * on the host's side, else on a corner, clear of labels, badges, run A's
 * markers, run B's other ring, every box's name and (beside it) every box.
 * Where no spot is that clear (four markers on lesson 32's CLOSED box at
 * the panel's edge), the spot inside the panel and clear of every marker
 * that covers the least text: a ring never hides a disc or the other
 * ring (it is painted last, on a halo as wide as a disc). */
static struct gui_point place_ring(const struct view_frame *f, const struct diagram_layout *dl,
                                   int b, int h)
{
	struct gui_rect r = dl->box[b];
	float m = dl->marker_r + 2;
	float xs = h ? r.x + r.w + m : r.x - m, xo = h ? r.x - m : r.x + r.w + m;
	float xh = h ? r.x + r.w : r.x, xf = h ? r.x : r.x + r.w;
	float xq = h ? r.x + r.w * 0.75f : r.x + r.w * 0.25f, xs2 = h ? xs + m : xs - m;
	float xq2 = h ? r.x + r.w * 0.25f : r.x + r.w * 0.75f, xc = r.x + r.w / 2;
	/* beside, on a corner, then a little further out, under or over; then
	 * a marker's width over or under a corner (on a disc there), along the
	 * box's edges and under or over it */
	struct gui_point c[RING_SPOTS] = {pt(xs, r.y + r.h / 2),
	                                  pt(xh, r.y + r.h),
	                                  pt(xf, r.y + r.h),
	                                  pt(xo, r.y + r.h / 2),
	                                  pt(xh, r.y),
	                                  pt(xf, r.y),
	                                  pt(xs2, r.y + r.h / 2),
	                                  pt(xq, r.y + r.h + m),
	                                  pt(xq, r.y - m),
	                                  pt(xs, r.y + r.h + m),
	                                  pt(xs, r.y - m),
	                                  pt(xh, r.y - 2 * m),
	                                  pt(xh, r.y + r.h + 2 * m),
	                                  pt(xf, r.y - 2 * m),
	                                  pt(xf, r.y + r.h + 2 * m),
	                                  pt(xc, r.y + r.h + m),
	                                  pt(xc, r.y - m),
	                                  pt(xq2, r.y + r.h + m),
	                                  pt(xq2, r.y - m),
	                                  pt(xq, r.y + r.h),
	                                  pt(xc, r.y + r.h),
	                                  pt(xq2, r.y + r.h),
	                                  pt(xq, r.y),
	                                  pt(xc, r.y),
	                                  pt(xq2, r.y)};
	int beside[RING_SPOTS] = {1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1,
	                          1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
	int best = 1, best_inside = -1;
	float best_cover = 0;
	for (int i = 0; i < RING_SPOTS; i++) {
		struct gui_rect q = marker_square(dl, c[i]);
		if (ring_on_marker(dl, q, h))
			continue;
		int inside = gui_rect_inside(q, gui_rect_inset(dl->area, 2));
		float cover = ring_cover(f, dl, q, beside[i]);
		if (inside && cover == 0 && corner_free(dl, q, -1))
			return c[i];
		if (inside > best_inside || (inside == best_inside && cover < best_cover)) {
			best = i;
			best_inside = inside;
			best_cover = cover;
		}
	}
	return c[best];
}

void view_diagram_layout(struct diagram_state *st, const struct view_frame *f, struct gui_rect area,
                         struct diagram_layout *dl)
{
	if (f->reg->too_small) {
		view_out_begin(&dl->out, "diagram", area);
		return;
	}
	if (!st->ok || st->s != f->reg->s || st->ds != f->reg->ds ||
	    memcmp(&st->area, &area, sizeof area) != 0) {
		layout_static(f, &st->placed, area);
		st->area = area;
		st->s = f->reg->s;
		st->ds = f->reg->ds;
		st->ok = 1;
	}
	/* the cache's geometry, this frame's command list */
	struct view_out out = dl->out;
	*dl = st->placed;
	dl->out = out;
	dl->area = area;
	view_out_begin(&dl->out, "diagram", area);

	/* counts: every socket of both hosts */
	for (int h = 0; h < f->snap->nhosts && h < 2; h++)
		for (int s = 0; s < TCPS_COUNT; s++)
			dl->count[s] += f->snap->hosts[h].state_count[s];

	/* markers and lit arrows */
	dl->tw_box_timer = -1;
	for (int h = 0; h < 2; h++) {
		dl->extra_arrow[h] = -1;
		dl->host_box[h] = -1;
		if (h < f->snap->nhosts)
			layout_host(f, dl, h);
	}
	settle(f, dl);
	/* compare mode: where run B's hosts are, on the bottom corners */
	for (int h = 0; h < 2; h++) {
		dl->host_box_b[h] = -1;
		if (!f->snap_b || h >= f->snap_b->nhosts)
			continue;
		/* the box its latest change entered (which CLOSED, too) */
		int b = TCPS_CLOSED;
		if (f->tr_b && f->state_b[h] >= 0) {
			const struct trace_rec *r = &f->tr_b->recs[f->state_b[h]];
			b = box_of(r->u.state.to, r->sub, r->u.state.from);
		}
		dl->host_box_b[h] = b;
		dl->marker_b[h] = place_ring(f, dl, b, h);
	}
	paint(f, dl);
}

void view_diagram_free(struct diagram_layout *dl)
{
	view_out_free(&dl->out);
}

/* ---- the drawing, recorded in dl->out ---- */

static void paint_path(struct dlist *l, const struct diag_arrow_geo *g, float w, float head,
                       struct gui_color c, int dashed)
{
	for (int i = 0; i + 1 < g->npts; i++) {
		if (dashed)
			dl_dashed(l, g->pts[i], g->pts[i + 1], w, 5 * w, c);
		else
			dl_line(l, g->pts[i], g->pts[i + 1], w, c);
		/* round the elbow */
		if (i > 0)
			dl_rect(l, gui_rect_make(g->pts[i].x - w / 2, g->pts[i].y - w / 2, w, w),
			        c);
	}
	if (g->npts >= 2)
		dl_arrowhead(l, g->pts[g->npts - 2], g->pts[g->npts - 1], head, c);
}

/* An "event / action" label as the classic figure writes it: the event
 * over a rule over the action, each line on a plate so that crossing lines
 * never hide a word. */
static void paint_label(struct view_out *o, const struct view_frame *f,
                        const struct diag_arrow_geo *g, int arrow, struct gui_color c,
                        struct gui_color plate_c)
{
	const struct tcp_arrow_info *info = tcp_arrow(arrow);
	if (!info)
		return;
	float s = f->reg->ds;
	float we = draw_text_width(f->d, FONT_DIAG, info->event);
	float wa = draw_text_width(f->d, FONT_DIAG, info->action);
	float lh = draw_font_height(f->d, FONT_DIAG);
	float rule = 3 * s, pe = 3 * s;
	struct gui_rect r = g->label;
	float cx = r.x + r.w / 2, y = r.y;
	dl_rrect(&o->dl, gui_rect_make(cx - we / 2 - pe, y, we + 2 * pe, lh), 3 * s, plate_c);
	dl_rrect(&o->dl, gui_rect_make(cx - wa / 2 - pe, y + lh + rule, wa + 2 * pe, lh), 3 * s,
	         plate_c);
	view_text(o, f, FONT_DIAG, cx, y, ALIGN_CENTER, c, info->event);
	dl_rect(&o->dl,
	        gui_rect_make(r.x + pe, y + lh + rule / 2 - 0.6f * s, r.w - 2 * pe, 1.2f * s), c);
	view_text(o, f, FONT_DIAG, cx, y + lh + rule, ALIGN_CENTER, c, info->action);
}

static void paint_box(struct view_out *o, const struct view_frame *f,
                      const struct diagram_layout *dl, int b)
{
	const struct gui_theme *th = f->th;
	struct dlist *l = &o->dl;
	float s = f->reg->ds;
	struct gui_rect r = dl->box[b];
	int here[2] = {dl->host_box[0] == b, dl->host_box[1] == b};
	float bw = 3 * s;
	struct gui_color border = th->border;
	dl_rrect(l, r, 6 * s, border);
	dl_rrect(l, gui_rect_inset(r, 1.5f * s), 5 * s, th->box);
	if (here[0] || here[1]) {
		/* the host's colour: a thick frame and a tint, split in two
		 * when both hosts are in this state */
		if (here[0] && here[1]) {
			struct gui_rect left = r, right = r;
			left.w = r.w / 2;
			right.x += r.w / 2;
			right.w = r.w - left.w;
			dl_rrect(l, left, 6 * s, th->host[0]);
			dl_rrect(l, right, 6 * s, th->host[1]);
			dl_rect(l, gui_rect_make(left.x + left.w - 6 * s, r.y, 6 * s, r.h),
			        th->host[0]);
			dl_rect(l, gui_rect_make(right.x, r.y, 6 * s, r.h), th->host[1]);
			struct gui_rect in = gui_rect_inset(r, bw);
			struct gui_rect il = in, ir = in;
			il.w = in.w / 2;
			ir.x = in.x + il.w;
			ir.w = in.w - il.w;
			dl_rect(l, il, th->host_tint[0]);
			dl_rect(l, ir, th->host_tint[1]);
		} else {
			int h = here[0] ? 0 : 1;
			dl_rrect(l, r, 6 * s, th->host[h]);
			dl_rrect(l, gui_rect_inset(r, bw), 4 * s, th->host_tint[h]);
		}
	}
	int state = b == BOX_CLOSED_BOTTOM ? TCPS_CLOSED : b;
	char text[64];
	snprintf(text, sizeof text, "%s", tcps_name(state));
	int font = FONT_DIAG_BOLD;
	if (draw_text_width(f->d, font, text) > r.w - 8 * s)
		font = FONT_DIAG;
	view_text(o, f, font, cxr(r), cyr(r), ALIGN_CENTER | ALIGN_MIDDLE, th->box_text, text);
}

/* A host's marker at p: a disc in its colour with its initial (hollow: a
 * ring, compare mode's run B). */
static void paint_disc(struct view_out *o, const struct view_frame *f,
                       const struct diagram_layout *dl, struct gui_point p, int h, int hollow,
                       const char *name)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->ds;
	dl_circle(&o->dl, p, dl->marker_r + 2 * s, th->panel);
	dl_circle(&o->dl, p, dl->marker_r, th->host[h]);
	if (hollow)
		dl_circle(&o->dl, p, dl->marker_r - 3 * s, th->panel);
	char initial[8] = "";
	if (name[0]) {
		initial[0] = (char)(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 32 : name[0]);
		initial[1] = '\0';
	}
	view_text(o, f, FONT_DIAG, p.x, p.y, ALIGN_CENTER | ALIGN_MIDDLE,
	          hollow ? th->text : th->host_ink[h], initial);
}

static void paint_marker(struct view_out *o, const struct view_frame *f,
                         const struct diagram_layout *dl, int h)
{
	if (dl->host_box[h] >= 0)
		paint_disc(o, f, dl, dl->marker[h], h, 0, f->snap->hosts[h].name);
}

/* Compare mode: run B's host h, a ring on its box's bottom corner. */
static void paint_marker_b(struct view_out *o, const struct view_frame *f,
                           const struct diagram_layout *dl, int h)
{
	if (dl->host_box_b[h] >= 0)
		paint_disc(o, f, dl, dl->marker_b[h], h, 1, f->snap_b->hosts[h].name);
}

/* The choice of the question shown that names box b's state, or -1.
 * Both CLOSED boxes name CLOSED: a student who clicks either means that
 * state (the diagram draws it twice only to keep its arrows short). */
static int quiz_choice(const struct quiz_question *q, int b)
{
	int state = b == BOX_CLOSED_BOTTOM ? TCPS_CLOSED : b;
	for (int i = 0; i < q->nchoices; i++)
		if (strcmp(q->choice[i], tcps_name(state)) == 0)
			return i;
	return -1;
}

/* Quiz mode, a question of the next state: its choices' boxes ringed and
 * clickable (GA_QUIZ_ANSWER) while it is asked, the other boxes clickable
 * too (GA_QUIZ_ANSWER -1: not a choice); once answered, the right
 * one ringed in green, a wrong one given in red.  The rings lie under the
 * boxes, showing round their edges. */
static void quiz_rings(struct view_out *o, const struct view_frame *f,
                       const struct diagram_layout *dl)
{
	const struct view_quiz *vq = f->quiz;
	if (!vq || (vq->card != VIEW_QUIZ_ASK && vq->card != VIEW_QUIZ_REVEAL) || vq->shown < 0 ||
	    (uint32_t)vq->shown >= vq->qz->n)
		return;
	const struct quiz_question *q = &vq->qz->q[vq->shown];
	if (q->kind != QUIZ_NEXT_STATE)
		return;
	const struct gui_theme *th = f->th;
	float s = f->reg->ds;
	int given = vq->given[vq->shown];
	for (int b = 0; b < DIAG_BOXES; b++) {
		int c = quiz_choice(q, b);
		if (c < 0) {
			/* a box no choice names answers too: not a choice (-1),
			 * which the card and the status bar say */
			if (vq->card == VIEW_QUIZ_ASK)
				view_target(o, dl->box[b], GA_QUIZ_ANSWER, -1);
			continue;
		}
		struct gui_rect r = dl->box[b];
		struct gui_color ring = th->accent;
		float w = 4 * s;
		if (vq->card == VIEW_QUIZ_ASK) {
			view_target(o, r, GA_QUIZ_ANSWER, c);
			if (gui_rect_has(r, f->mouse_x, f->mouse_y))
				w = 6 * s;
		} else if (c == q->answer) {
			ring = th->ok;
		} else if (c == given) {
			ring = th->bad;
		} else {
			continue;
		}
		/* a halo apart from the box, so that it is not read as a
		 * host's thick frame */
		dl_rrect(&o->dl, gui_rect_inset(r, -w - 2 * s), 8 * s + w, ring);
		dl_rrect(&o->dl, gui_rect_inset(r, -2 * s), 8 * s, th->panel);
	}
}

static void paint(const struct view_frame *f, struct diagram_layout *dl)
{
	const struct gui_theme *th = f->th;
	struct view_out *o = &dl->out;
	float s = f->reg->ds;
	view_panel_frame(o, f, dl->area, DIAG_TITLE);
	dl_clip(&o->dl, &dl->area);
	float lw = 1.6f * s, head = 9 * s;
	/* every line first, unlit ones under lit ones, then every label on its
	 * plate over them: no line runs over a label */
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		const struct diag_arrow_geo *g = &dl->arrow[i];
		if (g->lit[0] <= 0 && g->lit[1] <= 0)
			paint_path(&o->dl, g, lw, head, th->arrow, 0);
	}
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		const struct diag_arrow_geo *g = &dl->arrow[i];
		int h = g->lit[1] > g->lit[0];
		float lit = g->lit[h];
		if (lit > 0)
			paint_path(&o->dl, g, lw * (1 + 1.5f * lit), head * (1 + 0.3f * lit),
			           gui_mix(th->arrow, th->host[h], lit), 0);
	}
	for (int h = 0; h < 2; h++)
		if (dl->extra_arrow[h] >= 0 && dl->extra[h].lit[h] > 0)
			paint_path(&o->dl, &dl->extra[h], lw * 2, head * 1.2f, th->host[h], 1);
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		const struct diag_arrow_geo *g = &dl->arrow[i];
		int h = g->lit[1] > g->lit[0];
		float lit = g->lit[h];
		if (lit <= 0) {
			paint_label(o, f, g, i, th->arrow_text, th->panel);
			continue;
		}
		struct gui_color plate = gui_mix(th->panel, th->host[h], lit);
		struct gui_color ink = lit > 0.7f ? th->host_ink[h] : th->text;
		if (lit <= 0.7f)
			plate = gui_mix(th->panel, th->host_tint[h], 1);
		paint_label(o, f, g, i, ink, plate);
	}
	for (int h = 0; h < 2; h++) {
		if (dl->extra_arrow[h] < 0 || dl->extra[h].lit[h] <= 0)
			continue;
		const struct diag_arrow_geo *g = &dl->extra[h];
		if (g->label.w > 0)
			paint_label(o, f, g, dl->extra_arrow[h], th->host_ink[h], th->host[h]);
		else
			view_left_out(o, "an off-figure arrow's label",
			              "no free spot in the figure");
	}
	quiz_rings(o, f, dl);
	for (int b = 0; b < DIAG_BOXES; b++)
		paint_box(o, f, dl, b);
	/* the 2MSL countdown, on the TIME_WAIT box itself */
	if (dl->tw_box_timer >= 0) {
		int h = dl->tw_box_timer;
		struct gui_rect r = dl->box[TCPS_TIME_WAIT];
		struct gui_rect bar =
		    gui_rect_make(r.x + 4 * s, dl->tw_zone.y + 1 * s, r.w - 8 * s, 5 * s);
		dl_rect(&o->dl, bar, th->panel_alt);
		bar.w *= dl->tw_left;
		dl_rect(&o->dl, bar, th->host[h]);
		char txt[48];
		snprintf(txt, sizeof txt, "2MSL %.1f s", (double)dl->tw_remaining / 1e6);
		view_text(o, f, FONT_DIAG_BOLD, cxr(r), bar.y + 5 * s + 3 * s, ALIGN_CENTER,
		          th->warn, txt);
	}
	for (int i = 0; i < dl->nbadges; i++) {
		int h = dl->badge[i].host;
		struct gui_rect r = dl->badge[i].r;
		char t[16];
		snprintf(t, sizeof t, "×%d", dl->badge[i].n);
		dl_rrect(&o->dl, r, r.h / 2, th->host[h]);
		view_text(o, f, FONT_DIAG, r.x + r.w / 2, r.y + r.h / 2,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->host_ink[h], t);
	}
	for (int h = 0; h < 2; h++)
		paint_marker(o, f, dl, h);
	for (int h = 0; h < 2; h++)
		paint_marker_b(o, f, dl, h);
	dl_clip(&o->dl, NULL);
}

int view_diagram_overlaps(const struct view_frame *f, const struct diagram_layout *dl, char *why,
                          size_t size)
{
	int n = 0;
	size_t used = 0;
	float title_h = draw_font_height(f->d, FONT_BOLD) + 10 * f->reg->s;
	struct gui_rect inner = dl->area;
	struct gui_rect title =
	    gui_rect_make(dl->area.x, dl->area.y,
	                  10 * f->reg->ds + draw_text_width(f->d, FONT_BOLD, DIAG_TITLE), title_h);
	if (why && size)
		why[0] = '\0';
#define SAY(...)                                                                                   \
	do {                                                                                       \
		n++;                                                                               \
		if (why && used < size) {                                                          \
			int w_ = snprintf(why + used, size - used, __VA_ARGS__);                   \
			if (w_ > 0)                                                                \
				used += (size_t)w_;                                                \
		}                                                                                  \
	} while (0)
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		struct gui_rect r = dl->arrow[i].label;
		const char *ev = tcp_arrow(i) ? tcp_arrow(i)->event : "?";
		if (!gui_rect_inside(r, inner))
			SAY("label %d (%s) leaves the panel; ", i, ev);
		for (int b = 0; b < DIAG_BOXES; b++) {
			if (gui_rect_overlap(r, dl->box[b]))
				SAY("label %d (%s) over box %d; ", i, ev, b);
		}
		if (gui_rect_overlap(r, dl->tw_zone))
			SAY("label %d (%s) over the 2MSL countdown; ", i, ev);
		if (gui_rect_overlap(r, title))
			SAY("label %d (%s) over the title; ", i, ev);
		for (int j = i + 1; j < ARROW_DIAGRAM_COUNT; j++)
			if (gui_rect_overlap(r, dl->arrow[j].label))
				SAY("labels %d and %d overlap; ", i, j);
		for (int j = 0; j < ARROW_DIAGRAM_COUNT; j++) {
			if (j == i)
				continue;
			if (lines_hit(&dl->arrow[j], 1, r, -1, -1))
				SAY("label %d (%s) over the line of arrow %d; ", i, ev, j);
		}
	}
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++)
		for (int b = 0; b < DIAG_BOXES; b++) {
			const struct diag_arrow_geo *g = &dl->arrow[i];
			if (b == routes[i].from || b == routes[i].to)
				continue;
			for (int j = 0; j + 1 < g->npts; j++)
				if (seg_hits(g->pts[j], g->pts[j + 1],
				             gui_rect_inset(dl->box[b], 1)))
					SAY("arrow %d crosses box %d; ", i, b);
		}
#undef SAY
	return n;
}
