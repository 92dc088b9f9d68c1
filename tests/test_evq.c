/* test_evq: the event queue orders by (time, insertion number), honours
 * insertion numbers reserved earlier, and copies for checkpoints. */
#include "check.h"
#include "evq.h"

static void orders_by_time_then_insertion(void)
{
	struct evq q;
	evq_init(&q);
	evq_push(&q, 30, EV_ACTION, 1, 0);
	evq_push(&q, 10, EV_ACTION, 2, 0);
	evq_push(&q, 30, EV_ACTION, 3, 0);
	evq_push(&q, 10, EV_ACTION, 4, 0);
	evq_push(&q, 20, EV_ACTION, 5, 0);
	int want[] = {2, 4, 5, 1, 3};
	struct ev e;
	for (int i = 0; i < 5; i++) {
		CHECK(evq_pop(&q, &e));
		CHECK_INT(e.a, want[i]);
	}
	CHECK(!evq_pop(&q, &e));
	evq_free(&q);
}

/* A number reserved before others were pushed wins ties against them, as
 * if the event had been pushed when the number was taken (lazy timers). */
static void reserved_insertion_numbers_keep_their_place(void)
{
	struct evq q;
	evq_init(&q);
	uint64_t early = evq_reserve(&q);
	evq_push(&q, 50, EV_ACTION, 1, 0);
	evq_push(&q, 50, EV_ACTION, 2, 0);
	CHECK(evq_push_seq(&q, 50, early, EV_TIMER, 3, 0) == 0);
	CHECK_INT(evq_size(&q), 3);
	CHECK(evq_peek(&q) && evq_peek(&q)->a == 3);
	struct ev e;
	int want[] = {3, 1, 2};
	for (int i = 0; i < 3; i++) {
		CHECK(evq_pop(&q, &e));
		CHECK_INT(e.a, want[i]);
	}
	CHECK_INT(evq_peek_time(&q), SIMTIME_NEVER);
	evq_free(&q);
}

static void many_events_come_out_sorted(void)
{
	struct evq q;
	evq_init(&q);
	uint32_t x = 12345;
	for (int i = 0; i < 10000; i++) {
		x = x * 1103515245u + 12345u;
		evq_push(&q, (simtime_t)(x % 1000), EV_ACTION, i, 0);
	}
	struct ev e, prev = {0};
	int n = 0, sorted = 1;
	while (evq_pop(&q, &e)) {
		if (n && (e.t < prev.t || (e.t == prev.t && e.seq < prev.seq)))
			sorted = 0;
		prev = e;
		n++;
	}
	CHECK_INT(n, 10000);
	CHECK(sorted);
	evq_free(&q);
}

static void copy_is_independent(void)
{
	struct evq a, b;
	evq_init(&a);
	evq_init(&b);
	evq_push(&a, 1, EV_ACTION, 1, 0);
	evq_push(&a, 2, EV_ACTION, 2, 0);
	CHECK(evq_copy(&b, &a) == 0);
	struct ev e;
	evq_pop(&a, &e);
	evq_pop(&a, &e);
	CHECK_INT(evq_size(&b), 2);
	CHECK(evq_pop(&b, &e));
	CHECK_INT(e.a, 1);
	/* the copy goes on numbering where the original was */
	evq_push(&b, 3, EV_ACTION, 9, 0);
	CHECK(evq_pop(&b, &e) && e.a == 2);
	CHECK(evq_pop(&b, &e) && e.a == 9 && e.seq == 2);
	evq_free(&a);
	evq_free(&b);
}

int main(void)
{
	RUN(orders_by_time_then_insertion);
	RUN(reserved_insertion_numbers_keep_their_place);
	RUN(many_events_come_out_sorted);
	RUN(copy_is_independent);
	return check_report("test_evq");
}
