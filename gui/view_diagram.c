/* view_diagram: the migration diagram.  Lays out the eleven states in the
 * classic RFC 793/9293 figure (CLOSED drawn twice, top and bottom), routes
 * every arrow of tcpstate.h's table with its "event / action" label, and
 * places each host's marker on the state of the connection it follows,
 * travelling along the arrow it took.  Layout first (tests query it), then
 * drawing. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app.h"

#define BOX_CLOSED_BOTTOM TCPS_COUNT

/* Grid position of each box: column 0..2, row 0..6. */
static const struct {
	int col, row;
} grid[DIAG_BOXES] = {
	[TCPS_CLOSED] = {1, 0},      [TCPS_LISTEN] = {1, 1},     [TCPS_SYN_RCVD] = {0, 2},
	[TCPS_SYN_SENT] = {2, 2},    [TCPS_ESTABLISHED] = {1, 3}, [TCPS_FIN_WAIT_1] = {0, 4},
	[TCPS_CLOSE_WAIT] = {2, 4},  [TCPS_FIN_WAIT_2] = {0, 5}, [TCPS_CLOSING] = {1, 5},
	[TCPS_LAST_ACK] = {2, 5},    [TCPS_TIME_WAIT] = {1, 6},  [BOX_CLOSED_BOTTOM] = {2, 6},
};

enum route { STRAIGHT, ELBOW_H, ELBOW_V };

/* How each arrow of the figure runs.  Offsets are in units of qx (a quarter
 * of a box's width) or qy (a quarter of its height).  STRAIGHT: off_from
 * shifts the line sideways (two-way pairs).  ELBOW_H: leaves from's side at
 * cy + off_from*qy, turns at to's cx + off_to*qx.  ELBOW_V: leaves from's
 * top or bottom at cx + off_from*qx, turns at to's cy + off_to*qy. */
struct arrow_route {
	int from, to; /* boxes */
	int route;
	float off_from, off_to;
};

/* Where each "event / action" label sits: beside column col (0..2) at
 * xoff half box widths plus px pixels, on row v (fractional), aligned so;
 * or, with col -1, on the arrow itself at fraction v of its path. */
struct label_spec {
	int col;
	float xoff, px, v;
	int align;
};

#define CB BOX_CLOSED_BOTTOM
#define LM (ALIGN_LEFT | ALIGN_MIDDLE)
#define RM (ALIGN_RIGHT | ALIGN_MIDDLE)
#define CM (ALIGN_CENTER | ALIGN_MIDDLE)
static const struct arrow_route routes[ARROW_DIAGRAM_COUNT] = {
	[ARROW_PASSIVE_OPEN] = {TCPS_CLOSED, TCPS_LISTEN, STRAIGHT, -1.3f, 0},
	[ARROW_LISTEN_CLOSE] = {TCPS_LISTEN, TCPS_CLOSED, STRAIGHT, -1.3f, 0},
	[ARROW_ACTIVE_OPEN] = {TCPS_CLOSED, TCPS_SYN_SENT, ELBOW_H, -1, 1.25f},
	[ARROW_SYNSENT_CLOSE] = {TCPS_SYN_SENT, TCPS_CLOSED, ELBOW_V, -0.2f, 1},
	[ARROW_LISTEN_SYN] = {TCPS_LISTEN, TCPS_SYN_RCVD, STRAIGHT, 0, 0},
	[ARROW_SYNRCVD_RST] = {TCPS_SYN_RCVD, TCPS_LISTEN, ELBOW_V, -1.3f, 1},
	[ARROW_LISTEN_SEND] = {TCPS_LISTEN, TCPS_SYN_SENT, STRAIGHT, 0, 0},
	[ARROW_SYNSENT_SYN] = {TCPS_SYN_SENT, TCPS_SYN_RCVD, STRAIGHT, 0, 0},
	[ARROW_SYNRCVD_ACK] = {TCPS_SYN_RCVD, TCPS_ESTABLISHED, ELBOW_V, 1.3f, -1},
	[ARROW_SYNSENT_SYNACK] = {TCPS_SYN_SENT, TCPS_ESTABLISHED, ELBOW_V, -1.3f, -1},
	[ARROW_SYNRCVD_CLOSE] = {TCPS_SYN_RCVD, TCPS_FIN_WAIT_1, STRAIGHT, -1.5f, 0},
	[ARROW_EST_CLOSE] = {TCPS_ESTABLISHED, TCPS_FIN_WAIT_1, ELBOW_V, -1, -1},
	[ARROW_EST_FIN] = {TCPS_ESTABLISHED, TCPS_CLOSE_WAIT, ELBOW_V, 1, -1},
	[ARROW_FW1_ACK] = {TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, STRAIGHT, -1.5f, 0},
	[ARROW_FW1_FIN] = {TCPS_FIN_WAIT_1, TCPS_CLOSING, ELBOW_H, 1, -1.2f},
	[ARROW_FW1_FINACK] = {TCPS_FIN_WAIT_1, TCPS_TIME_WAIT, STRAIGHT, 0, 0},
	[ARROW_FW2_FIN] = {TCPS_FIN_WAIT_2, TCPS_TIME_WAIT, ELBOW_V, -1.5f, 1},
	[ARROW_CLOSING_ACK] = {TCPS_CLOSING, TCPS_TIME_WAIT, STRAIGHT, 0.6f, 0},
	[ARROW_CW_CLOSE] = {TCPS_CLOSE_WAIT, TCPS_LAST_ACK, STRAIGHT, 0, 0},
	[ARROW_LASTACK_ACK] = {TCPS_LAST_ACK, CB, STRAIGHT, -0.6f, 0},
	[ARROW_TW_TIMEOUT] = {TCPS_TIME_WAIT, CB, STRAIGHT, 0, 0},
};

static const struct label_spec labels[ARROW_DIAGRAM_COUNT] = {
	[ARROW_PASSIVE_OPEN] = {1, -1, -8, 0, RM},
	[ARROW_LISTEN_CLOSE] = {1, 0.65f, 6, 0.5f, LM},
	[ARROW_ACTIVE_OPEN] = {2, -0.35f, 0, -0.42f, CM},
	[ARROW_SYNSENT_CLOSE] = {2, -0.1f, -6, 1, RM},
	[ARROW_LISTEN_SYN] = {-1, 0, 0, 0.45f, CM},
	[ARROW_SYNRCVD_RST] = {0, -0.65f, 6, 1.5f, LM},
	[ARROW_LISTEN_SEND] = {-1, 0, 0, 0.45f, CM},
	[ARROW_SYNSENT_SYN] = {-1, 0, 0, 0.5f, CM},
	[ARROW_SYNRCVD_ACK] = {0, 0.65f, 6, 2.5f, LM},
	[ARROW_SYNSENT_SYNACK] = {2, -0.65f, -6, 2.5f, RM},
	[ARROW_SYNRCVD_CLOSE] = {0, -0.75f, 6, 3, LM},
	[ARROW_EST_CLOSE] = {1, -0.5f, -6, 3.5f, RM},
	[ARROW_EST_FIN] = {1, 0.5f, 6, 3.5f, LM},
	[ARROW_FW1_ACK] = {0, -0.75f, 6, 4.5f, LM},
	[ARROW_FW1_FIN] = {1, -0.6f, 6, 4.5f, LM},
	[ARROW_FW1_FINACK] = {-1, 0, 0, 0.8f, CM},
	[ARROW_FW2_FIN] = {0, -0.75f, 6, 5.5f, LM},
	[ARROW_CLOSING_ACK] = {1, 0.3f, 6, 5.5f, LM},
	[ARROW_CW_CLOSE] = {2, 0, -8, 4.5f, RM},
	[ARROW_LASTACK_ACK] = {2, 0.3f, 6, 5.5f, LM},
	[ARROW_TW_TIMEOUT] = {1, 1.2f, 0, 6.62f, CM},
};
#undef CB
#undef LM
#undef RM
#undef CM

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

/* Where the ray from the centre of r toward (dx, dy) leaves r. */
static struct gui_point edge_toward(struct gui_rect r, float ox, float oy, float dx, float dy)
{
	float hx = r.w / 2, hy = r.h / 2;
	float tx = fabsf(dx) > 1e-4f ? hx / fabsf(dx) : 1e9f;
	float ty = fabsf(dy) > 1e-4f ? hy / fabsf(dy) : 1e9f;
	float t = tx < ty ? tx : ty;
	return pt(cxr(r) + ox + dx * t, cyr(r) + oy + dy * t);
}

static struct gui_point path_at(const struct diag_arrow_geo *g, float f);

static void route_arrow(const struct arrow_route *ro, const struct gui_rect *box, float qx,
			float qy, struct diag_arrow_geo *g)
{
	struct gui_rect f = box[ro->from], t = box[ro->to];
	g->npts = 0;
	if (ro->route == STRAIGHT) {
		float dx = cxr(t) - cxr(f), dy = cyr(t) - cyr(f);
		float len = sqrtf(dx * dx + dy * dy);
		if (len < 1)
			return;
		/* a perpendicular shift keeps two-way pairs apart */
		float px = -dy / len * ro->off_from * qx, py = dx / len * ro->off_from * qx;
		if (fabsf(dx) < 1)
			px = ro->off_from * qx * (dy > 0 ? 1 : -1), py = 0;
		struct gui_rect fs = f, ts = t;
		fs.x += px, fs.y += py, ts.x += px, ts.y += py;
		g->pts[0] = edge_toward(fs, 0, 0, dx / len, dy / len);
		g->pts[1] = edge_toward(ts, 0, 0, -dx / len, -dy / len);
		if (fabsf(dx) < 1) {
			g->pts[0] = pt(cxr(f) + px, dy > 0 ? f.y + f.h : f.y);
			g->pts[1] = pt(cxr(t) + px, dy > 0 ? t.y : t.y + t.h);
		}
		g->npts = 2;
	} else if (ro->route == ELBOW_H) {
		/* leave from's side at y + off_from, turn at to's x + off_to */
		float y = cyr(f) + ro->off_from * qy;
		float x = cxr(t) + ro->off_to * qx;
		int right = x > cxr(f);
		g->pts[0] = pt(right ? f.x + f.w : f.x, y);
		g->pts[1] = pt(x, y);
		g->pts[2] = pt(x, cyr(t) > y ? t.y : t.y + t.h);
		g->npts = 3;
	} else {
		/* leave from's top/bottom at x + off_from, turn at to's y + off_to */
		float x = cxr(f) + ro->off_from * qx;
		float y = cyr(t) + ro->off_to * qy;
		int down = y > cyr(f);
		g->pts[0] = pt(x, down ? f.y + f.h : f.y);
		g->pts[1] = pt(x, y);
		g->pts[2] = pt(cxr(t) > x ? t.x : t.x + t.w, y);
		g->npts = 3;
	}
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

/* The socket handle host h follows: the chosen one, else its current one,
 * else the socket of its last state change. */
static int32_t followed_handle(const struct gui_app *a, int h)
{
	if (a->follow[h] >= 0)
		return a->follow[h];
	const struct snap_sock *s = gui_followed(a, h);
	if (s)
		return s->handle;
	return -1;
}

/* The last TR_STATE record <= k of host h (and handle, unless -1). */
static int64_t last_state_rec(const struct gui_app *a, int h, int32_t handle)
{
	uint32_t lo = 0, hi = a->nstate_recs;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if ((int64_t)a->state_recs[mid] <= a->k)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int64_t i = (int64_t)lo - 1; i >= 0; i--) {
		const struct trace_rec *r = &a->tr->recs[a->state_recs[i]];
		if (r->host == h && (handle < 0 || r->sock == handle))
			return a->state_recs[i];
	}
	return -1;
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

/* A marker's resting place in box b for host h. */
static struct gui_point marker_home(const struct gui_rect *box, int b, int h)
{
	struct gui_rect r = box[b];
	return pt(h == 0 ? r.x : r.x + r.w, cyr(r));
}

/* Updates host h's animation when its last transition changed. */
static void track(struct gui_app *a, int h, int64_t rec)
{
	struct gui_anim *an = &a->anim[h];
	if (rec == an->rec)
		return;
	an->travel = rec > an->rec && an->rec >= -1 && !a->settled;
	an->rec = rec;
	an->start = a->wall;
	if (rec < 0) {
		an->arrow = -1;
		an->from_box = an->to_box = TCPS_CLOSED;
		return;
	}
	const struct trace_rec *r = &a->tr->recs[rec];
	an->arrow = r->sub;
	an->from_box = box_of(r->u.state.from, -1, -1);
	an->to_box = box_of(r->u.state.to, r->sub, r->u.state.from);
	if (r->u.state.from == TCPS_CLOSED && an->from_box == TCPS_CLOSED) {
		/* leaving CLOSED: from the top one */
		an->from_box = TCPS_CLOSED;
	}
}

void view_diagram_layout(struct gui_app *a, struct diagram_layout *dl, struct gui_rect area)
{
	float s = a->lay.s;
	memset(dl, 0, sizeof *dl);
	dl->area = area;
	float title_h = draw_font_height(a->d, FONT_BOLD) + 8 * s;
	float bh = draw_font_height(a->d, FONT_BOLD) + 12 * s;
	float mr = bh * 0.36f;
	float bw = draw_text_width(a->d, FONT_BOLD, "ESTABLISHED") + 2 * mr + 14 * s;
	float min_bw = area.w * 0.235f;
	if (bw < min_bw)
		bw = min_bw;
	if (bw > area.w * 0.3f)
		bw = area.w * 0.3f;
	dl->marker_r = mr;
	float cx[3] = {area.x + bw / 2 + mr + 6 * s, area.x + area.w / 2,
		       area.x + area.w - bw / 2 - mr - 6 * s};
	float lh = draw_font_height(a->d, FONT_SMALL);
	float top = area.y + title_h + bh / 2 + lh * 2 + 12 * s;
	float bottom = area.y + area.h - bh / 2 - lh * 2 - 14 * s;
	for (int b = 0; b < DIAG_BOXES; b++) {
		float y = top + (bottom - top) * (float)grid[b].row / 6.0f;
		dl->box[b] = gui_rect_make(cx[grid[b].col] - bw / 2, y - bh / 2, bw, bh);
	}
	float qx = bw / 4, qy = bh / 4;
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		struct diag_arrow_geo *g = &dl->arrow[i];
		const struct label_spec *ls = &labels[i];
		route_arrow(&routes[i], dl->box, qx, qy, g);
		if (ls->col < 0)
			g->label = path_at(g, ls->v);
		else
			g->label = pt(cx[ls->col] + ls->xoff * bw / 2 + ls->px * s,
				      top + (bottom - top) * ls->v / 6.0f);
		g->label_align = ls->align;
	}

	/* counts: where one host has several sockets in a state */
	for (int h = 0; h < a->snap.nhosts && h < 2; h++)
		for (int st = 0; st < TCPS_COUNT; st++)
			if (a->snap.hosts[h].state_count[st] > dl->count[st])
				dl->count[st] = a->snap.hosts[h].state_count[st];

	/* markers and lit arrows */
	dl->tw_box_timer = -1;
	for (int h = 0; h < 2; h++) {
		dl->extra_arrow[h] = -1;
		dl->host_box[h] = -1;
		if (h >= a->snap.nhosts)
			continue;
		int32_t handle = followed_handle(a, h);
		int64_t rec = last_state_rec(a, h, handle);
		if (rec < 0 && handle >= 0)
			rec = last_state_rec(a, h, -1);
		if (handle < 0)
			rec = last_state_rec(a, h, -1);
		track(a, h, rec);
		const struct gui_anim *an = &a->anim[h];
		const struct snap_sock *fs = gui_followed(a, h);
		int box;
		if (fs)
			box = box_of(fs->state, an->rec >= 0 && fs->state == TCPS_CLOSED ? an->arrow : -1,
				     -1);
		else
			box = an->rec >= 0 ? an->to_box : TCPS_CLOSED;
		/* a closed socket's last arrow says which CLOSED */
		if (!fs && an->rec >= 0 && a->tr->recs[an->rec].u.state.to != TCPS_CLOSED)
			box = TCPS_CLOSED;
		dl->host_box[h] = box;
		double age = a->settled ? 1e9 : a->wall - an->start;
		float travel = an->travel ? (float)(age / 0.6) : 1.0f;
		if (travel > 1)
			travel = 1;
		float lit = age < 0.6 ? 1.0f : (float)(1.0 - (age - 0.6) / 1.6 * 0.45);
		if (lit < 0.55f)
			lit = 0.55f;
		struct diag_arrow_geo *g = NULL;
		if (an->rec >= 0 && an->arrow >= 0 && an->arrow < ARROW_DIAGRAM_COUNT) {
			g = &dl->arrow[an->arrow];
		} else if (an->rec >= 0 && an->arrow >= ARROW_DIAGRAM_COUNT) {
			/* off the figure: a straight dashed arrow, drawn only now */
			dl->extra_arrow[h] = an->arrow;
			g = &dl->extra[h];
			struct gui_rect f = dl->box[an->from_box], t = dl->box[an->to_box];
			float dx = cxr(t) - cxr(f), dy = cyr(t) - cyr(f);
			float len = sqrtf(dx * dx + dy * dy);
			if (len > 1) {
				g->pts[0] = edge_toward(f, 0, 0, dx / len, dy / len);
				g->pts[1] = edge_toward(t, 0, 0, -dx / len, -dy / len);
				g->npts = 2;
				g->label = pt((g->pts[0].x + g->pts[1].x) / 2,
					      (g->pts[0].y + g->pts[1].y) / 2);
				g->label_align = ALIGN_CENTER | ALIGN_MIDDLE;
			}
		}
		if (g && g->npts >= 2 && box == an->to_box)
			g->lit[h] = lit;
		struct gui_point home = marker_home(dl->box, box, h);
		if (g && g->npts >= 2 && travel < 1 && box == an->to_box) {
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
				simtime_t left = tm->expiry - a->t;
				if (left < 0)
					left = 0;
				dl->tw_box_timer = h;
				dl->tw_remaining = left;
				dl->tw_left = span > 0 ? (float)left / (float)span : 0;
			}
		}
	}
}

static void draw_path(struct draw *d, const struct diag_arrow_geo *g, float w, float head,
		      struct gui_color c, int dashed)
{
	for (int i = 0; i + 1 < g->npts; i++) {
		if (dashed)
			draw_dashed(d, g->pts[i], g->pts[i + 1], w, 5 * w, c);
		else
			draw_line(d, g->pts[i], g->pts[i + 1], w, c);
		/* round the elbow */
		if (i > 0)
			draw_rect(d, gui_rect_make(g->pts[i].x - w / 2, g->pts[i].y - w / 2, w, w), c);
	}
	if (g->npts >= 2)
		draw_arrowhead(d, g->pts[g->npts - 2], g->pts[g->npts - 1], head, c);
}

/* An "event / action" label as the classic figure writes it: the event
 * over a rule over the action, each line on a plate so that crossing lines
 * never hide a word. */
static void draw_label(struct gui_app *a, const struct diag_arrow_geo *g, int arrow,
		       struct gui_color c, struct gui_color plate_c)
{
	const struct tcp_arrow_info *info = tcp_arrow(arrow);
	if (!info)
		return;
	float s = a->lay.s;
	float we = draw_text_width(a->d, FONT_SMALL, info->event);
	float wa = draw_text_width(a->d, FONT_SMALL, info->action);
	float w = we > wa ? we : wa;
	float lh = draw_font_height(a->d, FONT_SMALL);
	float rule = 3 * s;
	float h = 2 * lh + rule;
	float x = g->label.x, y = g->label.y;
	if (g->label_align & ALIGN_CENTER)
		x -= w / 2;
	else if (g->label_align & ALIGN_RIGHT)
		x -= w;
	if (g->label_align & ALIGN_MIDDLE)
		y -= h / 2;
	else if (g->label_align & ALIGN_BOTTOM)
		y -= h;
	/* keep labels inside the diagram */
	struct gui_rect ar = a->lay.diag.area;
	if (x + w > ar.x + ar.w - 6 * s)
		x = ar.x + ar.w - 6 * s - w;
	if (x < ar.x + 6 * s)
		x = ar.x + 6 * s;
	float cx = x + w / 2;
	float pe = 3 * s;
	draw_rrect(a->d, gui_rect_make(cx - we / 2 - pe, y, we + 2 * pe, lh), 3 * s, plate_c);
	draw_rrect(a->d, gui_rect_make(cx - wa / 2 - pe, y + lh + rule, wa + 2 * pe, lh), 3 * s,
		   plate_c);
	draw_text(a->d, FONT_SMALL, cx, y, ALIGN_CENTER, c, info->event);
	draw_rect(a->d, gui_rect_make(x, y + lh + rule / 2 - 0.5f * s, w, 1.2f * s), c);
	draw_text(a->d, FONT_SMALL, cx, y + lh + rule, ALIGN_CENTER, c, info->action);
}

static void draw_box(struct gui_app *a, const struct diagram_layout *dl, int b)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	struct gui_rect r = dl->box[b];
	int here[2] = {dl->host_box[0] == b, dl->host_box[1] == b};
	float bw = 3 * s;
	struct gui_color border = th->border;
	draw_rrect(a->d, r, 6 * s, border);
	draw_rrect(a->d, gui_rect_inset(r, 1.5f * s), 5 * s, th->box);
	if (here[0] || here[1]) {
		/* the host's colour: a thick frame and a tint, split in two
		 * when both hosts are in this state */
		if (here[0] && here[1]) {
			struct gui_rect left = r, right = r;
			left.w = r.w / 2;
			right.x += r.w / 2;
			right.w = r.w - left.w;
			draw_rrect(a->d, left, 6 * s, th->host[0]);
			draw_rrect(a->d, right, 6 * s, th->host[1]);
			draw_rect(a->d, gui_rect_make(left.x + left.w - 6 * s, r.y, 6 * s, r.h),
				  th->host[0]);
			draw_rect(a->d, gui_rect_make(right.x, r.y, 6 * s, r.h), th->host[1]);
			struct gui_rect in = gui_rect_inset(r, bw);
			struct gui_rect il = in, ir = in;
			il.w = in.w / 2;
			ir.x = in.x + il.w;
			ir.w = in.w - il.w;
			draw_rect(a->d, il, th->host_tint[0]);
			draw_rect(a->d, ir, th->host_tint[1]);
		} else {
			int h = here[0] ? 0 : 1;
			draw_rrect(a->d, r, 6 * s, th->host[h]);
			draw_rrect(a->d, gui_rect_inset(r, bw), 4 * s, th->host_tint[h]);
		}
	}
	int state = b == BOX_CLOSED_BOTTOM ? TCPS_CLOSED : b;
	char text[64];
	int n = b == BOX_CLOSED_BOTTOM ? 0 : dl->count[state];
	if (n > 1)
		snprintf(text, sizeof text, "%s ×%d", tcps_name(state), n);
	else
		snprintf(text, sizeof text, "%s", tcps_name(state));
	int font = FONT_BOLD;
	if (draw_text_width(a->d, font, text) > r.w - 8 * s)
		font = FONT_SMALL;
	draw_text(a->d, font, cxr(r), cyr(r), ALIGN_CENTER | ALIGN_MIDDLE, th->box_text, text);
}

static void draw_marker(struct gui_app *a, const struct diagram_layout *dl, int h)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	if (dl->host_box[h] < 0)
		return;
	struct gui_point p = dl->marker[h];
	draw_circle(a->d, p, dl->marker_r + 2 * s, th->panel);
	draw_circle(a->d, p, dl->marker_r, th->host[h]);
	char initial[8] = "";
	const char *name = a->snap.hosts[h].name;
	if (name[0]) {
		initial[0] = (char)(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 32 : name[0]);
		initial[1] = '\0';
	}
	draw_text(a->d, FONT_SMALL, p.x, p.y, ALIGN_CENTER | ALIGN_MIDDLE, th->host_ink[h],
		  initial);
}

void view_diagram_draw(struct gui_app *a, const struct diagram_layout *dl)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	gui_panel_frame(a, dl->area, "State diagram · RFC 9293");
	draw_clip(a->d, &dl->area);
	float lw = 1.6f * s, head = 9 * s;
	/* unlit arrows first, lit ones over them */
	for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
		const struct diag_arrow_geo *g = &dl->arrow[i];
		if (g->lit[0] > 0 || g->lit[1] > 0)
			continue;
		draw_path(a->d, g, lw, head, th->arrow, 0);
		draw_label(a, g, i, th->arrow_text, th->panel);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < ARROW_DIAGRAM_COUNT; i++) {
			const struct diag_arrow_geo *g = &dl->arrow[i];
			int h = g->lit[1] > g->lit[0];
			float lit = g->lit[h];
			if (lit <= 0)
				continue;
			struct gui_color c = gui_mix(th->arrow, th->host[h], lit);
			if (pass == 0) {
				draw_path(a->d, g, lw * (1 + 1.5f * lit), head * (1 + 0.3f * lit), c,
					  0);
			} else {
				struct gui_color plate = gui_mix(th->panel, th->host[h], lit);
				struct gui_color ink = lit > 0.7f ? th->host_ink[h] : th->text;
				if (lit <= 0.7f)
					plate = gui_mix(th->panel, th->host_tint[h], 1);
				draw_label(a, g, i, ink, plate);
			}
		}
	}
	for (int h = 0; h < 2; h++) {
		if (dl->extra_arrow[h] < 0 || dl->extra[h].lit[h] <= 0)
			continue;
		const struct diag_arrow_geo *g = &dl->extra[h];
		draw_path(a->d, g, lw * 2, head * 1.2f, th->host[h], 1);
		draw_label(a, g, dl->extra_arrow[h], th->host_ink[h], th->host[h]);
	}
	for (int b = 0; b < DIAG_BOXES; b++)
		draw_box(a, dl, b);
	/* the 2MSL countdown, on the TIME_WAIT box itself */
	if (dl->tw_box_timer >= 0) {
		int h = dl->tw_box_timer;
		struct gui_rect r = dl->box[TCPS_TIME_WAIT];
		struct gui_rect bar = gui_rect_make(r.x + 4 * s, r.y + r.h + 4 * s, r.w - 8 * s, 5 * s);
		draw_rect(a->d, bar, th->panel_alt);
		bar.w *= dl->tw_left;
		draw_rect(a->d, bar, th->host[h]);
		char txt[48], left[32];
		simtime_fmt_short(left, sizeof left, dl->tw_remaining);
		snprintf(txt, sizeof txt, "2MSL %.1f s", (double)dl->tw_remaining / 1e6);
		(void)left;
		float tx = r.x - 2 * dl->marker_r - 6 * s;
		float tw = draw_text_width(a->d, FONT_BOLD, txt);
		draw_rrect(a->d, gui_rect_make(tx - tw - 4 * s, r.y + 2 * s, tw + 8 * s, r.h - 4 * s),
			   4 * s, th->panel);
		draw_text(a->d, FONT_BOLD, tx, r.y + r.h / 2, ALIGN_RIGHT | ALIGN_MIDDLE, th->warn,
			  txt);
	}
	for (int h = 0; h < 2; h++)
		draw_marker(a, dl, h);
	draw_clip(a->d, NULL);
}
