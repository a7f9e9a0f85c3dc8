/*
 * odsread.c: an OpenDocument spreadsheet (.ods, LibreOffice Calc's) read
 * as the rows of text that csvio.c's reader hands out, as xlsxread.c reads
 * an Excel workbook and through its zip, XML, caps and rows: content.xml
 * read once for its sheets (which are hidden, which have data, how wide
 * each is), then again for the sheet read.  A run of repeated cells or
 * rows (table:number-columns-repeated, number-rows-repeated) is counted,
 * not made: only a repeated cell or row with a value is handed on as
 * many times as it is repeated.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <zip.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0|"
#define NS_STYLE	"urn:oasis:names:tc:opendocument:xmlns:style:1.0|"
#define NS_TABLE	"urn:oasis:names:tc:opendocument:xmlns:table:1.0|"
#define NS_TEXT		"urn:oasis:names:tc:opendocument:xmlns:text:1.0|"
#define NS_DRAW		"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0|"
#define CONTENT		"content.xml"
#define MAX_REPEAT	((size_t)1 << 24)	/* past any sheet's end */
#define MAX_COPIES	(1024 * 1024)	/* cells a repeat makes, in all */

/* An attribute by its namespace and name, "NS_TABLE" "name". */
const char *
circle_ods_attr(const char **attr, const char *ns, const char *local)
{
	size_t	n = strlen(ns);

	for (; attr[0] != NULL; attr += 2)
		if (strncmp(attr[0], ns, n) == 0 && strcmp(attr[0] + n,
		    local) == 0)
			return attr[1];
	return NULL;
}

static int
ods_is(const char *name, const char *ns, const char *local)
{
	size_t	n = strlen(ns);

	return strncmp(name, ns, n) == 0 && strcmp(name + n, local) == 0;
}

/* A number-columns-repeated or number-rows-repeated: 1 unless said. */
static size_t
ods_repeat(const char *v)
{
	unsigned long	 n;
	char		*end;

	if (v == NULL)
		return 1;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0 || n == 0)
		return 1;
	return n > MAX_REPEAT ? MAX_REPEAT : n;
}

/* "PT19H05M30S" (a time of day, or hours past 24) as 19:05:30. */
static char *
ods_time_text(const char *v)
{
	double		 n, h = 0, m = 0, sec = 0;
	const char	*p;
	char		*end, out[64];

	if (strncmp(v, "PT", 2) != 0)
		return circle_xstrdup(v);
	for (p = v + 2; *p != '\0'; p = end + 1) {
		if (*p < '0' || *p > '9')
			return circle_xstrdup(v);
		n = strtod(p, &end);
		if (*end == 'H')
			h = n;
		else if (*end == 'M')
			m = n;
		else if (*end == 'S')
			sec = n;
		else
			return circle_xstrdup(v);
	}
	if (h * 3600 + m * 60 + sec > 1e9)
		return circle_xstrdup(v);
	circle_xlsx_clock(lround(h * 3600 + m * 60 + sec), out, sizeof out);
	return circle_xstrdup(out);
}

/*
 * A number's text: its shown text when that is its digits with leading
 * zeros and a phone's spaces, hyphens or brackets (a format that keeps a
 * phone's 0); else as its style's code shows it (odsstyle.c), or its
 * value as General shows it, a percentage's with %.  The shown text is
 * not taken otherwise: it is in the locale of whoever saved it (3,5 in
 * much of Europe) and may cut digits (4,48E+11).
 */
static char *
ods_number_text(const char *v, const char *shown, int percent,
    const char *code)
{
	char		 out[80], digits[64], *end;
	const char	*c;
	double		 d;
	size_t		 k = 0;

	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || !isfinite(d))
		return circle_xstrdup(shown);
	if (!percent && shown[0] == '0' && shown[1] != '\0' &&
	    strspn(shown, "0123456789 -()") == strlen(shown)) {
		for (c = shown; *c != '\0' && k + 1 < sizeof digits; c++)
			if (*c >= '0' && *c <= '9')
				digits[k++] = *c;
		digits[k] = '\0';
		if (strtod(digits, NULL) == d)
			return circle_xstrdup(shown);
	}
	if (code != NULL && circle_xlsx_code_text(d, code, out, sizeof out) ==
	    0)
		return circle_xstrdup(out);
	circle_xlsx_general(percent ? d * 100 : d, out, sizeof out - 1);
	if (percent)
		strcat(out, "%");
	return circle_xstrdup(out);
}

/*
 * The cell just read as the text a CSV of it would hold: a string's
 * text, a number's (float, currency, percentage), a date or a time as
 * ISO text, TRUE or FALSE.  NULL for a formula whose value was not saved.
 */
static char *
ods_cell_text(struct circle_xlsx *x)
{
	struct xl_ods	*o = &x->od;
	const char	*shown = x->buf.s != NULL ? x->buf.s : "";

	if (o->vtype[0] == '\0')
		return o->formula ? NULL : circle_xstrdup(shown);
	if (strcmp(o->vtype, "string") == 0)
		return circle_xstrdup(o->val != NULL ? o->val : shown);
	if (o->val == NULL)
		return o->formula ? NULL : circle_xstrdup(shown);
	if (strcmp(o->vtype, "float") == 0 || strcmp(o->vtype, "currency") ==
	    0)
		return ods_number_text(o->val, shown, 0, o->code);
	if (strcmp(o->vtype, "percentage") == 0)
		return ods_number_text(o->val, shown, 1, o->code);
	if (strcmp(o->vtype, "date") == 0)
		return circle_xlsx_iso_cell(o->val);
	if (strcmp(o->vtype, "time") == 0)
		return ods_time_text(o->val);
	if (strcmp(o->vtype, "boolean") == 0)
		return circle_xstrdup(strcmp(o->val, "true") == 0 ||
		    strcmp(o->val, "1") == 0 ? "TRUE" : "FALSE");
	return circle_xstrdup(shown);
}

/* The value attribute of a cell of type t. */
static const char *
ods_value_attr(const char **attr, const char *t)
{
	if (strcmp(t, "date") == 0)
		return circle_ods_attr(attr, NS_OFFICE, "date-value");
	if (strcmp(t, "time") == 0)
		return circle_ods_attr(attr, NS_OFFICE, "time-value");
	if (strcmp(t, "boolean") == 0)
		return circle_ods_attr(attr, NS_OFFICE, "boolean-value");
	if (strcmp(t, "string") == 0)
		return circle_ods_attr(attr, NS_OFFICE, "string-value");
	return circle_ods_attr(attr, NS_OFFICE, "value");
}

static void
ods_cell_start(struct circle_xlsx *x, const char **attr)
{
	struct xl_ods	*o = &x->od;
	const char	*t = circle_ods_attr(attr, NS_OFFICE, "value-type"), *v;
	char		 colname[8], ref[32];
	size_t		 rows;

	/* Its own style, else its column's. */
	if ((v = circle_ods_attr(attr, NS_TABLE, "style-name")) != NULL)
		o->code = circle_ods_cell_code(x, v);
	else
		o->code = x->col < o->ncolumns ? o->colcode[x->col] : NULL;

	o->crep = ods_repeat(circle_ods_attr(attr, NS_TABLE,
	    "number-columns-repeated"));
	snprintf(o->vtype, sizeof o->vtype, "%s", t != NULL ? t : "");
	free(o->val);
	o->val = t != NULL && (v = ods_value_attr(attr, t)) != NULL ?
	    circle_xstrdup(v) : NULL;
	o->formula = circle_ods_attr(attr, NS_TABLE, "formula") != NULL;
	o->paras = 0;
	x->ccol = x->col;
	x->incell = 1;
	x->value = t != NULL;
	/* Cells merged down a column (xlsxmerge.c), said as Calc's "A2:A4"
	 * would be: a column's letters, 26 to 702 of them. */
	if (!o->scan && (rows = ods_repeat(circle_ods_attr(attr, NS_TABLE,
	    "number-rows-spanned"))) > 1 && ods_repeat(circle_ods_attr(attr,
	    NS_TABLE, "number-columns-spanned")) == 1) {
		circle_xlsx_column_name(x->col, colname, sizeof colname);
		snprintf(ref, sizeof ref, "%s%zu:%s%zu", colname, x->row,
		    colname, x->row + rows - 1);
		circle_xlsx_merge_put(x, x->col, x->row, x->row + rows - 1,
		    ref);
	}
	circle_xlsx_buf_clear(&x->buf);
}

/*
 * Cells made by a repeat: -1 past MAX_COPIES, more than LibreOffice
 * writes (it repeats empty cells and a few alike), which a small file
 * could ask for millions of.
 */
static int
ods_copies(struct circle_xlsx *x, size_t n)
{
	struct xl_ods	*o = &x->od;

	if ((o->copies += n) <= MAX_COPIES)
		return 0;
	circle_err_set(x->e, CIRCLE_EDATA, "%s: row %zu: over %d cells made by "
	    "repeating others: more than a spreadsheet to import holds (a "
	    "repeat bomb?); nothing read", x->name, x->row, MAX_COPIES);
	circle_xlsx_fail(x);
	return -1;
}

/* The cell just read: its width counted (first pass), or put in the row. */
static void
ods_cell_end(struct circle_xlsx *x)
{
	struct xl_ods	*o = &x->od;
	struct xl_sheet	*sh = &x->sheets[o->table];
	char		*s;
	size_t		 i, end;

	x->incell = 0;
	end = x->ccol + o->crep;
	x->col = end > MAX_REPEAT ? MAX_REPEAT : end;
	if (o->scan) {
		if (!x->value && !o->formula)
			return;
		sh->data = 1;
		if (end > CIRCLE_CSV_MAX_FIELDS)
			end = CIRCLE_CSV_MAX_FIELDS;
		if (end > sh->width)
			sh->width = end;
		return;
	}
	if (circle_xlsx_cell_over(x) == -1)
		return;
	if ((s = ods_cell_text(x)) == NULL) {
		circle_xlsx_formula_fail(x, x->ccol);
		return;
	}
	if (*s == '\0') {
		free(s);
		return;
	}
	if (ods_copies(x, o->crep - 1) == -1) {
		free(s);
		return;
	}
	for (i = 0; i < o->crep; i++)
		if (circle_xlsx_cell_put(x, x->ccol + i, i + 1 < o->crep ?
		    circle_xstrdup(s) : s) == -1) {
			if (i + 1 < o->crep)
				free(s);
			return;
		}
}

/*
 * The row just read handed on, as many times as it is repeated (empty
 * rows are counted, not made).
 */
static void
ods_row_end(struct circle_xlsx *x)
{
	struct xl_ods	*o = &x->od;
	size_t		 i;

	if (o->scan)
		return;
	if (x->nfields == 0) {
		x->row += o->rrep - 1;
		return;
	}
	if (circle_xlsx_row_check(x, x->row) == -1 ||
	    ods_copies(x, (o->rrep - 1) * x->nfields) == -1)
		return;
	for (i = 0; i < o->rrep; i++) {
		if (i > 0 && circle_xlsx_row_check(x, ++x->row) == -1)
			return;
		circle_xlsx_merge_fill(x);
		circle_xlsx_row_put(x, i + 1 < o->rrep);
	}
}

/* Text in a cell: in a text:p, not in an annotation or a drawing. */
static void
ods_text_start(struct circle_xlsx *x, const char *name, const char **attr)
{
	struct xl_ods	*o = &x->od;
	size_t		 n;

	if (o->skip > 0 || ods_is(name, NS_OFFICE, "annotation") ||
	    strncmp(name, NS_DRAW, strlen(NS_DRAW)) == 0) {
		o->skip++;
		return;
	}
	if (ods_is(name, NS_TEXT, "p") || ods_is(name, NS_TEXT, "h")) {
		if (o->inp++ == 0 && o->paras++ > 0)
			circle_xlsx_buf_add(&x->buf, "\n", 1);
		return;
	}
	if (o->inp == 0)
		return;
	if (ods_is(name, NS_TEXT, "s"))
		for (n = ods_repeat(circle_ods_attr(attr, NS_TEXT, "c")); n > 0 &&
		    !x->buf.over; n--)
			circle_xlsx_buf_add(&x->buf, " ", 1);
	else if (ods_is(name, NS_TEXT, "tab"))
		circle_xlsx_buf_add(&x->buf, "\t", 1);
	else if (ods_is(name, NS_TEXT, "line-break"))
		circle_xlsx_buf_add(&x->buf, "\n", 1);
}

static void
ods_text_end(struct circle_xlsx *x, const char *name)
{
	struct xl_ods	*o = &x->od;

	if (o->skip > 0)
		o->skip--;
	else if (o->inp > 0 && (ods_is(name, NS_TEXT, "p") || ods_is(name,
	    NS_TEXT, "h")))
		o->inp--;
}

static void
on_ods_chars(void *ud, const XML_Char *s, int len)
{
	struct circle_xlsx	*x = ud;

	if (x->od.innum && x->od.scan)
		circle_ods_style_chars(x, s, (size_t)len);
	if (!x->incell || x->od.inp == 0 || x->od.skip > 0 || len == 0)
		return;
	x->value = 1;
	if (!x->od.scan)
		circle_xlsx_buf_add(&x->buf, s, (size_t)len);
}

/* A table's style that hides it: style:table-properties table:display. */
static void
ods_style_start(struct circle_xlsx *x, const char *name, const char **attr)
{
	struct xl_ods	*o = &x->od;
	const char	*v;

	if (ods_is(name, NS_STYLE, "style")) {
		free(o->style);
		o->style = (v = circle_ods_attr(attr, NS_STYLE, "family")) != NULL &&
		    strcmp(v, "table") == 0 && (v = circle_ods_attr(attr, NS_STYLE,
		    "name")) != NULL ? circle_xstrdup(v) : NULL;
	} else if (ods_is(name, NS_STYLE, "table-properties") &&
	    o->style != NULL && (v = circle_ods_attr(attr, NS_TABLE, "display")) !=
	    NULL && strcmp(v, "false") == 0 && o->nhidden < XL_MAX_SHEETS) {
		o->hidden = circle_xgrow(o->hidden, o->nhidden,
		    sizeof *o->hidden);
		o->hidden[o->nhidden++] = circle_xstrdup(o->style);
	}
}

static int
ods_style_hidden(const struct xl_ods *o, const char *style)
{
	size_t	i;

	for (i = 0; style != NULL && i < o->nhidden; i++)
		if (strcmp(o->hidden[i], style) == 0)
			return 1;
	return 0;
}

/* A table (a sheet): named on the first pass, the one read on the next. */
static void
ods_table_start(struct circle_xlsx *x, const char **attr)
{
	struct xl_ods	*o = &x->od;
	struct xl_sheet	*sh;
	const char	*v;

	o->table++;
	x->row = 0;
	if (!o->scan)
		return;
	v = circle_ods_attr(attr, NS_TABLE, "name");
	if ((sh = circle_xlsx_sheet_add(x, v != NULL ? v : "")) == NULL)
		return;
	sh->rid = circle_xstrdup("");
	sh->hidden = ods_style_hidden(o, circle_ods_attr(attr, NS_TABLE,
	    "style-name"));
}

static void
on_ods_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	struct xl_ods		*o = &x->od;
	const char		*v;

	if (x->failed)
		return;
	if (o->intable == 0 && o->scan) {
		ods_style_start(x, name, attr);
		circle_ods_style_start(x, name, attr);
	}
	if (ods_is(name, NS_TABLE, "table")) {
		if (o->intable++ == 0)
			ods_table_start(x, attr);
		return;
	}
	/* Only the table read, and no table in a cell of it. */
	if (o->intable != 1 || (!o->scan && o->table != (long)x->pick))
		return;
	if (x->incell)
		ods_text_start(x, name, attr);
	else if (ods_is(name, NS_TABLE, "table-column") && !o->scan)
		circle_ods_column(x, attr, ods_repeat(circle_ods_attr(attr, NS_TABLE,
		    "number-columns-repeated")));
	else if (ods_is(name, NS_TABLE, "table-row")) {
		o->rrep = ods_repeat(circle_ods_attr(attr, NS_TABLE,
		    "number-rows-repeated"));
		/* "collapse" (hidden by hand) or "filter" (by a filter). */
		x->rowhidden = (v = circle_ods_attr(attr, NS_TABLE,
		    "visibility")) != NULL && strcmp(v, "visible") != 0;
		x->row++;
		x->col = 0;
		x->nfields = 0;
	} else if (ods_is(name, NS_TABLE, "table-cell") ||
	    ods_is(name, NS_TABLE, "covered-table-cell"))
		ods_cell_start(x, attr);
}

static void
on_ods_end(void *ud, const XML_Char *name)
{
	struct circle_xlsx	*x = ud;
	struct xl_ods		*o = &x->od;

	if (x->failed)
		return;
	if (o->intable == 0 && o->scan)
		circle_ods_style_end(x, name);
	if (ods_is(name, NS_TABLE, "table")) {
		if (--o->intable == 0 && !o->scan && o->table == (long)x->pick) {
			x->stop = 1;
			XML_StopParser(x->p, XML_FALSE);
		}
		return;
	}
	if (o->intable != 1 || (!o->scan && o->table != (long)x->pick))
		return;
	if (x->incell && (ods_is(name, NS_TABLE, "table-cell") ||
	    ods_is(name, NS_TABLE, "covered-table-cell")))
		ods_cell_end(x);
	else if (x->incell)
		ods_text_end(x, name);
	else if (ods_is(name, NS_TABLE, "table-row"))
		ods_row_end(x);
}

/* The sheet --sheet names, or the first visible one. */
static int
ods_sheet_pick(struct circle_xlsx *x, const char *want)
{
	size_t	i;
	int	k;

	if (x->nsheets == 0)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: a spreadsheet "
		    "without a sheet; open it in %s and save it again",
		    x->name, x->app);
	if (want != NULL) {
		if ((k = circle_xlsx_sheet_named(x, want)) == -1)
			return -1;
		x->pick = (size_t)k;
		return 0;
	}
	for (i = 0; i < x->nsheets && x->sheets[i].hidden; i++)
		;
	x->pick = i < x->nsheets ? i : 0;
	return 0;
}

/*
 * The spreadsheet in x->za read up to its sheet's first row: styles.xml's
 * common styles, content.xml read through once for its sheets and its
 * automatic styles, then opened again at the one read;
 * a flat one (.fods, x->flat) is all content.xml, its styles with it.
 */
int
circle_ods_open(struct circle_xlsx *x, const char *sheet)
{
	struct xl_ods	*o = &x->od;
	int		 rc;

	if (circle_ods_common_styles(x) == -1)
		return -1;
	o->scan = 1;
	o->table = -1;
	if ((rc = circle_xlsx_part_parse(x, CONTENT, 1, on_ods_start,
	    on_ods_end, on_ods_chars)) == -1)
		return -1;
	if (rc == 1)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: no %s in it: a "
		    "damaged spreadsheet; open it in %s and save it again, or "
		    "save it as CSV", x->name, CONTENT, x->app);
	if (ods_sheet_pick(x, sheet) == -1)
		return -1;
	circle_ods_styles_done(x);
	x->width = x->sheets[x->pick].width;
	o->scan = 0;
	o->table = -1;
	o->intable = 0;
	x->incell = 0;
	x->row = x->col = 0;
	if ((x->in = circle_xlsx_part_open(x, CONTENT, &rc)) == NULL)
		return -1;
	return circle_xlsx_parser_start(x, CONTENT, on_ods_start, on_ods_end,
	    on_ods_chars);
}

void
circle_ods_release(struct circle_xlsx *x)
{
	struct xl_ods	*o = &x->od;
	size_t		 i;

	circle_ods_styles_release(o);
	for (i = 0; i < o->nhidden; i++)
		free(o->hidden[i]);
	free(o->hidden);
	free(o->style);
	free(o->val);
	memset(o, 0, sizeof *o);
}
