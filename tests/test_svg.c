/* test_svg: out_svg() draws a well-formed ladder with a label for every
 * segment, marks losses, retransmissions, TIME_WAIT's 2MSL and compressed
 * gaps, escapes text, and honours the time range.  xmllint checks the XML
 * when installed (skipped with a message otherwise). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "fixture_trace.h"
#include "oom.h"
#include "output.h"

static char *svg_of(const struct fixture *fx, simtime_t from, simtime_t to)
{
	FILE *f = tmpfile();
	if (!f)
		return NULL;
	CHECK_INT(out_svg(f, &fx->scn, &fx->tr, from, to), 0);
	long len = ftell(f);
	rewind(f);
	char *buf = calloc((size_t)len + 1, 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

/* xmllint --noout on the text; -1 when xmllint is missing. */
static int xml_ok(const char *svg)
{
	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		return -1;
	char path[] = "/tmp/tcpsim-svg-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	size_t len = strlen(svg);
	int ok = write(fd, svg, len) == (ssize_t)len;
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
	ok = ok && system(cmd) == 0;
	unlink(path);
	return ok;
}

static void check_xml(const char *svg, const char *what)
{
	int ok = xml_ok(svg);
	if (ok < 0)
		printf("SKIP xmllint (%s): xmllint not installed\n", what);
	else
		CHECK(ok == 1);
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

int main(void)
{
	oom_init();
	RUN(every_segment_has_its_label);
	RUN(losses_retransmissions_and_2msl_are_drawn);
	RUN(time_range_selects_segments);
	RUN(empty_trace_is_still_a_picture);
	RUN(out_of_memory_writes_nothing);
	return check_report("test_svg");
}
