/* quiz: the questions of a finished run, for quiz mode ("predict, then
 * reveal") and the teacher's sheet (`tcpsim quiz FILE --print`).  A pure
 * function of the scenario and the trace, like narrate: the window asks
 * each question when its present reaches `rec`, the CLI prints them all.
 * The contract with the window is in /work/ISSUE12-API.md: fields and
 * functions may be added, the pinned ones do not change. */
#ifndef TCPSIM_QUIZ_H
#define TCPSIM_QUIZ_H

#include <stdint.h>
#include <stdio.h>

#include "scenario.h"
#include "simtime.h"
#include "trace.h"

enum quiz_kind { QUIZ_NEXT_STATE, QUIZ_ASK };
#define QUIZ_MAX_CHOICES 8

struct quiz_question {
	int kind;        /* enum quiz_kind */
	uint32_t rec;    /* the trace record it is asked BEFORE: the TR_STATE record that answers a
	                    QUIZ_NEXT_STATE; the record of the ask point for QUIZ_ASK */
	uint32_t reveal; /* the record whose narration explains the answer */
	simtime_t t;     /* the time of rec */
	int host;        /* 0 client, 1 server, -1 none */
	int32_t sock;    /* socket handle, -1 none */
	char text[200];  /* "What state does the client enter next?" */
	int nchoices;
	char choice[QUIZ_MAX_CHOICES][32];
	int answer;    /* index into choice; -1 when the run's answer is none of them */
	char why[320]; /* one sentence: why (the narration of `reveal`) */
	int line, col; /* the ask line in the scenario; 0 for automatic questions */
	/* added after the pinned fields */
	int ask;      /* QUIZ_ASK: the index of its ask line in scn->asks; -1 otherwise */
	char got[48]; /* a derived answer as the run gave it ("server", "TIME_WAIT", "none",
	                 "61.440s"), also when it is none of the choices; "" when written */
};

struct quiz {
	struct quiz_question *q;
	uint32_t n, cap;
};

/* The questions of a finished run, in trace order: a QUIZ_NEXT_STATE before
 * each state change of the followed socket of each host (follow[h]: a socket
 * handle, or -1 for the window's default, the host's newest socket so far),
 * with the states one arrow of the diagram away (tcp_next_states) as
 * choices, and one QUIZ_ASK for each ask point reached (its answer written,
 * or derived from the records after the ask point as docs/scenario-format.md
 * says; its why the ask's `why`, else the narration of the record that gave
 * the answer).  A change out of a
 * state with only one way out (LAST_ACK, TIME_WAIT: CLOSED) is no question
 * and is left out.  follow may be NULL (both -1).  qz starts zeroed or
 * freed; returns 0, or -1 out of memory (qz then holds nothing). */
int quiz_build(struct quiz *qz, const struct scenario *scn, const struct trace *tr,
               const int32_t follow[2]);
void quiz_free(struct quiz *qz);

/* The teacher's sheet of `tcpsim quiz FILE --print` (docs/outputs.md):
 * every question with its time, choices, answer and why, numbered, then a
 * count.  seed: the run's.  Returns 0, or -1 when writing failed. */
int quiz_print(FILE *f, const struct scenario *scn, const struct quiz *qz, uint64_t seed);

#endif
