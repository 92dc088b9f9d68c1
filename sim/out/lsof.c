/* lsof: `lsof -nP -i [:PORT]` of each host at one moment, byte for byte as
 * lsof 4.95 prints it on Linux: which program (COMMAND, PID, USER) holds
 * which TCP socket under which descriptor (FD).  Called by the CLI (tcpsim
 * lsof); reads a snapshot, and the trace for the descriptors (procs.c).
 *
 * lsof lists a process's descriptors, so a socket without one is absent:
 * an embryo in SYN_RCVD, an orphan after close (FIN_WAIT_1/2, CLOSING,
 * LAST_ACK), and TIME_WAIT.  Columns are as wide as their widest cell or
 * title; FD is "%4d" and the access mode 'u' (read and write) and a blank
 * lock, DEVICE the socket's inode number, SIZE/OFF "0t0", NODE "TCP". */
#include "output.h"

#include <stdlib.h>
#include <string.h>

/* lsof's own TCP state names (its dialects/linux/dsock.c table). */
static const char *lsof_state(int st)
{
	switch (st) {
	case TCPS_LISTEN: return "LISTEN";
	case TCPS_SYN_SENT: return "SYN_SENT";
	case TCPS_SYN_RCVD: return "SYN_RECV";
	case TCPS_ESTABLISHED: return "ESTABLISHED";
	case TCPS_FIN_WAIT_1: return "FIN_WAIT1";
	case TCPS_FIN_WAIT_2: return "FIN_WAIT2";
	case TCPS_CLOSE_WAIT: return "CLOSE_WAIT";
	case TCPS_CLOSING: return "CLOSING";
	case TCPS_LAST_ACK: return "LAST_ACK";
	case TCPS_TIME_WAIT: return "TIME_WAIT";
	default: return "CLOSED";
	}
}

struct lsof_row {
	int fd;
	char fdcol[16];  /* "   3u " */
	char device[24]; /* inode */
	char name[80];   /* "10.0.0.1:40000->10.0.0.2:9502 (ESTABLISHED)" */
};

static int is_listener(const struct snap_sock *s)
{
	return s->listener || s->state == TCPS_LISTEN;
}

static void row_fill(struct lsof_row *r, int host, const struct snap_sock *s, int fd)
{
	char a[16], b[16];
	r->fd = fd;
	snprintf(r->fdcol, sizeof r->fdcol, "%4du ", fd);
	snprintf(r->device, sizeof r->device, "%lu", out_sock_inode(host, s->ordinal));
	if (is_listener(s))
		snprintf(r->name, sizeof r->name, "*:%u (%s)", (unsigned)s->lport,
		         lsof_state(s->state));
	else
		snprintf(r->name, sizeof r->name, "%s:%u->%s:%u (%s)", ip_fmt(a, s->laddr),
		         (unsigned)s->lport, ip_fmt(b, s->raddr), (unsigned)s->rport,
		         lsof_state(s->state));
}

static int by_fd(const void *x, const void *y)
{
	int a = ((const struct lsof_row *)x)->fd, b = ((const struct lsof_row *)y)->fd;
	return a < b ? -1 : a > b;
}

static size_t max_sz(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* One host's table; nothing at all when no file matches (lsof prints no
 * title then, and exits 1). */
static int lsof_table(FILE *f, const struct scenario *scn, int host, const struct snap_host *sh,
                      const int *fds, uint32_t nfds, unsigned port)
{
	struct lsof_row *rows = calloc((size_t)sh->nsocks + 1, sizeof *rows);
	if (!rows)
		return -1;
	int n = 0;
	for (int i = 0; i < sh->nsocks; i++) {
		const struct snap_sock *s = &sh->socks[i];
		int fd = s->handle >= 0 && (uint32_t)s->handle < nfds ? fds[s->handle] : -1;
		if (fd < 0 || s->state == TCPS_CLOSED || s->state == TCPS_TIME_WAIT)
			continue;
		if (port && s->lport != port && (is_listener(s) || s->rport != port))
			continue;
		row_fill(&rows[n++], host, s, fd);
	}
	qsort(rows, (size_t)n, sizeof *rows, by_fd);
	int rc = 0;
	if (n > 0) {
		char cmd[16], pid[16];
		out_app_name(scn, host, cmd, sizeof cmd);
		snprintf(pid, sizeof pid, "%d", out_app_pid(host));
		size_t wcmd = max_sz(7, strlen(cmd) > 9 ? 9 : strlen(cmd)); /* lsof cuts at 9 */
		size_t wpid = max_sz(3, strlen(pid)), wuser = max_sz(4, strlen(OUT_APP_USER));
		size_t wfd = 2, wdev = 6;
		for (int r = 0; r < n; r++) {
			wfd = max_sz(wfd, strlen(rows[r].fdcol));
			wdev = max_sz(wdev, strlen(rows[r].device));
		}
		if (fprintf(f, "%-*s %*s %*s %*s   %*s %*s %*s %*s %s\n", (int)wcmd, "COMMAND",
		            (int)wpid, "PID", (int)wuser, "USER", (int)wfd - 2, "FD", 4, "TYPE",
		            (int)wdev, "DEVICE", 8, "SIZE/OFF", 4, "NODE", "NAME") < 0)
			rc = -1;
		for (int r = 0; r < n; r++)
			if (fprintf(f, "%-*.*s %*s %*s %*s %*s %*s %*s %*s %s\n", (int)wcmd, 9, cmd,
			            (int)wpid, pid, (int)wuser, OUT_APP_USER, (int)wfd,
			            rows[r].fdcol, 4, "IPv4", (int)wdev, rows[r].device, 8, "0t0",
			            4, "TCP", rows[r].name) < 0)
				rc = -1;
	}
	free(rows);
	return rc;
}

int out_lsof(FILE *f, const struct scenario *scn, const struct trace *tr,
             const struct snapshot *snap, unsigned port)
{
	int *fds = out_app_fds(tr, snap->trace_pos);
	if (!fds)
		return -1;
	int rc = 0;
	for (int i = 0; i < snap->nhosts; i++) {
		const struct snap_host *h = &snap->hosts[i];
		char a[16], filter[16] = "";
		if (port)
			snprintf(filter, sizeof filter, " :%u", port);
		if (i > 0 && fputc('\n', f) == EOF)
			rc = -1;
		if (fprintf(f, "%s %s: lsof -nP -i%s%s\n", h->name, ip_fmt(a, h->addr), filter,
		            h->crashed ? " (host crashed: no processes)" : "") < 0)
			rc = -1;
		if (!h->crashed && lsof_table(f, scn, i, h, fds, tr->nsocks, port) != 0)
			rc = -1;
	}
	free(fds);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	return rc;
}
