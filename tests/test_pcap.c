/* test_pcap: out_pcap() writes captures that libpcap, tcpdump and tshark
 * read as real traffic: valid IPv4/TCP checksums, payload rebuilt from the
 * send calls, the wire and per-host views, and tcpdump's reading of the
 * file equal to our own text trace line for line.  The external tools are
 * skipped (with a message) when not installed. */
#define _DEFAULT_SOURCE /* the BSD types pcap.h uses */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include "check.h"
#include "fixture_trace.h"
#include "oom.h"
#include "output.h"

struct pkt {
	double t;
	uint32_t len;
	uint8_t b[2048];
};

static char tmpdir[256];

static void path_for(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", tmpdir, name);
}

/* Reads every packet of a pcap file; returns the count (-1 on error). */
static int read_all(const char *path, struct pkt *v, int max, int *linktype)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	if (!p) {
		fprintf(stderr, "pcap_open_offline: %s\n", err);
		return -1;
	}
	*linktype = pcap_datalink(p);
	struct pcap_pkthdr *h;
	const u_char *data;
	int n = 0;
	while (n < max && pcap_next_ex(p, &h, &data) == 1) {
		v[n].t = (double)h->ts.tv_sec + (double)h->ts.tv_usec / 1e6;
		v[n].len = h->caplen < sizeof v[n].b ? h->caplen : (uint32_t)sizeof v[n].b;
		memcpy(v[n].b, data, v[n].len);
		n++;
	}
	pcap_close(p);
	return n;
}

static uint32_t get16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return get16(p) << 16 | get16(p + 2);
}

static uint32_t csum_add(uint32_t acc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		acc += get16(p + i);
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	return acc;
}

/* 0 when the ones' complement sum over the data (checksum included) is
 * all ones, as a receiver verifies it. */
static uint32_t csum_check(uint32_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return acc ^ 0xffff;
}

static void wire_capture_is_well_formed(void)
{
	struct fixture fx;
	fx_build(&fx);
	char path[320], err[256] = "";
	path_for(path, sizeof path, "wire.pcap");
	CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, -1, err, sizeof err), 0);
	static struct pkt v[64];
	int lt = 0;
	int n = read_all(path, v, 64, &lt);
	CHECK_INT(n, 12); /* every send, the lost one included */
	CHECK_INT(lt, DLT_RAW);
	uint32_t last_id[2] = {0, 0};
	for (int i = 0; i < n; i++) {
		const uint8_t *ip = v[i].b, *tcp = v[i].b + 20;
		CHECK_INT(ip[0], 0x45);
		CHECK_INT(get16(ip + 2), v[i].len);
		CHECK_INT(get16(ip + 6), 0x4000); /* DF */
		CHECK_INT(ip[8], 64);
		CHECK_INT(ip[9], 6);
		CHECK_INT(csum_check(csum_add(0, ip, 20)), 0);
		uint8_t pseudo[12];
		memcpy(pseudo, ip + 12, 8);
		pseudo[8] = 0;
		pseudo[9] = 6;
		pseudo[10] = (uint8_t)((v[i].len - 20) >> 8);
		pseudo[11] = (uint8_t)(v[i].len - 20);
		CHECK_INT(csum_check(csum_add(csum_add(0, pseudo, 12), tcp, v[i].len - 20)), 0);
		int from = get32(ip + 12) == FX_CADDR ? 0 : 1;
		CHECK_INT(get16(ip + 4), last_id[from] + 1); /* ID counts per sender */
		last_id[from] = get16(ip + 4);
	}
	/* The SYN: header 40 bytes (mss, sackOK, TS, nop, wscale). */
	CHECK_INT(v[0].len, 60);
	CHECK_INT(v[0].b[32] >> 4, 10);
	static const uint8_t synopt[20] = {2, 4,   0x05, 0xb4, 4, 2, 8, 10, 0, 0,
	                                   0, 100, 0,    0,    0, 0, 1, 3,  3, 7};
	CHECK(memcmp(v[0].b + 40, synopt, 20) == 0);
	CHECK(v[0].t > 0.0999 && v[0].t < 0.1001);
	/* Data: the pattern for `send 1000`, the text for `send "hello\n"`;
	 * the retransmission carries the same bytes. */
	const uint8_t *d = v[3].b + 20 + 32;
	CHECK_INT(v[3].len, 20 + 32 + 1000);
	CHECK(memcmp(d, "byte 0000000000\nbyte 0000000016\n", 32) == 0);
	CHECK(memcmp(d + 992, "byte 000", 8) == 0);
	CHECK(memcmp(v[4].b + 52, "hello\n", 6) == 0);
	CHECK_INT(v[6].len, v[3].len);
	CHECK(memcmp(v[6].b + 52, d, 1000) == 0);
	CHECK(v[6].t > 1.1999 && v[6].t < 1.2001);
	/* The SACK block on the wire is absolute. */
	CHECK_INT(get32(v[5].b + 20 + 20 + 16), 2001);
	CHECK_INT(get32(v[5].b + 20 + 20 + 20), 2007);
	unlink(path);
	fx_free(&fx);
}

static void host_views_hold_what_each_host_saw(void)
{
	struct fixture fx;
	fx_build(&fx);
	char path[320], err[256] = "";
	static struct pkt v[64];
	int lt;
	path_for(path, sizeof path, "client.pcap");
	CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, FX_C, err, sizeof err), 0);
	CHECK_INT(read_all(path, v, 64, &lt), 12); /* 7 sent + 5 arrived */
	CHECK(v[1].t > 0.1199 && v[1].t < 0.1201); /* the SYN,ACK at its arrival */
	unlink(path);
	path_for(path, sizeof path, "server.pcap");
	CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, FX_S, err, sizeof err), 0);
	int n = read_all(path, v, 64, &lt);
	CHECK_INT(n, 11); /* 5 sent + 6 arrived: the lost segment never came */
	for (int i = 1; i < n; i++)
		CHECK(v[i].t >= v[i - 1].t);
	unlink(path);
	fx_free(&fx);
}

static void unwritable_path_reports_an_error(void)
{
	struct fixture fx;
	fx_build(&fx);
	char err[256] = "";
	CHECK_INT(out_pcap("/nonexistent-dir/x.pcap", &fx.scn, &fx.tr, -1, err, sizeof err), -1);
	CHECK(strstr(err, "/nonexistent-dir/x.pcap") != NULL);
	fx_free(&fx);
}

static int have(const char *tool)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Runs a shell command; returns its stdout (caller frees). */
static char *run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
		n += got;
		if (cap - n < 2) {
			char *b = realloc(buf, cap * 2);
			if (!b)
				break;
			buf = b;
			cap *= 2;
		}
	}
	if (buf)
		buf[n] = '\0';
	pclose(p);
	return buf;
}

/* Our segment lines (the ones with " IP "), as tcpdump -n -tt prints them. */
static char *our_ip_lines(const struct fixture *fx, int absolute, int at_host)
{
	struct fmt_ctx *c = fmt_ctx_new(&fx->scn, &fx->tr);
	struct fmt_opts o = {absolute, at_host};
	size_t cap = 65536, n = 0;
	char *out = calloc(cap, 1), line[512];
	for (uint32_t k = 0; out && k < fx->tr.n; k++) {
		int len = fmt_record(c, k, &o, line, sizeof line);
		if (len > 0 && strstr(line, " IP ") && n + (size_t)len + 2 < cap)
			n += (size_t)snprintf(out + n, cap - n, "%s\n", line);
	}
	fmt_ctx_free(c);
	return out;
}

static void tcpdump_reads_what_the_trace_says(void)
{
	if (!have("tcpdump")) {
		printf("SKIP tcpdump_reads_what_the_trace_says: tcpdump not installed\n");
		return;
	}
	struct fixture fx;
	fx_build(&fx);
	char path[320], cmd[1024], err[256];
	static const int views[3] = {-1, FX_C, FX_S};
	for (int i = 0; i < 3; i++)
		for (int absolute = 0; absolute < 2; absolute++) {
			path_for(path, sizeof path, "view.pcap");
			CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, views[i], err, sizeof err), 0);
			snprintf(cmd, sizeof cmd, "tcpdump -n -tt %s -r %s 2>/dev/null",
			         absolute ? "-S" : "", path);
			char *theirs = run(cmd);
			char *ours = our_ip_lines(&fx, absolute, views[i]);
			CHECK_STR(theirs, ours);
			free(theirs);
			free(ours);
			snprintf(
			    cmd, sizeof cmd,
			    "tcpdump -n -vv -r %s 2>/dev/null | grep -c -E 'incorrect|bad cksum'",
			    path);
			char *bad = run(cmd);
			CHECK_STR(bad, "0\n");
			free(bad);
			unlink(path);
		}
	fx_free(&fx);
}

static void tshark_flags_the_retransmission_and_nothing_worse(void)
{
	if (!have("tshark")) {
		printf("SKIP tshark_flags_the_retransmission_and_nothing_worse: tshark not "
		       "installed\n");
		return;
	}
	struct fixture fx;
	fx_build(&fx);
	char path[320], cmd[1024], err[256];
	path_for(path, sizeof path, "tshark.pcap");
	CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, -1, err, sizeof err), 0);
	snprintf(cmd, sizeof cmd,
	         "tshark -r %s -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE "
	         "-Y tcp.analysis.retransmission -T fields -e frame.number -e tcp.seq 2>/dev/null",
	         path);
	char *out = run(cmd);
	CHECK_STR(out, "7\t1\n"); /* frame 7 is the trace's retransmission of seq 1 */
	free(out);
	snprintf(cmd, sizeof cmd,
	         "tshark -r %s -o tcp.check_checksum:TRUE -o ip.check_checksum:TRUE -q -z expert "
	         "2>/dev/null",
	         path);
	out = run(cmd);
	CHECK(out && strstr(out, "This frame is a (suspected) retransmission"));
	CHECK(out && !strstr(out, "Warnings (") && !strstr(out, "Errors ("));
	CHECK(out && !strstr(out, "Malformed"));
	free(out);
	snprintf(cmd, sizeof cmd,
	         "tshark -r %s -q -z follow,tcp,ascii,0 2>/dev/null | grep -c 'byte 00000'", path);
	out = run(cmd);
	CHECK(out && atoi(out) >= 62); /* 1000 bytes of 16-byte lines, seen once */
	free(out);
	unlink(path);
	fx_free(&fx);
}

/* Reads a whole file (caller frees). */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0) {
		long n = ftell(f);
		rewind(f);
		buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
		if (buf)
			*len = fread(buf, 1, (size_t)n, f);
	}
	fclose(f);
	return buf;
}

/* Into a pipe: the same bytes as the file, the count from what was
 * written; the stream stays open and the caller's. */
static void a_pipe_gets_the_capture_and_the_count(void)
{
	struct fixture fx;
	fx_build(&fx);
	char path[320], err[256] = "";
	path_for(path, sizeof path, "pipe-ref.pcap");
	CHECK_INT(out_pcap(path, &fx.scn, &fx.tr, -1, err, sizeof err), OUT_OK);
	size_t want_len;
	char *want = slurp(path, &want_len);
	static struct pkt v[64];
	int lt;
	int npk = read_all(path, v, 64, &lt);
	int fds[2];
	CHECK(pipe(fds) == 0);
	FILE *w = fdopen(fds[1], "w");
	uint64_t n = 0;
	CHECK_INT(out_pcap_write(w, &fx.scn, &fx.tr, -1, &n, err, sizeof err), OUT_OK);
	CHECK_INT(n, npk);
	CHECK_INT(fputs("after", w) >= 0, 1); /* still open: ours to write and close */
	fclose(w);
	char got[8192];
	size_t got_len = 0;
	ssize_t r;
	while ((r = read(fds[0], got + got_len, sizeof got - got_len)) > 0)
		got_len += (size_t)r;
	close(fds[0]);
	CHECK_INT(got_len, want_len + 5);
	CHECK(want && got_len == want_len + 5 && memcmp(got, want, want_len) == 0 &&
	      memcmp(got + want_len, "after", 5) == 0);
	free(want);
	unlink(path);
	fx_free(&fx);
}

/* A stream without a descriptor cannot take libpcap's writes: an error. */
static void a_stream_without_descriptor_is_an_error(void)
{
	struct fixture fx;
	fx_build(&fx);
	char mem[64], err[256] = "";
	FILE *f = fmemopen(mem, sizeof mem, "w");
	uint64_t n = 7;
	CHECK_INT(out_pcap_write(f, &fx.scn, &fx.tr, -1, &n, err, sizeof err), OUT_EWRITE);
	CHECK_INT(n, 0);
	CHECK(err[0] != '\0');
	if (f)
		fclose(f);
	fx_free(&fx);
}

static void out_of_memory_writes_nothing(void)
{
	struct fixture fx;
	fx_build(&fx);
	oom_fill(&fx.tr, 20000);
	FILE *f = tmpfile();
	char err[256] = "";
	if (f && oom_begin(__func__)) {
		int rc = out_pcap_write(f, &fx.scn, &fx.tr, -1, NULL, err, sizeof err);
		oom_end();
		CHECK_INT(rc, OUT_ENOMEM);
		CHECK_STR(err, "out of memory");
		CHECK_INT(ftell(f), 0);
	}
	if (f)
		fclose(f);
	fx_free(&fx);
}

/* out_pcap leaves no file behind when it fails half-way (here the file
 * size limit: 1 KiB, with SIGXFSZ ignored so the write just fails). */
static void a_failed_capture_leaves_no_file(void)
{
	struct fixture fx;
	fx_build(&fx);
	char path[320], err[256] = "";
	path_for(path, sizeof path, "partial.pcap");
	struct rlimit saved, small;
	CHECK(getrlimit(RLIMIT_FSIZE, &saved) == 0);
	small = saved;
	small.rlim_cur = 1024;
	void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
	CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
	int rc = out_pcap(path, &fx.scn, &fx.tr, -1, err, sizeof err);
	setrlimit(RLIMIT_FSIZE, &saved);
	signal(SIGXFSZ, old);
	CHECK_INT(rc, OUT_EWRITE);
	CHECK(strstr(err, path) != NULL && strstr(err, "File too large") != NULL);
	CHECK(access(path, F_OK) != 0);
	fx_free(&fx);
}

int main(void)
{
	oom_init();
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/tcpsim-pcap-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(wire_capture_is_well_formed);
	RUN(host_views_hold_what_each_host_saw);
	RUN(unwritable_path_reports_an_error);
	RUN(a_pipe_gets_the_capture_and_the_count);
	RUN(a_stream_without_descriptor_is_an_error);
	RUN(out_of_memory_writes_nothing);
	RUN(a_failed_capture_leaves_no_file);
	RUN(tcpdump_reads_what_the_trace_says);
	RUN(tshark_flags_the_retransmission_and_nothing_worse);
	rmdir(tmpdir);
	return check_report("test_pcap");
}
