/*
 * move.c: a session to another date or time, or its series from it on
 * ("following") or all of it: the rule is rewritten (a new series from the
 * session on, for "following") and every session not yet held moves with
 * it, keeping its row and all that hangs from it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libical/ical.h>

#include "circle-priv.h"
#include "recur.h"

struct move {
	const char		*group;
	const char		*ref;
	const char		*date;
	const char		*time;
	enum circle_move_scope	 scope;
	int			 dry_run;	/* roll back at the end */
	struct circle_moved	*list;		/* owned: what moved */
	size_t			 moved;
	struct circle_wall	*wall;
};

/*
 * Move one session row to a new local start, keeping its duration, and
 * count it in a's list; a start at a clock change is said in a->wall and
 * kept as it is held.
 */
static int
move_row(struct circle_db *db, const struct circle_session *s,
    const char *want, const char *rec, long long series_id, struct move *a,
    struct circle_err *e)
{
	struct circle_moved	*m;
	sqlite3_stmt		*st;
	char			 start[21], end[21], now[21], local[17];

	if (circle_wall_check(s->tzid, want, a->wall, local) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
		    "and time in %s", want, s->tzid);
	if (circle_local_utc(local, s->tzid, start, e) == -1)
		return -1;
	circle_utc_add_minutes(start, s->duration, end);
	circle_now_utc(now);
	if ((st = circle_prepare(db, "UPDATE session SET starts_at = ?, "
	    "ends_at = ?, local_start = ?, recurrence_id = coalesce(?, "
	    "recurrence_id), series_id = CASE WHEN ? = 0 THEN series_id ELSE "
	    "? END, sequence = sequence + 1, updated_at = ? WHERE id = ?",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, start);
	circle_bind_text(st, 2, end);
	circle_bind_text(st, 3, local);
	circle_bind_text(st, 4, rec != NULL ? start : NULL);
	sqlite3_bind_int64(st, 5, series_id);
	sqlite3_bind_int64(st, 6, series_id);
	circle_bind_text(st, 7, now);
	sqlite3_bind_int64(st, 8, s->id);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	a->list = circle_xgrow(a->list, a->moved, sizeof *a->list);
	m = &a->list[a->moved++];
	m->id = s->id;
	snprintf(m->from, sizeof m->from, "%s", s->local_start);
	snprintf(m->to, sizeof m->to, "%s", local);
	return 0;
}

/* Shift a local "YYYY-MM-DDTHH:MM" by days, optionally to a new time. */
static void
shift_local(const char *local, long days, const char *time, char out[17])
{
	struct circle_date	d, nd;
	char			date[11];

	memcpy(date, local, 10);
	date[10] = '\0';
	circle_date_parse(date, &d);
	circle_date_add(&d, (int)days, &nd);
	circle_date_format(&nd, date);
	snprintf(out, 17, "%sT%s", date, time != NULL ? time : local + 11);
}

struct series_row {
	long long	 id;
	char		*uid;
	char		*key;
	char		*rrule;
	char		*dtstart;
	int		 duration;
	char		*exdates;
};

static void
series_row_release(struct series_row *r)
{
	free(r->uid);
	free(r->key);
	free(r->rrule);
	free(r->dtstart);
	free(r->exdates);
}

static int
series_get(struct circle_db *db, long long id, struct series_row *r,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(r, 0, sizeof *r);
	if ((st = circle_prepare(db, "SELECT id, uid, key, rrule, dtstart, "
	    "duration, exdates FROM series WHERE id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return circle_db_error(db, e, "series");
		return circle_err_set(e, CIRCLE_EFAIL, "no series %lld", id);
	}
	r->id = id;
	r->uid = circle_col_dup(st, 1);
	r->key = circle_col_dup(st, 2);
	r->rrule = circle_col_dup(st, 3);
	r->dtstart = circle_col_dup(st, 4);
	r->duration = sqlite3_column_int(st, 5);
	r->exdates = circle_col_dup(st, 6);
	sqlite3_finalize(st);
	return 0;
}

static int
count_one(void *arg, const char *local)
{
	(void)local;
	(*(size_t *)arg)++;
	return 0;
}

/*
 * The COUNT a counted rule has left from the local date on (the
 * occurrences before it, dates left out included, are spent); 0 for a
 * rule without a COUNT.
 */
static int
count_left(const struct series_row *sr, const char *tzid,
    const struct circle_date *from, int *left, struct circle_err *e)
{
	struct icalrecurrencetype	r;
	struct circle_date		d;
	char				before[11];
	size_t				n = 0;

	r = icalrecurrencetype_from_string(sr->rrule);
	*left = 0;
	if (r.count <= 0)
		return 0;
	circle_date_add(from, -1, &d);
	circle_date_format(&d, before);
	if (circle_rule_expand(sr->rrule, sr->dtstart, tzid, NULL, 0, before,
	    count_one, &n, e) == -1)
		return -1;
	*left = r.count > (int)n ? r.count - (int)n : 1;
	return 0;
}

/*
 * Move this and the following sessions, or the whole series: its rule is
 * rewritten (a new series from this session on, for "following"), and
 * every session not yet held moves with it, keeping its row and all that
 * hangs from it.
 */
static int
move_series(struct circle_db *db, struct move *a,
    const struct circle_session *s, const char *newlocal, struct circle_err *e)
{
	struct series_row	 sr;
	struct circle_date	 d0, d1;
	struct circle_session	*ss = NULL;
	sqlite3_stmt		*st;
	char			 date0[11], date1[11], local[17], until[21], *rule;
	char			*newrule = NULL, *uid = NULL, *key = NULL, now[21];
	char			 from[17], dt[17];
	long			 days;
	long long		 target, id;
	size_t			 n = 0, i;
	int			 left, step, rc = -1;

	if (s->series_id == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "session %s is a one-off; "
		    "move it without --following or --whole-series",
		    s->local_start);
	if (series_get(db, s->series_id, &sr, e) == -1)
		return -1;
	memcpy(date0, s->local_start, 10);
	date0[10] = '\0';
	memcpy(date1, newlocal, 10);
	date1[10] = '\0';
	circle_date_parse(date0, &d0);
	circle_date_parse(date1, &d1);
	days = circle_date_diff(&d0, &d1);
	circle_now_utc(now);
	if (a->scope == CIRCLE_MOVE_ALL) {
		target = sr.id;
		if ((rule = circle_rule_shift(sr.rrule, days, NULL, 0,
		    e)) == NULL)
			goto out;
		shift_local(sr.dtstart, days, newlocal + 11, dt);
		st = circle_prepare(db, "UPDATE series SET rrule = ?, dtstart = "
		    "?, sequence = sequence + 1, updated_at = ? WHERE id = ?", e);
		if (st != NULL) {
			circle_bind_text(st, 1, rule);
			circle_bind_text(st, 2, dt);
			circle_bind_text(st, 3, now);
			sqlite3_bind_int64(st, 4, sr.id);
		}
		free(rule);
		if (st == NULL || circle_exec_stmt(db, st, e) == -1)
			goto out;
	} else {
		/* The old series ends the day before; a new one begins. */
		circle_date_add(&d0, -1, &d1);
		if (circle_local_to_utc(s->tzid, &d1, 23, 59, until) == -1)
			goto out;
		snprintf(local, sizeof local, "%.4s%.2s%.2sT%.2s%.2s59Z", until,
		    until + 5, until + 8, until + 11, until + 14);
		/* A counted series keeps its number across the two. */
		if (count_left(&sr, s->tzid, &d0, &left, e) == -1)
			goto out;
		if ((rule = circle_rule_shift(sr.rrule, 0, local, 0,
		    e)) == NULL)
			goto out;
		if ((newrule = circle_rule_shift(sr.rrule, days, NULL, left,
		    e)) == NULL) {
			free(rule);
			goto out;
		}
		st = circle_prepare(db, "UPDATE series SET rrule = ?, sequence = "
		    "sequence + 1, updated_at = ? WHERE id = ?", e);
		if (st != NULL) {
			circle_bind_text(st, 1, rule);
			circle_bind_text(st, 2, now);
			sqlite3_bind_int64(st, 3, sr.id);
		}
		free(rule);
		if (st == NULL || circle_exec_stmt(db, st, e) == -1)
			goto out;
		if ((uid = circle_uuid(e)) == NULL)
			goto out;
		circle_xasprintf(&key, "%.40s-from-%s", sr.key, date0);
		snprintf(from, sizeof from, "%s", newlocal);
		if ((st = circle_prepare(db, "INSERT INTO series (uid, grp_id, "
		    "key, rrule, dtstart, tzid, duration, exdates, location, "
		    "topic, through, created_at, updated_at) SELECT ?, grp_id, "
		    "?, ?, ?, tzid, duration, exdates, location, topic, "
		    "through, ?, ? FROM series WHERE id = ?", e)) == NULL)
			goto out;
		circle_bind_text(st, 1, uid);
		circle_bind_text(st, 2, key);
		circle_bind_text(st, 3, newrule);
		circle_bind_text(st, 4, from);
		circle_bind_text(st, 5, now);
		circle_bind_text(st, 6, now);
		sqlite3_bind_int64(st, 7, sr.id);
		if (circle_exec_stmt(db, st, e) == -1)
			goto out;
		target = sqlite3_last_insert_rowid(db->h);
	}
	/*
	 * Every session not yet begun moves by the same days, to the time;
	 * those that have begun stay where they happened.
	 */
	if ((st = circle_prepare(db, "SELECT id FROM session WHERE series_id = "
	    "? AND status != 'held' AND starts_at > strftime('%Y-%m-%dT%H:%M:"
	    "%SZ', 'now') AND (? OR recurrence_id >= ?) ORDER BY "
	    "recurrence_id", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, sr.id);
	sqlite3_bind_int(st, 2, a->scope == CIRCLE_MOVE_ALL);
	circle_bind_text(st, 3, s->recurrence_id);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		ss = circle_xgrow(ss, n, sizeof *ss);
		memset(&ss[n], 0, sizeof ss[n]);
		ss[n++].id = id;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE) {
		circle_db_error(db, e, "sessions");
		goto out;
	}
	for (i = 0; i < n; i++) {
		id = ss[i].id;
		if (circle_session_get_id(db, id, &ss[i], e) == -1)
			goto out;
		/* From where the schedule put it, not an earlier one-off move. */
		if (circle_utc_to_local(ss[i].recurrence_id, ss[i].tzid,
		    local) == -1) {
			circle_err_set(e, CIRCLE_EIO, "session %lld: bad time",
			    id);
			goto out;
		}
		shift_local(local, days, newlocal + 11, dt);
		if (move_row(db, &ss[i], dt, dt, target == sr.id ? 0 : target,
		    a, e) == -1)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		circle_session_release(&ss[i]);
	free(ss);
	free(newrule);
	free(uid);
	free(key);
	series_row_release(&sr);
	return rc;
}

static int
move_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct move		*a = arg;
	struct circle_session	 s;
	struct circle_date	 d;
	json_t			*j;
	char			 local[17], *detail;
	int			 h, m, rc = -1;

	/* From nothing: a busy database runs it again. */
	free(a->list);
	a->list = NULL;
	a->moved = 0;
	if (a->wall != NULL)
		memset(a->wall, 0, sizeof *a->wall);
	if (circle_session_get(db, a->group, a->ref, &s, e) == -1)
		return -1;
	if (strcmp(s.status, "held") == 0) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s was held; it stays "
		    "where it happened", s.local_start);
		goto out;
	}
	if (a->date != NULL && circle_date_parse(a->date, &d) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "to: \"%s\" is not a date "
		    "(YYYY-MM-DD)", a->date);
		goto out;
	}
	if (a->time != NULL && circle_clock_check("at", a->time, &h, &m,
	    e) == -1)
		goto out;
	if (a->time != NULL)
		snprintf(local, sizeof local, "%.10sT%02d:%02d", a->date !=
		    NULL ? a->date : s.local_start, h, m);
	else
		snprintf(local, sizeof local, "%.10sT%.5s", a->date != NULL ?
		    a->date : s.local_start, s.local_start + 11);
	if (strcmp(local, s.local_start) == 0) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s is already then",
		    s.local_start);
		goto out;
	}
	if (a->scope == CIRCLE_MOVE_ONE) {
		if (move_row(db, &s, local, NULL, 0, a, e) == -1)
			goto out;
	} else if (move_series(db, a, &s, local, e) == -1)
		goto out;
	j = json_pack("{s:s, s:s, s:s, s:i}", "from", s.local_start, "to",
	    local, "scope", a->scope == CIRCLE_MOVE_ONE ? "one" :
	    a->scope == CIRCLE_MOVE_ALL ? "all" : "following", "moved",
	    (int)a->moved);
	detail = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = circle_session_log(db, "move", s.uid, detail, e);
	free(detail);
	/* A dry run: all done, all rolled back. */
	if (rc == 0 && a->dry_run)
		rc = 1;
out:
	circle_session_release(&s);
	return rc;
}

/*
 * Move a session to another date and/or time (local): just this one, this
 * and the following ones of its series, or all of them; with dry_run, find
 * what would move and write nothing.  The sessions moved (or that would
 * be) are *list, *n of them (the caller frees *list); those moved to a
 * clock change are said in *wall.
 */
int
circle_session_move(struct circle_db *db, const char *group, const char *ref,
    const char *date, const char *time, enum circle_move_scope scope,
    int dry_run, struct circle_moved **list, size_t *n,
    struct circle_wall *wall, struct circle_err *e)
{
	struct move	a = { group, ref, date, time, scope, dry_run, NULL, 0,
			    wall };
	int		rc;

	*list = NULL;
	*n = 0;
	if (date == NULL && time == NULL)
		return circle_err_set(e, CIRCLE_EUSAGE, "move: give --to-date "
		    "DATE and/or --at HH:MM");
	if ((rc = circle_db_write(db, move_tx, &a, e)) == -1) {
		free(a.list);
		return -1;
	}
	*list = a.list;
	*n = a.moved;
	return rc;
}
