/*
 * scope.c: the scope of a report or export, the groups and local dates it
 * covers, checked once and bound to every query the same way.
 */
#include "config.h"

#include <string.h>

#include "circle-priv.h"

static void	day_shift(const char *, int, char [11]);

/* A local date moved by days. */
static void
day_shift(const char *date, int days, char out[11])
{
	struct circle_date	d, b;

	circle_date_parse(date, &d);
	circle_date_add(&d, days, &b);
	circle_date_format(&b, out);
}

/*
 * The dates of a scope, checked and bound: from and to (either may be
 * NULL: no bound) as given, lo and hi a day wider for starts_at.  The
 * group is left as it is.
 */
int
circle_scope_dates(const char *from, const char *to, struct circle_scope *sc,
    struct circle_err *e)
{
	if ((from != NULL && circle_date_check("from", from, e) == -1) ||
	    (to != NULL && circle_date_check("to", to, e) == -1))
		return -1;
	if (from != NULL && to != NULL && strcmp(to, from) < 0)
		return circle_err_set(e, CIRCLE_EDATA, "to: %s is before from "
		    "(%s)", to, from);
	snprintf(sc->from, sizeof sc->from, "%s",
	    from != NULL ? from : "0001-01-01");
	snprintf(sc->to, sizeof sc->to, "%s", to != NULL ? to : "9999-12-31");
	/* Local dates are within a day of the UTC ones. */
	if (from != NULL)
		day_shift(from, -1, sc->lo);
	else
		snprintf(sc->lo, sizeof sc->lo, "0001");
	if (to != NULL)
		day_shift(to, 2, sc->hi);
	else
		snprintf(sc->hi, sizeof sc->hi, "9999-99");
	sc->bounded = from != NULL || to != NULL;
	return 0;
}

/*
 * The scope of a report or export.  Without a group, every group when
 * every is set, else the only group there is (an error when there are
 * several).
 */
int
circle_scope_set(struct circle_db *db, const char *group, int every,
    const char *from, const char *to, struct circle_scope *sc,
    struct circle_err *e)
{
	memset(sc, 0, sizeof *sc);
	if (circle_scope_dates(from, to, sc, e) == -1)
		return -1;
	if ((group != NULL || !every) &&
	    circle_group_resolve(db, group, &sc->gid, e) == -1)
		return -1;
	return 0;
}

void
circle_scope_bind(sqlite3_stmt *st, const struct circle_scope *sc)
{
	sqlite3_bind_int64(st, 1, sc->gid);
	circle_bind_text(st, 2, sc->from);
	circle_bind_text(st, 3, sc->to);
	circle_bind_text(st, 4, sc->lo);
	circle_bind_text(st, 5, sc->hi);
}
