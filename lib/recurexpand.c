/*
 * recurexpand.c: a rule expanded in wall-clock time, so that 19:00 stays
 * 19:00 across clock changes: daily and weekly rules by day arithmetic,
 * the rest by libical's iterator (recur.c turns what is said into the
 * rule).  Expansion is always bounded.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "recur.h"

/*
 * Days since 1970-01-01 of a civil date and back (H. Hinnant's
 * algorithms), for the simple rules below.
 */
static long
day_number(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
day_civil(long z, int *y, int *m, int *d)
{
	long	era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday; 1970-01-01 was a Thursday. */
static int
day_weekday(long z)
{
	return (int)(((z % 7) + 7 + 4) % 7);
}

/*
 * The rules circle writes and most calendars send: DAILY or WEEKLY with
 * an INTERVAL, plain weekdays, a WKST, and a COUNT or an UNTIL (or the
 * bound "through" sets), starting on one of its days.  They are expanded
 * here by day arithmetic: libical's iterator asks ICU for the calendar
 * fields of each step, which was half the time of "circle export ics".
 * Anything else goes to libical.  Both give the same occurrences
 * (tests/unit/test-recur.c compares them over thousands of rules).
 */
struct simple {
	struct icaltimetype	 start;	/* dtstart, wall time */
	struct icaltimetype	 until;	/* wall time, or the null time */
	long			 until_day; /* UNTIL's date */
	int			 bounded;	/* by UNTIL */
	long			 first;	/* dtstart's day */
	long			 week;	/* weekly: this week's first day */
	long			 day;	/* daily: the next candidate */
	int			 weekly;
	int			 step;	/* days between weeks, or days */
	int			 offs[7];	/* weekly: days after the week's start */
	int			 noffs;
	int			 next;	/* weekly: the next of offs */
	int			 mask;	/* daily: the weekdays (bit 0 = Sunday) */
	int			 left;	/* COUNT left, or -1 */
};

static int
simple_init(const struct icalrecurrencetype *r, struct icaltimetype start,
    struct simple *f)
{
	const short	*by[7];
	int		 mask = 0, wd, ws, i, d;
	long		 span;

	by[0] = r->by_second;
	by[1] = r->by_minute;
	by[2] = r->by_hour;
	by[3] = r->by_month_day;
	by[4] = r->by_year_day;
	by[5] = r->by_week_no;
	by[6] = r->by_month;
	for (i = 0; i < 7; i++)
		if (by[i][0] != ICAL_RECURRENCE_ARRAY_MAX)
			return 0;
	if (r->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX ||
	    (r->rscale != NULL && *r->rscale != '\0') || r->interval < 1 ||
	    (r->freq != ICAL_DAILY_RECURRENCE &&
	    r->freq != ICAL_WEEKLY_RECURRENCE) ||
	    r->week_start < ICAL_SUNDAY_WEEKDAY ||
	    r->week_start > ICAL_SATURDAY_WEEKDAY ||
	    start.year < 1900 || start.year > 2100)
		return 0;
	for (i = 0; i < ICAL_BY_DAY_SIZE &&
	    r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		if (icalrecurrencetype_day_position(r->by_day[i]) != 0)
			return 0;
		d = (int)icalrecurrencetype_day_day_of_week(r->by_day[i]) - 1;
		if (d < 0 || d > 6 || (mask & (1 << d)))
			return 0;	/* libical repeats a day named twice */
		mask |= 1 << d;
	}
	memset(f, 0, sizeof *f);
	f->start = start;
	f->first = day_number(start.year, start.month, start.day);
	wd = day_weekday(f->first);
	if (mask == 0)
		mask = r->freq == ICAL_WEEKLY_RECURRENCE ? 1 << wd : 0x7f;
	if (!(mask & (1 << wd)))
		return 0;
	/* Bounded, and well inside the years libical's iterator covers. */
	f->until = r->until;
	f->left = r->count > 0 ? r->count : -1;
	if (!icaltime_is_null_time(r->until)) {
		if (r->until.is_date || r->until.zone != NULL ||
		    r->until.year > 2400 || icaltime_compare(start, r->until) > 0)
			return 0;
		f->until_day = day_number(r->until.year, r->until.month,
		    r->until.day);
		f->bounded = 1;
	} else if (r->count > 0) {
		span = (long)r->count * r->interval *
		    (r->freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1);
		if (span > 300L * 366)
			return 0;
	} else
		return 0;
	f->weekly = r->freq == ICAL_WEEKLY_RECURRENCE;
	/*
	 * With an INTERVAL and several days, libical's weeks do not follow a
	 * WKST other than Monday (python's dateutil follows RFC 5545 there):
	 * such rules stay with libical, which planned their sessions so far.
	 */
	if (f->weekly && r->interval > 1 && r->week_start !=
	    ICAL_MONDAY_WEEKDAY && (mask & (mask - 1)) != 0)
		return 0;
	if (f->weekly) {
		ws = (int)r->week_start - 1;
		f->step = 7 * r->interval;
		f->week = f->first - (wd - ws + 7) % 7;
		for (i = 0; i < 7; i++)
			if (mask & (1 << ((ws + i) % 7)))
				f->offs[f->noffs++] = i;
	} else {
		f->step = r->interval;
		f->day = f->first;
		f->mask = mask;
	}
	return 1;
}

/* The next occurrence in t (wall time); 0 at the end. */
static int
simple_next(struct simple *f, struct icaltimetype *t)
{
	long	z;
	int	y, m, d;

	if (f->left == 0)
		return 0;
	for (;;) {
		if (f->weekly) {
			z = f->week + f->offs[f->next];
			if (++f->next == f->noffs) {
				f->next = 0;
				f->week += f->step;
			}
			if (z < f->first)
				continue;
		} else {
			z = f->day;
			f->day += f->step;
			if (!(f->mask & (1 << day_weekday(z))))
				continue;
		}
		break;
	}
	/* Compare times only near UNTIL's day (both are wall times). */
	if (f->bounded && z > f->until_day + 1) {
		f->left = 0;
		return 0;
	}
	day_civil(z, &y, &m, &d);
	*t = f->start;
	t->year = y;
	t->month = m;
	t->day = d;
	if (f->bounded && z >= f->until_day - 1 &&
	    icaltime_compare(*t, f->until) > 0) {
		f->left = 0;
		return 0;
	}
	if (f->left > 0)
		f->left--;
	return 1;
}

/* circle_rule_expand's fn that counts the occurrences: arg a size_t. */
int
circle_rule_count(void *arg, const char *local)
{
	(void)local;
	(*(size_t *)arg)++;
	return 0;
}

/*
 * Expand: call fn with each occurrence's local wall time ("YYYY-MM-DDTHH:MM")
 * from dtstart through the end of the rule or the local date through,
 * whichever is first, skipping exdates.  At most CIRCLE_MAX_OCCURRENCES;
 * more is an error, never an endless loop.
 */
static int
expand(const char *rrule, const char *dtstart, const char *tzid,
    const char *const *exdates, size_t nexdates, const char *through,
    int (*fn)(void *, const char *), void *arg, struct circle_err *e,
    int fast)
{
	struct icalrecurrencetype	 r;
	struct icaltimetype		 start, t, cap;
	struct circle_date		 last;
	struct simple			 f;
	icalrecur_iterator		*it = NULL;
	icaltimezone			*z;
	char				 local[17], date[11];
	size_t				 n = 0, i;
	int				 rc = 0, skip;

	z = circle_zone(tzid);
	if (z == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is not a "
		    "known time zone", tzid);
	icalerror_set_errors_are_fatal(0);
	r = icalrecurrencetype_from_string(rrule);
	if (r.freq == ICAL_NO_RECURRENCE)
		return circle_err_set(e, CIRCLE_EDATA, "rrule: \"%s\" is not "
		    "a valid RRULE", rrule);
	start = icaltime_null_time();
	start.year = atoi(dtstart);
	start.month = atoi(dtstart + 5);
	start.day = atoi(dtstart + 8);
	start.hour = atoi(dtstart + 11);
	start.minute = atoi(dtstart + 14);
	/*
	 * Expanded in wall-clock time (floating), so that 19:00 stays 19:00;
	 * a UTC UNTIL is turned into the zone's wall time to match.  Given
	 * the zone, libical's iterator (through ICU) carries the shift of a
	 * time in a clock change's gap on to later weeks, some of them:
	 * 02:30 became 03:30 for weeks after the US change.
	 */
	if (!icaltime_is_null_time(r.until) && !r.until.is_date &&
	    icaltime_is_utc(r.until)) {
		icaltimezone_convert_time(&r.until,
		    icaltimezone_get_utc_timezone(), z);
		r.until.zone = NULL;
	}
	/*
	 * libical stops at UNTIL by itself: without one, a rule that matches
	 * nothing (the 30th of February) is searched for centuries.
	 */
	if (through != NULL && circle_date_parse(through, &last) == 0) {
		circle_date_add(&last, 2, &last);
		cap = icaltime_null_time();
		cap.year = last.year;
		cap.month = last.month;
		cap.day = last.day;
		if (icaltime_is_null_time(r.until) ||
		    icaltime_compare(r.until, cap) > 0)
			r.until = cap;
	}
	if (!(fast = fast && simple_init(&r, start, &f)) &&
	    (it = icalrecur_iterator_new(r, start)) == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "rrule: \"%s\" cannot "
		    "be expanded from %s", rrule, dtstart);
	for (;;) {
		if (fast) {
			if (!simple_next(&f, &t))
				break;
		} else if (icaltime_is_null_time(t =
		    icalrecur_iterator_next(it)))
			break;
		circle_wall_gap(&t, z);
		snprintf(local, sizeof local, "%04u-%02u-%02uT%02u:%02u",
		    (unsigned)t.year % 10000, (unsigned)t.month % 100,
		    (unsigned)t.day % 100, (unsigned)t.hour % 100,
		    (unsigned)t.minute % 100);
		memcpy(date, local, 10);
		date[10] = '\0';
		if (through != NULL && strcmp(date, through) > 0)
			break;
		for (i = 0, skip = 0; i < nexdates && !skip; i++)
			skip = strcmp(exdates[i], date) == 0;
		if (skip)
			continue;
		if (++n > CIRCLE_MAX_OCCURRENCES) {
			rc = circle_err_set(e, CIRCLE_EDATA, "rrule: more than "
			    "%d sessions; give an end date, a count or an "
			    "earlier --through", CIRCLE_MAX_OCCURRENCES);
			break;
		}
		if ((rc = fn(arg, local)) != 0)
			break;
	}
	if (it != NULL)
		icalrecur_iterator_free(it);
	return rc;
}

int
circle_rule_expand(const char *rrule, const char *dtstart, const char *tzid,
    const char *const *exdates, size_t nexdates, const char *through,
    int (*fn)(void *, const char *), void *arg, struct circle_err *e)
{
	return expand(rrule, dtstart, tzid, exdates, nexdates, through, fn,
	    arg, e, 1);
}

/* The same through libical's iterator alone: for the tests. */
int
circle_rule_expand_ical(const char *rrule, const char *dtstart,
    const char *tzid, const char *const *exdates, size_t nexdates,
    const char *through, int (*fn)(void *, const char *), void *arg,
    struct circle_err *e)
{
	return expand(rrule, dtstart, tzid, exdates, nexdates, through, fn,
	    arg, e, 0);
}

/* Days since 1970-01-01 of a civil date, for the zone arithmetic of others. */
long
circle_day_number(int y, int m, int d)
{
	return day_number(y, m, d);
}
