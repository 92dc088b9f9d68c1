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
/* Timer arithmetic saturates here (2^62 us, about 146,000 years): a sum,
 * product or doubling past it is SIMTIME_MAX, a moment no run reaches. */
#define SIMTIME_MAX ((simtime_t)1 << 62)

/* a + b for a, b >= 0, saturating at SIMTIME_MAX. */
static inline simtime_t simtime_add(simtime_t a, simtime_t b)
{
	return a >= SIMTIME_MAX || b >= SIMTIME_MAX - a ? SIMTIME_MAX : a + b;
}

/* a * k for a, k >= 0, saturating at SIMTIME_MAX. */
static inline simtime_t simtime_mul(simtime_t a, int64_t k)
{
	return k != 0 && a > SIMTIME_MAX / k ? SIMTIME_MAX : a * k;
}

/* a * 2^k for a >= 0, saturating at SIMTIME_MAX. */
static inline simtime_t simtime_shl(simtime_t a, unsigned k)
{
	return k >= 62 || a > (SIMTIME_MAX >> k) ? SIMTIME_MAX : a << k;
}

/* Writes t as seconds with six decimals ("1.234567") into buf; returns buf. */
char *simtime_fmt(char *buf, size_t size, simtime_t t);

/* Writes t the short way a person reads it ("250ms", "1.5s", "60s"). */
char *simtime_fmt_short(char *buf, size_t size, simtime_t t);

/* Writes t as seconds with three decimals and a unit ("1.200s"), the form
 * verdicts and warnings use; returns buf. */
char *simtime_fmt_ms(char *buf, size_t size, simtime_t t);

#endif
