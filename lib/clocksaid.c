/*
 * clocksaid.c: a time of day in words, as it is said: half past 7, a
 * quarter to 8, ten past seven, half seven (7:30, as British English says
 * it), seven o'clock, seven thirty pm, nineteen thirty, 7 in the evening,
 * half past 7pm, quarter to midnight.
 * An hour of the 12-hour clock without am, pm or a part of the day is two
 * times, and said so; circle_clock_said (when.c) is the one caller.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

static const char *const clock_ones[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
	"sixteen", "seventeen", "eighteen", "nineteen"
};

/*
 * The next word at *p, lowercased in w (letters and an apostrophe, or
 * digits), after the blanks and hyphens before it: its length, 0 when
 * there is none or it is too long.  *p is moved past it.
 */
static size_t
clock_word(const char **p, char w[16])
{
	const char	*s = *p + strspn(*p, " -");
	size_t		 n = 0;
	int		 digits = isdigit((unsigned char)*s);

	while (n < 15 && (digits ? isdigit((unsigned char)s[n]) :
	    isalpha((unsigned char)s[n]) || s[n] == '\'')) {
		w[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	w[n] = '\0';
	if (n == 15)
		return 0;
	*p = s + n;
	return n;
}

/* The word at *p, if it is one of words (NULL-ended): moved past it, 1. */
static int
clock_is(const char **p, const char *const *words)
{
	const char	*q = *p;
	char		 w[16];

	if (clock_word(&q, w) == 0)
		return 0;
	for (; *words != NULL; words++)
		if (strcmp(w, *words) == 0) {
			*p = q;
			return 1;
		}
	return 0;
}

/* twenty, thirty, forty, fifty: 20 to 50; else 0. */
static int
clock_tens(const char *w)
{
	static const char *const tens[] = { "twenty", "thirty", "forty",
	    "fifty" };
	size_t	i;

	for (i = 0; i < sizeof tens / sizeof tens[0]; i++)
		if (strcmp(w, tens[i]) == 0)
			return 20 + 10 * (int)i;
	return 0;
}

/* 1 to 59 in digits or in words (seven, twenty-nine, forty five), at *p;
 * -1 if none. */
static int
clock_number(const char **p)
{
	const char	*q = *p, *r;
	char		 w[16];
	size_t		 i;
	int		 v = -1, k;

	if (clock_word(&q, w) == 0)
		return -1;
	if (isdigit((unsigned char)w[0])) {
		if (strlen(w) > 2)
			return -1;
		v = (w[0] - '0') * (w[1] != '\0' ? 10 : 1) + (w[1] != '\0' ?
		    w[1] - '0' : 0);
	} else if ((k = clock_tens(w)) != 0) {
		v = k;
		r = q;
		if (clock_word(&r, w) > 0)
			for (k = 0; k < 9; k++)
				if (strcmp(w, clock_ones[k]) == 0) {
					v += k + 1;
					q = r;
				}
	} else
		for (i = 0; i < sizeof clock_ones / sizeof clock_ones[0]; i++)
			if (strcmp(w, clock_ones[i]) == 0)
				v = (int)i + 1;
	if (v < 1 || v > 59)
		return -1;
	*p = q;
	return v;
}

/*
 * What comes before the hour: half, a quarter, ten (minutes), then past,
 * after, to, before, till or of; half alone before the hour is past it
 * (half seven).  Minutes from the hour (negative: before it), 0 when s
 * begins with the hour (*p left there), or -100 when it is none.
 */
static int
clock_minutes(const char **p)
{
	static const char *const a[] = { "a", NULL };
	static const char *const half[] = { "half", NULL };
	static const char *const quarter[] = { "quarter", NULL };
	static const char *const mins[] = { "minute", "minutes", "min",
	    "mins", NULL };
	static const char *const past[] = { "past", "after", NULL };
	static const char *const to[] = { "to", "before", "till", "til",
	    "of", NULL };
	const char	*q = *p, *r = *p;
	int		 min, word = 1, unit = 0;

	if (clock_is(&q, half))
		min = 30;
	else if ((clock_is(&r, a), clock_is(&r, quarter)))
		min = 15, q = r;
	else if ((min = clock_number(&q)) > 0) {
		word = 0;
		unit = clock_is(&q, mins);
	} else
		return 0;
	if (clock_is(&q, past))
		;
	else if ((word || unit || !isdigit((unsigned char)**p)) &&
	    clock_is(&q, to))
		min = -min;	/* 7 to 9pm is from 7 until 9pm, ten to 9 8:50 */
	else if (min == 30 && word)
		;	/* half seven */
	else
		return word ? -100 : 0;	/* 7 o'clock: the 7 is the hour */
	*p = q;
	return min;
}

/*
 * A part of the day after a time (in the morning, in the afternoon, in
 * the evening, at night), or am or pm: 'a', 'p', or 0; -1 when what
 * follows is something else.
 */
static int
clock_part(const char *p, int hour)
{
	static const char *const in[] = { "in", NULL };
	static const char *const at[] = { "at", NULL };
	static const char *const the[] = { "the", NULL };
	static const char *const am[] = { "morning", NULL };
	static const char *const pm[] = { "afternoon", "evening", NULL };
	static const char *const night[] = { "night", NULL };
	int	 ap = 0;

	p += strspn(p, " ");
	if ((ap = circle_clock_ampm(&p)) != 0)
		;
	else if (clock_is(&p, in)) {
		clock_is(&p, the);
		if (clock_is(&p, am))
			ap = 'a';
		else if (clock_is(&p, pm))
			ap = 'p';
		else
			return -1;
	} else if (clock_is(&p, at) && clock_is(&p, night)) {
		/* 7 at night, 11 at night; 2 at night is no one's */
		if (hour < 6 || hour == 12)
			return -1;
		ap = 'p';
	}
	return p[strspn(p, " ")] == '\0' ? ap : -1;
}

/*
 * Minutes in words after the hour (seven thirty, 7 forty-five, seven oh
 * five), not in digits (7 30 is the hour and minutes run apart, read by
 * when.c): 1 to 59, *p moved past them; 0 when none follow.
 */
static int
clock_after(const char **p)
{
	static const char *const oh[] = { "oh", "o", NULL };
	const char	*q = *p, *r;
	char		 w[16];
	int		 min, zero;

	r = q;
	if (clock_word(&r, w) == 0 || isdigit((unsigned char)w[0]))
		return 0;
	zero = clock_is(&q, oh);
	if ((min = clock_number(&q)) < 1 || (zero && min > 9) ||
	    (!zero && min < 10))
		return 0;
	*p = q;
	return min;
}

/*
 * A time of day in words at s: 0 and the time in *h and *m when it is one
 * (half past 7pm, quarter to midnight, 7 in the evening); 1 when it is an
 * hour of the 12-hour clock without am or pm (half past 7, 7 o'clock):
 * *h and *m the morning's reading, the evening's 12 hours later; -1 when
 * it is none.  An hour in digits alone (7) is none, as it is for
 * circle_clock_read.
 */
int
circle_clock_spoken(const char *s, int *h, int *m)
{
	static const char *const noon[] = { "noon", "midday", NULL };
	static const char *const midnight[] = { "midnight", NULL };
	static const char *const oclock[] = { "o'clock", "oclock", NULL };
	const char	*p = s;
	int		 min, hour, fixed = 0, said = 0, ap, t, after = 0;

	while (*p == ' ')
		p++;
	if ((min = clock_minutes(&p)) == -100)
		return -1;
	if (clock_is(&p, noon))
		hour = 12, fixed = 1;
	else if (clock_is(&p, midnight))
		hour = 0, fixed = 1;
	else if ((hour = clock_number(&p)) < 1 || hour > 23)
		return -1;
	/* seven thirty, 7 fifteen pm, nineteen thirty: minutes in words */
	if (!fixed && min == 0 && (after = clock_after(&p)) > 0)
		min = after;
	/* 13 to 23 only as the 24-hour clock says them, minutes after */
	if (hour > 12 && (after == 0 || clock_part(p, hour) != 0))
		return -1;
	if (hour > 12)
		fixed = 2;
	said = min != 0 || fixed;
	if (!fixed && clock_is(&p, oclock))
		said = 1;
	if ((ap = clock_part(p, hour)) == -1 || (fixed && ap != 0))
		return -1;
	if (fixed == 2)
		fixed = 0, ap = hour >= 12 ? 'p' : 'a';
	/* 7 and seven alone are no time (12 is a session's id) */
	if (!said && ap == 0)
		return -1;
	if (ap != 0)
		hour = hour % 12 + (ap == 'p' ? 12 : 0);
	t = ((hour * 60 + min) % 1440 + 1440) % 1440;
	if (!fixed && ap == 0)
		t %= 720;
	*h = t / 60;
	*m = t % 60;
	return fixed || ap != 0 ? 0 : 1;
}

/*
 * An hour alone, without am or pm (7, seven), as a time where one is
 * taken (tonight at 7, the start of 7-9pm, the end of tonight 7-9): read
 * as "7 o'clock", an hour of the 12-hour clock; 1 with the morning's
 * reading in *h and *m, -1 when t is no hour alone.  The one home of
 * that retry.
 */
int
circle_clock_hour(const char *t, int *h, int *m)
{
	char	hour[32];

	if (strlen(t) >= 16)
		return -1;
	snprintf(hour, sizeof hour, "%s o'clock", t);
	return circle_clock_said(hour, h, m) == 1 ? 1 : -1;
}

/*
 * Digits of an hour of one digit and its minutes (7:30, 7.30, 9:00),
 * nothing after them: how the 12-hour clock writes a time without am or
 * pm, where the 24-hour clock writes 07:30 (and 19h30, 0:30 are its
 * own); or, as Japanese writes it, an hour of one digit and 時 without
 * 午前 or 午後 before it (7時, 7時半, 9時15分, a time read whole already:
 * when.c).  1 or 0.
 */
static int
clock_one_digit(const char *t)
{
	t += strspn(t, " ");
	if (t[0] >= '1' && t[0] <= '9' && strncmp(t + 1, "\xe6\x99\x82",
	    3) == 0)
		return 1;
	if (t[0] < '1' || t[0] > '9' || (t[1] != ':' && t[1] != '.') ||
	    !isdigit((unsigned char)t[2]) || !isdigit((unsigned char)t[3]))
		return 0;
	return t[4 + strspn(t + 4, " ")] == '\0';
}

/*
 * Three digits, an hour of one digit and its minutes run together
 * without am or pm (730, 930): 7:30 run together, two times as 7:30 is;
 * the morning's in *h and *m.  1 or 0.  (0730, 1930 are the 24-hour
 * clock's, and when.c reads them.)
 */
static int
clock_three_digits(const char *t, int *h, int *m)
{
	t += strspn(t, " ");
	if (t[0] < '1' || t[0] > '9' || strspn(t, "0123456789") != 3 ||
	    t[3 + strspn(t + 3, " ")] != '\0' || t[1] > '5')
		return 0;
	*h = t[0] - '0';
	*m = (t[1] - '0') * 10 + t[2] - '0';
	return 1;
}

/*
 * A time typed where a session's time is given (the command line, a
 * group file's at:): circle_clock_said's reading, but an hour of one
 * digit and its minutes without am or pm (7:30: clock_one_digit) is two
 * times, 2, as an hour said without them is, 1; *h and *m the morning's.
 */
int
circle_clock_typed(const char *s, int *h, int *m)
{
	int	said = circle_clock_said(s, h, m);

	if (said == -1 && clock_three_digits(s, h, m))
		return 2;
	return said == 0 && clock_one_digit(s) ? 2 : said;
}

/*
 * What to write for a time typed that is two (circle_clock_typed's 1 or
 * 2; h:m the morning's), in buf: the evening's for an hour said (half
 * past 7: 19:30), either with its two digits for digits (7:30: 07:30 or
 * 19:30).
 */
const char *
circle_clock_hint(int said, int h, int m, char buf[24])
{
	if (said == 2)
		snprintf(buf, 24, "%02d:%02d or %02d:%02d", h % 24, m % 60,
		    (h + 12) % 24, m % 60);
	else
		snprintf(buf, 24, "%02d:%02d", (h + 12) % 24, m % 60);
	return buf;
}

/*
 * A range's end or start: a time (circle_clock_typed: 7:30 is two, as
 * half past 7 is), else an hour alone.
 */
static int
clock_or_hour(const char *t, int *h, int *m)
{
	int	said;

	if ((said = circle_clock_typed(t, h, m)) == -1)
		said = circle_clock_hour(t, h, m);
	return said == 2 ? 1 : said;
}

/* Does the time t (n bytes) end in am or pm (7pm, 9 p.m.)? */
static int
clock_meridiem(const char *t, size_t n)
{
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '.'))
		n--;
	return n >= 2 && tolower((unsigned char)t[n - 1]) == 'm' &&
	    strchr("ap", tolower((unsigned char)t[n - 2 - (n >= 3 &&
	    t[n - 2] == '.')])) != NULL;
}

/*
 * Is t, a time in digits, written as the 24-hour clock writes it, with a
 * leading 0 (07:30, 0:00, 00:30)?  Said of a range's start or end, it
 * settles that clock for both.  1 or 0.
 */
static int
clock_zero(const char *t)
{
	return t[strspn(t, " ")] == '0';
}

/*
 * Is t, of which circle_clock_said said said and h, an hour of the
 * 12-hour clock without am or pm: an hour said so (half past 7, 7
 * o'clock) or digits of an hour to 12 (7:30, 6.30, 12:15; not 19:30, 7pm
 * nor the French 7h30), in a range not on the 24-hour clock (h24:
 * clock_zero)?  1 or 0.
 */
static int
clock_twelve(const char *t, int said, int h, int h24)
{
	if (h24 && isdigit((unsigned char)*t))
		return 0;
	return said == 1 || (said == 0 && !clock_meridiem(t, strlen(t)) &&
	    isdigit((unsigned char)*t) && h <= 12 && strpbrk(t, "hH") == NULL);
}

/*
 * Is t, of which circle_clock_said said said and h, 12 and its minutes in
 * digits without am or pm (12:00, 12.30, 1200)?  At the start of a range
 * whose end has no am or pm either it is noon's, never 00:xx (12:00-1:30
 * is 12:00-13:30); 12:30-1am is the night's.  1 or 0.
 */
static int
clock_noon(const char *t, int said, int h)
{
	return said == 0 && h == 12 && isdigit((unsigned char)*t) &&
	    !clock_meridiem(t, strlen(t));
}

/*
 * A range's end without am or pm (eh its morning's reading or 12) is the
 * first of its two readings after its start, h:m: 9 after 7pm is 21:00,
 * 1 after 23:00 is 01:00 the day after.
 */
static void
end_after(int h, int m, int *eh, int em)
{
	*eh %= 12;
	if (((*eh - h) * 60 + em - m + 1440) % 1440 >= 720)
		*eh += 12;
}

/*
 * Where a range of times parts at s: a hyphen or an en dash, or "to",
 * "until", "till" between blanks; the end of the first in *end, the start
 * of the second returned; NULL when there is none.
 */
static const char *
range_sep(const char *s, const char **end)
{
	static const char *const words[] = { " to ", " until ", " till ",
	    " - ", " \xe2\x80\x93 ", "\xe2\x80\x93", "-" };
	const char	*p;
	size_t		 i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if ((p = strcasestr(s, words[i])) != NULL && p != s) {
			*end = p;
			return p + strlen(words[i]);
		}
	return NULL;
}

/*
 * How long a range s lasts, from h:m to eh:em (the day after when that
 * is earlier): 0 with it in *minutes, -1 with e when it ends as it
 * begins.
 */
static int
range_length(const char *s, int h, int m, int eh, int em, int *minutes,
    struct circle_err *e)
{
	int	len = ((eh * 60 + em) - (h * 60 + m) + 2880) % 1440;

	if (len == 0)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" ends when it "
		    "begins", s);
	*minutes = len;
	return 0;
}

/*
 * A range whose start and end are both hours without am or pm (wed 7-9,
 * --at "half past 6 to 8"), from h:m (its morning's reading) to eh:em:
 * two ranges, refused with both.  -1 with e.
 */
static int
range_two(const char *s, int h, int m, int eh, int em, struct circle_err *e)
{
	int	minutes;

	h %= 12;
	end_after(h, m, &eh, em);
	if (eh == h && em == m)
		return range_length(s, h, m, eh, em, &minutes, e);
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %02d:%02d-%02d:%02d "
	    "or %02d:%02d-%02d:%02d: add am or pm", s, h, m, eh, em, h + 12, m,
	    (eh + 12) % 24, em);
}

/*
 * A time and when it ends, as a session's is said: 7pm-9pm, 7-9pm,
 * 19:00-21:00, 19:00–21:00, 7pm to 9pm, 6.30 until 8pm; a start without
 * am or pm is in the half of the day that makes it the shorter (7-9pm is
 * 19:00 to 21:00, 11-1pm 11:00 to 13:00).  0, the start in *h and *m
 * and its length in *minutes (past midnight: 10pm-1am is 3 hours); 1 when
 * s is no range; -1 with e when it is one that cannot be read.
 */
int
circle_clock_range(const char *s, int *h, int *m, int *minutes,
    struct circle_err *e)
{
	const char	*end, *second;
	char		 first[32];
	int		 eh, em, said, ends, two, twoend, h24;

	/* ten to 9pm is a time, 8:50 pm */
	if (circle_clock_said(s, &eh, &em) != -1 ||
	    (second = range_sep(s, &end)) == NULL ||
	    (size_t)(end - s) >= sizeof first)
		return 1;
	snprintf(first, sizeof first, "%.*s", (int)(end - s), s);
	second += strspn(second, " ");
	if ((said = clock_or_hour(first, h, m)) == -1 ||
	    (ends = clock_or_hour(second, &eh, &em)) == -1)
		return 1;
	/* 07:30-9:30, 0:00-2:00: the 24-hour clock's, both ends as read */
	h24 = clock_zero(first) || clock_zero(second);
	two = clock_twelve(first, said, *h, h24) && !(clock_noon(first,
	    said, *h) && !clock_meridiem(second, strlen(second)));
	twoend = clock_twelve(second, ends, eh, h24);
	/* 7-9, 7:30-9, 9:00-11:00: two ranges, refused with both */
	if (two && twoend && (said == 1 || ends == 1))
		return range_two(s, *h, *m, eh, em, e);
	/* 7pm to 9, 19:00-9:30: the end after the start */
	if (!two && twoend)
		end_after(*h, *m, &eh, em);
	/* 7:30-9pm, half past 6 to 8pm, 11-1am: of the two halves of the
	 * day the start could be in, the one nearer the end said with am or
	 * pm */
	else if (two && clock_meridiem(second, strlen(second))) {
		*h %= 12;
		if (((eh - *h - 12) * 60 + em - *m + 2880) % 1440 <
		    ((eh - *h) * 60 + em - *m + 1440) % 1440)
			*h += 12;
	} else if (two && said == 1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %s is "
		    CIRCLE_CLOCK_TWO ": add am or pm", s, first, *h, *m,
		    *h + 12, *m);
	return range_length(s, *h, *m, eh, em, minutes, e);
}

/*
 * circle_clock_range for a session's time given alone (--at, a group
 * file's at:, add's time), perhaps after "at" (circle_clock_at): one
 * begun at midnight said so (midnight-2am, 12am-2am) is refused, as it is
 * after a day (circle_day_span_read); 00:00-02:00 is taken.  on, for a
 * series (--on, on:), names where its day is given: a series has no day
 * to move to, the weekday after is said with it; NULL for one session,
 * whose day after is said.  Its return.
 */
int
circle_clock_range_check(const char *s, const char *on, int *h, int *m,
    int *minutes, struct circle_err *e)
{
	const char	*t = circle_clock_at(s);
	int		 rc = circle_clock_range(t, h, m, minutes, e);

	/* "at 7-9": said of what was typed */
	if (rc == -1 && t != s)
		circle_err_as_typed(e, t, s);
	if (rc == 0 && circle_clock_midnight(t, *h, *m) && on != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" begins at "
		    "midnight, which " CIRCLE_CLOCK_MIDNIGHT ": write "
		    "00:00-%02d:%02d and, for the night after a day, %s the "
		    "weekday after it (%s sat for friday night)", s,
		    *minutes / 60 % 24, *minutes % 60, on, on);
	if (rc == 0 && circle_clock_midnight(t, *h, *m))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" begins at "
		    "midnight, which " CIRCLE_CLOCK_MIDNIGHT ": write "
		    "00:00-%02d:%02d, on the day after for the night after a "
		    "day", s, *minutes / 60 % 24, *minutes % 60);
	return rc;
}

/*
 * A range said after a part of the day (tomorrow evening 7-9, friday
 * morning 10-12, tonight 11-1): a start without am or pm takes the
 * part's half of the day, ap ('a' or 'p'), but a start at 12 twelve's
 * ('p' noon in the morning and the afternoon, 'a' midnight in the
 * evening); an end without am or pm is the first of its two readings
 * after the start (tonight 11-1 ends at 01:00 the day after, friday
 * morning 11-1 at 13:00, tonight 10-12 at midnight).  An end said with
 * am or pm, and every range for ap 0, is circle_clock_range's.  Its
 * return.
 */
int
circle_clock_range_in(const char *s, int ap, int twelve, int *h, int *m,
    int *minutes, struct circle_err *e)
{
	const char	*end, *second;
	char		 first[32];
	int		 said, ends, eh, em, h24;

	if (ap == 0 || circle_clock_said(s, &eh, &em) != -1 ||
	    (second = range_sep(s, &end)) == NULL ||
	    (size_t)(end - s) >= sizeof first)
		return circle_clock_range(s, h, m, minutes, e);
	second += strspn(second, " ");
	if (clock_meridiem(second, strlen(second)))
		return circle_clock_range(s, h, m, minutes, e);
	snprintf(first, sizeof first, "%.*s", (int)(end - s), s);
	if ((said = clock_or_hour(first, h, m)) == -1 ||
	    (ends = clock_or_hour(second, &eh, &em)) == -1)
		return 1;
	h24 = clock_zero(first) || clock_zero(second);
	if (clock_twelve(first, said, *h, h24)) {
		*h %= 12;
		if ((*h == 0 ? twelve : ap) == 'p')
			*h += 12;
	}
	if (clock_twelve(second, ends, eh, h24))
		end_after(*h, *m, &eh, em);
	return range_length(s, *h, *m, eh, em, minutes, e);
}
