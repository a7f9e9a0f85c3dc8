/*
 * dayrel.c: days said from today, for day.c: by weekday (next wed), by
 * count (+3d, in 2 weeks, 2 weeks ago), and a week or a month as a range.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

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
 * "in 3 days", "in a week", "2 weeks ago", "a day ago": days or weeks from
 * today, in words; -1 if s says none.
 */
int
circle_day_in_words(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out)
{
	char	unit[16];
	int	n = 1, nd, sign = 1;
	size_t	len;

	if (strncasecmp(s, "in ", 3) == 0)
		s += 3;
	else
		sign = -1;	/* then it ends in "ago" */
	while (*s == ' ')
		s++;
	if (strncasecmp(s, "a ", 2) == 0 || strncasecmp(s, "an ", 3) == 0)
		s += s[1] == ' ' ? 2 : 3;
	else if ((s = circle_digits_at(s, 3, &n, &nd)), nd == 0)
		return -1;
	while (*s == ' ')
		s++;
	if ((len = circle_word_at(s, unit, sizeof unit)) == 0)
		return -1;
	s += len;
	while (*s == ' ')
		s++;
	if (sign == -1 && strcasecmp(s, "ago") != 0)
		return -1;
	if (sign == 1 && *s != '\0')
		return -1;
	if (strcmp(unit, "day") == 0 || strcmp(unit, "days") == 0)
		circle_date_add(&c->today, sign * n, out);
	else if (strcmp(unit, "week") == 0 || strcmp(unit, "weeks") == 0)
		circle_date_add(&c->today, sign * n * 7, out);
	else
		return -1;
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
 * A week or a month as said: this week, next week, last week, this month,
 * next month, last month; its first and last days in *first and *last,
 * what it is in *unit.  A week begins on the locale's first day
 * (circle_week_first_day).  1 when s is none of these.
 */
int
circle_day_period(const char *s, const struct circle_day_ctx *c,
    struct circle_date *first, struct circle_date *last, const char **unit)
{
	char	w[16];
	size_t	n;
	int	dir, y, m;

	if ((n = circle_word_at(s, w, sizeof w)) == 0)
		return 1;
	if (strcmp(w, "this") == 0)
		dir = 0;
	else if (strcmp(w, "next") == 0)
		dir = 1;
	else if (strcmp(w, "last") == 0)
		dir = -1;
	else
		return 1;
	s += n;
	while (*s == ' ')
		s++;
	if ((n = circle_word_at(s, w, sizeof w)) == 0 || s[n + strspn(s + n, " ")] !=
	    '\0')
		return 1;
	if (strcmp(w, "week") == 0) {
		n = (size_t)((circle_weekday(&c->today) - circle_week_first_day() + 7) %
		    7);
		circle_date_add(&c->today, dir * 7 - (int)n, first);
		circle_date_add(first, 6, last);
		*unit = "week";
		return 0;
	}
	if (strcmp(w, "month") != 0)
		return 1;
	circle_month_of(&c->today, dir, &y, &m);
	*first = (struct circle_date){ y, m, 1 };
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
