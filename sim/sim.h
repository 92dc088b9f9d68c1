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

struct sim_options {
	int seed_set; /* 1: use seed instead of the scenario's */
	uint64_t seed;
	int checkpoints;           /* 1: keep checkpoints for fast seeking back */
	uint32_t checkpoint_every; /* queue events between checkpoints; 0 = 256 */
	int until_set;             /* 1: cut the run at `until` */
	simtime_t until;           /* every event at or before it runs, nothing after; nothing
	                              after it is judged (an `expect end` stays unjudged) */
	int no_trace_timers;       /* bench: skip TR_TIMER_ARM records */
};

/* Creates an engine at time 0 for scn (which must outlive it).  opt may be
 * NULL.  Returns NULL only when out of memory. */
struct sim *sim_new(const struct scenario *scn, const struct sim_options *opt);
void sim_free(struct sim *s);

/* Why a run stopped before its end (sim_error()). */
enum sim_error {
	SIM_OK,
	SIM_ERR_NOMEM, /* memory ran out: the trace so far is intact */
};

/* SIM_OK, or why the run stopped early; a stopped run is done. */
int sim_error(const struct sim *s);
/* "out of memory" */
const char *sim_error_text(int error);

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

/* ---- Snapshots: what the window and netstat show at the present ---- */

struct snap_timer {
	int kind;           /* enum timer_kind */
	simtime_t armed_at; /* when it was (re)started */
	simtime_t expiry;
	uint32_t attempt; /* retransmit: 1 for the first retransmission */
};

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
	simtime_t t; /* when it was judged */
	int seen;    /* the state, count or errno found */
};

/* One verdict per scenario expect line, in file order. */
const struct sim_verdict *sim_verdicts(const struct sim *s);
/* "expectation held" or "expected TIME_WAIT, was FIN_WAIT_2 at 1.200s". */
void sim_verdict_text(const struct sim *s, int i, char *buf, size_t size);

#endif
