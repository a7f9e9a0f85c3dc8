/*
 * out.c: one way to print rows, in every format a tool offers: an aligned,
 * UTF-8 width aware table for people, TSV for pipes, CSV (RFC 4180, with
 * formula injection neutralised) and JSON or JSON lines through jansson.
 * On a terminal a table fits its width and marks, statuses and follow-ups
 * are in colour (circle_out_term); every other output is left as it is.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <jansson.h>

#include "circle.h"

struct circle_out {
	FILE			*fp;
	enum circle_format	 fmt;
	const struct circle_col	*cols;		/* borrowed */
	size_t			 ncols;
	int			 record;	/* one object, shown vertically */
	size_t			 nrows;
	char			***cells;	/* owned: table rows, buffered */
	size_t			 ncells;
	int			*widths;	/* owned */
	char			*left_out;	/* owned: spare columns not shown */
	int			 columns;	/* the terminal's, or 0 */
	int			 color;		/* SGR colour for some cells */
};

static void	md_row(struct circle_out *, const char *const *);
static char	*one_line(const char *);
static int	 is_text(const struct circle_col *);

int
circle_format_parse(const char *s, enum circle_format *f)
{
	static const struct {
		const char		*name;
		enum circle_format	 fmt;
	} names[] = {
		{ "table", CIRCLE_FMT_TABLE }, { "tsv", CIRCLE_FMT_TSV },
		{ "csv", CIRCLE_FMT_CSV }, { "json", CIRCLE_FMT_JSON },
		{ "jsonl", CIRCLE_FMT_JSONL }, { "md", CIRCLE_FMT_MD },
		{ "text", CIRCLE_FMT_TABLE },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(s, names[i].name) == 0) {
			*f = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

static struct circle_out *
out_new(FILE *fp, enum circle_format fmt, const struct circle_col *cols,
    size_t ncols, int record)
{
	struct circle_out	*o;
	size_t			 i;

	o = circle_xcalloc(1, sizeof *o);
	o->fp = fp;
	o->fmt = fmt == CIRCLE_FMT_AUTO ? CIRCLE_FMT_TSV : fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->record = record;
	o->widths = circle_xcalloc(ncols, sizeof *o->widths);
	o->left_out = circle_xcalloc(ncols, sizeof *o->left_out);
	for (i = 0; i < ncols; i++)
		o->widths[i] = circle_utf8_width(cols[i].name);
	if (o->fmt == CIRCLE_FMT_CSV && !record) {
		for (i = 0; i < ncols; i++) {
			if (i > 0)
				fputc(',', fp);
			circle_csv_cell(fp, cols[i].name, 0);
		}
		fputs("\r\n", fp);
	}
	if (o->fmt == CIRCLE_FMT_JSON && !record)
		fputs("[", fp);
	return o;
}

/*
 * A table for a terminal columns wide (0: no limit): the widest text
 * column cut short with an ellipsis until a line fits, a record's values
 * wrapped between words; with color, marks, statuses and follow-ups in
 * colour (cell_color).  Other formats are not touched.
 */
void
circle_out_term(struct circle_out *o, int columns, int color)
{
	o->columns = columns > 0 ? columns : 0;
	o->color = color;
}

struct circle_out *
circle_out_new(FILE *fp, enum circle_format fmt,
    const struct circle_col *cols, size_t ncols)
{
	return out_new(fp, fmt, cols, ncols, 0);
}

/* A single record: "field  value" lines in a table, an object in JSON. */
struct circle_out *
circle_out_record(FILE *fp, enum circle_format fmt,
    const struct circle_col *cols, size_t ncols)
{
	return out_new(fp, fmt, cols, ncols, 1);
}

size_t
circle_out_rows(const struct circle_out *o)
{
	return o->nrows;
}

/*
 * One CSV cell.  Quoting and escaping are libcsv's; a text cell a
 * spreadsheet would take for a formula gets a leading apostrophe.
 */
void
circle_csv_cell(FILE *fp, const char *s, int neutralise)
{
	char	*buf = NULL;

	if (neutralise && *s != '\0' && strchr("=+-@\t\r\n", *s) != NULL) {
		circle_xasprintf(&buf, "'%s", s);
		s = buf;
	}
	if (strpbrk(s, ",\"\r\n") != NULL || *s == ' ' ||
	    (*s != '\0' && s[strlen(s) - 1] == ' '))
		csv_fwrite(fp, s, strlen(s));
	else
		fputs(s, fp);
	free(buf);
}

static void
tsv_cell(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\t':
			fputs("\\t", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		default:
			fputc(*s, fp);
		}
	}
}

static json_t *
json_cell(const struct circle_col *c, const char *v)
{
	json_t		*j;
	char		*end;
	long long	 ll;
	double		 d;
	int		 b;

	if (v == NULL)
		return json_null();
	switch (c->type) {
	case CIRCLE_COL_INT:
		/* Out of range stays text, never another number. */
		errno = 0;
		ll = strtoll(v, &end, 10);
		if (*end == '\0' && *v != '\0' && errno != ERANGE)
			return json_integer(ll);
		break;
	case CIRCLE_COL_REAL:
		/* JSON has no NaN or infinity: json_real() gives NULL. */
		errno = 0;
		d = strtod(v, &end);
		if (*end == '\0' && *v != '\0' && errno != ERANGE &&
		    (j = json_real(d)) != NULL)
			return j;
		break;
	case CIRCLE_COL_BOOL:
		if (circle_parse_bool(v, &b) == 0)
			return json_boolean(b);
		break;
	case CIRCLE_COL_TEXT:
	case CIRCLE_COL_WHOLE:
	case CIRCLE_COL_SPARE:
		break;
	}
	if ((j = json_string(v)) == NULL)
		j = json_string("\xef\xbf\xbd");
	return j;
}

static void
json_row(struct circle_out *o, const char *const *v)
{
	json_t	*obj;
	size_t	 i;

	obj = json_object();
	for (i = 0; i < o->ncols; i++)
		json_object_set_new(obj, o->cols[i].name,
		    json_cell(&o->cols[i], v[i]));
	if (o->fmt == CIRCLE_FMT_JSON && !o->record)
		fputs(o->nrows == 0 ? "\n" : ",\n", o->fp);
	/* 15 digits: 0.33 stays 0.33, not 0.33000000000000002. */
	json_dumpf(obj, o->fp, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15) |
	    (o->fmt == CIRCLE_FMT_JSON && o->record ? JSON_INDENT(2) : 0));
	if (o->fmt == CIRCLE_FMT_JSONL || o->record)
		fputc('\n', o->fp);
	json_decref(obj);
}

/*
 * v on one line (tab and line ends as spaces), any other control
 * character that is in the database anyway written out, so that no text
 * can move a terminal's cursor or send it a command.
 */
static char *
one_line(const char *v)
{
	char	*s, *p;

	s = circle_xstrdup(v);
	for (p = s; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	p = circle_text_visible(s);
	free(s);
	return p;
}

/*
 * Text for a table cell: one line, booleans spelled out, control
 * characters written out (circle_text_visible).
 */
static char *
table_text(const struct circle_col *c, const char *v)
{
	int	 b;

	if (v == NULL)
		return circle_xstrdup("");
	if (c->type == CIRCLE_COL_BOOL && circle_parse_bool(v, &b) == 0)
		return circle_xstrdup(b ? "yes" : "no");
	return one_line(v);
}

void
circle_out_row(struct circle_out *o, const char *const *v)
{
	char	**row;
	size_t	  i;
	int	  w;

	switch (o->fmt) {
	case CIRCLE_FMT_AUTO:
	case CIRCLE_FMT_TABLE:
		row = circle_xcalloc(o->ncols, sizeof *row);
		for (i = 0; i < o->ncols; i++) {
			row[i] = table_text(&o->cols[i], v[i]);
			if ((w = circle_utf8_width(row[i])) > o->widths[i])
				o->widths[i] = w;
		}
		o->cells = circle_xgrow(o->cells, o->ncells,
		    sizeof *o->cells);
		o->cells[o->ncells++] = row;
		break;
	case CIRCLE_FMT_TSV:
		for (i = 0; i < o->ncols; i++) {
			if (o->record) {
				fprintf(o->fp, "%s\t", o->cols[i].name);
				tsv_cell(o->fp, v[i] != NULL ? v[i] : "");
				fputc('\n', o->fp);
				continue;
			}
			if (i > 0)
				fputc('\t', o->fp);
			tsv_cell(o->fp, v[i] != NULL ? v[i] : "");
		}
		if (!o->record)
			fputc('\n', o->fp);
		break;
	case CIRCLE_FMT_CSV:
		for (i = 0; i < o->ncols; i++) {
			if (o->record) {
				circle_csv_cell(o->fp, o->cols[i].name, 0);
				fputc(',', o->fp);
				circle_csv_cell(o->fp, v[i] != NULL ? v[i] : "",
				    is_text(&o->cols[i]));
				fputs("\r\n", o->fp);
				continue;
			}
			if (i > 0)
				fputc(',', o->fp);
			circle_csv_cell(o->fp, v[i] != NULL ? v[i] : "",
			    is_text(&o->cols[i]));
		}
		if (!o->record)
			fputs("\r\n", o->fp);
		break;
	case CIRCLE_FMT_JSON:
	case CIRCLE_FMT_JSONL:
		json_row(o, v);
		break;
	case CIRCLE_FMT_MD:
		md_row(o, v);
		break;
	}
	o->nrows++;
}

/* A Markdown cell: one line, pipes escaped. */
static void
md_cell(FILE *fp, const char *v)
{
	char	*buf, *s;

	if (v == NULL)
		return;
	buf = one_line(v);
	for (s = buf; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\' || *s == '*' || *s == '_' ||
		    *s == '`' || *s == '<')
			fputc('\\', fp);
		fputc(*s, fp);
	}
	free(buf);
}

static void
md_row(struct circle_out *o, const char *const *v)
{
	size_t	i;

	if (o->record) {
		for (i = 0; i < o->ncols; i++) {
			if (v[i] == NULL || *v[i] == '\0')
				continue;
			fprintf(o->fp, "- **%s**: ", o->cols[i].name);
			md_cell(o->fp, v[i]);
			fputc('\n', o->fp);
		}
		return;
	}
	if (o->nrows == 0) {
		for (i = 0; i < o->ncols; i++)
			fprintf(o->fp, "| %s ", o->cols[i].name);
		fputs("|\n", o->fp);
		for (i = 0; i < o->ncols; i++)
			fputs(o->cols[i].type == CIRCLE_COL_INT ||
			    o->cols[i].type == CIRCLE_COL_REAL ? "| ---: " :
			    "| --- ", o->fp);
		fputs("|\n", o->fp);
	}
	for (i = 0; i < o->ncols; i++) {
		fputs("| ", o->fp);
		md_cell(o->fp, v[i]);
		fputc(' ', o->fp);
	}
	fputs("|\n", o->fp);
}

static void
pad(FILE *fp, int n)
{
	while (n-- > 0)
		fputc(' ', fp);
}

/*
 * The colour (an SGR parameter) of a table cell, or NULL: attendance marks
 * and the statuses of sessions, people and follow-ups by their word, and
 * a prep sheet's follow-ups whenever there are any.  Words are matched
 * whole, so that a note or a name is never coloured.
 */
static const char *
cell_color(const struct circle_col *c, const char *text)
{
	static const struct {
		const char	*word;
		const char	*sgr;
	} words[] = {
		{ "present", "32" }, { "late", "33" }, { "left_early", "33" },
		{ "left-early", "33" },
		{ "excused", "36" }, { "absent", "31" },
		{ "held", "32" }, { "not_held", "33" }, { "cancelled", "31" },
		{ "unrecorded", "33" }, { "inactive", "2" },
		{ "open", "1;31" }, { "done", "32" }, { "dismissed", "2" },
		{ "withdrawn", "2" },
	};
	size_t	i;

	if (*text == '\0')
		return NULL;
	if (strcmp(c->name, "follow-ups") == 0)
		return "1;31";
	if (strcmp(c->name, "unrecorded") == 0)
		return strcmp(text, "yes") == 0 ? "33" : NULL;
	if (strcmp(c->name, "status") != 0 && strcmp(c->name, "mark") != 0)
		return NULL;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(text, words[i].word) == 0)
			return words[i].sgr;
	return NULL;
}

/* text, in colour when o has colour and the cell has one. */
static void
put_cell(struct circle_out *o, FILE *fp, const struct circle_col *c,
    const char *text)
{
	const char	*sgr;

	if (o->color && (sgr = cell_color(c, text)) != NULL)
		fprintf(fp, "\033[%sm%s\033[m", sgr, text);
	else
		fputs(text, fp);
}

/* One table line: cells padded to width, numbers right-aligned, no
 * trailing blanks. */
static void
table_line(struct circle_out *o, char *const *cells, int header)
{
	char	*line = NULL;
	size_t	 len = 0, i, shown = 0;
	int	 w;
	FILE	*fp;

	if ((fp = open_memstream(&line, &len)) == NULL)
		return;
	for (i = 0; i < o->ncols; i++) {
		if (o->left_out[i])
			continue;
		if (shown++ > 0)
			fputs("  ", fp);
		w = o->widths[i] - circle_utf8_width(cells[i]);
		if (o->cols[i].type == CIRCLE_COL_INT ||
		    o->cols[i].type == CIRCLE_COL_REAL)
			pad(fp, w);
		if (header)
			fputs(cells[i], fp);
		else
			put_cell(o, fp, &o->cols[i], cells[i]);
		if (o->cols[i].type != CIRCLE_COL_INT &&
		    o->cols[i].type != CIRCLE_COL_REAL)
			pad(fp, w);
	}
	fclose(fp);
	while (len > 0 && line[len - 1] == ' ')
		len--;
	fwrite(line, 1, len, o->fp);
	fputc('\n', o->fp);
	free(line);
}

/* The narrowest a text column is cut to: its header, and a few letters. */
#define CUT_MIN	6

/* Text: a CSV cell of it is neutralised, JSON has it as a string. */
static int
is_text(const struct circle_col *c)
{
	return c->type == CIRCLE_COL_TEXT || c->type == CIRCLE_COL_WHOLE ||
	    c->type == CIRCLE_COL_SPARE;
}

/* Numbers, dates and times keep every character; a spare column is
 * shown whole or not at all. */
static int
never_cut(const struct circle_col *c)
{
	return c->type == CIRCLE_COL_INT || c->type == CIRCLE_COL_REAL ||
	    c->type == CIRCLE_COL_WHOLE || c->type == CIRCLE_COL_SPARE;
}

/* The width of a line with every column cut as far as it may be. */
static int
least_line(const struct circle_out *o)
{
	size_t	i;
	int	total = 0, least, shown = 0;

	for (i = 0; i < o->ncols; i++) {
		if (o->left_out[i])
			continue;
		least = circle_utf8_width(o->cols[i].name);
		if (least < CUT_MIN)
			least = CUT_MIN;
		total += (never_cut(&o->cols[i]) || o->widths[i] < least ?
		    o->widths[i] : least) + (shown++ > 0 ? 2 : 0);
	}
	return total;
}

/*
 * Leave out spare columns, the last first, while a line would not fit
 * even cut; then narrow the widest text column a column at a time until
 * a line fits in o->columns, none below its header or CUT_MIN; numbers,
 * dates, times and spare columns are never cut.  Returns 1 if a column
 * was narrowed.
 */
static int
fit_widths(struct circle_out *o)
{
	size_t	i, widest, shown = 0;
	int	total = 0, cut = 0, least;

	for (i = o->ncols; i-- > 0 && least_line(o) > o->columns; )
		if (o->cols[i].type == CIRCLE_COL_SPARE)
			o->left_out[i] = 1;
	for (i = 0; i < o->ncols; i++)
		if (!o->left_out[i])
			total += o->widths[i] + (shown++ > 0 ? 2 : 0);
	while (total > o->columns) {
		widest = o->ncols;
		for (i = 0; i < o->ncols; i++) {
			if (never_cut(&o->cols[i]) || o->left_out[i])
				continue;
			least = circle_utf8_width(o->cols[i].name);
			if (o->widths[i] <= (least > CUT_MIN ? least : CUT_MIN))
				continue;
			if (widest == o->ncols ||
			    o->widths[i] > o->widths[widest])
				widest = i;
		}
		if (widest == o->ncols)
			break;	/* nothing left to cut: the terminal wraps */
		o->widths[widest]--;
		total--;
		cut = 1;
	}
	return cut;
}

/* text cut to width columns, its last one an ellipsis, if it is wider. */
static void
cut_cell(char **text, int width)
{
	char	*s;
	size_t	 n;

	if (circle_utf8_width(*text) <= width)
		return;
	n = circle_utf8_cut(*text, width - 1);
	circle_xasprintf(&s, "%.*s\xe2\x80\xa6", (int)n, *text);
	free(*text);
	*text = s;
}

/*
 * A record's value after its label, wrapped between words to the width
 * left (a word longer than a line is cut where it must be), each line
 * after the first indented under the value.
 */
static void
record_value(struct circle_out *o, const struct circle_col *c,
    const char *v, int indent)
{
	const char	*end, *sp;
	char		*line;
	int		 room = o->columns - indent;
	size_t		 n;

	if (o->columns == 0 || room < 20 || circle_utf8_width(v) <= room) {
		put_cell(o, o->fp, c, v);
		fputc('\n', o->fp);
		return;
	}
	while (*v != '\0') {
		n = circle_utf8_cut(v, room);
		end = v + n;
		if (*end != '\0' && *end != ' ') {
			for (sp = end; sp > v && sp[-1] != ' '; sp--)
				continue;
			if (sp > v)
				end = sp;
		}
		if (end == v)	/* not even a character fits */
			end = v + 1;
		n = (size_t)(end - v);
		while (n > 0 && v[n - 1] == ' ')
			n--;
		line = circle_xstrndup(v, n);
		put_cell(o, o->fp, c, line);
		fputc('\n', o->fp);
		free(line);
		for (v = end; *v == ' '; v++)
			continue;
		if (*v != '\0')
			pad(o->fp, indent);
	}
}

static void
table_flush(struct circle_out *o)
{
	char	**hdr;
	size_t	  r, i;
	int	  w, lw = 0;

	if (o->record) {
		for (i = 0; i < o->ncols; i++)
			if ((w = circle_utf8_width(o->cols[i].name)) > lw)
				lw = w;
		for (r = 0; r < o->ncells; r++) {
			for (i = 0; i < o->ncols; i++) {
				if (*o->cells[r][i] == '\0')
					continue;
				fprintf(o->fp, "%s:", o->cols[i].name);
				pad(o->fp, lw - circle_utf8_width(
				    o->cols[i].name) + 1);
				record_value(o, &o->cols[i], o->cells[r][i],
				    lw + 2);
			}
		}
		return;
	}
	if (o->ncells == 0)
		return;
	if (o->columns > 0 && fit_widths(o))
		for (r = 0; r < o->ncells; r++)
			for (i = 0; i < o->ncols; i++)
				cut_cell(&o->cells[r][i], o->widths[i]);
	hdr = circle_xcalloc(o->ncols, sizeof *hdr);
	for (i = 0; i < o->ncols; i++)
		hdr[i] = (char *)o->cols[i].name;
	table_line(o, hdr, 1);
	free(hdr);
	for (r = 0; r < o->ncells; r++)
		table_line(o, o->cells[r], 0);
}

/* Print what is buffered, free o; -1 if writing failed. */
int
circle_out_finish(struct circle_out *o)
{
	size_t	r, i;
	int	rc;

	if (o->fmt == CIRCLE_FMT_TABLE)
		table_flush(o);
	if (o->fmt == CIRCLE_FMT_JSON && !o->record)
		fputs(o->nrows == 0 ? "]\n" : "\n]\n", o->fp);
	for (r = 0; r < o->ncells; r++) {
		for (i = 0; i < o->ncols; i++)
			free(o->cells[r][i]);
		free(o->cells[r]);
	}
	free(o->cells);
	free(o->widths);
	free(o->left_out);
	rc = ferror(o->fp) ? -1 : 0;
	free(o);
	return rc;
}
