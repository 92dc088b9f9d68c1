/* test_gui_layout: the window's layout step, in-process and without
 * rasterising.  `tcpsim shot --layout` writes every view, text and left-out
 * item of the frame as JSON; --zoom takes only the zoom table's factors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gui.h"
#include "gui_fixture.h"

/* How many times needle occurs in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void shot_layout_writes_every_view_and_text(void)
{
	char path[1200], out[] = "/tmp/tcpsim-layout-XXXXXX";
	snprintf(path, sizeof path, "%s/scenarios/01-three-way-handshake.tcps", src_dir);
	int fd = mkstemp(out);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	struct gui_options o = {0};
	o.width = 1366;
	o.height = 768;
	o.zoom = 1.3f;
	CHECK_INT(gui_shot(path, 50000, NULL, out, &o), 0);
	char *j = read_all(out);
	unlink(out);
	CHECK(j != NULL);
	if (!j)
		return;
	CHECK(strncmp(j, "{\"size\":[1366,768],", 19) == 0);
	static const char *const views[] = {"diagram",   "ladder", "panel0",   "panel1",  "table",
	                                    "narration", "status", "controls", "overlays"};
	for (size_t i = 0; i < sizeof views / sizeof views[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "{\"name\":\"%s\",", views[i]);
		CHECK_INT(count_of(j, name), 1);
	}
	/* the same frame laid out in-process: one text item per text drawn */
	struct gui_app *a = open_app(path, 1366, 768);
	if (a) {
		a->settled = 1;
		gui_app_do(a, GA_ZOOM_IN, 0);
		gui_app_do(a, GA_ZOOM_IN, 0);
		gui_app_do(a, GA_SEEK_TIME, 50000);
		gui_app_layout(a);
		const struct view_out *v[GUI_NVIEWS];
		int n = gui_app_views(a, v), texts = 0;
		for (int i = 0; i < n; i++)
			for (int c = 0; c < v[i]->dl.n; c++)
				texts += v[i]->dl.cmd[c].op == DL_TEXT;
		CHECK(texts > 20);
		CHECK_INT(count_of(j, "{\"view\":") - count_of(j, "\"what\":"), texts);
		CHECK(strstr(j, "\"px\":") != NULL);
		close_app(a);
	}
	free(j);
}

static void zoom_takes_only_the_tables_factors(void)
{
	char path[1200];
	snprintf(path, sizeof path, "%s/scenarios/01-three-way-handshake.tcps", src_dir);
	struct gui_options o = {0};
	o.zoom = 1.2f;
	CHECK_INT(gui_shot(path, 0, NULL, "/tmp/tcpsim-layout-never.json", &o), 2);
	CHECK(access("/tmp/tcpsim-layout-never.json", F_OK) != 0);
	CHECK(gui_zoom_index(1.15f) >= 0);
	CHECK(gui_zoom_index(1.0f) >= 0);
	CHECK_INT(gui_zoom_index(1.2f), -1);
}

int main(void)
{
	fixture_init();
	RUN(shot_layout_writes_every_view_and_text);
	RUN(zoom_takes_only_the_tables_factors);
	return check_report("test_gui_layout");
}
