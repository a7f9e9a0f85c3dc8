/*
 * zone.c: which names are time zones.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "circle-priv.h"

/* An IANA zone name libical knows, such as Europe/London, or UTC. */
int
circle_tz_valid(const char *tzid)
{
	const char	*p;

	if (*tzid == '\0' || strlen(tzid) > 64)
		return 0;
	for (p = tzid; *p != '\0'; p++)
		if (!(isalnum((unsigned char)*p) || strchr("/_-+", *p)))
			return 0;
	if (strcmp(tzid, "UTC") == 0)
		return 1;
	return circle_zone(tzid) != NULL;
}
