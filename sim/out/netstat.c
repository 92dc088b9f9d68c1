/* netstat: the socket tables of both hosts at one moment, byte for byte as
 * net-tools' `netstat -nat` or iproute2's `ss -tan` print them (ss as it
 * prints into a pipe: columns as wide as their content, no spreading to the
 * terminal's width).  Called by the CLI (tcpsim netstat) and the window's
 * socket table; reads only a snapshot, and for ss -p the descriptors that
 * procs.c replays from the trace.
 *
 * The queues follow Linux (/proc/net/tcp and inet_diag):
 *   listener:  netstat Recv-Q = accept queue, Send-Q = 0;
 *              ss      Recv-Q = accept queue, Send-Q = backlog.
 *   SYN_RCVD:  0 and 0 (Linux keeps a request sock, not a socket).
 *   others:    Recv-Q = bytes received and not read (rcv_nxt - copied_seq),
 *              plus 1 in CLOSE_WAIT while the application does not read: the
 *              FIN, whose sequence number is consumed only by the read()
 *              that returns 0 (tcp_recvmsg's found_fin_ok).  Measured on
 *              Linux 6.18: a peer's FIN never read shows Recv-Q 1, after 5
 *              unread bytes 6, in both ss -tn and netstat -nat;
 *              Send-Q = write_seq - snd_una: bytes not yet acknowledged
 *              (send_unsent + send_inflight, payload only) plus 1 for a SYN
 *              (SYN_SENT) or FIN (FIN_WAIT_1, CLOSING, LAST_ACK) not yet
 *              acknowledged, as Linux counts them. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

#include "tcpstate.h"

enum { NS_LISTENERS, NS_OTHERS };

static int row_wanted(const struct snap_sock *s, int pass)
{
	if (s->state == TCPS_CLOSED)
		return 0;
	return pass == NS_LISTENERS ? s->listener || s->state == TCPS_LISTEN
	                            : !(s->listener || s->state == TCPS_LISTEN);
}

static int is_listener(const struct snap_sock *s)
{
	return s->listener || s->state == TCPS_LISTEN;
}

unsigned long netstat_recv_q(const struct snap_sock *s)
{
	if (is_listener(s))
		return (unsigned long)(s->accept_queue > 0 ? s->accept_queue : 0);
	if (s->state == TCPS_SYN_RCVD)
		return 0;
	/* tcpsim's reading application reads the end of the stream at once */
	if (s->state == TCPS_CLOSE_WAIT && !s->reading)
		return (unsigned long)s->recv_unread + 1;
	return s->recv_unread;
}

static unsigned long send_q(const struct snap_sock *s, int ss_style)
{
	if (is_listener(s))
		return ss_style ? (unsigned long)(s->backlog > 0 ? s->backlog : 0) : 0;
	switch (s->state) {
	case TCPS_SYN_RCVD:
	case TCPS_TIME_WAIT: return 0;
	case TCPS_SYN_SENT:
	case TCPS_FIN_WAIT_1:
	case TCPS_CLOSING:
	case TCPS_LAST_ACK: return (unsigned long)s->send_unsent + s->send_inflight + 1;
	default: return (unsigned long)s->send_unsent + s->send_inflight;
	}
}

/* "10.0.0.1:40000"; a listener is bound to every address: "0.0.0.0:9502". */
static void local_addr(char *buf, size_t size, const struct snap_sock *s)
{
	char a[16];
	snprintf(buf, size, "%s:%u", ip_fmt(a, is_listener(s) ? 0 : s->laddr), (unsigned)s->lport);
}

static void peer_addr(char *buf, size_t size, const struct snap_sock *s)
{
	char a[16];
	if (is_listener(s))
		snprintf(buf, size, "0.0.0.0:*");
	else
		snprintf(buf, size, "%s:%u", ip_fmt(a, s->raddr), (unsigned)s->rport);
}

/* net-tools: "%-5s %6ld %6ld %-23s %-23s %-11s" per row (the address
 * columns widen for longer text, which IPv4 never needs). */
static int netstat_table(FILE *f, const struct snap_host *h)
{
	int rc = 0;
	if (fputs(
	        "Active Internet connections (servers and established)\n"
	        "Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n",
	        f) == EOF)
		rc = -1;
	for (int pass = NS_LISTENERS; pass <= NS_OTHERS; pass++)
		for (int i = 0; i < h->nsocks; i++) {
			const struct snap_sock *s = &h->socks[i];
			char la[32], pa[32];
			if (!row_wanted(s, pass))
				continue;
			local_addr(la, sizeof la, s);
			peer_addr(pa, sizeof pa, s);
			if (fprintf(f, "%-5s %6lu %6lu %-23s %-23s %-11s\n", "tcp",
			            netstat_recv_q(s), send_q(s, 0), la, pa,
			            tcps_netstat_name(s->state)) < 0)
				rc = -1;
		}
	return rc;
}

/* ---- ss: buffered columns, as iproute2's ss renders them ---- */

enum { SS_STATE, SS_RECVQ, SS_SENDQ, SS_LADDR, SS_LPORT, SS_PADDR, SS_PPORT, SS_PROC, SS_NCOL };

struct ss_col {
	const char *header;
	const char *ldelim;
	int right;
	size_t width;
};

struct ss_row {
	char cell[SS_NCOL][64];
};

/* ss -p: who holds the sockets of one host; NULL for plain ss. */
struct ss_procs {
	const char *name;
	int pid;
	const int *fds; /* by socket handle */
	uint32_t nfds;
};

static void ss_cells(struct ss_row *r, const struct snap_sock *s, const struct ss_procs *p)
{
	char a[16];
	snprintf(r->cell[SS_STATE], sizeof r->cell[0], "%s", tcps_ss_name(s->state));
	snprintf(r->cell[SS_RECVQ], sizeof r->cell[0], "%-6lu", netstat_recv_q(s));
	snprintf(r->cell[SS_SENDQ], sizeof r->cell[0], "%-6lu", send_q(s, 1));
	snprintf(r->cell[SS_LADDR], sizeof r->cell[0],
	         "%s:", ip_fmt(a, is_listener(s) ? 0 : s->laddr));
	snprintf(r->cell[SS_LPORT], sizeof r->cell[0], "%u", (unsigned)s->lport);
	snprintf(r->cell[SS_PADDR], sizeof r->cell[0],
	         "%s:", ip_fmt(a, is_listener(s) ? 0 : s->raddr));
	if (is_listener(s) || s->rport == 0)
		snprintf(r->cell[SS_PPORT], sizeof r->cell[0], "*");
	else
		snprintf(r->cell[SS_PPORT], sizeof r->cell[0], "%u", (unsigned)s->rport);
	r->cell[SS_PROC][0] = '\0';
	int fd = p && s->handle >= 0 && (uint32_t)s->handle < p->nfds ? p->fds[s->handle] : -1;
	if (fd >= 0)
		snprintf(r->cell[SS_PROC], sizeof r->cell[0], " users:((\"%s\",pid=%d,fd=%d))",
		         p->name, p->pid, fd);
}

/* One line: each column gets its delimiter (but the first), then its text
 * padded to the column width, right-aligned columns padded on the left.
 * The header pads Process like the rows (only ss -p makes it wider). */
static int ss_line(FILE *f, const struct ss_col *col, const char *const cell[SS_NCOL])
{
	int rc = 0;
	for (int c = 0; c < SS_NCOL; c++) {
		size_t len = strlen(cell[c]), printed = 0;
		if (c > 0) {
			if (fputs(col[c].ldelim, f) == EOF)
				rc = -1;
			printed = strlen(col[c].ldelim);
		}
		size_t pad = col[c].width > len + printed ? col[c].width - len - printed : 0;
		if (fprintf(f, "%*s%s%*s", col[c].right ? (int)pad : 0, "", cell[c],
		            col[c].right ? 0 : (int)pad, "") < 0)
			rc = -1;
	}
	if (fputc('\n', f) == EOF)
		rc = -1;
	return rc;
}

static int ss_table(FILE *f, const struct snap_host *h, const struct ss_procs *p)
{
	struct ss_col col[SS_NCOL] = {
	    [SS_STATE] = {"State", "", 0, 0},   [SS_RECVQ] = {"Recv-Q", " ", 0, 0},
	    [SS_SENDQ] = {"Send-Q", " ", 0, 0}, [SS_LADDR] = {"Local Address:", " ", 1, 0},
	    [SS_LPORT] = {"Port", "", 0, 0},    [SS_PADDR] = {"Peer Address:", " ", 1, 0},
	    [SS_PPORT] = {"Port", "", 0, 0},    [SS_PROC] = {"Process", "", 0, 0},
	};
	struct ss_row *rows = calloc((size_t)h->nsocks + 1, sizeof *rows);
	if (!rows)
		return OUT_ENOMEM;
	int n = 0;
	for (int pass = NS_LISTENERS; pass <= NS_OTHERS; pass++)
		for (int i = 0; i < h->nsocks; i++)
			if (row_wanted(&h->socks[i], pass))
				ss_cells(&rows[n++], &h->socks[i], p);
	/* A column is as wide as its widest text (header included) plus its
	 * delimiter, except the first, which has none. */
	for (int c = 0; c < SS_NCOL; c++) {
		size_t w = strlen(col[c].header);
		for (int r = 0; r < n; r++)
			if (strlen(rows[r].cell[c]) > w)
				w = strlen(rows[r].cell[c]);
		col[c].width = w + (c > 0 ? strlen(col[c].ldelim) : 0);
	}
	const char *cell[SS_NCOL];
	for (int c = 0; c < SS_NCOL; c++)
		cell[c] = col[c].header;
	int rc = ss_line(f, col, cell);
	for (int r = 0; r < n; r++) {
		for (int c = 0; c < SS_NCOL; c++)
			cell[c] = rows[r].cell[c];
		if (ss_line(f, col, cell) != 0)
			rc = -1;
	}
	free(rows);
	return rc;
}

int out_netstat(FILE *f, const struct snapshot *snap, int ss_style)
{
	int rc = 0;
	for (int i = 0; i < snap->nhosts; i++) {
		const struct snap_host *h = &snap->hosts[i];
		char a[16];
		if (i > 0 && fputc('\n', f) == EOF)
			rc = OUT_EWRITE;
		if (fprintf(f, "%s %s: %s%s\n", h->name, ip_fmt(a, h->addr),
		            ss_style ? "ss -tan" : "netstat -nat",
		            h->crashed ? " (host crashed: no sockets)" : "") < 0)
			rc = OUT_EWRITE;
		int t = ss_style ? ss_table(f, h, NULL) : netstat_table(f, h);
		if (t == OUT_ENOMEM)
			return OUT_ENOMEM;
		if (t != 0)
			rc = OUT_EWRITE;
	}
	if (fflush(f) != 0 || ferror(f))
		rc = OUT_EWRITE;
	return rc;
}

int out_ss_procs(FILE *f, const struct scenario *scn, const struct trace *tr,
                 const struct snapshot *snap)
{
	int *fds = out_app_fds(tr, snap->trace_pos);
	if (!fds)
		return -1;
	int rc = 0;
	for (int i = 0; i < snap->nhosts; i++) {
		const struct snap_host *h = &snap->hosts[i];
		char a[16], name[16];
		struct ss_procs p = {out_app_name(scn, i, name, sizeof name), out_app_pid(i), fds,
		                     tr->nsocks};
		if (i > 0 && fputc('\n', f) == EOF)
			rc = -1;
		if (fprintf(f, "%s %s: ss -tanp%s\n", h->name, ip_fmt(a, h->addr),
		            h->crashed ? " (host crashed: no sockets)" : "") < 0)
			rc = -1;
		if (ss_table(f, h, &p) != 0)
			rc = -1;
	}
	free(fds);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}
