/* driver: the application side of one host of a kernel case.  Runs inside
 * that host's network namespace, reads the case's .tcps, and performs the
 * host's timeline (listen, connect, send, close, shutdown, abort, read,
 * stop-reading, accept) at the case's times on real sockets, logging each
 * call's result and each error the application sees:
 *
 *   call 1.000012 client close OK
 *   error 1.020411 client ECONNRESET
 *
 * usage: driver CASE.tcps HOST T0_NS LOG
 *        driver --clock [DELAY_MS]   prints "MONO_NS REAL_NS" of now+delay
 *                                    (a delay is rounded up to put MONO_NS
 *                                    on a whole millisecond)
 *
 * T0_NS is the case's time 0 on CLOCK_MONOTONIC; every driver and the relay
 * of a run get the same one. */
#define _GNU_SOURCE
#include "kcase.h"

#include <errno.h>
#include <linux/sock_diag.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXSOCK 64

/* what trace_info() printed last for a socket */
struct tinfo {
	uint32_t rtt, rto, cwnd, ssthresh, unacked;
	uint64_t pacing;
};

struct ksock {
	int fd; /* -1 once closed by the application */
	int ord;
	int listener, accept_off;
	int connecting;
	int reading, eof, hup;
	uint64_t pending;       /* bytes the application still has to write */
	int after;              /* 0, KA_CLOSE, KA_SHUTDOWN or KA_ABORT once the data is out */
	int state;              /* last tcpi_state seen */
	struct tinfo last_info; /* DRIVER_TRACE: TCP_INFO as last printed */
};

static struct kcase kc;
static int me; /* host index */
static int64_t t0;
static FILE *logf;
static struct ksock socks[MAXSOCK];
static int nsocks, current = -1;

/* `on` lines that fired and wait for their pause */
static struct {
	kc_time at;
	int ev, sock;
} pend[256];
static int npend;

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

static const char *errname(int e)
{
	if (!e)
		return "OK";
	const char *n = strerrorname_np(e);
	return n ? n : "EUNKNOWN";
}

static void logline(const char *kind, kc_time t, const char *what, int e)
{
	char ts[32];
	kc_time_str(t, ts);
	if (what)
		fprintf(logf, "%s %s %s %s %s\n", kind, ts, kc.hosts[me].name, what, errname(e));
	else
		fprintf(logf, "%s %s %s %s\n", kind, ts, kc.hosts[me].name, errname(e));
	fflush(logf);
}

static void sockopts(int fd, int nodelay)
{
	const struct kc_host *h = &kc.hosts[me];
	int one = 1;
	if (setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, h->cc, (socklen_t)strlen(h->cc)) < 0)
		perror("TCP_CONGESTION");
	if (h->rcvbuf)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &h->rcvbuf, sizeof h->rcvbuf);
	if (h->sndbuf)
		setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &h->sndbuf, sizeof h->sndbuf);
	if (h->reuseaddr)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (h->keepalive) {
		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
		if (h->ka_idle)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &h->ka_idle, sizeof(int));
		if (h->ka_intvl)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &h->ka_intvl, sizeof(int));
		if (h->ka_probes)
			setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &h->ka_probes, sizeof(int));
	}
	if (nodelay)
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* isn=N: tcp_v4_connect() takes tp->write_seq as the ISN when it is not 0
 * (secure_tcp_seq() only fills it in when it is), and TCP_QUEUE_SEQ on the
 * send queue of a closed socket in repair mode sets write_seq
 * (do_tcp_setsockopt).  Repair is switched off again before connect(), with
 * TCP_REPAIR_OFF_NO_WP (no window probe), so the handshake is an ordinary
 * one; the timestamp offset is still computed (secure_tcp_ts_off).  Needs
 * CAP_NET_ADMIN, which the recorder has.  Set before the other options:
 * leaving repair mode resets sk_reuse. */
static void set_isn(int fd, uint32_t isn)
{
	int on = TCP_REPAIR_ON, off = TCP_REPAIR_OFF_NO_WP, q = TCP_SEND_QUEUE;
	if (setsockopt(fd, IPPROTO_TCP, TCP_REPAIR, &on, sizeof on) < 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_REPAIR_QUEUE, &q, sizeof q) < 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_QUEUE_SEQ, &isn, sizeof isn) < 0 ||
	    setsockopt(fd, IPPROTO_TCP, TCP_REPAIR, &off, sizeof off) < 0)
		perror("driver: isn= (TCP_REPAIR)");
}

/* Accepted sockets inherit the listener's TCP_CONGESTION (tcp_ca_openreq_child);
 * say so if one did not. */
static void check_cc(int fd)
{
	const char *want = kc.hosts[me].cc;
	char cc[16] = {0};
	socklen_t l = sizeof cc - 1;
	if (getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, cc, &l) == 0 && strcmp(cc, want)) {
		fprintf(stderr, "driver: accepted socket has %s; setting %s\n", cc, want);
		setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, want, (socklen_t)strlen(want));
	}
}

static struct ksock *new_sock(int fd)
{
	if (nsocks >= MAXSOCK) {
		close(fd);
		return NULL;
	}
	struct ksock *s = &socks[nsocks];
	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->ord = ++nsocks;
	s->reading = 1;
	s->state = -1;
	current = nsocks - 1;
	return s;
}

static int tcpi_state(int fd)
{
	struct tcp_info ti;
	socklen_t l = sizeof ti;
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &l) < 0)
		return -1;
	return ti.tcpi_state;
}

static const char *linux_state(int st)
{
	static const char *const n[] = {"?",          "ESTABLISHED", "SYN_SENT",  "SYN_RCVD",
	                                "FIN_WAIT_1", "FIN_WAIT_2",  "TIME_WAIT", "CLOSED",
	                                "CLOSE_WAIT", "LAST_ACK",    "LISTEN",    "CLOSING"};
	return st >= 0 && st <= 11 ? n[st] : "?";
}

static void finish(struct ksock *s)
{
	kc_time t = now_us();
	(void)t;
	if (s->after == KA_SHUTDOWN) {
		shutdown(s->fd, SHUT_WR);
	} else if (s->after == KA_CLOSE) {
		close(s->fd);
		s->fd = -1;
	} else if (s->after == KA_ABORT) {
		struct linger lg = {1, 0};
		setsockopt(s->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		close(s->fd);
		s->fd = -1;
	}
	s->after = 0;
}

/* DRIVER_TRACE=1 in the environment: one stderr line per send() call, for
 * modelling the writer (the send buffer's fill and growth): its time, size
 * and result, then sk_sndbuf and sk_wmem_queued after it (SO_MEMINFO), the
 * cwnd and the segments in flight (TCP_INFO).  Off by default; the golden
 * does not see it. */
static int trace_writes;

static void trace_write(int fd, size_t n, ssize_t w)
{
	uint32_t mem[SK_MEMINFO_VARS] = {0};
	socklen_t l = sizeof mem;
	getsockopt(fd, SOL_SOCKET, SO_MEMINFO, mem, &l);
	struct tcp_info ti;
	socklen_t tl = sizeof ti;
	memset(&ti, 0, sizeof ti);
	getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tl);
	fprintf(stderr, "write %lld n %zu w %zd sndbuf %u wmem_queued %u cwnd %u unacked %u\n",
	        (long long)now_us(), n, w, mem[SK_MEMINFO_SNDBUF], mem[SK_MEMINFO_WMEM_QUEUED],
	        ti.tcpi_snd_cwnd, ti.tcpi_unacked);
}

static void do_write(struct ksock *s)
{
	static char buf[65536];
	if (!buf[0])
		memset(buf, 'x', sizeof buf);
	while (s->pending) {
		size_t n = s->pending < sizeof buf ? (size_t)s->pending : sizeof buf;
		ssize_t w = send(s->fd, buf, n, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (trace_writes)
			trace_write(s->fd, n, w);
		if (w < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			logline("error", now_us(), NULL, errno);
			s->pending = 0;
			s->hup = 1;
			return;
		}
		s->pending -= (uint64_t)w;
	}
	if (s->after)
		finish(s);
}

/* DRIVER_TRACE=1: one stderr line per recv() that took data, for modelling
 * the receive window: its time and size, then rcv_ssthresh, rcvq_space and
 * the receiver's RTT (TCP_INFO), window_clamp (TCP_WINDOW_CLAMP) and
 * sk_rcvbuf (SO_RCVBUF), all as the read left them. */
static void trace_read(int fd, ssize_t r)
{
	struct tcp_info ti;
	socklen_t tl = sizeof ti;
	memset(&ti, 0, sizeof ti);
	getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &tl);
	int clamp = 0, rcvbuf = 0;
	socklen_t cl = sizeof clamp, bl = sizeof rcvbuf;
	getsockopt(fd, IPPROTO_TCP, TCP_WINDOW_CLAMP, &clamp, &cl);
	getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &bl);
	fprintf(stderr,
	        "read %lld r %zd rcv_ssthresh %u rcv_space %u rcv_rtt %u clamp %d rcvbuf %d\n",
	        (long long)now_us(), r, ti.tcpi_rcv_ssthresh, ti.tcpi_rcv_space, ti.tcpi_rcv_rtt,
	        clamp, rcvbuf);
}

/* READ_DELAY_US=N: the reader spins N us after each wake-up before its first
 * recv(), to see what a reader that falls behind does to the window (an
 * experiment; the goldens are recorded without it). */
static long read_delay_us = -1;

static void do_read(struct ksock *s)
{
	static char buf[65536];
	if (read_delay_us < 0) {
		const char *e = getenv("READ_DELAY_US");
		read_delay_us = e ? atol(e) : 0;
	}
	if (read_delay_us > 0)
		for (kc_time until = now_us() + read_delay_us; now_us() < until;)
			;
	for (;;) {
		ssize_t r = recv(s->fd, buf, sizeof buf, MSG_DONTWAIT);
		if (r > 0 && trace_writes)
			trace_read(s->fd, r);
		if (r > 0)
			continue;
		if (r == 0) {
			s->eof = 1;
			return;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return;
		logline("error", now_us(), NULL, errno);
		s->eof = s->hup = 1;
		return;
	}
}

static struct ksock *target(const struct kc_event *e, int fired)
{
	if (e->conn > 0) {
		if (e->conn > nsocks)
			return NULL;
		return &socks[e->conn - 1];
	}
	if (fired >= 0)
		return &socks[fired];
	return current >= 0 ? &socks[current] : NULL;
}

static void run_event(int ei, int fired)
{
	const struct kc_event *e = &kc.ev[ei];
	const char *name = kc_act_names[e->act];
	kc_time t = now_us();
	struct sockaddr_in a = {.sin_family = AF_INET};
	int fd, r;
	struct ksock *s;
	switch (e->act) {
	case KA_INJECT: return; /* the relay forges it */
	case KA_LISTEN:
		fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		sockopts(fd, e->nodelay);
		a.sin_addr.s_addr = htonl(kc.hosts[me].addr);
		a.sin_port = htons((uint16_t)e->port);
		r = bind(fd, (struct sockaddr *)&a, sizeof a);
		if (r == 0)
			r = listen(fd, e->backlog > 0 ? e->backlog : kc.hosts[me].backlog);
		logline("call", t, name, r < 0 ? errno : 0);
		if (r < 0) {
			close(fd);
			return;
		}
		s = new_sock(fd);
		if (s) {
			s->listener = 1;
			s->accept_off = e->accept_off;
		}
		return;
	case KA_CONNECT: {
		fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (kc.hosts[me].has_isn)
			set_isn(fd, kc.hosts[me].isn);
		sockopts(fd, e->nodelay);
		r = 0;
		if (e->from_port) {
			a.sin_addr.s_addr = htonl(kc.hosts[me].addr);
			a.sin_port = htons((uint16_t)e->from_port);
			r = bind(fd, (struct sockaddr *)&a, sizeof a);
		}
		if (r == 0) {
			a.sin_addr.s_addr = htonl(kc.hosts[1 - me].addr);
			a.sin_port = htons((uint16_t)e->port);
			r = connect(fd, (struct sockaddr *)&a, sizeof a);
			if (r < 0 && errno == EINPROGRESS)
				r = 0;
		}
		logline("call", t, name, r < 0 ? errno : 0);
		if (r < 0) {
			close(fd);
			return;
		}
		s = new_sock(fd);
		if (s)
			s->connecting = 1;
		return;
	}
	default: break;
	}
	s = target(e, fired);
	if (e->act == KA_ACCEPT) {
		/* accept one queued connection from the host's listener */
		struct ksock *l = NULL;
		for (int i = 0; i < nsocks; i++)
			if (socks[i].listener && socks[i].fd >= 0)
				l = &socks[i];
		if (!l) {
			logline("call", t, name, EINVAL);
			return;
		}
		fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK);
		if (fd >= 0)
			check_cc(fd);
		logline("call", t, name, fd < 0 ? errno : 0);
		if (fd >= 0)
			new_sock(fd);
		return;
	}
	if (!s || s->fd < 0 || s->listener) {
		/* close on a listener is fine */
		if (s && s->listener && s->fd >= 0 && e->act == KA_CLOSE) {
			logline("call", t, name, 0);
			close(s->fd);
			s->fd = -1;
			return;
		}
		logline("call", t, name, ENOTCONN);
		return;
	}
	switch (e->act) {
	case KA_SEND:
		logline("call", t, name, 0);
		s->pending += e->nbytes;
		if (!s->connecting)
			do_write(s);
		break;
	case KA_CLOSE:
	case KA_SHUTDOWN:
	case KA_ABORT:
		logline("call", t, name, 0);
		s->after = e->act;
		if (!s->pending || e->act == KA_ABORT)
			finish(s);
		break;
	case KA_STOP_READING:
		logline("call", t, name, 0);
		s->reading = 0;
		break;
	case KA_READ:
		logline("call", t, name, 0);
		if (e->nbytes) {
			/* read N: one recv() of at most N bytes, now; then the
			 * application reads no more (as tcpsim's read N) */
			static char buf[65536];
			size_t want = e->nbytes < sizeof buf ? e->nbytes : sizeof buf;
			ssize_t got = recv(s->fd, buf, want, MSG_DONTWAIT);
			if (got == 0)
				s->eof = 1;
			else if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
				logline("error", now_us(), NULL, errno);
			s->reading = 0;
			break;
		}
		s->reading = 1;
		do_read(s);
		break;
	default: break;
	}
}

static void on_state(int si, int st)
{
	for (int i = 0; i < kc.nev; i++) {
		const struct kc_event *e = &kc.ev[i];
		if (!e->on || e->on_host != me || strcmp(e->on_state, linux_state(st)))
			continue;
		if (npend < 256) {
			pend[npend].at = now_us() + e->t;
			pend[npend].ev = i;
			pend[npend].sock = si;
			npend++;
		}
	}
}

/* DRIVER_TRACE=1 also prints, at each wake-up and each millisecond, a
 * socket's sender state from TCP_INFO whenever it changed: SRTT and RTO in
 * us, cwnd, ssthresh, segments in flight, and sk_pacing_rate (bytes/s; the
 * field follows the end of glibc's shorter struct tcp_info, at its offset
 * in the kernel's uapi struct: tcpi_pacing_rate, 104). */
static void trace_info(struct ksock *s, struct tinfo *last)
{
	union {
		struct tcp_info ti;
		unsigned char raw[232];
	} u;
	socklen_t l = sizeof u;
	memset(&u, 0, sizeof u);
	if (getsockopt(s->fd, IPPROTO_TCP, TCP_INFO, &u, &l) < 0)
		return;
	struct tinfo now;
	memset(&now, 0, sizeof now); /* padding too: compared with memcmp */
	now.rtt = u.ti.tcpi_rtt;
	now.rto = u.ti.tcpi_rto;
	now.cwnd = u.ti.tcpi_snd_cwnd;
	now.ssthresh = u.ti.tcpi_snd_ssthresh;
	now.unacked = u.ti.tcpi_unacked;
	if (l >= 112)
		memcpy(&now.pacing, u.raw + 104, sizeof now.pacing);
	if (!memcmp(&now, last, sizeof now))
		return;
	*last = now;
	fprintf(stderr,
	        "tcpinfo %lld %s.%d srtt %u rto %u cwnd %u ssthresh %u unacked %u pacing %llu\n",
	        (long long)now_us(), kc.hosts[me].name, s->ord, now.rtt, now.rto, now.cwnd,
	        now.ssthresh, now.unacked, (unsigned long long)now.pacing);
}

/* Every wake-up and every millisecond: the state of each socket the
 * application still holds (logged as "state T HOST.N STATE", and what `on`
 * lines react to), and errors on sockets poll() no longer watches (both
 * directions shut: POLLHUP would wake us without end). */
static void check_states(void)
{
	for (int i = 0; i < nsocks; i++) {
		struct ksock *s = &socks[i];
		if (s->fd < 0)
			continue;
		if (s->hup) {
			int e = 0;
			socklen_t l = sizeof e;
			if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &e, &l) == 0 && e)
				logline("error", now_us(), NULL, e);
		}
		if (trace_writes && !s->listener)
			trace_info(s, &s->last_info);
		int st = tcpi_state(s->fd);
		if (st != s->state) {
			s->state = st;
			char ts[32];
			kc_time_str(now_us(), ts);
			fprintf(logf, "state %s %s.%d %s\n", ts, kc.hosts[me].name, s->ord,
			        linux_state(st));
			fflush(logf);
			on_state(i, st);
		}
	}
}

int main(int argc, char **argv)
{
	trace_writes = getenv("DRIVER_TRACE") != NULL;
	if (argc >= 2 && !strcmp(argv[1], "--clock")) {
		/* both clocks, as close together as we can read them */
		int64_t delay = argc > 2 ? atoll(argv[2]) * 1000000 : 0;
		struct timespec m1, r, m2;
		clock_gettime(CLOCK_MONOTONIC, &m1);
		clock_gettime(CLOCK_REALTIME, &r);
		clock_gettime(CLOCK_MONOTONIC, &m2);
		int64_t m = ((int64_t)m1.tv_sec * 1000000000 + m1.tv_nsec +
		             (int64_t)m2.tv_sec * 1000000000 + m2.tv_nsec) /
		            2;
		/* With a delay, time 0 goes on the next whole millisecond of
		 * CLOCK_MONOTONIC: Linux's TCP timestamp clock (tcp_clock_ms(),
		 * milliseconds of tcp_clock_ns() = ktime_get_ns()) then ticks on
		 * whole milliseconds of the case's time, as tcpsim's does. */
		if (delay) {
			int64_t at = m + delay, up = (1000000 - at % 1000000) % 1000000;
			delay += up;
		}
		printf("%lld %lld\n", (long long)(m + delay),
		       (long long)((int64_t)r.tv_sec * 1000000000 + r.tv_nsec + delay));
		return 0;
	}
	if (argc != 5) {
		fprintf(stderr, "usage: driver CASE.tcps HOST T0_NS LOG\n");
		return 2;
	}
	if (kc_load(argv[1], &kc) < 0)
		return 2;
	me = kc_host_find(&kc, argv[2]);
	if (me < 0) {
		fprintf(stderr, "driver: no host %s\n", argv[2]);
		return 2;
	}
	t0 = atoll(argv[3]);
	logf = fopen(argv[4], "w");
	if (!logf) {
		perror(argv[4]);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	prctl(PR_SET_TIMERSLACK, 1UL);
	struct sched_param sp = {.sched_priority = 10};
	if (sched_setscheduler(0, SCHED_FIFO, &sp) < 0)
		perror("driver: SCHED_FIFO");
	alarm((unsigned)(kc.end / 1000000 + 60)); /* never outlive the run */

	int done[KC_MAX_EVENTS] = {0};
	for (;;) {
		kc_time now = now_us();
		if (now >= kc.end)
			break;
		/* due `at` lines, in time then file order */
		for (;;) {
			int best = -1;
			for (int i = 0; i < kc.nev; i++)
				if (!done[i] && !kc.ev[i].on && kc.ev[i].host == me &&
				    kc.ev[i].t <= now && (best < 0 || kc.ev[i].t < kc.ev[best].t))
					best = i;
			if (best < 0)
				break;
			done[best] = 1;
			kc_time late = now_us() - kc.ev[best].t;
			if (late > 500) { /* the VM did not run us in time */
				char ts[32];
				kc_time_str(now_us(), ts);
				fprintf(logf, "late %s %s %lld\n", ts, kc.hosts[me].name,
				        (long long)late);
			}
			run_event(best, -1);
		}
		for (int i = 0; i < npend; i++)
			if (pend[i].at <= now) {
				int ev = pend[i].ev, so = pend[i].sock;
				pend[i] = pend[--npend];
				i--;
				run_event(ev, so);
			}
		check_states();

		struct pollfd pf[MAXSOCK];
		int map[MAXSOCK], np = 0;
		for (int i = 0; i < nsocks; i++) {
			struct ksock *s = &socks[i];
			if (s->fd < 0 || s->hup)
				continue;
			short ev = 0;
			if (s->listener) {
				if (!s->accept_off)
					ev |= POLLIN;
			} else {
				if (s->connecting || s->pending)
					ev |= POLLOUT;
				if (s->reading && !s->eof)
					ev |= POLLIN;
			}
			pf[np].fd = s->fd;
			pf[np].events = ev;
			pf[np].revents = 0;
			map[np++] = i;
		}
		kc_time next = kc.end;
		for (int i = 0; i < kc.nev; i++)
			if (!done[i] && !kc.ev[i].on && kc.ev[i].host == me && kc.ev[i].t < next)
				next = kc.ev[i].t;
		for (int i = 0; i < npend; i++)
			if (pend[i].at < next)
				next = pend[i].at;
		/* Sleep at most 1 ms (the state watch).  The VM wakes a sleeper
		 * 80-200 us late: for a timeline line, wake 300 us early and spin. */
		int64_t wait_ns = (t0 + next * 1000) - mono_ns();
		if (wait_ns > 1300000)
			wait_ns = 1000000;
		else
			wait_ns -= 300000;
		if (wait_ns < 0)
			wait_ns = 0;
		struct timespec to = {wait_ns / 1000000000, wait_ns % 1000000000};
		int r = ppoll(pf, (nfds_t)np, &to, NULL);
		if (r < 0 && errno != EINTR)
			break;
		for (int k = 0; r > 0 && k < np; k++) {
			struct ksock *s = &socks[map[k]];
			short re = pf[k].revents;
			if (!re)
				continue;
			if (s->listener) {
				if (re & POLLIN)
					for (;;) {
						int fd = accept4(s->fd, NULL, NULL, SOCK_NONBLOCK);
						if (fd < 0)
							break;
						check_cc(fd);
						new_sock(fd);
					}
				continue;
			}
			if (re & POLLERR) {
				int e = 0;
				socklen_t l = sizeof e;
				getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &e, &l);
				if (e)
					logline("error", now_us(), NULL, e);
				if (s->connecting && e) {
					s->connecting = 0;
					s->hup = 1;
					continue;
				}
			}
			if (s->connecting && (re & (POLLOUT | POLLHUP))) {
				s->connecting = 0;
				if (s->pending)
					do_write(s);
				else if (s->after)
					finish(s);
			} else if ((re & POLLOUT) && s->pending) {
				do_write(s);
			}
			if (s->fd >= 0 && (re & POLLIN) && s->reading)
				do_read(s);
			if (s->fd >= 0 && (re & POLLHUP) && (s->eof || !s->reading))
				s->hup = 1;
		}
		check_states();
	}
	fflush(logf);
	/* Keep the sockets open: the recorder stops the captures first, then
	 * ends this process. */
	for (;;)
		pause();
}
