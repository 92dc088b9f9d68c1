/* checkpoint: copies of the engine state taken every few events, so going
 * back in time is a restore plus a short run forward.  A checkpoint holds
 * only what can still change: the live sockets (a deleted socket never
 * changes again, and socket handles and each host's creation list only
 * grow, so their lengths are enough; restoring marks the present's live
 * sockets deleted first, since the checkpoint may lie ahead of it), the queue, the hash, the hosts,
 * the link and the scenario's counters.  sim.c takes them while running and restores them when
 * seeking. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct checkpoint {
	uint64_t events_done;
	simtime_t now;
	uint32_t cursor, segcursor;
	int next_moment, next_at, done;
	struct evq q;
	struct host hosts[SCN_MAX_HOSTS]; /* socks: length only; live: own copy */
	struct link_dir link[2];
	uint32_t nsocks;  /* sockets created so far */
	struct tcb *tcbs; /* the live ones, host 0's list then host 1's */
	int32_t *htab;
	uint32_t hcap, hused;
	uint32_t *fault_seen, *fault_hits;
	uint8_t *note_done;
	struct sim_verdict *verdicts;
	uint32_t *at_once;
	simtime_t *at_once_t;
	size_t bytes; /* what this checkpoint holds */
};

/* Checkpoints are spaced by what they cost: at least opt.checkpoint_every
 * events apart (times the stride, which doubles each time the checkpoints
 * are thinned), and at least one event for every CP_BYTES_PER_EVENT bytes
 * a checkpoint holds, so that copying them never costs the run more than
 * that per event.  All of them together stay under the checkpoint budget
 * (a fifth of the run's memory budget, 204 MiB by default): past it every
 * other one is dropped, so a long run keeps evenly spaced ones. */
#define CP_BYTES_PER_EVENT 1024

static size_t budget(const struct sim *s)
{
	return s->max_bytes / 5;
}

int checkpoint_due(const struct sim *s)
{
	if (!s->ncps)
		return 1;
	const struct checkpoint *last = &s->cps[s->ncps - 1];
	uint64_t gap = (uint64_t)s->opt.checkpoint_every * s->cp_stride;
	uint64_t by_size = last->bytes / CP_BYTES_PER_EVENT;
	if (by_size > gap)
		gap = by_size;
	return s->events_done >= last->events_done + gap;
}

static void *dup_mem(const void *src, size_t bytes, int *fail, size_t *total)
{
	void *p = malloc(bytes ? bytes : 1);
	if (!p) {
		*fail = 1;
		return NULL;
	}
	if (bytes)
		memcpy(p, src, bytes);
	*total += bytes;
	return p;
}

static void checkpoint_free(struct checkpoint *c)
{
	evq_free(&c->q);
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		free(c->hosts[i].live);
	free(c->tcbs);
	free(c->htab);
	free(c->fault_seen);
	free(c->fault_hits);
	free(c->note_done);
	free(c->verdicts);
	free(c->at_once);
	free(c->at_once_t);
}

/* Drops every other checkpoint but the first, and doubles the stride. */
static void thin(struct sim *s)
{
	uint32_t k = 1;
	for (uint32_t i = 1; i < s->ncps; i++) {
		if (i % 2) {
			s->cp_bytes -= s->cps[i].bytes;
			checkpoint_free(&s->cps[i]);
		} else {
			s->cps[k++] = s->cps[i];
		}
	}
	s->ncps = k;
	s->cp_stride *= 2;
}

void checkpoint_take(struct sim *s)
{
	if (s->ncps == s->capcps) {
		uint32_t cap = s->capcps ? s->capcps * 2 : 16;
		struct checkpoint *v = realloc(s->cps, sizeof *s->cps * cap);
		if (!v)
			return;
		s->cps = v;
		s->capcps = cap;
	}
	struct checkpoint *c = &s->cps[s->ncps];
	const struct scenario *scn = s->scn;
	int fail = 0;
	size_t bytes = sizeof *c;
	memset(c, 0, sizeof *c);
	c->events_done = s->events_done;
	c->now = s->now;
	c->cursor = s->tr.cursor;
	c->segcursor = s->tr.segcursor;
	c->next_moment = s->next_moment;
	c->next_at = s->next_at;
	c->done = s->done;
	fail |= evq_copy(&c->q, &s->q) < 0;
	bytes += (size_t)c->q.cap * sizeof *c->q.heap;
	uint32_t nlive = 0;
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		const struct host *h = &s->hosts[i];
		c->hosts[i] = *h;
		c->hosts[i].socks = NULL;
		c->hosts[i].live = dup_mem(h->live, sizeof *h->live * h->nlive, &fail, &bytes);
		c->hosts[i].caplive = h->nlive;
		nlive += h->nlive;
	}
	c->tcbs = malloc(sizeof *c->tcbs * (nlive ? nlive : 1));
	fail |= !c->tcbs;
	if (c->tcbs) {
		uint32_t k = 0;
		for (int i = 0; i < SCN_MAX_HOSTS; i++)
			for (uint32_t j = 0; j < s->hosts[i].nlive; j++)
				c->tcbs[k++] = *sock_at(s, s->hosts[i].live[j]);
		bytes += sizeof *c->tcbs * nlive;
	}
	memcpy(c->link, s->link, sizeof c->link);
	c->nsocks = s->nsocks;
	c->htab = dup_mem(s->htab, sizeof *s->htab * s->hcap, &fail, &bytes);
	c->hcap = s->hcap;
	c->hused = s->hused;
	c->fault_seen =
	    dup_mem(s->fault_seen, sizeof *s->fault_seen * (size_t)scn->nfaults, &fail, &bytes);
	c->fault_hits =
	    dup_mem(s->fault_hits, sizeof *s->fault_hits * (size_t)scn->nfaults, &fail, &bytes);
	c->note_done = dup_mem(s->note_done, (size_t)sim_naids(scn), &fail, &bytes);
	c->verdicts =
	    dup_mem(s->verdicts, sizeof *s->verdicts * (size_t)scn->nexpects, &fail, &bytes);
	size_t ne = (size_t)s->non;
	c->at_once = dup_mem(s->at_once, sizeof *s->at_once * ne, &fail, &bytes);
	c->at_once_t = dup_mem(s->at_once_t, sizeof *s->at_once_t * ne, &fail, &bytes);
	c->bytes = bytes;
	if (fail) {
		checkpoint_free(c); /* short of memory: seeking will run further */
		return;
	}
	s->ncps++;
	s->cp_bytes += bytes;
	if (s->cp_bytes > budget(s))
		thin(s);
}

void checkpoint_restore(struct sim *s, uint32_t i)
{
	const struct checkpoint *c = &s->cps[i];
	const struct scenario *scn = s->scn;
	/* Everything that can fail first, so a failure leaves the present whole. */
	for (int k = 0; k < SCN_MAX_HOSTS; k++)
		sim_reserve(s, (void **)&s->hosts[k].live, &s->hosts[k].caplive, c->hosts[k].nlive,
		            sizeof *s->hosts[k].live, 16);
	int32_t *htab = malloc(sizeof *htab * (c->hcap ? c->hcap : 1));
	if (!htab || evq_copy(&s->q, &c->q) < 0) {
		free(htab);
		sim_fail(s, SIM_ERR_NOMEM);
	}
	s->events_done = c->events_done;
	s->now = c->now;
	s->tr.cursor = c->cursor;
	s->tr.segcursor = c->segcursor;
	s->next_moment = c->next_moment;
	s->next_at = c->next_at;
	s->done = c->done;
	/* Sockets live now are marked deleted, then those live at the
	 * checkpoint are copied back: a socket dead then stays dead (when the
	 * checkpoint is ahead of the present, it may have died in between),
	 * and one made since is gone with the truncation. */
	for (int k = 0; k < SCN_MAX_HOSTS; k++)
		for (uint32_t j = 0; j < s->hosts[k].nlive; j++) {
			struct tcb *t = sock_at(s, s->hosts[k].live[j]);
			t->in_use = 0;
			t->state = TCPS_CLOSED;
		}
	s->nsocks = c->nsocks;
	uint32_t n = 0;
	for (int k = 0; k < SCN_MAX_HOSTS; k++) {
		struct host *h = &s->hosts[k];
		int32_t *socks = h->socks, *live = h->live;
		uint32_t capsocks = h->capsocks, caplive = h->caplive;
		*h = c->hosts[k];
		h->socks = socks;
		h->capsocks = capsocks;
		h->live = live;
		h->caplive = caplive;
		if (h->nlive)
			memcpy(h->live, c->hosts[k].live, sizeof *h->live * h->nlive);
		for (uint32_t j = 0; j < h->nlive; j++)
			*sock_at(s, h->live[j]) = c->tcbs[n++];
	}
	memcpy(s->link, c->link, sizeof s->link);
	if (c->hcap)
		memcpy(htab, c->htab, sizeof *htab * c->hcap);
	free(s->htab);
	s->htab = htab;
	s->hcap = c->hcap;
	s->hused = c->hused;
	if (scn->nfaults) {
		memcpy(s->fault_seen, c->fault_seen, sizeof *s->fault_seen * (size_t)scn->nfaults);
		memcpy(s->fault_hits, c->fault_hits, sizeof *s->fault_hits * (size_t)scn->nfaults);
	}
	if (sim_naids(scn))
		memcpy(s->note_done, c->note_done, (size_t)sim_naids(scn));
	if (scn->nexpects)
		memcpy(s->verdicts, c->verdicts, sizeof *s->verdicts * (size_t)scn->nexpects);
	if (s->non) {
		size_t ne = (size_t)s->non;
		memcpy(s->at_once, c->at_once, sizeof *s->at_once * ne);
		memcpy(s->at_once_t, c->at_once_t, sizeof *s->at_once_t * ne);
	}
}

void checkpoint_free_all(struct sim *s)
{
	for (uint32_t i = 0; i < s->ncps; i++)
		checkpoint_free(&s->cps[i]);
	free(s->cps);
	s->cps = NULL;
	s->ncps = s->capcps = 0;
	s->cp_bytes = 0;
}

int64_t checkpoint_find(const struct sim *s, int64_t k, simtime_t t)
{
	int64_t best = -1;
	for (uint32_t i = 0; i < s->ncps; i++) {
		const struct checkpoint *c = &s->cps[i];
		if (k >= 0 ? (int64_t)c->cursor <= k : c->now <= t)
			best = i;
		else
			break;
	}
	return best;
}

uint64_t checkpoint_events(const struct sim *s, uint32_t i)
{
	return s->cps[i].events_done;
}
