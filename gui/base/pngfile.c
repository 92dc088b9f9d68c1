/* pngfile: screenshot files (see pngfile.h), written by draw_save_png().
 * With libpng (TCPSIM_HAVE_PNG, which CMakeLists.txt sets: it requires
 * libpng) the image is compressed; without it a minimal encoder writes
 * deflate "stored" blocks, valid but larger. */
#include "pngfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef TCPSIM_HAVE_PNG
#include <png.h>

int gui_png_write(const char *path, const uint8_t *rgba, int w, int h, size_t stride, char *err,
                  size_t errsize)
{
	png_image img;
	memset(&img, 0, sizeof img);
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGBA;
	if (!png_image_write_to_file(&img, path, 0, rgba, (png_int_32)stride, NULL)) {
		snprintf(err, errsize, "cannot write %s: %s", path, img.message);
		return -1;
	}
	return 0;
}

#else

static uint32_t crc_table_entry(uint32_t c)
{
	for (int k = 0; k < 8; k++)
		c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
	return c;
}

struct png_out {
	FILE *f;
	uint32_t crc_table[256];
	uint32_t crc;
	uint32_t a1, a2; /* Adler-32 of the zlib stream */
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void emit(struct png_out *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		o->crc = o->crc_table[(o->crc ^ p[i]) & 0xff] ^ (o->crc >> 8);
	fwrite(p, 1, n, o->f);
}

static void chunk_begin(struct png_out *o, const char *type, uint32_t len)
{
	uint8_t b[4];
	put32(b, len);
	fwrite(b, 1, 4, o->f);
	o->crc = 0xffffffffu;
	emit(o, (const uint8_t *)type, 4);
}

static void chunk_end(struct png_out *o)
{
	uint8_t b[4];
	put32(b, o->crc ^ 0xffffffffu);
	fwrite(b, 1, 4, o->f);
}

static void adler(struct png_out *o, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		o->a1 = (o->a1 + p[i]) % 65521;
		o->a2 = (o->a2 + o->a1) % 65521;
	}
}

int gui_png_write(const char *path, const uint8_t *rgba, int w, int h, size_t stride, char *err,
                  size_t errsize)
{
	struct png_out o;
	memset(&o, 0, sizeof o);
	for (uint32_t i = 0; i < 256; i++)
		o.crc_table[i] = crc_table_entry(i);
	o.f = fopen(path, "wb");
	if (!o.f) {
		snprintf(err, errsize, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	fwrite(sig, 1, 8, o.f);
	uint8_t ihdr[13];
	put32(ihdr, (uint32_t)w);
	put32(ihdr + 4, (uint32_t)h);
	ihdr[8] = 8; /* bit depth */
	ihdr[9] = 6; /* RGBA */
	ihdr[10] = 0;
	ihdr[11] = 0;
	ihdr[12] = 0;
	chunk_begin(&o, "IHDR", 13);
	emit(&o, ihdr, 13);
	chunk_end(&o);

	/* The raw stream: each row is a filter byte 0 then the pixels. */
	size_t row = (size_t)w * 4 + 1;
	size_t raw = row * (size_t)h;
	size_t nblocks = (raw + 65534) / 65535;
	size_t zlen = 2 + raw + nblocks * 5 + 4;
	chunk_begin(&o, "IDAT", (uint32_t)zlen);
	static const uint8_t zhdr[2] = {0x78, 0x01};
	emit(&o, zhdr, 2);
	o.a1 = 1;
	o.a2 = 0;
	size_t pos = 0; /* position in the raw stream */
	while (pos < raw) {
		size_t n = raw - pos < 65535 ? raw - pos : 65535;
		uint8_t bh[5] = {(uint8_t)(pos + n == raw), (uint8_t)n, (uint8_t)(n >> 8),
		                 (uint8_t)~n, (uint8_t)(~n >> 8)};
		emit(&o, bh, 5);
		size_t left = n;
		while (left) {
			size_t y = pos / row, x = pos % row;
			const uint8_t zero = 0;
			if (x == 0) {
				emit(&o, &zero, 1);
				adler(&o, &zero, 1);
				pos++;
				left--;
				continue;
			}
			size_t take = row - x < left ? row - x : left;
			const uint8_t *src = rgba + y * stride + (x - 1);
			emit(&o, src, take);
			adler(&o, src, take);
			pos += take;
			left -= take;
		}
	}
	uint8_t ad[4];
	put32(ad, (o.a2 << 16) | o.a1);
	emit(&o, ad, 4);
	chunk_end(&o);
	chunk_begin(&o, "IEND", 0);
	chunk_end(&o);
	if (fclose(o.f) != 0) {
		snprintf(err, errsize, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

#endif
