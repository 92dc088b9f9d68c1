/* evq: binary min-heap of events on (time, insertion number), with cancel
 * handles.  A handle is (slot generation << 32 | slot); cancelling bumps the
 * slot's generation so the heap entry is recognised as dead when popped. */
#include "evq.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for `need` elements in *p; -1 (and *p untouched) when memory
 * runs out. */
static int grow(void **p, uint32_t *cap, size_t elem, uint32_t need)
{
	if (need <= *cap)
		return 0;
	uint32_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, (size_t)n * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

void evq_init(struct evq *q)
{
	memset(q, 0, sizeof *q);
}

void evq_free(struct evq *q)
{
	free(q->heap);
	free(q->slot_gen);
	free(q->free_slots);
	memset(q, 0, sizeof *q);
}

int evq_copy(struct evq *dst, const struct evq *src)
{
	uint32_t hc = dst->cap, sc = dst->slot_cap, fc = dst->slot_cap;
	if (grow((void **)&dst->heap, &hc, sizeof *dst->heap, src->n) < 0)
		return -1;
	dst->cap = hc;
	if (grow((void **)&dst->slot_gen, &sc, sizeof *dst->slot_gen, src->nslots) < 0 ||
	    grow((void **)&dst->free_slots, &fc, sizeof *dst->free_slots, sc) < 0)
		return -1;
	if (src->n)
		memcpy(dst->heap, src->heap, src->n * sizeof *src->heap);
	if (src->nslots)
		memcpy(dst->slot_gen, src->slot_gen, src->nslots * sizeof *src->slot_gen);
	if (src->nfree)
		memcpy(dst->free_slots, src->free_slots, src->nfree * sizeof *src->free_slots);
	dst->slot_cap = sc;
	dst->n = src->n;
	dst->nslots = src->nslots;
	dst->nfree = src->nfree;
	dst->next_seq = src->next_seq;
	dst->now = src->now;
	return 0;
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

/* A free slot for a new event; UINT32_MAX when memory runs out.  The free
 * list always has room for every slot, so releasing never allocates. */
static uint32_t slot_take(struct evq *q)
{
	if (q->nfree)
		return q->free_slots[--q->nfree];
	uint32_t cap = q->slot_cap, fcap = q->slot_cap;
	if (grow((void **)&q->slot_gen, &cap, sizeof *q->slot_gen, q->nslots + 1) < 0 ||
	    grow((void **)&q->free_slots, &fcap, sizeof *q->free_slots, cap) < 0)
		return UINT32_MAX;
	q->slot_cap = cap;
	q->slot_gen[q->nslots] = 0;
	return q->nslots++;
}

static void slot_release(struct evq *q, uint32_t slot)
{
	q->slot_gen[slot]++; /* even: free */
	q->free_slots[q->nfree++] = slot;
}

ev_handle evq_push(struct evq *q, simtime_t t, uint32_t kind, int32_t a, int32_t b)
{
	assert(t >= q->now);
	if (grow((void **)&q->heap, &q->cap, sizeof *q->heap, q->n + 1) < 0)
		return EV_HANDLE_NONE;
	uint32_t slot = slot_take(q);
	if (slot == UINT32_MAX)
		return EV_HANDLE_NONE;
	q->slot_gen[slot]++; /* odd: live */
	struct ev *e = &q->heap[q->n];
	e->t = t;
	e->seq = q->next_seq++;
	e->kind = kind;
	e->a = a;
	e->b = b;
	e->slot = slot;
	sift_up(q->heap, q->n++);
	return ((ev_handle)q->slot_gen[slot] << 32) | slot;
}

void evq_cancel(struct evq *q, ev_handle h)
{
	if (h == EV_HANDLE_NONE)
		return;
	uint32_t slot = (uint32_t)h, gen = (uint32_t)(h >> 32);
	if (slot >= q->nslots || q->slot_gen[slot] != gen)
		return;
	q->slot_gen[slot]++; /* even: dead, freed when the entry is popped */
}

static void drop_dead_top(struct evq *q)
{
	while (q->n && !(q->slot_gen[q->heap[0].slot] & 1)) {
		uint32_t slot = q->heap[0].slot;
		q->free_slots[q->nfree++] = slot;
		q->heap[0] = q->heap[--q->n];
		if (q->n)
			sift_down(q->heap, q->n, 0);
	}
}

int evq_pop(struct evq *q, struct ev *out)
{
	drop_dead_top(q);
	if (!q->n)
		return 0;
	*out = q->heap[0];
	q->heap[0] = q->heap[--q->n];
	if (q->n)
		sift_down(q->heap, q->n, 0);
	slot_release(q, out->slot);
	assert(out->t >= q->now); /* time never goes backwards */
	q->now = out->t;
	return 1;
}

simtime_t evq_peek_time(struct evq *q)
{
	drop_dead_top(q);
	return q->n ? q->heap[0].t : SIMTIME_NEVER;
}

uint32_t evq_live(const struct evq *q)
{
	uint32_t live = 0;
	for (uint32_t i = 0; i < q->n; i++)
		live += q->slot_gen[q->heap[i].slot] & 1;
	return live;
}
