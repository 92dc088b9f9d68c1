/* sndbuf: the rules of Linux's send buffer (linux profile), as pure
 * functions of plain numbers.  This is the first slice of a model of the
 * send buffer and of the application's writer (docs/fidelity.md, "a large
 * `send`, then `close`"): the engine does not call these yet, and `send N`
 * still hands the socket all N bytes at once.  What they give is checked
 * against the figures measured on the recording kernel
 * (tests/kernel/README.md, DRIVER_TRACE=1) by tests/test_sndbuf.c.
 *
 * Linux counts a socket's send memory in sk_wmem_queued: the bytes of the
 * write queue and the retransmit queue (not yet acknowledged) plus the
 * overhead of each buffer (skb) holding them.  The application may queue a
 * new buffer only while sk_wmem_queued < sk_sndbuf, and once it waits it
 * is woken when, after an ACK or a send, the free space is at least half
 * of what is queued. */
#include "engine.h"

/* The overhead of one write buffer in sk_wmem_queued: SKB_TRUESIZE of the
 * small linear head tcp_stream_alloc_skb() gives a buffer whose payload
 * lives in page fragments (measured: two-losses-paced's first send() left
 * 46,336 bytes in 6 buffers, sk_wmem_queued 51,328). */
#define SKB_OVERHEAD 832u
/* MAX_TCP_HEADER (256) + SKB_DATA_ALIGN(sizeof(struct skb_shared_info))
 * (320), and SKB_DATA_ALIGN(sizeof(struct sk_buff)) (256), as
 * tcp_sndbuf_expand() adds them: per_mss 2304 for MSS 1460, the figure
 * the recordings show (any MAX_TCP_HEADER up to 268 gives it). */
#define SKB_HEAD_EXTRA 576u
#define SKB_STRUCT 256u
#define TCP_INIT_CWND 10u
#define TCP_MSS_DEFAULT 536u

static uint32_t roundup_pow2(uint32_t v)
{
	uint32_t r = 1;
	while (r < v)
		r <<= 1;
	return r;
}

/* Linux: tcp_sndbuf_expand() (net/ipv4/tcp_input.c), called by
 * tcp_init_buffer_space() when the connection is established and by
 * tcp_new_space() after an ACK freed buffers: room for twice
 * max(TCP_INIT_CWND, cwnd, reordering + 1) segments, each costing a
 * power-of-two head plus the sk_buff ("worst case is non GSO/TSO"); the
 * buffer never shrinks here and stops at tcp_wmem[2].  mss is
 * max(mss_clamp, mss_cache). */
uint32_t sndbuf_expand(uint32_t sndbuf, uint32_t mss, uint32_t cwnd_segs, uint32_t reordering,
                       uint32_t wmem_max)
{
	uint32_t per_mss = roundup_pow2(mss + SKB_HEAD_EXTRA) + SKB_STRUCT;
	uint32_t nr = cwnd_segs > TCP_INIT_CWND ? cwnd_segs : TCP_INIT_CWND;
	if (nr < reordering + 1)
		nr = reordering + 1;
	uint64_t sndmem = 2ull * nr * per_mss; /* ca_ops->sndbuf_expand unset: 2 */
	if (sndbuf >= sndmem)
		return sndbuf;
	return sndmem < wmem_max ? (uint32_t)sndmem : wmem_max;
}

/* Linux: tcp_xmit_size_goal() (net/ipv4/tcp.c) with
 * tcp_bound_to_half_wnd() (include/net/tcp.h): how many bytes the writer
 * puts in one buffer.  At most half the largest window the peer offered
 * (max_window; the whole of it when that is no more than 536), in whole
 * segments of mss_now, never below one segment; *gso_segs (tp->gso_segs)
 * keeps the last count, recomputed only when the bound falls below it or
 * rises by a segment or more.  gso_max is sk_gso_max_size. */
uint32_t sndbuf_size_goal(uint32_t max_window, uint32_t mss_now, uint32_t gso_max, int ts,
                          uint16_t *gso_segs)
{
	uint32_t bound = gso_max;
	uint32_t cutoff = max_window > TCP_MSS_DEFAULT ? max_window >> 1 : max_window;
	if (cutoff && bound > cutoff) {
		uint32_t floor = 68u - (ts ? 32u : 20u); /* 68 - tcp_header_len */
		bound = cutoff > floor ? cutoff : floor;
	}
	uint32_t goal = (uint32_t)*gso_segs * mss_now;
	if (bound < goal || bound >= goal + mss_now) {
		uint32_t segs = bound / mss_now;
		*gso_segs = (uint16_t)(segs < 65535u ? segs : 65535u); /* sk_gso_max_segs */
		goal = (uint32_t)*gso_segs * mss_now;
	}
	return goal > mss_now ? goal : mss_now;
}

/* sk_wmem_queued for `bytes` queued in `buffers` buffers
 * (sk_wmem_queued_add() in tcp_stream_alloc_skb and the copy of
 * tcp_sendmsg_locked; freed by tcp_wmem_free_skb from
 * tcp_clean_rtx_queue, and by tcp_trim_head for a part). */
uint64_t sndbuf_wmem(uint64_t bytes, uint32_t buffers)
{
	return bytes + (uint64_t)buffers * SKB_OVERHEAD;
}

/* Linux: sk_stream_memory_free() (include/net/sock.h; tcp_notsent_lowat
 * unset): the writer may open a new buffer. */
int sndbuf_memory_free(uint64_t wmem, uint32_t sndbuf)
{
	return wmem < sndbuf;
}

/* Linux: __sk_stream_is_writeable() (include/net/sock.h):
 * sk_stream_wspace() >= sk_stream_min_wspace(), the free space at least
 * half of what is queued; sk_stream_write_space() (net/core/stream.c)
 * wakes the writer only then.  tcp_check_space() (net/ipv4/tcp_input.c)
 * calls it whenever SOCK_NOSPACE is set, after each ACK's output and after
 * new data is sent; the SOCK_QUEUE_SHRUNK condition of older kernels went
 * with commit 0cbe6a8f089e. */
int sndbuf_writeable(uint64_t wmem, uint32_t sndbuf)
{
	return wmem < sndbuf && sndbuf - wmem >= wmem / 2;
}
