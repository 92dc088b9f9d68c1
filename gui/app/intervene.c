/* intervene: what a clicked segment offers, the `drop`/`delay` line that
 * reproduces each choice, the check that the re-run did it, and saving the
 * branch (see intervene.h).  Called by app/app.c.
 *
 * A line names the segment as the language reads it (link.c,
 * apply_faults): "drop DIR Nth PATTERN" counts the earlier segments that
 * way matching PATTERN (never injected ones, never the link's copies),
 * "data seq A:B" counts those holding any of those bytes, and "segment N"
 * is the segment's own number in its direction.  The readable form comes
 * first; app.c falls back to "segment N" when the re-run says it missed. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "intervene.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "profile.h"
#include "segment.h"

/* "100ms", "1s", "2.5s" as a scenario writes a time. */
static void time_word(char *buf, size_t size, simtime_t t)
{
	if (t % SIMTIME_S == 0)
		snprintf(buf, size, "%llds", (long long)(t / SIMTIME_S));
	else if (t % SIMTIME_MS == 0)
		snprintf(buf, size, "%lldms", (long long)(t / SIMTIME_MS));
	else
		snprintf(buf, size, "%lldus", (long long)t);
}

/* "1st", "2nd", "3rd", "4th", "11th", "21st". */
static void ordinal(char *buf, size_t size, uint32_t n)
{
	const char *sfx = "th";
	if (n % 100 < 11 || n % 100 > 13)
		sfx = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
	snprintf(buf, size, "%u%s", n, sfx);
}

static const char *host_name(const struct scenario *scn, int h)
{
	return h >= 0 && h < scn->nhosts ? scn->hosts[h].name : "?";
}

/* The receiving host of a segment from host `from` (the language's
 * direction is between the first two hosts). */
static int peer_of(int from)
{
	return from == 0 ? 1 : 0;
}

/* The pattern a `drop` line names segment g with. */
static int pattern_of(const struct segment *g)
{
	if (g->flags & TH_SYN)
		return g->flags & TH_ACK ? MATCH_SYNACK : MATCH_SYN;
	if (g->flags & TH_RST)
		return MATCH_RST;
	if (g->len)
		return MATCH_DATA;
	if (g->flags & TH_FIN)
		return MATCH_FIN;
	return MATCH_ACK;
}

/* 1 when fault lines see segment s at all: not injected, not a link copy,
 * from one of the two hosts. */
static int faults_see(const struct trace_seg *s)
{
	return !s->forged && !s->dup && s->from < 2 && s->nth > 0;
}

/* The relative bytes of data segment s: [*a, *b), from its sender's ISN. */
static int rel_bytes(const struct trace *tr, const struct trace_seg *s, uint32_t *a, uint32_t *b)
{
	if (s->sock < 0 || (uint32_t)s->sock >= tr->nsocks || !s->h.len)
		return 0;
	*a = s->h.seq - tr->socks[s->sock].iss;
	*b = *a + s->h.len;
	return 1;
}

static void selector(const struct trace *tr, uint32_t seg, int segno_form, char *buf, size_t size);

void iv_menu_open(struct gui_iv *iv, const struct scenario *scn, const struct trace *tr,
                  struct fmt_ctx *fmt, uint32_t seg, simtime_t t, struct gui_point at)
{
	struct view_menu *m = &iv->menu;
	memset(m, 0, sizeof *m);
	m->open = 1;
	m->seg = seg;
	m->at = at;
	if (seg >= tr->nsegs) {
		snprintf(m->title, sizeof m->title, "No such segment");
		snprintf(m->why, sizeof m->why, "The run has %u segments.", tr->nsegs);
		return;
	}
	const struct trace_seg *s = &tr->segs[seg];
	char label[140] = "";
	fmt_seg_label(fmt, seg, label, sizeof label);
	int from = s->from < 2 ? s->from : peer_of(s->to < 2 ? s->to : 1);
	/* named in the words the saved line will use ("client->server 2nd
	 * ACK"), so the student can find the menu's segment in the file */
	char sel[64] = "";
	if (faults_see(s))
		selector(tr, seg, 0, sel, sizeof sel);
	else
		snprintf(sel, sizeof sel, "segment %u", s->nth);
	int tlen = snprintf(m->title, sizeof m->title, "%s->%s %s (%s)", host_name(scn, from),
	                    host_name(scn, peer_of(from)), sel, label);
	if (tlen >= (int)sizeof m->title) /* a long label is cut: the words before it stay */
		m->title[sizeof m->title - 1] = '\0';
	if (s->sent > t)
		snprintf(m->why, sizeof m->why, "Not sent yet: step on until it leaves.");
	else if (s->forged || s->from >= 2 || !s->nth)
		snprintf(
		    m->why, sizeof m->why,
		    "An inject or flood line made this segment, and drop and delay lines never "
		    "touch those (docs/scenario-format.md, Faults): no line could reproduce it.");
	else if (s->dup)
		snprintf(m->why, sizeof m->why,
		         "This is a copy the link's dup= made; drop and delay lines see only the "
		         "segment that was sent, not its copy.");
	else if (s->lost)
		snprintf(m->why, sizeof m->why,
		         "The link lost this one already (the narration says why): there is "
		         "nothing left to drop or delay.");
	else if (iv->n >= IV_MAX)
		snprintf(m->why, sizeof m->why,
		         "This branch has %d interventions, the most it keeps: Ctrl+Z takes one "
		         "back, Ctrl+S saves it.",
		         IV_MAX);
	if (m->why[0])
		return;
	int dir = from == 0 ? DIR_AB : DIR_BA;
	simtime_t rtt = 2 * scn->link[dir].delay;
	static const simtime_t fixed[] = {100 * SIMTIME_MS, SIMTIME_S, 5 * SIMTIME_S};
	iv->menu_kind[m->n] = IV_DROP;
	iv->menu_by[m->n] = 0;
	snprintf(m->label[m->n++], sizeof m->label[0], "Drop it");
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		char w[24];
		time_word(w, sizeof w, fixed[i]);
		iv->menu_kind[m->n] = IV_DELAY;
		iv->menu_by[m->n] = fixed[i];
		snprintf(m->label[m->n++], sizeof m->label[0], "Delay it by %s", w);
	}
	if (rtt > 0 && rtt != fixed[0] && rtt != fixed[1] && rtt != fixed[2]) {
		char w[16];
		time_word(w, sizeof w, rtt);
		iv->menu_kind[m->n] = IV_DELAY;
		iv->menu_by[m->n] = rtt;
		snprintf(m->label[m->n++], sizeof m->label[0], "Delay it by a round trip (%s)", w);
	}
}

/* The line's words after the direction that name segment seg:
 * "2nd ACK", "1st data seq 1:1449", or "segment 7". */
static void selector(const struct trace *tr, uint32_t seg, int segno_form, char *buf, size_t size)
{
	const struct trace_seg *s = &tr->segs[seg];
	int match = pattern_of(&s->h);
	uint32_t a = 0, b = 0;
	int ranged = match == MATCH_DATA && rel_bytes(tr, s, &a, &b);
	if (segno_form || (match == MATCH_DATA && !ranged)) {
		snprintf(buf, size, "segment %u", s->nth);
		return;
	}
	uint32_t n = 0;
	for (uint32_t i = 0; i <= seg; i++) {
		const struct trace_seg *q = &tr->segs[i];
		if (!faults_see(q) || q->from != s->from || !scn_seg_matches(&q->h, match))
			continue;
		uint32_t qa, qb;
		if (ranged && (!rel_bytes(tr, q, &qa, &qb) || !SEQ_LT(qa, b) || !SEQ_LT(a, qb)))
			continue;
		n++;
	}
	char ord[16];
	ordinal(ord, sizeof ord, n);
	if (ranged)
		snprintf(buf, size, "%s data seq %u:%u", ord, a, b);
	else
		snprintf(buf, size, "%s %s", ord, scn_match_name(match));
}

int iv_push(struct gui_iv *iv, const struct scenario *scn, const struct trace *tr, int c,
            int segno_form)
{
	struct view_menu *m = &iv->menu;
	if (c < 0)
		c = m->sel;
	if (!m->open || c < 0 || c >= m->n || iv->n >= IV_MAX || m->seg >= tr->nsegs)
		return -1;
	const struct trace_seg *s = &tr->segs[m->seg];
	struct iv_item *it = &iv->item[iv->n];
	memset(it, 0, sizeof *it);
	it->kind = iv->menu_kind[c];
	it->by = iv->menu_by[c];
	it->from = s->from;
	it->nth = s->nth;
	it->seq = s->h.seq;
	it->ack = s->h.ack;
	it->len = s->h.len;
	it->flags = s->h.flags;
	it->sent = s->sent;
	it->seg = m->seg;
	it->segno_form = segno_form;
	memcpy(it->what, m->title, sizeof it->what);
	it->what[sizeof it->what - 1] = '\0';
	char sel[64], by[24];
	selector(tr, m->seg, segno_form, sel, sizeof sel);
	time_word(by, sizeof by, it->by);
	const char *src = host_name(scn, s->from), *dst = host_name(scn, peer_of(s->from));
	if (it->kind == IV_DROP)
		snprintf(it->line, sizeof it->line, "drop %s->%s %s", src, dst, sel);
	else
		snprintf(it->line, sizeof it->line, "delay %s->%s %s by %s", src, dst, sel, by);
	char when[40] = "", sent[32], title[sizeof m->title], line[sizeof it->line];
	memcpy(title, m->title, sizeof title);
	memcpy(line, it->line, sizeof line);
	time_t now = time(NULL);
	struct tm tm;
	if (gmtime_r(&now, &tm))
		strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
	simtime_fmt(sent, sizeof sent, s->sent);
	snprintf(it->text, sizeof it->text,
	         "\n# From the tcpsim window, %s: %s the segment sent at %ss,\n# %s.\n%s\n", when,
	         it->kind == IV_DROP ? "dropped" : "delayed", sent, title, line);
	iv->n++;
	iv->stem[0] = '\0'; /* another run: its files take a new name */
	m->open = 0;
	return 0;
}

int iv_pop(struct gui_iv *iv)
{
	if (iv->n <= 0)
		return -1;
	iv->n--;
	iv->stem[0] = '\0'; /* another run: its files take a new name */
	return 0;
}

void iv_clear(struct gui_iv *iv)
{
	free(iv->text);
	memset(iv, 0, sizeof *iv);
}

const char *iv_build_text(struct gui_iv *iv, const char *file, size_t len)
{
	size_t need = len + 2;
	for (int i = 0; i < iv->n; i++)
		need += strlen(iv->item[i].text);
	char *t = malloc(need);
	if (!t)
		return NULL;
	memcpy(t, file, len);
	size_t n = len;
	if (iv->n && n && t[n - 1] != '\n')
		t[n++] = '\n';
	for (int i = 0; i < iv->n; i++) {
		size_t k = strlen(iv->item[i].text);
		memcpy(t + n, iv->item[i].text, k);
		n += k;
	}
	t[n] = '\0';
	free(iv->text);
	iv->text = t;
	iv->len = n;
	return t;
}

struct scenario *iv_scenario_before(const struct gui_iv *iv, const char *path, const char *file,
                                    size_t len, int profile, uint64_t seed)
{
	if (iv->n <= 0)
		return NULL;
	/* the same text as iv_build_text() had for the run before */
	struct gui_iv before = {.n = iv->n - 1};
	memcpy(before.item, iv->item, sizeof before.item);
	const char *text = iv_build_text(&before, file, len);
	struct scenario *scn = text ? calloc(1, sizeof *scn) : NULL;
	struct scn_diags d = {0};
	if (scn && scn_parse_as(path, text, before.len, profile, scn, &d) != 0) {
		free(scn);
		scn = NULL;
	}
	if (scn)
		scn->seed = seed; /* the branch's, as the window's run has it */
	scn_diags_free(&d);
	free(before.text);
	return scn;
}

/* 1 when the physical line text[bol, eol) goes on to the next one: its
 * last character before any comment, spaces aside, is a backslash (as
 * scn_lex reads it; `seed` and `profile` lines hold no strings). */
static int continues(const char *text, size_t bol, size_t eol)
{
	const char *hash = memchr(text + bol, '#', eol - bol);
	size_t e = hash ? (size_t)(hash - text) : eol;
	while (e > bol && strchr(" \t\r\v\f", text[e - 1]))
		e--;
	return e > bol && text[e - 1] == '\\';
}

int iv_pin_run(const char *path, const char *text, size_t len, int profile, uint64_t seed,
               char **out, size_t *out_len, char *what, size_t what_size)
{
	*out = NULL;
	*out_len = 0;
	what[0] = '\0';
	struct scenario own;
	struct scn_diags d = {0};
	memset(&own, 0, sizeof own);
	int nerr = scn_parse(path, text, len, &own, &d);
	scn_diags_free(&d);
	if (nerr != 0)
		return -1;
	int need_seed = own.seed != seed, need_prof = own.profile != profile;
	int seed_line = need_seed ? own.seed_line : 0;
	int prof_line = need_prof ? own.profile_line : 0;
	uint64_t own_seed = own.seed;
	int own_prof = own.profile;
	scn_free(&own);
	if (!need_seed && !need_prof)
		return 0;
	char add[600] = "", was[80];
	size_t n = 0;
	if (need_prof) {
		if (prof_line)
			snprintf(was, sizeof was, "%s on line %d, commented out",
			         profile_name(own_prof), prof_line);
		else
			snprintf(was, sizeof was, "%s, the default", profile_name(own_prof));
		n += (size_t)snprintf(add + n, sizeof add - n,
		                      "\n# From the tcpsim window: it ran this branch under the %s "
		                      "profile (the file's: %s).\nprofile %s\n",
		                      profile_name(profile), was, profile_name(profile));
	}
	if (need_seed) {
		if (seed_line)
			snprintf(was, sizeof was, "%" PRIu64 " on line %d, commented out", own_seed,
			         seed_line);
		else
			snprintf(was, sizeof was, "%" PRIu64 ", the default", own_seed);
		n += (size_t)snprintf(add + n, sizeof add - n,
		                      "\n# From the tcpsim window: it ran this branch under seed "
		                      "%" PRIu64 " (the file's: %s).\nseed %" PRIu64 "\n",
		                      seed, was, seed);
	}
	if (n >= sizeof add)
		return -1;
	/* each physical line of the file's own line gets "# " in front: the
	 * other lines keep their numbers */
	int lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	size_t cap = len + 2 * (size_t)lines + n + 2;
	char *t = malloc(cap);
	if (!t)
		return -1;
	size_t k = 0, bol = 0;
	int line = 1, commenting = 0;
	while (bol < len) {
		const char *nl = memchr(text + bol, '\n', len - bol);
		size_t eol = nl ? (size_t)(nl - text) : len;
		if (line == seed_line || line == prof_line)
			commenting = 1;
		size_t from = bol;
		if (commenting) {
			if (line == 1 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
				memcpy(t + k, text, 3); /* the byte order mark stays first */
				k += 3;
				from = 3;
			}
			memcpy(t + k, "# ", 2);
			k += 2;
		}
		size_t end = nl ? eol + 1 : eol;
		memcpy(t + k, text + from, end - from);
		k += end - from;
		commenting = commenting && continues(text, bol, eol);
		bol = end;
		line++;
	}
	if (k && t[k - 1] != '\n')
		t[k++] = '\n';
	memcpy(t + k, add, n);
	k += n;
	t[k] = '\0';
	/* it must run as the window ran it */
	memset(&own, 0, sizeof own);
	nerr = scn_parse(path, t, k, &own, &d);
	scn_diags_free(&d);
	int ok = nerr == 0 && own.seed == seed && own.profile == profile;
	if (nerr == 0)
		scn_free(&own);
	if (!ok) {
		free(t);
		return -1;
	}
	if (need_prof)
		snprintf(what, what_size, "`profile %s`%s", profile_name(profile),
		         need_seed ? " and " : "");
	if (need_seed) {
		size_t w = strlen(what);
		snprintf(what + w, what_size - w, "`seed %" PRIu64 "`", seed);
	}
	*out = t;
	*out_len = k;
	return 1;
}

int64_t iv_find(const struct iv_item *it, const struct trace *tr)
{
	for (uint32_t i = 0; i < tr->nsegs; i++) {
		const struct trace_seg *s = &tr->segs[i];
		if (!faults_see(s) || s->from != it->from || s->nth != it->nth)
			continue;
		if (s->h.seq != it->seq || s->h.ack != it->ack || s->h.len != it->len ||
		    s->h.flags != it->flags)
			return -1;
		if (it->kind == IV_DROP)
			return s->lost == LOSS_FAULT + 1 ? (int64_t)i : -1;
		return !s->lost && s->arrive - s->sent >= it->by ? (int64_t)i : -1;
	}
	return -1;
}

int iv_mark(struct gui_iv *iv, const struct trace *tr, int can_compare, int compare_action)
{
	int found = 0;
	for (int i = 0; i < iv->n; i++) {
		const struct iv_item *it = &iv->item[i];
		int64_t seg = iv_find(it, tr);
		if (seg < 0)
			continue;
		struct view_mark *m = &iv->marks[found++];
		m->seg = (uint32_t)seg;
		if (it->kind == IV_DROP)
			snprintf(m->tag, sizeof m->tag, "dropped by you");
		else {
			char by[24];
			time_word(by, sizeof by, it->by);
			snprintf(m->tag, sizeof m->tag, "+%s by you", by);
		}
	}
	struct view_branch *b = &iv->branch;
	b->n = iv->n;
	snprintf(b->last, sizeof b->last, "%s", iv->n ? iv->item[iv->n - 1].line : "");
	b->can_compare = can_compare;
	b->compare_action = compare_action;
	b->marks = iv->marks;
	b->nmarks = found;
	return found;
}

/* mkdir -p of dir (absolute); 0 or -1. */
static int make_dirs(const char *dir)
{
	char p[PATH_MAX];
	snprintf(p, sizeof p, "%s", dir);
	for (char *c = p + 1; *c; c++) {
		if (*c != '/')
			continue;
		*c = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			return -1;
		*c = '/';
	}
	return mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* Writes text (len bytes) as the new file path; 0, or an errno (EEXIST:
 * it exists; never written over). */
static int write_at(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		return errno;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, text + done, len - done);
		if (w <= 0) {
			int e = errno ? errno : EIO;
			close(fd);
			unlink(path);
			return e;
		}
		done += (size_t)w;
	}
	if (close(fd) != 0) {
		int e = errno;
		unlink(path);
		return e;
	}
	return 0;
}

/* 1 when stem.tcps, stem.pcap or stem.svg exists: the name is taken. */
static int stem_taken(const char *stem)
{
	static const char *const ext[] = {".tcps", ".pcap", ".svg"};
	char p[PATH_MAX + 8];
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s%s", stem, ext[i]);
		if (access(p, F_OK) == 0)
			return 1;
	}
	return 0;
}

/* "dir/NAME-branchK", the first K whose name is not taken; 0, or -1. */
static int free_stem(const char *dir, const char *name, char *out, size_t size)
{
	for (int k = 1; k < 1000; k++) {
		int n = snprintf(out, size, "%s/%s-branch%d", dir, name, k);
		if (n < 0 || (size_t)n >= size)
			return -1; /* too long a path */
		if (!stem_taken(out))
			return 0;
	}
	return -1;
}

/* Writes text as dir/NAME-branchK.tcps, the first K whose name is free
 * (never over a file); its path into out.  0, or an errno. */
static int write_new(const char *dir, const char *name, const char *text, size_t len, char *out,
                     size_t size)
{
	char stem[PATH_MAX];
	for (int tries = 0; tries < 1000; tries++) {
		if (free_stem(dir, name, stem, sizeof stem) != 0)
			return EEXIST;
		snprintf(out, size, "%s.tcps", stem);
		int e = write_at(out, text, len);
		if (e != EEXIST)
			return e; /* EEXIST: made meanwhile, take the next */
	}
	return EEXIST;
}

/* NAME (path's file name without its extension) and its folder, absolute. */
static void file_dir(const char *path, char *name, size_t nsize, char *dir, size_t dsize)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char rel[PATH_MAX], abs[PATH_MAX];
	snprintf(name, nsize, "%s", base);
	char *dot = strrchr(name, '.');
	if (dot && dot != name)
		*dot = '\0';
	if (slash)
		snprintf(rel, sizeof rel, "%.*s", (int)(slash - path), path);
	else
		snprintf(rel, sizeof rel, ".");
	if (!rel[0])
		snprintf(rel, sizeof rel, "/");
	snprintf(dir, dsize, "%s", realpath(rel, abs) ? abs : rel);
}

/* The user's own data folder, $XDG_DATA_HOME/tcpsim or
 * ~/.local/share/tcpsim; 0, or -1 when neither variable is set. */
static int user_dir(char *out, size_t size)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		snprintf(out, size, "%s/tcpsim", xdg);
	else if (home && home[0] == '/')
		snprintf(out, size, "%s/.local/share/tcpsim", home);
	else
		return -1;
	return 0;
}

int iv_out_dir(const char *path, char *dir, size_t size, char *err, size_t esize)
{
	char name[256], here[PATH_MAX];
	file_dir(path, name, sizeof name, here, sizeof here);
	if (access(here, W_OK) == 0) {
		snprintf(dir, size, "%s", here);
		return 0;
	}
	int e = errno;
	if (user_dir(dir, size) != 0) {
		snprintf(err, esize,
		         "cannot write in %s (%s), and neither XDG_DATA_HOME nor HOME is set", here,
		         strerror(e));
		return -1;
	}
	if (make_dirs(dir) != 0) {
		int e2 = errno;
		snprintf(err, esize, "cannot write in %s (%s) nor in %s (%s)", here, strerror(e),
		         dir, strerror(e2));
		return -1;
	}
	return 1;
}

int iv_name(struct gui_iv *iv, const char *path, char *err, size_t esize)
{
	if (iv->stem[0])
		return 0;
	char name[256], dir[PATH_MAX];
	file_dir(path, name, sizeof name, dir, sizeof dir);
	if (iv_out_dir(path, dir, sizeof dir, err, esize) < 0)
		return -1;
	if (free_stem(dir, name, iv->stem, sizeof iv->stem) != 0) {
		iv->stem[0] = '\0';
		snprintf(err, esize, "no free name %s/%s-branchK in 999 tries", dir, name);
		return -1;
	}
	return 0;
}

int iv_save(const struct gui_iv *iv, const char *path, char *out, size_t size)
{
	if (!iv->n || !iv->text) {
		snprintf(out, size, "nothing to save: no drop or delay yet (click a segment)");
		return -1;
	}
	/* the name E gave this branch, while it has no .tcps yet */
	if (iv->stem[0]) {
		snprintf(out, size, "%s.tcps", iv->stem);
		if (write_at(out, iv->text, iv->len) == 0)
			return 0;
	}
	char name[256], dir[PATH_MAX];
	file_dir(path, name, sizeof name, dir, sizeof dir);
	int e = access(dir, W_OK) == 0 ? write_new(dir, name, iv->text, iv->len, out, size) : errno;
	if (e == 0)
		return 0;
	/* the folder beside it is not ours: the user's own data folder */
	char user[PATH_MAX];
	if (user_dir(user, sizeof user) != 0) {
		snprintf(out, size,
		         "cannot write in %s (%s), and neither XDG_DATA_HOME nor HOME is set", dir,
		         strerror(e));
		return -1;
	}
	int e2 = make_dirs(user) == 0 ? write_new(user, name, iv->text, iv->len, out, size) : errno;
	if (e2 == 0)
		return 0;
	snprintf(out, size, "cannot write in %s (%s) nor in %s (%s)", dir, strerror(e), user,
	         strerror(e2));
	return -1;
}
