/* test_quiz: the quiz's questions (sim/out/quiz.c) built from the traces of
 * shipped lessons, checked against the state changes those traces hold
 * (read with `tcpsim trace`): which changes are asked, their choices (the
 * diagram's arrows out of the old state) and answers, and the why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "narrate.h"
#include "out/quiz.h"
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

int main(void)
{
	RUN(test_next_states);
	RUN(test_connection_life);
	RUN(test_resets_and_follow);
	return check_report("test_quiz");
}
