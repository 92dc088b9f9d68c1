/* segment: IPv4 address text helpers shared by the parser and outputs. */
#include "segment.h"

#include <stdio.h>

char *ip_fmt(char *buf, uint32_t a)
{
	snprintf(buf, 16, "%u.%u.%u.%u", (unsigned)(a >> 24), (unsigned)((a >> 16) & 255),
	         (unsigned)((a >> 8) & 255), (unsigned)(a & 255));
	return buf;
}

int ip_parse(const char *s, int len, uint32_t *out)
{
	uint32_t addr = 0;
	int part = 0, digits = 0;
	uint32_t v = 0;
	for (int i = 0; i <= len; i++) {
		if (i == len || s[i] == '.') {
			if (digits == 0 || v > 255)
				return -1;
			addr = (addr << 8) | v;
			part++;
			v = 0;
			digits = 0;
			if (i < len && part == 4)
				return -1;
		} else if (s[i] >= '0' && s[i] <= '9') {
			if (++digits > 3)
				return -1;
			v = v * 10 + (uint32_t)(s[i] - '0');
		} else {
			return -1;
		}
	}
	if (part != 4)
		return -1;
	*out = addr;
	return 0;
}
