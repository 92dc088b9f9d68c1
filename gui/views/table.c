/* table: each host's `netstat -nat` lines at the present (see view.h),
 * grouped by host and by state: each host's heading counts its sockets per
 * state (`CLOSE_WAIT ×3`), the connection the views follow comes first,
 * then the others by state.  Short of room, a state's rows fold into one
 * (`CLOSE_WAIT ×3`), then a host's last rows into "… N more", which the
 * wheel scrolls (f->scroll_table); columns are dropped from the left and
 * the foreign address shortened when narrow.  Each row is a click target:
 * app/events.c makes that connection the one the diagram, ladder and
 * panels follow.  Called by app/app.c each frame. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view.h"

#define NCOLS 6
#define MAX_ITEMS 512

/* How short the rows are made, least first: Proto goes, then the queues,
 * the local address loses its IP (the host's heading has it), the foreign
 * one says the peer's name, then goes. */
enum { AB_FULL, AB_NO_PROTO, AB_NO_QUEUES, AB_LOCAL_PORT, AB_PEER_NAME, AB_NO_FOREIGN, AB_COUNT };

/* One netstat -nat line, cell by cell, shortened to level ab. */
static void row_cells(const struct view_frame *f, const struct snap_sock *k, int ab,
                      char cell[NCOLS][48])
{
	char ip[16];
	snprintf(cell[0], 48, "tcp");
	snprintf(cell[1], 48, "%lu", netstat_recv_q(k));
	snprintf(cell[2], 48, "%u", k->send_inflight + k->send_unsent);
	if (ab >= AB_LOCAL_PORT)
		snprintf(cell[3], 48, ":%u", k->lport);
	else
		snprintf(cell[3], 48, "%s:%u", ip_fmt(ip, k->laddr), k->lport);
	const char *peer = NULL;
	for (int h = 0; h < f->snap->nhosts && ab >= AB_PEER_NAME; h++)
		if (f->snap->hosts[h].addr == k->raddr)
			peer = f->snap->hosts[h].name;
	if (k->listener || !k->raddr)
		snprintf(cell[4], 48, "0.0.0.0:*");
	else if (peer)
		snprintf(cell[4], 48, "%.30s:%u", peer, k->rport);
	else
		snprintf(cell[4], 48, "%s:%u", ip_fmt(ip, k->raddr), k->rport);
	snprintf(cell[5], 48, "%s", tcps_netstat_name(k->state));
}

/* The first column shown at level ab. */
static int first_col(int ab)
{
	return ab >= AB_NO_QUEUES ? 3 : ab >= AB_NO_PROTO ? 1 : 0;
}

/* A row of a host's part: one socket, or a folded state group. */
struct item {
	int sock;  /* index in the host's sockets (the group's first) */
	int state; /* the group's state */
	int n;     /* sockets it stands for: 1, or the group's size when folded */
};

/* A host's sockets in display order: the followed one, then by state
 * (the diagram's order), then as created.  Returns how many. */
static int sock_order(const struct snap_host *host, const struct snap_sock *fol, int *order)
{
	int n = 0;
	if (fol)
		order[n++] = (int)(fol - host->socks);
	for (int st = 0; st < TCPS_COUNT; st++)
		for (int i = 0; i < host->nsocks && n < MAX_ITEMS; i++)
			if (&host->socks[i] != fol && host->socks[i].state == st)
				order[n++] = i;
	return n;
}

/* The items of one host for a budget of rows: every socket when it fits,
 * else the biggest state groups folded first.  Returns how many. */
static int host_items(const struct snap_host *host, const int *order, int n, int has_fol,
                      int budget, struct item *it)
{
	/* groups: runs of one state after the followed row */
	int gstart[MAX_ITEMS], glen[MAX_ITEMS], ng = 0;
	for (int j = has_fol; j < n; j++) {
		int st = host->socks[order[j]].state;
		if (ng && host->socks[order[gstart[ng - 1]]].state == st) {
			glen[ng - 1]++;
		} else {
			gstart[ng] = j;
			glen[ng] = 1;
			ng++;
		}
	}
	int folded[MAX_ITEMS] = {0};
	int rows = n;
	while (rows > budget) {
		int best = -1;
		for (int g = 0; g < ng; g++)
			if (!folded[g] && glen[g] > 1 && (best < 0 || glen[g] > glen[best]))
				best = g;
		if (best < 0)
			break;
		folded[best] = 1;
		rows -= glen[best] - 1;
	}
	int m = 0;
	if (has_fol)
		it[m++] = (struct item){order[0], host->socks[order[0]].state, 1};
	for (int g = 0; g < ng; g++) {
		if (folded[g]) {
			int i = order[gstart[g]];
			it[m++] = (struct item){i, host->socks[i].state, glen[g]};
			continue;
		}
		for (int j = gstart[g]; j < gstart[g] + glen[g]; j++)
			it[m++] = (struct item){order[j], host->socks[order[j]].state, 1};
	}
	return m;
}

/* "client (10.0.0.1) · ESTABLISHED ×4 · LISTEN". */
static void heading(const struct snap_host *host, int with_ip, char *t, size_t size)
{
	char ip[16];
	int n = with_ip ? snprintf(t, size, "%s (%s)", host->name, ip_fmt(ip, host->addr))
	                : snprintf(t, size, "%s", host->name);
	if (!host->nsocks) {
		snprintf(t + n, size - (size_t)n, ": no sockets");
		return;
	}
	/* the biggest pile first, so that a cut heading keeps it */
	int done[TCPS_COUNT] = {0};
	for (int k = 0; k < TCPS_COUNT && n < (int)size; k++) {
		int st = -1;
		for (int i = 0; i < TCPS_COUNT; i++)
			if (!done[i] && host->state_count[i] > 0 &&
			    (st < 0 || host->state_count[i] > host->state_count[st]))
				st = i;
		if (st < 0)
			break;
		done[st] = 1;
		int c = host->state_count[st];
		if (c == 1)
			n += snprintf(t + n, size - (size_t)n, " · %s", tcps_netstat_name(st));
		else
			n += snprintf(t + n, size - (size_t)n, " · %s ×%d", tcps_netstat_name(st),
			              c);
	}
}

/* Each host's heading and followed row: the rows the table keeps first. */
static int table_min_rows(const struct view_frame *f)
{
	int nh = f->snap->nhosts < 2 ? f->snap->nhosts : 2;
	int rows = 0;
	for (int h = 0; h < nh; h++)
		rows += 1 + (view_followed(f->snap, f->follow, h) != NULL);
	return rows;
}

float view_table_min_height(const struct view_frame *f)
{
	float s = f->reg->s;
	float lh = draw_font_height(f->d, FONT_SMALL) + 3 * s;
	return 6 * s + (float)table_min_rows(f) * lh + 8 * s;
}

void view_table_layout(const struct view_frame *f, struct view_out *o)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->table;
	view_out_begin(o, "table", r);
	if (f->reg->too_small)
		return;
	float lh = draw_font_height(f->d, FONT_SMALL) + 3 * s;
	float pad = 10 * s;
	/* the title, then the column headings, give way when the rows would
	 * not fit: each host's heading and followed row come first */
	int nh = f->snap->nhosts < 2 ? f->snap->nhosts : 2;
	int min_rows = table_min_rows(f);
	float title_h = draw_font_height(f->d, FONT_BOLD) + 12 * s;
	int titled = (r.h - 8 * s - title_h) / lh + 0.01f >= (float)min_rows;
	view_panel_frame(o, f, r, titled ? "Sockets · netstat -nat" : NULL);
	if (!titled)
		view_left_out(o, "the table's title", "no room above the rows");
	float y = r.y + (titled ? title_h : 6 * s);
	static const char *const head[NCOLS] = {"Proto",         "Recv-Q",          "Send-Q",
	                                        "Local Address", "Foreign Address", "State"};
	/* the State column keeps room for "×N" when some state has several */
	int groups = 0;
	for (int h = 0; h < nh; h++)
		for (int st = 0; st < TCPS_COUNT; st++)
			if (f->snap->hosts[h].state_count[st] > groups)
				groups = f->snap->hosts[h].state_count[st];
	if (groups < 2)
		groups = 0;
	/* the column headings go when the rows need their line; without
	 * them the bare Proto and queue columns ("tcp 0 0") mean nothing,
	 * so they go too */
	int heads = (int)((r.y + r.h - 4 * s - y) / lh + 0.01f) > min_rows;
	/* the longest form that fits, with the widest gaps that fit */
	float cw[NCOLS];
	int ab = heads ? AB_FULL : AB_NO_QUEUES, first = 0;
	float gap = 7 * s;
	static const float gaps[] = {14, 10, 7};
	int found = 0;
	for (; ab < AB_COUNT && !found; ab++) {
		for (int c = 0; c < NCOLS; c++)
			cw[c] =
			    draw_text_width(f->d, FONT_SMALL,
			                    ab >= AB_LOCAL_PORT && c >= 3 ? (c == 3   ? "Local"
			                                                     : c == 4 ? "Foreign"
			                                                              : head[c])
			                                                  : head[c]);
		for (int h = 0; h < nh; h++)
			for (int i = 0; i < f->snap->hosts[h].nsocks; i++) {
				char cell[NCOLS][48];
				row_cells(f, &f->snap->hosts[h].socks[i], ab, cell);
				if (groups)
					strcat(cell[5], groups > 9 ? " ×00" : " ×0");
				for (int c = 0; c < NCOLS; c++) {
					float w = draw_text_width(f->d, FONT_SMALL, cell[c]);
					if (w > cw[c])
						cw[c] = w;
				}
			}
		if (ab >= AB_NO_FOREIGN)
			cw[4] = 0;
		first = first_col(ab);
		for (size_t g = 0; g < sizeof gaps / sizeof gaps[0] && !found; g++) {
			float total = -gaps[g] * s;
			for (int c = first; c < NCOLS; c++)
				if (cw[c] > 0)
					total += cw[c] + gaps[g] * s;
			if (total <= r.w - 2 * pad) {
				gap = gaps[g] * s;
				found = 1;
			}
		}
	}
	ab--;
	if (ab > (heads ? AB_FULL : AB_NO_QUEUES)) {
		static const char *const what[AB_COUNT] = {"",
		                                           "the Proto column",
		                                           "the Proto and queue columns",
		                                           "the columns and local IPs",
		                                           "the columns, local IPs, peer IPs",
		                                           "the foreign address column"};
		view_left_out(o, what[ab], "no room in the table's width");
	}
	float cx[NCOLS] = {0};
	float x = r.x + pad;
	for (int c = first; c < NCOLS; c++) {
		cx[c] = x;
		if (cw[c] > 0)
			x += cw[c] + gap;
	}
	/* still too wide: State keeps its place at the right edge and the
	 * addresses share what is left (shortened with "…") */
	float right = r.x + r.w - pad;
	float cend[NCOLS];
	for (int c = 0; c < NCOLS; c++)
		cend[c] = cx[c] + cw[c];
	if (cx[5] + cw[5] > right) {
		if (cw[4] > 0) {
			/* State keeps its place at the right edge and the
			 * addresses share what is left (shortened with "…") */
			cx[5] = right - cw[5];
			cx[4] = cx[3] + (cx[5] - gap - cx[3]) / 2;
			cend[3] = cx[4] - gap;
			cend[4] = cx[5] - gap;
			view_left_out(o, "the addresses' ends", "shortened with ...: no room");
		} else {
			/* only the port is left of the address: it stays whole,
			 * the state is shortened */
			view_left_out(o, "the states' ends", "shortened with ...: no room");
		}
	}
	if (!heads)
		view_left_out(o, "the column headings, Proto and the queues",
		              "no room above the rows");
	if (heads) {
		static const char *const short_head[NCOLS] = {"Proto", "Recv-Q",  "Send-Q",
		                                              "Local", "Foreign", "State"};
		/* the queues are numbers: right-aligned under their headings */
		for (int c = first; c < NCOLS; c++) {
			if (cw[c] <= 0)
				continue;
			const char *hd = head[c];
			if (cx[c] + draw_text_width(f->d, FONT_SMALL, hd) >
			    cend[c] + (c == 5 ? 1e9f : 0))
				hd = short_head[c];
			int ra = c == 1 || c == 2;
			view_text_fit(o, f, FONT_SMALL, ra ? cend[c] : cx[c], y,
			              ra ? ALIGN_RIGHT : ALIGN_LEFT, th->text_dim, hd,
			              c == 5 ? right - cx[c] : cend[c] - cx[c], NULL);
		}
		y += lh;
	}
	float bottom = r.y + r.h - 4 * s;
	int total_rows = (int)((bottom - y) / lh + 0.01f);
	/* each host: its heading, its followed row and a "more" row at least;
	 * the rest shared by need */
	int order[2][MAX_ITEMS], norder[2] = {0, 0}, has_fol[2] = {0, 0}, need[2] = {0, 0};
	const struct snap_sock *fol[2] = {NULL, NULL};
	for (int h = 0; h < nh; h++) {
		const struct snap_host *host = &f->snap->hosts[h];
		fol[h] = view_followed(f->snap, f->follow, h);
		has_fol[h] = fol[h] != NULL;
		norder[h] = sock_order(host, fol[h], order[h]);
		need[h] = 1 + norder[h];
	}
	int budget[2] = {need[0], need[1]};
	if (need[0] + need[1] > total_rows) {
		/* heading and followed row first, then a row at a time to the
		 * host furthest from showing every state group folded, then
		 * from showing every row */
		int folded_need[2] = {0, 0};
		for (int h = 0; h < nh; h++) {
			folded_need[h] = 1 + has_fol[h];
			for (int j = has_fol[h]; j < norder[h]; j++)
				if (j == has_fol[h] ||
				    f->snap->hosts[h].socks[order[h][j]].state !=
				        f->snap->hosts[h].socks[order[h][j - 1]].state)
					folded_need[h]++;
		}
		for (int h = 0; h < 2; h++)
			budget[h] = need[h] < 2 ? need[h] : 2;
		int rest = total_rows - budget[0] - budget[1];
		for (; rest > 0; rest--) {
			int pick = -1;
			for (int pass = 0; pass < 2 && pick < 0; pass++) {
				const int *goal = pass ? need : folded_need;
				int best = 0;
				for (int h = 0; h < nh; h++)
					if (goal[h] - budget[h] > best) {
						best = goal[h] - budget[h];
						pick = h;
					}
			}
			if (pick < 0)
				break;
			budget[pick]++;
		}
	}
	char t[256];
	for (int h = 0; h < nh; h++) {
		const struct snap_host *host = &f->snap->hosts[h];
		if (y + lh > bottom + 1) {
			snprintf(t, sizeof t, "%s's %d sockets", host->name, host->nsocks);
			view_left_out(o, t, "no room in the table");
			break;
		}
		heading(host, 1, t, sizeof t);
		if (draw_text_width(f->d, FONT_BOLD, t) > r.w - 2 * pad - 10 * s)
			heading(host, 0, t, sizeof t);
		dl_rect(&o->dl, gui_rect_make(r.x + pad, y + 2 * s, 4 * s, lh - 4 * s),
		        th->host[h]);
		int cut = 0;
		view_text_fit(o, f, FONT_BOLD, r.x + pad + 10 * s, y, ALIGN_LEFT, th->text, t,
		              r.w - 2 * pad - 10 * s, &cut);
		if (cut)
			view_left_out(o, "a host heading's end", "cut with ...: no room");
		y += lh;
		int rows = budget[h] - 1;
		int avail = (int)((bottom - y) / lh + 0.01f);
		if (rows > avail)
			rows = avail;
		if (rows < 0)
			rows = 0;
		struct item it[MAX_ITEMS];
		int ni = host_items(host, order[h], norder[h], has_fol[h], rows, it);
		int folded = 0;
		for (int i = 0; i < ni; i++)
			folded += it[i].n > 1;
		/* what does not fit: the followed row stays, the rest scrolls
		 * under a "more" row */
		int shown = ni <= rows ? ni : rows > 1 ? rows - 1 : rows;
		if (shown < 0)
			shown = 0;
		int fixed = has_fol[h] && shown > 0 ? 1 : 0;
		int scrollable = ni - fixed, window = shown - fixed;
		int off = f->scroll_table;
		if (off > scrollable - window)
			off = scrollable - window;
		if (off < 0)
			off = 0;
		if (ni <= rows)
			off = 0;
		if (ni > rows && scrollable - window > o->scroll_max)
			o->scroll_max = scrollable - window;
		int hidden_socks = 0, above = 0;
		for (int v = 0; v < ni; v++) {
			int idx; /* the item shown at row v */
			if (v < fixed)
				idx = v;
			else if (v < shown)
				idx = v + off;
			else
				break;
			const struct item *e = &it[idx];
			const struct snap_sock *k = &host->socks[e->sock];
			struct gui_rect row = gui_rect_make(r.x + 4 * s, y, r.w - 8 * s, lh);
			if (k == fol[h])
				dl_rrect(&o->dl, row, 3 * s, th->host_tint[h]);
			else if (gui_rect_has(row, f->mouse_x, f->mouse_y))
				dl_rrect(&o->dl, row, 3 * s, th->panel_alt);
			view_target(o, row, GA_FOLLOW, ((int64_t)h << 24) | (k->handle & 0xffffff));
			dl_rect(&o->dl, gui_rect_make(r.x + 4 * s, y + 2 * s, 3 * s, lh - 4 * s),
			        th->host[h]);
			char cell[NCOLS][48];
			row_cells(f, k, ab, cell);
			if (e->n > 1) {
				snprintf(cell[4], 48, "%d peers", e->n);
				snprintf(cell[5], 48, "%s ×%d", tcps_netstat_name(e->state), e->n);
				snprintf(cell[1], 48, "·");
				snprintf(cell[2], 48, "·");
			}
			for (int c = first; c < NCOLS; c++) {
				if (cw[c] <= 0)
					continue;
				int ra = c == 1 || c == 2;
				view_text_fit(o, f, FONT_SMALL, ra ? cend[c] : cx[c], y,
				              ra ? ALIGN_RIGHT : ALIGN_LEFT, th->text, cell[c],
				              c == 5 ? right - cx[c] : cend[c] - cx[c], NULL);
			}
			y += lh;
		}
		for (int i = fixed; i < fixed + off && i < ni; i++)
			above += it[i].n;
		for (int i = fixed + off + window; i < ni; i++)
			hidden_socks += it[i].n;
		if (hidden_socks || above) {
			if (hidden_socks && above)
				snprintf(t, sizeof t, "… %d more · %d above · wheel scrolls",
				         hidden_socks, above);
			else if (hidden_socks)
				snprintf(t, sizeof t, "… %d more · wheel scrolls", hidden_socks);
			else
				snprintf(t, sizeof t, "%d above · wheel scrolls", above);
			if (shown < rows && y + lh <= bottom + 1) {
				view_text_fit(o, f, FONT_SMALL, r.x + pad + 10 * s, y, ALIGN_LEFT,
				              th->text_dim, t, r.w - 2 * pad - 10 * s, NULL);
				y += lh;
			}
			char what[48], why[48];
			snprintf(what, sizeof what, "%s's %d rows", host->name,
			         hidden_socks + above);
			if (shown < rows)
				snprintf(why, sizeof why, "folded into ... %d more",
				         hidden_socks + above);
			else
				snprintf(why, sizeof why, "no room; the heading counts them");
			view_left_out(o, what, why);
		}
		for (int i = 0; i < ni; i++)
			if (it[i].n > 1 &&
			    (i < fixed || (i >= fixed + off && i < fixed + off + window))) {
				char what[48], why[48];
				snprintf(what, sizeof what, "%d %s rows", it[i].n,
				         tcps_netstat_name(it[i].state));
				snprintf(why, sizeof why, "folded into %s ×%d",
				         tcps_netstat_name(it[i].state), it[i].n);
				view_left_out(o, what, why);
			}
	}
}
