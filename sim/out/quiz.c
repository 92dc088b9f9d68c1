/* quiz: the questions of a finished run (see quiz.h).  One pass over the
 * trace: a state change of a followed socket is a "what state next?"
 * question whose choices are the table's arrows out of its old state
 * (tcp_next_states) and whose why is the change's narration; an ask point
 * (TR_ASK) is its line's question, a derived answer read from the records
 * after it.  Called by the window's quiz mode, `tcpsim quiz` and the run's
 * warnings (out/warnings.c). */
#include "quiz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "segment.h"
#include "simerr.h"
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
	q->ask = -1;
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

/* ---- ask lines ---- */

/* What a derived answer found: a record, and what it says as a word. */
struct found {
	uint32_t rec; /* UINT32_MAX: nothing after the ask point */
	char word[48];
};

/* 1 when socket h is the one a derived answer about HOST[.N] watches:
 * HOST.N that connection; HOST the connection an `ask on` the same host
 * happened on, else any of the host's. */
static int subject(const struct trace *tr, const struct scn_ask *a, const struct trace_rec *at,
                   int host, int32_t h)
{
	if (host != a->ans_host)
		return 0;
	if (a->ans_conn > 0)
		return h >= 0 && (uint32_t)h < tr->nsocks && tr->socks[h].host == host &&
		       tr->socks[h].ordinal == a->ans_conn;
	if (a->when.on_host == host && at->sock >= 0)
		return h == at->sock;
	return 1;
}

/* The segment record k sent, when it is one a host really sent. */
static const struct trace_seg *sent_seg(const struct trace *tr, const struct trace_rec *r)
{
	if (r->kind != TR_SEG_SEND || r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
		return NULL;
	const struct trace_seg *g = &tr->segs[r->seg];
	return g->forged || g->from >= 2 ? NULL : g; /* an inject is nobody's segment */
}

/* The pattern word of a segment, as `drop` and `on ... sends` name them;
 * the first that matches of SYN, SYN+ACK, RST, FIN, data, ACK. */
static const char *seg_pattern(const struct segment *g)
{
	static const int order[] = {MATCH_SYN, MATCH_SYNACK, MATCH_RST,
	                            MATCH_FIN, MATCH_DATA,   MATCH_ACK};
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (scn_seg_matches(g, order[i]))
			return scn_match_name(order[i]);
	return "ACK";
}

static void host_word(const struct scenario *scn, int host, struct found *f)
{
	snprintf(f->word, sizeof f->word, "%s",
	         host >= 0 && host < scn->nhosts ? scn->hosts[host].name : "?");
}

/* Reads the answer of ask a from the records after k. */
static struct found derive(const struct scenario *scn, const struct trace *tr, uint32_t k,
                           const struct scn_ask *a)
{
	struct found f = {UINT32_MAX, "none"};
	const struct trace_rec *at = &tr->recs[k];
	for (uint32_t j = k + 1; j < tr->n; j++) {
		const struct trace_rec *r = &tr->recs[j];
		const struct trace_seg *g = sent_seg(tr, r);
		int hit = 0;
		switch (a->answer) {
		case ANSWER_FIRST_RETRANSMIT: hit = g && g->retx; break;
		case ANSWER_FIRST_RST: hit = g && (g->h.flags & TH_RST); break;
		case ANSWER_FIRST_FIN: hit = g && (g->h.flags & TH_FIN); break;
		case ANSWER_FIRST_LOSS:
			hit = r->kind == TR_SEG_LOST && r->seg >= 0 &&
			      (uint32_t)r->seg < tr->nsegs && tr->segs[r->seg].from < 2;
			if (hit)
				host_word(scn, tr->segs[r->seg].from, &f);
			break;
		case ANSWER_NEXT_STATE:
		case ANSWER_STATE_LASTS:
			hit = r->kind == TR_STATE && subject(tr, a, at, r->host, r->sock);
			if (hit && a->answer == ANSWER_NEXT_STATE)
				snprintf(f.word, sizeof f.word, "%s", tcps_name(r->u.state.to));
			if (hit && a->answer == ANSWER_STATE_LASTS)
				simtime_fmt_ms(f.word, sizeof f.word, r->t - at->t);
			break;
		case ANSWER_NEXT_ERROR: {
			int err = r->kind == TR_APP_ERROR  ? r->u.error.err
			          : r->kind == TR_APP_CALL ? r->u.call.err
			                                   : 0;
			hit = err > 0 && subject(tr, a, at, r->host, r->sock);
			if (hit)
				snprintf(f.word, sizeof f.word, "%s", simerr_name(err));
			break;
		}
		case ANSWER_NEXT_SEGMENT:
			hit = g && subject(tr, a, at, g->from, g->sock);
			if (hit)
				snprintf(f.word, sizeof f.word, "%s", seg_pattern(&g->h));
			break;
		default: break;
		}
		if (!hit)
			continue;
		if (g && a->answer <= ANSWER_FIRST_FIN)
			host_word(scn, g->from, &f);
		f.rec = j;
		return f;
	}
	return f;
}

/* The choice the run's answer is, or -1. */
static int choose(const struct scenario *scn, const struct scn_ask *a, const struct found *f)
{
	for (int i = 0; i < a->nchoices; i++) {
		const char *c = a->choice[i];
		int n = (int)strlen(c);
		if (f->rec == UINT32_MAX) {
			if (scn_choice_is_none(c))
				return i;
			continue;
		}
		switch (a->answer) {
		case ANSWER_NEXT_STATE:
			if (tcps_parse(c, n) >= 0 &&
			    tcps_parse(c, n) == tcps_parse(f->word, (int)strlen(f->word)))
				return i;
			break;
		case ANSWER_NEXT_SEGMENT: {
			int m = scn_match_find(c, n);
			if (m >= 0 && m == scn_match_find(f->word, (int)strlen(f->word)))
				return i;
			break;
		}
		case ANSWER_STATE_LASTS: break; /* nearest, below */
		default:
			if (scn_host_find(scn, c, n) >= 0 &&
			    scn_host_find(scn, c, n) == scn_host_find(scn, f->word, -1))
				return i;
			if (a->answer == ANSWER_NEXT_ERROR && simerr_parse(c, n) > 0 &&
			    strcmp(simerr_name(simerr_parse(c, n)), f->word) == 0)
				return i;
			break;
		}
	}
	return -1;
}

/* state-lasts: the choice nearest the time the run gave, when it is within
 * a tenth of it (timers run a little past their round figure: Linux's
 * TIME_WAIT ends on the timer wheel's tick after 60 s). */
static int nearest_time(const struct scn_ask *a, simtime_t got)
{
	int best = -1;
	simtime_t bestd = 0;
	for (int i = 0; i < a->nchoices; i++) {
		simtime_t t;
		char err[128];
		if (scn_lit_time(a->choice[i], (int)strlen(a->choice[i]), &t, err, sizeof err) != 0)
			continue;
		simtime_t d = t > got ? t - got : got - t;
		if (best < 0 || d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return best >= 0 && bestd * 10 <= got ? best : -1;
}

/* Why a derived answer is none: nothing of its kind came after the ask. */
static void none_why(const struct scenario *scn, const struct scn_ask *a, char *why, size_t size)
{
	char who[SCN_NAME_MAX + 8] = "", Who[SCN_NAME_MAX + 8] = "";
	if (a->ans_host >= 0) {
		scn_host_phrase(scn, a->ans_host, 0, who, sizeof who);
		scn_host_phrase(scn, a->ans_host, 1, Who, sizeof Who);
	}
	switch (a->answer) {
	case ANSWER_FIRST_RETRANSMIT:
		snprintf(why, size, "No host sends a segment again after this point.");
		break;
	case ANSWER_FIRST_RST: snprintf(why, size, "No host sends a RST after this point."); break;
	case ANSWER_FIRST_FIN: snprintf(why, size, "No host sends a FIN after this point."); break;
	case ANSWER_FIRST_LOSS:
		snprintf(why, size, "The link loses no segment after this point.");
		break;
	case ANSWER_NEXT_STATE:
	case ANSWER_STATE_LASTS:
		snprintf(why, size,
		         "%s's connection does not change state again before the run ends.", who);
		break;
	case ANSWER_NEXT_ERROR:
		snprintf(why, size, "No error reaches %s's application after this point.", who);
		break;
	case ANSWER_NEXT_SEGMENT:
		snprintf(why, size, "%s sends no segment after this point.", Who);
		break;
	default: why[0] = '\0'; break;
	}
}

static int ask_question(struct quiz *qz, const struct scenario *scn, const struct trace *tr,
                        uint32_t k)
{
	const struct trace_rec *r = &tr->recs[k];
	int i = r->u.note.index;
	if (i < 0 || i >= scn->nasks)
		return 0;
	const struct scn_ask *a = &scn->asks[i];
	struct quiz_question *q = quiz_add(qz);
	if (!q)
		return -1;
	q->kind = QUIZ_ASK;
	q->ask = i;
	q->rec = q->reveal = k;
	q->t = r->t;
	q->host = r->host < 2 ? r->host : -1;
	q->sock = r->sock;
	q->line = a->when.line;
	q->col = a->when.col;
	snprintf(q->text, sizeof q->text, "%s", a->when.text ? a->when.text : "");
	q->nchoices = a->nchoices < QUIZ_MAX_CHOICES ? a->nchoices : QUIZ_MAX_CHOICES;
	for (int c = 0; c < q->nchoices; c++)
		snprintf(q->choice[c], sizeof q->choice[c], "%s", a->choice[c]);
	if (a->answer == ANSWER_WRITTEN) {
		q->answer = a->written;
		/* an `ask on` came with the record that fired it: the nearest
		 * record before it that is not an aid or a verdict */
		for (uint32_t j = k; a->when.on_host >= 0 && j-- > 0;) {
			int kind = tr->recs[j].kind;
			if (kind != TR_NOTE && kind != TR_ASK && kind != TR_EXPECT) {
				q->reveal = j;
				break;
			}
		}
	} else {
		struct found f = derive(scn, tr, k, a);
		snprintf(q->got, sizeof q->got, "%s", f.word);
		if (f.rec != UINT32_MAX)
			q->reveal = f.rec;
		if (a->answer == ANSWER_STATE_LASTS && f.rec != UINT32_MAX)
			q->answer = nearest_time(a, tr->recs[f.rec].t - r->t);
		else
			q->answer = choose(scn, a, &f);
	}
	if (a->why)
		snprintf(q->why, sizeof q->why, "%s", a->why);
	else if (q->reveal != k)
		quiz_why(scn, tr, q->reveal, q->why, sizeof q->why);
	else if (a->answer != ANSWER_WRITTEN)
		none_why(scn, a, q->why, sizeof q->why);
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
		if (r->kind == TR_ASK && ask_question(qz, scn, tr, k) < 0) {
			quiz_free(qz);
			return -1;
		}
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

/* ---- the teacher's sheet ---- */

static void print_question(FILE *f, const struct scenario *scn, const struct quiz_question *q,
                           uint32_t n)
{
	char t[32];
	simtime_fmt(t, sizeof t, q->t);
	if (q->kind == QUIZ_ASK)
		fprintf(f, "%u. at %s (ask, line %d)\n   %s\n", n, t, q->line, q->text);
	else
		fprintf(f, "%u. at %s (state diagram)\n   %s\n", n, t, q->text);
	fputs("   choices:", f);
	for (int i = 0; i < q->nchoices; i++)
		fprintf(f, i == q->answer ? " [%s]" : " %s", q->choice[i]);
	fputc('\n', f);
	const struct scn_ask *a =
	    q->kind == QUIZ_ASK && q->ask >= 0 && q->ask < scn->nasks ? &scn->asks[q->ask] : NULL;
	const char *how = a ? scn_answer_name(a->answer) : "the state it enters";
	if (q->answer >= 0 && (!a || a->answer == ANSWER_WRITTEN))
		fprintf(f, "   answer: %s (%s)\n", q->choice[q->answer], a ? "written" : how);
	else if (q->answer >= 0)
		fprintf(f, "   answer: %s (%s: %s)\n", q->choice[q->answer], how, q->got);
	else
		fprintf(f, "   answer: none of the choices (%s: %s in this run)\n", how, q->got);
	if (q->why[0])
		fprintf(f, "   why: %s\n", q->why);
}

int quiz_print(FILE *f, const struct scenario *scn, const struct quiz *qz, uint64_t seed)
{
	uint32_t asks = 0;
	fprintf(f, "Quiz: %s\n", scn->title ? scn->title : scn->path ? scn->path : "");
	fprintf(f, "%s, seed %llu\n\n", scn->path ? scn->path : "", (unsigned long long)seed);
	for (uint32_t i = 0; i < qz->n; i++) {
		print_question(f, scn, &qz->q[i], i + 1);
		fputc('\n', f);
		asks += qz->q[i].kind == QUIZ_ASK;
	}
	fprintf(f, "%u question%s: %u from the state diagram, %u from ask lines\n", qz->n,
	        qz->n == 1 ? "" : "s", qz->n - asks, asks);
	return ferror(f) ? -1 : 0;
}
