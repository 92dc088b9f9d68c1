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
	OUT_EMPTY = -3,  /* nothing to show (a plot of a run that sent no data) */
};

struct fmt_opts {
	int absolute; /* -S: absolute sequence numbers */
	int at_host;  /* -1: the wire (every record); else that host's tcpdump view */
	int narrate;  /* --narrate: each record's narrate() sentence on a "  # " line */
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

/* A segment's flags as the labels write them: "SYN,ACK", "FIN,PSH,ACK",
 * "none".  Returns the length. */
int fmt_flag_words(uint8_t flags, char *buf, size_t size);

/* Writes the whole text trace of a finished run, in blocks of 256 KiB, and
 * keeps only what the chosen view needs.  Returns an enum out_status. */
int out_trace(FILE *f, const struct scenario *scn, const struct trace *tr,
              const struct fmt_opts *o);

/* netstat -nat (ss_style 0) or ss -tan (ss_style 1) of both hosts.
 * Returns an enum out_status. */
int out_netstat(FILE *f, const struct snapshot *snap, int ss_style);
/* A socket's Recv-Q as Linux shows it (netstat and ss alike): a listener's
 * accept queue, else the bytes not read, plus 1 for a FIN not read (a
 * CLOSE_WAIT whose application has stopped reading). */
unsigned long netstat_recv_q(const struct snap_sock *s);

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

/* ss -tanp of both hosts: ss -tan with the Process column filled, as
 * users:(("NAME",pid=PID,fd=FD)) for every socket an application holds
 * (out_app_fds at snap->trace_pos).  Returns 0 or -1 (write error, memory). */
int out_ss_procs(FILE *f, const struct scenario *scn, const struct trace *tr,
                 const struct snapshot *snap);

/* ---- The simulated applications (procs.c), for lsof and ss -p ---- */

/* Each host runs one process as user OUT_APP_USER: PID 1001 for the first
 * host, 1002 for the second. */
#define OUT_APP_USER "student"
int out_app_pid(int host);
/* The host's command name: its app= parameter, else its name, at most 15
 * characters as Linux keeps it; written into buf, which is returned. */
const char *out_app_name(const struct scenario *scn, int host, char *buf, size_t size);
/* The socket's inode number (lsof's DEVICE): 100000 * (host + 1) + N of
 * HOST.N, so 200003 is the second host's third socket. */
unsigned long out_sock_inode(int host, int ordinal);
/* The descriptor each socket handle has in its application once trace
 * records [0, upto) have happened: a malloc'd array of tr->nsocks entries,
 * -1 for none (embryo, orphan, gone), or NULL when out of memory.  The
 * rules are a real process's: lowest free number from 3 (procs.c). */
int *out_app_fds(const struct trace *tr, uint32_t upto);

/* lsof -nP -i (port 0) or lsof -nP -i :PORT of both hosts at the snapshot's
 * present, each under a heading line; a host with no matching socket gets
 * its heading only.  Returns 0 or -1. */
int out_lsof(FILE *f, const struct scenario *scn, const struct trace *tr,
             const struct snapshot *snap, unsigned port);

/* What sar's first line says about the simulated machine. */
#define OUT_SAR_KERNEL "6.18.0-tcpsim"
#define OUT_SAR_DATE "01/01/25"
/* sar -n SOCK,TCP,ETCP EVERY COUNT on host: COUNT samples EVERY seconds
 * apart from time 0 (00:00:00), then the Average: lines, every counter
 * derived from the trace as the kernel counts it (sar.c).  Returns 0, or
 * -1 on a bad argument, a write error or no memory. */
int out_sar(FILE *f, const struct scenario *scn, const struct trace *tr, int host, unsigned every,
            unsigned count);

/* Classic pcap, link type raw IPv4.  at_host -1 = the wire.  On failure
 * returns -1 with a message in err. */
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

/* ---- plots of a connection's data (out/plot.c, out/plot_svg.c) ---- */
enum plot_kind { PLOT_TSG, PLOT_CWND };
enum plot_mark {
	PM_DATA,     /* a data segment: y0..y1 the sequence numbers it carries */
	PM_RETX,     /* the same, a retransmission */
	PM_LOST,     /* a data segment the link lost */
	PM_ACK,      /* the cumulative ACK reaching the sender, y0 */
	PM_WINDOW,   /* the right edge of the offered window: ACK + window, y0 */
	PM_SACK,     /* a SACK block reaching the sender, y0..y1 */
	PM_CWND,     /* the sender's congestion window at a send, y0 bytes */
	PM_SSTHRESH, /* its slow-start threshold, once set */
	PM_FLIGHT,   /* bytes in flight after a send or an ACK's arrival */
	PM_RWND,     /* the window the receiver offers, as it reaches the sender */
};
struct plot_point {
	simtime_t t;
	double y0, y1; /* relative sequence numbers (tsg) or bytes (cwnd) */
	uint8_t mark;  /* enum plot_mark */
	int32_t seg;   /* the trace segment it comes from (sent, or arriving) */
};
struct plot {
	int kind;        /* enum plot_kind */
	int sender;      /* the host whose data it shows */
	int32_t sock;    /* its socket */
	char title[200]; /* "client 10.0.0.1:40000 > 10.0.0.2:80: time-sequence graph" */
	struct plot_point *v;
	size_t n, cap;
	simtime_t t0, t1; /* the span of the points */
	double ymax;
};
/* Builds a plot of the data sent by the socket that sent the most (from
 * host `sender`, or any host when sender < 0), seen from the sender, in
 * time order.  Returns OUT_OK, OUT_EMPTY (no data was sent) or OUT_ENOMEM;
 * free with plot_free. */
int plot_build(const struct scenario *scn, const struct trace *tr, int kind, int sender,
               struct plot *p);
/* The same for one socket (a handle of tr->socks): its data, seen from
 * its host; OUT_EMPTY when it sent none. */
int plot_build_sock(const struct scenario *scn, const struct trace *tr, int kind, int32_t sock,
                    struct plot *p);
/* The payload bytes socket sock sent (retransmissions included). */
uint64_t plot_sock_bytes(const struct trace *tr, int32_t sock);
void plot_free(struct plot *p);
/* "tsg" / "cwnd" as an enum plot_kind; -1 when unknown. */
int plot_kind_parse(const char *s);
/* The plot as SVG.  Returns an enum out_status. */
int out_plot_svg(FILE *f, const struct plot *p);

#endif
