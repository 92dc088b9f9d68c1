/* narrate: what each trace record means, in plain sentences (see
 * narrate.h).  Called by the window for the present record.  Everything is
 * read from the record, its segment and the scenario; nothing is stored. */
#include "narrate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "simerr.h"
#include "tcpstate.h"

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	if (o->size == 0 || o->len >= o->size - 1)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
	if (o->len >= o->size)
		o->len = o->size - 1;
}

static const char *host_name(const struct scenario *scn, int h)
{
	if (h >= 0 && h < scn->nhosts && h < SCN_MAX_HOSTS)
		return scn->hosts[h].name;
	return "link";
}

static const char *peer_name(const struct scenario *scn, int h)
{
	if (scn->nhosts == 2 && (h == 0 || h == 1))
		return scn->hosts[!h].name;
	return "peer";
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

/* "SYN", "SYN,ACK", "FIN,ACK", "RST", "ACK", "data" */
static void seg_words(const struct segment *h, char *b, size_t n)
{
	b[0] = '\0';
	if (h->len && !(h->flags & (TH_SYN | TH_FIN | TH_RST))) {
		snprintf(b, n, "%u bytes of data", h->len);
		return;
	}
	const char *parts[5];
	int np = 0;
	if (h->flags & TH_SYN)
		parts[np++] = "SYN";
	if (h->flags & TH_FIN)
		parts[np++] = "FIN";
	if (h->flags & TH_RST)
		parts[np++] = "RST";
	if (h->flags & TH_ACK)
		parts[np++] = "ACK";
	if (np == 0 && h->len)
		parts[np++] = "data";
	size_t len = 0;
	for (int i = 0; i < np && len < n; i++) {
		int w = snprintf(b + len, n - len, "%s%s", i ? "," : "", parts[i]);
		if (w > 0)
			len += (size_t)w;
	}
	if (h->len && len < n && !(np == 1 && strcmp(parts[0], "data") == 0))
		snprintf(b + len, n - len, " with %u bytes", h->len);
}

static void narrate_send(struct out *o, const struct scenario *scn, const struct trace *tr,
                         const struct trace_rec *r)
{
	if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
		return;
	const struct trace_seg *sg = &tr->segs[r->seg];
	const struct segment *h = &sg->h;
	const char *me = sg->from < 2 ? host_name(scn, sg->from) : "attacker";
	const char *peer = sg->to < 2 ? host_name(scn, sg->to) : "nobody";
	const struct trace_sock *ks = sock_of(tr, sg->sock);
	char w[64];
	seg_words(h, w, sizeof w);
	/* A flood's SYN leaves the attacking host with somebody else's address. */
	int spoofed = sg->from >= scn->nhosts || h->src != scn->hosts[sg->from].addr;
	if (spoofed && (h->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		put(o,
		    "A spoofed SYN from %u.%u.%u.%u reaches for the %s's port %u: a SYN flood "
		    "fills the listener's queue with half-open connections.",
		    (unsigned)(h->src >> 24), (unsigned)(h->src >> 16 & 255),
		    (unsigned)(h->src >> 8 & 255), (unsigned)(h->src & 255), peer, h->dport);
		return;
	}
	if (sg->retx) {
		put(o,
		    "The %s retransmits its %s: no acknowledgement came before its "
		    "retransmission timer expired.",
		    me, w);
		return;
	}
	if ((h->flags & (TH_SYN | TH_ACK)) == TH_SYN) {
		put(o,
		    "The %s sends a SYN to the %s's port %u to open a connection; its initial "
		    "sequence number (ISS) is %u.",
		    me, peer, h->dport, h->seq);
	} else if ((h->flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) {
		put(o,
		    "The %s answers SYN,ACK: it acknowledges the SYN (ack %u) and sends its "
		    "own initial sequence number %u.",
		    me, h->ack, h->seq);
	} else if (h->flags & TH_RST) {
		put(o,
		    "The %s sends RST: it refuses or aborts the connection, and the %s will "
		    "drop it at once.",
		    me, peer);
	} else if (h->flags & TH_FIN) {
		put(o,
		    "The %s sends FIN%s: it has no more data to send, and the FIN takes one "
		    "sequence number of its own.",
		    me, h->len ? " with its last data" : "");
	} else if (h->len) {
		uint32_t rel = ks && ks->iss ? h->seq - ks->iss : h->seq;
		put(o, "The %s sends %u bytes of data (bytes %u to %u of its stream).", me, h->len,
		    rel, rel + h->len);
	} else {
		uint32_t rel = ks && ks->irs ? h->ack - ks->irs : h->ack;
		put(o, "The %s sends an ACK: it has received everything up to byte %u from the %s.",
		    me, rel, peer);
	}
}

static void narrate_state(struct out *o, const struct scenario *scn, const struct trace *tr,
                          const struct trace_rec *r)
{
	const char *me = host_name(scn, r->host), *peer = peer_name(scn, r->host);
	const struct trace_sock *ks = sock_of(tr, r->sock);
	unsigned lport = ks ? ks->lport : 0, rport = ks ? ks->rport : 0;
	char d[32];
	simtime_t msl = r->host < SCN_MAX_HOSTS ? scn->hosts[r->host].params.msl : 0;
	switch (r->sub) {
	case ARROW_PASSIVE_OPEN:
		put(o,
		    "The %s application calls listen(): the socket waits in LISTEN on port %u "
		    "for a SYN.",
		    me, lport);
		break;
	case ARROW_ACTIVE_OPEN:
		put(o,
		    "The %s application calls connect(): it sends a SYN to the %s's port %u and "
		    "waits in SYN_SENT for the answer.",
		    me, peer, rport);
		break;
	case ARROW_LISTEN_CLOSE:
		put(o, "The %s closes its listening socket: port %u accepts no more connections.",
		    me, lport);
		break;
	case ARROW_LISTEN_SYN:
		put(o,
		    "The %s got a SYN on its listening port %u; it answers SYN,ACK and waits in "
		    "SYN_RCVD for the %s's ACK.",
		    me, lport, peer);
		break;
	case ARROW_LISTEN_SEND:
		put(o,
		    "The %s sends from a listening socket: that is an active open, so it sends "
		    "a SYN and enters SYN_SENT.",
		    me);
		break;
	case ARROW_SYNSENT_CLOSE:
		put(o,
		    "The %s closes before the handshake finished: the attempt is dropped and "
		    "nothing is sent.",
		    me);
		break;
	case ARROW_SYNSENT_SYN:
		put(o,
		    "The %s got a SYN while its own SYN is out: both sides opened at once. It "
		    "answers SYN,ACK and waits in SYN_RCVD (simultaneous open).",
		    me);
		break;
	case ARROW_SYNSENT_SYNACK:
		put(o,
		    "The %s got the %s's SYN,ACK acknowledging its SYN; it sends the last ACK of "
		    "the handshake and is ESTABLISHED.",
		    me, peer);
		break;
	case ARROW_SYNRCVD_ACK:
		put(o,
		    "The %s got the ACK of its SYN,ACK: the three-way handshake is complete and "
		    "the connection is ESTABLISHED.",
		    me);
		break;
	case ARROW_SYNRCVD_RST:
		put(o,
		    "The %s got an RST in SYN_RCVD: the half-open connection is dropped and the "
		    "socket goes back to LISTEN.",
		    me);
		break;
	case ARROW_SYNRCVD_CLOSE:
	case ARROW_EST_CLOSE:
		put(o,
		    "The %s application calls close(): it sends FIN and waits in FIN_WAIT_1 for "
		    "the ACK. Closing first makes it the active closer, the side that will "
		    "wait in TIME_WAIT.",
		    me);
		break;
	case ARROW_EST_FIN:
	case ARROW_SYNRCVD_FIN:
		put(o,
		    "The %s got a FIN: the %s has finished sending. It ACKs the FIN and waits in "
		    "CLOSE_WAIT until its own application closes.",
		    me, peer);
		break;
	case ARROW_FW1_ACK:
		put(o, "The %s's FIN was acknowledged: it waits in FIN_WAIT_2 for the %s's FIN.",
		    me, peer);
		break;
	case ARROW_FW1_FIN:
		put(o,
		    "The %s got the %s's FIN before the ACK of its own: both sides close at once. "
		    "It ACKs and waits in CLOSING for its FIN to be acknowledged.",
		    me, peer);
		break;
	case ARROW_FW1_FINACK:
	case ARROW_FW2_FIN:
	case ARROW_CLOSING_ACK:
		secs(d, sizeof d, 2 * msl);
		if (r->sub == ARROW_CLOSING_ACK)
			put(o, "The %s's FIN was acknowledged in CLOSING", me);
		else
			put(o, "The %s got the %s's FIN and sends the last ACK", me, peer);
		put(o,
		    "; it enters TIME_WAIT and stays 2MSL (%s), so that a lost last ACK can be "
		    "sent again and old duplicates die out.",
		    d);
		break;
	case ARROW_CW_CLOSE:
		put(o,
		    "The %s application closes too: it sends its FIN and waits in LAST_ACK for "
		    "the final ACK.",
		    me);
		break;
	case ARROW_LASTACK_ACK:
		put(o,
		    "The %s got the ACK of its FIN: its side of the connection is gone (CLOSED), "
		    "without any TIME_WAIT.",
		    me);
		break;
	case ARROW_TW_TIMEOUT:
		put(o,
		    "2MSL has passed: the %s leaves TIME_WAIT and forgets the connection; its "
		    "ports may be used again.",
		    me);
		break;
	case ARROW_SYNSENT_RST:
		put(o,
		    "The %s's SYN was answered with RST: nobody listens on port %u, so connect() "
		    "fails with ECONNREFUSED.",
		    me, rport);
		break;
	case ARROW_SYNSENT_TIMEOUT:
		put(o,
		    "The %s's SYNs were never answered: it gives up and connect() fails with "
		    "ETIMEDOUT.",
		    me);
		break;
	case ARROW_SYNRCVD_TIMEOUT:
		put(o,
		    "The %s sent its SYN,ACK again and again without an ACK: it gives up and "
		    "drops the half-open connection.",
		    me);
		break;
	case ARROW_SYNRCVD_REFUSED:
		put(o,
		    "The %s got an RST in SYN_RCVD after a simultaneous open: the connection is "
		    "refused (ECONNREFUSED).",
		    me);
		break;
	case ARROW_RST:
		put(o,
		    "The %s got a valid RST: the connection is reset at once and its application "
		    "sees %s.",
		    me, r->u.state.err ? simerr_name(r->u.state.err) : "ECONNRESET");
		break;
	case ARROW_ABORT:
		put(o,
		    "The %s application aborts: it sends RST and drops the connection at once, "
		    "without the FIN exchange and without TIME_WAIT.",
		    me);
		break;
	case ARROW_TIMEOUT:
		put(o,
		    "The %s retransmitted without an answer until it gave up: the connection is "
		    "dropped (ETIMEDOUT).",
		    me);
		break;
	case ARROW_FW2_TIMEOUT:
		put(o,
		    "The %s waited in FIN_WAIT_2 longer than fin_timeout with its application "
		    "gone: Linux drops the connection.",
		    me);
		break;
	case ARROW_TW_RST:
		put(o,
		    "The %s got an RST exactly at RCV.NXT in TIME_WAIT: Linux ends TIME_WAIT early "
		    "(RFC 1337 would ignore it).",
		    me);
		break;
	case ARROW_TW_REOPEN:
		put(o,
		    "A new SYN reached the %s's TIME_WAIT, with a higher sequence number or a "
		    "newer timestamp (RFC 6191): it ends TIME_WAIT so a new connection can reuse "
		    "the same ports.",
		    me);
		break;
	case ARROW_SYNRCVD_SYN:
		put(o,
		    "A SYN inside the window reached the %s's half-open connection: Linux "
		    "answers RST and drops it.",
		    me);
		break;
	case ARROW_SYNRCVD_OVERFLOW:
		put(o,
		    "The handshake's last ACK came, but the %s's accept queue is full: with "
		    "abort_on_overflow it answers RST and drops the connection.",
		    me);
		break;
	case ARROW_CRASH:
		put(o, "The %s crashed: it loses every connection without sending anything.", me);
		break;
	default:
		put(o, "The %s goes from %s to %s.", me, tcps_name(r->u.state.from),
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
	case TIMER_TIME_WAIT: return "2MSL timer";
	case TIMER_FIN_WAIT_2: return "FIN_WAIT_2 timer";
	default: return "timer";
	}
}

static void narrate_timer(struct out *o, const struct scenario *scn, const struct trace_rec *r,
                          int fire)
{
	const char *me = host_name(scn, r->host);
	char d[32];
	secs(d, sizeof d, r->u.timer.expiry - r->t);
	if (!fire) {
		switch (r->sub) {
		case TIMER_RETRANSMIT:
			put(o,
			    "The %s starts its retransmission timer: if no ACK comes within %s, it "
			    "sends again.",
			    me, d);
			break;
		case TIMER_TIME_WAIT:
			put(o,
			    "The %s starts the 2MSL timer: %s in TIME_WAIT before the connection "
			    "is forgotten.",
			    me, d);
			break;
		case TIMER_DELACK:
			put(o,
			    "The %s holds its ACK for up to %s, hoping to send it along with data.",
			    me, d);
			break;
		case TIMER_PERSIST:
			put(o,
			    "The %s's peer advertises a zero window: the persist timer will probe "
			    "it in %s.",
			    me, d);
			break;
		default: put(o, "The %s starts its %s (%s).", me, timer_words(r->sub), d); break;
		}
		return;
	}
	switch (r->sub) {
	case TIMER_RETRANSMIT:
		put(o,
		    "The %s's retransmission timer expired (attempt %u): no ACK came, so it sends "
		    "the oldest unacknowledged segment again and doubles the timeout.",
		    me, r->u.timer.attempt);
		break;
	case TIMER_TIME_WAIT: put(o, "The %s's 2MSL timer expired: TIME_WAIT is over.", me); break;
	case TIMER_DELACK:
		put(o, "The %s's delayed-ACK timer expired: the ACK goes out now, alone.", me);
		break;
	default: put(o, "The %s's %s expired.", me, timer_words(r->sub)); break;
	}
}

static const char *call_name(int kind)
{
	return kind == ACT_STOP_READING ? "stop reading" : scn_action_name(kind);
}

static void narrate_info(struct out *o, const struct scenario *scn, const struct trace_rec *r)
{
	const char *me = host_name(scn, r->host);
	switch (r->sub) {
	case INFO_CHALLENGE_ACK:
		put(o,
		    "The %s answers with a challenge ACK (RFC 5961): the segment was suspicious, "
		    "so it asks the peer to prove it is in sync.",
		    me);
		break;
	case INFO_RST_IGNORED:
		put(o, "The %s ignores an RST outside its receive window: it could be forged.", me);
		break;
	case INFO_OUT_OF_WINDOW:
		put(o,
		    "The %s got a segment outside its receive window: it drops it and ACKs what "
		    "it expects instead.",
		    me);
		break;
	case INFO_SYN_QUEUE_FULL:
		put(o,
		    "The %s's SYN queue is full: the SYN is dropped. This is what a SYN flood "
		    "does to a server.",
		    me);
		break;
	case INFO_ACCEPT_QUEUE_FULL:
		put(o, "The %s's accept queue is full: the handshake's last ACK is dropped.", me);
		break;
	case INFO_SYNCOOKIE_SENT:
		put(o,
		    "The %s answers with a SYN cookie: it keeps no state until the ACK comes "
		    "back.",
		    me);
		break;
	case INFO_SYNCOOKIE_OK:
		put(o, "The ACK carried a valid SYN cookie: the %s builds the connection from it.",
		    me);
		break;
	case INFO_RST_SENT_NO_SOCKET:
		put(o, "No socket on the %s matches the segment: it answers with RST.", me);
		break;
	case INFO_TW_FIN_REACKED:
		put(o,
		    "A retransmitted FIN reached the %s in TIME_WAIT: its last ACK was lost. It "
		    "ACKs again and restarts 2MSL. This is why TIME_WAIT exists.",
		    me);
		break;
	case INFO_TW_OLD_DUP:
		put(o,
		    "An old duplicate reached the %s in TIME_WAIT and was absorbed there instead "
		    "of corrupting a new connection.",
		    me);
		break;
	case INFO_RETRANSMIT: put(o, "The %s retransmits.", me); break;
	case INFO_FAST_RETRANSMIT:
		put(o,
		    "Three duplicate ACKs reached the %s: it retransmits at once (fast "
		    "retransmit) without waiting for the timer.",
		    me);
		break;
	case INFO_DUP_ACK:
		put(o, "A duplicate ACK reached the %s: the peer is still missing a segment.", me);
		break;
	case INFO_ZERO_WINDOW:
		put(o, "The %s's peer advertises a zero window: it must stop sending.", me);
		break;
	case INFO_WINDOW_PROBE:
		put(o, "The %s sends a window probe to learn whether the window opened.", me);
		break;
	case INFO_KEEPALIVE_PROBE:
		put(o, "The connection was idle: the %s sends a keepalive probe.", me);
		break;
	case INFO_DUP_DATA:
		put(o, "Data the %s already had arrived again: it ACKs it once more.", me);
		break;
	case INFO_OOO_DATA:
		put(o,
		    "Data past the gap reached the %s: it keeps it out of order and ACKs what it "
		    "is still missing.",
		    me);
		break;
	case INFO_RST_RCVD_CLOSED:
		put(o,
		    "A segment reached the %s, which has no memory of the connection: it answers "
		    "RST.",
		    me);
		break;
	case INFO_DATA_AFTER_CLOSE:
		put(o, "Data reached the %s after its application closed: it answers RST.", me);
		break;
	case INFO_TW_RST_IGNORED:
		put(o,
		    "The %s is in TIME_WAIT with RFC 1337 protection: it ignores the RST and keeps "
		    "waiting out 2MSL.",
		    me);
		break;
	case INFO_PAWS_REJECTED:
		put(o,
		    "The segment's timestamp is older than the last one the %s took from its "
		    "peer: PAWS (RFC 7323) marks it an old duplicate and drops it.",
		    me);
		break;
	case INFO_ACCEPT_QUEUE_FULL_SYN:
		put(o,
		    "The %s's accept queue is full (backlog + 1 connections wait for accept()): "
		    "Linux drops the SYN without an answer, and the client will try again.",
		    me);
		break;
	case INFO_ACK_RATELIMITED:
		put(o,
		    "The %s already answered an invalid segment less than 500 ms ago: like Linux, "
		    "it stays quiet this time, so two confused ends cannot ACK each other forever.",
		    me);
		break;
	default: put(o, "The %s notes something.", me); break;
	}
}

static const char *loss_words(int reason)
{
	switch (reason) {
	case LOSS_RANDOM: return "random loss on the link";
	case LOSS_FAULT: return "a drop the scenario asked for";
	case LOSS_QUEUE: return "the link queue was full";
	case LOSS_NO_HOST: return "no host has that address";
	case LOSS_HOST_DOWN: return "the receiver is down";
	default: return "lost";
	}
}

int narrate(const struct scenario *scn, const struct trace *tr, uint32_t k, char *buf, size_t size)
{
	struct out o = {buf, size, 0};
	if (size)
		buf[0] = '\0';
	if (!scn || !tr || k >= tr->n)
		return 0;
	const struct trace_rec *r = &tr->recs[k];
	char w[64];
	switch (r->kind) {
	case TR_SEG_SEND: narrate_send(&o, scn, tr, r); break;
	case TR_SEG_ARRIVE:
		if (r->seg >= 0 && (uint32_t)r->seg < tr->nsegs) {
			const struct trace_seg *sg = &tr->segs[r->seg];
			seg_words(&sg->h, w, sizeof w);
			put(&o, "The %s%s %s reaches the %s.",
			    sg->from < 2 ? host_name(scn, sg->from) : "spoofed",
			    sg->from < 2 ? "'s" : "", w, host_name(scn, sg->to));
		}
		break;
	case TR_SEG_LOST:
		if (r->seg >= 0 && (uint32_t)r->seg < tr->nsegs) {
			const struct trace_seg *sg = &tr->segs[r->seg];
			seg_words(&sg->h, w, sizeof w);
			put(&o, "The link loses the %s's %s (%s).", host_name(scn, sg->from), w,
			    loss_words(r->sub));
			if (sg->from < 2 && !(sg->h.flags & TH_RST) && (seg_seqlen(&sg->h) > 0))
				put(&o,
				    " Nobody is told: the %s will send it again when its "
				    "retransmission timer expires.",
				    host_name(scn, sg->from));
		}
		break;
	case TR_STATE: narrate_state(&o, scn, tr, r); break;
	case TR_TIMER_ARM: narrate_timer(&o, scn, r, 0); break;
	case TR_TIMER_FIRE: narrate_timer(&o, scn, r, 1); break;
	case TR_APP_CALL:
		put(&o, "The %s application calls %s().", host_name(scn, r->host),
		    call_name(r->sub));
		if (r->u.call.err)
			put(&o, " It fails with %s: %s.", simerr_name(r->u.call.err),
			    simerr_text(r->u.call.err));
		break;
	case TR_APP_ERROR:
		put(&o, "The %s application gets %s: %s.", host_name(scn, r->host),
		    simerr_name(r->u.error.err), simerr_text(r->u.error.err));
		break;
	case TR_INFO: narrate_info(&o, scn, r); break;
	case TR_NOTE:
		if (r->u.note.index >= 0 && r->u.note.index < scn->nnotes)
			put(&o, "%s", scn->notes[r->u.note.index].text);
		break;
	case TR_EXPECT:
		if (r->u.expect.index >= 0 && r->u.expect.index < scn->nexpects)
			put(&o, "The expectation on line %d %s.",
			    scn->expects[r->u.expect.index].line, r->sub ? "held" : "failed");
		break;
	default: break;
	}
	return (int)o.len;
}
