/*
 * icsoverride.c: what a calendar says of single occurrences of a series,
 * written over the sessions its schedule made: an override (RECURRENCE-ID),
 * an RDATE PERIOD's own length, and an override with RANGE=THISANDFUTURE
 * carried to every later occurrence.  icsimport.c calls these for each
 * series, after reconciling it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

/*
 * The session of an occurrence on the same day: one moved on its own
 * keeps its place in the old schedule when the series' time changes, and
 * the calendar names the occurrence by its new time.
 */
static int
same_day(struct imp *x, const struct sinfo *si, const char *rlocal,
    struct srow *s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct srow	 t;
	char		 l[17];
	int		 rc, n = 0;

	memset(s, 0, sizeof *s);
	if ((st = circle_prepare(x->db, "SELECT " SROW_COLUMNS " FROM session "
	    "s WHERE s.series_id = ? AND s.recurrence_id IS NOT NULL AND "
	    "substr(s.recurrence_id, 1, 10) BETWEEN date(?, '-1 day') AND "
	    "date(?, '+1 day')", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, si->id);
	sqlite3_bind_text(st, 2, rlocal, 10, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, rlocal, 10, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&t, 0, sizeof t);
		circle_ics_srow_read(st, &t);
		if (circle_utc_to_local(t.rid, si->tz, l) == 0 &&
		    strncmp(l, rlocal, 10) == 0 && n++ == 0) {
			*s = t;
			continue;
		}
		circle_ics_srow_free(&t);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		circle_ics_srow_free(s);
		return circle_db_error(x->db, e, "sessions");
	}
	if (n != 1) {
		circle_ics_srow_free(s);
		return 1;
	}
	return 0;
}

/* What a session is, as a want to change one thing of. */
static void
session_as_is(const struct srow *s, struct want *w)
{
	memset(w, 0, sizeof *w);
	snprintf(w->local, sizeof w->local, "%s", s->local);
	snprintf(w->tzid, sizeof w->tzid, "%s", s->tzid);
	snprintf(w->starts, sizeof w->starts, "%s", s->starts);
	snprintf(w->ends, sizeof w->ends, "%s", s->ends);
	w->cancelled = strcmp(s->status, "cancelled") == 0;
	w->location = s->location;
	w->topic = s->topic;
	w->online_url = s->online_url;
}

/*
 * An override written in another zone than its series' (an organizer's
 * Outlook in New York moving one session of a London group's series) is
 * kept in the series' zone, at the same moment: a series' sessions are
 * listed in its wall time, and found by their dates in it.
 */
static void
in_series_zone(const struct sinfo *si, struct want *w)
{
	char	local[17];

	if (strcmp(w->tzid, si->tz) == 0 ||
	    circle_utc_to_local(w->starts, si->tz, local) == -1)
		return;
	memcpy(w->local, local, sizeof w->local);
	snprintf(w->tzid, sizeof w->tzid, "%s", si->tz);
}

/* An override of one occurrence of a series. */
int
circle_ics_override(struct imp *x, const struct sinfo *si, struct event *ev,
    struct tally *t, struct circle_err *e)
{
	struct srow	 cur, key, *snap = NULL;
	struct want	 w;
	char		 rlocal[17], rutc[21];
	size_t		 before;
	int		 rc;

	if (circle_ics_when_local(&ev->rid, si->tz, si->tz, rlocal) == -1 ||
	    circle_local_utc(rlocal, si->tz, rutc, e) == -1)
		return circle_ics_error(x, circle_ics_line_of(ev,
		    ICAL_RECURRENCEID_PROPERTY), 1, e, "RECURRENCE-ID: not a "
		    "time in %s", si->tz);
	if (!circle_ics_within(rlocal, si->through))
		return 0;	/* past --until: not made */
	if ((rc = circle_ics_srow_get(x->db, NULL, si->id, rutc, &cur, e)) == 1)
		rc = same_day(x, si, rlocal, &cur, e);
	if (rc == -1)
		return -1;
	if (rc == 1) {
		circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: "
		    "RECURRENCE-ID %s is no session of its series; left out",
		    x->name, ev->line, rlocal);
		return 0;
	}
	key.rid = rutc;
	if (si->nsnap > 0)
		snap = bsearch(&key, si->snap, si->nsnap, sizeof *si->snap,
		    circle_ics_by_rid);
	if (ev->cancel_only) {
		/* All a bad override can say. */
		session_as_is(&cur, &w);
		w.cancelled = 1;
	} else if (circle_ics_want(ev, si->tz, si->duration, &w, e) == -1) {
		circle_ics_srow_free(&cur);
		return circle_err_prefix(e, "%s:%zu:1", x->name, ev->line);
	} else {
		w.location = circle_ics_own_text(ev->location, si->location);
		w.topic = circle_ics_own_text(ev->topic, si->topic);
		w.online_url = circle_ics_own_text(ev->link, si->online_url);
		in_series_zone(si, &w);
	}
	if (strcmp(cur.rid, rutc) != 0)
		w.rid = rutc;
	before = t->updated;
	rc = circle_ics_update_from_event(x, ev, snap != NULL ? snap : &cur,
	    snap, &w, snap != NULL || si->alone, t, e);
	/* Its series' sessions are not counted by a reconcile here. */
	if (rc == 0 && si->alone && t->updated == before)
		t->unchanged++;
	circle_ics_srow_free(&cur);
	return rc;
}

/*
 * The session of an RDATE PERIOD lasts as long as its period (Zimbra
 * writes these): its end is set as an override's would be, so that
 * importing again changes nothing.
 */
int
circle_ics_period(struct imp *x, const struct sinfo *si, struct event *ev,
    size_t i, struct tally *t, struct circle_err *e)
{
	struct srow	 cur, key, *snap = NULL;
	struct want	 w;
	char		 rlocal[17], rutc[21];
	int		 rc;

	if (circle_ics_when_local(&ev->rdate[i], si->tz, si->tz, rlocal) ==
	    -1 || !circle_ics_within(rlocal, si->through))
		return 0;
	if (circle_local_utc(rlocal, si->tz, rutc, e) == -1)
		return circle_ics_error(x, ev->line, 1, e, "RDATE: not a time "
		    "in %s", si->tz);
	if ((rc = circle_ics_srow_get(x->db, NULL, si->id, rutc, &cur, e)) != 0)
		return rc == 1 ? 0 : -1;	/* an EXDATE took it */
	key.rid = rutc;
	if (si->nsnap > 0)
		snap = bsearch(&key, si->snap, si->nsnap, sizeof *si->snap,
		    circle_ics_by_rid);
	session_as_is(&cur, &w);
	circle_utc_add_minutes(w.starts, ev->rdmin[i], w.ends);
	rc = circle_ics_update_from_event(x, ev, snap != NULL ? snap : &cur,
	    snap, &w, snap != NULL, t, e);
	circle_ics_srow_free(&cur);
	return rc;
}

/* A wall time "YYYY-MM-DDTHH:MM" as an instant, for its arithmetic. */
static void
wall_as_utc(const char *local, char out[21])
{
	snprintf(out, 21, "%.16s:00Z", local);
}

/*
 * An override with RANGE=THISANDFUTURE changes its occurrence and every
 * later one of the series: each is moved by as much (in wall-clock time)
 * and takes the override's length, place, topic and status.  The latest
 * such override before an occurrence is the one that applies, and an
 * occurrence with an override of its own keeps that.
 */
int
circle_ics_future(struct imp *x, const struct sinfo *si, struct event *ev,
    const struct strv *occ, struct tally *t, struct circle_err *e)
{
	struct event	*best, derived;
	char		 (*rl)[17], fl[17], a[21], c[21];
	size_t		 i, j, nf = 0;
	long		 shift;
	int		 minutes, own, rc = 0;

	for (j = 0; j < ev->noverrides; j++)
		nf += ev->overrides[j]->future;
	if (nf == 0)
		return 0;
	/* Each override's occurrence, "" when it is not one to go by. */
	rl = circle_xreallocarray(NULL, ev->noverrides, sizeof *rl);
	for (j = 0; j < ev->noverrides; j++)
		if (ev->overrides[j]->skip || ev->overrides[j]->problem !=
		    NULL || circle_ics_when_local(&ev->overrides[j]->rid,
		    si->tz, si->tz, rl[j]) == -1)
			rl[j][0] = '\0';
	for (i = 0; i < occ->n && rc == 0; i++) {
		best = NULL;
		own = 0;
		for (j = 0; j < ev->noverrides; j++) {
			if (rl[j][0] == '\0')
				continue;
			if (strcmp(rl[j], occ->v[i]) == 0)
				own = 1;
			else if (ev->overrides[j]->future &&
			    strcmp(rl[j], occ->v[i]) < 0 && (best == NULL ||
			    strcmp(rl[j], fl) > 0)) {
				best = ev->overrides[j];
				memcpy(fl, rl[j], sizeof fl);
			}
		}
		if (own || best == NULL)
			continue;
		/* fl: the override's occurrence; a, c: as instants. */
		wall_as_utc(fl, a);
		if (circle_ics_when_local(&best->start, si->tz, si->tz,
		    fl) == -1 || circle_ics_event_minutes(best, si->tz,
		    si->duration, &minutes) == -1)
			continue;	/* the override said what is wrong */
		wall_as_utc(fl, c);
		shift = circle_utc_minutes(a, c);
		wall_as_utc(occ->v[i], a);
		circle_utc_add_minutes(a, (int)shift, c);
		derived = *best;
		derived.future = 0;
		memset(&derived.rid, 0, sizeof derived.rid);
		snprintf(derived.rid.local, sizeof derived.rid.local, "%s",
		    occ->v[i]);
		snprintf(derived.rid.tzid, sizeof derived.rid.tzid, "%s",
		    si->tz);
		derived.rid.set = 1;
		derived.start = derived.rid;
		snprintf(derived.start.local, sizeof derived.start.local,
		    "%.16s", c);
		derived.start.date = best->start.date;
		derived.end.set = 0;
		derived.minutes = minutes;
		rc = circle_ics_override(x, si, &derived, t, e);
	}
	free(rl);
	return rc;
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The occurrences (UTC) the file says something of on their own. */
static void
spoken_for(const struct sinfo *si, const struct event *ev, struct strv *sv,
    char first_future[21])
{
	const struct event	*o;
	struct circle_err	 ignored;
	char			 l[17], u[21];
	size_t			 i;

	circle_ics_strv_init(sv);
	first_future[0] = '\0';
	for (i = 0; i < ev->noverrides; i++) {
		o = ev->overrides[i];
		if (circle_ics_when_local(&o->rid, si->tz, si->tz, l) == -1 ||
		    circle_local_utc(l, si->tz, u, &ignored) == -1)
			continue;
		circle_ics_strv_add(sv, u);
		if (o->future && (first_future[0] == '\0' ||
		    strcmp(u, first_future) < 0))
			memcpy(first_future, u, 21);
	}
	for (i = 0; i < ev->nrdate; i++)
		if (ev->rdmin[i] > 0 && circle_ics_when_local(&ev->rdate[i],
		    si->tz, si->tz, l) == 0 &&
		    circle_local_utc(l, si->tz, u, &ignored) == 0)
			circle_ics_strv_add(sv, u);
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof *sv->v, by_text);
}

/* Is a session not what its series makes of its occurrence? */
static int
not_plain(const struct srow *s, const struct want *w)
{
	return strcmp(s->starts, w->starts) != 0 ||
	    strcmp(s->ends, w->ends) != 0 || strcmp(s->status, "scheduled") !=
	    0 || s->location != NULL || s->topic != NULL ||
	    s->online_url != NULL;
}

/*
 * Was the session changed by hand here (cancelled, moved, edited: each
 * logged with its uid)?  An import logs no session of its own.  1 if so.
 */
static int
changed_here(struct imp *x, long long id, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc, yes = 0;

	if ((st = circle_cached(x->db, "SELECT EXISTS (SELECT 1 FROM "
	    "change_log c JOIN session s ON c.uid = s.uid WHERE s.id = ?1 AND "
	    "c.entity = 'session')", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(x->db, e, "change log");
	return yes;
}

/*
 * An occurrence the calendar overrode before and no longer does (its
 * organizer put a cancelled or moved occurrence back): its session as the
 * series makes it, unless it has a record, was changed here by hand, or
 * is newer than the calendar (a higher SEQUENCE).
 */
int
circle_ics_restore(struct imp *x, const struct sinfo *si, struct event *ev,
    const struct strv *occ, struct tally *t, struct circle_err *e)
{
	struct srow	 key, cur, *s;
	struct strv	 said;
	struct want	 w;
	struct circle_err ignored;
	const char	*u;
	char		 first_future[21];
	size_t		 i;
	int		 rc = 0;

	spoken_for(si, ev, &said, first_future);
	for (i = 0; i < occ->n && rc == 0; i++) {
		memset(&w, 0, sizeof w);
		if (circle_local_utc(occ->v[i], si->tz, w.starts,
		    &ignored) == -1)
			continue;
		u = w.starts;
		if ((said.n > 0 && bsearch(&u, said.v, said.n, sizeof *said.v,
		    by_text) != NULL) || (first_future[0] != '\0' &&
		    strcmp(w.starts, first_future) > 0))
			continue;
		key.rid = w.starts;
		if ((s = bsearch(&key, si->snap, si->nsnap, sizeof *si->snap,
		    circle_ics_by_rid)) == NULL)
			continue;	/* made now, as the series makes it */
		snprintf(w.local, sizeof w.local, "%s", occ->v[i]);
		snprintf(w.tzid, sizeof w.tzid, "%s", si->tz);
		circle_utc_add_minutes(w.starts, si->duration, w.ends);
		if (!not_plain(s, &w))
			continue;
		if ((rc = circle_ics_srow_get(x->db, NULL, si->id, w.starts,
		    &cur, e)) == 1) {
			rc = 0;
			continue;
		}
		/* Changed here (cancelled, its own length) or recorded: kept. */
		if (rc == 0 && not_plain(&cur, &w) && !cur.recorded &&
		    cur.sequence <= ev->sequence &&
		    (rc = changed_here(x, cur.id, e)) == 0)
			rc = circle_ics_update_from_event(x, ev, &cur, NULL,
			    &w, 1, t, e);
		if (rc == 1)
			rc = 0;
		circle_ics_srow_free(&cur);
	}
	circle_ics_strv_drop(&said);
	return rc;
}
