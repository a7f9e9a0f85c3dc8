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
 * Past sessions with no record, newest first, today's left to "today":
 * the newest few kept, the rest counted.
 */
static int
agenda_unrecorded(struct circle_db *db, struct circle_agenda_group *g,
    struct circle_err *e)
{
	struct circle_session_filter	 f;
	struct circle_session		*ss;
	size_t				 n, i, keep = 0;

	memset(&f, 0, sizeof f);
	f.group = g->group;
	f.unrecorded = 1;
	if (circle_session_list(db, &f, &ss, &n, e) == -1)
		return -1;
	while (n > 0 && strncmp(ss[n - 1].local_start, g->today, 10) == 0)
		circle_session_release(&ss[--n]);
	g->unrecorded_total = n;
	g->unrecorded = circle_xreallocarray(NULL, AGENDA_UNRECORDED,
	    sizeof *g->unrecorded);
	for (i = n; i > 0 && keep < AGENDA_UNRECORDED; i--)
		g->unrecorded[keep++] = ss[i - 1];
	sessions_free(ss, 0, i);
	free(ss);
	g->nunrecorded = keep;
	return 0;
}

/* Today's sessions in the group's zone, and the first one after today. */
static int
agenda_sessions(struct circle_db *db, struct circle_agenda_group *g,
    struct circle_err *e)
{
	struct circle_session_filter	 f;
	struct circle_date		 d, tomorrow;
	struct circle_session		*ss;
	char				 next[11];
	size_t				 n;

	if (circle_date_today_in(g->tzid, &d) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "group %s: time zone "
		    "\"%s\" is not known", g->group, g->tzid);
	circle_date_format(&d, g->today);
	circle_date_add(&d, 1, &tomorrow);
	circle_date_format(&tomorrow, next);
	memset(&f, 0, sizeof f);
	f.group = g->group;
	f.from = f.to = g->today;
	f.cancelled = 1;
	if (circle_session_list(db, &f, &g->todays, &g->ntoday, e) == -1)
		return -1;
	memset(&f, 0, sizeof f);
	f.group = g->group;
	f.from = next;
	if (circle_session_list(db, &f, &ss, &n, e) == -1)
		return -1;
	if (n > 0) {
		g->next = circle_xcalloc(1, sizeof *g->next);
		*g->next = ss[0];
		sessions_free(ss, 1, n);
	}
	free(ss);
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
		    agenda_unrecorded(db, &a->groups[i], e) == -1 ||
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
