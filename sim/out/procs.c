/* procs: the application each simulated host runs, as ps, lsof and ss -p see
 * it: its command name, PID and user, and the descriptor every socket has in
 * it, replayed from the trace the way a real process gets descriptors.
 * Called by lsof.c and netstat.c (ss -p); reads only the scenario and trace.
 *
 * Descriptors: 0-2 are the terminal; socket() and accept() take the lowest
 * free number from 3.  listen and connect create a descriptor (the socket()
 * before them), a passive connection gets one when it leaves SYN_RCVD (the
 * application accepts at once), close and abort free it.  A socket that the
 * stack ends (RST, timeout: CLOSED) is closed by the application at that
 * moment, as a program does when a call reports the error.  A crash or
 * reboot frees them all.  Embryos and orphans (after close) have none. */
#include "output.h"

#include <stdlib.h>
#include <string.h>

int out_app_pid(int host)
{
	return 1001 + host;
}

const char *out_app_name(const struct scenario *scn, int host, char *buf, size_t size)
{
	const struct scn_host *h = &scn->hosts[host];
	const char *name = h->params.app[0] ? h->params.app : h->name;
	snprintf(buf, size, "%.15s", name); /* Linux keeps 15 characters (comm) */
	return buf;
}

unsigned long out_sock_inode(int host, int ordinal)
{
	return 100000ul * (unsigned long)(host + 1) + (unsigned long)ordinal;
}

/* Which descriptors each host's application has open. */
struct fdset {
	unsigned char *used[SCN_MAX_HOSTS]; /* used[h][fd] */
	size_t cap;
};

static int fd_take(struct fdset *fs, int *fds, int host, int32_t h)
{
	if (host >= SCN_MAX_HOSTS || fds[h] >= 0)
		return 0;
	for (size_t fd = 3; fd < fs->cap; fd++)
		if (!fs->used[host][fd]) {
			fs->used[host][fd] = 1;
			fds[h] = (int)fd;
			return 0;
		}
	return -1;
}

static void fd_free(struct fdset *fs, int *fds, int host, int32_t h)
{
	if (host < SCN_MAX_HOSTS && fds[h] >= 0) {
		fs->used[host][fds[h]] = 0;
		fds[h] = -1;
	}
}

static void fd_free_host(struct fdset *fs, int *fds, const struct trace *tr, int host)
{
	for (uint32_t h = 0; h < tr->nsocks; h++)
		if (tr->socks[h].host == host)
			fd_free(fs, fds, host, (int32_t)h);
}

static void replay_call(struct fdset *fs, int *fds, const struct trace *tr,
                        const struct trace_rec *r)
{
	int32_t h = r->sock;
	int ok = r->u.call.err == 0;
	switch (r->sub) {
	case ACT_LISTEN:
	case ACT_CONNECT:
		if (ok && h >= 0)
			fd_take(fs, fds, r->host, h);
		break;
	case ACT_CLOSE:
	case ACT_ABORT:
		if (h >= 0)
			fd_free(fs, fds, r->host, h);
		break;
	case ACT_CRASH:
	case ACT_REBOOT: fd_free_host(fs, fds, tr, r->host); break;
	default: break;
	}
}

static void replay_state(struct fdset *fs, int *fds, const struct trace_rec *r)
{
	int32_t h = r->sock;
	int from = r->u.state.from, to = r->u.state.to;
	if (h < 0)
		return;
	if (to == TCPS_CLOSED || r->sub == ARROW_SYNRCVD_RST)
		fd_free(fs, fds, r->host, h);
	else if (from == TCPS_SYN_RCVD && (to == TCPS_ESTABLISHED || to == TCPS_CLOSE_WAIT))
		fd_take(fs, fds, r->host, h); /* accept(); a simultaneous open has one */
}

int *out_app_fds(const struct trace *tr, uint32_t upto)
{
	int *fds = malloc(sizeof *fds * (tr->nsocks ? tr->nsocks : 1));
	struct fdset fs = {.cap = (size_t)tr->nsocks + 4};
	int bad = !fds;
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		bad |= !(fs.used[i] = calloc(fs.cap, 1));
	if (bad) {
		free(fds);
		fds = NULL;
		goto out;
	}
	for (uint32_t h = 0; h < tr->nsocks; h++)
		fds[h] = -1;
	if (upto > tr->n)
		upto = tr->n;
	for (uint32_t k = 0; k < upto; k++) {
		const struct trace_rec *r = &tr->recs[k];
		if (r->sock >= (int32_t)tr->nsocks)
			continue;
		if (r->kind == TR_APP_CALL)
			replay_call(&fs, fds, tr, r);
		else if (r->kind == TR_STATE)
			replay_state(&fs, fds, r);
	}
out:
	for (int i = 0; i < SCN_MAX_HOSTS; i++)
		free(fs.used[i]);
	return fds;
}
