/* profile: the two stacks a scenario can choose (linux, the default, and
 * rfc9293, the textbook) as default host parameters, and the link
 * parameters.  The scenario parser starts from a profile's defaults and
 * applies each `host ... param=value`; the engine reads only the result. */
#ifndef TCPSIM_PROFILE_H
#define TCPSIM_PROFILE_H

#include <stdint.h>

#include "simtime.h"

enum profile_id { PROFILE_LINUX, PROFILE_RFC9293, PROFILE_COUNT };

#define WSCALE_AUTO (-2)

/* Congestion control (host parameter cc=): Linux's tcp_reno or tcp_cubic. */
enum cc_id { CC_RENO, CC_CUBIC, CC_COUNT };

struct tcp_params {
	int profile;
	int isn_random; /* 1: drawn from the host's RNG stream */
	uint32_t isn;
	uint16_t mss;
	/* rfc9293: the receive buffer that bounds the window.  linux: 0, or
	 * the SO_RCVBUF / SO_SNDBUF an application sets (doubled, capped by
	 * rmem_max, no auto-tuning); unset, a socket starts from rmem[1] and
	 * wmem[1] (Linux's tcp_rmem / tcp_wmem: min, default, max) */
	uint32_t rcvbuf;
	uint32_t sndbuf;
	uint32_t rmem[3], wmem[3];
	simtime_t rto_initial, rto_min, rto_max;
	/* syn_retries -1 (rfc9293's default): retransmit the SYN for at least
	 * 3 minutes (RFC 9293 3.8.3, MUST-23) instead of counting */
	int syn_retries, synack_retries, data_retries;
	int syn_linear; /* Linux's tcp_syn_linear_timeouts: the first N SYN RTOs do not double */
	simtime_t msl;  /* TIME_WAIT lasts 2 * msl */
	simtime_t fin_timeout;
	int backlog;     /* accept queue limit (listen's backlog) */
	int syn_backlog; /* SYN queue limit (tcp_max_syn_backlog) */
	int syncookies, reuseaddr, rfc1337;
	int abort_on_overflow; /* Linux's tcp_abort_on_overflow: RST a handshake the accept queue
	                          cannot take */
	uint16_t port_lo, port_hi;
	int delack; /* delayed ACKs on */
	simtime_t delack_time;
	int keepalive;
	simtime_t keepalive_idle, keepalive_intvl;
	int keepalive_probes;
	int wscale;     /* window scale announced; -1 = option off, WSCALE_AUTO =
	                   derived from rmem as Linux does */
	int sack;       /* SACK-permitted announced */
	int timestamps; /* TS option used */
	int cc;         /* enum cc_id: linux cubic, rfc9293 reno (RFC 5681, in bytes) */
	/* Linux's tcp_mtu_probing: 0 off; 1 lower the MSS when retransmission
	 * timeouts suggest a path MTU black hole; 2 start from tcp_base_mss */
	int mtu_probing;
	char app[16]; /* the application's command name (lsof, ss -p); "" = the host's name */
};

struct link_params {
	simtime_t delay, jitter;
	uint32_t loss_ppm, dup_ppm, reorder_ppm; /* parts per million */
	uint64_t rate_bps;                       /* 0 = infinite */
	uint32_t mtu;
	uint32_t queue; /* packets the sender side may queue; 0 = unlimited */
	/* one router hop on the path with its own MTU (0: none): a larger
	 * packet (Linux's TCP always sets DF) is dropped there, and with icmp
	 * the router tells the sender "fragmentation needed" (RFC 1191);
	 * without, the path is a black hole for it */
	uint32_t router_mtu;
	uint32_t icmp;  /* 1: the router sends ICMP fragmentation needed */
	uint32_t clamp; /* 1: the router lowers the MSS option of the SYNs it forwards,
	                   both ways, to router_mtu - 40 (MSS clamping) */
};

/* Fills *p with a profile's defaults. */
void profile_defaults(int profile, struct tcp_params *p);
/* "linux" / "rfc9293"; -1 when unknown. */
int profile_parse(const char *s, int len);
const char *profile_name(int profile);
/* What a profile stands for, as the window labels a run: "Linux 6.18,
 * stock sysctls" for linux, "RFC 9293 (textbook)" for rfc9293; brief:
 * "Linux 6.18", "RFC 9293". */
const char *profile_label(int profile, int brief);
/* "reno" / "cubic" (enum cc_id); -1 when unknown. */
int cc_parse(const char *s, int len);
const char *cc_name(int cc);
/* The link a scenario gets when it says nothing: 10 ms each way, no loss. */
void link_defaults(struct link_params *l);

#endif
