/* test_rfc5961: RST and SYN checks of RFC 5961 and the ACK acceptability
 * test, on an ESTABLISHED connection (client 1000, server 5000). */
#include "tcp_harness.h"

static struct sim *established(struct scenario *scn)
{
	h_scenario(scn, PROFILE_LINUX);
	h_connect(scn, 100 * MS);
	return h_run(scn, 200 * MS);
}

static void rst_outside_window_is_dropped_silently(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 1 + 10000000, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	CHECK_INT(h_nsent(s, C, m), 0);
	CHECK(h_info(s, INFO_RST_IGNORED, m));
	sim_free(s);
	sb_free(&scn);
}

static void rst_in_window_not_at_rcv_nxt_draws_challenge_ack(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 1 + 100, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	const struct segment *g = h_sent(s, C, m);
	/* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
	CHECK(g && g->flags == TH_ACK && g->seq == CISN + 1 && g->ack == SISN + 1);
	CHECK(h_info(s, INFO_CHALLENGE_ACK, m));
	sim_free(s);
	sb_free(&scn);
}

static void rst_at_rcv_nxt_resets(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_RST, SISN + 1, 0, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_CLOSED);
	CHECK_INT(h_error(s, C, m), SE_ECONNRESET);
	sim_free(s);
	sb_free(&scn);
}

static void syn_in_established_draws_challenge_ack(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, S, 40000, 80, TH_SYN, CISN + 1, 0, 0);
	CHECK_INT(h_state(s, S, 2), TCPS_ESTABLISHED);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->seq == SISN + 1 && g->ack == CISN + 1);
	CHECK(h_info(s, INFO_CHALLENGE_ACK, m));
	sim_free(s);
	sb_free(&scn);
}

static void ack_beyond_snd_nxt_is_answered_and_dropped(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1, CISN + 5000, 0);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	CHECK(h_info(s, INFO_BAD_ACK, m));
	const struct segment *g = h_sent(s, C, m);
	CHECK(g && g->flags == TH_ACK);
	CHECK_INT(sock_at(s, sock_conn(s, C, 1))->snd_una, CISN + 1);
	sim_free(s);
	sb_free(&scn);
}

static void out_of_window_data_is_acked_not_taken(void)
{
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, S, 40000, 80, TH_ACK, CISN + 1 - 500, SISN + 1, 100);
	const struct segment *g = h_sent(s, S, m);
	CHECK(g && g->flags == TH_ACK && g->ack == CISN + 1);
	CHECK_INT(sock_at(s, sock_conn(s, S, 2))->bytes_received, 0);
	sim_free(s);
	sb_free(&scn);
}

static void acks_to_invalid_segments_are_rate_limited(void)
{
	/* Linux's tcp_invalid_ratelimit: one ACK per 500 ms for pure segments */
	struct scenario scn;
	struct sim *s = established(&scn);
	uint32_t m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1 + 10000000, CISN + 1, 0);
	CHECK_INT(h_nsent(s, C, m), 1);
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1 + 10000000, CISN + 1, 0);
	CHECK_INT(h_nsent(s, C, m), 0);
	CHECK(h_info(s, INFO_ACK_RATELIMITED, m));
	/* data always gets its ACK: the sender needs it */
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1 - 100, CISN + 1, 50);
	CHECK_INT(h_nsent(s, C, m), 1);
	sim_run_until(s, 800 * MS);
	m = h_inject(s, C, 80, 40000, TH_ACK, SISN + 1 + 10000000, CISN + 1, 0);
	CHECK_INT(h_nsent(s, C, m), 1);
	sim_free(s);
	sb_free(&scn);
}

int main(void)
{
	RUN(rst_outside_window_is_dropped_silently);
	RUN(rst_in_window_not_at_rcv_nxt_draws_challenge_ack);
	RUN(rst_at_rcv_nxt_resets);
	RUN(syn_in_established_draws_challenge_ack);
	RUN(ack_beyond_snd_nxt_is_answered_and_dropped);
	RUN(out_of_window_data_is_acked_not_taken);
	RUN(acks_to_invalid_segments_are_rate_limited);
	return check_report("test_rfc5961");
}
