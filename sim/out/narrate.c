/* narrate: what each trace record means, in plain sentences (see
 * narrate.h).  Called by the window for the present record.  Everything is
 * read from the record, its segment and the scenario; nothing is stored. */
#include "narrate.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "simerr.h"
#include "tcpstate.h"
#include "outbuf.h"

struct name {
	char s[SCN_NAME_MAX + 8];
};

/* A role ("client", "server2") takes "the"; a person's name ("alice")
 * stands alone as written, never capitalised (scn_host_phrase). cap: at the
 * start of a sentence. */
static struct name name_str(const char *raw, int cap)
{
	struct scenario one;
	memset(&one, 0, sizeof one);
	one.nhosts = 1;
	snprintf(one.hosts[0].name, SCN_NAME_MAX, "%s", raw);
	struct name n;
	scn_host_phrase(&one, 0, cap, n.s, sizeof n.s);
	return n;
}

/* Host h, or "the link" / "the peer" when h names none. */
static struct name host_n(const struct scenario *scn, int h, int cap)
{
	struct name n;
	if (h >= 0 && h < scn->nhosts && h < SCN_MAX_HOSTS)
		scn_host_phrase(scn, h, cap, n.s, sizeof n.s);
	else
		n = name_str("host", cap);
	return n;
}

static struct name peer_n(const struct scenario *scn, int h, int cap)
{
	if (scn->nhosts == 2 && (h == 0 || h == 1))
		return name_str(scn->hosts[!h].name, cap);
	return name_str("peer", cap);
}

static const struct trace_sock *sock_of(const struct trace *tr, int32_t h)
{
	if (h < 0 || (uint32_t)h >= tr->nsocks)
		return NULL;
	return &tr->socks[h];
}

static void secs(char *b, size_t n, simtime_t us)
{
	if (us < 0)
		us = 0;
	simtime_fmt_short(b, n, us);
}

static const struct trace_seg *seg_at(const struct trace *tr, int32_t i)
{
	return i >= 0 && (uint32_t)i < tr->nsegs ? &tr->segs[i] : NULL;
}

/* How far the sentences look back or ahead in the trace for what a record
 * led to: far enough for every lesson, bounded so that a flood's trace
 * stays linear.  Past the bound a sentence says less, never something
 * false. */
#define SCAN 2048u

/* "SYN", "SYN,ACK", "FIN,ACK", "RST", "ACK", "7 bytes of data", "1 byte of
 * data", "FIN,ACK with 5 bytes"; *plural: the words take "reach". */
static void seg_words(const struct segment *h, char *b, size_t n, int *plural)
{
	b[0] = '\0';
	if (plural)
		*plural = 0;
	if (h->len && !(h->flags & (TH_SYN | TH_FIN | TH_RST))) {
		snprintf(b, n, "%u byte%s of data", h->len, h->len == 1 ? "" : "s");
		if (plural)
			*plural = h->len != 1;
		return;
	}
	const char *parts[4];
	int np = 0;
	if (h->flags & TH_SYN)
		parts[np++] = "SYN";
	if (h->flags & TH_FIN)
		parts[np++] = "FIN";
	if (h->flags & TH_RST)
		parts[np++] = "RST";
	if (h->flags & TH_ACK)
		parts[np++] = "ACK";
	if (np == 0) {
		snprintf(b, n, "segment without flags");
		return;
	}
	size_t len = 0;
	for (int i = 0; i < np && len < n; i++) {
		int w = snprintf(b + len, n - len, "%s%s", i ? "," : "", parts[i]);
		if (w > 0)
			len += (size_t)w;
	}
	if (h->len && len < n)
		snprintf(b + len, n - len, " with %u byte%s", h->len, h->len == 1 ? "" : "s");
}

void narrate_seg_words(const struct segment *h, char *buf, size_t size, int *plural)
{
	if (size)
		seg_words(h, buf, size, plural);
}

static int same_conv(const struct segment *a, const struct segment *b)
{
	return a->src == b->src && a->dst == b->dst && a->sport == b->sport && a->dport == b->dport;
}

static int reverse_conv(const struct segment *a, const struct segment *b)
{
	return a->src == b->dst && a->dst == b->src && a->sport == b->dport && a->dport == b->sport;
}

/* The segment that later carries segment si's sequence numbers again: its
 * index, -1 when none does, -2 when the search stopped before the end. */
static int64_t resent_as(const struct trace *tr, uint32_t si)
{
	const struct segment *h = &tr->segs[si].h;
	uint8_t kind = h->flags & (TH_SYN | TH_FIN | TH_RST);
	uint32_t end = si + SCAN < tr->nsegs ? si + SCAN : tr->nsegs;
	for (uint32_t j = si + 1; j < end; j++) {
		const struct trace_seg *o = &tr->segs[j];
		if (o->retx && same_conv(&o->h, h) && o->h.seq == h->seq &&
		    (o->h.flags & (TH_SYN | TH_FIN | TH_RST)) == kind)
			return j;
	}
	return end < tr->nsegs ? -2 : -1;
}

/* What became of the segment si that record k sent: lost on the link, or
 * the first state change or info record its arrival caused (*out), or
 * nothing at all. */
enum fate { FATE_UNKNOWN, FATE_LOST, FATE_NOTHING, FATE_REC };

static int seg_fate(const struct trace *tr, uint32_t k, int32_t si, const struct trace_rec **out)
{
	int arrived = 0;
	simtime_t at = 0;
	uint32_t end = k + 4 * SCAN < tr->n ? k + 4 * SCAN : tr->n;
	for (uint32_t j = k + 1; j < end; j++) {
		const struct trace_rec *r = &tr->recs[j];
		if (arrived && r->t > at)
			return FATE_NOTHING;
		if (r->seg != si)
			continue;
		if (r->kind == TR_SEG_LOST)
			return FATE_LOST;
		if (r->kind == TR_SEG_ARRIVE) {
			arrived = 1;
			at = r->t;
		} else if (arrived && (r->kind == TR_STATE || r->kind == TR_INFO)) {
			*out = r;
			return FATE_REC;
		}
	}
	return arrived && end == tr->n ? FATE_NOTHING : FATE_UNKNOWN;
}

/* Record kind/sub of host near record k at the same time (within a few
 * records either way): what a sentence is about to say happened with it. */
static const struct trace_rec *near(const struct trace *tr, uint32_t k, int host, int kind, int sub,
                                    int before, int after)
{
	const struct trace_rec *r0 = &tr->recs[k];
	for (int d = -before; d <= after; d++) {
		if (d == 0 || (d < 0 && (uint32_t)-d > k) || k + (uint32_t)(d > 0 ? d : 0) >= tr->n)
			continue;
		const struct trace_rec *r = &tr->recs[(int64_t)k + d];
		if (r->t == r0->t && r->host == host && r->kind == kind &&
		    (sub < 0 || r->sub == sub))
			return r;
	}
	return NULL;
}

/* 1 when a segment sent at `sent` left after socket h entered TIME_WAIT
 * (the last such change before record k): then a SYN is a new connection's
 * (or its retransmission), not an old duplicate of the old connection's. */
static int sent_in_time_wait(const struct trace *tr, uint32_t k, int32_t h, simtime_t sent)
{
	for (uint32_t i = k; i-- > 0;) {
		const struct trace_rec *r = &tr->recs[i];
		if (r->kind == TR_STATE && r->sock == h && r->u.state.to == TCPS_TIME_WAIT)
			return sent >= r->t;
	}
	return 0;
}

/* The segment host sends right around record k (a reply it just decided). */
static const struct trace_seg *reply_near(const struct trace *tr, uint32_t k, int host)
{
	const struct trace_rec *r = near(tr, k, host, TR_SEG_SEND, -1, 2, 3);
	return r ? seg_at(tr, r->seg) : NULL;
}

/* What the arrival of a segment led to, as a clause after "When it
 * arrives, " (the receiver is `to`). */
static void put_arrival(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                        uint32_t k, int32_t si, const struct segment *h, int to)
{
	const struct trace_rec *r = NULL;
	struct name rx = host_n(scn, to, 0);
	switch (seg_fate(tr, k, si, &r)) {
	case FATE_LOST: outbuf_put(o, " The link loses it on the way."); return;
	case FATE_NOTHING:
		outbuf_put(o, " When it arrives, it changes nothing at %s.", rx.s);
		return;
	case FATE_UNKNOWN: return;
	default: break;
	}
	if (r->kind == TR_STATE) {
		switch (r->sub) {
		case ARROW_RST:
		case ARROW_TW_RST:
			outbuf_put(o,
			           " Its sequence number is exactly %s's RCV.NXT, the next byte it "
			           "expects, "
			           "so when it arrives %s resets the connection (RFC 5961 3.2).",
			           rx.s, rx.s);
			return;
		case ARROW_SYNRCVD_RST:
			outbuf_put(
			    o,
			    " When it arrives, %s drops its embryonic connection and goes on "
			    "listening.",
			    rx.s);
			return;
		case ARROW_LISTEN_SYN:
			outbuf_put(
			    o,
			    " When it arrives, %s keeps an embryonic connection for it in SYN_RCVD "
			    "and "
			    "answers SYN,ACK to an address nobody has.",
			    rx.s);
			return;
		case ARROW_SYNSENT_RST:
		case ARROW_SYNRCVD_REFUSED:
			outbuf_put(o, " When it arrives, %s's connect() fails with ECONNREFUSED.",
			           rx.s);
			return;
		default:
			outbuf_put(o, " When it arrives, %s goes from %s to %s.", rx.s,
			           tcps_name(r->u.state.from), tcps_name(r->u.state.to));
			return;
		}
	}
	switch (r->sub) {
	case INFO_CHALLENGE_ACK:
		if (h->flags & TH_RST)
			outbuf_put(
			    o,
			    " It falls inside %s's receive window but not exactly at RCV.NXT, so "
			    "when "
			    "it arrives %s does not reset: it asks with a challenge ACK (RFC 5961 "
			    "3.2).",
			    rx.s, rx.s);
		else
			outbuf_put(
			    o, " When it arrives, %s answers it with a challenge ACK (RFC 5961).",
			    rx.s);
		return;
	case INFO_RST_IGNORED:
		outbuf_put(o, " Its numbers do not fit %s's connection, so %s drops it on arrival.",
		           rx.s, rx.s);
		return;
	case INFO_TW_RST_IGNORED:
		outbuf_put(o, " %s is in TIME_WAIT with RFC 1337 protection and ignores it.",
		           host_n(scn, to, 1).s);
		return;
	case INFO_PAWS_REJECTED:
		outbuf_put(o,
		           " When it arrives, PAWS (RFC 7323) drops it: its timestamp is too old.");
		return;
	case INFO_RST_RCVD_CLOSED:
		outbuf_put(o, " %s is down: nothing receives it and nothing answers.",
		           host_n(scn, to, 1).s);
		return;
	case INFO_RST_SENT_NO_SOCKET:
		outbuf_put(o, " %s has no socket for it and answers RST.", host_n(scn, to, 1).s);
		return;
	case INFO_SYN_QUEUE_FULL:
		outbuf_put(o, " When it arrives, %s's SYN queue has no room for it: it is dropped.",
		           rx.s);
		return;
	case INFO_ACCEPT_QUEUE_FULL_SYN:
		outbuf_put(o, " When it arrives, %s's accept queue is full: it is dropped.", rx.s);
		return;
	case INFO_SYNCOOKIE_SENT:
		outbuf_put(o, " When it arrives, %s answers with a SYN cookie and keeps nothing.",
		           rx.s);
		return;
	default: return;
	}
}

static void put_addr(struct outbuf *o, uint32_t a)
{
	outbuf_put(o, "%u.%u.%u.%u", (unsigned)(a >> 24), (unsigned)(a >> 16 & 255),
	           (unsigned)(a >> 8 & 255), (unsigned)(a & 255));
}

/* Why the segment record k sends is a retransmission, from the records
 * just before it. */
static void put_retx_reason(struct outbuf *o, const struct trace *tr, uint32_t k, int host)
{
	const struct trace_rec *fire = near(tr, k, host, TR_TIMER_FIRE, TIMER_RETRANSMIT, 3, 0);
	if (near(tr, k, host, TR_INFO, INFO_FAST_RETRANSMIT, 3, 0))
		outbuf_put(o,
		           " after three duplicate ACKs (fast retransmit), without waiting for its "
		           "timer.");
	else if (near(tr, k, host, TR_INFO, INFO_RACK_LOSS, 3, 0))
		outbuf_put(
		    o, ": the peer's SACK blocks show later segments delivered, so RACK takes this "
		       "one as lost (fast recovery), without waiting for its timer.");
	else if (fire && fire->u.timer.attempt == 0)
		outbuf_put(o,
		           " as its tail loss probe: nothing has been heard for a while, and the "
		           "answer will show what is missing.");
	else if (fire)
		outbuf_put(o, ": its retransmission timer ran out with no acknowledgement.");
	else
		outbuf_put(
		    o, ": it had sent these sequence numbers before without an acknowledgement.");
}

/* Byte rel of a stream (its relative sequence number) once the 32-bit
 * numbers have gone round `wraps` times (trace.h). */
static uint64_t stream_byte(uint32_t rel, uint8_t wraps)
{
	return ((uint64_t)wraps << 32) + rel;
}

/* After a sentence that gave stream bytes up to `last`: why the segment's
 * own numbers are smaller, once its stream is past 2^32 bytes. */
static void put_wrapped(struct outbuf *o, uint64_t last, const char *field)
{
	if (last >> 32)
		outbuf_put(
		    o,
		    " Past 2^32 bytes the 32-bit sequence numbers start again from 0, as its %s "
		    "shows.",
		    field);
}

/* The ACK number of a pure ACK, in words. */
static void put_ack(struct outbuf *o, const struct trace *tr, uint32_t si, const struct name *me,
                    const struct name *peer, uint32_t rel)
{
	uint64_t byte = stream_byte(rel, tr->segs[si].ack_wraps);
	const struct segment *h = &tr->segs[si].h;
	uint32_t from = si > SCAN ? si - SCAN : 0;
	for (uint32_t j = si; j-- > from;) {
		const struct segment *f = &tr->segs[j].h;
		if ((f->flags & TH_FIN) && reverse_conv(f, h) && f->seq + f->len + 1 == h->ack) {
			if (byte > 2)
				outbuf_put(o,
				           "%s ACKs %s's FIN (ack %u): it has all %" PRIu64
				           " bytes %s sent, and the FIN.",
				           me->s, peer->s, rel, byte - 2, peer->s);
			else
				outbuf_put(
				    o, "%s ACKs %s's FIN (ack %u): %s sent no data, only the FIN.",
				    me->s, peer->s, rel, peer->s);
			return;
		}
	}
	if (byte == 1)
		outbuf_put(
		    o,
		    "%s sends an ACK (ack 1): it has %s's SYN and no data yet, and expects byte 1 "
		    "next.",
		    me->s, peer->s);
	else {
		outbuf_put(o,
		           "%s sends an ACK (ack %u): it has every byte of %s's stream before byte "
		           "%" PRIu64 " and expects byte %" PRIu64 " next.",
		           me->s, rel, peer->s, byte, byte);
		put_wrapped(o, byte, "ack");
	}
}

/* 1 when the pure ACK record k sends answers a segment that did not fit
 * (a challenge ACK, TIME_WAIT's answer to a SYN, an out-of-window one). */
static int answers_invalid(const struct trace *tr, uint32_t k, int host)
{
	static const int codes[] = {INFO_CHALLENGE_ACK,  INFO_OUT_OF_WINDOW,
	                            INFO_BAD_ACK,        INFO_TW_OLD_DUP,
	                            INFO_TW_SYN_REFUSED, INFO_TW_SYN_NO_LISTENER};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (near(tr, k, host, TR_INFO, codes[i], 3, 0))
			return 1;
	return 0;
}

static void narrate_send(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                         uint32_t k, const struct trace_rec *r)
{
	const struct trace_seg *sg = seg_at(tr, r->seg);
	if (!sg)
		return;
	const struct segment *h = &sg->h;
	struct name Me = sg->from < 2 ? host_n(scn, sg->from, 1) : name_str("attacker", 1);
	struct name me = sg->from < 2 ? host_n(scn, sg->from, 0) : name_str("attacker", 0);
	struct name peer = sg->to < 2 ? host_n(scn, sg->to, 0) : name_str("peer", 0);
	const struct trace_sock *ks = sock_of(tr, sg->sock);
	char w[64];
	seg_words(h, w, sizeof w, NULL);
	/* A flood's SYN leaves the attacking host with somebody else's address. */
	int spoofed = sg->from >= scn->nhosts || h->src != scn->hosts[sg->from].addr;
	if (spoofed && (h->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		outbuf_put(o, "A SYN flood's SYN leaves %s with the made-up source address ", me.s);
		put_addr(o, h->src);
		outbuf_put(o, ", for %s's port %u: nobody there will finish the handshake.", peer.s,
		           h->dport);
		put_arrival(o, scn, tr, k, r->seg, h, sg->to);
		return;
	}
	if (sg->forged) {
		outbuf_put(o, "A forged %s, made to look like %s's, is sent to %s.", w, me.s,
		           peer.s);
		put_arrival(o, scn, tr, k, r->seg, h, sg->to);
		return;
	}
	uint32_t rel = ks && ks->iss ? h->seq - ks->iss : h->seq;
	uint64_t first = stream_byte(rel, sg->seq_wraps), last = first + h->len - 1;
	if (sg->retx && (h->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK) &&
	    near(tr, k, sg->from, TR_STATE, ARROW_SYNSENT_SYN, 3, 0)) {
		/* a simultaneous open: the SYN,ACK repeats our own SYN, no loss */
		outbuf_put(o,
		           "%s answers SYN,ACK: its own SYN again, with the same initial sequence "
		           "number %u (still unacknowledged), now carrying the ACK of %s's SYN "
		           "(ack %u). Nothing was lost: a side that gets a SYN in SYN_SENT answers "
		           "this way.",
		           Me.s, h->seq, peer.s, h->ack);
		return;
	}
	if (sg->retx) {
		if (h->len && !(h->flags & (TH_SYN | TH_RST)))
			outbuf_put(o, "%s sends bytes %" PRIu64 " to %" PRIu64 " again", Me.s,
			           first, last);
		else
			outbuf_put(o, "%s sends its %s again", Me.s, w);
		put_retx_reason(o, tr, k, sg->from);
		if (h->len && !(h->flags & (TH_SYN | TH_RST)))
			put_wrapped(o, last, "seq");
		return;
	}
	if ((h->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		outbuf_put(
		    o,
		    "%s sends a SYN to %s's port %u to open a connection; its initial sequence "
		    "number (ISS) is %u.",
		    Me.s, peer.s, h->dport, h->seq);
	} else if ((h->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
		outbuf_put(o,
		           "%s answers SYN,ACK: it acknowledges the SYN (ack %u) and sends its own "
		           "initial sequence number %u.",
		           Me.s, h->ack, h->seq);
	} else if (h->flags & TH_RST) {
		/* tcp_in.c reports INFO_RST_SENT_NO_SOCKET just before it answers a
		 * segment that no connection and no listener on its port takes */
		if (near(tr, k, sg->from, TR_INFO, INFO_RST_SENT_NO_SOCKET, 3, 0))
			outbuf_put(o,
			           "%s sends RST: nobody listens on its port %u and no connection "
			           "there matches the segment.",
			           Me.s, h->sport);
		else
			outbuf_put(
			    o, "%s sends RST: this connection does not exist here, or is aborted.",
			    Me.s);
		put_arrival(o, scn, tr, k, r->seg, h, sg->to);
	} else if (h->flags & TH_FIN) {
		if (h->len)
			outbuf_put(o,
			           "%s sends its last %u byte%s (bytes %" PRIu64 " to %" PRIu64
			           ") with FIN",
			           Me.s, h->len, h->len == 1 ? "" : "s", first, last);
		else
			outbuf_put(o, "%s sends FIN", Me.s);
		outbuf_put(
		    o, ": it has no more data to send, and the FIN takes one sequence number of "
		       "its own.");
		if (h->len)
			put_wrapped(o, last, "seq");
	} else if (h->len) {
		if (h->len == 1)
			outbuf_put(o, "%s sends 1 byte of data (byte %" PRIu64 " of its stream).",
			           Me.s, first);
		else
			outbuf_put(o,
			           "%s sends %u bytes of data (bytes %" PRIu64 " to %" PRIu64
			           " of its stream).",
			           Me.s, h->len, first, last);
		put_wrapped(o, last, "seq");
	} else if (near(tr, k, sg->from, TR_INFO, INFO_KEEPALIVE_PROBE, 2, 0)) {
		outbuf_put(
		    o,
		    "%s sends its keepalive probe: an ACK one byte behind (SND.UNA - 1, a byte %s "
		    "already has), which %s must answer if it is still there.",
		    Me.s, peer.s, peer.s);
	} else if (near(tr, k, sg->from, TR_INFO, INFO_WINDOW_PROBE, 2, 0)) {
		outbuf_put(
		    o,
		    "%s sends its window probe: an ACK one byte behind, which %s answers with its "
		    "current window.",
		    Me.s, peer.s);
	} else if (near(tr, k, sg->from, TR_INFO, INFO_CHALLENGE_ACK, 3, 0)) {
		/* RFC 5961 3.2 and 4.2 (Linux: tcp_send_challenge_ack) */
		uint32_t arel = ks && ks->irs ? h->ack - ks->irs : h->ack;
		outbuf_put(
		    o,
		    "%s answers with a challenge ACK (ack %u, RFC 5961): a RST inside its window "
		    "but not at the byte it expects next, or a SYN on an open connection, may be "
		    "forged, so it tells %s, the real peer, what it expects; only a RST at exactly "
		    "that "
		    "number would end the connection.",
		    Me.s, arel, peer.s);
	} else if (answers_invalid(tr, k, sg->from)) {
		uint32_t arel = ks && ks->irs ? h->ack - ks->irs : h->ack;
		outbuf_put(
		    o,
		    "%s answers with an ACK of its own numbers (ack %u): the segment that came did "
		    "not fit its connection, and this ACK tells %s what it expects.",
		    Me.s, arel, peer.s);
	} else {
		uint32_t arel = ks && ks->irs ? h->ack - ks->irs : h->ack;
		put_ack(o, tr, (uint32_t)r->seg, &Me, &peer, arel);
		/* a first SACK block below the ACK is a D-SACK (RFC 2883) */
		uint32_t base = ks && ks->irs ? ks->irs : 0;
		if (h->nsack && (int32_t)(h->sack[0][1] - h->ack) <= 0) {
			uint32_t lo = h->sack[0][0] - base, hi = h->sack[0][1] - base;
			if (lo == 0 && hi == 1)
				outbuf_put(
				    o,
				    " Its SACK block {0:1} is a D-SACK (RFC 2883): %s's SYN came a "
				    "second "
				    "time, in its SYN,ACK.",
				    peer.s);
			else
				outbuf_put(
				    o,
				    " Its first SACK block {%u:%u} is a D-SACK (RFC 2883): that "
				    "part of %s's "
				    "stream came a second time.",
				    lo, hi, peer.s);
		}
	}
}

/* The TIME_WAIT timer the socket of record k arms at that moment. */
static simtime_t tw_length(const struct scenario *scn, const struct trace *tr, uint32_t k,
                           const struct trace_rec *r)
{
	uint32_t end = k + 16 < tr->n ? k + 16 : tr->n;
	for (uint32_t j = k + 1; j < end && tr->recs[j].t == r->t; j++)
		if (tr->recs[j].kind == TR_TIMER_ARM && tr->recs[j].sock == r->sock &&
		    tr->recs[j].sub == TIMER_TIME_WAIT)
			return tr->recs[j].u.timer.expiry - r->t;
	return r->host < SCN_MAX_HOSTS ? 2 * scn->hosts[r->host].params.msl : 0;
}

static void narrate_state(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                          uint32_t k, const struct trace_rec *r)
{
	struct name Me = host_n(scn, r->host, 1), me = host_n(scn, r->host, 0);
	struct name peer = peer_n(scn, r->host, 0);
	const struct trace_sock *ks = sock_of(tr, r->sock);
	unsigned lport = ks ? ks->lport : 0, rport = ks ? ks->rport : 0;
	char d[32];
	switch (r->sub) {
	case ARROW_PASSIVE_OPEN:
		outbuf_put(o, "%s's socket is in LISTEN on port %u: it waits for a SYN.", Me.s,
		           lport);
		break;
	case ARROW_ACTIVE_OPEN:
		outbuf_put(o,
		           "%s sends a SYN to %s's port %u and waits in SYN_SENT for the answer.",
		           Me.s, peer.s, rport);
		break;
	case ARROW_LISTEN_CLOSE:
		outbuf_put(o,
		           "%s closes its listening socket: port %u accepts no more connections.",
		           Me.s, lport);
		break;
	case ARROW_LISTEN_SYN:
		outbuf_put(
		    o,
		    "%s got a SYN on its listening port %u; it keeps an embryonic connection in "
		    "SYN_RCVD, answers SYN,ACK and waits for %s's ACK.",
		    Me.s, lport, peer.s);
		break;
	case ARROW_LISTEN_SEND:
		outbuf_put(
		    o,
		    "%s sends from a listening socket: that is an active open, so it sends a SYN "
		    "and enters SYN_SENT.",
		    Me.s);
		break;
	case ARROW_SYNSENT_CLOSE:
		outbuf_put(
		    o,
		    "%s closes before the handshake finished: the attempt is dropped and nothing "
		    "is sent.",
		    Me.s);
		break;
	case ARROW_SYNSENT_SYN:
		outbuf_put(
		    o,
		    "%s got a SYN while its own SYN is out: both sides opened at once. It answers "
		    "SYN,ACK and waits in SYN_RCVD (simultaneous open).",
		    Me.s);
		break;
	case ARROW_SYNSENT_SYNACK:
		outbuf_put(
		    o,
		    "%s got %s's SYN,ACK acknowledging its SYN; it sends the last ACK of the "
		    "handshake and is ESTABLISHED.",
		    Me.s, peer.s);
		break;
	case ARROW_SYNRCVD_ACK:
		if (r->cause == CAUSE_SEGMENT && r->seg >= 0 && (uint32_t)r->seg < tr->nsegs &&
		    (tr->segs[r->seg].h.flags & TH_SYN)) {
			/* a simultaneous open: the peer's SYN,ACK acknowledges our SYN */
			outbuf_put(
			    o,
			    "%s got %s's SYN,ACK, which acknowledges its SYN: both SYNs are "
			    "acknowledged, so the simultaneous open is complete and the "
			    "connection is ESTABLISHED. This was no three-way handshake: each "
			    "side sent a SYN, then a SYN,ACK.",
			    Me.s, peer.s);
			const struct trace_seg *ack = reply_near(tr, k, r->host);
			if (ack && (ack->h.flags & (TH_SYN | TH_ACK | TH_RST)) == TH_ACK)
				outbuf_put(o, " It still answers the SYN,ACK with an ACK.");
			break;
		}
		outbuf_put(
		    o,
		    "%s got the ACK of its SYN,ACK: the three-way handshake is complete and the "
		    "connection is ESTABLISHED.",
		    Me.s);
		break;
	case ARROW_SYNRCVD_RST:
		outbuf_put(o,
		           "%s got an RST in SYN_RCVD: it drops the embryonic connection, and its "
		           "listener goes on listening.",
		           Me.s);
		break;
	case ARROW_SYNRCVD_CLOSE:
	case ARROW_EST_CLOSE:
		outbuf_put(
		    o,
		    "%s's application closes: it sends FIN and waits in FIN_WAIT_1 for the ACK. "
		    "Closing first makes it the active closer: if the close completes, it is the "
		    "side that waits in TIME_WAIT.",
		    Me.s);
		break;
	case ARROW_EST_FIN:
	case ARROW_SYNRCVD_FIN:
		outbuf_put(
		    o,
		    "%s got a FIN: %s has finished sending. It acknowledges the FIN and waits in "
		    "CLOSE_WAIT until its own application closes.",
		    Me.s, peer.s);
		break;
	case ARROW_FW1_ACK:
		outbuf_put(o, "%s's FIN was acknowledged: it waits in FIN_WAIT_2 for %s's FIN.",
		           Me.s, peer.s);
		break;
	case ARROW_FW1_FIN:
		outbuf_put(
		    o,
		    "%s got %s's FIN before the ACK of its own: both sides close at once. It ACKs "
		    "and waits in CLOSING for its FIN to be acknowledged.",
		    Me.s, peer.s);
		break;
	case ARROW_FW1_FINACK:
	case ARROW_FW2_FIN:
	case ARROW_CLOSING_ACK:
		secs(d, sizeof d, tw_length(scn, tr, k, r));
		if (r->sub == ARROW_CLOSING_ACK)
			outbuf_put(o, "%s's FIN was acknowledged in CLOSING", Me.s);
		else
			outbuf_put(o, "%s got %s's FIN and sends the last ACK", Me.s, peer.s);
		outbuf_put(
		    o,
		    "; it enters TIME_WAIT, its timer set to %s (a repeated FIN restarts it), so "
		    "that a lost last ACK can be sent again and "
		    "old duplicates die out.",
		    d);
		break;
	case ARROW_CW_CLOSE:
		outbuf_put(
		    o,
		    "%s's application closes too: it sends its FIN and waits in LAST_ACK for the "
		    "final ACK.",
		    Me.s);
		break;
	case ARROW_LASTACK_ACK:
		outbuf_put(
		    o,
		    "%s got the ACK of its FIN: its side of the connection is gone (CLOSED), "
		    "without any TIME_WAIT.",
		    Me.s);
		break;
	case ARROW_TW_TIMEOUT:
		outbuf_put(
		    o,
		    "TIME_WAIT's timer has run out: %s forgets the connection, and its ports may "
		    "be "
		    "used again.",
		    me.s);
		break;
	case ARROW_SYNSENT_RST:
		outbuf_put(
		    o,
		    "%s's SYN was answered with RST: nobody listens on port %u, so connect() fails "
		    "with ECONNREFUSED.",
		    Me.s, rport);
		break;
	case ARROW_SYNSENT_TIMEOUT:
		outbuf_put(o,
		           "%s's SYNs were never answered: it gives up and connect() fails with "
		           "ETIMEDOUT.",
		           Me.s);
		break;
	case ARROW_SYNRCVD_TIMEOUT: {
		const struct trace_rec *f =
		    near(tr, k, r->host, TR_TIMER_FIRE, TIMER_RETRANSMIT, 2, 0);
		int max = r->host < SCN_MAX_HOSTS ? scn->hosts[r->host].params.synack_retries : 0;
		int made = f && f->u.timer.attempt ? (int)f->u.timer.attempt - 1 : -1;
		if (made >= 0 && made < max)
			outbuf_put(
			    o,
			    "%s drops the embryonic connection after only %d SYN,ACK "
			    "retransmission%s (synack_retries is %d): old embryos fill more than "
			    "half "
			    "its SYN queue, so their retries are cut to make room for young ones "
			    "(Linux's reqsk_timer_handler()).",
			    Me.s, made, made == 1 ? "" : "s", max);
		else
			outbuf_put(
			    o,
			    "%s sent its SYN,ACK again and again without an ACK: it gives up and "
			    "drops "
			    "the embryonic connection.",
			    Me.s);
		break;
	}
	case ARROW_SYNRCVD_REFUSED:
		outbuf_put(o,
		           "%s got an RST in SYN_RCVD after a simultaneous open: the connection is "
		           "refused "
		           "(ECONNREFUSED).",
		           Me.s);
		break;
	case ARROW_RST:
		outbuf_put(o, "%s got an RST it accepts: the connection is reset at once", Me.s);
		if (r->u.state.err)
			outbuf_put(o, " and its application gets %s.", simerr_name(r->u.state.err));
		else
			outbuf_put(o,
			           "; its application had already closed, so no error reaches it.");
		break;
	case ARROW_ABORT:
		if (r->cause == CAUSE_SEGMENT)
			outbuf_put(
			    o,
			    "Data reached %s after its application had closed: nobody can read it, "
			    "so "
			    "it answers RST and drops the connection.",
			    me.s);
		else if (r->cause == CAUSE_CALL && r->u.state.ref >= 0 &&
		         r->u.state.ref < scn->nevents &&
		         scn->events[r->u.state.ref].act.kind == ACT_CLOSE)
			outbuf_put(
			    o,
			    "%s's application closes with data it never read: Linux then sends "
			    "RST, "
			    "not FIN (RFC 2525 2.17), and drops the connection without TIME_WAIT.",
			    Me.s);
		else
			outbuf_put(
			    o,
			    "%s's application aborts: it sends RST and drops the connection at "
			    "once, "
			    "without the FIN exchange and without TIME_WAIT.",
			    Me.s);
		break;
	case ARROW_TIMEOUT:
		if (r->cause == CAUSE_TIMER && r->u.state.timer == TIMER_KEEPALIVE)
			outbuf_put(
			    o,
			    "None of %s's keepalive probes was answered: it drops the connection",
			    me.s);
		else
			outbuf_put(
			    o,
			    "%s retransmitted without an answer until it gave up: it drops the "
			    "connection",
			    Me.s);
		if (r->u.state.err)
			outbuf_put(o, " and its application gets %s.", simerr_name(r->u.state.err));
		else
			outbuf_put(o, " (its application had already closed).");
		break;
	case ARROW_FW2_TIMEOUT:
		outbuf_put(
		    o,
		    "%s waited in FIN_WAIT_2 longer than fin_timeout with its application gone: "
		    "Linux drops the connection.",
		    Me.s);
		break;
	case ARROW_TW_RST:
		outbuf_put(
		    o,
		    "%s got an RST exactly at RCV.NXT in TIME_WAIT: Linux ends TIME_WAIT early "
		    "(RFC 1337 would ignore it).",
		    Me.s);
		break;
	case ARROW_TW_REOPEN:
		outbuf_put(
		    o,
		    "A new SYN reached %s's TIME_WAIT, with a higher sequence number or a newer "
		    "timestamp (RFC 6191): it ends TIME_WAIT so a new connection can reuse the "
		    "same "
		    "ports.",
		    me.s);
		break;
	case ARROW_SYNRCVD_SYN:
		outbuf_put(
		    o,
		    "A SYN inside the window reached %s's embryonic connection (SYN_RCVD): Linux "
		    "answers RST and drops it.",
		    me.s);
		break;
	case ARROW_SYNRCVD_OVERFLOW:
		outbuf_put(o,
		           "The handshake's last ACK came, but %s's accept queue is full: with "
		           "abort_on_overflow it answers RST and drops the connection.",
		           me.s);
		break;
	case ARROW_CRASH:
		outbuf_put(o, "%s crashed: it loses every connection without sending anything.",
		           Me.s);
		break;
	default:
		outbuf_put(o, "%s goes from %s to %s.", Me.s, tcps_name(r->u.state.from),
		           tcps_name(r->u.state.to));
		break;
	}
}

static const char *timer_words(int kind)
{
	switch (kind) {
	case TIMER_RETRANSMIT: return "retransmission timer";
	case TIMER_PERSIST: return "persist timer";
	case TIMER_DELACK: return "delayed-ACK timer";
	case TIMER_KEEPALIVE: return "keepalive timer";
	case TIMER_TIME_WAIT: return "TIME_WAIT timer";
	case TIMER_FIN_WAIT_2: return "FIN_WAIT_2 timer";
	case TIMER_SACK_COMPRESS: return "compressed-SACK timer";
	default: return "timer";
	}
}

/* The same socket's next retransmission timeout after record k's, while
 * the socket keeps its state: how long it waits after this retransmission.
 * NULL when none comes (an ACK came, or the search stopped). */
static const struct trace_rec *next_fire(const struct trace *tr, uint32_t k,
                                         const struct trace_rec *r)
{
	uint32_t end = k + 4 * SCAN < tr->n ? k + 4 * SCAN : tr->n;
	for (uint32_t j = k + 1; j < end; j++) {
		const struct trace_rec *p = &tr->recs[j];
		if (p->sock != r->sock)
			continue;
		if (p->kind == TR_STATE)
			return NULL;
		if (p->kind == TR_TIMER_FIRE && p->sub == r->sub)
			return p->u.timer.attempt == r->u.timer.attempt + 1 ? p : NULL;
	}
	return NULL;
}

/* 1 when the 2MSL timer record k arms was already running: a retransmitted
 * FIN restarts it. */
static int tw_restart(const struct trace *tr, uint32_t k, const struct trace_rec *r)
{
	uint32_t from = k > SCAN ? k - SCAN : 0;
	for (uint32_t j = k; j-- > from;) {
		const struct trace_rec *p = &tr->recs[j];
		if (p->sock != r->sock)
			continue;
		if (p->kind == TR_TIMER_ARM && p->sub == TIMER_TIME_WAIT)
			return 1;
		if (p->kind == TR_STATE)
			return 0;
	}
	return 0;
}

static void narrate_timer(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                          uint32_t k, const struct trace_rec *r, int fire)
{
	struct name Me = host_n(scn, r->host, 1);
	char d[32], d2[32];
	if (!fire) {
		secs(d, sizeof d, r->u.timer.expiry - r->t);
		switch (r->sub) {
		case TIMER_RETRANSMIT:
			outbuf_put(
			    o,
			    "%s starts its retransmission timer: if no ACK comes within %s, it "
			    "sends "
			    "again.",
			    Me.s, d);
			break;
		case TIMER_TIME_WAIT:
			if (tw_restart(tr, k, r))
				outbuf_put(o,
				           "%s restarts its TIME_WAIT timer: %s more in TIME_WAIT, "
				           "counted from "
				           "now, before the connection is forgotten.",
				           Me.s, d);
			else
				outbuf_put(
				    o,
				    "%s starts its TIME_WAIT timer: %s in TIME_WAIT before the "
				    "connection "
				    "is forgotten.",
				    Me.s, d);
			break;
		case TIMER_DELACK:
			outbuf_put(
			    o, "%s holds its ACK for up to %s, hoping to send it along with data.",
			    Me.s, d);
			break;
		case TIMER_PERSIST:
			if (r->u.timer.attempt == TIMER_ATTEMPT_SWS) {
				outbuf_put(
				    o,
				    "%s's peer offers a window too small for a useful segment, and "
				    "nothing is in flight: it holds its data (sender SWS "
				    "avoidance, "
				    "RFC 9293 3.8.6.2.1) and starts its override timeout (%s).",
				    Me.s, d);
				break;
			}
			outbuf_put(
			    o,
			    "%s's peer advertises a zero window: the persist timer will probe it "
			    "in "
			    "%s.",
			    Me.s, d);
			break;
		default:
			outbuf_put(o, "%s starts its %s (%s).", Me.s, timer_words(r->sub), d);
			break;
		}
		return;
	}
	switch (r->sub) {
	case TIMER_RETRANSMIT: {
		/* a fire record's "expiry" is the time that ran out (see report_timer) */
		simtime_t ran = r->u.timer.expiry;
		secs(d, sizeof d, ran);
		if (r->u.timer.attempt == TIMER_ATTEMPT_REO) {
			outbuf_put(o, "%s's reordering window (RACK) has passed after %s", Me.s, d);
			if (near(tr, k, r->host, TR_INFO, INFO_RACK_LOSS, 0, 3))
				outbuf_put(
				    o, ": a segment sent before one the peer has SACKed is still "
				       "missing, so it is taken as lost.");
			else
				outbuf_put(
				    o, ": nothing more is missing, and the retransmission timer "
				       "takes over again.");
			break;
		}
		if (r->u.timer.attempt == 0) {
			/* linux: the timer held a tail loss probe (RACK-TLP); it was
			 * last set by new data sent or an ACK of new data (tcp_out.c
			 * schedule_probe), so `ran` counts from the later of those */
			outbuf_put(
			    o,
			    "%s's loss-probe timer ran out %s after it was last set (by the "
			    "last new data sent or the last ACK of new data, whichever came "
			    "later) with data still unacknowledged: it sends a tail loss probe "
			    "(its last segment again, or the next new one) so that the peer's "
			    "answer shows what is missing, and restarts its retransmission timer.",
			    Me.s, d);
			break;
		}
		outbuf_put(o, "%s's retransmission timer ran out after %s with no acknowledgement",
		           Me.s, d);
		if (near(tr, k, r->host, TR_STATE, -1, 0, 2)) {
			outbuf_put(o, ": it gives up instead of sending again.");
			break;
		}
		outbuf_put(o, ": it sends again what is still unacknowledged (retransmission %u)",
		           r->u.timer.attempt);
		const struct trace_rec *nx = next_fire(tr, k, r);
		if (!nx) {
			outbuf_put(o, ".");
			break;
		}
		simtime_t next = nx->u.timer.expiry;
		secs(d2, sizeof d2, next);
		if (next == ran)
			outbuf_put(o, " and waits the same %s again.", d2);
		else if (next == 2 * ran)
			outbuf_put(o, " and doubles its wait, to %s.", d2);
		else
			outbuf_put(o, " and waits %s next.", d2);
		break;
	}
	case TIMER_TIME_WAIT:
		outbuf_put(o, "%s's TIME_WAIT timer ran out: TIME_WAIT is over.", Me.s);
		break;
	case TIMER_DELACK:
		outbuf_put(o, "%s's delayed-ACK timer expired: the ACK goes out now, alone.", Me.s);
		break;
	case TIMER_PERSIST:
		if (r->u.timer.attempt == TIMER_ATTEMPT_SWS)
			outbuf_put(o, "%s's SWS override timeout ran out.", Me.s);
		else
			outbuf_put(o, "%s's persist timer expired.", Me.s);
		break;
	case TIMER_SACK_COMPRESS:
		outbuf_put(
		    o,
		    "%s has held its duplicate ACKs for a moment (Linux's SACK compression): "
		    "one ACK now reports every segment that arrived meanwhile in its SACK "
		    "blocks.",
		    Me.s);
		break;
	default: outbuf_put(o, "%s's %s expired.", Me.s, timer_words(r->sub)); break;
	}
}

static int from_a_host(const struct scenario *scn, const struct segment *h)
{
	for (int i = 0; i < scn->nhosts && i < SCN_MAX_HOSTS; i++)
		if (scn->hosts[i].addr == h->src)
			return 1;
	return 0;
}

static void narrate_info(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                         uint32_t k, const struct trace_rec *r)
{
	struct name Me = host_n(scn, r->host, 1), me = host_n(scn, r->host, 0);
	const struct trace_seg *sg = seg_at(tr, r->seg);
	/* the ACK this record promises may be held back by the rate limit */
	int quiet = near(tr, k, r->host, TR_INFO, INFO_ACK_RATELIMITED, 0, 3) != NULL;
	switch ((enum info_code)r->sub) {
	case INFO_CHALLENGE_ACK:
		if (sg && (sg->h.flags & TH_RST))
			outbuf_put(
			    o,
			    "The RST is inside %s's receive window but not exactly at RCV.NXT: RFC "
			    "5961 "
			    "says do not reset. ",
			    me.s);
		else if (sg && (sg->h.flags & TH_SYN))
			outbuf_put(
			    o,
			    "A SYN reached %s's synchronized connection: RFC 5961 says do not "
			    "reset. ",
			    me.s);
		if (quiet)
			outbuf_put(o, "%s owes a challenge ACK, but its rate limit holds it back.",
			           Me.s);
		else
			outbuf_put(
			    o,
			    "%s sends a challenge ACK with its real numbers: a peer that really "
			    "reset will answer it with an RST at the right sequence number.",
			    Me.s);
		break;
	case INFO_RST_IGNORED:
		outbuf_put(o,
		           "%s ignores the RST: its numbers do not fit the connection (outside the "
		           "receive "
		           "window, or not acknowledging the SYN), so it may be old or forged.",
		           Me.s);
		break;
	case INFO_OUT_OF_WINDOW:
		outbuf_put(o, "%s got a segment outside its receive window: it drops it", Me.s);
		outbuf_put(o, quiet ? "." : " and ACKs what it expects instead.");
		break;
	case INFO_BAD_ACK: {
		const struct trace_seg *rp = reply_near(tr, k, r->host);
		outbuf_put(
		    o,
		    "%s got an ACK of sequence numbers it never sent, or long acknowledged: it "
		    "does not take it",
		    Me.s);
		if (rp && (rp->h.flags & TH_RST))
			outbuf_put(
			    o, " and answers RST, numbered with that ACK's own number so that the "
			       "other end "
			       "takes it.");
		else if (rp && !quiet)
			outbuf_put(o,
			           " and answers with an ACK of its real numbers (RFC 5961 5.2).");
		else
			outbuf_put(o, ".");
		break;
	}
	case INFO_SYN_QUEUE_FULL:
		outbuf_put(
		    o, "%s's SYN queue has no room for this SYN: it is dropped without an answer.",
		    Me.s);
		if (sg && from_a_host(scn, &sg->h))
			outbuf_put(o,
			           " A real client is turned away: this is what a SYN flood does.");
		break;
	case INFO_ACCEPT_QUEUE_FULL:
		outbuf_put(o,
		           "%s's accept queue is full: it drops the handshake's last ACK, and the "
		           "connection stays in SYN_RCVD on its side.",
		           Me.s);
		break;
	case INFO_SYNCOOKIE_SENT:
		outbuf_put(
		    o, "%s answers with a SYN cookie: it keeps no state until the ACK comes back.",
		    Me.s);
		break;
	case INFO_SYNCOOKIE_OK:
		outbuf_put(o,
		           "The ACK carried a valid SYN cookie: %s builds the connection from it.",
		           me.s);
		break;
	case INFO_RST_SENT_NO_SOCKET:
		outbuf_put(o, "No socket on %s matches the segment: it answers with RST.", me.s);
		break;
	case INFO_TW_FIN_REACKED:
		outbuf_put(
		    o,
		    "A retransmitted FIN reached %s in TIME_WAIT: its last ACK was lost. It ACKs "
		    "again and restarts its TIME_WAIT timer. This is why TIME_WAIT exists.",
		    me.s);
		break;
	case INFO_TW_SYN_REFUSED: {
		const char *ack = quiet ? "it owes an ACK of the old connection, which the rate "
		                          "limit holds back"
		                        : "it answers with an ACK of the old connection";
		if (sg && sent_in_time_wait(tr, k, r->sock, sg->sent))
			outbuf_put(
			    o,
			    "A SYN for a new connection on the same ports reached %s, whose old "
			    "connection is in TIME_WAIT. Its sequence number is not above "
			    "RCV.NXT and it has no newer timestamp, so TIME_WAIT refuses it: "
			    "%s.",
			    me.s, ack);
		else
			outbuf_put(
			    o,
			    "An old duplicate SYN, sent before %s's connection entered "
			    "TIME_WAIT, arrives. Its sequence number is not above RCV.NXT, so "
			    "TIME_WAIT refuses it: %s.",
			    me.s, ack);
		break;
	}
	case INFO_TW_SYN_NO_LISTENER:
		outbuf_put(o,
		           "This SYN could reopen the ports %s holds in TIME_WAIT, but nothing "
		           "listens on its port: TIME_WAIT answers with an ACK of the old "
		           "connection.",
		           me.s);
		break;
	case INFO_TW_OLD_DUP:
		outbuf_put(
		    o,
		    "An old duplicate reached %s in TIME_WAIT: TIME_WAIT takes it, so no new "
		    "connection on these ports can mistake it for its own.",
		    me.s);
		break;
	case INFO_RETRANSMIT:
		outbuf_put(
		    o,
		    "That segment is a retransmission: %s had sent these sequence numbers before "
		    "and has no acknowledgement for them.",
		    me.s);
		break;
	case INFO_FAST_RETRANSMIT:
		outbuf_put(
		    o,
		    "Three duplicate ACKs reached %s: it retransmits at once (fast retransmit) "
		    "without waiting for the timer.",
		    me.s);
		break;
	case INFO_RACK_LOSS:
		outbuf_put(
		    o,
		    "The SACK blocks that reached %s show segments sent after a missing one "
		    "delivered: RACK marks the missing one lost and %s enters fast recovery, "
		    "resending it without waiting for the timer.",
		    me.s, me.s);
		break;
	case INFO_DUP_ACK:
		outbuf_put(o, "A duplicate ACK reached %s: the peer is still missing a segment.",
		           me.s);
		break;
	case INFO_ZERO_WINDOW:
		outbuf_put(o, "%s's peer advertises a zero window: it must stop sending.", Me.s);
		break;
	case INFO_WINDOW_PROBE:
		outbuf_put(o, "%s sends a window probe to learn whether the window opened.", Me.s);
		break;
	case INFO_KEEPALIVE_PROBE:
		outbuf_put(o, "The connection was idle: %s sends a keepalive probe.", me.s);
		break;
	case INFO_DUP_DATA:
		outbuf_put(o, "Data %s already had arrived again", me.s);
		outbuf_put(o, quiet ? "." : ": it ACKs it once more.");
		break;
	case INFO_OOO_DATA:
		outbuf_put(
		    o,
		    "Data past the gap reached %s: it keeps it out of order and ACKs what it is "
		    "still missing.",
		    me.s);
		break;
	case INFO_RST_RCVD_CLOSED:
		outbuf_put(
		    o, "%s is down (it crashed): nothing receives the segment and nothing answers.",
		    Me.s);
		break;
	case INFO_DATA_AFTER_CLOSE:
		outbuf_put(o, "Data reached %s after its application closed: it answers RST.",
		           me.s);
		break;
	case INFO_TW_RST_IGNORED:
		outbuf_put(
		    o,
		    "%s is in TIME_WAIT with RFC 1337 protection: it ignores the RST and keeps "
		    "waiting.",
		    Me.s);
		break;
	case INFO_PAWS_REJECTED:
		outbuf_put(
		    o,
		    "The segment's timestamp is older than the last one %s took from its peer: "
		    "PAWS (RFC 7323) marks it an old duplicate and drops it.",
		    me.s);
		break;
	case INFO_ACCEPT_QUEUE_FULL_SYN:
		outbuf_put(
		    o,
		    "%s's accept queue is full (backlog + 1 connections wait for accept()): Linux "
		    "drops the SYN without an answer",
		    Me.s);
		outbuf_put(o, sg && from_a_host(scn, &sg->h)
		                  ? ", and the client will send it again."
		                  : ".");
		break;
	case INFO_ACK_RATELIMITED:
		outbuf_put(
		    o,
		    "%s already answered an invalid segment less than 500 ms ago: like Linux, it "
		    "stays quiet this time, so two confused ends cannot ACK each other forever.",
		    Me.s);
		break;
	case INFO_ICMP_FRAG_NEEDED:
		outbuf_put(
		    o,
		    "The router's ICMP \"fragmentation needed\" reaches %s: the path takes packets "
		    "of at most %u bytes. %s lowers its MSS to fit (path MTU discovery, RFC 1191) "
		    "and sends again what was lost.",
		    me.s, r->host < scn->nhosts ? scn->link[r->host].router_mtu : 0u, Me.s);
		break;
	case INFO_SWS_OVERRIDE:
		outbuf_put(
		    o,
		    "%s's override timeout ran out with the window still small: it sends what "
		    "the window takes, a short segment, rather than wait longer (RFC 9293 "
		    "3.8.6.2.1 (4)).",
		    Me.s);
		break;
	case INFO_MTU_PROBING:
		if (r->u.info.value == 1024)
			outbuf_put(
			    o,
			    "%s has retransmitted for 3 s and more with no answer. With "
			    "tcp_mtu_probing "
			    "on it suspects a path MTU black hole and, with no ICMP to tell it the "
			    "size, falls back to tcp_base_mss: segments of 1024 bytes from now on.",
			    Me.s);
		else
			outbuf_put(
			    o,
			    "%s lowers its MSS to %u bytes (tcp_mtu_probing): still no answer, so "
			    "it "
			    "tries segments half as big, or the MSS it starts from.",
			    Me.s, r->u.info.value);
		break;
	case INFO_UNDO:
		outbuf_put(
		    o,
		    "This ACK shows that what %s resent had got through: D-SACKs have now "
		    "reported every resent segment arriving twice, or the echoed timestamp is "
		    "older than the first resend. Nothing was lost, so %s undoes its cut: cwnd "
		    "and ssthresh go back to what they were before (Linux's tcp_try_undo_*).",
		    me.s, me.s);
		break;
	case INFO_CODE_COUNT: break;
	}
}

static void narrate_call(struct outbuf *o, const struct scenario *scn, const struct trace_rec *r)
{
	struct name Me = host_n(scn, r->host, 1);
	const struct scn_action *a = r->u.call.event >= 0 && r->u.call.event < scn->nevents
	                                 ? &scn->events[r->u.call.event].act
	                                 : NULL;
	char d[32];
	switch (r->sub) {
	case ACT_CRASH:
		outbuf_put(o, "%s crashes: the machine stops at once, and its TCP with it.", Me.s);
		break;
	case ACT_REBOOT:
		outbuf_put(
		    o, "%s comes back up after a reboot, with no memory of its old connections.",
		    Me.s);
		break;
	case ACT_STOP_READING:
		outbuf_put(
		    o, "%s's application stops reading: what arrives stays in its receive buffer.",
		    Me.s);
		break;
	case ACT_READ:
		if (a && a->nbytes)
			outbuf_put(
			    o,
			    "%s's application calls recv() once for at most %u byte%s, then stops "
			    "reading.",
			    Me.s, a->nbytes, a->nbytes == 1 ? "" : "s");
		else
			outbuf_put(
			    o,
			    "%s's application reads again: it takes what waits and keeps reading.",
			    Me.s);
		break;
	case ACT_ABORT:
		outbuf_put(o, "%s's application aborts the connection (close() with SO_LINGER 0).",
		           Me.s);
		break;
	case ACT_FLOOD:
		if (a) {
			secs(d, sizeof d, a->every);
			outbuf_put(
			    o,
			    "%s starts a SYN flood: %u SYNs to %s's port %u from made-up source "
			    "addresses, one every %s.",
			    Me.s, a->count, host_n(scn, a->peer, 0).s, a->port, d);
		} else {
			outbuf_put(o, "%s starts a SYN flood.", Me.s);
		}
		break;
	case ACT_INJECT:
		outbuf_put(
		    o, "The scenario forges a segment for %s's connection, as if from %s (inject).",
		    host_n(scn, r->host, 0).s, peer_n(scn, r->host, 0).s);
		break;
	case ACT_SEND:
		if (a)
			outbuf_put(o, "%s's application calls send() with %u byte%s.", Me.s,
			           a->text ? a->text_len : a->nbytes,
			           (a->text ? a->text_len : a->nbytes) == 1 ? "" : "s");
		else
			outbuf_put(o, "%s's application calls send().", Me.s);
		break;
	case ACT_LISTEN:
		if (a && r->u.call.err == SE_EADDRINUSE) {
			outbuf_put(
			    o,
			    "%s's application binds a new socket to port %u for listen(): bind() "
			    "fails with EADDRINUSE (Address already in use), so listen() never "
			    "comes.",
			    Me.s, a->port);
			return;
		}
		if (a)
			outbuf_put(o, "%s's application calls listen() on port %u.", Me.s, a->port);
		else
			outbuf_put(o, "%s's application calls listen().", Me.s);
		break;
	case ACT_CONNECT:
		if (a)
			outbuf_put(o, "%s's application calls connect() to %s's port %u.", Me.s,
			           host_n(scn, a->peer, 0).s, a->port);
		else
			outbuf_put(o, "%s's application calls connect().", Me.s);
		break;
	case ACT_SHUTDOWN:
		outbuf_put(o, "%s's application calls shutdown(SHUT_WR): it will send no more.",
		           Me.s);
		break;
	default:
		outbuf_put(o, "%s's application calls %s().", Me.s, scn_action_name(r->sub));
		break;
	}
	if (r->u.call.err)
		outbuf_put(o, " It fails with %s: %s.", simerr_name(r->u.call.err),
		           simerr_text(r->u.call.err));
}

/* 1 when fault f's `data seq A:B` range (if any) takes segment o. */
static int fault_range_hits(const struct trace *tr, const struct scn_fault *f,
                            const struct trace_seg *o)
{
	if (!f->seq_b)
		return 1;
	if (o->sock < 0 || (uint32_t)o->sock >= tr->nsocks)
		return 0;
	uint32_t lo = o->h.seq - tr->socks[o->sock].iss, hi = lo + o->h.len;
	return SEQ_LT(lo, f->seq_b) && SEQ_LT(f->seq_a, hi);
}

/* Replays the link's matching (every fault counts every segment of its
 * direction but the forged ones). */
int narrate_fault_line(const struct scenario *scn, const struct trace *tr, uint32_t idx)
{
	if (!scn || !tr || idx >= tr->nsegs)
		return 0;
	const struct trace_seg *s = &tr->segs[idx];
	int dir = s->from == 0 ? DIR_AB : DIR_BA;
	if (s->forged)
		return 0;
	for (int i = 0; i < scn->nfaults; i++) {
		const struct scn_fault *f = &scn->faults[i];
		if (f->dir != DIR_BOTH && f->dir != dir)
			continue;
		if (f->kind == FAULT_DROP_SEGNO && s->nth == f->nth)
			return f->line;
		if (f->kind == FAULT_DROP_WINDOW && s->sent >= f->from && s->sent <= f->to)
			return f->line;
		if (f->kind != FAULT_DROP_MATCH || !scn_seg_matches(&s->h, f->match) ||
		    !fault_range_hits(tr, f, s))
			continue;
		uint32_t seen = 0;
		for (uint32_t j = 0; j <= idx; j++) {
			const struct trace_seg *o = &tr->segs[j];
			if (!o->dup && !o->forged && (o->from == 0 ? DIR_AB : DIR_BA) == dir &&
			    scn_seg_matches(&o->h, f->match) && fault_range_hits(tr, f, o))
				seen++;
		}
		if (seen == f->nth)
			return f->line;
	}
	return 0;
}

static const char *loss_words(int reason)
{
	switch (reason) {
	case LOSS_RANDOM: return "random loss on the link";
	case LOSS_FAULT: return "a drop the scenario asked for";
	case LOSS_QUEUE: return "the link queue was full";
	case LOSS_NO_HOST: return "no host has that address";
	case LOSS_HOST_DOWN: return "the receiver is down";
	case LOSS_MTU: return "too big for the router's MTU, and DF forbids splitting it";
	default: return "lost";
	}
}

static void narrate_lost(struct outbuf *o, const struct scenario *scn, const struct trace *tr,
                         const struct trace_rec *r)
{
	const struct trace_seg *sg = seg_at(tr, r->seg);
	if (!sg)
		return;
	char w[64], d[32];
	seg_words(&sg->h, w, sizeof w, NULL);
	struct name me = sg->from < 2 ? host_n(scn, sg->from, 0) : name_str("attacker", 0);
	const char *why = loss_words(r->sub);
	if (r->sub == LOSS_FAULT && scn->added_from_line > 0 &&
	    narrate_fault_line(scn, tr, (uint32_t)r->seg) >= scn->added_from_line)
		why = "you dropped it in the window";
	outbuf_put(o, "The link loses %s's %s (%s).", me.s, w, why);
	if (r->sub == LOSS_MTU && sg->from < scn->nhosts) {
		outbuf_put(o, scn->link[sg->from].icmp
		                  ? " The router will say so in an ICMP \"fragmentation needed\"."
		                  : " The router says nothing (icmp=off): a black hole.");
		if (scn->link[sg->from].icmp)
			return;
	}
	if (sg->from >= 2 || (sg->h.flags & TH_RST) || seg_seqlen(&sg->h) == 0)
		return;
	int64_t again = resent_as(tr, (uint32_t)r->seg);
	if (again >= 0) {
		secs(d, sizeof d, tr->segs[again].sent);
		outbuf_put(o, " Nobody is told: %s sends it again at %s.", me.s, d);
	} else if (again == -1) {
		outbuf_put(o, " Nobody is told, and nothing sends it again in this run.");
	} else {
		outbuf_put(o, " Nobody is told.");
	}
}

int narrate(const struct scenario *scn, const struct trace *tr, uint32_t k, char *buf, size_t size)
{
	struct outbuf o = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	if (!scn || !tr || k >= tr->n)
		return 0;
	const struct trace_rec *r = &tr->recs[k];
	char w[64];
	int plural;
	switch (r->kind) {
	case TR_SEG_SEND: narrate_send(&o, scn, tr, k, r); break;
	case TR_SEG_ARRIVE: {
		const struct trace_seg *sg = seg_at(tr, r->seg);
		if (!sg)
			break;
		seg_words(&sg->h, w, sizeof w, &plural);
		const char *verb = plural ? "reach" : "reaches";
		if (sg->forged)
			outbuf_put(&o, "The forged %s %s %s.", w, verb, host_n(scn, sg->to, 0).s);
		else if (sg->from >= scn->nhosts || sg->h.src != scn->hosts[sg->from].addr)
			outbuf_put(&o, "The spoofed %s %s %s.", w, verb, host_n(scn, sg->to, 0).s);
		else
			outbuf_put(&o, "%s's %s %s %s.", host_n(scn, sg->from, 1).s, w, verb,
			           host_n(scn, sg->to, 0).s);
		break;
	}
	case TR_SEG_LOST: narrate_lost(&o, scn, tr, r); break;
	case TR_STATE: narrate_state(&o, scn, tr, k, r); break;
	case TR_TIMER_ARM: narrate_timer(&o, scn, tr, k, r, 0); break;
	case TR_TIMER_FIRE: narrate_timer(&o, scn, tr, k, r, 1); break;
	case TR_APP_CALL: narrate_call(&o, scn, r); break;
	case TR_APP_ERROR:
		outbuf_put(&o, "%s's application gets %s: %s.", host_n(scn, r->host, 1).s,
		           simerr_name(r->u.error.err), simerr_text(r->u.error.err));
		break;
	case TR_INFO: narrate_info(&o, scn, tr, k, r); break;
	case TR_NOTE:
		if (r->u.note.index >= 0 && r->u.note.index < scn->nnotes)
			outbuf_put(&o, "%s", scn->notes[r->u.note.index].text);
		break;
	case TR_ASK:
		/* the question, never its answer: quiz mode reveals that */
		if (r->u.note.index >= 0 && r->u.note.index < scn->nasks)
			outbuf_put(&o, "Question: %s", scn->asks[r->u.note.index].when.text);
		break;
	case TR_EXPECT:
		if (r->u.expect.index >= 0 && r->u.expect.index < scn->nexpects)
			outbuf_put(&o, "The expectation on line %d %s.",
			           scn->expects[r->u.expect.index].line,
			           r->sub ? "held" : "failed");
		break;
	default: break;
	}
	return (int)o.len;
}
