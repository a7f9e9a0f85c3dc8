/*
 * xlsxstyle.c: a workbook's styles read for which cells show a date or a
 * time (built-in formats and format codes), and a number cell's text as
 * Excel shows it: General's digits, zeros kept where a format pads, a
 * date serial as ISO text in the 1900 or the 1904 system.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

/* ---- styles: which cells show a date------------------------------------- */

/* The built-in formats that show a date or a time (ECMA-376 18.8.30). */
static enum xl_kind
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) ||
	    (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
		return XL_DATE;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 ||
	    id == 33)
		return XL_TIME;
	if (id == 22)
		return XL_DATETIME;
	return XL_NUMBER;
}

/* In a format code, the close of what opens at c, or the code's end. */
static const char *
skip_past(const char *c, char close)
{
	while (c[1] != '\0' && c[1] != close)
		c++;
	return c[1] != '\0' ? c + 1 : c;
}

/*
 * What a format code shows: a date when its first section has d, y or m
 * (month) outside quotes, brackets and escapes, a time when it has h or
 * s (m beside them is minutes), both, or a number (General, 0.00E+00);
 * "000000" pads with zeros.
 */
static enum xl_kind
code_kind(const char *c, unsigned char *pad)
{
	int	date = 0, time = 0, month = 0;
	size_t	zeros = strspn(c, "0");

	*pad = 0;
	if (c[zeros] == '\0' && zeros > 1 && zeros < 20) {
		*pad = (unsigned char)zeros;
		return XL_ZEROS;
	}
	for (; *c != '\0' && *c != ';'; c++)
		switch (*c) {
		case '"':
			c = skip_past(c, '"');
			break;
		case '[':
			/* [h]:mm elapsed time; [Red], [$-409] are not */
			if (strchr("hHmMsS", c[1]) != NULL)
				time = 1;
			c = skip_past(c, ']');
			break;
		case '\\':
		case '_':
		case '*':
			if (c[1] != '\0')
				c++;
			break;
		case 'A':
		case 'a':
			if (strncasecmp(c, "am/pm", 5) == 0)
				c += 4;
			else if (strncasecmp(c, "a/p", 3) == 0)
				c += 2;
			break;
		case 'd': case 'D': case 'y': case 'Y':
			/* not the eras (e, g, b): "General" and "0.0e+0"
			 * are no dates */
			date = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		case 'm': case 'M':
			month = 1;
			break;
		}
	if (month && !time)
		date = 1;
	if (date && time)
		return XL_DATETIME;
	return date ? XL_DATE : time ? XL_TIME : XL_NUMBER;
}

static void
on_styles_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;
	const char		*l = circle_xlsx_local_name(name), *id, *code;
	struct xl_fmt		*f;

	x->depth++;
	if (strcmp(l, "cellXfs") == 0)
		x->text = x->depth;
	else if (strcmp(l, "numFmt") == 0 && (id = circle_xlsx_attr_of(attr,
	    "numFmtId")) != NULL && (code = circle_xlsx_attr_of(attr,
	    "formatCode")) != NULL) {
		x->fmts = circle_xgrow(x->fmts, x->nfmts, sizeof *x->fmts);
		f = &x->fmts[x->nfmts++];
		f->id = strtol(id, NULL, 10);
		f->kind = (unsigned char)code_kind(code, &f->pad);
	} else if (strcmp(l, "xf") == 0 && x->text != 0 &&
	    x->depth == x->text + 1) {
		id = circle_xlsx_attr_of(attr, "numFmtId");
		x->xfid = circle_xgrow(x->xfid, x->nxf, sizeof *x->xfid);
		x->xfid[x->nxf++] = id != NULL ? strtol(id, NULL, 10) : 0;
	}
}

static void
on_styles_end(void *ud, const XML_Char *name)
{
	struct circle_xlsx	*x = ud;

	if (strcmp(circle_xlsx_local_name(name), "cellXfs") == 0)
		x->text = 0;
	x->depth--;
}

static int
fmt_cmp(const void *a, const void *b)
{
	const struct xl_fmt	*f = a, *g = b;

	return f->id < g->id ? -1 : f->id > g->id;
}

/* Each cell style's kind: its custom format's, else the built-in one's. */
int
circle_xlsx_styles_read(struct circle_xlsx *x, const char *part)
{
	struct xl_fmt	 key, *f;
	size_t		 i;
	int		 rc;

	if ((rc = circle_xlsx_part_parse(x, part, 0, on_styles_start, on_styles_end,
	    circle_xlsx_on_no_text)) == -1)
		return -1;
	/* No custom format at all: no array (qsort and bsearch take none). */
	if (x->nfmts > 0)
		qsort(x->fmts, x->nfmts, sizeof *x->fmts, fmt_cmp);
	x->xfkind = circle_xcalloc(x->nxf + 1, 1);
	x->xfpad = circle_xcalloc(x->nxf + 1, 1);
	for (i = 0; i < x->nxf; i++) {
		key.id = x->xfid[i];
		if (x->nfmts > 0 && (f = bsearch(&key, x->fmts, x->nfmts,
		    sizeof *x->fmts, fmt_cmp)) != NULL) {
			x->xfkind[i] = f->kind;
			x->xfpad[i] = f->pad;
		} else
			x->xfkind[i] = (unsigned char)builtin_kind(key.id);
	}
	return 0;
}

/* A number as Excel shows it in General: no ".0", up to 15 digits. */
static void
number_text(double d, unsigned char pad, char *out, size_t len)
{
	int	prec;

	if (d == 0)
		d = 0;		/* no "-0" */
	if (d == floor(d) && fabs(d) < 1e15) {
		if (pad > 0 && d >= 0)
			snprintf(out, len, "%0*.0f", (int)pad, d);
		else
			snprintf(out, len, "%.0f", d);
		return;
	}
	for (prec = 1; prec < 15; prec++) {
		snprintf(out, len, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			return;
	}
	snprintf(out, len, "%.15g", d);
}

/*
 * A serial number shown as a date or a time, as ISO text: YYYY-MM-DD,
 * YYYY-MM-DD HH:MM, HH:MM (":SS" when there are seconds).  The 1900 date
 * system counts 1900-01-01 as 1 and holds Lotus's 1900-02-29 (60), which
 * is written as that and read as no date; the 1904 system counts from
 * 1904-01-01 as 0.
 */
static void
serial_text(const struct circle_xlsx *x, double v, enum xl_kind kind,
    char *out, size_t len)
{
	static const struct circle_date	y1904 = { 1904, 1, 1 },
					dec31 = { 1899, 12, 31 },
					dec30 = { 1899, 12, 30 };
	struct circle_date		d;
	char				day[11], clock[32];
	long				days, secs;

	days = (long)floor(v);
	secs = lround((v - (double)days) * 86400);
	if (secs >= 86400) {
		days++;
		secs -= 86400;
	}
	if (x->date1904)
		circle_date_add(&y1904, (int)days, &d);
	else
		circle_date_add(days < 60 ? &dec31 : &dec30, (int)days, &d);
	if (!x->date1904 && days == 60)
		snprintf(day, sizeof day, "1900-02-29");
	else
		circle_date_format(&d, day);
	if (secs % 60 != 0)
		snprintf(clock, sizeof clock, "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(clock, sizeof clock, "%02ld:%02ld", secs / 3600,
		    secs / 60 % 60);
	if (kind == XL_DATE)
		snprintf(out, len, "%s", day);
	else if (kind == XL_TIME)
		snprintf(out, len, "%s", clock);
	else
		snprintf(out, len, "%s %s", day, clock);
}

/* A number cell's text: a date when its style shows one. */
char *
circle_xlsx_number_cell(const struct circle_xlsx *x, const char *v)
{
	enum xl_kind	 kind = XL_NUMBER;
	unsigned char	 pad = 0;
	char		 out[64], *end;
	double		 d;

	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || !isfinite(d))
		return circle_xstrdup(v);
	if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf) {
		kind = x->xfkind[x->cstyle];
		pad = x->xfpad[x->cstyle];
	}
	if (kind != XL_NUMBER && kind != XL_ZEROS && d >= 0 &&
	    d < XL_LAST_SERIAL + 1)
		serial_text(x, d, kind, out, sizeof out);
	else
		number_text(d, kind == XL_ZEROS ? pad : 0, out, sizeof out);
	return circle_xstrdup(out);
}

/* A t="d" cell's ISO text: "2026-11-24T19:00:00" as 2026-11-24 19:00. */
char *
circle_xlsx_iso_cell(const char *v)
{
	char	*s = circle_xstrdup(v), *t;

	if ((t = strchr(s, 'T')) != NULL) {
		*t = ' ';
		if (strcmp(t, " 00:00:00") == 0)
			*t = '\0';
		else if (strlen(t) >= 9 && strcmp(t + 6, ":00") == 0)
			t[6] = '\0';
	}
	return s;
}
