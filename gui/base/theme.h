/* theme: the two palettes (light for bright rooms, dark for dim ones).
 * Host colours are Okabe-Ito blue and orange (amber in the light theme,
 * darkened to 3.6:1 on white), safe for colour-blind eyes and for
 * washed-out projectors.  Views take every colour from the frame's
 * theme (view.h). */
#ifndef TCPSIM_GUI_THEME_H
#define TCPSIM_GUI_THEME_H

#include "geom.h"

struct gui_theme {
	int dark;
	struct gui_color bg;        /* window background */
	struct gui_color panel;     /* panel background */
	struct gui_color panel_alt; /* alternate rows, bars' empty part */
	struct gui_color border;    /* panel and box outlines */
	struct gui_color text;
	struct gui_color text_dim; /* secondary text; still high contrast */
	struct gui_color box;      /* a state box */
	struct gui_color box_text;
	struct gui_color arrow; /* an arrow not in use */
	struct gui_color arrow_text;
	struct gui_color host[2];      /* the two hosts */
	struct gui_color host_tint[2]; /* a host's colour on a panel background */
	struct gui_color host_ink[2];  /* text drawn on a host colour */
	struct gui_color lost;         /* the red cross */
	struct gui_color ok, bad;      /* expectation tick and cross */
	struct gui_color acked, inflight, unsent;
	struct gui_color accent; /* the scrub bar's present, focus */
	struct gui_color button, button_hover, button_text;
	struct gui_color overlay; /* behind help and error overlays */
	struct gui_color warn;    /* the 2MSL countdown's frame */
};

/* The palette, light (dark = 0) or dark. */
const struct gui_theme *gui_theme_get(int dark);

#endif
