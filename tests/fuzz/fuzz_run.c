/* fuzz_run: parse and, when the text parses, run it with a bound, check the
 * invariants of tests/gen/trace_check.h, seek back through checkpoints, and
 * drive every output on the finished trace (text trace of each view,
 * netstat and ss tables, SVG, pcap, narration of every record, verdict
 * texts, the quiz and its sheet, the run's warnings) into null streams.  Driven by libFuzzer
 * (scripts/fuzz run) or by fuzz_replay.c (CTest). */
#include <string.h>

#include "fuzz.h"
#include "gen/trace_check.h"
#include "narrate.h"
#include "out/quiz.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"

/* A run gets the engine's event budget of FUZZ_MAX_STEPS events (and at
 * most an hour): a runaway input stops with the engine's located error,
 * which is checked, never a hang. */
#define FUZZ_MAX_STEPS 20000
#define FUZZ_UNTIL (3600 * SIMTIME_S)
/* Seek checks cost a second run: only for traces up to this size. */
#define FUZZ_SEEK_MAX_RECORDS 20000

static void drive_outputs(const struct scenario *scn, struct sim *s)
{
	const struct trace *tr = sim_trace(s);
	FILE *null = fuzz_null();
	for (int view = -1; view < scn->nhosts; view++) {
		struct fmt_opts fo = {.absolute = view == 0, .at_host = view};
		FUZZ_CHECK(out_trace(null, scn, tr, &fo) == 0, "out_trace view %d", view);
	}
	char buf[2048];
	for (uint32_t k = 0; k < tr->n; k++) {
		int n = narrate(scn, tr, k, buf, sizeof buf);
		FUZZ_CHECK(n >= 0 && (size_t)n < sizeof buf && strlen(buf) == (size_t)n,
		           "narrate %u: %d", k, n);
	}
	struct fmt_ctx *c = fmt_ctx_new(scn, tr);
	FUZZ_CHECK(c != NULL, "fmt_ctx_new");
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		fmt_seg_label(c, i, buf, sizeof buf);
		fmt_segment(c, i, (int)(i & 1), buf, sizeof buf);
	}
	fmt_ctx_free(c);
	struct snapshot snap;
	memset(&snap, 0, sizeof snap);
	sim_snapshot(s, &snap);
	FUZZ_CHECK(out_netstat(null, &snap, 0) == 0, "netstat");
	FUZZ_CHECK(out_netstat(null, &snap, 1) == 0, "ss");
	snapshot_free(&snap);
	FUZZ_CHECK(out_svg(null, scn, tr, 0, 0) == 0, "svg");
	simtime_t mid = sim_now(s) / 2;
	FUZZ_CHECK(out_svg(null, scn, tr, mid, mid + SIMTIME_S) == 0, "svg slice");
	char err[320];
	FUZZ_CHECK(out_pcap("/dev/null", scn, tr, -1, err, sizeof err) == 0, "pcap: %s", err);
	FUZZ_CHECK(out_pcap("/dev/null", scn, tr, 1, err, sizeof err) == 0, "pcap at 1: %s", err);
	for (int i = 0; i < scn->nexpects; i++)
		sim_verdict_text(s, i, buf, sizeof buf);
	struct quiz qz = {0};
	FUZZ_CHECK(quiz_build(&qz, scn, tr, NULL) == 0, "quiz_build");
	for (uint32_t i = 0; i < qz.n; i++)
		FUZZ_CHECK(qz.q[i].answer < qz.q[i].nchoices &&
		               qz.q[i].nchoices <= QUIZ_MAX_CHOICES,
		           "quiz question %u", i);
	FUZZ_CHECK(quiz_print(null, scn, &qz, 1) == 0, "quiz_print");
	quiz_free(&qz);
	struct run_warning w[8];
	out_warnings(s, w, 8);
}

/* Runs scn again with checkpoints and seeks back to a few records. */
static void check_seek(const struct scenario *scn, const struct trace *tr, uint64_t h)
{
	struct sim_options so = {0};
	so.checkpoints = 1;
	so.checkpoint_every = 1 + (uint32_t)(h % 40);
	so.until = FUZZ_UNTIL;
	struct sim *cp = sim_new(scn, &so);
	FUZZ_CHECK(cp != NULL, "sim_new");
	uint64_t steps = 0;
	while (steps < FUZZ_MAX_STEPS && sim_step(cp))
		steps++;
	int64_t ks[3] = {(int64_t)(h % tr->n), (int64_t)((h >> 20) % tr->n), 0};
	char msg[600];
	/* The reference run of tc_check_seek has no until: equal only when the
	 * scenario ends first, which it does for the runs that get here. */
	FUZZ_CHECK(tc_check_seek(scn, cp, ks, 3, msg, sizeof msg) == 0, "%s", msg);
	sim_free(cp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario scn;
	struct scn_diags d = {0};
	int n = scn_parse("fuzz.tcps", (const char *)data, size, &scn, &d);
	scn_diags_free(&d);
	if (n != 0)
		return 0;
	struct tc_opts o = {.max_steps = FUZZ_MAX_STEPS, .until = FUZZ_UNTIL};
	struct tc_run run;
	FUZZ_CHECK(tc_run(&scn, &o, &run) == 0, "tc_run out of memory");
	char msg[4000];
	int bad = tc_check(&scn, &run, NULL, msg, sizeof msg);
	FUZZ_CHECK(bad == 0, "\n%s", msg);
	if (run.stopped) {
		const char *m = sim_error_message(run.sim);
		FUZZ_CHECK(strncmp(m, "fuzz.tcps:", 10) == 0 && strstr(m, ": error: "),
		           "a stopped run must say where: %s", m);
	}
	drive_outputs(&scn, run.sim);
	const struct trace *tr = sim_trace(run.sim);
	simtime_t end = scn.end ? scn.end : 3600 * SIMTIME_S;
	if (!run.hung && !run.stopped && tr->n > 0 && tr->n <= FUZZ_SEEK_MAX_RECORDS &&
	    end <= FUZZ_UNTIL) {
		uint64_t h = 1469598103934665603ull;
		for (size_t i = 0; i < size; i++)
			h = (h ^ data[i]) * 1099511628211ull;
		check_seek(&scn, tr, h);
	}
	tc_run_free(&run);
	scn_free(&scn);
	return 0;
}
