/* test_narrate: the narration sentences are a pure function of the
 * scenario and the trace.  Builds both by hand (no engine) and pins the
 * sentences a lesson depends on. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "narrate.h"
#include "tcpstate.h"
#include "trace.h"

static void two_hosts(struct scenario *scn)
{
	memset(scn, 0, sizeof *scn);
	scn->nhosts = 2;
	snprintf(scn->hosts[0].name, SCN_NAME_MAX, "client");
	snprintf(scn->hosts[1].name, SCN_NAME_MAX, "server");
	scn->hosts[0].addr = 0x0a000001;
	scn->hosts[1].addr = 0x0a000002;
	scn->hosts[0].params.msl = 30 * SIMTIME_S;
}

static uint32_t add_seg(struct trace *tr, int from, uint8_t flags, uint32_t seq, uint32_t ack,
                        uint32_t len)
{
	struct trace_seg s;
	memset(&s, 0, sizeof s);
	s.h.src = from ? 0x0a000002 : 0x0a000001;
	s.h.dst = from ? 0x0a000001 : 0x0a000002;
	s.h.sport = from ? 9502 : 40000;
	s.h.dport = from ? 40000 : 9502;
	s.h.flags = flags;
	s.h.seq = seq;
	s.h.ack = ack;
	s.h.len = len;
	s.from = (uint8_t)from;
	s.to = (uint8_t)!from;
	s.sock = from;
	s.sent = 100 * SIMTIME_MS;
	s.arrive = 110 * SIMTIME_MS;
	return trace_add_seg(tr, &s);
}

static uint32_t add_rec(struct trace *tr, int kind, int host, int sub, int32_t seg)
{
	struct trace_rec r;
	memset(&r, 0, sizeof r);
	r.t = 110 * SIMTIME_MS;
	r.kind = (uint8_t)kind;
	r.host = (uint8_t)host;
	r.sub = (uint8_t)sub;
	r.sock = host;
	r.seg = seg;
	if (kind == TR_STATE) {
		const struct tcp_arrow_info *ai = tcp_arrow(sub);
		r.u.state.from = (uint8_t)(ai && ai->from >= 0 ? ai->from : TCPS_ESTABLISHED);
		r.u.state.to = (uint8_t)(ai ? ai->to : TCPS_CLOSED);
		r.cause = CAUSE_SEGMENT;
	}
	if (kind == TR_TIMER_ARM || kind == TR_TIMER_FIRE) {
		r.u.timer.expiry = r.t + SIMTIME_S;
		r.u.timer.attempt = 2;
	}
	return trace_add(tr, &r);
}

static void socks(struct trace *tr)
{
	struct trace_sock k;
	memset(&k, 0, sizeof k);
	k.host = 0;
	k.laddr = 0x0a000001;
	k.raddr = 0x0a000002;
	k.lport = 40000;
	k.rport = 9502;
	k.iss = 1000;
	k.irs = 5000;
	trace_set_sock(tr, 0, &k);
	k.host = 1;
	k.laddr = 0x0a000002;
	k.raddr = 0x0a000001;
	k.lport = 9502;
	k.rport = 40000;
	k.iss = 5000;
	k.irs = 1000;
	trace_set_sock(tr, 1, &k);
}

static void syn_on_listening_port_is_told_like_a_teacher(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t s = add_seg(&tr, 0, TH_SYN, 1000, 0, 0);
	uint32_t k0 = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)s);
	uint32_t k1 = add_rec(&tr, TR_SEG_ARRIVE, 1, 0, (int32_t)s);
	uint32_t k2 = add_rec(&tr, TR_STATE, 1, ARROW_LISTEN_SYN, (int32_t)s);
	char buf[512];
	narrate(&scn, &tr, k0, buf, sizeof buf);
	CHECK_STR(buf, "The client sends a SYN to the server's port 9502 to open a connection; "
	               "its initial sequence number (ISS) is 1000.");
	narrate(&scn, &tr, k1, buf, sizeof buf);
	CHECK_STR(buf, "The client's SYN reaches the server.");
	int n = narrate(&scn, &tr, k2, buf, sizeof buf);
	CHECK_STR(buf, "The server got a SYN on its listening port 9502; it answers SYN,ACK and "
	               "waits in SYN_RCVD for the client's ACK.");
	CHECK_INT(n, (int)strlen(buf));
	trace_free(&tr);
}

static void time_wait_says_how_long_and_why(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t k = add_rec(&tr, TR_STATE, 0, ARROW_FW2_FIN, -1);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, "TIME_WAIT") != NULL);
	CHECK(strstr(buf, "2MSL (60s)") != NULL);
	trace_free(&tr);
}

static void data_and_acks_use_relative_numbers(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t d = add_seg(&tr, 0, TH_ACK | TH_PSH, 1001, 5001, 500);
	uint32_t a = add_seg(&tr, 1, TH_ACK, 5001, 1501, 0);
	uint32_t k0 = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)d);
	uint32_t k1 = add_rec(&tr, TR_SEG_SEND, 1, 0, (int32_t)a);
	char buf[512];
	narrate(&scn, &tr, k0, buf, sizeof buf);
	CHECK_STR(buf, "The client sends 500 bytes of data (bytes 1 to 501 of its stream).");
	narrate(&scn, &tr, k1, buf, sizeof buf);
	CHECK_STR(buf, "The server sends an ACK: it has received everything up to byte 501 from "
	               "the client.");
	trace_free(&tr);
}

static void every_arrow_and_record_kind_says_something(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t s = add_seg(&tr, 0, TH_FIN | TH_ACK, 1001, 5001, 0);
	char buf[512];
	for (int arrow = 0; arrow < ARROW_COUNT; arrow++) {
		uint32_t k = add_rec(&tr, TR_STATE, arrow % 2, arrow, -1);
		CHECK(narrate(&scn, &tr, k, buf, sizeof buf) > 20);
	}
	for (int kind = TR_SEG_SEND; kind < TR_KIND_COUNT; kind++) {
		if (kind == TR_NOTE || kind == TR_EXPECT)
			continue;
		uint32_t k = add_rec(&tr, kind, 0, 0, (int32_t)s);
		CHECK(narrate(&scn, &tr, k, buf, sizeof buf) > 10);
	}
	for (int code = 0; code < INFO_CODE_COUNT; code++) {
		uint32_t k = add_rec(&tr, TR_INFO, 1, code, -1);
		CHECK(narrate(&scn, &tr, k, buf, sizeof buf) > 10);
	}
	/* out of range, and a tiny buffer: always terminated */
	CHECK_INT(narrate(&scn, &tr, tr.n, buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	char tiny[8];
	narrate(&scn, &tr, 0, tiny, sizeof tiny);
	CHECK_INT((int)strlen(tiny), 7);
	trace_free(&tr);
}

int main(void)
{
	RUN(syn_on_listening_port_is_told_like_a_teacher);
	RUN(time_wait_says_how_long_and_why);
	RUN(data_and_acks_use_relative_numbers);
	RUN(every_arrow_and_record_kind_says_something);
	return check_report("test_narrate");
}
