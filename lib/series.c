/*
 * series.c: schedules and the series they make.  A series' sessions are
 * materialised rows (through its end, or a horizon a year ahead);
 * planning again reconciles them with the schedule without ever deleting
 * a session that has a record.  A calendar's series (icsimport.c) is
 * reconciled the same way, from the occurrences it gives.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "recur.h"

/*
 * A session that may be removed when its schedule changes: in the future,
 * still only scheduled, nothing written on it, nobody marked (see
 * CIRCLE_SESSION_UNRECORDED).
 */
#define SESSION_EMPTY "(s.status = 'scheduled' AND s.topic IS NULL AND " \
	CIRCLE_SESSION_UNRECORDED ")"

/* An existing session of a series, for reconciling. */
struct existing {
	long long	 id;
	char		*recurrence_id;
	char		 rec_date[11];	/* local date of recurrence_id */
	char		*starts_at;
	int		 empty;		/* may be removed */
	int		 follows;	/* moves when the schedule does */
	int		 matched;
	int		 extra;		/* made on its own: kept */
};

struct reconcile {
	struct circle_db		*db;
	long long			 gid;
	const char			*at;	/* the rule's HH:MM, planning */
	long long			 series_id;
	const char			*tzid;
	int				 duration;
	int				 was;	/* the length before;
						   0: not known */
	struct existing			*ex;
	size_t				 nex;
	char				**extra;	/* made on their own:
							   recurrence_ids */
	size_t				 nextra;
	struct circle_plan_result	*res;
	struct circle_err		*e;
};

static int
load_existing(struct reconcile *r)
{
	static const char sql[] = "SELECT s.id, s.recurrence_id, "
	    "s.starts_at, s.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
	    "AND " SESSION_EMPTY ", s.starts_at = s.recurrence_id AND "
	    "s.status = 'scheduled' AND s.starts_at > "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM session s WHERE "
	    "s.series_id = ? ORDER BY s.recurrence_id";
	sqlite3_stmt	*st;
	struct existing	*x;
	char		 local[17];
	int		 rc;

	if ((st = circle_cached(r->db, sql, r->e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->series_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->ex = circle_xgrow(r->ex, r->nex, sizeof *r->ex);
		x = &r->ex[r->nex++];
		memset(x, 0, sizeof *x);
		x->id = sqlite3_column_int64(st, 0);
		x->recurrence_id = circle_col_dup(st, 1);
		x->starts_at = circle_col_dup(st, 2);
		x->empty = sqlite3_column_int(st, 3);
		x->follows = sqlite3_column_int(st, 4);
		if (x->recurrence_id != NULL && circle_utc_to_local(
		    x->recurrence_id, r->tzid, local) == 0)
			memcpy(x->rec_date, local, 10);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(r->db, r->e, "sessions");
	return 0;
}

static struct existing *
find_existing(struct reconcile *r, const char *rec, const char *date)
{
	size_t	i;

	for (i = 0; i < r->nex; i++)
		if (!r->ex[i].matched && r->ex[i].recurrence_id != NULL &&
		    strcmp(r->ex[i].recurrence_id, rec) == 0)
			return &r->ex[i];
	for (i = 0; i < r->nex; i++)
		if (!r->ex[i].matched && strcmp(r->ex[i].rec_date, date) == 0)
			return &r->ex[i];
	return NULL;
}

/*
 * The schedule's length changed: an unmoved, future session follows, but
 * not one given a length of its own (session move --for), which is known
 * by not lasting the schedule's length before.
 */
static int
keep_length(struct reconcile *r, const struct existing *x, const char *end)
{
	sqlite3_stmt	*st;
	char		 was[21];

	if ((st = circle_prepare(r->db, "UPDATE session SET ends_at = ?1, "
	    "sequence = sequence + 1 WHERE id = ?2 AND ends_at != ?1 AND "
	    "(?3 IS NULL OR ends_at = ?3) AND "
	    "starts_at = recurrence_id AND status = 'scheduled' AND starts_at "
	    "> strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", r->e)) == NULL)
		return -1;
	circle_bind_text(st, 1, end);
	sqlite3_bind_int64(st, 2, x->id);
	if (r->was > 0) {
		circle_utc_add_minutes(x->recurrence_id, r->was, was);
		circle_bind_text(st, 3, was);
	}
	if (circle_exec_stmt(r->db, st, r->e) == -1)
		return -1;
	if (sqlite3_changes(r->db->h) > 0)
		r->res->updated++;
	return 0;
}

/*
 * A planned session at a clock change, said in the result: the rule's time
 * in the gap (the expansion moved it on), or a time that happens twice.
 */
static void
wall_said(struct reconcile *r, const char *local)
{
	char	want[17];

	if (r->at == NULL)
		return;
	snprintf(want, sizeof want, "%.11s%s", local, r->at);
	circle_wall_check(r->tzid, want, &r->res->wall, NULL);
}

/* One occurrence of the schedule: keep, move or make its session. */
static int
on_occurrence(void *arg, const char *local)
{
	struct reconcile	*r = arg;
	struct existing		*x;
	sqlite3_stmt		*st;
	char			 rec[21], end[21], date[11];

	if (circle_local_utc(local, r->tzid, rec, r->e) == -1)
		return -1;
	memcpy(date, local, 10);
	date[10] = '\0';
	if ((x = find_existing(r, rec, date)) == NULL) {
		r->res->added++;
		wall_said(r, local);
		return circle_session_insert(r->db, r->gid, r->series_id, local,
		    r->tzid, r->duration, NULL, NULL, NULL, r->e);
	}
	x->matched = 1;
	circle_utc_add_minutes(rec, r->duration, end);
	if (strcmp(x->recurrence_id, rec) == 0)
		return keep_length(r, x, end);
	/* The schedule's time changed: an unmoved, future session follows. */
	/*
	 * Past, held or individually moved sessions stay as they were, their
	 * place in the old schedule too: they happened (or were meant) then.
	 */
	if (!x->follows)
		return 0;
	if ((st = circle_prepare(r->db, "UPDATE session SET recurrence_id = ?1,"
	    " starts_at = ?1, ends_at = ?2, local_start = ?3, sequence = "
	    "sequence + 1 WHERE id = ?4", r->e)) == NULL)
		return -1;
	circle_bind_text(st, 1, rec);
	circle_bind_text(st, 2, end);
	circle_bind_text(st, 3, local);
	sqlite3_bind_int64(st, 4, x->id);
	r->res->updated++;
	wall_said(r, local);
	return circle_exec_stmt(r->db, st, r->e);
}

static int
finish_reconcile(struct reconcile *r, struct circle_err *e)
{
	static const char del[] = "DELETE FROM session WHERE id = ?";
	static const char span[] = "SELECT count(*), min(local_start), "
	    "max(local_start) FROM session WHERE series_id = ?";
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < r->nex; i++) {
		if (r->ex[i].matched || !r->ex[i].empty || r->ex[i].extra)
			continue;
		if ((st = circle_cached(r->db, del, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, r->ex[i].id);
		if (circle_exec_cached(r->db, st, e) == -1)
			return -1;
		r->res->removed++;
	}
	if ((st = circle_cached(r->db, span, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, r->series_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->res->total = (size_t)sqlite3_column_int64(st, 0);
		snprintf(r->res->first, sizeof r->res->first, "%s",
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(st, 1));
		snprintf(r->res->last, sizeof r->res->last, "%s",
		    sqlite3_column_type(st, 2) == SQLITE_NULL ? "" :
		    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(r->db, e, "sessions");
	return 0;
}

static void
reconcile_free(struct reconcile *r)
{
	size_t	i;

	for (i = 0; i < r->nex; i++) {
		free(r->ex[i].recurrence_id);
		free(r->ex[i].starts_at);
	}
	free(r->ex);
	r->ex = NULL;
	r->nex = 0;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sessions made on their own: never removed for not being the rule's. */
static void
mark_extra(struct reconcile *r)
{
	size_t	i;

	for (i = 0; i < r->nex && r->nextra > 0; i++)
		if (r->ex[i].recurrence_id != NULL && bsearch(
		    &r->ex[i].recurrence_id, r->extra, r->nextra,
		    sizeof *r->extra, by_text) != NULL)
			r->ex[i].extra = 1;
}

/* Dates, as a rule's expansion gives them: in order. */
struct dates {
	char	**v;		/* owned: YYYY-MM-DD */
	size_t	  n;
};

static int
add_date(void *arg, const char *local)
{
	struct dates	*d = arg;

	d->v = circle_xgrow(d->v, d->n, sizeof *d->v);
	d->v[d->n++] = circle_xstrndup(local, 10);
	return 0;
}

/*
 * The sessions of a series on dates its stored rule does not give (a
 * calendar's RDATEs, a DTSTART off the rule's days, the dates of a second
 * RRULE): made on their own, they are not removed when the series is
 * planned again without them.  Their recurrence_ids, sorted.
 */
static int
extra_sessions(struct circle_db *db, long long sid, char ***extra,
    size_t *nextra, struct circle_err *e)
{
	struct dates		 dates;
	sqlite3_stmt		*st;
	const char		*day;
	char			*rrule = NULL, *dtstart = NULL, *tzid = NULL;
	char			**rid = NULL, local[17];
	size_t			 nrid = 0, i;
	int			 rc;

	*extra = NULL;
	*nextra = 0;
	memset(&dates, 0, sizeof dates);
	if ((st = circle_prepare(db, "SELECT r.rrule, r.dtstart, r.tzid, "
	    "s.recurrence_id FROM series r JOIN session s ON s.series_id = "
	    "r.id WHERE r.id = ? AND s.recurrence_id IS NOT NULL ORDER BY "
	    "s.recurrence_id", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (rrule == NULL) {
			rrule = circle_col_dup(st, 0);
			dtstart = circle_col_dup(st, 1);
			tzid = circle_col_dup(st, 2);
		}
		rid = circle_xgrow(rid, nrid, sizeof *rid);
		rid[nrid++] = circle_col_dup(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rc = circle_db_error(db, e, "series");
		goto out;
	}
	rc = 0;
	if (nrid == 0 || circle_utc_to_local(rid[nrid - 1], tzid, local) == -1)
		goto out;
	local[10] = '\0';
	if ((rc = circle_rule_expand(rrule, dtstart, tzid, NULL, 0, local,
	    add_date, &dates, e)) == -1)
		goto out;
	/* The rule's dates come in order. */
	for (i = 0; i < nrid; i++) {
		if (circle_utc_to_local(rid[i], tzid, local) == -1)
			continue;
		local[10] = '\0';
		day = local;
		if (bsearch(&day, dates.v, dates.n, sizeof *dates.v,
		    by_text) == NULL) {
			*extra = circle_xgrow(*extra, *nextra, sizeof **extra);
			(*extra)[(*nextra)++] = circle_xstrdup(rid[i]);
		}
	}
out:
	circle_strv_free(rid, nrid);
	circle_strv_free(dates.v, dates.n);
	free(rrule);
	free(dtstart);
	free(tzid);
	return rc;
}

/*
 * Expand the series' rule and reconcile its sessions with it; the
 * sessions in extra (sorted recurrence_ids) are left as they are.
 */
static int
materialise(struct circle_db *db, long long gid, long long series_id,
    const struct circle_rule *rule, int was, const char *tzid,
    const char *through, char **extra, size_t nextra,
    struct circle_plan_result *res, struct circle_err *e)
{
	struct reconcile	r;
	int			rc;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.gid = gid;
	r.series_id = series_id;
	r.tzid = tzid;
	r.at = rule->dtstart + 11;
	r.duration = rule->duration;
	r.was = was;
	r.extra = extra;
	r.nextra = nextra;
	r.res = res;
	r.e = e;
	if (load_existing(&r) == -1) {
		reconcile_free(&r);
		return -1;
	}
	mark_extra(&r);
	rc = circle_rule_expand(rule->rrule, rule->dtstart, tzid,
	    (const char *const *)rule->exdates, rule->nexdates, through,
	    on_occurrence, &r, e);
	if (rc == 0)
		rc = finish_reconcile(&r, e);
	reconcile_free(&r);
	return rc;
}

/*
 * Reconcile a series' sessions with the occurrences given (local wall
 * times in tzid, each once), as planning does with its rule's: a
 * calendar's series has RDATEs and overrides besides its rule.  was: the
 * series' length before (0: a new series), so that a session given a
 * length of its own keeps it.
 */
int
circle_series_reconcile(struct circle_db *db, long long gid,
    long long series_id, const char *tzid, int duration, int was,
    const char *const *locals, size_t n, struct circle_plan_result *res,
    struct circle_err *e)
{
	struct reconcile	r;
	size_t			i;
	int			rc = 0;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.gid = gid;
	r.series_id = series_id;
	r.tzid = tzid;
	r.duration = duration;
	r.was = was;
	r.res = res;
	r.e = e;
	if (load_existing(&r) == -1) {
		reconcile_free(&r);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++)
		rc = on_occurrence(&r, locals[i]);
	if (rc == 0)
		rc = finish_reconcile(&r, e);
	reconcile_free(&r);
	return rc;
}

/*
 * Materialise through: the date asked for; else the rule's own end (an
 * UNTIL or COUNT: "" means no horizon); else a year past today, or past
 * the first date if that is later.
 */
static void
horizon(const struct circle_schedule *s, const struct circle_rule *rule,
    const char *tzid, char through[11])
{
	struct circle_date	today, from, d;

	if (s->through != NULL) {
		snprintf(through, 11, "%s", s->through);
		return;
	}
	if (strstr(rule->rrule, "UNTIL=") != NULL ||
	    strstr(rule->rrule, "COUNT=") != NULL) {
		through[0] = '\0';
		return;
	}
	circle_date_today_in(tzid, &today);
	circle_date_parse(s->from, &from);
	if (circle_date_diff(&today, &from) > 0)
		today = from;
	circle_date_add(&today, 365, &d);
	circle_date_format(&d, through);
}

/*
 * A name for a series planned without one, made from its schedule, so
 * that the same plan given twice updates one series instead of making two:
 * "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH" at 18:30 from 2026-09-10 is
 * "weekly-interval2-th-1830-from-2026-09-10".
 */
static char *
auto_key(const struct circle_rule *rule)
{
	const char	*p, *part;
	char		 key[160];
	size_t		 n = 0, len;

	for (p = rule->rrule; *p != '\0' && n + 2 < sizeof key; p += len) {
		len = strcspn(p, ";");
		part = p;
		if (p[len] == ';')
			len++;
		if (strncmp(part, "UNTIL=", 6) == 0 ||
		    strncmp(part, "COUNT=", 6) == 0)
			continue;
		if (n > 0)
			key[n++] = '-';
		if (strncmp(part, "FREQ=", 5) == 0 || strncmp(part, "BYDAY=", 6) == 0)
			part = strchr(part, '=') + 1;
		for (; part < p + len && *part != ';' && n + 2 < sizeof key; part++)
			if (isalnum((unsigned char)*part))
				key[n++] = (char)tolower((unsigned char)*part);
	}
	key[n] = '\0';
	snprintf(key + n, sizeof key - n, "-%.2s%.2s-from-%.10s",
	    rule->dtstart + 11, rule->dtstart + 14, rule->dtstart);
	return circle_xstrdup(key);
}

/* Stops an expansion at the first occurrence past the date in arg. */
static int
stop_after(void *arg, const char *local)
{
	return strncmp(local, arg, 10) > 0;
}

/*
 * A schedule split by "move --following" (its sessions from then on are a
 * series of their own, "KEY-from-DATE"): planning it again, from a file
 * that still says the old, governs only up to the split, so nothing after
 * it is made twice.  The rule gets an UNTIL the day before the first split.
 */
static int
cap_at_split(struct circle_db *db, long long gid, const char *key,
    const char *tzid, struct circle_rule *rule, char through[11],
    struct circle_err *e)
{
	struct circle_date	 d, cap;
	sqlite3_stmt		*st;
	char			 date[11], utc[21], until[17], *capped;
	int			 rc, found;

	if ((st = circle_prepare(db, "SELECT min(dtstart) FROM series WHERE "
	    "grp_id = ?1 AND substr(key, 1, length(?2) + 6) = ?2 || '-from-'",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	found = rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	if (found)
		snprintf(date, sizeof date, "%.10s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(db, e, "series");
	if (!found || circle_date_parse(date, &d) == -1)
		return 0;
	circle_date_add(&d, -1, &cap);
	circle_date_format(&cap, date);
	rc = circle_rule_expand(rule->rrule, rule->dtstart, tzid, NULL, 0, NULL,
	    stop_after, date, e);
	if (rc <= 0)
		return rc;	/* an error, or it ends before the split */
	if (circle_local_to_utc(tzid, &cap, 23, 59, utc) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is not a "
		    "known time zone", tzid);
	snprintf(until, sizeof until, "%.4s%.2s%.2sT%.2s%.2s59Z", utc, utc + 5,
	    utc + 8, utc + 11, utc + 14);
	if ((capped = circle_rule_shift(rule->rrule, 0, until, 0, e)) == NULL)
		return -1;
	free(rule->rrule);
	rule->rrule = capped;
	through[0] = '\0';
	return 0;
}

struct plan {
	const char			*group;
	const struct circle_schedule	*s;
	struct circle_plan_result	*res;
};

/*
 * The dates a series leaves out, as its exdates column keeps them: a JSON
 * array, NULL for none.  Planning and the calendar import both write it.
 */
char *
circle_series_exdates_json(const char *const *v, size_t n)
{
	json_t	*a;
	char	*s;
	size_t	 i;

	if (n == 0)
		return NULL;
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

static int
plan_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct plan		*p = arg;
	const struct circle_schedule *s = p->s;
	struct circle_rule	 rule;
	sqlite3_stmt		*st;
	struct circle_group	 g;
	long long		 sid = 0;
	int			 was = 0;
	char			*key = NULL, *ex = NULL, *uid = NULL;
	char			 through[11], now[21], *detail, **extra = NULL;
	size_t			 nextra = 0;
	json_t			*j;
	int			 changed, step, rc = -1;

	memset(p->res, 0, sizeof *p->res);
	memset(&rule, 0, sizeof rule);
	if (circle_session_group(db, p->group, &g, e) == -1)
		return -1;
	if (circle_rule_from_schedule(s, g.tzid, g.duration, &rule, e) == -1)
		goto out;
	snprintf(p->res->at, sizeof p->res->at, "%.5s", rule.dtstart + 11);
	if (s->through != NULL && (circle_date_check("through", s->through,
	    e) == -1 || (strcmp(s->through, s->from) < 0 &&
	    circle_err_set(e, CIRCLE_EDATA, "through: %s is before from (%s)",
	    s->through, s->from) == -1)))
		goto out;
	if (s->location != NULL &&
	    circle_check_text("location", s->location, 300, e) == -1)
		goto out;
	if (s->topic != NULL && circle_check_text("topic", s->topic, 300,
	    e) == -1)
		goto out;
	horizon(s, &rule, g.tzid, through);
	key = s->key != NULL ? circle_xstrdup(s->key) : auto_key(&rule);
	if ((st = circle_prepare(db, "SELECT id, through, duration FROM "
	    "series WHERE grp_id = ? AND key = ?", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, g.id);
	circle_bind_text(st, 2, key);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(st, 0);
		was = sqlite3_column_int(st, 2);
		/* A horizon once extended (--through) stays extended. */
		if (through[0] != '\0' &&
		    sqlite3_column_type(st, 1) != SQLITE_NULL &&
		    strcmp((const char *)sqlite3_column_text(st, 1),
		    through) > 0)
			snprintf(through, sizeof through, "%s",
			    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		circle_db_error(db, e, "series");
		goto out;
	}

	if (sid != 0 && (cap_at_split(db, g.id, key, g.tzid, &rule, through,
	    e) == -1 || extra_sessions(db, sid, &extra, &nextra, e) == -1))
		goto out;
	ex = circle_series_exdates_json((const char *const *)rule.exdates,
	    rule.nexdates);
	circle_now_utc(now);
	if (sid == 0) {
		if ((uid = circle_uuid(e)) == NULL)
			goto out;
		st = circle_prepare(db, "INSERT INTO series (uid, grp_id, key, "
		    "rrule, dtstart, tzid, duration, exdates, location, topic, "
		    "through, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, "
		    "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)", e);
	} else
		st = circle_prepare(db, "UPDATE series SET rrule = ?4, "
		    "dtstart = ?5, tzid = ?6, duration = ?7, exdates = ?8, "
		    "location = ?9, topic = ?10, through = ?11, "
		    "updated_at = ?12, sequence = sequence + (rrule != ?4 OR "
		    "dtstart != ?5 OR duration != ?7 OR "
		    "coalesce(exdates, '') != coalesce(?8, '')) "
		    "WHERE id = ?13 AND (rrule IS NOT ?4 OR dtstart IS NOT ?5 OR "
		    "tzid IS NOT ?6 OR duration IS NOT ?7 OR exdates IS NOT ?8 OR "
		    "location IS NOT ?9 OR topic IS NOT ?10 OR through IS NOT ?11)",
		    e);
	if (st == NULL)
		goto out;
	circle_bind_text(st, 1, uid);
	sqlite3_bind_int64(st, 2, g.id);
	circle_bind_text(st, 3, key);
	circle_bind_text(st, 4, rule.rrule);
	circle_bind_text(st, 5, rule.dtstart);
	circle_bind_text(st, 6, g.tzid);
	sqlite3_bind_int(st, 7, rule.duration);
	circle_bind_text(st, 8, ex);
	circle_bind_text(st, 9, s->location);
	circle_bind_text(st, 10, s->topic);
	circle_bind_text(st, 11, through[0] != '\0' ? through : NULL);
	circle_bind_text(st, 12, now);
	if (sid != 0)
		sqlite3_bind_int64(st, 13, sid);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	changed = sqlite3_changes(db->h) > 0;
	if (sid == 0)
		sid = sqlite3_last_insert_rowid(db->h);
	p->res->series_id = sid;
	if (materialise(db, g.id, sid, &rule, was, g.tzid, through[0] != '\0' ?
	    through : NULL, extra, nextra, p->res, e) == -1)
		goto out;
	if (p->res->added > 0 && circle_rule_short_months(rule.rrule,
	    rule.dtstart, p->res->last, p->res->short_months,
	    sizeof p->res->short_months, &p->res->short_day) == -1)
		p->res->short_months[0] = '\0';
	/* Planning the same again changes nothing, and logs nothing. */
	if (!changed && p->res->added + p->res->updated + p->res->removed ==
	    0) {
		rc = 0;
		goto out;
	}
	j = json_pack("{s:s, s:i, s:i, s:i, s:s}", "key", key, "added",
	    (int)p->res->added, "updated", (int)p->res->updated, "removed",
	    (int)p->res->removed, "group", g.handle);
	detail = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	rc = circle_session_log(db, uid != NULL ? "plan" : "replan", NULL,
	    detail, e);
	free(detail);
out:
	/* A dry run went well: circle_db_write rolls it back. */
	if (rc == 0 && s->dry_run)
		rc = 1;
	circle_rule_release(&rule);
	circle_group_release(&g);
	circle_strv_free(extra, nextra);
	free(key);
	free(ex);
	free(uid);
	return rc;
}

/*
 * Plan a series in a group (NULL: the only group), or, when a series of
 * that key exists, bring it and its sessions up to date.
 */
int
circle_series_plan(struct circle_db *db, const char *group,
    const struct circle_schedule *s, struct circle_plan_result *res,
    struct circle_err *e)
{
	struct plan	p = { group, s, res };

	if (s->key != NULL && (*s->key == '\0' || strlen(s->key) > 64 ||
	    circle_has_control(s->key)))
		return circle_err_set(e, CIRCLE_EDATA, "name: \"%s\" is not a "
		    "schedule name", s->key);
	return circle_db_write(db, plan_tx, &p, e);
}

/*
 * The series' sessions still to come that are held at a time another
 * scheduled session of its group is, as circle_session_overlaps says them
 * (a plan given again at a new time without its --name is a second series
 * beside the first).
 */
int
circle_series_overlaps(struct circle_db *db, long long series_id,
    struct circle_overlap *o, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0;
	char		 now[21];
	int		 rc;

	memset(o, 0, sizeof *o);
	circle_now_utc(now);
	if ((st = circle_prepare(db, "SELECT id FROM session WHERE "
	    "series_id = ?1 AND status = 'scheduled' AND starts_at >= ?2 "
	    "ORDER BY starts_at", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, series_id);
	circle_bind_text(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = circle_xgrow(ids, n, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	rc = circle_step_ok(db, rc, "sessions", e);
	sqlite3_finalize(st);
	if (rc == 0 && n > 0)
		rc = circle_session_overlaps(db, ids, n, o, e);
	free(ids);
	return rc;
}
