/* evq: binary min-heap of events on (time, insertion number); see evq.h. */
#include "evq.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void evq_init(struct evq *q)
{
	memset(q, 0, sizeof *q);
}

void evq_free(struct evq *q)
{
	free(q->heap);
	memset(q, 0, sizeof *q);
}

/* Makes room for `need` events; -1 (and the heap untouched) when memory
 * runs out. */
static int grow(struct evq *q, uint32_t need)
{
	if (need <= q->cap)
		return 0;
	uint32_t n = q->cap ? q->cap : 64;
	while (n < need)
		n *= 2;
	struct ev *h = realloc(q->heap, (size_t)n * sizeof *h);
	if (!h)
		return -1;
	q->heap = h;
	q->cap = n;
	return 0;
}

int evq_copy(struct evq *dst, const struct evq *src)
{
	if (grow(dst, src->n) < 0)
		return -1;
	if (src->n)
		memcpy(dst->heap, src->heap, src->n * sizeof *src->heap);
	dst->n = src->n;
	dst->next_seq = src->next_seq;
	dst->now = src->now;
	return 0;
}

static void log_op(struct evq *q, int op, const struct ev *e)
{
	struct evq_log *l = q->log;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4096;
		struct evq_log_op *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->oom = 1;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct evq_log_op){.t = e->t, .seq = e->seq, .op = (uint8_t)op};
}

static int ev_before(const struct ev *a, const struct ev *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void sift_up(struct ev *h, uint32_t i)
{
	struct ev e = h[i];
	while (i > 0) {
		uint32_t p = (i - 1) / 2;
		if (!ev_before(&e, &h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = e;
}

static void sift_down(struct ev *h, uint32_t n, uint32_t i)
{
	struct ev e = h[i];
	for (;;) {
		uint32_t c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && ev_before(&h[c + 1], &h[c]))
			c++;
		if (!ev_before(&h[c], &e))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = e;
}

uint64_t evq_reserve(struct evq *q)
{
	return q->next_seq++;
}

int evq_push_seq(struct evq *q, simtime_t t, uint64_t seq, uint32_t kind, int32_t a, int32_t b)
{
	assert(t >= q->now);
	if (q->n == q->cap && grow(q, q->n + 1) < 0)
		return -1;
	q->heap[q->n] = (struct ev){.t = t, .seq = seq, .kind = kind, .a = a, .b = b};
	if (q->log)
		log_op(q, EVQ_LOG_PUSH, &q->heap[q->n]);
	sift_up(q->heap, q->n++);
	return 0;
}

int evq_push(struct evq *q, simtime_t t, uint32_t kind, int32_t a, int32_t b)
{
	if (q->n == q->cap && grow(q, q->n + 1) < 0)
		return -1; /* nothing scheduled, no number taken */
	return evq_push_seq(q, t, q->next_seq++, kind, a, b);
}

int evq_pop(struct evq *q, struct ev *out)
{
	if (!q->n)
		return 0;
	*out = q->heap[0];
	if (q->log)
		log_op(q, EVQ_LOG_POP, out);
	q->heap[0] = q->heap[--q->n];
	if (q->n)
		sift_down(q->heap, q->n, 0);
	assert(out->t >= q->now); /* time never goes backwards */
	q->now = out->t;
	return 1;
}

void evq_drop(struct evq *q)
{
	if (!q->n)
		return;
	if (q->log)
		log_op(q, EVQ_LOG_DROP, &q->heap[0]);
	q->heap[0] = q->heap[--q->n];
	if (q->n)
		sift_down(q->heap, q->n, 0);
}

const struct ev *evq_peek(const struct evq *q)
{
	return q->n ? &q->heap[0] : NULL;
}

simtime_t evq_peek_time(const struct evq *q)
{
	return q->n ? q->heap[0].t : SIMTIME_NEVER;
}

uint32_t evq_size(const struct evq *q)
{
	return q->n;
}
