/*
 * csvio.c: reading CSV through libcsv, a row at a time, knowing the line
 * each field ended on so that errors can say file:line:column.  The bytes
 * are made UTF-8 text first (struct source): a BOM dropped, UTF-16 (by its
 * BOM, or by the NULs of an ASCII header) or an --encoding converted with
 * iconv, lines ending in a lone CR (old Macs) read as lines; a workbook
 * given in place of a CSV is named, with how to save it as CSV.  The
 * delimiter is Excel's "sep=X" first line, or the comma, semicolon or tab
 * the header line has most of.  CRLF, quoted delimiters and newlines are
 * read; malformed quoting is refused.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "circle-priv.h"

#define MAX_FIELDS	512
#define MAX_FIELD	(1024 * 1024)
#define HEAD		4096		/* bytes looked at to tell the file */

struct pending {
	char		**fields;
	size_t		 *lines;
	size_t		  n;
	int		  bad;		/* a NUL byte or an oversized field */
	size_t		  badline;
	size_t		  start;	/* line the row began on, or 0 */
};

/*
 * The file's bytes as UTF-8 text, read by stdio through fopencookie(3) so
 * that getline() sees text whatever the file held.
 */
struct source {
	FILE		*raw;
	int		 own;		/* close raw at the end */
	unsigned char	 head[HEAD];	/* the first bytes, read to tell what
					   the file is */
	size_t		 nhead;
	size_t		 hpos;		/* head handed on so far */
	iconv_t		 cd;		/* (iconv_t)-1: UTF-8 already */
	char		 from[64];	/* what cd converts from */
	char		 in[8192];	/* read, not converted yet */
	size_t		 nin;
	int		 eof;		/* raw is at its end */
	int		 flushed;	/* cd's state written out */
	int		 cr;		/* -1 not known yet; 1: lines end
					   in a lone CR */
	size_t		 lines;		/* line ends handed on */
	char		 why[160];	/* what could not be read, or "" */
	size_t		 whyline;
};

struct circle_csv {
	FILE			*fp;		/* text, from src */
	struct source		*src;		/* owned */
	char			*name;		/* owned */
	struct csv_parser	 p;
	size_t			 line;		/* line being fed */
	int			 first;
	int			 eof;
	int			 delim;
	int			 sep;		/* from a "sep=" line */
	struct pending		 cur;		/* row being built */
	struct pending		*queue;		/* owned: complete rows */
	size_t			 nqueue;
	size_t			 head;
	struct circle_csv_row	 row;		/* handed out */
	struct pending		 out;		/* backing for row */
	char			*buf;		/* owned: getline buffer */
	size_t			 bufsz;
};

/* ---- the bytes, as UTF-8 text ------------------------------------------ */

/* Bytes of the file: what the head kept, then the rest. */
/* Every byte of the file read. */
static int
raw_done(const struct source *s)
{
	return s->eof && s->hpos >= s->nhead;
}

static size_t
raw_read(struct source *s, char *buf, size_t size)
{
	size_t	n = 0;

	if (s->hpos < s->nhead) {
		n = s->nhead - s->hpos < size ? s->nhead - s->hpos : size;
		memcpy(buf, s->head + s->hpos, n);
		s->hpos += n;
		return n;
	}
	if (s->eof)
		return 0;
	n = fread(buf, 1, size, s->raw);
	if (n == 0)
		s->eof = 1;
	return n;
}

/* Converted bytes into buf; 0 at the end or on an error (s->why). */
static size_t
convert(struct source *s, char *buf, size_t size)
{
	char	*out = buf, *ip;
	size_t	 outleft = size, il, r;
	int	 err;

	while (out == buf && s->why[0] == '\0') {
		if (s->nin < sizeof s->in && !raw_done(s))
			s->nin += raw_read(s, s->in + s->nin,
			    sizeof s->in - s->nin);
		if (s->nin == 0 && raw_done(s)) {
			if (!s->flushed) {
				s->flushed = 1;
				(void)iconv(s->cd, NULL, NULL, &out, &outleft);
			}
			break;
		}
		ip = s->in;
		il = s->nin;
		r = iconv(s->cd, &ip, &il, &out, &outleft);
		err = errno;
		memmove(s->in, ip, il);
		s->nin = il;
		if (r != (size_t)-1 || err == E2BIG)
			continue;
		if (err == EINVAL && !raw_done(s) && s->nin < sizeof s->in)
			continue;	/* a character split by the read */
		if (out > buf)
			break;		/* hand on what was read first */
		if (err == EINVAL)
			snprintf(s->why, sizeof s->why, "ends in the middle of "
			    "a %s character", s->from);
		else if (strncasecmp(s->from, "UTF-16", 6) == 0 && s->nin >= 2)
			snprintf(s->why, sizeof s->why, "bytes 0x%02X 0x%02X "
			    "are not %s text", (unsigned char)s->in[0],
			    (unsigned char)s->in[1], s->from);
		else
			snprintf(s->why, sizeof s->why, "byte 0x%02X is not %s "
			    "text", (unsigned char)s->in[0], s->from);
	}
	return (size_t)(out - buf);
}

static ssize_t
source_read(void *cookie, char *buf, size_t size)
{
	struct source	*s = cookie;
	size_t		 n, i;

	if (s->why[0] != '\0') {
		errno = EILSEQ;
		return -1;
	}
	n = s->cd == (iconv_t)-1 ? raw_read(s, buf, size) :
	    convert(s, buf, size);
	if (s->cr == -1 && n > 0) {
		/* Lone CRs end lines when no LF comes before a CR does
		 * something other than begin a CRLF. */
		for (i = 0; i < n && s->cr == -1; i++)
			if (buf[i] == '\n')
				s->cr = 0;
			else if (buf[i] == '\r' && (i + 1 < n ?
			    buf[i + 1] != '\n' : raw_done(s) && s->nin == 0))
				s->cr = 1;
	}
	for (i = 0; i < n; i++) {
		if (buf[i] == '\r' && s->cr == 1)
			buf[i] = '\n';
		if (buf[i] == '\n')
			s->lines++;
	}
	if (s->why[0] != '\0' && s->whyline == 0)
		s->whyline = s->lines + 1;
	if (n == 0 && s->why[0] != '\0') {
		errno = EILSEQ;
		return -1;
	}
	if (n == 0 && ferror(s->raw)) {
		errno = EIO;
		return -1;
	}
	return (ssize_t)n;
}

static int
source_close(void *cookie)
{
	struct source	*s = cookie;

	if (s->cd != (iconv_t)-1)
		iconv_close(s->cd);
	if (s->own)
		fclose(s->raw);
	free(s);
	return 0;
}

/*
 * What a file that is no CSV is, from its first bytes, with how to make a
 * CSV of it; NULL for anything else.
 */
static const char *
not_csv(const unsigned char *h, size_t n)
{
	if (n >= 8 && memcmp(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return "an Excel 97-2003 workbook (.xls), not a CSV file";
	if (n < 4 || memcmp(h, "PK\x03\x04", 4) != 0)
		return NULL;
	if (memmem(h, n, "opendocument.spreadsheet", 24) != NULL ||
	    memmem(h, n, "content.xml", 11) != NULL)
		return "an OpenDocument spreadsheet (.ods), not a CSV file";
	if (memmem(h, n, "xl/", 3) != NULL ||
	    memmem(h, n, "[Content_Types].xml", 19) != NULL)
		return "an Excel workbook (.xlsx), not a CSV file";
	if (memmem(h, n, "Index/", 6) != NULL)
		return "a Numbers document, not a CSV file; in Numbers choose "
		    "File > Export To > CSV, with the text encoding "
		    "\"Unicode (UTF-8)\"";
	return "a zip archive, not a CSV file";
}

/* The advice after what not_csv() said. */
static const char *
not_csv_fix(const char *what)
{
	if (strstr(what, "Numbers") != NULL)
		return "";
	return "; open it and save it as CSV: in Excel File > Save As > "
	    "\"CSV UTF-8 (Comma delimited)\", in LibreOffice Calc File > Save "
	    "As > \"Text CSV\" with the character set \"Unicode (UTF-8)\"";
}

/* An encoding's name folded: lower case, letters and digits only. */
static void
encoding_fold(const char *name, char *f, size_t len)
{
	size_t	k = 0;

	for (; *name != '\0' && k + 1 < len; name++)
		if (isalnum((unsigned char)*name))
			f[k++] = (char)tolower((unsigned char)*name);
	f[k] = '\0';
}

/*
 * What the file is encoded in: a BOM says, or the NULs of UTF-16 around
 * an ASCII header; encoding is what --encoding said (NULL: UTF-8).  The
 * head is looked at, and the source set to convert it.
 */
static int
source_encoding(struct source *s, const char *name, const char *encoding,
    struct circle_err *e)
{
	const unsigned char	*h = s->head;
	const char		*bom = NULL;
	char			 f[64];
	size_t			 skip = 0;

	if (s->nhead >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0)
		bom = "UTF-8", skip = 3;
	else if (s->nhead >= 2 && h[0] == 0xff && h[1] == 0xfe)
		bom = "UTF-16LE", skip = 2;
	else if (s->nhead >= 2 && h[0] == 0xfe && h[1] == 0xff)
		bom = "UTF-16BE", skip = 2;
	else if (encoding == NULL && s->nhead >= 4 && h[0] != 0 &&
	    h[0] < 0x80 && h[1] == 0 && h[2] != 0 && h[2] < 0x80 && h[3] == 0)
		bom = "UTF-16LE";
	else if (encoding == NULL && s->nhead >= 4 && h[0] == 0 &&
	    h[1] != 0 && h[1] < 0x80 && h[2] == 0 && h[3] != 0 && h[3] < 0x80)
		bom = "UTF-16BE";
	if (bom != NULL && encoding != NULL) {
		encoding_fold(encoding, f, sizeof f);
		if (strcmp(f, "utf8") != 0 && strncmp(f, "utf16", 5) != 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: begins with "
			    "a %s byte order mark, so it is not %s; leave out "
			    "--encoding", name, bom, encoding);
		if (strcmp(f, "utf8") == 0 && strcmp(bom, "UTF-8") != 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: begins with "
			    "a %s byte order mark, so it is not %s; leave out "
			    "--encoding", name, bom, encoding);
		if (strncmp(f, "utf16", 5) == 0 && strcmp(bom, "UTF-8") == 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: begins with "
			    "a UTF-8 byte order mark, so it is not %s; leave "
			    "out --encoding", name, encoding);
	}
	s->hpos = skip;
	if (bom != NULL)
		encoding = bom;
	if (encoding == NULL)
		return 0;
	encoding_fold(encoding, f, sizeof f);
	if (strcmp(f, "utf8") == 0)
		return 0;
	snprintf(s->from, sizeof s->from, "%s", encoding);
	if ((s->cd = iconv_open("UTF-8", encoding)) == (iconv_t)-1)
		return circle_err_set(e, CIRCLE_EUSAGE, "--encoding %s: not an "
		    "encoding this system knows (iconv --list shows them; "
		    "windows-1252 is Excel's on Windows, macintosh on a Mac)",
		    encoding);
	return 0;
}

/* The file at path ("-": stdin) as UTF-8 text, or NULL. */
static FILE *
source_open(const char *path, const char *name, const char *encoding,
    struct source **sp, struct circle_err *e)
{
	static const cookie_io_functions_t io = { source_read, NULL, NULL,
	    source_close };
	struct source	*s;
	const char	*what;
	FILE		*fp;

	*sp = NULL;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL) {
		circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL : CIRCLE_EIO,
		    "%s: %s", name, strerror(errno));
		return NULL;
	}
	s = circle_xcalloc(1, sizeof *s);
	s->raw = fp;
	s->own = fp != stdin;
	s->cd = (iconv_t)-1;
	s->cr = -1;
	s->nhead = fread(s->head, 1, sizeof s->head, fp);
	if (ferror(fp)) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
		goto fail;
	}
	if (s->nhead < sizeof s->head)
		s->eof = 1;
	if ((what = not_csv(s->head, s->nhead)) != NULL) {
		circle_err_set(e, CIRCLE_EDATA, "%s: %s%s", name, what,
		    not_csv_fix(what));
		goto fail;
	}
	if (source_encoding(s, name, encoding, e) == -1)
		goto fail;
	if ((fp = fopencookie(s, "r", io)) == NULL) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
		goto fail;
	}
	*sp = s;
	return fp;
fail:
	source_close(s);
	return NULL;
}

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

/* With tab as the delimiter, only the space is a blank around a field. */
static int
is_space_only(unsigned char ch)
{
	return ch == ' ';
}

struct circle_csv *
circle_csv_open(const char *path, const char *name, const char *encoding,
    struct circle_err *e)
{
	struct circle_csv	*c;
	struct source		*s;
	FILE			*fp;

	if ((fp = source_open(path, name, encoding, &s, e)) == NULL)
		return NULL;
	c = circle_xcalloc(1, sizeof *c);
	c->fp = fp;
	c->src = s;
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
	return c;
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
 * most of outside quotes (in that order when as many), else the comma. */
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
	return ',';
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
			set_delim(c, guess_delim(s, (size_t)n));
		}
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

/* How the file was read, for a dry run: "UTF-16LE, tab-separated". */
void
circle_csv_said(const struct circle_csv *c, char *buf, size_t len)
{
	static const char *const names[] = { "tab", "semicolon", "comma" };
	const char	*d = c->delim == '\t' ? names[0] : c->delim == ';' ?
			    names[1] : c->delim == ',' ? names[2] : NULL;

	if (d != NULL)
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
	fclose(c->fp);		/* and the source with it */
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

/*
 * A header folded, the one rule headers are matched by: case folded,
 * accents (and any other combining mark) dropped, and white space and
 * punctuation of any script left out: "E-mail Address?", "email address"
 * and "ÉMAIL_ADDRESS" are all "emailaddress".
 */
void
circle_csv_fold(const char *h, char *f, size_t len)
{
	const UNormalizer2	*nfd;
	UErrorCode		 st = U_ZERO_ERROR;
	UChar			*u, *d, *kept, *folded;
	UChar32			 ch;
	int32_t			 n, m, i, nk = 0, nf, ol;
	size_t			 k = 0, hl = strlen(h), cap = 4 * hl + 4;
	char			 one[U8_MAX_LENGTH];

	if (len == 0)
		return;
	u = circle_xcalloc(hl + 1, sizeof *u);
	d = circle_xcalloc(cap, sizeof *d);
	kept = circle_xcalloc(cap, sizeof *kept);
	folded = circle_xcalloc(3 * cap, sizeof *folded);
	u_strFromUTF8(u, (int32_t)hl + 1, &n, h, (int32_t)hl, &st);
	nfd = unorm2_getNFDInstance(&st);
	m = U_SUCCESS(st) ? unorm2_normalize(nfd, u, n, d, (int32_t)cap,
	    &st) : 0;
	if (U_FAILURE(st))
		m = 0;
	/* Marks, punctuation, spaces and controls left out. */
	for (i = 0; i < m; ) {
		U16_NEXT(d, i, m, ch);
		if (u_getCombiningClass(ch) != 0 ||
		    (U_GET_GC_MASK(ch) & (U_GC_M_MASK | U_GC_P_MASK |
		    U_GC_Z_MASK | U_GC_CC_MASK | U_GC_CF_MASK)) != 0 ||
		    u_isUWhiteSpace(ch))
			continue;
		U16_APPEND_UNSAFE(kept, nk, ch);
	}
	/* Full case folding: "Straße" is "strasse". */
	st = U_ZERO_ERROR;
	nf = u_strFoldCase(folded, (int32_t)(3 * cap), kept, nk,
	    U_FOLD_CASE_DEFAULT, &st);
	if (U_FAILURE(st))
		nf = 0;
	for (i = 0; i < nf; ) {
		U16_NEXT(folded, i, nf, ch);
		ol = 0;
		U8_APPEND_UNSAFE(one, ol, ch);
		if (k + (size_t)ol + 1 > len)
			break;
		memcpy(f + k, one, (size_t)ol);
		k += (size_t)ol;
	}
	f[k] = '\0';
	free(u);
	free(d);
	free(kept);
	free(folded);
}

/*
 * A header without the aside at its end that form makers write, as
 * "Pronouns (optional)", "Phone [mobile]", "Groups (check all that
 * apply)": a new string, or NULL when it has none or is nothing else.
 */
static char *
header_aside_dropped(const char *h)
{
	size_t		 n = strlen(h);
	const char	*open;
	char		 close;

	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '*'))
		n--;
	if (n == 0 || (h[n - 1] != ')' && h[n - 1] != ']'))
		return NULL;
	close = h[n - 1];
	for (open = h + n - 1; open > h && *open != (close == ')' ? '(' :
	    '['); open--)
		;
	if (open == h)
		return NULL;
	return circle_xstrndup(h, (size_t)(open - h));
}

/* The field a header names in a table, or -1; then without its aside. */
int
circle_csv_field_of(const struct circle_csv_field *t, size_t n,
    const char *header)
{
	char	f[1024], g[1024], *plain;
	size_t	i;
	int	field;

	circle_csv_fold(header, f, sizeof f);
	for (i = 0; i < n; i++) {
		circle_csv_fold(t[i].header, g, sizeof g);
		if (strcmp(f, g) == 0)
			return t[i].field;
	}
	if ((plain = header_aside_dropped(header)) == NULL)
		return -1;
	field = circle_csv_field_of(t, n, plain);
	free(plain);
	return field;
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

/* --date-order's value: 'm' (mdy), 'd' (dmy) or 0 (none given). */
int
circle_csv_date_order(const char *s, int *order, struct circle_err *e)
{
	*order = 0;
	if (s == NULL)
		return 0;
	if (strcasecmp(s, "mdy") == 0)
		*order = 'm';
	else if (strcasecmp(s, "dmy") == 0)
		*order = 'd';
	else
		return circle_err_set(e, CIRCLE_EUSAGE, "--date-order %s: "
		    "expected mdy (month first, 11/24/2026) or dmy (day first, "
		    "24/11/2026)", s);
	return 0;
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
	size_t	i;
	int	rc, order = 0;

	memset(r, 0, sizeof *r);
	if (o != NULL && circle_csv_date_order(o->date_order, &order,
	    e) == -1)
		return -1;
	if ((r->csv = circle_csv_open(path, name, o != NULL ? o->encoding :
	    NULL, e)) == NULL)
		return -1;
	r->name = circle_csv_name(r->csv);
	r->order = order;
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

/*
 * Column col holds field, in place of what it held; any other number (-1)
 * leaves it out on purpose (--map COLUMN=ignore): its header is then
 * matched to nothing.
 */
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
		field = -2;
	r->colfield[col] = field;
}

/* Column col to the first field of t whose folded header g is f, free. */
static int
map_folded(struct circle_csv_reader *r, size_t col, const char *f,
    const struct circle_csv_field *t, char **g, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (t[i].field < 0 || (size_t)t[i].field >= r->nfields ||
		    r->fieldcol[t[i].field] >= 0)
			continue;
		if (strcmp(f, g[i]) == 0) {
			circle_csv_map_column(r, col, t[i].field);
			return 1;
		}
	}
	return 0;
}

/*
 * Each column not mapped yet holds the field its header names in the
 * table (then its header without an aside: header_aside_dropped): the
 * first entry naming it whose field has no column yet.
 */
void
circle_csv_map_headers(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n)
{
	char	f[1024], **g, *plain;
	size_t	col, i;

	g = circle_xcalloc(n + 1, sizeof *g);
	for (i = 0; i < n; i++) {
		circle_csv_fold(t[i].header, f, sizeof f);
		g[i] = circle_xstrdup(f);
	}
	for (col = 0; col < r->ncols; col++) {
		if (r->colfield[col] != -1)
			continue;
		circle_csv_fold(r->header[col], f, sizeof f);
		if (!map_folded(r, col, f, t, g, n) &&
		    (plain = header_aside_dropped(r->header[col])) != NULL) {
			circle_csv_fold(plain, f, sizeof f);
			free(plain);
			(void)map_folded(r, col, f, t, g, n);
		}
	}
	circle_strv_free(g, n);
}

/*
 * The column the len bytes of name say: its header in any case, else its
 * header folded (circle_csv_fold), else its number; -1 if none.
 */
int
circle_csv_column(const struct circle_csv_reader *r, const char *name,
    size_t len)
{
	char	*want, f[1024], g[1024];
	size_t	col;
	long	num;
	int	found = -1;

	for (col = 0; col < r->ncols; col++)
		if (strlen(r->header[col]) == len &&
		    strncasecmp(r->header[col], name, len) == 0)
			return (int)col;
	want = circle_xstrndup(name, len);
	circle_csv_fold(want, f, sizeof f);
	for (col = 0; col < r->ncols && found == -1; col++) {
		circle_csv_fold(r->header[col], g, sizeof g);
		if (*f != '\0' && strcmp(f, g) == 0)
			found = (int)col;
	}
	if (found == -1 && len > 0 && len < 4 && strspn(want, "0123456789") ==
	    len && (num = strtol(want, NULL, 10)) >= 1 && (size_t)num <=
	    r->ncols)
		found = (int)num - 1;
	free(want);
	return found;
}

/*
 * --map COLUMN=FIELD, once the import has found field (its own number,
 * -1 for none) from what follows the last "=": the column takes it, and
 * its number is returned.
 */
int
circle_csv_map_spec(struct circle_csv_reader *r, const char *spec, int field,
    struct circle_err *e)
{
	const char	*eq = strrchr(spec, '=');
	int		 col;

	if (eq == NULL)
		eq = spec + strlen(spec);
	if ((col = circle_csv_column(r, spec, (size_t)(eq - spec))) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: --map %.*s: no "
		    "such column in the header (a header, or a column number "
		    "from 1)", r->name, r->headerline, (int)(eq - spec), spec);
	circle_csv_map_column(r, (size_t)col, field);
	return col;
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
	char	said[128];
	size_t	col;
	int	f;

	circle_csv_said(r->csv, said, sizeof said);
	*out = circle_xgrow(*out, *nout, sizeof **out);
	circle_xasprintf(&(*out)[(*nout)++], "%s: %s, header on line %zu",
	    r->name, said, r->headerline);
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
 * The next row, every field valid UTF-8: 1 with r->row set, 0 at the end.
 * With skip_blank, rows whose cells are all empty are passed over.
 */
int
circle_csv_reader_next(struct circle_csv_reader *r, int skip_blank,
    struct circle_err *e)
{
	struct circle_csv_row	*row;
	const char		*v, *nl;
	size_t			 i, bad, line;
	int			 rc, blank;

	r->row = NULL;
	while ((rc = circle_csv_next(r->csv, &row, e)) == 1) {
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
				circle_err_set(e, CIRCLE_EDATA, "not valid "
				    "UTF-8 (byte 0x%02X); if Excel made it, "
				    "give --encoding windows-1252 (macintosh "
				    "for Excel on a Mac), or save it from "
				    "Excel as \"CSV UTF-8\"",
				    (unsigned char)v[bad]);
				return circle_at(e, r->name, line, i + 1,
				    r->header != NULL && i < r->ncols ?
				    r->header[i] : NULL);
			}
			if (*v != '\0')
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
	circle_bad_free(&r->bad);
	memset(r, 0, sizeof *r);
}

/* ---- every bad cell at once ---------------------------------------------- */

/*
 * e holds a bad cell (or row) of the file: kept, and e cleared, so that
 * the import goes on to find the rest (0).  Any other error (the
 * database, the disk) stops it: -1, e left as it is.
 */
int
circle_bad_keep(struct circle_bad *b, struct circle_err *e)
{
	if (e->code != CIRCLE_EDATA)
		return -1;
	if (b->n < CIRCLE_BAD_MAX) {
		b->msg = circle_xgrow(b->msg, b->n, sizeof *b->msg);
		b->msg[b->n++] = circle_xstrdup(e->msg);
	}
	b->total++;
	circle_err_clear(e);
	return 0;
}

/*
 * At the end of an import: 0 when nothing was bad.  Else -1, with e the
 * one bad cell, or, with several, e "NAME: N bad cells; nothing WHAT" and
 * *out the cells (the first CIRCLE_BAD_MAX, then "and N more"), for the
 * tool to print first.
 */
int
circle_bad_end(struct circle_bad *b, const char *name, const char *what,
    char ***out, size_t *nout, struct circle_err *e)
{
	size_t	total = b->total;

	if (total == 0)
		return 0;
	if (total == 1) {
		circle_err_set(e, CIRCLE_EDATA, "%s", b->msg[0]);
		circle_bad_free(b);
		return -1;
	}
	*out = b->msg;
	*nout = b->n;
	if (total > b->n) {
		*out = circle_xgrow(*out, *nout, sizeof **out);
		circle_xasprintf(&(*out)[(*nout)++], "%s: and %zu more",
		    name, total - b->n);
	}
	memset(b, 0, sizeof *b);
	return circle_err_set(e, CIRCLE_EDATA, "%s: %zu errors; nothing %s",
	    name, total, what);
}

/* The list at *from moved to *to, *from left empty. */
void
circle_strv_move(char ***to, size_t *nto, char ***from, size_t *nfrom)
{
	*to = *from;
	*nto = *nfrom;
	*from = NULL;
	*nfrom = 0;
}

void
circle_bad_free(struct circle_bad *b)
{
	circle_strv_free(b->msg, b->n);
	memset(b, 0, sizeof *b);
}

/* ---- dates and times in cells -------------------------------------------- */

static const char *const month_names[] = { "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October",
    "November", "December" };

/* 1 to max digits at *p (and no more), their value in *v: how many. */
static int
read_digits(const char **p, int max, int *v)
{
	int	n = 0, x = 0;

	while (isdigit((unsigned char)**p) && n < max) {
		x = x * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (isdigit((unsigned char)**p))
		return 0;
	*v = x;
	return n;
}

/* am, a.m., a, pm, p.m., p (any case) at *p: 'a', 'p' or 0. */
static int
read_ampm(const char **p)
{
	const char	*s = *p;
	int		 which = tolower((unsigned char)*s);

	if (which != 'a' && which != 'p')
		return 0;
	s++;
	if (*s == '.')
		s++;
	if (tolower((unsigned char)*s) == 'm') {
		s++;
		if (*s == '.')
			s++;
	}
	if (isalnum((unsigned char)*s))
		return 0;
	*p = s;
	return which;
}

/*
 * A time of day as people write it: 19:00, 19:00:00 (a fraction of a
 * second left out), 19.00, 7pm, 7 PM, 7:30 pm, 7.30 p.m.; after it, with
 * iso, a zone (Z, +01:00) is read and said in *zone.  0, or -1.
 */
static int
read_clock(const char *s, int iso, int *h, int *m, int *sec, int *zone)
{
	const char	*p = s;
	char		 sep;
	int		 hasmin = 0, ap, x;

	*m = *sec = *zone = 0;
	if (read_digits(&p, 2, h) == 0)
		return -1;
	if ((*p == ':' || *p == '.') && isdigit((unsigned char)p[1])) {
		sep = *p++;
		if (read_digits(&p, 2, m) != 2)
			return -1;
		hasmin = 1;
		if (*p == sep && isdigit((unsigned char)p[1])) {
			p++;
			if (read_digits(&p, 2, sec) != 2 || *sec > 59)
				return -1;
			if ((*p == '.' || *p == ',') &&
			    isdigit((unsigned char)p[1]))
				for (p++; isdigit((unsigned char)*p); p++)
					;
		}
	}
	while (*p == ' ')
		p++;
	if ((ap = read_ampm(&p)) != 0) {
		if (*h < 1 || *h > 12)
			return -1;
		*h = *h % 12 + (ap == 'p' ? 12 : 0);
	} else if (!hasmin || *h > 23)
		return -1;
	if (*m > 59)
		return -1;
	while (*p == ' ')
		p++;
	if (iso && (*p == 'Z' || *p == 'z')) {
		*zone = 1;
		p++;
	} else if (iso && (*p == '+' || *p == '-') &&
	    isdigit((unsigned char)p[1])) {
		p++;
		if (read_digits(&p, 2, &x) != 2)
			return -1;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && read_digits(&p, 2, &x) != 2)
			return -1;
		*zone = 1;
	}
	return *p == '\0' ? 0 : -1;
}

/*
 * A date, perhaps with a time, as spreadsheets write them: 2026-11-24,
 * 2026/11/24, 2026-11-24T19:00:00 (or a space for the T), 24/11/2026 or
 * 11/24/2026 (also with . or -) read by order ('d' day first, 'm' month
 * first, 0 not known), each with a time after a space.  *read is the
 * order the cell could only be read in ('d' or 'm'), or 0.  -1 with e
 * (no place in it) when it is no date; -2 when it is one only by an
 * order not given.
 */
int
circle_csv_when_parse(const char *s, int order, struct circle_csv_when *w,
    int *read, struct circle_err *e)
{
	struct circle_date	 d;
	const char		*p = s, *t;
	char			 sep, day[32];
	int			 a, b, c, na, nb, nc, iso = 0;

	memset(w, 0, sizeof *w);
	*read = 0;
	while (*p == ' ')
		p++;
	na = read_digits(&p, 4, &a);
	sep = *p;
	if (na == 0 || (sep != '-' && sep != '/' && sep != '.'))
		goto bad;
	p++;
	if ((nb = read_digits(&p, 2, &b)) == 0 || *p++ != sep)
		goto bad;
	if ((nc = read_digits(&p, 4, &c)) == 0)
		goto bad;
	if (na == 4) {
		if (nc > 2)
			goto bad;
		iso = sep == '-';
		d.year = a, d.month = b, d.day = c;
	} else if (na <= 2 && nc == 4) {
		if (a < 1 || b < 1)
			goto bad;
		if (order == 0 && a <= 12 && b <= 12 && a != b) {
			circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %d %s %d day "
			    "first or %s %d, %d month first; give --date-order "
			    "dmy or --date-order mdy", s, a, month_names[b - 1],
			    c, month_names[a - 1], b, c);
			return -2;
		}
		if (order == 0)
			*read = a > 12 ? 'd' : b > 12 ? 'm' : 0;
		if (order == 'd' || *read == 'd')
			d.day = a, d.month = b;
		else
			d.month = a, d.day = b;
		d.year = c;
		if (d.month > 12)
			return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not "
			    "a date %s first%s", s, order == 'd' ? "day" :
			    "month", order == 'd' ? " (--date-order dmy)" :
			    order == 'm' ? " (--date-order mdy)" : "");
	} else if (na <= 2 && nc == 2)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": give the year "
		    "in four digits (format the column as a date with a "
		    "four-digit year)", s);
	else
		goto bad;
	(void)nb;
	snprintf(day, sizeof day, "%04d-%02d-%02d", d.year, d.month, d.day);
	if (circle_date_parse(day, &d) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a day "
		    "of the calendar", s);
	snprintf(w->day, sizeof w->day, "%.10s", day);
	if (*p == '\0' || strspn(p, " ") == strlen(p))
		return 0;
	t = p;
	if (iso && (*t == 'T' || *t == 't'))
		t++;
	else if (*t == ' ' || *t == ',') {
		while (*t == ' ' || *t == ',')
			t++;
	} else
		goto bad;
	if (read_clock(t, 1, &w->h, &w->m, &w->s, &w->zone) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\": \"%s\" is not "
		    "a time of day (19:00, 19:00:00, 7pm, 7:30 pm)", s, t);
	w->has_time = 1;
	return 0;
bad:
	return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
	    "(2026-11-24, 24/11/2026 or 11/24/2026, a time after it if "
	    "need be)", s);
}

/*
 * The date (and time) in field's cell of the current row, read by the
 * file's date order: --date-order's, or the one its first cell that
 * could only be read one way showed; a later cell read the other way
 * is refused.  -1 with e placed at the cell.
 */
int
circle_csv_date(struct circle_csv_reader *r, int field,
    struct circle_csv_when *w, struct circle_err *e)
{
	const char	*v = circle_csv_get(r, field);
	size_t		 line, col;
	int		 got, rc;

	if (v == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "no date");
		return circle_csv_at(r, field, e);
	}
	rc = circle_csv_when_parse(v, r->order, w, &got, e);
	if (rc == -2 && r->order_seen != 0) {
		line = strlen(e->msg);
		snprintf(e->msg + line, sizeof e->msg - line, " (line %zu has "
		    "\"%s\", %s first)", r->order_line, r->order_cell,
		    r->order_seen == 'd' ? "day" : "month");
	}
	if (rc < 0)
		return circle_csv_at(r, field, e);
	if (got == 0 || r->order != 0)
		return 0;
	if (r->order_seen == 0) {
		(void)circle_csv_where(r, field, &line, &col);
		r->order_seen = got;
		r->order_line = line;
		snprintf(r->order_cell, sizeof r->order_cell, "%s", v);
	} else if (r->order_seen != got) {
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is %s first, but line "
		    "%zu has \"%s\", %s first; a file's dates are written one "
		    "way: give --date-order dmy or --date-order mdy", v,
		    got == 'd' ? "day" : "month", r->order_line, r->order_cell,
		    got == 'd' ? "month" : "day");
		return circle_csv_at(r, field, e);
	}
	return 0;
}

/* The time of day in field's cell (19:00, 7pm, 7:30 pm, 19.00). */
int
circle_csv_time(struct circle_csv_reader *r, int field, int *h, int *m,
    struct circle_err *e)
{
	const char	*v = circle_csv_get(r, field);
	int		 sec, zone;

	if (v != NULL && read_clock(v, 0, h, m, &sec, &zone) == 0)
		return 0;
	circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a time of day (19:00, "
	    "7pm, 7:30 pm or 19.00)", v != NULL ? v : "");
	return circle_csv_at(r, field, e);
}
