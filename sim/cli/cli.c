/* cli: the tcpsim command line.  gui/main.c calls cli_main(), which finds
 * the command in one table, parses its options once, and runs it: load with
 * scn_load_file(), run the engine (sim.h), hand the trace or a snapshot to
 * an exporter (output.h).  The window's own commands go back out through
 * the hooks with their options parsed, so this library never depends on
 * SDL. */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bench.h"
#include "compare.h"
#include "out/quiz.h"
#include "output.h"
#include "sim.h"

#ifndef TCPSIM_VERSION
#define TCPSIM_VERSION "0.1.0"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
    "usage: tcpsim [SCENARIO] [--seed N] [--size WxH] [--zoom F] [--theme light|dark]\n"
    "              [--fullscreen]\n"
    "       tcpsim COMMAND [ARGS]      (tcpsim COMMAND --help for one command)\n"
    "\n"
    "A TCP teaching simulator: two hosts, one lossy link, one deterministic clock.\n"
    "Without a command, tcpsim opens the window on SCENARIO (default: the first\n"
    "*.tcps in $TCPSIM_SCENARIOS, ./scenarios or the scenarios/ beside the build).\n"
    "\n"
    "commands:\n"
    "  trace SCENARIO [-S] [--seed N] [--until T] [--at HOST|wire] [--narrate]\n"
    "                      the run as text: tcpdump's lines for segments, plus\n"
    "                      state changes with their cause, losses, timers, calls\n"
    "                      (--narrate: the window's sentence after each line)\n"
    "  check SCENARIO...   report every error in the files; run nothing\n"
    "  test SCENARIO... [-v] [--seed N]\n"
    "                      run each file and judge its expect lines; ends with\n"
    "                      'N passed, N failed' (', N files not run' when some\n"
    "                      have errors)\n"
    "  netstat SCENARIO --at T [--ss [-p]] [--seed N]\n"
    "                      both hosts' socket tables at time T, as 'netstat -nat'\n"
    "                      (or 'ss -tan' with --ss, 'ss -tanp' with --ss -p)\n"
    "  lsof SCENARIO --at T [-i :PORT] [--seed N]\n"
    "                      which program holds which socket at time T, as\n"
    "                      'lsof -nP -i [:PORT]' on each host\n"
    "  sar SCENARIO [--every T] [--at HOST] [--seed N]\n"
    "                      one host's 'sar -n SOCK,TCP,ETCP' over the run: socket\n"
    "                      counts and TCP counters per interval (default: server)\n"
    "  pcap SCENARIO -o FILE [--at HOST|wire] [--seed N]\n"
    "                      a capture for Wireshark and tcpdump -r\n"
    "  svg SCENARIO -o FILE [--from T] [--to T] [--seed N]\n"
    "                      the ladder diagram for slides and handouts\n"
    "  svg SCENARIO -o FILE --plot tsg|cwnd [--at HOST]\n"
    "                      the time-sequence graph or congestion window of\n"
    "                      the connection that sent the most data\n"
    "  svg A -o FILE --compare B [--seed-b N] [--profile-b P]\n"
    "                      the double ladder of two runs, the divergence marked\n"
    "  compare A [B] [--text] [-S] [--seed N] [--seed-b N] [--profile P]\n"
    "          [--profile-b P]\n"
    "                      two runs side by side and where they first diverge\n"
    "                      (B: A again, under another seed or profile); --text\n"
    "                      for handouts, else the window's compare mode\n"
    "  shot SCENARIO --at T -o FILE.png [--size WxH] [--zoom F] [--theme light|dark]\n"
    "       [--layout FILE.json] [--plot tsg|cwnd[:HOST]] [--quiz MODE]\n"
    "       [--intervene HOST:N[:K]] [--seed N]\n"
    "       [--compare B.tcps] [--seed-b N] [--profile P] [--profile-b P]\n"
    "                      the window, rendered off-screen, as a PNG; --layout\n"
    "                      writes where every view and text went, and what was\n"
    "                      left out, as JSON; --plot shows a plot as G does\n"
    "                      (:HOST: that host's data, as Shift+G chooses);\n"
    "                      --quiz ask|right|wrong|summary|not-a-choice: in\n"
    "                      quiz mode (P);\n"
    "                      --intervene: the menu of HOST's N-th segment, or\n"
    "                      its K-th choice taken (1 drops it)\n"
    "  quiz SCENARIO [--print] [--seed N]\n"
    "                      the window in quiz mode: predict the next state, answer\n"
    "                      the ask lines; --print: the questions and answers as text\n"
    "  coverage SCENARIO...\n"
    "                      which states and RFC 9293 arrows the files exercise\n"
    "  bench [--frames]    measure the engine (or the window's frame time)\n"
    "  help [COMMAND]      this text, or one command's\n"
    "\n";

/* The rest of usage_text (one string literal may hold 4095 characters). */
static const char usage_more[] =
    "options: -h/--help (also after a command), --version; every command that\n"
    "runs a scenario takes --seed N and --max-events N (a run stops after N\n"
    "events, default 20000000; a loop of 'on' lines or a run that would hold\n"
    "more than 1 GiB stops with FILE:LINE:COL: error: ... and exit status 2)\n"
    "times carry a unit: 250ms, 1.5s, 40us, 2min\n"
    "a link may have a router hop with a smaller MTU: link router_mtu=1400; its\n"
    "ICMP 'fragmentation needed' lowers the MSS.  With icmp=off the hop is a black\n"
    "hole: no ICMP comes back, and a sender lowers its MSS only with the host\n"
    "parameter mtu_probing=1 (Linux's tcp_mtu_probing), after retransmission timeouts\n"
    "'server read 100': read at most 100 bytes once, then stop reading\n"
    "'note on client sends data seq 251:301 \"...\"': an event may name bytes\n"
    "(sends/receives/loses/drops data seq A:B: relative bytes, as tcpdump prints)\n"
    "'ask on client loses ACK \"Who resends first?\" choices client server none\n"
    "answer first-retransmit': a question for quiz mode (tcpsim quiz), its answer\n"
    "written (answer client) or read from the run: first-retransmit, first-rst,\n"
    "first-fin, first-loss, next-state HOST, next-error HOST, next-segment HOST,\n"
    "state-lasts HOST (docs/scenario-format.md)\n"
    "profile linux (the default) is Linux 6.18 with stock sysctls; host\n"
    "parameters (docs/scenario-format.md) model another machine, e.g.\n"
    "rmem=4096,131072,6291456 and wmem=MIN,DEF,MAX (tcp_rmem, tcp_wmem),\n"
    "rcvbuf=/sndbuf= as SO_RCVBUF/SO_SNDBUF, cc=reno|cubic (congestion\n"
    "control: linux's default cubic with HyStart; rfc9293's reno, RFC 5681),\n"
    "syn_linear_timeouts=N (linux 4: Linux 6.5+; 0 the classic 1, 2, 4 ... s),\n"
    "abort_on_overflow=on (a full accept queue answers the last ACK with RST)\n"
    "'server listen 80 backlog=1 accept=off' then 'server accept': accept()\n"
    "by hand; 'nodelay' on listen or connect: TCP_NODELAY (no Nagle)\n"
    "'drop client->server 1st data seq 72401:73849': lose one chosen segment\n"
    "'server.2 inject RST,ACK offset 100 ack una-1 [data N] [to PORT] [from\n"
    "PORT]': a forged segment (docs/scenario-format.md)\n"
    "exit status: 0 all good; 1 an expectation failed (test), a state or arrow\n"
    "is not covered (coverage), the runs diverge (compare); 2 a wrong scenario or\n"
    "command line\n"
    "\n"
    "window keys: Space play/pause, Right/Left step, Shift+Right/Left next/previous\n"
    "state change, Home/End, +/- speed, I skip idle, F follow the current\n"
    "connection, R reload, O open (type to filter, Down/Up PgDn/PgUp choose,\n"
    "Enter open, Backspace), G plots (time-sequence graph, cwnd, diagram),\n"
    "Shift+G a plot of the other end's data, P quiz mode (1-8 answer, Enter on),\n"
    "C compare with another run, Shift+C compare with (other profile, next seed),\n"
    "T theme, S screenshot, E export pcap+SVG,\n"
    "Ctrl+=/Ctrl+-/Ctrl+0 zoom in/out/back, F11 full screen,\n"
    "click a segment on the ladder: drop or delay it (the run branches),\n"
    "Ctrl+S save the branch as a scenario, Ctrl+Z undo it,\n"
    "? or H or F1 help, Esc close overlay (errors too), Q quit.  Every key:\n"
    "docs/window.md\n";

/* ---- options ---- */

enum opt_id {
	OPT_HELP,
	OPT_ABSOLUTE,
	OPT_VERBOSE,
	OPT_SS,
	OPT_FRAMES,
	OPT_FULLSCREEN,
	OPT_SEED,
	OPT_UNTIL,
	OPT_AT,
	OPT_OUT,
	OPT_FROM,
	OPT_TO,
	OPT_SIZE,
	OPT_THEME,
	OPT_MAX_EVENTS,
	OPT_PLOT,
	OPT_PROCS,
	OPT_PORT,
	OPT_EVERY,
	OPT_ZOOM,
	OPT_LAYOUT,
	OPT_NARRATE,
	OPT_TEXT,
	OPT_SEED_B,
	OPT_PROFILE,
	OPT_PROFILE_B,
	OPT_COMPARE,
	OPT_QUIZ,
	OPT_PRINT,
	OPT_INTERVENE,
	OPT_COUNT
};

struct opt_spec {
	const char *name;  /* "--seed" */
	const char *alias; /* "-S", or NULL */
	int takes_value;
};

static const struct opt_spec opt_specs[OPT_COUNT] = {
    [OPT_HELP] = {"--help", "-h", 0},
    [OPT_ABSOLUTE] = {"--absolute", "-S", 0},
    [OPT_VERBOSE] = {"--verbose", "-v", 0},
    [OPT_SS] = {"--ss", NULL, 0},
    [OPT_FRAMES] = {"--frames", NULL, 0},
    [OPT_FULLSCREEN] = {"--fullscreen", NULL, 0},
    [OPT_SEED] = {"--seed", NULL, 1},
    [OPT_UNTIL] = {"--until", NULL, 1},
    [OPT_AT] = {"--at", NULL, 1},
    [OPT_OUT] = {"--output", "-o", 1},
    [OPT_FROM] = {"--from", NULL, 1},
    [OPT_TO] = {"--to", NULL, 1},
    [OPT_SIZE] = {"--size", NULL, 1},
    [OPT_THEME] = {"--theme", NULL, 1},
    [OPT_MAX_EVENTS] = {"--max-events", NULL, 1},
    [OPT_PLOT] = {"--plot", NULL, 1},
    [OPT_PROCS] = {"--processes", "-p", 0},
    [OPT_PORT] = {"--inet", "-i", 1},
    [OPT_EVERY] = {"--every", NULL, 1},
    [OPT_ZOOM] = {"--zoom", NULL, 1},
    [OPT_LAYOUT] = {"--layout", NULL, 1},
    [OPT_NARRATE] = {"--narrate", NULL, 0},
    [OPT_TEXT] = {"--text", NULL, 0},
    [OPT_SEED_B] = {"--seed-b", NULL, 1},
    [OPT_PROFILE] = {"--profile", NULL, 1},
    [OPT_PROFILE_B] = {"--profile-b", NULL, 1},
    [OPT_COMPARE] = {"--compare", NULL, 1},
    [OPT_QUIZ] = {"--quiz", NULL, 1},
    [OPT_PRINT] = {"--print", NULL, 0},
    [OPT_INTERVENE] = {"--intervene", NULL, 1},
};

/* A command's options are a bit mask: 64 bits, so the enum may grow past 32 options. */
_Static_assert(OPT_COUNT <= 64, "option masks are uint64_t: one bit per option");
typedef uint64_t opt_mask;
#define OPTS(x) ((opt_mask)1 << (x))
#define WINDOW_OPTS                                                                                \
	(OPTS(OPT_SEED) | OPTS(OPT_SIZE) | OPTS(OPT_THEME) | OPTS(OPT_FULLSCREEN) | OPTS(OPT_ZOOM))
/* What every command that runs a scenario takes. */
#define RUN_OPTS (OPTS(OPT_SEED) | OPTS(OPT_MAX_EVENTS))

/* One command line, parsed: option values point into argv. */
struct args {
	const char *cmd; /* "trace"; NULL for the window */
	const char *argv0;
	const char *val[OPT_COUNT];  /* non-NULL when given ("" for a flag) */
	const char *word[OPT_COUNT]; /* the option as typed: "-S" or "--absolute" */
	const char **files;          /* the positional arguments */
	int nfiles;
	int seed_set;
	uint64_t seed;
	uint64_t max_events; /* --max-events, 0 = the engine's default */
};

struct command;
typedef int (*command_fn)(const struct args *a, const struct cli_hooks *h, int argc, char **argv);

struct command {
	const char *name;
	opt_mask opts; /* OPTS() of what it accepts, besides --help */
	command_fn run;
	const char *help;
};

static void usage_hint(const char *cmd)
{
	fprintf(stderr, "(see 'tcpsim %s%s--help')\n", cmd ? cmd : "", cmd ? " " : "");
}

static int usage_error(const char *cmd, const char *msg, ...) __attribute__((format(printf, 2, 3)));

/* "tcpsim CMD: " and the message (printf's format), then the hint. */
static int usage_error(const char *cmd, const char *msg, ...)
{
	va_list ap;
	fprintf(stderr, "tcpsim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, msg);
	vfprintf(stderr, msg, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage_hint(cmd);
	return EXIT_USAGE;
}

/* "--sed": the allowed option it is closest to, or NULL. */
static const char *suggest_option(const char *word, opt_mask allowed)
{
	const char *names[OPT_COUNT];
	int n = 0;
	for (int i = 0; i < OPT_COUNT; i++)
		if (i == OPT_HELP || (allowed & OPTS(i)))
			names[n++] = opt_specs[i].name;
	size_t len = strcspn(word, "=");
	return scn_suggest(word, (int)len, names, n);
}

static int find_option(const char *word, size_t len)
{
	for (int i = 0; i < OPT_COUNT; i++) {
		const struct opt_spec *o = &opt_specs[i];
		if ((strlen(o->name) == len && strncmp(word, o->name, len) == 0) ||
		    (o->alias && strlen(o->alias) == len && strncmp(word, o->alias, len) == 0))
			return i;
	}
	return -1;
}

/* A word that is one of the options (as in `--compare -o x`, where the
 * value was left out): never taken as the value before it.  "-" (standard
 * output) and "-1" are values. */
static int is_option_word(const char *w)
{
	if (w[0] != '-' || w[1] == '\0')
		return 0;
	const char *eq = strncmp(w, "--", 2) == 0 ? strchr(w, '=') : NULL;
	return find_option(w, eq ? (size_t)(eq - w) : strlen(w)) >= 0;
}

static int unknown_option(const char *cmd, const char *word, opt_mask allowed)
{
	const char *sug = suggest_option(word, allowed);
	fprintf(stderr, "tcpsim%s%s: unknown option '%s'", cmd ? " " : "", cmd ? cmd : "", word);
	if (sug)
		fprintf(stderr, "; did you mean '%s'?", sug);
	fputc('\n', stderr);
	usage_hint(cmd);
	return EXIT_USAGE;
}

/* The option id as the user typed it (its alias or its name), so that a
 * message about --seed-b's value says --seed-b, and one about -i says -i. */
static const char *opt_word(const struct args *a, int id)
{
	return a->word[id] ? a->word[id] : opt_specs[id].name;
}

/* --seed N or --seed-b N (id) into *out; 0, or an exit status. */
static int parse_seed(const struct args *a, int id, uint64_t *out)
{
	const char *v = a->val[id];
	char *end;
	errno = 0;
	unsigned long long n = strtoull(v, &end, 10);
	if (!*v || *end || v[0] == '-' || errno == ERANGE)
		return usage_error(a->cmd, "%s takes a whole number, not '%s'", opt_word(a, id), v);
	*out = n;
	return 0;
}

/* Parses argv (the words after the command) into *a: "--opt value",
 * "--opt=value", flags, and positional files ("--" ends the options).
 * Returns 0, or an exit status after a message. */
static int parse_args(int argc, char **argv, opt_mask allowed, struct args *a)
{
	a->files = malloc(((size_t)argc + 1) * sizeof *a->files);
	if (!a->files) {
		fprintf(stderr, "tcpsim: out of memory\n");
		return EXIT_USAGE;
	}
	int only_files = 0;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		if (only_files || w[0] != '-' || w[1] == '\0') {
			a->files[a->nfiles++] = w;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			only_files = 1;
			continue;
		}
		const char *eq = strncmp(w, "--", 2) == 0 ? strchr(w, '=') : NULL;
		size_t len = eq ? (size_t)(eq - w) : strlen(w);
		int id = find_option(w, len);
		if (id < 0 || (id != OPT_HELP && !(allowed & OPTS(id))))
			return unknown_option(a->cmd, w, allowed);
		const struct opt_spec *o = &opt_specs[id];
		a->word[id] = o->alias && strlen(o->alias) == len && strncmp(w, o->alias, len) == 0
		                  ? o->alias
		                  : o->name;
		if (!o->takes_value) {
			if (eq)
				return usage_error(a->cmd, "option '%s' takes no value", o->name);
			a->val[id] = "";
		} else if (eq) {
			a->val[id] = eq + 1;
		} else if (i + 1 < argc && !is_option_word(argv[i + 1])) {
			a->val[id] = argv[++i];
		} else if (id == OPT_COMPARE) {
			/* `svg A --compare -o x.svg`: run B is missing, not -o */
			const char *form =
			    !a->cmd ? "tcpsim A.tcps --compare B.tcps"
			    : strcmp(a->cmd, "svg") == 0
			        ? "tcpsim svg A.tcps --compare B.tcps -o FILE.svg"
			        : "tcpsim shot A.tcps --at T --compare B.tcps -o FILE.png";
			return usage_error(
			    a->cmd,
			    "option '--compare' needs run B's scenario file: %s (run B "
			    "as A under another seed or profile: --seed-b N or "
			    "--profile-b P instead of --compare)",
			    form);
		} else {
			return usage_error(a->cmd, "option '%s' needs a value", w);
		}
	}
	if (a->val[OPT_SEED]) {
		int rc = parse_seed(a, OPT_SEED, &a->seed);
		if (rc)
			return rc;
		a->seed_set = 1;
	}
	if (a->val[OPT_MAX_EVENTS]) {
		const char *v = a->val[OPT_MAX_EVENTS];
		char *end;
		errno = 0;
		unsigned long long n = strtoull(v, &end, 10);
		if (!*v || *end || v[0] == '-' || errno == ERANGE || n == 0)
			return usage_error(
			    a->cmd, "--max-events takes a whole number above 0, not '%s'", v);
		a->max_events = n;
	}
	return 0;
}

/* A time option; returns 0, or 2 after "time needs a unit: 2s?". */
static int time_opt(const struct args *a, int id, simtime_t *out)
{
	const char *v = a->val[id];
	char err[160];
	if (scn_lit_time(v, (int)strlen(v), out, err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim %s: %s %s: %s\n", a->cmd, opt_word(a, id), v, err);
		return EXIT_USAGE;
	}
	return 0;
}

static int one_file(const struct args *a)
{
	if (a->nfiles == 0)
		return usage_error(a->cmd, "needs a scenario file%s", "");
	if (a->nfiles > 1)
		return usage_error(a->cmd, "takes one scenario file; extra: '%s'", a->files[1]);
	return 0;
}

static int some_files(const struct args *a)
{
	return a->nfiles ? 0 : usage_error(a->cmd, "needs at least one scenario file%s", "");
}

/* ---- loading and running ---- */

/* A scenario and its engine at time 0. */
struct run {
	struct scenario scn;
	struct sim *sim;
};

/* Loads path and creates its engine; on errors prints the diagnostics
 * (FILE:LINE:COL: error: ...) and returns -1. */
/* How a run is made besides its file: the seed and the profile. */
struct run_as {
	int seed_set;
	uint64_t seed;
	int profile; /* enum profile_id, -1: the file's */
};

static int run_open_as(struct run *r, const char *path, const struct args *a,
                       const struct run_as *as, simtime_t until)
{
	struct scn_diags d = {0};
	memset(r, 0, sizeof *r);
	int nerr = scn_load_file_as(path, as->profile, &r->scn, &d);
	if (nerr)
		scn_diags_print(&d, path, stderr);
	scn_diags_free(&d);
	if (nerr)
		return -1;
	struct sim_options so = {0};
	so.seed_set = as->seed_set;
	so.seed = as->seed;
	so.until_set = a->val[OPT_UNTIL] != NULL;
	so.until = until;
	so.max_events = a->max_events;
	r->sim = sim_new(&r->scn, &so);
	if (!r->sim) {
		fprintf(stderr, "%s: out of memory\n", path);
		scn_free(&r->scn);
		return -1;
	}
	return 0;
}

static int profile_opt(const struct args *a, int id, int *out);

/* A run of path under --seed and --profile, if given. */
static int run_open(struct run *r, const char *path, const struct args *a, simtime_t until)
{
	struct run_as as = {a->seed_set, a->seed, -1};
	if (a->val[OPT_PROFILE] && profile_opt(a, OPT_PROFILE, &as.profile))
		return -1;
	return run_open_as(r, path, a, &as, until);
}

/* 1, after printing the located message, when the run stopped early (a
 * trigger loop, a budget, out of memory): such a run's outputs are not
 * printed, and the command exits 2. */
static int run_stopped(const struct run *r)
{
	if (!sim_error(r->sim))
		return 0;
	fprintf(stderr, "%s\n", sim_error_message(r->sim));
	return 1;
}

static void run_close(struct run *r)
{
	sim_free(r->sim);
	scn_free(&r->scn);
}

/* --at HOST|wire: -1 for the wire (the default), a host index, or -2 after
 * a message. */
static int view_of(const struct args *a, const struct scenario *scn)
{
	const char *at = a->val[OPT_AT];
	if (!at || strcasecmp(at, "wire") == 0)
		return -1;
	int h = scn_host_find(scn, at, (int)strlen(at));
	if (h >= 0)
		return h;
	fprintf(stderr, "tcpsim %s: --at %s: no such host; hosts are %s and %s (or wire)\n", a->cmd,
	        at, scn->hosts[0].name, scn->nhosts > 1 ? scn->hosts[1].name : "?");
	return -2;
}

/* ---- commands ---- */

static int cmd_trace(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	simtime_t until = 0;
	int rc = one_file(a);
	if (rc || (a->val[OPT_UNTIL] && (rc = time_opt(a, OPT_UNTIL, &until))))
		return rc;
	struct run r;
	if (run_open(&r, a->files[0], a, until))
		return EXIT_USAGE;
	int view = view_of(a, &r.scn);
	if (view != -2) {
		sim_run(r.sim);
		struct fmt_opts fo = {.absolute = a->val[OPT_ABSOLUTE] != NULL,
		                      .at_host = view,
		                      .narrate = a->val[OPT_NARRATE] != NULL};
		if (run_stopped(&r)) {
			rc = EXIT_USAGE;
		} else {
			int st = out_trace(stdout, &r.scn, sim_trace(r.sim), &fo);
			rc = st == OUT_OK ? EXIT_OK : EXIT_USAGE;
			if (st == OUT_ENOMEM)
				fprintf(stderr, "tcpsim: out of memory\n");
		}
	} else {
		rc = EXIT_USAGE;
	}
	run_close(&r);
	return rc;
}

static int cmd_check(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	int rc = some_files(a);
	if (rc)
		return rc;
	int errors = 0;
	for (int i = 0; i < a->nfiles; i++) {
		struct scenario scn;
		struct scn_diags d = {0};
		int n = scn_load_file(a->files[i], &scn, &d);
		if (n == 0)
			scn_free(&scn);
		else
			scn_diags_print(&d, a->files[i], stderr);
		errors += n;
		scn_diags_free(&d);
	}
	fprintf(stderr, "%d file%s, %d error%s\n", a->nfiles, a->nfiles == 1 ? "" : "s", errors,
	        errors == 1 ? "" : "s");
	return errors ? EXIT_USAGE : EXIT_OK;
}

/* Runs one file and judges its expect lines, adding to the counts; -1 when
 * the file cannot run. */
static int test_file(const struct args *a, const char *path, int *passed, int *failed)
{
	struct run r;
	if (run_open(&r, path, a, 0))
		return -1;
	if (r.scn.nexpects == 0)
		fprintf(stderr, "%s: warning: no expect lines, nothing to judge\n", path);
	sim_run(r.sim);
	if (run_stopped(&r)) {
		run_close(&r);
		return -1;
	}
	out_warnings_print(stderr, r.sim, path);
	const struct sim_verdict *v = sim_verdicts(r.sim);
	for (int k = 0; k < r.scn.nexpects; k++) {
		char msg[256];
		sim_verdict_text(r.sim, k, msg, sizeof msg);
		*(v[k].held ? passed : failed) += 1;
		if (!v[k].held || a->val[OPT_VERBOSE])
			printf("%s:%d: %s\n", path, r.scn.expects[k].line, msg);
	}
	run_close(&r);
	return 0;
}

static int cmd_test(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	int rc = some_files(a);
	if (rc)
		return rc;
	int passed = 0, failed = 0, broken = 0;
	for (int i = 0; i < a->nfiles; i++)
		if (test_file(a, a->files[i], &passed, &failed) != 0)
			broken++;
	/* a file with errors judged nothing: say so, so that "0 failed"
	 * never reads as a pass (its errors are on stderr) */
	if (broken)
		printf("%d passed, %d failed, %d file%s not run (errors above)\n", passed, failed,
		       broken, broken == 1 ? "" : "s");
	else
		printf("%d passed, %d failed\n", passed, failed);
	if (broken)
		return EXIT_USAGE;
	return failed ? EXIT_FAILED : EXIT_OK;
}

/* Runs a file to --at T and takes the snapshot there; 0, or an exit status
 * after a message (r and snap are then released). */
static int run_to_at(const struct args *a, struct run *r, struct snapshot *snap)
{
	simtime_t t;
	int rc = one_file(a);
	if (rc)
		return rc;
	if (!a->val[OPT_AT])
		return usage_error(a->cmd, "needs --at TIME (for example --at 1.5s)%s", "");
	if ((rc = time_opt(a, OPT_AT, &t)))
		return rc;
	if (run_open(r, a->files[0], a, 0))
		return EXIT_USAGE;
	sim_run_until(r->sim, t);
	memset(snap, 0, sizeof *snap);
	if (run_stopped(r) || sim_snapshot(r->sim, snap) != 0) {
		snapshot_free(snap);
		run_close(r);
		return EXIT_USAGE;
	}
	return 0;
}

static int cmd_netstat(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	struct run r;
	struct snapshot snap;
	if (a->val[OPT_PROCS] && !a->val[OPT_SS])
		return usage_error(a->cmd, "%s is ss's process column: use it with --ss",
		                   opt_word(a, OPT_PROCS));
	int rc = run_to_at(a, &r, &snap);
	if (rc)
		return rc;
	if (a->val[OPT_PROCS])
		rc = out_ss_procs(stdout, &r.scn, sim_trace(r.sim), &snap);
	else
		rc = out_netstat(stdout, &snap, a->val[OPT_SS] != NULL);
	if (rc == OUT_ENOMEM)
		fprintf(stderr, "tcpsim: out of memory\n");
	snapshot_free(&snap);
	run_close(&r);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

/* -i :PORT (or -i PORT): the port lsof selects; 0 for every socket. */
static int port_opt(const struct args *a, unsigned *port)
{
	const char *v = a->val[OPT_PORT];
	*port = 0;
	if (!v)
		return 0;
	char *end;
	errno = 0;
	unsigned long n = strtoul(v + (v[0] == ':'), &end, 10);
	if (!v[v[0] == ':'] || *end || n == 0 || n > 65535 || errno)
		return usage_error(a->cmd,
		                   "%s takes :PORT, a port from 1 to 65535, like %s :9502, "
		                   "not '%s'",
		                   opt_word(a, OPT_PORT), opt_word(a, OPT_PORT), v);
	*port = (unsigned)n;
	return 0;
}

static int cmd_lsof(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	unsigned port;
	struct run r;
	struct snapshot snap;
	int rc = port_opt(a, &port);
	if (rc || (rc = run_to_at(a, &r, &snap)))
		return rc;
	rc = out_lsof(stdout, &r.scn, sim_trace(r.sim), &snap, port) == 0 ? EXIT_OK : EXIT_USAGE;
	snapshot_free(&snap);
	run_close(&r);
	return rc;
}

/* --every T: whole seconds, as sar's interval; 1 s when not given. */
static int every_opt(const struct args *a, unsigned *every)
{
	const char *v = a->val[OPT_EVERY];
	simtime_t t = SIMTIME_S;
	int rc;
	/* A bare number is suggested back in seconds, sar's own unit, but only
	 * when that suggestion is itself valid: "0s?" or "2.5s?" would send the
	 * student from one error to the next, so those get the range error. */
	if (v && *v && strspn(v, "0123456789") == strlen(v) && strlen(v) <= 5 && atol(v) >= 1 &&
	    atol(v) <= 86400) {
		fprintf(stderr, "tcpsim %s: --every %s: time needs a unit: %ss?\n", a->cmd, v, v);
		return EXIT_USAGE;
	}
	if (v && *v && strspn(v, "0123456789.") == strlen(v))
		t = 0; /* falls to the range error below */
	else if (v && (rc = time_opt(a, OPT_EVERY, &t)))
		return rc;
	if (t < SIMTIME_S || t % SIMTIME_S || t > 86400 * SIMTIME_S)
		return usage_error(
		    a->cmd,
		    "--every takes whole seconds from 1s to 1440min (a day), as sar's "
		    "interval, not '%s'",
		    a->val[OPT_EVERY]);
	*every = (unsigned)(t / SIMTIME_S);
	return 0;
}

static int cmd_sar(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	unsigned every = 1;
	int rc = one_file(a);
	if (rc || (rc = every_opt(a, &every)))
		return rc;
	struct run r;
	if (run_open(&r, a->files[0], a, 0))
		return EXIT_USAGE;
	int host = r.scn.nhosts > 1 ? 1 : 0; /* the server, by default */
	if (a->val[OPT_AT] && (host = view_of(a, &r.scn)) < 0) {
		if (host == -1)
			fprintf(stderr, "tcpsim sar: --at names a host (sar is per machine)\n");
		run_close(&r);
		return EXIT_USAGE;
	}
	sim_run(r.sim);
	if (run_stopped(&r)) {
		run_close(&r);
		return EXIT_USAGE;
	}
	const struct trace *tr = sim_trace(r.sim);
	simtime_t end = r.scn.end ? r.scn.end : tr->n ? tr->recs[tr->n - 1].t : 0;
	simtime_t step = (simtime_t)every * SIMTIME_S;
	simtime_t samples = end / step + (end % step != 0);
	unsigned count = samples < 1 ? 1 : samples > 100000 ? 100000 : (unsigned)samples;
	rc = out_sar(stdout, &r.scn, tr, host, every, count) == 0 ? EXIT_OK : EXIT_USAGE;
	run_close(&r);
	return rc;
}

/* The message for a failed output: out of memory is the program's, not
 * the file's. */
static int output_failed(const char *cmd, int status, const char *err)
{
	if (status == OUT_ENOMEM)
		fprintf(stderr, "tcpsim: out of memory\n");
	else
		fprintf(stderr, "tcpsim %s: %s\n", cmd, err[0] ? err : "write error");
	return EXIT_USAGE;
}

static int cmd_pcap(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	int rc = one_file(a);
	if (rc)
		return rc;
	const char *out = a->val[OPT_OUT];
	if (!out)
		return usage_error(a->cmd, "needs -o FILE (or -o - for standard output)%s", "");
	struct run r;
	if (run_open(&r, a->files[0], a, 0))
		return EXIT_USAGE;
	int view = view_of(a, &r.scn);
	struct out_file o;
	char err[320] = "";
	if (view == -2 || out_open(&o, out, err, sizeof err) != 0) {
		if (view != -2)
			fprintf(stderr, "tcpsim pcap: %s\n", err);
		run_close(&r);
		return EXIT_USAGE;
	}
	sim_run(r.sim);
	if (run_stopped(&r)) {
		out_close(&o, OUT_EWRITE, err, sizeof err); /* leaves no half-made file */
		run_close(&r);
		return EXIT_USAGE;
	}
	uint64_t n = 0;
	char why[256] = "";
	int st = out_pcap_write(o.f, &r.scn, sim_trace(r.sim), view, &n, why, sizeof why);
	if (st == OUT_EWRITE)
		snprintf(err, sizeof err, "cannot write %s: %s", out_name(&o), why);
	st = out_close(&o, st, err, sizeof err);
	if (st != OUT_OK)
		rc = output_failed(a->cmd, st, err);
	else
		fprintf(stderr, "wrote %s (%llu packets)\n", out_name(&o), (unsigned long long)n);
	run_close(&r);
	return rc;
}

/* Segments sent between from and to (to 0 = the end): what the ladder draws. */
static uint32_t segs_between(const struct trace *tr, simtime_t from, simtime_t to)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < tr->nsegs; i++)
		if (tr->segs[i].sent >= from && (to == 0 || tr->segs[i].sent <= to))
			n++;
	return n;
}

static int svg_compare(const struct args *a);

static int cmd_svg(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	simtime_t from = 0, to = 0;
	/* --profile alone is run A's profile, not a comparison */
	if (a->val[OPT_COMPARE] || a->val[OPT_SEED_B] || a->val[OPT_PROFILE_B])
		return svg_compare(a);
	int rc = one_file(a);
	if (rc || (a->val[OPT_FROM] && (rc = time_opt(a, OPT_FROM, &from))) ||
	    (a->val[OPT_TO] && (rc = time_opt(a, OPT_TO, &to))))
		return rc;
	const char *out = a->val[OPT_OUT];
	if (!out)
		return usage_error(a->cmd, "needs -o FILE (or -o - for standard output)%s", "");
	if (to && to < from)
		return usage_error(a->cmd, "--to is before --from%s", "");
	int plot = -1;
	if (a->val[OPT_PLOT] && (plot = plot_kind_parse(a->val[OPT_PLOT])) < 0)
		return usage_error(a->cmd, "--plot is tsg (time-sequence graph) or cwnd, not '%s'",
		                   a->val[OPT_PLOT]);
	if (plot < 0 && a->val[OPT_AT])
		return usage_error(a->cmd,
		                   "--at HOST chooses a plot's sender: use it with --plot%s", "");
	struct run r;
	if (run_open(&r, a->files[0], a, 0))
		return EXIT_USAGE;
	int sender = plot >= 0 ? view_of(a, &r.scn) : -1; /* -1: any host */
	if (sender == -2) {
		run_close(&r);
		return EXIT_USAGE;
	}
	struct out_file o;
	char err[320] = "";
	if (out_open(&o, out, err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim svg: %s\n", err);
		run_close(&r);
		return EXIT_USAGE;
	}
	sim_run(r.sim);
	if (run_stopped(&r)) {
		out_close(&o, OUT_EWRITE, err, sizeof err); /* leaves no half-made file */
		run_close(&r);
		return EXIT_USAGE;
	}
	const struct trace *tr = sim_trace(r.sim);
	int st;
	size_t plotted = 0; /* data segments in a plot (one cwnd point each) */
	if (plot >= 0) {
		struct plot pl;
		st = plot_build(&r.scn, tr, plot, sender, &pl);
		if (st == OUT_OK) {
			for (size_t i = 0; i < pl.n; i++)
				plotted += pl.v[i].mark <= PM_LOST || pl.v[i].mark == PM_CWND;
			st = out_plot_svg(o.f, &pl);
			plot_free(&pl);
		}
	} else {
		st = out_svg(o.f, &r.scn, tr, from, to);
	}
	if (st == OUT_EMPTY)
		snprintf(err, sizeof err, "nothing to plot: %s sent no data in this run",
		         sender >= 0 ? r.scn.hosts[sender].name : "no host");
	else if (st == OUT_EWRITE)
		snprintf(err, sizeof err, "cannot write %s: %s", out_name(&o),
		         errno ? strerror(errno) : "write error");
	st = out_close(&o, st, err, sizeof err);
	if (st != OUT_OK)
		rc = output_failed(a->cmd, st, err);
	else if (plot >= 0)
		fprintf(stderr, "wrote %s (plot of %zu data segment%s)\n", out_name(&o), plotted,
		        plotted == 1 ? "" : "s");
	else
		fprintf(stderr, "wrote %s (%u packets)\n", out_name(&o),
		        segs_between(tr, from, to));
	run_close(&r);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* One coverage line: the label, then every file whose bit is set in
 * seen[0..nf); returns 1 when at least one is. */
static int coverage_line(const char *label, const unsigned char *seen, const struct args *a)
{
	int any = 0;
	printf("  %-58s", label);
	for (int i = 0; i < a->nfiles; i++)
		if (seen[i]) {
			printf(" %s", base_name(a->files[i]));
			any = 1;
		}
	printf("%s\n", any ? "" : " (not covered)");
	return any;
}

static int cmd_coverage(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	int rc = some_files(a);
	if (rc)
		return rc;
	/* arrow_seen[a * nf + f]: file f took arrow a; states likewise */
	size_t nf = (size_t)a->nfiles;
	unsigned char *arrow_seen = calloc((size_t)ARROW_COUNT * nf, 1);
	unsigned char *state_seen = calloc((size_t)TCPS_COUNT * nf, 1);
	int broken = 0;
	if (!arrow_seen || !state_seen) {
		free(arrow_seen);
		free(state_seen);
		fprintf(stderr, "tcpsim: out of memory\n");
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < nf; i++) {
		struct run r;
		if (run_open(&r, a->files[i], a, 0)) {
			broken++;
			continue;
		}
		sim_run(r.sim);
		if (run_stopped(&r)) {
			broken++;
			run_close(&r);
			continue;
		}
		const struct trace *tr = sim_trace(r.sim);
		for (uint32_t k = 0; k < tr->n; k++) {
			const struct trace_rec *rec = &tr->recs[k];
			if (rec->kind != TR_STATE || rec->sub >= ARROW_COUNT)
				continue;
			arrow_seen[rec->sub * nf + i] = 1;
			if (rec->u.state.from < TCPS_COUNT)
				state_seen[rec->u.state.from * nf + i] = 1;
			if (rec->u.state.to < TCPS_COUNT)
				state_seen[rec->u.state.to * nf + i] = 1;
		}
		run_close(&r);
	}
	int states = 0, arrows = 0;
	printf("states:\n");
	for (int st = 0; st < TCPS_COUNT; st++)
		states += coverage_line(tcps_name(st), state_seen + (size_t)st * nf, a);
	for (int pass = 0; pass < 2; pass++) {
		printf(pass == 0 ? "\ntransitions of the RFC 9293 diagram:\n"
		                 : "\nother transitions (RFC 9293 text, Linux):\n");
		for (int ar = 0; ar < ARROW_COUNT; ar++) {
			const struct tcp_arrow_info *ai = tcp_arrow(ar);
			if (ai->in_diagram != (pass == 0))
				continue;
			char label[128];
			snprintf(label, sizeof label, "%s -> %s (%s / %s)",
			         ai->from < 0 ? "any" : tcps_name(ai->from), tcps_name(ai->to),
			         ai->event, ai->action);
			int any = coverage_line(label, arrow_seen + (size_t)ar * nf, a);
			if (pass == 0)
				arrows += any;
		}
	}
	printf("\n%d of %d states covered\n", states, TCPS_COUNT);
	printf("%d of %d transitions covered\n", arrows, ARROW_DIAGRAM_COUNT);
	free(arrow_seen);
	free(state_seen);
	if (broken)
		return EXIT_USAGE;
	return arrows == ARROW_DIAGRAM_COUNT && states == TCPS_COUNT ? EXIT_OK : EXIT_FAILED;
}

static int no_window(const char *what)
{
	fprintf(stderr,
	        "tcpsim: %s needs the window, and this tcpsim was built without it "
	        "(no SDL2); rebuild with -DTCPSIM_WITH_GUI=ON, or use 'tcpsim trace FILE'\n",
	        what);
	return EXIT_USAGE;
}

static int cmd_bench(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	if (a->nfiles)
		return usage_error(a->cmd, "takes no file: '%s'", a->files[0]);
	if (!a->val[OPT_FRAMES])
		return bench_main();
	if (!h->bench_frames)
		return no_window("'tcpsim bench --frames'");
	struct cli_window w = {0};
	return h->bench_frames(&w);
}

/* --size WxH, --theme and --fullscreen, --seed into *w; 0 or an exit status. */
static int window_opts(const struct args *a, struct cli_window *w)
{
	const char *v;
	w->seed = a->seed;
	w->seed_set = a->seed_set;
	w->fullscreen = a->val[OPT_FULLSCREEN] != NULL;
	if ((v = a->val[OPT_SIZE])) {
		char x, rest;
		if (sscanf(v, "%d%c%d%c", &w->width, &x, &w->height, &rest) != 3 || x != 'x' ||
		    w->width < 320 || w->height < 240 || w->width > 8192 || w->height > 8192)
			return usage_error(a->cmd,
			                   "--size takes WIDTHxHEIGHT from 320x240 to 8192x8192, "
			                   "like 1920x1080, not '%s'",
			                   v);
	}
	if ((v = a->val[OPT_THEME])) {
		if (strcmp(v, "dark") != 0 && strcmp(v, "light") != 0)
			return usage_error(a->cmd, "--theme is light or dark, not '%s'", v);
		w->dark = strcmp(v, "dark") == 0;
	}
	if ((v = a->val[OPT_ZOOM])) {
		char *end;
		double z = strtod(v, &end);
		if (*v == '\0' || *end || !(z >= 0.5 && z <= 3))
			return usage_error(
			    a->cmd,
			    "--zoom takes a factor of the zoom table (0.8 ... 2.5), like "
			    "1.3, not '%s'",
			    v);
		w->zoom = (float)z;
	}
	return 0;
}

/* --profile NAME / --profile-b NAME: an enum profile_id into *out (kept
 * when the option is absent); 0, or an exit status after a message. */
static int profile_opt(const struct args *a, int id, int *out)
{
	const char *v = a->val[id];
	if (!v)
		return 0;
	int p = profile_parse(v, (int)strlen(v));
	if (p < 0)
		return usage_error(a->cmd, "%s is linux or rfc9293, not '%s'", opt_word(a, id), v);
	*out = p;
	return 0;
}

/* Run A's and run B's seeds and profiles from --seed, --seed-b, --profile,
 * --profile-b: B takes A's unless told otherwise.  0 or an exit status. */
static int compare_opts(const struct args *a, struct run_as *ra, struct run_as *rb)
{
	int rc;
	*ra = (struct run_as){a->seed_set, a->seed, -1};
	if ((rc = profile_opt(a, OPT_PROFILE, &ra->profile)))
		return rc;
	*rb = *ra;
	if (a->val[OPT_SEED_B]) {
		if ((rc = parse_seed(a, OPT_SEED_B, &rb->seed)))
			return rc;
		rb->seed_set = 1;
	}
	return profile_opt(a, OPT_PROFILE_B, &rb->profile);
}

static int cmd_shot(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	simtime_t t;
	int rc = one_file(a);
	if (rc)
		return rc;
	if (!a->val[OPT_AT] || (!a->val[OPT_OUT] && !a->val[OPT_LAYOUT]))
		return usage_error(a->cmd, "needs --at T and -o FILE.png or --layout FILE.json%s",
		                   "");
	if ((rc = time_opt(a, OPT_AT, &t)))
		return rc;
	struct cli_window w = {0};
	if ((rc = window_opts(a, &w)))
		return rc;
	w.path = a->files[0];
	w.at = t;
	w.out = a->val[OPT_OUT];
	w.layout = a->val[OPT_LAYOUT];
	w.quiz_shot = a->val[OPT_QUIZ];
	w.intervene = a->val[OPT_INTERVENE];
	if (a->val[OPT_PLOT]) {
		/* tsg, or tsg:HOST for that host's data (--at is shot's time) */
		char kname[8];
		const char *v = a->val[OPT_PLOT], *colon = strchr(v, ':');
		size_t kl = colon ? (size_t)(colon - v) : strlen(v);
		snprintf(kname, sizeof kname, "%.*s", kl < sizeof kname ? (int)kl : 0, v);
		int kind = plot_kind_parse(kname);
		if (kind < 0 || (colon && !colon[1]))
			return usage_error(a->cmd,
			                   "--plot is tsg or cwnd, not '%s' (tsg:HOST: that host's "
			                   "data)",
			                   v);
		w.plot = kind == PLOT_TSG ? 1 : 2;
		w.plot_from = colon ? colon + 1 : NULL;
	}
	if (a->val[OPT_COMPARE] || a->val[OPT_SEED_B] || a->val[OPT_PROFILE_B]) {
		/* compare mode: --compare B, else the same file again */
		struct run_as as_a, as_b;
		if ((rc = compare_opts(a, &as_a, &as_b)))
			return rc;
		w.profile = as_a.profile + 1;
		w.compare_path = a->val[OPT_COMPARE] ? a->val[OPT_COMPARE] : a->files[0];
		w.compare_seed_set = as_b.seed_set;
		w.compare_seed = as_b.seed;
		w.compare_profile = as_b.profile + 1;
	} else if (a->val[OPT_PROFILE]) {
		int p;
		if ((rc = profile_opt(a, OPT_PROFILE, &p)))
			return rc;
		w.profile = p + 1;
	}
	if (!h->shot) /* after the options: a wrong one says so in any build */
		return no_window("'tcpsim shot'");
	return h->shot(&w);
}

/* "scenarios/x.tcps, linux, seed 7": how the text names a run. */
static void run_what(const struct run *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s, %s, seed %" PRIu64, r->scn.path, profile_name(r->scn.profile),
	         sim_seed(r->sim));
}

/* Opens and runs A and B (B: the second file, else A again), each as
 * compare_opts said; 0, or an exit status after a message (then neither
 * is open). */
static int compare_runs(const struct args *a, const char *path_b, const struct run_as *as_a,
                        const struct run_as *as_b, struct run *ra, struct run *rb)
{
	if (run_open_as(ra, a->files[0], a, as_a, 0))
		return EXIT_USAGE;
	if (run_open_as(rb, path_b, a, as_b, 0)) {
		run_close(ra);
		return EXIT_USAGE;
	}
	sim_run(ra->sim);
	sim_run(rb->sim);
	if (run_stopped(ra) || run_stopped(rb)) {
		run_close(ra);
		run_close(rb);
		return EXIT_USAGE;
	}
	return 0;
}

static int cmd_compare(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	if (a->nfiles == 0)
		return usage_error(a->cmd, "needs a scenario file (and a second to compare with)%s",
		                   "");
	if (a->nfiles > 2)
		return usage_error(a->cmd, "compares two runs; extra: '%s'", a->files[2]);
	/* a wrong option value says so first: it is what the user typed */
	struct run_as as_a, as_b;
	int rc = compare_opts(a, &as_a, &as_b);
	if (rc)
		return rc;
	/* one file is run B too only under another seed or profile: else the
	 * run with itself, which says nothing */
	if (a->nfiles == 1 && !a->val[OPT_SEED_B] && !a->val[OPT_PROFILE_B])
		return usage_error(a->cmd,
		                   "needs two runs: a second scenario, as in 'tcpsim compare "
		                   "%s B.tcps [--text]', or the same file as run B under another "
		                   "seed or profile (--seed-b N, --profile-b P)",
		                   a->files[0]);
	const char *path_b = a->nfiles > 1 ? a->files[1] : a->files[0];
	if (!a->val[OPT_TEXT] && !h->compare) {
		return usage_error(a->cmd, "needs --text: this tcpsim has no window compare mode%s",
		                   "");
	}
	if (!a->val[OPT_TEXT]) {
		struct cli_window w = {0};
		if ((rc = window_opts(a, &w)))
			return rc;
		w.path = a->files[0];
		w.profile = as_a.profile + 1;
		w.compare_path = path_b;
		w.compare_seed_set = as_b.seed_set;
		w.compare_seed = as_b.seed;
		w.compare_profile = as_b.profile + 1;
		return h->compare(&w);
	}
	struct run ra, rb;
	if ((rc = compare_runs(a, path_b, &as_a, &as_b, &ra, &rb)))
		return rc;
	struct compare c;
	char wa[1200], wb[1200];
	run_what(&ra, wa, sizeof wa);
	run_what(&rb, wb, sizeof wb);
	struct cmp_run xa = {&ra.scn, sim_trace(ra.sim), "run A", wa, a->val[OPT_ABSOLUTE] != NULL};
	struct cmp_run xb = {&rb.scn, sim_trace(rb.sim), "run B", wb, a->val[OPT_ABSOLUTE] != NULL};
	if (compare_build(&c, xa.tr, xb.tr) != 0) {
		fprintf(stderr, "tcpsim: out of memory\n");
		rc = EXIT_USAGE;
	} else {
		rc = out_compare_text(stdout, &c, &xa, &xb) != OUT_OK ? EXIT_USAGE
		     : c.first >= 0                                   ? EXIT_FAILED
		                                                      : EXIT_OK;
		compare_free(&c);
	}
	run_close(&ra);
	run_close(&rb);
	return rc;
}

/* `tcpsim svg A --compare B -o F.svg` (or A again under --seed-b or
 * --profile-b): the double ladder. */
static int svg_compare(const struct args *a)
{
	int rc = one_file(a);
	if (rc)
		return rc;
	if (!a->val[OPT_OUT])
		return usage_error(a->cmd, "needs -o FILE (or -o - for standard output)%s", "");
	if (a->val[OPT_PLOT] || a->val[OPT_AT] || a->val[OPT_FROM] || a->val[OPT_TO])
		return usage_error(a->cmd,
		                   "--compare draws both whole runs: no --plot, --at, --from or "
		                   "--to with it%s",
		                   "");
	const char *path_b = a->val[OPT_COMPARE] ? a->val[OPT_COMPARE] : a->files[0];
	struct run ra, rb;
	struct run_as as_a, as_b;
	struct out_file o;
	char err[320] = "";
	if ((rc = compare_opts(a, &as_a, &as_b)) ||
	    (rc = compare_runs(a, path_b, &as_a, &as_b, &ra, &rb)))
		return rc;
	struct compare c;
	if (compare_build(&c, sim_trace(ra.sim), sim_trace(rb.sim)) != 0) {
		run_close(&ra);
		run_close(&rb);
		return output_failed(a->cmd, OUT_ENOMEM, "");
	}
	if (out_open(&o, a->val[OPT_OUT], err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim svg: %s\n", err);
		rc = EXIT_USAGE;
	} else {
		char wa[1200], wb[1200];
		run_what(&ra, wa, sizeof wa);
		run_what(&rb, wb, sizeof wb);
		struct cmp_run xa = {&ra.scn, sim_trace(ra.sim), "run A", wa, 0};
		struct cmp_run xb = {&rb.scn, sim_trace(rb.sim), "run B", wb, 0};
		int st = out_svg_compare(o.f, &c, &xa, &xb);
		if (st == OUT_EWRITE)
			snprintf(err, sizeof err, "cannot write %s: %s", out_name(&o),
			         errno ? strerror(errno) : "write error");
		st = out_close(&o, st, err, sizeof err);
		if (st != OUT_OK)
			rc = output_failed(a->cmd, st, err);
		else
			fprintf(stderr, "wrote %s (%u and %u packets, %s)\n", out_name(&o),
			        xa.tr->nsegs, xb.tr->nsegs,
			        c.first < 0 ? "the runs agree" : "the first divergence marked");
	}
	compare_free(&c);
	run_close(&ra);
	run_close(&rb);
	return rc;
}

static int name_cmp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The alphabetically first *.tcps file in dir. */
static int first_in_dir(const char *dir, char *out, size_t size)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return -1;
	char *best = NULL;
	struct dirent *e;
	while ((e = readdir(dp))) {
		const char *name = e->d_name;
		size_t l = strlen(name);
		if (l > 5 && strcmp(name + l - 5, ".tcps") == 0 &&
		    (!best || name_cmp(&name, &best) < 0)) {
			free(best);
			best = strdup(name);
		}
	}
	closedir(dp);
	if (!best)
		return -1;
	snprintf(out, size, "%s/%s", dir, best);
	free(best);
	return 0;
}

/* The directory of the running executable (/proc/self/exe, else argv[0]). */
static int exe_dir(const char *argv0, char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	if (n > 0) {
		out[n] = '\0';
	} else {
		if (!strchr(argv0, '/'))
			return -1;
		snprintf(out, size, "%s", argv0);
	}
	char *slash = strrchr(out, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

/* The first lesson: in $TCPSIM_SCENARIOS if set, else ./scenarios, else the
 * scenarios/ beside the build directory of the executable. */
static int first_lesson(const char *argv0, char *out, size_t size)
{
	const char *env = getenv("TCPSIM_SCENARIOS");
	if (env && *env)
		return first_in_dir(env, out, size);
	if (first_in_dir("scenarios", out, size) == 0)
		return 0;
	char dir[4096], scn[4200];
	if (exe_dir(argv0, dir, sizeof dir) != 0)
		return -1;
	snprintf(scn, sizeof scn, "%s/../scenarios", dir);
	return first_in_dir(scn, out, size);
}

/* `tcpsim [SCENARIO] [window options]`. */
static int cmd_window(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	if (a->nfiles > 1)
		return usage_error(NULL, "opens one scenario at a time; extra: '%s'", a->files[1]);
	struct cli_window w = {0};
	int rc = window_opts(a, &w);
	if (rc)
		return rc;
	char path[4096];
	const char *file = a->nfiles ? a->files[0] : NULL;
	if (!file) {
		if (first_lesson(a->argv0, path, sizeof path) != 0) {
			fprintf(stderr,
			        "tcpsim: no scenario given, and none found in "
			        "$TCPSIM_SCENARIOS, ./scenarios or beside the executable\n");
			return usage_error(NULL, "usage: tcpsim SCENARIO.tcps%s", "");
		}
		file = path;
	}
	/* a file that cannot be read or has errors says so first, as `check`
	 * would, display or none */
	struct scenario scn;
	struct scn_diags d = {0};
	int errors = scn_load_file(file, &scn, &d);
	if (errors == 0)
		scn_free(&scn);
	else
		scn_diags_print(&d, file, stderr);
	scn_diags_free(&d);
	if (errors)
		return EXIT_USAGE;
	if (!h->window)
		return no_window("opening a scenario");
	w.path = file;
	return h->window(&w);
}

/* `tcpsim quiz FILE --print`: the teacher's sheet; without --print, the
 * window in quiz mode. */
static int cmd_quiz(const struct args *a, const struct cli_hooks *h, int argc, char **argv)
{
	int rc = one_file(a);
	if (rc)
		return rc;
	if (!a->val[OPT_PRINT]) {
		struct cli_window w = {0};
		if ((rc = window_opts(a, &w)))
			return rc;
		struct scenario scn;
		struct scn_diags d = {0};
		int errors = scn_load_file(a->files[0], &scn, &d);
		if (errors == 0)
			scn_free(&scn);
		else
			scn_diags_print(&d, a->files[0], stderr);
		scn_diags_free(&d);
		if (errors)
			return EXIT_USAGE;
		if (!h->window)
			return no_window("'tcpsim quiz' without --print");
		w.path = a->files[0];
		w.quiz = 1;
		return h->window(&w);
	}
	struct run r;
	if (run_open(&r, a->files[0], a, 0))
		return EXIT_USAGE;
	sim_run(r.sim);
	if (run_stopped(&r)) {
		run_close(&r);
		return EXIT_USAGE;
	}
	out_warnings_print(stderr, r.sim, a->files[0]);
	struct quiz qz = {0};
	if (quiz_build(&qz, &r.scn, sim_trace(r.sim), NULL) != 0) {
		fprintf(stderr, "tcpsim: out of memory\n");
		rc = EXIT_USAGE;
	} else {
		rc = quiz_print(stdout, &r.scn, &qz, sim_seed(r.sim)) == 0 ? EXIT_OK : EXIT_USAGE;
	}
	quiz_free(&qz);
	run_close(&r);
	return rc;
}

static const struct command commands[] = {
    {"trace", OPTS(OPT_ABSOLUTE) | RUN_OPTS | OPTS(OPT_UNTIL) | OPTS(OPT_AT) | OPTS(OPT_NARRATE),
     cmd_trace,
     "usage: tcpsim trace SCENARIO [-S] [--seed N] [--until T] [--at HOST|wire]\n"
     "                    [--narrate] [--max-events N]\n"
     "Runs SCENARIO and prints its trace: one tcpdump line per segment sent\n"
     "(relative sequence numbers after the SYN), and lines for state changes\n"
     "with their cause, losses, timers, application calls and notes.\n"
     "  -S, --absolute   absolute sequence numbers, like tcpdump -S\n"
     "  --seed N         run with seed N instead of the scenario's own\n"
     "  --until T        stop the run at time T (e.g. 1.5s)\n"
     "  --at HOST|wire   what tcpdump on HOST would have seen (default: the wire)\n"
     "  --narrate        after each line, the sentence the window's narration\n"
     "                   panel shows for it, as '  # ...'; records the trace\n"
     "                   leaves out (arrivals on the wire, retransmission timers\n"
     "                   armed) get theirs alone, with their time:\n"
     "                   '  # 1.010000 The client's SYN reaches the server.'\n"
     "  --max-events N   stop the run after N events (default 20000000)\n"
     "Same file + same seed = byte-identical output.  A run that loops or grows\n"
     "without bound stops with FILE:LINE:COL: error: ... and exit status 2.\n"},
    {"check", 0, cmd_check,
     "usage: tcpsim check SCENARIO...\n"
     "Reports every error as FILE:LINE:COL: error: MESSAGE, with a hint, and runs\n"
     "nothing; ends with 'N files, N errors' on stderr.\n"
     "Exit 0 when every file is clean, 2 otherwise.\n"},
    {"test", OPTS(OPT_VERBOSE) | RUN_OPTS, cmd_test,
     "usage: tcpsim test SCENARIO... [-v] [--seed N] [--max-events N]\n"
     "Runs each scenario and judges every expect line.  Each failed expectation\n"
     "prints 'FILE:LINE: expected X, was Y at T'; -v (--verbose) prints the held\n"
     "ones too.  Ends with 'N passed, N failed' (one count per expectation), and\n"
     "', N files not run (errors above)' when a file has errors.\n"
     "Exit 0 all held, 1 some failed, 2 a file has errors.\n"},
    {"netstat", OPTS(OPT_AT) | OPTS(OPT_SS) | OPTS(OPT_PROCS) | RUN_OPTS, cmd_netstat,
     "usage: tcpsim netstat SCENARIO --at T [--ss [-p]] [--seed N] [--max-events N]\n"
     "Prints both hosts' socket tables at time T in 'netstat -nat' form, or\n"
     "'ss -tan' form with --ss, with the state names those tools print.\n"
     "  -p, --processes  with --ss: 'ss -tanp', the Process column naming the\n"
     "                   application that holds each socket:\n"
     "                   users:((\"NAME\",pid=P,fd=F))\n"},
    {"lsof", OPTS(OPT_AT) | OPTS(OPT_PORT) | RUN_OPTS, cmd_lsof,
     "usage: tcpsim lsof SCENARIO --at T [-i :PORT] [--seed N] [--max-events N]\n"
     "Prints each host's 'lsof -nP -i' (or 'lsof -nP -i :PORT') at time T: which\n"
     "program (COMMAND, PID, USER) holds which TCP socket under which descriptor\n"
     "(FD).  A host runs one program: its app= name (default: the host's name),\n"
     "PID 1001 (first host) or 1002 (second), user student.  Sockets without a\n"
     "descriptor (SYN_RCVD embryos, closed orphans, TIME_WAIT) are not listed.\n"},
    {"sar", OPTS(OPT_AT) | OPTS(OPT_EVERY) | RUN_OPTS, cmd_sar,
     "usage: tcpsim sar SCENARIO [--every T] [--at HOST] [--seed N] [--max-events N]\n"
     "Prints 'sar -n SOCK,TCP,ETCP T COUNT' of one host over the whole run: socket\n"
     "counts (totsck tcpsck tcp-tw ...) and TCP rates (active/s passive/s iseg/s\n"
     "oseg/s, atmptf/s estres/s retrans/s isegerr/s orsts/s) every T (whole\n"
     "seconds, default 1s), from 00:00:00 at time 0, then the Average: lines.\n"
     "  --at HOST   the machine sar runs on (default: the second host, the server)\n"},
    {"pcap", OPTS(OPT_OUT) | OPTS(OPT_AT) | RUN_OPTS, cmd_pcap,
     "usage: tcpsim pcap SCENARIO -o FILE [--at HOST|wire] [--seed N] [--max-events N]\n"
     "Writes a classic pcap (raw IPv4) of the run; -o - writes it to standard\n"
     "output (e.g. into 'tcpdump -n -r -').  --at wire (default): every segment\n"
     "as it left its sender; --at HOST: what a capture on that host would hold\n"
     "(lost segments absent).  Open it with Wireshark or tcpdump -r.\n"},
    {"svg",
     OPTS(OPT_OUT) | OPTS(OPT_FROM) | OPTS(OPT_TO) | OPTS(OPT_PLOT) | OPTS(OPT_AT) | RUN_OPTS |
         OPTS(OPT_COMPARE) | OPTS(OPT_SEED_B) | OPTS(OPT_PROFILE) | OPTS(OPT_PROFILE_B),
     cmd_svg,
     "usage: tcpsim svg SCENARIO -o FILE [--from T] [--to T] [--seed N]\n"
     "       tcpsim svg SCENARIO -o FILE --plot tsg|cwnd [--at HOST] [--seed N]\n"
     "       tcpsim svg A.tcps --compare B.tcps -o FILE [--seed N] [--profile P]\n"
     "       tcpsim svg A.tcps -o FILE --seed-b N|--profile-b P [--seed N]\n"
     "                  [--profile P]\n"
     "(each also takes --max-events N)\n"
     "Writes the ladder diagram as SVG (-o - for standard output): both\n"
     "timelines, every segment with its label, losses, retransmissions, state\n"
     "changes and the 2MSL bracket; --from/--to keep a slice of the run.\n"
     "--plot tsg: the time-sequence graph of the connection that sent the most\n"
     "data (from HOST with --at): data segments over their sequence numbers,\n"
     "retransmissions and losses marked, the ACK line, the window's edge, SACK\n"
     "blocks.  --plot cwnd: its congestion window, ssthresh, bytes in flight\n"
     "and the receive window over time.\n"
     "--compare B.tcps: the double ladder, run A's ladder left, run B's right, on\n"
     "one time axis, the first divergence (as 'tcpsim compare' finds it) a wide\n"
     "light band along its segment on both and said under them.  Without\n"
     "--compare, B is A again under --seed-b N (run B's seed) or --profile-b P\n"
     "(run B's profile); --seed N and --profile P are both runs'.\n"},
    {"compare",
     OPTS(OPT_TEXT) | OPTS(OPT_ABSOLUTE) | OPTS(OPT_SEED_B) | OPTS(OPT_PROFILE) |
         OPTS(OPT_PROFILE_B) | RUN_OPTS | WINDOW_OPTS,
     cmd_compare,
     "usage: tcpsim compare A.tcps [B.tcps] --text [-S] [--seed N] [--seed-b N]\n"
     "                      [--profile linux|rfc9293] [--profile-b linux|rfc9293]\n"
     "       tcpsim compare A.tcps [B.tcps] [--size WxH] [--theme light|dark]\n"
     "                      [--zoom F] [--fullscreen] [--seed N] [--seed-b N]\n"
     "                      [--profile linux|rfc9293] [--profile-b linux|rfc9293]\n"
     "Runs A and B and lines their segments up: the same segment goes the same\n"
     "way with the same flags, sequence and ack numbers relative to the ISNs,\n"
     "length, and arrives in both or is lost in both; ISNs, windows, options,\n"
     "ports and times do not count (the same segment sent later is the same\n"
     "step).  The first segment that differs is the first divergence.\n"
     "Without B, B is A again: give it another seed or profile (--seed-b N or\n"
     "--profile-b P); one file with neither is an error (exit 2).\n"
     "  --text            the two runs in two columns (100 characters wide), the\n"
     "                    first divergence marked '>>' and said in a sentence,\n"
     "                    other rows that differ '*'; without --text the window\n"
     "                    opens in compare mode (C, Shift+C: docs/window.md)\n"
     "  -S, --absolute    absolute sequence numbers in the columns (the\n"
     "                    comparison stays relative)\n"
     "  --seed N          both runs' seed\n"
     "  --seed-b N        run B's seed alone\n"
     "  --profile P       run both under profile P (linux or rfc9293), whatever\n"
     "                    the files say\n"
     "  --profile-b P     run B alone under P: compare x.tcps --profile-b rfc9293\n"
     "  --max-events N    stop each run after N events (default 20000000)\n"
     "Exit 0 the runs agree, 1 they diverge, 2 a file or the command line is wrong.\n"},
    {"shot",
     OPTS(OPT_AT) | OPTS(OPT_OUT) | OPTS(OPT_LAYOUT) | OPTS(OPT_PLOT) | OPTS(OPT_QUIZ) |
         WINDOW_OPTS | OPTS(OPT_COMPARE) | OPTS(OPT_SEED_B) | OPTS(OPT_PROFILE) |
         OPTS(OPT_PROFILE_B) | OPTS(OPT_INTERVENE),
     cmd_shot,
     "usage: tcpsim shot SCENARIO --at T -o FILE.png [--size WxH] [--zoom F]\n"
     "                   [--theme light|dark] [--layout FILE.json]\n"
     "                   [--plot tsg|cwnd[:HOST]]\n"
     "                   [--quiz ask|right|wrong|summary|not-a-choice]\n"
     "                   [--intervene HOST:N[:K]] [--seed N]\n"
     "                   [--compare B.tcps] [--seed-b N] [--profile P] [--profile-b P]\n"
     "Renders the window off-screen at simulated time T and writes a PNG; no\n"
     "display is needed.  --zoom F: a factor of the zoom table (0.8 0.9 1.0\n"
     "1.15 1.3 1.5 1.75 2.0 2.5), as Ctrl+= and Ctrl+- step through it.\n"
     "--layout FILE.json (with or without -o): the frame's layout as JSON,\n"
     "{\"size\":[w,h], \"views\":[{name,x,y,w,h}], \"texts\":[{view,text,x,y,w,h,px}],\n"
     "\"left_out\":[{view,what,why}]}: every view's box, every text drawn with its\n"
     "box and font size in pixels, every item left out, cut or folded.\n"
     "--plot tsg|cwnd: with the plot the G key shows in the diagram's place, of\n"
     "the followed connection's end that sent more; --plot tsg:HOST (cwnd:HOST):\n"
     "of HOST's end, as Shift+G chooses (HOST as svg's --at HOST).\n"
     "--quiz MODE: in quiz mode (the P key), the questions before T answered\n"
     "right, then the first question at or after T asked (ask), answered right\n"
     "or wrong and revealed (right, wrong), or it and every later one answered\n"
     "wrong and the run played to the summary card (summary).\n"
     "--compare B.tcps, --seed-b N, --profile-b P (--profile P): compare mode, as\n"
     "'tcpsim compare' opens it: run B is B.tcps, else SCENARIO again with that\n"
     "seed or profile (shot x.tcps --at 2s -o c.png --profile-b rfc9293).\n"

     "--intervene HOST:N: with the menu a click opens on the N-th segment HOST\n"
     "sent (`segment N` of drop); HOST:N:K: its K-th choice taken (1 drops it,\n"
     "2 ... delay it), the branched run shown at T.\n"},
    {"quiz", OPTS(OPT_PRINT) | RUN_OPTS | WINDOW_OPTS, cmd_quiz,
     "usage: tcpsim quiz SCENARIO [--seed N] [--size WxH] [--zoom F]\n"
     "                   [--theme light|dark] [--fullscreen]\n"
     "       tcpsim quiz SCENARIO --print [--seed N] [--max-events N]\n"
     "Opens the window in quiz mode: the run pauses before each state change of\n"
     "the followed connections and before each ask point of the scenario's ask\n"
     "lines, and asks what comes next.  --print writes the questions instead,\n"
     "for the teacher's sheet: for each, its time, the question, the choices with\n"
     "the answer in [brackets], how the answer was found and why (the narration\n"
     "of the record that answers it, or the ask line's why).  --seed N: another\n"
     "run of the same file, other ISNs and random losses (a comparable quiz for\n"
     "another student).  An ask that never came, or whose derived answer is none\n"
     "of its choices, is a FILE:LINE:COL: warning: on stderr.\n"},
    {"coverage", RUN_OPTS, cmd_coverage,
     "usage: tcpsim coverage SCENARIO... [--seed N] [--max-events N]\n"
     "Runs each file and prints every state and every transition with the\n"
     "files that exercise it, the transitions outside the RFC 9293 diagram\n"
     "separately; ends with 'N of M transitions covered' (M: the arrows of the\n"
     "diagram).  Exit 1 if a state or a diagram arrow is not covered.\n"},
    {"bench", OPTS(OPT_FRAMES), cmd_bench,
     "usage: tcpsim bench [--frames]\n"
     "Measures the engine on this machine: a 100 MB bulk transfer (0% and 1%\n"
     "loss), 10,000 short connections, 4 GiB in 64 KiB segments (a sequence\n"
     "wrap), each the fastest of three runs, and a 1,000,000-SYN flood (one\n"
     "run), beside their targets; --frames times\n"
     "the window instead: 400 frames (median, p99, each up to its present)\n"
     "of the SYN flood lesson, of the sequence wrap lesson (30b, 79,000\n"
     "segments) and of a 1,000-segment bulk transfer (those two again with\n"
     "each plot of G) at 1920x1080 with the software renderer, and the\n"
     "first frame of those and of a 1,000,000-SYN flood.  Prints figures;\n"
     "never fails on time.\n"},
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

static const struct command window_command = {NULL, WINDOW_OPTS, cmd_window, usage_text};

static const struct command *find_command(const char *name)
{
	for (int i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int print_help(const char *name)
{
	const struct command *c = name ? find_command(name) : NULL;
	fputs(c ? c->help : usage_text, stdout);
	if (!c || c->help == usage_text)
		fputs(usage_more, stdout);
	return EXIT_OK;
}

static int unknown_command(const char *word)
{
	const char *names[NCOMMANDS];
	for (int i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *sug = scn_suggest(word, (int)strlen(word), names, NCOMMANDS);
	if (sug)
		fprintf(stderr, "tcpsim: unknown command '%s'; did you mean '%s'?\n", word, sug);
	else
		fprintf(stderr,
		        "tcpsim: unknown command '%s' (and no such scenario file); see "
		        "'tcpsim --help'\n",
		        word);
	return EXIT_USAGE;
}

/* A word that is no command: a scenario for the window, or a typo. */
static int looks_like_file(const char *w)
{
	return w[0] == '-' || strchr(w, '.') || strchr(w, '/') || access(w, F_OK) == 0;
}

static int run_command(const struct command *c, int argc, char **argv,
                       const struct cli_hooks *hooks, const char *argv0)
{
	struct args a;
	memset(&a, 0, sizeof a);
	a.cmd = c->name;
	a.argv0 = argv0;
	int rc = parse_args(argc, argv, c->opts, &a);
	if (rc == 0)
		rc = a.val[OPT_HELP] ? print_help(c->name) : c->run(&a, hooks, argc, argv);
	free(a.files);
	return rc;
}

static int dispatch(int argc, char **argv, const struct cli_hooks *hooks)
{
	const char *argv0 = argc > 0 ? argv[0] : "tcpsim";
	const char *w = argc >= 2 ? argv[1] : NULL;
	if (w && (strcmp(w, "--help") == 0 || strcmp(w, "-h") == 0 || strcmp(w, "help") == 0)) {
		if (argc >= 3 && !find_command(argv[2]) && strcmp(w, "help") == 0)
			return unknown_command(argv[2]);
		return print_help(argc >= 3 ? argv[2] : NULL);
	}
	if (w && strcmp(w, "--version") == 0) {
		printf("tcpsim %s\n", TCPSIM_VERSION);
		return EXIT_OK;
	}
	const struct command *c = w ? find_command(w) : NULL;
	if (c)
		return run_command(c, argc - 2, argv + 2, hooks, argv0);
	if (w && !looks_like_file(w))
		return unknown_command(w);
	return run_command(&window_command, argc - 1, argv + 1, hooks, argv0);
}

int cli_main(int argc, char **argv, const struct cli_hooks *hooks)
{
	static const struct cli_hooks none = {0};
	int rc = dispatch(argc, argv, hooks ? hooks : &none);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "tcpsim: cannot write to standard output: %s\n",
		        errno ? strerror(errno) : "write error");
		return EXIT_USAGE;
	}
	return rc;
}
