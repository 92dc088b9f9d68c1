/* gen: writes a valid random scenario for a seed (see gen.h).  Called by
 * tests/test_generated.c, which parses the text with scn_parse(), runs it
 * and checks the trace (tests/gen/trace_check.c).  Flow: gen_scenario() ->
 * header, hosts, link, timeline, faults, notes, expects -> the text, with
 * random spelling (case, spaces, tabs, continuations, comments, CR LF). */
#include "gen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "simtime.h"

#define US SIMTIME_US
#define MS SIMTIME_MS
#define SEC SIMTIME_S

/* Host names: none is a keyword (both, end, error, count). */
static const char *const names[] = {"client", "server", "alice",  "bob",    "web",
                                    "db",     "h1",     "Node_2", "laptop", "PHONE"};
#define NNAMES ((int)(sizeof names / sizeof *names))

static const char *const states[] = {
    "CLOSED",     "LISTEN",     "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1",
    "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK", "TIME_WAIT",
};
#define NSTATES ((int)(sizeof states / sizeof *states))

static const char *const errnames[] = {"ECONNREFUSED", "ETIMEDOUT",  "ECONNRESET",
                                       "EPIPE",        "EADDRINUSE", "EADDRNOTAVAIL",
                                       "ENOTCONN",     "EISCONN",    "EINVAL"};

static const char *const patterns[] = {"SYN", "SYN+ACK", "SYN,ACK", "ACK",
                                       "FIN", "RST",     "data",    "any"};

struct gen {
	uint64_t rng;
	struct gen_text *out;
	int oom;
	int crlf;          /* CR LF line ends */
	int wide;          /* draw host parameters from the whole documented ranges */
	int nwords;        /* words on the current line */
	int host[2];       /* indices into names */
	int port[2];       /* a port each host listens on */
	simtime_t last;    /* the latest timed line, for '+' times */
	simtime_t horizon; /* where the timeline's actions fall */
	int has_end;
	int creating_on; /* an `on` line that makes sockets was written */
	uint64_t sent;   /* bytes queued by byte-count sends */
};

/* ---- random numbers (splitmix64) ---- */

static uint64_t next(struct gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in lo..hi (inclusive). */
static int64_t range(struct gen *g, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(next(g) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct/100. */
static int chance(struct gen *g, int pct)
{
	return (int)(next(g) % 100) < pct;
}

static int pick(struct gen *g, int n)
{
	return (int)(next(g) % (uint64_t)n);
}

/* Log-uniform in lo..hi (1 <= lo <= hi): a bit length first, then a value
 * of that length, so small values come as often as large ones. */
static int64_t logrange(struct gen *g, int64_t lo, int64_t hi)
{
	int blo = 0, bhi = 0;
	while (blo < 62 && ((int64_t)1 << (blo + 1)) <= lo)
		blo++;
	while (bhi < 62 && ((int64_t)1 << (bhi + 1)) <= hi)
		bhi++;
	int b = (int)range(g, blo, bhi);
	int64_t a = (int64_t)1 << b, z = b >= 62 ? INT64_MAX : ((int64_t)1 << (b + 1)) - 1;
	return range(g, a > lo ? a : lo, z < hi ? z : hi);
}

/* ---- text ---- */

static void put(struct gen *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void put(struct gen *g, const char *fmt, ...)
{
	struct gen_text *t = g->out;
	if (g->oom)
		return;
	for (;;) {
		va_list ap;
		va_start(ap, fmt);
		int n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			g->oom = 1;
			return;
		}
		if ((size_t)n < t->cap - t->len) {
			t->len += (size_t)n;
			return;
		}
		size_t cap = t->cap * 2 + (size_t)n + 64;
		char *s = realloc(t->s, cap);
		if (!s) {
			g->oom = 1;
			return;
		}
		t->s = s;
		t->cap = cap;
	}
}

static void newline(struct gen *g)
{
	put(g, "%s", g->crlf ? "\r\n" : "\n");
}

/* The space before a word: mostly one space, sometimes tabs, several
 * spaces or a `\` continuation (with or without a comment after it). */
static void separator(struct gen *g)
{
	int r = pick(g, 100);
	if (r < 80)
		put(g, " ");
	else if (r < 88)
		put(g, "  ");
	else if (r < 94)
		put(g, "\t");
	else if (r < 97) {
		put(g, " \\");
		newline(g);
		put(g, "   ");
	} else {
		put(g, " \\   # continued");
		newline(g);
		put(g, "\t");
	}
}

static void word_start(struct gen *g)
{
	if (g->nwords++ > 0)
		separator(g);
}

/* A keyword, its letters sometimes in another case (keywords are
 * case-insensitive). */
static void kw(struct gen *g, const char *k)
{
	word_start(g);
	int mode = pick(g, 100);
	for (const char *c = k; *c; c++) {
		char ch = *c;
		if (mode >= 85 && mode < 93 && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (mode >= 93 && chance(g, 50) && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (mode >= 93 && chance(g, 50) && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		put(g, "%c", ch);
	}
}

static void w(struct gen *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void w(struct gen *g, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	word_start(g);
	put(g, "%s", buf);
}

static void line_end(struct gen *g)
{
	if (chance(g, 8))
		put(g, "%s# %s", chance(g, 50) ? " " : "\t",
		    chance(g, 50) ? "why not" : "a \"#\" here");
	newline(g);
	g->nwords = 0;
}

/* A host name as written in a reference: any case will do. */
static void hostname(struct gen *g, int h, const char *suffix)
{
	const char *n = names[g->host[h]];
	word_start(g);
	int upper = chance(g, 10);
	for (const char *c = n; *c; c++) {
		char ch = *c;
		if (upper && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		put(g, "%c", ch);
	}
	put(g, "%s", suffix);
}

/* HOST or HOST.N for an action or an expectation on one connection. */
static void hostref(struct gen *g, int h, int allow_n)
{
	char sfx[16] = "";
	if (allow_n && chance(g, 30))
		snprintf(sfx, sizeof sfx, ".%d", (int)range(g, 1, 4));
	hostname(g, h, sfx);
}

/* A quoted string with the three escapes and some UTF-8. */
static void string(struct gen *g, int maxlen)
{
	static const char *const parts[] = {"hello", " ", "GET / HTTP/1.0", "\\n",          "\\\"",
	                                    "\\\\",  "#", "caf\xc3\xa9",    "\xe6\x97\xa5", "x"};
	word_start(g);
	put(g, "\"");
	int n = (int)range(g, 1, maxlen);
	for (int i = 0; i < n; i++)
		put(g, "%s", parts[pick(g, (int)(sizeof parts / sizeof *parts))]);
	put(g, "\"");
}

/* A time written exactly, in one of the ways the format allows. */
static void put_time(struct gen *g, simtime_t t, const char *prefix)
{
	char b[64];
	long long v = (long long)t;
	int r = pick(g, 100);
	if (t % (60 * SEC) == 0 && t > 0 && r < 20)
		snprintf(b, sizeof b, "%s%lldmin", prefix, v / (60 * SEC));
	else if (t % SEC == 0 && r < 60)
		snprintf(b, sizeof b, "%s%llds", prefix, v / SEC);
	else if (t % MS == 0 && r < 80)
		snprintf(b, sizeof b, "%s%lldms", prefix, v / MS);
	else if (r < 90) {
		/* seconds with decimals, trailing zeros dropped: 1.5s, 0.000250s */
		char frac[16];
		snprintf(frac, sizeof frac, "%06lld", v % SEC);
		for (int i = 5; i > 0 && frac[i] == '0'; i--)
			frac[i] = '\0';
		if (v % SEC == 0)
			snprintf(b, sizeof b, "%s%llds", prefix, v / SEC);
		else if (v / SEC == 0 && chance(g, 30))
			snprintf(b, sizeof b, "%s.%ss", prefix, frac);
		else
			snprintf(b, sizeof b, "%s%lld.%ss", prefix, v / SEC, frac);
	} else
		snprintf(b, sizeof b, "%s%lldus", prefix, v);
	put(g, "%s", b);
}

static void time_word(struct gen *g, simtime_t t)
{
	word_start(g);
	put_time(g, t, "");
}

/* An absolute time, or '+T' after the latest timed line when that is not
 * later; either way the line's time becomes t. */
static void timeline_time(struct gen *g, simtime_t t)
{
	word_start(g);
	if (t >= g->last && chance(g, 30))
		put_time(g, t - g->last, "+");
	else
		put_time(g, t, "");
	g->last = t;
}

static void size_word(struct gen *g, uint64_t n)
{
	int r = pick(g, 100);
	if (n % (1024 * 1024) == 0 && r < 30)
		w(g, "%lluMiB", (unsigned long long)(n / (1024 * 1024)));
	else if (n % 1024 == 0 && r < 50)
		w(g, "%lluKiB", (unsigned long long)(n / 1024));
	else if (n % 512 == 0 && n % 1024 != 0 && r < 60)
		w(g, "%llu.5KiB", (unsigned long long)(n / 1024));
	else if (n % 1000 == 0 && r < 70)
		w(g, "%lluKB", (unsigned long long)(n / 1000));
	else if (r < 80)
		w(g, "%lluB", (unsigned long long)n);
	else
		w(g, "%llu", (unsigned long long)n);
}

/* A percentage from parts per million: 5%, 0.5%, 0.0001%. */
static void percent_word(struct gen *g, const char *name, uint32_t ppm)
{
	char frac[8];
	snprintf(frac, sizeof frac, "%04u", ppm % 10000);
	for (int i = 3; i > 0 && frac[i] == '0'; i--)
		frac[i] = '\0';
	if (ppm % 10000 == 0)
		w(g, "%s=%u%%", name, ppm / 10000);
	else
		w(g, "%s=%u.%s%%", name, ppm / 10000, frac);
}

static void param_time(struct gen *g, const char *name, simtime_t t)
{
	word_start(g);
	put(g, "%s=", name);
	put_time(g, t, "");
}

static void onoff(struct gen *g, const char *name)
{
	w(g, "%s=%s", name, chance(g, 50) ? "on" : (chance(g, 50) ? "off" : "OFF"));
}

/* ---- the file ---- */

static void header(struct gen *g, uint64_t seed)
{
	if (chance(g, 5))
		put(g, "\xef\xbb\xbf"); /* a byte order mark */
	put(g, "# generated scenario, seed %llu", (unsigned long long)seed);
	newline(g);
	if (chance(g, 70)) {
		kw(g, "title");
		string(g, 4);
		line_end(g);
	}
	for (int n = (int)range(g, 0, 2); n > 0; n--) {
		kw(g, "about");
		string(g, 6);
		line_end(g);
	}
	if (chance(g, 70)) {
		kw(g, "seed");
		w(g, "%llu",
		  (unsigned long long)(chance(g, 90) ? (uint64_t)range(g, 0, 1000000) : next(g)));
		line_end(g);
	}
	if (chance(g, 70)) {
		kw(g, "profile");
		kw(g, chance(g, 50) ? "linux" : "rfc9293");
		line_end(g);
	}
}

/* rto_min <= rto_initial <= rto_max, always written together. */
static void rto_params(struct gen *g)
{
	simtime_t lo, hi, init;
	if (g->wide) {
		lo = logrange(g, 1, 10 * SEC);
		hi = lo + logrange(g, 1, 1000000000 * SEC - lo);
	} else {
		lo = logrange(g, MS, 1 * SEC);
		hi = lo + logrange(g, 1, 120 * SEC);
	}
	init = lo + (hi > lo ? range(g, 0, (hi - lo) < 3 * SEC ? hi - lo : 3 * SEC) : 0);
	param_time(g, "rto_min", lo);
	param_time(g, "rto_initial", init);
	param_time(g, "rto_max", hi);
}

static void host_line(struct gen *g, int h)
{
	kw(g, "host");
	hostname(g, h, "");
	w(g, "10.%d.%d.%d", h, (int)range(g, 0, 255), (int)range(g, 1, 254));
	int p = g->wide ? 50 : 25; /* chance of each parameter */
	if (chance(g, p)) {
		int r = pick(g, 4);
		if (r == 0)
			w(g, "isn=random");
		else if (r == 1)
			w(g, "isn=%u", (unsigned)(4294967295u - (uint32_t)range(g, 0, 200000)));
		else
			w(g, "isn=%u", (unsigned)next(g));
	}
	if (chance(g, p))
		w(g, "mss=%d", (int)(g->wide ? range(g, 64, 65535) : range(g, 200, 9000)));
	if (chance(g, p)) {
		word_start(g);
		put(g, "rcvbuf=");
		g->nwords = 0; /* the size follows '=' with no space */
		size_word(
		    g, (uint64_t)(g->wide ? logrange(g, 1, 1 << 30) : logrange(g, 2048, 1 << 20)));
		g->nwords = 1;
	}
	if (chance(g, p)) {
		word_start(g);
		put(g, "sndbuf=");
		g->nwords = 0;
		size_word(g, (uint64_t)logrange(g, 1, 1 << 30));
		g->nwords = 1;
	}
	if (chance(g, p))
		rto_params(g);
	if (chance(g, p))
		w(g, "syn_retries=%d", (int)(g->wide ? range(g, 0, 255) : range(g, 0, 7)));
	if (chance(g, p))
		w(g, "synack_retries=%d", (int)(g->wide ? range(g, 0, 255) : range(g, 0, 6)));
	if (chance(g, p))
		w(g, "data_retries=%d", (int)(g->wide ? range(g, 0, 255) : range(g, 0, 15)));
	if (chance(g, p))
		param_time(g, "msl",
		           g->wide ? logrange(g, 1, 1000000 * SEC) : range(g, 0, 60) * SEC);
	if (chance(g, p))
		param_time(g, "fin_timeout", range(g, 0, 90) * SEC);
	if (chance(g, p))
		w(g, "backlog=%d", (int)(g->wide ? range(g, 0, 65535) : range(g, 0, 200)));
	if (chance(g, p))
		w(g, "syn_backlog=%d", (int)(g->wide ? range(g, 0, 1000000) : range(g, 0, 2048)));
	if (chance(g, p))
		onoff(g, "syncookies");
	if (chance(g, p))
		onoff(g, "reuseaddr");
	if (chance(g, p))
		onoff(g, "rfc1337");
	if (chance(g, p)) {
		int lo = (int)range(g, 1024, 65000);
		w(g, "ports=%d-%d", lo,
		  (int)(lo + (chance(g, 50) ? range(g, 0, 3) : range(g, 0, 500))));
	}
	if (chance(g, p))
		onoff(g, "delack");
	if (chance(g, p))
		param_time(g, "delack_time", range(g, 0, 500) * MS);
	if (chance(g, p))
		onoff(g, "keepalive");
	if (chance(g, p))
		param_time(g, "keepalive_idle",
		           g->wide ? logrange(g, 1, 7200 * SEC) : range(g, 1, 60) * SEC);
	if (chance(g, p))
		param_time(g, "keepalive_intvl",
		           g->wide ? logrange(g, 1, 600 * SEC) : range(g, 1, 20) * SEC);
	if (chance(g, p))
		w(g, "keepalive_probes=%d", (int)(g->wide ? range(g, 1, 255) : range(g, 1, 9)));
	if (chance(g, p)) {
		if (chance(g, 30))
			w(g, "wscale=off");
		else
			w(g, "wscale=%d", (int)range(g, 0, 14));
	}
	if (chance(g, p))
		onoff(g, "sack");
	if (chance(g, p))
		onoff(g, "timestamps");
	line_end(g);
}

static void direction(struct gen *g)
{
	int r = pick(g, 3);
	if (r == 2) {
		kw(g, "both");
		return;
	}
	char arrow[80];
	snprintf(arrow, sizeof arrow, "%s->%s", names[g->host[r]], names[g->host[1 - r]]);
	w(g, "%s", arrow);
}

static void link_line(struct gen *g)
{
	kw(g, "link");
	if (chance(g, 60))
		direction(g);
	int any = 0;
	while (!any) {
		if (chance(g, 50)) {
			param_time(g, "delay",
			           chance(g, 10) ? 0 : range(g, 1, 200) * MS + range(g, 0, 999));
			any = 1;
		}
		if (chance(g, 30)) {
			param_time(g, "jitter", range(g, 0, 30) * MS);
			any = 1;
		}
		if (chance(g, 35)) {
			percent_word(g, "loss", (uint32_t)range(g, 0, 150000));
			any = 1;
		}
		if (chance(g, 25)) {
			percent_word(g, "dup", (uint32_t)range(g, 0, 50000));
			any = 1;
		}
		if (chance(g, 25)) {
			percent_word(g, "reorder", (uint32_t)range(g, 0, 100000));
			any = 1;
		}
		if (chance(g, 25)) {
			static const char *const rates[] = {"9600bit", "500kbit", "2mbit",
			                                    "10mbit",  "1gbit",   "100Mbit"};
			w(g, "rate=%s", rates[pick(g, 6)]);
			any = 1;
		}
		if (chance(g, 15)) {
			w(g, "mtu=%d", (int)range(g, 576, 9000));
			any = 1;
		}
		if (chance(g, 15)) {
			w(g, "queue=%d", (int)range(g, 0, 50));
			any = 1;
		}
	}
	line_end(g);
}

/* A time in the timeline, in microseconds: mostly in the first seconds,
 * where the connection lives. */
static simtime_t when(struct gen *g)
{
	simtime_t top = chance(g, 70) && g->horizon > 10 * SEC ? 10 * SEC : g->horizon;
	simtime_t t = range(g, 0, top);
	if (chance(g, 60))
		t -= t % MS;
	return t;
}

enum gact {
	G_SEND,
	G_CLOSE,
	G_SHUTDOWN,
	G_ABORT,
	G_CRASH,
	G_REBOOT,
	G_STOP,
	G_READ,
	G_INJECT,
	G_FLOOD,
	G_CONNECT,
	G_LISTEN,
	G_COUNT
};

static int choose_action(struct gen *g, int creating_ok)
{
	static const int weight[G_COUNT] = {30, 12, 6, 4, 2, 2, 5, 5, 5, 3, 5, 3};
	for (;;) {
		int total = 0;
		for (int i = 0; i < G_COUNT; i++)
			total += weight[i];
		int r = pick(g, total), a = 0;
		while (r >= weight[a])
			r -= weight[a++];
		if (!creating_ok && (a == G_CONNECT || a == G_LISTEN || a == G_FLOOD))
			continue;
		return a;
	}
}

/* HOST ACTION ARGS for host h. */
static void action(struct gen *g, int h, int a)
{
	switch (a) {
	case G_SEND:
		hostref(g, h, 1);
		kw(g, "send");
		if (chance(g, 35)) {
			string(g, 8);
		} else {
			uint64_t n =
			    (uint64_t)(chance(g, 10) ? range(g, 1, 8) : logrange(g, 1, 256 * 1024));
			if (g->sent + n > 1024 * 1024)
				n = 1 + n % 100;
			g->sent += n;
			size_word(g, n);
		}
		break;
	case G_CLOSE:
		hostref(g, h, 1);
		kw(g, "close");
		break;
	case G_SHUTDOWN:
		hostref(g, h, 1);
		kw(g, "shutdown");
		break;
	case G_ABORT:
		hostref(g, h, 1);
		kw(g, "abort");
		break;
	case G_CRASH:
		hostref(g, h, 0);
		kw(g, "crash");
		break;
	case G_REBOOT:
		hostref(g, h, 0);
		kw(g, "reboot");
		break;
	case G_STOP:
		hostref(g, h, 1);
		kw(g, chance(g, 80) ? "stop-reading" : "stop_reading");
		break;
	case G_READ:
		hostref(g, h, 1);
		kw(g, "read");
		break;
	case G_INJECT: {
		static const char *const what[] = {"SYN", "RST", "ACK", "FIN"};
		hostref(g, h, 1);
		kw(g, "inject");
		kw(g, what[pick(g, 4)]);
		if (chance(g, 60)) {
			kw(g, "offset");
			int r = pick(g, 4);
			w(g, "%lld",
			  (long long)(r == 0   ? 0
			              : r == 1 ? range(g, -2000, 2000)
			                       : range(g, -1000000, 1000000)));
		}
		break;
	}
	case G_FLOOD: {
		hostref(g, h, 0);
		kw(g, "flood");
		w(g, "%d", (int)logrange(g, 1, 300));
		kw(g, "from");
		int lo = (int)range(g, 1, 254), hi = lo + (int)range(g, 0, 254 - lo);
		if (chance(g, 50))
			w(g, "198.51.100.%d-198.51.100.%d", lo, hi);
		else
			w(g, "203.0.113.%d", lo);
		kw(g, "to");
		hostname(g, 1 - h, "");
		put(g, ":%d", g->port[1 - h]);
		if (chance(g, 70)) {
			kw(g, "every");
			time_word(g, range(g, 1, 20) * MS);
		}
		break;
	}
	case G_CONNECT:
		hostref(g, h, 0);
		kw(g, "connect");
		hostname(g, 1 - h, "");
		put(g, ":%d", chance(g, 95) ? g->port[1 - h] : (int)range(g, 1, 65535));
		if (chance(g, 25)) {
			kw(g, "from");
			w(g, "%d", (int)range(g, 40000, 40003));
		}
		break;
	case G_LISTEN:
		hostref(g, h, 0);
		kw(g, "listen");
		w(g, "%d", chance(g, 70) ? g->port[h] : (int)range(g, 1, 65535));
		if (chance(g, 30))
			w(g, "backlog=%d", (int)range(g, 1, 200));
		break;
	}
}

static void at_line(struct gen *g, simtime_t t, int h, int a)
{
	kw(g, "at");
	timeline_time(g, t);
	action(g, h, a);
	line_end(g);
}

static void on_line(struct gen *g)
{
	/* At most one `on` line makes sockets, with a pause: a loop of them is
	 * linear in time and ends at `end` (the engine has no event budget yet). */
	int creating_ok = !g->creating_on && g->has_end;
	int a;
	do
		a = choose_action(g, creating_ok);
	while (a == G_FLOOD); /* a flood per state change would multiply */
	int creating = a == G_CONNECT || a == G_LISTEN;
	kw(g, "on");
	int watch = pick(g, 2);
	hostname(g, watch, "");
	kw(g, states[pick(g, NSTATES)]);
	if (creating) {
		g->creating_on = 1;
		word_start(g);
		put_time(g, range(g, 200, 3000) * MS, "+");
	} else if (chance(g, 50)) {
		word_start(g);
		put_time(g, range(g, 0, 2000) * MS, "+");
	}
	action(g, chance(g, 70) ? watch : 1 - watch, a);
	line_end(g);
}

static void which_segment(struct gen *g)
{
	if (chance(g, 30)) {
		kw(g, "segment");
		w(g, "%d", (int)range(g, 1, 40));
		return;
	}
	if (chance(g, 50)) {
		static const char *const sfx[] = {"st", "nd", "rd", "th"};
		int n = (int)range(g, 1, 6);
		w(g, "%d%s", n, n <= 3 ? sfx[n - 1] : sfx[3]);
	}
	kw(g, patterns[pick(g, (int)(sizeof patterns / sizeof *patterns))]);
}

static void fault_line(struct gen *g)
{
	int r = pick(g, 10);
	if (r < 6) {
		kw(g, "drop");
		direction(g);
		if (r < 2) {
			simtime_t from = when(g);
			kw(g, "from");
			time_word(g, from);
			kw(g, "to");
			time_word(g, from + range(g, 1, 5000) * MS);
		} else {
			which_segment(g);
		}
	} else {
		kw(g, "delay");
		direction(g);
		which_segment(g);
		kw(g, "by");
		time_word(g, chance(g, 15) ? range(g, 30, 90) * SEC : range(g, 1, 3000) * MS);
	}
	line_end(g);
}

static void note_line(struct gen *g)
{
	kw(g, "note");
	if (chance(g, 50)) {
		timeline_time(g, when(g));
	} else {
		kw(g, "on");
		hostname(g, pick(g, 2), "");
		kw(g, states[pick(g, NSTATES)]);
	}
	string(g, 5);
	line_end(g);
}

static void expect_line(struct gen *g)
{
	kw(g, "expect");
	int r = pick(g, 10), h = pick(g, 2);
	if (r < 4) {
		timeline_time(g, when(g));
		hostref(g, h, 1);
		kw(g, states[pick(g, NSTATES)]);
	} else if (r < 6) {
		kw(g, "end");
		hostref(g, h, 1);
		kw(g, states[pick(g, NSTATES)]);
	} else if (r < 8) {
		if (chance(g, 50))
			timeline_time(g, when(g));
		hostname(g, h, "");
		kw(g, "error");
		kw(g, errnames[pick(g, 9)]);
	} else {
		if (chance(g, 50))
			timeline_time(g, when(g));
		else
			kw(g, "end");
		hostname(g, h, "");
		kw(g, "count");
		kw(g, states[pick(g, NSTATES)]);
		w(g, "%d", (int)range(g, 0, 5));
	}
	line_end(g);
}

/* A conversation on the first connection: sends, then (mostly) a close
 * answered by the peer's close, so that clean closes are common. */
static void conversation(struct gen *g, simtime_t start)
{
	for (int n = (int)range(g, 0, 6); n > 0; n--)
		at_line(g, start + range(g, 0, 3000) * MS, chance(g, 70) ? 0 : 1, G_SEND);
	if (!chance(g, 65))
		return;
	int first = chance(g, 70) ? 0 : 1;
	at_line(g, start + range(g, 200, 8000) * MS, first, chance(g, 80) ? G_CLOSE : G_SHUTDOWN);
	kw(g, "on");
	hostname(g, 1 - first, "");
	kw(g, "CLOSE_WAIT");
	if (chance(g, 50)) {
		word_start(g);
		put_time(g, range(g, 0, 1000) * MS, "+");
	}
	hostname(g, 1 - first, "");
	kw(g, "close");
	line_end(g);
}

/* The timeline: a listen and a connect (mostly), a conversation, then
 * random lines. */
static void timeline(struct gen *g)
{
	int kind = pick(g, 10);
	simtime_t start = 0;
	if (kind < 8) {
		simtime_t tl = chance(g, 50) ? 0 : range(g, 0, 300) * MS;
		start = tl + range(g, 0, 1000) * MS;
		at_line(g, tl, 1, G_LISTEN);
		at_line(g, start, 0, G_CONNECT);
	} else if (kind == 8) {
		/* simultaneous open: each end connects to the other from the port
		 * the other connects to */
		start = range(g, 0, 500) * MS;
		for (int h = 0; h < 2; h++) {
			kw(g, "at");
			timeline_time(g, start + (chance(g, 50) ? 0 : range(g, 0, 30) * MS));
			hostname(g, h, "");
			kw(g, "connect");
			hostname(g, 1 - h, "");
			put(g, ":%d", g->port[1 - h]);
			kw(g, "from");
			w(g, "%d", g->port[h]);
			line_end(g);
		}
	}
	if (kind <= 8)
		conversation(g, start);
	int n = (int)range(g, 0, 14);
	for (int i = 0; i < n; i++) {
		int r = pick(g, 100);
		if (r < 50)
			at_line(g, when(g), pick(g, 2), choose_action(g, 1));
		else if (r < 62)
			on_line(g);
		else if (r < 75)
			fault_line(g);
		else if (r < 85)
			note_line(g);
		else
			expect_line(g);
	}
}

static void end_line(struct gen *g, simtime_t end)
{
	kw(g, "end");
	time_word(g, end);
	line_end(g);
}

int gen_scenario(uint64_t seed, struct gen_text *out)
{
	struct gen g;
	memset(&g, 0, sizeof g);
	g.rng = seed * 0x2545f4914f6cdd1dull + 12345;
	g.out = out;
	out->len = 0;
	if (!out->s) {
		out->cap = 4096;
		out->s = malloc(out->cap);
		if (!out->s)
			return -1;
	}
	out->s[0] = '\0';
	g.crlf = chance(&g, 5);
	g.wide = chance(&g, 3);
	g.host[0] = pick(&g, NNAMES);
	do
		g.host[1] = pick(&g, NNAMES);
	while (g.host[1] == g.host[0]);
	g.port[0] = (int)range(&g, 1, 65535);
	do
		g.port[1] = (int)range(&g, 1, 65535);
	while (g.port[1] == g.port[0]);
	simtime_t end = range(&g, 2, 120) * SEC;
	g.has_end = chance(&g, 85);
	g.horizon = g.has_end ? end : 60 * SEC;

	header(&g, seed);
	int hosts_last = chance(&g, 10); /* host lines are read first anyway */
	if (!hosts_last) {
		host_line(&g, 0);
		host_line(&g, 1);
	}
	for (int n = (int)range(&g, 0, 3); n > 0; n--)
		link_line(&g);
	timeline(&g);
	if (g.has_end)
		end_line(&g, end);
	if (hosts_last) {
		host_line(&g, 0);
		host_line(&g, 1);
	}
	return g.oom ? -1 : 0;
}

void gen_text_free(struct gen_text *t)
{
	free(t->s);
	t->s = NULL;
	t->len = t->cap = 0;
}
