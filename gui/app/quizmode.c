/* quizmode: quiz mode's questions, answers and score (see quizmode.h).
 * Called by app/app.c from gui_app_do; the summary's lesson page is looked
 * up once, when the quiz starts. */
#include "quizmode.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int quizmode_start(struct gui_quiz *q, const struct scenario *scn, const struct trace *tr,
                   const int32_t follow[2], const char *path)
{
	quizmode_stop(q);
	if (quiz_build(&q->qz, scn, tr, follow) != 0) {
		quiz_free(&q->qz);
		return -1;
	}
	size_t n = q->qz.n ? q->qz.n : 1;
	q->given = malloc(n * sizeof *q->given);
	q->ask = malloc(n * sizeof *q->ask);
	if (!q->given || !q->ask) {
		quizmode_stop(q);
		return -1;
	}
	for (uint32_t i = 0; i < q->qz.n; i++) {
		q->given[i] = -1;
		q->ask[i] = (int64_t)q->qz.q[i].rec - 1;
	}
	q->on = 1;
	q->card = VIEW_QUIZ_WATCH;
	q->shown = -1;
	q->stop = -1;
	q->arrived = 0;
	q->seen = -1;
	quizmode_lesson_page(path, q->lesson, sizeof q->lesson);
	return 0;
}

void quizmode_stop(struct gui_quiz *q)
{
	quiz_free(&q->qz);
	free(q->given);
	free(q->ask);
	memset(q, 0, sizeof *q);
	q->shown = -1;
}

int quizmode_next(const struct gui_quiz *q)
{
	for (uint32_t i = 0; i < q->qz.n; i++)
		if (q->given[i] < 0)
			return (int)i;
	return -1;
}

int quizmode_answered(const struct gui_quiz *q)
{
	int n = 0;
	for (uint32_t i = 0; i < q->qz.n; i++)
		n += q->given[i] >= 0;
	return n;
}

int quizmode_right(const struct gui_quiz *q)
{
	int n = 0;
	for (uint32_t i = 0; i < q->qz.n; i++)
		n += q->given[i] >= 0 && q->given[i] == q->qz.q[i].answer;
	return n;
}

int quizmode_answer(struct gui_quiz *q, int i, int choice)
{
	if (i < 0 || (uint32_t)i >= q->qz.n || q->given[i] >= 0 || choice < 0 ||
	    choice >= q->qz.q[i].nchoices)
		return -1;
	q->given[i] = choice;
	return choice == q->qz.q[i].answer;
}

void quizmode_view(const struct gui_quiz *q, struct view_quiz *v)
{
	memset(v, 0, sizeof *v);
	v->card = q->card;
	v->qz = &q->qz;
	v->given = q->given;
	v->ask = q->ask;
	v->shown = q->shown;
	v->arrived = q->arrived;
	v->not_a_choice = q->card == VIEW_QUIZ_ASK && q->not_a_choice;
	v->seen = q->seen;
	v->right = quizmode_right(q);
	v->answered = quizmode_answered(q);
	v->lesson = q->lesson;
}

/* The lesson's number from its file name: "01-three-way-handshake.tcps"
 * gives "1", "07a-nobody-answers-linux.tcps" "7a"; 0 when the name does
 * not start with one. */
static int lesson_number(const char *base, char *out, size_t size)
{
	const char *p = base;
	while (*p == '0' && isdigit((unsigned char)p[1]))
		p++;
	size_t n = 0;
	while (isdigit((unsigned char)p[n]))
		n++;
	if (!n)
		return 0;
	while (islower((unsigned char)p[n]))
		n++;
	if (p[n] != '-' || n + 1 > size)
		return 0;
	snprintf(out, size, "%.*s", (int)n, p);
	return 1;
}

/* GitHub's anchor for a heading: lower case, spaces to hyphens, other
 * punctuation dropped (hyphens and underscores stay); the guide's only
 * other characters are arrows, which go too. */
static void anchor_of(const char *heading, char *out, size_t size)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)heading; *p && n + 1 < size; p++) {
		if (isalnum(*p) || *p == '-' || *p == '_')
			out[n++] = (char)tolower(*p);
		else if (*p == ' ')
			out[n++] = '-';
	}
	out[n] = '\0';
}

int quizmode_lesson_page(const char *path, char *out, size_t size)
{
	out[0] = '\0';
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char num[16];
	if (!lesson_number(base, num, sizeof num))
		return -1;
	/* scenarios/X.tcps: the guide is ../docs/lessons.md */
	char guide[1100];
	if (slash)
		snprintf(guide, sizeof guide, "%.*s/../docs/lessons.md", (int)(slash - path), path);
	else
		snprintf(guide, sizeof guide, "../docs/lessons.md");
	FILE *f = fopen(guide, "r");
	if (!f)
		return -1;
	char want[24], line[512];
	snprintf(want, sizeof want, "## %s. ", num);
	int rc = -1;
	while (fgets(line, sizeof line, f)) {
		if (strncmp(line, want, strlen(want)) != 0)
			continue;
		line[strcspn(line, "\r\n")] = '\0';
		char anchor[512];
		anchor_of(line + 3, anchor, sizeof anchor);
		/* the folder as the student sees it: docs/ beside scenarios/ */
		char dir[1100];
		snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) : 0, path);
		char *up = strrchr(dir, '/');
		if (up)
			snprintf(out, size, "%.*s/docs/lessons.md#%s", (int)(up - dir), dir,
			         anchor);
		else if (dir[0] && strcmp(dir, ".") != 0)
			snprintf(out, size, "docs/lessons.md#%s", anchor);
		else
			snprintf(out, size, "../docs/lessons.md#%s", anchor);
		rc = 0;
		break;
	}
	fclose(f);
	return rc;
}
