/* watch: notices when the student saves the scenario file.  app.c polls it
 * every 250 ms of wall time; a change of modification time or size counts
 * (editors that save by rename change both). */
#ifndef TCPSIM_GUI_WATCH_H
#define TCPSIM_GUI_WATCH_H

/* What the file looked like when last seen. */
struct gui_watch {
	long long mtime_ns;
	long long size;
};

/* Remembers path as it is now. */
void watch_reset(struct gui_watch *w, const char *path);
/* 1 when path changed since the last call (or reset); a file missing for a
 * moment, as while an editor rewrites it, is not a change yet. */
int watch_poll(struct gui_watch *w, const char *path);

#endif
