/* test_evq: the event queue orders by (time, insertion number), skips
 * cancelled events, and copies for checkpoints. */
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

static void cancelled_events_are_skipped(void)
{
	struct evq q;
	evq_init(&q);
	ev_handle a = evq_push(&q, 5, EV_ACTION, 1, 0);
	evq_push(&q, 6, EV_ACTION, 2, 0);
	ev_handle c = evq_push(&q, 7, EV_ACTION, 3, 0);
	evq_cancel(&q, a);
	evq_cancel(&q, c);
	evq_cancel(&q, c); /* twice is harmless */
	CHECK_INT(evq_live(&q), 1);
	CHECK_INT(evq_peek_time(&q), 6);
	struct ev e;
	CHECK(evq_pop(&q, &e));
	CHECK_INT(e.a, 2);
	CHECK(!evq_pop(&q, &e));
	/* a handle of a fired event does not cancel a newer one in its slot */
	ev_handle d = evq_push(&q, 8, EV_ACTION, 4, 0);
	CHECK(evq_pop(&q, &e));
	ev_handle f = evq_push(&q, 9, EV_ACTION, 5, 0);
	evq_cancel(&q, d);
	CHECK(evq_pop(&q, &e));
	CHECK_INT(e.a, 5);
	(void)f;
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
	evq_copy(&b, &a);
	struct ev e;
	evq_pop(&a, &e);
	evq_pop(&a, &e);
	CHECK_INT(evq_live(&b), 2);
	CHECK(evq_pop(&b, &e));
	CHECK_INT(e.a, 1);
	evq_free(&a);
	evq_free(&b);
}

int main(void)
{
	RUN(orders_by_time_then_insertion);
	RUN(cancelled_events_are_skipped);
	RUN(many_events_come_out_sorted);
	RUN(copy_is_independent);
	return check_report("test_evq");
}
