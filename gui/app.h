/* app: the window's state and its one control loop.  A frame runs in a fixed
 * order: poll input, map it to actions (gui_app_do), advance the animation
 * (gui_app_tick), lay out (views), draw, present.  Everything is in struct
 * gui_app, passed explicitly; tests build one off-screen and drive it with
 * actions, then ask the layout where things are. */
#ifndef TCPSIM_GUI_APP_H
#define TCPSIM_GUI_APP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "draw.h"
#include "geom.h"
#include "gui.h"
#include "output.h"
#include "scenario.h"
#include "sim.h"
#include "tcpstate.h"
#include "theme.h"
#include "trace.h"

enum gui_action {
	GA_NONE,
	GA_PLAY,       /* toggle play / pause */
	GA_STEP,       /* next record */
	GA_BACK,       /* previous record */
	GA_NEXT_STATE, /* next state change */
	GA_PREV_STATE, /* previous state change */
	GA_HOME,
	GA_END,
	GA_SEEK_TIME,   /* arg: simulated microseconds */
	GA_SEEK_RECORD, /* arg: record index, -1 = the start */
	GA_FASTER,
	GA_SLOWER,
	GA_SKIP_IDLE, /* toggle */
	GA_RELOAD,
	GA_OPEN,      /* toggle the scenario list */
	GA_OPEN_FILE, /* arg: index into the scenario list */
	GA_ZOOM_IN,
	GA_ZOOM_OUT,
	GA_ZOOM_RESET,
	GA_THEME,
	GA_SCREENSHOT,
	GA_EXPORT,
	GA_HELP,
	GA_ESCAPE,
	GA_QUIT,
	GA_FULLSCREEN,
	GA_FOLLOW, /* arg: host << 24 | socket handle; -1: both current */
	GA_COUNT
};

#define GUI_MAX_BUTTONS 24
#define GUI_MAX_ROWS 64
#define DIAG_BOXES (TCPS_COUNT + 1) /* index TCPS_COUNT: CLOSED at the bottom */
#define DIAG_MAX_PTS 5

struct diag_arrow_geo {
	int npts;
	struct gui_point pts[DIAG_MAX_PTS];
	struct gui_rect label; /* its "event / action" label, plates included */
	float lit[2];          /* light per host, 0..1 */
};

struct diagram_layout {
	struct gui_rect area;
	struct gui_rect box[DIAG_BOXES];
	int count[DIAG_BOXES]; /* sockets in that state, both hosts */
	struct diag_arrow_geo arrow[ARROW_DIAGRAM_COUNT];
	int host_box[2];            /* box the host's marker is in */
	struct gui_point marker[2]; /* its centre (mid-travel while moving) */
	float marker_r;
	int extra_arrow[2]; /* an off-figure transition (RST...), or -1 */
	struct diag_arrow_geo extra[2];
	struct gui_rect tw_zone; /* under TIME_WAIT: the 2MSL bar and seconds */
	int tw_box_timer;        /* host whose 2MSL runs, -1 */
	float tw_left;           /* fraction of 2MSL left */
	simtime_t tw_remaining;
};

struct ladder_seg {
	uint32_t seg;
	struct gui_point a, b; /* from the sender to where it is (or ended) */
	int done;              /* arrived (or lost and past the middle) */
	int lost, retx, from;
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
	struct ladder_seg *segs;
	int nsegs, capsegs;
	struct ladder_mark marks[256];
	int nmarks;
	struct {
		float y;
		char text[32];
	} gaps[32];
	int ngaps;
};

struct table_row {
	struct gui_rect r;
	int host;
	int32_t handle;
};

struct gui_button {
	struct gui_rect r;
	int action;
	int64_t arg;
	const char *label; /* text, or NULL for an icon */
	int icon;          /* see view_controls.c */
	int on;            /* a toggle's state */
};

struct gui_layout {
	float s;        /* UI scale */
	float ds;       /* the diagram's scale: s, but never past what fits */
	float pad, gap; /* outer padding and panel gap */
	struct gui_rect status, diagram, ladder, panel[2], narration, table, controls;
	struct gui_rect scrub; /* the scrub bar track */
	struct diagram_layout diag;
	struct ladder_layout ladder_l;
	struct table_row rows[GUI_MAX_ROWS];
	int nrows;
	struct gui_button buttons[GUI_MAX_BUTTONS];
	int nbuttons;
	struct gui_rect open_items[64];
	int nopen_items;
};

/* One host's transition animation on the diagram. */
struct gui_anim {
	int64_t rec; /* the TR_STATE record shown, -1 none */
	int arrow;
	int from_box, to_box;
	double start; /* wall seconds when it began */
	int travel;   /* 1: the marker travels (stepping forward) */
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
	uint32_t *state_recs; /* indices of TR_STATE records */
	uint32_t nstate_recs;
	/* the ladder's time-to-y map: knots of (time, content y) */
	simtime_t *knot_t;
	float *knot_y;
	uint8_t *knot_gap; /* 1: the gap before this knot was compressed */
	uint32_t nknots;
	float knot_scale; /* the scale the knots were built for */

	/* diagnostics of the last failed load, shown over the last good run */
	char errors[4096];
	int nerrors;

	/* the present */
	int64_t k;     /* the last record done, -1 = the start */
	simtime_t t;   /* present simulated time, may lie between records */
	double t_frac; /* sub-microsecond remainder while playing */
	int playing;
	int speed_idx;
	int skip_idle;
	int32_t follow[2]; /* followed socket handle per host, -1 = its current */

	/* looks and overlays */
	int dark;
	int zoom_idx;
	int help, open_list, fullscreen;
	char message[512];
	double message_until;
	char **files; /* the scenarios/ list for GA_OPEN */
	int nfiles;

	/* time and animation */
	double wall; /* wall seconds, advanced by gui_app_tick */
	struct gui_anim anim[2];
	int settled; /* 1: draw every animation finished (shots) */

	/* input state */
	int dragging; /* the scrub bar */
	float mouse_x, mouse_y;
	int quit;
	int pending_shot;
	int width, height;

	/* the file watch */
	long long watch_mtime_ns;
	long long watch_size;
	double watch_next;

	struct draw *d;
	struct gui_layout lay;
	/* the diagram's boxes, arrows and labels depend only on its area and
	 * the scale: placed once, reused while they stay the same */
	struct diagram_layout diag_static;
	struct gui_rect diag_static_area;
	float diag_static_s;
	int diag_static_ok;
};

/* Makes an app on a draw context (not owned).  Loads path; on failure
 * returns NULL after printing the diagnostics to stderr. */
struct gui_app *gui_app_new(struct draw *d, const char *path, const struct gui_options *opt);
void gui_app_free(struct gui_app *a);

/* Does one action (the only place that changes the present or the looks). */
void gui_app_do(struct gui_app *a, int action, int64_t arg);
/* Advances wall time by dt seconds: playback, animations, file watch. */
void gui_app_tick(struct gui_app *a, double dt);
/* Lays out and draws one frame at the draw context's size (no present). */
void gui_app_render(struct gui_app *a);
/* Reloads the scenario file keeping the present's time; returns 0, or the
 * number of errors (the last good run stays). */
int gui_app_reload(struct gui_app *a);

/* The speed factor for a speed index, and the label ("1×"). */
double gui_speed(int idx);
const char *gui_speed_label(int idx);

/* Layout (layout.c): the regions for a w x h frame at scale s. */
void gui_layout_regions(struct gui_layout *l, int w, int h, float s);

/* Views: each lays out from the app (and the snapshot), then draws. */
void view_diagram_layout(struct gui_app *a, struct diagram_layout *dl, struct gui_rect area);
void view_diagram_draw(struct gui_app *a, const struct diagram_layout *dl);
/* Overlaps in a laid-out diagram (tests): labels over boxes or markers,
 * over other labels, over other arrows' lines, or outside the panel.  Writes
 * a description of the first few to why (may be NULL). */
int view_diagram_overlaps(const struct gui_app *a, const struct diagram_layout *dl, char *why,
                          size_t size);
void view_ladder_layout(struct gui_app *a, struct ladder_layout *ll, struct gui_rect area);
void view_ladder_draw(struct gui_app *a, const struct ladder_layout *ll);
void view_ladder_build_map(struct gui_app *a);
void view_panels_draw(struct gui_app *a);
void view_table_draw(struct gui_app *a);
void view_narration_draw(struct gui_app *a);
void view_status_draw(struct gui_app *a);
void view_controls_layout(struct gui_app *a);
void view_controls_draw(struct gui_app *a);
void view_overlays_draw(struct gui_app *a);

/* Helpers shared by views (view_common.c). */
/* The socket a host's views follow now, or NULL. */
const struct snap_sock *gui_followed(const struct gui_app *a, int host);
void gui_panel_frame(struct gui_app *a, struct gui_rect r, const char *title);
/* Word-wraps text into width; draws it from y; returns the height used. */
float gui_text_wrap(struct gui_app *a, int font, float x, float y, float width, struct gui_color c,
                    const char *text, int max_lines);

/* The file watch (watch.c): 1 when the file changed since the last call. */
int gui_watch_poll(struct gui_app *a);
void gui_watch_reset(struct gui_app *a);

#endif
