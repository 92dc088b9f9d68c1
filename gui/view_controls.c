/* view_controls: the window's chrome: the status bar on top, the controls
 * bar at the bottom (transport buttons, scrub bar, speed, the other
 * commands), and the overlays (errors, help, open, messages).  Every button
 * carries a gui_action, so a click is the same as its key. */
#include <stdio.h>
#include <string.h>

#include "app.h"

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

struct button_spec {
	int action;
	int icon;
	const char *label;
	const char *tip;
};

static const struct button_spec transport[] = {
    {GA_HOME, ICON_HOME, NULL, "Start (Home)"},
    {GA_PREV_STATE, ICON_PREV_STATE, NULL, "Previous state change (Shift+←)"},
    {GA_BACK, ICON_BACK, NULL, "Step back (←)"},
    {GA_PLAY, ICON_PLAY, NULL, "Play / pause (Space)"},
    {GA_STEP, ICON_STEP, NULL, "Step (→)"},
    {GA_NEXT_STATE, ICON_NEXT_STATE, NULL, "Next state change (Shift+→)"},
    {GA_END, ICON_END, NULL, "End (End)"},
};

static const struct button_spec commands[] = {
    {GA_OPEN, ICON_NONE, "Open", "Open another scenario (O)"},
    {GA_RELOAD, ICON_NONE, "Reload", "Reload the file (R)"},
    {GA_EXPORT, ICON_NONE, "Export", "pcap + SVG beside the file (E)"},
    {GA_SCREENSHOT, ICON_NONE, "PNG", "Save a screenshot (S)"},
    {GA_THEME, ICON_NONE, "Theme", "Light / dark (T)"},
    {GA_ZOOM_OUT, ICON_NONE, "A−", "Smaller (Ctrl+−)"},
    {GA_ZOOM_IN, ICON_NONE, "A+", "Larger (Ctrl+=)"},
    {GA_HELP, ICON_NONE, "Help", "Every key (H)"},
};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

static struct gui_button *add(struct gui_layout *l, struct gui_rect r, int action, int icon,
                              const char *label)
{
	if (l->nbuttons >= GUI_MAX_BUTTONS)
		return NULL;
	struct gui_button *b = &l->buttons[l->nbuttons++];
	memset(b, 0, sizeof *b);
	b->r = r;
	b->action = action;
	b->icon = icon;
	b->label = label;
	return b;
}

void view_controls_layout(struct gui_app *a)
{
	struct gui_layout *l = &a->lay;
	float s = l->s;
	l->nbuttons = 0;
	struct gui_rect c = l->controls;
	float scrub_h = 28 * s;
	float bh = c.h - scrub_h - 12 * s, y = c.y + scrub_h + 4 * s;
	float x = l->pad;
	float iw = bh * 1.15f;
	for (int i = 0; i < N(transport); i++) {
		int icon = transport[i].icon;
		if (transport[i].action == GA_PLAY && a->playing)
			icon = ICON_PAUSE;
		add(l, gui_rect_make(x, y, iw, bh), transport[i].action, icon, NULL);
		x += iw + 4 * s;
	}
	x += 8 * s;
	/* from the right: the commands, then the speed group */
	float rx = c.w - l->pad;
	for (int i = N(commands) - 1; i >= 0; i--) {
		float w = draw_text_width(a->d, FONT_BODY, commands[i].label) + 20 * s;
		rx -= w;
		add(l, gui_rect_make(rx, y, w, bh), commands[i].action, 0, commands[i].label);
		rx -= 4 * s;
	}
	rx -= 10 * s;
	float skip_w = draw_text_width(a->d, FONT_BODY, "skip idle") + 34 * s;
	rx -= skip_w;
	struct gui_button *b =
	    add(l, gui_rect_make(rx, y, skip_w, bh), GA_SKIP_IDLE, 0, "skip idle");
	if (b)
		b->on = a->skip_idle;
	rx -= 6 * s;
	rx -= bh;
	add(l, gui_rect_make(rx, y, bh, bh), GA_FASTER, 0, "+");
	float sw = draw_text_width(a->d, FONT_BOLD, "0.25×") + 12 * s;
	rx -= sw;
	float speed_x = rx;
	rx -= bh;
	add(l, gui_rect_make(rx, y, bh, bh), GA_SLOWER, 0, "−");
	(void)speed_x;
	l->scrub = gui_rect_make(l->pad + 10 * s, c.y + scrub_h / 2 + 2 * s - 3 * s,
	                         c.w - 2 * l->pad - 20 * s, 6 * s);
}

static void draw_icon(struct draw *d, int icon, struct gui_rect r, float s, struct gui_color c)
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
		draw_triangle(d, p[0], p[1], p[2], c);                                             \
	} while (0)
#define BAR(ox) draw_rect(d, gui_rect_make(cx + (ox)-1.5f * s, cy - u, 3 * s, 2 * u), c)
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

static const char *tip_of(int action)
{
	for (int i = 0; i < N(transport); i++)
		if (transport[i].action == action)
			return transport[i].tip;
	for (int i = 0; i < N(commands); i++)
		if (commands[i].action == action)
			return commands[i].tip;
	switch (action) {
	case GA_FASTER: return "Faster (+)";
	case GA_SLOWER: return "Slower (−)";
	case GA_SKIP_IDLE: return "Skip idle waits (I)";
	default: return NULL;
	}
}

static void draw_scrub(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	struct gui_rect r = a->lay.scrub;
	if (r.w < 20 * s)
		return;
	draw_rrect(a->d, r, r.h / 2, th->panel_alt);
	uint32_t n = a->tr->n;
	if (!n)
		return;
	float f = (float)(a->k + 1) / (float)n;
	struct gui_rect done = r;
	done.w = r.w * f;
	draw_rrect(a->d, done, r.h / 2, th->accent);
	/* a tick per state change, in its host's colour */
	for (uint32_t i = 0; i < a->nstate_recs; i++) {
		const struct trace_rec *rec = &a->tr->recs[a->state_recs[i]];
		float x = r.x + r.w * (float)(a->state_recs[i] + 1) / (float)n;
		struct gui_color c = rec->host < 2 ? th->host[rec->host] : th->text_dim;
		float up = rec->host == 0 ? -7 * s : 2 * s;
		draw_rect(a->d, gui_rect_make(x - 1 * s, r.y + up - 2 * s, 2 * s, r.h + 7 * s), c);
	}
	struct gui_point knob = {r.x + r.w * f, r.y + r.h / 2};
	draw_circle(a->d, knob, 9 * s, th->panel);
	draw_circle(a->d, knob, 7 * s, th->accent);
}

void view_controls_draw(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	struct gui_layout *l = &a->lay;
	float s = l->s;
	draw_rect(a->d, l->controls, th->panel);
	draw_rect(a->d, gui_rect_make(0, l->controls.y, l->controls.w, 1 * s), th->border);
	const struct gui_button *hover = NULL;
	for (int i = 0; i < l->nbuttons; i++) {
		const struct gui_button *b = &l->buttons[i];
		int over = gui_rect_has(b->r, a->mouse_x, a->mouse_y);
		if (over)
			hover = b;
		struct gui_color bg = over ? th->button_hover : th->button;
		if (b->action == GA_PLAY)
			bg = over ? gui_mix(th->accent, th->text, 0.15f) : th->accent;
		draw_rrect(a->d, b->r, 5 * s, bg);
		struct gui_color ink = b->action == GA_PLAY ? th->host_ink[1] : th->button_text;
		if (b->icon) {
			draw_icon(a->d, b->icon, b->r, s, ink);
		} else if (b->action == GA_SKIP_IDLE) {
			struct gui_rect box = gui_rect_make(
			    b->r.x + 8 * s, b->r.y + b->r.h / 2 - 7 * s, 14 * s, 14 * s);
			draw_rect_outline(a->d, box, 2 * s, th->button_text);
			if (b->on)
				draw_rect(a->d, gui_rect_inset(box, 4 * s), th->accent);
			draw_text(a->d, FONT_BODY, box.x + box.w + 6 * s, b->r.y + b->r.h / 2,
			          ALIGN_LEFT | ALIGN_MIDDLE, ink, b->label);
		} else if (b->label) {
			draw_text(a->d, FONT_BODY, b->r.x + b->r.w / 2, b->r.y + b->r.h / 2,
			          ALIGN_CENTER | ALIGN_MIDDLE, ink, b->label);
		}
		if (b->action == GA_FASTER) {
			/* the speed sits between − and + */
			draw_text(a->d, FONT_BOLD,
			          b->r.x -
			              (b->r.x - l->buttons[i + 1].r.x - l->buttons[i + 1].r.w) / 2,
			          b->r.y + b->r.h / 2, ALIGN_CENTER | ALIGN_MIDDLE, th->text,
			          gui_speed_label(a->speed_idx));
		}
	}
	draw_scrub(a);
	if (hover) {
		const char *tip = tip_of(hover->action);
		if (tip) {
			float w = draw_text_width(a->d, FONT_SMALL, tip) + 16 * s;
			float h = draw_font_height(a->d, FONT_SMALL) + 8 * s;
			float x = hover->r.x + hover->r.w / 2 - w / 2;
			if (x + w > l->controls.w - 4 * s)
				x = l->controls.w - 4 * s - w;
			if (x < 4 * s)
				x = 4 * s;
			struct gui_rect r = gui_rect_make(x, hover->r.y - h - 8 * s, w, h);
			draw_rrect(a->d, r, 4 * s, th->text);
			draw_text(a->d, FONT_SMALL, r.x + 8 * s, r.y + 4 * s, ALIGN_LEFT, th->panel,
			          tip);
		}
	}
}

void view_status_draw(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	struct gui_layout *l = &a->lay;
	float s = l->s;
	struct gui_rect r = l->status;
	draw_rect(a->d, r, th->panel);
	draw_rect(a->d, gui_rect_make(0, r.y + r.h - 1 * s, r.w, 1 * s), th->border);
	float cy = r.y + r.h / 2;
	char buf[256], t[32];
	/* right to left: play state, speed, event, time */
	float x = r.w - l->pad;
	const char *ps = a->playing ? "playing" : "paused";
	x -= draw_text(a->d, FONT_BOLD, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE,
	               a->playing ? th->accent : th->text_dim, ps);
	float ic = draw_font_height(a->d, FONT_BOLD) * 0.55f;
	x -= 6 * s + ic;
	if (a->playing) {
		struct gui_point p0 = {x, cy - ic / 2}, p1 = {x, cy + ic / 2}, p2 = {x + ic, cy};
		draw_triangle(a->d, p0, p1, p2, th->accent);
	} else {
		draw_rect(a->d, gui_rect_make(x + ic * 0.1f, cy - ic / 2, ic * 0.3f, ic),
		          th->text_dim);
		draw_rect(a->d, gui_rect_make(x + ic * 0.6f, cy - ic / 2, ic * 0.3f, ic),
		          th->text_dim);
	}
	x -= 24 * s;
	snprintf(buf, sizeof buf, "speed %s%s", gui_speed_label(a->speed_idx),
	         a->skip_idle ? " · skip idle" : "");
	x -= draw_text(a->d, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text_dim, buf);
	x -= 24 * s;
	snprintf(buf, sizeof buf, "event %lld / %u", (long long)(a->k + 1), a->tr->n);
	x -= draw_text(a->d, FONT_BODY, x, cy, ALIGN_RIGHT | ALIGN_MIDDLE, th->text, buf);
	x -= 24 * s;
	snprintf(buf, sizeof buf, "t = %s s", simtime_fmt(t, sizeof t, a->t));
	float tw = draw_text_width(a->d, FONT_TITLE, "t = 000.000000 s");
	draw_text(a->d, FONT_TITLE, x - tw, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->text, buf);
	x -= tw + 24 * s;
	/* the title takes what is left */
	const char *title = a->scn && a->scn->title && *a->scn->title ? a->scn->title : a->path;
	struct gui_rect tr = gui_rect_make(l->pad, 0, x - l->pad, r.h);
	draw_clip(a->d, &tr);
	draw_text(a->d, FONT_TITLE, l->pad, cy, ALIGN_LEFT | ALIGN_MIDDLE, th->text, title);
	draw_clip(a->d, NULL);
}

static const char *const help_lines[][2] = {
    {"Space", "play / pause"},
    {"→  ←", "step one event forward / back"},
    {"Shift+→  Shift+←", "next / previous state change"},
    {"Home  End", "start / end of the run"},
    {"drag the bar", "scrub through the whole run"},
    {"+  −", "faster / slower (0.1× to 1000×)"},
    {"I", "skip idle waits on / off"},
    {"click a socket", "follow that connection (F: back to current)"},
    {"R", "reload the scenario (saving it reloads too)"},
    {"O", "open another scenario"},
    {"Ctrl+=  Ctrl+−  Ctrl+0", "zoom in / out / reset"},
    {"T", "light / dark theme"},
    {"S", "save a PNG screenshot beside the file"},
    {"E", "export pcap + SVG beside the file"},
    {"F11", "full screen"},
    {"H  F1", "this help"},
    {"Esc", "close an overlay"},
    {"Q", "quit"},
};

static struct gui_rect centred(const struct gui_layout *l, float w, float h)
{
	float W = l->controls.w, H = l->controls.y + l->controls.h;
	return gui_rect_make((W - w) / 2, (H - h) / 2, w, h);
}

static void draw_help(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	const struct gui_layout *l = &a->lay;
	float s = l->s;
	float lh = draw_font_height(a->d, FONT_BODY) + 6 * s;
	float kw = 0, dw = 0;
	for (int i = 0; i < N(help_lines); i++) {
		float w0 = draw_text_width(a->d, FONT_BOLD, help_lines[i][0]);
		float w1 = draw_text_width(a->d, FONT_BODY, help_lines[i][1]);
		kw = w0 > kw ? w0 : kw;
		dw = w1 > dw ? w1 : dw;
	}
	float w = kw + dw + 80 * s, h = lh * (float)N(help_lines) + 80 * s;
	struct gui_rect r = centred(l, w, h);
	draw_rect(a->d, gui_rect_make(0, 0, l->controls.w, l->controls.y + l->controls.h),
	          th->overlay);
	draw_rrect(a->d, r, 10 * s, th->panel);
	draw_text(a->d, FONT_TITLE, r.x + 30 * s, r.y + 20 * s, ALIGN_LEFT, th->text, "Keys");
	float y = r.y + 56 * s;
	for (int i = 0; i < N(help_lines); i++) {
		draw_text(a->d, FONT_BOLD, r.x + 30 * s + kw, y, ALIGN_RIGHT, th->accent,
		          help_lines[i][0]);
		draw_text(a->d, FONT_BODY, r.x + 50 * s + kw, y, ALIGN_LEFT, th->text,
		          help_lines[i][1]);
		y += lh;
	}
}

static void draw_open(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	struct gui_layout *l = &a->lay;
	float s = l->s;
	float lh = draw_font_height(a->d, FONT_BODY) + 10 * s;
	int n = a->nfiles < 64 ? a->nfiles : 64;
	float w = 560 * s, h = lh * (float)(n ? n : 1) + 80 * s;
	struct gui_rect r = centred(l, w, h);
	draw_rect(a->d, gui_rect_make(0, 0, l->controls.w, l->controls.y + l->controls.h),
	          th->overlay);
	draw_rrect(a->d, r, 10 * s, th->panel);
	draw_text(a->d, FONT_TITLE, r.x + 24 * s, r.y + 18 * s, ALIGN_LEFT, th->text,
	          "Open a scenario (click, or press its number)");
	float y = r.y + 54 * s;
	l->nopen_items = 0;
	if (!n)
		draw_text(a->d, FONT_BODY, r.x + 24 * s, y, ALIGN_LEFT, th->text_dim,
		          "No .tcps files beside this one.");
	for (int i = 0; i < n; i++) {
		struct gui_rect item = gui_rect_make(r.x + 12 * s, y, w - 24 * s, lh);
		l->open_items[l->nopen_items++] = item;
		int cur = strcmp(a->files[i], a->path) == 0;
		if (gui_rect_has(item, a->mouse_x, a->mouse_y) || cur)
			draw_rrect(a->d, item, 5 * s, cur ? th->host_tint[0] : th->button_hover);
		const char *base = strrchr(a->files[i], '/');
		base = base ? base + 1 : a->files[i];
		char label[300];
		if (i < 9)
			snprintf(label, sizeof label, "%d   %s", i + 1, base);
		else
			snprintf(label, sizeof label, "     %s", base);
		draw_text(a->d, FONT_BODY, item.x + 12 * s, item.y + lh / 2,
		          ALIGN_LEFT | ALIGN_MIDDLE, th->text, label);
		y += lh;
	}
}

static void draw_errors(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	const struct gui_layout *l = &a->lay;
	float s = l->s;
	float lh = draw_font_height(a->d, FONT_BODY) + 4 * s;
	int lines = 0;
	for (const char *p = a->errors; *p; p++)
		lines += *p == '\n';
	if (lines > 12)
		lines = 12;
	float w = l->controls.w * 0.8f;
	float h = lh * (float)lines + 70 * s;
	struct gui_rect r = gui_rect_make((l->controls.w - w) / 2, l->status.h + 20 * s, w, h);
	draw_rrect(a->d, gui_rect_inset(r, -3 * s), 10 * s, th->bad);
	draw_rrect(a->d, r, 8 * s, th->panel);
	char title[128];
	snprintf(title, sizeof title, "%d error%s — still showing the last good run", a->nerrors,
	         a->nerrors == 1 ? "" : "s");
	draw_text(a->d, FONT_TITLE, r.x + 20 * s, r.y + 14 * s, ALIGN_LEFT, th->bad, title);
	float y = r.y + 48 * s;
	const char *p = a->errors;
	for (int i = 0; i < lines && *p; i++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char line[600];
		snprintf(line, sizeof line, "%.*s", (int)n, p);
		struct gui_rect clip = gui_rect_make(r.x, r.y, r.w - 16 * s, r.h);
		draw_clip(a->d, &clip);
		draw_text(a->d, FONT_BODY, r.x + 20 * s, y, ALIGN_LEFT, th->text, line);
		draw_clip(a->d, NULL);
		y += lh;
		p = e ? e + 1 : p + n;
	}
}

/* One line of a message, cut at the front ("…/lessons/x.tcps") when it is
 * wider than width: the end of a path is the part that says most. */
static void message_line(struct gui_app *a, const char *line, size_t n, float width, char *out,
                         size_t size)
{
	snprintf(out, size, "%.*s", (int)n, line);
	size_t skip = 0;
	while (draw_text_width(a->d, FONT_BODY, out) > width && skip + 8 < n) {
		skip += 4;
		snprintf(out, size, "…%.*s", (int)(n - skip), line + skip);
	}
}

/* The message above the controls: one or more lines ('\n'), centred. */
static void draw_message(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	const struct gui_layout *l = &a->lay;
	float s = l->s;
	char lines[4][600];
	int n = 0;
	float maxw = l->controls.w - 60 * s, w = 0;
	for (const char *p = a->message; *p && n < 4;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		message_line(a, p, len, maxw, lines[n], sizeof lines[n]);
		float lw = draw_text_width(a->d, FONT_BODY, lines[n]);
		w = lw > w ? lw : w;
		n++;
		p = e ? e + 1 : p + len;
	}
	float lh = draw_font_height(a->d, FONT_BODY);
	w += 32 * s;
	float h = lh * (float)n + 16 * s;
	struct gui_rect r =
	    gui_rect_make((l->controls.w - w) / 2, l->controls.y - h - 14 * s, w, h);
	draw_rrect(a->d, r, 8 * s, th->text);
	for (int i = 0; i < n; i++)
		draw_text(a->d, FONT_BODY, r.x + r.w / 2, r.y + 8 * s + lh * (float)i, ALIGN_CENTER,
		          th->panel, lines[i]);
}

void view_overlays_draw(struct gui_app *a)
{
	if (a->nerrors)
		draw_errors(a);
	if (a->message[0] && a->message_until > a->wall)
		draw_message(a);
	if (a->help)
		draw_help(a);
	if (a->open_list)
		draw_open(a);
}
