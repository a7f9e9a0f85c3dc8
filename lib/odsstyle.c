/*
 * odsstyle.c: an OpenDocument spreadsheet's number styles (number:number-
 * style, percentage-style, currency-style) read as the format codes
 * xlsxstyle.c shows a number by, so that a float, currency or percentage
 * cell reads as LibreOffice shows it and writes it to a CSV: its
 * decimals, leading zeros, percent sign and currency, the one rule of
 * both readers.  A cell's style is its own, or its column's default; a
 * cell style without a number style has its parent's.  The styles are
 * content.xml's automatic ones and styles.xml's common ones (those a
 * user named, as "Phone"), read first; a flat file holds both.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

#define NS_STYLE	"urn:oasis:names:tc:opendocument:xmlns:style:1.0|"
#define NS_NUMBER	"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0|"
#define MAX_CODE	256	/* past any number style's code */
#define MAX_STYLES	65536	/* LibreOffice writes a few hundred */
#define MAX_PARENTS	16	/* cell styles based on others, deep */
#define STYLES		"styles.xml"

/* name's local part when it is in ns, else NULL. */
static const char *
local_in(const char *name, const char *ns)
{
	size_t	n = strlen(ns);

	return strncmp(name, ns, n) == 0 ? name + n : NULL;
}

static long
number_attr(const char **attr, const char *local, long dflt)
{
	const char	*v = circle_ods_attr(attr, NS_NUMBER, local);
	long		 n;

	if (v == NULL)
		return dflt;
	n = strtol(v, NULL, 10);
	return n < 0 ? 0 : n > 30 ? 30 : n;
}

/* More of the code of the style being read. */
static void
code_add(struct xl_ods *o, const char *s, size_t n)
{
	struct xl_numstyle	*ns = &o->nums[o->nnums - 1];
	size_t			 have = strlen(ns->code);

	if (have + n >= MAX_CODE)
		n = MAX_CODE - 1 - have;
	memcpy(ns->code + have, s, n);
	ns->code[have + n] = '\0';
}

/*
 * A number:number as a format code's digits: min-integer-digits zeros
 * (a # for none), then decimal-places after the point, the first
 * min-decimal-places of them zeros that always show.  Grouping is left
 * out, as xlsxstyle.c leaves out thousands separators.
 */
static void
code_number(struct xl_ods *o, const char **attr)
{
	long	ints, decs, mindecs, i;

	ints = number_attr(attr, "min-integer-digits", 1);
	decs = number_attr(attr, "decimal-places", 0);
	mindecs = number_attr(attr, "min-decimal-places", decs);
	if (ints == 0)
		code_add(o, "#", 1);
	for (i = 0; i < ints; i++)
		code_add(o, "0", 1);
	if (decs > 0)
		code_add(o, ".", 1);
	for (i = 0; i < decs; i++)
		code_add(o, i < mindecs ? "0" : "#", 1);
}

/* A style's text as a code's: quoted, a percentage's % left bare. */
static void
code_text_add(struct xl_ods *o, const char *s, size_t n)
{
	size_t	i, run;

	for (i = 0; i < n; i += run) {
		if (s[i] == '%' && o->numpct) {
			code_add(o, "%", 1);
			run = 1;
			continue;
		}
		for (run = 0; i + run < n && s[i + run] != '"' &&
		    (s[i + run] != '%' || !o->numpct); run++)
			;
		if (run == 0) {
			run = 1;	/* a quote: left out */
			continue;
		}
		code_add(o, "\"", 1);
		code_add(o, s + i, run);
		code_add(o, "\"", 1);
	}
}

static void
num_start(struct xl_ods *o, const char *l, const char **attr)
{
	struct xl_numstyle	*ns;
	const char		*name;

	if (strcmp(l, "number-style") == 0 || strcmp(l,
	    "percentage-style") == 0 || strcmp(l, "currency-style") == 0) {
		if ((name = circle_ods_attr(attr, NS_STYLE, "name")) == NULL ||
		    o->nnums >= MAX_STYLES)
			return;
		o->nums = circle_xgrow(o->nums, o->nnums, sizeof *o->nums);
		ns = &o->nums[o->nnums++];
		memset(ns, 0, sizeof *ns);
		ns->name = circle_xstrdup(name);
		ns->code = circle_xcalloc(1, MAX_CODE);
		circle_strmap_put(&o->nummap, name, (long long)o->nnums - 1);
		o->innum = 1;
		o->numpct = l[0] == 'p';
		return;
	}
	if (!o->innum)
		return;
	if (strcmp(l, "number") == 0)
		code_number(o, attr);
	else if (strcmp(l, "scientific-number") == 0)
		code_add(o, "0.00E+00", 8);	/* shown as General */
	else if (strcmp(l, "fraction") == 0)
		code_add(o, "# ?/?", 5);	/* shown as General */
	else if (strcmp(l, "text") == 0 || strcmp(l, "currency-symbol") == 0)
		o->numtext = 1;
}

/* A map to the style shown for numbers not below zero: its own code. */
static void
num_map(struct xl_ods *o, const char **attr)
{
	struct xl_numstyle	*ns = &o->nums[o->nnums - 1];
	const char		*cond, *to;

	cond = circle_ods_attr(attr, NS_STYLE, "condition");
	to = circle_ods_attr(attr, NS_STYLE, "apply-style-name");
	if (cond != NULL && to != NULL && strcmp(cond, "value()>=0") == 0 &&
	    ns->map == NULL)
		ns->map = circle_xstrdup(to);
}

/*
 * A cell style (style:style of the family table-cell) with a number style
 * of its own or a parent whose it may be.
 */
static void
cell_style(struct xl_ods *o, const char **attr)
{
	struct xl_cellstyle	*cs;
	const char		*name, *data, *parent;

	name = circle_ods_attr(attr, NS_STYLE, "name");
	data = circle_ods_attr(attr, NS_STYLE, "data-style-name");
	parent = circle_ods_attr(attr, NS_STYLE, "parent-style-name");
	if (name == NULL || (data == NULL && parent == NULL) ||
	    o->ncells >= MAX_STYLES)
		return;
	o->cells = circle_xgrow(o->cells, o->ncells, sizeof *o->cells);
	cs = &o->cells[o->ncells];
	cs->data = data != NULL ? circle_xstrdup(data) : NULL;
	cs->parent = data == NULL ? circle_xstrdup(parent) : NULL;
	cs->code = NULL;
	circle_strmap_put(&o->cellmap, name, (long long)o->ncells);
	o->ncells++;
}

/*
 * An element of the styles, styles.xml's or on the first pass of
 * content.xml: number styles and what builds their codes, cell styles'
 * number styles.
 */
void
circle_ods_style_start(struct circle_xlsx *x, const char *name,
    const char **attr)
{
	struct xl_ods	*o = &x->od;
	const char	*l, *v;

	if ((l = local_in(name, NS_NUMBER)) != NULL) {
		num_start(o, l, attr);
		return;
	}
	if ((l = local_in(name, NS_STYLE)) == NULL)
		return;
	if (strcmp(l, "map") == 0 && o->innum)
		num_map(o, attr);
	else if (strcmp(l, "style") == 0 && (v = circle_ods_attr(attr, NS_STYLE,
	    "family")) != NULL && strcmp(v, "table-cell") == 0)
		cell_style(o, attr);
}

void
circle_ods_style_chars(struct circle_xlsx *x, const char *s, size_t n)
{
	if (x->od.innum && x->od.numtext)
		code_text_add(&x->od, s, n);
}

void
circle_ods_style_end(struct circle_xlsx *x, const char *name)
{
	struct xl_ods	*o = &x->od;
	const char	*l;

	if ((l = local_in(name, NS_NUMBER)) == NULL)
		return;
	if (strcmp(l, "text") == 0 || strcmp(l, "currency-symbol") == 0)
		o->numtext = 0;
	else if (strcmp(l, "number-style") == 0 || strcmp(l,
	    "percentage-style") == 0 || strcmp(l, "currency-style") == 0)
		o->innum = 0;
}

static void
on_common_start(void *ud, const XML_Char *name, const XML_Char **attr)
{
	struct circle_xlsx	*x = ud;

	if (!x->failed)
		circle_ods_style_start(x, name, attr);
}

static void
on_common_chars(void *ud, const XML_Char *s, int len)
{
	struct circle_xlsx	*x = ud;

	if (!x->failed)
		circle_ods_style_chars(x, s, (size_t)len);
}

static void
on_common_end(void *ud, const XML_Char *name)
{
	struct circle_xlsx	*x = ud;

	if (!x->failed)
		circle_ods_style_end(x, name);
}

/*
 * styles.xml's common styles read, before content.xml's automatic ones:
 * 0, or -1 with x->e.  A flat file has none (its own are in its one
 * part), nor has a zip without one.
 */
int
circle_ods_common_styles(struct circle_xlsx *x)
{
	return circle_xlsx_part_parse(x, STYLES, 1, on_common_start,
	    on_common_end, on_common_chars) == -1 ? -1 : 0;
}

static struct xl_numstyle *
num_find(struct xl_ods *o, const char *name)
{
	long long	*k;

	if ((k = circle_strmap_find(&o->nummap, name)) == NULL)
		return NULL;
	return &o->nums[*k];
}

/*
 * The code of the first of a cell style's parents with a number style of
 * its own (its parents' codes are set first), or NULL.
 */
static const char *
parent_code(struct xl_ods *o, const struct xl_cellstyle *cs)
{
	long long	*k;
	int		 depth;

	for (depth = 0; depth < MAX_PARENTS && cs->data == NULL; depth++) {
		if (cs->parent == NULL || (k = circle_strmap_find(&o->cellmap,
		    cs->parent)) == NULL)
			return NULL;
		cs = &o->cells[*k];
	}
	return cs->data != NULL ? cs->code : NULL;
}

/*
 * The styles read: each number style with a map for numbers not below
 * zero made one code of two sections (that one's; its own for below
 * zero, its minus sign its own text), and each cell style given its
 * number style's code.
 */
void
circle_ods_styles_done(struct circle_xlsx *x)
{
	struct xl_ods		*o = &x->od;
	struct xl_numstyle	*ns, *to;
	char			*c;
	size_t			 i;

	for (i = 0; i < o->nnums; i++) {
		ns = &o->nums[i];
		if (ns->map == NULL || (to = num_find(o, ns->map)) == NULL ||
		    to->map != NULL)
			continue;
		circle_xasprintf(&c, "%s;%s", to->code, ns->code);
		ns->full = c;
	}
	for (i = 0; i < o->ncells; i++)
		if (o->cells[i].data != NULL &&
		    (ns = num_find(o, o->cells[i].data)) != NULL)
			o->cells[i].code = ns->full != NULL ? ns->full :
			    ns->code;
	for (i = 0; i < o->ncells; i++)
		if (o->cells[i].data == NULL)
			o->cells[i].code = parent_code(o, &o->cells[i]);
}

/* The number format code of the cell style named, NULL for General. */
const char *
circle_ods_cell_code(struct circle_xlsx *x, const char *style)
{
	long long	*k;

	if (style == NULL || (k = circle_strmap_find(&x->od.cellmap,
	    style)) == NULL)
		return NULL;
	return x->od.cells[*k].code;
}

/*
 * A table:table-column of the sheet read: its default cell style's code
 * for each column it stands for, up to the sheet's width, and whether
 * they are hidden.
 */
void
circle_ods_column(struct circle_xlsx *x, const char **attr, size_t repeat)
{
	struct xl_ods	*o = &x->od;
	const char	*code, *v;
	size_t		 i;

	code = circle_ods_cell_code(x, circle_ods_attr(attr,
	    "urn:oasis:names:tc:opendocument:xmlns:table:1.0|",
	    "default-cell-style-name"));
	/* "collapse" (hidden by hand) or "filter" (by a filter). */
	v = circle_ods_attr(attr,
	    "urn:oasis:names:tc:opendocument:xmlns:table:1.0|", "visibility");
	if (o->colcode == NULL)
		o->colcode = circle_xcalloc(x->width + 1, sizeof *o->colcode);
	for (i = 0; i < repeat && o->ncolumns < x->width; i++) {
		if (v != NULL && strcmp(v, "visible") != 0)
			circle_xlsx_column_hide(x, o->ncolumns);
		o->colcode[o->ncolumns++] = code;
	}
}

void
circle_ods_styles_release(struct xl_ods *o)
{
	size_t	i;

	for (i = 0; i < o->nnums; i++) {
		free(o->nums[i].name);
		free(o->nums[i].code);
		free(o->nums[i].map);
		free(o->nums[i].full);
	}
	free(o->nums);
	for (i = 0; i < o->ncells; i++) {
		free(o->cells[i].data);
		free(o->cells[i].parent);
	}
	free(o->cells);
	circle_strmap_free(&o->cellmap);
	circle_strmap_free(&o->nummap);
	free(o->colcode);
}
