/* intervene: the student's interventions on a run (a click on a segment:
 * drop it, delay it), kept as the `drop`/`delay` lines of the scenario
 * language that reproduce them, so that a branch is the file's text plus
 * those lines, run again from the start (the engine is deterministic).
 * app/app.c owns one struct gui_iv and does the loading; this file decides
 * what a segment offers, writes the lines, checks the re-run, saves. */
#ifndef TCPSIM_GUI_INTERVENE_H
#define TCPSIM_GUI_INTERVENE_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "scenario.h"
#include "trace.h"
#include "view.h"

#define IV_MAX 16 /* interventions on one run */

enum iv_kind { IV_DROP, IV_DELAY };

/* One intervention: the segment it changed and the line that does it. */
struct iv_item {
	int kind;     /* enum iv_kind */
	simtime_t by; /* IV_DELAY: how much later it arrives */
	/* the segment, as the run before it had it: its sender, its number in
	 * its direction ("segment N") and its header, to find it again */
	int from;
	uint32_t nth;
	uint32_t seq, ack, len;
	uint8_t flags;
	simtime_t sent;
	uint32_t seg;   /* its index in the branch's trace */
	char line[128]; /* "drop client->server 2nd ACK" */
	char what[160]; /* "client->server 2nd ACK (ACK ack=2)": the menu's title */
	char text[512]; /* the lines added to the file: a comment, then `line` */
	int segno_form; /* 1: `line` names it as "segment N" (its pattern missed) */
};

struct gui_iv {
	struct iv_item item[IV_MAX];
	int n;
	struct view_menu menu;
	int menu_kind[VIEW_MENU_MAX];     /* what each choice does */
	simtime_t menu_by[VIEW_MENU_MAX]; /* ... and by how much */
	struct view_mark marks[IV_MAX];   /* the branch's changed segments */
	struct view_branch branch;        /* the bar's contents (points at marks) */
	char *text;                       /* the branch's scenario text, malloc'd; NULL: none */
	size_t len;
	/* dir/NAME-branchK: the name this branch's files took (Ctrl+S, E), so
	 * that its .tcps, .pcap and .svg share one; "" until the first */
	char stem[4096];
};

/* Opens iv's menu on trace segment seg of the run (scn, tr) at present t,
 * anchored at the point at: its choices, or why it has none (not sent yet,
 * made by `inject`, a link copy, already lost, too many). */
void iv_menu_open(struct gui_iv *iv, const struct scenario *scn, const struct trace *tr,
                  struct fmt_ctx *fmt, uint32_t seg, simtime_t t, struct gui_point at);

/* Pushes the menu's choice c as a new intervention on its segment (the
 * menu closes).  segno_form 1 writes the line as "segment N" rather than
 * with its pattern.  Returns 0, or -1 when there is no such choice or no
 * room. */
int iv_push(struct gui_iv *iv, const struct scenario *scn, const struct trace *tr, int c,
            int segno_form);
/* Takes the newest intervention back; returns 0, or -1 when there is none. */
int iv_pop(struct gui_iv *iv);
/* Forgets every intervention (another file was opened). */
void iv_clear(struct gui_iv *iv);

/* The branch's text: the file's text (len bytes) with every
 * intervention's lines after it, into iv->text; returns it, or NULL when
 * memory runs out. */
const char *iv_build_text(struct gui_iv *iv, const char *file, size_t len);

/* The scenario of the run before the newest intervention: the file's text
 * (file, len bytes) with the lines of all the others, parsed as path under
 * profile (-1: the file's) and run with seed, as the window ran the branch;
 * a heap scenario the caller owns (scn_free, then free), or NULL when there
 * is no intervention, the text does not parse or memory runs out. */
struct scenario *iv_scenario_before(const struct gui_iv *iv, const char *path, const char *file,
                                    size_t len, int profile, uint64_t seed);

/* The branch's text (len bytes) made to run under profile and seed, as the
 * window ran it: where the file's own differ, a `profile` and/or `seed`
 * line goes at the end after a comment saying it came from the window, and
 * the file's own line of that directive, if any, is commented out in place
 * ("# " before it; every other line keeps its number).  Returns 0 when the
 * text already runs so (nothing in *out), 1 with the new text in *out
 * (malloc'd, *out_len bytes) and the lines added, "`seed 7`", in what, or
 * -1 when the text does not parse, would still not run so, or memory runs
 * out. */
int iv_pin_run(const char *path, const char *text, size_t len, int profile, uint64_t seed,
               char **out, size_t *out_len, char *what, size_t what_size);

/* The segment of the branch's trace that item it changed: same sender,
 * same number and header, and dropped by a fault or delayed by at least
 * its time; its index, or -1 when the re-run did not do that. */
int64_t iv_find(const struct iv_item *it, const struct trace *tr);
/* After a branch's run: finds every intervention's segment again and
 * fills the marks and the bar; returns how many were found. */
int iv_mark(struct gui_iv *iv, const struct trace *tr, int can_compare, int compare_action);

/* Writes the branch's text as a new scenario next to path: iv->stem.tcps
 * when the branch has a name and that file does not exist yet, else
 * NAME-branchK.tcps, the first K with no .tcps, .pcap or .svg of that name;
 * where that folder is not writable, in the user's data folder
 * ($XDG_DATA_HOME/tcpsim, ~/.local/share/tcpsim).  Its absolute path into
 * out (the caller keeps it as iv->stem).  Returns 0, or -1 with the reason
 * in out. */
int iv_save(const struct gui_iv *iv, const char *path, char *out, size_t size);

/* The folder files made from path go to: path's own folder (absolute) when
 * it may be written, else the user's data folder as iv_save's (made if
 * need be).  0 (path's folder) or 1 (the user's) with it in dir, or -1
 * with the reason in err. */
int iv_out_dir(const char *path, char *dir, size_t size, char *err, size_t esize);

/* Gives the branch its name when it has none: iv->stem = DIR/NAME-branchK,
 * DIR as iv_out_dir's, K the first with no .tcps, .pcap or .svg there (the
 * name Ctrl+S would give it).  0, or -1 with the reason in err. */
int iv_name(struct gui_iv *iv, const char *path, char *err, size_t esize);

#endif
