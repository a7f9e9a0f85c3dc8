/*
 * csv-text.c: fuzz target for what every CSV import reads through before
 * its own fields (lib/csvio.c): the bytes made UTF-8 text (a BOM, UTF-16,
 * an --encoding through iconv, lone-CR line ends), workbooks told apart
 * and an Excel one read (xlsxread.c), the delimiter (sep= or guessed), the
 * rows, headers folded, and dates and times in cells with every bad one
 * kept; then the whole roster import on the same bytes.  The input's first byte picks the encoding
 * (its low 3 bits) and the date order (the next 2).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char *const encodings[8] = { NULL, "windows-1252", "UTF-16LE",
    "UTF-16BE", "macintosh", "UTF-16", "ISO-8859-15", "UTF-8" };
static const char *const orders[4] = { NULL, "dmy", "mdy", NULL };

static const struct circle_csv_field fields[] = {
	{ "name", 0 }, { "date", 1 }, { "time", 2 }, { "group", 3 },
};

/* The reader alone: every row, every cell read as a date, time, header. */
static int
read_all(const char *path, const struct circle_csv_opts *o,
    struct circle_err *e)
{
	struct circle_csv_reader	 r;
	struct circle_csv_when		 w;
	char				 f[256], **bad = NULL;
	size_t				 i, nbad = 0;
	enum circle_date_order		 got, order;
	int				 rc, h, m;

	if (circle_csv_reader_open(&r, path, "input.csv", o, 4, "empty",
	    e) == -1)
		return -1;
	order = r.order;
	circle_csv_map_headers(&r, fields, sizeof fields / sizeof fields[0]);
	circle_csv_describe(&r, (const char *const[]){ "name", "date",
	    "time", "group" }, &bad, &nbad);
	circle_strv_free(bad, nbad);
	bad = NULL;
	nbad = 0;
	while ((rc = circle_csv_reader_next(&r, 1, e)) == 1) {
		for (i = 0; i < r.row->nfields; i++) {
			circle_csv_fold(r.row->fields[i], f, sizeof f);
			(void)circle_csv_when_parse(r.row->fields[i], order,
			    r.order_config, r.near, &w, &got, e);
			circle_err_clear(e);
		}
		if (circle_csv_get(&r, 1) != NULL &&
		    circle_csv_date(&r, 1, &w, e) == -1 &&
		    circle_bad_keep(&r.bad, e) == -1)
			break;
		if (circle_csv_get(&r, 2) != NULL &&
		    circle_csv_time(&r, 2, &h, &m, e) == -1 &&
		    circle_bad_keep(&r.bad, e) == -1)
			break;
	}
	if (rc == 0)
		rc = circle_bad_end(&r.bad, r.name, "imported", &bad, &nbad, e);
	circle_strv_free(bad, nbad);
	circle_csv_reader_close(&r);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_csv_opts		o;
	struct circle_import_opts	io;
	struct circle_import_result	r;
	struct circle_err		e;
	const char			*path;
	int				 rc;

	if (len == 0)
		return 0;
	memset(&o, 0, sizeof o);
	o.encoding = encodings[data[0] & 7];
	o.date_order = orders[(data[0] >> 3) & 3];
	path = fuzz_file(data + 1, len - 1);
	circle_err_clear(&e);
	rc = read_all(path, &o, &e);
	fuzz_check(rc, &e, "input.csv");

	memset(&io, 0, sizeof io);
	io.name = "input.csv";
	io.path = path;
	io.dry_run = 1;
	io.encoding = o.encoding;
	io.date_order = o.date_order;
	circle_err_clear(&e);
	rc = circle_roster_import(fuzz_db(), &io, &r, &e);
	fuzz_check(rc, &e, io.name);
	circle_import_result_release(&r);
	return 0;
}
