/* test_determinism: every shipped lesson and every end-to-end scenario,
 * run twice with the same seed, prints a byte-identical text trace (the
 * -S form too); a different seed on a lossy lesson prints another; `at`
 * lines written out of time order run as if sorted. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"

/* The whole text trace of one run, malloc'd. */
static char *trace_text(const struct scenario *scn, const struct sim_options *o, int absolute,
                        size_t *len)
{
	struct sim *s = sim_new(scn, o);
	sim_run(s);
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	struct fmt_opts fo = {.absolute = absolute, .at_host = -1};
	out_trace(f, scn, sim_trace(s), &fo);
	fclose(f);
	sim_free(s);
	return buf;
}

static int check_file(const char *path)
{
	struct scenario scn;
	struct scn_diags d = {0};
	if (scn_load_file(path, &scn, &d) != 0) {
		fprintf(stderr, "%s: does not parse\n", path);
		scn_diags_print(&d, path, stderr);
		scn_diags_free(&d);
		CHECK(0);
		return 0;
	}
	for (int absolute = 0; absolute <= 1; absolute++) {
		size_t la, lb;
		char *a = trace_text(&scn, NULL, absolute, &la);
		char *b = trace_text(&scn, NULL, absolute, &lb);
		CHECK(la > 0);
		CHECK(la == lb && memcmp(a, b, la) == 0);
		if (!(la == lb && memcmp(a, b, la) == 0))
			fprintf(stderr, "%s: two runs differ\n", path);
		free(a);
		free(b);
	}
	scn_free(&scn);
	scn_diags_free(&d);
	return 1;
}

static int check_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return 0;
	int n = 0;
	struct dirent *e;
	char **names = NULL;
	while ((e = readdir(dp))) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".tcps") == 0) {
			names = realloc(names, sizeof *names * (size_t)(n + 1));
			names[n++] = strdup(e->d_name);
		}
	}
	closedir(dp);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		check_file(path);
		free(names[i]);
	}
	free(names);
	return n;
}

static void a_different_seed_changes_a_lossy_run(void)
{
	static const char text[] = "host client 10.0.0.1\n"
	                           "host server 10.0.0.2\n"
	                           "link loss=20%\n"
	                           "at 0s server listen 80\n"
	                           "at 100ms client connect server:80\n"
	                           "at 200ms client send 20000\n";
	struct scenario scn;
	struct scn_diags d = {0};
	CHECK_INT(scn_parse("lossy.tcps", text, sizeof text - 1, &scn, &d), 0);
	size_t la, lb;
	struct sim_options o = {.seed_set = 1, .seed = 99};
	char *a = trace_text(&scn, NULL, 0, &la);
	char *b = trace_text(&scn, &o, 0, &lb);
	CHECK(!(la == lb && memcmp(a, b, la) == 0));
	free(a);
	free(b);
	scn_free(&scn);
	scn_diags_free(&d);
}

/* The calls a run made, in order, as "time kind bytes;" (malloc'd). */
static char *calls_text(const char *name, const char *text)
{
	struct scenario scn;
	struct scn_diags d = {0};
	CHECK_INT(scn_parse(name, text, strlen(text), &scn, &d), 0);
	scn_diags_free(&d);
	struct sim *s = sim_new(&scn, NULL);
	sim_run(s);
	const struct trace *tr = sim_trace(s);
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);
	for (uint32_t i = 0; i < tr->n; i++)
		if (tr->recs[i].kind == TR_APP_CALL) {
			const struct scn_action *a = &scn.events[tr->recs[i].u.call.event].act;
			fprintf(f, "%lld %d %llu;", (long long)tr->recs[i].t, a->kind,
			        (unsigned long long)a->nbytes);
		}
	fclose(f);
	sim_free(s);
	scn_free(&scn);
	return buf;
}

/* The run loop takes `at` lines by time, then file order: a file written
 * out of order (sim.c sorts only then) runs like the same file in order,
 * and two sends at one instant keep their file order. */
static void at_lines_out_of_order_run_in_time_order(void)
{
	static const char sorted[] = "host client 10.0.0.1\n"
	                             "host server 10.0.0.2\n"
	                             "at 0s server listen 80\n"
	                             "at 100ms client connect server:80\n"
	                             "at 200ms client send 300\n"
	                             "at 200ms client send 700\n"
	                             "at 300ms client close\n";
	static const char shuffled[] = "host client 10.0.0.1\n"
	                               "host server 10.0.0.2\n"
	                               "at 300ms client close\n"
	                               "at 200ms client send 300\n"
	                               "at 100ms client connect server:80\n"
	                               "at 200ms client send 700\n"
	                               "at 0s server listen 80\n";
	char *a = calls_text("sorted.tcps", sorted);
	char *b = calls_text("shuffled.tcps", shuffled);
	CHECK(strstr(a, " 300;") && strstr(a, " 300;") < strstr(a, " 700;"));
	CHECK(strcmp(a, b) == 0);
	free(a);
	free(b);
}

int main(void)
{
	const char *src = getenv("TCPSIM_SOURCE_DIR");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/scenarios", src ? src : ".");
	int n = check_dir(dir);
	snprintf(dir, sizeof dir, "%s/tests/scenarios", src ? src : ".");
	n += check_dir(dir);
	printf("test_determinism: %d scenario files\n", n);
	CHECK(n > 0);
	RUN(a_different_seed_changes_a_lossy_run);
	RUN(at_lines_out_of_order_run_in_time_order);
	return check_report("test_determinism");
}
