/*
 * test-out.c: circle_out_* in every format, written to a memory stream and
 * compared byte for byte with what a user or a program would read.
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "circle.h"

struct sink {
	FILE	*fp;
	char	*buf;
	size_t	 len;
};

static void
sink_open(struct sink *s)
{
	s->buf = NULL;
	s->len = 0;
	s->fp = open_memstream(&s->buf, &s->len);
	assert_non_null(s->fp);
}

/* Close the stream, compare what was written with want, free it. */
static void
sink_is(struct sink *s, const char *want)
{
	assert_int_equal(fclose(s->fp), 0);
	assert_int_equal(s->len, strlen(s->buf));
	assert_string_equal(s->buf, want);
	free(s->buf);
}

/* Print rows (nrows of ncols) in fmt; the output must be want. */
static void
print_is(enum circle_format fmt, int record, const struct circle_col *cols,
    size_t ncols, const char *const *rows, size_t nrows, const char *want)
{
	struct sink		 s;
	struct circle_out	*o;
	size_t			 r;

	sink_open(&s);
	o = record ? circle_out_record(s.fp, fmt, cols, ncols) :
	    circle_out_new(s.fp, fmt, cols, ncols);
	assert_non_null(o);
	for (r = 0; r < nrows; r++)
		circle_out_row(o, rows + r * ncols);
	assert_int_equal(circle_out_rows(o), nrows);
	assert_int_equal(circle_out_finish(o), 0);
	sink_is(&s, want);
}

static const struct circle_col people[] = {
	{ "name", CIRCLE_COL_TEXT },
	{ "sessions", CIRCLE_COL_INT },
	{ "consent", CIRCLE_COL_BOOL },
};

static void
test_format_parse(void **state)
{
	enum circle_format	f = CIRCLE_FMT_AUTO;

	assert_int_equal(circle_format_parse("table", &f), 0);
	assert_int_equal(f, CIRCLE_FMT_TABLE);
	assert_int_equal(circle_format_parse("tsv", &f), 0);
	assert_int_equal(f, CIRCLE_FMT_TSV);
	assert_int_equal(circle_format_parse("csv", &f), 0);
	assert_int_equal(f, CIRCLE_FMT_CSV);
	assert_int_equal(circle_format_parse("json", &f), 0);
	assert_int_equal(f, CIRCLE_FMT_JSON);
	assert_int_equal(circle_format_parse("jsonl", &f), 0);
	assert_int_equal(f, CIRCLE_FMT_JSONL);
	f = CIRCLE_FMT_CSV;
	assert_int_equal(circle_format_parse("xml", &f), -1);
	assert_int_equal(circle_format_parse("JSON", &f), -1);
	assert_int_equal(circle_format_parse("", &f), -1);
	assert_int_equal(f, CIRCLE_FMT_CSV);
}

static void
test_tsv(void **state)
{
	const char *const rows[] = {
		"Alex\tRivera", "3", "yes",
		"line one\nline two", NULL, "no",
		"back\\slash\r", "-2", NULL,
		"", "0", "",
	};

	print_is(CIRCLE_FMT_TSV, 0, people, 3, rows, 4,
	    "Alex\\tRivera\t3\tyes\n"
	    "line one\\nline two\t\tno\n"
	    "back\\\\slash\\r\t-2\t\n"
	    "\t0\t\n");
	/* No header, and no output at all without rows. */
	print_is(CIRCLE_FMT_TSV, 0, people, 3, NULL, 0, "");
	/* AUTO, when the caller has not chosen, is TSV. */
	print_is(CIRCLE_FMT_AUTO, 0, people, 3, rows, 1,
	    "Alex\\tRivera\t3\tyes\n");
}

static void
test_csv_quoting(void **state)
{
	const char *const rows[] = {
		"Rivera, Alex", "3", "yes",
		"say \"hi\"", "12", "no",
		"two\nlines", NULL, NULL,
		"cr\r\nlf", "1", "yes",
		" padded ", "1", "yes",
		"Zo\xc3\xab", "1", "yes",
	};

	print_is(CIRCLE_FMT_CSV, 0, people, 3, rows, 6,
	    "name,sessions,consent\r\n"
	    "\"Rivera, Alex\",3,yes\r\n"
	    "\"say \"\"hi\"\"\",12,no\r\n"
	    "\"two\nlines\",,\r\n"
	    "\"cr\r\nlf\",1,yes\r\n"
	    "\" padded \",1,yes\r\n"
	    "Zo\xc3\xab,1,yes\r\n");
	/* The header is there even without rows. */
	print_is(CIRCLE_FMT_CSV, 0, people, 3, NULL, 0,
	    "name,sessions,consent\r\n");
}

static void
test_csv_header_quoted(void **state)
{
	static const struct circle_col odd[] = {
		{ "a,b", CIRCLE_COL_TEXT }, { "=x", CIRCLE_COL_TEXT },
	};
	const char *const rows[] = { "1", "2" };

	/* Column names are ours, quoted when needed, never neutralised. */
	print_is(CIRCLE_FMT_CSV, 0, odd, 2, rows, 1,
	    "\"a,b\",=x\r\n1,2\r\n");
}

static void
test_csv_formulas(void **state)
{
	const char *const rows[] = {
		"=HYPERLINK(\"http://x\")", "-2", "yes",
		"+1 555 0100", "+3", "no",
		"-Alex", "-0", "no",
		"@SUM(A1)", "0", "no",
		"\tTab", "0", "no",
		"\rCR", "0", "no",
		"\nLF", "0", "no",
		"=1,2", "0", "no",
		"Alex=Rivera-Smith", "0", "no",
		"'quoted", "0", "no",
	};

	print_is(CIRCLE_FMT_CSV, 0, people, 3, rows, 10,
	    "name,sessions,consent\r\n"
	    "\"'=HYPERLINK(\"\"http://x\"\")\",-2,yes\r\n"
	    "'+1 555 0100,+3,no\r\n"
	    "'-Alex,-0,no\r\n"
	    "'@SUM(A1),0,no\r\n"
	    "'\tTab,0,no\r\n"
	    "\"'\rCR\",0,no\r\n"
	    "\"'\nLF\",0,no\r\n"
	    "\"'=1,2\",0,no\r\n"
	    "Alex=Rivera-Smith,0,no\r\n"
	    "'quoted,0,no\r\n");
}

static void
test_csv_cell(void **state)
{
	struct sink	s;

	sink_open(&s);
	circle_csv_cell(s.fp, "-5", 0);
	fputc('|', s.fp);
	circle_csv_cell(s.fp, "-5", 1);
	fputc('|', s.fp);
	circle_csv_cell(s.fp, "", 1);
	fputc('|', s.fp);
	circle_csv_cell(s.fp, "a\"b", 0);
	sink_is(&s, "-5|'-5||\"a\"\"b\"");
}

/* Parse the JSON text s; every row must be an object. */
static json_t *
json_parse(const char *s)
{
	json_error_t	 je;
	json_t		*j;

	j = json_loads(s, 0, &je);
	if (j == NULL)
		fail_msg("not JSON (%s at %d): %s", je.text, je.line, s);
	return j;
}

static void
test_json(void **state)
{
	const char *const rows[] = {
		"Alex", "3", "yes",
		NULL, NULL, NULL,
		"Zo\xc3\xab \"Z\"\n\\", "-12", "0",
		"x", "12abc", "maybe",
		"", "", "",
	};
	struct sink		 s;
	struct circle_out	*o;
	json_t			*j;
	size_t			 r;

	print_is(CIRCLE_FMT_JSON, 0, people, 3, rows, 5,
	    "[\n"
	    "{\"name\":\"Alex\",\"sessions\":3,\"consent\":true},\n"
	    "{\"name\":null,\"sessions\":null,\"consent\":null},\n"
	    "{\"name\":\"Zo\xc3\xab \\\"Z\\\"\\n\\\\\",\"sessions\":-12,"
	    "\"consent\":false},\n"
	    "{\"name\":\"x\",\"sessions\":\"12abc\",\"consent\":\"maybe\"},\n"
	    "{\"name\":\"\",\"sessions\":\"\",\"consent\":\"\"}\n"
	    "]\n");
	print_is(CIRCLE_FMT_JSON, 0, people, 3, NULL, 0, "[]\n");

	/* What a program reads back. */
	sink_open(&s);
	o = circle_out_new(s.fp, CIRCLE_FMT_JSON, people, 3);
	for (r = 0; r < 3; r++)
		circle_out_row(o, rows + r * 3);
	assert_int_equal(circle_out_finish(o), 0);
	assert_int_equal(fclose(s.fp), 0);
	j = json_parse(s.buf);
	assert_true(json_is_array(j));
	assert_int_equal(json_array_size(j), 3);
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(j, 0), "sessions")), 3);
	assert_true(json_is_true(json_object_get(json_array_get(j, 0),
	    "consent")));
	assert_true(json_is_null(json_object_get(json_array_get(j, 1),
	    "name")));
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(j, 2), "name")), "Zo\xc3\xab \"Z\"\n\\");
	json_decref(j);
	free(s.buf);
}

static void
test_json_numbers(void **state)
{
	static const struct circle_col nums[] = {
		{ "n", CIRCLE_COL_INT }, { "x", CIRCLE_COL_REAL },
	};
	const char *const rows[] = {
		"9223372036854775807", "2.5",
		/* Out of range: kept as text, never another number. */
		"99999999999999999999", "nan",
		"-99999999999999999999", "inf",
		"7", "1e999",
	};

	print_is(CIRCLE_FMT_JSONL, 0, nums, 2, rows, 4,
	    "{\"n\":9223372036854775807,\"x\":2.5}\n"
	    "{\"n\":\"99999999999999999999\",\"x\":\"nan\"}\n"
	    "{\"n\":\"-99999999999999999999\",\"x\":\"inf\"}\n"
	    "{\"n\":7,\"x\":\"1e999\"}\n");
}

static void
test_json_bad_utf8(void **state)
{
	static const struct circle_col one[] = { { "name", CIRCLE_COL_TEXT } };
	const char *const rows[] = { "Zo\xeb" };

	/* Never invalid JSON, never a missing key. */
	print_is(CIRCLE_FMT_JSONL, 0, one, 1, rows, 1,
	    "{\"name\":\"\xef\xbf\xbd\"}\n");
}

static void
test_jsonl(void **state)
{
	const char *const rows[] = {
		"Alex", "3", "yes",
		"Sam\nLee", NULL, "no",
	};

	print_is(CIRCLE_FMT_JSONL, 0, people, 3, rows, 2,
	    "{\"name\":\"Alex\",\"sessions\":3,\"consent\":true}\n"
	    "{\"name\":\"Sam\\nLee\",\"sessions\":null,\"consent\":false}\n");
	print_is(CIRCLE_FMT_JSONL, 0, people, 3, NULL, 0, "");
}

static void
test_table(void **state)
{
	static const struct circle_col cols[] = {
		{ "name", CIRCLE_COL_TEXT }, { "sessions", CIRCLE_COL_INT },
		{ "note", CIRCLE_COL_TEXT },
	};
	const char *const rows[] = {
		"Zo\xc3\xab", "12", "ok",
		"Alexander", "3", "",
		"\xe6\x97\xa5\xe6\x9c\xac", "100", NULL,
		"Jos\x65\xcc\x81", "7", "first\nvisit",
	};

	/*
	 * Columns as wide as their widest cell in terminal columns ("Zoë"
	 * is 3, "日本" is 4), two blanks between, numbers on the right, and
	 * no blanks at the end of a line.
	 */
	print_is(CIRCLE_FMT_TABLE, 0, cols, 3, rows, 4,
	    "name       sessions  note\n"
	    "Zo\xc3\xab              12  ok\n"
	    "Alexander         3\n"
	    "\xe6\x97\xa5\xe6\x9c\xac            100\n"
	    "Jos\x65\xcc\x81              7  first visit\n");
	/* Nothing at all, not even a header, without rows. */
	print_is(CIRCLE_FMT_TABLE, 0, cols, 3, NULL, 0, "");
}

static void
test_table_bool_wide_header(void **state)
{
	static const struct circle_col cols[] = {
		{ "n", CIRCLE_COL_INT }, { "consent", CIRCLE_COL_BOOL },
		{ "who", CIRCLE_COL_TEXT },
	};
	const char *const rows[] = {
		"1", "1", "\xf0\x9f\x98\x80",
		"22", "false", "Sam",
		"333", "unknown", NULL,
	};

	print_is(CIRCLE_FMT_TABLE, 0, cols, 3, rows, 3,
	    "  n  consent  who\n"
	    "  1  yes      \xf0\x9f\x98\x80\n"
	    " 22  no       Sam\n"
	    "333  unknown\n");
}

/* Rows printed as a table for a terminal columns wide, with colour or not. */
static void
term_is(int record, int columns, int color, const struct circle_col *cols,
    size_t ncols, const char *const *rows, size_t nrows, const char *want)
{
	struct sink		 s;
	struct circle_out	*o;
	size_t			 r;

	sink_open(&s);
	o = record ? circle_out_record(s.fp, CIRCLE_FMT_TABLE, cols, ncols) :
	    circle_out_new(s.fp, CIRCLE_FMT_TABLE, cols, ncols);
	circle_out_term(o, columns, color);
	for (r = 0; r < nrows; r++)
		circle_out_row(o, rows + r * ncols);
	assert_int_equal(circle_out_finish(o), 0);
	sink_is(&s, want);
}

static void
test_table_fit(void **state)
{
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "n", CIRCLE_COL_INT },
	};
	const char *const rows[] = {
		"ann", "Ann Abernathy-Castellanos", "3",
		"yam", "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
		    "\xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e", "12",
		"jo", "Jose\xcc\x81 \xc3\x91" "and\xc3\xba", "7",
	};

	/*
	 * 24 columns: the name column (the widest text) is cut to 12, its
	 * long cells to 11 and an ellipsis; a wide character that would
	 * straddle the cut is left out, an accent stays with its letter.
	 */
	term_is(0, 24, 0, cols, 3, rows, 3,
	    "handle  name           n\n"
	    "ann     Ann Abernat\xe2\x80\xa6   3\n"
	    "yam     \xe5\xb1\xb1\xe7\x94\xb0\xe5\xa4\xaa\xe9\x83\x8e"
	    "\xe5\xb1\xb1\xe2\x80\xa6   12\n"
	    "jo      Jose\xcc\x81 \xc3\x91" "and\xc3\xba     7\n");
	/* Wide enough, or no width: as before, byte for byte. */
	term_is(0, 36, 0, cols, 3, rows, 1,
	    "handle  name                       n\n"
	    "ann     Ann Abernathy-Castellanos  3\n");
	term_is(0, 0, 0, cols, 3, rows, 1,
	    "handle  name                       n\n"
	    "ann     Ann Abernathy-Castellanos  3\n");
	/* Never below a header or six columns: the terminal wraps instead. */
	term_is(0, 5, 0, cols, 3, rows, 1,
	    "handle  name    n\n"
	    "ann     Ann A\xe2\x80\xa6  3\n");
}

static void
test_table_color(void **state)
{
	static const struct circle_col cols[] = {
		{ "who", CIRCLE_COL_TEXT }, { "mark", CIRCLE_COL_TEXT },
		{ "note", CIRCLE_COL_TEXT },
	};
	const char *const rows[] = {
		"Ann", "absent", "absent",
		"Bo", "present", "",
		"Cy", "\033[2J", "late",
	};

	/*
	 * Marks in colour, padded by their width, not their bytes; the same
	 * word in a note is not coloured, and an escape in the data stays
	 * written out.
	 */
	term_is(0, 80, 1, cols, 3, rows, 3,
	    "who  mark     note\n"
	    "Ann  \033[31mabsent\033[m   absent\n"
	    "Bo   \033[32mpresent\033[m\n"
	    "Cy   ^[[2J    late\n");
	term_is(0, 80, 0, cols, 3, rows, 2,
	    "who  mark     note\n"
	    "Ann  absent   absent\n"
	    "Bo   present\n");
}

static void
test_record_wrap(void **state)
{
	static const struct circle_col cols[] = {
		{ "id", CIRCLE_COL_INT }, { "notes", CIRCLE_COL_TEXT },
		{ "status", CIRCLE_COL_TEXT },
	};
	const char *const row[] = {
		"7", "one two three four five six seven eight", "held",
	};
	const char *const word[] = {
		"8", "abcdefghijklmnopqrstuvwxyz0123 end", NULL,
	};

	/* Between words, under the value; a word too long is cut. */
	term_is(1, 30, 1, cols, 3, row, 1,
	    "id:     7\n"
	    "notes:  one two three four\n"
	    "        five six seven eight\n"
	    "status: \033[32mheld\033[m\n");
	term_is(1, 30, 0, cols, 3, word, 1,
	    "id:     8\n"
	    "notes:  abcdefghijklmnopqrstuv\n"
	    "        wxyz0123 end\n");
}

static const struct circle_col rec[] = {
	{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
	{ "email", CIRCLE_COL_TEXT }, { "consent", CIRCLE_COL_BOOL },
	{ "id", CIRCLE_COL_INT },
};
static const char *const recrow[] = {
	"alex-r", "Alex Rivera", NULL, "yes", "7",
};
static const char *const recrow2[] = {
	"sam-l", "=cmd", "sam@example.org", "0", "-8",
};

static void
test_record_table(void **state)
{
	/* Empty fields are left out; values line up after the longest name. */
	print_is(CIRCLE_FMT_TABLE, 1, rec, 5, recrow, 1,
	    "handle:  alex-r\n"
	    "name:    Alex Rivera\n"
	    "consent: yes\n"
	    "id:      7\n");
	print_is(CIRCLE_FMT_TABLE, 1, rec, 5, recrow2, 1,
	    "handle:  sam-l\n"
	    "name:    =cmd\n"
	    "email:   sam@example.org\n"
	    "consent: no\n"
	    "id:      -8\n");
}

static void
test_record_tsv_csv(void **state)
{
	print_is(CIRCLE_FMT_TSV, 1, rec, 5, recrow, 1,
	    "handle\talex-r\n"
	    "name\tAlex Rivera\n"
	    "email\t\n"
	    "consent\tyes\n"
	    "id\t7\n");
	print_is(CIRCLE_FMT_CSV, 1, rec, 5, recrow2, 1,
	    "handle,sam-l\r\n"
	    "name,'=cmd\r\n"
	    "email,sam@example.org\r\n"
	    "consent,0\r\n"
	    "id,-8\r\n");
}

static void
test_record_json(void **state)
{
	print_is(CIRCLE_FMT_JSON, 1, rec, 5, recrow, 1,
	    "{\n"
	    "  \"handle\":\"alex-r\",\n"
	    "  \"name\":\"Alex Rivera\",\n"
	    "  \"email\":null,\n"
	    "  \"consent\":true,\n"
	    "  \"id\":7\n"
	    "}\n");
	print_is(CIRCLE_FMT_JSONL, 1, rec, 5, recrow2, 1,
	    "{\"handle\":\"sam-l\",\"name\":\"=cmd\","
	    "\"email\":\"sam@example.org\",\"consent\":false,\"id\":-8}\n");
}

static void
test_write_error(void **state)
{
	struct circle_out	*o;
	FILE			*fp;
	const char *const	 rows[] = { "Alex", "3", "yes" };

	/* A stream that cannot be written: finish reports it. */
	fp = fopen("/dev/null", "r");
	assert_non_null(fp);
	o = circle_out_new(fp, CIRCLE_FMT_TSV, people, 3);
	circle_out_row(o, rows);
	assert_int_equal(circle_out_finish(o), -1);
	fclose(fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_header_quoted),
		cmocka_unit_test(test_csv_formulas),
		cmocka_unit_test(test_csv_cell),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_bad_utf8),
		cmocka_unit_test(test_jsonl),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_bool_wide_header),
		cmocka_unit_test(test_record_table),
		cmocka_unit_test(test_record_tsv_csv),
		cmocka_unit_test(test_record_json),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_table_fit),
		cmocka_unit_test(test_table_color),
		cmocka_unit_test(test_record_wrap),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("out", tests, NULL, NULL);
}
