/* sim: the engine's public face.  It ties the clock, event queue, RNG
 * streams, link and the two hosts' TCP stacks together and runs a parsed
 * scenario, appending to a trace.  The CLI, every exporter, the tests and
 * the window use only this header (plus trace.h, scenario.h, tcpstate.h).
 *
 * Going back in time is going forward again: with checkpoints on, the engine
 * copies its state every few events, and sim_seek_*() restores the nearest
 * checkpoint before the target and runs forward from there. */
#ifndef TCPSIM_SIM_H
#define TCPSIM_SIM_H

#include <stdint.h>

#include "scenario.h"
#include "simerr.h"
#include "tcpstate.h"
#include "trace.h"

struct sim;
struct evq_log;

struct sim_options {
	int seed_set; /* 1: use seed instead of the scenario's */
	uint64_t seed;
	int checkpoints;           /* 1: keep checkpoints for fast seeking back */
	uint32_t checkpoint_every; /* at least this many events between them; 0 = 256 */
	/* 1: cut the run at `until`: every event at or before it runs, nothing
	 * after; nothing after it is judged (an `expect end` stays unjudged) */
	int until_set;
	simtime_t until;
	int no_trace_timers;       /* bench: skip TR_TIMER_ARM records */
	struct evq_log *queue_log; /* bench: record every queue operation (evq.h) */
	uint64_t max_events;       /* queue events a run may process; 0 = SIM_MAX_EVENTS */
	uint64_t max_bytes;        /* memory a run may hold (trace, sockets, queue,
	                              checkpoints: the engine's own count); 0 = SIM_MAX_BYTES */
	/* The kernel's tick grid, for runs held against a recording (the
	 * "# ticks" line of a tests/kernel golden): 1: the linux profile's
	 * timers fire where the timer wheel of a kernel whose jiffies count
	 * was tick_jiffies at the tick tick_before_zero before time 0 fires
	 * them; 0: each timer is armed on a bucket boundary (engine/timer.c) */
	int ticks_set;
	uint64_t tick_jiffies;
	simtime_t tick_before_zero; /* 0 <= it < one jiffy (4 ms) */
};

/* The budgets a run has unless sim_options says otherwise: every shipped
 * lesson and every benchmark fits with wide room (docs/performance.md). */
#define SIM_MAX_EVENTS 20000000ull
#define SIM_MAX_BYTES (1024ull << 20)
/* An `on` line that fires this often at one simulated instant is a loop. */
#define SIM_MAX_FIRINGS_AT_ONCE 10000

/* Creates an engine at time 0 for scn (which must outlive it).  opt may be
 * NULL.  Returns NULL only when out of memory. */
struct sim *sim_new(const struct scenario *scn, const struct sim_options *opt);
void sim_free(struct sim *s);

/* Why a run stopped before its end (sim_error()).  The trace up to that
 * moment is intact. */
enum sim_error {
	SIM_OK,
	SIM_ERR_NOMEM,  /* the computer's memory ran out */
	SIM_ERR_LOOP,   /* an `on` line fired SIM_MAX_FIRINGS_AT_ONCE times at one instant */
	SIM_ERR_EVENTS, /* the run reached its event budget (max_events) */
	SIM_ERR_MEMORY, /* the run reached its memory budget (max_bytes) */
};

/* SIM_OK, or why the run stopped early; a stopped run is done. */
int sim_error(const struct sim *s);
/* "out of memory", "trigger loop" ... */
const char *sim_error_text(int error);
/* What a stopped run says, located like a parse error: "FILE:LINE:COL:
 * error: 'on client CLOSED' fired 10000 times at 0.000000s without time
 * advancing; did you mean '+1s'?" (or "FILE: error: ..."); "" when none. */
const char *sim_error_message(const struct sim *s);
/* The bytes the run holds now, by the engine's own count. */
size_t sim_bytes(const struct sim *s);

/* Processes the next queue event; returns 0 when the run is over. */
int sim_step(struct sim *s);
/* Runs to the end of the scenario (or to opt.until). */
void sim_run(struct sim *s);
/* Processes every event with time <= t; the present becomes t. */
void sim_run_until(struct sim *s, simtime_t t);
int sim_done(const struct sim *s);
simtime_t sim_now(const struct sim *s);
/* Queue events processed since time 0. */
uint64_t sim_events_done(const struct sim *s);

const struct trace *sim_trace(const struct sim *s);
const struct scenario *sim_scenario(const struct sim *s);
/* The seed this run uses. */
uint64_t sim_seed(const struct sim *s);

/* Brings the present to just after trace record k was produced (k = -1:
 * the start).  Records past the present stay in the trace (it is complete
 * once the run has ended); trace->cursor says how much the present made. */
void sim_seek_record(struct sim *s, int64_t k);
/* Brings the present to time t (every event with time <= t done). */
void sim_seek_time(struct sim *s, simtime_t t);

/* How far the run has got: its frontier, which the present may be behind
 * after seeking back.  A window that simulates ahead while it draws asks
 * this for its scrub bar, End key and progress line. */
struct sim_progress {
	uint32_t records; /* trace records made so far */
	simtime_t t;      /* the time of the latest one */
	uint64_t events;  /* queue events run so far */
	int complete;     /* 1: the run reached its end (or stopped: sim_error) */
	uint32_t checkpoints;
	size_t checkpoint_bytes; /* what they hold */
	size_t bytes;            /* all the run holds (sim_bytes) */
};
void sim_progress(const struct sim *s, struct sim_progress *out);
/* Runs the frontier on by up to n events, then brings the present back to
 * just after the record it was at (sim_seek_record); returns 1 while the
 * run has more to do.  With checkpoints on, this is cheap to call between
 * frames. */
int sim_extend(struct sim *s, uint64_t n);

/* ---- Snapshots: what the window and netstat show at the present ---- */

struct snap_timer {
	int kind;           /* enum timer_kind */
	simtime_t armed_at; /* when it was (re)started */
	simtime_t expiry;
	uint32_t attempt; /* retransmit: 1 for the first retransmission */
	int holds;        /* retransmit (linux): what it holds, enum snap_rtx_hold */
};

/* What a linux retransmit timer holds: Linux arms one timer slot for the
 * RTO, the tail loss probe and RACK's reordering timer (tcp_rearm_rto,
 * tcp_schedule_loss_probe, tcp_rack_reo_timeout: ICSK_TIME_RETRANS,
 * ICSK_TIME_LOSS_PROBE, ICSK_TIME_REO_TIMEOUT). */
enum snap_rtx_hold { SNAP_RTX_RTO, SNAP_RTX_PROBE, SNAP_RTX_REORDER };

struct snap_sock {
	int32_t handle; /* engine socket handle */
	int ordinal;    /* N of HOST.N */
	int state;
	int listener; /* 1: a listening socket */
	int current;  /* 1: the host's current connection */
	int orphan;   /* the application has closed it */
	uint32_t laddr, raddr;
	uint16_t lport, rport;
	uint32_t iss, irs;
	uint32_t snd_una, snd_nxt, snd_wnd, rcv_nxt, rcv_wnd;
	uint32_t send_unsent;   /* queued by the application, not yet sent */
	uint32_t send_inflight; /* sent, not yet acknowledged */
	uint32_t recv_unread;   /* received, not yet read (netstat's Recv-Q) */
	uint64_t bytes_sent, bytes_acked, bytes_received;
	uint32_t sndbuf, rcvbuf;
	int syn_queue, accept_queue, backlog; /* listeners */
	int err;                              /* last error given to the application */
	int reading;                          /* the application reads what arrives */
	int ntimers;
	struct snap_timer timers[TIMER_COUNT];
};

struct snap_host {
	char name[SCN_NAME_MAX];
	uint32_t addr;
	int crashed;
	int nsocks; /* live sockets, creation order */
	struct snap_sock *socks;
	int state_count[TCPS_COUNT];
	int current; /* index into socks, -1 when none is live */
};

struct snapshot {
	simtime_t now;
	uint32_t trace_pos; /* records produced up to the present */
	int nhosts;
	struct snap_host hosts[SCN_MAX_HOSTS];
};

/* Fills *out for the present; reuses out's arrays (zero it the first time).
 * Returns 0, or -1 when out of memory (out then lists no sockets). */
int sim_snapshot(const struct sim *s, struct snapshot *out);
void snapshot_free(struct snapshot *snap);

/* ---- Expectations ---- */

struct sim_verdict {
	int judged; /* 0 until its moment has come */
	int held;
	simtime_t t;  /* when it was judged */
	int seen;     /* the state, count or errno found */
	int32_t sock; /* a state expectation: the socket judged, -1 when it never existed */
	int nsocks;   /* ... and then how many sockets its host had made */
};

/* What only a run reveals about the scenario's own lines: how often drop or
 * delay line i (scenario.faults[i]) acted on a segment, and whether `note
 * on` line i was shown.  After a checkpoint restore (the window's seeks)
 * the count is that of the present pass, but never 0 for a line that
 * acted in an earlier one. */
uint32_t sim_fault_hits(const struct sim *s, int i);
int sim_note_shown(const struct sim *s, int i);

/* One verdict per scenario expect line, in file order. */
const struct sim_verdict *sim_verdicts(const struct sim *s);
/* "expectation held" or "expected TIME_WAIT, was FIN_WAIT_2 at 1.200s". */
void sim_verdict_text(const struct sim *s, int i, char *buf, size_t size);

#endif
