/*
 * test-day.c: a day as people say it (day.c), against a fixed today,
 * Sunday 2026-12-06: ISO, today/tomorrow/yesterday, weekdays (wed, next
 * wed, last wed), +3d/-2w, 12/23 by the date order and refused with both
 * readings without one; and the settings lib asks cmd for.
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

/* s said on today in order for bound: "YYYY-MM-DD", or "error: message". */
static const char *
said_as(const char *s, const struct circle_date *today,
    enum circle_date_order order, enum circle_day_bound bound)
{
	static char		out[1100];
	struct circle_day_ctx	c = { *today, order, bound, 0 };
	struct circle_date	d;
	struct circle_err	e;

	if (circle_day_parse(s, &c, &d, &e) == -1) {
		assert_int_equal(e.code, CIRCLE_EDATA);
		snprintf(out, sizeof out, "error: %s", e.msg);
		return out;
	}
	circle_date_format(&d, out);
	return out;
}

static const char *
said(const char *s, const struct circle_date *today,
    enum circle_date_order order)
{
	return said_as(s, today, order, CIRCLE_DAY_ONE);
}

#define SAYS(s, want) \
	assert_string_equal(said((s), &sunday, CIRCLE_ORDER_NONE), (want))

static void
test_iso(void **state)
{
	(void)state;
	SAYS("2026-12-23", "2026-12-23");
	SAYS("2024-02-29", "2024-02-29");
	SAYS("2026-02-30", "error: date: \"2026-02-30\" is not a date "
	    "(there is no such day)");
	SAYS("2026-13-01", "error: date: \"2026-13-01\" is not a date "
	    "(there is no such day)");
}

static void
test_words(void **state)
{
	(void)state;
	SAYS("today", "2026-12-06");
	SAYS("Today", "2026-12-06");
	SAYS("tomorrow", "2026-12-07");
	SAYS("yesterday", "2026-12-05");
	SAYS("tonight", "2026-12-06");
	/* Across a month and a year. */
	assert_string_equal(said("tomorrow", &(struct circle_date){ 2026, 12,
	    31 }, 0), "2027-01-01");
	assert_string_equal(said("yesterday", &(struct circle_date){ 2024, 3,
	    1 }, 0), "2024-02-29");
}

static void
test_weekdays(void **state)
{
	(void)state;
	/* 2026-12-06 is a Sunday. */
	assert_int_equal(circle_weekday(&sunday), 6);
	SAYS("mon", "2026-12-07");
	SAYS("wed", "2026-12-09");
	SAYS("Wednesday", "2026-12-09");
	SAYS("weds", "2026-12-09");
	SAYS("thurs", "2026-12-10");
	SAYS("sat", "2026-12-12");
	/* Capitals and an abbreviation's point, as typed. */
	SAYS("Tue.", "2026-12-08");
	SAYS("TUESDAY", "2026-12-08");
	SAYS("Weds.", "2026-12-09");
	SAYS("next Thurs.", "2026-12-10");
	SAYS("Th.", "2026-12-10");
	SAYS("Sat. the 12th", "2026-12-12");
	assert_int_equal(circle_weekday_parse("tu."), -1);
	assert_int_equal(circle_weekday_parse("wed.."), -1);
	/* The day itself: wed on a Wednesday is today; next is a week on. */
	SAYS("sun", "2026-12-06");
	SAYS("next sun", "2026-12-13");
	SAYS("last sun", "2026-11-29");
	SAYS("next wed", "2026-12-09");
	SAYS("last wed", "2026-12-02");
	SAYS("last sat", "2026-12-05");
	SAYS("LAST  Wed", "2026-12-02");
	/* "this": as the weekday alone, today on the day itself. */
	SAYS("this friday", "2026-12-11");
	SAYS("This sun", "2026-12-06");
	assert_non_null(strstr(said("this", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("this week", &sunday, 0),
	    "is a week, not a day"));
	assert_string_equal(said("wed", &(struct circle_date){ 2026, 12, 9 },
	    0), "2026-12-09");
	assert_string_equal(said("next wed", &(struct circle_date){ 2026, 12,
	    9 }, 0), "2026-12-16");
	assert_string_equal(said("last wed", &(struct circle_date){ 2026, 12,
	    9 }, 0), "2026-12-02");
	/* Too short to be sure of, or not a day. */
	assert_int_equal(circle_weekday_parse("w"), -1);
	assert_int_equal(circle_weekday_parse("tu"), -1);
	assert_int_equal(circle_weekday_parse("wednesdays"), -1);
	assert_int_equal(circle_weekday_parse("tue"), 1);
	assert_int_equal(circle_weekday_parse("Sunday"), 6);
	assert_non_null(strstr(said("next", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("next week", &sunday, 0),
	    "is a week, not a day"));
}

/* s said for bound where a command looks back (circle_day_ctx's back). */
static const char *
back_as(const char *s, const struct circle_date *today,
    enum circle_day_bound bound)
{
	static char		out[1100];
	struct circle_day_ctx	c = { *today, CIRCLE_ORDER_NONE, bound, 1 };
	struct circle_date	d;
	struct circle_err	e;

	if (circle_day_parse(s, &c, &d, &e) == -1) {
		snprintf(out, sizeof out, "error: %s", e.msg);
		return out;
	}
	circle_date_format(&d, out);
	return out;
}

#define BACK(s, bound, want) \
	assert_string_equal(back_as((s), &sunday, (bound)), (want))

#define FIRST(s, want) assert_string_equal(said_as((s), &sunday, \
	CIRCLE_ORDER_NONE, CIRCLE_DAY_FIRST), (want))
#define LAST(s, want) assert_string_equal(said_as((s), &sunday, \
	CIRCLE_ORDER_NONE, CIRCLE_DAY_LAST), (want))

/* A week or a month: a range's ends for --from and --to, else refused. */
static void
test_periods(void **state)
{
	const char	*was = getenv("LC_ALL");
	char		 keep[64];

	(void)state;
	snprintf(keep, sizeof keep, "%s", was != NULL ? was : "");
	/* Without a locale a week begins on Monday (ISO 8601). */
	unsetenv("LC_ALL");
	setenv("LC_TIME", "C", 1);
	FIRST("this week", "2026-11-30");
	LAST("this week", "2026-12-06");
	FIRST("next week", "2026-12-07");
	LAST("Next  Week", "2026-12-13");
	FIRST("last week", "2026-11-23");
	LAST("last week", "2026-11-29");
	FIRST("this month", "2026-12-01");
	LAST("this month", "2026-12-31");
	FIRST("next month", "2027-01-01");
	LAST("next month", "2027-01-31");
	/* A month named: the one nearest today, or of the year given. */
	FIRST("Sept", "2026-09-01");
	LAST("Sept.", "2026-09-30");
	FIRST("february", "2027-02-01");
	LAST("Feb 2028", "2028-02-29");
	FIRST("last month", "2026-11-01");
	LAST("last month", "2026-11-30");
	/* After next, before last. */
	FIRST("the week after next", "2026-12-14");
	LAST("week after next", "2026-12-20");
	FIRST("the week before last", "2026-11-16");
	FIRST("the month after next", "2027-02-01");
	LAST("the month after next", "2027-02-28");
	FIRST("the month before last", "2026-10-01");
	FIRST("the year after next", "2028-01-01");
	FIRST("the weekend after next", "2026-12-19");
	assert_string_equal(said_as("the month after next", &(struct
	    circle_date){ 2026, 11, 30 }, 0, CIRCLE_DAY_LAST), "2027-01-31");
	SAYS("end of the week after next", "2026-12-20");
	SAYS("the first monday of the month after next", "2027-02-01");
	SAYS("the week after next", "error: date: \"the week after next\" is "
	    "a week, not a day: name the day (mon, next wed, 12/14), or give a "
	    "week as --in, or as --from and --to, where a command lists");
	/* A weekday in a week said: the week's, as it begins here. */
	SAYS("tuesday next week", "2026-12-08");
	SAYS("next week tuesday", "2026-12-08");
	SAYS("tuesday, next week", "2026-12-08");
	SAYS("tuesday of next week", "2026-12-08");
	SAYS("tuesday of the week after next", "2026-12-15");
	SAYS("sunday next week", "2026-12-13");
	SAYS("tuesday this week", "2026-12-01");
	SAYS("tuesday last week", "2026-11-24");
	assert_string_equal(said_as("next month", &(struct circle_date){ 2028,
	    1, 20 }, 0, CIRCLE_DAY_LAST), "2028-02-29");
	/* Days are days whatever the bound. */
	FIRST("tomorrow", "2026-12-07");
	LAST("next wed", "2026-12-09");
	/* Where the locale's week begins on Sunday, or on Monday. */
	setenv("LC_ALL", "en_US.UTF-8", 1);
	SAYS("tuesday next week", "2026-12-15");
	SAYS("tuesday this week", "2026-12-08");
	FIRST("this week", "2026-12-06");
	LAST("this week", "2026-12-12");
	FIRST("last week", "2026-11-29");
	setenv("LC_ALL", "en_GB.UTF-8", 1);
	FIRST("this week", "2026-11-30");
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	LAST("next week", "2026-12-13");
	/* Where the weekend is Friday and Saturday. */
	setenv("LC_ALL", "he_IL.UTF-8", 1);
	FIRST("this weekend", "2026-12-11");
	LAST("this weekend", "2026-12-12");
	if (keep[0] != '\0')
		setenv("LC_ALL", keep, 1);
	else
		unsetenv("LC_ALL");
	unsetenv("LC_TIME");
	/* A day is asked for: refused, saying what to type. */
	SAYS("next month", "error: date: \"next month\" is a month, not a "
	    "day: name the day (mon, next wed, 12/14), or give a month as "
	    "--in, or as --from and --to, where a command lists");
	SAYS("Sept", "error: date: \"Sept\" is a month, not a day: name "
	    "the day (mon, next wed, 12/14), or give a month as --in, or as "
	    "--from and --to, where a command lists");
	/* A year and a weekend (the one today is in, on a Sunday). */
	FIRST("this year", "2026-01-01");
	LAST("next year", "2027-12-31");
	FIRST("last year", "2025-01-01");
	FIRST("this weekend", "2026-12-05");
	LAST("this weekend", "2026-12-06");
	FIRST("next weekend", "2026-12-12");
	LAST("last weekend", "2026-11-29");
	/* On a Wednesday, the coming one. */
	assert_string_equal(said_as("this weekend", &(struct circle_date){
	    2026, 12, 9 }, 0, CIRCLE_DAY_FIRST), "2026-12-12");
	assert_string_equal(said_as("last weekend", &(struct circle_date){
	    2026, 12, 9 }, 0, CIRCLE_DAY_LAST), "2026-12-06");
	SAYS("next year", "error: date: \"next year\" is a year, not a day: "
	    "name the day (mon, next wed, 12/14), or give a year as --in, or "
	    "as --from and --to, where a command lists");
	SAYS("this weekend", "error: date: \"this weekend\" is a weekend, not "
	    "a day: name the day (mon, next wed, 12/14), or give a weekend as "
	    "--in, or as --from and --to, where a command lists");
	assert_non_null(strstr(said_as("this week on", &sunday, 0,
	    CIRCLE_DAY_FIRST), "is not a date"));
}

/*
 * The periods a coordinator reports on: quarters, a year alone, to date,
 * two ends joined; a fiscal year refused, saying what to give.
 */
static void
test_report_periods(void **state)
{
	(void)state;
	/* A quarter: this, last, next, named (the nearest), of a year. */
	FIRST("this quarter", "2026-10-01");
	LAST("this quarter", "2026-12-31");
	FIRST("last quarter", "2026-07-01");
	LAST("Last Quarter", "2026-09-30");
	FIRST("next quarter", "2027-01-01");
	LAST("the quarter before last", "2026-06-30");
	FIRST("Q3", "2026-07-01");
	LAST("q3", "2026-09-30");
	FIRST("Q1", "2027-01-01");
	FIRST("Q2", "2027-04-01");
	LAST("Q3 2026", "2026-09-30");
	FIRST("2026-Q3", "2026-07-01");
	FIRST("2026 q1", "2026-01-01");
	LAST("Q4-2025", "2025-12-31");
	assert_string_equal(said_as("last quarter", &(struct circle_date){
	    2027, 2, 10 }, 0, CIRCLE_DAY_FIRST), "2026-10-01");
	assert_string_equal(said_as("Q4", &(struct circle_date){ 2027, 2,
	    10 }, 0, CIRCLE_DAY_FIRST), "2026-10-01");
	FIRST("last 2 quarters", "2026-06-07");
	/* Where a command looks back: the latest begun, not the nearest. */
	BACK("Q1", CIRCLE_DAY_FIRST, "2026-01-01");
	BACK("Q2", CIRCLE_DAY_LAST, "2026-06-30");
	BACK("Q4", CIRCLE_DAY_LAST, "2026-12-31");
	BACK("march", CIRCLE_DAY_FIRST, "2026-03-01");
	BACK("december", CIRCLE_DAY_LAST, "2026-12-31");
	BACK("jan-mar", CIRCLE_DAY_FIRST, "2026-01-01");
	BACK("jan-mar", CIRCLE_DAY_LAST, "2026-03-31");
	BACK("next quarter", CIRCLE_DAY_FIRST, "2027-01-01");
	BACK("Q1 2027", CIRCLE_DAY_FIRST, "2027-01-01");
	assert_string_equal(back_as("Q4", &(struct circle_date){ 2027, 1,
	    1 }, CIRCLE_DAY_FIRST), "2026-10-01");
	assert_string_equal(back_as("jan", &(struct circle_date){ 2027, 1,
	    1 }, CIRCLE_DAY_FIRST), "2027-01-01");
	assert_string_equal(back_as("feb", &(struct circle_date){ 2027, 1,
	    31 }, CIRCLE_DAY_LAST), "2026-02-28");
	assert_string_equal(back_as("feb", &(struct circle_date){ 2028, 3,
	    1 }, CIRCLE_DAY_LAST), "2028-02-29");
	SAYS("Q3", "error: date: \"Q3\" is a quarter, not a day: name the "
	    "day (mon, next wed, 12/14), or give a quarter as --in, or as "
	    "--from and --to, where a command lists");
	/* A year alone, and periods to today. */
	FIRST("2026", "2026-01-01");
	LAST("2027", "2027-12-31");
	FIRST("year to date", "2026-01-01");
	LAST("year to date", "2026-12-06");
	LAST("YTD", "2026-12-06");
	FIRST("quarter to date", "2026-10-01");
	FIRST("mtd", "2026-12-01");
	/* Two ends: the first day of one, the last of the other. */
	FIRST("january to march", "2027-01-01");
	LAST("january to march", "2027-03-31");
	FIRST("jan-mar 2026", "2026-01-01");
	LAST("jan-mar 2026", "2026-03-31");
	FIRST("nov-feb 2027", "2026-11-01");
	LAST("from jan to mar 2026", "2026-03-31");
	FIRST("between Q1 and Q2 2026", "2026-01-01");
	LAST("between Q1 and Q2 2026", "2026-06-30");
	FIRST("2026-01-05 to 2026-03-31", "2026-01-05");
	LAST("2026-01-05 through 2026-03-31", "2026-03-31");
	LAST("dec 1 - dec 15", "2026-12-15");
	FIRST("jan\xe2\x80\x93mar 2026", "2026-01-01");
	FIRST("march 2026 to jan 2026", "error: date: \"march 2026 to jan "
	    "2026\" ends before it begins (2026-03-01 to 2026-01-31): give "
	    "the year of each end (nov 2026 to feb 2027)");
	LAST("jan to soon", "error: date: \"jan to soon\" is two ends, and "
	    "\"soon\" is not a date (YYYY-MM-DD, today, tomorrow, yesterday, "
	    "wed, next wed, last wed, +3d, -2w, in 2 weeks, 12/23, 24 Nov, Nov "
	    "24 2026, the 9th)");
	/*
	 * An end that is a day of the month alone: the other's month when it
	 * is the later day (test-dayhabits), else asked with its month.
	 */
	FIRST("dec 1 - 15", "2026-12-01");
	LAST("march 1 to 15", "2027-03-15");
	FIRST("dec 15 - 1", "error: date: \"dec 15 - 1\" is two ends, and "
	    "\"1\" alone is no day: give each end its month (dec 1 to dec "
	    "15)");
	LAST("march 20 to 15", "error: date: \"march 20 to 15\" is two ends, "
	    "and \"15\" alone is no day: give each end its month (dec 1 to "
	    "dec 15)");
	FIRST("frday to monday", "error: date: \"frday to monday\" is two "
	    "ends, and \"frday\" is not a date; did you mean friday?");
	/* since a weekday ahead as said alone: the last one (on a Sunday) */
	FIRST("since friday", "2026-12-04");
	LAST("since friday", "2026-12-06");
	FIRST("since Saturday", "2026-12-05");
	FIRST("since the 15th", "error: date: \"since the 15th\": \"the 15th\" "
	    "is 2026-12-15, after today: give the day with its month (since "
	    "nov 15)");
	FIRST("since 3", "error: date: \"since 3\" is since a day, and \"3\" "
	    "alone is no day: give the day its month (since dec 3)");
	SAYS("jan to mar", "error: date: \"jan to mar\" is a stretch of "
	    "days, not a day: name the day (mon, next wed, 12/14), or give a "
	    "stretch of days as --in, or as --from and --to, where a command "
	    "lists");
	/* A half of a year, with its year. */
	FIRST("H1 2026", "2026-01-01");
	LAST("H1 2026", "2026-06-30");
	FIRST("2026-H2", "2026-07-01");
	LAST("the second half of 2026", "2026-12-31");
	FIRST("first half 2027", "2027-01-01");
	assert_non_null(strstr(said_as("h3 2026", &sunday, 0,
	    CIRCLE_DAY_FIRST), "is not a date"));
	/* A month in numbers with its year; previous and prior as last. */
	FIRST("2026-03", "2026-03-01");
	LAST("2026/3", "2026-03-31");
	LAST("03/2026", "2026-03-31");
	FIRST("3.2026", "2026-03-01");
	LAST("12/2026", "2026-12-31");
	SAYS("12/23", "2026-12-23");
	assert_non_null(strstr(said_as("2026-13", &sunday, 0,
	    CIRCLE_DAY_FIRST), "is not a date"));
	FIRST("previous quarter", "2026-07-01");
	LAST("prior month", "2026-11-30");
	/* Since a day or a period: from it to today. */
	FIRST("since january", "2026-01-01");
	LAST("since january", "2026-12-06");
	FIRST("since last quarter", "2026-07-01");
	FIRST("since 2026-11-01", "2026-11-01");
	FIRST("q1-q2 2026", "2026-01-01");
	LAST("q1-q2 2026", "2026-06-30");
	/* A fiscal year begins where the funder says. */
	assert_non_null(strstr(said_as("last financial year", &sunday, 0,
	    CIRCLE_DAY_FIRST), "\"last financial year\" is a fiscal year"));
	FIRST("FY2026", "error: date: \"FY2026\" is a fiscal year, and where "
	    "one begins is the funder's: give its months (apr 2026 to mar "
	    "2027, jul 2026 to jun 2027)");
	assert_non_null(strstr(said_as("fiscal year 2026", &sunday, 0,
	    CIRCLE_DAY_LAST), "is a fiscal year"));
}

/*
 * A day of a month said as a period; next friday on a Monday is this
 * week's, as circle(7) says, and friday next week the next week's.
 */
static void
test_nth_of_month(void **state)
{
	static const struct circle_date	monday = { 2026, 12, 7 };
	const char	*was = getenv("LC_ALL");
	char		 keep[64];

	(void)state;
	SAYS("the 3rd of next month", "2027-01-03");
	SAYS("15th of this month", "2026-12-15");
	SAYS("1st of last month", "2026-11-01");
	SAYS("the 28th of the month after next", "2027-02-28");
	SAYS("the 31st of the month after next", "error: date: \"the 31st of "
	    "the month after next\": February 2027 has no day 31");
	SAYS("the 3rd of next week", "error: date: \"the 3rd of next week\" "
	    "is not a date (YYYY-MM-DD, today, tomorrow, yesterday, wed, next "
	    "wed, last wed, +3d, -2w, in 2 weeks, 12/23, 24 Nov, Nov 24 2026, "
	    "the 9th)");
	snprintf(keep, sizeof keep, "%s", was != NULL ? was : "");
	unsetenv("LC_ALL");
	setenv("LC_TIME", "C", 1);
	assert_string_equal(said("next fri", &monday, 0), "2026-12-11");
	assert_string_equal(said("fri next week", &monday, 0), "2026-12-18");
	assert_string_equal(said("next week fri", &monday, 0), "2026-12-18");
	if (keep[0] != '\0')
		setenv("LC_ALL", keep, 1);
	unsetenv("LC_TIME");
}

/* now is today; a day and a time where a day is asked for, refused. */
static void
test_day_and_time(void **state)
{
	(void)state;
	SAYS("now", "2026-12-06");
	SAYS("2026-12-09T19:00", "error: date: \"2026-12-09T19:00\" is a day "
	    "and a time; give the day alone (2026-12-09)");
	SAYS("wed 7pm", "error: date: \"wed 7pm\" is a day and a time; give "
	    "the day alone (2026-12-09)");
	SAYS("Wednesday 7:30 p.m.", "error: date: \"Wednesday 7:30 p.m.\" is "
	    "a day and a time; give the day alone (2026-12-09)");
	SAYS("tomorrow noon", "error: date: \"tomorrow noon\" is a day and a "
	    "time; give the day alone (2026-12-07)");
	/* The day's own error when it is none. */
	assert_non_null(strstr(said("13/13 19:00", &sunday, 0),
	    "\"13/13\" is not a date"));
	/* A year is no time. */
	SAYS("Dec 9 2026", "2026-12-09");
	/* A time alone, refused as one. */
	SAYS("7pm", "error: date: \"7pm\" is a time of day, not a day: name "
	    "the day (today, tomorrow, wed, 12/14), and the time where one is "
	    "asked for");
	assert_non_null(strstr(said("noon", &sunday, 0), "is a time of day"));
	assert_non_null(strstr(said("half past 6", &sunday, 0),
	    "is a time of day"));
	assert_non_null(strstr(said("19:00", &sunday, 0), "is a time of day"));
	assert_non_null(strstr(said("7", &sunday, 0), "is not a date"));
}

static void
test_relative(void **state)
{
	(void)state;
	SAYS("+3d", "2026-12-09");
	SAYS("-2w", "2026-11-22");
	SAYS("+0d", "2026-12-06");
	SAYS("+10", "2026-12-16");
	SAYS("+4w", "2027-01-03");
	SAYS("-1d", "2026-12-05");
	assert_non_null(strstr(said("+3m", &sunday, 0), "days or weeks"));
	assert_non_null(strstr(said("+d", &sunday, 0), "days or weeks"));
	assert_non_null(strstr(said("+99999w", &sunday, 0), "too far"));
	assert_non_null(strstr(said("-3x", &sunday, 0), "days or weeks"));
}

static void
test_slashes_ordered(void **state)
{
	(void)state;
	assert_string_equal(said("12/23", &sunday, CIRCLE_ORDER_MDY),
	    "2026-12-23");
	assert_string_equal(said("23/12", &sunday, CIRCLE_ORDER_DMY),
	    "2026-12-23");
	assert_string_equal(said("3/4", &sunday, CIRCLE_ORDER_MDY),
	    "2027-03-04");
	assert_string_equal(said("3/4", &sunday, CIRCLE_ORDER_DMY),
	    "2027-04-03");
	assert_string_equal(said("03/04/2026", &sunday, CIRCLE_ORDER_DMY),
	    "2026-04-03");
	assert_string_equal(said("03/04/2026", &sunday, CIRCLE_ORDER_MDY),
	    "2026-03-04");
	assert_string_equal(said("2026/03/04", &sunday, CIRCLE_ORDER_DMY),
	    "2026-03-04");
	assert_string_equal(said("12/23", &sunday, CIRCLE_ORDER_YMD),
	    "2026-12-23");
	/* The order is kept: 23/12 is no date month first. */
	assert_non_null(strstr(said("23/12", &sunday, CIRCLE_ORDER_MDY),
	    "not a date month first (date-order mdy)"));
	assert_non_null(strstr(said("12/23", &sunday, CIRCLE_ORDER_DMY),
	    "not a date day first"));
	assert_non_null(strstr(said("3/4/2026", &sunday, CIRCLE_ORDER_YMD),
	    "the year comes first"));
	/* Without a year, the nearest: in January, December is last year. */
	assert_string_equal(said("12/23", &(struct circle_date){ 2027, 1, 2 },
	    CIRCLE_ORDER_MDY), "2026-12-23");
	assert_string_equal(said("1/5", &sunday, CIRCLE_ORDER_MDY),
	    "2027-01-05");
	assert_string_equal(said("2/29", &(struct circle_date){ 2027, 12, 1 },
	    CIRCLE_ORDER_MDY), "2028-02-29");
}

static void
test_slashes_unordered(void **state)
{
	const char	*s;

	(void)state;
	/* One reading only: taken. */
	SAYS("12/23", "2026-12-23");
	SAYS("23/12", "2026-12-23");
	SAYS("5/5", "2027-05-05");
	SAYS("12/23/2026", "2026-12-23");
	/* Two: refused with both. */
	s = said("03/04", &sunday, CIRCLE_ORDER_NONE);
	assert_non_null(strstr(s, "ambiguous"));
	assert_non_null(strstr(s, "March 4 (2027-03-04, month first)"));
	assert_non_null(strstr(s, "3 April (2027-04-03, day first)"));
	assert_non_null(strstr(s, "date-order"));
	s = said("1/2/2026", &sunday, CIRCLE_ORDER_NONE);
	assert_non_null(strstr(s, "2026-01-02"));
	assert_non_null(strstr(s, "2026-02-01"));
	/* Neither, or not numbers. */
	assert_non_null(strstr(said("13/13", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("0/5", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("1/x", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("/5", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("1//5", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("123/5", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("12/23/202", &sunday, CIRCLE_ORDER_MDY),
	    "write the year in full"));
	assert_non_null(strstr(said("2/30/2026", &sunday, 0),
	    "is not a date"));
}

/* Two-digit years, and dots and hyphens, by the same rule as slashes. */
static void
test_short_years(void **state)
{
	(void)state;
	assert_string_equal(said("12/23/26", &sunday, CIRCLE_ORDER_MDY),
	    "2026-12-23");
	assert_string_equal(said("24/11/26", &sunday, CIRCLE_ORDER_DMY),
	    "2026-11-24");
	SAYS("24/11/26", "2026-11-24");
	SAYS("24.11.2026", "2026-11-24");
	SAYS("9.12.2026", "2026-12-09");	/* dots: day first */
	SAYS("09.12.26", "2026-12-09");
	assert_string_equal(said("9.12.2026", &sunday, CIRCLE_ORDER_MDY),
	    "2026-09-12");			/* the order set wins */
	SAYS("24-11-26", "2026-11-24");
	SAYS("1/2/99", "error: date: \"1/2/99\" is ambiguous: January 2 "
	    "(1999-01-02, month first) or 1 February (1999-02-01, day first); "
	    "set one with 'circle config set date-order mdy' (or dmy), or "
	    "write YYYY-MM-DD");
	assert_string_equal(said("1/2/69", &sunday, CIRCLE_ORDER_DMY),
	    "2069-02-01");
	assert_string_equal(said("1/2/70", &sunday, CIRCLE_ORDER_DMY),
	    "1970-02-01");
	assert_non_null(strstr(said("30.02.26", &sunday, CIRCLE_ORDER_DMY),
	    "not a date day first"));
}

/* Dates with the month named, as people and programs write them. */
static void
test_month_names(void **state)
{
	(void)state;
	SAYS("24-Nov-2026", "2026-11-24");
	SAYS("24-Nov-26", "2026-11-24");
	SAYS("24 Nov 2026", "2026-11-24");
	SAYS("24 nov. 2026", "2026-11-24");
	SAYS("24 November 2026", "2026-11-24");
	SAYS("24th November 2026", "2026-11-24");
	SAYS("Nov 24, 2026", "2026-11-24");
	SAYS("November 24th, 2026", "2026-11-24");
	SAYS("Sept 1 2027", "2027-09-01");
	SAYS("Tuesday, 24 November 2026", "2026-11-24");
	SAYS("Tue, Nov 24, 2026", "2026-11-24");
	SAYS("tuesday november 24 2026", "2026-11-24");
	/* Without a year: the nearest (it is December 2026). */
	SAYS("3 Jan", "2027-01-03");
	SAYS("Nov 24", "2026-11-24");
	SAYS("Tue 24 Nov", "2026-11-24");
	SAYS("Monday, 24 November 2026", "error: date: \"Monday, 24 November "
	    "2026\": 24 November 2026 is a Tuesday, not a Monday");
	SAYS("31 Nov 2026", "error: date: \"31 Nov 2026\": there is no "
	    "31 November");
	SAYS("29 Feb", "error: date: \"29 Feb\": there is no 29 February "
	    "near today");
	SAYS("29 Feb 2028", "2028-02-29");
	/* Not a month, or a date with more after it. */
	assert_non_null(strstr(said("24 Nev 2026", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("24 Nov 2026 and then", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("Ma 4", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("24 Nov 226", &sunday, 0),
	    "is not a date"));
}

/* Month names in the locale's language, through ICU; English always. */
static void
test_locale_months(void **state)
{
	const char	*was = getenv("LC_ALL");
	char		 keep[64];

	(void)state;
	snprintf(keep, sizeof keep, "%s", was != NULL ? was : "");
	assert_non_null(strstr(said("24 novembre 2026", &sunday, 0),
	    "\"novembre\" is French for November, and months are read in "
	    "English (or in the language of LANG): write \"24 Nov 2026\""));
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	SAYS("24 novembre 2026", "2026-11-24");
	SAYS("24 NOVEMBRE 2026", "2026-11-24");
	SAYS("3 févr. 2027", "2027-02-03");
	SAYS("3 fevr 2027", "2027-02-03");
	SAYS("24-Nov-2026", "2026-11-24");
	assert_non_null(strstr(said("24 Mörz 2026", &sunday, 0),
	    "is not a date"));
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	SAYS("1 März 2027", "2027-03-01");
	SAYS("1. März 2027", "2027-03-01");
	SAYS("Dez 24, 2026", "2026-12-24");
	assert_non_null(strstr(said("24 novembre 2026", &sunday, 0),
	    "\"novembre\" is French for November, and months are read in "
	    "English (or in the language of LANG): write \"24 Nov 2026\""));
	if (keep[0] != '\0')
		setenv("LC_ALL", keep, 1);
	else
		unsetenv("LC_ALL");
	assert_non_null(strstr(said("1 März 2027", &sunday, 0),
	    "\"März\" is German for March"));
	/* a word that is a month elsewhere, beside no number: not one */
	assert_non_null(strstr(said("in 2 weeks ago", &sunday, 0),
	    "is not a date"));
}

/*
 * Weekdays in the locale's language, through ICU, read as English ones
 * are: their names full and short, ICU's phrases for the last, this and
 * the next (a week said where the phrase says it: 来週の金曜日), "on" and
 * the "de" of a date left out; another language's refused, naming the
 * day.  Today is Sunday 2026-12-06.
 */
static void
test_locale_weekdays(void **state)
{
	const char	*was = getenv("LC_ALL");
	char		 keep[64];

	(void)state;
	snprintf(keep, sizeof keep, "%s", was != NULL ? was : "");
	setenv("LC_ALL", "fr_FR.UTF-8", 1);
	SAYS("vendredi", "2026-12-11");
	SAYS("Vendredi", "2026-12-11");
	SAYS("ven.", "2026-12-11");
	SAYS("dimanche", "2026-12-06");
	SAYS("vendredi prochain", "2026-12-11");
	SAYS("ce vendredi", "2026-12-11");
	SAYS("vendredi dernier", "2026-12-04");
	SAYS("mardi 8 décembre", "2026-12-08");
	SAYS("le mardi 8 décembre 2026", "2026-12-08");
	SAYS("mar. 8 déc.", "2026-12-08");
	SAYS("ven 11", "2026-12-11");
	SAYS("mercredi 8 décembre 2026", "error: date: \"mercredi 8 décembre "
	    "2026\": 8 December 2026 is a Tuesday, not a Wednesday");
	SAYS("vendredi prochain à", "error: date: \"vendredi prochain à\" "
	    "is not a date (read as \"next friday a\"): write the day as "
	    "vendredi prochain, ce vendredi, vendredi dernier, or in English "
	    "(friday, next fri, fri next week)");
	assert_non_null(strstr(said("vendredix", &sunday, 0),
	    "\"vendredix\" is not a date (YYYY"));
	/* English is read as before: mar 8 is March's */
	SAYS("friday", "2026-12-11");
	SAYS("mar 8", "2027-03-08");
	assert_non_null(strstr(said("Freitag", &sunday, 0), "\"Freitag\" is "
	    "German for Friday, and days are read in English (or in the "
	    "language of LANG)"));
	setenv("LC_ALL", "de_DE.UTF-8", 1);
	SAYS("Freitag", "2026-12-11");
	SAYS("Fr.", "2026-12-11");
	SAYS("am Freitag", "2026-12-11");
	SAYS("nächsten Freitag", "2026-12-11");
	SAYS("letzten Freitag", "2026-12-04");
	SAYS("Freitag, 11. Dezember 2026", "2026-12-11");
	SAYS("Fr., 11. Dez.", "2026-12-11");
	assert_non_null(strstr(said("nächster Freitag", &sunday, 0),
	    "(read as \"nachster friday\"): write the day as nächsten "
	    "Freitag, diesen Freitag, letzten Freitag, or in English"));
	setenv("LC_ALL", "es_ES.UTF-8", 1);
	SAYS("miércoles", "2026-12-09");
	SAYS("el viernes", "2026-12-11");
	SAYS("el próximo viernes", "2026-12-11");
	SAYS("el viernes pasado", "2026-12-04");
	SAYS("viernes, 11 de diciembre de 2026", "2026-12-11");
	SAYS("11 de diciembre", "2026-12-11");
	/* mar is March and Tuesday (martes): March, as in English */
	SAYS("1 de mar. de 2027", "2027-03-01");
	setenv("LC_ALL", "pt_PT.UTF-8", 1);
	SAYS("sexta", "2026-12-11");
	SAYS("sexta-feira, 11 de dezembro de 2026", "2026-12-11");
	setenv("LC_ALL", "pl_PL.UTF-8", 1);
	SAYS("piątek", "2026-12-11");
	SAYS("w piątek", "2026-12-11");
	SAYS("w przyszły piątek", "2026-12-11");
	SAYS("śr.", "2026-12-09");
	SAYS("piątek, 11 grudnia 2026", "2026-12-11");
	/* next week's Friday where ICU's phrase says so; the week is the
	 * locale's: Sunday to Saturday in ja_JP, Monday to Sunday in nl */
	setenv("LC_ALL", "ja_JP.UTF-8", 1);
	SAYS("金曜日", "2026-12-11");
	SAYS("来週の金曜日", "2026-12-18");
	setenv("LC_ALL", "nl_NL.UTF-8", 1);
	SAYS("volgende week vrijdag", "2026-12-11");
	if (keep[0] != '\0')
		setenv("LC_ALL", keep, 1);
	else
		unsetenv("LC_ALL");
}

/*
 * As typed in Osaka, Lyon, Berlin, Madrid, Kraków: a date and a time in
 * Japanese (2026年12月11日(金), 19時30分, 午後7時半), in any locale, and
 * the word for "at" before a time (à 19h30, um 19 Uhr, a las 19:00, o
 * 19:00).  Today is Sunday 2026-12-06.
 */
static const char	*timed(const char *);

static void
test_typed_elsewhere(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, h, m;
	} t[] = { { "19\xe6\x99\x82", 0, 19, 0 },			/* 19時 */
	    { "19\xe6\x99\x82" "30\xe5\x88\x86", 0, 19, 30 },	/* 19時30分 */
	    { "7\xe6\x99\x82\xe5\x8d\x8a", 0, 7, 30 },		/* 7時半 */
	    { "\xe5\x8d\x88\xe5\xbe\x8c" "7\xe6\x99\x82\xe5\x8d\x8a", 0,
	      19, 30 },						/* 午後7時半 */
	    { "\xe5\x8d\x88\xe5\x89\x8d" "9\xe6\x99\x82", 0, 9, 0 },
	    { "\xe5\x8d\x88\xe5\xbe\x8c" "0\xe6\x99\x82", 0, 12, 0 },
	    { "25\xe6\x99\x82", -1, 0, 0 },
	    { "\xe5\x8d\x88\xe5\xbe\x8c" "13\xe6\x99\x82", -1, 0, 0 },
	    { "19\xe6\x99\x82" "30", -1, 0, 0 } };
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
	SAYS("12\xe6\x9c\x88" "11\xe6\x97\xa5", "2026-12-11");	/* 12月11日 */
	SAYS("2027\xe5\xb9\xb4" "1\xe6\x9c\x88" "8\xe6\x97\xa5", "2027-01-08");
	/* 12月11日(金), 12月11日 金曜日 */
	SAYS("12\xe6\x9c\x88" "11\xe6\x97\xa5(\xe9\x87\x91)", "2026-12-11");
	SAYS("12\xe6\x9c\x88" "11\xe6\x97\xa5 \xe9\x87\x91\xe6\x9b\x9c"
	    "\xe6\x97\xa5", "2026-12-11");
	SAYS("12\xe6\x9c\x88" "11\xe6\x97\xa5(\xe6\x9c\xa8)", "error: date: "
	    "\"12\xe6\x9c\x88" "11\xe6\x97\xa5(\xe6\x9c\xa8)\": 11 December "
	    "2026 is a Friday, not a Thursday");
	assert_string_equal(timed("demain \xc3\xa0 19h30"), "demain|19:30");
	assert_string_equal(timed("morgen um 19 Uhr"), "morgen|19:00");
	assert_string_equal(timed("viernes a las 19.30"), "viernes|19:30");
	assert_string_equal(timed("pi\xc4\x85tek o 19:00"), "pi\xc4\x85tek|19:00");
	assert_string_equal(timed("12\xe6\x9c\x88" "11\xe6\x97\xa5 19\xe6\x99"
	    "\x82"), "12\xe6\x9c\x88" "11\xe6\x97\xa5|19:00");
	assert_string_equal(circle_clock_at("\xc3\xa0 19h30"), "19h30");
	assert_string_equal(circle_clock_at("um  19 Uhr"), "19 Uhr");
	assert_string_equal(circle_clock_at("a las 19:00"), "19:00");
	assert_string_equal(circle_clock_at("o 19:00"), "19:00");
	assert_string_equal(circle_clock_at("ok"), "ok");
}

/* A day of the month alone, and the month's name after "of" or "the". */
static void
test_month_day(void **state)
{
	(void)state;
	SAYS("the 9th", "2026-12-09");
	SAYS("9th", "2026-12-09");
	SAYS("The 9", "2026-12-09");
	SAYS("sat 12th", "2026-12-12");
	SAYS("Saturday the 12th", "2026-12-12");
	SAYS("Sat, 12", "2026-12-12");
	SAYS("wed 9th", "2026-12-09");
	/* The nearest: the 1st was five days ago, the 30th last month. */
	SAYS("1st", "2026-12-01");
	SAYS("the 30th", "2026-11-30");
	SAYS("the 31st", "2026-12-31");
	/* As near either side (21 November, 21 December): the later. */
	SAYS("21st", "2026-12-21");
	assert_string_equal(said("the 31st", &(struct circle_date){ 2027, 2,
	    14 }, 0), "2027-01-31");
	assert_string_equal(said("the 29th", &(struct circle_date){ 2027, 2,
	    28 }, 0), "2027-03-29");
	SAYS("fri 12th", "error: date: \"fri 12th\": the 12th nearest today "
	    "is Saturday 12 December 2026, not a Friday");
	SAYS("Monday the 22nd", "error: date: \"Monday the 22nd\": the 22nd "
	    "nearest today is Sunday 22 November 2026, not a Monday");
	/* Digits alone are no day (a session's id); nor a 32nd. */
	assert_non_null(strstr(said("12", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("32nd", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("the", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("9th and", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("9x", &sunday, 0), "is not a date"));
	/* With the month: of, the. */
	SAYS("12th of December", "2026-12-12");
	SAYS("the 24th of November 2026", "2026-11-24");
	SAYS("December the 9th", "2026-12-09");
	SAYS("Wednesday the 9th of December", "2026-12-09");
	SAYS("12th December", "2026-12-12");
	SAYS("Dec 9th", "2026-12-09");
	SAYS("Tuesday the 9th of December", "error: date: \"Tuesday the 9th "
	    "of December\": 9 December 2026 is a Wednesday, not a Tuesday");
}

/* "in 2 weeks", "3 days ago". */
static void
test_in_words(void **state)
{
	(void)state;
	SAYS("in 2 weeks", "2026-12-20");
	SAYS("in 3 days", "2026-12-09");
	SAYS("in a week", "2026-12-13");
	SAYS("In 1 day", "2026-12-07");
	SAYS("2 weeks ago", "2026-11-22");
	SAYS("a day ago", "2026-12-05");
	/* In words, fortnights, months (the same day, or the month's last),
	 * years. */
	SAYS("in two weeks", "2026-12-20");
	SAYS("two weeks ago", "2026-11-22");
	SAYS("in twelve days", "2026-12-18");
	SAYS("in a fortnight", "2026-12-20");
	SAYS("a fortnight ago", "2026-11-22");
	SAYS("in 2 fortnights", "2027-01-03");
	SAYS("in 3 months", "2027-03-06");
	SAYS("a month ago", "2026-11-06");
	SAYS("in a year", "2027-12-06");
	SAYS("two years ago", "2024-12-06");
	assert_string_equal(said("in a month", &(struct circle_date){ 2027, 1,
	    31 }, 0), "2027-02-28");
	assert_string_equal(said("a year ago", &(struct circle_date){ 2028, 2,
	    29 }, 0), "2027-02-28");
	assert_string_equal(said("in 13 months", &(struct circle_date){ 2026,
	    12, 6 }, 0), "2028-01-06");
	assert_string_equal(said("14 months ago", &(struct circle_date){ 2026,
	    1, 6 }, 0), "2024-11-06");
	/* From, after, before a day. */
	SAYS("a week from tuesday", "2026-12-15");
	SAYS("a week from today", "2026-12-13");
	SAYS("2 weeks from now", "2026-12-20");
	SAYS("the day after tomorrow", "2026-12-08");
	SAYS("the day before yesterday", "2026-12-04");
	SAYS("3 days before 12/23", "2026-12-20");
	SAYS("a week from 12/32", "error: date: \"12/32\" is not a date");
	SAYS("the week after tomorrow", "error: date: \"the week after "
	    "tomorrow\" is not a date (YYYY-MM-DD, today, tomorrow, "
	    "yesterday, wed, next wed, last wed, +3d, -2w, in 2 weeks, 12/23, "
	    "24 Nov, Nov 24 2026, the 9th)");
	/* A length alone is no date. */
	SAYS("2 weeks", "error: date: \"2 weeks\" is a length, not a date: "
	    "say \"in 2 weeks\" or \"2 weeks ago\"");
	SAYS("a fortnight", "error: date: \"a fortnight\" is a length, not a "
	    "date: say \"in a fortnight\" or \"a fortnight ago\"");
	assert_non_null(strstr(said("in 2 weeks ago", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("in thirteen days", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("in 2 hours", &sunday, 0),
	    "is a time from now, not a day"));
	assert_non_null(strstr(said("in 999 years", &sunday, 0),
	    "too far from today"));
}

/* Phrases: on, this coming, tuesday week, parts of the day, the start or
 * end of a period, the nth weekday of a month. */
static void
test_phrases(void **state)
{
	(void)state;
	/* A week or a fortnight from a day, as British English says it. */
	SAYS("next tuesday week", "2026-12-15");
	SAYS("this tuesday week", "2026-12-15");
	SAYS("sunday week", "2026-12-13");
	SAYS("tomorrow week", "2026-12-14");
	SAYS("today week", "2026-12-13");
	SAYS("monday fortnight", "2026-12-21");
	SAYS("a week on tuesday", "2026-12-15");
	SAYS("a week on Tuesday", "2026-12-15");
	SAYS("a fortnight on friday", "2026-12-25");
	SAYS("two weeks on monday", "2026-12-21");
	/* A weekday after next, before last, in a week said. */
	SAYS("tuesday after next", "2026-12-15");
	SAYS("the tuesday after next", "2026-12-15");
	SAYS("sun after next", "2026-12-20");
	SAYS("the tuesday before last", "2026-11-24");
	SAYS("tuesday next", "2026-12-08");
	SAYS("friday last", "2026-12-04");
	/* A week before last tuesday, or after it: refused with both. */
	SAYS("last tuesday week", "error: date: \"last tuesday week\" is not "
	    "clear: say \"a week before last tuesday\" (2026-11-24) or \"a "
	    "week after last tuesday\" (2026-12-08)");
	SAYS("last tue fortnight", "error: date: \"last tue fortnight\" is "
	    "not clear: say \"a fortnight before last tue\" (2026-11-17) or "
	    "\"a fortnight after last tue\" (2026-12-15)");
	SAYS("a week before last tuesday", "2026-11-24");
	SAYS("a week after last tuesday", "2026-12-08");
	/* A weekday in a month: which one? */
	SAYS("tuesday next month", "error: date: \"tuesday next month\": "
	    "which tuesday of January 2027? Say \"the first tuesday of next "
	    "month\" or \"the last tuesday of next month\"");
	SAYS("tue of next month", "error: date: \"tue of next month\": which "
	    "tuesday of January 2027? Say \"the first tuesday of next month\" "
	    "or \"the last tuesday of next month\"");
	SAYS("friday in march", "error: date: \"friday in march\": which "
	    "friday of March 2027? Say \"the first friday of march\" or "
	    "\"the last friday of march\"");
	SAYS("the first tuesday next month", "2027-01-05");
	SAYS("first tuesday of next month", "2027-01-05");
	SAYS("the last friday next month", "2027-01-29");
	SAYS("the second monday january", "2027-01-11");
	SAYS("tuesday next week", "2026-12-08");
	/* Typed in a hurry. */
	SAYS("tmrw", "2026-12-07");
	SAYS("tmr", "2026-12-07");
	SAYS("2moro", "2026-12-07");
	SAYS("tommorow", "2026-12-07");
	SAYS("yday", "2026-12-05");
	SAYS("tues", "2026-12-08");
	SAYS("tmrw evening", "2026-12-07");
	/* Two letters of a weekday are the day; one, or a day misspelt, is
	 * refused, naming it; t and s are two days. */
	SAYS("tu", "2026-12-08");
	SAYS("Th", "2026-12-10");
	SAYS("su", "2026-12-06");
	SAYS("w", "error: date: \"w\" is not a date; did you mean wed?");
	SAYS("t", "error: date: \"t\" is tuesday (2026-12-08) or thursday "
	    "(2026-12-10): write tue or thu");
	SAYS("s", "error: date: \"s\" is saturday (2026-12-12) or sunday "
	    "(2026-12-06): write sat or sun");
	SAYS("wensday", "error: date: \"wensday\" is not a date; did you mean "
	    "wednesday?");
	SAYS("thrusday", "error: date: \"thrusday\" is not a date; did you "
	    "mean thursday?");
	SAYS("tomorro", "error: date: \"tomorro\" is not a date; did you mean "
	    "tomorrow?");
	/* as near to two: no guess */
	assert_non_null(strstr(said("munday", &sunday, 0), "is not a date "
	    "(YYYY-MM-DD"));
	/* A time from now is no day. */
	SAYS("in 3 hours", "error: date: \"in 3 hours\" is a time from now, "
	    "not a day: name the day (today, tomorrow), and the time where one "
	    "is asked for");
	assert_non_null(strstr(said("in half an hour", &sunday, 0),
	    "is a time from now, not a day"));
	assert_non_null(strstr(said("90 minutes from now", &sunday, 0),
	    "is a time from now, not a day"));
	SAYS("on tuesday", "2026-12-08");
	SAYS("on the 9th", "2026-12-09");
	SAYS("this coming tuesday", "2026-12-08");
	SAYS("tuesday week", "2026-12-15");
	SAYS("this evening", "2026-12-06");
	SAYS("this morning", "2026-12-06");
	SAYS("tomorrow evening", "2026-12-07");
	SAYS("wed night", "2026-12-09");
	SAYS("last night", "2026-12-05");
	assert_non_null(strstr(said("last evening", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("evening", &sunday, 0), "is not a date"));
	SAYS("end of the month", "2026-12-31");
	SAYS("end of month", "2026-12-31");
	SAYS("the start of next month", "2027-01-01");
	SAYS("beginning of next week", "2026-12-07");
	SAYS("end of the year", "2026-12-31");
	SAYS("the last day of february", "2027-02-28");
	SAYS("first day of march 2028", "2028-03-01");
	SAYS("end of the weekend", "2026-12-06");
	SAYS("end of blah", "error: date: \"end of blah\" is not a date (end "
	    "of the month, start of next week, end of january)");
	SAYS("the first monday of january", "2027-01-04");
	SAYS("first monday of next month", "2027-01-04");
	SAYS("the 2nd tue in March 2027", "2027-03-09");
	SAYS("last friday of the month", "2026-12-25");
	SAYS("the third thursday of november", "2026-11-19");
	/* A month named without a year: the nearest, the later of two. */
	SAYS("the first monday of june", "2027-06-07");
	SAYS("the first monday of may", "2027-05-03");
	SAYS("the first monday of july", "2026-07-06");
	SAYS("the fifth monday of february", "error: date: \"the fifth "
	    "monday of february\": February 2027 has no fifth monday");
	SAYS("the first monday", "error: date: \"the first monday\": of "
	    "which month? (the first monday of january, the first monday of "
	    "next month)");
	/* A month named, either way round; 9/12 by the order, else both. */
	SAYS("dec 9", "2026-12-09");
	SAYS("9 dec", "2026-12-09");
	SAYS("December 9, 2026", "2026-12-09");
	assert_string_equal(said("9/12", &sunday, CIRCLE_ORDER_DMY),
	    "2026-12-09");
	assert_string_equal(said("9/12", &sunday, CIRCLE_ORDER_MDY),
	    "2026-09-12");
	SAYS("9/12", "error: date: \"9/12\" is ambiguous: September 12 "
	    "(2026-09-12, month first) or 9 December (2026-12-09, day first); "
	    "set one with 'circle config set date-order mdy' (or dmy), or "
	    "write YYYY-MM-DD");
	SAYS("first monday of blah", "error: date: \"first monday of "
	    "blah\": \"blah\" is not a month (january, jan 2027, next "
	    "month)");
}

/*
 * As a new user types a day: blanks and a mark at the end, this and next
 * on the day itself and the day after it, a weekday in another language.
 */
static void
test_as_typed(void **state)
{
	static const struct circle_date	friday = { 2026, 12, 11 };
	static const struct circle_date	saturday = { 2026, 12, 12 };

	(void)state;
	SAYS("  next   friday ", "2026-12-11");
	SAYS("Dec 15.", "2026-12-15");
	SAYS("tomorrow!", "2026-12-07");
	SAYS("the 15th,", "2026-12-15");
	SAYS("9.12.", "2026-12-09");
	SAYS("Dec 32.", "error: date: \"Dec 32.\": there is no 32 December "
	    "near today");
	SAYS(" soon. ", "error: date: \" soon. \" is not a date (YYYY-MM-DD, "
	    "today, tomorrow, yesterday, wed, next wed, last wed, +3d, -2w, in "
	    "2 weeks, 12/23, 24 Nov, Nov 24 2026, the 9th)");
	/* On a Friday: this friday is today, next friday a week on. */
	assert_string_equal(said("this friday", &friday, 0), "2026-12-11");
	assert_string_equal(said("friday", &friday, 0), "2026-12-11");
	assert_string_equal(said("next friday", &friday, 0), "2026-12-18");
	assert_string_equal(said("friday week", &friday, 0), "2026-12-18");
	/* On a Saturday both are six days on. */
	assert_string_equal(said("this friday", &saturday, 0), "2026-12-18");
	assert_string_equal(said("next friday", &saturday, 0), "2026-12-18");
	assert_string_equal(said("last friday", &saturday, 0), "2026-12-11");
	/* Another language's weekday: which day, and what to write. */
	SAYS("vendredi", "error: date: \"vendredi\" is French for Friday, and "
	    "days are read in English (or in the language of LANG): write "
	    "friday or fri (next fri, last fri)");
	SAYS("Freitag", "error: date: \"Freitag\" is German for Friday, and "
	    "days are read in English (or in the language of LANG): write "
	    "friday or fri (next fri, last fri)");
	SAYS("miercoles proximo", "error: date: \"miercoles proximo\": "
	    "\"miercoles\" is Spanish for Wednesday, and days are read in "
	    "English (or in the language of LANG): write wednesday or wed "
	    "(next wed, last wed)");
	SAYS("wensday", "error: date: \"wensday\" is not a date; did you "
	    "mean wednesday?");
	/* As often said: without the "the", a week from today. */
	SAYS("day after tomorrow", "2026-12-08");
	SAYS("a week today", "2026-12-13");
	SAYS("a week tomorrow", "2026-12-14");
	/* Days up to today, for a report: today and the days before it. */
	assert_string_equal(said_as("last 7 days", &sunday, 0,
	    CIRCLE_DAY_FIRST), "2026-11-30");
	assert_string_equal(said_as("last 7 days", &sunday, 0,
	    CIRCLE_DAY_LAST), "2026-12-06");
	assert_string_equal(said_as("the past 2 weeks", &sunday, 0,
	    CIRCLE_DAY_FIRST), "2026-11-23");
	assert_string_equal(said_as("past week", &sunday, 0,
	    CIRCLE_DAY_FIRST), "2026-11-30");
	assert_string_equal(said_as("last 3 months", &sunday, 0,
	    CIRCLE_DAY_FIRST), "2026-09-07");
	/* last week is still the week before this one */
	assert_string_equal(said_as("last week", &sunday, 0,
	    CIRCLE_DAY_FIRST), "2026-11-23");
	SAYS("last 7 days", "error: date: \"last 7 days\" is a stretch of "
	    "days, not a day: name the day (mon, next wed, 12/14), or give a "
	    "stretch of days as --in, or as --from and --to, where a command "
	    "lists");
}

/* A day and a time or a range: "day|HH:MM+minutes", "none" or "error: ". */
static const char *
spanned(const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	char			*day = NULL;
	int			h = -1, m = -1, len = -1, rc;

	rc = circle_day_span_read(s, &day, &h, &m, &len, &e);
	if (rc == -1)
		snprintf(out, sizeof out, "error: %s", e.msg);
	else if (rc == 0)
		snprintf(out, sizeof out, "none");
	else
		snprintf(out, sizeof out, "%s|%02d:%02d+%d", day, h, m, len);
	free(day);
	return out;
}

/* A day and a time: a part of the day, midnight. */
static const char *
timed(const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	char			*day = NULL;
	int			h = -1, m = -1, rc;

	rc = circle_day_time_read(s, &day, &h, &m, &e);
	if (rc == -1)
		snprintf(out, sizeof out, "error: %s", e.msg);
	else if (rc == 0)
		snprintf(out, sizeof out, "none");
	else
		snprintf(out, sizeof out, "%s|%02d:%02d", day, h, m);
	free(day);
	return out;
}

static void
test_times(void **state)
{
	(void)state;
	assert_string_equal(timed("tomorrow 7pm"), "tomorrow|19:00");
	assert_string_equal(timed("Wed. 7pm"), "Wed.|19:00");
	assert_string_equal(timed("Friday, 7pm"), "Friday|19:00");
	assert_string_equal(timed("fri, at 7pm"), "fri|19:00");
	assert_string_equal(timed("Tuesday, 24 November 2026, 19:00"),
	    "Tuesday, 24 November 2026|19:00");
	assert_string_equal(spanned("wed, 7-9pm"), "wed|19:00+120");
	assert_string_equal(timed("tomorrow 7 pm"), "tomorrow|19:00");
	assert_string_equal(timed("tomorrow 7.30pm"), "tomorrow|19:30");
	assert_string_equal(timed("mardi 19h30"), "mardi|19:30");
	assert_string_equal(timed("wed at noon"), "wed|12:00");
	assert_string_equal(timed("tonight 7:30"), "tonight|19:30");
	assert_string_equal(timed("tonight at 7"), "tonight|19:00");
	assert_string_equal(timed("this evening at 6.45"),
	    "this evening|18:45");
	assert_string_equal(timed("tomorrow afternoon 2"),
	    "tomorrow afternoon|14:00");
	assert_string_equal(timed("tomorrow morning 9"),
	    "tomorrow morning|09:00");
	assert_string_equal(timed("tonight 19:00"), "tonight|19:00");
	assert_string_equal(timed("tonight 7pm"), "tonight|19:00");
	/* Digits alone are a time only after a part of the day; after
	 * "at" two, refused with both. */
	assert_string_equal(timed("wed at 7"), "error: \"wed at 7\": 7 is "
	    "07:00 or 19:00: add am or pm, or write 19:00");
	assert_string_equal(timed("the 12th at seven"), "error: \"the 12th "
	    "at seven\": seven is 07:00 or 19:00: add am or pm, or write "
	    "19:00");
	assert_string_equal(timed("wed at 2026"), "none");
	assert_string_equal(timed("wed at 19"), "wed|19:00");
	/* @ for at, blanks and a mark at the end, as typed */
	assert_string_equal(timed("tomorrow @ 7pm"), "tomorrow|19:00");
	assert_string_equal(timed("tomorrow@7pm"), "tomorrow|19:00");
	assert_string_equal(timed("  tomorrow   7 p.m. "), "tomorrow|19:00");
	assert_string_equal(timed("fri 19:00!"), "fri|19:00");
	assert_string_equal(timed("fri 7:30!"), "error: \"fri 7:30!\": 7:30 is "
	    "07:30 or 19:30: add am or pm, or write 07:30 or 19:30");
	/* An hour of one digit and its minutes, without am or pm: two
	 * times, as 7 is; in a part of the day, that part's. */
	assert_string_equal(timed("tomorrow 7:30"), "error: \"tomorrow 7:30\": "
	    "7:30 is 07:30 or 19:30: add am or pm, or write 07:30 or 19:30");
	assert_string_equal(timed("wed 9.15"), "error: \"wed 9.15\": 9.15 is "
	    "09:15 or 21:15: add am or pm, or write 09:15 or 21:15");
	assert_string_equal(timed("tomorrow 07:30"), "tomorrow|07:30");
	assert_string_equal(timed("tomorrow 7h30"), "tomorrow|07:30");
	assert_string_equal(timed("tomorrow 0:30"), "tomorrow|00:30");
	assert_string_equal(timed("tomorrow 10:30"), "tomorrow|10:30");
	assert_string_equal(timed("tomorrow morning 7:30"),
	    "tomorrow morning|07:30");
	assert_string_equal(timed("wed 7"), "none");
	assert_string_equal(timed("1 Dec 2026"), "none");
	assert_string_equal(timed("tonight 7am"), "error: \"tonight 7am\": "
	    "7am is not in the evening (write 19:00)");
	assert_string_equal(timed("tomorrow morning 7:15pm"), "error: "
	    "\"tomorrow morning 7:15pm\": 7:15pm is not in the morning "
	    "(write 07:15)");
	assert_string_equal(timed("fri midnight"), "error: \"fri midnight\": "
	    "midnight begins a day and ends the one before: give the day and "
	    "00:00 (it begins the day) or 23:59 (it ends it)");
	assert_string_equal(timed("fri 00:00"), "fri|00:00");
	/* 12am and 12 in the evening are midnight too; noon in the day. */
	assert_string_equal(timed("fri 12am"), "error: \"fri 12am\": "
	    "midnight begins a day and ends the one before: give the day and "
	    "00:00 (it begins the day) or 23:59 (it ends it)");
	assert_string_equal(timed("tonight at 12"), "error: \"tonight at "
	    "12\": midnight begins a day and ends the one before: give the day "
	    "and 00:00 (it begins the day) or 23:59 (it ends it)");
	assert_string_equal(timed("tonight at half past 12"), "error: "
	    "\"tonight at half past 12\": half past 12 is on the day after: "
	    "give that day and 00:30");
	assert_string_equal(timed("tomorrow morning at 12"),
	    "tomorrow morning|12:00");
	assert_string_equal(timed("this afternoon at half past 12"),
	    "this afternoon|12:30");
	assert_string_equal(timed("fri 12pm"), "fri|12:00");
	assert_string_equal(timed("fri 12:30am"), "fri|00:30");
	/* In words: an hour without am or pm refused with both readings,
	 * but after a part of the day. */
	assert_string_equal(timed("wed at half past 7pm"), "wed|19:30");
	assert_string_equal(timed("tomorrow quarter to 8 p.m."),
	    "tomorrow|19:45");
	assert_string_equal(timed("fri at 7 in the evening"), "fri|19:00");
	assert_string_equal(timed("tonight at half past 7"), "tonight|19:30");
	assert_string_equal(timed("tonight at seven"), "tonight|19:00");
	assert_string_equal(timed("tomorrow morning at quarter to 9"),
	    "tomorrow morning|08:45");
	assert_string_equal(timed("wed half past 7"), "error: \"wed half past "
	    "7\": half past 7 is 07:30 or 19:30: add am or pm, or write 19:30");
	assert_string_equal(timed("sat 7 o'clock"), "error: \"sat 7 "
	    "o'clock\": 7 o'clock is 07:00 or 19:00: add am or pm, or write "
	    "19:00");
	assert_string_equal(timed("tonight half past 7am"), "error: \"tonight "
	    "half past 7am\": half past 7am is not in the evening (write "
	    "19:30)");
	assert_string_equal(timed("fri quarter to midnight"), "fri|23:45");
	assert_string_equal(timed("fri half past midnight"), "error: \"fri "
	    "half past midnight\": half past midnight is on the day after: "
	    "give that day and 00:30");
	assert_string_equal(timed("tomorrow 19:30h"), "tomorrow|19:30");
	assert_string_equal(timed("mittwoch 19 Uhr"), "mittwoch|19:00");
	assert_string_equal(timed("wed 1930 hrs"), "wed|19:30");
}

/* A range of times: "HH:MM+minutes", "none", or "error: message". */
static const char *
ranged(const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	int			h, m, len;

	switch (circle_clock_range(s, &h, &m, &len, &e)) {
	case 0:
		snprintf(out, sizeof out, "%02d:%02d+%d", h, m, len);
		break;
	case 1:
		snprintf(out, sizeof out, "none");
		break;
	default:
		snprintf(out, sizeof out, "error: %s", e.msg);
	}
	return out;
}

/* A time with its end: 7pm-9pm, 7-9pm, 19:00-21:00, past midnight. */
static void
test_ranges(void **state)
{
	struct circle_err	e;
	char			*day = NULL;
	int			h, m, len = -1;

	(void)state;
	assert_string_equal(ranged("7pm-9pm"), "19:00+120");
	assert_string_equal(ranged("7pm - 9pm"), "19:00+120");
	assert_string_equal(ranged("7-9pm"), "19:00+120");
	assert_string_equal(ranged("7:30-9pm"), "19:30+90");
	assert_string_equal(ranged("11-1pm"), "11:00+120");
	assert_string_equal(ranged("7-9am"), "07:00+120");
	assert_string_equal(ranged("11-1am"), "23:00+120");
	assert_string_equal(ranged("10:00-11pm"), "22:00+60");
	assert_string_equal(ranged("19:00-21:00"), "19:00+120");
	assert_string_equal(ranged("19:00\xe2\x80\x93" "20:30"), "19:00+90");
	assert_string_equal(ranged("7 to 9pm"), "19:00+120");
	assert_string_equal(ranged("6.30 until 8pm"), "18:30+90");
	assert_string_equal(ranged("half past 6 to 8pm"), "18:30+90");
	assert_string_equal(ranged("10pm-1am"), "22:00+180");
	assert_string_equal(ranged("09:00-11:00"), "09:00+120");
	/* An hour of one digit and its minutes is the 12-hour clock's: two
	 * times, as 9 is (the 24-hour clock writes 09:00). */
	assert_string_equal(ranged("9:00-11:00"), "error: \"9:00-11:00\" is "
	    "09:00-11:00 or 21:00-23:00: add am or pm");
	assert_string_equal(ranged("7:30-21:00"), "error: \"7:30-21:00\": "
	    "7:30 is 07:30 or 19:30: add am or pm");
	assert_string_equal(ranged("19:00-9:30"), "19:00+150");
	assert_string_equal(ranged("10:00-1:30"), "error: \"10:00-1:30\" is "
	    "10:00-13:30 or 22:00-01:30: add am or pm");
	assert_string_equal(ranged("7pm-7pm"), "error: \"7pm-7pm\" ends when "
	    "it begins");
	assert_string_equal(ranged("half past 7 - 21:00"), "error: \"half "
	    "past 7 - 21:00\": half past 7 is 07:30 or 19:30: add am or pm");
	/* Not ranges: a date, a time alone, ten to nine. */
	assert_string_equal(ranged("2026-12-09"), "none");
	assert_string_equal(ranged("7pm"), "none");
	assert_string_equal(ranged("7-9"), "error: \"7-9\" is 07:00-09:00 or "
	    "19:00-21:00: add am or pm");
	assert_string_equal(ranged("11-1"), "error: \"11-1\" is 11:00-13:00 "
	    "or 23:00-01:00: add am or pm");
	assert_string_equal(ranged("half past 6 to 8"), "error: \"half past "
	    "6 to 8\" is 06:30-08:00 or 18:30-20:00: add am or pm");
	assert_string_equal(ranged("19-21"), "none");
	assert_string_equal(ranged("7-7"), "error: \"7-7\" ends when it "
	    "begins");
	/* A start said with am or pm, or on the 24-hour clock: the end the
	 * first of its readings after it. */
	assert_string_equal(ranged("7pm to 9"), "19:00+120");
	assert_string_equal(ranged("7pm-9:00"), "19:00+120");
	assert_string_equal(ranged("6.30pm-8"), "18:30+90");
	assert_string_equal(ranged("9:30am-11"), "09:30+90");
	assert_string_equal(ranged("10pm-1"), "22:00+180");
	assert_string_equal(ranged("19:00-9"), "19:00+120");
	assert_string_equal(ranged("7-21:00"), "error: \"7-21:00\": 7 is "
	    "07:00 or 19:00: add am or pm");
	assert_string_equal(ranged("ten to 9pm"), "none");
	/* After a day, for who takes one; else refused. */
	assert_int_equal(circle_day_span_read("wed from 7 to 9pm", &day, &h,
	    &m, &len, &e), 1);
	assert_string_equal(day, "wed");
	assert_int_equal(h * 100 + m, 1900);
	assert_int_equal(len, 120);
	free(day);
	assert_int_equal(circle_day_span_read("wed 7pm", &day, &h, &m, &len,
	    &e), 1);
	assert_int_equal(len, 0);
	free(day);
	assert_string_equal(timed("wed 7pm-9pm"), "error: \"wed 7pm-9pm\": "
	    "give one time, not a range");
	assert_string_equal(timed("wed ten to 9pm"), "wed|20:50");
	/* After a part of the day: its am or pm; 12 noon or midnight. */
	assert_string_equal(spanned("tomorrow evening 7-9"),
	    "tomorrow evening|19:00+120");
	assert_string_equal(spanned("tonight 7 to 9"), "tonight|19:00+120");
	assert_string_equal(spanned("friday morning 10-12"),
	    "friday morning|10:00+120");
	assert_string_equal(spanned("tomorrow evening from 6.30 to 8"),
	    "tomorrow evening|18:30+90");
	assert_string_equal(spanned("wed afternoon 12-2"),
	    "wed afternoon|12:00+120");
	assert_string_equal(spanned("tonight 10-12"), "tonight|22:00+120");
	assert_string_equal(spanned("tonight half past 7 to 9"),
	    "tonight|19:30+90");
	assert_string_equal(spanned("tonight 7-9pm"), "tonight|19:00+120");
	assert_string_equal(spanned("tonight 7am-9am"), "error: \"tonight "
	    "7am-9am\": 7am-9am begins at 07:00, not in the evening");
	/* Past midnight or noon: the end the first of its readings after
	 * the start, the day after when it is earlier. */
	assert_string_equal(spanned("tonight 11-1"), "tonight|23:00+120");
	assert_string_equal(spanned("tonight 11:30-1"), "tonight|23:30+90");
	assert_string_equal(spanned("tonight 10-12:30"), "tonight|22:00+150");
	assert_string_equal(spanned("friday morning 11-1"),
	    "friday morning|11:00+120");
	assert_string_equal(spanned("wed afternoon 12-12:30"),
	    "wed afternoon|12:00+30");
	assert_string_equal(spanned("friday 10pm-1am"), "friday|22:00+180");
	assert_string_equal(spanned("friday 11-1am"), "friday|23:00+120");
	assert_string_equal(spanned("tonight half past 7 - 21:00"),
	    "tonight|19:30+90");
	assert_string_equal(spanned("tonight quarter past nine to eleven"),
	    "tonight|21:15+105");
	assert_string_equal(spanned("friday 00:00-02:00"), "friday|00:00+120");
	assert_string_equal(spanned("tonight 7-7"), "error: \"tonight 7-7\": "
	    "7-7 ends when it begins");
	assert_string_equal(ranged("12:30-1am"), "00:30+30");
	/* Begun at midnight: which night?  Refused with both. */
	assert_string_equal(spanned("tonight 12-2"), "error: \"tonight "
	    "12-2\": 12-2 begins at midnight, which begins a day and ends the "
	    "one before: give the day it begins and 00:00-02:00 (the day "
	    "after, for the night after a day)");
	assert_string_equal(spanned("friday night 12-2"), "error: \"friday "
	    "night 12-2\": 12-2 begins at midnight, which begins a day and "
	    "ends the one before: give the day it begins and 00:00-02:00 (the "
	    "day after, for the night after a day)");
	assert_string_equal(spanned("friday 12-2am"), "error: \"friday "
	    "12-2am\": 12-2am begins at midnight, which begins a day and ends "
	    "the one before: give the day it begins and 00:00-02:00 (the day "
	    "after, for the night after a day)");
	assert_string_equal(spanned("friday 12am-1:30am"), "error: \"friday "
	    "12am-1:30am\": 12am-1:30am begins at midnight, which begins a day "
	    "and ends the one before: give the day it begins and 00:00-01:30 "
	    "(the day after, for the night after a day)");
	assert_string_equal(spanned("tonight 1am-3am"), "error: \"tonight "
	    "1am-3am\": 1am-3am begins at 01:00, not in the evening");
	assert_string_equal(spanned("tomorrow 7-9"), "error: \"tomorrow "
	    "7-9\": 7-9 is 07:00-09:00 or 19:00-21:00: add am or pm");
	assert_string_equal(spanned("fri half past 7 - 21:00"), "error: "
	    "\"fri half past 7 - 21:00\": half past 7 is 07:30 or 19:30: add "
	    "am or pm");
	assert_string_equal(spanned("in 2-3 weeks"), "none");
	assert_string_equal(timed("tonight 7-9"), "error: \"tonight 7-9\": "
	    "give one time, not a range");
}

/* c's reading of s, "HH:MM", "two HH:MM" (no am or pm) or "none". */
static const char *
clock(const char *s)
{
	static char	out[32];
	int		h, m;

	switch (circle_clock_said(s, &h, &m)) {
	case 0:
		snprintf(out, sizeof out, "%02d:%02d", h, m);
		break;
	case 1:
		snprintf(out, sizeof out, "two %02d:%02d", h, m);
		break;
	default:
		snprintf(out, sizeof out, "none");
	}
	return out;
}

/* A time of day in words, and the 24-hour clock said so. */
static void
test_clock_words(void **state)
{
	struct circle_err	e;
	int			h, m;

	(void)state;
	assert_string_equal(clock("half past 7pm"), "19:30");
	assert_string_equal(clock("half past seven p.m."), "19:30");
	assert_string_equal(clock("a quarter to 8 pm"), "19:45");
	assert_string_equal(clock("quarter past six in the evening"),
	    "18:15");
	assert_string_equal(clock("twenty-five to 8 pm"), "19:35");
	assert_string_equal(clock("10 minutes past 9 am"), "09:10");
	assert_string_equal(clock("half 7 pm"), "19:30");
	assert_string_equal(clock("seven pm"), "19:00");
	assert_string_equal(clock("9 in the morning"), "09:00");
	assert_string_equal(clock("11 at night"), "23:00");
	assert_string_equal(clock("quarter to 12 pm"), "11:45");
	assert_string_equal(clock("quarter to midnight"), "23:45");
	assert_string_equal(clock("half past noon"), "12:30");
	assert_string_equal(clock("midday"), "12:00");
	/* No am or pm: two times, the morning's given. */
	assert_string_equal(clock("half past 7"), "two 07:30");
	assert_string_equal(clock("half seven"), "two 07:30");
	assert_string_equal(clock("quarter to 8"), "two 07:45");
	assert_string_equal(clock("quarter past 6"), "two 06:15");
	assert_string_equal(clock("ten past 7"), "two 07:10");
	assert_string_equal(clock("7 o'clock"), "two 07:00");
	assert_string_equal(clock("quarter to 1"), "two 00:45");
	assert_string_equal(clock("half past 12"), "two 00:30");
	/* The 24-hour clock said so: 19:30h, 19 Uhr, 1930 hrs. */
	assert_string_equal(clock("19:30h"), "19:30");
	assert_string_equal(clock("19.30h"), "19:30");
	assert_string_equal(clock("19:30 Uhr"), "19:30");
	assert_string_equal(clock("19 Uhr"), "19:00");
	assert_string_equal(clock("1930hrs"), "19:30");
	assert_string_equal(clock("19:30 hrs"), "19:30");
	/* None: an hour alone, a length, the wrong clock. */
	assert_string_equal(clock("7"), "none");
	assert_string_equal(clock("seven"), "none");
	assert_string_equal(clock("half an hour"), "none");
	assert_string_equal(clock("quarter"), "none");
	assert_string_equal(clock("half past 13"), "none");
	assert_string_equal(clock("2 at night"), "none");
	assert_string_equal(clock("7pm h"), "none");
	assert_string_equal(clock("19:30 h"), "none");
	assert_string_equal(clock("25:00 Uhr"), "none");
	assert_int_equal(circle_clock_read("half past 7", &h, &m), -1);
	assert_int_equal(circle_clock_read("half past 7pm", &h, &m), 0);
	assert_int_equal(circle_clock_check("--at", "quarter to 8", &h, &m,
	    &e), -1);
	assert_string_equal(e.msg, "--at: \"quarter to 8\" is 07:45 or 19:45: "
	    "add am or pm, or write 19:45");
}

/* circle_clock_check's message of s, or "HH:MM". */
static const char *
checked(const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	int			h, m;

	if (circle_clock_check("at", s, &h, &m, &e) == -1)
		snprintf(out, sizeof out, "%s", e.msg);
	else
		snprintf(out, sizeof out, "%02d:%02d", h, m);
	return out;
}

/* circle_clock_range_check's reading of s: "HH:MM+minutes", "none". */
static const char *
range_checked(const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	int			h, m, len;

	switch (circle_clock_range_check(s, NULL, &h, &m, &len, &e)) {
	case 0:
		snprintf(out, sizeof out, "%02d:%02d+%d", h, m, len);
		break;
	case 1:
		snprintf(out, sizeof out, "none");
		break;
	default:
		snprintf(out, sizeof out, "error: %s", e.msg);
	}
	return out;
}

/*
 * A session's time given alone (add's time, --at, a group file's at:)
 * read as it is after a day: 7, at 7 and 7:30 two times, midnight
 * refused, 19 the 24-hour clock's.
 */
static void
test_clock_typed(void **state)
{
	(void)state;
	assert_string_equal(checked("7pm"), "19:00");
	assert_string_equal(checked("at 7pm"), "19:00");
	assert_string_equal(checked("19"), "19:00");
	assert_string_equal(checked("07:30"), "07:30");
	assert_string_equal(checked("10:30"), "10:30");
	assert_string_equal(checked("00:00"), "00:00");
	assert_string_equal(checked("7"), "at: \"7\" is 07:00 or 19:00: add am "
	    "or pm, or write 19:00");
	assert_string_equal(checked("at 7"), "at: \"at 7\" is 07:00 or 19:00: "
	    "add am or pm, or write 19:00");
	assert_string_equal(checked("7:30"), "at: \"7:30\" is 07:30 or 19:30: "
	    "add am or pm, or write 07:30 or 19:30");
	/* Japanese writes them so too: 7時半 is 7:30, 07時 and 19時 one */
	assert_string_equal(checked("7\xe6\x99\x82\xe5\x8d\x8a"), "at: \"7"
	    "\xe6\x99\x82\xe5\x8d\x8a\" is 07:30 or 19:30: add am or pm, or "
	    "write 07:30 or 19:30");
	assert_string_equal(checked("9\xe6\x99\x82"), "at: \"9\xe6\x99\x82\" "
	    "is 09:00 or 21:00: add am or pm, or write 09:00 or 21:00");
	assert_string_equal(checked("07\xe6\x99\x82"), "07:00");
	assert_string_equal(checked("19\xe6\x99\x82" "30\xe5\x88\x86"),
	    "19:30");
	assert_string_equal(checked("\xe5\x8d\x88\xe5\xbe\x8c" "7\xe6\x99"
	    "\x82\xe5\x8d\x8a"), "19:30");
	assert_string_equal(checked("midnight"), "at: \"midnight\": midnight "
	    "begins a day and ends the one before: write 00:00 (it begins the "
	    "day) or 23:59 (it ends it)");
	assert_string_equal(checked("12am"), "at: \"12am\": midnight begins a "
	    "day and ends the one before: write 00:00 (it begins the day) or "
	    "23:59 (it ends it)");
	assert_string_equal(checked("7ish"), "at: \"7ish\" is not a time of "
	    "day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)");
	assert_string_equal(range_checked("00:00-02:00"), "00:00+120");
	assert_string_equal(range_checked("10pm-midnight"), "22:00+120");
	assert_string_equal(range_checked("midnight-2am"), "error: "
	    "\"midnight-2am\" begins at midnight, which begins a day and ends "
	    "the one before: write 00:00-02:00, on the day after for the night "
	    "after a day");
	assert_string_equal(range_checked("7pm"), "none");
	/* at before it, as after a day: the same reading, said as typed */
	assert_string_equal(range_checked("at 7pm-9pm"), "19:00+120");
	assert_string_equal(range_checked("at 7-9"), "error: \"at 7-9\" is "
	    "07:00-09:00 or 19:00-21:00: add am or pm");
	/* a leading 0 settles the 24-hour clock for both ends */
	assert_string_equal(range_checked("07:30-9:30"), "07:30+120");
	assert_string_equal(range_checked("0:00-2:00"), "00:00+120");
	assert_string_equal(range_checked("9:30-07:30"), "09:30+1320");
	assert_string_equal(range_checked("19:00-07:00"), "19:00+720");
	/* 12:xx is noon's, never 00:xx */
	assert_string_equal(range_checked("12:00-1:30"), "12:00+90");
	assert_string_equal(range_checked("12:30-11:00"), "12:30+630");
	/* an hour of one digit at both ends is still two ranges */
	assert_string_equal(range_checked("9:00-11:00"), "error: "
	    "\"9:00-11:00\" is 09:00-11:00 or 21:00-23:00: add am or pm");
	assert_string_equal(range_checked("half past 7 - 09:00"), "error: "
	    "\"half past 7 - 09:00\": half past 7 is 07:30 or 19:30: add am "
	    "or pm");
}

/* Excel's serial numbers: the 1900 system, its leap-year mistake. */
static void
test_serial(void **state)
{
	struct circle_date	d;
	char			out[11];
	int			h, m, sec;

	(void)state;
	assert_int_equal(circle_date_serial("46350", &d, &h, &m, &sec), 0);
	circle_date_format(&d, out);
	assert_string_equal(out, "2026-11-24");
	assert_int_equal(h, 0);
	assert_int_equal(circle_date_serial("46350.79", &d, &h, &m, &sec), 0);
	assert_int_equal(h * 3600 + m * 60 + sec, 68256);
	assert_int_equal(circle_date_serial(" 46350.5 ", &d, &h, &m, &sec), 0);
	assert_int_equal(h, 12);
	/* 1 March 1900 is 61 in Excel: its 60 is a 29 February. */
	assert_int_equal(circle_date_serial("21916", &d, &h, &m, &sec), 0);
	circle_date_format(&d, out);
	assert_string_equal(out, "1960-01-01");
	assert_int_equal(circle_date_serial("73050", &d, &h, &m, &sec), 0);
	circle_date_format(&d, out);
	assert_string_equal(out, "2099-12-31");
	/* Outside the range, or not such a number: no date. */
	assert_int_equal(circle_date_serial("21915", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("73051", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("463500", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("4635", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("46350x", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("-46350", &d, &h, &m, &sec), -1);
	assert_int_equal(circle_date_serial("", &d, &h, &m, &sec), -1);
}

static void
test_nonsense(void **state)
{
	(void)state;
	assert_non_null(strstr(said("", &sunday, 0), "is not a date"));
	assert_non_null(strstr(said("soon", &sunday, 0),
	    "+3d, -2w, in 2 weeks, 12/23, 24 Nov"));
	/* The year first, with one digit for the day: still year first. */
	SAYS("2026-12-6", "2026-12-06");
	assert_non_null(strstr(said("2026-12-", &sunday, 0),
	    "is not a date"));
	assert_non_null(strstr(said("+", &sunday, 0), "is not a date"));
}

static const char *
fixed(void *arg, const char *key)
{
	(void)arg;
	if (strcmp(key, "date-order") == 0)
		return "dmy";
	if (strcmp(key, "timezone") == 0)
		return "Pacific/Kiritimati";
	return NULL;
}

/* The settings and today where a zone is, from circle_settings. */
static void
test_settings(void **state)
{
	struct circle_day_ctx	c;
	struct circle_date	here;
	struct circle_err	e;
	char			out[11], *mine;

	(void)state;
	circle_settings(NULL, NULL);
	assert_null(circle_setting("date-order"));
	circle_day_context("UTC", &c);
	assert_int_equal(c.order, CIRCLE_ORDER_NONE);
	circle_settings(fixed, NULL);
	circle_day_context("UTC", &c);
	assert_int_equal(c.order, CIRCLE_ORDER_DMY);
	mine = circle_my_zone();
	assert_string_equal(mine, "Pacific/Kiritimati");
	free(mine);
	/* Without a zone, today is today in mine (UTC+14 here). */
	circle_day_context(NULL, &c);
	assert_int_equal(circle_date_today_in("Pacific/Kiritimati", &here),
	    0);
	assert_int_equal(circle_date_diff(&here, &c.today), 0);
	assert_int_equal(circle_day_iso("--from", "3/4/2026", NULL,
	    CIRCLE_DAY_ONE, 0, out, &e),
	    0);
	assert_string_equal(out, "2026-04-03");
	assert_int_equal(circle_day_iso("--from", "nonsense", "UTC",
	    CIRCLE_DAY_ONE, 0, out, &e), -1);
	assert_non_null(strstr(e.msg, "--from: \"nonsense\" is not a date"));
	circle_settings(NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_report_periods),
		cmocka_unit_test(test_nth_of_month),
		cmocka_unit_test(test_day_and_time),
		cmocka_unit_test(test_relative),
		cmocka_unit_test(test_slashes_ordered),
		cmocka_unit_test(test_slashes_unordered),
		cmocka_unit_test(test_short_years),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_locale_months),
		cmocka_unit_test(test_locale_weekdays),
		cmocka_unit_test(test_typed_elsewhere),
		cmocka_unit_test(test_month_day),
		cmocka_unit_test(test_in_words),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_as_typed),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_clock_words),
		cmocka_unit_test(test_clock_typed),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_nonsense),
		cmocka_unit_test(test_settings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
