/* svg_out: the run as a ladder diagram in SVG, for slides and handouts.
 * Called by the CLI (tcpsim svg) and the window's export key.  Two
 * timelines (first host left), time flowing down; each segment a slanted
 * arrow from its send to its arrival with fmt_seg_label() along it; lost
 * segments end mid-link in a cross, retransmissions are dashed, link
 * duplicates dotted; state names sit on the timelines where they change;
 * TIME_WAIT's 2MSL is a bracket beside its timeline.  Black on white with
 * dash patterns and markers, so it prints and photocopies.
 *
 * The time axis is piecewise: each gap between two moments gets a height
 * proportional to it (scaled so a one-way delay is about 60 px), at least
 * a text line, and a gap that would be taller than MAX_GAP is drawn as a
 * fixed break "… 58.9 s …", so 60 s of TIME_WAIT does not fill the page.
 * Segments that leave or reach a host at the same instant (a burst, or the
 * ACK sent on an arrival) take successive slots SLOT_PX apart, in trace
 * order, so they fan out instead of drawing on top of each other. */
#include "output.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "tcpstate.h"

#define SVG_W 900.0
#define X_LEFT 300.0
#define X_RIGHT 660.0
#define X_TIME 78.0 /* right edge of the time labels */
#define Y_TOP 110.0
#define DELAY_PX 60.0
#define MIN_SEP 16.0
#define MAX_GAP 140.0
#define BREAK_PX 64.0
#define LABEL_SEP 13.0
#define SLOT_PX 16.0 /* between segments that leave or reach a host at one instant */

struct tmap {
	simtime_t *t; /* sorted, unique */
	double *y;
	size_t n, cap;
};

struct svg {
	FILE *f;
	const struct scenario *scn;
	const struct trace *tr;
	struct fmt_ctx *fc;
	simtime_t from, to;
	struct tmap m;
	uint16_t *slot_send, *slot_arrive; /* per segment: its place in a burst */
	struct crowd *crowd;               /* instants with more than one slot */
	size_t ncrowd;
	int nomem; /* memory ran out while laying out: nothing is drawn */
	/* the double ladder (out_svg_compare): this ladder's left edge, the
	 * other run (whose moments the shared time axis takes in too), and
	 * the first divergence on this ladder */
	double x0;
	const struct svg *peer;
	int64_t mark_seg; /* its segment here, -1 none */
	simtime_t mark_t; /* its time when this run has no such segment, -1 none */
	int borrowed_map; /* m is the peer's: not freed here */
};

struct crowd {
	simtime_t t;
	int slots;
};

/* ---- Output helpers ---- */

/* XML text: the five entities escaped, control characters (invalid in XML
 * 1.0) shown as spaces. */
static void put_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default: fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, f); break;
		}
	}
}

/* Presentation attributes rather than CSS: every renderer honours them
 * (ImageMagick, rsvg, Inkscape, browsers, office suites). */
static const char *text_attrs(const char *cls)
{
	static const struct {
		const char *cls, *attrs;
	} t[] = {
	    {"title", "font-size=\"16\" font-weight=\"bold\""},
	    {"host", "font-size=\"15\" font-weight=\"bold\""},
	    {"state", "font-size=\"11.5\" font-weight=\"bold\""},
	    {"seg-label",
	     "font-size=\"10.5\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\""},
	    {"msl-label", "font-size=\"11\" font-style=\"italic\""},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (strcmp(t[i].cls, cls) == 0)
			return t[i].attrs;
	return "font-size=\"11\"";
}

static void text_el(FILE *f, const char *cls, double x, double y, const char *anchor, const char *s)
{
	fprintf(f, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>", cls, x, y,
	        anchor, text_attrs(cls));
	put_text(f, s);
	fputs("</text>\n", f);
}

/* "0.100", or with microseconds "0.100250". */
static void time_label(char *buf, size_t size, simtime_t t)
{
	if (t % SIMTIME_MS == 0)
		snprintf(buf, size, "%" PRId64 ".%03" PRId64, t / SIMTIME_S,
		         (t % SIMTIME_S) / SIMTIME_MS);
	else
		simtime_fmt(buf, size, t);
}

/* "58.9 s", "1.50 s", "250 ms". */
static void span_label(char *buf, size_t size, simtime_t d)
{
	double s = (double)d / 1e6;
	if (s >= 10)
		snprintf(buf, size, "%.1f s", s);
	else if (s >= 1)
		snprintf(buf, size, "%.2f s", s);
	else
		snprintf(buf, size, "%.0f ms", s * 1000);
}

/* ---- The time axis ---- */

/* Returns 0, or -1 when out of memory (the map is then unchanged). */
static int tmap_add(struct tmap *m, simtime_t t)
{
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 256;
		simtime_t *v = realloc(m->t, cap * sizeof *v);
		if (!v)
			return -1;
		m->t = v;
		m->cap = cap;
	}
	m->t[m->n++] = t;
	return 0;
}

static int time_cmp(const void *a, const void *b)
{
	simtime_t x = *(const simtime_t *)a, y = *(const simtime_t *)b;
	return x < y ? -1 : x > y;
}

/* y of time t: exact at the moments, linear between them. */
static double tmap_y(const struct tmap *m, simtime_t t)
{
	if (m->n == 0)
		return Y_TOP;
	if (t <= m->t[0])
		return m->y[0];
	if (t >= m->t[m->n - 1])
		return m->y[m->n - 1];
	size_t lo = 0, hi = m->n - 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->t[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	double frac = (double)(t - m->t[lo]) / (double)(m->t[hi] - m->t[lo]);
	return m->y[lo] + frac * (m->y[hi] - m->y[lo]);
}

static int seg_in_range(const struct svg *v, const struct trace_rec *r)
{
	return r->kind == TR_SEG_SEND && r->seg >= 0 && (uint32_t)r->seg < v->tr->nsegs &&
	       r->t >= v->from && r->t <= v->to;
}

/* Median one-way delay of the segments drawn (for the vertical scale);
 * sets v->nomem when it cannot tell. */
static simtime_t median_delay(struct svg *v)
{
	size_t n = 0;
	simtime_t *d = malloc((v->tr->nsegs + 1) * sizeof *d);
	if (!d) {
		v->nomem = 1;
		return 10 * SIMTIME_MS;
	}
	for (uint32_t k = 0; k < v->tr->n; k++) {
		const struct trace_rec *r = &v->tr->recs[k];
		if (seg_in_range(v, r) && v->tr->segs[r->seg].arrive > r->t)
			d[n++] = v->tr->segs[r->seg].arrive - r->t;
	}
	simtime_t med = 10 * SIMTIME_MS;
	if (n) {
		qsort(d, n, sizeof *d, time_cmp);
		med = d[n / 2];
	}
	free(d);
	return med;
}

static void seg_sides(const struct trace_seg *s, int *a, int *b);

static void crowd_note(struct svg *v, simtime_t t, int slots)
{
	if (slots < 2)
		return;
	if (v->ncrowd && v->crowd[v->ncrowd - 1].t == t) {
		if (slots > v->crowd[v->ncrowd - 1].slots)
			v->crowd[v->ncrowd - 1].slots = slots;
		return;
	}
	struct crowd *c = realloc(v->crowd, (v->ncrowd + 1) * sizeof *c);
	if (!c) {
		v->nomem = 1;
		return;
	}
	v->crowd = c;
	v->crowd[v->ncrowd++] = (struct crowd){t, slots};
}

/* Numbers the sends and arrivals at each (side, instant) in trace order. */
static void slots_build(struct svg *v)
{
	const struct trace *tr = v->tr;
	v->slot_send = calloc(tr->nsegs + 1, sizeof *v->slot_send);
	v->slot_arrive = calloc(tr->nsegs + 1, sizeof *v->slot_arrive);
	if (!v->slot_send || !v->slot_arrive) {
		v->nomem = 1;
		return;
	}
	simtime_t cur = -1;
	int cnt[2] = {0, 0};
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if ((r->kind != TR_SEG_SEND && r->kind != TR_SEG_ARRIVE) || r->seg < 0 ||
		    (uint32_t)r->seg >= tr->nsegs)
			continue;
		const struct trace_seg *s = &tr->segs[r->seg];
		if (s->sent < v->from || s->sent > v->to)
			continue;
		if (r->t != cur) {
			cur = r->t;
			cnt[0] = cnt[1] = 0;
		}
		int a, b;
		seg_sides(s, &a, &b);
		int side = r->kind == TR_SEG_SEND ? a : b;
		uint16_t slot = (uint16_t)(cnt[side] < UINT16_MAX ? cnt[side]++ : cnt[side]);
		if (r->kind == TR_SEG_SEND)
			v->slot_send[r->seg] = slot;
		else
			v->slot_arrive[r->seg] = slot;
		crowd_note(v, cur, cnt[side]);
	}
}

/* Extra height a crowded instant needs below it. */
static double crowd_extra(const struct svg *v, simtime_t t)
{
	size_t lo = 0, hi = v->ncrowd;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->crowd[mid].t < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->ncrowd && v->crowd[lo].t == t ? (v->crowd[lo].slots - 1) * SLOT_PX : 0;
}

/* ... at t on either ladder of a double one: they share one axis. */
static double crowd_max(const struct svg *v, simtime_t t)
{
	double e = crowd_extra(v, t), p = v->peer ? crowd_extra(v->peer, t) : 0;
	return e > p ? e : p;
}

/* Adds the moments of run w (its sends, ends and state changes) to m;
 * returns -1 when out of memory. */
static int tmap_add_run(struct tmap *m, const struct svg *w)
{
	const struct trace *tr = w->tr;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		int fail = 0;
		if (seg_in_range(w, r))
			fail = tmap_add(m, r->t) || tmap_add(m, trace_seg_end(&tr->segs[r->seg]));
		else if (r->kind == TR_STATE && r->t >= w->from && r->t <= w->to)
			fail = tmap_add(m, r->t);
		if (fail)
			return -1;
	}
	return 0;
}

/* The time axis of v's run, and of its peer's too when it has one. */
static void tmap_build(struct svg *v)
{
	struct tmap *m = &v->m;
	if (tmap_add_run(m, v) || (v->peer && tmap_add_run(m, v->peer))) {
		v->nomem = 1;
		return;
	}
	if (m->n)
		qsort(m->t, m->n, sizeof *m->t, time_cmp);
	size_t u = 0;
	for (size_t i = 0; i < m->n; i++)
		if (u == 0 || m->t[i] != m->t[u - 1])
			m->t[u++] = m->t[i];
	m->n = u;
	m->y = malloc((m->n + 1) * sizeof *m->y);
	if (!m->y) {
		v->nomem = 1;
		return;
	}
	double scale = DELAY_PX / (double)median_delay(v); /* px per microsecond */
	double y = Y_TOP;
	for (size_t i = 0; i < m->n; i++) {
		if (i > 0) {
			double h = (double)(m->t[i] - m->t[i - 1]) * scale;
			y += crowd_max(v, m->t[i - 1]);
			y += h > MAX_GAP ? BREAK_PX : h < MIN_SEP ? MIN_SEP : h;
		}
		m->y[i] = y;
	}
}

/* A gap drawn as a break: true when moments i-1 and i are far apart. */
static int is_break(const struct tmap *m, size_t i, double scale)
{
	return i > 0 && (double)(m->t[i] - m->t[i - 1]) * scale > MAX_GAP;
}

/* ---- Drawing ---- */

static double host_x(const struct svg *v, int host)
{
	return v->x0 + (host == 0 ? X_LEFT : X_RIGHT);
}

#define STROKE_TIMELINE "stroke=\"#000\" stroke-width=\"2\""
#define STROKE_CROSS "stroke=\"#b00000\" stroke-width=\"2.5\" fill=\"none\""
/* the double ladder's first divergence: a wide light band under it, grey
 * on a photocopy */
#define STROKE_DIVERGENCE                                                                          \
	"stroke=\"#f2a900\" stroke-width=\"12\" stroke-opacity=\"0.5\" stroke-linecap=\"round\""

/* Solid for a first transmission, dashed for a retransmission, dotted for
 * a copy the link made: tells them apart without colour. */
static const char *seg_stroke(const struct trace_seg *s)
{
	if (s->dup)
		return "stroke=\"#000\" stroke-width=\"1.3\" stroke-dasharray=\"2 3\"";
	if (s->retx)
		return "stroke=\"#000\" stroke-width=\"1.3\" stroke-dasharray=\"7 4\"";
	return "stroke=\"#000\" stroke-width=\"1.3\"";
}

static void draw_header(struct svg *v, const char *title)
{
	FILE *f = v->f;
	if (title)
		text_el(f, "title", v->x0 + SVG_W / 2, 28, "middle", title);
	for (int h = 0; h < v->scn->nhosts && h < 2; h++) {
		char a[16];
		text_el(f, "host", host_x(v, h), 62, "middle", v->scn->hosts[h].name);
		text_el(f, "addr", host_x(v, h), 80, "middle", ip_fmt(a, v->scn->hosts[h].addr));
	}
}

/* Timelines, broken where the axis breaks, and the break marks. */
static void draw_timelines(struct svg *v, double scale, double bottom)
{
	FILE *f = v->f;
	const struct tmap *m = &v->m;
	double start = Y_TOP - 14;
	if (m->n == 0)
		for (int h = 0; h < 2; h++)
			fprintf(f,
			        "<line class=\"timeline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			        "y2=\"%.1f\" " STROKE_TIMELINE "/>\n",
			        host_x(v, h), start, host_x(v, h), bottom);
	for (size_t i = 1; i <= m->n; i++) {
		int brk = i < m->n && is_break(m, i, scale);
		if (!brk && i < m->n)
			continue;
		double end = i < m->n ? m->y[i] - BREAK_PX / 2 - 8 : bottom;
		for (int h = 0; h < 2; h++)
			fprintf(f,
			        "<line class=\"timeline\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			        "y2=\"%.1f\" " STROKE_TIMELINE "/>\n",
			        host_x(v, h), start, host_x(v, h), end);
		if (!brk)
			break;
		double mid = m->y[i] - BREAK_PX / 2;
		for (int h = 0; h < 2; h++) {
			double x = host_x(v, h);
			fprintf(f,
			        "<path class=\"break\" d=\"M%.1f %.1f l12 -4 M%.1f %.1f l12 "
			        "-4\" " STROKE_TIMELINE "/>\n",
			        x - 6, mid - 6, x - 6, mid + 10);
		}
		char span[32], label[64];
		span_label(span, sizeof span, m->t[i] - m->t[i - 1]);
		snprintf(label, sizeof label, "\xe2\x80\xa6 %s \xe2\x80\xa6", span);
		text_el(f, "gap", v->x0 + (X_LEFT + X_RIGHT) / 2, mid + 4, "middle", label);
		start = mid + 8;
	}
}

static void draw_time_labels(struct svg *v)
{
	double last = -1e9;
	for (uint32_t k = 0; k < v->tr->n; k++) {
		const struct trace_rec *r = &v->tr->recs[k];
		if (!seg_in_range(v, r))
			continue;
		double y = tmap_y(&v->m, r->t);
		if (y - last < LABEL_SEP)
			continue;
		char t[32];
		time_label(t, sizeof t, r->t);
		text_el(v->f, "time", v->x0 + X_TIME, y + 4, "end", t);
		fprintf(v->f,
		        "<line class=\"tick\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		        "stroke=\"#000\"/>\n",
		        v->x0 + X_TIME + 4, y, v->x0 + X_TIME + 12, y);
		last = y;
	}
}

/* The side a segment leaves from and goes to; a spoofed source or an
 * address nobody has sits opposite the real host. */
static void seg_sides(const struct trace_seg *s, int *a, int *b)
{
	*a = s->from < 2 ? s->from : (s->to < 2 ? 1 - s->to : 0);
	*b = s->to < 2 ? s->to : 1 - *a;
	if (*a == *b)
		*b = 1 - *a;
}

static void draw_segment(struct svg *v, uint32_t idx)
{
	FILE *f = v->f;
	const struct trace_seg *s = &v->tr->segs[idx];
	int a, b;
	seg_sides(s, &a, &b);
	double x1 = host_x(v, a), y1 = tmap_y(&v->m, s->sent) + v->slot_send[idx] * SLOT_PX;
	double x2 = host_x(v, b), y2 = tmap_y(&v->m, s->arrive > s->sent ? s->arrive : s->sent) +
	                               v->slot_arrive[idx] * SLOT_PX;
	double dx = x2 > x1 ? -4 : 4; /* stop the arrowhead at the line */
	if (s->lost) {
		x2 = (x1 + x2) / 2;
		y2 = tmap_y(&v->m, trace_seg_end(s)) + v->slot_send[idx] * SLOT_PX;
		dx = 0;
	}
	if ((int64_t)idx == v->mark_seg)
		fprintf(f,
		        "<line class=\"divergence\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		        "y2=\"%.1f\" " STROKE_DIVERGENCE "/>\n",
		        x1, y1, x2, y2);
	const char *cls = s->dup ? "seg dup" : s->retx ? "seg retx" : "seg";
	fprintf(f, "<g class=\"%s%s\" data-seg=\"%" PRIu32 "\">\n", cls, s->lost ? " lost" : "",
	        idx);
	fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s%s/>\n", x1, y1,
	        x2 + dx, y2, seg_stroke(s), s->lost ? "" : " marker-end=\"url(#head)\"");
	if (s->lost)
		fprintf(
		    f,
		    "<path class=\"cross\" d=\"M%.1f %.1f l12 12 M%.1f %.1f l-12 12\" " STROKE_CROSS
		    "/>\n",
		    x2 - 6, y2 - 6, x2 + 6, y2 - 6);
	/* The label runs along the arrow, above it, never upside down. */
	double mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
	double ang = atan2(y2 - y1, x2 - x1) * 180.0 / 3.14159265358979;
	if (ang > 90)
		ang -= 180;
	else if (ang < -90)
		ang += 180;
	char label[200];
	fmt_seg_label(v->fc, idx, label, sizeof label);
	fprintf(f,
	        "<text class=\"seg-label\" x=\"0\" y=\"-5\" text-anchor=\"middle\" %s "
	        "transform=\"translate(%.1f,%.1f) rotate(%.2f)\">",
	        text_attrs("seg-label"), mx, my, ang);
	put_text(f, label);
	fputs("</text>\n</g>\n", f);
}

/* State names beside the timelines, pushed down when they would overlap. */
static void draw_states(struct svg *v)
{
	double last[2] = {-1e9, -1e9};
	for (uint32_t k = 0; k < v->tr->n; k++) {
		const struct trace_rec *r = &v->tr->recs[k];
		if (r->kind != TR_STATE || r->host >= 2 || r->t < v->from || r->t > v->to)
			continue;
		int h = r->host;
		double x = host_x(v, h), y = tmap_y(&v->m, r->t);
		fprintf(
		    v->f,
		    "<circle class=\"state-dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#000\"/>\n",
		    x, y);
		double ty = y + 4 < last[h] + LABEL_SEP ? last[h] + LABEL_SEP : y + 4;
		text_el(v->f, "state", h == 0 ? x - 22 : x + 22, ty, h == 0 ? "end" : "start",
		        tcps_name(r->u.state.to));
		last[h] = ty;
	}
}

/* TIME_WAIT spans: from entering it to leaving it (or the end of the
 * picture), as a bracket on the timeline's outer side. */
static void draw_time_wait(struct svg *v, double bottom)
{
	const struct trace *tr = v->tr;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->kind != TR_STATE || r->u.state.to != TCPS_TIME_WAIT || r->host >= 2 ||
		    r->t < v->from || r->t > v->to)
			continue;
		simtime_t end = -1;
		for (uint32_t j = k + 1; j < tr->n && end < 0; j++)
			if (tr->recs[j].kind == TR_STATE && tr->recs[j].sock == r->sock &&
			    tr->recs[j].u.state.from == TCPS_TIME_WAIT)
				end = tr->recs[j].t;
		double y1 = tmap_y(&v->m, r->t);
		double y2 = end >= 0 && end <= v->to ? tmap_y(&v->m, end) : bottom;
		int h = r->host;
		double x = host_x(v, h), out = h == 0 ? -12 : 12;
		fprintf(v->f,
		        "<path class=\"msl\" d=\"M%.1f %.1f h%.1f V%.1f h%.1f\" stroke=\"#000\" "
		        "stroke-width=\"1.5\" fill=\"none\"/>\n",
		        x, y1, out, y2, -out);
		char span[32], label[48];
		if (end >= 0)
			span_label(span, sizeof span, end - r->t);
		snprintf(label, sizeof label, "2MSL%s%s", end >= 0 ? " " : "",
		         end >= 0 ? span : "");
		double ly = (y1 + y2) / 2;
		fprintf(v->f,
		        "<text class=\"msl-label\" x=\"0\" y=\"4\" text-anchor=\"middle\" %s "
		        "transform=\"translate(%.1f,%.1f) rotate(-90)\">",
		        text_attrs("msl-label"), x + 2 * out, ly);
		put_text(v->f, label);
		fputs("</text>\n", v->f);
	}
}

static void draw_legend(FILE *f, double y)
{
	static const struct trace_seg kinds[3] = {{.retx = 0}, {.retx = 1}, {.dup = 1}};
	static const char *const names[3] = {"segment", "retransmission", "duplicate"};
	double x = 110;
	fputs("<g class=\"legend\">\n", f);
	for (int i = 0; i < 3; i++, x += 160) {
		fprintf(f,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s "
		        "marker-end=\"url(#head)\"/>\n",
		        x, y, x + 44, y, seg_stroke(&kinds[i]));
		text_el(f, "legend", x + 52, y + 4, "start", names[i]);
	}
	fprintf(f,
	        "<path class=\"cross\" d=\"M%.1f %.1f l12 12 M%.1f %.1f l-12 12\" " STROKE_CROSS
	        "/>\n",
	        x, y - 6, x + 12, y - 6);
	text_el(f, "legend", x + 20, y + 4, "start", "lost");
	fputs("</g>\n", f);
}

static void svg_free(struct svg *v)
{
	if (!v->borrowed_map) {
		free(v->m.t);
		free(v->m.y);
	}
	free(v->slot_send);
	free(v->slot_arrive);
	free(v->crowd);
	fmt_ctx_free(v->fc);
}

static const char svg_defs[] =
    "<defs>\n"
    "<marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" "
    "markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">"
    "<path d=\"M0 0 L10 5 L0 10 z\" fill=\"#000\"/></marker>\n"
    "</defs>\n";

/* Lays v out before anything is written; 0, or -1 out of memory. */
static int svg_slots(struct svg *v)
{
	v->fc = fmt_ctx_new(v->scn, v->tr);
	if (!v->fc)
		return -1;
	slots_build(v);
	return v->nomem ? -1 : 0;
}

/* Where the picture ends: under the last moment, and what crowds it. */
static double svg_bottom(const struct svg *v)
{
	const struct tmap *m = &v->m;
	return (m->n ? m->y[m->n - 1] + crowd_max(v, m->t[m->n - 1]) : Y_TOP) + 40;
}

static void xml_open(FILE *f, double w, double h)
{
	fprintf(f,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	        "viewBox=\"0 0 %.0f %.0f\">\n",
	        w, h, w, h);
	fputs(svg_defs, f);
	fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n"
	           "<g font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" fill=\"#000\">\n");
}

/* One ladder at v->x0: names, timelines, times, 2MSL, states, segments,
 * and (a double ladder) where this run has no counterpart of the other's
 * first divergent segment, a dashed band marked "≠" at its time. */
static void draw_ladder(struct svg *v, double scale, double bottom, const char *title)
{
	FILE *f = v->f;
	const struct trace *tr = v->tr;
	draw_header(v, title);
	draw_timelines(v, scale, bottom);
	draw_time_labels(v);
	draw_time_wait(v, bottom);
	draw_states(v);
	int nseg = 0;
	for (uint32_t k = 0; k < tr->n; k++)
		if (seg_in_range(v, &tr->recs[k])) {
			draw_segment(v, (uint32_t)tr->recs[k].seg);
			nseg++;
		}
	if (nseg == 0)
		text_el(f, "gap", v->x0 + SVG_W / 2, Y_TOP + 20, "middle",
		        "(no segments in this time range)");
	if (v->mark_seg < 0 && v->mark_t >= 0) {
		double y = tmap_y(&v->m, v->mark_t);
		fprintf(
		    f,
		    "<line class=\"divergence\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
		    "stroke-dasharray=\"10 6\" " STROKE_DIVERGENCE "/>\n",
		    host_x(v, 0), y, host_x(v, 1), y);
		text_el(f, "title", v->x0 + (X_LEFT + X_RIGHT) / 2, y - 8, "middle",
		        "\xe2\x89\xa0");
	}
}

int out_svg(FILE *f, const struct scenario *scn, const struct trace *tr, simtime_t from,
            simtime_t to)
{
	struct svg v = {.f = f,
	                .scn = scn,
	                .tr = tr,
	                .from = from,
	                .to = to ? to : SIMTIME_NEVER,
	                .mark_seg = -1,
	                .mark_t = -1};
	if (svg_slots(&v) == 0)
		tmap_build(&v);
	double scale = DELAY_PX / (double)median_delay(&v);
	if (!v.fc || v.nomem) {
		/* laid out before anything is written: the stream gets nothing */
		svg_free(&v);
		return OUT_ENOMEM;
	}
	double bottom = svg_bottom(&v);
	double height = bottom + 60;
	xml_open(f, SVG_W, height);
	draw_ladder(&v, scale, bottom, scn->title);
	draw_legend(f, height - 24);
	fputs("</g>\n</svg>\n", f);

	svg_free(&v);
	return fflush(f) != 0 || ferror(f) ? OUT_EWRITE : OUT_OK;
}

int out_svg_compare(FILE *f, const struct compare *c, const struct cmp_run *a,
                    const struct cmp_run *b)
{
	struct svg v[2];
	const struct cmp_run *run[2] = {a, b};
	const struct cmp_row *first = c->first >= 0 ? &c->rows[c->first] : NULL;
	for (int i = 0; i < 2; i++) {
		v[i] = (struct svg){.f = f,
		                    .scn = run[i]->scn,
		                    .tr = run[i]->tr,
		                    .from = 0,
		                    .to = SIMTIME_NEVER,
		                    .x0 = i * SVG_W,
		                    .peer = &v[!i],
		                    .mark_seg = first ? (i ? first->b : first->a) : -1,
		                    .mark_t = -1};
	}
	if (first) {
		simtime_t t =
		    first->a >= 0 ? a->tr->segs[first->a].sent : b->tr->segs[first->b].sent;
		v[0].mark_t = v[1].mark_t = t;
	}
	int rc = svg_slots(&v[0]) || svg_slots(&v[1]) ? -1 : 0;
	if (rc == 0)
		tmap_build(&v[0]);
	double scale = DELAY_PX / (double)median_delay(&v[0]);
	if (rc || v[0].nomem || v[1].nomem) {
		svg_free(&v[0]);
		svg_free(&v[1]);
		return OUT_ENOMEM;
	}
	/* one axis: run B's ladder reads run A's map, built from both */
	v[1].m = v[0].m;
	v[1].borrowed_map = 1;
	char why[600];
	compare_narrate(c, a->scn, a->tr, a->label, b->scn, b->tr, b->label, why, sizeof why);
	double bottom = svg_bottom(&v[0]);
	double height = bottom + 90;
	xml_open(f, 2 * SVG_W, height);
	for (int i = 0; i < 2; i++) {
		char title[400];
		snprintf(title, sizeof title, "%s: %s", run[i]->label, run[i]->what);
		draw_ladder(&v[i], scale, bottom, title);
	}
	fprintf(f,
	        "<line class=\"divider\" x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%.1f\" "
	        "stroke=\"#888\" stroke-dasharray=\"4 4\"/>\n",
	        SVG_W, SVG_W, bottom);
	text_el(f, "host", 40, height - 54, "start", why);
	draw_legend(f, height - 24);
	fputs("</g>\n</svg>\n", f);
	svg_free(&v[0]);
	svg_free(&v[1]);
	return fflush(f) != 0 || ferror(f) ? OUT_EWRITE : OUT_OK;
}
