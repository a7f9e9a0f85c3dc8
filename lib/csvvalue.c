/*
 * csvvalue.c: the dates and times in a CSV file's cells, as spreadsheets
 * write them, and --date-order: a file's dates are read one way.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "csvtext.h"

#define CSV_NOT_DATE	(-3)

/*
 * An import's date order: --date-order's (s: mdy or dmy), else the
 * configured date-order (*configured set; its ymd says nothing of
 * 24/11/2026, so it is none for a file), else none.
 */
int
circle_csv_date_order(const char *s, enum circle_date_order *order,
    int *configured, struct circle_err *e)
{
	const char	*c;

	*order = CIRCLE_ORDER_NONE;
	*configured = 0;
	if (s == NULL) {
		if ((c = circle_setting("date-order")) != NULL &&
		    circle_date_order_parse(c, order) == 0 &&
		    *order != CIRCLE_ORDER_YMD)
			*configured = 1;
		else
			*order = CIRCLE_ORDER_NONE;
		return 0;
	}
	if (circle_date_order_parse(s, order) == -1 ||
	    *order == CIRCLE_ORDER_YMD)
		return circle_err_set(e, CIRCLE_EUSAGE, "--date-order %s: "
		    "expected mdy (month first, 11/24/2026) or dmy (day first, "
		    "24/11/2026)", s);
	return 0;
}

/* ---- dates and times in cells -------------------------------------------- */

/*
 * The zone's abbreviation after the time t of cell s, the last word,
 * refused: one the time zone database has not, or one it has for several
 * zones, each reading named (circle_zone_abbr).  -1 with e.
 */
static int
zone_word_bad(const char *s, const char *t, struct circle_err *e)
{
	const char	*z, *end;
	char		 said[64] = "";
	size_t		 len;
	int		 off[CIRCLE_ZONE_READINGS], n, i;

	for (end = t + strlen(t); end > t && end[-1] == ' '; end--)
		;
	for (z = end; z > t && isalpha((unsigned char)z[-1]); z--)
		;
	if ((n = circle_zone_abbr(z, (size_t)(end - z), off)) < 2)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": \"%.*s\" is no "
		    "time zone abbreviation circle knows; write the offset "
		    "(GMT-5, +01:00), or the time in the group's zone without "
		    "one", s, (int)(end - z), z);
	for (i = 0; i < n; i++) {
		len = strlen(said);
		snprintf(said + len, sizeof said - len, "%sUTC%c%d:%02d",
		    i == 0 ? "" : i == n - 1 ? " or " : ", ", off[i] < 0 ? '-' :
		    '+', abs(off[i]) / 60, abs(off[i]) % 60);
	}
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\": \"%.*s\" stands for "
	    "several zones (%s); write the offset (GMT-5, +01:00), or the time "
	    "in the group's zone without one", s, (int)(end - z), z, said);
}

/*
 * A date, perhaps with a time, as spreadsheets write them: 2026-11-24,
 * 2026/11/24, 2026-11-24T19:00:00 (or a space for the T), 24/11/2026 or
 * 11/24/2026 (also with . or -) read by order (day.c's rule, as on the
 * command line; CIRCLE_ORDER_NONE: not known; configured: the config's,
 * not --date-order), each with a time after a space.  *read is the
 * order the cell could only be read in, or NONE.
 * -1 with e (no place in it) when it cannot be read; -2 when it is a
 * date only by an order not given; CSV_NOT_DATE (-3) when it is no date.
 */
/*
 * "Thu 10/12/2026", "Thursday, 10.12.2026": a weekday before a date in
 * numbers, as a sheet's date format may write it.  Where the numbers
 * start, the weekday in *wd; else p itself and -1.
 */
static const char *
weekday_before(const char *p, int *wd)
{
	char	word[16];
	size_t	n = 0;

	*wd = -1;
	while (n + 1 < sizeof word && isalpha((unsigned char)p[n])) {
		word[n] = p[n];
		n++;
	}
	word[n] = '\0';
	if (n < 3 || isalpha((unsigned char)p[n]) ||
	    (*wd = circle_weekday_parse(word)) == -1)
		return p;
	p += n;
	if (*p == '.')
		p++;
	if (*p == ',')
		p++;
	if (*p != ' ' || !isdigit((unsigned char)p[strspn(p, " ")])) {
		*wd = -1;
		return p - n;	/* not before numbers: the words' own */
	}
	return p + strspn(p, " ");
}

int
circle_csv_when_parse(const char *s, enum circle_date_order order,
    int configured, const struct circle_date *near, struct circle_csv_when *w,
    enum circle_date_order *read, struct circle_err *e)
{
	struct circle_date_nums		 n;
	struct circle_date_reading	 r;
	struct circle_date_words	 dw;
	struct circle_date		 d;
	enum circle_words_said		 said;
	const char			*p = s, *t, *start;
	int				 iso = 0, rc, wd;

	memset(w, 0, sizeof *w);
	*read = CIRCLE_ORDER_NONE;
	while (*p == ' ')
		p++;
	start = p;
	p = weekday_before(p, &wd);
	if ((t = circle_date_nums(p, "-/.", &n)) == NULL ||
	    (n.ny == 0 && near == NULL)) {
		/* 24 Nov 2026, Tuesday, November 24, 2026 (day.c); without
		 * a year, the one nearest near */
		if ((t = circle_date_words(start, near, &dw, &said)) == NULL &&
		    p != NULL && circle_date_nums(p, "-/.", &n) != NULL &&
		    n.ny == 0 && !n.year_first) {
			/* 12/25 where no day is near: of which year? */
			circle_err_set(e, CIRCLE_EDATA, "\"%s\": of which "
			    "year? Give the year too, or write YYYY-MM-DD", s);
			return CSV_NOT_DATE;
		}
		if (t == NULL)
			goto bad;
		if (circle_date_words_said(s, &dw, said, &d, e) == -1)
			return -1;
		circle_date_format(&d, w->day);
		w->yearless = !dw.year;
		p = t;
		goto clock;
	}
	p = t;
	/* 24/11/26: a two-digit year, read by the file's order as any. */
	if (!n.year_first && n.ny == 2) {
		n.y = circle_year_of_two(n.y);
		n.ny = 4;
	}
	if (!n.year_first && ((n.ny != 4 && n.ny != 0) || n.a < 1 ||
	    n.b < 1))
		goto bad;
	iso = n.year_first && n.sep == '-';
	w->yearless = n.ny == 0;
	/* A file's order is mdy or dmy; ymd says nothing of 24/11/2026. */
	if (order == CIRCLE_ORDER_YMD)
		order = CIRCLE_ORDER_NONE;
	switch (circle_date_nums_read(&n, order, near, &r)) {
	case CIRCLE_DATE_OK:
		break;
	case CIRCLE_DATE_AMBIGUOUS:
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %d %s %d day "
		    "first or %s %d, %d month first; give --date-order "
		    "dmy or --date-order mdy", s, r.dm.day,
		    circle_month_name(r.dm.month), r.dm.year,
		    circle_month_name(r.md.month), r.md.day, r.md.year);
		return -2;
	case CIRCLE_DATE_NOT_ORDER:
		if (r.date.month > 12 && configured)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
			    "a date %s first (date-order %s, from the config; "
			    "give --date-order %s for a file written %s first)",
			    s, order == CIRCLE_ORDER_DMY ? "day" : "month",
			    order == CIRCLE_ORDER_DMY ? "dmy" : "mdy",
			    order == CIRCLE_ORDER_DMY ? "mdy" : "dmy",
			    order == CIRCLE_ORDER_DMY ? "month" : "day");
		if (r.date.month > 12)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
			    "a date %s first (--date-order %s)", s,
			    order == CIRCLE_ORDER_DMY ? "day" : "month",
			    order == CIRCLE_ORDER_DMY ? "dmy" : "mdy");
		/* FALLTHROUGH */
	default:
		if (!n.year_first && n.a > 12 && n.b > 12)
			goto bad;
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a day "
		    "of the calendar", s);
	}
	if (wd != -1 && circle_weekday(&r.date) != wd)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": %d %s %d is a "
		    "%c%s, not a %c%s", s, r.date.day,
		    circle_month_name(r.date.month), r.date.year,
		    toupper((unsigned char)*circle_weekday_name(
		    circle_weekday(&r.date))), circle_weekday_name(
		    circle_weekday(&r.date)) + 1,
		    toupper((unsigned char)*circle_weekday_name(wd)),
		    circle_weekday_name(wd) + 1);
	*read = r.only;
	circle_date_format(&r.date, w->day);
clock:
	if (*p == '\0' || strspn(p, " ") == strlen(p))
		return 0;
	t = p;
	if (iso && (*t == 'T' || *t == 't'))
		t++;
	else if (*t == ' ' || *t == ',') {
		while (*t == ' ' || *t == ',')
			t++;
		/* Tuesday, November 24, 2026 at 7:00 PM */
		if (strncasecmp(t, "at ", 3) == 0)
			t += 3 + strspn(t + 3, " ");
	} else
		goto bad;
	if ((rc = circle_clock_zoned(t, 1, &w->h, &w->m, &w->s, &w->zone,
	    &w->offset)) < -1)
		return zone_word_bad(s, t, e);
	if (rc == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": \"%s\" is not "
		    "a time of day (19:00, 19:00:00, 7pm, 7:30 pm)", s, t);
	w->has_time = 1;
	return 0;
bad:
	circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date (2026-11-24, "
	    "24/11/2026 or 11/24/2026, 24 Nov 2026, a time after it if need "
	    "be)", s);
	return CSV_NOT_DATE;
}

/*
 * A date cell saved as Excel's serial number (46350, 46350.79: day.c's
 * circle_date_serial), when the column was formatted General or Number:
 * read, and the first kept for circle_csv_notes().  -1 if v is none.
 */
static int
serial_cell(struct circle_csv_reader *r, int field, const char *v,
    struct circle_csv_when *w)
{
	struct circle_date	 d;
	const char		*hdr;
	size_t			 line, col;

	static const struct circle_date	 y1904 = { 1904, 1, 1 };
	long				 days;

	memset(w, 0, sizeof *w);
	if (circle_date_serial(v, &d, &w->h, &w->m, &w->s) == -1)
		return -1;
	/* A workbook in the 1904 date system (a Mac's): its own count. */
	if (circle_csv_book_1904(r) == 1) {
		days = strtol(v, NULL, 10);
		circle_date_add(&y1904, (int)days, &d);
	}
	circle_date_format(&d, w->day);
	w->has_time = strchr(v, '.') != NULL;
	if (r->serials++ == 0) {
		hdr = circle_csv_where(r, field, &line, &col);
		snprintf(r->serial_at, sizeof r->serial_at, "%s:%zu:%zu%s%.60s%s: "
		    "\"%s\" read as %s", r->name, line, col, hdr != NULL ?
		    " (" : "", hdr != NULL ? hdr : "", hdr != NULL ? ")" : "",
		    v, w->day);
	}
	return 0;
}

/* What the reader saw that the user should know, as notes. */
void
circle_csv_notes(const struct circle_csv_reader *r, char ***notes,
    size_t *n)
{
	int	book;

	circle_csv_sheet_note(r, notes, n);
	if (r->again > 0) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		circle_xasprintf(&(*notes)[(*n)++], "%s:%zu: the header row "
		    "again (files joined, or a page's header); left out%s",
		    r->name, r->again_line, r->again > 1 ? " (and the rows "
		    "like it after)" : "");
	}
	if (r->yearless > 0) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		circle_xasprintf(&(*notes)[(*n)++], "%s; %zu date%s without "
		    "a year, each read in the year that puts it in the ten "
		    "months before today or the two after; write the year if "
		    "that is wrong", r->yearless_at, r->yearless,
		    r->yearless > 1 ? "s" : "");
	}
	if (r->serials == 0)
		return;
	*notes = circle_xgrow(*notes, *n, sizeof **notes);
	/* In a workbook, text cells: its date system is known. */
	if ((book = circle_csv_book_1904(r)) >= 0) {
		circle_xasprintf(&(*notes)[(*n)++], "%s; %zu date cell%s "
		    "held %s (days since %s date system), "
		    "read as dates.  To avoid this, format the column as a "
		    "date in the workbook", r->serial_at, r->serials,
		    r->serials > 1 ? "s" : "", r->serials > 1 ? "spreadsheet "
		    "serial numbers" : "a spreadsheet serial number", book ?
		    "1904-01-01, the workbook's 1904" : "1899-12-30, the "
		    "workbook's 1900");
		return;
	}
	circle_xasprintf(&(*notes)[(*n)++], "%s; %zu date cell%s held %s "
	    "(days since 1899-12-30, Excel's 1900 date system), read as "
	    "dates; a Mac workbook in the 1904 date system would read 4 "
	    "years and a day early, so check them.  To avoid this, format the "
	    "column as a date before saving as CSV", r->serial_at, r->serials,
	    r->serials > 1 ? "s" : "", r->serials > 1 ? "spreadsheet serial "
	    "numbers" : "a spreadsheet serial number");
}

/*
 * Dates without a year (10-Dec, Dec 10, 10/12, 10.12.) in r's cells: each
 * read in the year that puts it nearest four months ago, in the ten
 * months before today or the two after, as a sign-in sheet's or a
 * check-in form's days are of the past.  Not for a roster: the day
 * someone joined may be of any year.
 */
void
circle_csv_yearless(struct circle_csv_reader *r)
{
	struct circle_date	today;

	circle_date_today(&today);
	circle_date_add(&today, -122, &r->near_day);
	r->near = &r->near_day;
}

/*
 * The date (and time) in v, the cell at line and col (header hdr), read
 * by the file's date order: --date-order's, or the one its first cell
 * that could only be read one way showed; a later cell read the other way
 * is refused.  The first cell without a year is kept for the notes.
 * -1 with e (no place in it: the caller's).
 */
static int
cell_date(struct circle_csv_reader *r, const char *v, size_t line,
    size_t col, const char *hdr, struct circle_csv_when *w,
    struct circle_err *e)
{
	enum circle_date_order	 got;
	int			 rc;

	rc = circle_csv_when_parse(v, r->order, r->order_config, r->near, w,
	    &got, e);
	if (rc == -2 && r->order_seen != CIRCLE_ORDER_NONE)
		circle_err_append(e, " (line %zu has \"%s\", %s first)",
		    r->order_line, r->order_cell,
		    r->order_seen == CIRCLE_ORDER_DMY ? "day" : "month");
	if (rc < 0)
		return rc;
	if (w->yearless && r->yearless++ == 0)
		snprintf(r->yearless_at, sizeof r->yearless_at, "%s:%zu:%zu%s"
		    "%.60s%s: \"%s\" read as %s", r->name, line, col, hdr !=
		    NULL ? " (" : "", hdr != NULL ? hdr : "", hdr != NULL ?
		    ")" : "", v, w->day);
	if (got == CIRCLE_ORDER_NONE || r->order != CIRCLE_ORDER_NONE)
		return 0;
	if (r->order_seen == CIRCLE_ORDER_NONE) {
		r->order_seen = got;
		r->order_line = line;
		snprintf(r->order_cell, sizeof r->order_cell, "%s", v);
	} else if (r->order_seen != got)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %s first, "
		    "but line %zu has \"%s\", %s first; a file's dates are "
		    "written one way: give --date-order dmy or --date-order "
		    "mdy", v, got == CIRCLE_ORDER_DMY ? "day" : "month",
		    r->order_line, r->order_cell, got == CIRCLE_ORDER_DMY ?
		    "month" : "day");
	return 0;
}

/*
 * The date (and time) in field's cell of the current row (cell_date's
 * rule), or an Excel serial number.  -1 with e placed at the cell.
 */
int
circle_csv_date(struct circle_csv_reader *r, int field,
    struct circle_csv_when *w, struct circle_err *e)
{
	const char		*v = circle_csv_get(r, field), *hdr;
	size_t			 line, col;

	if (v == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "no date");
		return circle_csv_at(r, field, e);
	}
	if (serial_cell(r, field, v, w) == 0)
		return 0;
	hdr = circle_csv_where(r, field, &line, &col);
	if (cell_date(r, v, line, col, hdr, w, e) < 0)
		return circle_csv_at(r, field, e);
	return 0;
}

/*
 * The date (and time) a header cell is, as a register's columns are
 * days (cell_date's rule).  1 when it is one, 0 when it is no date (e
 * untouched), -1 with e placed at the cell when it is a date that cannot
 * be read (an ambiguous 03/04, a weekday that is not the date's).
 */
int
circle_csv_header_date(struct circle_csv_reader *r, size_t col,
    struct circle_csv_when *w, struct circle_err *e)
{
	struct circle_err	 e2;
	int			 rc;

	if ((rc = cell_date(r, r->header[col], r->headerline, col + 1, NULL,
	    w, &e2)) == CSV_NOT_DATE)
		return 0;
	if (rc < 0) {
		*e = e2;
		return circle_at(e, r->name, r->headerline, col + 1, NULL);
	}
	return 1;
}

/* The time of day in field's cell (19:00, 7pm, 7:30 pm, 19.00, half past
 * 7pm); one without am or pm (7 o'clock) said with both readings. */
int
circle_csv_time(struct circle_csv_reader *r, int field, int *h, int *m,
    struct circle_err *e)
{
	const char	*v = circle_csv_get(r, field);
	int		 said = v != NULL ? circle_clock_said(v, h, m) : -1;

	if (said == 0)
		return 0;
	if (said == 1)
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is " CIRCLE_CLOCK_TWO
		    ": add am or pm, or write %02d:%02d", v, *h, *m, *h + 12,
		    *m, *h + 12, *m);
	else
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
		    CIRCLE_CLOCK_SAID, v != NULL ? v : "");
	return circle_csv_at(r, field, e);
}

/* ---- ticks and yes or no --------------------------------------------------- */

/* s without the blanks at its ends: where it starts, its length in *n. */
static const char *
trimmed(const char *s, size_t *n)
{
	s += strspn(s, " \t");
	*n = strlen(s);
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/*
 * A spreadsheet's checkbox, or a tick as typed: TRUE and FALSE (Excel,
 * Google Sheets, LibreOffice), Airtable's "checked", x, and the ticks
 * U+2713, U+2714, U+2611 and U+2705 are ticked, and U+2612 (a box with
 * an x: Word's and Docs' checkbox ticked); U+2610 (an empty box), the
 * emoji cross U+274C and "unchecked" are not.  A cross alone (U+2717,
 * U+2718) is a tick on paper and a no beside ticks: refused.  1 ticked, 0 not,
 * -1 for anything else.  The one rule of ticks, for sign-in marks
 * (attend.c) and yes-or-no answers (circle_csv_yesno).
 */
int
circle_csv_tick(const char *s)
{
	static const struct {
		const char	*w;
		size_t		 n;
		int		 ticked;
	} ticks[] = {
		{ "true", 4, 1 }, { "x", 1, 1 }, { "\u2713", 3, 1 },
		{ "\u2714", 3, 1 }, { "\u2611", 3, 1 }, { "\u2705", 3, 1 },
		{ "\u2612", 3, 1 },
		{ "false", 5, 0 }, { "\u2610", 3, 0 },	/* UTF-8: 3 bytes */
		{ "\u274c", 3, 0 },
		/* Airtable's checkbox in its CSV: "checked", or empty. */
		{ "checked", 7, 1 }, { "unchecked", 9, 0 },
	};
	size_t	n, i;

	s = trimmed(s, &n);
	for (i = 0; i < sizeof ticks / sizeof ticks[0]; i++)
		if (n == ticks[i].n && strncasecmp(s, ticks[i].w, n) == 0)
			return ticks[i].ticked;
	return -1;
}

/*
 * The words of s folded for the yes-or-no rule: ASCII letters in lower
 * case, the typographic apostrophe as ', every other run of characters
 * one space; NULL (nothing) when it is longer than len.
 */
static const char *
answer_fold(const char *s, char *f, size_t len)
{
	size_t	k = 0;
	int	gap = 0;

	for (; *s != '\0'; s++) {
		if (strncmp(s, "\u2019", 3) == 0) {
			s += 2;
			if (k + 1 >= len)
				return NULL;
			f[k++] = '\'';
			continue;
		}
		if (isalnum((unsigned char)*s) || *s == '\'') {
			if (gap && k > 0) {
				if (k + 1 >= len)
					return NULL;
				f[k++] = ' ';
			}
			gap = 0;
			if (k + 1 >= len)
				return NULL;
			f[k++] = (char)tolower((unsigned char)*s);
		} else
			gap = 1;
	}
	f[k] = '\0';
	return f;
}

/* Whether the folded words f hold one of words (whole words). */
static int
has_word(const char *f, const char *const *words)
{
	const char	*p;
	size_t		 i, n;

	for (i = 0; words[i] != NULL; i++) {
		n = strlen(words[i]);
		for (p = f; (p = strstr(p, words[i])) != NULL; p++)
			if ((p == f || p[-1] == ' ') && (p[n] == '\0' ||
			    p[n] == ' '))
				return 1;
	}
	return 0;
}

/*
 * Whether the folded words after a yes say more than yes: "by email
 * only" does, "you may contact me" does not.
 */
static int
says_more(const char *f)
{
	static const char *const filler[] = { "you", "may", "can", "contact",
	    "contacted", "me", "i", "i'm", "am", "agree", "please", "to", "be",
	    "happy", "sure", "thanks", "thank", "ok", "that's", "that", "is",
	    "fine", "of", "course", "the", "terms", "this", "yes", "do",
	    "consent", "being", "us", "we", "with", "for", "it", "and",
	    "absolutely", "definitely", NULL };
	char		 w[32];
	size_t		 n, i;

	while (*f != '\0') {
		n = strcspn(f, " ");
		if (n >= sizeof w)
			return 1;
		memcpy(w, f, n);
		w[n] = '\0';
		for (i = 0; filler[i] != NULL && strcmp(w, filler[i]) != 0;
		    i++)
			;
		if (filler[i] == NULL)
			return 1;
		f += n;
		f += *f == ' ';
	}
	return 0;
}

/* A word or phrase and its length, for the tables below. */
#define W(s)	{ s, sizeof s - 1 }

/*
 * A yes or no as a form's answer or a spreadsheet's cell gives it: a
 * tick (circle_csv_tick), a yes or no word (circle_answer_bool: yes,
 * y, no, n, 1, 0, true, false, on, off, oui, non, tak, nie, ...; はい
 * and いいえ alone); an answer that begins with one
 * ("Yes, you may contact me", "Yes - by email only", "No thanks"); I
 * agree, agreed, I consent, I accept; I do not agree, I disagree, do not
 * contact me.  An answer that says both (yes, but do not contact me;
 * tak, ale nie dzwońcie) is neither.  1 yes, 0 no, -1 anything else: never guessed.  *more is set
 * when words came after the yes or no ("by email only"), for the caller
 * to say they were not kept.
 */
int
circle_csv_yesno(const char *s, int *more)
{
	static const struct {
		const char	*w;
		size_t		 n;
	} yes[] = {
		W("yeah"), W("yep"), W("ok"), W("okay"), W("sure"),
		W("agree"), W("agreed"), W("i agree"), W("consent"), W("i consent"), W("consented"),
		W("accept"), W("i accept"), W("accepted"),
		/* a mailing list's status (Mailchimp: Email Marketing) */
		W("subscribed"), W("opted in"), W("opt in"),
		/* forms in French, Spanish, Portuguese, Italian, German,
		 * Dutch; their yes and no are circle_answer_bool's */
		W("d'accord"), W("j'accepte"), W("acepto"), W("aceito"),
		W("accetto"), W("einverstanden"), W("akkoord"),
	}, no[] = {
		W("nope"), W("disagree"), W("i disagree"), W("decline"), W("i decline"), W("declined"),
		W("i do not agree"), W("i don't agree"), W("i do not consent"),
		W("i don't consent"), W("do not contact me"),
		W("don't contact me"), W("please do not contact me"),
		W("please don't contact me"),
		W("unsubscribed"), W("non subscribed"), W("pending"),
		W("cleaned"), W("opted out"), W("opt out"),
	};
#undef W
	static const char *const negation[] = { "no", "not", "don't",
	    "never", "dont", "do not", "decline", "disagree", "nope", "non",
	    "pas", "nein", "nicht", "kein", "nao", "niet", "geen", "nie",
	    "jamais", "nunca", "nooit", NULL };
	static const char *const assent[] = { "yes", "agree", "consent",
	    "ok", "okay", "problem", "problemu", "fine", "happy", "oui", "si",
	    "sim", "ja", "tak", NULL };
	char		 f[256], w[8], *folded;
	const char	*words;
	size_t		 i, n;
	int		 t;

	*more = 0;
	if ((t = circle_csv_tick(s)) != -1)
		return t;
	/* Accents aside, so that "Sí" and "Não" are words of the lists;
	 * a word of no ASCII letters (はい) whole, as nothing else is read */
	folded = circle_word_fold(s);
	words = answer_fold(folded, f, sizeof f);
	if (words != NULL && *f == '\0' && circle_answer_bool(folded, &t) ==
	    0) {
		free(folded);
		return t;
	}
	free(folded);
	if (words == NULL || *f == '\0')
		return -1;
	/* Its first word, yes or no as a setting says it; then phrases. */
	t = -1;
	if ((n = strcspn(f, " ")) < sizeof w) {
		memcpy(w, f, n);
		w[n] = '\0';
		if (circle_answer_bool(w, &t) == -1)
			t = -1;
	}
	if (t == -1)
		n = 0;
	/* The longest phrase of either list the answer begins with. */
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (yes[i].n > n && f[0] == yes[i].w[0] &&
		    strncmp(f, yes[i].w, yes[i].n) == 0 &&
		    (f[yes[i].n] == '\0' || f[yes[i].n] == ' '))
			t = 1, n = yes[i].n;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (no[i].n >= n && f[0] == no[i].w[0] &&
		    strncmp(f, no[i].w, no[i].n) == 0 &&
		    (f[no[i].n] == '\0' || f[no[i].n] == ' '))
			t = 0, n = no[i].n;
	/* y, n, 1 and 0 only alone: "n/a" is no answer. */
	if (t == -1 || (n == 1 && f[n] != '\0'))
		return -1;
	if (f[n] == '\0')
		return t;
	/* "Yes, but do not contact me", "No problem": both, so neither. */
	if (has_word(f + n + 1, t == 1 ? negation : assent))
		return -1;
	*more = t == 1 && says_more(f + n + 1);
	return t;
}

/*
 * A time in one of Qualtrics' own date columns (Start Date, End Date,
 * Recorded Date), header h, given the zone its ImportId row named
 * (csvsection.c): its offset from UTC then.
 */
static void
qualtrics_zone(const struct circle_csv_reader *r, const char *h,
    struct circle_csv_when *w)
{
	struct circle_date	d;
	char			f[64], local[32], utc[21];

	circle_csv_fold(h, f, sizeof f);
	if (!r->qualtrics || *r->qualtrics_tz == '\0' ||
	    (strcmp(f, "startdate") != 0 && strcmp(f, "enddate") != 0 &&
	    strcmp(f, "recordeddate") != 0) ||
	    circle_date_parse(w->day, &d) == -1 ||
	    circle_local_to_utc(r->qualtrics_tz, &d, w->h, w->m, utc) == -1)
		return;
	snprintf(local, sizeof local, "%.10sT%02u:%02u:00Z", w->day,
	    (unsigned)w->h % 100, (unsigned)w->m % 100);
	w->zone = 1;
	w->offset = (int)circle_utc_minutes(utc, local);
}

/*
 * The zone field's column header names in its aside ("Join time (UTC)",
 * "Join time (GMT+9)"), or Qualtrics' ImportId row for its dates, given
 * to a time under it written without one; a word that is no zone
 * ("(timezone)") gives none.
 */
void
circle_csv_header_zone(const struct circle_csv_reader *r, int field,
    struct circle_csv_when *w)
{
	const char	*h;
	char		*aside, at[80];
	size_t		 line, col;
	int		 hh, m, s, zone, off;

	if (w->zone || !w->has_time || (h = circle_csv_where(r, field, &line,
	    &col)) == NULL)
		return;
	if ((aside = circle_csv_header_aside(h, 1)) == NULL) {
		qualtrics_zone(r, h, w);
		return;
	}
	snprintf(at, sizeof at, "00:00 %s", aside);
	free(aside);
	if (circle_clock_zoned(at, 1, &hh, &m, &s, &zone, &off) == 0 &&
	    zone) {
		w->zone = 1;
		w->offset = off;
	}
}

/*
 * The day a time written with its zone (w->zone: a Z or an offset) is in
 * tzid, in day: a report that says its zone, read in the group's.  -1
 * when tzid is no zone circle knows.
 */
int
circle_csv_when_day_in(const struct circle_csv_when *w, const char *tzid,
    char day[11])
{
	char	utc[32], moved[21], local[17];

	snprintf(utc, sizeof utc, "%.10sT%02u:%02u:%02uZ", w->day,
	    (unsigned)w->h % 100, (unsigned)w->m % 100, (unsigned)w->s % 100);
	circle_utc_add_minutes(utc, -w->offset, moved);
	if (circle_utc_to_local(moved, tzid, local) == -1)
		return -1;
	snprintf(day, 11, "%.10s", local);
	return 0;
}
