/* test_scenario: the scenario parser (sim/scenario/: lexer and directives).
 * Good lines and the fields they fill, bad lines and their exact messages,
 * files that are not scenarios at all, and every example in
 * docs/scenario-format.md. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "profile.h"
#include "scenario.h"
#include "segment.h"
#include "scn_lex.h"
#include "simerr.h"
#include "tcpstate.h"

#define HOSTS "host client 10.0.0.1\nhost server 10.0.0.2\n"
#define MS SIMTIME_MS
#define SEC SIMTIME_S

static int parse(const char *text, struct scenario *s, struct scn_diags *d)
{
	return scn_parse("t.tcps", text, strlen(text), s, d);
}

/* "line:col: msg" of diagnostic i. */
static const char *diag_str(const struct scn_diags *d, int i, char *buf, size_t size)
{
	if (i >= d->n)
		return "(no diagnostic)";
	snprintf(buf, size, "%d:%d: %s", d->v[i].line, d->v[i].col, d->v[i].msg);
	return buf;
}

static int all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;
	for (size_t i = 0; i < n; i++)
		if (c[i])
			return 0;
	return 1;
}

/* ---- good lines ---- */

struct good_event {
	const char *text; /* after HOSTS: the line is line 3 */
	int trigger;
	simtime_t at;
	int on_host, on_state;
	simtime_t delay;
	int host, conn, kind, peer;
	unsigned port, from_port;
	int backlog;
	uint32_t nbytes;
	const char *sent;
	uint32_t count, addr_lo, addr_hi;
	simtime_t every;
};

static const struct good_event good_events[] = {
    {"at 0s server listen 9502", TRIG_AT, 0, -1, -1, 0, 1, 0, ACT_LISTEN, -1, 9502, 0, -1},
    {"at 1s server listen 80 backlog=4", TRIG_AT, SEC, -1, -1, 0, 1, 0, ACT_LISTEN, -1, 80, 0, 4},
    {"AT 100ms Client CONNECT SERVER:9502", TRIG_AT, 100 * MS, -1, -1, 0, 0, 0, ACT_CONNECT, 1,
     9502, 0, -1},
    {"at 2min client connect server:80 from 40000", TRIG_AT, 120 * SEC, -1, -1, 0, 0, 0,
     ACT_CONNECT, 1, 80, 40000, -1},
    {"at 1.5s client send 1000", TRIG_AT, 1500 * MS, -1, -1, 0, 0, 0, ACT_SEND, -1, 0, 0, -1, 1000},
    {"at 40us client send 64KiB", TRIG_AT, 40, -1, -1, 0, 0, 0, ACT_SEND, -1, 0, 0, -1, 65536},
    {"at 1s client send 2KB", TRIG_AT, SEC, -1, -1, 0, 0, 0, ACT_SEND, -1, 0, 0, -1, 2000},
    {"at 1s client send \"GET / HTTP/1.0\\n\"", TRIG_AT, SEC, -1, -1, 0, 0, 0, ACT_SEND, -1, 0, 0,
     -1, 15, "GET / HTTP/1.0\n"},
    {"at 1s client send \"say \\\"hi\\\" \\\\ # not a comment\"", TRIG_AT, SEC, -1, -1, 0, 0, 0,
     ACT_SEND, -1, 0, 0, -1, 26, "say \"hi\" \\ # not a comment"},
    {"at 2s client close", TRIG_AT, 2 * SEC, -1, -1, 0, 0, 0, ACT_CLOSE, -1, 0, 0, -1},
    {"at 2s server.2 shutdown", TRIG_AT, 2 * SEC, -1, -1, 0, 1, 2, ACT_SHUTDOWN, -1, 0, 0, -1},
    {"at 2s server.1 abort", TRIG_AT, 2 * SEC, -1, -1, 0, 1, 1, ACT_ABORT, -1, 0, 0, -1},
    {"at 3s server crash", TRIG_AT, 3 * SEC, -1, -1, 0, 1, 0, ACT_CRASH, -1, 0, 0, -1},
    {"at 3s server reboot", TRIG_AT, 3 * SEC, -1, -1, 0, 1, 0, ACT_REBOOT, -1, 0, 0, -1},
    {"at 3s server stop-reading", TRIG_AT, 3 * SEC, -1, -1, 0, 1, 0, ACT_STOP_READING, -1, 0, 0,
     -1},
    {"at 3s server stop_reading", TRIG_AT, 3 * SEC, -1, -1, 0, 1, 0, ACT_STOP_READING, -1, 0, 0,
     -1},
    {"at 4s server read", TRIG_AT, 4 * SEC, -1, -1, 0, 1, 0, ACT_READ, -1, 0, 0, -1},
    {"at 4s server read 100", TRIG_AT, 4 * SEC, -1, -1, 0, 1, 0, ACT_READ, -1, 0, 0, -1, 100},
    {"at 4s server.2 read 1KiB", TRIG_AT, 4 * SEC, -1, -1, 0, 1, 2, ACT_READ, -1, 0, 0, -1, 1024},
    {"at 1s client flood 200 from 198.51.100.1-198.51.100.254 to server:80", TRIG_AT, SEC, -1, -1,
     0, 0, 0, ACT_FLOOD, 1, 80, 0, -1, 0, NULL, 200, 0xC6336401, 0xC63364FE, MS},
    {"at 1s client flood 5 from 203.0.113.9 to server:22 every 20ms", TRIG_AT, SEC, -1, -1, 0, 0, 0,
     ACT_FLOOD, 1, 22, 0, -1, 0, NULL, 5, 0xCB007109, 0xCB007109, 20 * MS},
    {"on server CLOSE_WAIT server close", TRIG_ON, 0, 1, TCPS_CLOSE_WAIT, 0, 1, 0, ACT_CLOSE, -1, 0,
     0, -1},
    {"on server close-wait +500ms server close", TRIG_ON, 0, 1, TCPS_CLOSE_WAIT, 500 * MS, 1, 0,
     ACT_CLOSE, -1, 0, 0, -1},
    {"on client syn_recv client.1 send 10", TRIG_ON, 0, 0, TCPS_SYN_RCVD, 0, 0, 1, ACT_SEND, -1, 0,
     0, -1, 10},
    {"at 1s \\\n  client \\\n  close   # continued", TRIG_AT, SEC, -1, -1, 0, 0, 0, ACT_CLOSE, -1,
     0, 0, -1},
};

static void good_event_lines_fill_the_event(void)
{
	char buf[4096], d0[400];
	for (size_t i = 0; i < sizeof good_events / sizeof *good_events; i++) {
		const struct good_event *g = &good_events[i];
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", g->text);
		int n = parse(buf, &s, &d);
		if (n) {
			fprintf(stderr, "good line '%s' failed: %s\n", g->text,
			        diag_str(&d, 0, d0, sizeof d0));
			CHECK_INT(n, 0);
			scn_diags_free(&d);
			continue;
		}
		CHECK_INT(s.nevents, 1);
		const struct scn_event *e = &s.events[0];
		const struct scn_action *a = &e->act;
		CHECK_INT(e->line, 3);
		CHECK_INT(e->trigger, g->trigger);
		CHECK_INT(e->at, g->at);
		CHECK_INT(e->on_host, g->on_host);
		CHECK_INT(e->on_state, g->on_state);
		CHECK_INT(e->delay, g->delay);
		CHECK_INT(a->host, g->host);
		CHECK_INT(a->conn, g->conn);
		CHECK_INT(a->kind, g->kind);
		CHECK_INT(a->peer, g->peer);
		CHECK_INT(a->port, g->port);
		CHECK_INT(a->from_port, g->from_port);
		CHECK_INT(a->backlog, g->backlog);
		CHECK_INT(a->nbytes, g->nbytes);
		if (g->sent) {
			CHECK(a->text != NULL);
			CHECK_INT(a->text_len, strlen(g->sent));
			if (a->text)
				CHECK_STR(a->text, g->sent);
		} else {
			CHECK(a->text == NULL);
		}
		CHECK_INT(a->count, g->count);
		CHECK_INT(a->addr_lo, g->addr_lo);
		CHECK_INT(a->addr_hi, g->addr_hi);
		CHECK_INT(a->every, g->every);
		scn_free(&s);
		scn_diags_free(&d);
	}
}

/* The one event syntax of `on` and `note on` lines. */
static void on_and_note_lines_take_every_event(void)
{
	static const struct {
		const char *text;
		int note, kind, arg, state;
		uint32_t seq_a, seq_b;
	} cases[] = {
	    {"on client TIME_WAIT client close", 0, ON_STATE, TCPS_TIME_WAIT, TCPS_TIME_WAIT},
	    {"on client error ECONNREFUSED +1s client connect server:80", 0, ON_ERROR,
	     SE_ECONNREFUSED, -1},
	    {"on client retransmit client abort", 0, ON_RETRANSMIT, 0, -1},
	    {"on server sends FIN server close", 0, ON_SENDS, MATCH_FIN, -1},
	    {"on server receives syn+ack +10ms server send 1", 0, ON_RECEIVES, MATCH_SYNACK, -1},
	    {"note on client ESTABLISHED \"x\"", 1, ON_STATE, TCPS_ESTABLISHED, TCPS_ESTABLISHED},
	    {"note on client error etimedout \"x\"", 1, ON_ERROR, SE_ETIMEDOUT, -1},
	    {"note on client retransmit \"x\"", 1, ON_RETRANSMIT, 0, -1},
	    {"note on server receives data \"x\"", 1, ON_RECEIVES, MATCH_DATA, -1},
	    {"note on server loses ACK \"x\"", 1, ON_LOSES, MATCH_ACK, -1},
	    {"on client loses SYN client abort", 0, ON_LOSES, MATCH_SYN, -1},
	    {"note on client sends data seq 251:301 \"x\"", 1, ON_SENDS, MATCH_DATA, -1, 251, 301},
	    {"on server receives data seq 1:101 +1ms server close", 0, ON_RECEIVES, MATCH_DATA, -1,
	     1, 101},
	    {"note on server drops data seq 7:8 \"x\"", 1, ON_DROPS, MATCH_DATA, -1, 7, 8},
	};
	char buf[512], d0[400];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", cases[i].text);
		int n = parse(buf, &s, &d);
		if (n) {
			fprintf(stderr, "'%s': %s\n", cases[i].text,
			        diag_str(&d, 0, d0, sizeof d0));
			CHECK_INT(n, 0);
			scn_diags_free(&d);
			continue;
		}
		int kind = cases[i].note ? s.notes[0].on_kind : s.events[0].on_kind;
		int arg = cases[i].note ? s.notes[0].on_arg : s.events[0].on_arg;
		int state = cases[i].note ? s.notes[0].on_state : s.events[0].on_state;
		CHECK_INT(kind, cases[i].kind);
		CHECK_INT(state, cases[i].state);
		if (kind != ON_RETRANSMIT)
			CHECK_INT(arg, cases[i].arg);
		/* a pattern's byte range: `data seq A:B` */
		const uint32_t *seq = cases[i].note ? s.notes[0].on_seq : s.events[0].on_seq;
		CHECK_INT(seq[0], cases[i].seq_a);
		CHECK_INT(seq[1], cases[i].seq_b);
		scn_free(&s);
		scn_diags_free(&d);
	}
}

/* The actions of issue 9: accept=off and accept, and inject's flags, ack
 * offsets, payload and ports. */
struct good_ext {
	const char *text;
	int kind, conn, accept_off, backlog;
	uint8_t iflags;
	int32_t offset;
	int ack_ref;
	int32_t ack_offset;
	uint32_t idata;
	unsigned to_port, from_port;
};

static const struct good_ext good_exts[] = {
    {"at 0s server listen 9502 accept=off", ACT_LISTEN, 0, 1, -1},
    {"at 0s server listen 9502 accept=OFF backlog=1", ACT_LISTEN, 0, 1, 1},
    {"at 0s server listen 9502 backlog=3 accept=on", ACT_LISTEN, 0, 0, 3},
    {"at 2s server accept", ACT_ACCEPT, 0, 0, -1},
    {"at 1s client inject RST", ACT_INJECT, 0, 0, -1, TH_RST},
    {"at 1s client inject FIN offset -1", ACT_INJECT, 0, 0, -1, TH_FIN | TH_ACK, -1},
    {"at 1s client inject FIN offset -1 ack una", ACT_INJECT, 0, 0, -1, TH_FIN | TH_ACK, -1,
     INJ_ACK_UNA},
    {"at 1s server.2 inject RST,ACK ack una-1", ACT_INJECT, 2, 0, -1, TH_RST | TH_ACK, 0,
     INJ_ACK_UNA, -1},
    {"at 1s server.3 inject syn+ack offset +5 ack nxt+100", ACT_INJECT, 3, 0, -1, TH_SYN | TH_ACK,
     5, INJ_ACK_NXT, 100},
    {"at 1s client inject SYN,FIN", ACT_INJECT, 0, 0, -1, TH_SYN | TH_FIN},
    {"at 1s client inject ACK,PSH data 100 offset 1000", ACT_INJECT, 0, 0, -1, TH_ACK | TH_PSH,
     1000, INJ_ACK_NXT, 0, 100},
    {"at 1s server inject SYN to 9502 from 40001", ACT_INJECT, 0, 0, -1, TH_SYN, 0, INJ_ACK_NXT, 0,
     0, 9502, 40001},
    {"at 1s server inject RST,ACK to 9999 offset 7 ack nxt+9", ACT_INJECT, 0, 0, -1,
     TH_RST | TH_ACK, 7, INJ_ACK_NXT, 9, 0, 9999},
    {"at 1s server.1 inject ACK from 41000", ACT_INJECT, 1, 0, -1, TH_ACK, 0, INJ_ACK_NXT, 0, 0, 0,
     41000},
};

static void good_extension_lines_fill_the_action(void)
{
	char buf[512], d0[400];
	for (size_t i = 0; i < sizeof good_exts / sizeof *good_exts; i++) {
		const struct good_ext *g = &good_exts[i];
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", g->text);
		int n = parse(buf, &s, &d);
		if (n) {
			fprintf(stderr, "good line '%s' failed: %s\n", g->text,
			        diag_str(&d, 0, d0, sizeof d0));
			CHECK_INT(n, 0);
			scn_diags_free(&d);
			continue;
		}
		const struct scn_action *a = &s.events[0].act;
		CHECK_INT(a->kind, g->kind);
		CHECK_INT(a->conn, g->conn);
		CHECK_INT(a->accept_off, g->accept_off);
		CHECK_INT(a->backlog, g->backlog);
		CHECK_INT(a->iflags, g->iflags);
		CHECK_INT(a->offset, g->offset);
		CHECK_INT(a->ack_ref, g->ack_ref);
		CHECK_INT(a->ack_offset, g->ack_offset);
		CHECK_INT(a->idata, g->idata);
		CHECK_INT(a->to_port, g->to_port);
		CHECK_INT(a->from_port, g->from_port);
		scn_free(&s);
		scn_diags_free(&d);
	}
}

struct good_fault {
	const char *text;
	int kind, dir, match;
	uint32_t nth;
	simtime_t from, to, by;
	uint32_t seq_a, seq_b;
};

static const struct good_fault good_faults[] = {
    {"drop client->server FIN", FAULT_DROP_MATCH, DIR_AB, MATCH_FIN, 1},
    {"drop server->client 2nd SYN+ACK", FAULT_DROP_MATCH, DIR_BA, MATCH_SYNACK, 2},
    {"drop server->client 3RD syn,ack", FAULT_DROP_MATCH, DIR_BA, MATCH_SYNACK, 3},
    {"drop client->server 1st SYN", FAULT_DROP_MATCH, DIR_AB, MATCH_SYN, 1},
    {"drop both 4th ACK", FAULT_DROP_MATCH, DIR_BOTH, MATCH_ACK, 4},
    {"drop client->server RST", FAULT_DROP_MATCH, DIR_AB, MATCH_RST, 1},
    {"drop client->server 11th data", FAULT_DROP_MATCH, DIR_AB, MATCH_DATA, 11},
    {"drop client->server segment 5", FAULT_DROP_SEGNO, DIR_AB, MATCH_ANY, 5},
    {"drop both from 3s to 8s", FAULT_DROP_WINDOW, DIR_BOTH, MATCH_ANY, 0, 3 * SEC, 8 * SEC},
    {"drop Server->Client from 1s to 1.5s", FAULT_DROP_WINDOW, DIR_BA, MATCH_ANY, 0, SEC,
     1500 * MS},
    {"delay client->server 1st data by 90s", FAULT_DELAY_MATCH, DIR_AB, MATCH_DATA, 1, 0, 0,
     90 * SEC},
    {"delay server->client FIN by 2s", FAULT_DELAY_MATCH, DIR_BA, MATCH_FIN, 1, 0, 0, 2 * SEC},
    {"delay both segment 3 by 100ms", FAULT_DELAY_SEGNO, DIR_BOTH, MATCH_ANY, 3, 0, 0, 100 * MS},
    {"drop client->server 1st data seq 72401:73849", FAULT_DROP_MATCH, DIR_AB, MATCH_DATA, 1, 0, 0,
     0, 72401, 73849},
    {"drop server->client data seq 1:1449", FAULT_DROP_MATCH, DIR_BA, MATCH_DATA, 1, 0, 0, 0, 1,
     1449},
    {"delay client->server 2nd data seq 0:4294967295 by 1s", FAULT_DELAY_MATCH, DIR_AB, MATCH_DATA,
     2, 0, 0, SEC, 0, 4294967295u},
};

static void good_fault_lines_fill_the_fault(void)
{
	char buf[512], d0[400];
	for (size_t i = 0; i < sizeof good_faults / sizeof *good_faults; i++) {
		const struct good_fault *g = &good_faults[i];
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", g->text);
		int n = parse(buf, &s, &d);
		if (n) {
			fprintf(stderr, "good line '%s' failed: %s\n", g->text,
			        diag_str(&d, 0, d0, sizeof d0));
			CHECK_INT(n, 0);
			scn_diags_free(&d);
			continue;
		}
		CHECK_INT(s.nfaults, 1);
		const struct scn_fault *f = &s.faults[0];
		CHECK_INT(f->line, 3);
		CHECK_INT(f->kind, g->kind);
		CHECK_INT(f->dir, g->dir);
		CHECK_INT(f->match, g->match);
		CHECK_INT(f->nth, g->nth);
		CHECK_INT(f->from, g->from);
		CHECK_INT(f->to, g->to);
		CHECK_INT(f->by, g->by);
		CHECK_INT(f->seq_a, g->seq_a);
		CHECK_INT(f->seq_b, g->seq_b);
		scn_free(&s);
		scn_diags_free(&d);
	}
}

struct good_expect {
	const char *text;
	int kind, when;
	simtime_t at;
	int host, conn, state, err;
	uint32_t count;
};

static const struct good_expect good_expects[] = {
    {"expect 1.2s client FIN_WAIT_2", EXPECT_STATE, WHEN_AT, 1200 * MS, 0, 0, TCPS_FIN_WAIT_2,
     SE_OK},
    {"expect end  client CLOSED", EXPECT_STATE, WHEN_END, 0, 0, 0, TCPS_CLOSED, SE_OK},
    {"expect      client error ETIMEDOUT", EXPECT_ERROR, WHEN_ANY, 0, 0, 0, -1, SE_ETIMEDOUT},
    {"expect 30s client error econnrefused", EXPECT_ERROR, WHEN_AT, 30 * SEC, 0, 0, -1,
     SE_ECONNREFUSED},
    {"expect 5s   server count SYN_RCVD 4", EXPECT_COUNT, WHEN_AT, 5 * SEC, 1, 0, TCPS_SYN_RCVD,
     SE_OK, 4},
    {"expect end server count time-wait 0", EXPECT_COUNT, WHEN_END, 0, 1, 0, TCPS_TIME_WAIT, SE_OK,
     0},
    {"expect 3s   server.2 TIME_WAIT", EXPECT_STATE, WHEN_AT, 3 * SEC, 1, 2, TCPS_TIME_WAIT, SE_OK},
    {"expect 1s client SYN-RECEIVED", EXPECT_STATE, WHEN_AT, SEC, 0, 0, TCPS_SYN_RCVD, SE_OK},
};

static void good_expect_lines_fill_the_expectation(void)
{
	char buf[512], d0[400];
	for (size_t i = 0; i < sizeof good_expects / sizeof *good_expects; i++) {
		const struct good_expect *g = &good_expects[i];
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", g->text);
		int n = parse(buf, &s, &d);
		if (n) {
			fprintf(stderr, "good line '%s' failed: %s\n", g->text,
			        diag_str(&d, 0, d0, sizeof d0));
			CHECK_INT(n, 0);
			scn_diags_free(&d);
			continue;
		}
		CHECK_INT(s.nexpects, 1);
		const struct scn_expect *x = &s.expects[0];
		CHECK_INT(x->line, 3);
		CHECK_INT(x->kind, g->kind);
		CHECK_INT(x->when, g->when);
		CHECK_INT(x->at, g->at);
		CHECK_INT(x->host, g->host);
		CHECK_INT(x->conn, g->conn);
		CHECK_INT(x->state, g->state);
		CHECK_INT(x->err, g->err);
		CHECK_INT(x->count, g->count);
		scn_free(&s);
		scn_diags_free(&d);
	}
}

static void notes_at_a_time_and_on_a_state(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	CHECK_INT(parse(HOSTS "note 1s   \"The client calls close().\"\n"
	                      "note on client TIME_WAIT \"2MSL starts now.\\nWhy wait?\"\n"
	                      "note +250ms \"later\"\n",
	                &s, &d),
	          0);
	CHECK_INT(s.nnotes, 3);
	if (s.nnotes == 3) {
		CHECK_INT(s.notes[0].line, 3);
		CHECK_INT(s.notes[0].on_host, -1);
		CHECK_INT(s.notes[0].at, SEC);
		CHECK_STR(s.notes[0].text, "The client calls close().");
		CHECK_INT(s.notes[1].on_host, 0);
		CHECK_INT(s.notes[1].on_state, TCPS_TIME_WAIT);
		CHECK_STR(s.notes[1].text, "2MSL starts now.\nWhy wait?");
		CHECK_INT(s.notes[2].at, 1250 * MS);
	}
	scn_free(&s);
	scn_diags_free(&d);
}

static void asks_with_written_and_derived_answers(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	CHECK_INT(parse(HOSTS
	                "ask 1s \"Who?\" choices client \"the server\" none answer \"the server\" "
	                "why \"It closes first.\"\n"
	                "ask on server.2 receives FIN \"Next?\" choices LAST_ACK CLOSE_WAIT "
	                "answer next-state server.2\n"
	                "ask +1s \"Resends?\" choices client server answer first-retransmit\n",
	                &s, &d),
	          0);
	CHECK_INT(s.nasks, 3);
	if (s.nasks == 3) {
		CHECK_INT(s.asks[0].when.line, 3);
		CHECK_INT(s.asks[0].when.col, 1);
		CHECK_INT(s.asks[0].when.on_host, -1);
		CHECK_INT(s.asks[0].when.at, SEC);
		CHECK_STR(s.asks[0].when.text, "Who?");
		CHECK_INT(s.asks[0].nchoices, 3);
		CHECK_STR(s.asks[0].choice[1], "the server");
		CHECK_INT(s.asks[0].answer, ANSWER_WRITTEN);
		CHECK_INT(s.asks[0].written, 1);
		CHECK_STR(s.asks[0].why, "It closes first.");
		CHECK_INT(s.asks[1].when.on_host, 1);
		CHECK_INT(s.asks[1].when.on_conn, 2);
		CHECK_INT(s.asks[1].when.on_kind, ON_RECEIVES);
		CHECK_INT(s.asks[1].when.on_arg, MATCH_FIN);
		CHECK_INT(s.asks[1].answer, ANSWER_NEXT_STATE);
		CHECK_INT(s.asks[1].ans_host, 1);
		CHECK_INT(s.asks[1].ans_conn, 2);
		CHECK_INT(s.asks[1].ans_line, 4);
		CHECK_INT(s.asks[1].ans_col, 73);
		CHECK(s.asks[1].why == NULL);
		CHECK_INT(s.asks[2].when.at, 2 * SEC); /* '+' after the first ask */
		CHECK_INT(s.asks[2].answer, ANSWER_FIRST_RETRANSMIT);
	}
	scn_free(&s);
	scn_diags_free(&d);
}

static void plus_times_follow_the_previous_timed_line(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	CHECK_INT(parse(HOSTS "at +1s server listen 80\n" /* 1s: from 0 */
	                      "at 100ms client connect server:80\n"
	                      "at +200ms client send 1000\n" /* 300ms */
	                      "on server CLOSE_WAIT +5s server close\n"
	                      "at +200ms client send 1\n"          /* 500ms: `on` does not count */
	                      "note +1s \"n\"\n"                   /* 1.5s */
	                      "expect +500ms client ESTABLISHED\n" /* 2s */
	                      "at +1us client close\n",
	                &s, &d),
	          0);
	CHECK_INT(s.nevents, 6);
	if (s.nevents == 6) {
		CHECK_INT(s.events[0].at, SEC);
		CHECK_INT(s.events[1].at, 100 * MS);
		CHECK_INT(s.events[2].at, 300 * MS);
		CHECK_INT(s.events[3].delay, 5 * SEC);
		CHECK_INT(s.events[4].at, 500 * MS);
		CHECK_INT(s.events[5].at, 2 * SEC + 1);
	}
	CHECK_INT(s.nnotes, 1);
	CHECK_INT(s.nexpects, 1);
	if (s.nnotes == 1 && s.nexpects == 1) {
		CHECK_INT(s.notes[0].at, 1500 * MS);
		CHECK_INT(s.expects[0].at, 2 * SEC);
	}
	scn_free(&s);
	scn_diags_free(&d);
}

static void header_lines_set_the_scenario(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	CHECK_INT(parse("title   \"Why TIME_WAIT lasts 2MSL\"\n"
	                "about   \"The client closes first.\"   # may repeat\n"
	                "ABOUT   \"Its last ACK is lost.\"\n"
	                "seed    18446744073709551615\n"
	                "profile RFC9293\n"
	                "end     90s\n" HOSTS,
	                &s, &d),
	          0);
	CHECK_STR(s.path, "t.tcps");
	CHECK_STR(s.title, "Why TIME_WAIT lasts 2MSL");
	CHECK_STR(s.about, "The client closes first.\nIts last ACK is lost.");
	CHECK(s.seed == UINT64_MAX);
	CHECK_INT(s.profile, PROFILE_RFC9293);
	CHECK_INT(s.end, 90 * SEC);
	CHECK_INT(s.nhosts, 2);
	CHECK_STR(s.hosts[0].name, "client");
	CHECK_INT(s.hosts[0].addr, 0x0A000001);
	CHECK_INT(s.hosts[1].addr, 0x0A000002);
	CHECK_INT(scn_host_find(&s, "SERVER", -1), 1);
	CHECK_INT(scn_host_find(&s, "clientx", 6), 0);
	CHECK_INT(scn_host_find(&s, "nobody", -1), -1);
	scn_free(&s);
	scn_diags_free(&d);

	/* Defaults when the header says nothing. */
	CHECK_INT(parse(HOSTS, &s, &d), 0);
	CHECK(s.title == NULL);
	CHECK(s.about == NULL);
	CHECK_INT(s.seed, 1);
	CHECK_INT(s.profile, PROFILE_LINUX);
	CHECK_INT(s.end, 0);
	struct link_params l;
	link_defaults(&l);
	CHECK(memcmp(&s.link[DIR_AB], &l, sizeof l) == 0);
	CHECK(memcmp(&s.link[DIR_BA], &l, sizeof l) == 0);
	scn_free(&s);
	scn_diags_free(&d);
}

static void host_params_override_the_profile_whatever_the_order(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	/* `profile` after the hosts still decides their defaults. */
	int n = parse("host client 10.0.0.1 isn=4294967000 mss=536 rcvbuf=64KiB sndbuf=1MiB "
	              "rto_initial=3s rto_min=300ms rto_max=90s\n"
	              "host server 10.0.0.2 msl=5s backlog=4 syncookies=off syn_backlog=16 "
	              "reuseaddr=on rfc1337=OFF ports=40000-40010 delack=off delack_time=100ms "
	              "keepalive=on keepalive_idle=10s keepalive_intvl=2s keepalive_probes=3 "
	              "wscale=off sack=off timestamps=off syn_retries=2 synack_retries=1 "
	              "data_retries=4 fin_timeout=20s isn=random syn_linear_timeouts=0 "
	              "abort_on_overflow=on cc=CUBIC\n"
	              "profile rfc9293\n",
	              &s, &d);
	CHECK_INT(n, 0);
	if (n) {
		scn_diags_free(&d);
		return;
	}
	struct tcp_params def;
	profile_defaults(PROFILE_RFC9293, &def);
	const struct tcp_params *c = &s.hosts[0].params, *v = &s.hosts[1].params;
	CHECK_INT(c->profile, PROFILE_RFC9293);
	CHECK_INT(c->isn_random, 0);
	CHECK_INT(c->isn, 4294967000u);
	CHECK_INT(c->mss, 536);
	CHECK_INT(c->rcvbuf, 65536);
	CHECK_INT(c->sndbuf, 1 << 20);
	CHECK_INT(c->rto_initial, 3 * SEC);
	CHECK_INT(c->rto_min, 300 * MS);
	CHECK_INT(c->rto_max, 90 * SEC);
	CHECK_INT(c->msl, def.msl); /* untouched: the rfc9293 profile's 2 min */
	CHECK_INT(c->msl, 120 * SEC);
	CHECK_INT(c->syncookies, def.syncookies);
	CHECK_INT(v->msl, 5 * SEC);
	CHECK_INT(v->backlog, 4);
	CHECK_INT(v->syncookies, 0);
	CHECK_INT(v->syn_backlog, 16);
	CHECK_INT(v->reuseaddr, 1);
	CHECK_INT(v->rfc1337, 0);
	CHECK_INT(v->port_lo, 40000);
	CHECK_INT(v->port_hi, 40010);
	CHECK_INT(v->delack, 0);
	CHECK_INT(v->delack_time, 100 * MS);
	CHECK_INT(v->keepalive, 1);
	CHECK_INT(v->keepalive_idle, 10 * SEC);
	CHECK_INT(v->keepalive_intvl, 2 * SEC);
	CHECK_INT(v->keepalive_probes, 3);
	CHECK_INT(v->wscale, -1);
	CHECK_INT(v->sack, 0);
	CHECK_INT(v->timestamps, 0);
	CHECK_INT(v->syn_retries, 2);
	CHECK_INT(v->synack_retries, 1);
	CHECK_INT(v->data_retries, 4);
	CHECK_INT(v->fin_timeout, 20 * SEC);
	CHECK_INT(v->syn_linear, 0);
	CHECK_INT(v->abort_on_overflow, 1);
	CHECK_INT(v->cc, CC_CUBIC);
	CHECK_INT(c->cc, CC_RENO);     /* rfc9293's default */
	CHECK_INT(c->syn_retries, -1); /* rfc9293: 3 minutes of SYNs unless set */
	CHECK_INT(v->isn_random, 1);
	CHECK_INT(v->mss, def.mss);
	CHECK_INT(v->rto_min, def.rto_min);
	scn_free(&s);
	scn_diags_free(&d);

	/* Linux by default; wscale=N. */
	CHECK_INT(parse("host a 10.0.0.1 wscale=14\nhost b 10.0.0.2\n", &s, &d), 0);
	profile_defaults(PROFILE_LINUX, &def);
	CHECK_INT(s.hosts[0].params.wscale, 14);
	CHECK_INT(s.hosts[0].params.profile, PROFILE_LINUX);
	CHECK_INT(s.hosts[0].params.cc, CC_CUBIC); /* linux's default */
	CHECK(memcmp(&s.hosts[1].params, &def, sizeof def) == 0);
	scn_free(&s);
	scn_diags_free(&d);

	/* mtu_probing=0..2 (Linux's tcp_mtu_probing), 0 by default */
	CHECK_INT(parse("host a 10.0.0.1 mtu_probing=1\nhost b 10.0.0.2\n", &s, &d), 0);
	CHECK_INT(s.hosts[0].params.mtu_probing, 1);
	CHECK_INT(s.hosts[1].params.mtu_probing, 0);
	scn_free(&s);
	scn_diags_free(&d);
	char e[200];
	CHECK(parse("host a 10.0.0.1 mtu_probing=3\nhost b 10.0.0.2\n", &s, &d) != 0);
	CHECK_STR(diag_str(&d, 0, e, sizeof e), "1:29: mtu_probing must be between 0 and 2");
	scn_free(&s);
	scn_diags_free(&d);
}

static void link_lines_set_one_or_both_directions(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	int n = parse(HOSTS "link delay=40ms\n"
	                    "link client->server loss=10% jitter=5ms dup=0.5% reorder=0.0001%\n"
	                    "link server->client rate=1mbit mtu=576 queue=20\n"
	                    "link both rate=1.5gbit\n"
	                    "link server->client rate=500kbit delay=1.5ms\n",
	              &s, &d);
	CHECK_INT(n, 0);
	const struct link_params *ab = &s.link[DIR_AB], *ba = &s.link[DIR_BA];
	CHECK_INT(ab->delay, 40 * MS);
	CHECK_INT(ab->loss_ppm, 100000);
	CHECK_INT(ab->jitter, 5 * MS);
	CHECK_INT(ab->dup_ppm, 5000);
	CHECK_INT(ab->reorder_ppm, 1);
	CHECK_INT(ab->rate_bps, 1500000000);
	CHECK_INT(ab->mtu, 1500);
	CHECK_INT(ba->delay, 1500);
	CHECK_INT(ba->loss_ppm, 0);
	CHECK_INT(ba->jitter, 0);
	CHECK_INT(ba->rate_bps, 500000);
	CHECK_INT(ba->mtu, 576);
	CHECK_INT(ba->queue, 20);
	scn_free(&s);
	scn_diags_free(&d);

	/* A direction names hosts, not positions: server declared first. */
	CHECK_INT(parse("host server 10.0.0.2\nhost client 10.0.0.1\n"
	                "link client->server loss=100%\ndrop client->server SYN\n",
	                &s, &d),
	          0);
	CHECK_INT(s.link[DIR_BA].loss_ppm, 1000000);
	CHECK_INT(s.link[DIR_AB].loss_ppm, 0);
	CHECK_INT(s.nfaults ? s.faults[0].dir : -1, DIR_BA);
	scn_free(&s);
	scn_diags_free(&d);
}

static void literals_parse_exactly(void)
{
	char e[200];
	simtime_t t = -1;
	uint64_t u = 0;
	uint32_t ppm = 0;
	CHECK_INT(scn_lit_time("1.5s", 4, &t, e, sizeof e), 0);
	CHECK_INT(t, 1500000);
	CHECK_INT(scn_lit_time("2min", 4, &t, e, sizeof e), 0);
	CHECK_INT(t, 120000000);
	CHECK_INT(scn_lit_time("0.000001s", 9, &t, e, sizeof e), 0);
	CHECK_INT(t, 1);
	CHECK_INT(scn_lit_time("1.250000000000000000000s", 24, &t, e, sizeof e), 0);
	CHECK_INT(t, 1250000);
	CHECK_INT(scn_lit_time("250MS", 5, &t, e, sizeof e), 0);
	CHECK_INT(t, 250000);
	CHECK_INT(scn_lit_time("0.5us", 5, &t, e, sizeof e), -1);
	CHECK_STR(e, "time is finer than a microsecond");
	CHECK_INT(scn_lit_time("99999999999999999999s", 21, &t, e, sizeof e), -1);
	CHECK_STR(e, "number is too large");
	CHECK_INT(scn_lit_time("9999999999999999s", 17, &t, e, sizeof e), -1);
	CHECK_STR(e, "time is too large");
	CHECK_INT(scn_lit_size("1MiB", 4, &u, e, sizeof e), 0);
	CHECK_INT(u, 1048576);
	CHECK_INT(scn_lit_size("1.5KiB", 6, &u, e, sizeof e), 0);
	CHECK_INT(u, 1536);
	CHECK_INT(scn_lit_size("5GiB", 4, &u, e, sizeof e), -1);
	CHECK_STR(e, "size is too large");
	CHECK_INT(scn_lit_rate("10mbit", 6, &u, e, sizeof e), 0);
	CHECK_INT(u, 10000000);
	CHECK_INT(scn_lit_percent("0.5%", 4, &ppm, e, sizeof e), 0);
	CHECK_INT(ppm, 5000);
	CHECK_INT(scn_lit_percent("100%", 4, &ppm, e, sizeof e), 0);
	CHECK_INT(ppm, 1000000);
	CHECK_INT(scn_lit_percent("100.1%", 6, &ppm, e, sizeof e), -1);
	CHECK_STR(e, "a percentage is at most 100%");
}

/* ---- bad lines: the exact message, line and column ---- */

struct bad {
	const char *text; /* after HOSTS, so its first line is line 3 */
	const char *want; /* "line:col: message" */
};

static const struct bad bad_lines[] = {
    /* directives */
    {"hots a 10.0.0.3", "3:1: unknown directive 'hots'; did you mean 'host'?"},
    {"wibble", "3:1: unknown directive 'wibble'; a line starts with title, about, seed, "
               "profile, host, link, at, on, drop, delay, note, expect, ask or end"},
    {"\"at\" 1s client close", "3:1: a line starts with a directive (title, host, at, ...), "
                               "not a string"},
    {"title Hello", "3:7: title needs a quoted string: title \"...\""},
    {"title \"a\"\ntitle \"b\"", "4:1: the title is already set on line 3"},
    {"title \"a\" \"b\"", "3:11: unexpected string; title takes one quoted string"},
    {"about", "3:6: about needs a quoted string: about \"...\""},
    {"seed", "3:5: seed needs a number: seed 7"},
    {"seed x7", "3:6: the seed must be a whole number, got 'x7'"},
    {"seed 18446744073709551616", "3:6: the seed must be between 0 and 18446744073709551615"},
    {"profile linx", "3:9: unknown profile 'linx'; did you mean 'linux'?"},
    {"profile bsd", "3:9: unknown profile 'bsd'; use linux or rfc9293"},
    {"profile linux\nprofile rfc9293", "4:1: the profile is already set on line 3"},
    {"end 0s", "3:5: end must be after 0s"},
    {"end 30", "3:5: time needs a unit: 30ms?"},
    /* strings */
    {"title \"abc", "3:7: unterminated string: add a closing '\"' on this line"},
    {"title \"a\\qb\"", "3:9: unknown escape '\\q' in a string; use \\\", \\\\ or \\n"},
    /* hosts */
    {"host", "3:5: host needs a name and an address: host client 10.0.0.1"},
    {"host 1x 10.0.0.3", "3:6: a host name starts with a letter and holds only letters, digits "
                         "and '_', like client"},
    {"host client 10.0.0.9", "3:6: host 'client' is already declared on line 1"},
    {"host third 10.0.0.3", "3:1: a scenario has exactly two hosts; 'client' and 'server' are "
                            "already declared"},
    /* host params (the hosts are redeclared: these tests start from scratch) */
    /* time, size, rate and percentage literals */
    {"at 250 client close", "3:4: time needs a unit: 250ms?"},
    {"at 2 client close", "3:4: time needs a unit: 2s?"},
    {"at 1.5 client close", "3:4: time needs a unit: 1.5s?"},
    {"at 5sec client close", "3:4: unknown time unit 'sec'; use us, ms, s or min"},
    {"at -1s client close", "3:4: time cannot be negative"},
    {"at soon client close", "3:4: expected a time like 250ms, got 'soon'"},
    {"at 1.s client close", "3:4: expected digits after '.'"},
    {"link loss=5", "3:11: percentage needs a '%': 5%?"},
    {"link loss=101%", "3:11: a percentage is at most 100%"},
    {"link rate=10", "3:11: rate needs a unit: 10mbit?"},
    {"link rate=10mbps", "3:11: unknown rate unit 'mbps'; use bit, kbit, mbit or gbit"},
    {"link rate=0bit", "3:11: rate must be more than 0; leave it out for an unlimited link"},
    {"link dealy=40ms", "3:6: unknown link parameter 'dealy'; did you mean 'delay'?"},
    {"link delay", "3:6: expected param=value, got 'delay'"},
    {"link delay=", "3:12: 'delay' needs a value after '='"},
    {"link mtu=20", "3:10: mtu must be between 68 and 65535"},
    {"link", "3:5: link needs at least one param=value, like: link delay=40ms"},
    {"link client->client delay=1ms", "3:6: a direction goes from one host to the other, like "
                                      "client->server"},
    {"link client->sever delay=1ms", "3:14: host 'sever' is not declared; hosts are client, "
                                     "server"},
    {"at 1s client send 1.5", "3:19: a size is a whole number of bytes"},
    {"at 1s client send 3 apples", "3:21: unexpected 'apples'; send takes one byte count or one "
                                   "quoted text"},
    {"at 1s client send 10kib2", "3:19: unknown size unit 'kib2'; use bytes, KiB or MiB (or KB, "
                                 "MB)"},
    /* timeline */
    {"at 1s sever close", "3:7: host 'sever' is not declared; hosts are client, server"},
    {"at 1s connect server:80", "3:7: expected a host before the action 'connect'; hosts are "
                                "client, server"},
    {"at 1s client conect server:80", "3:14: unknown action 'conect'; did you mean 'connect'?"},
    {"at 1s client dance",
     "3:14: unknown action 'dance'; actions are listen, connect, send, "
     "close, shutdown, abort, crash, reboot, stop-reading, read, flood, inject and accept"},
    {"at 1s client", "3:13: expected an action after 'client': listen, connect, send, close, "
                     "shutdown, abort, crash, reboot, stop-reading, read, flood, inject or "
                     "accept"},
    {"at", "3:3: at needs a time, a host and an action: at 1s client close"},
    {"at 1s client close now", "3:20: unexpected 'now'; close takes no arguments"},
    {"at 1s client.0 close", "3:7: expected HOST.N with N counted from 1, like client.2, got "
                             "'client.0'"},
    {"at 1s server.2 listen 80", "3:7: listen applies to the host, not to one connection; "
                                 "write 'server'"},
    {"at 1s server listen 0", "3:21: a port must be between 1 and 65535"},
    {"at 1s server listen 65536", "3:21: a port must be between 1 and 65535"},
    {"at 1s server listen http", "3:21: a port must be a whole number, got 'http'"},
    {"at 1s server listen 80 backlog=-1", "3:32: backlog must be a whole number, got '-1'"},
    {"at 1s server listen 80 backlog=0", "3:32: backlog must be between 1 and 65535"},
    {"at 1s server listen 80 queue=5", "3:24: unexpected 'queue=5'; listen takes a port, then "
                                       "backlog=N, accept=on|off and nodelay"},
    {"at 1s server listen 80 accept=maybe", "3:31: accept is on or off, got 'maybe'"},
    {"at 1s client connect server:80 nodelay x",
     "3:40: unexpected 'x'; connect takes HOST:PORT, an optional from PORT and nodelay"},
    {"at 1s server listen 80 backlog=2 accept", "3:34: unexpected 'accept'; listen takes a port, "
                                                "then backlog=N, accept=on|off and nodelay"},
    {"at 1s server.1 accept", "3:7: accept applies to the host, not to one connection; write "
                              "'server'"},
    {"at 1s server accept 2", "3:21: unexpected '2'; accept takes no arguments"},
    /* inject */
    {"at 1s client inject", "3:20: inject needs a segment: inject RST offset 100"},
    {"at 1s client inject RST,AKC", "3:25: unknown flag 'AKC'; did you mean 'ACK'?"},
    {"at 1s client inject URG", "3:21: unknown flag 'URG'; flags are SYN, RST, ACK, FIN and PSH"},
    {"at 1s client inject RST,", "3:21: a flag is missing in 'RST,'; write flags like RST,ACK"},
    {"at 1s client inject RST,,ACK", "3:21: a flag is missing in 'RST,,ACK'; write flags like "
                                     "RST,ACK"},
    {"at 1s client inject RST ack una", "3:25: ack needs the ACK flag: write RST,ACK or SYN,ACK"},
    {"at 1s client inject ACK ack later", "3:29: ack needs nxt or una, maybe with an offset: ack "
                                          "una, ack nxt+5"},
    {"at 1s client inject ACK ack una5", "3:29: ack needs nxt or una, maybe with an offset: ack "
                                         "una, ack nxt+5"},
    {"at 1s client inject ACK ack", "3:28: ack needs nxt or una, like ack una"},
    {"at 1s client inject ACK data 0", "3:30: data must be between 1 and 65535"},
    {"at 1s client inject RST offset x", "3:32: the offset must be a whole number, got 'x'"},
    {"at 1s client inject RST sideways", "3:25: inject takes flags, then offset N, ack "
                                         "nxt|una[+-N], data N, to PORT, from PORT"},
    {"at 1s client.1 inject SYN to 80", "3:7: inject to a port names the host, not one "
                                        "connection; write 'client'"},
    {"at 1s client inject SYN from 40000", "3:25: from chooses the source port of an inject to a "
                                           "port: add to PORT"},
    {"at 1s client inject SYN to 0", "3:28: a port must be between 1 and 65535"},
    {"at 1s client connect server", "3:22: expected HOST:PORT, like server:80"},
    {"at 1s client connect client:80", "3:22: a host cannot connect to itself; name the other "
                                       "host"},
    {"at 1s client connect server:", "3:29: expected a port after ':', like server:80"},
    {"at 1s client connect server:80 from", "3:36: from needs a port, like from 40000"},
    {"at 1s client connect", "3:21: connect needs HOST:PORT, like connect server:80"},
    {"at 1s client send", "3:18: send needs a byte count or a quoted text: send 1000 or send "
                          "\"hello\""},
    {"at 1s client send 0", "3:19: send needs at least one byte"},
    {"at 1s client send \"\"", "3:19: send needs at least one byte; the text is empty"},
    {"at 1s client send 2GiB", "3:19: send is limited to 1GiB at a time"},
    {"at 1s server read 0", "3:19: read needs at least one byte; write 'read' to read everything"},
    {"at 1s server read \"x\"", "3:19: read takes an optional byte count: read 100 or read 1KiB"},
    {"at 1s server read lots", "3:19: read takes an optional byte count: read 100 or read 1KiB"},
    {"at 1s server read 2GiB", "3:19: read is limited to 1GiB at a time"},
    {"at 1s server read 10 20", "3:22: unexpected '20'; read takes one byte count"},
    {"at 1s client flood 10 from 1.2.3.4", "3:35: flood needs: flood N from ADDR[-ADDR] to "
                                           "HOST:PORT [every T]"},
    {"at 1s client flood 10 from 1.2.3.9-1.2.3.4 to server:80",
     "3:28: an address range goes "
     "from low to high, like 198.51.100.1-198.51.100.254"},
    {"at 1s client flood 10 from 1.2.3 to server:80", "3:28: '1.2.3' is not an address or a "
                                                      "range like 198.51.100.1-198.51.100.254"},
    {"at 1s client flood 0 from 1.2.3.4 to server:80", "3:20: the flood count must be between "
                                                       "1 and 1000000"},
    {"at 1s client flood 1 from 1.2.3.4 to server:80 every 0s", "3:54: every must be more than "
                                                                "0s"},
    {"on server CLOSE_WAIT 500ms server close", "3:22: a pause after the event starts with '+': "
                                                "+500ms"},
    {"on server CLOSE_WAT server close", "3:11: unknown state 'CLOSE_WAT'; did you mean "
                                         "'CLOSE_WAIT'?"},
    {"on server LIMBO server close",
     "3:11: unknown state 'LIMBO'; states are CLOSED, LISTEN, "
     "SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT, CLOSING, "
     "LAST_ACK, TIME_WAIT"},
    {"on server.2 CLOSE_WAIT server close", "3:4: on watches every connection of a host; write "
                                            "'server'"},
    {"on client error", "3:16: error needs an error name: error ECONNREFUSED"},
    {"on client error EFOO client close",
     "3:17: unknown error name 'EFOO'; use one of ECONNREFUSED, ETIMEDOUT, ECONNRESET, EPIPE, "
     "EADDRINUSE, EADDRNOTAVAIL, ENOTCONN, EISCONN, EINVAL, EAGAIN"},
    {"on client sends BOGUS client close",
     "3:17: unknown segment pattern 'BOGUS'; use SYN, SYN+ACK, ACK, FIN, RST or data"},
    {"on client sends", "3:16: expected a segment pattern: SYN, SYN+ACK, ACK, FIN, RST or data"},
    {"on server", "3:10: on needs a host, an event and an action: on server CLOSE_WAIT server "
                  "close"},
    /* faults */
    {"drop FIN", "3:6: drop needs a direction first: client->server, server->client or both"},
    {"drop client->server FNI", "3:21: unknown segment pattern 'FNI'; did you mean 'FIN'?"},
    {"drop client->server PSH+URG", "3:21: unknown segment pattern 'PSH+URG'; use SYN, SYN+ACK, "
                                    "ACK, FIN, RST or data"},
    {"drop client->server 2th", "3:24: an ordinal needs a segment pattern after it, like 2nd "
                                "SYN+ACK"},
    {"drop client->server 2 SYN", "3:21: expected an ordinal like 1st, 2nd or 3rd, got '2'"},
    {"drop client->server 0th SYN", "3:21: ordinals count from 1st"},
    {"drop client->server", "3:20: drop needs what to drop: a segment pattern (SYN, SYN+ACK, "
                            "ACK, FIN, RST, data), segment N, or from T to T"},
    {"drop client->server segment 0", "3:29: the segment number must be between 1 and 1000000"},
    {"drop both from 8s to 3s", "3:22: the window must end after it starts"},
    {"drop both from 3s until 8s", "3:19: drop ... from T needs 'to T': from 3s to 8s"},
    {"drop both from +1s to 8s", "3:16: a '+' time is not allowed here; write an absolute time"},
    {"drop client->server FIN now", "3:25: unexpected 'now'; the drop is complete without it"},
    {"delay client->server 1st data", "3:30: delay needs a segment and a time: delay "
                                      "client->server 1st data by 90s"},
    {"delay client->server 1st data by 0s", "3:34: the delay must be more than 0s"},
    {"delay both from 1s to 2s", "3:12: delay takes one segment, not a time window; use drop "
                                 "for a window"},
    {"drop client->server 1st SYN seq 1:2", "3:29: seq A:B picks data segments: write data seq "
                                            "A:B"},
    {"drop client->server data seq 5:5", "3:30: a byte range A:B ends after it starts, like seq "
                                         "1:1449"},
    {"drop client->server data seq 5", "3:30: seq needs a byte range A:B, like seq 1:1449"},
    {"drop client->server data seq 1:x", "3:30: '1:x' is not a byte range; seq needs a byte "
                                         "range A:B, like seq 1:1449"},
    {"drop client->server data seq", "3:29: seq needs a byte range A:B, like seq 1:1449"},
    {"note on client sends ACK seq 1:2 \"x\"", "3:26: seq A:B picks data segments: write data "
                                               "seq A:B"},
    {"on server receives data seq 9:3 server close", "3:29: a byte range A:B ends after it starts, "
                                                     "like seq 1:1449"},
    /* notes and expectations */
    {"note 1s", "3:8: note needs a quoted text: \"...\""},
    {"note 1s hello", "3:9: note needs a quoted text here: \"...\""},
    {"note \"x\"", "3:6: note needs a time or 'on HOST EVENT', then a quoted text: note 1s "
                   "\"...\""},
    {"note on client \"x\"", "3:16: expected a state name, not a string"},
    {"expect 1s client ESTABLISED", "3:18: unknown state 'ESTABLISED'; did you mean "
                                    "'ESTABLISHED'?"},
    {"expect client error ETIMEOUT", "3:21: unknown error name 'ETIMEOUT'; did you mean "
                                     "'ETIMEDOUT'?"},
    {"expect client error EWOULDBLOCK",
     "3:21: unknown error name 'EWOULDBLOCK'; use one of ECONNREFUSED, ETIMEDOUT, ECONNRESET, "
     "EPIPE, EADDRINUSE, EADDRNOTAVAIL, ENOTCONN, EISCONN, EINVAL, EAGAIN"},
    {"expect client ESTABLISHED", "3:8: expect ESTABLISHED needs a time or end first: expect 1s "
                                  "client ESTABLISHED"},
    {"expect server count SYN_RCVD 4", "3:15: count needs a time or end first: expect 5s server "
                                       "count SYN_RCVD 4"},
    {"expect 5s server.2 count SYN_RCVD 4", "3:11: count looks at every socket of a host; write "
                                            "'server'"},
    {"expect 5s server count SYN_RCVD many", "3:33: the count must be a whole number, got "
                                             "'many'"},
    {"expect 1s client", "3:17: expect needs what to expect after the host: a state, error "
                         "ERRNO or count STATE N"},
    {"expect", "3:7: expect needs a time (or end), a host and a state: expect 1s client "
               "ESTABLISHED"},
    {"expect 1s client CLOSED soon", "3:25: unexpected 'soon'; the expectation is complete "
                                     "without it"},
    /* a line that breaks a word at a continuation still counts columns per line */
    {"at 1s \\\n   client conect server:80", "4:11: unknown action 'conect'; did you mean "
                                             "'connect'?"},
};

static void bad_lines_give_one_exact_message(void)
{
	char buf[4096], got[400];
	for (size_t i = 0; i < sizeof bad_lines / sizeof *bad_lines; i++) {
		const struct bad *b = &bad_lines[i];
		struct scenario s;
		struct scn_diags d = {0};
		snprintf(buf, sizeof buf, HOSTS "%s\n", b->text);
		int n = parse(buf, &s, &d);
		CHECK_INT(n, 1);
		CHECK_INT(d.n, 1);
		CHECK_STR(diag_str(&d, 0, got, sizeof got), b->want);
		if (n != 1 || d.n != 1 || strcmp(got, b->want) != 0) {
			fprintf(stderr, "  for: %s\n", b->text);
			for (int j = 1; j < d.n; j++)
				fprintf(stderr, "  also: %s\n", diag_str(&d, j, got, sizeof got));
		}
		CHECK(all_zero(&s, sizeof s));
		scn_diags_free(&d);
	}
}

static const struct bad bad_hosts[] = {
    {"host a 10.0.0.1 msll=5s\nhost b 10.0.0.2",
     "1:17: unknown host parameter 'msll'; did you mean 'msl'?"},
    {"host a 10.0.0.1 colour=red\nhost b 10.0.0.2",
     "1:17: unknown host parameter 'colour'; see the table in docs/scenario-format.md"},
    {"host a 10.0.0.1 msl=5\nhost b 10.0.0.2", "1:21: time needs a unit: 5s?"},
    {"host a 10.0.0.1 rto_min=0s\nhost b 10.0.0.2", "1:25: rto_min must be more than 0s"},
    {"host a 10.0.0.1 backlog=x\nhost b 10.0.0.2", "1:25: backlog must be a whole number, got "
                                                   "'x'"},
    {"host a 10.0.0.1 mss=70000\nhost b 10.0.0.2", "1:21: mss must be between 64 and 65535"},
    {"host a 10.0.0.1 rcvbuf=0\nhost b 10.0.0.2", "1:24: rcvbuf must be between 1 bytes and 1GiB"},
    {"host a 10.0.0.1 syncookies=yes\nhost b 10.0.0.2", "1:28: syncookies is on or off, got "
                                                        "'yes'"},
    {"host a 10.0.0.1 wscale=15\nhost b 10.0.0.2", "1:24: wscale must be between 0 and 14"},
    {"host a 10.0.0.1 syn_linear_timeouts=-1\nhost b 10.0.0.2",
     "1:37: syn_linear_timeouts must be a whole number, got '-1'"},
    {"host a 10.0.0.1 syn_linear_timeouts=256\nhost b 10.0.0.2",
     "1:37: syn_linear_timeouts must be between 0 and 255"},
    {"host a 10.0.0.1 abort_on_overflow=1\nhost b 10.0.0.2",
     "1:35: abort_on_overflow is on or off, got '1'"},
    {"host a 10.0.0.1 cc=bbr\nhost b 10.0.0.2", "1:20: cc is reno or cubic, got 'bbr'"},
    {"host a 10.0.0.1 cc=\nhost b 10.0.0.2", "1:20: 'cc' needs a value after '='"},
    {"host a 10.0.0.1 syn_linear_timeout=4\nhost b 10.0.0.2",
     "1:17: unknown host parameter 'syn_linear_timeout'; did you mean 'syn_linear_timeouts'?"},
    {"host a 10.0.0.1 isn=-1\nhost b 10.0.0.2", "1:21: isn is a number from 0 to 4294967295, "
                                                "or random"},
    {"host a 10.0.0.1 ports=5000\nhost b 10.0.0.2", "1:23: ports needs a range LO-HI, like "
                                                    "32768-60999"},
    {"host a 10.0.0.1 ports=6000-5000\nhost b 10.0.0.2", "1:23: ports range goes from low to "
                                                         "high, like 32768-60999"},
    {"host a 10.0.0.1 ports=1-70000\nhost b 10.0.0.2", "1:25: a port must be between 1 and "
                                                       "65535"},
    {"host a 10.0.0.1 rto_min=2s rto_max=1s\nhost b 10.0.0.2",
     "1:1: host 'a': rto_min is above rto_max"},
    {"host a 10.0.0.1 rto_initial=200s\nhost b 10.0.0.2",
     "1:1: host 'a': rto_initial must lie between rto_min and rto_max"},
    {"host a 10.0.0.256\nhost b 10.0.0.2", "1:8: '10.0.0.256' is not an IPv4 address like "
                                           "10.0.0.1"},
    {"host a\nhost b 10.0.0.2", "1:7: host needs an address after its name: host client "
                                "10.0.0.1"},
    {"host a 10.0.0.1\nhost b 10.0.0.1", "2:8: host 'a' already has address 10.0.0.1"},
    {"host both 10.0.0.1\nhost b 10.0.0.2", "1:6: 'both' is a keyword and cannot be a host name"},
    {"host abcdefghijabcdefghijabcdefghijab 10.0.0.1\nhost b 10.0.0.2",
     "1:6: host name is too long (at most 31 characters)"},
    {"host a 10.0.0.1\nat 1s a close", "2:1: a scenario needs two hosts; only 'a' is declared"},
    {"drop both from 1s to 2s", "1:1: a scenario needs two hosts; declare them with: host NAME "
                                "ADDRESS"},
};

static void bad_host_lines_give_one_exact_message(void)
{
	char got[400];
	for (size_t i = 0; i < sizeof bad_hosts / sizeof *bad_hosts; i++) {
		const struct bad *b = &bad_hosts[i];
		struct scenario s;
		struct scn_diags d = {0};
		int n = parse(b->text, &s, &d);
		CHECK_INT(n, 1);
		CHECK_STR(diag_str(&d, 0, got, sizeof got), b->want);
		if (n != 1 || strcmp(got, b->want) != 0) {
			fprintf(stderr, "  for: %s\n", b->text);
			for (int j = 1; j < d.n; j++)
				fprintf(stderr, "  also: %s\n", diag_str(&d, j, got, sizeof got));
		}
		scn_diags_free(&d);
	}
}

static void every_error_in_a_file_is_reported_in_order(void)
{
	struct scenario s;
	struct scn_diags d = {0};
	char got[400];
	static const char *const want[] = {
	    "1:1: unknown directive 'titel'; did you mean 'title'?",
	    "3:22: unknown host parameter 'msll'; did you mean 'msl'?",
	    "3:41: syncookies is on or off, got 'maybe'",
	    "4:4: time needs a unit: 250ms?",
	    "5:7: host 'sever' is not declared; hosts are server, client",
	    "6:14: unknown action 'conect'; did you mean 'connect'?",
	    "8:19: unterminated string: add a closing '\"' on this line",
	};
	/* Hosts are declared after a line that uses them: that is fine. */
	int n = parse("titel \"x\"\n"
	              "at 1s client connect server:80\n"
	              "host server 10.0.0.2 msll=5s syncookies=maybe\n"
	              "at 250 server listen 80\n"
	              "at 1s sever close\n"
	              "at 1s client conect server:80\n"
	              "host client 10.0.0.1\n"
	              "at 1s client send \"oops\n",
	              &s, &d);
	CHECK_INT(n, 7);
	CHECK_INT(d.n, 7);
	for (int i = 0; i < 7 && i < d.n; i++)
		CHECK_STR(diag_str(&d, i, got, sizeof got), want[i]);
	CHECK(all_zero(&s, sizeof s));
	scn_diags_free(&d);

	/* One host only: the timeline line is told so, and so is the name. */
	n = parse("host a 10.0.0.1\nat 1s b close\n", &s, &d);
	CHECK_INT(n, 2);
	CHECK_STR(diag_str(&d, 0, got, sizeof got), "2:1: a scenario needs two hosts; only 'a' is "
	                                            "declared");
	CHECK_STR(diag_str(&d, 1, got, sizeof got), "2:7: host 'b' is not declared; the only host "
	                                            "is a");
	scn_diags_free(&d);
	parse("titel \"x\"\n" HOSTS, &s, &d);

	/* Printed the way editors jump to. */
	FILE *f = tmpfile();
	CHECK(f != NULL);
	if (f) {
		char line[400];
		scn_diags_print(&d, "lesson.tcps", f);
		rewind(f);
		CHECK(fgets(line, sizeof line, f) != NULL);
		CHECK_STR(line, "lesson.tcps:1:1: error: unknown directive 'titel'; did you mean "
		                "'title'?\n");
		fclose(f);
	}
	scn_diags_free(&d);
}

static void too_many_errors_stop_at_fifty(void)
{
	size_t cap = 200 * 16 + 100;
	char *text = malloc(cap), got[400];
	struct scenario s;
	struct scn_diags d = {0};
	CHECK(text != NULL);
	if (!text)
		return;
	strcpy(text, HOSTS);
	for (int i = 0; i < 200; i++)
		strcat(text, "bogus line\n");
	int n = parse(text, &s, &d);
	CHECK_INT(n, SCN_MAX_ERRORS + 1);
	CHECK_INT(d.n, SCN_MAX_ERRORS + 1);
	CHECK_STR(diag_str(&d, 0, got, sizeof got),
	          "3:1: unknown directive 'bogus'; a line starts "
	          "with title, about, seed, profile, host, link, "
	          "at, on, drop, delay, note, expect, ask or end");
	CHECK_INT(d.v[SCN_MAX_ERRORS - 1].line, 52);
	CHECK_STR(diag_str(&d, SCN_MAX_ERRORS, got, sizeof got),
	          "0:0: too many errors (200 in all); fix these first");
	scn_diags_free(&d);
	free(text);
}

/* ---- files that are not scenarios ---- */

static void one_error(const char *what, const char *text, size_t len, const char *want)
{
	struct scenario s;
	struct scn_diags d = {0};
	char got[400];
	int n = scn_parse("junk", text, len, &s, &d);
	CHECK_INT(n, 1);
	CHECK_INT(d.n, 1);
	CHECK_STR(diag_str(&d, 0, got, sizeof got), want);
	if (d.n != 1 || strcmp(got, want) != 0)
		fprintf(stderr, "  for: %s\n", what);
	CHECK(all_zero(&s, sizeof s));
	scn_diags_free(&d);
}

static char *temp_file(const void *data, size_t len)
{
	char *path = malloc(64);
	if (!path)
		return NULL;
	strcpy(path, "/tmp/test_scenario_XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) {
		free(path);
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	if (!f || fwrite(data, 1, len, f) != len) {
		if (f)
			fclose(f);
		unlink(path);
		free(path);
		return NULL;
	}
	fclose(f);
	return path;
}

static void load_one_error(const char *path, const char *want)
{
	struct scenario s;
	struct scn_diags d = {0};
	char got[400];
	int n = scn_load_file(path, &s, &d);
	CHECK_INT(n, 1);
	CHECK_INT(d.n, 1);
	CHECK_STR(diag_str(&d, 0, got, sizeof got), want);
	CHECK(all_zero(&s, sizeof s));
	scn_diags_free(&d);
}

static void junk_gives_one_clear_error(void)
{
	one_error("empty", "", 0, "0:0: empty scenario: it needs two hosts (host NAME ADDRESS)");
	one_error("NULL", NULL, 0, "0:0: empty scenario: it needs two hosts (host NAME ADDRESS)");
	one_error("comments", "# only\n\n   # comments\n", 22,
	          "0:0: empty scenario: it needs two hosts (host NAME ADDRESS)");
	one_error("NUL", HOSTS "at 1s client\0close\n", sizeof HOSTS + 18,
	          "0:0: not a text file (NUL byte on line 3)");
	one_error("control", "title \"\x01\"\n", 10,
	          "0:0: not a text file (control byte 0x01 on line 1)");
	one_error("latin-1", HOSTS "note 1s \"caf\xe9\"\n", sizeof HOSTS + 14,
	          "3:13: invalid UTF-8 (byte 0xE9); save the file as UTF-8");
	one_error("overlong", "title \"\xc0\xaf\"\n", 11,
	          "1:8: invalid UTF-8 (byte 0xC0); save the file as UTF-8");
	one_error("surrogate", "title \"\xed\xa0\x80\"\n", 12,
	          "1:8: invalid UTF-8 (byte 0xED); save the file as UTF-8");
	one_error("cut", "title \"\xe2\x82", 9,
	          "1:8: invalid UTF-8 (byte 0xE2); save the file as UTF-8");

	/* UTF-8 is fine in strings, and a BOM and CRLF line ends are tolerated. */
	{
		struct scenario s;
		struct scn_diags d = {0};
		const char *t =
		    "\xEF\xBB\xBFtitle \"Caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80\"\r\n"
		    "host client 10.0.0.1\r\nhost server 10.0.0.2\r\n";
		CHECK_INT(scn_parse("u", t, strlen(t), &s, &d), 0);
		CHECK_STR(s.title, "Caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80");
		scn_free(&s);
		scn_diags_free(&d);
	}

	/* Random binary: always one error (the fixed seed keeps it the same). */
	{
		size_t len = 4096;
		unsigned char *junk = malloc(len);
		uint32_t x = 12345;
		CHECK(junk != NULL);
		if (junk) {
			for (size_t i = 0; i < len; i++) {
				x = x * 1103515245u + 12345u;
				junk[i] = (unsigned char)(x >> 16);
			}
			struct scenario s;
			struct scn_diags d = {0};
			CHECK_INT(scn_parse("bin", (const char *)junk, len, &s, &d), 1);
			CHECK(d.n == 1 && strncmp(d.v[0].msg, "not a text file", 15) == 0);
			scn_diags_free(&d);
			free(junk);
		}
	}

	/* 10 MiB: refused before anything is looked at. */
	{
		size_t len = 10u * 1024 * 1024;
		char *big = malloc(len);
		CHECK(big != NULL);
		if (big) {
			memset(big, '#', len);
			one_error(
			    "10 MiB", big, len,
			    "0:0: file is too large (10.0 MiB); scenarios are limited to 1 MiB");
			char *path = temp_file(big, len);
			CHECK(path != NULL);
			if (path) {
				load_one_error(path,
				               "0:0: file is too large (10.0 MiB); scenarios are "
				               "limited to 1 MiB");
				unlink(path);
				free(path);
			}
			free(big);
		}
	}

	/* A 100,000-character line: one error for it, and the rest still parses. */
	{
		size_t n = 100000;
		size_t len = strlen(HOSTS) + n + 64;
		char *t = malloc(len);
		CHECK(t != NULL);
		if (t) {
			strcpy(t, HOSTS);
			size_t at = strlen(t);
			memset(t + at, 'x', n);
			strcpy(t + at + n, "\nat 1s client close\nat 2s client closr\n");
			struct scenario s;
			struct scn_diags d = {0};
			char got[400];
			CHECK_INT(scn_parse("long", t, strlen(t), &s, &d), 2);
			CHECK_STR(diag_str(&d, 0, got, sizeof got),
			          "3:1: line is too long (100000 characters); the limit is 4096");
			CHECK_STR(diag_str(&d, 1, got, sizeof got),
			          "5:14: unknown action 'closr'; did you mean 'close'?");
			scn_diags_free(&d);
			/* Exactly the limit is fine. */
			memset(t + at, ' ', SCN_MAX_LINE);
			strcpy(t + at + SCN_MAX_LINE, "\n");
			CHECK_INT(scn_parse("long", t, strlen(t), &s, &d), 0);
			scn_free(&s);
			scn_diags_free(&d);
			free(t);
		}
	}

	load_one_error("/nonexistent/dir/lesson.tcps",
	               "0:0: cannot open: No such file or directory");
	load_one_error("/tmp", "0:0: cannot read: Is a directory");
	{
		char *path = temp_file("", 0);
		CHECK(path != NULL);
		if (path) {
			load_one_error(
			    path, "0:0: empty scenario: it needs two hosts (host NAME ADDRESS)");
			unlink(path);
			free(path);
		}
	}
}

static void a_file_loads_like_its_text_parses(void)
{
	const char *text = HOSTS "at 0s server listen 80\nat 1s client connect server:80\n";
	char *path = temp_file(text, strlen(text));
	CHECK(path != NULL);
	if (!path)
		return;
	struct scenario s;
	struct scn_diags d = {0};
	CHECK_INT(scn_load_file(path, &s, &d), 0);
	CHECK_STR(s.path, path);
	CHECK_INT(s.nevents, 2);
	CHECK_INT(s.nevents == 2 ? s.events[1].act.kind : -1, ACT_CONNECT);
	scn_free(&s);
	CHECK(all_zero(&s, sizeof s));
	scn_diags_free(&d);
	unlink(path);
	free(path);
}

/* Mangled copies of a good file never crash and always explain themselves. */
static void mangled_files_never_crash(void)
{
	static const char base[] =
	    "title \"t\"\nhost client 10.0.0.1 msl=5s\nhost server 10.0.0.2\n"
	    "link client->server loss=10% rate=1mbit\nat 0s server listen 80\n"
	    "at +100ms client connect server:80 from 40000\n"
	    "on server CLOSE_WAIT +1s server close\ndrop both 2nd SYN+ACK\n"
	    "delay client->server segment 3 by 1s\nnote on client TIME_WAIT \"x\\n\"\n"
	    "expect 5s server count SYN_RCVD 4\nexpect client error ETIMEDOUT\n"
	    "at 1s client flood 3 from 1.1.1.1-1.1.1.9 to server:80 every 1ms\nend 1min\n";
	static const char alphabet[] = " \t\n\\\"#+-.:=>0123456789%abcsSYNACKmuxé\xff";
	char buf[sizeof base + 64];
	uint32_t x = 7;
	int failures = 0, successes = 0;
	for (int iter = 0; iter < 3000; iter++) {
		size_t len = sizeof base - 1;
		memcpy(buf, base, len);
		int edits = 1 + iter % 4;
		for (int e = 0; e < edits; e++) {
			x = x * 1103515245u + 12345u;
			size_t pos = (x >> 8) % len;
			x = x * 1103515245u + 12345u;
			char c = alphabet[(x >> 8) % (sizeof alphabet - 1)];
			if ((x >> 20) % 3 == 0 && len > 1) {
				memmove(buf + pos, buf + pos + 1, len - pos - 1); /* delete */
				len--;
			} else if ((x >> 20) % 3 == 1 && len + 1 < sizeof buf) {
				memmove(buf + pos + 1, buf + pos, len - pos); /* insert */
				buf[pos] = c;
				len++;
			} else {
				buf[pos] = c;
			}
		}
		struct scenario s;
		struct scn_diags d = {0};
		int n = scn_parse("m", buf, len, &s, &d);
		if (n == 0) {
			successes++;
			CHECK_INT(s.nhosts, 2);
			scn_free(&s);
		} else {
			failures++;
			CHECK_INT(d.n, n);
			CHECK(all_zero(&s, sizeof s));
			for (int i = 0; i < d.n; i++) {
				CHECK(d.v[i].line >= 0 && d.v[i].line <= 20);
				CHECK(d.v[i].msg[0] != '\0');
			}
		}
		scn_diags_free(&d);
	}
	CHECK(failures > 1000);
	CHECK(successes > 10);
}

/* ---- the documentation's examples ---- */

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0, r;
	char *buf = malloc(cap + 1);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			char *nb = realloc(buf, cap * 2 + 1);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

static char *read_source_file(const char *rel)
{
	const char *dirs[] = {getenv("TCPSIM_SOURCE_DIR"), ".", "..", "../.."};
	char path[1024];
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		if (!dirs[i])
			continue;
		snprintf(path, sizeof path, "%s/%s", dirs[i], rel);
		char *t = read_all(path);
		if (t)
			return t;
	}
	return NULL;
}

/* Every ```tcps block of the guide parses; a block without its own host
 * lines gets the two standard hosts first.  A ```tcps-error block holds one
 * bad line and, on the next line, `# => line:col: message` as it prints. */
static void every_example_in_the_guide_parses(void)
{
	char *doc = read_source_file("docs/scenario-format.md");
	CHECK(doc != NULL);
	if (!doc)
		return;
	int good = 0, bad = 0;
	char *p = doc;
	while ((p = strstr(p, "\n```tcps")) != NULL) {
		int is_err = strncmp(p + 8, "-error", 6) == 0;
		char *body = strchr(p + 1, '\n');
		if (!body)
			break;
		body++;
		char *end = strstr(body, "\n```");
		if (!end)
			break;
		size_t len = (size_t)(end - body) + 1;
		char *text = malloc(len + sizeof HOSTS + 1);
		if (!text)
			break;
		memcpy(text, body, len);
		text[len] = '\0';
		int own_hosts = strncmp(text, "host ", 5) == 0 || strstr(text, "\nhost ") != NULL;
		if (!own_hosts) {
			memmove(text + strlen(HOSTS), text, len + 1);
			memcpy(text, HOSTS, strlen(HOSTS));
		}
		struct scenario s;
		struct scn_diags d = {0};
		char got[400];
		int n = parse(text, &s, &d);
		if (!is_err) {
			good++;
			if (n != 0) {
				fprintf(stderr, "guide example failed to parse:\n%.*s\n  -> %s\n",
				        (int)len, body, diag_str(&d, 0, got, sizeof got));
			}
			CHECK_INT(n, 0);
			scn_free(&s);
		} else {
			bad++;
			/* "# => 3:4: time needs ..." : lines counted without the hosts */
			char *want = strstr(text, "# => ");
			CHECK(want != NULL);
			if (want) {
				want += 5;
				char *nl = strchr(want, '\n');
				if (nl)
					*nl = '\0';
				int line = 0, col = 0, off = 0;
				CHECK(sscanf(want, "%d:%d: %n", &line, &col, &off) == 2);
				snprintf(got, sizeof got, "%d:%d: %s",
				         d.n ? d.v[0].line - (own_hosts ? 0 : 2) : 0,
				         d.n ? d.v[0].col : 0, d.n ? d.v[0].msg : "(no error)");
				CHECK_STR(got, want);
			}
			CHECK_INT(n, 1);
		}
		scn_diags_free(&d);
		free(text);
		p = end + 1;
	}
	CHECK(good >= 12);
	CHECK(bad >= 10);
	free(doc);
}

/* The complete lesson in tests/data parses to what it says. */
static void the_sample_lesson_parses_in_full(void)
{
	char *text = read_source_file("tests/data/scn_time_wait.tcps");
	CHECK(text != NULL);
	if (!text)
		return;
	struct scenario s;
	struct scn_diags d = {0};
	char got[400];
	int n = parse(text, &s, &d);
	if (n)
		fprintf(stderr, "scn_time_wait.tcps: %s\n", diag_str(&d, 0, got, sizeof got));
	CHECK_INT(n, 0);
	CHECK_STR(s.title, "Why TIME_WAIT lasts 2MSL");
	CHECK_INT(s.seed, 7);
	CHECK_INT(s.nhosts, 2);
	CHECK_INT(s.hosts[0].params.msl, 5 * SEC);
	CHECK(s.about && strstr(s.about, "\n") != NULL);
	CHECK_INT(s.link[DIR_AB].delay, 40 * MS);
	CHECK_INT(s.nevents, 4);
	CHECK_INT(s.nfaults, 1);
	CHECK_INT(s.nfaults ? s.faults[0].match : -1, MATCH_ACK);
	CHECK_INT(s.nnotes, 2);
	CHECK_INT(s.nexpects, 3);
	CHECK_INT(s.end, 30 * SEC);
	scn_free(&s);
	scn_diags_free(&d);
	free(text);
}

int main(void)
{
	RUN(good_event_lines_fill_the_event);
	RUN(on_and_note_lines_take_every_event);
	RUN(good_fault_lines_fill_the_fault);
	RUN(good_extension_lines_fill_the_action);
	RUN(good_expect_lines_fill_the_expectation);
	RUN(notes_at_a_time_and_on_a_state);
	RUN(asks_with_written_and_derived_answers);
	RUN(plus_times_follow_the_previous_timed_line);
	RUN(header_lines_set_the_scenario);
	RUN(host_params_override_the_profile_whatever_the_order);
	RUN(link_lines_set_one_or_both_directions);
	RUN(literals_parse_exactly);
	RUN(bad_lines_give_one_exact_message);
	RUN(bad_host_lines_give_one_exact_message);
	RUN(every_error_in_a_file_is_reported_in_order);
	RUN(too_many_errors_stop_at_fifty);
	RUN(junk_gives_one_clear_error);
	RUN(a_file_loads_like_its_text_parses);
	RUN(mangled_files_never_crash);
	RUN(every_example_in_the_guide_parses);
	RUN(the_sample_lesson_parses_in_full);
	return check_report("test_scenario");
}
