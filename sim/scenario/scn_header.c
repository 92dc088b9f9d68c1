/* scn_header: the directives that set up a run: title, about, seed,
 * profile, end, the two hosts with their parameters and the link with its
 * own.  Parameters of both are read from tables (name, kind, field, range),
 * so a new parameter is one table line.  Called by scn_file.c. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn_parse.h"
#include "segment.h"

int scn_d_title(struct parser *p)
{
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t || t->kind != TOK_STRING) {
		if (t)
			return ERR(p, t, "title needs a quoted string: title \"...\"");
		return scn_missing(p, "title needs a quoted string: title \"...\"");
	}
	if (scn_dup_line(p, &p->t[0], &p->title_line, "the title") < 0)
		return -1;
	if (scn_no_more(p, 2, "title takes one quoted string") < 0)
		return -1;
	p->s->title = scn_string_dup(p, t);
	return 0;
}

int scn_d_about(struct parser *p)
{
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (!t || t->kind != TOK_STRING) {
		if (t)
			return ERR(p, t, "about needs a quoted string: about \"...\"");
		return scn_missing(p, "about needs a quoted string: about \"...\"");
	}
	if (scn_no_more(p, 2, "about takes one quoted string; add another about line") < 0)
		return -1;
	struct scenario *s = p->s;
	size_t old = s->about ? p->about_len : 0;
	char *n = realloc(s->about, old + (old ? 1 : 0) + (size_t)t->len + 1);
	if (!n) {
		p->oom = 1;
		return -1;
	}
	if (old)
		n[old++] = '\n';
	memcpy(n + old, t->s, (size_t)t->len);
	n[old + (size_t)t->len] = '\0';
	s->about = n;
	p->about_len = old + (size_t)t->len;
	return 0;
}

int scn_d_seed(struct parser *p)
{
	const struct scn_tok *t = scn_tok_at(p, 1);
	uint64_t v;
	if (!t)
		return scn_missing(p, "seed needs a number: seed 7");
	if (scn_parse_uint(p, t, 0, UINT64_MAX, "the seed", &v) < 0)
		return -1;
	if (scn_dup_line(p, &p->t[0], &p->seed_line, "the seed") < 0)
		return -1;
	if (scn_no_more(p, 2, "seed takes one number") < 0)
		return -1;
	p->s->seed = v;
	return 0;
}

int scn_d_profile(struct parser *p)
{
	static const char *const names[] = {"linux", "rfc9293"};
	char b[48];
	const struct scn_tok *t = scn_word_at(p, 1);
	if (!t) {
		if (scn_tok_at(p, 1))
			return ERR(p, scn_tok_at(p, 1), "profile needs a name: linux or rfc9293");
		return scn_missing(p, "profile needs a name: linux or rfc9293");
	}
	int id = profile_parse(t->s, t->len);
	if (id < 0) {
		const char *sug = scn_suggest(t->s, t->len, names, 2);
		if (sug)
			return ERR(p, t, "unknown profile '%s'; did you mean '%s'?", scn_q(b, t),
			           sug);
		return ERR(p, t, "unknown profile '%s'; use linux or rfc9293", scn_q(b, t));
	}
	if (scn_dup_line(p, &p->t[0], &p->profile_line, "the profile") < 0)
		return -1;
	if (scn_no_more(p, 2, "profile takes one name") < 0)
		return -1;
	p->s->profile = id;
	return 0;
}

int scn_d_end(struct parser *p)
{
	const struct scn_tok *t = scn_tok_at(p, 1);
	simtime_t v;
	if (!t)
		return scn_missing(p, "end needs a time: end 30s");
	if (t->kind != TOK_WORD)
		return ERR(p, t, "end needs a time: end 30s");
	if (scn_parse_time(p, t, 1, &v) < 0)
		return -1;
	if (v <= 0)
		return ERR(p, t, "end must be after 0s");
	if (scn_dup_line(p, &p->t[0], &p->end_line, "the end") < 0)
		return -1;
	if (scn_no_more(p, 2, "end takes one time") < 0)
		return -1;
	p->s->end = v;
	return 0;
}

enum pkind {
	PK_TIME,
	PK_TIME_POS,
	PK_SIZE,
	PK_U16,
	PK_INT,
	PK_BOOL,
	PK_ISN,
	PK_PORTS,
	PK_WSCALE,
	PK_NAME,
	PK_MEM3, /* MIN,DEF,MAX sizes (tcp_rmem, tcp_wmem) */
	PK_CC    /* a congestion control: reno, cubic */
};

struct hparam {
	const char *name;
	int kind;
	size_t off;
	long long min, max;
};

#define HP(name, kind, field, min, max)                                                            \
	{                                                                                          \
		name, kind, offsetof(struct tcp_params, field), min, max                           \
	}

static const struct hparam host_params[] = {
    HP("isn", PK_ISN, isn, 0, 0),
    HP("mss", PK_U16, mss, 64, 65535),
    HP("rcvbuf", PK_SIZE, rcvbuf, 1, 1 << 30),
    HP("sndbuf", PK_SIZE, sndbuf, 1, 1 << 30),
    HP("rmem", PK_MEM3, rmem, 1, 1 << 30),
    HP("wmem", PK_MEM3, wmem, 1, 1 << 30),
    HP("rto_initial", PK_TIME_POS, rto_initial, 0, 0),
    HP("rto_min", PK_TIME_POS, rto_min, 0, 0),
    HP("rto_max", PK_TIME_POS, rto_max, 0, 0),
    HP("syn_retries", PK_INT, syn_retries, 0, 255),
    HP("syn_linear_timeouts", PK_INT, syn_linear, 0, 255),
    HP("synack_retries", PK_INT, synack_retries, 0, 255),
    HP("data_retries", PK_INT, data_retries, 0, 255),
    HP("msl", PK_TIME, msl, 0, 0),
    HP("fin_timeout", PK_TIME, fin_timeout, 0, 0),
    HP("backlog", PK_INT, backlog, 0, 65535),
    HP("syn_backlog", PK_INT, syn_backlog, 0, 1000000),
    HP("syncookies", PK_BOOL, syncookies, 0, 1),
    HP("reuseaddr", PK_BOOL, reuseaddr, 0, 1),
    HP("rfc1337", PK_BOOL, rfc1337, 0, 1),
    HP("abort_on_overflow", PK_BOOL, abort_on_overflow, 0, 1),
    HP("ports", PK_PORTS, port_lo, 1, 65535),
    HP("delack", PK_BOOL, delack, 0, 1),
    HP("delack_time", PK_TIME, delack_time, 0, 0),
    HP("keepalive", PK_BOOL, keepalive, 0, 1),
    HP("keepalive_idle", PK_TIME_POS, keepalive_idle, 0, 0),
    HP("keepalive_intvl", PK_TIME_POS, keepalive_intvl, 0, 0),
    HP("keepalive_probes", PK_INT, keepalive_probes, 1, 255),
    HP("wscale", PK_WSCALE, wscale, 0, 14),
    HP("sack", PK_BOOL, sack, 0, 1),
    HP("timestamps", PK_BOOL, timestamps, 0, 1),
    HP("app", PK_NAME, app, 1, 15),
    HP("cc", PK_CC, cc, 0, 0),
    HP("mtu_probing", PK_INT, mtu_probing, 0, 2),
};

#define NHOST_PARAMS ((int)(sizeof host_params / sizeof *host_params))

/* A word `name=value` split into a name token and a value token. */
static int split_param(struct parser *p, const struct scn_tok *t, struct scn_tok *name,
                       struct scn_tok *val)
{
	char b[48];
	int eq = 0;
	if (t->kind != TOK_WORD)
		return ERR(p, t, "expected param=value, got a string");
	while (eq < t->len && t->s[eq] != '=')
		eq++;
	if (eq == t->len)
		return ERR(p, t, "expected param=value, got '%s'", scn_q(b, t));
	*name = *t;
	name->len = eq;
	*val = *t;
	val->s += eq + 1;
	val->len -= eq + 1;
	val->col += eq + 1;
	if (val->len == 0)
		return ERR(p, val, "'%s' needs a value after '='", scn_q(b, name));
	if (eq == 0)
		return ERR(p, t, "expected a parameter name before '='");
	return 0;
}

static int parse_onoff(struct parser *p, const struct scn_tok *name, const struct scn_tok *v,
                       int *out)
{
	char b[48], c[48];
	if (scn_word_is(v->s, v->len, "on"))
		*out = 1;
	else if (scn_word_is(v->s, v->len, "off"))
		*out = 0;
	else
		return ERR(p, v, "%s is on or off, got '%s'", scn_q(c, name), scn_q(b, v));
	return 0;
}

/* A command name as Linux keeps it (comm): no spaces, quotes or slashes. */
static int valid_command(const char *s, int len)
{
	for (int i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return len > 0;
}

static int host_param(struct parser *p, struct host_ov *ov, const struct scn_tok *t)
{
	struct scn_tok nm, v;
	char b[48], e[ERRSZ];
	if (split_param(p, t, &nm, &v) < 0)
		return -1;
	int idx = -1;
	for (int i = 0; i < NHOST_PARAMS; i++)
		if (scn_word_is(nm.s, nm.len, host_params[i].name))
			idx = i;
	if (idx < 0) {
		const char *cands[NHOST_PARAMS];
		for (int i = 0; i < NHOST_PARAMS; i++)
			cands[i] = host_params[i].name;
		const char *sug = scn_suggest(nm.s, nm.len, cands, NHOST_PARAMS);
		if (sug)
			return ERR(p, &nm, "unknown host parameter '%s'; did you mean '%s'?",
			           scn_q(b, &nm), sug);
		return ERR(p, &nm,
		           "unknown host parameter '%s'; see the table in "
		           "docs/scenario-format.md",
		           scn_q(b, &nm));
	}
	const struct hparam *hp = &host_params[idx];
	char *field = (char *)&ov->v + hp->off;
	uint64_t u;
	simtime_t tv;
	int iv = 0;
	switch (hp->kind) {
	case PK_TIME:
	case PK_TIME_POS:
		if (scn_lit_time(v.s, v.len, &tv, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (hp->kind == PK_TIME_POS && tv == 0)
			return ERR(p, &v, "%s must be more than 0s", hp->name);
		memcpy(field, &tv, sizeof tv);
		break;
	case PK_SIZE:
		if (scn_lit_size(v.s, v.len, &u, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (u < (uint64_t)hp->min || u > (uint64_t)hp->max)
			return ERR(p, &v, "%s must be between %lld bytes and 1GiB", hp->name,
			           hp->min);
		{
			uint32_t u32 = (uint32_t)u;
			memcpy(field, &u32, sizeof u32);
		}
		break;
	case PK_U16:
	case PK_INT:
		if (scn_parse_uint(p, &v, (uint64_t)hp->min, (uint64_t)hp->max, hp->name, &u) < 0)
			return -1;
		if (hp->kind == PK_U16) {
			uint16_t u16 = (uint16_t)u;
			memcpy(field, &u16, sizeof u16);
		} else {
			iv = (int)u;
			memcpy(field, &iv, sizeof iv);
		}
		break;
	case PK_BOOL:
		if (parse_onoff(p, &nm, &v, &iv) < 0)
			return -1;
		memcpy(field, &iv, sizeof iv);
		break;
	case PK_MEM3: {
		uint32_t m[3];
		struct scn_tok part = v;
		int k = 0;
		for (int i = 0; i <= v.len; i++) {
			if (i < v.len && v.s[i] != ',')
				continue;
			part.len = (int)(v.s + i - part.s);
			if (k == 3 || part.len == 0)
				break;
			if (scn_lit_size(part.s, part.len, &u, e, sizeof e) < 0)
				return ERR(p, &part, "%s", e);
			if (u < (uint64_t)hp->min || u > (uint64_t)hp->max)
				return ERR(p, &part,
				           "each size of %s must be between 1 byte and 1GiB",
				           hp->name);
			m[k++] = (uint32_t)u;
			part.s = v.s + i + 1;
			part.col = v.col + i + 1;
		}
		if (k != 3 || part.s <= v.s + v.len)
			return ERR(p, &v, "%s takes three sizes MIN,DEF,MAX, like %s", hp->name,
			           hp->name[0] == 'r' ? "4096,131072,6291456"
			                              : "4096,16384,4194304");
		if (m[0] > m[1] || m[1] > m[2])
			return ERR(p, &v, "%s's sizes go MIN <= DEF <= MAX, like %s", hp->name,
			           hp->name[0] == 'r' ? "4096,131072,6291456"
			                              : "4096,16384,4194304");
		memcpy(field, m, sizeof m);
		break;
	}
	case PK_CC:
		iv = cc_parse(v.s, v.len);
		if (iv < 0)
			return ERR(p, &v, "cc is reno or cubic, got '%s'", scn_q(b, &v));
		memcpy(field, &iv, sizeof iv);
		break;
	case PK_WSCALE:
		if (scn_word_is(v.s, v.len, "off")) {
			ov->v.wscale = -1;
		} else {
			if (scn_parse_uint(p, &v, 0, 14, "wscale", &u) < 0)
				return -1;
			ov->v.wscale = (int)u;
		}
		break;
	case PK_ISN:
		if (scn_word_is(v.s, v.len, "random")) {
			ov->v.isn_random = 1;
			ov->v.isn = 0;
		} else {
			if (scn_lit_uint(v.s, v.len, UINT32_MAX, &u, e, sizeof e) < 0)
				return ERR(p, &v,
				           "isn is a number from 0 to 4294967295, or random");
			ov->v.isn_random = 0;
			ov->v.isn = (uint32_t)u;
		}
		break;
	case PK_NAME:
		if (v.len > hp->max || !valid_command(v.s, v.len))
			return ERR(p, &v,
			           "app is a command name of 1 to 15 letters, digits and "
			           "'_.-', like nginx");
		memset(field, 0, sizeof ov->v.app);
		memcpy(field, v.s, (size_t)v.len);
		break;
	case PK_PORTS: {
		int dash = 0;
		while (dash < v.len && v.s[dash] != '-')
			dash++;
		if (dash == v.len)
			return ERR(p, &v, "ports needs a range LO-HI, like 32768-60999");
		struct scn_tok lo = v, hi = v;
		lo.len = dash;
		hi.s += dash + 1;
		hi.len -= dash + 1;
		hi.col += dash + 1;
		uint16_t plo, phi;
		if (scn_parse_port(p, &lo, &plo) < 0 || scn_parse_port(p, &hi, &phi) < 0)
			return -1;
		if (plo > phi)
			return ERR(p, &v, "ports range goes from low to high, like 32768-60999");
		ov->v.port_lo = plo;
		ov->v.port_hi = phi;
		break;
	}
	}
	ov->set |= (uint64_t)1 << idx;
	return 0;
}

void scn_host_apply(struct tcp_params *dst, const struct host_ov *ov)
{
	static const size_t field_size[] = {
	    [PK_TIME] = sizeof(simtime_t), [PK_TIME_POS] = sizeof(simtime_t),
	    [PK_SIZE] = sizeof(uint32_t),  [PK_U16] = sizeof(uint16_t),
	    [PK_INT] = sizeof(int),        [PK_BOOL] = sizeof(int),
	    [PK_WSCALE] = sizeof(int),     [PK_NAME] = sizeof dst->app,
	    [PK_MEM3] = sizeof dst->rmem,  [PK_CC] = sizeof(int),
	};
	for (int i = 0; i < NHOST_PARAMS; i++) {
		const struct hparam *hp = &host_params[i];
		if (!(ov->set & ((uint64_t)1 << i)))
			continue;
		if (hp->kind == PK_ISN) {
			dst->isn_random = ov->v.isn_random;
			dst->isn = ov->v.isn;
		} else if (hp->kind == PK_PORTS) {
			dst->port_lo = ov->v.port_lo;
			dst->port_hi = ov->v.port_hi;
		} else {
			memcpy((char *)dst + hp->off, (const char *)&ov->v + hp->off,
			       field_size[hp->kind]);
		}
	}
}

static int valid_name(const char *s, int len)
{
	if (len == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (int i = 1; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

int scn_d_host(struct parser *p)
{
	static const char *const reserved[] = {"both", "end", "error", "count"};
	struct scenario *s = p->s;
	const struct scn_tok *nt = scn_tok_at(p, 1), *at = scn_tok_at(p, 2);
	char b[48];
	if (!nt)
		return scn_missing(p, "host needs a name and an address: host client 10.0.0.1");
	if (nt->kind != TOK_WORD || !valid_name(nt->s, nt->len))
		return ERR(p, nt,
		           "a host name starts with a letter and holds only letters, digits "
		           "and '_', like client");
	if (nt->len >= SCN_NAME_MAX)
		return ERR(p, nt, "host name is too long (at most %d characters)",
		           SCN_NAME_MAX - 1);
	for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
		if (scn_word_is(nt->s, nt->len, reserved[i]))
			return ERR(p, nt, "'%s' is a keyword and cannot be a host name",
			           scn_q(b, nt));
	int h = scn_host_find(s, nt->s, nt->len);
	if (h >= 0)
		return ERR(p, nt, "host '%s' is already declared on line %d", scn_q(b, nt),
		           p->ov[h].line);
	if (s->nhosts == SCN_MAX_HOSTS)
		return ERR(p, &p->t[0],
		           "a scenario has exactly two hosts; '%s' and '%s' are "
		           "already declared",
		           s->hosts[0].name, s->hosts[1].name);
	h = s->nhosts++;
	memcpy(s->hosts[h].name, nt->s, (size_t)nt->len);
	s->hosts[h].name[nt->len] = '\0';
	p->ov[h].line = nt->line;
	if (!at)
		return scn_missing(p, "host needs an address after its name: host client 10.0.0.1");
	uint32_t addr;
	if (at->kind != TOK_WORD || ip_parse(at->s, at->len, &addr) != 0)
		return ERR(p, at, "'%s' is not an IPv4 address like 10.0.0.1",
		           at->kind == TOK_WORD ? scn_q(b, at) : "\"...\"");
	for (int i = 0; i < h; i++)
		if (s->hosts[i].addr == addr)
			return ERR(p, at, "host '%s' already has address %s", s->hosts[i].name,
			           scn_q(b, at));
	s->hosts[h].addr = addr;
	int bad = 0;
	for (int i = 3; i < p->nt; i++)
		bad |= host_param(p, &p->ov[h], &p->t[i]) < 0;
	return bad ? -1 : 0;
}

enum lkind { LK_TIME, LK_PERCENT, LK_RATE, LK_UINT32, LK_ONOFF };

struct lparam {
	const char *name;
	int kind;
	size_t off;
	uint64_t min, max; /* LK_UINT32 */
};

#define LP(name, kind, field, min, max)                                                            \
	{                                                                                          \
		name, kind, offsetof(struct link_params, field), min, max                          \
	}

static const struct lparam link_params_table[] = {
    LP("delay", LK_TIME, delay, 0, 0),
    LP("jitter", LK_TIME, jitter, 0, 0),
    LP("loss", LK_PERCENT, loss_ppm, 0, 0),
    LP("dup", LK_PERCENT, dup_ppm, 0, 0),
    LP("reorder", LK_PERCENT, reorder_ppm, 0, 0),
    LP("rate", LK_RATE, rate_bps, 0, 0),
    LP("mtu", LK_UINT32, mtu, 68, 65535),
    LP("queue", LK_UINT32, queue, 0, MAX_COUNT),
    /* Linux takes no path MTU below 552 (net.ipv4.route.min_pmtu) */
    LP("router_mtu", LK_UINT32, router_mtu, 552, 65535),
    LP("icmp", LK_ONOFF, icmp, 0, 1),
    LP("clamp", LK_ONOFF, clamp, 0, 1),
};

#define NLINK_PARAMS ((int)(sizeof link_params_table / sizeof *link_params_table))

/* "delay, jitter, ... or queue": the table's names, for a hint. */
static void link_param_list(char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = 0; i < NLINK_PARAMS; i++) {
		size_t n = strlen(buf);
		const char *sep = i == 0 ? "" : i == NLINK_PARAMS - 1 ? " or " : ", ";
		snprintf(buf + n, size - n, "%s%s", sep, link_params_table[i].name);
	}
}

static int link_param(struct parser *p, int dir, const struct scn_tok *t)
{
	struct scn_tok nm, v;
	char b[48], e[ERRSZ];
	if (split_param(p, t, &nm, &v) < 0)
		return -1;
	const struct lparam *lp = NULL;
	const char *names[NLINK_PARAMS];
	for (int i = 0; i < NLINK_PARAMS; i++) {
		names[i] = link_params_table[i].name;
		if (scn_word_is(nm.s, nm.len, names[i]))
			lp = &link_params_table[i];
	}
	if (!lp) {
		char list[160];
		const char *sug = scn_suggest(nm.s, nm.len, names, NLINK_PARAMS);
		if (sug)
			return ERR(p, &nm, "unknown link parameter '%s'; did you mean '%s'?",
			           scn_q(b, &nm), sug);
		link_param_list(list, sizeof list);
		return ERR(p, &nm, "unknown link parameter '%s'; use %s", scn_q(b, &nm), list);
	}
	simtime_t tv = 0;
	uint32_t u32 = 0;
	uint64_t u = 0;
	switch (lp->kind) {
	case LK_TIME:
		if (scn_lit_time(v.s, v.len, &tv, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		break;
	case LK_PERCENT:
		if (scn_lit_percent(v.s, v.len, &u32, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		break;
	case LK_RATE:
		if (scn_lit_rate(v.s, v.len, &u, e, sizeof e) < 0)
			return ERR(p, &v, "%s", e);
		if (u == 0)
			return ERR(p, &v,
			           "rate must be more than 0; leave it out for an unlimited link");
		break;
	case LK_UINT32:
		if (scn_parse_uint(p, &v, lp->min, lp->max, lp->name, &u) < 0)
			return -1;
		u32 = (uint32_t)u;
		break;
	case LK_ONOFF: {
		int on = 0;
		if (parse_onoff(p, &nm, &v, &on) < 0)
			return -1;
		u32 = (uint32_t)on;
		break;
	}
	}
	for (int d = DIR_AB; d <= DIR_BA; d++) {
		if (dir != DIR_BOTH && dir != d)
			continue;
		char *field = (char *)&p->s->link[d] + lp->off;
		switch (lp->kind) {
		case LK_TIME: memcpy(field, &tv, sizeof tv); break;
		case LK_RATE: memcpy(field, &u, sizeof u); break;
		default: memcpy(field, &u32, sizeof u32); break;
		}
	}
	return 0;
}

int scn_d_link(struct parser *p)
{
	int i = 1, dir = DIR_BOTH;
	const struct scn_tok *t = scn_tok_at(p, 1);
	if (t) {
		int r = scn_parse_dir(p, t, &dir);
		if (r < 0)
			return -1;
		if (r == 0)
			i = 2;
	}
	if (i >= p->nt)
		return scn_missing(p, "link needs at least one param=value, like: link delay=40ms");
	int bad = 0, first = i;
	for (; i < p->nt; i++)
		bad |= link_param(p, dir, &p->t[i]) < 0;
	/* clamping is the router hop's: a direction with clamp=on needs one */
	for (int k = first; k < p->nt && !bad; k++) {
		const struct scn_tok *ct = &p->t[k];
		if (ct->len < 6 || !scn_word_is(ct->s, 6, "clamp="))
			continue;
		for (int d = DIR_AB; d <= DIR_BA; d++)
			if ((dir == DIR_BOTH || dir == d) && p->s->link[d].clamp &&
			    !p->s->link[d].router_mtu)
				return ERR(
				    p, t,
				    "clamp needs a router hop to clamp for: add router_mtu=N, "
				    "like router_mtu=1400 clamp=on");
	}
	return bad ? -1 : 0;
}
