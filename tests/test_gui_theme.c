/* test_gui_theme: the two palettes of gui/base/theme.c are legible on a
 * projector.  Computes the WCAG 2 contrast ratio of every pair the views
 * draw (which colour on which background: text at least 4.5:1, lines and
 * marks at least 3:1; panel borders are decoration and left out), and
 * checks that the two hosts' colours stay apart for deuteranopes and
 * protanopes (simulated with Machado et al. 2009's matrices, compared in
 * CIELAB). */
#include <math.h>
#include <stdio.h>

#include "check.h"
#include "theme.h"

static double linear(int c)
{
	double v = c / 255.0;
	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double luminance(struct gui_color c)
{
	return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

static double ratio(struct gui_color a, struct gui_color b)
{
	double la = luminance(a), lb = luminance(b);
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

#define TEXT 4.5
#define MARK 3.0

struct pair {
	const char *what;
	const struct gui_color *fg, *bg;
	double min;
};

static void check_theme(const struct gui_theme *t, const char *name)
{
	const struct pair pairs[] = {
	    {"text on the background", &t->text, &t->bg, TEXT},
	    {"text on a panel", &t->text, &t->panel, TEXT},
	    {"text on an alternate row", &t->text, &t->panel_alt, TEXT},
	    {"dim text on the background", &t->text_dim, &t->bg, TEXT},
	    {"dim text on a panel", &t->text_dim, &t->panel, TEXT},
	    {"dim text on an alternate row", &t->text_dim, &t->panel_alt, TEXT},
	    {"a state box's name", &t->box_text, &t->box, TEXT},
	    {"an arrow's label", &t->arrow_text, &t->panel, TEXT},
	    {"a button's label", &t->button_text, &t->button, TEXT},
	    {"a hovered button's label", &t->button_text, &t->button_hover, TEXT},
	    {"client name on its colour", &t->host_ink[0], &t->host[0], TEXT},
	    {"server name on its colour", &t->host_ink[1], &t->host[1], TEXT},
	    {"text on the client's tint", &t->text, &t->host_tint[0], TEXT},
	    {"text on the server's tint", &t->text, &t->host_tint[1], TEXT},
	    {"a note (accent) on a panel", &t->accent, &t->panel, TEXT},
	    {"accent text on the background", &t->accent, &t->bg, TEXT},
	    {"the 2MSL countdown's text", &t->warn, &t->panel, TEXT},
	    {"an error title", &t->bad, &t->panel, TEXT},
	    {"a lost segment's label", &t->lost, &t->panel, TEXT},
	    {"a message (panel on text)", &t->panel, &t->text, TEXT},
	    {"an unused arrow", &t->arrow, &t->panel, MARK},
	    {"the client's lines", &t->host[0], &t->panel, MARK},
	    {"the server's lines", &t->host[1], &t->panel, MARK},
	    {"the client's marks on the background", &t->host[0], &t->bg, MARK},
	    {"the server's marks on the background", &t->host[1], &t->bg, MARK},
	    {"the server's marks on an alternate row", &t->host[1], &t->panel_alt, MARK},
	    {"a tick", &t->ok, &t->panel, MARK},
	    {"a cross", &t->bad, &t->panel, MARK},
	    {"the loss cross", &t->lost, &t->panel, MARK},
	    {"the present line (accent)", &t->accent, &t->panel, MARK},
	    {"the scrub bar's played part", &t->accent, &t->panel_alt, MARK},
	    {"the play icon on the accent", &t->host_ink[1], &t->accent, MARK},
	    {"the 2MSL countdown's frame", &t->warn, &t->panel, MARK},
	    {"acked bytes", &t->acked, &t->panel_alt, MARK},
	    {"bytes in flight", &t->inflight, &t->panel_alt, MARK},
	    {"unsent bytes", &t->unsent, &t->panel_alt, MARK},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		const struct pair *p = &pairs[i];
		double r = ratio(*p->fg, *p->bg);
		CHECK(r >= p->min);
		if (r < p->min)
			fprintf(stderr,
			        "  %s theme: %s: #%02X%02X%02X on #%02X%02X%02X is %.2f:1, "
			        "wants %.1f:1\n",
			        name, p->what, p->fg->r, p->fg->g, p->fg->b, p->bg->r, p->bg->g,
			        p->bg->b, r, p->min);
	}
}

/* CIELAB of linear RGB (D65). */
static void lab(const double rgb[3], double out[3])
{
	double x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
	double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
	double z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
	double v[3] = {x / 0.95047, y, z / 1.08883};
	for (int i = 0; i < 3; i++)
		v[i] = v[i] > 0.008856 ? cbrt(v[i]) : 7.787 * v[i] + 16.0 / 116;
	out[0] = 116 * v[1] - 16;
	out[1] = 500 * (v[0] - v[1]);
	out[2] = 200 * (v[1] - v[2]);
}

/* The colour as a viewer with matrix m (Machado 2009, severity 1) sees it,
 * in CIELAB. */
static void seen(struct gui_color c, const double m[3][3], double out[3])
{
	double in[3] = {linear(c.r), linear(c.g), linear(c.b)}, s[3];
	for (int i = 0; i < 3; i++) {
		s[i] = m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2];
		s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
	}
	lab(s, out);
}

static void hosts_stay_apart(const struct gui_theme *t, const char *name)
{
	static const double none[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
	static const double deutan[3][3] = {{0.367322, 0.860646, -0.227968},
	                                    {0.280085, 0.672501, 0.047413},
	                                    {-0.011820, 0.042940, 0.968881}};
	static const double protan[3][3] = {{0.152286, 1.052583, -0.204868},
	                                    {0.114503, 0.786281, 0.099216},
	                                    {-0.003882, -0.048116, 1.051998}};
	const double(*ms[3])[3] = {none, deutan, protan};
	const char *who[3] = {"normal vision", "deuteranopia", "protanopia"};
	for (int k = 0; k < 3; k++) {
		double a[3], b[3];
		seen(t->host[0], ms[k], a);
		seen(t->host[1], ms[k], b);
		double de = sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
		                 (a[2] - b[2]) * (a[2] - b[2]));
		/* 2.3 is a just noticeable difference; 40 is far apart */
		CHECK(de >= 40);
		if (de < 40)
			fprintf(stderr,
			        "  %s theme, %s: the hosts' colours are %.1f apart (CIELAB)\n",
			        name, who[k], de);
	}
}

static void both_themes_have_the_contrast_a_projector_needs(void)
{
	check_theme(gui_theme_get(0), "light");
	check_theme(gui_theme_get(1), "dark");
	hosts_stay_apart(gui_theme_get(0), "light");
	hosts_stay_apart(gui_theme_get(1), "dark");
}

int main(void)
{
	RUN(both_themes_have_the_contrast_a_projector_needs);
	return check_report("test_gui_theme");
}
