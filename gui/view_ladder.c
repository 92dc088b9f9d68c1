/* view_ladder: the two hosts' timelines side by side, time flowing down.
 * Segments fly across as slanted arrows while in flight (their heads move
 * with simulated time, so a pause freezes them mid-link), stay drawn after,
 * and carry tcpdump-like labels (fmt_seg_label).  Lost segments end in a red
 * cross mid-link; retransmissions are dashed and marked.  Long idle gaps
 * (2MSL...) are folded, with the time they last written in the fold.
 * app.c builds the time-to-y map once per run (view_ladder_build_map). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"

#define FLIGHT_PX 60.0f /* a typical one-way flight, at scale 1 */
#define GAP_MAX 3.2f    /* longer gaps than this many flights are folded */
#define GAP_PX 54.0f    /* a fold's height */
#define MIN_STEP 5.0f   /* distinct times never closer than this */

static int cmp_time(const void *x, const void *y)
{
	simtime_t a = *(const simtime_t *)x, b = *(const simtime_t *)y;
	return a < b ? -1 : a > b;
}

static simtime_t seg_end(const struct trace_seg *s)
{
	return s->lost ? s->sent + (s->arrive - s->sent) / 2 : s->arrive;
}

void view_ladder_build_map(struct gui_app *a)
{
	const struct trace *tr = a->tr;
	free(a->knot_t);
	free(a->knot_y);
	free(a->knot_gap);
	a->knot_t = NULL;
	a->knot_y = NULL;
	a->knot_gap = NULL;
	a->nknots = 0;
	size_t cap = 1 + (size_t)tr->nsegs * 3 + tr->n;
	simtime_t *t = malloc(cap * sizeof *t);
	if (!t)
		return;
	size_t n = 0;
	t[n++] = 0;
	simtime_t *flights = malloc((tr->nsegs ? tr->nsegs : 1) * sizeof *flights);
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *s = &tr->segs[i];
		t[n++] = s->sent;
		t[n++] = s->arrive;
		if (s->lost)
			t[n++] = seg_end(s);
		if (flights)
			flights[i] = s->arrive - s->sent;
	}
	for (uint32_t i = 0; i < tr->n; i++)
		if (tr->recs[i].kind == TR_STATE || tr->recs[i].kind == TR_TIMER_FIRE)
			t[n++] = tr->recs[i].t;
	qsort(t, n, sizeof *t, cmp_time);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || t[i] != t[u - 1])
			t[u++] = t[i];
	/* the typical flight sets the scale: the median one-way time */
	simtime_t flight = 10 * SIMTIME_MS;
	if (flights && tr->nsegs) {
		qsort(flights, tr->nsegs, sizeof *flights, cmp_time);
		flight = flights[tr->nsegs / 2];
	}
	free(flights);
	if (flight < 100)
		flight = 100;
	a->knot_scale = FLIGHT_PX / (float)flight; /* px per microsecond */
	a->knot_t = t;
	a->knot_y = malloc(u * sizeof *a->knot_y);
	a->knot_gap = calloc(u, 1);
	if (!a->knot_y || !a->knot_gap) {
		free(a->knot_y);
		free(a->knot_gap);
		a->knot_y = NULL;
		a->knot_gap = NULL;
		return;
	}
	float y = 0;
	for (size_t i = 0; i < u; i++) {
		if (i > 0) {
			float dy = (float)(t[i] - t[i - 1]) * a->knot_scale;
			if (dy > GAP_MAX * FLIGHT_PX) {
				dy = GAP_PX;
				a->knot_gap[i] = 1;
			}
			if (dy < MIN_STEP)
				dy = MIN_STEP;
			y += dy;
		}
		a->knot_y[i] = y;
	}
	a->nknots = (uint32_t)u;
}

/* Content y (unscaled) of simulated time t. */
static float y_of(const struct gui_app *a, simtime_t t)
{
	if (!a->nknots)
		return 0;
	uint32_t lo = 0, hi = a->nknots;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (a->knot_t[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	uint32_t i = lo - 1;
	if (i + 1 >= a->nknots) {
		float dy = (float)(t - a->knot_t[i]) * a->knot_scale;
		return a->knot_y[i] + (dy > GAP_PX ? GAP_PX : dy);
	}
	float f = (float)(t - a->knot_t[i]) / (float)(a->knot_t[i + 1] - a->knot_t[i]);
	return a->knot_y[i] + (a->knot_y[i + 1] - a->knot_y[i]) * f;
}

/* 1 when segment i belongs to the followed connection (or all are shown). */
static int seg_shown(const struct gui_app *a, const struct trace_seg *s)
{
	if (a->follow[0] < 0 && a->follow[1] < 0)
		return 1;
	for (int h = 0; h < 2; h++) {
		if (a->follow[h] < 0)
			continue;
		const struct snap_sock *k = gui_followed(a, h);
		if (!k)
			continue;
		if ((s->h.src == k->laddr && s->h.sport == k->lport && s->h.dst == k->raddr &&
		     s->h.dport == k->rport) ||
		    (s->h.dst == k->laddr && s->h.dport == k->lport && s->h.src == k->raddr &&
		     s->h.sport == k->rport))
			return 1;
		return 0;
	}
	return 1;
}

static int lane_from(const struct trace_seg *s)
{
	if (s->from < 2)
		return s->from;
	return s->to < 2 ? !s->to : 0;
}

static void place_labels(struct gui_app *a, struct ladder_layout *ll);

void view_ladder_layout(struct gui_app *a, struct ladder_layout *ll, struct gui_rect area)
{
	float s = a->lay.s;
	ll->area = area;
	float head = draw_font_height(a->d, FONT_BOLD) + 22 * s;
	ll->body = gui_rect_make(area.x + 2, area.y + head, area.w - 4, area.h - head - 4);
	float margin = draw_text_width(a->d, FONT_SMALL, "ESTABLISHED") / 2 + 14 * s;
	ll->x[0] = area.x + margin;
	ll->x[1] = area.x + area.w - margin;
	float top_pad = 14 * s;
	float now = y_of(a, a->t) * s;
	float scroll = now + top_pad - ll->body.h * 0.80f;
	ll->scroll = scroll > 0 ? scroll : 0;
	float base = ll->body.y + top_pad - ll->scroll;
	ll->y_now = base + now;
	float lh = draw_font_height(a->d, FONT_SMALL);
	ll->nsegs = 0;
	ll->nmarks = 0;
	ll->ngaps = 0;
	const struct trace *tr = a->tr;
	float vis_top = ll->body.y - 40 * s, vis_bot = ll->body.y + ll->body.h + 40 * s;
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *sg = &tr->segs[i];
		if (sg->sent > a->t)
			break; /* segments are in send order */
		if (!seg_shown(a, sg))
			continue;
		float y0 = base + y_of(a, sg->sent) * s;
		float y1 = base + y_of(a, sg->arrive) * s;
		simtime_t end_t = seg_end(sg);
		float ye = base + y_of(a, end_t) * s;
		if (ye < vis_top && y1 < vis_top)
			continue;
		if (y0 > vis_bot)
			continue;
		if (ll->nsegs == ll->capsegs) {
			int nc = ll->capsegs ? ll->capsegs * 2 : 256;
			struct ladder_seg *p = realloc(ll->segs, (size_t)nc * sizeof *p);
			if (!p)
				break;
			ll->segs = p;
			ll->capsegs = nc;
		}
		struct ladder_seg *L = &ll->segs[ll->nsegs++];
		memset(L, 0, sizeof *L);
		int from = lane_from(sg);
		L->seg = i;
		L->from = from;
		L->lost = sg->lost != 0;
		L->retx = sg->retx;
		float xa = ll->x[from], xb = ll->x[!from];
		L->a.x = xa;
		L->a.y = y0;
		float xe = L->lost ? (xa + xb) / 2 : xb;
		float f = 1;
		if (a->t < end_t) {
			f = ye > y0 ? (ll->y_now - y0) / (ye - y0)
			            : (float)(a->t - sg->sent) / (float)(end_t - sg->sent);
			f = f < 0 ? 0 : f > 1 ? 1 : f;
		}
		L->done = a->t >= end_t;
		L->b.x = xa + (xe - xa) * f;
		L->b.y = y0 + (ye - y0) * f;
		L->cross.x = xe;
		L->cross.y = ye;
		/* the label sits over the middle of the full flight */
		L->label.x = (xa + xb) / 2;
		L->label.y = (y0 + y1) / 2 - lh * 0.5f - 3 * s;
		if (L->lost)
			L->label.y = y0 + (ye - y0) * 0.5f - lh - 4 * s;
	}
	/* state names on the timelines */
	for (uint32_t j = 0;
	     j < a->nstate_recs && ll->nmarks < (int)(sizeof ll->marks / sizeof ll->marks[0]);
	     j++) {
		const struct trace_rec *r = &tr->recs[a->state_recs[j]];
		if ((int64_t)a->state_recs[j] > a->k)
			break;
		if (r->host > 1)
			continue;
		if (a->follow[r->host] >= 0 && r->sock != a->follow[r->host])
			continue;
		float y = base + y_of(a, r->t) * s;
		if (y < vis_top || y > vis_bot)
			continue;
		struct ladder_mark *m = &ll->marks[ll->nmarks++];
		m->at.x = ll->x[r->host];
		m->at.y = y;
		m->host = r->host;
		m->state = r->u.state.to;
		float w = draw_text_width(a->d, FONT_SMALL, tcps_name(m->state)) + 12 * s;
		float h = lh + 2 * s;
		m->r = gui_rect_make(m->at.x - w / 2, m->at.y - h / 2, w, h);
	}
	place_labels(a, ll);
	/* folds */
	for (uint32_t j = 1; j < a->nknots && ll->ngaps < 32; j++) {
		if (!a->knot_gap[j] || a->knot_t[j] > a->t)
			continue;
		float y = base + (a->knot_y[j - 1] + a->knot_y[j]) / 2 * s;
		if (y < vis_top || y > vis_bot)
			continue;
		ll->gaps[ll->ngaps].y = y;
		char d[24];
		simtime_fmt_short(d, sizeof d, a->knot_t[j] - a->knot_t[j - 1]);
		snprintf(ll->gaps[ll->ngaps].text, sizeof ll->gaps[ll->ngaps].text, "%s later", d);
		ll->ngaps++;
	}
}

static int overlap(struct gui_rect a, struct gui_rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* text shortened to fit width: first without its options (<mss 1460>),
 * then word by word with an ellipsis. */
static void fit_text(struct gui_app *a, char *text, size_t size, float width)
{
	if (draw_text_width(a->d, FONT_SMALL, text) <= width)
		return;
	char *opt = strstr(text, " <");
	if (opt) {
		*opt = '\0';
		if (draw_text_width(a->d, FONT_SMALL, text) <= width)
			return;
	}
	size_t n = strlen(text);
	while (n > 0) {
		char *sp = strrchr(text, ' ');
		if (!sp)
			break;
		*sp = '\0';
		n = (size_t)(sp - text);
		char t[160];
		snprintf(t, sizeof t, "%s …", text);
		if (draw_text_width(a->d, FONT_SMALL, t) <= width) {
			snprintf(text, size, "%s", t);
			return;
		}
	}
	text[0] = '\0';
}

/* Labels: newest first (the one the teacher is talking about always
 * gets its own), each between the timelines, inside the body, clear of the
 * state tags and of the labels placed before it; moved a little along its
 * arrow if it must, else left out. */
static void place_labels(struct gui_app *a, struct ladder_layout *ll)
{
	float s = a->lay.s;
	float lh = draw_font_height(a->d, FONT_SMALL);
	float pad = 3 * s;
	struct gui_rect *done = malloc((size_t)(ll->nsegs ? ll->nsegs : 1) * sizeof *done);
	int ndone = 0;
	if (!done)
		return;
	float lo = ll->body.y + 2 * s, hi = ll->body.y + ll->body.h - 2 * s;
	for (int i = ll->nsegs - 1; i >= 0; i--) {
		struct ladder_seg *L = &ll->segs[i];
		char label[140];
		fmt_seg_label(a->fmt, L->seg, label, sizeof label);
		snprintf(L->text, sizeof L->text, "%s%s", L->retx ? "↻ " : "", label);
		/* the widest: from timeline to timeline; narrower where a
		 * tag sits at the same height */
		float x0 = ll->x[0] + 6 * s, x1 = ll->x[1] - 6 * s;
		static const float shift[] = {0, -0.6f, 0.6f, -1.2f, 1.2f};
		int placed = 0;
		for (size_t k = 0; k < sizeof shift / sizeof shift[0] && !placed; k++) {
			float y = L->label.y + shift[k] * lh;
			if (y < lo || y + lh > hi)
				continue;
			float l = x0, r = x1;
			for (int m = 0; m < ll->nmarks; m++) {
				struct gui_rect t = ll->marks[m].r;
				if (t.y < y + lh && y < t.y + t.h) {
					if (ll->marks[m].host == 0 && t.x + t.w + 4 * s > l)
						l = t.x + t.w + 4 * s;
					if (ll->marks[m].host == 1 && t.x - 4 * s < r)
						r = t.x - 4 * s;
				}
			}
			char text[160];
			snprintf(text, sizeof text, "%s", L->text);
			fit_text(a, text, sizeof text, r - l - 2 * pad);
			if (!text[0])
				continue;
			float w = draw_text_width(a->d, FONT_SMALL, text) + 2 * pad;
			float cx = (l + r) / 2;
			struct gui_rect rr = gui_rect_make(cx - w / 2, y, w, lh);
			int clash = 0;
			for (int j = 0; j < ndone && !clash; j++)
				clash = overlap(rr, done[j]);
			if (clash)
				continue;
			snprintf(L->text, sizeof L->text, "%s", text);
			L->label_r = rr;
			L->show_label = 1;
			done[ndone++] = rr;
			placed = 1;
		}
	}
	free(done);
}

static void draw_cross(struct draw *d, struct gui_point p, float r, float w, struct gui_color c)
{
	struct gui_point a = {p.x - r, p.y - r}, b = {p.x + r, p.y + r};
	struct gui_point e = {p.x - r, p.y + r}, f = {p.x + r, p.y - r};
	draw_line(d, a, b, w, c);
	draw_line(d, e, f, w, c);
}

void view_ladder_draw(struct gui_app *a, const struct ladder_layout *ll)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	struct gui_rect area = ll->area;
	gui_panel_frame(a, area, NULL);
	/* the header: who is who */
	for (int h = 0; h < 2 && h < a->snap.nhosts; h++) {
		char name[64], ip[16];
		snprintf(name, sizeof name, "%s %s", a->snap.hosts[h].name,
		         ip_fmt(ip, a->snap.hosts[h].addr));
		float w = draw_text_width(a->d, FONT_BOLD, name) + 16 * s;
		float x = ll->x[h] - w / 2;
		if (x < area.x + 6 * s)
			x = area.x + 6 * s;
		if (x + w > area.x + area.w - 6 * s)
			x = area.x + area.w - 6 * s - w;
		struct gui_rect r =
		    gui_rect_make(x, area.y + 8 * s, w, draw_font_height(a->d, FONT_BOLD) + 6 * s);
		draw_rrect(a->d, r, r.h / 2, th->host[h]);
		draw_text(a->d, FONT_BOLD, r.x + r.w / 2, r.y + r.h / 2,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->host_ink[h], name);
	}
	draw_clip(a->d, &ll->body);
	struct gui_rect b = ll->body;
	for (int h = 0; h < 2; h++) {
		float top = b.y, bot = ll->y_now;
		if (bot > b.y + b.h)
			bot = b.y + b.h;
		draw_rect(a->d, gui_rect_make(ll->x[h] - 1.5f * s, top, 3 * s, bot - top),
		          th->host[h]);
		/* the future: a faint continuation */
		draw_rect(a->d, gui_rect_make(ll->x[h] - 0.5f * s, bot, 1 * s, b.y + b.h - bot),
		          th->border);
	}
	for (int i = 0; i < ll->ngaps; i++) {
		float y = ll->gaps[i].y;
		for (int h = 0; h < 2; h++) {
			struct gui_rect r =
			    gui_rect_make(ll->x[h] - 8 * s, y - 7 * s, 16 * s, 14 * s);
			draw_rect(a->d, r, th->panel);
			struct gui_point p0 = {r.x, y - 2 * s}, p1 = {r.x + r.w, y - 6 * s};
			struct gui_point q0 = {r.x, y + 6 * s}, q1 = {r.x + r.w, y + 2 * s};
			draw_line(a->d, p0, p1, 2 * s, th->text_dim);
			draw_line(a->d, q0, q1, 2 * s, th->text_dim);
		}
		draw_text(a->d, FONT_SMALL, (ll->x[0] + ll->x[1]) / 2, y,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->text_dim, ll->gaps[i].text);
	}
	float lw = 2.2f * s;
	for (int i = 0; i < ll->nsegs; i++) {
		const struct ladder_seg *L = &ll->segs[i];
		struct gui_color c = th->host[L->from];
		if (L->retx)
			draw_dashed(a->d, L->a, L->b, lw, 7 * s, c);
		else
			draw_line(a->d, L->a, L->b, lw, c);
		if (!L->lost || !L->done)
			draw_arrowhead(a->d, L->a, L->b, 10 * s, c);
		if (L->lost && L->done)
			draw_cross(a->d, L->cross, 8 * s, 3.5f * s, th->lost);
	}
	for (int i = 0; i < ll->nsegs; i++) {
		const struct ladder_seg *L = &ll->segs[i];
		if (!L->show_label)
			continue;
		struct gui_color pc = th->panel;
		pc.a = 230;
		draw_rrect(a->d, L->label_r, 3 * s, pc);
		struct gui_color ink = L->lost ? th->lost : th->text;
		draw_text(a->d, FONT_SMALL, L->label_r.x + L->label_r.w / 2, L->label_r.y,
		          ALIGN_CENTER, ink, L->text);
	}
	for (int i = 0; i < ll->nmarks; i++) {
		const struct ladder_mark *m = &ll->marks[i];
		const char *name = tcps_name(m->state);
		struct gui_rect r = m->r;
		float h = r.h;
		draw_rrect(a->d, r, h / 2, th->host[m->host]);
		draw_rrect(a->d, gui_rect_inset(r, 1.5f * s), h / 2, th->host_tint[m->host]);
		draw_text(a->d, FONT_SMALL, m->at.x, m->at.y, ALIGN_CENTER | ALIGN_MIDDLE, th->text,
		          name);
	}
	/* the present */
	struct gui_point p0 = {b.x, ll->y_now}, p1 = {b.x + b.w, ll->y_now};
	draw_dashed(a->d, p0, p1, 1.5f * s, 5 * s, th->accent);
	draw_clip(a->d, NULL);
}
