/* scn_timeline: the timeline: `at TIME HOST ACTION` and `on HOST STATE
 * [+T] HOST ACTION` lines and the actions they run (listen, connect, send,
 * close, shutdown, abort, crash, reboot, stop-reading, read, flood,
 * inject).  Called by scn_file.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "segment.h"

/* HOST:PORT, naming the other host. */
static int parse_target(struct parser *p, const struct scn_tok *t, int self, int *peer,
                        uint16_t *port, const char *example)
{
	int c = 0;
	while (c < t->len && t->s[c] != ':')
		c++;
	if (t->kind != TOK_WORD || c == t->len)
		return ERR(p, t, "expected HOST:PORT, like %s", example);
	*peer = scn_host_find(p->s, t->s, c);
	if (*peer < 0)
		return scn_undeclared(p, t->line, t->col, t->s, c);
	if (*peer == self)
		return ERR(p, t, "a host cannot connect to itself; name the other host");
	struct scn_tok pt = *t;
	pt.s += c + 1;
	pt.len -= c + 1;
	pt.col += c + 1;
	if (pt.len == 0)
		return ERR(p, &pt, "expected a port after ':', like %s", example);
	return scn_parse_port(p, &pt, port);
}

static int parse_range(struct parser *p, const struct scn_tok *t, uint32_t *lo, uint32_t *hi)
{
	char b[48];
	int dash = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected an address or a range like 198.51.100.1-198.51.100.254");
	while (dash < t->len && t->s[dash] != '-')
		dash++;
	if (ip_parse(t->s, dash, lo) != 0)
		return ERR(p, t,
		           "'%s' is not an address or a range like "
		           "198.51.100.1-198.51.100.254",
		           scn_q(b, t));
	*hi = *lo;
	if (dash < t->len && ip_parse(t->s + dash + 1, t->len - dash - 1, hi) != 0)
		return ERR(p, t,
		           "'%s' is not an address or a range like "
		           "198.51.100.1-198.51.100.254",
		           scn_q(b, t));
	if (*hi < *lo)
		return ERR(p, t,
		           "an address range goes from low to high, like "
		           "198.51.100.1-198.51.100.254");
	return 0;
}

static int act_flood(struct parser *p, int i, struct scn_action *a)
{
	static const char usage[] = "flood N from ADDR[-ADDR] to HOST:PORT [every T]";
	char m[200];
	uint64_t n;
	snprintf(m, sizeof m, "flood needs: %s", usage);
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, m);
	if (scn_parse_uint(p, t, 1, MAX_COUNT, "the flood count", &n) < 0)
		return -1;
	a->count = (uint32_t)n;
	if (!scn_is(scn_tok_at(p, i + 1), "from"))
		return scn_tok_at(p, i + 1) ? ERR(p, scn_tok_at(p, i + 1), "%s", m)
		                            : scn_missing(p, m);
	if (!scn_tok_at(p, i + 2))
		return scn_missing(p, m);
	if (parse_range(p, scn_tok_at(p, i + 2), &a->addr_lo, &a->addr_hi) < 0)
		return -1;
	if (!scn_is(scn_tok_at(p, i + 3), "to"))
		return scn_tok_at(p, i + 3) ? ERR(p, scn_tok_at(p, i + 3), "%s", m)
		                            : scn_missing(p, m);
	if (!scn_tok_at(p, i + 4))
		return scn_missing(p, m);
	if (parse_target(p, scn_tok_at(p, i + 4), a->host, &a->peer, &a->port, "server:80") < 0)
		return -1;
	a->every = SIMTIME_MS;
	i += 5;
	if (scn_is(scn_tok_at(p, i), "every")) {
		if (!scn_tok_at(p, i + 1))
			return scn_missing(p, "every needs a time, like every 1ms");
		if (scn_parse_time(p, scn_tok_at(p, i + 1), 0, &a->every) < 0)
			return -1;
		if (a->every == 0)
			return ERR(p, scn_tok_at(p, i + 1), "every must be more than 0s");
		i += 2;
	}
	return scn_no_more(p, i, "flood ends with an optional every T");
}

static int act_send(struct parser *p, int i, struct scn_action *a)
{
	char e[ERRSZ];
	uint64_t n;
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "send needs a byte count or a quoted text: send 1000 or "
		                      "send \"hello\"");
	if (t->kind == TOK_STRING) {
		if (t->len == 0)
			return ERR(p, t, "send needs at least one byte; the text is empty");
		a->text = scn_string_dup(p, t);
		if (!a->text)
			return -1;
		a->text_len = (uint32_t)t->len;
		a->nbytes = (uint32_t)t->len;
	} else {
		if (scn_lit_size(t->s, t->len, &n, e, sizeof e) < 0)
			return ERR(p, t, "%s", e);
		if (n == 0)
			return ERR(p, t, "send needs at least one byte");
		if (n > MAX_SEND)
			return ERR(p, t, "send is limited to 1GiB at a time");
		a->nbytes = (uint32_t)n;
	}
	return scn_no_more(p, i + 1, "send takes one byte count or one quoted text");
}

static int act_listen(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "listen needs a port: listen 80");
	if (scn_parse_port(p, t, &a->port) < 0)
		return -1;
	i++;
	t = scn_tok_at(p, i);
	if (t && t->kind == TOK_WORD && t->len > 8 && scn_word_is(t->s, 8, "backlog=")) {
		struct scn_tok v = *t;
		uint64_t n;
		v.s += 8;
		v.len -= 8;
		v.col += 8;
		if (scn_parse_uint(p, &v, 1, 65535, "backlog", &n) < 0)
			return -1;
		a->backlog = (int)n;
		i++;
	}
	return scn_no_more(p, i, "listen takes a port and an optional backlog=N");
}

static int act_connect(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = scn_tok_at(p, i);
	char ex[SCN_NAME_MAX + 8];
	snprintf(ex, sizeof ex, "%s:80",
	         p->s->hosts[a->host == 0 && p->s->nhosts > 1 ? 1 : 0].name);
	if (!t) {
		char m[100];
		snprintf(m, sizeof m, "connect needs HOST:PORT, like connect %s", ex);
		return scn_missing(p, m);
	}
	if (parse_target(p, t, a->host, &a->peer, &a->port, ex) < 0)
		return -1;
	i++;
	if (scn_is(scn_tok_at(p, i), "from")) {
		if (!scn_tok_at(p, i + 1))
			return scn_missing(p, "from needs a port, like from 40000");
		if (scn_parse_port(p, scn_tok_at(p, i + 1), &a->from_port) < 0)
			return -1;
		i += 2;
	}
	return scn_no_more(p, i, "connect takes HOST:PORT and an optional from PORT");
}

/* inject SYN|RST|ACK|FIN [offset N]: a forged segment from the peer's
 * address into this connection, SEG.SEQ = its RCV.NXT + N (RFC 5961 lessons). */
static int act_inject(struct parser *p, int i, struct scn_action *a)
{
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "inject needs a segment: inject RST offset 100");
	if (scn_parse_match(p, t, &a->match) < 0)
		return -1;
	if (a->match != MATCH_SYN && a->match != MATCH_RST && a->match != MATCH_ACK &&
	    a->match != MATCH_FIN)
		return ERR(p, t, "inject sends SYN, RST, ACK or FIN");
	i++;
	if (scn_is(scn_tok_at(p, i), "offset")) {
		const struct scn_tok *v = scn_tok_at(p, i + 1);
		if (!v)
			return scn_missing(
			    p, "offset needs a number of bytes, like offset 100 or offset -5");
		struct scn_tok n = *v;
		int neg = n.len > 1 && n.s[0] == '-';
		if (neg) {
			n.s++;
			n.len--;
			n.col++;
		}
		uint64_t x;
		if (scn_parse_uint(p, &n, 0, 1000000000, "the offset", &x) < 0)
			return -1;
		a->offset = neg ? -(int32_t)x : (int32_t)x;
		i += 2;
	}
	return scn_no_more(p, i,
	                   "inject takes a segment (SYN, RST, ACK, FIN) and an optional offset N");
}

/* The action part of `at` and `on` lines: HOST[.N] ACTION ARGS from token i. */
static int parse_action(struct parser *p, int i, struct scn_action *a, const char *usage)
{
	char b[48], m[260];
	memset(a, 0, sizeof *a);
	a->backlog = -1;
	a->peer = -1;
	const struct scn_tok *ht = scn_tok_at(p, i);
	if (!ht)
		return scn_missing(p, usage);
	if (scn_parse_hostref(p, ht, &a->host, &a->conn) < 0)
		return -1;
	const struct scn_tok *t = scn_tok_at(p, i + 1);
	if (!t) {
		char list[160];
		scn_action_list(list, sizeof list, " or ");
		snprintf(m, sizeof m, "expected an action after '%s': %s", scn_q(b, ht), list);
		return scn_missing(p, m);
	}
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected an action, not a string");
	a->kind = scn_action_find(t->s, t->len);
	if (a->kind < 0) {
		const char *cands[ACT_COUNT];
		char list[200];
		for (int k = 0; k < ACT_COUNT; k++)
			cands[k] = scn_action_name(k);
		const char *sug = scn_suggest(t->s, t->len, cands, ACT_COUNT);
		if (sug)
			return ERR(p, t, "unknown action '%s'; did you mean '%s'?", scn_q(b, t),
			           sug);
		scn_action_list(list, sizeof list, " and ");
		return ERR(p, t, "unknown action '%s'; actions are %s", scn_q(b, t), list);
	}
	const char *an = scn_action_name(a->kind);
	switch (a->kind) {
	case ACT_LISTEN:
	case ACT_CRASH:
	case ACT_REBOOT:
	case ACT_FLOOD:
		/* connect may name a socket: RFC 9293's listener that connects */
		if (a->conn)
			return ERR(p, ht,
			           "%s applies to the host, not to one connection; write '%s'", an,
			           p->s->hosts[a->host].name);
		break;
	default: break;
	}
	i += 2;
	switch (a->kind) {
	case ACT_LISTEN: return act_listen(p, i, a);
	case ACT_CONNECT: return act_connect(p, i, a);
	case ACT_SEND: return act_send(p, i, a);
	case ACT_FLOOD: return act_flood(p, i, a);
	case ACT_INJECT: return act_inject(p, i, a);
	default: snprintf(m, sizeof m, "%s takes no arguments", an); return scn_no_more(p, i, m);
	}
}

static struct scn_event *new_event(struct parser *p)
{
	struct scenario *s = p->s;
	struct scn_event *v = scn_grow(p, s->events, &p->cap_events, s->nevents, sizeof *v);
	if (!v)
		return NULL;
	s->events = v;
	struct scn_event *ev = &v[s->nevents];
	memset(ev, 0, sizeof *ev);
	ev->line = p->t[0].line;
	ev->col = p->t[0].col;
	ev->on_host = -1;
	ev->on_state = -1;
	return ev;
}

/* Parses the action from token i and appends a timeline event whose
 * trigger fields (trigger, at, on_host, on_state, delay) come from trig. */
static int add_event(struct parser *p, int i, const char *usage, const struct scn_event *trig)
{
	struct scn_action act;
	if (parse_action(p, i, &act, usage) < 0) {
		free(act.text);
		return -1;
	}
	struct scn_event *e = new_event(p);
	if (!e) {
		free(act.text);
		return -1;
	}
	e->trigger = trig->trigger;
	e->at = trig->at;
	e->on_host = trig->on_host;
	e->on_state = trig->on_state;
	e->on_kind = trig->on_kind;
	e->on_arg = trig->on_arg;
	e->delay = trig->delay;
	e->act = act;
	p->s->nevents++;
	return 0;
}

int scn_d_at(struct parser *p)
{
	static const char usage[] = "at needs a time, a host and an action: at 1s client close";
	struct scn_event ev;
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t)
		return scn_missing(p, usage);
	if (t->kind != TOK_WORD)
		return ERR(p, t, "%s", usage);
	if (scn_parse_time(p, t, 1, &ev.at) < 0)
		return -1;
	p->last = ev.at;
	ev.trigger = TRIG_AT;
	ev.on_host = -1;
	ev.on_state = -1;
	ev.on_kind = ON_STATE;
	ev.on_arg = -1;
	ev.delay = 0;
	return add_event(p, 2, usage, &ev);
}

int scn_d_on(struct parser *p)
{
	static const char usage[] =
	    "on needs a host, an event and an action: on server CLOSE_WAIT server close";
	char b[48];
	struct scn_event ev;
	int conn;
	const struct scn_tok *ht = scn_tok_at(p, 1), *st = scn_tok_at(p, 2);
	if (!ht || !st)
		return scn_missing(p, usage);
	if (scn_parse_hostref(p, ht, &ev.on_host, &conn) < 0)
		return -1;
	if (conn)
		return ERR(p, ht, "on watches every connection of a host; write '%s'",
		           p->s->hosts[ev.on_host].name);
	int took = scn_parse_event(p, 2, &ev.on_kind, &ev.on_arg);
	if (took < 0)
		return -1;
	ev.on_state = ev.on_kind == ON_STATE ? ev.on_arg : -1;
	int i = 2 + took;
	ev.delay = 0;
	const struct scn_tok *dt = scn_tok_at(p, i);
	if (dt && dt->kind == TOK_WORD && dt->len > 0 && dt->s[0] == '+') {
		char e[ERRSZ];
		if (scn_lit_time(dt->s + 1, dt->len - 1, &ev.delay, e, sizeof e) < 0)
			return ERR(p, dt, "%s", e);
		i++;
	} else if (scn_starts_time(dt)) {
		return ERR(p, dt, "a pause after the event starts with '+': +%s", scn_q(b, dt));
	}
	ev.trigger = TRIG_ON;
	ev.at = 0;
	return add_event(p, i, usage, &ev);
}
