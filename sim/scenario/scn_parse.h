/* scn_parse: the scenario parser's private contract, shared by its files
 * (never included outside sim/scenario/).  The parser reads one logical
 * line at a time (scn_lex.c made the tokens); each directive is a function
 * scn_d_NAME() that reads p->t[0 .. p->nt) and reports every mistake with
 * scn_err_at() / ERR() at the token where it is, then returns -1.
 * Layers: scn_lex -> scn_words -> scn_header, scn_timeline, scn_faults,
 * scn_aids, scn_ask -> scn_file. */
#ifndef TCPSIM_SCN_PARSE_H
#define TCPSIM_SCN_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "scn_lex.h"

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
	int first_line;  /* the file's first line with a word on it */
	int host_errors; /* errors on host lines */
	int as_profile;  /* enum profile_id + 1: run under it whatever the file says; 0 none */
	int cap_events, cap_faults, cap_notes, cap_expects, cap_asks;
	int oom;
};

/* ---- scn_words.c ---- */
/* Reports an error at (line, col); returns -1 so a caller can return it. */
int scn_err_at(struct parser *p, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* An error at token tok. */
#define ERR(p, tok, ...) scn_err_at((p), (tok)->line, (tok)->col, __VA_ARGS__)
/* Where a missing word would go: just after the line's last token. */
struct scn_tok scn_end_tok(const struct parser *p);
/* An error at the end of the line ("... needs ..."). */
int scn_missing(struct parser *p, const char *msg);
/* Token t quoted for a message (buf holds at least 48 bytes). */
const char *scn_q(char *buf, const struct scn_tok *t);
/* A NUL-terminated copy of n bytes, or NULL. */
char *scn_memdup0(const char *s, size_t n);
/* Room for one more element in v (capacity *cap, n used); NULL and p->oom when out of memory. */
void *scn_grow(struct parser *p, void *v, int *cap, int n, size_t size);
/* 1 when t is the word kw (case-insensitive). */
int scn_is(const struct scn_tok *t, const char *kw);
/* An error when the line goes on past token i ("what" says why it should not). */
int scn_no_more(struct parser *p, int i, const char *what);
/* 1 when t looks like a time (a digit, '+', '.' or '-' first). */
int scn_starts_time(const struct scn_tok *t);
/* A time; with rel, '+T' counts from the latest timed line. */
int scn_parse_time(struct parser *p, const struct scn_tok *t, int rel, simtime_t *out);
/* A whole number in [min, max]; `what` names it in messages. */
int scn_parse_uint(struct parser *p, const struct scn_tok *t, uint64_t min, uint64_t max,
                   const char *what, uint64_t *out);
/* A port, 1 to 65535. */
int scn_parse_port(struct parser *p, const struct scn_tok *t, uint16_t *out);
/* "client, server": the declared hosts, for hints. */
void scn_host_list(const struct scenario *s, char *buf, size_t size);
/* "listen, connect, ... flood" + last + "inject": every action, for hints. */
void scn_action_list(char *buf, size_t size, const char *last);
/* The enum scn_action_kind named by the word, or -1. */
int scn_action_find(const char *s, int len);
/* The error for a host name that is not declared, with the declared ones as a hint. */
int scn_undeclared(struct parser *p, int line, int col, const char *name, int len);
/* A declared host name. */
int scn_parse_host(struct parser *p, const struct scn_tok *t, int *host);
/* HOST or HOST.N (N from 1); *conn = 0 for plain HOST. */
int scn_parse_hostref(struct parser *p, const struct scn_tok *t, int *host, int *conn);
/* A state name, with a suggestion when misspelled. */
int scn_parse_state(struct parser *p, const struct scn_tok *t, int *state);
/* An errno name like ETIMEDOUT, with a suggestion when misspelled. */
int scn_parse_errno(struct parser *p, const struct scn_tok *t, int *e);
/* A copy of a quoted string's decoded text (p->oom when out of memory). */
char *scn_string_dup(struct parser *p, const struct scn_tok *t);
/* An error when a once-only line (title, seed...) came already on line *seen. */
int scn_dup_line(struct parser *p, const struct scn_tok *t, int *seen, const char *what);
/* `A->B` or `both`; returns 1 (no error) when t is not shaped like a direction. */
int scn_parse_dir(struct parser *p, const struct scn_tok *t, int *dir);
/* A segment pattern: SYN, SYN+ACK, ACK, FIN, RST, data. */
int scn_parse_match(struct parser *p, const struct scn_tok *t, int *match);
/* The event at token i: STATE | error ERRNO | retransmit | sends PATTERN |
 * receives PATTERN ... into *kind (enum scn_on_kind) and *arg, a pattern's
 * `data seq A:B` range into seq (0:0: none); returns the tokens it took
 * (1, 2 or 4), or -1 after an error. */
int scn_parse_event(struct parser *p, int i, int *kind, int *arg, uint32_t seq[2]);
/* `seq A:B` at token i after the pattern match (it must be data); returns the
 * index after it, or -1 after an error. */
int scn_parse_seq_range(struct parser *p, int i, int match, uint32_t *seq_a, uint32_t *seq_b);
/* The token at index i of the line, or NULL past its end. */
const struct scn_tok *scn_tok_at(const struct parser *p, int i);
/* The word at index i, or NULL when it is missing or a string. */
const struct scn_tok *scn_word_at(const struct parser *p, int i);

/* ---- the directives: each parses p's current line ---- */
int scn_d_title(struct parser *p);
int scn_d_about(struct parser *p);
int scn_d_seed(struct parser *p);
int scn_d_profile(struct parser *p);
int scn_d_end(struct parser *p);
int scn_d_host(struct parser *p);
int scn_d_link(struct parser *p);
int scn_d_at(struct parser *p);
int scn_d_on(struct parser *p);
int scn_d_drop(struct parser *p);
int scn_d_delay(struct parser *p);
int scn_d_note(struct parser *p);
int scn_d_expect(struct parser *p);
int scn_d_ask(struct parser *p); /* scn_ask.c */
/* Applies a host line's overrides on top of the profile's defaults. */
void scn_host_apply(struct tcp_params *dst, const struct host_ov *ov);

#endif
