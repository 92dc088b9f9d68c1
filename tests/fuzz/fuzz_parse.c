/* fuzz_parse: the lexer and parser on arbitrary bytes.  scn_parse() either
 * accepts the text, and then every value lies in the ranges that
 * docs/scenario-format.md documents, or rejects it with 1..51 located
 * diagnostics and an empty scenario.  The diagnostics are printed to a
 * null stream so their formatting runs too.  Driven by libFuzzer
 * (scripts/fuzz parse) or by fuzz_replay.c (CTest). */
#include <string.h>

#include "fuzz.h"
#include "scenario.h"
#include "segment.h"
#include "simerr.h"
#include "tcpstate.h"

#define MAX_COUNT 1000000u
#define MAX_TIME ((simtime_t)1000000000 * SIMTIME_S) /* about 31 years */

static int count_lines(const uint8_t *data, size_t size)
{
	int n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n'));
	return n;
}

static void check_host(const struct scn_host *h)
{
	const struct tcp_params *p = &h->params;
	FUZZ_CHECK(h->name[0] && strlen(h->name) < SCN_NAME_MAX, "host name '%s'", h->name);
	FUZZ_CHECK(p->mss >= 64, "mss %u", p->mss);
	/* 0 on linux: not set, the buffer comes from rmem / wmem */
	FUZZ_CHECK(p->rcvbuf <= (1u << 30), "rcvbuf %u", p->rcvbuf);
	FUZZ_CHECK(p->sndbuf <= (1u << 30), "sndbuf %u", p->sndbuf);
	FUZZ_CHECK(p->profile == PROFILE_LINUX || (p->rcvbuf >= 1 && p->sndbuf >= 1),
	           "rfc9293 buffers %u %u", p->rcvbuf, p->sndbuf);
	for (int i = 0; i < 3; i++)
		FUZZ_CHECK(
		    p->rmem[i] >= 1 && p->rmem[i] <= (1u << 30) && p->wmem[i] >= 1 &&
		        p->wmem[i] <= (1u << 30) &&
		        (i == 0 || (p->rmem[i - 1] <= p->rmem[i] && p->wmem[i - 1] <= p->wmem[i])),
		    "rmem/wmem");
	FUZZ_CHECK(p->rto_min > 0 && p->rto_max > 0 && p->rto_initial > 0, "rto zero");
	FUZZ_CHECK(p->rto_min <= p->rto_initial && p->rto_initial <= p->rto_max,
	           "rto_min %lld rto_initial %lld rto_max %lld", (long long)p->rto_min,
	           (long long)p->rto_initial, (long long)p->rto_max);
	FUZZ_CHECK(p->rto_max <= MAX_TIME && p->msl >= 0 && p->msl <= MAX_TIME, "time range");
	FUZZ_CHECK(p->fin_timeout >= 0 && p->fin_timeout <= MAX_TIME, "fin_timeout");
	FUZZ_CHECK(p->delack_time >= 0 && p->delack_time <= MAX_TIME, "delack_time");
	FUZZ_CHECK(p->keepalive_idle > 0 && p->keepalive_intvl > 0, "keepalive times");
	/* -1: the rfc9293 profile's 3 minutes of SYNs (RFC 9293 3.8.3) */
	FUZZ_CHECK(p->syn_retries >= -1 && p->syn_retries <= 255, "syn_retries %d", p->syn_retries);
	FUZZ_CHECK(p->syn_linear >= 0 && p->syn_linear <= 255, "syn_linear_timeouts");
	FUZZ_CHECK(p->abort_on_overflow == 0 || p->abort_on_overflow == 1, "abort_on_overflow");
	FUZZ_CHECK(p->synack_retries >= 0 && p->synack_retries <= 255, "synack_retries");
	FUZZ_CHECK(p->data_retries >= 0 && p->data_retries <= 255, "data_retries");
	FUZZ_CHECK(p->backlog >= 0 && p->backlog <= 65535, "backlog %d", p->backlog);
	FUZZ_CHECK(p->syn_backlog >= 0 && p->syn_backlog <= 1000000, "syn_backlog");
	FUZZ_CHECK(p->keepalive_probes >= 1 && p->keepalive_probes <= 255, "keepalive_probes");
	FUZZ_CHECK(p->wscale >= WSCALE_AUTO && p->wscale <= 14, "wscale %d", p->wscale);
	FUZZ_CHECK(p->port_lo >= 1 && p->port_lo <= p->port_hi, "ports %u-%u", p->port_lo,
	           p->port_hi);
}

static void check_scenario(const struct scenario *s)
{
	FUZZ_CHECK(s->nhosts == 2, "%d hosts", s->nhosts);
	FUZZ_CHECK(s->profile == PROFILE_LINUX || s->profile == PROFILE_RFC9293, "profile");
	FUZZ_CHECK(s->end >= 0, "end %lld", (long long)s->end);
	for (int i = 0; i < s->nhosts; i++)
		check_host(&s->hosts[i]);
	FUZZ_CHECK(s->hosts[0].addr != s->hosts[1].addr, "one address for both hosts");
	FUZZ_CHECK(scn_host_find(s, s->hosts[1].name, (int)strlen(s->hosts[1].name)) == 1,
	           "host names '%s' and '%s'", s->hosts[0].name, s->hosts[1].name);
	for (int d = 0; d < 2; d++) {
		const struct link_params *l = &s->link[d];
		FUZZ_CHECK(l->delay >= 0 && l->jitter >= 0, "link times");
		FUZZ_CHECK(l->loss_ppm <= 1000000 && l->dup_ppm <= 1000000 &&
		               l->reorder_ppm <= 1000000,
		           "link percentages");
		FUZZ_CHECK(l->mtu >= 68 && l->mtu <= 65535, "mtu %u", l->mtu);
		FUZZ_CHECK(l->queue <= MAX_COUNT, "queue %u", l->queue);
	}
	for (int i = 0; i < s->nevents; i++) {
		const struct scn_event *e = &s->events[i];
		const struct scn_action *a = &e->act;
		FUZZ_CHECK(e->trigger == TRIG_AT || e->trigger == TRIG_ON, "trigger");
		FUZZ_CHECK(e->at >= 0 && e->delay >= 0, "line %d: time", e->line);
		if (e->trigger == TRIG_ON)
			FUZZ_CHECK(e->on_host >= 0 && e->on_host < 2 && e->on_state >= 0 &&
			               e->on_state < TCPS_COUNT,
			           "line %d: on", e->line);
		FUZZ_CHECK(a->kind >= 0 && a->kind < ACT_COUNT, "line %d: action", e->line);
		FUZZ_CHECK(a->host >= 0 && a->host < 2 && a->conn >= 0, "line %d: host", e->line);
		switch (a->kind) {
		case ACT_LISTEN:
			FUZZ_CHECK(a->port >= 1 && a->conn == 0, "line %d: listen", e->line);
			FUZZ_CHECK(a->backlog == -1 || (a->backlog >= 1 && a->backlog <= 65535),
			           "line %d: backlog %d", e->line, a->backlog);
			break;
		case ACT_CONNECT:
			FUZZ_CHECK(a->peer == 1 - a->host && a->port >= 1, "line %d: connect",
			           e->line);
			break;
		case ACT_SEND:
			FUZZ_CHECK(a->text ? a->text_len > 0 && a->text_len == a->nbytes
			                   : a->nbytes >= 1 && a->nbytes <= (1u << 30),
			           "line %d: send %u", e->line, a->nbytes);
			break;
		case ACT_FLOOD:
			FUZZ_CHECK(a->count >= 1 && a->count <= MAX_COUNT && a->every > 0 &&
			               a->addr_lo <= a->addr_hi && a->peer == 1 - a->host &&
			               a->port >= 1 && a->conn == 0,
			           "line %d: flood", e->line);
			break;
		case ACT_INJECT:
			FUZZ_CHECK(
			    a->iflags != 0 &&
			        !(a->iflags & ~(TH_SYN | TH_RST | TH_ACK | TH_FIN | TH_PSH)) &&
			        a->iflags != TH_FIN && a->idata <= 65535 &&
			        (a->ack_ref == INJ_ACK_NXT || a->ack_ref == INJ_ACK_UNA) &&
			        !(a->to_port && a->conn),
			    "line %d: inject", e->line);
			FUZZ_CHECK(a->offset >= -1000000000 && a->offset <= 1000000000,
			           "line %d: offset", e->line);
			break;
		case ACT_ACCEPT:
		case ACT_CRASH:
		case ACT_REBOOT:
			FUZZ_CHECK(a->conn == 0, "line %d: %d on HOST.N", e->line, a->kind);
		default: break;
		}
	}
	for (int i = 0; i < s->nfaults; i++) {
		const struct scn_fault *f = &s->faults[i];
		FUZZ_CHECK(f->dir >= DIR_AB && f->dir <= DIR_BOTH, "line %d: dir", f->line);
		FUZZ_CHECK(f->kind == FAULT_DROP_WINDOW || (f->nth >= 1 && f->nth <= MAX_COUNT),
		           "line %d: nth %u", f->line, f->nth);
		if (f->kind == FAULT_DROP_WINDOW)
			FUZZ_CHECK(f->from >= 0 && f->from < f->to && f->to <= MAX_TIME,
			           "line %d: window", f->line);
		if (f->kind == FAULT_DELAY_MATCH || f->kind == FAULT_DELAY_SEGNO)
			FUZZ_CHECK(f->by > 0 && f->by <= MAX_TIME, "line %d: by", f->line);
		FUZZ_CHECK(!f->seq_b || (f->match == MATCH_DATA && f->seq_a < f->seq_b),
		           "line %d: seq range", f->line);
	}
	for (int i = 0; i < s->nnotes; i++)
		FUZZ_CHECK(s->notes[i].text &&
		               (s->notes[i].on_host < 0 || s->notes[i].on_host < 2) &&
		               s->notes[i].at >= 0,
		           "note line %d", s->notes[i].line);
	for (int i = 0; i < s->nexpects; i++) {
		const struct scn_expect *x = &s->expects[i];
		FUZZ_CHECK(x->host >= 0 && x->host < 2 && x->at >= 0, "expect line %d", x->line);
		if (x->kind == EXPECT_STATE || x->kind == EXPECT_COUNT)
			FUZZ_CHECK(x->state >= 0 && x->state < TCPS_COUNT && x->when != WHEN_ANY,
			           "expect line %d: state", x->line);
		if (x->kind == EXPECT_ERROR)
			FUZZ_CHECK(x->err > SE_OK && x->err < SE_COUNT, "expect line %d: err",
			           x->line);
		if (x->kind == EXPECT_COUNT)
			FUZZ_CHECK(x->conn == 0 && x->count <= MAX_COUNT, "expect line %d: count",
			           x->line);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario scn;
	struct scn_diags d = {0};
	memset(&scn, 0xa5, sizeof scn); /* scn_parse must set every field */
	int n = scn_parse("fuzz.tcps", (const char *)data, size, &scn, &d);
	scn_diags_print(&d, "fuzz.tcps", fuzz_null());
	if (n == 0) {
		FUZZ_CHECK(d.n == 0, "accepted with %d diagnostics", d.n);
		check_scenario(&scn);
		scn_free(&scn);
	} else {
		int lines = count_lines(data, size);
		FUZZ_CHECK(n > 0 && d.n > 0 && d.n <= SCN_MAX_ERRORS + 1,
		           "%d errors, %d diagnostics", n, d.n);
		FUZZ_CHECK(scn.nevents == 0 && scn.events == NULL && scn.nhosts == 0,
		           "a rejected file left a scenario");
		for (int i = 0; i < d.n; i++) {
			const struct scn_diag *g = &d.v[i];
			FUZZ_CHECK(g->msg[0] != '\0', "empty diagnostic %d", i);
			FUZZ_CHECK(g->line >= 0 && g->line <= lines && g->col >= 0,
			           "diagnostic at %d:%d in a file of %d lines", g->line, g->col,
			           lines);
			if (i > 0 && d.v[i - 1].line > 0 && g->line > 0)
				FUZZ_CHECK(
				    d.v[i - 1].line < g->line ||
				        (d.v[i - 1].line == g->line && d.v[i - 1].col <= g->col) ||
				        i == d.n - 1,
				    "diagnostics out of file order at %d", i);
		}
		scn_free(&scn);
	}
	scn_diags_free(&d);
	return 0;
}
