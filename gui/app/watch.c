/* watch: inotify on the scenario's folder, and a stat() fallback (see
 * watch.h).  Called by app.c: reset after every load, polled from
 * gui_app_tick, stopped when the app is freed. */
#include "watch.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

static void stamp(const char *path, long long *mtime_ns, long long *size)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		*mtime_ns = -1;
		*size = -1;
		return;
	}
	*mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
	*size = (long long)st.st_size;
}

void watch_stop(struct gui_watch *w)
{
	if (w->fd > 0)
		close(w->fd);
	w->fd = -1;
}

void watch_reset(struct gui_watch *w, const char *path)
{
	/* fd 0 is a zeroed struct's "none" too: stdin is never ours */
	watch_stop(w);
	stamp(path, &w->mtime_ns, &w->size);
	w->missing = 0;
	w->gone_said = 0;
	const char *slash = strrchr(path, '/');
	snprintf(w->name, sizeof w->name, "%s", slash ? slash + 1 : path);
	char dir[1024];
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof dir, ".");
	if (!dir[0])
		snprintf(dir, sizeof dir, "/");
	w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->fd >= 0 &&
	    inotify_add_watch(w->fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_ONLYDIR) < 0)
		watch_stop(w);
}

/* 1 when inotify reported the file written or renamed into place. */
static int notified(struct gui_watch *w)
{
	if (w->fd <= 0)
		return 0;
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int hit = 0;
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			break;
		}
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *e = (const struct inotify_event *)(void *)p;
			if (e->len && strcmp(e->name, w->name) == 0)
				hit = 1;
			p += sizeof *e + e->len;
		}
	}
	return hit;
}

int watch_poll(struct gui_watch *w, const char *path, double now)
{
	int hit = notified(w);
	if (!hit && now < w->next_stat)
		return WATCH_SAME;
	w->next_stat = now + WATCH_STAT_PERIOD;
	long long m, s;
	stamp(path, &m, &s);
	/* a file being rewritten may be missing for a moment: wait for it;
	 * one missing for longer was deleted or moved away: say so once */
	if (m < 0) {
		if (!w->missing)
			w->gone_since = now;
		w->missing = 1;
		if (!w->gone_said && now - w->gone_since >= WATCH_GONE_AFTER) {
			w->gone_said = 1;
			return WATCH_GONE;
		}
		return WATCH_SAME;
	}
	int was_gone = w->missing;
	w->missing = 0;
	w->gone_said = 0;
	if (!hit && !was_gone && m == w->mtime_ns && s == w->size)
		return WATCH_SAME;
	w->mtime_ns = m;
	w->size = s;
	return WATCH_CHANGED;
}
