/* xml_check: check_xml(text, what) runs xmllint --noout over an SVG the
 * test made, and prints SKIP when xmllint is not installed (test_svg,
 * test_plot). */
#ifndef TCPSIM_XML_CHECK_H
#define TCPSIM_XML_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* xmllint --noout on the text; -1 when xmllint is missing. */
static inline int xml_ok(const char *svg)
{
	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		return -1;
	char path[] = "/tmp/tcpsim-svg-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	size_t len = strlen(svg);
	int ok = write(fd, svg, len) == (ssize_t)len;
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
	ok = ok && system(cmd) == 0;
	unlink(path);
	return ok;
}

static inline void check_xml(const char *svg, const char *what)
{
	int ok = xml_ok(svg);
	if (ok < 0)
		printf("SKIP xmllint (%s): xmllint not installed\n", what);
	else
		CHECK(ok == 1);
}

#endif
