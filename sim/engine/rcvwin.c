/* rcvwin: the receive window a connection offers.  The linux profile sizes
 * it as the kernel does, from the receive buffer and its estimate of how
 * much of the buffer a byte of payload costs (tcp_select_initial_window,
 * tcp_init_buffer_space, tcp_measure_rcv_mss, tcp_grow_window,
 * __tcp_select_window); the rfc9293 profile offers the free buffer.  Pure
 * functions of a TCB and its host's parameters, called by socktab (a new
 * socket), state (ESTABLISHED), tcp_in (data arrives), tcp_out (every
 * header) and app (a read).
 *
 * The buffer model (Linux's sk_rmem_alloc): a received frame costs its
 * truesize, not its payload.  Linux learns the ratio payload/truesize from
 * the frames it receives (scaling_ratio, in 1/256ths, 128 before the first
 * full frame); tcpsim models an Ethernet/veth frame as one linear buffer,
 * sized as the kernel sizes it (rcvwin_truesize: a 1448-byte payload costs
 * 2304, a ratio of 160/256, a 200-byte one 1280), the sizes the recordings
 * in tests/kernel/ show.  Unread frames wait as buffers of their own (the
 * rxq runs; a frame that fits the newest buffer's tailroom is copied in),
 * and a read frees the buffers it finishes (rcvwin_read).  A
 * reading application takes what arrived when tcp_in says (rcvwin_take):
 * the frame that wakes it and the next one of the same instant are both
 * still queued when the second is ACKed; after that each frame is taken
 * once the receive path is done with it.
 *
 * Auto-tuning (tcp_rcv_space_adjust): unless SO_RCVBUF locked it, the
 * buffer starts at rmem DEF and, once per receiver round trip (measured
 * from the timestamps, tcp_rcv_rtt_measure_ts), grows to hold twice what
 * the application read in the last one, plus twice that again times its
 * growth since the measure before, up to rmem MAX; the window clamp
 * follows, and rcv_ssthresh keeps opening (tcp_grow_window). */
#include <string.h>

#include "engine.h"

#define RMEM_TO_WIN_SCALE 8  /* TCP_RMEM_TO_WIN_SCALE */
#define DEFAULT_RATIO 128    /* TCP_DEFAULT_SCALING_RATIO: half */
#define RMEM_MAX 212992      /* net.core.rmem_max, the SO_RCVBUF cap */
#define SOCK_MIN_RCVBUF 2304 /* 2048 + sizeof(struct sk_buff), rounded */
#define MAX_WSCALE 14        /* TCP_MAX_WSCALE */
#define MIN_RCVMSS 536       /* TCP_MIN_RCVMSS */
#define GROW_MIN_LEN 128     /* tcp_event_data_recv grows on frames this big */
#define FRAME_HEADROOM 16    /* LL_RESERVED_SPACE of an Ethernet device */
#define FRAME_HEADERS 54     /* Ethernet, IPv4 and TCP headers, no options */
#define SHINFO_SIZE 320      /* skb_shared_info, MAX_SKB_FRAGS 17, cache-aligned */
#define SMALL_HEAD 576       /* SKB_SMALL_HEAD_CACHE_SIZE (skbuff_small_head) */
#define SKB_OVERHEAD 256     /* the sk_buff itself */

static int is_linux(const struct tcp_params *p)
{
	return p->profile != PROFILE_RFC9293;
}

/* A frame's truesize.  The frame (headroom, headers with the options every
 * segment carries, payload) is one linear buffer, as packet_alloc_skb()
 * builds it for the recorder's relay and the veth hands it on: __alloc_skb()
 * -> kmalloc_reserve() asks for SKB_HEAD_ALIGN(size), the frame rounded up to
 * 64 bytes plus skb_shared_info, from the skbuff_small_head cache if that
 * fits, else from the kmalloc slab of the next power of two
 * (kmalloc_size_roundup); truesize is that buffer plus the sk_buff
 * (SKB_TRUESIZE).  SACK blocks on a data segment are not counted. */
static uint32_t frame_size(const struct tcb *t, uint32_t len)
{
	return FRAME_HEADROOM + FRAME_HEADERS + (t->ts_ok ? TS_OPT_ALIGNED : 0u) + len;
}

/* The buffer kmalloc_reserve() gives a frame of `frame` bytes. */
static uint32_t frame_buffer(uint32_t frame)
{
	uint32_t head = ((frame + 63u) & ~63u) + SHINFO_SIZE;
	uint32_t b = SMALL_HEAD;
	if (head > SMALL_HEAD)
		for (b = 1024; b < head && b < (1u << 30);)
			b <<= 1;
	return b;
}

uint32_t rcvwin_truesize(const struct tcb *t, uint32_t len)
{
	return frame_buffer(frame_size(t, len)) + SKB_OVERHEAD;
}

/* skb_tailroom() of a frame's buffer: what is left between its end and the
 * skb_shared_info at the end of the allocation (__alloc_skb: the end is the
 * buffer less SKB_DATA_ALIGN(sizeof(struct skb_shared_info))). */
static uint32_t frame_tailroom(const struct tcb *t, uint32_t len)
{
	uint32_t frame = frame_size(t, len);
	uint32_t end = frame_buffer(frame) - SHINFO_SIZE;
	return end > frame ? end - frame : 0;
}

/* tcp_win_from_space(): the payload `space` bytes of buffer hold. */
static uint32_t win_from_space(const struct tcb *t, uint64_t space)
{
	return (uint32_t)((space * t->scaling_ratio) >> RMEM_TO_WIN_SCALE);
}

/* sk_rmem_alloc: the receive queue, unread or of this instant, and the
 * out-of-order queue, whose frames hold their buffers until RCV.NXT
 * reaches them and the application reads them. */
static uint32_t rmem_used(const struct tcb *t, simtime_t now)
{
	uint32_t ooo = 0;
	for (int i = 0; i < t->nooo; i++)
		ooo += t->ooo_mem[i];
	return t->rmem_unread + (t->rmem_fresh_at == now ? t->rmem_fresh : 0) + ooo;
}

/* The unread queue (sk_receive_queue) as runs of buffers, oldest first:
 * the kernel frees a buffer only when its last byte is copied, so a read
 * frees what it finishes, and a run of n buffers is taken as n of equal
 * size (exact for the equal frames of a bulk transfer).  With every run in
 * use the two newest are merged into one. */
static void rxq_push(struct tcb *t, uint32_t n, uint32_t len, uint32_t mem, int join)
{
	if (join && t->nrxq) {
		uint32_t *r = t->rxq[t->nrxq - 1];
		if ((uint64_t)r[1] * n == (uint64_t)len * r[0] &&
		    (uint64_t)r[2] * n == (uint64_t)mem * r[0]) {
			r[0] += n, r[1] += len, r[2] += mem;
			return;
		}
	}
	if (t->nrxq == RXQ_RUNS) {
		uint32_t *a = t->rxq[RXQ_RUNS - 2], *b = t->rxq[RXQ_RUNS - 1];
		a[0] += b[0], a[1] += b[1], a[2] += b[2];
		t->nrxq--;
	}
	uint32_t *r = t->rxq[t->nrxq++];
	r[0] = n, r[1] = len, r[2] = mem;
}

/* tcp_queue_rcv(): an in-order frame for the unread queue.  tcp_try_coalesce
 * -> skb_try_coalesce() copies it into the tailroom of the newest buffer
 * when it fits, at no cost ("*delta_truesize = 0"); otherwise it would steal
 * the frame's head as a page fragment, which a kmalloc'd head forbids
 * (skb_head_is_locked: the linear frames AF_PACKET and veth deliver), so
 * the frame stays a buffer of its own, charged its truesize. */
static void rxq_frame(struct tcb *t, uint32_t len, uint32_t mem)
{
	if (t->nrxq && len <= t->rxq_tailroom) {
		uint32_t *r = t->rxq[t->nrxq - 1];
		t->rxq_tailroom = (uint16_t)(t->rxq_tailroom - len);
		if (r[0] > 1) { /* the newest buffer leaves its run */
			uint32_t l = r[1] / r[0], m = r[2] / r[0];
			r[0]--, r[1] -= l, r[2] -= m;
			rxq_push(t, 1, l, m, 0);
			r = t->rxq[t->nrxq - 1];
		}
		r[1] += len;
		return;
	}
	rxq_push(t, 1, len, mem, 1);
	uint32_t room = frame_tailroom(t, len);
	t->rxq_tailroom = (uint16_t)(room < UINT16_MAX ? room : UINT16_MAX);
	t->rmem_unread += mem;
}

/* Charges mem to the receive queue: unread, or of this instant for a
 * reading application (tcp_queue_rcv). */
static void charge(struct tcb *t, uint32_t mem, simtime_t now)
{
	if (!t->reading) {
		t->rmem_unread += mem;
		return;
	}
	if (t->rmem_fresh_at != now) {
		t->rmem_fresh = t->rmem_frames = 0;
		t->rcv_fresh_ooo = 0;
	}
	t->rmem_fresh += mem;
	t->rmem_fresh_at = now;
}

/* tcp_space(): the payload the free buffer can still take. */
static uint32_t space_free(const struct tcb *t, simtime_t now)
{
	uint32_t used = rmem_used(t, now);
	return used >= t->rcvbuf ? 0 : win_from_space(t, t->rcvbuf - used);
}

/* tcp_full_space() */
static uint32_t space_full(const struct tcb *t)
{
	return win_from_space(t, t->rcvbuf);
}

static uint32_t align_up(uint32_t v, unsigned shift)
{
	uint32_t m = (1u << shift) - 1;
	return v > UINT32_MAX - m ? UINT32_MAX & ~m : (v + m) & ~m;
}

void rcvwin_init(struct tcb *t, const struct tcp_params *p)
{
	t->scaling_ratio = DEFAULT_RATIO;
	t->window_clamp = 0;
	t->rcv_ssthresh = 0;
	t->rmem_unread = t->rmem_fresh = 0;
	t->rcv_fresh_ooo = 0;
	t->rmem_fresh_at = -1;
	t->nrxq = 0;
	t->rxq_copied = 0;
	t->rxq_tailroom = 0;
	t->rcv_mss = MIN_RCVMSS;
	if (!is_linux(p)) {
		t->rcvbuf = p->rcvbuf;
		t->sndbuf = p->sndbuf;
		t->rcv_wnd = p->rcvbuf;
		return;
	}
	/* sock_setsockopt(SO_RCVBUF): capped by rmem_max, doubled for the
	 * bookkeeping, and the buffer no longer auto-tunes */
	t->rcv_locked = p->rcvbuf != 0;
	if (t->rcv_locked) {
		uint32_t v = p->rcvbuf < RMEM_MAX ? p->rcvbuf : RMEM_MAX;
		t->rcvbuf = 2 * v > SOCK_MIN_RCVBUF ? 2 * v : SOCK_MIN_RCVBUF;
	} else {
		t->rcvbuf = p->rmem[1];
	}
	if (p->sndbuf) {
		uint32_t v = p->sndbuf < RMEM_MAX ? p->sndbuf : RMEM_MAX;
		t->sndbuf = 2 * v;
	} else {
		t->sndbuf = p->wmem[1];
	}
}

static int ilog2_u32(uint32_t v)
{
	int r = -1;
	while (v) {
		v >>= 1;
		r++;
	}
	return r;
}

/* tcp_select_initial_window(): the SYN's window, the window clamp and the
 * scale, for a buffer of `space` bytes of payload and segments of `mss`. */
static void initial_window(const struct tcp_params *p, uint32_t space, uint32_t mss,
                           uint32_t *rcv_wnd, uint32_t *clamp, int *wscale)
{
	if (*clamp == 0)
		*clamp = 65535u << MAX_WSCALE;
	if (space > *clamp)
		space = *clamp;
	if (space > mss)
		space -= space % mss;
	*rcv_wnd = space < 65535 ? space : 65535;
	*wscale = 0;
	if (p->wscale >= 0) {
		*wscale = p->wscale;
	} else if (p->wscale == WSCALE_AUTO) {
		/* the scale covers the largest buffer the socket may grow to */
		uint32_t max = space;
		if (max < p->rmem[2])
			max = p->rmem[2];
		if (max < RMEM_MAX)
			max = RMEM_MAX;
		if (max > *clamp)
			max = *clamp;
		int ws = ilog2_u32(max) - 15;
		*wscale = ws < 0 ? 0 : ws > MAX_WSCALE ? MAX_WSCALE : ws;
	}
	uint64_t top = (uint64_t)65535 << *wscale;
	if (top < *clamp)
		*clamp = (uint32_t)top;
}

int rcvwin_wscale_ok(const struct tcp_params *p)
{
	return p->wscale != -1;
}

int rcvwin_syn(struct tcb *t, const struct tcp_params *p, uint32_t mss)
{
	if (!is_linux(p)) {
		uint32_t w = t->rcvbuf > t->rcv_unread ? t->rcvbuf - t->rcv_unread : 0;
		t->rcv_wnd = w > 65535 ? 65535 : w;
		return p->wscale;
	}
	uint32_t full = space_full(t);
	uint32_t clamp = t->window_clamp;
	/* tcp_connect_init / tcp_openreq_init_rwin: a locked buffer clamps */
	if (t->rcv_locked && (clamp == 0 || clamp > full))
		clamp = full;
	int ws;
	initial_window(p, full, mss, &t->rcv_wnd, &clamp, &ws);
	t->window_clamp = clamp;
	t->rcv_ssthresh = t->rcv_wnd;
	return ws;
}

uint16_t rcvwin_cookie(const struct tcp_params *p, uint32_t mss, int *wscale)
{
	struct tcb t = {0};
	rcvwin_init(&t, p);
	*wscale = rcvwin_syn(&t, p, mss);
	return (uint16_t)t.rcv_wnd;
}

void rcvwin_established(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	if (!is_linux(p))
		return;
	t->rcvq_time = now;
	t->rcvq_seq = t->rcv_nxt - t->rcv_unread;
	uint32_t advmss = t->advmss;
	uint32_t maxwin = space_full(t);
	/* tcp_init_buffer_space(): unless SO_SNDBUF locked it, the send buffer
	 * grows to hold the first flight twice over (tcp_sndbuf_expand,
	 * sndbuf.c; mss_clamp is the peer's MSS option, reordering still its
	 * initial 3, sysctl_tcp_reordering: 46,080 bytes for MSS 1460) */
	if (!p->sndbuf) {
		uint32_t clamp = t->peer_mss > t->mss ? t->peer_mss : t->mss;
		uint32_t mss = t->mss ? t->mss : 1;
		t->sndbuf = sndbuf_expand(t->sndbuf, clamp, t->cwnd / mss, 3, p->wmem[2]);
	}
	/* tcp_init_buffer_space(), tcp_app_win 31 */
	if (t->window_clamp >= maxwin)
		t->window_clamp = maxwin;
	/* "force reservation of one segment" */
	if (t->window_clamp > 2 * advmss && t->window_clamp + advmss > maxwin)
		t->window_clamp = 2 * advmss > maxwin - advmss ? 2 * advmss : maxwin - advmss;
	if (t->rcv_ssthresh > t->window_clamp)
		t->rcv_ssthresh = t->window_clamp;
	/* the first measurement's bar: the initial window's worth */
	uint32_t sp = t->rcv_ssthresh < t->rcv_wnd ? t->rcv_ssthresh : t->rcv_wnd;
	t->rcvq_space = sp < 10u * advmss ? sp : 10u * advmss;
	/* tcp_initialize_rcv_mss() */
	uint32_t hint = advmss < t->mss ? advmss : t->mss;
	if (hint > t->rcv_wnd / 2)
		hint = t->rcv_wnd / 2;
	if (hint > MIN_RCVMSS)
		hint = MIN_RCVMSS;
	if (hint < 88)
		hint = 88;
	t->rcv_mss = (uint16_t)hint;
}

/* tcp_set_window_clamp() as tcp_measure_rcv_mss() calls it. */
static void set_clamp(struct tcb *t, uint32_t val)
{
	uint32_t old = t->window_clamp;
	uint32_t nw = val > SOCK_MIN_RCVBUF / 2 ? val : SOCK_MIN_RCVBUF / 2;
	if (nw == old)
		return;
	t->window_clamp = nw;
	if (nw < old) {
		if (t->rcv_ssthresh > nw)
			t->rcv_ssthresh = nw;
	} else {
		uint32_t r = t->rcv_wnd < nw ? t->rcv_wnd : nw;
		if (r > t->rcv_ssthresh)
			t->rcv_ssthresh = r;
	}
}

/* __tcp_grow_window(): the slow part of check #2. */
static uint32_t grow_slow(const struct tcb *t, const struct tcp_params *p, uint32_t truesize,
                          uint32_t len)
{
	uint32_t ts = win_from_space(t, truesize) >> 1;
	uint32_t window = win_from_space(t, p->rmem[2]) >> 1;
	while (t->rcv_ssthresh <= window) {
		if (ts <= len)
			return 2u * t->rcv_mss;
		ts >>= 1;
		window >>= 1;
	}
	return 0;
}

static void measure_rcv_mss(struct tcb *t, uint32_t len, uint32_t truesize, int psh);

void rcvwin_data(struct tcb *t, const struct tcp_params *p, uint32_t len, int in_order, int psh,
                 simtime_t now)
{
	if (!is_linux(p) || len == 0)
		return;
	uint32_t truesize = rcvwin_truesize(t, len);
	/* the frame is charged to the buffer (tcp_queue_rcv) ... */
	if (in_order && !t->reading)
		rxq_frame(t, len, truesize);
	else
		charge(t, truesize, now);
	if (t->reading && t->rmem_frames < UINT8_MAX)
		t->rmem_frames++;
	/* ... then tcp_measure_rcv_mss() learns the ratio from a full frame */
	if (in_order)
		measure_rcv_mss(t, len, truesize, psh);
}

/* tcp_measure_rcv_mss(): a full frame teaches the payload ratio
 * (scaling_ratio, and with it window_clamp) and the peer's MSS; a short
 * one marks the owed ACK pushed.  tcp_event_data_recv() calls it for data
 * in order, and since 6.17 tcp_data_queue_ofo() for data out of order too
 * ("tcp: call tcp_measure_rcv_mss() for ooo packets"). */
static void measure_rcv_mss(struct tcb *t, uint32_t len, uint32_t truesize, int psh)
{
	if (len >= t->rcv_mss) {
		if (len != t->rcv_mss) {
			uint32_t ratio =
			    (uint32_t)(((uint64_t)len << RMEM_TO_WIN_SCALE) / truesize);
			uint16_t old = t->scaling_ratio;
			t->scaling_ratio = (uint16_t)(ratio ? ratio : 1);
			if (old != t->scaling_ratio) {
				set_clamp(t, space_full(t));
				if (t->window_clamp < t->rcv_ssthresh)
					t->rcv_ssthresh = t->window_clamp;
			}
		}
		t->rcv_mss = (uint16_t)(len < t->advmss ? len : t->advmss);
		/* a full segment with PSH likely ends a write: the read that
		 * empties the buffer ACKs it (6.7+, "tcp: fix delayed ACKs for
		 * MSS boundary condition") */
		if (psh)
			t->ack_pushed |= ACK_PUSHED;
	} else {
		/* a short segment: ICSK_ACK_PUSHED, a second one PUSHED2 */
		if (t->ack_pushed & ACK_PUSHED)
			t->ack_pushed |= ACK_PUSHED2;
		t->ack_pushed |= ACK_PUSHED;
	}
}

int rcvwin_ooo(struct tcb *t, const struct tcp_params *p, uint32_t len, int psh, simtime_t now,
               uint32_t *mem)
{
	*mem = 0;
	if (!is_linux(p) || len == 0)
		return 0;
	/* tcp_data_queue_ofo(): "For non sack flows, do not grow window to
	 * force DUPACK and trigger fast retransmit"; tcp_grow_window() runs
	 * before skb_set_owner_r() charges the frame, so the frame's own
	 * buffer does not count against the room */
	*mem = rcvwin_truesize(t, len);
	measure_rcv_mss(t, len, *mem, psh);
	int grew = t->sack_ok ? rcvwin_grow(t, p, len, 0, now) : 0;
	return grew;
}

void rcvwin_ooo_queued(struct tcb *t, uint32_t len, uint32_t mem, simtime_t now)
{
	if (!mem)
		return;
	if (t->reading) {
		charge(t, mem, now);
		t->rcv_fresh_ooo += len;
		return;
	}
	/* the range's frames join the unread queue as one buffer (their
	 * count is not kept); none has tailroom for the next frame */
	rxq_push(t, 1, len, mem, 0);
	t->rxq_tailroom = 0;
	t->rmem_unread += mem;
}

int rcvwin_take(struct tcb *t, uint32_t *rest)
{
	int took = t->rmem_fresh != 0;
	/* Linux: tcp_recvmsg_locked() calls tcp_rcv_space_adjust() after each
	 * buffer it copies, all with the tcp_mstamp of the read ("We do not
	 * refresh tp->tcp_mstamp here"), so only the first call can find a
	 * receiver RTT passed: a read measures after its first buffer, the
	 * rest still queued (inq), as `read` does in app.c.  When a
	 * retransmission fills the hole, the out-of-order queue behind it
	 * joins the receive queue in the same softirq (tcp_data_queue ->
	 * tcp_ofo_queue), before the reader runs, as buffers of their own:
	 * the reader's first buffer is the retransmission, and the whole
	 * out-of-order range still waits when it measures (case
	 * bulk-one-loss-paced: the measure of 0.281 s counts 80 KB queued and
	 * only restarts, so Linux's buffer does not grow again before the
	 * transfer ends: win 1182 to the end).  Frames that arrive in order
	 * in one instant keep the measure after the last of them. */
	*rest = t->rcv_fresh_ooo;
	t->rmem_fresh = 0;
	t->rcv_fresh_ooo = 0;
	return took;
}

int rcvwin_grow(struct tcb *t, const struct tcp_params *p, uint32_t len, int in_order,
                simtime_t now)
{
	if (!is_linux(p) || len == 0)
		return 0;
	uint32_t truesize = rcvwin_truesize(t, len);
	/* tcp_grow_window(): rcv_ssthresh opens by about two segments per
	 * frame while the buffer has room and frames are not all overhead */
	if (in_order && len < GROW_MIN_LEN)
		return 0;
	uint32_t lim = space_free(t, now);
	if (t->window_clamp < lim)
		lim = t->window_clamp;
	if (lim <= t->rcv_ssthresh)
		return 0;
	uint32_t room = lim - t->rcv_ssthresh, incr;
	if (win_from_space(t, truesize) <= len)
		incr = 2u * t->advmss;
	else
		incr = grow_slow(t, p, truesize, len);
	if (!incr)
		return 0;
	if (incr < 2 * len)
		incr = 2 * len;
	t->rcv_ssthresh += incr < room ? incr : room;
	return 1; /* icsk_ack.quick |= 1 */
}

/* tcp_space_from_win(): the buffer that holds `win` bytes of payload. */
static uint64_t space_from_win(const struct tcb *t, uint64_t win)
{
	return (win << RMEM_TO_WIN_SCALE) / (t->scaling_ratio ? t->scaling_ratio : 1);
}

/* tcp_rcv_rtt_update(): the smallest sample wins at once; a larger one
 * is smoothed in (gain 1/8) only when it does not depend on the window
 * and the application has read everything. */
static void rcv_rtt_update(struct tcb *t, uint32_t sample, int win_dep)
{
	uint64_t m = (uint64_t)sample << 3;
	if (m > UINT32_MAX)
		m = UINT32_MAX;
	if (t->rcv_rtt_us == 0 || m < t->rcv_rtt_us) {
		t->rcv_rtt_us = (uint32_t)m;
		return;
	}
	if (win_dep || t->rcv_unread)
		return;
	t->rcv_rtt_us = t->rcv_rtt_us - (t->rcv_rtt_us >> 3) + sample;
}

void rcvwin_rtt(struct tcb *t, const struct tcp_params *p, uint32_t len, int ts, uint32_t tsecr,
                uint32_t ts_now, simtime_t now)
{
	if (!is_linux(p) || len == 0)
		return;
	if (!ts) {
		/* tcp_rcv_rtt_measure(): a window's worth of data per sample */
		if (t->rcv_rtt_time && SEQ_LT(t->rcv_nxt, t->rcv_rtt_seq))
			return;
		if (t->rcv_rtt_time) {
			simtime_t d = now - t->rcv_rtt_time;
			rcv_rtt_update(t, d > 0 ? (uint32_t)d : 1u, 1);
		}
		t->rcv_rtt_seq = t->rcv_nxt + t->rcv_wnd;
		t->rcv_rtt_time = now;
		return;
	}
	/* tcp_rcv_rtt_measure_ts(): once per new echo, from a full segment;
	 * the TS clock counts milliseconds (tcp_rtt_tsopt_us) */
	if (tsecr == t->rcv_rtt_tsecr)
		return;
	t->rcv_rtt_tsecr = tsecr;
	if (len < t->rcv_mss)
		return;
	uint32_t ms = ts_now - tsecr;
	if (ms > 0 && ms < INT32_MAX / 1000)
		rcv_rtt_update(t, ms * 1000u, 0);
}

void rcvwin_space_adjust(struct tcb *t, const struct tcp_params *p, uint32_t copied_seq,
                         simtime_t now)
{
	if (!is_linux(p) || t->rcv_rtt_us == 0)
		return;
	if (now - t->rcvq_time < (simtime_t)(t->rcv_rtt_us >> 3))
		return;
	/* what the application took since the last measurement, less what
	 * it has left in the queue */
	int64_t copied = (int64_t)(uint32_t)(copied_seq - t->rcvq_seq) -
	                 (int64_t)(uint32_t)(t->rcv_nxt - copied_seq);
	if (copied > (int64_t)t->rcvq_space) {
		uint32_t old = t->rcvq_space;
		t->rcvq_space = (uint32_t)copied;
		/* tcp_rcvbuf_grow(): room for twice that (the measure is one
		 * round trip late), more again by twice the growth since the
		 * last measure (the sender may double its rate in slow start:
		 * "tcp: fix too slow tcp_rcvbuf_grow() action", which the
		 * recorded 6.18.44 has), plus what waits out of order */
		if (!t->rcv_locked) {
			uint64_t rcvwin = (uint64_t)copied << 1;
			if (old)
				rcvwin += ((rcvwin * (uint64_t)(copied - old)) / old) << 1;
			if (t->nooo && SEQ_GT(t->ooo[0][1], t->rcv_nxt))
				rcvwin += t->ooo[0][1] - t->rcv_nxt;
			uint64_t rcvbuf = space_from_win(t, rcvwin);
			if (rcvbuf > p->rmem[2])
				rcvbuf = p->rmem[2];
			if (rcvbuf > t->rcvbuf) {
				t->rcvbuf = (uint32_t)rcvbuf;
				t->window_clamp = space_full(t); /* the clamp follows */
			}
		}
	}
	t->rcvq_seq = copied_seq;
	t->rcvq_time = now;
}

/* The application copies `n` of the unread bytes (one recv()).
 * tcp_recvmsg_locked() frees a buffer when its last byte is copied
 * (tcp_eat_recv_skb); a partly read one stays charged whole (the rxq runs
 * above).  Without the queue (rfc9293, or data a reading application took
 * as it came) only the byte count moves. */
void rcvwin_read(struct tcb *t, uint32_t n)
{
	if (n >= t->rcv_unread) {
		t->rcv_unread = 0;
		t->rmem_unread = 0;
		t->nrxq = 0;
		t->rxq_copied = 0;
		t->rxq_tailroom = 0;
		return;
	}
	t->rcv_unread -= n;
	uint64_t copied = (uint64_t)t->rxq_copied + n;
	while (t->nrxq) {
		uint32_t *r = t->rxq[0];
		uint32_t l = r[1] / r[0], m = r[2] / r[0];
		if (r[0] == 1)
			l = r[1], m = r[2];
		if (copied < l)
			break;
		copied -= l;
		r[0]--, r[1] -= l, r[2] -= m;
		t->rmem_unread = t->rmem_unread > m ? t->rmem_unread - m : 0;
		if (r[0] == 0) {
			t->nrxq--;
			memmove(t->rxq[0], t->rxq[1], sizeof t->rxq[0] * t->nrxq);
		}
	}
	t->rxq_copied = (uint32_t)copied;
}

/* __tcp_select_window(): the window the buffer allows now, in bytes. */
uint32_t rcvwin_select(struct tcb *t, simtime_t now)
{
	uint32_t mss = t->rcv_mss;
	uint32_t free_space = space_free(t, now);
	uint32_t allowed = space_full(t);
	uint32_t full = t->window_clamp < allowed ? t->window_clamp : allowed;
	if (mss > full) {
		mss = full;
		if (mss == 0)
			return 0;
	}
	if (free_space < full >> 1) {
		t->quick = 0; /* icsk_ack.quick = 0 */
		free_space &= ~((1u << t->rcv_wscale) - 1);
		if (free_space < allowed >> 4 || free_space < mss)
			return 0;
	}
	if (free_space > t->rcv_ssthresh)
		free_space = t->rcv_ssthresh;
	if (t->rcv_wscale)
		return align_up(free_space, t->rcv_wscale);
	uint32_t window = t->rcv_wnd;
	if (window + mss <= free_space || window > free_space)
		window = free_space - free_space % mss;
	else if (mss == full && free_space > window + (full >> 1))
		window = free_space;
	return window;
}

uint32_t rcvwin_offer(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	uint32_t cur = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	uint32_t wnd;
	if (!is_linux(p)) {
		wnd = t->rcvbuf > t->rcv_unread ? t->rcvbuf - t->rcv_unread : 0;
		/* receiver SWS avoidance (RFC 9293 3.8.6.2.2): the right edge
		 * moves only by at least min(half the buffer, one MSS) */
		uint32_t step = t->rcvbuf / 2 < t->mss ? t->rcvbuf / 2 : t->mss;
		if (wnd > cur && wnd - cur < step)
			wnd = cur;
		if (cur > wnd)
			wnd = cur; /* never shrink (RFC 9293 3.8.6.2.2) */
		uint32_t top = 65535u << t->rcv_wscale;
		if (wnd > top)
			wnd = top;
		wnd &= ~((1u << t->rcv_wscale) - 1);
	} else {
		/* tcp_select_window(): never shrink the offered window */
		wnd = rcvwin_select(t, now);
		if (wnd < cur)
			wnd = align_up(cur, t->rcv_wscale);
	}
	t->rcv_wnd = wnd;
	if (SEQ_GT(t->rcv_nxt + wnd, t->rcv_adv))
		t->rcv_adv = t->rcv_nxt + wnd;
	return wnd;
}

int rcvwin_read_opens(struct tcb *t, const struct tcp_params *p, simtime_t now)
{
	uint32_t cur = SEQ_GT(t->rcv_adv, t->rcv_nxt) ? t->rcv_adv - t->rcv_nxt : 0;
	if (!is_linux(p)) {
		/* RFC 9293 3.8.6.2.2: an update once the right edge can move by
		 * min(half the buffer, one MSS) */
		uint32_t free = t->rcvbuf > t->rcv_unread ? t->rcvbuf - t->rcv_unread : 0;
		uint32_t step = t->rcvbuf / 2 < t->mss ? t->rcvbuf / 2 : t->mss;
		return free > cur && free - cur >= step;
	}
	/* tcp_cleanup_rbuf(): a read that at least doubles the window */
	if (2 * (uint64_t)cur > t->window_clamp)
		return 0;
	uint32_t nw = rcvwin_select(t, now);
	return nw && nw >= 2 * cur;
}
