/* gen: a generator of valid random scenarios, as scenario TEXT, for the
 * generated-scenario test (tests/test_generated.c) and the fuzz corpus.
 * Seeded and deterministic: the same seed gives the same bytes.  Every
 * value it writes lies in the ranges docs/scenario-format.md documents, so
 * a generated file that scn_parse() rejects is a generator or parser bug. */
#ifndef TCPSIM_GEN_H
#define TCPSIM_GEN_H

#include <stddef.h>
#include <stdint.h>

/* A growable text buffer; gen_scenario() resets and fills it. */
struct gen_text {
	char *s;
	size_t len, cap;
};

/* Writes the scenario for `seed` into *out (NUL-terminated).  Returns 0, or
 * -1 when out of memory. */
int gen_scenario(uint64_t seed, struct gen_text *out);
void gen_text_free(struct gen_text *t);

#endif
