/*
 * signsession.c: a sign-in sheet's row's session (by --session, a
 * register's day, a session column, a printed sheet's When row, a date
 * and time, or a call's or form's stamp), found and cached; moved out of
 * signin.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "signin.h"

/*
 * A group and a local date and time name one session: found with one
 * indexed lookup, and checked as circle_target_get() would.  1 when
 * found, 0 to ask circle_target_get() (no time given, or two sessions
 * then), -1 on an error.
 */
static int
session_by_start(struct circle_db *db, struct sheet *sh, long long gid,
    const char *local, struct circle_target *t, struct circle_err *e)
{
	static const char sql[] = "SELECT id, uid, status, tzid FROM session "
	    "WHERE grp_id = ? AND local_start = ? LIMIT 2";
	struct circle_date	 d;
	sqlite3_stmt		*st;
	char			 key[80], today[11], tz[65];
	long long		*v;
	int			 n = 0, rc;

	if (local == NULL || strlen(local) != 16)
		return 0;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, local);
	memset(t, 0, sizeof *t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ == 0) {
		t->id = sqlite3_column_int64(st, 0);
		t->uid = circle_col_dup(st, 1);
		t->status = circle_col_dup(st, 2);
		snprintf(tz, sizeof tz, "%s", sqlite3_column_text(st, 3));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		circle_target_release(t);
		return circle_db_error(db, e, "session");
	}
	if (n != 1) {
		circle_target_release(t);
		return 0;	/* none or two: let the general path say so */
	}
	t->gid = gid;
	snprintf(t->day, sizeof t->day, "%.10s", local);
	if (!sh->o->force && (strcmp(t->status, "cancelled") == 0 ||
	    strcmp(t->status, "not_held") == 0)) {
		circle_err_set(e, CIRCLE_EDATA, "session %s is %s; give --force "
		    "to record it anyway", local, t->status);
		circle_target_release(t);
		return -1;
	}
	/* Today, once per zone. */
	snprintf(key, sizeof key, "tz\x1f%s", tz);
	if ((v = circle_strmap_find(&sh->groups, key)) == NULL) {
		if (circle_date_today_in(tz, &d) == -1)
			circle_date_today(&d);
		circle_strmap_put(&sh->groups, key, d.year * 10000LL + d.month * 100 +
		    d.day);
		v = circle_strmap_find(&sh->groups, key);
	}
	snprintf(today, sizeof today, "%04u-%02u-%02u",
	    (unsigned)(*v / 10000 % 10000), (unsigned)(*v / 100 % 100),
	    (unsigned)(*v % 100));
	if (!sh->o->force && strcmp(t->day, today) > 0) {
		circle_err_set(e, CIRCLE_EDATA, "session %s is in the future; "
		    "give --force to record it anyway", local);
		circle_target_release(t);
		return -1;
	}
	return 1;
}

/* A call's time joined with no date (Meet's "7:01 PM"): --session says
 * whose it is. */
static int
stamp_undated(struct circle_err *e)
{
	char	was[sizeof e->msg];

	snprintf(was, sizeof was, "%s", e->msg);
	return circle_err_set(e, e->code, "%s; or give the session with "
	    "--session", was);
}

/*
 * A sign-in sheet's Time column beside each name ("7:02 PM") may say
 * when the person arrived, not when the session began: a time local
 * (YYYY-MM-DDTHH:MM, in start) that no session starts at, on a day with
 * one session of group gid it falls in (from an hour before its start to
 * its end), is that session's; its start put in start, said once.  1
 * when so, 0 when not, -1 on an error.
 */
static int
arrival_session(struct circle_db *db, struct sheet *sh, long long gid,
    char *start, size_t size, struct circle_err *e)
{
	static const char sql[] = "SELECT local_start FROM session WHERE "
	    "grp_id = ?1 AND local_start >= substr(?2, 1, 10) AND "
	    "local_start < substr(?2, 1, 10) || 'U' AND ?2 >= "
	    "strftime('%Y-%m-%dT%H:%M', local_start, '-60 minutes') AND "
	    "?2 <= strftime('%Y-%m-%dT%H:%M', local_start, printf('+%d "
	    "minutes', CAST(round((julianday(ends_at) - "
	    "julianday(starts_at)) * 1440) AS INTEGER))) LIMIT 2";
	sqlite3_stmt	*st;
	size_t		 line, col;
	char		 found[17] = "";
	int		 rc, n = 0;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, start);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ == 0)
		snprintf(found, sizeof found, "%s",
		    (const char *)sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "session", e);
	sqlite3_reset(st);
	if (rc == -1)
		return -1;
	if (n != 1)
		return 0;
	if (!sh->arrival_said) {
		sh->arrival_said = 1;
		circle_csv_where(&sh->in, C_TIME, &line, &col);
		sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
		    sizeof *sh->r->notes);
		circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu:%zu "
		    "(%s): \"%s\" is no session's start: the column's times "
		    "read as when each person arrived, at the session they "
		    "fall in (%s); --map \"%s=ignore\" leaves it out",
		    sh->o->name, line, col, sh->in.header[col - 1],
		    circle_csv_get(&sh->in, C_TIME), found,
		    sh->in.header[col - 1]);
	}
	snprintf(start, size, "%s", found);
	return 1;
}

/*
 * Google Meet's attendance report writes when each person joined as a
 * time alone ("7:01 PM") and names its file by the meeting's start:
 * "2026-12-01 19:00 Thursday Circle - Attendance Report.csv" (a dash or
 * an underscore for the colon once downloaded).  A stamp that is a time
 * of day alone, in a file named so, is of that day: 0 with w, said once;
 * -1 when not (e untouched).
 */
static int
stamp_file_day(struct sheet *sh, struct circle_csv_when *w)
{
	const char		*stamp = circle_csv_get(&sh->in, C_STAMP);
	const char		*base, *slash;
	struct circle_date	 d;
	char			 day[11];
	int			 h, m;

	if (stamp == NULL || circle_clock_read(stamp, &h, &m) == -1)
		return -1;
	slash = strrchr(sh->o->path, '/');
	base = slash != NULL ? slash + 1 : sh->o->path;
	if (strlen(base) < 11 || (base[10] != ' ' && base[10] != '_'))
		return -1;
	snprintf(day, sizeof day, "%.10s", base);
	if (circle_date_parse(day, &d) == -1)
		return -1;
	memset(w, 0, sizeof *w);
	circle_date_format(&d, w->day);
	if (sh->file_day_said++ == 0) {
		sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
		    sizeof *sh->r->notes);
		circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu: "
		    "\"%s\" has no date: the day the file's name begins with, "
		    "%s, as Google Meet names its attendance report (give "
		    "--session if the meeting was another day)", sh->o->name,
		    sh->in.row->line, stamp, w->day);
	}
	return 0;
}

/* A row's session refused at column c; its day the file's name's
 * (stamp_file_day), the message says so, as no note is said then. */
static int
session_at(struct sheet *sh, int c, int file_day, struct circle_err *e)
{
	char	was[sizeof e->msg];

	if (file_day && (e->code == CIRCLE_EDATA ||
	    e->code == CIRCLE_EFAIL)) {
		snprintf(was, sizeof was, "%s", e->msg);
		circle_err_set(e, CIRCLE_EDATA, "%s; the day is the one the "
		    "file's name begins with, as Google Meet names its "
		    "attendance report: give --session if the meeting was "
		    "another day", was);
	}
	return circle_csv_at(&sh->in, c, e);
}

/* The session of a row: cached by group, date and time. */
int
circle_signin_session(struct circle_db *db, struct sheet *sh,
    struct circle_target *t, struct circle_err *e)
{
	const char	*g = circle_csv_get(&sh->in, C_GROUP);
	const char	*d = circle_csv_get(&sh->in, C_DATE);
	const char	*tm = circle_csv_get(&sh->in, C_TIME), *sref;
	const char	*stamp = circle_csv_get(&sh->in, C_STAMP);
	struct circle_csv_when	 w;
	char		 key[160], ref[40];
	long long	*v, id, gid;
	int		 c, k, rc, h, m, timed = 0, midnight = 0;
	int		 file_day = 0;

	if (sh->fixed_id > 0) {
		/* --session: every row's; a stamp of another day is refused
		 * (a report of another meeting), one with no date passed. */
		if (circle_csv_get(&sh->in, C_STAMP) != NULL) {
			if (circle_csv_date(&sh->in, C_STAMP, &w, e) == -1)
				circle_err_clear(e);
			else if (circle_call_stamp_day(db, sh->fixed_gid,
			    &sh->in, C_STAMP, &w, e) == -1)
				return -1;
			else if (strncmp(w.day, sh->fixed, 10) != 0) {
				circle_err_set(e, CIRCLE_EDATA, "joined on %s, "
				    "not the day of --session %s (%.10s)",
				    w.day, sh->o->session, sh->fixed);
				return circle_csv_at(&sh->in, C_STAMP, e);
			}
		}
		t->id = sh->fixed_id;
		t->gid = sh->fixed_gid;
		return 0;
	}
	if (g == NULL)
		g = sh->o->group;
	if (sh->day != NULL) {
		/* A register's: the day its column's header is. */
		c = C_STATUS;
		sref = sh->day;
		timed = strlen(sref) > 10;
	} else if ((sref = circle_csv_get(&sh->in, C_SESSION)) != NULL)
		c = C_SESSION;
	else if (sh->when[0] != '\0' && d == NULL) {
		/* The printed sheet: its session, above the table. */
		c = C_SIGNED;
		sref = sh->when;
		timed = strlen(sh->when) > 10;
	}
	/* Zoom's "--", no join: the summary's day. */
	else if (d == NULL && (stamp == NULL || strcmp(stamp, "--") == 0) &&
	    sh->summary_day[0] != '\0') {
		c = C_STAMP;
		sref = sh->summary_day;
		snprintf(sh->stamp_day, sizeof sh->stamp_day, "%s", sref);
	} else if (d != NULL || stamp != NULL) {
		/*
		 * The date, and the time from its own column or the date's.
		 * A form's stamp says when the person signed in, not when
		 * the session began: its day only (that day's one session;
		 * two need a time or session column).
		 */
		c = d != NULL ? C_DATE : C_STAMP;
		if (circle_csv_date(&sh->in, c, &w, e) == -1) {
			/* Meet's "7:01 PM": the file's name's day. */
			if (c != C_STAMP || stamp_file_day(sh, &w) == -1)
				return c == C_STAMP ? stamp_undated(e) : -1;
			circle_err_clear(e);
			file_day = 1;
		}
		/* A date cell at midnight is the day alone, as a workbook's
		 * date-time cell and pandas' CSV write one, unless the group
		 * has a session at midnight (below). */
		if (c == C_DATE && w.has_time && !w.zone && w.h == 0 &&
		    w.m == 0 && w.s == 0 && tm == NULL)
			midnight = 1;
		/* In the group's zone (an unknown group is said below). */
		if (c == C_STAMP) {
			if ((v = circle_strmap_find(&sh->groups, g != NULL ?
			    g : "")) != NULL)
				id = *v;
			else if (circle_group_resolve(db, g, &id, e) == -1)
				id = 0;
			circle_err_clear(e);
			if (circle_call_stamp_day(db, id, &sh->in, C_STAMP,
			    &w, e) == -1)
				return -1;
		}
		if (c == C_STAMP)
			w.has_time = w.zone = 0;
		if (tm != NULL) {
			if (circle_csv_time(&sh->in, C_TIME, &h, &m, e) == -1)
				return -1;
			w.h = h, w.m = m, w.has_time = 1;
		} else if (w.zone) {
			circle_err_set(e, CIRCLE_EDATA, "\"%s\": a time in UTC "
			    "or with an offset; give the session's local "
			    "time", d);
			return circle_csv_at(&sh->in, C_DATE, e);
		}
		if ((timed = w.has_time))
			snprintf(ref, sizeof ref, "%sT%02d:%02d", w.day, w.h,
			    w.m);
		else
			snprintf(ref, sizeof ref, "%s", w.day);
		sref = ref;
		snprintf(sh->stamp_day, sizeof sh->stamp_day, "%s", ref);
	} else
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no date or "
		    "session", sh->o->name, sh->in.row->line);
	snprintf(key, sizeof key, "%s\x1f%s", g != NULL ? g : "", sref);
	if ((v = circle_strmap_find(&sh->sessions, key)) != NULL && *v > 0) {
		t->id = *v;
		if ((v = circle_strmap_find(&sh->groups, g != NULL ? g :
		    "")) != NULL)
			t->gid = *v;
		return 0;
	}
	/* An unknown group is the group column's fault. */
	if ((v = circle_strmap_find(&sh->groups, g != NULL ? g : "")) != NULL)
		id = *v;
	else if (circle_group_resolve(db, g, &id, e) == -1)
		return circle_csv_at(&sh->in, g != sh->o->group ? C_GROUP : c,
		    e);
	else
		circle_strmap_put(&sh->groups, g != NULL ? g : "", id);
	if ((rc = session_by_start(db, sh, id, timed ? sref : NULL, t,
	    e)) == -1)
		return session_at(sh, c, file_day, e);
	if (rc == 0 && midnight) {
		/* No session at midnight: the day's. */
		snprintf(ref, sizeof ref, "%s", w.day);
		snprintf(sh->stamp_day, sizeof sh->stamp_day, "%s", ref);
	}
	/* A Time column of when each person arrived: their session's. */
	if (rc == 0 && c == C_DATE && tm != NULL && timed) {
		if ((k = arrival_session(db, sh, id, ref, sizeof ref, e)) == -1)
			return -1;
		if (k == 1 && (rc = session_by_start(db, sh, id, ref, t,
		    e)) == -1)
			return session_at(sh, c, file_day, e);
	}
	if (rc == 0 && circle_target_get(db, g, sref, sh->o->force, t,
	    e) == -1)
		return session_at(sh, c, file_day, e);
	if (strcmp(t->status, "scheduled") == 0)
		json_array_append_new(sh->held, json_integer(t->id));
	if (circle_session_make_held(db, t->id, e) == -1)
		return -1;
	if (strcmp(t->status, "scheduled") == 0)
		sh->r->sessions++;
	circle_strmap_put(&sh->sessions, key, t->id);
	id = t->id;
	gid = t->gid;
	circle_target_release(t);
	t->id = id;
	t->gid = gid;
	return 0;
}
