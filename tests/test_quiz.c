/* test_quiz: the quiz's questions (sim/out/quiz.c) built from the traces of
 * shipped lessons, checked against the state changes those traces hold
 * (read with `tcpsim trace`): which changes are asked, their choices (the
 * diagram's arrows out of the old state) and answers, and the why. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "narrate.h"
#include "out/quiz.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"
#include "tcpstate.h"

struct run {
	struct scenario scn;
	struct sim *sim;
	const struct trace *tr;
};

static int run_lesson(struct run *r, const char *name, const struct sim_options *o)
{
	char path[512];
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	snprintf(path, sizeof path, "%s/scenarios/%s", src ? src : "..", name);
	struct scn_diags d = {0};
	int rc = scn_load_file(path, &r->scn, &d);
	if (rc != 0)
		scn_diags_print(&d, path, stderr);
	scn_diags_free(&d);
	CHECK(rc == 0);
	if (rc != 0)
		return -1;
	r->sim = sim_new(&r->scn, o);
	sim_run(r->sim);
	r->tr = sim_trace(r->sim);
	return 0;
}

static void run_free(struct run *r)
{
	sim_free(r->sim);
	scn_free(&r->scn);
}

/* "client SYN_SENT: CLOSED SYN_RCVD [ESTABLISHED]": who, the state it
 * leaves, the choices with the answer in brackets. */
static void describe(const struct run *r, const struct quiz_question *q, char *buf, size_t size)
{
	const struct trace_rec *rec = &r->tr->recs[q->rec];
	size_t n = (size_t)snprintf(buf, size, "%s %s:", r->scn.hosts[q->host].name,
	                            tcps_name(rec->u.state.from));
	for (int i = 0; i < q->nchoices && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, i == q->answer ? " [%s]" : " %s",
		                      q->choice[i]);
}

/* Keeps the QUIZ_NEXT_STATE questions only (a lesson's ask lines are
 * tested below). */
static void next_state_only(struct quiz *qz)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < qz->n; i++)
		if (qz->q[i].kind == QUIZ_NEXT_STATE)
			qz->q[n++] = qz->q[i];
	qz->n = n;
}

static void check_questions(const struct run *r, const struct quiz *qz, const char *const *want,
                            int nwant)
{
	CHECK_INT(qz->n, nwant);
	for (uint32_t i = 0; i < qz->n && (int)i < nwant; i++) {
		const struct quiz_question *q = &qz->q[i];
		char got[256];
		describe(r, q, got, sizeof got);
		CHECK_STR(got, want[i]);
		CHECK_INT(q->kind, QUIZ_NEXT_STATE);
		CHECK_INT(r->tr->recs[q->rec].kind, TR_STATE);
		CHECK_INT(q->t, r->tr->recs[q->rec].t);
		CHECK_INT(q->sock, r->tr->recs[q->rec].sock);
		CHECK_INT(q->line, 0);
		/* the answer is the state the change entered */
		CHECK(q->answer >= 0 &&
		      strcmp(q->choice[q->answer], tcps_name(r->tr->recs[q->rec].u.state.to)) == 0);
		char text[1024];
		narrate(&r->scn, r->tr, q->reveal, text, sizeof text);
		CHECK(q->why[0] != '\0');
		CHECK_STR(q->why, text);
		if (i > 0)
			CHECK(q->rec > qz->q[i - 1].rec);
	}
	if ((int)qz->n != nwant)
		for (uint32_t i = 0; i < qz->n; i++) {
			char got[256];
			describe(r, &qz->q[i], got, sizeof got);
			fprintf(stderr, "  question %u: %s\n", i, got);
		}
}

/* Lesson 2's whole life: every change but LAST_ACK -> CLOSED and
 * TIME_WAIT -> CLOSED (one way out) is a question. */
static void test_connection_life(void)
{
	static const char *const want[] = {
	    "server CLOSED: [LISTEN] SYN_SENT",
	    "client CLOSED: LISTEN [SYN_SENT]",
	    "server LISTEN: CLOSED SYN_SENT [SYN_RCVD]",
	    "client SYN_SENT: CLOSED SYN_RCVD [ESTABLISHED]",
	    "server SYN_RCVD: CLOSED LISTEN [ESTABLISHED] FIN_WAIT_1 CLOSE_WAIT",
	    "client ESTABLISHED: CLOSED [FIN_WAIT_1] CLOSE_WAIT",
	    "server ESTABLISHED: CLOSED FIN_WAIT_1 [CLOSE_WAIT]",
	    "client FIN_WAIT_1: CLOSED [FIN_WAIT_2] CLOSING TIME_WAIT",
	    "server CLOSE_WAIT: CLOSED [LAST_ACK]",
	    "client FIN_WAIT_2: CLOSED [TIME_WAIT]",
	};
	struct run r;
	if (run_lesson(&r, "02-connection-life.tcps", NULL) < 0)
		return;
	struct quiz qz = {0};
	CHECK_INT(quiz_build(&qz, &r.scn, r.tr, NULL), 0);
	next_state_only(&qz);
	check_questions(&r, &qz, want, (int)(sizeof want / sizeof *want));
	if (qz.n >= 2) {
		CHECK_STR(qz.q[1].text, "What state does the client enter next?");
		CHECK_STR(qz.q[0].text, "What state does the server enter next?");
	}
	quiz_free(&qz);
	run_free(&r);
}

/* Lesson 20: resets.  The default follows each host's newest socket (the
 * server's second and third connections in turn); following the listener
 * asks only its one change. */
static void test_resets_and_follow(void)
{
	static const char *const want[] = {
	    "server CLOSED: [LISTEN] SYN_SENT",
	    "client CLOSED: LISTEN [SYN_SENT]",
	    "server LISTEN: CLOSED SYN_SENT [SYN_RCVD]",
	    "client SYN_SENT: CLOSED SYN_RCVD [ESTABLISHED]",
	    "server SYN_RCVD: CLOSED LISTEN [ESTABLISHED] FIN_WAIT_1 CLOSE_WAIT",
	    "client ESTABLISHED: [CLOSED] FIN_WAIT_1 CLOSE_WAIT",
	    "server ESTABLISHED: [CLOSED] FIN_WAIT_1 CLOSE_WAIT",
	    "client CLOSED: LISTEN [SYN_SENT]",
	    "server LISTEN: CLOSED SYN_SENT [SYN_RCVD]",
	    "client SYN_SENT: CLOSED SYN_RCVD [ESTABLISHED]",
	    "server SYN_RCVD: CLOSED LISTEN [ESTABLISHED] FIN_WAIT_1 CLOSE_WAIT",
	    "server ESTABLISHED: [CLOSED] FIN_WAIT_1 CLOSE_WAIT",
	};
	struct run r;
	if (run_lesson(&r, "20-rst-in-the-middle.tcps", NULL) < 0)
		return;
	struct quiz qz = {0};
	int32_t none[2] = {-1, -1};
	CHECK_INT(quiz_build(&qz, &r.scn, r.tr, none), 0);
	next_state_only(&qz);
	check_questions(&r, &qz, want, (int)(sizeof want / sizeof *want));

	/* follow the listener (the server's first socket) and the client's
	 * first connection */
	int32_t follow[2] = {-1, -1};
	for (uint32_t h = 0; h < r.tr->nsocks; h++) {
		int host = r.tr->socks[h].host;
		if (r.tr->socks[h].ordinal == 1 && follow[host] < 0)
			follow[host] = (int32_t)h;
	}
	CHECK(follow[0] >= 0 && follow[1] >= 0);
	static const char *const want_followed[] = {
	    "server CLOSED: [LISTEN] SYN_SENT",
	    "client CLOSED: LISTEN [SYN_SENT]",
	    "client SYN_SENT: CLOSED SYN_RCVD [ESTABLISHED]",
	    "client ESTABLISHED: [CLOSED] FIN_WAIT_1 CLOSE_WAIT",
	};
	CHECK_INT(quiz_build(&qz, &r.scn, r.tr, follow), 0);
	next_state_only(&qz);
	check_questions(&r, &qz, want_followed,
	                (int)(sizeof want_followed / sizeof *want_followed));
	quiz_free(&qz);
	run_free(&r);
}

/* The one rule for the choices: every arrow of the table out of a state,
 * and nothing else. */
static void test_next_states(void)
{
	for (int st = 0; st < TCPS_COUNT; st++) {
		int next[TCPS_COUNT];
		int n = tcp_next_states(st, next);
		for (int a = 0; a < ARROW_COUNT; a++) {
			const struct tcp_arrow_info *x = tcp_arrow(a);
			if (x->from == st && x->to != st) {
				int found = 0;
				for (int i = 0; i < n; i++)
					found |= next[i] == x->to;
				CHECK(found);
			}
		}
		for (int i = 0; i < n; i++)
			CHECK(next[i] != st);
	}
	int next[TCPS_COUNT];
	CHECK_INT(tcp_next_states(TCPS_TIME_WAIT, next), 1);
	CHECK_INT(next[0], TCPS_CLOSED);
	CHECK_INT(tcp_next_states(TCPS_CLOSED, next), 2);
}

/* A shipped lesson with ask lines added after its last line; *first: the
 * line number of the first of them. */
static int run_with_asks(struct run *r, const char *name, const char *asks, int *first)
{
	char path[512];
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	snprintf(path, sizeof path, "%s/scenarios/%s", src ? src : "..", name);
	FILE *f = fopen(path, "rb");
	CHECK(f != NULL);
	if (!f)
		return -1;
	static char text[1 << 16];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	*first = 1;
	for (size_t i = 0; i < n; i++)
		*first += text[i] == '\n';
	size_t m = strlen(asks);
	CHECK(n + m < sizeof text);
	memcpy(text + n, asks, m);
	struct scn_diags d = {0};
	int rc = scn_parse(path, text, n + m, &r->scn, &d);
	if (rc != 0)
		scn_diags_print(&d, path, stderr);
	scn_diags_free(&d);
	CHECK(rc == 0);
	if (rc != 0)
		return -1;
	r->sim = sim_new(&r->scn, NULL);
	sim_run(r->sim);
	r->tr = sim_trace(r->sim);
	return 0;
}

/* The QUIZ_ASK question of line `line`, or NULL. */
static const struct quiz_question *ask_at(const struct quiz *qz, int line)
{
	for (uint32_t i = 0; i < qz->n; i++)
		if (qz->q[i].kind == QUIZ_ASK && qz->q[i].line == line)
			return &qz->q[i];
	return NULL;
}

/* The answer of the ask on line `line` (its choice, or "-" when none of
 * them), what the run gave, and the time of the record that revealed it. */
static void check_ask(const struct run *r, const struct quiz *qz, int line, const char *answer,
                      const char *got, simtime_t reveal_t, int reveal_kind)
{
	const struct quiz_question *q = ask_at(qz, line);
	CHECK(q != NULL);
	if (!q) {
		fprintf(stderr, "  no question for line %d\n", line);
		return;
	}
	CHECK_INT(r->tr->recs[q->rec].kind, TR_ASK);
	CHECK_INT(q->ask >= 0 && q->ask < r->scn.nasks, 1);
	CHECK_STR(q->text, r->scn.asks[q->ask].when.text);
	CHECK_STR(q->answer >= 0 ? q->choice[q->answer] : "-", answer);
	CHECK_STR(q->got, got);
	CHECK_INT(r->tr->recs[q->reveal].t, reveal_t);
	CHECK_INT(r->tr->recs[q->reveal].kind, reveal_kind);
	CHECK(q->reveal >= q->rec || r->scn.asks[q->ask].answer == ANSWER_WRITTEN);
	if (!r->scn.asks[q->ask].why && q->reveal != q->rec) {
		char text[1024];
		narrate(&r->scn, r->tr, q->reveal, text, sizeof text);
		CHECK_STR(q->why, text);
	}
}

#define MS 1000

/* Lesson 9 (the last ACK is lost), asked about with every derived answer;
 * the answers are what its trace shows (tcpsim trace): the client closes
 * at 3 s, the server's delayed ACK of the FIN leaves at 3.064 s, its FIN
 * comes again at 3.364 s after the last ACK was lost, TIME_WAIT ends at
 * 64.824 s. */
static void test_derived_answers(void)
{
	static const char asks[] =
	    "ask on client loses ACK \"Who resends first?\" choices client server none "
	    "answer first-retransmit\n"
	    "ask on client TIME_WAIT \"How long?\" choices 4s 60s 120s answer state-lasts client\n"
	    "ask 2.5s \"Who closes first?\" choices client server answer first-fin\n"
	    "ask 2.5s \"Server next?\" choices CLOSE_WAIT FIN_WAIT_1 LAST_ACK answer next-state "
	    "server\n"
	    "ask on client FIN_WAIT_1 \"Server sends?\" choices FIN ACK RST answer next-segment "
	    "server\n"
	    "ask on client FIN_WAIT_1 \"Client next?\" choices FIN_WAIT_2 CLOSING answer "
	    "next-state client\n"
	    "ask 0.5s \"Written\" choices yes no answer no why \"Because.\"\n"
	    "ask on client error ECONNRESET \"Never\" choices a b answer a\n"
	    "ask 2.5s \"Who resets?\" choices client server answer first-rst\n"
	    "ask 2.5s \"Error?\" choices ECONNRESET none answer next-error client\n"
	    "ask 2.5s \"Lost?\" choices client server answer first-loss\n";
	struct run r;
	int l;
	if (run_with_asks(&r, "09-time-wait-lost-last-ack.tcps", asks, &l) < 0)
		return;
	struct quiz qz = {0};
	CHECK_INT(quiz_build(&qz, &r.scn, r.tr, NULL), 0);
	check_ask(&r, &qz, l, "server", "server", 3364 * MS, TR_SEG_SEND);
	check_ask(&r, &qz, l + 1, "60s", "61.684s", 64824 * MS, TR_STATE);
	check_ask(&r, &qz, l + 2, "client", "client", 3000 * MS, TR_SEG_SEND);
	check_ask(&r, &qz, l + 3, "CLOSE_WAIT", "CLOSE_WAIT", 3020 * MS, TR_STATE);
	check_ask(&r, &qz, l + 4, "ACK", "ACK", 3064 * MS, TR_SEG_SEND);
	check_ask(&r, &qz, l + 5, "FIN_WAIT_2", "FIN_WAIT_2", 3084 * MS, TR_STATE);
	check_ask(&r, &qz, l + 6, "no", "", 500 * MS, TR_ASK);
	CHECK(ask_at(&qz, l + 7) == NULL); /* never came */
	check_ask(&r, &qz, l + 8, "-", "none", 2500 * MS, TR_ASK);
	check_ask(&r, &qz, l + 9, "none", "none", 2500 * MS, TR_ASK);
	check_ask(&r, &qz, l + 10, "client", "client", 3140 * MS, TR_SEG_LOST);
	const struct quiz_question *w = ask_at(&qz, l + 6);
	if (w)
		CHECK_STR(w->why, "Because.");
	if ((w = ask_at(&qz, l + 8)))
		CHECK_STR(w->why, "No host sends a RST after this point.");
	if ((w = ask_at(&qz, l + 9)))
		CHECK_STR(w->why, "No error reaches the client's application after this point.");

	/* the run's warnings: the ask that never came, the answer none of
	 * the choices */
	struct run_warning v[16];
	int n = out_warnings(r.sim, v, 16), seen = 0;
	for (int i = 0; i < n && i < 16; i++) {
		if (v[i].line == l + 7) {
			seen |= 1;
			CHECK_INT(v[i].col, 1);
			CHECK_STR(v[i].msg,
			          "this ask never came: no ECONNRESET reached the client in "
			          "this run");
		}
		if (v[i].line == l + 8) {
			seen |= 2;
			CHECK_INT(v[i].col, 53); /* first-rst */
		}
		CHECK(v[i].line < l || v[i].line == l + 7 || v[i].line == l + 8);
	}
	CHECK_INT(seen, 3);
	quiz_free(&qz);
	run_free(&r);
}

/* Every ask line of every shipped lesson comes in its run and has its
 * answer among its choices; at least five lessons ask. */
static void test_shipped_lessons_ask(void)
{
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	char dir[512];
	snprintf(dir, sizeof dir, "%s/scenarios", src ? src : "..");
	DIR *dp = opendir(dir);
	CHECK(dp != NULL);
	if (!dp)
		return;
	int asking = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 5, ".tcps") != 0)
			continue;
		struct run r;
		if (run_lesson(&r, e->d_name, NULL) < 0)
			continue;
		if (r.scn.nasks > 0) {
			asking++;
			struct quiz qz = {0};
			CHECK_INT(quiz_build(&qz, &r.scn, r.tr, NULL), 0);
			for (int i = 0; i < r.scn.nasks; i++) {
				const struct quiz_question *q =
				    ask_at(&qz, r.scn.asks[i].when.line);
				CHECK(q != NULL && q->answer >= 0 && q->why[0]);
				if (!q || q->answer < 0 || !q->why[0])
					fprintf(stderr, "  %s:%d: the ask %s\n", e->d_name,
					        r.scn.asks[i].when.line,
					        q ? "has no answer among its choices"
					          : "never came");
			}
			quiz_free(&qz);
		}
		run_free(&r);
	}
	closedir(dp);
	CHECK(asking >= 5);
}

int main(void)
{
	RUN(test_next_states);
	RUN(test_connection_life);
	RUN(test_resets_and_follow);
	RUN(test_derived_answers);
	RUN(test_shipped_lessons_ask);
	return check_report("test_quiz");
}
