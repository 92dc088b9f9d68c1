/* scn_words: the parser's shared pieces: diagnostics at a token, token
 * access, and the words every directive reads (times, numbers, ports, host
 * names and HOST.N, states, errno names, directions, segment patterns).
 * Used by every scn_*.c directive file; see scn_parse.h. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "segment.h"
#include "simerr.h"
#include "tcpstate.h"

int scn_err_at(struct parser *p, int line, int col, const char *fmt, ...)
{
	char msg[sizeof((struct scn_diag *)0)->msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	scn_sink_add(p->k, line, col, "%s", msg);
	return -1;
}

/* Where a missing word would go: just after the line's last token. */
struct scn_tok scn_end_tok(const struct parser *p)
{
	const struct scn_tok *l = &p->t[p->nt - 1];
	struct scn_tok e = *l;
	e.col = l->col + (l->kind == TOK_STRING ? l->len + 2 : l->len);
	e.len = 0;
	return e;
}

int scn_missing(struct parser *p, const char *msg)
{
	struct scn_tok e = scn_end_tok(p);
	return ERR(p, &e, "%s", msg);
}

const char *scn_q(char *buf, const struct scn_tok *t)
{
	return scn_quote(buf, 48, t->s, t->len);
}

char *scn_memdup0(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	if (r) {
		memcpy(r, s, n);
		r[n] = '\0';
	}
	return r;
}

void *scn_grow(struct parser *p, void *v, int *cap, int n, size_t size)
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

const struct scn_tok *scn_tok_at(const struct parser *p, int i)
{
	return i < p->nt ? &p->t[i] : NULL;
}

const struct scn_tok *scn_word_at(const struct parser *p, int i)
{
	const struct scn_tok *t = scn_tok_at(p, i);
	return t && t->kind == TOK_WORD ? t : NULL;
}

int scn_is(const struct scn_tok *t, const char *kw)
{
	return t && t->kind == TOK_WORD && scn_word_is(t->s, t->len, kw);
}

int scn_no_more(struct parser *p, int i, const char *what)
{
	char b[48];
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return 0;
	if (t->kind == TOK_STRING)
		return ERR(p, t, "unexpected string; %s", what);
	return ERR(p, t, "unexpected '%s'; %s", scn_q(b, t), what);
}

int scn_starts_time(const struct scn_tok *t)
{
	return t && t->kind == TOK_WORD && t->len > 0 &&
	       ((t->s[0] >= '0' && t->s[0] <= '9') || t->s[0] == '+' || t->s[0] == '.' ||
	        t->s[0] == '-');
}

/* A time, or '+T' after the latest timed line when rel is set. */
int scn_parse_time(struct parser *p, const struct scn_tok *t, int rel, simtime_t *out)
{
	char e[ERRSZ];
	simtime_t v;
	int plus = t->len > 0 && t->s[0] == '+';
	if (plus && !rel)
		return ERR(p, t, "a '+' time is not allowed here; write an absolute time");
	if (scn_lit_time(t->s + plus, t->len - plus, &v, e, sizeof e) < 0)
		return ERR(p, t, "%s", e);
	if (plus) {
		if (v > SCN_MAX_TIME - p->last)
			return ERR(p, t, "time is too large: the times add up past about 31 years");
		v += p->last;
	}
	*out = v;
	return 0;
}

int scn_parse_uint(struct parser *p, const struct scn_tok *t, uint64_t min, uint64_t max,
                   const char *what, uint64_t *out)
{
	char b[48], e[ERRSZ];
	uint64_t v;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "%s must be a whole number, not a string", what);
	for (int i = 0; i < t->len; i++)
		if (t->s[i] < '0' || t->s[i] > '9')
			return ERR(p, t, "%s must be a whole number, got '%s'", what, scn_q(b, t));
	if (t->len == 0 || scn_lit_uint(t->s, t->len, UINT64_MAX, &v, e, sizeof e) < 0 || v < min ||
	    v > max)
		return ERR(p, t, "%s must be between %llu and %llu", what, (unsigned long long)min,
		           (unsigned long long)max);
	*out = v;
	return 0;
}

int scn_parse_port(struct parser *p, const struct scn_tok *t, uint16_t *out)
{
	uint64_t v;
	if (scn_parse_uint(p, t, 1, 65535, "a port", &v) < 0)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

void scn_host_list(const struct scenario *s, char *buf, size_t size)
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
    [ACT_ACCEPT] = "accept",
};

const char *scn_action_name(int kind)
{
	return kind >= 0 && kind < ACT_COUNT ? action_names[kind] : "?";
}

void scn_action_list(char *buf, size_t size, const char *last)
{
	buf[0] = '\0';
	for (int i = 0; i < ACT_COUNT; i++) {
		size_t n = strlen(buf);
		snprintf(buf + n, size - n, "%s%s",
		         i == 0               ? ""
		         : i == ACT_COUNT - 1 ? last
		                              : ", ",
		         action_names[i]);
	}
}

int scn_action_find(const char *s, int len)
{
	for (int i = 0; i < ACT_COUNT; i++)
		if (scn_word_is(s, len, action_names[i]))
			return i;
	if (scn_word_is(s, len, "stop_reading"))
		return ACT_STOP_READING;
	return -1;
}

int scn_undeclared(struct parser *p, int line, int col, const char *name, int len)
{
	char b[48], list[2 * SCN_NAME_MAX + 8];
	const struct scenario *s = p->s;
	scn_quote(b, sizeof b, name, len);
	scn_host_list(s, list, sizeof list);
	if (len == 0)
		return scn_err_at(p, line, col, "expected a host name");
	if (s->nhosts == 0)
		return scn_err_at(p, line, col,
		                  "host '%s' is not declared; declare it with: host NAME ADDRESS",
		                  b);
	if (scn_action_find(name, len) >= 0)
		return scn_err_at(p, line, col, "expected a host before the action '%s'; %s %s", b,
		                  s->nhosts == 1 ? "the only host is" : "hosts are", list);
	return scn_err_at(p, line, col, "host '%s' is not declared; %s %s", b,
	                  s->nhosts == 1 ? "the only host is" : "hosts are", list);
}

/* A plain host name. */
int scn_parse_host(struct parser *p, const struct scn_tok *t, int *host)
{
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected a host name, not a string");
	*host = scn_host_find(p->s, t->s, t->len);
	if (*host < 0)
		return scn_undeclared(p, t->line, t->col, t->s, t->len);
	return 0;
}

/* HOST or HOST.N (N from 1); *conn = 0 for plain HOST. */
int scn_parse_hostref(struct parser *p, const struct scn_tok *t, int *host, int *conn)
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
		return scn_undeclared(p, t->line, t->col, t->s, n);
	*conn = 0;
	if (n == t->len)
		return 0;
	if (scn_lit_uint(t->s + n + 1, t->len - n - 1, MAX_COUNT, &v, e, sizeof e) < 0 || v == 0)
		return ERR(p, t, "expected HOST.N with N counted from 1, like %s.2, got '%s'",
		           p->s->hosts[*host].name, scn_q(b, t));
	*conn = (int)v;
	return 0;
}

int scn_parse_state(struct parser *p, const struct scn_tok *t, int *state)
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
		return ERR(p, t, "unknown state '%s'; did you mean '%s'?", scn_q(b, t), sug);
	return ERR(p, t,
	           "unknown state '%s'; states are CLOSED, LISTEN, SYN_SENT, SYN_RCVD, "
	           "ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT",
	           scn_q(b, t));
}

int scn_parse_errno(struct parser *p, const struct scn_tok *t, int *e)
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
		return ERR(p, t, "unknown error name '%s'; did you mean '%s'?", scn_q(b, t), sug);
	char list[200] = "";
	for (int i = 1; i < SE_COUNT; i++) {
		size_t n = strlen(list);
		snprintf(list + n, sizeof list - n, "%s%s", i > 1 ? ", " : "", names[i - 1]);
	}
	return ERR(p, t, "unknown error name '%s'; use one of %s", scn_q(b, t), list);
}

/* Copies a quoted string into a new NUL-terminated buffer. */
char *scn_string_dup(struct parser *p, const struct scn_tok *t)
{
	char *r = scn_memdup0(t->s, (size_t)t->len);
	if (!r)
		p->oom = 1;
	return r;
}

int scn_dup_line(struct parser *p, const struct scn_tok *t, int *seen, const char *what)
{
	if (*seen)
		return ERR(p, t, "%s is already set on line %d", what, *seen);
	*seen = t->line;
	return 0;
}

/* `A->B` or `both`.  Returns 1 when t is not shaped like a direction. */
int scn_parse_dir(struct parser *p, const struct scn_tok *t, int *dir)
{
	char b[48];
	if (scn_is(t, "both")) {
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
		           p->s->nhosts > 1 ? p->s->hosts[1].name : "server", scn_q(b, t));
	int from = scn_host_find(p->s, t->s, a);
	if (from < 0)
		return scn_undeclared(p, t->line, t->col, t->s, a);
	int to = scn_host_find(p->s, t->s + a + 2, t->len - a - 2);
	if (to < 0)
		return scn_undeclared(p, t->line, t->col + a + 2, t->s + a + 2, t->len - a - 2);
	if (from == to)
		return ERR(p, t, "a direction goes from one host to the other, like %s->%s",
		           p->s->hosts[0].name, p->s->nhosts > 1 ? p->s->hosts[1].name : "server");
	*dir = scn_dir_from(from);
	return 0;
}

static const struct {
	const char *name;
	int match;
} match_words[] = {
    {"SYN", MATCH_SYN},        {"SYN+ACK", MATCH_SYNACK}, {"SYN,ACK", MATCH_SYNACK},
    {"ACK+SYN", MATCH_SYNACK}, {"ACK,SYN", MATCH_SYNACK}, {"ACK", MATCH_ACK},
    {"FIN", MATCH_FIN},        {"RST", MATCH_RST},        {"data", MATCH_DATA},
    {"any", MATCH_ANY},
};

int scn_match_find(const char *s, int len)
{
	for (size_t i = 0; i < sizeof match_words / sizeof *match_words; i++)
		if (scn_word_is(s, len, match_words[i].name))
			return match_words[i].match;
	return -1;
}

int scn_parse_match(struct parser *p, const struct scn_tok *t, int *match)
{
	static const char *const shown[] = {"SYN", "SYN+ACK", "ACK", "FIN", "RST", "data"};
	char b[48];
	if (t->kind != TOK_WORD)
		return ERR(p, t,
		           "expected a segment pattern (SYN, SYN+ACK, ACK, FIN, RST or data), "
		           "not a string");
	*match = scn_match_find(t->s, t->len);
	if (*match >= 0)
		return 0;
	const char *sug = scn_suggest(t->s, t->len, shown, 6);
	if (sug)
		return ERR(p, t, "unknown segment pattern '%s'; did you mean '%s'?", scn_q(b, t),
		           sug);
	return ERR(p, t, "unknown segment pattern '%s'; use SYN, SYN+ACK, ACK, FIN, RST or data",
	           scn_q(b, t));
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

const char *scn_match_name(int match)
{
	static const char *const names[] = {
	    [MATCH_SYN] = "SYN", [MATCH_SYNACK] = "SYN+ACK", [MATCH_ACK] = "ACK",
	    [MATCH_FIN] = "FIN", [MATCH_RST] = "RST",        [MATCH_DATA] = "data",
	    [MATCH_ANY] = "any"};
	return match >= 0 && match <= MATCH_ANY ? names[match] : "?";
}

/* Words that name a role rather than a person: "the client", "the web1". */
static const char *const role_words[] = {
    "client", "server",  "attacker", "router", "host",     "peer",     "scanner",
    "target", "browser", "proxy",    "sender", "receiver", "victim",   "gateway",
    "web",    "db",      "database", "worker", "backend",  "frontend", "cache",
    "mail",   "dns",     "firewall", "laptop", "phone",    "desktop",  "nat"};

uint32_t scn_router_addr(const struct scenario *s)
{
	uint32_t a = (s->nhosts ? s->hosts[0].addr : 0) & 0xffffff00u;
	for (int i = 0; i < s->nhosts; i++)
		if (s->hosts[i].addr == (a | 254u))
			return a | 253u;
	return a | 254u;
}

char *scn_host_phrase(const struct scenario *s, int host, int cap, char *buf, size_t size)
{
	const char *name = host >= 0 && host < s->nhosts ? s->hosts[host].name : "host";
	size_t n = 0;
	while (name[n] >= 'a' && name[n] <= 'z')
		n++;
	int role = 0;
	for (size_t i = 0; i < sizeof role_words / sizeof role_words[0]; i++)
		if (strlen(role_words[i]) == n && strncmp(role_words[i], name, n) == 0)
			role = 1;
	/* a name is printed as the scenario writes it, never capitalised: a
	 * host "a" stays "a" at the start of a sentence too */
	if (role)
		snprintf(buf, size, "%s %s", cap ? "The" : "the", name);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}

/* A pattern's words, with its byte range when it has one: "data seq 251:301". */
static void scn_match_seq(int arg, const uint32_t seq[2], char *buf, size_t size)
{
	if (seq && seq[1])
		snprintf(buf, size, "%s seq %" PRIu32 ":%" PRIu32, scn_match_name(arg), seq[0],
		         seq[1]);
	else
		snprintf(buf, size, "%s", scn_match_name(arg));
}

void scn_on_words(const struct scenario *s, int host, int kind, int arg, const uint32_t seq[2],
                  char *buf, size_t size)
{
	char m[48];
	scn_match_seq(arg, seq, m, sizeof m);
	const char *h = host >= 0 && host < s->nhosts ? s->hosts[host].name : "?";
	switch (kind) {
	case ON_ERROR: snprintf(buf, size, "%s error %s", h, simerr_name(arg)); break;
	case ON_RETRANSMIT: snprintf(buf, size, "%s retransmit", h); break;
	case ON_SENDS: snprintf(buf, size, "%s sends %s", h, m); break;
	case ON_RECEIVES: snprintf(buf, size, "%s receives %s", h, m); break;
	case ON_LOSES: snprintf(buf, size, "%s loses %s", h, m); break;
	case ON_DROPS: snprintf(buf, size, "%s drops %s", h, m); break;
	default: snprintf(buf, size, "%s %s", h, tcps_name(arg)); break;
	}
}

void scn_on_never(const struct scenario *s, int host, int conn, int kind, int arg,
                  const uint32_t seq[2], char *buf, size_t size)
{
	char m[48];
	scn_match_seq(arg, seq, m, sizeof m);
	char h[SCN_NAME_MAX + 16];
	if (conn > 0 && host >= 0 && host < s->nhosts)
		snprintf(h, sizeof h, "%s.%d", s->hosts[host].name, conn);
	else
		scn_host_phrase(s, host, 0, h, sizeof h);
	switch (kind) {
	case ON_ERROR: snprintf(buf, size, "no %s reached %s", simerr_name(arg), h); break;
	case ON_RETRANSMIT: snprintf(buf, size, "%s never retransmitted", h); break;
	case ON_SENDS: snprintf(buf, size, "%s never sent %s", h, m); break;
	case ON_RECEIVES: snprintf(buf, size, "no %s reached %s", m, h); break;
	case ON_DROPS: snprintf(buf, size, "%s dropped no %s", h, m); break;
	case ON_LOSES: snprintf(buf, size, "the link lost no %s %s sent", m, h); break;
	default: snprintf(buf, size, "%s never entered %s", h, tcps_name(arg)); break;
	}
}

/* `seq A:B` at token i, after the pattern `data` (match): the data segments
 * whose bytes overlap A:B, numbered from the sender's ISN as tcpdump prints
 * them (1:1449 is the first full segment).  Returns the index after it. */
int scn_parse_seq_range(struct parser *p, int i, int match, uint32_t *seq_a, uint32_t *seq_b)
{
	static const char usage[] = "seq needs a byte range A:B, like seq 1:1449";
	char b[48], e[ERRSZ];
	const struct scn_tok *seq = scn_tok_at(p, i), *t = scn_tok_at(p, i + 1);
	if (match != MATCH_DATA)
		return ERR(p, seq, "seq A:B picks data segments: write data seq A:B");
	if (!t)
		return scn_missing(p, usage);
	int c = 0;
	while (c < t->len && t->s[c] != ':')
		c++;
	uint64_t a, z;
	if (t->kind != TOK_WORD || c == 0 || c >= t->len - 1)
		return ERR(p, t, "%s", usage);
	if (scn_lit_uint(t->s, c, UINT32_MAX, &a, e, sizeof e) < 0 ||
	    scn_lit_uint(t->s + c + 1, t->len - c - 1, UINT32_MAX, &z, e, sizeof e) < 0)
		return ERR(p, t, "'%s' is not a byte range; %s", scn_q(b, t), usage);
	if (z <= a)
		return ERR(p, t, "a byte range A:B ends after it starts, like seq 1:1449");
	*seq_a = (uint32_t)a;
	*seq_b = (uint32_t)z;
	return i + 2;
}

int scn_parse_event(struct parser *p, int i, int *kind, int *arg, uint32_t seq[2])
{
	seq[0] = seq[1] = 0;
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "expected an event: a state (TIME_WAIT), error ERRNO, "
		                      "retransmit, sends PATTERN, receives PATTERN, loses "
		                      "PATTERN or drops PATTERN");
	if (scn_is(t, "error") || scn_is(t, "sends") || scn_is(t, "receives") ||
	    scn_is(t, "loses") || scn_is(t, "drops")) {
		const struct scn_tok *a = scn_tok_at(p, i + 1);
		*kind = scn_is(t, "error")      ? ON_ERROR
		        : scn_is(t, "sends")    ? ON_SENDS
		        : scn_is(t, "receives") ? ON_RECEIVES
		        : scn_is(t, "loses")    ? ON_LOSES
		                                : ON_DROPS;
		if (!a)
			return scn_missing(
			    p, *kind == ON_ERROR
			           ? "error needs an error name: error ECONNREFUSED"
			           : "expected a segment pattern: SYN, SYN+ACK, ACK, FIN, "
			             "RST or data");
		if ((*kind == ON_ERROR ? scn_parse_errno(p, a, arg) : scn_parse_match(p, a, arg)) <
		    0)
			return -1;
		if (*kind != ON_ERROR && scn_is(scn_tok_at(p, i + 2), "seq")) {
			/* sends data seq 251:301: those bytes only, as in drop */
			int after = scn_parse_seq_range(p, i + 2, *arg, &seq[0], &seq[1]);
			return after < 0 ? -1 : after - i;
		}
		return 2;
	}
	if (scn_is(t, "retransmit") || scn_is(t, "retransmits")) {
		*kind = ON_RETRANSMIT;
		*arg = 0;
		return 1;
	}
	*kind = ON_STATE;
	return scn_parse_state(p, t, arg) < 0 ? -1 : 1;
}
