/* controls: the controls bar (see view.h): scrub bar, transport, speed,
 * skip idle, the other commands, the hovered button's tooltip (from the key
 * table, input.h).  Called by app/app.c each frame.
 *
 * Each button is a click target carrying its gui_action, so a click does
 * what its key does. */
#include <stdio.h>
#include <string.h>

#include "view.h"

enum icon {
	ICON_NONE,
	ICON_HOME,
	ICON_PREV_STATE,
	ICON_BACK,
	ICON_PLAY,
	ICON_PAUSE,
	ICON_STEP,
	ICON_NEXT_STATE,
	ICON_END,
};

/* Which commands have a button and what it shows: the keys and tooltips
 * are the key table's. */
static const struct {
	int action, icon;
} transport[] = {
    {GA_HOME, ICON_HOME}, {GA_PREV_STATE, ICON_PREV_STATE},
    {GA_BACK, ICON_BACK}, {GA_PLAY, ICON_PLAY},
    {GA_STEP, ICON_STEP}, {GA_NEXT_STATE, ICON_NEXT_STATE},
    {GA_END, ICON_END},
};

/* Compare's caption has its key where the bar has room for it (a class
 * that does not know C finds it there), else "Compare". */
static const struct {
	int action;
	const char *caption;
} commands[] = {
    {GA_COMPARE, "Compare C"}, {GA_QUIZ, "Quiz"},     {GA_OPEN, "Open"},      {GA_RELOAD, "Reload"},
    {GA_PLOT, "Plot"},         {GA_EXPORT, "Export"}, {GA_SCREENSHOT, "PNG"}, {GA_THEME, "Theme"},
    {GA_ZOOM_OUT, "A−"},       {GA_ZOOM_IN, "A+"},    {GA_HELP, "Help"},
};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))
#define MAX_BUTTONS 24

struct button {
	struct gui_rect r;
	int action;
	const char *label; /* text, or NULL for an icon */
	int icon;
	int on; /* a toggle's state */
};

struct buttons {
	struct button b[MAX_BUTTONS];
	int n;
	int dropped; /* commands left out for lack of room, Compare the first */
};

/* A command's caption at a step of the fitting (place): from step 3 on,
 * Compare's without its key. */
static const char *caption(int i, int step)
{
	return commands[i].action == GA_COMPARE && step >= 3 ? "Compare" : commands[i].caption;
}

static struct button *add(struct buttons *bs, struct gui_rect r, int action, int icon,
                          const char *label)
{
	if (bs->n >= MAX_BUTTONS)
		return NULL;
	struct button *b = &bs->b[bs->n++];
	memset(b, 0, sizeof *b);
	b->r = r;
	b->action = action;
	b->icon = icon;
	b->label = label;
	return b;
}

/* Where the buttons go: the transport from the left, the commands from the
 * right, the speed group left of them. */
static void place(const struct view_frame *f, struct buttons *bs, struct controls_layout *cl)
{
	const struct view_regions *l = f->reg;
	float s = l->s;
	struct gui_rect c = l->controls;
	float scrub_h = 28 * s;
	float bh = c.h - scrub_h - 12 * s, y = c.y + scrub_h + 4 * s;
	/* compact when narrow: tighter transport buttons and captions,
	 * Compare's caption without its key, then the commands that have keys of their own
	 * give way, Compare first (it is a view of its own the bar leads
	 * to, not one a lesson needs), then the least needed; Help, which
	 * lists every key, stays */
	static const int drop_order[] = {GA_COMPARE,  GA_EXPORT,  GA_SCREENSHOT, GA_THEME,
	                                 GA_ZOOM_OUT, GA_ZOOM_IN, GA_PLOT,       GA_RELOAD,
	                                 GA_QUIZ,     GA_OPEN};
	float skip_w = draw_text_width(f->d, FONT_BODY, "skip idle") + 34 * s;
	float speed_w = bh + draw_text_width(f->d, FONT_BOLD, "0.25×") + 12 * s + bh;
	float avail = c.w - 2 * l->pad;
	float iw = bh * 1.15f, tgap = 4 * s, cpad = 20 * s;
	int ndrop = 0, step;
	for (step = 0; step < 4 + N(drop_order); step++) {
		if (step >= 1) {
			/* tighter transport buttons and command captions */
			iw = bh * 0.95f;
			tgap = 2 * s;
			cpad = step >= 2 ? 10 * s : 14 * s;
		}
		ndrop = step >= 4 ? step - 3 : 0;
		float need =
		    N(transport) * (iw + tgap) + 10 * s + speed_w + 6 * s + skip_w + 10 * s;
		for (int i = 0; i < N(commands); i++) {
			int gone = 0;
			for (int d = 0; d < ndrop; d++)
				gone |= commands[i].action == drop_order[d];
			if (!gone)
				need += draw_text_width(f->d, FONT_BODY, caption(i, step)) + cpad +
				        4 * s;
		}
		if (need <= avail)
			break;
	}
	if (step >= 4 + N(drop_order))
		step--;
	bs->dropped = ndrop;
	float x = l->pad;
	for (int i = 0; i < N(transport); i++) {
		int icon = transport[i].icon;
		if (transport[i].action == GA_PLAY && f->playing)
			icon = ICON_PAUSE;
		add(bs, gui_rect_make(x, y, iw, bh), transport[i].action, icon, NULL);
		x += iw + tgap;
	}
	float rx = c.w - l->pad;
	for (int i = N(commands) - 1; i >= 0; i--) {
		int gone = 0;
		for (int d = 0; d < ndrop; d++)
			gone |= commands[i].action == drop_order[d];
		if (gone)
			continue;
		const char *cap = caption(i, step);
		float w = draw_text_width(f->d, FONT_BODY, cap) + cpad;
		rx -= w;
		add(bs, gui_rect_make(rx, y, w, bh), commands[i].action, 0, cap);
		rx -= 4 * s;
	}
	rx -= 10 * s;
	rx -= skip_w;
	struct button *b = add(bs, gui_rect_make(rx, y, skip_w, bh), GA_SKIP_IDLE, 0, "skip idle");
	if (b)
		b->on = f->skip_idle;
	rx -= 6 * s;
	rx -= bh;
	add(bs, gui_rect_make(rx, y, bh, bh), GA_FASTER, 0, "+");
	rx -= draw_text_width(f->d, FONT_BOLD, "0.25×") + 12 * s;
	rx -= bh;
	add(bs, gui_rect_make(rx, y, bh, bh), GA_SLOWER, 0, "−");
	cl->scrub = gui_rect_make(l->pad + 10 * s, c.y + scrub_h / 2 + 2 * s - 3 * s,
	                          c.w - 2 * l->pad - 20 * s, 6 * s);
}

static void icon(struct dlist *d, int icon, struct gui_rect r, float s, struct gui_color c)
{
	float cx = r.x + r.w / 2, cy = r.y + r.h / 2, u = r.h * 0.2f;
	struct gui_point p[3];
#define TRI(dir, ox)                                                                               \
	do {                                                                                       \
		p[0].x = cx + (ox) - (dir)*u;                                                      \
		p[0].y = cy - u;                                                                   \
		p[1].x = cx + (ox) - (dir)*u;                                                      \
		p[1].y = cy + u;                                                                   \
		p[2].x = cx + (ox) + (dir)*u;                                                      \
		p[2].y = cy;                                                                       \
		dl_triangle(d, p[0], p[1], p[2], c);                                               \
	} while (0)
#define BAR(ox) dl_rect(d, gui_rect_make(cx + (ox)-1.5f * s, cy - u, 3 * s, 2 * u), c)
	switch (icon) {
	case ICON_HOME:
		BAR(-u * 1.6f);
		TRI(-1, -u * 0.2f);
		TRI(-1, u * 1.2f);
		break;
	case ICON_PREV_STATE:
		TRI(-1, -u * 0.7f);
		TRI(-1, u * 0.7f);
		break;
	case ICON_BACK:
		TRI(-1, -u * 0.3f);
		BAR(u * 1.1f);
		break;
	case ICON_PLAY: TRI(1, u * 0.2f); break;
	case ICON_PAUSE:
		BAR(-u * 0.5f);
		BAR(u * 0.5f);
		break;
	case ICON_STEP:
		BAR(-u * 1.1f);
		TRI(1, u * 0.3f);
		break;
	case ICON_NEXT_STATE:
		TRI(1, -u * 0.7f);
		TRI(1, u * 0.7f);
		break;
	case ICON_END:
		TRI(1, -u * 1.2f);
		TRI(1, u * 0.2f);
		BAR(u * 1.6f);
		break;
	default: break;
	}
#undef TRI
#undef BAR
}

/* A tick per state change of one run, in its host's colour, above the bar
 * for the first host and below for the second: run A's a bar; run B's (in
 * compare mode) a thinner stem ending in a ring, as its markers on the
 * diagram are rings.  A record's place on a compare-mode bar: its own
 * index plus the other run's records before it (ties: run A's first). */
static void ticks(struct view_out *o, const struct view_frame *f, struct gui_rect r, int64_t n,
                  const struct trace *tr, const uint32_t *recs, uint32_t nrecs,
                  const struct trace *other, int b)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	for (uint32_t i = 0; i < nrecs; i++) {
		const struct trace_rec *rec = &tr->recs[recs[i]];
		int64_t place = (int64_t)recs[i] + 1;
		if (other)
			place += trace_upper_bound(other, b ? rec->t : rec->t - 1);
		if (place > n)
			break; /* quiz mode: not seen yet */
		float x = r.x + r.w * (float)place / (float)n;
		struct gui_color c = rec->host < 2 ? th->host[rec->host] : th->text_dim;
		if (!b) {
			float up = rec->host == 0 ? -7 * s : 2 * s;
			dl_rect(&o->dl,
			        gui_rect_make(x - 1 * s, r.y + up - 2 * s, 2 * s, r.h + 7 * s), c);
			continue;
		}
		float cy = rec->host == 0 ? r.y - 6 * s : r.y + r.h + 6 * s;
		float y0 = rec->host == 0 ? cy : r.y, y1 = rec->host == 0 ? r.y + r.h : cy;
		dl_rect(&o->dl, gui_rect_make(x - 0.5f * s, y0, 1 * s, y1 - y0), c);
		struct gui_point at = {x, cy};
		dl_circle(&o->dl, at, 3 * s, c);
		dl_circle(&o->dl, at, 1.5f * s, th->panel);
	}
}

static void scrub(struct view_out *o, const struct view_frame *f, struct gui_rect r, int64_t *span,
                  float *knob_x)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	if (r.w < 20 * s)
		return;
	dl_rrect(&o->dl, r, r.h / 2, th->panel_alt);
	/* the records the bar spans (app.h: gui_app_scrub_span): quiz mode
	 * those seen so far, the future's length unsaid; compare mode both
	 * runs' in time order */
	int64_t n = f->scrub_span;
	float fr = n > 0 ? (float)f->scrub_done / (float)n : 0;
	fr = fr > 1 ? 1 : fr;
	*span = n;
	*knob_x = r.x + r.w * fr;
	if (n <= 0)
		return;
	struct gui_rect done = r;
	done.w = r.w * fr;
	dl_rrect(&o->dl, done, r.h / 2, th->accent);
	const struct trace *b = f->tr_b && f->state_recs_b ? f->tr_b : NULL;
	ticks(o, f, r, n, f->tr, f->state_recs, f->nstate_recs, b, 0);
	if (b)
		ticks(o, f, r, n, b, f->state_recs_b, f->nstate_recs_b, f->tr, 1);
	struct gui_point knob = {r.x + r.w * fr, r.y + r.h / 2};
	dl_circle(&o->dl, knob, 9 * s, th->panel);
	dl_circle(&o->dl, knob, 7 * s, th->accent);
}

static void tooltip(struct view_out *o, const struct view_frame *f, const struct button *b)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	float s = l->s;
	char buf[128];
	const char *tip = input_tooltip(b->action, buf, sizeof buf);
	if (!tip)
		return;
	float w = draw_text_width(f->d, FONT_SMALL, tip) + 16 * s;
	float h = draw_font_height(f->d, FONT_SMALL) + 8 * s;
	float x = b->r.x + b->r.w / 2 - w / 2;
	if (x + w > l->controls.w - 4 * s)
		x = l->controls.w - 4 * s - w;
	if (x < 4 * s)
		x = 4 * s;
	struct gui_rect r = gui_rect_make(x, b->r.y - h - 8 * s, w, h);
	dl_rrect(&o->dl, r, 4 * s, th->text);
	view_text(o, f, FONT_SMALL, r.x + 8 * s, r.y + 4 * s, ALIGN_LEFT, th->panel, tip);
}

void view_controls_layout(const struct view_frame *f, struct controls_layout *cl)
{
	const struct gui_theme *th = f->th;
	const struct view_regions *l = f->reg;
	struct view_out *o = &cl->out;
	float s = l->s;
	struct buttons bs;
	bs.n = 0;
	bs.dropped = 0;
	view_out_begin(o, "controls", l->controls);
	cl->scrub = gui_rect_make(0, 0, 0, 0);
	cl->span = 0;
	cl->knob_x = 0;
	if (l->too_small)
		return;
	place(f, &bs, cl);
	if (bs.dropped) /* Compare goes first (place) */
		view_left_out(o, "the Compare button", "no room: C still works");
	if (bs.dropped > 1) {
		char what[48];
		snprintf(what, sizeof what, "%d command buttons", bs.dropped - 1);
		view_left_out(o, what, "no room: their keys still work");
	}
	dl_rect(&o->dl, l->controls, th->panel);
	dl_rect(&o->dl, gui_rect_make(0, l->controls.y, l->controls.w, 1 * s), th->border);
	const struct button *hover = NULL;
	for (int i = 0; i < bs.n; i++) {
		const struct button *b = &bs.b[i];
		view_target(o, b->r, b->action, 0);
		int over = gui_rect_has(b->r, f->mouse_x, f->mouse_y);
		if (over)
			hover = b;
		struct gui_color bg = over ? th->button_hover : th->button;
		/* Play, and Quiz and Compare while on, in the accent colour */
		int lit = b->action == GA_PLAY || (b->action == GA_QUIZ && f->quiz) ||
		          (b->action == GA_COMPARE && f->tr_b);
		if (lit)
			bg = over ? gui_mix(th->accent, th->text, 0.15f) : th->accent;
		dl_rrect(&o->dl, b->r, 5 * s, bg);
		struct gui_color ink = lit ? th->host_ink[1] : th->button_text;
		if (b->icon) {
			icon(&o->dl, b->icon, b->r, s, ink);
		} else if (b->action == GA_SKIP_IDLE) {
			struct gui_rect box = gui_rect_make(
			    b->r.x + 8 * s, b->r.y + b->r.h / 2 - 7 * s, 14 * s, 14 * s);
			dl_outline(&o->dl, box, 2 * s, th->button_text);
			if (b->on)
				dl_rect(&o->dl, gui_rect_inset(box, 4 * s), th->accent);
			view_text(o, f, FONT_BODY, box.x + box.w + 6 * s, b->r.y + b->r.h / 2,
			          ALIGN_LEFT | ALIGN_MIDDLE, ink, b->label);
		} else if (b->label) {
			view_text(o, f, FONT_BODY, b->r.x + b->r.w / 2, b->r.y + b->r.h / 2,
			          ALIGN_CENTER | ALIGN_MIDDLE, ink, b->label);
		}
		if (b->action == GA_FASTER && i + 1 < bs.n) {
			/* the speed sits between − and + */
			const struct button *slower = &bs.b[i + 1];
			view_text(o, f, FONT_BOLD,
			          b->r.x - (b->r.x - slower->r.x - slower->r.w) / 2,
			          b->r.y + b->r.h / 2, ALIGN_CENTER | ALIGN_MIDDLE, th->text,
			          f->speed_label);
		}
	}
	scrub(o, f, cl->scrub, &cl->span, &cl->knob_x);
	if (hover)
		tooltip(o, f, hover);
}
