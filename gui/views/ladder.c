/* ladder: the two hosts' timelines side by side, time flowing down (see
 * view.h).  Called by app/app.c each frame; the time-to-y map is built
 * once per run, in the view's own state.
 *
 * Segments fly across as slanted arrows while in flight (their heads move
 * with simulated time, so a pause freezes them mid-link), stay drawn after,
 * and carry tcpdump-like labels (fmt_seg_label).  Lost segments end in a
 * red cross mid-link; retransmissions are dashed and marked.  A router
 * hop's ICMP "fragmentation needed" is a thin grey dotted arrow from the
 * red cross of the segment it reports back to that segment's sender,
 * labelled "ICMP need to frag (mtu N)".  Long idle
 * gaps (2MSL...) are folded, with the time they last written in the fold. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define FLIGHT_PX 60.0f /* a typical one-way flight, at scale 1 */
#define GAP_MAX 3.2f    /* longer gaps than this many flights are folded */
#define GAP_PX 54.0f    /* a fold's height */
#define NO_MARK -1e30f  /* a fold without a break mark on a timeline */
#define CROSS_R 8.0f    /* the red cross: half its size */
#define CROSS_W 3.5f    /* and its strokes' width */
#define MIN_STEP 5.0f   /* distinct times never closer than this */

static int cmp_time(const void *x, const void *y)
{
	simtime_t a = *(const simtime_t *)x, b = *(const simtime_t *)y;
	return a < b ? -1 : a > b;
}

/* The knots one run adds to t (at n): when its segments leave, arrive or
 * are lost, and when its states change, its timers fire and its ICMPs
 * come; its flights into flights (may be NULL).  Returns the new n. */
static size_t run_knots(const struct trace *tr, simtime_t *t, size_t n, simtime_t *flights,
                        int *has_icmp)
{
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *s = &tr->segs[i];
		t[n++] = s->sent;
		t[n++] = s->arrive;
		if (s->lost)
			t[n++] = trace_seg_end(s);
		if (flights)
			flights[i] = s->arrive - s->sent;
	}
	for (uint32_t i = 0; i < tr->n; i++) {
		const struct trace_rec *r = &tr->recs[i];
		int icmp = r->kind == TR_INFO && r->sub == INFO_ICMP_FRAG_NEEDED;
		*has_icmp |= icmp;
		if (r->kind == TR_STATE || r->kind == TR_TIMER_FIRE || icmp)
			t[n++] = r->t;
	}
	return n;
}

/* The time-to-y map of a run: a knot at every time something starts,
 * arrives or changes state, in it or in the run also (compare mode: the
 * two ladders' maps are then the same, a common time axis). */
static void build_map(struct ladder_state *st, const struct trace *tr, const struct trace *also)
{
	free(st->knot_t);
	free(st->knot_y);
	free(st->knot_gap);
	st->knot_t = NULL;
	st->knot_y = NULL;
	st->knot_gap = NULL;
	st->nknots = 0;
	uint32_t also_segs = also ? also->nsegs : 0;
	size_t cap =
	    1 + (size_t)tr->nsegs * 3 + tr->n + (also ? (size_t)also_segs * 3 + also->n : 0);
	simtime_t *t = malloc(cap * sizeof *t);
	if (!t)
		return;
	size_t n = 0;
	t[n++] = 0;
	uint32_t nflights = tr->nsegs + also_segs;
	simtime_t *flights = malloc((nflights ? nflights : 1) * sizeof *flights);
	int icmp_also = 0;
	st->has_icmp = 0;
	n = run_knots(tr, t, n, flights, &st->has_icmp);
	if (also)
		n = run_knots(also, t, n, flights ? flights + tr->nsegs : NULL, &icmp_also);
	qsort(t, n, sizeof *t, cmp_time);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (u == 0 || t[i] != t[u - 1])
			t[u++] = t[i];
	/* the typical flight sets the scale: the median one-way time */
	simtime_t flight = 10 * SIMTIME_MS;
	if (flights && nflights) {
		qsort(flights, nflights, sizeof *flights, cmp_time);
		flight = flights[nflights / 2];
	}
	free(flights);
	if (flight < 100)
		flight = 100;
	st->knot_scale = FLIGHT_PX / (float)flight; /* px per microsecond */
	free(st->long_segs);
	st->long_segs = NULL;
	st->nlong = 0;
	st->long_flight = 64 * flight;
	st->map_nsegs = tr->nsegs;
	for (uint32_t i = 0; i < tr->nsegs; i++)
		if (tr->segs[i].arrive - tr->segs[i].sent > st->long_flight) {
			uint32_t *p = realloc(st->long_segs, (st->nlong + 1) * sizeof *p);
			if (!p) {
				st->map_nsegs = UINT32_MAX; /* incomplete: scan them all */
				break;
			}
			st->long_segs = p;
			st->long_segs[st->nlong++] = i;
		}
	st->knot_t = t;
	st->knot_y = malloc(u * sizeof *st->knot_y);
	st->knot_gap = calloc(u, 1);
	if (!st->knot_y || !st->knot_gap) {
		free(st->knot_y);
		free(st->knot_gap);
		st->knot_y = NULL;
		st->knot_gap = NULL;
		return;
	}
	float y = 0;
	for (size_t i = 0; i < u; i++) {
		if (i > 0) {
			float dy = (float)(t[i] - t[i - 1]) * st->knot_scale;
			if (dy > GAP_MAX * FLIGHT_PX) {
				dy = GAP_PX;
				st->knot_gap[i] = 1;
			}
			if (dy < MIN_STEP)
				dy = MIN_STEP;
			y += dy;
		}
		st->knot_y[i] = y;
	}
	st->nknots = (uint32_t)u;
}

/* Content y (unscaled) of simulated time t. */
static float y_of(const struct ladder_state *st, simtime_t t)
{
	if (!st->nknots)
		return 0;
	uint32_t lo = 0, hi = st->nknots;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (st->knot_t[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	uint32_t i = lo - 1;
	if (i + 1 >= st->nknots) {
		float dy = (float)(t - st->knot_t[i]) * st->knot_scale;
		return st->knot_y[i] + (dy > GAP_PX ? GAP_PX : dy);
	}
	float f = (float)(t - st->knot_t[i]) / (float)(st->knot_t[i + 1] - st->knot_t[i]);
	return st->knot_y[i] + (st->knot_y[i + 1] - st->knot_y[i]) * f;
}

/* The earliest time whose content y is at least cy (unscaled): the time of
 * the last knot at or above it, so never later than the true one. */
static simtime_t t_at_or_before(const struct ladder_state *st, float cy)
{
	uint32_t lo = 0, hi = st->nknots;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (st->knot_y[mid] <= cy)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? st->knot_t[lo - 1] : 0;
}

/* The first segment that may reach below time top: segments are in send
 * order, and only those of long_segs fly longer than long_flight. */
static uint32_t first_seg_from(const struct ladder_state *st, const struct trace *tr, simtime_t top)
{
	simtime_t from = top > st->long_flight ? top - st->long_flight : 0;
	uint32_t lo = 0, hi = tr->nsegs;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (tr->segs[mid].sent < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* 1 when segment i belongs to the followed connection (or all are shown). */
static int seg_shown(const struct view_frame *f, const struct trace_seg *s)
{
	if (f->follow[0] < 0 && f->follow[1] < 0)
		return 1;
	for (int h = 0; h < 2; h++) {
		if (f->follow[h] < 0)
			continue;
		const struct snap_sock *k = view_followed(f->snap, f->follow, h);
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

static void place_labels(const struct view_frame *f, struct ladder_layout *ll);
static void paint(const struct view_frame *f, struct ladder_layout *ll);

/* A duration in three figures: 990ms, 3.51s, 60.0s, 120s. */
static void short_secs(char *buf, size_t size, simtime_t us)
{
	double v = (double)us / 1e6;
	if (us < SIMTIME_S)
		snprintf(buf, size, "%.0fms", (double)us / 1e3);
	else if (v < 10)
		snprintf(buf, size, "%.2fs", v);
	else if (v < 100)
		snprintf(buf, size, "%.1fs", v);
	else
		snprintf(buf, size, "%.0fs", v);
}

/* Fold gap's break marks, one a timeline, in the middle of the fold (span
 * px tall), moved down or up within it off a state tag that sits there;
 * none on a timeline where tags fill the fold (its words still say how
 * long it lasted). */
static void fold_marks(const struct view_frame *f, struct ladder_layout *ll, int gap, float span)
{
	float s = f->reg->s, y = ll->gaps[gap].y, half = 7 * s;
	for (int h = 0; h < 2; h++) {
		/* the middle, or just under or over a tag: the nearest free */
		float best = NO_MARK;
		for (int c = -1; c < 2 * ll->nmarks; c++) {
			float my = y;
			if (c >= 0) {
				const struct ladder_mark *m = &ll->marks[c / 2];
				if (m->host != h)
					continue;
				my = c % 2 ? m->r.y - 1 * s - half : m->r.y + m->r.h + 1 * s + half;
			}
			if (my - half < y - span / 2 || my + half > y + span / 2)
				continue;
			int clash = 0;
			for (int m = 0; m < ll->nmarks && !clash; m++) {
				struct gui_rect t = ll->marks[m].r;
				clash = ll->marks[m].host == h && my + half > t.y &&
				        my - half < t.y + t.h;
			}
			if (!clash && (best == NO_MARK || fabsf(my - y) < fabsf(best - y)))
				best = my;
		}
		ll->gaps[gap].mark_y[h] = best;
	}
}

/* Fold gap's words: how long the folded stretch lasted, between the two
 * timelines' break marks (never over them), clear of the state tags and
 * the red crosses; shorter forms where the timelines stand close
 * ("3510ms later", "3.51s later", "+3.51s", "3.51s"), a little up or down
 * inside the fold (span px tall) when something sits at its middle; none
 * when nothing fits (noted as left out). */
static void fold_words(const struct view_frame *f, struct ladder_layout *ll, int gap, simtime_t dur,
                       float span)
{
	float s = f->reg->s, lh = draw_font_height(f->d, FONT_SMALL);
	float y = ll->gaps[gap].y;
	char d[24], c[20], forms[4][32];
	simtime_fmt_short(d, sizeof d, dur);
	short_secs(c, sizeof c, dur);
	/* a stretch not of whole milliseconds is read rounded: "997ms
	 * later", not "0.996997s later" (lesson 30b's fold) */
	if (dur % SIMTIME_MS != 0 && dur >= SIMTIME_MS)
		snprintf(d, sizeof d, "%s", c);
	snprintf(forms[0], sizeof forms[0], "%s later", d);
	snprintf(forms[1], sizeof forms[1], "%s later", c);
	snprintf(forms[2], sizeof forms[2], "+%s", c);
	snprintf(forms[3], sizeof forms[3], "%s", c);
	/* between where the break marks go (8 px each side of a timeline),
	 * drawn or not */
	float l = ll->x[0] + 8 * s + 3 * s, r = ll->x[1] - 8 * s - 3 * s;
	float cross_r = (CROSS_R + CROSS_W) * s;
	float room = span / 2 - lh / 2 - 1 * s;
	const float shift[] = {0, -0.6f, 0.6f, -1.2f, 1.2f};
	ll->gaps[gap].text[0] = '\0';
	for (int k = 0; k < 4; k++) {
		float gw = draw_text_width(f->d, FONT_SMALL, forms[k]);
		if (gw > r - l)
			continue;
		for (size_t q = 0; q < sizeof shift / sizeof shift[0]; q++) {
			float dy = shift[q] * lh;
			if (dy > room || -dy > room)
				continue;
			struct gui_rect gr =
			    gui_rect_make((l + r) / 2 - gw / 2, y + dy - lh / 2, gw, lh);
			int clash = !gui_rect_inside(gr, ll->body);
			for (int m = 0; m < ll->nmarks && !clash; m++)
				clash = gui_rect_overlap(gr, ll->marks[m].r);
			for (int i = 0; i < ll->nsegs && !clash; i++) {
				const struct ladder_seg *L = &ll->segs[i];
				if (L->lost && L->done)
					clash = gui_rect_overlap(
					    gr, gui_rect_make(L->cross.x - cross_r,
					                      L->cross.y - cross_r, 2 * cross_r,
					                      2 * cross_r));
			}
			for (int g = 0; g < gap && !clash; g++)
				clash = ll->gaps[g].text[0] && gui_rect_overlap(gr, ll->gaps[g].r);
			if (clash)
				continue;
			memcpy(ll->gaps[gap].text, forms[k], sizeof ll->gaps[gap].text);
			ll->gaps[gap].r = gr;
			return;
		}
	}
	view_left_out(&ll->out, "a fold's words", "no room between its marks");
}

/* One more arrow of the frame, zeroed; NULL when memory runs out. */
static struct ladder_seg *new_seg(struct ladder_layout *ll)
{
	if (ll->nsegs == ll->capsegs) {
		int nc = ll->capsegs ? ll->capsegs * 2 : 256;
		struct ladder_seg *p = realloc(ll->segs, (size_t)nc * sizeof *p);
		if (!p)
			return NULL;
		ll->segs = p;
		ll->capsegs = nc;
	}
	struct ladder_seg *L = &ll->segs[ll->nsegs++];
	memset(L, 0, sizeof *L);
	return L;
}

void view_ladder_layout(struct ladder_state *st, const struct view_frame *f, struct gui_rect area,
                        struct ladder_layout *ll)
{
	if (st->run != f->run || st->also != f->axis_also ||
	    (f->axis_also && st->also_n != f->axis_also->n)) {
		build_map(st, f->tr, f->axis_also);
		st->run = f->run;
		st->also = f->axis_also;
		st->also_n = f->axis_also ? f->axis_also->n : 0;
	}
	float s = f->reg->s;
	ll->area = area;
	view_out_begin(&ll->out, f->ladder_name ? f->ladder_name : "ladder", area);
	ll->nsegs = ll->nmarks = ll->ngaps = 0;
	if (f->reg->too_small)
		return;
	if (f->reg->no_ladder) {
		view_left_out(&ll->out, "the ladder", "no room for its column");
		return;
	}
	float head = draw_font_height(f->d, FONT_BOLD) + 22 * s;
	ll->body = gui_rect_make(area.x + 2, area.y + head, area.w - 4, area.h - head - 4);
	float margin = draw_text_width(f->d, FONT_SMALL, "ESTABLISHED") / 2 + 14 * s;
	ll->x[0] = area.x + margin;
	ll->x[1] = area.x + area.w - margin;
	float top_pad = 14 * s;
	float now = y_of(st, f->t) * s;
	float scroll = now + top_pad - ll->body.h * 0.80f;
	ll->scroll = scroll > 0 ? scroll : 0;
	float base = ll->body.y + top_pad - ll->scroll;
	ll->y_now = base + now;
	ll->mark_y = f->mark_t >= 0 ? base + y_of(st, f->mark_t) * s : -1e30f;
	float lh = draw_font_height(f->d, FONT_SMALL);
	ll->nsegs = 0;
	ll->nmarks = 0;
	ll->ngaps = 0;
	const struct trace *tr = f->tr;
	float vis_top = ll->body.y - 40 * s, vis_bot = ll->body.y + ll->body.h + 40 * s;
	/* from the first segment that can reach the view; before it, only
	 * the long flights (map built with the whole trace; a growing one
	 * is scanned whole) */
	uint32_t start = 0, nl = 0;
	if (st->nknots && st->map_nsegs == tr->nsegs) {
		start = first_seg_from(st, tr, t_at_or_before(st, (vis_top - base) / s));
		while (nl < st->nlong && st->long_segs[nl] < start)
			nl++;
	}
	for (uint32_t k = 0, i; k < nl + (tr->nsegs - start); k++) {
		i = k < nl ? st->long_segs[k] : start + (k - nl);
		const struct trace_seg *sg = &tr->segs[i];
		if (sg->sent > f->t)
			break; /* segments are in send order */
		if (!seg_shown(f, sg))
			continue;
		/* quiz mode: sent at the present's instant, after its record */
		if (f->quiz && !view_seg_rec_done(f, i, TR_SEG_SEND, sg->sent))
			continue;
		float y0 = base + y_of(st, sg->sent) * s;
		float y1 = base + y_of(st, sg->arrive) * s;
		simtime_t end_t = trace_seg_end(sg);
		float ye = base + y_of(st, end_t) * s;
		if (ye < vis_top && y1 < vis_top)
			continue;
		if (y0 > vis_bot)
			continue;
		struct ladder_seg *L = new_seg(ll);
		if (!L)
			break;
		int from = lane_from(sg);
		L->seg = i;
		L->from = from;
		L->lost = sg->lost != 0;
		L->retx = sg->retx;
		float xa = ll->x[from], xb = ll->x[!from];
		L->a.x = xa;
		L->a.y = y0;
		float xe = L->lost ? (xa + xb) / 2 : xb;
		float fl = 1;
		if (f->t < end_t) {
			fl = ye > y0 ? (ll->y_now - y0) / (ye - y0)
			             : (float)(f->t - sg->sent) / (float)(end_t - sg->sent);
			fl = fl < 0 ? 0 : fl > 1 ? 1 : fl;
		}
		L->done = f->t >= end_t;
		/* quiz mode: arriving at the present's instant, after its record */
		if (f->quiz && L->done && !L->lost &&
		    !view_seg_rec_done(f, i, TR_SEG_ARRIVE, sg->arrive))
			L->done = 0;
		L->b.x = xa + (xe - xa) * fl;
		L->b.y = y0 + (ye - y0) * fl;
		L->cross.x = xe;
		L->cross.y = ye;
		/* the label sits over the middle of the full flight */
		L->label.x = (xa + xb) / 2;
		L->label.y = (y0 + y1) / 2 - lh * 0.5f - 3 * s;
		/* quiz mode: a lost segment in flight looks like any other
		 * until its cross shows */
		if (f->quiz && L->lost && !L->done)
			L->lost = 0;
		if (L->lost)
			L->label.y = y0 + (ye - y0) * 0.5f - lh - 4 * s;
		/* sent far above the view and arriving in it (a delay line held
		 * it): drawn true, it would run along the receiver's timeline,
		 * so it comes in from the top at two flights' slant, broken
		 * there, its label over what shows */
		if (!L->lost && sg->arrive - sg->sent > st->long_flight && y0 < ll->body.y &&
		    ye - y0 > ll->body.h && ye < ll->body.y + ll->body.h) {
			float ya = ye - 2 * FLIGHT_PX * s;
			if (ya < ll->body.y + 6 * s)
				ya = ll->body.y + 6 * s;
			if (ya < ye - 4 * s) {
				L->broken = 1;
				L->a.y = ya;
				float g = L->done ? 1 : (ll->y_now - ya) / (ye - ya);
				g = g < 0 ? 0 : g > 1 ? 1 : g;
				L->b.x = xa + (xe - xa) * g;
				L->b.y = ya + (ye - ya) * g;
				L->label.y = (ya + ye) / 2 - lh * 0.5f - 3 * s;
			}
		}
	}
	/* the router's ICMPs, each from its lost segment's cross back to the
	 * sender, in flight from the loss until it arrives */
	for (uint32_t k = 0; st->has_icmp && k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->kind != TR_INFO || r->sub != INFO_ICMP_FRAG_NEEDED || r->seg < 0 ||
		    (uint32_t)r->seg >= tr->nsegs)
			continue;
		const struct trace_seg *sg = &tr->segs[r->seg];
		simtime_t t0 = trace_seg_end(sg);
		if (t0 > f->t || !seg_shown(f, sg))
			continue; /* the segment is not lost yet */
		float y0 = base + y_of(st, t0) * s, y1 = base + y_of(st, r->t) * s;
		if (y1 < vis_top || y0 > vis_bot)
			continue;
		struct ladder_seg *L = new_seg(ll);
		if (!L)
			break;
		int from = lane_from(sg);
		L->seg = (uint32_t)r->seg;
		L->from = from;
		L->icmp = 1;
		L->mtu = r->host < f->scn->nhosts ? f->scn->link[r->host].router_mtu : 0;
		L->a.x = (ll->x[0] + ll->x[1]) / 2;
		L->a.y = y0;
		/* on its way back until its record is done */
		L->done = (int64_t)k <= f->k;
		float fl = 1;
		if (!L->done)
			fl = y1 > y0 ? (ll->y_now - y0) / (y1 - y0)
			             : (float)(f->t - t0) / (float)(r->t > t0 ? r->t - t0 : 1);
		fl = fl < 0 ? 0 : fl > 1 ? 1 : fl;
		L->b.x = L->a.x + (ll->x[from] - L->a.x) * fl;
		L->b.y = y0 + (y1 - y0) * fl;
		L->cross = L->b;
		L->label.x = (L->a.x + L->b.x) / 2;
		L->label.y = (y0 + y1) / 2 - lh * 0.5f - 3 * s;
	}
	/* state names on the timelines */
	for (uint32_t j = 0;
	     j < f->nstate_recs && ll->nmarks < (int)(sizeof ll->marks / sizeof ll->marks[0]);
	     j++) {
		const struct trace_rec *r = &tr->recs[f->state_recs[j]];
		if ((int64_t)f->state_recs[j] > f->k)
			break;
		if (r->host > 1)
			continue;
		if (f->follow[r->host] >= 0 && r->sock != f->follow[r->host])
			continue;
		float y = base + y_of(st, r->t) * s;
		if (y < vis_top || y > vis_bot)
			continue;
		struct ladder_mark *m = &ll->marks[ll->nmarks++];
		m->at.x = ll->x[r->host];
		m->at.y = y;
		m->host = r->host;
		m->state = r->u.state.to;
		float w = draw_text_width(f->d, FONT_SMALL, tcps_name(m->state)) + 12 * s;
		float h = lh + 2 * s;
		/* just under the moment it changes, so that the arrowhead that
		 * caused it stays in sight above the tag */
		m->r = gui_rect_make(m->at.x - w / 2, m->at.y + 3 * s, w, h);
		if (m->r.y + m->r.h > ll->y_now - 1 * s)
			m->r.y = m->at.y - 3 * s - h; /* not past the present: above it */
		m->at.y = m->r.y + h / 2;
		/* two changes close together on one timeline: the later tag
		 * goes under the earlier one */
		for (int moved = 1, tries = 0; moved && tries < 16; tries++) {
			moved = 0;
			for (int q = ll->nmarks - 2; q >= 0; q--) {
				const struct ladder_mark *pm = &ll->marks[q];
				if (gui_rect_overlap(pm->r, m->r)) {
					m->r.y = pm->r.y + pm->r.h + 1 * s;
					m->at.y = m->r.y + h / 2;
					moved = 1;
				}
			}
		}
		if (!gui_rect_inside(m->r, ll->body))
			ll->nmarks--; /* scrolled half out: the body's clip would cut it */
	}
	/* folds */
	for (uint32_t j = 1; j < st->nknots && ll->ngaps < 32; j++) {
		if (!st->knot_gap[j] || st->knot_t[j] > f->t)
			continue;
		float y = base + (st->knot_y[j - 1] + st->knot_y[j]) / 2 * s;
		if (y < vis_top || y > vis_bot)
			continue;
		ll->gaps[ll->ngaps].y = y;
		fold_marks(f, ll, ll->ngaps, (st->knot_y[j] - st->knot_y[j - 1]) * s);
		fold_words(f, ll, ll->ngaps, st->knot_t[j] - st->knot_t[j - 1],
		           (st->knot_y[j] - st->knot_y[j - 1]) * s);
		ll->ngaps++;
	}
	place_labels(f, ll);
	paint(f, ll);
}

/* The squared distance from p to the segment a-b. */
static float dist2_to(struct gui_point p, struct gui_point a, struct gui_point b)
{
	float dx = b.x - a.x, dy = b.y - a.y, L = dx * dx + dy * dy;
	float u = L > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / L : 0;
	u = u < 0 ? 0 : u > 1 ? 1 : u;
	float ex = a.x + u * dx - p.x, ey = a.y + u * dy - p.y;
	return ex * ex + ey * ey;
}

int64_t view_ladder_hit(const struct ladder_layout *ll, float x, float y, float s)
{
	if (!gui_rect_has(ll->body, x, y))
		return -1;
	struct gui_point p = {x, y};
	float best = (7 * s) * (7 * s);
	int64_t seg = -1;
	for (int i = 0; i < ll->nsegs; i++) {
		const struct ladder_seg *L = &ll->segs[i];
		if (L->icmp)
			continue;
		float d = dist2_to(p, L->a, L->b);
		if (L->show_label && gui_rect_has(L->label_r, x, y))
			d = 0; /* its label stands for it */
		if (d <= best) {
			best = d;
			seg = L->seg;
		}
	}
	return seg;
}

const struct ladder_seg *view_ladder_find(const struct ladder_layout *ll, uint32_t seg)
{
	for (int i = 0; i < ll->nsegs; i++)
		if (!ll->segs[i].icmp && ll->segs[i].seg == seg)
			return &ll->segs[i];
	return NULL;
}

void view_ladder_free(struct ladder_state *st, struct ladder_layout *ll)
{
	free(st->knot_t);
	free(st->knot_y);
	free(st->knot_gap);
	free(st->long_segs);
	memset(st, 0, sizeof *st);
	free(ll->segs);
	ll->segs = NULL;
	ll->nsegs = ll->capsegs = 0;
	view_out_free(&ll->out);
}

/* text shortened to fit width keeping its flags and numbers: first
 * without its options (<mss 1460>), then without win= and len=; empty when
 * even that does not fit (the label is thinned out, not cut). */
static void fit_text(const struct view_frame *f, char *text, size_t size, float width)
{
	if (draw_text_width(f->d, FONT_SMALL, text) <= width)
		return;
	char *opt = strstr(text, " <");
	if (opt) {
		*opt = '\0';
		if (draw_text_width(f->d, FONT_SMALL, text) <= width)
			return;
	}
	static const char *const drop[] = {" win=", " len="};
	for (size_t d = 0; d < sizeof drop / sizeof drop[0]; d++) {
		char *w = strstr(text, drop[d]);
		if (!w)
			continue;
		char *e = strchr(w + 1, ' ');
		memmove(w, e ? e : w + strlen(w), strlen(e ? e : w + strlen(w)) + 1);
		if (draw_text_width(f->d, FONT_SMALL, text) <= width)
			return;
	}
	(void)size;
	text[0] = '\0';
}

/* Labels: newest first (the one the teacher is talking about always
 * gets its own), each between the timelines, inside the body, clear of the
 * state tags and of the labels placed before it; moved a little along its
 * arrow if it must, else left out. */
static void place_labels(const struct view_frame *f, struct ladder_layout *ll)
{
	float s = f->reg->s;
	float lh = draw_font_height(f->d, FONT_SMALL);
	float pad = 3 * s;
	struct gui_rect *done = malloc((size_t)(ll->nsegs ? ll->nsegs : 1) * sizeof *done);
	int ndone = 0;
	if (!done)
		return;
	float lo = ll->body.y + 2 * s, hi = ll->body.y + ll->body.h - 2 * s;
	int crowded = 0;
	/* what labels keep clear of: the red crosses, the folds' words */
	int cap = ll->nsegs + 3 * ll->ngaps + 1;
	struct gui_rect *obst = malloc((size_t)cap * sizeof *obst);
	int nobst = 0;
	if (!obst) {
		free(done);
		return;
	}
	float cr = 10 * s;
	for (int i = 0; i < ll->nsegs; i++)
		if (ll->segs[i].lost && ll->segs[i].done)
			obst[nobst++] = gui_rect_make(ll->segs[i].cross.x - cr,
			                              ll->segs[i].cross.y - cr, 2 * cr, 2 * cr);
	for (int i = 0; i < ll->ngaps; i++) {
		/* a fold's words, and its break marks on both timelines */
		if (ll->gaps[i].text[0])
			obst[nobst++] = gui_rect_inset(ll->gaps[i].r, -pad);
		for (int h = 0; h < 2; h++)
			obst[nobst++] = view_ladder_fold_mark(ll, i, h, s);
	}
	for (int i = ll->nsegs - 1; i >= 0; i--) {
		struct ladder_seg *L = &ll->segs[i];
		/* a segment still in flight shows its label once its arrow has
		 * reached the label's height */
		if (!L->done && L->b.y < L->label.y + lh)
			continue;
		char label[140];
		if (L->icmp)
			snprintf(label, sizeof label, "ICMP need to frag (mtu %u)", L->mtu);
		else
			fmt_seg_label(f->fmt, L->seg, label, sizeof label);
		if (L->broken) {
			char ago[16];
			const struct trace_seg *sg = &f->tr->segs[L->seg];
			short_secs(ago, sizeof ago, sg->arrive - sg->sent);
			snprintf(L->text, sizeof L->text, "%s%.120s · %s on the way",
			         L->retx ? "↻ " : "", label, ago);
		} else
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
			/* in flight: never moved down past the arrow's head */
			if (!L->done && L->b.y < y)
				continue;
			float l = x0, r = x1;
			int tag_l = 0, tag_r = 0;
			for (int m = 0; m < ll->nmarks; m++) {
				struct gui_rect t = ll->marks[m].r;
				if (t.y < y + lh && y < t.y + t.h) {
					if (ll->marks[m].host == 0 && t.x + t.w + 4 * s > l) {
						l = t.x + t.w + 4 * s;
						tag_l = 1;
					}
					if (ll->marks[m].host == 1 && t.x - 4 * s < r) {
						r = t.x - 4 * s;
						tag_r = 1;
					}
				}
			}
			char text[160];
			snprintf(text, sizeof text, "%s", L->text);
			fit_text(f, text, sizeof text, r - l - 2 * pad);
			if (!text[0]) {
				/* too wide even without its options: it may reach over
				 * a timeline where no state tag is */
				if (!tag_l)
					l = ll->body.x + 4 * s;
				if (!tag_r)
					r = ll->body.x + ll->body.w - 4 * s;
				snprintf(text, sizeof text, "%s", L->text);
				fit_text(f, text, sizeof text, r - l - 2 * pad);
			}
			if (!text[0])
				continue;
			float w = draw_text_width(f->d, FONT_SMALL, text) + 2 * pad;
			float cx = (l + r) / 2;
			struct gui_rect rr = gui_rect_make(cx - w / 2, y, w, lh);
			int clash = 0;
			for (int j = 0; j < ndone && !clash; j++)
				clash = gui_rect_overlap(rr, done[j]);
			for (int j = 0; j < nobst && !clash; j++)
				clash = gui_rect_overlap(rr, obst[j]);
			/* never across the present line */
			clash |= y - 2 * s < ll->y_now && ll->y_now < y + lh + 2 * s;
			if (clash)
				continue;
			snprintf(L->text, sizeof L->text, "%s", text);
			L->label_r = rr;
			L->show_label = 1;
			done[ndone++] = rr;
			placed = 1;
		}
		crowded += !placed;
	}
	free(done);
	free(obst);
	if (crowded) {
		char what[48];
		snprintf(what, sizeof what, "%d segment labels", crowded);
		view_left_out(&ll->out, what, "no room clear of the others");
	}
}

struct gui_rect view_ladder_fold_mark(const struct ladder_layout *ll, int gap, int h, float s)
{
	if (ll->gaps[gap].mark_y[h] == NO_MARK)
		return gui_rect_make(-1e6f, -1e6f, 0, 0); /* none: overlaps nothing */
	return gui_rect_make(ll->x[h] - 8 * s, ll->gaps[gap].mark_y[h] - 7 * s, 16 * s, 14 * s);
}

struct gui_rect view_ladder_cross_box(struct gui_point c, float s)
{
	float r = (CROSS_R + CROSS_W / 2) * s;
	return gui_rect_make(c.x - r, c.y - r, 2 * r, 2 * r);
}

static void cross(struct dlist *l, struct gui_point p, float r, float w, struct gui_color c)
{
	struct gui_point a = {p.x - r, p.y - r}, b = {p.x + r, p.y + r};
	struct gui_point e = {p.x - r, p.y + r}, f = {p.x + r, p.y - r};
	dl_line(l, a, b, w, c);
	dl_line(l, e, f, w, c);
}

/* Compare mode: the first divergence under this run's arrows, a wide band
 * in the accent colour along its segment once it is sent, or, where this
 * run has no such segment, a dashed band across the ladder at the time the
 * other run sent its own, marked with "≠". */
static void paint_divergence(const struct view_frame *f, struct ladder_layout *ll)
{
	struct view_out *o = &ll->out;
	float s = f->reg->s;
	struct gui_color c = f->th->accent;
	c.a = 110;
	if (f->mark_seg >= 0) {
		for (int i = 0; i < ll->nsegs; i++) {
			const struct ladder_seg *L = &ll->segs[i];
			if (L->icmp || (int64_t)L->seg != f->mark_seg)
				continue;
			struct gui_point e = L->lost && L->done ? L->cross : L->b;
			dl_line(&o->dl, L->a, e, 10 * s, c);
		}
		return;
	}
	if (f->mark_t < 0 || f->mark_t > f->t)
		return;
	float y = ll->mark_y;
	if (y < ll->body.y || y > ll->body.y + ll->body.h)
		return;
	struct gui_point p0 = {ll->x[0], y}, p1 = {ll->x[1], y};
	dl_dashed(&o->dl, p0, p1, 6 * s, 9 * s, c);
	view_text(o, f, FONT_BOLD, (ll->x[0] + ll->x[1]) / 2, y - 2 * s,
	          ALIGN_CENTER | ALIGN_BOTTOM, f->th->accent, "≠");
}

/* The drawing, recorded in ll->out. */
static void paint(const struct view_frame *f, struct ladder_layout *ll)
{
	const struct gui_theme *th = f->th;
	struct view_out *o = &ll->out;
	float s = f->reg->s;
	struct gui_rect area = ll->area;
	view_panel_frame(o, f, area, NULL);
	/* the header: who is who; the IPs go when the two would meet, then
	 * the names are shortened */
	int nh = f->snap->nhosts < 2 ? f->snap->nhosts : 2;
	char names[2][64];
	float pw[2] = {0, 0};
	float room = area.w - 12 * s;
	for (int form = 0; form < 3; form++) {
		for (int h = 0; h < nh; h++) {
			char ip[16];
			if (form == 0)
				snprintf(names[h], sizeof names[h], "%s %s", f->snap->hosts[h].name,
				         ip_fmt(ip, f->snap->hosts[h].addr));
			else if (form == 1)
				snprintf(names[h], sizeof names[h], "%s", f->snap->hosts[h].name);
			else
				view_shorten(f, FONT_BOLD, f->snap->hosts[h].name,
				             room / 2 - 24 * s, names[h], sizeof names[h]);
			pw[h] = draw_text_width(f->d, FONT_BOLD, names[h]) + 16 * s;
		}
		if (pw[0] + pw[1] + 8 * s <= room)
			break;
	}
	float px[2] = {0, 0};
	for (int h = 0; h < nh; h++) {
		float x = ll->x[h] - pw[h] / 2;
		if (x < area.x + 6 * s)
			x = area.x + 6 * s;
		if (x + pw[h] > area.x + area.w - 6 * s)
			x = area.x + area.w - 6 * s - pw[h];
		px[h] = x;
	}
	if (nh == 2 && px[0] + pw[0] + 8 * s > px[1]) {
		px[0] = area.x + 6 * s;
		px[1] = area.x + area.w - 6 * s - pw[1];
	}
	for (int h = 0; h < nh; h++) {
		struct gui_rect r = gui_rect_make(px[h], area.y + 8 * s, pw[h],
		                                  draw_font_height(f->d, FONT_BOLD) + 6 * s);
		dl_rrect(&o->dl, r, r.h / 2, th->host[h]);
		view_text(o, f, FONT_BOLD, r.x + r.w / 2, r.y + r.h / 2,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->host_ink[h], names[h]);
	}
	dl_clip(&o->dl, &ll->body);
	struct gui_rect b = ll->body;
	for (int h = 0; h < 2; h++) {
		float top = b.y, bot = ll->y_now;
		if (bot > b.y + b.h)
			bot = b.y + b.h;
		dl_rect(&o->dl, gui_rect_make(ll->x[h] - 1.5f * s, top, 3 * s, bot - top),
		        th->host[h]);
		/* the future: a faint continuation */
		dl_rect(&o->dl, gui_rect_make(ll->x[h] - 0.5f * s, bot, 1 * s, b.y + b.h - bot),
		        th->border);
	}
	for (int i = 0; i < ll->ngaps; i++) {
		for (int h = 0; h < 2; h++) {
			struct gui_rect r = view_ladder_fold_mark(ll, i, h, s);
			float y = ll->gaps[i].mark_y[h];
			if (r.w <= 0)
				continue; /* state tags fill the fold there */
			dl_rect(&o->dl, r, th->panel);
			struct gui_point p0 = {r.x, y - 2 * s}, p1 = {r.x + r.w, y - 6 * s};
			struct gui_point q0 = {r.x, y + 6 * s}, q1 = {r.x + r.w, y + 2 * s};
			dl_line(&o->dl, p0, p1, 2 * s, th->text_dim);
			dl_line(&o->dl, q0, q1, 2 * s, th->text_dim);
		}
		if (ll->gaps[i].text[0])
			view_text(o, f, FONT_SMALL, ll->gaps[i].r.x, ll->gaps[i].r.y, ALIGN_LEFT,
			          th->text_dim, ll->gaps[i].text);
	}
	float lw = 2.2f * s;
	/* the segments the student changed: a broad glow under the arrow */
	for (int m = 0; f->branch && m < f->branch->nmarks; m++) {
		const struct ladder_seg *L = view_ladder_find(ll, f->branch->marks[m].seg);
		if (!L)
			continue;
		struct gui_color g = th->accent;
		g.a = 90;
		dl_line(&o->dl, L->a, L->lost && L->done ? L->cross : L->b, 9 * s, g);
	}
	paint_divergence(f, ll);
	for (int i = 0; i < ll->nsegs; i++) {
		const struct ladder_seg *L = &ll->segs[i];
		struct gui_color c = th->host[L->from];
		if (L->icmp) {
			/* not TCP: thin, grey and dotted */
			dl_dashed(&o->dl, L->a, L->b, 1.5f * s, 3 * s, th->text_dim);
			dl_arrowhead(&o->dl, L->a, L->b, 8 * s, th->text_dim);
			continue;
		}
		if (L->retx)
			dl_dashed(&o->dl, L->a, L->b, lw, 7 * s, c);
		else
			dl_line(&o->dl, L->a, L->b, lw, c);
		if (L->broken) {
			/* the break, as on a folded timeline: two short strokes
			 * across the arrow where it comes in */
			for (int k = 0; k < 2; k++) {
				float y = L->a.y + (2 + 5 * k) * s;
				struct gui_point m0 = {L->a.x - 7 * s, y + 3 * s};
				struct gui_point m1 = {L->a.x + 7 * s, y - 3 * s};
				dl_line(&o->dl, m0, m1, 2 * s, th->text_dim);
			}
		}
		if (!L->lost || !L->done)
			dl_arrowhead(&o->dl, L->a, L->b, 10 * s, c);
		if (L->lost && L->done)
			cross(&o->dl, L->cross, CROSS_R * s, CROSS_W * s, th->lost);
	}
	/* the present, under the labels and tags (which keep clear of it) */
	struct gui_point p0 = {b.x, ll->y_now}, p1 = {b.x + b.w, ll->y_now};
	dl_dashed(&o->dl, p0, p1, 1.5f * s, 5 * s, th->accent);
	for (int i = 0; i < ll->nsegs; i++) {
		const struct ladder_seg *L = &ll->segs[i];
		if (!L->show_label)
			continue;
		struct gui_color pc = th->panel;
		pc.a = 230;
		dl_rrect(&o->dl, L->label_r, 3 * s, pc);
		struct gui_color ink = L->lost ? th->lost : L->icmp ? th->text_dim : th->text;
		view_text(o, f, FONT_SMALL, L->label_r.x + L->label_r.w / 2, L->label_r.y,
		          ALIGN_CENTER, ink, L->text);
	}
	/* each changed segment's tag, under the middle of its arrow (under
	 * the red cross of a dropped one), else over it: wholly inside the
	 * body, clear of the present line, the labels, the red crosses and
	 * the state tags; where neither is, none (the glow still marks it) */
	for (int m = 0; f->branch && m < f->branch->nmarks; m++) {
		const struct ladder_seg *L = view_ladder_find(ll, f->branch->marks[m].seg);
		if (!L)
			continue;
		const char *tag = f->branch->marks[m].tag;
		float lh = draw_font_height(f->d, FONT_SMALL);
		float w = draw_text_width(f->d, FONT_SMALL, tag) + 10 * s;
		struct gui_point c = L->lost && L->done ? L->cross
		                                        : (struct gui_point){(L->a.x + L->b.x) / 2,
		                                                             (L->a.y + L->b.y) / 2};
		float x = c.x - w / 2, off = (CROSS_R + CROSS_W) * s + 2 * s;
		if (x < b.x + 2 * s)
			x = b.x + 2 * s;
		if (x + w > b.x + b.w - 2 * s)
			x = b.x + b.w - 2 * s - w;
		struct gui_rect r = {0};
		int ok = 0;
		for (int side = 0; side < 2 && !ok; side++) {
			r = gui_rect_make(x, side ? c.y - off - lh - 2 * s : c.y + off, w,
			                  lh + 2 * s);
			ok = gui_rect_inside(r, b) && !(r.y < ll->y_now && ll->y_now < r.y + r.h);
			for (int i = 0; ok && i < ll->nsegs; i++) {
				const struct ladder_seg *q = &ll->segs[i];
				ok = !(q->show_label && gui_rect_overlap(r, q->label_r)) &&
				     !(q->lost && q->done &&
				       gui_rect_overlap(r, view_ladder_cross_box(q->cross, s)));
			}
			for (int i = 0; ok && i < ll->nmarks; i++)
				ok = !gui_rect_overlap(r, ll->marks[i].r);
		}
		if (!ok) {
			view_left_out(o, "a changed segment's tag", "no room beside its arrow");
			continue;
		}
		dl_rrect(&o->dl, r, r.h / 2, th->accent);
		view_text(o, f, FONT_SMALL, r.x + r.w / 2, r.y + r.h / 2,
		          ALIGN_CENTER | ALIGN_MIDDLE, th->panel, tag);
	}
	for (int i = 0; i < ll->nmarks; i++) {
		const struct ladder_mark *m = &ll->marks[i];
		const char *name = tcps_name(m->state);
		struct gui_rect r = m->r;
		float h = r.h;
		dl_rrect(&o->dl, r, h / 2, th->host[m->host]);
		dl_rrect(&o->dl, gui_rect_inset(r, 1.5f * s), h / 2, th->host_tint[m->host]);
		view_text(o, f, FONT_SMALL, m->at.x, m->at.y, ALIGN_CENTER | ALIGN_MIDDLE, th->text,
		          name);
	}
	dl_clip(&o->dl, NULL);
}
