/*
 * icsimport.c: sessions from an iCalendar file, the inverse of ics.c.
 * icslex.c splits the file into events and icsread.c says what each one
 * means; here they are written: a series' occurrences are reconciled by
 * series.c as planning does, overrides and one-offs are matched by UID
 * and RECURRENCE-ID (overrides in icsoverride.c), so a second import of a
 * file updates, never doubles.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"
#include "recur.h"

static void
imp_free(struct imp *x)
{
	size_t	i;

	for (i = 0; i < x->nev; i++)
		circle_ics_event_free(&x->ev[i]);
	free(x->ev);
	for (i = 0; i < x->nzones; i++) {
		free(x->zones[i].tzid);
		free(x->zones[i].location);
		free(x->zones[i].text);
	}
	free(x->zones);
	for (i = 0; i < (size_t)x->ncal; i++)
		free(x->cals[i].wrtz);
	free(x->cals);
	circle_ics_zones_free(x);
	circle_strv_free(x->pre, x->npre);
	free(x->gtz);
	free(x->gloc);
	free(x->gurl);
	free(x->ghandle);
}

/* --- Writing --- */

void
circle_ics_srow_free(struct srow *s)
{
	free(s->rid);
	free(s->starts);
	free(s->ends);
	free(s->local);
	free(s->tzid);
	free(s->status);
	free(s->location);
	free(s->topic);
	free(s->online_url);
	memset(s, 0, sizeof *s);
}

void
circle_ics_srow_read(sqlite3_stmt *st, struct srow *s)
{
	s->id = sqlite3_column_int64(st, 0);
	s->rid = circle_col_dup(st, 1);
	s->starts = circle_col_dup(st, 2);
	s->ends = circle_col_dup(st, 3);
	s->local = circle_col_dup(st, 4);
	s->tzid = circle_col_dup(st, 5);
	s->status = circle_col_dup(st, 6);
	s->location = circle_col_dup(st, 7);
	s->topic = circle_col_dup(st, 8);
	s->sequence = sqlite3_column_int(st, 9);
	s->recorded = sqlite3_column_int(st, 10);
	s->grp_id = sqlite3_column_int64(st, 11);
	s->series_id = sqlite3_column_int64(st, 12);
	s->online_url = circle_col_dup(st, 13);
}

/* A session by uid, or by series and occurrence; 0 found, 1 not. */
int
circle_ics_srow_get(struct circle_db *db, const char *uid, long long series_id,
    const char *rid, struct srow *s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof *s);
	st = circle_cached(db, uid != NULL ? "SELECT " SROW_COLUMNS " FROM "
	    "session s WHERE s.uid = ?1" : "SELECT " SROW_COLUMNS " FROM "
	    "session s WHERE s.series_id = ?2 AND s.recurrence_id = ?3", e);
	if (st == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	sqlite3_bind_int64(st, 2, series_id);
	circle_bind_text(st, 3, rid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		circle_ics_srow_read(st, s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "session");
	return rc == SQLITE_ROW ? 0 : 1;
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A text equal to the one it would inherit is not its own. */
const char *
circle_ics_own_text(const char *s, const char *inherited)
{
	return s != NULL && !same_text(s, inherited) ? s : NULL;
}

/* Does the row already say what the event wants? */
static int
row_is(const struct srow *s, const struct want *w)
{
	return w->rid == NULL && strcmp(s->starts, w->starts) == 0 &&
	    strcmp(s->ends, w->ends) == 0 && strcmp(s->local, w->local) == 0 &&
	    strcmp(s->tzid, w->tzid) == 0 &&
	    (strcmp(s->status, "cancelled") == 0) == w->cancelled &&
	    same_text(s->location, w->location) &&
	    same_text(s->topic, w->topic) &&
	    same_text(s->online_url, w->online_url);
}

static int
set_want(struct imp *x, long long id, const struct want *w, int sequence,
    struct circle_err *e)
{
	static const char sql[] = "UPDATE session SET starts_at = ?1, "
	    "ends_at = ?2, local_start = ?3, tzid = ?4, status = CASE WHEN ?5 "
	    "THEN 'cancelled' ELSE 'scheduled' END, cancel_reason = CASE WHEN "
	    "?5 THEN cancel_reason END, location = ?6, topic = ?7, "
	    "sequence = ?8, updated_at = ?9, recurrence_id = coalesce(?11, "
	    "recurrence_id), online_url = ?12 WHERE id = ?10";
	sqlite3_stmt	*st;

	if ((st = circle_cached(x->db, sql, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, w->starts);
	circle_bind_text(st, 2, w->ends);
	circle_bind_text(st, 3, w->local);
	circle_bind_text(st, 4, w->tzid);
	sqlite3_bind_int(st, 5, w->cancelled);
	circle_bind_text(st, 6, w->location);
	circle_bind_text(st, 7, w->topic);
	sqlite3_bind_int(st, 8, sequence);
	circle_bind_text(st, 9, x->now);
	sqlite3_bind_int64(st, 10, id);
	circle_bind_text(st, 11, w->rid);
	circle_bind_text(st, 12, w->online_url);
	x->changed = 1;
	return circle_exec_cached(x->db, st, e);
}

/*
 * Put back what reconciling the series may have changed on a session the
 * calendar overrides (its length, its sequence), so that an unchanged file
 * changes nothing.
 */
static int
restore_row(struct imp *x, const struct srow *s, struct tally *t,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(x->db, "UPDATE session SET starts_at = ?1, "
	    "ends_at = ?2, local_start = ?3, sequence = ?4 WHERE id = ?5 AND "
	    "(starts_at IS NOT ?1 OR ends_at IS NOT ?2 OR local_start IS NOT ?3 "
	    "OR sequence IS NOT ?4)", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, s->starts);
	circle_bind_text(st, 2, s->ends);
	circle_bind_text(st, 3, s->local);
	sqlite3_bind_int(st, 4, s->sequence);
	sqlite3_bind_int64(st, 5, s->id);
	if (circle_exec_stmt(x->db, st, e) == -1)
		return -1;
	if (sqlite3_changes(x->db->h) > 0)
		t->undone++;
	return 0;
}

static int
set_sequence(struct imp *x, long long id, int sequence, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(x->db, "UPDATE session SET sequence = ? "
	    "WHERE id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, sequence);
	sqlite3_bind_int64(st, 2, id);
	return circle_exec_stmt(x->db, st, e);
}

int
circle_ics_by_rid(const void *a, const void *b)
{
	const struct srow	*sa = a, *sb = b;

	return strcmp(sa->rid != NULL ? sa->rid : "",
	    sb->rid != NULL ? sb->rid : "");
}

/*
 * A cancellation sent now (METHOD:CANCEL) of a session that has begun:
 * it took place, or its record is still to be made; the organizer
 * cleared a past meeting from calendars.  1 if so, said.
 */
static int
cancel_begun(struct imp *x, struct event *ev, const struct srow *base,
    const struct want *w)
{
	if (!x->cals[ev->cal].cancel || !w->cancelled ||
	    strcmp(base->status, "cancelled") == 0 ||
	    strcmp(base->starts, x->now) > 0)
		return 0;
	circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: METHOD:CANCEL: "
	    "session %s has begun; left as it is (circle session cancel "
	    "cancels it)", x->name, ev->line, base->local);
	return 1;
}

/*
 * Apply what the calendar says of one session: never to one with a
 * record, nor from an event older (lower SEQUENCE) than the session, nor
 * a cancellation sent now to one that has begun.
 */
int
circle_ics_update_from_event(struct imp *x, struct event *ev,
    const struct srow *base, const struct srow *snap, const struct want *w,
    int count, struct tally *t, struct circle_err *e)
{
	if (cancel_begun(x, ev, base, w))
		return snap != NULL ? restore_row(x, snap, t, e) : 0;
	if (base->recorded || ev->sequence < base->sequence) {
		if (!row_is(base, w))
			circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: "
			    "session %s %s; the calendar's change is not "
			    "applied", x->name, ev->line, base->local,
			    base->recorded ? "has attendance or notes "
			    "recorded" : "was changed after this calendar (a "
			    "higher SEQUENCE)");
		return snap != NULL ? restore_row(x, snap, t, e) : 0;
	}
	if (row_is(base, w)) {
		if (snap != NULL)
			return restore_row(x, snap, t, e);
		return ev->sequence != base->sequence ? set_sequence(x,
		    base->id, ev->sequence, e) : 0;
	}
	if (count)
		t->updated++;
	return set_want(x, base->id, w, ev->sequence, e);
}

/* A name for a new series, unique in its group: "ics-UID". */
static char *
new_key(struct imp *x, const char *uid, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key, *k;
	size_t		 n;
	int		 i, rc;

	circle_xasprintf(&key, "ics-%s", uid);
	for (n = 56; strlen(key) > n && n > 4 &&
	    ((unsigned char)key[n] & 0xc0) == 0x80; n--)
		;
	if (strlen(key) > n)
		key[n] = '\0';
	if ((st = circle_prepare(x->db, "SELECT 1 FROM series WHERE grp_id = ? "
	    "AND key = ?", e)) == NULL) {
		free(key);
		return NULL;
	}
	for (i = 1; i < 1000; i++) {
		if (i == 1)
			k = circle_xstrdup(key);
		else
			circle_xasprintf(&k, "%s-%d", key, i);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, x->gid);
		circle_bind_text(st, 2, k);
		if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
			sqlite3_finalize(st);
			free(key);
			return k;
		}
		free(k);
		if (rc != SQLITE_ROW)
			break;
	}
	sqlite3_finalize(st);
	free(key);
	if (rc != SQLITE_ROW)
		circle_db_error(x->db, e, "series");
	else
		circle_err_set(e, CIRCLE_EIO, "no free name for a series");
	return NULL;
}

/* The group of a row with this uid, if it is another; 0 if none. */
static int
uid_owner(struct imp *x, const char *table, const char *uid,
    long long *gid, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*gid = 0;
	st = circle_cached(x->db, strcmp(table, "series") == 0 ?
	    "SELECT grp_id FROM series WHERE uid = ?" :
	    "SELECT grp_id FROM session WHERE uid = ?", e);
	if (st == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*gid = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(x->db, e, table);
	return 0;
}

static int
other_group(struct imp *x, struct event *ev, long long gid,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*h = NULL, *said;
	int		 rc;

	if ((st = circle_prepare(x->db, "SELECT handle FROM grp WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		h = circle_col_dup(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "groups");
	said = circle_ics_event_said(ev);
	if (h == NULL)	/* a row of no group: foreign keys were off */
		circle_err_set(e, CIRCLE_EIO, "%s: %s is in the database under "
		    "group id %lld, which is not there: run 'circle db check'",
		    x->name, said, gid);
	else
		circle_ics_error(x, circle_ics_line_of(ev, ICAL_UID_PROPERTY),
		    1, e, "%s belongs to group %s, not %s (an event is one "
		    "group's, by its UID): import the file with --group %s to "
		    "bring that group up to date; for %s to meet at these times "
		    "too, plan them there with 'circle session plan --group %s'",
		    said, h, x->ghandle, h, x->ghandle, x->ghandle);
	free(said);
	free(h);
	return -1;
}

static int
snapshot_overridden(struct imp *x, struct sinfo *si, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(x->db, "SELECT " SROW_COLUMNS " FROM session "
	    "s WHERE s.series_id = ? AND s.recurrence_id IS NOT NULL ORDER BY "
	    "s.recurrence_id", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, si->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		si->snap = circle_xgrow(si->snap, si->nsnap, sizeof *si->snap);
		circle_ics_srow_read(st, &si->snap[si->nsnap++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "sessions");
	/* SQLite's order is byte order too, but say so. */
	if (si->nsnap > 1)
		qsort(si->snap, si->nsnap, sizeof *si->snap, circle_ics_by_rid);
	return 0;
}

/* The series row: a new one, or the same uid brought up to date. */
static int
upsert_series(struct imp *x, struct event *ev, long long *id,
    const char *tz, const char *dtstart, int duration, const char *exjson,
    const char *location, const char *url, const char *through,
    struct circle_err *e)
{
	static const char ins[] = "INSERT INTO series (uid, grp_id, key, "
	    "rrule, dtstart, tzid, duration, exdates, location, topic, "
	    "through, sequence, created_at, updated_at, online_url) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?15)";
	static const char upd[] = "UPDATE series SET rrule = ?4, dtstart = "
	    "?5, tzid = ?6, duration = ?7, exdates = ?8, location = ?9, topic "
	    "= ?10, through = ?11, sequence = ?12, updated_at = ?13, "
	    "online_url = ?15 WHERE id = ?14 AND (rrule IS NOT ?4 OR dtstart "
	    "IS NOT ?5 OR tzid IS NOT ?6 OR duration IS NOT ?7 OR exdates IS "
	    "NOT ?8 OR location IS NOT ?9 OR topic IS NOT ?10 OR through IS NOT "
	    "?11 OR sequence IS NOT ?12 OR online_url IS NOT ?15)";
	sqlite3_stmt	*st;
	char		*key = NULL;
	int		 rc;

	if (*id == 0 && (key = new_key(x, ev->uid, e)) == NULL)
		return -1;
	if ((st = circle_cached(x->db, *id == 0 ? ins : upd, e)) == NULL) {
		free(key);
		return -1;
	}
	circle_bind_text(st, 1, ev->uid);
	sqlite3_bind_int64(st, 2, x->gid);
	circle_bind_text(st, 3, key);
	circle_bind_text(st, 4, ev->rrule);
	circle_bind_text(st, 5, dtstart);
	circle_bind_text(st, 6, tz);
	sqlite3_bind_int(st, 7, duration);
	circle_bind_text(st, 8, exjson);
	circle_bind_text(st, 9, location);
	circle_bind_text(st, 10, ev->topic);
	circle_bind_text(st, 11, through[0] != '\0' ? through : NULL);
	sqlite3_bind_int(st, 12, ev->sequence);
	circle_bind_text(st, 13, x->now);
	if (*id != 0)
		sqlite3_bind_int64(st, 14, *id);
	circle_bind_text(st, 15, url);
	rc = circle_exec_cached(x->db, st, e);
	free(key);
	if (rc == -1)
		return -1;
	if (sqlite3_changes(x->db->h) > 0)
		x->changed = 1;
	if (*id == 0)
		*id = sqlite3_last_insert_rowid(x->db->h);
	return 0;
}

/* A rule as libical writes it, to compare two spellings. */
static int
same_rule(const char *a, const char *b)
{
	struct icalrecurrencetype	r;
	char				*s;
	int				 eq;

	r = icalrecurrencetype_from_string(a);
	if ((s = icalrecurrencetype_as_string_r(&r)) == NULL)
		return 0;
	eq = strcmp(s, b) == 0;
	free(s);
	return eq;
}

/*
 * The series' existing row: id, sequence, length, horizon, and its rule
 * when it says the same as the event's, in its own words; 1 if none.
 */
static int
series_row(struct imp *x, struct event *ev, long long *id, int *sequence,
    int *was, char through[11], char **rule, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 gid;
	int		 rc;

	*id = 0;
	through[0] = '\0';
	if (uid_owner(x, "session", ev->uid, &gid, e) == -1)
		return -1;
	if (gid != 0 && gid != x->gid)
		return other_group(x, ev, gid, e);
	if (gid != 0)
		return circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_UID_PROPERTY), 1, e, "UID %.64s is a single session "
		    "here, and the event repeats", ev->uid);
	if ((st = circle_prepare(x->db, "SELECT id, grp_id, sequence, "
	    "coalesce(through, ''), rrule, duration FROM series WHERE uid = ?",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, ev->uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		gid = sqlite3_column_int64(st, 1);
		*sequence = sqlite3_column_int(st, 2);
		snprintf(through, 11, "%s", sqlite3_column_text(st, 3));
		*rule = circle_col_dup(st, 4);
		*was = sqlite3_column_int(st, 5);
		if (!same_rule(*rule, ev->rrule)) {
			free(*rule);
			*rule = NULL;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "series");
	if (rc == SQLITE_ROW && gid != x->gid)
		return other_group(x, ev, gid, e);
	return rc == SQLITE_ROW ? 0 : 1;
}

/* The sessions of a series cancelled now that have begun, said. */
static int
begun_left(struct imp *x, struct event *ev, long long sid,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 n = 0;

	if ((st = circle_prepare(x->db, "SELECT count(*) FROM session s "
	    "WHERE s.series_id = ?1 AND s.status = 'scheduled' AND "
	    "s.starts_at <= ?2 AND " CIRCLE_SESSION_UNRECORDED, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	circle_bind_text(st, 2, x->now);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return circle_db_error(x->db, e, "session");
	}
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (n > 0)
		circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: "
		    "METHOD:CANCEL: %d session%s of the series ha%s begun; "
		    "left as %s (circle session cancel cancels one)", x->name,
		    ev->line, n, n == 1 ? "" : "s", n == 1 ? "s" : "ve",
		    n == 1 ? "it is" : "they are");
	return 0;
}

/* A whole event cancelled: its sessions with nothing recorded are too. */
static int
cancel_all(struct imp *x, struct event *ev, long long sid, struct tally *t,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	/* A cancellation sent now (METHOD:CANCEL): those still to come. */
	if ((st = circle_prepare(x->db, "UPDATE session AS s SET status = "
	    "'cancelled', sequence = sequence + 1, updated_at = ?1 WHERE "
	    "s.series_id = ?2 AND s.status = 'scheduled' AND (NOT ?3 OR "
	    "s.starts_at > ?1) AND " CIRCLE_SESSION_UNRECORDED, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, x->now);
	sqlite3_bind_int64(st, 2, sid);
	sqlite3_bind_int(st, 3, x->cals[ev->cal].cancel);
	if (circle_exec_stmt(x->db, st, e) == -1)
		return -1;
	t->updated += (size_t)sqlite3_changes(x->db->h);
	if (sqlite3_changes(x->db->h) > 0)
		x->changed = 1;
	return x->cals[ev->cal].cancel ? begun_left(x, ev, sid, e) : 0;
}

/*
 * An event of a METHOD:CANCEL calendar that is not here: nothing to
 * cancel, and nothing is made of it, with a note.
 */
static int
nothing_to_cancel(struct imp *x, struct event *ev)
{
	char	*said;

	if (!x->cals[ev->cal].cancel)
		return 0;
	said = circle_ics_event_said(ev);
	circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: METHOD:CANCEL: "
	    "%s is no session here; nothing to cancel", x->name, ev->line,
	    said);
	free(said);
	return 1;
}

/* A rule that gives no session: said, since the count alone says 0. */
static void
no_session(struct imp *x, struct event *ev, const char *through)
{
	char	*said = circle_ics_event_said(ev);

	if (through[0] == '\0')
		circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: RRULE: %s "
		    "gives no session (an UNTIL before DTSTART, every date an "
		    "EXDATE, or no date the rule fits)", x->name,
		    circle_ics_line_of(ev, ICAL_RRULE_PROPERTY), said);
	else
		circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: RRULE: %s "
		    "gives no session through %s (a DTSTART after it, every "
		    "date an EXDATE, or no date the rule fits)", x->name,
		    circle_ics_line_of(ev, ICAL_RRULE_PROPERTY), said, through);
	free(said);
}

/* A repeating event: its series, its sessions, its overrides. */
static int
do_series(struct imp *x, struct event *ev, struct tally *t,
    struct circle_err *e)
{
	struct circle_plan_result	 res;
	struct sinfo			 si;
	const char			*tz = circle_ics_series_zone(x, ev);
	char				 dtstart[17], through[11], old[11];
	char				*exjson = NULL, *rule = NULL, *why;
	struct strv			 exd, occ;
	size_t				 i, before;
	int				 seq = 0, was = 0, duration, rc = -1;

	memset(&si, 0, sizeof si);
	if ((rc = series_row(x, ev, &si.id, &seq, &was, old, &rule,
	    e)) == -1) {
		free(rule);
		return -1;
	}
	if (rc == 1 && nothing_to_cancel(x, ev))
		return 0;
	if (rule != NULL) {
		free(ev->rrule);
		ev->rrule = rule;
	}
	if (si.id != 0 && ev->sequence < seq) {
		circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: the "
		    "series was changed after this calendar (SEQUENCE %d, here "
		    "%d); left as it is", x->name, ev->line, seq, ev->sequence);
		return 0;
	}
	if (circle_ics_when_local(&ev->start, tz, tz, dtstart) == -1)
		return circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_DTSTART_PROPERTY), 1, e, "DTSTART: not a time in %s",
		    tz);
	/* Read as read_event read it (tz is its zone, or the group's): an
	 * internal check, that names what it finds all the same. */
	if (circle_ics_event_minutes(ev, tz, x->gduration, &duration) == -1) {
		why = circle_ics_no_length(ev, tz);
		rc = circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_DTEND_PROPERTY), 1, e, "%s", why);
		free(why);
		return rc;
	}
	circle_ics_exdates(ev, tz, &exd);
	circle_ics_strv_init(&occ);
	if (x->o->until == NULL && circle_ics_bounded(ev))
		through[0] = '\0';	/* whole, however far it runs */
	else
		snprintf(through, sizeof through, "%s", strcmp(old,
		    x->until) > 0 ? old : x->until);
	exjson = circle_series_exdates_json((const char *const *)exd.v, exd.n);
	if (circle_ics_occurrences(x, ev, tz, dtstart, &exd, through, &occ,
	    e) == -1)
		goto out;
	if (occ.n == 0 && ev->nrdate == 0 && !ev->cancelled)
		no_session(x, ev, through);
	if (si.id != 0 && snapshot_overridden(x, &si, e) == -1)
		goto out;
	if (upsert_series(x, ev, &si.id, tz, dtstart, duration, exjson,
	    circle_ics_own_text(ev->location, x->gloc),
	    circle_ics_own_text(ev->link, x->gurl), through, e) == -1)
		goto out;
	memset(&res, 0, sizeof res);
	if (circle_series_reconcile(x->db, x->gid, si.id, tz, duration, was,
	    (const char *const *)occ.v, occ.n, &res, e) == -1)
		goto out;
	si.tz = tz;
	si.duration = duration;
	si.location = ev->location != NULL ? ev->location : x->gloc;
	si.topic = ev->topic;
	si.online_url = ev->link != NULL ? ev->link : x->gurl;
	si.through = through;
	before = t->updated;
	for (i = 0; i < ev->nrdate; i++)
		if (ev->rdmin[i] > 0 && circle_ics_period(x, &si, ev, i, t,
		    e) == -1)
			goto out;
	for (i = 0; i < ev->noverrides; i++)
		if (((!ev->overrides[i]->skip &&
		    ev->overrides[i]->problem == NULL) ||
		    ev->overrides[i]->cancel_only) &&
		    circle_ics_override(x, &si, ev->overrides[i], t, e) == -1)
			goto out;
	if (circle_ics_future(x, &si, ev, &occ, t, e) == -1)
		goto out;
	if (si.nsnap > 0 && !ev->cancelled &&
	    circle_ics_restore(x, &si, ev, &occ, t, e) == -1)
		goto out;
	if (ev->cancelled && cancel_all(x, ev, si.id, t, e) == -1)
		goto out;
	t->added += res.added;
	t->removed += res.removed;
	res.updated -= t->undone < res.updated ? t->undone : res.updated;
	if (res.added + res.updated + res.removed > 0)
		x->changed = 1;
	t->updated += res.updated;
	before = t->updated - before + res.added;
	t->unchanged += res.total > before ? res.total - before : 0;
	rc = 0;
out:
	for (i = 0; i < si.nsnap; i++)
		circle_ics_srow_free(&si.snap[i]);
	free(si.snap);
	circle_ics_strv_drop(&exd);
	circle_ics_strv_drop(&occ);
	free(exjson);
	return rc;
}

static int	do_single(struct imp *, struct event *, struct tally *,
		    struct circle_err *);

/*
 * An override whose series is nowhere (Apple and Google write these for a
 * calendar shared in part): the occurrence as a one-off session, under a
 * UID of its own, so that the series, if it comes later, is not blocked.
 */
static int
orphan_single(struct imp *x, struct event *ev, struct tally *t,
    struct circle_err *e)
{
	char	 l[17], *uid = ev->uid, *said;
	int	 rc;

	if (circle_ics_when_local(&ev->rid, "UTC", x->gtz, l) == -1)
		return circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_RECURRENCEID_PROPERTY), 1, e, "RECURRENCE-ID: not a "
		    "time in %s", x->gtz);
	said = circle_ics_event_said(ev);
	circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: RECURRENCE-ID: "
	    "no repeating event of %s in the file or the database; made a "
	    "one-off session", x->name, circle_ics_line_of(ev,
	    ICAL_RECURRENCEID_PROPERTY), said);
	free(said);
	circle_xasprintf(&ev->uid, "%s/%.10s%s", uid, l, l + 10);
	rc = do_single(x, ev, t, e);
	free(ev->uid);
	ev->uid = uid;
	return rc;
}

/* An override whose master is not in the file: its series is here. */
static int
do_orphan(struct imp *x, struct event *ev, struct tally *t,
    struct circle_err *e)
{
	struct sinfo	 si;
	struct when	 start;
	sqlite3_stmt	*st;
	char		*tz = NULL, *loc = NULL, *topic = NULL, *through = NULL;
	char		*url = NULL;
	long long	 gid = 0;
	int		 rc;

	memset(&si, 0, sizeof si);
	memset(&start, 0, sizeof start);
	if ((st = circle_prepare(x->db, "SELECT r.id, r.grp_id, r.tzid, "
	    "r.duration, coalesce(r.location, g.location), r.topic, r.through, "
	    "coalesce(r.online_url, g.online_url), r.dtstart FROM series r "
	    "JOIN grp g ON g.id = r.grp_id WHERE r.uid = ?", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, ev->uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		si.id = sqlite3_column_int64(st, 0);
		gid = sqlite3_column_int64(st, 1);
		tz = circle_col_dup(st, 2);
		si.duration = sqlite3_column_int(st, 3);
		loc = circle_col_dup(st, 4);
		topic = circle_col_dup(st, 5);
		through = circle_col_dup(st, 6);
		url = circle_col_dup(st, 7);
		snprintf(start.local, sizeof start.local, "%s",
		    (const char *)sqlite3_column_text(st, 8));
		snprintf(start.tzid, sizeof start.tzid, "%s", tz);
		start.set = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		rc = circle_db_error(x->db, e, "series");
	else if (si.id == 0)
		rc = ev->cancel_only || nothing_to_cancel(x, ev) ? 0 :
		    orphan_single(x, ev, t, e);
	else if (gid != x->gid)
		rc = other_group(x, ev, gid, e);
	else {
		si.tz = tz;
		si.location = loc;
		si.topic = topic;
		si.online_url = url;
		si.through = through;
		si.alone = 1;
		circle_ics_at_time_of(&ev->rid, &start);
		rc = circle_ics_override(x, &si, ev, t, e);
	}
	free(url);
	free(tz);
	free(loc);
	free(topic);
	free(through);
	return rc;
}

static int
insert_single(struct imp *x, struct event *ev, const struct want *w,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_cached(x->db, "INSERT INTO session (uid, grp_id, "
	    "starts_at, ends_at, local_start, tzid, location, topic, status, "
	    "sequence, created_at, updated_at, online_url) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?)", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, ev->uid);
	sqlite3_bind_int64(st, 2, x->gid);
	circle_bind_text(st, 3, w->starts);
	circle_bind_text(st, 4, w->ends);
	circle_bind_text(st, 5, w->local);
	circle_bind_text(st, 6, w->tzid);
	circle_bind_text(st, 7, w->location);
	circle_bind_text(st, 8, w->topic);
	circle_bind_text(st, 9, w->cancelled ? "cancelled" : "scheduled");
	sqlite3_bind_int(st, 10, ev->sequence);
	circle_bind_text(st, 11, x->now);
	circle_bind_text(st, 12, x->now);
	circle_bind_text(st, 13, w->online_url);
	x->changed = 1;
	return circle_exec_cached(x->db, st, e);
}

/* What a session of a series inherits: its series' place, topic, link. */
static int
inherited_text(struct imp *x, long long series_id, char **loc, char **topic,
    char **url, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*loc = *topic = *url = NULL;
	if (series_id == 0) {
		*loc = x->gloc != NULL ? circle_xstrdup(x->gloc) : NULL;
		*url = x->gurl != NULL ? circle_xstrdup(x->gurl) : NULL;
		return 0;
	}
	if ((st = circle_cached(x->db, "SELECT coalesce(r.location, "
	    "g.location), r.topic, coalesce(r.online_url, g.online_url) FROM "
	    "series r JOIN grp g ON g.id = r.grp_id WHERE r.id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, series_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*loc = circle_col_dup(st, 0);
		*topic = circle_col_dup(st, 1);
		*url = circle_col_dup(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "series");
	return 0;
}

/* An event that does not repeat: one session, found again by its UID. */
static int
do_single(struct imp *x, struct event *ev, struct tally *t,
    struct circle_err *e)
{
	struct srow	 cur;
	struct want	 w;
	long long	 gid;
	char		*loc = NULL, *topic = NULL, *url = NULL;
	int		 found, rc = -1;

	if (uid_owner(x, "series", ev->uid, &gid, e) == -1)
		return -1;
	if (gid != 0 && gid != x->gid)
		return other_group(x, ev, gid, e);
	if (gid != 0)
		return circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_UID_PROPERTY), 1, e, "UID %.64s is a repeating series "
		    "here, and the event does not repeat", ev->uid);
	if ((found = circle_ics_srow_get(x->db, ev->uid, 0, NULL, &cur,
	    e)) == -1)
		return -1;
	if (found == 0 && cur.grp_id != x->gid) {
		gid = cur.grp_id;
		circle_ics_srow_free(&cur);
		return other_group(x, ev, gid, e);
	}
	if (circle_ics_want(ev, x->gtz, x->gduration, &w, e) == -1) {
		circle_err_prefix(e, "%s:%zu:1", x->name, ev->line);
		goto out;
	}
	if (inherited_text(x, found == 0 ? cur.series_id : 0, &loc, &topic,
	    &url, e) == -1)
		goto out;
	w.location = circle_ics_own_text(ev->location, loc);
	w.topic = circle_ics_own_text(ev->topic, topic);
	w.online_url = circle_ics_own_text(ev->link, url);
	if (found == 1 && nothing_to_cancel(x, ev)) {
		rc = 0;
		goto out;
	}
	if (found == 1) {
		rc = insert_single(x, ev, &w, e);
		t->added++;
		goto out;
	}
	rc = circle_ics_update_from_event(x, ev, &cur, NULL, &w, 1, t, e);
	if (rc == 0 && t->updated == 0)
		t->unchanged++;
out:
	free(loc);
	free(topic);
	free(url);
	if (found == 0)
		circle_ics_srow_free(&cur);
	return rc;
}

/*
 * One event: with --skip-bad in a savepoint, so that an event that cannot
 * be imported is rolled back alone and noted; else it fails the import,
 * and the whole transaction is rolled back (no savepoint: its statement
 * journal would cost more than the rest of the import).
 */
static int
run_event(struct imp *x, struct event *ev,
    int (*fn)(struct imp *, struct event *, struct tally *,
    struct circle_err *), struct circle_err *e)
{
	struct circle_ics_import_result	*r = x->r;
	struct tally			 t;
	int				 changed = x->changed;

	memset(&t, 0, sizeof t);
	if (x->o->skip_bad && circle_exec(x->db, "SAVEPOINT event", e) == -1)
		return -1;
	if (fn(x, ev, &t, e) == 0) {
		r->added += t.added;
		r->updated += t.updated;
		r->removed += t.removed;
		r->unchanged += t.unchanged;
		return x->o->skip_bad ? circle_exec(x->db, "RELEASE event",
		    e) : 0;
	}
	if (e->code != CIRCLE_EDATA || !x->o->skip_bad)
		return -1;
	x->changed = changed;
	circle_ics_note(&r->notes, &r->nnotes, "%s; event skipped", e->msg);
	r->skipped++;
	circle_err_clear(e);
	if (circle_exec(x->db, "ROLLBACK TO event", e) == -1)
		return -1;
	return circle_exec(x->db, "RELEASE event", e);
}

static int
import_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct imp			*x = arg;
	struct circle_ics_import_result	*r = x->r;
	struct circle_change		 c;
	struct event			*ev;
	json_t				*j;
	char				*detail;
	size_t				 i, skipped = r->skipped;
	int				 rc;

	/* The transaction may be run again: start from nothing. */
	circle_strv_free(r->notes, r->nnotes);
	r->notes = NULL;
	r->nnotes = r->added = r->updated = r->removed = r->unchanged = 0;
	x->made = 0;
	x->spent = 0;
	x->changed = 0;
	circle_now_utc(x->now);
	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if ((ev->skip || ev->problem != NULL) && !(ev->cancel_only &&
		    ev->master == NULL))
			continue;
		if (ev->kind == EV_MASTER)
			rc = run_event(x, ev, do_series, e);
		else if (ev->kind == EV_SINGLE)
			rc = run_event(x, ev, do_single, e);
		else if (ev->master == NULL)
			rc = run_event(x, ev, do_orphan, e);
		else
			rc = 0;		/* with its master */
		if (rc == -1) {
			r->skipped = skipped;
			return -1;
		}
	}
	if (x->changed) {
		j = json_pack("{s:s, s:i, s:i, s:i, s:i}", "file", x->name,
		    "events", (int)x->nev, "added", (int)r->added, "updated",
		    (int)r->updated, "removed", (int)r->removed);
		detail = json_dumps(j, JSON_COMPACT);
		json_decref(j);
		memset(&c, 0, sizeof c);
		c.action = "import";
		c.entity = "session";
		c.detail = detail;
		rc = circle_log(db, &c, e);
		free(detail);
		if (rc == -1)
			return -1;
	}
	return x->o->dry_run ? 1 : 0;
}

/* The group the events go to, and the horizon. */
static int
load_group(struct circle_db *db, struct imp *x, struct circle_err *e)
{
	struct circle_group	g;
	struct circle_date	today, d;

	if (x->o->zone != NULL &&
	    circle_zone_check("--zone", x->o->zone, e) == -1)
		return -1;
	if (circle_session_group(db, x->o->group, &g, e) == -1)
		return -1;
	x->gid = g.id;
	x->gtz = g.tzid;
	x->gloc = g.location;
	x->gurl = g.online_url;
	x->ghandle = g.handle;
	x->gduration = g.duration;
	g.tzid = g.location = g.handle = g.online_url = NULL;
	circle_group_release(&g);
	if (x->o->until != NULL) {
		snprintf(x->until, sizeof x->until, "%s", x->o->until);
		memcpy(x->r->horizon, x->until, sizeof x->r->horizon);
		return 0;
	}
	if (circle_date_today_in(x->gtz, &today) == -1)
		circle_date_today(&today);
	circle_date_add(&today, 365, &d);
	circle_date_format(&d, x->until);
	memcpy(x->r->horizon, x->until, sizeof x->r->horizon);
	return 0;
}

/*
 * Import the VEVENTs of an iCalendar text in UTF-8 (len bytes, not
 * NUL-terminated necessarily; name is used in messages) as sessions of a
 * group, in one transaction.  A file in another encoding is read by
 * circle_ics_import_file.
 */
int
circle_ics_import(struct circle_db *db, const char *buf, size_t len,
    const char *name, const struct circle_ics_import_opts *o,
    struct circle_ics_import_result *r, struct circle_err *e)
{
	struct imp	 x;
	size_t		 i;
	char		**pre;
	int		 rc = -1;

	memset(r, 0, sizeof *r);
	memset(&x, 0, sizeof x);
	x.db = db;
	x.name = name;
	x.o = o;
	x.r = r;
	if (o->until != NULL && circle_date_check("until", o->until, e) == -1)
		return -1;
	if (len > CIRCLE_ICS_MAX_BYTES)
		return circle_err_set(e, CIRCLE_EDATA, "%s: larger than %d MiB; "
		    "not a file circle reads", name,
		    CIRCLE_ICS_MAX_BYTES / (1024 * 1024));
	icalerror_set_errors_are_fatal(0);
	if (load_group(db, &x, e) == -1 ||
	    circle_ics_read(&x, buf, len, e) == -1)
		goto out;
	if (o->zone != NULL && !x.zone_used)
		circle_ics_note(&x.pre, &x.npre, "%s: --zone %s: not needed, "
		    "every TZID was read as its own zone; no session is in it",
		    name, o->zone);
	if ((rc = circle_db_write(db, import_tx, &x, e)) == -1)
		goto out;
	/* Notes from reading first, then from writing. */
	pre = x.pre;
	for (i = 0; i < r->nnotes; i++)
		circle_ics_note(&pre, &x.npre, "%s", r->notes[i]);
	circle_strv_free(r->notes, r->nnotes);
	r->notes = pre;
	r->nnotes = x.npre;
	x.pre = NULL;
	x.npre = 0;
out:
	if (rc == -1)
		circle_ics_import_result_release(r);
	imp_free(&x);
	return rc;
}
