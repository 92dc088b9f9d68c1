/* view_common: small helpers every view uses: which socket a host's views
 * follow, a titled panel frame, word-wrapped text.  Called while drawing. */
#include <string.h>

#include "app.h"

const struct snap_sock *gui_followed(const struct gui_app *a, int host)
{
	if (host < 0 || host >= a->snap.nhosts)
		return NULL;
	const struct snap_host *h = &a->snap.hosts[host];
	if (a->follow[host] >= 0) {
		for (int i = 0; i < h->nsocks; i++)
			if (h->socks[i].handle == a->follow[host])
				return &h->socks[i];
		return NULL;
	}
	if (h->current >= 0 && h->current < h->nsocks)
		return &h->socks[h->current];
	return NULL;
}

void gui_panel_frame(struct gui_app *a, struct gui_rect r, const char *title)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	float s = a->lay.s;
	draw_rrect(a->d, r, 6 * s, th->border);
	draw_rrect(a->d, gui_rect_inset(r, 1), 5 * s, th->panel);
	if (title && *title)
		draw_text(a->d, FONT_BOLD, r.x + 10 * s, r.y + 6 * s, ALIGN_LEFT, th->text_dim,
		          title);
}

float gui_text_wrap(struct gui_app *a, int font, float x, float y, float width, struct gui_color c,
                    const char *text, int max_lines)
{
	float lh = draw_font_height(a->d, font);
	float y0 = y;
	char line[512];
	int lines = 0;
	const char *p = text;
	while (*p && lines < max_lines) {
		if (*p == '\n') {
			p++;
			continue;
		}
		/* take words while they fit */
		size_t n = 0, best = 0;
		const char *q = p;
		while (*q && *q != '\n') {
			const char *w = q;
			while (*w == ' ')
				w++;
			const char *e = w;
			while (*e && *e != ' ' && *e != '\n')
				e++;
			size_t add = (size_t)(e - q);
			if (n + add >= sizeof line)
				break;
			memcpy(line + n, q, add);
			line[n + add] = '\0';
			if (draw_text_width(a->d, font, line) > width && best > 0)
				break;
			n += add;
			best = n;
			q = e;
		}
		if (best == 0) { /* one word longer than the width: cut it */
			best = strlen(p) < sizeof line - 1 ? strlen(p) : sizeof line - 1;
			memcpy(line, p, best);
			q = p + best;
		}
		line[best] = '\0';
		lines++;
		if (lines == max_lines && *q && *q != '\n' && best + 4 < sizeof line) {
			/* the last line allowed: mark the cut */
			while (best > 0 && draw_text_width(a->d, font, line) + 20 > width)
				line[--best] = '\0';
			strcat(line, "…");
		}
		draw_text(a->d, font, x, y, ALIGN_LEFT, c, line);
		y += lh;
		p = q;
		while (*p == ' ')
			p++;
	}
	return y - y0;
}
