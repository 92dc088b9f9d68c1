/* events: maps SDL events to actions (see events.h).  A key becomes the
 * command the key table gives it in the present context; a click hits the
 * last frame's targets in the order the window stacks them (the Open list,
 * the help, the buttons, the quiz card's choices and the diagram's boxes,
 * a segment's menu, the branch bar, a segment on the ladder, the scrub bar,
 * the socket table, a plot's title).  Called by app/run.c; everything else
 * it does goes through gui_app_do. */
#include "events.h"

#include <SDL.h>

/* Which of the key table's contexts the keyboard is in. */
static int context(const struct gui_app *a)
{
	if (a->iv.menu.open)
		return IN_MENU;
	if (a->open_list)
		return IN_OPEN;
	if (a->help)
		return IN_HELP;
	if (a->nerrors && !a->errors_hidden)
		return IN_ERRORS;
	return IN_MAIN;
}

static void key(struct gui_app *a, const SDL_KeyboardEvent *k)
{
	int mods = ((k->keysym.mod & KMOD_CTRL) ? INPUT_CTRL : 0) |
	           ((k->keysym.mod & KMOD_SHIFT) ? INPUT_SHIFT : 0);
	struct input_cmd c;
	/* the text of the key that opens the Open list is not its filter's
	 * first letter (SDL sends it right after, as SDL_TEXTINPUT) */
	a->swallow_text = 0;
	if (k->keysym.sym == SDLK_QUESTION)
		return; /* its text comes next (SDL_TEXTINPUT): that one acts */
	if (input_key(context(a), k->keysym.sym, mods, &c)) {
		int was_open = a->open_list;
		gui_app_do(a, c.action, c.arg);
		a->swallow_text = a->open_list && !was_open;
	}
}

static void scrub_to(struct gui_app *a, float x)
{
	struct gui_rect r = a->lay.controls.scrub;
	if (r.w <= 0 || !a->tr->n)
		return;
	gui_app_do(a, GA_SCRUB, gui_app_scrub_record(a, (x - r.x) / r.w));
}

static void click(struct gui_app *a, float x, float y)
{
	const struct gui_layout *l = &a->lay;
	const struct gui_target *t;
	if (a->open_list) {
		/* a file, or anywhere else to close the list */
		t = input_hit(l->overlays.targets, l->overlays.ntargets, x, y);
		gui_app_do(a, t ? t->action : GA_ESCAPE, t ? t->arg : 0);
		return;
	}
	if (a->help) {
		gui_app_do(a, GA_ESCAPE, 0);
		return;
	}
	if (a->iv.menu.open) {
		/* a choice, or anywhere else to close the menu */
		t = input_hit(l->intervene.targets, l->intervene.ntargets, x, y);
		gui_app_do(a, t ? t->action : GA_ESCAPE, t ? t->arg : 0);
		return;
	}
	/* the branch bar's buttons, then a segment of the ladder */
	t = input_hit(l->intervene.targets, l->intervene.ntargets, x, y);
	if (t) {
		gui_app_do(a, t->action, t->arg);
		return;
	}
	int64_t seg = view_ladder_hit(&l->ladder, x, y, l->reg.s);
	if (seg >= 0) {
		a->mouse_x = x;
		a->mouse_y = y;
		gui_app_do(a, GA_IV_MENU, seg);
		return;
	}
	t = input_hit(l->controls.out.targets, l->controls.out.ntargets, x, y);
	if (t) {
		gui_app_do(a, t->action, t->arg);
		return;
	}
	/* quiz mode: a choice on the card, or a box of the diagram */
	t = input_hit(l->quiz.targets, l->quiz.ntargets, x, y);
	if (!t && a->quiz.on)
		t = input_hit(l->diag.out.targets, l->diag.out.ntargets, x, y);
	if (t) {
		gui_app_do(a, t->action, t->arg);
		return;
	}
	struct gui_rect sr = l->controls.scrub;
	sr.y -= 8 * l->reg.s;
	sr.h += 16 * l->reg.s;
	if (gui_rect_has(sr, x, y)) {
		a->dragging = 1;
		scrub_to(a, x);
		return;
	}
	t = input_hit(l->table.targets, l->table.ntargets, x, y);
	if (!t && a->plot && !a->quiz.on) /* a plot's title: the other end's data */
		t = input_hit(l->plot.targets, l->plot.ntargets, x, y);
	if (t)
		gui_app_do(a, t->action, t->arg);
}

/* The wheel over the socket table or the expect list scrolls it. */
static void wheel(struct gui_app *a, int dy)
{
	if (a->open_list || a->help || !dy)
		return;
	const struct gui_layout *l = &a->lay;
	if (a->plot && !a->quiz.on && gui_rect_has(l->plot.box, a->mouse_x, a->mouse_y))
		gui_app_do(a, GA_PLOT_ZOOM, dy > 0 ? 1 : -1);
	else if (gui_rect_has(l->table.box, a->mouse_x, a->mouse_y))
		gui_app_do(a, GA_SCROLL_TABLE, -dy);
	else if (gui_rect_has(l->narration.box, a->mouse_x, a->mouse_y))
		gui_app_do(a, GA_SCROLL_EXPECT, -dy);
}

void gui_events_handle(struct gui_app *a, const union SDL_Event *e, float px_ratio)
{
	a->dirty = 1; /* a key, the mouse, the window shown or resized */
	switch (e->type) {
	case SDL_QUIT: a->quit = 1; break;
	case SDL_KEYDOWN: key(a, &e->key); break;
	case SDL_MOUSEBUTTONDOWN:
		if (e->button.button == SDL_BUTTON_LEFT)
			click(a, (float)e->button.x * px_ratio, (float)e->button.y * px_ratio);
		break;
	case SDL_MOUSEBUTTONUP: a->dragging = 0; break;
	case SDL_MOUSEWHEEL:
		/* the wheel scrolls the Open list, three rows a notch */
		if (a->open_list && e->wheel.y)
			gui_app_do(a, GA_OPEN_SCROLL,
			           (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? 3 : -3) *
			               (int64_t)e->wheel.y);
		else
			wheel(a, e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y
			                                                      : e->wheel.y);
		break;
	case SDL_TEXTINPUT:
		/* typing in the Open list filters it */
		if (a->swallow_text)
			a->swallow_text = 0;
		else if (a->open_list)
			for (const char *p = e->text.text; *p; p++)
				gui_app_do(a, GA_OPEN_TYPE, (unsigned char)*p);
		else if (e->text.text[0] == '?' && !e->text.text[1]) {
			/* `?` on whatever key the layout puts it (input.h) */
			struct input_cmd c;
			if (input_key(context(a), SDLK_QUESTION, 0, &c))
				gui_app_do(a, c.action, c.arg);
		}
		break;
	case SDL_MOUSEMOTION:
		a->mouse_x = (float)e->motion.x * px_ratio;
		a->mouse_y = (float)e->motion.y * px_ratio;
		if (a->dragging)
			scrub_to(a, a->mouse_x);
		break;
	default: break;
	}
}
