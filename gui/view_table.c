/* view_table: each host's `netstat -nat` lines at the present.  A click on
 * a row (app.c, through the row rectangles laid out here) makes that
 * connection the one the diagram, ladder and panels follow. */
#include <stdio.h>
#include <string.h>

#include "app.h"

#define NCOLS 6

/* One netstat -nat line, cell by cell. */
static void row_cells(const struct snap_sock *k, char cell[NCOLS][48])
{
	char ip[16];
	snprintf(cell[0], 48, "tcp");
	snprintf(cell[1], 48, "%u", k->recv_unread);
	snprintf(cell[2], 48, "%u", k->send_inflight + k->send_unsent);
	snprintf(cell[3], 48, "%s:%u", ip_fmt(ip, k->laddr), k->lport);
	if (k->listener || !k->raddr)
		snprintf(cell[4], 48, "0.0.0.0:*");
	else
		snprintf(cell[4], 48, "%s:%u", ip_fmt(ip, k->raddr), k->rport);
	snprintf(cell[5], 48, "%s", tcps_netstat_name(k->state));
}

void view_table_draw(struct gui_app *a)
{
	const struct gui_theme *th = gui_theme_get(a->dark);
	struct gui_layout *l = &a->lay;
	float s = l->s;
	struct gui_rect r = l->table;
	gui_panel_frame(a, r, "Sockets · netstat -nat");
	l->nrows = 0;
	float lh = draw_font_height(a->d, FONT_SMALL) + 3 * s;
	float pad = 10 * s;
	float y = r.y + draw_font_height(a->d, FONT_BOLD) + 12 * s;
	static const char *const head[NCOLS] = {"Proto", "Recv-Q", "Send-Q", "Local Address",
						 "Foreign Address", "State"};
	/* columns as wide as what they hold now */
	float cw[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		cw[c] = draw_text_width(a->d, FONT_SMALL, head[c]);
	for (int h = 0; h < a->snap.nhosts && h < 2; h++)
		for (int i = 0; i < a->snap.hosts[h].nsocks; i++) {
			char cell[NCOLS][48];
			row_cells(&a->snap.hosts[h].socks[i], cell);
			for (int c = 0; c < NCOLS; c++) {
				float w = draw_text_width(a->d, FONT_SMALL, cell[c]);
				if (w > cw[c])
					cw[c] = w;
			}
		}
	float gap = 12 * s, total = 0;
	for (int c = 0; c < NCOLS; c++)
		total += cw[c] + gap;
	/* when narrow, drop Proto (always tcp), then the queues */
	int first = 0;
	while (first < 3 && total > r.w - 2 * pad) {
		total -= cw[first] + gap;
		first++;
	}
	float cx[NCOLS];
	float x = r.x + pad;
	for (int c = first; c < NCOLS; c++) {
		cx[c] = x;
		x += cw[c] + gap;
	}
	for (int c = first; c < NCOLS; c++)
		draw_text(a->d, FONT_SMALL, cx[c], y, ALIGN_LEFT, th->text_dim, head[c]);
	y += lh;
	float bottom = r.y + r.h - 6 * s;
	for (int h = 0; h < a->snap.nhosts && h < 2; h++) {
		const struct snap_host *host = &a->snap.hosts[h];
		if (y + lh > bottom)
			break;
		char t[96], ip[16];
		snprintf(t, sizeof t, "%s (%s)%s", host->name, ip_fmt(ip, host->addr),
			 host->nsocks ? "" : ": no sockets");
		draw_rect(a->d, gui_rect_make(r.x + pad, y + 2 * s, 4 * s, lh - 4 * s), th->host[h]);
		draw_text(a->d, FONT_BOLD, r.x + pad + 10 * s, y, ALIGN_LEFT, th->text, t);
		y += lh;
		const struct snap_sock *fol = gui_followed(a, h);
		for (int i = 0; i < host->nsocks; i++) {
			const struct snap_sock *k = &host->socks[i];
			if (y + lh > bottom) {
				snprintf(t, sizeof t, "… %d more", host->nsocks - i);
				draw_text(a->d, FONT_SMALL, r.x + pad + 10 * s, y - 2 * s, ALIGN_LEFT,
					  th->text_dim, t);
				y = bottom;
				break;
			}
			struct gui_rect row = gui_rect_make(r.x + 4 * s, y, r.w - 8 * s, lh);
			if (k == fol)
				draw_rrect(a->d, row, 3 * s, th->host_tint[h]);
			else if (gui_rect_has(row, a->mouse_x, a->mouse_y))
				draw_rrect(a->d, row, 3 * s, th->panel_alt);
			if (l->nrows < GUI_MAX_ROWS) {
				l->rows[l->nrows].r = row;
				l->rows[l->nrows].host = h;
				l->rows[l->nrows].handle = k->handle;
				l->nrows++;
			}
			char cell[NCOLS][48];
			row_cells(k, cell);
			for (int c = first; c < NCOLS; c++)
				draw_text(a->d, FONT_SMALL, cx[c], y, ALIGN_LEFT,
					  th->text, cell[c]);
			y += lh;
		}
		y += 3 * s;
	}
}
