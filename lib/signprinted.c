/*
 * signprinted.c: the sign-in sheet circle prints (circle export signin),
 * or one typed by hand with a row "Date:" above its table: the session
 * its When row names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "signin.h"

/* A row "Date:" and a day (a digit in it: not a header "Name") alone
 * above a table typed by hand: a When row. */
static int
date_row(const struct circle_csv_reader *r, const char *f)
{
	size_t	col;

	if (strcmp(f, "date") != 0 || strpbrk(r->header[1], "0123456789") ==
	    NULL)
		return 0;
	for (col = 2; col < r->ncols; col++)
		if (*r->header[col] != '\0')
			return 0;
	return 1;
}

/*
 * The sign-in sheet circle prints (circle export signin), typed back or
 * saved as CSV: above its table a "When" row (the date, then
 * "19:00-20:30 (zone)"), "Where" and "Topic" rows; the session of every
 * row is the one that row names, and the table's header is found under
 * it.  0 when the header row found is not a When row (nor date_row's).
 */
int
circle_signin_printed(struct sheet *sh, struct circle_err *e)
{
	struct circle_csv_reader	*r = &sh->in;
	struct circle_csv_when		 w;
	enum circle_date_order		 got;
	struct circle_err		 e2;
	char				 f[8], start[16];
	int				 h, m, k, rc;

	circle_csv_fold(r->header[0], f, sizeof f);
	if (r->ncols < 2 || (strcmp(f, "when") != 0 && !date_row(r, f)))
		return 0;
	if (circle_csv_when_parse(r->header[1], r->order, r->order_config,
	    r->near, &w, &got, &e2) < 0)
		return circle_err_set(e, e2.code, "%s:%zu:2 (%s): %s",
		    sh->o->name, r->headerline, r->header[0], e2.msg);
	/* "19:00-20:30 (Europe/London)": its start; else the date's time,
	 * else the day's one session. */
	if (r->ncols >= 3 && *r->header[2] != '\0') {
		snprintf(start, sizeof start, "%.*s", (int)strcspn(
		    r->header[2], "-\xe2("), r->header[2]);
		if (circle_clock_read(start, &h, &m) == -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:3 (When): "
			    "\"%s\" does not start with a time of day",
			    sh->o->name, r->headerline, r->header[2]);
		w.h = h, w.m = m, w.has_time = 1;
	}
	if (w.has_time)
		snprintf(sh->when, sizeof sh->when, "%sT%02d:%02d", w.day, w.h,
		    w.m);
	else
		snprintf(sh->when, sizeof sh->when, "%s", w.day);
	for (k = 0; k < 5; k++) {
		if ((rc = circle_csv_header_next(r, e)) == -1)
			return -1;
		if (rc == 0)
			break;
		circle_csv_fold(r->header[0], f, sizeof f);
		if (strcmp(f, "where") != 0 && strcmp(f, "topic") != 0)
			return 0;
	}
	return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no table under the "
	    "sheet's When row", sh->o->name, r->headerline);
}
