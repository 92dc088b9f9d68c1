/* golden: the recorder's helper.  Turns one run of a kernel case (two pcap
 * captures, the relay's log and the two drivers' logs) into the case's
 * golden file, and tells the recorder what a case needs.
 *
 * usage: golden write CASE.tcps RUNDIR T0_REAL_NS HEADER > CASE.golden
 *          RUNDIR holds h0.pcap h1.pcap relay.log h0.log h1.log
 *        golden sysctls CASE.tcps HOST    "key=value" lines for that namespace
 *        golden info CASE.tcps            "NAME0 ADDR0 NAME1 ADDR1 END_US"
 *
 * The golden format is described in tests/kernel/README.md. */
#define _GNU_SOURCE
#include "kcase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct kcase kc;
static long long call_late_max, call_late_n; /* timeline calls made > 500 us late */

uint64_t fnv64(const uint8_t *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct pkt {
	int64_t t; /* microseconds from time 0 */
	int sender;
	uint64_t hash;
	uint32_t src, dst;
	uint16_t sport, dport;
	uint32_t seq, ack;
	int flags, len;
	uint16_t win;
	uint8_t opt[40];
	int optlen;
	int forged;
	int fate; /* 0 forwarded, 1 dropped, 2 delayed, 3 never reached the relay */
	int64_t by;
	int64_t wait;   /* link rate=: queued and on the link, by the relay's plan */
	int64_t arrive; /* in the receiver's capture; -1 if not seen */
	int has_ts;
	uint32_t tsval;
};

static struct pkt *pk;
static int npk, cappk;

struct arrival {
	uint64_t hash;
	int64_t t;
	int used;
};
static struct arrival *arr;
static int narr, caparr;

/* The router's ICMP "fragmentation needed" (link router_mtu=), as the host
 * it was sent to captured it, and the TCP segment it quotes. */
struct icmp {
	int64_t t;
	int host;
	int mtu;
	uint32_t src, dst; /* the quoted packet's */
	uint16_t sport, dport;
	uint32_t seq;
	int len;
};
static struct icmp icmps[1024];
static int nicmp;

static struct pkt *newpkt(void)
{
	if (npk == cappk) {
		cappk = cappk ? cappk * 2 : 1024;
		pk = realloc(pk, (size_t)cappk * sizeof *pk);
	}
	struct pkt *p = &pk[npk++];
	memset(p, 0, sizeof *p);
	p->arrive = -1;
	return p;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The data of TCP option kind with length len in p's options, or NULL
 * (an option that runs past the end stops the walk). */
static const uint8_t *opt_find(const struct pkt *p, int kind, int len)
{
	for (int i = 0; i < p->optlen;) {
		int k = p->opt[i];
		if (k == 0)
			break;
		if (k == 1) {
			i++;
			continue;
		}
		if (i + 1 >= p->optlen || p->opt[i + 1] < 2 || i + p->opt[i + 1] > p->optlen)
			break;
		if (k == kind && p->opt[i + 1] == len)
			return p->opt + i + 2;
		i += p->opt[i + 1];
	}
	return NULL;
}

/* The TS option's TSval, if the segment has one. */
static int opt_tsval(const struct pkt *p, uint32_t *val)
{
	const uint8_t *o = opt_find(p, 8, 10);
	if (o)
		*val = be32(o);
	return o != NULL;
}

/* Reads a classic pcap of host h's veth: what h sent becomes a pkt, what
 * it received an arrival. */
static int read_pcap(const char *path, int h, int64_t t0_real_ns)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	uint8_t gh[24];
	if (fread(gh, 1, 24, f) != 24) {
		fclose(f);
		return -1;
	}
	uint32_t magic = (uint32_t)gh[0] | gh[1] << 8 | gh[2] << 16 | (uint32_t)gh[3] << 24;
	int nano = magic == 0xa1b23c4d;
	if (magic != 0xa1b2c3d4 && !nano) {
		fprintf(stderr, "%s: not a little-endian classic pcap\n", path);
		fclose(f);
		return -1;
	}
	uint8_t rh[16];
	static uint8_t buf[262144];
	while (fread(rh, 1, 16, f) == 16) {
		uint32_t sec = (uint32_t)rh[0] | rh[1] << 8 | rh[2] << 16 | (uint32_t)rh[3] << 24;
		uint32_t frac = (uint32_t)rh[4] | rh[5] << 8 | rh[6] << 16 | (uint32_t)rh[7] << 24;
		uint32_t cl = (uint32_t)rh[8] | rh[9] << 8 | rh[10] << 16 | (uint32_t)rh[11] << 24;
		if (cl > sizeof buf || fread(buf, 1, cl, f) != cl)
			break;
		int64_t ns = (int64_t)sec * 1000000000 + (nano ? frac : (int64_t)frac * 1000);
		int64_t t = (ns - t0_real_ns) / 1000;
		if (cl < 14 + 20 || buf[12] != 0x08 || buf[13] != 0)
			continue;
		uint8_t *ip = buf + 14;
		int ihl = (ip[0] & 15) * 4, tot = ip[2] << 8 | ip[3];
		if (ip[9] == 1 && 14 + (uint32_t)tot <= cl && tot >= ihl + 8 + 20 + 20 &&
		    be32(ip + 16) == kc.hosts[h].addr && ip[ihl] == 3 && ip[ihl + 1] == 4 &&
		    nicmp < 1024) {
			/* type 3 code 4 to this host: the quoted IP header and TCP */
			const uint8_t *ic = ip + ihl, *q = ic + 8;
			int qihl = (q[0] & 15) * 4, qtot = q[2] << 8 | q[3];
			const uint8_t *qt = q + qihl;
			if (q[9] == 6 && tot >= ihl + 8 + qihl + 20) {
				struct icmp *x = &icmps[nicmp++];
				x->t = t;
				x->host = h;
				x->mtu = ic[6] << 8 | ic[7];
				x->src = be32(q + 12);
				x->dst = be32(q + 16);
				x->sport = (uint16_t)(qt[0] << 8 | qt[1]);
				x->dport = (uint16_t)(qt[2] << 8 | qt[3]);
				x->seq = be32(qt + 4);
				x->len = qtot - qihl - (qt[12] >> 4) * 4;
			}
			continue;
		}
		if (ip[9] != 6 || 14 + (uint32_t)tot > cl)
			continue;
		uint64_t hash = fnv64(ip, (size_t)tot);
		uint32_t src = be32(ip + 12);
		if (src != kc.hosts[h].addr) {
			if (narr == caparr) {
				caparr = caparr ? caparr * 2 : 1024;
				arr = realloc(arr, (size_t)caparr * sizeof *arr);
			}
			arr[narr].hash = hash;
			arr[narr].t = t;
			arr[narr].used = 0;
			narr++;
			continue;
		}
		uint8_t *th = ip + ihl;
		int doff = (th[12] >> 4) * 4;
		struct pkt *p = newpkt();
		p->t = t;
		p->sender = h;
		p->hash = hash;
		p->src = src;
		p->dst = be32(ip + 16);
		p->sport = (uint16_t)(th[0] << 8 | th[1]);
		p->dport = (uint16_t)(th[2] << 8 | th[3]);
		p->seq = be32(th + 4);
		p->ack = be32(th + 8);
		p->flags = th[13];
		p->win = (uint16_t)(th[14] << 8 | th[15]);
		p->len = tot - ihl - doff;
		p->optlen = doff - 20 > 40 ? 40 : doff - 20;
		memcpy(p->opt, th + 20, (size_t)p->optlen);
		p->has_ts = opt_tsval(p, &p->tsval);
	}
	fclose(f);
	return 0;
}

struct conn {
	uint32_t ip[2];
	uint16_t port[2];
	int has_isn[2];
	uint32_t isn[2];
	int ws[2]; /* -1 = no wscale in its SYN */
	int syn_seen[2];
};
static struct conn conns[512];
static int nconns;

static struct conn *lookup(const struct pkt *p)
{
	int d = p->sender;
	uint32_t ip0 = d == 0 ? p->src : p->dst, ip1 = d == 0 ? p->dst : p->src;
	uint16_t p0 = d == 0 ? p->sport : p->dport, p1 = d == 0 ? p->dport : p->sport;
	for (int i = nconns - 1; i >= 0; i--) {
		struct conn *c = &conns[i];
		if (c->ip[0] == ip0 && c->ip[1] == ip1 && c->port[0] == p0 && c->port[1] == p1) {
			if (!p->forged && (p->flags & 0x12) == 0x02 && c->has_isn[d] &&
			    c->isn[d] != p->seq)
				break;
			return c;
		}
	}
	if (nconns >= 512)
		return &conns[511];
	struct conn *c = &conns[nconns++];
	memset(c, 0, sizeof *c);
	c->ip[0] = ip0;
	c->ip[1] = ip1;
	c->port[0] = p0;
	c->port[1] = p1;
	c->ws[0] = c->ws[1] = -1;
	return c;
}

static int cmp_pkt(const void *a, const void *b)
{
	const struct pkt *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->sender - y->sender;
}

static int opt_wscale(const struct pkt *p)
{
	const uint8_t *o = opt_find(p, 3, 3);
	return o ? o[0] : -1;
}

/* "mss 1460,sackOK,TS,nop,wscale 7"; SACK blocks relative to base. */
static void opt_str(const struct pkt *p, uint32_t base, int relative, char *out, size_t size)
{
	size_t n = 0;
	out[0] = 0;
	for (int i = 0; i < p->optlen;) {
		char b[128];
		int k = p->opt[i], l = 1;
		if (k == 0) {
			snprintf(b, sizeof b, "eol");
		} else if (k == 1) {
			snprintf(b, sizeof b, "nop");
		} else {
			if (i + 1 >= p->optlen || p->opt[i + 1] < 2 ||
			    i + p->opt[i + 1] > p->optlen)
				break;
			l = p->opt[i + 1];
			const uint8_t *v = p->opt + i + 2;
			if (k == 2 && l == 4)
				snprintf(b, sizeof b, "mss %u", v[0] << 8 | v[1]);
			else if (k == 3 && l == 3)
				snprintf(b, sizeof b, "wscale %u", v[0]);
			else if (k == 4)
				snprintf(b, sizeof b, "sackOK");
			else if (k == 8)
				snprintf(b, sizeof b, "TS");
			else if (k == 5) {
				int nb = (l - 2) / 8, m;
				m = snprintf(b, sizeof b, "sack %d ", nb);
				for (int j = 0; j < nb && m < (int)sizeof b - 30; j++) {
					uint32_t le = be32(v + 8 * j), re = be32(v + 8 * j + 4);
					if (relative) {
						le -= base;
						re -= base;
					}
					m += snprintf(b + m, sizeof b - (size_t)m, "{%u:%u}", le,
					              re);
				}
			} else
				snprintf(b, sizeof b, "opt-%d", k);
		}
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", b);
		if (n >= size)
			break;
		if (k == 0)
			break;
		i += l;
	}
	if (!out[0])
		snprintf(out, size, "-");
}

struct line {
	int64_t t;
	int order;
	char text[600];
};
static struct line *lines;
static int nlines, caplines;

static void add_line(int64_t t, const char *text)
{
	if (nlines == caplines) {
		caplines = caplines ? caplines * 2 : 1024;
		lines = realloc(lines, (size_t)caplines * sizeof *lines);
	}
	lines[nlines].t = t;
	lines[nlines].order = nlines;
	snprintf(lines[nlines].text, sizeof lines[nlines].text, "%s", text);
	nlines++;
}

static int cmp_line(const void *a, const void *b)
{
	const struct line *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->order - y->order;
}

static int64_t parse_ts(const char *s)
{
	/* "1.234567" */
	long long sec = 0, us = 0;
	int neg = *s == '-';
	if (neg)
		s++;
	sscanf(s, "%lld.%6lld", &sec, &us);
	return (neg ? -1 : 1) * (sec * 1000000 + us);
}

/* The phase of the senders' TS clocks: Linux's TSval is tcp_clock_ms() plus
 * a per-connection offset, so it goes up by one at the same instant of every
 * millisecond.  Two segments of one sender and connection whose TSvals differ
 * by one bound that instant: after the first, at or before the second (both
 * from the sender's own capture; the value is read a little before the
 * capture, so the lower bound can be some microseconds late).  Returns the
 * number of such pairs less than 1 ms apart, and in *lo..*hi the phase, in
 * microseconds from a whole millisecond of time 0, that all of them allow
 * (the narrowest pair sets the centre the others are reduced around).  The
 * bounds can cross, since a lower bound is late by the time from reading
 * the clock to the capture (10-20 us here); then *lo..*hi is the span
 * between them, where every step was seen. */
static int ts_phase(int64_t *lo, int64_t *hi)
{
	int n = 0;
	int64_t c = 0, best = 1000;
	for (int pass = 0; pass < 2; pass++) {
		*lo = -1000000;
		*hi = 1000000;
		for (int i = 0; i < npk; i++) {
			const struct pkt *b = &pk[i];
			if (b->forged || !b->has_ts)
				continue;
			const struct pkt *a = NULL;
			for (int j = i - 1; j >= 0 && !a; j--)
				if (!pk[j].forged && pk[j].has_ts && pk[j].src == b->src &&
				    pk[j].dst == b->dst && pk[j].sport == b->sport &&
				    pk[j].dport == b->dport)
					a = &pk[j];
			if (!a || b->tsval - a->tsval != 1 || b->t - a->t >= 1000)
				continue;
			if (pass == 0) {
				if (b->t - a->t < best) {
					best = b->t - a->t;
					c = (b->t + a->t) / 2;
				}
				continue;
			}
			/* the pair's upper bound, within half a millisecond of c */
			int64_t cm = ((c % 1000) + 1000) % 1000;
			int64_t u = ((b->t - cm) % 1000 + 1500) % 1000 - 500 + cm;
			int64_t l = u - (b->t - a->t);
			if (l > *lo)
				*lo = l;
			if (u < *hi)
				*hi = u;
			n++;
		}
		if (best == 1000)
			return 0;
	}
	if (*lo > *hi) {
		int64_t x = *lo;
		*lo = *hi;
		*hi = x;
	}
	/* the centre within half a millisecond of 0 */
	int64_t k = (*lo + *hi) / 2 + 500;
	k = (k >= 0 ? k : k - 999) / 1000;
	*lo -= 1000 * k;
	*hi -= 1000 * k;
	return n;
}

static int cmd_write(const char *casep, const char *dir, int64_t t0_real, const char *header)
{
	if (kc_load(casep, &kc) < 0)
		return 2;
	char path[1024];
	for (int h = 0; h < 2; h++) {
		snprintf(path, sizeof path, "%s/h%d.pcap", dir, h);
		if (read_pcap(path, h, t0_real) < 0)
			return 2;
	}
	/* the relay's log: fates and forged segments */
	snprintf(path, sizeof path, "%s/relay.log", dir);
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return 2;
	}
	char l[1024];
	long long rj_max = -1, rj_mean = 0, rj_n = 0;
	int nforged_lines = 0;
	char forged_calls[256][160];
	int64_t forged_t[256];
	struct {
		uint64_t h;
		int fate;
		int64_t by;
		int64_t wait; /* for the link's rate: queued and on the link */
		int used;
	} *rx = NULL;
	int nrx = 0, caprx = 0;
	while (fgets(l, sizeof l, f)) {
		long long t, by, wait = 0;
		int d, fl, len, line, nf;
		unsigned long long h;
		unsigned seq, ack, win, no, sp = 0, dp = 0;
		char act[16];
		/* WAIT, the 7th field, is missing in logs before `link rate=` */
		if (sscanf(l, "rx %lld %d %u %llx %15s %lld %lld", &t, &d, &no, &h, act, &by,
		           &wait) >= 6) {
			if (nrx == caprx) {
				caprx = caprx ? caprx * 2 : 1024;
				rx = realloc(rx, (size_t)caprx * sizeof *rx);
			}
			rx[nrx].h = h;
			rx[nrx].fate = !strcmp(act, "drop") ? 1 : !strcmp(act, "delay") ? 2 : 0;
			rx[nrx].by = by;
			rx[nrx].wait = wait;
			rx[nrx].used = 0;
			nrx++;
		} else if ((nf = sscanf(l, "forge %lld %d %llx %d %u %u %d %u %d %u %u", &t, &d, &h,
		                        &fl, &seq, &ack, &len, &win, &line, &sp, &dp)) >= 9) {
			struct pkt *p = newpkt();
			int tgt = 1 - d;
			p->t = t;
			p->sender = d;
			p->hash = h;
			p->src = kc.hosts[d].addr;
			p->dst = kc.hosts[tgt].addr;
			p->seq = seq;
			p->ack = ack;
			p->flags = fl;
			p->len = len;
			p->win = (uint16_t)win;
			p->forged = 1;
			/* the relay names the ports; an older log leaves them to
			 * the connection below */
			p->sport = (uint16_t)(nf == 11 ? sp : 0);
			p->dport = (uint16_t)(nf == 11 ? dp : 0);
			if (nforged_lines < 256) {
				char ts[32];
				kc_time_str(t, ts);
				snprintf(forged_calls[nforged_lines], sizeof forged_calls[0],
				         "call %s %s inject OK", ts, kc.hosts[tgt].name);
				forged_t[nforged_lines++] = t;
			}
		} else if (sscanf(l, "skip %lld %d", &t, &line) == 2) {
			if (nforged_lines < 256) {
				char ts[32];
				kc_time_str(t, ts);
				int host = 0;
				for (int i = 0; i < kc.nev; i++)
					if (kc.ev[i].line == line)
						host = kc.ev[i].host;
				snprintf(forged_calls[nforged_lines], sizeof forged_calls[0],
				         "call %s %s inject ENOTCONN", ts, kc.hosts[host].name);
				forged_t[nforged_lines++] = t;
			}
		} else if (sscanf(l, "jitter %lld %lld %lld", &rj_max, &rj_mean, &rj_n) == 3) {
		}
	}
	fclose(f);
	qsort(pk, (size_t)npk, sizeof *pk, cmp_pkt);
	/* ports of forged segments: the most recent real segment between the two
	 * hosts before it (injections target the current connection) */
	for (int i = 0; i < npk; i++) {
		if (!pk[i].forged || pk[i].sport)
			continue;
		for (int j = i - 1; j >= 0; j--) {
			if (pk[j].forged)
				continue;
			if (pk[j].src == pk[i].src) {
				pk[i].sport = pk[j].sport;
				pk[i].dport = pk[j].dport;
				break;
			}
			if (pk[j].src == pk[i].dst) {
				pk[i].sport = pk[j].dport;
				pk[i].dport = pk[j].sport;
				break;
			}
		}
	}
	/* fates and arrivals */
	int64_t lj_max = 0, lj_sum = 0, lj_n = 0;
	for (int i = 0; i < npk; i++) {
		struct pkt *p = &pk[i];
		if (p->forged)
			continue;
		p->fate = 3;
		for (int j = 0; j < nrx; j++)
			if (!rx[j].used && rx[j].h == p->hash) {
				rx[j].used = 1;
				p->fate = rx[j].fate;
				p->by = rx[j].by;
				p->wait = rx[j].wait;
				break;
			}
		for (int j = 0; j < narr; j++)
			if (!arr[j].used && arr[j].hash == p->hash) {
				arr[j].used = 1;
				p->arrive = arr[j].t;
				break;
			}
		if (p->arrive >= 0 && p->fate != 1) {
			int64_t late = p->arrive - p->t - kc.delay[p->sender] -
			               (p->fate == 2 ? p->by : 0) - p->wait;
			if (late < 0)
				late = 0;
			if (late > lj_max)
				lj_max = late;
			lj_sum += late;
			lj_n++;
		}
	}

	for (int i = 0; i < npk; i++) {
		struct pkt *p = &pk[i];
		if (p->t > kc.end)
			continue;
		struct conn *c = lookup(p);
		int d = p->sender, o = 1 - d;
		if ((p->flags & 0x02) && !p->forged && !c->syn_seen[d]) {
			c->syn_seen[d] = 1;
			c->has_isn[d] = 1;
			c->isn[d] = p->seq;
			c->ws[d] = opt_wscale(p);
		}
		char fl[8], ts[32], ack[16], scaled[16], opts[300], seq[16];
		kc_flags_str(p->flags, fl);
		kc_time_str(p->t, ts);
		/* a RST with SEG.SEQ 0 answers a segment without ACK (RFC 9293
		 * 3.10.7.1): its 0 belongs to no sequence space, print it as is */
		int raw = !c->has_isn[d] || ((p->flags & 0x04) && p->seq == 0);
		snprintf(seq, sizeof seq, "%u", raw ? p->seq : p->seq - c->isn[d]);
		if (p->flags & 0x10)
			snprintf(ack, sizeof ack, "%u",
			         c->has_isn[o] ? p->ack - c->isn[o] : p->ack);
		else
			snprintf(ack, sizeof ack, "-");
		if (p->flags & 0x02)
			snprintf(scaled, sizeof scaled, "-");
		else if (c->ws[0] >= 0 && c->ws[1] >= 0)
			snprintf(scaled, sizeof scaled, "%u", (unsigned)p->win << c->ws[d]);
		else
			snprintf(scaled, sizeof scaled, "%u", p->win);
		opt_str(p, c->has_isn[o] ? c->isn[o] : 0, c->has_isn[o], opts, sizeof opts);
		char tag[64] = "";
		if (p->forged)
			snprintf(tag, sizeof tag, " forged");
		else if (p->fate == 1)
			snprintf(tag, sizeof tag, " dropped");
		else if (p->fate == 2) {
			char bt[32];
			kc_time_str(p->by, bt);
			snprintf(tag, sizeof tag, " delayed %s", bt);
		} else if (p->fate == 3)
			snprintf(tag, sizeof tag, " unseen");
		char text[600];
		snprintf(text, sizeof text,
		         "seg %s %s %s seq %s ack %s len %d win %u scaled %s opts %s%s", ts,
		         kc.hosts[d].name, fl, seq, ack, p->len, p->win, scaled, opts, tag);
		add_line(p->t, text);
	}
	/* "icmp T HOST need-frag mtu N for seq S len L": the segment it quotes,
	 * its seq relative to the sender's ISN (the latest incarnation) */
	for (int i = 0; i < nicmp; i++) {
		const struct icmp *x = &icmps[i];
		if (x->t > kc.end)
			continue;
		int d = x->host;
		uint32_t base = 0;
		int rel = 0;
		for (int j = nconns - 1; j >= 0; j--) {
			const struct conn *c = &conns[j];
			if (c->ip[d] == x->src && c->port[d] == x->sport &&
			    c->ip[1 - d] == x->dst && c->port[1 - d] == x->dport) {
				rel = c->has_isn[d];
				base = c->isn[d];
				break;
			}
		}
		char ts[32], text[200];
		kc_time_str(x->t, ts);
		snprintf(text, sizeof text, "icmp %s %s need-frag mtu %d for seq %u len %d", ts,
		         kc.hosts[d].name, x->mtu, rel ? x->seq - base : x->seq, x->len);
		add_line(x->t, text);
	}
	for (int h = 0; h < 2; h++) {
		snprintf(path, sizeof path, "%s/h%d.log", dir, h);
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(l, sizeof l, f)) {
			l[strcspn(l, "\n")] = 0;
			char kind[16], ts[32];
			if (sscanf(l, "%15s %31s", kind, ts) != 2)
				continue;
			int64_t t = parse_ts(ts);
			long long late;
			if (sscanf(l, "late %*s %*s %lld", &late) == 1) {
				if (late > call_late_max)
					call_late_max = late;
				call_late_n++;
				continue;
			}
			if (t <= kc.end && (!strcmp(kind, "call") || !strcmp(kind, "error") ||
			                    !strcmp(kind, "state")))
				add_line(t, l);
		}
		fclose(f);
	}
	for (int i = 0; i < nforged_lines; i++)
		add_line(forged_t[i], forged_calls[i]);
	qsort(lines, (size_t)nlines, sizeof *lines, cmp_line);
	/* header */
	FILE *hf = fopen(header, "r");
	if (hf) {
		while (fgets(l, sizeof l, hf))
			fputs(l, stdout);
		fclose(hf);
	}
	printf("# delay %lld %lld\n", (long long)kc.delay[0], (long long)kc.delay[1]);
	if (kc.rate_bps[0] || kc.rate_bps[1])
		printf("# rate %llu %llu queue %u %u (bits per second and packets, first host -> "
		       "second, second -> first; 0: unlimited)\n",
		       (unsigned long long)kc.rate_bps[0], (unsigned long long)kc.rate_bps[1],
		       kc.queue[0], kc.queue[1]);
	printf("# link-jitter max %lld mean %lld n %lld\n", (long long)lj_max,
	       (long long)(lj_n ? lj_sum / lj_n : 0), (long long)lj_n);
	printf("# relay-jitter max %lld mean %lld n %lld\n", rj_max, rj_mean, rj_n);
	printf("# call-lateness max %lld n %lld (timeline calls made more than 500 us late)\n",
	       call_late_max, call_late_n);
	int64_t ph_lo, ph_hi;
	int nph = ts_phase(&ph_lo, &ph_hi);
	if (nph)
		printf("# ts-clock ticks %lld..%lld us (TSval steps, from a whole ms of time 0, "
		       "bounded by %d pairs of segments)\n",
		       (long long)ph_lo, (long long)ph_hi, nph);
	printf("# end %lld\n", (long long)kc.end);
	for (int i = 0; i < nlines; i++)
		printf("%s\n", lines[i].text);
	free(rx);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 6 && !strcmp(argv[1], "write"))
		return cmd_write(argv[2], argv[3], atoll(argv[4]), argv[5]);
	if (argc == 4 && !strcmp(argv[1], "sysctls")) {
		if (kc_load(argv[2], &kc) < 0)
			return 2;
		int h = kc_host_find(&kc, argv[3]);
		if (h < 0)
			return 2;
		char k[64][64], v[64][64];
		int n = kc_sysctls(&kc, h, k, v, 64);
		for (int i = 0; i < n; i++)
			printf("%s=%s\n", k[i], v[i]);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "info")) {
		if (kc_load(argv[2], &kc) < 0)
			return 2;
		for (int h = 0; h < 2; h++) {
			uint32_t a = kc.hosts[h].addr;
			printf("%s %u.%u.%u.%u ", kc.hosts[h].name, a >> 24, a >> 16 & 255,
			       a >> 8 & 255, a & 255);
		}
		printf("%lld\n", (long long)kc.end);
		return 0;
	}
	fprintf(stderr, "usage: golden write CASE RUNDIR T0_REAL_NS HEADER | sysctls CASE HOST | "
	                "info CASE\n");
	return 2;
}
