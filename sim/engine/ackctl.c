/* ackctl: when the linux profile acknowledges data, as the kernel decides
 * it (tcp_event_data_recv, tcp_incr_quickack, __tcp_ack_snd_check,
 * tcp_send_delayed_ack, tcp_delack_timer_handler): the first segments of a
 * connection are ACKed at once (quick-ACK mode), a receiver that answers
 * with data soon after receiving is interactive (ping-pong) and lets its
 * ACKs wait, and the wait (ato) adapts between 40 and 200 ms to the gaps
 * between arriving segments; duplicate ACKs for out-of-order data are
 * held a moment after the first three (SACK compression).  Called by tcp_in
 * (data and FINs arrive) and tcp_timeout (the delayed-ACK and
 * compressed-SACK timers); tcp_out does the bookkeeping of each
 * ACK sent.  The rfc9293 profile does not come here. */
#include "engine.h"

#define MAX_QUICKACKS 16               /* TCP_MAX_QUICKACKS */
#define DELACK_MAX (200 * SIMTIME_MS)  /* TCP_DELACK_MAX, HZ/5 */
#define DELACK_MIN (40 * SIMTIME_MS)   /* TCP_DELACK_MIN, HZ/25 */
#define ATO_CEILING (500 * SIMTIME_MS) /* HZ/2 */

/* tcp_incr_quickack(): about a window's worth of segments, two at least. */
static void incr_quickack(struct tcb *t, unsigned max)
{
	unsigned q = t->rcv_mss ? t->rcv_wnd / (2u * t->rcv_mss) : 2;
	if (q == 0)
		q = 2;
	if (q > max)
		q = max;
	if (q > t->quick)
		t->quick = (uint8_t)q;
}

void ack_enter_quickack(struct tcb *t, const struct tcp_params *p)
{
	incr_quickack(t, MAX_QUICKACKS);
	t->pingpong = 0;
	t->ato = p->delack_time;
}

void ack_data_recv(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	t->ack_sched = 1; /* inet_csk_schedule_ack() */
	if (t->ato == 0) {
		/* the first data: start the delayed-ACK engine */
		incr_quickack(t, MAX_QUICKACKS);
		t->ato = p->delack_time;
	} else {
		simtime_t m = now - t->lrcvtime;
		if (m <= p->delack_time / 2) {
			t->ato = t->ato / 2 + p->delack_time / 2;
		} else if (m < t->ato) {
			t->ato = t->ato / 2 + m;
			if (t->ato > t->rto)
				t->ato = t->rto;
		} else if (m > t->rto) {
			/* a long gap: the sender restarts, help it along */
			incr_quickack(t, MAX_QUICKACKS);
		}
	}
	t->lrcvtime = now;
}

/* tcp_send_delayed_ack() */
static void send_delayed(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	simtime_t ato = t->ato;
	if (ato > DELACK_MIN) {
		simtime_t max = ATO_CEILING;
		if (t->pingpong || t->ack_pushed)
			max = DELACK_MAX;
		if (t->rtt_valid) {
			simtime_t rtt = t->srtt > DELACK_MIN ? t->srtt : DELACK_MIN;
			if (rtt < max)
				max = rtt;
		}
		if (ato > max)
			ato = max;
	}
	if (ato > DELACK_MAX)
		ato = DELACK_MAX;
	/* ato is still 0 where no data has arrived yet (tcp_event_data_recv
	 * sets it): the kernel's timeout is jiffies + 0, which the timer wheel
	 * fires on the next tick.  So the ACK of a FIN on such a connection
	 * waits up to a tick, and an application that closes in that time
	 * sends one FIN,ACK instead (the kernel golden handshake-client-close:
	 * the ACK left 3.6 ms after the FIN arrived). */
	if (ato < 0)
		ato = 0;
	struct tcp_timer *tm = &t->timers[TIMER_DELACK];
	if (tm->armed) {
		/* the timer is about to fire anyway: ACK now */
		if (tm->due <= s->now + ato / 4) {
			tcp_send_ack(s, h);
			return;
		}
		if (s->now + ato >= tm->due)
			return; /* the earlier expiry stands */
	}
	timer_arm(s, h, TIMER_DELACK, ato);
}

void ack_snd_check(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (!t->ack_sched)
		return;
	uint32_t wup = t->rcv_adv - t->rcv_wnd;
	/* more than one full segment since the last window, and the window
	 * would not shrink; or quick-ACK mode; or an ACK the state demands */
	if (!p->delack || t->ack_now ||
	    (t->rcv_nxt - wup > t->rcv_mss && rcvwin_select(t, s->now) >= t->rcv_wnd) ||
	    (t->quick && !t->pingpong)) {
		tcp_send_ack(s, h);
		return;
	}
	/* __tcp_ack_snd_check(sk, ofo_possible): data still waits beyond a
	 * hole (this segment filled only part of it): without SACK the ACK
	 * goes at once, with SACK the compression rules decide, and a new
	 * RCV.NXT restarts their count, so the ACK of a partial fill goes at
	 * once */
	if (t->nooo) {
		if (t->sack_ok)
			ack_ooo(s, h);
		else
			tcp_send_ack(s, h);
		return;
	}
	send_delayed(s, h);
}

void ack_delack_fired(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (!t->ack_sched)
		return;
	if (!t->pingpong) {
		/* the ACK waited in vain: wait longer next time */
		simtime_t twice = 2 * t->ato;
		t->ato = twice < t->rto ? twice : t->rto;
	} else {
		/* not interactive after all */
		t->pingpong = 0;
		t->ato = sock_params(s, h)->delack_time;
	}
	tcp_send_ack(s, h);
}

void ack_after_read(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	const struct tcp_params *p = sock_params(s, h);
	if (!tcps_synchronized(t->state))
		return;
	/* tcp_cleanup_rbuf(): the every-other-segment ACK tcp_input held back
	 * (the window would have shrunk), or a pushed segment and a buffer
	 * the read left empty (out-of-order data still holds buffer) */
	uint32_t wup = t->rcv_adv - t->rcv_wnd;
	int now = t->ack_sched && (t->rcv_nxt - wup > t->rcv_mss ||
	                           (!t->nooo && ((t->ack_pushed & ACK_PUSHED2) ||
	                                         ((t->ack_pushed & ACK_PUSHED) && !t->pingpong))));
	/* ... or a window that opened enough to announce, unless the peer
	 * has closed its side (RCV_SHUTDOWN) */
	if (!now && !t->fin_rcvd)
		now = rcvwin_read_opens(t, p, s->now);
	if (now)
		tcp_send_ack(s, h);
}

/* Linux's net.ipv4.tcp_comp_sack_nr and tcp_comp_sack_delay_ns. */
#define COMP_SACK_NR 44
#define COMP_SACK_DELAY SIMTIME_MS
/* TCP_FASTRETRANS_THRESH: the duplicate ACKs that always go at once. */
#define DUPACKS_AT_ONCE 3

/* Sends the ACK of data out of order.  tcp_data_queue_ofo() scheduled it
 * (inet_csk_schedule_ack), so it spends a quick ACK (tcp_dec_quickack_mode
 * in tcp_event_ack_sent). */
static void send_ooo_ack(struct sim *s, int32_t h)
{
	sock_at(s, h)->ack_sched = 1;
	tcp_send_ack(s, h);
}

void ack_ooo(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	/* __tcp_ack_snd_check(): in quick-ACK mode, or with too many held */
	if ((t->quick && !t->pingpong) || t->compressed_acks >= COMP_SACK_NR) {
		send_ooo_ack(s, h);
		return;
	}
	if (t->comp_rcv_nxt != t->rcv_nxt) {
		t->comp_rcv_nxt = t->rcv_nxt;
		t->dup_acks_sent = 0;
	}
	if (t->dup_acks_sent < DUPACKS_AT_ONCE) {
		t->dup_acks_sent++;
		send_ooo_ack(s, h);
		return;
	}
	t->compressed_acks++;
	if (t->timers[TIMER_SACK_COMPRESS].armed)
		return;
	/* 5% of the RTT, at most 1 ms */
	simtime_t delay = COMP_SACK_DELAY;
	if (t->rtt_valid && t->srtt / 20 < delay)
		delay = t->srtt / 20;
	if (delay < 1)
		delay = 1;
	timer_arm(s, h, TIMER_SACK_COMPRESS, delay);
}

void ack_compress_fired(struct sim *s, int32_t h)
{
	struct tcb *t = sock_at(s, h);
	if (t->compressed_acks)
		send_ooo_ack(s, h);
}
