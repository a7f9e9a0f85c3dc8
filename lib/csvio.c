/*
 * csvio.c: reading CSV through libcsv, a row at a time, knowing the line
 * each field ended on so that errors can say file:line:column.  The bytes
 * are made UTF-8 text first (struct source, csvtext.c).  The delimiter is
 * Excel's "sep=X" first line, or the comma, semicolon or tab the header
 * line has most of.  CRLF, quoted delimiters and newlines are read;
 * malformed quoting is refused.  An Excel workbook is read in its place,
 * its sheet's rows queued as the CSV's are (xlsxread.c), so that one
 * pipeline serves both.  Above it, the reader every import uses:
 * the header, the column map (its tables' matching is csvmap.c's), the
 * bad cells kept; a row's cell and where it is are csvcell.c's, the
 * dates and times in cells csvvalue.c's.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "circle-priv.h"
#include "csvtext.h"

#define MAX_FIELDS	CIRCLE_CSV_MAX_FIELDS
#define MAX_FIELD	CIRCLE_CSV_MAX_FIELD

struct pending {
	char		**fields;
	size_t		 *lines;
	size_t		  n;
	int		  bad;		/* a NUL byte or an oversized field */
	size_t		  badline;
	size_t		  start;	/* line the row began on, or 0 */
	size_t		  card;		/* a vCard's card, or 0 */
};

#define CSV_TITLE_ROWS	10	/* rows above a header: a title */

struct circle_csv {
	FILE			*fp;		/* text, from src */
	struct source		*src;		/* owned */
	struct circle_xlsx	*xlsx;		/* owned: a workbook, read in
						   place of fp */
	int			 vcard;		/* fp was a vCard file, read
						   whole into the queue */
	size_t			 cards;
	unsigned		 versions;	/* 1: 2.1, 2: 3.0, 4: 4.0 */
	char			*name;		/* owned */
	struct csv_parser	 p;
	size_t			 line;		/* line being fed */
	int			 first;
	int			 eof;
	int			 delim;
	int			 sep;		/* from a "sep=" line */
	int			 guess;		/* no line has said it yet */
	struct pending		 cur;		/* row being built */
	struct pending		*queue;		/* owned: complete rows */
	size_t			 nqueue;
	size_t			 head;
	struct circle_csv_row	 row;		/* handed out */
	struct pending		 out;		/* backing for row */
	int			 again;		/* row handed out again next */
	char			*buf;		/* owned: getline buffer */
	size_t			 bufsz;
};

/* ---- rows ---------------------------------------------------------------- */

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

/*
 * Line ends inside a quoted field are stored as LF, whatever the file:
 * CR LF, and CR CR LF (a CRLF file a program made CRLF again, csvtext.c).
 */
static void
crlf_to_lf(char *s)
{
	char	*w = s;

	for (; *s != '\0'; s++)
		if (s[0] != '\r' || s[strspn(s, "\r")] != '\n')
			*w++ = *s;
	*w = '\0';
}

/*
 * ="07700 900123": a cell some programs export for Excel to keep as
 * text, a leading zero with it; the text is what the cell holds.  A
 * field so written unquoted is made a quoted one before it is parsed
 * (formula_text), one quoted ("=""07700""") is unwrapped here.
 */
static void
formula_unwrap(char *f)
{
	size_t	n = strlen(f);

	if (n >= 3 && f[0] == '=' && f[1] == '"' && f[n - 1] == '"' &&
	    memchr(f + 2, '"', n - 3) == NULL) {
		memmove(f, f + 2, n - 3);
		f[n - 3] = '\0';
	}
}

/*
 * The line s[0..n), which begins a row (no quoted field is open), with
 * the = of each field written ="text" unquoted left out: strict CSV
 * refuses a quote in an unquoted field, so no file read before is read
 * otherwise.  The new length.
 */
static size_t
formula_text(char *s, size_t n, int delim)
{
	size_t	i, o = 0;
	int	quoted = 0, start = 1;

	for (i = 0; i < n; i++) {
		if (start && s[i] == '=' && i + 1 < n && s[i + 1] == '"') {
			start = 0;
			continue;
		}
		if (s[i] == '"')
			quoted = !quoted;
		start = !quoted && (s[i] == delim || s[i] == '\n' ||
		    s[i] == '\r');
		s[o++] = s[i];
	}
	return o;
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
	formula_unwrap(p->fields[p->n]);
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

/* With tab as the delimiter, only the space is a blank around a field. */
static int
is_space_only(unsigned char ch)
{
	return ch == ' ';
}

/* A row of a workbook's sheet queued as a CSV row is, every field on it. */
static void
on_sheet_row(void *arg, char **fields, size_t n, size_t row)
{
	struct circle_csv	*c = arg;
	struct pending		 p;
	size_t			 i;

	memset(&p, 0, sizeof p);
	p.fields = fields;
	p.n = n;
	p.start = row;
	p.lines = circle_xcalloc(n + 1, sizeof *p.lines);
	for (i = 0; i < n; i++)
		p.lines[i] = row;
	c->queue = circle_xgrow(c->queue, c->nqueue, sizeof *c->queue);
	c->queue[c->nqueue++] = p;
	c->line = row;
}

/* A vCard file's row (vcardread.c), queued as a CSV row is. */
static void
on_card_row(void *arg, char **fields, size_t *lines, size_t n, size_t start,
    size_t card)
{
	struct circle_csv	*c = arg;
	struct pending		 p;

	memset(&p, 0, sizeof p);
	p.fields = fields;
	p.lines = lines;
	p.n = n;
	p.start = start;
	p.card = card;
	c->queue = circle_xgrow(c->queue, c->nqueue, sizeof *c->queue);
	c->queue[c->nqueue++] = p;
}

/*
 * A text file whose first bytes are a vCard's (BEGIN:VCARD) read whole
 * as its table (vcardread.c); one named .vcf that is not, refused.
 */
static int
vcard_take(struct circle_csv *c, const char *path, struct circle_err *e)
{
	if (c->src == NULL || !circle_vcard_is(c->src->head, c->src->nhead)) {
		if (strcmp(path, "-") != 0 && circle_vcard_named(path))
			return circle_err_set(e, CIRCLE_EDATA, "%s: not a vCard "
			    "file: it does not begin with BEGIN:VCARD (export "
			    "the contacts again as vCard, or as CSV)", c->name);
		return 0;
	}
	c->vcard = 1;
	c->eof = 1;
	return circle_vcard_read(c->fp, c->name, on_card_row, c, &c->cards,
	    &c->versions, e);
}

/*
 * path as a CSV file, or, when it is an Excel workbook, its sheet (sheet:
 * --sheet's name; NULL: the first visible one).
 */
static struct circle_csv *
csv_open(const char *path, const char *name, const char *encoding,
    const char *sheet, struct circle_err *e)
{
	struct circle_csv	*c;
	struct circle_xlsx	*x = NULL;
	struct source		*s = NULL;
	FILE			*fp = NULL;
	char			*book;
	size_t			 len;
	int			 rc;

	if (strcmp(path, "-") == 0) {
		/* A workbook piped in is read as one given by name. */
		if ((rc = circle_csv_stdin_open(name, encoding,
		    CIRCLE_CSV_MAX_STDIN_BOOK, &s, &fp, &book, &len, e)) == -1)
			return NULL;
		if (rc == 1 && circle_xlsx_open_buffer(book, len, name, sheet,
		    &x, e) == -1)
			return NULL;
	} else if ((rc = circle_xlsx_open(path, name, sheet, &x, e)) == -1)
		return NULL;
	if (rc == 1 && encoding != NULL) {
		circle_err_set(e, CIRCLE_EUSAGE, "--encoding %s: %s is %s, whose "
		    "text is always Unicode; leave out --encoding", encoding,
		    name, circle_xlsx_what(x));
		circle_xlsx_close(x);
		return NULL;
	}
	if (rc == 0 && sheet != NULL) {
		if (fp != NULL)
			fclose(fp);
		circle_err_set(e, CIRCLE_EUSAGE, "--sheet %s: %s is not a "
		    "spreadsheet (.xlsx or .ods); leave out --sheet", sheet,
		    name);
		return NULL;
	}
	if (rc == 0 && fp == NULL && (fp = circle_csv_source_open(path, name,
	    encoding, &s, e)) == NULL)
		return NULL;
	c = circle_xcalloc(1, sizeof *c);
	c->fp = fp;
	c->src = s;
	c->xlsx = x;
	c->name = circle_xstrdup(name);
	c->first = 1;
	c->delim = ',';
	if (csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		circle_csv_close(c);
		circle_err_set(e, CIRCLE_EIO, "%s: cannot start CSV parser",
		    name);
		return NULL;
	}
	if (x == NULL && vcard_take(c, path, e) == -1) {
		circle_csv_close(c);
		return NULL;
	}
	return c;
}

struct circle_csv *
circle_csv_open(const char *path, const char *name, const char *encoding,
    struct circle_err *e)
{
	return csv_open(path, name, encoding, NULL, e);
}

const char *
circle_csv_name(const struct circle_csv *c)
{
	return c->name;
}

/* Excel's first line "sep=;" (quoted too): the delimiter it names, or 0. */
static int
sep_line(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (n == 7 && s[0] == '"' && s[6] == '"')
		s++, n -= 2;
	if (n != 5 || strncasecmp(s, "sep=", 4) != 0)
		return 0;
	if (s[4] == '"' || s[4] == '\0' || ((unsigned char)s[4] < ' ' &&
	    s[4] != '\t') || (unsigned char)s[4] >= 0x7f)
		return 0;
	return (unsigned char)s[4];
}

/* The delimiter of a header line: the tab, semicolon or comma it has
 * most of outside quotes (in that order when as many), else 0. */
static int
guess_delim(const char *s, size_t n)
{
	size_t	i, comma = 0, semi = 0, tab = 0;
	int	quoted = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ',')
			comma++;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == '\t')
			tab++;
	if (tab > 0 && tab >= semi && tab >= comma)
		return '\t';
	if (semi > 0 && semi >= comma)
		return ';';
	return comma > 0 ? ',' : 0;
}

static void
set_delim(struct circle_csv *c, int d)
{
	c->delim = d;
	csv_set_delim(&c->p, (unsigned char)d);
	if (d == '\t')
		csv_set_space_func(&c->p, is_space_only);
}

/* Feed lines until a row is complete or the file ends. */
static int
feed_until_row(struct circle_csv *c, struct circle_err *e)
{
	ssize_t	 n;
	size_t	 line;
	char	*s;
	int	 d;

	while (c->xlsx != NULL && c->head == c->nqueue && !c->eof) {
		c->head = c->nqueue = 0;
		if ((d = circle_xlsx_more(c->xlsx, on_sheet_row, c, e)) == -1)
			return -1;
		c->eof = d == 0;
	}
	while (c->head == c->nqueue && !c->eof) {
		c->head = c->nqueue = 0;
		if ((n = getline(&c->buf, &c->bufsz, c->fp)) == -1) {
			if (c->src->why[0] != '\0')
				return circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu: %s; give --encoding with the "
				    "file's encoding, or save it as CSV UTF-8",
				    c->name, c->src->whyline, c->src->why);
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
		if (c->first) {
			c->first = 0;
			if ((d = sep_line(s, (size_t)n)) != 0) {
				set_delim(c, d);
				c->sep = 1;
				continue;
			}
			c->guess = 1;
		}
		/* Lines with none (a title, Teams' "1. Summary") leave it to
		 * the first line that has one, among the title rows: a file of
		 * one column keeps the comma, whatever a later cell holds. */
		if (c->guess && c->line > CSV_TITLE_ROWS)
			c->guess = 0;
		if (c->guess && (d = guess_delim(s, (size_t)n)) != 0) {
			c->guess = 0;
			set_delim(c, d);
		}
		/* libcsv skips lines of blanks; others may begin a row. */
		if (c->cur.start == 0 && strspn(s, " \t\r\n") < (size_t)n)
			c->cur.start = c->line;
		if (!c->p.quoted && memchr(s, '=', (size_t)n) != NULL)
			n = (ssize_t)formula_text(s, (size_t)n, c->delim);
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

	/* A row read ahead and given back (unread_row). */
	if (c->again) {
		c->again = 0;
		*rowp = &c->row;
		return 1;
	}
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
	c->row.card = p->card;
	if ((c->row.line = p->start) == 0)
		c->row.line = p->n > 0 ? p->lines[0] : c->line;
	*rowp = &c->row;
	return 1;
}

/* A vCard file, for a dry run: "vCard 2.1 and 3.0, 12 cards". */
static void
vcard_said(const struct circle_csv *c, char *buf, size_t len)
{
	static const char *const v[] = { "2.1", "3.0", "4.0" };
	const char	*seen[3];
	size_t		 i, k = 0;

	for (i = 0; i < 3; i++)
		if (c->versions & (1U << i))
			seen[k++] = v[i];
	snprintf(buf, len, "vCard%s%s%s%s%s%s, %zu card%s%s%s", k > 0 ? " " :
	    "", k > 0 ? seen[0] : "", k == 2 ? " and " : k == 3 ? ", " : "",
	    k > 1 ? seen[1] : "", k == 3 ? " and " : "", k == 3 ? seen[2] :
	    "", c->cards, c->cards == 1 ? "" : "s", c->src->cd == (iconv_t)-1 ?
	    "" : ", ", c->src->cd == (iconv_t)-1 ? "" : c->src->from);
}

/* How the file was read, for a dry run: "UTF-16LE, tab-separated". */
void
circle_csv_said(const struct circle_csv *c, char *buf, size_t len)
{
	static const char *const names[] = { "tab", "semicolon", "comma" };
	const char	*d = c->delim == '\t' ? names[0] : c->delim == ';' ?
			    names[1] : c->delim == ',' ? names[2] : NULL;

	if (c->xlsx != NULL)
		circle_xlsx_said(c->xlsx, buf, len);
	else if (c->vcard)
		vcard_said(c, buf, len);
	else if (d != NULL)
		snprintf(buf, len, "%s, %s-separated%s", c->src->cd ==
		    (iconv_t)-1 ? "UTF-8" : c->src->from, d, c->sep ?
		    " (its sep= line)" : "");
	else
		snprintf(buf, len, "%s, separated by \"%c\"%s",
		    c->src->cd == (iconv_t)-1 ? "UTF-8" : c->src->from,
		    c->delim, c->sep ? " (its sep= line)" : "");
}

void
circle_csv_close(struct circle_csv *c)
{
	size_t	i;

	if (c == NULL)
		return;
	if (c->fp != NULL)
		fclose(c->fp);	/* and the source with it */
	circle_xlsx_close(c->xlsx);
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
 * them, where in the file a field's cell is, the dates and times in
 * cells, and the bad cells, kept so that all are told at once.  An import
 * says what its fields are and what they mean; how a file is read, its
 * headers matched and its errors located is decided here, once.
 */

/* The row read as the header row, in place of the one kept before. */
static void
take_header(struct circle_csv_reader *r)
{
	struct circle_csv_row	*h = r->row;
	size_t			 i;

	for (i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	free(r->colfield);
	r->ncols = h->nfields;
	r->headerline = h->line;
	r->header = circle_xcalloc(h->nfields + 1, sizeof *r->header);
	r->colfield = circle_xcalloc(h->nfields + 1, sizeof *r->colfield);
	for (i = 0; i < h->nfields; i++) {
		r->header[i] = circle_xstrdup(h->fields[i]);
		r->colfield[i] = -1;
	}
	r->row = NULL;
}

/* The header row, kept: 1 when read, 0 when the file holds no row. */
static int
read_header(struct circle_csv_reader *r, struct circle_err *e)
{
	int	rc;

	if ((rc = circle_csv_reader_next(r, 0, e)) != 1)
		return rc;
	take_header(r);
	return 1;
}

/* Whether a cell of the header row names a field of t. */
static int
header_names_field(const struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n)
{
	size_t	col;

	for (col = 0; col < r->ncols; col++)
		if (*r->header[col] != '\0' &&
		    circle_csv_field_of(t, n, r->header[col]) != -1)
			return 1;
	return 0;
}

/* How many cells of the header row name a field of t. */
static size_t
header_fields(const struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n)
{
	size_t	col, k = 0;

	for (col = 0; col < r->ncols; col++)
		if (*r->header[col] != '\0' &&
		    circle_csv_field_of(t, n, r->header[col]) != -1)
			k++;
	return k;
}

/* Whether the header row has an empty cell between two that are not. */
static int
header_gaps(const struct circle_csv_reader *r)
{
	size_t	col, seen = 0, gap = 0;

	for (col = 0; col < r->ncols; col++) {
		if (*r->header[col] == '\0')
			gap = seen > 0;
		else if (gap)
			return 1;
		else
			seen++;
	}
	return 0;
}

/* The row read given back: the next circle_csv_reader_next reads it. */
void
circle_csv_give_back(struct circle_csv_reader *r)
{
	r->csv->again = 1;
	r->row = NULL;
}

/*
 * A row of merged cells over the header ("Person", "Contact details",
 * each over two columns, empty cells after them): when the row taken has
 * such gaps, the next one is read, and taken for the header when it
 * names more fields of t and has no gaps; else it is given back, a row
 * of the file.
 */
static int
header_under_merged(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n, size_t first,
    struct circle_err *e)
{
	size_t	i, k, named = 0;
	int	rc;

	if (!header_gaps(r))
		return 0;
	if ((rc = circle_csv_reader_next(r, 1, e)) != 1)
		return rc;
	for (i = k = 0; i < r->row->nfields; i++)
		if (*r->row->fields[i] == '\0')
			k = 1;
		else if (k)
			break;
		else if (circle_csv_field_of(t, n, r->row->fields[i]) != -1)
			named++;
	if (i == r->row->nfields && named > header_fields(r, t, n)) {
		take_header(r);
		r->titles = r->headerline - first;
		return 0;
	}
	circle_csv_give_back(r);
	return 0;
}

/*
 * The next row that is not blank taken for the header, the rows above it
 * counted as titles: for an importer that knows a layout of its own (the
 * sign-in sheet circle prints).  0 when the file ends first.
 */
int
circle_csv_header_next(struct circle_csv_reader *r, struct circle_err *e)
{
	size_t	above = r->headerline - r->titles;
	int	rc;

	if ((rc = circle_csv_reader_next(r, 1, e)) != 1)
		return rc;
	take_header(r);
	r->titles = r->headerline - above;
	return 1;
}

/* The cells of the header row that are not empty. */
static size_t
header_cells(const struct circle_csv_reader *r)
{
	size_t	col, k = 0;

	for (col = 0; col < r->ncols; col++)
		if (*r->header[col] != '\0')
			k++;
	return k;
}

/*
 * Rows above the header, as a sheet's title and the date printed under
 * it: while the row taken for the header has at most one cell, none of
 * them naming a field of t, the next row that is not blank is taken
 * instead (up to CSV_TITLE_ROWS).  A header with two cells or more, or
 * one naming a field, stays, unless it is merged cells over the header
 * (header_under_merged).  When the rows run out without a header, no
 * row of them names a column: refused, as the rows read are gone.
 * With --map, circle_csv_find_header_map.
 */
int
circle_csv_find_header(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n, struct circle_err *e)
{
	size_t	first = r->headerline, k;
	char	others[400];
	int	rc;

	for (k = 0; k < CSV_TITLE_ROWS; k++) {
		if (header_names_field(r, t, n) || header_cells(r) > 1)
			return header_under_merged(r, t, n, first, e);
		if ((rc = circle_csv_reader_next(r, 1, e)) == -1)
			return -1;
		if (rc == 0)
			break;
		take_header(r);
		r->titles = r->headerline - first;
	}
	if (r->titles == 0 || header_names_field(r, t, n) ||
	    header_cells(r) > 1)
		return 0;
	others[0] = '\0';
	if (r->csv->xlsx != NULL)
		circle_xlsx_sheet_names(r->csv->xlsx, 1, others, sizeof others);
	if (others[0] != '\0')
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no header row "
		    "in sheet \"%s\" (instructions, not a table?): no cell of "
		    "rows %zu to %zu names a column this import knows; the "
		    "workbook's other sheets with data: %s (--sheet NAME reads "
		    "one of them)", r->name, first,
		    circle_xlsx_sheet(r->csv->xlsx), first, r->headerline,
		    others);
	return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no header row: no "
	    "cell of lines %zu to %zu names a column this import knows (its "
	    "manual lists them; --map HEADER=FIELD names one by its header)",
	    r->name, first, first, r->headerline);
}

/*
 * Open an import's file of nfields fields and read its header row, mapping
 * no column yet.  A file without a row is refused: "NAME: " and empty say
 * what it should have begun with.  On an error the reader is closed.
 */
int
circle_csv_reader_open(struct circle_csv_reader *r, const char *path,
    const char *name, const struct circle_csv_opts *o, size_t nfields,
    const char *empty, struct circle_err *e)
{
	enum circle_date_order	order = CIRCLE_ORDER_NONE;
	size_t			i;
	int			rc, configured = 0;

	memset(r, 0, sizeof *r);
	if (o != NULL && circle_csv_date_order(o->date_order, &order,
	    &configured, e) == -1)
		return -1;
	if ((r->csv = csv_open(path, name, o != NULL ? o->encoding : NULL,
	    o != NULL ? o->sheet : NULL, e)) == NULL)
		return -1;
	r->name = circle_csv_name(r->csv);
	r->order = order;
	r->order_config = configured;
	r->nfields = nfields;
	r->fieldcol = circle_xcalloc(nfields + 1, sizeof *r->fieldcol);
	for (i = 0; i < nfields; i++)
		r->fieldcol[i] = -1;
	if ((rc = read_header(r, e)) == 0 && r->csv->xlsx != NULL)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: sheet \"%s\" holds "
		    "nothing: %s%s", r->name, circle_xlsx_sheet(r->csv->xlsx),
		    empty, o == NULL || o->sheet == NULL ? "; --sheet NAME "
		    "reads another sheet" : "");
	else if (rc == 0)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: %s", r->name, empty);
	if (rc == -1) {
		circle_csv_reader_close(r);
		return -1;
	}
	return 0;
}

/*
 * What the reader does with each column, a line each, for a dry run: how
 * the file was read, then "column 5 "OK to contact?" -> consent" or
 * "column 7 "Shoe size": ignored".  names are the import's fields' names.
 */
void
circle_csv_describe(const struct circle_csv_reader *r,
    const char *const *names, char ***out, size_t *nout)
{
	const char	*line = r->csv->xlsx != NULL ? "row" : "line";
	char		 said[300];
	size_t		 col;
	int		 f;

	circle_csv_said(r->csv, said, sizeof said);
	*out = circle_xgrow(*out, *nout, sizeof **out);
	if (r->csv->vcard)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, read as a table "
		    "of a row a card", r->name, said);
	else if (r->qualtrics)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu (Qualtrics' question texts; its ids above%s left "
		    "out)", r->name, said, line, r->headerline,
		    r->subheader ? " and its ImportId row under it" : "");
	else if (r->summary_line > 0 && r->titles > 1)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu (the %zu %ss above it left out: a meeting's summary, "
		    "its start on %s %zu)", r->name, said, line,
		    r->headerline, r->titles, line, line, r->summary_line);
	else if (r->titles == 1)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu (the %s above it left out: a title)", r->name, said,
		    line, r->headerline, line);
	else if (r->titles > 1)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu (the %zu %ss above it left out: a title)", r->name,
		    said, line, r->headerline, r->titles, line);
	else if (r->subheader > 0)
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu (%s %zu under it left out: SurveyMonkey's second "
		    "header row)", r->name, said, line, r->headerline, line,
		    r->subheader);
	else
		circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on %s "
		    "%zu", r->name, said, line, r->headerline);
	for (col = 0; col < r->ncols; col++) {
		*out = circle_xgrow(*out, *nout, sizeof **out);
		f = r->colfield[col];
		if (f >= 0 && names[f] != NULL)
			circle_xasprintf(&(*out)[(*nout)++], "column %zu \"%s\" "
			    "-> %s", col + 1, r->header[col], names[f]);
		else
			circle_xasprintf(&(*out)[(*nout)++], "column %zu "
			    "\"%s\": ignored", col + 1, r->header[col]);
	}
}

/*
 * The cell v of column col (from 0), ending on line, refused when it is
 * UTF-8 written twice (circle_text_twice_said), at the line of its word;
 * not in a column --map ignores, which nothing reads.
 */
static int
twice_check(const struct circle_csv_reader *r, const char *v, size_t col,
    size_t line, struct circle_err *e)
{
	const char	*p;

	if (r->colfield != NULL && col < r->ncols && r->colfield[col] == -2)
		return 0;
	if ((p = circle_text_twice_said(r->csv->src, v, e)) == NULL)
		return 0;
	/* The word's line: lines after it in the cell taken off. */
	for (; (p = strchr(p, '\n')) != NULL; p++)
		line--;
	return circle_at(e, r->name, line, col + 1, r->header != NULL &&
	    col < r->ncols ? r->header[col] : NULL);
}

/*
 * Whether row repeats the header, cell for cell in any case, two cells
 * of it at least: two files joined, each with its header (the second's
 * byte order mark kept), or a sheet's pages each with the table's header.
 */
static int
header_again(const struct circle_csv_reader *r,
    const struct circle_csv_row *row)
{
	const char	*v;
	size_t		 i, named = 0;

	if (r->header == NULL || row->nfields != r->ncols)
		return 0;
	for (i = 0; i < row->nfields; i++) {
		v = row->fields[i];
		if (i == 0 && strncmp(v, "\xef\xbb\xbf", 3) == 0)
			v += 3;
		if (strcasecmp(v, r->header[i]) != 0)
			return 0;
		named += *v != '\0';
	}
	return named >= 2;
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
	const char		*v, *nl;
	char			 said[600];
	size_t			 i, bad, line;
	int			 rc = 0, blank;

	r->row = NULL;
	while (r->section < 2 && (rc = circle_csv_next(r->csv, &row, e)) ==
	    1) {
		/* The next section's title ends a section's table. */
		if (r->section == 1 && circle_csv_section_title(row) != NULL)
			r->section = 2;
		if (r->section == 2)
			return 0;
		blank = 1;
		for (i = 0; i < row->nfields; i++) {
			v = row->fields[i];
			if (!circle_utf8_valid(v, strlen(v), &bad)) {
				/* The line of the byte: lines[i] is where the
				 * field ended. */
				line = row->lines[i];
				for (nl = v + bad; (nl = strchr(nl, '\n')) !=
				    NULL; nl++)
					line--;
				circle_csv_readings(v, bad, said, sizeof said);
				circle_err_set(e, CIRCLE_EDATA, "not valid "
				    "UTF-8 (byte 0x%02X)%s; give --encoding "
				    "with %s, or save it from Excel as \"CSV "
				    "UTF-8\"", (unsigned char)v[bad], said,
				    said[0] != '\0' ? "the one that reads "
				    "right" : "the file's encoding");
				return circle_at(e, r->name, line, i + 1,
				    r->header != NULL && i < r->ncols ?
				    r->header[i] : NULL);
			}
			if (twice_check(r, v, i, row->lines[i], e) == -1)
				return -1;
			if (*v != '\0')
				blank = 0;
		}
		if (!blank && header_again(r, row)) {
			if (r->again++ == 0)
				r->again_line = row->line;
			continue;
		}
		/* A card is a row, whatever it holds. */
		if (!blank || !skip_blank || row->card > 0) {
			r->row = row;
			return 1;
		}
	}
	return rc;
}

/*
 * e, a refusal of the columns of a workbook's sheet (no name column, no
 * date), with which sheet was read and the workbook's other sheets with
 * data added, when it has any: the sheet read may be a cover or a sheet
 * of instructions.  Returns rc, circle_err_set()'s.
 */
int
circle_csv_sheet_hint(const struct circle_csv_reader *r,
    struct circle_err *e, int rc)
{
	char	others[400];

	if (r->csv == NULL || r->csv->xlsx == NULL)
		return rc;
	circle_xlsx_sheet_names(r->csv->xlsx, 1, others, sizeof others);
	if (others[0] != '\0')
		circle_err_append(e, "; sheet \"%s\" was read, and the "
		    "workbook's other sheets with data are %s (--sheet NAME "
		    "reads one of them)", circle_xlsx_sheet(r->csv->xlsx),
		    others);
	return rc;
}

/* A workbook's note: which sheet was read when others have data too. */
void
circle_csv_sheet_note(const struct circle_csv_reader *r, char ***notes,
    size_t *n)
{
	char	*note;
	int	*skip;
	size_t	 i;

	if (r->csv == NULL || r->csv->xlsx == NULL)
		return;
	if ((note = circle_xlsx_note(r->csv->xlsx)) != NULL) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		(*notes)[(*n)++] = note;
	}
	if ((note = circle_xlsx_merge_note(r->csv->xlsx)) != NULL) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		(*notes)[(*n)++] = note;
	}
	if ((note = circle_xlsx_hidden_note(r->csv->xlsx)) != NULL) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		(*notes)[(*n)++] = note;
	}
	skip = circle_xcalloc(r->ncols + 1, sizeof *skip);
	for (i = 0; i < r->ncols && r->colfield != NULL; i++)
		skip[i] = r->colfield[i] == -2;
	note = circle_xlsx_hidden_cols_note(r->csv->xlsx, skip, r->ncols);
	free(skip);
	if (note != NULL) {
		*notes = circle_xgrow(*notes, *n, sizeof **notes);
		(*notes)[(*n)++] = note;
	}
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
	free(r->joined);
	free(r->mapped);
	circle_csv_close(r->csv);
	circle_bad_free(&r->bad);
	memset(r, 0, sizeof *r);
}

/* The date system of the workbook r reads: 1 for 1904, 0 for 1900, -1
 * when r reads no workbook (a CSV: its serials are Excel's 1900 ones). */
int
circle_csv_book_1904(const struct circle_csv_reader *r)
{
	if (r->csv == NULL || r->csv->xlsx == NULL)
		return -1;
	return circle_xlsx_1904(r->csv->xlsx);
}
