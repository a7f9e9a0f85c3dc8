/*
 * test-grid.c: the one rule of what a mark means (grid.c): which marks
 * count as came, how each counts in a person's record, and that the SQL
 * spelling the reports use says the same as the C one.
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

static const char *const all[] = { "present", "late", "left_early",
    "excused", "absent" };

/* Present, late and left early came; excused and absent did not. */
static void
test_mark_came(void **state)
{
	(void)state;
	assert_true(circle_mark_text_came("present"));
	assert_true(circle_mark_text_came("late"));
	assert_true(circle_mark_text_came("left_early"));
	assert_false(circle_mark_text_came("excused"));
	assert_false(circle_mark_text_came("absent"));
	assert_false(circle_mark_text_came(NULL));
	assert_false(circle_mark_text_came("unrecorded"));
	assert_false(circle_mark_text_came("Present"));
	assert_false(circle_mark_came(CIRCLE_MARK_NONE));
}

/* Each name back and forth; no row is no mark. */
static void
test_mark_names(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof all / sizeof all[0]; i++) {
		assert_int_equal(circle_mark_of(all[i]), (int)i + 1);
		assert_string_equal(circle_mark_name(circle_mark_of(all[i])),
		    all[i]);
	}
	assert_int_equal(circle_mark_of(NULL), CIRCLE_MARK_NONE);
	assert_int_equal(circle_mark_of(""), CIRCLE_MARK_NONE);
	assert_null(circle_mark_name(CIRCLE_MARK_NONE));
	assert_int_equal(CIRCLE_MARK_NMARKS, 6);
	/* The grid's cells keep marks in three bits. */
	assert_true(CIRCLE_MARK_NMARKS - 1 <= CIRCLE_CELL_MARK);
}

/* A record: no row where expected is absent; unrecorded is its own. */
static void
test_mark_classify(void **state)
{
	(void)state;
	assert_int_equal(circle_mark_classify("present"), CIRCLE_CLASS_CAME);
	assert_int_equal(circle_mark_classify("late"), CIRCLE_CLASS_CAME);
	assert_int_equal(circle_mark_classify("left_early"),
	    CIRCLE_CLASS_CAME);
	assert_int_equal(circle_mark_classify("excused"),
	    CIRCLE_CLASS_EXCUSED);
	assert_int_equal(circle_mark_classify("absent"), CIRCLE_CLASS_ABSENT);
	assert_int_equal(circle_mark_classify(NULL), CIRCLE_CLASS_ABSENT);
	assert_int_equal(circle_mark_classify("unrecorded"),
	    CIRCLE_CLASS_UNRECORDED);
	assert_true(CIRCLE_CELL_CAME(CIRCLE_CELL_EXP | CIRCLE_CELL_LATE));
	assert_false(CIRCLE_CELL_CAME(CIRCLE_CELL_EXP));
}

/* SQLite, asked "mark IN CIRCLE_SQL_CAME", answers as circle_mark_came. */
static void
test_mark_sql(void **state)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	size_t		 i;

	(void)state;
	assert_string_equal(CIRCLE_SQL_CAME,
	    "('present', 'late', 'left_early')");
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT coalesce(?1 IN "
	    CIRCLE_SQL_CAME ", 0)", -1, &st, NULL), SQLITE_OK);
	for (i = 0; i <= sizeof all / sizeof all[0]; i++) {
		sqlite3_reset(st);
		if (i < sizeof all / sizeof all[0])
			sqlite3_bind_text(st, 1, all[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 1);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0),
		    circle_mark_text_came(i < sizeof all / sizeof all[0] ?
		    all[i] : NULL));
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mark_came),
		cmocka_unit_test(test_mark_names),
		cmocka_unit_test(test_mark_classify),
		cmocka_unit_test(test_mark_sql),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
