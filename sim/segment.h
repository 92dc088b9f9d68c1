/* segment: a TCP segment header as the simulator carries it, plus the
 * sequence-number comparisons (which wrap modulo 2^32).  Payload bytes are
 * not carried: a segment says how many bytes it holds; exporters rebuild the
 * bytes from the trace's application calls. */
#ifndef TCPSIM_SEGMENT_H
#define TCPSIM_SEGMENT_H

#include <stdint.h>

enum {
	TH_FIN = 0x01,
	TH_SYN = 0x02,
	TH_RST = 0x04,
	TH_PSH = 0x08,
	TH_ACK = 0x10,
};

#define SEG_MAX_SACK 3
/* The TS option as every segment carries it: nop, nop, kind 8 (12 bytes). */
#define TS_OPT_ALIGNED 12

struct segment {
	uint32_t src, dst; /* IPv4 addresses, host byte order */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint32_t len; /* payload bytes */
	uint16_t wnd; /* the raw window field */
	uint8_t flags;
	/* Options.  opt_mss 0 = absent; opt_wscale 0xff = absent. */
	uint8_t opt_wscale;
	uint16_t opt_mss;
	uint8_t opt_sackok;
	uint8_t opt_ts;
	uint8_t nsack;
	uint32_t ts_val, ts_ecr;
	uint32_t sack[SEG_MAX_SACK][2];
};

/* Sequence space arithmetic (RFC 9293 section 3.4): never compare raw. */
#define SEQ_LT(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)) < 0)
#define SEQ_LEQ(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)) <= 0)
#define SEQ_GT(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)) > 0)
#define SEQ_GEQ(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)) >= 0)
/* lo <= x < hi in sequence space */
#define SEQ_IN(x, lo, hi) (SEQ_GEQ(x, lo) && SEQ_LT(x, hi))

/* Sequence space a segment occupies: its length plus one for SYN and FIN. */
static inline uint32_t seg_seqlen(const struct segment *s)
{
	return s->len + ((s->flags & TH_SYN) ? 1u : 0u) + ((s->flags & TH_FIN) ? 1u : 0u);
}

/* Whether a segment is acceptable to a mini-socket (a SYN_RCVD request or a
 * TIME_WAIT) whose window is [lo, hi): it starts at the left edge, overlaps
 * the window, or is empty at the right edge.  Linux: tcp_in_window() of
 * tcp_minisocks.c. */
static inline int seg_in_minisock_window(const struct segment *g, uint32_t lo, uint32_t hi)
{
	uint32_t end = g->seq + seg_seqlen(g);
	if (g->seq == lo)
		return 1;
	if (SEQ_GT(end, lo) && SEQ_LT(g->seq, hi))
		return 1;
	return g->seq == hi && end == g->seq;
}

/* The bytes of TCP options a segment carries, in Linux's layout (mss 4;
 * sackOK+TS or nop,nop,TS 12; nop,nop,sackOK 4; nop,wscale 4; nop,nop and
 * 8 per SACK block, as many as fit in 40).  Its IP packet is 40 + this +
 * len bytes. */
static inline uint32_t seg_opt_len(const struct segment *g)
{
	uint32_t n =
	    (g->opt_mss ? 4u : 0u) + (g->opt_ts || g->opt_sackok ? (g->opt_ts ? 12u : 4u) : 0u);
	if (g->opt_wscale != 0xff)
		n += 4;
	uint32_t blocks = g->nsack > SEG_MAX_SACK ? SEG_MAX_SACK : g->nsack;
	while (blocks > 0 && n + 4 + 8 * blocks > 40)
		blocks--;
	return blocks ? n + 4 + 8 * blocks : n;
}

/* Formats an IPv4 address "10.0.0.1" into buf (at least 16 bytes). */
char *ip_fmt(char *buf, uint32_t addr);
/* Parses dotted IPv4; returns 0 on success. */
int ip_parse(const char *s, int len, uint32_t *out);

#endif
