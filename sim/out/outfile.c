/* outfile: where an output goes when a command says -o PATH.  Called by
 * the command line (pcap, svg) and by out_pcap().  Standard output is
 * written where it already points, a FIFO or pipe only written, and a
 * regular file that ends half-written is removed. */
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void set_err(char *err, size_t errsize, const char *path, const char *why)
{
	if (err && errsize)
		snprintf(err, errsize, "cannot write %s: %s", path, why);
}

int out_open(struct out_file *o, const char *path, char *err, size_t errsize)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
		o->f = stdout;
		o->is_stdout = 1;
		return 0;
	}
	o->f = fopen(path, "wb");
	if (!o->f) {
		set_err(err, errsize, path, strerror(errno));
		return -1;
	}
	struct stat st;
	o->regular = fstat(fileno(o->f), &st) == 0 && S_ISREG(st.st_mode);
	return 0;
}

/* Removes path when it is itself a regular file (not a link to one);
 * returns 0 when it did. */
static int remove_regular(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return -1;
	return unlink(path);
}

static const char *reason(void)
{
	return errno ? strerror(errno) : "write error";
}

int out_close(struct out_file *o, int status, char *err, size_t errsize)
{
	if (!o->f)
		return status;
	if (o->is_stdout) {
		if ((fflush(o->f) != 0 || ferror(o->f)) && status == OUT_OK) {
			set_err(err, errsize, "standard output", reason());
			status = OUT_EWRITE;
		}
		/* reported here, once (a failed flush has dropped what it held) */
		if (status != OUT_OK)
			clearerr(o->f);
		o->f = NULL;
		return status;
	}
	/* A failed output leaves no file: the regular file written is removed;
	 * reached through a symbolic link, it is emptied instead. */
	if (status != OUT_OK && o->regular && remove_regular(o->path) != 0) {
		int rc = ftruncate(fileno(o->f), 0);
		(void)rc; /* nothing more can be done; the caller reports status */
	}
	errno = 0;
	if (fclose(o->f) != 0 && status == OUT_OK) {
		set_err(err, errsize, o->path, reason());
		status = OUT_EWRITE;
		if (o->regular)
			remove_regular(o->path);
	}
	o->f = NULL;
	return status;
}

const char *out_name(const struct out_file *o)
{
	return o->is_stdout ? "standard output" : o->path;
}
