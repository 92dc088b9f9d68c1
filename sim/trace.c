/* trace: append-only records with a replay cursor (see trace.h). */
#include "trace.h"

#include <stdlib.h>
#include <string.h>

void trace_init(struct trace *t)
{
	memset(t, 0, sizeof *t);
}

void trace_free(struct trace *t)
{
	free(t->recs);
	free(t->segs);
	free(t->socks);
	memset(t, 0, sizeof *t);
}

/* Doubles the array *p; -1 (and *p untouched) when memory runs out. */
static int grow(void **p, uint32_t *cap, size_t elem)
{
	uint32_t n = *cap ? *cap * 2 : 256;
	void *q = realloc(*p, (size_t)n * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

uint32_t trace_add(struct trace *t, const struct trace_rec *r)
{
	if (t->cursor < t->n)
		return t->cursor++; /* replay: the same record is already here */
	if (t->n == t->cap && grow((void **)&t->recs, &t->cap, sizeof *t->recs) < 0)
		return TRACE_NOMEM;
	t->recs[t->n] = *r;
	t->cursor = ++t->n;
	return t->n - 1;
}

uint32_t trace_add_seg(struct trace *t, const struct trace_seg *s)
{
	if (t->segcursor < t->nsegs)
		return t->segcursor++;
	if (t->nsegs == t->segcap && grow((void **)&t->segs, &t->segcap, sizeof *t->segs) < 0)
		return TRACE_NOMEM;
	t->segs[t->nsegs] = *s;
	t->segcursor = ++t->nsegs;
	return t->nsegs - 1;
}

struct trace_seg *trace_seg_at(struct trace *t, uint32_t i)
{
	return i < t->nsegs ? &t->segs[i] : NULL;
}

simtime_t trace_seg_end(const struct trace_seg *s)
{
	return s->lost ? s->sent + (s->arrive - s->sent) / 2 : s->arrive;
}

uint32_t trace_upper_bound(const struct trace *t, simtime_t time)
{
	uint32_t lo = 0, hi = t->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (t->recs[mid].t <= time)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int trace_set_sock(struct trace *t, int32_t h, const struct trace_sock *info)
{
	if (h < 0)
		return 0;
	while ((uint32_t)h >= t->sockcap)
		if (grow((void **)&t->socks, &t->sockcap, sizeof *t->socks) < 0)
			return -1;
	if ((uint32_t)h >= t->nsocks) {
		memset(&t->socks[t->nsocks], 0, ((uint32_t)h + 1 - t->nsocks) * sizeof *t->socks);
		t->nsocks = (uint32_t)h + 1;
	} else if (t->cursor < t->n) {
		/* replay: the trace already holds what the whole run learnt of
		 * this socket (its IRS once the SYN came); the replay's earlier
		 * view, IRS 0 before the SYN, would turn every reader's relative
		 * numbers (compare, the views' labels) into the present's */
		return 0;
	}
	t->socks[h] = *info;
	return 0;
}
