/* bench: the engine benchmarks behind `tcpsim bench` (see bench.h).  The
 * only place in sim/ that reads a clock, and only to time a run or an
 * output. */
#define _GNU_SOURCE /* fopencookie: a FILE that counts what it is given */
#include "bench.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "evq.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"

static double wall_now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU time of the process (user + system): on a shared machine the wall
 * clock also counts other programs' turns. */
static double cpu_now(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long peak_rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

struct result {
	int ok; /* 0: the scenario did not parse or run */
	double ms;
	uint64_t events;
	uint32_t segments;
};

/* Parses a benchmark's scenario text; -1 after printing its errors. */
static int parse_text(const char *name, const char *text, struct scenario *scn)
{
	struct scn_diags d = {0};
	int n = scn_parse(name, text, strlen(text), scn, &d);
	if (n)
		scn_diags_print(&d, name, stderr);
	scn_diags_free(&d);
	return n ? -1 : 0;
}

/* Parses text as a scenario and runs it to the end reps times, timing each
 * run only (sim_new + sim_run, not the parse) and keeping the fastest: the
 * first run of a size pays for fresh pages that the process's earlier
 * benchmarks may or may not have left it (malloc's heap), the others do
 * not, and the machine is shared. */
static int run_text(const char *name, const char *text, struct result *r, int reps)
{
	struct scenario scn;
	memset(r, 0, sizeof *r);
	if (parse_text(name, text, &scn) != 0)
		return -1;
	for (int i = 0; i < reps; i++) {
		struct sim_options o = {.no_trace_timers = 1};
		double t0 = wall_now();
		struct sim *s = sim_new(&scn, &o);
		if (!s) {
			fprintf(stderr, "%s: out of memory\n", name);
			scn_free(&scn);
			return -1;
		}
		sim_run(s);
		double ms = (wall_now() - t0) * 1e3;
		if (!r->ok || ms < r->ms)
			r->ms = ms;
		r->ok = 1;
		r->events = sim_events_done(s);
		r->segments = sim_trace(s)->nsegs;
		sim_free(s);
	}
	scn_free(&scn);
	return 0;
}

static char *bulk_text(const char *loss)
{
	static const char fmt[] = "title \"bulk 100 MB\"\n"
	                          "host client 10.0.0.1 rcvbuf=4MiB\n"
	                          "host server 10.0.0.2 rcvbuf=4MiB\n"
	                          "link delay=10ms rate=100mbit loss=%s\n"
	                          "at 0s server listen 80\n"
	                          "at 0s client connect server:80\n"
	                          "at 1ms client send 100MB\n"
	                          "at 1ms client close\n"
	                          "on server CLOSE_WAIT server close\n";
	char *t = malloc(sizeof fmt + 16);
	if (t)
		snprintf(t, sizeof fmt + 16, fmt, loss);
	return t;
}

/* 10,000 sequential short connections: connect, 1000 bytes, close, 1 ms apart. */
static char *short_text(void)
{
	size_t cap = 10000 * 100 + 512, n = 0;
	char *t = malloc(cap);
	if (!t)
		return NULL;
	n += (size_t)snprintf(t + n, cap - n,
	                      "title \"10,000 short connections\"\n"
	                      "host client 10.0.0.1\n"
	                      "host server 10.0.0.2\n"
	                      "at 0s server listen 80\n"
	                      "on server CLOSE_WAIT server close\n");
	for (int i = 1; i <= 10000; i++)
		n += (size_t)snprintf(t + n, cap - n,
		                      "at %dms client connect server:80\n"
		                      "at %dms client send 1000\nat %dms client close\n",
		                      i, i, i);
	return t;
}

static const char flood_text[] =
    "title \"1,000,000-SYN flood\"\n"
    "host client 10.0.0.1\n"
    "host server 10.0.0.2 syncookies=off\n"
    "at 0s server listen 80\n"
    "at 1ms client flood 1000000 from 198.51.100.1-198.51.100.254 to server:80 every 10us\n";

/* A sink for out_trace: counts bytes and write calls, keeps nothing. */
struct sink {
	uint64_t bytes, writes;
};

static ssize_t sink_write(void *cookie, const char *buf, size_t size)
{
	struct sink *k = cookie;
	(void)buf;
	k->bytes += size;
	k->writes++;
	return (ssize_t)size;
}

/* Runs text (untimed, as `tcpsim trace` does: timer records on), then times
 * out_trace of the wire view into the counting sink. */
static int trace_bench(const char *name, const char *text)
{
	struct scenario scn;
	struct scn_diags d = {0};
	if (scn_parse(name, text, strlen(text), &scn, &d) != 0) {
		scn_diags_print(&d, name, stderr);
		scn_diags_free(&d);
		return -1;
	}
	scn_diags_free(&d);
	struct sim *s = sim_new(&scn, NULL);
	if (!s) {
		fprintf(stderr, "%s: out of memory\n", name);
		scn_free(&scn);
		return -1;
	}
	sim_run(s);
	struct sink k = {0, 0};
	cookie_io_functions_t io = {.write = sink_write};
	FILE *f = fopencookie(&k, "w", io);
	int rc = -1;
	if (f) {
		const struct trace *tr = sim_trace(s);
		struct fmt_opts o = {.absolute = 0, .at_host = -1};
		long rss0 = peak_rss_kib();
		double c0 = cpu_now(), t0 = wall_now();
		rc = out_trace(f, &scn, tr, &o);
		double t1 = wall_now(), c1 = cpu_now();
		long rss1 = peak_rss_kib();
		fclose(f);
		printf("%-40s %8.1fms %10.1fMB/s %8u rec  %s\n",
		       "text trace of the flood (out_trace)", (t1 - t0) * 1e3,
		       t1 > t0 ? (double)k.bytes / 1e6 / (t1 - t0) : 0.0, tr->n,
		       rc == 0 ? "" : "failed");
		printf("%-40s %8.1fms cpu; %.1f MB in %llu writes; peak memory %.1f -> %.1f MiB\n",
		       "", (c1 - c0) * 1e3, (double)k.bytes / 1e6, (unsigned long long)k.writes,
		       (double)rss0 / 1024.0, (double)rss1 / 1024.0);
	}
	sim_free(s);
	scn_free(&scn);
	return rc == 0 ? 0 : -1;
}

/* One row: the figures, the target, and whether this machine met it. */
static void row(const char *name, const struct result *r, double target_ms, const char *target)
{
	if (!r->ok) {
		printf("%-40s %10s %12s %10s  %-9s %s\n", name, "-", "-", "-", target,
		       "did not run");
		return;
	}
	double secs = r->ms / 1e3;
	printf("%-40s %8.1fms %12.0f %10u  %-9s %s\n", name, r->ms,
	       secs > 0 ? (double)r->events / secs : 0.0, r->segments, target,
	       r->ms < target_ms ? "ok" : "over");
}

/* ---- the event queue against a bare binary heap of the same events ---- */

/* A bare heap holds what the queue holds (time, insertion number, and the
 * event's kind and arguments), so the two differ only in how they work. */
struct bare_ev {
	simtime_t t;
	uint64_t seq;
	uint32_t kind;
	int32_t a, b;
};

static int bare_before(const struct bare_ev *a, const struct bare_ev *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

static void bare_push(struct bare_ev *h, size_t *n, struct bare_ev e)
{
	size_t i = (*n)++;
	while (i > 0 && bare_before(&e, &h[(i - 1) / 2])) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = e;
}

static void bare_pop(struct bare_ev *h, size_t *n)
{
	struct bare_ev e = h[--*n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && bare_before(&h[c + 1], &h[c]))
			c++;
		if (!bare_before(&h[c], &e))
			break;
		h[i] = h[c];
		i = c;
	}
	if (*n)
		h[i] = e;
}

static int op_cmp(const void *x, const void *y)
{
	const struct bare_ev *a = x, *b = y;
	return bare_before(a, b) ? -1 : bare_before(b, a) ? 1 : 0;
}

/* Replays the logged operations on the engine's queue; milliseconds. */
static double replay_queue(const struct evq_log *l)
{
	struct evq q;
	struct ev e;
	evq_init(&q);
	double t0 = wall_now();
	for (size_t i = 0; i < l->n; i++) {
		const struct evq_log_op *o = &l->v[i];
		if (o->op == EVQ_LOG_PUSH)
			evq_push_seq(&q, o->t, o->seq, EV_ACTION, 0, 0);
		else if (o->op == EVQ_LOG_POP)
			evq_pop(&q, &e);
		else
			evq_drop(&q);
	}
	double ms = (wall_now() - t0) * 1e3;
	evq_free(&q);
	return ms;
}

/* The same events on a bare heap: only those that came off the queue to
 * run (no stale timer entries); milliseconds, or -1 when out of memory. */
static double replay_bare(const struct evq_log *l, size_t *fired)
{
	size_t npop = 0, n = 0;
	for (size_t i = 0; i < l->n; i++)
		npop += l->v[i].op == EVQ_LOG_POP;
	struct bare_ev *popped = malloc((npop + 1) * sizeof *popped);
	struct bare_ev *h = malloc((npop + 1) * sizeof *h);
	uint8_t *keep = calloc(l->n + 1, 1);
	if (!popped || !h || !keep) {
		free(popped);
		free(h);
		free(keep);
		return -1;
	}
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].op == EVQ_LOG_POP)
			popped[n++] = (struct bare_ev){.t = l->v[i].t, .seq = l->v[i].seq};
	qsort(popped, n, sizeof *popped, op_cmp);
	for (size_t i = 0; i < l->n; i++) {
		struct bare_ev k = {.t = l->v[i].t, .seq = l->v[i].seq};
		keep[i] = l->v[i].op != EVQ_LOG_PUSH ||
		          bsearch(&k, popped, n, sizeof *popped, op_cmp) != NULL;
	}
	size_t hn = 0;
	double t0 = wall_now();
	for (size_t i = 0; i < l->n; i++) {
		const struct evq_log_op *o = &l->v[i];
		if (o->op == EVQ_LOG_PUSH && keep[i])
			bare_push(h, &hn,
			          (struct bare_ev){.t = o->t, .seq = o->seq, .kind = EV_ACTION});
		else if (o->op == EVQ_LOG_POP && hn)
			bare_pop(h, &hn);
	}
	double ms = (wall_now() - t0) * 1e3;
	*fired = npop;
	free(popped);
	free(h);
	free(keep);
	return ms;
}

/* Runs text with the queue log on and prints the queue's rate beside a
 * bare heap's on the same events. */
static void queue_row(const char *name, const char *text)
{
	struct scenario scn;
	if (parse_text(name, text, &scn) != 0)
		return;
	struct evq_log log = {0};
	struct sim_options o = {.no_trace_timers = 1, .queue_log = &log};
	struct sim *s = sim_new(&scn, &o);
	if (s)
		sim_run(s);
	size_t pushes = 0, drops = 0, fired = 0;
	for (size_t i = 0; i < log.n; i++) {
		pushes += log.v[i].op == EVQ_LOG_PUSH;
		drops += log.v[i].op == EVQ_LOG_DROP;
	}
	double q = -1, b = -1;
	for (int k = 0; k < 3 && s && !log.oom; k++) { /* the best of three: a noisy machine */
		double qk = replay_queue(&log), bk = replay_bare(&log, &fired);
		q = q < 0 || qk < q ? qk : q;
		b = b < 0 || (bk >= 0 && bk < b) ? bk : b;
	}
	if (q > 0 && b > 0)
		printf("%-40s %8.1fms %8.1fms %10zu %8zu   %.2fx\n", name, q, b, fired, drops,
		       b / q);
	else
		printf("%-40s %10s\n", name, "did not run");
	(void)pushes;
	free(log.v);
	sim_free(s);
	scn_free(&scn);
}

/* ---- checkpoints: what seeking costs the window ---- */

static int ms_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return a < b ? -1 : a > b;
}

/* Runs text with checkpoints, as the window does, and prints their memory,
 * the first-frame time and the seek times (median and p99 of 500 seeks to
 * records spread over the run). */
static void seek_row(const char *name, const char *text)
{
	struct scenario scn;
	if (parse_text(name, text, &scn) != 0)
		return;
	struct sim_options o = {.checkpoints = 1};
	double t0 = wall_now();
	struct sim *s = sim_new(&scn, &o);
	if (!s) {
		scn_free(&scn);
		return;
	}
	/* the window's first frame: the first slice of the run and a snapshot */
	sim_extend(s, 20000);
	struct snapshot snap = {0};
	sim_snapshot(s, &snap);
	double first = (wall_now() - t0) * 1e3;
	while (sim_extend(s, 1000000))
		;
	struct sim_progress p;
	sim_progress(s, &p);
	enum { NSEEK = 500 };
	static double ms[NSEEK];
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < NSEEK; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift: fixed targets */
		int64_t k = p.records ? (int64_t)(x % p.records) : 0;
		double a = wall_now();
		sim_seek_record(s, k);
		ms[i] = (wall_now() - a) * 1e3;
	}
	qsort(ms, NSEEK, sizeof *ms, ms_cmp);
	printf("%-40s %5u %8.1fMiB %8.1fMiB %8.2fms %8.2fms %8.1fms\n", name, p.checkpoints,
	       (double)p.checkpoint_bytes / 1048576.0, (double)p.bytes / 1048576.0, ms[NSEEK / 2],
	       ms[NSEEK * 99 / 100], first);
	snapshot_free(&snap);
	sim_free(s);
	scn_free(&scn);
}

static char *big_bulk_text(void)
{
	static const char fmt[] = "title \"bulk 1 GB\"\n"
	                          "host client 10.0.0.1 rcvbuf=4MiB\n"
	                          "host server 10.0.0.2 rcvbuf=4MiB\n"
	                          "link delay=10ms rate=1gbit\n"
	                          "at 0s server listen 80\n"
	                          "at 0s client connect server:80\n"
	                          "at 1ms client send 1GiB\n"
	                          "at 1ms client close\n"
	                          "on server CLOSE_WAIT server close\n";
	char *t = malloc(sizeof fmt);
	if (t)
		memcpy(t, fmt, sizeof fmt);
	return t;
}

/* Lesson 30b's transfer: 2^32 bytes, a whole turn of the sequence space,
 * in 64 KiB segments (the MTU of Linux's loopback) at 10 Gbit/s. */
static const char wrap_text[] = "title \"4 GiB, 64 KiB MTU\"\n"
                                "host client 10.0.0.1 mss=65495\n"
                                "host server 10.0.0.2 mss=65495\n"
                                "link delay=1ms rate=10gbit mtu=65535\n"
                                "at 0s server listen 80\n"
                                "at 0s client connect server:80\n"
                                "at 1ms client send 1GiB\n"
                                "at 1ms client send 1GiB\n"
                                "at 1ms client send 1GiB\n"
                                "at 1ms client send 1GiB\n"
                                "at 1ms client close\n"
                                "on server CLOSE_WAIT server close\n";

int bench_main(void)
{
	struct result r;
	int failed = 0;
#ifdef __GLIBC__
	/* The second and third runs of a row are to reuse the first one's
	 * pages.  By default glibc gives the top of the heap back to the system
	 * when a run frees it (M_TRIM_THRESHOLD, raised only as large blocks
	 * are freed) and serves blocks above a threshold by mmap, so whether a
	 * run paid its page faults again depended on what the rows before it
	 * had freed (the wrap row: 25 or 110 ms for the same instructions). */
	mallopt(M_TRIM_THRESHOLD, INT_MAX);
	mallopt(M_MMAP_THRESHOLD, 32 << 20); /* glibc's largest: 32 MiB */
#endif
	printf("tcpsim bench: the engine on this machine. Each row is the wall time of\n"
	       "sim_new + sim_run, the fastest of three runs (the flood: one run), with\n"
	       "timer records off; the simulation itself never reads a clock. The last\n"
	       "row runs the flood again as `tcpsim trace` does (timer records on) and\n"
	       "times out_trace alone, writing into a sink that only counts the bytes\n"
	       "and the write calls.\n\n");
	printf("%-40s %10s %12s %10s  %s\n", "benchmark", "wall", "events/s", "segments", "target");
	static const char *losses[] = {"0%", "1%"};
	for (int i = 0; i < 2; i++) {
		char *t = bulk_text(losses[i]);
		char name[64];
		snprintf(name, sizeof name, "bulk 100 MB, 100 Mbit/s, 10 ms, %s loss", losses[i]);
		failed |= !t || run_text("bulk.tcps", t, &r, 3) != 0;
		row(name, &r, 75, "< 75 ms");
		fflush(stdout);
		free(t);
	}
	char *t = short_text();
	failed |= !t || run_text("short.tcps", t, &r, 3) != 0;
	row("10,000 short connections", &r, 130, "< 130 ms");
	fflush(stdout);
	free(t);
	failed |= run_text("wrap.tcps", wrap_text, &r, 3) != 0;
	row("4 GiB, 64 KiB MTU, 10 Gbit/s (a wrap)", &r, 250, "< 250 ms");
	fflush(stdout);
#ifdef __GLIBC__
	/* the flood's row is the process's peak memory: give back what the
	 * rows before it keep, and let glibc trim and mmap as it does by
	 * default (its documented defaults, 128 KiB) */
	mallopt(M_TRIM_THRESHOLD, 128 << 10);
	mallopt(M_MMAP_THRESHOLD, 128 << 10);
	malloc_trim(0);
#endif
	long before = peak_rss_kib();
	failed |= run_text("flood.tcps", flood_text, &r, 1) != 0;
	row("1,000,000-SYN flood", &r, 2000, "< 2 s");
	double peak_mib = (double)peak_rss_kib() / 1024.0;
	printf("%-40s %7.1fMiB %12s %10s  %-9s %s\n", "  peak memory (process)", peak_mib, "", "",
	       "< 256 MiB", peak_mib < 256 ? "ok" : "over");
	fflush(stdout);
	failed |= trace_bench("flood.tcps", flood_text) != 0;
	printf("\n(peak memory is the process's ru_maxrss: %.1f MiB before the flood)\n",
	       (double)before / 1024.0);
	printf("\nthe event queue against a bare binary heap given the same events (those\n"
	       "that ran; the queue also handles the stale entries of lazy timers); the\n"
	       "logged operations replayed, the best of three:\n\n");
	printf("%-40s %10s %10s %10s %8s   %s\n", "benchmark", "queue", "bare heap", "events",
	       "stale", "queue rate / bare rate");
	t = bulk_text("1%");
	if (t)
		queue_row("bulk 100 MB, 1% loss", t);
	free(t);
	t = short_text();
	if (t)
		queue_row("10,000 short connections", t);
	free(t);
	queue_row("1,000,000-SYN flood", flood_text);
	printf("\nseeking, as the window does (checkpoints on; 500 seeks to records across the\n"
	       "run; first frame: sim_new, the first 20,000 events and a snapshot):\n\n");
	printf("%-40s %5s %11s %11s %10s %10s %10s\n", "run", "cps", "cp memory", "all memory",
	       "seek p50", "seek p99", "1st frame");
	t = big_bulk_text();
	if (t)
		seek_row("bulk 1 GB, 1 Gbit/s, 10 ms", t);
	free(t);
	t = short_text();
	if (t)
		seek_row("10,000 short connections", t);
	free(t);
	seek_row("4 GiB, 64 KiB MTU, 10 Gbit/s", wrap_text);
	seek_row("1,000,000-SYN flood", flood_text);
	/* Never fail on time; a benchmark that cannot run is a broken scenario. */
	return failed ? 2 : 0;
}
