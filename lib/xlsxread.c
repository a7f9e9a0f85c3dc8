/*
 * xlsxread.c: an Excel workbook (.xlsx) read as the rows of text that
 * csvio.c's reader hands out, so that every import reads a workbook as it
 * reads the CSV Excel would save of it: one sheet (the first visible one,
 * or --sheet's), through libzip and expat, each part capped by the bytes
 * read from it, no DTD taken; dates as ISO text.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <unicode/utf8.h>
#include <zip.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

/*
 * Excel's _xHHHH_ escapes (_x000D_ a carriage return, _x005F_ an
 * underscore) written out as the characters, a surrogate pair as one;
 * line ends as LF, as csvio.c stores them.  In place.
 */
static void
unescape_text(char *s)
{
	char		*w = s, *r = s, hex[5];
	unsigned long	 u, lo;
	size_t		 k;

	while (*r != '\0') {
		if (r[0] == '_' && r[1] == 'x' && strspn(r + 2,
		    "0123456789abcdefABCDEF") >= 4 && r[6] == '_') {
			memcpy(hex, r + 2, 4);
			hex[4] = '\0';
			u = strtoul(hex, NULL, 16);
			r += 7;
			if (u >= 0xd800 && u < 0xdc00 && r[0] == '_' &&
			    r[1] == 'x' && strspn(r + 2,
			    "0123456789abcdefABCDEF") >= 4 && r[6] == '_') {
				memcpy(hex, r + 2, 4);
				lo = strtoul(hex, NULL, 16);
				if (lo >= 0xdc00 && lo < 0xe000) {
					u = 0x10000 + ((u - 0xd800) << 10) +
					    (lo - 0xdc00);
					r += 7;
				}
			}
			if (u == 0)
				continue;
			if (u >= 0xd800 && u < 0xe000)
				u = 0xfffd;
			/* 7 bytes read or more, at most 4 written */
			k = 0;
			U8_APPEND_UNSAFE((uint8_t *)w, k, (UChar32)u);
			w += k;
			continue;
		}
		*w++ = *r++;
	}
	*w = '\0';
	for (r = w = s; *r != '\0'; r++)
		if (r[0] != '\r')
			*w++ = *r;
		else if (r[1] != '\n')
			*w++ = '\n';
	*w = '\0';
}

/* ---- relationships, the workbook----------------------------------------- */

/* A Target resolved against the folder of the part that names it. */
static char *
rel_path(const char *dir, const char *target)
{
	char	*path, *s, *up;

	if (*target == '/')
		return circle_xstrdup(target + 1);
	circle_xasprintf(&path, "%s%s", dir, target);
	/* "xl/worksheets/../x.xml" */
	while ((s = strstr(path, "/../")) != NULL) {
		for (up = s; up > path && up[-1] != '/'; up--)
			;
		memmove(up, s + 4, strlen(s + 4) + 1);
	}
	return path;
}

static void
on_rel(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*id, *type, *target, *mode, *slash;
	struct xl_rel		*r;

	if (strcmp(circle_xlsx_local_name(name), "Relationship") != 0)
		return;
	id = circle_xlsx_attr_of(attr, "Id");
	type = circle_xlsx_attr_of(attr, "Type");
	target = circle_xlsx_attr_of(attr, "Target");
	mode = circle_xlsx_attr_of(attr, "TargetMode");
	if (id == NULL || type == NULL || target == NULL || (mode != NULL &&
	    strcmp(mode, "External") == 0) || x->nrels >= XL_MAX_SHEETS * 4)
		return;
	x->rels = circle_xgrow(x->rels, x->nrels, sizeof *x->rels);
	r = &x->rels[x->nrels++];
	slash = strrchr(type, '/');
	r->id = circle_xstrdup(id);
	r->type = circle_xstrdup(slash != NULL ? slash + 1 : type);
	r->target = rel_path(x->dir, target);
}

static void
on_nothing(void *ud, const XML_Char *name)
{
	(void)ud, (void)name;
}

void
circle_xlsx_on_no_text(void *ud, const XML_Char *s, int len)
{
	(void)ud, (void)s, (void)len;
}

static void
rels_free(struct circle_xlsx *x)
{
	size_t	i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

/* The target of the first relationship of type (or of id), or NULL. */
static const char *
rel_find(const struct circle_xlsx *x, const char *type, const char *id)
{
	size_t	i;

	for (i = 0; i < x->nrels; i++)
		if ((type != NULL && strcmp(x->rels[i].type, type) == 0) ||
		    (id != NULL && strcmp(x->rels[i].id, id) == 0))
			return x->rels[i].target;
	return NULL;
}

/*
 * A calcPr as libxlsxwriter, XlsxWriter and rust_xlsxwriter write it,
 * calcId 124519 and fullCalcOnLoad: they compute no formula and write 0
 * as its value.  Others ask for fullCalcOnLoad too (ExcelJS, ClosedXML,
 * openxlsx2, OfficeXML4D) with the values they were given or none, so a
 * 0 is taken as a formula's value but for this one shape.
 */
static int
placeholders(const char **attr)
{
	const char	*full, *id;

	full = circle_xlsx_attr_of(attr, "fullCalcOnLoad");
	id = circle_xlsx_attr_of(attr, "calcId");
	return full != NULL && (strcmp(full, "1") == 0 || strcmp(full,
	    "true") == 0) && id != NULL && strcmp(id, "124519") == 0;
}

static void
on_workbook(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name), *v, *state;
	struct xl_sheet		*s;

	if (strcmp(l, "workbook") == 0)
		x->book = 1;
	if (strcmp(l, "workbookPr") == 0 && (v = circle_xlsx_attr_of(attr,
	    "date1904")) != NULL)
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	if (strcmp(l, "calcPr") == 0)
		x->recalc = placeholders(attr);
	if (strcmp(l, "sheet") != 0 || (v = circle_xlsx_attr_of(attr, "name")) == NULL)
		return;
	if ((s = circle_xlsx_sheet_add(x, v)) == NULL)
		return;
	s->rid = circle_xstrdup((v = circle_xlsx_attr_of(attr, "id")) != NULL ? v : "");
	state = circle_xlsx_attr_of(attr, "state");
	s->hidden = state != NULL && strcmp(state, "visible") != 0;
}

/*
 * A sheet named name added to the workbook's, or NULL (the parse stops)
 * past XL_MAX_SHEETS.
 */
struct xl_sheet *
circle_xlsx_sheet_add(struct circle_xlsx *x, const char *name)
{
	struct xl_sheet	*s;

	if (x->nsheets >= XL_MAX_SHEETS) {
		circle_err_set(x->e, CIRCLE_EDATA, "%s: over %d sheets: more "
		    "than a workbook to import holds", x->name, XL_MAX_SHEETS);
		circle_xlsx_fail(x);
		return NULL;
	}
	x->sheets = circle_xgrow(x->sheets, x->nsheets, sizeof *x->sheets);
	s = &x->sheets[x->nsheets++];
	memset(s, 0, sizeof *s);
	s->name = circle_xstrdup(name);
	return s;
}

/*
 * The workbook's part (from _rels/.rels, else xl/workbook.xml), its
 * sheets, its date system and its relationships.  1 when the zip holds
 * no workbook at all.
 */
static int
workbook_read(struct circle_xlsx *x)
{
	const char	*wb;
	char		*part, *relspart, *slash;
	int		 rc;

	x->dir = circle_xstrdup("");
	if ((rc = circle_xlsx_part_parse(x, "_rels/.rels", 1, on_rel, on_nothing,
	    circle_xlsx_on_no_text)) == -1)
		return -1;
	wb = rel_find(x, "officeDocument", NULL);
	part = circle_xstrdup(wb != NULL ? wb : "xl/workbook.xml");
	rels_free(x);
	free(x->dir);
	if ((slash = strrchr(part, '/')) != NULL)
		x->dir = circle_xstrndup(part, (size_t)(slash - part + 1));
	else
		x->dir = circle_xstrdup("");
	if ((rc = circle_xlsx_part_parse(x, part, 1, on_workbook, on_nothing,
	    circle_xlsx_on_no_text)) != 0 || !x->book) {
		free(part);
		return rc != 0 ? rc : 1;
	}
	circle_xasprintf(&relspart, "%s_rels/%s.rels", x->dir,
	    slash != NULL ? slash + 1 : part);
	free(part);
	rc = circle_xlsx_part_parse(x, relspart, 0, on_rel, on_nothing, circle_xlsx_on_no_text);
	free(relspart);
	if (rc == -1)
		return -1;
	if (x->nsheets == 0)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: a workbook "
		    "without a sheet; open it in Excel and save it again",
		    x->name);
	return 0;
}

/* ---- shared strings------------------------------------------------------ */

/*
 * The text of a string item (a shared string's <si>, a cell's <is>):
 * its <t>, or the <t> of each rich text run, never of a phonetic <rPh>.
 */
static void
item_start(struct circle_xlsx *x, const char *l)
{
	x->depth++;
	if (strcmp(l, "rPh") == 0 && x->rph == 0)
		x->rph = x->depth;
	else if (strcmp(l, "t") == 0 && x->rph == 0)
		x->text = 1;
}

static void
item_end(struct circle_xlsx *x, const char *l)
{
	if (x->rph == x->depth)
		x->rph = 0;
	if (strcmp(l, "t") == 0)
		x->text = 0;
	x->depth--;
}

static void
on_text(void *ud, const XML_Char *s, int len)
{
	struct circle_xlsx	*x = ud;

	if (x->text)
		circle_xlsx_buf_add(&x->buf, s, (size_t)len);
}

static void
on_sst_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name);

	(void)attr;
	if (strcmp(l, "si") == 0)
		circle_xlsx_buf_clear(&x->buf);
	item_start(x, l);
}

static void
on_sst_end(void *ud, const XML_Char *name)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name);
	size_t			 n;

	item_end(x, l);
	if (strcmp(l, "si") != 0)
		return;
	if (x->buf.over) {
		circle_err_set(x->e, CIRCLE_EDATA, "%s: %s: a text of over 1 "
		    "MiB", x->name, x->part);
		circle_xlsx_fail(x);
		return;
	}
	if (x->nsst >= XL_MAX_STRINGS) {
		circle_err_set(x->e, CIRCLE_EDATA, "%s: %s: over %d texts: more "
		    "than a workbook to import holds", x->name, x->part,
		    XL_MAX_STRINGS);
		circle_xlsx_fail(x);
		return;
	}
	if (x->buf.s == NULL)
		circle_xlsx_buf_add(&x->buf, "", 0);
	unescape_text(x->buf.s);
	n = strlen(x->buf.s);
	x->sstoff = circle_xgrow(x->sstoff, x->nsst, sizeof *x->sstoff);
	x->sstoff[x->nsst++] = x->sstlen;
	x->sst = circle_xrealloc(x->sst, x->sstlen + n + 1);
	memcpy(x->sst + x->sstlen, x->buf.s, n + 1);
	x->sstlen += n + 1;
}

/* ---- cells--------------------------------------------------------------- */

/* "C5": its column from 0 in *col; -1 if it is no cell reference. */
static int
cell_column(const char *r, size_t *col)
{
	size_t	c = 0, k;

	for (k = 0; k < 3 && r[k] >= 'A' && r[k] <= 'Z'; k++)
		c = c * 26 + (size_t)(r[k] - 'A' + 1);
	if (k == 0 || (r[k] != '\0' && (r[k] < '0' || r[k] > '9')))
		return -1;
	*col = c - 1;
	return 0;
}

/*
 * The cell just read as the text a CSV of it would hold: a shared or
 * inline string, a formula's text, TRUE or FALSE, an error as Excel
 * shows it (#N/A: the text, as Excel's own CSV writes it), a number, a
 * date.  NULL (with x->e) on an error.
 */
static char *
cell_text(struct circle_xlsx *x)
{
	const char	*v = x->buf.s != NULL ? x->buf.s : "";
	char		*end, *s;
	unsigned long	 i;

	if (strcmp(x->ctype, "s") == 0) {
		errno = 0;
		i = strtoul(v, &end, 10);
		if (*v == '\0' || *end != '\0' || errno != 0 || i >= x->nsst) {
			circle_err_set(x->e, CIRCLE_EDATA, "%s:%zu:%zu: the cell "
			    "names text %s that the workbook does not hold: a "
			    "damaged workbook; open it in Excel and save it "
			    "again", x->name, x->row, x->ccol + 1, v);
			return NULL;
		}
		return circle_xstrdup(x->sst + x->sstoff[i]);
	}
	if (strcmp(x->ctype, "inlineStr") == 0 || strcmp(x->ctype, "str") ==
	    0 || strcmp(x->ctype, "e") == 0) {
		s = circle_xstrdup(v);
		unescape_text(s);
		return s;
	}
	if (strcmp(x->ctype, "b") == 0)
		return circle_xstrdup(strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0 ? "TRUE" : "FALSE");
	if (strcmp(x->ctype, "d") == 0)
		return circle_xlsx_iso_cell(v);
	return circle_xlsx_number_cell(x, v);
}

/*
 * Whether the cell just read is a formula whose value was never saved: no
 * <v>, or an empty one that is no formula's empty text (t="str", as Excel
 * writes ""); in a workbook that asks for every formula to be computed
 * when it is opened as libxlsxwriter's family asks (placeholders()),
 * also the 0 they write in place of a value.
 */
static int
formula_unsaved(const struct circle_xlsx *x)
{
	const char	*v = x->buf.s != NULL ? x->buf.s : "";

	if (!x->formula)
		return 0;
	if (!x->value || (*v == '\0' && (x->recalc ||
	    strcmp(x->ctype, "str") != 0)))
		return 1;
	return x->recalc && strcmp(x->ctype, "n") == 0 && strtod(v, NULL) == 0;
}

/*
 * A formula cell whose value was never saved, refused: its value would
 * be lost (read as empty, or as the 0 written in its place).
 */
void
circle_xlsx_formula_fail(struct circle_xlsx *x, size_t col)
{
	circle_err_set(x->e, CIRCLE_EDATA, "%s:%zu:%zu: a formula whose value "
	    "is not saved in the workbook (the program that wrote it does not "
	    "compute formulas); open it in Excel or LibreOffice Calc and save "
	    "it, then import it again; nothing read", x->name, x->row,
	    col + 1);
	circle_xlsx_fail(x);
}

/* The cell just read, refused when its text was over the cap. */
int
circle_xlsx_cell_over(struct circle_xlsx *x)
{
	if (!x->buf.over)
		return 0;
	circle_err_set(x->e, CIRCLE_EDATA, "%s:%zu:%zu: a cell of over 1 MiB",
	    x->name, x->row, x->ccol + 1);
	circle_xlsx_fail(x);
	return -1;
}

/*
 * A cell's text s (the row's then) put at column col of the row being
 * read: -1 past the last column an import reads (s is freed then).
 */
int
circle_xlsx_cell_put(struct circle_xlsx *x, size_t col, char *s)
{
	size_t	 i;

	if (*s == '\0') {
		free(s);
		return 0;
	}
	if (col >= CIRCLE_CSV_MAX_FIELDS) {
		free(s);
		circle_err_set(x->e, CIRCLE_EDATA, "%s:%zu:%zu: a cell past "
		    "column %d, the last an import reads", x->name, x->row,
		    col + 1, CIRCLE_CSV_MAX_FIELDS);
		circle_xlsx_fail(x);
		return -1;
	}
	if (col >= x->cap) {
		x->fields = circle_xreallocarray(x->fields, col + 16,
		    sizeof *x->fields);
		for (i = x->cap; i < col + 16; i++)
			x->fields[i] = NULL;
		x->cap = col + 16;
	}
	free(x->fields[col]);
	x->fields[col] = s;
	if (col + 1 > x->nfields)
		x->nfields = col + 1;
	circle_xlsx_column_read(x, col);
	return 0;
}

/* The cell just read into the row, at its column. */
static void
cell_done(struct circle_xlsx *x)
{
	char	*s;

	if (formula_unsaved(x)) {
		circle_xlsx_formula_fail(x, x->ccol);
		return;
	}
	if (!x->value || circle_xlsx_cell_over(x) == -1)
		return;
	if ((s = cell_text(x)) == NULL) {
		circle_xlsx_fail(x);
		return;
	}
	circle_xlsx_cell_put(x, x->ccol, s);
}

/*
 * The row just read handed on, as wide as the sheet, empty cells as "":
 * a row of none, not (as blank lines of a CSV are not).  keep: its cells
 * stay for the same row again (a row repeated).
 */
void
circle_xlsx_row_put(struct circle_xlsx *x, int keep)
{
	char	**fields;
	size_t	  i, n = x->nfields;

	if (n == 0)
		return;
	if (n < x->width)
		n = x->width;
	fields = circle_xcalloc(n + 1, sizeof *fields);
	for (i = 0; i < n; i++) {
		fields[i] = i < x->cap && x->fields[i] != NULL ? (keep ?
		    circle_xstrdup(x->fields[i]) : x->fields[i]) :
		    circle_xstrdup("");
		if (i < x->cap && !keep)
			x->fields[i] = NULL;
	}
	if (!keep)
		x->nfields = 0;
	if (x->rowhidden)
		circle_xlsx_hidden_row(x);
	x->rowfn(x->arg, fields, n, x->row);
}

/* Row n, checked against the last a sheet has: -1 past it. */
int
circle_xlsx_row_check(struct circle_xlsx *x, size_t n)
{
	if (n <= XL_MAX_ROW)
		return 0;
	circle_err_set(x->e, CIRCLE_EDATA, "%s: row %zu is past %s's last row "
	    "(%d): not a sheet %s wrote; nothing read", x->name, n, x->app,
	    XL_MAX_ROW, x->app);
	circle_xlsx_fail(x);
	return -1;
}

/* A row's or a cell's r that is no row number or cell reference. */
static void
reference_fail(struct circle_xlsx *x, const char *what, const char *r)
{
	circle_err_set(x->e, CIRCLE_EDATA, "%s: %s:%lu: %s \"%.20s\": a "
	    "damaged workbook; open it in Excel and save it again", x->name,
	    x->part, (unsigned long)XML_GetCurrentLineNumber(x->p), what, r);
	circle_xlsx_fail(x);
}

static void
on_row_start(struct circle_xlsx *x, const char **attr)
{
	const char	*r = circle_xlsx_attr_of(attr, "r");
	char		*end;
	unsigned long	 n;

	if (r != NULL) {
		errno = 0;
		n = strtoul(r, &end, 10);
		if (*r == '\0' || *end != '\0' || errno != 0 || n == 0) {
			reference_fail(x, "a row numbered", r);
			return;
		}
		x->row = n;
	} else
		x->row++;
	if (circle_xlsx_row_check(x, x->row) == -1)
		return;
	x->col = 0;
	x->nfields = 0;
	r = circle_xlsx_attr_of(attr, "hidden");
	x->rowhidden = r != NULL && (strcmp(r, "1") == 0 ||
	    strcmp(r, "true") == 0);
}

static void
on_cell_start(struct circle_xlsx *x, const char **attr)
{
	const char	*r = circle_xlsx_attr_of(attr, "r"), *t = circle_xlsx_attr_of(attr, "t"),
			*s = circle_xlsx_attr_of(attr, "s");

	if (r != NULL && cell_column(r, &x->ccol) == -1) {
		reference_fail(x, "a cell named", r);
		return;
	}
	if (r == NULL)
		x->ccol = x->col;
	x->col = x->ccol + 1;
	snprintf(x->ctype, sizeof x->ctype, "%s", t != NULL ? t : "n");
	x->cstyle = s != NULL ? strtol(s, NULL, 10) : 0;
	x->incell = 1;
	x->value = x->formula = 0;
	circle_xlsx_buf_clear(&x->buf);
}

static void
on_sheet_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name);

	if (x->failed)
		return;
	if (strcmp(l, "row") == 0)
		on_row_start(x, attr);
	else if (strcmp(l, "c") == 0)
		on_cell_start(x, attr);
	else if (x->incell && strcmp(l, "v") == 0) {
		x->value = 1;
		x->text = 1;
	} else if (x->incell && strcmp(l, "is") == 0)
		x->value = 1;
	else if (x->incell && strcmp(l, "f") == 0)
		x->formula = 1;
	if (x->incell)
		item_start(x, l);
}

static void
on_sheet_end(void *ud, const XML_Char *name)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name);

	if (x->failed)
		return;
	if (x->incell)
		item_end(x, l);
	if (strcmp(l, "v") == 0)
		x->text = 0;
	else if (strcmp(l, "c") == 0) {
		x->incell = 0;
		cell_done(x);
	} else if (strcmp(l, "row") == 0) {
		circle_xlsx_merge_fill(x);
		circle_xlsx_row_put(x, 0);
	}
}

/* Whether a sheet has a cell with a value: its parse stops at the first. */
static void
on_scan_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name);

	(void)attr;
	if (strcmp(l, "v") == 0 || strcmp(l, "is") == 0) {
		x->stop = 1;
		XML_StopParser(x->p, XML_FALSE);
	}
}

/* A <col min="2" max="3" hidden="1">: columns B and C are hidden. */
static void
cols_hidden(struct circle_xlsx *x, const char **attr)
{
	const char	*h = circle_xlsx_attr_of(attr, "hidden"), *v;
	unsigned long	 min, max, c;

	if (h == NULL || (strcmp(h, "1") != 0 && strcmp(h, "true") != 0) ||
	    (v = circle_xlsx_attr_of(attr, "min")) == NULL ||
	    (min = strtoul(v, NULL, 10)) == 0)
		return;
	max = (v = circle_xlsx_attr_of(attr, "max")) != NULL ?
	    strtoul(v, NULL, 10) : min;
	for (c = min; c <= max && c <= CIRCLE_CSV_MAX_FIELDS; c++)
		circle_xlsx_column_hide(x, c - 1);
}

/*
 * The sheet to read, read once first for its width: the column of its
 * last cell with a value (a bad reference is left to the reading); its
 * merges and hidden columns too.
 */
static void
on_width_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name), *r;

	if (strcmp(l, "row") == 0)
		x->col = 0;
	else if (strcmp(l, "c") == 0) {
		if ((r = circle_xlsx_attr_of(attr, "r")) == NULL ||
		    cell_column(r, &x->ccol) == -1)
			x->ccol = x->col;
		x->col = x->ccol + 1;
	} else if ((strcmp(l, "v") == 0 || strcmp(l, "is") == 0) &&
	    x->ccol + 1 > x->width && x->ccol < CIRCLE_CSV_MAX_FIELDS)
		x->width = x->ccol + 1;
	else if (strcmp(l, "mergeCell") == 0)
		circle_xlsx_merge_add(x, attr);
	else if (strcmp(l, "col") == 0)
		cols_hidden(x, attr);
}

/* ---- the sheet----------------------------------------------------------- */

/* The part of sheet i, a worksheet's, from the workbook's relationships. */
static const char *
sheet_part(const struct circle_xlsx *x, size_t i)
{
	size_t	k;

	for (k = 0; k < x->nrels; k++)
		if (strcmp(x->rels[k].id, x->sheets[i].rid) == 0)
			return strcmp(x->rels[k].type, "worksheet") == 0 ?
			    x->rels[k].target : NULL;
	return NULL;
}

/* The sheets' names, for a message: "Roster", "Old" (hidden). */
void
circle_xlsx_sheet_names(const struct circle_xlsx *x, int with_data, char *out,
    size_t len)
{
	size_t	i, k = 0;
	int	n;

	out[0] = '\0';
	for (i = 0; i < x->nsheets && k + 1 < len; i++) {
		if (with_data && (!x->sheets[i].data || i == x->pick))
			continue;
		n = snprintf(out + k, len - k, "%s\"%s\"%s", k > 0 ? ", " : "",
		    x->sheets[i].name, x->sheets[i].hidden ? " (hidden)" : "");
		if (n < 0 || (size_t)n >= len - k) {
			out[k] = '\0';
			break;
		}
		k += (size_t)n;
	}
}

/*
 * The sheet named want (exactly, else in any case), or -1 with x->e
 * naming the workbook's sheets.
 */
int
circle_xlsx_sheet_named(struct circle_xlsx *x, const char *want)
{
	char	names[400];
	size_t	i;

	for (i = 0; i < x->nsheets; i++)
		if (strcmp(x->sheets[i].name, want) == 0)
			return (int)i;
	for (i = 0; i < x->nsheets; i++)
		if (strcasecmp(x->sheets[i].name, want) == 0)
			return (int)i;
	circle_xlsx_sheet_names(x, 0, names, sizeof names);
	return circle_err_set(x->e, CIRCLE_EDATA, "%s: no sheet named \"%s\"; "
	    "its sheets: %s", x->name, want, names);
}

/*
 * The sheet --sheet names, or the first visible worksheet but for the
 * "Export Summary" Numbers puts first in a workbook it exports (what it
 * did with each table), when there is another.
 */
static int
sheet_pick(struct circle_xlsx *x, const char *want)
{
	size_t	i;
	int	k, pass;

	if (want != NULL) {
		if ((k = circle_xlsx_sheet_named(x, want)) == -1)
			return -1;
		i = (size_t)k;
	} else {
		for (pass = 0, i = x->nsheets; pass < 2 && i == x->nsheets;
		    pass++)
			for (i = 0; i < x->nsheets; i++)
				if (!x->sheets[i].hidden && sheet_part(x, i) !=
				    NULL && (pass == 1 || strcmp(
				    x->sheets[i].name, "Export Summary") != 0))
					break;
		if (i == x->nsheets)
			i = 0;
	}
	x->pick = i;
	if (sheet_part(x, i) == NULL)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: sheet \"%s\" is "
		    "%s", x->name, x->sheets[i].name, rel_find(x, NULL,
		    x->sheets[i].rid) == NULL ? "named in the workbook but has "
		    "no part: a damaged workbook; open it in Excel and save it "
		    "again" : "a chart or a dialog, not a sheet of cells; give "
		    "--sheet with a sheet of cells");
	x->sheetpath = circle_xstrdup(sheet_part(x, i));
	return 0;
}

/* Which sheets other than the one read have a cell with a value, and
 * how wide the one read is. */
static int
sheets_scan(struct circle_xlsx *x)
{
	const char	*part;
	size_t		 i;
	int		 rc;

	for (i = 0; i < x->nsheets; i++) {
		if (i == x->pick || (part = sheet_part(x, i)) == NULL)
			continue;
		if ((rc = circle_xlsx_part_parse(x, part, 1, on_scan_start, on_nothing,
		    circle_xlsx_on_no_text)) == -1)
			return -1;
		x->sheets[i].data = rc == 0 && x->stop;
	}
	if (circle_xlsx_part_parse(x, x->sheetpath, 1, on_width_start, on_nothing,
	    circle_xlsx_on_no_text) == -1)
		return -1;
	x->col = x->ccol = 0;
	return 0;
}

/* ---- the file------------------------------------------------------------ */

/*
 * An OLE file that holds an encrypted package, as Excel saves a workbook
 * with a password: its first directory sector names the stream.
 */
static int
is_encrypted(FILE *fp, const unsigned char *h, size_t n)
{
	static const char	 enc[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0"
				    "k\0a\0g\0e\0";
	unsigned char		 dir[4096];
	unsigned long		 sect, shift;
	size_t			 got;

	if (n < 0x34)
		return 0;
	shift = (unsigned long)h[0x1e] | (unsigned long)h[0x1f] << 8;
	sect = (unsigned long)h[0x30] | (unsigned long)h[0x31] << 8 |
	    (unsigned long)h[0x32] << 16 | (unsigned long)h[0x33] << 24;
	if (shift < 7 || shift > 16 || sect >= 0xfffffffaUL ||
	    fseek(fp, (long)((sect + 1) << shift), SEEK_SET) != 0)
		return 0;
	got = fread(dir, 1, sizeof dir, fp);
	return memmem(dir, got, enc, sizeof enc - 1) != NULL;
}

/*
 * What kind of file path is, from its first bytes (csvtext.c's rule,
 * circle_csv_kind), or -1 with e for a workbook with a password.
 */
static int
file_kind(const char *path, const char *name, struct circle_err *e)
{
	unsigned char	 h[CIRCLE_CSV_HEAD];
	size_t		 n;
	FILE		*fp;
	int		 kind, enc = 0;

	if ((fp = fopen(path, "r")) == NULL)
		return CIRCLE_FILE_TEXT;	/* the CSV reader says why */
	n = fread(h, 1, sizeof h, fp);
	if (circle_csv_not_calendar(h, n, name, e) == -1) {
		fclose(fp);
		return -1;
	}
	kind = circle_csv_kind(h, n);
	if (kind == CIRCLE_FILE_XLS)
		enc = is_encrypted(fp, h, n);
	fclose(fp);
	if (enc)
		return circle_err_set(e, CIRCLE_EDATA, "%s: a password-protected "
		    "Excel workbook: remove the password in Excel (File > Info "
		    "> Protect Workbook) or save it as CSV", name);
	return kind;
}

/* A zip that cannot be opened, by libzip's code zerr. */
static void
zip_open_fail(struct circle_xlsx *x, int zerr)
{
	zip_error_t	 ze;

	zip_error_init_with_code(&ze, zerr);
	if (zerr == ZIP_ER_NOZIP || zerr == ZIP_ER_INCONS)
		circle_err_set(x->e, CIRCLE_EDATA, "%s: %s cut short or damaged "
		    "(%s); open it in %s and save it again, or save it as CSV",
		    x->name, circle_xlsx_what(x), zip_error_strerror(&ze),
		    x->app);
	else
		circle_err_set(x->e, zerr == ZIP_ER_OPEN || zerr ==
		    ZIP_ER_READ ? CIRCLE_EIO : CIRCLE_EDATA, "%s: %s", x->name,
		    zip_error_strerror(&ze));
	zip_error_fini(&ze);
}

/* A reader of a workbook of kind (CIRCLE_FILE_ODS: LibreOffice's). */
static struct circle_xlsx *
xlsx_new(const char *name, int kind, struct circle_err *e)
{
	struct circle_xlsx	*x;

	x = circle_xcalloc(1, sizeof *x);
	x->name = circle_xstrdup(name);
	x->e = e;
	x->ods = kind == CIRCLE_FILE_ODS || kind == CIRCLE_FILE_FODS;
	x->app = x->ods ? "LibreOffice Calc" : "Excel";
	return x;
}

/*
 * The workbook in x->za read up to its sheet's first row: 1 with *xp, 0
 * when kind is a zip that holds no workbook (csvtext.c names it), -1.
 */
static int
workbook_open(struct circle_xlsx *x, int kind, const char *sheet,
    struct circle_xlsx **xp)
{
	struct circle_err	*e = x->e;
	const char		*part;
	int			 rc;

	if (x->ods) {
		if (circle_ods_open(x, sheet) == -1)
			goto fail;
		x->e = NULL;
		*xp = x;
		return 1;
	}
	if ((rc = workbook_read(x)) == 1 && kind == CIRCLE_FILE_ZIP) {
		circle_xlsx_close(x);
		return 0;	/* a zip, not a workbook: csvtext.c says so */
	}
	if (rc == 1)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: not an Excel "
		    "workbook: its zip holds no workbook part (xl/workbook.xml); "
		    "open it in Excel and save it again, or save it as CSV",
		    x->name);
	if (rc == -1 || sheet_pick(x, sheet) == -1)
		goto fail;
	if ((part = rel_find(x, "sharedStrings", NULL)) != NULL &&
	    circle_xlsx_part_parse(x, part, 0, on_sst_start, on_sst_end, on_text) == -1)
		goto fail;
	if ((part = rel_find(x, "styles", NULL)) != NULL &&
	    circle_xlsx_styles_read(x, part) == -1)
		goto fail;
	if (sheets_scan(x) == -1 || (x->in = circle_xlsx_part_open(x,
	    x->sheetpath, &rc)) == NULL) {
		if (rc == 1)
			circle_err_set(e, CIRCLE_EDATA, "%s: sheet \"%s\" is "
			    "named in the workbook, but its part %s is not in "
			    "it: a damaged workbook; open it in Excel and save "
			    "it again", x->name, x->sheets[x->pick].name,
			    x->sheetpath);
		goto fail;
	}
	if (circle_xlsx_parser_start(x, x->sheetpath, on_sheet_start, on_sheet_end,
	    on_text) == -1)
		goto fail;
	x->e = NULL;
	*xp = x;
	return 1;
fail:
	circle_xlsx_close(x);
	return -1;
}

int
circle_xlsx_open(const char *path, const char *name, const char *sheet,
    struct circle_xlsx **xp, struct circle_err *e)
{
	struct circle_xlsx	*x;
	int			 zerr, kind;

	*xp = NULL;
	if (strcmp(path, "-") == 0)
		return 0;	/* csvio.c reads it: circle_csv_stdin_open */
	if ((kind = file_kind(path, name, e)) == -1)
		return -1;
	if (kind != CIRCLE_FILE_XLSX && kind != CIRCLE_FILE_ODS &&
	    kind != CIRCLE_FILE_FODS && kind != CIRCLE_FILE_ZIP)
		return 0;
	x = xlsx_new(name, kind, e);
	if (kind == CIRCLE_FILE_FODS) {
		if (circle_xlsx_flat_load(x, path) == -1) {
			circle_xlsx_close(x);
			return -1;
		}
		return workbook_open(x, kind, sheet, xp);
	}
	if ((x->za = zip_open(path, ZIP_RDONLY, &zerr)) == NULL) {
		if (kind != CIRCLE_FILE_ZIP)
			zip_open_fail(x, zerr);
		circle_xlsx_close(x);
		return kind == CIRCLE_FILE_ZIP ? 0 : -1;	/* csvtext.c
								   names a zip */
	}
	return workbook_open(x, kind, sheet, xp);
}

/*
 * A workbook whose bytes are buf[0..len) (standard input's, read whole),
 * as circle_xlsx_open reads a file: buf is then its to free.
 */
int
circle_xlsx_open_buffer(char *buf, size_t len, const char *name,
    const char *sheet, struct circle_xlsx **xp, struct circle_err *e)
{
	struct circle_xlsx	*x;
	zip_source_t		*src;
	zip_error_t		 ze;
	int			 kind;

	*xp = NULL;
	kind = circle_csv_kind((const unsigned char *)buf, len < CIRCLE_CSV_HEAD ?
	    len : CIRCLE_CSV_HEAD);
	x = xlsx_new(name, kind, e);
	if (kind == CIRCLE_FILE_FODS) {
		x->flat = buf;
		x->flatlen = len;
		return workbook_open(x, kind, sheet, xp);
	}
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 1, &ze)) == NULL)
		free(buf);
	else if ((x->za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL)
		zip_source_free(src);
	if (x->za == NULL) {
		zip_open_fail(x, zip_error_code_zip(&ze));
		zip_error_fini(&ze);
		circle_xlsx_close(x);
		return -1;
	}
	zip_error_fini(&ze);
	return workbook_open(x, kind, sheet, xp);
}

/*
 * More of the sheet read, each row with a value handed to fn (its fields
 * then fn's to free): 1 while there is more, 0 at the end, -1 on error.
 */
int
circle_xlsx_more(struct circle_xlsx *x, circle_xlsx_row_fn *fn, void *arg,
    struct circle_err *e)
{
	int	rc;

	if (x->done)
		return 0;
	x->rowfn = fn;
	x->arg = arg;
	x->e = e;
	rc = circle_xlsx_part_feed(x, x->in, &x->bytes);
	x->e = NULL;
	if (rc != 1)
		x->done = 1;
	return rc;
}

/* How the workbook was read, for a dry run: "Excel workbook, sheet X". */
void
circle_xlsx_said(const struct circle_xlsx *x, char *buf, size_t len)
{
	snprintf(buf, len, "%s, sheet \"%s\"%s", circle_xlsx_what(x) + 3,
	    x->sheets[x->pick].name,
	    x->date1904 ? " (1904 date system)" : "");
}

/*
 * A note when other sheets than the one read have data, or NULL: the
 * caller's to free.
 */
char *
circle_xlsx_note(const struct circle_xlsx *x)
{
	char	 names[400], *note;

	circle_xlsx_sheet_names(x, 1, names, sizeof names);
	if (names[0] == '\0')
		return NULL;
	circle_xasprintf(&note, "%s: read sheet \"%s\"; the workbook's other "
	    "sheets with data: %s (--sheet NAME reads one of them)", x->name,
	    x->sheets[x->pick].name, names);
	return note;
}

/* What the file is, in a message: "an Excel workbook". */
const char *
circle_xlsx_what(const struct circle_xlsx *x)
{
	return x->ods ? "an OpenDocument spreadsheet" : "an Excel workbook";
}

/* The serial number a date is in the workbook: days since 1904-01-01
 * (1), or since 1899-12-30 (0; an OpenDocument spreadsheet's too). */
int
circle_xlsx_1904(const struct circle_xlsx *x)
{
	return !x->ods && x->date1904;
}

const char *
circle_xlsx_sheet(const struct circle_xlsx *x)
{
	return x->sheets[x->pick].name;
}

void
circle_xlsx_close(struct circle_xlsx *x)
{
	size_t	i;

	if (x == NULL)
		return;
	if (x->p != NULL)
		XML_ParserFree(x->p);
	circle_xlsx_part_close(x->in);
	if (x->za != NULL)
		zip_discard(x->za);
	free(x->flat);
	rels_free(x);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	for (i = 0; i < x->cap; i++)
		free(x->fields[i]);
	free(x->fields);
	free(x->sheetpath);
	free(x->sst);
	free(x->sstoff);
	for (i = 0; i < x->nfmts; i++)
		free(x->fmts[i].code);
	free(x->fmts);
	free(x->xfid);
	free(x->xfkind);
	free(x->xfcode);
	free(x->buf.s);
	free(x->dir);
	circle_ods_release(x);
	circle_xlsx_merge_release(x);
	free(x->name);
	free(x);
}
