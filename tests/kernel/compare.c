/* compare: runs a kernel case's .tcps under tcpsim's linux profile, turns the
 * trace into the golden line format (tests/kernel/README.md) and compares it
 * with the kernel's recording, field by field: sender, flags, relative seq
 * and ack, payload length, raw and scaled window, option list (TS values
 * ignored), what the relay did to the segment, every application call's
 * result and every error the application saw, and times within the kernel's
 * timer slack plus the relay's measured jitter.
 *
 * usage: compare [-q] [-t] [-T] [--ignore FIELD,...] CASE.tcps...
 *   -q  only the summary line of each case
 *   -t  also print tcpsim's converted lines (to diff by hand)
 *   -T  also print, for every paired line, kernel time minus tcpsim time
 *       and the tolerance, and a summary of those differences per case
 *   --ignore FIELD,...  leave these fields out of the comparison (flags seq
 *       ack len win scaled opts fate time action result error), e.g. while
 *       another part of issue 9 is still being modelled; the tool says so
 * Exit status: 0 when every case matches in every compared field.
 *
 * Uses only the engine's public headers and the tcpsim_sim library. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "scenario.h"
#include "sim.h"
#include "trace.h"

#define MAXF 24

/* The fields a line is compared on; --ignore clears some of them. */
static const char *const field_names[] = {"flags",  "seq",   "ack",  "len",  "win",
                                          "scaled", "opts",  "fate", "time", "action",
                                          "result", "error", "icmp"};
#define NFIELDS (int)(sizeof field_names / sizeof field_names[0])
static int ignored[NFIELDS];

static int field_ignored(const char *name)
{
	for (int i = 0; i < NFIELDS; i++)
		if (!strcmp(field_names[i], name))
			return ignored[i];
	return 0;
}

/* Parses "win,scaled,opts" into ignored[]; -1 with a message on a bad name. */
static int parse_ignore(const char *list)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", list);
	for (char *f = strtok(buf, ","); f; f = strtok(NULL, ",")) {
		int k = -1;
		for (int i = 0; i < NFIELDS; i++)
			if (!strcmp(field_names[i], f))
				k = i;
		if (k < 0) {
			fprintf(stderr, "compare: --ignore: unknown field '%s' (fields:", f);
			for (int i = 0; i < NFIELDS; i++)
				fprintf(stderr, " %s", field_names[i]);
			fprintf(stderr, ")\n");
			return -1;
		}
		ignored[k] = 1;
	}
	return 0;
}

/* One golden line, split into fields. */
struct gline {
	int kind;    /* 's' seg, 'c' call, 'e' error, 'i' the router's ICMP */
	long long t; /* microseconds */
	char text[640];
	char host[40];
	/* seg */
	char flags[12], seq[16], ack[16], opts[320], tag[40];
	long len;
	long win;
	char scaled[16];
	/* call */
	char action[32], result[32];
	int conn; /* tcpsim's lines: the connection (4-tuple incarnation); -1 unknown */
};

struct glist {
	struct gline *v;
	int n, cap;
};

static struct gline *gl_add(struct glist *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = realloc(l->v, (size_t)l->cap * sizeof *l->v);
		if (!l->v)
			exit(3);
	}
	struct gline *g = &l->v[l->n++];
	memset(g, 0, sizeof *g);
	return g;
}

static long long parse_t(const char *s)
{
	long long sec = 0, us = 0;
	int neg = *s == '-';
	if (neg)
		s++;
	const char *dot = strchr(s, '.');
	sec = atoll(s);
	if (dot) {
		char frac[7] = "000000";
		for (int i = 0; i < 6 && isdigit((unsigned char)dot[1 + i]); i++)
			frac[i] = dot[1 + i];
		us = atoll(frac);
	}
	return (neg ? -1 : 1) * (sec * 1000000 + us);
}

/* Parses one body line; returns 0 if it is a seg/call/error line. */
static int gl_parse(const char *line, struct gline *g)
{
	char kind[16], ts[32];
	memset(g, 0, sizeof *g);
	g->conn = -1;
	snprintf(g->text, sizeof g->text, "%s", line);
	g->text[strcspn(g->text, "\n")] = 0;
	if (sscanf(line, "%15s %31s %39s", kind, ts, g->host) != 3)
		return -1;
	g->t = parse_t(ts);
	if (!strcmp(kind, "seg")) {
		g->kind = 's';
		int n = 0;
		if (sscanf(line,
		           "seg %*s %*s %11s seq %15s ack %15s len %ld win %ld scaled %15s opts %n",
		           g->flags, g->seq, g->ack, &g->len, &g->win, g->scaled, &n) < 6 ||
		    !n)
			return -1;
		/* the option list may hold spaces ("mss 1460"); a fate word ends it */
		snprintf(g->opts, sizeof g->opts, "%s", line + n);
		g->opts[strcspn(g->opts, "\n")] = 0;
		static const char *const fates[] = {" dropped", " forged", " unseen", " delayed "};
		for (unsigned f = 0; f < sizeof fates / sizeof fates[0]; f++) {
			char *at = strstr(g->opts, fates[f]);
			if (at) {
				snprintf(g->tag, sizeof g->tag, "%s", at + 1);
				*at = 0;
				break;
			}
		}
		return 0;
	}
	if (!strcmp(kind, "icmp")) {
		/* "icmp T HOST need-frag mtu N for seq S len L": compared whole */
		g->kind = 'i';
		int n = 0;
		if (sscanf(line, "icmp %*s %*s %n", &n) < 0 || !n)
			return -1;
		snprintf(g->opts, sizeof g->opts, "%s", line + n);
		g->opts[strcspn(g->opts, "\n")] = 0;
		return 0;
	}
	if (!strcmp(kind, "call")) {
		g->kind = 'c';
		return sscanf(line, "call %*s %*s %31s %31s", g->action, g->result) == 2 ? 0 : -1;
	}
	if (!strcmp(kind, "error")) {
		g->kind = 'e';
		return sscanf(line, "error %*s %*s %31s", g->result) == 1 ? 0 : -1;
	}
	return -1;
}

struct golden {
	struct glist lines;
	long long delay[2];
	long long jitter_max;
	char kernel[128];
	int has_phase; /* "# ts-clock ticks A..B us": the kernel's TS clock phase */
	long long phase_lo, phase_hi;
	int has_ticks; /* "# ticks jiffies J at -NS ns": the kernel's tick grid */
	unsigned long long tick_jiffies;
	long long tick_before_ns;
};

static int load_golden(const char *path, struct golden *gd)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char l[1024];
	gd->delay[0] = gd->delay[1] = 10000;
	while (fgets(l, sizeof l, f)) {
		if (l[0] == '#') {
			long long a, b;
			if (sscanf(l, "# delay %lld %lld", &a, &b) == 2) {
				gd->delay[0] = a;
				gd->delay[1] = b;
			}
			sscanf(l, "# link-jitter max %lld", &gd->jitter_max);
			if (sscanf(l, "# ts-clock ticks %lld..%lld", &gd->phase_lo,
			           &gd->phase_hi) == 2)
				gd->has_phase = 1;
			if (sscanf(l, "# ticks jiffies %llu at -%lld ns", &gd->tick_jiffies,
			           &gd->tick_before_ns) == 2 &&
			    gd->tick_before_ns >= 0 && gd->tick_before_ns < 4000000)
				gd->has_ticks = 1;
			if (!strncmp(l, "# kernel ", 9)) {
				snprintf(gd->kernel, sizeof gd->kernel, "%.120s", l + 9);
				gd->kernel[strcspn(gd->kernel, "\n")] = 0;
			}
			continue;
		}
		struct gline g;
		if (gl_parse(l, &g) == 0)
			*gl_add(&gd->lines) = g;
	}
	fclose(f);
	return 0;
}

/* ---- tcpsim's trace as golden lines ---- */

static const char *act_name(int k)
{
	static const char *const n[ACT_COUNT] = {[ACT_LISTEN] = "listen",
	                                         [ACT_CONNECT] = "connect",
	                                         [ACT_SEND] = "send",
	                                         [ACT_CLOSE] = "close",
	                                         [ACT_SHUTDOWN] = "shutdown",
	                                         [ACT_ABORT] = "abort",
	                                         [ACT_CRASH] = "crash",
	                                         [ACT_REBOOT] = "reboot",
	                                         [ACT_STOP_READING] = "stop-reading",
	                                         [ACT_READ] = "read",
	                                         [ACT_FLOOD] = "flood",
	                                         [ACT_INJECT] = "inject",
	                                         [ACT_ACCEPT] = "accept"};
	return k >= 0 && k < ACT_COUNT && n[k] ? n[k] : "?";
}

struct conn {
	uint32_t ip[2];
	uint16_t port[2];
	int has_isn[2];
	uint32_t isn[2];
	int ws[2];
};

static void flags_str(uint8_t f, char *b)
{
	int n = 0;
	if (f & TH_FIN)
		b[n++] = 'F';
	if (f & TH_SYN)
		b[n++] = 'S';
	if (f & TH_RST)
		b[n++] = 'R';
	if (f & TH_PSH)
		b[n++] = 'P';
	if (f & TH_ACK)
		b[n++] = '.';
	if (!n)
		b[n++] = '-';
	b[n] = 0;
}

static void time_str(long long t, char *b, size_t n)
{
	snprintf(b, n, "%s%lld.%06lld", t < 0 ? "-" : "", llabs(t) / 1000000, llabs(t) % 1000000);
}

/* tcpsim's own option list, from its tcpdump line, TS values dropped and
 * SACK blocks made relative to base. */
static void sim_opts(struct fmt_ctx *fc, uint32_t seg, uint32_t base, int rel, char *out,
                     size_t size)
{
	char line[1024];
	out[0] = 0;
	fmt_segment(fc, seg, 1, line, sizeof line);
	char *o = strstr(line, "options [");
	if (!o) {
		snprintf(out, size, "-");
		return;
	}
	o += 9;
	char *end = strchr(o, ']');
	if (end)
		*end = 0;
	size_t n = 0;
	for (char *item = strtok(o, ","); item; item = strtok(NULL, ",")) {
		char b[256];
		if (!strncmp(item, "TS", 2))
			snprintf(b, sizeof b, "TS");
		else if (!strncmp(item, "sack ", 5)) {
			int cnt = atoi(item + 5);
			int m = snprintf(b, sizeof b, "sack %d ", cnt);
			for (char *p = strchr(item, '{'); p && m < (int)sizeof b - 30;
			     p = strchr(p + 1, '{')) {
				unsigned long l = strtoul(p + 1, NULL, 10);
				char *c = strchr(p, ':');
				unsigned long r = c ? strtoul(c + 1, NULL, 10) : 0;
				if (rel) {
					l = (uint32_t)(l - base);
					r = (uint32_t)(r - base);
				}
				m += snprintf(b + m, sizeof b - (size_t)m, "{%lu:%lu}", l, r);
			}
		} else
			snprintf(b, sizeof b, "%s", item);
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", b);
		if (n >= size)
			break;
	}
	if (!out[0])
		snprintf(out, size, "-");
}

static void sim_lines(const struct scenario *scn, const struct trace *tr, struct glist *out)
{
	struct fmt_ctx *fc = fmt_ctx_new(scn, tr);
	struct conn *conns = calloc(tr->nsegs + 1, sizeof *conns);
	int nconns = 0;
	int inject_pending = 0;
	simtime_t busy[2] = {0, 0}; /* link rate=: when each direction is free */
	simtime_t inject_t = -1;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		char ts[32], text[640];
		time_str(r->t, ts, sizeof ts);
		if (r->kind == TR_APP_CALL) {
			const char *hn = r->host < scn->nhosts ? scn->hosts[r->host].name : "?";
			snprintf(text, sizeof text, "call %s %s %s %s", ts, hn, act_name(r->sub),
			         simerr_name(r->u.call.err));
			gl_parse(text, gl_add(out));
			if (r->sub == ACT_INJECT && r->u.call.err == SE_OK) {
				inject_pending = 1;
				inject_t = r->t;
			}
			continue;
		}
		if (r->kind == TR_APP_ERROR) {
			const char *hn = r->host < scn->nhosts ? scn->hosts[r->host].name : "?";
			snprintf(text, sizeof text, "error %s %s %s", ts, hn,
			         simerr_name(r->u.error.err));
			gl_parse(text, gl_add(out));
			continue;
		}
		if (r->kind == TR_INFO && r->sub == INFO_ICMP_FRAG_NEEDED && r->seg >= 0) {
			/* the router's ICMP, where the packet's sender gets it; the
			 * segment it quotes relative to its connection's ISN */
			const struct trace_seg *q = &tr->segs[r->seg];
			int d = q->from;
			if (d >= scn->nhosts)
				continue;
			uint32_t ipd = d == 0 ? q->h.src : q->h.dst;
			uint16_t pd = d == 0 ? q->h.sport : q->h.dport;
			uint32_t base = 0;
			int rel = 0;
			for (int i = nconns - 1; i >= 0; i--)
				if (conns[i].ip[0] == ipd && conns[i].port[0] == pd &&
				    conns[i].ip[1] == (d == 0 ? q->h.dst : q->h.src) &&
				    conns[i].port[1] == (d == 0 ? q->h.dport : q->h.sport)) {
					rel = conns[i].has_isn[d];
					base = conns[i].isn[d];
					break;
				}
			snprintf(text, sizeof text, "icmp %s %s need-frag mtu %u for seq %u len %u",
			         ts, scn->hosts[d].name,
			         scn->link[d == 0 ? DIR_AB : DIR_BA].router_mtu,
			         rel ? q->h.seq - base : q->h.seq, q->h.len);
			gl_parse(text, gl_add(out));
			continue;
		}
		if (r->kind != TR_SEG_SEND || r->seg < 0)
			continue;
		const struct trace_seg *ts_ = &tr->segs[r->seg];
		const struct segment *g = &ts_->h;
		/* On a link with a rate, how long the segment waited for the link
		 * and took on it, replayed as sim/engine/link.c send_on_link()
		 * computes it (the relay logs the same wait): only a scripted delay
		 * reads as "delayed". */
		simtime_t wait = 0;
		{
			int ld = ts_->from == 0 ? DIR_AB : DIR_BA;
			const struct link_params *lp = &scn->link[ld];
			if (lp->rate_bps && !ts_->dup) {
				simtime_t tx =
				    (simtime_t)(((uint64_t)(g->len + 40u) * 8u * 1000000u +
				                 lp->rate_bps - 1) /
				                lp->rate_bps);
				simtime_t start = busy[ld] > ts_->sent ? busy[ld] : ts_->sent;
				if (ts_->lost != LOSS_QUEUE + 1) {
					busy[ld] = start + tx;
					wait = start + tx - ts_->sent;
				}
			}
		}
		if (ts_->from >= scn->nhosts)
			continue; /* a flood's spoofed source */
		int forged = 0;
		if (inject_pending && ts_->sock < 0 && r->t == inject_t) {
			forged = 1;
			inject_pending = 0;
		}
		int d = ts_->from, o = 1 - d;
		uint32_t ip0 = d == 0 ? g->src : g->dst, ip1 = d == 0 ? g->dst : g->src;
		uint16_t p0 = d == 0 ? g->sport : g->dport, p1 = d == 0 ? g->dport : g->sport;
		struct conn *c = NULL;
		for (int i = nconns - 1; i >= 0; i--) {
			struct conn *x = &conns[i];
			if (x->ip[0] == ip0 && x->ip[1] == ip1 && x->port[0] == p0 &&
			    x->port[1] == p1) {
				if (!forged && (g->flags & (TH_SYN | TH_ACK)) == TH_SYN &&
				    x->has_isn[d] && x->isn[d] != g->seq)
					break;
				c = x;
				break;
			}
		}
		if (!c) {
			c = &conns[nconns++];
			c->ip[0] = ip0;
			c->ip[1] = ip1;
			c->port[0] = p0;
			c->port[1] = p1;
			c->ws[0] = c->ws[1] = -1;
		}
		if ((g->flags & TH_SYN) && !forged && !c->has_isn[d]) {
			c->has_isn[d] = 1;
			c->isn[d] = g->seq;
			c->ws[d] = g->opt_wscale == 0xff ? -1 : g->opt_wscale;
		}
		char fl[8], seq[16], ack[16], scaled[16], opts[320], tag[48] = "";
		flags_str(g->flags, fl);
		/* as golden.c: a RST with SEG.SEQ 0 is printed as is */
		int raw = !c->has_isn[d] || ((g->flags & TH_RST) && g->seq == 0);
		snprintf(seq, sizeof seq, "%u", raw ? g->seq : g->seq - c->isn[d]);
		if (g->flags & TH_ACK)
			snprintf(ack, sizeof ack, "%u",
			         c->has_isn[o] ? g->ack - c->isn[o] : g->ack);
		else
			snprintf(ack, sizeof ack, "-");
		if (g->flags & TH_SYN)
			snprintf(scaled, sizeof scaled, "-");
		else if (c->ws[0] >= 0 && c->ws[1] >= 0)
			snprintf(scaled, sizeof scaled, "%u", (unsigned)g->wnd << c->ws[d]);
		else
			snprintf(scaled, sizeof scaled, "%u", g->wnd);
		sim_opts(fc, (uint32_t)r->seg, c->has_isn[o] ? c->isn[o] : 0, c->has_isn[o], opts,
		         sizeof opts);
		simtime_t delay = scn->link[d == 0 ? DIR_AB : DIR_BA].delay;
		if (forged)
			snprintf(tag, sizeof tag, " forged");
		else if (ts_->lost)
			snprintf(tag, sizeof tag, " dropped");
		else if (ts_->arrive - ts_->sent > delay + wait) {
			char bt[32];
			time_str(ts_->arrive - ts_->sent - delay - wait, bt, sizeof bt);
			snprintf(tag, sizeof tag, " delayed %s", bt);
		}
		snprintf(text, sizeof text,
		         "seg %s %s %s seq %s ack %s len %u win %u scaled %s opts %s%s", ts,
		         scn->hosts[d].name, fl, seq, ack, g->len, g->wnd, scaled, opts, tag);
		struct gline *gl = gl_add(out);
		gl_parse(text, gl);
		gl->conn = (int)(c - conns);
	}
	free(conns);
	fmt_ctx_free(fc);
}

/* ---- alignment and comparison ---- */

static int same_key(const struct gline *a, const struct gline *b)
{
	if (a->kind != b->kind || strcmp(a->host, b->host))
		return 0;
	if (a->kind == 's')
		return (field_ignored("flags") || !strcmp(a->flags, b->flags)) &&
		       (field_ignored("seq") || !strcmp(a->seq, b->seq)) &&
		       (field_ignored("ack") || !strcmp(a->ack, b->ack)) &&
		       (field_ignored("len") || a->len == b->len);
	if (a->kind == 'c')
		return !strcmp(a->action, b->action);
	if (a->kind == 'i')
		return field_ignored("icmp") || !strcmp(a->opts, b->opts);
	return !strcmp(a->result, b->result);
}

/* Lists the fields that differ into why; returns how many. */
static int diff(const struct gline *k, const struct gline *s, long long tol, char *why, size_t n)
{
	int d = 0;
	size_t m = 0;
	why[0] = 0;
#define DIFF(cond, name)                                                                           \
	do {                                                                                       \
		if ((cond) && !field_ignored(name)) {                                              \
			m += (size_t)snprintf(why + m, n - m, "%s%s", d++ ? "," : "", name);       \
			if (m >= n)                                                                \
				m = n - 1;                                                         \
		}                                                                                  \
	} while (0)
	DIFF(strcmp(k->host, s->host), "host");
	if (k->kind == 's') {
		DIFF(strcmp(k->flags, s->flags), "flags");
		DIFF(strcmp(k->seq, s->seq), "seq");
		DIFF(strcmp(k->ack, s->ack), "ack");
		DIFF(k->len != s->len, "len");
		DIFF(k->win != s->win, "win");
		DIFF(strcmp(k->scaled, s->scaled), "scaled");
		DIFF(strcmp(k->opts, s->opts), "opts");
		DIFF(strcmp(k->tag, s->tag), "fate");
	} else if (k->kind == 'i') {
		DIFF(strcmp(k->opts, s->opts), "icmp");
	} else if (k->kind == 'c') {
		DIFF(strcmp(k->action, s->action), "action");
		DIFF(strcmp(k->result, s->result), "result");
	} else {
		DIFF(strcmp(k->result, s->result), "error");
	}
	DIFF(llabs(k->t - s->t) > tol, "time");
#undef DIFF
	return d;
}

/* The cost of pairing two lines: 0 same key (1 if more than 10 ms apart); 2
 * same sender and flags (a
 * segment that differs in numbers); 5 otherwise, dearer than leaving both
 * unpaired (2 + 2). */
static int pair_cost(const struct gline *a, const struct gline *b)
{
	if (same_key(a, b))
		return llabs(a->t - b->t) <= 10000 ? 0 : 1; /* prefer the one at that time */
	if (a->kind == b->kind && !strcmp(a->host, b->host) &&
	    (a->kind != 's' || !strcmp(a->flags, b->flags)))
		return 2;
	return 5;
}

/* Needleman-Wunsch on the key (kind, host, flags, seq, ack, len): pairs the
 * lines of the two runs so that one extra or missing segment does not make
 * every later one differ.  op[] gets 'M' (pair), 'K' (kernel only), 'S'. */
static int align(const struct gline *k, int nk, const struct gline *s, int ns, char *op)
{
	int w = ns + 1;
	int *dp = malloc(sizeof(int) * (size_t)(nk + 1) * (size_t)w);
	if (!dp)
		exit(3);
	for (int i = 0; i <= nk; i++)
		dp[i * w] = 2 * i;
	for (int j = 0; j <= ns; j++)
		dp[j] = 2 * j;
	for (int i = 1; i <= nk; i++)
		for (int j = 1; j <= ns; j++) {
			int sub = dp[(i - 1) * w + j - 1] + pair_cost(&k[i - 1], &s[j - 1]);
			int del = dp[(i - 1) * w + j] + 2, ins = dp[i * w + j - 1] + 2;
			int best = sub < del ? sub : del;
			dp[i * w + j] = best < ins ? best : ins;
		}
	int n = 0, i = nk, j = ns;
	char *rev = malloc((size_t)(nk + ns + 1));
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0) {
			int c = pair_cost(&k[i - 1], &s[j - 1]);
			if (dp[i * w + j] == dp[(i - 1) * w + j - 1] + c) {
				rev[n++] = 'M';
				i--;
				j--;
				continue;
			}
		}
		if (i > 0 && dp[i * w + j] == dp[(i - 1) * w + j] + 2) {
			rev[n++] = 'K';
			i--;
		} else {
			rev[n++] = 'S';
			j--;
		}
	}
	for (int x = 0; x < n; x++)
		op[x] = rev[n - 1 - x];
	free(rev);
	free(dp);
	return n;
}

/* Time tolerance of every kernel line, from the kernel's own timer slack
 * and the relay's jitter (see README, "Comparing times"):
 *
 *   tol = 4 ms (a jiffy) + 2 * link-jitter max + late
 *
 * where `late` bounds how late the kernel may be there: a timer fires up to
 * 1/8 of its length late, and a timer running at this line was set at the
 * earliest at the previous line of the same host and connection (or call
 * of that host); and a line sent in answer to the peer inherits the
 * lateness of the segment that set it going, plus 1/8 of the time since
 * it arrived.  conn[i] is the connection of the tcpsim line paired with
 * kernel line i (-1: unknown). */
static void tolerances(const struct golden *gd, const int *conn, const char *host0, long long *tol)
{
	const struct glist *K = &gd->lines;
	long long *late = calloc((size_t)K->n + 1, sizeof *late);
	if (!late)
		exit(3);
	for (int i = 0; i < K->n; i++) {
		const struct gline *g = &K->v[i];
		long long prev = 0;
		for (int j = i - 1; j >= 0; j--) {
			const struct gline *o = &K->v[j];
			if (strcmp(o->host, g->host))
				continue;
			if (conn[i] >= 0 && o->kind == 's' && conn[j] != conn[i])
				continue;
			prev = o->t;
			break;
		}
		long long own = (g->t - prev > 0 ? g->t - prev : 0) / 8, inh = 0;
		for (int j = i - 1; j >= 0; j--) {
			const struct gline *o = &K->v[j];
			if (o->kind != 's' || !strcmp(o->host, g->host) || o->tag[0] == 'd' ||
			    o->tag[0] == 'u')
				continue; /* a dropped segment sets nothing going */
			if (conn[i] >= 0 && conn[j] >= 0 && conn[j] != conn[i])
				continue;
			long long arrive = o->t + gd->delay[strcmp(o->host, host0) ? 1 : 0];
			if (arrive > g->t + 1000)
				continue;
			inh = late[j] + (g->t - arrive > 0 ? g->t - arrive : 0) / 8;
			break;
		}
		late[i] = own > inh ? own : inh;
		tol[i] = 4000 + 2 * gd->jitter_max + late[i];
	}
	free(late);
}

struct outline {
	long long t;
	int order;
	char text[1400];
};

static int outline_cmp(const void *a, const void *b)
{
	const struct outline *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->order - y->order;
}

static int same_group(const struct gline *a, const struct gline *b)
{
	/* the router's ICMP is a packet: it goes with the segments */
	int pa = a->kind == 's' || a->kind == 'i', pb = b->kind == 's' || b->kind == 'i';
	return !strcmp(a->host, b->host) && pa == pb;
}

/* Pairs kernel and tcpsim lines host by host, segments apart from calls
 * and errors (the order of two hosts' lines at nearly one instant is a
 * race, so it is not compared); fills pk[] / ps[] with the partner's
 * index, -1 for none. */
static void pair_lines(const struct glist *K, const struct glist *S, int *pk, int *ps)
{
	for (int i = 0; i < K->n; i++)
		pk[i] = -1;
	for (int j = 0; j < S->n; j++)
		ps[j] = -1;
	int total = K->n + S->n;
	int *ki = malloc(sizeof(int) * (size_t)(total + 1));
	int *si = malloc(sizeof(int) * (size_t)(total + 1));
	struct gline *kv = malloc(sizeof *kv * (size_t)(K->n + 1));
	struct gline *sv = malloc(sizeof *sv * (size_t)(S->n + 1));
	char *op = malloc((size_t)total + 1);
	if (!ki || !si || !kv || !sv || !op)
		exit(3);
	for (int h = 0; h < total; h++) {
		const struct gline *first = h < K->n ? &K->v[h] : &S->v[h - K->n];
		int seen = 0; /* each (host, kind) once, at its first line */
		for (int x = 0; x < h && !seen; x++)
			seen = same_group(x < K->n ? &K->v[x] : &S->v[x - K->n], first);
		if (seen)
			continue;
		int nk = 0, ns = 0;
		for (int i = 0; i < K->n; i++)
			if (same_group(&K->v[i], first)) {
				ki[nk] = i;
				kv[nk++] = K->v[i];
			}
		for (int j = 0; j < S->n; j++)
			if (same_group(&S->v[j], first)) {
				si[ns] = j;
				sv[ns++] = S->v[j];
			}
		int n = align(kv, nk, sv, ns, op), a = 0, b = 0;
		for (int x = 0; x < n; x++) {
			if (op[x] == 'M') {
				pk[ki[a]] = si[b];
				ps[si[b]] = ki[a];
			}
			a += op[x] != 'S';
			b += op[x] != 'K';
		}
	}
	free(ki);
	free(si);
	free(kv);
	free(sv);
	free(op);
}

/* -T: every paired line's time difference (kernel - tcpsim) against its
 * tolerance, then their mean, mean absolute value and largest, so that a
 * timing model can be judged by more than pass or fail. */
static void print_times(const char *nm, const struct glist *K, const struct glist *S, const int *pk,
                        const long long *tol)
{
	long long sum = 0, sum_abs = 0, worst = 0;
	int n = 0;
	for (int i = 0; i < K->n; i++) {
		if (pk[i] < 0)
			continue;
		long long dt = K->v[i].t - S->v[pk[i]].t;
		printf("  dt %+9.3f ms (tol %7.3f) %s\n", (double)dt / 1000.0,
		       (double)tol[i] / 1000.0, K->v[i].text);
		sum += dt;
		sum_abs += llabs(dt);
		if (llabs(dt) > llabs(worst))
			worst = dt;
		n++;
	}
	if (n)
		printf(
		    "%s: kernel - tcpsim over %d paired lines: mean %+.3f ms, mean |dt| %.3f ms, "
		    "largest %+.3f ms\n",
		    nm, n, (double)sum / n / 1000.0, (double)sum_abs / n / 1000.0,
		    (double)worst / 1000.0);
}

/* How far the recording's TS clock phase may be from tcpsim's before
 * compare says so. */
#define TS_PHASE_SLACK_US 100

static int compare_case(const char *tcps, int quiet, int show, int times)
{
	char gpath[1024];
	snprintf(gpath, sizeof gpath, "%s", tcps);
	char *dot = strrchr(gpath, '.');
	if (dot && !strcmp(dot, ".tcps"))
		*dot = 0;
	const char *name = strrchr(gpath, '/') ? strrchr(gpath, '/') + 1 : gpath;
	char nm[256];
	snprintf(nm, sizeof nm, "%.200s", name);
	strncat(gpath, ".golden", sizeof gpath - strlen(gpath) - 1);

	struct golden gd = {0};
	if (load_golden(gpath, &gd) < 0) {
		printf("%s: no golden (%s): record it with scripts/record-kernel\n", nm, gpath);
		return 1;
	}
	struct scenario scn;
	struct scn_diags dg = {0};
	if (scn_load_file(tcps, &scn, &dg) != 0) {
		printf("%s: tcpsim cannot run this case yet: its .tcps uses language extensions "
		       "that do not parse (issue 9):\n",
		       nm);
		scn_diags_print(&dg, tcps, stdout);
		scn_diags_free(&dg);
		int nseg = 0;
		for (int i = 0; i < gd.lines.n; i++)
			nseg += gd.lines.v[i].kind == 's';
		printf("%s: 0 of %d segments match (not run)\n", nm, nseg);
		free(gd.lines.v);
		return 1;
	}
	/* a recording that knows its kernel's tick grid: the timer wheel's
	 * buckets fall where they fell on that kernel (engine/timer.c) */
	struct sim_options so = {0};
	if (gd.has_ticks) {
		so.ticks_set = 1;
		so.tick_jiffies = gd.tick_jiffies;
		so.tick_before_zero = (simtime_t)(gd.tick_before_ns / 1000);
	}
	struct sim *sm = sim_new(&scn, &so);
	if (!sm) {
		fprintf(stderr, "out of memory\n");
		exit(3);
	}
	sim_run(sm);
	struct glist sl = {0};
	sim_lines(&scn, sim_trace(sm), &sl);
	if (show)
		for (int i = 0; i < sl.n; i++)
			printf("tcpsim: %s\n", sl.v[i].text);

	const struct glist *K = &gd.lines, *S = &sl;
	int *pk = malloc(sizeof(int) * (size_t)(K->n + 1));
	int *ps = malloc(sizeof(int) * (size_t)(S->n + 1));
	int *kconn = malloc(sizeof(int) * (size_t)(K->n + 1));
	long long *tol = malloc(sizeof(long long) * (size_t)(K->n + 1));
	struct outline *out = malloc(sizeof *out * (size_t)(K->n + S->n + 1));
	if (!pk || !ps || !kconn || !tol || !out)
		exit(3);
	pair_lines(K, S, pk, ps);
	for (int i = 0; i < K->n; i++)
		kconn[i] = pk[i] >= 0 ? S->v[pk[i]].conn : -1;
	tolerances(&gd, kconn, scn.nhosts ? scn.hosts[0].name : "", tol);
	if (times)
		print_times(nm, K, S, pk, tol);

	int bad = 0, nout = 0, seg_ok = 0, seg_k = 0, seg_s = 0, call_ok = 0, call_k = 0;
	for (int i = 0; i < K->n; i++) {
		const struct gline *k = &K->v[i];
		if (k->kind == 's' || k->kind == 'i')
			seg_k++;
		else
			call_k++;
		char why[200];
		struct outline *o = &out[nout];
		o->t = k->t;
		o->order = nout;
		if (pk[i] < 0) {
			snprintf(o->text, sizeof o->text, "  %-28s %s | (tcpsim: none)",
			         "missing in tcpsim", k->text);
			nout++;
			bad++;
			continue;
		}
		const struct gline *t = &S->v[pk[i]];
		if (!diff(k, t, tol[i], why, sizeof why)) {
			if (k->kind == 's' || k->kind == 'i')
				seg_ok++;
			else
				call_ok++;
			continue;
		}
		if (snprintf(o->text, sizeof o->text, "  %-28s %s | %s", why, k->text, t->text) >=
		    (int)sizeof o->text)
			memcpy(o->text + sizeof o->text - 4, "...", 4); /* cut, and says so */
		nout++;
		bad++;
	}
	for (int j = 0; j < S->n; j++) {
		if (S->v[j].kind == 's' || S->v[j].kind == 'i')
			seg_s++;
		if (ps[j] >= 0)
			continue;
		struct outline *o = &out[nout];
		o->t = S->v[j].t;
		o->order = nout;
		snprintf(o->text, sizeof o->text, "  %-28s (kernel: none) | %s", "extra in tcpsim",
		         S->v[j].text);
		nout++;
		bad++;
	}
	qsort(out, (size_t)nout, sizeof *out, outline_cmp);
	if (!quiet)
		for (int x = 0; x < nout; x++)
			printf("%s\n", out[x].text);
	printf("%s: %d of %d segments match (tcpsim sent %d); %d of %d calls and errors match\n",
	       nm, seg_ok, seg_k, seg_s, call_ok, call_k);
	/* tcpsim's TS clock ticks on whole milliseconds of simulated time; a
	 * recording whose clock ticked elsewhere measures receive-buffer RTTs
	 * (tcp_rcv_rtt_measure_ts) at other segments (docs/fidelity.md) */
	if (gd.has_phase && (gd.phase_lo > TS_PHASE_SLACK_US || gd.phase_hi < -TS_PHASE_SLACK_US))
		printf("%s: NOTE: the kernel's TS clock ticked %lld..%lld us after whole "
		       "milliseconds, tcpsim's at 0: windows may differ for that alone\n",
		       nm, gd.phase_lo, gd.phase_hi);
	free(pk);
	free(ps);
	free(kconn);
	free(tol);
	free(out);
	sim_free(sm);
	scn_free(&scn);
	free(sl.v);
	free(gd.lines.v);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	int quiet = 0, show = 0, times = 0, fails = 0, n = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-q")) {
			quiet = 1;
			continue;
		}
		if (!strcmp(argv[i], "-t")) {
			show = 1;
			continue;
		}
		if (!strcmp(argv[i], "-T")) {
			times = 1;
			continue;
		}
		if (!strcmp(argv[i], "--ignore") || !strncmp(argv[i], "--ignore=", 9)) {
			const char *list = argv[i][8] == '=' ? argv[i] + 9 : NULL;
			if (!list && i + 1 < argc)
				list = argv[++i];
			if (!list || parse_ignore(list) < 0)
				return 2;
			continue;
		}
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			printf("usage: compare [-q] [-t] [-T] [--ignore FIELD,...] CASE.tcps...\n");
			return 0;
		}
		if (!n) {
			int any = 0;
			for (int k = 0; k < NFIELDS; k++)
				if (ignored[k])
					printf("%s%s", any++ ? "," : "NOTE: not compared: ",
					       field_names[k]);
			if (any)
				printf(
				    " (--ignore); a match below is a match without these fields\n");
		}
		n++;
		fails += compare_case(argv[i], quiet, show, times);
	}
	if (!n) {
		fprintf(stderr,
		        "usage: compare [-q] [-t] [-T] [--ignore FIELD,...] CASE.tcps...\n");
		return 2;
	}
	int any = 0;
	for (int k = 0; k < NFIELDS; k++)
		any |= ignored[k];
	printf("%d of %d cases match%s\n", n - fails, n,
	       any ? " (some fields not compared: see --ignore above)" : "");
	return fails ? 1 : 0;
}
