/* trace: the append-only record of a run, the single truth every output is
 * derived from (text trace, netstat, pcap, svg, the window).  The engine
 * appends; nobody edits.  Segments live in their own array, referenced by
 * index from the records that mention them.
 *
 * Replay: when the engine restores a checkpoint and runs forward again, the
 * trace is already complete.  trace_add() then only moves a cursor forward
 * (the run is deterministic, so it would write the same record); a record is
 * appended only past the end.  `cursor` is thus "how much of the trace the
 * engine's present state has produced". */
#ifndef TCPSIM_TRACE_H
#define TCPSIM_TRACE_H

#include <stdint.h>

#include "segment.h"
#include "simtime.h"

/* The attempt of a retransmit timer's fire record when the timer held
 * RACK's reordering timer (linux; attempt 0 is a tail loss probe). */
#define TIMER_ATTEMPT_REO 0xffffffffu
/* The attempt of a persist timer's records when it is the rfc9293 sender's
 * SWS override timeout (RFC 9293 3.8.6.2.1 (4)), not a zero-window probe. */
#define TIMER_ATTEMPT_SWS 0xfffffffeu

enum tr_kind {
	TR_SEG_SEND,   /* seg: a host put a segment on the link */
	TR_SEG_ARRIVE, /* seg: it reached the other host */
	TR_SEG_LOST,   /* seg, reason: the link lost it */
	TR_STATE,      /* a socket changed state: from, to, arrow, cause */
	TR_TIMER_ARM,  /* timer, expiry, attempt */
	TR_TIMER_FIRE, /* timer, attempt (TIMER_ATTEMPT_REO: RACK's reordering timer) */
	TR_APP_CALL,   /* call (enum scn_action_kind), args, result errno */
	TR_APP_ERROR,  /* an error reached the application: err */
	TR_INFO,       /* something worth a line: info code, seg */
	TR_NOTE,       /* note index */
	TR_EXPECT,     /* expect index, verdict, seen */
	TR_ASK,        /* an `ask` line's ask point: ask index (u.note) */
	TR_KIND_COUNT
};

enum tr_cause { CAUSE_NONE, CAUSE_SEGMENT, CAUSE_TIMER, CAUSE_CALL };

enum timer_kind {
	TIMER_RETRANSMIT, /* also SYN and SYN,ACK retransmission */
	TIMER_PERSIST,
	TIMER_DELACK,
	TIMER_KEEPALIVE,
	TIMER_TIME_WAIT, /* 2MSL */
	TIMER_FIN_WAIT_2,
	TIMER_SACK_COMPRESS, /* linux: the held duplicate ACK (tcp_sack_compress) */
	TIMER_COUNT
};

enum loss_reason {
	LOSS_RANDOM,    /* link loss= */
	LOSS_FAULT,     /* a scripted drop */
	LOSS_QUEUE,     /* the link queue was full */
	LOSS_NO_HOST,   /* no host has that address (spoofed SYN, SYN,ACK back) */
	LOSS_HOST_DOWN, /* the receiving host has crashed */
	LOSS_MTU,       /* larger than the router hop's MTU (link router_mtu=), DF set */
};

enum info_code {
	INFO_CHALLENGE_ACK,      /* RFC 5961: RST in window but not at RCV.NXT, or SYN */
	INFO_RST_IGNORED,        /* RST outside the window */
	INFO_OUT_OF_WINDOW,      /* unacceptable segment: ACK sent */
	INFO_BAD_ACK,            /* ACK outside SND.UNA-MAX.SND.WND..SND.NXT */
	INFO_SYN_QUEUE_FULL,     /* SYN dropped: SYN queue full */
	INFO_ACCEPT_QUEUE_FULL,  /* handshake ACK dropped: accept queue full */
	INFO_SYNCOOKIE_SENT,     /* SYN answered with a cookie, no state kept */
	INFO_SYNCOOKIE_OK,       /* a cookie ACK made a connection */
	INFO_RST_SENT_NO_SOCKET, /* RST for a segment to no socket */
	INFO_TW_FIN_REACKED,     /* TIME_WAIT re-ACKed a FIN, restarted 2MSL */
	INFO_TW_OLD_DUP,         /* TIME_WAIT absorbed an old duplicate (data, FIN, ACK) */
	INFO_RETRANSMIT,         /* a retransmission (seg is the new copy) */
	INFO_FAST_RETRANSMIT,    /* three duplicate ACKs */
	INFO_DUP_ACK,            /* a duplicate ACK arrived */
	INFO_ZERO_WINDOW,        /* the peer's window is zero */
	INFO_WINDOW_PROBE,       /* persist timer sent a probe */
	INFO_KEEPALIVE_PROBE,
	INFO_DUP_DATA,              /* data already received came again: re-ACKed */
	INFO_OOO_DATA,              /* data past RCV.NXT: queued out of order */
	INFO_RST_RCVD_CLOSED,       /* a segment reached a crashed/rebooted host */
	INFO_DATA_AFTER_CLOSE,      /* data for a closed application: RST */
	INFO_TW_RST_IGNORED,        /* TIME_WAIT ignored a RST (RFC 1337 protection on) */
	INFO_ACK_RATELIMITED,       /* an ACK owed to an invalid segment was held back */
	INFO_PAWS_REJECTED,         /* RFC 7323 PAWS: an older timestamp, an old duplicate */
	INFO_ACCEPT_QUEUE_FULL_SYN, /* SYN dropped: the accept queue is full */
	INFO_RACK_LOSS,             /* linux: RACK found segments lost: fast recovery */
	INFO_ICMP_FRAG_NEEDED,      /* the router's ICMP "fragmentation needed" for seg arrived */
	INFO_SWS_OVERRIDE, /* rfc9293: seg is the short segment the override timeout sent */
	INFO_MTU_PROBING, /* mtu_probing: timeouts suggest a black hole; u.info.value the new MSS */
	/* TIME_WAIT did not reopen for a SYN, and ACKs its old connection
	 * (tcp_timewait_state_process: TCP_TW_ACK): its sequence number is not
	 * above RCV.NXT and it has no newer timestamp (new connect() or old
	 * duplicate: narrate.c tells them apart by when the SYN was sent) */
	INFO_TW_SYN_REFUSED,
	INFO_TW_SYN_NO_LISTENER, /* a SYN that could reopen TIME_WAIT, but nothing listens */
	/* linux: D-SACKs or an echoed timestamp show a retransmission needless:
	 * the cut of cwnd and ssthresh is undone (tcp_try_undo_*) */
	INFO_UNDO,
	INFO_CODE_COUNT
};

struct trace_seg {
	struct segment h;
	/* How many times 2^32 the sequence numbers have gone round: h.seq - ISS
	 * (and h.ack - IRS) is byte ((uint64_t)seq_wraps << 32) + that of the
	 * sender's stream (of the peer's).  0 until 4 GiB have been sent; 255
	 * at most.  (Here, in the padding after h, they cost no memory.) */
	uint8_t seq_wraps, ack_wraps;
	simtime_t sent;    /* when the sender put it on the link */
	simtime_t arrive;  /* when it reaches the receiver (or would have) */
	int32_t sock;      /* sending socket, -1 when none (RST for no socket, flood) */
	uint8_t from;      /* sending host index; 0xff = a spoofed flood source */
	uint8_t to;        /* receiving host index; 0xff = nobody has that address */
	uint8_t lost;      /* 0 or an enum loss_reason + 1 */
	uint8_t retx;      /* a retransmission of earlier sequence space */
	uint8_t dup;       /* a copy made by the link's dup= */
	uint8_t forged;    /* made by an inject action: no scripted fault touches it */
	uint16_t rx_mss;   /* its MSS option as it arrived, lowered by the router hop's
	                      clamp (link clamp=on); 0: as sent */
	uint32_t nth;      /* its number in its direction, from 1 ("segment 5") */
	uint32_t cwnd;     /* the sender's congestion window when it left (bytes) */
	uint32_t ssthresh; /* ... and its slow-start threshold (0x7fffffff: not yet set) */
};

struct trace_rec {
	simtime_t t;
	uint8_t kind;  /* enum tr_kind */
	uint8_t host;  /* host index; 0xff = link or scenario */
	uint8_t cause; /* TR_STATE: enum tr_cause */
	uint8_t sub;   /* TR_STATE: arrow; TIMER: timer kind; APP_CALL: action;
	                  TR_SEG_LOST: loss reason; TR_INFO: info code;
	                  TR_EXPECT: verdict (1 held) */
	int32_t sock;  /* socket handle, -1 when none */
	int32_t seg;   /* segment index, -1 when none */
	union {
		struct {
			uint8_t from, to;
			uint8_t timer;
			uint8_t err;
			int32_t ref;
		} state;
		struct {
			simtime_t expiry;
			uint32_t attempt;
		} timer;
		struct {
			int32_t event;
			int32_t err;
		} call; /* scenario event, result */
		struct {
			int32_t err;
		} error;
		struct {
			uint32_t value; /* INFO_MTU_PROBING: the new MSS */
		} info;
		struct {
			int32_t index;
		} note; /* TR_NOTE: the note; TR_ASK: the ask */
		struct {
			int32_t index;
			int32_t seen;
		} expect; /* seen: state or count or errno */
	} u;
};

/* Who a socket handle is: filled once the socket has its addresses. */
struct trace_sock {
	uint8_t host;
	uint8_t listener;
	int32_t ordinal; /* N of HOST.N */
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	uint32_t iss, irs; /* as known when it connected; 0 until then */
};

struct trace {
	struct trace_rec *recs;
	uint32_t n, cap, cursor;
	struct trace_seg *segs;
	uint32_t nsegs, segcap, segcursor;
	struct trace_sock *socks; /* indexed by socket handle */
	uint32_t nsocks, sockcap;
};

void trace_init(struct trace *t);
void trace_free(struct trace *t);

/* What trace_add() and trace_add_seg() return when memory runs out (the
 * trace is then unchanged). */
#define TRACE_NOMEM UINT32_MAX

/* Appends (or, in replay, steps over) a record; returns its index. */
uint32_t trace_add(struct trace *t, const struct trace_rec *r);
/* Appends (or steps over) a segment; returns its index. */
uint32_t trace_add_seg(struct trace *t, const struct trace_seg *s);
/* A segment whose fate changes after it was sent (a scripted delay). */
struct trace_seg *trace_seg_at(struct trace *t, uint32_t i);

/* Records socket handle h's identity (grows the table; idempotent).  In a
 * replay (cursor < n) a socket already known keeps what the run recorded:
 * the replay only repeats it, up to an earlier moment.  Returns 0, or -1 when out of memory. */
int trace_set_sock(struct trace *t, int32_t h, const struct trace_sock *info);

/* Index of the first record with time > t (binary search), or n. */
uint32_t trace_upper_bound(const struct trace *t, simtime_t time);

/* Where a drawn segment's arrow ends: at its arrival, or, for one the link
 * lost, halfway across, where the ladders cross it out. */
simtime_t trace_seg_end(const struct trace_seg *s);

#endif
