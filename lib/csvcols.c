/*
 * csvcols.c: what an import's columns mean beyond the words of their
 * headers, for every import (roster, check-ins, sign-in sheets): a name
 * in two halves ("Name" beside "Surname"), read as one name; Microsoft
 * Forms' own columns before a form's questions; a row of totals.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/*
 * A "Name" column beside a last name's is the first name, and beside a
 * first name's the last ("Name, Surname"; "Vorname, Name"; "Prénom,
 * Nom"): the one rule of it, for every import that reads a name in two
 * halves (fields name, first and last).  Not a column --map named the
 * name: the user said what it is.
 */
void
circle_csv_name_halves(struct circle_csv_reader *r, int name, int first,
    int last)
{
	int	col = r->fieldcol[name];

	if (col < 0 || (r->fieldcol[first] < 0) == (r->fieldcol[last] < 0) ||
	    circle_csv_mapped(r, col))
		return;
	circle_csv_map_column(r, (size_t)col, r->fieldcol[first] < 0 ? first :
	    last);
}

/*
 * The current row's first and last names as one name ("Sam" and
 * "Whitfield"; a first name that ends with the last already is that
 * alone: circle_name_holds_last), *field the cell to place an error at;
 * NULL when both are empty.  It lives in r until the next call.
 */
const char *
circle_csv_name_joined(struct circle_csv_reader *r, int first, int last,
    int *field)
{
	const char	*f = circle_csv_get(r, first);
	const char	*l = circle_csv_get(r, last);

	free(r->joined);
	r->joined = NULL;
	if (f == NULL && l == NULL)
		return NULL;
	*field = f != NULL ? first : last;
	if (f == NULL || l == NULL || circle_name_holds_last(f, l))
		r->joined = circle_xstrdup(f != NULL ? f : l);
	else
		circle_xasprintf(&r->joined, "%s %s", f, l);
	return r->joined;
}

/*
 * Microsoft Forms' export of a form's responses ("Open results in Excel",
 * its CSV too) begins with its own columns: ID, Start time, Completion
 * time, Email, Name, and in newer exports Last modified time; one column a
 * question follows.  Email and Name are the account that answered, as
 * Forms recorded it: "anonymous" and empty when the form takes answers
 * from anyone.  What column col is of these: CIRCLE_FORM_WHO for Email
 * and Name, CIRCLE_FORM_BOOK for the others, 0 for a question's column
 * or any column of another file.
 */
/*
 * SurveyMonkey's own columns, before the ones it shares with a roster
 * (Email Address, First Name, Last Name) and the questions: Respondent
 * ID, Collector ID, Start Date, End Date, IP Address, and Custom Data 1
 * after them.  Whether column col is one.
 */
static int
monkey_own(const struct circle_csv_reader *r, size_t col)
{
	static const char *const own[] = { "respondentid", "collectorid",
	    "startdate", "enddate", "ipaddress" };
	char	f[64];
	size_t	i;

	if (r->ncols < 5 || col >= r->ncols)
		return 0;
	for (i = 0; i < 5; i++) {
		circle_csv_fold(r->header[i], f, sizeof f);
		if (strcmp(f, own[i]) != 0)
			return 0;
	}
	circle_csv_fold(r->header[col], f, sizeof f);
	return col < 5 || strcmp(f, "customdata1") == 0;
}

/*
 * Typeform's own columns around a form's questions: "#" (the response's
 * token) first, and after them Start Date (UTC), Submit Date (UTC), Stage
 * Date (UTC) and Network ID.  Whether column col is one, in a file that
 * begins with "#" and has Submit Date (UTC).
 */
static int
typeform_own(const struct circle_csv_reader *r, size_t col)
{
	static const char *const own[] = { "startdateutc", "submitdateutc",
	    "stagedateutc", "networkid" };
	char	f[64];
	size_t	i;
	int	submit = 0;

	if (r->ncols < 2 || col >= r->ncols || strcmp(r->header[0], "#") != 0)
		return 0;
	for (i = 1; i < r->ncols && !submit; i++) {
		circle_csv_fold(r->header[i], f, sizeof f);
		submit = strcmp(f, own[1]) == 0;
	}
	if (!submit)
		return 0;
	if (col == 0)
		return 1;
	circle_csv_fold(r->header[col], f, sizeof f);
	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(f, own[i]) == 0)
			return 1;
	return 0;
}

/*
 * Qualtrics' own columns, by their texts (the header csvsection.c takes):
 * CIRCLE_FORM_WHO for the person the survey was sent to, whose columns a
 * question asking the same wins over; CIRCLE_FORM_BOOK for the others; 0
 * for a question's column or another file's.
 */
static int
qualtrics_own(const struct circle_csv_reader *r, size_t col)
{
	static const char *const own[] = { "startdate", "enddate",
	    "responsetype", "status", "ipaddress", "progress",
	    "durationinseconds", "finished", "recordeddate", "responseid",
	    "externaldatareference", "locationlatitude", "locationlongitude",
	    "distributionchannel", "userlanguage" };
	static const char *const who[] = { "recipientlastname",
	    "recipientfirstname", "recipientemail" };
	char	f[64];
	size_t	i;

	if (!r->qualtrics || col >= r->ncols)
		return 0;
	circle_csv_fold(r->header[col], f, sizeof f);
	for (i = 0; i < sizeof who / sizeof who[0]; i++)
		if (strcmp(f, who[i]) == 0)
			return CIRCLE_FORM_WHO;
	for (i = 0; i < sizeof own / sizeof own[0]; i++)
		if (strcmp(f, own[i]) == 0)
			return CIRCLE_FORM_BOOK;
	return 0;
}

int
circle_csv_form_own(const struct circle_csv_reader *r, size_t col)
{
	static const char *const own[] = { "id", "starttime",
	    "completiontime", "email", "name", "lastmodifiedtime" };
	char	f[64];
	size_t	i;
	int	own_q;

	if (monkey_own(r, col) || typeform_own(r, col))
		return CIRCLE_FORM_BOOK;
	if ((own_q = qualtrics_own(r, col)) != 0)
		return own_q;
	if (r->ncols < 5 || col >= r->ncols ||
	    col >= sizeof own / sizeof own[0])
		return 0;
	for (i = 0; i < 5; i++) {
		circle_csv_fold(r->header[i], f, sizeof f);
		if (strcmp(f, own[i]) != 0)
			return 0;
	}
	if (col == 5) {
		circle_csv_fold(r->header[5], f, sizeof f);
		if (strcmp(f, own[5]) != 0)
			return 0;
	}
	return col == 3 || col == 4 ? CIRCLE_FORM_WHO : CIRCLE_FORM_BOOK;
}

/*
 * Whether a cell of who answered is Microsoft Forms' "anonymous": the
 * form took answers from anyone and recorded no one.
 */
int
circle_form_anonymous(const char *v)
{
	return v != NULL && strcasecmp(v, "anonymous") == 0;
}

/*
 * Whether the current row of a Microsoft Forms export is a response
 * Forms recorded no one for: the email read (email, from whichever
 * column gives it) "anonymous", or none read and Forms' own Email
 * "anonymous", whether or not that column is read.  An email the form
 * asked for itself ("Your email") is someone's, whatever Forms' says.
 */
int
circle_csv_form_anonymous(const struct circle_csv_reader *r,
    const char *email)
{
	if (email != NULL && email[strspn(email, " \t")] != '\0')
		return circle_form_anonymous(email);
	return r->row != NULL && r->row->nfields > 3 &&
	    circle_csv_form_own(r, 3) == CIRCLE_FORM_WHO &&
	    circle_form_anonymous(r->row->fields[3]);
}

/*
 * Whether v, from its first character, is word as typed in any case, a
 * space in word matching a run of spaces or tabs.  The length matched,
 * or 0.
 */
static size_t
totals_word(const char *v, const char *word)
{
	const char	*p = v;

	for (; *word != '\0'; word++) {
		if (*word == ' ') {
			if (*p != ' ' && *p != '\t')
				return 0;
			while (*p == ' ' || *p == '\t')
				p++;
		} else if (tolower((unsigned char)*p++) != *word)
			return 0;
	}
	return p - v;
}

/*
 * A count of records in parentheses at v, as a CRM's report writes it
 * after its totals ("Grand Totals (12 records)"), and the spaces after
 * it: its length, or 0.
 */
static size_t
totals_records(const char *v)
{
	const char	*p = v;
	size_t		 n;

	if (*p++ != '(' || (n = strspn(p, "0123456789")) == 0)
		return 0;
	p += n;
	p += strspn(p, " \t");
	if ((n = totals_word(p, "records")) == 0 &&
	    (n = totals_word(p, "record")) == 0)
		return 0;
	p += n;
	if (*p++ != ')')
		return 0;
	return p + strspn(p, " \t") - v;
}

/*
 * Whether a cell says its row is a row of totals, as a spreadsheet's
 * last rows do: its whole text, spaces around it aside, in any case, is
 * "Total", "Totals", "Grand total(s)", "Subtotal" ("Sub-total"), "Sum",
 * "Count", "Headcount", "Number present", "Total present" or
 * "Attendance", a colon and a count after it allowed ("Total:", "Total:
 * 16", "Count2"), and a count of records ("Grand Totals (12 records)").
 * The text as typed, never folded: "Su M." is a name, not "sum".
 */
int
circle_csv_totals_label(const char *v)
{
	static const char *const words[] = { "total", "totals", "grand totals",
	    "grand total", "subtotal", "sub-total", "sub total", "sum", "count",
	    "headcount", "number present", "total present", "attendance" };
	const char	*p;
	size_t		 i, n;

	if (v == NULL)
		return 0;
	v += strspn(v, " \t");
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if ((n = totals_word(v, words[i])) == 0)
			continue;
		p = v + n;
		if (*p == ':')
			p++;
		p += strspn(p, " \t");
		p += strspn(p, "0123456789");
		p += strspn(p, " \t");
		p += totals_records(p);
		if (*p == '\0')
			return 1;
	}
	return 0;
}

/*
 * Whether a row whose label reads as totals is a person's all the same:
 * it has a handle, an email address, or a phone number (seven digits or
 * more: a count is not one).  Any may be NULL.
 */
int
circle_totals_person(const char *handle, const char *email, const char *phone)
{
	size_t	digits = 0;

	if (handle != NULL && handle[strspn(handle, " \t")] != '\0')
		return 1;
	if (email != NULL && strchr(email, '@') != NULL)
		return 1;
	for (; phone != NULL && *phone != '\0'; phone++)
		if (isdigit((unsigned char)*phone))
			digits++;
	return digits >= 7;
}

/* Whether v holds a letter (any beyond ASCII too): a name, not a count. */
static int
has_letter(const char *v)
{
	for (; v != NULL && *v != '\0'; v++)
		if (isalpha((unsigned char)*v) || (unsigned char)*v >= 0x80)
			return 1;
	return 0;
}

/*
 * Whether the current row is a row of totals, not a person's: its cell
 * of field (a name; -1 for none), or its first cell with anything in it,
 * is a totals label (circle_csv_totals_label), and it is not a person's
 * (circle_totals_person: a handle in a cell of handle's other than the
 * label's, an email address in any cell, a phone in phone's).  A first
 * cell beside a name in field's cell is a handle, not a label ("sum",
 * "count2" beside "Sam Um").
 */
int
circle_csv_totals_row(const struct circle_csv_reader *r, int field,
    int handle, int phone)
{
	const struct circle_csv_row	*row = r->row;
	const char			*name = circle_csv_get(r, field);
	const char			*h = NULL;
	size_t				 col;
	int				 at;

	if (row == NULL)
		return 0;
	for (col = 0; col < row->nfields; col++)
		if (strchr(row->fields[col], '@') != NULL)
			return 0;
	if (circle_csv_totals_label(name))
		at = r->fieldcol[field];
	else {
		for (col = 0; col < row->nfields; col++)
			if (*row->fields[col] != '\0')
				break;
		if (col == row->nfields ||
		    !circle_csv_totals_label(row->fields[col]) ||
		    (has_letter(name) && (int)col != r->fieldcol[field]))
			return 0;
		at = (int)col;
	}
	if (handle >= 0 && (size_t)handle < r->nfields &&
	    r->fieldcol[handle] != at)
		h = circle_csv_get(r, handle);
	return !circle_totals_person(h, NULL,
	    phone >= 0 ? circle_csv_get(r, phone) : NULL);
}

/*
 * e, a row's "anonymous" refused, placed at the cell that says it:
 * Microsoft Forms' own Email, or else field's.
 */
int
circle_csv_anonymous_at(const struct circle_csv_reader *r, int field,
    struct circle_err *e)
{
	if (circle_csv_form_anonymous(r, NULL))
		return circle_at(e, r->name, r->row->lines[3], 4,
		    r->header[3]);
	return circle_csv_at(r, field, e);
}

/*
 * Whether v holds a date or a time as such lines stamp them: digits on
 * both sides of a '/', '-', '.' or ':' ("12/01/2026", "2026-12-01",
 * "10:15"), a year alone (1900 to 2099, "Printed 1 Dec 2026"), or a
 * month named beside a number ("Dec 1").  A number alone is none.
 */
static int
footer_stamp(const char *v)
{
	const char	*p, *end;
	size_t		 n;
	int		 digit = 0, month = 0;

	for (p = v; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			digit = 1;
			if (strchr("/-.:", p[1]) != NULL && p[1] != '\0' &&
			    isdigit((unsigned char)p[2]))
				return 1;
			n = strspn(p, "0123456789");
			if (n == 4 && (p == v || !isalnum((unsigned char)p[-1])) &&
			    (strncmp(p, "19", 2) == 0 || strncmp(p, "20", 2) == 0))
				return 1;
			p += n - 1;
		} else if (isalpha((unsigned char)*p) &&
		    (p == v || !isalpha((unsigned char)p[-1])) &&
		    circle_month_word(p, &end) != 0 &&
		    !isalpha((unsigned char)*end))
			month = 1;
	}
	return digit && month;
}

/*
 * Whether v is a report's notice, as a CRM writes under its table
 * (Salesforce's "Copyright (c) 2000-2026 salesforce.com, inc. All rights
 * reserved.", "Confidential Information - Do Not Distribute"): no one's
 * name says so.
 */
static int
footer_notice(const char *v)
{
	static const char *const says[] = { "allrightsreserved",
	    "donotdistribute", "confidentialinformation" };
	char	f[256];
	size_t	i;

	circle_csv_fold(v, f, sizeof f);
	if (strncmp(f, "copyright", 9) == 0)
		return 1;
	for (i = 0; i < sizeof says / sizeof says[0]; i++)
		if (strstr(f, says[i]) != NULL)
			return 1;
	return 0;
}

/*
 * Whether v, a row's one cell, is a line a program writes under its
 * table: one of the words such lines open with or hold and a date or a
 * time (footer_stamp: "Exported from SignUpGenius on 12/01/2026", "Report
 * generated 2026-12-01 10:15", "Printed 1 Dec 2026", "Generated By: Jo
 * Bo 12/1/2026 9:15 AM"), or "Page 1 of 2".  The words in French,
 * Spanish, Portuguese, Italian, German and Dutch too ("Gedruckt am
 * 01.12.2026", "Seite 1 von 2"), as the headers are read in them.  No
 * person's name has those: "Report 2" and "Zed Page 2" are names.
 */
static int
footer_words(const char *v)
{
	static const char *const words[] = { "exported", "generated",
	    "downloaded", "printed", "created", "report",
	    /* French, Spanish, Portuguese, Italian, German, Dutch */
	    "exporte", "genere", "telecharge", "imprime", "cree", "rapport",
	    "exportado", "generado", "descargado", "impreso", "creado",
	    "informe", "gerado", "baixado", "impresso", "criado", "relatorio",
	    "esportato", "generato", "scaricato", "stampato", "creato",
	    "exportiert", "generiert", "heruntergeladen", "gedruckt",
	    "erstellt", "bericht", "geexporteerd", "gegenereerd",
	    "gedownload", "afgedrukt", "aangemaakt" };
	static const char *const pages[] = { "page", "seite", "pagina" };
	static const char *const ofs[] = { "of", "von", "sur", "de", "di",
	    "van" };
	const char	*cell = v;
	char		 f[16], w[16];
	size_t		 i, k;
	int		 page = 0, of = 0, word = 0;

	if (strpbrk(v, "0123456789") == NULL)
		return 0;
	for (; *v != '\0'; v += k) {
		v += strspn(v, " ,:;-");
		for (k = 0; v[k] != '\0' && strchr(" ,:;-", v[k]) == NULL; k++)
			;
		if (k == 0 || k >= sizeof w)
			continue;
		memcpy(w, v, k);
		w[k] = '\0';
		circle_csv_fold(w, f, sizeof f);
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			word |= strcmp(f, words[i]) == 0;
		for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
			page |= strcmp(f, pages[i]) == 0;
		for (i = 0; i < sizeof ofs / sizeof ofs[0]; i++)
			of |= strcmp(f, ofs[i]) == 0;
	}
	return (word && footer_stamp(cell)) || (page && of);
}

/*
 * Whether the current row is a line a program writes under its table,
 * not a person's: its only cell with anything in it, with no "@", is one
 * (footer_words), or a notice (footer_notice); or it is the one row after
 * the notices that is neither, the company's name a CRM writes last.  A
 * row of a person after a notice (two cells, an address: the table goes
 * on) ends it, and only one name is taken for the company's: a notice
 * typed in the middle of a roster left out every name alone on its row
 * under it.  The cell, or NULL.
 */
const char *
circle_csv_footer_row(struct circle_csv_reader *r)
{
	const struct circle_csv_row	*row = r->row;
	const char			*v = NULL;
	size_t				 col;

	r->company = 0;
	if (row == NULL)
		return NULL;
	for (col = 0; col < row->nfields; col++)
		if (*row->fields[col] != '\0') {
			if (v != NULL) {
				r->notice = 0;
				return NULL;
			}
			v = row->fields[col];
		}
	if (v == NULL)
		return NULL;
	if (strchr(v, '@') != NULL || strlen(v) >= 256) {
		r->notice = 0;
		return NULL;
	}
	if (footer_notice(v)) {
		r->notice = row->line;
		return v;
	}
	if (footer_words(v))
		return v;
	if (r->notice > 0) {
		r->company = r->notice;
		r->notice = 0;
		return v;
	}
	return NULL;
}

/*
 * Whether the current row is a line under the table (circle_csv_footer_row),
 * said in notes as left out: 1 when it is, 0 when not.
 */
int
circle_csv_footer_said(struct circle_csv_reader *r, char ***notes, size_t *n)
{
	const char	*cell;

	if ((cell = circle_csv_footer_row(r)) == NULL)
		return 0;
	*notes = circle_xgrow(*notes, *n, sizeof **notes);
	if (r->company > 0)
		circle_xasprintf(&(*notes)[(*n)++], "%s:%zu: \"%s\": the "
		    "name under a notice (line %zu), as a report's company is "
		    "written last, not a person; left out (if it is someone, "
		    "delete line %zu and import again)", r->name, r->row->line,
		    cell, r->company, r->company);
	else
		circle_xasprintf(&(*notes)[(*n)++], "%s:%zu: \"%s\": a line "
		    "a program writes under its table, not a person; left out",
		    r->name, r->row->line, cell);
	return 1;
}

/*
 * Whether the current row is a register's key to its marks, typed under
 * the table ("Key: P = present, A = absent", "Legend:" then a code a
 * cell): its first cell with anything in it begins with "Key" or
 * "Legend" and a colon, which no name has.  Said in notes as left out:
 * 1 when it is, 0 when not.
 */
int
circle_csv_legend_said(struct circle_csv_reader *r, char ***notes,
    size_t *n)
{
	static const char *const words[] = { "key", "legend" };
	const struct circle_csv_row	*row = r->row;
	const char			*v = NULL, *p;
	size_t				 col, i, k;

	if (row == NULL)
		return 0;
	for (col = 0; col < row->nfields && v == NULL; col++)
		if (*row->fields[col] != '\0')
			v = row->fields[col];
	if (v == NULL)
		return 0;
	p = v + strspn(v, " ");
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		k = strlen(words[i]);
		if (strncasecmp(p, words[i], k) == 0 &&
		    p[k + strspn(p + k, " ")] == ':')
			break;
	}
	if (i == sizeof words / sizeof words[0])
		return 0;
	*notes = circle_xgrow(*notes, *n, sizeof **notes);
	circle_xasprintf(&(*notes)[(*n)++], "%s:%zu: \"%s\": a key to the "
	    "marks, not a person; left out", r->name, row->line, v);
	return 1;
}
