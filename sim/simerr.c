/* simerr: errno names and texts for the simulated applications. */
#include "simerr.h"

#include <string.h>
#include <strings.h>

static const struct {
	const char *name, *text;
} errs[SE_COUNT] = {
    [SE_OK] = {"OK", "Success"},
    [SE_ECONNREFUSED] = {"ECONNREFUSED", "Connection refused"},
    [SE_ETIMEDOUT] = {"ETIMEDOUT", "Connection timed out"},
    [SE_ECONNRESET] = {"ECONNRESET", "Connection reset by peer"},
    [SE_EPIPE] = {"EPIPE", "Broken pipe"},
    [SE_EADDRINUSE] = {"EADDRINUSE", "Address already in use"},
    [SE_EADDRNOTAVAIL] = {"EADDRNOTAVAIL", "Cannot assign requested address"},
    [SE_ENOTCONN] = {"ENOTCONN", "Transport endpoint is not connected"},
    [SE_EISCONN] = {"EISCONN", "Transport endpoint is already connected"},
    [SE_EINVAL] = {"EINVAL", "Invalid argument"},
    [SE_EAGAIN] = {"EAGAIN", "Resource temporarily unavailable"},
};

const char *simerr_name(int e)
{
	return e >= 0 && e < SE_COUNT ? errs[e].name : "E?";
}

const char *simerr_text(int e)
{
	return e >= 0 && e < SE_COUNT ? errs[e].text : "unknown error";
}

int simerr_parse(const char *s, int len)
{
	for (int i = 1; i < SE_COUNT; i++)
		if ((int)strlen(errs[i].name) == len &&
		    strncasecmp(s, errs[i].name, (size_t)len) == 0)
			return i;
	return -1;
}
