/* app: the window's state and the only place that changes the present or
 * the looks (gui_app_do).  Used by app/run.c, app/events.c and the tests,
 * which build an app off-screen, drive it with actions and ask the layout.
 *
 * A frame runs in a fixed order (app/run.c): poll input and map it to
 * actions (app/events.c), advance time (gui_app_tick), advance the
 * animation, lay every view out from one read-only frame and draw their
 * command lists (gui_app_render), present. */
#ifndef TCPSIM_GUI_APP_H
#define TCPSIM_GUI_APP_H

#include <stdint.h>

#include "draw.h"
#include "compare.h"
#include "gui.h"
#include "input.h"
#include "intervene.h"
#include "openlist.h"
#include "output.h"
#include "quizmode.h"
#include "scenario.h"
#include "sim.h"
#include "view.h"
#include "watch.h"

/* The last frame's layout: the regions and every view's result. */
struct gui_layout {
	struct view_regions reg;
	struct controls_layout controls;
	struct diagram_layout diag;
	struct ladder_layout ladder;
	struct view_out panel[2], table, narration, notes, status, overlays, plot, quiz, intervene;
	struct ladder_layout ladder_b; /* compare mode: run B's ladder */
	struct view_out compare;       /* compare mode: the runs' names, the divergence */
};

/* What run B of compare mode is (Shift+C chooses among the first two). */
enum gui_cmp_source {
	CMP_SRC_PROFILE, /* the same file under the other profile */
	CMP_SRC_SEED,    /* the same file, the next seed */
	CMP_SRC_GIVEN,   /* a scenario handed to gui_app_compare (the run before an
	                    intervention, `tcpsim compare A B`) */
};

/* Compare mode: a second run beside the first, on a common time axis, at
 * the same present time (its record follows the first run's time). */
struct gui_cmp {
	int on;               /* 1: the window shows the two runs side by side */
	int source;           /* enum gui_cmp_source of run B */
	char label[2][1280];  /* "run A: x.tcps, linux, seed 1", "run B: x.tcps, rfc9293, seed 1" */
	struct scenario *scn; /* run B: owned, outlives sim; NULL when there is none */
	struct sim *sim;
	const struct trace *tr;
	struct fmt_ctx *fmt;
	struct snapshot snap;
	int64_t k; /* run B's present record (app.c: present_rec, run A's rule too) */
	uint32_t *state_recs, nstate_recs, state_cap, state_scanned;
	unsigned run;     /* counts run B's loads, for its ladder's cache */
	struct compare c; /* the alignment of run A (the app's run) with run B */
	char why[600];    /* the first divergence in a sentence */
	int32_t mark[2];  /* its segment in run A and run B, -1 none */
	simtime_t mark_t; /* its time (in the run that has it), -1 when they agree */
};

struct gui_app {
	/* the scenario and its run */
	char path[1024];
	struct scenario *scn; /* owned; outlives sim */
	struct sim *sim;
	const struct trace *tr;
	struct fmt_ctx *fmt;
	struct snapshot snap;
	uint64_t seed;
	int seed_set;
	int profile;          /* enum profile_id + 1 the file runs under; 0 its own */
	uint32_t *state_recs; /* indices of TR_STATE records */
	uint32_t nstate_recs, state_cap;
	uint32_t state_scanned; /* records the index has looked at */
	/* the first run is simulated ahead between frames (sim_extend) */
	int complete;          /* 1: the run reached its end (or stopped) */
	simtime_t max_flight;  /* the longest flight of the segments seen so far */
	uint32_t flights_seen; /* segments looked at for it (busy_at) */
	double progress_next;  /* wall time of the next progress message */
	unsigned run;          /* counts loads, so views rebuild what they keep per run */

	/* diagnostics of the last failed load, shown over the last good run */
	char errors[4096];
	int nerrors;
	int errors_hidden; /* Esc closed their overlay, until the next failed load */

	/* the present */
	int64_t k;     /* the last record done, -1 = the start */
	int started;   /* 0 at the start (Home): in compare mode no record is done, not
	                  even one at time 0 (app.c: present_rec); 1 once the present moves */
	simtime_t t;   /* present simulated time, may lie between records */
	double t_frac; /* sub-microsecond remainder while playing */
	int playing;
	int speed_idx;
	int skip_idle;
	int32_t follow[2];               /* followed socket handle per host, -1 = its current */
	int scroll_table, scroll_expect; /* rows scrolled past (the views clamp them) */

	/* looks and overlays */
	int dark;
	int zoom_idx;
	int help, open_list, fullscreen;
	int plot;      /* G: 0 the state diagram, 1 the time-sequence graph, 2 cwnd */
	int plot_zoom; /* the wheel over a plot: its time axis shows 1/2^plot_zoom */
	int plot_from; /* Shift+G: whose data a plot shows: a host, -1 the end that sent more */
	char message[1024];
	double message_since, message_until; /* wall seconds it showed from, and until */
	struct gui_openlist open;            /* the list GA_OPEN shows */
	struct gui_quiz quiz;                /* P: quiz mode (quizmode.h) */
	struct view_quiz quiz_view;          /* what the views see of it, made by gui_app_layout */
	struct gui_iv iv; /* the interventions: a click on a segment (intervene.h) */

	/* time and animation */
	double wall; /* wall seconds, advanced by gui_app_tick */
	struct view_anim anim[2];
	int settled; /* 1: draw every animation finished (shots) */

	/* input state (app/events.c) */
	int dragging; /* the scrub bar */
	float mouse_x, mouse_y;
	int quit;
	int pending_shot;
	int swallow_text; /* the next text event is the key that opened the Open list */
	int dirty;        /* something changed since the last frame: draw one */

	/* the file watch */
	struct gui_watch watch;
	double watch_next;

	struct draw *d;
	int layout_w, layout_h; /* > 0: gui_app_layout() at this size, not the draw's (tests) */
	struct gui_layout lay;
	/* the views' own state: their caches */
	struct diagram_state diagram;
	struct ladder_state ladder;
	struct plot_state plot_st;
	struct ladder_state ladder_b_st; /* run B's ladder's cache */

	struct gui_cmp cmp;
};

/* Compare mode with another run: `other` (owned by the app from here on,
 * freed whatever happens) is run to its end with its own seed and shown as
 * run B beside the app's run, on a common time axis, the first divergence
 * marked on both ladders and said in the compare strip; label names it
 * ("the run before this intervention").  The app's run is simulated to its
 * end first.  Returns 0, or -1 (out of memory, or the run stopped: said in
 * the message) with compare mode as it was. */
int gui_app_compare(struct gui_app *a, struct scenario *other, const char *label);

/* Makes an app on a draw context (not owned).  Loads path; on failure
 * returns NULL after printing the diagnostics to stderr. */
struct gui_app *gui_app_new(struct draw *d, const char *path, const struct gui_options *opt);
/* Frees the app, its run and its layouts (not the draw context). */
void gui_app_free(struct gui_app *a);

/* Does one action: the only place that changes the present or the looks. */
void gui_app_do(struct gui_app *a, int action, int64_t arg);
/* Advances wall time by dt seconds: playback, animations, file watch. */
void gui_app_tick(struct gui_app *a, double dt);
/* Advances the animation and lays every view out at the draw context's
 * size and the zoom, drawing nothing; a->lay holds the layout after. */
void gui_app_layout(struct gui_app *a);
/* gui_app_layout(), then gui_app_paint() (no present). */
void gui_app_render(struct gui_app *a);
/* Draws the views of the last layout (no present). */
void gui_app_paint(struct gui_app *a);
/* The views of the last layout, in painting order, into v[GUI_NVIEWS];
 * returns how many. */
#define GUI_NVIEWS 12
int gui_app_views(const struct gui_app *a, const struct view_out **v);
/* The index of a zoom factor (1.3) in the zoom table, or -1; the table as
 * text for messages. */
int gui_zoom_index(float factor);
const char *gui_zoom_table(void);
/* The records the scrub bar spans: the run's; in quiz mode only those
 * seen so far (the present's furthest), so that it neither tells how long
 * the run goes on nor lets a click jump ahead; in compare mode both runs'
 * records, in time order on their one time axis (so that the bar reaches
 * every instant of either run, past run A's end too).  Those done at the
 * present (the knob): in compare mode both runs' by present_rec.  The
 * place a click at fraction frac (0..1) of its track asks for (GA_SCRUB's
 * argument), -1 the start. */
int64_t gui_app_scrub_span(const struct gui_app *a);
int64_t gui_app_scrub_done(const struct gui_app *a);
int64_t gui_app_scrub_record(const struct gui_app *a, float frac);
/* The read-only frame the views see for the present (tests call view
 * layouts with it); it points into a and a->lay.reg. */
void gui_app_frame(const struct gui_app *a, struct view_frame *f);
/* Reloads the scenario file keeping the present's time; returns 0, or the
 * number of errors (the last good run stays). */
int gui_app_reload(struct gui_app *a);
/* Saves the frame drawn last as NAME-tT.png beside the scenario and says
 * where in the message. */
void gui_app_screenshot(struct gui_app *a);
/* 1 while something moves on screen (playing, dragging, an animation):
 * the loop draws every frame, at the display's rate, without waiting. */
int gui_app_busy(const struct gui_app *a);
/* 1 once the run is simulated to its end; the first run of the window
 * is simulated ahead between frames, FRAME_EVENTS a frame (app.c). */
int gui_app_complete(const struct gui_app *a);
/* Simulates the rest of the run now; returns 0, or 1 when a budget
 * stopped it (its error is in a->errors). */
int gui_app_finish(struct gui_app *a);
/* 1 when the next frame must be drawn: busy, or a->dirty (an action, an
 * event, a reload, a message appearing or going). */
int gui_app_needs_frame(const struct gui_app *a);
/* How long the loop may sleep waiting for input when nothing moves, in
 * milliseconds: until the message goes, at most a file-watch period. */
int gui_app_idle_ms(const struct gui_app *a);

#endif
