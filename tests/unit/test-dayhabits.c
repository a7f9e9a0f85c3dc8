/*
 * test-dayhabits.c: days and periods as facilitators type them in a
 * hurry (day.c, dayperiod.c, dayrel.c), against a fixed today, Sunday
 * 2026-12-06: a quarter's year in two digits (Q1 '26), a day of the
 * month alone at one end of two (dec 1-15, 1-15 dec), and what is no
 * day said for what it is.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "circle-priv.h"

/* Sunday 6 December 2026. */
static const struct circle_date	sunday = { 2026, 12, 6 };

/*
 * s said as a period, looking back (a report): "FIRST..LAST", or
 * "error: message"; as a day alone with bound CIRCLE_DAY_ONE.
 */
static const char *
said(const char *s, enum circle_day_bound bound)
{
	static char		out[1100];
	struct circle_day_ctx	c = { sunday, CIRCLE_ORDER_NONE, bound, 1 };
	struct circle_date	d, l;
	struct circle_err	e;

	if (circle_day_parse(s, &c, &d, &e) == -1) {
		assert_int_equal(e.code, CIRCLE_EDATA);
		snprintf(out, sizeof out, "error: %s", e.msg);
		return out;
	}
	circle_date_format(&d, out);
	if (bound != CIRCLE_DAY_FIRST)
		return out;
	c.bound = CIRCLE_DAY_LAST;
	assert_int_equal(circle_day_parse(s, &c, &l, &e), 0);
	out[10] = out[11] = '.';
	circle_date_format(&l, out + 12);
	return out;
}

#define PERIOD(s, want) \
	assert_string_equal(said((s), CIRCLE_DAY_FIRST), (want))
#define DAY(s, want) \
	assert_string_equal(said((s), CIRCLE_DAY_ONE), (want))

/* A quarter's or a half's year in two digits, with an apostrophe or not. */
static void
test_short_year_periods(void **state)
{
	(void)state;
	PERIOD("Q1 '26", "2026-01-01..2026-03-31");
	PERIOD("Q1 26", "2026-01-01..2026-03-31");
	PERIOD("q1'26", "2026-01-01..2026-03-31");
	PERIOD("Q4 '25", "2025-10-01..2025-12-31");
	PERIOD("H1 '26", "2026-01-01..2026-06-30");
	PERIOD("h2 26", "2026-07-01..2026-12-31");
	PERIOD("first half of '26", "2026-01-01..2026-06-30");
	/* as before */
	PERIOD("Q1 2026", "2026-01-01..2026-03-31");
	PERIOD("q1-q2 2026", "2026-01-01..2026-06-30");
	assert_non_null(strstr(said("Q1 260", CIRCLE_DAY_FIRST),
	    "is not a date"));
}

/* A day of the month alone at one end takes the other's month. */
static void
test_days_of_a_month(void **state)
{
	(void)state;
	PERIOD("dec 1-15", "2026-12-01..2026-12-15");
	PERIOD("dec 1\xe2\x80\x93" "15", "2026-12-01..2026-12-15");
	PERIOD("dec 1 \xe2\x80\x94 15", "2026-12-01..2026-12-15");
	PERIOD("dec 1 - 15", "2026-12-01..2026-12-15");
	PERIOD("dec 1 to 15", "2026-12-01..2026-12-15");
	PERIOD("1-15 dec", "2026-12-01..2026-12-15");
	PERIOD("1\xe2\x80\x93" "15 dec", "2026-12-01..2026-12-15");
	PERIOD("1st-15th dec", "2026-12-01..2026-12-15");
	PERIOD("dec 1st-15th", "2026-12-01..2026-12-15");
	PERIOD("december 1-15, 2026", "2026-12-01..2026-12-15");
	PERIOD("1-15 november 2025", "2025-11-01..2025-11-15");
	/* dates in numbers keep their hyphens */
	PERIOD("2026-01-05 to 2026-03-31", "2026-01-05..2026-03-31");
	PERIOD("12-23", "2026-12-23..2026-12-23");
	/* the day alone first: which month ends it? */
	assert_string_equal(said("nov 20-5", CIRCLE_DAY_FIRST), "error: date: "
	    "\"nov 20-5\" is two ends, and \"5\" alone is no day: give each "
	    "end its month (dec 1 to dec 15)");
	assert_string_equal(said("dec 1-15", CIRCLE_DAY_ONE), "error: date: "
	    "\"dec 1-15\" is a stretch of days, not a day: name the day (mon, "
	    "next wed, 12/14), or give a stretch of days as --in, or as --from "
	    "and --to, where a command lists");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_year_periods),
		cmocka_unit_test(test_days_of_a_month),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
