/* scn_file: the parser's entry points.  scn_load_file() reads and checks a
 * file, scn_parse() lexes it (scn_lex.c), parses host lines first (so any
 * line may name any host), then every other line in file order through the
 * directive table, then checks the whole and applies each host's overrides
 * on top of the chosen profile.  Diagnostics are sorted by position and
 * capped.  The top of the scenario folder. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scn_parse.h"

static const struct {
	const char *name;
	int (*fn)(struct parser *);
	int timeline; /* the line needs two hosts to mean anything */
} directives[] = {
    {"title", scn_d_title, 0},     {"about", scn_d_about, 0}, {"seed", scn_d_seed, 0},
    {"profile", scn_d_profile, 0}, {"host", scn_d_host, 0},   {"link", scn_d_link, 0},
    {"at", scn_d_at, 1},           {"on", scn_d_on, 1},       {"drop", scn_d_drop, 1},
    {"delay", scn_d_delay, 1},     {"note", scn_d_note, 1},   {"expect", scn_d_expect, 1},
    {"ask", scn_d_ask, 1},         {"end", scn_d_end, 0},
};

#define NDIRECTIVES ((int)(sizeof directives / sizeof *directives))

static void parse_line(struct parser *p, const struct scn_line *l, const struct scn_lexed *lx,
                       int hosts_pass)
{
	char b[48];
	p->t = &lx->tok[l->first];
	p->nt = l->ntok;
	const struct scn_tok *t = &p->t[0];
	int is_host = scn_is(t, "host");
	if (is_host != hosts_pass)
		return;
	if (t->kind != TOK_WORD) {
		ERR(p, t, "a line starts with a directive (title, host, at, ...), not a string");
		return;
	}
	for (int i = 0; i < NDIRECTIVES; i++) {
		if (scn_word_is(t->s, t->len, directives[i].name)) {
			if (directives[i].timeline && !p->first_timeline_line)
				p->first_timeline_line = t->line;
			directives[i].fn(p);
			return;
		}
	}
	const char *cands[NDIRECTIVES];
	char list[200] = "";
	for (int i = 0; i < NDIRECTIVES; i++) {
		size_t n = strlen(list);
		cands[i] = directives[i].name;
		snprintf(list + n, sizeof list - n, "%s%s",
		         i == 0                 ? ""
		         : i == NDIRECTIVES - 1 ? " or "
		                                : ", ",
		         cands[i]);
	}
	const char *sug = scn_suggest(t->s, t->len, cands, NDIRECTIVES);
	if (sug)
		ERR(p, t, "unknown directive '%s'; did you mean '%s'?", scn_q(b, t), sug);
	else
		ERR(p, t, "unknown directive '%s'; a line starts with %s", scn_q(b, t), list);
}

/* Checks that need the whole file: two hosts, parameters that agree. */
static void finish(struct parser *p)
{
	struct scenario *s = p->s;
	if (s->nhosts < SCN_MAX_HOSTS && !p->host_errors) {
		/* At the first line that needs them, else at the one host, else
		 * at the top: a file of header lines alone is no scenario either. */
		int line = p->first_timeline_line ? p->first_timeline_line
		           : s->nhosts            ? p->ov[0].line
		                                  : p->first_line;
		if (s->nhosts == 0)
			scn_err_at(
			    p, line, 1,
			    "a scenario needs two hosts; declare them with: host NAME ADDRESS");
		else
			scn_err_at(p, line, 1, "a scenario needs two hosts; only '%s' is declared",
			           s->hosts[0].name);
	}
	s->seed_line = p->seed_line;
	s->profile_line = p->profile_line;
	if (p->as_profile)
		s->profile = p->as_profile - 1;
	for (int h = 0; h < s->nhosts; h++) {
		struct tcp_params *tp = &s->hosts[h].params;
		profile_defaults(s->profile, tp);
		scn_host_apply(tp, &p->ov[h]);
		if (tp->rto_min > tp->rto_max)
			scn_err_at(p, p->ov[h].line, 1, "host '%s': rto_min is above rto_max",
			           s->hosts[h].name);
		else if (tp->rto_initial < tp->rto_min || tp->rto_initial > tp->rto_max)
			scn_err_at(p, p->ov[h].line, 1,
			           "host '%s': rto_initial must lie between rto_min and rto_max",
			           s->hosts[h].name);
	}
}

static int diag_cmp(const void *a, const void *b)
{
	const struct scn_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->msg, y->msg);
}

static int diags_push(struct scn_diags *d, const struct scn_diag *g)
{
	if (!d)
		return 0;
	if (d->n == d->cap) {
		int ncap = d->cap ? d->cap * 2 : 16;
		struct scn_diag *nv = realloc(d->v, (size_t)ncap * sizeof *nv);
		if (!nv)
			return -1;
		d->v = nv;
		d->cap = ncap;
	}
	d->v[d->n++] = *g;
	return 0;
}

/* Moves the sinks' diagnostics to d in file order; returns how many. */
static int merge(struct scn_sink *sinks, int nsinks, struct scn_diags *d, int oom)
{
	int n = 0, total = 0, count = 0, kept = 0;
	for (int i = 0; i < nsinks; i++)
		kept += sinks[i].n;
	struct scn_diag *all = malloc((size_t)(kept ? kept : 1) * sizeof *all);
	if (!all) {
		oom = 1;
		kept = 0;
	}
	for (int i = 0; i < nsinks; i++) {
		for (int j = 0; j < sinks[i].n && n < kept; j++)
			all[n++] = sinks[i].v[j];
		total += sinks[i].total;
		oom |= sinks[i].oom;
	}
	/* qsort is not stable: ties on (line, col) fall back to the message
	 * text so that the order never depends on the sort. */
	if (n > 1)
		qsort(all, (size_t)n, sizeof *all, diag_cmp);
	if (oom) {
		struct scn_diag g = {0, 0, "out of memory while reading the scenario"};
		diags_push(d, &g);
		count++;
	}
	for (int i = 0; i < n && i < SCN_MAX_ERRORS; i++, count++)
		diags_push(d, &all[i]);
	if (total > SCN_MAX_ERRORS) {
		struct scn_diag g = {0, 0, ""};
		snprintf(g.msg, sizeof g.msg, "too many errors (%d in all); fix these first",
		         total);
		diags_push(d, &g);
		count++;
	}
	free(all);
	return count;
}

static int parse_as(const char *path, const char *text, size_t len, int profile,
                    struct scenario *out, struct scn_diags *d)
{
	struct scn_sink sinks[4];
	struct scn_lexed lx;
	struct parser p;
	memset(out, 0, sizeof *out);
	memset(sinks, 0, sizeof sinks);
	for (int i = 0; i < 4; i++)
		sinks[i].keep = SCN_MAX_ERRORS + 1;
	memset(&p, 0, sizeof p);
	p.s = out;
	p.as_profile = profile >= 0 && profile < PROFILE_COUNT ? profile + 1 : 0;
	out->seed = 1;
	out->profile = PROFILE_LINUX;
	link_defaults(&out->link[DIR_AB]);
	link_defaults(&out->link[DIR_BA]);
	int oom = scn_lex(text ? text : "", text ? len : 0, &lx, &sinks[0]) < 0;
	p.first_line = lx.nlines ? lx.lines[0].line : 1;
	if (!oom && !lx.fatal) {
		/* Host lines first, so that every other line may name any host. */
		p.k = &sinks[1];
		for (int i = 0; i < lx.nlines && !p.oom; i++)
			parse_line(&p, &lx.lines[i], &lx, 1);
		p.host_errors = sinks[1].total; /* a bad host line says enough */
		p.k = &sinks[2];
		for (int i = 0; i < lx.nlines && !p.oom; i++)
			parse_line(&p, &lx.lines[i], &lx, 0);
		p.k = &sinks[3];
		finish(&p);
	}
	scn_lex_free(&lx);
	int count = merge(sinks, 4, d, oom || p.oom);
	for (int i = 0; i < 4; i++)
		free(sinks[i].v);
	if (count == 0) {
		out->path = scn_memdup0(path ? path : "", path ? strlen(path) : 0);
		if (out->path)
			return 0;
		struct scn_diag g = {0, 0, "out of memory while reading the scenario"};
		diags_push(d, &g);
		count = 1;
	}
	scn_free(out);
	return count;
}

int scn_parse(const char *path, const char *text, size_t len, struct scenario *out,
              struct scn_diags *d)
{
	return parse_as(path, text, len, -1, out, d);
}

int scn_parse_as(const char *path, const char *text, size_t len, int profile, struct scenario *out,
                 struct scn_diags *d)
{
	return parse_as(path, text, len, profile, out, d);
}

static int file_error(struct scn_diags *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static int file_error(struct scn_diags *d, const char *fmt, ...)
{
	struct scn_diag g = {0, 0, ""};
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(g.msg, sizeof g.msg, fmt, ap);
	va_end(ap);
	diags_push(d, &g);
	return 1;
}

static int too_large(struct scn_diags *d, double bytes)
{
	return file_error(d, "file is too large (%.1f MiB); scenarios are limited to 1 MiB",
	                  bytes / (1024.0 * 1024.0));
}

int scn_load_file(const char *path, struct scenario *out, struct scn_diags *d)
{
	return scn_load_file_as(path, -1, out, d);
}

int scn_read_file(const char *path, char **text, size_t *len, struct scn_diags *d)
{
	struct stat st;
	*text = NULL;
	*len = 0;
	if (!path)
		return file_error(d, "cannot open: no file name given");
	FILE *f = fopen(path, "rb");
	if (!f)
		return file_error(d, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			fclose(f);
			return file_error(d, "cannot read: %s", strerror(EISDIR));
		}
		if (S_ISREG(st.st_mode) && st.st_size > (off_t)SCN_MAX_FILE) {
			fclose(f);
			return too_large(d, (double)st.st_size);
		}
	}
	/* Read at most one byte past the limit: pipes have no size to check. */
	size_t cap = SCN_MAX_FILE + 1, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		fclose(f);
		return file_error(d, "out of memory while reading the scenario");
	}
	size_t r;
	while (n < cap && (r = fread(buf + n, 1, cap - n, f)) > 0)
		n += r;
	int rerr = ferror(f) ? errno : 0;
	fclose(f);
	if (rerr) {
		free(buf);
		return file_error(d, "cannot read: %s", strerror(rerr ? rerr : EIO));
	}
	if (n > SCN_MAX_FILE) {
		free(buf);
		return file_error(d, "file is too large (over 1 MiB); scenarios are limited to "
		                     "1 MiB");
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

int scn_load_file_as(const char *path, int profile, struct scenario *out, struct scn_diags *d)
{
	char *buf;
	size_t n;
	if (scn_read_file(path, &buf, &n, d) != 0) {
		memset(out, 0, sizeof *out);
		return 1;
	}
	int count = parse_as(path, buf, n, profile, out, d);
	free(buf);
	return count;
}

void scn_free(struct scenario *s)
{
	if (!s)
		return;
	free(s->path);
	free(s->title);
	free(s->about);
	for (int i = 0; i < s->nevents; i++)
		free(s->events[i].act.text);
	free(s->events);
	free(s->faults);
	for (int i = 0; i < s->nnotes; i++)
		free(s->notes[i].text);
	free(s->notes);
	free(s->expects);
	for (int i = 0; i < s->nasks; i++) {
		free(s->asks[i].when.text);
		free(s->asks[i].why);
	}
	free(s->asks);
	memset(s, 0, sizeof *s);
}

void scn_diags_free(struct scn_diags *d)
{
	if (!d)
		return;
	free(d->v);
	memset(d, 0, sizeof *d);
}

void scn_diags_print(const struct scn_diags *d, const char *path, void *file)
{
	FILE *f = file ? file : stderr;
	if (!path)
		path = "scenario";
	for (int i = 0; d && i < d->n; i++) {
		const struct scn_diag *g = &d->v[i];
		if (g->line > 0)
			fprintf(f, "%s:%d:%d: error: %s\n", path, g->line, g->col, g->msg);
		else
			fprintf(f, "%s: error: %s\n", path, g->msg);
	}
}
