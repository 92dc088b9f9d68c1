/* test_svg: out_svg() draws a well-formed ladder with a label for every
 * segment, marks losses, retransmissions, TIME_WAIT's 2MSL and compressed
 * gaps, escapes text, and honours the time range; out_svg_compare() draws
 * two runs' ladders on one axis with their first divergence marked.  xmllint checks the XML
 * when installed (skipped with a message otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compare.h"
#include "fixture_trace.h"
#include "oom.h"
#include "output.h"
#include "sim.h"
#include "xml_check.h"

/* What was written to the temporary file f, which it closes; NULL on
 * failure. */
static char *read_back(FILE *f)
{
	long len = ftell(f);
	rewind(f);
	char *buf = calloc((size_t)len + 1, 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static char *svg_of(const struct fixture *fx, simtime_t from, simtime_t to)
{
	FILE *f = tmpfile();
	if (!f)
		return NULL;
	CHECK_INT(out_svg(f, &fx->scn, &fx->tr, from, to), 0);
	return read_back(f);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void every_segment_has_its_label(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *svg = svg_of(&fx, 0, 0);
	CHECK(svg != NULL);
	if (!svg)
		return;
	check_xml(svg, "full ladder");
	CHECK(strncmp(svg, "<?xml", 5) == 0);
	CHECK_INT(count(svg, "class=\"seg-label\""), fx.tr.nsegs);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	for (uint32_t i = 0; i < fx.tr.nsegs; i++) {
		char label[160], esc[320], *o = esc;
		fmt_seg_label(c, i, label, sizeof label);
		for (const char *p = label; *p; p++) /* labels hold only '<' '>' to escape */
			o += sprintf(o, "%s",
			             *p == '<'   ? "&lt;"
			             : *p == '>' ? "&gt;"
			                         : (char[2]){*p, 0});
		char want[400];
		snprintf(want, sizeof want, ">%s</text>", esc);
		CHECK(strstr(svg, want) != NULL);
		char id[40];
		snprintf(id, sizeof id, "data-seg=\"%u\"", (unsigned)i);
		CHECK_INT(count(svg, id), 1);
	}
	fmt_ctx_free(c);
	free(svg);
	fx_free(&fx);
}

static void losses_retransmissions_and_2msl_are_drawn(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *svg = svg_of(&fx, 0, 0);
	CHECK_INT(count(svg, "class=\"seg lost\""), 1);
	CHECK_INT(count(svg, "class=\"seg retx\""), 1);
	CHECK_INT(count(svg, "class=\"cross\""), 2);          /* the lost segment and the legend */
	CHECK_INT(count(svg, "stroke-dasharray=\"7 4\""), 2); /* retransmission and legend */
	CHECK_INT(count(svg, "class=\"msl\""), 1);
	CHECK(strstr(svg, ">2MSL 60.0 s</text>") != NULL);
	/* 60 s of TIME_WAIT become one break, not 60 s of empty page. */
	CHECK(strstr(svg, ">\xe2\x80\xa6 60.0 s \xe2\x80\xa6</text>") != NULL);
	CHECK(strstr(svg, ">TIME_WAIT</text>") != NULL);
	CHECK(strstr(svg, ">SYN_SENT</text>") != NULL);
	CHECK(strstr(svg, ">0.100</text>") != NULL);
	const char *h = strstr(svg, "height=\"");
	CHECK(h && atoi(h + 8) < 2000);
	/* Host names, addresses and an escaped title. */
	CHECK(strstr(svg, ">client</text>") && strstr(svg, ">10.0.0.2</text>"));
	CHECK(strstr(svg, ">Fixture &lt;&amp;&gt; &quot;run&quot;</text>") != NULL);
	free(svg);
	fx_free(&fx);
}

static void time_range_selects_segments(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *svg = svg_of(&fx, 1 * SIMTIME_S, 1300 * FX_MS);
	check_xml(svg, "range");
	CHECK_INT(count(svg, "class=\"seg-label\""), 2); /* the retransmission and its ACK */
	CHECK(strstr(svg, "seq=1:1001") != NULL);
	CHECK(strstr(svg, "SYN") == NULL);
	free(svg);
	svg = svg_of(&fx, 100 * SIMTIME_S, 0);
	check_xml(svg, "empty range");
	CHECK_INT(count(svg, "class=\"seg-label\""), 0);
	CHECK(strstr(svg, "(no segments in this time range)") != NULL);
	free(svg);
	fx_free(&fx);
}

static void empty_trace_is_still_a_picture(void)
{
	struct fixture fx;
	fx_build(&fx);
	trace_free(&fx.tr);
	trace_init(&fx.tr);
	fx.scn.title = NULL;
	char *svg = svg_of(&fx, 0, 0);
	check_xml(svg, "empty trace");
	CHECK(svg && strstr(svg, "</svg>\n") != NULL);
	free(svg);
	fx_free(&fx);
}

/* Out of memory: an error for the caller, nothing written, no abort(). */
static void out_of_memory_writes_nothing(void)
{
	struct fixture fx;
	fx_build(&fx);
	oom_fill(&fx.tr, 20000);
	FILE *f = tmpfile();
	if (f && oom_begin(__func__)) {
		int rc = out_svg(f, &fx.scn, &fx.tr, 0, 0);
		oom_end();
		CHECK_INT(rc, OUT_ENOMEM);
		CHECK_INT(ftell(f), 0);
	}
	if (f)
		fclose(f);
	fx_free(&fx);
}

/* A run of tests/data/NAME under profile (-1: the file's), finished. */
struct frun {
	struct scenario scn;
	struct sim *sim;
};

static int frun_open(struct frun *r, const char *name, int profile)
{
	char path[1200];
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	snprintf(path, sizeof path, "%s/tests/data/%s", src ? src : ".", name);
	struct scn_diags d = {0};
	int rc = scn_load_file_as(path, profile, &r->scn, &d);
	scn_diags_free(&d);
	CHECK_INT(rc, 0);
	if (rc)
		return -1;
	r->sim = sim_new(&r->scn, NULL);
	CHECK(r->sim != NULL);
	if (!r->sim) {
		scn_free(&r->scn);
		return -1;
	}
	sim_run(r->sim);
	return 0;
}

static void frun_close(struct frun *r)
{
	sim_free(r->sim);
	scn_free(&r->scn);
}

/* The double ladder of a and b, as text; NULL on failure. */
static char *double_svg(struct frun *a, struct frun *b, struct compare *c)
{
	struct cmp_run xa = {&a->scn, sim_trace(a->sim), "run A", "base", 0};
	struct cmp_run xb = {&b->scn, sim_trace(b->sim), "run B", "other", 0};
	CHECK_INT(compare_build(c, xa.tr, xb.tr), 0);
	FILE *f = tmpfile();
	if (!f)
		return NULL;
	CHECK_INT(out_svg_compare(f, c, &xa, &xb), 0);
	return read_back(f);
}

/* The y1 of the n-th divergence band (from 0), or -1. */
static double band_y(const char *svg, int n)
{
	const char *p = svg;
	for (int i = 0; i <= n && p; i++) {
		p = strstr(p, "class=\"divergence\"");
		if (p && i < n)
			p++;
	}
	const char *y = p ? strstr(p, "y1=\"") : NULL;
	return y ? atof(y + 4) : -1;
}

static void the_double_ladder_marks_the_divergence_on_one_axis(void)
{
	struct frun a, b;
	if (frun_open(&a, "cmp_base.tcps", -1) || frun_open(&b, "cmp_synack.tcps", -1))
		return;
	struct compare c;
	char *svg = double_svg(&a, &b, &c);
	CHECK(svg != NULL);
	if (svg) {
		check_xml(svg, "double ladder");
		/* both runs' segments, each once */
		CHECK_INT(count(svg, "<g class=\"seg"),
		          (int)(sim_trace(a.sim)->nsegs + sim_trace(b.sim)->nsegs));
		CHECK_INT(count(svg, "class=\"title\""), 2);
		/* the SYN,ACK (segment 1 of both) under a band on each ladder, at
		 * the same height: one time axis */
		CHECK_INT(count(svg, "class=\"divergence\""), 2);
		CHECK(band_y(svg, 0) > 0 && band_y(svg, 0) == band_y(svg, 1));
		const char *first = strstr(svg, "class=\"divergence\"");
		const char *next = first ? strstr(first, "data-seg=\"") : NULL;
		CHECK(next && strncmp(next, "data-seg=\"1\"", 12) == 0);
		CHECK(strstr(svg, ">Run B: the server&apos;s SYN,ACK sent at 0.110000s is lost; "
		                  "run A: it arrives.</text>") != NULL);
		CHECK(strstr(svg, "\xe2\x89\xa0") == NULL); /* no run lacks it */
	}
	free(svg);
	compare_free(&c);
	frun_close(&b);
	/* under rfc9293 run B's FIN comes before the delayed ACK: run A has
	 * no counterpart there, a dashed band marked "≠" on its ladder */
	if (frun_open(&b, "cmp_base.tcps", PROFILE_RFC9293) == 0) {
		svg = double_svg(&a, &b, &c);
		CHECK(svg != NULL);
		if (svg) {
			check_xml(svg, "double ladder, rfc9293");
			CHECK_INT(count(svg, "class=\"divergence\""), 2);
			CHECK_INT(count(svg, "stroke-dasharray=\"10 6\""), 1);
			CHECK_INT(count(svg, "\xe2\x89\xa0"), 1);
			CHECK(band_y(svg, 0) == band_y(svg, 1));
		}
		free(svg);
		compare_free(&c);
		frun_close(&b);
	}
	/* the same run twice: no band */
	if (frun_open(&b, "cmp_base.tcps", -1) == 0) {
		svg = double_svg(&a, &b, &c);
		CHECK(svg && count(svg, "class=\"divergence\"") == 0 &&
		      strstr(svg, ">The runs agree: 8 segments, the same in both.</text>"));
		free(svg);
		compare_free(&c);
		frun_close(&b);
	}
	frun_close(&a);
}

int main(void)
{
	oom_init();
	RUN(every_segment_has_its_label);
	RUN(losses_retransmissions_and_2msl_are_drawn);
	RUN(time_range_selects_segments);
	RUN(empty_trace_is_still_a_picture);
	RUN(out_of_memory_writes_nothing);
	RUN(the_double_ladder_marks_the_divergence_on_one_axis);
	return check_report("test_svg");
}
