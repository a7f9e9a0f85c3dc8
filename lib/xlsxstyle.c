/*
 * xlsxstyle.c: a workbook's styles read for which cells show a date or a
 * time (built-in formats and format codes), and a number cell's text as
 * Excel shows it and writes it to a CSV: General's digits, a format's
 * zeros, decimals, percent sign, currency and other text, a date serial
 * as ISO text in the 1900 or the 1904 system; except where Excel's text
 * would lose a number's digits for an import (thousands separators,
 * scientific notation: a phone number typed as a number).
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

/*
 * The built-in number formats' codes (ECMA-376 18.8.30) that show a
 * number other than General does; a currency's (5-8, 41-44) is the
 * locale's, and written in the workbook's styles when used.
 */
static const char *
builtin_code(long id)
{
	static const struct {
		long		 id;
		const char	*code;
	} codes[] = {
		{ 1, "0" }, { 2, "0.00" }, { 3, "#,##0" }, { 4, "#,##0.00" },
		{ 9, "0%" }, { 10, "0.00%" }, { 11, "0.00E+00" },
		{ 12, "# ?/?" }, { 13, "# ?\?/?\?" }, { 37, "#,##0 ;(#,##0)" },
		{ 38, "#,##0 ;[Red](#,##0)" }, { 39, "#,##0.00;(#,##0.00)" },
		{ 40, "#,##0.00;[Red](#,##0.00)" }, { 48, "##0.0E+0" },
		{ 49, "@" }
	};
	size_t	i;

	for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i].id == id)
			return codes[i].code;
	return NULL;
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
 * s (m beside them is minutes), both, or a number (General, 0.00E+00).
 */
static enum xl_kind
code_kind(const char *c)
{
	int	date = 0, time = 0, month = 0;

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
		f->kind = (unsigned char)code_kind(code);
		f->code = circle_xstrdup(code);
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
	x->xfcode = circle_xcalloc(x->nxf + 1, sizeof *x->xfcode);
	for (i = 0; i < x->nxf; i++) {
		key.id = x->xfid[i];
		if (x->nfmts > 0 && (f = bsearch(&key, x->fmts, x->nfmts,
		    sizeof *x->fmts, fmt_cmp)) != NULL) {
			x->xfkind[i] = f->kind;
			x->xfcode[i] = f->code;
		} else {
			x->xfkind[i] = (unsigned char)builtin_kind(key.id);
			x->xfcode[i] = builtin_code(key.id);
		}
	}
	return 0;
}

/* A number as Excel shows it in General: no ".0", up to 15 digits. */
void
circle_xlsx_general(double d, char *out, size_t len)
{
	int	prec;

	if (d == 0)
		d = 0;		/* no "-0" */
	if (d == floor(d) && fabs(d) < 1e15) {
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

/* Text being written, up to a cap (what is past it is cut). */
struct shown {
	char	*s;
	size_t	 n;
	size_t	 len;
};

static void
shown_add(struct shown *o, const char *s, size_t n)
{
	for (; n > 0 && o->n + 1 < o->len; n--)
		o->s[o->n++] = *s++;
	o->s[o->n] = '\0';
}

/*
 * A section's [condition], "[<=9999999]": whether d meets it; -1 when c
 * holds none.
 */
static int
section_meets(const char *c, double d)
{
	char	*end;
	double	 v;
	int	 op;

	if (c[0] != '[' || strchr("<>=", c[1]) == NULL)
		return -1;
	c++;
	op = c[0] == '<' && c[1] == '=' ? 'l' : c[0] == '>' && c[1] == '=' ?
	    'g' : c[0] == '<' && c[1] == '>' ? 'n' : c[0];
	c += strchr("lgn", op) != NULL ? 2 : 1;
	v = strtod(c, &end);
	if (end == c || *end != ']')
		return -1;
	switch (op) {
	case '<': return d < v;
	case '>': return d > v;
	case '=': return d == v;
	case 'l': return d <= v;
	case 'g': return d >= v;
	default: return d != v;
	}
}

/*
 * The section of code that shows d, [start, end): by the sections'
 * conditions when they have them, else the first for a positive number,
 * the second (the sign its own) for a negative one, the third for zero.
 * *sign: the minus sign is to be written.
 */
static const char *
section_pick(const char *code, double d, const char **end, int *sign)
{
	const char	*sec[4], *c;
	size_t		 n = 1, i;

	sec[0] = code;
	for (c = code; *c != '\0'; c++) {
		if (*c == '"')
			c = skip_past(c, '"');
		else if (*c == '[')
			c = skip_past(c, ']');
		else if ((*c == '\\' || *c == '_' || *c == '*') && c[1] != '\0')
			c++;
		else if (*c == ';' && n < 4)
			sec[n++] = c + 1;
	}
	*sign = 0;
	if (section_meets(sec[0], d) != -1) {
		/* Conditions: the first met, else the section after them. */
		for (i = 0; i < n && i < 2; i++)
			if (section_meets(sec[i], d) == 1)
				break;
		*sign = d < 0 && i == n;
	} else if (d < 0 && n >= 2)
		i = 1;
	else if (d == 0 && n >= 3)
		i = 2;
	else {
		i = 0;
		*sign = d < 0;
	}
	if (i >= n)
		i = n - 1;
	*end = i + 1 < n ? sec[i + 1] - 1 : sec[i] + strlen(sec[i]);
	return sec[i];
}

/* A format code's placeholders for digits: 0, # and ? */
static int
is_digit_place(char c)
{
	return c == '0' || c == '#' || c == '?';
}

/*
 * d shown by a number format code as Excel shows it (and LibreOffice,
 * its number styles made codes by odsstyle.c); -1 for what is
 * shown as General here: General itself, text (@), scientific notation
 * and fractions, which Excel's CSV writes with the digits cut.
 * Thousands separators are left out: an import reads 1234, not 1,234.
 */
int
circle_xlsx_code_text(double d, const char *code, char *out, size_t len)
{
	struct shown	 o = { out, 0, len };
	const char	*c, *end, *sym;
	char		 num[64], gen[64], *dot;
	size_t		 ints = 0, decs = 0, nint, k = 0, kd = 0, lastdec;
	int		 sign, point = 0, pct = 0, thousands = 0;
	double		 v;

	out[0] = '\0';
	if (strcasecmp(code, "General") == 0 || strcmp(code, "@") == 0)
		return -1;
	c = section_pick(code, d, &end, &sign);
	/* The section's placeholders counted; what shows General is left. */
	for (; c < end; c++) {
		if (*c == '"')
			c = skip_past(c, '"');
		else if (*c == '[')
			c = skip_past(c, ']');
		else if ((*c == '\\' || *c == '_' || *c == '*') && c + 1 < end)
			c++;
		else if (is_digit_place(*c))
			point ? decs++ : ints++;
		else if (*c == '.' && !point)
			point = 1;
		else if (*c == '%')
			pct++;
		else if (*c == ',' && (point || c + 1 >= end ||
		    !is_digit_place(c[1])))
			thousands++;	/* after the digits: divides by 1000 */
		else if (((*c == 'E' || *c == 'e') && c + 1 < end &&
		    (c[1] == '+' || c[1] == '-')) || *c == '/' || *c == '@')
			return -1;
	}
	c = section_pick(code, d, &end, &sign);
	if (strncasecmp(c, "General", 7) == 0 && ints == 0 && decs == 0) {
		circle_xlsx_general(sign ? d : fabs(d), gen, sizeof gen);
		shown_add(&o, gen, strlen(gen));
		shown_add(&o, c + 7, (size_t)(end - c - 7));
		return 0;
	}
	if (ints + decs == 0 || decs > 15)
		return -1;
	v = fabs(d);
	for (; pct > 0; pct--)
		v *= 100;
	for (; thousands > 0; thousands--)
		v /= 1000;
	if (v >= 1e15)
		return -1;
	snprintf(num, sizeof num, "%.*f", (int)decs, v);
	if ((dot = strchr(num, '.')) != NULL)
		*dot++ = '\0';
	if (strcmp(num, "0") == 0)
		num[0] = '\0';	/* placeholders show the zero, or none */
	if (sign && (num[0] != '\0' || (dot != NULL &&
	    strspn(dot, "0") != strlen(dot))))
		shown_add(&o, "-", 1);
	/* Trailing zeros a # or ? shows none of: up to lastdec. */
	lastdec = decs;
	nint = strlen(num);
	for (; c < end; c++) {
		if (*c == '"') {
			sym = c + 1;
			c = skip_past(c, '"');
			shown_add(&o, sym, (size_t)(c - sym));
		} else if (*c == '[') {
			sym = c + 1;
			c = skip_past(c, ']');
			/* [$£-809]: the currency sign; [Red]: nothing */
			if (*sym == '$') {
				sym++;
				shown_add(&o, sym, strcspn(sym, "-]"));
			}
		} else if ((*c == '_' || *c == '*') && c + 1 < end)
			c++;
		else if (*c == '\\' && c + 1 < end)
			shown_add(&o, ++c, 1);
		else if (is_digit_place(*c) && k < ints) {
			/* The first placeholder takes the digits there
			 * are more of than placeholders. */
			if (k == 0 && nint > ints)
				shown_add(&o, num, nint - ints);
			if (ints - k <= nint)
				shown_add(&o, num + nint - (ints - k), 1);
			else if (*c == '0')
				shown_add(&o, "0", 1);
			k++;
		} else if (is_digit_place(*c)) {
			if (kd == 0)
				for (lastdec = decs; lastdec > 0 &&
				    dot[lastdec - 1] == '0'; lastdec--)
					;
			if (*c == '0' || kd < lastdec)
				shown_add(&o, dot + kd, 1);
			kd++;
		} else if (*c == '.' && point) {
			shown_add(&o, ".", 1);
			point = 0;
		} else if (*c != ',')
			shown_add(&o, c, 1);
	}
	return 0;
}

/* Seconds as a clock's HH:MM, with :SS when there are some. */
void
circle_xlsx_clock(long secs, char *out, size_t len)
{
	if (secs % 60 != 0)
		snprintf(out, len, "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
	else
		snprintf(out, len, "%02ld:%02ld", secs / 3600, secs / 60 % 60);
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
	circle_xlsx_clock(secs, clock, sizeof clock);
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
	const char	*code = NULL;
	char		 out[256], *end;
	double		 d;

	d = strtod(v, &end);
	if (*v == '\0' || *end != '\0' || !isfinite(d))
		return circle_xstrdup(v);
	if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf) {
		kind = x->xfkind[x->cstyle];
		code = x->xfcode[x->cstyle];
	}
	if (kind != XL_NUMBER && d >= 0 && d < XL_LAST_SERIAL + 1)
		serial_text(x, d, kind, out, sizeof out);
	else if (code == NULL || circle_xlsx_code_text(d, code, out,
	    sizeof out) == -1)
		circle_xlsx_general(d, out, sizeof out);
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
