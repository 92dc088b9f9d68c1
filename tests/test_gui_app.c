/* test_gui_app: the window's loop decisions, off-screen and driven by
 * actions and ticks: a frame is drawn only when something changed (an
 * action, a message appearing or going, playing, an animation), never while
 * nothing moves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gui_fixture.h"

/* Draws a frame as the loop does, clearing the app's change flag. */
static void frame(struct gui_app *a)
{
	a->dirty = 0;
	gui_app_render(a);
	draw_end(a->d);
}

/* Ticks for s seconds of wall time in 60 Hz steps; returns how many of
 * those steps needed a frame (drawing each one as the loop would). */
static int frames_over(struct gui_app *a, double s)
{
	int n = 0;
	int steps = (int)(s * 60 + 0.5);
	for (int i = 0; i < steps; i++) {
		gui_app_tick(a, 1.0 / 60);
		if (gui_app_needs_frame(a)) {
			n++;
			frame(a);
		}
	}
	return n;
}

static void nothing_is_drawn_while_nothing_moves(void)
{
	struct gui_app *a = open_fixture("gui_lost.tcps", 1280, 720);
	if (!a)
		return;
	/* let the opening animation finish */
	frames_over(a, 3);
	CHECK_INT(frames_over(a, 10), 0);
	CHECK(gui_app_idle_ms(a) >= 1 && gui_app_idle_ms(a) <= 1000);
	/* a step: frames while its transition animates, then none */
	gui_app_do(a, GA_NEXT_STATE, 0);
	CHECK(gui_app_needs_frame(a));
	int anim = frames_over(a, 3);
	CHECK(anim >= 1 && anim <= 3 * 60);
	CHECK_INT(frames_over(a, 5), 0);
	/* a message: one frame when it shows, one when it goes */
	gui_app_do(a, GA_SKIP_IDLE, 0);
	CHECK(gui_app_needs_frame(a));
	frame(a);
	CHECK(gui_app_idle_ms(a) <= 2001);
	CHECK_INT(frames_over(a, 1), 0);
	CHECK_INT(frames_over(a, 1.5), 1);
	CHECK_INT(frames_over(a, 3), 0);
	/* playing draws every tick */
	gui_app_do(a, GA_HOME, 0);
	gui_app_do(a, GA_PLAY, 0);
	CHECK_INT(frames_over(a, 0.5), 30);
	close_app(a);
}

int main(void)
{
	fixture_init();
	RUN(nothing_is_drawn_while_nothing_moves);
	return check_report("test_gui_app");
}
