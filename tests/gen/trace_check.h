/* trace_check: runs a parsed scenario with a bound and checks invariants
 * that every run must keep, from its trace and the engine's own counters.
 * Used by tests/test_generated.c (generated scenarios) and by the
 * parse-and-run fuzz target (tests/fuzz/fuzz_run.c).  Public headers only.
 *
 * The invariants (tc_check):
 *  - records in time order, none after the run's end;
 *  - every TR_STATE follows the arrow table (tcp_arrow: from, to) and
 *    continues from the socket's previous state; a deleted socket never
 *    changes state again;
 *  - no segment from a socket in CLOSED (deleted) except RST;
 *  - a socket's SYNs all carry its ISS, its FINs all sit at one sequence
 *    number, new data starts at SND.MAX (no hole), its ACK numbers never go
 *    back and never pass what reached it; with one incarnation of the
 *    4-tuple and no forged segments, no ACK covers data its peer has not
 *    sent (ack <= the peer's SND.MAX);
 *  - every segment arrives once, at its arrival time, unless lost; a lost
 *    one never arrives; every due arrival happened by the end of the run;
 *  - timers: an arm never expires in the past; TIME_WAIT, FIN_WAIT_2,
 *    keepalive and persist fire exactly at their expiry; TIME_WAIT lasts
 *    2*MSL (from its last restart) unless reset, reopened or crashed;
 *  - an ok `send` only in SYN_SENT, SYN_RCVD, ESTABLISHED or CLOSE_WAIT;
 *  - each expect line judged exactly once, at its time; `count` and state
 *    verdicts agree with the socket states rebuilt from the trace;
 *  - on a clean close (both ends took the peer's FIN, left through FIN
 *    arrows or sit in TIME_WAIT, no RST, no crash, no forged segment):
 *    every byte sent arrives once and in order: the receiver's byte
 *    counter equals the bytes the sender's application queued, the FIN
 *    sits right after them, the receiver ACKs exactly the FIN. */
#ifndef TCPSIM_TRACE_CHECK_H
#define TCPSIM_TRACE_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "sim.h"

struct tc_opts {
	uint64_t max_steps; /* sim_step calls before the run counts as a hang */
	simtime_t until;    /* sim_options.until; 0 = the scenario's own end */
};

/* The engine's byte counters of one socket, as last seen alive. */
struct tc_bytes {
	uint64_t sent, acked, received;
};

struct tc_run {
	struct sim *sim;
	uint64_t steps;
	int hung;    /* stopped by max_steps before the run was over */
	int stopped; /* the engine stopped it (a budget, a loop): sim_error */
	int cut;     /* o->until cut the run before its end: nothing after it is judged */
	struct tc_bytes *bytes; /* indexed by socket handle */
	uint32_t nbytes;
};

/* Runs scn step by step with the engine's event budget set to
 * o->max_steps (so a runaway run stops with the engine's own located
 * error: r->stopped), reading every live socket's byte counters after each
 * step; max_steps is also a backstop for the harness (r->hung).  Returns
 * 0, or -1 when out of memory. */
int tc_run(const struct scenario *scn, const struct tc_opts *o, struct tc_run *r);
void tc_run_free(struct tc_run *r);

/* How much a check looked at (so a test can tell it is not vacuous). */
struct tc_stats {
	uint64_t records, segments;
	uint64_t clean_closes; /* connections whose bytes were accounted */
	uint64_t peer_acks;    /* ACKs checked against the peer's SND.MAX */
};

/* Checks the invariants above on a finished (or stopped) run.  Returns the
 * number of violations; the first ones, one per line, go to msg.  Adds to
 * *st when st is not NULL. */
int tc_check(const struct scenario *scn, const struct tc_run *r, struct tc_stats *st, char *msg,
             size_t size);

/* Seeks the checkpointed run `cp` (same scenario, checkpoints on, run to
 * the end) to each of the records ks[0..n) in the given order, and compares
 * its snapshot with the one a fresh run reaches going forward.  Returns the
 * number of mismatches, described in msg. */
int tc_check_seek(const struct scenario *scn, struct sim *cp, const int64_t *ks, int n, char *msg,
                  size_t size);

/* Compares two snapshots; 0 when equal, else writes the first difference. */
int tc_snap_diff(const struct snapshot *a, const struct snapshot *b, char *msg, size_t size);

#endif
