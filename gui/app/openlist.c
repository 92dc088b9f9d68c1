/* openlist: the Open list's files, titles, filter, choice and scroll (see
 * openlist.h).  Called by app.c's actions. */
#include "openlist.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The string of the file's first `title "..."` line in its first 200
 * lines, malloc'ed; "" when there is none. */
static char *read_title(const char *path)
{
	char line[512], out[256] = "";
	FILE *f = fopen(path, "r");
	for (int i = 0; f && i < 200 && fgets(line, sizeof line, f); i++) {
		const char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "title", 5) != 0 || (p[5] != ' ' && p[5] != '\t'))
			continue;
		p = strchr(p + 5, '"');
		const char *e = p ? strchr(p + 1, '"') : NULL;
		if (e)
			snprintf(out, sizeof out, "%.*s", (int)(e - p - 1), p + 1);
		break;
	}
	if (f)
		fclose(f);
	return strdup(out);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* 1 when needle is in hay, ignoring ASCII case. */
static int has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (const char *h = hay; *h; h++) {
		size_t i = 0;
		while (i < n && h[i] &&
		       lower((unsigned char)h[i]) == lower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return n == 0;
}

static void refilter(struct gui_openlist *o)
{
	o->nmatch = 0;
	for (int i = 0; i < o->nfiles; i++) {
		const char *base = strrchr(o->files[i], '/');
		base = base ? base + 1 : o->files[i];
		if (has(base, o->filter) || has(o->titles[i], o->filter))
			o->match[o->nmatch++] = i;
	}
	o->sel = 0;
	o->first = 0;
}

void openlist_free(struct gui_openlist *o)
{
	for (int i = 0; i < o->nfiles; i++) {
		free(o->files[i]);
		free(o->titles ? o->titles[i] : NULL);
	}
	free(o->files);
	free(o->titles);
	free(o->match);
	memset(o, 0, sizeof *o);
}

void openlist_fill(struct gui_openlist *o, const char *path)
{
	openlist_free(o);
	char dir[1024];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof dir, ".");
	DIR *dp = opendir(dir);
	if (!dp)
		return;
	struct dirent *e;
	int cap = 0;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".tcps") != 0)
			continue;
		if (o->nfiles == cap) {
			cap = cap ? cap * 2 : 16;
			char **f = realloc(o->files, (size_t)cap * sizeof *f);
			if (!f)
				break;
			o->files = f;
		}
		size_t len = strlen(dir) + n + 2;
		char *p = malloc(len);
		if (!p)
			break;
		snprintf(p, len, "%s/%s", dir, e->d_name);
		o->files[o->nfiles++] = p;
	}
	closedir(dp);
	if (o->nfiles > 1)
		qsort(o->files, (size_t)o->nfiles, sizeof *o->files, cmp_str);
	o->titles = calloc((size_t)(o->nfiles ? o->nfiles : 1), sizeof *o->titles);
	o->match = calloc((size_t)(o->nfiles ? o->nfiles : 1), sizeof *o->match);
	if (!o->titles || !o->match) {
		/* no room for titles: no list */
		free(o->titles);
		o->titles = NULL;
		for (int i = 0; i < o->nfiles; i++)
			free(o->files[i]);
		free(o->files);
		free(o->match);
		memset(o, 0, sizeof *o);
		return;
	}
	for (int i = 0; i < o->nfiles; i++) {
		o->titles[i] = read_title(o->files[i]);
		if (!o->titles[i]) {
			/* out of memory: keep the files that have a title */
			for (int j = i; j < o->nfiles; j++)
				free(o->files[j]);
			o->nfiles = i;
			break;
		}
	}
	refilter(o);
	for (int i = 0; i < o->nmatch; i++)
		if (strcmp(o->files[o->match[i]], path) == 0)
			o->sel = i;
}

void openlist_type(struct gui_openlist *o, int byte)
{
	size_t n = strlen(o->filter);
	if (byte < 0x20 || byte == 0x7f || byte > 0xff || n + 1 >= sizeof o->filter)
		return;
	o->filter[n] = (char)byte;
	o->filter[n + 1] = '\0';
	refilter(o);
}

void openlist_backspace(struct gui_openlist *o)
{
	size_t n = strlen(o->filter);
	/* a whole UTF-8 character: its continuation bytes, then its lead */
	while (n > 0 && ((unsigned char)o->filter[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	o->filter[n] = '\0';
	refilter(o);
}

static void keep_inside(struct gui_openlist *o, int rows)
{
	if (rows < 1)
		rows = 1;
	int last_first = o->nmatch > rows ? o->nmatch - rows : 0;
	if (o->first > last_first)
		o->first = last_first;
	if (o->first < 0)
		o->first = 0;
}

void openlist_move(struct gui_openlist *o, int delta, int rows)
{
	if (!o->nmatch)
		return;
	o->sel += delta;
	if (o->sel < 0)
		o->sel = 0;
	if (o->sel > o->nmatch - 1)
		o->sel = o->nmatch - 1;
	if (rows < 1)
		rows = 1;
	if (o->sel < o->first)
		o->first = o->sel;
	if (o->sel >= o->first + rows)
		o->first = o->sel - rows + 1;
	keep_inside(o, rows);
}

void openlist_scroll(struct gui_openlist *o, int delta, int rows)
{
	o->first += delta;
	keep_inside(o, rows);
}

int openlist_chosen(const struct gui_openlist *o)
{
	return o->sel >= 0 && o->sel < o->nmatch ? o->match[o->sel] : -1;
}
