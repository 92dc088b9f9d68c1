/* simtime: simulated time as an integer count of microseconds.
 * Every module of the engine measures time with simtime_t; nothing reads the
 * wall clock.  Formatting helpers are used by the trace and all outputs. */
#ifndef TCPSIM_SIMTIME_H
#define TCPSIM_SIMTIME_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t simtime_t;

#define SIMTIME_US ((simtime_t)1)
#define SIMTIME_MS ((simtime_t)1000)
#define SIMTIME_S ((simtime_t)1000000)
#define SIMTIME_NEVER INT64_MAX

/* Writes t as seconds with six decimals ("1.234567") into buf; returns buf. */
char *simtime_fmt(char *buf, size_t size, simtime_t t);

/* Writes t the short way a person reads it ("250ms", "1.5s", "60s"). */
char *simtime_fmt_short(char *buf, size_t size, simtime_t t);

#endif
