/*
 * csvmap.c: --map COLUMN=FIELD, for every import (roster, sign-in sheets,
 * check-in forms): the column a user names, by its header or its number.
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
	return col;
}
