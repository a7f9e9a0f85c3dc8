/*
 * xlsxzip.c: a workbook's zip and XML, for xlsxread.c and odsread.c: its
 * parts opened through libzip and parsed by expat, each capped by the
 * bytes read from it, no DTD taken; and the small pieces both readers'
 * handlers share.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <zip.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

/* ---- small pieces-------------------------------------------------------- */

/* An element's or attribute's name without its namespace. */
const char *
circle_xlsx_local_name(const char *name)
{
	const char	*bar = strrchr(name, '|');

	return bar != NULL ? bar + 1 : name;
}

const char *
circle_xlsx_attr_of(const char **attr, const char *want)
{
	for (; attr[0] != NULL; attr += 2)
		if (strcmp(circle_xlsx_local_name(attr[0]), want) == 0)
			return attr[1];
	return NULL;
}

void
circle_xlsx_buf_add(struct xl_buf *b, const char *s, size_t n)
{
	if (b->over || b->n + n > CIRCLE_CSV_MAX_FIELD) {
		b->over = 1;
		return;
	}
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = circle_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

void
circle_xlsx_buf_clear(struct xl_buf *b)
{
	b->n = 0;
	b->over = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

/* A handler's error: the parse stops, e says why. */
void
circle_xlsx_fail(struct circle_xlsx *x)
{
	x->failed = 1;
	XML_StopParser(x->p, XML_FALSE);
}

/* Where a part's line is, in a message: "PART:", none for a flat file. */
static const char *
part_where(const struct circle_xlsx *x, char *buf, size_t len)
{
	if (x->za == NULL)
		return "";
	snprintf(buf, len, " %s:", x->part);
	return buf;
}

static void
on_doctype(void *ud, const XML_Char *name, const XML_Char *sys,
    const XML_Char *pub, int internal)
{
	struct circle_xlsx	*x = ud;
	char			 where[300];

	(void)name, (void)sys, (void)pub, (void)internal;
	circle_err_set(x->e, CIRCLE_EDATA, "%s:%s%lu: a DOCTYPE, which no "
	    "workbook has (entities are not read): not a workbook %s "
	    "wrote; open it in %s and save it again", x->name,
	    part_where(x, where, sizeof where),
	    (unsigned long)XML_GetCurrentLineNumber(x->p), x->app, x->app);
	circle_xlsx_fail(x);
}

/* ---- the zip------------------------------------------------------------- */

static int
zip_fail(struct circle_xlsx *x, const char *part, zip_error_t *ze)
{
	if (zip_error_code_zip(ze) == ZIP_ER_NOPASSWD ||
	    zip_error_code_zip(ze) == ZIP_ER_WRONGPASSWD ||
	    zip_error_code_zip(ze) == ZIP_ER_ENCRNOTSUPP)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: %s is "
		    "encrypted: remove the password, or save the workbook as "
		    "CSV", x->name, part);
	return circle_err_set(x->e, CIRCLE_EDATA, "%s: %s cannot be read (%s): "
	    "a damaged workbook; open it in %s and save it again, or save "
	    "it as CSV", x->name, part, zip_error_strerror(ze), x->app);
}

/*
 * A part of the zip opened, or NULL: *missing when it is not there.  A
 * flat file is its one part, content.xml (odsread.c's), and has no other.
 */
struct xl_part *
circle_xlsx_part_open(struct circle_xlsx *x, const char *part, int *missing)
{
	struct xl_part	*xp;
	zip_int64_t	 i;
	zip_file_t	*zf;

	*missing = 0;
	if (x->za == NULL) {
		if (x->flat == NULL || strcmp(part, "content.xml") != 0) {
			*missing = 1;
			return NULL;
		}
		xp = circle_xcalloc(1, sizeof *xp);
		xp->mem = x->flat;
		xp->len = x->flatlen;
		return xp;
	}
	if ((i = zip_name_locate(x->za, part, 0)) < 0 &&
	    (i = zip_name_locate(x->za, part, ZIP_FL_NOCASE)) < 0) {
		*missing = 1;
		return NULL;
	}
	if ((zf = zip_fopen_index(x->za, (zip_uint64_t)i, 0)) == NULL) {
		zip_fail(x, part, zip_get_error(x->za));
		return NULL;
	}
	xp = circle_xcalloc(1, sizeof *xp);
	xp->zf = zf;
	return xp;
}

void
circle_xlsx_part_close(struct xl_part *xp)
{
	if (xp == NULL)
		return;
	if (xp->zf != NULL)
		zip_fclose(xp->zf);
	free(xp);
}

/* The next bytes of a part into buf: how many, or -1 (e set). */
static zip_int64_t
part_read(struct circle_xlsx *x, struct xl_part *xp, char *buf, size_t len)
{
	zip_int64_t	n;

	if (xp->zf == NULL) {
		n = (zip_int64_t)(xp->len - xp->off < len ? xp->len - xp->off :
		    len);
		memcpy(buf, xp->mem + xp->off, (size_t)n);
		xp->off += (size_t)n;
		return n;
	}
	if ((n = zip_fread(xp->zf, buf, len)) < 0)
		return zip_fail(x, x->part, zip_file_get_error(xp->zf));
	return n;
}

/*
 * The next chunk of an open part fed to x->p: 1 while there is more, 0
 * at its end, -1 on an error (a part over XL_MAX_PART bytes, whatever its
 * zip entry claims, is one).
 */
int
circle_xlsx_part_feed(struct circle_xlsx *x, struct xl_part *xp,
    size_t *bytes)
{
	char		 chunk[XL_CHUNK], where[300];
	zip_int64_t	 n;
	int		 last;

	if ((n = part_read(x, xp, chunk, sizeof chunk)) < 0)
		return -1;
	*bytes += (size_t)n;
	if (*bytes > XL_MAX_PART)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: %s is over %d "
		    "MiB unpacked: more than a workbook to import holds (a zip "
		    "bomb?); nothing read", x->name, x->part,
		    XL_MAX_PART / (1024 * 1024));
	last = n == 0;
	if (XML_Parse(x->p, chunk, (int)n, last) == XML_STATUS_ERROR) {
		if (x->failed)
			return -1;
		if (x->stop)
			return 0;
		return circle_err_set(x->e, CIRCLE_EDATA, "%s:%s%lu:%lu: bad "
		    "XML (%s): a damaged %s; open it in %s and save it again",
		    x->name, part_where(x, where, sizeof where),
		    (unsigned long)XML_GetCurrentLineNumber(x->p),
		    (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1,
		    XML_ErrorString(XML_GetErrorCode(x->p)), x->ods ?
		    "spreadsheet" : "workbook", x->app);
	}
	if (x->stop)
		return 0;
	return last ? 0 : 1;
}

/*
 * A flat file (.fods) read whole, to be read as an .ods's content.xml;
 * one over XL_MAX_PART bytes, the cap on any part, is refused unread.
 */
int
circle_xlsx_flat_load(struct circle_xlsx *x, const char *path)
{
	FILE	*fp;
	int	 rc;

	if ((fp = fopen(path, "r")) == NULL)
		return circle_err_set(x->e, CIRCLE_EIO, "%s: %s", x->name,
		    strerror(errno));
	rc = circle_read_whole(fp, NULL, 0, XL_MAX_PART, &x->flat,
	    &x->flatlen);
	if (rc == -1)
		circle_err_set(x->e, CIRCLE_EIO, "%s: %s", x->name,
		    strerror(errno));
	fclose(fp);
	if (rc == -1)
		return -1;
	if (x->flatlen > XL_MAX_PART)
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: a flat "
		    "spreadsheet of over %d MiB: more than a spreadsheet to "
		    "import holds; nothing read", x->name,
		    XL_MAX_PART / (1024 * 1024));
	return 0;
}

/*
 * A new parser for part, with the handlers given; no DTD is read.  Its
 * memory is lib's (circle_xmalloc: running out ends the program there).
 */
int
circle_xlsx_parser_start(struct circle_xlsx *x, const char *part, XML_StartElementHandler
    start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	static const XML_Memory_Handling_Suite mem = { circle_xmalloc,
	    circle_xrealloc, free };

	if (x->p != NULL)
		XML_ParserFree(x->p);
	if ((x->p = XML_ParserCreate_MM("UTF-8", &mem, "|")) == NULL)
		return circle_err_set(x->e, CIRCLE_EIO, "%s: %s: the XML "
		    "reader cannot start", x->name, part);
	XML_SetUserData(x->p, x);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, text);
	x->part = part;
	x->failed = x->stop = 0;
	x->depth = x->text = x->rph = 0;
	circle_xlsx_buf_clear(&x->buf);
	return 0;
}

/*
 * A whole part parsed with the handlers given: 0, or -1.  A part that is
 * not there is 1 when optional, else an error.
 */
int
circle_xlsx_part_parse(struct circle_xlsx *x, const char *part, int optional,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text)
{
	struct xl_part	*xp;
	size_t		 bytes = 0;
	int		 missing, rc;

	if ((xp = circle_xlsx_part_open(x, part, &missing)) == NULL) {
		if (!missing)
			return -1;
		if (optional)
			return 1;
		return circle_err_set(x->e, CIRCLE_EDATA, "%s: no %s in it: a "
		    "damaged workbook; open it in %s and save it again, or "
		    "save it as CSV", x->name, part, x->app);
	}
	if (circle_xlsx_parser_start(x, part, start, end, text) == -1) {
		circle_xlsx_part_close(xp);
		return -1;
	}
	while ((rc = circle_xlsx_part_feed(x, xp, &bytes)) == 1)
		;
	circle_xlsx_part_close(xp);
	return rc;
}
