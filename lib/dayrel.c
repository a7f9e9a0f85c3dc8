/*
 * dayrel.c: days said from today, for day.c: by weekday (next wed), by
 * count (+3d, in 2 weeks, 2 weeks ago), a week, a weekend, a month or a
 * year as a range, and in phrases (a week from tuesday, end of the
 * month, the first monday of january: circle_day_phrase).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

static int	days_to_today(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_date *);
static void	month_ends(int, int, struct circle_date *,
		    struct circle_date *);

static int
number(const char *s, size_t len, size_t max)
{
	size_t	i;
	int	v = 0;

	if (len == 0 || len > max)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * How many, as people say it: 1 to 999 in digits, one to twelve, a, an;
 * after it, or NULL when s begins with none followed by a blank.
 */
const char *
circle_amount(const char *s, int *n)
{
	static const char *const words[] = { "a", "an", "one", "two", "three",
	    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	    "twelve" };
	char	w[16];
	size_t	len, i;
	int	nd;

	if (isdigit((unsigned char)*s)) {
		s = circle_digits_at(s, 3, n, &nd);
		return nd == 0 || *s != ' ' ? NULL : s;
	}
	if ((len = circle_word_at(s, w, sizeof w)) == 0 || s[len] != ' ')
		return NULL;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(w, words[i]) == 0) {
			*n = i < 2 ? 1 : (int)i - 1;
			return s + len;
		}
	return NULL;
}

/*
 * day, week, fortnight (days), month, quarter, year (months), or their
 * plurals, or as written short (wk, wks, mo, mth, qtr, yr, yrs).
 */
static int
unit_said(const char *w, int *days, int *months)
{
	static const struct {
		const char	*word;
		int		 days, months;
	} units[] = { { "day", 1, 0 }, { "week", 7, 0 }, { "fortnight", 14, 0 },
	    { "month", 0, 1 }, { "quarter", 0, 3 }, { "year", 0, 12 },
	    { "wk", 7, 0 }, { "mo", 0, 1 }, { "mth", 0, 1 }, { "qtr", 0, 3 },
	    { "yr", 0, 12 } };
	size_t	i, n;

	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		n = strlen(units[i].word);
		if (strncmp(w, units[i].word, n) == 0 && (w[n] == '\0' ||
		    (w[n] == 's' && w[n + 1] == '\0'))) {
			*days = units[i].days;
			*months = units[i].months;
			return 0;
		}
	}
	return -1;
}

/* The day k months after d, the month's last day when d's is past it. */
static void
add_months(const struct circle_date *d, int k, struct circle_date *out)
{
	struct circle_date	next;
	int			y, m, last;

	m = d->month - 1 + k;
	y = d->year + (m >= 0 ? m / 12 : -((11 - m) / 12));
	m = ((m % 12) + 12) % 12 + 1;
	circle_month_of(&(struct circle_date){ y, m, 1 }, 1, &next.year,
	    &next.month);
	next.day = 1;
	circle_date_add(&next, -1, out);
	last = out->day;
	*out = (struct circle_date){ y, m, d->day < last ? d->day : last };
}

/*
 * "in 3 days", "in two weeks", "in a fortnight", "a month ago", "a week
 * from tuesday", "a week on tuesday" (British English), "the day after
 * tomorrow", "3 days before 12/23": days,
 * weeks, fortnights, months or years from today or from a day said; a
 * month on is the same day of the month, or its last.  A length alone
 * ("2 weeks") is refused, saying how to put it.  1 if s says none.
 */
int
circle_day_in_words(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	struct circle_day_ctx	 from = *c;
	struct circle_date	 base = c->today;
	const char		*p = s;
	char			 unit[16], how[16];
	int			 n = 1, sign = 0, the = 0, days, months;
	size_t			 len;

	if (strncasecmp(p, "in ", 3) == 0) {
		sign = 1;
		p += 3 + strspn(p + 3, " ");
	}
	if (strncasecmp(p, "the ", 4) == 0) {
		the = 1;	/* the day after tomorrow */
		p += 4;
	} else if (strncasecmp(p, "day ", 4) == 0)
		the = 1;	/* day after tomorrow, as often said */
	else if ((p = circle_amount(p, &n)) == NULL)
		return 1;
	p += strspn(p, " ");
	if ((len = circle_word_at(p, unit, sizeof unit)) == 0 ||
	    unit_said(unit, &days, &months) == -1)
		return 1;
	if (the && (days != 1 || sign != 0))
		return 1;	/* "the" only in the day after, the day before */
	p += len;
	p += strspn(p, " ");
	if (sign == 0 && (len = circle_word_at(p, how, sizeof how)) > 0) {
		p += len;
		p += strspn(p, " ");
		if (strcmp(how, "ago") == 0 && *p == '\0')
			sign = -1;
		/* a week today, a week tomorrow (British English) */
		else if ((strcmp(how, "today") == 0 || strcmp(how,
		    "tomorrow") == 0) && *p == '\0') {
			sign = 1;
			circle_date_add(&c->today, how[1] == 'o' && how[2] ==
			    'm' ? 1 : 0, &base);
		}
		else if ((strcmp(how, "from") == 0 || strcmp(how, "after") ==
		    0 || strcmp(how, "on") == 0 || strcmp(how, "before") ==
		    0) && *p != '\0') {
			sign = how[0] == 'b' ? -1 : 1;
			from.bound = CIRCLE_DAY_ONE;
			if (circle_day_parse(p, &from, &base, e) == -1)
				return -1;
			p += strlen(p);
		} else
			return 1;
	}
	if (*p != '\0')
		return 1;
	if (sign == 0)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a "
		    "length, not a date: say \"in %s\" or \"%s ago\"", s, s, s);
	if (months != 0)
		add_months(&base, sign * n * months, out);
	else
		circle_date_add(&base, sign * n * days, out);
	if (out->year < 1900 || out->year > 2199)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is too "
		    "far from today", s);
	return 0;
}

/*
 * A time from now, as said: in 3 hours, in 90 minutes, in half an hour,
 * in an hour and a half, 2 hours from now, an hour ago (the length as
 * length.c reads one, with its unit said): the minutes from now in
 * *minutes (negative: ago); 1 when s is none.
 */
int
circle_from_now(const char *s, int *minutes)
{
	char	*len;
	size_t	 n = strlen(s);
	int	 sign = 1, rc;

	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (strncasecmp(s, "in ", 3) == 0) {
		s += 3;
		n -= 3;
	} else if (n > 9 && strncasecmp(s + n - 9, " from now", 9) == 0)
		n -= 9;
	else if (n > 4 && strncasecmp(s + n - 4, " ago", 4) == 0) {
		n -= 4;
		sign = -1;
	} else
		return 1;
	len = circle_xstrndup(s, n);
	/* in 90 is no time: a number alone is a length's minutes */
	rc = strpbrk(len, "abcdefghijklmnopqrstuvwxyz") != NULL &&
	    circle_length_parse(len, minutes) == 0;
	free(len);
	if (!rc)
		return 1;
	*minutes *= sign;
	return 0;
}

/* +3d, -2w, +10: days or weeks from today. */
int
circle_day_relative(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	size_t	len = strlen(s + 1);
	int	n, unit = 1;

	if (len > 0 && (s[len] == 'd' || s[len] == 'w')) {
		unit = s[len] == 'w' ? 7 : 1;
		len--;
	}
	if ((n = number(s + 1, len, 5)) < 0)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a "
		    "date (+3d, -2w: days or weeks from today)", s);
	circle_date_add(&c->today, (s[0] == '-' ? -n : n) * unit, out);
	if (out->year < 1900 || out->year > 2199)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is too "
		    "far from today", s);
	return 0;
}

/* The month k (-1, 0 or 1) after d's: its year and month. */
void
circle_month_of(const struct circle_date *d, int k, int *y, int *m)
{
	*y = d->year;
	*m = d->month + k;
	if (*m < 1)
		*m = 12, (*y)--;
	if (*m > 12)
		*m = 1, (*y)++;
}

/*
 * "the week after next", "the month before last" (the "the" may be left
 * out): its unit in w and how many from this one in *dir (2, -2); 1 when
 * s is not that.
 */
static int
period_beyond(const char *s, char w[16], int *dir)
{
	char	how[16], which[16];
	size_t	n;

	if (strncasecmp(s, "the ", 4) == 0)
		s += 4 + strspn(s + 4, " ");
	if ((n = circle_word_at(s, w, 16)) == 0)
		return 1;
	s += n + strspn(s + n, " ");
	if ((n = circle_word_at(s, how, sizeof how)) == 0)
		return 1;
	s += n + strspn(s + n, " ");
	if ((n = circle_word_at(s, which, sizeof which)) == 0 ||
	    s[n + strspn(s + n, " ")] != '\0')
		return 1;
	if (strcmp(how, "after") == 0 && strcmp(which, "next") == 0)
		*dir = 2;
	else if (strcmp(how, "before") == 0 && strcmp(which, "last") == 0)
		*dir = -2;
	else
		return 1;
	return 0;
}

/*
 * Days up to today, as a report asks for them: the last 7 days, the past
 * 2 weeks, past week, the last 3 months, the past fortnight (the "the"
 * may be left out): the first such day, so that the last 7 days are
 * today and the 6 before it, and today; and ahead, the next 7 days, the
 * next 2 weeks, the coming fortnight: today and the days after it (next
 * week is the calendar's, circle_day_period).  1 when s is none of these.
 */
static int
days_to_today(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last)
{
	const char	*p = s, *q;
	char		 w[16];
	size_t		 n;
	int		 k = 1, days, months, ahead = 0;

	if (strncasecmp(p, "the ", 4) == 0)
		p += 4 + strspn(p + 4, " ");
	if (strncasecmp(p, "next ", 5) == 0 || strncasecmp(p, "coming ",
	    7) == 0)
		ahead = 1;
	else if (strncasecmp(p, "last ", 5) != 0 &&
	    strncasecmp(p, "past ", 5) != 0)
		return 1;
	p += strcspn(p, " ");
	p += strspn(p, " ");
	if ((q = circle_amount(p, &k)) != NULL)
		p = q + strspn(q, " ");
	if (k < 1)
		return 1;
	if ((n = circle_word_at(p, w, sizeof w)) == 0 || p[n] != '\0' ||
	    unit_said(w, &days, &months) == -1 || (k > 1) != (w[n - 1] ==
	    's') || (k == 1 && strcmp(w, "day") != 0 && strcmp(w, "fortnight") !=
	    0 && strncasecmp(s, "last", 4) == 0))
		return 1;	/* last week is the week before this one */
	if (ahead && k == 1 && strcmp(w, "fortnight") != 0)
		return 1;	/* next week, next day: the calendar's */
	if (ahead) {
		/* the day before the same day k months on, or that month's
		 * last when it has no such day (from Dec 31: Feb 28) */
		*first = c->today;
		if (months != 0)
			add_months(&c->today, k * months, last);
		else
			circle_date_add(&c->today, k * days, last);
		if (months == 0 || last->day == c->today.day)
			circle_date_add(last, -1, last);
		return 0;
	}
	if (months != 0)
		add_months(&c->today, -k * months, first);
	else
		circle_date_add(&c->today, -k * days, first);
	circle_date_add(first, 1, first);
	*last = c->today;
	return 0;
}

/*
 * The year of the nth (1 on) of per parts of a year (12 months, 4
 * quarters) said without its year: the one nearest today (the later of
 * two as near), or with c->back the latest that has begun (a report in
 * December of march is this year's, not next).
 */
int
circle_part_year(const struct circle_day_ctx *c, int n, int per)
{
	int	now = (c->today.month - 1) / (12 / per) + 1, k;

	if (c->back)
		return c->today.year - (n > now);
	k = (n - now + per + per / 2 - 1) % per - (per / 2 - 1);
	return c->today.year + (now + k - 1 < 0 ? -1 : (now + k - 1) / per);
}

/*
 * A month named: january, Sept, Jan 2027; without its year as
 * circle_part_year says.  0, or 1 when s is none.
 */
static int
month_named(const char *s, const struct circle_day_ctx *c, int *y, int *m)
{
	const char	*p;
	int		 nd;

	if ((*m = circle_month_word(s, &p)) == 0)
		return 1;
	p += strspn(p, " ");
	if (*p != '\0') {
		p = circle_digits_at(p, 4, y, &nd);
		return nd == 4 && *y >= 1900 && *y <= 2199 &&
		    p[strspn(p, " ")] == '\0' ? 0 : 1;
	}
	*y = circle_part_year(c, *m, 12);
	return 0;
}

/*
 * A week, a weekend, a month, a quarter or a year as said: this week,
 * next week, last week, this weekend, next month, last quarter, last
 * year, the week after next, the month before last, a month named (Sept,
 * january 2027), a quarter named (Q3), a year alone (2026), year to date
 * (circle_day_period_more)...; its first and last
 * days in *first and *last, what it is in *unit.  A week begins on the
 * locale's first day (circle_week_first_day), a weekend is the locale's
 * (circle_weekend): this weekend the one today is in, else the next.
 * 1 when s is none of these.
 */
int
circle_day_period(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last, const char **unit)
{
	char	w[16];
	size_t	n;
	int	dir, y, m;

	if (circle_day_period_more(s, c, first, last, unit) == 0)
		return 0;
	if (period_beyond(s, w, &dir) == 0)
		goto unit;
	if (days_to_today(s, c, first, last) == 0) {
		*unit = "stretch of days";
		return 0;
	}
	if (month_named(s, c, &y, &m) == 0) {
		month_ends(y, m, first, last);
		*unit = "month";
		return 0;
	}
	if ((n = circle_word_at(s, w, sizeof w)) == 0)
		return 1;
	if (strcmp(w, "this") == 0)
		dir = 0;
	else if (strcmp(w, "next") == 0)
		dir = 1;
	else if (strcmp(w, "last") == 0 || strcmp(w, "previous") == 0 ||
	    strcmp(w, "prior") == 0)
		dir = -1;
	else
		return 1;
	s += n;
	while (*s == ' ')
		s++;
	if ((n = circle_word_at(s, w, sizeof w)) == 0 ||
	    s[n + strspn(s + n, " ")] != '\0')
		return 1;
unit:
	if (strcmp(w, "week") == 0) {
		n = (size_t)((circle_weekday(&c->today) -
		    circle_week_first_day() + 7) % 7);
		circle_date_add(&c->today, dir * 7 - (int)n, first);
		circle_date_add(first, 6, last);
		*unit = "week";
		return 0;
	}
	if (strcmp(w, "weekend") == 0) {
		circle_weekend(&y, &m);
		/* the weekend today is in, else the next one */
		n = (size_t)((circle_weekday(&c->today) - y + 7) % 7);
		circle_date_add(&c->today, (n < (size_t)m ? -(int)n : 7 -
		    (int)n) + dir * 7, first);
		circle_date_add(first, m - 1, last);
		*unit = "weekend";
		return 0;
	}
	if (strcmp(w, "year") == 0) {
		*first = (struct circle_date){ c->today.year + dir, 1, 1 };
		*last = (struct circle_date){ c->today.year + dir, 12, 31 };
		*unit = "year";
		return 0;
	}
	if (strcmp(w, "quarter") == 0) {
		m = (c->today.month - 1) / 3 + dir;	/* quarters from Q1 */
		y = c->today.year + (m >= 0 ? m / 4 : -((3 - m) / 4));
		circle_quarter_ends(y, (m % 4 + 4) % 4 + 1, first, last);
		*unit = "quarter";
		return 0;
	}
	if (strcmp(w, "month") != 0)
		return 1;
	add_months(&(struct circle_date){ c->today.year, c->today.month, 1 },
	    dir, first);
	circle_month_of(first, 1, &y, &m);
	circle_date_add(&(struct circle_date){ y, m, 1 }, -1, last);
	*unit = "month";
	return 0;
}

/*
 * A weekday: "wed" or "this wed" the next Wednesday (today if today is
 * one), "next wed" the first after today, "last wed" the last before today.
 */
int
circle_day_weekday(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out)
{
	int	dir = 0, w, today, n;

	if (strncasecmp(s, "next ", 5) == 0)
		dir = 1, s += 5;
	else if (strncasecmp(s, "last ", 5) == 0)
		dir = -1, s += 5;
	else if (strncasecmp(s, "this ", 5) == 0)
		s += 5;
	while (*s == ' ')
		s++;
	if ((w = circle_weekday_parse(s)) == -1)
		return -1;
	today = circle_weekday(&c->today);
	if (dir >= 0) {
		n = (w - today + 7) % 7;
		if (n == 0 && dir == 1)
			n = 7;
	} else {
		n = -((today - w + 7) % 7);
		if (n == 0)
			n = -7;
	}
	circle_date_add(&c->today, n, out);
	return 0;
}

/* s past "the " and the spaces after it, if it begins with them. */
static const char *
past_the(const char *s)
{
	if (strncasecmp(s, "the ", 4) == 0)
		s += 4 + strspn(s + 4, " ");
	return s;
}

/* The first and last days of month m of year y. */
static void
month_ends(int y, int m, struct circle_date *first, struct circle_date *last)
{
	int	ny, nm;

	*first = (struct circle_date){ y, m, 1 };
	circle_month_of(first, 1, &ny, &nm);
	circle_date_add(&(struct circle_date){ ny, nm, 1 }, -1, last);
}

/*
 * A month as said: january, Jan 2027, this month, next month, last
 * month, the month (circle_day_period).  0, or 1 when s is none.
 */
static int
month_said(const char *s, const struct circle_day_ctx *c, int *y, int *m)
{
	struct circle_date	 first, last;
	const char		*unit;

	if (strcasecmp(s, "month") == 0 || strcasecmp(s, "the month") == 0)
		s = "this month";
	if (circle_day_period(s, c, &first, &last, &unit) != 0 ||
	    strcmp(unit, "month") != 0)
		return 1;
	*y = first.year;
	*m = first.month;
	return 0;
}

/*
 * The first or last day of a week, a weekend, a month or a year: start of
 * next month, the end of the month, end of month, the beginning of next
 * week, the last day of january.  1 when s says none of these.
 */
static int
edge_of(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	static const struct {
		const char	*word;
		int		 end;
	} edges[] = { { "start of ", 0 }, { "beginning of ", 0 },
	    { "first day of ", 0 }, { "end of ", 1 }, { "last day of ", 1 } };
	struct circle_date	 first, last;
	const char		*p = past_the(s), *unit;
	char			 rest[64];
	size_t			 i, n = 0;
	int			 y, m;

	for (i = 0; i < sizeof edges / sizeof edges[0] && n == 0; i++)
		if (strncasecmp(p, edges[i].word, strlen(edges[i].word)) == 0)
			n = strlen(edges[i].word);
	if (n == 0)
		return 1;
	i--;
	p = past_the(p + n + strspn(p + n, " "));
	/* end of month, end of the week: this one */
	if (strcasecmp(p, "week") == 0 || strcasecmp(p, "weekend") == 0 ||
	    strcasecmp(p, "month") == 0 || strcasecmp(p, "year") == 0)
		snprintf(rest, sizeof rest, "this %s", p);
	else
		snprintf(rest, sizeof rest, "%s", p);
	if (circle_day_period(rest, c, &first, &last, &unit) == 0)
		;
	else if (month_said(rest, c, &y, &m) == 0)
		month_ends(y, m, &first, &last);
	else
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a "
		    "date (end of the month, start of next week, end of "
		    "january)", s);
	*out = edges[i].end ? last : first;
	return 0;
}

/*
 * The first, second... fifth or last weekday of a month: the first
 * monday of january, the 2nd tue in March 2027, the last friday of the
 * month, the first tuesday next month.  A weekday a month has not five
 * of, or no month, refused.  1 when s says none of these.
 */
static int
nth_weekday(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	static const char *const nths[] = { "first", "second", "third",
	    "fourth", "fifth", "1st", "2nd", "3rd", "4th", "5th" };
	struct circle_date	 first, last;
	const char		*p = past_the(s);
	char			 w[16];
	size_t			 n, i;
	int			 k = 0, wd, y, m;

	for (n = 0; isalnum((unsigned char)p[n]) && n + 1 < sizeof w; n++)
		w[n] = (char)tolower((unsigned char)p[n]);
	w[n] = '\0';
	for (i = 0; i < sizeof nths / sizeof nths[0]; i++)
		if (strcmp(w, nths[i]) == 0)
			k = (int)(i % 5) + 1;
	if (strcmp(w, "last") == 0)
		k = -1;
	if (k == 0 || p[n] != ' ')
		return 1;
	p += n + strspn(p + n, " ");
	if ((n = circle_word_at(p, w, sizeof w)) < 3 ||
	    (wd = circle_weekday_parse(w)) == -1)
		return 1;
	p += n + strspn(p + n, " ");
	if (*p == '\0')
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": of which "
		    "month? (%s of january, %s of next month)", s, s, s);
	/* the first tuesday next month: the month said without of */
	if (strncasecmp(p, "of ", 3) == 0 || strncasecmp(p, "in ", 3) == 0)
		p += 3 + strspn(p + 3, " ");
	else if (month_said(p, c, &y, &m) != 0)
		return 1;
	if (month_said(p, c, &y, &m) != 0)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": \"%s\" is "
		    "not a month (january, jan 2027, next month)", s, p);
	month_ends(y, m, &first, &last);
	if (k == -1) {
		circle_date_add(&last, -((circle_weekday(&last) - wd + 7) % 7),
		    out);
		return 0;
	}
	circle_date_add(&first, (wd - circle_weekday(&first) + 7) % 7 +
	    (k - 1) * 7, out);
	if (out->month != m)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": %s %d has "
		    "no fifth %s", s, circle_month_name(m), y,
		    circle_weekday_name(wd));
	return 0;
}

/*
 * A day of a month said as a period: the 15th of next month, the 3rd of
 * this month, 1st of the month after next.  A day the month has not is
 * refused.  1 when s says none of these.
 */
static int
nth_of_month(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	struct circle_date	 first, last;
	const char		*p = past_the(s);
	char			 sfx[3];
	int			 d, nd, y, m;

	p = circle_digits_at(p, 2, &d, &nd);
	if (nd == 0 || !isalpha((unsigned char)p[0]) ||
	    !isalpha((unsigned char)p[1]) || p[2] != ' ')
		return 1;
	sfx[0] = (char)tolower((unsigned char)p[0]);
	sfx[1] = (char)tolower((unsigned char)p[1]);
	sfx[2] = '\0';
	if (strcmp(sfx, "st") != 0 && strcmp(sfx, "nd") != 0 &&
	    strcmp(sfx, "rd") != 0 && strcmp(sfx, "th") != 0)
		return 1;
	p += 2 + strspn(p + 2, " ");
	if (strncasecmp(p, "of ", 3) != 0 ||
	    month_said(p + 3 + strspn(p + 3, " "), c, &y, &m) != 0)
		return 1;
	month_ends(y, m, &first, &last);
	if (d < 1 || d > last.day)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": %s %d "
		    "has no day %d", s, circle_month_name(m), y, d);
	*out = (struct circle_date){ y, m, d };
	return 0;
}

/*
 * A day and a part of it: this evening, this morning, last night,
 * tomorrow night, wed evening; the day.  1 when s says none.
 */
static int
day_part(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	static const char *const parts[] = { "morning", "afternoon",
	    "evening", "night" };
	struct circle_day_ctx	 day = *c;
	const char		*p;
	char			*before;
	size_t			 i, n;
	int			 rc;

	if ((p = strrchr(s, ' ')) == NULL)
		return 1;
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++)
		if (strcasecmp(p + 1, parts[i]) == 0)
			break;
	if (i == sizeof parts / sizeof parts[0])
		return 1;
	for (n = (size_t)(p - s); n > 0 && s[n - 1] == ' '; n--)
		;
	before = circle_xstrndup(s, n);
	if (strcasecmp(before, "this") == 0)
		rc = 0, *out = c->today;
	else if (strcasecmp(before, "last") == 0 && i == 3)
		rc = 0, circle_date_add(&c->today, -1, out);
	else if (strcasecmp(before, "last") == 0 || n == 0)
		rc = 1;
	else {
		day.bound = CIRCLE_DAY_ONE;
		rc = circle_day_parse(before, &day, out, e);
	}
	free(before);
	return rc;
}

/*
 * "last tuesday week" (s; day is "last tuesday", days 7 or 14): a week
 * before last tuesday to some, a week after it to others: refused with
 * both, as circle reads them.  -1 with e.
 */
static int
last_weekday_week(const char *s, const char *day, int days,
    const struct circle_day_ctx *c, struct circle_err *e)
{
	struct circle_date	last, before, after;
	const char		*unit = days == 7 ? "week" : "fortnight";
	char			x[11], z[11];

	circle_day_weekday(day, c, &last);
	circle_date_add(&last, -days, &before);
	circle_date_add(&last, days, &after);
	circle_date_format(&before, x);
	circle_date_format(&after, z);
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not clear: say "
	    "\"a %s before %s\" (%s) or \"a %s after %s\" (%s)", s, unit,
	    day, x, unit, day, z);
}

/*
 * "tuesday week", "next tuesday week", "tomorrow week", "monday
 * fortnight": a week (a fortnight) from a weekday (this, next, or alone)
 * or from today or tomorrow, as British English says it; "last tuesday
 * week" refused (last_weekday_week).  -1 with e; 1 when s says none of
 * these.
 */
static int
week_from(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	const char	*p, *w;
	char		*day;
	int		 days, rc;

	if ((p = strrchr(s, ' ')) == NULL)
		return 1;
	if (strcasecmp(p + 1, "week") == 0)
		days = 7;
	else if (strcasecmp(p + 1, "fortnight") == 0)
		days = 14;
	else
		return 1;
	while (p > s && p[-1] == ' ')
		p--;
	day = circle_xstrndup(s, (size_t)(p - s));
	w = day;
	if (strncasecmp(w, "this ", 5) == 0 || strncasecmp(w, "next ", 5) == 0)
		w += 5 + strspn(w + 5, " ");
	if (strncasecmp(day, "last ", 5) == 0 && circle_weekday_parse(day + 5 +
	    strspn(day + 5, " ")) != -1) {
		rc = last_weekday_week(s, day, days, c, e);
		free(day);
		return rc;
	}
	if (strcasecmp(day, "today") == 0)
		rc = 0, *out = c->today;
	else if (strcasecmp(day, "tomorrow") == 0)
		rc = 0, circle_date_add(&c->today, 1, out);
	else
		rc = circle_weekday_parse(w) != -1 &&
		    circle_day_weekday(day, c, out) == 0 ? 0 : 1;
	free(day);
	if (rc == 0)
		circle_date_add(out, days, out);
	return rc;
}

/*
 * A weekday said beside a week or a word: "tuesday after next" and "the
 * tuesday after next" (a week after next tuesday), "the tuesday before
 * last", "tuesday next week", "next week tuesday", "tuesday of the week
 * after next", "tuesday next" (next tuesday); a weekday in a month
 * ("tuesday next month": which one?) refused.  -1 with e; 1 when s says
 * none of these.
 */
static int
weekday_beside(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	struct circle_date	 first, last;
	const char		*p = past_the(s), *rest, *unit;
	char			 w[16], *week = NULL;
	size_t			 n;
	int			 wd, rc = 1, y, m;

	if ((n = circle_word_at(p, w, sizeof w)) >= 3 && (p[n] == ' ' ||
	    p[n] == ',') && (wd = circle_weekday_parse(w)) != -1) {
		rest = p + n + strspn(p + n, " ,");
		if (strncasecmp(rest, "of ", 3) == 0 ||
		    strncasecmp(rest, "in ", 3) == 0)
			rest += 3 + strspn(rest + 3, " ");
	} else if ((p = strrchr(s, ' ')) != NULL && (wd =
	    circle_weekday_parse(p + 1)) != -1 && strlen(p + 1) >= 3) {
		while (p > s && p[-1] == ' ')
			p--;
		rest = week = circle_xstrndup(s, (size_t)(p - s));
	} else
		return 1;
	if (strcasecmp(rest, "after next") == 0 ||
	    strcasecmp(rest, "before last") == 0) {
		snprintf(w, sizeof w, "%s %s", rest[0] == 'a' ? "next" : "last",
		    circle_weekday_name(wd));
		circle_day_weekday(w, c, out);
		circle_date_add(out, rest[0] == 'a' ? 7 : -7, out);
		rc = 0;
	} else if (week == NULL && (strcasecmp(rest, "next") == 0 ||
	    strcasecmp(rest, "last") == 0)) {
		snprintf(w, sizeof w, "%s %s", rest, circle_weekday_name(wd));
		rc = circle_day_weekday(w, c, out);
	} else if (circle_day_period(rest, c, &first, &last, &unit) == 0 &&
	    strcmp(unit, "week") == 0) {
		circle_date_add(&first, (wd - circle_weekday(&first) + 7) % 7,
		    out);
		rc = 0;
	} else if (week == NULL && month_said(rest, c, &y, &m) == 0)
		/* tuesday next month: which one? */
		rc = circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": which %s "
		    "of %s %d? Say \"the first %s of %s\" or \"the last %s "
		    "of %s\"", s, circle_weekday_name(wd),
		    circle_month_name(m), y, circle_weekday_name(wd), rest,
		    circle_weekday_name(wd), rest);
	free(week);
	return rc;
}

/*
 * A day in a phrase: on tuesday, this coming tuesday, tuesday week (a
 * week from it: week_from), tuesday after next and tuesday next week
 * (weekday_beside), a day and a part of it (day_part), the start or end
 * of a period (edge_of), the nth weekday of a month (nth_weekday), the
 * nth of a month said (nth_of_month: the 15th of next month), days
 * to years from a day (circle_day_in_words).  0; -1 with e; 1 when s
 * says none of these.
 */
int
circle_day_phrase(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	struct circle_day_ctx	 day = *c;
	int			 rc;

	day.bound = CIRCLE_DAY_ONE;
	if (strncasecmp(s, "on ", 3) == 0 && s[3 + strspn(s + 3, " ")] != '\0')
		return circle_day_parse(s + 3 + strspn(s + 3, " "), &day, out,
		    e);
	if (strncasecmp(s, "this coming ", 12) == 0 && s[12] != '\0')
		return circle_day_weekday(s + 12, c, out) == 0 ? 0 : 1;
	if ((rc = week_from(s, c, out, e)) != 1 ||
	    (rc = weekday_beside(s, c, out, e)) != 1 ||
	    (rc = day_part(s, c, out, e)) != 1 ||
	    (rc = edge_of(s, c, out, e)) != 1 ||
	    (rc = nth_weekday(s, c, out, e)) != 1 ||
	    (rc = nth_of_month(s, c, out, e)) != 1)
		return rc;
	return circle_day_in_words(s, c, out, e);
}

/*
 * A day known by its name, as facilitators write the weeks a group does
 * not meet (christmas eve, boxing day, new year's eve): its day and month
 * ("24 dec"), read as a date without its year is, and what follows the
 * name (christmas eve 2026: "24 dec 2026") in buf; NULL when s begins
 * with none.
 */
const char *
circle_day_named(const char *s, char buf[64])
{
	static const struct {
		const char	*name, *day;
	} named[] = {
		{ "christmas eve", "24 dec" }, { "xmas eve", "24 dec" },
		{ "christmas", "25 dec" }, { "christmas day", "25 dec" },
		{ "xmas", "25 dec" }, { "xmas day", "25 dec" },
		{ "boxing day", "26 dec" }, { "new year's eve", "31 dec" },
		{ "new years eve", "31 dec" }, { "nye", "31 dec" },
		{ "new year's day", "1 jan" }, { "new years day", "1 jan" },
	};
	size_t	i, n, best = 0, which = 0;

	/* the longest name s begins with, whole (christmas eve, not
	 * christmas) */
	for (i = 0; i < sizeof named / sizeof named[0]; i++) {
		n = strlen(named[i].name);
		if (n > best && strncasecmp(s, named[i].name, n) == 0 &&
		    (s[n] == '\0' || s[n] == ' ')) {
			best = n;
			which = i;
		}
	}
	if (best == 0 || snprintf(buf, 64, "%s%s", named[which].day,
	    s + best) >= 64)
		return NULL;
	return buf;
}

/*
 * A part of a month said for a day (mid-december, early jan, late
 * november): no one day, refused saying how to give one; -1 with e, or 0.
 */
int
circle_day_vague(const char *s, struct circle_err *e)
{
	static const char *const parts[] = { "mid-", "mid ", "early ",
	    "late ", "beginning of ", "start of " };
	const char	*end;
	size_t		 i, n;
	int		 m;

	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		n = strlen(parts[i]);
		if (strncasecmp(s, parts[i], n) == 0 &&
		    (m = circle_month_word(s + n, &end)) != 0 &&
		    end[strspn(end, " 0123456789")] == '\0')
			return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" "
			    "is no one day: give the day (%.3s %d), or, for "
			    "a report, the month (--in %s)", s,
			    circle_month_name(m), i == 0 || i == 1 ? 15 :
			    i == 2 || i > 3 ? 1 : 28, circle_month_name(m));
	}
	return 0;
}
