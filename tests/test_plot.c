/* test_plot: plot_build() turns a real run into the time-sequence graph and
 * the congestion-window plot a student reads: every data segment once,
 * retransmissions and losses marked, the ACK line never falling, the
 * window's edge never below it, cwnd cut after a loss; a run without data
 * is OUT_EMPTY; out_plot_svg() writes well-formed XML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "output.h"
#include "sim.h"
#include "xml_check.h"

/* 60 KiB over a link that loses 8% (lesson 19's link and seed). */
static const char LOSSY[] = "seed 4\n"
                            "host client 10.0.0.1\n"
                            "host server 10.0.0.2\n"
                            "link delay=20ms loss=8%\n"
                            "at 0s server listen 80\n"
                            "at 100ms client connect server:80\n"
                            "at 300ms client send 60KiB\n"
                            "at 20s client close\n"
                            "on server CLOSE_WAIT server close\n";

/* The handshake and the close, no data. */
static const char NO_DATA[] = "host client 10.0.0.1\n"
                              "host server 10.0.0.2\n"
                              "at 0s server listen 80\n"
                              "at 100ms client connect server:80\n"
                              "at 1s client close\n"
                              "on server CLOSE_WAIT server close\n";

struct run {
	struct scenario scn;
	struct sim *sim;
};

static int run_text(struct run *r, const char *text)
{
	struct scn_diags d = {0};
	memset(r, 0, sizeof *r);
	int n = scn_parse("test.tcps", text, strlen(text), &r->scn, &d);
	if (n)
		scn_diags_print(&d, "test.tcps", stderr);
	scn_diags_free(&d);
	CHECK_INT(n, 0);
	if (n)
		return -1;
	r->sim = sim_new(&r->scn, NULL);
	sim_run(r->sim);
	return 0;
}

static void run_free(struct run *r)
{
	sim_free(r->sim);
	scn_free(&r->scn);
}

static size_t count_marks(const struct plot *p, int mark)
{
	size_t n = 0;
	for (size_t i = 0; i < p->n; i++)
		n += p->v[i].mark == mark;
	return n;
}

static void tsg_marks_every_data_segment(void)
{
	struct run r;
	if (run_text(&r, LOSSY))
		return;
	const struct trace *tr = sim_trace(r.sim);
	struct plot p;
	CHECK_INT(plot_build(&r.scn, tr, PLOT_TSG, -1, &p), OUT_OK);
	CHECK_INT(p.sender, 0);
	CHECK(strstr(p.title, "client 10.0.0.1:") != NULL);
	/* One bar per data segment the client sent (copies made by the link
	 * are not sends). */
	size_t data = 0, retx = 0, lost = 0;
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *g = &tr->segs[i];
		if (g->from == 0 && g->h.len && !g->dup) {
			data++;
			retx += g->retx && !g->lost;
			lost += g->lost != 0;
		}
	}
	CHECK(lost > 0 && retx > 0); /* the seed loses data: the test needs it */
	CHECK_INT(count_marks(&p, PM_DATA) + count_marks(&p, PM_RETX) + count_marks(&p, PM_LOST),
	          data);
	CHECK_INT(count_marks(&p, PM_LOST), lost);
	CHECK_INT(count_marks(&p, PM_RETX), retx);
	/* 60 KiB of data: the highest byte is 60 KiB past the first (relative
	 * sequence 1); the close's FIN is not data. */
	double top = 0, last_ack = 0;
	simtime_t last_t = 0;
	int ack_falls = 0, window_below = 0, bars_ok = 1;
	for (size_t i = 0; i < p.n; i++) {
		const struct plot_point *v = &p.v[i];
		ack_falls |= v->t < last_t;
		last_t = v->t;
		if (v->mark <= PM_LOST) {
			bars_ok &= v->y1 > v->y0 && v->y0 >= 1;
			if (v->y1 > top)
				top = v->y1;
		} else if (v->mark == PM_ACK) {
			ack_falls |= v->y0 < last_ack;
			last_ack = v->y0;
			window_below |=
			    i + 1 >= p.n || p.v[i + 1].mark != PM_WINDOW || p.v[i + 1].y0 < v->y0;
		}
	}
	CHECK(bars_ok);
	CHECK(top == 1 + 60 * 1024);
	CHECK(!ack_falls);      /* time order, and the cumulative ACK only grows */
	CHECK(!window_below);   /* each ACK has its window edge, at or above it */
	CHECK(last_ack >= top); /* everything was acknowledged in the end */
	CHECK(count_marks(&p, PM_SACK) > 0);
	plot_free(&p);
	run_free(&r);
}

static void cwnd_is_cut_after_a_loss(void)
{
	struct run r;
	if (run_text(&r, LOSSY))
		return;
	struct plot p;
	CHECK_INT(plot_build(&r.scn, sim_trace(r.sim), PLOT_CWND, 0, &p), OUT_OK);
	CHECK(count_marks(&p, PM_CWND) > 0 && count_marks(&p, PM_FLIGHT) > 0);
	CHECK(count_marks(&p, PM_SSTHRESH) > 0); /* set by the first loss */
	CHECK(count_marks(&p, PM_RWND) > 0);
	double peak = 0;
	int cut = 0, flight_neg = 0;
	for (size_t i = 0; i < p.n; i++) {
		const struct plot_point *v = &p.v[i];
		if (v->mark == PM_CWND) {
			if (v->y0 > peak)
				peak = v->y0;
			else if (v->y0 <= peak * 0.75)
				cut = 1; /* CUBIC's cut is to 0.7 of the window */
		}
		flight_neg |= v->mark == PM_FLIGHT && v->y0 < 0;
	}
	CHECK(peak > 0);
	CHECK(cut);
	CHECK(!flight_neg);
	/* the line follows the ACKs down: once the last ACK is in, nothing is
	 * in flight (it used to hold the value of the last send) */
	const struct plot_point *last = NULL;
	for (size_t i = 0; i < p.n; i++)
		if (p.v[i].mark == PM_FLIGHT)
			last = &p.v[i];
	CHECK(last && last->y0 == 0);
	plot_free(&p);
	run_free(&r);
}

static void a_run_without_data_is_empty(void)
{
	struct run r;
	if (run_text(&r, NO_DATA))
		return;
	struct plot p;
	CHECK_INT(plot_build(&r.scn, sim_trace(r.sim), PLOT_TSG, -1, &p), OUT_EMPTY);
	plot_free(&p);
	/* The server sends no data in LOSSY either. */
	run_free(&r);
	if (run_text(&r, LOSSY))
		return;
	CHECK_INT(plot_build(&r.scn, sim_trace(r.sim), PLOT_CWND, 1, &p), OUT_EMPTY);
	plot_free(&p);
	run_free(&r);
}

static void svg_is_well_formed(void)
{
	struct run r;
	if (run_text(&r, LOSSY))
		return;
	for (int kind = PLOT_TSG; kind <= PLOT_CWND; kind++) {
		struct plot p;
		CHECK_INT(plot_build(&r.scn, sim_trace(r.sim), kind, -1, &p), OUT_OK);
		FILE *f = tmpfile();
		if (!f) {
			plot_free(&p);
			continue;
		}
		CHECK_INT(out_plot_svg(f, &p), OUT_OK);
		long len = ftell(f);
		rewind(f);
		char *svg = calloc((size_t)len + 1, 1);
		if (svg && fread(svg, 1, (size_t)len, f) == (size_t)len) {
			CHECK(strstr(svg, "10.0.0.1:") != NULL); /* the title, escaped */
			CHECK(strstr(svg, kind == PLOT_TSG ? "time-sequence graph"
			                                   : "congestion window") != NULL);
			CHECK(strstr(svg, "</svg>\n") != NULL);
			check_xml(svg, kind == PLOT_TSG ? "tsg" : "cwnd");
		}
		free(svg);
		fclose(f);
		plot_free(&p);
	}
	run_free(&r);
}

int main(void)
{
	RUN(tsg_marks_every_data_segment);
	RUN(cwnd_is_cut_after_a_loss);
	RUN(a_run_without_data_is_empty);
	RUN(svg_is_well_formed);
	return check_report("test_plot");
}
