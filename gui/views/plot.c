/* plot: the data-transfer plots in the window (see view.h), in the state
 * diagram's place while `G` has one on: the time-sequence graph (each data
 * segment a bar over the sequence numbers it carries, at its send time;
 * the ACK line and the receive window's edge as they reach the sender;
 * SACK blocks; retransmissions and losses marked) or the congestion window
 * (cwnd, ssthresh, bytes in flight, the offered receive window).  The
 * points come from out/plot.c (plot_build_sock), the same data `tcpsim svg
 * --plot` draws; this file only places them.  The axes span the whole
 * transfer, so nothing rescales while playing; what lies after the present
 * is not drawn yet, and a dashed line marks the present.  In quiz mode the
 * plot is built from the past alone (the records up to the present's and
 * the segments they sent), so its axes, its legend and the end it shows
 * tell nothing of the future, and a loss shows once the ladder's cross
 * does.  The connection
 * is the one the views follow: of its two sockets the one that sent more,
 * or the end f->plot_from asks for (Shift+G, a click on the title); else
 * the run's busiest sender (of that host).  Called by app/app.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "view.h"

/* One series: how it looks and what the legend calls it. */
struct series {
	int mark;
	const char *name;
	int bar;  /* 1: a bar y0..y1 a point; 0: a step line through y0 */
	int dash; /* dashed */
	int role; /* colour: see colour() */
};

enum { C_SENDER, C_PEER, C_BAD, C_LOST, C_OK, C_DIM };

static const struct series tsg_series[] = {
    {PM_DATA, "data", 1, 0, C_SENDER}, {PM_RETX, "retransmitted", 1, 0, C_BAD},
    {PM_LOST, "lost", 1, 1, C_LOST},   {PM_SACK, "SACK block", 1, 0, C_DIM},
    {PM_ACK, "ACK", 0, 0, C_OK},       {PM_WINDOW, "window edge", 0, 1, C_PEER},
};
static const struct series cwnd_series[] = {
    {PM_CWND, "cwnd", 0, 0, C_SENDER},
    {PM_SSTHRESH, "ssthresh", 0, 1, C_BAD},
    {PM_FLIGHT, "in flight", 0, 1, C_DIM},
    {PM_RWND, "receive window", 0, 0, C_PEER},
};

#define NS(x) ((int)(sizeof(x) / sizeof((x)[0])))

static struct gui_color colour(const struct view_frame *f, int sender, int role)
{
	const struct gui_theme *th = f->th;
	switch (role) {
	case C_SENDER: return th->host[sender & 1];
	case C_PEER: return th->host[!(sender & 1)];
	case C_BAD: return th->bad;
	case C_LOST: return th->lost;
	case C_OK: return th->ok;
	default: return th->text_dim;
	}
}

/* The run as far as the plot may know it: the whole trace, or in quiz
 * mode a view of its past (the records up to the present's, the segments
 * they sent: segments are added as they are sent), into *cut. */
static const struct trace *past(const struct view_frame *f, struct trace *cut)
{
	if (!f->quiz)
		return f->tr;
	*cut = *f->tr;
	int64_t k = f->k < (int64_t)f->tr->n ? f->k : (int64_t)f->tr->n - 1;
	cut->n = (uint32_t)(k + 1);
	cut->nsegs = 0;
	for (int64_t j = k; j >= 0; j--)
		if (f->tr->recs[j].kind == TR_SEG_SEND && f->tr->recs[j].seg >= 0) {
			cut->nsegs = (uint32_t)f->tr->recs[j].seg + 1;
			break;
		}
	return cut;
}

/* The mark point q is drawn with: in quiz mode a lost segment is data
 * (or a retransmission) until the ladder crosses it out, halfway across. */
static int mark_of(const struct view_frame *f, const struct plot_point *q)
{
	if (q->mark != PM_LOST || !f->quiz || q->seg < 0 || (uint32_t)q->seg >= f->tr->nsegs)
		return q->mark;
	const struct trace_seg *sg = &f->tr->segs[q->seg];
	if (trace_seg_end(sg) <= f->t)
		return PM_LOST;
	return sg->retx ? PM_RETX : PM_DATA;
}

/* The socket to plot: of the followed connection's two sockets the one
 * that sent more data, or host f->plot_from's even when it sent nothing
 * (the plot then says so); else -1, the run's busiest sender (of host
 * f->plot_from).  Sets
 * st->host, the host whose data it is (-1: not known yet). */
static int32_t choose(struct plot_state *st, const struct view_frame *f)
{
	int32_t cand[2] = {-1, -1};
	for (int h = 0; h < 2; h++) {
		const struct snap_sock *k = view_followed(f->snap, f->follow, h);
		if (k && !k->listener)
			cand[h] = k->handle;
	}
	int from = f->plot_from == 0 || f->plot_from == 1 ? f->plot_from : -1;
	struct trace cut;
	const struct trace *tr = past(f, &cut);
	if (st->run == f->run && st->n == tr->n && st->cand[0] == cand[0] &&
	    st->cand[1] == cand[1] && st->from == from)
		return st->chosen;
	st->cand[0] = cand[0];
	st->cand[1] = cand[1];
	st->from = from;
	uint64_t b0 = plot_sock_bytes(tr, cand[0]), b1 = plot_sock_bytes(tr, cand[1]);
	if (from >= 0)
		st->chosen = cand[from]; /* none yet: that host's busiest */
	else
		st->chosen = b0 || b1 ? (b1 > b0 ? cand[1] : cand[0]) : -1;
	st->followed = st->chosen >= 0;
	st->any = 0;
	for (uint32_t i = 0; i < tr->nsegs && !st->any; i++)
		st->any = tr->segs[i].h.len && !tr->segs[i].dup;
	st->host = st->chosen >= 0 ? (int)tr->socks[st->chosen].host : from;
	return st->chosen;
}

/* The plot's points for the present run and choice, rebuilt when either
 * changed; 0 when there is nothing to plot. */
static int points(struct plot_state *st, const struct view_frame *f, int kind)
{
	int32_t sock = choose(st, f);
	struct trace cut;
	const struct trace *tr = past(f, &cut);
	if (st->ok && st->run == f->run && st->n == tr->n && st->sock == sock && st->kind == kind &&
	    st->built_from == st->from)
		return st->have;
	plot_free(&st->p);
	int rc = sock >= 0 ? plot_build_sock(f->scn, tr, kind, sock, &st->p)
	                   : plot_build(f->scn, tr, kind, st->from, &st->p);
	st->ok = 1;
	st->run = f->run;
	st->n = tr->n;
	st->sock = sock;
	st->kind = kind;
	st->built_from = st->from; /* with no socket chosen, whose busiest it is */
	st->have = rc == OUT_OK;
	if (sock < 0 && st->have)
		st->host = st->p.sender;
	return st->have;
}

/* A step of 1, 2 or 5 times a power of ten, at least span / n. */
static double nice_step(double span, int n)
{
	if (n < 1)
		n = 1;
	double raw = span / n, p = pow(10, floor(log10(raw)));
	double m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

static void bytes_label(char *buf, size_t size, double v, double step)
{
	if (v < step * 1e-6)
		snprintf(buf, size, "0");
	else if (step >= 1e6 || (v >= 1e6 && fmod(v, 1e5) == 0))
		snprintf(buf, size, "%gM", v / 1e6);
	else if (step >= 1e3 || (v >= 1e4 && fmod(v, 100) == 0))
		snprintf(buf, size, "%gk", v / 1e3);
	else
		snprintf(buf, size, "%.0f", v);
}

static void time_label(char *buf, size_t size, double t, double step)
{
	int dec = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : step >= 0.001 ? 3 : 4;
	snprintf(buf, size, "%.*f", dec, t);
}

void view_plot_layout(struct plot_state *st, const struct view_frame *f, struct gui_rect area,
                      struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	view_out_begin(o, "plot", area);
	if (f->reg->too_small)
		return;
	if (f->plot <= 0) {
		choose(st, f); /* Shift+G knows whose data the plot would show */
		return;
	}
	int kind = f->plot == 1 ? PLOT_TSG : PLOT_CWND;
	view_panel_frame(o, f, area, NULL);
	float pad = 10 * s;
	float x = area.x + pad, y = area.y + 6 * s, w = area.w - 2 * pad;
	char name[96];
	snprintf(name, sizeof name, "%s%s",
	         kind == PLOT_TSG ? "Time-sequence graph" : "Congestion window",
	         f->plot_zoom > 0 ? "" : " · the wheel zooms");
	if (f->plot_zoom > 0)
		snprintf(name + strlen(name), sizeof name - strlen(name), " · time ×%d",
		         1 << (f->plot_zoom > 12 ? 12 : f->plot_zoom));
	float lh = draw_font_height(f->d, FONT_SMALL), bh = draw_font_height(f->d, FONT_BOLD);
	int two = f->scn->nhosts > 1;
	if (!points(st, f, kind)) {
		view_text_fit(o, f, FONT_BOLD, x, y, ALIGN_LEFT, th->text_dim, name, w, NULL);
		char why[320];
		int h = st->host;
		if (two && (h == 0 || h == 1) && st->any)
			snprintf(why, sizeof why,
			         "The %s %s no data on this connection%s. Shift+G or a click "
			         "here: the %s's data.",
			         f->scn->hosts[h].name, f->quiz ? "has sent" : "sends",
			         f->quiz ? " yet" : "", f->scn->hosts[!h].name);
		else if (f->quiz)
			snprintf(why, sizeof why, "%s",
			         "No data has been sent yet: the plot shows what the run has done "
			         "so far. Press G for the state diagram.");
		else
			snprintf(why, sizeof why, "%s",
			         "No data is sent in this run: the plots show a data transfer. "
			         "Press G for the state diagram.");
		view_text_wrap(o, f, FONT_BODY, x, y + bh + 10 * s, w, th->text, why, 6);
		if (two)
			view_target(o, area, GA_PLOT_SIDE, 0);
		return;
	}
	const struct plot *p = &st->p;
	/* the title: the plot, and whose data ("the client's data, 10.0.0.1:40000
	 * > ..."); a click on it (or Shift+G) plots the other end's */
	int cut = 0;
	float title_y = area.y;
	view_text_fit(o, f, FONT_BOLD, x, y, ALIGN_LEFT, th->text_dim, name, w, &cut);
	y += bh + 2 * s;
	char who[320];
	const char *colon = strrchr(p->title, ':'), *sp = strchr(p->title, ' ');
	const char *ends = sp && colon && sp < colon ? sp + 1 : p->title;
	int nends = colon ? (int)(colon - ends) : (int)strlen(ends);
	int sender = p->sender == 1 ? 1 : 0;
	snprintf(who, sizeof who, "the %s's data, %.*s%s", f->scn->hosts[sender].name, nends, ends,
	         !st->followed && st->from >= 0 ? " (its busiest connection)"
	         : !st->followed                ? " (the busiest sender)"
	         : st->from < 0 && two          ? " (it sent more)"
	                                        : "");
	if (two)
		/* no-break spaces: the hint wraps as one */
		snprintf(who + strlen(who), sizeof who - strlen(who),
		         " · Shift+G:\u00a0the\u00a0%s's", f->scn->hosts[!sender].name);
	float who_h = 0;
	if (view_text_wrap_cut(o, f, FONT_SMALL, x, y, w, th->text, who, 2, &who_h))
		view_left_out(o, "the connection's name's end", "cut with ...: no room");
	y += (who_h > lh ? who_h : lh) + 6 * s;
	if (two)
		view_target(o, gui_rect_make(area.x, title_y, area.w, y - title_y), GA_PLOT_SIDE,
		            0);
	/* the window's edge can stand far above a small transfer (64 KiB over
	 * 150 bytes): then the bytes' axis fits the data and the ACKs, and
	 * the edge runs above it, as the legend says */
	double ydata = 0, ywin = 0;
	for (size_t j = 0; j < p->n; j++) {
		const struct plot_point *q = &p->v[j];
		if (q->mark == PM_WINDOW)
			ywin = q->y0 > ywin ? q->y0 : ywin;
		else
			ydata = q->y1 > ydata ? q->y1 : ydata;
	}
	int win_above = kind == PLOT_TSG && f->plot_zoom <= 0 && ydata > 0 && ywin > 2 * ydata;
	/* the legend: a swatch and a name a series, wrapped, at most 3 rows */
	const struct series *ser = kind == PLOT_TSG ? tsg_series : cwnd_series;
	int nser = kind == PLOT_TSG ? NS(tsg_series) : NS(cwnd_series);
	float lx = x, rows = 1, sw = 22 * s;
	int dropped = 0;
	for (int i = 0; i < nser; i++) {
		int used = 0;
		for (size_t j = 0; j < p->n && !used; j++)
			used = mark_of(f, &p->v[j]) == ser[i].mark;
		if (!used)
			continue;
		const char *sname =
		    ser[i].mark == PM_WINDOW && win_above ? "window edge (above)" : ser[i].name;
		float iw = sw + 5 * s + draw_text_width(f->d, FONT_SMALL, sname);
		if (lx > x && lx + iw > x + w) {
			if (rows >= 3) {
				dropped++;
				continue;
			}
			lx = x;
			y += lh + 2 * s;
			rows++;
		}
		if (iw > w) {
			dropped++;
			continue;
		}
		struct gui_color c = colour(f, p->sender, ser[i].role);
		struct gui_point a = {lx, y + lh / 2}, b = {lx + sw, y + lh / 2};
		if (ser[i].dash)
			dl_dashed(&o->dl, a, b, 2.5f * s, 4 * s, c);
		else
			dl_line(&o->dl, a, b, 2.5f * s, c);
		view_text(o, f, FONT_SMALL, lx + sw + 5 * s, y, ALIGN_LEFT, th->text, sname);
		lx += iw + 14 * s;
	}
	if (dropped) {
		char what[48];
		snprintf(what, sizeof what, "%d legend entries", dropped);
		view_left_out(o, what, "no room for a fourth row");
	}
	y += lh + 8 * s;
	/* the axes: bytes up (labels left of the axis), seconds right; the
	 * whole transfer, or (the wheel zooms) a stretch of it around the
	 * present, its bytes' range fitted to what the stretch holds */
	simtime_t now = f->t;
	simtime_t w0 = p->t0, w1 = p->t1;
	if (f->quiz && now > w1)
		w1 = now; /* the past only: its time axis ends at the present */
	double ymin = 0, ymax = p->ymax > 0 ? p->ymax * 1.05 : 1;
	if (win_above)
		ymax = ydata * 1.1;
	int zoom = f->plot_zoom > 0 ? f->plot_zoom : 0;
	if (zoom && w1 > w0) {
		simtime_t span = (w1 - w0) >> (zoom > 30 ? 30 : zoom);
		if (span < SIMTIME_MS)
			span = SIMTIME_MS;
		simtime_t c = now;
		if (c < w0 + span / 2)
			c = w0 + span / 2;
		if (c > w1 - span / 2)
			c = w1 - span / 2;
		w0 = c - span / 2;
		w1 = w0 + span;
		/* the bytes' range: the points inside, and each step line's
		 * value coming into the stretch */
		double lo = 1e300, hi = -1e300;
		const struct plot_point *before[16] = {NULL};
		for (size_t j = 0; j < p->n && p->v[j].t <= w1; j++) {
			const struct plot_point *q = &p->v[j];
			if (q->t < w0) {
				before[q->mark & 15] = q;
				continue;
			}
			lo = q->y0 < lo ? q->y0 : lo;
			hi = q->y1 > hi ? q->y1 : hi;
		}
		for (int m = 0; m < 16; m++)
			if (before[m]) {
				lo = before[m]->y0 < lo ? before[m]->y0 : lo;
				hi = before[m]->y0 > hi ? before[m]->y0 : hi;
			}
		if (hi >= lo) {
			double r = hi - lo > 0 ? hi - lo : (hi > 0 ? hi * 0.1 : 1);
			ymin = lo - r * 0.05 > 0 ? lo - r * 0.05 : 0;
			ymax = hi + r * 0.05;
		}
	}
	/* a little room before the first send: a bar at the time axis's
	 * very start would lie under the bytes' axis, and the plot look
	 * empty when the first segments have gone */
	simtime_t lead = (w1 - w0) / 50;
	w0 = w0 > lead ? w0 - lead : 0;
	double t0 = (double)w0 / 1e6, t1 = (double)w1 / 1e6;
	if (t1 <= t0)
		t1 = t0 + 0.001;
	float bottom = area.y + area.h - 8 * s - lh - 4 * s;
	float ph = bottom - y - lh / 2;
	if (ph < 3 * lh) {
		view_left_out(o, "the plot", "no room under its legend");
		return;
	}
	float top = y + lh / 2;
	double ystep = nice_step(ymax - ymin, (int)(ph / (lh * 2.2f)));
	char b[48];
	bytes_label(b, sizeof b, floor(ymax / ystep) * ystep, ystep);
	float yw = draw_text_width(f->d, FONT_SMALL, b) + 8 * s;
	bytes_label(b, sizeof b, ymax, ystep);
	float yw2 = draw_text_width(f->d, FONT_SMALL, b) + 8 * s;
	yw = yw2 > yw ? yw2 : yw;
	float px0 = x + yw, px1 = x + w - 4 * s;
	if (px1 - px0 < 60 * s) {
		view_left_out(o, "the plot", "no room beside its axis");
		return;
	}
	float pw = px1 - px0;
#define PX(t) (px0 + (float)(((t) / 1e6 - t0) / (t1 - t0)) * pw)
#define PY(v) (bottom - (float)(((v)-ymin) / (ymax - ymin)) * ph)
	for (double v = ceil(ymin / ystep - 1e-9) * ystep; v <= ymax * (1 + 1e-9); v += ystep) {
		float py = PY(v);
		bytes_label(b, sizeof b, v, ystep);
		dl_line(&o->dl, (struct gui_point){px0, py}, (struct gui_point){px1, py}, 1 * s,
		        th->panel_alt);
		view_text(o, f, FONT_SMALL, px0 - 6 * s, py, ALIGN_RIGHT | ALIGN_MIDDLE,
		          th->text_dim, b);
	}
	/* seconds: as many labels as fit, the unit on the last */
	double tstep = nice_step(t1 - t0, 1);
	for (int n = 12; n >= 1; n--) {
		double st2 = nice_step(t1 - t0, n);
		time_label(b, sizeof b, t1, st2);
		float lw = draw_text_width(f->d, FONT_SMALL, b) + 16 * s;
		if ((t1 - t0) / st2 * lw <= pw - draw_text_width(f->d, FONT_SMALL, " s")) {
			tstep = st2;
			break;
		}
	}
	float last_right = -1e9f, ty = bottom + 4 * s;
	double tfirst = ceil(t0 / tstep - 1e-9) * tstep;
	for (double t = tfirst; t <= t1 + tstep * 1e-9; t += tstep) {
		float tx = px0 + (float)((t - t0) / (t1 - t0)) * pw;
		time_label(b, sizeof b, fabs(t) < tstep * 1e-6 ? 0 : t, tstep);
		if (t + tstep > t1 + tstep * 1e-9)
			strcat(b, " s");
		float lw = draw_text_width(f->d, FONT_SMALL, b);
		float lx0 = tx - lw / 2;
		if (lx0 < px0 - 4 * s) /* clear of the bytes' labels */
			lx0 = px0 - 4 * s;
		if (lx0 + lw > area.x + area.w - 6 * s)
			lx0 = area.x + area.w - 6 * s - lw;
		if (lx0 < last_right + 8 * s)
			continue;
		dl_line(&o->dl, (struct gui_point){tx, bottom},
		        (struct gui_point){tx, bottom + 3 * s}, 1 * s, th->text_dim);
		view_text(o, f, FONT_SMALL, lx0, ty, ALIGN_LEFT, th->text_dim, b);
		last_right = lx0 + lw;
	}
	dl_line(&o->dl, (struct gui_point){px0, top}, (struct gui_point){px0, bottom}, 1.5f * s,
	        th->text_dim);
	dl_line(&o->dl, (struct gui_point){px0, bottom}, (struct gui_point){px1, bottom}, 1.5f * s,
	        th->text_dim);
	/* the series, up to the present */
	struct gui_rect clip = gui_rect_make(px0, top - 4 * s, pw + 4 * s, ph + 8 * s);
	dl_clip(&o->dl, &clip);
	float xnow = PX((double)now);
	if (xnow > px1)
		xnow = px1;
	for (int i = 0; i < nser; i++) {
		const struct series *se = &ser[i];
		struct gui_color c = colour(f, p->sender, se->role);
		float cx = 0, cy = 0, lastbar = -1e9f;
		int any = 0;
		/* data bars that fall in one pixel column are drawn as one
		 * (a 4 GiB transfer sends 165 segments a column) */
		float pbx = 0, pb0 = 0, pb1 = 0;
		int pend = 0;
		for (size_t j = 0; j < p->n; j++) {
			const struct plot_point *q = &p->v[j];
			if (mark_of(f, q) != se->mark)
				continue;
			if (q->t > now || q->t > w1)
				break; /* the points are in time order */
			float qx = PX((double)q->t);
			if (q->t < w0) {
				/* before the stretch shown: a step line's value
				 * coming into it */
				if (!se->bar) {
					cx = px0;
					cy = PY(q->y0);
					any = 1;
				}
				continue;
			}
			if (se->bar) {
				float y0 = PY(q->y0), y1 = PY(q->y1);
				float bx = se->mark == PM_SACK ? qx + 3 * s : qx;
				if (y0 - y1 < 2 * s)
					y1 = y0 - 2 * s;
				struct gui_point a = {bx, y0}, e = {bx, y1};
				if (se->dash)
					dl_dashed(&o->dl, a, e, 1.5f * s, 3 * s, c);
				else if (se->mark == PM_DATA) {
					if (pend && bx - pbx < 1) {
						pb0 = y0 > pb0 ? y0 : pb0;
						pb1 = y1 < pb1 ? y1 : pb1;
					} else {
						if (pend)
							dl_line(&o->dl,
							        (struct gui_point){pbx, pb0},
							        (struct gui_point){pbx, pb1},
							        1.5f * s, c);
						pend = 1;
						pbx = bx;
						pb0 = y0;
						pb1 = y1;
					}
				} else
					dl_line(&o->dl, a, e, (se->mark == PM_SACK ? 3 : 1.5f) * s,
					        c);
				if (bx - lastbar >= 4 * s || se->mark != PM_DATA) {
					/* tcptrace's ends, where there is room for them */
					dl_line(&o->dl, (struct gui_point){bx - 2 * s, y1},
					        (struct gui_point){bx + 2 * s, y1}, 1 * s, c);
					lastbar = bx;
				}
				if (se->mark == PM_RETX)
					dl_circle(&o->dl, (struct gui_point){bx, y1 - 3 * s},
					          2.5f * s, c);
				else if (se->mark == PM_LOST) {
					float r = 3.5f * s;
					dl_line(&o->dl, (struct gui_point){bx - r, y1 - r},
					        (struct gui_point){bx + r, y1 + r}, 2 * s, c);
					dl_line(&o->dl, (struct gui_point){bx - r, y1 + r},
					        (struct gui_point){bx + r, y1 - r}, 2 * s, c);
				}
				continue;
			}
			float qy = PY(q->y0);
			if (!any) {
				cx = qx;
				cy = qy;
				any = 1;
				continue;
			}
			/* a step: along at the old value, then up or down */
			if (qx - cx >= 1) {
				struct gui_point a = {cx, cy}, e = {qx, cy};
				if (se->dash)
					dl_dashed(&o->dl, a, e, 1.5f * s, 4 * s, c);
				else
					dl_line(&o->dl, a, e, 1.5f * s, c);
				cx = qx;
			}
			if (fabsf(qy - cy) >= 0.5f)
				dl_line(&o->dl, (struct gui_point){cx, cy},
				        (struct gui_point){cx, qy}, 1.5f * s, c);
			cy = qy;
		}
		if (pend)
			dl_line(&o->dl, (struct gui_point){pbx, pb0}, (struct gui_point){pbx, pb1},
			        1.5f * s, c);
		if (any && xnow > cx) {
			struct gui_point a = {cx, cy}, e = {xnow, cy};
			if (se->dash)
				dl_dashed(&o->dl, a, e, 1.5f * s, 4 * s, c);
			else
				dl_line(&o->dl, a, e, 1.5f * s, c);
		}
	}
	/* the present */
	if (now >= p->t0)
		dl_dashed(&o->dl, (struct gui_point){xnow, top - 4 * s},
		          (struct gui_point){xnow, bottom}, 1.5f * s, 5 * s, th->accent);
	dl_clip(&o->dl, NULL);
	if (now < p->t0) {
		char when[64], ts[32];
		snprintf(when, sizeof when, "The data starts at %s",
		         simtime_fmt_short(ts, sizeof ts, p->t0));
		view_text_fit(o, f, FONT_SMALL, px0 + 8 * s, top, ALIGN_LEFT, th->text, when,
		              px1 - px0 - 12 * s, NULL);
	}
	st->x_now = now >= p->t0 ? xnow : -1;
	st->x_axis = px0;
#undef PX
#undef PY
}

void view_plot_free(struct plot_state *st)
{
	plot_free(&st->p);
	st->ok = 0;
}
