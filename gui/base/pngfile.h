/* pngfile: writes an RGBA image to a PNG file (libpng when built with it,
 * else a small uncompressed encoder).  Called by draw.c for screenshots. */
#ifndef TCPSIM_GUI_PNG_H
#define TCPSIM_GUI_PNG_H

#include <stddef.h>
#include <stdint.h>

/* rgba: h rows of w pixels, 4 bytes each (R, G, B, A), stride bytes apart.
 * Returns 0, or -1 with a message in err. */
int gui_png_write(const char *path, const uint8_t *rgba, int w, int h, size_t stride, char *err,
                  size_t errsize);

#endif
