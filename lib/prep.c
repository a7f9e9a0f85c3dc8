/*
 * prep.c: what a facilitator needs before a session: when and where, who
 * is expected (active members of the group on that date), who is new, what
 * the last session left in its notes, which surveys to use.  Attendance and
 * check-in columns stay empty until those records exist.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

void
circle_prep_release(struct circle_prep *p)
{
	size_t	i;

	circle_session_release(&p->session);
	for (i = 0; i < p->nmembers; i++) {
		free(p->members[i].handle);
		free(p->members[i].name);
		free(p->members[i].pronouns);
		free(p->members[i].role);
		free(p->members[i].joined_on);
		free(p->members[i].last_seen);
		free(p->members[i].scores);
	}
	free(p->members);
	for (i = 0; i < p->nfollowups; i++) {
		free(p->followups[i].handle);
		free(p->followups[i].name);
		free(p->followups[i].day);
		free(p->followups[i].reason);
	}
	free(p->followups);
	free(p->prev_local);
	free(p->prev_notes);
	free(p->prev_topic);
	free(p->checkin_survey);
	free(p->checkout_survey);
	memset(p, 0, sizeof *p);
}

#define PREP_SCORES	3

/*
 * A member's last check-in scores in the group, up to and including this
 * session, and their open follow-ups from it.
 */
static int
checkins(struct circle_db *db, struct circle_prep *p,
    struct circle_prep_member *m, struct circle_err *e)
{
	static const char scores[] = "SELECT group_concat(t, ' ') FROM "
	    "(SELECT t FROM (SELECT printf('%.15g', round(r.score, 2)) AS t, "
	    "x.starts_at AS at, r.id AS rid FROM response r JOIN session x ON "
	    "x.id = r.session_id JOIN member m ON m.id = r.member_id WHERE "
	    "m.handle = ?1 AND x.grp_id = (SELECT grp_id FROM session WHERE "
	    "id = ?2) AND x.starts_at <= (SELECT starts_at FROM session WHERE "
	    "id = ?2) AND r.phase = 'checkin' AND r.score IS NOT NULL ORDER BY "
	    "at DESC, rid DESC LIMIT ?3) ORDER BY at, rid)";
	static const char open[] = "SELECT count(*) FROM followup u JOIN "
	    "session x ON x.id = u.session_id JOIN member m ON m.id = "
	    "u.member_id WHERE m.handle = ?1 AND x.grp_id = (SELECT grp_id "
	    "FROM session WHERE id = ?2) AND u.status = 'open'";
	sqlite3_stmt	*st;

	if ((st = circle_cached(db, scores, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, m->handle);
	sqlite3_bind_int64(st, 2, p->session.id);
	sqlite3_bind_int(st, 3, PREP_SCORES);
	if (sqlite3_step(st) == SQLITE_ROW)
		m->scores = circle_col_dup(st, 0);
	sqlite3_reset(st);
	if ((st = circle_cached(db, open, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, m->handle);
	sqlite3_bind_int64(st, 2, p->session.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		m->followups = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return 0;
}

/* The group's open follow-ups, oldest first: whoever they are about. */
static int
open_followups(struct circle_db *db, struct circle_prep *p,
    struct circle_err *e)
{
	struct circle_prep_followup	*f;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = circle_prepare(db, "SELECT u.id, m.handle, m.display_name, "
	    "substr(x.local_start, 1, 10), u.reason FROM followup u JOIN "
	    "session x ON x.id = u.session_id LEFT JOIN member m ON m.id = "
	    "u.member_id WHERE x.grp_id = (SELECT grp_id FROM session WHERE "
	    "id = ?1) AND u.status = 'open' ORDER BY u.created_at, u.id",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->session.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->followups = circle_xgrow(p->followups, p->nfollowups,
		    sizeof *p->followups);
		f = &p->followups[p->nfollowups++];
		f->id = sqlite3_column_int64(st, 0);
		f->handle = circle_col_dup(st, 1);
		f->name = circle_col_dup(st, 2);
		f->day = circle_col_dup(st, 3);
		f->reason = circle_col_dup(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "follow-ups");
	return 0;
}

/*
 * A member's attendance in the group before this session: the day last
 * attended, and the held sessions they were expected at and missed since
 * (excused ones do not count).
 */
static int
history(struct circle_db *db, struct circle_prep *p,
    struct circle_prep_member *m, struct circle_err *e)
{
	static const char last[] = "SELECT max(substr(s.local_start, 1, 10)) "
	    "FROM attendance a JOIN session s ON s.id = a.session_id JOIN "
	    "member m ON m.id = a.member_id WHERE m.handle = ?1 AND s.grp_id = "
	    "(SELECT grp_id FROM session WHERE id = ?2) AND s.starts_at < "
	    "(SELECT starts_at FROM session WHERE id = ?2) AND a.status IN "
	    CIRCLE_SQL_CAME;
	static const char missed[] = "SELECT count(*) FROM expected e JOIN "
	    "member m ON m.id = e.member_id WHERE m.handle = ?1 AND e.grp_id = "
	    "(SELECT grp_id FROM session WHERE id = ?2) AND e.starts_at < "
	    "(SELECT starts_at FROM session WHERE id = ?2) AND e.day > "
	    "coalesce(?3, '') AND (e.mark IS NULL OR e.mark = 'absent')";
	sqlite3_stmt	*st;

	if ((st = circle_cached(db, last, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, m->handle);
	sqlite3_bind_int64(st, 2, p->session.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		m->last_seen = circle_col_dup(st, 0);
	sqlite3_reset(st);
	/* "First time" means something only once the group keeps records. */
	m->first_time = m->last_seen == NULL && p->recorded;
	if ((st = circle_cached(db, missed, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, m->handle);
	sqlite3_bind_int64(st, 2, p->session.id);
	circle_bind_text(st, 3, m->last_seen);
	if (sqlite3_step(st) == SQLITE_ROW)
		m->missed = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return checkins(db, p, m, e);
}

static int
load_members(struct circle_db *db, struct circle_prep *p, const char *date,
    struct circle_err *e)
{
	struct circle_prep_member	*m;
	sqlite3_stmt			*st;
	size_t				 i;
	int				 rc;

	/* Expected: in the group that day, not a guest, active (as the
	 * expected view says for held sessions). */
	/* New: a member or guest who joined since the session before. */
	if ((st = circle_prepare(db, "SELECT m.handle, m.display_name, "
	    "m.pronouns, s.role, s.joined_on, s.role != 'facilitator' AND "
	    "(?3 IS NULL OR s.joined_on > ?3) "
	    "FROM membership s JOIN member m ON m.id = s.member_id JOIN grp g "
	    "ON g.id = s.grp_id WHERE g.handle = ?1 AND s.joined_on <= ?2 AND "
	    "(s.left_on IS NULL OR s.left_on > ?2) AND m.status = 'active' "
	    "AND s.role != 'guest' "
	    "ORDER BY s.role != 'facilitator', m.display_name COLLATE "
	    "circle_name", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, p->session.group);
	circle_bind_text(st, 2, date);
	circle_bind_text(st, 3, p->prev_local != NULL ? p->prev_local : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->members = circle_xgrow(p->members, p->nmembers,
		    sizeof *p->members);
		m = &p->members[p->nmembers++];
		memset(m, 0, sizeof *m);
		m->handle = circle_col_dup(st, 0);
		m->name = circle_col_dup(st, 1);
		m->pronouns = circle_col_dup(st, 2);
		m->role = circle_col_dup(st, 3);
		m->joined_on = circle_col_dup(st, 4);
		m->is_new = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "expected members");
	for (i = 0; i < p->nmembers; i++)
		if (history(db, p, &p->members[i], e) == -1)
			return -1;
	return 0;
}

int
circle_prep_get(struct circle_db *db, const char *group, const char *ref,
    struct circle_prep *p, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		 date[11];

	memset(p, 0, sizeof *p);
	if (circle_session_get(db, group, ref, &p->session, e) == -1)
		return -1;
	memcpy(date, p->session.local_start, 10);
	date[10] = '\0';
	/* The session before: its date, topic and notes. */
	if ((st = circle_prepare(db, "SELECT substr(s.local_start, 1, 10), "
	    "s.topic, s.notes, s.status = 'held', coalesce(s.headcount, -1), "
	    "(SELECT count(*) FROM expected e WHERE e.session_id = s.id AND "
	    "e.mark IN " CIRCLE_SQL_CAME "), (SELECT count(*) "
	    "FROM expected e WHERE e.session_id = s.id) FROM session s WHERE "
	    "s.grp_id = (SELECT grp_id "
	    "FROM session WHERE id = ?1) AND s.starts_at < (SELECT starts_at "
	    "FROM session WHERE id = ?1) AND s.status != 'cancelled' ORDER BY "
	    "s.starts_at DESC LIMIT 1", e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, p->session.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->prev_local = circle_col_dup(st, 0);
		p->prev_topic = circle_col_dup(st, 1);
		p->prev_notes = circle_col_dup(st, 2);
		p->prev_held = sqlite3_column_int(st, 3);
		p->prev_headcount = sqlite3_column_int64(st, 4);
		p->prev_came = sqlite3_column_int(st, 5);
		p->prev_expected = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	if ((st = circle_prepare(db, "SELECT EXISTS (SELECT 1 FROM session s "
	    "WHERE s.grp_id = (SELECT grp_id FROM session WHERE id = ?1) AND "
	    "s.status = 'held' AND s.starts_at < (SELECT starts_at FROM "
	    "session WHERE id = ?1))", e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, p->session.id);
	if (sqlite3_step(st) == SQLITE_ROW)
		p->recorded = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if ((st = circle_prepare(db, "SELECT g.checkin_survey, "
	    "g.checkout_survey, (SELECT count(*) FROM session s WHERE "
	    "s.grp_id = g.id AND s.status != 'cancelled' AND s.starts_at <= "
	    "(SELECT starts_at FROM session WHERE id = ?1)) FROM grp g WHERE "
	    "g.handle = ?2", e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, p->session.id);
	circle_bind_text(st, 2, p->session.group);
	if (sqlite3_step(st) == SQLITE_ROW) {
		p->checkin_survey = circle_col_dup(st, 0);
		p->checkout_survey = circle_col_dup(st, 1);
		p->number = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (load_members(db, p, date, e) == -1 ||
	    open_followups(db, p, e) == -1)
		goto fail;
	return 0;
fail:
	circle_prep_release(p);
	return -1;
}
