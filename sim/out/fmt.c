/* fmt: the text trace.  One line per trace record: a segment as tcpdump
 * prints it, every other record as "TIME WHO what (why)".  Called by
 * out_trace() (tcpsim trace), by the window's narration and by svg_out.c
 * (fmt_seg_label).  fmt_ctx keeps what tcpdump keeps to print relative
 * sequence numbers, once per view (the wire, and each host's own capture),
 * so that a line here equals `tcpdump -n -tt -r` of the matching pcap. */
#include "output.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simerr.h"
#include "tcpstate.h"

#define NVIEWS (1 + SCN_MAX_HOSTS) /* 0: the wire; 1 + h: host h */

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
 * smaller address:port), with a sequence base per side. */
struct conv {
	uint32_t addr[2];
	uint16_t port[2];
	uint32_t base[2];
	uint8_t used, known[2];
};

struct convtab {
	struct conv *v;
	uint32_t cap, n;
};

/* The ladder's numbers: relative to each side's ISN when it is known. */
struct lbl {
	uint32_t sbase, abase;
	uint8_t sknown, aknown;
};

struct fmt_ctx {
	const struct scenario *scn;
	const struct trace *tr;
	uint32_t done;   /* records digested so far */
	uint32_t segcap; /* length of the per-segment arrays */
	struct rel *rel[NVIEWS];
	struct convtab dump[NVIEWS];
	struct convtab isn;
	struct lbl *lbl;
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

static struct sb sb_make(char *buf, size_t size)
{
	struct sb b = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	return b;
}

static int sb_result(const struct sb *b)
{
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

static void conv_key(const struct segment *g, uint32_t addr[2], uint16_t port[2], int *side)
{
	int swap = g->src > g->dst || (g->src == g->dst && g->sport > g->dport);
	addr[0] = swap ? g->dst : g->src;
	port[0] = swap ? g->dport : g->sport;
	addr[1] = swap ? g->src : g->dst;
	port[1] = swap ? g->sport : g->dport;
	*side = swap;
}

static struct conv *conv_slot(struct convtab *t, const uint32_t addr[2], const uint16_t port[2])
{
	uint32_t mask = t->cap - 1;
	for (uint32_t i = conv_hash(addr, port) & mask;; i = (i + 1) & mask) {
		struct conv *c = &t->v[i];
		if (!c->used || (c->addr[0] == addr[0] && c->addr[1] == addr[1] &&
		                 c->port[0] == port[0] && c->port[1] == port[1]))
			return c;
	}
}

/* Finds the conversation of segment g, creating it when asked; *side says
 * which end sent g.  Returns NULL only when absent and not created. */
static struct conv *conv_find(struct convtab *t, const struct segment *g, int create, int *side)
{
	uint32_t addr[2];
	uint16_t port[2];
	conv_key(g, addr, port, side);
	if (t->cap == 0 || (create && (t->n + 1) * 2 > t->cap)) {
		if (!create && t->cap == 0)
			return NULL;
		struct convtab bigger = {calloc(t->cap ? t->cap * 2 : 64, sizeof(struct conv)),
		                         t->cap ? t->cap * 2 : 64, t->n};
		if (!bigger.v)
			abort(); /* out of memory */
		for (uint32_t i = 0; i < t->cap; i++)
			if (t->v[i].used)
				*conv_slot(&bigger, t->v[i].addr, t->v[i].port) = t->v[i];
		free(t->v);
		*t = bigger;
	}
	struct conv *c = conv_slot(t, addr, port);
	if (!c->used) {
		if (!create)
			return NULL;
		memset(c, 0, sizeof *c);
		c->used = 1;
		memcpy(c->addr, addr, sizeof addr);
		memcpy(c->port, port, sizeof port);
		t->n++;
	}
	return c;
}

/* tcpdump's rule (print-tcp.c): only ACK segments take part; the first one
 * of a conversation, or any with SYN, records seq and ack-1 as the bases and
 * prints absolute; later ones print relative. */
static struct rel dump_apply(struct convtab *t, const struct segment *g)
{
	struct rel r = {0, 0, REL_ABS};
	int side;
	if (!(g->flags & TH_ACK))
		return r;
	struct conv *c = conv_find(t, g, 0, &side);
	if (!c || (g->flags & TH_SYN)) {
		c = conv_find(t, g, 1, &side);
		c->base[side] = g->seq;
		c->base[!side] = g->ack - 1;
		r.mode = REL_NEW;
	} else {
		r.mode = REL_REL;
	}
	r.seqbase = c->base[side];
	r.ackbase = c->base[!side];
	return r;
}

/* The ladder's rule: a SYN names its sender's ISN, a SYN,ACK also names the
 * peer's (ack - 1); numbers are relative to whichever ISN is known. */
static struct lbl isn_apply(struct convtab *t, const struct segment *g)
{
	int side;
	struct conv *c = conv_find(t, g, (g->flags & TH_SYN) != 0, &side);
	struct lbl l = {0, 0, 0, 0};
	if (g->flags & TH_SYN) {
		c->base[side] = g->seq;
		c->known[side] = 1;
		if (g->flags & TH_ACK) {
			c->base[!side] = g->ack - 1;
			c->known[!side] = 1;
		}
	}
	if (c) {
		l.sbase = c->base[side];
		l.sknown = c->known[side];
		l.abase = c->base[!side];
		l.aknown = c->known[!side];
	}
	return l;
}

/* ---- The context ---- */

static void ctx_grow(struct fmt_ctx *c, uint32_t nsegs)
{
	if (nsegs <= c->segcap)
		return;
	uint32_t cap = c->segcap ? c->segcap : 64;
	while (cap < nsegs)
		cap *= 2;
	for (int v = 0; v < NVIEWS; v++) {
		struct rel *p = realloc(c->rel[v], (size_t)cap * sizeof *p);
		if (!p)
			abort(); /* out of memory */
		memset(p + c->segcap, 0, (size_t)(cap - c->segcap) * sizeof *p);
		c->rel[v] = p;
	}
	struct lbl *l = realloc(c->lbl, (size_t)cap * sizeof *l);
	if (!l)
		abort(); /* out of memory */
	memset(l + c->segcap, 0, (size_t)(cap - c->segcap) * sizeof *l);
	c->lbl = l;
	c->segcap = cap;
}

/* Digests records the context has not seen yet (the trace only grows). */
static void ctx_sync(struct fmt_ctx *c)
{
	const struct trace *tr = c->tr;
	ctx_grow(c, tr->nsegs);
	for (; c->done < tr->n; c->done++) {
		const struct trace_rec *r = &tr->recs[c->done];
		if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
			continue;
		const struct trace_seg *s = &tr->segs[r->seg];
		if (r->kind == TR_SEG_SEND) {
			c->rel[0][r->seg] = dump_apply(&c->dump[0], &s->h);
			if (s->from < SCN_MAX_HOSTS)
				c->rel[1 + s->from][r->seg] =
				    dump_apply(&c->dump[1 + s->from], &s->h);
			c->lbl[r->seg] = isn_apply(&c->isn, &s->h);
		} else if (r->kind == TR_SEG_ARRIVE && r->host < SCN_MAX_HOSTS) {
			c->rel[1 + r->host][r->seg] = dump_apply(&c->dump[1 + r->host], &s->h);
		}
	}
}

struct fmt_ctx *fmt_ctx_new(const struct scenario *scn, const struct trace *tr)
{
	struct fmt_ctx *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->scn = scn;
	c->tr = tr;
	ctx_sync(c);
	return c;
}

void fmt_ctx_free(struct fmt_ctx *c)
{
	if (!c)
		return;
	for (int v = 0; v < NVIEWS; v++) {
		free(c->rel[v]);
		free(c->dump[v].v);
	}
	free(c->isn.v);
	free(c->lbl);
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
	int any = 0;
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (f & order[i].bit) {
			sb_add(b, "%c", order[i].ch);
			any = 1;
		}
	if (!any)
		sb_add(b, "none");
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
	sb_add(b, ", options [");
	if (g->opt_mss) {
		sb_add(b, "mss %u", (unsigned)g->opt_mss);
		sep = ",";
	}
	if (g->opt_ts) {
		sb_add(b, "%s%sTS val %" PRIu32 " ecr %" PRIu32, sep,
		       g->opt_sackok ? "sackOK," : "nop,nop,", g->ts_val, g->ts_ecr);
		sep = ",";
	} else if (g->opt_sackok) {
		sb_add(b, "%snop,nop,sackOK", sep);
		sep = ",";
	}
	if (g->opt_wscale != 0xff) {
		sb_add(b, "%snop,wscale %u", sep, (unsigned)g->opt_wscale);
		sep = ",";
	}
	if (n > 0) {
		uint32_t base = r->mode == REL_ABS ? 0 : r->ackbase;
		sb_add(b, "%snop,nop,sack %d ", sep, n);
		for (int i = 0; i < n; i++)
			sb_add(b, "{%" PRIu32 ":%" PRIu32 "}", g->sack[i][0] - base,
			       g->sack[i][1] - base);
	}
	sb_add(b, "]");
}

/* "A.p > B.q: Flags [..], seq .., ack .." and, when full, the rest. */
static void add_dump_line(struct sb *b, const struct segment *g, const struct rel *r, int full)
{
	char a[16], d[16];
	uint32_t seq = g->seq, ack = g->ack;
	if (r->mode == REL_REL) {
		seq -= r->seqbase;
		ack -= r->ackbase;
	}
	sb_add(b, "%s.%u > %s.%u: Flags [", ip_fmt(a, g->src), (unsigned)g->sport,
	       ip_fmt(d, g->dst), (unsigned)g->dport);
	add_dump_flags(b, g->flags);
	sb_add(b, "]");
	if (g->len > 0 || (g->flags & (TH_SYN | TH_FIN | TH_RST))) {
		sb_add(b, ", seq %" PRIu32, seq);
		if (g->len > 0)
			sb_add(b, ":%" PRIu32, seq + g->len);
	}
	if (g->flags & TH_ACK)
		sb_add(b, ", ack %" PRIu32, ack);
	if (!full)
		return;
	sb_add(b, ", win %u", (unsigned)g->wnd);
	add_dump_options(b, g, r);
	sb_add(b, ", length %" PRIu32, g->len);
}

static const struct rel rel_absolute = {0, 0, REL_ABS};

static const struct rel *view_rel(const struct fmt_ctx *c, int view, uint32_t seg, int absolute)
{
	if (absolute || view < 0 || view >= NVIEWS || seg >= c->segcap)
		return &rel_absolute;
	return &c->rel[view][seg];
}

int fmt_segment(struct fmt_ctx *c, uint32_t seg, int absolute, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	ctx_sync(c);
	if (seg >= c->tr->nsegs)
		return 0;
	add_dump_line(&b, &c->tr->segs[seg].h, view_rel(c, 0, seg, absolute), 1);
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
	const char *sep = "";
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		if (f & order[i].bit) {
			sb_add(b, "%s%s", sep, order[i].name);
			sep = ",";
		}
	if (!*sep)
		sb_add(b, "none");
}

int fmt_seg_label(struct fmt_ctx *c, uint32_t seg, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	ctx_sync(c);
	if (seg >= c->tr->nsegs)
		return 0;
	const struct segment *g = &c->tr->segs[seg].h;
	const struct lbl *l = &c->lbl[seg];
	uint32_t seq = g->seq - (l->sknown ? l->sbase : 0);
	uint32_t ack = g->ack - (l->aknown ? l->abase : 0);
	add_flag_words(&b, g->flags);
	if (g->len > 0)
		sb_add(&b, " seq=%" PRIu32 ":%" PRIu32, seq, seq + g->len);
	else if (g->flags & (TH_SYN | TH_FIN | TH_RST))
		sb_add(&b, " seq=%" PRIu32, seq);
	if (g->flags & TH_ACK)
		sb_add(&b, " ack=%" PRIu32, ack);
	if ((g->flags & TH_SYN) || g->wnd == 0)
		sb_add(&b, " win=%u", (unsigned)g->wnd);
	if ((g->flags & TH_SYN) && g->opt_mss)
		sb_add(&b, " <mss %u>", (unsigned)g->opt_mss);
	int n = sack_fit(g);
	if (n > 0) {
		sb_add(&b, " <sack");
		for (int i = 0; i < n; i++)
			sb_add(&b, " %" PRIu32 ":%" PRIu32,
			       g->sack[i][0] - (l->aknown ? l->abase : 0),
			       g->sack[i][1] - (l->aknown ? l->abase : 0));
		sb_add(&b, ">");
	}
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
	    [TIMER_RETRANSMIT] = "retransmit", [TIMER_PERSIST] = "persist",
	    [TIMER_DELACK] = "delayed-ACK",    [TIMER_KEEPALIVE] = "keepalive",
	    [TIMER_TIME_WAIT] = "2MSL",        [TIMER_FIN_WAIT_2] = "FIN_WAIT_2",
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
	sb_add(b, "%s", host_name(c, host));
	if (sock >= 0 && (uint32_t)sock < tr->nsocks && tr->socks[sock].lport != 0) {
		const struct trace_sock *s = &tr->socks[sock];
		char a[16];
		if (s->ordinal >= 2)
			sb_add(b, ".%d", (int)s->ordinal);
		sb_add(b, " %s:%u", ip_fmt(a, s->laddr), (unsigned)s->lport);
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
	sb_add(b, " %s -> %s (", tcps_name(r->u.state.from), tcps_name(r->u.state.to));
	const struct scn_event *e;
	switch (r->cause) {
	case CAUSE_SEGMENT:
		sb_add(b, "rcv ");
		if (r->seg >= 0 && (uint32_t)r->seg < c->tr->nsegs)
			add_flag_words(b, c->tr->segs[r->seg].h.flags);
		else
			sb_add(b, "segment");
		break;
	case CAUSE_TIMER: sb_add(b, "timer %s", timer_name(r->u.state.timer)); break;
	case CAUSE_CALL:
		e = scn_event_at(c, r->u.state.ref);
		sb_add(b, "%s", e ? scn_action_name(e->act.kind) : "call");
		break;
	default: {
		const struct tcp_arrow_info *a = tcp_arrow(r->sub);
		sb_add(b, "%s", a ? a->event : "?");
		break;
	}
	}
	if (r->u.state.err)
		sb_add(b, ": %s", simerr_name(r->u.state.err));
	sb_add(b, ")");
}

/* The link direction a segment travelled (as link.c numbers them). */
static int seg_dir(const struct trace_seg *s)
{
	return s->from == 0 ? DIR_AB : DIR_BA;
}

/* 1 when fault f's `data seq A:B` range (if any) takes segment o. */
static int fault_range_hits(const struct fmt_ctx *c, const struct scn_fault *f,
                            const struct trace_seg *o)
{
	if (!f->seq_b)
		return 1;
	if (o->sock < 0 || (uint32_t)o->sock >= c->tr->nsocks)
		return 0;
	uint32_t lo = o->h.seq - c->tr->socks[o->sock].iss, hi = lo + o->h.len;
	return SEQ_LT(lo, f->seq_b) && SEQ_LT(f->seq_a, hi);
}

/* The scenario line of the drop fault that took segment idx, or 0.  Replays
 * the link's matching (every fault counts every segment of its direction
 * but the forged ones). */
static int fault_line(const struct fmt_ctx *c, uint32_t idx)
{
	const struct trace_seg *s = &c->tr->segs[idx];
	int dir = seg_dir(s);
	if (s->forged)
		return 0;
	for (int i = 0; i < c->scn->nfaults; i++) {
		const struct scn_fault *f = &c->scn->faults[i];
		if (f->dir != DIR_BOTH && f->dir != dir)
			continue;
		if (f->kind == FAULT_DROP_SEGNO && s->nth == f->nth)
			return f->line;
		if (f->kind == FAULT_DROP_WINDOW && s->sent >= f->from && s->sent <= f->to)
			return f->line;
		if (f->kind != FAULT_DROP_MATCH || !scn_seg_matches(&s->h, f->match) ||
		    !fault_range_hits(c, f, s))
			continue;
		uint32_t seen = 0;
		for (uint32_t j = 0; j <= idx; j++) {
			const struct trace_seg *o = &c->tr->segs[j];
			if (!o->dup && !o->forged && seg_dir(o) == dir &&
			    scn_seg_matches(&o->h, f->match) && fault_range_hits(c, f, o))
				seen++;
		}
		if (seen == f->nth)
			return f->line;
	}
	return 0;
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
		int line = fault_line(c, (uint32_t)r->seg);
		if (line > 0)
			sb_add(b, "scripted drop, line %d", line);
		else
			sb_add(b, "scripted drop");
		break;
	}
	case LOSS_QUEUE: sb_add(b, "queue full"); break;
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

int fmt_record(struct fmt_ctx *c, uint32_t k, const struct fmt_opts *o, char *buf, size_t size)
{
	struct sb b = sb_make(buf, size);
	const struct trace *tr = c->tr;
	ctx_sync(c);
	if (k >= tr->n)
		return 0;
	const struct trace_rec *r = &tr->recs[k];
	int at = o ? o->at_host : -1;
	int absolute = o ? o->absolute : 0;
	if (!shows(r, at))
		return 0;
	int segok = r->seg >= 0 && (uint32_t)r->seg < tr->nsegs;
	if ((r->kind == TR_SEG_SEND || r->kind == TR_SEG_ARRIVE || r->kind == TR_SEG_LOST) &&
	    !segok)
		return 0;
	if (r->kind == TR_TIMER_ARM && !arm_worth_a_line(r->sub))
		return 0;
	char t[32], x[32];
	sb_add(&b, "%s ", simtime_fmt(t, sizeof t, r->t));
	int view = at < 0 ? 0 : 1 + at;
	switch (r->kind) {
	case TR_SEG_SEND:
	case TR_SEG_ARRIVE:
		sb_add(&b, "IP ");
		add_dump_line(&b, &tr->segs[r->seg].h,
		              view_rel(c, view, (uint32_t)r->seg, absolute), 1);
		break;
	case TR_SEG_LOST:
		sb_add(&b, "link lost ");
		add_dump_line(&b, &tr->segs[r->seg].h, view_rel(c, 0, (uint32_t)r->seg, absolute),
		              0);
		sb_add(&b, " (");
		add_loss_reason(&b, c, r);
		sb_add(&b, ")");
		break;
	case TR_STATE: add_state(&b, c, r); break;
	case TR_TIMER_ARM:
		sb_add(&b, "%s timer %s armed, fires at %s", host_name(c, r->host),
		       timer_name(r->sub), simtime_fmt(x, sizeof x, r->u.timer.expiry));
		break;
	case TR_TIMER_FIRE:
		sb_add(&b, "%s timer %s fired", host_name(c, r->host), timer_name(r->sub));
		if (r->sub == TIMER_RETRANSMIT) {
			simtime_t rto = r->u.timer.expiry;
			sb_add(&b, " (rto %" PRId64 ".%03" PRId64 "s, attempt %" PRIu32 ")",
			       rto / SIMTIME_S, (rto % SIMTIME_S) / SIMTIME_MS, r->u.timer.attempt);
		} else if ((r->sub == TIMER_PERSIST || r->sub == TIMER_KEEPALIVE) &&
		           r->u.timer.attempt) {
			sb_add(&b, " (probe %" PRIu32 ")", r->u.timer.attempt);
		}
		break;
	case TR_APP_CALL: add_call(&b, c, r); break;
	case TR_APP_ERROR:
		sb_add(&b, "%s error %s (%s)", host_name(c, r->host), simerr_name(r->u.error.err),
		       simerr_text(r->u.error.err));
		break;
	case TR_INFO: {
		sb_add(&b, "%s %s", host_name(c, r->host), info_text(r->sub));
		if (segok) {
			char lbl[160];
			fmt_seg_label(c, (uint32_t)r->seg, lbl, sizeof lbl);
			sb_add(&b, ": %s", lbl);
		}
		break;
	}
	case TR_NOTE: {
		int i = r->u.note.index;
		sb_add(&b, "note ");
		if (i >= 0 && i < c->scn->nnotes && c->scn->notes[i].text)
			add_quoted(&b, c->scn->notes[i].text, strlen(c->scn->notes[i].text),
			           SIZE_MAX);
		else
			sb_add(&b, "\"\"");
		break;
	}
	case TR_EXPECT: add_expect(&b, c, r); break;
	default: return 0;
	}
	return sb_result(&b);
}

int out_trace(FILE *f, const struct scenario *scn, const struct trace *tr, const struct fmt_opts *o)
{
	struct fmt_ctx *c = fmt_ctx_new(scn, tr);
	if (!c)
		return -1;
	size_t size = 1024;
	char *buf = malloc(size);
	int rc = buf ? 0 : -1;
	for (uint32_t k = 0; rc == 0 && k < tr->n; k++) {
		int n = fmt_record(c, k, o, buf, size);
		if (n <= 0)
			continue;
		if ((size_t)n >= size) {
			char *bigger = realloc(buf, (size_t)n + 1);
			if (!bigger) {
				rc = -1;
				break;
			}
			buf = bigger;
			size = (size_t)n + 1;
			fmt_record(c, k, o, buf, size);
		}
		if (fputs(buf, f) == EOF || fputc('\n', f) == EOF)
			rc = -1;
	}
	if (rc == 0 && fflush(f) != 0)
		rc = -1;
	if (rc == 0 && ferror(f))
		rc = -1;
	free(buf);
	fmt_ctx_free(c);
	return rc;
}
