/* bench: `tcpsim bench`, the engine's benchmarks.  Builds its scenarios as
 * text in the scenario language, runs them and prints wall time, events per
 * second and peak memory beside the targets.  Never fails on time. */
#ifndef TCPSIM_BENCH_H
#define TCPSIM_BENCH_H

/* Runs every benchmark and prints a table beside the targets; returns 0
 * (never fails on time), or 2 when a benchmark scenario could not run. */
int bench_main(void);

#endif
