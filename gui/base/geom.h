/* geom: the plain geometry and colour types every layer of gui/ shares,
 * with small inline helpers.  No SDL here, so layouts can be computed and
 * queried by tests without a renderer. */
#ifndef TCPSIM_GUI_GEOM_H
#define TCPSIM_GUI_GEOM_H

#include <stdint.h>

struct gui_rect {
	float x, y, w, h;
};

struct gui_point {
	float x, y;
};

struct gui_color {
	uint8_t r, g, b, a;
};

/* The rectangle (x, y, w, h). */
static inline struct gui_rect gui_rect_make(float x, float y, float w, float h)
{
	struct gui_rect r = {x, y, w, h};
	return r;
}

/* 1 when the point (x, y) lies in r. */
static inline int gui_rect_has(struct gui_rect r, float x, float y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* 1 when a and b share some area. */
static inline int gui_rect_overlap(struct gui_rect a, struct gui_rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* 1 when in lies wholly inside out. */
static inline int gui_rect_inside(struct gui_rect in, struct gui_rect out)
{
	return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
	       in.y + in.h <= out.y + out.h;
}

/* r shrunk by d on every side (grown when d < 0). */
/* The smallest rectangle holding a and b. */
static inline struct gui_rect gui_rect_union(struct gui_rect a, struct gui_rect b)
{
	float x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
	float x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
	float y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
	return gui_rect_make(x0, y0, x1 - x0, y1 - y0);
}

static inline struct gui_rect gui_rect_inset(struct gui_rect r, float d)
{
	return gui_rect_make(r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d);
}

/* a blended toward b by f (0..1), alpha from a. */
static inline struct gui_color gui_mix(struct gui_color a, struct gui_color b, float f)
{
	struct gui_color c;
	f = f < 0 ? 0 : f > 1 ? 1 : f;
	c.r = (uint8_t)(a.r + (b.r - a.r) * f + 0.5f);
	c.g = (uint8_t)(a.g + (b.g - a.g) * f + 0.5f);
	c.b = (uint8_t)(a.b + (b.b - a.b) * f + 0.5f);
	c.a = a.a;
	return c;
}

#endif
