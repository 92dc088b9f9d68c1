/* expect: judging the scenario's `expect` lines against the present state
 * (a socket's state, a count of sockets in a state, an error seen), and
 * the sentence a failed one prints.  sim.c judges each at its moment and
 * the rest when the run ends. */
#include <stdio.h>
#include <string.h>

#include "engine.h"

static int sock_state(struct sim *s, int host, int conn)
{
	int32_t h = sock_conn(s, host, conn);
	if (h < 0 || !sock_at(s, h)->in_use)
		return TCPS_CLOSED;
	return sock_at(s, h)->state;
}

static int count_state(struct sim *s, int host, int state)
{
	const struct host *hst = &s->hosts[host];
	int n = 0;
	for (uint32_t i = 0; i < hst->nlive; i++)
		n += sock_at(s, hst->live[i])->state == state;
	return n;
}

void expect_judge(struct sim *s, int i, simtime_t at)
{
	const struct scn_expect *e = &s->scn->expects[i];
	struct sim_verdict *v = &s->verdicts[i];
	if (v->judged)
		return;
	v->judged = 1;
	v->t = at;
	v->sock = -1;
	switch (e->kind) {
	case EXPECT_STATE:
		v->seen = sock_state(s, e->host, e->conn);
		v->held = v->seen == e->state;
		v->sock = sock_conn(s, e->host, e->conn);
		v->nsocks = (int)s->hosts[e->host].nsocks;
		break;
	case EXPECT_COUNT:
		v->seen = count_state(s, e->host, e->state);
		v->held = (uint32_t)v->seen == e->count;
		break;
	case EXPECT_ERROR: {
		uint32_t seen = s->hosts[e->host].errors_seen;
		v->held = e->err > 0 && e->err < 32 && (seen >> e->err) & 1u;
		v->seen = 0;
		for (int k = 1; k < SE_COUNT; k++)
			if ((seen >> k) & 1u)
				v->seen = k;
		break;
	}
	}
	report_expect(s, at, i, v);
}

const struct sim_verdict *sim_verdicts(const struct sim *s)
{
	return s->verdicts;
}

/* What socket h did around time t, from the trace: "; it became
 * ESTABLISHED at 1.020s on rcv SYN,ACK" (its next change after t) or, when
 * it did not change after t, "; it has been so since 0.510s (rcv FIN)". */
static void history(const struct sim *s, int32_t h, simtime_t t, char *buf, size_t size)
{
	const struct trace *tr = &s->tr;
	const struct trace_rec *before = NULL, *after = NULL;
	buf[0] = '\0';
	for (uint32_t k = 0; k < tr->n && !after; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->kind != TR_STATE || r->sock != h)
			continue;
		if (r->t <= t)
			before = r;
		else
			after = r;
	}
	char when[48];
	const struct tcp_arrow_info *a;
	if (after && (a = tcp_arrow(after->sub)))
		snprintf(buf, size, "; it became %s at %s on %s", tcps_name(after->u.state.to),
		         simtime_fmt_ms(when, sizeof when, after->t), a->event);
	else if (before && (a = tcp_arrow(before->sub)))
		snprintf(buf, size, "; it has been %s since %s (%s)", tcps_name(before->u.state.to),
		         simtime_fmt_ms(when, sizeof when, before->t), a->event);
}

void sim_verdict_text(const struct sim *s, int i, char *buf, size_t size)
{
	const struct scn_expect *e = &s->scn->expects[i];
	const struct sim_verdict *v = &s->verdicts[i];
	char when[48];
	if (!v->judged) {
		snprintf(buf, size, "not judged: the run ended first");
		return;
	}
	if (v->held) {
		snprintf(buf, size, "expectation held");
		return;
	}
	simtime_fmt_ms(when, sizeof when, v->t);
	switch (e->kind) {
	case EXPECT_STATE: {
		const char *host = s->scn->hosts[e->host].name;
		char the[SCN_NAME_MAX + 8]; /* "the server", "Bob" */
		scn_host_phrase(s->scn, e->host, 0, the, sizeof the);
		const struct host *hst = &s->hosts[e->host];
		int32_t later = v->sock < 0 && e->conn > 0 && e->conn <= (int)hst->nsocks
		                    ? hst->socks[e->conn - 1]
		                    : -1;
		if (later >= 0) {
			/* made after the moment judged: say when, and by what */
			const struct trace_rec *made = NULL;
			for (uint32_t k = 0; k < s->tr.n && !made; k++)
				if (s->tr.recs[k].kind == TR_STATE && s->tr.recs[k].sock == later)
					made = &s->tr.recs[k];
			const struct tcp_arrow_info *a = made ? tcp_arrow(made->sub) : NULL;
			char at[48];
			if (made && a) {
				snprintf(buf, size,
				         "expected %s, but %s.%d did not exist yet at %s; "
				         "it was made at %s (%s)",
				         tcps_name(e->state), host, e->conn, when,
				         simtime_fmt_ms(at, sizeof at, made->t), a->event);
				break;
			}
		}
		if (v->sock < 0 && e->conn > 0) {
			snprintf(buf, size,
			         "expected %s, but %s.%d never existed; %s had %d socket%s by %s",
			         tcps_name(e->state), host, e->conn, the, v->nsocks,
			         v->nsocks == 1 ? "" : "s", when);
			break;
		}
		if (v->sock < 0) {
			snprintf(buf, size, "expected %s, but %s had no socket yet at %s",
			         tcps_name(e->state), the, when);
			break;
		}
		char more[160];
		history(s, v->sock, v->t, more, sizeof more);
		snprintf(buf, size, "expected %s, was %s at %s%s", tcps_name(e->state),
		         tcps_name(v->seen), when, more);
		break;
	}
	case EXPECT_COUNT:
		snprintf(buf, size, "expected %u sockets in %s, found %d at %s", e->count,
		         tcps_name(e->state), v->seen, when);
		break;
	case EXPECT_ERROR:
		if (v->seen)
			snprintf(buf, size, "expected error %s, saw only %s by %s",
			         simerr_name(e->err), simerr_name(v->seen), when);
		else
			snprintf(buf, size, "expected error %s, saw no error by %s",
			         simerr_name(e->err), when);
		break;
	}
}
