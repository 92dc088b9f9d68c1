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

static void syn_rcvd_from_syn_sent_rst_is_refused(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	cut_link(&scn);
	struct sim *s = h_run(&scn, 100 * MS);
	h_inject(s, C, 80, 40000, TH_SYN, 7000, 0, 0);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, 7001, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_error(s, C, m), SE_ECONNREFUSED);
	sim_free(s);
	sb_free(&scn);
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
	/* Linux: 2MSL is 60 s */
	sim_run_until(s, 300 * MS + 60 * SEC - 1);
	CHECK_INT(h_state(s, C, 1), TCPS_TIME_WAIT);
	m = s->tr.n;
	sim_run_until(s, 300 * MS + 60 * SEC);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, C, m), ARROW_TW_TIMEOUT);
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
	CHECK_INT(t->timers[TIMER_TIME_WAIT].expiry, 30 * SEC + 60 * SEC);
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

static void abort_sends_rst_at_snd_nxt(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_ABORT);
	struct sim *s = h_run(&scn, 299 * MS);
	uint32_t m = s->tr.n;
	sim_run_until(s, 300 * MS);
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_RST && g->seq == CISN + 1);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_arrow(s, C, m), ARROW_ABORT);
	sim_run_until(s, 320 * MS);
	CHECK_INT(h_state(s, S, 2), TCPS_CLOSED);
	CHECK_INT(h_error(s, S, m), SE_ECONNRESET);
	sim_free(s);
	sb_free(&scn);
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
	static const double linux_t[] = {0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67};
	static const double rfc_t[] = {0, 1, 3, 7, 15, 31, 63};
	for (int prof = 0; prof < 2; prof++) {
		struct scenario scn;
		h_scenario(&scn, prof == 0 ? PROFILE_LINUX : PROFILE_RFC9293);
		h_connect(&scn, 0);
		sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0)->to = 10000 * SEC;
		struct sim *s = sim_new(&scn, NULL);
		sim_run(s);
		const double *want = prof == 0 ? linux_t : rfc_t;
		int nwant = prof == 0 ? 11 : 7, n = 0;
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
		CHECK_INT(fail, prof == 0 ? 131 * SEC : 127 * SEC);
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
	static const int want[] = {0, 1, 3, 7, 15, 31};
	int n = 0;
	simtime_t gone = -1;
	for (uint32_t i = 0; i < s->tr.n; i++) {
		const struct trace_rec *r = &s->tr.recs[i];
		if (r->kind == TR_SEG_SEND && r->host == S) {
			if (n < 6)
				CHECK_INT(r->t, want[n] * SEC);
			n++;
		}
		if (r->kind == TR_STATE && r->sub == ARROW_SYNRCVD_TIMEOUT)
			gone = r->t;
	}
	CHECK_INT(n, 6);
	CHECK_INT(gone, 63 * SEC);
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
	CHECK(rto_syn_give_up(&p, 4, 30) == SIMTIME_MAX);
	CHECK(rto_syn_interval(&p, 0, 30) == SIMTIME_MAX);
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
	/* tcp_retries2 = 15 with RTO 200 ms .. 120 s: ETIMEDOUT 924.6 s after the send */
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 300 * MS, C, ACT_SEND)->nbytes = 100;
	struct scn_fault *f = sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0);
	f->from = 250 * MS;
	f->to = 100000 * SEC;
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	CHECK_INT(error_time(s, C, SE_ETIMEDOUT), 300 * MS + 924600 * MS);
	sim_free(s);
	sb_free(&scn);
	/* an orphan (closed by its application) tries 8 times: 102.2 s */
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
	CHECK_INT(gone, 300 * MS + 102200 * MS);
	sim_free(s);
	sb_free(&scn);
}

int main(void)
{
	RUN(closed_listen_goes_to_listen);
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
	return check_report("test_tcp");
}
