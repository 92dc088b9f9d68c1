/* test_gui_quiz: the window's quiz mode (P), driven through gui_app_do
 * and gui_app_tick as a class would use it: the run stops before each
 * question's record with the future hidden (no segment, state tag or
 * panel value the present has not reached), an answer is scored and the
 * run plays on to it, seeking back is allowed and forward past a question
 * not, and the summary lists the questions missed and the lesson's page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui_fixture.h"

/* Plays (ticks of a tenth of a second, a frame drawn after each that
 * needs one, as the loop does) until the app stops playing, at most max
 * seconds of wall time; returns 1 when it stopped.  The tick that stops
 * it must want a frame: else the window would go on showing the run
 * playing, not the card it stopped for. */
static int play_until_stopped(struct gui_app *a, double max)
{
	if (!a->playing)
		return 1;
	for (double t = 0; t < max; t += 0.1) {
		a->dirty = 0;
		gui_app_tick(a, 0.1);
		int drawn = gui_app_needs_frame(a);
		if (drawn)
			gui_app_layout(a);
		if (!a->playing) {
			CHECK(drawn);
			return 1;
		}
	}
	return !a->playing;
}

/* The index of the record that sends segment seg. */
static int64_t send_rec(const struct trace *tr, uint32_t seg)
{
	for (uint32_t i = 0; i < tr->n; i++)
		if (tr->recs[i].kind == TR_SEG_SEND && tr->recs[i].seg == (int32_t)seg)
			return i;
	return -1;
}

/* Whether some text of view v starts with prefix. */
static int shows(const struct view_out *v, const char *prefix)
{
	for (int i = 0; i < v->dl.n; i++)
		if (v->dl.cmd[i].op == DL_TEXT &&
		    strncmp(dl_text_of(&v->dl, &v->dl.cmd[i]), prefix, strlen(prefix)) == 0)
			return 1;
	return 0;
}

/* Whether some text of view v contains needle. */
static int shows_in(const struct view_out *v, const char *needle)
{
	for (int i = 0; i < v->dl.n; i++)
		if (v->dl.cmd[i].op == DL_TEXT && strstr(dl_text_of(&v->dl, &v->dl.cmd[i]), needle))
			return 1;
	return 0;
}

/* Whether the panel's variable `name` shows no value: no text on its row
 * to the right of the name (a known one has its number there). */
static int var_row_empty(const struct view_out *v, const char *name)
{
	for (int i = 0; i < v->dl.n; i++) {
		const struct dl_cmd *c = &v->dl.cmd[i];
		if (c->op != DL_TEXT || strcmp(dl_text_of(&v->dl, c), name) != 0)
			continue;
		for (int j = 0; j < v->dl.n; j++) {
			const struct dl_cmd *d = &v->dl.cmd[j];
			if (j != i && d->op == DL_TEXT && d->p[0].y > c->p[0].y - 1 &&
			    d->p[0].y < c->p[0].y + 1 && d->r.x > c->r.x &&
			    d->r.x < c->r.x + c->r.w + 120)
				return 0;
		}
		return 1;
	}
	return 0; /* no such row: not shown at all */
}

/* 1 when the socket table shows the present's sockets and no others:
 * each host's heading names exactly the states its sockets are in now
 * (" · ESTABLISHED", " · LISTEN ×2"), none to come. */
static int table_is_present(const struct gui_app *a)
{
	const struct view_out *v = &a->lay.table;
	int ok = v->dl.n > 0;
	for (int h = 0; h < a->snap.nhosts && h < 2 && ok; h++) {
		const struct snap_host *sh = &a->snap.hosts[h];
		const char *head = NULL;
		for (int i = 0; i < v->dl.n && !head; i++)
			if (v->dl.cmd[i].op == DL_TEXT && strncmp(dl_text_of(&v->dl, &v->dl.cmd[i]),
			                                          sh->name, strlen(sh->name)) == 0)
				head = dl_text_of(&v->dl, &v->dl.cmd[i]);
		if (!head) {
			fprintf(stderr, "  the table has no heading for the %s\n", sh->name);
			return 0;
		}
		for (int st = 0; st < TCPS_COUNT; st++) {
			if (st == TCPS_CLOSED)
				continue;
			char want[40];
			snprintf(want, sizeof want, " · %s", tcps_netstat_name(st));
			const char *at = strstr(head, want);
			while (at && at[strlen(want)] != '\0' && at[strlen(want)] != ' ')
				at = strstr(at + 1, want);
			if (!at != !sh->state_count[st]) {
				fprintf(stderr, "  table at record %lld: \"%s\" %s %s\n",
				        (long long)a->k, head, at ? "names" : "lacks",
				        tcps_netstat_name(st));
				ok = 0;
			}
		}
	}
	return ok;
}

/* The question shown, asked: nothing past the present on screen. */
static void check_future_hidden(struct gui_app *a)
{
	gui_app_layout(a);
	const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
	const struct trace_rec *r = &a->tr->recs[q->rec];
	/* stopped before the engine event that makes the question's record */
	CHECK(a->k < (int64_t)q->rec);
	CHECK_INT(a->k, a->quiz.ask[a->quiz.shown]);
	CHECK(!a->playing);
	/* the ladder: no arrow whose send record is still to come */
	const struct ladder_layout *ll = &a->lay.ladder;
	for (int i = 0; i < ll->nsegs; i++)
		if (!ll->segs[i].icmp)
			CHECK(send_rec(a->tr, ll->segs[i].seg) <= a->k);
	/* no state tag past the present */
	for (int i = 0; i < ll->nmarks; i++)
		CHECK(ll->marks[i].at.y <= ll->y_now + 1);
	/* the asking host's panel and marker still show the state it leaves */
	if (r->kind == TR_STATE && q->host >= 0 && q->host < 2) {
		const char *pn = q->host ? "panel1" : "panel0";
		const struct view_out *p = q->host ? &a->lay.panel[1] : &a->lay.panel[0];
		CHECK(shows(p, tcps_name(r->u.state.from)) || r->u.state.from == TCPS_LISTEN);
		if (r->u.state.to != r->u.state.from && shows(p, tcps_name(r->u.state.to))) {
			fprintf(stderr, "  %s shows %s before the question\n", pn,
			        tcps_name(r->u.state.to));
			CHECK(0);
		}
	}
	/* the narration and the expect list are not shown; the socket table
	 * is the present's */
	CHECK_INT(a->lay.narration.dl.n, 0);
	CHECK(table_is_present(a));
	CHECK_INT(a->lay.notes.dl.n, 0);
	const struct view_out *v[GUI_NVIEWS];
	int n = gui_app_views(a, v);
	CHECK(n == GUI_NVIEWS && v[0] == &a->lay.diag.out);
	/* the card: the question and every choice, a target each */
	CHECK(shows(&a->lay.quiz, q->text) || shows_in(&a->lay.quiz, "What"));
	int targets = 0;
	for (int i = 0; i < a->lay.quiz.ntargets; i++)
		targets += a->lay.quiz.targets[i].action == GA_QUIZ_ANSWER;
	CHECK_INT(targets, q->nchoices);
}

static void answers_are_scored_and_the_future_stays_hidden(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_QUIZ, 0);
	CHECK(a->quiz.on);
	CHECK(a->playing);
	CHECK_INT(a->k, -1);
	CHECK(a->quiz.qz.n >= 3);
	if (!a->quiz.on || a->quiz.qz.n < 3) {
		close_app(a);
		return;
	}
	/* the first question: the run stops before it */
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(a->quiz.shown, 0);
	check_future_hidden(a);
	/* Space, →, End and the scrub bar do not pass it */
	int64_t k = a->k;
	gui_app_do(a, GA_PLAY, 0);
	CHECK(!a->playing);
	CHECK(strstr(a->message, "Answer first") != NULL);
	gui_app_do(a, GA_STEP, 0);
	CHECK_INT(a->k, k);
	gui_app_do(a, GA_NEXT_STATE, 0);
	CHECK_INT(a->k, k);
	gui_app_do(a, GA_END, 0);
	CHECK_INT(a->k, k);
	gui_app_do(a, GA_SEEK_RECORD, (int64_t)a->tr->n - 1);
	CHECK_INT(a->k, k);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	/* a key past the choices is not scored: the card and the status bar
	 * say what to pick; a valid answer clears it */
	const struct quiz_question *q0 = &a->quiz.qz.q[0];
	char pick[64];
	snprintf(pick, sizeof pick, "Not one of the choices: pick 1 to %d", q0->nchoices);
	gui_app_layout(a);
	CHECK(!shows_in(&a->lay.quiz, "Not one of the choices"));
	CHECK(!shows_in(&a->lay.status, "Not one of the choices"));
	gui_app_do(a, GA_QUIZ_ANSWER, q0->nchoices);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(quizmode_answered(&a->quiz), 0);
	CHECK(!a->playing);
	gui_app_layout(a);
	CHECK(shows(&a->lay.quiz, pick));
	CHECK(shows(&a->lay.status, pick));
	gui_app_do(a, GA_QUIZ_ANSWER, 7);
	CHECK_INT(quizmode_answered(&a->quiz), 0);
	CHECK_INT(a->quiz.given[0], -1);
	/* the right answer: scored, revealed, the run plays to it; the hint goes */
	gui_app_do(a, GA_QUIZ_ANSWER, q0->answer);
	gui_app_layout(a);
	CHECK(!shows_in(&a->lay.quiz, "Not one of the choices"));
	CHECK(!shows_in(&a->lay.status, "Not one of the choices"));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_REVEAL);
	CHECK(a->playing);
	CHECK(play_until_stopped(a, 60));
	CHECK(a->quiz.arrived);
	CHECK(a->k >= (int64_t)q0->rec);
	CHECK_INT(quizmode_right(&a->quiz), 1);
	gui_app_layout(a);
	CHECK(shows(&a->lay.quiz, "Right: "));
	CHECK(shows(&a->lay.quiz, "Space or Enter"));
	CHECK(shows_in(&a->lay.status, "Quiz: 1 of 1 right"));
	/* answering again does not change the score */
	gui_app_do(a, GA_QUIZ_ANSWER, (q0->answer + 1) % q0->nchoices);
	CHECK_INT(quizmode_right(&a->quiz), 1);
	CHECK_INT(quizmode_answered(&a->quiz), 1);
	/* Enter: on to the second question; a wrong answer */
	gui_app_do(a, GA_QUIZ_NEXT, 0);
	CHECK(a->playing);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(a->quiz.shown, 1);
	check_future_hidden(a);
	/* the cue: what the event about to happen does first */
	CHECK(shows_in(&a->lay.quiz, "calls connect()"));
	const struct quiz_question *q1 = &a->quiz.qz.q[1];
	CHECK(q1->nchoices >= 2);
	gui_app_do(a, GA_QUIZ_ANSWER, (q1->answer + 1) % q1->nchoices);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(quizmode_right(&a->quiz), 1);
	CHECK_INT(quizmode_answered(&a->quiz), 2);
	gui_app_layout(a);
	CHECK(shows(&a->lay.quiz, "Not quite: it is "));
	CHECK(shows_in(&a->lay.status, "Quiz: 1 of 2 right"));
	/* Space goes on too */
	gui_app_do(a, GA_PLAY, 0);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_WATCH);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.shown, 2);
	/* seeking back is allowed: the card goes, the answers stay */
	gui_app_do(a, GA_HOME, 0);
	CHECK_INT(a->k, -1);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_WATCH);
	CHECK_INT(quizmode_answered(&a->quiz), 2);
	/* forward again: the first question not answered stops it */
	gui_app_do(a, GA_SEEK_TIME, a->tr->recs[a->tr->n - 1].t);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(a->quiz.shown, 2);
	CHECK_INT(a->k, a->quiz.ask[2]);
	/* quiz mode off: all as before */
	gui_app_do(a, GA_QUIZ, 0);
	CHECK(!a->quiz.on);
	CHECK(strstr(a->message, "1 of 2 right") != NULL);
	gui_app_layout(a);
	CHECK(a->lay.narration.dl.n > 0);
	CHECK_INT(a->lay.quiz.dl.n, 0);
	close_app(a);
}

/* Both CLOSED boxes answer CLOSED: the diagram draws the state twice, and
 * a student who clicks either means it (a new user clicked the lower one
 * and was told "not one of the choices"). */
static void both_closed_boxes_answer_closed(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_QUIZ, 0);
	int closed = -1;
	for (int i = 0; i < 4000 && closed < 0 && a->t < a->tr->recs[a->tr->n - 1].t; i++) {
		if (!a->playing && a->quiz.card == VIEW_QUIZ_ASK) {
			const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
			for (int c = 0; q->kind == QUIZ_NEXT_STATE && c < q->nchoices; c++)
				if (strcmp(q->choice[c], "CLOSED") == 0)
					closed = c;
			if (closed < 0)
				gui_app_do(a, GA_QUIZ_ANSWER, q->answer);
		} else if (!a->playing)
			gui_app_do(a, GA_QUIZ_NEXT, 0);
		if (closed < 0)
			gui_app_tick(a, 1.0 / 60);
	}
	CHECK(closed >= 0); /* lesson 1 asks one with CLOSED among the choices */
	gui_app_layout(a);
	const int boxes[2] = {TCPS_CLOSED, TCPS_COUNT}; /* the top one, the bottom one */
	for (int i = 0; closed >= 0 && i < 2; i++) {
		struct gui_rect b = a->lay.diag.box[boxes[i]];
		const struct gui_target *t =
		    input_hit(a->lay.diag.out.targets, a->lay.diag.out.ntargets, b.x + b.w / 2,
		              b.y + b.h / 2);
		CHECK(t != NULL);
		if (t) {
			CHECK_INT(t->action, GA_QUIZ_ANSWER);
			CHECK_INT(t->arg, closed);
		}
	}
	close_app(a);
}

static void the_diagram_boxes_answer_a_next_state_question(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_QUIZ, 0);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	if (a->quiz.card != VIEW_QUIZ_ASK) {
		close_app(a);
		return;
	}
	gui_app_layout(a);
	const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
	CHECK_INT(q->kind, QUIZ_NEXT_STATE);
	/* each choice is a target on its state's box (CLOSED on both) */
	int state = -1;
	for (int s = 0; s < TCPS_COUNT; s++)
		if (strcmp(tcps_name(s), q->choice[q->answer]) == 0)
			state = s;
	CHECK(state >= 0);
	if (state < 0) {
		close_app(a);
		return;
	}
	/* a box no choice names (TIME_WAIT is one step from no state the
	 * first question leaves) answers "not a choice": hinted, not scored */
	for (int i = 0; i < q->nchoices; i++)
		CHECK(strcmp(q->choice[i], "TIME_WAIT") != 0);
	struct gui_rect tw = a->lay.diag.box[TCPS_TIME_WAIT];
	const struct gui_target *t = input_hit(a->lay.diag.out.targets, a->lay.diag.out.ntargets,
	                                       tw.x + tw.w / 2, tw.y + tw.h / 2);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->action, GA_QUIZ_ANSWER);
		CHECK(t->arg < 0);
		gui_app_do(a, t->action, t->arg);
	}
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(quizmode_answered(&a->quiz), 0);
	gui_app_layout(a);
	char pick[64];
	snprintf(pick, sizeof pick, "Not one of the choices: pick 1 to %d", q->nchoices);
	CHECK(shows(&a->lay.quiz, pick));
	CHECK(shows(&a->lay.status, pick));
	struct gui_rect box = a->lay.diag.box[state];
	t = input_hit(a->lay.diag.out.targets, a->lay.diag.out.ntargets, box.x + box.w / 2,
	              box.y + box.h / 2);
	CHECK(t != NULL);
	if (t) {
		CHECK_INT(t->action, GA_QUIZ_ANSWER);
		CHECK_INT(t->arg, q->answer);
		gui_app_do(a, t->action, t->arg);
	}
	CHECK_INT(quizmode_right(&a->quiz), 1);
	CHECK_INT(quizmode_answered(&a->quiz), 1);
	/* no box is a target once answered; the hint is gone */
	gui_app_layout(a);
	CHECK_INT(a->lay.diag.out.ntargets, 0);
	CHECK(!shows_in(&a->lay.quiz, "Not one of the choices"));
	CHECK(!shows_in(&a->lay.status, "Not one of the choices"));
	close_app(a);
}

static void the_summary_lists_the_missed_and_the_lesson(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	gui_app_do(a, GA_QUIZ, 0);
	int asked = 0;
	/* the first one wrong, the rest right, Enter after each */
	while (play_until_stopped(a, 120) && a->quiz.card == VIEW_QUIZ_ASK && asked < 50) {
		const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
		int choice = asked == 0 ? (q->answer + 1) % q->nchoices : q->answer;
		gui_app_do(a, GA_QUIZ_ANSWER, choice);
		CHECK(play_until_stopped(a, 120));
		gui_app_do(a, GA_QUIZ_NEXT, 0);
		asked++;
	}
	CHECK_INT(asked, (int)a->quiz.qz.n);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_SUMMARY);
	CHECK_INT(a->k, (int64_t)a->tr->n - 1);
	gui_app_layout(a);
	char want[128], t[32];
	snprintf(want, sizeof want, "Quiz done: %d of %d right", asked - 1, asked);
	CHECK(shows(&a->lay.quiz, want));
	const struct quiz_question *q0 = &a->quiz.qz.q[0];
	CHECK(shows(&a->lay.quiz, simtime_fmt_ms(t, sizeof t, q0->t)));
	CHECK(shows(&a->lay.quiz, q0->choice[q0->answer]));
	CHECK(shows(&a->lay.quiz, q0->text));
	CHECK(shows_in(&a->lay.quiz, "/docs/lessons.md#1-the-three-way-handshake"));
	/* only the missed one is listed: the second's time is not */
	if (a->quiz.qz.n > 1 && a->quiz.qz.q[1].t != q0->t)
		CHECK(!shows(&a->lay.quiz, simtime_fmt_ms(t, sizeof t, a->quiz.qz.q[1].t)));
	/* at the end, Home and Space play it again; nothing is asked twice */
	gui_app_do(a, GA_PLAY, 0);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_WATCH);
	CHECK(play_until_stopped(a, 120));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_SUMMARY);
	CHECK_INT(quizmode_right(&a->quiz), asked - 1);
	close_app(a);
}

/* Lesson 8 loses the SYN,ACK: in quiz mode it flies as any segment does
 * until its cross shows halfway, and nothing says it is lost before. */
static void a_loss_shows_when_its_cross_does(void)
{
	struct gui_app *a = open_lesson("08-lost-handshake-segments.tcps", 1280, 720);
	if (!a)
		return;
	uint32_t lost = 0;
	while (lost < a->tr->nsegs && !a->tr->segs[lost].lost)
		lost++;
	CHECK(lost < a->tr->nsegs);
	if (lost >= a->tr->nsegs) {
		close_app(a);
		return;
	}
	const struct trace_seg *sg = &a->tr->segs[lost];
	simtime_t mid = sg->sent + (sg->arrive - sg->sent) / 2;
	gui_app_do(a, GA_QUIZ, 0);
	int seen_flying = 0, seen_cross = 0;
	for (int i = 0; i < 4000 && a->t < mid + 1000; i++) {
		if (!a->playing && a->quiz.card == VIEW_QUIZ_ASK)
			gui_app_do(a, GA_QUIZ_ANSWER, a->quiz.qz.q[a->quiz.shown].answer);
		else if (!a->playing)
			gui_app_do(a, GA_QUIZ_NEXT, 0);
		gui_app_tick(a, 1.0 / 240);
		gui_app_layout(a);
		for (int j = 0; j < a->lay.ladder.nsegs; j++) {
			const struct ladder_seg *L = &a->lay.ladder.segs[j];
			if (L->seg != lost || L->icmp)
				continue;
			if (a->t < mid) {
				seen_flying = 1;
				CHECK(!L->lost);
				CHECK(!shows_in(&a->lay.quiz, "loses"));
			} else if (L->done) {
				seen_cross = L->lost;
			}
		}
	}
	CHECK(seen_flying);
	CHECK(seen_cross);
	close_app(a);
}

/* The scenario's own questions (tests/data/cli_quiz.tcps's ask lines):
 * asked at their point, no diagram box answers them, a written answer
 * scores, and quiz mode's message carries the asks' warnings. */
static void the_ask_lines_are_asked_too(void)
{
	struct gui_app *a = open_fixture("cli_quiz.tcps", 1280, 720);
	if (!a)
		return;
	a->settled = 1;
	gui_app_do(a, GA_QUIZ, 0);
	CHECK(strstr(a->message, "line 12: warning: this ask never came") != NULL);
	int asks = 0, guard = 0;
	int64_t last = -1;
	while (play_until_stopped(a, 120) && a->quiz.card != VIEW_QUIZ_SUMMARY && guard++ < 60) {
		CHECK(a->k >= last); /* no question takes the present back */
		last = a->k;
		if (a->quiz.card == VIEW_QUIZ_REVEAL) {
			gui_app_do(a, GA_QUIZ_NEXT, 0);
			continue;
		}
		if (a->quiz.card != VIEW_QUIZ_ASK)
			break;
		const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
		gui_app_layout(a);
		if (q->kind == QUIZ_ASK) {
			asks++;
			CHECK_INT(a->lay.diag.out.ntargets, 0);
			CHECK(shows(&a->lay.quiz, q->text));
			CHECK(!shows_in(&a->lay.quiz, "box of the diagram"));
			/* asked where it is reached, not yet where it is answered */
			CHECK(a->k >= (int64_t)q->rec);
			CHECK(q->reveal <= q->rec || a->k < (int64_t)q->reveal);
		}
		gui_app_do(a, GA_QUIZ_ANSWER, q->answer >= 0 ? q->answer : 0);
		if (q->kind == QUIZ_ASK && q->answer >= 0 &&
		    strcmp(q->choice[q->answer], "client") == 0) {
			/* "Who closes first?" answer client (written), with its why */
			gui_app_layout(a);
			CHECK(shows(&a->lay.quiz, "Right: client"));
			CHECK(shows_in(&a->lay.quiz, q->why));
		}
	}
	CHECK_INT(asks, 3);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_SUMMARY);
	/* every answer right but the one whose run's answer is none of them */
	CHECK_INT(quizmode_right(&a->quiz), (int)a->quiz.qz.n - 1);
	close_app(a);
}

/* The status bar's event counter, "event N" (quiz mode) or "event N / M". */
static int shows_event(const struct view_out *v, const char *want)
{
	for (int i = 0; i < v->dl.n; i++)
		if (v->dl.cmd[i].op == DL_TEXT &&
		    strcmp(dl_text_of(&v->dl, &v->dl.cmd[i]), want) == 0)
			return 1;
	return 0;
}

/* Quiz mode hides the run's length: the scrub bar spans the records seen
 * so far (the present's furthest), its knob at its right end there, a
 * click on it goes no further, and the status bar counts events without
 * the total. */
static void the_scrub_bar_spans_only_what_was_seen(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1280, 720);
	if (!a)
		return;
	char want[64];
	/* out of quiz mode: the whole run */
	gui_app_do(a, GA_END, 0);
	gui_app_layout(a);
	CHECK_INT(gui_app_scrub_span(a), (int64_t)a->tr->n);
	CHECK_INT(a->lay.controls.span, (int64_t)a->tr->n);
	snprintf(want, sizeof want, "event %u / %u", a->tr->n, a->tr->n);
	CHECK(shows_event(&a->lay.status, want));
	/* from the end into quiz mode: nothing seen yet, whatever came before */
	gui_app_do(a, GA_QUIZ, 0);
	a->playing = 0;
	gui_app_layout(a);
	CHECK_INT(gui_app_scrub_span(a), 0);
	CHECK_INT(a->lay.controls.span, 0);
	CHECK(shows_event(&a->lay.status, "event 0"));
	CHECK(!shows_in(&a->lay.status, " / "));
	CHECK_INT(gui_app_scrub_record(a, 1), -1);
	/* the first question (asked before the first record), answered; the
	 * second: the bar spans up to the present, the knob at its end */
	a->playing = 1;
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	gui_app_do(a, GA_QUIZ_ANSWER, a->quiz.qz.q[a->quiz.shown].answer);
	CHECK(play_until_stopped(a, 60));
	gui_app_do(a, GA_QUIZ_NEXT, 0);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	CHECK_INT(a->quiz.shown, 1);
	gui_app_layout(a);
	int64_t seen = a->k;
	CHECK(seen >= 0 && seen + 1 < (int64_t)a->tr->n);
	CHECK_INT(gui_app_scrub_span(a), seen + 1);
	CHECK_INT(a->lay.controls.span, seen + 1);
	struct gui_rect sr = a->lay.controls.scrub;
	CHECK(sr.w > 0);
	CHECK(a->lay.controls.knob_x > sr.x + sr.w - 0.5f);
	snprintf(want, sizeof want, "event %lld", (long long)seen + 1);
	CHECK(shows_event(&a->lay.status, want));
	CHECK(!shows_in(&a->lay.status, " / "));
	/* answered and revealed: the bar grows with the present */
	gui_app_do(a, GA_QUIZ_ANSWER, a->quiz.qz.q[a->quiz.shown].answer);
	CHECK(play_until_stopped(a, 60));
	CHECK(a->k > seen);
	seen = a->k;
	gui_app_layout(a);
	CHECK_INT(a->lay.controls.span, seen + 1);
	/* back to the start: the span stays what was seen, the knob goes left */
	gui_app_do(a, GA_HOME, 0);
	gui_app_layout(a);
	CHECK_INT(a->k, -1);
	CHECK_INT(a->lay.controls.span, seen + 1);
	CHECK(a->lay.controls.knob_x < sr.x + 0.5f);
	CHECK(shows_event(&a->lay.status, "event 0"));
	/* a click at the bar's end asks for the furthest seen, no further (the
	 * next question may stop it sooner), half way for half of it */
	int64_t end = gui_app_scrub_record(a, 1);
	CHECK_INT(end, seen);
	gui_app_do(a, GA_SEEK_RECORD, end);
	CHECK(a->k >= 0 && a->k <= seen);
	int64_t half = gui_app_scrub_record(a, 0.5f);
	CHECK(half >= seen / 2 - 1 && half <= seen / 2 + 1);
	/* quiz mode off: the whole run again */
	gui_app_do(a, GA_QUIZ, 0);
	gui_app_layout(a);
	CHECK_INT(a->lay.controls.span, (int64_t)a->tr->n);
	CHECK_INT(gui_app_scrub_record(a, 1), (int64_t)a->tr->n - 1);
	close_app(a);
}

/* Lesson 1's `ask on client SYN_SENT`, right after the question "what
 * state does the client enter next?" (SYN_SENT, at the same instant): the
 * ask comes with the client in SYN_SENT and its SYN on the wire, as its
 * text says, not back before the connect() that the answer just showed. */
static void an_ask_on_a_state_comes_after_it(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1920, 1080);
	if (!a)
		return;
	gui_app_do(a, GA_QUIZ, 0);
	int found = 0, guard = 0;
	int64_t last = -1;
	while (play_until_stopped(a, 120) && a->quiz.card != VIEW_QUIZ_SUMMARY && guard++ < 60) {
		CHECK(a->k >= last);
		last = a->k;
		if (a->quiz.card == VIEW_QUIZ_REVEAL) {
			gui_app_do(a, GA_QUIZ_NEXT, 0);
			continue;
		}
		if (a->quiz.card != VIEW_QUIZ_ASK)
			break;
		const struct quiz_question *q = &a->quiz.qz.q[a->quiz.shown];
		if (q->kind == QUIZ_ASK && strstr(q->text, "SYN is on its way")) {
			found = 1;
			int syn = 0, synack = 0, syn_sent = 0;
			for (int64_t j = 0; j <= a->k; j++) {
				const struct trace_rec *r = &a->tr->recs[j];
				if (r->kind == TR_STATE && r->host == 0 &&
				    r->u.state.to == TCPS_SYN_SENT)
					syn_sent = 1;
				if (r->kind == TR_SEG_SEND) {
					const struct trace_seg *sg = &a->tr->segs[r->seg];
					syn += sg->h.flags == TH_SYN;
					synack += sg->h.flags == (TH_SYN | TH_ACK);
				}
			}
			CHECK(syn_sent);
			CHECK_INT(syn, 1);
			CHECK_INT(synack, 0);
			gui_app_layout(a);
			CHECK(shows(&a->lay.panel[0], "SYN_SENT"));
		}
		gui_app_do(a, GA_QUIZ_ANSWER, q->answer >= 0 ? q->answer : 0);
	}
	CHECK(found);
	CHECK_INT(a->quiz.card, VIEW_QUIZ_SUMMARY);
	close_app(a);
}

/* Outside the quiz too: in SYN_SENT the peer's window is not known, so
 * SND.WND's row is empty, as IRS's is (docs/window.md); once the SYN,ACK
 * came it has its number. */
static void snd_wnd_waits_for_the_peer(void)
{
	struct gui_app *a = open_lesson("01-three-way-handshake.tcps", 1920, 1080);
	if (!a)
		return;
	gui_app_do(a, GA_SEEK_TIME, 1005000); /* the SYN in flight */
	gui_app_layout(a);
	CHECK(shows(&a->lay.panel[0], "SYN_SENT"));
	CHECK(var_row_empty(&a->lay.panel[0], "SND.WND"));
	CHECK(var_row_empty(&a->lay.panel[0], "IRS"));
	CHECK(!var_row_empty(&a->lay.panel[0], "ISS"));
	gui_app_do(a, GA_SEEK_TIME, 1500000); /* ESTABLISHED */
	gui_app_layout(a);
	CHECK(!var_row_empty(&a->lay.panel[0], "SND.WND"));
	CHECK(!var_row_empty(&a->lay.panel[0], "IRS"));
	close_app(a);
}

/* The panel names the retransmit timer as the trace names its firing: a
 * tail loss probe (lesson 9's server, before it repeats its FIN) is not
 * shown as "retransmit #1", a SYN's RTO is. */
static void the_retransmit_timer_says_what_it_holds(void)
{
	struct gui_app *a = open_lesson("09-time-wait-lost-last-ack.tcps", 1920, 1080);
	if (!a)
		return;
	gui_app_do(a, GA_SEEK_TIME, 3200000); /* the last ACK lost, the probe pending */
	gui_app_layout(a);
	CHECK(shows(&a->lay.panel[1], "LAST_ACK"));
	CHECK(shows(&a->lay.panel[1], "tail loss probe"));
	CHECK(!shows(&a->lay.panel[1], "retransmit #"));
	close_app(a);
	a = open_lesson("01-three-way-handshake.tcps", 1920, 1080);
	if (!a)
		return;
	gui_app_do(a, GA_SEEK_TIME, 1005000); /* the SYN in flight */
	gui_app_layout(a);
	CHECK(shows(&a->lay.panel[0], "retransmit #1"));
	close_app(a);
}

static void the_lesson_page_is_its_section_of_the_guide(void)
{
	char path[1200], page[1400];
	snprintf(path, sizeof path, "%s/scenarios/07a-nobody-answers-linux.tcps", src_dir);
	CHECK_INT(quizmode_lesson_page(path, page, sizeof page), 0);
	char want[1400];
	snprintf(want, sizeof want,
	         "%s/docs/lessons.md#7a-nobody-answers-syn-retries-until-etimedout-linux", src_dir);
	CHECK_STR(page, want);
	/* the arrow goes, its spaces stay (GitHub's anchors) */
	snprintf(path, sizeof path, "%s/scenarios/03-fin-and-ack-together.tcps", src_dir);
	CHECK_INT(quizmode_lesson_page(path, page, sizeof page), 0);
	CHECK(strstr(page, "#3-fin-and-ack-together-fin_wait_1--time_wait") != NULL);
	/* a file that is no shipped lesson has none */
	fixture(path, sizeof path, "gui_lost.tcps");
	CHECK_INT(quizmode_lesson_page(path, page, sizeof page), -1);
	CHECK_STR(page, "");
}

static void p_opens_the_window_in_quiz_mode_and_reload_restarts_it(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/scenarios/01-three-way-handshake.tcps", src_dir);
	struct draw *d = new_draw(1280, 720);
	struct gui_options o = {0};
	o.quiz = 1;
	struct gui_app *a = d ? gui_app_new(d, path, &o) : NULL;
	CHECK(a != NULL);
	if (!a) {
		draw_free(d);
		return;
	}
	a->settled = 1;
	CHECK(a->quiz.on);
	CHECK(play_until_stopped(a, 60));
	CHECK_INT(a->quiz.card, VIEW_QUIZ_ASK);
	gui_app_do(a, GA_QUIZ_ANSWER, a->quiz.qz.q[0].answer);
	/* following another connection waits for the quiz's end (a plot
	 * does not: plots_and_the_table_show_the_present_only) */
	gui_app_do(a, GA_FOLLOW, -1);
	CHECK(strstr(a->message, "follows one connection") != NULL);
	/* a reload starts the quiz again on the new run */
	CHECK_INT(gui_app_reload(a), 0);
	CHECK(a->quiz.on);
	CHECK_INT(quizmode_answered(&a->quiz), 0);
	CHECK_INT(a->k, -1);
	close_app(a);
}

/* The points of plot p past the present of a (a record after a->k, a time
 * after a->t), and its losses marked before the ladder's cross shows them
 * (*hidden counts those the data holds and the plot draws as data). */
static int plot_past_present(const struct gui_app *a, const struct plot *p, int *hidden)
{
	uint32_t sent = 0; /* the segments sent by the present */
	for (int64_t j = 0; j <= a->k; j++)
		if (a->tr->recs[j].kind == TR_SEG_SEND && a->tr->recs[j].seg >= 0)
			sent = (uint32_t)a->tr->recs[j].seg + 1;
	int bad = 0, shown_lost = 0;
	for (size_t j = 0; j < p->n; j++) {
		const struct plot_point *q = &p->v[j];
		bad += q->t > a->t || q->seg < 0 || (uint32_t)q->seg >= sent;
		if (q->mark != PM_LOST)
			continue;
		const struct trace_seg *sg = &a->tr->segs[q->seg];
		if (sg->sent + (sg->arrive - sg->sent) / 2 > a->t)
			(*hidden)++;
		else
			shown_lost = 1;
	}
	/* the legend names a loss only once one shows */
	if (shows_in(&a->lay.plot, "lost") && !shown_lost)
		bad++;
	return bad + (p->n && p->t1 > a->t);
}

/* D10: in quiz mode G still plots and the socket table still shows, both
 * cut back to the present: the plot built from the records up to the
 * present's (no point later, so its axes and legend tell nothing of the
 * future; a loss drawn as data until its cross shows), the table the
 * present's sockets.  Lesson 28 loses data segments: through the whole
 * quiz, at every stop and every tenth of a second of play, at two sizes. */
static void plots_and_the_table_show_the_present_only(void)
{
	static const int size[2][2] = {{1280, 720}, {960, 1080}};
	for (int z = 0; z < 2; z++) {
		struct gui_app *a = open_lesson("28-fast-retransmit.tcps", size[z][0], size[z][1]);
		if (!a)
			return;
		gui_app_do(a, GA_QUIZ, 0);
		CHECK(a->quiz.on);
		gui_app_do(a, GA_PLOT, 0); /* the time-sequence graph */
		CHECK_INT(a->plot, 1);
		int frames = 0, with_points = 0, bad = 0, table_bad = 0, hidden = 0;
		for (int i = 0; i < 3000 && a->quiz.card != VIEW_QUIZ_SUMMARY; i++) {
			if (!a->playing && a->quiz.card == VIEW_QUIZ_ASK)
				gui_app_do(a, GA_QUIZ_ANSWER, a->quiz.qz.q[a->quiz.shown].answer);
			else if (!a->playing)
				gui_app_do(a, GA_QUIZ_NEXT, 0);
			gui_app_tick(a, 0.1);
			gui_app_layout(a);
			const struct view_out *v[GUI_NVIEWS];
			gui_app_views(a, v);
			CHECK(v[0] == &a->lay.plot);
			frames++;
			with_points += a->plot_st.p.n > 0 && a->plot_st.have;
			bad += plot_past_present(a, &a->plot_st.p, &hidden) > 0;
			table_bad += !table_is_present(a);
		}
		CHECK_INT(a->quiz.card, VIEW_QUIZ_SUMMARY);
		CHECK(frames > 20 && with_points > 10);
		CHECK(hidden > 0); /* a loss was in flight, drawn as data, at least once */
		CHECK_INT(bad, 0);
		CHECK_INT(table_bad, 0);
		/* out of quiz mode the plot is the whole run's again */
		gui_app_do(a, GA_SEEK_RECORD, a->quiz.ask[0]);
		gui_app_layout(a);
		size_t past = a->plot_st.p.n;
		gui_app_do(a, GA_QUIZ, 0);
		CHECK(!a->quiz.on);
		gui_app_layout(a);
		CHECK(a->plot_st.p.n >= past && a->plot_st.p.t1 > a->t);
		close_app(a);
	}
}

int main(void)
{
	fixture_init();
	RUN(answers_are_scored_and_the_future_stays_hidden);
	RUN(the_diagram_boxes_answer_a_next_state_question);
	RUN(both_closed_boxes_answer_closed);
	RUN(the_summary_lists_the_missed_and_the_lesson);
	RUN(a_loss_shows_when_its_cross_does);
	RUN(the_ask_lines_are_asked_too);
	RUN(the_scrub_bar_spans_only_what_was_seen);
	RUN(an_ask_on_a_state_comes_after_it);
	RUN(snd_wnd_waits_for_the_peer);
	RUN(the_retransmit_timer_says_what_it_holds);
	RUN(the_lesson_page_is_its_section_of_the_guide);
	RUN(p_opens_the_window_in_quiz_mode_and_reload_restarts_it);
	RUN(plots_and_the_table_show_the_present_only);
	return check_report("test_gui_quiz");
}
