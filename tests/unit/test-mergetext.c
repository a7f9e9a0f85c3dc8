/*
 * test-mergetext.c: the text of a file merged (lib/mergecheck.c,
 * circle_merge_values_bad) against a byte at a time: every byte value at
 * every place of texts of 1 to 40 bytes, in printable ASCII otherwise, so
 * that the check eight bytes at a time misses none at a word's edge or in
 * the bytes after the last whole word; and UTF-8 text, a number, a BLOB.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "circle-priv.h"
#include "merge.h"

/* circle_test_bad(v, ...): circle_merge_values_bad of its arguments. */
static void
sql_test_bad(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	sqlite3_result_int(cx, circle_merge_values_bad(argc, argv));
}

static sqlite3 *
conn(void)
{
	sqlite3	*h;

	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_create_function(h, "circle_test_bad", -1,
	    SQLITE_UTF8, NULL, sql_test_bad, NULL, NULL), SQLITE_OK);
	return h;
}

/* The text s (n bytes) refused, as one value and after a good one? */
static int
bad(sqlite3 *h, const char *s, int n)
{
	sqlite3_stmt	*st;
	int		 r, r2;

	assert_int_equal(sqlite3_prepare_v2(h, "SELECT circle_test_bad(?1), "
	    "circle_test_bad('fine', ?1)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, s, n, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	r = sqlite3_column_int(st, 0);
	r2 = sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	assert_int_equal(r, r2);
	return r;
}

/* A byte alone in printable text: refused as circle refuses it. */
static int
byte_refused(unsigned int c)
{
	/* Tab, newline and a file's line ends are text circle keeps. */
	if (c == '\t' || c == '\n' || c == '\r')
		return 0;
	return c < 0x20 || c == 0x7f || c >= 0x80;
}

static void
every_byte_everywhere(void **state)
{
	sqlite3		*h = conn();
	char		 s[40];
	unsigned int	 c;
	int		 n, i;

	(void)state;
	for (n = 1; n <= (int)sizeof s; n++)
		for (i = 0; i < n; i++)
			for (c = 0; c < 256; c++) {
				memset(s, 'a' + n % 26, sizeof s);
				s[i] = (char)c;
				if (bad(h, s, n) != byte_refused(c))
					fail_msg("byte 0x%02x at %d of %d: "
					    "%s", c, i, n, byte_refused(c) ?
					    "passed" : "refused");
			}
	sqlite3_close(h);
}

static void
printable_passes(void **state)
{
	sqlite3		*h = conn();
	char		 s[96];
	int		 n;

	(void)state;
	for (n = 0; n < 95; n++)
		s[n] = (char)(0x20 + n);
	for (n = 0; n <= 95; n++)
		assert_int_equal(bad(h, s, n), 0);
	sqlite3_close(h);
}

static void
utf8_and_others(void **state)
{
	sqlite3		*h = conn();
	sqlite3_stmt	*st;

	(void)state;
	/* é, €, and an emoji, each at a word's edge and across it. */
	assert_int_equal(bad(h, "abcdefg\xc3\xa9", 9), 0);
	assert_int_equal(bad(h, "abcdef\xe2\x82\xac", 9), 0);
	assert_int_equal(bad(h, "abcdef\xf0\x9f\x99\x82xyz", 13), 0);
	/* Not UTF-8: a lone continuation byte, a sequence cut short. */
	assert_int_equal(bad(h, "abcdefgh\x80", 9), 1);
	assert_int_equal(bad(h, "abcdefg\xc3", 8), 1);
	/* A control character after UTF-8 text. */
	assert_int_equal(bad(h, "\xc3\xa9t\xc3\xa9\x01" "abcdefgh", 13), 1);
	/*
	 * A number or NULL: nothing to look at.  A BLOB, read as text where
	 * it is shown: its bytes as text's, refused with an escape or a byte
	 * that is not UTF-8, after its first eight bytes too.
	 */
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT circle_test_bad("
	    "12, 1.5, NULL, x'', x'66696e65', CAST('\xc3\xa9t\xc3\xa9' AS "
	    "BLOB)), circle_test_bad('fine', x'0001ff'), circle_test_bad("
	    "x'6c6174652020202020201b5b324a'), circle_test_bad(x'c3')", -1,
	    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_int_equal(sqlite3_column_int(st, 2), 1);
	assert_int_equal(sqlite3_column_int(st, 3), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_byte_everywhere),
		cmocka_unit_test(printable_passes),
		cmocka_unit_test(utf8_and_others),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
