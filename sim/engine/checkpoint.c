/* checkpoint: copies of the whole engine state (queue, hosts, link,
 * sockets, hash, fault counters, notes, verdicts) taken every few events,
 * so going back in time is a restore plus a short run forward.  The state
 * is plain arrays, so a copy is a set of memcpy's.  sim.c takes them while
 * running and restores them when seeking. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct checkpoint {
	uint64_t events_done;
	simtime_t now;
	uint32_t cursor, segcursor;
	int next_moment, done;
	struct evq q;
	struct host hosts[SCN_MAX_HOSTS];
	struct link_dir link[2];
	struct tcb *socks;
	uint32_t nsocks;
	int32_t *htab;
	uint32_t hcap, hused;
	uint32_t *fault_seen;
	uint8_t *note_done;
	struct sim_verdict *verdicts;
};

static void *dup_mem(const void *src, size_t bytes, int *fail)
{
	void *p = malloc(bytes ? bytes : 1);
	if (!p) {
		*fail = 1;
		return NULL;
	}
	if (bytes)
		memcpy(p, src, bytes);
	return p;
}

static void checkpoint_free(struct checkpoint *c)
{
	evq_free(&c->q);
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		free(c->hosts[i].socks);
	free(c->socks);
	free(c->htab);
	free(c->fault_seen);
	free(c->note_done);
	free(c->verdicts);
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
	int fail = 0;
	memset(c, 0, sizeof *c);
	c->events_done = s->events_done;
	c->now = s->now;
	c->cursor = s->tr.cursor;
	c->segcursor = s->tr.segcursor;
	c->next_moment = s->next_moment;
	c->done = s->done;
	fail |= evq_copy(&c->q, &s->q) < 0;
	for (int i = 0; i < SCN_MAX_HOSTS; i++) {
		c->hosts[i] = s->hosts[i];
		c->hosts[i].socks =
		    dup_mem(s->hosts[i].socks, sizeof(int32_t) * s->hosts[i].nsocks, &fail);
		c->hosts[i].capsocks = s->hosts[i].nsocks;
	}
	memcpy(c->link, s->link, sizeof c->link);
	c->socks = dup_mem(s->socks, sizeof *s->socks * s->nsocks, &fail);
	c->nsocks = s->nsocks;
	c->htab = dup_mem(s->htab, sizeof *s->htab * s->hcap, &fail);
	c->hcap = s->hcap;
	c->hused = s->hused;
	const struct scenario *scn = s->scn;
	c->fault_seen = dup_mem(s->fault_seen, sizeof *s->fault_seen * (size_t)scn->nfaults, &fail);
	c->note_done = dup_mem(s->note_done, (size_t)scn->nnotes, &fail);
	c->verdicts = dup_mem(s->verdicts, sizeof *s->verdicts * (size_t)scn->nexpects, &fail);
	if (fail)
		checkpoint_free(c); /* short of memory: seeking will run further */
	else
		s->ncps++;
}

void checkpoint_restore(struct sim *s, uint32_t i)
{
	const struct checkpoint *c = &s->cps[i];
	const struct scenario *scn = s->scn;
	/* Everything that can fail first, so a failure leaves the present whole. */
	sim_reserve(s, (void **)&s->socks, &s->capsocks, c->nsocks, sizeof *s->socks, 64);
	for (int k = 0; k < SCN_MAX_HOSTS; k++)
		sim_reserve(s, (void **)&s->hosts[k].socks, &s->hosts[k].capsocks,
		            c->hosts[k].nsocks, sizeof *s->hosts[k].socks, 16);
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
	s->done = c->done;
	for (int k = 0; k < SCN_MAX_HOSTS; k++) {
		int32_t *keep = s->hosts[k].socks;
		uint32_t cap = s->hosts[k].capsocks;
		s->hosts[k] = c->hosts[k];
		if (c->hosts[k].nsocks)
			memcpy(keep, c->hosts[k].socks, sizeof *keep * c->hosts[k].nsocks);
		s->hosts[k].socks = keep;
		s->hosts[k].capsocks = cap;
	}
	memcpy(s->link, c->link, sizeof s->link);
	if (c->nsocks)
		memcpy(s->socks, c->socks, sizeof *s->socks * c->nsocks);
	s->nsocks = c->nsocks;
	if (c->hcap)
		memcpy(htab, c->htab, sizeof *htab * c->hcap);
	free(s->htab);
	s->htab = htab;
	s->hcap = c->hcap;
	s->hused = c->hused;
	if (scn->nfaults)
		memcpy(s->fault_seen, c->fault_seen, sizeof *s->fault_seen * (size_t)scn->nfaults);
	if (scn->nnotes)
		memcpy(s->note_done, c->note_done, (size_t)scn->nnotes);
	if (scn->nexpects)
		memcpy(s->verdicts, c->verdicts, sizeof *s->verdicts * (size_t)scn->nexpects);
}

void checkpoint_free_all(struct sim *s)
{
	for (uint32_t i = 0; i < s->ncps; i++)
		checkpoint_free(&s->cps[i]);
	free(s->cps);
	s->cps = NULL;
	s->ncps = s->capcps = 0;
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
