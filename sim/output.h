/* output: everything derived from a finished trace for people and other
 * tools: the tcpdump-style text trace, netstat / ss tables, pcap captures
 * and SVG ladder diagrams (sim/out/).  Called by the command line (sim/cli/) and
 * by the window's export key.  No output reaches into the engine: each reads
 * the scenario, the trace and, for tables, a snapshot. */
#ifndef TCPSIM_OUTPUT_H
#define TCPSIM_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

#include "scenario.h"
#include "sim.h"
#include "trace.h"

struct fmt_opts {
	int absolute; /* -S: absolute sequence numbers */
	int at_host;  /* -1: the wire (every record); else that host's tcpdump view */
};

/* Per-trace bookkeeping for relative sequence numbers (tcpdump's). */
struct fmt_ctx;
struct fmt_ctx *fmt_ctx_new(const struct scenario *scn, const struct trace *tr);
void fmt_ctx_free(struct fmt_ctx *c);

/* One text-trace line (no newline) for record k into buf.  Returns 0 when
 * that record prints nothing under these options, else the length. */
int fmt_record(struct fmt_ctx *c, uint32_t k, const struct fmt_opts *o, char *buf, size_t size);

/* The tcpdump TCP line of segment i without time and "IP " prefix... e.g.
 * "10.0.0.1.40000 > 10.0.0.2.9502: Flags [S], seq 1000, win 65535, options [mss 1460], length 0" */
int fmt_segment(struct fmt_ctx *c, uint32_t seg, int absolute, char *buf, size_t size);

/* The short label the ladder draws: "SYN seq=0 win=65535 <mss 1460>",
 * "ACK ack=1", "FIN,ACK seq=1001 ack=501" (relative numbers). */
int fmt_seg_label(struct fmt_ctx *c, uint32_t seg, char *buf, size_t size);

/* Writes the whole text trace; returns 0 or -1 on a write error. */
int out_trace(FILE *f, const struct scenario *scn, const struct trace *tr,
              const struct fmt_opts *o);

/* netstat -nat (ss_style 0) or ss -tan (ss_style 1) of both hosts. */
int out_netstat(FILE *f, const struct snapshot *snap, int ss_style);

/* Classic pcap, link type raw IPv4.  at_host -1 = the wire.  On failure
 * returns -1 with a message in err. */
int out_pcap(const char *path, const struct scenario *scn, const struct trace *tr, int at_host,
             char *err, size_t errsize);

/* The ladder diagram as SVG, records with from <= t <= to (to 0 = end). */
int out_svg(FILE *f, const struct scenario *scn, const struct trace *tr, simtime_t from,
            simtime_t to);

/* What only a run reveals about the scenario's lines (out/warnings.c). */
struct run_warning {
	int line, col;
	char msg[300]; /* "this drop never met a segment in this run; nothing was dropped" */
};
/* The warnings of a finished run, sorted by line: application errors no
 * expect line foresees, drop/delay lines that never acted, `note on` and
 * `on` lines whose state never came.  Stores at most max; returns how many
 * there are. */
int out_warnings(const struct sim *s, struct run_warning *v, int max);
/* Prints them as "path:LINE:COL: warning: MSG", one per line. */
void out_warnings_print(FILE *f, const struct sim *s, const char *path);

#endif
