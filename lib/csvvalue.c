/*
 * csvvalue.c: the dates and times in a CSV file's cells, as spreadsheets
 * write them, and --date-order: a file's dates are read one way.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/*
 * An import's date order: --date-order's (s: mdy or dmy), else the
 * configured date-order (*configured set; its ymd says nothing of
 * 24/11/2026, so it is none for a file), else none.
 */
int
circle_csv_date_order(const char *s, enum circle_date_order *order,
    int *configured, struct circle_err *e)
{
	const char	*c;

	*order = CIRCLE_ORDER_NONE;
	*configured = 0;
	if (s == NULL) {
		if ((c = circle_setting("date-order")) != NULL &&
		    circle_date_order_parse(c, order) == 0 &&
		    *order != CIRCLE_ORDER_YMD)
			*configured = 1;
		else
			*order = CIRCLE_ORDER_NONE;
		return 0;
	}
	if (strcasecmp(s, "mdy") == 0)
		*order = CIRCLE_ORDER_MDY;
	else if (strcasecmp(s, "dmy") == 0)
		*order = CIRCLE_ORDER_DMY;
	else
		return circle_err_set(e, CIRCLE_EUSAGE, "--date-order %s: "
		    "expected mdy (month first, 11/24/2026) or dmy (day first, "
		    "24/11/2026)", s);
	return 0;
}

/* ---- dates and times in cells -------------------------------------------- */

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

/* am, a.m., a, pm, p.m., p (any case) at *p: 'a', 'p' or 0. */
static int
read_ampm(const char **p)
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
 * A time of day as people write it: 19:00, 19:00:00 (a fraction of a
 * second left out), 19.00, 7pm, 7 PM, 7:30 pm, 7.30 p.m.; after it, with
 * iso, a zone (Z, +01:00) is read and said in *zone.  0, or -1.
 */
static int
read_clock(const char *s, int iso, int *h, int *m, int *sec, int *zone)
{
	const char	*p = s;
	char		 sep;
	int		 hasmin = 0, ap, x;

	*m = *sec = *zone = 0;
	if (read_digits(&p, 2, h) == 0)
		return -1;
	if ((*p == ':' || *p == '.') && isdigit((unsigned char)p[1])) {
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
	while (*p == ' ')
		p++;
	if ((ap = read_ampm(&p)) != 0) {
		if (*h < 1 || *h > 12)
			return -1;
		*h = *h % 12 + (ap == 'p' ? 12 : 0);
	} else if (!hasmin || *h > 23)
		return -1;
	if (*m > 59)
		return -1;
	while (*p == ' ')
		p++;
	if (iso && (*p == 'Z' || *p == 'z')) {
		*zone = 1;
		p++;
	} else if (iso && (*p == '+' || *p == '-') &&
	    isdigit((unsigned char)p[1])) {
		p++;
		if (read_digits(&p, 2, &x) != 2)
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && read_digits(&p, 2, &x) != 2)
			return -1;
		*zone = 1;
	}
	return *p == '\0' ? 0 : -1;
}

/*
 * A date, perhaps with a time, as spreadsheets write them: 2026-11-24,
 * 2026/11/24, 2026-11-24T19:00:00 (or a space for the T), 24/11/2026 or
 * 11/24/2026 (also with . or -) read by order (day.c's rule, as on the
 * command line; CIRCLE_ORDER_NONE: not known; configured: the config's,
 * not --date-order), each with a time after a space.  *read is the
 * order the cell could only be read in, or NONE.
 * -1 with e (no place in it) when it is no date; -2 when it is one only
 * by an order not given.
 */
int
circle_csv_when_parse(const char *s, enum circle_date_order order,
    int configured, struct circle_csv_when *w, enum circle_date_order *read,
    struct circle_err *e)
{
	struct circle_date_nums		 n;
	struct circle_date_reading	 r;
	const char			*p = s, *t;

	memset(w, 0, sizeof *w);
	*read = CIRCLE_ORDER_NONE;
	while (*p == ' ')
		p++;
	if ((p = circle_date_nums(p, "-/.", &n)) == NULL || n.ny == 0)
		goto bad;
	if (!n.year_first && n.ny == 2)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": give the year "
		    "in four digits (format the column as a date with a "
		    "four-digit year)", s);
	if (!n.year_first && (n.ny != 4 || n.a < 1 || n.b < 1))
		goto bad;
	/* A file's order is mdy or dmy; ymd says nothing of 24/11/2026. */
	if (order == CIRCLE_ORDER_YMD)
		order = CIRCLE_ORDER_NONE;
	switch (circle_date_nums_read(&n, order, NULL, &r)) {
	case CIRCLE_DATE_OK:
		break;
	case CIRCLE_DATE_AMBIGUOUS:
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %d %s %d day "
		    "first or %s %d, %d month first; give --date-order "
		    "dmy or --date-order mdy", s, r.dm.day,
		    circle_month_name(r.dm.month), r.dm.year,
		    circle_month_name(r.md.month), r.md.day, r.md.year);
		return -2;
	case CIRCLE_DATE_NOT_ORDER:
		if (r.date.month > 12 && configured)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
			    "a date %s first (date-order %s, from the config; "
			    "give --date-order %s for a file written %s first)",
			    s, order == CIRCLE_ORDER_DMY ? "day" : "month",
			    order == CIRCLE_ORDER_DMY ? "dmy" : "mdy",
			    order == CIRCLE_ORDER_DMY ? "mdy" : "dmy",
			    order == CIRCLE_ORDER_DMY ? "month" : "day");
		if (r.date.month > 12)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
			    "a date %s first (--date-order %s)", s,
			    order == CIRCLE_ORDER_DMY ? "day" : "month",
			    order == CIRCLE_ORDER_DMY ? "dmy" : "mdy");
		/* FALLTHROUGH */
	default:
		if (!n.year_first && n.a > 12 && n.b > 12)
			goto bad;
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a day "
		    "of the calendar", s);
	}
	*read = r.only;
	circle_date_format(&r.date, w->day);
	if (*p == '\0' || strspn(p, " ") == strlen(p))
		return 0;
	t = p;
	if (n.year_first && n.sep == '-' && (*t == 'T' || *t == 't'))
		t++;
	else if (*t == ' ' || *t == ',') {
		while (*t == ' ' || *t == ',')
			t++;
	} else
		goto bad;
	if (read_clock(t, 1, &w->h, &w->m, &w->s, &w->zone) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": \"%s\" is not "
		    "a time of day (19:00, 19:00:00, 7pm, 7:30 pm)", s, t);
	w->has_time = 1;
	return 0;
bad:
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
	    "(2026-11-24, 24/11/2026 or 11/24/2026, a time after it if "
	    "need be)", s);
}

/*
 * The date (and time) in field's cell of the current row, read by the
 * file's date order: --date-order's, or the one its first cell that
 * could only be read one way showed; a later cell read the other way
 * is refused.  -1 with e placed at the cell.
 */
int
circle_csv_date(struct circle_csv_reader *r, int field,
    struct circle_csv_when *w, struct circle_err *e)
{
	const char		*v = circle_csv_get(r, field);
	size_t			 line, col;
	enum circle_date_order	 got;
	int			 rc;

	if (v == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "no date");
		return circle_csv_at(r, field, e);
	}
	rc = circle_csv_when_parse(v, r->order, r->order_config, w, &got, e);
	if (rc == -2 && r->order_seen != CIRCLE_ORDER_NONE) {
		line = strlen(e->msg);
		snprintf(e->msg + line, sizeof e->msg - line, " (line %zu has "
		    "\"%s\", %s first)", r->order_line, r->order_cell,
		    r->order_seen == CIRCLE_ORDER_DMY ? "day" : "month");
	}
	if (rc < 0)
		return circle_csv_at(r, field, e);
	if (got == CIRCLE_ORDER_NONE || r->order != CIRCLE_ORDER_NONE)
		return 0;
	if (r->order_seen == CIRCLE_ORDER_NONE) {
		(void)circle_csv_where(r, field, &line, &col);
		r->order_seen = got;
		r->order_line = line;
		snprintf(r->order_cell, sizeof r->order_cell, "%s", v);
	} else if (r->order_seen != got) {
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %s first, but line "
		    "%zu has \"%s\", %s first; a file's dates are written one "
		    "way: give --date-order dmy or --date-order mdy", v,
		    got == CIRCLE_ORDER_DMY ? "day" : "month", r->order_line,
		    r->order_cell, got == CIRCLE_ORDER_DMY ? "month" : "day");
		return circle_csv_at(r, field, e);
	}
	return 0;
}

/* The time of day in field's cell (19:00, 7pm, 7:30 pm, 19.00). */
int
circle_csv_time(struct circle_csv_reader *r, int field, int *h, int *m,
    struct circle_err *e)
{
	const char	*v = circle_csv_get(r, field);
	int		 sec, zone;

	if (v != NULL && read_clock(v, 0, h, m, &sec, &zone) == 0)
		return 0;
	circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a time of day (19:00, "
	    "7pm, 7:30 pm or 19.00)", v != NULL ? v : "");
	return circle_csv_at(r, field, e);
}
