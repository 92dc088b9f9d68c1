/* font: finds the one UI font ("DejaVu Sans", regular and bold) through
 * fontconfig (see font.h).  Called by draw_new() in draw.c. */
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "font.h"

int font_find(const char *family, const char *style, char *path, size_t size, char *err,
              size_t errsize)
{
	/* A private configuration, destroyed below, so nothing stays
	 * allocated after the window closes. */
	FcConfig *cfg = FcInitLoadConfigAndFonts();
	if (!cfg) {
		snprintf(err, errsize, "fontconfig could not start");
		return -1;
	}
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	if (style)
		FcPatternAddString(pat, FC_STYLE, (const FcChar8 *)style);
	FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	FcResult res;
	FcPattern *match = FcFontMatch(cfg, pat, &res);
	int rc = -1;
	FcChar8 *file = NULL;
	FcChar8 *got = NULL;
	if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
		/* fontconfig always matches something; say so when it is not
		 * the family asked for, but use it. */
		if (FcPatternGetString(match, FC_FAMILY, 0, &got) == FcResultMatch &&
		    strcasecmp((const char *)got, family) != 0)
			fprintf(stderr, "tcpsim: font '%s' not found, using '%s' (%s)\n", family,
			        (const char *)got, (const char *)file);
		snprintf(path, size, "%s", (const char *)file);
		rc = 0;
	} else {
		snprintf(err, errsize,
		         "no font found for '%s': install fonts-dejavu-core "
		         "(apt-get install fonts-dejavu-core)",
		         family);
	}
	if (match)
		FcPatternDestroy(match);
	FcPatternDestroy(pat);
	FcConfigDestroy(cfg);
	return rc;
}
