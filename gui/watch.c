/* watch: notices when the student saves the scenario file.  app.c polls it
 * every 250 ms of wall time; a change of modification time or size counts. */
#include <sys/stat.h>

#include "app.h"

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

void gui_watch_reset(struct gui_app *a)
{
	stamp(a->path, &a->watch_mtime_ns, &a->watch_size);
}

int gui_watch_poll(struct gui_app *a)
{
	long long m, s;
	stamp(a->path, &m, &s);
	if (m == a->watch_mtime_ns && s == a->watch_size)
		return 0;
	/* a file being rewritten may be missing for a moment: wait for it */
	if (m < 0)
		return 0;
	a->watch_mtime_ns = m;
	a->watch_size = s;
	return 1;
}
