/* fuzz: what the fuzz targets share.  Each target (fuzz_parse.c,
 * fuzz_run.c) defines LLVMFuzzerTestOneInput(); clang's libFuzzer drives it
 * (scripts/fuzz), and fuzz_replay.c feeds it the committed corpus under
 * gcc or clang for CTest.  A target calls abort() when an invariant breaks,
 * which both drivers report as a crash. */
#ifndef TCPSIM_FUZZ_H
#define TCPSIM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A stream that discards what is written to it, opened once. */
static inline FILE *fuzz_null(void)
{
	static FILE *f;
	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

/* Known bugs (tests/fuzz/repro/README.md) are let through so the fuzzer
 * can look further, unless TCPSIM_FUZZ_STRICT is set in the environment.
 * Each tolerance names its bug; remove it when the bug is fixed. */
static inline int fuzz_strict(void)
{
	static int v = -1;
	if (v < 0) {
		const char *e = getenv("TCPSIM_FUZZ_STRICT");
		v = e && *e && *e != '0';
	}
	return v;
}

/* Reports a broken invariant and stops: the fuzzer keeps the input. */
#define FUZZ_CHECK(cond, ...)                                                                      \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__,       \
			        #cond);                                                            \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
