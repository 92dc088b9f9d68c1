/* scn_faults: scripted faults on the link: `drop` and `delay` of the Nth
 * segment matching a pattern, of segment number N, or of everything in a
 * time window, and what a pattern matches (scn_seg_matches(), which the
 * link and the text trace use).  Called by scn_file.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "segment.h"

/* "1st" "2nd" "3rd" "4th" ...  Returns 1 when t is not shaped like one. */
static int parse_ordinal(struct parser *p, const struct scn_tok *t, uint32_t *nth)
{
	char b[48], e[ERRSZ];
	uint64_t v;
	if (!scn_starts_time(t) || t->s[0] < '0' || t->s[0] > '9')
		return 1;
	int d = 0;
	while (d < t->len && t->s[d] >= '0' && t->s[d] <= '9')
		d++;
	const char *sfx = t->s + d;
	int ok = t->len - d == 2 && (scn_word_is(sfx, 2, "st") || scn_word_is(sfx, 2, "nd") ||
	                             scn_word_is(sfx, 2, "rd") || scn_word_is(sfx, 2, "th"));
	if (!ok)
		return ERR(p, t, "expected an ordinal like 1st, 2nd or 3rd, got '%s'", scn_q(b, t));
	if (scn_lit_uint(t->s, d, MAX_COUNT, &v, e, sizeof e) < 0)
		return ERR(p, t, "%s", e);
	if (v == 0)
		return ERR(p, t, "ordinals count from 1st");
	*nth = (uint32_t)v;
	return 0;
}

/* What follows the direction of drop/delay: [ORD] FLAGS [seq A:B] | segment N.
 * Returns the index after it. */
static int parse_which(struct parser *p, int i, struct scn_fault *f, const char *usage)
{
	const struct scn_tok *t = scn_tok_at(p, i);
	uint64_t n;
	if (!t)
		return scn_missing(p, usage);
	if (scn_is(t, "segment")) {
		if (!scn_tok_at(p, i + 1))
			return scn_missing(p, "segment needs a number, like segment 5");
		if (scn_parse_uint(p, scn_tok_at(p, i + 1), 1, MAX_COUNT, "the segment number",
		                   &n) < 0)
			return -1;
		f->nth = (uint32_t)n;
		f->match = MATCH_ANY;
		return i + 2;
	}
	f->nth = 1;
	int r = parse_ordinal(p, t, &f->nth);
	if (r < 0)
		return -1;
	if (r == 0) {
		i++;
		if (!scn_tok_at(p, i))
			return scn_missing(
			    p, "an ordinal needs a segment pattern after it, like 2nd SYN+ACK");
	}
	if (scn_parse_match(p, scn_tok_at(p, i), &f->match) < 0)
		return -1;
	i++;
	if (scn_is(scn_tok_at(p, i), "seq"))
		return scn_parse_seq_range(p, i, f->match, &f->seq_a, &f->seq_b);
	return i;
}

static struct scn_fault *new_fault(struct parser *p, const struct scn_fault *f)
{
	struct scenario *s = p->s;
	struct scn_fault *v = scn_grow(p, s->faults, &p->cap_faults, s->nfaults, sizeof *v);
	if (!v)
		return NULL;
	s->faults = v;
	v[s->nfaults] = *f;
	return &v[s->nfaults++];
}

static int fault_dir(struct parser *p, struct scn_fault *f, const char *verb)
{
	char m[256];
	const struct scn_tok *t = scn_tok_at(p, 1);
	snprintf(m, sizeof m, "%s needs a direction first: %s->%s, %s->%s or both", verb,
	         p->s->nhosts > 0 ? p->s->hosts[0].name : "client",
	         p->s->nhosts > 1 ? p->s->hosts[1].name : "server",
	         p->s->nhosts > 1 ? p->s->hosts[1].name : "server",
	         p->s->nhosts > 0 ? p->s->hosts[0].name : "client");
	if (!t)
		return scn_missing(p, m);
	int r = scn_parse_dir(p, t, &f->dir);
	if (r > 0)
		return ERR(p, t, "%s", m);
	return r;
}

int scn_d_drop(struct parser *p)
{
	static const char usage[] =
	    "drop needs what to drop: a segment pattern (SYN, SYN+ACK, ACK, "
	    "FIN, RST, data), segment N, or from T to T";
	struct scn_fault f = {0};
	f.line = p->t[0].line;
	f.col = p->t[0].col;
	if (fault_dir(p, &f, "drop") < 0)
		return -1;
	int i = 2;
	if (scn_is(scn_tok_at(p, 2), "from")) {
		f.kind = FAULT_DROP_WINDOW;
		f.match = MATCH_ANY;
		if (!scn_tok_at(p, 3) || !scn_is(scn_tok_at(p, 4), "to") || !scn_tok_at(p, 5))
			return scn_tok_at(p, 4) && !scn_is(scn_tok_at(p, 4), "to")
			           ? ERR(p, scn_tok_at(p, 4),
			                 "drop ... from T needs 'to T': from 3s to 8s")
			           : scn_missing(p, "drop ... from T needs 'to T': from 3s to 8s");
		if (scn_parse_time(p, scn_tok_at(p, 3), 0, &f.from) < 0 ||
		    scn_parse_time(p, scn_tok_at(p, 5), 0, &f.to) < 0)
			return -1;
		if (f.to <= f.from)
			return ERR(p, scn_tok_at(p, 5), "the window must end after it starts");
		i = 6;
	} else {
		i = parse_which(p, 2, &f, usage);
		if (i < 0)
			return -1;
		f.kind = scn_is(scn_tok_at(p, 2), "segment") ? FAULT_DROP_SEGNO : FAULT_DROP_MATCH;
	}
	if (scn_no_more(p, i, "the drop is complete without it") < 0)
		return -1;
	return new_fault(p, &f) ? 0 : -1;
}

int scn_d_delay(struct parser *p)
{
	static const char usage[] = "delay needs a segment and a time: delay client->server 1st "
	                            "data by 90s";
	struct scn_fault f = {0};
	f.line = p->t[0].line;
	f.col = p->t[0].col;
	if (fault_dir(p, &f, "delay") < 0)
		return -1;
	if (scn_is(scn_tok_at(p, 2), "from"))
		return ERR(p, scn_tok_at(p, 2),
		           "delay takes one segment, not a time window; use drop for a "
		           "window");
	int i = parse_which(p, 2, &f, usage);
	if (i < 0)
		return -1;
	f.kind = scn_is(scn_tok_at(p, 2), "segment") ? FAULT_DELAY_SEGNO : FAULT_DELAY_MATCH;
	if (!scn_is(scn_tok_at(p, i), "by"))
		return scn_tok_at(p, i) ? ERR(p, scn_tok_at(p, i), "%s", usage)
		                        : scn_missing(p, usage);
	if (!scn_tok_at(p, i + 1))
		return scn_missing(p, "by needs a time, like by 90s");
	if (scn_parse_time(p, scn_tok_at(p, i + 1), 0, &f.by) < 0)
		return -1;
	if (f.by == 0)
		return ERR(p, scn_tok_at(p, i + 1), "the delay must be more than 0s");
	if (scn_no_more(p, i + 2, "the delay is complete without it") < 0)
		return -1;
	return new_fault(p, &f) ? 0 : -1;
}

int scn_seg_matches(const struct segment *g, int match)
{
	int syn = g->flags & TH_SYN, ack = g->flags & TH_ACK;
	switch (match) {
	case MATCH_SYN: return syn && !ack;
	case MATCH_SYNACK: return syn && ack;
	case MATCH_ACK: return ack && g->len == 0 && !(g->flags & (TH_SYN | TH_FIN | TH_RST));
	case MATCH_FIN: return (g->flags & TH_FIN) != 0;
	case MATCH_RST: return (g->flags & TH_RST) != 0;
	case MATCH_DATA: return g->len > 0;
	default: return 1;
	}
}
