/* plot: the two graphs of a connection's data transfer, as plain data
 * built from the trace: the time-sequence graph Wireshark and tcptrace
 * users know (each data segment a bar over the sequence numbers it carries,
 * at its send time; the ACK line and the receive window's edge as they
 * reach the sender; SACK blocks; retransmissions and losses marked) and the
 * congestion window plot (cwnd and ssthresh at each send, bytes in flight
 * after each send and each ACK, the window the receiver offers).
 * Everything is seen from the sender, as a capture on it would.  Drawn by
 * out/plot_svg.c (tcpsim svg --plot) and by the window's plot view. */
#include <stdlib.h>
#include <string.h>

#include "output.h"

static int add(struct plot *p, simtime_t t, double y0, double y1, int mark, int32_t seg)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 256;
		struct plot_point *v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return -1;
		p->v = v;
		p->cap = cap;
	}
	p->v[p->n++] =
	    (struct plot_point){.t = t, .y0 = y0, .y1 = y1, .mark = (uint8_t)mark, .seg = seg};
	if (y1 > p->ymax)
		p->ymax = y1;
	if (y0 > p->ymax)
		p->ymax = y0;
	if (p->n == 1 || t < p->t0)
		p->t0 = t;
	if (t > p->t1)
		p->t1 = t;
	return 0;
}

/* The socket that sent the most payload (from `sender`, or any host when
 * sender < 0), or -1 when nothing carried data. */
static int32_t busiest_sender(const struct trace *tr, int sender)
{
	uint64_t *bytes = calloc((size_t)tr->nsocks + 1, sizeof *bytes);
	int32_t best = -1;
	if (!bytes)
		return -1;
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *g = &tr->segs[i];
		if (g->sock < 0 || (uint32_t)g->sock >= tr->nsocks || g->h.len == 0 || g->dup ||
		    (sender >= 0 && g->from != sender))
			continue;
		bytes[g->sock] += g->h.len;
		if (best < 0 || bytes[g->sock] > bytes[best])
			best = g->sock;
	}
	free(bytes);
	return best;
}

/* 1 when g travels from the peer to the plotted socket t. */
static int is_reply(const struct trace_seg *g, const struct trace_sock *t)
{
	return g->h.src == t->raddr && g->h.sport == t->rport && g->h.dst == t->laddr &&
	       g->h.dport == t->lport;
}

static int is_ours(const struct trace_seg *g, int32_t h)
{
	return g->sock == h;
}

/* The scale of the peer's window field: its SYN's wscale when both SYNs
 * offered one (RFC 7323), else 0. */
static unsigned peer_scale(const struct trace *tr, int32_t h, const struct trace_sock *t)
{
	int ours = -1, theirs = -1;
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *g = &tr->segs[i];
		if (!(g->h.flags & TH_SYN))
			continue;
		if (is_ours(g, h))
			ours = g->h.opt_wscale;
		else if (is_reply(g, t))
			theirs = g->h.opt_wscale;
	}
	return ours >= 0 && ours != 0xff && theirs >= 0 && theirs != 0xff ? (unsigned)theirs : 0;
}

uint64_t plot_sock_bytes(const struct trace *tr, int32_t sock)
{
	uint64_t n = 0;
	if (sock < 0 || (uint32_t)sock >= tr->nsocks)
		return 0;
	for (uint32_t i = 0; i < tr->nsegs; i++)
		if (tr->segs[i].sock == sock && !tr->segs[i].dup)
			n += tr->segs[i].h.len;
	return n;
}

int plot_build(const struct scenario *scn, const struct trace *tr, int kind, int sender,
               struct plot *p)
{
	int32_t sock = busiest_sender(tr, sender);
	if (sock < 0) {
		memset(p, 0, sizeof *p);
		p->kind = kind;
		p->sock = -1;
		return OUT_EMPTY;
	}
	return plot_build_sock(scn, tr, kind, sock, p);
}

int plot_build_sock(const struct scenario *scn, const struct trace *tr, int kind, int32_t sock,
                    struct plot *p)
{
	memset(p, 0, sizeof *p);
	p->kind = kind;
	p->sock = sock;
	if (sock < 0 || (uint32_t)sock >= tr->nsocks)
		return OUT_EMPTY;
	const struct trace_sock *t = &tr->socks[p->sock];
	p->sender = t->host;
	char a[16], b[16];
	snprintf(p->title, sizeof p->title, "%s %s:%u > %s:%u: %s", scn->hosts[t->host].name,
	         ip_fmt(a, t->laddr), t->lport, ip_fmt(b, t->raddr), t->rport,
	         kind == PLOT_TSG ? "time-sequence graph" : "congestion window");
	uint32_t iss = t->iss;
	unsigned scale = peer_scale(tr, p->sock, t);
	double acked = 0, sent_max = 0, rwnd = 0;
	/* Walk the trace records in order: sends at their time, the peer's
	 * segments when they reach the sender. */
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->seg < 0 || (r->kind != TR_SEG_SEND && r->kind != TR_SEG_ARRIVE))
			continue;
		const struct trace_seg *g = &tr->segs[r->seg];
		int rc = 0;
		if (r->kind == TR_SEG_SEND && is_ours(g, p->sock) && !g->dup) {
			/* stream bytes, not 32-bit numbers: past 4 GiB the
			 * graph climbs on (trace.h's seq_wraps) */
			double y0 =
			    (double)(uint32_t)(g->h.seq - iss) + 4294967296.0 * g->seq_wraps;
			double y1 = y0 + g->h.len;
			if (g->h.len && y1 > sent_max)
				sent_max = y1;
			if (kind == PLOT_TSG && g->h.len)
				rc = add(p, r->t, y0, y1,
				         g->lost   ? PM_LOST
				         : g->retx ? PM_RETX
				                   : PM_DATA,
				         r->seg);
			else if (kind == PLOT_CWND && g->h.len) {
				rc |= add(p, r->t, g->cwnd, g->cwnd, PM_CWND, r->seg);
				if (g->ssthresh < 0x7fffffffu)
					rc |= add(p, r->t, g->ssthresh, g->ssthresh, PM_SSTHRESH,
					          r->seg);
				double flight = sent_max > acked ? sent_max - acked : 0;
				rc |= add(p, r->t, flight, flight, PM_FLIGHT, r->seg);
			}
		} else if (r->kind == TR_SEG_ARRIVE && r->host == p->sender && is_reply(g, t) &&
		           (g->h.flags & TH_ACK) && !(g->h.flags & TH_SYN)) {
			double ack =
			    (double)(uint32_t)(g->h.ack - iss) + 4294967296.0 * g->ack_wraps;
			rwnd = (double)((uint64_t)g->h.wnd << scale);
			if (ack > acked)
				acked = ack;
			if (kind == PLOT_TSG) {
				rc |= add(p, r->t, ack, ack, PM_ACK, r->seg);
				rc |= add(p, r->t, ack + rwnd, ack + rwnd, PM_WINDOW, r->seg);
				for (int i = 0; i < g->h.nsack; i++)
					rc |= add(p, r->t,
					          ack + (int32_t)(g->h.sack[i][0] - g->h.ack),
					          ack + (int32_t)(g->h.sack[i][1] - g->h.ack),
					          PM_SACK, r->seg);
			} else {
				rc |= add(p, r->t, rwnd, rwnd, PM_RWND, r->seg);
				/* an ACK shrinks what is in flight when it
				 * reaches the sender, not at the next send:
				 * after the last ACK the line is at 0 */
				double flight = sent_max > acked ? sent_max - acked : 0;
				rc |= add(p, r->t, flight, flight, PM_FLIGHT, r->seg);
			}
		}
		if (rc) {
			plot_free(p);
			return OUT_ENOMEM;
		}
	}
	return p->n ? OUT_OK : OUT_EMPTY;
}

void plot_free(struct plot *p)
{
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

int plot_kind_parse(const char *s)
{
	if (strcmp(s, "tsg") == 0)
		return PLOT_TSG;
	if (strcmp(s, "cwnd") == 0)
		return PLOT_CWND;
	return -1;
}
