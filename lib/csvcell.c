/*
 * csvcell.c: a row's cell of an import's field, for every import read
 * through csvio.c's reader: the cell as read or only when it has text,
 * where in the file it is (line, column, header), and that place put
 * before a message: "roster.csv:4:2 (E-mail): ...".  Moved out of csvio.c.
 */
#include "config.h"

#include <string.h>

#include "circle-priv.h"

/* The current row's cell of field as read, empty or not; NULL if none. */
const char *
circle_csv_value(const struct circle_csv_reader *r, int field)
{
	int	col;

	if (r->row == NULL || field < 0 || (size_t)field >= r->nfields ||
	    (col = r->fieldcol[field]) < 0 || (size_t)col >= r->row->nfields)
		return NULL;
	return r->row->fields[col];
}

/* The current row's cell of field, NULL when there is none or it is empty. */
const char *
circle_csv_get(const struct circle_csv_reader *r, int field)
{
	const char	*v = circle_csv_value(r, field);

	return v == NULL || *v == '\0' ? NULL : v;
}

/*
 * Where field's cell is in the current row: the line it ended on and its
 * column, counted from 1.  A field with no column, or past the row's end,
 * is the row's own line (column 1 when it has no column).  Returns the
 * column's header, NULL when there is none.
 */
const char *
circle_csv_where(const struct circle_csv_reader *r, int field, size_t *line,
    size_t *col)
{
	int	c = field >= 0 && (size_t)field < r->nfields ?
		    r->fieldcol[field] : -1;

	*line = r->row == NULL ? r->headerline : r->row->line;
	*col = 1;
	if (c < 0)
		return NULL;
	if (r->row != NULL && (size_t)c < r->row->nfields)
		*line = r->row->lines[c];
	*col = (size_t)c + 1;
	return r->header[c];
}

/*
 * Put where field's cell is, and its column's header, before the message
 * in e: "roster.csv:4:2 (E-mail): ...".  An error found in the file is
 * bad data (65), not a thing that was not found (1) nor a usage error.
 */
int
circle_csv_at(const struct circle_csv_reader *r, int field,
    struct circle_err *e)
{
	const char	*h;
	size_t		 line, col;

	h = circle_csv_where(r, field, &line, &col);
	if (e->code == CIRCLE_EFAIL || e->code == CIRCLE_EUSAGE)
		e->code = CIRCLE_EDATA;
	return circle_at(e, r->name, line, col, h);
}

/* "name:line:col (header): " before e's message; no header, no brackets. */
int
circle_at(struct circle_err *e, const char *name, size_t line, size_t col,
    const char *header)
{
	if (header != NULL && *header != '\0' && strlen(header) <= 60 &&
	    strpbrk(header, "\n\r") == NULL)
		return circle_err_prefix(e, "%s:%zu:%zu (%s)", name, line, col,
		    header);
	return circle_err_prefix(e, "%s:%zu:%zu", name, line, col);
}
