/* watch: the scenario file's modification time and size (see watch.h).
 * Called by app.c: reset after every load, polled from gui_app_tick. */
#include "watch.h"

#include <sys/stat.h>

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

void watch_reset(struct gui_watch *w, const char *path)
{
	stamp(path, &w->mtime_ns, &w->size);
}

int watch_poll(struct gui_watch *w, const char *path)
{
	long long m, s;
	stamp(path, &m, &s);
	if (m == w->mtime_ns && s == w->size)
		return 0;
	/* a file being rewritten may be missing for a moment: wait for it */
	if (m < 0)
		return 0;
	w->mtime_ns = m;
	w->size = s;
	return 1;
}
