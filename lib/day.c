/*
 * day.c: a day as people say it (today, next wed, +3d, 12/23), the one
 * parser of every date and session named on the command line; when.c's
 * strict ISO parser stays the one for files, and the dates in numbers of
 * a file's cells (12/23/2026, csvvalue.c) are read by the same rule as
 * the command line's (circle_date_nums_read).  What the user configured
 * (date-order, timezone) comes from cmd/ through circle_settings.
 * Days from today are dayrel.c's, a day and a time in one daytime.c's,
 * what the locale says daylocale.c's.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char	*(*setting_fn)(void *, const char *);
static void		*setting_arg;

/*
 * Where lib asks for what the user configured: fn(arg, key) gives the
 * value or NULL, read when first needed (a date word, a default group),
 * so that a command that needs none reads no file.
 */
void
circle_settings(const char *(*fn)(void *, const char *), void *arg)
{
	setting_fn = fn;
	setting_arg = arg;
}

const char *
circle_setting(const char *key)
{
	return setting_fn != NULL ? setting_fn(setting_arg, key) : NULL;
}

/*
 * "wed", "Wednesday", "weds", "Wed." (a point after it, as an
 * abbreviation is written): 0 (Monday) to 6; -1 if not a weekday.
 */
int
circle_weekday_parse(const char *s)
{
	size_t	n = strlen(s), i;

	if (n > 3 && s[n - 1] == '.')
		n--;
	if (n == 4 && strncasecmp(s, "weds", 4) == 0)
		return 2;
	if (n == 5 && strncasecmp(s, "thurs", 5) == 0)
		return 3;
	for (i = 0; i < 7 && n >= 3; i++)
		if (n <= strlen(weekdays[i]) && strncasecmp(s, weekdays[i],
		    n) == 0)
			return (int)i;
	return -1;
}

const char *
circle_weekday_name(int i)
{
	return i >= 0 && i < 7 ? weekdays[i] : "?";
}

/* "January" for 1 to "December" for 12. */
const char *
circle_month_name(int m)
{
	return m >= 1 && m <= 12 ? months[m - 1] : "?";
}

/* "st" for 1 (1st), "nd" for 22, "th" for 11 and 30. */
const char *
circle_ordinal_suffix(int d)
{
	return d % 10 == 1 && d % 100 != 11 ? "st" : d % 10 == 2 &&
	    d % 100 != 12 ? "nd" : d % 10 == 3 && d % 100 != 13 ? "rd" : "th";
}

/* The day of the week of d, 0 (Monday) to 6. */
int
circle_weekday(const struct circle_date *d)
{
	static const struct circle_date	monday = { 2001, 1, 1 };
	long				n = circle_date_diff(&monday, d);

	return (int)(((n % 7) + 7) % 7);
}

/*
 * The order of a date's parts as people write it: mdy, DMY, dd/mm/yyyy,
 * MM-DD-YYYY, d.m.y, yyyy-mm-dd (the letters in order, each once, any
 * case, separated or doubled as a form's hint shows them), or as people
 * name it: US, UK, day first, ISO ("European" is refused: some of
 * Europe writes the year first).
 */
int
circle_date_order_parse(const char *s, enum circle_date_order *o)
{
	static const char *const names[] = { "mdy", "dmy", "ymd" };
	static const struct {
		const char		*word;
		enum circle_date_order	 order;
	} words[] = {
		{ "us", CIRCLE_ORDER_MDY }, { "usa", CIRCLE_ORDER_MDY },
		{ "american", CIRCLE_ORDER_MDY }, { "month first",
		CIRCLE_ORDER_MDY }, { "month-first", CIRCLE_ORDER_MDY },
		{ "uk", CIRCLE_ORDER_DMY }, { "gb", CIRCLE_ORDER_DMY },
		{ "british", CIRCLE_ORDER_DMY }, { "day first",
		CIRCLE_ORDER_DMY },
		{ "day-first", CIRCLE_ORDER_DMY }, { "iso", CIRCLE_ORDER_YMD },
		{ "iso 8601", CIRCLE_ORDER_YMD }, { "iso8601",
		CIRCLE_ORDER_YMD },
	};
	char	got[4];
	size_t	i, n = 0;
	int	c, last = 0;

	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i].word) == 0) {
			*o = words[i].order;
			return 0;
		}
	for (; *s != '\0'; s++) {
		c = tolower((unsigned char)*s);
		if (c == last && c != 0)
			continue;
		if (c == 'd' || c == 'm' || c == 'y') {
			if (n == 3)
				return -1;
			got[n++] = (char)c;
		} else if (strchr("/-. ", c) == NULL)
			return -1;
		last = c;
	}
	got[n] = '\0';
	for (i = 0; i < 3; i++)
		if (strcmp(got, names[i]) == 0) {
			*o = (enum circle_date_order)(i + 1);
			return 0;
		}
	return -1;
}

static int
date_ok(int y, int m, int d)
{
	char			buf[16];
	struct circle_date	x;

	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	return circle_date_parse(buf, &x) == 0;
}

/*
 * Month and day without a year: the one nearest today (12/23 said on
 * January 2nd is the December just gone).  0 if it is no date.
 */
static int
nearest_year(const struct circle_date *today, int m, int d,
    struct circle_date *out)
{
	struct circle_date	c;
	long			best = -1, dist;
	int			y;

	for (y = today->year - 1; y <= today->year + 1; y++) {
		if (!date_ok(y, m, d))
			continue;
		c = (struct circle_date){ y, m, d };
		dist = labs(circle_date_diff(today, &c));
		if (best == -1 || dist < best) {
			best = dist;
			*out = c;
		}
	}
	return best != -1;
}

/* Digits only, 1 to max of them; their value, or -1. */
/* digits at s, 1 to max of them and no more: their value, and how many
 * in *nd (0: none, or too many). */
const char *
circle_digits_at(const char *s, int max, int *v, int *nd)
{
	*v = *nd = 0;
	while (isdigit((unsigned char)*s) && *nd <= max) {
		*v = *v * 10 + (*s++ - '0');
		(*nd)++;
	}
	if (*nd > max)
		*nd = 0;
	return s;
}

/*
 * A date written in numbers at s, the one reader of them: 12/23,
 * 12/23/2026, 23.12.2026, 2026-12-23 (four digits first: the year, then
 * month and day), its separator one of seps and the same twice.  What
 * follows is the caller's: the end of what was read, or NULL when s does
 * not begin with such numbers.
 */
const char *
circle_date_nums(const char *s, const char *seps, struct circle_date_nums *n)
{
	int	first, nf, nb;

	memset(n, 0, sizeof *n);
	s = circle_digits_at(s, 4, &first, &nf);
	if (nf == 0 || nf == 3 || *s == '\0' || strchr(seps, *s) == NULL)
		return NULL;
	n->sep = *s++;
	s = circle_digits_at(s, 2, &n->b, &nb);
	if (nb == 0)
		return NULL;
	if (*s == n->sep) {
		s = circle_digits_at(s + 1, 4, &n->y, &n->ny);
		/* 9.12. as German writes a day without its year */
		if (n->ny == 0 && (n->sep != '.' || nf == 4 ||
		    (*s != '\0' && *s != ' ')))
			return NULL;
	}
	if (nf == 4) {
		/* 2026-12-23: what was read as the year is the day. */
		if (n->ny == 0 || n->ny > 2)
			return NULL;
		n->year_first = 1;
		n->a = n->b;
		n->b = n->y;
		n->y = first;
		n->ny = 4;
	} else
		n->a = first;
	return s;
}

/*
 * What date numbers say, the one rule of them: a year first is year,
 * month, day whatever the order; else month first for mdy (and ymd
 * without a year), day first for dmy, the year last refused for ymd;
 * without an order, the reading that is a date, day first when dots
 * part it (9.12.2026, as every country that writes dots writes it), and
 * AMBIGUOUS (both in r) when both are, and differ.  Without a year, the nearest to today
 * (NULL: none is).  r->only is the order the date could only be read in.
 */
enum circle_date_said
circle_date_nums_read(const struct circle_date_nums *n,
    enum circle_date_order order, const struct circle_date *today,
    struct circle_date_reading *r)
{
	int	okmd, okdm;

	memset(r, 0, sizeof *r);
	if (n->year_first) {
		r->date = (struct circle_date){ n->y, n->a, n->b };
		return date_ok(n->y, n->a, n->b) ? CIRCLE_DATE_OK :
		    CIRCLE_DATE_NONE;
	}
	if (n->ny > 0) {
		r->md = (struct circle_date){ n->y, n->a, n->b };
		r->dm = (struct circle_date){ n->y, n->b, n->a };
		okmd = date_ok(n->y, n->a, n->b);
		okdm = date_ok(n->y, n->b, n->a);
	} else {
		okmd = today != NULL && nearest_year(today, n->a, n->b,
		    &r->md);
		okdm = today != NULL && nearest_year(today, n->b, n->a,
		    &r->dm);
	}
	if (order == CIRCLE_ORDER_MDY || (order == CIRCLE_ORDER_YMD &&
	    n->ny == 0)) {
		r->date = r->md;
		return okmd ? CIRCLE_DATE_OK : CIRCLE_DATE_NOT_ORDER;
	}
	if (order == CIRCLE_ORDER_DMY) {
		r->date = r->dm;
		return okdm ? CIRCLE_DATE_OK : CIRCLE_DATE_NOT_ORDER;
	}
	if (order == CIRCLE_ORDER_YMD)
		return CIRCLE_DATE_YEAR_LAST;
	/* Dots are written day first wherever they are (9.12.2026). */
	if (n->sep == '.' && okdm) {
		r->date = r->dm;
		if (!okmd)
			r->only = CIRCLE_ORDER_DMY;
		return CIRCLE_DATE_OK;
	}
	if (okmd && okdm && (r->md.month != r->dm.month ||
	    r->md.day != r->dm.day))
		return CIRCLE_DATE_AMBIGUOUS;
	if (!okmd && !okdm)
		return CIRCLE_DATE_NONE;
	r->date = okmd ? r->md : r->dm;
	if (okmd != okdm)
		r->only = okmd ? CIRCLE_ORDER_MDY : CIRCLE_ORDER_DMY;
	return CIRCLE_DATE_OK;
}

/*
 * A two-digit year as people mean it (24/11/26, 24-Nov-26): 2000 to 2069
 * for 00 to 69, 1970 to 1999 for 70 to 99, as POSIX strptime's %y.
 */
int
circle_year_of_two(int yy)
{
	return yy < 70 ? 2000 + yy : 1900 + yy;
}

/* Letters at s, and how many; no more than max of them, else 0. */
size_t
circle_word_at(const char *s, char *w, size_t max)
{
	size_t	n = 0;

	while (isalpha((unsigned char)s[n])) {
		if (n + 1 >= max)
			return 0;
		w[n] = (char)tolower((unsigned char)s[n]);
		n++;
	}
	w[n] = '\0';
	return n;
}

/*
 * A month by its English name or the first three letters or more of it
 * (Nov, Sept, November), else by its name in the locale's language
 * (novembre, nov., März): 1 to 12, and after it (and a point) in *end;
 * or 0.
 */
int
circle_month_word(const char *s, const char **end)
{
	char	w[16];
	size_t	n, i;
	int	m;

	if ((n = circle_word_at(s, w, sizeof w)) >= 3 &&
	    !((unsigned char)s[n] & 0x80))
		for (i = 0; i < 12; i++)
			if (n <= strlen(months[i]) && strncasecmp(w,
			    months[i], n) == 0) {
				s += n;
				*end = *s == '.' ? s + 1 : s;
				return (int)i + 1;
			}
	/* Letters of any script: ASCII ones and UTF-8's bytes. */
	for (n = 0; isalpha((unsigned char)s[n]) ||
	    ((unsigned char)s[n] & 0x80); n++)
		;
	if ((m = circle_month_in_locale(s, n)) == 0)
		return 0;
	s += n;
	*end = *s == '.' ? s + 1 : s;
	return m;
}

/*
 * A day of the month at s, 1 or 2 digits, then st, nd, rd or th (or the
 * French 1er): after it, or NULL.
 */
const char *
circle_month_day(const char *s, int *day)
{
	int	nd;

	s = circle_digits_at(s, 2, day, &nd);
	if (nd == 0 || *day < 1)
		return NULL;
	/* the French first, 1er (1er décembre), as English 1st */
	if ((strncasecmp(s, "st", 2) == 0 || strncasecmp(s, "nd", 2) == 0 ||
	    strncasecmp(s, "rd", 2) == 0 || strncasecmp(s, "th", 2) == 0 ||
	    (*day == 1 && nd == 1 && strncasecmp(s, "er", 2) == 0)) &&
	    !isalnum((unsigned char)s[2]))
		s += 2;
	return isalnum((unsigned char)*s) ? NULL : s;
}

/*
 * A year after a date's day and month, at s after its separator: four
 * digits, or two after a hyphen, slash or point (Excel's 24-Nov-26).
 * Not the hours of a time that follows (Nov 24 19:00).
 */
static const char *
words_year(const char *s, char sep, int *y)
{
	int	ny, v;

	s = circle_digits_at(s, 4, &v, &ny);
	if (ny == 2 && sep != ' ' && sep != ',')
		v = circle_year_of_two(v);
	else if (ny != 4)
		return NULL;
	if (isalnum((unsigned char)*s) || *s == ':' || (*s == '.' &&
	    isdigit((unsigned char)s[1])))
		return NULL;
	*y = v;
	return s;
}

/*
 * A date with its month named, as people and programs write one: 24 Nov
 * 2026, 24-Nov-2026 and 24-Nov-26 (Excel's), 24 November 2026, 24th
 * November, the 24th of November, Nov 24, 2026, November 24th 2026,
 * November the 24th, each perhaps after its
 * weekday (Tuesday, 24 November 2026 and Tuesday, November 24, 2026: the
 * long dates of Google Forms and Outlook).  Month names are English, or
 * the locale's (circle_month_word); weekdays English.
 * Without a year, the one nearest today (NULL: none is taken).  The end
 * of what was read (a time may follow), or NULL when s is no such date;
 * *said is whether it is a day of the calendar, and its weekday's.
 */
const char *
circle_date_words(const char *s, const struct circle_date *today,
    struct circle_date_words *w, enum circle_words_said *said)
{
	const char	*p = s, *q;
	char		 word[16], sep = ' ';
	size_t		 n;
	int		 m, d = 0, y = 0;

	memset(w, 0, sizeof *w);
	w->weekday = -1;
	*said = CIRCLE_WORDS_OK;
	while (*p == ' ')
		p++;
	/* Tuesday, or Tue. before the date */
	if ((n = circle_word_at(p, word, sizeof word)) >= 3 &&
	    circle_month_word(p, &q) == 0 &&
	    (w->weekday = circle_weekday_parse(word)) != -1) {
		p += n;
		if (*p == '.')
			p++;
		if (*p == ',')
			p++;
		if (*p != ' ')
			return NULL;
		while (*p == ' ')
			p++;
	}
	/* the 24th of November */
	if (strncasecmp(p, "the ", 4) == 0 && isdigit((unsigned char)p[4]))
		p += 4;
	if (isdigit((unsigned char)*p)) {
		/* 24 Nov 2026, 24-Nov-26, 24th November, 24th of November */
		if ((p = circle_month_day(p, &d)) == NULL)
			return NULL;
		if (*p == '.' && p[1] == ' ')
			p++;	/* 1. März 2027, as German writes the day */
		else if (*p == '-' || *p == '/' || *p == '.')
			sep = *p++;
		else if (*p != ' ')
			return NULL;
		while (*p == ' ')
			p++;
		if (sep == ' ' && strncasecmp(p, "of ", 3) == 0)
			p += 3 + strspn(p + 3, " ");
		if ((m = circle_month_word(p, &p)) == 0)
			return NULL;
		if (sep != ' ' ? *p == sep : *p == ' ' || *p == ',') {
			q = p + 1;
			while (*q == ' ')
				q++;
			if ((q = words_year(q, *p, &y)) != NULL)
				p = q;
		}
	} else {
		/* Nov 24, 2026; November 24th 2026; December the 9th */
		if ((m = circle_month_word(p, &p)) == 0)
			return NULL;
		if (*p != ' ' && *p != '-')
			return NULL;
		while (*p == ' ' || *p == '-')
			p++;
		if (strncasecmp(p, "the ", 4) == 0 &&
		    isdigit((unsigned char)p[4]))
			p += 4;
		if ((p = circle_month_day(p, &d)) == NULL)
			return NULL;
		q = p;
		if (*q == ',')
			q++;
		if (*q == ' ') {
			while (*q == ' ')
				q++;
			if ((q = words_year(q, ' ', &y)) != NULL)
				p = q;
		}
	}
	w->year = y != 0;
	w->date = (struct circle_date){ y, m, d };
	if (y == 0 && today == NULL)
		*said = CIRCLE_WORDS_NO_YEAR;
	else if (y == 0 ? !nearest_year(today, m, d, &w->date) :
	    !date_ok(y, m, d))
		*said = CIRCLE_WORDS_NO_DAY;
	else if (w->weekday != -1 && circle_weekday(&w->date) != w->weekday)
		*said = CIRCLE_WORDS_WEEKDAY;
	return p;
}

/*
 * A date as a spreadsheet's serial number, when a date cell was left
 * formatted General or Number before it was saved as CSV: 46350 is
 * 2026-11-24, 46350.79 that day at 18:57:36.  Excel's 1900 date system
 * counts from 1899-12-31 as day 1 and holds a 29 February 1900 that never
 * was (Lotus 1-2-3's mistake, kept), so from day 61 on day 0 is
 * 1899-12-30; LibreOffice and Google Sheets count from 1899-12-30 too.
 * Only 1960-01-01 (21916) to 2099-12-31 (73050) is taken as a date: any
 * other number is no date here.  The 1904 date system of old Mac
 * workbooks (its numbers 1462 smaller, read 4 years and a day early)
 * cannot be told from a CSV.
 */
int
circle_date_serial(const char *s, struct circle_date *d, int *h, int *m,
    int *sec)
{
	static const struct circle_date	 epoch = { 1899, 12, 30 };
	const char			*p = s;
	long				 days = 0, secs = 0;
	double				 frac = 0, f = 0.1;

	while (*p == ' ')
		p++;
	if (strspn(p, "0123456789") != 5)
		return -1;
	for (; isdigit((unsigned char)*p); p++)
		days = days * 10 + (*p - '0');
	if (*p == '.' && isdigit((unsigned char)p[1]))
		for (p++; isdigit((unsigned char)*p); p++, f /= 10)
			frac += (*p - '0') * f;
	p += strspn(p, " ");
	if (*p != '\0' || days < 21916 || days > 73050)
		return -1;
	secs = (long)(frac * 86400 + 0.5);
	if (secs >= 86400)
		secs = 86399;
	circle_date_add(&epoch, (int)days, d);
	*h = (int)(secs / 3600);
	*m = (int)(secs / 60 % 60);
	*sec = (int)(secs % 60);
	return 0;
}

/*
 * 12/23, 23/12, 12/23/2026, 23/12/2026, 2026/12/23, as circle_date_nums
 * read s into n up to end.  Without a year, the nearest; with a configured
 * order that order; without one a date that reads two ways is refused
 * with both.
 */
static int
slashed(const char *s, struct circle_date_nums *n, const char *end,
    const struct circle_day_ctx *c, struct circle_date *out,
    struct circle_err *e)
{
	struct circle_date_reading	 r;
	char				 x[11], z[11];

	if (*end != '\0')
		goto bad;
	if (!n->year_first && n->ny == 2) {
		n->y = circle_year_of_two(n->y);
		n->ny = 4;
	} else if (!n->year_first && n->ny > 0 && n->ny != 4)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": write the "
		    "year in full", s);
	switch (circle_date_nums_read(n, c->order, &c->today, &r)) {
	case CIRCLE_DATE_OK:
		*out = r.date;
		return 0;
	case CIRCLE_DATE_NOT_ORDER:
		if (c->order == CIRCLE_ORDER_DMY)
			return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is "
			    "not a date day first (date-order dmy)", s);
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is "
		    "not a date month first (date-order %s)", s,
		    c->order == CIRCLE_ORDER_MDY ? "mdy" : "ymd");
	case CIRCLE_DATE_YEAR_LAST:
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": the year "
		    "comes first (date-order ymd)", s);
	case CIRCLE_DATE_AMBIGUOUS:
		circle_date_format(&r.md, x);
		circle_date_format(&r.dm, z);
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is "
		    "ambiguous: %s %d (%s, month first) or %d %s (%s, day "
		    "first); set one with 'circle config set date-order mdy' "
		    "(or dmy), or write YYYY-MM-DD", s, months[r.md.month - 1],
		    r.md.day, x, r.dm.day, months[r.dm.month - 1], z);
	default:
		break;
	}
bad:
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a date",
	    s);
}

/*
 * A day of the month alone, as people say it: the 9th, 9th, Saturday the
 * 12th, sat 12th, sat 12 (its digits alone only after a weekday or "the":
 * 12 is a session's id).  The nearest such day to today, this month, the
 * last or the next; the later of two as near.  A weekday that is not that
 * day's is refused, naming the day's (-1).  1 when s says no such
 * thing.
 */
static int
month_day_alone(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	struct circle_date	 cand, first;
	const char		*p = s, *q;
	char			 word[16];
	size_t			 n;
	long			 best = -1, dist;
	int			 wd = -1, the = 0, d, k, y, m;

	while (*p == ' ')
		p++;
	if ((n = circle_word_at(p, word, sizeof word)) >= 3 &&
	    (wd = circle_weekday_parse(word)) != -1) {
		p += n;
		p += *p == '.';
		p += *p == ',';
		if (*p != ' ')
			return 1;
		while (*p == ' ')
			p++;
	}
	if (strncasecmp(p, "the ", 4) == 0) {
		the = 1;
		p += 4 + strspn(p + 4, " ");
	}
	if (!isdigit((unsigned char)*p) || (q = circle_month_day(p, &d)) == NULL ||
	    q[strspn(q, " ")] != '\0')
		return 1;
	/* 12 alone is a number; 12th, the 12, sat 12 a day. */
	if (wd == -1 && !the && isdigit((unsigned char)q[-1]))
		return 1;
	if (d > 31)
		return 1;
	for (k = -1; k <= 1; k++) {
		circle_month_of(&c->today, k, &y, &m);
		if (!date_ok(y, m, d))
			continue;
		cand = (struct circle_date){ y, m, d };
		dist = labs(circle_date_diff(&c->today, &cand));
		if (best == -1 || dist <= best) {
			best = dist;
			*out = cand;
		}
	}
	if (best == -1)
		return 1;
	if (wd != -1 && circle_weekday(out) != wd) {
		first = *out;
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": the %d%s "
		    "nearest today is %c%s %d %s %d, not a %c%s", s, d,
		    circle_ordinal_suffix(d),
		    toupper((unsigned char)weekdays[circle_weekday(&first)][0]),
		    weekdays[circle_weekday(&first)] + 1, first.day,
		    months[first.month - 1], first.year,
		    toupper((unsigned char)weekdays[wd][0]), weekdays[wd] + 1);
	}
	return 0;
}

/*
 * "Dec-26": a month's letters, a dash and two digits, as Excel shows a
 * date formatted mmm-yy, December 2026, with no day.
 */
static int
month_dash_year(const char *s)
{
	size_t	n;

	s += strspn(s, " ");
	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	return n >= 3 && s[n] == '-' && isdigit((unsigned char)s[n + 1]) &&
	    isdigit((unsigned char)s[n + 2]) && s[n + 3] == '\0';
}

/*
 * What circle_date_words() read, as a date in out or an error in e.
 * Every caller of it says its results with this.
 */
int
circle_date_words_said(const char *s, const struct circle_date_words *w,
    enum circle_words_said said, struct circle_date *out,
    struct circle_err *e)
{
	switch (said) {
	case CIRCLE_WORDS_OK:
		*out = w->date;
		return 0;
	case CIRCLE_WORDS_NO_DAY:
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": there is no "
		    "%d %s%s", s, w->date.day, months[w->date.month - 1],
		    w->year ? "" : " near today");
	case CIRCLE_WORDS_WEEKDAY:
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %d %s %d is a "
		    "%c%s, not a %c%s", s, w->date.day,
		    months[w->date.month - 1], w->date.year,
		    toupper((unsigned char)weekdays[circle_weekday(&w->date)][0]),
		    weekdays[circle_weekday(&w->date)] + 1,
		    toupper((unsigned char)weekdays[w->weekday][0]),
		    weekdays[w->weekday] + 1);
	case CIRCLE_WORDS_NO_YEAR:
		break;
	}
	if (month_dash_year(s))
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %d %s of "
		    "which year, or a month with no day (Excel shows "
		    "%s 20%.2s so, formatted mmm-yy)? Give the whole date, "
		    "its day too", s, w->date.day, months[w->date.month - 1],
		    months[w->date.month - 1], s + strlen(s) - 2);
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %d %s of which year? "
	    "Give the year too", s, w->date.day, months[w->date.month - 1]);
}

static int
words_said(const char *s, const struct circle_date_words *w,
    enum circle_words_said said, struct circle_date *out,
    struct circle_err *e)
{
	struct circle_err	e2;

	if (circle_date_words_said(s, w, said, out, &e2) == 0)
		return 0;
	return circle_err_set(e, e2.code, "date: %s", e2.msg);
}

/*
 * A word that is nearly a day: a weekday's first two letters (tu, th and
 * the other five: the day), its first letter (refused, naming the day, or
 * both days for t and s), or a day misspelt (wensday, tomorro): refused,
 * naming it.  1 when s is none of these.
 */
static int
day_word_near(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	static const char *const days[] = { "today", "tomorrow", "yesterday" };
	struct circle_date	 d[2];
	const char		*best = NULL;
	char			 w[16], x[11], z[11];
	size_t			 n, i, k = 0, dist, bestd = 3, ties = 0;

	if ((n = circle_word_at(s, w, sizeof w)) == 0 || (s[n] != '\0' &&
	    strcmp(s + n, ".") != 0))
		return 1;
	if (n <= 2) {
		for (i = 0; i < 7; i++)
			if (strncmp(weekdays[i], w, n) == 0 && k++ < 2)
				circle_day_weekday(weekdays[i], c, &d[k - 1]);
		if (k == 0)
			return 1;
		if (k == 1 && n == 2) {
			*out = d[0];
			return 0;
		}
		if (k == 1)
			return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is "
			    "not a date; did you mean %.3s?", s,
			    weekdays[circle_weekday(&d[0])]);
		circle_date_format(&d[0], x);
		circle_date_format(&d[1], z);
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is %s (%s) "
		    "or %s (%s): write %.3s or %.3s", s,
		    weekdays[circle_weekday(&d[0])], x,
		    weekdays[circle_weekday(&d[1])], z,
		    weekdays[circle_weekday(&d[0])],
		    weekdays[circle_weekday(&d[1])]);
	}
	if (n < 5)
		return 1;
	for (i = 0; i < 10; i++) {
		dist = circle_levenshtein(w, i < 7 ? weekdays[i] : days[i - 7]);
		if (dist < bestd) {
			bestd = dist;
			best = i < 7 ? weekdays[i] : days[i - 7];
			ties = 0;
		} else if (dist == bestd)
			ties++;
	}
	if (best == NULL || ties > 0)
		return 1;
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a date; "
	    "did you mean %s?", s, best);
}

/*
 * Is p, in s, the hyphen of last-month, next-week, this-week (a word of
 * them typed as one)?  Those are no two ends (month is no date): the
 * hyphen is a blank.
 */
static int
hyphen_in_phrase(const char *s, const char *p)
{
	static const char *const words[] = { "last", "next", "this" };
	size_t	i;

	if (*p != '-' || p - s < 4 || !isalpha((unsigned char)p[1]) ||
	    (p - s > 4 && isalpha((unsigned char)p[-5])))
		return 0;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strncasecmp(p - 4, words[i], 4) == 0)
			return 1;
	return 0;
}

/*
 * s as typed with its blanks squeezed and trimmed and a point, comma or
 * mark at its end taken off ("  next  friday ", Dec 15., tomorrow!), the
 * hyphen of last-month a blank (hyphen_in_phrase): NULL when it needs
 * none of that, or is nothing after it.  The caller frees.
 */
char *
circle_day_tidy(const char *s)
{
	const char	*p = s + strspn(s, " \t");
	char		*t = circle_xmalloc(strlen(s) + 1), *q = t;

	while (*p != '\0')
		if (hyphen_in_phrase(s, p)) {
			*q++ = ' ';
			p++;
		} else if (*p == ' ' || *p == '\t') {
			p += strspn(p, " \t");
			if (*p != '\0')
				*q++ = ' ';
		} else
			*q++ = *p++;
	while (q > t && strchr(".,;:!?", q[-1]) != NULL)
		q--;
	*q = '\0';
	if (*t == '\0' || strcmp(t, s) == 0) {
		free(t);
		return NULL;
	}
	return t;
}

/*
 * An error of what was tidied (circle_day_tidy) said of what was typed: the
 * first "tidy" in e's message made "s".
 */
void
circle_err_as_typed(struct circle_err *e, const char *tidy, const char *s)
{
	char	 was[sizeof e->msg], *at;
	size_t	 n = strlen(tidy);

	snprintf(was, sizeof was, "\"%s\"", tidy);
	if ((at = strstr(e->msg, was)) == NULL)
		return;
	snprintf(was, sizeof was, "%s", at + n + 2);
	circle_err_fit(e, (size_t)(at - e->msg), snprintf(at, sizeof e->msg -
	    (size_t)(at - e->msg), "\"%s\"%s", s, was));
}

/*
 * s, where a day is asked for, a time of day (7pm, noon, half past 6,
 * 7.30pm, quarter to 8, 1930 hrs, 730pm) or two (7pm-8:30pm): refused
 * saying so.  -1 with e, or 1 when s is none (three digits or more and
 * a hyphen, slash or dot are a date in numbers: 2026-12-).
 */
static int
time_not_day(const char *s, struct circle_err *e)
{
	struct circle_err	ignored;
	size_t			n = strspn(s, "0123456789");
	int			h, m, len;

	if ((n > 2 && s[n] != '\0' && strchr("-/.", s[n]) != NULL) ||
	    (circle_clock_said(s, &h, &m) == -1 && circle_clock_range(s, &h,
	    &m, &len, &ignored) == 1))
		return 1;
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a time of "
	    "day, not a day: name the day (today, tomorrow, wed, 12/14), and "
	    "the time where one is asked for", s);
}

/*
 * A period said (first to last, a unit: next month) where a day is asked
 * for: its first day for where a range begins, its last where it ends
 * (c->bound), else refused.
 */
static int
period_end(const char *s, const struct circle_day_ctx *c,
    const struct circle_date *first, const struct circle_date *last,
    const char *unit, struct circle_date *out, struct circle_err *e)
{
	if (c->bound == CIRCLE_DAY_ONE)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a %s, "
		    "not a day: name the day (mon, next wed, 12/14), or give a "
		    "%s as --in, or as --from and --to, where a command lists",
		    s, unit, unit);
	*out = c->bound == CIRCLE_DAY_FIRST ? *first : *last;
	return 0;
}

/*
 * s, a day from today said in another language than the locale's (demain,
 * morgen: circle_day_word_foreign), days from today, d: refused, naming
 * the day it is and the English to write.  -1.
 */
static int
day_word_refused(const char *s, int days, const char *lang,
    const struct circle_date *d, struct circle_err *e)
{
	static const char *const english[] = { "the day before yesterday",
	    "yesterday", "today", "tomorrow", "the day after tomorrow" };
	char	iso[11];

	circle_date_format(d, iso);
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is %s for %s "
	    "(%c%s %s), and days are read in English or the locale's "
	    "language: write %s", s, lang, english[days + 2],
	    toupper((unsigned char)weekdays[circle_weekday(d)][0]),
	    weekdays[circle_weekday(d)] + 1, iso, english[days + 2]);
}

/*
 * A date as said: YYYY-MM-DD, today, tomorrow, yesterday, a weekday (wed,
 * next wed, last wed), +3d or -2w, 12/23 by c->order, the month named, a
 * day of the month alone (the 9th, sat 12th), a phrase (in two weeks, a
 * week from tuesday, end of the month, the first monday of january:
 * circle_day_phrase).  Relative to c->today.
 */
int
circle_day_parse(const char *s, const struct circle_day_ctx *c,
    struct circle_date *out, struct circle_err *e)
{
	static const struct {
		const char	*word;
		int		 days;
	} words[] = { { "today", 0 }, { "tonight", 0 }, { "now", 0 },
	    { "tomorrow", 1 }, { "yesterday", -1 },
	    /* as typed in a hurry: none of them is anything else */
	    { "tmrw", 1 }, { "tmr", 1 }, { "tmw", 1 }, { "2moro", 1 },
	    { "2morrow", 1 }, { "2mrw", 1 }, { "tomorow", 1 },
	    { "tommorow", 1 }, { "tommorrow", 1 }, { "tonite", 0 },
	    { "tdy", 0 }, { "yday", -1 }, { "yest", -1 } };
	struct circle_date_nums		 n;
	struct circle_date_words	 w;
	struct circle_date		 first, last;
	struct circle_err		 glued;
	enum circle_words_said		 said;
	const char			*end, *unit, *lang, *p;
	char				*day, iso[11], word[64], named[64];
	size_t				 i;
	int				 rc, h, m, whole;

	if (circle_date_parse(s, out) == 0)
		return 0;
	if ((day = circle_day_tidy(s)) != NULL) {
		if ((rc = circle_day_parse(day, c, out, e)) == -1)
			circle_err_as_typed(e, day, s);
		free(day);
		return rc;
	}
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(s, words[i].word) == 0) {
			circle_date_add(&c->today, words[i].days, out);
			return 0;
		}
	/* christmas eve: 24 dec, its year as one without it */
	if ((p = circle_day_named(s, named)) != NULL) {
		if ((rc = circle_day_parse(p, c, out, e)) == -1)
			circle_err_as_typed(e, p, s);
		return rc;
	}
	if (circle_day_vague(s, e) == -1)
		return -1;
	/* demain, mañana: read in the locale's language, else refused */
	if (strpbrk(s, "0123456789") == NULL &&
	    (rc = circle_day_word_foreign(s, &h, &lang)) != -1) {
		circle_date_add(&c->today, h, out);
		return rc == 1 ? 0 : day_word_refused(s, h, lang, out, e);
	}
	/* 2026-12-09T19:00, wed 7pm: a day is asked for, not a time too. */
	if (circle_day_glued(s, &glued) == -1)
		return circle_err_set(e, glued.code, "date: %s", glued.msg);
	if (circle_day_time_split(s, &day, &h, &m)) {
		rc = circle_day_parse(day, c, out, e);
		free(day);
		if (rc == -1) {
			time_not_day(s, e);	/* ten past 7pm, 7 to 9pm */
			return -1;
		}
		circle_date_format(out, iso);
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a day "
		    "and a time; give the day alone (%s)", s, iso);
	}
	if ((s[0] == '+' || s[0] == '-') && s[1] != '\0')
		return circle_day_relative(s, c, out, e);
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-')
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a "
		    "date (there is no such day)", s);
	/* sexta-feira: the hyphen of a weekday of the locale's, no range */
	if (strchr(s, '-') != NULL &&
	    (rc = circle_day_locale_parse(s, 1, c, out, e)) != 1)
		return rc;
	if ((rc = circle_day_ends(s, c, &first, &last, e)) == 0)
		return period_end(s, c, &first, &last, "stretch of days", out,
		    e);
	if (rc == -1) {
		time_not_day(s, e);	/* quarter to 8, 7pm-9pm: no two ends */
		return -1;
	}
	/* 2026-W51, week 51, the week of dec 14; 2026-W51-3 a day */
	if ((rc = circle_day_week(s, c, &first, &last, &whole, e)) == 0 &&
	    whole)
		return period_end(s, c, &first, &last, "week", out, e);
	if (rc == 0)
		*out = first;
	if (rc != 1)
		return rc;
	if (isdigit((unsigned char)s[0]) && strpbrk(s, "/.-") != NULL &&
	    (end = circle_date_nums(s, "/.-", &n)) != NULL) {
		/* 7.30pm: a time; but 12-1 a date, which may read two ways */
		if ((rc = slashed(s, &n, end, c, out, e)) == -1 &&
		    s[strspn(s, "0123456789-/")] != '\0')
			time_not_day(s, e);
		return rc;
	}
	if ((end = circle_date_words(s, &c->today, &w, &said)) != NULL &&
	    end[strspn(end, " ")] == '\0')
		return words_said(s, &w, said, out, e);
	if (circle_day_period(s, c, &first, &last, &unit) == 0)
		return period_end(s, c, &first, &last, unit, out, e);
	if (circle_day_weekday(s, c, out) == 0)
		return 0;
	if ((rc = circle_day_phrase(s, c, out, e)) != 1)
		return rc;
	if ((rc = month_day_alone(s, c, out, e)) != 1)
		return rc;
	/* vendredi, mardi 8 décembre, 11 de diciembre in the locale's */
	if ((rc = circle_day_locale_parse(s, 0, c, out, e)) != 1)
		return rc;
	/* vendredi, Freitag: which day, and how to write it */
	if ((rc = circle_weekday_foreign_in(s, word, &lang)) != -1)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\"%s%s%s is "
		    "%s for %c%s, and days are read in English (or in the "
		    "language of LANG): write %s or %.3s (next %.3s, last %.3s)", s, strcmp(word, s) == 0 ?
		    "" : ": \"", strcmp(word, s) == 0 ? "" : word,
		    strcmp(word, s) == 0 ? "" : "\"", lang,
		    toupper((unsigned char)weekdays[rc][0]), weekdays[rc] + 1,
		    weekdays[rc], weekdays[rc], weekdays[rc], weekdays[rc]);
	/* 3 janv. 2027 in English: which month, and how to write it */
	if ((rc = circle_month_foreign_in(s, word, &lang)) != 0 &&
	    (p = strstr(s, word)) != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\": \"%s\" "
		    "is %s for %s, and months are read in English (or in the "
		    "language of LANG): write \"%.*s%.3s%s\"", s, word, lang,
		    months[rc - 1], (int)(p - s), s, months[rc - 1],
		    p + strlen(word));
	if ((rc = circle_day_fiscal(s, e)) != 1 ||
	    (rc = day_word_near(s, c, out, e)) != 1)
		return rc;
	/* 7pm, noon, half past 6: a time where a day is asked for */
	if (time_not_day(s, e) == -1)
		return -1;
	if (circle_from_now(s, &h) == 0)
		return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is a time "
		    "from now, not a day: name the day (today, tomorrow), and "
		    "the time where one is asked for", s);
	return circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a date "
	    "(YYYY-MM-DD, today, tomorrow, yesterday, wed, next wed, last wed, "
	    "+3d, -2w, in 2 weeks, 12/23, 24 Nov, Nov 24 2026, the 9th)", s);
}

/*
 * My zone: the configured timezone, else $TZ or the system's; NULL when
 * none can be named (then today is the C library's).  The caller frees.
 */
char *
circle_my_zone(void)
{
	const char	*tz, *from;

	if ((tz = circle_setting("timezone")) != NULL && *tz != '\0')
		return circle_xstrdup(tz);
	return circle_zone_local(&from);
}

/*
 * The context a date is said in: today where tzid is (a group's zone), or
 * in my zone when tzid is NULL; the configured date order.
 */
void
circle_day_context(const char *tzid, struct circle_day_ctx *c)
{
	const char	*order;
	char		*mine = NULL;

	memset(c, 0, sizeof *c);
	if (tzid == NULL)
		tzid = mine = circle_my_zone();
	if (tzid == NULL || circle_date_today_in(tzid, &c->today) == -1)
		circle_date_today(&c->today);
	free(mine);
	if ((order = circle_setting("date-order")) != NULL)
		circle_date_order_parse(order, &c->order);
}

/*
 * A date said on the command line (s) as YYYY-MM-DD in out, relative to
 * today in tzid (NULL: mine); a week or a month (next week) is its first
 * or last day as bound says, or refused; back as circle_day_ctx's.  field
 * names it in an error.
 */
int
circle_day_iso(const char *field, const char *s, const char *tzid,
    enum circle_day_bound bound, int back, char out[11], struct circle_err *e)
{
	struct circle_day_ctx	c;
	struct circle_date	d;
	struct circle_err	e2;

	if (circle_date_parse(s, &d) == 0) {
		circle_date_format(&d, out);
		return 0;
	}
	circle_day_context(tzid, &c);
	c.bound = bound;
	c.back = back;
	if (circle_day_parse(s, &c, &d, &e2) == -1)
		return circle_err_set(e, e2.code, "%s: %s", field != NULL ?
		    field : "date", e2.msg + strlen("date: "));
	circle_day_begun(s, &c, &d);
	circle_date_format(&d, out);
	return 0;
}

/*
 * A day said in words beside today: "today", "yesterday", "tomorrow",
 * else "Wednesday 2026-12-09".
 */
void
circle_day_say(const struct circle_date *d, const struct circle_date *today,
    char out[32])
{
	static const char *const near[] = { "yesterday", "today", "tomorrow" };
	long	n = circle_date_diff(today, d);
	char	iso[11];

	if (n >= -1 && n <= 1) {
		snprintf(out, 32, "%s", near[n + 1]);
		return;
	}
	circle_date_format(d, iso);
	snprintf(out, 32, "%c%s %s", toupper((unsigned char)
	    weekdays[circle_weekday(d)][0]), weekdays[circle_weekday(d)] + 1,
	    iso);
}

/*
 * The instant utc (a session's start) as a wall time in my zone, to show
 * beside the group's local time (YYYY-MM-DDTHH:MM): "04:00" on the same
 * day, else "2026-12-07 04:00".  -1 when a zone is unknown.
 */
int
circle_here(const char *utc, const char *mine, const char *local,
    char out[17])
{
	char	here[17];

	if (circle_utc_to_local(utc, mine, here) == -1)
		return -1;
	if (strncmp(here, local, 10) == 0)
		snprintf(out, 17, "%s", here + 11);
	else {
		here[10] = ' ';
		snprintf(out, 17, "%s", here);
	}
	return 0;
}
