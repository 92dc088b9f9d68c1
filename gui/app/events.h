/* events: SDL input to actions.  Called by app/run.c for every event the
 * window gets; keys go through the key table (input.h), clicks through the
 * last frame's layout (its click targets and the scrub bar). */
#ifndef TCPSIM_GUI_EVENTS_H
#define TCPSIM_GUI_EVENTS_H

#include "app.h"

union SDL_Event;

/* Maps one SDL event to actions (gui_app_do); px_ratio converts window
 * coordinates to pixels (HiDPI).  Keeps the input state (mouse, drag, quit)
 * in a. */
void gui_events_handle(struct gui_app *a, const union SDL_Event *e, float px_ratio);

#endif
