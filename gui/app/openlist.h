/* openlist: the Open list's state (the *.tcps files beside the scenario,
 * each with its title line, a typed filter, the choice and the scroll).
 * Owned by struct gui_app (app.h) and changed only through gui_app_do; the
 * overlays view draws it from the frame's copy of these fields. */
#ifndef TCPSIM_GUI_OPENLIST_H
#define TCPSIM_GUI_OPENLIST_H

struct gui_openlist {
	char **files;  /* paths, sorted */
	char **titles; /* each file's `title` line ("" when it has none) */
	int nfiles;
	int *match; /* indices of the files the filter keeps, in order */
	int nmatch;
	int sel;   /* the choice: an index into match */
	int first; /* the first row shown: an index into match */
	char filter[64];
};

/* Lists the *.tcps files of path's folder (emptying the filter); the
 * choice starts on path itself when it is among them. */
void openlist_fill(struct gui_openlist *o, const char *path);
void openlist_free(struct gui_openlist *o);
/* Adds a typed byte to the filter (control bytes ignored) or takes the
 * last character off; the choice goes back to the first match. */
void openlist_type(struct gui_openlist *o, int byte);
void openlist_backspace(struct gui_openlist *o);
/* Moves the choice by delta rows, or scrolls by delta rows, keeping the
 * choice (for move) and the view inside the rows rows shown. */
void openlist_move(struct gui_openlist *o, int delta, int rows);
void openlist_scroll(struct gui_openlist *o, int delta, int rows);
/* The file index of the choice, or -1 when nothing matches. */
int openlist_chosen(const struct gui_openlist *o);

#endif
