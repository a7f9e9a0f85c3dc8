/*
 * test-csv.c: circle_csv_open/next/close, the CSV reader behind imports:
 * what a row holds, and the line numbers error messages will quote; and
 * the import front end over it (circle_csv_reader): the header, the column
 * map from a table of fields, a row's cells, where a cell is.
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
#include <unistd.h>

#include <cmocka.h>

#include "circle-priv.h"
#include "csvtext.h"

static char	tmpdir[64];
static char	path[128];

static int
setup(void **state)
{
	const char	*t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/circle-csv.XXXXXX",
	    t != NULL && *t != '\0' && strlen(t) < 32 ? t : "/tmp");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	unlink(path);
	return rmdir(tmpdir);
}

/* Open len bytes of s as "in.csv". */
static struct circle_csv *
open_mem(const void *s, size_t len)
{
	struct circle_csv	*c;
	struct circle_err	 e;
	FILE			*fp;

	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	circle_err_clear(&e);
	c = circle_csv_open(path, "in.csv", NULL, &e);
	if (c == NULL)
		fail_msg("%s", e.msg);
	assert_string_equal(circle_csv_name(c), "in.csv");
	return c;
}

static struct circle_csv *
open_str(const char *s)
{
	return open_mem(s, strlen(s));
}

/*
 * The next row must start on line, and hold the n fields of want (NULL
 * ends it); each field ended on the line in lines.
 */
static void
row_is(struct circle_csv *c, size_t line, const char *const *want,
    const size_t *lines)
{
	struct circle_csv_row	*r = NULL;
	struct circle_err	 e;
	size_t			 n, i;

	circle_err_clear(&e);
	for (n = 0; want[n] != NULL; n++)
		continue;
	if (circle_csv_next(c, &r, &e) != 1)
		fail_msg("no row where one starting on line %zu was due: %s",
		    line, e.msg);
	assert_non_null(r);
	assert_int_equal(r->nfields, n);
	assert_int_equal(r->line, line);
	for (i = 0; i < n; i++) {
		assert_string_equal(r->fields[i], want[i]);
		assert_int_equal(r->lines[i], lines != NULL ? lines[i] : line);
	}
}

static void
end_is(struct circle_csv *c)
{
	struct circle_csv_row	*r = (struct circle_csv_row *)1;
	struct circle_err	 e;

	circle_err_clear(&e);
	assert_int_equal(circle_csv_next(c, &r, &e), 0);
	assert_null(r);
	/* And it stays at the end. */
	assert_int_equal(circle_csv_next(c, &r, &e), 0);
	circle_csv_close(c);
}

/*
 * The next row is an error, CIRCLE_EDATA, with a message starting at (the
 * file name and line) and holding what.
 */
static void
error_is(struct circle_csv *c, const char *at, const char *what)
{
	struct circle_csv_row	*r = (struct circle_csv_row *)1;
	struct circle_err	 e;

	circle_err_clear(&e);
	assert_int_equal(circle_csv_next(c, &r, &e), -1);
	assert_null(r);
	assert_int_equal(e.code, CIRCLE_EDATA);
	if (strncmp(e.msg, at, strlen(at)) != 0 || strstr(e.msg, what) == NULL)
		fail_msg("message \"%s\" is not \"%s...%s...\"", e.msg, at,
		    what);
	circle_csv_close(c);
}

#define ROW(...)	((const char *const []){ __VA_ARGS__, NULL })
#define LINES(...)	((const size_t []){ __VA_ARGS__ })

static void
test_plain(void **state)
{
	struct circle_csv	*c;

	c = open_str("handle,name,email\n"
	    "alex-r,Alex Rivera,alex@example.org\n"
	    "zoe-c,Zo\xc3\xab \xc3\x87" "elik,\n");
	row_is(c, 1, ROW("handle", "name", "email"), NULL);
	row_is(c, 2, ROW("alex-r", "Alex Rivera", "alex@example.org"), NULL);
	row_is(c, 3, ROW("zoe-c", "Zo\xc3\xab \xc3\x87" "elik", ""), NULL);
	end_is(c);
}

static void
test_bom_crlf(void **state)
{
	struct circle_csv	*c;

	c = open_str("\xef\xbb\xbfhandle,name\r\n"
	    "alex-r,Alex\r\n"
	    "\xef\xbb\xbfzoe-c,Zo\xc3\xab\r\n");
	/* The BOM goes from the first field; CR from the last. */
	row_is(c, 1, ROW("handle", "name"), NULL);
	row_is(c, 2, ROW("alex-r", "Alex"), NULL);
	/* Only the file's first bytes are a BOM. */
	row_is(c, 3, ROW("\xef\xbb\xbfzoe-c", "Zo\xc3\xab"), NULL);
	end_is(c);

	/* A file that is only a BOM has no rows. */
	end_is(open_str("\xef\xbb\xbf"));
}

static void
test_quoted(void **state)
{
	struct circle_csv	*c;

	c = open_str("name,notes\n"
	    "\"Rivera, Alex\",\"said \"\"hi\"\"\"\n"
	    "\"\",,\" spaced \"\n"
	    "plain,  lead\t \n");
	row_is(c, 1, ROW("name", "notes"), NULL);
	row_is(c, 2, ROW("Rivera, Alex", "said \"hi\""), NULL);
	row_is(c, 3, ROW("", "", " spaced "), NULL);
	/* Blanks around an unquoted field are not part of it. */
	row_is(c, 4, ROW("plain", "lead"), NULL);
	end_is(c);
}

static void
test_quoted_newlines(void **state)
{
	struct circle_csv	*c;

	c = open_str("handle,notes,email\n"
	    "alex-r,\"first line\n"
	    "second line\n"
	    "third\",alex@example.org\n"
	    "zoe-c,\"crlf\r\ninside\",z@example.org\n"
	    "sam-l,plain,\n");
	row_is(c, 1, ROW("handle", "notes", "email"), NULL);
	row_is(c, 2, ROW("alex-r", "first line\nsecond line\nthird",
	    "alex@example.org"), LINES(2, 4, 4));
	/*
	 * The row after a multi-line field has its own line number; a CRLF
	 * inside quotes is read as a newline.
	 */
	row_is(c, 5, ROW("zoe-c", "crlf\ninside", "z@example.org"),
	    LINES(5, 6, 6));
	row_is(c, 7, ROW("sam-l", "plain", ""), NULL);
	end_is(c);
}

/*
 * CR CR LF, a CRLF file a program made CRLF again: each ends a line, in
 * quotes too, where it is a newline, not a CR and a newline.
 */
static void
test_crcrlf(void **state)
{
	struct circle_csv	*c;

	c = open_str("handle,notes\r\r\n"
	    "alex-r,\"one\r\r\ntwo\"\r\r\n"
	    "sam-l,plain\r\r\n");
	row_is(c, 1, ROW("handle", "notes"), NULL);
	row_is(c, 2, ROW("alex-r", "one\ntwo"), LINES(2, 3));
	row_is(c, 4, ROW("sam-l", "plain"), NULL);
	end_is(c);
}

static void
test_first_field_multiline(void **state)
{
	struct circle_csv	*c;

	/* A row starts where its first field starts, not where it ends. */
	c = open_str("notes,handle\n"
	    "\"one\n"
	    "two\",alex-r\n"
	    "\"\n"
	    "\",zoe-c\n");
	row_is(c, 1, ROW("notes", "handle"), NULL);
	row_is(c, 2, ROW("one\ntwo", "alex-r"), LINES(3, 3));
	row_is(c, 4, ROW("\n", "zoe-c"), LINES(5, 5));
	end_is(c);
}

static void
test_blank_lines(void **state)
{
	struct circle_csv	*c;

	c = open_str("\n"
	    "a,b\n"
	    "\n"
	    "\r\n"
	    "  \t \n"
	    "c,d\r\n"
	    "\n"
	    "\"e\n"
	    "\n"
	    "f\",g\n"
	    "\n");
	row_is(c, 2, ROW("a", "b"), NULL);
	row_is(c, 6, ROW("c", "d"), NULL);
	row_is(c, 8, ROW("e\n\nf", "g"), LINES(10, 10));
	end_is(c);
}

static void
test_no_final_newline(void **state)
{
	struct circle_csv	*c;

	c = open_str("a,b\nc,\"d\"");
	row_is(c, 1, ROW("a", "b"), NULL);
	row_is(c, 2, ROW("c", "d"), NULL);
	end_is(c);

	c = open_str("a,b\nc,");
	row_is(c, 1, ROW("a", "b"), NULL);
	row_is(c, 2, ROW("c", ""), NULL);
	end_is(c);
}

static void
test_empty(void **state)
{
	end_is(open_str(""));
	end_is(open_str("\n\r\n\n"));
}

static void
test_malformed_quote(void **state)
{
	struct circle_csv	*c;

	/* A quote inside an unquoted field. */
	c = open_str("handle,name\nalex-r,Alex \"AJ\" Rivera\nzoe-c,Zoe\n");
	row_is(c, 1, ROW("handle", "name"), NULL);
	error_is(c, "in.csv:2:", "malformed CSV");

	/* Text after a closing quote, on a later line. */
	c = open_str("a,b\nc,d\ne,\"f\"g\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	row_is(c, 2, ROW("c", "d"), NULL);
	error_is(c, "in.csv:3:", "malformed CSV");

	/* After a multi-line field, the line is still the right one. */
	c = open_str("a,\"b\nb\nb\"\nc,d\"\n");
	row_is(c, 1, ROW("a", "b\nb\nb"), LINES(1, 3));
	error_is(c, "in.csv:4:", "malformed CSV");
}

static void
test_unterminated(void **state)
{
	struct circle_csv	*c;

	c = open_str("a,b\nc,\"d\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	error_is(c, "in.csv:2:", "a quoted field is not closed");

	/* Without a final newline. */
	c = open_str("a,b\n\"c");
	row_is(c, 1, ROW("a", "b"), NULL);
	error_is(c, "in.csv:2:", "a quoted field is not closed");

	/* The message names the line the unclosed field starts on... */
	c = open_str("a,b\nc,\"d\ne,f\ng,h\ni,j\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	error_is(c, "in.csv:2:", "a quoted field is not closed");
	c = open_str("a,b\nc,d,\ne,f,\"g\nh,i\nj,k\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	row_is(c, 2, ROW("c", "d", ""), NULL);
	error_is(c, "in.csv:3:", "a quoted field is not closed");
	/* ...also when it is the first of its row, after blank lines. */
	c = open_str("a,b\n\n \t\r\n\"c\nd\ne\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	error_is(c, "in.csv:4:", "a quoted field is not closed");
}

static void
test_nul_byte(void **state)
{
	struct circle_csv	*c;

	c = open_mem("a,b\nc,d\0e\nf,g\n", 14);
	row_is(c, 1, ROW("a", "b"), NULL);
	error_is(c, "in.csv:2:", "a field holds a NUL byte");
}

/* "a\n" then a row of n fields "x". */
static struct circle_csv *
open_wide(size_t n)
{
	struct circle_csv	*c;
	char			*s;
	size_t			 i;

	s = malloc(2 + 2 * n + 1);
	assert_non_null(s);
	memcpy(s, "a\n", 2);
	for (i = 0; i < n; i++)
		memcpy(s + 2 + 2 * i, "x,", 2);
	s[2 + 2 * n - 1] = '\n';
	s[2 + 2 * n] = '\0';
	c = open_str(s);
	free(s);
	return c;
}

static void
test_too_many_fields(void **state)
{
	struct circle_csv	*c;
	struct circle_csv_row	*r;
	struct circle_err	 e;

	/* 512 fields are fine, 513 are not. */
	c = open_wide(512);
	row_is(c, 1, ROW("a"), NULL);
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(r->nfields, 512);
	assert_int_equal(r->line, 2);
	assert_string_equal(r->fields[511], "x");
	end_is(c);

	c = open_wide(513);
	row_is(c, 1, ROW("a"), NULL);
	error_is(c, "in.csv:2:", "over 512 fields");
}

static void
test_missing(void **state)
{
	struct circle_err	e;

	circle_err_clear(&e);
	snprintf(path, sizeof path, "%s/none.csv", tmpdir);
	assert_null(circle_csv_open(path, "none.csv", NULL, &e));
	assert_int_equal(e.code, CIRCLE_EFAIL);
	assert_string_equal(e.msg, "none.csv: No such file or directory");
	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	/* Closing nothing is harmless. */
	circle_csv_close(NULL);
}

static void
test_close_early(void **state)
{
	struct circle_csv	*c;

	/* Closing with rows unread frees them (ASan would say). */
	c = open_str("a,b\nc,d\ne,\"f\ng\"\n");
	row_is(c, 1, ROW("a", "b"), NULL);
	circle_csv_close(c);
	c = open_str("a,b\n\"c\n");
	circle_csv_close(c);
}

/* ---- the import front end ---------------------------------------------- */

enum { F_DATE, F_NAME, F_EMAIL, F_STATUS, F_NOTE, F_NFIELDS };

static const struct circle_csv_field fields[] = {
	{ "date", F_DATE }, { "name", F_NAME }, { "full name", F_NAME },
	{ "email", F_EMAIL }, { "emailaddress", F_EMAIL },
	{ "status", F_STATUS }, { "attended", F_STATUS }, { "note", F_NOTE },
};
#define NFIELDS	(sizeof fields / sizeof fields[0])

/* Write s as "in.csv" and open a reader of F_NFIELDS fields on it. */
static void
reader_str(struct circle_csv_reader *r, const char *s)
{
	struct circle_err	 e;
	FILE			*fp;

	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, strlen(s), fp), strlen(s));
	assert_int_equal(fclose(fp), 0);
	circle_err_clear(&e);
	if (circle_csv_reader_open(r, path, "in.csv", NULL, F_NFIELDS, "empty",
	    &e) == -1)
		fail_msg("%s", e.msg);
	assert_string_equal(r->name, "in.csv");
}

static void
header_mapped(struct circle_csv_reader *r, const char *s)
{
	reader_str(r, s);
	circle_csv_map_headers(r, fields, NFIELDS);
}

static void
next_row(struct circle_csv_reader *r, size_t line)
{
	struct circle_err	e;

	circle_err_clear(&e);
	if (circle_csv_reader_next(r, 1, &e) != 1)
		fail_msg("no row on line %zu: %s", line, e.msg);
	assert_int_equal(r->row->line, line);
}

static void
test_reader_header(void **state)
{
	struct circle_csv_reader	r;
	struct circle_err		e;
	char				f[64];

	circle_csv_fold("E-mail Address?", f, sizeof f);
	assert_string_equal(f, "emailaddress");
	assert_int_equal(circle_csv_field_of(fields, NFIELDS, "Full_Name"),
	    F_NAME);
	assert_int_equal(circle_csv_field_of(fields, NFIELDS, "Shoe size"),
	    -1);
	/* The header is found past a BOM, matched folded; first one wins. */
	header_mapped(&r, "\xef\xbb\xbf" "Date,Full Name,E-mail Address?,"
	    "Shoe size,Attended,name\n2026-01-06,Alex Rivera,,9,x,Alex\n");
	assert_int_equal(r.ncols, 6);
	assert_int_equal(r.headerline, 1);
	assert_string_equal(r.header[1], "Full Name");
	assert_int_equal(r.colfield[0], F_DATE);
	assert_int_equal(r.colfield[1], F_NAME);
	assert_int_equal(r.colfield[2], F_EMAIL);
	assert_int_equal(r.colfield[3], -1);
	assert_int_equal(r.colfield[4], F_STATUS);
	assert_int_equal(r.colfield[5], -1);
	assert_int_equal(r.fieldcol[F_NAME], 1);
	assert_int_equal(r.fieldcol[F_NOTE], -1);
	assert_int_equal(circle_csv_column(&r, "shoe SIZE", 9), 3);
	assert_int_equal(circle_csv_column(&r, "shoe", 4), -1);
	next_row(&r, 2);
	assert_string_equal(circle_csv_get(&r, F_DATE), "2026-01-06");
	assert_string_equal(circle_csv_get(&r, F_NAME), "Alex Rivera");
	assert_string_equal(circle_csv_get(&r, F_STATUS), "x");
	/* An empty cell is none; as read, it is there and empty. */
	assert_null(circle_csv_get(&r, F_EMAIL));
	assert_string_equal(circle_csv_value(&r, F_EMAIL), "");
	assert_null(circle_csv_value(&r, F_NOTE));
	circle_err_clear(&e);
	assert_int_equal(circle_csv_reader_next(&r, 1, &e), 0);
	circle_csv_reader_close(&r);
}

static void
test_reader_map_column(void **state)
{
	struct circle_csv_reader	r;

	/* --map COLUMN=FIELD: the column takes the field from another. */
	header_mapped(&r, "Name,Q1,Q2\nAlex,ok,late\n");
	circle_csv_map_column(&r, 2, F_NAME);
	assert_int_equal(r.colfield[0], -1);
	assert_int_equal(r.colfield[2], F_NAME);
	assert_int_equal(r.fieldcol[F_NAME], 2);
	circle_csv_map_column(&r, 1, F_STATUS);
	circle_csv_map_column(&r, 1, F_NOTE);
	assert_int_equal(r.fieldcol[F_STATUS], -1);
	assert_int_equal(r.fieldcol[F_NOTE], 1);
	/* Headers fill only what is still unmapped. */
	circle_csv_map_headers(&r, fields, NFIELDS);
	assert_int_equal(r.colfield[0], -1);
	next_row(&r, 2);
	assert_string_equal(circle_csv_get(&r, F_NAME), "late");
	assert_string_equal(circle_csv_get(&r, F_NOTE), "ok");
	circle_csv_reader_close(&r);
}

static void
test_reader_missing_column(void **state)
{
	struct circle_csv_reader	r;
	struct circle_err		e;
	size_t				line, col;

	/* A required field with no column: the import says so. */
	header_mapped(&r, "Date,Status\n2026-01-06,x\n");
	assert_int_equal(r.fieldcol[F_NAME], -1);
	assert_int_equal(r.fieldcol[F_EMAIL], -1);
	next_row(&r, 2);
	assert_null(circle_csv_get(&r, F_NAME));
	/* An error about it is the row's: line 2, column 1. */
	assert_null(circle_csv_where(&r, F_NAME, &line, &col));
	assert_int_equal(line, 2);
	assert_int_equal(col, 1);
	circle_err_set(&e, CIRCLE_EDATA, "no name");
	assert_int_equal(circle_csv_at(&r, F_NAME, &e), -1);
	assert_string_equal(e.msg, "in.csv:2:1: no name");
	circle_csv_reader_close(&r);
}

static void
test_reader_where(void **state)
{
	struct circle_csv_reader	r;
	struct circle_err		e;
	const char			*h;
	size_t				line, col;

	header_mapped(&r, "Date,Name,Status\n2026-01-06,Alex,x\n"
	    "2026-01-06,Blair,maybe\n2026-01-06,Casey\n");
	next_row(&r, 2);
	next_row(&r, 3);
	h = circle_csv_where(&r, F_STATUS, &line, &col);
	assert_non_null(h);
	assert_string_equal(h, "Status");
	assert_int_equal(line, 3);
	assert_int_equal(col, 3);
	/* Not found (1) in the file is bad data (65), at its cell. */
	circle_err_set(&e, CIRCLE_EFAIL, "status: \"maybe\" is not a mark");
	assert_int_equal(circle_csv_at(&r, F_STATUS, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_string_equal(e.msg, "in.csv:3:3 (Status): status: \"maybe\" "
	    "is not a mark");
	/* A row short of the column: its own line, the column's number. */
	next_row(&r, 4);
	assert_null(circle_csv_get(&r, F_STATUS));
	assert_string_equal(circle_csv_where(&r, F_STATUS, &line, &col),
	    "Status");
	assert_int_equal(line, 4);
	assert_int_equal(col, 3);
	circle_csv_reader_close(&r);
}

static void
test_reader_quoted_newline(void **state)
{
	struct circle_csv_reader	r;
	struct circle_err		e;
	size_t				line, col;

	/* A note over three lines: the next row starts on line 5. */
	header_mapped(&r, "Name,Note,Status\r\n"
	    "Alex,\"first\r\nsecond\r\nthird\",x\r\n"
	    "Blair,,late\r\n");
	next_row(&r, 2);
	assert_string_equal(circle_csv_get(&r, F_NOTE), "first\nsecond\nthird");
	(void)circle_csv_where(&r, F_NAME, &line, &col);
	assert_int_equal(line, 2);
	(void)circle_csv_where(&r, F_STATUS, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 3);
	next_row(&r, 5);
	circle_err_set(&e, CIRCLE_EDATA, "bad");
	circle_csv_at(&r, F_STATUS, &e);
	assert_string_equal(e.msg, "in.csv:5:3 (Status): bad");
	circle_csv_reader_close(&r);
}

static void
test_reader_blank_and_utf8(void **state)
{
	struct circle_csv_reader	r;
	struct circle_err		e;
	FILE				*fp;

	/* Rows of empty cells are passed over; bad UTF-8 is refused. */
	header_mapped(&r, "Name,Status\n,\n,\nAlex,x\nZo\xeb,x\n");
	next_row(&r, 4);
	circle_err_clear(&e);
	assert_int_equal(circle_csv_reader_next(&r, 1, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_string_equal(e.msg, "in.csv:5:1 (Name): not valid UTF-8 (byte "
	    "0xEB): \"Zo\u00eb\" as windows-1252 (Excel's \"CSV (Comma "
	    "delimited)\" on Windows), \"Zo\u00ce\" as macintosh (Excel's "
	    "\"CSV (Macintosh)\"), \"Zo\u00d9\" as cp850 (Excel's \"CSV "
	    "(MS-DOS)\"); give --encoding with the one that reads right, or "
	    "save it from Excel as \"CSV UTF-8\"");
	circle_csv_reader_close(&r);
	/* A file with no row is refused, in the import's words. */
	snprintf(path, sizeof path, "%s/in.csv", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fputs("\n\n", fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	circle_err_clear(&e);
	assert_int_equal(circle_csv_reader_open(&r, path, "in.csv", NULL, F_NFIELDS,
	    "empty file (a sheet starts with a header row)", &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_string_equal(e.msg, "in.csv: empty file (a sheet starts with a "
	    "header row)");
	/* Closed already: closing again is harmless. */
	circle_csv_reader_close(&r);
}

static void
test_fold_unicode(void **state)
{
	static const char *const same[][2] = {
		{ "ÉMAIL_ADDRESS", "emailaddress" },
		{ "E\xcc\x81mail", "email" },		/* decomposed, as a Mac */
		{ "OK\xc2\xa0to contact?", "oktocontact" },	/* NBSP */
		{ "Prénom", "prenom" },
		{ "Straße", "strasse" },
		{ "¿Teléfono?", "telefono" },
		{ "Phone #", "phone" },
		{ "“Notes”", "notes" },
		/* Compatibility forms, as circle_name_fold reads them. */
		{ "ＥＭＡＩＬ", "email" },			/* full width */
		{ "\xef\xac\x81rst name", "firstname" },	/* the fi ligature */
	};
	char	f[64];
	size_t	i;

	for (i = 0; i < sizeof same / sizeof same[0]; i++) {
		circle_csv_fold(same[i][0], f, sizeof f);
		assert_string_equal(f, same[i][1]);
	}
	/* Too long for the buffer: cut at a whole character. */
	circle_csv_fold("ééééé", f, 6);
	assert_string_equal(f, "eeeee");
	circle_csv_fold("ÐÐÐÐ", f, 6);
	assert_string_equal(f, "ðð");
}

#define D	CIRCLE_ORDER_DMY
#define M	CIRCLE_ORDER_MDY

/* What the tables below expect of a cell refused: no date at all (-3) is
 * refused as one that cannot be read is. */
static int
refused(int rc)
{
	return rc == -3 ? -1 : rc;
}

/*
 * A date without a year, read near a day when one is given (a sign-in
 * sheet's), refused without; a weekday before numbers checked; a header
 * that is no date told from one that cannot be read.
 */
static void
test_when_yearless(void **state)
{
	static const struct circle_date	near = { 2026, 8, 7 };
	static const struct {
		const char	*s;
		int		 order, rc;
		const char	*day;
	} t[] = {
		{ "10-Dec", 0, 0, "2026-12-10" },
		{ "Dec 10", 0, 0, "2026-12-10" },
		{ "Thu 10 Dec", 0, 0, "2026-12-10" },
		{ "Fri 10 Dec", 0, -1, NULL },
		{ "10 Feb", 0, 0, "2026-02-10" },
		{ "1 Feb", 0, 0, "2027-02-01" },
		{ "10 Mar", 0, 0, "2026-03-10" },
		{ "24/11", 0, 0, "2026-11-24" },
		{ "10/12", 0, -2, NULL },
		{ "10/12", CIRCLE_ORDER_DMY, 0, "2026-12-10" },
		{ "10.12.", 0, 0, "2026-12-10" },
		{ "10.12. 19:00", 0, 0, "2026-12-10" },
		{ "Thu 10/12/2026", CIRCLE_ORDER_DMY, 0, "2026-12-10" },
		{ "Thursday, 10.12.2026", 0, 0, "2026-12-10" },
		{ "Wed 10/12/2026", CIRCLE_ORDER_DMY, -1, NULL },
		{ "10.12.x", 0, -3, NULL },
		{ "Name", 0, -3, NULL },
		{ "Total", 0, -3, NULL },
		{ "2026", 0, -3, NULL },
		{ "12", 0, -3, NULL },
	};
	struct circle_csv_when	w;
	struct circle_err	e;
	enum circle_date_order	read;
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		circle_err_clear(&e);
		rc = circle_csv_when_parse(t[i].s, t[i].order, 0, &near, &w,
		    &read, &e);
		if (rc != t[i].rc)
			fail_msg("\"%s\": %d, not %d (%s)", t[i].s, rc, t[i].rc,
			    e.msg);
		if (rc == 0)
			assert_string_equal(w.day, t[i].day);
	}
	assert_int_equal(circle_csv_when_parse("10-Dec", 0, 0, &near, &w,
	    &read, &e), 0);
	assert_int_equal(w.yearless, 1);
	assert_int_equal(circle_csv_when_parse("10-Dec-2026", 0, 0, &near, &w,
	    &read, &e), 0);
	assert_int_equal(w.yearless, 0);
	/* Without a day to be near, as a roster's dates are read. */
	assert_int_equal(circle_csv_when_parse("10-Dec", 0, 0, NULL, &w,
	    &read, &e), -1);
	assert_int_equal(circle_csv_when_parse("24/11", 0, 0, NULL, &w,
	    &read, &e), -3);
	assert_string_equal(e.msg, "\"24/11\": of which year? Give the year "
	    "too, or write YYYY-MM-DD");
	assert_int_equal(circle_csv_when_parse("Wed 10/12/2026",
	    CIRCLE_ORDER_DMY, 0, NULL, &w, &read, &e), -1);
	assert_string_equal(e.msg, "\"Wed 10/12/2026\": 10 December 2026 is "
	    "a Thursday, not a Wednesday");
}

static void
test_when_parse(void **state)
{
	static const struct {
		const char	*s;
		enum circle_date_order order;
		int		 rc;
		const char	*day;
		int		 has_time, h, m, zone;
		enum circle_date_order read;
	} t[] = {
		{ "2026-11-24", 0, 0, "2026-11-24", 0, 0, 0, 0, 0 },
		{ "2026/11/24", 0, 0, "2026-11-24", 0, 0, 0, 0, 0 },
		{ "2026-11-24T10:00:00", 0, 0, "2026-11-24", 1, 10, 0, 0, 0 },
		{ "2026-11-24 19:05:30.250", 0, 0, "2026-11-24", 1, 19, 5, 0,
		    0 },
		{ "2026-11-24T23:05:12Z", 0, 0, "2026-11-24", 1, 23, 5, 1, 0 },
		{ "2026-11-24T10:00+01:00", 0, 0, "2026-11-24", 1, 10, 0, 1,
		    0 },
		{ "24/11/2026", 0, 0, "2026-11-24", 0, 0, 0, 0, D },
		{ "11/24/2026", 0, 0, "2026-11-24", 0, 0, 0, 0, M },
		{ "4/28/2026 7:05:00 PM", 0, 0, "2026-04-28", 1, 19, 5, 0,
		    M },
		{ "24.11.2026 19.00", 0, 0, "2026-11-24", 1, 19, 0, 0, D },
		{ "03/03/2026", 0, 0, "2026-03-03", 0, 0, 0, 0, 0 },
		{ "03/04/2026", 0, -2, NULL, 0, 0, 0, 0, 0 },
		{ "03.04.2026", 0, 0, "2026-04-03", 0, 0, 0, 0, 0 },
		{ "03/04/2026", D, 0, "2026-04-03", 0, 0, 0, 0, 0 },
		{ "03/04/2026", M, 0, "2026-03-04", 0, 0, 0, 0, 0 },
		{ "13/04/2026", M, -1, NULL, 0, 0, 0, 0, 0 },
		{ "2026-02-30", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "1/2/26", D, 0, "2026-02-01", 0, 0, 0, 0, 0 },
		{ "11/24/26 19:00:00", 0, 0, "2026-11-24", 1, 19, 0, 0, M },
		{ "1/2/2", D, -1, NULL, 0, 0, 0, 0, 0 },
		{ "24-Nov-2026", 0, 0, "2026-11-24", 0, 0, 0, 0, 0 },
		{ "24-Nov-26", 0, 0, "2026-11-24", 0, 0, 0, 0, 0 },
		{ "24 November 2026 19:00", 0, 0, "2026-11-24", 1, 19, 0, 0,
		    0 },
		{ "Tuesday, 24 November 2026", 0, 0, "2026-11-24", 0, 0, 0, 0,
		    0 },
		{ "Tuesday, November 24, 2026 at 7:00 PM", 0, 0, "2026-11-24",
		    1, 19, 0, 0, 0 },
		{ "Nov 24, 2026 7:30 pm", 0, 0, "2026-11-24", 1, 19, 30, 0, 0 },
		{ "Monday, 24 November 2026", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "24 Nov", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "31-Nov-2026", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "2026/11/24 7:01:02 PM GMT", 0, 0, "2026-11-24", 1, 19, 1, 1,
		    0 },
		{ "2026/11/24 7:01:02 PM GMT+5:30", 0, 0, "2026-11-24", 1, 19,
		    1, 1, 0 },
		{ "2026/11/24 7:01:02 PM GMT+15", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "2026-11-24T19:00:00 GMTX", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "46350", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "2026-11-24T25:00", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "24/11/2026T10:00", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "24/11/2026 12am", 0, 0, "2026-11-24", 1, 0, 0, 0, D },
		{ "24/11/2026 12:30 p.m.", 0, 0, "2026-11-24", 1, 12, 30, 0,
		    D },
		{ "24/11/2026 13pm", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "tomorrow", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "00/04/2024", 0, -1, NULL, 0, 0, 0, 0, 0 },
		{ "4/0/2024", M, -1, NULL, 0, 0, 0, 0, 0 },
		{ "", 0, -1, NULL, 0, 0, 0, 0, 0 },
	};
	struct circle_csv_when	w;
	struct circle_err	e;
	size_t			i;
	enum circle_date_order	read;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		circle_err_clear(&e);
		if (refused(circle_csv_when_parse(t[i].s, t[i].order, 0, NULL,
		    &w, &read, &e)) != t[i].rc)
			fail_msg("\"%s\": not %d (%s)", t[i].s, t[i].rc, e.msg);
		if (t[i].rc != 0) {
			assert_int_equal(e.code, CIRCLE_EDATA);
			continue;
		}
		assert_string_equal(w.day, t[i].day);
		assert_int_equal(w.has_time, t[i].has_time);
		assert_int_equal(w.h, t[i].h);
		assert_int_equal(w.m, t[i].m);
		assert_int_equal(w.zone, t[i].zone);
		assert_int_equal(read, t[i].read);
	}
}

/*
 * The zones forms and programs write after a time: offsets in every
 * spelling, and the time zone database's abbreviations, with each of
 * their readings; an unknown one refused by name.
 */
static void
test_when_zones(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, h, m, sec, zone, off;
	} t[] = {
		{ "2026/12/09 7:02:11 PM GMT-5", 0, 19, 2, 11, 1, -300 },
		{ "2026/12/09 7:02:11 PM GMT+01:00", 0, 19, 2, 11, 1, 60 },
		{ "2026/12/09 7:02:11 PM GMT+0530", 0, 19, 2, 11, 1, 330 },
		{ "2026-12-09 19:02 UTC+1", 0, 19, 2, 0, 1, 60 },
		{ "2026-12-09 19:02 UTC", 0, 19, 2, 0, 1, 0 },
		{ "2026-12-09 19:02 +0100", 0, 19, 2, 0, 1, 60 },
		{ "2026-12-09T19:02:00-0500", 0, 19, 2, 0, 1, -300 },
		{ "2026-12-09T19:02:00+05:30", 0, 19, 2, 0, 1, 330 },
		{ "2026-12-09T19:02:00-03", 0, 19, 2, 0, 1, -180 },
		{ "2026-12-09 19:02:11 EDT", 0, 19, 2, 11, 1, -240 },
		{ "2026/12/09 7:02:11 PM EST", 0, 19, 2, 11, 1, -300 },
		{ "2026-12-09 19:02 CET", 0, 19, 2, 0, 1, 60 },
		{ "2026-12-09 19:02 cest ", 0, 19, 2, 0, 1, 120 },
		{ "2026-12-09 19:02 BST", 0, 19, 2, 0, 1, 60 },
		{ "2026-12-09 7pm AEDT", 0, 19, 0, 0, 1, 660 },
		{ "2026-12-09 7:00 AM NST", 0, 7, 0, 0, 1, -210 },
		{ "2026-12-09 19:02 WET", 0, 19, 2, 0, 1, 0 },
		{ "2026-12-09 19:02 ChST", 0, 19, 2, 0, 1, 600 },
		/* Several zones': never guessed. */
		{ "Dec 9, 2026 7:02 PM PST", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 CST", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 IST", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 GMT-15", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 +01:60", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 +010", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 +1", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 EST EDT", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 EST+1", -1, 0, 0, 0, 0, 0 },
		{ "2026-12-09 19:02 Eastern", -1, 0, 0, 0, 0, 0 },
	};
	struct circle_csv_when	w;
	struct circle_err	e;
	enum circle_date_order	read;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		circle_err_clear(&e);
		if (refused(circle_csv_when_parse(t[i].s, 0, 0, NULL, &w, &read,
		    &e)) != t[i].rc)
			fail_msg("\"%s\": not %d (%s)", t[i].s, t[i].rc, e.msg);
		if (t[i].rc != 0)
			continue;
		if (w.h != t[i].h || w.m != t[i].m || w.s != t[i].sec ||
		    w.zone != t[i].zone || w.offset != t[i].off)
			fail_msg("\"%s\": %d:%d:%d zone %d offset %d", t[i].s,
			    w.h, w.m, w.s, w.zone, w.offset);
	}
	assert_int_equal(circle_csv_when_parse("2026-12-09 19:02 XYZ", 0, 0,
	    NULL, &w, &read, &e), -1);
	assert_string_equal(e.msg, "\"2026-12-09 19:02 XYZ\": \"XYZ\" is no "
	    "time zone abbreviation circle knows; write the offset (GMT-5, "
	    "+01:00), or the time in the group's zone without one");
	assert_int_equal(circle_csv_when_parse("2026/12/09 7:02:11 PM EAST",
	    0, 0, NULL, &w, &read, &e), -1);
	assert_non_null(strstr(e.msg, "\"EAST\" is no time zone abbreviation"));
	assert_int_equal(circle_csv_when_parse("2026-12-09 19:02 CST", 0, 0,
	    NULL, &w, &read, &e), -1);
	assert_string_equal(e.msg, "\"2026-12-09 19:02 CST\": \"CST\" stands "
	    "for several zones (UTC-6:00, UTC-5:00 or UTC+8:00); write the "
	    "offset (GMT-5, +01:00), or the time in the group's zone without "
	    "one");
	assert_int_equal(circle_csv_when_parse("2026-12-09 19:02 pst", 0, 0,
	    NULL, &w, &read, &e), -1);
	assert_non_null(strstr(e.msg, "(UTC-8:00 or UTC+8:00)"));
	/* Microsoft Forms' two-digit year, read by the file's order. */
	assert_int_equal(circle_csv_when_parse("12/9/26 19:02:11",
	    CIRCLE_ORDER_MDY, 0, NULL, &w, &read, &e), 0);
	assert_string_equal(w.day, "2026-12-09");
	assert_int_equal(circle_csv_when_parse("12/9/2026 19:02:11 EDT",
	    CIRCLE_ORDER_MDY, 0, NULL, &w, &read, &e), 0);
	assert_string_equal(w.day, "2026-12-09");
	assert_int_equal(w.offset, -240);
	/* A time of day alone never takes a zone. */
	assert_int_equal(circle_csv_when_parse("2026-12-09", 0, 0, NULL, &w,
	    &read, &e), 0);
	assert_int_equal(w.zone, 0);
}

/* A time of day alone, as sign-in sheets and group files give it. */
static void
test_clock(void **state)
{
	static const struct {
		const char	*s;
		int		 rc, h, m;
	} t[] = {
		{ "19:00", 0, 19, 0 }, { "7pm", 0, 19, 0 }, { "7:30 pm", 0, 19, 30 },
		{ "19.00", 0, 19, 0 }, { "1900", 0, 19, 0 }, { "0930", 0, 9, 30 },
		{ " 7.15 p.m.", 0, 19, 15 }, { "12am", 0, 0, 0 },
		{ "2460", -1, 0, 0 }, { "2400", -1, 0, 0 }, { "190", -1, 0, 0 },
		{ "19000", -1, 0, 0 }, { "13pm", -1, 0, 0 }, { "19", -1, 0, 0 },
		{ "7 oclock", -1, 0, 0 }, { "", -1, 0, 0 },
		/* As facilitators type them. */
		{ "noon", 0, 12, 0 }, { "Midnight", 0, 0, 0 },
		{ "7.30pm", 0, 19, 30 }, { "19h30", 0, 19, 30 },
		{ "7 pm", 0, 19, 0 }, { "7:30 p.m.", 0, 19, 30 },
		{ "12 noon", 0, 12, 0 }, { "19h", 0, 19, 0 },
		{ "7:30 EST", -1, 0, 0 }, { "19:00Z", -1, 0, 0 },
	};
	size_t	i;
	int	h, m;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		if (circle_clock_read(t[i].s, &h, &m) != t[i].rc)
			fail_msg("\"%s\": not %d", t[i].s, t[i].rc);
		if (t[i].rc == 0 && (h != t[i].h || m != t[i].m))
			fail_msg("\"%s\": %d:%d", t[i].s, h, m);
	}
}

/* Ticks and yes-or-no answers as forms and spreadsheets write them. */
static void
test_yesno(void **state)
{
	static const struct {
		const char	*s;
		int		 yes, more;
	} t[] = {
		{ "yes", 1, 0 }, { "Y", 1, 0 }, { "TRUE", 1, 0 }, { "x", 1, 0 },
		{ "\u2713", 1, 0 }, { "\u2714", 1, 0 }, { "\u2611", 1, 0 },
		{ " 1 ", 1, 0 }, { "I agree", 1, 0 }, { "Agreed", 1, 0 },
		{ "Yes, you may contact me", 1, 0 },
		{ "Yes! I\u2019m happy to be contacted", 1, 0 },
		{ "Yes - by email only", 1, 1 },
		{ "Yes, but only by text", 1, 1 },
		{ "no", 0, 0 }, { "N", 0, 0 }, { "FALSE", 0, 0 },
		{ "\u2610", 0, 0 }, { "No thanks", 0, 0 }, { " On ", 1, 0 },
		{ "off", 0, 0 }, { "0", 0, 0 },
		/* A setting's yes or no begins an answer as yes and no do. */
		{ "True, you may contact me", 1, 0 },
		{ "False - do not contact", 0, 0 },
		{ "No, please don\u2019t", 0, 0 }, { "I do not agree", 0, 0 },
		{ "I don't agree", 0, 0 }, { "Do not contact me", 0, 0 },
		/* Never guessed. */
		{ "Yes, but do not contact me", -1, 0 },
		{ "No problem", -1, 0 }, { "maybe", -1, 0 }, { "n/a", -1, 0 },
		{ "y/n", -1, 0 }, { "", -1, 0 }, { "Yesterday", -1, 0 },
		{ "Nothing", -1, 0 }, { "2", -1, 0 }, { "agreeable", -1, 0 },
		{ "\u2717", -1, 0 },
		/* Forms in other languages; accents aside. */
		{ "Oui", 1, 0 }, { "S\u00ed", 1, 0 }, { "si", 1, 0 },
		{ "Sim", 1, 0 }, { "JA", 1, 0 }, { "Non", 0, 0 },
		{ "N\u00e3o", 0, 0 }, { "Nein", 0, 0 }, { "nee", 0, 0 },
		{ "Non, merci", 0, 0 }, { "Oui, par courriel", 1, 1 },
		{ "D\u2019accord", 1, 0 }, { "Acepto", 1, 0 },
		{ "Oui, mais ne me contactez pas", -1, 0 },
		{ "Ja, aber nicht anrufen", -1, 0 }, { "Sinon", -1, 0 },
		{ "Jamais", -1, 0 },
		/* Polish (tak, nie) and German's never (nie): yes and a no
		 * after it is neither, as in English */
		{ "Tak", 1, 0 }, { "Nie", 0, 0 }, { "Nie, dzi\u0119kuj\u0119", 0, 0 },
		{ "Tak, ale nie dzwo\u0144cie do mnie", -1, 0 },
		{ "Ja, aber nie anrufen", -1, 0 },
		{ "Nie ma problemu", -1, 0 },
		{ "Oui, mais jamais par t\u00e9l\u00e9phone", -1, 0 },
		{ "S\u00ed, pero nunca por tel\u00e9fono", -1, 0 },
		{ "Ja, maar nooit bellen", -1, 0 },
		/* Japanese alone (はい, いいえ); a phrase is no ASCII word's */
		{ "\u306f\u3044", 1, 0 }, { " \u3044\u3044\u3048 ", 0, 0 },
		{ "\u306f\u3044\u3001\u3067\u3082\u9023\u7d61\u3057\u306a"
		  "\u3044\u3067\u304f\u3060\u3055\u3044", -1, 0 },
	};
	size_t	i;
	int	more;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		more = -1;
		if (circle_csv_yesno(t[i].s, &more) != t[i].yes)
			fail_msg("\"%s\": not %d", t[i].s, t[i].yes);
		if (t[i].yes != -1 && more != t[i].more)
			fail_msg("\"%s\": more not %d", t[i].s, t[i].more);
	}
	assert_int_equal(circle_csv_tick("TRUE"), 1);
	assert_int_equal(circle_csv_tick("false"), 0);
	assert_int_equal(circle_csv_tick("yes"), -1);
	assert_int_equal(circle_csv_tick("checked"), 1);
	assert_int_equal(circle_csv_tick("Unchecked"), 0);
	assert_int_equal(circle_csv_tick("checkedd"), -1);
}

/* What a cell that is no date is told, by day.c's rule of the readings. */
static void
test_when_messages(void **state)
{
	static const struct {
		const char		*s;
		enum circle_date_order	 order;
		int			 rc;
		const char		*msg;
	} t[] = {
		{ "03/04/2026", 0, -2, "\"03/04/2026\" is 3 April 2026 day first "
		    "or March 4, 2026 month first; give --date-order dmy or "
		    "--date-order mdy" },
		/* ymd says nothing of a date with its year last. */
		{ "03/04/2026", CIRCLE_ORDER_YMD, -2, "\"03/04/2026\" is 3 "
		    "April 2026 day first or March 4, 2026 month first; give "
		    "--date-order dmy or --date-order mdy" },
		{ "24/11/2026", CIRCLE_ORDER_YMD, 0, NULL },
		{ "13/04/2026", M, -1, "\"13/04/2026\" is not a date month "
		    "first (--date-order mdy)" },
		{ "04/13/2026", D, -1, "\"04/13/2026\" is not a date day first "
		    "(--date-order dmy)" },
		{ "31/04/2026", D, -1, "\"31/04/2026\" is not a day of the "
		    "calendar" },
		{ "31/02/2026", 0, -1, "\"31/02/2026\" is not a day of the "
		    "calendar" },
		{ "2026-13-01", 0, -1, "\"2026-13-01\" is not a day of the "
		    "calendar" },
		{ "13/13/2026", 0, -1, "\"13/13/2026\" is not a date "
		    "(2026-11-24, 24/11/2026 or 11/24/2026, 24 Nov 2026, a time "
		    "after it if need be)" },
		{ "1/2/26", 0, -2, "\"1/2/26\" is 1 February 2026 day first or "
		    "January 2, 2026 month first; give --date-order dmy or "
		    "--date-order mdy" },
		{ "Monday, 24 November 2026", 0, -1, "\"Monday, 24 November "
		    "2026\": 24 November 2026 is a Tuesday, not a Monday" },
		{ "24 Nov", 0, -1, "\"24 Nov\": 24 November of which year? "
		    "Give the year too" },
		{ "Tue 28 Apr 7:05 PM", 0, -1, "\"Tue 28 Apr 7:05 PM\": 28 "
		    "April of which year? Give the year too" },
		{ "28 Apr 19:05", 0, -1, "\"28 Apr 19:05\": 28 April of "
		    "which year? Give the year too" },
		{ "31-Nov-2026", 0, -1, "\"31-Nov-2026\": there is no 31 "
		    "November" },
		{ "2026-11-24 7 o'clock", 0, -1, "\"2026-11-24 7 o'clock\": "
		    "\"7 o'clock\" is not a time of day (19:00, 19:00:00, 7pm, "
		    "7:30 pm)" },
	};
	struct circle_csv_when	w;
	struct circle_err	e;
	size_t			i;
	enum circle_date_order	read;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		circle_err_clear(&e);
		if (refused(circle_csv_when_parse(t[i].s, t[i].order, 0, NULL,
		    &w, &read, &e)) != t[i].rc)
			fail_msg("\"%s\": not %d (%s)", t[i].s, t[i].rc, e.msg);
		if (t[i].msg != NULL)
			assert_string_equal(e.msg, t[i].msg);
	}
}

#undef D
#undef M

static void
test_delimiters_and_encodings(void **state)
{
	struct circle_csv	*c;
	struct circle_csv_row	*r;
	struct circle_err	 e;
	char			 said[128];

	/* Semicolons after Excel's sep= line: the header is line 2. */
	c = open_str("sep=;\r\nName;Notes, more\r\nAna;\"a;b\"\r\n");
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(r->line, 2);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(r->fields[1], "Notes, more");
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_string_equal(r->fields[1], "a;b");
	circle_csv_said(c, said, sizeof said);
	assert_string_equal(said, "UTF-8, semicolon-separated (its sep= "
	    "line)");
	circle_csv_close(c);
	/* Tabs, spaces kept inside a field; UTF-16LE by its BOM. */
	c = open_mem("\xff\xfeN\0a\0m\0e\0\t\0N\0o\0\r\0\n\0Z\0o\0\xeb\0\t\0"
	    " \0x\0\r\0\n\0", 34);
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_string_equal(r->fields[0], "Zo\xc3\xab");
	assert_string_equal(r->fields[1], "x");
	circle_csv_said(c, said, sizeof said);
	assert_string_equal(said, "UTF-16LE, tab-separated");
	circle_csv_close(c);
	/* A first line with no delimiter (a title, Teams' "1. Summary"):
	 * the first line with one says it. */
	c = open_str("1. Summary\r\n\r\nTitle\tA, b\r\nX\tY\r\n");
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(r->nfields, 1);
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(r->line, 3);
	assert_int_equal(r->nfields, 2);
	assert_string_equal(r->fields[1], "A, b");
	circle_csv_said(c, said, sizeof said);
	assert_string_equal(said, "UTF-8, tab-separated");
	circle_csv_close(c);
	/* A UTF-16 file cut in the middle of a character. */
	c = open_mem("\xff\xfeN\0a\0\r\0\n\0Z", 11);
	assert_int_equal(circle_csv_next(c, &r, &e), 1);
	assert_int_equal(circle_csv_next(c, &r, &e), -1);
	assert_string_equal(e.msg, "in.csv:2: ends in the middle of a "
	    "UTF-16LE character; give --encoding with the file's encoding, "
	    "or save it as CSV UTF-8");
	circle_csv_close(c);
}

/* circle_read_whole: the head given, then the rest, up to a cap. */
static void
test_read_whole(void **state)
{
	FILE	*fp;
	char	*buf, whole[128];
	size_t	 len;

	snprintf(whole, sizeof whole, "%s/whole", tmpdir);
	assert_non_null(fp = fopen(whole, "w"));
	fputs("rest of it", fp);
	fclose(fp);
	assert_non_null(fp = fopen(whole, "r"));
	assert_int_equal(circle_read_whole(fp, "head, ", 6, 100, &buf, &len),
	    0);
	fclose(fp);
	assert_int_equal(len, 16);
	assert_string_equal(buf, "head, rest of it");
	free(buf);
	/* Over the cap: stopped there, and said by a length past it. */
	assert_non_null(fp = fopen(whole, "r"));
	assert_int_equal(circle_read_whole(fp, NULL, 0, 4, &buf, &len), 0);
	fclose(fp);
	assert_true(len > 4);
	assert_int_equal(buf[len], '\0');
	free(buf);
	unlink(whole);
	/* An empty stream: an empty string. */
	assert_non_null(fp = fopen("/dev/null", "r"));
	assert_int_equal(circle_read_whole(fp, NULL, 0, 4, &buf, &len), 0);
	fclose(fp);
	assert_int_equal(len, 0);
	assert_string_equal(buf, "");
	free(buf);
}

/* What a file is by its first bytes: a tag ends as XML ends a name. */
static void
test_file_kind(void **state)
{
	static const struct {
		const char		*h;
		enum circle_file_kind	 kind;
	} t[] = {
		{ "<?xml version=\"1.0\"?>\n<office:document office:version="
		    "\"1.3\">", CIRCLE_FILE_FODS },
		{ "<?xml version=\"1.0\"?>\n<office:document\n office:version="
		    "\"1.3\">", CIRCLE_FILE_FODS },
		{ "<?xml version=\"1.0\"?>\n<office:document\toffice:version="
		    "\"1.3\">", CIRCLE_FILE_FODS },
		{ "<?xml version=\"1.0\"?>\r\n<office:document\r\n>",
		    CIRCLE_FILE_FODS },
		{ "<office:document>", CIRCLE_FILE_FODS },
		{ "<office:document-content xmlns:office=\"x\">",
		    CIRCLE_FILE_TEXT },
		{ "<office:document", CIRCLE_FILE_TEXT },
		{ "<!DOCTYPE html>\n<html>", CIRCLE_FILE_HTML },
		{ "<!DOCTYPE\n\thtml>", CIRCLE_FILE_HTML },
		{ "<html\nlang=\"en\">", CIRCLE_FILE_HTML },
		{ "<TABLE border=1>", CIRCLE_FILE_HTML },
		{ "<tablet>", CIRCLE_FILE_TEXT },
		{ "<!doctypehtml>", CIRCLE_FILE_TEXT },
		{ "Name,Email\n", CIRCLE_FILE_TEXT },
	};
	size_t	i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_int_equal(circle_csv_kind((const unsigned char *)t[i].h,
		    strlen(t[i].h)), t[i].kind);
}

/* Which cells say a row is a row of totals. */
static void
test_totals_label(void **state)
{
	static const char *const yes[] = { "Total", "TOTALS", "Total:",
	    "Total 16", "Grand total", "Sub-total", "Sum", "Count",
	    "Headcount", "Number present", " total: 16 ", "Grand \ttotal",
	    "SUM:", "Count2", "Attendance", "Grand Totals (12 records)",
	    "Grand Totals (1 record)", "Total (3 records) " };
	static const char *const no[] = { "Lee Total", "Totally", "", "Ann",
	    "16", "Su M.", "S.U.M.", "Sum M", "Sum-up", "Grandtotal",
	    "Total: Ann", "Count Olaf", "Total (records)", "Total (3 people)",
	    "Grand Totals (12 records" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(circle_csv_totals_label(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(circle_csv_totals_label(no[i]));
	assert_false(circle_csv_totals_label(NULL));
}

/* UTF-8 written twice over, as Excel saves a UTF-8 file it read as
 * Windows-1252; and text that only looks so. */
static void
test_text_twice(void **state)
{
	static const struct {
		const char	*v, *meant;
	} yes[] = {
		{ "Ren\xc3\x83\xc2\xa9", "Ren\xc3\xa9" },
		{ "Ann\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", "Ann\xe2\x80\x99s" },
		{ "\xc3\x83\xe2\x80\xb0mile", "\xc3\x89mile" },
		/* Cyrillic: "Игорь" twice over. */
		{ "\xc3\x90\xcb\x9c\xc3\x90\xc2\xb3\xc3\x90\xc2\xbe"
		  "\xc3\x91\xe2\x82\xac\xc3\x91\xc5\x92",
		  "\xd0\x98\xd0\xb3\xd0\xbe\xd1\x80\xd1\x8c" },
	};
	static const char *const no[] = { "Ann", "Ren\xc3\xa9",
	    "Ann\xe2\x80\x99s", "Zo\xc3\xab", "\xd0\x98\xd0\xb3\xd0\xbe\xd1\x80\xd1\x8c",
	    /* "JOSÉ’S": É and ’ are a UTF-8 IPA letter as bytes. */
	    "JOS\xc3\x89\xe2\x80\x99S",
	    /* A character Windows-1252 has no byte for. */
	    "\xc3\x83\xc2\xa9\xe2\x98\x83", "" };
	char	out[64];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		assert_true(circle_text_twice(yes[i].v, out, sizeof out));
		assert_string_equal(out, yes[i].meant);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(circle_text_twice(no[i], out, sizeof out));
	assert_false(circle_text_twice("Ren\xc3\x83\xc2\xa9", out, 4));
}

/* A time with its zone, on the day it is in a group's zone. */
static void
test_when_day_in(void **state)
{
	static const struct {
		const char	*s, *tz, *day;
	} t[] = {
		{ "2026-12-09 23:30 -0500", "Europe/London", "2026-12-10" },
		{ "2026-12-09T01:00:00+09:00", "Europe/London", "2026-12-08" },
		{ "2026-12-09T11:30:00Z", "Pacific/Auckland", "2026-12-10" },
		{ "2026-12-09T10:30:00Z", "Pacific/Auckland", "2026-12-09" },
		/* British summer time begins at 01:00 UTC on 29 March. */
		{ "2026-03-28T23:30:00Z", "Europe/London", "2026-03-28" },
		{ "2026-10-24T23:30:00Z", "Europe/London", "2026-10-25" },
		{ "2026-12-09 19:02 EDT", "America/New_York", "2026-12-09" },
	};
	struct circle_csv_when	w;
	struct circle_err	e;
	enum circle_date_order	read;
	char			day[11];
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		circle_err_clear(&e);
		assert_int_equal(circle_csv_when_parse(t[i].s, 0, 0, NULL, &w,
		    &read, &e), 0);
		assert_int_equal(w.zone, 1);
		assert_int_equal(circle_csv_when_day_in(&w, t[i].tz, day), 0);
		if (strcmp(day, t[i].day) != 0)
			fail_msg("\"%s\" in %s: %s, not %s", t[i].s, t[i].tz,
			    day, t[i].day);
	}
	assert_int_equal(circle_csv_when_day_in(&w, "Nowhere/Else", day), -1);
}

/* The names note-taking bots join calls as, and people's that are not. */
static void
test_call_bot(void **state)
{
	static const char *const bots[] = { "Otter.ai", "otter.AI",
	    "Ann Lee's OtterPilot", "Fireflies.ai Notetaker Bo",
	    "Ann's Fireflies.ai Notetaker", "read.ai meeting notes",
	    "Bo's MeetGeek Notetaker", "Liminal Notetaker" };
	static const char *const people[] = { "Otto Tai", "Ann Reader",
	    "Fire Flies", "Bo Otter", "Note Taker", "Read Ai", "" };
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof bots / sizeof bots[0]; i++)
		if (circle_call_bot(bots[i]) == NULL)
			fail_msg("\"%s\": not a bot", bots[i]);
	for (i = 0; i < sizeof people / sizeof people[0]; i++)
		if (circle_call_bot(people[i]) != NULL)
			fail_msg("\"%s\": a bot", people[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_bom_crlf),
		cmocka_unit_test(test_crcrlf),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_quoted_newlines),
		cmocka_unit_test(test_first_field_multiline),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_no_final_newline),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_malformed_quote),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_too_many_fields),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_close_early),
		cmocka_unit_test(test_reader_header),
		cmocka_unit_test(test_reader_map_column),
		cmocka_unit_test(test_reader_missing_column),
		cmocka_unit_test(test_reader_where),
		cmocka_unit_test(test_reader_quoted_newline),
		cmocka_unit_test(test_reader_blank_and_utf8),
		cmocka_unit_test(test_fold_unicode),
		cmocka_unit_test(test_when_parse),
		cmocka_unit_test(test_when_yearless),
		cmocka_unit_test(test_when_zones),
		cmocka_unit_test(test_when_day_in),
		cmocka_unit_test(test_call_bot),
		cmocka_unit_test(test_when_messages),
		cmocka_unit_test(test_yesno),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_delimiters_and_encodings),
		cmocka_unit_test(test_read_whole),
		cmocka_unit_test(test_file_kind),
		cmocka_unit_test(test_totals_label),
		cmocka_unit_test(test_text_twice),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("csv", tests, setup, teardown);
}
