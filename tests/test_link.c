/* test_link: scripted faults (drop by flags and ordinal, by segment number,
 * by time window, delay) and the link's delay, rate and loss. */
#include "tcp_harness.h"

static int count_lost(struct sim *s, int reason)
{
	int n = 0;
	for (uint32_t i = 0; i < s->tr.n; i++)
		n += s->tr.recs[i].kind == TR_SEG_LOST && s->tr.recs[i].sub == reason;
	return n;
}

static const struct trace_seg *nth_lost(struct sim *s, int k)
{
	for (uint32_t i = 0; i < s->tr.n; i++)
		if (s->tr.recs[i].kind == TR_SEG_LOST && k-- == 0)
			return &s->tr.segs[s->tr.recs[i].seg];
	return NULL;
}

static void drop_second_synack_by_ordinal(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_fault(&scn, FAULT_DROP_MATCH, DIR_BA, MATCH_SYNACK, 1);
	sb_fault(&scn, FAULT_DROP_MATCH, DIR_BA, MATCH_SYNACK, 2);
	struct sim *s = sim_new(&scn, NULL);
	sim_run_until(s, 10 * SEC);
	CHECK_INT(count_lost(s, LOSS_FAULT), 2);
	const struct trace_seg *g = nth_lost(s, 1);
	CHECK(g && g->h.flags == (TH_SYN | TH_ACK) && g->retx);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	sim_free(s);
	sb_free(&scn);
}

static void drop_by_segment_number(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 5000;
	sb_fault(&scn, FAULT_DROP_SEGNO, DIR_AB, 0, 3);
	struct sim *s = sim_new(&scn, NULL);
	sim_run_until(s, 5 * SEC);
	const struct trace_seg *g = nth_lost(s, 0);
	CHECK(g && g->nth == 3 && g->h.len == 1460 && g->h.seq == CISN + 1);
	CHECK_INT(sock_at(s, sock_conn(s, S, 2))->bytes_received, 5000);
	sim_free(s);
	sb_free(&scn);
}

static void drop_window_cuts_both_ways(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	struct scn_fault *f = sb_fault(&scn, FAULT_DROP_WINDOW, DIR_BOTH, 0, 0);
	f->from = 0;
	f->to = 3 * SEC;
	struct sim *s = sim_new(&scn, NULL);
	sim_run_until(s, 10 * SEC);
	/* SYNs at 0.1 1.1 2.1 lost, the one at 3.1 gets through */
	CHECK_INT(count_lost(s, LOSS_FAULT), 3);
	CHECK_INT(h_state(s, C, 1), TCPS_ESTABLISHED);
	sim_free(s);
	sb_free(&scn);
}

static void delay_makes_a_late_segment(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 100;
	sb_fault(&scn, FAULT_DELAY_MATCH, DIR_AB, MATCH_DATA, 1)->by = 90 * SEC;
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	const struct trace_seg *late = NULL;
	for (uint32_t i = 0; i < s->tr.nsegs; i++)
		if (s->tr.segs[i].h.len == 100 && !s->tr.segs[i].retx) {
			late = &s->tr.segs[i];
			break;
		}
	CHECK(late && late->arrive - late->sent == 90 * SEC + 10 * MS);
	sim_free(s);
	sb_free(&scn);
}

static void rate_serializes_back_to_back_segments(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.link[0].rate_bps = 1000000; /* 1 Mbit/s: 1500 bytes take 12 ms */
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 2920;
	struct sim *s = sim_new(&scn, NULL);
	sim_run_until(s, 1 * SEC);
	const struct trace_seg *d[2];
	int n = 0;
	for (uint32_t i = 0; i < s->tr.nsegs && n < 2; i++)
		if (s->tr.segs[i].h.len == 1460)
			d[n++] = &s->tr.segs[i];
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(d[0]->arrive, 200 * MS + 12 * MS + 10 * MS);
		CHECK_INT(d[1]->arrive, 200 * MS + 24 * MS + 10 * MS);
	}
	sim_free(s);
	sb_free(&scn);
}

static void random_loss_rate_is_near_the_setting(void)
{
	struct scenario scn;
	h_scenario(&scn, PROFILE_LINUX);
	scn.link[0].loss_ppm = 100000;
	h_connect(&scn, 100 * MS);
	sb_at(&scn, 200 * MS, C, ACT_SEND)->nbytes = 2000000;
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	int sent = 0, lost = 0;
	for (uint32_t i = 0; i < s->tr.nsegs; i++)
		if (s->tr.segs[i].from == C) {
			sent++;
			lost += s->tr.segs[i].lost == LOSS_RANDOM + 1;
		}
	CHECK(sent > 1000);
	CHECK(lost * 100 > sent * 7 && lost * 100 < sent * 13);
	CHECK_INT(sock_at(s, sock_conn(s, S, 2))->bytes_received, 2000000);
	sim_free(s);
	sb_free(&scn);
}

int main(void)
{
	RUN(drop_second_synack_by_ordinal);
	RUN(drop_by_segment_number);
	RUN(drop_window_cuts_both_ways);
	RUN(delay_makes_a_late_segment);
	RUN(rate_serializes_back_to_back_segments);
	RUN(random_loss_rate_is_near_the_setting);
	return check_report("test_link");
}
