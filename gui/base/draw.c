/* draw: every SDL_Render*, SDL window and TTF_* call of the window (see
 * draw.h).  Each frame app/app.c calls draw_begin() and draw_list() per
 * view, app/run.c draw_end().  Text is rendered once per (font, colour,
 * string) and kept in a cache while frames use it. */
#include "draw.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlist.h"
#include "font.h"
#include "pngfile.h"

#define GUI_PI 3.14159265f
#define CACHE_SIZE 4096 /* power of two */
#define CACHE_MAX_USED 3000
#define WIDTH_CACHE 8192 /* power of two: measured text widths */
#define DISC_MAX 64      /* larger circles and corners are drawn as triangles */

static const float base_px[FONT_COUNT] = {14, 15, 15, 17, 26, 14, 15};

struct text_entry {
	uint64_t hash;
	char *text;
	int font;
	uint32_t rgba; /* the colour it was rendered in */
	SDL_Texture *tex;
	int w, h;
	uint32_t used; /* frame number of the last use */
};

struct draw {
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Surface *surf;
	int video_inited;
	/* full screen without a window manager: a borderless window over the
	 * display, and the window it was before */
	int borderless_full;
	SDL_Rect before_full;
	TTF_Font *font[FONT_COUNT];
	int px[FONT_COUNT];
	float height[FONT_COUNT];
	char path[512], path_bold[512];
	struct text_entry cache[CACHE_SIZE];
	int ncached;
	uint32_t frame;
	/* antialiased white discs of radius 1..DISC_MAX px: circles, and
	 * the corners of rounded rectangles (a quadrant each) */
	SDL_Texture *disc[DISC_MAX + 1];
	SDL_BlendMode blend; /* the renderer's draw blend mode */
	/* text widths measured (views measure the same strings every frame;
	 * shaping them is a good part of a layout) */
	struct width_entry {
		uint64_t hash;
		char *text;
		int font;
		float w;
	} widths[WIDTH_CACHE];
	int nwidths;
};

static void widths_clear(struct draw *d)
{
	for (int i = 0; i < WIDTH_CACHE; i++) {
		free(d->widths[i].text);
		d->widths[i].text = NULL;
	}
	d->nwidths = 0;
}

static void cache_clear(struct draw *d, int keep_frame)
{
	for (int i = 0; i < CACHE_SIZE; i++) {
		struct text_entry *e = &d->cache[i];
		if (!e->text || (keep_frame && e->used == d->frame))
			continue;
		SDL_DestroyTexture(e->tex);
		free(e->text);
		memset(e, 0, sizeof *e);
		d->ncached--;
	}
	if (keep_frame) {
		/* Re-insert the survivors so that probing finds them again. */
		struct text_entry *tmp = malloc(sizeof d->cache);
		if (!tmp)
			return;
		memcpy(tmp, d->cache, sizeof d->cache);
		memset(d->cache, 0, sizeof d->cache);
		for (int i = 0; i < CACHE_SIZE; i++) {
			if (!tmp[i].text)
				continue;
			uint32_t j = (uint32_t)tmp[i].hash & (CACHE_SIZE - 1);
			while (d->cache[j].text)
				j = (j + 1) & (CACHE_SIZE - 1);
			d->cache[j] = tmp[i];
		}
		free(tmp);
	}
}

static void close_fonts(struct draw *d)
{
	for (int i = 0; i < FONT_COUNT; i++) {
		if (d->font[i])
			TTF_CloseFont(d->font[i]);
		d->font[i] = NULL;
		d->px[i] = 0;
	}
}

/* 1 when ren is OpenGL drawn by the CPU (Mesa's llvmpipe or softpipe, as
 * on a machine without a graphics card or under Xvfb): SDL's software
 * renderer is then three times cheaper per frame. */
static int gl_in_software(SDL_Renderer *ren)
{
	SDL_RendererInfo info;
	if (SDL_GetRendererInfo(ren, &info) != 0 || strncmp(info.name, "opengl", 6) != 0)
		return 0;
	typedef const unsigned char *(*get_string_fn)(unsigned int);
	get_string_fn get = (get_string_fn)(uintptr_t)SDL_GL_GetProcAddress("glGetString");
	const unsigned char *name = get ? get(0x1F01 /* GL_RENDERER */) : NULL;
	if (!name)
		return 0;
	return strstr((const char *)name, "llvmpipe") || strstr((const char *)name, "softpipe") ||
	       strstr((const char *)name, "Software Rasterizer");
}

/* 1 when a window manager has framed win: it set the window's frame
 * extents (EWMH's _NET_FRAME_EXTENTS, which SDL reads).  A bare X server
 * (Xvfb without one) leaves them zero. */
static int framed(SDL_Window *win)
{
	int t = 0, l = 0, b = 0, r = 0;
	if (SDL_GetWindowBordersSize(win, &t, &l, &b, &r) != 0)
		return 0;
	return t > 0 || l > 0 || b > 0 || r > 0;
}

struct draw *draw_new(int window, const char *title, int w, int h, int fullscreen, char *err,
                      size_t errsize)
{
	struct draw *d = calloc(1, sizeof *d);
	if (!d) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	if (font_find("DejaVu Sans", NULL, d->path, sizeof d->path, err, errsize) != 0)
		goto fail;
	if (font_find("DejaVu Sans", "Bold", d->path_bold, sizeof d->path_bold, err, errsize) != 0)
		snprintf(d->path_bold, sizeof d->path_bold, "%s", d->path);
	if (TTF_Init() != 0) {
		snprintf(err, errsize, "SDL_ttf: %s", TTF_GetError());
		goto fail;
	}
	if (window) {
		if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
			snprintf(err, errsize, "cannot open a window: %s", SDL_GetError());
			goto fail_ttf;
		}
		d->video_inited = 1;
		const char *drv = SDL_GetCurrentVideoDriver();
		if (window == DRAW_WINDOW && drv &&
		    (strcmp(drv, "offscreen") == 0 || strcmp(drv, "dummy") == 0) &&
		    !getenv("SDL_VIDEODRIVER")) {
			/* SDL fell back to an invisible window: say so instead of hanging. */
			snprintf(err, errsize,
			         "no display found (set DISPLAY or WAYLAND_DISPLAY); "
			         "'tcpsim trace FILE' and 'tcpsim shot FILE --at T -o out.png' "
			         "work without one");
			goto fail_ttf;
		}
		SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "1");
		/* the software renderer presents with the window system's own
		 * image copy (X11: MIT-SHM), not through an OpenGL texture:
		 * without a graphics card that costs three times the frame */
		SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
		Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
		/* under X11 full screen waits until the window manager, if
		 * there is one, has framed the window (draw_fullscreen) */
		int x11 = drv && strcmp(drv, "x11") == 0;
		if (fullscreen && !x11)
			flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
		d->win = SDL_CreateWindow(title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w,
		                          h, flags);
		if (!d->win) {
			snprintf(err, errsize, "cannot open a window: %s", SDL_GetError());
			goto fail_ttf;
		}
		SDL_SetWindowMinimumSize(d->win, 800, 500);
		if (window != DRAW_WINDOW_SOFTWARE)
			d->ren = SDL_CreateRenderer(
			    d->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
		if (d->ren && gl_in_software(d->ren)) {
			SDL_DestroyRenderer(d->ren);
			d->ren = NULL;
		}
		if (!d->ren)
			d->ren = SDL_CreateRenderer(d->win, -1, SDL_RENDERER_SOFTWARE);
		if (fullscreen && x11) {
			/* a window manager frames a new window within a few
			 * frames; a bare X server never does */
			for (int i = 0; i < 30 && !framed(d->win); i++) {
				SDL_PumpEvents();
				SDL_Delay(10);
			}
			draw_fullscreen(d, 1);
		}
	} else {
		d->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
		if (!d->surf) {
			snprintf(err, errsize, "cannot make a %dx%d image: %s", w, h,
			         SDL_GetError());
			goto fail_ttf;
		}
		d->ren = SDL_CreateSoftwareRenderer(d->surf);
	}
	if (!d->ren) {
		snprintf(err, errsize, "no renderer: %s", SDL_GetError());
		goto fail_ttf;
	}
	SDL_SetRenderDrawBlendMode(d->ren, SDL_BLENDMODE_BLEND);
	d->blend = SDL_BLENDMODE_BLEND;
	if (draw_set_scale(d, 1.0f, 1.0f, err, errsize) != 0)
		goto fail_ttf;
	return d;
fail_ttf:
	draw_free(d);
	return NULL;
fail:
	free(d);
	return NULL;
}

void draw_free(struct draw *d)
{
	if (!d)
		return;
	cache_clear(d, 0);
	widths_clear(d);
	close_fonts(d);
	for (int i = 0; i <= DISC_MAX; i++)
		if (d->disc[i])
			SDL_DestroyTexture(d->disc[i]);
	if (d->ren)
		SDL_DestroyRenderer(d->ren);
	if (d->surf)
		SDL_FreeSurface(d->surf);
	if (d->win)
		SDL_DestroyWindow(d->win);
	if (d->video_inited)
		SDL_QuitSubSystem(SDL_INIT_VIDEO);
	TTF_Quit();
	free(d);
}

void draw_window_size(struct draw *d, int *w, int *h)
{
	if (d->win)
		SDL_GetWindowSize(d->win, w, h);
	else
		draw_output_size(d, w, h);
}

double draw_frame_period(struct draw *d)
{
	SDL_DisplayMode m;
	int i = d->win ? SDL_GetWindowDisplayIndex(d->win) : -1;
	if (i >= 0 && SDL_GetCurrentDisplayMode(i, &m) == 0 && m.refresh_rate >= 24)
		return 1.0 / m.refresh_rate;
	return 1.0 / 60;
}

void draw_set_title(struct draw *d, const char *title)
{
	if (d->win)
		SDL_SetWindowTitle(d->win, title);
}

void draw_fullscreen(struct draw *d, int on)
{
	if (!d->win)
		return;
	const char *drv = SDL_GetCurrentVideoDriver();
	int bare_x11 = drv && strcmp(drv, "x11") == 0 && !framed(d->win);
	if (on && !d->borderless_full && bare_x11) {
		/* No window manager (a bare Xvfb, a kiosk X server): SDL's full
		 * screen asks the window manager, so nothing would change on
		 * screen while SDL takes the window for the display's size and
		 * the frame is drawn too big for it.  Without one, the X server
		 * itself moves and sizes a window: a borderless one over the
		 * whole display does the job, and going back restores the
		 * window's place and size. */
		int i = SDL_GetWindowDisplayIndex(d->win);
		SDL_Rect b;
		if (i < 0 || SDL_GetDisplayBounds(i, &b) != 0)
			return;
		SDL_GetWindowPosition(d->win, &d->before_full.x, &d->before_full.y);
		SDL_GetWindowSize(d->win, &d->before_full.w, &d->before_full.h);
		SDL_SetWindowBordered(d->win, SDL_FALSE);
		SDL_SetWindowPosition(d->win, b.x, b.y);
		SDL_SetWindowSize(d->win, b.w, b.h);
		SDL_RaiseWindow(d->win);
		d->borderless_full = 1;
		return;
	}
	if (!on && d->borderless_full) {
		SDL_SetWindowBordered(d->win, SDL_TRUE);
		SDL_SetWindowSize(d->win, d->before_full.w, d->before_full.h);
		SDL_SetWindowPosition(d->win, d->before_full.x, d->before_full.y);
		d->borderless_full = 0;
		return;
	}
	SDL_SetWindowFullscreen(d->win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
}

void draw_output_size(struct draw *d, int *w, int *h)
{
	if (SDL_GetRendererOutputSize(d->ren, w, h) != 0) {
		*w = d->surf ? d->surf->w : 1280;
		*h = d->surf ? d->surf->h : 720;
	}
}

int draw_set_scale(struct draw *d, float scale, float diagram_scale, char *err, size_t errsize)
{
	int changed = 0;
	for (int i = 0; i < FONT_COUNT; i++) {
		int diag = i == FONT_DIAG || i == FONT_DIAG_BOLD;
		int px = (int)lroundf(base_px[i] * (diag ? diagram_scale : scale));
		if (px < (int)base_px[FONT_SMALL])
			px = (int)base_px[FONT_SMALL];
		if (d->font[i] && d->px[i] == px)
			continue;
		const char *file =
		    (i == FONT_BOLD || i == FONT_TITLE || i == FONT_BIG || i == FONT_DIAG_BOLD)
		        ? d->path_bold
		        : d->path;
		TTF_Font *f = TTF_OpenFont(file, px);
		if (!f) {
			snprintf(err, errsize, "cannot open font %s: %s", file, TTF_GetError());
			return -1;
		}
		if (d->font[i])
			TTF_CloseFont(d->font[i]);
		d->font[i] = f;
		d->px[i] = px;
		d->height[i] = (float)TTF_FontHeight(f);
		changed = 1;
	}
	if (changed) {
		cache_clear(d, 0);
		widths_clear(d);
	}
	return 0;
}

void draw_begin(struct draw *d, struct gui_color bg)
{
	d->frame++;
	SDL_SetRenderDrawColor(d->ren, bg.r, bg.g, bg.b, 255);
	SDL_RenderClear(d->ren);
}

void draw_flush(struct draw *d)
{
	SDL_RenderFlush(d->ren);
}

void draw_end(struct draw *d)
{
	SDL_RenderPresent(d->ren);
	if (d->ncached > CACHE_MAX_USED)
		cache_clear(d, 1);
}

void draw_clip(struct draw *d, const struct gui_rect *r)
{
	if (!r) {
		SDL_RenderSetClipRect(d->ren, NULL);
		return;
	}
	SDL_Rect c = {(int)floorf(r->x), (int)floorf(r->y), (int)ceilf(r->w), (int)ceilf(r->h)};
	SDL_RenderSetClipRect(d->ren, &c);
}

/* Opaque colours are copied, not blended: the software renderer then
 * fills with memset-like loops instead of reading every pixel back. */
static void set_color(struct draw *d, struct gui_color c)
{
	SDL_BlendMode b = c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND;
	if (b != d->blend) {
		SDL_SetRenderDrawBlendMode(d->ren, b);
		d->blend = b;
	}
	SDL_SetRenderDrawColor(d->ren, c.r, c.g, c.b, c.a);
}

void draw_rect(struct draw *d, struct gui_rect r, struct gui_color c)
{
	SDL_FRect f = {r.x, r.y, r.w, r.h};
	set_color(d, c);
	SDL_RenderFillRectF(d->ren, &f);
}

void draw_rect_outline(struct draw *d, struct gui_rect r, float w, struct gui_color c)
{
	draw_rect(d, gui_rect_make(r.x, r.y, r.w, w), c);
	draw_rect(d, gui_rect_make(r.x, r.y + r.h - w, r.w, w), c);
	draw_rect(d, gui_rect_make(r.x, r.y + w, w, r.h - 2 * w), c);
	draw_rect(d, gui_rect_make(r.x + r.w - w, r.y + w, w, r.h - 2 * w), c);
}

static SDL_Vertex vtx(float x, float y, struct gui_color c)
{
	SDL_Vertex v;
	v.position.x = x;
	v.position.y = y;
	v.color.r = c.r;
	v.color.g = c.g;
	v.color.b = c.b;
	v.color.a = c.a;
	v.tex_coord.x = 0;
	v.tex_coord.y = 0;
	return v;
}

/* A convex polygon as a fan around its first point.  The software
 * renderer scans each triangle's bounding box: keep them small. */
static void fill_fan(struct draw *d, const SDL_Vertex *v, int n, struct gui_color c)
{
	int idx[3 * 64];
	int ni = 0;
	for (int i = 1; i + 1 < n && ni + 3 <= (int)(sizeof idx / sizeof idx[0]); i++) {
		idx[ni++] = 0;
		idx[ni++] = i;
		idx[ni++] = i + 1;
	}
	set_color(d, c);
	SDL_RenderGeometry(d->ren, NULL, v, n, idx, ni);
}

/* The white disc of radius r px (1..DISC_MAX), its edge antialiased by
 * 4x4 samples per pixel; NULL when it cannot be made. */
static SDL_Texture *disc(struct draw *d, int r)
{
	if (r < 1 || r > DISC_MAX)
		return NULL;
	if (d->disc[r])
		return d->disc[r];
	int n = 2 * r;
	Uint32 *px = malloc((size_t)n * (size_t)n * sizeof *px);
	if (!px)
		return NULL;
	for (int y = 0; y < n; y++)
		for (int x = 0; x < n; x++) {
			int in = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					float fx = (float)x + ((float)sx + 0.5f) / 4 - (float)r;
					float fy = (float)y + ((float)sy + 0.5f) / 4 - (float)r;
					in += fx * fx + fy * fy <= (float)(r * r);
				}
			Uint32 a = (Uint32)(in * 255 / 16);
			px[y * n + x] = a << 24 | 0xffffffu;
		}
	SDL_Texture *t =
	    SDL_CreateTexture(d->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, n, n);
	if (t) {
		SDL_UpdateTexture(t, NULL, px, n * (int)sizeof *px);
		SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
	}
	free(px);
	d->disc[r] = t;
	return t;
}

/* Copies the quadrant (qx, qy: 0 left/top, 1 right/bottom) of disc t of
 * radius r to the r x r square at (x, y), in colour c. */
static void quadrant(struct draw *d, SDL_Texture *t, int r, int qx, int qy, int x, int y,
                     struct gui_color c)
{
	SDL_Rect src = {qx * r, qy * r, r, r}, dst = {x, y, r, r};
	SDL_SetTextureColorMod(t, c.r, c.g, c.b);
	SDL_SetTextureAlphaMod(t, c.a);
	SDL_RenderCopy(d->ren, t, &src, &dst);
}

/* Rounded rectangles are three rectangles and four disc quadrants; the
 * rectangle is snapped to whole pixels so the pieces meet exactly. */
void draw_rrect(struct draw *d, struct gui_rect r, float radius, struct gui_color c)
{
	int x0 = (int)lroundf(r.x), y0 = (int)lroundf(r.y);
	int x1 = (int)lroundf(r.x + r.w), y1 = (int)lroundf(r.y + r.h);
	int ri = (int)lroundf(radius);
	SDL_Texture *t = ri >= 2 && 2 * ri <= x1 - x0 && 2 * ri <= y1 - y0 ? disc(d, ri) : NULL;
	if (!t) {
		draw_rect(d, r, c);
		return;
	}
	SDL_Rect mid = {x0, y0 + ri, x1 - x0, y1 - y0 - 2 * ri};
	SDL_Rect top = {x0 + ri, y0, x1 - x0 - 2 * ri, ri};
	SDL_Rect bot = {x0 + ri, y1 - ri, x1 - x0 - 2 * ri, ri};
	set_color(d, c);
	SDL_RenderFillRect(d->ren, &mid);
	SDL_RenderFillRect(d->ren, &top);
	SDL_RenderFillRect(d->ren, &bot);
	quadrant(d, t, ri, 0, 0, x0, y0, c);
	quadrant(d, t, ri, 1, 0, x1 - ri, y0, c);
	quadrant(d, t, ri, 0, 1, x0, y1 - ri, c);
	quadrant(d, t, ri, 1, 1, x1 - ri, y1 - ri, c);
}

/* Lines along an axis are rectangles; others are 1-pixel lines side by
 * side (across the line's major axis, so no pixel is left out), whose
 * cost grows with their length, not with their bounding box. */
void draw_line(struct draw *d, struct gui_point a, struct gui_point b, float width,
               struct gui_color c)
{
	float dx = b.x - a.x, dy = b.y - a.y;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f)
		return;
	if (width < 1)
		width = 1;
	if (fabsf(dx) < 0.01f || fabsf(dy) < 0.01f) {
		float x = a.x < b.x ? a.x : b.x, y = a.y < b.y ? a.y : b.y;
		if (fabsf(dx) < 0.01f)
			draw_rect(d, gui_rect_make(x - width / 2, y, width, fabsf(dy)), c);
		else
			draw_rect(d, gui_rect_make(x, y - width / 2, fabsf(dx), width), c);
		return;
	}
	int steep = fabsf(dy) > fabsf(dx);
	/* n pixels across the major axis make width across the line */
	float across = width * len / (steep ? fabsf(dy) : fabsf(dx));
	int n = (int)lroundf(across);
	if (n < 1)
		n = 1;
	set_color(d, c);
	for (int i = 0; i < n; i++) {
		float o = (float)i - (float)(n - 1) / 2;
		float ox = steep ? o : 0, oy = steep ? 0 : o;
		SDL_RenderDrawLineF(d->ren, a.x + ox, a.y + oy, b.x + ox, b.y + oy);
	}
}

void draw_dashed(struct draw *d, struct gui_point a, struct gui_point b, float width, float dash,
                 struct gui_color c)
{
	float dx = b.x - a.x, dy = b.y - a.y;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f || dash < 1)
		return;
	for (float s = 0; s < len; s += 2 * dash) {
		float e = s + dash < len ? s + dash : len;
		struct gui_point p = {a.x + dx * s / len, a.y + dy * s / len};
		struct gui_point q = {a.x + dx * e / len, a.y + dy * e / len};
		draw_line(d, p, q, width, c);
	}
}

void draw_triangle(struct draw *d, struct gui_point a, struct gui_point b, struct gui_point p,
                   struct gui_color c)
{
	SDL_Vertex v[3] = {vtx(a.x, a.y, c), vtx(b.x, b.y, c), vtx(p.x, p.y, c)};
	set_color(d, c);
	SDL_RenderGeometry(d->ren, NULL, v, 3, NULL, 0);
}

void draw_circle(struct draw *d, struct gui_point o, float r, struct gui_color c)
{
	int ri = (int)lroundf(r);
	SDL_Texture *t = disc(d, ri);
	if (t) {
		SDL_Rect dst = {(int)lroundf(o.x) - ri, (int)lroundf(o.y) - ri, 2 * ri, 2 * ri};
		SDL_SetTextureColorMod(t, c.r, c.g, c.b);
		SDL_SetTextureAlphaMod(t, c.a);
		SDL_RenderCopy(d->ren, t, NULL, &dst);
		return;
	}
	int n = (int)(r * 0.8f);
	n = n < 12 ? 12 : n > 48 ? 48 : n;
	SDL_Vertex v[50];
	for (int i = 0; i < n; i++) {
		float a = 2 * GUI_PI * (float)i / (float)n;
		v[i] = vtx(o.x + r * cosf(a), o.y + r * sinf(a), c);
	}
	fill_fan(d, v, n, c);
}

void draw_arrowhead(struct draw *d, struct gui_point from, struct gui_point tip, float size,
                    struct gui_color c)
{
	float dx = tip.x - from.x, dy = tip.y - from.y;
	float len = sqrtf(dx * dx + dy * dy);
	if (len < 0.01f)
		return;
	dx /= len;
	dy /= len;
	struct gui_point l = {tip.x - dx * size - dy * size * 0.5f,
	                      tip.y - dy * size + dx * size * 0.5f};
	struct gui_point r = {tip.x - dx * size + dy * size * 0.5f,
	                      tip.y - dy * size - dx * size * 0.5f};
	draw_triangle(d, tip, l, r, c);
}

static uint64_t hash_text(int font, uint32_t rgba, const char *s)
{
	uint64_t h =
	    (1469598103934665603ull ^ (uint64_t)font ^ (uint64_t)rgba << 8) * 1099511628211ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static uint32_t rgba_of(struct gui_color c)
{
	return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a;
}

/* The cached texture of text in font and colour c; NULL for empty text.
 * Rendered in its colour, not white and tinted: the software renderer
 * blends an untinted texture with its fast alpha blitter. */
static struct text_entry *text_get(struct draw *d, int font, struct gui_color c, const char *text)
{
	if (!text || !*text || font < 0 || font >= FONT_COUNT)
		return NULL;
	uint32_t rgba = rgba_of(c);
	uint64_t h = hash_text(font, rgba, text);
	uint32_t j = (uint32_t)h & (CACHE_SIZE - 1);
	while (d->cache[j].text) {
		struct text_entry *e = &d->cache[j];
		if (e->hash == h && e->font == font && e->rgba == rgba &&
		    strcmp(e->text, text) == 0) {
			e->used = d->frame;
			return e;
		}
		j = (j + 1) & (CACHE_SIZE - 1);
	}
	if (d->ncached >= CACHE_SIZE - 64)
		cache_clear(d, 1);
	if (d->ncached >= CACHE_SIZE - 64)
		return NULL;
	j = (uint32_t)h & (CACHE_SIZE - 1);
	while (d->cache[j].text)
		j = (j + 1) & (CACHE_SIZE - 1);
	SDL_Color col = {c.r, c.g, c.b, c.a};
	SDL_Surface *s = TTF_RenderUTF8_Blended(d->font[font], text, col);
	if (!s)
		return NULL;
	SDL_Texture *tex = SDL_CreateTextureFromSurface(d->ren, s);
	int w = s->w, hh = s->h;
	SDL_FreeSurface(s);
	if (!tex)
		return NULL;
	SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
	struct text_entry *e = &d->cache[j];
	e->hash = h;
	e->text = strdup(text);
	e->font = font;
	e->rgba = rgba;
	e->tex = tex;
	e->w = w;
	e->h = hh;
	e->used = d->frame;
	d->ncached++;
	return e;
}

struct gui_rect draw_anchor(float x, float y, float w, float h, int align)
{
	if (align & ALIGN_CENTER)
		x -= w / 2;
	else if (align & ALIGN_RIGHT)
		x -= w;
	if (align & ALIGN_MIDDLE)
		y -= h / 2;
	else if (align & ALIGN_BOTTOM)
		y -= h;
	return gui_rect_make(x, y, w, h);
}

float draw_text(struct draw *d, int font, float x, float y, int align, struct gui_color c,
                const char *text)
{
	struct text_entry *e = text_get(d, font, c, text);
	if (!e)
		return 0;
	float w = (float)e->w, h = (float)e->h;
	struct gui_rect at = draw_anchor(x, y, w, h, align);
	SDL_FRect dst = {roundf(at.x), roundf(at.y), w, h};
	SDL_RenderCopyF(d->ren, e->tex, NULL, &dst);
	return w;
}

float draw_text_width(struct draw *d, int font, const char *text)
{
	if (!text || !*text || font < 0 || font >= FONT_COUNT)
		return 0;
	uint64_t h = hash_text(font, 0, text);
	uint32_t j = (uint32_t)h & (WIDTH_CACHE - 1);
	while (d->widths[j].text) {
		struct width_entry *e = &d->widths[j];
		if (e->hash == h && e->font == font && strcmp(e->text, text) == 0)
			return e->w;
		j = (j + 1) & (WIDTH_CACHE - 1);
	}
	int w = 0, hh = 0;
	if (TTF_SizeUTF8(d->font[font], text, &w, &hh) != 0)
		return 0;
	if (d->nwidths >= WIDTH_CACHE / 2) {
		widths_clear(d); /* full: start again */
		j = (uint32_t)h & (WIDTH_CACHE - 1);
	}
	char *copy = strdup(text);
	if (copy) {
		d->widths[j] = (struct width_entry){h, copy, font, (float)w};
		d->nwidths++;
	}
	return (float)w;
}

float draw_font_height(struct draw *d, int font)
{
	return font >= 0 && font < FONT_COUNT ? d->height[font] : 0;
}

int draw_font_px(struct draw *d, int font)
{
	return font >= 0 && font < FONT_COUNT ? d->px[font] : 0;
}

void draw_list(struct draw *d, const struct dlist *l)
{
	for (int i = 0; i < l->n; i++) {
		const struct dl_cmd *k = &l->cmd[i];
		switch (k->op) {
		case DL_RECT: draw_rect(d, k->r, k->c); break;
		case DL_OUTLINE: draw_rect_outline(d, k->r, k->width, k->c); break;
		case DL_RRECT: draw_rrect(d, k->r, k->width, k->c); break;
		case DL_LINE: draw_line(d, k->p[0], k->p[1], k->width, k->c); break;
		case DL_DASHED: draw_dashed(d, k->p[0], k->p[1], k->width, k->dash, k->c); break;
		case DL_TRIANGLE: draw_triangle(d, k->p[0], k->p[1], k->p[2], k->c); break;
		case DL_CIRCLE: draw_circle(d, k->p[0], k->width, k->c); break;
		case DL_ARROWHEAD: draw_arrowhead(d, k->p[0], k->p[1], k->width, k->c); break;
		case DL_TEXT:
			draw_text(d, k->font, k->p[0].x, k->p[0].y, k->align, k->c,
			          dl_text_of(l, k));
			break;
		case DL_CLIP: draw_clip(d, &k->r); break;
		case DL_UNCLIP: draw_clip(d, NULL); break;
		default: break;
		}
	}
}

struct gui_color draw_read_pixel(struct draw *d, int x, int y)
{
	struct gui_color c = {0, 0, 0, 0};
	uint8_t px[4] = {0, 0, 0, 0};
	SDL_Rect r = {x, y, 1, 1};
	if (SDL_RenderReadPixels(d->ren, &r, SDL_PIXELFORMAT_RGBA32, px, 4) == 0) {
		c.r = px[0];
		c.g = px[1];
		c.b = px[2];
		c.a = px[3];
	}
	return c;
}

int draw_save_png(struct draw *d, const char *path, char *err, size_t errsize)
{
	int w, h;
	draw_output_size(d, &w, &h);
	size_t stride = (size_t)w * 4;
	uint8_t *buf = malloc(stride * (size_t)h);
	if (!buf) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	if (SDL_RenderReadPixels(d->ren, NULL, SDL_PIXELFORMAT_RGBA32, buf, (int)stride) != 0) {
		snprintf(err, errsize, "cannot read the frame: %s", SDL_GetError());
		free(buf);
		return -1;
	}
	/* Screens are opaque; some renderers leave alpha at 0. */
	for (size_t i = 3; i < stride * (size_t)h; i += 4)
		buf[i] = 255;
	int rc = gui_png_write(path, buf, w, h, stride, err, errsize);
	free(buf);
	return rc;
}
