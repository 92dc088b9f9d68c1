/* test_rng: streams are reproducible, independent of each other, and
 * roughly uniform. */
#include "check.h"
#include "rng.h"

static void same_seed_same_stream(void)
{
	struct rng a, b;
	rng_seed(&a, 7, 1);
	rng_seed(&b, 7, 1);
	int same = 1;
	for (int i = 0; i < 1000; i++)
		same &= rng_next(&a) == rng_next(&b);
	CHECK(same);
}

static void streams_and_seeds_differ(void)
{
	struct rng a, b, c;
	rng_seed(&a, 7, 1);
	rng_seed(&b, 7, 2);
	rng_seed(&c, 8, 1);
	uint64_t x = rng_next(&a);
	CHECK(x != rng_next(&b));
	CHECK(x != rng_next(&c));
}

static void drawing_in_one_stream_does_not_move_another(void)
{
	struct rng a1, a2, b;
	rng_seed(&a1, 9, 0);
	rng_seed(&a2, 9, 0);
	rng_seed(&b, 9, 1);
	for (int i = 0; i < 50; i++)
		rng_next(&b);
	CHECK(rng_next(&a1) == rng_next(&a2));
}

static void chance_is_about_right(void)
{
	struct rng r;
	rng_seed(&r, 1, 0);
	int hits = 0;
	for (int i = 0; i < 100000; i++)
		hits += rng_chance_ppm(&r, 100000); /* 10% */
	CHECK(hits > 9500 && hits < 10500);
	CHECK(!rng_chance_ppm(&r, 0));
	CHECK(rng_chance_ppm(&r, 1000000));
	int inrange = 1;
	for (int i = 0; i < 1000; i++)
		inrange &= rng_below(&r, 7) < 7;
	CHECK(inrange);
}

int main(void)
{
	RUN(same_seed_same_stream);
	RUN(streams_and_seeds_differ);
	RUN(drawing_in_one_stream_does_not_move_another);
	RUN(chance_is_about_right);
	return check_report("test_rng");
}
