/*
 * signin.c: a sign-in sheet (CSV) imported as marks: each row's session
 * and person found (and cached), marked as attend.c marks, one batch in
 * the change log that undo can put back.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"

enum { C_DATE, C_TIME, C_SESSION, C_GROUP, C_HANDLE, C_NAME, C_EMAIL,
    C_STATUS, C_NOTE, C_NCOLS };

static const struct circle_csv_field sheet_headers[] = {
	{ "date", C_DATE }, { "day", C_DATE }, { "sessiondate", C_DATE },
	{ "time", C_TIME }, { "start", C_TIME }, { "session", C_SESSION },
	{ "group", C_GROUP }, { "handle", C_HANDLE }, { "member", C_HANDLE },
	{ "username", C_HANDLE }, { "name", C_NAME }, { "fullname", C_NAME },
	{ "displayname", C_NAME }, { "email", C_EMAIL },
	{ "emailaddress", C_EMAIL }, { "status", C_STATUS },
	{ "attendance", C_STATUS }, { "mark", C_STATUS },
	{ "attended", C_STATUS }, { "note", C_NOTE }, { "notes", C_NOTE },
	{ "comment", C_NOTE },
};

struct sheet {
	const struct circle_import_opts	*o;
	struct circle_attend_result	*r;
	struct circle_csv_reader	 in;		/* the sheet */
	struct circle_strmap		 groups, sessions, members;
	json_t				*held;		/* session ids made held */
	char				*batch;
	long long			 first;		/* attendance id before */
	char				 now[21];	/* one time for all */
};

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
	if (strcmp(t->status, "cancelled") == 0 ||
	    strcmp(t->status, "not_held") == 0) {
		circle_err_set(e, CIRCLE_EDATA, "session %s is %s", local,
		    t->status);
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
	if (strcmp(t->day, today) > 0) {
		circle_err_set(e, CIRCLE_EDATA, "session %s is in the future",
		    local);
		circle_target_release(t);
		return -1;
	}
	return 1;
}

/* The session of a row: cached by group, date and time. */
static int
sheet_session(struct circle_db *db, struct sheet *sh,
    struct circle_target *t, struct circle_err *e)
{
	const char	*g = circle_csv_get(&sh->in, C_GROUP);
	const char	*d = circle_csv_get(&sh->in, C_DATE);
	const char	*tm = circle_csv_get(&sh->in, C_TIME), *sref;
	char		 key[160], ref[40];
	long long	*v, id;
	int		 c, rc;

	if (g == NULL)
		g = sh->o->group;
	if ((sref = circle_csv_get(&sh->in, C_SESSION)) != NULL)
		c = C_SESSION;
	else if (d != NULL) {
		c = C_DATE;
		snprintf(ref, sizeof ref, "%s%s%s", d, tm != NULL ? "T" : "",
		    tm != NULL ? tm : "");
		sref = ref;
	} else
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no date or "
		    "session", sh->o->name, sh->in.row->line);
	snprintf(key, sizeof key, "%s\x1f%s", g != NULL ? g : "", sref);
	if ((v = circle_strmap_find(&sh->sessions, key)) != NULL && *v > 0) {
		t->id = *v;
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
	if ((rc = session_by_start(db, sh, id, c == C_DATE && tm != NULL ?
	    sref : NULL, t, e)) == -1)
		return circle_csv_at(&sh->in, c, e);
	if (rc == 0 && circle_target_get(db, g, sref, 0, t, e) == -1)
		return circle_csv_at(&sh->in, c, e);
	if (strcmp(t->status, "scheduled") == 0)
		json_array_append_new(sh->held, json_integer(t->id));
	if (circle_session_make_held(db, t->id, e) == -1)
		return -1;
	if (strcmp(t->status, "scheduled") == 0)
		sh->r->sessions++;
	circle_strmap_put(&sh->sessions, key, t->id);
	id = t->id;
	circle_target_release(t);
	t->id = id;
	return 0;
}

/* The person of a row, by handle, email or name: cached. */
static int
sheet_member(struct circle_db *db, struct sheet *sh,
    long long *mid, struct circle_err *e)
{
	static const char byemail[] = "SELECT id FROM member WHERE email = ? "
	    "COLLATE NOCASE";
	const char	*ref;
	char		 key[320];
	long long	*v;
	sqlite3_stmt	*st;
	int		 c, rc;

	if ((ref = circle_csv_get(&sh->in, C_HANDLE)) != NULL)
		c = C_HANDLE;
	else if ((ref = circle_csv_get(&sh->in, C_EMAIL)) != NULL)
		c = C_EMAIL;
	else if ((ref = circle_csv_get(&sh->in, C_NAME)) != NULL)
		c = C_NAME;
	else
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no handle, "
		    "email or name", sh->o->name, sh->in.row->line);
	snprintf(key, sizeof key, "%d\x1f%s", c, ref);
	if ((v = circle_strmap_find(&sh->members, key)) != NULL) {
		*mid = *v;
		return 0;
	}
	if (c == C_EMAIL) {
		if ((st = circle_cached(db, byemail, e)) == NULL)
			return -1;
		circle_bind_text(st, 1, ref);
		*mid = (rc = sqlite3_step(st)) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return circle_db_error(db, e, "member");
		if (*mid == 0) {
			circle_err_set(e, CIRCLE_EDATA, "no member with email "
			    "%s", ref);
			return circle_csv_at(&sh->in, c, e);
		}
	} else if (circle_member_resolve(db, ref, mid, e) == -1)
		return circle_csv_at(&sh->in, c, e);
	circle_strmap_put(&sh->members, key, *mid);
	return 0;
}

static int
sheet_row(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	static const char ins[] = "INSERT INTO attendance (session_id, "
	    "member_id, status, note, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (session_id, member_id) "
	    "DO NOTHING";
	static const char suid[] = "SELECT uid FROM session WHERE id = ?";
	struct circle_target	 t;
	const char	*mark, *s = circle_csv_get(&sh->in, C_STATUS);
	const char	*note = circle_csv_get(&sh->in, C_NOTE);
	sqlite3_stmt	*st;
	long long	 mid;
	int		 changed, rc;

	if (circle_mark_parse(s != NULL ? s : "", &mark) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is not "
		    "present, late, left-early, excused or absent", s);
		return circle_csv_at(&sh->in, C_STATUS, e);
	}
	if (note != NULL && circle_check_text("note", note, 2000, e) == -1)
		return circle_csv_at(&sh->in, C_NOTE, e);
	memset(&t, 0, sizeof t);
	if (sheet_session(db, sh, &t, e) == -1 ||
	    sheet_member(db, sh, &mid, e) == -1)
		return -1;
	if ((st = circle_cached(db, ins, e)) == NULL)
		return -1;
	/* Static binds: every string outlives the step below. */
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int64(st, 2, mid);
	sqlite3_bind_text(st, 3, mark, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sh->now, -1, SQLITE_STATIC);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	if (sqlite3_changes(db->h) > 0) {
		sh->r->marked++;
		return 0;
	}
	/* Already marked: a change is logged with the old value. */
	if ((st = circle_cached(db, suid, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t.id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "session");
		sqlite3_reset(st);
		return -1;
	}
	t.uid = circle_col_dup(st, 0);
	sqlite3_reset(st);
	t.status = circle_xstrdup("held");
	rc = circle_attend_mark_one(db, &t, sh->batch, mid, mark, note,
	    &changed, e);
	circle_target_release(&t);
	if (rc == -1)
		return -1;
	if (changed)
		sh->r->marked++;
	else
		sh->r->unchanged++;
	return 0;
}

/* The highest attendance id: rows an import adds come after it. */
static int
last_attendance_id(struct circle_db *db, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT coalesce(max(id), 0) FROM "
	    "attendance", e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		circle_db_error(db, e, "attendance");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* The sheet's columns checked, then its rows recorded one by one. */
static int
sheet_rows(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	const int	*fc = sh->in.fieldcol;
	int		 rc;

	if (fc[C_DATE] < 0 && fc[C_SESSION] < 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s:1: no date or "
		    "session column", sh->o->name);
	if (fc[C_HANDLE] < 0 && fc[C_EMAIL] < 0 && fc[C_NAME] < 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s:1: no handle, email "
		    "or name column", sh->o->name);
	while ((rc = circle_csv_reader_next(&sh->in, 1, e)) == 1)
		if (sheet_row(db, sh, e) == -1)
			return -1;
	return rc;
}

static int
sheet_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct sheet		*sh = arg;
	long long		 last;
	int			 rc;

	memset(sh->r, 0, sizeof *sh->r);
	circle_strmap_free(&sh->groups);
	circle_strmap_free(&sh->sessions);
	circle_strmap_free(&sh->members);
	json_decref(sh->held);
	sh->held = json_array();
	free(sh->batch);
	if ((sh->batch = circle_uuid(e)) == NULL)
		return -1;
	circle_now_utc(sh->now);
	if (last_attendance_id(db, &sh->first, e) == -1)
		return -1;
	sh->first++;
	if (circle_csv_reader_open(&sh->in, sh->o->path, sh->o->name,
	    C_NCOLS, "empty file (a sign-in sheet starts with a header row)",
	    e) == -1)
		return -1;
	circle_csv_map_headers(&sh->in, sheet_headers,
	    sizeof sheet_headers / sizeof sheet_headers[0]);
	rc = sheet_rows(db, sh, e);
	circle_csv_reader_close(&sh->in);
	if (rc == -1)
		return -1;
	/* One log entry for the rows added: nothing personal in it. */
	if (last_attendance_id(db, &last, e) == -1)
		return -1;
	/* A sheet that added nothing is no batch for undo to find. */
	if (last >= sh->first || json_array_size(sh->held) > 0)
		rc = circle_attend_log(db, "import", NULL, NULL,
		    json_pack("{s:s, s:s, s:I, s:I, s:O}", "batch", sh->batch,
		    "file", sh->o->name, "first", (json_int_t)sh->first, "last",
		    (json_int_t)last, "held", sh->held), e);
	if (rc == -1)
		return -1;
	return sh->o->dry_run ? 1 : 0;
}

/*
 * A sign-in sheet (CSV): a date (and time) or session, a person (handle,
 * email or name), a status and a note a row.  One transaction: a bad row
 * is file:line:column and nothing is recorded.
 */
int
circle_attend_import(struct circle_db *db, const struct circle_import_opts *o,
    struct circle_attend_result *r, struct circle_err *e)
{
	struct circle_import_opts	opts = *o;
	struct sheet			sh;
	int				rc;

	memset(&sh, 0, sizeof sh);
	if (opts.name == NULL)
		opts.name = strcmp(o->path, "-") == 0 ? "stdin" : o->path;
	sh.o = &opts;
	sh.r = r;
	rc = circle_db_write(db, sheet_tx, &sh, e);
	circle_strmap_free(&sh.groups);
	circle_strmap_free(&sh.sessions);
	circle_strmap_free(&sh.members);
	json_decref(sh.held);
	free(sh.batch);
	if (rc == -1)
		circle_attend_result_release(r);
	return rc;
}
