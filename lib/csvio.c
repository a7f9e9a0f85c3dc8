/*
 * csvio.c: reading CSV through libcsv, a row at a time, knowing the line
 * each field ended on so that errors can say file:line:column.  Handles a
 * UTF-8 BOM, CRLF, quoted commas and newlines; refuses malformed quoting.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
fill(struct circle_csv *c, struct circle_err *e)
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
	if (fill(c, e) == -1)
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
