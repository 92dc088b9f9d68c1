/* outbuf: sentences built piece by piece into a caller's buffer, cut (and
 * always NUL-terminated) when it is full.  Shared by narrate.c and
 * compare.c, which write their sentences with it. */
#ifndef TCPSIM_OUTBUF_H
#define TCPSIM_OUTBUF_H

#include <stddef.h>

struct outbuf {
	char *buf;
	size_t size, len; /* len: what is written so far, at most size - 1 */
};

/* Appends printf-style text; past the end it is cut. */
void outbuf_put(struct outbuf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
