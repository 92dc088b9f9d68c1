/* layout_json: a frame's layout as JSON (`tcpsim shot --layout`, see
 * view.h): the frame size, the layout step's regions, every view's box,
 * every text drawn with its box and font size in pixels, and everything a
 * view left out, cut or folded.
 * Called by app/run.c with the views of one laid-out frame. */
#include <stdio.h>

#include "view.h"

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * UTF-8 passed through. */
static void json_str(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(fp, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", fp);
		else if (*p < 0x20)
			fprintf(fp, "\\u%04x", *p);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
}

static void json_box(FILE *fp, struct gui_rect r)
{
	fprintf(fp, "\"x\":%.1f,\"y\":%.1f,\"w\":%.1f,\"h\":%.1f", (double)r.x, (double)r.y,
	        (double)r.w, (double)r.h);
}

/* The layout step's regions (regions.c) that are not empty, by name. */
static void json_regions(FILE *fp, const struct view_regions *r)
{
	const struct {
		const char *name;
		struct gui_rect box;
	} reg[] = {{"status", r->status},     {"diagram", r->diagram}, {"ladder", r->ladder},
	           {"ladder_b", r->ladder_b}, {"branch", r->branch},   {"panel0", r->panel[0]},
	           {"panel1", r->panel[1]},   {"notes", r->notes},     {"narration", r->narration},
	           {"table", r->table},       {"quiz", r->quiz},       {"cmp_strip", r->cmp_strip},
	           {"controls", r->controls}};
	int first = 1;
	for (size_t i = 0; i < sizeof reg / sizeof reg[0]; i++) {
		if (reg[i].box.w <= 0 || reg[i].box.h <= 0)
			continue;
		fprintf(fp, "%s\n {\"region\":", first ? "" : ",");
		first = 0;
		json_str(fp, reg[i].name);
		fputc(',', fp);
		json_box(fp, reg[i].box);
		fputc('}', fp);
	}
}

int view_layout_json(FILE *fp, int w, int h, const struct view_regions *r,
                     const struct view_out *const *v, int n)
{
	fprintf(fp, "{\"size\":[%d,%d],\n\"regions\":[", w, h);
	json_regions(fp, r);
	fputs("],\n\"views\":[", fp);
	for (int i = 0; i < n; i++) {
		fprintf(fp, "%s\n {\"name\":", i ? "," : "");
		json_str(fp, v[i]->name);
		fputc(',', fp);
		json_box(fp, v[i]->box);
		fputc('}', fp);
	}
	fputs("],\n\"texts\":[", fp);
	int first = 1;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < v[i]->dl.n; c++) {
			const struct dl_cmd *k = &v[i]->dl.cmd[c];
			if (k->op != DL_TEXT)
				continue;
			fprintf(fp, "%s\n {\"view\":", first ? "" : ",");
			first = 0;
			json_str(fp, v[i]->name);
			fputs(",\"text\":", fp);
			json_str(fp, dl_text_of(&v[i]->dl, k));
			fputc(',', fp);
			json_box(fp, k->r);
			fprintf(fp, ",\"px\":%d}", k->px);
		}
	fputs("],\n\"left_out\":[", fp);
	first = 1;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < v[i]->nleft_out; c++) {
			fprintf(fp, "%s\n {\"view\":", first ? "" : ",");
			first = 0;
			json_str(fp, v[i]->name);
			fputs(",\"what\":", fp);
			json_str(fp, v[i]->left_out[c].what);
			fputs(",\"why\":", fp);
			json_str(fp, v[i]->left_out[c].why);
			fputc('}', fp);
		}
	fputs("]}\n", fp);
	return ferror(fp) ? -1 : 0;
}
