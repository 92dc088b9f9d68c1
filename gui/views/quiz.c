/* quiz: quiz mode's card (see view.h), in the narration's and the table's
 * places (regions.c, view_regions_quiz).  Between questions it shows the
 * note and what the last event did (the past only); at a question, the
 * question in big letters and its choices as big numbered buttons (a click
 * target each); once answered, the verdict, the right choice marked and
 * the one-sentence why; at the end, the score, the questions missed and
 * the lesson's page.  An answer that is none of the choices turns the
 * hint under them into a bold "Not one of the choices: pick 1 to N".  Called by app/app.c each
 * frame in quiz mode.
 *
 * Each card tries its fonts from the biggest (to be read from the back
 * of a classroom) down until everything fits its place. */
#include <stdio.h>
#include <string.h>

#include "narrate.h"
#include "view.h"

/* The fonts a card tries, biggest first: the question's, the choices',
 * the verdict's. */
static const int q_fonts[][3] = {
    {FONT_BIG, FONT_BIG, FONT_BIG},       {FONT_BIG, FONT_TITLE, FONT_BIG},
    {FONT_TITLE, FONT_TITLE, FONT_TITLE}, {FONT_BOLD, FONT_BOLD, FONT_TITLE},
    {FONT_BODY, FONT_BOLD, FONT_BOLD},
};
#define NQ_FONTS ((int)(sizeof q_fonts / sizeof q_fonts[0]))

/* The choices' buttons: as wide as the widest, in as many columns as fit. */
struct grid {
	float bw, bh, gap;
	int cols, rows;
	int whole; /* the widest choice fits its button uncut */
};

static float badge_w(const struct view_frame *f, int font)
{
	return draw_font_height(f->d, font) * 1.25f;
}

static struct grid grid_of(const struct view_frame *f, const struct quiz_question *q, int font,
                           float w, int tight)
{
	float s = f->reg->s;
	struct grid g;
	g.gap = (tight ? 5 : 10) * s;
	g.bh = draw_font_height(f->d, font) + (tight ? 6 : 16) * s;
	float widest = 0;
	for (int i = 0; i < q->nchoices; i++) {
		float cw = draw_text_width(f->d, font, q->choice[i]);
		widest = cw > widest ? cw : widest;
	}
	g.bw = badge_w(f, font) + 12 * s + widest + 20 * s;
	g.whole = g.bw <= w;
	g.cols = (int)((w + g.gap) / (g.bw + g.gap));
	if (g.cols < 1)
		g.cols = 1;
	if (g.cols > q->nchoices)
		g.cols = q->nchoices > 0 ? q->nchoices : 1;
	if (g.bw > w)
		g.bw = w;
	else if (g.cols < q->nchoices)
		/* rows of equal buttons across the card */
		g.bw = (w - g.gap * (float)(g.cols - 1)) / (float)g.cols;
	g.rows = (q->nchoices + g.cols - 1) / g.cols;
	return g;
}

static float grid_h(const struct grid *g)
{
	return (float)g->rows * g->bh + (float)(g->rows > 0 ? g->rows - 1 : 0) * g->gap;
}

/* The i-th button of grid g whose top-left is (x, y). */
static struct gui_rect button_at(const struct grid *g, int i, float x, float y)
{
	int c = i % g->cols, r = i / g->cols;
	return gui_rect_make(x + (float)c * (g->bw + g->gap), y + (float)r * (g->bh + g->gap),
	                     g->bw, g->bh);
}

/* How a choice's button looks. */
enum look { LOOK_CHOICE, LOOK_RIGHT, LOOK_WRONG, LOOK_OTHER };

static void button(struct view_out *o, const struct view_frame *f, struct gui_rect r, int i,
                   const char *text, int font, int look)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	int over = look == LOOK_CHOICE && gui_rect_has(r, f->mouse_x, f->mouse_y);
	struct gui_color edge = look == LOOK_RIGHT   ? th->ok
	                        : look == LOOK_WRONG ? th->bad
	                        : look == LOOK_OTHER ? th->border
	                                             : th->accent;
	struct gui_color fill = over ? th->button_hover : th->button;
	if (look == LOOK_RIGHT)
		fill = gui_mix(th->panel, th->ok, 0.25f);
	else if (look == LOOK_WRONG)
		fill = gui_mix(th->panel, th->bad, 0.25f);
	else if (look == LOOK_OTHER)
		fill = th->panel;
	dl_rrect(&o->dl, r, 8 * s, edge);
	dl_rrect(&o->dl, gui_rect_inset(r, (look == LOOK_OTHER ? 1.5f : 3) * s), 6 * s, fill);
	/* the key that answers it, on a badge */
	float bw = badge_w(f, font), bh = draw_font_height(f->d, font);
	struct gui_rect b = gui_rect_make(r.x + 10 * s, r.y + (r.h - bh) / 2, bw, bh);
	struct gui_color bc = look == LOOK_OTHER ? th->text_dim : edge;
	dl_rrect(&o->dl, b, 5 * s, bc);
	char key[16];
	snprintf(key, sizeof key, "%d", i + 1);
	view_text(o, f, font, b.x + b.w / 2, b.y + b.h / 2, ALIGN_CENTER | ALIGN_MIDDLE, th->panel,
	          key);
	float tx = b.x + b.w + 12 * s, tw = r.x + r.w - 10 * s - tx;
	int cut = 0;
	view_text_fit(o, f, font, tx, r.y + r.h / 2, ALIGN_LEFT | ALIGN_MIDDLE,
	              look == LOOK_OTHER ? th->text_dim : th->text, text, tw, &cut);
	if (cut)
		view_left_out(o, "a choice's end", "cut with ...: no room");
}

/* The card's heading: "Quiz · question 2 of 5" on the left. */
static float heading(struct view_out *o, const struct view_frame *f, struct gui_rect in,
                     const char *text, struct gui_color c)
{
	view_text_fit(o, f, FONT_BOLD, in.x, in.y, ALIGN_LEFT, c, text, in.w, NULL);
	return draw_font_height(f->d, FONT_BOLD) + 6 * f->reg->s;
}

static const char *answer_text(const struct quiz_question *q)
{
	return q->answer >= 0 && q->answer < q->nchoices ? q->choice[q->answer] : "none of these";
}

/* The cue of question i: what the event that makes its record does first
 * (the SYN,ACK reaching the client, the application calling close()),
 * narrated; the run stops before that event, so that no view shows the
 * state it leads to.  Empty when there is none. */
static void cue_of(const struct view_frame *f, int i, char *buf, size_t size)
{
	const struct view_quiz *vq = f->quiz;
	const struct quiz_question *q = &vq->qz->q[i];
	buf[0] = '\0';
	for (int64_t j = vq->ask[i] + 1; j >= 0 && j < (int64_t)q->rec && !buf[0]; j++) {
		int kind = f->tr->recs[j].kind;
		if (kind != TR_NOTE && kind != TR_EXPECT && kind != TR_STATE)
			narrate(f->scn, f->tr, (uint32_t)j, buf, size);
	}
}

/* How a question's card is laid out: its fonts (a row of q_fonts), and
 * once answered whether the choices' buttons still show. */
struct plan {
	int k, buttons;
	int tight; /* 1: tight buttons, no heading, the cue in a line; 2: no cue either */
	int qfont, qlines, why_lines, cue_font, cue_lines;
	struct grid g;
	float need;
};

/* The height plan p takes at width w, the verdict (REVEAL) being
 * verdict. */
static void measure(const struct view_frame *f, const struct quiz_question *q, int reveal,
                    const char *cue, const char *verdict, float w, struct plan *p)
{
	float s = f->reg->s;
	float gap = 10 * s;
	/* once answered, the question steps down a size: the verdict leads */
	p->qfont = reveal && q_fonts[p->k][0] == FONT_BIG ? FONT_TITLE : q_fonts[p->k][0];
	p->qlines = view_wrap_count(f, p->qfont, w, q->text);
	/* a question cut after 3 lines, or a choice cut in its button, is a
	 * plan that does not fit: a smaller font shows them whole */
	int cut =
	    p->qlines > 3 || (p->buttons && !grid_of(f, q, q_fonts[p->k][1], w, p->tight).whole);
	if (p->qlines > 3)
		p->qlines = 3;
	p->g = grid_of(f, q, q_fonts[p->k][1], w, p->tight);
	p->need = (float)p->qlines * draw_font_height(f->d, p->qfont) + gap;
	/* the cue in the title's size while the big fonts fit */
	p->cue_font = p->k <= 1 ? FONT_TITLE : FONT_BODY;
	p->cue_lines = cue[0] && p->tight < 2 ? view_wrap_count(f, p->cue_font, w, cue) : 0;
	if (p->cue_lines > (p->tight ? 1 : 2))
		p->cue_lines = p->tight ? 1 : 2;
	p->need +=
	    (float)p->cue_lines * draw_font_height(f->d, p->cue_font) + (p->cue_lines ? 4 * s : 0);
	if (cut)
		p->need += 100000 * s;
	if (!p->tight)
		p->need += draw_font_height(f->d, FONT_BOLD) + 6 * s;
	/* the hint under the choices; an answer that is none of them makes it
	 * the bold warning, which keeps its line however tight */
	if (!reveal && f->quiz->not_a_choice)
		p->need += draw_font_height(f->d, FONT_BOLD) + 4 * s;
	else if (!p->tight)
		p->need += draw_font_height(f->d, FONT_SMALL) + 4 * s;
	if (p->buttons)
		p->need += grid_h(&p->g) + gap;
	p->why_lines = 0;
	if (reveal) {
		int vl = view_wrap_count(f, q_fonts[p->k][2], w, verdict);
		p->need +=
		    (float)(vl > 2 ? 2 : vl) * draw_font_height(f->d, q_fonts[p->k][2]) + 4 * s;
		p->why_lines = view_wrap_count(f, FONT_BODY, w, q->why);
		if (p->why_lines > 3)
			p->why_lines = 3;
		p->need += (float)p->why_lines * draw_font_height(f->d, FONT_BODY) + 6 * s;
	}
}

/* The question and its choices; REVEAL: marked, with the verdict, the
 * why and what Space does.  The biggest fonts that fit; answered, where
 * even the smallest do not, the buttons go and the verdict names the
 * choice given. */
static void question(struct view_out *o, const struct view_frame *f, struct gui_rect in, int reveal)
{
	const struct gui_theme *th = f->th;
	const struct view_quiz *vq = f->quiz;
	const struct quiz_question *q = &vq->qz->q[vq->shown];
	float s = f->reg->s;
	char head[96], hint[160], verdict[200] = "", cue[512];
	snprintf(head, sizeof head, "Quiz · question %d of %u", vq->shown + 1, vq->qz->n);
	int given = vq->given[vq->shown];
	int right = reveal && given >= 0 && given == q->answer;
	/* asked, the cue; answered, the why says it all */
	cue[0] = '\0';
	if (!reveal)
		cue_of(f, vq->shown, cue, sizeof cue);
	if (reveal) {
		if (right)
			snprintf(verdict, sizeof verdict, "Right: %s", answer_text(q));
		else if (q->answer >= 0)
			snprintf(verdict, sizeof verdict, "Not quite: it is %s", answer_text(q));
		else
			snprintf(verdict, sizeof verdict, "None of these: see why");
		if (!vq->arrived)
			snprintf(hint, sizeof hint, "Watch: the run plays on to the answer …");
		else
			snprintf(hint, sizeof hint, "Space or Enter: %s",
			         vq->answered < (int)vq->qz->n ? "on to the next question"
			                                       : "on to the end");
	} else if (vq->not_a_choice) {
		snprintf(hint, sizeof hint, "Not one of the choices: pick 1 to %d", q->nchoices);
	} else {
		snprintf(hint, sizeof hint, "Press 1 to %d or click a choice%s", q->nchoices,
		         q->kind == QUIZ_NEXT_STATE && f->plot <= 0 ? ", or a box of the diagram"
		                                                    : "");
	}
	int warn = !reveal && vq->not_a_choice;
	int hint_font = warn ? FONT_BOLD : FONT_SMALL;
	/* the plans, best first: each row of fonts with the buttons; then
	 * the smallest, tight (the cue in a line), then without the cue;
	 * answered, then without the buttons */
	struct plan p = {0};
	int found = 0;
	for (int pass = 0; pass < (reveal ? 4 : 3) && !found; pass++)
		for (p.k = pass ? NQ_FONTS - 1 : 0; p.k < NQ_FONTS && !found; p.k++) {
			p.buttons = pass < 3;
			p.tight = pass >= 2 ? 2 : pass;
			measure(f, q, reveal, cue, verdict, in.w, &p);
			found = p.need <= in.h;
		}
	if (found) {
		p.k--;
	} else {
		p.k = NQ_FONTS - 1;
		p.buttons = !reveal;
		p.tight = 2;
		measure(f, q, reveal, cue, verdict, in.w, &p);
	}
	/* without the buttons, the verdict names the choice given too */
	if (reveal && !p.buttons && !right && given >= 0 && given < q->nchoices)
		snprintf(verdict + strlen(verdict), sizeof verdict - strlen(verdict), " (not %s)",
		         q->choice[given]);
	float gap = 10 * s, bottom = in.y + in.h;
	float hint_h = draw_font_height(f->d, hint_font) + 4 * s;
	float y = in.y;
	if (p.tight)
		view_left_out(o, "the quiz card's heading",
		              "no room: the status bar has the score");
	else
		y += heading(o, f, in, head, th->accent);
	float used = 0;
	if (cue[0] && !p.cue_lines)
		view_left_out(o, "the cue", "no room: the ladder shows what arrives");
	if (p.cue_lines) {
		if (view_text_wrap_cut(o, f, p.cue_font, in.x, y, in.w, th->text_dim, cue,
		                       p.cue_lines, &used))
			view_left_out(o, "the cue's end", "cut with ...: no room");
		y += used + 4 * s;
	}
	if (view_text_wrap_cut(o, f, p.qfont, in.x, y, in.w, th->text, q->text, p.qlines, &used))
		view_left_out(o, "the question's end", "cut with ...: no room");
	y += used + gap;
	if (p.buttons) {
		for (int i = 0; i < q->nchoices; i++) {
			struct gui_rect r = button_at(&p.g, i, in.x, y);
			int look = !reveal          ? LOOK_CHOICE
			           : i == q->answer ? LOOK_RIGHT
			           : i == given     ? LOOK_WRONG
			                            : LOOK_OTHER;
			button(o, f, r, i, q->choice[i], q_fonts[p.k][1], look);
			if (!reveal)
				view_target(o, r, GA_QUIZ_ANSWER, i);
		}
		y += grid_h(&p.g) + gap;
	} else {
		view_left_out(o, "the choices' buttons",
		              "no room once answered: the verdict names them");
	}
	if (reveal) {
		int vf = q_fonts[p.k][2];
		if (view_text_wrap_cut(o, f, vf, in.x, y, in.w, right ? th->ok : th->bad, verdict,
		                       3, &used))
			view_left_out(o, "the verdict's end", "cut with ...: no room");
		y += used + 4 * s;
		/* the why takes the room there is, up to six lines */
		float lh = draw_font_height(f->d, FONT_BODY);
		int room = (int)((bottom - hint_h - y) / lh + 0.01f);
		int lines = view_wrap_count(f, FONT_BODY, in.w, q->why);
		if (room > lines)
			room = lines;
		if (room > 6)
			room = 6;
		if (room >= 1) {
			if (view_text_wrap_cut(o, f, FONT_BODY, in.x, y, in.w, th->text, q->why,
			                       room, &used))
				view_left_out(o, "the why's end", "cut with ...: no room");
			y += used + 6 * s;
		} else if (q->why[0]) {
			view_left_out(o, "the why", "no room below the choices");
		}
	}
	/* what to do next, right under the rest (short where narrow) */
	if (reveal && vq->arrived && draw_text_width(f->d, FONT_SMALL, hint) > in.w)
		snprintf(hint, sizeof hint, "Space: next");
	if (warn && draw_text_width(f->d, hint_font, hint) > in.w)
		snprintf(hint, sizeof hint, "Not a choice: pick 1 to %d", q->nchoices);
	struct gui_color hc = warn ? th->bad : reveal && vq->arrived ? th->accent : th->text_dim;
	if (y + hint_h <= bottom + 0.5f)
		view_text_fit(o, f, hint_font, in.x, y, ALIGN_LEFT, hc, hint, in.w, NULL);
	else
		view_left_out(o, "the quiz card's hint", "no room below the choices");
}

/* 1 when r is a loss the ladder does not show yet: the link records it as
 * the segment leaves, the ladder crosses it out halfway across. */
static int loss_unseen(const struct view_frame *f, const struct trace_rec *r)
{
	if (r->kind != TR_SEG_LOST || r->seg < 0 || (uint32_t)r->seg >= f->tr->nsegs)
		return 0;
	const struct trace_seg *sg = &f->tr->segs[r->seg];
	return trace_seg_end(sg) > f->t;
}

/* Between questions: the note and what the last event did, the past only. */
static void watch(struct view_out *o, const struct view_frame *f, struct gui_rect in)
{
	const struct gui_theme *th = f->th;
	const struct view_quiz *vq = f->quiz;
	float s = f->reg->s;
	char head[128], buf[1024];
	int next = -1;
	for (uint32_t i = 0; i < vq->qz->n && next < 0; i++)
		if (vq->given[i] < 0)
			next = (int)i;
	if (!vq->qz->n)
		snprintf(head, sizeof head, "Quiz · no questions in this run");
	else if (next >= 0)
		snprintf(head, sizeof head, "Quiz · question %d of %u comes next", next + 1,
		         vq->qz->n);
	else
		snprintf(head, sizeof head,
		         "Quiz · every question answered: the run plays to its end");
	float y = in.y, bottom = in.y + in.h;
	y += heading(o, f, in, head, th->accent);
	float hint_h = draw_font_height(f->d, FONT_SMALL) + 4 * s;
	float used = 0;
	int note = view_note_now(f);
	if (note >= 0) {
		float lh = draw_font_height(f->d, FONT_BOLD);
		int lines = (int)((bottom - hint_h - y) / lh * 0.6f);
		if (lines > 4)
			lines = 4;
		if (lines >= 1) {
			if (view_text_wrap_cut(o, f, FONT_BOLD, in.x + 12 * s, y, in.w - 12 * s,
			                       th->accent, f->scn->notes[note].text, lines, &used))
				view_left_out(o, "the note's end", "cut with ...: no room");
			dl_rect(&o->dl, gui_rect_make(in.x, y, 4 * s, used), th->accent);
			y += used + 8 * s;
		}
	}
	/* what the last event on the network or in an application did */
	int64_t k = f->k;
	while (k > 0 && (f->tr->recs[k].kind == TR_EXPECT || f->tr->recs[k].kind == TR_NOTE ||
	                 loss_unseen(f, &f->tr->recs[k])))
		k--;
	if (k >= 0) {
		narrate(f->scn, f->tr, (uint32_t)k, buf, sizeof buf);
		if (!buf[0])
			snprintf(buf, sizeof buf, "Event %lld.", (long long)k + 1);
	} else {
		snprintf(buf, sizeof buf, "%s",
		         f->scn->about && *f->scn->about ? f->scn->about
		                                         : "The run starts: Space pauses it.");
	}
	float lh = draw_font_height(f->d, FONT_BODY);
	int lines = (int)((bottom - hint_h - y) / lh + 0.01f);
	if (lines > 4)
		lines = 4;
	if (lines >= 1 &&
	    view_text_wrap_cut(o, f, FONT_BODY, in.x, y, in.w, th->text, buf, lines, &used))
		view_left_out(o, "the narration's end", "cut with ...: no room");
	view_text_fit(o, f, FONT_SMALL, in.x, bottom - hint_h + 4 * s, ALIGN_LEFT, th->text_dim,
	              "The run stops before each state change: say what comes next. P ends "
	              "the quiz.",
	              in.w, NULL);
}

/* The end: the score, each question missed (its time, the question, the
 * right answer), the lesson's page. */
static void summary(struct view_out *o, const struct view_frame *f, struct gui_rect in)
{
	const struct gui_theme *th = f->th;
	const struct view_quiz *vq = f->quiz;
	float s = f->reg->s;
	char buf[512], t[32];
	int n = (int)vq->qz->n, missed = n - vq->right;
	snprintf(buf, sizeof buf, "Quiz done: %d of %d right", vq->right, n);
	/* the score in big letters, smaller where the card is narrow */
	int tf = FONT_BIG;
	if (draw_font_height(f->d, FONT_BIG) * 3 > in.h || draw_text_width(f->d, tf, buf) > in.w)
		tf = FONT_TITLE;
	if (draw_text_width(f->d, tf, buf) > in.w)
		tf = FONT_BOLD;
	float y = in.y, bottom = in.y + in.h;
	view_text_fit(o, f, tf, in.x, y, ALIGN_LEFT, missed ? th->text : th->ok, buf, in.w, NULL);
	y += draw_font_height(f->d, tf) + 6 * s;
	float lh = draw_font_height(f->d, FONT_BODY) + 2 * s;
	float sh = draw_font_height(f->d, FONT_SMALL) + 2 * s;
	/* the lesson's page and the hint keep their lines at the foot */
	float foot = 2 * sh + 4 * s;
	if (!n) {
		view_text_fit(o, f, FONT_BODY, in.x, y, ALIGN_LEFT, th->text,
		              "This run asked no questions of the followed connection.", in.w,
		              NULL);
	} else if (!missed) {
		view_text_fit(o, f, FONT_BODY, in.x, y, ALIGN_LEFT, th->text, "Every answer right.",
		              in.w, NULL);
	} else {
		snprintf(buf, sizeof buf, "Missed (the right answer last):");
		view_text_fit(o, f, FONT_BOLD, in.x, y, ALIGN_LEFT, th->text_dim, buf, in.w, NULL);
		y += lh;
		/* a row: the time (one form, "1.020s", so the column reads down), the question (two
		 * lines where it needs them), the right answer on the right */
		int shown = 0, lines = (int)((bottom - foot - y) / lh + 0.01f);
		float tw = 0;
		for (int i = 0; i < n; i++) {
			float w0 = draw_text_width(f->d, FONT_BOLD,
			                           simtime_fmt_ms(t, sizeof t, vq->qz->q[i].t));
			tw = w0 > tw ? w0 : tw;
		}
		tw += 12 * s;
		for (int i = 0; i < n; i++) {
			const struct quiz_question *q = &vq->qz->q[i];
			if (vq->given[i] >= 0 && vq->given[i] == q->answer)
				continue;
			const char *ans = answer_text(q);
			float aw = draw_text_width(f->d, FONT_BOLD, ans);
			if (aw > in.w * 0.4f)
				aw = in.w * 0.4f;
			float qw = in.w - tw - aw - 12 * s;
			/* narrow: the question on its own lines under the time */
			int below = qw < in.w * 0.35f;
			if (below)
				qw = in.w - tw;
			int ql = view_wrap_count(f, FONT_BODY, qw, q->text);
			ql = ql > 2 ? 2 : ql;
			int rl = ql + below;
			/* a line kept for "N more missed" unless this is the last */
			if (rl + (shown + 1 < missed ? 1 : 0) > lines)
				break;
			view_text_fit(o, f, FONT_BOLD, in.x, y, ALIGN_LEFT, th->text_dim,
			              simtime_fmt_ms(t, sizeof t, q->t), tw, NULL);
			view_text_fit(o, f, FONT_BOLD, in.x + in.w - aw, y, ALIGN_LEFT, th->ok, ans,
			              aw, NULL);
			view_text_wrap(o, f, FONT_BODY, in.x + tw, y + (below ? lh : 0), qw,
			               th->text, q->text, ql);
			y += (float)rl * lh;
			lines -= rl;
			shown++;
		}
		if (shown < missed) {
			snprintf(buf, sizeof buf, "%d more missed", missed - shown);
			if (y + lh <= bottom - foot + 0.5f)
				view_text_fit(o, f, FONT_BODY, in.x, y, ALIGN_LEFT, th->text_dim,
				              buf, in.w, NULL);
			char what[48];
			snprintf(what, sizeof what, "%d missed questions", missed - shown);
			view_left_out(o, what, "no room on the summary card");
		}
	}
	float fy = bottom - foot + 4 * s;
	if (vq->lesson && vq->lesson[0])
		snprintf(buf, sizeof buf, "The lesson: %s", vq->lesson);
	else
		snprintf(buf, sizeof buf,
		         "The lessons: docs/lessons.md (this file is not one of them)");
	/* a long path keeps its end, where the lesson's name is */
	char cut[512];
	snprintf(cut, sizeof cut, "%s", buf);
	size_t len = strlen(buf), skip = 0;
	while (draw_text_width(f->d, FONT_SMALL, cut) > in.w && skip + 12 < len) {
		skip += 4;
		while (skip < len && ((unsigned char)buf[skip] & 0xC0) == 0x80)
			skip++;
		snprintf(cut, sizeof cut, "…%s", buf + skip);
	}
	view_text_fit(o, f, FONT_SMALL, in.x, fy, ALIGN_LEFT, th->text, cut, in.w, NULL);
	view_text_fit(o, f, FONT_SMALL, in.x, fy + sh, ALIGN_LEFT, th->text_dim,
	              "P ends the quiz · Home watches the run again", in.w, NULL);
}

void view_quiz_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	if (!f->quiz || l->too_small || l->quiz.w <= 0 || l->quiz.h <= 0) {
		view_out_begin(o, "quiz", gui_rect_make(0, 0, 0, 0));
		return;
	}
	struct gui_rect r = l->quiz;
	view_out_begin(o, "quiz", r);
	const struct view_quiz *vq = f->quiz;
	int card = vq->card;
	if ((card == VIEW_QUIZ_ASK || card == VIEW_QUIZ_REVEAL) &&
	    (vq->shown < 0 || (uint32_t)vq->shown >= vq->qz->n))
		card = VIEW_QUIZ_WATCH;
	/* a question stands out: the accent's thick frame */
	if (card == VIEW_QUIZ_ASK) {
		dl_rrect(&o->dl, r, 8 * s, th->accent);
		dl_rrect(&o->dl, gui_rect_inset(r, 3 * s), 6 * s, th->panel);
	} else {
		view_panel_frame(o, f, r, NULL);
	}
	struct gui_rect in = gui_rect_inset(r, 14 * s);
	in.y -= 4 * s;
	in.h += 4 * s;
	switch (card) {
	case VIEW_QUIZ_ASK: question(o, f, in, 0); break;
	case VIEW_QUIZ_REVEAL: question(o, f, in, 1); break;
	case VIEW_QUIZ_SUMMARY: summary(o, f, in); break;
	default: watch(o, f, in); break;
	}
}
