/*
 * length.c: how long a session lasts, as people write it, in whole
 * minutes: the one reader of every length circle is given.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/* A unit of length at s: 60 for hours, 1 for minutes, 0 for none; *n its size. */
static int
length_unit(const char *s, size_t *n)
{
	static const struct {
		const char	*word;
		int		 minutes;
	} units[] = {
		{ "hours", 60 }, { "hour", 60 }, { "hrs", 60 }, { "hr", 60 },
		{ "h", 60 }, { "minutes", 1 }, { "minute", 1 }, { "mins", 1 },
		{ "min", 1 }, { "m", 1 },
	};
	size_t	i, k;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		k = strlen(units[i].word);
		if (strncasecmp(s, units[i].word, k) == 0 &&
		    !isalpha((unsigned char)s[k])) {
			*n = k;
			return units[i].minutes;
		}
	}
	*n = 0;
	return 0;
}

/*
 * A session's length as people write it, in whole minutes from 1 to 1440:
 * 90, 90 minutes, 90 min, 2 hours, 2h, 1.5 hours, 1h30, 1h30m, 1 hour 30
 * minutes.  The one reader of lengths: --for, --duration, for:, duration:.
 */
int
circle_length_parse(const char *s, int *minutes)
{
	double	 v, f, total = 0;
	size_t	 n;
	int	 unit, parts = 0, last = 0;

	while (*s == ' ')
		s++;
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s) || parts == 2)
			return -1;
		/* Digits, a point and digits: not strtod's 1e2 or 0x10. */
		for (v = 0; isdigit((unsigned char)*s); s++)
			v = v * 10 + (*s - '0');
		if (*s == '.' && isdigit((unsigned char)s[1]))
			for (f = 0.1, s++; isdigit((unsigned char)*s); s++,
			    f /= 10)
				v += (*s - '0') * f;
		if (v > 100000)
			return -1;
		while (*s == ' ')
			s++;
		unit = length_unit(s, &n);
		s += n;
		while (*s == ' ')
			s++;
		if (unit == 0)
			/* Bare: minutes, or the minutes after hours (1h30). */
			unit = last == 60 && *s == '\0' ? 1 : *s == '\0' &&
			    parts == 0 ? 1 : 0;
		/* A fraction only alone: 1.5 hours, not 1.5h 30m. */
		if (unit == 0 || (last != 0 && unit >= last) ||
		    ((parts > 0 || *s != '\0') && v != (double)(long)v))
			return -1;
		total += v * unit;
		last = unit;
		parts++;
	}
	if (parts == 0 || total < 1 || total > 1440 ||
	    total != (double)(long)total)
		return -1;
	*minutes = (int)total;
	return 0;
}
