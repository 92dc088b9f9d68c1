/* test_tcp: one test per row of the transition table in TCP-FACTS.md:
 * force a connection into the row's state, inject the event, and check
 * the state entered, the segment sent and the error the application saw. */
#include "tcp_harness.h"

static void cut_link(struct scenario *scn)
{
	sb_fault(scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->to = 10000 * SEC;
}

static void closed_listen_goes_to_listen(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	struct sim *s = h_run(&scn, 1 * MS);
	CHECK_INT(h_state(s, S, 1), TCPS_LISTEN);
	CHECK_INT(h_arrow(s, S, 0), ARROW_PASSIVE_OPEN);
	sim_free(s);
	sb_free(&scn);
}

static void closed_connect_sends_syn_and_goes_to_syn_sent(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_SENT);
	const struct segment *g = h_sent(s, C, 0);
	CHECK(g && g->flags == TH_SYN && g->seq == CISN);
	sim_free(s);
	sb_free(&scn);
}

static void segment_to_no_socket_draws_rst(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	struct sim *s = h_run(&scn, 1 * MS);
	/* ACK off: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><RST,ACK> */
	uint32_t m = h_inject(s, S, 40000, 81, TH_SYN, 777, 0, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_RST | TH_ACK) && g->seq == 0 && g->ack == 778);
	/* ACK on: <SEQ=SEG.ACK><RST> */
	m = h_inject(s, S, 40000, 81, TH_ACK | TH_PSH, 777, 4242, 10);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_RST && g->seq == 4242);
	/* never answer a RST */
	m = h_inject(s, S, 40000, 81, TH_RST, 777, 0, 0);
	CHECK_INT(h_nsent(s, S, m), 0);
	sim_free(s);
	sb_free(&scn);
}

static void listen_syn_goes_to_syn_rcvd_with_synack(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	struct sim *s = h_run(&scn, 1 * MS);
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_SYN_RCVD);
	CHECK_INT(h_state(s, S, 1), TCPS_LISTEN);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_SYN | TH_ACK) && g->seq == SISN && g->ack == 901);
	CHECK_INT(h_arrow(s, S, m), ARROW_LISTEN_SYN);
	sim_free(s);
	sb_free(&scn);
}

static void listen_ack_draws_rst_and_rst_is_ignored(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[S].params.syncookies = 0;
	struct sim *s = h_run(&scn, 1 * MS);
	uint32_t m = h_inject(s, S, 40000, 80, TH_ACK, 900, 31337, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_RST && g->seq == 31337);
	CHECK_INT(h_state(s, S, 1), TCPS_LISTEN);
	m = h_inject(s, S, 40000, 80, TH_RST, 900, 0, 0);
	CHECK_INT(h_nsent(s, S, m), 0);
	CHECK_INT(h_state(s, S, 1), TCPS_LISTEN);
	sim_free(s);
	sb_free(&scn);
}

static void listen_close_goes_to_closed(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	sb_at(&scn, 50 * MS, S, ACT_CLOSE);
	struct sim *s = h_run(&scn, 60 * MS);
	CHECK_INT(h_state(s, S, 1), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, S, 0), ARROW_LISTEN_CLOSE);
	/* the port is really closed now: a SYN draws RST,ACK, no socket is made */
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_RST | TH_ACK) && g->ack == 901);
	CHECK(sock_conn(s, S, 2) < 0);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_synack_goes_to_established_with_ack(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_SYN | TH_ACK, 7000, CISN + 1, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK && g->seq == CISN + 1 && g->ack == 7001);
	CHECK_INT(h_arrow(s, C, m), ARROW_SYNSENT_SYNACK);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_syn_goes_to_syn_rcvd_same_iss(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_SYN, 7000, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_RCVD);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == (TH_SYN | TH_ACK) && g->seq == CISN && g->ack == 7001);
	CHECK_INT(h_arrow(s, C, m), ARROW_SYNSENT_SYN);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_bad_ack_draws_rst_and_stays(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_ACK, 7000, 99, 0);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_RST && g->seq == 99);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_SENT);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_rst_with_good_ack_is_refused(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST | TH_ACK, 0, CISN + 1, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_error(s, C, m), SE_ECONNREFUSED);
	CHECK_INT(h_nsent(s, C, m), 0);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_rst_without_ack_is_dropped(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, 0, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_SENT);
	CHECK_INT(h_error(s, C, m), 0);
	sim_free(s);
	sb_free(&scn);
}

static void a_refused_socket_no_longer_answers(void)
{
	/* regression: the first socket in the hash table was filed twice, so a
	 * deleted connection still caught segments */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	/* nobody listens: the client's socket is the first one filed */
	scn.events[0].act.kind = ACT_READ;
	scn.events[0].act.host = C;
	h_connect(&scn, 100 * MS);
	struct sim *s = h_run(&scn, 200 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	uint32_t m = h_inject(s, C, 80, 40000, TH_SYN, 7000, 0, 0);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == (TH_RST | TH_ACK) && g->ack == 7001);
	sim_free(s);
	sb_free(&scn);
}

static void syn_sent_close_sends_nothing(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	sb_at(&scn, 150 * MS, C, ACT_CLOSE);
	struct sim *s = h_run(&scn, 140 * MS);
	uint32_t m = s->tr.n;
	sim_run_until(s, 160 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_nsent(s, C, m), 0);
	CHECK_INT(h_arrow(s, C, m), ARROW_SYNSENT_CLOSE);
	sim_free(s);
	sb_free(&scn);
}

/* The connection reaches ESTABLISHED on both sides at 130 ms. */
static struct sim *established(struct scenario *scn, int profile)
{
	h_scenario(scn, profile);
	h_connect(scn, 100 * MS);
	return h_run(scn, 200 * MS);
}

static void syn_rcvd_ack_goes_to_established(void)
{
	struct scenario scn;
	struct sim *s = established(&scn, PROFILE_LINUX);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	CHECK_INT(h_state(s, S, 2), TCPS_ESTABLISHED);
	CHECK_INT(h_arrow(s, S, 0), ARROW_SYNRCVD_ACK);
	sim_free(s);
	sb_free(&scn);
}

static void syn_rcvd_rst_returns_to_listen(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	struct sim *s = h_run(&scn, 1 * MS);
	h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	CHECK_INT(sock_at(s, s->hosts[S].socks[0])->syn_queue, 1);
	uint32_t m = h_inject(s, S, 40000, 80, TH_RST, 901, 0, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_state(s, S, 1), TCPS_LISTEN);
	CHECK_INT(h_arrow(s, S, m), ARROW_SYNRCVD_RST);
	CHECK_INT(sock_at(s, s->hosts[S].socks[0])->syn_queue, 0);
	CHECK_INT(h_error(s, S, m), 0);
	sim_free(s);
	sb_free(&scn);
}

/* RFC 9293 3.10.7.4: a RST in a SYN_RCVD that came from SYN_SENT means the
 * connection was refused; Linux's tcp_reset() says ECONNRESET (only
 * SYN_SENT gives ECONNREFUSED). */
static void syn_rcvd_from_syn_sent_rst_is_refused(void)
{
	for (int prof = 0; prof < 2; prof++) {
		struct scenario scn;
		h_scenario(&scn, prof ? PROFILE_RFC9293 : PROFILE_LINUX);
		h_connect(&scn, 100 * MS);
		cut_link(&scn);
		struct sim *s = h_run(&scn, 100 * MS);
		h_inject(s, C, 80, 40000, TH_SYN, 7000, 0, 0);
		uint32_t m = h_inject(s, C, 80, 40000, TH_RST, 7001, 0, 0);
		CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
		CHECK_INT(h_error(s, C, m), prof ? SE_ECONNREFUSED : SE_ECONNRESET);
		sim_free(s);
		sb_free(&scn);
	}
}

static void syn_rcvd_close_sends_fin(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	sb_on(&scn, S, TCPS_SYN_RCVD, 0, S, ACT_CLOSE);
	struct sim *s = h_run(&scn, 1 * MS);
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	sim_run_until(s, 2 * MS);
	CHECK_INT(h_state(s, S, 2), TCPS_FIN_WAIT_1);
	int fins = 0;
	for (uint32_t i = m; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_SEG_SEND &&
		    (s->tr.segs[s->tr.recs[i].seg].h.flags & TH_FIN))
			fins++;
	CHECK_INT(fins, 1);
	CHECK_INT(h_arrow(s, S, m), ARROW_SYNRCVD_CLOSE);
	sim_free(s);
	sb_free(&scn);
}

static void established_fin_goes_to_close_wait_with_ack(void)
{
	struct scenario scn;
	struct sim *s = established(&scn, PROFILE_LINUX);
	uint32_t m = h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 1, SISN + 1, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSE_WAIT);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->ack == CISN + 2);
	CHECK_INT(h_arrow(s, S, m), ARROW_EST_FIN);
	sim_free(s);
	sb_free(&scn);
}

static void established_close_sends_fin_after_queued_data(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	/* queued while the handshake is under way */
	sb_at(&scn, 100 * MS, C, ACT_SEND)->nbytes = 3000;
	sb_at(&scn, 100 * MS, C, ACT_CLOSE);
	struct sim *s = h_run(&scn, 110 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_SENT);
	uint32_t m = s->tr.n;
	sim_run_until(s, 120 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_FIN_WAIT_1);
	/* 1460 + 1460 + 80 bytes, the FIN riding on the last one at seq 3001 */
	const struct trace_seg *last = NULL;
	int n = 0;
	for (uint32_t i = m; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_SEG_SEND && s->tr.recs[i].host == C &&
		    s->tr.segs[s->tr.recs[i].seg].h.len > 0) {
			last = &s->tr.segs[s->tr.recs[i].seg];
			n++;
		}
	CHECK_INT(n, 3);
	CHECK(last && (last->h.flags & TH_FIN) && last->h.seq == CISN + 1 + 2920 &&
	      last->h.len == 80);
	sim_free(s);
	sb_free(&scn);
}

/* Client closes at 300 ms; its FIN reaches the server at 310 ms. */
static struct sim *fin_wait_1(struct scenario *scn)
{
	h_scenario(scn, PROFILE_LINUX);
	h_connect(scn, 100 * MS);
	sb_at(scn, 300 * MS, C, ACT_CLOSE);
	sb_fault(scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->from = 299 * MS;
	scn->faults[0].to = 10000 * SEC;
	return h_run(scn, 300 * MS);
}

static void fin_wait_1_ack_goes_to_fin_wait_2(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	CHECK_INT(h_state(s, C, 1), TCPS_FIN_WAIT_1);
	uint32_t m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1, CISN + 2, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_FIN_WAIT_2);
	CHECK_INT(h_arrow(s, C, m), ARROW_FW1_ACK);
	sim_free(s);
	sb_free(&scn);
}

static void fin_wait_1_fin_without_ack_goes_to_closing(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 1, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSING);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && (g->flags & TH_ACK) && g->ack == SISN + 2);
	CHECK_INT(h_arrow(s, C, m), ARROW_FW1_FIN);
	/* CLOSING: the ACK of our FIN -> TIME_WAIT */
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 2, CISN + 2, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	CHECK_INT(h_arrow(s, C, m), ARROW_CLOSING_ACK);
	sim_free(s);
	sb_free(&scn);
}

static void fin_wait_1_fin_ack_goes_straight_to_time_wait(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	CHECK_INT(h_arrow(s, C, m), ARROW_FW1_FINACK);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK && g->ack == SISN + 2);
	CHECK(sock_at(s, sock_conn(s, C, 1))->timers[TIMER_TIME_WAIT].armed);
	sim_free(s);
	sb_free(&scn);
}

/* A retransmission timeout while data and the FIN are outstanding resends
 * from SND.UNA one MSS at a time; a FIN,ACK that acknowledges the FIN before
 * it went again must still count as the ACK of our FIN (issue 13: the FIN
 * was forgotten, FIN_WAIT_1 went to CLOSING and a second FIN followed). */
static void fin_acked_before_its_retransmission_still_counts(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_SEND)->nbytes = 3000;
	sb_at(&scn, 300 * MS, C, ACT_CLOSE);
	sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->from = 299 * MS;
	scn.faults[0].to = 10000 * SEC;
	struct sim *s = h_run(&scn, 3 * SEC);
	CHECK_INT(h_state(s, C, 1), TCPS_FIN_WAIT_1);
	CHECK(h_info(s, INFO_RETRANSMIT, 0)); /* the timer has fired */
	uint32_t m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 1 + 3000 + 1, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	CHECK_INT(h_arrow(s, C, m), ARROW_FW1_FINACK);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK && g->ack == SISN + 2 && g->seq == CISN + 3002);
	sim_run_until(s, 10 * SEC);
	for (uint32_t i = m; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_SEG_SEND && s->tr.recs[i].host == C)
			CHECK(!(s->tr.segs[s->tr.recs[i].seg].h.flags & TH_FIN));
	sim_free(s);
	sb_free(&scn);
}

static void fin_wait_2_fin_goes_to_time_wait_then_closed_after_2msl(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	h_inject(s, C, 80, 40000, TH_ACK, SISN + 1, CISN + 2, 0);
	uint32_t m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	CHECK_INT(h_arrow(s, C, m), ARROW_FW2_FIN);
	/* Linux: 2MSL is 60 s (15000 jiffies), which the timer wheel's level 3
	 * (512-jiffy slots) fires at the next slot past it: 15360 jiffies */
	sim_run_until(s, 300 * MS + 61440 * MS - 1);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	m = s->tr.n;
	sim_run_until(s, 300 * MS + 61440 * MS);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, C, m), ARROW_TW_TIMEOUT);
	sim_free(s);
	sb_free(&scn);
}

/* A timer armed on a known tick grid (sim_options' ticks, as a kernel
 * recording gives them) fires where the kernel's timer wheel fires it:
 * kernel/time/timer.c calc_wheel_index and calc_index. */
static void linux_timers_follow_a_known_tick_grid(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	/* jiffies 1000 (a multiple of 8) at the tick 1 ms before time 0:
	 * the ticks fall at 3, 7, 11 ... ms, jiffies 1001, 1002, 1003 ... */
	struct sim_options o = {.ticks_set = 1, .tick_jiffies = 1000, .tick_before_zero = 1 * MS};
	struct sim *s = sim_new(&scn, &o);
	sim_run_until(s, 10 * MS); /* inside jiffy 1002 (the tick of 7 ms) */
	int32_t h = sock_conn(s, S, 1);
	struct tcp_timer *tm = &sock_at(s, h)->timers[TIMER_KEEPALIVE];
	/* 40 ms = 10 jiffies, level 0: the bucket after jiffy 1012, so the
	 * tick of jiffy 1013, at 51 ms (44 ms after its arming tick, 41 ms
	 * after the arming instant) */
	timer_arm(s, h, TIMER_KEEPALIVE, 40 * MS);
	CHECK_INT(tm->expiry, 51 * MS);
	/* 460 ms = 115 jiffies, level 1 (8-jiffy buckets): expires 1117,
	 * rounded up to the bucket of 1120, at 479 ms */
	timer_arm(s, h, TIMER_KEEPALIVE, 460 * MS);
	CHECK_INT(tm->expiry, 479 * MS);
	/* 63 jiffies: level 1 from a segment (distance 63), so 1065 rounds
	 * up to 1072 (287 ms); level 0 from a timer's expiry, when the
	 * wheel's clock runs one ahead (distance 62): jiffy 1066, 263 ms */
	timer_arm(s, h, TIMER_KEEPALIVE, 252 * MS);
	CHECK_INT(tm->expiry, 287 * MS);
	s->in_timer = 1;
	timer_arm(s, h, TIMER_KEEPALIVE, 252 * MS);
	CHECK_INT(tm->expiry, 263 * MS);
	s->in_timer = 0;
	timer_cancel(s, h, TIMER_KEEPALIVE);
	sim_free(s);
	/* without a grid the arming instant is a boundary of every bucket:
	 * 40 ms fires after 44, 460 ms after 480 */
	s = sim_new(&scn, NULL);
	sim_run_until(s, 10 * MS);
	tm = &sock_at(s, h)->timers[TIMER_KEEPALIVE];
	timer_arm(s, h, TIMER_KEEPALIVE, 40 * MS);
	CHECK_INT(tm->expiry, 54 * MS);
	timer_arm(s, h, TIMER_KEEPALIVE, 460 * MS);
	CHECK_INT(tm->expiry, 490 * MS);
	timer_cancel(s, h, TIMER_KEEPALIVE);
	sim_free(s);
	sb_free(&scn);
}

static void close_wait_close_sends_fin_and_last_ack_ack_closes(void)
{
	struct scenario scn;
	struct sim *s = established(&scn, PROFILE_LINUX);
	h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 1, SISN + 1, 0);
	scn.events[0].act.kind = ACT_LISTEN; /* keep the scenario unchanged */
	int32_t h = sock_conn(s, S, 2);
	struct tcb *t = sock_at(s, h);
	CHECK_INT(t->state, TCPS_CLOSE_WAIT);
	/* the application closes: a scenario action on server.2 */
	struct scenario scn2 = scn;
	(void)scn2;
	uint32_t m = s->tr.n;
	t->orphan = 1;
	t->shut_wr = 1;
	t->fin_queued = 1;
	state_change(s, h, ARROW_CW_CLOSE, by_call(-1));
	tcp_output(s, h);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && (g->flags & TH_FIN) && g->seq == SISN + 1);
	m = h_inject(s, S, 40000, 80, TH_ACK, CISN + 2, SISN + 2, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, S, m), ARROW_LASTACK_ACK);
	sim_free(s);
	sb_free(&scn);
}

static void time_wait_reacks_retransmitted_fin_and_restarts_2msl(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	sim_run_until(s, 30 * SEC);
	struct tcb *t = sock_at(s, sock_conn(s, C, 1));
	simtime_t before = t->timers[TIMER_TIME_WAIT].expiry;
	uint32_t m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK && g->ack == SISN + 2);
	CHECK_INT(t->timers[TIMER_TIME_WAIT].expiry, 30 * SEC + 61440 * MS); /* 60 s, wheel */
	CHECK(t->timers[TIMER_TIME_WAIT].expiry > before);
	CHECK(h_info(s, INFO_TW_FIN_REACKED, m));
	sim_free(s);
	sb_free(&scn);
}

static void valid_rst_resets_with_econnreset_or_epipe(void)
{
	struct scenario scn;
	struct sim *s = established(&scn, PROFILE_LINUX);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 1, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_error(s, C, m), SE_ECONNRESET);
	CHECK_INT(h_arrow(s, C, m), ARROW_RST);
	sim_free(s);
	sb_free(&scn);
	/* in CLOSE_WAIT the application sees EPIPE */
	s = established(&scn, PROFILE_LINUX);
	h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 1, SISN + 1, 0);
	m = h_inject(s, S, 40000, 80, TH_RST, CISN + 2, 0, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_error(s, S, m), SE_EPIPE);
	sim_free(s);
	sb_free(&scn);
}

/* RFC 9293 3.10.5 ABORT: <SEQ=SND.NXT><CTL=RST>; Linux's
 * tcp_send_active_reset(): RST,ACK at SND.NXT, ACK = RCV.NXT, with TS. */
static void abort_sends_rst_at_snd_nxt(void)
{
	for (int prof = 0; prof < 2; prof++) {
		struct scenario scn;
		h_scenario(&scn, prof ? PROFILE_RFC9293 : PROFILE_LINUX);
		h_connect(&scn, 100 * MS);
		sb_at(&scn, 300 * MS, C, ACT_ABORT);
		struct sim *s = h_run(&scn, 299 * MS);
		uint32_t m = s->tr.n;
		sim_run_until(s, 300 * MS);
		const struct segment *g = h_sent(s, C, m);
		if (prof)
			CHECK(g && g->flags == TH_RST && g->seq == CISN + 1 && !g->opt_ts);
		else
			CHECK(g && g->flags == (TH_RST | TH_ACK) && g->seq == CISN + 1 &&
			      g->ack == SISN + 1);
		CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
		CHECK_INT(h_arrow(s, C, m), ARROW_ABORT);
		sim_run_until(s, 320 * MS);
		CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
		CHECK_INT(h_error(s, S, m), SE_ECONNRESET);
		sim_free(s);
		sb_free(&scn);
	}
}

static void time_wait_rst_ends_it_unless_rfc1337(void)
{
	for (int rfc1337 = 0; rfc1337 <= 1; rfc1337++) {
		struct scenario scn;
		struct sim *s = fin_wait_1(&scn);
		s->hosts[C].p.rfc1337 = rfc1337;
		h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
		uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 2, 0, 0);
		CHECK_INT(h_state(s, C, 1), rfc1337 ? TCPS_TIME_WAIT : TCPS_CLOSED);
		if (!rfc1337)
			CHECK_INT(h_arrow(s, C, m), ARROW_TW_RST);
		sim_free(s);
		sb_free(&scn);
	}
}

static void time_wait_new_syn_reopens_with_isn_plus_65537(void)
{
	/* the server closes first, so the server holds TIME_WAIT */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, S, ACT_CLOSE)->conn = 2;
	sb_on(&scn, C, TCPS_CLOSE_WAIT, 0, C, ACT_CLOSE);
	struct sim *s = h_run(&scn, 1 * SEC);
	CHECK_INT(h_state(s, S, 2), TCPS_TIME_WAIT);
	uint32_t old_nxt = sock_at(s, sock_conn(s, S, 2))->snd_nxt;
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, CISN + 100000, 0, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_state(s, S, 3), TCPS_SYN_RCVD);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_SYN | TH_ACK) && g->seq == old_nxt + 65537);
	sim_free(s);
	sb_free(&scn);
}

static void syn_schedules_match_linux_and_rfc(void)
{
	/* Linux asks for 0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67 s; its timer wheel
	 * fires each wait at the next slot of its level past it (1 s: 1.024 s,
	 * 2 s: 2.016 s, 4 s: 4.096 s, 8 s: 8.192 s, 16 s: 16.128 s, 32 s:
	 * 32.768 s), as the kernel did in tests/kernel/syn-blackhole */
	static const double linux_t[] = {0,     1.024,  2.048,  3.072,  4.096, 5.120,
	                                 7.136, 11.232, 19.424, 35.552, 68.320};
	/* RFC 9293 3.8.3 MUST-23: at least 3 minutes of SYNs (RTO capped at 60 s) */
	static const double rfc_t[] = {0, 1, 3, 7, 15, 31, 63, 123};
	for (int prof = 0; prof < 2; prof++) {
		struct scenario scn;
		h_scenario(&scn, prof == 0 ? PROFILE_LINUX : PROFILE_RFC9293);
		h_connect(&scn, 0);
		sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->to = 10000 * SEC;
		struct sim *s = sim_new(&scn, NULL);
		sim_run(s);
		const double *want = prof == 0 ? linux_t : rfc_t;
		int nwant = prof == 0 ? 11 : 8, n = 0;
		simtime_t fail = -1;
		for (uint32_t i = 0; i < s->tr.n; i++) {
			const struct trace_rec *r = &s->tr.recs[i];
			if (r->kind == TR_SEG_SEND && r->host == C) {
				if (n < nwant)
					CHECK_INT(r->t, (simtime_t)(want[n] * SEC));
				n++;
			}
			if (r->kind == TR_APP_ERROR && r->u.error.err == SE_ETIMEDOUT)
				fail = r->t;
		}
		CHECK_INT(n, nwant);
		CHECK_INT(fail, prof == 0 ? 133856 * MS : 183 * SEC); /* 131 s asked, wheel */
		sim_free(s);
		sb_free(&scn);
	}
}

static void synack_retries_give_up_at_63s(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->to = 10000 * SEC;
	struct sim *s = h_run(&scn, 0);
	h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	sim_run(s);
	/* 0, 1, 3, 7, 15, 31 s asked; on the timer wheel: */
	static const simtime_t want[] = {0,         1024 * MS,  3040 * MS,
	                                 7136 * MS, 15328 * MS, 31456 * MS};
	int n = 0;
	simtime_t gone = -1;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		if (r->kind == TR_SEG_SEND && r->host == S) {
			if (n < 6)
				CHECK_INT(r->t, want[n]);
			n++;
		}
		if (r->kind == TR_STATE && r->sub == ARROW_SYNRCVD_TIMEOUT)
			gone = r->t;
	}
	CHECK_INT(n, 6);
	CHECK_INT(gone, 64224 * MS); /* 63 s asked */
	sim_free(s);
	sb_free(&scn);
}

static void sequence_numbers_wrap_mid_transfer(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[C].params.isn = 0xFFFFF000u;
	scn.link[0].loss_ppm = 50000; /* 5% */
	scn.seed = 3;
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 200000;
	sb_at(&scn, 200 * MS, C, ACT_CLOSE);
	sb_on(&scn, S, TCPS_CLOSE_WAIT, 0, S, ACT_CLOSE);
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	const struct tcb *srv = sock_at(s, sock_conn(s, S, 2));
	CHECK_INT(srv->bytes_received, 200000);
	CHECK_INT(srv->rcv_nxt, (uint32_t)(0xFFFFF000u + 1 + 200000 + 1));
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	int retx = 0;
	for (uint32_t i = 0; i < s->tr.nsegs; i++)
		retx += s->tr.segs[i].retx;
	CHECK(retx > 0);
	sim_free(s);
	sb_free(&scn);
}

static simtime_t error_time(struct sim *s, int host, int err)
{
	for (uint32_t i = 0; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_APP_ERROR && s->tr.recs[i].host == host &&
		    s->tr.recs[i].u.error.err == err)
			return s->tr.recs[i].t;
	return -1;
}

/* The sender looks only s->send_view bytes into its queue (1 GiB in a run,
 * so that sequence numbers stay unambiguous); a queue larger than the view
 * is delivered exactly, and the FIN follows its last byte, not the view's
 * edge (issue 13: more than 4 GiB queued was sent modulo 2^32). */
static void sends_larger_than_the_view_are_delivered_exactly(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	for (int i = 0; i < 3; i++)
		sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 250000;
	sb_at(&scn, 200 * MS, C, ACT_CLOSE);
	sb_on(&scn, S, TCPS_CLOSE_WAIT, 0, S, ACT_CLOSE);
	struct sim *s = sim_new(&scn, NULL);
	s->send_view = 64 * 1024;
	sim_run_until(s, 30 * SEC);
	CHECK_INT(sock_at(s, sock_conn(s, S, 2))->bytes_received, 750000);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	int fins = 0;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		const struct segment *g = r->kind == TR_SEG_SEND ? &s->tr.segs[r->seg].h : NULL;
		if (g && r->host == C && (g->flags & TH_FIN)) {
			fins++;
			CHECK_INT(g->seq + g->len, CISN + 1 + 750000);
		}
	}
	CHECK_INT(fins, 1);
	sim_free(s);
	sb_free(&scn);
}

/* Extreme but accepted parameters (docs/scenario-format.md: times up to
 * about 31 years, retries up to 255): the schedules are computed in 64-bit
 * microseconds and saturate at SIMTIME_MAX instead of overflowing (UBSan
 * runs these in scripts/test). */
static void extreme_timer_parameters_saturate(void)
{
	struct tcp_params p;
	profile_defaults(PROFILE_LINUX, &p);
	p.rto_min = 1 * MS;
	p.rto_max = 1000000000 * SEC;
	/* 39 doublings from 1 ms stay under rto_max (2^40 ms does not); then one rto_max */
	CHECK(rto_data_give_up(&p, 40) == (((simtime_t)1 << 40) - 1) * MS + p.rto_max);
	CHECK(rto_data_give_up(&p, 255) == SIMTIME_MAX || rto_data_give_up(&p, 255) > 0);
	p.rto_initial = 100000000 * SEC;
	CHECK(rto_syn_give_up(&p, 4, 30) > 0);
	CHECK(rto_syn_interval(&p, 0, 30) == p.rto_max); /* a SYN waits no more than rto_max */
	/* and a run with them: a SYN into a cut link, retried for ever */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[C].params.rto_initial = p.rto_initial;
	scn.hosts[C].params.rto_max = p.rto_max;
	scn.hosts[C].params.syn_retries = 30;
	scn.hosts[C].params.data_retries = 255;
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 3600 * SEC);
	CHECK_INT(h_state(s, C, 1), TCPS_SYN_SENT);
	sim_free(s);
	sb_free(&scn);
}

static void data_retransmission_gives_up_like_linux(void)
{
	/* tcp_retries2 = 15: the time limit is 924.6 s (doubling from 200 ms up
	 * to 120 s, tcp_model_timeout); the RTO after the handshake's 20 ms RTT
	 * sample is 220 ms (tcp_rtt_estimator), 55 jiffies, doubling to 110,
	 * 220 ... 28160 jiffies, then 120 s; the timer wheel fires each at the
	 * next slot of its level: after 0.224, 0.448, 0.896 ... 57.344,
	 * 114.688 s, then every 120.832 s, so the expiries come 0.224, 0.672,
	 * 1.568, ... 114.464, 229.152 s, then every 120.832 s: the first past
	 * the limit is 954.144 s after the send */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_SEND)->nbytes = 100;
	struct scn_fault *f = sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0);
	f->from = 250 * MS;
	f->to = 100000 * SEC;
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	CHECK_INT(error_time(s, C, SE_ETIMEDOUT), 300 * MS + 954144 * MS);
	sim_free(s);
	sb_free(&scn);
	/* an orphan (closed by its application) tries 8 times, a 102.2 s limit:
	 * the expiry at 114.464 s is the first past it */
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_CLOSE);
	f = sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0);
	f->from = 250 * MS;
	f->to = 100000 * SEC;
	s = sim_new(&scn, NULL);
	sim_run(s);
	simtime_t gone = -1;
	for (uint32_t i = 0; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_STATE && s->tr.recs[i].host == C &&
		    s->tr.recs[i].u.state.from == TCPS_FIN_WAIT_1)
			gone = s->tr.recs[i].t;
	CHECK_INT(gone, 300 * MS + 114464 * MS);
	sim_free(s);
	sb_free(&scn);
}

/* ---- Linux's connection side (issue 9): queues, request socks,
 * TIME_WAIT, PAWS, resets and give-ups ---- */

/* Sends of `host` after mark with these flags, counted. */
static int h_nflags(struct sim *s, int host, uint32_t mark, uint8_t flags)
{
	int n = 0;
	for (uint32_t i = mark; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		n += r->kind == TR_SEG_SEND && r->host == host &&
		     s->tr.segs[r->seg].h.flags == flags;
	}
	return n;
}

/* The time of the n-th (from 1) segment of `host` with these flags, or -1. */
static simtime_t h_sent_at(struct sim *s, int host, uint8_t flags, int n)
{
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		if (r->kind == TR_SEG_SEND && r->host == host &&
		    s->tr.segs[r->seg].h.flags == flags && --n == 0)
			return r->t;
	}
	return -1;
}

static struct tcb *listener_of(struct sim *s)
{
	return sock_at(s, s->hosts[S].socks[0]);
}

/* sk_acceptq_is_full(): with listen(fd, 1) and no accept(), Linux completes
 * backlog + 1 = 2 handshakes and drops later SYNs without an answer
 * (tcp_conn_request); an accept frees a slot for the client's retry. */
static void accept_queue_takes_backlog_plus_one_then_drops_syns(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.events[0].act.backlog = 1;
	scn.events[0].act.accept_off = 1;
	for (int i = 0; i < 3; i++) {
		struct scn_action *a = sb_at(&scn, (100 + 100 * i) * MS, C, ACT_CONNECT);
		a->port = 80;
		a->from_port = (uint16_t)(40000 + i);
	}
	sb_at(&scn, 1500 * MS, S, ACT_ACCEPT);
	struct sim *s = h_run(&scn, 1 * SEC);
	CHECK_INT(h_state(s, S, 2), TCPS_ESTABLISHED);
	CHECK_INT(h_state(s, S, 3), TCPS_ESTABLISHED);
	CHECK_INT(h_state(s, C, 3), TCPS_SYN_SENT);
	CHECK_INT(listener_of(s)->accept_queue, 2);
	CHECK(h_info(s, INFO_ACCEPT_QUEUE_FULL_SYN, 0));
	CHECK_INT(h_nflags(s, S, 0, TH_SYN | TH_ACK), 2);
	sim_run_until(s, 2500 * MS); /* accept at 1.5 s; the SYN again at 2.3 s */
	CHECK_INT(listener_of(s)->accept_queue, 2);
	CHECK_INT(h_state(s, C, 3), TCPS_ESTABLISHED);
	CHECK_INT(h_state(s, S, 4), TCPS_ESTABLISHED);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_check_req(): the third ACK finds the accept queue full: dropped
 * (the embryo keeps resending SYN,ACKs), or with tcp_abort_on_overflow a
 * RST <SEQ=SEG.ACK> and the embryo is gone. */
static void third_ack_on_a_full_accept_queue(void)
{
	for (int abort = 0; abort <= 1; abort++) {
		struct scenario scn;
		h_scenario(&scn, PROFILE_LINUX);
		scn.hosts[S].params.abort_on_overflow = abort;
		scn.events[0].act.backlog = 1;
		scn.events[0].act.accept_off = 1;
		int at[] = {100, 200, 205};
		for (int i = 0; i < 3; i++) {
			struct scn_action *a = sb_at(&scn, at[i] * MS, C, ACT_CONNECT);
			a->port = 80;
			a->from_port = (uint16_t)(40000 + i);
		}
		struct sim *s = h_run(&scn, 230 * MS);
		uint32_t m = s->tr.n;
		sim_run_until(s, 236 * MS); /* the third connection's ACK at 235 ms */
		CHECK(h_info(s, INFO_ACCEPT_QUEUE_FULL, m));
		if (abort) {
			const struct segment *g = h_sent(s, S, m);
			CHECK(g && g->flags == TH_RST && g->seq == SISN + 1);
			CHECK_INT(h_state(s, S, 4), TCPS_CLOSED);
			CHECK_INT(h_arrow(s, S, m), ARROW_SYNRCVD_OVERFLOW);
			sim_run_until(s, 300 * MS);
			CHECK_INT(h_state(s, C, 3), TCPS_CLOSED);
			CHECK_INT(h_error(s, C, m), SE_ECONNRESET);
		} else {
			CHECK_INT(h_nsent(s, S, m), 0);
			CHECK_INT(h_state(s, S, 4), TCPS_SYN_RCVD);
			CHECK_INT(h_sock(s, S, 4)->acked, 1);
			sim_run_until(s, 1300 * MS);
			CHECK_INT(h_nflags(s, S, m, TH_SYN | TH_ACK),
			          1); /* the timer's, at 1.215 s */
		}
		sim_free(s);
		sb_free(&scn);
	}
}

/* reqsk_timer_handler(): with more than half of the SYN queue old, old
 * embryos get only 2 SYN,ACK retries and die 7 s after their SYN, until the
 * queue is half empty; the rest keep the 5 retries (gone at 63 s, 64.224 s
 * on the timer wheel). */
static void old_embryos_are_pruned_when_the_syn_queue_is_half_full(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[S].params.syncookies = 0;
	scn.events[0].act.backlog = 8; /* room for 9 */
	cut_link(&scn);
	struct sim *s = h_run(&scn, 1 * MS);
	for (int i = 0; i < 10; i++)
		h_inject(s, S, (uint16_t)(41000 + i), 80, TH_SYN, 900, 0, 0);
	CHECK_INT(listener_of(s)->syn_queue, 9); /* the 10th found the queue full */
	sim_run_until(s, 6900 * MS);
	CHECK_INT(listener_of(s)->syn_queue, 9);
	sim_run_until(s, 8 * SEC);
	CHECK_INT(listener_of(s)->syn_queue, 4);
	sim_run_until(s, 62 * SEC);
	CHECK_INT(listener_of(s)->syn_queue, 4);
	sim_run_until(s, 65 * SEC);
	CHECK_INT(listener_of(s)->syn_queue, 0);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_check_req(): a retransmitted SYN draws one SYN,ACK (at most one per
 * 500 ms) and pushes the request's timer a full timeout back. */
static void retransmitted_syn_draws_one_synack_and_pushes_the_timer(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 1 * MS);
	h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	sim_run_until(s, 500 * MS);
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_SYN | TH_ACK) && g->seq == SISN && g->ack == 901);
	sim_run_until(s, 600 * MS);
	m = h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	CHECK_INT(h_nsent(s, S, m), 0);
	CHECK(h_info(s, INFO_ACK_RATELIMITED, m));
	m = s->tr.n;
	sim_run_until(s, 1400 * MS);
	CHECK_INT(h_nsent(s, S, m), 0); /* not at 1.025 s: pushed back to 1.5 s */
	sim_run_until(s, 1600 * MS);
	CHECK_INT(h_nflags(s, S, m, TH_SYN | TH_ACK), 1);
	CHECK_INT(h_sent_at(s, S, TH_SYN | TH_ACK, 3), 1524 * MS); /* 1 s on the wheel */
	sim_free(s);
	sb_free(&scn);
}

/* tcp_check_req(): a SYN inside the embryo's window resets it with the RST
 * that answers the SYN (<SEQ=0><ACK=SEG.SEQ+1>); a RST inside the window
 * but not at RCV.NXT draws an ACK and the embryo lives (Linux 6.18.44, the
 * m-syn-rcvd recording); an out-of-window ACK draws the embryo's ACK; an
 * ACK of something else, the listener's RST. */
static void segments_into_an_embryo(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 1 * MS);
	h_inject(s, S, 40000, 80, TH_SYN, 900, 0, 0);
	uint32_t m = h_inject(s, S, 40000, 80, TH_RST, 1000, 0, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->seq == SISN + 1 && g->ack == 901);
	CHECK_INT(h_state(s, S, 2), TCPS_SYN_RCVD);
	sim_run_until(s, 600 * MS);
	m = h_inject(s, S, 40000, 80, TH_ACK, 900 + 10000000, SISN + 1, 0);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->seq == SISN + 1 && g->ack == 901);
	m = h_inject(s, S, 40000, 80, TH_ACK, 901, SISN + 77, 0);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_RST && g->seq == SISN + 77);
	CHECK_INT(h_state(s, S, 2), TCPS_SYN_RCVD);
	m = h_inject(s, S, 40000, 80, TH_SYN, 1000, 0, 0);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_RST | TH_ACK) && g->seq == 0 && g->ack == 1001);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, S, m), ARROW_SYNRCVD_SYN);
	CHECK_INT(listener_of(s)->syn_queue, 0);
	sim_free(s);
	sb_free(&scn);
}

/* The first SYN,ACK is lost.  The client's SYN timer and the server's
 * request timer run out at the same instant (the SYN then arrives as the
 * timer fires): two SYN,ACKs, as the kernel sent in `lost-synack`. */
static void lost_synack_gets_two_synacks_when_the_timers_tie(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_fault(&scn, FAULT_DROP_MATCH, DIR_BA, MATCH_SYNACK, 1);
	struct sim *s = h_run(&scn, 2 * SEC);
	/* both 1 s timers fire after 1.024 s on the timer wheel */
	CHECK_INT(h_sent_at(s, S, TH_SYN | TH_ACK, 2), 1134 * MS); /* the request timer */
	CHECK_INT(h_sent_at(s, S, TH_SYN | TH_ACK, 3), 1134 * MS); /* the retransmitted SYN */
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	CHECK_INT(h_state(s, S, 2), TCPS_ESTABLISHED);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_timewait_state_process(): only a RST exactly at RCV.NXT ends
 * TIME_WAIT; other RSTs are ignored without a word; an out-of-window ACK
 * gets an ACK, at most one per 500 ms. */
static void time_wait_answers_by_the_kernel_rules(void)
{
	struct scenario scn;
	struct sim *s = fin_wait_1(&scn);
	h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 2 + 100000000, 0, 0);
	m = h_inject(s, C, 80, 40000, TH_RST, SISN + 2 + 100, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 100000000, CISN + 2, 0);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK && g->seq == CISN + 2 && g->ack == SISN + 2);
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 100000000, CISN + 2, 0);
	CHECK_INT(h_nsent(s, C, m), 0); /* rate-limited */
	m = h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 2, 0);
	CHECK_INT(h_nsent(s, C, m), 1); /* a FIN is always ACKed */
	m = h_inject(s, C, 80, 40000, TH_RST, SISN + 2, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, C, m), ARROW_TW_RST);
	sim_free(s);
	sb_free(&scn);
}

/* The server closed first and holds TIME_WAIT; timestamps on. */
static struct sim *server_time_wait_with_ts(struct scenario *scn)
{
	h_scenario(scn, PROFILE_LINUX);
	scn->hosts[C].params.timestamps = 1;
	scn->hosts[S].params.timestamps = 1;
	h_connect(scn, 100 * MS);
	sb_at(scn, 300 * MS, S, ACT_CLOSE)->conn = 2;
	sb_on(scn, C, TCPS_CLOSE_WAIT, 0, C, ACT_CLOSE);
	return h_run(scn, 1 * SEC);
}

/* RFC 6191, tcp_timewait_state_process(): a SYN whose timestamp is newer
 * reopens TIME_WAIT whatever its sequence number; with an older one PAWS
 * calls it an old duplicate and it is only ACKed. */
static void time_wait_reopens_on_a_newer_timestamp(void)
{
	struct scenario scn;
	struct sim *s = server_time_wait_with_ts(&scn);
	struct tcb *t = h_sock(s, S, 2);
	CHECK_INT(t->state, TCPS_TIME_WAIT);
	uint32_t recent = t->ts_recent, old_nxt = t->snd_nxt;
	uint32_t m = h_inject_ts(s, S, 40000, 80, TH_SYN, CISN, 0, 0, recent - 5, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK); /* PAWS: an old duplicate */
	CHECK(h_info(s, INFO_PAWS_REJECTED, m));
	CHECK_INT(h_state(s, S, 2), TCPS_TIME_WAIT);
	m = h_inject_ts(s, S, 40000, 80, TH_SYN, CISN, 0, 0, recent + 5, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_state(s, S, 3), TCPS_SYN_RCVD);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == (TH_SYN | TH_ACK) && g->seq == old_nxt + 65537 &&
	      g->ack == CISN + 1);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_validate_incoming(): PAWS drops a segment with an older timestamp
 * (RFC 7323 5.3) and ACKs it; a newer one is taken. */
static void paws_drops_an_old_duplicate_in_established(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[C].params.timestamps = 1;
	scn.hosts[S].params.timestamps = 1;
	h_connect(&scn, 100 * MS);
	struct sim *s = h_run(&scn, 200 * MS);
	struct tcb *t = h_sock(s, S, 2);
	uint32_t recent = t->ts_recent;
	uint32_t m =
	    h_inject_ts(s, S, 40000, 80, TH_ACK | TH_PSH, CISN + 1, SISN + 1, 100, recent - 100, 0);
	CHECK_INT(t->rcv_nxt, CISN + 1);
	CHECK(h_info(s, INFO_PAWS_REJECTED, m));
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->ack == CISN + 1);
	h_inject_ts(s, S, 40000, 80, TH_ACK | TH_PSH, CISN + 1, SISN + 1, 100, recent + 100, 0);
	CHECK_INT(t->rcv_nxt, CISN + 101);
	CHECK_INT(t->ts_recent, recent + 100);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_reset(): ECONNRESET in FIN_WAIT_1, FIN_WAIT_2 and CLOSING (the
 * application only shut down its sending side), EPIPE only in CLOSE_WAIT. */
static void rst_after_shutdown_is_econnreset(void)
{
	static const int want[] = {TCPS_FIN_WAIT_1, TCPS_FIN_WAIT_2, TCPS_CLOSING};
	for (int k = 0; k < 3; k++) {
		struct scenario scn;
		h_scenario(&scn, PROFILE_LINUX);
		h_connect(&scn, 100 * MS);
		sb_at(&scn, 300 * MS, C, ACT_SHUTDOWN);
		if (k != 1)
			sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->from = 299 * MS;
		if (k != 1)
			scn.faults[0].to = 10000 * SEC;
		struct sim *s = h_run(&scn, 400 * MS);
		if (k == 2)
			h_inject(s, C, 80, 40000, TH_FIN | TH_ACK, SISN + 1, CISN + 1, 0);
		CHECK_INT(h_state(s, C, 1), want[k]);
		uint32_t rcv = h_sock(s, C, 1)->rcv_nxt;
		uint32_t m = h_inject(s, C, 80, 40000, TH_RST, rcv, 0, 0);
		CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
		CHECK_INT(h_error(s, C, m), SE_ECONNRESET);
		sim_free(s);
		sb_free(&scn);
	}
}

/* A FIN again in CLOSE_WAIT (the peer missed our ACK) draws an ACK at once
 * with a D-SACK block for it (RFC 2883); a new FIN past it draws nothing
 * (tcp_rcv_state_process ignores text at RCV.NXT after the peer's FIN). */
static void close_wait_fin_again_draws_dsack_a_new_one_nothing(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.hosts[S].params.sack = 1;
	scn.hosts[C].params.sack = 1;
	h_connect(&scn, 100 * MS);
	struct sim *s = h_run(&scn, 200 * MS);
	h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 1, SISN + 1, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSE_WAIT);
	uint32_t m = h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 1, SISN + 1, 0);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->ack == CISN + 2 && g->nsack == 1 &&
	      g->sack[0][0] == CISN + 1 && g->sack[0][1] == CISN + 2);
	m = h_inject(s, S, 40000, 80, TH_FIN | TH_ACK, CISN + 2, SISN + 1, 0);
	CHECK_INT(h_nsent(s, S, m), 0);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSE_WAIT);
	sim_free(s);
	sb_free(&scn);
}

/* tcp_keepalive_timer(): Linux gives up with RST,ACK at SND.NXT (the probes
 * at SND.UNA - 1 carry TS); the rfc9293 profile drops it in silence. */
static void keepalive_gives_up_with_rst_on_linux(void)
{
	for (int prof = 0; prof < 2; prof++) {
		struct scenario scn;
		h_scenario(&scn, prof ? PROFILE_RFC9293 : PROFILE_LINUX);
		struct tcp_params *p = &scn.hosts[C].params;
		p->keepalive = 1;
		p->keepalive_idle = 2 * SEC;
		p->keepalive_intvl = 1 * SEC;
		p->keepalive_probes = 3;
		p->timestamps = 1;
		scn.hosts[S].params.timestamps = 1;
		h_connect(&scn, 100 * MS);
		sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->from = 1 * SEC;
		scn.faults[0].to = 100 * SEC;
		struct sim *s = h_run(&scn, 1 * SEC);
		uint32_t m = s->tr.n;
		sim_run_until(s, 10 * SEC);
		const struct segment *g = h_sent(s, C, m);
		CHECK(g && g->flags == TH_ACK && g->seq == CISN && g->opt_ts); /* RFC 7323 */
		CHECK_INT(h_nflags(s, C, m, TH_ACK), 3);
		CHECK_INT(h_nflags(s, C, m, TH_RST | TH_ACK), prof ? 0 : 1);
		/* linux: 2 s idle and 1 s between probes, on the timer wheel
		 * 2.016 s and 1.024 s */
		CHECK_INT(error_time(s, C, SE_ETIMEDOUT), prof ? 5120 * MS : 5208 * MS);
		sim_free(s);
		sb_free(&scn);
	}
}

/* tcp_write_timeout(): a SYN_SENT gives up after syn_retries +
 * syn_linear_timeouts retransmissions, or sooner when the time doubling
 * SYNs from 1 s would take has passed (here 3 s for syn_retries=1).  The
 * rfc9293 profile counts syn_retries when a scenario sets it. */
static void syn_give_up_by_count_or_time(void)
{
	struct {
		int profile, retries, linear;
		simtime_t rto_max, fail;
		int syns;
	} cases[] = {
	    /* linux: the waits on the timer wheel (1 s fires after 1.024 s) */
	    {PROFILE_LINUX, 1, 4, 120 * SEC, 3072 * MS, 3},   /* time: 0, 1, 2, gone at 3 s */
	    {PROFILE_LINUX, 6, 0, 120 * SEC, 129760 * MS, 7}, /* before 6.5: 1, 3, 7 ... 127 */
	    {PROFILE_LINUX, 8, 0, 4 * SEC, 31712 * MS, 9},    /* rto_max caps the doubling */
	    {PROFILE_RFC9293, 2, 0, 60 * SEC, 7 * SEC, 3},    /* syn_retries set: counted */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario scn;
		h_scenario(&scn, cases[i].profile);
		struct tcp_params *p = &scn.hosts[C].params;
		p->syn_retries = cases[i].retries;
		p->syn_linear = cases[i].linear;
		p->rto_max = cases[i].rto_max;
		h_connect(&scn, 0);
		cut_link(&scn);
		struct sim *s = sim_new(&scn, NULL);
		sim_run(s);
		CHECK_INT(error_time(s, C, SE_ETIMEDOUT), cases[i].fail);
		CHECK_INT(h_nflags(s, C, 0, TH_SYN), cases[i].syns);
		sim_free(s);
		sb_free(&scn);
	}
}

/* tcp_rcv_synsent_state_process(): an ACK that does not acknowledge our
 * SYN draws <SEQ=SEG.ACK><RST>, and the SYN goes again 2 jiffies later,
 * which the timer wheel fires on the third tick: 12 ms. */
static void syn_sent_bad_ack_resends_the_syn_after_8ms(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 150 * MS);
	uint32_t m = h_inject(s, C, 80, 40000, TH_ACK, 7000, 99, 0);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_RST && g->seq == 99);
	sim_run_until(s, 200 * MS);
	CHECK_INT(h_sent_at(s, C, TH_SYN, 2), 162 * MS);
	sim_free(s);
	sb_free(&scn);
}

/* An orphaned FIN_WAIT_2 is Linux's timewait sock in its FIN_WAIT2
 * substate: any RST in the window ends it silently, new data draws the
 * RST for that segment (<SEQ=SEG.ACK><RST>). */
static void orphaned_fin_wait_2_by_the_kernel_rules(void)
{
	for (int data = 0; data <= 1; data++) {
		struct scenario scn;
		h_scenario(&scn, PROFILE_LINUX);
		h_connect(&scn, 100 * MS);
		sb_at(&scn, 300 * MS, C, ACT_CLOSE);
		struct sim *s = h_run(&scn, 400 * MS);
		CHECK_INT(h_state(s, C, 1), TCPS_FIN_WAIT_2);
		uint32_t m = data ? h_inject(s, C, 80, 40000, TH_ACK, SISN + 1, CISN + 2, 10)
		                  : h_inject(s, C, 80, 40000, TH_RST, SISN + 1 + 500, 0, 0);
		CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
		const struct segment *g = h_sent(s, C, m);
		if (data)
			CHECK(g && g->flags == TH_RST && g->seq == CISN + 2);
		else
			CHECK_INT(h_nsent(s, C, m), 0);
		sim_free(s);
		sb_free(&scn);
	}
}

/* inject: flag sets, an ack offset from SND.UNA, a payload, and a port with
 * no socket as the target. */
static void inject_forges_what_the_matrix_needs(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	struct scn_action *a = sb_at(&scn, 1 * SEC, S, ACT_INJECT);
	a->conn = 2;
	a->iflags = TH_RST | TH_ACK;
	a->offset = 7;
	a->ack_ref = INJ_ACK_UNA;
	a->ack_offset = -1;
	a = sb_at(&scn, 2 * SEC, S, ACT_INJECT);
	a->iflags = TH_ACK | TH_PSH;
	a->idata = 10;
	a->to_port = 9999;
	a->from_port = 41000;
	a->offset = 123;
	struct sim *s = h_run(&scn, 999 * MS);
	uint32_t m = s->tr.n;
	sim_run_until(s, 1 * SEC);
	const struct segment *g = h_sent(s, C, m); /* it comes the client's way */
	CHECK(g && g->flags == (TH_RST | TH_ACK) && g->seq == CISN + 1 + 7 && g->ack == SISN);
	CHECK(s->tr.segs[s->tr.nsegs - 1].forged);
	CHECK_INT(h_state(s, S, 2), TCPS_ESTABLISHED); /* a RST in the window: challenged */
	sim_run_until(s, 1500 * MS);
	m = s->tr.n;
	sim_run_until(s, 2020 * MS);
	g = h_sent(s, C, m);
	CHECK(g && g->sport == 41000 && g->dport == 9999 && g->seq == 123 && g->len == 10 &&
	      g->ack == 0);
	g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_RST && g->seq == 0 && g->dport == 41000);
	sim_free(s);
	sb_free(&scn);
}

/* drop DIR data seq A:B: the data segment whose bytes overlap A:B, counted
 * from the sender's ISN as tcpdump prints them; forged segments are never
 * touched by a fault. */
static void drop_by_sequence_range_takes_the_chosen_segment(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_SEND)->nbytes = 3000;
	struct scn_fault *f = sb_fault(&scn, FAULT_DROP_MATCH, DIR_AB, MATCH_DATA, 1);
	f->seq_a = 1461;
	f->seq_b = 1462;
	struct sim *s = h_run(&scn, 301 * MS);
	int lost = 0;
	for (uint32_t i = 0; i < s->tr.nsegs; i++) {
		const struct trace_seg *t = &s->tr.segs[i];
		if (t->lost) {
			lost++;
			CHECK_INT(t->h.seq, CISN + 1 + 1460);
		}
	}
	CHECK_INT(lost, 1);
	sim_free(s);
	sb_free(&scn);
}

/* Linux's Nagle (tcp_nagle_check with Minshall's rule): a second short
 * write waits while the first short segment is unacknowledged; with
 * TCP_NODELAY (connect ... nodelay) it leaves at once. */
static int nagle_sends_at(int nodelay, simtime_t *second)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	scn.events[scn.nevents - 1].act.nodelay = nodelay;
	sb_at(&scn, 300 * MS, C, ACT_SEND)->nbytes = 100;
	sb_at(&scn, 301 * MS, C, ACT_SEND)->nbytes = 100;
	struct sim *s = h_run(&scn, 1 * SEC);
	int n = 0;
	*second = -1;
	for (uint32_t i = 0; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_SEG_SEND && s->tr.recs[i].host == C &&
		    s->tr.segs[s->tr.recs[i].seg].h.len == 100 && ++n == 2)
			*second = s->tr.recs[i].t;
	sim_free(s);
	sb_free(&scn);
	return n;
}

static void nagle_holds_a_second_short_segment(void)
{
	simtime_t t;
	CHECK_INT(nagle_sends_at(0, &t), 2);
	CHECK_INT(t, 320 * MS); /* when the first one's ACK is back (delack off) */
	CHECK_INT(nagle_sends_at(1, &t), 2);
	CHECK_INT(t, 301 * MS);
}

/* cc.c on a bare TCB: Linux's counting in segments, CUBIC's numbers. */
static struct tcb cc_tcb(const struct tcp_params *p, uint32_t cwnd, uint32_t ssthresh)
{
	struct tcb t;
	memset(&t, 0, sizeof t);
	t.mss = 1000;
	t.rto = 200 * MS;
	cc_init(&t, p);
	t.cwnd = cwnd * 1000u;
	if (ssthresh)
		t.ssthresh = ssthresh * 1000u;
	t.cwnd_limited = 1;
	return t;
}

/* One round trip of ACKs, one per segment, `rtt` apart from the last. */
static void cc_round(struct tcb *t, const struct tcp_params *p, simtime_t *now, simtime_t rtt)
{
	uint32_t n = t->cwnd / t->mss;
	for (uint32_t i = 0; i < n; i++) {
		*now += rtt / n;
		cc_on_ack(t, p, t->mss, *now);
	}
}

static void congestion_control_counts_segments_as_linux(void)
{
	struct tcp_params lin, rfc;
	profile_defaults(PROFILE_LINUX, &lin);
	profile_defaults(PROFILE_RFC9293, &rfc);
	CHECK_INT(lin.cc, CC_CUBIC);
	CHECK_INT(rfc.cc, CC_RENO);
	/* slow start: a stretch ACK of 3 segments adds 3 (tcp_slow_start) */
	struct tcb t = cc_tcb(&lin, 10, 0);
	cc_on_ack(&t, &lin, 3000, 0);
	CHECK_INT(t.cwnd, 13000);
	/* ... RFC 5681 adds one SMSS */
	t = cc_tcb(&rfc, 10, 0);
	cc_on_ack(&t, &rfc, 3000, 0);
	CHECK_INT(t.cwnd, 11000);
	/* not using the window, beyond twice what was out: no growth */
	t = cc_tcb(&lin, 10, 0);
	t.cwnd_limited = 0;
	t.max_packets_out = 5;
	cc_on_ack(&t, &lin, 1000, 0);
	CHECK_INT(t.cwnd, 10000);
	t.max_packets_out = 6;
	cc_on_ack(&t, &lin, 1000, 0);
	CHECK_INT(t.cwnd, 11000);
	/* slow start stops at ssthresh, the rest of the ACK goes to avoidance */
	t = cc_tcb(&lin, 10, 12);
	lin.cc = CC_RENO;
	cc_on_ack(&t, &lin, 4000, 0);
	CHECK_INT(t.cwnd, 12000);
	CHECK_INT(t.cwnd_cnt, 2);
	/* reno: one segment per window of ACKed segments (tcp_cong_avoid_ai) */
	for (int i = 0; i < 9; i++)
		cc_on_ack(&t, &lin, 1000, 0);
	CHECK_INT(t.cwnd, 12000);
	cc_on_ack(&t, &lin, 1000, 0);
	CHECK_INT(t.cwnd, 13000);
	CHECK_INT(t.cwnd_cnt, 0);
	/* the ssthresh a loss sets: reno cwnd/2, cubic 717/1024, at least 2 */
	t = cc_tcb(&lin, 100, 0);
	CHECK_INT(cc_ssthresh(&t, &lin), 50000);
	lin.cc = CC_CUBIC;
	CHECK_INT(cc_ssthresh(&t, &lin), 70000);
	t.cwnd = 2000;
	CHECK_INT(cc_ssthresh(&t, &lin), 2000);
	/* rfc9293: half the flight */
	t = cc_tcb(&rfc, 100, 0);
	t.snd_una = 0;
	t.snd_max = 30000;
	CHECK_INT(cc_ssthresh(&t, &rfc), 15000);
}

static void cubic_regrows_to_its_last_maximum_in_k_seconds(void)
{
	struct tcp_params p;
	profile_defaults(PROFILE_LINUX, &p);
	struct tcb t = cc_tcb(&p, 100, 0);
	t.ssthresh = 50000; /* in avoidance */
	cc_on_loss_event(&t, &p);
	CHECK_INT(t.ssthresh, 70000);
	CHECK_INT(t.cubic.last_max_cwnd, 100);
	cc_on_recovery_end(&t, &p);
	CHECK_INT(t.cwnd, 70000);
	/* K = cbrt((100 - 70) / 0.4) = 4.22 s: concave below W_max, back at
	 * it after K, convex above it later (RTT 100 ms) */
	simtime_t now = 10 * SEC, rtt = 100 * MS;
	cc_round(&t, &p, &now, rtt);
	CHECK_INT(t.cubic.k / 100, 4318 / 100); /* 2^-10 s */
	while (now < 10 * SEC + 2 * SEC)
		cc_round(&t, &p, &now, rtt);
	uint32_t mid = t.cwnd / t.mss;
	CHECK(mid > 85 && mid < 100);
	while (now < 10 * SEC + 4200 * MS)
		cc_round(&t, &p, &now, rtt);
	uint32_t at_k = t.cwnd / t.mss;
	CHECK(at_k >= 97 && at_k <= 101);
	while (now < 10 * SEC + 7 * SEC)
		cc_round(&t, &p, &now, rtt);
	CHECK(t.cwnd / t.mss > 105);
	/* a second loss below W_max: fast convergence lowers W_max */
	t.cwnd = 80000;
	cc_on_loss_event(&t, &p);
	CHECK_INT(t.cubic.last_max_cwnd, 80 * (1024 + 717) / 2048);
	/* a timeout: one segment, CUBIC reset, ssthresh kept on a repeat */
	t.in_recovery = 0;
	t.cwnd = 80000;
	t.retries = 1;
	cc_on_rto(&t, &p, now);
	CHECK_INT(t.cwnd, 1000);
	CHECK_INT(t.ssthresh, 56000);
	CHECK_INT(t.cubic.last_max_cwnd, 0);
	t.retries = 2;
	cc_on_rto(&t, &p, now);
	CHECK_INT(t.ssthresh, 56000);
}

static void an_idle_connection_restarts_from_the_initial_window(void)
{
	struct tcp_params p;
	profile_defaults(PROFILE_LINUX, &p);
	struct tcb t = cc_tcb(&p, 80, 50);
	t.lsndtime = 1 * SEC;
	cc_idle_restart(&t, &p, 1 * SEC + 150 * MS); /* less than the RTO */
	CHECK_INT(t.cwnd, 80000);
	cc_idle_restart(&t, &p, 1 * SEC + 500 * MS); /* 2.5 RTOs: halved twice */
	CHECK_INT(t.cwnd, 20000);
	CHECK_INT(t.ssthresh, 60000); /* 3/4 of the 80 it had */
	cc_idle_restart(&t, &p, 10 * SEC);
	CHECK_INT(t.cwnd, 10000);
}

/* The tail of a burst lost (tests/kernel/tail-loss): on linux the tail
 * loss probe resends the last segment, its SACK makes RACK mark the other
 * hole lost, and that one is resent one round trip later, with no timeout
 * (tcp_rack_mark_lost); the rfc9293 profile has no probe and no RACK: its
 * retransmission timer fires. */
static const char tail_loss_text[] = "host client 10.0.0.1\n"
                                     "host server 10.0.0.2\n"
                                     "link delay=10ms\n"
                                     "at 0s server listen 9502\n"
                                     "at 100ms client connect server:9502\n"
                                     "at 200ms client send 14480\n"
                                     "drop client->server 1st data seq 11585:13033\n"
                                     "drop client->server 1st data seq 13033:14481\n"
                                     "end 2s\n";

/* Parses TEXT (it must parse) and runs it until UNTIL; the caller frees
 * the sim and SCN. */
static struct sim *run_text(const char *name, const char *text, simtime_t until,
                            struct scenario *scn)
{
	struct scn_diags d = {0};
	CHECK_INT(scn_parse(name, text, strlen(text), scn, &d), 0);
	scn_diags_free(&d);
	struct sim *s = sim_new(scn, NULL);
	sim_run_until(s, until);
	return s;
}

struct tail_loss {
	int probes, rtos, rack;
	simtime_t probe_at, resent_11585_at, resent_13033_at, all_acked_at;
};

static struct tail_loss run_tail_loss(const char *profile)
{
	char text[1024];
	snprintf(text, sizeof text, "profile %s\n%s", profile, tail_loss_text);
	struct scenario scn;
	struct tail_loss r = {0, 0, 0, -1, -1, -1, -1};
	struct sim *s = run_text("tail.tcps", text, 2 * SEC, &scn);
	const struct tcb *c = h_sock(s, C, 1);
	uint32_t iss = c ? c->iss : 0;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *x = &s->tr.recs[i];
		if (x->host != C)
			continue;
		if (x->kind == TR_TIMER_FIRE && x->sub == TIMER_RETRANSMIT) {
			if (x->u.timer.attempt == 0) {
				r.probes++;
				r.probe_at = x->t;
			} else if (x->u.timer.attempt != TIMER_ATTEMPT_REO) {
				r.rtos++;
			}
		}
		if (x->kind == TR_INFO && x->sub == INFO_RACK_LOSS)
			r.rack++;
		if (x->kind == TR_SEG_SEND) {
			const struct trace_seg *g = &s->tr.segs[x->seg];
			if (g->lost || !g->h.len)
				continue;
			if (g->h.seq == iss + 11585 && r.resent_11585_at < 0 && x->t > 200 * MS)
				r.resent_11585_at = x->t;
			if (g->h.seq == iss + 13033 && r.resent_13033_at < 0 && x->t > 200 * MS)
				r.resent_13033_at = x->t;
		}
	}
	sim_free(s);
	scn_free(&scn);
	return r;
}

static void tail_loss_probe_then_rack(void)
{
	struct tail_loss l = run_tail_loss("linux");
	CHECK_INT(l.probes, 1);
	CHECK_INT(l.rack, 1);
	CHECK_INT(l.rtos, 0);
	/* the probe resends the last segment, about two RTTs after the burst */
	CHECK_INT(l.resent_13033_at, l.probe_at);
	CHECK(l.probe_at > 240 * MS && l.probe_at < 280 * MS);
	/* the probe's SACK comes back one RTT (20 ms) later: RACK resends the hole */
	CHECK_INT(l.resent_11585_at, l.probe_at + 20 * MS);
	struct tail_loss r = run_tail_loss("rfc9293");
	CHECK_INT(r.probes, 0);
	CHECK_INT(r.rack, 0);
	CHECK(r.rtos >= 1); /* RFC 6298: after an RTO of 1 s at least */
}

/* Linux's persist timer (tcp_check_probe_timer, tcp_send_probe0,
 * tcp_ack_probe): the first probe an RTO after the zero window arrived,
 * each answer restarts the timer from its arrival, each probe doubles it. */
static void persist_probes_restart_from_each_answer(void)
{
	static const char text[] = "host client 10.0.0.1\n"
	                           "host server 10.0.0.2 rcvbuf=16KiB\n"
	                           "link delay=100ms\n"
	                           "at 0s server listen 80\n"
	                           "at 100ms client connect server:80\n"
	                           "at 350ms server stop-reading\n"
	                           "at 400ms client send 100KB\n"
	                           "end 30s\n";
	struct scenario scn;
	struct sim *s = run_text("persist.tcps", text, 30 * SEC, &scn);
	simtime_t probe[4] = {0}, answer[4] = {0};
	int np = 0, na = 0;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *x = &s->tr.recs[i];
		if (x->kind == TR_TIMER_FIRE && x->sub == TIMER_PERSIST && x->host == C && np < 4)
			probe[np++] = x->t;
		if (x->kind == TR_SEG_ARRIVE && x->host == C && np && na < np && na < 4)
			answer[na++] = x->t;
	}
	const struct tcb *c = h_sock(s, C, 1);
	CHECK_INT(np, 4);
	CHECK_INT(na, 4);
	/* the RTO here is 568 ms (142 jiffies); its doublings, 284, 568 and 1136
	 * jiffies, fire at the timer wheel's next slot: 288, 576, 1152 */
	CHECK_INT(c ? c->rto : 0, 568 * MS);
	static const simtime_t gap[] = {0, 1152 * MS, 2304 * MS, 4608 * MS};
	for (int k = 1; k < 4; k++)
		CHECK_INT(probe[k] - answer[k - 1], gap[k]);
	sim_free(s);
	scn_free(&scn);
}

/* RFC 9293 3.8.6.2.1 (the rfc9293 profile's sender SWS avoidance): the
 * server's 4096-byte buffer leaves a window of 1176 after two segments, less
 * than an MSS and less than half the largest window offered (4096), with
 * more data queued than fits: nothing goes until the override timeout (the
 * persist timer, min(RTO, 1 s)) sends the 1176 bytes; the last 212 bytes
 * go as soon as a window takes them all (rule 2).  Without the rule the
 * client filled the 1176 bytes at once. */
/* linux: each in-order frame that waits unread is a buffer of its own
 * (tcp_queue_rcv), unless it fits the newest buffer's tailroom
 * (skb_try_coalesce copies it, at no cost); a read frees only the buffers
 * it finishes (tcp_eat_recv_skb). */
static uint32_t rmem_after(const char *sends, const char *reads)
{
	char text[512];
	snprintf(text, sizeof text,
	         "host client 10.0.0.1\n"
	         "host server 10.0.0.2 rcvbuf=4096\n"
	         "link delay=10ms\n"
	         "at 0s server listen 80\n"
	         "at 100ms client connect server:80\n"
	         "at 200ms server stop-reading\n"
	         "%s%s"
	         "end 2s\n",
	         sends, reads);
	struct scenario scn;
	struct sim *s = run_text("rxq.tcps", text, 2 * SEC, &scn);
	const struct tcb *t = h_sock(s, S, 2);
	uint32_t mem = t ? t->rmem_unread : UINT32_MAX;
	sim_free(s);
	scn_free(&scn);
	return mem;
}

static void linux_unread_frames_keep_their_own_buffers(void)
{
	/* a 1448-byte frame costs 2304; the 104 bytes after it fit its
	 * tailroom (1728 - 1530 = 198) */
	CHECK_INT(rmem_after("at 300ms client send 1448\nat 500ms client send 104\n", ""), 2304);
	CHECK_INT(rmem_after("at 300ms client send 1448\nat 500ms client send 300\n", ""),
	          2304 + 1280);
	/* three frames; a read of 1000 frees none, one of 1448 the first */
	CHECK_INT(rmem_after("at 300ms client send 4344\n", ""), 3 * 2304);
	CHECK_INT(rmem_after("at 300ms client send 4344\n", "at 1s server read 1000\n"), 3 * 2304);
	CHECK_INT(rmem_after("at 300ms client send 4344\n", "at 1s server read 1448\n"), 2 * 2304);
	CHECK_INT(rmem_after("at 300ms client send 4344\n",
	                     "at 1s server read 1000\nat 1100ms server read 1000\n"),
	          2 * 2304);
	CHECK_INT(rmem_after("at 300ms client send 4344\n", "at 1s server read\n"), 0);
}

static void rfc9293_sender_holds_a_silly_segment_until_the_override(void)
{
	static const char text[] = "profile rfc9293\n"
	                           "host client 10.0.0.1\n"
	                           "host server 10.0.0.2 rcvbuf=4096\n"
	                           "link delay=10ms\n"
	                           "at 0s server listen 80\n"
	                           "at 100ms client connect server:80\n"
	                           "at 200ms server stop-reading\n"
	                           "at 300ms client send 4308\n"
	                           "at 2s server read 4096\n"
	                           "end 3s\n";
	struct scenario scn;
	struct sim *s = run_text("sws.tcps", text, 3 * SEC, &scn);
	const struct tcb *c = h_sock(s, C, 1);
	uint32_t iss = c ? c->iss : 0;
	simtime_t armed = -1, fired = -1, override_at = -1, short_at = -1, last_at = -1;
	uint32_t short_len = 0, last_len = 0, overrides = 0;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *x = &s->tr.recs[i];
		if (x->host != C)
			continue;
		if (x->kind == TR_TIMER_ARM && x->sub == TIMER_PERSIST && armed < 0)
			armed = x->u.timer.attempt == TIMER_ATTEMPT_SWS ? x->t : -2;
		if (x->kind == TR_TIMER_FIRE && x->sub == TIMER_PERSIST && fired < 0)
			fired = x->u.timer.attempt == TIMER_ATTEMPT_SWS ? x->t : -2;
		if (x->kind == TR_INFO && x->sub == INFO_SWS_OVERRIDE) {
			overrides++;
			override_at = x->t;
		}
		if (x->kind == TR_SEG_SEND && s->tr.segs[x->seg].h.len) {
			const struct segment *g = &s->tr.segs[x->seg].h;
			if (g->seq == iss + 2921 && short_at < 0) {
				short_at = x->t;
				short_len = g->len;
			}
			if (g->seq == iss + 4097 && last_at < 0) {
				last_at = x->t;
				last_len = g->len;
			}
		}
	}
	/* the ACK of 2921 (win 1176) reaches the client at 0.320 s */
	CHECK_INT(armed, 320 * MS);
	CHECK_INT(fired, 320 * MS + (c && c->rto < SEC ? c->rto : SEC));
	CHECK_INT(short_at, fired);
	CHECK_INT(short_len, 1176);
	CHECK_INT(overrides, 1);
	CHECK_INT(override_at, fired);
	/* the read at 2 s empties the buffer: the update reaches the client
	 * 10 ms later and the last 212 bytes go at once, all that is queued */
	CHECK_INT(last_at, 2 * SEC + 10 * MS);
	CHECK_INT(last_len, 212);
	sim_free(s);
	scn_free(&scn);
}

static void the_receive_buffer_autotunes_unless_locked(void)
{
	struct tcp_params p;
	profile_defaults(PROFILE_LINUX, &p);
	struct tcb t;
	memset(&t, 0, sizeof t);
	t.mss = t.advmss = 1448;
	rcvwin_init(&t, &p);
	CHECK_INT(t.rcvbuf, 131072);
	t.scaling_ratio = 160; /* 1448-byte frames */
	t.rcv_mss = 1448;
	t.rcv_nxt = 1000;
	t.rcvq_seq = 1000;
	t.rcvq_space = 14480;
	t.rcvq_time = 1 * SEC;
	/* no receiver RTT yet: nothing */
	t.rcv_nxt += 40000;
	rcvwin_space_adjust(&t, &p, t.rcv_nxt, 2 * SEC);
	CHECK_INT(t.rcvbuf, 131072);
	/* one RTT (20 ms) later, 40000 bytes read: twice 40000 plus twice
	 * that times its growth over 14480, as buffer (x 256/160) */
	rcvwin_rtt(&t, &p, 1448, 1, 100, 120, 1 * SEC); /* echo 20 ms old */
	CHECK_INT(t.rcv_rtt_us, 20000 * 8);
	rcvwin_space_adjust(&t, &p, t.rcv_nxt, 1 * SEC + 10 * MS); /* too soon */
	CHECK_INT(t.rcvbuf, 131072);
	rcvwin_space_adjust(&t, &p, t.rcv_nxt, 1 * SEC + 20 * MS);
	uint64_t win = 80000 + ((80000ull * (40000 - 14480)) / 14480) * 2;
	CHECK_INT(t.rcvbuf, (uint32_t)((win << 8) / 160));
	CHECK_INT(t.window_clamp, (uint32_t)(((uint64_t)t.rcvbuf * 160) >> 8));
	CHECK_INT(t.rcvq_space, 40000);
	/* what is still queued does not count; the cap is rmem MAX */
	t.rcv_nxt += 10u << 20;
	rcvwin_space_adjust(&t, &p, t.rcv_nxt - 4096, 2 * SEC);
	CHECK_INT(t.rcvbuf, p.rmem[2]);
	/* SO_RCVBUF: measured, never grown */
	p.rcvbuf = 65536;
	rcvwin_init(&t, &p);
	uint32_t locked = t.rcvbuf;
	t.rcvq_space = 1000;
	t.rcvq_time = 0;
	rcvwin_space_adjust(&t, &p, t.rcv_nxt, 5 * SEC);
	CHECK_INT(t.rcvbuf, locked);
}

/* Linux's SACK compression (tcp_sack_compress): after the quick ACKs are
 * spent, three duplicate ACKs go at once for a hole, the rest are held and
 * one ACK reports them when the compressed-SACK timer fires (1 ms here). */
static void duplicate_acks_are_compressed_after_three(void)
{
	static const char text[] = "host client 10.0.0.1\n"
	                           "host server 10.0.0.2\n"
	                           "link delay=20ms\n"
	                           "at 0s server listen 80\n"
	                           "at 100ms client connect server:80\n"
	                           "at 300ms client send 100KB\n"
	                           "drop client->server 1st data seq 43441:44889\n"
	                           "end 2s\n";
	struct scenario scn;
	struct sim *s = run_text("comp.tcps", text, 2 * SEC, &scn);
	const struct tcb *c = h_sock(s, C, 1);
	uint32_t hole = (c ? c->iss : 0) + 43441;
	int dups = 0, fires = 0;
	simtime_t third = -1, fired = -1;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *x = &s->tr.recs[i];
		if (x->host != S)
			continue;
		if (x->kind == TR_TIMER_FIRE && x->sub == TIMER_SACK_COMPRESS && ++fires == 1)
			fired = x->t;
		if (x->kind == TR_SEG_SEND) {
			const struct trace_seg *g = &s->tr.segs[x->seg];
			if (g->h.ack == hole && g->h.nsack && ++dups == 3)
				third = x->t;
		}
	}
	CHECK(fires >= 1);
	CHECK(dups >= 4);
	CHECK(dups < 20); /* without compression: one per segment after the hole */
	CHECK_INT(fired - third, 1 * MS);
	sim_free(s);
	scn_free(&scn);
}

/* Linux's reader (tests/kernel/slow-start): the application blocked in
 * recv() takes each frame as it comes, so within a flight the window stays
 * at rcv_ssthresh (it never falls), every segment is ACKed while
 * tcp_grow_window keeps quick-ACK mode on, and slow start doubles the
 * flights: 10, 20, 40, 80 (the recording's).  The last segment of the
 * third flight is a full one with PSH, alone after the pairs of the
 * every-other-segment rule: the read that empties the buffer ACKs it at
 * once (tcp_cleanup_rbuf, ICSK_ACK_PUSHED), not the delayed-ACK timer. */
static void a_reader_takes_each_frame_and_acks_a_pushed_one(void)
{
	static const char text[] = "host client 10.0.0.1\n"
	                           "host server 10.0.0.2\n"
	                           "link delay=20ms\n"
	                           "at 0s server listen 9502\n"
	                           "at 100ms client connect server:9502\n"
	                           "at 300ms client send 300KB\n"
	                           "end 1s\n";
	struct scenario scn;
	struct sim *s = run_text("reader.tcps", text, 1 * SEC, &scn);
	const struct tcb *c = h_sock(s, C, 1);
	uint32_t iss = c ? c->iss : 0;
	int flights[4] = {0}, first_acks = 0, fell = 0;
	uint32_t last_wnd = 0;
	simtime_t acked_101361 = -1;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *x = &s->tr.recs[i];
		if (x->kind != TR_SEG_SEND)
			continue;
		const struct trace_seg *g = &s->tr.segs[x->seg];
		if (x->host == C && g->h.len) {
			for (int k = 0; k < 4; k++)
				if (x->t == (300 + 40 * k) * MS)
					flights[k]++;
		} else if (x->host == S && (g->h.flags & TH_ACK) && !(g->h.flags & TH_SYN)) {
			if (x->t == 320 * MS) {
				first_acks++;
				if (g->h.wnd < last_wnd)
					fell = 1;
				last_wnd = g->h.wnd;
			}
			if (g->h.ack == iss + 101361 && acked_101361 < 0)
				acked_101361 = x->t;
		}
	}
	CHECK_INT(flights[0], 10);
	CHECK_INT(flights[1], 20);
	CHECK_INT(flights[2], 40);
	CHECK_INT(flights[3], 80);
	CHECK_INT(first_acks, 10);
	CHECK_INT(fell, 0);
	CHECK_INT(last_wnd, 79); /* 80480 bytes free with one frame queued */
	CHECK_INT(acked_101361, 400 * MS);
	sim_free(s);
	scn_free(&scn);
}

/* What a handshake with resent SYNs (SYN,ACKs) leaves for the data: linux
 * takes the RTT from the echoed timestamp (tcp_ack_update_rtt), falls back
 * to a 3 s RTO without one (tcp_init_metrics) and starts cwnd at 1 after
 * more than one resend by the timer (tcp_init_transfer); rfc9293 starts
 * with a 3 s RTO (RFC 6298 5.7) and one segment (RFC 5681 3.1). */
static struct tcb *after_lost_handshake(struct scenario *scn, struct sim **sp, int profile, int ts,
                                        int match, int nlost, int host)
{
	h_scenario(scn, profile);
	scn->hosts[C].params.timestamps = scn->hosts[S].params.timestamps = ts;
	h_connect(scn, 0);
	for (int i = 1; i <= nlost; i++)
		sb_fault(scn, FAULT_DROP_MATCH, match == MATCH_SYN ? DIR_AB : DIR_BA, match,
		         (uint32_t)i);
	*sp = h_run(scn, 6 * SEC);
	struct tcb *t = h_sock(*sp, host, host == C ? 1 : 2);
	CHECK(t && t->state == TCPS_ESTABLISHED);
	return t;
}

static void resent_syns_leave_the_rto_and_cwnd_by_profile(void)
{
	static const struct {
		int profile, ts, match, nlost, host;
		int sampled;        /* an RTT sample was taken */
		simtime_t rto;      /* 0: RTT + 200 ms, below 300 ms */
		uint32_t cwnd_segs; /* the initial window */
	} cases[] = {
	    {PROFILE_LINUX, 1, MATCH_SYN, 1, C, 1, 0, 10},
	    {PROFILE_LINUX, 1, MATCH_SYN, 2, C, 1, 0, 1},
	    {PROFILE_LINUX, 0, MATCH_SYN, 1, C, 0, 3 * SEC, 10},
	    {PROFILE_LINUX, 0, MATCH_SYN, 2, C, 0, 3 * SEC, 1},
	    {PROFILE_LINUX, 1, MATCH_SYNACK, 2, S, 1, 0, 1},
	    {PROFILE_LINUX, 0, MATCH_SYNACK, 2, S, 0, 3 * SEC, 1},
	    {PROFILE_RFC9293, 0, MATCH_SYN, 1, C, 0, 3 * SEC, 1},
	    {PROFILE_RFC9293, 0, MATCH_SYNACK, 1, S, 0, 3 * SEC, 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario scn;
		struct sim *s;
		struct tcb *t = after_lost_handshake(&scn, &s, cases[i].profile, cases[i].ts,
		                                     cases[i].match, cases[i].nlost, cases[i].host);
		if (t) {
			CHECK_INT(t->rtt_valid, cases[i].sampled);
			if (cases[i].rto)
				CHECK_INT(t->rto, cases[i].rto);
			else
				CHECK(t->rto > 200 * MS && t->rto < 300 * MS);
			CHECK_INT(t->cwnd, cases[i].cwnd_segs * t->mss);
		}
		sim_free(s);
		sb_free(&scn);
	}
}

/* tcp_init_buffer_space: the linux profile's send buffer grows at the
 * handshake to 2 x 10 segments x 2304 (tcp_sndbuf_expand), unless
 * SO_SNDBUF set it; the rfc9293 profile keeps its host's sndbuf. */
static void the_send_buffer_grows_at_the_handshake(void)
{
	static const struct {
		int profile;
		uint32_t sndbuf; /* the host's sndbuf= (0: none) */
		uint32_t want;
	} cases[] = {
	    {PROFILE_LINUX, 0, 46080},
	    {PROFILE_LINUX, 8192, 16384},
	    {PROFILE_RFC9293, 1u << 20, 1u << 20},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct scenario scn;
		h_scenario(&scn, cases[i].profile);
		scn.hosts[C].params.sndbuf = scn.hosts[S].params.sndbuf = cases[i].sndbuf;
		h_connect(&scn, 0);
		struct sim *s = h_run(&scn, 1 * SEC);
		for (int host = C; host <= S; host++) {
			struct tcb *t = h_sock(s, host, host == C ? 1 : 2);
			CHECK(t && t->state == TCPS_ESTABLISHED);
			if (t)
				CHECK_INT(t->sndbuf, cases[i].want);
		}
		sim_free(s);
		sb_free(&scn);
	}
}

int main(void)
{
	RUN(closed_listen_goes_to_listen);
	RUN(linux_timers_follow_a_known_tick_grid);
	RUN(resent_syns_leave_the_rto_and_cwnd_by_profile);
	RUN(the_send_buffer_grows_at_the_handshake);
	RUN(closed_connect_sends_syn_and_goes_to_syn_sent);
	RUN(segment_to_no_socket_draws_rst);
	RUN(listen_syn_goes_to_syn_rcvd_with_synack);
	RUN(listen_ack_draws_rst_and_rst_is_ignored);
	RUN(listen_close_goes_to_closed);
	RUN(syn_sent_synack_goes_to_established_with_ack);
	RUN(syn_sent_syn_goes_to_syn_rcvd_same_iss);
	RUN(syn_sent_bad_ack_draws_rst_and_stays);
	RUN(syn_sent_rst_with_good_ack_is_refused);
	RUN(syn_sent_rst_without_ack_is_dropped);
	RUN(syn_sent_close_sends_nothing);
	RUN(a_refused_socket_no_longer_answers);
	RUN(syn_rcvd_ack_goes_to_established);
	RUN(syn_rcvd_rst_returns_to_listen);
	RUN(syn_rcvd_from_syn_sent_rst_is_refused);
	RUN(syn_rcvd_close_sends_fin);
	RUN(established_fin_goes_to_close_wait_with_ack);
	RUN(established_close_sends_fin_after_queued_data);
	RUN(fin_wait_1_ack_goes_to_fin_wait_2);
	RUN(fin_wait_1_fin_without_ack_goes_to_closing);
	RUN(fin_wait_1_fin_ack_goes_straight_to_time_wait);
	RUN(fin_acked_before_its_retransmission_still_counts);
	RUN(fin_wait_2_fin_goes_to_time_wait_then_closed_after_2msl);
	RUN(close_wait_close_sends_fin_and_last_ack_ack_closes);
	RUN(time_wait_reacks_retransmitted_fin_and_restarts_2msl);
	RUN(valid_rst_resets_with_econnreset_or_epipe);
	RUN(abort_sends_rst_at_snd_nxt);
	RUN(time_wait_rst_ends_it_unless_rfc1337);
	RUN(time_wait_new_syn_reopens_with_isn_plus_65537);
	RUN(syn_schedules_match_linux_and_rfc);
	RUN(synack_retries_give_up_at_63s);
	RUN(sequence_numbers_wrap_mid_transfer);
	RUN(data_retransmission_gives_up_like_linux);
	RUN(extreme_timer_parameters_saturate);
	RUN(sends_larger_than_the_view_are_delivered_exactly);
	RUN(accept_queue_takes_backlog_plus_one_then_drops_syns);
	RUN(third_ack_on_a_full_accept_queue);
	RUN(old_embryos_are_pruned_when_the_syn_queue_is_half_full);
	RUN(retransmitted_syn_draws_one_synack_and_pushes_the_timer);
	RUN(segments_into_an_embryo);
	RUN(lost_synack_gets_two_synacks_when_the_timers_tie);
	RUN(time_wait_answers_by_the_kernel_rules);
	RUN(time_wait_reopens_on_a_newer_timestamp);
	RUN(paws_drops_an_old_duplicate_in_established);
	RUN(rst_after_shutdown_is_econnreset);
	RUN(close_wait_fin_again_draws_dsack_a_new_one_nothing);
	RUN(keepalive_gives_up_with_rst_on_linux);
	RUN(syn_give_up_by_count_or_time);
	RUN(syn_sent_bad_ack_resends_the_syn_after_8ms);
	RUN(orphaned_fin_wait_2_by_the_kernel_rules);
	RUN(inject_forges_what_the_matrix_needs);
	RUN(drop_by_sequence_range_takes_the_chosen_segment);
	RUN(nagle_holds_a_second_short_segment);
	RUN(congestion_control_counts_segments_as_linux);
	RUN(cubic_regrows_to_its_last_maximum_in_k_seconds);
	RUN(an_idle_connection_restarts_from_the_initial_window);
	RUN(tail_loss_probe_then_rack);
	RUN(persist_probes_restart_from_each_answer);
	RUN(linux_unread_frames_keep_their_own_buffers);
	RUN(rfc9293_sender_holds_a_silly_segment_until_the_override);
	RUN(the_receive_buffer_autotunes_unless_locked);
	RUN(duplicate_acks_are_compressed_after_three);
	RUN(a_reader_takes_each_frame_and_acks_a_pushed_one);
	return check_report("test_tcp");
}
