/* font: finds the window's one font file through fontconfig.  Called by
 * draw.c when it opens its fonts; nothing else needs fontconfig. */
#ifndef TCPSIM_GUI_FONT_H
#define TCPSIM_GUI_FONT_H

#include <stddef.h>

/* The file of family (e.g. "DejaVu Sans") in style ("Bold", or NULL for
 * the regular one).  Returns 0 with the path, or -1 with a message in err
 * naming the package to install. */
int font_find(const char *family, const char *style, char *path, size_t size, char *err,
              size_t errsize);

#endif
