/* panels: one connection panel per host (see view.h): its state, the RFC
 * 9293 variables (absolute and relative to ISS/IRS), the send and receive
 * buffers as bars, and every running timer as a shrinking bar; the 2MSL
 * countdown gets a block of its own that nobody can miss.  Reads only the
 * snapshot and the present time; called by app/app.c once per host. */
#include <stdio.h>
#include <string.h>

#include "view.h"

static const char *timer_name(int kind)
{
	switch (kind) {
	case TIMER_RETRANSMIT: return "retransmit";
	case TIMER_PERSIST: return "persist";
	case TIMER_DELACK: return "delayed ACK";
	case TIMER_KEEPALIVE: return "keepalive";
	case TIMER_TIME_WAIT: return "2MSL";
	case TIMER_FIN_WAIT_2: return "FIN_WAIT_2";
	default: return "timer";
	}
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

void view_panel_layout(const struct view_frame *f, int h, struct view_out *o)
{
	static const char *const names[2] = {"panel0", "panel1"};
	const struct gui_theme *th = f->th;
	float s = f->reg->s;
	struct gui_rect r = f->reg->panel[h];
	view_out_begin(o, names[h], r);
	view_panel_frame(o, f, r, NULL);
	if (h >= f->snap->nhosts)
		return;
	const struct snap_host *host = &f->snap->hosts[h];
	const struct snap_sock *k = view_followed(f->snap, f->follow, h);
	float pad = 10 * s;
	float x = r.x + pad, y = r.y + 8 * s, w = r.w - 2 * pad;
	float lh = draw_font_height(f->d, FONT_SMALL);
	/* header: the host pill, and the state in large letters */
	char name[64], ip[16], ip2[16];
	snprintf(name, sizeof name, "%s", host->name);
	float ph = draw_font_height(f->d, FONT_BOLD) + 6 * s;
	float pw = draw_text_width(f->d, FONT_BOLD, name) + 16 * s;
	struct gui_rect pill = gui_rect_make(x, y, pw, ph);
	dl_rrect(&o->dl, pill, ph / 2, th->host[h]);
	view_text(o, f, FONT_BOLD, pill.x + pw / 2, pill.y + ph / 2, ALIGN_CENTER | ALIGN_MIDDLE,
	          th->host_ink[h], name);
	const char *state = k ? tcps_name(k->state) : "CLOSED";
	if (host->crashed)
		state = "crashed";
	view_text(o, f, FONT_TITLE, r.x + r.w - pad, y + ph / 2, ALIGN_RIGHT | ALIGN_MIDDLE,
	          th->text, state);
	y += ph + 4 * s;
	char line[160];
	if (k && !k->listener)
		snprintf(line, sizeof line, "%s:%u → %s:%u", ip_fmt(ip, k->laddr), k->lport,
		         ip_fmt(ip2, k->raddr), k->rport);
	else if (k)
		snprintf(line, sizeof line,
		         "listening on %s:%u · SYN queue %d · accept queue %d/%d",
		         ip_fmt(ip, k->laddr), k->lport, k->syn_queue, k->accept_queue, k->backlog);
	else
		snprintf(line, sizeof line, "%s · no open connection", ip_fmt(ip, host->addr));
	view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text_dim, line);
	y += lh + 6 * s;
	if (!k || k->listener)
		return;
	/* the variables, in the RFC's names; the right column starts where
	 * the widest left one ends */
	float wname = draw_text_width(f->d, FONT_SMALL, "SND.UNA") + 8 * s;
	int known_irs = k->state != TCPS_SYN_SENT;
	/* the relative numbers go when big ISNs leave no room for them */
	int rel = 1, vf = FONT_BOLD;
	float col = 0;
	for (int fit = 0; fit < 3; fit++) {
		rel = fit == 0;
		vf = fit < 2 ? FONT_BOLD : FONT_SMALL;
		float lw = var_cell(o, f, 0, 0, wname, "", k->snd_una, k->iss, rel, 1, vf);
		float lw2 = var_cell(o, f, 0, 0, wname, "", k->snd_nxt, k->iss, rel, 1, vf);
		float lw3 = var_cell(o, f, 0, 0, wname, "", k->iss, 0, 0, 1, vf);
		lw = lw > lw2 ? lw : lw2;
		lw = lw > lw3 ? lw : lw3;
		float rw =
		    var_cell(o, f, 0, 0, wname, "", k->rcv_nxt, k->irs, rel && known_irs, 1, vf);
		float rw2 = var_cell(o, f, 0, 0, wname, "", k->irs, 0, 0, 1, vf);
		float rw3 = var_cell(o, f, 0, 0, wname, "", k->rcv_wnd, 0, 0, 1, vf);
		rw = rw > rw2 ? rw : rw2;
		rw = rw > rw3 ? rw : rw3;
		col = lw + 14 * s;
		if (col < w / 2 - 20 * s)
			col = w / 2 - 20 * s;
		if (col + rw > w)
			col = w - rw;
		if (col >= lw + 8 * s)
			break;
	}
	var_cell(o, f, x, y, wname, "ISS", k->iss, 0, 0, 0, vf);
	if (known_irs)
		var_cell(o, f, x + col, y, wname, "IRS", k->irs, 0, 0, 0, vf);
	y += lh + 2 * s;
	var_cell(o, f, x, y, wname, "SND.UNA", k->snd_una, k->iss, rel, 0, vf);
	if (known_irs)
		var_cell(o, f, x + col, y, wname, "RCV.NXT", k->rcv_nxt, k->irs, rel, 0, vf);
	y += lh + 2 * s;
	var_cell(o, f, x, y, wname, "SND.NXT", k->snd_nxt, k->iss, rel, 0, vf);
	var_cell(o, f, x + col, y, wname, "RCV.WND", k->rcv_wnd, 0, 0, 0, vf);
	y += lh + 2 * s;
	var_cell(o, f, x, y, wname, "SND.WND", k->snd_wnd, 0, 0, 0, vf);
	y += lh + 8 * s;
	/* buffers; in TIME_WAIT the 2MSL countdown takes their place */
	int in_tw = 0;
	for (int i = 0; i < k->ntimers; i++)
		in_tw |= k->timers[i].kind == TIMER_TIME_WAIT;
	float bh = 10 * s;
	if (!in_tw) {
		uint64_t parts[3] = {k->bytes_acked, k->send_inflight, k->send_unsent};
		struct gui_color cols[3] = {th->acked, th->inflight, th->unsent};
		uint64_t total = parts[0] + parts[1] + parts[2];
		snprintf(line, sizeof line, "send: acked %llu · in flight %u · not sent %u",
		         (unsigned long long)k->bytes_acked, k->send_inflight, k->send_unsent);
		view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text, line);
		y += lh + 1 * s;
		bar(o, f, x, y, w, bh, parts, cols, 3, total);
		y += bh + 5 * s;
		uint64_t rparts[1] = {k->recv_unread};
		struct gui_color rcols[1] = {th->inflight};
		snprintf(line, sizeof line, "receive: unread %u of %u bytes", k->recv_unread,
		         k->rcvbuf);
		view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text, line);
		y += lh + 1 * s;
		bar(o, f, x, y, w, bh, rparts, rcols, 1, k->rcvbuf ? k->rcvbuf : 1);
		y += bh + 8 * s;
	}
	/* timers */
	float bottom = r.y + r.h - 6 * s;
	if (k->ntimers == 0 && y + lh < bottom)
		view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text_dim, "no timer running");
	for (int i = 0; i < k->ntimers; i++) {
		const struct snap_timer *t = &k->timers[i];
		simtime_t span = t->expiry - t->armed_at, left = t->expiry - f->t;
		if (left < 0)
			left = 0;
		float frac = span > 0 ? (float)((double)left / (double)span) : 0;
		char tl[32], nm[64];
		fmt_secs(tl, sizeof tl, left);
		if (t->kind == TIMER_TIME_WAIT) {
			/* the 2MSL block */
			float bigh = draw_font_height(f->d, FONT_BIG);
			float blk_h = bigh + 20 * s;
			if (y + blk_h > bottom)
				y = bottom - blk_h;
			struct gui_rect blk = gui_rect_make(x, y, w, blk_h);
			dl_rrect(&o->dl, blk, 6 * s, th->warn);
			dl_rrect(&o->dl, gui_rect_inset(blk, 2 * s), 5 * s, th->panel);
			struct gui_rect fill = gui_rect_inset(blk, 2 * s);
			fill.y = fill.y + fill.h - 6 * s;
			fill.h = 6 * s;
			fill.w *= frac;
			dl_rect(&o->dl, fill, th->warn);
			/* as much of the caption as fits beside the seconds */
			static const char *const caps[] = {"2MSL · TIME_WAIT ends in",
			                                   "TIME_WAIT ends in", "2MSL"};
			float room = blk.w - 30 * s - draw_text_width(f->d, FONT_BIG, tl);
			const char *cap = caps[2];
			for (int c = 0; c < 3; c++)
				if (draw_text_width(f->d, FONT_BOLD, caps[c]) <= room) {
					cap = caps[c];
					break;
				}
			view_text(o, f, FONT_BOLD, blk.x + 10 * s, blk.y + blk_h / 2 - 2 * s,
			          ALIGN_LEFT | ALIGN_MIDDLE, th->warn, cap);
			view_text(o, f, FONT_BIG, blk.x + blk.w - 10 * s, blk.y + blk_h / 2 - 2 * s,
			          ALIGN_RIGHT | ALIGN_MIDDLE, th->text, tl);
			y += blk_h + 4 * s;
			continue;
		}
		if (y + lh > bottom) {
			char what[48];
			snprintf(what, sizeof what, "%d timers", k->ntimers - i);
			view_left_out(o, what, "no room left in the panel");
			break;
		}
		if (t->kind == TIMER_RETRANSMIT)
			snprintf(nm, sizeof nm, "%s #%u", timer_name(t->kind), t->attempt + 1);
		else
			snprintf(nm, sizeof nm, "%s", timer_name(t->kind));
		float nw = draw_text_width(f->d, FONT_SMALL, "retransmit #10") + 8 * s;
		float tw = draw_text_width(f->d, FONT_SMALL, "000.000 s") + 6 * s;
		view_text(o, f, FONT_SMALL, x, y, ALIGN_LEFT, th->text, nm);
		struct gui_rect tb = gui_rect_make(x + nw, y + lh / 2 - 4 * s, w - nw - tw, 8 * s);
		dl_rrect(&o->dl, tb, 3 * s, th->panel_alt);
		tb.w *= frac;
		dl_rrect(&o->dl, tb, 3 * s, th->host[h]);
		view_text(o, f, FONT_SMALL, x + w, y, ALIGN_RIGHT, th->text, tl);
		y += lh + 4 * s;
	}
}
