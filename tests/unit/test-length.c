/*
 * test-length.c: a session's length as people write it (length.c): digits
 * and units, h:mm, numbers in words, a/an, half and quarters, ½ and 1 1/2,
 * "and"; the limits (a minute to a day), and each refusal's message.
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

struct want {
	const char	*s;
	int		 minutes;	/* -1: refused */
};

static void
check_all(const struct want *t, size_t n)
{
	size_t	i;
	int	m;

	for (i = 0; i < n; i++) {
		m = -1;
		if (circle_length_parse(t[i].s, &m) == -1)
			m = -1;
		if (m != t[i].minutes)
			fail_msg("\"%s\": %d, not %d", t[i].s, m,
			    t[i].minutes);
	}
}

#define CHECK_ALL(t)	check_all((t), sizeof (t) / sizeof (t)[0])

/* What was taken before words were: digits and units. */
static void
test_digits(void **state)
{
	static const struct want t[] = {
		{ "90", 90 }, { " 90 ", 90 }, { "90 minutes", 90 },
		{ "90 min", 90 }, { "90m", 90 }, { "90minutes", 90 },
		{ "90mins", 90 }, { "90 min.", 90 }, { "45 mn", 45 },
		{ "2 hours", 120 }, { "2h", 120 }, { "1 HOUR", 60 },
		{ "2hrs", 120 }, { "2 hrs.", 120 }, { "1hr", 60 },
		{ "1.5 hours", 90 }, { "1.25 hours", 75 }, { "1,5 h", 90 },
		{ ".5 hours", 30 }, { "1.75h", 105 }, { "1.50 hours", 90 },
		{ "1h30", 90 }, { "1h30m", 90 }, { "1h 30m", 90 },
		{ "1 hour 30 minutes", 90 }, { "1 hr 30 min", 90 },
		{ "1 hr 30", 90 }, { "2 hours 30", 150 },
		{ "1 hour, 30 minutes", 90 }, { "1 hour and 30 minutes", 90 },
		{ "1 hour & 15 min", 75 }, { "24h", 1440 }, { "1440", 1440 },
	};

	(void)state;
	CHECK_ALL(t);
}

/* The clock's h:mm, as a spreadsheet's duration writes it too. */
static void
test_clock(void **state)
{
	static const struct want t[] = {
		{ "1:30", 90 }, { "0:45", 45 }, { "01:30", 90 },
		{ "1:30 hours", 90 }, { "1:30h", 90 }, { "1:30:00", 90 },
		{ "24:00", 1440 }, { "0:01", 1 }, { "1:5", -1 },
		{ "1:60", -1 }, { "1:30:20", -1 }, { "1:30 min", -1 },
		{ "123:00", -1 }, { "1:30 1h", -1 }, { "1 hour 1:30", -1 },
		{ "0:00", -1 }, { "24:01", -1 },
	};

	(void)state;
	CHECK_ALL(t);
}

/* Numbers in words, a and an, half and quarters, fractions, "and". */
static void
test_words(void **state)
{
	static const struct want t[] = {
		{ "an hour", 60 }, { "a minute", 1 }, { "one hour", 60 },
		{ "One Hour", 60 }, { "two hours", 120 },
		{ "twelve hours", 720 }, { "ninety minutes", 90 },
		{ "forty-five minutes", 45 }, { "forty five minutes", 45 },
		{ "half an hour", 30 }, { "half hour", 30 },
		{ "a half hour", 30 }, { "half-hour", 30 },
		{ "a half-hour", 30 }, { "half of an hour", 30 },
		{ "quarter hour", 15 }, { "a quarter of an hour", 15 },
		{ "three quarters of an hour", 45 }, { "3 quarters hour", 45 },
		{ "two thirds of an hour", 40 },
		{ "an hour and a half", 90 }, { "an hour and a quarter", 75 },
		{ "an hour and three quarters", 105 },
		{ "2 hours and a half", 150 }, { "one and a half hours", 90 },
		{ "two and a half hours", 150 }, { "1 and a half hours", 90 },
		{ "one and three quarters hours", 105 },
		{ "an hour and 30 minutes", 90 }, { "one hour thirty", 90 },
		{ "1\xc2\xbd hours", 90 }, { "1 \xc2\xbd hours", 90 },
		{ "\xc2\xbe hour", 45 }, { "\xc2\xbc of an hour", 15 },
		{ "1\xe2\x85\x93 hours", 80 }, { "1 1/2 hours", 90 },
		{ "1/2 hour", 30 }, { "3/4 hour", 45 }, { "5/4 hours", 75 },
	};

	(void)state;
	CHECK_ALL(t);
}

/* What is no length, or not one a session can have. */
static void
test_refused(void **state)
{
	static const struct want t[] = {
		{ "0", -1 }, { "1441", -1 }, { "25 hours", -1 },
		{ "30m 1h", -1 }, { "1h 2h", -1 }, { "1.5", -1 },
		{ "1e2", -1 }, { "0x10", -1 }, { "1.", -1 }, { "-90", -1 },
		{ "1h30x", -1 }, { "", -1 }, { " ", -1 }, { "h", -1 },
		{ "hour", -1 }, { "a", -1 }, { "an", -1 }, { "half", -1 },
		{ "half an", -1 }, { "ninety", -1 }, { "min.", -1 },
		{ "1 hour 30 minutes 10", -1 }, { "1.5h 30m", -1 },
		{ "99999999999999999999", -1 }, { "1.1 minutes", -1 },
		{ "an hour and a half and a half", -1 }, { "3/0 hour", -1 },
		{ "1 3/2 hours", -1 }, { "1.30h", -1 }, { "1.45 hours", -1 },
		{ "1.2345 hours", -1 }, { "1.23456 hours", -1 },
		{ "forty quarters hour", -1 }, { "a hundred minutes", -1 },
		{ "90 seconds", -1 }, { "1 day", -1 }, { "1 1/2", -1 },
		{ "\xc2", -1 }, { "1\xc2\xbd", -1 },
		{ "a a a a a a a a a a a a a a a a a a a a a a a a a a", -1 },
	};

	(void)state;
	CHECK_ALL(t);
}

/* circle_length_check's message for s taken by field, or its minutes. */
static const char *
said(const char *field, const char *s)
{
	static char		out[1100];
	struct circle_err	e;
	int			m;

	if (circle_length_check(field, s, &m, &e) == -1) {
		assert_int_equal(e.code, CIRCLE_EDATA);
		snprintf(out, sizeof out, "%s", e.msg);
		return out;
	}
	snprintf(out, sizeof out, "%d", m);
	return out;
}

static void
test_messages(void **state)
{
	(void)state;
	assert_string_equal(said("for", "an hour and a half"), "90");
	assert_string_equal(said("for", "2 fortnights"), "for: \"2 "
	    "fortnights\" is not a length (such as 90, 90 min, 1h30, 1:30, "
	    "1.5 hours or an hour and a half; at most a day)");
	assert_string_equal(said("duration", "25 hours"), "duration: \"25 "
	    "hours\" is more than a day (a session lasts at most 24 hours)");
	assert_string_equal(said("for", "0:00"), "for: \"0:00\" is less "
	    "than a minute");
	assert_string_equal(said("for", "1.5"), "for: \"1.5\" is not a "
	    "whole number of minutes (a number alone is minutes; for hours, "
	    "1.5h or 1:30)");
	assert_string_equal(said("for", "1.1 minutes"), "for: \"1.1 "
	    "minutes\" is not a whole number of minutes");
	assert_string_equal(said("for", "1.30h"), "for: \"1.30h\" is "
	    "ambiguous: write 1:30 for 1 hour and 30 minutes, or 78 for 78 "
	    "minutes");
	assert_string_equal(said("for", "2.01 hours"), "for: \"2.01 hours\" "
	    "is ambiguous: write 2:01 for 2 hours and 1 minute");
}

/* A length written back reads as the same length. */
static void
test_format(void **state)
{
	static const int	 m[] = { 1, 45, 60, 90, 105, 120, 1439, 1440 };
	static const char	*want[] = { "1 min", "45 min", "1h", "1h30",
				    "1h45", "2h", "23h59", "24h" };
	char			 out[16];
	size_t			 i;
	int			 back;

	(void)state;
	for (i = 0; i < sizeof m / sizeof m[0]; i++) {
		circle_length_format(m[i], out);
		assert_string_equal(out, want[i]);
		assert_int_equal(circle_length_parse(out, &back), 0);
		assert_int_equal(back, m[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
