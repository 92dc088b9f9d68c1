/* scn_lex: file checks, lines, words, strings and literals for the scenario
 * parser.  scn_parse() calls scn_lex() once, then parses each logical line
 * with the literal helpers below (see scn_lex.h). */
#include "scn_lex.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest time a scenario may name: about 31 years. */
#define TIME_MAX_US ((uint64_t)SCN_MAX_TIME)

/* ---- diagnostics ---- */

void scn_sink_add(struct scn_sink *k, int line, int col, const char *fmt, ...)
{
	k->total++;
	if (k->n >= k->keep)
		return;
	if (k->n == k->cap) {
		int ncap = k->cap ? k->cap * 2 : 16;
		struct scn_diag *nv = realloc(k->v, (size_t)ncap * sizeof *nv);
		if (!nv) {
			k->oom = 1;
			return;
		}
		k->v = nv;
		k->cap = ncap;
	}
	struct scn_diag *g = &k->v[k->n++];
	g->line = line;
	g->col = col;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g->msg, sizeof g->msg, fmt, ap);
	va_end(ap);
}

/* ---- small text helpers ---- */

int scn_word_is(const char *s, int len, const char *kw)
{
	int i = 0;
	for (; i < len && kw[i]; i++)
		if (tolower((unsigned char)s[i]) != tolower((unsigned char)kw[i]))
			return 0;
	return i == len && kw[i] == '\0';
}

static int fold(int c)
{
	c = tolower((unsigned char)c);
	return c == '-' ? '_' : c;
}

/* Optimal string alignment distance: edits, plus swapping two neighbours. */
static int edit_distance(const char *a, int la, const char *b, int lb)
{
	enum { W = 64 };
	int d[W + 1][W + 1];
	if (la > W || lb > W)
		return W;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++) {
		for (int j = 1; j <= lb; j++) {
			int cost = fold(a[i - 1]) != fold(b[j - 1]);
			int v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[la][lb];
}

const char *scn_suggest(const char *s, int len, const char *const *cands, int ncands)
{
	const char *best = NULL;
	int bestd = 1 << 20;
	for (int i = 0; i < ncands; i++) {
		int lc = (int)strlen(cands[i]);
		int limit = lc <= 4 ? 1 : lc <= 8 ? 2 : 3;
		int dist = edit_distance(s, len, cands[i], lc);
		if (dist <= limit && dist < len && dist < bestd) {
			best = cands[i];
			bestd = dist;
		}
	}
	return best;
}

const char *scn_quote(char *buf, size_t size, const char *s, int len)
{
	size_t max = size > 4 ? size - 4 : 0;
	if (max > 40)
		max = 40;
	if ((size_t)len <= max) {
		memcpy(buf, s, (size_t)len);
		buf[len] = '\0';
		return buf;
	}
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--; /* do not cut a UTF-8 character in half */
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

/* ---- file checks ---- */

/* Offset of the first byte that breaks UTF-8 (RFC 3629), or len. */
static size_t utf8_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned lo = 0x80, hi = 0xBF;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			if (c == 0xE0)
				lo = 0xA0; /* overlong */
			if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F; /* above U+10FFFF */
		} else {
			return i;
		}
		if (i + n >= len)
			return i; /* cut short by the end of the file */
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t j = 2; j <= n; j++)
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
		i += n + 1;
	}
	return len;
}

static int line_of(const char *text, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

static int col_of(const char *text, size_t off)
{
	size_t b = off;
	while (b > 0 && text[b - 1] != '\n')
		b--;
	return (int)(off - b) + 1;
}

static int is_binary_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') ||
	       c == 0x7F;
}

/* One diagnostic for a file that is not a scenario at all; 1 if reported. */
static int check_file(const char *text, size_t len, struct scn_sink *k)
{
	if (len > SCN_MAX_FILE) {
		scn_sink_add(k, 0, 0,
		             "file is too large (%.1f MiB); scenarios are limited to 1 MiB",
		             (double)len / (1024.0 * 1024.0));
		return 1;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == 0) {
			scn_sink_add(k, 0, 0, "not a text file (NUL byte on line %d)",
			             line_of(text, i));
			return 1;
		}
		if (is_binary_byte(c)) {
			scn_sink_add(k, 0, 0, "not a text file (control byte 0x%02X on line %d)", c,
			             line_of(text, i));
			return 1;
		}
	}
	size_t bad = utf8_bad((const unsigned char *)text, len);
	if (bad < len) {
		scn_sink_add(k, line_of(text, bad), col_of(text, bad),
		             "invalid UTF-8 (byte 0x%02X); save the file as UTF-8",
		             (unsigned char)text[bad]);
		return 1;
	}
	return 0;
}

/* ---- lines and tokens ---- */

static int push_tok(struct scn_lexed *lx, int kind, int line, int col, const char *s, int len)
{
	if (lx->ntok == lx->tokcap) {
		int ncap = lx->tokcap ? lx->tokcap * 2 : 256;
		struct scn_tok *nv = realloc(lx->tok, (size_t)ncap * sizeof *nv);
		if (!nv)
			return -1;
		lx->tok = nv;
		lx->tokcap = ncap;
	}
	lx->tok[lx->ntok++] = (struct scn_tok){kind, line, col, s, len};
	return 0;
}

static int push_line(struct scn_lexed *lx, int first)
{
	if (lx->ntok == first)
		return 0;
	if (lx->nlines == lx->linecap) {
		int ncap = lx->linecap ? lx->linecap * 2 : 64;
		struct scn_line *nv = realloc(lx->lines, (size_t)ncap * sizeof *nv);
		if (!nv)
			return -1;
		lx->lines = nv;
		lx->linecap = ncap;
	}
	lx->lines[lx->nlines++] = (struct scn_line){lx->tok[first].line, first, lx->ntok - first};
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* True when text[i..e) holds only spaces, possibly followed by a comment. */
static int rest_is_blank(const char *text, size_t i, size_t e)
{
	for (; i < e; i++) {
		if (text[i] == '#')
			return 1;
		if (!is_space(text[i]))
			return 0;
	}
	return 1;
}

static int count_chars(const char *s, size_t n)
{
	int c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Decodes the string opening at text[i] (a '"') into strbuf.  Returns the
 * offset after the closing quote, or 0 after reporting an error. */
static size_t lex_string(const char *text, size_t i, size_t e, int line, size_t bol,
                         struct scn_lexed *lx, struct scn_sink *k)
{
	int col = (int)(i - bol) + 1;
	char *out = lx->strbuf + lx->strused;
	size_t n = 0;
	for (size_t j = i + 1; j < e; j++) {
		char c = text[j];
		if (c == '"') {
			out[n] = '\0';
			if (push_tok(lx, TOK_STRING, line, col, out, (int)n) < 0) {
				k->oom = 1;
				return 0;
			}
			lx->strused += n + 1;
			return j + 1;
		}
		if (c == '\\') {
			char x = j + 1 < e ? text[j + 1] : '\0';
			if (x == '"' || x == '\\') {
				out[n++] = x;
			} else if (x == 'n') {
				out[n++] = '\n';
			} else {
				scn_sink_add(
				    k, line, (int)(j - bol) + 1,
				    "unknown escape '\\%c' in a string; use \\\", \\\\ or \\n",
				    x && !((unsigned char)x & 0x80) ? x : '?');
				return 0;
			}
			j++;
			continue;
		}
		out[n++] = c;
	}
	scn_sink_add(k, line, col, "unterminated string: add a closing '\"' on this line");
	return 0;
}

int scn_lex(const char *text, size_t len, struct scn_lexed *lx, struct scn_sink *k)
{
	memset(lx, 0, sizeof *lx);
	if (check_file(text, len, k)) {
		lx->fatal = 1;
		return 0;
	}
	lx->strbuf = malloc(len + 1);
	if (!lx->strbuf)
		return -1;
	size_t pos = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3; /* a byte order mark some editors write */
	int line = 0;
	int first = 0; /* first token of the logical line being built */
	int bad = 0;   /* the logical line had an error: drop it */
	int errors_before = k->total;
	while (pos < len || (pos == len && line == 0)) {
		size_t bol = pos, e = pos;
		while (e < len && text[e] != '\n')
			e++;
		line++;
		int cont = 0;
		int nchars = count_chars(text + bol, e - bol);
		if (nchars > SCN_MAX_LINE) {
			scn_sink_add(k, line, 1,
			             "line is too long (%d characters); the limit is %d", nchars,
			             SCN_MAX_LINE);
			bad = 1;
			size_t t = e;
			while (t > bol && is_space(text[t - 1]))
				t--;
			cont = t > bol && text[t - 1] == '\\';
		} else {
			size_t i = bol;
			while (i < e && !bad) {
				char c = text[i];
				if (is_space(c)) {
					i++;
				} else if (c == '#') {
					break;
				} else if (c == '"') {
					size_t next = lex_string(text, i, e, line, bol, lx, k);
					if (!next) {
						if (k->oom)
							return -1;
						bad = 1;
						break;
					}
					i = next;
				} else {
					size_t j = i;
					while (j < e && !is_space(text[j]) && text[j] != '#' &&
					       text[j] != '"')
						j++;
					size_t wend = j;
					if (text[j - 1] == '\\' && rest_is_blank(text, j, e)) {
						cont = 1;
						wend--;
					}
					if (wend > i &&
					    push_tok(lx, TOK_WORD, line, (int)(i - bol) + 1,
					             text + i, (int)(wend - i)) < 0)
						return -1;
					i = j;
					if (cont)
						break;
				}
			}
		}
		if (!cont) {
			if (bad)
				lx->ntok = first;
			else if (push_line(lx, first) < 0)
				return -1;
			first = lx->ntok;
			bad = 0;
		}
		pos = e < len ? e + 1 : len + 1;
	}
	if (bad)
		lx->ntok = first;
	else if (push_line(lx, first) < 0)
		return -1;
	if (lx->nlines == 0 && k->total == errors_before) {
		scn_sink_add(k, 0, 0, "empty scenario: it needs two hosts (host NAME ADDRESS)");
		lx->fatal = 1;
	}
	return 0;
}

void scn_lex_free(struct scn_lexed *lx)
{
	free(lx->tok);
	free(lx->lines);
	free(lx->strbuf);
	memset(lx, 0, sizeof *lx);
}

/* ---- literals ---- */

struct decimal {
	uint64_t ip;   /* integer part */
	uint64_t frac; /* fraction digits as an integer, trailing zeros removed */
	int fd;        /* how many fraction digits frac holds */
	int end;       /* where the unit starts */
};

/* Reads digits[.digits]; returns -1 (with err) when malformed. */
static int read_decimal(const char *s, int len, struct decimal *d, char *err, size_t errsz)
{
	int i = 0;
	memset(d, 0, sizeof *d);
	while (i < len && isdigit((unsigned char)s[i])) {
		uint64_t v = (uint64_t)(s[i] - '0');
		if (d->ip > (UINT64_MAX - v) / 10) {
			snprintf(err, errsz, "number is too large");
			return -1;
		}
		d->ip = d->ip * 10 + v;
		i++;
	}
	if (i < len && s[i] == '.') {
		i++;
		if (i >= len || !isdigit((unsigned char)s[i])) {
			snprintf(err, errsz, "expected digits after '.'");
			return -1;
		}
		while (i < len && isdigit((unsigned char)s[i])) {
			if (d->fd < 18) {
				d->frac = d->frac * 10 + (uint64_t)(s[i] - '0');
				d->fd++;
			} else if (s[i] != '0') {
				snprintf(err, errsz, "too many decimals");
				return -1;
			}
			i++;
		}
		while (d->fd > 0 && d->frac % 10 == 0) {
			d->frac /= 10;
			d->fd--;
		}
	}
	d->end = i;
	return 0;
}

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* d times unit, exactly.  Returns 0, or 1 when it is not a whole number,
 * or 2 when it overflows max. */
static int scale(const struct decimal *d, uint64_t unit, uint64_t max, uint64_t *out)
{
	uint64_t pow = 1;
	for (int i = 0; i < d->fd; i++)
		pow *= 10;
	uint64_t g = gcd64(unit, pow);
	uint64_t u = unit / g, p = pow / g;
	if (d->frac % p != 0)
		return 1;
	uint64_t fpart = d->frac / p; /* < 10^18 */
	if (fpart && u > max / fpart)
		return 2;
	fpart *= u;
	if (d->ip && unit > max / d->ip)
		return 2;
	uint64_t ipart = d->ip * unit;
	if (ipart > max - fpart)
		return 2;
	*out = ipart + fpart;
	return 0;
}

struct unit {
	const char *name;
	uint64_t mult;
};

static const struct unit *find_unit(const struct unit *units, const char *s, int len)
{
	for (; units->name; units++)
		if (scn_word_is(s, len, units->name))
			return units;
	return NULL;
}

int scn_lit_uint(const char *s, int len, uint64_t max, uint64_t *out, char *err, size_t errsz)
{
	char q[48];
	uint64_t v = 0;
	if (len == 0 || !isdigit((unsigned char)s[0])) {
		snprintf(err, errsz, "expected a number, got '%s'", scn_quote(q, sizeof q, s, len));
		return -1;
	}
	for (int i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i])) {
			snprintf(err, errsz, "expected a whole number, got '%s'",
			         scn_quote(q, sizeof q, s, len));
			return -1;
		}
		uint64_t dv = (uint64_t)(s[i] - '0');
		if (v > (UINT64_MAX - dv) / 10 || v * 10 + dv > max) {
			snprintf(err, errsz, "number is too large (at most %" PRIu64 ")", max);
			return -1;
		}
		v = v * 10 + dv;
	}
	*out = v;
	return 0;
}

/* Common shape of times, sizes, rates, percentages: a decimal and a unit.
 * Returns 0 with *out, -1 with err already written, or 1 when the unit is
 * missing (the caller words that hint). */
static int lit_with_unit(const char *s, int len, const struct unit *units, uint64_t max,
                         const char *what, const char *example, uint64_t *out, int *unit_missing,
                         char *err, size_t errsz)
{
	char q[48];
	struct decimal d;
	*unit_missing = 0;
	if (len > 0 && s[0] == '-') {
		snprintf(err, errsz, "%s cannot be negative", what);
		return -1;
	}
	if (len == 0 || !(isdigit((unsigned char)s[0]) || (s[0] == '.' && len > 1))) {
		snprintf(err, errsz, "expected a %s like %s, got '%s'", what, example,
		         scn_quote(q, sizeof q, s, len));
		return -1;
	}
	if (read_decimal(s, len, &d, err, errsz) < 0)
		return -1;
	const struct unit *u = find_unit(units, s + d.end, len - d.end);
	if (!u) {
		if (d.end == len) {
			*unit_missing = 1;
			return -1;
		}
		return 1;
	}
	int r = scale(&d, u->mult, max, out);
	if (r == 2) {
		snprintf(err, errsz, "%s is too large", what);
		return -1;
	}
	if (r == 1)
		return 2;
	return 0;
}

int scn_lit_time(const char *s, int len, simtime_t *out, char *err, size_t errsz)
{
	static const struct unit units[] = {
	    {"us", 1}, {"ms", 1000}, {"s", 1000000}, {"min", 60000000}, {NULL, 0}};
	char q[48];
	uint64_t v;
	int missing;
	int r =
	    lit_with_unit(s, len, units, TIME_MAX_US, "time", "250ms", &v, &missing, err, errsz);
	if (missing) {
		struct decimal d;
		read_decimal(s, len, &d, err, errsz);
		snprintf(err, errsz, "time needs a unit: %s%s?", scn_quote(q, sizeof q, s, len),
		         d.ip < 10 ? "s" : "ms");
		return -1;
	}
	if (r == 1) {
		struct decimal d;
		read_decimal(s, len, &d, err, errsz);
		snprintf(err, errsz, "unknown time unit '%s'; use us, ms, s or min",
		         scn_quote(q, sizeof q, s + d.end, len - d.end));
		return -1;
	}
	if (r == 2) {
		snprintf(err, errsz, "time is finer than a microsecond");
		return -1;
	}
	if (r < 0)
		return -1;
	*out = (simtime_t)v;
	return 0;
}

int scn_lit_size(const char *s, int len, uint64_t *out, char *err, size_t errsz)
{
	static const struct unit units[] = {{"", 1},
	                                    {"b", 1},
	                                    {"kb", 1000},
	                                    {"mb", 1000000},
	                                    {"gb", 1000000000},
	                                    {"kib", 1024},
	                                    {"mib", 1024 * 1024},
	                                    {"gib", 1024 * 1024 * 1024},
	                                    {NULL, 0}};
	char q[48];
	int missing;
	int r = lit_with_unit(s, len, units, UINT32_MAX, "size", "1460 or 64KiB", out, &missing,
	                      err, errsz);
	if (r == 1) {
		struct decimal d;
		read_decimal(s, len, &d, err, errsz);
		snprintf(err, errsz, "unknown size unit '%s'; use bytes, KiB or MiB (or KB, MB)",
		         scn_quote(q, sizeof q, s + d.end, len - d.end));
		return -1;
	}
	if (r == 2) {
		snprintf(err, errsz, "a size is a whole number of bytes");
		return -1;
	}
	return r < 0 ? -1 : 0;
}

int scn_lit_rate(const char *s, int len, uint64_t *out, char *err, size_t errsz)
{
	static const struct unit units[] = {
	    {"bit", 1}, {"kbit", 1000}, {"mbit", 1000000}, {"gbit", 1000000000}, {NULL, 0}};
	char q[48];
	int missing;
	int r = lit_with_unit(s, len, units, (uint64_t)1000 * 1000000000, "rate", "10mbit", out,
	                      &missing, err, errsz);
	if (missing) {
		snprintf(err, errsz, "rate needs a unit: %smbit?", scn_quote(q, sizeof q, s, len));
		return -1;
	}
	if (r == 1) {
		struct decimal d;
		read_decimal(s, len, &d, err, errsz);
		snprintf(err, errsz, "unknown rate unit '%s'; use bit, kbit, mbit or gbit",
		         scn_quote(q, sizeof q, s + d.end, len - d.end));
		return -1;
	}
	if (r == 2) {
		snprintf(err, errsz, "a rate is a whole number of bits per second");
		return -1;
	}
	return r < 0 ? -1 : 0;
}

int scn_lit_percent(const char *s, int len, uint32_t *ppm, char *err, size_t errsz)
{
	static const struct unit units[] = {{"%", 10000}, {NULL, 0}};
	char q[48];
	int missing;
	uint64_t v;
	int r = lit_with_unit(s, len, units, UINT64_MAX / 2, "percentage", "5%", &v, &missing, err,
	                      errsz);
	if (missing) {
		snprintf(err, errsz, "percentage needs a '%%': %s%%?",
		         scn_quote(q, sizeof q, s, len));
		return -1;
	}
	if (r == 1) {
		snprintf(err, errsz, "expected a percentage like 5%%, got '%s'",
		         scn_quote(q, sizeof q, s, len));
		return -1;
	}
	if (r == 2) {
		snprintf(err, errsz, "percentage is finer than 0.0001%%");
		return -1;
	}
	if (r < 0)
		return -1;
	if (v > 1000000) {
		snprintf(err, errsz, "a percentage is at most 100%%");
		return -1;
	}
	*ppm = (uint32_t)v;
	return 0;
}
