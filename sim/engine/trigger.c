/* trigger: the scenario's `on HOST EVENT` and `note on HOST EVENT` lines.
 * When one of a host's events happens (a connection enters a state, an
 * error reaches the application, a segment is sent, resent or received),
 * the matching `on` lines are scheduled (after their +pause) and the
 * matching notes shown (and `ask` points reached), each once.  Called by state (states, errors),
 * app (failed calls), link (segments sent) and tcp_in (segments received). */
#include "engine.h"

/* 1 when a pattern's `data seq A:B` range (seq[1] 0: none) takes segment g,
 * its bytes counted from the sender's ISN (base); no segment: no range. */
static int in_range(const uint32_t seq[2], const struct segment *g, uint32_t base)
{
	if (!seq[1])
		return 1;
	if (!g)
		return 0;
	uint32_t lo = g->seq - base, hi = lo + g->len;
	return SEQ_LT(lo, seq[1]) && SEQ_LT(seq[0], hi);
}

struct fired {
	int host;
	int32_t h;
	int kind, arg;
	const struct segment *g; /* the segment of a segment event, else NULL */
	uint32_t base;           /* its sender's ISN */
};

static int note_matches(struct sim *s, const struct scn_note *n, const struct fired *f)
{
	return n->on_host == f->host && n->on_kind == f->kind &&
	       (f->kind == ON_RETRANSMIT ||
	        scn_on_arg(f->kind, n->on_state, n->on_arg) == f->arg) &&
	       in_range(n->on_seq, f->g, f->base) &&
	       (n->on_conn <= 0 || (f->h >= 0 && sock_conn(s, f->host, n->on_conn) == f->h));
}

static int line_matches(const struct scn_event *e, const struct fired *f)
{
	return e->on_host == f->host && e->on_kind == f->kind &&
	       (f->kind == ON_RETRANSMIT ||
	        scn_on_arg(f->kind, e->on_state, e->on_arg) == f->arg) &&
	       in_range(e->on_seq, f->g, f->base);
}

static void schedule(struct sim *s, int i, int32_t h)
{
	sim_schedule(s, simtime_add(s->now, s->scn->events[i].delay), EV_ACTION, i, h);
}

static void fire(struct sim *s, const struct fired *f)
{
	const struct scenario *scn = s->scn;
	if (f->kind == ON_STATE) {
		/* on_first[host][state + 1] is where this (host, state) slot ends. */
		for (int32_t k = s->on_first[f->host][f->arg]; k < s->on_first[f->host][f->arg + 1];
		     k++)
			schedule(s, s->on_list[k], f->h);
	} else {
		for (int k = 0; k < s->nother; k++)
			if (line_matches(&scn->events[s->on_other[k]], f))
				schedule(s, s->on_other[k], f->h);
	}
	for (int i = 0; i < sim_naids(scn); i++) {
		const struct scn_note *n = sim_aid(scn, i);
		if (!s->note_done[i] && note_matches(s, n, f)) {
			s->note_done[i] = 1;
			s->note_ever[i] = 1;
			report_note(s, s->now, f->host, f->h, i);
		}
	}
}

void trigger_fire(struct sim *s, int host, int32_t h, int kind, int arg)
{
	struct fired f = {host, h, kind, arg, NULL, 0};
	fire(s, &f);
}

void trigger_info(struct sim *s, int host, int32_t h, int code, int32_t seg)
{
	report_info(s, host, h, code, seg);
	/* the codes of a received segment discarded without effect: `drops` */
	if (code != INFO_SYN_QUEUE_FULL && code != INFO_ACCEPT_QUEUE_FULL &&
	    code != INFO_ACCEPT_QUEUE_FULL_SYN && code != INFO_PAWS_REJECTED)
		return;
	if (seg >= 0 && (uint32_t)seg < s->tr.nsegs)
		trigger_segment(s, host, h, &trace_seg_at(&s->tr, (uint32_t)seg)->h, ON_DROPS);
}

void trigger_segment(struct sim *s, int host, int32_t h, const struct segment *g, int kind)
{
	if (!s->seg_triggers || host < 0 || host >= s->nhosts)
		return;
	if (kind == ON_RETRANSMIT) {
		trigger_fire(s, host, h, ON_RETRANSMIT, 0);
		return;
	}
	/* what the host sent counts from its ISN, what reached it from its
	 * peer's (the connection's IRS) */
	struct fired f = {host, h, kind, 0, g, 0};
	if (h < 0)
		f.g = NULL;
	else
		f.base =
		    kind == ON_SENDS || kind == ON_LOSES ? sock_at(s, h)->iss : sock_at(s, h)->irs;
	for (int m = MATCH_SYN; m < MATCH_ANY; m++)
		if (scn_seg_matches(g, m)) {
			f.arg = m;
			fire(s, &f);
		}
}
