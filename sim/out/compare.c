/* compare: the alignment of two runs' segments, its first divergence in a
 * sentence, and the two-column text of `tcpsim compare --text` (see
 * compare.h for what counts as the same).  Called by the command line, the
 * SVG double ladder and the window's compare mode. */
#include "compare.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "outbuf.h"
#include "output.h"

/* How far past a difference the alignment looks for the two runs to fall
 * back into step (segments of one side, plus of the other). */
#define RESYNC 48u
/* How far back a segment of no socket (a RST for nobody, a spoofed SYN's
 * answer) is looked up against the SYNs of its connection. */
#define SYN_SCAN 4096u

struct keys {
	struct cmp_key *k;
	uint32_t n;
};

/* The ISN of the SYN that host from..to on this 4-tuple sent last before
 * segment i (a segment of no socket); 0 when none is found. */
static uint32_t syn_isn(const struct trace *tr, uint32_t i, const struct segment *want)
{
	uint32_t lo = i > SYN_SCAN ? i - SYN_SCAN : 0;
	for (uint32_t j = i; j-- > lo;) {
		const struct segment *g = &tr->segs[j].h;
		if ((g->flags & TH_SYN) && g->src == want->src && g->dst == want->dst &&
		    g->sport == want->sport && g->dport == want->dport)
			return g->seq;
	}
	return 0;
}

void compare_key(const struct trace *tr, uint32_t i, struct cmp_key *k)
{
	const struct trace_seg *s = &tr->segs[i];
	const struct segment *g = &s->h;
	memset(k, 0, sizeof *k);
	k->from = s->from;
	k->to = s->to;
	k->flags = g->flags;
	k->lost = s->lost != 0;
	k->len = g->len;
	uint32_t sbase, abase;
	if (s->sock >= 0 && (uint32_t)s->sock < tr->nsocks && tr->socks[s->sock].laddr) {
		sbase = tr->socks[s->sock].iss;
		abase = tr->socks[s->sock].irs;
	} else {
		/* no socket sent it: its numbers belong to the connection it
		 * answers, whose SYNs say where each side began */
		struct segment fwd = *g, rev = *g;
		rev.src = g->dst;
		rev.dst = g->src;
		rev.sport = g->dport;
		rev.dport = g->sport;
		fwd.flags = 0;
		sbase = syn_isn(tr, i, &fwd);
		abase = syn_isn(tr, i, &rev);
	}
	/* a SYN's sequence number is its ISN: relative 0, whoever sent it */
	k->seq =
	    (g->flags & TH_SYN) ? 0 : ((uint64_t)s->seq_wraps << 32) + (uint32_t)(g->seq - sbase);
	k->ack =
	    (g->flags & TH_ACK) ? ((uint64_t)s->ack_wraps << 32) + (uint32_t)(g->ack - abase) : 0;
}

/* The same segment in all that counts but its fate. */
static int same_step(const struct cmp_key *x, const struct cmp_key *y)
{
	return x->from == y->from && x->to == y->to && x->flags == y->flags && x->seq == y->seq &&
	       x->ack == y->ack && x->len == y->len;
}

static int keys_make(struct keys *ks, const struct trace *tr)
{
	ks->n = tr->nsegs;
	ks->k = malloc((ks->n ? ks->n : 1) * sizeof *ks->k);
	if (!ks->k)
		return -1;
	for (uint32_t i = 0; i < ks->n; i++)
		compare_key(tr, i, &ks->k[i]);
	return 0;
}

static int push(struct compare *c, int32_t a, int32_t b, int kind)
{
	if (c->n == c->cap) {
		uint32_t cap = c->cap ? c->cap * 2 : 64;
		struct cmp_row *v = realloc(c->rows, cap * sizeof *v);
		if (!v)
			return -1;
		c->rows = v;
		c->cap = cap;
	}
	c->rows[c->n++] = (struct cmp_row){a, b, (uint8_t)kind};
	if (kind != CMP_SAME && c->first < 0)
		c->first = (int64_t)c->n - 1;
	return 0;
}

/* Past a difference at (i, j): the nearest (di, dj), fewest segments
 * skipped first, where the runs are in step again; 0 when none is near. */
static int resync(const struct keys *ka, const struct keys *kb, uint32_t i, uint32_t j,
                  uint32_t *di, uint32_t *dj)
{
	for (uint32_t d = 1; d <= RESYNC; d++)
		for (uint32_t x = 0; x <= d; x++) {
			uint32_t y = d - x;
			if (i + x < ka->n && j + y < kb->n &&
			    same_step(&ka->k[i + x], &kb->k[j + y])) {
				*di = x;
				*dj = y;
				return 1;
			}
		}
	return 0;
}

static int align(struct compare *c, const struct keys *ka, const struct keys *kb)
{
	uint32_t i = 0, j = 0;
	while (i < ka->n || j < kb->n) {
		int rc;
		if (j >= kb->n) {
			rc = push(c, (int32_t)i++, -1, CMP_ONLY_A);
		} else if (i >= ka->n) {
			rc = push(c, -1, (int32_t)j++, CMP_ONLY_B);
		} else if (same_step(&ka->k[i], &kb->k[j])) {
			int kind = ka->k[i].lost == kb->k[j].lost ? CMP_SAME : CMP_FATE;
			rc = push(c, (int32_t)i++, (int32_t)j++, kind);
		} else {
			uint32_t di, dj;
			if (!resync(ka, kb, i, j, &di, &dj))
				di = dj = 1; /* nothing near agrees: side by side, changed */
			rc = 0;
			/* what both skip stands side by side; the rest is one side's */
			for (; di && dj && !rc; di--, dj--)
				rc = push(c, (int32_t)i++, (int32_t)j++, CMP_CHANGED);
			for (; di && !rc; di--)
				rc = push(c, (int32_t)i++, -1, CMP_ONLY_A);
			for (; dj && !rc; dj--)
				rc = push(c, -1, (int32_t)j++, CMP_ONLY_B);
		}
		if (rc)
			return -1;
	}
	return 0;
}

int compare_build(struct compare *c, const struct trace *a, const struct trace *b)
{
	struct keys ka = {0}, kb = {0};
	memset(c, 0, sizeof *c);
	c->first = -1;
	int rc = keys_make(&ka, a) || keys_make(&kb, b) ? -1 : align(c, &ka, &kb);
	free(ka.k);
	free(kb.k);
	if (rc)
		compare_free(c);
	return rc;
}

void compare_free(struct compare *c)
{
	free(c->rows);
	memset(c, 0, sizeof *c);
	c->first = -1;
}

/* ---- words ---- */

int compare_label(const struct trace *tr, uint32_t i, int absolute, char *buf, size_t size)
{
	struct outbuf o = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	if (i >= tr->nsegs)
		return 0;
	struct cmp_key k;
	compare_key(tr, i, &k);
	if (absolute) {
		k.seq = tr->segs[i].h.seq;
		k.ack = tr->segs[i].h.ack;
	}
	char fl[32];
	fmt_flag_words(k.flags, fl, sizeof fl);
	outbuf_put(&o, "%s", fl);
	if (k.len)
		outbuf_put(&o, " seq=%" PRIu64 ":%" PRIu64, k.seq, k.seq + k.len);
	else if (k.flags & (TH_SYN | TH_FIN | TH_RST))
		outbuf_put(&o, " seq=%" PRIu64, k.seq);
	if (k.flags & TH_ACK)
		outbuf_put(&o, " ack=%" PRIu64, k.ack);
	return (int)o.len;
}

static void secs(char *b, size_t n, simtime_t us)
{
	snprintf(b, n, "%" PRId64 ".%06" PRId64 "s", (int64_t)(us / SIMTIME_S),
	         (int64_t)(us % SIMTIME_S));
}

/* "the server's SYN,ACK" (cap: at a sentence's start). */
static void put_whose(struct outbuf *o, const struct scenario *scn, const struct trace_seg *s,
                      int cap, int *plural)
{
	char host[SCN_NAME_MAX + 8], w[64];
	narrate_seg_words(&s->h, w, sizeof w, plural);
	if (s->from < scn->nhosts)
		outbuf_put(o, "%s's %s", scn_host_phrase(scn, s->from, cap, host, sizeof host), w);
	else
		outbuf_put(o, "%s spoofed %s", cap ? "A" : "a", w);
}

/* "the client sends FIN,ACK seq=8 ack=1 at 3.000000s" */
static void put_send(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                     uint32_t i)
{
	const struct trace_seg *s = &tr->segs[i];
	char host[SCN_NAME_MAX + 8], lbl[96], t[32];
	compare_label(tr, i, 0, lbl, sizeof lbl);
	secs(t, sizeof t, s->sent);
	if (s->from < scn->nhosts)
		outbuf_put(o, "%s sends %s%s at %s",
		           scn_host_phrase(scn, s->from, 0, host, sizeof host), lbl,
		           s->retx ? " again" : "", t);
	else
		outbuf_put(o, "a spoofed %s arrives at %s", lbl, t);
	if (s->lost)
		outbuf_put(o, ", lost");
}

/* "Run B" from "run B". */
static void put_cap(struct outbuf *o, const char *label)
{
	if (label[0] >= 'a' && label[0] <= 'z')
		outbuf_put(o, "%c%s", label[0] - 'a' + 'A', label + 1);
	else
		outbuf_put(o, "%s", label);
}

int compare_narrate(const struct compare *c, const struct scenario *sa, const struct trace *ta,
                    const char *la, const struct scenario *sb, const struct trace *tb,
                    const char *lb, char *buf, size_t size)
{
	struct outbuf o = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	if (c->first < 0) {
		outbuf_put(&o, "The runs agree: %" PRIu32 " segment%s, the same in both.", c->n,
		           c->n == 1 ? "" : "s");
		return (int)o.len;
	}
	const struct cmp_row *r = &c->rows[c->first];
	int plural = 0;
	switch (r->kind) {
	case CMP_FATE: {
		/* the one that loses it speaks first: that is the news */
		int a_lost = ta->segs[r->a].lost != 0;
		const struct scenario *ls = a_lost ? sa : sb;
		const struct trace_seg *s = a_lost ? &ta->segs[r->a] : &tb->segs[r->b];
		char t[32];
		secs(t, sizeof t, s->sent);
		put_cap(&o, a_lost ? la : lb);
		outbuf_put(&o, ": ");
		put_whose(&o, ls, s, 0, &plural);
		outbuf_put(&o, " sent at %s %s lost; %s: %s.", t, plural ? "are" : "is",
		           a_lost ? lb : la, plural ? "they arrive" : "it arrives");
		break;
	}
	case CMP_CHANGED:
		put_cap(&o, la);
		outbuf_put(&o, ": ");
		put_send(&o, sa, ta, (uint32_t)r->a);
		outbuf_put(&o, "; %s instead: ", lb);
		put_send(&o, sb, tb, (uint32_t)r->b);
		outbuf_put(&o, ".");
		break;
	case CMP_ONLY_A:
	case CMP_ONLY_B: {
		int in_a = r->kind == CMP_ONLY_A;
		const struct trace *tr = in_a ? ta : tb;
		uint32_t i = (uint32_t)(in_a ? r->a : r->b);
		put_cap(&o, in_a ? la : lb);
		outbuf_put(&o, ": ");
		put_send(&o, in_a ? sa : sb, tr, i);
		/* the other run sends the same later in the exchange (an order
		 * that differs), leaves it out, or has ended */
		int ended = 1;
		int32_t later = -1;
		struct cmp_key want, k2;
		compare_key(tr, i, &want);
		const struct trace *other = in_a ? tb : ta;
		for (uint32_t k = (uint32_t)c->first; k < c->n; k++) {
			int32_t j = in_a ? c->rows[k].b : c->rows[k].a;
			if (j < 0)
				continue;
			ended = 0;
			compare_key(other, (uint32_t)j, &k2);
			if (same_step(&want, &k2)) {
				later = j;
				break;
			}
		}
		if (later >= 0) {
			char t[32];
			secs(t, sizeof t, other->segs[later].sent);
			outbuf_put(&o, "; %s sends the same later in the exchange (at %s).",
			           in_a ? lb : la, t);
		} else {
			outbuf_put(
			    &o, "; %s %s.", in_a ? lb : la,
			    /* every row from here on is this run's alone: the other
			     * run sent fewer segments in all (its later ones, if any
			     * later in time, were paired with earlier rows) */
			    ended ? "has no segment left to pair with it: it sends fewer in all"
			          : "has no such segment there");
		}
		break;
	}
	default: break;
	}
	return (int)o.len;
}

/* ---- text ---- */

#define COL_W 45 /* each run's column; with the row number, 100 in all */

static int run_cell(const struct cmp_run *r, int32_t i, char *buf, size_t size)
{
	struct outbuf o = {buf, size, 0};
	buf[0] = '\0';
	if (i < 0) {
		outbuf_put(&o, "%10s -", "");
		return (int)o.len;
	}
	const struct trace_seg *s = &r->tr->segs[i];
	char t[32], lbl[96];
	secs(t, sizeof t, s->sent);
	t[strlen(t) - 1] = '\0'; /* the column heading says seconds */
	compare_label(r->tr, (uint32_t)i, r->absolute, lbl, sizeof lbl);
	outbuf_put(&o, "%10s %s %s%s", t, s->to == 0 ? "<-" : "->", lbl, s->lost ? " lost" : "");
	return (int)o.len;
}

/* Text wrapped at WRAP_W columns, each line after the first indented. */
#define WRAP_W 100
static void put_wrapped(FILE *f, const char *s, int indent)
{
	int col = 0;
	while (*s) {
		size_t w = strcspn(s, " ");
		if (col > indent && col + 1 + (int)w > WRAP_W) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > 0 && col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", (int)w, s);
		col += (int)w;
		s += w;
		while (*s == ' ')
			s++;
	}
	fputc('\n', f);
}

int out_compare_text(FILE *f, const struct compare *c, const struct cmp_run *a,
                     const struct cmp_run *b)
{
	char line[512], legend[600];
	const struct scenario *scn = a->scn;
	const char *h0 = scn->nhosts > 0 ? scn->hosts[0].name : "?";
	const char *h1 = scn->nhosts > 1 ? scn->hosts[1].name : "?";
	fprintf(f, "%s: %s\n%s: %s\n", a->label, a->what, b->label, b->what);
	int n = c->first < 0 ? 0
	                     : snprintf(line, sizeof line,
	                                "First divergence (row %" PRId64 "): ", c->first + 1);
	compare_narrate(c, a->scn, a->tr, a->label, b->scn, b->tr, b->label, line + n,
	                sizeof line - (size_t)n);
	put_wrapped(f, line, 2);
	snprintf(legend, sizeof legend,
	         "The same segment goes the same way with the same flags, seq and ack relative "
	         "to the ISNs and length, and is lost in both runs or in neither; ISNs, windows, "
	         "options and times do not count.  -> %s to %s, <- %s to %s; >> the first "
	         "divergence, * other rows that differ, - no such segment in that run.",
	         h0, h1, h1, h0);
	put_wrapped(f, legend, 0);
	fprintf(f, "\n%6s%-*s    %s\n", "", COL_W, a->label, b->label);
	fprintf(f, "%6s%-*s    %s\n", "", COL_W, "      time", "      time");
	for (uint32_t k = 0; k < c->n; k++) {
		const struct cmp_row *r = &c->rows[k];
		char ca[160], cb[160];
		int la = run_cell(a, r->a, ca, sizeof ca);
		run_cell(b, r->b, cb, sizeof cb);
		const char *mark = (int64_t)k == c->first ? ">>"
		                   : r->kind != CMP_SAME  ? " *"
		                                          : "  ";
		if (la > COL_W) /* -S, a long run: run B's cell on a line of its own */
			fprintf(f, "%s%4" PRIu32 "%s\n%*s%s\n", mark, k + 1, ca, 6 + COL_W + 4, "",
			        cb);
		else
			fprintf(f, "%s%4" PRIu32 "%-*s    %s\n", mark, k + 1, COL_W, ca, cb);
	}
	uint32_t differ = 0;
	for (uint32_t k = 0; k < c->n; k++)
		differ += c->rows[k].kind != CMP_SAME;
	fprintf(f,
	        "\n%s: %" PRIu32 " segments, %s: %" PRIu32 "; %" PRIu32 " of %" PRIu32
	        " rows differ\n",
	        a->label, a->tr->nsegs, b->label, b->tr->nsegs, differ, c->n);
	return ferror(f) ? OUT_EWRITE : OUT_OK;
}
