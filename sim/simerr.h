/* simerr: the errors a simulated application can see, by their errno names.
 * Used by the engine (results of calls, asynchronous errors), the parser
 * (`expect HOST error ETIMEDOUT`) and every output. */
#ifndef TCPSIM_SIMERR_H
#define TCPSIM_SIMERR_H

enum sim_errno {
	SE_OK,
	SE_ECONNREFUSED,
	SE_ETIMEDOUT,
	SE_ECONNRESET,
	SE_EPIPE,
	SE_EADDRINUSE,
	SE_EADDRNOTAVAIL,
	SE_ENOTCONN,
	SE_EISCONN,
	SE_EINVAL,
	SE_EAGAIN, /* accept() with an empty queue */
	SE_COUNT
};

/* "ETIMEDOUT"; "OK" for SE_OK. */
const char *simerr_name(int e);
/* strerror's words: "Connection timed out". */
const char *simerr_text(int e);
/* Parses an errno name (case-insensitive); -1 when unknown. */
int simerr_parse(const char *s, int len);

#endif
