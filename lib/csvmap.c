/*
 * csvmap.c: --map COLUMN=FIELD, for every import (roster, sign-in sheets,
 * check-in forms): the column a user names, by its header or its number;
 * and the column map from an import's table of headers (moved out of
 * csvio.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

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
	if (r->mapped == NULL)
		r->mapped = circle_xcalloc(r->ncols + 1, sizeof *r->mapped);
	r->mapped[col] = 1;
	return col;
}

/* Whether --map named column col (circle_csv_map_spec). */
int
circle_csv_mapped(const struct circle_csv_reader *r, int col)
{
	return col >= 0 && (size_t)col < r->ncols && r->mapped != NULL &&
	    r->mapped[col];
}

/*
 * A list of one column under a header no import knows ("Attendees"), its
 * column given by number (--map 1=name): that first row is the header,
 * as before --map let a header be looked for below titles.  Told from a
 * title above a table by the row under it, which has one cell too.  1
 * when it is such a list, 0 when not, -1 on an error.
 */
static int
one_column_list(struct circle_csv_reader *r, const struct circle_csv_field *t,
    size_t n, const char *const *map, size_t nmap, struct circle_err *e)
{
	const char	*eq;
	size_t		 i, cells = 0, len;
	int		 by_number = 0, rc;

	for (i = 0; i < nmap; i++) {
		if ((eq = strrchr(map[i], '=')) == NULL)
			continue;
		len = (size_t)(eq - map[i]);
		if (len > 0 && strspn(map[i], "0123456789") == len &&
		    strcasecmp(eq + 1, "ignore") != 0)
			by_number = 1;
	}
	if (!by_number)
		return 0;
	for (i = 0; i < r->ncols; i++) {
		if (*r->header[i] == '\0')
			continue;
		if (circle_csv_field_of(t, n, r->header[i]) != -1)
			return 0;
		cells++;
	}
	if (cells > 1)
		return 0;
	if ((rc = circle_csv_reader_next(r, 1, e)) != 1)
		return rc == 0 ? 1 : -1;
	for (i = cells = 0; i < r->row->nfields; i++)
		cells += *r->row->fields[i] != '\0';
	circle_csv_give_back(r);
	return cells <= 1;
}

/*
 * The header row found as without --map (circle_csv_find_header), with
 * the headers the nmap specs of map name counted as known: a title above
 * a header only --map knows is left out too.  A column given by number
 * names no header; the header found is the file's all the same, so that
 * --map 3=ignore, as the note about a hidden column says, changes nothing
 * else.  A survey program's second header row under it is passed over
 * (circle_csv_subheader_skip).
 */
int
circle_csv_find_header_map(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n, const char *const *map,
    size_t nmap, struct circle_err *e)
{
	struct circle_csv_field	*all;
	const char		*eq;
	size_t			 i, k = n, len;
	int			 rc;

	all = circle_xcalloc(n + nmap + 1, sizeof *all);
	memcpy(all, t, n * sizeof *t);
	for (i = 0; i < nmap; i++) {
		if ((eq = strrchr(map[i], '=')) == NULL)
			continue;
		len = (size_t)(eq - map[i]);
		if (len == 0 || strspn(map[i], "0123456789") == len)
			continue;
		all[k++] = (struct circle_csv_field){
		    circle_xstrndup(map[i], len), 0 };
	}
	if ((rc = one_column_list(r, all, k, map, nmap, e)) == 1)
		rc = 0;
	else if (rc == 0)
		rc = circle_csv_find_header(r, all, k, e);
	if (rc == 0 && circle_csv_subheader_skip(r, e) == -1)
		rc = -1;
	for (i = n; i < k; i++)
		free((char *)all[i].header);
	free(all);
	return rc;
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
 * table (then its header without an aside, then its aside alone:
 * circle_csv_header_aside): the first entry naming it whose field has no
 * column yet.  Microsoft Forms' own Email and Name come last, so that a
 * question of the form's asking the same ("Your email") is read in their
 * place: on a form anyone may answer they hold only "anonymous".
 */
void
circle_csv_map_headers(struct circle_csv_reader *r,
    const struct circle_csv_field *t, size_t n)
{
	char	f[1024], **g, *part;
	size_t	col, i, k;
	int	try;

	g = circle_xcalloc(n + 1, sizeof *g);
	for (i = 0; i < n; i++) {
		circle_csv_fold(t[i].header, f, sizeof f);
		g[i] = circle_xstrdup(f);
	}
	for (k = 0; k < 2 * r->ncols; k++) {
		col = k % r->ncols;
		if (r->colfield[col] != -1 || (k < r->ncols) ==
		    (circle_csv_form_own(r, col) == CIRCLE_FORM_WHO))
			continue;
		circle_csv_header_fold(r->header[col], f, sizeof f);
		/* The whole header, without its aside, the aside, then a
		 * question's words after its opening ("What is your email
		 * address?"), as circle_csv_field_of tries them. */
		for (try = 0; !map_folded(r, col, f, t, g, n) && try < 3;
		    try++) {
			if ((part = try < 2 ? circle_csv_header_aside(
			    r->header[col], try) : circle_csv_header_question(
			    r->header[col])) == NULL)
				continue;
			circle_csv_header_fold(part, f, sizeof f);
			free(part);
		}
	}
	circle_strv_free(g, n);
}
