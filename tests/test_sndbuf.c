/* test_sndbuf: the send-buffer rules of sndbuf.c give the figures measured
 * on the recording kernel (docs/fidelity.md, "a large `send`, then
 * `close`"; tests/kernel/README.md, DRIVER_TRACE=1). */
#include "check.h"
#include "engine.h"

#define WMEM_MAX 4194304u /* tcp_wmem[2] */

static void the_buffer_grows_with_cwnd_and_never_shrinks(void)
{
	/* tcp_init_buffer_space at the handshake: cwnd 10, reordering 3 */
	CHECK_INT(sndbuf_expand(16384, 1460, 10, 3, WMEM_MAX), 46080);
	/* two-losses-paced's wake-up at 0.2426 s: 2 x 18 x 2304 */
	CHECK_INT(sndbuf_expand(46080, 1460, 18, 3, WMEM_MAX), 82944);
	/* bulk-one-loss's two recordings: 92,160 and 64,512 */
	CHECK_INT(sndbuf_expand(46080, 1460, 20, 3, WMEM_MAX), 92160);
	CHECK_INT(sndbuf_expand(46080, 1460, 14, 3, WMEM_MAX), 64512);
	/* a smaller cwnd later leaves it as it is */
	CHECK_INT(sndbuf_expand(82944, 1460, 10, 3, WMEM_MAX), 82944);
	/* reordering + 1 counts when it is the largest */
	CHECK_INT(sndbuf_expand(16384, 1460, 10, 29, WMEM_MAX), 2 * 30 * 2304);
	/* tcp_wmem[2] caps it */
	CHECK_INT(sndbuf_expand(16384, 1460, 1000, 3, WMEM_MAX), WMEM_MAX);
}

static void a_buffer_holds_half_the_largest_window_in_segments(void)
{
	uint16_t gso = 0;
	/* the first window, 65160: 22 segments of 1448 */
	CHECK_INT(sndbuf_size_goal(65160, 1448, 65536, 1, &gso), 22 * 1448);
	CHECK_INT(gso, 22);
	/* a window a little larger, not a whole segment more: unchanged */
	CHECK_INT(sndbuf_size_goal(66000, 1448, 65536, 1, &gso), 22 * 1448);
	/* two-losses-paced's second call: a window of 79 x 1024, 27 segments */
	CHECK_INT(sndbuf_size_goal(79 * 1024, 1448, 65536, 1, &gso), 27 * 1448);
	/* the device's GSO limit bounds a large window */
	gso = 0;
	CHECK_INT(sndbuf_size_goal(1u << 20, 1448, 65536, 1, &gso), 45 * 1448);
	/* never less than a segment */
	gso = 0;
	CHECK_INT(sndbuf_size_goal(2000, 1448, 65536, 1, &gso), 1448);
}

static void the_writer_overshoots_the_limit_by_whole_buffers(void)
{
	/* two-losses-paced's first send(): 46,336 bytes in 6 buffers */
	CHECK_INT(sndbuf_wmem(46336, 6), 51328);
	CHECK(!sndbuf_memory_free(sndbuf_wmem(46336, 6), 46080));
	/* before its last buffer of 22 segments it was under the limit */
	CHECK(sndbuf_memory_free(sndbuf_wmem(46336 - 22 * 1448, 5), 46080));
}

static void the_writer_wakes_when_half_is_free(void)
{
	CHECK(!sndbuf_writeable(sndbuf_wmem(46336, 6), 46080));
	CHECK(sndbuf_writeable(sndbuf_wmem(46336, 6), 82944));
	CHECK(sndbuf_writeable(1000, 1500));
	CHECK(!sndbuf_writeable(1000, 1499));
	CHECK(!sndbuf_writeable(2000, 1500));
}

int main(void)
{
	RUN(the_buffer_grows_with_cwnd_and_never_shrinks);
	RUN(a_buffer_holds_half_the_largest_window_in_segments);
	RUN(the_writer_overshoots_the_limit_by_whole_buffers);
	RUN(the_writer_wakes_when_half_is_free);
	return check_report("test_sndbuf");
}
