/* bench: `tcpsim bench`, the engine's benchmarks.  Builds its scenarios as
 * text in the scenario language, runs them and prints wall time, events per
 * second and peak memory beside the targets.  Never fails on time. */
#ifndef TCPSIM_BENCH_H
#define TCPSIM_BENCH_H

/* Runs every benchmark and prints a table; returns 0. */
int bench_main(void);

#endif
