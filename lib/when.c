/*
 * when.c: dates and times, parsed strictly: 2026-02-30 is an error, not
 * March 2.  Time zones are checked against libical's zone database.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libical/ical.h>

#include "circle-priv.h"

/* The days of month m (1-12) of year y. */
int
circle_month_days(int y, int m)
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
	    d->day > circle_month_days(d->year, d->month))
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

/* HH:MM (24-hour), strictly: 25:00 and 7:5 are errors. */
int
circle_time_parse(const char *s, int *hour, int *minute)
{
	if (strlen(s) != 5 || s[2] != ':' || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[3]) ||
	    !isdigit((unsigned char)s[4]))
		return -1;
	*hour = (s[0] - '0') * 10 + (s[1] - '0');
	*minute = (s[3] - '0') * 10 + (s[4] - '0');
	if (*hour > 23 || *minute > 59)
		return -1;
	return 0;
}

/* 1 to max digits at *p (and no more), their value in *v: how many. */
static int
read_digits(const char **p, int max, int *v)
{
	int	n = 0, x = 0;

	while (isdigit((unsigned char)**p) && n < max) {
		x = x * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (isdigit((unsigned char)**p))
		return 0;
	*v = x;
	return n;
}

/*
 * An offset's hours and minutes at *p, after its sign (1, 01, 01:00,
 * 0100, 5:30): its minutes, or -1.
 */
static int
read_offset(const char **p)
{
	int	x, y = 0;

	/* 0100 and 0530: four digits, the hours and the minutes. */
	if (strspn(*p, "0123456789") == 4) {
		x = ((*p)[0] - '0') * 10 + ((*p)[1] - '0');
		y = ((*p)[2] - '0') * 10 + ((*p)[3] - '0');
		*p += 4;
	} else {
		if (read_digits(p, 2, &x) == 0)
			return -1;
		if (**p == ':' && (++*p, read_digits(p, 2, &y) != 2))
			return -1;
	}
	return x > 14 || y > 59 ? -1 : x * 60 + y;
}

/* am, a.m., a, pm, p.m., p (any case) at *p: 'a', 'p' or 0. */
int
circle_clock_ampm(const char **p)
{
	const char	*s = *p;
	int		 which = tolower((unsigned char)*s);

	if (which != 'a' && which != 'p')
		return 0;
	s++;
	if (*s == '.')
		s++;
	if (tolower((unsigned char)*s) == 'm') {
		s++;
		if (*s == '.')
			s++;
	}
	if (isalnum((unsigned char)*s))
		return 0;
	*p = s;
	return which;
}

/*
 * The time zone abbreviations the time zone database has in use (2024 to
 * 2026), each with its offsets east of UTC in minutes: one that stands
 * for several zones has each (CST is the United States' UTC-6, Cuba's
 * UTC-5 and China's UTC+8).  Invented ones (EAST, BRT) it dropped are
 * not here.
 */
static const struct {
	const char	*abbr;
	int		 n;
	int		 off[CIRCLE_ZONE_READINGS];
} zone_abbrs[] = {
	{ "ACDT", 1, { 630 } }, { "ACST", 1, { 570 } },
	{ "ADT", 1, { -180 } }, { "AEDT", 1, { 660 } },
	{ "AEST", 1, { 600 } }, { "AKDT", 1, { -480 } },
	{ "AKST", 1, { -540 } }, { "AST", 1, { -240 } },
	{ "AWST", 1, { 480 } }, { "BST", 1, { 60 } },
	{ "CAT", 1, { 120 } }, { "CDT", 2, { -300, -240 } },
	{ "CEST", 1, { 120 } }, { "CET", 1, { 60 } },
	{ "CST", 3, { -360, -300, 480 } }, { "ChST", 1, { 600 } },
	{ "EAT", 1, { 180 } }, { "EDT", 1, { -240 } },
	{ "EEST", 1, { 180 } }, { "EET", 1, { 120 } },
	{ "EST", 1, { -300 } }, { "HDT", 1, { -540 } },
	{ "HKT", 1, { 480 } }, { "HST", 1, { -600 } },
	{ "IDT", 1, { 180 } }, { "IST", 3, { 60, 120, 330 } },
	{ "JST", 1, { 540 } }, { "KST", 1, { 540 } },
	{ "MDT", 1, { -360 } }, { "MSK", 1, { 180 } },
	{ "MST", 1, { -420 } }, { "NDT", 1, { -150 } },
	{ "NST", 1, { -210 } }, { "NZDT", 1, { 780 } },
	{ "NZST", 1, { 720 } }, { "PDT", 1, { -420 } },
	{ "PKT", 1, { 300 } }, { "PST", 2, { -480, 480 } },
	{ "SAST", 1, { 120 } }, { "SST", 1, { -660 } },
	{ "WAT", 1, { 60 } }, { "WEST", 1, { 60 } },
	{ "WET", 1, { 0 } }, { "WIB", 1, { 420 } },
	{ "WIT", 1, { 540 } }, { "WITA", 1, { 480 } },
};

/*
 * A zone's abbreviation, s of n letters (EST, cet): its readings in off,
 * how many (more than one: it stands for several zones); 0 if it is none
 * the time zone database has.
 */
int
circle_zone_abbr(const char *s, size_t n, int off[CIRCLE_ZONE_READINGS])
{
	size_t	i;
	int	k;

	for (i = 0; i < sizeof zone_abbrs / sizeof zone_abbrs[0]; i++)
		if (strlen(zone_abbrs[i].abbr) == n &&
		    strncasecmp(s, zone_abbrs[i].abbr, n) == 0) {
			for (k = 0; k < zone_abbrs[i].n; k++)
				off[k] = zone_abbrs[i].off[k];
			return zone_abbrs[i].n;
		}
	return 0;
}


/*
 * What says a time is on the 24-hour clock after it, at p (19:30h, 19.30
 * Uhr, 1930 hrs): its length with the blanks before it, or 0.
 */
static size_t
clock_24_word(const char *p)
{
	static const char *const words[] = { "h", "hr", "hrs", "uhr" };
	size_t	b = strspn(p, " "), n, i;

	for (n = 0; isalpha((unsigned char)p[b + n]); n++)
		;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i]) == n && strncasecmp(p + b, words[i],
		    n) == 0 && (b == 0 || n > 1))
			return b + n;
	return 0;
}

/*
 * An hour and its minutes apart at s, as typed on a phone (7 30pm): where
 * the minutes begin, 0 when s begins with no such.
 */
size_t
circle_clock_apart(const char *s)
{
	size_t	n = strspn(s, "0123456789");

	if ((n != 1 && n != 2) || s[n] != ' ' || strspn(s + n + 1,
	    "0123456789") != 2)
		return 0;
	return n + 1;
}

/*
 * An hour and its minutes run together or apart with am or pm after
 * them, as typed on a phone: 730pm, 1130 pm, 7 30pm.  0 with *h and *m;
 * -1 when s is none (730 alone is two times, and 0730 the 24-hour
 * clock's: circle_clock_zoned).
 */
static int
clock_run_together(const char *s, int *h, int *m)
{
	const char	*p = s;
	size_t		 n = strspn(p, "0123456789"), k;
	int		 ap;

	if ((k = circle_clock_apart(p)) > 0) {
		/* 7 30pm */
		*h = atoi(p);
		*m = atoi(p + k);
		p += k + 2;
	} else if ((n == 3 || n == 4) && *p != '0') {
		*h = (int)(strtol(p, NULL, 10) / 100);
		*m = (int)(strtol(p, NULL, 10) % 100);
		p += n;
	} else
		return -1;
	p += strspn(p, " ");
	if ((ap = circle_clock_ampm(&p)) == 0 || p[strspn(p, " ")] != '\0' ||
	    *h < 1 || *h > 12 || *m > 59)
		return -1;
	*h = *h % 12 + (ap == 'p' ? 12 : 0);
	return 0;
}

/*
 * A time as Japanese writes it: 19時, 19時30分, 7時半 (the 24-hour clock),
 * 午前9時, 午後7時半 (morning and afternoon: 午後0時 is noon).  0 with *h
 * and *m; -1 when s is none.
 */
static int
clock_japanese(const char *s, int *h, int *m)
{
	const char	*p = s;
	int		 ap = 0;

	/* 午前, 午後 */
	if (strncmp(p, "\xe5\x8d\x88\xe5\x89\x8d", 6) == 0 ||
	    strncmp(p, "\xe5\x8d\x88\xe5\xbe\x8c", 6) == 0) {
		ap = p[4] == '\x89' ? 'a' : 'p';
		p += 6 + strspn(p + 6, " ");
	}
	if (read_digits(&p, 2, h) == 0 || strncmp(p, "\xe6\x99\x82", 3) != 0)
		return -1;	/* 時 */
	p += 3;
	*m = 0;
	if (strncmp(p, "\xe5\x8d\x8a", 3) == 0) {	/* 半 */
		*m = 30;
		p += 3;
	} else if (isdigit((unsigned char)*p)) {
		if (read_digits(&p, 2, m) == 0 ||
		    strncmp(p, "\xe5\x88\x86", 3) != 0)	/* 分 */
			return -1;
		p += 3;
	}
	if (p[strspn(p, " ")] != '\0' || *m > 59 || *h > (ap ? 12 : 23))
		return -1;
	if (ap != 0)
		*h = *h % 12 + (ap == 'p' ? 12 : 0);
	return 0;
}

/*
 * A time of day as people write it: 19:00, 19:00:00 (a fraction of a
 * second left out), 19.00, 7pm, 7 PM, 7:30 pm, 7.30 p.m., and without
 * iso 1900; after it, with iso, a zone (Z, +01:00, +0100, Google Forms'
 * GMT, GMT-5, GMT+5:30, UTC+1, and an abbreviation of the time zone
 * database that stands for one zone: EST, CET) is read: *zone set, and
 * its offset east of UTC in minutes in *offset.  0; -1; -2 when what
 * follows the time is a word that is no zone's abbreviation, -3 when it
 * is one that stands for several (CST, circle_zone_abbr): never guessed.
 */
int
circle_clock_zoned(const char *s, int iso, int *h, int *m, int *sec,
    int *zone, int *offset)
{
	const char	*p = s;
	char		 sep;
	size_t		 n;
	int		 hasmin = 0, h24 = 0, ap = 0, sign, off;
	int		 readings[CIRCLE_ZONE_READINGS];

	*m = *sec = *zone = *offset = 0;
	if (!iso && clock_run_together(p, h, m) == 0)
		return 0;
	if (!iso && clock_japanese(p, h, m) == 0)
		return 0;
	/* 1900, 0930, 1930 hrs: a 24-hour clock's four digits, alone. */
	if (!iso && strspn(p, "0123456789") == 4 && (n = 4 +
	    clock_24_word(p + 4)) && p[n + strspn(p + n, " ")] == '\0') {
		*h = (p[0] - '0') * 10 + (p[1] - '0');
		*m = (p[2] - '0') * 10 + (p[3] - '0');
		return *h > 23 || *m > 59 ? -1 : 0;
	}
	if (read_digits(&p, 2, h) == 0)
		return -1;
	/* 19h30, 19h, 9h05: the French and Quebec clock. */
	if ((*p == 'h' || *p == 'H') && !isalpha((unsigned char)p[1])) {
		p++;
		if (isdigit((unsigned char)*p) && read_digits(&p, 2, m) != 2)
			return -1;
		hasmin = 1;
	} else if ((*p == ':' || *p == '.') && isdigit((unsigned char)p[1])) {
		sep = *p++;
		if (read_digits(&p, 2, m) != 2)
			return -1;
		hasmin = 1;
		if (*p == sep && isdigit((unsigned char)p[1])) {
			p++;
			if (read_digits(&p, 2, sec) != 2 || *sec > 59)
				return -1;
			if ((*p == '.' || *p == ',') &&
			    isdigit((unsigned char)p[1]))
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
	}
	/* 19:30h, 19:30 Uhr, 19 Uhr: the 24-hour clock, said */
	if ((n = clock_24_word(p)) > 0 && (hasmin ||
	    strncasecmp(p + strspn(p, " "), "uhr", 3) == 0)) {
		p += n;
		h24 = 1;
	}
	while (*p == ' ')
		p++;
	if (!h24 && (ap = circle_clock_ampm(&p)) != 0) {
		if (*h < 1 || *h > 12)
			return -1;
		*h = *h % 12 + (ap == 'p' ? 12 : 0);
	} else if ((!hasmin && !h24) || *h > 23)
		return -1;
	if (*m > 59)
		return -1;
	while (*p == ' ')
		p++;
	if (!iso)
		return *p == '\0' ? 0 : -1;
	if ((*p == 'Z' || *p == 'z') && !isalpha((unsigned char)p[1])) {
		*zone = 1;
		p++;
	} else if ((strncasecmp(p, "GMT", 3) == 0 ||
	    strncasecmp(p, "UTC", 3) == 0) && !isalpha((unsigned char)p[3])) {
		/* Google Forms: 7:01:02 PM GMT, GMT-5, GMT+5:30, UTC+1 */
		p += 3;
		*zone = 1;
		if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
			sign = *p++ == '-' ? -1 : 1;
			if ((off = read_offset(&p)) == -1)
				return -1;
			*offset = sign * off;
		}
	} else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1])) {
		/* +01:00, +0100, +01 */
		sign = *p++ == '-' ? -1 : 1;
		if (!isdigit((unsigned char)p[1]) ||
		    (off = read_offset(&p)) == -1)
			return -1;
		*zone = 1;
		*offset = sign * off;
	} else if (isalpha((unsigned char)*p)) {
		/* EST, CET: an abbreviation, or a word that is no zone's */
		for (n = 0; isalpha((unsigned char)p[n]); n++)
			;
		if (p[n + strspn(p + n, " ")] != '\0')
			return -1;
		if (n < 2 || n > 5)
			return -1;
		switch (circle_zone_abbr(p, n, readings)) {
		case 0:
			return -2;
		case 1:
			break;
		default:
			return -3;
		}
		*zone = 1;
		*offset = readings[0];
		p += n;
	}
	while (*p == ' ')
		p++;
	return *p == '\0' ? 0 : -1;
}

/*
 * 19 h 30, 19 h, 19h 30 (n bytes): the French hour, as French typography
 * sets it, blanks around the h; made 19h30 in buf.  1, or 0 when s is
 * not such.
 */
static int
clock_h_apart(const char *s, size_t n, char buf[8])
{
	size_t	hd = strspn(s, "0123456789"), k = hd, md;

	if (hd == 0 || hd > 2)
		return 0;
	k += strspn(s + k, " ");
	if (k >= n || (s[k] != 'h' && s[k] != 'H'))
		return 0;
	k++;
	k += strspn(s + k, " ");
	md = strspn(s + k, "0123456789");
	if (k + md != n || (md != 0 && md != 2))
		return 0;
	snprintf(buf, 8, "%.*sh%.*s", (int)hd, s, (int)md, s + k);
	return 1;
}

/*
 * A time of day as people write it, alone (19:00, 7pm, 7:30 pm, 19.00,
 * 1900, 19h30, noon, midnight): the one reader of them, for sign-in
 * sheets, group files and the command line.
 */
int
circle_clock_read(const char *s, int *h, int *m)
{
	return circle_clock_said(s, h, m) == 0 ? 0 : -1;
}

/*
 * circle_clock_read's times, and in words (half past 7pm, quarter to
 * midnight, 7 in the evening: clocksaid.c): 0; 1 when s is an hour of the
 * 12-hour clock without am or pm (half past 7, 7 o'clock), *h and *m its
 * morning's reading; -1 when s is no time.
 */
int
circle_clock_said(const char *s, int *h, int *m)
{
	static const struct {
		const char	*word;
		int		 h;
	}		 words[] = {
		{ "noon", 12 }, { "midday", 12 }, { "12 noon", 12 },
		{ "twelve noon", 12 }, { "midnight", 0 }, { "12 midnight", 0 },
		{ "twelve midnight", 0 },
	};
	size_t		 i, n;
	int		 sec, zone, offset;
	char		 h_apart[8];

	while (*s == ' ')
		s++;
	for (n = strlen(s); n > 0 && s[n - 1] == ' '; n--)
		;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].word) == n &&
		    strncasecmp(s, words[i].word, n) == 0) {
			*h = words[i].h;
			*m = 0;
			return 0;
		}
	if (circle_clock_zoned(s, 0, h, m, &sec, &zone, &offset) == 0 ||
	    (clock_h_apart(s, n, h_apart) && circle_clock_zoned(h_apart, 0,
	    h, m, &sec, &zone, &offset) == 0))
		return 0;
	return circle_clock_spoken(s, h, m);
}

/*
 * The words said before a time for "at", in English and as facilitators
 * elsewhere type it: à 19h, um 19 Uhr, a las 19:00, às 19h, alle 19, om
 * 19.00, o 19:00.
 */
static const char *const at_words[] = { "at", "\xc3\xa0", "\xc3\xa0s",
    "um", "a las", "a la", "alle", "om", "o" };

/*
 * A session's time given alone (--at, a group file's at:, add's time),
 * past its blanks and an "at" before it (at 7pm, at 7pm-9pm, à 19h30, as
 * it is said after a day): the one home of that skip.
 */
const char *
circle_clock_at(const char *s)
{
	size_t	i, n;

	s += strspn(s, " ");
	for (i = 0; i < sizeof at_words / sizeof at_words[0]; i++) {
		n = strlen(at_words[i]);
		if (strncasecmp(s, at_words[i], n) == 0 && s[n] == ' ')
			return s + n + strspn(s + n, " ");
	}
	return s;
}

/*
 * The "at" before a time said after a day (wed at 7pm, demain à 19h30,
 * morgen um 19 Uhr) that ends at p in ref, with the blank before it: its
 * length, or 0.
 */
size_t
circle_clock_at_before(const char *ref, const char *p)
{
	size_t	i, n;

	for (i = 0; i < sizeof at_words / sizeof at_words[0]; i++) {
		n = strlen(at_words[i]);
		if ((size_t)(p - ref) > n && strncasecmp(p - n, at_words[i],
		    n) == 0 && *(p - n - 1) == ' ')
			return n + 1;
	}
	return 0;
}

/*
 * An hour of the 24-hour clock alone, 13 to 23 (19), as a time where one
 * is taken (--at 19, at: 19, add 2027-06-03 19, fri 19, fri at 19): that
 * hour; 7 alone is two (circle_clock_hour).  0 with *h and *m, -1 when t
 * is none.  The one home of that rule.
 */
int
circle_clock_hour24(const char *t, int *h, int *m)
{
	size_t	n = strspn(t, "0123456789");
	int	v;

	if (n == 0 || n > 2 || t[n + strspn(t + n, " ")] != '\0' ||
	    (v = atoi(t)) < 13 || v > 23)
		return -1;
	*h = v;
	*m = 0;
	return 0;
}

/*
 * Is t, read as h:m, midnight said so (midnight, 12am, tonight's 12, the
 * start of 12am-2am), not written 00:00 or 0:00?  Where a session begins
 * it begins a day and ends the one before, and is refused
 * (CIRCLE_CLOCK_MIDNIGHT).  1 or 0.  The one home of that rule.
 */
int
circle_clock_midnight(const char *t, int h, int m)
{
	return h == 0 && m == 0 && t[strspn(t, " ")] != '0';
}

/*
 * A time of day given for field (at:, --at, add's time), by that one
 * reader as typed (circle_clock_typed), perhaps after "at": 0 with *h and
 * *m, or -1 and the one message of a time that is none.  An hour without
 * am or pm (7, at 7, half past 7, 7:30) is two times and refused with
 * both; an hour of the 24-hour clock alone (19) is taken; midnight said
 * so (midnight, 12am) begins a day and ends the one before, and is
 * refused for 00:00 or 23:59.
 */
int
circle_clock_check(const char *field, const char *s, int *h, int *m,
    struct circle_err *e)
{
	const char	*t = circle_clock_at(s);
	char		 hint[24];
	int		 said;

	said = circle_clock_typed(t, h, m);
	/* 7 alone is 7 o'clock, two times; 19 alone 19:00; seven too */
	if (said == -1 && strspn(t, "0123456789") <= 2 &&
	    t[strspn(t, "0123456789")] == '\0' && (said = circle_clock_hour(t,
	    h, m)) == -1)
		said = circle_clock_hour24(t, h, m);
	if (said == -1 && strchr(t, ' ') == NULL)
		said = circle_clock_hour(t, h, m);
	if (said == 0 && circle_clock_midnight(t, *h, *m))
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\": midnight "
		    CIRCLE_CLOCK_MIDNIGHT ": write 00:00 (it begins the day) "
		    "or 23:59 (it ends it)", field, s);
	if (said == 0)
		return 0;
	if (said > 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is "
		    CIRCLE_CLOCK_TWO ": add am or pm, or write %s", field, s,
		    *h, *m, *h + 12, *m, circle_clock_hint(said, *h, *m, hint));
	return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not "
	    CIRCLE_CLOCK_SAID, field, s);
}

/*
 * A zone by name as libical builds it from the system's tzdata, unmended,
 * or NULL: enough to know a name, or to compare hundreds of zones' rules
 * with a file's (circle_zone checks each zone's changes, 1 ms a zone).
 */
icaltimezone *
circle_zone_as_built(const char *tzid)
{
	if (strcmp(tzid, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	return icaltimezone_get_builtin_timezone(tzid);
}

/*
 * A zone by name, or NULL.  libical finds a built-in zone by a linear
 * search of some 600 names, and a calendar converts thousands of times:
 * the last few zones found are kept (libical never frees them).  One
 * libical has wrong after 2037 is mended (zonemend.c).
 */
icaltimezone *
circle_zone(const char *tzid)
{
	static struct {
		char		 name[65];
		icaltimezone	*z;
	}			 cache[16];
	static unsigned int	 next;
	icaltimezone		*z;
	size_t			 i;

	if (strcmp(tzid, "UTC") == 0)
		return icaltimezone_get_utc_timezone();
	for (i = 0; i < sizeof cache / sizeof cache[0]; i++)
		if (cache[i].z != NULL && strcmp(cache[i].name, tzid) == 0)
			return cache[i].z;
	if ((z = circle_zone_mended(icaltimezone_get_builtin_timezone(
	    tzid))) != NULL &&
	    strlen(tzid) < sizeof cache[0].name) {
		i = next++ % (sizeof cache / sizeof cache[0]);
		snprintf(cache[i].name, sizeof cache[i].name, "%s", tzid);
		cache[i].z = z;
	}
	return z;
}

/*
 * A wall time (floating) in the gap of a clock change in z (02:30 on the
 * day Los Angeles goes from 02:00 to 03:00) does not exist: it is moved on
 * by the gap (03:30), as RFC 5545 says.  Other times are left alone.
 */
void
circle_wall_gap(struct icaltimetype *t, icaltimezone *z)
{
	icaltimezone		*utc = icaltimezone_get_utc_timezone();
	struct icaltimetype	 u;
	int			 d;

	t->zone = NULL;
	if (z == utc)
		return;
	u = *t;
	icaltimezone_convert_time(&u, z, utc);
	icaltimezone_convert_time(&u, utc, z);
	if (u.day == t->day && u.hour == t->hour && u.minute == t->minute)
		return;
	d = (int)(icaltime_as_timet(u) - icaltime_as_timet(*t)) / 60;
	icaltime_adjust(t, 0, 0, d < 0 ? -d : d, 0);
}

/*
 * A wall-clock time in a zone to UTC: "2026-03-10T19:00" in
 * America/Los_Angeles -> "2026-03-11T02:00:00Z".  A time that does not
 * exist (02:30 when the clocks go from 02:00 to 03:00) moves forward by
 * the change (03:30), as RFC 5545 says; libical's answer is an hour early
 * (01:30).  A time that happens twice is the second (standard time).
 */
int
circle_local_to_utc(const char *tzid, const struct circle_date *d, int hour,
    int minute, char out[21])
{
	struct icaltimetype	t = icaltime_null_time();
	icaltimezone		*z;

	if ((z = circle_zone(tzid)) == NULL)
		return -1;
	t.year = d->year;
	t.month = d->month;
	t.day = d->day;
	t.hour = hour;
	t.minute = minute;
	circle_wall_gap(&t, z);
	t = icaltime_set_timezone(&t, z);
	t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)t.year % 10000, (unsigned)t.month % 100,
	    (unsigned)t.day % 100, (unsigned)t.hour % 100,
	    (unsigned)t.minute % 100, (unsigned)t.second % 100);
	return 0;
}

/*
 * Is the wall time local, the later of its readings at utc (as
 * circle_local_to_utc reads it), also the one some minutes before (it
 * happens twice, the clocks going back by them)?  Those minutes, or 0.
 */
static int
wall_twice(const char *tzid, const char *local, const char *utc)
{
	static const int	changes[] = { 30, 60, 120 };
	char			earlier[21], back[17];
	size_t			i;

	for (i = 0; i < sizeof changes / sizeof changes[0]; i++) {
		circle_utc_add_minutes(utc, -changes[i], earlier);
		if (circle_utc_to_local(earlier, tzid, back) == 0 &&
		    strcmp(back, local) == 0)
			return changes[i];
	}
	return 0;
}

/*
 * A wall time "YYYY-MM-DDTHH:MM" at a clock change in tzid: a time in the
 * gap is moved on by it (circle_wall_gap), a time that happens twice is
 * the later (circle_local_to_utc).  Said in w, the first one kept, for a
 * warning; *moved, if not NULL, gets the wall time the session is at.
 * Returns 1 at a change, 0 otherwise, -1 if local or tzid is not valid.
 */
int
circle_wall_check(const char *tzid, const char *local, struct circle_wall *w,
    char moved[17])
{
	struct icaltimetype	t = icaltime_null_time();
	struct circle_date	d;
	icaltimezone		*z;
	char			date[11], utc[21];
	int			h, m, gap;

	memcpy(date, local, 10);
	date[10] = '\0';
	if (strlen(local) != 16 || circle_date_parse(date, &d) == -1 ||
	    circle_time_parse(local + 11, &h, &m) == -1 ||
	    (z = circle_zone(tzid)) == NULL)
		return -1;
	if (moved != NULL)
		snprintf(moved, 17, "%s", local);
	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	t.hour = h;
	t.minute = m;
	circle_wall_gap(&t, z);
	gap = t.hour != h || t.minute != m;
	if (!gap) {
		/* Twice: the hour or half hour before the later is it too. */
		circle_local_to_utc(tzid, &d, h, m, utc);
		if (wall_twice(tzid, local, utc) == 0)
			return 0;
	}
	if (gap && moved != NULL)
		snprintf(moved, 17, "%04u-%02u-%02uT%02u:%02u",
		    (unsigned)t.year % 10000, (unsigned)t.month % 100,
		    (unsigned)t.day % 100, (unsigned)t.hour % 100,
		    (unsigned)t.minute % 100);
	if (w != NULL && w->n++ == 0 && gap)
		snprintf(w->said, sizeof w->said, "%s %s does not exist in %s "
		    "(clocks go forward): the session is at %02d:%02d", date,
		    local + 11, tzid, t.hour, t.minute);
	else if (w != NULL && w->n == 1)
		snprintf(w->said, sizeof w->said, "%s %s happens twice in %s "
		    "(clocks go back): the session is at the later one, "
		    "%.5s UTC", date, local + 11, tzid, utc + 11);
	return 1;
}

/* "2026-03-11T02:00:00Z" to local wall time "2026-03-10T19:00" in tzid. */
int
circle_utc_to_local(const char *utc, const char *tzid, char out[17])
{
	struct icaltimetype	t = icaltime_null_time();
	icaltimezone		*z;
	struct circle_date	d;
	char			date[11];

	if ((z = circle_zone(tzid)) == NULL || strlen(utc) != 20 || utc[10] != 'T' ||
	    utc[19] != 'Z')
		return -1;
	memcpy(date, utc, 10);
	date[10] = '\0';
	if (circle_date_parse(date, &d) == -1)
		return -1;
	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	t.hour = (utc[11] - '0') * 10 + (utc[12] - '0');
	t.minute = (utc[14] - '0') * 10 + (utc[15] - '0');
	t.second = (utc[17] - '0') * 10 + (utc[18] - '0');
	t = icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
	t = icaltime_convert_to_zone(t, z);
	snprintf(out, 17, "%04u-%02u-%02uT%02u:%02u", (unsigned)t.year % 10000,
	    (unsigned)t.month % 100, (unsigned)t.day % 100,
	    (unsigned)t.hour % 100, (unsigned)t.minute % 100);
	return 0;
}

/* UTC text plus minutes, as UTC text. */
void
circle_utc_add_minutes(const char *utc, int minutes, char out[21])
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm);
	t = timegm(&tm) + (time_t)minutes * 60;
	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/*
 * Seconds since 1970 of "YYYY-MM-DDTHH:MM:SSZ", read by hand: an export
 * reads one for every session, and strptime(3) is slow.  -1 if it is not
 * in that form.
 */
static long long
utc_seconds(const char *s)
{
	static const char	 form[] = "dddd-dd-ddTdd:dd:ddZ";
	long long		 y, m, d, era, yoe, doy, doe;
	int			 i;

	for (i = 0; form[i] != '\0'; i++)
		if (form[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != form[i])
			return -1;
	if (s[i] != '\0')
		return -1;
#define D2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
	y = D2(s) * 100 + D2(s + 2);
	m = D2(s + 5);
	d = D2(s + 8);
	/* Days from 1970-01-01 (H. Hinnant's days_from_civil). */
	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400 + D2(s + 11) * 3600 +
	    D2(s + 14) * 60 + D2(s + 17);
#undef D2
}

/*
 * The instant in utc a session said to end at the wall time local (its
 * end said, 11pm-1am) ends in tzid: of a time that happens twice, the
 * first (the end is when the clock first says it); a time in the gap the
 * clocks go forward by is moved on by it, as a start is, and said in w as
 * circle_wall_check says a start's.  0, or -1 if local or tzid is not
 * valid.
 */
static int
wall_end(const char *tzid, const char *local, struct circle_wall *w,
    char utc[21])
{
	struct circle_date	d;
	char			date[11], moved[17], later[21];
	int			change;

	if (circle_wall_check(tzid, local, NULL, moved) == -1)
		return -1;
	snprintf(date, sizeof date, "%.10s", moved);
	if (circle_date_parse(date, &d) == -1 || circle_local_to_utc(tzid,
	    &d, atoi(moved + 11), atoi(moved + 14), later) == -1)
		return -1;
	if ((change = wall_twice(tzid, moved, later)) > 0)
		circle_utc_add_minutes(later, -change, utc);
	else
		snprintf(utc, 21, "%s", later);
	if (strcmp(moved, local) != 0 && w != NULL && w->n++ == 0)
		snprintf(w->said, sizeof w->said, "%.10s %s does not exist in "
		    "%s (clocks go forward): the session ends at %s", local,
		    local + 11, tzid, moved + 11);
	return 0;
}

/*
 * How long a session said by its wall-clock start and end lasts (7pm-9pm:
 * len minutes of the wall clock from h:m on d), in minutes as they pass in
 * tzid: it ends when it was said to (wall_end).  Across the night the
 * clocks go forward, an hour less (11pm-3am is three hours); across the
 * one they go back, an hour more (11pm-3am is five), but an end that
 * happens twice is the first of its two times (11pm-1am is two hours, not
 * three).  An end in the gap is said in w.  len when the zone is unknown.
 */
int
circle_wall_span(const char *tzid, const struct circle_date *d, int h,
    int m, int len, struct circle_wall *w)
{
	struct circle_date	end;
	char			a[21], b[21], local[17];
	long			span;
	int			t = h * 60 + m + len;

	circle_date_add(d, t / 1440, &end);
	snprintf(local, sizeof local, "%04u-%02u-%02uT%02u:%02u",
	    (unsigned)end.year % 10000, (unsigned)end.month % 100,
	    (unsigned)end.day % 100, (unsigned)(t / 60 % 24),
	    (unsigned)(t % 60));
	if (circle_local_to_utc(tzid, d, h, m, a) == -1 ||
	    wall_end(tzid, local, w, b) == -1)
		return len;
	span = circle_utc_minutes(a, b);
	return span > 0 ? (int)span : len;
}

/* Minutes from UTC text a to UTC text b. */
long
circle_utc_minutes(const char *a, const char *b)
{
	struct tm	ta, tb;
	long long	sa, sb;

	if ((sa = utc_seconds(a)) >= 0 && (sb = utc_seconds(b)) >= 0)
		return (long)((sb - sa) / 60);
	memset(&ta, 0, sizeof ta);
	memset(&tb, 0, sizeof tb);
	strptime(a, "%Y-%m-%dT%H:%M:%SZ", &ta);
	strptime(b, "%Y-%m-%dT%H:%M:%SZ", &tb);
	return (long)((timegm(&tb) - timegm(&ta)) / 60);
}

/* Today's date in a zone. */
int
circle_date_today_in(const char *tzid, struct circle_date *d)
{
	char	now[21], local[17], date[11];

	circle_now_utc(now);
	if (circle_utc_to_local(now, tzid, local) == -1)
		return -1;
	memcpy(date, local, 10);
	date[10] = '\0';
	return circle_date_parse(date, d);
}

/* Days from a to b (b - a). */
long
circle_date_diff(const struct circle_date *a, const struct circle_date *b)
{
	struct tm	ta, tb;

	memset(&ta, 0, sizeof ta);
	memset(&tb, 0, sizeof tb);
	ta.tm_year = a->year - 1900;
	ta.tm_mon = a->month - 1;
	ta.tm_mday = a->day;
	tb.tm_year = b->year - 1900;
	tb.tm_mon = b->month - 1;
	tb.tm_mday = b->day;
	return (long)((timegm(&tb) - timegm(&ta)) / 86400);
}

/* The date n days after d. */
void
circle_date_add(const struct circle_date *d, int n, struct circle_date *out)
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month - 1;
	tm.tm_mday = d->day;
	t = timegm(&tm) + (time_t)n * 86400;
	gmtime_r(&t, &tm);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
}
