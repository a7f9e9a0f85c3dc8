/*
 * test-dayhabits.c: days and periods as facilitators type them in a
 * hurry (day.c, dayperiod.c, dayrel.c), against a fixed today, Sunday
 * 2026-12-06: a quarter's year in two digits (Q1 '26), a day of the
 * month alone at one end of two (dec 1-15, 1-15 dec), units written short
 * (in 2 wks), days ahead (the next 7 days), ISO weeks (2026-W51) and the
 * week of a day, a time of day where a day is asked said for what it
 * is, and a time typed run together (730pm).
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
said_back(const char *s, enum circle_day_bound bound, int back)
{
	static char		out[1100];
	struct circle_day_ctx	c = { sunday, CIRCLE_ORDER_NONE, bound, back };
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

static const char *
said(const char *s, enum circle_day_bound bound)
{
	return said_back(s, bound, 1);
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
	/* a weekday's word is no month's: mon 12-14 no stretch of days */
	assert_string_equal(said("mon 12 to 14", CIRCLE_DAY_FIRST), "error: "
	    "date: \"mon 12 to 14\" is two ends, and \"14\" alone is no day: "
	    "give each end its month (dec 1 to dec 15)");
	assert_null(strstr(said("mon 12-14", CIRCLE_DAY_FIRST), "two ends"));
	assert_null(strstr(said("sun 12-14-2026", CIRCLE_DAY_FIRST),
	    "two ends"));
	assert_null(strstr(said("1-15 tue", CIRCLE_DAY_FIRST), "two ends"));
	PERIOD("the 1st-15th", "2026-12-01..2026-12-15");
	/* the day alone first: which month ends it? */
	assert_string_equal(said("nov 20-5", CIRCLE_DAY_FIRST), "error: date: "
	    "\"nov 20-5\" is two ends, and \"5\" alone is no day: give each "
	    "end its month (dec 1 to dec 15)");
	assert_string_equal(said("dec 1-15", CIRCLE_DAY_ONE), "error: date: "
	    "\"dec 1-15\" is a stretch of days, not a day: name the day (mon, "
	    "next wed, 12/14), or give a stretch of days as --in, or as --from "
	    "and --to, where a command lists");
}

/* wk, wks, mo, mth, yr: units as written short. */
static void
test_short_units(void **state)
{
	(void)state;
	DAY("in 2 wks", "2026-12-20");
	DAY("2 wks ago", "2026-11-22");
	DAY("in 3 mos", "2027-03-06");
	DAY("in 1 yr", "2027-12-06");
	PERIOD("last 2 wks", "2026-11-23..2026-12-06");
	PERIOD("past 3 mths", "2026-09-07..2026-12-06");
}

/* Days ahead: today and the days after it; next week stays the calendar's. */
static void
test_days_ahead(void **state)
{
	(void)state;
	PERIOD("next 7 days", "2026-12-06..2026-12-12");
	PERIOD("the next 2 weeks", "2026-12-06..2026-12-19");
	PERIOD("the coming fortnight", "2026-12-06..2026-12-19");
	PERIOD("next 3 months", "2026-12-06..2027-03-05");
	PERIOD("next week", "2026-12-07..2026-12-13");
	PERIOD("next month", "2027-01-01..2027-01-31");
	assert_non_null(strstr(said("next 7 days", CIRCLE_DAY_ONE),
	    "\"next 7 days\" is a stretch of days, not a day"));
}

/* s said as a period on day today: "FIRST..LAST". */
static const char *
said_on(int y, int m, int d, const char *s)
{
	static char		out[32];
	struct circle_day_ctx	c = { { y, m, d }, CIRCLE_ORDER_NONE,
				    CIRCLE_DAY_FIRST, 0 };
	struct circle_date	f, l;
	struct circle_err	e;

	assert_int_equal(circle_day_parse(s, &c, &f, &e), 0);
	c.bound = CIRCLE_DAY_LAST;
	assert_int_equal(circle_day_parse(s, &c, &l, &e), 0);
	circle_date_format(&f, out);
	out[10] = out[11] = '.';
	circle_date_format(&l, out + 12);
	return out;
}

/*
 * Months ahead from a day the months after have not: up to the last day
 * of the month they end in, as months back from one begin after it.
 */
static void
test_months_ahead_month_end(void **state)
{
	(void)state;
	assert_string_equal(said_on(2026, 12, 31, "next 2 months"),
	    "2026-12-31..2027-02-28");
	assert_string_equal(said_on(2028, 2, 29, "the next 12 months"),
	    "2028-02-29..2029-02-28");
	assert_string_equal(said_on(2027, 1, 31, "next 2 months"),
	    "2027-01-31..2027-03-30");
	assert_string_equal(said_on(2026, 12, 1, "next 2 months"),
	    "2026-12-01..2027-01-31");
	assert_string_equal(said_on(2026, 12, 31, "the last 2 months"),
	    "2026-11-01..2026-12-31");
}

/* ISO 8601 weeks, Monday to Sunday, and the week of a day. */
static void
test_weeks(void **state)
{
	(void)state;
	PERIOD("2026-W51", "2026-12-14..2026-12-20");
	PERIOD("2026W51", "2026-12-14..2026-12-20");
	PERIOD("W51 2026", "2026-12-14..2026-12-20");
	PERIOD("2026-w01", "2025-12-29..2026-01-04");
	PERIOD("2026-W53", "2026-12-28..2027-01-03");
	PERIOD("2026-W50 to 2026-W51", "2026-12-07..2026-12-20");
	assert_string_equal(said("2025-W53", CIRCLE_DAY_FIRST), "error: date: "
	    "\"2025-W53\": 2025 has no week 53 (ISO weeks, 1 to 52)");
	/* a year and a number without the W are no week */
	assert_non_null(strstr(said("2026 12", CIRCLE_DAY_FIRST),
	    "\"2026 12\" is not a date"));
	/* without its year: the latest begun looking back, else the nearest */
	PERIOD("week 51", "2025-12-15..2025-12-21");
	assert_string_equal(said_back("wk 51", CIRCLE_DAY_FIRST, 0),
	    "2026-12-14..2026-12-20");
	assert_string_equal(said_back("W2", CIRCLE_DAY_FIRST, 0),
	    "2027-01-11..2027-01-17");
	/* a day of a week, and a week where a day is asked */
	DAY("2026-W51-3", "2026-12-16");
	DAY("2026-W51-7", "2026-12-20");
	assert_string_equal(said("2026-W51", CIRCLE_DAY_ONE), "error: date: "
	    "\"2026-W51\" is a week, not a day: name the day (mon, next wed, "
	    "12/14), or give a week as --in, or as --from and --to, where a "
	    "command lists");
	/* the week of a day: from the locale's first day; beginning: from it */
	PERIOD("week beginning 14 dec", "2026-12-14..2026-12-20");
	PERIOD("w/c 16 dec", "2026-12-16..2026-12-22");
	assert_non_null(strstr(said("the week of dec 16", CIRCLE_DAY_FIRST),
	    "..2026-12-2"));
	assert_non_null(strstr(said("week of soon", CIRCLE_DAY_FIRST),
	    "\"soon\" is not a date"));
}

/* A time of day, or two, where a day is asked: said to be one. */
static void
test_times_not_days(void **state)
{
	static const char *const times[] = { "quarter to 8", "7.30pm",
	    "7pm-8:30pm", "7 to 9pm", "ten past 7pm", "19:00-21:00", "7.45",
	    "noon", "7:30 p.m.", "19h30", "1930 hrs", "1900h", "0930",
	    "730pm", "1130 pm" };
	char	want[200];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof times / sizeof times[0]; i++) {
		snprintf(want, sizeof want, "error: date: \"%s\" is a time of "
		    "day, not a day: name the day (today, tomorrow, wed, "
		    "12/14), and the time where one is asked for", times[i]);
		assert_string_equal(said(times[i], CIRCLE_DAY_ONE), want);
	}
	/* digits alone are a year here, and dots a day */
	assert_non_null(strstr(said("1900", CIRCLE_DAY_ONE), "is a year"));
	/* numbers joined by hyphens are a date, which may read two ways */
	assert_string_equal(said("12-1", CIRCLE_DAY_ONE), "error: date: "
	    "\"12-1\" is ambiguous: December 1 (2026-12-01, month first) or "
	    "12 January (2027-01-12, day first); set one with 'circle config "
	    "set date-order mdy' (or dmy), or write YYYY-MM-DD");
	assert_non_null(strstr(said("7-9", CIRCLE_DAY_ONE), "is ambiguous"));
	DAY("3.04", "2027-04-03");
}

/* An hour and its minutes run together with am or pm, as on a phone. */
static void
test_clock_run_together(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, h, m;
	} t[] = { { "730pm", 0, 19, 30 }, { "7 30pm", 0, 19, 30 },
	    { "1130 pm", 0, 23, 30 }, { "1130am", 0, 11, 30 },
	    { "7 30 p.m.", 0, 19, 30 }, { "1900", 0, 19, 0 },
	    { "0730", 0, 7, 30 },
	    /* none: no am or pm (two times), a 24-hour hour with pm, 60 */
	    { "730", -1, 0, 0 }, { "7 30", -1, 0, 0 }, { "1330pm", -1, 0, 0 },
	    { "0730pm", -1, 0, 0 }, { "760pm", -1, 0, 0 } };
	size_t	i;
	int	h, m;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_int_equal(circle_clock_read(t[i].s, &h, &m), t[i].rc);
		if (t[i].rc == 0) {
			assert_int_equal(h, t[i].h);
			assert_int_equal(m, t[i].m);
		}
	}
}

/*
 * A day and a time in one (circle_day_time_read): hour and minutes apart
 * (7 30pm) after the day, but a day's number before a time stays the
 * day's (dec 1 12pm is noon on the 1st, not 1:12 pm on "dec").
 */
static void
test_day_then_time_apart(void **state)
{
	static const struct {
		const char	*s, *day;
		int		 h, m;
	} t[] = { { "tue 7 30pm", "tue", 19, 30 },
	    { "dec 14 7 30pm", "dec 14", 19, 30 },
	    { "wed 1130 pm", "wed", 23, 30 },
	    { "dec 1 12pm", "dec 1", 12, 0 },
	    { "jan 2 10pm", "jan 2", 22, 0 },
	    { "fri 11 10am", "fri 11", 10, 0 },
	    { "mon 7 05pm", "mon 7", 17, 0 } };
	struct circle_err	e;
	size_t			i;
	char			*day;
	int			h, m;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		day = NULL;
		assert_int_equal(circle_day_time_read(t[i].s, &day, &h, &m,
		    &e), 1);
		assert_string_equal(day, t[i].day);
		assert_int_equal(h, t[i].h);
		assert_int_equal(m, t[i].m);
		free(day);
	}
}

/*
 * A month, a day and a time glued by habit (dec 7 30pm): refused naming
 * both readings, where a day is asked and where a day and a time are; a
 * month and two days of it joined by a hyphen (jan 5-12) are those days,
 * not a month and hours.
 */
static void
test_glued(void **state)
{
	static const char *const glued[] = { "dec 7 30pm", "Dec 7 30 pm",
	    "december 7 30pm" };
	struct circle_err	 e;
	char			*day;
	size_t			 i;
	int			 h, m;

	(void)state;
	for (i = 0; i < sizeof glued / sizeof glued[0]; i++) {
		assert_non_null(strstr(said_back(glued[i], CIRCLE_DAY_ONE, 0),
		    "reads two ways"));
		day = NULL;
		assert_int_equal(circle_day_time_read(glued[i], &day, &h, &m,
		    &e), -1);
		assert_non_null(strstr(e.msg, "no time, or "));
		assert_non_null(strstr(e.msg, "(19:30)"));
		free(day);
	}
	assert_string_equal(said_back("dec 7 30pm", CIRCLE_DAY_ONE, 0),
	    "error: date: \"dec 7 30pm\" reads two ways: dec 7 at \"30pm\", "
	    "which is no time, or 7 30pm (19:30) in dec with no day: write "
	    "the day, then the time (dec 7 19:30)");
	/* the day, then a time: as before */
	day = NULL;
	assert_int_equal(circle_day_time_read("dec 7 7 30pm", &day, &h, &m,
	    &e), 1);
	assert_string_equal(day, "dec 7");
	assert_int_equal(h, 19);
	free(day);
	/* a stretch of days of a month, the nearest */
	assert_string_equal(said_back("jan 5-12", CIRCLE_DAY_FIRST, 0),
	    "2027-01-05..2027-01-12");
	assert_string_equal(said_back("dec 1-12", CIRCLE_DAY_FIRST, 0),
	    "2026-12-01..2026-12-12");
	assert_string_equal(said_back("jan 5 - 12", CIRCLE_DAY_FIRST, 0),
	    "2027-01-05..2027-01-12");
	assert_non_null(strstr(said_back("jan 5-12", CIRCLE_DAY_ONE, 0),
	    "is a stretch of days, not a day"));
}

/*
 * Times as people type them from habit: minutes in words after the hour
 * (seven thirty pm, nineteen thirty), the French hour set apart (19 h
 * 30), twelve noon; three digits without am or pm (730) and an hour said
 * without them (seven thirty) are two times, said with both.
 */
static void
test_clock_habits(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, h, m;
	} t[] = { { "seven thirty pm", 0, 19, 30 },
	    { "7 thirty pm", 0, 19, 30 }, { "seven thirty am", 0, 7, 30 },
	    { "seven forty-five pm", 0, 19, 45 },
	    { "seven forty five in the evening", 0, 19, 45 },
	    { "seven oh five pm", 0, 19, 5 }, { "nineteen thirty", 0, 19, 30 },
	    { "twenty fifteen", 0, 20, 15 }, { "19 h 30", 0, 19, 30 },
	    { "19 h", 0, 19, 0 }, { "19h 30", 0, 19, 30 },
	    { "19 H 30", 0, 19, 30 }, { "twelve noon", 0, 12, 0 },
	    { "Twelve Midnight", 0, 0, 0 },
	    /* two times: the morning's */
	    { "seven thirty", 1, 7, 30 }, { "730", 2, 7, 30 },
	    { "930", 2, 9, 30 }, { "1230", 0, 12, 30 },
	    /* none */
	    { "nineteen", -1, 0, 0 }, { "nineteen thirty pm", -1, 0, 0 },
	    { "seven five", -1, 0, 0 }, { "seven oh fifteen", -1, 0, 0 },
	    { "760", -1, 0, 0 }, { "19 h 3", -1, 0, 0 },
	    { "19 h 30 h", -1, 0, 0 }, { "seven thirty thirty", -1, 0, 0 } };
	struct circle_err	 e;
	char			*day;
	size_t			 i;
	int			 h, m, rc;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		rc = circle_clock_typed(t[i].s, &h, &m);
		if (rc != t[i].rc)
			fail_msg("\"%s\": %d, not %d", t[i].s, rc, t[i].rc);
		if (t[i].rc != -1) {
			assert_int_equal(h, t[i].h);
			assert_int_equal(m, t[i].m);
		}
	}
	/* 730 alone is still no time where one is read as written */
	assert_int_equal(circle_clock_read("730", &h, &m), -1);
	/* an hour in words alone, as 7 alone is: two times */
	assert_int_equal(circle_clock_check("at", "seven", &h, &m, &e), -1);
	assert_string_equal(e.msg, "at: \"seven\" is 07:00 or 19:00: add am "
	    "or pm, or write 19:00");
	assert_int_equal(circle_clock_check("at", "nineteen", &h, &m, &e), -1);
	assert_non_null(strstr(e.msg, "is not a time of day"));
	/* after a day and at: 730 two times; in a part of the day, its */
	day = NULL;
	assert_int_equal(circle_day_time_read("wed at 730", &day, &h, &m, &e),
	    -1);
	assert_non_null(strstr(e.msg, "730 is 07:30 or 19:30"));
	free(day);
	day = NULL;
	assert_int_equal(circle_day_time_read("tonight at 730", &day, &h, &m,
	    &e), 1);
	assert_int_equal(h, 19);
	assert_int_equal(m, 30);
	free(day);
}

/*
 * Tomorrow, today and yesterday in another language, as ICU says them
 * (demain, mañana, morgen, hier, après-demain): read in the locale's
 * language, as month names are, and in another refused naming the day
 * and what to write.  Today is Sunday 2026-12-06.
 */
static void
test_days_foreign(void **state)
{
	static const struct {
		const char	*s, *lang, *english, *day;
	} t[] = { { "demain", "French", "tomorrow", "Monday 2026-12-07" },
	    { "Mañana", "Spanish", "tomorrow", "Monday 2026-12-07" },
	    { "morgen", "German", "tomorrow", "Monday 2026-12-07" },
	    { "amanhã", "Portuguese", "tomorrow", "Monday 2026-12-07" },
	    { "domani", "Italian", "tomorrow", "Monday 2026-12-07" },
	    { "hoy", "Spanish", "today", "Sunday 2026-12-06" },
	    { "aujourd'hui", "French", "today", "Sunday 2026-12-06" },
	    { "aujourd\xe2\x80\x99hui", "French", "today",
	      "Sunday 2026-12-06" },
	    { "heute", "German", "today", "Sunday 2026-12-06" },
	    { "ayer", "Spanish", "yesterday", "Saturday 2026-12-05" },
	    { "hier", "French", "yesterday", "Saturday 2026-12-05" },
	    { "gestern", "German", "yesterday", "Saturday 2026-12-05" },
	    { "apres-demain", "French", "the day after tomorrow",
	      "Tuesday 2026-12-08" } };
	const char	*old = getenv("LC_ALL");
	char		 want[400], keep[64];
	size_t		 i;

	(void)state;
	snprintf(keep, sizeof keep, "%s", old != NULL ? old : "");
	setenv("LC_ALL", "C.UTF-8", 1);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(want, sizeof want, "error: date: \"%s\" is %s for %s "
		    "(%s), and days are read in English or the locale's "
		    "language: write %s", t[i].s, t[i].lang, t[i].english,
		    t[i].day, t[i].english);
		assert_string_equal(said_back(t[i].s, CIRCLE_DAY_ONE, 0), want);
	}
	/* in the locale's language: read */
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	assert_string_equal(said_back("demain", CIRCLE_DAY_ONE, 0),
	    "2026-12-07");
	assert_string_equal(said_back("Après-demain", CIRCLE_DAY_ONE, 0),
	    "2026-12-08");
	assert_string_equal(said_back("hier", CIRCLE_DAY_ONE, 0),
	    "2026-12-05");
	assert_non_null(strstr(said_back("morgen", CIRCLE_DAY_ONE, 0),
	    "German for tomorrow"));
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	assert_string_equal(said_back("morgen", CIRCLE_DAY_ONE, 0),
	    "2026-12-07");
	assert_string_equal(said_back("vorgestern", CIRCLE_DAY_ONE, 0),
	    "2026-12-04");
	if (keep[0] != '\0')
		setenv("LC_ALL", keep, 1);
	else
		unsetenv("LC_ALL");
	/* not such a word: as before */
	assert_non_null(strstr(said_back("demainx", CIRCLE_DAY_ONE, 0),
	    "is not a date"));
}

/* d as circle_day_begun leaves it for s, back or not, today Sunday. */
static const char *
begun(const char *s, int y, int m, int d, int back)
{
	static char		out[11];
	struct circle_day_ctx	c = { sunday, CIRCLE_ORDER_MDY,
				    CIRCLE_DAY_FIRST, back };
	struct circle_date	day = { y, m, d };

	circle_day_begun(s, &c, &day);
	circle_date_format(&day, out);
	return out;
}

/*
 * Looking back (a report), a year-less stretch of days is in the latest
 * month of its name begun, as a month alone is (jan 1-31 in December is
 * this January, not the next; dec 10-15 on the 6th this December), and
 * so is a day with its month named (jan 5, dec 31); planning (back 0)
 * keeps the nearest.  A day without its month (the 20th, fri),
 * one with its year, or one already come is left.
 */
static void
test_looking_back(void **state)
{
	(void)state;
	assert_string_equal(said_back("jan 1-31", CIRCLE_DAY_FIRST, 1),
	    "2026-01-01..2026-01-31");
	assert_string_equal(said_back("jan 1-31", CIRCLE_DAY_FIRST, 0),
	    "2027-01-01..2027-01-31");
	assert_string_equal(said_back("january", CIRCLE_DAY_FIRST, 1),
	    "2026-01-01..2026-01-31");
	assert_string_equal(said_back("jan 1-15", CIRCLE_DAY_FIRST, 1),
	    "2026-01-01..2026-01-15");
	assert_string_equal(said_back("1-15 jan", CIRCLE_DAY_FIRST, 1),
	    "2026-01-01..2026-01-15");
	assert_string_equal(said_back("jan 1 to jan 15", CIRCLE_DAY_FIRST,
	    1), "2026-01-01..2026-01-15");
	assert_string_equal(said_back("jan 5-12", CIRCLE_DAY_FIRST, 1),
	    "2026-01-05..2026-01-12");
	assert_string_equal(said_back("feb 1-14", CIRCLE_DAY_FIRST, 1),
	    "2026-02-01..2026-02-14");
	/* begun: as read */
	assert_string_equal(said_back("dec 1-15", CIRCLE_DAY_FIRST, 1),
	    "2026-12-01..2026-12-15");
	assert_string_equal(said_back("nov 20 - jan 5", CIRCLE_DAY_FIRST, 1),
	    "2026-11-20..2027-01-05");
	/* in this month, begun: this month's, days ahead too */
	assert_string_equal(said_back("dec 10-15", CIRCLE_DAY_FIRST, 1),
	    "2026-12-10..2026-12-15");
	assert_string_equal(said_back("dec 1 to dec 31", CIRCLE_DAY_FIRST,
	    1), "2026-12-01..2026-12-31");
	/* no month named, or a year: as read */
	assert_string_equal(said_back("the 10th to the 20th",
	    CIRCLE_DAY_FIRST, 1), "2026-12-10..2026-12-20");
	assert_string_equal(said_back("mon-fri", CIRCLE_DAY_FIRST, 1),
	    "2026-12-07..2026-12-11");
	assert_string_equal(said_back("jan 1-31 2027", CIRCLE_DAY_FIRST, 1),
	    "2027-01-01..2027-01-31");
	/* a day alone */
	assert_string_equal(begun("jan 5", 2027, 1, 5, 1), "2026-01-05");
	assert_string_equal(begun("1/5", 2027, 1, 5, 1), "2026-01-05");
	assert_string_equal(begun("5 January", 2027, 1, 5, 1), "2026-01-05");
	assert_string_equal(begun("dec 20", 2026, 12, 20, 1), "2026-12-20");
	/* a day known by its name, as its day and month */
	assert_string_equal(begun("new year's day", 2027, 1, 1, 1),
	    "2026-01-01");
	assert_string_equal(begun("New Years Day", 2027, 1, 1, 0),
	    "2027-01-01");
	assert_string_equal(begun("christmas eve", 2026, 12, 24, 1),
	    "2026-12-24");
	assert_string_equal(begun("dec 31", 2026, 12, 31, 1), "2026-12-31");
	assert_string_equal(begun("feb 3", 2027, 2, 3, 1), "2026-02-03");
	assert_string_equal(begun("jan 5", 2027, 1, 5, 0), "2027-01-05");
	assert_string_equal(begun("dec 1", 2026, 12, 1, 1), "2026-12-01");
	assert_string_equal(begun("jan 5 2027", 2027, 1, 5, 1), "2027-01-05");
	assert_string_equal(begun("the 20th", 2026, 12, 20, 1), "2026-12-20");
	assert_string_equal(begun("friday", 2026, 12, 11, 1), "2026-12-11");
	assert_string_equal(begun("tomorrow", 2026, 12, 7, 1), "2026-12-07");
	assert_string_equal(begun("in a month", 2027, 1, 6, 1), "2027-01-06");
	/* a stretch or a month: its first day is what is begun */
	assert_string_equal(begun("dec 1-15", 2026, 12, 15, 1), "2026-12-15");
}

/* --from and --to as circle_day_pair reads them, today y-m-d, looking back:
 * "FIRST..LAST", or "apart" when left as read apart. */
static const char *
pair(const char *from, const char *to, int y, int m, int d)
{
	static char		out[32];
	struct circle_day_ctx	c = { { y, m, d }, CIRCLE_ORDER_MDY,
				    CIRCLE_DAY_FIRST, 1 };
	struct circle_date	f, l;

	if (circle_day_pair(from, to, &c, &f, &l) != 0)
		return "apart";
	circle_date_format(&f, out);
	out[10] = out[11] = '.';
	circle_date_format(&l, out + 12);
	return out;
}

/*
 * --from and --to given apart, looking back, read the wrong way round
 * each alone (--to jan 5 on December 30th is this January, before --from
 * dec 1): the two are one stretch, as --in "dec 1 to jan 5" reads it.
 */
static void
test_pair_looking_back(void **state)
{
	(void)state;
	assert_string_equal(pair("dec 1", "jan 5", 2026, 12, 30),
	    "2026-12-01..2027-01-05");
	assert_string_equal(pair("dec 28", "jan 2", 2026, 12, 30),
	    "2026-12-28..2027-01-02");
	assert_string_equal(pair("12/28", "1/2", 2026, 12, 30),
	    "2026-12-28..2027-01-02");
	/* dec 20 on the 7th, to today: last December's, as since dec 20 */
	assert_string_equal(pair("dec 20", "today", 2026, 12, 7),
	    "2025-12-20..2026-12-07");
	assert_string_equal(pair("jan 5", "today", 2027, 1, 2),
	    "2026-01-05..2027-01-02");
	/* no stretch either way: left to be refused as read apart */
	assert_string_equal(pair("today", "yesterday", 2026, 12, 30),
	    "apart");
	assert_string_equal(pair("dec 1", "nonsense", 2026, 12, 30),
	    "apart");
}

/* s said as a period, as the same with its hyphen a blank is. */
static void
as_spaced(const char *s)
{
	char	want[1100], spaced[64], *p;

	snprintf(spaced, sizeof spaced, "%s", s);
	if ((p = strchr(spaced, '-')) != NULL)
		*p = ' ';
	snprintf(want, sizeof want, "%s", said(spaced, CIRCLE_DAY_FIRST));
	assert_null(strstr(want, "error"));
	assert_string_equal(said(s, CIRCLE_DAY_FIRST), want);
}

/*
 * last-month, next-week, this-week typed as one word: the phrase, not two
 * ends (month is no date); a hyphen elsewhere is as it was.
 */
static void
test_hyphened_phrase(void **state)
{
	(void)state;
	as_spaced("last-month");
	as_spaced("next-week");
	as_spaced("this-week");
	as_spaced("Last-Quarter");
	as_spaced("this-month");
	as_spaced("last-year");
	PERIOD("last-month", "2026-11-01..2026-11-30");
	PERIOD("since last-month", "2026-11-01..2026-12-06");
	/* two ends joined by a hyphen, as before */
	PERIOD("jan-mar 2026", "2026-01-01..2026-03-31");
	assert_non_null(strstr(said("outlast-month", CIRCLE_DAY_FIRST),
	    "error"));
	assert_non_null(strstr(said("last-monthly", CIRCLE_DAY_FIRST),
	    "\"last-monthly\" is not a date"));
}

/*
 * Three digits after a day, without "at" (jan 5 730, wed 730, 2026-12-09
 * 730, as typed to session add without quotes): 7:30 run together, two
 * times, refused with both as wed at 730 is; after no day (in 730, dec
 * 730) or a month's word (24 Nov 226, a year mistyped) not a time.
 */
static void
test_day_then_three_digits(void **state)
{
	static const char *const two[] = { "jan 5 730", "wed 730",
	    "2026-12-09 730", "tomorrow 930", "Jan 5, 730" };
	struct circle_err	 e;
	char			*day;
	size_t			 i;
	int			 h, m;

	(void)state;
	for (i = 0; i < sizeof two / sizeof two[0]; i++) {
		day = NULL;
		assert_int_equal(circle_day_time_read(two[i], &day, &h, &m,
		    &e), -1);
		assert_non_null(strstr(e.msg, ":30 or "));
		free(day);
	}
	day = NULL;
	assert_int_not_equal(circle_day_time_read("in 730", &day, &h, &m,
	    &e), 1);
	free(day);
	/* after a month's word, a year mistyped: no time */
	day = NULL;
	assert_int_not_equal(circle_day_time_read("24 Nov 226", &day, &h, &m,
	    &e), -1);
	free(day);
	day = NULL;
	assert_int_equal(circle_day_time_read("jan 5 730pm", &day, &h, &m,
	    &e), 1);
	assert_int_equal(h, 19);
	free(day);
}

/*
 * Two days in numbers joined by a hyphen without blanks (1/1-1/31), as
 * with them (1/1 - 1/31); a date in numbers keeps its hyphens.
 */
static void
test_slashes_dash(void **state)
{
	(void)state;
	PERIOD("1/1-1/31", "2026-01-01..2026-01-31");
	PERIOD("1/1 - 1/31", "2026-01-01..2026-01-31");
	PERIOD("11/13-11/27", "2026-11-13..2026-11-27");
	/* an end that reads two ways alone is refused, as with blanks */
	assert_non_null(strstr(said("11/2-11/27", CIRCLE_DAY_FIRST),
	    "\"11/2\" is ambiguous"));
	PERIOD("1/1/2027-1/31/2027", "2027-01-01..2027-01-31");
	assert_non_null(strstr(said("12/28-1/2", CIRCLE_DAY_FIRST),
	    "ambiguous"));
	DAY("2026-12-01", "2026-12-01");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_year_periods),
		cmocka_unit_test(test_days_of_a_month),
		cmocka_unit_test(test_short_units),
		cmocka_unit_test(test_days_ahead),
		cmocka_unit_test(test_months_ahead_month_end),
		cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_times_not_days),
		cmocka_unit_test(test_clock_run_together),
		cmocka_unit_test(test_day_then_time_apart),
		cmocka_unit_test(test_glued),
		cmocka_unit_test(test_looking_back),
		cmocka_unit_test(test_clock_habits),
		cmocka_unit_test(test_days_foreign),
		cmocka_unit_test(test_pair_looking_back),
		cmocka_unit_test(test_hyphened_phrase),
		cmocka_unit_test(test_day_then_three_digits),
		cmocka_unit_test(test_slashes_dash),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
