/* scenario: a parsed scenario file as plain data (no behaviour), and the
 * parser with its diagnostics.  Flow: scn_load_file() -> scn_parse() ->
 * struct scenario -> sim_new().  A file with any error yields no scenario:
 * every diagnostic is collected, nothing runs. */
#ifndef TCPSIM_SCENARIO_H
#define TCPSIM_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "simtime.h"

#define SCN_MAX_HOSTS 2
#define SCN_NAME_MAX 32
/* The latest time a scenario may name, '+' times added up: about 31 years. */
#define SCN_MAX_TIME ((simtime_t)1000000000 * 1000000)
/* Input limits: a larger file, or a longer line, is one clear error. */
#define SCN_MAX_FILE (1024u * 1024u)
#define SCN_MAX_LINE 4096
/* Diagnostics reported per file; one more line then says "too many errors". */
#define SCN_MAX_ERRORS 50

enum scn_action_kind {
	ACT_LISTEN,  /* port, backlog (-1 = host default) */
	ACT_CONNECT, /* peer, port, from_port (0 = ephemeral) */
	ACT_SEND,    /* nbytes, or text/text_len when text != NULL */
	ACT_CLOSE,
	ACT_SHUTDOWN,
	ACT_ABORT,
	ACT_CRASH,
	ACT_REBOOT,
	ACT_STOP_READING,
	ACT_READ,
	ACT_FLOOD,  /* count, addr_lo..addr_hi, peer, port, every */
	ACT_INJECT, /* a forged segment: iflags, offset, ack_ref, ack_offset, idata, to_port */
	ACT_ACCEPT, /* accept() one connection from the host's listener */
	ACT_COUNT
};

struct scn_action {
	int kind;
	int host;      /* index into scenario.hosts */
	int conn;      /* 0 = the host's current connection; N = HOST.N */
	int peer;      /* connect / flood: target host index */
	uint16_t port; /* listen / connect / flood port */
	uint16_t from_port;
	int backlog;
	uint32_t nbytes;
	char *text; /* owned by the scenario; NULL for a byte count */
	uint32_t text_len;
	uint32_t count;            /* flood */
	uint32_t addr_lo, addr_hi; /* flood source range */
	simtime_t every;           /* flood spacing */
	int accept_off;            /* listen accept=off: queued until an accept action */
	int nodelay;               /* listen / connect nodelay: TCP_NODELAY (no Nagle) */
	/* inject: a segment as if from the target's peer.  SEG.SEQ = the target's
	 * RCV.NXT + offset; with ACK, SEG.ACK = its SND.NXT (ack_ref INJ_ACK_NXT)
	 * or SND.UNA (INJ_ACK_UNA) + ack_offset; idata payload bytes.  With
	 * to_port (or a listener as the target) it goes to that port of the host
	 * from the peer's port from_port, and RCV.NXT, SND.NXT count as 0. */
	uint8_t iflags; /* TH_* */
	int32_t offset;
	int ack_ref;
	int32_t ack_offset;
	uint32_t idata;
	uint16_t to_port;
};

enum scn_ack_ref { INJ_ACK_NXT, INJ_ACK_UNA };

/* The source port an inject to a port uses when it names none. */
#define SCN_INJECT_FROM_PORT 40000

enum scn_trigger { TRIG_AT, TRIG_ON };

/* What an `on HOST EVENT` line or a `note on HOST EVENT` line waits for
 * (the one event syntax of the language). */
enum scn_on_kind {
	ON_STATE,      /* STATE: one of the host's connections enters on_state */
	ON_ERROR,      /* error ERRNO: on_arg (enum sim_errno) reaches its application */
	ON_RETRANSMIT, /* retransmit: the host sends a segment again */
	ON_SENDS,      /* sends PATTERN: the host sends a segment matching on_arg */
	ON_RECEIVES,   /* receives PATTERN: such a segment (on_arg) reaches the host */
	ON_LOSES,      /* loses PATTERN: the link loses such a segment the host sent */
	ON_DROPS,      /* drops PATTERN: the host discards such a segment it received
	                  (a full SYN or accept queue, PAWS) */
};

/* One timeline line: `at TIME ...` or `on HOST EVENT [+T] ...`. */
struct scn_event {
	int line, col; /* where its `at` or `on` word is */
	int trigger;
	simtime_t at; /* TRIG_AT: absolute time ('+' already resolved) */
	int on_kind;  /* TRIG_ON: enum scn_on_kind; on_state when ON_STATE, else -1 */
	int on_arg; /* ON_ERROR: errno; ON_SENDS, ON_RECEIVES, ON_LOSES, ON_DROPS: enum scn_match */
	int on_host; /* TRIG_ON */
	int on_state;
	uint32_t on_seq[2]; /* a pattern's `data seq A:B`, from the sender's ISN; 0:0 none */
	simtime_t delay;
	struct scn_action act;
};

struct scn_host {
	char name[SCN_NAME_MAX];
	uint32_t addr;
	struct tcp_params params; /* profile defaults + this line's overrides */
};

enum scn_dir { DIR_AB, DIR_BA, DIR_BOTH }; /* AB = first host to second */

enum scn_fault_kind {
	FAULT_DROP_MATCH,  /* drop the Nth segment matching flags */
	FAULT_DROP_SEGNO,  /* drop segment number N in that direction */
	FAULT_DROP_WINDOW, /* drop everything from..to */
	FAULT_DELAY_MATCH, /* delay the Nth segment matching flags by `by` */
	FAULT_DELAY_SEGNO,
};

enum scn_match {
	MATCH_SYN, /* SYN without ACK */
	MATCH_SYNACK,
	MATCH_ACK, /* pure ACK: no data, no SYN/FIN/RST */
	MATCH_FIN,
	MATCH_RST,
	MATCH_DATA, /* any segment with payload */
	MATCH_ANY,
};

struct scn_fault {
	int line, col; /* where its first word is */
	int kind;
	int dir;      /* enum scn_dir */
	int match;    /* enum scn_match */
	uint32_t nth; /* ordinal, from 1 */
	/* data seq A:B: only data segments whose bytes overlap A:B, relative to
	 * the sender's ISN as tcpdump prints them (seq_b 0: no range) */
	uint32_t seq_a, seq_b;
	simtime_t from, to;
	simtime_t by;
};

struct scn_note {
	int line, col; /* where its first word is */
	int on_host;   /* -1: at a time */
	int on_conn;   /* note on HOST.N: N (counted from 1); 0: any of the host's */
	int on_state;  /* ON_STATE: the state, else -1 */
	int on_kind;   /* enum scn_on_kind */
	int on_arg;    /* as in struct scn_event */
	uint32_t on_seq[2];
	simtime_t at;
	char *text;
};

/* What an `ask` line's answer is: written in the file, or read from the run
 * after the ask point (sim/out/quiz.c derives it), so that it stays true
 * when a student edits the file. */
enum scn_answer_kind {
	ANSWER_WRITTEN,          /* answer CHOICE */
	ANSWER_FIRST_RETRANSMIT, /* first-retransmit: the host that sends a segment again first */
	ANSWER_FIRST_RST,        /* first-rst: the host that sends the first RST */
	ANSWER_FIRST_FIN,        /* first-fin: the host that sends the first FIN */
	ANSWER_FIRST_LOSS,       /* first-loss: the host whose segment the link loses first */
	ANSWER_NEXT_STATE,       /* next-state HOST[.N]: the state its connection enters next */
	ANSWER_NEXT_ERROR,       /* next-error HOST: the error its application sees next */
	ANSWER_NEXT_SEGMENT,     /* next-segment HOST: what the next segment it sends is */
	ANSWER_STATE_LASTS,      /* state-lasts HOST[.N]: how long until its connection's next
	                            state change, the nearest of the choices (times) */
	ANSWER_KIND_COUNT
};

#define SCN_ASK_CHOICES 8
#define SCN_CHOICE_MAX 32

/* `ask TIME "TEXT" choices A B ... answer X [why "TEXT"]` or `ask on
 * HOST[.N] EVENT "TEXT" ...`: a question for quiz mode. */
struct scn_ask {
	struct scn_note when; /* the ask point, read as a note's (at a time, or on an event);
	                         when.line/col: the `ask` word, when.text: the question */
	int nchoices;
	char choice[SCN_ASK_CHOICES][SCN_CHOICE_MAX];
	int answer;             /* enum scn_answer_kind */
	int written;            /* ANSWER_WRITTEN: the index of the choice */
	int ans_host, ans_conn; /* the HOST[.N] a derived answer names; -1, 0 when none */
	int ans_line, ans_col;  /* where the answer starts (the word after `answer`) */
	char *why;              /* `why "TEXT"`: the explanation shown with the answer, or NULL */
};

enum scn_expect_kind { EXPECT_STATE, EXPECT_ERROR, EXPECT_COUNT };
enum scn_expect_when { WHEN_AT, WHEN_END, WHEN_ANY };

struct scn_expect {
	int line, col; /* where its first word is */
	int kind;
	int when;
	simtime_t at;
	int host;
	int conn;  /* 0 = the host's current connection */
	int state; /* EXPECT_STATE, EXPECT_COUNT */
	int err;   /* EXPECT_ERROR: an enum sim_errno value */
	uint32_t count;
};

struct scenario {
	char *path; /* as given; used in messages */
	char *title;
	char *about; /* every `about` line joined with '\n' */
	uint64_t seed;
	int profile;
	int seed_line, profile_line; /* where `seed`, `profile` stand; 0: not written */
	simtime_t end;               /* `end T`: stop the run here; 0 = when nothing is left */
	struct scn_host hosts[SCN_MAX_HOSTS];
	int nhosts;
	struct link_params link[2]; /* [DIR_AB], [DIR_BA] */
	struct scn_event *events;
	int nevents;
	struct scn_fault *faults;
	int nfaults;
	struct scn_note *notes;
	int nnotes;
	struct scn_expect *expects;
	int nexpects;
	struct scn_ask *asks;
	int nasks;
	/* the first line a front end added to the file's text (the window's
	 * drop and delay lines), 0 when none: the narration says who asked */
	int added_from_line;
};

struct scn_diag {
	int line, col;
	char msg[320]; /* "unknown action 'conect'; did you mean 'connect'?" */
};

struct scn_diags {
	struct scn_diag *v;
	int n, cap;
};

/* Parses text (len bytes, need not be NUL-terminated).  On success returns 0
 * and fills *out (free with scn_free).  On error returns the number of
 * errors, appends each to *d and leaves *out empty.  `path` is copied. */
int scn_parse(const char *path, const char *text, size_t len, struct scenario *out,
              struct scn_diags *d);

/* Reads and parses a file.  A missing, unreadable, empty, binary or
 * oversized file is one diagnostic at line 0 (printed as "file: error: ..."). */
int scn_load_file(const char *path, struct scenario *out, struct scn_diags *d);
/* Reads the file at path whole, as scn_load_file() reads it, into *text
 * (malloc'd, NUL-terminated, *len bytes): the window runs its text with
 * lines of its own after it.  Returns 0, or 1 with the same one diagnostic
 * as scn_load_file() in d (d may be NULL) and *text NULL. */
int scn_read_file(const char *path, char **text, size_t *len, struct scn_diags *d);
/* The same under another profile (enum profile_id) whatever the file's
 * `profile` line says, its host parameters still applied on top: `tcpsim
 * compare --profile-b`, the window's "compare with the other profile".
 * profile -1: the file's own. */
int scn_load_file_as(const char *path, int profile, struct scenario *out, struct scn_diags *d);
/* scn_parse() under another profile, as scn_load_file_as() (the window's
 * branches of a run opened under another profile). */
int scn_parse_as(const char *path, const char *text, size_t len, int profile, struct scenario *out,
                 struct scn_diags *d);

void scn_free(struct scenario *s);
void scn_diags_free(struct scn_diags *d);

/* Prints each diagnostic as "path:line:col: error: msg" (or "path: error:
 * msg" at line 0), one per line. */
void scn_diags_print(const struct scn_diags *d, const char *path, void *file /* FILE* */);

/* Index of the host named name (case-insensitive), or -1. */
int scn_host_find(const struct scenario *s, const char *name, int len);

/* The language's time literal: "250ms" "1.5s" "40us" "2min".  Returns 0, or
 * -1 with a short hint in err ("time needs a unit: 250ms?").  Used by the
 * parser and by command-line options. */
int scn_lit_time(const char *s, int len, simtime_t *out, char *err, size_t errsz);

/* The candidate closest to the word (case-insensitive, '-' same as '_'),
 * or NULL when none is close enough to be a likely typo. */
const char *scn_suggest(const char *s, int len, const char *const *cands, int ncands);

/* "listen", "connect", "stop-reading" ... for an enum scn_action_kind. */
const char *scn_action_name(int kind);

struct segment;
/* 1 when segment g matches pattern `match` (enum scn_match) as `drop` and
 * `delay` lines mean it. */
int scn_seg_matches(const struct segment *g, int match);

/* The argument of an `on`/`note on` event: the state for ON_STATE (kept
 * in on_state, which code that builds scenarios by hand sets), else on_arg. */
static inline int scn_on_arg(int kind, int state, int arg)
{
	return kind == ON_STATE ? state : arg;
}

/* Host `host` as a sentence names it: a role ("client", "server2",
 * "scanner") takes "the" ("The" when cap), a person's name ("alice", "a")
 * stands alone exactly as the scenario writes it, never capitalised, even
 * at the start of a sentence.  Writes into buf, returns it. */
char *scn_host_phrase(const struct scenario *s, int host, int cap, char *buf, size_t size);

/* The address of the link's router hop (`link router_mtu=`), the source of
 * its ICMP: .254 of the first host's /24, or .253 when a host has .254. */
uint32_t scn_router_addr(const struct scenario *s);

/* The event of an `on` or `note on` line in words: "client CLOSED",
 * "client error ECONNREFUSED", "client retransmit", "client sends FIN",
 * "server receives SYN+ACK". */
void scn_on_words(const struct scenario *s, int host, int kind, int arg, const uint32_t seq[2],
                  char *buf, size_t size);
/* ... and when it never came: "the client never entered CLOSED", "no
 * ECONNREFUSED reached the client", "the client never sent FIN" ...; with
 * conn > 0 one connection: "client.2 never entered ESTABLISHED". */
void scn_on_never(const struct scenario *s, int host, int conn, int kind, int arg,
                  const uint32_t seq[2], char *buf, size_t size);
/* "first-retransmit", "next-state" ... for an enum scn_answer_kind. */
const char *scn_answer_name(int kind);
/* 1 when the choice word means "nothing of the kind happens": none, nobody,
 * neither (case-insensitive). */
int scn_choice_is_none(const char *choice);

/* The enum scn_match a pattern word names (SYN, SYN+ACK or SYN,ACK, ACK,
 * FIN, RST, data, any; case-insensitive), or -1. */
int scn_match_find(const char *s, int len);
/* "SYN", "SYN+ACK", "ACK", "FIN", "RST", "data" for an enum scn_match. */
const char *scn_match_name(int match);

/* The direction from host `from` to the other host. */
static inline int scn_dir_from(int from)
{
	return from == 0 ? DIR_AB : DIR_BA;
}

#endif
