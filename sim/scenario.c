/* scenario: the parser of *.tcps files (language: docs/scenario-format.md).
 * scn_load_file() -> scn_parse() -> scn_lex() splits lines into words, then
 * host lines are parsed first (so any line may name any host), then every
 * other line in file order, then each host's overrides are applied on top of
 * the chosen profile.  Diagnostics are sorted by position and capped. */
#include "scenario.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scn_lex.h"
#include "segment.h"
#include "simerr.h"
#include "tcpstate.h"

#define ERRSZ 200
#define MAX_COUNT 1000000u /* flood N, expect count N, segment N */
#define MAX_SEND (1024u * 1024u * 1024u)

/* Per-host parameter overrides, applied on top of the profile at the end. */
struct host_ov {
	struct tcp_params v;
	uint64_t set; /* bit i: host_params[i] was given */
	int line;
};

struct parser {
	struct scenario *s;
	struct scn_sink *k;
	const struct scn_tok *t; /* the current line's tokens */
	int nt;
	struct host_ov ov[SCN_MAX_HOSTS];
	int title_line, seed_line, profile_line, end_line;
	simtime_t last; /* time of the latest timed line, for '+T' */
	size_t about_len;
	int first_timeline_line;
	int cap_events, cap_faults, cap_notes, cap_expects;
	int oom;
};

/* ---- diagnostics ---- */

static int err_at(struct parser *p, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int err_at(struct parser *p, int line, int col, const char *fmt, ...)
{
	char msg[sizeof((struct scn_diag *)0)->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	scn_sink_add(p->k, line, col, "%s", msg);
	return -1;
}

#define ERR(p, tok, ...) err_at((p), (tok)->line, (tok)->col, __VA_ARGS__)

/* Where a missing word would go: just after the line's last token. */
static struct scn_tok end_tok(const struct parser *p)
{
	const struct scn_tok *l = &p->t[p->nt - 1];
	struct scn_tok e = *l;
	e.col = l->col + (l->kind == TOK_STRING ? l->len + 2 : l->len);
	e.len = 0;
	return e;
}

static int missing(struct parser *p, const char *msg)
{
	struct scn_tok e = end_tok(p);
	return ERR(p, &e, "%s", msg);
}

static const char *q(char *buf, const struct scn_tok *t)
{
	return scn_quote(buf, 48, t->s, t->len);
}

/* ---- small pieces ---- */

static char *memdup0(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

static void *grow(struct parser *p, void *v, int *cap, int n, size_t size)
{
	if (n < *cap)
		return v;
	int ncap = *cap ? *cap * 2 : 16;
	void *nv = realloc(v, (size_t)ncap * size);
	if (!nv) {
		p->oom = 1;
		return NULL;
	}
	*cap = ncap;
	return nv;
}

static const struct scn_tok *tok(const struct parser *p, int i)
{
	return i < p->nt ? &p->t[i] : NULL;
}

static const struct scn_tok *word(const struct parser *p, int i)
{
	const struct scn_tok *t = tok(p, i);
	return t && t->kind == TOK_WORD ? t : NULL;
}

static int is(const struct scn_tok *t, const char *kw)
{
	return t && t->kind == TOK_WORD && scn_word_is(t->s, t->len, kw);
}

static int no_more(struct parser *p, int i, const char *what)
{
	char b[48];
	const struct scn_tok *t = tok(p, i);
	if (!t)
		return 0;
	if (t->kind == TOK_STRING)
		return ERR(p, t, "unexpected string; %s", what);
	return ERR(p, t, "unexpected '%s'; %s", q(b, t), what);
}

static int starts_time(const struct scn_tok *t)
{
	return t && t->kind == TOK_WORD && t->len > 0 &&
	       ((t->s[0] >= '0' && t->s[0] <= '9') || t->s[0] == '+' || t->s[0] == '.' ||
	        t->s[0] == '-');
}

/* A time, or '+T' after the latest timed line when rel is set. */
static int parse_time(struct parser *p, const struct scn_tok *t, int rel, simtime_t *out)
{
	char e[ERRSZ];
	simtime_t v;
	int plus = t->len > 0 && t->s[0] == '+';
	if (plus && !rel)
		return ERR(p, t, "a '+' time is not allowed here; write an absolute time");
	if (scn_lit_time(t->s + plus, t->len - plus, &v, e, sizeof e) < 0)
		return ERR(p, t, "%s", e);
	if (plus) {
		if (v > INT64_MAX / 2 - p->last)
			return ERR(p, t, "time is too large");
		v += p->last;
	}
	*out = v;
	return 0;
}

static int parse_uint(struct parser *p, const struct scn_tok *t, uint64_t min, uint64_t max,
                      const char *what, uint64_t *out)
{
	char b[48], e[ERRSZ];
	uint64_t v;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "%s must be a whole number, not a string", what);
	for (int i = 0; i < t->len; i++)
		if (t->s[i] < '0' || t->s[i] > '9')
			return ERR(p, t, "%s must be a whole number, got '%s'", what, q(b, t));
	if (t->len == 0 || scn_lit_uint(t->s, t->len, UINT64_MAX, &v, e, sizeof e) < 0 || v < min ||
	    v > max)
		return ERR(p, t, "%s must be between %llu and %llu", what, (unsigned long long)min,
		           (unsigned long long)max);
	*out = v;
	return 0;
}

static int parse_port(struct parser *p, const struct scn_tok *t, uint16_t *out)
{
	uint64_t v;
	if (parse_uint(p, t, 1, 65535, "a port", &v) < 0)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

static void host_list(const struct scenario *s, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < s->nhosts; i++) {
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s%s", i ? ", " : "", s->hosts[i].name);
	}
}

static const char *const action_names[ACT_COUNT] = {
    [ACT_LISTEN] = "listen", [ACT_CONNECT] = "connect",   [ACT_SEND] = "send",
    [ACT_CLOSE] = "close",   [ACT_SHUTDOWN] = "shutdown", [ACT_ABORT] = "abort",
    [ACT_CRASH] = "crash",   [ACT_REBOOT] = "reboot",     [ACT_STOP_READING] = "stop-reading",
    [ACT_READ] = "read",     [ACT_FLOOD] = "flood",       [ACT_INJECT] = "inject",
};

static int action_find(const char *s, int len)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (scn_word_is(s, len, action_names[i]))
			return i;
	if (scn_word_is(s, len, "stop_reading"))
		return ACT_STOP_READING;
	return -1;
}

static int undeclared(struct parser *p, int line, int col, const char *name, int len)
{
	char b[48], list[2 * SCN_NAME_MAX + 8];
	const struct scenario *s = p->s;
	scn_quote(b, sizeof b, name, len);
	host_list(s, list, sizeof list);
	if (len == 0)
		return err_at(p, line, col, "expected a host name");
	if (s->nhosts == 0)
		return err_at(p, line, col,
		              "host '%s' is not declared; declare it with: host NAME ADDRESS", b);
	if (action_find(name, len) >= 0)
		return err_at(p, line, col, "expected a host before the action '%s'; %s %s", b,
		              s->nhosts == 1 ? "the only host is" : "hosts are", list);
	return err_at(p, line, col, "host '%s' is not declared; %s %s", b,
	              s->nhosts == 1 ? "the only host is" : "hosts are", list);
}

/* A plain host name. */
static int parse_host(struct parser *p, const struct scn_tok *t, int *host)
{
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected a host name, not a string");
	*host = scn_host_find(p->s, t->s, t->len);
	if (*host < 0)
		return undeclared(p, t->line, t->col, t->s, t->len);
	return 0;
}

/* HOST or HOST.N (N from 1); *conn = 0 for plain HOST. */
static int parse_hostref(struct parser *p, const struct scn_tok *t, int *host, int *conn)
{
	char b[48], e[ERRSZ];
	uint64_t v;
	int n = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected a host name, not a string");
	while (n < t->len && t->s[n] != '.')
		n++;
	*host = scn_host_find(p->s, t->s, n);
	if (*host < 0)
		return undeclared(p, t->line, t->col, t->s, n);
	*conn = 0;
	if (n == t->len)
		return 0;
	if (scn_lit_uint(t->s + n + 1, t->len - n - 1, MAX_COUNT, &v, e, sizeof e) < 0 || v == 0)
		return ERR(p, t, "expected HOST.N with N counted from 1, like %s.2, got '%s'",
		           p->s->hosts[*host].name, q(b, t));
	*conn = (int)v;
	return 0;
}

static int parse_state(struct parser *p, const struct scn_tok *t, int *state)
{
	static const char *const names[] = {
	    "CLOSED",     "LISTEN",     "SYN_SENT", "SYN_RCVD", "ESTABLISHED", "FIN_WAIT_1",
	    "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",  "LAST_ACK", "TIME_WAIT",
	};
	char b[48];
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected a state name, not a string");
	*state = tcps_parse(t->s, t->len);
	if (*state >= 0)
		return 0;
	const char *sug = scn_suggest(t->s, t->len, names, (int)(sizeof names / sizeof *names));
	if (sug)
		return ERR(p, t, "unknown state '%s'; did you mean '%s'?", q(b, t), sug);
	return ERR(p, t,
	           "unknown state '%s'; states are CLOSED, LISTEN, SYN_SENT, SYN_RCVD, "
	           "ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT",
	           q(b, t));
}

static int parse_errno(struct parser *p, const struct scn_tok *t, int *e)
{
	const char *names[SE_COUNT];
	char b[48];
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected an error name like ETIMEDOUT, not a string");
	*e = simerr_parse(t->s, t->len);
	if (*e >= 0)
		return 0;
	for (int i = 1; i < SE_COUNT; i++)
		names[i - 1] = simerr_name(i);
	const char *sug = scn_suggest(t->s, t->len, names, SE_COUNT - 1);
	if (sug)
		return ERR(p, t, "unknown error name '%s'; did you mean '%s'?", q(b, t), sug);
	char list[200] = "";
	for (int i = 1; i < SE_COUNT; i++) {
		size_t n = strlen(list);
		snprintf(list + n, sizeof list - n, "%s%s", i > 1 ? ", " : "", names[i - 1]);
	}
	return ERR(p, t, "unknown error name '%s'; use one of %s", q(b, t), list);
}

/* Copies a quoted string into a new NUL-terminated buffer. */
static char *string_dup(struct parser *p, const struct scn_tok *t)
{
	char *r = memdup0(t->s, (size_t)t->len);
	if (!r)
		p->oom = 1;
	return r;
}

/* ---- header ---- */

static int dup_line(struct parser *p, const struct scn_tok *t, int *seen, const char *what)
{
	if (*seen)
		return ERR(p, t, "%s is already set on line %d", what, *seen);
	*seen = t->line;
	return 0;
}

static int d_title(struct parser *p)
{
	const struct scn_tok *t = tok(p, 1);
	if (!t || t->kind != TOK_STRING) {
		if (t)
			return ERR(p, t, "title needs a quoted string: title \"...\"");
		return missing(p, "title needs a quoted string: title \"...\"");
	}
	if (dup_line(p, &p->t[0], &p->title_line, "the title") < 0)
		return -1;
	if (no_more(p, 2, "title takes one quoted string") < 0)
		return -1;
	p->s->title = string_dup(p, t);
	return 0;
}

static int d_about(struct parser *p)
{
	const struct scn_tok *t = tok(p, 1);
	if (!t || t->kind != TOK_STRING) {
		if (t)
			return ERR(p, t, "about needs a quoted string: about \"...\"");
		return missing(p, "about needs a quoted string: about \"...\"");
	}
	if (no_more(p, 2, "about takes one quoted string; add another about line") < 0)
		return -1;
	struct scenario *s = p->s;
	size_t old = s->about ? p->about_len : 0;
	char *n = realloc(s->about, old + (old ? 1 : 0) + (size_t)t->len + 1);
	if (!n) {
		p->oom = 1;
		return -1;
	}
	if (old)
		n[old++] = '\n';
	memcpy(n + old, t->s, (size_t)t->len);
	n[old + (size_t)t->len] = '\0';
	s->about = n;
	p->about_len = old + (size_t)t->len;
	return 0;
}

static int d_seed(struct parser *p)
{
	const struct scn_tok *t = tok(p, 1);
	uint64_t v;
	if (!t)
		return missing(p, "seed needs a number: seed 7");
	if (parse_uint(p, t, 0, UINT64_MAX, "the seed", &v) < 0)
		return -1;
	if (dup_line(p, &p->t[0], &p->seed_line, "the seed") < 0)
		return -1;
	if (no_more(p, 2, "seed takes one number") < 0)
		return -1;
	p->s->seed = v;
	return 0;
}

static int d_profile(struct parser *p)
{
	static const char *const names[] = {"linux", "rfc9293"};
	char b[48];
	const struct scn_tok *t = word(p, 1);
	if (!t) {
		if (tok(p, 1))
			return ERR(p, tok(p, 1), "profile needs a name: linux or rfc9293");
		return missing(p, "profile needs a name: linux or rfc9293");
	}
	int id = profile_parse(t->s, t->len);
	if (id < 0) {
		const char *sug = scn_suggest(t->s, t->len, names, 2);
		if (sug)
			return ERR(p, t, "unknown profile '%s'; did you mean '%s'?", q(b, t), sug);
		return ERR(p, t, "unknown profile '%s'; use linux or rfc9293", q(b, t));
	}
	if (dup_line(p, &p->t[0], &p->profile_line, "the profile") < 0)
		return -1;
	if (no_more(p, 2, "profile takes one name") < 0)
		return -1;
	p->s->profile = id;
	return 0;
}

static int d_end(struct parser *p)
{
	const struct scn_tok *t = tok(p, 1);
	simtime_t v;
	if (!t)
		return missing(p, "end needs a time: end 30s");
	if (t->kind != TOK_WORD)
		return ERR(p, t, "end needs a time: end 30s");
	if (parse_time(p, t, 1, &v) < 0)
		return -1;
	if (v <= 0)
		return ERR(p, t, "end must be after 0s");
	if (dup_line(p, &p->t[0], &p->end_line, "the end") < 0)
		return -1;
	if (no_more(p, 2, "end takes one time") < 0)
		return -1;
	p->s->end = v;
	return 0;
}

/* ---- hosts ---- */

enum pkind { PK_TIME, PK_TIME_POS, PK_SIZE, PK_U16, PK_INT, PK_BOOL, PK_ISN, PK_PORTS, PK_WSCALE };

struct hparam {
	const char *name;
	int kind;
	size_t off;
	long long min, max;
};

#define HP(name, kind, field, min, max)                                                            \
	{                                                                                          \
		name, kind, offsetof(struct tcp_params, field), min, max                           \
	}

static const struct hparam host_params[] = {
    HP("isn", PK_ISN, isn, 0, 0),
    HP("mss", PK_U16, mss, 64, 65535),
    HP("rcvbuf", PK_SIZE, rcvbuf, 1, 1 << 30),
    HP("sndbuf", PK_SIZE, sndbuf, 1, 1 << 30),
    HP("rto_initial", PK_TIME_POS, rto_initial, 0, 0),
    HP("rto_min", PK_TIME_POS, rto_min, 0, 0),
    HP("rto_max", PK_TIME_POS, rto_max, 0, 0),
    HP("syn_retries", PK_INT, syn_retries, 0, 255),
    HP("synack_retries", PK_INT, synack_retries, 0, 255),
    HP("data_retries", PK_INT, data_retries, 0, 255),
    HP("msl", PK_TIME, msl, 0, 0),
    HP("fin_timeout", PK_TIME, fin_timeout, 0, 0),
    HP("backlog", PK_INT, backlog, 0, 65535),
    HP("syn_backlog", PK_INT, syn_backlog, 0, 1000000),
    HP("syncookies", PK_BOOL, syncookies, 0, 1),
    HP("reuseaddr", PK_BOOL, reuseaddr, 0, 1),
    HP("rfc1337", PK_BOOL, rfc1337, 0, 1),
    HP("ports", PK_PORTS, port_lo, 1, 65535),
    HP("delack", PK_BOOL, delack, 0, 1),
    HP("delack_time", PK_TIME, delack_time, 0, 0),
    HP("keepalive", PK_BOOL, keepalive, 0, 1),
    HP("keepalive_idle", PK_TIME_POS, keepalive_idle, 0, 0),
    HP("keepalive_intvl", PK_TIME_POS, keepalive_intvl, 0, 0),
    HP("keepalive_probes", PK_INT, keepalive_probes, 1, 255),
    HP("wscale", PK_WSCALE, wscale, 0, 14),
    HP("sack", PK_BOOL, sack, 0, 1),
    HP("timestamps", PK_BOOL, timestamps, 0, 1),
};

#define NHOST_PARAMS ((int)(sizeof host_params / sizeof *host_params))

/* A word `name=value` split into a name token and a value token. */
static int split_param(struct parser *p, const struct scn_tok *t, struct scn_tok *name,
                       struct scn_tok *val)
{
	char b[48];
	int eq = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected param=value, got a string");
	while (eq < t->len && t->s[eq] != '=')
		eq++;
	if (eq == t->len)
		return ERR(p, t, "expected param=value, got '%s'", q(b, t));
	*name = *t;
	name->len = eq;
	*val = *t;
	val->s += eq + 1;
	val->len -= eq + 1;
	val->col += eq + 1;
	if (val->len == 0)
		return ERR(p, val, "'%s' needs a value after '='", q(b, name));
	if (eq == 0)
		return ERR(p, t, "expected a parameter name before '='");
	return 0;
}

static int parse_onoff(struct parser *p, const struct scn_tok *name, const struct scn_tok *v,
                       int *out)
{
	char b[48], c[48];
	if (scn_word_is(v->s, v->len, "on"))
		*out = 1;
	else if (scn_word_is(v->s, v->len, "off"))
		*out = 0;
	else
		return ERR(p, v, "%s is on or off, got '%s'", q(c, name), q(b, v));
	return 0;
}

static int host_param(struct parser *p, struct host_ov *ov, const struct scn_tok *t)
{
	struct scn_tok nm, v;
	char b[48], e[ERRSZ];
	if (split_param(p, t, &nm, &v) < 0)
		return -1;
	int idx = -1;
	for (int i = 0; i < NHOST_PARAMS; i++)
		if (scn_word_is(nm.s, nm.len, host_params[i].name))
			idx = i;
	if (idx < 0) {
		const char *cands[NHOST_PARAMS];
		for (int i = 0; i < NHOST_PARAMS; i++)
			cands[i] = host_params[i].name;
		const char *sug = scn_suggest(nm.s, nm.len, cands, NHOST_PARAMS);
		if (sug)
			return ERR(p, &nm, "unknown host parameter '%s'; did you mean '%s'?",
			           q(b, &nm), sug);
		return ERR(p, &nm,
		           "unknown host parameter '%s'; see the table in "
		           "docs/scenario-format.md",
		           q(b, &nm));
	}
	const struct hparam *hp = &host_params[idx];
	char *field = (char *)&ov->v + hp->off;
	uint64_t u;
	simtime_t tv;
	int iv = 0;
	switch (hp->kind) {
	case PK_TIME:
	case PK_TIME_POS:
		if (scn_lit_time(v.s, v.len, &tv, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (hp->kind == PK_TIME_POS && tv == 0)
			return ERR(p, &v, "%s must be more than 0s", hp->name);
		memcpy(field, &tv, sizeof tv);
		break;
	case PK_SIZE:
		if (scn_lit_size(v.s, v.len, &u, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (u < (uint64_t)hp->min || u > (uint64_t)hp->max)
			return ERR(p, &v, "%s must be between %lld bytes and 1GiB", hp->name,
			           hp->min);
		{
			uint32_t u32 = (uint32_t)u;
			memcpy(field, &u32, sizeof u32);
		}
		break;
	case PK_U16:
	case PK_INT:
		if (parse_uint(p, &v, (uint64_t)hp->min, (uint64_t)hp->max, hp->name, &u) < 0)
			return -1;
		if (hp->kind == PK_U16) {
			uint16_t u16 = (uint16_t)u;
			memcpy(field, &u16, sizeof u16);
		} else {
			iv = (int)u;
			memcpy(field, &iv, sizeof iv);
		}
		break;
	case PK_BOOL:
		if (parse_onoff(p, &nm, &v, &iv) < 0)
			return -1;
		memcpy(field, &iv, sizeof iv);
		break;
	case PK_WSCALE:
		if (scn_word_is(v.s, v.len, "off")) {
			ov->v.wscale = -1;
		} else {
			if (parse_uint(p, &v, 0, 14, "wscale", &u) < 0)
				return -1;
			ov->v.wscale = (int)u;
		}
		break;
	case PK_ISN:
		if (scn_word_is(v.s, v.len, "random")) {
			ov->v.isn_random = 1;
			ov->v.isn = 0;
		} else {
			if (scn_lit_uint(v.s, v.len, UINT32_MAX, &u, e, sizeof e) < 0)
				return ERR(p, &v,
				           "isn is a number from 0 to 4294967295, or random");
			ov->v.isn_random = 0;
			ov->v.isn = (uint32_t)u;
		}
		break;
	case PK_PORTS: {
		int dash = 0;
		while (dash < v.len && v.s[dash] != '-')
			dash++;
		if (dash == v.len)
			return ERR(p, &v, "ports needs a range LO-HI, like 32768-60999");
		struct scn_tok lo = v, hi = v;
		lo.len = dash;
		hi.s += dash + 1;
		hi.len -= dash + 1;
		hi.col += dash + 1;
		uint16_t plo, phi;
		if (parse_port(p, &lo, &plo) < 0 || parse_port(p, &hi, &phi) < 0)
			return -1;
		if (plo > phi)
			return ERR(p, &v, "ports range goes from low to high, like 32768-60999");
		ov->v.port_lo = plo;
		ov->v.port_hi = phi;
		break;
	}
	}
	ov->set |= (uint64_t)1 << idx;
	return 0;
}

static void host_apply(struct tcp_params *dst, const struct host_ov *ov)
{
	static const size_t field_size[] = {
	    [PK_TIME] = sizeof(simtime_t), [PK_TIME_POS] = sizeof(simtime_t),
	    [PK_SIZE] = sizeof(uint32_t),  [PK_U16] = sizeof(uint16_t),
	    [PK_INT] = sizeof(int),        [PK_BOOL] = sizeof(int),
	    [PK_WSCALE] = sizeof(int),
	};
	for (int i = 0; i < NHOST_PARAMS; i++) {
		const struct hparam *hp = &host_params[i];
		if (!(ov->set & ((uint64_t)1 << i)))
			continue;
		if (hp->kind == PK_ISN) {
			dst->isn_random = ov->v.isn_random;
			dst->isn = ov->v.isn;
		} else if (hp->kind == PK_PORTS) {
			dst->port_lo = ov->v.port_lo;
			dst->port_hi = ov->v.port_hi;
		} else {
			memcpy((char *)dst + hp->off, (const char *)&ov->v + hp->off,
			       field_size[hp->kind]);
		}
	}
}

static int valid_name(const char *s, int len)
{
	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (int i = 1; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

static int d_host(struct parser *p)
{
	static const char *const reserved[] = {"both", "end", "error", "count"};
	struct scenario *s = p->s;
	const struct scn_tok *nt = tok(p, 1), *at = tok(p, 2);
	char b[48];
	if (!nt)
		return missing(p, "host needs a name and an address: host client 10.0.0.1");
	if (nt->kind != TOK_WORD || !valid_name(nt->s, nt->len))
		return ERR(p, nt,
		           "a host name starts with a letter and holds only letters, digits "
		           "and '_', like client");
	if (nt->len >= SCN_NAME_MAX)
		return ERR(p, nt, "host name is too long (at most %d characters)",
		           SCN_NAME_MAX - 1);
	for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
		if (scn_word_is(nt->s, nt->len, reserved[i]))
			return ERR(p, nt, "'%s' is a keyword and cannot be a host name", q(b, nt));
	int h = scn_host_find(s, nt->s, nt->len);
	if (h >= 0)
		return ERR(p, nt, "host '%s' is already declared on line %d", q(b, nt),
		           p->ov[h].line);
	if (s->nhosts == SCN_MAX_HOSTS)
		return ERR(p, &p->t[0],
		           "a scenario has exactly two hosts; '%s' and '%s' are "
		           "already declared",
		           s->hosts[0].name, s->hosts[1].name);
	h = s->nhosts++;
	memcpy(s->hosts[h].name, nt->s, (size_t)nt->len);
	s->hosts[h].name[nt->len] = '\0';
	p->ov[h].line = nt->line;
	if (!at)
		return missing(p, "host needs an address after its name: host client 10.0.0.1");
	uint32_t addr;
	if (at->kind != TOK_WORD || ip_parse(at->s, at->len, &addr) != 0)
		return ERR(p, at, "'%s' is not an IPv4 address like 10.0.0.1",
		           at->kind == TOK_WORD ? q(b, at) : "\"...\"");
	for (int i = 0; i < h; i++)
		if (s->hosts[i].addr == addr)
			return ERR(p, at, "host '%s' already has address %s", s->hosts[i].name,
			           q(b, at));
	s->hosts[h].addr = addr;
	int bad = 0;
	for (int i = 3; i < p->nt; i++)
		bad |= host_param(p, &p->ov[h], &p->t[i]) < 0;
	return bad ? -1 : 0;
}

/* ---- the link ---- */

/* `A->B` or `both`.  Returns 1 when t is not shaped like a direction. */
static int parse_dir(struct parser *p, const struct scn_tok *t, int *dir)
{
	char b[48];
	if (is(t, "both")) {
		*dir = DIR_BOTH;
		return 0;
	}
	if (t->kind != TOK_WORD)
		return 1;
	int a = 0;
	while (a + 1 < t->len && !(t->s[a] == '-' && t->s[a + 1] == '>'))
		a++;
	if (a + 1 >= t->len)
		return 1;
	if (a == 0 || a + 2 == t->len)
		return ERR(p, t, "expected a direction like %s->%s, got '%s'",
		           p->s->nhosts > 0 ? p->s->hosts[0].name : "client",
		           p->s->nhosts > 1 ? p->s->hosts[1].name : "server", q(b, t));
	int from = scn_host_find(p->s, t->s, a);
	if (from < 0)
		return undeclared(p, t->line, t->col, t->s, a);
	int to = scn_host_find(p->s, t->s + a + 2, t->len - a - 2);
	if (to < 0)
		return undeclared(p, t->line, t->col + a + 2, t->s + a + 2, t->len - a - 2);
	if (from == to)
		return ERR(p, t, "a direction goes from one host to the other, like %s->%s",
		           p->s->hosts[0].name, p->s->nhosts > 1 ? p->s->hosts[1].name : "server");
	*dir = scn_dir_from(from);
	return 0;
}

static int link_param(struct parser *p, int dir, const struct scn_tok *t)
{
	static const char *const names[] = {"delay",   "jitter", "loss", "dup",
	                                    "reorder", "rate",   "mtu",  "queue"};
	struct scn_tok nm, v;
	char b[48], e[ERRSZ];
	if (split_param(p, t, &nm, &v) < 0)
		return -1;
	int idx = -1;
	for (int i = 0; i < 8; i++)
		if (scn_word_is(nm.s, nm.len, names[i]))
			idx = i;
	if (idx < 0) {
		const char *sug = scn_suggest(nm.s, nm.len, names, 8);
		if (sug)
			return ERR(p, &nm, "unknown link parameter '%s'; did you mean '%s'?",
			           q(b, &nm), sug);
		return ERR(p, &nm,
		           "unknown link parameter '%s'; use delay, jitter, loss, dup, "
		           "reorder, rate, mtu or queue",
		           q(b, &nm));
	}
	simtime_t tv = 0;
	uint32_t ppm = 0;
	uint64_t u = 0;
	switch (idx) {
	case 0:
	case 1:
		if (scn_lit_time(v.s, v.len, &tv, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		break;
	case 2:
	case 3:
	case 4:
		if (scn_lit_percent(v.s, v.len, &ppm, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		break;
	case 5:
		if (scn_lit_rate(v.s, v.len, &u, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (u == 0)
			return ERR(p, &v,
			           "rate must be more than 0; leave it out for an unlimited link");
		break;
	case 6:
		if (parse_uint(p, &v, 68, 65535, "mtu", &u) < 0)
			return -1;
		break;
	default:
		if (parse_uint(p, &v, 0, MAX_COUNT, "queue", &u) < 0)
			return -1;
		break;
	}
	for (int d = DIR_AB; d <= DIR_BA; d++) {
		if (dir != DIR_BOTH && dir != d)
			continue;
		struct link_params *l = &p->s->link[d];
		switch (idx) {
		case 0: l->delay = tv; break;
		case 1: l->jitter = tv; break;
		case 2: l->loss_ppm = ppm; break;
		case 3: l->dup_ppm = ppm; break;
		case 4: l->reorder_ppm = ppm; break;
		case 5: l->rate_bps = u; break;
		case 6: l->mtu = (uint32_t)u; break;
		default: l->queue = (uint32_t)u; break;
		}
	}
	return 0;
}

static int d_link(struct parser *p)
{
	int i = 1, dir = DIR_BOTH;
	const struct scn_tok *t = tok(p, 1);
	if (t) {
		int r = parse_dir(p, t, &dir);
		if (r < 0)
			return -1;
		if (r == 0)
			i = 2;
	}
	if (i >= p->nt)
		return missing(p, "link needs at least one param=value, like: link delay=40ms");
	int bad = 0;
	for (; i < p->nt; i++)
		bad |= link_param(p, dir, &p->t[i]) < 0;
	return bad ? -1 : 0;
}

/* ---- actions ---- */

/* HOST:PORT, naming the other host. */
static int parse_target(struct parser *p, const struct scn_tok *t, int self, int *peer,
                        uint16_t *port, const char *example)
{
	int c = 0;
	while (c < t->len && t->s[c] != ':')
		c++;
	if (t->kind != TOK_WORD || c == t->len)
		return ERR(p, t, "expected HOST:PORT, like %s", example);
	*peer = scn_host_find(p->s, t->s, c);
	if (*peer < 0)
		return undeclared(p, t->line, t->col, t->s, c);
	if (*peer == self)
		return ERR(p, t, "a host cannot connect to itself; name the other host");
	struct scn_tok pt = *t;
	pt.s += c + 1;
	pt.len -= c + 1;
	pt.col += c + 1;
	if (pt.len == 0)
		return ERR(p, &pt, "expected a port after ':', like %s", example);
	return parse_port(p, &pt, port);
}

static int parse_range(struct parser *p, const struct scn_tok *t, uint32_t *lo, uint32_t *hi)
{
	char b[48];
	int dash = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected an address or a range like 198.51.100.1-198.51.100.254");
	while (dash < t->len && t->s[dash] != '-')
		dash++;
	if (ip_parse(t->s, dash, lo) != 0)
		return ERR(p, t,
		           "'%s' is not an address or a range like "
		           "198.51.100.1-198.51.100.254",
		           q(b, t));
	*hi = *lo;
	if (dash < t->len && ip_parse(t->s + dash + 1, t->len - dash - 1, hi) != 0)
		return ERR(p, t,
		           "'%s' is not an address or a range like "
		           "198.51.100.1-198.51.100.254",
		           q(b, t));
	if (*hi < *lo)
		return ERR(p, t,
		           "an address range goes from low to high, like "
		           "198.51.100.1-198.51.100.254");
	return 0;
}

static int act_flood(struct parser *p, int i, struct scn_action *a)
{
	static const char usage[] = "flood N from ADDR[-ADDR] to HOST:PORT [every T]";
	char m[200];
	uint64_t n;
	snprintf(m, sizeof m, "flood needs: %s", usage);
	const struct scn_tok *t = tok(p, i);
	if (!t)
		return missing(p, m);
	if (parse_uint(p, t, 1, MAX_COUNT, "the flood count", &n) < 0)
		return -1;
	a->count = (uint32_t)n;
	if (!is(tok(p, i + 1), "from"))
		return tok(p, i + 1) ? ERR(p, tok(p, i + 1), "%s", m) : missing(p, m);
	if (!tok(p, i + 2))
		return missing(p, m);
	if (parse_range(p, tok(p, i + 2), &a->addr_lo, &a->addr_hi) < 0)
		return -1;
	if (!is(tok(p, i + 3), "to"))
		return tok(p, i + 3) ? ERR(p, tok(p, i + 3), "%s", m) : missing(p, m);
	if (!tok(p, i + 4))
		return missing(p, m);
	if (parse_target(p, tok(p, i + 4), a->host, &a->peer, &a->port, "server:80") < 0)
		return -1;
	a->every = SIMTIME_MS;
	i += 5;
	if (is(tok(p, i), "every")) {
		if (!tok(p, i + 1))
			return missing(p, "every needs a time, like every 1ms");
		if (parse_time(p, tok(p, i + 1), 0, &a->every) < 0)
			return -1;
		if (a->every == 0)
			return ERR(p, tok(p, i + 1), "every must be more than 0s");
		i += 2;
	}
	return no_more(p, i, "flood ends with an optional every T");
}

static int act_send(struct parser *p, int i, struct scn_action *a)
{
	char e[ERRSZ];
	uint64_t n;
	const struct scn_tok *t = tok(p, i);
	if (!t)
		return missing(p, "send needs a byte count or a quoted text: send 1000 or "
		                  "send \"hello\"");
	if (t->kind == TOK_STRING) {
		if (t->len == 0)
			return ERR(p, t, "send needs at least one byte; the text is empty");
		a->text = string_dup(p, t);
		if (!a->text)
			return -1;
		a->text_len = (uint32_t)t->len;
		a->nbytes = (uint32_t)t->len;
	} else {
		if (scn_lit_size(t->s, t->len, &n, e, sizeof e) < 0)
			return ERR(p, t, "%s", e);
		if (n == 0)
			return ERR(p, t, "send needs at least one byte");
		if (n > MAX_SEND)
			return ERR(p, t, "send is limited to 1GiB at a time");
		a->nbytes = (uint32_t)n;
	}
	return no_more(p, i + 1, "send takes one byte count or one quoted text");
}

static int act_listen(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = tok(p, i);
	if (!t)
		return missing(p, "listen needs a port: listen 80");
	if (parse_port(p, t, &a->port) < 0)
		return -1;
	i++;
	t = tok(p, i);
	if (t && t->kind == TOK_WORD && t->len > 8 && scn_word_is(t->s, 8, "backlog=")) {
		struct scn_tok v = *t;
		uint64_t n;
		v.s += 8;
		v.len -= 8;
		v.col += 8;
		if (parse_uint(p, &v, 1, 65535, "backlog", &n) < 0)
			return -1;
		a->backlog = (int)n;
		i++;
	}
	return no_more(p, i, "listen takes a port and an optional backlog=N");
}

static int act_connect(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = tok(p, i);
	char ex[SCN_NAME_MAX + 8];
	snprintf(ex, sizeof ex, "%s:80",
	         p->s->hosts[a->host == 0 && p->s->nhosts > 1 ? 1 : 0].name);
	if (!t) {
		char m[100];
		snprintf(m, sizeof m, "connect needs HOST:PORT, like connect %s", ex);
		return missing(p, m);
	}
	if (parse_target(p, t, a->host, &a->peer, &a->port, ex) < 0)
		return -1;
	i++;
	if (is(tok(p, i), "from")) {
		if (!tok(p, i + 1))
			return missing(p, "from needs a port, like from 40000");
		if (parse_port(p, tok(p, i + 1), &a->from_port) < 0)
			return -1;
		i += 2;
	}
	return no_more(p, i, "connect takes HOST:PORT and an optional from PORT");
}

static int parse_match(struct parser *p, const struct scn_tok *t, int *match);

/* inject SYN|RST|ACK|FIN [offset N]: a forged segment from the peer's
 * address into this connection, SEG.SEQ = its RCV.NXT + N (RFC 5961 lessons). */
static int act_inject(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = tok(p, i);
	if (!t)
		return missing(p, "inject needs a segment: inject RST offset 100");
	if (parse_match(p, t, &a->match) < 0)
		return -1;
	if (a->match != MATCH_SYN && a->match != MATCH_RST && a->match != MATCH_ACK &&
	    a->match != MATCH_FIN)
		return ERR(p, t, "inject sends SYN, RST, ACK or FIN");
	i++;
	if (is(tok(p, i), "offset")) {
		const struct scn_tok *v = tok(p, i + 1);
		if (!v)
			return missing(
			    p, "offset needs a number of bytes, like offset 100 or offset -5");
		struct scn_tok n = *v;
		int neg = n.len > 1 && n.s[0] == '-';
		if (neg) {
			n.s++;
			n.len--;
			n.col++;
		}
		uint64_t x;
		if (parse_uint(p, &n, 0, 1000000000, "the offset", &x) < 0)
			return -1;
		a->offset = neg ? -(int32_t)x : (int32_t)x;
		i += 2;
	}
	return no_more(p, i,
	               "inject takes a segment (SYN, RST, ACK, FIN) and an optional offset N");
}

/* The action part of `at` and `on` lines: HOST[.N] ACTION ARGS from token i. */
static int parse_action(struct parser *p, int i, struct scn_action *a, const char *usage)
{
	char b[48], m[200];
	memset(a, 0, sizeof *a);
	a->backlog = -1;
	a->peer = -1;
	const struct scn_tok *ht = tok(p, i);
	if (!ht)
		return missing(p, usage);
	if (parse_hostref(p, ht, &a->host, &a->conn) < 0)
		return -1;
	const struct scn_tok *t = tok(p, i + 1);
	if (!t) {
		snprintf(m, sizeof m,
		         "expected an action after '%s': listen, connect, send, close, "
		         "shutdown, abort, crash, reboot, stop-reading, read or flood",
		         q(b, ht));
		return missing(p, m);
	}
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected an action, not a string");
	a->kind = action_find(t->s, t->len);
	if (a->kind < 0) {
		const char *cands[ACT_COUNT];
		for (int k = 0; k < ACT_COUNT; k++)
			cands[k] = action_names[k];
		const char *sug = scn_suggest(t->s, t->len, cands, ACT_COUNT);
		if (sug)
			return ERR(p, t, "unknown action '%s'; did you mean '%s'?", q(b, t), sug);
		return ERR(p, t,
		           "unknown action '%s'; actions are listen, connect, send, close, "
		           "shutdown, abort, crash, reboot, stop-reading, read, flood and inject",
		           q(b, t));
	}
	const char *an = action_names[a->kind];
	switch (a->kind) {
	case ACT_LISTEN:
	case ACT_CRASH:
	case ACT_REBOOT:
	case ACT_FLOOD:
		/* connect may name a socket: RFC 9293's listener that connects */
		if (a->conn)
			return ERR(p, ht,
			           "%s applies to the host, not to one connection; write '%s'", an,
			           p->s->hosts[a->host].name);
		break;
	default: break;
	}
	i += 2;
	switch (a->kind) {
	case ACT_LISTEN: return act_listen(p, i, a);
	case ACT_CONNECT: return act_connect(p, i, a);
	case ACT_SEND: return act_send(p, i, a);
	case ACT_FLOOD: return act_flood(p, i, a);
	case ACT_INJECT: return act_inject(p, i, a);
	default: snprintf(m, sizeof m, "%s takes no arguments", an); return no_more(p, i, m);
	}
}

static struct scn_event *new_event(struct parser *p)
{
	struct scenario *s = p->s;
	struct scn_event *v = grow(p, s->events, &p->cap_events, s->nevents, sizeof *v);
	if (!v)
		return NULL;
	s->events = v;
	struct scn_event *ev = &v[s->nevents];
	memset(ev, 0, sizeof *ev);
	ev->line = p->t[0].line;
	ev->on_host = -1;
	ev->on_state = -1;
	return ev;
}

/* Parses the action from token i and appends a timeline event whose
 * trigger fields (trigger, at, on_host, on_state, delay) come from trig. */
static int add_event(struct parser *p, int i, const char *usage, const struct scn_event *trig)
{
	struct scn_action act;
	if (parse_action(p, i, &act, usage) < 0) {
		free(act.text);
		return -1;
	}
	struct scn_event *e = new_event(p);
	if (!e) {
		free(act.text);
		return -1;
	}
	e->trigger = trig->trigger;
	e->at = trig->at;
	e->on_host = trig->on_host;
	e->on_state = trig->on_state;
	e->delay = trig->delay;
	e->act = act;
	p->s->nevents++;
	return 0;
}

static int d_at(struct parser *p)
{
	static const char usage[] = "at needs a time, a host and an action: at 1s client close";
	struct scn_event ev;
	const struct scn_tok *t = tok(p, 1);
	if (!t)
		return missing(p, usage);
	if (t->kind != TOK_WORD)
		return ERR(p, t, "%s", usage);
	if (parse_time(p, t, 1, &ev.at) < 0)
		return -1;
	p->last = ev.at;
	ev.trigger = TRIG_AT;
	ev.on_host = -1;
	ev.on_state = -1;
	ev.delay = 0;
	return add_event(p, 2, usage, &ev);
}

static int d_on(struct parser *p)
{
	static const char usage[] =
	    "on needs a host, a state and an action: on server CLOSE_WAIT server close";
	char b[48];
	struct scn_event ev;
	int conn, i = 3;
	const struct scn_tok *ht = tok(p, 1), *st = tok(p, 2);
	if (!ht || !st)
		return missing(p, usage);
	if (parse_hostref(p, ht, &ev.on_host, &conn) < 0)
		return -1;
	if (conn)
		return ERR(p, ht, "on watches every connection of a host; write '%s'",
		           p->s->hosts[ev.on_host].name);
	if (parse_state(p, st, &ev.on_state) < 0)
		return -1;
	ev.delay = 0;
	const struct scn_tok *dt = tok(p, 3);
	if (dt && dt->kind == TOK_WORD && dt->len > 0 && dt->s[0] == '+') {
		char e[ERRSZ];
		if (scn_lit_time(dt->s + 1, dt->len - 1, &ev.delay, e, sizeof e) < 0)
			return ERR(p, dt, "%s", e);
		i = 4;
	} else if (starts_time(dt)) {
		return ERR(p, dt, "a pause after the state starts with '+': +%s", q(b, dt));
	}
	ev.trigger = TRIG_ON;
	ev.at = 0;
	return add_event(p, i, usage, &ev);
}

/* ---- faults ---- */

/* "1st" "2nd" "3rd" "4th" ...  Returns 1 when t is not shaped like one. */
static int parse_ordinal(struct parser *p, const struct scn_tok *t, uint32_t *nth)
{
	char b[48], e[ERRSZ];
	uint64_t v;
	if (!starts_time(t) || t->s[0] < '0' || t->s[0] > '9')
		return 1;
	int d = 0;
	while (d < t->len && t->s[d] >= '0' && t->s[d] <= '9')
		d++;
	const char *sfx = t->s + d;
	int ok = t->len - d == 2 && (scn_word_is(sfx, 2, "st") || scn_word_is(sfx, 2, "nd") ||
	                             scn_word_is(sfx, 2, "rd") || scn_word_is(sfx, 2, "th"));
	if (!ok)
		return ERR(p, t, "expected an ordinal like 1st, 2nd or 3rd, got '%s'", q(b, t));
	if (scn_lit_uint(t->s, d, MAX_COUNT, &v, e, sizeof e) < 0)
		return ERR(p, t, "%s", e);
	if (v == 0)
		return ERR(p, t, "ordinals count from 1st");
	*nth = (uint32_t)v;
	return 0;
}

static int parse_match(struct parser *p, const struct scn_tok *t, int *match)
{
	static const struct {
		const char *name;
		int match;
	} pats[] = {
	    {"SYN", MATCH_SYN},        {"SYN+ACK", MATCH_SYNACK}, {"SYN,ACK", MATCH_SYNACK},
	    {"ACK+SYN", MATCH_SYNACK}, {"ACK,SYN", MATCH_SYNACK}, {"ACK", MATCH_ACK},
	    {"FIN", MATCH_FIN},        {"RST", MATCH_RST},        {"data", MATCH_DATA},
	    {"any", MATCH_ANY},
	};
	static const char *const shown[] = {"SYN", "SYN+ACK", "ACK", "FIN", "RST", "data"};
	char b[48];
	if (t->kind != TOK_WORD)
		return ERR(p, t,
		           "expected a segment pattern (SYN, SYN+ACK, ACK, FIN, RST or data), "
		           "not a string");
	for (size_t i = 0; i < sizeof pats / sizeof *pats; i++) {
		if (scn_word_is(t->s, t->len, pats[i].name)) {
			*match = pats[i].match;
			return 0;
		}
	}
	const char *sug = scn_suggest(t->s, t->len, shown, 6);
	if (sug)
		return ERR(p, t, "unknown segment pattern '%s'; did you mean '%s'?", q(b, t), sug);
	return ERR(p, t, "unknown segment pattern '%s'; use SYN, SYN+ACK, ACK, FIN, RST or data",
	           q(b, t));
}

/* What follows the direction of drop/delay: [ORD] FLAGS | segment N.
 * Returns the index after it. */
static int parse_which(struct parser *p, int i, struct scn_fault *f, const char *usage)
{
	const struct scn_tok *t = tok(p, i);
	uint64_t n;
	if (!t)
		return missing(p, usage);
	if (is(t, "segment")) {
		if (!tok(p, i + 1))
			return missing(p, "segment needs a number, like segment 5");
		if (parse_uint(p, tok(p, i + 1), 1, MAX_COUNT, "the segment number", &n) < 0)
			return -1;
		f->nth = (uint32_t)n;
		f->match = MATCH_ANY;
		return i + 2;
	}
	f->nth = 1;
	int r = parse_ordinal(p, t, &f->nth);
	if (r < 0)
		return -1;
	if (r == 0) {
		i++;
		if (!tok(p, i))
			return missing(
			    p, "an ordinal needs a segment pattern after it, like 2nd SYN+ACK");
	}
	if (parse_match(p, tok(p, i), &f->match) < 0)
		return -1;
	return i + 1;
}

static struct scn_fault *new_fault(struct parser *p, const struct scn_fault *f)
{
	struct scenario *s = p->s;
	struct scn_fault *v = grow(p, s->faults, &p->cap_faults, s->nfaults, sizeof *v);
	if (!v)
		return NULL;
	s->faults = v;
	v[s->nfaults] = *f;
	return &v[s->nfaults++];
}

static int fault_dir(struct parser *p, struct scn_fault *f, const char *verb)
{
	char m[256];
	const struct scn_tok *t = tok(p, 1);
	snprintf(m, sizeof m, "%s needs a direction first: %s->%s, %s->%s or both", verb,
	         p->s->nhosts > 0 ? p->s->hosts[0].name : "client",
	         p->s->nhosts > 1 ? p->s->hosts[1].name : "server",
	         p->s->nhosts > 1 ? p->s->hosts[1].name : "server",
	         p->s->nhosts > 0 ? p->s->hosts[0].name : "client");
	if (!t)
		return missing(p, m);
	int r = parse_dir(p, t, &f->dir);
	if (r > 0)
		return ERR(p, t, "%s", m);
	return r;
}

static int d_drop(struct parser *p)
{
	static const char usage[] =
	    "drop needs what to drop: a segment pattern (SYN, SYN+ACK, ACK, "
	    "FIN, RST, data), segment N, or from T to T";
	struct scn_fault f = {0};
	f.line = p->t[0].line;
	if (fault_dir(p, &f, "drop") < 0)
		return -1;
	int i = 2;
	if (is(tok(p, 2), "from")) {
		f.kind = FAULT_DROP_WINDOW;
		f.match = MATCH_ANY;
		if (!tok(p, 3) || !is(tok(p, 4), "to") || !tok(p, 5))
			return tok(p, 4) && !is(tok(p, 4), "to")
			           ? ERR(p, tok(p, 4),
			                 "drop ... from T needs 'to T': from 3s to 8s")
			           : missing(p, "drop ... from T needs 'to T': from 3s to 8s");
		if (parse_time(p, tok(p, 3), 0, &f.from) < 0 ||
		    parse_time(p, tok(p, 5), 0, &f.to) < 0)
			return -1;
		if (f.to <= f.from)
			return ERR(p, tok(p, 5), "the window must end after it starts");
		i = 6;
	} else {
		i = parse_which(p, 2, &f, usage);
		if (i < 0)
			return -1;
		f.kind = is(tok(p, 2), "segment") ? FAULT_DROP_SEGNO : FAULT_DROP_MATCH;
	}
	if (no_more(p, i, "the drop is complete without it") < 0)
		return -1;
	return new_fault(p, &f) ? 0 : -1;
}

static int d_delay(struct parser *p)
{
	static const char usage[] = "delay needs a segment and a time: delay client->server 1st "
	                            "data by 90s";
	struct scn_fault f = {0};
	f.line = p->t[0].line;
	if (fault_dir(p, &f, "delay") < 0)
		return -1;
	if (is(tok(p, 2), "from"))
		return ERR(p, tok(p, 2),
		           "delay takes one segment, not a time window; use drop for a "
		           "window");
	int i = parse_which(p, 2, &f, usage);
	if (i < 0)
		return -1;
	f.kind = is(tok(p, 2), "segment") ? FAULT_DELAY_SEGNO : FAULT_DELAY_MATCH;
	if (!is(tok(p, i), "by"))
		return tok(p, i) ? ERR(p, tok(p, i), "%s", usage) : missing(p, usage);
	if (!tok(p, i + 1))
		return missing(p, "by needs a time, like by 90s");
	if (parse_time(p, tok(p, i + 1), 0, &f.by) < 0)
		return -1;
	if (f.by == 0)
		return ERR(p, tok(p, i + 1), "the delay must be more than 0s");
	if (no_more(p, i + 2, "the delay is complete without it") < 0)
		return -1;
	return new_fault(p, &f) ? 0 : -1;
}

/* ---- notes and expectations ---- */

static int d_note(struct parser *p)
{
	static const char usage[] = "note needs a time or 'on HOST STATE', then a quoted text: "
	                            "note 1s \"...\"";
	struct scn_note n = {0};
	int i;
	n.line = p->t[0].line;
	n.on_host = -1;
	n.on_state = -1;
	const struct scn_tok *t = tok(p, 1);
	if (!t)
		return missing(p, usage);
	if (is(t, "on")) {
		if (!tok(p, 2) || !tok(p, 3))
			return missing(p,
			               "note on needs a host and a state: note on client TIME_WAIT "
			               "\"...\"");
		if (parse_host(p, tok(p, 2), &n.on_host) < 0 ||
		    parse_state(p, tok(p, 3), &n.on_state) < 0)
			return -1;
		i = 4;
	} else if (starts_time(t)) {
		if (parse_time(p, t, 1, &n.at) < 0)
			return -1;
		p->last = n.at;
		i = 2;
	} else {
		return ERR(p, t, "%s", usage);
	}
	t = tok(p, i);
	if (!t || t->kind != TOK_STRING)
		return t ? ERR(p, t, "note needs a quoted text here: \"...\"")
		         : missing(p, "note needs a quoted text: \"...\"");
	if (no_more(p, i + 1, "note takes one quoted text") < 0)
		return -1;
	struct scenario *s = p->s;
	struct scn_note *v = grow(p, s->notes, &p->cap_notes, s->nnotes, sizeof *v);
	if (!v)
		return -1;
	s->notes = v;
	n.text = string_dup(p, t);
	if (!n.text)
		return -1;
	v[s->nnotes++] = n;
	return 0;
}

static int d_expect(struct parser *p)
{
	static const char usage[] = "expect needs a time (or end), a host and a state: expect 1s "
	                            "client ESTABLISHED";
	struct scn_expect x = {0};
	char b[48];
	int i = 1;
	uint64_t n;
	x.line = p->t[0].line;
	x.err = SE_OK;
	x.state = -1;
	const struct scn_tok *t = tok(p, 1);
	if (!t)
		return missing(p, usage);
	if (is(t, "end")) {
		x.when = WHEN_END;
		i = 2;
	} else if (starts_time(t)) {
		if (parse_time(p, t, 1, &x.at) < 0)
			return -1;
		p->last = x.at;
		x.when = WHEN_AT;
		i = 2;
	} else {
		x.when = WHEN_ANY;
	}
	const struct scn_tok *ht = tok(p, i), *what = tok(p, i + 1);
	if (!ht)
		return missing(p, usage);
	if (parse_hostref(p, ht, &x.host, &x.conn) < 0)
		return -1;
	if (!what)
		return missing(p,
		               "expect needs what to expect after the host: a state, error ERRNO "
		               "or count STATE N");
	if (is(what, "error")) {
		x.kind = EXPECT_ERROR;
		if (!tok(p, i + 2))
			return missing(p, "error needs an errno name, like error ETIMEDOUT");
		if (parse_errno(p, tok(p, i + 2), &x.err) < 0)
			return -1;
		i += 3;
	} else if (is(what, "count")) {
		x.kind = EXPECT_COUNT;
		if (x.when == WHEN_ANY)
			return ERR(p, what,
			           "count needs a time or end first: expect 5s %s count "
			           "SYN_RCVD 4",
			           p->s->hosts[x.host].name);
		if (x.conn)
			return ERR(p, ht, "count looks at every socket of a host; write '%s'",
			           p->s->hosts[x.host].name);
		if (!tok(p, i + 2) || !tok(p, i + 3))
			return missing(p, "count needs a state and a number: count SYN_RCVD 4");
		if (parse_state(p, tok(p, i + 2), &x.state) < 0 ||
		    parse_uint(p, tok(p, i + 3), 0, MAX_COUNT, "the count", &n) < 0)
			return -1;
		x.count = (uint32_t)n;
		i += 4;
	} else {
		x.kind = EXPECT_STATE;
		if (parse_state(p, what, &x.state) < 0)
			return -1;
		if (x.when == WHEN_ANY)
			return ERR(p, t, "expect %s needs a time or end first: expect 1s %s %s",
			           q(b, what), p->s->hosts[x.host].name, tcps_name(x.state));
		i += 2;
	}
	if (no_more(p, i, "the expectation is complete without it") < 0)
		return -1;
	struct scenario *s = p->s;
	struct scn_expect *v = grow(p, s->expects, &p->cap_expects, s->nexpects, sizeof *v);
	if (!v)
		return -1;
	s->expects = v;
	v[s->nexpects++] = x;
	return 0;
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int (*fn)(struct parser *);
	int timeline; /* the line needs two hosts to mean anything */
} directives[] = {
    {"title", d_title, 0}, {"about", d_about, 0}, {"seed", d_seed, 0}, {"profile", d_profile, 0},
    {"host", d_host, 0},   {"link", d_link, 0},   {"at", d_at, 1},     {"on", d_on, 1},
    {"drop", d_drop, 1},   {"delay", d_delay, 1}, {"note", d_note, 1}, {"expect", d_expect, 1},
    {"end", d_end, 0},
};

#define NDIRECTIVES ((int)(sizeof directives / sizeof *directives))

static void parse_line(struct parser *p, const struct scn_line *l, const struct scn_lexed *lx,
                       int hosts_pass)
{
	char b[48];
	p->t = &lx->tok[l->first];
	p->nt = l->ntok;
	const struct scn_tok *t = &p->t[0];
	int is_host = is(t, "host");
	if (is_host != hosts_pass)
		return;
	if (t->kind != TOK_WORD) {
		ERR(p, t, "a line starts with a directive (title, host, at, ...), not a string");
		return;
	}
	for (int i = 0; i < NDIRECTIVES; i++) {
		if (scn_word_is(t->s, t->len, directives[i].name)) {
			if (directives[i].timeline && !p->first_timeline_line)
				p->first_timeline_line = t->line;
			directives[i].fn(p);
			return;
		}
	}
	const char *cands[NDIRECTIVES];
	for (int i = 0; i < NDIRECTIVES; i++)
		cands[i] = directives[i].name;
	const char *sug = scn_suggest(t->s, t->len, cands, NDIRECTIVES);
	if (sug)
		ERR(p, t, "unknown directive '%s'; did you mean '%s'?", q(b, t), sug);
	else
		ERR(p, t,
		    "unknown directive '%s'; a line starts with title, about, seed, profile, "
		    "host, link, at, on, drop, delay, note, expect or end",
		    q(b, t));
}

/* Checks that need the whole file: two hosts, parameters that agree. */
static void finish(struct parser *p)
{
	struct scenario *s = p->s;
	if (s->nhosts < SCN_MAX_HOSTS && p->first_timeline_line) {
		if (s->nhosts == 0)
			err_at(p, p->first_timeline_line, 1,
			       "a scenario needs two hosts; declare them with: host NAME ADDRESS");
		else
			err_at(p, p->first_timeline_line, 1,
			       "a scenario needs two hosts; only '%s' is declared",
			       s->hosts[0].name);
	}
	for (int h = 0; h < s->nhosts; h++) {
		struct tcp_params *tp = &s->hosts[h].params;
		profile_defaults(s->profile, tp);
		host_apply(tp, &p->ov[h]);
		if (tp->rto_min > tp->rto_max)
			err_at(p, p->ov[h].line, 1, "host '%s': rto_min is above rto_max",
			       s->hosts[h].name);
		else if (tp->rto_initial < tp->rto_min || tp->rto_initial > tp->rto_max)
			err_at(p, p->ov[h].line, 1,
			       "host '%s': rto_initial must lie between rto_min and rto_max",
			       s->hosts[h].name);
	}
}

/* ---- diagnostics: merge, sort, cap ---- */

static int diag_cmp(const void *a, const void *b)
{
	const struct scn_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

static int diags_push(struct scn_diags *d, const struct scn_diag *g)
{
	if (!d)
		return 0;
	if (d->n == d->cap) {
		int ncap = d->cap ? d->cap * 2 : 16;
		struct scn_diag *nv = realloc(d->v, (size_t)ncap * sizeof *nv);
		if (!nv)
			return -1;
		d->v = nv;
		d->cap = ncap;
	}
	d->v[d->n++] = *g;
	return 0;
}

/* Moves the sinks' diagnostics to d in file order; returns how many. */
static int merge(struct scn_sink *sinks, int nsinks, struct scn_diags *d, int oom)
{
	int n = 0, total = 0, count = 0, kept = 0;
	for (int i = 0; i < nsinks; i++)
		kept += sinks[i].n;
	struct scn_diag *all = malloc((size_t)(kept ? kept : 1) * sizeof *all);
	if (!all) {
		oom = 1;
		kept = 0;
	}
	for (int i = 0; i < nsinks; i++) {
		for (int j = 0; j < sinks[i].n && n < kept; j++)
			all[n++] = sinks[i].v[j];
		total += sinks[i].total;
		oom |= sinks[i].oom;
	}
	/* qsort is not stable: ties on (line, col) fall back to the message
	 * text so that the order never depends on the sort. */
	if (n > 1)
		qsort(all, (size_t)n, sizeof *all, diag_cmp);
	if (oom) {
		struct scn_diag g = {0, 0, "out of memory while reading the scenario"};
		diags_push(d, &g);
		count++;
	}
	for (int i = 0; i < n && i < SCN_MAX_ERRORS; i++, count++)
		diags_push(d, &all[i]);
	if (total > SCN_MAX_ERRORS) {
		struct scn_diag g = {0, 0, ""};
		snprintf(g.msg, sizeof g.msg, "too many errors (%d in all); fix these first",
		         total);
		diags_push(d, &g);
		count++;
	}
	free(all);
	return count;
}

int scn_parse(const char *path, const char *text, size_t len, struct scenario *out,
              struct scn_diags *d)
{
	struct scn_sink sinks[4];
	struct scn_lexed lx;
	struct parser p;
	memset(out, 0, sizeof *out);
	memset(sinks, 0, sizeof sinks);
	for (int i = 0; i < 4; i++)
		sinks[i].keep = SCN_MAX_ERRORS + 1;
	memset(&p, 0, sizeof p);
	p.s = out;
	out->seed = 1;
	out->profile = PROFILE_LINUX;
	link_defaults(&out->link[DIR_AB]);
	link_defaults(&out->link[DIR_BA]);
	int oom = scn_lex(text ? text : "", text ? len : 0, &lx, &sinks[0]) < 0;
	if (!oom && !lx.fatal) {
		/* Host lines first, so that every other line may name any host. */
		p.k = &sinks[1];
		for (int i = 0; i < lx.nlines && !p.oom; i++)
			parse_line(&p, &lx.lines[i], &lx, 1);
		p.k = &sinks[2];
		for (int i = 0; i < lx.nlines && !p.oom; i++)
			parse_line(&p, &lx.lines[i], &lx, 0);
		p.k = &sinks[3];
		finish(&p);
	}
	scn_lex_free(&lx);
	int count = merge(sinks, 4, d, oom || p.oom);
	for (int i = 0; i < 4; i++)
		free(sinks[i].v);
	if (count == 0) {
		out->path = memdup0(path ? path : "", path ? strlen(path) : 0);
		if (out->path)
			return 0;
		struct scn_diag g = {0, 0, "out of memory while reading the scenario"};
		diags_push(d, &g);
		count = 1;
	}
	scn_free(out);
	return count;
}

/* ---- files ---- */

static int file_error(struct scenario *out, struct scn_diags *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int file_error(struct scenario *out, struct scn_diags *d, const char *fmt, ...)
{
	struct scn_diag g = {0, 0, ""};
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g.msg, sizeof g.msg, fmt, ap);
	va_end(ap);
	diags_push(d, &g);
	memset(out, 0, sizeof *out);
	return 1;
}

static int too_large(struct scenario *out, struct scn_diags *d, double bytes)
{
	return file_error(out, d, "file is too large (%.1f MiB); scenarios are limited to 1 MiB",
	                  bytes / (1024.0 * 1024.0));
}

int scn_load_file(const char *path, struct scenario *out, struct scn_diags *d)
{
	struct stat st;
	if (!path)
		return file_error(out, d, "cannot open: no file name given");
	FILE *f = fopen(path, "rb");
	if (!f)
		return file_error(out, d, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			fclose(f);
			return file_error(out, d, "cannot read: %s", strerror(EISDIR));
		}
		if (S_ISREG(st.st_mode) && st.st_size > (off_t)SCN_MAX_FILE) {
			fclose(f);
			return too_large(out, d, (double)st.st_size);
		}
	}
	/* Read at most one byte past the limit: pipes have no size to check. */
	size_t cap = SCN_MAX_FILE + 1, n = 0;
	char *buf = malloc(cap);
	if (!buf) {
		fclose(f);
		return file_error(out, d, "out of memory while reading the scenario");
	}
	size_t r;
	while (n < cap && (r = fread(buf + n, 1, cap - n, f)) > 0)
		n += r;
	int rerr = ferror(f) ? errno : 0;
	fclose(f);
	if (rerr) {
		free(buf);
		return file_error(out, d, "cannot read: %s", strerror(rerr ? rerr : EIO));
	}
	if (n > SCN_MAX_FILE) {
		free(buf);
		return file_error(out, d,
		                  "file is too large (over 1 MiB); scenarios are limited to "
		                  "1 MiB");
	}
	int count = scn_parse(path, buf, n, out, d);
	free(buf);
	return count;
}

/* ---- ownership and queries ---- */

void scn_free(struct scenario *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->title);
	free(s->about);
	for (int i = 0; i < s->nevents; i++)
		free(s->events[i].act.text);
	free(s->events);
	free(s->faults);
	for (int i = 0; i < s->nnotes; i++)
		free(s->notes[i].text);
	free(s->notes);
	free(s->expects);
	memset(s, 0, sizeof *s);
}

void scn_diags_free(struct scn_diags *d)
{
	if (!d)
		return;
	free(d->v);
	memset(d, 0, sizeof *d);
}

void scn_diags_print(const struct scn_diags *d, const char *path, void *file)
{
	FILE *f = file ? file : stderr;
	if (!path)
		path = "scenario";
	for (int i = 0; d && i < d->n; i++) {
		const struct scn_diag *g = &d->v[i];
		if (g->line > 0)
			fprintf(f, "%s:%d:%d: error: %s\n", path, g->line, g->col, g->msg);
		else
			fprintf(f, "%s: error: %s\n", path, g->msg);
	}
}

int scn_host_find(const struct scenario *s, const char *name, int len)
{
	if (len < 0)
		len = (int)strlen(name);
	for (int i = 0; i < s->nhosts; i++)
		if (scn_word_is(name, len, s->hosts[i].name))
			return i;
	return -1;
}
