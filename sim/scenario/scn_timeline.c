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

/* read [N]: without N the application reads everything and keeps reading;
 * with N it calls recv() once for at most N bytes, then stops reading. */
static int act_read(struct parser *p, int i, struct scn_action *a)
{
	char e[ERRSZ];
	uint64_t n;
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return 0;
	if (t->kind == TOK_STRING || scn_lit_size(t->s, t->len, &n, e, sizeof e) < 0)
		return ERR(p, t, "read takes an optional byte count: read 100 or read 1KiB");
	if (n == 0)
		return ERR(p, t, "read needs at least one byte; write 'read' to read everything");
	if (n > MAX_SEND)
		return ERR(p, t, "read is limited to 1GiB at a time");
	a->nbytes = (uint32_t)n;
	return scn_no_more(p, i + 1, "read takes one byte count");
}

/* listen PORT [backlog=N] [accept=on|off] [nodelay], the options in any order. */
static int act_listen(struct parser *p, int i, struct scn_action *a)
{
	char b[48];
	const struct scn_tok *t = scn_tok_at(p, i);
	if (!t)
		return scn_missing(p, "listen needs a port: listen 80");
	if (scn_parse_port(p, t, &a->port) < 0)
		return -1;
	for (i++; (t = scn_tok_at(p, i)) != NULL; i++) {
		struct scn_tok v = *t;
		if (t->kind == TOK_WORD && t->len > 8 && scn_word_is(t->s, 8, "backlog=")) {
			uint64_t n;
			v.s += 8;
			v.len -= 8;
			v.col += 8;
			if (scn_parse_uint(p, &v, 1, 65535, "backlog", &n) < 0)
				return -1;
			a->backlog = (int)n;
		} else if (scn_is(t, "nodelay")) {
			a->nodelay = 1;
		} else if (t->kind == TOK_WORD && t->len > 7 && scn_word_is(t->s, 7, "accept=")) {
			v.s += 7;
			v.len -= 7;
			v.col += 7;
			if (scn_word_is(v.s, v.len, "on"))
				a->accept_off = 0;
			else if (scn_word_is(v.s, v.len, "off"))
				a->accept_off = 1;
			else
				return ERR(p, &v, "accept is on or off, got '%s'", scn_q(b, &v));
		} else {
			return ERR(p, t,
			           "unexpected '%s'; listen takes a port, then backlog=N, "
			           "accept=on|off and nodelay",
			           scn_q(b, t));
		}
	}
	return 0;
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
	if (scn_is(scn_tok_at(p, i), "nodelay")) {
		a->nodelay = 1;
		i++;
	}
	return scn_no_more(p, i, "connect takes HOST:PORT, an optional from PORT and nodelay");
}

/* The flags of a forged segment: SYN, RST, ACK, FIN, PSH joined by ',' or
 * '+' (RST,ACK); FIN alone means FIN,ACK. */
static int parse_inject_flags(struct parser *p, const struct scn_tok *t, uint8_t *out)
{
	static const struct {
		const char *name;
		uint8_t bit;
	} names[] = {
	    {"SYN", TH_SYN}, {"RST", TH_RST}, {"ACK", TH_ACK}, {"FIN", TH_FIN}, {"PSH", TH_PSH}};
	static const char *const shown[] = {"SYN", "RST", "ACK", "FIN", "PSH"};
	char b[48];
	uint8_t f = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "inject needs flags like RST, SYN,ACK or RST,ACK, not a string");
	for (int at = 0; at < t->len;) {
		int e = at;
		while (e < t->len && t->s[e] != ',' && t->s[e] != '+')
			e++;
		struct scn_tok w = *t;
		w.s += at;
		w.len = e - at;
		w.col += at;
		int k = -1;
		for (int i = 0; i < 5; i++)
			if (w.len && scn_word_is(w.s, w.len, names[i].name))
				k = i;
		if (k < 0) {
			if (w.len == 0)
				return ERR(p, t,
				           "a flag is missing in '%s'; write flags like RST,ACK",
				           scn_q(b, t));
			const char *sug = scn_suggest(w.s, w.len, shown, 5);
			if (sug)
				return ERR(p, &w, "unknown flag '%s'; did you mean '%s'?",
				           scn_q(b, &w), sug);
			return ERR(p, &w, "unknown flag '%s'; flags are SYN, RST, ACK, FIN and PSH",
			           scn_q(b, &w));
		}
		f |= names[k].bit;
		at = e + 1;
		if (e < t->len && at == t->len)
			return ERR(p, t, "a flag is missing in '%s'; write flags like RST,ACK",
			           scn_q(b, t));
	}
	if (f == TH_FIN)
		f |= TH_ACK; /* a FIN always acknowledges (RFC 9293 3.10.7.4) */
	*out = f;
	return 0;
}

/* A signed number of bytes ("100", "-1") into *out. */
static int parse_signed(struct parser *p, const struct scn_tok *v, const char *what, int32_t *out)
{
	struct scn_tok n = *v;
	int neg = n.len > 1 && (n.s[0] == '-' || n.s[0] == '+');
	int minus = neg && n.s[0] == '-';
	if (neg) {
		n.s++;
		n.len--;
		n.col++;
	}
	uint64_t x;
	if (scn_parse_uint(p, &n, 0, 1000000000, what, &x) < 0)
		return -1;
	*out = minus ? -(int32_t)x : (int32_t)x;
	return 0;
}

/* ack nxt|una[+N|-N] */
static int parse_inject_ack(struct parser *p, const struct scn_tok *v, struct scn_action *a)
{
	static const char usage[] =
	    "ack needs nxt or una, maybe with an offset: ack una, ack nxt+5";
	if (v->kind != TOK_WORD || v->len < 3)
		return ERR(p, v, "%s", usage);
	if (scn_word_is(v->s, 3, "nxt"))
		a->ack_ref = INJ_ACK_NXT;
	else if (scn_word_is(v->s, 3, "una"))
		a->ack_ref = INJ_ACK_UNA;
	else
		return ERR(p, v, "%s", usage);
	a->ack_offset = 0;
	if (v->len == 3)
		return 0;
	struct scn_tok n = *v;
	n.s += 3;
	n.len -= 3;
	n.col += 3;
	if (n.s[0] != '+' && n.s[0] != '-')
		return ERR(p, v, "%s", usage);
	return parse_signed(p, &n, "the ack offset", &a->ack_offset);
}

/* inject FLAGS [offset N] [ack nxt|una[+-N]] [data N] [to PORT] [from PORT]:
 * a forged segment as if from the peer (RFC 5961 lessons, the state matrix).
 * Into a connection, SEG.SEQ = its RCV.NXT + N and SEG.ACK = its SND.NXT (or
 * SND.UNA) + M; with `to PORT` it goes to that port of the host (a listener,
 * or no socket at all) and the numbers count from 0. */
static int act_inject(struct parser *p, int i, struct scn_action *a, const struct scn_tok *ht)
{
	static const char usage[] =
	    "inject takes flags, then offset N, ack nxt|una[+-N], data N, to PORT, from PORT";
	const struct scn_tok *t = scn_tok_at(p, i), *ack_tok = NULL, *from_tok = NULL;
	if (!t)
		return scn_missing(p, "inject needs a segment: inject RST offset 100");
	if (parse_inject_flags(p, t, &a->iflags) < 0)
		return -1;
	for (i++; (t = scn_tok_at(p, i)) != NULL; i += 2) {
		const struct scn_tok *v = scn_tok_at(p, i + 1);
		const char *need = scn_is(t, "offset") ? "offset needs a number of bytes, like "
		                                         "offset 100 or offset -5"
		                   : scn_is(t, "ack")  ? "ack needs nxt or una, like ack una"
		                   : scn_is(t, "data") ? "data needs a byte count, like data 100"
		                   : scn_is(t, "to")   ? "to needs a port, like to 9502"
		                   : scn_is(t, "from") ? "from needs a port, like from 40000"
		                                       : NULL;
		if (!need)
			return ERR(p, t, "%s", usage);
		if (!v)
			return scn_missing(p, need);
		if (scn_is(t, "offset")) {
			if (parse_signed(p, v, "the offset", &a->offset) < 0)
				return -1;
		} else if (scn_is(t, "ack")) {
			if (parse_inject_ack(p, v, a) < 0)
				return -1;
			ack_tok = t;
		} else if (scn_is(t, "data")) {
			uint64_t n;
			if (scn_parse_uint(p, v, 1, 65535, "data", &n) < 0)
				return -1;
			a->idata = (uint32_t)n;
		} else if (scn_is(t, "to")) {
			if (scn_parse_port(p, v, &a->to_port) < 0)
				return -1;
		} else {
			if (scn_parse_port(p, v, &a->from_port) < 0)
				return -1;
			from_tok = t;
		}
	}
	if (ack_tok && !(a->iflags & TH_ACK))
		return ERR(p, ack_tok, "ack needs the ACK flag: write RST,ACK or SYN,ACK");
	if (a->to_port && a->conn)
		return ERR(p, ht, "inject to a port names the host, not one connection; write '%s'",
		           p->s->hosts[a->host].name);
	if (from_tok && !a->to_port && !a->conn)
		return ERR(p, from_tok,
		           "from chooses the source port of an inject to a port: add to PORT");
	return 0;
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
	case ACT_ACCEPT:
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
	case ACT_READ: return act_read(p, i, a);
	case ACT_FLOOD: return act_flood(p, i, a);
	case ACT_INJECT: return act_inject(p, i, a, ht);
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
	e->on_seq[0] = trig->on_seq[0];
	e->on_seq[1] = trig->on_seq[1];
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
	ev.on_seq[0] = ev.on_seq[1] = 0;
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
	int took = scn_parse_event(p, 2, &ev.on_kind, &ev.on_arg, ev.on_seq);
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
