/*
 * csvtext.c: the bytes of a CSV file made UTF-8 text, for csvio.c's
 * reader: a BOM dropped, UTF-16 (by its BOM, or by the NULs of an ASCII
 * header) or an --encoding converted with iconv, lines ending in a lone CR
 * (old Macs) read as lines; a workbook given in place of a CSV is named,
 * with how to save it as CSV, and so are Excel's XML Spreadsheet 2003 and
 * a web page saved as an "Excel" export; what a file is, by its first
 * bytes (circle_csv_kind), for xlsxread.c too.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "csvtext.h"

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
		 * something other than begin a CRLF, or a CR CRLF (a CRLF
		 * file a program made CRLF again). */
		for (i = 0; i < n && s->cr == -1; i++)
			if (buf[i] == '\n')
				s->cr = 0;
			else if (buf[i] == '\r' && (i + 1 < n ?
			    buf[i + 1] != '\n' && (buf[i + 1] != '\r' ||
			    i + 2 >= n || buf[i + 2] != '\n') :
			    raw_done(s) && s->nin == 0))
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

/* XML's whitespace: space, tab, CR, LF (and what may end a tag's name). */
static int
xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Whether h[0..n) begins with the tag name given (ASCII, in any case), the
 * name ended as XML ends one: by whitespace, '>' or '/'.  Words after it
 * ("<!doctype html") may be parted by any whitespace.
 */
static int
tag_at(const unsigned char *h, size_t n, const char *tag)
{
	size_t	k = 0;

	for (; *tag != '\0'; tag++) {
		if (*tag == ' ') {
			if (k == n || !xml_space(h[k]))
				return 0;
			while (k < n && xml_space(h[k]))
				k++;
			continue;
		}
		if (k == n || tolower(h[k]) != *tag)
			return 0;
		k++;
	}
	return k < n && (xml_space(h[k]) || h[k] == '>' || h[k] == '/');
}

/* Whether h[0..n) holds the tag given anywhere, by tag_at's rule. */
static int
tag_in(const unsigned char *h, size_t n, const char *tag)
{
	const unsigned char	*p = h, *end = h + n;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (tag_at(p, (size_t)(end - p), tag))
			return 1;
		p++;
	}
	return 0;
}

/*
 * What a file of markup is, from its first bytes: a flat OpenDocument
 * file (its root office:document), Excel's XML Spreadsheet 2003 (its root
 * Workbook in Excel's namespace), a web page; else text.
 */
static enum circle_file_kind
markup_kind(const unsigned char *h, size_t n)
{
	static const char *const pages[] = { "<html", "<!doctype html",
	    "<table" };
	size_t	k = 0, i;

	if (n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	while (k < n && isspace(h[k]))
		k++;
	if (k == n || h[k] != '<')
		return CIRCLE_FILE_TEXT;
	if (tag_in(h, n, "<office:document"))
		return CIRCLE_FILE_FODS;
	if (memmem(h, n, "urn:schemas-microsoft-com:office:spreadsheet",
	    44) != NULL)
		return CIRCLE_FILE_XML2003;
	for (i = 0; i < sizeof pages / sizeof pages[0]; i++)
		if (tag_at(h + k, n - k, pages[i]))
			return CIRCLE_FILE_HTML;
	return CIRCLE_FILE_TEXT;
}

/* What a file is, from its first bytes. */
enum circle_file_kind
circle_csv_kind(const unsigned char *h, size_t n)
{
	if (n >= 8 && memcmp(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return CIRCLE_FILE_XLS;
	if (n < 4 || memcmp(h, "PK\x03\x04", 4) != 0)
		return markup_kind(h, n);
	if (memmem(h, n, "opendocument.spreadsheet", 24) != NULL ||
	    memmem(h, n, "content.xml", 11) != NULL)
		return CIRCLE_FILE_ODS;
	if (memmem(h, n, "xl/", 3) != NULL ||
	    memmem(h, n, "[Content_Types].xml", 19) != NULL)
		return CIRCLE_FILE_XLSX;
	if (memmem(h, n, "Index/", 6) != NULL)
		return CIRCLE_FILE_NUMBERS;
	return CIRCLE_FILE_ZIP;
}

/* Do the first bytes h[0..n) begin an iCalendar file? */
static int
is_calendar(const unsigned char *h, size_t n)
{
	size_t	k = 0;

	if (n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	while (k < n && isspace(h[k]))
		k++;
	return n - k >= 15 && strncasecmp((const char *)h + k,
	    "BEGIN:VCALENDAR", 15) == 0;
}

/*
 * An iCalendar file given where a table of rows is read (a roster, a
 * sign-in sheet, a form's answers): -1 with e saying where it goes, else 0.
 */
int
circle_csv_not_calendar(const unsigned char *h, size_t n, const char *name,
    struct circle_err *e)
{
	if (!is_calendar(h, n))
		return 0;
	return circle_err_set(e, CIRCLE_EDATA, "%s: an iCalendar file (.ics), "
	    "not a table of rows; a calendar's meetings go in with 'circle "
	    "session import --group G %s'", name, name);
}

/* How to make a CSV file (or a workbook circle reads) of a file that is not. */
static const char resave_fix[] = "; open it in Excel and save it as "
    "\"Excel Workbook (*.xlsx)\" (File > Save As), or in LibreOffice Calc as "
    "\"Excel 2007-365 (.xlsx)\" or \"ODF Spreadsheet (.ods)\", and import "
    "that; or save it as CSV: in Excel File > Save As > \"CSV UTF-8 (Comma "
    "delimited)\"";
static const char csv_fix[] = "; open it and save it as CSV: in Excel File "
    "> Save As > \"CSV UTF-8 (Comma delimited)\", in LibreOffice Calc File > "
    "Save As > \"Text CSV\" with the character set \"Unicode (UTF-8)\"";

/*
 * What a file that is no CSV is, by its kind (circle_csv_kind): what it is
 * (also where a YAML file is read, circle_file_not_yaml), what that is to
 * a reader of CSV, and the advice after it: an old format is saved again
 * as a workbook, a workbook as CSV; a Numbers document's advice is in
 * what it is to CSV.
 */
static const struct not_csv {
	enum circle_file_kind	 kind;
	const char		*what;
	const char		*to_csv;
	const char		*fix;
} not_csvs[] = {
	{ CIRCLE_FILE_XLS, "an Excel 97-2003 workbook (.xls)", ", an old "
	    "format circle does not read", resave_fix },
	{ CIRCLE_FILE_ODS, "an OpenDocument spreadsheet (.ods)", ", not a CSV "
	    "file", csv_fix },
	{ CIRCLE_FILE_XLSX, "an Excel workbook (.xlsx)", ", not a CSV file",
	    csv_fix },
	{ CIRCLE_FILE_FODS, "a flat OpenDocument spreadsheet (.fods)", ", not "
	    "a CSV file", csv_fix },
	{ CIRCLE_FILE_XML2003, "an Excel \"XML Spreadsheet 2003\" file",
	    ", an old format circle does not read", resave_fix },
	{ CIRCLE_FILE_HTML, "a web page (HTML)", ", as some web apps save an "
	    "\"Excel\" export, not a CSV file or a workbook", resave_fix },
	{ CIRCLE_FILE_NUMBERS, "a Numbers document", ", which circle does not "
	    "read; in Numbers choose File > Export To > Excel (an .xlsx), or "
	    "File > Export To > CSV with the text encoding \"Unicode "
	    "(UTF-8)\"", "" },
	{ CIRCLE_FILE_ZIP, "a zip archive", ", not a CSV file", csv_fix },
};

/* What a file that is no CSV is, from its first bytes; NULL for a CSV. */
static const struct not_csv *
not_csv(const unsigned char *h, size_t n)
{
	enum circle_file_kind	kind = circle_csv_kind(h, n);
	size_t			i;

	for (i = 0; i < sizeof not_csvs / sizeof not_csvs[0]; i++)
		if (not_csvs[i].kind == kind)
			return &not_csvs[i];
	return NULL;
}

/*
 * Does text h[0..n) begin as a CSV file does: a first line (a comment,
 * a list item, a flow collection, a quoted value or another of YAML's
 * indicators aside) with no colon and a comma, semicolon or tab between
 * its fields?  No YAML file circle reads begins so: that is a plain value,
 * never a mapping or a list.
 */
static int
csv_like(const unsigned char *h, size_t n)
{
	size_t	k = 0, seps = 0;

	if (n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0)
		k = 3;
	while (k < n && isspace(h[k]))
		k++;
	if (k == n || strchr("#-[{%\"'|>!&*?", h[k]) != NULL)
		return 0;
	for (; k < n && h[k] != '\n' && h[k] != '\r'; k++) {
		if (h[k] == ':')
			return 0;
		if (h[k] == ',' || h[k] == ';' || h[k] == '\t')
			seps++;
	}
	return seps > 0;
}

/*
 * A file given where a YAML file is read (a group, a survey, a roster):
 * -1 with e saying what the file is (a workbook, a calendar, a CSV file;
 * by its first bytes h[0..n)) and what the command reads (want, as "a
 * group file: ..."; NULL: a YAML file), else 0.
 */
int
circle_file_not_yaml(const unsigned char *h, size_t n, const char *name,
    const char *want, struct circle_err *e)
{
	const struct not_csv	*what;
	const char		*is;

	if (want == NULL)
		want = "a YAML file";
	if (is_calendar(h, n))
		return circle_err_set(e, CIRCLE_EDATA, "%s: an iCalendar file "
		    "(.ics), not %s; a calendar's meetings go in with 'circle "
		    "session import --group G %s'", name, want, name);
	if ((what = not_csv(h, n)) != NULL)
		is = what->what;
	else if (csv_like(h, n))
		is = "a CSV file (or other table of rows)";
	else
		return 0;
	return circle_err_set(e, CIRCLE_EDATA, "%s: %s, not %s", name, is,
	    want);
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
 * The encoding a byte order mark at the start of h[0..n) says (UTF-8,
 * UTF-16LE, UTF-16BE) and its length in *skip; NULL when h has none.
 * Every file circle reads is told by this one rule (CSV, iCalendar).
 */
const char *
circle_text_bom(const unsigned char *h, size_t n, size_t *skip)
{
	*skip = 0;
	if (n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0) {
		*skip = 3;
		return "UTF-8";
	}
	if (n >= 2 && h[0] == 0xff && h[1] == 0xfe) {
		*skip = 2;
		return "UTF-16LE";
	}
	if (n >= 2 && h[0] == 0xfe && h[1] == 0xff) {
		*skip = 2;
		return "UTF-16BE";
	}
	return NULL;
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
	const char		*bom;
	char			 f[64];
	size_t			 skip;

	/* No mark: the NULs of UTF-16 around ASCII, unless told. */
	bom = circle_text_bom(h, s->nhead, &skip);
	if (bom == NULL && encoding == NULL && s->nhead >= 4 && h[0] != 0 &&
	    h[0] < 0x80 && h[1] == 0 && h[2] != 0 && h[2] < 0x80 && h[3] == 0)
		bom = "UTF-16LE";
	else if (bom == NULL && encoding == NULL && s->nhead >= 4 &&
	    h[0] == 0 && h[1] != 0 && h[1] < 0x80 && h[2] == 0 && h[3] != 0 &&
	    h[3] < 0x80)
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

/*
 * The word around the byte v[bad] that is not UTF-8, as each encoding
 * Excel saves a plain CSV in would read it, for the user to pick the one
 * that reads right: "; "Zoë" as windows-1252 (Excel's ...), ...".  An
 * encoding with no character for one of its bytes is left out; out is
 * "" when every one is.
 */
void
circle_csv_readings(const char *v, size_t bad, char *out, size_t len)
{
	static const struct {
		const char	*enc;
		const char	*saved;
	} encs[] = {
		{ "windows-1252", "Excel's \"CSV (Comma delimited)\" on "
		    "Windows" },
		{ "macintosh", "Excel's \"CSV (Macintosh)\"" },
		{ "cp850", "Excel's \"CSV (MS-DOS)\"" }
	};
	char	 word[48], text[160], *ip, *op;
	size_t	 start = bad, end = bad, il, ol, n, i, k = 0;
	iconv_t	 cd;

	out[0] = '\0';
	while (start > 0 && v[start - 1] != ' ' && bad - start < 20)
		start--;
	while (v[end] != '\0' && v[end] != ' ' && end - bad < 20)
		end++;
	n = end - start;
	memcpy(word, v + start, n);
	word[n] = '\0';
	for (i = 0; i < sizeof encs / sizeof encs[0]; i++) {
		if ((cd = iconv_open("UTF-8", encs[i].enc)) == (iconv_t)-1)
			continue;
		ip = word;
		il = n;
		op = text;
		ol = sizeof text - 1;
		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && k + 1 < len) {
			*op = '\0';
			k += (size_t)snprintf(out + k, len - k, "%s\"%s\" as %s "
			    "(%s)", k == 0 ? ": " : ", ", text, encs[i].enc,
			    encs[i].saved);
			if (k >= len)
				k = len - 1;
		}
		iconv_close(cd);
	}
}

/* A source reading fp, its first bytes read (to tell what it is), or NULL. */
static struct source *
source_start(FILE *fp, const char *name, struct circle_err *e)
{
	struct source	*s;

	s = circle_xcalloc(1, sizeof *s);
	s->raw = fp;
	s->own = fp != stdin;
	s->cd = (iconv_t)-1;
	s->cr = -1;
	s->nhead = fread(s->head, 1, sizeof s->head, fp);
	if (ferror(fp)) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
		source_close(s);
		return NULL;
	}
	if (s->nhead < sizeof s->head)
		s->eof = 1;
	return s;
}

/* A started source as UTF-8 text, or NULL (s is closed then). */
static FILE *
source_text(struct source *s, const char *name, const char *encoding,
    struct source **sp, struct circle_err *e)
{
	static const cookie_io_functions_t io = { source_read, NULL, NULL,
	    source_close };
	const struct not_csv	*what;
	FILE			*fp;

	if ((what = not_csv(s->head, s->nhead)) != NULL) {
		circle_err_set(e, CIRCLE_EDATA, "%s: %s%s%s", name,
		    what->what, what->to_csv, what->fix);
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

/* The file at path ("-": stdin) as UTF-8 text, or NULL. */
FILE *
circle_csv_source_open(const char *path, const char *name, const char *encoding,
    struct source **sp, struct circle_err *e)
{
	struct source	*s;
	FILE		*fp;

	*sp = NULL;
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL) {
		circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL : CIRCLE_EIO,
		    "%s: %s", name, strerror(errno));
		return NULL;
	}
	if ((s = source_start(fp, name, e)) == NULL)
		return NULL;
	return source_text(s, name, encoding, sp, e);
}

/*
 * The rest of a stream read whole, after the nhead bytes of head already
 * read from it: 0 with the bytes in *buf (*len of them, NUL-terminated,
 * the caller's to free), or -1 on a read error (errno) with nothing in
 * *buf.  Reading stops once over max bytes, so *len > max says the stream
 * holds more than max: each caller says what that means for its file.
 */
int
circle_read_whole(FILE *fp, const void *head, size_t nhead, size_t max,
    char **buf, size_t *len)
{
	char	*b;
	size_t	 n = nhead, cap = 4 * HEAD, got;
	int	 saved;

	*buf = NULL;
	*len = 0;
	while (cap < nhead)
		cap *= 2;
	b = circle_xmalloc(cap + 1);
	if (nhead > 0)
		memcpy(b, head, nhead);
	while (n <= max && (got = fread(b + n, 1, cap - n, fp)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			b = circle_xrealloc(b, cap + 1);
		}
	}
	if (ferror(fp)) {
		saved = errno;
		free(b);
		errno = saved;
		return -1;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

/*
 * Standard input, which a workbook may come on as a CSV file does: 1 with
 * its bytes whole in *buf (*len, the caller's to free) when its first
 * bytes are a workbook's zip (at most max bytes, as no file on disk is
 * there for the zip reader to seek in); else 0 with it as text in *fp, as
 * circle_csv_source_open gives it; -1 with e.
 */
int
circle_csv_stdin_open(const char *name, const char *encoding, size_t max,
    struct source **sp, FILE **fp, char **buf, size_t *len,
    struct circle_err *e)
{
	struct source	*s;
	int		 kind;

	*sp = NULL;
	*fp = NULL;
	*buf = NULL;
	*len = 0;
	if ((s = source_start(stdin, name, e)) == NULL)
		return -1;
	if (circle_csv_not_calendar(s->head, s->nhead, name, e) == -1)
		goto fail;
	kind = circle_csv_kind(s->head, s->nhead);
	if (kind != CIRCLE_FILE_XLSX && kind != CIRCLE_FILE_ODS &&
	    kind != CIRCLE_FILE_FODS)
		return (*fp = source_text(s, name, encoding, sp, e)) == NULL ?
		    -1 : 0;
	if (circle_read_whole(stdin, s->head, s->nhead, max, buf, len) == -1) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
		goto fail;
	}
	if (*len > max) {
		circle_err_set(e, CIRCLE_EDATA, "%s: a workbook of over "
		    "%zu MiB on standard input: more than a workbook to "
		    "import holds; nothing read", name, max / (1024 * 1024));
		free(*buf);
		*buf = NULL;
		*len = 0;
		goto fail;
	}
	source_close(s);
	return 1;
fail:
	source_close(s);
	return -1;
}

/* v's characters as the bytes Windows-1252 writes them, in out (len
 * bytes): 1 when each has one. */
static int
cp1252_bytes(const char *v, char *out, size_t len)
{
	const unsigned char	*u = (const unsigned char *)v;
	size_t			 n = strlen(v), i, l, k = 0;
	unsigned int		 cp;
	int			 b;

	for (i = 0; i < n; i += l) {
		if ((l = circle_utf8_decode(u + i, n - i, &cp)) == 0 ||
		    (b = circle_cp1252_byte(cp, 0)) == -1 || k + 1 >= len)
			return 0;
		out[k++] = (char)b;
	}
	out[k] = '\0';
	return 1;
}

/* The same as Mac Roman writes them (iconv's MACINTOSH). */
static int
mac_bytes(const char *v, char *out, size_t len)
{
	iconv_t	 cd;
	char	*ip = (char *)(uintptr_t)v, *op = out;
	size_t	 il = strlen(v), ol = len - 1, rc;

	if ((cd = iconv_open("MACINTOSH", "UTF-8")) == (iconv_t)-1)
		return 0;
	rc = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (rc == (size_t)-1 || il != 0)
		return 0;
	*op = '\0';
	return 1;
}

/*
 * Whether the bytes out are UTF-8 with a character beyond ASCII that a
 * name or a note has: a letter of a Latin, Greek or Cyrillic alphabet,
 * punctuation, a currency sign (not a control, an IPA symbol or an
 * accent alone, as "JOSÉ’S" would make).  With latin, only Latin-1's
 * and Latin Extended-A's letters, punctuation, "€" and "™": Mac Roman's
 * bytes of correct text ("«Ça", "–école") make other letters.
 */
static int
meant_text(const char *out, int latin)
{
	const unsigned char	*u = (const unsigned char *)out;
	size_t			 k = strlen(out), i, l, bad;
	unsigned int		 cp;
	int			 high = 0;

	if (!circle_utf8_valid(out, k, &bad))
		return 0;
	for (i = 0; i < k; i += l) {
		if ((l = circle_utf8_decode(u + i, k - i, &cp)) == 0)
			return 0;
		high |= cp >= 0x80;
		if ((cp >= 0x80 && cp < 0xA0) || (cp >= 0x250 && cp < 0x370))
			return 0;
		if (latin && cp >= 0x180 && !(cp >= 0x2010 && cp <= 0x203a) &&
		    cp != 0x20ac && cp != 0x2122)
			return 0;
	}
	return high;
}

/*
 * Whether v is UTF-8 text written as UTF-8 again: each character is the
 * byte it was read as, and those bytes are UTF-8 that a name or a note
 * has (meant_text).  A UTF-8 file opened in Excel on Windows as
 * Windows-1252 and saved is so ("RenÃ©" for "René", "â€™" for "'"); one
 * opened in Excel for Mac as Mac Roman, its plain CSV's encoding, too
 * ("Ren√©", "‚Äô").  The text meant is put in out, len bytes.
 * CIRCLE_TWICE_1252 or CIRCLE_TWICE_MAC when it is, else 0.
 */
int
circle_text_twice(const char *v, char *out, size_t len)
{
	if (len == 0)
		return 0;
	if (cp1252_bytes(v, out, len) && meant_text(out, 0))
		return CIRCLE_TWICE_1252;
	if (mac_bytes(v, out, len) && meant_text(out, 1))
		return CIRCLE_TWICE_MAC;
	return 0;
}

/*
 * Whether the cell v is UTF-8 written twice (circle_text_twice), by its
 * first word that is not ASCII: then that word in v, e saying what it is,
 * read so from a file given --encoding (s converts it), or saved so by
 * Excel; else NULL.
 */
const char *
circle_text_twice_said(const struct source *s, const char *v,
    struct circle_err *e)
{
	char		 word[64], meant[64];
	const char	*p;
	size_t		 n;
	int		 twice;

	for (p = v; *p != '\0' && (unsigned char)*p < 0x80; p++)
		;
	if (*p == '\0')
		return NULL;
	while (p > v && p[-1] != ' ' && p[-1] != '\n')
		p--;
	n = strcspn(p, " \n");
	if (n >= sizeof word)
		n = sizeof word - 1;
	while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
		n--;
	memcpy(word, p, n);
	word[n] = '\0';
	if ((twice = circle_text_twice(word, meant, sizeof meant)) == 0)
		return NULL;
	if (s != NULL && s->cd != (iconv_t)-1 &&
	    strncasecmp(s->from, "UTF-16", 6) != 0)
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is \"%s\" in UTF-8 "
		    "read as %s: the file is UTF-8; leave out --encoding", word,
		    meant, s->from);
	else if (twice == CIRCLE_TWICE_MAC)
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is \"%s\" saved "
		    "twice over, as a UTF-8 file opened in Excel for Mac as Mac "
		    "Roman and saved again has it; open the file it came from "
		    "with File > Import, File origin \"Unicode (UTF-8)\", or "
		    "correct the cells, and save it again", word, meant);
	else
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is \"%s\" saved "
		    "twice over, as a UTF-8 file opened in Excel as "
		    "Windows-1252 and saved again has it; open the file it came "
		    "from in Excel with Data > From Text/CSV, File Origin "
		    "\"65001: Unicode (UTF-8)\", or correct the cells, and save "
		    "it again", word, meant);
	return p;
}
