/*
 * log.c: the change log.  Every mutation writes one row in the same
 * transaction, under the command that made it; rows about a person carry
 * member_uid so that forget can remove them all.  The log in words
 * (circle log).  Also makes the UUIDs that rows are known by.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"

/*
 * A random (version 4) UUID, as text, or NULL when the system gives no
 * randomness.  Randomness is read a page at a time: an import makes
 * thousands.
 */
char *
circle_uuid(struct circle_err *e)
{
	static unsigned char	 pool[4096];
	static size_t		 left;
	unsigned char		*b;
	char			*s;
	ssize_t			 n;

	while (left < 16) {
		n = getrandom(pool + left, sizeof pool - left, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			circle_err_set(e, CIRCLE_EIO, "getrandom: %s",
			    strerror(errno));
			return NULL;
		}
		left += (size_t)n;
	}
	left -= 16;
	b = pool + left;
	s = circle_xmalloc(CIRCLE_UUID_LEN);
	circle_uuid_format(b, s);
	explicit_bzero(b, 16);
	return s;
}

/* A uid of 16 bytes (changed: a random one's version 4 marks). */
void
circle_uuid_format(unsigned char b[16], char out[CIRCLE_UUID_LEN])
{
	static const char	 hex[] = "0123456789abcdef";
	char			*p = out;
	size_t			 i;

	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 0xf];
	}
	*p = '\0';
}

int
circle_log(struct circle_db *db, const struct circle_change *c,
    struct circle_err *e)
{
	static const char sql[] = "INSERT INTO change_log (at, tool, action, "
	    "entity, uid, member_uid, detail, command_id) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?)";
	sqlite3_stmt	*st;
	long long	 cmd;
	char		 now[21];

	circle_now_utc(now);
	/* The command it belongs to, made by its first change (undo.c). */
	if (circle_undo_command_id(db, &cmd, e) == -1)
		return -1;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	if (cmd != 0)
		sqlite3_bind_int64(st, 8, cmd);
	else
		sqlite3_bind_null(st, 8);
	circle_bind_text(st, 1, now);
	circle_bind_text(st, 2, db->tool);
	circle_bind_text(st, 3, c->action);
	circle_bind_text(st, 4, c->entity);
	circle_bind_text(st, 5, c->uid);
	circle_bind_text(st, 6, c->member_uid);
	circle_bind_text(st, 7, c->detail);
	return circle_exec_cached(db, st, e);
}

/*
 * The log as people read it: one row per change, newest first, the
 * command it belongs to, when (local time), which tool and verb, and what
 * changed in words.  The words are made here and nowhere else.
 */
static const struct circle_col log_cols[] = {
	{ "command", CIRCLE_COL_INT }, { "at", CIRCLE_COL_WHOLE },
	{ "tool", CIRCLE_COL_TEXT }, { "change", CIRCLE_COL_TEXT },
};

const struct circle_col *
circle_log_cols(size_t *n)
{
	*n = sizeof log_cols / sizeof log_cols[0];
	return log_cols;
}

/* A change as the query gives it, with what its uids name now. */
struct log_row {
	const char	*action;
	const char	*entity;
	json_t		*d;		/* borrowed: the detail, or NULL */
	const char	*who;		/* the person's handle, or NULL */
	const char	*group;		/* the group's handle, or NULL */
	const char	*start;		/* the session's local start, or NULL */
};

static const char *
dstr(json_t *d, const char *key)
{
	return json_string_value(json_object_get(d, key));
}

static const char *
who_of(const struct log_row *r)
{
	const char	*h;

	if (r->who != NULL)
		return r->who;
	if ((h = dstr(r->d, "handle")) != NULL && strcmp(r->entity,
	    "member") == 0)
		return h;
	return "someone since removed";
}

/* "tc 2026-12-08": the session a change was at. */
static void
at_session(const struct log_row *r, char *buf, size_t len, int time)
{
	if (r->start == NULL)
		snprintf(buf, len, "a session since removed");
	else if (time)
		snprintf(buf, len, "%s %.10s %.5s", r->group != NULL ?
		    r->group : "?", r->start, r->start + 11);
	else
		snprintf(buf, len, "%s %.10s", r->group != NULL ? r->group :
		    "?", r->start);
}

/* A value of an edit: text, a number or true/false, else "(none)". */
static char *
value_words(const char *field, json_t *v)
{
	char	*s;

	if (json_is_string(v)) {
		if (strcmp(field, "consent") == 0)
			return circle_xstrdup(strcmp(json_string_value(v),
			    "1") == 0 || strcmp(json_string_value(v), "yes") ==
			    0 ? "yes" : "no");
		return circle_xstrdup(json_string_value(v));
	}
	if (json_is_integer(v)) {
		circle_xasprintf(&s, "%lld", (long long)json_integer_value(v));
		return s;
	}
	if (json_is_boolean(v))
		return circle_xstrdup(json_is_true(v) ? "yes" : "no");
	return circle_xstrdup("(none)");
}

/* "consent no -> yes, email (none) -> a@b.org": an edit's fields. */
static char *
edit_words(json_t *d)
{
	const char	*k;
	json_t		*v;
	char		*s = circle_xstrdup(""), *t, *o, *n;

	json_object_foreach(d, k, v) {
		if (!json_is_array(v) || json_array_size(v) != 2)
			continue;
		o = value_words(k, json_array_get(v, 0));
		n = value_words(k, json_array_get(v, 1));
		circle_xasprintf(&t, "%s%s%s %s -> %s", s, *s != '\0' ? ", " :
		    "", k, o, n);
		free(o);
		free(n);
		free(s);
		s = t;
	}
	return s;
}

static const char *
base_name(const char *path)
{
	const char	*slash;

	if (path == NULL)
		return "?";
	return (slash = strrchr(path, '/')) != NULL ? slash + 1 : path;
}

static char *
member_words(const struct log_row *r)
{
	const char	*w = who_of(r), *a = r->action;
	char		*s, *ed;

	if (strcmp(a, "add") == 0) {
		if (json_is_true(json_object_get(r->d, "walk_in")))
			circle_xasprintf(&s, "%s added to the roster (walk-in)",
			    w);
		else if (dstr(r->d, "import") != NULL)
			circle_xasprintf(&s, "%s added to the roster from %s",
			    w, base_name(dstr(r->d, "import")));
		else
			circle_xasprintf(&s, "%s added to the roster", w);
	} else if (strcmp(a, "edit") == 0) {
		ed = edit_words(r->d);
		circle_xasprintf(&s, "%s: %s", w, ed);
		free(ed);
	} else if (strcmp(a, "forget") == 0)
		s = circle_xstrdup("someone was forgotten");
	else
		circle_xasprintf(&s, "%s %sd", w, a);	/* (de|re)activate */
	return s;
}

static char *
membership_words(const struct log_row *r)
{
	const char	*w = who_of(r), *g = r->group, *role;
	json_t		*rv = json_object_get(r->d, "role");
	char		*s;

	if (g == NULL && (g = dstr(r->d, "group")) == NULL)
		g = "a group since removed";
	if (strcmp(r->action, "role") == 0 && json_is_array(rv))
		circle_xasprintf(&s, "%s's role in %s: %s -> %s", w, g,
		    json_string_value(json_array_get(rv, 0)),
		    json_string_value(json_array_get(rv, 1)));
	else if (strcmp(r->action, "join") == 0) {
		role = json_string_value(rv);
		circle_xasprintf(&s, "%s joined %s%s%s on %s%s%s%s", w, g,
		    role != NULL && strcmp(role, "member") != 0 ? " as " : "",
		    role != NULL && strcmp(role, "member") != 0 ? role : "",
		    dstr(r->d, "joined_on") != NULL ? dstr(r->d, "joined_on") :
		    "?", dstr(r->d, "was") != NULL ? " (first day moved back "
		    "from " : "", dstr(r->d, "was") != NULL ? dstr(r->d,
		    "was") : "", dstr(r->d, "was") != NULL ? ")" : "");
	} else if (strcmp(r->action, "leave") == 0)
		circle_xasprintf(&s, "%s left %s on %s", w, g,
		    dstr(r->d, "left_on") != NULL ? dstr(r->d, "left_on") : "?");
	else
		circle_xasprintf(&s, "%s in %s: %s", w, g, r->action);
	return s;
}

static char *
group_words(const struct log_row *r)
{
	const char	*g = r->group;
	char		*s, *ed;

	if (g == NULL && (g = dstr(r->d, "handle")) == NULL)
		g = "?";
	if (strcmp(r->action, "add") == 0)
		circle_xasprintf(&s, "group %s added: %s", g,
		    dstr(r->d, "name") != NULL ? dstr(r->d, "name") : g);
	else if (strcmp(r->action, "edit") == 0) {
		ed = edit_words(r->d);
		circle_xasprintf(&s, "group %s: %s", g, ed);
		free(ed);
	} else
		circle_xasprintf(&s, "group %s %sd", g, r->action);
	return s;
}

static long long
dint(json_t *d, const char *key)
{
	return (long long)json_integer_value(json_object_get(d, key));
}

/*
 * A merge in words: what it did, as circle db merge said it; never the
 * file's name, which may name someone (forget empties the command's
 * words, never this).  A merge logged before the counts: the rest.
 */
static char *
merge_words(const struct log_row *r)
{
	char	*s, *gone = NULL;

	if (dint(r->d, "forgotten") > 0)
		circle_xasprintf(&gone, ", %lld forgotten", dint(r->d,
		    "forgotten"));
	if (json_object_get(r->d, "added") != NULL)
		circle_xasprintf(&s, "an extract merged: %lld added, %lld "
		    "updated, %lld removed%s", dint(r->d, "added"),
		    dint(r->d, "updated"), dint(r->d, "removed"),
		    gone != NULL ? gone : "");
	else
		circle_xasprintf(&s, "an extract merged%s", gone != NULL ?
		    gone : "");
	free(gone);
	return s;
}

/* A move in words: where to, how long now, which of its series. */
static char *
move_words(const struct log_row *r)
{
	const char	*from = dstr(r->d, "from"), *to = dstr(r->d, "to");
	const char	*scope = dstr(r->d, "scope");
	char		*s, was[16], lasts[16], moved[40] = "", length[64] = "";

	if (from == NULL)
		from = "?";
	if (to == NULL)
		to = "?";
	if (strcmp(from, to) != 0)
		snprintf(moved, sizeof moved, " moved to %.10s %.5s", to,
		    strlen(to) > 11 ? to + 11 : "");
	if (dint(r->d, "for") > 0) {
		circle_length_format((int)dint(r->d, "was"), was);
		circle_length_format((int)dint(r->d, "for"), lasts);
		snprintf(length, sizeof length, "%s now lasts %s (was %s)",
		    *moved != '\0' ? "," : "", lasts, was);
	}
	circle_xasprintf(&s, "session %s %.10s %.5s%s%s%s",
	    r->group != NULL ? r->group : "?", from, strlen(from) > 11 ?
	    from + 11 : "", moved, length, scope != NULL &&
	    strcmp(scope, "following") == 0 ? ", and the ones after it" :
	    scope != NULL && strcmp(scope, "all") == 0 ?
	    ", and all its series" : "");
	return s;
}

static char *
session_words(const struct log_row *r)
{
	const char	*a = r->action;
	char		 at[96], *s, *ed;

	at_session(r, at, sizeof at, strcmp(a, "add") == 0);
	if (strcmp(a, "plan") == 0 || strcmp(a, "replan") == 0)
		circle_xasprintf(&s, "series %s %splanned%s%s: %lld sessions "
		    "added, %lld updated, %lld removed",
		    dstr(r->d, "key") != NULL ? dstr(r->d, "key") : "?",
		    strcmp(a, "replan") == 0 ? "re" : "",
		    dstr(r->d, "group") != NULL ? " for " : "",
		    dstr(r->d, "group") != NULL ? dstr(r->d, "group") : "",
		    dint(r->d, "added"), dint(r->d, "updated"),
		    dint(r->d, "removed"));
	else if (strcmp(a, "import") == 0)
		circle_xasprintf(&s, "calendar %s imported: %lld sessions "
		    "added, %lld updated, %lld removed",
		    base_name(dstr(r->d, "file")), dint(r->d, "added"),
		    dint(r->d, "updated"), dint(r->d, "removed"));
	else if (strcmp(a, "add") == 0)
		circle_xasprintf(&s, "session %s added", at);
	else if (strcmp(a, "edit") == 0) {
		ed = edit_words(r->d);
		circle_xasprintf(&s, "session %s: %s", at, ed);
		free(ed);
	} else if (strcmp(a, "cancel") == 0)
		circle_xasprintf(&s, "session %s cancelled%s%s", at,
		    dstr(r->d, "reason") != NULL ? ": " : "",
		    dstr(r->d, "reason") != NULL ? dstr(r->d, "reason") : "");
	else if (strcmp(a, "uncancel") == 0)
		circle_xasprintf(&s, "session %s no longer cancelled", at);
	else if (strcmp(a, "move") == 0)
		s = move_words(r);
	else
		circle_xasprintf(&s, "session %s: %s", at, a);
	return s;
}

static char *
attendance_words(const struct log_row *r)
{
	const char	*a = r->action, *old = dstr(r->d, "old");
	json_t		*ov = json_object_get(r->d, "old");
	char		 at[96], *s;

	at_session(r, at, sizeof at, 0);
	if (strcmp(a, "mark") == 0 && old == NULL)
		circle_xasprintf(&s, "%s marked %s at %s", who_of(r),
		    dstr(r->d, "new") != NULL ?
		    circle_mark_said(dstr(r->d, "new")) : "?", at);
	else if (strcmp(a, "mark") == 0)
		circle_xasprintf(&s, "%s at %s: %s -> %s", who_of(r), at,
		    circle_mark_said(old), dstr(r->d, "new") != NULL ?
		    circle_mark_said(dstr(r->d, "new")) : "?");
	else if (strcmp(a, "headcount") == 0 && json_is_integer(ov))
		circle_xasprintf(&s, "headcount at %s: %lld -> %lld", at,
		    (long long)json_integer_value(ov), dint(r->d, "new"));
	else if (strcmp(a, "headcount") == 0)
		circle_xasprintf(&s, "headcount at %s: %lld", at,
		    dint(r->d, "new"));
	else if (strcmp(a, "import") == 0)
		circle_xasprintf(&s, "sign-in sheet %s imported",
		    base_name(dstr(r->d, "file")));
	else if (strcmp(a, "undo") == 0)	/* before circle undo */
		circle_xasprintf(&s, "attendance undo: %lld changes put back",
		    dint(r->d, "changes"));
	else
		circle_xasprintf(&s, "attendance at %s: %s", at, a);
	return s;
}

static char *
checkin_words(const struct log_row *r)
{
	const char	*a = r->action, *sv = dstr(r->d, "survey");
	char		 at[96], *s;

	at_session(r, at, sizeof at, 0);
	if (strcmp(r->entity, "survey") == 0)
		circle_xasprintf(&s, "survey %s version %lld %s",
		    dstr(r->d, "key") != NULL ? dstr(r->d, "key") : "?",
		    dint(r->d, "version"), strcmp(a, "add") == 0 ? "added" :
		    "updated");
	else if (strcmp(r->entity, "response") == 0 && r->who == NULL &&
	    strcmp(a, "add") == 0)
		circle_xasprintf(&s, "an anonymous %s answered at %s",
		    sv != NULL ? sv : "survey", at);
	else if (strcmp(r->entity, "response") == 0)
		circle_xasprintf(&s, "%s %s %s at %s", r->who != NULL ?
		    r->who : "someone anonymous", strcmp(a, "replace") == 0 ?
		    "answered again" : "answered", sv != NULL ? sv : "a survey",
		    at);
	else if (strcmp(a, "open") == 0)
		circle_xasprintf(&s, "follow-up opened for %s at %s",
		    who_of(r), at);
	else if (strcmp(a, "withdraw") == 0)
		circle_xasprintf(&s, "follow-up for %s at %s withdrawn: no "
		    "longer flagged", who_of(r), at);
	else
		circle_xasprintf(&s, "follow-up for %s %s", who_of(r),
		    strcmp(a, "resolve") == 0 ? "resolved" : strcmp(a,
		    "dismiss") == 0 ? "dismissed" : a);
	return s;
}

/* One change in words. */
static char *
change_words(const struct log_row *r)
{
	struct log_row	 in;
	json_t		*inner;
	char		*w, *s;
	int		 redo;

	/* An undo's row: the change it put back, said the same way. */
	if (strcmp(r->action, "undo") == 0 &&
	    json_object_get(r->d, "undoes") != NULL) {
		in = *r;
		inner = json_object_get(r->d, "detail");
		in.d = inner;
		if (in.who == NULL)
			in.who = dstr(r->d, "who");
		if ((in.action = dstr(r->d, "action")) == NULL)
			return circle_xstrdup("undid a command");
		redo = json_is_true(json_object_get(r->d, "redo"));
		w = change_words(&in);
		circle_xasprintf(&s, "%s: %s", redo ? "done again" : "undone",
		    w);
		free(w);
		return s;
	}
	if (strcmp(r->entity, "member") == 0)
		return member_words(r);
	if (strcmp(r->entity, "membership") == 0)
		return membership_words(r);
	if (strcmp(r->entity, "grp") == 0)
		return group_words(r);
	if (strcmp(r->entity, "session") == 0)
		return session_words(r);
	if (strcmp(r->entity, "attendance") == 0)
		return attendance_words(r);
	if (strcmp(r->entity, "survey") == 0 ||
	    strcmp(r->entity, "response") == 0 ||
	    strcmp(r->entity, "followup") == 0)
		return checkin_words(r);
	if (strcmp(r->entity, "database") == 0 &&
	    strcmp(r->action, "merge") == 0)
		return merge_words(r);
	circle_xasprintf(&s, "%s %s", r->entity, r->action);
	return s;
}

/*
 * Each change with the names its uids have now: the person, the session
 * (a session's or a mark's own uid, a check-in's or follow-up's session
 * in its detail) and its group, or the group of a group's or membership's
 * row.  ?1 person uid, ?2 group id, ?3 group handle, ?4 session id, ?5
 * since (UTC), ?6 command, ?7 limit (-1: none); NULL or 0: any.
 */
#define LOG_SESSION_UID "CASE WHEN l.entity = 'session' OR l.entity = " \
	"'attendance' THEN l.uid WHEN json_valid(l.detail) THEN " \
	"coalesce(json_extract(l.detail, '$.session'), " \
	"json_extract(l.detail, '$.detail.session')) END"
static const char log_sql[] =
    "SELECT l.id, l.command_id, l.at, l.tool, c.verb, l.action, l.entity, "
    "l.detail, m.handle, coalesce(sg.handle, g.handle), s.local_start "
    "FROM change_log l "
    "LEFT JOIN command c ON c.id = l.command_id "
    "LEFT JOIN member m ON m.uid = l.member_uid "
    "LEFT JOIN session s ON s.uid = " LOG_SESSION_UID " "
    "LEFT JOIN grp sg ON sg.id = s.grp_id "
    "LEFT JOIN grp g ON (l.entity = 'grp' OR l.entity = 'membership') AND "
    "g.uid = l.uid "
    "WHERE (?1 IS NULL OR l.member_uid = ?1) "
    "AND (?2 IS NULL OR sg.id = ?2 OR g.id = ?2 OR (l.uid IS NULL AND "
    "json_valid(l.detail) AND json_extract(l.detail, '$.group') = ?3)) "
    "AND (?4 IS NULL OR s.id = ?4) "
    "AND (?5 IS NULL OR l.at >= ?5) "
    "AND (?6 IS NULL OR l.command_id = ?6) ";

/* The filter's references, bound: person, group, session, since. */
static int
bind_filter(struct circle_db *db, sqlite3_stmt *st,
    const struct circle_log_filter *f, struct circle_err *e)
{
	struct circle_member	 m;
	struct circle_group	 g;
	struct circle_session	 s;
	struct circle_date	 d;
	const char		*from;
	char			*zone, utc[21];

	if (f->member != NULL) {
		if (circle_member_get(db, f->member, &m, e) == -1)
			return -1;
		circle_bind_text(st, 1, m.uid);
		circle_member_release(&m);
	}
	if (f->group != NULL) {
		if (circle_group_get(db, f->group, &g, e) == -1)
			return -1;
		sqlite3_bind_int64(st, 2, g.id);
		circle_bind_text(st, 3, g.handle);
		circle_group_release(&g);
	}
	if (f->session != NULL) {
		if (circle_session_get(db, f->group, f->session, &s, e) == -1)
			return -1;
		sqlite3_bind_int64(st, 4, s.id);
		circle_session_release(&s);
	}
	if (f->since != NULL) {
		if (circle_date_check("since", f->since, e) == -1)
			return -1;
		circle_date_parse(f->since, &d);
		/* The day begins in this computer's zone. */
		zone = circle_zone_local(&from);
		if (circle_local_to_utc(zone != NULL ? zone : "UTC", &d, 0, 0,
		    utc) == -1)
			snprintf(utc, sizeof utc, "%.10sT00:00:00Z", f->since);
		free(zone);
		circle_bind_text(st, 5, utc);
	}
	if (f->command > 0)
		sqlite3_bind_int64(st, 6, f->command);
	return 0;
}

/* "2026-12-08 19:05" in this computer's zone, the last answer kept. */
static void
local_time(const char *zone, const char *utc, char last_utc[21],
    char out[17])
{
	if (strcmp(utc, last_utc) == 0)
		return;
	snprintf(last_utc, 21, "%s", utc);
	if (circle_utc_to_local(utc, zone != NULL ? zone : "UTC", out) == -1)
		snprintf(out, 17, "%.10sT%.5s", utc, strlen(utc) > 11 ?
		    utc + 11 : "");
	out[10] = ' ';
}

static void
row_of(sqlite3_stmt *st, struct log_row *r)
{
	const char	*d = (const char *)sqlite3_column_text(st, 7);

	r->action = (const char *)sqlite3_column_text(st, 5);
	r->entity = (const char *)sqlite3_column_text(st, 6);
	r->d = d != NULL ? json_loads(d, 0, NULL) : NULL;
	r->who = (const char *)sqlite3_column_text(st, 8);
	r->group = (const char *)sqlite3_column_text(st, 9);
	r->start = (const char *)sqlite3_column_text(st, 10);
	if (r->action == NULL)
		r->action = "?";
	if (r->entity == NULL)
		r->entity = "?";
}

int
circle_log_list(struct circle_db *db, const struct circle_log_filter *f,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	struct log_row	 r;
	sqlite3_stmt	*st;
	const char	*v[4], *tool, *verb, *from;
	char		*sql, *zone, *words, *toolverb, cmd[24], at[17] = "",
			 last[21] = "";
	int		 rc;

	circle_xasprintf(&sql, "%sORDER BY l.id %s LIMIT ?7", log_sql,
	    f->oldest_first ? "ASC" : "DESC");
	st = circle_prepare(db, sql, e);
	free(sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 7, f->limit > 0 ? f->limit : -1);
	if (bind_filter(db, st, f, e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	zone = circle_zone_local(&from);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row_of(st, &r);
		words = change_words(&r);
		json_decref(r.d);
		tool = (const char *)sqlite3_column_text(st, 3);
		if (tool != NULL && strncmp(tool, "circle-", 7) == 0)
			tool += 7;
		verb = (const char *)sqlite3_column_text(st, 4);
		circle_xasprintf(&toolverb, "%s%s%s", tool != NULL ? tool : "?",
		    verb != NULL ? " " : "", verb != NULL ? verb : "");
		local_time(zone, (const char *)sqlite3_column_text(st, 2),
		    last, at);
		snprintf(cmd, sizeof cmd, "%lld", (long long)
		    sqlite3_column_int64(st, 1));
		v[0] = sqlite3_column_type(st, 1) == SQLITE_NULL ? NULL : cmd;
		v[1] = at;
		v[2] = toolverb;
		v[3] = words;
		fn(arg, v);
		free(words);
		free(toolverb);
	}
	free(zone);
	rc = circle_step_ok(db, rc, "change log", e);
	sqlite3_finalize(st);
	return rc;
}
