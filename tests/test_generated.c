/* test_generated: valid random scenarios (tests/gen/gen.c) for seeds
 * 1..5000 (1..300 in the sanitized build), each written as text, parsed
 * with scn_parse(), run with a bound and checked by tests/gen/trace_check.c;
 * then run again with checkpoints, which must give the same trace text
 * byte for byte, and sought back to a few records, which must give the
 * same snapshots as a fresh run going forward.
 *
 *   test_generated                 the default seeds
 *   test_generated FIRST LAST      seeds FIRST..LAST (also TCPSIM_GEN_SEEDS=FIRST-LAST)
 *   test_generated --print SEED    the scenario of one seed, as text
 *
 * A failure prints the seed, what broke and the scenario text. */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gen/gen.h"
#include "gen/trace_check.h"
#include "output.h"
#include "scenario.h"
#include "segment.h"
#include "sim.h"
#include "tcpstate.h"
#include "trace.h"

#ifdef TCPSIM_SANITIZED
#define DEFAULT_LAST 500
#if defined(__has_include)
#if __has_include(<sanitizer/common_interface_defs.h>)
#include <sanitizer/common_interface_defs.h>
#define HAVE_DEATH_CALLBACK 1
#endif
#endif
#else
#define DEFAULT_LAST 5000
#endif

/* A run that takes more steps than this is a hang. */
#define MAX_STEPS 400000

/* Seeds that fail today because of a known bug, each listed with its bug
 * in tests/fuzz/repro/README.md; remove a line when its bug is fixed. */
static const struct {
	uint64_t seed;
	const char *bug;
} known_bad[] = {
    {3322, "FIN forgotten by the retransmission timer (repro/fin-forgotten.tcps)"},
    {0, NULL},
};

/* The seed being run, for the message when the process dies. */
static volatile uint64_t current_seed;

static void say_seed(void)
{
	char b[160];
	int n = snprintf(b, sizeof b,
	                 "test_generated: died during seed %" PRIu64
	                 "; see it with: test_generated --print %" PRIu64 "\n",
	                 (uint64_t)current_seed, (uint64_t)current_seed);
	if (n > 0 && write(2, b, (size_t)n) < 0)
		return;
}

static void on_signal(int sig)
{
	say_seed();
	signal(sig, SIG_DFL);
	raise(sig);
}

#ifdef TCPSIM_SANITIZED
/* UBSan's own runtime ends the process without the death callback; make it
 * abort, so that on_signal names the seed (UBSAN_OPTIONS may still say
 * otherwise). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "abort_on_error=1";
}
#endif

static const char *known_bug(uint64_t seed)
{
	for (size_t i = 0; i < sizeof known_bad / sizeof *known_bad; i++)
		if (known_bad[i].bug && known_bad[i].seed == seed)
			return known_bad[i].bug;
	return NULL;
}

/* The whole text trace of a run, in memory; NULL when out of memory. */
static char *trace_text(const struct scenario *scn, struct sim *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	struct fmt_opts fo = {.absolute = 0, .at_host = -1};
	int rc = out_trace(f, scn, sim_trace(s), &fo);
	if (fclose(f) != 0 || rc != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static uint64_t mix(uint64_t x)
{
	x ^= x >> 31;
	x *= 0x9e3779b97f4a7c15ull;
	x ^= x >> 29;
	return x;
}

struct outcome {
	int failed;
	char why[4096];
};

static void why(struct outcome *o, const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(o->why);
	snprintf(o->why + n, sizeof o->why - n, fmt, a, b);
	o->failed = 1;
}

/* Runs one seed's scenario through every check. */
static void run_seed(uint64_t seed, const char *text, size_t len, struct tc_stats *st,
                     struct outcome *o)
{
	char path[64], msg[3000];
	snprintf(path, sizeof path, "gen-%" PRIu64 ".tcps", seed);
	struct scenario scn;
	struct scn_diags d = {0};
	if (scn_parse(path, text, len, &scn, &d) != 0) {
		char *buf = NULL;
		size_t blen = 0;
		FILE *f = open_memstream(&buf, &blen);
		if (f) {
			scn_diags_print(&d, path, f);
			fclose(f);
		}
		why(o, "a generated scenario does not parse (a generator or parser bug):\n%s%s",
		    buf ? buf : "", "");
		free(buf);
		scn_diags_free(&d);
		return;
	}
	scn_diags_free(&d);
	struct tc_opts opts = {.max_steps = MAX_STEPS, .until = 0};
	struct tc_run run;
	if (tc_run(&scn, &opts, &run) != 0) {
		why(o, "out of memory%s%s\n", "", "");
		tc_run_free(&run);
		scn_free(&scn);
		return;
	}
	if (run.hung) {
		char t[32];
		simtime_fmt(t, sizeof t, sim_now(run.sim));
		why(o,
		    "hang: still running after "
		    "400000"
		    " steps, at %ss%s\n",
		    t, "");
	}
	if (tc_check(&scn, &run, st, msg, sizeof msg))
		why(o, "invariants broken:\n%s%s", msg, "");

	/* Again with checkpoints: the same text, byte for byte. */
	struct sim_options so = {0};
	so.checkpoints = 1;
	so.checkpoint_every = 1 + (uint32_t)(mix(seed) % 64);
	struct sim *cp = sim_new(&scn, &so);
	uint64_t steps = 0;
	while (cp && steps < MAX_STEPS && sim_step(cp))
		steps++;
	size_t la = 0, lb = 0;
	char *ta = trace_text(&scn, run.sim, &la);
	char *tb = cp ? trace_text(&scn, cp, &lb) : NULL;
	if (!ta || !tb) {
		why(o, "out of memory formatting the trace%s%s\n", "", "");
	} else if (la != lb || memcmp(ta, tb, la) != 0) {
		size_t at = 0;
		while (at < la && at < lb && ta[at] == tb[at])
			at++;
		char where[64];
		snprintf(where, sizeof where, "%zu", at);
		why(o, "same seed, different trace: the checkpointed run differs from byte %s%s\n",
		    where, "");
	}
	free(ta);
	free(tb);

	/* Seeking back through the checkpoints lands where going forward does. */
	const struct trace *tr = sim_trace(run.sim);
	if (cp && !run.hung && tr->n > 0) {
		int64_t ks[4];
		uint64_t x = mix(seed ^ 0xabcdef);
		for (int i = 0; i < 4; i++) {
			x = mix(x + (uint64_t)i);
			ks[i] = (int64_t)(x % tr->n);
		}
		if (tc_check_seek(&scn, cp, ks, 4, msg, sizeof msg))
			why(o, "checkpoints: %s%s\n", msg, "");
	}
	sim_free(cp);
	tc_run_free(&run);
	scn_free(&scn);
}

/* ---- the checker can fail: corrupt one thing in a good run ---- */

static const char good_text[] = "host client 10.0.0.1\n"
                                "host server 10.0.0.2\n"
                                "link delay=20ms\n"
                                "at 0s server listen 80\n"
                                "at 100ms client connect server:80\n"
                                "at 200ms client send 10000\n"
                                "at 300ms server send \"hello\"\n"
                                "at 1s client close\n"
                                "on server CLOSE_WAIT server close\n"
                                "expect 2s client TIME_WAIT\n"
                                "expect 2s server count LISTEN 1\n";

enum corruption {
	C_NONE,
	C_ARROW,      /* a state change labelled with the wrong arrow */
	C_ACK,        /* the last ACK one past the FIN */
	C_SEQ,        /* new data one byte past SND.MAX */
	C_BYTES,      /* the receiver's byte counter one short */
	C_TIME,       /* a record earlier than the one before */
	C_NO_ARRIVAL, /* an arrival missing */
	C_VERDICT,    /* a count verdict that disagrees with the trace */
	C_COUNT
};

static const char *const corruption_name[C_COUNT] = {"none",  "arrow", "ack",        "seq",
                                                     "bytes", "time",  "no arrival", "verdict"};

/* Returns the number of violations tc_check finds in the corrupted run. */
static int corrupted_run(int c)
{
	struct scenario scn;
	struct scn_diags d = {0};
	if (scn_parse("good.tcps", good_text, sizeof good_text - 1, &scn, &d) != 0) {
		scn_diags_print(&d, "good.tcps", stderr);
		scn_diags_free(&d);
		return -1;
	}
	scn_diags_free(&d);
	struct tc_opts opts = {.max_steps = MAX_STEPS, .until = 0};
	struct tc_run run;
	if (tc_run(&scn, &opts, &run) != 0) {
		scn_free(&scn);
		return -1;
	}
	/* A test's own run: the trace is the engine's, changed here on purpose. */
	struct trace *tr = (struct trace *)sim_trace(run.sim);
	int done = 0;
	for (uint32_t k = tr->n; k-- > 0 && !done;) {
		struct trace_rec *r = &tr->recs[k];
		struct trace_seg *g = r->seg >= 0 ? &tr->segs[r->seg] : NULL;
		switch (c) {
		case C_ARROW:
			if (r->kind == TR_STATE && r->sub == ARROW_SYNSENT_SYNACK)
				r->sub = ARROW_EST_FIN, done = 1;
			break;
		case C_ACK:
			if (r->kind == TR_SEG_SEND && g && g->from == 0 && (g->h.flags & TH_ACK) &&
			    !(g->h.flags & (TH_FIN | TH_SYN)))
				g->h.ack += 1, done = 1;
			break;
		case C_SEQ:
			if (r->kind == TR_SEG_SEND && g && g->from == 0 && g->h.len > 0 && !g->retx)
				g->h.seq += 1, done = 1;
			break;
		case C_BYTES:
			for (uint32_t h = 0; h < run.nbytes && !done; h++)
				if (run.bytes[h].received == 10000)
					run.bytes[h].received--, done = 1;
			break;
		case C_TIME:
			if (k > 0 && r->t > 0 && tr->recs[k - 1].t == r->t)
				tr->recs[k - 1].t = r->t + 1, done = 1;
			break;
		case C_NO_ARRIVAL:
			if (r->kind == TR_SEG_ARRIVE)
				r->kind = TR_INFO, r->sub = INFO_DUP_ACK, done = 1;
			break;
		case C_VERDICT:
			if (r->kind == TR_EXPECT &&
			    scn.expects[r->u.expect.index].kind == EXPECT_COUNT)
				r->u.expect.seen = 2, done = 1;
			break;
		default: done = 1; break;
		}
	}
	char msg[2000];
	int n = done ? tc_check(&scn, &run, NULL, msg, sizeof msg) : -1;
	if (c == C_NONE && n != 0)
		fprintf(stderr, "the good run breaks invariants:\n%s", msg);
	tc_run_free(&run);
	scn_free(&scn);
	return n;
}

/* Each corruption must be caught, and the good run must pass. */
static int checker_catches_corruption(void)
{
	int bad = 0;
	for (int c = 0; c < C_COUNT; c++) {
		int n = corrupted_run(c);
		if (c == C_NONE ? n != 0 : n <= 0) {
			fprintf(stderr, "checker self-test '%s': %d violations found\n",
			        corruption_name[c], n);
			bad = 1;
		}
	}
	return bad;
}

static int parse_range(const char *s, uint64_t *first, uint64_t *last)
{
	char *end;
	*first = strtoull(s, &end, 10);
	if (*end == '-')
		*last = strtoull(end + 1, &end, 10);
	else
		*last = *first;
	return *end == '\0' && *first <= *last ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint64_t first = 1, last = DEFAULT_LAST;
	struct gen_text text = {0};
	if (argc == 3 && strcmp(argv[1], "--print") == 0) {
		if (gen_scenario(strtoull(argv[2], NULL, 10), &text) != 0)
			return 2;
		fwrite(text.s, 1, text.len, stdout);
		gen_text_free(&text);
		return 0;
	}
	const char *env = getenv("TCPSIM_GEN_SEEDS");
	if (argc == 3) {
		first = strtoull(argv[1], NULL, 10);
		last = strtoull(argv[2], NULL, 10);
	} else if (argc == 2 || (env && *env)) {
		if (parse_range(argc == 2 ? argv[1] : env, &first, &last) != 0) {
			fprintf(stderr, "usage: test_generated [FIRST LAST] | --print SEED\n");
			return 2;
		}
	}
	int failures = checker_catches_corruption(), skipped = 0, shown = 0;
	struct tc_stats st = {0};
	clock_t t0 = clock();
	signal(SIGSEGV, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGFPE, on_signal);
#ifdef HAVE_DEATH_CALLBACK
	__sanitizer_set_death_callback(say_seed);
#endif
	for (uint64_t seed = first; seed <= last; seed++) {
		current_seed = seed;
		const char *bug = known_bug(seed);
		if (bug) {
			printf("seed %" PRIu64 ": skipped, known bug: %s\n", seed, bug);
			skipped++;
			continue;
		}
		if (gen_scenario(seed, &text) != 0) {
			fprintf(stderr, "seed %" PRIu64 ": out of memory\n", seed);
			failures++;
			continue;
		}
		struct outcome o;
		o.failed = 0;
		o.why[0] = '\0';
		run_seed(seed, text.s, text.len, &st, &o);
		if (!o.failed)
			continue;
		failures++;
		fprintf(stderr, "FAIL seed %" PRIu64 " (test_generated --print %" PRIu64 "):\n%s",
		        seed, seed, o.why);
		if (shown++ < 3)
			fprintf(stderr, "--- the scenario:\n%s--- end of seed %" PRIu64 "\n",
			        text.s, seed);
	}
	gen_text_free(&text);
	printf("test_generated: seeds %" PRIu64 "..%" PRIu64 ", %d failed, %d skipped (%.1f s)\n",
	       first, last, failures, skipped, (double)(clock() - t0) / CLOCKS_PER_SEC);
	printf("checked %" PRIu64 " records, %" PRIu64 " segments, %" PRIu64
	       " clean closes byte by byte, %" PRIu64 " ACKs against the peer's SND.MAX\n",
	       st.records, st.segments, st.clean_closes, st.peer_acks);
	/* Not vacuous: a long enough range must see clean closes. */
	if (last - first >= 100 && st.clean_closes == 0) {
		fprintf(stderr, "test_generated: no clean close in the whole range\n");
		return 1;
	}
	return failures ? 1 : 0;
}
