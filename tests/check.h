/* check: the tiny assertion kit every tests/test_*.c uses.  A failed check
 * prints file:line and what was expected, and the test exits non-zero. */
#ifndef TCPSIM_CHECK_H
#define TCPSIM_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		check_count++;                                                                     \
		if (!(cond)) {                                                                     \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);   \
		}                                                                                  \
	} while (0)

#define CHECK_INT(got, want)                                                                       \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		check_count++;                                                                     \
		if (g_ != w_) {                                                                    \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: %s: expected %lld, got %lld\n", __FILE__,          \
			        __LINE__, #got, w_, g_);                                           \
		}                                                                                  \
	} while (0)

#define CHECK_STR(got, want)                                                                       \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		check_count++;                                                                     \
		if (!g_ || strcmp(g_, w_) != 0) {                                                  \
			check_failures++;                                                          \
			fprintf(stderr, "%s:%d: %s:\n  expected \"%s\"\n  got      \"%s\"\n",      \
			        __FILE__, __LINE__, #got, w_, g_ ? g_ : "(null)");                 \
		}                                                                                  \
	} while (0)

/* Runs a named test function. */
#define RUN(fn)                                                                                    \
	do {                                                                                       \
		int before_ = check_failures;                                                      \
		fn();                                                                              \
		if (check_failures != before_)                                                     \
			fprintf(stderr, "FAIL %s\n", #fn);                                         \
	} while (0)

static inline int check_report(const char *name)
{
	if (check_count == 0) {
		fprintf(stderr, "%s: no checks ran\n", name);
		return 1;
	}
	printf("%s: %d checks, %d failed\n", name, check_count, check_failures);
	return check_failures ? 1 : 0;
}

#endif
