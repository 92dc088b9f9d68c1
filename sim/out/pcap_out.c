/* pcap_out: the trace as a classic pcap file (link type raw IPv4) that
 * Wireshark, tshark, tcpdump -r and tcptrace open like a real capture.
 * Called by the CLI (tcpsim pcap) and the window's export key.  Each segment
 * becomes a real IPv4 + TCP packet with correct checksums, its options in
 * Linux's layout (the same layout fmt.c prints) and payload bytes rebuilt
 * from the applications' send calls:
 *   - a text send contributes its text;
 *   - a numeric send (`send 1000`) contributes a pattern that depends only
 *     on the byte's offset in the stream: 16-byte lines "byte 0000000016\n",
 *     each naming the offset of its first byte, so a retransmission carries
 *     the same bytes and Follow TCP Stream shows which bytes are which.
 * A byte's stream offset is seq - (ISN + 1) of the socket that sent it. */
#define _DEFAULT_SOURCE /* the BSD types (u_char, u_int) pcap.h uses */
#include "output.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#define PCAP_SNAPLEN 262144u
#define IP_HLEN 20u
#define TCP_HLEN 20u
#define TCP_OPT_MAX 40u

/* One successful send call: bytes [start, start+len) of socket sock's
 * stream; text NULL for the numeric pattern. */
struct chunk {
	int32_t sock;
	uint64_t start;
	uint32_t len;
	const char *text;
};

struct streams {
	struct chunk *v;
	size_t n, cap;
};

static int chunk_cmp(const void *a, const void *b)
{
	const struct chunk *x = a, *y = b;
	if (x->sock != y->sock)
		return x->sock < y->sock ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Collects every successful ACT_SEND, in order, per sending socket. */
static int streams_build(struct streams *st, const struct scenario *scn, const struct trace *tr)
{
	uint64_t *end = calloc(tr->nsocks + 1, sizeof *end);
	if (!end)
		return -1;
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->kind != TR_APP_CALL || r->sub != ACT_SEND || r->u.call.err != SE_OK)
			continue;
		if (r->sock < 0 || (uint32_t)r->sock >= tr->nsocks)
			continue;
		int32_t ev = r->u.call.event;
		if (ev < 0 || ev >= scn->nevents || scn->events[ev].act.kind != ACT_SEND)
			continue;
		const struct scn_action *a = &scn->events[ev].act;
		uint32_t len = a->text ? a->text_len : a->nbytes;
		if (len == 0)
			continue;
		if (st->n == st->cap) {
			size_t cap = st->cap ? st->cap * 2 : 64;
			struct chunk *v = realloc(st->v, cap * sizeof *v);
			if (!v) {
				free(end);
				return -1;
			}
			st->v = v;
			st->cap = cap;
		}
		st->v[st->n++] = (struct chunk){r->sock, end[r->sock], len, a->text};
		end[r->sock] += len;
	}
	free(end);
	if (st->n)
		qsort(st->v, st->n, sizeof *st->v, chunk_cmp);
	return 0;
}

/* The filler of bytes no `send "text"` gave: 16-byte lines "byte NNNNNNNNNN\n"
 * naming their own offset, so a student can see in Wireshark which part of
 * the stream a segment carries.  One line is formatted per 16 bytes, not
 * per byte (a large segment has thousands). */
struct pattern {
	uint64_t line_off; /* stream offset of the line in text; UINT64_MAX: none yet */
	char text[24];
};

static uint8_t pattern_byte(struct pattern *p, uint64_t off)
{
	uint64_t line_off = off / 16 * 16;
	if (p->line_off != line_off) {
		snprintf(p->text, sizeof p->text, "byte %010llu\n",
		         (unsigned long long)(line_off % 10000000000ull));
		p->line_off = line_off;
	}
	return (uint8_t)p->text[off % 16];
}

/* Fills out[0..len) with socket sock's stream bytes from offset off. */
static void stream_bytes(const struct streams *st, int32_t sock, uint64_t off, uint8_t *out,
                         uint32_t len)
{
	/* first chunk of sock whose end is past off */
	size_t lo = 0, hi = st->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct chunk *c = &st->v[mid];
		if (c->sock < sock || (c->sock == sock && c->start + c->len <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	struct pattern pat = {.line_off = UINT64_MAX};
	for (uint32_t i = 0; i < len; i++) {
		uint64_t o = off + i;
		while (lo < st->n && st->v[lo].sock == sock && st->v[lo].start + st->v[lo].len <= o)
			lo++;
		const struct chunk *c = lo < st->n ? &st->v[lo] : NULL;
		if (c && c->sock == sock && c->start <= o && c->text)
			out[i] = (uint8_t)c->text[o - c->start];
		else
			out[i] = pattern_byte(&pat, o);
	}
}

/* ---- Packet building ---- */

static void put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* RFC 1071 ones' complement sum, folded. */
static uint32_t sum16(uint32_t acc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

static uint16_t fold(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)~acc;
}

/* Linux's option layout (tcp_options_write): mss; sackOK+TS or nop,nop,TS
 * or nop,nop,sackOK; nop,wscale; nop,nop,SACK blocks.  Returns the length. */
static uint32_t encode_options(const struct segment *g, uint8_t *o)
{
	uint32_t n = 0;
	if (g->opt_mss) {
		o[n++] = 2;
		o[n++] = 4;
		put16(o + n, g->opt_mss);
		n += 2;
	}
	if (g->opt_ts) {
		if (g->opt_sackok) {
			o[n++] = 4;
			o[n++] = 2;
		} else {
			o[n++] = 1;
			o[n++] = 1;
		}
		o[n++] = 8;
		o[n++] = 10;
		put32(o + n, g->ts_val);
		put32(o + n + 4, g->ts_ecr);
		n += 8;
	} else if (g->opt_sackok) {
		o[n++] = 1;
		o[n++] = 1;
		o[n++] = 4;
		o[n++] = 2;
	}
	if (g->opt_wscale != 0xff) {
		o[n++] = 1;
		o[n++] = 3;
		o[n++] = 3;
		o[n++] = g->opt_wscale;
	}
	uint32_t blocks = g->nsack > SEG_MAX_SACK ? SEG_MAX_SACK : g->nsack;
	while (blocks > 0 && n + 4 + 8 * blocks > TCP_OPT_MAX)
		blocks--;
	if (blocks > 0) {
		o[n++] = 1;
		o[n++] = 1;
		o[n++] = 5;
		o[n++] = (uint8_t)(2 + 8 * blocks);
		for (uint32_t i = 0; i < blocks; i++) {
			put32(o + n, g->sack[i][0]);
			put32(o + n + 4, g->sack[i][1]);
			n += 8;
		}
	}
	return n;
}

/* Writes the IPv4 + TCP packet of segment s into pkt; returns its length. */
static uint32_t build_packet(const struct trace_seg *s, uint16_t ip_id, uint32_t paylen,
                             const uint8_t *payload, uint8_t *pkt)
{
	const struct segment *g = &s->h;
	uint8_t *ip = pkt, *tcp = pkt + IP_HLEN;
	uint32_t optlen = encode_options(g, tcp + TCP_HLEN);
	uint32_t tcplen = TCP_HLEN + optlen + paylen;
	uint32_t total = IP_HLEN + tcplen;

	memset(ip, 0, IP_HLEN);
	ip[0] = 0x45;
	put16(ip + 2, total);
	put16(ip + 4, ip_id);
	put16(ip + 6, 0x4000); /* DF */
	ip[8] = 64;            /* TTL */
	ip[9] = 6;             /* TCP */
	put32(ip + 12, g->src);
	put32(ip + 16, g->dst);
	put16(ip + 10, fold(sum16(0, ip, IP_HLEN)));

	put16(tcp, g->sport);
	put16(tcp + 2, g->dport);
	put32(tcp + 4, g->seq);
	put32(tcp + 8, g->ack);
	tcp[12] = (uint8_t)(((TCP_HLEN + optlen) / 4) << 4);
	tcp[13] = g->flags;
	put16(tcp + 14, g->wnd);
	put16(tcp + 16, 0);
	put16(tcp + 18, 0);
	memcpy(tcp + TCP_HLEN + optlen, payload, paylen);
	uint8_t pseudo[12];
	put32(pseudo, g->src);
	put32(pseudo + 4, g->dst);
	pseudo[8] = 0;
	pseudo[9] = 6;
	put16(pseudo + 10, tcplen);
	put16(tcp + 16, fold(sum16(sum16(0, pseudo, sizeof pseudo), tcp, tcplen)));
	return total;
}

/* The router's ICMP "fragmentation needed" (type 3 code 4, RFC 1191: the
 * next-hop MTU in the second half of the unused word) about the packet
 * orig of olen bytes, quoting it up to 576 bytes in all as a Linux router
 * does (icmp_send); returns its length. */
static uint32_t build_icmp(uint32_t from, uint32_t to, uint32_t mtu, const uint8_t *orig,
                           uint32_t olen, uint8_t *pkt)
{
	uint32_t quote = olen < 548u ? olen : 548u, total = IP_HLEN + 8u + quote;
	uint8_t *ip = pkt, *ic = pkt + IP_HLEN;
	memset(ip, 0, IP_HLEN + 8u);
	ip[0] = 0x45;
	put16(ip + 2, total);
	ip[8] = 64;
	ip[9] = 1; /* ICMP */
	put32(ip + 12, from);
	put32(ip + 16, to);
	put16(ip + 10, fold(sum16(0, ip, IP_HLEN)));
	ic[0] = 3;
	ic[1] = 4;
	put16(ic + 6, (uint16_t)mtu);
	memmove(ic + 8, orig, quote);
	put16(ic + 2, fold(sum16(0, ic, 8u + quote)));
	return total;
}

/* IPv4 identification per segment: each sender counts its packets in send
 * order; a link duplicate is the same packet and keeps its original's ID. */
static uint16_t *assign_ids(const struct trace *tr)
{
	uint16_t *id = calloc(tr->nsegs + 1, sizeof *id);
	if (!id)
		return NULL;
	uint16_t next[SCN_MAX_HOSTS + 1] = {0};
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *s = &tr->segs[i];
		int h = s->from < SCN_MAX_HOSTS ? s->from : SCN_MAX_HOSTS;
		if (s->dup && i > 0 && tr->segs[i - 1].from == s->from) {
			id[i] = id[i - 1];
			continue;
		}
		id[i] = ++next[h];
	}
	return id;
}

/* The ISN of the socket that sent each segment, from its own SYN; falls
 * back to the trace's socket table.  known[i] 0 when neither says. */
static int sender_isns(const struct trace *tr, uint32_t *isn, uint8_t *known)
{
	uint32_t *last = calloc(tr->nsocks + 1, sizeof *last);
	uint8_t *seen = calloc(tr->nsocks + 1, 1);
	if (!last || !seen) {
		free(last);
		free(seen);
		return -1;
	}
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *s = &tr->segs[i];
		known[i] = 0;
		if (s->sock < 0 || (uint32_t)s->sock >= tr->nsocks)
			continue;
		if (s->h.flags & TH_SYN) {
			last[s->sock] = s->h.seq;
			seen[s->sock] = 1;
		}
		if (seen[s->sock]) {
			isn[i] = last[s->sock];
			known[i] = 1;
		} else if (tr->socks[s->sock].iss != 0) {
			isn[i] = tr->socks[s->sock].iss;
			known[i] = 1;
		}
	}
	free(last);
	free(seen);
	return 0;
}

static void set_err(char *err, size_t errsize, const char *what, const char *detail)
{
	if (err && errsize)
		snprintf(err, errsize, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
}

/* libpcap closes the FILE it dumps to, so it gets its own FILE on a
 * duplicate of f's descriptor; f stays the caller's. */
static FILE *dup_stream(FILE *f)
{
	int fd = fileno(f);
	if (fd < 0 || fflush(f) != 0)
		return NULL;
	int copy = dup(fd);
	if (copy < 0)
		return NULL;
	FILE *g = fdopen(copy, "wb");
	if (!g)
		close(copy);
	return g;
}

int out_pcap_write(FILE *f, const struct scenario *scn, const struct trace *tr, int at_host,
                   uint64_t *npackets, char *err, size_t errsize)
{
	struct streams st = {NULL, 0, 0};
	uint16_t *ids = assign_ids(tr);
	uint32_t *isn = malloc((tr->nsegs + 1) * sizeof *isn);
	uint8_t *known = malloc(tr->nsegs + 1);
	uint32_t maxlen = 0;
	for (uint32_t i = 0; i < tr->nsegs; i++)
		if (tr->segs[i].h.len > maxlen)
			maxlen = tr->segs[i].h.len;
	if (maxlen > PCAP_SNAPLEN)
		maxlen = PCAP_SNAPLEN;
	uint8_t *pkt = malloc(IP_HLEN + 8u + IP_HLEN + TCP_HLEN + TCP_OPT_MAX +
	                      maxlen); /* room for an ICMP in front */
	uint8_t *payload = malloc(maxlen + 1);
	pcap_t *p = NULL;
	pcap_dumper_t *d = NULL;
	FILE *g = NULL;
	uint64_t n = 0;
	int rc = OUT_ENOMEM;

	if (npackets)
		*npackets = 0;
	if (!ids || !isn || !known || !pkt || !payload || streams_build(&st, scn, tr) != 0 ||
	    sender_isns(tr, isn, known) != 0) {
		set_err(err, errsize, "out of memory", NULL);
		goto done;
	}
	rc = OUT_EWRITE;
	p = pcap_open_dead(DLT_RAW, (int)PCAP_SNAPLEN);
	if (!p) {
		set_err(err, errsize, "pcap_open_dead failed", NULL);
		goto done;
	}
	g = dup_stream(f);
	if (!g) {
		set_err(err, errsize, strerror(errno), NULL);
		goto done;
	}
	d = pcap_dump_fopen(p, g);
	if (!d) {
		set_err(err, errsize, pcap_geterr(p), NULL);
		fclose(g);
		goto done;
	}
	for (uint32_t k = 0; k < tr->n; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->seg < 0 || (uint32_t)r->seg >= tr->nsegs)
			continue;
		int icmp = r->kind == TR_INFO && r->sub == INFO_ICMP_FRAG_NEEDED;
		int take = r->kind == TR_SEG_SEND ? (at_host < 0 || r->host == at_host)
		                                  : (r->kind == TR_SEG_ARRIVE || icmp) &&
		                                        at_host >= 0 && r->host == at_host;
		/* the router's ICMP is seen on the wire too (the sender's side) */
		take |= icmp && at_host < 0;
		if (!take)
			continue;
		const struct trace_seg *s = &tr->segs[r->seg];
		/* Payloads bigger than an IPv4 packet or the snap length are cut;
		 * the simulator's MSS keeps real runs far below either. */
		uint32_t paylen = s->h.len < maxlen ? s->h.len : maxlen;
		if (paylen > 65535u - IP_HLEN - TCP_HLEN - TCP_OPT_MAX)
			paylen = 65535u - IP_HLEN - TCP_HLEN - TCP_OPT_MAX;
		if (known[r->seg])
			stream_bytes(&st, s->sock, (uint32_t)(s->h.seq - isn[r->seg] - 1), payload,
			             paylen);
		else
			stream_bytes(&st, -1, 0, payload, paylen);
		struct trace_seg rx;
		if (r->kind == TR_SEG_ARRIVE && s->rx_mss) {
			/* as it arrived: the router hop clamped its MSS */
			rx = *s;
			rx.h.opt_mss = s->rx_mss;
			s = &rx;
		}
		uint32_t len = build_packet(s, ids[r->seg], paylen, payload, pkt);
		if (icmp) {
			/* the packet quoted, then the ICMP in front of it */
			uint32_t mtu = s->from < scn->nhosts ? scn->link[s->from].router_mtu : 0;
			memmove(pkt + IP_HLEN + 8u, pkt, len);
			len = build_icmp(scn_router_addr(scn), s->h.src, mtu, pkt + IP_HLEN + 8u,
			                 len, pkt);
		}
		struct pcap_pkthdr h;
		memset(&h, 0, sizeof h);
		simtime_t t = r->t < 0 ? 0 : r->t;
		h.ts.tv_sec = (time_t)(t / SIMTIME_S);
		h.ts.tv_usec = (suseconds_t)(t % SIMTIME_S);
		h.caplen = len;
		h.len = len;
		pcap_dump((u_char *)d, &h, pkt);
		n++;
	}
	errno = 0;
	if (pcap_dump_flush(d) != 0 || ferror(pcap_dump_file(d))) {
		set_err(err, errsize, errno ? strerror(errno) : "write error", NULL);
		goto done;
	}
	rc = OUT_OK;
	if (npackets)
		*npackets = n;
done:
	if (d)
		pcap_dump_close(d);
	if (p)
		pcap_close(p);
	free(st.v);
	free(ids);
	free(isn);
	free(known);
	free(pkt);
	free(payload);
	return rc;
}

int out_pcap(const char *path, const struct scenario *scn, const struct trace *tr, int at_host,
             char *err, size_t errsize)
{
	struct out_file o;
	char why[256] = "";
	if (out_open(&o, path, err, errsize) != 0)
		return OUT_EWRITE;
	int rc = out_pcap_write(o.f, scn, tr, at_host, NULL, why, sizeof why);
	if (rc == OUT_EWRITE && err && errsize)
		snprintf(err, errsize, "cannot write %s: %s", path, why);
	else if (rc != OUT_OK)
		set_err(err, errsize, why, NULL);
	return out_close(&o, rc, rc == OUT_OK ? err : NULL, errsize);
}
