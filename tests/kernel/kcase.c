/* kcase: reads the subset of the scenario language the kernel cases use.
 * See kcase.h and docs/scenario-format.md; the extensions are those of
 * issue 9 (tests/kernel/README.md lists them). */
#include "kcase.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const kc_act_names[KA_COUNT] = {
    [KA_LISTEN] = "listen",
    [KA_CONNECT] = "connect",
    [KA_SEND] = "send",
    [KA_CLOSE] = "close",
    [KA_SHUTDOWN] = "shutdown",
    [KA_ABORT] = "abort",
    [KA_STOP_READING] = "stop-reading",
    [KA_READ] = "read",
    [KA_ACCEPT] = "accept",
    [KA_INJECT] = "inject",
};

#define MAXTOK 64

struct rd {
	struct kcase *c;
	const char *path;
	int line;
	int errors;
	kc_time prev; /* the previous timed line, for '+T' */
	int pass;     /* 0: hosts only; 1: everything else */
};

static void err(struct rd *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: error: ", r->path, r->line);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	r->errors++;
}

/* Splits a line into words; strings keep their quotes.  Returns the count. */
static int split(char *s, char **tok)
{
	int n = 0;
	while (*s && n < MAXTOK) {
		while (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		if (!*s || *s == '#')
			break;
		tok[n++] = s;
		if (*s == '"') {
			s++;
			while (*s && *s != '"') {
				if (*s == '\\' && s[1])
					s++;
				s++;
			}
			if (*s)
				s++;
		} else {
			while (*s && *s != ' ' && *s != '\t' && *s != '\r')
				s++;
		}
		if (*s)
			*s++ = 0;
	}
	return n;
}

static int parse_time(struct rd *r, const char *s, kc_time *out, int allow_rel)
{
	int rel = 0;
	if (*s == '+') {
		if (!allow_rel) {
			err(r, "a '+' time is not allowed here");
			return -1;
		}
		rel = 1;
		s++;
	}
	char *e;
	double v = strtod(s, &e);
	if (e == s) {
		err(r, "expected a time, got '%s'", s);
		return -1;
	}
	double mul;
	if (!strcasecmp(e, "us"))
		mul = 1;
	else if (!strcasecmp(e, "ms"))
		mul = 1e3;
	else if (!strcasecmp(e, "s"))
		mul = 1e6;
	else if (!strcasecmp(e, "min"))
		mul = 60e6;
	else {
		err(r, "time needs a unit (us, ms, s, min): '%s'", s);
		return -1;
	}
	kc_time t = (kc_time)(v * mul + 0.5);
	*out = rel ? r->prev + t : t;
	return 0;
}

static int parse_size(struct rd *r, const char *s, uint32_t *out)
{
	char *e;
	double v = strtod(s, &e);
	double mul = 1;
	if (e == s) {
		err(r, "expected a size, got '%s'", s);
		return -1;
	}
	if (!*e || !strcasecmp(e, "B"))
		mul = 1;
	else if (!strcasecmp(e, "KiB"))
		mul = 1024;
	else if (!strcasecmp(e, "KB"))
		mul = 1000;
	else if (!strcasecmp(e, "MiB"))
		mul = 1024 * 1024;
	else if (!strcasecmp(e, "MB"))
		mul = 1e6;
	else {
		err(r, "unknown size unit in '%s'", s);
		return -1;
	}
	*out = (uint32_t)(v * mul + 0.5);
	return 0;
}

static int parse_int(struct rd *r, const char *s, long lo, long hi, long *out)
{
	char *e;
	long v = strtol(s, &e, 10);
	if (e == s || *e || v < lo || v > hi) {
		err(r, "expected a number from %ld to %ld, got '%s'", lo, hi, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_onoff(struct rd *r, const char *s, int *out)
{
	if (!strcasecmp(s, "on"))
		*out = 1;
	else if (!strcasecmp(s, "off"))
		*out = 0;
	else {
		err(r, "expected on or off, got '%s'", s);
		return -1;
	}
	return 0;
}

/* A rate as the language writes it (sim/scenario/scn_lex.c scn_lit_rate):
 * a decimal number and bit, kbit, mbit or gbit (1000-based), a whole
 * number of bits per second, more than 0, at most 1000 gbit. */
static int parse_rate(struct rd *r, const char *s, uint64_t *out)
{
	static const struct {
		const char *name;
		uint64_t mul;
	} units[] = {{"bit", 1}, {"kbit", 1000}, {"mbit", 1000000}, {"gbit", 1000000000}};
	const char *p = s;
	uint64_t whole = 0, frac = 0, fscale = 1;
	int digits = 0;
	for (; *p >= '0' && *p <= '9' && digits < 13; p++, digits++)
		whole = whole * 10 + (uint64_t)(*p - '0');
	if (*p >= '0' && *p <= '9') {
		err(r, "rate '%s' is too large; at most 1000gbit", s);
		return -1;
	}
	if (*p == '.') {
		p++;
		for (int n = 0; *p >= '0' && *p <= '9'; p++, n++) {
			if (n >= 9) {
				err(r, "rate '%s' has too many decimals", s);
				return -1;
			}
			frac = frac * 10 + (uint64_t)(*p - '0');
			fscale *= 10;
			digits++;
		}
	}
	if (!digits) {
		err(r, "expected a rate like 10mbit, got '%s'", s);
		return -1;
	}
	if (!*p) {
		err(r, "rate needs a unit: %smbit?", s);
		return -1;
	}
	for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
		if (strcasecmp(p, units[i].name))
			continue;
		uint64_t fbits = frac * units[i].mul;
		if (fbits % fscale) {
			err(r, "a rate is a whole number of bits per second, got '%s'", s);
			return -1;
		}
		if (whole > 1000000000000ull / units[i].mul ||
		    whole * units[i].mul + fbits / fscale > 1000000000000ull) {
			err(r, "rate '%s' is too large; at most 1000gbit", s);
			return -1;
		}
		uint64_t v = whole * units[i].mul + fbits / fscale;
		if (v == 0) {
			err(r, "rate must be more than 0; leave it out for an unlimited link");
			return -1;
		}
		*out = v;
		return 0;
	}
	err(r, "unknown rate unit '%s'; use bit, kbit, mbit or gbit", p);
	return -1;
}

kc_time kc_serialization(const struct kcase *c, int d, uint32_t bytes)
{
	uint64_t rate = c->rate_bps[d];
	if (!rate)
		return 0;
	return (kc_time)(((uint64_t)bytes * 8u * 1000000u + rate - 1) / rate);
}

static int parse_addr(const char *s, uint32_t *out)
{
	unsigned a, b, c, d;
	char x;
	if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &x) != 4 || a > 255 || b > 255 || c > 255 ||
	    d > 255)
		return -1;
	*out = a << 24 | b << 16 | c << 8 | d;
	return 0;
}

int kc_host_find(const struct kcase *c, const char *name)
{
	for (int i = 0; i < c->nhosts; i++)
		if (!strcasecmp(c->hosts[i].name, name))
			return i;
	return -1;
}

static void add_sysctl(struct kc_host *h, const char *k, const char *v)
{
	for (int i = 0; i < h->nsysctl; i++)
		if (!strcmp(h->sysctl_key[i], k)) {
			snprintf(h->sysctl_val[i], 64, "%s", v);
			return;
		}
	if (h->nsysctl < KC_MAX_SYSCTL) {
		snprintf(h->sysctl_key[h->nsysctl], 64, "%s", k);
		snprintf(h->sysctl_val[h->nsysctl], 64, "%s", v);
		h->nsysctl++;
	}
}

/* rmem=4096,131072,6291456 -> "4096 131072 6291456" */
static int triple(struct rd *r, const char *v, char *out)
{
	long a, b, c;
	char x;
	if (sscanf(v, "%ld,%ld,%ld%c", &a, &b, &c, &x) != 3 || a <= 0 || b < a || c < b) {
		err(r, "expected MIN,DEF,MAX, got '%s'", v);
		return -1;
	}
	snprintf(out, 64, "%ld %ld %ld", a, b, c);
	return 0;
}

static int secs(struct rd *r, const char *v, int *out)
{
	kc_time t;
	if (parse_time(r, v, &t, 0) < 0)
		return -1;
	if (t % 1000000) {
		err(r, "the kernel takes whole seconds here, got '%s'", v);
		return -1;
	}
	*out = (int)(t / 1000000);
	return 0;
}

static void do_host(struct rd *r, char **tok, int n)
{
	struct kcase *c = r->c;
	if (n < 3) {
		err(r, "host NAME ADDRESS [param=value ...]");
		return;
	}
	if (c->nhosts >= 2) {
		err(r, "a scenario has exactly two hosts");
		return;
	}
	struct kc_host *h = &c->hosts[c->nhosts++];
	memset(h, 0, sizeof *h);
	h->backlog = 128;                       /* the linux profile's listen backlog */
	snprintf(h->cc, sizeof h->cc, "cubic"); /* the linux profile's cc */
	snprintf(h->name, sizeof h->name, "%s", tok[1]);
	if (parse_addr(tok[2], &h->addr) < 0)
		err(r, "bad address '%s'", tok[2]);
	for (int i = 3; i < n; i++) {
		char *eq = strchr(tok[i], '=');
		if (!eq) {
			err(r, "expected param=value, got '%s'", tok[i]);
			continue;
		}
		*eq = 0;
		const char *k = tok[i], *v = eq + 1;
		char buf[64];
		long x;
		int s, on;
		uint32_t sz;
		if (!strcasecmp(k, "rcvbuf")) {
			if (parse_size(r, v, &sz) == 0)
				h->rcvbuf = (int)sz;
		} else if (!strcasecmp(k, "sndbuf")) {
			if (parse_size(r, v, &sz) == 0)
				h->sndbuf = (int)sz;
		} else if (!strcasecmp(k, "rmem")) {
			if (triple(r, v, buf) == 0)
				add_sysctl(h, "net.ipv4.tcp_rmem", buf);
		} else if (!strcasecmp(k, "wmem")) {
			if (triple(r, v, buf) == 0)
				add_sysctl(h, "net.ipv4.tcp_wmem", buf);
		} else if (!strcasecmp(k, "keepalive")) {
			parse_onoff(r, v, &h->keepalive);
		} else if (!strcasecmp(k, "keepalive_idle")) {
			secs(r, v, &h->ka_idle);
		} else if (!strcasecmp(k, "keepalive_intvl")) {
			secs(r, v, &h->ka_intvl);
		} else if (!strcasecmp(k, "keepalive_probes")) {
			if (parse_int(r, v, 1, 127, &x) == 0)
				h->ka_probes = (int)x;
		} else if (!strcasecmp(k, "fin_timeout")) {
			if (secs(r, v, &s) == 0) {
				snprintf(buf, sizeof buf, "%d", s);
				add_sysctl(h, "net.ipv4.tcp_fin_timeout", buf);
			}
		} else if (!strcasecmp(k, "syn_retries") || !strcasecmp(k, "synack_retries") ||
		           !strcasecmp(k, "syn_linear_timeouts")) {
			if (parse_int(r, v, 0, 127, &x) == 0) {
				char key[64];
				snprintf(key, sizeof key, "net.ipv4.tcp_%s", k);
				for (char *p = key; *p; p++)
					*p = (char)tolower((unsigned char)*p);
				snprintf(buf, sizeof buf, "%ld", x);
				add_sysctl(h, key, buf);
			}
		} else if (!strcasecmp(k, "data_retries")) {
			if (parse_int(r, v, 0, 255, &x) == 0) {
				snprintf(buf, sizeof buf, "%ld", x);
				add_sysctl(h, "net.ipv4.tcp_retries2", buf);
			}
		} else if (!strcasecmp(k, "syncookies") || !strcasecmp(k, "rfc1337") ||
		           !strcasecmp(k, "abort_on_overflow") || !strcasecmp(k, "sack") ||
		           !strcasecmp(k, "timestamps")) {
			static const char *const keys[][2] = {
			    {"syncookies", "net.ipv4.tcp_syncookies"},
			    {"rfc1337", "net.ipv4.tcp_rfc1337"},
			    {"abort_on_overflow", "net.ipv4.tcp_abort_on_overflow"},
			    {"sack", "net.ipv4.tcp_sack"},
			    {"timestamps", "net.ipv4.tcp_timestamps"}};
			if (parse_onoff(r, v, &on) == 0)
				for (unsigned j = 0; j < sizeof keys / sizeof keys[0]; j++)
					if (!strcasecmp(k, keys[j][0]))
						add_sysctl(h, keys[j][1], on ? "1" : "0");
		} else if (!strcasecmp(k, "backlog")) {
			if (parse_int(r, v, 1, 65535, &x) == 0)
				h->backlog = (int)x;
		} else if (!strcasecmp(k, "syn_backlog")) {
			if (parse_int(r, v, 1, 1000000, &x) == 0) {
				snprintf(buf, sizeof buf, "%ld", x);
				add_sysctl(h, "net.ipv4.tcp_max_syn_backlog", buf);
			}
		} else if (!strcasecmp(k, "reuseaddr")) {
			parse_onoff(r, v, &h->reuseaddr);
		} else if (!strcasecmp(k, "isn")) {
			char *e;
			unsigned long long n = strtoull(v, &e, 10);
			if (e == v || *e || n > 4294967295ULL)
				err(r,
				    "isn=N (0 to 4294967295; the recorder cannot take 'random')");
			else {
				h->has_isn = 1;
				h->isn = (uint32_t)n;
			}
		} else if (!strcasecmp(k, "cc")) {
			if (strcasecmp(v, "reno") && strcasecmp(v, "cubic"))
				err(r, "cc is reno or cubic, got '%s'", v);
			else
				snprintf(h->cc, sizeof h->cc, "%s",
				         !strcasecmp(v, "reno") ? "reno" : "cubic");
		} else if (!strcasecmp(k, "ports")) {
			long lo, hi;
			char xx;
			if (sscanf(v, "%ld-%ld%c", &lo, &hi, &xx) != 2 || lo < 1 || hi > 65535 ||
			    lo > hi)
				err(r, "ports=LO-HI, got '%s'", v);
			else {
				snprintf(buf, sizeof buf, "%ld %ld", lo, hi);
				add_sysctl(h, "net.ipv4.ip_local_port_range", buf);
			}
		} else {
			err(r, "host parameter '%s' is not supported by the kernel recorder", k);
		}
	}
}

static int parse_dir(struct rd *r, const char *s)
{
	if (!strcasecmp(s, "both"))
		return 2;
	const char *arrow = strstr(s, "->");
	if (!arrow) {
		err(r, "expected a direction like client->server or both, got '%s'", s);
		return -1;
	}
	char a[KC_NAME] = {0};
	int la = (int)(arrow - s);
	if (la <= 0 || la >= KC_NAME) {
		err(r, "bad direction '%s'", s);
		return -1;
	}
	memcpy(a, s, (size_t)la);
	int ha = kc_host_find(r->c, a), hb = kc_host_find(r->c, arrow + 2);
	if (ha < 0 || hb < 0 || ha == hb) {
		err(r, "bad direction '%s'", s);
		return -1;
	}
	return ha == 0 ? 0 : 1;
}

static void do_link(struct rd *r, char **tok, int n)
{
	int i = 1, dir = 2;
	if (n > 1 && !strchr(tok[1], '=')) {
		dir = parse_dir(r, tok[1]);
		i = 2;
	}
	for (; i < n; i++) {
		char *eq = strchr(tok[i], '=');
		if (!eq) {
			err(r, "expected param=value, got '%s'", tok[i]);
			continue;
		}
		*eq = 0;
		const char *k = tok[i], *v = eq + 1;
		if (!strcasecmp(k, "router_mtu") || !strcasecmp(k, "icmp") ||
		    !strcasecmp(k, "clamp")) {
			long x = 0;
			int on = 0;
			if (k[0] == 'r' || k[0] == 'R' ? parse_int(r, v, 552, 65535, &x) < 0
			                               : parse_onoff(r, v, &on) < 0)
				continue;
			for (int d = 0; d < 2; d++) {
				if (dir != d && dir != 2)
					continue;
				if (k[0] == 'r' || k[0] == 'R')
					r->c->router_mtu[d] = (int)x;
				else if (k[0] == 'i' || k[0] == 'I')
					r->c->icmp[d] = on;
				else
					r->c->clamp[d] = on;
			}
			continue;
		}
		if (!strcasecmp(k, "rate") || !strcasecmp(k, "queue")) {
			uint64_t rate = 0;
			long q = 0;
			if (k[0] == 'r' || k[0] == 'R' ? parse_rate(r, v, &rate) < 0
			                               : parse_int(r, v, 0, 1000000, &q) < 0)
				continue;
			for (int d = 0; d < 2; d++) {
				if (dir != d && dir != 2)
					continue;
				if (k[0] == 'r' || k[0] == 'R')
					r->c->rate_bps[d] = rate;
				else
					r->c->queue[d] = (uint32_t)q;
			}
			continue;
		}
		if (strcasecmp(k, "delay")) {
			err(r, "link parameter '%s' is not supported by the kernel recorder", k);
			continue;
		}
		kc_time t;
		if (parse_time(r, eq + 1, &t, 0) < 0)
			continue;
		if (dir == 0 || dir == 2)
			r->c->delay[0] = t;
		if (dir == 1 || dir == 2)
			r->c->delay[1] = t;
	}
}

static int ordinal(const char *s, uint32_t *out)
{
	char *e;
	long v = strtol(s, &e, 10);
	if (e == s || v < 1)
		return -1;
	if (strcasecmp(e, "st") && strcasecmp(e, "nd") && strcasecmp(e, "rd") &&
	    strcasecmp(e, "th"))
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int match_parse(const char *s)
{
	static const char *const names[] = {"SYN", "SYN+ACK", "ACK", "FIN", "RST", "data", "any"};
	if (!strcasecmp(s, "SYN,ACK"))
		return KM_SYNACK;
	for (int i = 0; i < 7; i++)
		if (!strcasecmp(s, names[i]))
			return i;
	return -1;
}

/* drop|delay DIR [ORDINAL] PATTERN [seq A:B] [by T] | segment N [by T] | from T to T */
static void do_fault(struct rd *r, char **tok, int n, int delay)
{
	struct kcase *c = r->c;
	if (c->nfault >= KC_MAX_FAULTS) {
		err(r, "too many faults");
		return;
	}
	struct kc_fault *f = &c->fault[c->nfault];
	memset(f, 0, sizeof *f);
	f->line = r->line;
	f->delay = delay;
	f->nth = 1;
	int i = 1;
	if (n < 3) {
		err(r, "%s DIRECTION PATTERN", delay ? "delay" : "drop");
		return;
	}
	f->dir = parse_dir(r, tok[i++]);
	if (f->dir < 0)
		return;
	if (!strcasecmp(tok[i], "from")) {
		if (delay || n != i + 4 || strcasecmp(tok[i + 2], "to")) {
			err(r, "drop DIR from T to T");
			return;
		}
		f->kind = KFT_WINDOW;
		if (parse_time(r, tok[i + 1], &f->from, 0) < 0 ||
		    parse_time(r, tok[i + 3], &f->to, 0) < 0)
			return;
		c->nfault++;
		return;
	}
	if (!strcasecmp(tok[i], "segment")) {
		long x;
		if (i + 1 >= n || parse_int(r, tok[i + 1], 1, 1000000, &x) < 0)
			return;
		f->kind = KFT_SEGNO;
		f->nth = (uint32_t)x;
		i += 2;
	} else {
		if (ordinal(tok[i], &f->nth) == 0)
			i++;
		if (i >= n || (f->match = match_parse(tok[i])) < 0) {
			err(r, "unknown segment pattern '%s'", i < n ? tok[i] : "");
			return;
		}
		f->kind = KFT_MATCH;
		i++;
		if (i < n && !strcasecmp(tok[i], "seq")) {
			unsigned long a, b;
			char x;
			if (f->match != KM_DATA || i + 1 >= n ||
			    sscanf(tok[i + 1], "%lu:%lu%c", &a, &b, &x) != 2 || b <= a) {
				err(r, "data seq A:B (relative, A < B)");
				return;
			}
			f->seq_range = 1;
			f->seq_a = (uint32_t)a;
			f->seq_b = (uint32_t)b;
			i += 2;
		}
	}
	if (delay) {
		if (i + 1 >= n || strcasecmp(tok[i], "by") ||
		    parse_time(r, tok[i + 1], &f->by, 0) < 0) {
			err(r, "delay ... by TIME");
			return;
		}
		i += 2;
	}
	if (i != n) {
		err(r, "unexpected '%s'", tok[i]);
		return;
	}
	c->nfault++;
}

/* HOST or HOST.N */
static int hostref(struct rd *r, const char *s, int *host, int *conn)
{
	char name[KC_NAME] = {0};
	const char *dot = strchr(s, '.');
	size_t l = dot ? (size_t)(dot - s) : strlen(s);
	if (l >= KC_NAME) {
		err(r, "bad host '%s'", s);
		return -1;
	}
	memcpy(name, s, l);
	*host = kc_host_find(r->c, name);
	if (*host < 0) {
		err(r, "host '%s' is not declared", name);
		return -1;
	}
	*conn = 0;
	if (dot) {
		char *e;
		long v = strtol(dot + 1, &e, 10);
		if (*e || v < 1) {
			err(r, "expected HOST.N, got '%s'", s);
			return -1;
		}
		*conn = (int)v;
	}
	return 0;
}

static int inject_flags(const char *s)
{
	int f = 0;
	char buf[64];
	snprintf(buf, sizeof buf, "%s", s);
	for (char *p = strtok(buf, ",+"); p; p = strtok(NULL, ",+")) {
		if (!strcasecmp(p, "SYN"))
			f |= KF_SYN;
		else if (!strcasecmp(p, "RST"))
			f |= KF_RST;
		else if (!strcasecmp(p, "ACK"))
			f |= KF_ACK;
		else if (!strcasecmp(p, "FIN"))
			f |= KF_FIN;
		else if (!strcasecmp(p, "PSH"))
			f |= KF_PSH;
		else
			return -1;
	}
	/* the core language's single names: FIN means FIN,ACK (sim/host.c) */
	if (f == KF_FIN)
		f |= KF_ACK;
	return f;
}

static int parse_i32(struct rd *r, const char *s, int32_t *out)
{
	char *e;
	long v = strtol(s, &e, 10);
	if (e == s || *e || v < -2000000000L || v > 2000000000L) {
		err(r, "expected a number, got '%s'", s);
		return -1;
	}
	*out = (int32_t)v;
	return 0;
}

static void do_action(struct rd *r, struct kc_event *e, char **tok, int n)
{
	if (n < 2) {
		err(r, "expected HOST ACTION");
		return;
	}
	if (hostref(r, tok[0], &e->host, &e->conn) < 0)
		return;
	e->act = -1;
	for (int k = 0; k < KA_COUNT; k++)
		if (!strcasecmp(tok[1], kc_act_names[k]))
			e->act = k;
	if (!strcasecmp(tok[1], "stop_reading"))
		e->act = KA_STOP_READING;
	if (e->act < 0) {
		err(r, "action '%s' is not supported by the kernel recorder", tok[1]);
		return;
	}
	e->backlog = -1;
	int i = 2;
	long x;
	switch (e->act) {
	case KA_LISTEN:
		if (i >= n || parse_int(r, tok[i], 1, 65535, &x) < 0)
			return;
		e->port = (int)x;
		for (i++; i < n; i++) {
			if (!strncasecmp(tok[i], "backlog=", 8)) {
				if (parse_int(r, tok[i] + 8, 1, 65535, &x) == 0)
					e->backlog = (int)x;
			} else if (!strcasecmp(tok[i], "accept=off")) {
				e->accept_off = 1;
			} else if (!strcasecmp(tok[i], "accept=on")) {
				e->accept_off = 0;
			} else if (!strcasecmp(tok[i], "nodelay")) {
				e->nodelay = 1;
			} else
				err(r, "unexpected '%s' after listen", tok[i]);
		}
		return;
	case KA_CONNECT: {
		if (i >= n) {
			err(r, "connect HOST:PORT");
			return;
		}
		char *colon = strchr(tok[i], ':');
		if (!colon || parse_int(r, colon + 1, 1, 65535, &x) < 0) {
			err(r, "expected HOST:PORT");
			return;
		}
		e->port = (int)x;
		for (i++; i < n; i++) {
			if (!strcasecmp(tok[i], "from") && i + 1 < n) {
				if (parse_int(r, tok[++i], 1, 65535, &x) == 0)
					e->from_port = (int)x;
			} else if (!strcasecmp(tok[i], "nodelay")) {
				e->nodelay = 1;
			} else
				err(r, "unexpected '%s' after connect", tok[i]);
		}
		return;
	}
	case KA_SEND:
		if (i >= n) {
			err(r, "send N");
			return;
		}
		if (tok[i][0] == '"') {
			uint32_t len = 0;
			for (const char *p = tok[i] + 1; *p && *p != '"'; p++) {
				if (*p == '\\' && p[1])
					p++;
				len++;
			}
			e->nbytes = len;
		} else if (parse_size(r, tok[i], &e->nbytes) < 0)
			return;
		if (i + 1 < n)
			err(r, "unexpected '%s'", tok[i + 1]);
		return;
	case KA_INJECT:
		if (i >= n || (e->iflags = inject_flags(tok[i])) < 0) {
			err(r, "inject FLAGS [offset N] [ack nxt|una[+-N]] [data N] [to PORT] "
			       "[from PORT]");
			return;
		}
		for (i++; i < n; i++) {
			if (!strcasecmp(tok[i], "offset") && i + 1 < n) {
				parse_i32(r, tok[++i], &e->offset);
			} else if (!strcasecmp(tok[i], "ack") && i + 1 < n) {
				const char *v = tok[++i];
				if (!strncasecmp(v, "nxt", 3))
					e->ack_ref = 0;
				else if (!strncasecmp(v, "una", 3))
					e->ack_ref = 1;
				else {
					err(r, "ack nxt[+N] or ack una[+N]");
					continue;
				}
				e->ack_offset = 0;
				if (v[3])
					parse_i32(r, v + 3 + (v[3] == '+'), &e->ack_offset);
			} else if (!strcasecmp(tok[i], "data") && i + 1 < n) {
				parse_size(r, tok[++i], &e->idata);
			} else if (!strcasecmp(tok[i], "to") && i + 1 < n) {
				if (parse_int(r, tok[++i], 1, 65535, &x) == 0)
					e->to_port = (int)x;
			} else if (!strcasecmp(tok[i], "from") && i + 1 < n) {
				if (parse_int(r, tok[++i], 1, 65535, &x) == 0)
					e->from_port = (int)x;
			} else
				err(r, "unexpected '%s' after inject", tok[i]);
		}
		return;
	case KA_READ:
		/* read N: one recv() of at most N bytes, then no more reading */
		if (i < n && parse_size(r, tok[i], &e->nbytes) == 0 && !e->nbytes)
			err(r, "read N needs N > 0");
		if (i + 1 < n)
			err(r, "unexpected '%s' after read", tok[i + 1]);
		return;
	default:
		if (i < n)
			err(r, "%s takes no arguments", kc_act_names[e->act]);
		return;
	}
}

static void do_line(struct rd *r, char **tok, int n)
{
	struct kcase *c = r->c;
	const char *d = tok[0];
	if (!strcasecmp(d, "host")) {
		if (r->pass == 0)
			do_host(r, tok, n);
		return;
	}
	if (r->pass == 0)
		return;
	if (!strcasecmp(d, "title") || !strcasecmp(d, "about") || !strcasecmp(d, "seed") ||
	    !strcasecmp(d, "profile"))
		return;
	if (!strcasecmp(d, "end")) {
		if (n == 2)
			parse_time(r, tok[1], &c->end, 0);
		return;
	}
	if (!strcasecmp(d, "link")) {
		do_link(r, tok, n);
		return;
	}
	if (!strcasecmp(d, "drop") || !strcasecmp(d, "delay")) {
		do_fault(r, tok, n, d[1] == 'e' || d[1] == 'E');
		return;
	}
	if (!strcasecmp(d, "note") || !strcasecmp(d, "expect")) {
		/* only their times matter here, for '+' */
		kc_time t;
		if (n > 1 && (isdigit((unsigned char)tok[1][0]) || tok[1][0] == '+'))
			if (parse_time(r, tok[1], &t, 1) == 0)
				r->prev = t;
		return;
	}
	if (!strcasecmp(d, "at") || !strcasecmp(d, "on")) {
		if (c->nev >= KC_MAX_EVENTS) {
			err(r, "too many timeline lines");
			return;
		}
		struct kc_event *e = &c->ev[c->nev];
		memset(e, 0, sizeof *e);
		e->line = r->line;
		int i;
		if (d[0] == 'a' || d[0] == 'A') {
			if (n < 2 || parse_time(r, tok[1], &e->t, 1) < 0)
				return;
			r->prev = e->t;
			i = 2;
		} else {
			int conn;
			if (n < 4 || hostref(r, tok[1], &e->on_host, &conn) < 0)
				return;
			e->on = 1;
			snprintf(e->on_state, sizeof e->on_state, "%s", tok[2]);
			for (char *p = e->on_state; *p; p++)
				*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
			i = 3;
			if (tok[3][0] == '+') {
				if (parse_time(r, tok[3] + 1, &e->t, 0) < 0)
					return;
				i = 4;
			}
		}
		int before = r->errors;
		do_action(r, e, tok + i, n - i);
		if (r->errors == before)
			c->nev++;
		return;
	}
	err(r, "directive '%s' is not supported by the kernel recorder", d);
}

int kc_load(const char *path, struct kcase *c)
{
	memset(c, 0, sizeof *c);
	snprintf(c->path, sizeof c->path, "%s", path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(c->name, sizeof c->name, "%s", base);
	char *dot = strrchr(c->name, '.');
	if (dot)
		*dot = 0;
	c->delay[0] = c->delay[1] = 10000; /* the language's default link */
	c->icmp[0] = c->icmp[1] = 1;       /* a router hop answers with ICMP */
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	struct rd r = {.c = c, .path = path};
	char line[8192], joined[16384];
	for (r.pass = 0; r.pass < 2; r.pass++) {
		rewind(f);
		r.line = 0;
		r.prev = 0;
		int start = 0;
		joined[0] = 0;
		while (fgets(line, sizeof line, f)) {
			r.line++;
			size_t l = strlen(line);
			while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
				line[--l] = 0;
			/* cut the comment (outside quotes) before looking for '\' */
			int inq = 0;
			for (size_t k = 0; k < l; k++) {
				if (line[k] == '"' && (k == 0 || line[k - 1] != '\\'))
					inq = !inq;
				if (line[k] == '#' && !inq) {
					line[k] = 0;
					l = k;
					break;
				}
			}
			while (l && (line[l - 1] == ' ' || line[l - 1] == '\t'))
				line[--l] = 0;
			if (!start)
				start = r.line;
			int cont = l && line[l - 1] == '\\';
			if (cont)
				line[--l] = 0;
			strncat(joined, line, sizeof joined - strlen(joined) - 2);
			strcat(joined, " ");
			if (cont)
				continue;
			int here = r.line;
			r.line = start;
			char *tok[MAXTOK];
			int n = split(joined, tok);
			if (n)
				do_line(&r, tok, n);
			r.line = here;
			start = 0;
			joined[0] = 0;
		}
		if (r.pass == 0 && c->nhosts != 2) {
			r.line = 0;
			err(&r, "a scenario needs two hosts");
			break;
		}
	}
	fclose(f);
	if (!c->end) {
		r.line = 0;
		err(&r, "kernel cases must bound their run with 'end T'");
	}
	for (int i = 0; i < c->nev; i++)
		if (c->ev[i].on && c->ev[i].on_host != c->ev[i].host) {
			r.line = c->ev[i].line;
			err(&r, "the recorder runs 'on' lines only when the same host acts");
		}
	for (int d = 0; d < 2; d++)
		if (c->clamp[d] && !c->router_mtu[d]) {
			r.line = 0;
			err(&r, "clamp=on needs router_mtu= for that direction");
		}
	for (int i = 0; i < c->nev; i++)
		if (c->ev[i].act == KA_INJECT && c->queue[1 - c->ev[i].host]) {
			r.line = c->ev[i].line;
			err(&r,
			    "the recorder cannot drop a forged segment at a full queue: no inject "
			    "on a direction with queue=");
		}
	for (int i = 0; i < c->nev; i++)
		if (c->ev[i].act == KA_LISTEN && c->hosts[c->ev[i].host].has_isn) {
			r.line = c->ev[i].line;
			err(&r,
			    "the kernel picks a listener's ISN itself: isn= only on a host that "
			    "connects");
		}
	return r.errors ? -1 : 0;
}

/* The namespaces' stock settings: a stock Linux 6.18 (see README.md). */
static const char *const stock[][2] = {
    /* stock since 6.16: tcp_init() makes the maximum min(32 MiB, memory) */
    {"net.ipv4.tcp_rmem", "4096 131072 33554432"},
    {"net.ipv4.tcp_wmem", "4096 16384 4194304"},
    {"net.ipv4.tcp_congestion_control", "cubic"},
    {"net.ipv4.tcp_syncookies", "1"},
    {"net.ipv4.tcp_timestamps", "1"},
    {"net.ipv4.tcp_sack", "1"},
    {"net.ipv4.tcp_window_scaling", "1"},
    {"net.ipv4.tcp_syn_retries", "6"},
    {"net.ipv4.tcp_synack_retries", "5"},
    {"net.ipv4.tcp_fin_timeout", "60"},
    {"net.ipv4.tcp_keepalive_time", "7200"},
    {"net.ipv4.tcp_keepalive_intvl", "75"},
    {"net.ipv4.tcp_keepalive_probes", "9"},
    {"net.ipv4.tcp_retries2", "15"},
    {"net.core.somaxconn", "4096"},
    {"net.ipv4.tcp_max_syn_backlog", "2048"},
    {"net.ipv4.tcp_abort_on_overflow", "0"},
    {"net.ipv4.tcp_rfc1337", "0"},
    {"net.ipv4.ip_local_port_range", "32768 60999"},
    {"net.ipv4.tcp_syn_linear_timeouts", "4"},
    {"net.ipv4.tcp_no_metrics_save", "0"},
    {"net.ipv4.tcp_ecn", "2"},
};

int kc_sysctls(const struct kcase *c, int host, char keys[][64], char vals[][64], int max)
{
	int n = 0;
	const struct kc_host *h = &c->hosts[host];
	for (unsigned i = 0; i < sizeof stock / sizeof stock[0] && n < max; i++, n++) {
		snprintf(keys[n], 64, "%s", stock[i][0]);
		snprintf(vals[n], 64, "%s", stock[i][1]);
		if (!strcmp(stock[i][0], "net.ipv4.tcp_congestion_control") && h->cc[0])
			snprintf(vals[n], 64, "%s", h->cc); /* the host's cc= */
		for (int j = 0; j < h->nsysctl; j++)
			if (!strcmp(h->sysctl_key[j], stock[i][0]))
				snprintf(vals[n], 64, "%s", h->sysctl_val[j]);
	}
	return n;
}

void kc_flags_str(int f, char *b)
{
	int n = 0;
	if (f & KF_FIN)
		b[n++] = 'F';
	if (f & KF_SYN)
		b[n++] = 'S';
	if (f & KF_RST)
		b[n++] = 'R';
	if (f & KF_PSH)
		b[n++] = 'P';
	if (f & 32)
		b[n++] = 'U';
	if (f & KF_ACK)
		b[n++] = '.';
	if (f & 64)
		b[n++] = 'E';
	if (f & 128)
		b[n++] = 'W';
	if (!n)
		b[n++] = '-';
	b[n] = 0;
}

void kc_time_str(kc_time t, char *buf)
{
	const char *sign = t < 0 ? "-" : "";
	if (t < 0)
		t = -t;
	sprintf(buf, "%s%lld.%06lld", sign, (long long)(t / 1000000), (long long)(t % 1000000));
}
