/*
 * csvsection.c: the blocks above an import's table that a program's
 * report writes before it, read past: numbered sections (Microsoft
 * Teams' attendance report: "1. Summary", "2. Participants", "3.
 * In-Meeting Activities", each a title row over rows of its own), of
 * which one is the table, and a meeting's summary (Zoom's participants,
 * registration and attendee reports: a header with "Meeting ID", or
 * "Topic" and "ID", its one row, then the table, or a webinar's titled
 * tables, "Attendee Details" read); and
 * the row a survey program writes under its header (SurveyMonkey's).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/* Cells as a section's title: "2. Participants" in the first, the others
 * empty.  The title's words, or NULL. */
static const char *
title_of(char *const *fields, size_t n)
{
	const char	*p;
	size_t		 i, digits;

	if (n == 0)
		return NULL;
	p = fields[0];
	if ((digits = strspn(p, "0123456789")) == 0 || digits > 2 ||
	    p[digits] != '.' || p[digits + 1] != ' ')
		return NULL;
	for (i = 1; i < n; i++)
		if (*fields[i] != '\0')
			return NULL;
	p += digits + 2;
	p += strspn(p, " ");
	return isalpha((unsigned char)*p) ? p : NULL;
}

const char *
circle_csv_section_title(const struct circle_csv_row *row)
{
	return title_of(row->fields, row->nfields);
}

/*
 * When the first row is the title of a report's summary section ("1.
 * Summary", as Teams begins its report, or its words in another
 * language: csvwords.c; a sheet's own title, "1. Week one", is no
 * report's), the rows are read up to the title of the section want
 * names (folded as headers are, as its English word: "participants"),
 * and the row under it taken for the header; the table then ends at the
 * next title (circle_csv_reader_next).  1 when so, 0 when the file has
 * no sections, -1 when it has but not that one, or it holds no table.
 */
int
circle_csv_section(struct circle_csv_reader *r, const char *want,
    struct circle_err *e)
{
	const char	*t;
	char		 f[64];
	int		 rc;

	if ((t = title_of(r->header, r->ncols)) == NULL)
		return 0;
	circle_csv_header_fold(t, f, sizeof f);
	if (strcmp(f, "summary") != 0)
		return 0;
	for (;;) {
		if (t != NULL) {
			circle_csv_header_fold(t, f, sizeof f);
			if (strcmp(f, want) == 0)
				break;
		}
		if ((rc = circle_csv_header_next(r, e)) == -1)
			return -1;
		if (rc == 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: numbered "
			    "sections, but none of them is %s (is this the "
			    "report's own file, as it was downloaded?)",
			    r->name, want);
		t = title_of(r->header, r->ncols);
	}
	if ((rc = circle_csv_header_next(r, e)) == -1)
		return -1;
	if (rc == 0 || title_of(r->header, r->ncols) != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: section \"%s\" "
		    "holds no table", r->name, r->headerline, want);
	r->section = 1;
	return 1;
}

/* Whether the header row is a meeting's summary's, as Zoom writes one:
 * a "Meeting ID" cell, or "Topic" beside "ID" or "Webinar ID", and no
 * column of a person's (a sheet of "ID, Name, Topic", or a report with
 * the meeting's ID on each participant's row, is a table). */
static int
summary_header(const struct circle_csv_reader *r)
{
	static const char *const person[] = { "name", "firstname",
	    "lastname", "fullname", "email", "username", "handle" };
	char	f[16];
	size_t	col, i;
	int	topic = 0, id = 0;

	for (col = 0; col < r->ncols; col++) {
		circle_csv_fold(r->header[col], f, sizeof f);
		for (i = 0; i < sizeof person / sizeof person[0]; i++)
			if (strcmp(f, person[i]) == 0)
				return 0;
	}
	for (col = 0; col < r->ncols; col++) {
		circle_csv_fold(r->header[col], f, sizeof f);
		if (strcmp(f, "meetingid") == 0)
			return 1;
		topic |= strcmp(f, "topic") == 0;
		id |= strcmp(f, "id") == 0 || strcmp(f, "webinarid") == 0;
	}
	return topic && id;
}

/* The column of the summary's start: "Actual Start Time", "Start
 * Time", "Scheduled Time"; -1 if none. */
static int
summary_start_col(const struct circle_csv_reader *r)
{
	static const char *const starts[] = { "actualstarttime",
	    "starttime", "scheduledtime", "scheduledstarttime" };
	char	f[32];
	size_t	col, i;

	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		for (col = 0; col < r->ncols; col++) {
			circle_csv_fold(r->header[col], f, sizeof f);
			if (strcmp(f, starts[i]) == 0)
				return (int)col;
		}
	return -1;
}

/* The title of a Zoom report's table ("Attendee Details", "Host
 * Details"): the header row's one cell, folded, in f; 0 if not one. */
static int
details_title(const struct circle_csv_reader *r, char *f, size_t size)
{
	size_t	n;

	if (r->ncols == 0)
		return 0;
	for (n = 1; n < r->ncols; n++)
		if (*r->header[n] != '\0')
			return 0;
	circle_csv_fold(r->header[0], f, size);
	n = strlen(f);
	return n > 7 && strcmp(f + n - 7, "details") == 0;
}

/*
 * A meeting's summary over the table, as Zoom writes one (its
 * participants, registration and attendee reports): perhaps a line
 * "Report Generated:", a header with a "Meeting ID" cell (or "Topic"
 * and "ID"), one row, a blank line, then the table's header, taken in
 * its place.  The summary's start time is kept in r->summary_start, for
 * rows that have no date.  A webinar's report titles its tables ("Host
 * Details", "Panelist Details", "Attendee Details"): the attendees' (or
 * registrants' or participants') is read.  1 when passed over, 0 when
 * there is none.
 */
int
circle_csv_summary_skip(struct circle_csv_reader *r, struct circle_err *e)
{
	char	f[32];
	size_t	line;
	int	rc, k, col;

	circle_csv_fold(r->ncols > 0 ? r->header[0] : "", f, sizeof f);
	if (strcmp(f, "reportgenerated") == 0 && r->ncols > 1 &&
	    (rc = circle_csv_header_next(r, e)) != 1)
		return rc;
	if (!summary_header(r))
		return 0;
	line = r->headerline;
	col = summary_start_col(r);
	for (k = 0; k < 2; k++) {
		if ((rc = circle_csv_header_next(r, e)) == -1)
			return -1;
		if (rc == 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: a "
			    "meeting's summary, and no table of its "
			    "participants under it", r->name, line);
		if (k == 0 && col >= 0 && (size_t)col < r->ncols) {
			snprintf(r->summary_start, sizeof r->summary_start,
			    "%s", r->header[col]);
			r->summary_line = r->headerline;
		}
	}
	while (details_title(r, f, sizeof f)) {
		k = strcmp(f, "hostdetails") != 0 &&
		    strcmp(f, "panelistdetails") != 0;
		do {
			if ((rc = circle_csv_header_next(r, e)) == -1)
				return -1;
			if (rc == 0)
				return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: "
				    "a meeting's summary, and no table of its "
				    "attendees under it", r->name, line);
		} while (!k && !details_title(r, f, sizeof f));
		if (k)
			break;
	}
	return 1;
}

/*
 * SurveyMonkey's second header row, under its questions: "Response" or
 * "Open-Ended Response" under one, a choice's label under each column of
 * one that takes several, nothing under its own columns (Respondent ID
 * first).  Passed over, its line kept for the dry run (r->subheader); 0
 * when the row under the header is not one, and given back.  Qualtrics'
 * three header rows are read here too (qualtrics_skip).
 */
/*
 * Whether the header row is Qualtrics' first of three: its columns' ids
 * (StartDate, ..., ResponseId, RecordedDate, QID1 or the ids a survey
 * gave its questions).
 */
static int
qualtrics_ids(const struct circle_csv_reader *r)
{
	char	f[64];
	size_t	i;
	int	id = 0, recorded = 0;

	for (i = 0; i < r->ncols; i++) {
		circle_csv_fold(r->header[i], f, sizeof f);
		if (strcmp(f, "responseid") == 0)
			id = 1;
		else if (strcmp(f, "recordeddate") == 0)
			recorded = 1;
	}
	return id && recorded;
}

/* Whether row is Qualtrics' third header row: {"ImportId":...} cells. */
static int
qualtrics_import_ids(const struct circle_csv_row *row)
{
	static const char id[] = "{\"ImportId\":";
	size_t	i, n = 0;

	for (i = 0; i < row->nfields; i++) {
		if (*row->fields[i] == '\0')
			continue;
		if (strncmp(row->fields[i], id, sizeof id - 1) != 0)
			return 0;
		n++;
	}
	return n > 0;
}

/*
 * The zone Qualtrics' ImportId row gives its dates
 * ({"ImportId":"endDate","timeZone":"America/Denver"}; "Z" is UTC) into
 * r->qualtrics_tz; one circle does not know is refused.
 */
static int
qualtrics_zone(struct circle_csv_reader *r, const struct circle_csv_row *row,
    struct circle_err *e)
{
	static const char key[] = "\"timeZone\":\"";
	const char	*p;
	size_t		 i, n;

	for (i = 0; i < row->nfields; i++) {
		if ((p = strstr(row->fields[i], key)) == NULL)
			continue;
		p += sizeof key - 1;
		n = strcspn(p, "\"");
		if (n == 1 && *p == 'Z')
			p = "UTC", n = 3;
		if (n == 0 || n >= sizeof r->qualtrics_tz)
			continue;
		memcpy(r->qualtrics_tz, p, n);
		r->qualtrics_tz[n] = '\0';
		if (!circle_tz_valid(r->qualtrics_tz))
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "Qualtrics gives its dates the time zone \"%s\", "
			    "one circle does not know: download the data again "
			    "in the group's time zone", r->name, row->line,
			    i + 1, r->qualtrics_tz);
		return 0;
	}
	return 0;
}

/*
 * Qualtrics' export ("Download data", CSV or Excel) has three header
 * rows: its columns' ids, their texts (the questions as the survey asks
 * them, "Recipient Email", "End Date"), and a row of {"ImportId":...}.
 * The texts are the header, as a person reads the file; the ids above
 * and the ImportId row under it are left out, the zone that row gives
 * the dates kept (qualtrics_zone).  1 when it was one, 0 when not
 * (nothing read), -1 on an error.
 */
static int
qualtrics_skip(struct circle_csv_reader *r, struct circle_err *e)
{
	struct circle_csv_row	*row;
	int			 rc;

	if (!qualtrics_ids(r))
		return 0;
	if ((rc = circle_csv_header_next(r, e)) != 1)
		return rc;
	if ((rc = circle_csv_next(r->csv, &row, e)) == -1)
		return -1;
	if (rc == 1 && qualtrics_import_ids(row)) {
		r->subheader = row->line;
		if (qualtrics_zone(r, row, e) == -1)
			return -1;
	} else if (rc == 1)
		circle_csv_give_back(r);
	r->qualtrics = 1;
	return 1;
}

int
circle_csv_subheader_skip(struct circle_csv_reader *r, struct circle_err *e)
{
	struct circle_csv_row	*row;
	size_t			 i;
	int			 rc, said = 0;

	if ((rc = qualtrics_skip(r, e)) != 0)
		return rc;

	/* Read as it is: its cells are checked when read again, once
	 * --map has said which columns nothing reads. */
	if ((rc = circle_csv_next(r->csv, &row, e)) != 1)
		return rc;
	for (i = 1; i < row->nfields; i++)
		if (strcasecmp(row->fields[i], "Response") == 0 ||
		    strcasecmp(row->fields[i], "Open-Ended Response") == 0)
			said = 1;
	if (row->nfields > 1 && *row->fields[0] == '\0' && said) {
		r->subheader = row->line;
		return 1;
	}
	circle_csv_give_back(r);
	return 0;
}
