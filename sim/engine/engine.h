/* engine: the engine's own state and the contract between its files; never
 * included outside sim/engine/ (and the engine's unit tests).  Everything is
 * plain data addressed by integer handles (socket 17, host 1), so that a
 * checkpoint is a copy of these arrays and a restore is a copy back.
 *
 * The files form layers; each calls only the ones listed before it:
 *   alloc -> report -> trigger -> timer -> rto -> cc -> txq -> rcvwin ->
 *   socktab -> link -> state -> tcp_out -> recovery -> ackctl -> paws ->
 *   timewait, reqsk ->
 *   tcp_in, tcp_timeout, app, pmtu -> expect, snapshot, checkpoint -> sim
 * (sim.c is the run loop that dispatches queue events to tcp_in, tcp_timeout
 * and app; nothing calls back up into it). */
#ifndef TCPSIM_ENGINE_H
#define TCPSIM_ENGINE_H

#include <setjmp.h>
#include <stddef.h>

#include "evq.h"
#include "rng.h"
#include "sim.h"

#define OOO_MAX 8                      /* out-of-order ranges a receiver remembers */
#define RXQ_RUNS 6                     /* linux: runs of unread buffers a receiver keeps */
#define ACK_PUSHED 1                   /* ICSK_ACK_PUSHED: a pushed segment waits */
#define ACK_PUSHED2 2                  /* ICSK_ACK_PUSHED2: a second short one */
#define SIM_HORIZON (3600 * SIMTIME_S) /* a run without `end` stops here */
/* Sockets a block of the socket table holds (110 KiB): one array of them
 * all would be copied as it doubled, and past 32 MiB (19,500 sockets)
 * malloc maps it afresh for every run, each page faulted in again (10,000
 * short connections: 8,360 faults a run) */
#define SOCK_BLOCK 64u

/* A lazy timer: arming it records its expiry and reserves the insertion
 * number its queue event would have had; an event is pushed only when no
 * earlier one is pending (`queued`), and an entry that comes up before the
 * expiry is moved on (timer.c). */
struct tcp_timer {
	simtime_t armed_at;
	simtime_t due;    /* the expiry asked for (the kernel's timer->expires) */
	simtime_t expiry; /* when it fires: linux, the timer wheel's bucket (timer.c) */
	simtime_t queued; /* the earliest pending queue entry, or SIMTIME_NEVER */
	uint64_t seq;     /* insertion number reserved for the expiry */
	uint32_t attempt;
	uint8_t armed;
};

/* A stretch of sequence space sent at one time (txq.c): from seq to the
 * next run's seq (the last: to SND.MAX). */
struct txrun {
	uint32_t seq;
	uint8_t flags; /* TX_* */
	uint16_t ord;  /* send order within an instant (tcb.tx_ord) */
	simtime_t at;
};
/* A run's marks, as Linux's skb->sacked: ever retransmitted (Karn), SACKed,
 * marked lost (RACK), resent since (TCPCB_SACKED_RETRANS: in flight again). */
enum { TX_RTX = 1, TX_SACKED = 2, TX_LOST = 4, TX_REXMIT = 8 };
#define TXR_MAX 32

/* CUBIC's state (Linux's struct bictcp, tcp_cubic.c): windows in packets,
 * times in jiffies (HZ 250) except the HyStart clocks, which are simtime. */
struct cc_cubic {
	uint32_t cnt;           /* ACKed packets per cwnd increment */
	uint32_t last_max_cwnd; /* W_max */
	uint32_t last_cwnd, last_time;
	uint32_t origin, k; /* bic_origin_point, bic_K (2^-10 s) */
	uint32_t delay_min; /* microseconds */
	uint32_t epoch_start, ack_cnt, tcp_cwnd;
	uint8_t sample_cnt, found;
	uint32_t end_seq;
	simtime_t round_start, last_ack;
	uint32_t curr_rtt;
};

/* A transmission control block: one socket, listening or connected. */
struct tcb {
	uint8_t in_use; /* 0 once deleted (the handle is never reused) */
	uint8_t host;
	int8_t state;
	uint8_t listener;
	uint8_t passive; /* 1: an embryo in its listener's SYN queue; 2: it was one */
	uint8_t orphan;  /* the application closed it */
	uint8_t shut_wr; /* the application will send no more */
	uint8_t reading; /* the application reads what arrives */
	uint8_t fin_queued, fin_sent, fin_acked, fin_rcvd;
	uint8_t ts_ok, sack_ok;
	uint8_t snd_wscale, rcv_wscale;
	uint8_t in_recovery;
	uint8_t err;      /* last error given to the application */
	int32_t parent;   /* listener handle, -1 */
	int32_t ordinal;  /* N of HOST.N */
	uint32_t live_at; /* index in its host's live list */
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	uint16_t mss; /* effective send MSS */
	uint16_t peer_mss;
	/* RFC 9293 variables */
	uint32_t iss, irs;
	uint32_t snd_una, snd_nxt, snd_max, snd_wnd, snd_wl1, snd_wl2, max_snd_wnd;
	uint32_t rcv_nxt, rcv_wnd, rcv_adv; /* rcv_adv: right edge advertised */
	uint32_t fin_seq;
	uint64_t snd_queued; /* bytes written by the application, not yet acked */
	uint64_t bytes_sent, bytes_acked, bytes_received;
	uint32_t rcv_unread;     /* received, not yet read */
	uint32_t rcvbuf, sndbuf; /* linux: sk_rcvbuf, sk_sndbuf */
	/* the receive window as Linux sizes it (rcvwin.c) */
	uint8_t rcv_locked;     /* SO_RCVBUF set: no auto-tuning */
	uint8_t wscale_ann;     /* the scale our SYN or SYN,ACK announced */
	uint16_t scaling_ratio; /* payload per 256 bytes of buffer */
	uint16_t rcv_mss, advmss;
	uint32_t window_clamp, rcv_ssthresh;
	uint32_t rmem_unread; /* buffer the unread data holds */
	/* linux: the unread receive queue (sk_receive_queue), oldest first,
	 * as runs of buffers: rxq[i][0] buffers holding rxq[i][1] bytes of
	 * payload and rxq[i][2] of truesize in all (rcvwin.c) */
	uint32_t rxq[RXQ_RUNS][3];
	uint32_t rxq_copied;   /* bytes of the oldest buffer already read */
	uint16_t rxq_tailroom; /* room left in the newest buffer */
	uint8_t nrxq;
	/* receive-buffer auto-tuning (tcp_rcv_space_adjust): the receiver's
	 * RTT estimate (rcv_rtt_est, 8 x microseconds) and the bytes the
	 * application took in the last measurement (rcvq_space) */
	uint32_t rcv_rtt_us, rcv_rtt_tsecr, rcv_rtt_seq;
	simtime_t rcv_rtt_time;
	uint32_t rcvq_space, rcvq_seq;
	simtime_t rcvq_time;
	uint32_t rmem_fresh;     /* what a reading application has not taken */
	uint32_t rcv_fresh_ooo;  /* payload in it that waited out of order */
	simtime_t rmem_fresh_at; /* the instant it arrived in */
	uint8_t rmem_frames;     /* frames that arrived in that instant */
	uint8_t reader_woken;    /* EV_READER is due: the reader wakes */
	/* the ACK machinery (Linux's icsk_ack) */
	uint8_t quick;    /* quick ACKs left */
	uint8_t pingpong; /* interactive: ACKs ride on replies */
	uint8_t ack_sched, ack_now;
	uint8_t ack_pushed; /* ACK_PUSHED | ACK_PUSHED2 (ICSK_ACK_PUSHED*) */
	simtime_t ato, lrcvtime;
	uint32_t ooo[OOO_MAX][2];
	uint32_t ooo_mem[OOO_MAX]; /* linux: the buffer each range's frames hold */
	uint8_t nooo;
	uint8_t unacked_segs; /* data segments received since our last ACK */
	/* linux: SACK compression (tcp_sack_compress): duplicate ACKs sent at
	 * once for this RCV.NXT, and the ones held since the last ACK */
	uint8_t dup_acks_sent;
	uint16_t compressed_acks;
	uint32_t comp_rcv_nxt;
	uint32_t ts_recent;
	simtime_t ts_recent_stamp; /* when ts_recent was taken (PAWS), -1 never */
	uint32_t dsack[2];         /* a D-SACK block owed to the peer (RFC 2883) ... */
	uint8_t dsack_on;          /* ... in the next ACK */
	/* RFC 6298 */
	simtime_t srtt, rttvar, rto;
	/* Linux's estimator (tcp_rtt_estimator): mdev_us, mdev_max_us and
	 * rttvar_us in its units (4 x the deviation), rtt_seq its round */
	simtime_t mdev_us, mdev_max_us, rttvar_us;
	uint32_t est_seq;
	/* Linux's tail loss probe (tcp_schedule_loss_probe): the retransmit
	 * timer holds a probe; a probe is out until SND.UNA reaches tlp_high */
	uint8_t tlp_armed, tlp_out;
	uint8_t probe_backoff; /* Linux's icsk_backoff for zero-window probes */
	uint8_t nodelay;       /* TCP_NODELAY: no Nagle */
	uint32_t snd_sml;      /* end of the last short segment sent (Minshall) */
	uint8_t sws_override;  /* rfc9293: the override timeout ran out (3.8.6.2.1 (4)) */
	/* pmtu.c, Linux's icsk_mtup (mtu_probing=): on, and search_low as an
	 * MTU; rtx_stamp: when this run of timeouts first retransmitted */
	uint8_t mtup_on;
	uint32_t mtup_low;
	simtime_t rtx_stamp;
	uint8_t sws_sending; /* ... and the segment it lets go is being sent */
	/* linux: the transmit unit being sent (tcp_out.c, unit_segs): its
	 * size in segments and how many of them are still to go */
	uint16_t xmit_unit_segs, xmit_unit_left;
	/* ... and the rest of the buffer a unit was cut from (tso_fragment),
	 * a buffer of its own up to xmit_rest_end while xmit_rest is set */
	uint8_t xmit_rest;
	uint32_t xmit_rest_end;
	uint8_t xmit_probe;   /* a loss probe is being sent (tcp_send_loss_probe) */
	uint64_t pacing_rate; /* sk_pacing_rate, bytes/s, as of the last ACK (cc_pacing_rate) */
	uint32_t tlp_high;
	uint8_t rtt_valid, rtt_timing;
	uint32_t rtt_seq;
	simtime_t rtt_start;
	/* when the oldest unacked data was first sent, or the last ACK of new
	 * data came (RFC 6298 5.3's restart): the SYN's RTT sample and the
	 * give-up clock count from it; the linux profile's RTO left after a
	 * probe or RACK's timer counts from the runs instead (tcp_rto_delta) */
	simtime_t first_tx;
	uint32_t retries; /* consecutive retransmission timeouts */
	uint32_t cwnd, ssthresh, recover;
	/* cc.c: Linux counts cwnd in packets (cwnd stays a multiple of mss) */
	uint8_t cwnd_limited;     /* tp->is_cwnd_limited */
	uint32_t cwnd_cnt;        /* tp->snd_cwnd_cnt */
	uint32_t max_packets_out; /* tp->max_packets_out */
	uint32_t cwnd_usage_seq;  /* tp->cwnd_usage_seq */
	uint32_t cc_scan;         /* trace segment where the RTT sample's search resumes */
	uint32_t own_end;         /* 1 + the last trace segment this socket sent (0: none) */
	/* the latest stretch of other sockets' trace segments between two of
	 * this one's (its first segment, and the one after its last) */
	uint32_t own_gap, own_gap_end;
	simtime_t lsndtime; /* tp->lsndtime: the last data segment sent */
	struct cc_cubic cubic;
	uint32_t dupacks;
	uint32_t keepalive_probes;
	simtime_t last_rcv;
	uint8_t oow_acked;    /* an invalid segment has been ACKed ... */
	simtime_t oow_ack_at; /* ... at this time (rate limit) */
	/* listeners: the SYN queue (embryos), how many of them never timed
	 * out (syn_young), and the accept queue (children not yet accepted) */
	int32_t backlog, syn_queue, accept_queue, syn_young;
	uint8_t accept_off; /* the application accepts only on an accept action */
	/* passive children */
	uint8_t queued;     /* 1: waiting in the listener's accept queue */
	uint8_t acked;      /* Linux's ireq->acked: the third ACK came, the accept queue was full */
	uint8_t synack_rtx; /* SYN,ACKs resent for a retransmitted SYN (no RTT sample then) */
	struct tcp_timer timers[TIMER_COUNT];
	/* linux: when what is in flight was sent, and the SACK scoreboard
	 * (txq.c); RACK's newest delivered send (tcp_rack_advance); PRR
	 * (tcp_cwnd_reduction), in segments */
	uint8_t ntxr;
	uint8_t rack_adv, rack_valid, reo_armed;
	uint8_t txq_marked; /* some run is SACKed or lost (else the scoreboard is empty) */
	uint16_t tx_ord, rack_ord;
	uint32_t rack_end;
	simtime_t rack_at, rack_rtt, min_rtt;
	uint32_t prior_cwnd, prr_delivered, prr_out;
	/* recovery.c: undoing a reduction found spurious (Linux's undo_marker,
	 * undo_retrans, prior_ssthresh, retrans_stamp, total_retrans,
	 * dsack_dups) and the loss state a timeout starts (TCP_CA_Loss until
	 * SND.UNA reaches loss_high, Linux's high_seq) */
	uint8_t undo_on, rtx_ts_on, in_loss;
	uint32_t undo_marker;
	int32_t undo_retrans;
	uint32_t prior_ssthresh; /* bytes like ssthresh; 0: no undo of ssthresh */
	uint32_t rtx_ts;         /* TS clock of the first retransmission (retrans_stamp) */
	uint32_t total_retrans, dsack_dups, loss_high;
	struct txrun txr[TXR_MAX];
};

struct host {
	uint32_t addr;
	struct tcp_params p;
	uint8_t crashed;
	uint16_t ip_id;
	uint16_t next_port;
	int32_t current;  /* the most recent socket, -1 */
	int32_t nordinal; /* sockets created so far (HOST.N counter) */
	int32_t *socks;   /* every socket's handle in creation order (HOST.N) */
	uint32_t nsocks, capsocks;
	int32_t *live; /* the live ones, in no order (tcb.live_at is the index) */
	uint32_t nlive, caplive;
	uint32_t errors_seen; /* bit per enum sim_errno */
	uint32_t secret;      /* syncookie secret */
	struct rng rng;
};

struct link_dir {
	struct link_params p;
	simtime_t busy_until;
	uint32_t nth;
	struct rng rng;
};

/* A pending moment that is not a queue event (time notes and expects):
 * handled when the clock passes it, so it sees every event at its time. */
struct sim_moment {
	simtime_t t;
	int kind; /* MOMENT_NOTE or MOMENT_EXPECT */
	int index;
};

enum { MOMENT_NOTE, MOMENT_EXPECT };

/* The teaching aids shown once, when the clock or an event reaches them:
 * the scenario's notes, then its asks (aid nnotes + i is ask i), each
 * read as a note (an ask's `when`).  note_done and note_ever hold them all. */
static inline int sim_naids(const struct scenario *scn)
{
	return scn->nnotes + scn->nasks;
}
static inline const struct scn_note *sim_aid(const struct scenario *scn, int i)
{
	return i < scn->nnotes ? &scn->notes[i] : &scn->asks[i - scn->nnotes].when;
}

struct checkpoint;

struct sim {
	const struct scenario *scn;
	struct sim_options opt;
	uint64_t seed;
	struct evq q;
	struct trace tr;
	struct host hosts[SCN_MAX_HOSTS];
	int nhosts;
	struct link_dir link[2];
	/* The sockets, SOCK_BLOCK to a block (sock_at): the table grows a
	 * block at a time and never moves a TCB */
	struct tcb **sockblk;
	uint32_t nsocks, nsockblk, capsockblk;
	int32_t *htab; /* open addressing: socket handles, -1 empty, -2 deleted */
	uint32_t hcap, hused;
	uint32_t *fault_seen; /* per scenario fault: matches so far */
	uint32_t *fault_hits; /* per scenario fault: segments it dropped or delayed */
	uint8_t *note_done;   /* per aid (note or ask, sim_aid): fired */
	/* ... and whether they ever did, in any pass: a checkpoint restore
	 * rewinds the two above, never these (the window seeks by restoring;
	 * the run is deterministic, so a replay only repeats what they hold) */
	uint8_t *fault_ever, *note_ever;
	struct sim_verdict *verdicts;
	/* `on HOST STATE` lines by (host, state): indices into on_list; the
	 * other `on` lines (errors, retransmissions, segments) in on_other. */
	int32_t on_first[SCN_MAX_HOSTS][TCPS_COUNT + 1];
	int32_t *on_list;
	int32_t *on_other;
	int nother;
	uint8_t seg_triggers;       /* some `on` or `note on` line waits for segments */
	struct sim_moment *moments; /* sorted by time */
	int nmoments, next_moment;
	/* The scenario's `at` lines, sorted by time (file order for ties),
	 * kept out of the queue: the k-th has insertion number k, before any
	 * queue event, so the order is the one a queue would give. */
	int32_t *at_order;
	int nat, next_at;
	simtime_t now;
	simtime_t end; /* the scenario's `end`, or the one-hour horizon */
	simtime_t cut; /* opt.until, or SIMTIME_NEVER */
	int done;
	int complete;             /* the run has reached its end once (the frontier) */
	uint64_t frontier_events; /* events the furthest present had run */
	uint64_t events_done;
	uint32_t prev_cursor; /* trace cursor before the last event ran */
	struct checkpoint *cps;
	uint32_t ncps, capcps;
	size_t cp_bytes;    /* what the checkpoints hold */
	uint32_t cp_stride; /* doubles each time they are thinned */
	/* Sequence space holds 2^31 bytes unambiguously, so a sender looks at
	 * most this far (1 GiB) into its application's queue; the rest waits,
	 * as a write blocks on a full buffer, and comes into view as ACKs
	 * arrive (tests make it small). */
	uint32_t send_view;
	/* Budgets, and what each scenario line did, for a stopped run's
	 * message (the per-line counts are checkpointed like the rest). */
	uint64_t max_events;
	size_t max_bytes;
	uint64_t *runs;       /* per scenario event: actions run (flood: SYNs sent);
	                         for messages only, not checkpointed */
	int32_t *on_slot;     /* per scenario event: its index among the `on` lines, -1 */
	int32_t non;          /* `on` lines */
	uint32_t *at_once;    /* per `on` line: its firings at instant at_once_t */
	simtime_t *at_once_t; /* ... counted for this instant */
	/* A run that cannot go on stops with this error. */
	int error;          /* enum sim_error */
	int32_t fail_event; /* the scenario event the error names, -1 */
	char errmsg[600];   /* sim_error_message() */
	jmp_buf *fail_jump; /* set while an event runs: where a failure returns */
	int in_timer;       /* a timer's expiry is running (the wheel's clock is ahead) */
};

/* Why a state changed: the segment, timer or application call behind it,
 * and the error the application sees (SE_OK for none).  Build one with
 * by_segment(), by_timer() or by_call(). */
struct cause {
	uint8_t kind;  /* enum tr_cause */
	uint8_t timer; /* CAUSE_TIMER: enum timer_kind */
	uint8_t err;   /* enum sim_errno handed to the application */
	int32_t seg;   /* trace segment index, -1 */
	int32_t call;  /* scenario event index, -1 */
};

static inline struct cause by_segment(int32_t seg)
{
	return (struct cause){.kind = CAUSE_SEGMENT, .seg = seg, .call = -1};
}

static inline struct cause by_timer(int timer)
{
	return (struct cause){.kind = CAUSE_TIMER, .timer = (uint8_t)timer, .seg = -1, .call = -1};
}

static inline struct cause by_call(int32_t event)
{
	return (struct cause){.kind = CAUSE_CALL, .seg = -1, .call = event};
}

/* A close() made while connecting takes effect now that segment seg has
 * established the connection. */
static inline struct cause by_queued_close(int32_t seg)
{
	return (struct cause){.kind = CAUSE_CALL, .seg = seg, .call = -1};
}

static inline struct cause with_err(struct cause c, int err)
{
	c.err = (uint8_t)err;
	return c;
}

static inline struct tcb *sock_at(const struct sim *s, int32_t h)
{
	return &s->sockblk[(uint32_t)h / SOCK_BLOCK][(uint32_t)h % SOCK_BLOCK];
}

static inline const struct tcp_params *sock_params(struct sim *s, int32_t h)
{
	return &s->hosts[sock_at(s, h)->host].p;
}

/* ---- alloc.c: memory, budgets, and stopping a run that cannot go on ---- */
/* Stops the event that is running with `error` (enum sim_error), writes
 * its message (naming scenario event s->fail_event when >= 0), and jumps
 * back to sim_step(), which ends the run.  Never returns. */
_Noreturn void sim_fail(struct sim *s, int error);
/* Stops the run with SIM_ERR_MEMORY when `extra` more bytes would take it
 * past its memory budget. */
void sim_budget(struct sim *s, size_t extra);
/* Makes room for n elements of `size` in *v (capacity *cap), doubling from
 * `first`, within the budget; stops the run when memory runs out. */
void sim_reserve(struct sim *s, void **v, uint32_t *cap, uint32_t n, size_t size, uint32_t first);
/* Schedules a queue event (evq_push) within the budget. */
void sim_schedule(struct sim *s, simtime_t t, uint32_t kind, int32_t a, int32_t b);
/* 1 when nothing else is due at this instant (no queued event, stale or
 * not, and no timeline action at s->now). */
int sim_instant_over(const struct sim *s);
/* The same with an insertion number reserved earlier (evq_reserve). */
void sim_schedule_seq(struct sim *s, simtime_t t, uint64_t seq, uint32_t kind, int32_t a,
                      int32_t b);
/* Counts a run of scenario event ei; an `on` line that fires
 * SIM_MAX_FIRINGS_AT_ONCE times at one instant stops the run (a loop). */
void sim_count_run(struct sim *s, int ei);

/* ---- report.c: every trace record the engine writes, stamped with now ---- */
void report_info(struct sim *s, int host, int32_t h, int code, int32_t seg);
/* An info record with no segment and a value (INFO_MTU_PROBING: the MSS). */
void report_info_value(struct sim *s, int host, int32_t h, int code, uint32_t value);
/* A timer armed (fire 0: v = its expiry) or fired (fire 1: v = how long it ran). */
void report_timer(struct sim *s, int32_t h, int kind, int fire, simtime_t v, uint32_t attempt);
/* An error handed to socket h's application; remembered for `expect error`. */
void report_app_error(struct sim *s, int32_t h, int err);
/* An application call of scenario event ei on socket h and its result. */
void report_call(struct sim *s, int ei, int32_t h, int err);
/* A segment put on the link (TR_SEG_SEND), lost (TR_SEG_LOST), arrived. */
void report_seg_send(struct sim *s, int from, int32_t sock, uint32_t seg);
void report_seg_lost(struct sim *s, uint32_t seg, int reason);
void report_seg_arrive(struct sim *s, int host, uint32_t seg);
/* Appends a segment to the trace; returns its index. */
uint32_t report_seg(struct sim *s, const struct trace_seg *ts);
/* A note (host 0xff: a timed one; aid `index`, sim_aid: a TR_NOTE, or a
 * TR_ASK for an ask) and a judged expectation at time t. */
void report_note(struct sim *s, simtime_t t, int host, int32_t h, int index);
void report_expect(struct sim *s, simtime_t t, int index, const struct sim_verdict *v);
/* A state change record (the state itself is changed by state.c). */
void report_state(struct sim *s, int32_t h, int from, int to, int arrow, struct cause c);
/* Socket h's identity for the trace's socket table (idempotent). */
void report_sock(struct sim *s, int32_t h);

/* ---- trigger.c: the scenario's `on` and `note on` lines ---- */
/* An event of kind `kind` (enum scn_on_kind; arg: the state, errno or
 * segment pattern) happened on host, to socket h (or -1): schedules the
 * matching `on` lines (their action applies to h when on the same host)
 * and shows the matching `note on` lines not yet shown. */
void trigger_fire(struct sim *s, int host, int32_t h, int kind, int arg);
/* The same for a segment host sent (ON_SENDS, and ON_RETRANSMIT when retx),
 * received (ON_RECEIVES) or sent and lost on the link (ON_LOSES). */
void trigger_segment(struct sim *s, int host, int32_t h, const struct segment *g, int kind);
/* report_info(), and for the codes of a received segment discarded
 * without effect (a full SYN or accept queue, PAWS) the ON_DROPS event of
 * trace segment seg. */
void trigger_info(struct sim *s, int host, int32_t h, int code, int32_t seg);

/* ---- timer.c: a connection's timers as a mechanism (what they do on
 * expiry is tcp_timeout.c) ---- */
/* Linux's tick: the kernels of tests/kernel/ run at CONFIG_HZ=250. */
#define LINUX_HZ 250
#define JIFFY (SIMTIME_S / LINUX_HZ)
/* TCP_TIMEOUT_MIN_US: the floor Linux adds to the tail loss probe's and
 * RACK's reordering timer before rounding up to jiffies (since "tcp: fix
 * excessive TLP and RACK timeouts from HZ rounding", 2023; before it, two
 * jiffies, 8 ms at HZ 250): tcp_schedule_loss_probe, tcp_rack_mark_lost. */
#define TCP_TIMEOUT_MIN_US (2 * SIMTIME_MS)
/* usecs_to_jiffies(): d in whole jiffies, rounded up (d >= 0). */
int64_t jiffies_up(simtime_t d);
/* (Re)starts timer `kind` of socket h, due `after` from now.  In the linux
 * profile it fires when the kernel's timer wheel would (timer.c), later
 * than due; the rfc9293 profile fires it when due. */
void timer_arm(struct sim *s, int32_t h, int kind, simtime_t after);
void timer_cancel(struct sim *s, int32_t h, int kind);
void timer_cancel_all(struct sim *s, int32_t h);
/* 1 when queue entry e (EV_TIMER) is the one its timer fires with now. */
int timer_live(struct sim *s, const struct ev *e);
/* Queue entry e of a timer came off the queue: 1 when the timer expires now
 * and must fire (it is then no longer armed); 0 when the entry was stale or
 * early (an early one is moved on to the expiry). */
int timer_due(struct sim *s, const struct ev *e);

/* ---- rto.c: RFC 6298 estimation, backoff and every give-up rule ---- */
/* Takes an RTT sample r from an ACK that brings SND.UNA to una (RFC 6298
 * 2.2/2.3; linux: tcp_rtt_estimator) and sets t->rto from it. */
void rto_sample(struct tcb *t, simtime_t r, uint32_t una, const struct tcp_params *p);
/* Sets t->rto from SRTT and RTTVAR after a backoff has ended.  clamp_max 0
 * keeps an old difference: this path never applied rto_max. */
void rto_from_estimate(struct tcb *t, const struct tcp_params *p, int clamp_max);
/* RFC 6298 5.5: doubles t->rto, up to rto_max. */
void rto_backoff(struct tcb *t, const struct tcp_params *p);
/* The wait before SYN (or SYN,ACK) retransmission number k (from 1):
 * `linear` waits of rto_initial, then doubling up to rto_max. */
simtime_t rto_syn_interval(const struct tcp_params *p, int linear, uint32_t k);
/* When a Linux SYN_SENT gives up, measured from the first SYN, if every
 * timer fires on time: after retries + linear retransmissions, or sooner
 * by the time test (tcp_write_timeout). */
simtime_t rto_syn_give_up(const struct tcp_params *p, int linear, int retries);
/* When data retransmission gives up, measured from the first transmission. */
simtime_t rto_data_give_up(const struct tcp_params *p, int retries);
/* The handshake socket t's k-th retransmission timeout `elapsed` after its
 * first SYN: 1 to give up, else 0 with the wait before the next in *next. */
int rto_syn_expired(const struct tcb *t, const struct tcp_params *p, uint32_t k, simtime_t elapsed,
                    simtime_t *next);
/* A data retransmission timeout (the k-th in a row) `elapsed` after the
 * oldest data was first sent: 1 when the connection gives up. */
int rto_data_expired(const struct tcb *t, const struct tcp_params *p, uint32_t k,
                     simtime_t elapsed);
/* The persist timer's next wait after one that ran `ran` (doubling;
 * the rfc9293 profile). */
simtime_t rto_persist_next(const struct tcp_params *p, simtime_t ran);
/* Linux: tcp_probe0_when(): the wait before the next zero-window probe,
 * max(RTO, rto_min) doubled per probe already sent, at most rto_max. */
simtime_t rto_probe0_when(const struct tcb *t, const struct tcp_params *p);

/* ---- cc.c: the congestion window (cwnd and ssthresh, bytes).  The
 * callers say what happened; cc.c sets the window.  The rfc9293 profile
 * with cc=reno counts bytes (RFC 5681); otherwise the window is counted in
 * packets as Linux's tcp_reno / tcp_cubic do (host parameter cc). ---- */
/* The initial window once the MSS is known (RFC 6928: 10 segments), an
 * unbounded ssthresh, CUBIC's state reset (cubictcp_init). */
void cc_init(struct tcb *t, const struct tcp_params *p);
/* `acked` new bytes acknowledged outside recovery: slow start or
 * congestion avoidance (Linux's tcp_cong_avoid). */
void cc_on_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked, simtime_t now);
/* An ACK up to `ack` arrived at socket h (before the window moves): the
 * RTT sample of the newest segment it acknowledges (from the trace), for CUBIC's delay_min and
 * HyStart (Linux's pkts_acked hook, cubictcp_acked). */
void cc_on_ack_sample(struct tcb *t, const struct tcp_params *p, int32_t h, const struct trace *tr,
                      uint32_t ack, simtime_t srtt, simtime_t now);
/* The sender stopped (tcp_output's end): whether cwnd limited it
 * (Linux's tcp_cwnd_validate); `sent` segments went out. */
void cc_on_output(struct tcb *t, const struct tcp_params *p, int sent);
/* New data waits to be sent (the application wrote, or the peer's window
 * changed): after an idle time longer than the RTO with nothing in
 * flight, cwnd restarts from at most the initial window
 * (tcp_slow_start_after_idle_check, tcp_cwnd_restart). */
void cc_idle_restart(struct tcb *t, const struct tcp_params *p, simtime_t now);
/* The send MSS changed from old_mss to t->mss (path MTU): in packets, the
 * window keeps its number of segments (tcp_sync_mss); in bytes, its bytes. */
void cc_on_mss_change(struct tcb *t, const struct tcp_params *p, uint32_t old_mss);
/* Linux's sk_pacing_rate, bytes per second (tcp_update_pacing_rate:
 * 200 % of cwnd * mss / srtt in slow start, 120 % after); the linux
 * profile's transmit units grow with it (tcp_out.c, unit_segs). */
uint64_t cc_pacing_rate(const struct tcb *t);
/* The ssthresh a loss sets, without setting it (RFC 5681 eq. 4;
 * tcp_reno_ssthresh; cubictcp_recalc_ssthresh's beta 717/1024). */
uint32_t cc_ssthresh(const struct tcb *t, const struct tcp_params *p);
/* A loss detected by duplicate ACKs: ssthresh from cc_ssthresh() (and
 * CUBIC's W_max, fast convergence), the window of fast recovery's start
 * (NewReno: ssthresh + 3 segments). */
void cc_on_loss_event(struct tcb *t, const struct tcp_params *p);
/* Fast recovery begins (tcp_init_cwnd_reduction): ssthresh from
 * cc_ssthresh() and the congestion control's own loss state (CUBIC's
 * W_max); cwnd is left to the caller (PRR, recovery.c). */
void cc_enter_recovery(struct tcb *t, const struct tcp_params *p);
/* Linux: tcp_current_ssthresh(): in recovery the ssthresh in force, else
 * at least 3/4 of cwnd (what an undo may restore). */
uint32_t cc_current_ssthresh(const struct tcb *t);
/* Linux: tcp_undo_cwnd_reduction()'s window: with a prior ssthresh, cwnd
 * back to at least prior_cwnd (undo_cwnd) and ssthresh to prior_ssthresh
 * when that was higher. */
void cc_undo(struct tcb *t);
/* In fast recovery: one more duplicate ACK (NewReno inflates by one segment). */
void cc_on_recovery_dupack(struct tcb *t, const struct tcp_params *p);
/* In fast recovery: a partial ACK of `acked` bytes (NewReno deflates). */
void cc_on_partial_ack(struct tcb *t, const struct tcp_params *p, uint32_t acked);
/* Fast recovery ends (the ACK reached `recover`): cwnd = ssthresh. */
void cc_on_recovery_end(struct tcb *t, const struct tcp_params *p);
/* A retransmission timeout (t->retries already counts it): ssthresh from
 * cc_ssthresh() unless this segment timed out before (RFC 5681 3.1,
 * tcp_enter_loss), cwnd one segment, CUBIC reset (cubictcp_state). */
void cc_on_rto(struct tcb *t, const struct tcp_params *p, simtime_t now);

/* ---- txq.c: when the data in flight was sent, in runs (Linux keeps it
 * per buffer in its retransmit queue) ---- */
void txq_reset(struct tcb *t);
/* [seq, end) was sent now; snd_max before this send tells new data from a
 * retransmission. */
void txq_sent(struct tcb *t, uint32_t seq, uint32_t end, uint32_t snd_max, simtime_t now);
/* An ACK moves SND.UNA from una to ack: forgets what it covers, tells
 * RACK, and puts in *delivered the bytes not SACKed before; 1 with *rtt
 * the RTT of the oldest byte it acknowledges when none of them was
 * retransmitted (tcp_clean_rtx_queue), else 0. */
int txq_acked(struct tcb *t, uint32_t una, uint32_t ack, uint32_t snd_max, simtime_t now,
              simtime_t *rtt, uint32_t *delivered);
/* Linux: tcp_sacktag_write_queue(): marks what g's SACK blocks cover
 * (not a D-SACK), tells RACK; returns the bytes newly SACKed. */
uint32_t txq_sack(struct tcb *t, const struct segment *g, uint32_t snd_una, uint32_t snd_max,
                  simtime_t now);
/* When the data at SND.UNA was last sent (Linux: the timestamp of the
 * retransmit queue's head, as tcp_rto_delta_us reads it); -1: not known. */
simtime_t txq_head_sent(const struct tcb *t, uint32_t snd_una);
/* Segments SACKed (Linux's sacked_out). */
uint32_t txq_sacked_segs(const struct tcb *t, uint32_t snd_max);
/* Bytes in flight: sent, not SACKed, not lost unless resent since
 * (tcp_packets_in_flight, in bytes). */
uint32_t txq_pipe(const struct tcb *t, uint32_t snd_una, uint32_t snd_max);
/* Linux: tcp_rack_detect_loss(): marks lost what was sent before RACK's
 * newest delivered segment and has waited its RTT plus reo_wnd; returns
 * the bytes newly marked, and in *reo_timeout how long the next one has
 * still to wait (0: none). */
uint32_t txq_rack_detect(struct tcb *t, uint32_t snd_max, simtime_t now, simtime_t reo_wnd,
                         simtime_t *reo_timeout);
/* The first run marked lost and not yet resent: 1 with its start and
 * length, else 0. */
int txq_next_lost(const struct tcb *t, uint32_t snd_max, uint32_t *seq, uint32_t *len);
/* A retransmission timeout: the SACK and loss marks go (tcpsim resends
 * everything from SND.UNA). */
void txq_forget_marks(struct tcb *t);
/* Segments resent and still in flight, not SACKed (Linux's retrans_out);
 * with not_lost, only those not marked lost before they were resent (what
 * tcp_timeout_mark_lost leaves counted: a tail loss probe's). */
uint32_t txq_retrans_out(const struct tcb *t, uint32_t snd_max, int not_lost);
/* Segments of [lo, hi) that were ever retransmitted (TCPCB_RETRANS). */
uint32_t txq_rtx_segs(const struct tcb *t, uint32_t lo, uint32_t hi, uint32_t snd_max);
/* Clears every loss mark (tcp_undo_cwnd_reduction with unmark_loss). */
void txq_unmark_lost(struct tcb *t);
/* A retransmission of segs segments left with TS value ts
 * (tcp_retransmit_skb: retrans_stamp, undo_retrans, total_retrans; the
 * undo that uses them is recovery.c's). */
void txq_note_retransmit(struct tcb *t, uint32_t segs, uint32_t ts);

/* ---- sndbuf.c: the rules of Linux's send buffer (not yet called by the
 * engine: docs/fidelity.md, "a large `send`, then `close`") ---- */
/* tcp_sndbuf_expand: sk_sndbuf for cwnd_segs and reordering, from sndbuf,
 * up to wmem_max; mss is max(mss_clamp, mss_cache). */
uint32_t sndbuf_expand(uint32_t sndbuf, uint32_t mss, uint32_t cwnd_segs, uint32_t reordering,
                       uint32_t wmem_max);
/* tcp_xmit_size_goal: the bytes of one write buffer; *gso_segs is
 * tp->gso_segs, kept between calls. */
uint32_t sndbuf_size_goal(uint32_t max_window, uint32_t mss_now, uint32_t gso_max, int ts,
                          uint16_t *gso_segs);
/* sk_wmem_queued of bytes held in buffers write buffers. */
uint64_t sndbuf_wmem(uint64_t bytes, uint32_t buffers);
/* sk_stream_memory_free: the writer may open a new buffer. */
int sndbuf_memory_free(uint64_t wmem, uint32_t sndbuf);
/* __sk_stream_is_writeable: an ACK that freed a buffer wakes the writer. */
int sndbuf_writeable(uint64_t wmem, uint32_t sndbuf);

/* ---- rcvwin.c: the receive window (Linux's tcp_select_initial_window,
 * tcp_grow_window, __tcp_select_window; rfc9293: the free buffer) ---- */
/* What a received frame of len payload bytes costs the buffer (truesize). */
uint32_t rcvwin_truesize(const struct tcb *t, uint32_t len);
/* A new socket's buffer from its host's parameters. */
void rcvwin_init(struct tcb *t, const struct tcp_params *p);
/* 0 when the host does not offer window scaling. */
int rcvwin_wscale_ok(const struct tcp_params *p);
/* The window of our SYN or SYN,ACK for segments of mss (t->rcv_wnd), the
 * clamp and rcv_ssthresh; returns the scale to announce. */
int rcvwin_syn(struct tcb *t, const struct tcp_params *p, uint32_t mss);
/* A SYN cookie's SYN,ACK window and scale (no socket behind it). */
uint16_t rcvwin_cookie(const struct tcp_params *p, uint32_t mss, int *wscale);
/* The connection is established (tcp_init_buffer_space). */
void rcvwin_established(struct tcb *t, const struct tcp_params *p, simtime_t now);
/* A data segment of len bytes arrived, echoing tsecr with our TS clock
 * `ts_now` (ms; ts 0 when timestamps are off): the receiver's RTT sample
 * (tcp_rcv_rtt_measure_ts, or tcp_rcv_rtt_measure without timestamps). */
void rcvwin_rtt(struct tcb *t, const struct tcp_params *p, uint32_t len, int ts, uint32_t tsecr,
                uint32_t ts_now, simtime_t now);
/* The application has taken the data up to copied_seq (Linux calls this
 * after each buffer it copies): once a receiver RTT has passed, the buffer
 * grows with what it took in that RTT, less what still waits, up to rmem
 * MAX, unless SO_RCVBUF locked it (tcp_rcv_space_adjust, tcp_rcvbuf_grow). */
void rcvwin_space_adjust(struct tcb *t, const struct tcp_params *p, uint32_t copied_seq,
                         simtime_t now);
/* len payload bytes arrived (in order or not): charges the buffer and
 * learns the payload ratio and the peer's MSS (tcp_measure_rcv_mss). */
void rcvwin_data(struct tcb *t, const struct tcp_params *p, uint32_t len, int in_order, int psh,
                 simtime_t now);
/* linux: len payload bytes arrived out of order (tcp_data_queue_ofo): grows
 * rcv_ssthresh before the frame is charged, with SACK only; sets *mem to
 * the buffer the frame will hold in the out-of-order queue.  1 when it
 * grew (icsk_ack.quick |= 1). */
int rcvwin_ooo(struct tcb *t, const struct tcp_params *p, uint32_t len, int psh, simtime_t now,
               uint32_t *mem);
/* An out-of-order range of len bytes that RCV.NXT reached moves to the
 * receive queue, with the buffer mem its frames hold (tcp_ofo_queue). */
void rcvwin_ooo_queued(struct tcb *t, uint32_t len, uint32_t mem, simtime_t now);
/* A reading application takes what arrived (rmem_fresh); 1 when it took
 * something; *rest: the bytes of the take still queued when
 * tcp_recvmsg_locked() measures after its first buffer (the out-of-order
 * data a retransmission released; tcp_rcv_space_adjust). */
int rcvwin_take(struct tcb *t, uint32_t *rest);
/* ... then grows rcv_ssthresh (tcp_grow_window); 1 when it grew. */
int rcvwin_grow(struct tcb *t, const struct tcp_params *p, uint32_t len, int in_order,
                simtime_t now);
/* The application copies n of the unread bytes (one recv()): linux frees
 * each buffer whose last byte it copied (tcp_eat_recv_skb). */
void rcvwin_read(struct tcb *t, uint32_t n);
/* The window a header offers now, in bytes, never less than the one
 * already offered; records it (rcv_wnd, rcv_adv). */
uint32_t rcvwin_offer(struct tcb *t, const struct tcp_params *p, simtime_t now);
/* __tcp_select_window(): the window the buffer allows now (it may shrink). */
uint32_t rcvwin_select(struct tcb *t, simtime_t now);
/* linux: 1 when a read opened the window enough to announce it (tcp_cleanup_rbuf). */
int rcvwin_read_opens(struct tcb *t, const struct tcp_params *p, simtime_t now);

/* ---- socktab.c: each host's socket table ---- */
/* A new socket on host, in CLOSED, initialised from the host's parameters;
 * it becomes the host's current one.  Handles are never reused. */
int32_t sock_new(struct sim *s, int host);
/* Deletes socket h: its timers stop, its addresses are free again. */
void sock_delete(struct sim *s, int32_t h);
/* Files h under its 4-tuple (or its port, for a listener) / removes it. */
void sock_hash_add(struct sim *s, int32_t h);
void sock_hash_del(struct sim *s, int32_t h);
/* The connected socket for (lport, raddr, rport) on host, or -1. */
int32_t sock_lookup(struct sim *s, int host, uint16_t lport, uint32_t raddr, uint16_t rport);
/* The listener on lport (in LISTEN) on host, or -1. */
int32_t sock_listener(struct sim *s, int host, uint16_t lport);
/* HOST.N's handle (conn >= 1), or the host's current socket (conn 0), or -1. */
int32_t sock_conn(struct sim *s, int host, int conn);
/* 1 when bind() to lport on host must fail with EADDRINUSE. */
int sock_port_in_use(struct sim *s, int host, uint16_t lport, int reuseaddr);
/* A free ephemeral port toward (raddr, rport), or 0 when none is left. */
uint16_t sock_pick_port(struct sim *s, int host, uint32_t raddr, uint16_t rport);

/* ---- link.c: the virtual cable ---- */
/* Puts a segment on the link from host `from`; returns its trace index. */
uint32_t link_send(struct sim *s, int from, const struct segment *seg, int32_t sock, int retx);
/* Puts an injected segment on the link as if host `from` sent it: scripted
 * faults do not touch it and it takes no "segment N" number. */
uint32_t link_send_forged(struct sim *s, int from, const struct segment *seg);

/* ---- state.c: state changes and what entering a state sets going ---- */
/* Moves socket h along `arrow` (the target state comes from the arrow
 * table): records it with its cause, hands c.err to the application,
 * deletes the socket on CLOSED, starts 2MSL and keepalive, and fires the
 * scenario's `on` lines and notes for the new state. */
void state_change(struct sim *s, int32_t h, int arrow, struct cause c);

/* ---- tcp_out.c: everything a connection sends ---- */
/* How a header differs from a connection's ordinary one.  Each quirk keeps
 * an old difference between copies of the header builder. */
enum hdr_quirk {
	HDR_RAW_WINDOW = 2, /* the free buffer >> scale as the window, offering
	                       nothing new (probes) */
};
/* Host host's TS clock now (RFC 7323 TSval): milliseconds from its offset. */
uint32_t tcp_ts_clock(const struct sim *s, int host);
/* The header of a segment of connection h (addresses, ACK, window and
 * options), with `quirks` from enum hdr_quirk. */
struct segment tcp_header(struct sim *s, int32_t h, uint8_t flags, uint32_t seq, uint32_t len,
                          unsigned quirks);
/* A bare header between two endpoints, for segments without a connection
 * (RSTs for no socket, SYN cookies, forged and flood segments). */
struct segment seg_between(uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
                           uint8_t flags, uint32_t seq, uint32_t ack);
/* SYN, or SYN,ACK in SYN_RCVD; retx 1 for a retransmission. */
void tcp_send_syn(struct sim *s, int32_t h, int retx);
void tcp_send_ack(struct sim *s, int32_t h);
/* A RST from connection h: SEQ = seq, no ACK. */
void tcp_send_rst(struct sim *s, int32_t h, uint32_t seq);
/* The RST of an application's abort or a give-up (keepalive): linux sends
 * RST,ACK at SND.NXT with TS and window, rfc9293 <SEQ=SND.NXT><RST>. */
void tcp_send_active_reset(struct sim *s, int32_t h);
/* The ACK owed to invalid segment g (out of window, bad ACK, PAWS) or, with
 * challenge, RFC 5961's challenge ACK; at most one per 500 ms unless g
 * holds data or a FIN (Linux's tcp_oow_rate_limited). */
void tcp_send_oow_ack(struct sim *s, int32_t h, const struct segment *g, int32_t seg,
                      int challenge);
/* RFC 9293 3.10.7.1: the reset for a segment that reached no connection. */
void tcp_send_rst_for(struct sim *s, int host, const struct segment *in);
/* A zero-window or keepalive probe: SEQ = SND.UNA - 1, so it draws an ACK. */
void tcp_send_probe(struct sim *s, int32_t h, int info);
/* Sends the new data and FIN that the windows allow (the one such sender). */
void tcp_output(struct sim *s, int32_t h);
/* An ACK came while nothing was in flight (Linux's tcp_ack_probe): a
 * window still too small for the next segment restarts the persist timer
 * from now with the current backoff; an open one ends the backoff. */
void tcp_ack_probe(struct sim *s, int32_t h);
/* Arms the retransmit timer after an ACK of new data: linux arms a tail
 * loss probe instead when it may (tcp_set_xmit_timer); else the RTO. */
void tcp_arm_xmit_timer(struct sim *s, int32_t h);
/* Linux: tcp_rto_delta_us(): how long until the RTO, counted from the last
 * send of the oldest segment in flight (tcp_rearm_rto when a loss probe or
 * RACK's reordering timer was pending); 0 or less when overdue. */
simtime_t tcp_rto_delta(struct sim *s, int32_t h);
/* The timer held a tail loss probe: sends it (tcp_send_loss_probe). */
void tcp_send_loss_probe(struct sim *s, int32_t h);
/* Resends the oldest unacknowledged segment (fast retransmit, recovery). */
void tcp_retransmit_first(struct sim *s, int32_t h);
/* Resends len bytes from seq (with the FIN if they end at it). */
void tcp_retransmit(struct sim *s, int32_t h, uint32_t seq, uint32_t len);
/* the same, with PSH set when psh is (pmtu.c) */
void tcp_retransmit_psh(struct sim *s, int32_t h, uint32_t seq, uint32_t len, int psh);
/* The receive window h could offer now: free receive buffer. */
uint32_t tcp_rcv_window(const struct tcb *t);

/* ---- recovery.c: linux loss recovery with SACK: RACK, fast recovery,
 * PRR (tcp_recovery.c, tcp_fastretrans_alert, tcp_cwnd_reduction) ---- */
/* After an ACK's SACK blocks and cumulative ACK were taken (delivered:
 * the bytes newly SACKed or ACKed; advanced: SND.UNA moved): marks losses,
 * enters recovery, sets the window and resends what is lost. */
void recovery_on_ack(struct sim *s, int32_t h, uint32_t delivered, int advanced, int32_t seg);
/* The retransmit timer held RACK's reordering timer: look for losses again. */
void recovery_reo_timeout(struct sim *s, int32_t h);
/* A retransmission timeout is about to resend from SND.UNA (tcp_enter_loss:
 * prior_ssthresh, prior_cwnd, tcp_init_undo unless this window's cut was
 * made already, keep); the loss state starts. Call before the marks go. */
void recovery_enter_loss(struct sim *s, int32_t h, int keep);
/* An ACK with SACK blocks: 1 when its first block is a D-SACK that counts
 * (tcp_check_dsack, tcp_dsack_seen); it may bring undo_retrans to 0. Call
 * before SND.UNA moves. */
int recovery_check_dsack(struct sim *s, int32_t h, const struct segment *g);
/* A new ACK (SND.UNA not yet moved) in the linux profile with SACK:
 * ends recovery or the loss state, undoing the cut when the ACK shows it
 * was needless (tcp_try_undo_recovery, tcp_try_undo_loss,
 * tcp_try_undo_partial); 1 when the window was restored. */
int recovery_new_ack(struct sim *s, int32_t h, const struct segment *g, int32_t seg);
/* After a D-SACK (tcp_try_undo_dsack, in recovery and when open). */
void recovery_dsack_undo(struct sim *s, int32_t h, int32_t seg);

/* ---- ackctl.c: when the linux profile ACKs (quick ACKs, delayed ACKs,
 * ping-pong; tcp_event_data_recv, __tcp_ack_snd_check) ---- */
/* Data arrived in order: an ACK is owed; adapts ato (tcp_event_data_recv). */
void ack_data_recv(struct tcb *t, const struct tcp_params *p, simtime_t now);
/* Quick-ACK mode again (tcp_enter_quickack_mode: duplicate data). */
void ack_enter_quickack(struct tcb *t, const struct tcp_params *p);
/* An ACK is owed: sends it now or arms the delayed-ACK timer. */
void ack_snd_check(struct sim *s, int32_t h);
/* The delayed-ACK timer fired. */
void ack_delack_fired(struct sim *s, int32_t h);
/* The application has copied data out (tcp_cleanup_rbuf): the owed ACK
 * goes now if the read emptied a buffer that held a pushed segment, or if
 * the window opened enough to announce. */
void ack_after_read(struct sim *s, int32_t h);
/* Data arrived out of order (with SACK): the duplicate ACK goes now, or,
 * after three for the same RCV.NXT, is held for a moment (__tcp_ack_snd_check,
 * tcp_sack_compress). */
void ack_ooo(struct sim *s, int32_t h);
/* The compressed-SACK timer fired (tcp_compressed_ack_kick). */
void ack_compress_fired(struct sim *s, int32_t h);

/* ---- paws.c: RFC 7323 PAWS, pure checks (Linux's tcp_paws_check) ---- */
/* 1 when g's TSval is no older than ts_recent by more than `window` (or
 * ts_recent is stale or 0, or there are no timestamps). */
int paws_check(const struct tcb *t, const struct segment *g, simtime_t now, uint32_t window);
/* 1 when g is an old duplicate by its timestamp (a RST only while
 * ts_recent is under 60 s old). */
int paws_reject(const struct tcb *t, const struct segment *g, simtime_t now);
/* Takes g's TSval as ts_recent when it is acceptable and g starts at or
 * before RCV.NXT (Linux's tcp_replace_ts_recent). */
void paws_take(struct tcb *t, const struct segment *g, simtime_t now);

/* ---- timewait.c: TIME_WAIT and the orphaned FIN_WAIT_2, as Linux's
 * tcp_timewait_state_process() ---- */
enum tw_verdict { TW_DONE, TW_SYN, TW_RST };
/* A segment for h in TIME_WAIT: TW_SYN when it is a SYN that may reopen the
 * connection with ISN *isn (the caller finds the listener), else TW_DONE. */
int tw_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg, uint32_t *isn);
/* A segment for an orphaned FIN_WAIT_2: TW_RST when the caller must answer
 * with a RST for g and drop h, else TW_DONE. */
int tw_fw2_input(struct sim *s, int32_t h, const struct segment *g, int32_t seg);

/* ---- reqsk.c: a listener's SYN queue and accept queue (Linux's request
 * socks: tcp_conn_request, tcp_check_req, reqsk_timer_handler) ---- */
enum req_verdict { REQ_NEW, REQ_COOKIE, REQ_DROP };
/* 1 when listener l's accept queue cannot take another child. */
int reqsk_accept_full(const struct sim *s, int32_t l);
/* What a SYN for listener l gets: a new embryo, a SYN cookie, or nothing
 * (reopen: it comes from a TIME_WAIT and skips the SYN queue checks). */
int reqsk_admit(struct sim *s, int32_t l, int reopen, int32_t seg);
/* A segment for the embryo h (passive SYN_RCVD, linux profile): 1 when it
 * is the third ACK and the child may be made, else 0 (handled here). */
int reqsk_input(struct sim *s, int32_t h, struct segment *g, int32_t seg);
/* The embryo h's SYN,ACK timer expired: resend or give up. */
void reqsk_timeout(struct sim *s, int32_t h);
/* accept(): the oldest child waiting in l's accept queue (now the
 * application's), -2 for one that died waiting, -1 when the queue is empty. */
int32_t reqsk_accept(struct sim *s, int32_t l);

/* ---- tcp_in.c: a segment arrives (RFC 9293 3.10.7) ---- */
void tcp_input(struct sim *s, uint32_t seg_index);
/* EV_READER: the application blocked in recv() on socket h runs (linux). */
void tcp_reader_wake(struct sim *s, int32_t h);

/* ---- pmtu.c: path MTU discovery (RFC 1191) ---- */
/* The router's ICMP "fragmentation needed" (next-hop MTU mtu) for trace
 * segment seg reaches its sender: traced, and the sending connection
 * lowers its MSS to fit and resends what was in flight (Linux's
 * tcp_v4_err -> tcp_v4_mtu_reduced -> tcp_sync_mss, tcp_simple_retransmit). */
void pmtu_icmp(struct sim *s, uint32_t seg, uint32_t mtu);
/* tcp_mtup_init(), once the MSS is known: mtu_probing=2 turns probing on. */
void pmtu_mtup_init(struct sim *s, int32_t h);
/* tcp_write_timeout()'s black hole check, before a data RTO resends. */
void pmtu_rto(struct sim *s, int32_t h);

/* ---- tcp_timeout.c: what each timer does when it expires ---- */
/* Timer `kind` of socket h has expired (timer_due() said so). */
void tcp_timeout(struct sim *s, int32_t h, int kind);

/* ---- app.c: the application calls and the SYN flood ---- */
/* Runs scenario event ei; fired is the socket whose state change fired an
 * `on` line, or -1. */
void app_action(struct sim *s, int ei, int32_t fired);
/* Sends flood SYN number `sent` of scenario event ei and schedules the next. */
void app_flood(struct sim *s, int ei, int32_t sent);

/* ---- expect.c: judging the scenario's expect lines ---- */
/* Judges expectation i at time at (once) and records the verdict. */
void expect_judge(struct sim *s, int i, simtime_t at);

/* ---- checkpoint.c: copies of the engine state for going back ---- */
/* 1 when the present is due for a checkpoint (they are spaced by cost). */
int checkpoint_due(const struct sim *s);
/* Copies the present; skipped silently when memory is short (seeking is
 * then only slower); thins the older ones past the checkpoint budget. */
void checkpoint_take(struct sim *s);
/* Makes checkpoint i the present. */
void checkpoint_restore(struct sim *s, uint32_t i);
/* Frees every checkpoint. */
void checkpoint_free_all(struct sim *s);
/* The latest checkpoint not past record k (k >= 0) or, for k < 0, time t;
 * -1 when none. */
int64_t checkpoint_find(const struct sim *s, int64_t k, simtime_t t);
/* The events_done, cursor and time of checkpoint i. */
uint64_t checkpoint_events(const struct sim *s, uint32_t i);

#endif
