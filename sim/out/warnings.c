/* warnings: what only a run can reveal about a scenario's own lines, as
 * FILE:LINE:COL: warning: lines (never errors: `tcpsim check` runs
 * nothing, so it cannot know them): an application error no `expect`
 * line foresees, a drop or delay that never met its segment, a `note on`
 * whose state never came, a timed `note` after the run's end, an `on` line that never fired, an
 * `ask` that never came or whose answer from the run is none of its choices.  Read from the
 * finished run (trace and sim.h); called by `tcpsim test` and the window. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out/quiz.h"
#include "output.h"

static void add(struct run_warning *v, int max, int *n, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#include <stdarg.h>

static void add(struct run_warning *v, int max, int *n, int line, int col, const char *fmt, ...)
{
	if (*n < max) {
		struct run_warning *w = &v[*n];
		w->line = line;
		w->col = col > 0 ? col : 1;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(w->msg, sizeof w->msg, fmt, ap);
		va_end(ap);
	}
	(*n)++;
}

static int expected_error(const struct scenario *scn, int host, int err)
{
	for (int i = 0; i < scn->nexpects; i++) {
		const struct scn_expect *e = &scn->expects[i];
		if (e->kind == EXPECT_ERROR && e->host == host && e->err == err)
			return 1;
	}
	return 0;
}

/* One warning per (line, errno): the first time it happens. */
static void unexpected_errors(const struct scenario *scn, const struct trace *tr,
                              struct run_warning *v, int max, int *n)
{
	uint8_t *said = calloc((size_t)scn->nevents * 32 + 1, 1);
	/* maker[h]: the scenario event whose call made socket h, or -1 */
	int32_t *maker = malloc(((size_t)tr->nsocks + 1) * sizeof *maker);
	if (!said || !maker) {
		free(said);
		free(maker);
		return;
	}
	for (uint32_t h = 0; h < tr->nsocks; h++)
		maker[h] = -1;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->kind == TR_APP_CALL && r->sock >= 0 && (uint32_t)r->sock < tr->nsocks &&
		    maker[r->sock] < 0)
			maker[r->sock] = r->u.call.event;
	}
	char t[48];
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		int ev = -1, err = 0;
		if (r->kind == TR_APP_CALL && r->u.call.err) {
			ev = r->u.call.event;
			err = r->u.call.err;
		} else if (r->kind == TR_APP_ERROR && r->u.error.err) {
			ev = r->sock >= 0 && (uint32_t)r->sock < tr->nsocks ? maker[r->sock] : -1;
			err = r->u.error.err;
		}
		if (ev < 0 || ev >= scn->nevents || err <= 0 || err >= 32 ||
		    expected_error(scn, r->host, err) || said[ev * 32 + err])
			continue;
		said[ev * 32 + err] = 1;
		const struct scn_event *e = &scn->events[ev];
		const char *host = scn->hosts[r->host].name;
		char the[SCN_NAME_MAX + 8]; /* "the client", "Alice" */
		scn_host_phrase(scn, r->host, 0, the, sizeof the);
		if (r->kind == TR_APP_CALL)
			add(v, max, n, e->line, e->col,
			    "%s's %s failed with %s (%s) at %s, and no line expects it "
			    "(expect %s error %s)",
			    the, scn_action_name(e->act.kind), simerr_name(err), simerr_text(err),
			    simtime_fmt_ms(t, sizeof t, r->t), host, simerr_name(err));
		else
			add(v, max, n, e->line, e->col,
			    "%s's connection made here got %s (%s) at %s, and no line expects "
			    "it "
			    "(expect %s error %s)",
			    the, simerr_name(err), simerr_text(err),
			    simtime_fmt_ms(t, sizeof t, r->t), host, simerr_name(err));
	}
	free(said);
	free(maker);
}

static int by_line(const void *a, const void *b)
{
	const struct run_warning *x = a, *y = b;
	if (x->line != y->line)
		return x->line - y->line;
	return x->col - y->col;
}

/* An ask that never came; a derived answer that is none of the choices. */
static void asks(const struct sim *s, struct run_warning *v, int max, int *n)
{
	const struct scenario *scn = sim_scenario(s);
	const struct trace *tr = sim_trace(s);
	uint8_t *came = calloc((size_t)scn->nasks + 1, 1);
	if (!came)
		return;
	for (uint32_t k = 0; k < tr->n; k++)
		if (tr->recs[k].kind == TR_ASK && tr->recs[k].u.note.index >= 0 &&
		    tr->recs[k].u.note.index < scn->nasks)
			came[tr->recs[k].u.note.index] = 1;
	for (int i = 0; i < scn->nasks; i++) {
		const struct scn_note *w = &scn->asks[i].when;
		if (came[i])
			continue;
		char never[128], t[48];
		if (w->on_host >= 0) {
			scn_on_never(scn, w->on_host, w->on_conn, w->on_kind,
			             scn_on_arg(w->on_kind, w->on_state, w->on_arg), w->on_seq,
			             never, sizeof never);
			add(v, max, n, w->line, w->col, "this ask never came: %s in this run",
			    never);
		} else {
			/* a time ask does not prolong the run (sim.c only_late_notes) */
			add(v, max, n, w->line, w->col, "this ask never came: the run ended at %s",
			    simtime_fmt_ms(t, sizeof t, sim_now(s)));
		}
	}
	free(came);
	struct quiz qz = {0};
	if (!scn->nasks || quiz_build(&qz, scn, sim_trace(s), NULL) != 0)
		return;
	for (uint32_t k = 0; k < qz.n; k++) {
		const struct quiz_question *q = &qz.q[k];
		if (q->kind != QUIZ_ASK || q->answer >= 0)
			continue;
		const struct scn_ask *a = &scn->asks[q->ask];
		char t[48];
		if (strcmp(q->got, "none") == 0)
			add(v, max, n, a->ans_line, a->ans_col,
			    "nothing gives %s after this ask (at %s) in this run, and no choice is "
			    "none; add none to the choices",
			    scn_answer_name(a->answer), simtime_fmt_ms(t, sizeof t, q->t));
		else
			add(v, max, n, a->ans_line, a->ans_col,
			    "%s after this ask (at %s) is %s in this run, which is none of its "
			    "choices",
			    scn_answer_name(a->answer), simtime_fmt_ms(t, sizeof t, q->t), q->got);
	}
	quiz_free(&qz);
}

int out_warnings(const struct sim *s, struct run_warning *v, int max)
{
	const struct scenario *scn = sim_scenario(s);
	const struct trace *tr = sim_trace(s);
	int n = 0;
	unexpected_errors(scn, tr, v, max, &n);
	for (int i = 0; i < scn->nfaults; i++) {
		const struct scn_fault *f = &scn->faults[i];
		if (sim_fault_hits(s, i) == 0)
			add(v, max, &n, f->line, f->col,
			    "this %s never met a segment in this run; nothing was %s",
			    f->kind == FAULT_DELAY_MATCH || f->kind == FAULT_DELAY_SEGNO ? "delay"
			                                                                 : "drop",
			    f->kind == FAULT_DELAY_MATCH || f->kind == FAULT_DELAY_SEGNO
			        ? "delayed"
			        : "dropped");
	}
	/* timed notes that came: their records in the trace */
	uint8_t *shown = calloc((size_t)scn->nnotes + 1, 1);
	for (uint32_t k = 0; shown && k < tr->n; k++)
		if (tr->recs[k].kind == TR_NOTE && tr->recs[k].u.note.index >= 0 &&
		    tr->recs[k].u.note.index < scn->nnotes)
			shown[tr->recs[k].u.note.index] = 1;
	for (int i = 0; i < scn->nnotes; i++) {
		const struct scn_note *nt = &scn->notes[i];
		if (nt->on_host >= 0 && !sim_note_shown(s, i)) {
			char never[128];
			scn_on_never(scn, nt->on_host, nt->on_conn, nt->on_kind,
			             scn_on_arg(nt->on_kind, nt->on_state, nt->on_arg), nt->on_seq,
			             never, sizeof never);
			add(v, max, &n, nt->line, nt->col, "this note never showed: %s in this run",
			    never);
		} else if (nt->on_host < 0 && shown && !shown[i]) {
			/* a timed note does not prolong the run (sim.c only_late_notes) */
			char t[48], end[48];
			add(v, max, &n, nt->line, nt->col,
			    "this note at %s never showed: the run ended at %s",
			    simtime_fmt_ms(t, sizeof t, nt->at),
			    simtime_fmt_ms(end, sizeof end, sim_now(s)));
		}
	}
	free(shown);
	asks(s, v, max, &n);
	/* `on` lines that never fired: no call of theirs in the trace */
	uint8_t *ran = calloc((size_t)scn->nevents + 1, 1);
	if (ran) {
		for (uint32_t k = 0; k < tr->n; k++)
			if (tr->recs[k].kind == TR_APP_CALL && tr->recs[k].u.call.event >= 0 &&
			    tr->recs[k].u.call.event < scn->nevents)
				ran[tr->recs[k].u.call.event] = 1;
		for (int i = 0; i < scn->nevents; i++) {
			const struct scn_event *e = &scn->events[i];
			if (e->trigger == TRIG_ON && !ran[i]) {
				char never[128];
				scn_on_never(scn, e->on_host, 0, e->on_kind,
				             scn_on_arg(e->on_kind, e->on_state, e->on_arg),
				             e->on_seq, never, sizeof never);
				add(v, max, &n, e->line, e->col,
				    "this line never fired: %s in this run", never);
			}
		}
		free(ran);
	}
	qsort(v, (size_t)(n < max ? n : max), sizeof *v, by_line);
	return n;
}

void out_warnings_print(FILE *f, const struct sim *s, const char *path)
{
	struct run_warning v[64];
	int n = out_warnings(s, v, 64);
	for (int i = 0; i < n && i < 64; i++)
		fprintf(f, "%s:%d:%d: warning: %s\n", path, v[i].line, v[i].col, v[i].msg);
	if (n > 64)
		fprintf(f, "%s: warning: %d more warnings\n", path, n - 64);
}
