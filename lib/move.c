/*
 * move.c: a session to another date or time, or for another length, or its
 * series from it on ("following") or all of it: the rule is rewritten (a
 * new series from the session on, for "following") and every session not
 * yet held moves with it, keeping its row and all that hangs from it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libical/ical.h>

#include "circle-priv.h"
#include "recur.h"

struct move {
	const char			*group;
	const char			*ref;
	const struct circle_move_want	*w;
	struct circle_moved	*list;		/* owned: what moved */
	size_t			 moved;
	struct circle_wall	*wall;
	int			 minutes;	/* the one's new length,
						   0: as it is */
};

/*
 * Move one session row to a new local start, keeping its length unless the
 * move gives one, and count it in a's list; a start at a clock change is
 * said in a->wall and kept as it is held.
 */
static int
move_row(struct circle_db *db, const struct circle_session *s,
    const char *want, const char *rec, long long series_id, struct move *a,
    struct circle_err *e)
{
	struct circle_moved	*m;
	sqlite3_stmt		*st;
	char			 start[21], end[21], now[21], local[17];
	int			 lasts;

	lasts = a->minutes > 0 ? a->minutes : s->duration;
	if (circle_wall_check(s->tzid, want, a->wall, local) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
		    "and time in %s", want, s->tzid);
	if (circle_local_utc(local, s->tzid, start, e) == -1)
		return -1;
	circle_utc_add_minutes(start, lasts, end);
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
	m->was = s->duration;
	m->lasts = lasts;
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
	    circle_rule_count, &n, e) == -1)
		return -1;
	*left = r.count > (int)n ? r.count - (int)n : 1;
	return 0;
}

/*
 * Move this and the following sessions, or the whole series: its rule is
 * rewritten (a new series from this session on, for "following"), and
 * every session not yet held moves with it, keeping its row and all that
 * hangs from it.  A new length alone leaves each start where it is, and
 * the rule's days and time as they are.
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
	int			 length_only = a->w->date == NULL &&
				    a->w->time == NULL;

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
	if (a->w->scope == CIRCLE_MOVE_ALL) {
		target = sr.id;
		if ((rule = circle_rule_shift(sr.rrule, days, NULL, 0,
		    e)) == NULL)
			goto out;
		if (length_only)
			snprintf(dt, sizeof dt, "%s", sr.dtstart);
		else
			shift_local(sr.dtstart, days, newlocal + 11, dt);
		st = circle_prepare(db, "UPDATE series SET rrule = ?, dtstart = "
		    "?, duration = coalesce(?, duration), sequence = sequence + "
		    "1, updated_at = ? WHERE id = ?", e);
		if (st != NULL) {
			circle_bind_text(st, 1, rule);
			circle_bind_text(st, 2, dt);
			if (a->w->minutes > 0)
				sqlite3_bind_int(st, 3, a->w->minutes);
			circle_bind_text(st, 4, now);
			sqlite3_bind_int64(st, 5, sr.id);
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
		/* A new length alone: the new series from the schedule's. */
		if (!length_only)
			snprintf(from, sizeof from, "%s", newlocal);
		else if (circle_utc_to_local(s->recurrence_id, s->tzid,
		    from) == -1) {
			circle_err_set(e, CIRCLE_EIO, "session %lld: bad time",
			    s->id);
			goto out;
		}
		if ((st = circle_prepare(db, "INSERT INTO series (uid, grp_id, "
		    "key, rrule, dtstart, tzid, duration, exdates, location, "
		    "topic, through, created_at, updated_at) SELECT ?, grp_id, "
		    "?, ?, ?, tzid, coalesce(?, duration), exdates, location, "
		    "topic, through, ?, ? FROM series WHERE id = ?", e)) == NULL)
			goto out;
		circle_bind_text(st, 1, uid);
		circle_bind_text(st, 2, key);
		circle_bind_text(st, 3, newrule);
		circle_bind_text(st, 4, from);
		if (a->w->minutes > 0)
			sqlite3_bind_int(st, 5, a->w->minutes);
		circle_bind_text(st, 6, now);
		circle_bind_text(st, 7, now);
		sqlite3_bind_int64(st, 8, sr.id);
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
	sqlite3_bind_int(st, 2, a->w->scope == CIRCLE_MOVE_ALL);
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
		/* A new length alone: each starts where it does. */
		if (length_only) {
			if (move_row(db, &ss[i], ss[i].local_start, NULL,
			    target == sr.id ? 0 : target, a, e) == -1)
				goto out;
			continue;
		}
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
	struct move			*a = arg;
	const struct circle_move_want	*w = a->w;
	struct circle_session		 s;
	struct circle_date		 d;
	json_t				*j;
	char				 local[17], date[11], len[16];
	char				*detail;
	int				 h, m, rc = -1;

	/* From nothing: a busy database runs it again. */
	free(a->list);
	a->list = NULL;
	a->moved = 0;
	if (a->wall != NULL)
		memset(a->wall, 0, sizeof *a->wall);
	if (circle_session_get(db, a->group, a->ref, &s, e) == -1)
		return -1;
	/* How long a held one ran may be put right; not when it was. */
	if (strcmp(s.status, "held") == 0 && (w->date != NULL || w->time !=
	    NULL || w->scope != CIRCLE_MOVE_ONE)) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s was held; it stays "
		    "where it happened%s", s.local_start, w->minutes > 0 ?
		    " (give --for alone to say how long it ran)" : "");
		goto out;
	}
	if (w->date != NULL && circle_date_parse(w->date, &d) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "to: \"%s\" is not a date "
		    "(YYYY-MM-DD)", w->date);
		goto out;
	}
	if (w->time != NULL && circle_clock_check("at", w->time, &h, &m,
	    e) == -1)
		goto out;
	if (w->time != NULL)
		snprintf(local, sizeof local, "%.10sT%02d:%02d", w->date !=
		    NULL ? w->date : s.local_start, h, m);
	else
		snprintf(local, sizeof local, "%.10sT%.5s", w->date != NULL ?
		    w->date : s.local_start, s.local_start + 11);
	/* One session with its end said (--at 11pm-3am) ends then, as
	 * add's does; a series keeps one length. */
	a->minutes = w->minutes;
	snprintf(date, sizeof date, "%.10s", local);
	if (w->wall_end > 0 && w->time != NULL && w->scope ==
	    CIRCLE_MOVE_ONE && circle_date_parse(date, &d) == 0)
		a->minutes = circle_wall_span(s.tzid, &d, h, m, w->wall_end,
		    a->wall);
	if (strcmp(local, s.local_start) == 0 && (a->minutes == 0 ||
	    (a->minutes == s.duration && w->scope == CIRCLE_MOVE_ONE))) {
		/* session edit --for its own length: the other fields only. */
		if (w->set != NULL) {
			rc = circle_session_edit_row(db, &s, w->set, e);
			if (rc == 0 && w->dry_run)
				rc = 1;
			goto out;
		}
		circle_length_format(s.duration, len);
		if (a->minutes != 0)
			circle_err_set(e, CIRCLE_EFAIL, "session %s already "
			    "lasts %s", s.local_start, len);
		else
			circle_err_set(e, CIRCLE_EFAIL, "session %s is already "
			    "then", s.local_start);
		goto out;
	}
	if (w->scope == CIRCLE_MOVE_ONE) {
		if (move_row(db, &s, local, NULL, 0, a, e) == -1)
			goto out;
	} else if (move_series(db, a, &s, local, e) == -1)
		goto out;
	j = json_pack("{s:s, s:s, s:s, s:i}", "from", s.local_start, "to",
	    local, "scope", w->scope == CIRCLE_MOVE_ONE ? "one" :
	    w->scope == CIRCLE_MOVE_ALL ? "all" : "following", "moved",
	    (int)a->moved);
	if (a->minutes > 0) {
		json_object_set_new(j, "was", json_integer(s.duration));
		json_object_set_new(j, "for", json_integer(a->minutes));
	}
	detail = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = circle_session_log(db, "move", s.uid, detail, e);
	free(detail);
	/* session edit --for: its other fields in the same command. */
	if (rc == 0 && w->set != NULL)
		rc = circle_session_edit_row(db, &s, w->set, e);
	/* A dry run: all done, all rolled back. */
	if (rc == 0 && w->dry_run)
		rc = 1;
out:
	circle_session_release(&s);
	return rc;
}

/*
 * Move a session to another date and/or time (local), or give it another
 * length: just this one, this and the following ones of its series, or all
 * of them; with dry_run, find what would move and write nothing.  The
 * sessions moved (or that would be) are *list, *n of them (the caller
 * frees *list); those moved to a clock change are said in *wall.
 */
int
circle_session_move(struct circle_db *db, const char *group, const char *ref,
    const struct circle_move_want *w, struct circle_moved **list, size_t *n,
    struct circle_wall *wall, struct circle_err *e)
{
	struct move	a = { group, ref, w, NULL, 0, wall, 0 };
	int		rc;

	*list = NULL;
	*n = 0;
	if (w->date == NULL && w->time == NULL && w->minutes == 0)
		return circle_err_set(e, CIRCLE_EUSAGE, "move: give --to-date "
		    "DATE, --at HH:MM and/or --for LENGTH");
	if (w->minutes < 0 || w->minutes > 24 * 60)
		return circle_err_set(e, CIRCLE_EUSAGE, "move: a length of %d "
		    "minutes is not one a session can have", w->minutes);
	if ((rc = circle_db_write(db, move_tx, &a, e)) == -1) {
		free(a.list);
		return -1;
	}
	*list = a.list;
	*n = a.moved;
	return rc;
}
