/*
 * csvbad.c: the bad cells (or rows) of an import, kept to be told at once:
 * an import (a roster, check-ins, a sign-in sheet, a merge) goes on past a
 * bad cell to find the rest, and says them all, and nothing is written.
 */
#include "config.h"

#include <string.h>

#include "circle-priv.h"

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
