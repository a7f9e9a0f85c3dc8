/*
 * when.c: dates and times, parsed strictly: 2026-02-30 is an error, not
 * March 2.  Time zones are checked against libical's zone database.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "circle.h"

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* YYYY-MM-DD exactly, a real calendar date between 1900 and 2199. */
int
circle_date_parse(const char *s, struct circle_date *d)
{
	int	i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	d->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	d->month = (s[5] - '0') * 10 + (s[6] - '0');
	d->day = (s[8] - '0') * 10 + (s[9] - '0');
	if (d->year < 1900 || d->year > 2199 || d->month < 1 ||
	    d->month > 12 || d->day < 1 ||
	    d->day > days_in_month(d->year, d->month))
		return -1;
	return 0;
}

void
circle_date_format(const struct circle_date *d, char buf[11])
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000,
	    (unsigned)d->month % 100, (unsigned)d->day % 100);
}

int
circle_date_today(struct circle_date *d)
{
	time_t		t = time(NULL);
	struct tm	tm;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	d->year = tm.tm_year + 1900;
	d->month = tm.tm_mon + 1;
	d->day = tm.tm_mday;
	return 0;
}

/* Check a date option or field; the message names it. */
int
circle_date_check(const char *field, const char *s, struct circle_err *e)
{
	struct circle_date	d;

	if (circle_date_parse(s, &d) == -1)
		return circle_err_set(e, CIRCLE_EDATA,
		    "%s: \"%s\" is not a date (YYYY-MM-DD)", field, s);
	return 0;
}

/* Now, UTC, as 2026-11-21T18:34:25Z. */
void
circle_now_utc(char buf[21])
{
	time_t		t = time(NULL);
	struct tm	tm;

	gmtime_r(&t, &tm);
	strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

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
	return icaltimezone_get_builtin_timezone(tzid) != NULL;
}
