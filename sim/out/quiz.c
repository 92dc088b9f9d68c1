/* quiz: the questions of a finished run (see quiz.h).  One pass over the
 * trace: a state change of a followed socket is a "what state next?"
 * question whose choices are the table's arrows out of its old state
 * (tcp_next_states) and whose why is the change's narration.  Called by
 * the window's quiz mode and by `tcpsim quiz`. */
#include "quiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "tcpstate.h"

void quiz_free(struct quiz *qz)
{
	free(qz->q);
	qz->q = NULL;
	qz->n = qz->cap = 0;
}

static struct quiz_question *quiz_add(struct quiz *qz)
{
	if (qz->n == qz->cap) {
		uint32_t cap = qz->cap ? qz->cap * 2 : 16;
		struct quiz_question *v = realloc(qz->q, (size_t)cap * sizeof *v);
		if (!v)
			return NULL;
		qz->q = v;
		qz->cap = cap;
	}
	struct quiz_question *q = &qz->q[qz->n++];
	memset(q, 0, sizeof *q);
	q->host = -1;
	q->sock = -1;
	q->answer = -1;
	return q;
}

/* The narration of record k into why; a narration too long for it is cut
 * after its last whole sentence that fits. */
static void quiz_why(const struct scenario *scn, const struct trace *tr, uint32_t k, char *why,
                     size_t size)
{
	char text[1024];
	why[0] = '\0';
	int n = narrate(scn, tr, k, text, sizeof text);
	if (n <= 0)
		return;
	if ((size_t)n < size) {
		memcpy(why, text, (size_t)n + 1);
		return;
	}
	size_t cut = 0;
	for (size_t i = 0; i + 1 < size; i++)
		if (text[i] == '.' && (text[i + 1] == ' ' || text[i + 1] == '\0'))
			cut = i + 1;
	if (!cut)
		cut = size - 1;
	memcpy(why, text, cut);
	why[cut] = '\0';
}

static int next_state_question(struct quiz *qz, const struct scenario *scn, const struct trace *tr,
                               uint32_t k)
{
	const struct trace_rec *r = &tr->recs[k];
	int next[TCPS_COUNT];
	int n = tcp_next_states(r->u.state.from, next);
	if (n < 2)
		return 0; /* one way out is no question */
	struct quiz_question *q = quiz_add(qz);
	if (!q)
		return -1;
	q->kind = QUIZ_NEXT_STATE;
	q->rec = q->reveal = k;
	q->t = r->t;
	q->host = r->host;
	q->sock = r->sock;
	char who[SCN_NAME_MAX + 8];
	scn_host_phrase(scn, r->host, 0, who, sizeof who);
	snprintf(q->text, sizeof q->text, "What state does %s enter next?", who);
	for (int i = 0; i < n && i < QUIZ_MAX_CHOICES; i++) {
		snprintf(q->choice[i], sizeof q->choice[i], "%s", tcps_name(next[i]));
		if (next[i] == r->u.state.to)
			q->answer = i;
		q->nchoices = i + 1;
	}
	quiz_why(scn, tr, k, q->why, sizeof q->why);
	return 0;
}

int quiz_build(struct quiz *qz, const struct scenario *scn, const struct trace *tr,
               const int32_t follow[2])
{
	/* newest[h]: the host's newest socket so far, the window's default
	 * (socket handles grow as sockets are made) */
	int32_t newest[2] = {-1, -1};
	qz->n = 0;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->host >= 2 || r->host >= scn->nhosts)
			continue;
		if (r->sock > newest[r->host])
			newest[r->host] = r->sock;
		if (r->kind != TR_STATE || r->sock < 0)
			continue;
		int32_t f = follow && follow[r->host] >= 0 ? follow[r->host] : newest[r->host];
		if (r->sock == f && next_state_question(qz, scn, tr, k) < 0) {
			quiz_free(qz);
			return -1;
		}
	}
	return 0;
}
