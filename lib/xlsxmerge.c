/*
 * xlsxmerge.c: where a sheet as it is seen differs from the CSV Excel
 * would save of it.  Cells merged down one column (a group's name or a
 * session's date written once over its people's rows) are read as their
 * value in every row they cover: Excel's own CSV writes the value in the
 * first row only.  Hidden rows (a filter's, or hidden by hand) and hidden
 * columns are read, as its CSV holds them, and said.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

/* More merges down a column than this are refused (Excel's rows). */
#define XL_MAX_MERGES	XL_MAX_ROW

/* "A2" as its column (from 0) and row; -1 if it is no cell reference. */
static int
cell_ref(const char *r, const char **end, size_t *col, size_t *row)
{
	size_t	c = 0, n = 0, k;

	for (k = 0; k < 3 && r[k] >= 'A' && r[k] <= 'Z'; k++)
		c = c * 26 + (size_t)(r[k] - 'A' + 1);
	if (k == 0 || r[k] < '1' || r[k] > '9')
		return -1;
	for (; r[k] >= '0' && r[k] <= '9' && n <= XL_MAX_ROW; k++)
		n = n * 10 + (size_t)(r[k] - '0');
	*col = c - 1;
	*row = n;
	*end = r + k;
	return 0;
}

/*
 * Cells merged from row top to row bottom of column col (from 0), said
 * as ref: kept when they are down one column, more than one row.  More
 * than XL_MAX_MERGES is no sheet to read: refused, naming them.
 */
void
circle_xlsx_merge_put(struct circle_xlsx *x, size_t col, size_t top,
    size_t bottom, const char *ref)
{
	struct xl_merge	*m;

	if (bottom <= top || bottom > XL_MAX_ROW ||
	    col >= CIRCLE_CSV_MAX_FIELDS)
		return;
	if (x->nmerges == XL_MAX_MERGES) {
		circle_err_set(x->e, CIRCLE_EDATA, "%s: more than %d ranges of "
		    "cells merged down a column (%s and others); unmerge them "
		    "(in %s, select the sheet and unmerge its cells) and save "
		    "it again; nothing read", x->name, XL_MAX_MERGES,
		    x->merge_at, x->app);
		circle_xlsx_fail(x);
		return;
	}
	x->merges = circle_xgrow(x->merges, x->nmerges, sizeof *x->merges);
	m = &x->merges[x->nmerges++];
	m->col = col;
	m->top = top;
	m->bottom = bottom;
	m->text = NULL;
	if (x->nmerges == 1)
		snprintf(x->merge_at, sizeof x->merge_at, "%s", ref);
}

/*
 * A <mergeCell ref="A2:A4">, met as the sheet is read for its width
 * (the merges follow its rows).
 */
void
circle_xlsx_merge_add(struct circle_xlsx *x, const char **attr)
{
	const char	*ref = circle_xlsx_attr_of(attr, "ref"), *end;
	size_t		 c0, r0, c1, r1;

	if (ref == NULL || cell_ref(ref, &end, &c0, &r0) == -1 ||
	    *end != ':' || cell_ref(end + 1, &end, &c1, &r1) == -1 ||
	    *end != '\0' || c0 != c1)
		return;
	circle_xlsx_merge_put(x, c0, r0, r1, ref);
}

/* Merges by their first row (then column, last row), to be met in order. */
static int
merge_cmp(const void *a, const void *b)
{
	const struct xl_merge	*p = a, *q = b;

	if (p->top != q->top)
		return p->top < q->top ? -1 : 1;
	if (p->col != q->col)
		return p->col < q->col ? -1 : 1;
	if (p->bottom != q->bottom)
		return p->bottom < q->bottom ? -1 : 1;
	return 0;
}

/*
 * The merges whose first row is the row being read taken up, each with
 * its first cell's text, one a column (a later one over an earlier that
 * overlaps it, in a damaged sheet); those whose first row was not read
 * have no text to give, and are passed over.  The merges not yet met are
 * sorted first: a workbook's all come before its rows, a spreadsheet's
 * (.ods) with the row they start on.
 */
static void
merge_start(struct circle_xlsx *x)
{
	struct xl_merge	*m;
	size_t		 i;

	if (x->msorted < x->nmerges) {
		qsort(x->merges + x->mnext, x->nmerges - x->mnext,
		    sizeof *x->merges, merge_cmp);
		x->msorted = x->nmerges;
	}
	for (; x->mnext < x->nmerges && x->merges[x->mnext].top <= x->row;
	    x->mnext++) {
		m = &x->merges[x->mnext];
		if (m->top != x->row || m->col >= x->nfields ||
		    x->fields[m->col] == NULL)
			continue;
		m->text = circle_xstrdup(x->fields[m->col]);
		if (x->mcol == NULL)
			x->mcol = circle_xcalloc(CIRCLE_CSV_MAX_FIELDS,
			    sizeof *x->mcol);
		if ((i = x->mcol[m->col]) == 0)
			x->mcols[x->nmcols++] = m->col;
		else {
			free(x->merges[i - 1].text);
			x->merges[i - 1].text = NULL;
		}
		x->mcol[m->col] = x->mnext + 1;
	}
}

/*
 * The row being read, its cells under a merge's first filled with the
 * first's text (kept as its row is read).  The merges under way are one
 * a column at most, so a row costs no more than its columns, however
 * many merges the sheet has.
 */
void
circle_xlsx_merge_fill(struct circle_xlsx *x)
{
	struct xl_merge	*m;
	size_t		 i, col;

	merge_start(x);
	for (i = 0; i < x->nmcols;) {
		col = x->mcols[i];
		m = &x->merges[x->mcol[col] - 1];
		if (m->bottom < x->row) {
			free(m->text);
			m->text = NULL;
			x->mcol[col] = 0;
			x->mcols[i] = x->mcols[--x->nmcols];
			continue;
		}
		if (m->top < x->row && (col >= x->nfields ||
		    x->fields[col] == NULL) && circle_xlsx_cell_put(x, col,
		    circle_xstrdup(m->text)) == 0)
			x->merged++;
		i++;
	}
}

/* A note when cells merged down a column were read in each row, or NULL. */
char *
circle_xlsx_merge_note(const struct circle_xlsx *x)
{
	char	*note;

	if (x->merged == 0)
		return NULL;
	circle_xasprintf(&note, "%s: cells merged down a column (%s%s) read as "
	    "their value in each row they cover (%zu cell%s)", x->name,
	    x->merge_at, x->nmerges > 1 ? " and others" : "", x->merged,
	    x->merged == 1 ? "" : "s");
	return note;
}

void
circle_xlsx_merge_release(struct circle_xlsx *x)
{
	size_t	i;

	for (i = 0; i < x->nmerges; i++)
		free(x->merges[i].text);
	free(x->merges);
	free(x->mcol);
	free(x->colhidden);
	x->merges = NULL;
	x->mcol = NULL;
	x->colhidden = NULL;
	x->nmerges = x->mnext = x->msorted = x->nmcols = 0;
}

/*
 * A row of the sheet that is hidden, read (it has data): counted, the
 * first few's numbers kept to be said.
 */
void
circle_xlsx_hidden_row(struct circle_xlsx *x)
{
	if (x->hidden == 0)
		x->hidden_at = x->row;
	if (x->hidden < XL_HIDDEN_NAMED)
		x->hidden_rows[x->hidden] = x->row;
	x->hidden++;
}

/*
 * A note when hidden rows with data were read, or NULL: how many, and
 * which ("rows 3, 4"; the first few, then how many more), as whom they
 * add is not seen in the sheet.
 */
char *
circle_xlsx_hidden_note(const struct circle_xlsx *x)
{
	char	*note, *rows = NULL;
	size_t	 i;

	if (x->hidden == 0)
		return NULL;
	for (i = 0; i < x->hidden && i < XL_HIDDEN_NAMED; i++)
		circle_xappend(&rows, ", ", "%zu", x->hidden_rows[i]);
	if (x->hidden > XL_HIDDEN_NAMED)
		circle_xappend(&rows, " ", "and %zu more",
		    x->hidden - XL_HIDDEN_NAMED);
	circle_xasprintf(&note, "%s:%zu: %zu hidden row%s (%s %s; by a "
	    "filter, or by hand) read as any other, as the CSV %s would save "
	    "holds %s; to leave %s out, delete %s, not hide %s", x->name,
	    x->hidden_at, x->hidden, x->hidden == 1 ? "" : "s",
	    x->hidden == 1 ? "line" : "lines", rows, x->app,
	    x->hidden == 1 ? "it" : "them", x->hidden == 1 ? "it" : "them",
	    x->hidden == 1 ? "it" : "them", x->hidden == 1 ? "it" : "them");
	free(rows);
	return note;
}

/* Column col (from 0) as its letters: 0 is A, 26 is AA. */
void
circle_xlsx_column_name(size_t col, char *out, size_t len)
{
	char	buf[8];
	size_t	k = sizeof buf - 1;

	buf[k] = '\0';
	do {
		buf[--k] = (char)('A' + col % 26);
		col = col / 26;
	} while (col-- > 0 && k > 0);
	snprintf(out, len, "%s", buf + k);
}

/* Column col (from 0) of the sheet read is hidden (its cells are read). */
void
circle_xlsx_column_hide(struct circle_xlsx *x, size_t col)
{
	if (col >= CIRCLE_CSV_MAX_FIELDS)
		return;
	if (x->colhidden == NULL)
		x->colhidden = circle_xcalloc(CIRCLE_CSV_MAX_FIELDS,
		    sizeof *x->colhidden);
	if (x->colhidden[col] == 0)
		x->colhidden[col] = 1;
}

/* A cell with a value was read in column col: marked, if it is hidden. */
void
circle_xlsx_column_read(struct circle_xlsx *x, size_t col)
{
	if (x->colhidden != NULL && col < CIRCLE_CSV_MAX_FIELDS &&
	    x->colhidden[col] != 0)
		x->colhidden[col] = 2;
}

/*
 * A note when hidden columns with a value were read, or NULL: which ("B
 * (2), D (4)"; the first few, then how many more), by letter as the sheet
 * shows them and by number as --map takes them, as the rows' people get
 * what no one saw.  skip: by column, 1 for one --map leaves out (none
 * past nskip).
 */
char *
circle_xlsx_hidden_cols_note(const struct circle_xlsx *x, const int *skip,
    size_t nskip)
{
	char	*note, *cols = NULL, name[8];
	size_t	 i, n = 0, first = 0;

	for (i = 0; x->colhidden != NULL && i < CIRCLE_CSV_MAX_FIELDS; i++) {
		if (x->colhidden[i] != 2 || (i < nskip && skip[i]))
			continue;
		if (n == 0)
			first = i + 1;
		if (n++ < XL_HIDDEN_NAMED) {
			circle_xlsx_column_name(i, name, sizeof name);
			circle_xappend(&cols, ", ", "%s (%zu)", name, i + 1);
		}
	}
	if (n == 0)
		return NULL;
	if (n > XL_HIDDEN_NAMED)
		circle_xappend(&cols, " ", "and %zu more", n - XL_HIDDEN_NAMED);
	if (n == 1)
		circle_xasprintf(&note, "%s: hidden column %s read as any "
		    "other, as the CSV %s would save holds it; to leave it "
		    "out, delete it, not hide it, or give --map %zu=ignore",
		    x->name, cols, x->app, first);
	else
		circle_xasprintf(&note, "%s: hidden columns %s read as any "
		    "other, as the CSV %s would save holds them; to leave one "
		    "out, delete it, not hide it, or give --map with its number "
		    "(--map %zu=ignore)", x->name, cols, x->app, first);
	free(cols);
	return note;
}
