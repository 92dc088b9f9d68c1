/* trigger: the scenario's `on HOST EVENT` and `note on HOST EVENT` lines.
 * When one of a host's events happens (a connection enters a state, an
 * error reaches the application, a segment is sent, resent or received),
 * the matching `on` lines are scheduled (after their +pause) and the
 * matching notes shown, each note once.  Called by state (states, errors),
 * app (failed calls), link (segments sent) and tcp_in (segments received). */
#include "engine.h"

static int note_matches(struct sim *s, const struct scn_note *n, int host, int32_t h, int kind,
                        int arg)
{
	return n->on_host == host && n->on_kind == kind &&
	       (kind == ON_RETRANSMIT || scn_on_arg(kind, n->on_state, n->on_arg) == arg) &&
	       (n->on_conn <= 0 || (h >= 0 && sock_conn(s, host, n->on_conn) == h));
}

static int line_matches(const struct scn_event *e, int host, int kind, int arg)
{
	return e->on_host == host && e->on_kind == kind &&
	       (kind == ON_RETRANSMIT || scn_on_arg(kind, e->on_state, e->on_arg) == arg);
}

static void schedule(struct sim *s, int i, int32_t h)
{
	sim_schedule(s, simtime_add(s->now, s->scn->events[i].delay), EV_ACTION, i, h);
}

void trigger_fire(struct sim *s, int host, int32_t h, int kind, int arg)
{
	const struct scenario *scn = s->scn;
	if (kind == ON_STATE) {
		/* on_first[host][state + 1] is where this (host, state) slot ends. */
		for (int32_t k = s->on_first[host][arg]; k < s->on_first[host][arg + 1]; k++)
			schedule(s, s->on_list[k], h);
	} else {
		for (int k = 0; k < s->nother; k++)
			if (line_matches(&scn->events[s->on_other[k]], host, kind, arg))
				schedule(s, s->on_other[k], h);
	}
	for (int i = 0; i < scn->nnotes; i++) {
		const struct scn_note *n = &scn->notes[i];
		if (!s->note_done[i] && note_matches(s, n, host, h, kind, arg)) {
			s->note_done[i] = 1;
			s->note_ever[i] = 1;
			report_note(s, s->now, host, h, i);
		}
	}
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
	for (int m = MATCH_SYN; m < MATCH_ANY; m++)
		if (scn_seg_matches(g, m))
			trigger_fire(s, host, h, kind, m);
}
