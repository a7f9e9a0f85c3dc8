/*
 * recur.c: schedules as a facilitator says them ("every 2 weeks on
 * thursday at 18:30") turned into an RRULE, checked by libical; expanded
 * in wall-clock time by recurexpand.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "recur.h"

static const char *const days[] = {
	"SU", "MO", "TU", "WE", "TH", "FR", "SA"
};
static const char *const day_names[] = {
	"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
	"saturday"
};
static const char *const nths[] = {
	"first", "second", "third", "fourth", "fifth"
};

static int
day_of(const char *s, size_t len)
{
	size_t	i;

	if (len < 2)
		return -1;
	for (i = 0; i < 7; i++)
		if (strncasecmp(s, day_names[i], len) == 0 &&
		    (len >= 3 || strncasecmp(s, days[i], 2) == 0) &&
		    len <= strlen(day_names[i]))
			return (int)i;
	return -1;
}

/* "1st", "2nd", "third", "last" -> 1, 2, 3, -1; 0 if not an ordinal. */
static int
ordinal_of(const char *s, size_t len)
{
	size_t	i;

	if (len == 4 && strncasecmp(s, "last", 4) == 0)
		return -1;
	for (i = 0; i < 5; i++)
		if (len == strlen(nths[i]) && strncasecmp(s, nths[i], len) == 0)
			return (int)i + 1;
	if (len == 3 && s[0] >= '1' && s[0] <= '5' &&
	    (strncasecmp(s + 1, "st", 2) == 0 || strncasecmp(s + 1, "nd", 2) == 0 ||
	    strncasecmp(s + 1, "rd", 2) == 0 || strncasecmp(s + 1, "th", 2) == 0))
		return s[0] - '0';
	return 0;
}

/*
 * Ordinals joined at *p, as a month's weekdays are said: 1st and 3rd,
 * first & third, 2nd/4th, the last: up to 5 of them in ords, *p moved past
 * them and the blanks after.  How many; 0 when *p begins with none.
 */
static int
ordinals_at(const char **p, int ords[5])
{
	const char	*q = *p, *r;
	size_t		 len;
	int		 k = 0, o;

	for (;;) {
		len = strcspn(q, " ,/&");
		if ((o = ordinal_of(q, len)) == 0 || k == 5)
			break;
		ords[k++] = o;
		*p = q + len + strspn(q + len, " ");
		r = q + len + strspn(q + len, " ,/&");
		if (strncasecmp(r, "and ", 4) == 0)
			r += 4 + strspn(r + 4, " ");
		if (r == q + len)
			break;
		q = r;
	}
	return k;
}

/*
 * k ordinals (ordinals_at) and a day in words, as parse_on reads them:
 * "first and third tuesday", in on.
 */
static void
ordinals_said(const int *ords, int k, const char *day, char on[64])
{
	size_t	used = 0;
	int	i;

	on[0] = '\0';
	for (i = 0; i < k; i++)
		used += (size_t)snprintf(on + used, 64 - used, "%s%s",
		    i > 0 ? " and " : "", ords[i] == -1 ? "last" :
		    nths[ords[i] - 1]);
	snprintf(on + used, 64 - used, " %s", day);
}

/*
 * How many, at *p: as dayrel.c's circle_amount reads it (2, two, a), or
 * other (2); 1 when *p says none (*p left there), -1 when it is a number
 * out of range.  *p moved past it and the blanks after.
 */
static int
count_at(const char **p)
{
	const char	*q;
	int		 n;

	if (strncasecmp(*p, "other ", 6) == 0) {
		n = 2;
		q = *p + 5;
	} else if ((q = circle_amount(*p, &n)) == NULL)
		return 1;
	else if (n < 1 || n > 52)
		return -1;
	*p = q + strspn(q, " ");
	return n;
}

/* Is s one of words (NULL-ended), in any case? */
static int
word_in(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcasecmp(s, *words) == 0)
			return 1;
	return 0;
}

/* Day of the week of a date, 0 = Sunday. */
static int
weekday(const struct circle_date *d)
{
	struct icaltimetype	t = icaltime_null_time();

	t.year = d->year;
	t.month = d->month;
	t.day = d->day;
	t.is_date = 1;
	return icaltime_day_of_week(t) - 1;
}

/*
 * "week", "2 weeks", "two weeks", "2 wks", "weekly", "once a week",
 * "every second week", "month", "3 months", "day", "daily".
 */
static int
parse_every(const char *s, const char **freq, int *interval)
{
	static const char *const weeks[] = { "week", "weeks", "weekly", "wk",
	    "wks", NULL };
	static const char *const months[] = { "month", "months", "monthly",
	    NULL };
	static const char *const daily[] = { "day", "days", "daily", NULL };
	const char	*q;
	int		 n = 1, counted = 0, ords[5];

	while (isspace((unsigned char)*s))
		s++;
	/* once a week, once a month, once every two weeks */
	if (strncasecmp(s, "once ", 5) == 0) {
		s += 5 + strspn(s + 5, " ");
		if (strncasecmp(s, "a ", 2) == 0)
			s += 2 + strspn(s + 2, " ");
	}
	if (strncasecmp(s, "every ", 6) == 0)
		s += 6 + strspn(s + 6, " ");
	q = s;
	if (strncasecmp(s, "other ", 6) == 0)
		n = 2, s += 6 + strspn(s + 6, " ");
	else if (ordinals_at(&q, ords) == 1 && ords[0] > 1)
		n = ords[0], s = q;	/* every second week: every 2 weeks */
	else if ((n = count_at(&s)) == -1)
		return -1;
	else
		counted = n > 1;
	if (word_in(s, weeks))
		*freq = "WEEKLY";
	else if (word_in(s, months))
		*freq = "MONTHLY";
	else if (word_in(s, daily))
		*freq = "DAILY";
	else if (strcasecmp(s, "fortnight") == 0 ||
	    strcasecmp(s, "fortnightly") == 0) {
		*freq = "WEEKLY";
		n *= 2;
	} else
		return -1;
	/* "2 weeks", not "2 week"; but "other week", "fortnight" */
	if ((word_in(s, weeks) && counted && s[strlen(s) - 1] != 's' &&
	    strcasecmp(s, "weekly") != 0) || n > 52)
		return -1;
	*interval = n;
	return 0;
}

/*
 * A weekday at p as a list says it (tuesday, tue, tuesdays), its length
 * len: 0 (Sunday) to 6, or -1.
 */
static int
day_listed(const char *p, size_t len)
{
	int	d;

	if (len > 4 && (p[len - 1] == 's' || p[len - 1] == 'S') &&
	    (d = day_of(p, len - 1)) != -1)
		return d;
	return len < 3 ? -1 : day_of(p, len);
}

/*
 * Weekdays as a schedule lists them: tuesday, tuesdays, tue/thu, tue &
 * thu, mon, wed and fri, weekdays, and a run of them (mon-fri, monday to
 * friday, mon thru thu); in on as parse_on reads them ("tuesday,
 * thursday").  0, or -1 when p is not days alone.
 */
static int
days_listed(const char *p, char on[64])
{
	static const char *const to[] = { "-", " - ", " to ", " through ",
	    " thru ", " till ", " until ", NULL };
	const char *const	*t;
	size_t			 len, used = 0;
	int			 d, last;

	on[0] = '\0';
	for (;;) {
		p += strspn(p, " ,/&+.");
		if (strncasecmp(p, "and ", 4) == 0) {
			p += 4;
			continue;
		}
		if (*p == '\0')
			break;
		len = strcspn(p, " ,/&+.-");
		if ((len == 7 || len == 8) && strncasecmp(p, "weekdays",
		    len) == 0 && used + 10 < 64) {
			/* every weekday: parse_on's word for them */
			used += (size_t)snprintf(on + used, 64 - used, "%s%s",
			    used > 0 ? ", " : "", "weekdays");
			p += len;
			continue;
		}
		if ((d = day_listed(p, len)) == -1)
			return -1;
		p += len;
		last = d;
		for (t = to; *t != NULL; t++)
			if (strncasecmp(p, *t, strlen(*t)) == 0) {
				p += strlen(*t) + strspn(p + strlen(*t), " ");
				len = strcspn(p, " ,/&+.-");
				if ((last = day_listed(p, len)) == -1)
					return -1;
				p += len;
				break;
			}
		/* mon-fri: each day from the one to the other */
		for (;; d = (d + 1) % 7) {
			if (used + 12 >= 64)
				return -1;
			used += (size_t)snprintf(on + used, 64 - used, "%s%s",
			    used > 0 ? ", " : "", day_names[d]);
			if (d == last)
				break;
		}
	}
	return used > 0 ? 0 : -1;
}

/*
 * every: with its day in it, as a schedule is said: tuesday, tuesdays,
 * every tuesday, every other tuesday or every 2 tuesdays (weekly, a week
 * or two apart), tue/thu, mon, wed and fri (days_listed), the
 * first friday of the month, the last friday of each month, first friday
 * (monthly): its frequency and interval, and the day as on takes it in
 * on.  0, or -1 when s names no day.
 */
static int
every_day(const char *s, const char **freq, int *interval, char on[64])
{
	static const char *const months[] = { "", "of the month",
	    "of each month", "of every month", "of month", "each month",
	    "every month", "a month", "monthly", NULL };
	const char	*p;
	char		 t[64];
	size_t		 len;
	int		 d, n, k, ords[5];

	/* Tuesday., as a day is written with a point after it */
	snprintf(t, sizeof t, "%s", s + strspn(s, " "));
	for (len = strlen(t); len > 0 && strchr(" .", t[len - 1]); len--)
		t[len - 1] = '\0';
	p = t;
	if (strncasecmp(p, "every ", 6) == 0)
		p += 6 + strspn(p + 6, " ");
	/* every 2 tuesdays, every two tuesdays, every other tuesday */
	if ((n = count_at(&p)) == -1)
		return -1;
	if (strncasecmp(p, "the ", 4) == 0)
		p += 4 + strspn(p + 4, " ");
	if (n == 1 && (k = ordinals_at(&p, ords)) > 0) {
		/* the 1st and 3rd tuesdays of the month */
		len = strcspn(p, " ");
		if ((d = day_listed(p, len)) == -1)
			return -1;
		p += len + strspn(p + len, " ");
		if (!word_in(p, months))
			return -1;
		*freq = "MONTHLY";
		*interval = 1;
		ordinals_said(ords, k, day_names[d], on);
		return 0;
	}
	if (days_listed(p, on) == -1)
		return -1;
	*freq = "WEEKLY";
	*interval = n;
	return 0;
}

/*
 * Days of the month listed (1st and 15th, 1 and 15, 1st, 15th, the 1st
 * & the 15th, 1/15): "BYMONTHDAY=1,15" in buf, each once; -1 when one
 * is no day of a month or there is but one.
 */
static int
month_days(const char *p, char *buf, size_t size)
{
	char	*end;
	size_t	 used;
	int	 n, k = 0, seen[32] = { 0 };

	used = (size_t)snprintf(buf, size, "BYMONTHDAY=");
	for (;;) {
		while (*p != '\0' && strchr(" ,/&+", *p) != NULL)
			p++;
		if (strncasecmp(p, "and ", 4) == 0 || strncasecmp(p, "the ",
		    4) == 0) {
			p += 4;
			continue;
		}
		if (*p == '\0')
			break;
		if (!isdigit((unsigned char)*p))
			return -1;
		n = (int)strtol(p, &end, 10);
		if (n < 1 || n > 31)
			return -1;
		if (strncasecmp(end, "st", 2) == 0 || strncasecmp(end, "nd",
		    2) == 0 || strncasecmp(end, "rd", 2) == 0 ||
		    strncasecmp(end, "th", 2) == 0)
			end += 2;
		if (*end != '\0' && strchr(" ,/&+", *end) == NULL)
			return -1;
		p = end;
		if (seen[n]++)
			continue;
		used += (size_t)snprintf(buf + used, size - used, "%s%d",
		    k++ > 0 ? "," : "", n);
		if (used >= size)
			return -1;
	}
	return k > 1 ? 0 : -1;
}

/*
 * The BY part of the rule from "on": weekdays for weekly, "2nd tuesday",
 * "last friday" or a day of the month for monthly.  buf gets e.g.
 * "BYDAY=TU,TH" or "BYDAY=2TU" or "BYMONTHDAY=15".
 */
static int
parse_on(const char *on, const char *freq, char *buf, size_t size)
{
	const char	*p = on;
	size_t		 len, used = 0;
	int		 d, n, k, i, ords[5];
	char		*end;

	buf[0] = '\0';
	if (strcmp(freq, "MONTHLY") == 0) {
		while (isspace((unsigned char)*p))
			p++;
		len = strcspn(p, " ");
		if (isdigit((unsigned char)*p) && p[len] == '\0') {
			/* "15" or "15th": a day of the month */
			n = (int)strtol(p, &end, 10);
			if (n < 1 || n > 31 || (*end != '\0' &&
			    strcasecmp(end, "st") != 0 &&
			    strcasecmp(end, "nd") != 0 &&
			    strcasecmp(end, "rd") != 0 &&
			    strcasecmp(end, "th") != 0))
				return -1;
			snprintf(buf, size, "BYMONTHDAY=%d", n);
			return 0;
		}
		/* the last day (of the month): its 28th to its 31st */
		if (strcasecmp(p, "last day") == 0 ||
		    strcasecmp(p, "last day of the month") == 0) {
			snprintf(buf, size, "BYMONTHDAY=-1");
			return 0;
		}
		/* 1st and 15th; but 1st and 3rd tuesday below */
		if (isdigit((unsigned char)*p) && month_days(p, buf, size) == 0)
			return 0;
		/* 2nd tuesday, 1st and 3rd tuesdays, last weekday */
		if ((k = ordinals_at(&p, ords)) == 0)
			return -1;
		if (strcasecmp(p, "weekday") == 0) {
			used = (size_t)snprintf(buf, size, "BYDAY=MO,TU,WE,TH,"
			    "FR;BYSETPOS=");
			for (i = 0; i < k; i++)
				used += (size_t)snprintf(buf + used, size - used,
				    "%s%d", i > 0 ? "," : "", ords[i]);
			return used < size ? 0 : -1;
		}
		if ((d = day_listed(p, strlen(p))) == -1 &&
		    (d = day_of(p, strlen(p))) == -1)
			return -1;
		used = (size_t)snprintf(buf, size, "BYDAY=");
		for (i = 0; i < k; i++)
			used += (size_t)snprintf(buf + used, size - used,
			    "%s%d%s", i > 0 ? "," : "", ords[i], days[d]);
		return used < size ? 0 : -1;
	}
	used = (size_t)snprintf(buf, size, "BYDAY=");
	while (*p != '\0') {
		/* Tue., Thu.: a point after a day's abbreviation */
		while (*p != '\0' && strchr(" ,./&+", *p) != NULL)
			p++;
		if (strncasecmp(p, "and ", 4) == 0) {
			p += 4;
			continue;
		}
		len = strcspn(p, " ,./&+");
		if (len == 0)
			break;
		if (len == 8 && strncasecmp(p, "weekdays", 8) == 0) {
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
			    buf[used - 1] == '=' ? "" : ",", "MO,TU,WE,TH,FR");
		} else {
			if (len > 1 && (p[len - 1] == 's' || p[len - 1] == 'S') &&
			    day_of(p, len - 1) != -1 && len > 4)
				len--;		/* "tuesdays" */
			if ((d = day_of(p, len)) == -1)
				return -1;
			used += (size_t)snprintf(buf + used, size - used, "%s%s",
			    buf[used - 1] == '=' ? "" : ",", days[d]);
			if (p[len] == 's' || p[len] == 'S')
				len++;
		}
		if (used >= size)
			return -1;
		p += len;
	}
	return buf[used - 1] == '=' ? -1 : 0;
}

/*
 * every: how often and on which days in one, as said: weekly on tuesday,
 * every week on tue and thu, monthly on the 15th: how often in freq, the
 * days in on (without a "the").  0, or -1 when every says no " on ".
 */
static int
every_on(const char *every, char freq[64], char on[64])
{
	const char	*at;

	if ((at = strcasestr(every, " on ")) == NULL || at == every)
		return -1;
	snprintf(freq, 64, "%.*s", (int)(at - every), every);
	at += 4 + strspn(at + 4, " ");
	if (strncasecmp(at, "the ", 4) == 0)
		at += 4 + strspn(at + 4, " ");
	if (*at == '\0')
		return -1;
	snprintf(on, 64, "%s", at);
	return 0;
}

/*
 * every: with a part of the day after its days (every tuesday evening,
 * thursday nights), which is at's to say; or the weekend, which says no
 * day (every weekend): refused, saying what to write.  -1 with e, or 0.
 */
static int
every_part_of_day(const char *every, struct circle_err *e)
{
	static const char *const parts[] = { "morning", "mornings",
	    "afternoon", "afternoons", "evening", "evenings", "night",
	    "nights", NULL };
	static const char *const weekend[] = { "weekend", "weekends",
	    "every weekend", NULL };
	const char	*last = strrchr(every, ' '), *freq;
	char		 said[64], on[64];
	int		 n, alone;

	if (word_in(every, weekend))
		return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" says "
		    "which weeks, not which day: give the days (every saturday; "
		    "sat and sun)", every);
	if (last == NULL || !word_in(last + 1, parts))
		return 0;
	/* every evening: every day, at 7pm; 7 in the evening no day */
	snprintf(said, sizeof said, "%.*s", (int)(last - every), every);
	if (!(alone = strcasecmp(said, "every") == 0) &&
	    every_day(said, &freq, &n, on) == -1)
		return 0;
	return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\": give the day "
	    "here (\"%.*s%s\") and the time with at (--at 7pm)", every,
	    (int)(last - every), every, alone ? " day" : "");
}

/* Does s begin with the word w, alone or before a blank? */
static int
word_starts(const char *s, const char *w)
{
	size_t	n = strlen(w);

	return strncasecmp(s, w, n) == 0 && (s[n] == '\0' || s[n] == ' ');
}

/*
 * every: said as people say it, in words that say two things: biweekly
 * (every two weeks, or twice a week), bimonthly (every two months, or
 * twice a month), twice a week or semimonthly (on which days?).
 * -1 with e, or 0 when every is neither.
 */
static int
every_unclear(const char *every, struct circle_err *e)
{
	const char	*p = every;
	size_t		 len;
	int		 ords[5], d, rc;

	if ((strncasecmp(every, "biweekly", 8) == 0 && (every[8] == '\0' ||
	    every[8] == ' ')) || (strncasecmp(every, "bi-weekly", 9) == 0 &&
	    (every[9] == '\0' || every[9] == ' ')))
		return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" is every "
		    "two weeks to some and twice a week to others: write 2 "
		    "weeks (or every other tuesday), or the days (tue and thu)",
		    every);
	if (word_starts(every, "bimonthly") || word_starts(every,
	    "bi-monthly"))
		return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" is every "
		    "two months to some and twice a month to others: write 2 "
		    "months, or the days (monthly on the 1st and 15th; 1st and "
		    "3rd tuesday)", every);
	if (word_starts(every, "semimonthly") || word_starts(every,
	    "semi-monthly") || ((strncasecmp(every, "twice ", 6) == 0 ||
	    strncasecmp(every, "three times ", 12) == 0) &&
	    strcasestr(every, "month") != NULL))
		return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" says how "
		    "often, not on which days: give the days (monthly on the "
		    "1st and 15th; 1st and 3rd tuesday)", every);
	if (strncasecmp(every, "twice ", 6) == 0 || strncasecmp(every,
	    "three times ", 12) == 0)
		return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" says how "
		    "often, not on which days: give the days (tue and thu; mon, "
		    "wed and fri)", every);
	if ((rc = every_part_of_day(every, e)) != 0)
		return rc;
	/* every second tuesday: every other one, or the month's second? */
	if (strncasecmp(p, "every ", 6) != 0)
		return 0;
	p += 6 + strspn(p + 6, " ");
	if (ordinals_at(&p, ords) != 1 || ords[0] < 2)
		return 0;
	len = strcspn(p, " .");
	if ((d = day_listed(p, len)) == -1 || p[len + strspn(p + len,
	    " .")] != '\0')
		return 0;
	return circle_err_set(e, CIRCLE_EDATA, "every: \"%s\" is every %d "
	    "weeks to some and the %s %s of each month to others: write "
	    "\"every %d %ss\" or \"the %s %s of the month\"", every, ords[0],
	    nths[ords[0] - 1], day_names[d], ords[0], day_names[d],
	    nths[ords[0] - 1], day_names[d]);
}

static int
bad(struct circle_err *e, const char *field, const char *v, const char *what)
{
	return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not %s", field,
	    v, what);
}

/*
 * A day of the month that on names twice (1st and 1st), as month_days
 * reads days; 0 when none is.
 */
static int
month_day_twice(const char *p)
{
	char	*end;
	int	 n, seen[32] = { 0 };

	while (*p != '\0') {
		if (!isdigit((unsigned char)*p)) {
			p++;
			continue;
		}
		n = (int)strtol(p, &end, 10);
		if (n >= 1 && n <= 31 && seen[n]++)
			return n;
		p = end;
	}
	return 0;
}

/*
 * on: that names no day: a weekday in another language (vendredi) said
 * so, with the day to write; else what on takes for freq.  -1.
 */
static int
on_refused(const char *on, const char *freq, struct circle_err *e)
{
	const char	*lang, *day;
	char		 word[64];
	int		 wd, d;

	if ((wd = circle_weekday_foreign_in(on, word, &lang)) != -1) {
		day = circle_weekday_name(wd);
		/* on: vendredi is quoted once; on: lundi, vendredi the day */
		if (strcasecmp(word, on) == 0)
			return circle_err_set(e, CIRCLE_EDATA, "on: \"%s\" "
			    "is %s for %c%s, and days are read in English: "
			    "write %s", on, lang,
			    toupper((unsigned char)day[0]), day + 1, day);
		return circle_err_set(e, CIRCLE_EDATA, "on: \"%s\": \"%s\" is "
		    "%s for %c%s, and days are read in English: write %s",
		    on, word, lang, toupper((unsigned char)day[0]), day + 1,
		    day);
	}
	if (strcmp(freq, "MONTHLY") == 0 && (d = month_day_twice(on)) != 0)
		return circle_err_set(e, CIRCLE_EDATA, "on: \"%s\" names the "
		    "%d%s twice: name each day once (the %d%s alone, or two "
		    "days: 1st and 15th)", on, d, circle_ordinal_suffix(d),
		    d, circle_ordinal_suffix(d));
	return bad(e, "on", on, strcmp(freq, "MONTHLY") == 0 ? "a day of "
	    "the month (2nd tuesday, last friday, 15, 1st and 15th)" :
	    "days of the week (tuesday; monday, thursday)");
}

/* An nth weekday of a month (1FR, -2MO) can fall on day d of an l-day one. */
static int
nth_on(int n, int d, int l)
{
	if (n == 0)
		return 1;
	if (n > 0)
		return d > 7 * (n - 1) && d <= 7 * n;
	return d > l + 7 * n && d <= l + 7 * (n + 1);
}

/*
 * Whether some month of the rule has a day its BYMONTHDAY and BYDAY both
 * allow (February the 30th never comes, nor a 5th Friday on the 1st).
 */
static int
some_day(const struct icalrecurrencetype *r, int by_month)
{
	static const int	 len[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int			 m, md, i, j, l, d, n;

	for (m = 1; m <= 12; m++) {
		for (j = 0, i = !by_month; !i && j < ICAL_BY_MONTH_SIZE &&
		    r->by_month[j] != ICAL_RECURRENCE_ARRAY_MAX; j++)
			i = icalrecurrencetype_month_month(r->by_month[j]) == m;
		if (!i)
			continue;
		for (i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
		    r->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			for (l = m == 2 ? 28 : len[m - 1]; l <= len[m - 1];
			    l++) {
				md = r->by_month_day[i];
				if ((d = md > 0 ? md : l + md + 1) < 1 || d > l)
					continue;
				if (r->by_day[0] == ICAL_RECURRENCE_ARRAY_MAX ||
				    (r->freq != ICAL_MONTHLY_RECURRENCE &&
				    !by_month))
					return 1;
				for (j = 0; j < ICAL_BY_DAY_SIZE &&
				    r->by_day[j] != ICAL_RECURRENCE_ARRAY_MAX;
				    j++) {
					n = icalrecurrencetype_day_position(
					    r->by_day[j]);
					if (nth_on(n, d, l))
						return 1;
				}
			}
	}
	return 0;
}

/*
 * What libical takes but cannot expand, or searches some 500 years for
 * before it gives up (a second or more a rule): an nth weekday past the 5th
 * of a month or the 53rd of a year, or in a rule neither monthly nor
 * yearly (RFC 5545 3.3.10), and month days no month of the rule has.
 */
static int
can_occur(const struct icalrecurrencetype *r)
{
	int	i, n, max, by_month;

	by_month = r->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX;
	max = r->freq == ICAL_MONTHLY_RECURRENCE ||
	    (r->freq == ICAL_YEARLY_RECURRENCE && by_month) ? 5 :
	    r->freq == ICAL_YEARLY_RECURRENCE ? 53 : 0;
	for (i = 0; i < ICAL_BY_DAY_SIZE &&
	    r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		n = icalrecurrencetype_day_position(r->by_day[i]);
		if (n > max || n < -max)
			return 0;
	}
	return r->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX ||
	    some_day(r, by_month);
}

/* Check a rule with libical; its parser is the judge, and can_occur(). */
static int
rule_ok(const char *rule)
{
	struct icalrecurrencetype	r;

	if (strlen(rule) > 500 || strpbrk(rule, "\r\n") != NULL)
		return 0;
	icalerror_set_errors_are_fatal(0);
	icalerrno = ICAL_NO_ERROR;
	r = icalrecurrencetype_from_string(rule);
	return r.freq != ICAL_NO_RECURRENCE && icalerrno == ICAL_NO_ERROR &&
	    r.interval >= 1 && can_occur(&r);
}

void
circle_rule_release(struct circle_rule *r)
{
	free(r->rrule);
	circle_strv_free(r->exdates, r->nexdates);
	memset(r, 0, sizeof *r);
}

/*
 * A schedule to a rule: the RRULE (with UNTIL or COUNT), the wall-clock
 * start, the duration and the dates left out.  Every error names its field
 * and leaves r empty.
 */
int
circle_rule_from_schedule(const struct circle_schedule *s, const char *tzid,
    int default_duration, struct circle_rule *r, struct circle_err *e)
{
	struct circle_date	 from, until, ex;
	const char		*freq = NULL, *on;
	char			 by[128], rule[600], utc[21], *end;
	char			 said[64], often[64], listed[64];
	int			 interval = 1, h, m, wd, ranged, len;
	long			 n;
	size_t			 i;

	memset(r, 0, sizeof *r);
	if (s->from == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "from: the first date "
		    "is missing");
	if (circle_date_parse(s->from, &from) == -1)
		return bad(e, "from", s->from, "a date (YYYY-MM-DD)");
	if (s->at == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "at: the time is "
		    "missing");
	/* at: 7pm-9pm (a group file's), its length from its end */
	if ((ranged = circle_clock_range_check(s->at, "on:", &h, &m, &len,
	    e)) == -1)
		return circle_err_prefix(e, "at");
	if (ranged == 0 && s->duration != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "at: \"%s\" says when "
		    "it ends, and for: how long it lasts: give one", s->at);
	if (ranged == 1 && circle_clock_check("at", s->at, &h, &m, e) == -1)
		return -1;
	r->duration = ranged == 0 ? len : default_duration;
	if (s->duration != NULL &&
	    circle_length_check("for", s->duration, &r->duration, e) == -1)
		return -1;
	if (s->until != NULL && s->count != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "until: give an end date "
		    "or a number of sessions, not both");
	if (s->rrule != NULL) {
		if (s->every != NULL || s->on != NULL)
			return circle_err_set(e, CIRCLE_EDATA, "rrule: give a "
			    "rule or every/on, not both");
		if (strncasecmp(s->rrule, "RRULE:", 6) == 0)
			return bad(e, "rrule", s->rrule, "a rule without the "
			    "\"RRULE:\" name (FREQ=WEEKLY;BYDAY=TU)");
		if (!rule_ok(s->rrule))
			return bad(e, "rrule", s->rrule, "a valid RRULE that "
			    "can occur (such as FREQ=WEEKLY;BYDAY=TU)");
		if ((strcasestr(s->rrule, "UNTIL=") != NULL ||
		    strcasestr(s->rrule, "COUNT=") != NULL) &&
		    (s->until != NULL || s->count != NULL))
			return circle_err_set(e, CIRCLE_EDATA, "rrule: it has "
			    "its own UNTIL or COUNT; leave out until/count");
		snprintf(rule, sizeof rule, "%s", s->rrule);
	} else {
		if (s->every == NULL)
			return circle_err_set(e, CIRCLE_EDATA, "every: how often "
			    "is missing (week, 2 weeks, month)");
		on = s->on;
		if (every_unclear(s->every, e) == -1)
			return -1;
		if (every_day(s->every, &freq, &interval, said) == 0 ||
		    (every_on(s->every, often, said) == 0 &&
		    parse_every(often, &freq, &interval) == 0 &&
		    strcmp(freq, "DAILY") != 0)) {
			if (s->on != NULL)
				return circle_err_set(e, CIRCLE_EDATA, "every: "
				    "\"%s\" names the day, and on: \"%s\" "
				    "too: give one", s->every, s->on);
			on = said;
		} else if (parse_every(s->every, &freq, &interval) == -1)
			return bad(e, "every", s->every, "a frequency (week, 2 "
			    "weeks, month, day; tuesday, tue and thu, every "
			    "other tuesday, every 2 tuesdays, the first friday "
			    "of the month)");
		by[0] = '\0';
		wd = weekday(&from);
		if (on != NULL && strcmp(freq, "DAILY") != 0) {
			/* --on mon-fri: a run of days, each of them */
			if (strcmp(freq, "WEEKLY") == 0 && on != said &&
			    days_listed(on, listed) == 0)
				on = listed;
			if (parse_on(on, freq, by, sizeof by) == -1)
				return on_refused(on, freq, e);
		} else if (strcmp(freq, "WEEKLY") == 0)
			snprintf(by, sizeof by, "BYDAY=%s", days[wd]);
		else if (strcmp(freq, "MONTHLY") == 0)
			snprintf(by, sizeof by, "BYMONTHDAY=%d", from.day);
		/* every other tuesday from a Friday: from the first Tuesday,
		 * not the one of the week after next (RFC 5545 counts weeks
		 * from the one --from is in) */
		if (interval > 1 && strcmp(freq, "WEEKLY") == 0 &&
		    strlen(by) == 8 && (wd = day_of(by + 6, 2)) != -1)
			circle_date_add(&from, (wd - weekday(&from) + 7) % 7,
			    &from);
		snprintf(rule, sizeof rule, "FREQ=%s%s%.0d%s%s", freq,
		    interval > 1 ? ";INTERVAL=" : "", interval > 1 ? interval :
		    0, by[0] != '\0' ? ";" : "", by);
	}
	if (s->until != NULL) {
		if (circle_date_parse(s->until, &until) == -1)
			return bad(e, "until", s->until, "a date (YYYY-MM-DD)");
		if (circle_date_diff(&from, &until) < 0)
			return circle_err_set(e, CIRCLE_EDATA, "until: %s is "
			    "before from (%s)", s->until, s->from);
		/* The end of that day, in the group's zone, as UTC. */
		if (circle_local_to_utc(tzid, &until, 23, 59, utc) == -1)
			return circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is "
			    "not a known time zone", tzid);
		snprintf(rule + strlen(rule), sizeof rule - strlen(rule),
		    ";UNTIL=%.4s%.2s%.2sT%.2s%.2s59Z", utc, utc + 5, utc + 8,
		    utc + 11, utc + 14);
	}
	if (s->count != NULL) {
		n = strtol(s->count, &end, 10);
		if (*end != '\0' || !isdigit((unsigned char)*s->count) || n < 1 ||
		    n > CIRCLE_MAX_OCCURRENCES)
			return bad(e, "count", s->count, "a number of sessions "
			    "(1 to 10000)");
		snprintf(rule + strlen(rule), sizeof rule - strlen(rule),
		    ";COUNT=%ld", n);
	}
	if (!rule_ok(rule))
		return bad(e, s->rrule != NULL ? "rrule" : "on", rule,
		    "a rule libical accepts");
	for (i = 0; i < s->nexcept; i++) {
		if (circle_date_parse(s->except[i], &ex) == -1) {
			circle_rule_release(r);
			return bad(e, "except", s->except[i],
			    "a date (YYYY-MM-DD)");
		}
		r->exdates = circle_xgrow(r->exdates, r->nexdates,
		    sizeof *r->exdates);
		r->exdates[r->nexdates++] = circle_xstrdup(s->except[i]);
	}
	r->rrule = circle_xstrdup(rule);
	circle_date_format(&from, r->dtstart);
	snprintf(r->dtstart + 10, sizeof r->dtstart - 10, "T%02d:%02d", h, m);
	r->dtstart[10] = 'T';
	return 0;
}

/*
 * The months from first to last (local dates) a monthly rule of days of
 * the month (the 30th) passes over for want of such a day (February):
 * "February 2027" or "February 2027, April 2027 and June 2027" in buf,
 * the day in *day (its largest); 0, or 1 with buf "" and *day 0 when
 * none is.  RFC 5545 skips them, as every calendar does: said at plan
 * time, once, so that a month without its session is no surprise.
 */
int
circle_rule_short_months(const char *rrule, const char *first,
    const char *last, char *buf, size_t size, int *day)
{
	struct icalrecurrencetype	 r;
	struct circle_date		 a, b;
	size_t				 used = 0, n = 0, more = 0;
	char				 fd[11], ld[11];
	int				 i, d, y, m, len;

	buf[0] = '\0';
	*day = 0;
	icalerror_set_errors_are_fatal(0);
	r = icalrecurrencetype_from_string(rrule);
	if (r.freq != ICAL_MONTHLY_RECURRENCE ||
	    r.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r.by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    r.by_month[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    snprintf(fd, sizeof fd, "%.10s", first) != 10 ||
	    snprintf(ld, sizeof ld, "%.10s", last) != 10 ||
	    circle_date_parse(fd, &a) == -1 || circle_date_parse(ld, &b) == -1)
		return 0;
	for (i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
	    r.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (r.by_month_day[i] > *day)
			*day = r.by_month_day[i];
	if (*day < 29)
		return *day = 0;
	for (y = a.year, m = a.month; y * 12 + m <= b.year * 12 + b.month;
	    m += r.interval, y += (m - 1) / 12, m = (m - 1) % 12 + 1) {
		len = circle_month_days(y, m);
		for (i = 0, d = 0; i < ICAL_BY_MONTHDAY_SIZE &&
		    r.by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			d |= r.by_month_day[i] > len;
		if (!d)
			continue;
		if (n++ >= 5) {
			more++;
			continue;
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%s %d",
		    n > 1 ? ", " : "", circle_month_name(m), y);
		if (used >= size)
			return -1;
	}
	if (n == 0)
		return *day = 0;
	if (more > 0)
		snprintf(buf + used, size - used, " and %zu more", more);
	else if (n > 1) {
		/* the last ", " an " and " */
		char	*c = strrchr(buf, ',');
		char	 tail[64];

		snprintf(tail, sizeof tail, " and%s", c + 1);
		snprintf(c, size - (size_t)(c - buf), "%s", tail);
	}
	return 1;
}

/*
 * A series' rule with its weekdays moved by ndays (weekly and daily rules
 * only) and its end replaced: until (a UTC "YYYYMMDDTHHMMSSZ") or count.
 * Moving a series and capping a replanned one at its split both use it.
 */
char *
circle_rule_shift(const char *rrule, long ndays, const char *until, int count,
    struct circle_err *e)
{
	struct icalrecurrencetype	 r;
	char				*s, *copy;
	int				 i, pos, wd;

	r = icalrecurrencetype_from_string(rrule);
	/* Even a whole number of weeks: "1st sunday" is no longer that. */
	if (ndays != 0 && r.freq != ICAL_WEEKLY_RECURRENCE &&
	    r.freq != ICAL_DAILY_RECURRENCE) {
		circle_err_set(e, CIRCLE_EDATA, "to: a monthly series moves "
		    "only to another time of day (give --at)");
		return NULL;
	}
	ndays = ((ndays % 7) + 7) % 7;
	for (i = 0; ndays != 0 && i < ICAL_BY_DAY_SIZE &&
	    r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		pos = icalrecurrencetype_day_position(r.by_day[i]);
		wd = (int)icalrecurrencetype_day_day_of_week(r.by_day[i]) - 1;
		wd = (int)((wd + ndays) % 7) + 1;
		r.by_day[i] = (short)(pos < 0 ? -(8 * -pos + wd) : 8 * pos + wd);
	}
	if (until != NULL) {
		r.until = icaltime_from_string(until);
		r.count = 0;
	} else if (count > 0) {
		r.until = icaltime_null_time();
		r.count = count;
	}
	if ((s = icalrecurrencetype_as_string_r(&r)) == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "rrule: cannot be rewritten");
		return NULL;
	}
	copy = circle_xstrdup(s);
	free(s);
	return copy;
}
