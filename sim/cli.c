/* cli: the tcpsim command line.  gui/main.c calls cli_main(); each command
 * loads a scenario through scn_load_file(), runs the engine, and hands the
 * trace or a snapshot to an exporter (sim/output.h).  The window's own
 * commands come in through hooks, so sim/ never depends on SDL. */
#include "cli.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "output.h"
#include "scn_lex.h"
#include "sim.h"

#ifndef TCPSIM_VERSION
#define TCPSIM_VERSION "0.1.0"
#endif

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: tcpsim [SCENARIO] [--seed N] [--size WxH] [--theme light|dark] [--fullscreen]\n"
	"       tcpsim COMMAND [ARGS]\n"
	"\n"
	"A TCP teaching simulator: two hosts, one lossy link, one deterministic clock.\n"
	"Without a command, tcpsim opens the window on SCENARIO (default: the first\n"
	"lesson in scenarios/).\n"
	"\n"
	"commands:\n"
	"  trace SCENARIO [-S] [--seed N] [--until T] [--at HOST|wire]\n"
	"                      the run as text: tcpdump's lines for segments, plus\n"
	"                      state changes with their cause, losses, timers, calls\n"
	"  check SCENARIO...   report every error in the files; run nothing\n"
	"  test SCENARIO... [-v]\n"
	"                      run each file and judge its expect lines; ends with\n"
	"                      'N passed, N failed'\n"
	"  netstat SCENARIO --at T [--ss] [--seed N]\n"
	"                      both hosts' socket tables at time T, as 'netstat -nat'\n"
	"                      (or 'ss -tan' with --ss)\n"
	"  pcap SCENARIO -o FILE [--at HOST|wire] [--seed N]\n"
	"                      a capture for Wireshark and tcpdump -r\n"
	"  svg SCENARIO -o FILE [--from T] [--to T] [--seed N]\n"
	"                      the ladder diagram for slides and handouts\n"
	"  shot SCENARIO --at T -o FILE.png [--size WxH] [--theme light|dark] [--seed N]\n"
	"                      the window, rendered off-screen, as a PNG\n"
	"  coverage SCENARIO...\n"
	"                      which states and RFC 9293 arrows the files exercise\n"
	"  bench [--frames]    measure the engine (or the window's frame time)\n"
	"\n"
	"options: --help (also after a command), --version\n"
	"times carry a unit: 250ms, 1.5s, 40us, 2min\n"
	"exit status: 0 all good, 1 an expectation failed, 2 a wrong scenario or\n"
	"command line\n"
	"window keys: Space play/pause, Right/Left step, Shift+Right/Left next/previous\n"
	"state change, Home/End, +/- speed, R reload, O open, Ctrl+=/Ctrl+- zoom,\n"
	"T theme, S screenshot, E export pcap+SVG, F11 full screen, H or F1 help,\n"
	"Esc close overlay, Q quit (docs/window.md)\n";

struct cmd_help {
	const char *name, *text;
};

static const struct cmd_help helps[] = {
	{"trace", "usage: tcpsim trace SCENARIO [-S] [--seed N] [--until T] [--at HOST|wire]\n"
		  "Runs SCENARIO and prints its trace: one tcpdump line per segment sent\n"
		  "(relative sequence numbers after the SYN; -S absolute), and lines for\n"
		  "state changes with their cause, losses, timers, application calls and\n"
		  "notes.  --at HOST prints what tcpdump on that host would have seen;\n"
		  "--until T stops the run at T; --seed N overrides the scenario's seed.\n"},
	{"check", "usage: tcpsim check SCENARIO...\n"
		  "Reports every error as FILE:LINE:COL: error: MESSAGE, with a hint, and runs\n"
		  "nothing.  Exit 0 when every file is clean, 2 otherwise.\n"},
	{"test", "usage: tcpsim test SCENARIO... [-v]\n"
		 "Runs each scenario and judges every expect line.  Each failed expectation\n"
		 "prints 'FILE:LINE: expected X, was Y at T'; -v prints the held ones too.\n"
		 "Ends with 'N passed, N failed' (one count per expectation).\n"
		 "Exit 0 all held, 1 some failed, 2 a file has errors.\n"},
	{"netstat", "usage: tcpsim netstat SCENARIO --at T [--ss] [--seed N]\n"
		    "Prints both hosts' socket tables at time T in 'netstat -nat' form, or\n"
		    "'ss -tan' form with --ss, with the names those tools print.\n"},
	{"pcap", "usage: tcpsim pcap SCENARIO -o FILE [--at HOST|wire] [--seed N]\n"
		 "Writes a classic pcap (raw IPv4) of the run.  --at wire (default): every\n"
		 "segment as it left its sender; --at HOST: what a capture on that host\n"
		 "would hold (lost segments absent).  Open it with Wireshark or tcpdump -r.\n"},
	{"svg", "usage: tcpsim svg SCENARIO -o FILE [--from T] [--to T] [--seed N]\n"
		"Writes the ladder diagram as SVG: both timelines, every segment with its\n"
		"label, losses, retransmissions, state changes and the 2MSL bracket.\n"},
	{"shot", "usage: tcpsim shot SCENARIO --at T -o FILE.png [--size WxH] [--theme light|dark]\n"
		 "Renders the window off-screen at simulated time T and writes a PNG; no\n"
		 "display is needed.\n"},
	{"coverage", "usage: tcpsim coverage SCENARIO...\n"
		     "Runs each file and prints every state and every transition with the\n"
		     "files that exercise it; ends with 'N of M transitions covered' (the\n"
		     "arrows of the RFC 9293 diagram).  Exit 1 if one is not covered.\n"},
	{"bench", "usage: tcpsim bench [--frames]\n"
		  "Measures the engine on this machine: a 100 MB bulk transfer (0% and 1%\n"
		  "loss), 10,000 short connections and a 1,000,000-SYN flood; --frames\n"
		  "measures the window's frame time instead.  Prints figures; never fails.\n"},
};

static const char *const commands[] = {"trace", "check", "test", "netstat", "pcap",
				       "svg", "shot", "coverage", "bench"};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "tcpsim%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n(see 'tcpsim %s--help')\n", cmd ? "" : "");
	return EXIT_USAGE;
}

static int print_help(const char *cmd)
{
	for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
		if (strcmp(helps[i].name, cmd) == 0) {
			fputs(helps[i].text, stdout);
			return EXIT_OK;
		}
	fputs(usage_text, stdout);
	return EXIT_OK;
}

int cli_parse_time(const char *s, simtime_t *out)
{
	char err[160];
	return scn_lit_time(s, (int)strlen(s), out, err, sizeof err) == 0 ? 0 : -1;
}

/* ---- common options ---- */

struct opts {
	const char *cmd;
	const char *files[256];
	int nfiles;
	const char *out, *at;
	int absolute, ss, verbose, frames;
	int seed_set;
	uint64_t seed;
	simtime_t until, from, to;
	int have_until, have_from, have_to;
};

static int need_value(int argc, char **argv, int i, const char *cmd)
{
	if (i + 1 >= argc) {
		usage_error(cmd, "option %s needs a value", argv[i]);
		return 0;
	}
	return 1;
}

static int parse_time_arg(const char *cmd, const char *opt, const char *v, simtime_t *out)
{
	char err[160];
	if (scn_lit_time(v, (int)strlen(v), out, err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim %s: %s %s: %s\n", cmd, opt, v, err);
		return -1;
	}
	return 0;
}

/* Parses the options every command shares; returns 0 or an exit status. */
static int parse_opts(int argc, char **argv, struct opts *o)
{
	const char *cmd = o->cmd;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			print_help(cmd);
			return -1;
		} else if (strcmp(a, "-S") == 0) {
			o->absolute = 1;
		} else if (strcmp(a, "--ss") == 0) {
			o->ss = 1;
		} else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
			o->verbose = 1;
		} else if (strcmp(a, "--frames") == 0) {
			o->frames = 1;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			if (!need_value(argc, argv, i, cmd))
				return EXIT_USAGE;
			o->out = argv[++i];
		} else if (strcmp(a, "--at") == 0) {
			if (!need_value(argc, argv, i, cmd))
				return EXIT_USAGE;
			o->at = argv[++i];
		} else if (strcmp(a, "--seed") == 0) {
			if (!need_value(argc, argv, i, cmd))
				return EXIT_USAGE;
			char *end;
			o->seed = strtoull(argv[++i], &end, 10);
			if (*end || !*argv[i])
				return usage_error(cmd, "--seed takes a whole number, not '%s'", argv[i]);
			o->seed_set = 1;
		} else if (strcmp(a, "--until") == 0 || strcmp(a, "--from") == 0 ||
			   strcmp(a, "--to") == 0) {
			if (!need_value(argc, argv, i, cmd))
				return EXIT_USAGE;
			simtime_t *dst = a[2] == 'u' ? &o->until : a[2] == 'f' ? &o->from : &o->to;
			int *have = a[2] == 'u' ? &o->have_until : a[2] == 'f' ? &o->have_from : &o->have_to;
			if (parse_time_arg(cmd, a, argv[++i], dst) < 0)
				return EXIT_USAGE;
			*have = 1;
		} else if (a[0] == '-' && a[1]) {
			return usage_error(cmd, "unknown option '%s'", a);
		} else {
			if (o->nfiles == (int)(sizeof o->files / sizeof o->files[0]))
				return usage_error(cmd, "too many files (the limit is 256): '%s'", a);
			o->files[o->nfiles++] = a;
		}
	}
	return 0;
}

/* Loads one scenario, printing its diagnostics; 0 on success. */
static int load(const char *path, struct scenario *scn)
{
	struct scn_diags d = {0};
	int rc = scn_load_file(path, scn, &d);
	if (rc) {
		scn_diags_print(&d, path, stderr);
		fprintf(stderr, "%s: %d error%s; nothing was run\n", path, d.n, d.n == 1 ? "" : "s");
	}
	scn_diags_free(&d);
	return rc ? -1 : 0;
}

static struct sim *start(const struct scenario *scn, const struct opts *o, int checkpoints)
{
	struct sim_options so = {0};
	so.seed_set = o->seed_set;
	so.seed = o->seed;
	so.checkpoints = checkpoints;
	if (o->have_until)
		so.until = o->until;
	struct sim *s = sim_new(scn, &so);
	if (!s)
		fprintf(stderr, "tcpsim: out of memory\n");
	return s;
}

static int one_file(const struct opts *o)
{
	if (o->nfiles == 0)
		return usage_error(o->cmd, "needs a scenario file%s", "");
	if (o->nfiles > 1)
		return usage_error(o->cmd, "takes one scenario file; extra: '%s'", o->files[1]);
	return 0;
}

/* --at HOST|wire: -1 for the wire, a host index, or -2 when unknown. */
static int view_of(const struct scenario *scn, const char *at)
{
	if (!at || strcmp(at, "wire") == 0)
		return -1;
	int h = scn_host_find(scn, at, (int)strlen(at));
	if (h < 0) {
		fprintf(stderr, "tcpsim: --at %s: no such host; hosts are %s and %s (or wire)\n", at,
			scn->hosts[0].name, scn->nhosts > 1 ? scn->hosts[1].name : "?");
		return -2;
	}
	return h;
}

/* ---- commands ---- */

static int cmd_trace(const struct opts *o)
{
	int rc = one_file(o);
	if (rc)
		return rc;
	struct scenario scn;
	if (load(o->files[0], &scn))
		return EXIT_USAGE;
	int view = view_of(&scn, o->at);
	if (view == -2) {
		scn_free(&scn);
		return EXIT_USAGE;
	}
	struct sim *s = start(&scn, o, 0);
	sim_run(s);
	struct fmt_opts fo = {.absolute = o->absolute, .at_host = view};
	rc = out_trace(stdout, &scn, sim_trace(s), &fo) == 0 ? EXIT_OK : EXIT_USAGE;
	if (fflush(stdout) != 0)
		rc = EXIT_USAGE;
	sim_free(s);
	scn_free(&scn);
	return rc;
}

static int cmd_check(const struct opts *o)
{
	if (o->nfiles == 0)
		return usage_error(o->cmd, "needs at least one scenario file%s", "");
	int bad = 0, errors = 0;
	for (int i = 0; i < o->nfiles; i++) {
		struct scenario scn;
		struct scn_diags d = {0};
		if (scn_load_file(o->files[i], &scn, &d) == 0) {
			scn_free(&scn);
		} else {
			scn_diags_print(&d, o->files[i], stderr);
			bad++;
			errors += d.n;
		}
		scn_diags_free(&d);
	}
	fprintf(stderr, "%d file%s checked, %d with errors (%d error%s)\n", o->nfiles,
		o->nfiles == 1 ? "" : "s", bad, errors, errors == 1 ? "" : "s");
	return bad ? EXIT_USAGE : EXIT_OK;
}

static int cmd_test(const struct opts *o)
{
	if (o->nfiles == 0)
		return usage_error(o->cmd, "needs at least one scenario file%s", "");
	int passed = 0, failed = 0, broken = 0;
	for (int i = 0; i < o->nfiles; i++) {
		struct scenario scn;
		if (load(o->files[i], &scn)) {
			broken++;
			continue;
		}
		if (scn.nexpects == 0)
			fprintf(stderr, "%s: warning: no expect lines\n", o->files[i]);
		struct sim *s = start(&scn, o, 0);
		sim_run(s);
		const struct sim_verdict *v = sim_verdicts(s);
		for (int k = 0; k < scn.nexpects; k++) {
			char msg[256];
			sim_verdict_text(s, k, msg, sizeof msg);
			if (v[k].held)
				passed++;
			else
				failed++;
			if (!v[k].held || o->verbose)
				printf("%s:%d: %s\n", o->files[i], scn.expects[k].line, msg);
		}
		sim_free(s);
		scn_free(&scn);
	}
	printf("%d passed, %d failed\n", passed, failed);
	if (broken)
		return EXIT_USAGE;
	return failed ? EXIT_FAILED : EXIT_OK;
}

static int cmd_netstat(const struct opts *o)
{
	int rc = one_file(o);
	if (rc)
		return rc;
	if (!o->at)
		return usage_error(o->cmd, "needs --at TIME (for example --at 1.5s)%s", "");
	simtime_t t;
	if (parse_time_arg(o->cmd, "--at", o->at, &t) < 0)
		return EXIT_USAGE;
	struct scenario scn;
	if (load(o->files[0], &scn))
		return EXIT_USAGE;
	struct sim *s = start(&scn, o, 0);
	sim_run_until(s, t);
	struct snapshot snap = {0};
	sim_snapshot(s, &snap);
	rc = out_netstat(stdout, &snap, o->ss) == 0 ? EXIT_OK : EXIT_USAGE;
	snapshot_free(&snap);
	sim_free(s);
	scn_free(&scn);
	return rc;
}

static int cmd_pcap(const struct opts *o)
{
	int rc = one_file(o);
	if (rc)
		return rc;
	if (!o->out)
		return usage_error(o->cmd, "needs -o FILE%s", "");
	struct scenario scn;
	if (load(o->files[0], &scn))
		return EXIT_USAGE;
	int view = view_of(&scn, o->at);
	if (view == -2) {
		scn_free(&scn);
		return EXIT_USAGE;
	}
	struct sim *s = start(&scn, o, 0);
	sim_run(s);
	char err[256] = "";
	if (out_pcap(o->out, &scn, sim_trace(s), view, err, sizeof err) != 0) {
		fprintf(stderr, "tcpsim pcap: %s\n", err[0] ? err : "cannot write the capture");
		rc = EXIT_USAGE;
	} else {
		fprintf(stderr, "wrote %s (%u segments sent in the run)\n", o->out, sim_trace(s)->nsegs);
	}
	sim_free(s);
	scn_free(&scn);
	return rc;
}

static int cmd_svg(const struct opts *o)
{
	int rc = one_file(o);
	if (rc)
		return rc;
	if (!o->out)
		return usage_error(o->cmd, "needs -o FILE%s", "");
	struct scenario scn;
	if (load(o->files[0], &scn))
		return EXIT_USAGE;
	FILE *f = fopen(o->out, "w");
	if (!f) {
		fprintf(stderr, "tcpsim svg: cannot write %s: ", o->out);
		perror(NULL);
		scn_free(&scn);
		return EXIT_USAGE;
	}
	struct sim *s = start(&scn, o, 0);
	sim_run(s);
	rc = out_svg(f, &scn, sim_trace(s), o->have_from ? o->from : 0, o->have_to ? o->to : 0);
	if (fclose(f) != 0 || rc != 0) {
		fprintf(stderr, "tcpsim svg: writing %s failed\n", o->out);
		rc = EXIT_USAGE;
	} else {
		fprintf(stderr, "wrote %s\n", o->out);
	}
	sim_free(s);
	scn_free(&scn);
	return rc;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

static int cmd_coverage(const struct opts *o)
{
	if (o->nfiles == 0)
		return usage_error(o->cmd, "needs at least one scenario file%s", "");
	/* seen[a][f]: file f exercised arrow a; states likewise */
	int nf = o->nfiles;
	unsigned char *arrow_seen = calloc((size_t)ARROW_COUNT * (size_t)nf, 1);
	unsigned char *state_seen = calloc((size_t)TCPS_COUNT * (size_t)nf, 1);
	int broken = 0;
	if (!arrow_seen || !state_seen) {
		free(arrow_seen);
		free(state_seen);
		fprintf(stderr, "tcpsim: out of memory\n");
		return EXIT_USAGE;
	}
	for (int i = 0; i < nf; i++) {
		struct scenario scn;
		if (load(o->files[i], &scn)) {
			broken++;
			continue;
		}
		struct sim *s = start(&scn, o, 0);
		sim_run(s);
		const struct trace *tr = sim_trace(s);
		for (uint32_t k = 0; k < tr->n; k++) {
			const struct trace_rec *r = &tr->recs[k];
			if (r->kind != TR_STATE || r->sub >= ARROW_COUNT)
				continue;
			arrow_seen[(size_t)r->sub * (size_t)nf + (size_t)i] = 1;
			state_seen[(size_t)r->u.state.from * (size_t)nf + (size_t)i] = 1;
			state_seen[(size_t)r->u.state.to * (size_t)nf + (size_t)i] = 1;
		}
		sim_free(s);
		scn_free(&scn);
	}
	int states_covered = 0, covered = 0;
	printf("states:\n");
	for (int st = 0; st < TCPS_COUNT; st++) {
		int any = 0;
		printf("  %-12s", tcps_name(st));
		for (int i = 0; i < nf; i++)
			if (state_seen[(size_t)st * (size_t)nf + (size_t)i]) {
				printf(" %s", base_name(o->files[i]));
				any = 1;
			}
		printf("%s\n", any ? "" : " (not covered)");
		states_covered += any;
	}
	for (int pass = 0; pass < 2; pass++) {
		printf(pass == 0 ? "\ntransitions of the RFC 9293 diagram:\n"
				 : "\nother transitions (RFC 9293 text, Linux):\n");
		for (int a = 0; a < ARROW_COUNT; a++) {
			const struct tcp_arrow_info *ai = tcp_arrow(a);
			if (ai->in_diagram != (pass == 0))
				continue;
			char label[96];
			snprintf(label, sizeof label, "%s -> %s (%s / %s)",
				 ai->from < 0 ? "any" : tcps_name(ai->from), tcps_name(ai->to), ai->event,
				 ai->action);
			int any = 0;
			printf("  %-58s", label);
			for (int i = 0; i < nf; i++)
				if (arrow_seen[(size_t)a * (size_t)nf + (size_t)i]) {
					printf(" %s", base_name(o->files[i]));
					any = 1;
				}
			printf("%s\n", any ? "" : " (not covered)");
			if (pass == 0)
				covered += any;
		}
	}
	printf("\n%d of %d states covered\n", states_covered, TCPS_COUNT);
	printf("%d of %d transitions covered\n", covered, ARROW_DIAGRAM_COUNT);
	free(arrow_seen);
	free(state_seen);
	if (broken)
		return EXIT_USAGE;
	return covered == ARROW_DIAGRAM_COUNT && states_covered == TCPS_COUNT ? EXIT_OK : EXIT_FAILED;
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
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".tcps") == 0 &&
		    (!best || strcmp(e->d_name, best) < 0)) {
			free(best);
			best = strdup(e->d_name);
		}
	}
	closedir(dp);
	if (!best)
		return -1;
	int n = snprintf(out, size, "%s/%s", dir, best);
	free(best);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* The first lesson: $TCPSIM_SCENARIOS, ./scenarios, or next to the binary. */
static int first_lesson(const char *argv0, char *out, size_t size)
{
	const char *env = getenv("TCPSIM_SCENARIOS");
	char dirs[3][4096];
	int n = 0;
	if (env)
		snprintf(dirs[n++], sizeof dirs[0], "%s", env);
	snprintf(dirs[n++], sizeof dirs[0], "scenarios");
	const char *slash = strrchr(argv0, '/');
	if (slash)
		snprintf(dirs[n++], sizeof dirs[0], "%.*s/../scenarios", (int)(slash - argv0), argv0);
	for (int i = 0; i < n; i++)
		if (first_in_dir(dirs[i], out, size) == 0)
			return 0;
	return -1;
}

int cli_main(int argc, char **argv, const struct cli_hooks *hooks)
{
	static const struct cli_hooks none = {0};
	if (!hooks)
		hooks = &none;
	const char *argv0 = argc > 0 ? argv[0] : "tcpsim";
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
			  strcmp(argv[1], "help") == 0)) {
		return print_help(argc >= 3 ? argv[2] : "");
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("tcpsim %s\n", TCPSIM_VERSION);
		return EXIT_OK;
	}
	const char *cmd = argc >= 2 ? argv[1] : NULL;
	int known = -1;
	for (int i = 0; cmd && i < NCOMMANDS; i++)
		if (strcmp(cmd, commands[i]) == 0)
			known = i;
	if (known < 0) {
		/* No command: a scenario file (or none) for the window. */
		if (cmd && cmd[0] != '-' && !strchr(cmd, '.') && !strchr(cmd, '/')) {
			const char *sug = scn_suggest(cmd, (int)strlen(cmd), commands, NCOMMANDS);
			if (sug)
				fprintf(stderr, "tcpsim: unknown command '%s'; did you mean '%s'?\n", cmd, sug);
			else
				fprintf(stderr, "tcpsim: unknown command '%s'; see 'tcpsim --help'\n", cmd);
			return EXIT_USAGE;
		}
		if (!hooks->window) {
			fprintf(stderr, "tcpsim: this build has no window (built without SDL2); use a "
					"command such as 'tcpsim trace FILE'\n");
			return EXIT_USAGE;
		}
		char path[4096];
		const char *file = cmd && cmd[0] != '-' ? cmd : NULL;
		if (!file) {
			if (first_lesson(argv0, path, sizeof path) != 0) {
				fprintf(stderr, "tcpsim: no scenario given and no scenarios/ folder found\n%s",
					usage_text);
				return EXIT_USAGE;
			}
			file = path;
		}
		int skip = file == cmd ? 2 : 1;
		return hooks->window(file, argc - skip, argv + skip);
	}
	if (strcmp(cmd, "shot") == 0) {
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
				return print_help("shot");
		if (!hooks->shot) {
			fprintf(stderr, "tcpsim shot: this build has no window (built without SDL2)\n");
			return EXIT_USAGE;
		}
		return hooks->shot(argc - 2, argv + 2);
	}
	struct opts o = {0};
	o.cmd = cmd;
	int rc = parse_opts(argc - 2, argv + 2, &o);
	if (rc < 0)
		return EXIT_OK; /* --help was printed */
	if (rc)
		return rc;
	if (strcmp(cmd, "trace") == 0)
		return cmd_trace(&o);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(&o);
	if (strcmp(cmd, "test") == 0)
		return cmd_test(&o);
	if (strcmp(cmd, "netstat") == 0)
		return cmd_netstat(&o);
	if (strcmp(cmd, "pcap") == 0)
		return cmd_pcap(&o);
	if (strcmp(cmd, "svg") == 0)
		return cmd_svg(&o);
	if (strcmp(cmd, "coverage") == 0)
		return cmd_coverage(&o);
	if (o.frames) {
		if (!hooks->bench_frames) {
			fprintf(stderr, "tcpsim bench --frames: this build has no window\n");
			return EXIT_USAGE;
		}
		return hooks->bench_frames(argc - 2, argv + 2);
	}
	return bench_main();
}
