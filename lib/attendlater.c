/*
 * attendlater.c: people marked before their first day in a group (marks
 * put in after a roster imported late), said by attend mark and a
 * sign-in sheet's import alike, with the way to have them expected.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "report.h"

/*
 * The note for a person marked before their first day in the group (the
 * day from): at "this session", or at n sessions of an import's, the
 * first on day; where: "file:line: " or "".  Not expected there, and the
 * way to have them expected.
 */
static void
later_note(struct circle_attend_result *r, const char *where,
    const char *handle, const char *from, const char *day, long n)
{
	r->notes = circle_xgrow(r->notes, r->nnotes, sizeof *r->notes);
	if (n > 1)
		circle_xasprintf(&r->notes[r->nnotes++], "%s%s is in the "
		    "group from %s, after %ld sessions marked here (the first "
		    "on %s): not counted as expected (to count them from that "
		    "day: circle roster join --on %s %s)", where, handle, from,
		    n, day, day, handle);
	else
		circle_xasprintf(&r->notes[r->nnotes++], "%s%s is in the "
		    "group from %s, after %s: not counted as expected (to "
		    "count them from that day: circle roster join --on %s %s)",
		    where, handle, from, *where == '\0' ? "this session" :
		    "the session marked here", day, handle);
}

/*
 * A note of each person marked at session t before their first day in
 * its group (marks put in after a roster was imported late: report.h's
 * SQL_JOINED_LATER).
 */
int
circle_attend_joined_at(struct circle_db *db, const struct circle_target *t,
    const long long *mids, size_t n, struct circle_attend_result *r,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc = 0;

	if ((st = circle_prepare(db, "SELECT m.handle, " SQL_JOINED_LATER
	    " AS later FROM member m, session s WHERE m.id = ?1 AND s.id = ?2 "
	    "AND later IS NOT NULL", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 2, t->id);
	for (i = 0; i < n && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, mids[i]);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			later_note(r, "", (const char *)
			    sqlite3_column_text(st, 0), (const char *)
			    sqlite3_column_text(st, 1), t->day, 1);
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == 0 ? 0 : circle_db_error(db, e, "membership");
}

/*
 * People an import marked before their first day from the same session
 * on (a sheet's or a register's first): said in one note, at the line of
 * the first of them, with one command for them all; one alone as mark
 * says it.  who: "ina-b from 2026-12-07, ..."; handles: "ina-b ...".
 */
struct later_said {
	char	*where;		/* owned: "file:line: " */
	char	*who, *handles;	/* owned */
	char	 day[11], from[11];
	size_t	 n;
	long	 sessions;	/* the one person's */
};

static void
later_flush(struct circle_attend_result *r, struct later_said *l)
{
	if (l->n == 1)
		later_note(r, l->where, l->handles, l->from, l->day,
		    l->sessions);
	else if (l->n > 1) {
		r->notes = circle_xgrow(r->notes, r->nnotes, sizeof *r->notes);
		circle_xasprintf(&r->notes[r->nnotes++], "%s%zu people marked "
		    "here from %s on, before their first day in the group "
		    "(%s): not counted as expected (to count them from that "
		    "day: circle roster join --on %s %s)", l->where, l->n,
		    l->day, l->who, l->day, l->handles);
	}
	free(l->where);
	free(l->who);
	free(l->handles);
	memset(l, 0, sizeof *l);
}

/* Person h (first day from, sessions marked before it) said with l's. */
static void
later_add(struct later_said *l, const char *h, const char *from,
    long sessions)
{
	char	*s;

	circle_xasprintf(&s, "%s%s%s from %s", l->who != NULL ? l->who : "",
	    l->who != NULL ? ", " : "", h, from);
	free(l->who);
	l->who = s;
	circle_xasprintf(&s, "%s%s%s", l->handles != NULL ? l->handles : "",
	    l->handles != NULL ? " " : "", h);
	free(l->handles);
	l->handles = s;
	snprintf(l->from, sizeof l->from, "%s", from);
	l->sessions = sessions;
	l->n++;
}

/*
 * The same of the attendance rows first to last an import added, said at
 * the line (lines[id - first]) of the first row of each.
 */
int
circle_attend_joined_later(struct circle_db *db, long long first,
    long long last, const char *name, const unsigned *lines, size_t nlines,
    struct circle_attend_result *r, struct circle_err *e)
{
	struct later_said	 l;
	sqlite3_stmt		*st;
	long long		 id, gid = 0;
	const char		*day;
	int			 rc;

	if ((st = circle_prepare(db, "SELECT m.handle, later, min(" SQL_DAY
	    ") AS day, count(*), min(a.id), s.grp_id FROM (SELECT a.*, "
	    SQL_JOINED_LATER " AS later FROM attendance a JOIN session s ON "
	    "s.id = a.session_id JOIN member m ON m.id = a.member_id WHERE "
	    "a.id BETWEEN ?1 AND ?2) a JOIN session s ON s.id = a.session_id "
	    "JOIN member m ON m.id = a.member_id WHERE later IS NOT NULL "
	    "GROUP BY m.id, s.grp_id ORDER BY s.grp_id, day, min(a.id)",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, first);
	sqlite3_bind_int64(st, 2, last);
	memset(&l, 0, sizeof l);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		day = (const char *)sqlite3_column_text(st, 2);
		if (l.n > 0 && (gid != sqlite3_column_int64(st, 5) ||
		    strcmp(day, l.day) != 0))
			later_flush(r, &l);
		if (l.n == 0) {
			gid = sqlite3_column_int64(st, 5);
			snprintf(l.day, sizeof l.day, "%s", day);
			id = sqlite3_column_int64(st, 4) - first;
			if (id >= 0 && (size_t)id < nlines)
				circle_xasprintf(&l.where, "%s:%u: ", name,
				    lines[id]);
			else
				circle_xasprintf(&l.where, "%s: ", name);
		}
		later_add(&l, (const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (long)sqlite3_column_int64(st, 3));
	}
	later_flush(r, &l);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : circle_db_error(db, e, "attendance");
}
