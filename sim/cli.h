/* cli: the tcpsim command line (trace, check, test, netstat, pcap, svg,
 * coverage, bench).  gui/main.c calls cli_main(); the window's own commands
 * (opening the window, `shot`, `bench --frames`) come in through hooks so
 * that sim/ never depends on SDL. */
#ifndef TCPSIM_CLI_H
#define TCPSIM_CLI_H

#include "simtime.h"

struct cli_hooks {
	/* NULL when built without the window. */
	int (*window)(const char *path, int argc, char **argv);
	int (*shot)(int argc, char **argv);
	int (*bench_frames)(int argc, char **argv);
};

/* Runs the command line; returns the exit status (0 ok, 1 an expectation
 * failed, 2 bad scenario or command line). */
int cli_main(int argc, char **argv, const struct cli_hooks *hooks);

/* Parses "1.5s", "250ms", "40us", "2min"; returns 0 on success. */
int cli_parse_time(const char *s, simtime_t *out);

#endif
