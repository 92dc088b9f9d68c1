/* trace_check: a bounded run and the invariants of trace_check.h.  Flow:
 * tc_run() steps the engine and keeps each socket's byte counters;
 * tc_check() walks the trace once, rebuilding every socket's state, its
 * sequence space and its timers, then checks the clean closes and the
 * arrivals.  Called by tests/test_generated.c and tests/fuzz/fuzz_run.c. */
#include "trace_check.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "tcpstate.h"
#include "trace.h"

/* ---- the bounded run ---- */

static int bytes_grow(struct tc_run *r, uint32_t n)
{
	if (n <= r->nbytes)
		return 0;
	uint32_t cap = r->nbytes ? r->nbytes : 64;
	while (cap < n)
		cap *= 2;
	struct tc_bytes *b = realloc(r->bytes, sizeof *b * cap);
	if (!b)
		return -1;
	memset(b + r->nbytes, 0, sizeof *b * (cap - r->nbytes));
	r->bytes = b;
	r->nbytes = cap;
	return 0;
}

int tc_run(const struct scenario *scn, const struct tc_opts *o, struct tc_run *r)
{
	memset(r, 0, sizeof *r);
	struct sim_options so = {0};
	so.until_set = o->until != 0;
	so.until = o->until;
	so.max_events = o->max_steps;
	r->sim = sim_new(scn, &so);
	if (!r->sim)
		return -1;
	struct snapshot snap;
	memset(&snap, 0, sizeof snap);
	int rc = 0;
	for (;;) {
		if (r->steps > o->max_steps) {
			r->hung = !sim_done(r->sim);
			break;
		}
		if (!sim_step(r->sim))
			break;
		r->steps++;
		sim_snapshot(r->sim, &snap);
		for (int h = 0; h < snap.nhosts; h++)
			for (int i = 0; i < snap.hosts[h].nsocks; i++) {
				const struct snap_sock *ss = &snap.hosts[h].socks[i];
				if (bytes_grow(r, (uint32_t)ss->handle + 1) < 0) {
					rc = -1;
					goto done;
				}
				struct tc_bytes *b = &r->bytes[ss->handle];
				b->sent = ss->bytes_sent;
				b->acked = ss->bytes_acked;
				b->received = ss->bytes_received;
			}
	}
done:
	r->stopped = sim_error(r->sim);
	r->cut = o->until != 0 && sim_now(r->sim) >= o->until;
	snapshot_free(&snap);
	return rc;
}

void tc_run_free(struct tc_run *r)
{
	sim_free(r->sim);
	free(r->bytes);
	memset(r, 0, sizeof *r);
}

/* ---- messages ---- */

struct report {
	char *msg;
	size_t size, used;
	int n;
};

static void fail(struct report *rp, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void fail(struct report *rp, const char *fmt, ...)
{
	rp->n++;
	if (rp->n > 12 || !rp->msg || rp->used + 1 >= rp->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(rp->msg + rp->used, rp->size - rp->used, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	rp->used += (size_t)k;
	if (rp->used >= rp->size - 1) {
		rp->used = rp->size - 1;
		return;
	}
	rp->msg[rp->used++] = '\n';
	rp->msg[rp->used] = '\0';
}

/* ---- 4-tuples: per host, (lport, raddr, rport) -> sockets ---- */

struct tuple_ent {
	uint64_t key; /* 0 = empty */
	int32_t live; /* the live socket with this tuple, -1 */
	int32_t first;
	uint32_t count; /* sockets that ever had it */
};

struct tuples {
	struct tuple_ent *v;
	uint32_t cap, used;
};

static uint64_t tuple_key(int host, uint16_t lport, uint32_t raddr, uint16_t rport)
{
	return ((uint64_t)raddr << 32 | (uint64_t)lport << 16 | rport) * 2 + (uint64_t)(host & 1) +
	       1; /* never 0 for a real socket (rport > 0) */
}

static uint32_t tuple_hash(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdull;
	k ^= k >> 33;
	return (uint32_t)k;
}

static struct tuple_ent *tuple_find(struct tuples *t, uint64_t key, int add)
{
	if (add && (t->used + 1) * 2 > t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 256;
		struct tuple_ent *v = calloc(cap, sizeof *v);
		if (!v)
			return NULL;
		for (uint32_t i = 0; i < t->cap; i++) {
			if (!t->v[i].key)
				continue;
			uint32_t j = tuple_hash(t->v[i].key) & (cap - 1);
			while (v[j].key)
				j = (j + 1) & (cap - 1);
			v[j] = t->v[i];
		}
		free(t->v);
		t->v = v;
		t->cap = cap;
	}
	if (!t->cap)
		return NULL;
	uint32_t j = tuple_hash(key) & (t->cap - 1);
	while (t->v[j].key) {
		if (t->v[j].key == key)
			return &t->v[j];
		j = (j + 1) & (t->cap - 1);
	}
	if (!add)
		return NULL;
	t->v[j].key = key;
	t->v[j].live = -1;
	t->v[j].first = -1;
	t->v[j].count = 0;
	t->used++;
	return &t->v[j];
}

/* ---- the walk ---- */

struct tsock {
	uint8_t seen, live, host, in_map, first_of_tuple;
	int8_t state;
	uint8_t snd_known, ack_known, rcv_known, fin_known, syn_known;
	uint8_t rst, fin_in, forged, established, synced;
	int last_arrow;
	uint32_t syn_seq, snd_max, last_ack, fin_seq;
	uint32_t rcv_max; /* offset from the IRS of the furthest byte that reached it */
	uint64_t app_sent;
	uint8_t armed[TIMER_COUNT];
	simtime_t arm_at[TIMER_COUNT], arm_exp[TIMER_COUNT];
	uint64_t key;
};

struct walk {
	const struct scenario *scn;
	const struct trace *tr;
	struct report *rp;
	struct tsock *socks;
	uint32_t nsocks;
	struct tuples tuples;
	int32_t *order[SCN_MAX_HOSTS]; /* sockets of a host in creation order */
	uint32_t norder[SCN_MAX_HOSTS];
	int32_t current[SCN_MAX_HOSTS];
	uint8_t *arrived; /* per segment */
	uint32_t *judged; /* per expect line */
	int strong_ok;    /* no flood forges a host's address */
	int oom;
	struct tc_stats st;
};

static int fin_arrow(int a)
{
	return a == ARROW_EST_FIN || a == ARROW_FW1_FIN || a == ARROW_FW1_FINACK ||
	       a == ARROW_FW2_FIN || a == ARROW_SYNRCVD_FIN;
}

static struct tsock *sock_of(struct walk *w, int32_t h)
{
	if (h < 0 || (uint32_t)h >= w->nsocks)
		return NULL;
	return &w->socks[h];
}

static const struct trace_sock *info_of(const struct walk *w, int32_t h)
{
	return h >= 0 && (uint32_t)h < w->tr->nsocks ? &w->tr->socks[h] : NULL;
}

/* A socket joins the tuple table once it has a peer (not as a listener). */
static void tuple_join(struct walk *w, int32_t h)
{
	struct tsock *s = sock_of(w, h);
	const struct trace_sock *in = info_of(w, h);
	if (!s || s->in_map || !in || in->rport == 0)
		return;
	s->key = tuple_key(s->host, in->lport, in->raddr, in->rport);
	struct tuple_ent *e = tuple_find(&w->tuples, s->key, 1);
	if (!e) {
		w->oom = 1;
		return;
	}
	if (e->live >= 0 && e->live != h)
		fail(w->rp, "sockets %d and %d are both live with one 4-tuple on host %d", e->live,
		     h, s->host);
	e->live = h;
	if (e->first < 0)
		e->first = h;
	e->count++;
	s->in_map = 1;
}

static void tuple_leave(struct walk *w, int32_t h)
{
	struct tsock *s = sock_of(w, h);
	if (!s || !s->in_map)
		return;
	struct tuple_ent *e = tuple_find(&w->tuples, s->key, 0);
	if (e && e->live == h)
		e->live = -1;
}

static struct tuple_ent *tuple_lookup(struct walk *w, int host, uint16_t lport, uint32_t raddr,
                                      uint16_t rport)
{
	return tuple_find(&w->tuples, tuple_key(host, lport, raddr, rport), 0);
}

static void order_add(struct walk *w, int host, int32_t h)
{
	uint32_t n = w->norder[host];
	if ((n & (n - 1)) == 0 || n == 0) {
		uint32_t cap = n ? n * 2 : 16;
		int32_t *v = realloc(w->order[host], sizeof *v * cap);
		if (!v) {
			w->oom = 1;
			return;
		}
		w->order[host] = v;
	}
	if (n && w->order[host][n - 1] >= h)
		fail(w->rp, "socket %d created after socket %d on host %d", h,
		     w->order[host][n - 1], host);
	w->order[host][w->norder[host]++] = h;
	w->current[host] = h;
}

static void on_state(struct walk *w, uint32_t k, const struct trace_rec *r)
{
	struct tsock *s = sock_of(w, r->sock);
	int from = r->u.state.from, to = r->u.state.to, arrow = r->sub;
	const struct tcp_arrow_info *ai = tcp_arrow(arrow);
	char t[32];
	simtime_fmt(t, sizeof t, r->t);
	if (!s) {
		fail(w->rp, "record %u at %s: state change of socket %d, which is no socket", k, t,
		     r->sock);
		return;
	}
	if (!ai) {
		fail(w->rp, "record %u at %s: socket %d took arrow %d, not in the table", k, t,
		     r->sock, arrow);
		return;
	}
	if (ai->to != to || (ai->from >= 0 && ai->from != from))
		fail(w->rp, "record %u at %s: socket %d %s -> %s labelled as the arrow %s -> %s", k,
		     t, r->sock, tcps_name(from), tcps_name(to), tcps_name(ai->from),
		     tcps_name(ai->to));
	if ((arrow == ARROW_RST || arrow == ARROW_TIMEOUT) && !tcps_synchronized(from))
		fail(w->rp, "record %u at %s: socket %d took %s from %s, not synchronized", k, t,
		     r->sock, ai->event, tcps_name(from));
	if (!s->seen) {
		s->seen = 1;
		s->live = 1;
		s->host = r->host;
		s->state = arrow == ARROW_LISTEN_SYN ? TCPS_LISTEN : TCPS_CLOSED;
		order_add(w, r->host, r->sock);
	} else if (!s->live) {
		fail(w->rp, "record %u at %s: deleted socket %d changes state %s -> %s", k, t,
		     r->sock, tcps_name(from), tcps_name(to));
	}
	if (s->host != r->host)
		fail(w->rp, "record %u at %s: socket %d of host %d reported on host %d", k, t,
		     r->sock, s->host, r->host);
	if (s->state != from)
		fail(w->rp, "record %u at %s: socket %d goes %s -> %s but was in %s", k, t, r->sock,
		     tcps_name(from), tcps_name(to), tcps_name(s->state));
	if (fin_arrow(arrow))
		s->fin_in = 1;
	if (to == TCPS_ESTABLISHED)
		s->established = 1;
	if (tcps_synchronized(to))
		s->synced = 1; /* its IRS in the trace's socket table is this one */
	if (arrow == ARROW_TW_TIMEOUT) {
		const struct tcp_params *p = &w->scn->hosts[s->host].params;
		simtime_t want = 2 * p->msl;
		/* the fire record came just before: arm_at/arm_exp are its arm */
		simtime_t got = s->arm_exp[TIMER_TIME_WAIT] - s->arm_at[TIMER_TIME_WAIT];
		/* linux: the timer wheel fires it late, by less than one slot of
		 * its level (at most 8/63 of the length) plus a jiffy's rounding */
		simtime_t slack = p->profile == PROFILE_RFC9293 ? 0 : want * 8 / 63 + 8000;
		if (s->arm_exp[TIMER_TIME_WAIT] != r->t || got < want || got > want + slack)
			fail(w->rp,
			     "record %u at %s: socket %d left TIME_WAIT by timeout, 2MSL = %" PRId64
			     "us from its last start at %" PRId64 "us expected",
			     k, t, r->sock, (int64_t)want, (int64_t)s->arm_at[TIMER_TIME_WAIT]);
	}
	if (arrow == ARROW_FW2_TIMEOUT) {
		/* fin_timeout; Linux waits at least 3.5 RTO (tcp_fin_time()) */
		const struct tcp_params *p = &w->scn->hosts[s->host].params;
		simtime_t want = p->fin_timeout;
		simtime_t got = s->arm_exp[TIMER_FIN_WAIT_2] - s->arm_at[TIMER_FIN_WAIT_2];
		if (s->arm_exp[TIMER_FIN_WAIT_2] != r->t ||
		    (p->profile == PROFILE_RFC9293 ? got != want : got < want))
			fail(w->rp,
			     "record %u at %s: socket %d left FIN_WAIT_2 not after fin_timeout", k,
			     t, r->sock);
	}
	s->state = (int8_t)to;
	s->last_arrow = arrow;
	if (to != TCPS_LISTEN && to != TCPS_CLOSED)
		tuple_join(w, r->sock);
	if (to == TCPS_CLOSED || (to == TCPS_LISTEN && arrow == ARROW_SYNRCVD_RST)) {
		s->live = 0;
		s->state = TCPS_CLOSED;
		tuple_leave(w, r->sock);
	}
}

static void on_timer(struct walk *w, uint32_t k, const struct trace_rec *r, int fire)
{
	struct tsock *s = sock_of(w, r->sock);
	char t[32];
	simtime_fmt(t, sizeof t, r->t);
	if (!s || r->sub >= TIMER_COUNT) {
		fail(w->rp, "record %u at %s: timer %d of socket %d", k, t, r->sub, r->sock);
		return;
	}
	int kind = r->sub;
	if (!fire) {
		if (r->u.timer.expiry < r->t)
			fail(w->rp,
			     "record %u at %s: socket %d armed timer %d in the past (%" PRId64
			     "us)",
			     k, t, r->sock, kind, (int64_t)r->u.timer.expiry);
		s->armed[kind] = 1;
		s->arm_at[kind] = r->t;
		s->arm_exp[kind] = r->u.timer.expiry;
		return;
	}
	/* A fire record holds how long the timer ran. */
	simtime_t ran = r->u.timer.expiry;
	if (ran < 0 || ran > r->t)
		fail(w->rp, "record %u at %s: socket %d timer %d fired after running %" PRId64 "us",
		     k, t, r->sock, kind, (int64_t)ran);
	int traced = kind == TIMER_TIME_WAIT || kind == TIMER_FIN_WAIT_2 ||
	             kind == TIMER_KEEPALIVE || kind == TIMER_PERSIST;
	if (traced &&
	    (!s->armed[kind] || s->arm_exp[kind] != r->t || r->t - s->arm_at[kind] != ran))
		fail(w->rp,
		     "record %u at %s: socket %d timer %d fired, armed for %" PRId64
		     "us at %" PRId64 "us",
		     k, t, r->sock, kind, (int64_t)(s->armed[kind] ? s->arm_exp[kind] : -1),
		     (int64_t)s->arm_at[kind]);
	s->armed[kind] = 0;
}

static void on_send(struct walk *w, uint32_t k, const struct trace_rec *r)
{
	char t[32];
	simtime_fmt(t, sizeof t, r->t);
	if (r->seg < 0 || (uint32_t)r->seg >= w->tr->nsegs) {
		fail(w->rp, "record %u at %s: send of segment %d, which is no segment", k, t,
		     r->seg);
		return;
	}
	const struct trace_seg *ts = &w->tr->segs[r->seg];
	const struct segment *g = &ts->h;
	if (ts->sent != r->t)
		fail(w->rp, "record %u at %s: segment %d says it was sent at %" PRId64 "us", k, t,
		     r->seg, (int64_t)ts->sent);
	if (ts->arrive < ts->sent)
		fail(w->rp, "record %u at %s: segment %d arrives before it was sent", k, t, r->seg);
	struct tsock *s = sock_of(w, ts->sock);
	if (ts->sock < 0 || !s)
		return; /* RST for no socket, flood SYN, SYN cookie, forged segment */
	if (!s->live && !(g->flags & TH_RST))
		fail(w->rp, "record %u at %s: socket %d in CLOSED sent a segment with flags %#x", k,
		     t, ts->sock, g->flags);
	if (g->flags & TH_RST) {
		s->rst = 1;
		return;
	}
	if (ts->dup)
		return; /* the link's copy of the segment just sent */
	uint32_t end = g->seq + seg_seqlen(g);
	if (g->flags & TH_SYN) {
		if (s->syn_known && g->seq != s->syn_seq)
			fail(w->rp,
			     "record %u at %s: socket %d sent a SYN with seq %u, its ISS is %u", k,
			     t, ts->sock, g->seq, s->syn_seq);
		s->syn_known = 1;
		s->syn_seq = g->seq;
	} else if (!ts->retx && (g->len > 0 || (g->flags & TH_FIN)) && s->snd_known &&
	           g->seq != s->snd_max) {
		fail(w->rp, "record %u at %s: socket %d sent new data at seq %u, SND.MAX is %u", k,
		     t, ts->sock, g->seq, s->snd_max);
	}
	if (g->flags & TH_FIN) {
		uint32_t fin = g->seq + g->len;
		if (s->fin_known && fin != s->fin_seq)
			fail(w->rp,
			     "record %u at %s: socket %d sent its FIN at seq %u, earlier at %u", k,
			     t, ts->sock, fin, s->fin_seq);
		s->fin_known = 1;
		s->fin_seq = fin;
	}
	if (!s->snd_known || SEQ_GT(end, s->snd_max))
		s->snd_max = end;
	s->snd_known = 1;
	if (!(g->flags & TH_ACK))
		return;
	if (s->ack_known && SEQ_LT(g->ack, s->last_ack))
		fail(w->rp, "record %u at %s: socket %d ACKs %u after having ACKed %u", k, t,
		     ts->sock, g->ack, s->last_ack);
	s->ack_known = 1;
	s->last_ack = g->ack;
	const struct trace_sock *in = info_of(w, ts->sock);
	if (s->rcv_known && s->synced && in && g->ack - in->irs > s->rcv_max)
		fail(w->rp, "record %u at %s: socket %d ACKs %u, but only up to %u reached it", k,
		     t, ts->sock, g->ack, in->irs + s->rcv_max);
	/* The peer: the live socket on the other host with the mirrored tuple. */
	struct tuple_ent *me = s->in_map ? tuple_find(&w->tuples, s->key, 0) : NULL;
	struct tuple_ent *pe = tuple_lookup(w, 1 - s->host, g->dport, g->src, g->sport);
	struct tsock *p = pe ? sock_of(w, pe->live) : NULL;
	int strong = w->strong_ok && me && me->count == 1 && pe && pe->count == 1 && p &&
	             p->snd_known && !s->forged && !p->forged;
	w->st.peer_acks += strong;
	if (strong && SEQ_GT(g->ack, p->snd_max))
		fail(w->rp,
		     "record %u at %s: socket %d ACKs %u, its peer %d has sent only up to %u", k, t,
		     ts->sock, g->ack, pe->live, p->snd_max);
}

/* What reached socket h, as an offset from its IRS.  A segment of another
 * incarnation of the 4-tuple (a different sequence space) lies outside
 * IRS .. IRS + 2^31 and does not count. */
static void rcv_note(struct walk *w, int32_t h, const struct segment *g)
{
	struct tsock *s = sock_of(w, h);
	const struct trace_sock *in = info_of(w, h);
	if (!s || !in)
		return;
	uint32_t off = g->seq + seg_seqlen(g) - in->irs;
	if (off >= 0x80000000u)
		return;
	if (!s->rcv_known || off > s->rcv_max)
		s->rcv_max = off;
	s->rcv_known = 1;
}

static void on_arrive(struct walk *w, uint32_t k, const struct trace_rec *r)
{
	char t[32];
	simtime_fmt(t, sizeof t, r->t);
	if (r->seg < 0 || (uint32_t)r->seg >= w->tr->nsegs) {
		fail(w->rp, "record %u at %s: arrival of segment %d, which is no segment", k, t,
		     r->seg);
		return;
	}
	const struct trace_seg *ts = &w->tr->segs[r->seg];
	const struct segment *g = &ts->h;
	if (ts->lost)
		fail(w->rp, "record %u at %s: segment %d arrived, but it was lost", k, t, r->seg);
	if (w->arrived[r->seg])
		fail(w->rp, "record %u at %s: segment %d arrived twice", k, t, r->seg);
	w->arrived[r->seg] = 1;
	if (ts->arrive != r->t)
		fail(w->rp, "record %u at %s: segment %d was due at %" PRId64 "us", k, t, r->seg,
		     (int64_t)ts->arrive);
	if (ts->to != r->host)
		fail(w->rp, "record %u at %s: segment %d for host %d arrived at host %d", k, t,
		     r->seg, ts->to, r->host);
	struct tuple_ent *e = tuple_lookup(w, r->host, g->dport, g->src, g->sport);
	struct tsock *s = e ? sock_of(w, e->live) : NULL;
	if (!s)
		return;
	if (g->flags & TH_RST)
		s->rst = 1;
	rcv_note(w, e->live, g);
}

static void on_child(struct walk *w, const struct trace_rec *r)
{
	/* The segment that made a SYN_RCVD child reached it before it existed. */
	struct tsock *s = sock_of(w, r->sock);
	if (!s || r->seg < 0 || (uint32_t)r->seg >= w->tr->nsegs)
		return;
	rcv_note(w, r->sock, &w->tr->segs[r->seg].h);
}

static void on_call(struct walk *w, uint32_t k, const struct trace_rec *r)
{
	int ei = r->u.call.event;
	if (ei < 0 || ei >= w->scn->nevents) {
		fail(w->rp, "record %u: call of timeline event %d, which is no event", k, ei);
		return;
	}
	const struct scn_action *a = &w->scn->events[ei].act;
	struct tsock *s = sock_of(w, r->sock);
	if (a->kind == ACT_REBOOT && a->host >= 0 && a->host < SCN_MAX_HOSTS)
		w->current[a->host] = -1;
	if (!s || r->u.call.err != SE_OK)
		return;
	if (a->kind == ACT_SEND) {
		int st = s->live ? s->state : TCPS_CLOSED;
		if (st != TCPS_SYN_SENT && st != TCPS_SYN_RCVD && st != TCPS_ESTABLISHED &&
		    st != TCPS_CLOSE_WAIT)
			fail(w->rp, "record %u: send accepted by socket %d in %s", k, r->sock,
			     tcps_name(st));
		s->app_sent += a->text ? a->text_len : a->nbytes;
	}
	if (a->kind == ACT_INJECT)
		s->forged = 1;
}

static int live_state(struct walk *w, int32_t h)
{
	struct tsock *s = sock_of(w, h);
	return s && s->live ? s->state : TCPS_CLOSED;
}

static void on_expect(struct walk *w, uint32_t k, const struct trace_rec *r, simtime_t end)
{
	int i = r->u.expect.index;
	if (i < 0 || i >= w->scn->nexpects) {
		fail(w->rp, "record %u: verdict of expect %d, which is no expect line", k, i);
		return;
	}
	const struct scn_expect *e = &w->scn->expects[i];
	w->judged[i]++;
	if (e->when == WHEN_AT && e->at <= end && r->t != e->at)
		fail(w->rp, "line %d: expect for %" PRId64 "us judged at %" PRId64 "us", e->line,
		     (int64_t)e->at, (int64_t)r->t);
	int seen = -1;
	if (e->kind == EXPECT_COUNT) {
		seen = 0;
		for (uint32_t j = 0; j < w->norder[e->host]; j++)
			seen += live_state(w, w->order[e->host][j]) == e->state &&
			        sock_of(w, w->order[e->host][j])->live;
	} else if (e->kind == EXPECT_STATE) {
		int32_t h = e->conn > 0 ? ((uint32_t)e->conn <= w->norder[e->host]
		                               ? w->order[e->host][e->conn - 1]
		                               : -1)
		                        : w->current[e->host];
		seen = live_state(w, h);
	}
	if (seen >= 0 && seen != r->u.expect.seen)
		fail(w->rp, "line %d: the verdict saw %d, the trace says %d", e->line,
		     r->u.expect.seen, seen);
	if (seen >= 0 && (e->kind == EXPECT_COUNT ? (uint32_t)seen == e->count
	                                          : seen == e->state) != (r->sub != 0))
		fail(w->rp, "line %d: verdict %s, but the trace says otherwise", e->line,
		     r->sub ? "held" : "failed");
}

/* Did socket h leave cleanly (or sit in TIME_WAIT)? */
static int closed_cleanly(const struct tsock *s)
{
	if (!s->fin_in || s->rst || s->forged || !s->fin_known)
		return 0;
	if (s->live)
		return s->state == TCPS_TIME_WAIT;
	return s->last_arrow == ARROW_LASTACK_ACK || s->last_arrow == ARROW_TW_TIMEOUT;
}

static void clean_closes(struct walk *w, const struct tc_run *run)
{
	for (uint32_t i = 0; i < w->norder[0]; i++) {
		int32_t ha = w->order[0][i];
		struct tsock *a = sock_of(w, ha);
		const struct trace_sock *ia = info_of(w, ha);
		if (!a || !a->in_map || !ia)
			continue;
		struct tuple_ent *ea = tuple_find(&w->tuples, a->key, 0);
		struct tuple_ent *eb = tuple_lookup(w, 1, ia->rport, ia->laddr, ia->lport);
		if (!ea || !eb || ea->count != 1 || eb->count != 1)
			continue;
		int32_t hb = eb->first;
		struct tsock *b = sock_of(w, hb);
		if (!b || !closed_cleanly(a) || !closed_cleanly(b))
			continue;
		const struct trace_sock *ib = info_of(w, hb);
		if (!ib || ia->iss != ib->irs || ib->iss != ia->irs)
			continue;
		w->st.clean_closes++;
		struct tsock *end[2] = {a, b};
		int32_t hs[2] = {ha, hb};
		const struct trace_sock *is[2] = {ia, ib};
		for (int d = 0; d < 2; d++) {
			struct tsock *x = end[d], *y = end[1 - d];
			int32_t hx = hs[d], hy = hs[1 - d];
			uint64_t got = (uint32_t)hy < run->nbytes ? run->bytes[hy].received : 0;
			uint64_t acked = (uint32_t)hx < run->nbytes ? run->bytes[hx].acked : 0;
			uint32_t fin = is[d]->iss + 1 + (uint32_t)x->app_sent;
			if (got != x->app_sent)
				fail(w->rp,
				     "clean close of sockets %d and %d: %" PRIu64
				     " bytes sent, %" PRIu64 " received",
				     hx, hy, x->app_sent, got);
			/* a socket deleted by the step that took its last ACK was last
			 * seen before that ACK: only a live one has its final count */
			if (x->live && acked != x->app_sent)
				fail(w->rp,
				     "clean close of sockets %d and %d: %" PRIu64
				     " bytes sent, %" PRIu64 " acknowledged",
				     hx, hy, x->app_sent, acked);
			if (x->fin_seq != fin)
				fail(w->rp,
				     "clean close of sockets %d and %d: FIN at seq %u, the data "
				     "ends "
				     "at %u",
				     hx, hy, x->fin_seq, fin);
			if (!y->ack_known || y->last_ack != x->fin_seq + 1)
				fail(w->rp,
				     "clean close of sockets %d and %d: %d last ACKed %u, the FIN "
				     "was at %u",
				     hx, hy, hy, y->last_ack, x->fin_seq);
		}
	}
}

/* Does any flood forge one of the hosts' addresses? */
static int flood_forges_a_host(const struct scenario *scn)
{
	for (int i = 0; i < scn->nevents; i++) {
		const struct scn_action *a = &scn->events[i].act;
		if (a->kind != ACT_FLOOD)
			continue;
		for (int h = 0; h < scn->nhosts; h++)
			if (scn->hosts[h].addr >= a->addr_lo && scn->hosts[h].addr <= a->addr_hi)
				return 1;
	}
	return 0;
}

int tc_check(const struct scenario *scn, const struct tc_run *run, struct tc_stats *st, char *msg,
             size_t size)
{
	struct report rp = {msg, size, 0, 0};
	if (msg && size)
		msg[0] = '\0';
	const struct trace *tr = sim_trace(run->sim);
	struct walk w;
	memset(&w, 0, sizeof w);
	w.scn = scn;
	w.tr = tr;
	w.rp = &rp;
	w.strong_ok = !flood_forges_a_host(scn);
	for (int h = 0; h < SCN_MAX_HOSTS; h++)
		w.current[h] = -1;
	uint32_t maxsock = tr->nsocks;
	for (uint32_t k = 0; k < tr->n; k++)
		if (tr->recs[k].sock >= 0 && (uint32_t)tr->recs[k].sock + 1 > maxsock)
			maxsock = (uint32_t)tr->recs[k].sock + 1;
	for (uint32_t i = 0; i < tr->nsegs; i++)
		if (tr->segs[i].sock >= 0 && (uint32_t)tr->segs[i].sock + 1 > maxsock)
			maxsock = (uint32_t)tr->segs[i].sock + 1;
	w.nsocks = maxsock;
	w.socks = calloc(maxsock + 1, sizeof *w.socks);
	w.arrived = calloc(tr->nsegs + 1, 1);
	w.judged = calloc((size_t)scn->nexpects + 1, sizeof *w.judged);
	if (!w.socks || !w.arrived || !w.judged) {
		fail(&rp, "out of memory in the checker");
		goto done;
	}
	int done = sim_done(run->sim) && !run->hung && !run->stopped;
	simtime_t end = scn->end ? scn->end : 3600 * SIMTIME_S;
	simtime_t now = sim_now(run->sim);
	simtime_t prev = 0;
	for (uint32_t k = 0; k < tr->n && !w.oom; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->t < prev)
			fail(&rp, "record %u at %" PRId64 "us comes after one at %" PRId64 "us", k,
			     (int64_t)r->t, (int64_t)prev);
		if (r->t > end)
			fail(&rp, "record %u at %" PRId64 "us is past the end (%" PRId64 "us)", k,
			     (int64_t)r->t, (int64_t)end);
		prev = r->t;
		switch (r->kind) {
		case TR_STATE:
			on_state(&w, k, r);
			if (r->sub == ARROW_LISTEN_SYN)
				on_child(&w, r);
			break;
		case TR_TIMER_ARM: on_timer(&w, k, r, 0); break;
		case TR_TIMER_FIRE: on_timer(&w, k, r, 1); break;
		case TR_SEG_SEND: on_send(&w, k, r); break;
		case TR_SEG_ARRIVE: on_arrive(&w, k, r); break;
		case TR_SEG_LOST:
			if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs || !tr->segs[r->seg].lost)
				fail(&rp, "record %u: segment %d reported lost", k, r->seg);
			break;
		case TR_APP_CALL: on_call(&w, k, r); break;
		case TR_EXPECT: on_expect(&w, k, r, end); break;
		case TR_APP_ERROR:
		case TR_INFO:
		case TR_NOTE:
		case TR_ASK: break;
		default: fail(&rp, "record %u has kind %d", k, r->kind);
		}
	}
	if (w.oom)
		fail(&rp, "out of memory in the checker");
	if (done && !w.oom) {
		for (uint32_t i = 0; i < tr->nsegs; i++) {
			const struct trace_seg *ts = &tr->segs[i];
			if (!ts->lost && ts->to != 0xff && ts->arrive <= now && !w.arrived[i])
				fail(&rp, "segment %u, due at %" PRId64 "us, never arrived", i,
				     (int64_t)ts->arrive);
		}
		for (int i = 0; i < scn->nexpects; i++) {
			/* a run cut by --until judges nothing after the cut (issue 13) */
			const struct scn_expect *e = &scn->expects[i];
			int after_cut = run->cut && (e->when != WHEN_AT || e->at > now);
			if (w.judged[i] != 1 && !(after_cut && w.judged[i] == 0))
				fail(&rp, "line %d: expect judged %u times", e->line, w.judged[i]);
		}
		clean_closes(&w, run);
	}
done:
	w.st.records = tr->n;
	w.st.segments = tr->nsegs;
	if (st) {
		st->records += w.st.records;
		st->segments += w.st.segments;
		st->clean_closes += w.st.clean_closes;
		st->peer_acks += w.st.peer_acks;
	}
	free(w.socks);
	free(w.arrived);
	free(w.judged);
	free(w.tuples.v);
	for (int h = 0; h < SCN_MAX_HOSTS; h++)
		free(w.order[h]);
	return rp.n;
}

/* ---- seeking back through checkpoints ---- */

int tc_snap_diff(const struct snapshot *a, const struct snapshot *b, char *msg, size_t size)
{
	if (a->now != b->now || a->trace_pos != b->trace_pos || a->nhosts != b->nhosts) {
		snprintf(msg, size, "now %" PRId64 "/%" PRId64 "us, trace_pos %u/%u",
		         (int64_t)a->now, (int64_t)b->now, a->trace_pos, b->trace_pos);
		return 1;
	}
	for (int h = 0; h < a->nhosts; h++) {
		const struct snap_host *x = &a->hosts[h], *y = &b->hosts[h];
		if (x->crashed != y->crashed || x->nsocks != y->nsocks ||
		    x->current != y->current ||
		    memcmp(x->state_count, y->state_count, sizeof x->state_count) != 0) {
			snprintf(msg, size, "host %d: %d/%d sockets, current %d/%d, crashed %d/%d",
			         h, x->nsocks, y->nsocks, x->current, y->current, x->crashed,
			         y->crashed);
			return 1;
		}
		for (int i = 0; i < x->nsocks; i++)
			if (memcmp(&x->socks[i], &y->socks[i], sizeof x->socks[i]) != 0) {
				snprintf(msg, size,
				         "host %d socket %d (handle %d/%d): state %s/%s, snd_nxt "
				         "%u/%u, rcv_nxt %u/%u, timers %d/%d",
				         h, i, x->socks[i].handle, y->socks[i].handle,
				         tcps_name(x->socks[i].state), tcps_name(y->socks[i].state),
				         x->socks[i].snd_nxt, y->socks[i].snd_nxt,
				         x->socks[i].rcv_nxt, y->socks[i].rcv_nxt,
				         x->socks[i].ntimers, y->socks[i].ntimers);
				return 1;
			}
	}
	return 0;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int tc_check_seek(const struct scenario *scn, struct sim *cp, const int64_t *ks, int n, char *msg,
                  size_t size)
{
	int bad = 0;
	if (msg && size)
		msg[0] = '\0';
	if (n <= 0)
		return 0;
	int64_t *sorted = malloc(sizeof *sorted * (size_t)n);
	struct snapshot *fwd = calloc((size_t)n, sizeof *fwd);
	struct sim *fresh = sim_new(scn, NULL);
	if (!sorted || !fwd || !fresh) {
		snprintf(msg, size, "out of memory");
		bad = 1;
		goto done;
	}
	/* The reference: one fresh run going forward through the sorted ks. */
	memcpy(sorted, ks, sizeof *sorted * (size_t)n);
	qsort(sorted, (size_t)n, sizeof *sorted, cmp_i64);
	for (int i = 0; i < n; i++) {
		sim_seek_record(fresh, sorted[i]);
		sim_snapshot(fresh, &fwd[i]);
	}
	struct snapshot got;
	memset(&got, 0, sizeof got);
	for (int i = 0; i < n && !bad; i++) {
		sim_seek_record(cp, ks[i]);
		sim_snapshot(cp, &got);
		int j = 0;
		while (sorted[j] != ks[i])
			j++;
		char d[400];
		if (tc_snap_diff(&fwd[j], &got, d, sizeof d)) {
			snprintf(msg, size, "seek back to record %" PRId64 " (probe %d): %s", ks[i],
			         i, d);
			bad = 1;
		}
	}
	snapshot_free(&got);
done:
	if (fwd)
		for (int i = 0; i < n; i++)
			snapshot_free(&fwd[i]);
	free(fwd);
	free(sorted);
	sim_free(fresh);
	return bad;
}
