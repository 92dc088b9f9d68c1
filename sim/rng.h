/* rng: the seeded pseudo-random generator (xoshiro256**, seeded by
 * splitmix64).  Each consumer (a link direction, a host) owns one stream,
 * seeded from (scenario seed, stream number), so adding draws in one stream
 * never shifts another.  Plain data: a checkpoint copies it. */
#ifndef TCPSIM_RNG_H
#define TCPSIM_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seeds stream number `stream` of the run seeded with `seed`. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);

/* Next 64 random bits. */
uint64_t rng_next(struct rng *r);

/* Uniform integer in [0, n); n == 0 returns 0.  Unbiased. */
uint64_t rng_below(struct rng *r, uint64_t n);

/* True with probability ppm / 1,000,000. */
int rng_chance_ppm(struct rng *r, uint32_t ppm);

#endif
