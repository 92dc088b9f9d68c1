/* scn_aids: the teaching aids: `note` lines (at a time or on a state) and
 * `expect` lines (a state, a count, an error; at a time, at the end, or at
 * any time).  Called by scn_file.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "simerr.h"
#include "tcpstate.h"

int scn_d_note(struct parser *p)
{
	static const char usage[] = "note needs a time or 'on HOST EVENT', then a quoted text: "
	                            "note 1s \"...\"";
	struct scn_note n = {0};
	int i;
	n.line = p->t[0].line;
	n.col = p->t[0].col;
	n.on_host = -1;
	n.on_state = -1;
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t)
		return scn_missing(p, usage);
	if (scn_is(t, "on")) {
		if (!scn_tok_at(p, 2) || !scn_tok_at(p, 3))
			return scn_missing(
			    p, "note on needs a host and an event: note on client TIME_WAIT "
			       "\"...\"");
		/* HOST.N: that connection's event only */
		if (scn_parse_hostref(p, scn_tok_at(p, 2), &n.on_host, &n.on_conn) < 0)
			return -1;
		int took = scn_parse_event(p, 3, &n.on_kind, &n.on_arg, n.on_seq);
		if (took < 0)
			return -1;
		n.on_state = n.on_kind == ON_STATE ? n.on_arg : -1;
		i = 3 + took;
	} else if (scn_starts_time(t)) {
		if (scn_parse_time(p, t, 1, &n.at) < 0)
			return -1;
		p->last = n.at;
		i = 2;
	} else {
		return ERR(p, t, "%s", usage);
	}
	t = scn_tok_at(p, i);
	if (!t || t->kind != TOK_STRING)
		return t ? ERR(p, t, "note needs a quoted text here: \"...\"")
		         : scn_missing(p, "note needs a quoted text: \"...\"");
	if (scn_no_more(p, i + 1, "note takes one quoted text") < 0)
		return -1;
	struct scenario *s = p->s;
	struct scn_note *v = scn_grow(p, s->notes, &p->cap_notes, s->nnotes, sizeof *v);
	if (!v)
		return -1;
	s->notes = v;
	n.text = scn_string_dup(p, t);
	if (!n.text)
		return -1;
	v[s->nnotes++] = n;
	return 0;
}

int scn_d_expect(struct parser *p)
{
	static const char usage[] = "expect needs a time (or end), a host and a state: expect 1s "
	                            "client ESTABLISHED";
	struct scn_expect x = {0};
	char b[48];
	int i = 1;
	uint64_t n;
	x.line = p->t[0].line;
	x.col = p->t[0].col;
	x.err = SE_OK;
	x.state = -1;
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t)
		return scn_missing(p, usage);
	if (scn_is(t, "end")) {
		x.when = WHEN_END;
		i = 2;
	} else if (scn_starts_time(t)) {
		if (scn_parse_time(p, t, 1, &x.at) < 0)
			return -1;
		p->last = x.at;
		x.when = WHEN_AT;
		i = 2;
	} else {
		x.when = WHEN_ANY;
	}
	const struct scn_tok *ht = scn_tok_at(p, i), *what = scn_tok_at(p, i + 1);
	if (!ht)
		return scn_missing(p, usage);
	if (scn_parse_hostref(p, ht, &x.host, &x.conn) < 0)
		return -1;
	if (!what)
		return scn_missing(
		    p, "expect needs what to expect after the host: a state, error ERRNO "
		       "or count STATE N");
	if (scn_is(what, "error")) {
		x.kind = EXPECT_ERROR;
		if (!scn_tok_at(p, i + 2))
			return scn_missing(p, "error needs an errno name, like error ETIMEDOUT");
		if (scn_parse_errno(p, scn_tok_at(p, i + 2), &x.err) < 0)
			return -1;
		i += 3;
	} else if (scn_is(what, "count")) {
		x.kind = EXPECT_COUNT;
		if (x.when == WHEN_ANY)
			return ERR(p, what,
			           "count needs a time or end first: expect 5s %s count "
			           "SYN_RCVD 4",
			           p->s->hosts[x.host].name);
		if (x.conn)
			return ERR(p, ht, "count looks at every socket of a host; write '%s'",
			           p->s->hosts[x.host].name);
		if (!scn_tok_at(p, i + 2) || !scn_tok_at(p, i + 3))
			return scn_missing(p, "count needs a state and a number: count SYN_RCVD 4");
		if (scn_parse_state(p, scn_tok_at(p, i + 2), &x.state) < 0 ||
		    scn_parse_uint(p, scn_tok_at(p, i + 3), 0, MAX_COUNT, "the count", &n) < 0)
			return -1;
		x.count = (uint32_t)n;
		i += 4;
	} else {
		x.kind = EXPECT_STATE;
		if (scn_parse_state(p, what, &x.state) < 0)
			return -1;
		if (x.when == WHEN_ANY)
			return ERR(p, t, "expect %s needs a time or end first: expect 1s %s %s",
			           scn_q(b, what), p->s->hosts[x.host].name, tcps_name(x.state));
		i += 2;
	}
	if (scn_no_more(p, i, "the expectation is complete without it") < 0)
		return -1;
	struct scenario *s = p->s;
	struct scn_expect *v = scn_grow(p, s->expects, &p->cap_expects, s->nexpects, sizeof *v);
	if (!v)
		return -1;
	s->expects = v;
	v[s->nexpects++] = x;
	return 0;
}
