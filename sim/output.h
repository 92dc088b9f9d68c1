/* output: everything derived from a finished trace for people and other
 * tools: the tcpdump-style text trace, netstat / ss tables, pcap captures
 * and SVG ladder diagrams (sim/out/).  Called by the command line (sim/cli/) and
 * by the window's export key.  No output reaches into the engine: each reads
 * the scenario, the trace and, for tables, a snapshot.
 *
 * Errors are values: no output aborts.  When memory runs out an output
 * stops and returns OUT_ENOMEM (the command line prints "tcpsim: out of
 * memory" and exits 2); a stream that refuses bytes gives OUT_EWRITE. */
#ifndef TCPSIM_OUTPUT_H
#define TCPSIM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario.h"
#include "sim.h"
#include "trace.h"

/* What the out_* functions return. */
enum out_status {
	OUT_OK = 0,
	OUT_EWRITE = -1, /* the stream or file refused bytes (full disk, closed pipe...) */
	OUT_ENOMEM = -2, /* memory ran out; what was written so far is incomplete */
};

struct fmt_opts {
	int absolute; /* -S: absolute sequence numbers */
	int at_host;  /* -1: the wire (every record); else that host's tcpdump view */
};

/* Per-trace bookkeeping for relative sequence numbers (tcpdump's) and the
 * ladder's labels, for every view; it follows the trace as it grows.
 * fmt_ctx_new returns NULL when out of memory.  Every fmt_* call below
 * returns -1 when memory ran out (then and ever after) or c is NULL. */
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

/* Writes the whole text trace of a finished run, in blocks of 256 KiB, and
 * keeps only what the chosen view needs.  Returns an enum out_status. */
int out_trace(FILE *f, const struct scenario *scn, const struct trace *tr,
              const struct fmt_opts *o);

/* netstat -nat (ss_style 0) or ss -tan (ss_style 1) of both hosts.
 * Returns an enum out_status. */
int out_netstat(FILE *f, const struct snapshot *snap, int ss_style);

/* Classic pcap, link type raw IPv4, written to f through libpcap: a file, a
 * pipe, a FIFO or standard output alike, for f is only written (through a
 * duplicate of its descriptor, so it needs one), never reopened, seeked or
 * closed.  at_host -1 = the wire.  *npackets (may be NULL) gets the packets
 * written.  Returns an enum out_status, with the reason ("No space left on
 * device", "out of memory") in err. */
int out_pcap_write(FILE *f, const struct scenario *scn, const struct trace *tr, int at_host,
                   uint64_t *npackets, char *err, size_t errsize);

/* out_pcap_write into a file it creates at path; on failure no file is
 * left there (see out_close).  Returns an enum out_status, with a message
 * naming the file in err. */
int out_pcap(const char *path, const struct scenario *scn, const struct trace *tr, int at_host,
             char *err, size_t errsize);

/* The ladder diagram as SVG, records with from <= t <= to (to 0 = end).
 * Returns an enum out_status. */
int out_svg(FILE *f, const struct scenario *scn, const struct trace *tr, simtime_t from,
            simtime_t to);

/* Where a command's -o sends its output.  "-" and "/dev/stdout" are the
 * process's standard output (written, never reopened); anything else is
 * opened for writing as it is (a FIFO or a device is never seeked or read
 * back). */
struct out_file {
	FILE *f;
	const char *path; /* as given */
	int is_stdout;
	int regular; /* a regular file this opened: removed when the output fails */
};

/* Opens path; returns 0, or -1 with "cannot write PATH: REASON" in err. */
int out_open(struct out_file *o, const char *path, char *err, size_t errsize);

/* Finishes an output: flushes (standard output) or closes (a file).  When
 * status is not OUT_OK, or closing fails, a regular file it opened is
 * removed, so no half-written output is left behind.  Returns status, or
 * OUT_EWRITE when only the close failed (with a message in err). */
int out_close(struct out_file *o, int status, char *err, size_t errsize);

/* The name of an output for messages: PATH, or "standard output". */
const char *out_name(const struct out_file *o);

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
