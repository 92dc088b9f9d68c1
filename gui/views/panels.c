/* panels: one connection panel per host (see view.h): its state, the RFC
 * 9293 variables (absolute and relative to ISS/IRS), the send and receive
 * buffers as bars, and every running timer as a shrinking bar; the 2MSL
 * countdown gets a block of its own that nobody can miss.  Reads only the
 * snapshot and the present time; called by app/app.c once per host. */
#include <stdio.h>
#include <string.h>

#include "view.h"

const char *view_timer_name(int kind)
{
	switch (kind) {
	case TIMER_RETRANSMIT: return "retransmit";
	case TIMER_PERSIST: return "persist";
	case TIMER_DELACK: return "delayed ACK";
	case TIMER_KEEPALIVE: return "keepalive";
	case TIMER_TIME_WAIT: return "2MSL";
	case TIMER_FIN_WAIT_2: return "FIN_WAIT_2";
	case TIMER_SACK_COMPRESS: return "compressed SACK";
	default: return "timer";
	}
}

const char *view_timer_label(const struct snap_timer *t)
{
	if (t->kind == TIMER_RETRANSMIT && t->holds == SNAP_RTX_PROBE)
		return "tail loss probe";
	if (t->kind == TIMER_RETRANSMIT && t->holds == SNAP_RTX_REORDER)
		return "RACK reordering";
	return view_timer_name(t->kind);
}

static void fmt_secs(char *buf, size_t n, simtime_t us)
{
	if (us < 0)
		us = 0;
	if (us < 10 * SIMTIME_S)
		snprintf(buf, n, "%.3f s", (double)us / 1e6);
	else
		snprintf(buf, n, "%.1f s", (double)us / 1e6);
}

/* One variable: its RFC name, its value, and (has_base) the value
 * relative to ISS or IRS as tcpdump prints it.  Returns the width used. */
static float var_cell(struct view_out *o, const struct view_frame *f, float x, float y, float wname,
                      const char *name, uint32_t v, uint32_t base, int has_base, int measure,
                      int font)
{
	const struct gui_theme *th = f->th;
	char val[48], rel[32];
	snprintf(val, sizeof val, "%u", v);
	snprintf(rel, sizeof rel, "(%u)", v - base);
	float w = draw_text_width(f->d, font, val);
	float wr = has_base ? draw_text_width(f->d, FONT_SMALL, rel) + 5 * f->reg->s : 0;
	if (measure)
		return wname + w + wr;
	view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text_dim, name);
	view_text(o, f, font, x + wname, y, ALIGN_LEFT, th->text, val);
	if (has_base)
		view_text(o, f, FONT_SMALL, x + wname + w + 5 * f->reg->s, y, ALIGN_LEFT,
		          th->text_dim, rel);
	return wname + w + wr;
}

static float bar(struct view_out *o, const struct view_frame *f, float x, float y, float w, float h,
                 const uint64_t *part, const struct gui_color *col, int n, uint64_t total)
{
	const struct gui_theme *th = f->th;
	struct gui_rect r = gui_rect_make(x, y, w, h);
	dl_rrect(&o->dl, r, 3 * f->reg->s, th->panel_alt);
	if (!total)
		return h;
	float px = x;
	for (int i = 0; i < n; i++) {
		float pw = w * (float)((double)part[i] / (double)total);
		if (px + pw > x + w)
			pw = x + w - px;
		if (pw > 0)
			dl_rect(&o->dl, gui_rect_make(px, y, pw, h), col[i]);
		px += pw;
	}
	return h;
}

/* The host's listener, or NULL. */
static const struct snap_sock *listener_of(const struct snap_host *host)
{
	for (int i = 0; i < host->nsocks; i++)
		if (host->socks[i].listener)
			return &host->socks[i];
	return NULL;
}

/* The 2MSL block: as much of the caption as fits beside the seconds. */
static float tw_block(struct view_out *o, const struct view_frame *f, float x, float y, float w,
                      float frac, const char *tl)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	float bigh = draw_font_height(f->d, FONT_BIG);
	float blk_h = bigh + 20 * s;
	struct gui_rect blk = gui_rect_make(x, y, w, blk_h);
	dl_rrect(&o->dl, blk, 6 * s, th->warn);
	dl_rrect(&o->dl, gui_rect_inset(blk, 2 * s), 5 * s, th->panel);
	struct gui_rect fill = gui_rect_inset(blk, 2 * s);
	fill.y = fill.y + fill.h - 6 * s;
	fill.h = 6 * s;
	fill.w *= frac;
	dl_rect(&o->dl, fill, th->warn);
	static const char *const caps[] = {"2MSL · TIME_WAIT ends in", "TIME_WAIT ends in", "2MSL"};
	float tw = draw_text_width(f->d, FONT_BIG, tl);
	float room = blk.w - 30 * s - tw;
	const char *cap = NULL;
	for (int c = 0; c < 3; c++)
		if (draw_text_width(f->d, FONT_BOLD, caps[c]) <= room) {
			cap = caps[c];
			break;
		}
	if (cap)
		view_text(o, f, FONT_BOLD, blk.x + 10 * s, blk.y + blk_h / 2 - 2 * s,
		          ALIGN_LEFT | ALIGN_MIDDLE, th->warn, cap);
	view_text(o, f, FONT_BIG, blk.x + blk.w - 10 * s, blk.y + blk_h / 2 - 2 * s,
	          ALIGN_RIGHT | ALIGN_MIDDLE, th->text, tl);
	return blk_h;
}

/* Height of the timers' part: a compact countdown bar a timer, the 2MSL
 * one a block of its own. */
static float timers_height(const struct view_frame *f, const struct snap_sock *k, int compact)
{
	float s = f->reg->s, lh = draw_font_height(f->d, FONT_SMALL) + 3 * s, h = 0;
	for (int i = 0; i < k->ntimers; i++)
		h += k->timers[i].kind == TIMER_TIME_WAIT && !compact
		         ? draw_font_height(f->d, FONT_BIG) + 24 * s
		         : lh;
	return h;
}

static void timers(struct view_out *o, const struct view_frame *f, int h, const struct snap_sock *k,
                   float x, float y, float w, float bottom, int compact)
{
	const struct gui_theme *th = f->th;
	float s = f->reg->s, lh = draw_font_height(f->d, FONT_SMALL);
	for (int i = 0; i < k->ntimers; i++) {
		const struct snap_timer *t = &k->timers[i];
		simtime_t span = t->expiry - t->armed_at, left = t->expiry - f->t;
		if (left < 0)
			left = 0;
		float frac = span > 0 ? (float)((double)left / (double)span) : 0;
		char tl[32], nm[64];
		fmt_secs(tl, sizeof tl, left);
		int block = t->kind == TIMER_TIME_WAIT && !compact;
		float need = block ? draw_font_height(f->d, FONT_BIG) + 22 * s : lh;
		if (y + need > bottom + 1) {
			snprintf(nm, sizeof nm, "%d timers", k->ntimers - i);
			view_left_out(o, nm, "no room left in the panel");
			return;
		}
		if (block) {
			y += tw_block(o, f, x, y + 2 * s, w, frac, tl) + 4 * s;
			continue;
		}
		if (t->kind == TIMER_RETRANSMIT && t->holds == SNAP_RTX_RTO)
			snprintf(nm, sizeof nm, "%s #%u", view_timer_name(t->kind), t->attempt + 1);
		else
			snprintf(nm, sizeof nm, "%s", view_timer_label(t));
		float nw =
		    draw_text_width(f->d, t->kind == TIMER_TIME_WAIT ? FONT_BOLD : FONT_SMALL, nm) +
		    8 * s;
		float tw = draw_text_width(f->d, FONT_SMALL, "000.000 s") + 6 * s;
		int tw_row = t->kind == TIMER_TIME_WAIT; /* compact 2MSL: still in its colours */
		view_text(o, f, tw_row ? FONT_BOLD : FONT_SMALL, x, y, ALIGN_LEFT,
		          tw_row ? th->warn : th->text, nm);
		float bx = x + nw, bw = w - nw - tw;
		if (bw > 12 * s) {
			struct gui_rect tb = gui_rect_make(bx, y + lh / 2 - 4 * s, bw, 8 * s);
			dl_rrect(&o->dl, tb, 3 * s, th->panel_alt);
			tb.w *= frac;
			dl_rrect(&o->dl, tb, 3 * s, tw_row ? th->warn : th->host[h]);
		}
		view_text(o, f, FONT_SMALL, x + w, y, ALIGN_RIGHT, th->text, tl);
		y += lh + 3 * s;
	}
}

float view_panel_min_height(const struct view_frame *f, int h, float w)
{
	float s = f->reg->s;
	if (h >= f->snap->nhosts)
		return 40 * s;
	const struct snap_host *host = &f->snap->hosts[h];
	const struct snap_sock *k = view_followed(f->snap, f->follow, h);
	const struct snap_sock *lst = listener_of(host);
	if (!k)
		k = lst;
	float lh = draw_font_height(f->d, FONT_SMALL);
	float inner = w - 20 * s;
	const char *state = k ? tcps_name(k->state) : "CLOSED";
	if (host->crashed)
		state = "crashed";
	float ph = draw_font_height(f->d, FONT_BOLD) + 6 * s;
	float pw = draw_text_width(f->d, FONT_BOLD, host->name) + 16 * s;
	float y = 8 * s + ph + 4 * s;
	if (pw + 8 * s + draw_text_width(f->d, FONT_TITLE, state) > inner)
		y += draw_font_height(f->d, FONT_TITLE);
	if (!k || !k->listener)
		y += lh + 2 * s; /* the connection's addresses, or "no open connection" */
	if (lst) {
		char line[160], ip[16];
		snprintf(line, sizeof line,
		         "listening on %s:%u · SYN queue %d · accept queue %d/%d",
		         ip_fmt(ip, lst->laddr), lst->lport, lst->syn_queue, lst->accept_queue,
		         lst->backlog);
		int n = view_wrap_count(f, FONT_SMALL, inner, line);
		y += (float)(n > 3 ? 3 : n) * lh + 2 * s;
	}
	y += 4 * s;
	if (k && !k->listener)
		y += k->ntimers ? timers_height(f, k, 0) : 0;
	return y + 10 * s;
}

void view_panel_layout(const struct view_frame *f, int h, struct view_out *o)
{
	static const char *const names[2] = {"panel0", "panel1"};
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->panel[h];
	view_out_begin(o, names[h], r);
	if (f->reg->too_small)
		return;
	view_panel_frame(o, f, r, NULL);
	if (h >= f->snap->nhosts)
		return;
	const struct snap_host *host = &f->snap->hosts[h];
	const struct snap_sock *k = view_followed(f->snap, f->follow, h);
	const struct snap_sock *lst = listener_of(host);
	if (!k)
		k = lst;
	float pad = 10 * s;
	float x = r.x + pad, y = r.y + 8 * s, w = r.w - 2 * pad;
	float bottom = r.y + r.h - 6 * s;
	float lh = draw_font_height(f->d, FONT_SMALL);
	/* header: the host pill, and the state in large letters; the pill
	 * gives way to the state */
	char name[64], ip[16], ip2[16];
	const char *state = k ? tcps_name(k->state) : "CLOSED";
	if (host->crashed)
		state = "crashed";
	float stw = draw_text_width(f->d, FONT_TITLE, state);
	float ph = draw_font_height(f->d, FONT_BOLD) + 6 * s;
	view_shorten(f, FONT_BOLD, host->name, w - 16 * s, name, sizeof name);
	float pw = draw_text_width(f->d, FONT_BOLD, name) + 16 * s;
	struct gui_rect pill = gui_rect_make(x, y, pw, ph);
	dl_rrect(&o->dl, pill, ph / 2, th->host[h]);
	view_text(o, f, FONT_BOLD, pill.x + pw / 2, pill.y + ph / 2, ALIGN_CENTER | ALIGN_MIDDLE,
	          th->host_ink[h], name);
	if (pw + 8 * s + stw <= w) {
		view_text(o, f, FONT_TITLE, r.x + r.w - pad, y + ph / 2, ALIGN_RIGHT | ALIGN_MIDDLE,
		          th->text, state);
		y += ph + 4 * s;
	} else {
		/* narrow: the state on a line of its own */
		y += ph + 2 * s;
		view_text_fit(o, f, FONT_TITLE, x, y, ALIGN_LEFT, th->text, state, w, NULL);
		y += draw_font_height(f->d, FONT_TITLE) + 2 * s;
	}
	char line[160];
	/* the connection, then the listener (wrapped, never clipped) */
	if (k && !k->listener)
		snprintf(line, sizeof line, "%s:%u → %s:%u", ip_fmt(ip, k->laddr), k->lport,
		         ip_fmt(ip2, k->raddr), k->rport);
	else if (!lst)
		snprintf(line, sizeof line, "%s · no open connection", ip_fmt(ip, host->addr));
	else
		line[0] = '\0';
	/* short of room, the timers and the listener come before the
	 * connection's addresses (the table has them), and the 2MSL block
	 * becomes a bar like the others */
	int conn0 = k && !k->listener;
	int compact =
	    conn0 &&
	    y + lh + 2 * s + (lst ? lh + 2 * s : 0) + timers_height(f, k, 0) + 4 * s > bottom;
	/* and so it does when the block is too narrow for its caption */
	if (w - 30 * s - draw_text_width(f->d, FONT_BIG, "00.000 s") <
	    draw_text_width(f->d, FONT_BOLD, "2MSL"))
		compact = 1;
	float need_min = (lst ? lh + 2 * s : 0) + (conn0 ? timers_height(f, k, 1) : 0) + 4 * s;
	if (line[0] && y + lh + 2 * s + need_min > bottom && conn0) {
		view_left_out(o, "the connection's addresses", "no room above the timers");
		line[0] = '\0';
	}
	if (line[0]) {
		view_text_fit(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text_dim, line, w, NULL);
		y += lh + 2 * s;
	}
	/* the timers keep the bottom of the panel, every one of them; the
	 * listener, the variables and the buffers take what is above */
	int conn = k && !k->listener;
	float th_need = conn ? timers_height(f, k, compact) : 0;
	if (lst) {
		snprintf(line, sizeof line,
		         "listening on %s:%u · SYN queue %d · accept queue %d/%d",
		         ip_fmt(ip, lst->laddr), lst->lport, lst->syn_queue, lst->accept_queue,
		         lst->backlog);
		int room = (int)((bottom - th_need - y) / lh);
		room = room < 1 ? 1 : room > 3 ? 3 : room;
		float used = 0;
		if (view_text_wrap_cut(o, f, FONT_SMALL, x, y, w, th->text_dim, line, room, &used))
			view_left_out(o, "the listener line's end", "cut with ...: no room");
		y += used + 2 * s;
	}
	y += 4 * s;
	if (!conn)
		return;
	float tim_y = bottom - th_need;
	if (tim_y < y)
		tim_y = y;
	float limit = tim_y - 2 * s;
	if (k->ntimers == 0) {
		if (y + lh <= bottom) {
			view_text(o, f, FONT_SMALL, x, bottom - lh, ALIGN_LEFT, th->text_dim,
			          "no timer running");
			limit = bottom - lh - 4 * s;
		}
	} else {
		timers(o, f, h, k, x, tim_y, w, bottom, compact);
	}
	/* the variables, in the RFC's names, in two columns when they fit,
	 * else one; a row keeps its place when its value is not known yet */
	/* each column's names as wide as its widest (SND.UNA ... | RCV.WND) */
	float s_name = draw_text_width(f->d, FONT_SMALL, "SND.UNA");
	static const char *const lnames[] = {"SND.NXT", "SND.WND"};
	for (int i = 0; i < 2; i++) {
		float nw = draw_text_width(f->d, FONT_SMALL, lnames[i]);
		s_name = nw > s_name ? nw : s_name;
	}
	float r_name = draw_text_width(f->d, FONT_SMALL, "RCV.NXT");
	float nw2 = draw_text_width(f->d, FONT_SMALL, "RCV.WND");
	r_name = (nw2 > r_name ? nw2 : r_name) + 6 * s;
	float wname = s_name + 6 * s;
	float wone = wname > r_name ? wname : r_name; /* one column: the widest */
	int known_irs = k->state != TCPS_SYN_SENT;
	int rel = 1, vf = FONT_BOLD, two = 1;
	float col = 0;
	for (int fit = 0; fit < 4; fit++) {
		rel = fit == 0;
		vf = fit < 2 ? FONT_BOLD : FONT_SMALL;
		two = fit < 3;
		float lw = var_cell(o, f, 0, 0, wname, "", k->snd_una, k->iss, rel, 1, vf);
		float lw2 = var_cell(o, f, 0, 0, wname, "", k->snd_nxt, k->iss, rel, 1, vf);
		float lw3 = var_cell(o, f, 0, 0, wname, "", k->iss, 0, 0, 1, vf);
		lw = lw > lw2 ? lw : lw2;
		lw = lw > lw3 ? lw : lw3;
		float rw =
		    var_cell(o, f, 0, 0, r_name, "", k->rcv_nxt, k->irs, rel && known_irs, 1, vf);
		float rw2 = var_cell(o, f, 0, 0, r_name, "", k->irs, 0, 0, 1, vf);
		float rw3 = var_cell(o, f, 0, 0, r_name, "", k->rcv_wnd, 0, 0, 1, vf);
		rw = rw > rw2 ? rw : rw2;
		rw = rw > rw3 ? rw : rw3;
		if (!two)
			break;
		col = lw + 14 * s;
		if (col < w / 2 - 20 * s)
			col = w / 2 - 20 * s;
		if (col + rw > w)
			col = w - rw;
		if (col >= lw + 6 * s)
			break;
	}
	float rowh = lh + 2 * s;
	struct {
		const char *name;
		uint32_t v, base;
		int has_base, known;
	} vars[7] = {
	    {"ISS", k->iss, 0, 0, 1},
	    {"IRS", k->irs, 0, 0, known_irs},
	    {"SND.UNA", k->snd_una, k->iss, rel, 1},
	    {"RCV.NXT", k->rcv_nxt, k->irs, rel, known_irs},
	    {"SND.NXT", k->snd_nxt, k->iss, rel, 1},
	    {"RCV.WND", k->rcv_wnd, 0, 0, 1},
	    /* the peer's window is known once its SYN (or SYN,ACK) came: in
	     * SYN_SENT the 0 held is no advertisement (Linux's tcp_connect_init
	     * too starts snd_wnd at 0) */
	    {"SND.WND", k->snd_wnd, 0, 0, known_irs},
	};
	/* two columns: ISS IRS / UNA NXT / NXT WND / WND; one: in that order */
	int nrows = two ? 4 : 7, shown = 0;
	for (int row = 0; row < nrows; row++) {
		if (y + lh > limit)
			break;
		for (int c = 0; c < (two ? 2 : 1); c++) {
			int i = two ? row * 2 + c : row;
			if (i >= 7)
				continue;
			float cx = x + (c ? col : 0);
			if (vars[i].known)
				var_cell(o, f, cx, y,
				         !two ? wone
				         : c  ? r_name
				              : wname,
				         vars[i].name, vars[i].v, vars[i].base, vars[i].has_base, 0,
				         vf);
			else
				view_text(o, f, FONT_SMALL, cx, y, ALIGN_LEFT, th->text_dim,
				          vars[i].name);
			shown = i + 1;
		}
		y += rowh;
	}
	if (shown < 7) {
		char what[48];
		snprintf(what, sizeof what, "%d of the variables", 7 - shown);
		view_left_out(o, what, "no room above the timers");
	}
	y += 6 * s;
	/* buffers; in TIME_WAIT the 2MSL countdown stands for them */
	int in_tw = 0;
	for (int i = 0; i < k->ntimers; i++)
		in_tw |= k->timers[i].kind == TIMER_TIME_WAIT;
	if (in_tw)
		return;
	float bh = 8 * s;
	int nbuf = 0;
	if (y + lh + bh + 2 * s <= limit) {
		uint64_t parts[3] = {k->bytes_acked, k->send_inflight, k->send_unsent};
		struct gui_color cols[3] = {th->acked, th->inflight, th->unsent};
		uint64_t total = parts[0] + parts[1] + parts[2];
		/* the three numbers are what a student reads off: where the
		 * line is too wide (a bulk transfer at 960 wide), its words
		 * shorten before a number is cut */
		snprintf(line, sizeof line, "send: acked %llu · in flight %u · not sent %u",
		         (unsigned long long)k->bytes_acked, k->send_inflight, k->send_unsent);
		if (draw_text_width(f->d, FONT_SMALL, line) > w)
			snprintf(line, sizeof line, "acked %llu · in flight %u · unsent %u",
			         (unsigned long long)k->bytes_acked, k->send_inflight,
			         k->send_unsent);
		if (draw_text_width(f->d, FONT_SMALL, line) > w)
			snprintf(line, sizeof line, "acked %llu · flight %u · unsent %u",
			         (unsigned long long)k->bytes_acked, k->send_inflight,
			         k->send_unsent);
		int cut = 0;
		view_text_fit(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text, line, w, &cut);
		if (cut)
			view_left_out(o, "the send buffer line's end", "cut with ...: no room");
		y += lh + 1 * s;
		bar(o, f, x, y, w, bh, parts, cols, 3, total);
		y += bh + 4 * s;
		nbuf++;
	}
	if (y + lh + bh + 2 * s <= limit) {
		uint64_t rparts[1] = {k->recv_unread};
		struct gui_color rcols[1] = {th->inflight};
		snprintf(line, sizeof line, "receive: unread %u of %u bytes", k->recv_unread,
		         k->rcvbuf);
		view_text_fit(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text, line, w, NULL);
		y += lh + 1 * s;
		bar(o, f, x, y, w, bh, rparts, rcols, 1, k->rcvbuf ? k->rcvbuf : 1);
		nbuf++;
	}
	if (nbuf < 2)
		view_left_out(o, nbuf ? "the receive buffer" : "the buffers",
		              "no room above the timers");
}
