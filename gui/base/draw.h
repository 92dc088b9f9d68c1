/* draw: the only module that talks to SDL_Render*, the SDL window and
 * SDL_ttf.  The views measure text with it; app/app.c replays their command
 * lists (dlist.h) with draw_list(); app/run.c owns the one struct draw,
 * on a window or off-screen (`tcpsim shot`, tests, the frame benchmark). */
#ifndef TCPSIM_GUI_DRAW_H
#define TCPSIM_GUI_DRAW_H

#include <stddef.h>

#include "geom.h"

struct draw;
struct dlist;

enum draw_font {
	FONT_SMALL,     /* 14 px at 1x: the floor, never smaller */
	FONT_BODY,      /* 15 px */
	FONT_BOLD,      /* 15 px, bold */
	FONT_TITLE,     /* 17 px, bold */
	FONT_BIG,       /* 26 px, bold: the 2MSL countdown */
	FONT_DIAG,      /* 14 px: the state diagram's labels (its own scale) */
	FONT_DIAG_BOLD, /* 15 px, bold: the state diagram's boxes */
	FONT_COUNT
};

enum draw_align {
	ALIGN_LEFT = 0,
	ALIGN_CENTER = 1,
	ALIGN_RIGHT = 2,
	/* vertical, or-ed in; default: y is the top */
	ALIGN_MIDDLE = 4,
	ALIGN_BOTTOM = 8,
};

/* draw_new's kinds of output. */
enum draw_kind {
	DRAW_OFFSCREEN = 0,       /* an image in memory, software renderer */
	DRAW_WINDOW = 1,          /* a window, the graphics card's renderer if any */
	DRAW_WINDOW_SOFTWARE = 2, /* a window, the software renderer (the frame benchmark) */
};

/* A window (w x h, resizable) or an off-screen surface, as window says
 * (enum draw_kind).  NULL with a message in err on failure. */
struct draw *draw_new(int window, const char *title, int w, int h, int fullscreen, char *err,
                      size_t errsize);
/* Closes the window or surface, its fonts and its text cache. */
void draw_free(struct draw *d);

/* Output size in pixels. */
void draw_output_size(struct draw *d, int *w, int *h);
/* The window's size in screen coordinates (HiDPI: fewer than its pixels);
 * off-screen, the output size. */
void draw_window_size(struct draw *d, int *w, int *h);
/* The display's frame period in seconds (1/60 when it does not say). */
double draw_frame_period(struct draw *d);
/* The window's title (nothing off-screen). */
void draw_set_title(struct draw *d, const char *title);
/* Full screen (on = 1) or back to a window; nothing off-screen. */
void draw_fullscreen(struct draw *d, int on);
/* Sets the font pixel sizes from a UI scale (1.0 = the sizes above), the
 * FONT_DIAG ones from diagram_scale (the diagram stops growing when it
 * would no longer fit its panel).  Returns -1 with a message when the font
 * cannot be opened. */
int draw_set_scale(struct draw *d, float scale, float diagram_scale, char *err, size_t errsize);

/* Starts a frame on a background colour. */
void draw_begin(struct draw *d, struct gui_color bg);
/* Makes the renderer carry out the drawing queued so far (SDL batches it
 * until the present); the frame benchmark times the two apart. */
void draw_flush(struct draw *d);
/* Presents the frame (on a window) and trims the text cache. */
void draw_end(struct draw *d);
/* Clips what follows to r (NULL: no clip). */
void draw_clip(struct draw *d, const struct gui_rect *r);
/* Paints a command list, in order, with the primitives below. */
void draw_list(struct draw *d, const struct dlist *l);

/* The primitives, in colour c (its alpha blends); draw_list() replays
 * dlist.h's commands with them. */
void draw_rect(struct draw *d, struct gui_rect r, struct gui_color c);
void draw_rect_outline(struct draw *d, struct gui_rect r, float width, struct gui_color c);
void draw_rrect(struct draw *d, struct gui_rect r, float radius, struct gui_color c);
void draw_line(struct draw *d, struct gui_point a, struct gui_point b, float width,
               struct gui_color c);
void draw_dashed(struct draw *d, struct gui_point a, struct gui_point b, float width, float dash,
                 struct gui_color c);
void draw_triangle(struct draw *d, struct gui_point a, struct gui_point b, struct gui_point p,
                   struct gui_color c);
void draw_circle(struct draw *d, struct gui_point centre, float radius, struct gui_color c);
/* An arrow head at tip pointing away from `from`. */
void draw_arrowhead(struct draw *d, struct gui_point from, struct gui_point tip, float size,
                    struct gui_color c);

/* Text, UTF-8, anchored at (x, y) by align.  Returns the width drawn. */
float draw_text(struct draw *d, int font, float x, float y, int align, struct gui_color c,
                const char *text);
/* Where a w x h text anchored at (x, y) by align lands. */
struct gui_rect draw_anchor(float x, float y, float w, float h, int align);
/* The width text would take in font, without drawing it. */
float draw_text_width(struct draw *d, int font, const char *text);
/* A line's height in font, and the font's size in pixels. */
float draw_font_height(struct draw *d, int font);
int draw_font_px(struct draw *d, int font);

/* The colour at a pixel of the last frame (tests). */
struct gui_color draw_read_pixel(struct draw *d, int x, int y);
/* Writes the current frame as PNG; -1 with a message on failure. */
int draw_save_png(struct draw *d, const char *path, char *err, size_t errsize);

#endif
