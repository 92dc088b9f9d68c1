/* watch: notices when the student saves the scenario file.  app.c polls it
 * every 250 ms of wall time.  inotify on the file's folder says at once
 * when the file was written and closed or renamed into place (editors
 * save by rename, which a watch on the file itself would lose); where
 * inotify is silent (network home folders) a stat() once a second catches
 * a change of modification time or size. */
#ifndef TCPSIM_GUI_WATCH_H
#define TCPSIM_GUI_WATCH_H

#define WATCH_STAT_PERIOD 1.0 /* seconds between the stat() fallback's looks */
#define WATCH_GONE_AFTER 2.5  /* seconds missing before the file counts as deleted */

enum { WATCH_SAME, WATCH_CHANGED, WATCH_GONE };

struct gui_watch {
	long long mtime_ns; /* the file as last seen */
	long long size;
	int fd;            /* inotify descriptor, -1 when there is none */
	char name[256];    /* the file's name in its folder */
	double next_stat;  /* wall time of the fallback's next look */
	int missing;       /* 1: the last look found no file */
	double gone_since; /* ... since this wall time */
	int gone_said;     /* 1: WATCH_GONE was returned for this absence */
};

/* Starts watching path (the folder it is in) and remembers how it is now;
 * a watch already running is replaced.  w must be zeroed or reset before. */
void watch_reset(struct gui_watch *w, const char *path);
/* WATCH_CHANGED when path changed since the last call (or reset), at wall
 * time now (seconds); a file missing for a moment, as while an editor
 * rewrites it, is not a change yet; one missing for WATCH_GONE_AFTER is
 * WATCH_GONE, once, until it is back (then WATCH_CHANGED); else WATCH_SAME. */
int watch_poll(struct gui_watch *w, const char *path, double now);
/* Stops watching (closes the inotify descriptor). */
void watch_stop(struct gui_watch *w);

#endif
