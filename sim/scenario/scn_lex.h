/* scn_lex: the scenario lexer, used by the parser's files (scn_*.c).  It checks that the
 * file is text (size, NUL bytes, UTF-8), joins `\` continuations, strips
 * comments, splits lines into words and quoted strings with their line and
 * column, and parses literals (numbers, times, sizes, rates, percentages).
 * Flow: scn_parse() -> scn_lex() -> per-line directive parsers.  Times
 * and suggestions are public (scenario.h): the command line uses them too. */
#ifndef TCPSIM_SCN_LEX_H
#define TCPSIM_SCN_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "simtime.h"

/* Diagnostics are collected in a sink that keeps at most `keep` of them but
 * counts them all; the parser merges sinks, sorts by position and caps. */
struct scn_sink {
	struct scn_diag *v;
	int n, cap, keep;
	int total;
	int oom;
};

void scn_sink_add(struct scn_sink *k, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

enum scn_tok_kind { TOK_WORD, TOK_STRING };

struct scn_tok {
	int kind;
	int line, col; /* where the word (or the opening quote) starts */
	const char *s; /* WORD: into the text; STRING: decoded, into strbuf */
	int len;
};

/* One logical line: its tokens are tok[first .. first + ntok). */
struct scn_line {
	int line; /* physical line of the first token */
	int first, ntok;
};

struct scn_lexed {
	struct scn_tok *tok;
	int ntok, tokcap;
	struct scn_line *lines;
	int nlines, linecap;
	char *strbuf; /* decoded strings; sized so it never moves */
	size_t strused;
	int fatal; /* 1: the file as a whole is unusable (one diagnostic) */
};

/* Lexes text into lines of tokens.  File-level problems (too large, binary,
 * invalid UTF-8, empty) are one diagnostic and set lx->fatal; line-level
 * problems (unterminated string, bad escape, overlong line) drop that line
 * and go on.  Returns -1 when out of memory. */
int scn_lex(const char *text, size_t len, struct scn_lexed *lx, struct scn_sink *k);
void scn_lex_free(struct scn_lexed *lx);

/* Literal parsers: each returns 0 and stores *out, or -1 and writes a short
 * message for the student ("time needs a unit: 250ms?") into err. */
int scn_lit_uint(const char *s, int len, uint64_t max, uint64_t *out, char *err, size_t errsz);
/* Bytes: "1460" "64KiB" "1MiB" "2KB" (KB = 1000, KiB = 1024). */
int scn_lit_size(const char *s, int len, uint64_t *out, char *err, size_t errsz);
/* Bits per second: "500kbit" "10mbit" "1gbit" "9600bit". */
int scn_lit_rate(const char *s, int len, uint64_t *out, char *err, size_t errsz);
/* "5%" "0.5%" as parts per million (0 .. 1000000). */
int scn_lit_percent(const char *s, int len, uint32_t *ppm, char *err, size_t errsz);

/* Case-insensitive comparison of a token with a keyword. */
int scn_word_is(const char *s, int len, const char *kw);

/* Copies a word into buf for a message, cut at about 40 bytes with "...". */
const char *scn_quote(char *buf, size_t size, const char *s, int len);

#endif
