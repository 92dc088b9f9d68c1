/* relay: the link of a kernel case, in user space (this kernel has no
 * sch_netem).  Runs in the middle network namespace, reads Ethernet frames
 * from its two veths with AF_PACKET and forwards each to the other side
 * after the case's one-way delay, applying the case's scripted faults
 * (drop/delay by ordinal, flags, segment number, time window or relative
 * sequence range) and forging the case's `inject` segments.  With a `link
 * rate=` it first serialises each direction's TCP frames at that rate, in
 * the order they came, as tcpsim's link does (see serialise() below).
 *
 * usage: relay CASE.tcps IF0 IF1 T0_NS LOG
 *   IF0 faces the first host of the case, IF1 the second.
 *
 * Log lines (read by the golden writer, tests/kernel/golden.c):
 *   rx T DIR SEGNO HASH fwd|drop|delay BY WAIT
 *                                             a frame from host DIR (0/1); WAIT:
 *                                             the microseconds it waited for the
 *                                             link and took on it (0: no rate)
 *   tx T DIR HASH LATE_US                     forwarded, LATE_US behind plan
 *   forge T DIR HASH FLAGS SEQ ACK LEN WIN LINE SPORT DPORT
 *                                             a forged segment, as if from DIR
 *   skip T LINE reason                        an inject that had no target
 *   icmp T DIR HASH MTU                       the router's "fragmentation needed"
 *                                             to host DIR, for a packet from it
 *   jitter MAX_US MEAN_US N                   at the end
 * HASH is FNV-1a 64 of the IP datagram, so each line names one packet of the
 * captures. */
#define _GNU_SOURCE
#include "kcase.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static struct kcase kc;
static int64_t t0;
static FILE *logf;
static int sock[2];
static int64_t real_minus_mono; /* CLOCK_REALTIME - CLOCK_MONOTONIC */

#define SPIN_NS 300000

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static kc_time now_us(void)
{
	return (mono_ns() - t0) / 1000;
}

uint64_t fnv64(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* ---- the delay line: a heap of frames by due time ---- */

struct frame {
	int64_t due_ns;
	uint64_t order;
	int out; /* socket index to send on */
	int dir; /* direction it travels: sender host index */
	int len;
	int forged; /* the relay's own: no tracking */
	uint64_t hash;
	uint8_t *data;
};

static struct frame *heap;
static int nheap, capheap;
static uint64_t order;

static int before(const struct frame *a, const struct frame *b)
{
	return a->due_ns < b->due_ns || (a->due_ns == b->due_ns && a->order < b->order);
}

static void push(struct frame f)
{
	if (nheap == capheap) {
		capheap = capheap ? capheap * 2 : 1024;
		heap = realloc(heap, (size_t)capheap * sizeof *heap);
		if (!heap)
			abort();
	}
	f.order = order++;
	int i = nheap++;
	heap[i] = f;
	while (i && before(&heap[i], &heap[(i - 1) / 2])) {
		struct frame t = heap[i];
		heap[i] = heap[(i - 1) / 2];
		heap[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

static struct frame pop(void)
{
	struct frame top = heap[0];
	heap[0] = heap[--nheap];
	int i = 0;
	for (;;) {
		int l = 2 * i + 1, r = l + 1, m = i;
		if (l < nheap && before(&heap[l], &heap[m]))
			m = l;
		if (r < nheap && before(&heap[r], &heap[m]))
			m = r;
		if (m == i)
			break;
		struct frame t = heap[i];
		heap[i] = heap[m];
		heap[m] = t;
		i = m;
	}
	return top;
}

/* ---- what the relay knows of each connection ---- */

struct conn {
	uint32_t ip[2];   /* [host index] */
	uint16_t port[2]; /* [host index] */
	int has_isn[2];
	uint32_t isn[2];
	uint32_t snd_nxt[2]; /* highest sequence sent by host d (seen at rx) */
	int has_deliv[2];
	uint32_t deliv[2]; /* contiguous sequence delivered from d to the other */
	int has_ack[2];
	uint32_t ack_sent[2];  /* highest ack sent by d */
	uint32_t ack_deliv[2]; /* highest ack delivered from d: the other's SND.UNA */
	uint16_t win[2];
	uint8_t mac[2][12]; /* Ethernet dst+src of the last frame from d */
	int has_mac[2];
};

#define MAXCONN 256
static struct conn conns[MAXCONN];
static int nconns;

static int seq_lt(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

struct tcpv {
	uint32_t src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	int flags, len;
	uint16_t win;
};

/* Parses an Ethernet/IPv4/TCP frame; 0 when it is one. */
static int parse(const uint8_t *f, int n, struct tcpv *v, int *ipoff)
{
	if (n < 14 + 20 || f[12] != 0x08 || f[13] != 0x00)
		return -1;
	const uint8_t *ip = f + 14;
	int ihl = (ip[0] & 15) * 4;
	int tot = ip[2] << 8 | ip[3];
	if ((ip[0] >> 4) != 4 || ip[9] != 6 || 14 + tot > n || tot < ihl + 20)
		return -1;
	const uint8_t *t = ip + ihl;
	int doff = (t[12] >> 4) * 4;
	v->src = (uint32_t)ip[12] << 24 | ip[13] << 16 | ip[14] << 8 | ip[15];
	v->dst = (uint32_t)ip[16] << 24 | ip[17] << 16 | ip[18] << 8 | ip[19];
	v->sport = (uint16_t)(t[0] << 8 | t[1]);
	v->dport = (uint16_t)(t[2] << 8 | t[3]);
	v->seq = (uint32_t)t[4] << 24 | t[5] << 16 | t[6] << 8 | t[7];
	v->ack = (uint32_t)t[8] << 24 | t[9] << 16 | t[10] << 8 | t[11];
	v->flags = t[13];
	v->win = (uint16_t)(t[14] << 8 | t[15]);
	v->len = tot - ihl - doff;
	*ipoff = 14;
	return 0;
}

/* The connection a segment from host d belongs to; a SYN with a new ISN
 * starts a new one (a reopened 4-tuple). */
static struct conn *lookup(const struct tcpv *v, int d, int create)
{
	uint32_t ip0 = d == 0 ? v->src : v->dst, ip1 = d == 0 ? v->dst : v->src;
	uint16_t p0 = d == 0 ? v->sport : v->dport, p1 = d == 0 ? v->dport : v->sport;
	for (int i = nconns - 1; i >= 0; i--) {
		struct conn *c = &conns[i];
		if (c->ip[0] == ip0 && c->ip[1] == ip1 && c->port[0] == p0 && c->port[1] == p1) {
			if ((v->flags & (KF_SYN | KF_ACK)) == KF_SYN && c->has_isn[d] &&
			    c->isn[d] != v->seq && create)
				break; /* a new incarnation */
			return c;
		}
	}
	if (!create || nconns >= MAXCONN)
		return NULL;
	struct conn *c = &conns[nconns++];
	memset(c, 0, sizeof *c);
	c->ip[0] = ip0;
	c->ip[1] = ip1;
	c->port[0] = p0;
	c->port[1] = p1;
	return c;
}

static uint32_t seqlen(const struct tcpv *v)
{
	return (uint32_t)v->len + ((v->flags & KF_SYN) ? 1u : 0u) + ((v->flags & KF_FIN) ? 1u : 0u);
}

/* ---- faults ---- */

static uint32_t segno[2];
static uint32_t fcount[KC_MAX_FAULTS][2];

static int matches(int m, const struct tcpv *v)
{
	int f = v->flags;
	switch (m) {
	case KM_SYN: return (f & (KF_SYN | KF_ACK)) == KF_SYN;
	case KM_SYNACK: return (f & (KF_SYN | KF_ACK)) == (KF_SYN | KF_ACK);
	case KM_ACK: return (f & KF_ACK) && !(f & (KF_SYN | KF_FIN | KF_RST)) && v->len == 0;
	case KM_FIN: return (f & KF_FIN) != 0;
	case KM_RST: return (f & KF_RST) != 0;
	case KM_DATA: return v->len > 0;
	default: return 1;
	}
}

/* -1 drop, else the extra delay in microseconds */
static kc_time judge(int d, const struct tcpv *v, const struct conn *c, kc_time t, uint32_t n)
{
	int drop = 0;
	kc_time extra = 0;
	for (int i = 0; i < kc.nfault; i++) {
		const struct kc_fault *f = &kc.fault[i];
		if (f->dir != 2 && f->dir != d)
			continue;
		int hit = 0;
		if (f->kind == KFT_WINDOW) {
			hit = t >= f->from && t < f->to;
		} else if (f->kind == KFT_SEGNO) {
			hit = n == f->nth;
		} else if (matches(f->match, v)) {
			int ok = 1;
			if (f->seq_range) {
				ok = c && c->has_isn[d];
				if (ok) {
					uint32_t s = v->seq - c->isn[d];
					uint32_t e = s + (uint32_t)v->len;
					ok = seq_lt(s, f->seq_b) && seq_lt(f->seq_a, e);
				}
			}
			if (ok)
				hit = ++fcount[i][d] == f->nth;
		}
		if (!hit)
			continue;
		if (f->delay) {
			if (f->by > extra)
				extra = f->by;
		} else
			drop = 1;
	}
	return drop ? -1 : extra;
}

/* ---- the link's rate (link rate= queue=) ---- */

/* When each direction's link is free again, in microseconds from time 0. */
static kc_time busy_until[2];

/* tcpsim's link (sim/engine/link.c send_on_link), frame by frame in the
 * order they reach the relay: a frame of TCP payload len counts len + 40
 * bytes (IP and TCP headers without options, as tcpsim counts them); it
 * starts when it arrives or when the frame before it has left, whichever
 * is later, and takes bytes * 8 / rate (rounded up to a microsecond) on the
 * link; the delay (and a scripted delay) runs from the end of that.  With
 * queue=N a frame that would wait longer than N frames of 1500 bytes take
 * is dropped (no frame of the kernel cases sets `mtu=`, so 1500) and does
 * not hold the link; every other frame does, even one a fault or the
 * router hop drops, as in tcpsim.  Returns the wait plus the time on the
 * link, or -1 when the queue drops it; dropped_before: a fault drops it
 * anyway (the queue is not asked, as in tcpsim). */
static kc_time serialise(int d, kc_time t, int len, int dropped_before)
{
	if (!kc.rate_bps[d])
		return 0;
	kc_time tx = kc_serialization(&kc, d, (uint32_t)len + 40u);
	kc_time start = busy_until[d] > t ? busy_until[d] : t;
	if (!dropped_before && kc.queue[d] &&
	    start - t > (kc_time)kc.queue[d] * kc_serialization(&kc, d, 1500))
		return -1;
	busy_until[d] = start + tx;
	return start + tx - t;
}

/* ---- jitter ---- */

static int64_t late_max, late_sum;
static uint64_t late_n;

static void deliver(struct frame *f)
{
	struct tcpv v;
	int ipoff;
	int64_t late = (mono_ns() - f->due_ns) / 1000; /* scheduling lateness */
	if (send(sock[f->out], f->data, (size_t)f->len, 0) < 0)
		fprintf(stderr, "relay: send: %s\n", strerror(errno));
	if (late < 0)
		late = 0;
	if (late > late_max)
		late_max = late;
	late_sum += late;
	late_n++;
	fprintf(logf, "tx %lld %d %016llx %lld\n", (long long)now_us(), f->dir,
	        (unsigned long long)f->hash, (long long)late);
	if (f->forged)
		goto out;
	if (parse(f->data, f->len, &v, &ipoff) == 0) {
		struct conn *c = lookup(&v, f->dir, 0);
		int d = f->dir;
		if (c) {
			if (v.flags & KF_SYN) {
				c->has_deliv[d] = 1;
				c->deliv[d] = v.seq + seqlen(&v);
			} else if (c->has_deliv[d] && !seq_lt(c->deliv[d], v.seq) &&
			           seq_lt(c->deliv[d], v.seq + seqlen(&v))) {
				c->deliv[d] = v.seq + seqlen(&v);
			}
			if ((v.flags & KF_ACK) && !(v.flags & KF_RST))
				if (!c->ack_deliv[d] || seq_lt(c->ack_deliv[d], v.ack))
					c->ack_deliv[d] = v.ack;
		}
	}
out:
	free(f->data);
}

static uint16_t csum(const uint8_t *p, size_t n, uint32_t sum)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* The connection an inject names: HOST.N counts the host's sockets (its
 * listener first, if it listens), plain HOST its most recent connection. */
static struct conn *inject_target(const struct kc_event *e)
{
	if (!nconns)
		return NULL;
	if (!e->conn)
		return &conns[nconns - 1];
	int listens = 0;
	for (int i = 0; i < kc.nev; i++)
		if (kc.ev[i].act == KA_LISTEN && kc.ev[i].host == e->host)
			listens = 1;
	int idx = e->conn - 1 - listens;
	return idx >= 0 && idx < nconns ? &conns[idx] : NULL;
}

/* The port an inject to a port aims at: `to PORT`, or the listener's port
 * when HOST.1 names the host's listener; 0 for a connection. */
static int inject_port(const struct kc_event *e)
{
	if (e->to_port)
		return e->to_port;
	if (e->conn != 1)
		return 0;
	for (int i = 0; i < kc.nev; i++)
		if (kc.ev[i].act == KA_LISTEN && kc.ev[i].host == e->host)
			return kc.ev[i].port;
	return 0;
}

/* The Ethernet header of the last frame seen from each host, for segments
 * forged to a port that has carried no connection. */
static uint8_t any_mac[2][12];
static int has_any_mac[2];

static void inject(int ei)
{
	const struct kc_event *e = &kc.ev[ei];
	kc_time t = now_us();
	int tgt = e->host, from = 1 - tgt;
	int port = inject_port(e);
	struct conn *c = NULL, pc;
	uint32_t seq, ack = 0;
	if (port) {
		/* to a port: a listener or no socket; the numbers count from 0 */
		if (!has_any_mac[from]) {
			fprintf(logf, "skip %lld %d no-frame-yet\n", (long long)t, e->line);
			return;
		}
		memset(&pc, 0, sizeof pc);
		pc.ip[from] = kc.hosts[from].addr;
		pc.ip[tgt] = kc.hosts[tgt].addr;
		pc.port[from] = (uint16_t)(e->from_port ? e->from_port : 40000);
		pc.port[tgt] = (uint16_t)port;
		memcpy(pc.mac[from], any_mac[from], 12);
		c = &pc;
		seq = (uint32_t)e->offset;
		if (e->iflags & KF_ACK)
			ack = (uint32_t)e->ack_offset;
	} else {
		c = inject_target(e);
		if (!c || !c->has_mac[from] || !c->has_deliv[from]) {
			fprintf(logf, "skip %lld %d no-connection\n", (long long)t, e->line);
			return;
		}
		uint32_t rcv_nxt = c->deliv[from];
		if (c->has_ack[tgt] && seq_lt(rcv_nxt, c->ack_sent[tgt]))
			rcv_nxt = c->ack_sent[tgt];
		seq = rcv_nxt + (uint32_t)e->offset;
		if (e->iflags & KF_ACK)
			ack = (e->ack_ref ? c->ack_deliv[from] : c->snd_nxt[tgt]) +
			      (uint32_t)e->ack_offset;
	}
	int plen = (int)e->idata;
	int len = 14 + 20 + 20 + plen;
	uint8_t *f = calloc(1, (size_t)len);
	memcpy(f, c->mac[from], 12);
	f[12] = 0x08;
	uint8_t *ip = f + 14, *th = ip + 20;
	ip[0] = 0x45;
	ip[2] = (uint8_t)((20 + 20 + plen) >> 8);
	ip[3] = (uint8_t)(20 + 20 + plen);
	ip[6] = 0x40; /* DF */
	ip[8] = 64;
	ip[9] = 6;
	uint32_t s = c->ip[from], d = c->ip[tgt];
	for (int i = 0; i < 4; i++) {
		ip[12 + i] = (uint8_t)(s >> (24 - 8 * i));
		ip[16 + i] = (uint8_t)(d >> (24 - 8 * i));
	}
	uint16_t ck = csum(ip, 20, 0);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	th[0] = (uint8_t)(c->port[from] >> 8);
	th[1] = (uint8_t)c->port[from];
	th[2] = (uint8_t)(c->port[tgt] >> 8);
	th[3] = (uint8_t)c->port[tgt];
	for (int i = 0; i < 4; i++) {
		th[4 + i] = (uint8_t)(seq >> (24 - 8 * i));
		th[8 + i] = (uint8_t)(ack >> (24 - 8 * i));
	}
	th[12] = 5 << 4;
	th[13] = (uint8_t)e->iflags;
	/* the window the language's inject forges (sim/host.c do_inject) */
	uint16_t win = 65535;
	th[14] = (uint8_t)(win >> 8);
	th[15] = (uint8_t)win;
	memset(th + 20, 'x', (size_t)plen);
	/* pseudo header + segment */
	uint8_t ph[12];
	memcpy(ph, ip + 12, 8);
	ph[8] = 0;
	ph[9] = 6;
	ph[10] = (uint8_t)((20 + plen) >> 8);
	ph[11] = (uint8_t)(20 + plen);
	uint32_t sum = 0;
	for (int i = 0; i < 12; i += 2)
		sum += (uint32_t)(ph[i] << 8 | ph[i + 1]);
	ck = csum(th, (size_t)(20 + plen), sum);
	th[16] = (uint8_t)(ck >> 8);
	th[17] = (uint8_t)ck;
	uint64_t h = fnv64(ip, (size_t)(20 + 20 + plen));
	fprintf(logf, "forge %lld %d %016llx %d %u %u %d %u %d %u %u\n", (long long)t, from,
	        (unsigned long long)h, e->iflags, seq, ack, plen, win, e->line,
	        (unsigned)c->port[from], (unsigned)c->port[tgt]);
	/* forged segments take the link as tcpsim's do (link_send_forged);
	 * kcase refuses queue= with inject lines, so none is dropped here */
	kc_time wait = serialise(from, t, plen, 1);
	struct frame fr = {.due_ns = t0 + (t + wait + kc.delay[from]) * 1000,
	                   .out = tgt,
	                   .dir = from,
	                   .len = len,
	                   .hash = h,
	                   .forged = 1,
	                   .data = f};
	push(fr);
}

/* ---- the router hop (link router_mtu= icmp= clamp=) ---- */

/* Linux's TCP sets DF on every packet (IP_PMTUDISC_WANT, ip_dont_fragment),
 * so a packet larger than the hop's MTU may not be split: the router drops
 * it (RFC 1191) and, with icmp=on, answers the sender with a destination
 * unreachable, "fragmentation needed" (type 3 code 4) that carries its MTU
 * and quotes the packet, up to 576 bytes in all, as a Linux router's
 * icmp_send() does (these are never rate-limited: icmpv4_mask_allow lets
 * PMTU messages through).  The router is the .254 of the first host's /24
 * (tcpsim's scn_router_addr) and sits halfway along the link, so its ICMP
 * reaches the sender one link delay after the packet left, as in tcpsim
 * (sim/engine/link.c). */
static void router_icmp(const uint8_t *frame, int iplen, int d, kc_time t, int mtu)
{
	int q = iplen < 548 ? iplen : 548;
	int len = 14 + 20 + 8 + q;
	uint8_t *f = calloc(1, (size_t)len);
	memcpy(f, frame + 6, 6); /* back to the sender's MAC */
	memcpy(f + 6, frame, 6);
	f[12] = 0x08;
	uint8_t *ip = f + 14, *ic = ip + 20;
	const uint8_t *orig = frame + 14;
	ip[0] = 0x45;
	ip[1] = 0xc0; /* IPTOS_PREC_INTERNETCONTROL, as icmp_send() */
	ip[2] = (uint8_t)((20 + 8 + q) >> 8);
	ip[3] = (uint8_t)(20 + 8 + q);
	ip[8] = 64;
	ip[9] = 1;
	uint32_t router = (kc.hosts[0].addr & 0xffffff00u) | 254u;
	if (kc.hosts[1].addr == router || kc.hosts[0].addr == router)
		router = (router & 0xffffff00u) | 253u;
	for (int i = 0; i < 4; i++)
		ip[12 + i] = (uint8_t)(router >> (24 - 8 * i));
	memcpy(ip + 16, orig + 12, 4); /* to the packet's source */
	uint16_t ck = csum(ip, 20, 0);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
	ic[0] = 3; /* ICMP_DEST_UNREACH */
	ic[1] = 4; /* ICMP_FRAG_NEEDED */
	ic[6] = (uint8_t)(mtu >> 8);
	ic[7] = (uint8_t)mtu;
	memcpy(ic + 8, orig, (size_t)q);
	ck = csum(ic, (size_t)(8 + q), 0);
	ic[2] = (uint8_t)(ck >> 8);
	ic[3] = (uint8_t)ck;
	uint64_t h = fnv64(ip, (size_t)(20 + 8 + q));
	fprintf(logf, "icmp %lld %d %016llx %d\n", (long long)t, d, (unsigned long long)h, mtu);
	struct frame fr = {.due_ns = t0 + (t + kc.delay[d]) * 1000,
	                   .out = d,
	                   .dir = 1 - d,
	                   .len = len,
	                   .hash = h,
	                   .forged = 1,
	                   .data = f};
	push(fr);
}

/* MSS clamping: a hop with clamp=on rewrites the MSS option of every SYN
 * it forwards, either way, to at most router_mtu - 40 (iptables' TCPMSS
 * target, tcpmss_mangle_packet), and mends the TCP checksum. */
static void clamp_mss(uint8_t *buf)
{
	int lim = 0;
	for (int d = 0; d < 2; d++)
		if (kc.clamp[d] && kc.router_mtu[d] && (!lim || kc.router_mtu[d] - 40 < lim))
			lim = kc.router_mtu[d] - 40;
	uint8_t *ip = buf + 14;
	int ihl = (ip[0] & 15) * 4, tot = ip[2] << 8 | ip[3];
	uint8_t *th = ip + ihl;
	int doff = (th[12] >> 4) * 4;
	if (!lim || !(th[13] & KF_SYN))
		return;
	for (int i = 20; i < doff;) {
		int k = th[i];
		if (k == 0)
			break;
		if (k == 1) {
			i++;
			continue;
		}
		if (i + 1 >= doff || th[i + 1] < 2)
			break;
		if (k == 2 && th[i + 1] == 4 && (th[i + 2] << 8 | th[i + 3]) > lim) {
			th[i + 2] = (uint8_t)(lim >> 8);
			th[i + 3] = (uint8_t)lim;
			int tl = tot - ihl;
			uint8_t ph[12];
			memcpy(ph, ip + 12, 8);
			ph[8] = 0;
			ph[9] = 6;
			ph[10] = (uint8_t)(tl >> 8);
			ph[11] = (uint8_t)tl;
			uint32_t sum = 0;
			for (int j = 0; j < 12; j += 2)
				sum += (uint32_t)(ph[j] << 8 | ph[j + 1]);
			th[16] = th[17] = 0;
			uint16_t ck = csum(th, (size_t)tl, sum);
			th[16] = (uint8_t)(ck >> 8);
			th[17] = (uint8_t)ck;
			return;
		}
		i += th[i + 1];
	}
}

static void receive(int side)
{
	uint8_t buf[65600];
	for (;;) {
		/* the kernel's receive time (CLOCK_REALTIME), not our wake-up */
		char cbuf[256];
		struct iovec iov = {buf, sizeof buf};
		struct msghdr mh = {.msg_iov = &iov,
		                    .msg_iovlen = 1,
		                    .msg_control = cbuf,
		                    .msg_controllen = sizeof cbuf};
		ssize_t n = recvmsg(sock[side], &mh, MSG_DONTWAIT);
		if (n < 0)
			return;
		kc_time t = now_us();
		for (struct cmsghdr *cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS) {
				struct timespec ts;
				memcpy(&ts, CMSG_DATA(cm), sizeof ts);
				int64_t real = (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
				kc_time k = (real - real_minus_mono - t0) / 1000;
				if (k <= t && k > t - 1000000)
					t = k;
			}
		struct tcpv v;
		int ipoff;
		int d = side; /* frames on IF0 come from host 0 */
		if (n < 14 || buf[12] != 0x08 || buf[13] != 0x00)
			continue; /* IPv4 only; static ARP, IPv6 off */
		int iplen = (buf[16] << 8 | buf[17]);
		if (14 + iplen > n)
			continue;
		uint64_t h = fnv64(buf + 14, (size_t)iplen);
		kc_time extra = 0, wait = 0;
		memcpy(any_mac[d], buf, 12);
		has_any_mac[d] = 1;
		if (parse(buf, (int)n, &v, &ipoff) == 0) {
			struct conn *c = lookup(&v, d, 1);
			uint32_t no = ++segno[d];
			if (c) {
				if (v.flags & KF_SYN) {
					c->has_isn[d] = 1;
					c->isn[d] = v.seq;
				}
				uint32_t end = v.seq + seqlen(&v);
				if (!c->snd_nxt[d] || seq_lt(c->snd_nxt[d], end))
					c->snd_nxt[d] = end;
				if ((v.flags & KF_ACK) && !(v.flags & KF_RST) &&
				    (!c->has_ack[d] || seq_lt(c->ack_sent[d], v.ack))) {
					c->has_ack[d] = 1;
					c->ack_sent[d] = v.ack;
				}
				c->win[d] = v.win;
				memcpy(c->mac[d], buf, 12);
				c->has_mac[d] = 1;
			}
			extra = judge(d, &v, c, t, no);
			/* the link's rate and queue, after the faults and before the
			 * router hop, as in tcpsim */
			wait = serialise(d, t, v.len, extra < 0);
			if (wait < 0)
				extra = -1;
			int toobig = extra >= 0 && kc.router_mtu[d] && iplen > kc.router_mtu[d] &&
			             (buf[14 + 6] & 0x40);
			if (toobig)
				extra = -1;
			fprintf(logf, "rx %lld %d %u %016llx %s %lld %lld\n", (long long)t, d, no,
			        (unsigned long long)h,
			        extra < 0   ? "drop"
			        : extra > 0 ? "delay"
			                    : "fwd",
			        (long long)(extra > 0 ? extra : 0),
			        (long long)(wait > 0 ? wait : 0));
			if (toobig && kc.icmp[d])
				router_icmp(buf, iplen, d, t, kc.router_mtu[d]);
			if (extra < 0)
				continue;
			if (v.flags & KF_SYN)
				clamp_mss(buf);
		}
		struct frame f = {.due_ns = t0 + (t + wait + kc.delay[d] + extra) * 1000,
		                  .out = 1 - side,
		                  .dir = d,
		                  .len = (int)n,
		                  .hash = h};
		f.data = malloc((size_t)n);
		memcpy(f.data, buf, (size_t)n);
		push(f);
	}
}

static int open_if(const char *name)
{
	int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	if (s < 0) {
		perror("socket(AF_PACKET)");
		exit(2);
	}
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
	if (setsockopt(s, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) < 0)
		perror("PACKET_IGNORE_OUTGOING");
	int big = 8 << 20;
	setsockopt(s, SOL_SOCKET, SO_RCVBUFFORCE, &big, sizeof big);
	setsockopt(s, SOL_SOCKET, SO_SNDBUFFORCE, &big, sizeof big);
	struct sockaddr_ll a = {.sll_family = AF_PACKET,
	                        .sll_protocol = htons(ETH_P_ALL),
	                        .sll_ifindex = (int)if_nametoindex(name)};
	if (!a.sll_ifindex || bind(s, (struct sockaddr *)&a, sizeof a) < 0) {
		fprintf(stderr, "relay: cannot bind %s\n", name);
		exit(2);
	}
	return s;
}

static volatile sig_atomic_t stop;
static void on_term(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	if (argc != 6) {
		fprintf(stderr, "usage: relay CASE.tcps IF0 IF1 T0_NS LOG\n");
		return 2;
	}
	if (kc_load(argv[1], &kc) < 0)
		return 2;
	t0 = atoll(argv[4]);
	{
		struct timespec m, r;
		clock_gettime(CLOCK_MONOTONIC, &m);
		clock_gettime(CLOCK_REALTIME, &r);
		real_minus_mono =
		    ((int64_t)r.tv_sec - m.tv_sec) * 1000000000 + (r.tv_nsec - m.tv_nsec);
	}
	logf = fopen(argv[5], "w");
	if (!logf) {
		perror(argv[5]);
		return 2;
	}
	setvbuf(logf, NULL, _IOFBF, 1 << 20);
	sock[0] = open_if(argv[2]);
	sock[1] = open_if(argv[3]);
	/* drain whatever came before time 0 */
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	prctl(PR_SET_TIMERSLACK, 1UL);
	mlockall(MCL_CURRENT | MCL_FUTURE);
	struct sched_param sp = {.sched_priority = 20};
	if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0)
		fprintf(stderr, "relay: no SCHED_FIFO (%s); jitter may be larger\n",
		        strerror(errno));
	alarm((unsigned)(kc.end / 1000000 + 60));
	int injected[KC_MAX_EVENTS] = {0};
	kc_time stop_at = kc.end + 1000000;
	while (!stop && now_us() < stop_at) {
		int64_t now = mono_ns();
		while (nheap && heap[0].due_ns <= now) {
			struct frame f = pop();
			deliver(&f);
			now = mono_ns();
		}
		kc_time tu = (now - t0) / 1000;
		int64_t next = t0 + stop_at * 1000;
		for (int i = 0; i < kc.nev; i++) {
			const struct kc_event *e = &kc.ev[i];
			if (e->act != KA_INJECT || injected[i])
				continue;
			if (e->on) {
				injected[i] = 1;
				fprintf(logf, "skip %lld %d on-lines-not-supported\n",
				        (long long)tu, e->line);
				continue;
			}
			if (e->t <= tu) {
				injected[i] = 1;
				inject(i);
			} else if (t0 + e->t * 1000 < next)
				next = t0 + e->t * 1000;
		}
		if (nheap && heap[0].due_ns < next)
			next = heap[0].due_ns;
		struct pollfd pf[2] = {{sock[0], POLLIN, 0}, {sock[1], POLLIN, 0}};
		/* The VM wakes a sleeper 80-200 us late: sleep until 300 us before
		 * the next frame is due, then poll without sleeping. */
		int64_t w = next - mono_ns() - SPIN_NS;
		if (w < 0)
			w = 0;
		struct timespec to = {w / 1000000000, w % 1000000000};
		int r = ppoll(pf, 2, &to, NULL);
		if (r < 0 && errno != EINTR)
			break;
		if (pf[0].revents & POLLIN)
			receive(0);
		if (pf[1].revents & POLLIN)
			receive(1);
	}
	fprintf(logf, "jitter %lld %lld %llu\n", (long long)late_max,
	        (long long)(late_n ? late_sum / (int64_t)late_n : 0), (unsigned long long)late_n);
	fclose(logf);
	return 0;
}
