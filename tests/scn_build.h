/* scn_build: builds a struct scenario in C for engine tests that must not
 * depend on the parser (tests/test_tcp.c, test_sim.c).  Header-only. */
#ifndef TCPSIM_SCN_BUILD_H
#define TCPSIM_SCN_BUILD_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "segment.h"

static inline void sb_init(struct scenario *s, int profile)
{
	memset(s, 0, sizeof *s);
	s->seed = 1;
	s->profile = profile;
	s->nhosts = 2;
	snprintf(s->hosts[0].name, SCN_NAME_MAX, "client");
	snprintf(s->hosts[1].name, SCN_NAME_MAX, "server");
	ip_parse("10.0.0.1", 8, &s->hosts[0].addr);
	ip_parse("10.0.0.2", 8, &s->hosts[1].addr);
	profile_defaults(profile, &s->hosts[0].params);
	profile_defaults(profile, &s->hosts[1].params);
	link_defaults(&s->link[0]);
	link_defaults(&s->link[1]);
}

static inline struct scn_action *sb_at(struct scenario *s, simtime_t t, int host, int kind)
{
	s->events = realloc(s->events, sizeof *s->events * (size_t)(s->nevents + 1));
	struct scn_event *e = &s->events[s->nevents++];
	memset(e, 0, sizeof *e);
	e->line = s->nevents;
	e->trigger = TRIG_AT;
	e->at = t;
	e->act.kind = kind;
	e->act.host = host;
	e->act.backlog = -1;
	e->act.peer = 1 - host;
	return &e->act;
}

static inline struct scn_action *sb_on(struct scenario *s, int on_host, int state, simtime_t delay,
                                       int host, int kind)
{
	struct scn_action *a = sb_at(s, 0, host, kind);
	struct scn_event *e = &s->events[s->nevents - 1];
	e->trigger = TRIG_ON;
	e->on_host = on_host;
	e->on_state = state;
	e->delay = delay;
	return a;
}

static inline struct scn_fault *sb_fault(struct scenario *s, int kind, int dir, int match,
                                         uint32_t nth)
{
	s->faults = realloc(s->faults, sizeof *s->faults * (size_t)(s->nfaults + 1));
	struct scn_fault *f = &s->faults[s->nfaults++];
	memset(f, 0, sizeof *f);
	f->kind = kind;
	f->dir = dir;
	f->match = match;
	f->nth = nth;
	return f;
}

static inline void sb_free(struct scenario *s)
{
	free(s->events);
	free(s->faults);
	free(s->notes);
	free(s->expects);
	memset(s, 0, sizeof *s);
}

#endif
