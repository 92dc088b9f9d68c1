/* plot_svg: a plot of out/plot.c as SVG, for slides and handouts (tcpsim
 * svg --plot tsg|cwnd).  Time runs right, bytes up; every series has its
 * own dash pattern as well as its colour, so the plot survives a
 * photocopier and colour blindness; a legend names them. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "output.h"

#define W 900.0
#define H 560.0
#define LEFT 90.0
#define RIGHT 30.0
#define TOP 100.0
#define BOTTOM 60.0

struct frame {
	double t0, t1, ymax; /* seconds, bytes */
	int win_above;       /* the window's edge runs above the bytes' axis */
};

static double px_x(const struct frame *f, simtime_t t)
{
	double s = (double)t / 1e6;
	return LEFT + (s - f->t0) / (f->t1 - f->t0) * (W - LEFT - RIGHT);
}

static double px_y(const struct frame *f, double y)
{
	return H - BOTTOM - y / f->ymax * (H - TOP - BOTTOM);
}

/* A step of 1, 2 or 5 times a power of ten giving about n ticks. */
static double nice_step(double span, int n)
{
	double raw = span / n, p = pow(10, floor(log10(raw)));
	double m = raw / p;
	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

static void put_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
	}
}

static void bytes_label(char *buf, size_t size, double v)
{
	if (v >= 1e6)
		snprintf(buf, size, "%.3gM", v / 1e6);
	else if (v >= 1e3)
		snprintf(buf, size, "%.3gk", v / 1e3);
	else
		snprintf(buf, size, "%.0f", v);
}

static void axes(FILE *out, const struct frame *f, const char *ylabel)
{
	fprintf(out, "<g class=\"axes\" stroke=\"#000\" stroke-width=\"1\" font-size=\"12\" "
	             "font-family=\"DejaVu Sans, sans-serif\">\n");
	fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", LEFT, H - BOTTOM,
	        W - RIGHT, H - BOTTOM);
	fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", LEFT, TOP, LEFT,
	        H - BOTTOM);
	double ts = nice_step(f->t1 - f->t0, 8);
	for (double t = ceil(f->t0 / ts) * ts; t <= f->t1 + ts * 1e-9; t += ts) {
		double x = LEFT + (t - f->t0) / (f->t1 - f->t0) * (W - LEFT - RIGHT);
		fprintf(out,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		        "stroke=\"none\">%g</text>\n",
		        x, H - BOTTOM, x, H - BOTTOM + 5, x, H - BOTTOM + 19, t);
	}
	double ys = nice_step(f->ymax, 6);
	for (double y = 0; y <= f->ymax * (1 + 1e-9); y += ys) {
		char b[32];
		bytes_label(b, sizeof b, y);
		double py = px_y(f, y);
		fprintf(
		    out,
		    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" stroke=\"none\">%s</text>\n",
		    LEFT - 5, py, LEFT, py, LEFT - 8, py + 4, b);
	}
	fprintf(
	    out,
	    "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" stroke=\"none\">time (s)</text>\n",
	    (LEFT + W - RIGHT) / 2, H - 18);
	fprintf(out,
	        "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" stroke=\"none\" "
	        "transform=\"rotate(-90 18 %.1f)\">%s</text>\n</g>\n",
	        (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, ylabel);
}

struct style {
	int mark;
	const char *name, *colour, *dash;
	int step; /* drawn as a step line rather than bars */
};

static const struct style styles[] = {
    {PM_DATA, "data segment", "#000000", "", 0},
    {PM_RETX, "retransmission", "#c0392b", "", 0},
    {PM_LOST, "lost on the link", "#7f7f7f", "2 2", 0},
    {PM_SACK, "SACK block", "#6a3d9a", "", 0},
    {PM_ACK, "ACK", "#1b7837", "", 1},
    {PM_WINDOW, "window edge (ACK + window)", "#2166ac", "6 3", 1},
    {PM_CWND, "cwnd", "#000000", "", 1},
    {PM_SSTHRESH, "ssthresh", "#c0392b", "6 3", 1},
    {PM_FLIGHT, "bytes in flight", "#7f7f7f", "2 2", 1},
    {PM_RWND, "receive window", "#2166ac", "1 3", 1},
};

static void series(FILE *out, const struct plot *p, const struct frame *f, const struct style *st)
{
	int any = 0;
	double lx = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct plot_point *q = &p->v[i];
		if (q->mark != st->mark)
			continue;
		double x = px_x(f, q->t);
		if (!st->step) {
			double y0 = px_y(f, q->y0), y1 = px_y(f, q->y1);
			if (y0 - y1 < 3) { /* a few bytes still show as a bar */
				double mid = (y0 + y1) / 2;
				y0 = mid + 1.5;
				y1 = mid - 1.5;
			}
			fprintf(out,
			        "<path d=\"M%.1f %.1fV%.1fM%.1f %.1fH%.1fM%.1f %.1fH%.1f\" "
			        "stroke=\"%s\" stroke-width=\"%s\"%s%s%s fill=\"none\"/>\n",
			        x, y0, y1, x - 2, y0, x + 2, x - 2, y1, x + 2, st->colour,
			        st->mark == PM_SACK ? "3" : "1.5",
			        *st->dash ? " stroke-dasharray=\"" : "", st->dash,
			        *st->dash ? "\"" : "");
			if (st->mark == PM_RETX)
				fprintf(out,
				        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" "
				        "font-family=\"DejaVu Sans, sans-serif\">R</text>\n",
				        x + 3, y1 + 3, st->colour);
			continue;
		}
		double y = px_y(f, q->y0);
		if (!any)
			fprintf(out, "<path d=\"M%.1f %.1f", x, y);
		else
			fprintf(out, "H%.1fV%.1f", x, y);
		any = 1;
		lx = x;
	}
	if (any && st->step) /* the last value holds to the axis' end */
		fprintf(out, "H%.1f\" stroke=\"%s\" stroke-width=\"1.5\" fill=\"none\"%s%s%s/>\n",
		        lx > W - RIGHT ? lx : W - RIGHT, st->colour,
		        *st->dash ? " stroke-dasharray=\"" : "", st->dash, *st->dash ? "\"" : "");
}

int out_plot_svg(FILE *out, const struct plot *p)
{
	struct frame f = {(double)p->t0 / 1e6, (double)p->t1 / 1e6,
	                  p->ymax > 0 ? p->ymax * 1.05 : 1, 0};
	if (f.t1 <= f.t0)
		f.t1 = f.t0 + 0.001;
	/* a margin of time both sides, so that the first segment is not on
	 * the axis and the last ACK shows as a step */
	double pad = (f.t1 - f.t0) * 0.04;
	f.t0 = f.t0 - pad < 0 ? 0 : f.t0 - pad;
	f.t1 += pad;
	/* the window's edge can stand far above a small transfer (64 KiB over
	 * 7 bytes): then the bytes' axis fits the data and the ACKs, and the
	 * edge runs above it, as the legend says (the window's plot view does
	 * the same, gui/views/plot.c) */
	double ydata = 0, ywin = 0;
	for (size_t i = 0; i < p->n; i++) {
		const struct plot_point *q = &p->v[i];
		if (q->mark == PM_WINDOW)
			ywin = q->y0 > ywin ? q->y0 : ywin;
		else
			ydata = q->y1 > ydata ? q->y1 : ydata;
	}
	if (p->kind == PLOT_TSG && ydata > 0 && ywin > 2 * ydata) {
		f.win_above = 1;
		f.ymax = ydata * 1.1;
	}
	fprintf(out,
	        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"560\" "
	        "viewBox=\"0 0 900 560\">\n<rect width=\"900\" height=\"560\" fill=\"#fff\"/>\n");
	fprintf(out,
	        "<text x=\"%.1f\" y=\"30\" font-size=\"16\" font-weight=\"bold\" "
	        "font-family=\"DejaVu Sans, sans-serif\">",
	        LEFT);
	put_escaped(out, p->title);
	fputs("</text>\n", out);
	axes(out, &f, p->kind == PLOT_TSG ? "relative sequence number (bytes)" : "bytes");
	double lx = LEFT, ly = 52; /* the legend: rows under the title */
	for (size_t k = 0; k < sizeof styles / sizeof *styles; k++) {
		const struct style *st = &styles[k];
		int used = 0;
		for (size_t i = 0; i < p->n && !used; i++)
			used = p->v[i].mark == st->mark;
		if (!used)
			continue;
		const char *name = st->name;
		if (st->mark == PM_WINDOW && f.win_above)
			name = "window edge (above)";
		else
			series(out, p, &f, st);
		double wide = 40 + 7.0 * (double)strlen(name);
		if (lx + wide > W - RIGHT) {
			lx = LEFT;
			ly += 18;
		}
		fprintf(out,
		        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
		        "stroke-width=\"2\"%s%s%s/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
		        "font-family=\"DejaVu Sans, sans-serif\">%s</text>\n",
		        lx, ly, lx + 24, ly, st->colour, *st->dash ? " stroke-dasharray=\"" : "",
		        st->dash, *st->dash ? "\"" : "", lx + 30, ly + 4, name);
		lx += wide;
	}
	fputs("</svg>\n", out);
	return fflush(out) != 0 || ferror(out) ? OUT_EWRITE : OUT_OK;
}
