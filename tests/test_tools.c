/* test_tools: tcpsim lsof, ss -tanp (netstat --ss -p) and sar.  The goldens
 * in tests/data/tools/ are what lsof 4.95, iproute2 6.1 and sysstat 12.6
 * printed on Linux 6.18 while tests/tools/real-tools/record.sh played
 * tests/data/tools/states.tcps on real sockets (README there: what was
 * normalized); the other tests pin the rules for descriptors and counters
 * on small scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "output.h"

/* The whole file, NUL-terminated, or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = calloc((size_t)n + 1, 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

static char *data_file(const char *name)
{
	const char *dir = getenv("TCPSIM_SOURCE_DIR");
	char path[1024];
	snprintf(path, sizeof path, "%s/tests/data/tools/%s", dir ? dir : "..", name);
	char *text = slurp(path);
	if (!text)
		fprintf(stderr, "cannot read %s\n", path);
	return text;
}

/* A parsed scenario run to `at` (or to its end when at < 0). */
struct run {
	struct scenario scn;
	struct sim *sim;
	struct snapshot snap;
};

static int run_text(struct run *r, const char *text, simtime_t at)
{
	struct scn_diags d = {0};
	memset(r, 0, sizeof *r);
	int n = scn_parse("test.tcps", text, strlen(text), &r->scn, &d);
	if (n)
		scn_diags_print(&d, "test.tcps", stderr);
	scn_diags_free(&d);
	CHECK_INT(n, 0);
	if (n)
		return -1;
	r->sim = sim_new(&r->scn, NULL);
	if (at < 0)
		sim_run(r->sim);
	else
		sim_run_until(r->sim, at);
	return sim_snapshot(r->sim, &r->snap);
}

static void run_free(struct run *r)
{
	snapshot_free(&r->snap);
	sim_free(r->sim);
	scn_free(&r->scn);
}

enum { LSOF, LSOF_PORT, SS_P, SAR_CLIENT, SAR_SERVER };

/* What one output function prints for run r, as a string. */
static char *render(struct run *r, int what, unsigned port)
{
	FILE *f = tmpfile();
	if (!f)
		return NULL;
	const struct trace *tr = sim_trace(r->sim);
	int rc = -1;
	switch (what) {
	case LSOF:
	case LSOF_PORT: rc = out_lsof(f, &r->scn, tr, &r->snap, port); break;
	case SS_P: rc = out_ss_procs(f, &r->scn, tr, &r->snap); break;
	case SAR_CLIENT: rc = out_sar(f, &r->scn, tr, 0, 1, port); break;
	case SAR_SERVER: rc = out_sar(f, &r->scn, tr, 1, 1, port); break;
	}
	CHECK_INT(rc, 0);
	long len = ftell(f);
	rewind(f);
	char *buf = calloc((size_t)len + 1, 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len)
		buf[0] = '\0';
	fclose(f);
	return buf;
}

/* "client 10.0.0.1: HEADING\n" + golden + "\n" + "server ...\n" + golden. */
static char *both_hosts(const char *heading, const char *name_fmt)
{
	char name[128];
	snprintf(name, sizeof name, name_fmt, "client");
	char *c = data_file(name);
	snprintf(name, sizeof name, name_fmt, "server");
	char *s = data_file(name);
	size_t n = (c ? strlen(c) : 0) + (s ? strlen(s) : 0) + 2 * strlen(heading) + 64;
	char *all = malloc(n);
	if (all)
		snprintf(all, n, "client 10.0.0.1: %s\n%s\nserver 10.0.0.2: %s\n%s", heading,
		         c ? c : "", heading, s ? s : "");
	free(c);
	free(s);
	return all;
}

static void golden(int what, simtime_t at, unsigned port, const char *heading, const char *name_fmt)
{
	char *text = data_file("states.tcps");
	struct run r;
	if (text && run_text(&r, text, what >= SAR_CLIENT ? -1 : at) == 0) {
		char *got = render(&r, what, port);
		char *want = what == SAR_CLIENT   ? data_file("sar-client.txt")
		             : what == SAR_SERVER ? data_file("sar-server.txt")
		                                  : both_hosts(heading, name_fmt);
		CHECK_STR(got, want ? want : "(golden missing)");
		free(got);
		free(want);
		run_free(&r);
	}
	free(text);
}

static void lsof_matches_real_lsof(void)
{
	golden(LSOF, 3700 * SIMTIME_MS, 0, "lsof -nP -i", "lsof-3.7s-%s.txt");
	golden(LSOF, 7200 * SIMTIME_MS, 0, "lsof -nP -i", "lsof-7.2s-%s.txt");
	golden(LSOF_PORT, 3700 * SIMTIME_MS, 9502, "lsof -nP -i :9502", "lsof-9502-3.7s-%s.txt");
}

static void ss_p_matches_real_ss(void)
{
	golden(SS_P, 3700 * SIMTIME_MS, 0, "ss -tanp", "ss-p-3.7s-%s.txt");
	golden(SS_P, 7200 * SIMTIME_MS, 0, "ss -tanp", "ss-p-7.2s-%s.txt");
}

static void sar_matches_real_sar(void)
{
	golden(SAR_CLIENT, 0, 8, NULL, NULL);
	golden(SAR_SERVER, 0, 8, NULL, NULL);
}

/* A freed descriptor is reused: the lowest free one from 3, as open() and
 * accept() give them; an orphan after close has none. */
static void descriptors_are_lowest_free_and_freed_on_close(void)
{
	struct run r;
	if (run_text(&r,
	             "host client 10.0.0.1\nhost server 10.0.0.2 app=nginx\n"
	             "at 0s server listen 80\n"
	             "at 1s client connect server:80 from 5001\n"
	             "at 2s client connect server:80 from 5002\n"
	             "at 3s client.1 close\n"
	             "at 4s client connect server:80 from 5003\n",
	             5 * SIMTIME_S) != 0)
		return;
	char *got = render(&r, LSOF_PORT, 5003);
	CHECK_STR(got, "client 10.0.0.1: lsof -nP -i :5003\n"
	               "COMMAND  PID    USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
	               "client  1001 student    3u  IPv4 100003      0t0  TCP "
	               "10.0.0.1:5003->10.0.0.2:80 (ESTABLISHED)\n"
	               "\n"
	               "server 10.0.0.2: lsof -nP -i :5003\n"
	               "COMMAND  PID    USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
	               "nginx   1002 student    6u  IPv4 200004      0t0  TCP "
	               "10.0.0.2:80->10.0.0.1:5003 (ESTABLISHED)\n");
	free(got);
	/* the server never closed its side of 5001: CLOSE_WAIT keeps fd 4 */
	got = render(&r, LSOF_PORT, 5001);
	CHECK(got && strstr(got, "nginx   1002 student    4u  IPv4 200002      0t0  TCP "
	                         "10.0.0.2:80->10.0.0.1:5001 (CLOSE_WAIT)\n"));
	CHECK(got && !strstr(got, "client  1001")); /* FIN_WAIT_2 orphan: no descriptor */
	free(got);
	run_free(&r);
}

/* Embryos (SYN_RCVD) and TIME_WAIT hold no descriptor: not in lsof, and no
 * Process in ss -p; a long command name is cut at 9 (lsof), kept whole in
 * ss up to Linux's 15. */
static void embryos_and_time_wait_have_no_descriptor(void)
{
	struct run r;
	if (run_text(&r,
	             "host client 10.0.0.1 app=loadgenerator99\nhost server 10.0.0.2\n"
	             "link delay=100ms\n"
	             "at 0s server listen 80\n"
	             "at 1s client connect server:80 from 5001\n"
	             "at 2s client close\n",
	             1150 * SIMTIME_MS) != 0)
		return;
	char *got = render(&r, LSOF, 0);
	CHECK_STR(got, "client 10.0.0.1: lsof -nP -i\n"
	               "COMMAND    PID    USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
	               "loadgener 1001 student    3u  IPv4 100001      0t0  TCP "
	               "10.0.0.1:5001->10.0.0.2:80 (SYN_SENT)\n"
	               "\n"
	               "server 10.0.0.2: lsof -nP -i\n"
	               "COMMAND  PID    USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
	               "server  1002 student    3u  IPv4 200001      0t0  TCP *:80 (LISTEN)\n");
	free(got);
	got = render(&r, SS_P, 0);
	CHECK(got && strstr(got, "users:((\"loadgenerator99\",pid=1001,fd=3))"));
	CHECK(got && strstr(got, "SYN-RECV 0      0           10.0.0.2:80       10.0.0.1:5001      "
	                         "                           \n"));
	free(got);
	run_free(&r);
	if (run_text(&r,
	             "host client 10.0.0.1\nhost server 10.0.0.2\n"
	             "at 0s server listen 80\n"
	             "at 1s client connect server:80 from 5001\n"
	             "at 2s client close\n"
	             "on server CLOSE_WAIT server close\n",
	             3 * SIMTIME_S) != 0)
		return;
	got = render(&r, LSOF, 0);
	CHECK_STR(got, "client 10.0.0.1: lsof -nP -i\n"
	               "\n"
	               "server 10.0.0.2: lsof -nP -i\n"
	               "COMMAND  PID    USER   FD   TYPE DEVICE SIZE/OFF NODE NAME\n"
	               "server  1002 student    3u  IPv4 200001      0t0  TCP *:80 (LISTEN)\n");
	free(got);
	run_free(&r);
}

/* The row of sar's TCP,ETCP table for interval k (1-based): the two value
 * lines after the k-th "active/s" and "atmptf/s" header lines. */
static void sar_row(const char *out, int k, const char *header, char *row, size_t size)
{
	const char *p = out;
	row[0] = '\0';
	for (int i = 0; i < k && p; i++)
		if ((p = strstr(p, header)))
			p += strlen(header);
	if (!p || !(p = strchr(p, '\n')))
		return;
	p++;
	size_t n = strcspn(p, "\n");
	snprintf(row, size, "%.*s", (int)n, p);
}

/* A SYN,ACK an embryo repeats counts in oseg and retrans (tcp_make_synack);
 * a repeated SYN only in retrans; a RST for a closed port in oseg and
 * orsts; the client's connect that a RST refuses is an attempt failure. */
static void sar_counts_like_the_kernel_mibs(void)
{
	struct run r;
	if (run_text(&r,
	             "host client 10.0.0.1\nhost server 10.0.0.2\nend 5s\n"
	             "at 0s server listen 80\n"
	             "at 1200ms client connect server:80 from 5001\n"
	             "at 3500ms client connect server:81 from 5002\n"
	             "drop client->server 2nd ACK\n"
	             "drop server->client 1st SYN+ACK\n"
	             "drop client->server 1st ACK\n",
	             -1) != 0)
		return;
	char *got = render(&r, SAR_SERVER, 5);
	char row[160];
	/* 1.2 s: SYN in, SYN,ACK out (lost); 2.2 s: SYN again (client retry,
	 * 1 s linear), SYN,ACK again (repeat: oseg and retrans) */
	sar_row(got, 2, "active/s", row, sizeof row);
	CHECK_STR(row, "00:00:02         0.00      0.00      1.00      1.00");
	sar_row(got, 3, "atmptf/s", row, sizeof row);
	CHECK(strstr(row, "00:00:03") != NULL);
	sar_row(got, 4, "atmptf/s", row, sizeof row);
	CHECK_STR(row, "00:00:04         0.00      0.00      0.00      0.00      1.00");
	free(got);
	got = render(&r, SAR_CLIENT, 5);
	sar_row(got, 4, "atmptf/s", row, sizeof row);
	CHECK_STR(row, "00:00:04         1.00      0.00      0.00      0.00      0.00");
	sar_row(got, 4, "active/s", row, sizeof row);
	CHECK_STR(row, "00:00:04         1.00      0.00      1.00      1.00");
	free(got);
	run_free(&r);
}

/* A SYN that reaches an ESTABLISHED socket counts in isegerr (INERRS, the
 * challenge ACK's syn_inerr); an abort is an established reset on both
 * sides; the forged segment is nobody's OutSegs. */
static void sar_isegerr_and_estres(void)
{
	struct run r;
	if (run_text(&r,
	             "host client 10.0.0.1\nhost server 10.0.0.2\nend 3s\n"
	             "at 0s server listen 80\n"
	             "at 100ms client connect server:80 from 5001\n"
	             "at 1500ms server.2 inject SYN\n"
	             "at 2500ms client abort\n",
	             -1) != 0)
		return;
	char *got = render(&r, SAR_SERVER, 3);
	char row[160];
	sar_row(got, 2, "atmptf/s", row, sizeof row);
	CHECK_STR(row, "00:00:02         0.00      0.00      0.00      1.00      0.00");
	sar_row(got, 2, "active/s", row, sizeof row);
	CHECK_STR(row, "00:00:02         0.00      0.00      1.00      1.00"); /* + challenge ACK */
	sar_row(got, 3, "atmptf/s", row, sizeof row);
	CHECK_STR(row, "00:00:03         0.00      1.00      0.00      0.00      0.00");
	free(got);
	got = render(&r, SAR_CLIENT, 3);
	sar_row(got, 2, "active/s", row, sizeof row);
	CHECK_STR(row,
	          "00:00:02         0.00      0.00      1.00      0.00"); /* challenge ACK in */
	sar_row(got, 3, "atmptf/s", row, sizeof row);
	CHECK_STR(row, "00:00:03         0.00      1.00      0.00      0.00      1.00");
	free(got);
	run_free(&r);
}

/* tcp-tw counts TIME_WAIT and an orphan's FIN_WAIT_2 (a timewait sock in
 * Linux); tcpsck the listener and live connections only. */
static void sar_socket_counts(void)
{
	struct run r;
	if (run_text(&r,
	             "host client 10.0.0.1\nhost server 10.0.0.2\nend 2s\n"
	             "at 0s server listen 80\n"
	             "at 100ms client connect server:80 from 5001\n"
	             "at 500ms client close\n",
	             -1) != 0)
		return;
	char *got = render(&r, SAR_CLIENT, 2);
	CHECK(got && strstr(got, "00:00:01            0         0         0         0         0 "
	                         "        1\n"));
	free(got);
	got = render(&r, SAR_SERVER, 2);
	CHECK(got && strstr(got, "00:00:01            2         2         0         0         0 "
	                         "        0\n"));
	CHECK(got && strstr(got, "Average:            2         2         0         0         0 "
	                         "        0\n"));
	free(got);
	run_free(&r);
}

static void app_parameter_is_checked(void)
{
	struct scenario scn;
	struct scn_diags d = {0};
	const char *bad = "host client 10.0.0.1 app=my/prog\nhost server 10.0.0.2\n";
	CHECK_INT(scn_parse("t.tcps", bad, strlen(bad), &scn, &d), 1);
	CHECK(d.n == 1 && strstr(d.v[0].msg, "app is a command name of 1 to 15"));
	scn_diags_free(&d);
	const char *ok = "host client 10.0.0.1 app=curl\nhost server 10.0.0.2\n";
	CHECK_INT(scn_parse("t.tcps", ok, strlen(ok), &scn, &d), 0);
	char buf[16];
	CHECK_STR(out_app_name(&scn, 0, buf, sizeof buf), "curl");
	CHECK_STR(out_app_name(&scn, 1, buf, sizeof buf), "server");
	CHECK_INT(out_app_pid(1), 1002);
	scn_free(&scn);
	scn_diags_free(&d);
}

int main(void)
{
	RUN(lsof_matches_real_lsof);
	RUN(ss_p_matches_real_ss);
	RUN(sar_matches_real_sar);
	RUN(descriptors_are_lowest_free_and_freed_on_close);
	RUN(embryos_and_time_wait_have_no_descriptor);
	RUN(sar_counts_like_the_kernel_mibs);
	RUN(sar_isegerr_and_estres);
	RUN(sar_socket_counts);
	RUN(app_parameter_is_checked);
	return check_report("test_tools");
}
