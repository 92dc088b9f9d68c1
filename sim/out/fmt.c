/* fmt: the text trace.  One line per trace record: a segment as tcpdump
 * prints it, every other record as "TIME WHO what (why)".  Called by
 * out_trace() (tcpsim trace), by the window's narration and by svg_out.c
 * (fmt_seg_label).  fmt_ctx keeps what tcpdump keeps to print relative
 * sequence numbers, once per view (the wire, and each host's own capture),
 * so that a line here equals `tcpdump -n -tt -r` of the matching pcap.
 * out_trace() -> ctx_for_view() (mark_multi, ctx_sync) -> add_record() for
 * each record: on a finished trace it keeps only what one view needs. */
#include "output.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "simerr.h"
#include "tcpstate.h"

#define NVIEWS (1 + SCN_MAX_HOSTS) /* 0: the wire; 1 + h: host h */

/* The per-segment numbers keep references, not copies: the segment whose
 * SYN or first ACK fixed a base (its seq, or its ack - 1, says which side's
 * ISN it is).  A reference is a segment index (the trace's are int32). */
#define REF_NONE UINT32_MAX
#define REF_NEW 0x80000000u /* rel: this segment fixed the bases (tcpdump prints it absolute) */
#define REF_MASK 0x7fffffffu

/* How a view prints one segment's numbers (tcpdump's rules). */
enum rel_mode {
	REL_ABS, /* no ACK flag (or -S): everything absolute */
	REL_NEW, /* first ACK segment of a conversation, or one with SYN:
	            tcpdump records the bases and prints this one absolute */
	REL_REL, /* seq and ack minus the recorded bases */
};

struct rel {
	uint32_t seqbase, ackbase;
	uint8_t mode;
};

/* One TCP conversation, its two ends in a fixed order (side 0 is the
 * smaller address:port).  dump[v]: the segment that fixed tcpdump's bases
 * in view v; isn[side]: the segment that named that side's ISN for the
 * ladder (REF_NONE: not yet). */
struct conv {
	uint32_t addr[2];
	uint16_t port[2];
	uint32_t dump[NVIEWS];
	uint32_t isn[2];
	uint8_t used;
};

struct convtab {
	struct conv *v;
	uint32_t cap, n;
};

/* The ladder's numbers for one segment: the segments that named its
 * sender's and its peer's ISN (REF_NONE: unknown). */
struct lbl {
	uint32_t sref, aref;
};

struct fmt_ctx {
	const struct scenario *scn;
	const struct trace *tr;
	uint32_t done;   /* records digested so far */
	uint32_t segcap; /* length of the per-segment arrays */
	unsigned views;  /* bit v: per-segment numbers kept for view v */
	int labels;      /* 1: ladder labels kept */
	int nomem;       /* memory ran out: every call fails from then on */
	uint32_t *rel[NVIEWS];
	struct lbl *lbl;
	struct convtab convs;
	/* out_trace only, on a finished trace: a conversation met by one event
	 * of a role (its bit clear in multi[role]) never enters the table for
	 * that role; the event sees a fresh scratch conversation instead. */
	uint8_t *multi[2];
	uint32_t multimask;
	struct conv scratch[2];
};

/* ---- A bounded string builder: clips at size, counts the full length ---- */

struct sb {
	char *buf;
	size_t size, len;
};

static void sb_vadd(struct sb *b, const char *fmt, va_list ap)
{
	size_t room = b->len < b->size ? b->size - b->len : 0;
	int n = vsnprintf(room ? b->buf + b->len : NULL, room, fmt, ap);
	if (n > 0)
		b->len += (size_t)n;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_add(struct sb *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vadd(b, fmt, ap);
	va_end(ap);
}

/* The fast appenders below clip as sb_add (snprintf) does, keeping room
 * for the terminating NUL and counting the full length, but leave the NUL
 * to sb_end(): the trace of a large run spends its time here, not in
 * printf. */
static inline void sb_put(struct sb *b, const char *s, size_t n)
{
	if (b->len < b->size && n < b->size - b->len)
		memcpy(b->buf + b->len, s, n);
	else if (b->len + 1 < b->size)
		memcpy(b->buf + b->len, s, b->size - b->len - 1);
	b->len += n;
}

/* Terminates the text, where snprintf would have. */
static void sb_end(struct sb *b)
{
	if (b->size)
		b->buf[b->len < b->size ? b->len : b->size - 1] = '\0';
}

static inline void sb_str(struct sb *b, const char *s)
{
	if (!s)
		s = "(null)"; /* what glibc's printf shows; the names tables have none */
	sb_put(b, s, strlen(s));
}

static inline void sb_chr(struct sb *b, char ch)
{
	if (b->len + 1 < b->size)
		b->buf[b->len] = ch;
	b->len++;
}

/* Decimal digits two at a time: the numbers are most of a segment line. */
static const char digit_pairs[] = "0001020304050607080910111213141516171819202122232425262728293031"
                                  "323334353637383940414243444546474849"
                                  "5051525354555657585960616263646566676869707172737475767778798081"
                                  "828384858687888990919293949596979899";

static void sb_u32(struct sb *b, uint32_t v)
{
	char d[10];
	size_t i = sizeof d;
	while (v >= 100) {
		uint32_t r = v % 100;
		v /= 100;
		i -= 2;
		memcpy(d + i, digit_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		i -= 2;
		memcpy(d + i, digit_pairs + 2 * v, 2);
	} else {
		d[--i] = (char)('0' + v);
	}
	sb_put(b, d + i, sizeof d - i);
}

static void sb_u64(struct sb *b, uint64_t v)
{
	if (v <= UINT32_MAX) {
		sb_u32(b, (uint32_t)v);
		return;
	}
	char d[20];
	size_t i = sizeof d;
	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sb_put(b, d + i, sizeof d - i);
}

/* simtime_fmt's form: seconds, six decimals. */
static void sb_time(struct sb *b, simtime_t t)
{
	uint64_t u = t < 0 ? (uint64_t)(-(t + 1)) + 1 : (uint64_t)t;
	char frac[7];
	uint64_t f = u % 1000000;
	if (t < 0)
		sb_chr(b, '-');
	sb_u64(b, u / 1000000);
	frac[0] = '.';
	for (int i = 6; i >= 1; i--) {
		frac[i] = (char)('0' + f % 10);
		f /= 10;
	}
	sb_put(b, frac, sizeof frac);
}

/* ip_fmt's dotted quad. */
static void sb_ip(struct sb *b, uint32_t a)
{
	char d[15];
	size_t n = 0;
	for (int i = 3; i >= 0; i--) {
		unsigned v = (a >> (8 * i)) & 255u;
		if (v >= 100)
			d[n++] = (char)('0' + v / 100);
		if (v >= 10)
			d[n++] = (char)('0' + v / 10 % 10);
		d[n++] = (char)('0' + v % 10);
		if (i)
			d[n++] = '.';
	}
	sb_put(b, d, n);
}

static struct sb sb_make(char *buf, size_t size)
{
	struct sb b = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	return b;
}

static int sb_result(struct sb *b)
{
	sb_end(b);
	return b->len > (size_t)INT32_MAX ? INT32_MAX : (int)b->len;
}

/* ---- Conversations ---- */

static uint32_t conv_hash(const uint32_t addr[2], const uint16_t port[2])
{
	uint32_t h = 2166136261u;
	uint32_t w[4] = {addr[0], addr[1], port[0], port[1]};
	for (int i = 0; i < 4; i++) {
		h ^= w[i];
		h *= 16777619u;
		h ^= h >> 15;
	}
	return h;
}

/* Which end of its conversation sent g: 0 when it is the smaller
 * address:port. */
static int seg_side(const struct segment *g)
{
	return g->src > g->dst || (g->src == g->dst && g->sport > g->dport);
}

static void conv_key(const struct segment *g, uint32_t addr[2], uint16_t port[2], int *side)
{
	int swap = seg_side(g);
	addr[0] = swap ? g->dst : g->src;
	port[0] = swap ? g->dport : g->sport;
	addr[1] = swap ? g->src : g->dst;
	port[1] = swap ? g->sport : g->dport;
	*side = swap;
}

static void conv_init(struct conv *c, const uint32_t addr[2], const uint16_t port[2])
{
	memset(c, 0, sizeof *c);
	c->used = 1;
	memcpy(c->addr, addr, sizeof c->addr);
	memcpy(c->port, port, sizeof c->port);
	for (int v = 0; v < NVIEWS; v++)
		c->dump[v] = REF_NONE;
	c->isn[0] = c->isn[1] = REF_NONE;
}

static struct conv *conv_slot(struct convtab *t, const uint32_t addr[2], const uint16_t port[2],
                              uint32_t h)
{
	uint32_t mask = t->cap - 1;
	for (uint32_t i = h & mask;; i = (i + 1) & mask) {
		struct conv *c = &t->v[i];
		if (!c->used || (c->addr[0] == addr[0] && c->addr[1] == addr[1] &&
		                 c->port[0] == port[0] && c->port[1] == port[1]))
			return c;
	}
}

/* Grows the table to at least cap slots (a power of two); -1 when out of
 * memory (the table is then unchanged). */
static int convtab_resize(struct convtab *t, uint32_t cap)
{
	struct convtab bigger = {calloc(cap, sizeof(struct conv)), cap, t->n};
	if (!bigger.v)
		return -1;
	for (uint32_t i = 0; i < t->cap; i++)
		if (t->v[i].used)
			*conv_slot(&bigger, t->v[i].addr, t->v[i].port,
			           conv_hash(t->v[i].addr, t->v[i].port)) = t->v[i];
	free(t->v);
	*t = bigger;
	return 0;
}

/* What a conversation is looked up for: tcpdump's bases (conv.dump) or
 * the ladder's ISNs (conv.isn); each touches only its own fields. */
enum role { ROLE_DUMP, ROLE_ISN };

/* Finds the conversation of segment g, creating it when asked; *side says
 * which end sent g.  Returns NULL when absent and not created, or (with
 * c->nomem set) when memory ran out. */
static struct conv *conv_find(struct fmt_ctx *c, const struct segment *g, int role, int create,
                              int *side)
{
	uint32_t addr[2];
	uint16_t port[2];
	struct convtab *t = &c->convs;
	conv_key(g, addr, port, side);
	uint32_t h = conv_hash(addr, port);
	const uint8_t *multi = c->multi[role];
	if (multi && !(multi[(h & c->multimask) >> 3] & (1u << (h & 7)))) {
		/* the conversation's only event of this role: nothing came before */
		if (!create)
			return NULL;
		conv_init(&c->scratch[role], addr, port);
		return &c->scratch[role];
	}
	if (t->cap == 0 && !create)
		return NULL;
	if (create && (uint64_t)(t->n + 1) * 10 > (uint64_t)t->cap * 7) {
		if (t->cap > UINT32_MAX / 2 || convtab_resize(t, t->cap ? t->cap * 2 : 64) != 0) {
			c->nomem = 1;
			return NULL;
		}
	}
	struct conv *v = conv_slot(t, addr, port, h);
	if (!v->used) {
		if (!create)
			return NULL;
		conv_init(v, addr, port);
		t->n++;
	}
	return v;
}

/* tcpdump's rule (print-tcp.c): only ACK segments take part; the first one
 * of a conversation, or any with SYN, records seq and ack-1 as the bases and
 * prints absolute; later ones print relative. */
static uint32_t dump_apply(struct fmt_ctx *c, int view, uint32_t seg)
{
	const struct segment *g = &c->tr->segs[seg].h;
	int side;
	if (!(g->flags & TH_ACK))
		return REF_NONE;
	struct conv *v = conv_find(c, g, ROLE_DUMP, 0, &side);
	if (!v || v->dump[view] == REF_NONE || (g->flags & TH_SYN)) {
		if (!v && !(v = conv_find(c, g, ROLE_DUMP, 1, &side)))
			return REF_NONE;
		v->dump[view] = seg;
		return seg | REF_NEW;
	}
	return v->dump[view];
}

/* The ladder's rule: a SYN names its sender's ISN, a SYN,ACK also names the
 * peer's (ack - 1); numbers are relative to whichever ISN is known. */
static struct lbl isn_apply(struct fmt_ctx *c, uint32_t seg)
{
	const struct segment *g = &c->tr->segs[seg].h;
	int side;
	struct conv *v = conv_find(c, g, ROLE_ISN, (g->flags & TH_SYN) != 0, &side);
	struct lbl l = {REF_NONE, REF_NONE};
	if (!v)
		return l;
	if (g->flags & TH_SYN) {
		v->isn[side] = seg;
		if (g->flags & TH_ACK)
			v->isn[!side] = seg;
	}
	l.sref = v->isn[side];
	l.aref = v->isn[!side];
	return l;
}

/* The ISN of conversation side `side` named by segment ref: its seq when
 * ref came from that side, else its ack - 1 (a SYN,ACK naming its peer's). */
static uint32_t ref_isn(const struct fmt_ctx *c, uint32_t ref, int side)
{
	const struct segment *r = &c->tr->segs[ref & REF_MASK].h;
	return seg_side(r) == side ? r->seq : r->ack - 1;
}

/* ---- The context ---- */

static int ctx_grow(struct fmt_ctx *c, uint32_t nsegs)
{
	if (nsegs <= c->segcap)
		return 0;
	uint32_t cap = c->segcap ? c->segcap : 64;
	while (cap < nsegs)
		cap = cap > REF_MASK / 2 ? REF_MASK : cap * 2;
	if (nsegs > REF_MASK)
		return -1;
	for (int v = 0; v < NVIEWS; v++) {
		if (!(c->views & (1u << v)))
			continue;
		uint32_t *p = realloc(c->rel[v], (size_t)cap * sizeof *p);
		if (!p)
			return -1;
		for (uint32_t i = c->segcap; i < cap; i++)
			p[i] = REF_NONE;
		c->rel[v] = p;
	}
	if (c->labels) {
		struct lbl *l = realloc(c->lbl, (size_t)cap * sizeof *l);
		if (!l)
			return -1;
		for (uint32_t i = c->segcap; i < cap; i++)
			l[i] = (struct lbl){REF_NONE, REF_NONE};
		c->lbl = l;
	}
	c->segcap = cap;
	return 0;
}

static int wants(const struct fmt_ctx *c, int view)
{
	return (c->views >> view) & 1u;
}

/* Digests records the context has not seen yet (the trace only grows).
 * Returns 0, or -1 (c->nomem set) when memory ran out. */
static int ctx_sync(struct fmt_ctx *c)
{
	const struct trace *tr = c->tr;
	if (c->nomem)
		return -1;
	if (c->done == tr->n)
		return 0;
	if (ctx_grow(c, tr->nsegs) != 0) {
		c->nomem = 1;
		return -1;
	}
	for (; c->done < tr->n && !c->nomem; c->done++) {
		const struct trace_rec *r = &tr->recs[c->done];
		if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
			continue;
		uint32_t seg = (uint32_t)r->seg;
		const struct trace_seg *s = &tr->segs[seg];
		if (r->kind == TR_SEG_SEND) {
			if (wants(c, 0))
				c->rel[0][seg] = dump_apply(c, 0, seg);
			if (s->from < SCN_MAX_HOSTS && wants(c, 1 + s->from))
				c->rel[1 + s->from][seg] = dump_apply(c, 1 + s->from, seg);
			if (c->labels)
				c->lbl[seg] = isn_apply(c, seg);
		} else if (r->kind == TR_SEG_ARRIVE && r->host < SCN_MAX_HOSTS &&
		           wants(c, 1 + r->host)) {
			c->rel[1 + r->host][seg] = dump_apply(c, 1 + r->host, seg);
		}
	}
	return c->nomem ? -1 : 0;
}

static struct fmt_ctx *ctx_alloc(const struct scenario *scn, const struct trace *tr, unsigned views,
                                 int labels)
{
	struct fmt_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->scn = scn;
	c->tr = tr;
	c->views = views;
	c->labels = labels;
	return c;
}

struct fmt_ctx *fmt_ctx_new(const struct scenario *scn, const struct trace *tr)
{
	struct fmt_ctx *c = ctx_alloc(scn, tr, (1u << NVIEWS) - 1, 1);
	if (c && ctx_sync(c) != 0) {
		fmt_ctx_free(c);
		return NULL;
	}
	return c;
}

void fmt_ctx_free(struct fmt_ctx *c)
{
	if (!c)
		return;
	for (int v = 0; v < NVIEWS; v++)
		free(c->rel[v]);
	free(c->convs.v);
	free(c->lbl);
	free(c->multi[0]);
	free(c);
}

/* ---- Segments ---- */

/* Flags in tcpdump's order F S R P and '.' for ACK; "none" when none. */
static void add_dump_flags(struct sb *b, uint8_t f)
{
	static const struct {
		uint8_t bit;
		char ch;
	} order[] = {{TH_FIN, 'F'}, {TH_SYN, 'S'}, {TH_RST, 'R'}, {TH_PSH, 'P'}, {TH_ACK, '.'}};
	char out[sizeof order / sizeof order[0]];
	size_t n = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (f & order[i].bit)
			out[n++] = order[i].ch;
	if (n)
		sb_put(b, out, n);
	else
		sb_str(b, "none");
}

/* SACK blocks that fit in 40 option bytes beside the others; pcap_out.c
 * encodes the same layout. */
static int sack_fit(const struct segment *g)
{
	int used = (g->opt_mss ? 4 : 0) + (g->opt_ts ? 12 : (g->opt_sackok ? 4 : 0)) +
	           (g->opt_wscale != 0xff ? 4 : 0);
	int n = g->nsack > SEG_MAX_SACK ? SEG_MAX_SACK : g->nsack;
	while (n > 0 && used + 4 + 8 * n > 40)
		n--;
	return n;
}

/* Options in Linux's wire layout, printed the way tcpdump prints those bytes:
 * mss; sackOK+TS, or nop,nop,TS, or nop,nop,sackOK; nop,wscale; nop,nop,sack. */
static void add_dump_options(struct sb *b, const struct segment *g, const struct rel *r)
{
	int n = sack_fit(g);
	if (!g->opt_mss && !g->opt_ts && !g->opt_sackok && g->opt_wscale == 0xff && n == 0)
		return;
	const char *sep = "";
	sb_str(b, ", options [");
	if (g->opt_mss) {
		sb_str(b, "mss ");
		sb_u32(b, g->opt_mss);
		sep = ",";
	}
	if (g->opt_ts) {
		sb_str(b, sep);
		sb_str(b, g->opt_sackok ? "sackOK,TS val " : "nop,nop,TS val ");
		sb_u32(b, g->ts_val);
		sb_str(b, " ecr ");
		sb_u32(b, g->ts_ecr);
		sep = ",";
	} else if (g->opt_sackok) {
		sb_str(b, sep);
		sb_str(b, "nop,nop,sackOK");
		sep = ",";
	}
	if (g->opt_wscale != 0xff) {
		sb_str(b, sep);
		sb_str(b, "nop,wscale ");
		sb_u32(b, g->opt_wscale);
		sep = ",";
	}
	if (n > 0) {
		uint32_t base = r->mode == REL_ABS ? 0 : r->ackbase;
		sb_str(b, sep);
		sb_str(b, "nop,nop,sack ");
		sb_u32(b, (uint32_t)n);
		sb_chr(b, ' ');
		for (int i = 0; i < n; i++) {
			sb_chr(b, '{');
			sb_u32(b, g->sack[i][0] - base);
			sb_chr(b, ':');
			sb_u32(b, g->sack[i][1] - base);
			sb_chr(b, '}');
		}
	}
	sb_chr(b, ']');
}

/* "A.p > B.q: Flags [..], seq .., ack .." and, when full, the rest. */
static void add_dump_line(struct sb *b, const struct segment *g, const struct rel *r, int full)
{
	uint32_t seq = g->seq, ack = g->ack;
	if (r->mode == REL_REL) {
		seq -= r->seqbase;
		ack -= r->ackbase;
	}
	sb_ip(b, g->src);
	sb_chr(b, '.');
	sb_u32(b, g->sport);
	sb_str(b, " > ");
	sb_ip(b, g->dst);
	sb_chr(b, '.');
	sb_u32(b, g->dport);
	sb_str(b, ": Flags [");
	add_dump_flags(b, g->flags);
	sb_chr(b, ']');
	if (g->len > 0 || (g->flags & (TH_SYN | TH_FIN | TH_RST))) {
		sb_str(b, ", seq ");
		sb_u32(b, seq);
		if (g->len > 0) {
			sb_chr(b, ':');
			sb_u32(b, seq + g->len);
		}
	}
	if (g->flags & TH_ACK) {
		sb_str(b, ", ack ");
		sb_u32(b, ack);
	}
	if (!full)
		return;
	sb_str(b, ", win ");
	sb_u32(b, g->wnd);
	add_dump_options(b, g, r);
	sb_str(b, ", length ");
	sb_u32(b, g->len);
}

/* Segment seg's numbers in a view, from its reference (see REF_NEW). */
static struct rel view_rel(const struct fmt_ctx *c, int view, uint32_t seg, int absolute)
{
	struct rel r = {0, 0, REL_ABS};
	if (absolute || view < 0 || view >= NVIEWS || !wants(c, view) || seg >= c->segcap)
		return r;
	uint32_t ref = c->rel[view][seg];
	if (ref == REF_NONE)
		return r;
	int side = seg_side(&c->tr->segs[seg].h);
	r.mode = (ref & REF_NEW) ? REL_NEW : REL_REL;
	r.seqbase = ref_isn(c, ref, side);
	r.ackbase = ref_isn(c, ref, !side);
	return r;
}

int fmt_segment(struct fmt_ctx *c, uint32_t seg, int absolute, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	if (!c || ctx_sync(c) != 0)
		return -1;
	if (seg >= c->tr->nsegs)
		return 0;
	struct rel r = view_rel(c, 0, seg, absolute);
	add_dump_line(&b, &c->tr->segs[seg].h, &r, 1);
	return sb_result(&b);
}

/* "SYN", "SYN,ACK", "FIN,PSH,ACK", "RST" ... */
static void add_flag_words(struct sb *b, uint8_t f)
{
	static const struct {
		uint8_t bit;
		const char *name;
	} order[] = {
	    {TH_SYN, "SYN"}, {TH_FIN, "FIN"}, {TH_RST, "RST"}, {TH_PSH, "PSH"}, {TH_ACK, "ACK"}};
	int any = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (f & order[i].bit) {
			if (any)
				sb_chr(b, ',');
			sb_str(b, order[i].name);
			any = 1;
		}
	if (!any)
		sb_str(b, "none");
}

int fmt_flag_words(uint8_t flags, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	add_flag_words(&b, flags);
	return sb_result(&b);
}

/* every_opt: a SYN's whole option list ("<mss 1460,sackOK,TS,wscale 7>"),
 * as the trace's info lines print it; the ladder's short label keeps the
 * MSS alone. */
static void add_seg_label_opts(struct sb *b, const struct fmt_ctx *c, uint32_t seg, int every_opt)
{
	const struct segment *g = &c->tr->segs[seg].h;
	const struct lbl *l = &c->lbl[seg];
	int side = seg_side(g);
	uint32_t sbase = l->sref != REF_NONE ? ref_isn(c, l->sref, side) : 0;
	uint32_t abase = l->aref != REF_NONE ? ref_isn(c, l->aref, !side) : 0;
	uint32_t seq = g->seq - sbase;
	uint32_t ack = g->ack - abase;
	add_flag_words(b, g->flags);
	if (g->len > 0) {
		sb_str(b, " seq=");
		sb_u32(b, seq);
		sb_chr(b, ':');
		sb_u32(b, seq + g->len);
	} else if (g->flags & (TH_SYN | TH_FIN | TH_RST)) {
		sb_str(b, " seq=");
		sb_u32(b, seq);
	}
	if (g->flags & TH_ACK) {
		sb_str(b, " ack=");
		sb_u32(b, ack);
	}
	if ((g->flags & TH_SYN) || g->wnd == 0) {
		sb_str(b, " win=");
		sb_u32(b, g->wnd);
	}
	if ((g->flags & TH_SYN) && every_opt &&
	    (g->opt_mss || g->opt_sackok || g->opt_ts || g->opt_wscale != 0xff)) {
		const char *sep = "";
		sb_str(b, " <");
		if (g->opt_mss) {
			sb_str(b, "mss ");
			sb_u32(b, g->opt_mss);
			sep = ",";
		}
		if (g->opt_sackok) {
			sb_str(b, sep);
			sb_str(b, "sackOK");
			sep = ",";
		}
		if (g->opt_ts) {
			sb_str(b, sep);
			sb_str(b, "TS");
			sep = ",";
		}
		if (g->opt_wscale != 0xff) {
			sb_str(b, sep);
			sb_str(b, "wscale ");
			sb_u32(b, g->opt_wscale);
		}
		sb_chr(b, '>');
	} else if ((g->flags & TH_SYN) && g->opt_mss) {
		sb_str(b, " <mss ");
		sb_u32(b, g->opt_mss);
		sb_chr(b, '>');
	}
	int n = sack_fit(g);
	if (n > 0) {
		sb_str(b, " <sack");
		for (int i = 0; i < n; i++) {
			sb_chr(b, ' ');
			sb_u32(b, g->sack[i][0] - abase);
			sb_chr(b, ':');
			sb_u32(b, g->sack[i][1] - abase);
		}
		sb_chr(b, '>');
	}
}

static void add_seg_label(struct sb *b, const struct fmt_ctx *c, uint32_t seg)
{
	add_seg_label_opts(b, c, seg, 0);
}

int fmt_seg_label(struct fmt_ctx *c, uint32_t seg, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	if (!c || ctx_sync(c) != 0)
		return -1;
	if (seg >= c->tr->nsegs || !c->labels)
		return 0;
	add_seg_label(&b, c, seg);
	return sb_result(&b);
}

/* ---- Other records ---- */

static const char *host_name(const struct fmt_ctx *c, int host)
{
	if (host >= 0 && host < c->scn->nhosts)
		return c->scn->hosts[host].name;
	return "link";
}

static const char *timer_name(int kind)
{
	static const char *const names[TIMER_COUNT] = {
	    [TIMER_RETRANSMIT] = "retransmit",
	    [TIMER_PERSIST] = "persist",
	    [TIMER_DELACK] = "delayed-ACK",
	    [TIMER_KEEPALIVE] = "keepalive",
	    [TIMER_TIME_WAIT] = "2MSL",
	    [TIMER_FIN_WAIT_2] = "FIN_WAIT_2",
	    [TIMER_SACK_COMPRESS] = "compressed-SACK",
	};
	return kind >= 0 && kind < TIMER_COUNT ? names[kind] : "?";
}

static const struct scn_event *scn_event_at(const struct fmt_ctx *c, int32_t i)
{
	return i >= 0 && i < c->scn->nevents ? &c->scn->events[i] : NULL;
}

/* "client 10.0.0.1:40000", "server.2 10.0.0.2:9502", or "client sock 3". */
static void add_sock(struct sb *b, const struct fmt_ctx *c, int host, int32_t sock)
{
	const struct trace *tr = c->tr;
	sb_str(b, host_name(c, host));
	if (sock >= 0 && (uint32_t)sock < tr->nsocks && tr->socks[sock].lport != 0) {
		const struct trace_sock *s = &tr->socks[sock];
		if (s->ordinal >= 2) {
			sb_chr(b, '.');
			sb_u32(b, s->ordinal);
		}
		sb_chr(b, ' ');
		sb_ip(b, s->laddr);
		sb_chr(b, ':');
		sb_u32(b, s->lport);
	} else if (sock >= 0) {
		sb_add(b, " sock %d", (int)sock);
	}
}

/* Text in double quotes, C escapes, at most max bytes shown. */
static void add_quoted(struct sb *b, const char *s, size_t len, size_t max)
{
	sb_add(b, "\"");
	for (size_t i = 0; i < len && i < max; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '"' || ch == '\\')
			sb_add(b, "\\%c", ch);
		else if (ch == '\n')
			sb_add(b, "\\n");
		else if (ch == '\t')
			sb_add(b, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			sb_add(b, "\\x%02x", ch);
		else
			sb_add(b, "%c", ch);
	}
	sb_add(b, len > max ? "\"..." : "\"");
}

static void add_result(struct sb *b, int err)
{
	if (err == SE_OK)
		sb_add(b, " -> ok");
	else
		sb_add(b, " -> %s (%s)", simerr_name(err), simerr_text(err));
}

static void add_call(struct sb *b, const struct fmt_ctx *c, const struct trace_rec *r)
{
	const struct scn_event *e = scn_event_at(c, r->u.call.event);
	char a[16], z[16], t[32];
	sb_add(b, "%s", host_name(c, r->host));
	if (e && e->act.conn > 0)
		sb_add(b, ".%d", e->act.conn);
	sb_add(b, " %s", scn_action_name(r->sub));
	if (e && e->act.kind == r->sub) {
		const struct scn_action *act = &e->act;
		switch (act->kind) {
		case ACT_LISTEN:
			sb_add(b, " %u", (unsigned)act->port);
			if (act->backlog >= 0)
				sb_add(b, " backlog=%d", act->backlog);
			if (act->accept_off)
				sb_add(b, " accept=off");
			break;
		case ACT_CONNECT:
			if (act->peer >= 0 && act->peer < c->scn->nhosts)
				sb_add(b, " %s:%u", ip_fmt(a, c->scn->hosts[act->peer].addr),
				       (unsigned)act->port);
			if (act->from_port)
				sb_add(b, " from %u", (unsigned)act->from_port);
			break;
		case ACT_SEND:
			if (act->text) {
				sb_add(b, " ");
				add_quoted(b, act->text, act->text_len, 40);
				sb_add(b, " (%" PRIu32 " bytes)", act->text_len);
			} else {
				sb_add(b, " %" PRIu32 " bytes", act->nbytes);
			}
			break;
		case ACT_READ:
			if (act->nbytes)
				sb_add(b, " %" PRIu32 " bytes", act->nbytes);
			break;
		case ACT_FLOOD:
			sb_add(b, " %" PRIu32 " SYNs from %s-%s", act->count,
			       ip_fmt(a, act->addr_lo), ip_fmt(z, act->addr_hi));
			if (act->peer >= 0 && act->peer < c->scn->nhosts)
				sb_add(b, " to %s:%u", ip_fmt(a, c->scn->hosts[act->peer].addr),
				       (unsigned)act->port);
			if (act->every)
				sb_add(b, " every %s", simtime_fmt_short(t, sizeof t, act->every));
			break;
		case ACT_INJECT: {
			static const struct {
				uint8_t bit;
				const char *name;
			} fl[] = {{TH_SYN, "SYN"},
			          {TH_RST, "RST"},
			          {TH_PSH, "PSH"},
			          {TH_FIN, "FIN"},
			          {TH_ACK, "ACK"}};
			const char *sep = " ";
			for (size_t k = 0; k < sizeof fl / sizeof fl[0]; k++)
				if (act->iflags & fl[k].bit) {
					sb_add(b, "%s%s", sep, fl[k].name);
					sep = ",";
				}
			if (act->to_port)
				sb_add(b, " to port %u from %u seq %" PRIu32,
				       (unsigned)act->to_port,
				       (unsigned)(act->from_port ? act->from_port
				                                 : SCN_INJECT_FROM_PORT),
				       (uint32_t)act->offset);
			else
				sb_add(b, " at RCV.NXT%+" PRId32, act->offset);
			if ((act->iflags & TH_ACK) && act->to_port)
				sb_add(b, " ack %" PRIu32, (uint32_t)act->ack_offset);
			else if (act->iflags & TH_ACK)
				sb_add(b, " ack %s%+" PRId32,
				       act->ack_ref == INJ_ACK_UNA ? "SND.UNA" : "SND.NXT",
				       act->ack_offset);
			if (act->idata)
				sb_add(b, " with %" PRIu32 " bytes", act->idata);
			break;
		}
		default: break;
		}
	}
	add_result(b, r->u.call.err);
}

static void add_state(struct sb *b, const struct fmt_ctx *c, const struct trace_rec *r)
{
	add_sock(b, c, r->host, r->sock);
	sb_chr(b, ' ');
	sb_str(b, tcps_name(r->u.state.from));
	sb_str(b, " -> ");
	sb_str(b, tcps_name(r->u.state.to));
	sb_str(b, " (");
	const struct scn_event *e;
	switch (r->cause) {
	case CAUSE_SEGMENT:
		sb_str(b, "rcv ");
		if (r->seg >= 0 && (uint32_t)r->seg < c->tr->nsegs)
			add_flag_words(b, c->tr->segs[r->seg].h.flags);
		else
			sb_str(b, "segment");
		break;
	case CAUSE_TIMER:
		sb_str(b, "timer ");
		sb_str(b, timer_name(r->u.state.timer));
		break;
	case CAUSE_CALL:
		e = scn_event_at(c, r->u.state.ref);
		sb_str(b, e ? scn_action_name(e->act.kind) : "call");
		break;
	default: {
		const struct tcp_arrow_info *a = tcp_arrow(r->sub);
		sb_str(b, a ? a->event : "?");
		break;
	}
	}
	if (r->u.state.err) {
		sb_str(b, ": ");
		sb_str(b, simerr_name(r->u.state.err));
	}
	sb_chr(b, ')');
}

/* The link direction a segment travelled (as link.c numbers them). */
static int seg_dir(const struct trace_seg *s)
{
	return s->from == 0 ? DIR_AB : DIR_BA;
}

static void add_loss_reason(struct sb *b, const struct fmt_ctx *c, const struct trace_rec *r)
{
	const struct trace_seg *s = &c->tr->segs[r->seg];
	char a[16];
	switch (r->sub) {
	case LOSS_RANDOM: {
		uint32_t ppm = c->scn->link[seg_dir(s)].loss_ppm;
		char pct[24];
		snprintf(pct, sizeof pct, "%" PRIu32 ".%04" PRIu32, ppm / 10000, ppm % 10000);
		char *end = pct + strlen(pct);
		while (end[-1] == '0')
			*--end = '\0';
		if (end[-1] == '.')
			end[-1] = '\0';
		sb_add(b, "loss %s%%", pct);
		break;
	}
	case LOSS_FAULT: {
		int line = narrate_fault_line(c->scn, c->tr, (uint32_t)r->seg);
		if (line > 0)
			sb_add(b, "scripted drop, line %d", line);
		else
			sb_add(b, "scripted drop");
		break;
	}
	case LOSS_QUEUE: sb_add(b, "queue full"); break;
	case LOSS_MTU:
		sb_add(b, "too big for the router's MTU %u, DF set",
		       s->from < c->scn->nhosts ? c->scn->link[s->from].router_mtu : 0u);
		break;
	case LOSS_NO_HOST: sb_add(b, "no host at %s", ip_fmt(a, s->h.dst)); break;
	case LOSS_HOST_DOWN:
		if (s->to < c->scn->nhosts)
			sb_add(b, "%s is down", c->scn->hosts[s->to].name);
		else
			sb_add(b, "host down");
		break;
	default: sb_add(b, "lost"); break;
	}
}

/* The router's ICMP as tcpdump prints it, where the packet's sender gets
 * it: "IP 10.0.0.254 > 10.0.0.1: ICMP 10.0.0.2 unreachable - need to frag
 * (mtu 1400), length 556" (a Linux router quotes the packet up to 576
 * bytes in all: 8 bytes of ICMP header and 548 of the packet). */
static void add_icmp(struct sb *b, const struct fmt_ctx *c, const struct trace_rec *r)
{
	const struct trace_seg *s = &c->tr->segs[r->seg];
	char ra[16], to[16], dst[16];
	uint32_t pkt = 40 + seg_opt_len(&s->h) + s->h.len;
	sb_add(b, "IP %s > %s: ICMP %s unreachable - need to frag (mtu %u), length %u",
	       ip_fmt(ra, scn_router_addr(c->scn)), ip_fmt(to, s->h.src), ip_fmt(dst, s->h.dst),
	       s->from < c->scn->nhosts ? c->scn->link[s->from].router_mtu : 0u,
	       8u + (pkt < 548u ? pkt : 548u));
}

static const char *info_text(int code)
{
	static const char *const text[INFO_CODE_COUNT] = {
	    [INFO_CHALLENGE_ACK] = "challenge ACK (RFC 5961)",
	    [INFO_RST_IGNORED] = "RST outside the window ignored",
	    [INFO_OUT_OF_WINDOW] = "unacceptable segment, ACK sent",
	    [INFO_BAD_ACK] = "unacceptable ACK ignored",
	    [INFO_SYN_QUEUE_FULL] = "SYN queue full, SYN dropped",
	    [INFO_ACCEPT_QUEUE_FULL] = "accept queue full, handshake ACK dropped",
	    [INFO_SYNCOOKIE_SENT] = "SYN answered with a SYN cookie",
	    [INFO_SYNCOOKIE_OK] = "valid cookie in ACK, connection created",
	    [INFO_RST_SENT_NO_SOCKET] = "no socket for this segment, RST sent",
	    [INFO_TW_FIN_REACKED] = "TIME_WAIT re-ACKs a retransmitted FIN, 2MSL restarted",
	    [INFO_TW_OLD_DUP] = "TIME_WAIT absorbs an old duplicate",
	    [INFO_TW_SYN_REFUSED] = "TIME_WAIT refuses a SYN (not above RCV.NXT, no newer "
	                            "timestamp)",
	    [INFO_TW_SYN_NO_LISTENER] = "TIME_WAIT could reopen for this SYN, but nothing "
	                                "listens",
	    [INFO_RETRANSMIT] = "retransmission",
	    [INFO_FAST_RETRANSMIT] = "fast retransmission (3 duplicate ACKs)",
	    [INFO_DUP_ACK] = "duplicate ACK",
	    [INFO_ZERO_WINDOW] = "peer's window is zero",
	    [INFO_WINDOW_PROBE] = "zero-window probe",
	    [INFO_KEEPALIVE_PROBE] = "keepalive probe",
	    [INFO_DUP_DATA] = "duplicate data, re-ACKed",
	    [INFO_OOO_DATA] = "out-of-order data queued",
	    [INFO_RST_RCVD_CLOSED] = "segment for a connection this host no longer has",
	    [INFO_DATA_AFTER_CLOSE] = "data after close, RST sent",
	    [INFO_TW_RST_IGNORED] = "TIME_WAIT ignores a RST (RFC 1337)",
	    [INFO_ACK_RATELIMITED] = "no ACK for this invalid segment (rate limit, 500 ms)",
	    [INFO_PAWS_REJECTED] = "older timestamp: an old duplicate (PAWS, RFC 7323)",
	    [INFO_ACCEPT_QUEUE_FULL_SYN] = "accept queue full, SYN dropped",
	    [INFO_RACK_LOSS] = "RACK: segments lost, fast recovery",
	    [INFO_ICMP_FRAG_NEEDED] = "ICMP fragmentation needed",
	    [INFO_SWS_OVERRIDE] = "SWS override: a short segment",
	    [INFO_MTU_PROBING] = "path MTU black hole suspected (mtu_probing): MSS",
	    [INFO_UNDO] = "the retransmission was needless: cwnd and ssthresh restored (undo)",
	};
	return code >= 0 && code < INFO_CODE_COUNT && text[code] ? text[code] : "info";
}

static void add_expect(struct sb *b, const struct fmt_ctx *c, const struct trace_rec *r)
{
	int i = r->u.expect.index;
	if (i < 0 || i >= c->scn->nexpects) {
		sb_add(b, "expect %s", r->sub ? "held" : "failed");
		return;
	}
	const struct scn_expect *x = &c->scn->expects[i];
	char who[SCN_NAME_MAX + 16];
	snprintf(who, sizeof who, "%s", host_name(c, x->host));
	if (x->conn > 0)
		snprintf(who + strlen(who), sizeof who - strlen(who), ".%d", x->conn);
	sb_add(b, "expect line %d %s: %s ", x->line, r->sub ? "held" : "failed", who);
	int seen = r->u.expect.seen;
	switch (x->kind) {
	case EXPECT_STATE:
		sb_add(b, "%s", tcps_name(x->state));
		if (!r->sub)
			sb_add(b, ", was %s", tcps_name(seen));
		break;
	case EXPECT_ERROR:
		sb_add(b, "error %s", simerr_name(x->err));
		if (!r->sub)
			sb_add(b, ", was %s", seen ? simerr_name(seen) : "no error");
		break;
	case EXPECT_COUNT:
		sb_add(b, "count %s %" PRIu32, tcps_name(x->state), x->count);
		if (!r->sub)
			sb_add(b, ", was %d", seen);
		break;
	default: break;
	}
}

/* Whether record r prints in a view (-1 the wire, else that host). */
static int shows(const struct trace_rec *r, int at_host)
{
	switch (r->kind) {
	case TR_SEG_SEND: return at_host < 0 || r->host == at_host;
	case TR_SEG_ARRIVE: return at_host >= 0 && r->host == at_host;
	case TR_SEG_LOST: return at_host < 0;
	case TR_NOTE:
	case TR_ASK:
	case TR_EXPECT: return 1;
	default: return at_host < 0 || r->host == at_host;
	}
}

/* Long timers get an "armed" line; the per-segment ones would drown the
 * trace (their firing prints). */
static int arm_worth_a_line(int kind)
{
	return kind == TIMER_TIME_WAIT || kind == TIMER_FIN_WAIT_2 || kind == TIMER_KEEPALIVE ||
	       kind == TIMER_PERSIST;
}

/* Record k's line into b; 0 when it prints nothing in this view. */
static int add_record(struct sb *b, struct fmt_ctx *c, uint32_t k, int at, int absolute)
{
	const struct trace *tr = c->tr;
	const struct trace_rec *r = &tr->recs[k];
	if (!shows(r, at))
		return 0;
	int segok = r->seg >= 0 && (uint32_t)r->seg < tr->nsegs;
	if ((r->kind == TR_SEG_SEND || r->kind == TR_SEG_ARRIVE || r->kind == TR_SEG_LOST) &&
	    !segok)
		return 0;
	if (r->kind == TR_TIMER_ARM && !arm_worth_a_line(r->sub))
		return 0;
	sb_time(b, r->t);
	sb_chr(b, ' ');
	int view = at < 0 ? 0 : 1 + at;
	struct rel rel;
	switch (r->kind) {
	case TR_SEG_SEND:
	case TR_SEG_ARRIVE: {
		sb_str(b, "IP ");
		rel = view_rel(c, view, (uint32_t)r->seg, absolute);
		struct segment rx = tr->segs[r->seg].h; /* an arrival: its MSS as clamped */
		if (r->kind == TR_SEG_ARRIVE && tr->segs[r->seg].rx_mss)
			rx.opt_mss = tr->segs[r->seg].rx_mss;
		add_dump_line(b, &rx, &rel, 1);
		break;
	}
	case TR_SEG_LOST:
		sb_str(b, "link lost ");
		rel = view_rel(c, 0, (uint32_t)r->seg, absolute);
		add_dump_line(b, &tr->segs[r->seg].h, &rel, 0);
		sb_str(b, " (");
		add_loss_reason(b, c, r);
		sb_chr(b, ')');
		break;
	case TR_STATE: add_state(b, c, r); break;
	case TR_TIMER_ARM:
		add_sock(b, c, r->host, r->sock); /* which socket's timer: server.5 10.0.0.2:80 */
		sb_str(b, " timer ");
		sb_str(b, timer_name(r->sub));
		sb_str(b, " armed, fires at ");
		sb_time(b, r->u.timer.expiry);
		if (r->sub == TIMER_PERSIST && r->u.timer.attempt == TIMER_ATTEMPT_SWS)
			sb_str(b, " (SWS override)");
		break;
	case TR_TIMER_FIRE:
		add_sock(b, c, r->host, r->sock);
		sb_str(b, " timer ");
		sb_str(b, timer_name(r->sub));
		sb_str(b, " fired");
		if (r->sub == TIMER_RETRANSMIT && r->u.timer.attempt == 0) {
			sb_str(b, " (tail loss probe)");
		} else if (r->sub == TIMER_RETRANSMIT && r->u.timer.attempt == TIMER_ATTEMPT_REO) {
			sb_str(b, " (RACK reordering window)");
		} else if (r->sub == TIMER_RETRANSMIT) {
			simtime_t rto = r->u.timer.expiry;
			sb_add(b, " (rto %" PRId64 ".%03" PRId64 "s, attempt %" PRIu32 ")",
			       rto / SIMTIME_S, (rto % SIMTIME_S) / SIMTIME_MS, r->u.timer.attempt);
		} else if (r->sub == TIMER_PERSIST && r->u.timer.attempt == TIMER_ATTEMPT_SWS) {
			sb_str(b, " (SWS override)");
		} else if ((r->sub == TIMER_PERSIST || r->sub == TIMER_KEEPALIVE) &&
		           r->u.timer.attempt) {
			sb_add(b, " (probe %" PRIu32 ")", r->u.timer.attempt);
		}
		break;
	case TR_APP_CALL: add_call(b, c, r); break;
	case TR_APP_ERROR:
		sb_add(b, "%s error %s (%s)", host_name(c, r->host), simerr_name(r->u.error.err),
		       simerr_text(r->u.error.err));
		break;
	case TR_INFO:
		if (r->sub == INFO_ICMP_FRAG_NEEDED && segok) {
			add_icmp(b, c, r);
			break;
		}
		sb_str(b, host_name(c, r->host));
		sb_chr(b, ' ');
		sb_str(b, info_text(r->sub));
		if (r->sub == INFO_MTU_PROBING)
			sb_add(b, " %" PRIu32, r->u.info.value);
		if (segok) {
			/* the window's label, with a SYN's every option, clipped at
			 * 159 bytes */
			char lbl[160];
			struct sb l = sb_make(lbl, sizeof lbl);
			if (c->labels)
				add_seg_label_opts(&l, c, (uint32_t)r->seg, 1);
			sb_end(&l);
			sb_str(b, ": ");
			sb_str(b, lbl);
		}
		break;
	case TR_NOTE: {
		int i = r->u.note.index;
		sb_str(b, "note ");
		if (i >= 0 && i < c->scn->nnotes && c->scn->notes[i].text)
			add_quoted(b, c->scn->notes[i].text, strlen(c->scn->notes[i].text),
			           SIZE_MAX);
		else
			sb_str(b, "\"\"");
		break;
	}
	case TR_ASK: {
		/* the question only: the trace never tells the answer */
		int i = r->u.note.index;
		sb_str(b, "ask ");
		if (i >= 0 && i < c->scn->nasks && c->scn->asks[i].when.text)
			add_quoted(b, c->scn->asks[i].when.text, strlen(c->scn->asks[i].when.text),
			           SIZE_MAX);
		else
			sb_str(b, "\"\"");
		break;
	}
	case TR_EXPECT: add_expect(b, c, r); break;
	default: return 0;
	}
	return 1;
}

int fmt_record(struct fmt_ctx *c, uint32_t k, const struct fmt_opts *o, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	if (!c || ctx_sync(c) != 0)
		return -1;
	if (k >= c->tr->n)
		return 0;
	if (!add_record(&b, c, k, o ? o->at_host : -1, o ? o->absolute : 0)) {
		sb_end(&b);
		return 0;
	}
	return sb_result(&b);
}

/* ---- The whole trace ---- */

/* The role events record k makes in a context: bit 1 << ROLE_DUMP when it
 * fixes or reads tcpdump's bases in a kept view, 1 << ROLE_ISN when it
 * names or reads the ladder's ISNs.  As ctx_sync() applies them. */
static unsigned rec_roles(const struct fmt_ctx *c, const struct trace_rec *r)
{
	const struct trace *tr = c->tr;
	if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
		return 0;
	const struct trace_seg *s = &tr->segs[r->seg];
	unsigned roles = 0;
	int ack = (s->h.flags & TH_ACK) != 0; /* the others never meet the table */
	if (r->kind == TR_SEG_SEND) {
		if (ack && (wants(c, 0) || (s->from < SCN_MAX_HOSTS && wants(c, 1 + s->from))))
			roles |= 1u << ROLE_DUMP;
		if (c->labels)
			roles |= 1u << ROLE_ISN;
	} else if (r->kind == TR_SEG_ARRIVE && r->host < SCN_MAX_HOSTS && wants(c, 1 + r->host) &&
	           ack) {
		roles |= 1u << ROLE_DUMP;
	}
	return roles;
}

/* Marks, per role, the conversations met by more than one event (by hash:
 * a collision only sends a lone conversation to the table, which is
 * harmless).  Returns 0, or -1 when out of memory. */
static int mark_multi(struct fmt_ctx *c)
{
	const struct trace *tr = c->tr;
	/* 16 bits per segment (each makes at most one event per role but for
	 * a host talking to itself): one lone conversation in 16 shares its
	 * bit with another and goes to the table for nothing */
	uint64_t bits = 1024;
	while (bits < (uint64_t)tr->nsegs * 16 && bits < (1ull << 32))
		bits *= 2;
	size_t bytes = (size_t)(bits / 8);
	uint8_t *seen = calloc(2 * bytes, 1);
	c->multi[0] = calloc(2 * bytes, 1);
	if (!seen || !c->multi[0]) {
		free(seen);
		return -1;
	}
	c->multi[1] = c->multi[0] + bytes;
	c->multimask = (uint32_t)(bits - 1);
	for (uint32_t k = 0; k < tr->n; k++) {
		unsigned roles = rec_roles(c, &tr->recs[k]);
		if (!roles)
			continue;
		uint32_t addr[2];
		uint16_t port[2];
		int side;
		conv_key(&tr->segs[tr->recs[k].seg].h, addr, port, &side);
		uint32_t i = conv_hash(addr, port) & c->multimask;
		uint8_t bit = (uint8_t)(1u << (i & 7));
		for (int role = 0; role < 2; role++) {
			if (!(roles & (1u << role)))
				continue;
			if (seen[role * bytes + (i >> 3)] & bit)
				c->multi[role][i >> 3] |= bit;
			seen[role * bytes + (i >> 3)] |= bit;
		}
	}
	free(seen);
	/* Size the table once for the conversations marked (about one per
	 * bit), so that it never holds its old and new arrays at once. */
	uint64_t marked = 0;
	for (size_t j = 0; j < bytes; j++)
		for (unsigned v = c->multi[0][j] | c->multi[1][j]; v; v &= v - 1)
			marked++;
	uint64_t cap = 64;
	while (cap * 7 < (marked + marked / 8 + 1) * 10 && cap <= UINT32_MAX / 4)
		cap *= 2;
	return convtab_resize(&c->convs, (uint32_t)cap);
}

/* What one view of a finished trace needs, and nothing more: the numbers
 * of that view only (none with -S), labels only when an info line shows
 * one, and in the table only conversations met more than once (a
 * 1,000,000-SYN flood is a million conversations of one SYN each). */
static struct fmt_ctx *ctx_for_view(const struct scenario *scn, const struct trace *tr, int at,
                                    int absolute)
{
	int labels = 0;
	for (uint32_t k = 0; k < tr->n && !labels; k++) {
		const struct trace_rec *r = &tr->recs[k];
		labels = r->kind == TR_INFO && r->seg >= 0 && (uint32_t)r->seg < tr->nsegs &&
		         shows(r, at);
	}
	unsigned views = absolute ? 0 : 1u << (at < 0 ? 0 : 1 + at);
	struct fmt_ctx *c = ctx_alloc(scn, tr, views, labels);
	if (!c || (!views && !labels))
		return c;
	if (mark_multi(c) != 0 || ctx_sync(c) != 0) {
		fmt_ctx_free(c);
		return NULL;
	}
	/* digested: the table and the bitmaps are done with */
	free(c->multi[0]);
	free(c->convs.v);
	c->multi[0] = c->multi[1] = NULL;
	c->convs = (struct convtab){NULL, 0, 0};
	return c;
}

/* Lines are formatted into one buffer that leaves in blocks of exactly
 * this size (a multiple of any stdio buffer, so each block is one write). */
#define OUT_BLOCK (256u * 1024u)
#define OUT_SLACK 4096u /* room beyond a block for the line that fills it */

/* Record k's line and, with --narrate, the window's sentence for it on a
 * line of its own ("  # The server got a SYN ...").  A record the trace
 * leaves out in this view but the window still steps through (an arrival
 * on the wire, a retransmission timer armed) gets its sentence alone, with
 * its time: "  # 1.010000 The client's SYN reaches the server."  Notes and
 * verdicts are their own sentence already. */
static int add_narrated(struct sb *b, struct fmt_ctx *c, uint32_t k, int at, int absolute,
                        int with_narration)
{
	int line = add_record(b, c, k, at, absolute);
	const struct trace_rec *r = &c->tr->recs[k];
	if (!with_narration || r->kind == TR_NOTE || r->kind == TR_ASK || r->kind == TR_EXPECT)
		return line;
	if (!line && !(shows(r, at) || (at < 0 && r->kind == TR_SEG_ARRIVE)))
		return 0;
	char text[1024];
	if (narrate(c->scn, c->tr, k, text, sizeof text) <= 0)
		return line;
	if (line)
		sb_str(b, "\n  # ");
	else {
		sb_str(b, "  # ");
		sb_time(b, r->t);
		sb_chr(b, ' ');
	}
	sb_str(b, text);
	sb_end(b);
	return 1;
}

int out_trace(FILE *f, const struct scenario *scn, const struct trace *tr, const struct fmt_opts *o)
{
	int at = o ? o->at_host : -1, absolute = o ? o->absolute : 0, nar = o && o->narrate;
	struct fmt_ctx *c = ctx_for_view(scn, tr, at, absolute);
	size_t cap = OUT_BLOCK + OUT_SLACK, len = 0;
	char *buf = c ? malloc(cap) : NULL;
	if (!buf) {
		fmt_ctx_free(c);
		return OUT_ENOMEM;
	}
	int rc = OUT_OK;
	for (uint32_t k = 0; rc == OUT_OK && k < tr->n; k++) {
		struct sb b = sb_make(buf + len, cap - len);
		if (!add_narrated(&b, c, k, at, absolute, nar))
			continue;
		if (b.len >= cap - len) {
			/* a line longer than the room left: make room, format again */
			char *bigger = b.len < SIZE_MAX - len - OUT_SLACK
			                   ? realloc(buf, len + b.len + OUT_SLACK)
			                   : NULL;
			if (!bigger) {
				rc = OUT_ENOMEM;
				break;
			}
			buf = bigger;
			cap = len + b.len + OUT_SLACK;
			b = sb_make(buf + len, cap - len);
			add_narrated(&b, c, k, at, absolute, nar);
		}
		len += b.len;
		buf[len++] = '\n';
		while (rc == OUT_OK && len >= OUT_BLOCK) {
			if (fwrite(buf, 1, OUT_BLOCK, f) != OUT_BLOCK)
				rc = OUT_EWRITE;
			len -= OUT_BLOCK;
			memmove(buf, buf + OUT_BLOCK, len);
		}
	}
	if (rc == OUT_OK && len && fwrite(buf, 1, len, f) != len)
		rc = OUT_EWRITE;
	if (rc == OUT_OK && (fflush(f) != 0 || ferror(f)))
		rc = OUT_EWRITE;
	free(buf);
	fmt_ctx_free(c);
	return rc;
}
