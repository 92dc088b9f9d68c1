/* compare: two runs of a connection side by side.  Lines up the segments of
 * two finished traces and finds the first place where what happened differs.
 * Used by `tcpsim compare` (text), `tcpsim svg --compare` (the double ladder)
 * and the window's compare mode; a pure function of the two traces.
 *
 * What counts (one rule, here): two segments are the same when they go the
 * same way (sender and receiver host), carry the same flags, the same
 * sequence and acknowledgment numbers relative to their connection's ISNs,
 * the same payload length, and both arrive or both are lost.  ISNs, windows,
 * options, ports and times do not count: under another seed the ISNs and
 * ports change, under another profile the windows and the timers do, and a
 * segment that is the same but sent later (a longer RTO) is still the same
 * step of the exchange.  The first divergence is the first segment that is
 * not the same; its times are shown, never judged. */
#ifndef TCPSIM_COMPARE_H
#define TCPSIM_COMPARE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario.h"
#include "trace.h"

enum cmp_kind {
	CMP_SAME,    /* a and b are the same segment */
	CMP_FATE,    /* the same segment, but one run loses it and the other does not */
	CMP_CHANGED, /* a and b stand in the same place but differ in what they carry */
	CMP_ONLY_A,  /* a has no counterpart in run B (b is -1) */
	CMP_ONLY_B,  /* b has no counterpart in run A (a is -1) */
};

/* One row of the alignment: a segment index of each trace, -1 for none. */
struct cmp_row {
	int32_t a, b;
	uint8_t kind; /* enum cmp_kind */
};

struct compare {
	struct cmp_row *rows; /* in send order of both runs */
	uint32_t n, cap;
	int64_t first; /* the row of the first divergence, -1 when the runs agree */
};

/* What compare_build compares of one segment, for the views' labels. */
struct cmp_key {
	uint8_t from, to, flags, lost;
	uint64_t seq, ack; /* relative to the connection's ISNs (0 for a SYN) */
	uint32_t len;
};

/* Aligns the segments of a and b (both finished runs): the common start
 * row by row, then past each difference the shortest way back into step
 * (a segment missing on one side, looked for a little way ahead), so the
 * rest still lines up.  Returns 0, or -1 out of memory (c then empty). */
int compare_build(struct compare *c, const struct trace *a, const struct trace *b);
void compare_free(struct compare *c);

/* Segment i of tr as compare_build sees it. */
void compare_key(const struct trace *tr, uint32_t i, struct cmp_key *k);

/* "SYN,ACK seq=0 ack=1", "PSH,ACK seq=1:8 ack=1", "ACK ack=8": relative
 * numbers, or the segment's own with absolute. */
int compare_label(const struct trace *tr, uint32_t i, int absolute, char *buf, size_t size);

/* The first divergence in one sentence, naming the runs by their labels
 * ("A", "B" or "linux", "rfc9293"): "Run B: the server's SYN,ACK is lost;
 * run A: it arrives."  "The runs agree: N segments, the same in both." when
 * they do.  Returns the length. */
int compare_narrate(const struct compare *c, const struct scenario *sa, const struct trace *ta,
                    const char *la, const struct scenario *sb, const struct trace *tb,
                    const char *lb, char *buf, size_t size);

/* One run of the text output: its scenario, trace and how to name it. */
struct cmp_run {
	const struct scenario *scn;
	const struct trace *tr;
	const char *label; /* "A" */
	const char *what;  /* "scenarios/x.tcps, linux, seed 1" */
	int absolute;      /* -S: the columns show absolute numbers */
};

/* The two runs' segments in two columns, 100 characters wide, the first
 * divergence marked ">>" and narrated, other differing rows "*".  Returns
 * an enum out_status (output.h). */
int out_compare_text(FILE *f, const struct compare *c, const struct cmp_run *a,
                     const struct cmp_run *b);

/* The double ladder as SVG: run A's ladder left, run B's right, on one
 * time axis (each one's moments make room on both), the first divergence
 * a wide light band along its segment (a dashed band marked "≠" on the
 * ladder without it), the sentence under them, the legend.  Returns an
 * enum out_status. */
int out_svg_compare(FILE *f, const struct compare *c, const struct cmp_run *a,
                    const struct cmp_run *b);

#endif
