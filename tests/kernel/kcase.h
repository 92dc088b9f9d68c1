/* kcase: the recorder's reader of a tcpsim scenario (*.tcps), for the subset
 * of the language the kernel cases use, extensions included (issue 9).  The
 * .tcps file is the single description of a case: the socket driver, the
 * relay and the golden writer all read it through this parser, so the
 * simulator and the real kernel run the same lines.
 *
 * What it does not understand (crash, flood, jitter, ...) is an error with
 * the line number: the recorder refuses to guess. */
#ifndef KCASE_H
#define KCASE_H

#include <stdint.h>

#define KC_MAX_EVENTS 256
#define KC_MAX_FAULTS 64
#define KC_MAX_SYSCTL 24
#define KC_NAME 32

typedef int64_t kc_time; /* microseconds from the case's time 0 */

enum kc_act {
	KA_LISTEN,
	KA_CONNECT,
	KA_SEND,
	KA_CLOSE,
	KA_SHUTDOWN,
	KA_ABORT,
	KA_STOP_READING,
	KA_READ,
	KA_ACCEPT, /* extension: accept one queued connection */
	KA_INJECT, /* done by the relay, not by the driver */
	KA_COUNT
};

extern const char *const kc_act_names[KA_COUNT];

/* TCP flag bits, as on the wire. */
enum { KF_FIN = 1, KF_SYN = 2, KF_RST = 4, KF_PSH = 8, KF_ACK = 16 };

struct kc_event {
	int line;
	int on;      /* 0: at time t; 1: on on_host entering on_state, + t */
	kc_time t;   /* absolute time, or the pause after the state */
	int on_host; /* on: host index */
	char on_state[16];
	int host; /* the acting host */
	int conn; /* HOST.N; 0 = the current connection */
	int act;
	int port, from_port, backlog; /* backlog -1 = host default */
	int accept_off;               /* listen accept=off (extension) */
	int nodelay;                  /* listen/connect nodelay (extension) */
	uint32_t nbytes;              /* send; read N (0: read everything) */
	/* inject: flags, SEG.SEQ = target's RCV.NXT + offset; ack = target's
	 * SND.NXT (ack_ref 0) or SND.UNA (ack_ref 1) + ack_offset; payload. */
	int iflags;
	int32_t offset;
	int ack_ref;
	int32_t ack_offset;
	uint32_t idata;
	/* inject to a port (`to PORT [from PORT]`, or a listener named as
	 * HOST.N): SEG.SEQ = offset and SEG.ACK = ack_offset, from the peer's
	 * from_port (default 40000) to the host's to_port */
	int to_port;
};

enum kc_fault_kind { KFT_MATCH, KFT_SEGNO, KFT_WINDOW };
enum kc_match { KM_SYN, KM_SYNACK, KM_ACK, KM_FIN, KM_RST, KM_DATA, KM_ANY };

struct kc_fault {
	int line;
	int delay;     /* 0: drop; 1: delay by `by` */
	int kind;      /* enum kc_fault_kind */
	int dir;       /* 0: host0->host1, 1: host1->host0, 2: both */
	int match;     /* enum kc_match */
	uint32_t nth;  /* ordinal, from 1 (segment N for KFT_SEGNO) */
	int seq_range; /* data seq A:B (extension) */
	uint32_t seq_a, seq_b;
	kc_time from, to, by;
};

struct kc_host {
	char name[KC_NAME];
	uint32_t addr; /* host byte order */
	/* socket options the driver sets on every socket of this host */
	int rcvbuf, sndbuf;                          /* 0 = not set */
	int keepalive, ka_idle, ka_intvl, ka_probes; /* seconds; 0 = default */
	int reuseaddr;
	int has_isn; /* isn=N: the ISN of every connect() (TCP_REPAIR, driver.c) */
	uint32_t isn;
	int backlog; /* default listen backlog; the linux profile: 128? see kcase.c */
	char cc[16]; /* TCP_CONGESTION of every socket: "cubic" (cc=), or "reno" */
	/* sysctls that this host's namespace gets instead of the stock ones */
	int nsysctl;
	char sysctl_key[KC_MAX_SYSCTL][64];
	char sysctl_val[KC_MAX_SYSCTL][64];
};

struct kcase {
	char path[512];
	char name[128]; /* file name without .tcps */
	struct kc_host hosts[2];
	int nhosts;
	kc_time delay[2]; /* one-way delay host0->host1, host1->host0 */
	/* the router hop of each direction (link router_mtu= icmp= clamp=):
	 * router_mtu 0 = none; icmp: send "fragmentation needed" (default on);
	 * clamp: rewrite the MSS option of SYNs to router_mtu - 40 */
	int router_mtu[2], icmp[2], clamp[2];
	/* the link's rate (link rate= queue=), as tcpsim's link serialises
	 * (sim/engine/link.c): rate_bps 0 = unlimited; queue 0 = unlimited, else
	 * the packets that may wait, a frame finding a longer wait than queue
	 * times one MTU (1500 bytes) is dropped */
	uint64_t rate_bps[2];
	uint32_t queue[2];
	kc_time end;
	struct kc_event ev[KC_MAX_EVENTS];
	int nev;
	struct kc_fault fault[KC_MAX_FAULTS];
	int nfault;
};

/* Reads a case; on error prints "path:line: error: ..." to stderr and
 * returns -1. */
int kc_load(const char *path, struct kcase *c);

/* Host index by name (case-insensitive), -1 if none. */
int kc_host_find(const struct kcase *c, const char *name);

/* The stock sysctls of the recorder (docs in tests/kernel/README.md), with
 * this host's overrides applied: fills keys/vals, returns the count. */
int kc_sysctls(const struct kcase *c, int host, char keys[][64], char vals[][64], int max);

/* The time `bytes` take on direction d of the link at its rate, in
 * microseconds, rounded up as tcpsim's link does (sim/engine/link.c
 * serialization()); 0 on an unlimited link.  tcpsim counts a segment as its
 * TCP payload + 40 bytes (IP and TCP headers, options left out). */
kc_time kc_serialization(const struct kcase *c, int d, uint32_t bytes);

/* "F", "S.", "R.", "P." ...: tcpdump's flag string. */
void kc_flags_str(int flags, char *buf);

/* A time as "1.234567". */
void kc_time_str(kc_time t, char *buf);

#endif
