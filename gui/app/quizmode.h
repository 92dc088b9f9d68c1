/* quizmode: the window's quiz mode (P, `tcpsim quiz FILE`): the questions
 * of the finished run (sim/out/quiz.h), the answers given, the card shown,
 * and the lesson's page for the summary.  Owned by struct gui_app (app.h)
 * and changed only through gui_app_do (app.c moves the present; this
 * module keeps the score); the views see it as a struct view_quiz. */
#ifndef TCPSIM_GUI_QUIZMODE_H
#define TCPSIM_GUI_QUIZMODE_H

#include <stddef.h>
#include <stdint.h>

#include "out/quiz.h"
#include "scenario.h"
#include "trace.h"
#include "view.h"

struct gui_quiz {
	int on;
	struct quiz qz;
	int *given;        /* per question: the choice given, -1 none yet */
	int64_t *ask;      /* per question: the record the run stops at to ask it, the
	                    * last before the engine event that makes its record (app.c) */
	int card;          /* enum view_quiz_card */
	int shown;         /* ASK, REVEAL: the question on the card, else -1 */
	int64_t stop;      /* REVEAL: the record the run plays to (the answer's) */
	int arrived;       /* REVEAL: the present has reached stop */
	int64_t seen;      /* the furthest record the present has reached since the quiz
	                    * began (app.c's seek_record), -1 none */
	int not_a_choice;  /* ASK: the last answer given was none of the choices (a
	                    * key past them, a box of the diagram no choice names):
	                    * the card and the status bar say so until a choice is given */
	char lesson[1200]; /* the lesson's page, "" when the file is not a shipped lesson */
};

/* Builds the questions of a finished run for the followed connection
 * (follow as gui_app's) and starts with none answered; 0, or -1 out of
 * memory (q is then off). */
int quizmode_start(struct gui_quiz *q, const struct scenario *scn, const struct trace *tr,
                   const int32_t follow[2], const char *path);
/* Leaves quiz mode, freeing the questions. */
void quizmode_stop(struct gui_quiz *q);
/* The first question not answered yet, or -1 when all are. */
int quizmode_next(const struct gui_quiz *q);
/* Questions answered, and answered right. */
int quizmode_answered(const struct gui_quiz *q);
int quizmode_right(const struct gui_quiz *q);
/* Records choice for question i; 1 when it is the run's answer, 0 when
 * not, -1 when i or choice is out of range or i was answered before. */
int quizmode_answer(struct gui_quiz *q, int i, int choice);
/* The view's picture of it, pointing into q. */
void quizmode_view(const struct gui_quiz *q, struct view_quiz *v);

/* The page of docs/lessons.md that teaches the shipped lesson at path
 * (scenarios/NN-name.tcps beside docs/): "DOCS/lessons.md#ANCHOR", the
 * anchor as GitHub makes it from the "## N. Title" heading.  Returns 0, or
 * -1 (out "") when path is no shipped lesson or the guide has no section. */
int quizmode_lesson_page(const char *path, char *out, size_t size);

#endif
