/*
 * dayperiod.c: the periods a coordinator reports on, as said: a quarter
 * (Q3, Q3 2026, 2026-Q3, this quarter), a half year (H1 2026, the first
 * half of 2026), a month in numbers (2026-03), a year alone (2026), a
 * period to date (year to date, ytd), and two ends joined (january to
 * march, jan-mar 2026, 2026-01-05 to 2026-03-31, since march).  The weeks, months and years said with this, next and
 * last are dayrel.c's (circle_day_period), which asks here for the rest.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/* The first and last days of quarter q (1 to 4) of year y. */
void
circle_quarter_ends(int y, int q, struct circle_date *first,
    struct circle_date *last)
{
	static const int	ends[] = { 31, 30, 30, 31 };

	*first = (struct circle_date){ y, 3 * q - 2, 1 };
	*last = (struct circle_date){ y, 3 * q, ends[q - 1] };
}

/* A year of four digits, 1900 to 2199, at s and nothing after it: -1 if not. */
static int
year_alone(const char *s)
{
	const char	*p;
	int		 y, nd;

	p = circle_digits_at(s, 4, &y, &nd);
	return nd == 4 && *p == '\0' && y >= 1900 && y <= 2199 ? y : -1;
}

/*
 * The year after a quarter or a half: four digits (Q1 2026), or two, with
 * an apostrophe before them or not (Q1 '26, Q1 26, as typed in a hurry);
 * -1 if none.
 */
static int
year_said(const char *s)
{
	int	y, nd;

	if (*s == '\'')
		s++;
	if (circle_digits_at(s, 2, &y, &nd)[0] == '\0' && nd == 2)
		return circle_year_of_two(y);
	return year_alone(s);
}

/* "Q3" or "q3" at s, and nothing after it: 1 to 4, else -1. */
static int
quarter_alone(const char *s, size_t n)
{
	if (n == 2 && (s[0] == 'q' || s[0] == 'Q') && s[1] >= '1' &&
	    s[1] <= '4')
		return s[1] - '0';
	return -1;
}

/*
 * A quarter named: Q3 (its year as circle_part_year says, as a month
 * named's), Q3 2026, Q3-2026, 2026-Q3, 2026 Q3.  0, or 1 when
 * s is none.
 */
static int
quarter_named(const char *s, const struct circle_day_ctx *c, int *y, int *q)
{
	char	 head[8];
	size_t	 n = strcspn(s, " -/'");

	if (n >= sizeof head || (s[n] != '\0' && s[n + 1] == '\0'))
		return 1;
	snprintf(head, sizeof head, "%.*s", (int)n, s);
	if ((*q = quarter_alone(head, n)) != -1) {
		if (s[n] == '\0') {
			*y = circle_part_year(c, *q, 4);
			return 0;
		}
		/* Q1'26: the apostrophe is the year's */
		return (*y = year_said(s + n + (s[n] != '\'') + strspn(s +
		    n + (s[n] != '\''), " "))) == -1 ? 1 : 0;
	}
	if (s[n] == '\0' || (*y = year_alone(head)) == -1)
		return 1;
	return (*q = quarter_alone(s + n + 1, strlen(s + n + 1))) == -1 ? 1 :
	    0;
}

/*
 * A half of a year with its year: H1 2026, h2 2026, 2026-H1, the first
 * half of 2026, second half 2026: 1 or 2 in *half.  0, or 1 when s is
 * none.
 */
static int
half_named(const char *s, int *y, int *half)
{
	static const char *const words[] = { "first half ", "second half " };
	const char	*p;
	size_t		 i, n;
	int		 nd;

	if (strncasecmp(s, "the ", 4) == 0)
		s += 4;
	for (i = 0; i < 2; i++) {
		n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) != 0)
			continue;
		p = s + n;
		if (strncasecmp(p, "of ", 3) == 0)
			p += 3;
		*half = (int)i + 1;
		return (*y = year_said(p)) == -1 ? 1 : 0;
	}
	if ((s[0] == 'h' || s[0] == 'H') && (s[1] == '1' || s[1] == '2') &&
	    strchr(" -'", s[2]) != NULL && s[2] != '\0') {
		*half = s[1] - '0';
		return (*y = year_said(s + 2 + (s[2] != '\'') + strspn(s + 2 +
		    (s[2] != '\''), " "))) == -1 ? 1 : 0;
	}
	p = circle_digits_at(s, 4, y, &nd);
	if (nd == 4 && strchr(" -", *p) != NULL && *p != '\0' &&
	    (p[1] == 'h' || p[1] == 'H') && (p[2] == '1' || p[2] == '2') &&
	    p[3] == '\0' && *y >= 1900 && *y <= 2199) {
		*half = p[2] - '0';
		return 0;
	}
	return 1;
}

/*
 * A month in numbers with its year: 2026-03, 2026/03, 03/2026, 3/2026,
 * 3.2026 (the year's four digits tell which is which).  0, or 1.
 */
static int
month_numbers(const char *s, int *y, int *m)
{
	const char	*p;
	int		 a, b, na, nb;

	p = circle_digits_at(s, 4, &a, &na);
	if (na == 0 || (*p != '-' && *p != '/' && *p != '.'))
		return 1;
	p = circle_digits_at(p + 1, 4, &b, &nb);
	if (*p != '\0')
		return 1;
	if (na == 4 && nb >= 1 && nb <= 2 && s[4] != '.')
		*y = a, *m = b;
	else if (nb == 4 && na <= 2 && s[na] != '-')
		*y = b, *m = a;
	else
		return 1;
	return *y >= 1900 && *y <= 2199 && *m >= 1 && *m <= 12 ? 0 : 1;
}

/*
 * A period up to today: year to date (ytd), quarter to date (qtd), month
 * to date (mtd), week to date: from its first day to today.  0, or 1.
 */
static int
to_date(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last)
{
	static const char *const short_[] = { "ytd", "qtd", "mtd", "wtd" };
	static const char *const units[] = { "year", "quarter", "month",
	    "week" };
	struct circle_date	 end;
	const char		*unit;
	char			 this[32];
	size_t			 i, n;

	for (i = 0; i < 4; i++) {
		n = strlen(units[i]);
		if (strcasecmp(s, short_[i]) == 0 || (strncasecmp(s, units[i],
		    n) == 0 && strcasecmp(s + n, " to date") == 0))
			break;
	}
	if (i == 4)
		return 1;
	snprintf(this, sizeof this, "this %s", units[i]);
	if (circle_day_period(this, c, first, &end, &unit) != 0)
		return 1;
	*last = c->today;
	return 0;
}

/*
 * A quarter, a half year, a month in numbers, a year alone or a period
 * to date (the head of this file):
 * its first and last days and what it is in *unit; 1 when s is none.
 */
int
circle_day_period_more(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last, const char **unit)
{
	int	y, q;

	if (quarter_named(s, c, &y, &q) == 0) {
		circle_quarter_ends(y, q, first, last);
		*unit = "quarter";
		return 0;
	}
	if (half_named(s, &y, &q) == 0) {
		*first = (struct circle_date){ y, q == 1 ? 1 : 7, 1 };
		*last = (struct circle_date){ y, q == 1 ? 6 : 12, q == 1 ? 30 :
		    31 };
		*unit = "half year";
		return 0;
	}
	if (month_numbers(s, &y, &q) == 0) {
		*first = (struct circle_date){ y, q, 1 };
		circle_month_of(first, 1, &last->year, &last->month);
		last->day = 1;
		circle_date_add(last, -1, last);
		*unit = "month";
		return 0;
	}
	if ((y = year_alone(s)) != -1) {
		*first = (struct circle_date){ y, 1, 1 };
		*last = (struct circle_date){ y, 12, 31 };
		*unit = "year";
		return 0;
	}
	if (to_date(s, c, first, last) == 0) {
		*unit = "stretch of days";
		return 0;
	}
	return 1;
}

/*
 * A day of the month alone at s (15, 15th): its length, 0 when s begins
 * with none.
 */
static size_t
day_alone(const char *s)
{
	const char	*end;
	int		 d;

	return (end = circle_month_day(s, &d)) == NULL ? 0 : (size_t)(end -
	    s);
}

/*
 * Is w, up to stop, a month's word (dec, December, dec.) or, where after
 * is 0, "the" (the 1st-15th)?  Not a weekday's (mon 12-14 is no stretch
 * of days).
 */
static int
month_word_to(const char *w, const char *stop, int after)
{
	const char	*end;

	if (!after && stop - w == 3 && strncasecmp(w, "the", 3) == 0)
		return 1;
	return circle_month_word(w, &end) != 0 && (stop == NULL ? !isalpha(
	    (unsigned char)*end) : end == stop);
}

/*
 * Is the hyphen at p (in s) between two days of a month said with it (dec
 * 1-15, 1st-15th dec), not inside a date in numbers (2026-01-05, 12-23,
 * sun 12-14-2026)?
 */
static int
days_dash(const char *s, const char *p)
{
	const char	*a = p, *w;

	while (a > s && isalpha((unsigned char)a[-1]) && p - a < 2)
		a--;
	while (a > s && isdigit((unsigned char)a[-1]))
		a--;
	if (day_alone(a) != (size_t)(p - a) || day_alone(p + 1) == 0)
		return 0;
	p += 1 + day_alone(p + 1);
	if (*p != '\0' && *p != ' ' && *p != ',')
		return 0;
	/* a month's word before (dec 1-15) or after (1-15 dec) */
	for (w = a - 1; w > s && isalpha((unsigned char)w[-1]); w--)
		;
	return (a - s >= 2 && a[-1] == ' ' && month_word_to(w, a - 1, 0)) ||
	    (a == s && *p == ' ' && month_word_to(p + 1, NULL, 1));
}

/*
 * Is the hyphen at p (in s) between two days in numbers with slashes, to
 * the end of s (1/1-1/31, 12/28-1/2), which no date in numbers has inside
 * it?
 */
static int
slashes_dash(const char *s, const char *p)
{
	size_t	l = (size_t)(p - s), r = strspn(p + 1, "0123456789/");

	return *p == '-' && l > 0 && strspn(s, "0123456789/") == l &&
	    memchr(s, '/', l) != NULL && r > 0 && p[1 + r] == '\0' &&
	    memchr(p + 1, '/', r) != NULL;
}

/*
 * Where s is two ends joined: " to ", " through ", " thru ", " until ",
 * " till ", " - ", an en dash, or a hyphen between two letters (jan-mar),
 * two quarters (q1-q2) or two days with slashes (1/1-1/31);
 * "from a to b" and "between a and b" too.  The left end in left (NUL
 * ended, left_len long at most), the right's start in *right; 1 when s
 * is not two ends.
 */
static int
ends_split(const char *s, char *left, size_t left_len, const char **right)
{
	static const char *const seps[] = { " to ", " through ", " thru ",
	    " until ", " till ", " - ", " \xe2\x80\x93 ", "\xe2\x80\x93",
	    " \xe2\x80\x94 ", "\xe2\x80\x94" };
	const char	*at = NULL, *p, *and = " and ";
	size_t		 i, seplen = 0;

	if (strncasecmp(s, "from ", 5) == 0)
		s += 5;
	else if (strncasecmp(s, "between ", 8) == 0) {
		s += 8;
		if ((at = strcasestr(s, and)) != NULL)
			seplen = strlen(and);
	}
	for (i = 0; at == NULL && i < sizeof seps / sizeof seps[0]; i++)
		if ((p = strcasestr(s, seps[i])) != NULL) {
			at = p;
			seplen = strlen(seps[i]);
		}
	for (p = s; at == NULL && *p != '\0'; p++)
		if ((p > s && *p == '-' && isalpha((unsigned char)p[1]) &&
		    (isalpha((unsigned char)p[-1]) || (p - s >= 2 &&
		    strchr("qQ", p[-2]) != NULL && isdigit((unsigned char)
		    p[-1])))) || (*p == '-' && (days_dash(s, p) ||
		    slashes_dash(s, p)))) {
			at = p;
			seplen = 1;
		}
	/* year to date is one period (to_date) */
	if (at == NULL || at == s || at[seplen] == '\0' ||
	    (size_t)(at - s) >= left_len || strcasecmp(at + seplen, "date") ==
	    0)
		return 1;
	snprintf(left, left_len, "%.*s", (int)(at - s), s);
	*right = at + seplen;
	return 0;
}

/* 1 when s has a year of four digits in it (jan 2026, 2026-Q1). */
static int
has_year(const char *s)
{
	size_t	n;

	for (; *s != '\0'; s += n) {
		if ((n = strspn(s, "0123456789")) == 4)
			return 1;
		n += n == 0;
	}
	return 0;
}

/*
 * The left end of two: said without a year (jan in jan-mar 2026), the
 * latest of its year or the year before that begins by the right end's
 * last day (nov-feb 2027 is from November 2026); else as said.
 */
static int
left_end(const char *s, const struct circle_day_ctx *c,
    const struct circle_date *end, struct circle_date *out,
    struct circle_err *e)
{
	struct circle_err	ignored;
	char			with[96];
	int			y;

	if (!has_year(s))
		for (y = end->year; y >= end->year - 1; y--) {
			snprintf(with, sizeof with, "%s %d", s, y);
			if (circle_day_parse(with, c, out, &ignored) == 0 &&
			    circle_date_diff(out, end) >= 0)
				return 0;
		}
	return circle_day_parse(s, c, out, e);
}

/*
 * An end of s, end, that is no date (e says why): said of s as two ends
 * (or since one), and a day of the month alone (dec 1 - 15, since 3)
 * asked with its month.  -1.
 */
static int
end_bad(const char *s, const char *end, struct circle_err *e)
{
	char	why[sizeof e->msg];
	int	since = strncasecmp(s, "since ", 6) == 0;

	snprintf(why, sizeof why, "%s", strncmp(e->msg, "date: ", 6) == 0 ?
	    e->msg + 6 : e->msg);
	if (end[strspn(end, "0123456789")] == '\0')
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is %s, "
		    "and \"%s\" alone is no day: give %s its month (%s)", s,
		    since ? "since a day" : "two ends", end, since ? "the day" :
		    "each end", since ? "since dec 3" : "dec 1 to dec 15");
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is %s, and %s",
	    s, since ? "since a day" : "two ends", why);
}

/*
 * since a day that is after today as said alone (since friday on a
 * Monday, since the 15th on the 7th): the last such day before it (last
 * friday), else refused naming the day read and how to give it.  0 and
 * *first, or -1 with e.
 */
static int
since_after(const char *s, const char *left, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_err *e)
{
	struct circle_err	ignored;
	struct circle_date	d;
	char			with[80], iso[11];

	snprintf(with, sizeof with, "last %s", left);
	if (circle_day_parse(with, c, &d, &ignored) == 0 &&
	    circle_date_diff(&d, &c->today) >= 0) {
		*first = d;
		return 0;
	}
	circle_date_format(first, iso);
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": \"%s\" is %s, "
	    "after today: give the day with its month (since nov 15)", s,
	    left, iso);
}

/*
 * Two ends of which one is a day of the month alone, its month the
 * other's: dec 1-15 (right "15" made "dec 15" in with), 1-15 dec 2026
 * (left "1" made "1 dec 2026"); not when the day alone comes first (nov
 * 20-5: which month ends it?).  What the right end is now.
 */
static const char *
month_shared(char *left, size_t left_len, const char *right, char with[96])
{
	const char	*sp = strrchr(left, ' ');
	size_t		 k;

	if ((k = day_alone(right)) > 0 && (right[k] == '\0' ||
	    right[k] == ',' || (right[k] == ' ' &&
	    isdigit((unsigned char)right[k + 1]))) && sp != NULL &&
	    day_alone(sp + 1) == strlen(sp + 1) && month_word_to(left, sp,
	    0) && atoi(right) >= atoi(sp + 1)) {
		snprintf(with, 96, "%.*s%s", (int)(sp + 1 - left), left, right);
		return with;
	}
	if ((k = day_alone(left)) > 0 && k == strlen(left) &&
	    (k = day_alone(right)) > 0 && right[k] == ' ' &&
	    month_word_to(right + k + 1, NULL, 1) && atoi(right) >= atoi(left))
		snprintf(left + strlen(left), left_len - strlen(left), "%s",
		    right + k);
	return right;
}

/*
 * Does s name its month, by a month's word (jan 1, 1st of january), in
 * numbers (1/31, 31.1) or by a day known by its name (new year's day)?
 * The 10th does not: its month is today's.
 */
static int
month_in(const char *s)
{
	const char	*p, *end;
	char		 named[64];

	if (circle_day_named(s, named) != NULL)
		return 1;
	for (p = s; *p != '\0'; p++) {
		if ((*p == '/' || *p == '.') && p > s &&
		    isdigit((unsigned char)p[-1]) &&
		    isdigit((unsigned char)p[1]))
			return 1;
		if ((p == s || !isalpha((unsigned char)p[-1])) &&
		    circle_month_word(p, &end) != 0 &&
		    !isalpha((unsigned char)*end))
			return 1;
	}
	return 0;
}

/*
 * Is d in a month after today's?  A month begun (december on the 7th)
 * is this one, the days of it ahead too (dec 10-15, --to dec 31).
 */
static int
month_ahead(const struct circle_date *d, const struct circle_date *today)
{
	return d->year * 12 + d->month > today->year * 12 + today->month;
}

/* c as said a year before today (February 29th: the 28th), in then. */
static void
year_before(const struct circle_day_ctx *c, struct circle_day_ctx *then)
{
	*then = *c;
	then->today.year--;
	if (then->today.month == 2 && then->today.day == 29)
		then->today.day = 28;
}

/* Is a the day of b's month and day, the year before b's? */
static int
year_before_is(const struct circle_date *a, const struct circle_date *b)
{
	return a->year == b->year - 1 && a->month == b->month &&
	    a->day == b->day;
}

/*
 * Two ends said without a year (jan 1-31, jan 1 to jan 15, 1/1 - 1/31)
 * in a report, which looks back: the latest begun, as a month alone is
 * (month_named), not the nearest ahead.  Where the first read is in a
 * month not begun (month_ahead) and each end names its month (month_in),
 * both ends read as from a year before today: taken when each is
 * the same day of the same month a year before (a day said without its
 * year, not a weekday or a day from today) and the first has begun.
 */
static void
ends_begun(const char *left, const char *right,
    const struct circle_day_ctx *c, struct circle_date *first,
    struct circle_date *last)
{
	struct circle_day_ctx	 then;
	struct circle_err	 ignored;
	struct circle_date	 f, l;

	if (!c->back || !month_ahead(first, &c->today) || !month_in(left) ||
	    !month_in(right))
		return;
	year_before(c, &then);
	then.bound = CIRCLE_DAY_LAST;
	if (circle_day_parse(right, &then, &l, &ignored) == -1)
		return;
	then.bound = CIRCLE_DAY_FIRST;
	if (left_end(left, &then, &l, &f, &ignored) == -1 ||
	    !year_before_is(&f, first) || !year_before_is(&l, last) ||
	    circle_date_diff(&c->today, &f) > 0)
		return;
	*first = f;
	*last = l;
}

/*
 * A day said with its month and without its year (jan 5, 1/5, 5 January)
 * in a tool that looks back (c->back: report, checkin list, log): the
 * latest whose month has begun, as a month alone is, not the nearest
 * ahead (jan 5 said in December is the January of this year; dec 31 on
 * the 7th this December's).  *d, read as the nearest, is made the one a
 * year before where its month has not begun.  A week, a
 * month or a stretch of days is left: it is their first day that is
 * the latest begun (month_named, ends_begun).
 */
void
circle_day_begun(const char *s, const struct circle_day_ctx *c,
    struct circle_date *d)
{
	struct circle_day_ctx	then = *c;
	struct circle_err	ignored;
	struct circle_date	one, was;

	if (!c->back || !month_ahead(d, &c->today) || !month_in(s) ||
	    has_year(s))
		return;
	then.bound = CIRCLE_DAY_ONE;
	if (circle_day_parse(s, &then, &one, &ignored) == -1 ||
	    circle_date_diff(&one, d) != 0)
		return;
	year_before(c, &then);
	then.bound = CIRCLE_DAY_ONE;
	if (circle_day_parse(s, &then, &was, &ignored) == -1 ||
	    !year_before_is(&was, d) || circle_date_diff(&c->today, &was) > 0)
		return;
	*d = was;
}

/*
 * Two ends said as one period (ends_split): from the first day of the
 * left (a day, or a month, a quarter, a week...) to the last of the
 * right, in *first and *last; since a day or a period (since march):
 * from it to today.  0; 1 when s is not two ends; -1 with e
 * when an end is no date or the second comes before the first.
 */
int
circle_day_ends(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last,
    struct circle_err *e)
{
	struct circle_day_ctx	 end = *c;
	const char		*right = NULL;
	char			 left[64], a[11], b[11], with[96];

	if (strncasecmp(s, "since ", 6) == 0 && s[6] != '\0') {
		/* since march: from it to today */
		snprintf(left, sizeof left, "%s", s + 6);
		*last = c->today;
	} else if (ends_split(s, left, sizeof left, &right) != 0)
		return 1;
	else {
		right = month_shared(left, sizeof left, right, with);
		end.bound = CIRCLE_DAY_LAST;
		if (circle_day_parse(right, &end, last, e) == -1)
			return end_bad(s, right, e);
	}
	end.bound = CIRCLE_DAY_FIRST;
	if (left_end(left, &end, last, first, e) == -1)
		return end_bad(s, left, e);
	if (right == NULL && circle_date_diff(first, last) < 0)
		return since_after(s, left, &end, first, e);
	if (circle_date_diff(first, last) < 0) {
		circle_date_format(first, a);
		circle_date_format(last, b);
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" ends "
		    "before it begins (%s to %s): give the year of each end "
		    "(nov 2026 to feb 2027)", s, a, b);
	}
	if (right != NULL && !has_year(s))
		ends_begun(left, right, c, first, last);
	return 0;
}

/*
 * --from and --to given apart in a tool that looks back (c->back), read
 * the wrong way round each alone (--from dec 1 --to jan 5 on December
 * 30th: jan 5 alone is the January begun, this year's): the two read as
 * one stretch, "FROM to TO", as --in reads it (circle_day_ends: 2026-12-01
 * to 2027-01-05).  0 with *first and *last; 1 when they are no stretch
 * that way either, to be refused as read apart.
 */
int
circle_day_pair(const char *from, const char *to,
    const struct circle_day_ctx *c, struct circle_date *first,
    struct circle_date *last)
{
	struct circle_err	 ignored;
	char			*both;
	int			 rc;

	if (!c->back)
		return 1;
	circle_xasprintf(&both, "%s to %s", from, to);
	rc = circle_day_ends(both, c, first, last, &ignored);
	free(both);
	return rc == 0 ? 0 : 1;
}

/*
 * A fiscal year (FY2026, FY 2026/27, last fiscal year, financial year
 * 2026): where it begins is the
 * funder's, so it is refused, saying how to give its months.  -1 with e,
 * or 1 when s is none.
 */
int
circle_day_fiscal(const char *s, struct circle_err *e)
{
	if (strcasestr(s, "fiscal") == NULL && strcasestr(s, "financial") ==
	    NULL && (strncasecmp(s, "fy", 2) != 0 || (s[2] != '\0' &&
	    s[2] != ' ' && s[2] != '-' && !isdigit((unsigned char)s[2]))))
		return 1;
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a fiscal "
	    "year, and where one begins is the funder's: give its months "
	    "(apr 2026 to mar 2027, jul 2026 to jun 2027)", s);
}

/*
 * The Monday of ISO 8601 week w of year y (week 1 holds January 4th) in
 * *monday; -1 when y has no such week (a 53rd).
 */
static int
iso_monday(int y, int w, struct circle_date *monday)
{
	struct circle_date	jan4 = { y, 1, 4 }, thursday;

	if (w < 1 || w > 53)
		return -1;
	circle_date_add(&jan4, 7 * (w - 1) - circle_weekday(&jan4), monday);
	circle_date_add(monday, 3, &thursday);
	return thursday.year == y ? 0 : -1;
}

/*
 * An ISO week at s: 2026-W51, 2026W51, W51 2026, week 51, wk 51, and its
 * day (2026-W51-3, Wednesday): the year in *y (0: not said), the week in
 * *w, the day (1 to 7, 0: not said) in *d.  0, or 1 when s is none.
 */
static int
iso_week_said(const char *s, int *y, int *w, int *d)
{
	const char	*p = s;
	int		 nd;

	*y = *d = 0;
	p = circle_digits_at(p, 4, y, &nd);
	if (nd == 4) {
		p += *p == '-';
		if (*p != 'w' && *p != 'W')
			return 1;	/* 2026 12 is no week */
	} else if (nd != 0)
		return 1;
	else if (strncasecmp(p, "week ", 5) == 0 || strncasecmp(p, "wk ",
	    3) == 0) {
		p += strcspn(p, " ");
		p += strspn(p, " ") - 1;	/* as if a W */
	} else if (*p != 'w' && *p != 'W')
		return 1;
	if (*p != 'w' && *p != 'W' && *p != ' ')
		return 1;
	p = circle_digits_at(p + 1, 2, w, &nd);
	if (nd == 0)
		return 1;
	if (*y != 0 && *p == '-' && p[1] >= '1' && p[1] <= '7' && p[2] == '\0')
		*d = p[1] - '0';
	else if (*y == 0 && *p == ' ') {
		p = circle_digits_at(p + 1, 4, y, &nd);
		if (nd != 4 || *p != '\0')
			return 1;
	} else if (*p != '\0')
		return 1;
	return 0;
}

/*
 * A week said: an ISO week (iso_week_said: Monday to Sunday, whatever
 * the locale; without its year the nearest, or with c->back the latest
 * begun), or the week of a day (the week of dec 14: the locale's week
 * that holds it; week beginning 14 dec, w/c 14 dec: from that day).
 * Its first and last days; *whole 0 when it is one day (2026-W51-3, in
 * *first).  0; 1 when s is none; -1 with e when the year has no such
 * week or the day is none.
 */
int
circle_day_week(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last, int *whole,
    struct circle_err *e)
{
	static const char *const of[] = { "week of ", "the week of ",
	    "week beginning ", "week commencing ", "week starting ",
	    "the week beginning ", "the week commencing ",
	    "the week starting ", "w/c ", "w/b ", NULL };
	struct circle_day_ctx	 day = *c;
	struct circle_date	 m;
	long			 best = -1, dist;
	size_t			 i, n = 0;
	int			 y, w, d, k;

	*whole = 1;
	for (i = 0; of[i] != NULL && n == 0; i++)
		if (strncasecmp(s, of[i], strlen(of[i])) == 0)
			n = strlen(of[i]);
	if (n > 0) {
		day.bound = CIRCLE_DAY_ONE;
		if (circle_day_parse(s + n, &day, first, e) == -1)
			return -1;
		/* the week of: the locale's week that holds the day */
		if (strstr(of[i - 1], " of ") != NULL)
			circle_date_add(first, -((circle_weekday(first) -
			    circle_week_first_day() + 7) % 7), first);
		circle_date_add(first, 6, last);
		return 0;
	}
	if (iso_week_said(s, &y, &w, &d) != 0)
		return 1;
	if (y != 0 && iso_monday(y, w, first) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": %d has "
		    "no week %d (ISO weeks, 1 to %d)", s, y, w,
		    iso_monday(y, 53, &m) == 0 ? 53 : 52);
	for (k = -1; y == 0 && k <= 1; k++) {
		if (iso_monday(c->today.year + k, w, &m) == -1 ||
		    (c->back && circle_date_diff(&m, &c->today) < 0))
			continue;
		dist = labs(circle_date_diff(&c->today, &m));
		if (c->back || best == -1 || dist <= best) {
			best = dist;
			*first = m;
		}
	}
	if (y == 0 && best == -1)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": there is "
		    "no week %d near today (ISO weeks, 1 to 53)", s, w);
	if (d != 0) {
		*whole = 0;
		circle_date_add(first, d - 1, first);
		*last = *first;
		return 0;
	}
	circle_date_add(first, 6, last);
	return 0;
}
