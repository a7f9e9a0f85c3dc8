/*
 * icsfile.c: a calendar from a file, for circle_ics_import: what a file
 * that is no calendar is, and a calendar's text in UTF-8 whatever the
 * file's encoding.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "csvtext.h"

/*
 * What a file that is no calendar is, from its first bytes (by the rule
 * the tables' readers go by, circle_csv_kind), for a path (the standard
 * input cannot be looked at twice); NULL for anything else.  Google
 * Calendar's export is a zip of one .ics a calendar; a calendar's address
 * gives a web page when the calendar is private or wants a sign-in.
 */
static const char *
not_calendar(const char *path)
{
	unsigned char	 h[512];
	FILE		*fp;
	size_t		 n;

	if (strcmp(path, "-") == 0 || (fp = fopen(path, "rb")) == NULL)
		return NULL;
	n = fread(h, 1, sizeof h, fp);
	fclose(fp);
	switch (circle_csv_kind(h, n)) {
	case CIRCLE_FILE_ZIP:
		return "a zip archive, not a calendar (Google Calendar exports "
		    "one: unzip it and import each .ics file in it)";
	case CIRCLE_FILE_XLS:
		return "an Outlook or Office document, not a calendar (in "
		    "Outlook choose File > Save Calendar, as .ics)";
	case CIRCLE_FILE_HTML:
		return "a web page (HTML), not a calendar, as a calendar's "
		    "address gives when the calendar is private or wants a "
		    "sign-in: export the calendar as .ics from its program (or "
		    "make its address public), and import that";
	case CIRCLE_FILE_TEXT:
		return NULL;
	default:
		return "a spreadsheet, not a calendar: a calendar's meetings "
		    "come from the .ics file its program exports";
	}
}

/*
 * The same, from a file ("-": the standard input), read as UTF-8 text
 * through the rule every file circle reads goes by (csvtext.c): a byte
 * order mark, UTF-16, or the --encoding given, converted.
 */
int
circle_ics_import_file(struct circle_db *db, const char *path,
    const struct circle_ics_import_opts *o,
    struct circle_ics_import_result *r, struct circle_err *e)
{
	const char	*name = strcmp(path, "-") == 0 ? "stdin" : path, *what;
	struct source	*src;
	FILE		*fp;
	char		*buf = NULL;
	size_t		 len = 0;
	int		 rc;

	memset(r, 0, sizeof *r);
	if ((what = not_calendar(path)) != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s: %s", name, what);
	if ((fp = circle_csv_source_open(path, name, o->encoding, &src,
	    e)) == NULL)
		return -1;
	if (circle_read_whole(fp, NULL, 0, CIRCLE_ICS_MAX_BYTES, &buf,
	    &len) == -1) {
		if (src->why[0] != '\0')
			rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu: %s; %s",
			    name, src->whyline, src->why, strncasecmp(src->from,
			    "UTF-16", 6) == 0 ? "the file is cut short or "
			    "damaged: export it again" : "give --encoding with "
			    "the file's encoding, or export it again");
		else
			rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", name,
			    strerror(errno));
		goto out;
	}
	rc = circle_ics_import(db, buf, len, name, o, r, e);
out:
	fclose(fp);
	free(buf);
	return rc;
}

void
circle_ics_import_result_release(struct circle_ics_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	memset(r, 0, sizeof *r);
}
