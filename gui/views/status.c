/* status: the status bar on top (see view.h): the scenario's title, the
 * simulated time, the event counter, the speed and whether it plays; while
 * a message shows ("Reloaded ...", "Screenshot saved: ..."), the message in
 * the title's place, so that it covers nothing a student reads.  Each
 * item has a fixed slot, as wide as its widest value, so nothing moves
 * when a value changes; the title takes what is left, cut with "…" (or,
 * with a failed reload's errors hidden, says the run is the last good one;
 * in quiz mode, after an answer that is none of the choices, what to pick).
 * Below the minimum window size the whole window is this view, saying so.
 * Called by app/app.c each frame. */
#include <stdio.h>
#include <string.h>

#include "profile.h"
#include "view.h"

/* The message's lines (at most 4): their starts and lengths. */
static int message_lines(const char *m, const char **line, size_t *len)
{
	int n = 0;
	for (const char *p = m; *p && n < 4;) {
		const char *e = strchr(p, '\n');
		line[n] = p;
		len[n] = e ? (size_t)(e - p) : strlen(p);
		p = e ? e + 1 : p + len[n];
		n++;
	}
	return n;
}

/* Lines [from, to) side by side (" · ") into out; returns its width. */
static float message_join(const struct view_frame *f, int font, const char *const *line,
                          const size_t *len, int from, int to, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = from; i < to; i++) {
		size_t used = strlen(out);
		snprintf(out + used, size - used, "%s%.*s", i > from ? " · " : "", (int)len[i],
		         line[i]);
	}
	return draw_text_width(f->d, font, out);
}

/* The message as one line of width at most width into out: its lines side
 * by side in the title's font, else bold, else the small one; where even
 * that is too wide, a page of lines at a time (as many as fit side by
 * side in bold), each page for its share of the message's time, "(2/3)"
 * after it, a line too wide alone cut (view_message_line) in the small
 * font.  Returns the font; *cut says whether a line was cut. */
static int message_fit(const struct view_frame *f, float width, char *out, size_t size, int *cut)
{
	const char *line[4];
	size_t len[4];
	int n = message_lines(f->message, line, len);
	*cut = 0;
	static const int fonts[] = {FONT_TITLE, FONT_BOLD, FONT_SMALL};
	for (int i = 0; i < 3; i++)
		if (message_join(f, fonts[i], line, len, 0, n, out, size) <= width)
			return fonts[i];
	/* pages: lines side by side while they fit in bold */
	float room = width - draw_text_width(f->d, FONT_BOLD, " (0/0)");
	int start[5], npages = 0;
	for (int i = 0; i < n;) {
		int j = i + 1;
		while (j < n && message_join(f, FONT_BOLD, line, len, i, j + 1, out, size) <= room)
			j++;
		start[npages++] = i;
		i = j;
	}
	start[npages] = n;
	double span = (f->message_until - f->message_since) / npages;
	int page = span > 0 ? (int)((f->wall - f->message_since) / span) : 0;
	page = page < 0 ? 0 : page >= npages ? npages - 1 : page;
	char suffix[32], text[600];
	snprintf(suffix, sizeof suffix, " (%d/%d)", page + 1, npages);
	int font = FONT_BOLD;
	if (message_join(f, font, line, len, start[page], start[page + 1], text, sizeof text) >
	    room) {
		/* a line alone too wide */
		font = FONT_SMALL;
		room = width - draw_text_width(f->d, font, suffix);
		*cut = view_message_line(f, font, line[start[page]], len[start[page]], room, text,
		                         sizeof text);
	}
	snprintf(out, size, "%s%s", text, npages > 1 ? suffix : "");
	return font;
}

/* The window is below the minimum: say so, and what to do. */
static void too_small(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	struct gui_rect r = l->status;
	dl_rect(&o->dl, r, th->bg);
	char buf[256];
	snprintf(buf, sizeof buf,
	         "The window is too small for this zoom: it needs %.0f × %.0f pixels. "
	         "Make it larger, or zoom out with Ctrl+−.",
	         VIEW_MIN_W * s, VIEW_MIN_H * s);
	float w = r.w - 40 * s;
	if (w < 40)
		w = r.w;
	float x = r.x + (r.w - w) / 2;
	view_text_wrap(o, f, FONT_BODY, x, r.y + r.h / 3, w, th->text, buf, 6);
	view_left_out(o, "every view", "the window is below its minimum size");
}

/* "event 12 / 48"; in compare mode each run's count, as each ladder has
 * its own present: "event A 12 / 48 · B 30 / 52" (a, b: the counts) */
static void event_count(const struct view_frame *f, int64_t a, int64_t b, char *buf, size_t size)
{
	if (f->tr_b)
		snprintf(buf, size, "event A %lld / %u · B %lld / %u", (long long)a, f->tr->n,
		         (long long)b, f->tr_b->n);
	else
		snprintf(buf, size, "event %lld / %u", (long long)a, f->tr->n);
}

void view_status_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	struct gui_rect r = l->status;
	view_out_begin(o, "status", r);
	if (l->too_small) {
		too_small(f, o);
		return;
	}
	dl_rect(&o->dl, r, th->panel);
	dl_rect(&o->dl, gui_rect_make(0, r.y + r.h - 1 * s, r.w, 1 * s), th->border);
	float cy = r.y + r.h / 2;
	char buf[256], t[32];
	/* the slots, right to left: play state, speed, event, time */
	float ic = draw_font_height(f->d, FONT_BOLD) * 0.55f;
	float w_play = draw_text_width(f->d, FONT_BOLD, "playing");
	float w_paused = draw_text_width(f->d, FONT_BOLD, "paused");
	w_play = (w_play > w_paused ? w_play : w_paused) + 6 * s + ic;
	float w_speed = draw_text_width(f->d, FONT_BODY, "speed 1000× · skip idle");
	float w_speed_short = draw_text_width(f->d, FONT_BODY, "1000×");
	char ev_max[48];
	/* quiz mode: no total (the run's length is the future), and a slot
	 * whose width does not hint at it either */
	if (f->quiz)
		snprintf(ev_max, sizeof ev_max, "event 000000");
	else
		event_count(f, f->tr->n, f->tr_b ? f->tr_b->n : 0, ev_max, sizeof ev_max);
	for (char *p = ev_max; *p; p++)
		if (*p >= '0' && *p <= '9')
			*p = '0';
	float w_event = draw_text_width(f->d, FONT_BODY, ev_max);
	float w_time = draw_text_width(f->d, FONT_TITLE, "t = 000.000000 s");
	float w_title_min = draw_text_width(f->d, FONT_TITLE, "Title…");
	/* quiz mode, an answer that is none of the choices: the title's place
	 * says what to pick, and the speed and event counter make room for it */
	const struct view_quiz *vq = f->quiz;
	int pick = vq && vq->not_a_choice && vq->shown >= 0 && (uint32_t)vq->shown < vq->qz->n;
	/* a message: the title's place (it lies over nothing a student reads
	 * there), the speed's long form making room for it while it shows;
	 * what to pick, the present's state, comes before it */
	int msg = !pick && f->message && f->message[0];
	char msg_line[1200];
	float w_msg = 0;
	if (msg) {
		const char *line[4];
		size_t len[4];
		int n = message_lines(f->message, line, len);
		w_msg = message_join(f, FONT_TITLE, line, len, 0, n, msg_line, sizeof msg_line) +
		        24 * s;
	}
	char pick_long[96], pick_short[96];
	if (pick) {
		int nc = vq->qz->q[vq->shown].nchoices;
		snprintf(pick_long, sizeof pick_long, "Not one of the choices: pick 1 to %d", nc);
		snprintf(pick_short, sizeof pick_short, "Not a choice: pick 1 to %d", nc);
		w_title_min = draw_text_width(f->d, FONT_TITLE, pick_short) + 8 * s;
	}
	float gap = 24 * s, avail = r.w - 2 * l->pad;
	/* quiz mode: the score, as wide as its widest value */
	char quiz[64];
	float w_quiz = 0;
	if (f->quiz) {
		char widest[64];
		unsigned n = f->quiz->qz->n;
		snprintf(widest, sizeof widest, "Quiz: %u of %u right", n, n);
		for (char *p = widest; *p; p++)
			if (*p >= '0' && *p <= '9')
				*p = '0';
		w_quiz = draw_text_width(f->d, FONT_BOLD, widest) + gap;
		if (f->quiz->answered)
			snprintf(quiz, sizeof quiz, "Quiz: %d of %d right", f->quiz->right,
			         f->quiz->answered);
		else
			snprintf(quiz, sizeof quiz, "Quiz: %u question%s", n, n == 1 ? "" : "s");
	}
	/* what fits, dropping the least needed first */
	int long_speed = 1, show_event = 1;
	if (w_quiz + w_play + w_speed + w_event + w_time + 4 * gap + w_title_min > avail)
		long_speed = 0;
	if (msg && w_quiz + w_play + w_speed + w_event + w_time + 4 * gap + w_msg > avail)
		long_speed = 0;
	/* the profile (below) before the speed's long form: that gives way
	 * when the title then fits whole, or the profile then fits at all */
	int show_prof = !f->tr_b && !msg && !pick && f->scn;
	if (show_prof && long_speed) {
		const char *t0 = f->scn->title && *f->scn->title ? f->scn->title : f->path;
		float tw0 = draw_text_width(f->d, FONT_TITLE, t0);
		float fixed = w_quiz + w_play + w_event + w_time + 5 * gap + 8 * s +
		              draw_text_width(f->d, FONT_BODY, profile_label(f->scn->profile, 1));
		float need = tw0 < 200 * s ? tw0 : 200 * s;
		if ((fixed + tw0 + w_speed > avail && fixed + tw0 + w_speed_short <= avail) ||
		    (fixed + need + w_speed > avail && fixed + need + w_speed_short <= avail))
			long_speed = 0;
	}
	float ws = long_speed ? w_speed : w_speed_short;
	if (w_quiz + w_play + ws + w_event + w_time + 4 * gap + w_title_min > avail) {
		show_event = 0;
		view_left_out(o, "the event counter", "no room in the status bar");
	}
	/* the hint before the score, which is back once a choice is given */
	int show_quiz = f->quiz != NULL;
	if (pick && w_quiz + w_play + ws + w_time + 3 * gap + w_title_min > avail) {
		show_quiz = 0;
		view_left_out(o, "the quiz's score", "no room beside what to pick");
	}
	float x = r.w - l->pad;
	const char *ps = f->playing ? "playing" : "paused";
	view_text(o, f, FONT_BOLD, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE,
	          f->playing ? th->accent : th->text_dim, ps);
	float ix = x - (w_play > 0 ? w_play : 0);
	if (f->playing) {
		struct gui_point p0 = {ix, cy - ic / 2}, p1 = {ix, cy + ic / 2}, p2 = {ix + ic, cy};
		dl_triangle(&o->dl, p0, p1, p2, th->accent);
	} else {
		dl_rect(&o->dl, gui_rect_make(ix + ic * 0.1f, cy - ic / 2, ic * 0.3f, ic),
		        th->text_dim);
		dl_rect(&o->dl, gui_rect_make(ix + ic * 0.6f, cy - ic / 2, ic * 0.3f, ic),
		        th->text_dim);
	}
	x -= w_play + gap;
	if (long_speed)
		snprintf(buf, sizeof buf, "speed %s%s", f->speed_label,
		         f->skip_idle ? " · skip idle" : "");
	else
		snprintf(buf, sizeof buf, "%s", f->speed_label);
	view_text(o, f, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text_dim, buf);
	x -= ws + gap;
	if (show_event) {
		if (f->quiz)
			snprintf(buf, sizeof buf, "event %lld", (long long)(f->k + 1));
		else
			event_count(f, f->k + 1, f->tr_b ? f->k_b + 1 : 0, buf, sizeof buf);
		view_text(o, f, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text, buf);
		x -= w_event + gap;
	}
	if (show_quiz) {
		view_text(o, f, FONT_BOLD, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->accent, quiz);
		x -= w_quiz;
	}
	snprintf(buf, sizeof buf, "t = %s s", simtime_fmt(t, sizeof t, f->t));
	view_text(o, f, FONT_TITLE, x - w_time, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->text, buf);
	x -= w_time + gap;
	/* the title takes what is left; with the errors of a failed reload
	 * hidden (Esc), what is shown is not the file as saved: say so there */
	const char *title = f->scn && f->scn->title && *f->scn->title ? f->scn->title : f->path;
	char held[128];
	struct gui_color tc = th->text;
	if (f->errors_held > 0) {
		snprintf(held, sizeof held,
		         "The file has %d error%s: the last good run (R shows %s)", f->errors_held,
		         f->errors_held == 1 ? "" : "s", f->errors_held == 1 ? "it" : "them");
		title = held;
		tc = th->bad;
	}
	/* the profile the run models, left of the time, dim: long when the
	 * title still fits whole beside it, else brief while the title keeps
	 * 200 px (or all it needs), else left out.  Compare mode names each
	 * run's profile under its title; a message or what to pick has the
	 * title's place. */
	if (show_prof) {
		float room = x + gap - l->pad - 8 * s;
		float need = draw_text_width(f->d, FONT_TITLE, title);
		need = need < 200 * s ? need : 200 * s;
		const char *pl = profile_label(f->scn->profile, 0);
		float pw = draw_text_width(f->d, FONT_BODY, pl);
		if (room - pw - gap < draw_text_width(f->d, FONT_TITLE, title)) {
			pl = profile_label(f->scn->profile, 1);
			pw = draw_text_width(f->d, FONT_BODY, pl);
		}
		if (room - pw - gap >= need) {
			view_text(o, f, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text_dim,
			          pl);
			x -= pw + gap;
		} else {
			view_left_out(o, "the profile", "no room in the status bar");
		}
	}
	float tw = x + gap - l->pad - 8 * s;
	int tf = FONT_TITLE;
	if (pick) {
		title = draw_text_width(f->d, tf, pick_long) <= tw ? pick_long : pick_short;
		if (draw_text_width(f->d, tf, title) > tw)
			tf = FONT_BOLD; /* narrow and zoomed in: a size smaller, whole */
		tc = th->bad;
	}
	if (msg) {
		/* on a plate of its own (message_fit: the font, the pages) */
		int mcut = 0;
		int mf = message_fit(f, tw - 16 * s, msg_line, sizeof msg_line, &mcut);
		float mw = draw_text_width(f->d, mf, msg_line);
		float mh = draw_font_height(f->d, mf) + 6 * s;
		dl_rrect(&o->dl, gui_rect_make(l->pad - 4 * s, cy - mh / 2, mw + 16 * s, mh), 6 * s,
		         th->text);
		view_text(o, f, mf, l->pad + 4 * s, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->panel,
		          msg_line);
		view_left_out(o, "the title", "a message has its place");
		if (mcut)
			view_left_out(o, "a message line's end", "cut with ...: no room");
		return;
	}
	int cut = 0;
	view_text_fit(o, f, tf, l->pad, cy, ALIGN_LEFT | ALIGN_MIDDLE, tc, title, tw, &cut);
	if (cut)
		view_left_out(o, "the title's end", "cut with ...: no room");
}
