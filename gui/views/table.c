/* table: each host's `netstat -nat` lines at the present (see view.h).
 * Each row is a click target: app/events.c makes that connection the one
 * the diagram, ladder and panels follow.  Called by app/app.c each frame. */
#include <stdio.h>
#include <string.h>

#include "view.h"

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

void view_table_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->table;
	view_out_begin(o, "table", r);
	view_panel_frame(o, f, r, "Sockets · netstat -nat");
	struct gui_rect clip = gui_rect_inset(r, 2 * s);
	dl_clip(&o->dl, &clip);
	float lh = draw_font_height(f->d, FONT_SMALL) + 3 * s;
	float pad = 10 * s;
	float y = r.y + draw_font_height(f->d, FONT_BOLD) + 12 * s;
	static const char *const head[NCOLS] = {"Proto",         "Recv-Q",          "Send-Q",
	                                        "Local Address", "Foreign Address", "State"};
	/* columns as wide as what they hold now */
	float cw[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		cw[c] = draw_text_width(f->d, FONT_SMALL, head[c]);
	for (int h = 0; h < f->snap->nhosts && h < 2; h++)
		for (int i = 0; i < f->snap->hosts[h].nsocks; i++) {
			char cell[NCOLS][48];
			row_cells(&f->snap->hosts[h].socks[i], cell);
			for (int c = 0; c < NCOLS; c++) {
				float w = draw_text_width(f->d, FONT_SMALL, cell[c]);
				if (w > cw[c])
					cw[c] = w;
			}
		}
	/* the most columns that fit, with the widest gaps that fit: Proto
	 * (always tcp) goes first, the queues only when even the narrowest
	 * gaps leave no room for them */
	static const struct {
		int first;
		float gap;
	} fits[] = {{0, 14}, {1, 14}, {1, 10}, {1, 7}, {3, 14}, {3, 10}, {3, 7}};
	int first = 3;
	float gap = 7 * s;
	for (size_t fi = 0; fi < sizeof fits / sizeof fits[0]; fi++) {
		float total = -fits[fi].gap * s;
		for (int c = fits[fi].first; c < NCOLS; c++)
			total += cw[c] + fits[fi].gap * s;
		if (total <= r.w - 2 * pad) {
			first = fits[fi].first;
			gap = fits[fi].gap * s;
			break;
		}
	}
	float cx[NCOLS] = {0};
	float x = r.x + pad;
	for (int c = first; c < NCOLS; c++) {
		cx[c] = x;
		x += cw[c] + gap;
	}
	/* still too wide (long foreign addresses): State keeps its place at
	 * the right edge and Foreign Address is cut short */
	float state_x = r.x + r.w - pad - cw[5];
	float foreign_end = r.x + r.w;
	if (cx[5] > state_x) {
		cx[5] = state_x;
		foreign_end = state_x - gap;
	}
	/* the queues are numbers: right-aligned under their headings */
	for (int c = first; c < NCOLS; c++) {
		const char *hd = head[c];
		if (c == 4 && cx[4] + draw_text_width(f->d, FONT_SMALL, hd) > foreign_end)
			hd = "Foreign";
		view_text(o, f, FONT_SMALL, c == 1 || c == 2 ? cx[c] + cw[c] : cx[c], y,
		          c == 1 || c == 2 ? ALIGN_RIGHT : ALIGN_LEFT, th->text_dim, hd);
	}
	y += lh;
	float bottom = r.y + r.h - 6 * s;
	/* short of room, the hosts' headings give way to a bar in the host's
	 * colour on each of its rows */
	int need = 0;
	for (int h = 0; h < f->snap->nhosts && h < 2; h++)
		need += 1 + f->snap->hosts[h].nsocks;
	int compact = (float)need * lh > bottom - y;
	for (int h = 0; h < f->snap->nhosts && h < 2; h++) {
		const struct snap_host *host = &f->snap->hosts[h];
		if (y + lh > bottom)
			break;
		char t[96], ip[16];
		if (!compact || !host->nsocks) {
			snprintf(t, sizeof t, "%s (%s)%s", host->name, ip_fmt(ip, host->addr),
			         host->nsocks ? "" : ": no sockets");
			dl_rect(&o->dl, gui_rect_make(r.x + pad, y + 2 * s, 4 * s, lh - 4 * s),
			        th->host[h]);
			view_text(o, f, FONT_BOLD, r.x + pad + 10 * s, y, ALIGN_LEFT, th->text, t);
			y += lh;
		}
		const struct snap_sock *fol = view_followed(f->snap, f->follow, h);
		for (int i = 0; i < host->nsocks; i++) {
			const struct snap_sock *k = &host->socks[i];
			if (y + lh > bottom) {
				snprintf(t, sizeof t, "… %d more", host->nsocks - i);
				view_text(o, f, FONT_SMALL, r.x + pad + 10 * s, y - 2 * s,
				          ALIGN_LEFT, th->text_dim, t);
				char what[48];
				snprintf(what, sizeof what, "%d rows", host->nsocks - i);
				view_left_out(o, what, "folded into ... N more");
				y = bottom;
				break;
			}
			struct gui_rect row = gui_rect_make(r.x + 4 * s, y, r.w - 8 * s, lh);
			if (k == fol)
				dl_rrect(&o->dl, row, 3 * s, th->host_tint[h]);
			else if (gui_rect_has(row, f->mouse_x, f->mouse_y))
				dl_rrect(&o->dl, row, 3 * s, th->panel_alt);
			view_target(o, row, GA_FOLLOW, ((int64_t)h << 24) | (k->handle & 0xffffff));
			if (compact)
				dl_rect(&o->dl,
				        gui_rect_make(r.x + 4 * s, y + 2 * s, 3 * s, lh - 4 * s),
				        th->host[h]);
			char cell[NCOLS][48];
			row_cells(k, cell);
			for (int c = first; c < NCOLS; c++) {
				if (c == 4 && foreign_end < r.x + r.w) {
					struct gui_rect cut =
					    gui_rect_make(cx[4], y, foreign_end - cx[4], lh);
					dl_clip(&o->dl, &cut);
				}
				view_text(
				    o, f, FONT_SMALL, c == 1 || c == 2 ? cx[c] + cw[c] : cx[c], y,
				    c == 1 || c == 2 ? ALIGN_RIGHT : ALIGN_LEFT, th->text, cell[c]);
				if (c == 4 && foreign_end < r.x + r.w)
					dl_clip(&o->dl, &clip);
			}
			y += lh;
		}
		y += 3 * s;
	}
	dl_clip(&o->dl, NULL);
}
