/*
 * csvcols.c: what an import's columns mean beyond the words of their
 * headers, for every import (roster, check-ins, sign-in sheets): a name
 * in two halves ("Name" beside "Surname"), read as one name.
 */
#include "config.h"

#include <stdlib.h>

#include "circle-priv.h"

/*
 * A "Name" column beside a last name's is the first name, and beside a
 * first name's the last ("Name, Surname"; "Vorname, Name"; "Prénom,
 * Nom"): the one rule of it, for every import that reads a name in two
 * halves (fields name, first and last).  The caller leaves out a column
 * --map named.
 */
void
circle_csv_name_halves(struct circle_csv_reader *r, int name, int first,
    int last)
{
	int	col = r->fieldcol[name];

	if (col < 0 || (r->fieldcol[first] < 0) == (r->fieldcol[last] < 0))
		return;
	circle_csv_map_column(r, (size_t)col, r->fieldcol[first] < 0 ? first :
	    last);
}

/*
 * The current row's first and last names as one name ("Sam" and
 * "Whitfield"; a first name that ends with the last already is that
 * alone: circle_name_holds_last), *field the cell to place an error at;
 * NULL when both are empty.  It lives in r until the next call.
 */
const char *
circle_csv_name_joined(struct circle_csv_reader *r, int first, int last,
    int *field)
{
	const char	*f = circle_csv_get(r, first);
	const char	*l = circle_csv_get(r, last);

	free(r->joined);
	r->joined = NULL;
	if (f == NULL && l == NULL)
		return NULL;
	*field = f != NULL ? first : last;
	if (f == NULL || l == NULL || circle_name_holds_last(f, l))
		r->joined = circle_xstrdup(f != NULL ? f : l);
	else
		circle_xasprintf(&r->joined, "%s %s", f, l);
	return r->joined;
}
