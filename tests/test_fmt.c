/* test_fmt: the text trace (fmt_record, fmt_segment, fmt_seg_label,
 * out_trace) on hand-built traces: tcpdump's lines and relative numbers,
 * the per-host views, and every other kind of record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fixture_trace.h"
#include "oom.h"
#include "output.h"

/* out_trace into a string (caller frees). */
static char *trace_text(const struct scenario *scn, const struct trace *tr, int absolute,
                        int at_host)
{
	struct fmt_opts o = {absolute, at_host};
	FILE *f = tmpfile();
	if (!f)
		return NULL;
	CHECK_INT(out_trace(f, scn, tr, &o), 0);
	long len = ftell(f);
	rewind(f);
	char *buf = calloc((size_t)len + 1, 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static const char wire_golden[] =
    "0.000000 server listen 9502 -> ok\n"
    "0.000000 server 0.0.0.0:9502 CLOSED -> LISTEN (listen)\n"
    "0.100000 client connect 10.0.0.2:9502 -> ok\n"
    "0.100000 client 10.0.0.1:40000 CLOSED -> SYN_SENT (connect)\n"
    "0.100000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [S], seq 1000, win 65535, options [mss "
    "1460,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0\n"
    "0.110000 server.2 10.0.0.2:9502 LISTEN -> SYN_RCVD (rcv SYN)\n"
    "0.110000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65535, "
    "options [mss 1460,sackOK,TS val 200 ecr 100,nop,wscale 7], length 0\n"
    "0.120000 client 10.0.0.1:40000 SYN_SENT -> ESTABLISHED (rcv SYN,ACK)\n"
    "0.120000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [.], ack 1, win 502, options [nop,nop,TS "
    "val 120 ecr 200], length 0\n"
    "0.130000 server.2 10.0.0.2:9502 SYN_RCVD -> ESTABLISHED (rcv ACK)\n"
    "0.200000 client send 1000 bytes -> ok\n"
    "0.200000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1, win 502, options "
    "[nop,nop,TS val 200 ecr 200], length 1000\n"
    "0.200000 link lost 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1 (loss 10%)\n"
    "0.200000 client send \"hello\\n\" (6 bytes) -> ok\n"
    "0.200000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1001:1007, ack 1, win 502, "
    "options [nop,nop,TS val 200 ecr 200], length 6\n"
    "0.210000 server out-of-order data queued: PSH,ACK seq=1001:1007 ack=1\n"
    "0.210000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1, win 502, options [nop,nop,TS "
    "val 210 ecr 200,nop,nop,sack 1 {1001:1007}], length 0\n"
    "1.200000 client 10.0.0.1:40000 timer retransmit fired (rto 1.000s, attempt 1)\n"
    "1.200000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1, win 502, options "
    "[nop,nop,TS val 1200 ecr 210], length 1000\n"
    "1.200000 client retransmission: PSH,ACK seq=1:1001 ack=1\n"
    "1.210000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1007, win 502, options [nop,nop,TS "
    "val 1210 ecr 1200], length 0\n"
    "2.000000 client close -> ok\n"
    "2.000000 client 10.0.0.1:40000 ESTABLISHED -> FIN_WAIT_1 (close)\n"
    "2.000000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [F.], seq 1007, ack 1, win 502, options "
    "[nop,nop,TS val 2000 ecr 1210], length 0\n"
    "2.010000 server.2 10.0.0.2:9502 ESTABLISHED -> CLOSE_WAIT (rcv FIN,ACK)\n"
    "2.010000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1008, win 502, options [nop,nop,TS "
    "val 2010 ecr 2000], length 0\n"
    "2.020000 client 10.0.0.1:40000 FIN_WAIT_1 -> FIN_WAIT_2 (rcv ACK)\n"
    "2.050000 server close -> ok\n"
    "2.050000 server.2 10.0.0.2:9502 CLOSE_WAIT -> LAST_ACK (close)\n"
    "2.050000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [F.], seq 1, ack 1008, win 502, options "
    "[nop,nop,TS val 2050 ecr 2000], length 0\n"
    "2.060000 client 10.0.0.1:40000 FIN_WAIT_2 -> TIME_WAIT (rcv FIN,ACK)\n"
    "2.060000 note \"2MSL starts \\\"now\\\"\"\n"
    "2.060000 client 10.0.0.1:40000 timer 2MSL armed, fires at 62.060000\n"
    "2.060000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [.], ack 2, win 502, options [nop,nop,TS "
    "val 2060 ecr 2050], length 0\n"
    "2.070000 server.2 10.0.0.2:9502 LAST_ACK -> CLOSED (rcv ACK)\n"
    "62.060000 client 10.0.0.1:40000 timer 2MSL fired\n"
    "62.060000 client 10.0.0.1:40000 TIME_WAIT -> CLOSED (timer 2MSL)\n"
    "62.060000 expect line 17 held: client CLOSED\n";

static void wire_view_prints_tcpdump_lines_and_causes(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *out = trace_text(&fx.scn, &fx.tr, 0, -1);
	CHECK_STR(out, wire_golden);
	free(out);
	fx_free(&fx);
}

/* What tcpdump on the client shows: its sends (the lost one too: it left
 * the host), arrivals at arrival time, its own records, never the server's. */
static void host_view_is_that_hosts_capture(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *out = trace_text(&fx.scn, &fx.tr, 0, FX_C);
	CHECK(
	    out &&
	    strstr(out,
	           "0.120000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001,"));
	CHECK(
	    out &&
	    strstr(out,
	           "0.220000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1, win 502, "
	           "options [nop,nop,TS val 210 ecr 200,nop,nop,sack 1 {1001:1007}], length 0\n"));
	CHECK(out &&
	      strstr(out, "0.200000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001,"));
	CHECK(out && !strstr(out, "link lost"));
	CHECK(out && !strstr(out, "server"));
	CHECK(out && strstr(out, "2.060000 note "));
	CHECK(out && strstr(out, "62.060000 expect line 17 held"));
	free(out);

	/* The server never saw the lost segment: 1001:1007 arrives first. */
	out = trace_text(&fx.scn, &fx.tr, 0, FX_S);
	CHECK(out &&
	      strstr(
	          out,
	          "0.210000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1001:1007, ack 1,"));
	CHECK(out &&
	      strstr(out,
	             "1.210000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1,"));
	CHECK(out && !strstr(out, "0.200000 IP"));
	CHECK(out && !strstr(out, "client 10.0.0.1") && !strstr(out, "client timer"));
	free(out);
	fx_free(&fx);
}

static void absolute_numbers_with_S(void)
{
	struct fixture fx;
	fx_build(&fx);
	char *out = trace_text(&fx.scn, &fx.tr, 1, -1);
	CHECK(out &&
	      strstr(out,
	             "0.120000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [.], ack 5001, win 502,"));
	CHECK(out &&
	      strstr(out,
	             "Flags [.], ack 1001, win 502, options [nop,nop,TS val 210 ecr 200,nop,nop,"
	             "sack 1 {2001:2007}], length 0"));
	CHECK(
	    out &&
	    strstr(out,
	           "0.200000 link lost 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1001:2001, "
	           "ack 5001 (loss 10%)"));
	free(out);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	char buf[256];
	fmt_segment(c, 3, 1, buf, sizeof buf);
	CHECK_STR(buf,
	          "10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1001:2001, ack 5001, win 502, "
	          "options [nop,nop,TS val 200 ecr 200], length 1000");
	fmt_segment(c, 3, 0, buf, sizeof buf);
	CHECK_STR(buf, "10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1, win 502, "
	               "options [nop,nop,TS val 200 ecr 200], length 1000");
	fmt_ctx_free(c);
	fx_free(&fx);
}

static void ladder_labels_are_relative_to_each_isn(void)
{
	static const char *const want[] = {
	    "SYN seq=0 win=65535 <mss 1460>",
	    "SYN,ACK seq=0 ack=1 win=65535 <mss 1460>",
	    "ACK ack=1",
	    "PSH,ACK seq=1:1001 ack=1",
	    "PSH,ACK seq=1001:1007 ack=1",
	    "ACK ack=1 <sack 1001:1007>",
	    "PSH,ACK seq=1:1001 ack=1",
	    "ACK ack=1007",
	    "FIN,ACK seq=1007 ack=1",
	    "ACK ack=1008",
	    "FIN,ACK seq=1 ack=1008",
	    "ACK ack=2",
	};
	struct fixture fx;
	fx_build(&fx);
	CHECK_INT(fx.tr.nsegs, sizeof want / sizeof want[0]);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	char buf[128];
	for (uint32_t i = 0; i < fx.tr.nsegs && i < sizeof want / sizeof want[0]; i++) {
		fmt_seg_label(c, i, buf, sizeof buf);
		CHECK_STR(buf, want[i]);
	}
	CHECK_INT(fmt_seg_label(c, 999, buf, sizeof buf), 0);
	fmt_ctx_free(c);
	fx_free(&fx);
}

static void records_outside_a_view_print_nothing(void)
{
	struct fixture fx;
	fx_build(&fx);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	struct fmt_opts wire = {0, -1}, client = {0, FX_C};
	char buf[256];
	for (uint32_t k = 0; k < fx.tr.n; k++) {
		const struct trace_rec *r = &fx.tr.recs[k];
		if (r->kind == TR_SEG_ARRIVE)
			CHECK_INT(fmt_record(c, k, &wire, buf, sizeof buf), 0);
		if (r->kind == TR_SEG_LOST || (r->kind == TR_STATE && r->host == FX_S))
			CHECK_INT(fmt_record(c, k, &client, buf, sizeof buf), 0);
		if (r->kind == TR_TIMER_ARM && r->sub == TIMER_RETRANSMIT)
			CHECK_INT(fmt_record(c, k, &wire, buf, sizeof buf), 0);
	}
	CHECK_INT(fmt_record(c, fx.tr.n, &wire, buf, sizeof buf), 0);
	/* A short buffer: clipped, NUL-terminated, full length returned. */
	char small[12];
	int n = fmt_record(c, 0, &wire, small, sizeof small);
	CHECK_INT(n, (int)strlen("0.000000 server listen 9502 -> ok"));
	CHECK_STR(small, "0.000000 se");
	fmt_ctx_free(c);
	fx_free(&fx);
}

/* Rewrites the fixture's lost segment (index 3) with another reason. */
static char *lost_line(struct fixture *fx, int reason)
{
	fx->tr.segs[3].lost = (uint8_t)(reason + 1);
	for (uint32_t k = 0; k < fx->tr.n; k++)
		if (fx->tr.recs[k].kind == TR_SEG_LOST)
			fx->tr.recs[k].sub = (uint8_t)reason;
	char *out = trace_text(&fx->scn, &fx->tr, 0, -1);
	char *line = out ? strstr(out, "link lost") : NULL;
	char *res = NULL;
	if (line) {
		size_t n = strcspn(line, "\n");
		res = calloc(n + 1, 1);
		if (res)
			memcpy(res, line, n);
	}
	free(out);
	return res;
}

static void loss_reasons_are_named(void)
{
	struct fixture fx;
	fx_build(&fx);
	const char *head =
	    "link lost 10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1 ";
	char want[256], *got;

	struct scn_fault faults[2];
	memset(faults, 0, sizeof faults);
	faults[0] = (struct scn_fault){
	    .line = 7, .kind = FAULT_DROP_MATCH, .dir = DIR_BA, .match = MATCH_DATA, .nth = 1};
	faults[1] = (struct scn_fault){
	    .line = 8, .kind = FAULT_DROP_MATCH, .dir = DIR_AB, .match = MATCH_DATA, .nth = 1};
	fx.scn.faults = faults;
	fx.scn.nfaults = 2;
	got = lost_line(&fx, LOSS_FAULT);
	snprintf(want, sizeof want, "%s(scripted drop, line 8)", head);
	CHECK_STR(got, want);
	free(got);
	faults[1] =
	    (struct scn_fault){.line = 9, .kind = FAULT_DROP_SEGNO, .dir = DIR_BOTH, .nth = 3};
	got = lost_line(&fx, LOSS_FAULT);
	snprintf(want, sizeof want, "%s(scripted drop, line 9)", head);
	CHECK_STR(got, want);
	free(got);
	fx.scn.nfaults = 0;
	got = lost_line(&fx, LOSS_FAULT);
	snprintf(want, sizeof want, "%s(scripted drop)", head);
	CHECK_STR(got, want);
	free(got);

	got = lost_line(&fx, LOSS_QUEUE);
	snprintf(want, sizeof want, "%s(queue full)", head);
	CHECK_STR(got, want);
	free(got);
	got = lost_line(&fx, LOSS_HOST_DOWN);
	snprintf(want, sizeof want, "%s(server is down)", head);
	CHECK_STR(got, want);
	free(got);
	fx.tr.segs[3].h.dst = 0xc6336407u; /* 198.51.100.7 */
	got = lost_line(&fx, LOSS_NO_HOST);
	CHECK_STR(
	    got,
	    "link lost 10.0.0.1.40000 > 198.51.100.7.9502: Flags [P.], seq 1001:2001, ack 5001 "
	    "(no host at 198.51.100.7)");
	free(got);
	fx_free(&fx);

	fx_build(&fx);
	fx.scn.link[DIR_AB].loss_ppm = 2500;
	got = lost_line(&fx, LOSS_RANDOM);
	snprintf(want, sizeof want, "%s(loss 0.25%%)", head);
	CHECK_STR(got, want);
	free(got);
	fx_free(&fx);
}

/* tcpdump: only ACK segments use the table; the first one of an unseen
 * conversation prints absolute; an RST without ACK is always absolute. */
static void unseen_conversations_print_absolute_like_tcpdump(void)
{
	struct fixture fx;
	memset(&fx, 0, sizeof fx);
	fx.scn.nhosts = 2;
	strcpy(fx.scn.hosts[0].name, "client");
	fx.scn.hosts[0].addr = FX_CADDR;
	strcpy(fx.scn.hosts[1].name, "server");
	fx.scn.hosts[1].addr = FX_SADDR;
	trace_init(&fx.tr);
	struct segment g = fx_hdr(FX_C, TH_SYN, 1000, 0, 0);
	fx_send(&fx.tr, 0, FX_C, 1, &g, 0, 0);
	g = fx_hdr(FX_S, TH_RST | TH_ACK, 0, 1001, 0); /* refused */
	g.wnd = 0;
	fx_send(&fx.tr, 10 * FX_MS, FX_S, -1, &g, 0, 0);
	g = fx_hdr(FX_S, TH_ACK, 7000, 1001, 0); /* same ports, now seen */
	fx_send(&fx.tr, 20 * FX_MS, FX_S, -1, &g, 0, 0);
	g = fx_hdr(FX_C, TH_RST, 1001, 0, 0);
	fx_send(&fx.tr, 30 * FX_MS, FX_C, 1, &g, 0, 0);
	char *out = trace_text(&fx.scn, &fx.tr, 0, -1);
	CHECK_STR(
	    out,
	    "0.000000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [S], seq 1000, win 502, length 0\n"
	    "0.010000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [R.], seq 0, ack 1001, win 0, "
	    "length 0\n"
	    "0.020000 IP 10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1, win 502, length 0\n"
	    "0.030000 IP 10.0.0.1.40000 > 10.0.0.2.9502: Flags [R], seq 1001, win 502, length 0\n");
	free(out);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	char buf[128];
	fmt_seg_label(c, 1, buf, sizeof buf);
	CHECK_STR(buf, "RST,ACK seq=0 ack=1 win=0");
	fmt_ctx_free(c);
	fx_free(&fx);
}

/* Relative numbers survive an ISN just below 2^32. */
static void sequence_numbers_wrap(void)
{
	struct fixture fx;
	memset(&fx, 0, sizeof fx);
	fx.scn.nhosts = 2;
	strcpy(fx.scn.hosts[0].name, "client");
	strcpy(fx.scn.hosts[1].name, "server");
	trace_init(&fx.tr);
	uint32_t ci = 4294967000u, si = 4294967295u;
	struct segment g = fx_hdr(FX_C, TH_SYN, ci, 0, 0);
	fx_send(&fx.tr, 0, FX_C, 1, &g, 0, 0);
	g = fx_hdr(FX_S, TH_SYN | TH_ACK, si, ci + 1, 0);
	fx_send(&fx.tr, 10 * FX_MS, FX_S, 2, &g, 0, 0);
	g = fx_hdr(FX_C, TH_PSH | TH_ACK, ci + 1, si + 1, 1000);
	fx_send(&fx.tr, 20 * FX_MS, FX_C, 1, &g, 0, 0);
	g = fx_hdr(FX_S, TH_ACK, si + 1, ci + 1001, 0);
	fx_send(&fx.tr, 30 * FX_MS, FX_S, 2, &g, 0, 0);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	char buf[256];
	fmt_segment(c, 2, 0, buf, sizeof buf);
	CHECK_STR(
	    buf,
	    "10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 1:1001, ack 1, win 502, length 1000");
	fmt_segment(c, 3, 0, buf, sizeof buf);
	CHECK_STR(buf, "10.0.0.2.9502 > 10.0.0.1.40000: Flags [.], ack 1001, win 502, length 0");
	fmt_segment(c, 2, 1, buf, sizeof buf);
	CHECK_STR(buf,
	          "10.0.0.1.40000 > 10.0.0.2.9502: Flags [P.], seq 4294967001:705, ack 0, win 502, "
	          "length 1000");
	fmt_seg_label(c, 3, buf, sizeof buf);
	CHECK_STR(buf, "ACK ack=1001");
	fmt_ctx_free(c);
	fx_free(&fx);
}

/* Options without timestamps take Linux's nop padding. */
static void options_use_linux_layout(void)
{
	struct fixture fx;
	memset(&fx, 0, sizeof fx);
	trace_init(&fx.tr);
	struct segment g = fx_hdr(FX_C, TH_SYN, 1, 0, 0);
	g.opt_mss = 536;
	g.opt_sackok = 1;
	g.opt_wscale = 0;
	fx_send(&fx.tr, 0, FX_C, 1, &g, 0, 0);
	g = fx_hdr(FX_C, TH_SYN, 1, 0, 0);
	g.opt_mss = 1460;
	g.opt_ts = 1;
	g.ts_val = 5;
	fx_send(&fx.tr, 0, FX_C, 1, &g, 0, 0);
	g = fx_hdr(FX_C, TH_ACK, 1, 1, 0);
	g.nsack = 3;
	for (int i = 0; i < 3; i++) {
		g.sack[i][0] = 100u * (uint32_t)i + 10;
		g.sack[i][1] = 100u * (uint32_t)i + 20;
	}
	g.opt_ts = 1;
	fx_send(&fx.tr, 0, FX_C, 1, &g, 0, 0);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	char buf[256];
	fmt_segment(c, 0, 1, buf, sizeof buf);
	CHECK_STR(buf, "10.0.0.1.40000 > 10.0.0.2.9502: Flags [S], seq 1, win 502, "
	               "options [mss 536,nop,nop,sackOK,nop,wscale 0], length 0");
	fmt_segment(c, 1, 1, buf, sizeof buf);
	CHECK_STR(buf, "10.0.0.1.40000 > 10.0.0.2.9502: Flags [S], seq 1, win 502, "
	               "options [mss 1460,nop,nop,TS val 5 ecr 0], length 0");
	fmt_segment(c, 2, 1, buf, sizeof buf);
	CHECK_STR(
	    buf,
	    "10.0.0.1.40000 > 10.0.0.2.9502: Flags [.], ack 1, win 502, options [nop,nop,TS val 0 "
	    "ecr 0,nop,nop,sack 3 {10:20}{110:120}{210:220}], length 0");
	fmt_ctx_free(c);
	/* an info line about a SYN names all its options, not the MSS alone */
	fx_rec(&fx.tr, 0, TR_INFO, FX_S, -1, 0);
	fx.tr.recs[fx.tr.n - 1].sub = INFO_TW_OLD_DUP;
	c = fmt_ctx_new(&fx.scn, &fx.tr);
	struct fmt_opts o = {.at_host = -1};
	fmt_record(c, fx.tr.n - 1, &o, buf, sizeof buf);
	CHECK(strstr(buf, "SYN seq=0 win=502 <mss 536,sackOK,wscale 0>") != NULL);
	if (!strstr(buf, "<mss 536,sackOK,wscale 0>"))
		fprintf(stderr, "  line: %s\n", buf);
	/* ... while the ladder's short label keeps the MSS alone */
	fmt_seg_label(c, 0, buf, sizeof buf);
	CHECK_STR(buf, "SYN seq=0 win=502 <mss 536>");
	fmt_ctx_free(c);
	fx_free(&fx);
}

static void calls_errors_and_expectations(void)
{
	struct fixture fx;
	fx_build(&fx);
	struct trace *tr = &fx.tr;
	trace_free(tr);
	trace_init(tr);
	struct trace_sock cs = {FX_C, 0, 1, FX_CADDR, FX_SADDR, 40000, 9502, 1000, 0};
	trace_set_sock(tr, 1, &cs);

	fx.events[0].act.backlog = 4;
	fx.events[1].act.from_port = 40000;
	struct scn_event ev[8];
	memcpy(ev, fx.events, sizeof fx.events);
	fx_event(&fx, 0, 20, 0, FX_C, ACT_FLOOD); /* reuse the helper on fx.events[0] */
	ev[6] = fx.events[0];
	ev[6].act.count = 100;
	ev[6].act.addr_lo = 0xc6336401u;
	ev[6].act.addr_hi = 0xc6336464u;
	ev[6].act.peer = FX_S;
	ev[6].act.port = 9502;
	ev[6].act.every = 10 * FX_MS;
	fx_event(&fx, 0, 21, 0, FX_C, ACT_STOP_READING);
	ev[7] = fx.events[0];
	ev[7].act.conn = 2;
	fx.scn.events = ev;
	fx.scn.nevents = 8;

	fx_call(tr, 0, FX_S, 0, ACT_LISTEN, 0, SE_OK);
	fx_call(tr, 1, FX_C, 1, ACT_CONNECT, 1, SE_ECONNREFUSED);
	fx_call(tr, 2, FX_C, -1, ACT_FLOOD, 6, SE_OK);
	fx_call(tr, 3, FX_C, 1, ACT_STOP_READING, 7, SE_OK);
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = 4;
	r.kind = TR_APP_ERROR;
	r.host = FX_C;
	r.sock = 1;
	r.seg = -1;
	r.u.error.err = SE_ECONNRESET;
	trace_add(tr, &r);
	fx_state(tr, 5, FX_C, 1, TCPS_ESTABLISHED, TCPS_CLOSED, ARROW_RST, CAUSE_SEGMENT, -1, 0,
	         -1);
	tr->recs[tr->n - 1].u.state.err = SE_ECONNRESET;
	fx_state(tr, 6, FX_C, 1, TCPS_SYN_SENT, TCPS_CLOSED, ARROW_SYNSENT_TIMEOUT, CAUSE_TIMER, -1,
	         TIMER_RETRANSMIT, -1);
	tr->recs[tr->n - 1].u.state.err = SE_ETIMEDOUT;
	fx_state(tr, 7, FX_C, 9, TCPS_CLOSED, TCPS_SYN_SENT, ARROW_ACTIVE_OPEN, CAUSE_CALL, -1, 0,
	         1);
	fx_timer(tr, 8, TR_TIMER_ARM, FX_C, 1, TIMER_FIN_WAIT_2, 60 * SIMTIME_S, 0);
	fx_timer(tr, 9, TR_TIMER_FIRE, FX_C, 1, TIMER_KEEPALIVE, 75 * SIMTIME_S, 3);
	memset(&r, 0, sizeof r);
	r.t = 10;
	r.kind = TR_EXPECT;
	r.host = 0xff;
	r.seg = -1;
	r.u.expect.seen = TCPS_FIN_WAIT_2;
	trace_add(tr, &r);
	fx.expects[0].state = TCPS_TIME_WAIT;
	fx.expects[0].conn = 2;

	char *out = trace_text(&fx.scn, tr, 0, -1);
	CHECK_STR(
	    out, "0.000000 server listen 9502 backlog=4 -> ok\n"
	         "0.000001 client connect 10.0.0.2:9502 from 40000 -> ECONNREFUSED (Connection "
	         "refused)\n"
	         "0.000002 client flood 100 SYNs from 198.51.100.1-198.51.100.100 to 10.0.0.2:9502 "
	         "every 10ms -> ok\n"
	         "0.000003 client.2 stop-reading -> ok\n"
	         "0.000004 client error ECONNRESET (Connection reset by peer)\n"
	         "0.000005 client 10.0.0.1:40000 ESTABLISHED -> CLOSED (rcv segment: ECONNRESET)\n"
	         "0.000006 client 10.0.0.1:40000 SYN_SENT -> CLOSED (timer retransmit: ETIMEDOUT)\n"
	         "0.000007 client sock 9 CLOSED -> SYN_SENT (connect)\n"
	         "0.000008 client 10.0.0.1:40000 timer FIN_WAIT_2 armed, fires at 60.000000\n"
	         "0.000009 client 10.0.0.1:40000 timer keepalive fired (probe 3)\n"
	         "0.000010 expect line 17 failed: client.2 TIME_WAIT, was FIN_WAIT_2\n");
	free(out);
	fx_free(&fx);
}

/* ---- out_trace keeps only what its view needs: same bytes as fmt_record ---- */

static uint32_t rnd(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (uint32_t)(*state >> 11);
}

static void rec_at(struct trace *tr, simtime_t t, int kind, int host, int32_t seg)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = t;
	r.kind = (uint8_t)kind;
	r.host = (uint8_t)host;
	r.sock = -1;
	r.seg = seg;
	r.sub = kind == TR_INFO ? INFO_RETRANSMIT : 0;
	trace_add(tr, &r);
}

/* A trace no engine would write, to corner the conversation tables:
 * thousands of conversations (most met once, as in a flood; some reused
 * with new SYNs; some a host talking to itself, seen leaving and arriving
 * at the same host), random flags, SACK blocks, losses, info lines before
 * and after their segment's send, and a note longer than any block. */
static void build_many_conversations(struct fixture *fx, char *note, size_t notelen)
{
	uint64_t st = 88172645463325252ull;
	static const uint8_t flags[] = {TH_SYN,          TH_SYN | TH_ACK, TH_ACK,
	                                TH_PSH | TH_ACK, TH_FIN | TH_ACK, TH_RST,
	                                TH_RST | TH_ACK, TH_ACK,          TH_ACK};
	trace_free(&fx->tr);
	trace_init(&fx->tr);
	struct trace *tr = &fx->tr;
	memset(note, 'n', notelen - 1);
	note[notelen - 1] = '\0';
	fx->notes[0].text = note;
	simtime_t t = 0;
	for (int i = 0; i < 20000; i++, t += 7) {
		struct segment g;
		memset(&g, 0, sizeof g);
		uint32_t r = rnd(&st);
		int from = (int)(r % 3); /* 2: a spoofed source */
		int self = r % 97 == 0;
		uint32_t pick = rnd(&st);
		/* half new conversations, half among 64 that recur */
		uint32_t conv = pick % 2 ? 1000 + (uint32_t)i : pick % 64;
		g.src = from == 0 ? FX_CADDR : from == 1 ? FX_SADDR : 0xc6336400u + conv % 200;
		g.dst = self ? g.src : from == 0 ? FX_SADDR : FX_CADDR;
		g.sport = (uint16_t)(1024 + conv);
		g.dport = (uint16_t)(self && conv % 2 ? g.sport : 80);
		if (rnd(&st) % 2 && !self) {
			uint32_t a = g.src;
			uint16_t p = g.sport;
			g.src = g.dst;
			g.sport = g.dport;
			g.dst = a;
			g.dport = p;
		}
		g.flags = flags[rnd(&st) % sizeof flags];
		g.seq = conv * 100000u + rnd(&st) % 5000u;
		g.ack = conv * 7777u + rnd(&st) % 5000u;
		g.len = rnd(&st) % 4 ? 0 : rnd(&st) % 1460u;
		g.wnd = (uint16_t)(rnd(&st) % 3 ? 502 : 0);
		g.opt_wscale = 0xff;
		g.opt_mss = g.flags & TH_SYN ? 1460 : 0;
		if (rnd(&st) % 5 == 0) {
			g.nsack = (uint8_t)(1 + rnd(&st) % SEG_MAX_SACK);
			for (int b = 0; b < g.nsack; b++) {
				g.sack[b][0] = g.ack + 1000u * (uint32_t)b;
				g.sack[b][1] = g.ack + 1000u * (uint32_t)b + 500u;
			}
		}
		struct trace_seg s;
		memset(&s, 0, sizeof s);
		s.h = g;
		s.sent = t;
		s.arrive = t + 3;
		s.sock = -1;
		s.from = (uint8_t)(from == 2 ? 0xff : from);
		s.to = (uint8_t)(self ? s.from : g.dst == FX_CADDR ? FX_C : FX_S);
		s.nth = (uint32_t)i + 1;
		int32_t k = (int32_t)trace_add_seg(tr, &s);
		int info_first = rnd(&st) % 7 == 0;
		if (info_first)
			rec_at(tr, t, TR_INFO, s.from == 0xff ? FX_S : s.from, k);
		rec_at(tr, t, TR_SEG_SEND, s.from, k);
		if (rnd(&st) % 9 == 0) {
			tr->segs[k].lost = LOSS_QUEUE + 1;
			rec_at(tr, t, TR_SEG_LOST, 0xff, k);
			tr->recs[tr->n - 1].sub = LOSS_QUEUE;
		} else if (s.to < SCN_MAX_HOSTS) {
			rec_at(tr, t + 3, TR_SEG_ARRIVE, s.to, k);
		}
		if (!info_first && rnd(&st) % 5 == 0)
			rec_at(tr, t + 3, TR_INFO, s.to < SCN_MAX_HOSTS ? s.to : FX_C, k);
		if (i == 12345) {
			rec_at(tr, t, TR_NOTE, 0xff, -1);
			tr->recs[tr->n - 1].u.note.index = 0;
		}
	}
}

/* Every fmt_record line of a view, each with its newline (caller frees). */
static char *lines_of(struct fmt_ctx *c, const struct trace *tr, const struct fmt_opts *o,
                      size_t *len)
{
	char *text = NULL, *line = NULL;
	size_t size = 0, lsize = 256;
	FILE *f = open_memstream(&text, &size);
	line = malloc(lsize);
	for (uint32_t k = 0; f && line && k < tr->n; k++) {
		int n = fmt_record(c, k, o, line, lsize);
		if ((size_t)n >= lsize) {
			lsize = (size_t)n + 1;
			line = realloc(line, lsize);
			n = line ? fmt_record(c, k, o, line, lsize) : 0;
		}
		if (n > 0)
			fprintf(f, "%s\n", line);
	}
	free(line);
	if (f)
		fclose(f);
	*len = size;
	return text;
}

static void out_trace_equals_fmt_record_in_every_view(void)
{
	struct fixture fx;
	fx_build(&fx);
	static char note[10000];
	build_many_conversations(&fx, note, sizeof note);
	struct fmt_ctx *c = fmt_ctx_new(&fx.scn, &fx.tr);
	CHECK(c != NULL);
	for (int at = -1; c && at <= FX_S; at++)
		for (int absolute = 0; absolute <= 1; absolute++) {
			struct fmt_opts o = {absolute, at};
			size_t want_len = 0, got_len = 0;
			char *want = lines_of(c, &fx.tr, &o, &want_len);
			char *got = NULL;
			FILE *f = open_memstream(&got, &got_len);
			CHECK_INT(out_trace(f, &fx.scn, &fx.tr, &o), OUT_OK);
			fclose(f);
			CHECK(want_len > 2 * 256 * 1024); /* several blocks */
			CHECK_INT(got_len, want_len);
			int same =
			    want && got && got_len == want_len && memcmp(got, want, got_len) == 0;
			if (!same)
				fprintf(stderr,
				        "out_trace differs from fmt_record: view %d, -S %d\n", at,
				        absolute);
			CHECK(same);
			CHECK(got && strstr(got, note) != NULL);
			free(want);
			free(got);
		}
	fmt_ctx_free(c);
	fx_free(&fx);
}

static void null_context_is_an_error_not_a_crash(void)
{
	char buf[16] = "x";
	struct fmt_opts o = {0, -1};
	CHECK_INT(fmt_record(NULL, 0, &o, buf, sizeof buf), -1);
	CHECK_INT(fmt_segment(NULL, 0, 0, buf, sizeof buf), -1);
	CHECK_INT(fmt_seg_label(NULL, 0, buf, sizeof buf), -1);
	CHECK_STR(buf, "");
}

/* Memory running out is an error the caller prints, never abort(): the
 * output buffer (a small trace) and the conversation tables (a flood). */
static void out_of_memory_is_an_error_not_an_abort(void)
{
	struct fixture small, flood;
	fx_build(&small);
	fx_build(&flood);
	oom_fill(&flood.tr, 20000);
	FILE *f = tmpfile();
	struct fmt_opts wire = {0, -1}, host = {0, FX_S}, abs = {1, -1};
	if (f && oom_begin(__func__)) {
		int a = out_trace(f, &small.scn, &small.tr, &wire);
		int b = out_trace(f, &flood.scn, &flood.tr, &wire);
		int c = out_trace(f, &flood.scn, &flood.tr, &host);
		int d = out_trace(f, &flood.scn, &flood.tr, &abs);
		struct fmt_ctx *ctx = fmt_ctx_new(&flood.scn, &flood.tr);
		oom_end();
		CHECK_INT(a, OUT_ENOMEM);
		CHECK_INT(b, OUT_ENOMEM);
		CHECK_INT(c, OUT_ENOMEM);
		CHECK_INT(d, OUT_ENOMEM);
		CHECK(ctx == NULL);
		fmt_ctx_free(ctx);
		CHECK_INT(ftell(f), 0); /* nothing half-written */
		/* and with memory back, the same calls succeed */
		CHECK_INT(out_trace(f, &flood.scn, &flood.tr, &wire), OUT_OK);
		CHECK(ftell(f) > 0);
	}
	if (f)
		fclose(f);
	fx_free(&small);
	fx_free(&flood);
}

int main(void)
{
	oom_init();
	RUN(wire_view_prints_tcpdump_lines_and_causes);
	RUN(host_view_is_that_hosts_capture);
	RUN(absolute_numbers_with_S);
	RUN(ladder_labels_are_relative_to_each_isn);
	RUN(records_outside_a_view_print_nothing);
	RUN(loss_reasons_are_named);
	RUN(unseen_conversations_print_absolute_like_tcpdump);
	RUN(sequence_numbers_wrap);
	RUN(options_use_linux_layout);
	RUN(calls_errors_and_expectations);
	RUN(out_trace_equals_fmt_record_in_every_view);
	RUN(null_context_is_an_error_not_a_crash);
	RUN(out_of_memory_is_an_error_not_an_abort);
	return check_report("test_fmt");
}
