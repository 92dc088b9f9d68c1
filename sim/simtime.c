/* simtime: formatting of simulated time for the trace and the window. */
#include "simtime.h"

#include <string.h>

#include <inttypes.h>
#include <stdio.h>

char *simtime_fmt(char *buf, size_t size, simtime_t t)
{
	const char *sign = t < 0 ? "-" : "";
	uint64_t u = t < 0 ? (uint64_t)(-(t + 1)) + 1 : (uint64_t)t;
	snprintf(buf, size, "%s%" PRIu64 ".%06" PRIu64, sign, u / 1000000, u % 1000000);
	return buf;
}

char *simtime_fmt_short(char *buf, size_t size, simtime_t t)
{
	if (t % SIMTIME_S == 0)
		snprintf(buf, size, "%" PRId64 "s", t / SIMTIME_S);
	else if (t % SIMTIME_MS == 0 && t < 10 * SIMTIME_S)
		snprintf(buf, size, "%" PRId64 "ms", t / SIMTIME_MS);
	else if (t % SIMTIME_MS == 0)
		snprintf(buf, size, "%.3gs", (double)t / 1e6);
	else if (t < SIMTIME_MS)
		snprintf(buf, size, "%" PRId64 "us", t);
	else
		snprintf(buf, size, "%.6gs", (double)t / 1e6);
	return buf;
}

char *simtime_fmt_ms(char *buf, size_t size, simtime_t t)
{
	simtime_fmt(buf, size, t);
	char *dot = strchr(buf, '.');
	if (dot && strlen(dot) > 4)
		dot[4] = '\0';
	strncat(buf, "s", size - strlen(buf) - 1);
	return buf;
}
