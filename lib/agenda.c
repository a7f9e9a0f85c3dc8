/*
 * agenda.c: what is next, for "circle" alone: for each group that is not
 * archived, today's sessions (in the group's zone), the next one after
 * today, the past sessions nothing was recorded for (session.c's rule of
 * unrecorded), and how many follow-ups are open: a count, never a reason.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

#define AGENDA_UNRECORDED	3	/* the most recent ones shown */

/* The groups that are not archived, by handle. */
static int
agenda_groups(struct circle_db *db, struct circle_agenda *a,
    struct circle_err *e)
{
	struct circle_agenda_group	*g;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = circle_prepare(db, "SELECT id, handle, name, tzid FROM grp "
	    "WHERE archived_at IS NULL ORDER BY handle", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->groups = circle_xgrow(a->groups, a->ngroups,
		    sizeof *a->groups);
		g = &a->groups[a->ngroups++];
		memset(g, 0, sizeof *g);
		g->id = sqlite3_column_int64(st, 0);
		g->group = circle_col_dup(st, 1);
		g->name = circle_col_dup(st, 2);
		g->tzid = circle_col_dup(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "list groups");
	return 0;
}

/* Open follow-ups of sessions of the group: how many, nothing else. */
static int
agenda_followups(struct circle_db *db, struct circle_agenda_group *g,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT count(*) FROM followup u JOIN "
	    "session x ON x.id = u.session_id WHERE u.status = 'open' AND "
	    "x.grp_id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, g->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		g->followups = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(db, e, "count follow-ups");
	return 0;
}

static void
sessions_free(struct circle_session *ss, size_t from, size_t n)
{
	size_t	i;

	for (i = from; i < n; i++)
		circle_session_release(&ss[i]);
}

/*
 * The sessions of group g a query picks (?1 the group, ?2 its today), in
 * its order: all *n of them counted, the first max (0: all) read.  Each
 * query walks the group's index: no scan of every session.
 */
static int
agenda_pick(struct circle_db *db, const struct circle_agenda_group *g,
    const char *sql, size_t max, struct circle_session **ss, size_t *n,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 nids = 0, i;
	int		 rc;

	*ss = NULL;
	*n = 0;
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, g->id);
	circle_bind_text(st, 2, g->today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (max == 0 || nids < max) {
			ids = circle_xgrow(ids, nids, sizeof *ids);
			ids[nids++] = sqlite3_column_int64(st, 0);
		}
		(*n)++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return circle_db_error(db, e, "agenda");
	}
	*ss = circle_xcalloc(nids + 1, sizeof **ss);
	for (i = 0; i < nids; i++) {
		if (circle_session_get_id(db, ids[i], &(*ss)[i], e) == -1) {
			sessions_free(*ss, 0, i);
			free(*ss);
			*ss = NULL;
			free(ids);
			return -1;
		}
	}
	free(ids);
	return 0;
}

/*
 * Today's sessions in the group's zone, cancelled too; the first after
 * today that is not cancelled; the past ones with no record, today's left
 * to "today", the newest few read and the rest counted.  A session put in
 * after it began (a group file's from: or a calendar's past events when a
 * group comes into circle, a session added for last week) is history, not
 * a reminder: only those known before they began are "not marked" here.
 */
static int
agenda_sessions(struct circle_db *db, struct circle_agenda_group *g,
    struct circle_err *e)
{
	static const char today[] = "SELECT s.id FROM session s WHERE "
	    "s.grp_id = ?1 AND s.starts_at >= strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "?2, '-2 days') AND substr(s.local_start, 1, 10) = ?2 "
	    "ORDER BY s.starts_at";
	static const char next[] = "SELECT s.id FROM session s WHERE "
	    "s.grp_id = ?1 AND s.starts_at >= strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "?2, '-2 days') AND substr(s.local_start, 1, 10) > ?2 AND "
	    "s.status != 'cancelled' ORDER BY s.starts_at LIMIT 1";
	static const char unrecorded[] = "SELECT s.id FROM session s WHERE "
	    "s.grp_id = ?1 AND " CIRCLE_SQL_UNRECORDED " AND "
	    "s.created_at <= s.starts_at AND "
	    "substr(s.local_start, 1, 10) < ?2 ORDER BY s.starts_at DESC";
	struct circle_date	 d;
	size_t			 n;

	if (circle_date_today_in(g->tzid, &d) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "group %s: time zone "
		    "\"%s\" is not known", g->group, g->tzid);
	circle_date_format(&d, g->today);
	if (agenda_pick(db, g, today, 0, &g->todays, &g->ntoday, e) == -1 ||
	    agenda_pick(db, g, next, 1, &g->next, &n, e) == -1 ||
	    agenda_pick(db, g, unrecorded, AGENDA_UNRECORDED, &g->unrecorded,
	    &g->unrecorded_total, e) == -1)
		return -1;
	if (n == 0) {
		free(g->next);
		g->next = NULL;
	}
	g->nunrecorded = g->unrecorded_total < AGENDA_UNRECORDED ?
	    g->unrecorded_total : AGENDA_UNRECORDED;
	return 0;
}

int
circle_agenda_get(struct circle_db *db, struct circle_agenda *a,
    struct circle_err *e)
{
	size_t	i;

	memset(a, 0, sizeof *a);
	if (agenda_groups(db, a, e) == -1)
		goto fail;
	for (i = 0; i < a->ngroups; i++) {
		if (agenda_sessions(db, &a->groups[i], e) == -1 ||
		    agenda_followups(db, &a->groups[i], e) == -1)
			goto fail;
	}
	return 0;
fail:
	circle_agenda_release(a);
	return -1;
}

void
circle_agenda_release(struct circle_agenda *a)
{
	struct circle_agenda_group	*g;
	size_t				 i;

	for (i = 0; i < a->ngroups; i++) {
		g = &a->groups[i];
		free(g->group);
		free(g->name);
		free(g->tzid);
		sessions_free(g->todays, 0, g->ntoday);
		free(g->todays);
		if (g->next != NULL)
			circle_session_release(g->next);
		free(g->next);
		sessions_free(g->unrecorded, 0, g->nunrecorded);
		free(g->unrecorded);
	}
	free(a->groups);
	memset(a, 0, sizeof *a);
}
