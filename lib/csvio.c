/*
 * csvio.c: reading CSV through libcsv, a row at a time, knowing the line
 * each field ended on so that errors can say file:line:column.  Handles a
 * UTF-8 BOM, CRLF, quoted commas and newlines; refuses malformed quoting.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "circle-priv.h"

#define MAX_FIELDS	512
#define MAX_FIELD	(1024 * 1024)

struct pending {
	char		**fields;
	size_t		 *lines;
	size_t		  n;
	int		  bad;		/* a NUL byte or an oversized field */
	size_t		  badline;
	size_t		  start;	/* line the row began on, or 0 */
};

struct circle_csv {
	FILE			*fp;
	int			 own;		/* close fp at the end */
	char			*name;		/* owned */
	struct csv_parser	 p;
	size_t			 line;		/* line being fed */
	int			 first;
	int			 eof;
	struct pending		 cur;		/* row being built */
	struct pending		*queue;		/* owned: complete rows */
	size_t			 nqueue;
	size_t			 head;
	struct circle_csv_row	 row;		/* handed out */
	struct pending		 out;		/* backing for row */
	char			*buf;		/* owned: getline buffer */
	size_t			 bufsz;
};

static void
pending_free(struct pending *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		free(p->fields[i]);
	free(p->fields);
	free(p->lines);
	memset(p, 0, sizeof *p);
}

/* Line ends inside a quoted field are stored as LF, whatever the file. */
static void
crlf_to_lf(char *s)
{
	char	*w = s;

	for (; *s != '\0'; s++)
		if (s[0] != '\r' || s[1] != '\n')
			*w++ = *s;
	*w = '\0';
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct circle_csv	*c = arg;
	struct pending		*p = &c->cur;

	if (p->n >= MAX_FIELDS || len > MAX_FIELD ||
	    (s != NULL && memchr(s, '\0', len) != NULL)) {
		if (!p->bad)
			p->badline = c->line;
		p->bad = 1;
		return;
	}
	p->fields = circle_xgrow(p->fields, p->n,
	    sizeof *p->fields);
	p->lines = circle_xgrow(p->lines, p->n, sizeof *p->lines);
	p->fields[p->n] = s == NULL ? circle_xstrdup("") :
	    circle_xstrndup(s, len);
	crlf_to_lf(p->fields[p->n]);
	p->lines[p->n] = c->line;
	p->n++;
}

static void
on_row(int term, void *arg)
{
	struct circle_csv	*c = arg;

	c->queue = circle_xgrow(c->queue, c->nqueue,
	    sizeof *c->queue);
	c->queue[c->nqueue++] = c->cur;
	memset(&c->cur, 0, sizeof c->cur);
}

struct circle_csv *
circle_csv_open(const char *path, const char *name, struct circle_err *e)
{
	struct circle_csv	*c;
	FILE			*fp;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL) {
		circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL : CIRCLE_EIO,
		    "%s: %s", name, strerror(errno));
		return NULL;
	}
	c = circle_xcalloc(1, sizeof *c);
	c->fp = fp;
	c->own = fp != stdin;
	c->name = circle_xstrdup(name);
	c->first = 1;
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		circle_csv_close(c);
		circle_err_set(e, CIRCLE_EIO, "%s: cannot start CSV parser",
		    name);
		return NULL;
	}
	return c;
}

const char *
circle_csv_name(const struct circle_csv *c)
{
	return c->name;
}

/* Feed lines until a row is complete or the file ends. */
static int
feed_until_row(struct circle_csv *c, struct circle_err *e)
{
	ssize_t	 n;
	size_t	 line;
	char	*s;

	while (c->head == c->nqueue && !c->eof) {
		c->head = c->nqueue = 0;
		if ((n = getline(&c->buf, &c->bufsz, c->fp)) == -1) {
			if (ferror(c->fp))
				return circle_err_set(e, CIRCLE_EIO, "%s: %s",
				    c->name, strerror(errno));
			c->eof = 1;
			if (csv_fini(&c->p, on_field, on_row, c) != 0) {
				/* The open field began where the one before
				 * ended, or where its row began. */
				line = c->cur.n > 0 ?
				    c->cur.lines[c->cur.n - 1] : c->cur.start;
				return circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: a quoted field is not closed "
				    "before the end of the file", c->name,
				    line > 0 ? line : c->line, c->cur.n + 1);
			}
			break;
		}
		c->line++;
		s = c->buf;
		if (c->first && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		c->first = 0;
		/* libcsv skips lines of blanks; others may begin a row. */
		if (c->cur.start == 0 && strspn(s, " \t\r\n") < (size_t)n)
			c->cur.start = c->line;
		if (csv_parse(&c->p, s, (size_t)n, on_field, on_row, c) !=
		    (size_t)n)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "malformed CSV: %s (a quote inside an unquoted "
			    "field, or text after a closing quote?)", c->name,
			    c->line, c->cur.n + 1,
			    csv_strerror(csv_error(&c->p)));
	}
	return 0;
}

int
circle_csv_next(struct circle_csv *c, struct circle_csv_row **rowp,
    struct circle_err *e)
{
	struct pending	*p;

	pending_free(&c->out);
	*rowp = NULL;
	if (feed_until_row(c, e) == -1)
		return -1;
	if (c->head == c->nqueue)
		return 0;
	c->out = c->queue[c->head++];
	p = &c->out;
	if (p->bad)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: a field holds a "
		    "NUL byte, is over 1 MiB, or the row has over %d fields",
		    c->name, p->badline, MAX_FIELDS);
	c->row.fields = p->fields;
	c->row.lines = p->lines;
	c->row.nfields = p->n;
	if ((c->row.line = p->start) == 0)
		c->row.line = p->n > 0 ? p->lines[0] : c->line;
	*rowp = &c->row;
	return 1;
}

void
circle_csv_close(struct circle_csv *c)
{
	size_t	i;

	if (c == NULL)
		return;
	if (c->own)
		fclose(c->fp);
	csv_free(&c->p);
	pending_free(&c->cur);
	pending_free(&c->out);
	for (i = c->head; i < c->nqueue; i++)
		pending_free(&c->queue[i]);
	free(c->queue);
	free(c->buf);
	free(c->name);
	free(c);
}

/*
 * The front end every CSV import reads through: the header row, which
 * column holds which of the import's fields, the rows with a cell in
 * them, and where in the file a field's cell is.  An import says what its
 * fields are and what they mean; how a file is read, its headers matched
 * and its errors located is decided here, once.
 */

/* Lower case, without blanks and the punctuation people put in headers. */
void
circle_csv_fold(const char *h, char *f, size_t len)
{
	size_t	i, k = 0;

	for (i = 0; h[i] != '\0' && k + 1 < len; i++)
		if (strchr(" _-.:?!'\"()", h[i]) == NULL)
			f[k++] = (char)tolower((unsigned char)h[i]);
	f[k] = '\0';
}

/* The field a header names in a table, or -1. */
int
circle_csv_field_of(const struct circle_csv_field *t, size_t n,
    const char *header)
{
	char	f[256], g[256];
	size_t	i;

	circle_csv_fold(header, f, sizeof f);
	for (i = 0; i < n; i++) {
		circle_csv_fold(t[i].header, g, sizeof g);
		if (strcmp(f, g) == 0)
			return t[i].field;
	}
	return -1;
}

/* The header row, kept: 1 when read, 0 when the file holds no row. */
static int
read_header(struct circle_csv_reader *r, struct circle_err *e)
{
	struct circle_csv_row	*h;
	size_t			 i;
	int			 rc;

	if ((rc = circle_csv_reader_next(r, 0, e)) != 1)
		return rc;
	h = r->row;
	r->ncols = h->nfields;
	r->headerline = h->line;
	r->header = circle_xcalloc(h->nfields + 1, sizeof *r->header);
	r->colfield = circle_xcalloc(h->nfields + 1, sizeof *r->colfield);
	for (i = 0; i < h->nfields; i++) {
		r->header[i] = circle_xstrdup(h->fields[i]);
		r->colfield[i] = -1;
	}
	r->row = NULL;
	return 1;
}

/*
 * Open an import's file of nfields fields and read its header row, mapping
 * no column yet.  A file without a row is refused: "NAME: " and empty say
 * what it should have begun with.  On an error the reader is closed.
 */
int
circle_csv_reader_open(struct circle_csv_reader *r, const char *path,
    const char *name, size_t nfields, const char *empty,
    struct circle_err *e)
{
	size_t	i;
	int	rc;

	memset(r, 0, sizeof *r);
	if ((r->csv = circle_csv_open(path, name, e)) == NULL)
		return -1;
	r->name = circle_csv_name(r->csv);
	r->nfields = nfields;
	r->fieldcol = circle_xcalloc(nfields + 1, sizeof *r->fieldcol);
	for (i = 0; i < nfields; i++)
		r->fieldcol[i] = -1;
	if ((rc = read_header(r, e)) == 0)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: %s", r->name, empty);
	if (rc == -1) {
		circle_csv_reader_close(r);
		return -1;
	}
	return 0;
}

/* Column col holds field (-1: nothing), in place of what it held. */
void
circle_csv_map_column(struct circle_csv_reader *r, size_t col, int field)
{
	if (col >= r->ncols)
		return;
	if (r->colfield[col] >= 0)
		r->fieldcol[r->colfield[col]] = -1;
	if (field >= 0 && (size_t)field < r->nfields) {
		if (r->fieldcol[field] >= 0)
			r->colfield[r->fieldcol[field]] = -1;
		r->fieldcol[field] = (int)col;
	} else
		field = -1;
	r->colfield[col] = field;
}

/*
 * Each column not mapped yet holds the field its header names in the
 * table: the first entry naming it whose field has no column yet.
 */
void
circle_csv_map_headers(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n)
{
	char	f[256], g[256];
	size_t	col, i;

	for (col = 0; col < r->ncols; col++) {
		if (r->colfield[col] >= 0)
			continue;
		circle_csv_fold(r->header[col], f, sizeof f);
		for (i = 0; i < n; i++) {
			if (t[i].field < 0 ||
			    (size_t)t[i].field >= r->nfields ||
			    r->fieldcol[t[i].field] >= 0)
				continue;
			circle_csv_fold(t[i].header, g, sizeof g);
			if (strcmp(f, g) == 0) {
				circle_csv_map_column(r, col, t[i].field);
				break;
			}
		}
	}
}

/* The column whose header is the len bytes of name, any case; or -1. */
int
circle_csv_column(const struct circle_csv_reader *r, const char *name,
    size_t len)
{
	size_t	col;

	for (col = 0; col < r->ncols; col++)
		if (strlen(r->header[col]) == len &&
		    strncasecmp(r->header[col], name, len) == 0)
			return (int)col;
	return -1;
}

/*
 * The next row, every field valid UTF-8: 1 with r->row set, 0 at the end.
 * With skip_blank, rows whose cells are all empty are passed over.
 */
int
circle_csv_reader_next(struct circle_csv_reader *r, int skip_blank,
    struct circle_err *e)
{
	struct circle_csv_row	*row;
	size_t			 i, bad;
	int			 rc, blank;

	r->row = NULL;
	while ((rc = circle_csv_next(r->csv, &row, e)) == 1) {
		blank = 1;
		for (i = 0; i < row->nfields; i++) {
			if (!circle_utf8_valid(row->fields[i],
			    strlen(row->fields[i]), &bad))
				return circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: not valid UTF-8", r->name,
				    row->lines[i], i + 1);
			if (*row->fields[i] != '\0')
				blank = 0;
		}
		if (!blank || !skip_blank) {
			r->row = row;
			return 1;
		}
	}
	return rc;
}

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
 * Put where field's cell is before the message in e.  An error found in
 * the file is bad data (65), not a thing that was not found (1).
 */
int
circle_csv_at(const struct circle_csv_reader *r, int field,
    struct circle_err *e)
{
	size_t	line, col;

	(void)circle_csv_where(r, field, &line, &col);
	if (e->code == CIRCLE_EFAIL)
		e->code = CIRCLE_EDATA;
	return circle_err_prefix(e, "%s:%zu:%zu", r->name, line, col);
}

void
circle_csv_reader_close(struct circle_csv_reader *r)
{
	size_t	i;

	for (i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	free(r->colfield);
	free(r->fieldcol);
	circle_csv_close(r->csv);
	memset(r, 0, sizeof *r);
}
