/*
 * daytime.c: a day and a time said in one (tomorrow 7pm, tonight at 7,
 * wed 7-9pm, tomorrow evening 7-9), split into the day's text, for
 * day.c, and the time, read by when.c and clocksaid.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/*
 * The part of the day the last word of the day's text (s, n bytes)
 * names: 'p' for tonight, afternoon, evening, night, 'a' for morning, 0
 * for none; its words in *part.
 */
static int
part_of_day(const char *s, size_t n, const char **part)
{
	static const struct {
		const char	*word, *said;
		int		 ap;
	} parts[] = { { "tonight", "in the evening", 'p' },
	    { "tonite", "in the evening", 'p' },
	    { "afternoon", "in the afternoon", 'p' },
	    { "evening", "in the evening", 'p' }, { "night", "at night", 'p' },
	    { "morning", "in the morning", 'a' } };
	size_t	i, k;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		k = strlen(parts[i].word);
		if (n >= k && strncasecmp(s + n - k, parts[i].word, k) == 0 &&
		    (n == k || s[n - k - 1] == ' ')) {
			*part = parts[i].said;
			return parts[i].ap;
		}
	}
	return 0;
}

/*
 * Midnight after a day (fri midnight, fri 12am, tonight at 12, friday
 * 12-2am, tonight 12-2) is refused, as it begins that day and ends the
 * one before, and so is a time past midnight said in words or as 12
 * after a part of the day (fri half past midnight, tonight at half past
 * 12: the day after's); 00:00 is taken.  t is the time or the range (len
 * minutes long, 0 for a time), late whether its 12 is the evening's.
 * 0, or -1 with e.
 */
static int
midnight_said(const char *ref, const char *t, int h, int m, int len,
    int late, struct circle_err *e)
{
	int	words = late || strcasestr(t, "midnight") != NULL;
	int	eh = (h * 60 + m + len) / 60 % 24, em = (m + len) % 60;

	if (len > 0 && circle_clock_midnight(t, h, m))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %s begins at "
		    "midnight, which " CIRCLE_CLOCK_MIDNIGHT ": give the day "
		    "it begins and 00:00-%02d:%02d (the day "
		    "after, for the night after a day)", ref, t, eh, em);
	if (circle_clock_midnight(t, h, m))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": midnight "
		    CIRCLE_CLOCK_MIDNIGHT ": give the day and 00:00 (it "
		    "begins the day) or 23:59 (it ends it)", ref);
	if (words && h < 12 && len == 0)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %s is on the "
		    "day after: give that day and %02d:%02d", ref, t, h, m);
	return 0;
}

/*
 * May the number that ends ref, after its day's text (n bytes), be an
 * hour: is that text a day (fri, 2027-06-03, 12/19), and ref no date with
 * its month named (dec 19, 1 dec 19: the number is its day's or year's)?
 * 1 or 0.
 */
static int
day_then_hour(const char *ref, size_t n)
{
	struct circle_date_words	 w;
	enum circle_words_said		 said;
	struct circle_date		 today;
	struct circle_err		 e;
	const char			*end;
	char				 iso[11], *day;
	int				 rc;

	if (circle_date_today(&today) == 0 && (end = circle_date_words(ref,
	    &today, &w, &said)) != NULL && end[strspn(end, " ")] == '\0')
		return 0;
	day = circle_xstrndup(ref, n);
	rc = circle_day_iso(NULL, day, NULL, CIRCLE_DAY_ONE, 0, iso, &e);
	free(day);
	return rc == 0;
}

/*
 * A range of times after a day that cannot be read (circle_clock_range's
 * error in e, quoting t), said of the whole of what was typed, ref: -1.
 */
static int
range_refused(const char *ref, const char *t, struct circle_err *e)
{
	char	why[sizeof e->msg];
	size_t	n = strlen(t);

	if (e->msg[0] != '"' || strncmp(e->msg + 1, t, n) != 0 ||
	    e->msg[n + 1] != '"')
		return -1;
	snprintf(why, sizeof why, "%s", e->msg + n + 2);
	/* "7-9" is 07:00-09:00 or...; "half past 7 - 21:00": half past 7 is */
	if (strncmp(why, ": ", 2) == 0)
		return circle_err_set(e, e->code, "\"%s\": %s", ref, why + 2);
	return circle_err_set(e, e->code, "\"%s\": %s%s", ref, t, why);
}

/*
 * A time said after a part of the day (tonight 7:30, this evening at 7,
 * tomorrow morning 9, tonight at half past 7): 7:30 and 7 are in the
 * evening (19:30), and a time not in that part of it (tonight 7am) is
 * refused.  clock is what circle_clock_said said of t: 1, an hour without
 * am or pm, takes the part's; 0 for words (half past 7pm), whose am or pm
 * was said.  1; -1 with e.
 */
static int
time_in_part(const char *ref, const char *t, int clock, int ap,
    const char *part, int *h, int *m, struct circle_err *e)
{
	const char	*p = t + strspn(t, "0123456789:.hH ");
	int		 said = tolower((unsigned char)*p), words;

	words = !isdigit((unsigned char)*t);
	if (clock == 1) {
		*h += ap == 'p' ? 12 : 0;
		return 1;
	}
	if (words)
		said = *h >= 12 ? 'p' : 'a';
	else if (said != 'a' && said != 'p')
		said = 0;
	if (ap == 'p' && said == 0 && *h >= 1 && *h <= 11)
		*h += 12;
	else if ((ap == 'p' && said == 'a') || (ap == 'a' && (*h >= 13 ||
	    (words && said == 'p' && *h > 12))))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %s is not %s "
		    "(write %02d:%02d)", ref, t, part, (*h + 12) % 24, *m);
	return 1;
}

/*
 * Is t, read as an hour and its minutes apart (7 30pm), a day's number
 * and a time instead (the 1 12pm of dec 1 12pm, the 11 10am of fri 11
 * 10am: noon on the 1st, not 1:12 pm on dec)?  The time after the
 * number is then the time, as it was before times were typed apart.
 */
static int
apart_after_day(const char *t)
{
	size_t	k = circle_clock_apart(t);
	int	h, m;

	return k > 0 && circle_clock_typed(t + k, &h, &m) != -1;
}

/*
 * Is ref, n bytes, a month's word alone (dec, December, dec.)?  Then a
 * number after it is its day, not an hour.
 */
static int
month_alone(const char *ref, size_t n)
{
	const char	*end;

	return circle_month_word(ref, &end) != 0 && end == ref + n;
}

/* Does ref end, at p, with a month's word (24 Nov, 5 january)? */
static int
month_last(const char *ref, const char *p)
{
	const char	*w = p;

	while (w > ref && w[-1] != ' ')
		w--;
	return w < p && month_alone(w, (size_t)(p - w));
}

/*
 * An afternoon's hour on the 24-hour clock and its minutes apart, pm
 * after them (the 17 30pm of dec 17 30pm): 17:30, which pm does not
 * change, though the clock refuses an hour past 12 with pm.
 */
static int
past_noon(const char *t, int d, int *h, int *m)
{
	const char	*p = t + strspn(t, "0123456789");

	p += strspn(p, " ");
	if (d < 13 || d > 23 || !isdigit((unsigned char)p[0]) ||
	    !isdigit((unsigned char)p[1]) || p[0] > '5' ||
	    strspn(p + 2, " ") + 2 + 2 != strlen(p) ||
	    strncasecmp(p + 2 + strspn(p + 2, " "), "pm", 2) != 0)
		return 0;
	*h = d;
	*m = (p[0] - '0') * 10 + p[1] - '0';
	return 1;
}

/*
 * A month, a day and a time glued by habit (dec 7 30pm): the day's
 * number read as the time's hour leaves the month with no day, and the
 * time after the day is none.  Refused naming both readings: -1 with e;
 * else 0.
 */
int
circle_day_glued(const char *ref, struct circle_err *e)
{
	const char	*t, *rest, *w;
	size_t		 n;
	int		 h, m, h2, m2, d;

	for (t = ref; isalpha((unsigned char)*t) || *t == '.' ||
	    ((unsigned char)*t & 0x80); t++)
		;
	n = (size_t)(t - ref);
	t += strspn(t, " ");
	if (n == 0 || !month_alone(ref, n) || (d = atoi(t)) < 1 || d > 31 ||
	    (rest = t + strspn(t, "0123456789")) - t > 2 || *rest != ' ')
		return 0;
	rest += strspn(rest, " ");
	/* a number with am or pm, not a year (dec 25 2027) */
	w = rest + strspn(rest, "0123456789");
	w += strspn(w, " ");
	if (!isdigit((unsigned char)*rest) || !isalpha((unsigned char)*w) ||
	    circle_clock_typed(rest, &h2, &m2) != -1)
		return 0;
	if (circle_clock_typed(t, &h, &m) != 0 && !past_noon(t, d, &h, &m))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %.*s %d at "
		    "\"%s\", which is no time: write the day, then the time "
		    "(%.*s %d 19:30, %.*s %d 7:30pm)", ref, (int)n, ref, d, rest,
		    (int)n, ref, d, (int)n, ref, d);
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\" reads two ways: "
	    "%.*s %d at \"%s\", which is no time, or %s (%02d:%02d) in %.*s "
	    "with no day: write the day, then the time (%.*s %d %02d:%02d)",
	    ref, (int)n, ref, d, rest, t, h, m, (int)n, ref, (int)n, ref, d,
	    h, m);
}

/*
 * "DATE TIME" or "DATETHH:MM", the time as people write it (2026-12-01
 * 19:00, wed 7pm, wed at 7pm, 12/23 7:30 pm, tonight at 7, wed at half
 * past 7pm): the time split off into *h, *m, the day's text into *date
 * (the caller frees it).  Digits alone are never the time (the 2026 of
 * "1 Dec 2026" is a year) but after a part of the day (tonight at 7,
 * tonight at seven: time_in_part); nor is an hour without am or pm (wed
 * half past 7), which is refused with both its readings.  1 split; 0 no
 * time in ref; -1 a time refused, with e (*date set too).
 */
int
circle_day_time_read(const char *ref, char **date, int *h, int *m,
    struct circle_err *e)
{
	return circle_day_span_read(ref, date, h, m, NULL, e);
}

/*
 * circle_day_time_read, and where minutes is not NULL a range of times
 * after the day (tomorrow 7pm-9pm, wed 19:00-21:00: circle_clock_range),
 * or after a part of it, whose am or pm it takes (tomorrow evening 7-9,
 * friday morning 10-12: circle_clock_range_in; one begun outside the part,
 * tonight 7am-9am, refused): its length in *minutes, 0 for a time
 * alone.  Where minutes is NULL a range is refused.
 */
int
circle_day_span_read(const char *ref, char **date, int *h, int *m,
    int *minutes, struct circle_err *e)
{
	const char	*p, *t, *part = NULL;
	char		 hint[24], *tidy;
	size_t		 n;
	int		 ap, at, clock, rc, twelve, late, len = 0;

	/* "  tomorrow 7pm ", "fri 19:00.": as day.c tidies a day */
	if ((tidy = circle_day_tidy(ref)) != NULL) {
		if ((rc = circle_day_span_read(tidy, date, h, m, minutes,
		    e)) == -1)
			circle_err_as_typed(e, tidy, ref);
		free(tidy);
		return rc;
	}
	if (circle_day_glued(ref, e) == -1) {
		*date = circle_xstrdup(ref);
		return -1;
	}
	for (p = ref; (p = strpbrk(p, " T@")) != NULL; p++) {
		if (p == ref || (*p == 'T' && !isdigit((unsigned char)p[-1])))
			continue;
		/* tomorrow @ 7pm, tomorrow @7pm: at */
		if (*p == '@' || (*p == ' ' && p[1 + strspn(p + 1, " ")] ==
		    '@')) {
			p += strspn(p, " ");
			at = -1;
		} else
			at = 0;
		t = p + 1 + strspn(p + 1, " ");
		while (p > ref && p[-1] == ' ')
			p--;
		/* wed at 7pm, wed from 7 to 9pm */
		if (at == -1)
			at = 1;
		else if ((at = (n = circle_clock_at_before(ref, p)) > 0))
			for (p -= n; p > ref && p[-1] == ' '; p--)
				;
		else if (minutes != NULL && p - ref > 5 &&
		    strncasecmp(p - 5, " from", 5) == 0)
			for (p -= 5; p > ref && p[-1] == ' '; p--)
				;
		/* Friday, 7pm */
		if (p - ref > 1 && p[-1] == ',')
			for (p--; p > ref && p[-1] == ' '; p--)
				;
		ap = part_of_day(ref, (size_t)(p - ref), &part);
		clock = t[strspn(t, "0123456789")] == '\0' ? -1 :
		    circle_clock_typed(t, h, m);
		if (clock != -1 && apart_after_day(t)) {
			p = t - 1;
			continue;
		}
		/* tonight at 7, this evening at seven: 7 o'clock, said; wed at
		 * 7 too, which is then refused with both its readings */
		if (clock == -1 && (ap != 0 || at))
			clock = circle_clock_hour(t, h, m);
		/* wed at 730, tonight at 730, jan 5 730: 7:30 run together
		 * (after a month's word, 24 Nov 226, a year mistyped) */
		if (clock == -1 && strlen(t) == 3 && strspn(t, "0123456789") ==
		    3 && (ap != 0 || at || (!month_last(ref, p) &&
		    day_then_hour(ref, (size_t)(p - ref)))))
			clock = circle_clock_typed(t, h, m);
		/* wed at 19, fri 19: the 24-hour clock's hour (not dec 19,
		 * a day) */
		if (clock == -1 && circle_clock_hour24(t, h, m) == 0 &&
		    (at || day_then_hour(ref, (size_t)(p - ref))))
			clock = 0;
		/* tomorrow evening 7-9: the part's pm for the start; 12 noon
		 * in the morning and afternoon, midnight in the evening */
		twelve = ap == 'a' || (part != NULL && strcmp(part,
		    "in the afternoon") == 0) ? 'p' : 'a';
		/* jan 5-12: days of the month, not a month and hours */
		if (clock == -1 && month_alone(ref, (size_t)(p - ref)) &&
		    isdigit((unsigned char)*t)) {
			p = t - 1;
			continue;
		}
		if (clock == -1 && (rc = circle_clock_range_in(t, ap, twelve,
		    h, m, &len, e)) != 1) {
			*date = circle_xstrndup(ref, (size_t)(p - ref));
			if (rc == 0 && minutes == NULL)
				return circle_err_set(e, CIRCLE_EDATA, "\"%s\": "
				    "give one time, not a range", ref);
			if (rc == 0 && midnight_said(ref, t, *h, *m, len, 0,
			    e) == -1)
				return -1;
			if (rc == 0 && ap != 0 && (*h >= 12) != (ap == 'p'))
				return circle_err_set(e, CIRCLE_EDATA,
				    "\"%s\": %s begins at %02d:%02d, not %s",
				    ref, t, *h, *m, part);
			if (rc == -1)
				return range_refused(ref, t, e);
			*minutes = len;
			return 1;
		}
		if (clock == -1) {
			p = t - 1;
			continue;
		}
		if (minutes != NULL)
			*minutes = 0;
		*date = circle_xstrndup(ref, (size_t)(p - ref));
		if (clock >= 1 && ap == 0)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %s is "
			    CIRCLE_CLOCK_TWO ": add am or pm, or write %s", ref,
			    t, *h, *m, *h + 12, *m, circle_clock_hint(clock, *h,
			    *m, hint));
		clock = clock == 2 ? 1 : clock;
		/* tonight at 12 is midnight, this morning at 12 noon */
		late = clock == 1 && ap != 0 && *h == 0 && twelve == 'a';
		if (clock == 1 && ap != 0 && *h == 0) {
			*h = late ? 0 : 12;
			clock = 0;
		}
		if (midnight_said(ref, t, *h, *m, 0, late, e) == -1 ||
		    time_in_part(ref, t, clock, ap, part, h, m, e) == -1)
			return -1;
		return 1;
	}
	return 0;
}

/*
 * circle_day_time_read for who needs only the day and the time it
 * names, refused or not: 1 when ref has a time, 0 when not.
 */
int
circle_day_time_split(const char *ref, char **date, int *h, int *m)
{
	struct circle_err	e;

	return circle_day_time_read(ref, date, h, m, &e) != 0;
}
