/*
 * session.c: sessions one at a time: added, found by a reference (an id,
 * next, last, today, a date), listed, edited and cancelled.  Times are
 * stored in UTC with the wall-clock start beside them.  Series are
 * series.c's, moves move.c's.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "record.h"

#define SESSION_COLUMNS "s.id, s.uid, g.handle, g.name, s.series_id, " \
	"s.recurrence_id, s.starts_at, s.ends_at, s.local_start, s.tzid, " \
	"coalesce(s.location, r.location, g.location), " \
	"coalesce(s.online_url, r.online_url, g.online_url), " \
	"coalesce(s.topic, r.topic), s.status, s.cancel_reason, s.headcount, " \
	"s.notes, s.sequence"

/* A session with its group and series, for SESSION_COLUMNS. */
#define SESSION_FROM "session s JOIN grp g ON g.id = s.grp_id LEFT JOIN " \
	"series r ON r.id = s.series_id"

#define SF(n, c, k, m) { n, #c, k, m, 0, \
	offsetof(struct circle_session_set, c) }
static const struct circle_field session_fields[] = {
	SF("topic", topic, F_TEXT, 300),
	SF("location", location, F_TEXT, 300),
	SF("notes", notes, F_NOTES, 8000),
	SF("online", online_url, F_URL, 2000),
};

void
circle_session_release(struct circle_session *s)
{
	free(s->uid);
	free(s->group);
	free(s->group_name);
	free(s->recurrence_id);
	free(s->starts_at);
	free(s->ends_at);
	free(s->local_start);
	free(s->tzid);
	free(s->location);
	free(s->online_url);
	free(s->topic);
	free(s->status);
	free(s->cancel_reason);
	free(s->notes);
	memset(s, 0, sizeof *s);
}

static void
session_from_row(sqlite3_stmt *st, struct circle_session *s)
{
	char	end[17];

	s->id = sqlite3_column_int64(st, 0);
	s->uid = circle_col_dup(st, 1);
	s->group = circle_col_dup(st, 2);
	s->group_name = circle_col_dup(st, 3);
	s->series_id = sqlite3_column_int64(st, 4);
	s->recurrence_id = circle_col_dup(st, 5);
	s->starts_at = circle_col_dup(st, 6);
	s->ends_at = circle_col_dup(st, 7);
	s->local_start = circle_col_dup(st, 8);
	s->tzid = circle_col_dup(st, 9);
	s->location = circle_col_dup(st, 10);
	s->online_url = circle_col_dup(st, 11);
	s->topic = circle_col_dup(st, 12);
	s->status = circle_col_dup(st, 13);
	s->cancel_reason = circle_col_dup(st, 14);
	s->headcount = sqlite3_column_type(st, 15) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 15);
	s->notes = circle_col_dup(st, 16);
	s->sequence = sqlite3_column_int(st, 17);
	s->moved = s->recurrence_id != NULL &&
	    strcmp(s->recurrence_id, s->starts_at) != 0;
	s->duration = (int)circle_utc_minutes(s->starts_at, s->ends_at);
	/* The end in local time: HH:MM on the same day, else date and time. */
	if (circle_utc_to_local(s->ends_at, s->tzid, end) == 0)
		snprintf(s->local_end, sizeof s->local_end, "%s",
		    strncmp(end, s->local_start, 10) == 0 ? end + 11 : end);
}

/* A local wall time "YYYY-MM-DDTHH:MM" in tzid to UTC. */
int
circle_local_utc(const char *local, const char *tzid, char out[21],
    struct circle_err *e)
{
	struct circle_date	d;
	char			date[11];
	int			h, m;

	memcpy(date, local, 10);
	date[10] = '\0';
	if (circle_date_parse(date, &d) == -1 ||
	    circle_time_parse(local + 11, &h, &m) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
		    "and time", local);
	if (circle_local_to_utc(tzid, &d, h, m, out) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is not a "
		    "known time zone", tzid);
	return 0;
}

int
circle_session_log(struct circle_db *db, const char *action, const char *uid,
    const char *detail, struct circle_err *e)
{
	struct circle_change	c = { action, "session", uid, NULL, detail };

	return circle_log(db, &c, e);
}

int
circle_session_insert(struct circle_db *db, long long gid, long long series_id,
    const char *local, const char *tzid, int duration, const char *location,
    const char *topic, long long *id, struct circle_err *e)
{
	static const char sql[] = "INSERT INTO session (uid, grp_id, "
	    "series_id, recurrence_id, starts_at, ends_at, local_start, tzid, "
	    "location, topic, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 start[21], end[21], now[21], *uid;
	int		 rc;

	if (circle_local_utc(local, tzid, start, e) == -1)
		return -1;
	circle_utc_add_minutes(start, duration, end);
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	if ((uid = circle_uuid(e)) == NULL)
		return -1;
	circle_now_utc(now);
	circle_bind_text(st, 1, uid);
	sqlite3_bind_int64(st, 2, gid);
	if (series_id != 0)
		sqlite3_bind_int64(st, 3, series_id);
	else
		sqlite3_bind_null(st, 3);
	circle_bind_text(st, 4, series_id != 0 ? start : NULL);
	circle_bind_text(st, 5, start);
	circle_bind_text(st, 6, end);
	circle_bind_text(st, 7, local);
	circle_bind_text(st, 8, tzid);
	circle_bind_text(st, 9, location);
	circle_bind_text(st, 10, topic);
	circle_bind_text(st, 11, now);
	circle_bind_text(st, 12, now);
	rc = circle_exec_cached(db, st, e);
	if (rc == 0 && id != NULL)
		*id = sqlite3_last_insert_rowid(db->h);
	free(uid);
	return rc;
}

/*
 * The group sessions are made in, by planning, adding or importing them:
 * never an archived one.  g is the caller's to release.
 */
int
circle_session_group(struct circle_db *db, const char *ref,
    struct circle_group *g, struct circle_err *e)
{
	if (circle_group_get(db, ref, g, e) == -1)
		return -1;
	if (g->archived_at != NULL) {
		circle_err_set(e, CIRCLE_EFAIL, "group %s is archived",
		    g->handle);
		circle_group_release(g);
		return -1;
	}
	return 0;
}

struct add {
	const char			*group;
	const char			*date;
	const char			*time;
	const char			*duration;
	const struct circle_session_set	*set;
	struct circle_session		*out;
	struct circle_wall		*wall;
};

static int
add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct add		*a = arg;
	struct circle_date	 d;
	struct circle_group	 g;
	long long		 id;
	char			 local[17], at[17];
	int			 duration, h, m, rc = -1;

	if (circle_session_group(db, a->group, &g, e) == -1)
		return -1;
	duration = g.duration;
	if (circle_date_parse(a->date, &d) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a date "
		    "(YYYY-MM-DD)", a->date);
		goto out;
	}
	if (circle_clock_check("at", a->time, &h, &m, e) == -1)
		goto out;
	if (a->duration != NULL &&
	    circle_length_check("for", a->duration, &duration, e) == -1)
		goto out;
	if ((a->set->topic != NULL && circle_check_text("topic",
	    a->set->topic, 300, e) == -1) || (a->set->location != NULL &&
	    circle_check_text("location", a->set->location, 300, e) == -1))
		goto out;
	snprintf(local, sizeof local, "%s %02d:%02d", a->date, h, m);
	local[10] = 'T';
	/* A time at a clock change is said, and kept as it is held. */
	if (a->wall != NULL)
		memset(a->wall, 0, sizeof *a->wall);
	if (circle_wall_check(g.tzid, local, a->wall, at) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is not a known "
		    "time zone", g.tzid);
		goto out;
	}
	/* 11pm-3am the night the clocks go forward: three hours */
	if (a->set->wall_end > 0)
		duration = circle_wall_span(g.tzid, &d, h, m,
		    a->set->wall_end, a->wall);
	if (circle_session_insert(db, g.id, 0, at, g.tzid, duration,
	    a->set->location, a->set->topic, &id, e) == -1 ||
	    circle_session_get_id(db, id, a->out, e) == -1)
		goto out;
	rc = circle_session_log(db, "add", a->out->uid, NULL, e);
out:
	circle_group_release(&g);
	return rc;
}

/*
 * A one-off session on a date at a local time; a time at a clock change is
 * said in *wall.
 */
int
circle_session_add(struct circle_db *db, const char *group, const char *date,
    const char *time, const char *duration,
    const struct circle_session_set *set, struct circle_session *out,
    struct circle_wall *wall, struct circle_err *e)
{
	struct add	a = { group, date, time, duration, set, out, wall };

	memset(out, 0, sizeof *out);
	return circle_db_write(db, add_tx, &a, e);
}

/*
 * Of the sessions ids, those held at a time another scheduled session of
 * their group is held too (for a warning): how many, and of the first of
 * them how many others it meets and the first one's local start.  One
 * statement, stepped once for each session.
 */
int
circle_session_overlaps(struct circle_db *db, const long long *ids,
    size_t nids, struct circle_overlap *o, struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;
	long		 n;
	int		 rc = SQLITE_DONE;

	memset(o, 0, sizeof *o);
	if ((st = circle_prepare(db, "SELECT count(*), min(o.local_start) "
	    "FROM session s JOIN session o ON o.grp_id = s.grp_id AND o.id != "
	    "s.id AND o.status = 'scheduled' AND o.starts_at < s.ends_at AND "
	    "o.ends_at > s.starts_at WHERE s.id = ?", e)) == NULL)
		return -1;
	for (i = 0; i < nids; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		if ((n = (long)sqlite3_column_int64(st, 0)) > 0 &&
		    o->clashing++ == 0) {
			o->at = i;
			o->n = n;
			if (sqlite3_column_text(st, 1) != NULL)
				snprintf(o->first, sizeof o->first, "%s",
				    (const char *)sqlite3_column_text(st, 1));
		}
	}
	rc = circle_step_ok(db, rc, "sessions", e);
	sqlite3_finalize(st);
	return rc;
}

int
circle_session_get_id(struct circle_db *db, long long id,
    struct circle_session *s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof *s);
	if ((st = circle_prepare(db, "SELECT " SESSION_COLUMNS " FROM "
	    SESSION_FROM " WHERE s.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return circle_db_error(db, e, "session");
		return circle_err_set(e, CIRCLE_EFAIL, "no session %lld", id);
	}
	session_from_row(st, s);
	sqlite3_finalize(st);
	return 0;
}

/*
 * The id of the one session a query finds, with the group filter: 0, or 1
 * when there is none (e says so), -1 on an error or when there are
 * several (listed).
 */
static int
pick_session(struct circle_db *db, const char *sql, long long gid,
    const char *a1, const char *ref, long long *id, struct circle_err *e)
{
	sqlite3_stmt	*st;
	const char	*status;
	char		*list = NULL, *first = NULL, *at, *hint;
	size_t		 n = 0;
	int		 scheduled, rc, groups = 1, times = 1;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, a1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		/* Told apart by group, by time, or by id alone? */
		circle_xasprintf(&at, "%s %s", sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2));
		if (first == NULL)
			first = at;
		else {
			groups += strncmp(first, at, strcspn(at, " ") + 1) != 0;
			times += strcmp(strchr(first, ' '), strchr(at, ' ')) != 0;
			free(at);
		}
		status = (const char *)sqlite3_column_text(st, 4);
		scheduled = strcmp(status, "scheduled") == 0;
		circle_xappend(&list, ", ", "%s %s (%s%s%s, id %lld)",
		    sqlite3_column_text(st, 2), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 3), scheduled ? "" : ", ",
		    scheduled ? "" : status, *id);
		n++;
	}
	sqlite3_finalize(st);
	free(first);
	if (rc != SQLITE_DONE) {
		free(list);
		return circle_db_error(db, e, "sessions");
	}
	if (n == 1) {
		free(list);
		return 0;
	}
	if (n == 0) {
		circle_err_set(e, CIRCLE_EFAIL, "no session %s%s", ref,
		    gid != 0 ? " in that group" : "");
		return 1;
	}
	if (groups > 1)
		circle_xasprintf(&hint, "--group, GROUP:%s, a time, "
		    "YYYY-MM-DDTHH:MM, or the id", ref);
	else
		hint = circle_xstrdup(times > 1 ? "a time, YYYY-MM-DDTHH:MM, "
		    "or the id" : "the id");
	circle_err_set(e, CIRCLE_EFAIL, "session \"%s\" is ambiguous: %s "
	    "(give %s)", ref, list, hint);
	free(hint);
	free(list);
	return -1;
}

#define PICK_COLUMNS "SELECT s.id, g.handle, " \
	"replace(s.local_start, 'T', ' '), s.tzid, s.status FROM session s " \
	"JOIN grp g ON g.id = s.grp_id WHERE (?1 = 0 OR s.grp_id = ?1) AND "

/* The zone of group gid (the caller frees), or NULL for none (gid 0). */
int
circle_group_zone(struct circle_db *db, long long gid, char **tz,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*tz = NULL;
	if (gid == 0)
		return 0;
	if ((st = circle_prepare(db, "SELECT tzid FROM grp WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*tz = circle_col_dup(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "groups");
	return 0;
}

/*
 * The session nearest a day, before (dir -1) or after it (dir 1), not
 * cancelled, as "yesterday, 19:00" or "Wednesday 2026-12-09, 19:00"
 * (with its group when gid is 0) in out; "" when there is none.  Its
 * group's handle in grp, when grp is not NULL.
 */
static int
nearest_said(struct circle_db *db, long long gid, const char *day, int dir,
    const struct circle_date *today, char out[96], char grp[64],
    struct circle_err *e)
{
	sqlite3_stmt		*st;
	struct circle_date	 d;
	char			 date[11], said[32];
	const char		*local;
	int			 rc;

	out[0] = '\0';
	if ((st = circle_prepare(db, dir < 0 ? "SELECT s.local_start, "
	    "g.handle FROM session s JOIN grp g ON g.id = s.grp_id WHERE "
	    "(?1 = 0 OR s.grp_id = ?1) AND s.status != 'cancelled' AND "
	    "substr(s.local_start, 1, 10) < ?2 ORDER BY s.starts_at DESC "
	    "LIMIT 1" :
	    "SELECT s.local_start, g.handle FROM session s JOIN grp g ON g.id "
	    "= s.grp_id WHERE (?1 = 0 OR s.grp_id = ?1) AND s.status != "
	    "'cancelled' AND substr(s.local_start, 1, 10) > ?2 ORDER BY "
	    "s.starts_at LIMIT 1", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, day);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		local = (const char *)sqlite3_column_text(st, 0);
		snprintf(date, sizeof date, "%.10s", local);
		if (circle_date_parse(date, &d) == 0) {
			circle_day_say(&d, today, said);
			snprintf(out, 96, "%s, %.5s%s%s%s", said, local + 11,
			    gid == 0 ? " (" : "", gid == 0 ?
			    (const char *)sqlite3_column_text(st, 1) : "",
			    gid == 0 ? ")" : "");
		}
		if (grp != NULL)
			snprintf(grp, 64, "%s",
			    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "sessions");
	return 0;
}

/*
 * The nearest sessions of group pref (the configured group) when it has
 * any, in before and after, with its handle in of: 1; else 0.
 */
static int
nearest_of(struct circle_db *db, long long pref, const char *day,
    const struct circle_date *today, char before[96], char after[96],
    char of[64], struct circle_err *e)
{
	char	grp[64] = "";

	if (pref == 0)
		return 0;
	if (nearest_said(db, pref, day, -1, today, before, grp, e) == -1 ||
	    nearest_said(db, pref, day, 1, today, after, grp, e) == -1)
		return -1;
	if (*before == '\0' && *after == '\0')
		return 0;
	snprintf(of, 64, " of %.59s", grp);
	return 1;
}

/*
 * No session on a day: say the nearest ones, so that the morning after
 * "today" points at "last"; in every group (gid 0), those of group pref
 * (the configured one; 0: none) when it has any.  Returns 1, as
 * pick_session does.
 */
static int
no_session_on(struct circle_db *db, long long gid, long long pref,
    const struct circle_date *d, const struct circle_date *today,
    struct circle_err *e)
{
	char	day[11], said[32], before[96], after[96], of[64] = "";
	int	is_today = circle_date_diff(today, d) == 0, rc = 0;

	circle_date_format(d, day);
	if ((gid == 0 && (rc = nearest_of(db, pref, day, today, before,
	    after, of, e)) == -1) || (rc == 0 && (nearest_said(db, gid, day,
	    -1, today, before, NULL, e) == -1 || nearest_said(db, gid, day, 1,
	    today, after, NULL, e) == -1)))
		return -1;
	circle_day_say(d, today, said);
	if (is_today)
		circle_err_set(e, CIRCLE_EFAIL, "no session today%s%s%s%s%s%s%s%s%s"
		    "%s", gid != 0 ? " in that group" : "", *before ?
		    "; \"last\"" : "", *before ? of : "", *before ? " was " :
		    "", before, *after ? "; \"next\"" : "", *after ? of : "",
		    *after ? " is " : "", after,
		    !*before && !*after ? " (nothing is planned; see circle "
		    "session plan)" : "");
	else
		circle_err_set(e, CIRCLE_EFAIL, "no session %s%s%s%s%s%s%s%s%s"
		    "%s",
		    is_today || strchr(said, ' ') == NULL ? "" : "on ", said,
		    gid != 0 ? " in that group" : "", *before || *after ?
		    "; the nearest" : "", of, *before || *after ? ": " : "",
		    before, *before && *after ?
		    " and " : "", after, !*before && !*after ? " (nothing is "
		    "planned; see circle session plan)" : "");
	return 1;
}


/*
 * A weekday of the locale's language that is also someone's name ("sam"
 * where LANG is fr_FR: Sam Lee), where a session goes: refused, nobody
 * guessed (attend mark sam jo).  0 when ref is no such day, or nobody's.
 */
static int
locale_day_named(struct circle_db *db, const char *ref,
    struct circle_err *e)
{
	struct circle_err	 e2;
	long long		 mid;
	int			 wd;

	if ((wd = circle_day_locale_weekday(ref)) == -1)
		return 0;
	if (circle_member_resolve(db, ref, &mid, &e2) == -1 &&
	    strstr(e2.msg, " is ambiguous: ") == NULL)
		return 0;
	return circle_err_set(e, CIRCLE_EUSAGE, "session: \"%s\" is a weekday "
	    "in the language of LANG (%s) and someone on the roster: give "
	    "the session as %.3s, the day written whole or a date", ref,
	    circle_weekday_name(wd), circle_weekday_name(wd));
}

/*
 * A day, with or without a time, in group gid (0: all; then pref, the
 * configured group, is the one whose nearest sessions a day without any
 * names).
 */
static int
resolve_day(struct circle_db *db, long long gid, long long pref,
    const char *ref, long long *id, struct circle_err *e)
{
	struct circle_day_ctx	 c;
	struct circle_date	 d;
	struct circle_err	 e2;
	long long		 zgid = gid, mid;
	char			*tz, *date = NULL, day[11], local[17];
	int			 h, m, timed, rc;

	/* No group named: the day is the only group's, when there is one. */
	if (zgid == 0 && circle_group_resolve(db, NULL, &zgid, &e2) == -1)
		zgid = 0;
	if (circle_group_zone(db, zgid, &tz, e) == -1)
		return -1;
	circle_day_context(tz, &c);
	free(tz);
	if ((timed = circle_day_time_read(ref, &date, &h, &m, e)) == -1) {
		free(date);
		return circle_err_prefix(e, "session");
	}
	rc = circle_day_parse(timed ? date : ref, &c, &d, e);
	free(date);
	if (rc == 0 && (rc = locale_day_named(db, ref, e)) == -1)
		return rc;
	/* A word that is no date at all is a usage error, like a bad verb;
	 * one nearly a day (wensday, vendredi) is said as the day's. */
	if (rc == -1 && circle_member_resolve(db, ref, &mid, &e2) == 0)
		return circle_err_set(e, CIRCLE_EUSAGE, "session: \"%s\" is "
		    "someone on the roster, not a session: give the session "
		    "(today, next, a date) before anyone's name", ref);
	if (rc == -1 && circle_group_named(db, ref))
		return circle_err_set(e, CIRCLE_EUSAGE, "session: \"%s\" is "
		    "a group, not a session: give the session after it (%s "
		    "last, %s next, or a date), or write %s:last", ref, ref,
		    ref, ref);
	if (rc == -1 && strpbrk(ref, "0123456789/+-") == NULL &&
	    strstr(e->msg, "is not a date (") != NULL)
		return circle_err_set(e, CIRCLE_EUSAGE, "session: \"%s\" is not "
		    "an id, next, last, today, a date or a date and time "
		    "(yesterday, wed, last wed, +3d, 12/23, 2026-12-01, "
		    "2026-12-01T19:00), with or without GROUP: before it", ref);
	if (rc == -1)
		return circle_err_prefix(e, "session");
	circle_date_format(&d, day);
	if (timed) {
		snprintf(local, sizeof local, "%sT%02d:%02d", day, h, m);
		return pick_session(db, PICK_COLUMNS "s.local_start = ?2", gid,
		    local, ref, id, e);
	}
	/* Today's cancelled session is not today's session; a date's is. */
	rc = pick_session(db, strcasecmp(ref, "today") == 0 ? PICK_COLUMNS
	    "substr(s.local_start, 1, 10) = ?2 AND s.status != 'cancelled'" :
	    PICK_COLUMNS "substr(s.local_start, 1, 10) = ?2", gid, day, ref,
	    id, e);
	if (rc == 0 || rc == -1)
		return rc;
	return no_session_on(db, gid, pref, &d, &c.today, e);
}

/*
 * "next" or "last" as people say it: the next session, the next meeting,
 * the previous one, the latest, in any case.  'n', 'l', or 0 when ref is
 * neither.
 */
static int
next_or_last(const char *ref)
{
	static const struct {
		const char	*word;
		int		 which;
	} words[] = {
		{ "next", 'n' }, { "coming", 'n' }, { "upcoming", 'n' },
		{ "last", 'l' }, { "previous", 'l' }, { "latest", 'l' },
		{ "most recent", 'l' },
	};
	static const char *const tail[] = { "", " session", " meeting",
	    " one", NULL };
	size_t	i, j, n;

	if (strncasecmp(ref, "the ", 4) == 0)
		ref += 4;
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		n = strlen(words[i].word);
		if (strncasecmp(ref, words[i].word, n) != 0)
			continue;
		for (j = 0; tail[j] != NULL; j++)
			if (strcasecmp(ref + n, tail[j]) == 0)
				return words[i].which;
	}
	return 0;
}

/*
 * A reference within group gid (0: all; pref as resolve_day's): 0, 1 when
 * none, -1.
 */
static int
resolve_in(struct circle_db *db, long long gid, long long pref,
    const char *ref, long long *id, struct circle_err *e)
{
	const char	*p;

	for (p = ref; isdigit((unsigned char)*p); p++)
		;
	if (*p == '\0' && strlen(ref) < 16)
		return pick_session(db, PICK_COLUMNS "s.id = ?2", gid, ref, ref,
		    id, e);
	if (next_or_last(ref) == 'n')
		return pick_session(db, PICK_COLUMNS "s.id = (SELECT s2.id "
		    "FROM session s2 WHERE (?1 = 0 OR s2.grp_id = ?1) AND "
		    "s2.status != 'cancelled' AND s2.ends_at > "
		    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ORDER BY "
		    "s2.starts_at LIMIT 1) AND ?2 IS NULL", gid, NULL,
		    "next (nothing is planned; see circle session plan)", id,
		    e);
	if (next_or_last(ref) == 'l')
		return pick_session(db, PICK_COLUMNS "s.id = (SELECT s2.id "
		    "FROM session s2 WHERE (?1 = 0 OR s2.grp_id = ?1) AND "
		    "s2.status != 'cancelled' AND s2.starts_at <= "
		    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ORDER BY "
		    "s2.starts_at DESC LIMIT 1) AND ?2 IS NULL", gid, NULL,
		    "last (none has begun yet)", id, e);
	return resolve_day(db, gid, pref, ref, id, e);
}

/*
 * GROUP:REF: the group before the first colon, unless that colon is a
 * time's (2026-12-01T19:00, wed 19:00).  *group is the caller's.
 */
static const char *
split_group(const char *ref, char **group)
{
	const char	*colon = strchr(ref, ':');
	size_t		 n;

	*group = NULL;
	if (colon == NULL || colon == ref)
		return ref;
	n = (size_t)(colon - ref);
	if (strlen(colon) == 3 && isdigit((unsigned char)colon[1]) &&
	    isdigit((unsigned char)colon[2]) && n >= 3 &&
	    isdigit((unsigned char)colon[-1]) &&
	    isdigit((unsigned char)colon[-2]) &&
	    (colon[-3] == 'T' || colon[-3] == ' '))
		return ref;
	if (strcspn(ref, " ") < n)
		return ref;
	*group = circle_xstrndup(ref, n);
	return colon + 1;
}

/*
 * A session reference to an id: an id, next (the first not over and not
 * cancelled), last (the latest begun), a day as people say it (today,
 * yesterday, wed, last wed, +3d, 12/23, 2026-12-01: day.c), a day and a
 * time (local to the session's group), and any of these after GROUP:.
 * group narrows it (NULL: the configured group first, then all groups).
 */
int
circle_session_resolve(struct circle_db *db, const char *group,
    const char *ref, long long *id, struct circle_err *e)
{
	struct circle_err	 mine;
	const char		*dflt;
	long long		 gid = 0, pref = 0;
	char			*named;
	int			 rc;

	if (ref == NULL || *ref == '\0')
		ref = "next";
	ref = split_group(ref, &named);
	if (named != NULL && group != NULL && strcmp(named, group) != 0) {
		circle_err_set(e, CIRCLE_EUSAGE, "session %s:%s is not in "
		    "--group %s", named, ref, group);
		free(named);
		return -1;
	}
	if (named != NULL)
		group = named;
	if (*ref == '\0')
		ref = "next";
	if (group != NULL && circle_group_resolve(db, group, &gid, e) == -1) {
		free(named);
		return -1;
	}
	free(named);
	/* No group named: the configured one first, then every group. */
	if (gid == 0 && (dflt = circle_setting("group")) != NULL) {
		if (circle_group_resolve(db, dflt, &gid, e) == -1)
			return circle_err_prefix(e, "the config's group");
		if ((rc = resolve_in(db, gid, 0, ref, id, &mine)) <= 0) {
			if (rc == -1)
				*e = mine;
			return rc;
		}
		pref = gid;
		gid = 0;
	}
	return resolve_in(db, gid, pref, ref, id, e) == 0 ? 0 : -1;
}

int
circle_session_get(struct circle_db *db, const char *group, const char *ref,
    struct circle_session *s, struct circle_err *e)
{
	long long	id;

	memset(s, 0, sizeof *s);
	if (circle_session_resolve(db, group, ref, &id, e) == -1)
		return -1;
	return circle_session_get_id(db, id, s, e);
}

int
circle_session_list(struct circle_db *db, const struct circle_session_filter *f,
    struct circle_session **ss, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 gid = 0;
	int		 rc;

	*ss = NULL;
	*n = 0;
	if ((f->from != NULL && circle_date_check("from", f->from, e) == -1) ||
	    (f->to != NULL && circle_date_check("to", f->to, e) == -1))
		return -1;
	if (f->from != NULL && f->to != NULL && strcmp(f->to, f->from) < 0)
		return circle_err_set(e, CIRCLE_EDATA, "to: %s is before from "
		    "(%s)", f->to, f->from);
	if (f->group != NULL && circle_group_resolve(db, f->group, &gid,
	    e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT " SESSION_COLUMNS " FROM "
	    SESSION_FROM " WHERE (?1 = 0 OR s.grp_id = ?1) "
	    "AND (?2 IS NULL OR substr(s.local_start, 1, 10) >= ?2) "
	    "AND (?3 IS NULL OR substr(s.local_start, 1, 10) <= ?3) "
	    "AND (NOT ?4 OR s.ends_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
	    "AND (NOT ?5 OR s.starts_at <= strftime('%Y-%m-%dT%H:%M:%SZ', "
	    "'now')) AND (NOT ?6 OR " CIRCLE_SQL_UNRECORDED ") "
	    "AND (?7 OR s.status != 'cancelled') "
	    "ORDER BY s.starts_at, g.handle", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, f->from);
	circle_bind_text(st, 3, f->to);
	sqlite3_bind_int(st, 4, f->upcoming);
	sqlite3_bind_int(st, 5, f->past || f->unrecorded);
	sqlite3_bind_int(st, 6, f->unrecorded);
	sqlite3_bind_int(st, 7, f->cancelled);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ss = circle_xgrow(*ss, *n, sizeof **ss);
		session_from_row(st, &(*ss)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "list sessions");
	return 0;
}

/* rc, with the session's local start handed to *out when it was done. */
static int
session_said(int rc, char *start, char **out)
{
	if (out != NULL && rc == 0)
		*out = start;
	else
		free(start);
	return rc;
}

struct edit {
	const char			*group;
	const char			*ref;
	const struct circle_session_set	*set;
	char				*start;	/* the session's local start */
};

/*
 * An edit's fields written on a session found in this transaction, and
 * logged (session move --for calls it too, for edit --for).
 */
int
circle_session_edit_row(struct circle_db *db, const struct circle_session *s,
    const struct circle_session_set *set, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*detail = NULL;
	int		 rc = -1;

	if (circle_record_update(db, "session", s->id, session_fields,
	    sizeof session_fields / sizeof session_fields[0], set, &detail,
	    e) == -1)
		goto out;
	if (detail == NULL) {
		circle_err_set(e, CIRCLE_EFAIL, "session %lld: nothing to "
		    "change", s->id);
		goto out;
	}
	/* Calendars see topic and place: a new SEQUENCE. */
	if ((st = circle_prepare(db, "UPDATE session SET sequence = sequence + "
	    "1 WHERE id = ?", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, s->id);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	rc = circle_session_log(db, "edit", s->uid, detail, e);
out:
	free(detail);
	return rc;
}

static int
edit_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct edit		*a = arg;
	struct circle_session	 s;
	int			 rc;

	if (circle_session_get(db, a->group, a->ref, &s, e) == -1)
		return -1;
	free(a->start);
	a->start = circle_xstrdup(s.local_start);
	rc = circle_session_edit_row(db, &s, a->set, e);
	circle_session_release(&s);
	return rc;
}

/*
 * Edit a session; the local start of the one ref named in *start (the
 * caller's to free) when start is not NULL and it was edited.
 */
int
circle_session_edit(struct circle_db *db, const char *group, const char *ref,
    const struct circle_session_set *set, char **start, struct circle_err *e)
{
	struct edit	a = { group, ref, set, NULL };
	int		rc;

	rc = circle_db_write(db, edit_tx, &a, e);
	return session_said(rc, a.start, start);
}

struct cancel {
	const char	*group;
	const char	*ref;
	const char	*reason;
	int		 undo;
	char		*start;		/* the session's local start */
};

/*
 * cancel --undo next (or last) finds the next session not cancelled; the
 * one meant is the cancelled one nearer than it, in its group (just
 * cancelled, "next" went on to the one after): its id, 0 for none.
 */
static long long
cancelled_nearer(struct circle_db *db, const struct circle_session *s,
    int which, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id = 0;

	if ((st = circle_prepare(db, which == 'n' ? "SELECT c.id FROM "
	    "session c, session s WHERE s.id = ?1 AND c.grp_id = s.grp_id AND "
	    "c.status = 'cancelled' AND c.starts_at < s.starts_at AND "
	    "c.ends_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ORDER BY "
	    "c.starts_at LIMIT 1" : "SELECT c.id FROM session c, session s "
	    "WHERE s.id = ?1 AND c.grp_id = s.grp_id AND c.status = "
	    "'cancelled' AND c.starts_at > s.starts_at AND c.starts_at <= "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') ORDER BY c.starts_at DESC "
	    "LIMIT 1", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->id);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int
cancel_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct cancel		*a = arg;
	struct circle_session	 s;
	sqlite3_stmt		*st;
	json_t			*j;
	char			*detail, now[21];
	long long		 near;
	int			 rc = -1;

	if (circle_session_get(db, a->group, a->ref, &s, e) == -1)
		return -1;
	if (a->undo && strcmp(s.status, "cancelled") != 0 &&
	    next_or_last(a->ref) != 0) {
		if ((near = cancelled_nearer(db, &s, next_or_last(a->ref),
		    e)) == -1)
			goto out;
		if (near > 0) {
			circle_session_release(&s);
			if (circle_session_get_id(db, near, &s, e) == -1)
				return -1;
		}
	}
	free(a->start);
	a->start = circle_xstrdup(s.local_start);
	if (!a->undo && strcmp(s.status, "scheduled") != 0) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s is %s, not "
		    "scheduled", s.local_start, s.status);
		goto out;
	}
	if (a->undo && strcmp(s.status, "cancelled") != 0) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s is not cancelled",
		    s.local_start);
		goto out;
	}
	if (a->reason != NULL && circle_check_text("reason", a->reason, 300,
	    e) == -1)
		goto out;
	circle_now_utc(now);
	if ((st = circle_prepare(db, "UPDATE session SET status = ?, "
	    "cancel_reason = ?, sequence = sequence + 1, updated_at = ? "
	    "WHERE id = ?", e)) == NULL)
		goto out;
	circle_bind_text(st, 1, a->undo ? "scheduled" : "cancelled");
	circle_bind_text(st, 2, a->undo ? NULL : a->reason);
	circle_bind_text(st, 3, now);
	sqlite3_bind_int64(st, 4, s.id);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	j = json_pack("{s:s?}", "reason", a->reason);
	detail = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = circle_session_log(db, a->undo ? "uncancel" : "cancel", s.uid,
	    detail, e);
	free(detail);
out:
	circle_session_release(&s);
	return rc;
}

/*
 * Cancel a session (the row stays, with its reason), or undo that; its
 * local start in *start as circle_session_edit's.
 */
int
circle_session_cancel(struct circle_db *db, const char *group, const char *ref,
    const char *reason, int undo, char **start, struct circle_err *e)
{
	struct cancel	a = { group, ref, reason, undo, NULL };
	int		rc;

	rc = circle_db_write(db, cancel_tx, &a, e);
	return session_said(rc, a.start, start);
}
