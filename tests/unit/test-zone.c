/*
 * test-zone.c: which zones a person may give (zone.c): region zones and
 * UTC taken, old names refused with a region's zone that is itself taken,
 * the nearest names suggested; a calendar's names (circle_tz_valid) as
 * before; a name that is only an offset, and its minutes; the zone this
 * computer names, from $TZ; wall times at a clock change said
 * (circle_wall_check, when.c).
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

/* The zone a refusal suggests ("did you mean X?" or "X (or ..."), or "". */
static const char *
suggested(const struct circle_err *e, char *buf, size_t size)
{
	const char	*p;

	buf[0] = '\0';
	if ((p = strstr(e->msg, "did you mean ")) == NULL)
		return buf;
	p += strlen("did you mean ");
	snprintf(buf, size, "%.*s", (int)strcspn(p, " ?"), p);
	return buf;
}

static void
test_region_zones_taken(void **state)
{
	static const char *const good[] = {
		"Europe/London", "America/New_York", "America/Los_Angeles",
		"America/Argentina/Buenos_Aires", "America/Indiana/Knox",
		"Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham",
		"Africa/Abidjan", "Atlantic/Reykjavik", "Indian/Maldives",
		"Antarctica/Troll", "Arctic/Longyearbyen", "UTC", "Etc/UTC",
	};
	struct circle_err	e;
	size_t			i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		assert_int_equal(circle_zone_check("tz", good[i], &e), 0);
}

/* Every old name is refused, and the zone suggested is one that is taken. */
static void
test_old_names_refused(void **state)
{
	static const char *const old[] = {
		"EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT",
		"PST8PDT", "CET", "MET", "EET", "WET", "GMT", "GMT0", "GMT+0",
		"GMT-0", "Greenwich", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0",
		"Etc/GMT-0", "Etc/Greenwich", "UCT", "Universal", "Zulu",
		"Etc/UCT", "Etc/Universal", "Etc/Zulu", "US/Eastern",
		"US/Central", "US/Mountain", "US/Pacific", "US/Alaska",
		"US/Aleutian", "US/Arizona", "US/East-Indiana",
		"US/Indiana-Starke", "US/Hawaii", "US/Michigan", "US/Samoa",
		"Navajo", "Canada/Atlantic", "Canada/Central",
		"Canada/Eastern", "Canada/Mountain", "Canada/Newfoundland",
		"Canada/Pacific", "Canada/Saskatchewan", "Canada/Yukon",
		"Mexico/BajaNorte", "Mexico/BajaSur", "Mexico/General",
		"Brazil/Acre", "Brazil/DeNoronha", "Brazil/East",
		"Brazil/West", "Chile/Continental", "Chile/EasterIsland",
		"Cuba", "Jamaica", "GB", "GB-Eire", "Eire", "Iceland",
		"Poland", "Portugal", "Turkey", "W-SU", "Egypt", "Libya",
		"Iran", "Israel", "PRC", "ROC", "ROK", "Hongkong", "Japan",
		"Singapore", "Kwajalein", "NZ", "NZ-CHAT", "est", "us/eastern",
	};
	struct circle_err	e, e2;
	char			zone[80];
	size_t			i;

	for (i = 0; i < sizeof old / sizeof old[0]; i++) {
		assert_int_equal(circle_zone_check("tz", old[i], &e), -1);
		assert_int_equal(e.code, CIRCLE_EDATA);
		assert_non_null(strstr(e.msg, "is not a region's time zone"));
		suggested(&e, zone, sizeof zone);
		assert_true(zone[0] != '\0');
		assert_int_equal(circle_zone_check("tz", zone, &e2), 0);
	}
	assert_int_equal(circle_zone_check("tz", "EST", &e), -1);
	assert_string_equal(suggested(&e, zone, sizeof zone),
	    "America/New_York");
	assert_int_equal(circle_zone_check("tz", "CST6CDT", &e), -1);
	assert_string_equal(suggested(&e, zone, sizeof zone),
	    "America/Chicago");
	assert_int_equal(circle_zone_check("tz", "HST", &e), -1);
	assert_string_equal(suggested(&e, zone, sizeof zone),
	    "Pacific/Honolulu");
}

static void
test_offsets_refused(void **state)
{
	static const char *const offsets[] = {
		"GMT+5", "GMT-10", "Etc/GMT+5", "Etc/GMT-14", "UTC+05:30",
		"UTC-8", "UT+1", "+0100", "-08:00",
	};
	struct circle_err	e;
	size_t			i;

	for (i = 0; i < sizeof offsets / sizeof offsets[0]; i++) {
		assert_int_equal(circle_zone_check("tz", offsets[i], &e), -1);
		assert_non_null(strstr(e.msg, "is a fixed offset from UTC"));
	}
}

/* A name that is only an offset, and its minutes east of Greenwich. */
static void
test_offset_minutes(void **state)
{
	static const struct {
		const char	*name;
		int		 minutes;
	} cases[] = {
		{ "GMT+0100", 60 }, { "GMT+05:30", 330 }, { "UTC-05:00", -300 },
		{ "GMT-5", -300 }, { "UT+1", 60 }, { "+0545", 345 },
		{ "-08:00", -480 }, { "GMT+10.30", 630 }, { "Etc/GMT-3", 180 },
		{ "Etc/GMT+5", -300 }, { "utc+14", 840 },
	};
	static const char *const not[] = {
		"GMT", "UTC", "GMT+", "GMT+123", "GMT+15", "GMT+01:60",
		"GMT+1:2:3", "GMT +0100", "GMT+0100 (Standard)", "Europe/London",
		"(UTC+01:00) Amsterdam",
	};
	size_t	i;
	int	m;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		m = 9999;
		assert_int_equal(circle_zone_offset(cases[i].name, &m), 1);
		assert_int_equal(m, cases[i].minutes);
	}
	for (i = 0; i < sizeof not / sizeof not[0]; i++)
		assert_int_equal(circle_zone_offset(not[i], &m), 0);
}

/* The field's name leads the message. */
static void
test_message_names_field(void **state)
{
	struct circle_err	e;

	assert_int_equal(circle_zone_check("timezone", "America/Chicgo", &e),
	    -1);
	assert_string_equal(e.msg, "timezone: \"America/Chicgo\" is not a "
	    "known time zone; did you mean America/Chicago?");
}

static void
test_nearest(void **state)
{
	static const char *const cases[][2] = {
		{ "America/Chicgo", "America/Chicago" },
		{ "Amercia/Chicago", "America/Chicago" },
		{ "Europe/Lndon", "Europe/London" },
		{ "europe/lisbon", "Europe/Lisbon" },
		{ "EUROPE/LONDON", "Europe/London" },
		{ "utc", "UTC" },
		{ "etc/utc", "Etc/UTC" },
		{ "Lisbon", "Europe/Lisbon" },
		{ "new york", "America/New_York" },
		{ "Europe/Chicago", "America/Chicago" },
		{ "Asia/Kolkatta", "Asia/Kolkata" },
	};
	struct circle_err	e;
	char			zone[80];
	size_t			i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(circle_zone_check("tz", cases[i][0], &e), -1);
		assert_string_equal(suggested(&e, zone, sizeof zone),
		    cases[i][1]);
	}
	assert_int_equal(circle_zone_check("tz", "europe/lisbon", &e), -1);
	assert_non_null(strstr(e.msg, "the case of its letters counts"));
}

static void
test_nothing_near(void **state)
{
	static const char *const bad[] = {
		"Mars/Olympus_Mons", "", "Europe", "Europe/", "../etc",
		"/etc/passwd", "Europe/London ", "Europe/London\n",
		"America/../../../etc/passwd",
	};
	struct circle_err	e;
	size_t			i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(circle_zone_check("tz", bad[i], &e), -1);
		assert_int_equal(e.code, CIRCLE_EDATA);
	}
	assert_int_equal(circle_zone_check("tz", "Mars/Olympus_Mons", &e), -1);
	assert_null(strstr(e.msg, "did you mean"));
}

/*
 * A zone as circle keeps it: spelt right, the very string given; in any
 * case or with spaces, the database's spelling; else refused as
 * circle_zone_check refuses it.
 */
static void
test_zone_norm(void **state)
{
	static const char *const cases[][2] = {
		{ "europe/london", "Europe/London" },
		{ "AMERICA/NEW york", "America/New_York" },
		{ "utc", "UTC" }, { "etc/utc", "Etc/UTC" },
		{ "america/indiana/knox", "America/Indiana/Knox" },
	};
	static const char *const bad[] = {
		"US/Eastern", "us/eastern", "EST", "GMT+5", "Europe/Londn",
		"london", "", "../etc",
	};
	struct circle_err	e, e2;
	const char		*right = "Europe/Lisbon", *z;
	size_t			i;

	(void)state;
	assert_ptr_equal(circle_zone_norm("tz", right, &e), right);
	z = "UTC";
	assert_ptr_equal(circle_zone_norm("tz", z, &e), z);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		z = circle_zone_norm("tz", cases[i][0], &e);
		assert_non_null(z);
		assert_string_equal(z, cases[i][1]);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_null(circle_zone_norm("--tz", bad[i], &e));
		assert_int_equal(circle_zone_check("--tz", bad[i], &e2), -1);
		assert_string_equal(e.msg, e2.msg);
	}
}

/* A calendar's zone names are checked as before: EST is a zone there. */
static void
test_calendar_names_unchanged(void **state)
{
	assert_true(circle_tz_valid("EST"));
	assert_true(circle_tz_valid("US/Eastern"));
	assert_true(circle_tz_valid("Etc/GMT+5"));
	assert_true(circle_tz_valid("UTC"));
	assert_true(circle_tz_valid("Europe/London"));
	assert_false(circle_tz_valid("America/Chicgo"));
	assert_false(circle_tz_valid("../etc"));
}

static void
test_zone_local(void **state)
{
	const char	*from = NULL;
	char		*z;

	setenv("TZ", "America/New_York", 1);
	z = circle_zone_local(&from);
	assert_string_equal(z, "America/New_York");
	assert_string_equal(from, "$TZ");
	free(z);
	setenv("TZ", ":Europe/Lisbon", 1);
	z = circle_zone_local(&from);
	assert_string_equal(z, "Europe/Lisbon");
	free(z);
	setenv("TZ", "UTC", 1);
	z = circle_zone_local(&from);
	assert_string_equal(z, "UTC");
	free(z);
	setenv("TZ", "EST5EDT", 1);
	assert_null(circle_zone_local(&from));
	assert_string_equal(from, "$TZ");
	setenv("TZ", "America/Chicgo", 1);
	assert_null(circle_zone_local(&from));
	unsetenv("TZ");
	z = circle_zone_local(&from);
	assert_string_equal(from, "/etc/localtime");
	if (z != NULL)
		assert_int_equal(strncmp(z, "Etc/", 4) != 0 &&
		    strcmp(z, "UTC") != 0, 1);
	free(z);
}

/*
 * Windows' zone names, as Windows spells them or in another case and
 * spacing, through ICU's table (circle_zone_windows); a name that fills
 * 96 UTF-16 units is read by its spelling, not past its end.
 */
static void
test_windows_names(void **state)
{
	char	buf[80], name[128];

	assert_string_equal(circle_zone_windows("W. Europe Standard Time",
	    buf, sizeof buf), "Europe/Berlin");
	assert_string_equal(circle_zone_windows(" pacific  standard time ",
	    buf, sizeof buf), "America/Los_Angeles");
	assert_null(circle_zone_windows("Pacific Standerd Time", buf,
	    sizeof buf));
	assert_null(circle_zone_windows("", buf, sizeof buf));
	snprintf(name, sizeof name, "%-96s", "Pacific Standard Time");
	assert_int_equal(strlen(name), 96);
	assert_string_equal(circle_zone_windows(name, buf, sizeof buf),
	    "America/Los_Angeles");
	snprintf(name, sizeof name, "%-96s", "Mars Standard Time");
	assert_null(circle_zone_windows(name, buf, sizeof buf));
	/* A buffer too small for the zone: none, not a cut name. */
	assert_null(circle_zone_windows("Pacific Standard Time", buf, 8));
	(void)state;
}

static void
test_wall_gap(void **state)
{
	struct circle_wall	w;
	char			moved[17];

	memset(&w, 0, sizeof w);
	assert_int_equal(circle_wall_check("America/New_York",
	    "2027-03-14T02:30", &w, moved), 1);
	assert_string_equal(moved, "2027-03-14T03:30");
	assert_string_equal(w.said, "2027-03-14 02:30 does not exist in "
	    "America/New_York (clocks go forward): the session is at 03:30");
	assert_int_equal(w.n, 1);
	/* Lord Howe goes forward by half an hour. */
	assert_int_equal(circle_wall_check("Australia/Lord_Howe",
	    "2027-10-03T02:10", &w, moved), 1);
	assert_string_equal(moved, "2027-10-03T02:40");
	assert_int_equal(w.n, 2);
	assert_non_null(strstr(w.said, "America/New_York"));
}

static void
test_wall_twice(void **state)
{
	struct circle_wall	w;
	char			moved[17];

	memset(&w, 0, sizeof w);
	assert_int_equal(circle_wall_check("Europe/London",
	    "2027-10-31T01:30", &w, moved), 1);
	assert_string_equal(moved, "2027-10-31T01:30");
	assert_string_equal(w.said, "2027-10-31 01:30 happens twice in "
	    "Europe/London (clocks go back): the session is at the later "
	    "one, 01:30 UTC");
	memset(&w, 0, sizeof w);
	assert_int_equal(circle_wall_check("America/New_York",
	    "2027-11-07T01:59", &w, NULL), 1);
	assert_non_null(strstr(w.said, "06:59 UTC"));
}

static void
test_wall_ordinary(void **state)
{
	static const char *const times[][2] = {
		{ "America/New_York", "2027-03-14T01:59" },
		{ "America/New_York", "2027-03-14T03:00" },
		{ "America/New_York", "2027-11-07T00:59" },
		{ "America/New_York", "2027-11-07T02:00" },
		{ "America/New_York", "2027-07-04T19:00" },
		{ "Asia/Kolkata", "2027-03-14T02:30" },
		{ "UTC", "2027-03-14T02:30" },
	};
	struct circle_wall	w;
	char			moved[17];
	size_t			i;

	memset(&w, 0, sizeof w);
	for (i = 0; i < sizeof times / sizeof times[0]; i++) {
		assert_int_equal(circle_wall_check(times[i][0], times[i][1],
		    &w, moved), 0);
		assert_string_equal(moved, times[i][1]);
	}
	assert_int_equal(w.n, 0);
	assert_string_equal(w.said, "");
	assert_int_equal(circle_wall_check("Mars/Olympus_Mons",
	    "2027-03-14T02:30", &w, moved), -1);
	assert_int_equal(circle_wall_check("UTC", "2027-02-30T02:30", &w,
	    moved), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_zones_taken),
		cmocka_unit_test(test_old_names_refused),
		cmocka_unit_test(test_offsets_refused),
		cmocka_unit_test(test_offset_minutes),
		cmocka_unit_test(test_message_names_field),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_nothing_near),
		cmocka_unit_test(test_zone_norm),
		cmocka_unit_test(test_calendar_names_unchanged),
		cmocka_unit_test(test_zone_local),
		cmocka_unit_test(test_windows_names),
		cmocka_unit_test(test_wall_gap),
		cmocka_unit_test(test_wall_twice),
		cmocka_unit_test(test_wall_ordinary),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
