/* scn_ask: the `ask` directive, a question for quiz mode: an ask point (a
 * time, or an event as `note on` reads it), the question, its choices and
 * its answer, written or derived from the run (sim/out/quiz.c reads the
 * run).  A written answer must be a choice; every choice of a derived
 * answer must be a value that answer can take.  Called by scn_file.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "simerr.h"
#include "tcpstate.h"

static const struct {
	const char *name;
	int kind;
	int takes_host;
	const char *gives; /* what its choices must be, for messages */
} answers[] = {
    {"first-retransmit", ANSWER_FIRST_RETRANSMIT, 0, "a host's name"},
    {"first-rst", ANSWER_FIRST_RST, 0, "a host's name"},
    {"first-fin", ANSWER_FIRST_FIN, 0, "a host's name"},
    {"first-loss", ANSWER_FIRST_LOSS, 0, "a host's name"},
    {"next-state", ANSWER_NEXT_STATE, 1, "a state like ESTABLISHED"},
    {"next-error", ANSWER_NEXT_ERROR, 1, "an error name like ECONNREFUSED"},
    {"next-segment", ANSWER_NEXT_SEGMENT, 1,
     "a segment pattern: SYN, SYN+ACK, ACK, FIN, RST or data"},
    {"state-lasts", ANSWER_STATE_LASTS, 1, "a time like 60s"},
};
#define NANSWERS ((int)(sizeof answers / sizeof *answers))

const char *scn_answer_name(int kind)
{
	if (kind == ANSWER_WRITTEN)
		return "written";
	for (int i = 0; i < NANSWERS; i++)
		if (answers[i].kind == kind)
			return answers[i].name;
	return "?";
}

int scn_choice_is_none(const char *c)
{
	int n = (int)strlen(c);
	return scn_word_is(c, n, "none") || scn_word_is(c, n, "nobody") ||
	       scn_word_is(c, n, "neither");
}

/* 1 when choice c is a value answer kind can take (or a none-word). */
static int choice_fits(const struct scenario *s, int kind, const char *c)
{
	int n = (int)strlen(c);
	simtime_t t;
	char err[ERRSZ];
	if (scn_choice_is_none(c))
		return 1;
	switch (kind) {
	case ANSWER_FIRST_RETRANSMIT:
	case ANSWER_FIRST_RST:
	case ANSWER_FIRST_FIN:
	case ANSWER_FIRST_LOSS: return scn_host_find(s, c, n) >= 0;
	case ANSWER_NEXT_STATE: return tcps_parse(c, n) >= 0;
	case ANSWER_NEXT_ERROR: return simerr_parse(c, n) > 0;
	case ANSWER_NEXT_SEGMENT: {
		int m = scn_match_find(c, n);
		return m >= 0 && m != MATCH_ANY;
	}
	case ANSWER_STATE_LASTS: return scn_lit_time(c, n, &t, err, sizeof err) == 0 && t > 0;
	default: return 1;
	}
}

/* The value of answer kind closest to the mistyped choice c, or NULL. */
static const char *suggest_value(const struct scenario *s, int kind, const char *c)
{
	static const char *const patterns[] = {"SYN", "SYN+ACK", "ACK", "FIN", "RST", "data"};
	const char *cands[SE_COUNT + TCPS_COUNT + SCN_MAX_HOSTS];
	int n = 0;
	switch (kind) {
	case ANSWER_NEXT_STATE:
		for (int i = 0; i < TCPS_COUNT; i++)
			cands[n++] = tcps_name(i);
		break;
	case ANSWER_NEXT_ERROR:
		for (int i = 1; i < SE_COUNT; i++)
			cands[n++] = simerr_name(i);
		break;
	case ANSWER_NEXT_SEGMENT:
		for (int i = 0; i < 6; i++)
			cands[n++] = patterns[i];
		break;
	case ANSWER_STATE_LASTS: return NULL;
	default:
		for (int i = 0; i < s->nhosts; i++)
			cands[n++] = s->hosts[i].name;
		break;
	}
	return scn_suggest(c, (int)strlen(c), cands, n);
}

/* The choices from token i up to the word `answer`; returns the index of
 * `answer`, or -1 after an error. */
static int parse_choices(struct parser *p, int i, struct scn_ask *a, int cols[][2])
{
	char b[48];
	const struct scn_tok *t;
	for (; (t = scn_tok_at(p, i)) && !scn_is(t, "answer"); i++) {
		if (a->nchoices == SCN_ASK_CHOICES)
			return ERR(p, t, "an ask has at most %d choices", SCN_ASK_CHOICES);
		if (t->len >= SCN_CHOICE_MAX)
			return ERR(p, t, "a choice is at most %d characters; shorten it",
			           SCN_CHOICE_MAX - 1);
		if (t->len == 0)
			return ERR(p, t, "a choice cannot be empty");
		for (int k = 0; k < a->nchoices; k++)
			if (scn_word_is(t->s, t->len, a->choice[k]))
				return ERR(p, t, "'%s' is already a choice of this ask",
				           scn_q(b, t));
		memcpy(a->choice[a->nchoices], t->s, (size_t)t->len);
		a->choice[a->nchoices][t->len] = '\0';
		cols[a->nchoices][0] = t->line;
		cols[a->nchoices][1] = t->col;
		a->nchoices++;
	}
	if (a->nchoices < 2)
		return t ? ERR(p, t, "an ask needs at least two choices before its answer")
		         : scn_missing(p, "an ask needs at least two choices, then its answer: "
		                          "choices client server answer first-retransmit");
	if (!t)
		return scn_missing(p, "an ask needs its answer after the choices: answer CHOICE, "
		                      "or one the run gives, like answer first-retransmit");
	return i;
}

/* "client, server, none": the choices, for hints. */
static void choice_list(const struct scn_ask *a, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < a->nchoices; k++) {
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s%s", k ? ", " : "", a->choice[k]);
	}
}

/* The answer at token i: a choice, or a derived answer with its host;
 * returns the index after it, or -1 after an error. */
static int parse_answer(struct parser *p, int i, struct scn_ask *a)
{
	char b[48], list[SCN_ASK_CHOICES * (SCN_CHOICE_MAX + 2)];
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "answer needs a choice, or an answer the run gives: "
		                      "first-retransmit, first-rst, first-fin, first-loss, "
		                      "next-state HOST, next-error HOST, next-segment HOST, "
		                      "state-lasts HOST");
	a->ans_line = t->line;
	a->ans_col = t->col;
	for (int k = 0; k < a->nchoices; k++)
		if ((int)strlen(a->choice[k]) == t->len &&
		    scn_word_is(t->s, t->len, a->choice[k])) {
			a->answer = ANSWER_WRITTEN;
			a->written = k;
			return i + 1;
		}
	for (int k = 0; t->kind == TOK_WORD && k < NANSWERS; k++) {
		if (!scn_word_is(t->s, t->len, answers[k].name))
			continue;
		a->answer = answers[k].kind;
		if (!answers[k].takes_host)
			return i + 1;
		const struct scn_tok *h = scn_tok_at(p, i + 1);
		if (!h) {
			char m[ERRSZ];
			snprintf(m, sizeof m, "%s needs a host: answer %s %s", answers[k].name,
			         answers[k].name, p->s->hosts[0].name);
			return scn_missing(p, m);
		}
		if (scn_parse_hostref(p, h, &a->ans_host, &a->ans_conn) < 0)
			return -1;
		return i + 2;
	}
	const char *cands[SCN_ASK_CHOICES + NANSWERS];
	int nc = 0;
	for (int k = 0; k < a->nchoices; k++)
		cands[nc++] = a->choice[k];
	for (int k = 0; k < NANSWERS; k++)
		cands[nc++] = answers[k].name;
	const char *sug = scn_suggest(t->s, t->len, cands, nc);
	choice_list(a, list, sizeof list);
	if (sug)
		return ERR(p, t,
		           "the answer '%s' is not one of the choices (%s); did you mean '%s'?",
		           scn_q(b, t), list, sug);
	return ERR(p, t,
	           "the answer '%s' is not one of the choices (%s), nor an answer the run "
	           "gives (first-retransmit, next-state HOST ...); add it to the choices",
	           scn_q(b, t), list);
}

/* Every choice of a derived answer must be a value it can take. */
static int check_choices(struct parser *p, const struct scn_ask *a, int cols[][2])
{
	if (a->answer == ANSWER_WRITTEN)
		return 0;
	const char *gives = "";
	for (int k = 0; k < NANSWERS; k++)
		if (answers[k].kind == a->answer)
			gives = answers[k].gives;
	for (int k = 0; k < a->nchoices; k++) {
		if (choice_fits(p->s, a->answer, a->choice[k]))
			continue;
		char hint[64] = "";
		const char *sug = suggest_value(p->s, a->answer, a->choice[k]);
		if (sug)
			snprintf(hint, sizeof hint, "; did you mean '%s'?", sug);
		return scn_err_at(p, cols[k][0], cols[k][1],
		                  "'%s' can never be the answer of %s, which is %s, or none%s",
		                  a->choice[k], scn_answer_name(a->answer), gives, hint);
	}
	return 0;
}

int scn_d_ask(struct parser *p)
{
	static const char usage[] = "ask needs a time or 'on HOST EVENT', then a quoted question: "
	                            "ask 1s \"...\" choices A B answer A";
	struct scn_ask a;
	int cols[SCN_ASK_CHOICES][2];
	int i;
	memset(&a, 0, sizeof a);
	a.when.line = p->t[0].line;
	a.when.col = p->t[0].col;
	a.when.on_host = -1;
	a.when.on_state = -1;
	a.ans_host = -1;
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t)
		return scn_missing(p, usage);
	if (scn_is(t, "on")) {
		if (!scn_tok_at(p, 2) || !scn_tok_at(p, 3))
			return scn_missing(p, "ask on needs a host and an event: ask on client "
			                      "TIME_WAIT \"...\"");
		if (scn_parse_hostref(p, scn_tok_at(p, 2), &a.when.on_host, &a.when.on_conn) < 0)
			return -1;
		int took = scn_parse_event(p, 3, &a.when.on_kind, &a.when.on_arg, a.when.on_seq);
		if (took < 0)
			return -1;
		a.when.on_state = a.when.on_kind == ON_STATE ? a.when.on_arg : -1;
		i = 3 + took;
	} else if (scn_starts_time(t)) {
		if (scn_parse_time(p, t, 1, &a.when.at) < 0)
			return -1;
		p->last = a.when.at;
		i = 2;
	} else {
		return ERR(p, t, "%s", usage);
	}
	const struct scn_tok *q = scn_tok_at(p, i);
	if (!q || q->kind != TOK_STRING)
		return q ? ERR(p, q, "ask needs a quoted question here: \"...\"")
		         : scn_missing(p, "ask needs a quoted question: \"...\"");
	if (q->len == 0 || q->len >= 200)
		return ERR(p, q, "a question has 1 to 199 characters");
	t = scn_tok_at(p, i + 1);
	if (!scn_is(t, "choices"))
		return t ? ERR(p, t, "after the question come its choices: choices A B ...")
		         : scn_missing(p, "after the question come its choices: choices A B ... "
		                          "answer A");
	if ((i = parse_choices(p, i + 2, &a, cols)) < 0)
		return -1;
	if ((i = parse_answer(p, i + 1, &a)) < 0 || check_choices(p, &a, cols) < 0)
		return -1;
	const struct scn_tok *why = NULL;
	if ((t = scn_tok_at(p, i)) && scn_is(t, "why")) {
		why = scn_tok_at(p, i + 1);
		if (!why || why->kind != TOK_STRING)
			return why ? ERR(p, why, "why needs a quoted text: why \"...\"")
			           : scn_missing(p, "why needs a quoted text: why \"...\"");
		if (why->len >= 320)
			return ERR(p, why, "a why has at most 319 characters");
		i += 2;
	}
	if (scn_no_more(p, i, "an ask ends with its answer (and why \"...\")") < 0)
		return -1;
	struct scenario *s = p->s;
	struct scn_ask *v = scn_grow(p, s->asks, &p->cap_asks, s->nasks, sizeof *v);
	if (!v)
		return -1;
	s->asks = v;
	a.when.text = scn_string_dup(p, q);
	if (!a.when.text)
		return -1;
	if (why && !(a.why = scn_string_dup(p, why))) {
		free(a.when.text);
		return -1;
	}
	v[s->nasks++] = a;
	return 0;
}
