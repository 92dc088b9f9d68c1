/* sar: `sar -n SOCK,TCP,ETCP INTERVAL COUNT` on one host, byte for byte as
 * sysstat 12.6 prints it with LC_TIME=C (24-hour clock), the run's time 0
 * being 00:00:00 of a fixed day.  Called by the CLI (tcpsim sar); reads the
 * scenario and the trace, replayed once, counting what the kernel's SNMP
 * counters (/proc/net/snmp) and /proc/net/sockstat would count:
 *
 *   active/s   TCP_MIB_ACTIVEOPENS  tcp_connect(): a socket enters SYN_SENT
 *   passive/s  TCP_MIB_PASSIVEOPENS tcp_create_openreq_child(): an embryo
 *                                   becomes a connection (leaves SYN_RCVD)
 *   atmptf/s   TCP_MIB_ATTEMPTFAILS tcp_done() in SYN_SENT/SYN_RCVD (a RST or
 *                                   the retries running out), tcp_check_req()'s
 *                                   RST or SYN on an embryo (SYN_RCVD -> LISTEN);
 *                                   not the application's own close or abort
 *   estres/s   TCP_MIB_ESTABRESETS  tcp_set_state(CLOSE) from ESTABLISHED or
 *                                   CLOSE_WAIT: a RST, a timeout or an abort
 *   iseg/s     TCP_MIB_INSEGS       tcp_v4_rcv(): every segment that arrives
 *   oseg/s     TCP_MIB_OUTSEGS      __tcp_transmit_skb(): every segment sent
 *                                   but those carrying only sequence space
 *                                   sent before (retransmissions); every
 *                                   SYN,ACK of tcp_make_synack(), repeats too;
 *                                   RSTs and ACKs sent for no socket
 *   retrans/s  TCP_MIB_RETRANSSEGS  __tcp_retransmit_skb(), tcp_rtx_synack()
 *   isegerr/s  TCP_MIB_INERRS       bad checksums (never, here) and a SYN that
 *                                   reaches an ESTABLISHED socket
 *                                   (tcp_validate_incoming(), syn_inerr)
 *   orsts/s    TCP_MIB_OUTRSTS      every RST sent
 *   tcpsck     TCP: inuse           hashed full sockets: listeners and
 *                                   connections, not embryos (request socks)
 *                                   nor TIME_WAIT
 *   totsck     sockets: used        every socket (a simulated host has only
 *                                   its TCP ones, so it equals tcpsck)
 *   tcp-tw     TCP: tw              TIME_WAIT, and an orphan's FIN_WAIT_2,
 *                                   which Linux keeps as a timewait sock when
 *                                   tcp_fin_timeout <= 60 s (tcp_time_wait())
 *   udpsck rawsck ip-frag           0: the simulator has no UDP, raw sockets
 *                                   or fragments
 * Segments the link makes (dup=) and forged ones (inject, flood) are not the
 * host's TCP's; a crashed host counts nothing until it reboots. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

enum { SOCK_NONE, SOCK_FULL, SOCK_TW }; /* what the kernel holds for a socket */

struct sar_counts {
	uint64_t active, passive, atmptf, estres, iseg, oseg, retrans, isegerr, orsts;
	long full, tw; /* sockets now */
};

struct sar_sock {
	int8_t state;
	uint8_t embryo; /* made by a SYN on a listener, not yet accepted */
	uint8_t orphan; /* the application closed it */
	uint8_t kind;   /* SOCK_* it is counted as */
};

struct sar_run {
	const struct scenario *scn;
	const struct trace *tr;
	int host;
	struct sar_sock *socks; /* by handle */
	struct sar_counts c;
	int crashed;
	int after_inject; /* the next send is the forged segment of an inject */
	uint32_t next;    /* next trace record to replay */
};

static int sock_kind(const struct sar_run *r, const struct sar_sock *k)
{
	switch (k->state) {
	case TCPS_CLOSED: return SOCK_NONE;
	case TCPS_SYN_RCVD: return k->embryo ? SOCK_NONE : SOCK_FULL;
	case TCPS_TIME_WAIT: return SOCK_TW;
	case TCPS_FIN_WAIT_2:
		return k->orphan && r->scn->hosts[r->host].params.fin_timeout <= 60 * SIMTIME_S
		           ? SOCK_TW
		           : SOCK_FULL;
	default: return SOCK_FULL;
	}
}

/* Moves socket k into the count its present state asks for. */
static void recount(struct sar_run *r, struct sar_sock *k)
{
	int now = sock_kind(r, k);
	if (now == k->kind)
		return;
	r->c.full -= k->kind == SOCK_FULL;
	r->c.tw -= k->kind == SOCK_TW;
	r->c.full += now == SOCK_FULL;
	r->c.tw += now == SOCK_TW;
	k->kind = (uint8_t)now;
}

static void on_state(struct sar_run *r, const struct trace_rec *rec)
{
	struct sar_sock *k = &r->socks[rec->sock];
	int from = rec->u.state.from, to = rec->u.state.to;
	if (to == TCPS_SYN_SENT)
		r->c.active++;
	if (from == TCPS_LISTEN && to == TCPS_SYN_RCVD)
		k->embryo = 1;
	if (from == TCPS_SYN_RCVD && k->embryo && to != TCPS_CLOSED && to != TCPS_LISTEN) {
		r->c.passive++;
		k->embryo = 0;
	}
	int gone = to == TCPS_CLOSED || rec->sub == ARROW_SYNRCVD_RST;
	if (gone && rec->sub != ARROW_CRASH) {
		int failed =
		    rec->cause == CAUSE_SEGMENT || (rec->cause == CAUSE_TIMER && !k->embryo);
		if ((from == TCPS_SYN_SENT || from == TCPS_SYN_RCVD) && failed)
			r->c.atmptf++;
		if (from == TCPS_ESTABLISHED || from == TCPS_CLOSE_WAIT)
			r->c.estres++;
	}
	k->state = (int8_t)(gone ? TCPS_CLOSED : to);
	recount(r, k);
}

static void on_send(struct sar_run *r, const struct trace_rec *rec)
{
	const struct trace_seg *g = &r->tr->segs[rec->seg];
	int forged = r->after_inject || g->h.src != r->scn->hosts[r->host].addr;
	r->after_inject = 0;
	if (g->dup || forged)
		return;
	int synack = (g->h.flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK);
	int embryo = g->sock < 0 || (g->sock < (int32_t)r->tr->nsocks && r->socks[g->sock].embryo);
	if (g->retx)
		r->c.retrans++;
	if (!g->retx || (synack && embryo))
		r->c.oseg++;
	if (g->h.flags & TH_RST)
		r->c.orsts++;
}

static void on_info(struct sar_run *r, const struct trace_rec *rec)
{
	if (rec->sub != INFO_CHALLENGE_ACK || rec->seg < 0 || rec->sock < 0 ||
	    rec->sock >= (int32_t)r->tr->nsocks)
		return;
	const struct trace_seg *g = &r->tr->segs[rec->seg];
	if ((g->h.flags & TH_SYN) && r->socks[rec->sock].state == TCPS_ESTABLISHED)
		r->c.isegerr++;
}

static void on_call(struct sar_run *r, const struct trace_rec *rec)
{
	int ok = rec->u.call.err == 0;
	if ((rec->sub == ACT_CLOSE || rec->sub == ACT_ABORT) && ok && rec->sock >= 0 &&
	    rec->sock < (int32_t)r->tr->nsocks) {
		r->socks[rec->sock].orphan = 1;
		recount(r, &r->socks[rec->sock]);
	}
	if (rec->sub == ACT_CRASH && ok)
		r->crashed = 1;
	if (rec->sub == ACT_REBOOT && ok)
		r->crashed = 0;
}

/* Replays every record with time <= t. */
static void replay_until(struct sar_run *r, simtime_t t)
{
	const struct trace *tr = r->tr;
	for (; r->next < tr->n && tr->recs[r->next].t <= t; r->next++) {
		const struct trace_rec *rec = &tr->recs[r->next];
		int in_sock = rec->sock >= 0 && rec->sock < (int32_t)tr->nsocks;
		if (rec->kind == TR_SEG_ARRIVE) {
			if (rec->seg >= 0 && tr->segs[rec->seg].to == r->host && !r->crashed)
				r->c.iseg++;
			continue;
		}
		if (rec->kind == TR_APP_CALL && rec->sub == ACT_INJECT && rec->u.call.err == 0) {
			r->after_inject = 1; /* the next segment sent is forged */
			continue;
		}
		if (rec->kind == TR_SEG_SEND && rec->host != r->host)
			r->after_inject = 0;
		if (rec->host != r->host)
			continue;
		if (rec->kind == TR_APP_CALL)
			on_call(r, rec);
		else if (rec->kind == TR_STATE && in_sock)
			on_state(r, rec);
		else if (rec->kind == TR_SEG_SEND && rec->seg >= 0 && !r->crashed)
			on_send(r, rec);
		else if (rec->kind == TR_INFO && !r->crashed)
			on_info(r, rec);
	}
}

/* "00:00:05": the time of day at simulated time t (seconds). */
static void clock_text(char *buf, size_t size, uint64_t s)
{
	s %= 86400;
	snprintf(buf, size, "%02u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
	         (unsigned)(s % 60));
}

static double rate(uint64_t a, uint64_t b, double secs)
{
	return (double)(b - a) / secs;
}

struct sar_sample {
	struct sar_counts c;
	char when[12];
};

static void print_sock(FILE *f, const char *prev, const char *when, double tot, double tcp,
                       double tw, int avg)
{
	fprintf(f, "\n%-11s %9s %9s %9s %9s %9s %9s\n", prev, "totsck", "tcpsck", "udpsck",
	        "rawsck", "ip-frag", "tcp-tw");
	if (avg)
		fprintf(f, "%-11s %9.0f %9.0f %9.0f %9.0f %9.0f %9.0f\n", when, tot, tcp, 0.0, 0.0,
		        0.0, tw);
	else
		fprintf(f, "%-11s %9.0f %9.0f %9d %9d %9d %9.0f\n", when, tot, tcp, 0, 0, 0, tw);
}

static void print_rates(FILE *f, const char *prev, const char *when, const struct sar_counts *a,
                        const struct sar_counts *b, double secs)
{
	fprintf(f, "\n%-11s %9s %9s %9s %9s\n", prev, "active/s", "passive/s", "iseg/s", "oseg/s");
	fprintf(f, "%-11s %9.2f %9.2f %9.2f %9.2f\n", when, rate(a->active, b->active, secs),
	        rate(a->passive, b->passive, secs), rate(a->iseg, b->iseg, secs),
	        rate(a->oseg, b->oseg, secs));
	fprintf(f, "\n%-11s %9s %9s %9s %9s %9s\n", prev, "atmptf/s", "estres/s", "retrans/s",
	        "isegerr/s", "orsts/s");
	fprintf(f, "%-11s %9.2f %9.2f %9.2f %9.2f %9.2f\n", when, rate(a->atmptf, b->atmptf, secs),
	        rate(a->estres, b->estres, secs), rate(a->retrans, b->retrans, secs),
	        rate(a->isegerr, b->isegerr, secs), rate(a->orsts, b->orsts, secs));
}

int out_sar(FILE *f, const struct scenario *scn, const struct trace *tr, int host, unsigned every,
            unsigned count)
{
	if (host < 0 || host >= scn->nhosts || every == 0 || count == 0)
		return -1;
	struct sar_run r = {.scn = scn, .tr = tr, .host = host};
	r.socks = calloc(tr->nsocks ? tr->nsocks : 1, sizeof *r.socks);
	if (!r.socks)
		return -1;
	fprintf(f, "Linux %s (%s) \t%s \t_x86_64_\t(%d CPU)\n", OUT_SAR_KERNEL,
	        scn->hosts[host].name, OUT_SAR_DATE, 1);
	replay_until(&r, 0);
	struct sar_counts first = r.c, prev = r.c;
	double sum_tot = 0, sum_tw = 0;
	char prev_when[12], when[12];
	clock_text(prev_when, sizeof prev_when, 0);
	for (unsigned k = 1; k <= count; k++) {
		uint64_t secs = (uint64_t)k * every;
		replay_until(&r, (simtime_t)secs * SIMTIME_S);
		clock_text(when, sizeof when, secs);
		print_sock(f, prev_when, when, (double)r.c.full, (double)r.c.full, (double)r.c.tw,
		           0);
		print_rates(f, prev_when, when, &prev, &r.c, (double)every);
		sum_tot += (double)r.c.full;
		sum_tw += (double)r.c.tw;
		prev = r.c;
		memcpy(prev_when, when, sizeof when);
	}
	print_sock(f, "Average:", "Average:", sum_tot / count, sum_tot / count, sum_tw / count, 1);
	print_rates(f, "Average:", "Average:", &first, &r.c, (double)every * count);
	free(r.socks);
	if (fflush(f) != 0 || ferror(f))
		return -1;
	return 0;
}
