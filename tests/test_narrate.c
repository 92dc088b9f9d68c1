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
	CHECK_STR(buf, "The server got a SYN on its listening port 9502; it keeps an embryonic "
	               "connection in SYN_RCVD, answers SYN,ACK and waits for the client's ACK.");
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
	CHECK(strstr(buf, "its timer set to 60s") != NULL); /* no timer armed: 2 x the host's MSL */
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
	CHECK_STR(buf, "The client sends 500 bytes of data (bytes 1 to 500 of its stream).");
	narrate(&scn, &tr, k1, buf, sizeof buf);
	CHECK_STR(buf, "The server sends an ACK (ack 501): it has every byte of the client's "
	               "stream before byte 501 and expects byte 501 next.");
	/* the ACK of a FIN says so: 500 bytes, then the FIN at 501 */
	uint32_t f = add_seg(&tr, 0, TH_FIN | TH_ACK, 1501, 5001, 0);
	uint32_t fa = add_seg(&tr, 1, TH_ACK, 5001, 1502, 0);
	add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)f);
	uint32_t k2 = add_rec(&tr, TR_SEG_SEND, 1, 0, (int32_t)fa);
	narrate(&scn, &tr, k2, buf, sizeof buf);
	CHECK_STR(buf, "The server ACKs the client's FIN (ack 502): it has all 500 bytes the "
	               "client sent, and the FIN.");
	/* one byte is "byte", and a lone byte is one number */
	uint32_t one = add_seg(&tr, 0, TH_ACK | TH_PSH, 1001, 5001, 1);
	uint32_t k3 = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)one);
	narrate(&scn, &tr, k3, buf, sizeof buf);
	CHECK_STR(buf, "The client sends 1 byte of data (byte 1 of its stream).");
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
		if (kind == TR_NOTE || kind == TR_ASK || kind == TR_EXPECT)
			continue;
		uint32_t k = add_rec(&tr, kind, 0, 0, (int32_t)s);
		CHECK(narrate(&scn, &tr, k, buf, sizeof buf) > 10);
	}
	for (int code = 0; code < INFO_CODE_COUNT; code++) {
		uint32_t k = add_rec(&tr, TR_INFO, 1, code, -1);
		CHECK(narrate(&scn, &tr, k, buf, sizeof buf) > 10);
		CHECK(strstr(buf, "something") == NULL);
	}
	/* out of range, and a tiny buffer: always terminated */
	CHECK_INT(narrate(&scn, &tr, tr.n, buf, sizeof buf), 0);
	CHECK_STR(buf, "");
	char tiny[8];
	narrate(&scn, &tr, 0, tiny, sizeof tiny);
	CHECK_INT((int)strlen(tiny), 7);
	trace_free(&tr);
}

/* A forged RST sent at record k0 arrives; what follows its arrival decides
 * the sentence (RFC 5961 3.2): reset, challenge ACK, or dropped. */
static void forged_rst(int then_kind, int then_sub, const char *want)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	struct trace_seg s;
	memset(&s, 0, sizeof s);
	s.h.src = 0x0a000001;
	s.h.dst = 0x0a000002;
	s.h.sport = 40000;
	s.h.dport = 9502;
	s.h.flags = TH_RST;
	s.h.seq = 2001;
	s.from = 0;
	s.to = 1;
	s.sock = -1;
	s.forged = 1;
	uint32_t si = trace_add_seg(&tr, &s);
	uint32_t k0 = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)si);
	add_rec(&tr, TR_SEG_ARRIVE, 1, 0, (int32_t)si);
	if (then_kind >= 0)
		add_rec(&tr, then_kind, 1, then_sub, (int32_t)si);
	char buf[512];
	narrate(&scn, &tr, k0, buf, sizeof buf);
	CHECK(strstr(buf, "forged RST") != NULL);
	CHECK(strstr(buf, want) != NULL);
	CHECK(strstr(buf, "at once") == NULL);
	if (!strstr(buf, want))
		fprintf(stderr, "  narration: %s\n", buf);
	trace_free(&tr);
}

static void forged_rst_is_told_by_what_follows(void)
{
	forged_rst(TR_STATE, ARROW_RST, "exactly the server's RCV.NXT");
	forged_rst(TR_INFO, INFO_CHALLENGE_ACK, "challenge ACK");
	forged_rst(TR_INFO, INFO_RST_IGNORED, "drops it");
	forged_rst(-1, 0, "changes nothing");
}

/* Two retransmission timeouts of one socket, ran1 then ran2. */
static void two_timeouts(simtime_t ran1, simtime_t ran2, const char *want)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t k = add_rec(&tr, TR_TIMER_FIRE, 0, TIMER_RETRANSMIT, -1);
	tr.recs[k].u.timer.expiry = ran1;
	tr.recs[k].u.timer.attempt = 1;
	uint32_t k2 = add_rec(&tr, TR_TIMER_FIRE, 0, TIMER_RETRANSMIT, -1);
	tr.recs[k2].t += ran2;
	tr.recs[k2].u.timer.expiry = ran2;
	tr.recs[k2].u.timer.attempt = 2;
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, want) != NULL);
	if (!strstr(buf, want))
		fprintf(stderr, "  narration: %s\n", buf);
	trace_free(&tr);
}

static void retransmission_says_the_wait_the_trace_shows(void)
{
	two_timeouts(SIMTIME_S, SIMTIME_S, "waits the same 1s again");
	two_timeouts(SIMTIME_S, 2 * SIMTIME_S, "doubles its wait, to 2s");
	two_timeouts(SIMTIME_S, 3 * SIMTIME_S, "waits 3s next");
}

/* A segment resent because of a tail loss probe is not told as a timeout. */
static void a_probe_is_not_a_timeout(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t f = add_rec(&tr, TR_TIMER_FIRE, 0, TIMER_RETRANSMIT, -1);
	tr.recs[f].u.timer.attempt = 0; /* the timer held a tail loss probe */
	uint32_t si = add_seg(&tr, 0, TH_ACK | TH_PSH, 1001, 5001, 100);
	tr.segs[si].retx = 1;
	uint32_t k = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)si);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, "tail loss probe") != NULL);
	CHECK(strstr(buf, "retransmission timer ran out") == NULL);
	CHECK(strstr(buf, "heard nothing") == NULL); /* it may have heard an ACK */
	tr.recs[f].u.timer.attempt = 1;              /* an ordinary timeout */
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, "retransmission timer ran out") != NULL);
	trace_free(&tr);
}

static void embryos_are_not_half_open(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	char buf[512];
	int arrows[] = {ARROW_LISTEN_SYN, ARROW_SYNRCVD_RST, ARROW_SYNRCVD_TIMEOUT,
	                ARROW_SYNRCVD_SYN};
	for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++) {
		uint32_t k = add_rec(&tr, TR_STATE, 1, arrows[i], -1);
		narrate(&scn, &tr, k, buf, sizeof buf);
		CHECK(strstr(buf, "half-open") == NULL);
		CHECK(strstr(buf, "embryonic") != NULL);
	}
	trace_free(&tr);
}

/* A flood's SYN, spoofed, meets a full SYN queue when it arrives. */
static void flood_syn_is_told_by_its_fate(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t si = add_seg(&tr, 0, TH_SYN, 77, 0, 0);
	tr.segs[si].h.src = 0xc6336401; /* 198.51.100.1 */
	uint32_t k = add_rec(&tr, TR_SEG_SEND, 0, 0, (int32_t)si);
	add_rec(&tr, TR_SEG_ARRIVE, 1, 0, (int32_t)si);
	add_rec(&tr, TR_INFO, 1, INFO_SYN_QUEUE_FULL, (int32_t)si);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, "198.51.100.1") != NULL);
	CHECK(strstr(buf, "no room for it: it is dropped") != NULL);
	CHECK(strstr(buf, "fills") == NULL);
	trace_free(&tr);
}

static void time_wait_restart_and_crashed_host(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	add_rec(&tr, TR_STATE, 0, ARROW_FW2_FIN, -1);
	uint32_t a1 = add_rec(&tr, TR_TIMER_ARM, 0, TIMER_TIME_WAIT, -1);
	add_rec(&tr, TR_INFO, 0, INFO_TW_FIN_REACKED, -1);
	uint32_t a2 = add_rec(&tr, TR_TIMER_ARM, 0, TIMER_TIME_WAIT, -1);
	char buf[512];
	narrate(&scn, &tr, a1, buf, sizeof buf);
	CHECK(strstr(buf, "starts its TIME_WAIT timer") != NULL);
	narrate(&scn, &tr, a2, buf, sizeof buf);
	CHECK(strstr(buf, "restarts its TIME_WAIT timer") != NULL);
	/* a segment reaching a crashed host draws no RST */
	uint32_t c = add_rec(&tr, TR_INFO, 0, INFO_RST_RCVD_CLOSED, -1);
	narrate(&scn, &tr, c, buf, sizeof buf);
	CHECK(strstr(buf, "nothing answers") != NULL);
	CHECK(strstr(buf, "answers RST") == NULL);
	trace_free(&tr);
}

/* TIME_WAIT refusing a SYN: a new connect() (sent after TIME_WAIT began)
 * is not an old duplicate; one sent before it is */
static void a_refused_syn_is_new_or_old(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	add_rec(&tr, TR_STATE, 1, ARROW_FW2_FIN, -1); /* server: TIME_WAIT at 110 ms */
	uint32_t si = add_seg(&tr, 0, TH_SYN, 1000, 0, 0);
	uint32_t k = add_rec(&tr, TR_INFO, 1, INFO_TW_SYN_REFUSED, (int32_t)si);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf); /* sent at 100 ms */
	CHECK(strstr(buf, "An old duplicate SYN") != NULL);
	tr.segs[si].sent = 110 * SIMTIME_MS;
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK(strstr(buf, "A SYN for a new connection") != NULL);
	CHECK(strstr(buf, "old duplicate") == NULL);
	trace_free(&tr);
}

static void people_are_named_roles_take_the(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	snprintf(scn.hosts[0].name, SCN_NAME_MAX, "alice");
	trace_init(&tr);
	socks(&tr);
	uint32_t s = add_seg(&tr, 0, TH_SYN, 1000, 0, 0);
	uint32_t k = add_rec(&tr, TR_SEG_ARRIVE, 1, 0, (int32_t)s);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK_STR(buf, "alice's SYN reaches the server."); /* as written, never "Alice" */
	/* the same rule for every message: roles take "the", names stand alone as written */
	char b[64];
	snprintf(scn.hosts[1].name, SCN_NAME_MAX, "target");
	CHECK_STR(scn_host_phrase(&scn, 1, 1, b, sizeof b), "The target");
	snprintf(scn.hosts[1].name, SCN_NAME_MAX, "web2");
	CHECK_STR(scn_host_phrase(&scn, 1, 0, b, sizeof b), "the web2");
	CHECK_STR(scn_host_phrase(&scn, 0, 0, b, sizeof b), "alice");
	CHECK_STR(scn_host_phrase(&scn, 0, 1, b, sizeof b), "alice");
	trace_free(&tr);
}

/* A D-SACK (RFC 2883), the first SACK block below the ACK, is said; a
 * D-SACK of the SYN is the simultaneous open's (lesson 4). */
static void a_dsack_is_told(void)
{
	struct scenario scn;
	struct trace tr;
	two_hosts(&scn);
	trace_init(&tr);
	socks(&tr);
	uint32_t a = add_seg(&tr, 1, TH_ACK, 5001, 1001, 0);
	tr.segs[a].h.nsack = 1;
	tr.segs[a].h.sack[0][0] = 1000;
	tr.segs[a].h.sack[0][1] = 1001;
	uint32_t k = add_rec(&tr, TR_SEG_SEND, 1, 0, (int32_t)a);
	char buf[512];
	narrate(&scn, &tr, k, buf, sizeof buf);
	CHECK_STR(buf, "The server sends an ACK (ack 1): it has the client's SYN and no data yet, "
	               "and expects byte 1 next. Its SACK block {0:1} is a D-SACK (RFC 2883): the "
	               "client's SYN came a second time, in its SYN,ACK.");
	/* a block above the ACK is an ordinary SACK: nothing added */
	uint32_t b = add_seg(&tr, 1, TH_ACK, 5001, 1501, 0);
	tr.segs[b].h.nsack = 1;
	tr.segs[b].h.sack[0][0] = 2001;
	tr.segs[b].h.sack[0][1] = 2501;
	uint32_t k2 = add_rec(&tr, TR_SEG_SEND, 1, 0, (int32_t)b);
	narrate(&scn, &tr, k2, buf, sizeof buf);
	CHECK(strstr(buf, "D-SACK") == NULL);
	trace_free(&tr);
}

int main(void)
{
	RUN(syn_on_listening_port_is_told_like_a_teacher);
	RUN(time_wait_says_how_long_and_why);
	RUN(data_and_acks_use_relative_numbers);
	RUN(every_arrow_and_record_kind_says_something);
	RUN(forged_rst_is_told_by_what_follows);
	RUN(retransmission_says_the_wait_the_trace_shows);
	RUN(a_probe_is_not_a_timeout);
	RUN(embryos_are_not_half_open);
	RUN(flood_syn_is_told_by_its_fate);
	RUN(time_wait_restart_and_crashed_host);
	RUN(a_refused_syn_is_new_or_old);
	RUN(people_are_named_roles_take_the);
	RUN(a_dsack_is_told);
	return check_report("test_narrate");
}
