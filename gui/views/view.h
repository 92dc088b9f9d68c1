/* view: what every view of the window reads and what it returns.  app/app.c
 * builds one read-only struct view_frame per frame and calls each view's
 * layout step (regions.c, diagram.c ... overlays.c; shared parts in view.c).
 *
 * A layout step measures text (draw.h), decides where every box, text and
 * click target goes, and records its drawing in a command list, which the
 * app then paints with draw_list().  Views never draw, never include app.h
 * and never change the engine or the present; a view's caches live in its
 * own state struct (struct diagram_state, struct ladder_state). */
#ifndef TCPSIM_GUI_VIEW_H
#define TCPSIM_GUI_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "dlist.h"
#include "draw.h"
#include "geom.h"
#include "input.h"
#include "out/quiz.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"
#include "tcpstate.h"
#include "theme.h"
#include "trace.h"

/* ---- the frame's regions (regions.c) ----
 *
 * Wide (three columns):              Narrow (two columns):
 *   status bar ...................     status bar ..................
 *   diagram | ladder    | panel 0      diagram        | panel 0
 *           |           | panel 1                     | panel 1
 *           | notes     |              ...............| notes
 *           | narration,| socket       ladder         | narration
 *           | expects   | table                       | socket table
 *   controls: scrub bar, transport, speed, buttons ..................  */

/* Below this size in scaled units (pixels over the UI scale, which is at
 * least the zoom) no arrangement fits: the window says so instead. */
#define VIEW_MIN_W 700
#define VIEW_MIN_H 470
/* Under this width in scaled units, a tall frame has two columns. */
#define VIEW_TWO_COLUMNS_W 1100
/* The narrowest middle or right column, in scaled units. */
#define VIEW_COLUMN_MIN_W 190
/* What the state diagram needs at scale 1 for its 14 px labels. */
#define VIEW_DIAGRAM_W 520
#define VIEW_DIAGRAM_H 545

struct view_regions {
	float s;                /* UI scale */
	float ds;               /* the diagram's scale: s, but never past what fits */
	float pad, gap;         /* outer padding and panel gap */
	int too_small;          /* 1: below the minimum size; only status is laid out */
	int no_ladder;          /* 1: no room for the ladder's column */
	int narration_untitled; /* 1: the narration gave its heading to the notes */
	struct gui_rect status, diagram, ladder, panel[2], notes, narration, table, controls;
	struct gui_rect quiz; /* quiz mode: the card's place (the narration's and the table's) */
	/* a branch (view_regions_branch): its bar, under the ladder (both
	 * ladders in compare mode), which gave up that height; empty: none */
	struct gui_rect branch;
	/* compare mode (view_regions_compare): run B's ladder beside the
	 * ladder, a title over each, the divergence strip under both; the
	 * panels, table, notes and narration are empty */
	int compare;
	int no_diagram; /* compare mode, narrow: no room for the diagram beside two ladders */
	struct gui_rect ladder_b, cmp_title[2], cmp_strip;
};

/* The regions of a w x h frame at UI scale s, the window's own scale
 * (without the zoom) being base; ds is left to the caller; the notes strip
 * is empty until view_regions_notes(). */
void view_regions(struct view_regions *r, int w, int h, float s, float base);
/* The regions of compare mode: the diagram, two ladders of one height
 * side by side (each at least VIEW_CMP_LADDER_W scaled units wide, the
 * diagram going where they would not be), their titles and the divergence
 * strip; a tall, narrow frame puts the diagram and the strip over the two. */
#define VIEW_CMP_LADDER_W 200
void view_regions_compare(struct view_regions *r, int w, int h, float s, float base);
/* Gives the notes strip the height the present note needs, from the top
 * of the narration. */
struct view_frame;
void view_regions_notes(struct view_regions *r, const struct view_frame *f);
/* Gives the narration the height its whole sentence needs (with the
 * expect list's failed rows and next pending one below it), after the
 * notes: from the ladder above it (three columns) or the table below it
 * (one column) down to a comfortable height, then its heading, then the
 * ladder or table down to a strip (the ladder keeping the branch's bar its
 * room), then the list's "N more" line, then (one column) the panels down
 * to their state, listener and timers; the notes strip moves with it.
 * Where all that is too little, the sentence is cut (said in the layout). */
void view_regions_narration(struct view_regions *r, const struct view_frame *f);
/* Quiz mode: the narration's, the notes' and the table's places become
 * the quiz card's (r->quiz), as wide as the columns beside the diagram
 * allow, and tall enough for a question read from the back of a room;
 * the ladder and the panels keep the rest.  The socket table keeps a
 * strip under the card, where the card keeps VIEW_QUIZ_CARD_MIN and the
 * strip VIEW_QUIZ_TABLE_MIN scaled px (else r->table is empty); the strip
 * grows to each host's heading and followed row where the card, or the
 * ladder and panels above it, can spare that. */
#define VIEW_QUIZ_CARD_MIN 200
#define VIEW_QUIZ_TABLE_MIN 84
void view_regions_quiz(struct view_regions *r, const struct view_frame *f);
/* A branch (f->branch with an intervention): its bar's place across the
 * ladder's foot (both ladders' in compare mode), as tall as its words and
 * buttons need at that width (view_branch_height), the ladder (and run
 * B's) shorter by it; none where the ladder would be left under
 * VIEW_BRANCH_LADDER_MIN scaled units (the least the notes leave it):
 * then the bar is left out, said in the layout, its keys still work.
 * After the notes (they are never cut) or the quiz. */
#define VIEW_BRANCH_LADDER_MIN 90
void view_regions_branch(struct view_regions *r, const struct view_frame *f);

/* ---- quiz mode (P): what the views see of it ---- */

/* The card quiz mode shows. */
enum view_quiz_card {
	VIEW_QUIZ_WATCH,   /* between questions: the run plays to the next one */
	VIEW_QUIZ_ASK,     /* the run is stopped before question `shown`'s record */
	VIEW_QUIZ_REVEAL,  /* question `shown` is answered: the run plays to its answer */
	VIEW_QUIZ_SUMMARY, /* the run's end: the score and the questions missed */
};

struct view_quiz {
	int card; /* enum view_quiz_card */
	const struct quiz *qz;
	const int *given;   /* per question: the choice given, -1 none yet */
	const int64_t *ask; /* per question: the record the run stops at to ask it (the
	                     * last before the engine event that makes its record) */
	int shown;          /* ASK, REVEAL: the question on the card */
	int arrived;        /* REVEAL: the run has reached the answer: Space goes on */
	int not_a_choice;   /* ASK: the last answer given was none of the choices: "Not one
	                     * of the choices: pick 1 to N" on the card and in the status bar */
	int64_t seen;       /* the furthest record the present has reached in this quiz, -1
	                     * none: the scrub bar spans these, no more (the future's
	                     * length hidden), and the status counts events without a total */
	int right, answered;
	const char *lesson; /* the lesson's page ("docs/lessons.md#1-the-three-way-handshake"),
	                     * "" none */
};

/* ---- the frame: everything a view may read ---- */

/* The intervention menu a click on a segment opens (app/intervene.c fills
 * it, views/intervene.c lays it out): what the segment is, the choices, or
 * why there are none. */
#define VIEW_MENU_MAX 8
struct view_menu {
	int open;
	uint32_t seg;        /* the trace's segment */
	struct gui_point at; /* where it opens: the clicked arrow's middle */
	char title[160];     /* "client->server 2nd ACK (ACK ack=2)" */
	char why[240];       /* no choices: why ("made by inject: ...") */
	int n, sel;          /* choices, and the one Enter takes */
	char label[VIEW_MENU_MAX][48];
};

/* A segment the student changed, marked on the ladder with its tag
 * ("dropped by you", "+1s by you"). */
struct view_mark {
	uint32_t seg;
	char tag[32];
};

/* The branch the interventions made: shown as a bar under the ladder
 * with its Save and Undo buttons (and Compare when there is one). */
struct view_branch {
	int n;              /* interventions; 0: no bar */
	char last[160];     /* the newest one's line: "drop client->server 2nd ACK" */
	int can_compare;    /* 1: a compare view exists (a Compare button) */
	int compare_action; /* its action */
	const struct view_mark *marks;
	int nmarks;
};

/* One host's latest transition as the diagram animates it. */
struct view_anim {
	int64_t rec;  /* the TR_STATE record shown, -1 none */
	double start; /* wall seconds when it began */
	int travel;   /* 1: the marker travels (stepping forward) */
};

struct view_frame {
	struct draw *d; /* to measure text with; views do not draw on it */
	const struct gui_theme *th;
	const struct view_regions *reg;
	/* the run */
	const char *path;
	const struct scenario *scn;
	const struct trace *tr;
	struct fmt_ctx *fmt;        /* segment labels (fmt_seg_label wants it writable) */
	const uint32_t *state_recs; /* indices of the TR_STATE records */
	uint32_t nstate_recs;
	unsigned run; /* changes whenever a new run is loaded */
	/* the present */
	const struct snapshot *snap;
	int64_t k;         /* the last record done, -1 = the start */
	simtime_t t;       /* present simulated time */
	int32_t follow[2]; /* followed socket handle per host, -1 = its current */
	struct view_anim anim[2];
	double wall; /* wall seconds */
	int settled; /* 1: every animation shown finished (shots) */
	/* the controls and overlays */
	int playing, skip_idle;
	/* the scrub bar: the records it spans, those done (app.h: gui_app_scrub_span) */
	int64_t scrub_span, scrub_done;
	const char *speed_label; /* "0.1×" */
	float mouse_x, mouse_y;
	const char *errors; /* the last failed load's diagnostics, one a line */
	int nerrors;
	int errors_held; /* errors hidden with Esc: the file has this many, the run is the last good
	                  */
	const char *message;                 /* the message showing now, or NULL */
	double message_since, message_until; /* wall seconds it shows from, and until */
	int help, open_list;
	int plot;      /* 0: the state diagram; 1: the time-sequence graph, 2: cwnd */
	int plot_zoom; /* the plot shows 1/2^plot_zoom of the transfer's time around the present */
	int plot_from; /* whose data: a host, or -1 the followed connection's end that sent more */
	char *const *files; /* the Open list: paths, and their `title` lines */
	char *const *titles;
	int nfiles;
	/* scrolled lists: rows scrolled past at the top (views clamp them) */
	int scroll_table, scroll_expect;
	const int *open_match; /* the files the typed filter keeps */
	int open_nmatch;
	int open_sel, open_first; /* the choice and the first row shown, in open_match */
	const char *open_filter;
	/* quiz mode, NULL when off: the future is hidden (no segment, state
	 * tag, plot or expect line the present has not reached) */
	const struct view_quiz *quiz;
	/* compare mode: the ladder's time axis takes in the other run's times
	 * too (a common axis), and marks the first divergence */
	const struct trace *axis_also; /* the other run, NULL none */
	int64_t mark_seg;              /* the divergence's segment on this ladder, -1 none */
	simtime_t mark_t; /* the divergence's time, -1 none (a tick where this run has none) */
	const struct snapshot *snap_b; /* the diagram: run B's hosts, hollow markers; NULL none */
	const struct trace *tr_b;      /* ... run B's trace, and each host's latest state */
	int64_t k_b;                   /* ... run B's present record (the status bar's count) */
	int64_t state_b[2];            /* change there (a TR_STATE record of tr_b), -1 none */
	const char *cmp_label[2];      /* the compare strip: the runs' names */
	const char *cmp_why;           /* and the first divergence in a sentence */
	const char *ladder_name;       /* the ladder's view name ("ladder_b"); NULL "ladder" */

	/* compare mode's scrub bar: run B's TR_STATE records, ticked too */
	const uint32_t *state_recs_b;
	uint32_t nstate_recs_b;
	/* interventions: the menu, the branch's bar and marks */
	const struct view_menu *menu;
	const struct view_branch *branch;
};

/* ---- what a layout step returns (view.c) ---- */

#define VIEW_MAX_TARGETS 64
#define VIEW_MAX_LEFT_OUT 32

/* Something a view had no room for: what and why ("3 rows", "folded
 * into ... 3 more").  A folded group counts once. */
struct view_left_out {
	char what[48];
	char why[48];
};

struct view_out {
	const char *name;    /* "diagram", "ladder", "panel0" ... */
	struct gui_rect box; /* where the view is */
	struct dlist dl;     /* its drawing: shapes and texts (with box and px) in order */
	struct gui_target targets[VIEW_MAX_TARGETS]; /* what its clicks do, first wins */
	int ntargets;
	struct view_left_out left_out[VIEW_MAX_LEFT_OUT];
	int nleft_out;
	int scroll_max; /* a scrolled list: the most rows it can scroll past */
};

/* Empties o for a new layout of view name in box. */
void view_out_begin(struct view_out *o, const char *name, struct gui_rect box);
/* Frees o's memory (the command list). */
void view_out_free(struct view_out *o);
/* Adds a click target (ignored past VIEW_MAX_TARGETS). */
void view_target(struct view_out *o, struct gui_rect r, int action, int64_t arg);
/* Notes an item left out for lack of room. */
void view_left_out(struct view_out *o, const char *what, const char *why);
/* Records text as draw_text() would draw it, measured with the frame's
 * fonts; returns its width, as draw_text() does. */
float view_text(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                int align, struct gui_color c, const char *text);
/* A titled panel frame at r (title may be NULL). */
void view_panel_frame(struct view_out *o, const struct view_frame *f, struct gui_rect r,
                      const char *title);
/* Word-wraps text into width from y, at most max_lines lines (the last
 * one cut with "…"); returns the height used. */
float view_text_wrap(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                     float width, struct gui_color c, const char *text, int max_lines);
/* As view_text_wrap(); returns 1 when the text was cut short, its height
 * in *used. */
int view_text_wrap_cut(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                       float width, struct gui_color c, const char *text, int max_lines,
                       float *used);
/* How many lines text takes wrapped into width. */
int view_wrap_count(const struct view_frame *f, int font, float width, const char *text);
/* text into out, cut with "…" to fit width; returns 1 when cut. */
int view_shorten(const struct view_frame *f, int font, const char *text, float width, char *out,
                 size_t size);
/* A message's line (n bytes of line) into out, cut to width in font: a
 * line with a path at its front ("…/lessons/x.tcps"), since the end of a
 * path says most; any other line (a run's warning: "line 8: warning: ...")
 * at its end, so that its line number stays; returns 1 when cut. */
int view_message_line(const struct view_frame *f, int font, const char *line, size_t n, float width,
                      char *out, size_t size);
/* view_text() of text shortened to width ("…"); *cut (may be NULL) says
 * whether it was. */
float view_text_fit(struct view_out *o, const struct view_frame *f, int font, float x, float y,
                    int align, struct gui_color c, const char *text, float width, int *cut);
/* 1 when the record of kind (TR_SEG_SEND, TR_SEG_ARRIVE, TR_SEG_LOST)
 * about segment seg at time at is done by the present (quiz mode: a
 * segment sent at the present's very time, after its last record, is
 * still the future). */
int view_seg_rec_done(const struct view_frame *f, uint32_t seg, int kind, simtime_t at);
/* The socket host's views follow now (follow[host], else the host's
 * current one), or NULL. */
const struct snap_sock *view_followed(const struct snapshot *snap, const int32_t follow[2],
                                      int host);

/* Writes the layout of a w x h frame made of the regions r and the views
 * v[0..n) as JSON (layout_json.c): {"size", "regions" (the non-empty
 * ones), "views", "texts", "left_out"}; 0, or -1 when writing failed. */
int view_layout_json(FILE *fp, int w, int h, const struct view_regions *r,
                     const struct view_out *const *v, int n);

/* ---- the state diagram (diagram.c) ---- */

#define DIAG_BOXES (TCPS_COUNT + 1) /* index TCPS_COUNT: CLOSED at the bottom */
#define DIAG_MAX_PTS 5

struct diag_arrow_geo {
	int npts;
	struct gui_point pts[DIAG_MAX_PTS];
	struct gui_rect label; /* its "event / action" label, plates included */
	float lit[2];          /* light per host, 0..1 */
};

struct diagram_layout {
	int host_box_b[2];            /* compare mode: run B's host's box, -1 none */
	struct gui_point marker_b[2]; /* its hollow marker */
	struct gui_rect area;
	struct gui_rect box[DIAG_BOXES];
	int count[DIAG_BOXES]; /* sockets in that state, both hosts together */
	struct diag_arrow_geo arrow[ARROW_DIAGRAM_COUNT];
	int host_box[2];            /* box the host's marker is in */
	struct gui_point marker[2]; /* its centre (mid-travel while moving) */
	float marker_r;
	int extra_arrow[2]; /* an off-figure transition (RST...), or -1 */
	struct diag_arrow_geo extra[2];
	/* a host's sockets in a box its marker does not stand for: "×3" in
	 * the host's colour beside the box */
	struct {
		struct gui_rect r;
		int box, host, n;
	} badge[2 * DIAG_BOXES];
	int nbadges;
	struct gui_rect tw_zone; /* under TIME_WAIT: the 2MSL bar and seconds */
	int tw_box_timer;        /* host whose 2MSL runs, -1 */
	float tw_left;           /* fraction of 2MSL left */
	simtime_t tw_remaining;
	struct view_out out;
};

/* The diagram's own cache: boxes, arrows and labels depend only on its
 * area and the scales, so they are placed once and reused. */
struct diagram_state {
	int ok;
	struct gui_rect area;
	float s, ds;
	struct diagram_layout placed;
};

/* Lays the diagram out in area: boxes, arrows, labels, markers (mid-travel
 * while a transition animates), the 2MSL countdown; fills dl->out. */
void view_diagram_layout(struct diagram_state *st, const struct view_frame *f, struct gui_rect area,
                         struct diagram_layout *dl);
/* Overlaps in a laid-out diagram (tests): labels over boxes or markers,
 * over other labels, over other arrows' lines, or outside the panel.  Writes
 * a description of the first few to why (may be NULL); returns how many. */
int view_diagram_overlaps(const struct view_frame *f, const struct diagram_layout *dl, char *why,
                          size_t size);
/* Frees what the layout holds. */
void view_diagram_free(struct diagram_layout *dl);

/* ---- the ladder (ladder.c) ---- */

struct ladder_seg {
	uint32_t seg;
	struct gui_point a, b; /* from the sender to where it is (or ended) */
	int done;              /* arrived (or lost and past the middle) */
	int lost, retx, from;
	/* not a segment: the router hop's ICMP "fragmentation needed" for
	 * segment seg, from where that segment was lost back to its sender
	 * (`from` is the sender's lane); mtu the router's */
	int icmp;
	uint32_t mtu;
	int broken;             /* sent far above the view: drawn from its top, with a break */
	struct gui_point cross; /* where a lost one ends */
	struct gui_point label;
	int show_label;
	struct gui_rect label_r; /* where its label goes, inside the body */
	char text[160];          /* the label, shortened to fit */
};

struct ladder_mark {
	struct gui_point at;
	int host, state;
	struct gui_rect r; /* the state tag on the timeline */
};

struct ladder_layout {
	struct gui_rect area, body;
	float x[2];   /* the two timelines */
	float scroll; /* content y at the top of body */
	float y_now;  /* the present line, screen y */
	float mark_y; /* compare mode: the divergence's time, screen y */
	struct ladder_seg *segs;
	int nsegs, capsegs;
	struct ladder_mark marks[256];
	int nmarks;
	struct {
		float y;
		float mark_y[2]; /* its break mark's middle on each timeline */
		char text[32];
		struct gui_rect r; /* where its words went (text[0]: none) */
	} gaps[32];
	int ngaps;
	struct view_out out;
};

/* The ladder's own cache: the run's time-to-y map, knots of (time, content
 * y) with long idle gaps folded, built once per run. */
struct ladder_state {
	unsigned run; /* the run the map is for */
	simtime_t *knot_t;
	float *knot_y;
	uint8_t *knot_gap; /* 1: the gap before this knot was folded */
	uint32_t nknots;
	float knot_scale; /* px per microsecond at scale 1 */
	int has_icmp;     /* the run has a router's ICMP to draw */
	/* segments whose flight is longer than long_flight (a delay line
	 * held them): the only ones sent before the view's top that may
	 * still reach into it, so a frame scans from there, not from 0 */
	uint32_t *long_segs, nlong;
	simtime_t long_flight;
	uint32_t map_nsegs;       /* the trace's segments when it was built */
	const struct trace *also; /* the other run whose times the map took in (compare) */
	uint32_t also_n;
};

/* Lays the ladder out in area: segments up to the present, their labels,
 * state tags, folds; fills ll->out. */
void view_ladder_layout(struct ladder_state *st, const struct view_frame *f, struct gui_rect area,
                        struct ladder_layout *ll);
/* The break mark of fold gap on timeline h (the two strokes and the
 * gap they leave in the line), at UI scale s. */
struct gui_rect view_ladder_fold_mark(const struct ladder_layout *ll, int gap, int h, float s);
/* The box of a lost segment's red cross, centre c, at UI scale s. */
struct gui_rect view_ladder_cross_box(struct gui_point c, float s);
/* The segment whose arrow (or label) is nearest to (x, y), within a few
 * pixels at UI scale s: its trace index, or -1 (an ICMP is none). */
int64_t view_ladder_hit(const struct ladder_layout *ll, float x, float y, float s);
/* The arrow of trace segment seg in the layout, or NULL. */
const struct ladder_seg *view_ladder_find(const struct ladder_layout *ll, uint32_t seg);
/* Frees the state's map and the layout's segments. */
void view_ladder_free(struct ladder_state *st, struct ladder_layout *ll);

/* ---- the data plots (plot.c), in the diagram's place ---- */

/* The plot view's cache: the points of out/plot.c for the run, the plot
 * and the socket chosen, rebuilt when one of them changes. */
struct plot_state {
	int ok, have;
	unsigned run;
	uint32_t n; /* the trace's length it was built from (it grows while
	             * the run is simulated ahead) */
	int kind;
	int32_t sock, chosen, cand[2];
	int from;     /* the plot_from it was chosen for */
	int followed; /* 1: the followed connection's data, 0: the busiest */
	int any;      /* 1: some socket of the run sends data */
	int host;     /* the host whose data is plotted, -1 none (set while the plot is off too) */
	struct plot p;
	float x_now;    /* the present line's x in the last layout, -1 none */
	float x_axis;   /* the bytes' axis's x (the time axis's start) in the last layout */
	int built_from; /* the from the points were built for */
};

/* Lays out the plot f->plot asks for (1 the time-sequence graph, 2 the
 * congestion window) in area: the followed connection's data up to the
 * present, the axes spanning the whole transfer, the present line. */
void view_plot_layout(struct plot_state *st, const struct view_frame *f, struct gui_rect area,
                      struct view_out *o);
void view_plot_free(struct plot_state *st);

/* ---- the other views: each fills one struct view_out ---- */

/* Host host's connection panel in f->reg->panel[host]. */
void view_panel_layout(const struct view_frame *f, int host, struct view_out *o);
/* The least height host host's panel needs at width w: its state, its
 * listener and every running timer (the variables and buffers give way). */
float view_panel_min_height(const struct view_frame *f, int host, float w);
/* The word a panel's timer bar starts with ("retransmit", "2MSL" ...). */
const char *view_timer_name(int kind);
/* The name a running timer has in its panel: view_timer_name's, except a
 * linux retransmit timer holding a tail loss probe or RACK's reordering
 * timer (snap_timer.holds), which is named as the trace names its firing. */
const char *view_timer_label(const struct snap_timer *t);
/* The socket table; a target per row follows its connection (GA_FOLLOW). */
void view_table_layout(const struct view_frame *f, struct view_out *o);
/* The height the table needs for each host's heading and followed row,
 * without its title and column headings. */
float view_table_min_height(const struct view_frame *f);
/* What happened: the narration, whole where the region has room for it
 * (its heading goes first), and the expect lines (failures and the next
 * pending one first, "N more", scrolled by f->scroll_expect). */
void view_narration_layout(const struct view_frame *f, struct view_out *o);
/* The height the narration's place needs at width w for its whole
 * sentence and the expect list's failed rows and next pending one; keep
 * adds the heading over it (VIEW_NARR_HEADING) and the list's "N more"
 * line where it has more rows (VIEW_NARR_MORE); VIEW_NARR_LEAST: the
 * least it can be written in (the small font, tight margins, only the
 * failed rows under it). */
#define VIEW_NARR_HEADING 1
#define VIEW_NARR_MORE 2
#define VIEW_NARR_LEAST 4
float view_narration_height(const struct view_frame *f, float w, int keep);
/* The latest note whose time has come, in its own strip (f->reg->notes),
 * in bold, or in the small font when the strip could not be made tall
 * enough; the height it needs at width w in bold (small 0) or in the
 * small font (0: no note). */
void view_notes_layout(const struct view_frame *f, struct view_out *o);
float view_notes_height(const struct view_frame *f, float w, int small);
/* The newest note at the present, -1 none. */
int view_note_now(const struct view_frame *f);
/* The status bar; while a message shows (f->message), it has the title's
 * place, the speed shortened to make room (what to pick comes first). */
void view_status_layout(const struct view_frame *f, struct view_out *o);
/* Compare mode: each run's name over its ladder and the first divergence
 * in the strip under them (compare.c). */
void view_compare_layout(const struct view_frame *f, struct view_out *o);

/* The controls bar: transport, speed and command buttons (a target each),
 * the scrub bar, the hovered button's tooltip. */
struct controls_layout {
	struct gui_rect scrub; /* the scrub bar's track */
	int64_t span;          /* the records it spans: the run's, in quiz mode those seen,
	                        * in compare mode both runs' */
	float knob_x;          /* the knob's centre: the present */
	struct view_out out;
};
void view_controls_layout(const struct view_frame *f, struct controls_layout *c);

/* Quiz mode's card in f->reg->quiz: the question and its choices (a
 * target each, GA_QUIZ_ANSWER), the verdict and why, or the summary;
 * between questions the note and what the last event did. */
void view_quiz_layout(const struct view_frame *f, struct view_out *o);
/* The intervention menu (f->menu) near its segment, a target per choice
 * (GA_IV_CHOOSE, arg its index; Esc's GA_ESCAPE outside them), and the
 * branch's bar in f->reg->branch (GA_IV_SAVE, GA_IV_UNDO buttons), its
 * words wrapped to the bar's width; the bar's height at width w (0: no
 * branch). */
void view_intervene_layout(const struct view_frame *f, struct view_out *o);
float view_branch_height(const struct view_frame *f, float w);

/* The overlays: errors, the message, help, the Open list (a target per
 * file, GA_OPEN_FILE). */
void view_overlays_layout(const struct view_frame *f, struct view_out *o);

#endif
