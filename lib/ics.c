/*
 * ics.c: sessions as iCalendar (RFC 5545) through libical.  A series is one
 * master VEVENT with its RRULE, EXDATEs for the occurrences that have no
 * session, and RECURRENCE-ID overrides for the sessions that were moved,
 * cancelled or given their own topic, place or link; a one-off is a
 * VEVENT of its own.  Members never appear.  libical escapes TEXT values and folds lines;
 * it copies URI values raw, so the link is checked here first.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "recur.h"

#define ICS_PRODID	"-//circle//circle 0.1//EN"

/* A session row. */
struct ics_session {
	long long	 id;
	char		*uid;		/* NULL until its details are read */
	long long	 series_id;	/* 0 for a one-off */
	char		*recurrence_id;	/* UTC, rid or NULL for a one-off */
	char		 rid[21];
	/* In the struct: an export reads 52,000 of them. */
	char		 starts_at[21];	/* UTC */
	char		 ends_at[21];	/* UTC */
	char		 local_start[17]; /* YYYY-MM-DDTHH:MM in tzid */
	char		*tzid;		/* borrowed: one of struct ics's tzids */
	int		 own;		/* its own topic, location or link */
	char		*location;	/* own, series' or group's */
	char		*topic;		/* own or the series' */
	char		 status[12];
	char		*updated_at;
	char		*group_name;
	char		*online_url;	/* own, series' or group's */
	int		 sequence;
	int		 selected;
	int		 matched;	/* an occurrence of its rule */
};

/* A series row. */
struct ics_series {
	long long	 id;
	char		*uid;
	char		*rrule;
	char		*dtstart;
	char		*tzid;
	int		 duration;
	char		*location;	/* the series' or group's */
	char		*topic;
	char		*through;
	char		*updated_at;
	char		*group_name;
	char		*online_url;
	int		 sequence;
	int		 selected;
	struct ics_session **ss;	/* its sessions, by recurrence_id */
	size_t		 nss;
	struct ics_session **at;	/* those where the rule put them, by
					   local_start */
	size_t		 nat;
};

struct ics {
	struct circle_db	*db;
	const struct circle_ics_opts *o;
	long long		 gid;		/* 0: every group */
	struct ics_session	*ss;
	size_t			 nss;
	struct ics_series	*sr;
	size_t			 nsr;
	char			**zones;	/* borrowed */
	size_t			 nzones;
	char			**tzids;	/* the sessions' zones, each once */
	size_t			 ntzids;
	struct icaltimetype	 stamp;
	icalcomponent		*cal;
};

/* What the expansion of a series' rule collects: its occurrences. */
struct expand {
	struct ics_series	*sr;
	icalcomponent		*ev;		/* the master */
	char			(*occ)[17];	/* owned: local wall times */
	size_t			 nocc;
	struct circle_err	*e;
};

/* A copy without control characters but tab and newline; CR LF is LF. */
static char *
clean_text(const char *s)
{
	char	*t, *p;

	if (s == NULL)
		return NULL;
	t = p = circle_xstrdup(s);
	for (; *s != '\0'; s++) {
		if (((unsigned char)*s < 0x20 && *s != '\t' && *s != '\n') ||
		    *s == 0x7f)
			continue;
		*p++ = *s;
	}
	*p = '\0';
	return t;
}

static void
add_text(icalcomponent *ev, icalproperty *(*mk)(const char *),
    const char *s)
{
	char	*t;

	if (s == NULL || *s == '\0')
		return;
	t = clean_text(s);
	if (*t != '\0')
		icalcomponent_add_property(ev, mk(t));
	free(t);
}

/* "YYYY-MM-DDTHH:MM" as a floating time. */
static struct icaltimetype
wall_time(const char *local)
{
	struct icaltimetype	t = icaltime_null_time();

	t.year = atoi(local);
	t.month = atoi(local + 5);
	t.day = atoi(local + 8);
	t.hour = atoi(local + 11);
	t.minute = atoi(local + 14);
	return t;
}

/* "YYYY-MM-DDTHH:MM:SSZ" as a UTC time. */
static struct icaltimetype
utc_time(const char *utc)
{
	struct icaltimetype	t = wall_time(utc);

	if (strlen(utc) >= 19)
		t.second = atoi(utc + 17);
	return icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
}

/* A date-time property at a wall time in tzid (UTC: a UTC time). */
static void
add_time(icalcomponent *ev, icalproperty *(*mk)(struct icaltimetype),
    const char *local, const char *tzid)
{
	struct icaltimetype	 t = wall_time(local);
	icalproperty		*p;

	if (strcmp(tzid, "UTC") == 0) {
		t = icaltime_set_timezone(&t, icaltimezone_get_utc_timezone());
		icalcomponent_add_property(ev, mk(t));
		return;
	}
	p = mk(t);
	icalproperty_add_parameter(p, icalparameter_new_tzid(tzid));
	icalcomponent_add_property(ev, p);
}

/* The link is a URI: libical copies it raw, so CR/LF would inject. */
static int
check_url(const char *url, const char *group, struct circle_err *e)
{
	if (url == NULL || *url == '\0')
		return 0;
	if (strpbrk(url, "\r\n") != NULL || circle_has_control(url) ||
	    !circle_url_valid(url))
		return circle_err_set(e, CIRCLE_EDATA, "url: an online link "
		    "of group \"%s\" is not a valid http(s) address", group);
	return 0;
}

/* UID, DTSTAMP, LAST-MODIFIED, SEQUENCE, SUMMARY: every VEVENT has them. */
static icalcomponent *
new_event(struct ics *x, const char *uid, int sequence, const char *updated,
    const char *summary)
{
	icalcomponent	*ev;

	ev = icalcomponent_new_vevent();
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(x->stamp));
	if (updated != NULL)
		icalcomponent_add_property(ev,
		    icalproperty_new_lastmodified(utc_time(updated)));
	icalcomponent_add_property(ev, icalproperty_new_sequence(sequence));
	add_text(ev, icalproperty_new_summary, summary);
	return ev;
}

static void
add_zone(struct ics *x, char *tzid)
{
	size_t	i;

	if (strcmp(tzid, "UTC") == 0)
		return;
	for (i = 0; i < x->nzones; i++)
		if (strcmp(x->zones[i], tzid) == 0)
			return;
	x->zones = circle_xgrow(x->zones, x->nzones, sizeof *x->zones);
	x->zones[x->nzones++] = tzid;
}

static int
in_range(const struct ics *x, const char *local)
{
	if (x->o->from != NULL && strncmp(local, x->o->from, 10) < 0)
		return 0;
	if (x->o->to != NULL && strncmp(local, x->o->to, 10) > 0)
		return 0;
	return 1;
}

/* The columns of a session an event shows; SESSION_DETAILS reads them. */
#define SESSION_DETAILS "s.uid, coalesce(s.location, r.location, " \
	"g.location), coalesce(s.topic, r.topic), s.updated_at, g.name, " \
	"coalesce(s.online_url, r.online_url, g.online_url)"

static void
read_details(sqlite3_stmt *st, int i, struct ics_session *s)
{
	s->uid = circle_col_dup(st, i);
	s->location = circle_col_dup(st, i + 1);
	s->topic = circle_col_dup(st, i + 2);
	s->updated_at = circle_col_dup(st, i + 3);
	s->group_name = circle_col_dup(st, i + 4);
	s->online_url = circle_col_dup(st, i + 5);
}

/*
 * The text of a session of a series is read only when it is written as an
 * event of its own: most sessions are just an occurrence of their rule.
 */
static int
details(struct ics *x, struct ics_session *s, struct circle_err *e)
{
	static const char sql[] = "SELECT " SESSION_DETAILS " FROM session s "
	    "JOIN grp g ON g.id = s.grp_id LEFT JOIN series r ON "
	    "r.id = s.series_id WHERE s.id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if (s->uid != NULL)
		return 0;
	if ((st = circle_cached(x->db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, s->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_details(st, 0, s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(x->db, e, "session");
	return 0;
}

/*
 * Every group's link is checked, whether or not a session shows it, and
 * the links of series and sessions (a calendar's meeting links).
 */
static int
check_urls(struct ics *x, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc = 0;

	if ((st = circle_prepare(x->db, "SELECT name, online_url FROM grp g "
	    "WHERE (?1 = 0 OR g.id = ?1) AND EXISTS (SELECT 1 FROM session s "
	    "WHERE s.grp_id = g.id) UNION ALL SELECT g.name, r.online_url "
	    "FROM series r JOIN grp g ON g.id = r.grp_id WHERE (?1 = 0 OR "
	    "g.id = ?1) AND r.online_url IS NOT NULL UNION ALL SELECT g.name, "
	    "s.online_url FROM session s JOIN grp g ON g.id = s.grp_id WHERE "
	    "(?1 = 0 OR g.id = ?1) AND s.online_url IS NOT NULL", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->gid);
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
		rc = check_url((const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 0), e);
	sqlite3_finalize(st);
	return rc;
}

/* A column into a buffer of the struct (its columns fit). */
static void
copy_col(sqlite3_stmt *st, int i, char *buf, size_t size)
{
	const char	*t = (const char *)sqlite3_column_text(st, i);
	size_t		 n = (size_t)sqlite3_column_bytes(st, i);

	if (t == NULL)
		n = 0;
	if (n >= size)
		n = size - 1;
	memcpy(buf, t != NULL ? t : "", n);
	buf[n] = '\0';
}

/* A session's zone, kept once: an export holds every session. */
static char *
tzid_of(struct ics *x, sqlite3_stmt *st, int i)
{
	const char	*t = (const char *)sqlite3_column_text(st, i);
	size_t		 j;

	if (t == NULL)
		t = "";
	for (j = x->ntzids; j > 0; j--)
		if (strcmp(x->tzids[j - 1], t) == 0)
			return x->tzids[j - 1];
	x->tzids = circle_xgrow(x->tzids, x->ntzids, sizeof *x->tzids);
	return x->tzids[x->ntzids++] = circle_xstrdup(t);
}

/* How many sessions load() will read, at least 1. */
static size_t
count_sessions(struct ics *x)
{
	struct circle_err	 e;
	sqlite3_stmt		*st;
	sqlite3_int64		 n = 0;

	/* An error here is the next statement's to report. */
	if ((st = circle_prepare(x->db, "SELECT count(*) FROM session "
	    "WHERE ?1 = 0 OR grp_id = ?1", &e)) != NULL) {
		sqlite3_bind_int64(st, 1, x->gid);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return n > 0 ? (size_t)n : 1;
}

static int
load(struct ics *x, struct circle_err *e)
{
	struct ics_session	*s;
	struct ics_series	*r;
	sqlite3_stmt		*st;
	size_t			 i, cap;
	int			 rc;

	if (check_urls(x, e) == -1)
		return -1;
	/* Without --per-session, most rows need no text: no joins. */
	st = circle_prepare(x->db, x->o->per_session ? "SELECT s.id, "
	    "s.series_id, s.recurrence_id, s.starts_at, s.ends_at, "
	    "s.local_start, s.tzid, s.topic IS NOT NULL OR s.location IS NOT "
	    "NULL OR s.online_url IS NOT NULL, s.status, s.sequence, "
	    SESSION_DETAILS " FROM session s "
	    "JOIN grp g ON g.id = s.grp_id LEFT JOIN series r ON "
	    "r.id = s.series_id WHERE ?1 = 0 OR s.grp_id = ?1 ORDER BY "
	    "s.starts_at, s.id" : "SELECT s.id, s.series_id, "
	    "s.recurrence_id, s.starts_at, s.ends_at, s.local_start, s.tzid, "
	    "s.topic IS NOT NULL OR s.location IS NOT NULL OR s.online_url IS "
	    "NOT NULL, s.status, s.sequence FROM session s WHERE ?1 = 0 OR "
	    "s.grp_id = ?1 ORDER BY "
	    "s.starts_at, s.id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->gid);
	/* Sized once: the array is most of an export's memory. */
	cap = count_sessions(x);
	x->ss = circle_xreallocarray(NULL, cap, sizeof *x->ss);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (x->nss == cap) {
			cap *= 2;
			x->ss = circle_xreallocarray(x->ss, cap, sizeof *x->ss);
		}
		s = &x->ss[x->nss++];
		memset(s, 0, sizeof *s);
		s->id = sqlite3_column_int64(st, 0);
		s->series_id = sqlite3_column_int64(st, 1);
		copy_col(st, 2, s->rid, sizeof s->rid);
		copy_col(st, 3, s->starts_at, sizeof s->starts_at);
		copy_col(st, 4, s->ends_at, sizeof s->ends_at);
		copy_col(st, 5, s->local_start, sizeof s->local_start);
		s->tzid = tzid_of(x, st, 6);
		s->own = sqlite3_column_int(st, 7);
		copy_col(st, 8, s->status, sizeof s->status);
		s->sequence = sqlite3_column_int(st, 9);
		s->selected = in_range(x, s->local_start);
		if (x->o->per_session)
			read_details(st, 10, s);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "sessions");
	/* The array has stopped moving. */
	for (i = 0; i < x->nss; i++)
		if (x->ss[i].rid[0] != '\0')
			x->ss[i].recurrence_id = x->ss[i].rid;
	if (x->o->per_session)
		return 0;

	if ((st = circle_prepare(x->db, "SELECT r.id, r.uid, r.rrule, "
	    "r.dtstart, r.tzid, r.duration, coalesce(r.location, g.location), "
	    "r.topic, r.through, r.updated_at, g.name, "
	    "coalesce(r.online_url, g.online_url), "
	    "r.sequence FROM series r JOIN grp g ON g.id = r.grp_id "
	    "WHERE ?1 = 0 OR r.grp_id = ?1 ORDER BY r.id", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->sr = circle_xgrow(x->sr, x->nsr, sizeof *x->sr);
		r = &x->sr[x->nsr++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->uid = circle_col_dup(st, 1);
		r->rrule = circle_col_dup(st, 2);
		r->dtstart = circle_col_dup(st, 3);
		r->tzid = circle_col_dup(st, 4);
		r->duration = sqlite3_column_int(st, 5);
		r->location = circle_col_dup(st, 6);
		r->topic = circle_col_dup(st, 7);
		r->through = circle_col_dup(st, 8);
		r->updated_at = circle_col_dup(st, 9);
		r->group_name = circle_col_dup(st, 10);
		r->online_url = circle_col_dup(st, 11);
		r->sequence = sqlite3_column_int(st, 12);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "series");
	return 0;
}

static void
release(struct ics *x)
{
	struct ics_session	*s;
	struct ics_series	*r;
	size_t			 i;

	for (i = 0; i < x->nss; i++) {
		s = &x->ss[i];
		free(s->uid);
		free(s->location);
		free(s->topic);
		free(s->updated_at);
		free(s->group_name);
		free(s->online_url);
	}
	free(x->ss);
	for (i = 0; i < x->nsr; i++) {
		r = &x->sr[i];
		free(r->uid);
		free(r->rrule);
		free(r->dtstart);
		free(r->tzid);
		free(r->location);
		free(r->topic);
		free(r->through);
		free(r->updated_at);
		free(r->group_name);
		free(r->online_url);
		free(r->ss);
		free(r->at);
	}
	free(x->sr);
	free(x->zones);
	for (i = 0; i < x->ntzids; i++)
		free(x->tzids[i]);
	free(x->tzids);
	if (x->cal != NULL)
		icalcomponent_free(x->cal);
}

static int
by_recurrence(const void *a, const void *b)
{
	const struct ics_session *const *sa = a, *const *sb = b;

	return strcmp((*sa)->recurrence_id, (*sb)->recurrence_id);
}

static int
by_local(const void *a, const void *b)
{
	const struct ics_session *const *sa = a, *const *sb = b;

	return strcmp((*sa)->local_start, (*sb)->local_start);
}

/*
 * The session at an occurrence's local time that was never moved: no
 * time zone conversion, which is most of an export's time.
 */
static struct ics_session *
find_unmoved(struct ics_series *r, const char *local)
{
	struct ics_session	key, *kp = &key, **f;

	if (r->nat == 0)
		return NULL;
	snprintf(key.local_start, sizeof key.local_start, "%s", local);
	f = bsearch(&kp, r->at, r->nat, sizeof *r->at, by_local);
	return f != NULL ? *f : NULL;
}

static struct ics_session *
find_occurrence(struct ics_series *r, const char *utc)
{
	struct ics_session	key, *kp = &key, **f;

	if (r->nss == 0)
		return NULL;
	key.recurrence_id = (char *)utc;
	f = bsearch(&kp, r->ss, r->nss, sizeof *r->ss, by_recurrence);
	return f != NULL ? *f : NULL;
}

static int
collect(void *arg, const char *local)
{
	struct expand	*a = arg;

	a->occ = circle_xgrow(a->occ, a->nocc, sizeof *a->occ);
	memcpy(a->occ[a->nocc++], local, 17);
	return 0;
}

/* An occurrence of a series' rule without a session becomes an EXDATE. */
static int
on_occurrence(struct expand *a, const char *local)
{
	struct ics_session	*s;
	struct circle_date	 d;
	char			 date[11], utc[21];

	if ((s = find_unmoved(a->sr, local)) != NULL) {
		s->matched = 1;
		return 0;
	}
	memcpy(date, local, 10);
	date[10] = '\0';
	if (circle_date_parse(date, &d) == -1 ||
	    circle_local_to_utc(a->sr->tzid, &d, atoi(local + 11),
	    atoi(local + 14), utc) == -1)
		return circle_err_set(a->e, CIRCLE_EDATA, "tz: \"%s\" is not a "
		    "known time zone", a->sr->tzid);
	if ((s = find_occurrence(a->sr, utc)) != NULL) {
		s->matched = 1;
		return 0;
	}
	add_time(a->ev, icalproperty_new_exdate, local, a->sr->tzid);
	return 0;
}

/* The date through which a series' sessions were made. */
static const char *
series_through(const struct ics_series *r, char buf[11])
{
	size_t	i;

	if (r->through != NULL)
		return r->through;
	buf[0] = '\0';
	for (i = 0; i < r->nss; i++)
		if (strncmp(r->ss[i]->local_start, buf, 10) > 0)
			snprintf(buf, 11, "%.10s", r->ss[i]->local_start);
	return buf[0] != '\0' ? buf : NULL;
}

/*
 * A session as a VEVENT of its own (uid NULL: the session's), or as an
 * override of its series.
 */
static int
session_event(struct ics *x, struct ics_session *s, const char *uid,
    const struct ics_series *r, struct circle_err *e)
{
	icalcomponent	*ev;
	char		 end[17], rec[17];
	int		 sequence;

	if (details(x, s, e) == -1)
		return -1;
	/*
	 * An override's SEQUENCE is never below its master's: Google
	 * Calendar passes over one that is (nextcloud/calendar#4727), so a
	 * session moved before its series was planned again would be shown
	 * where the rule put it.  It is the two added, not the greater, so
	 * that it rises whenever either does: a session moved again after
	 * the series was planned again is a change a calendar takes.
	 */
	sequence = s->sequence;
	if (r != NULL)
		sequence += r->sequence;
	ev = new_event(x, uid != NULL ? uid : s->uid, sequence,
	    s->updated_at, s->group_name);
	if (r != NULL && circle_utc_to_local(s->recurrence_id, r->tzid,
	    rec) == 0)
		add_time(ev, icalproperty_new_recurrenceid, rec, r->tzid);
	add_time(ev, icalproperty_new_dtstart, s->local_start, s->tzid);
	if (circle_utc_to_local(s->ends_at, s->tzid, end) == 0)
		add_time(ev, icalproperty_new_dtend, end, s->tzid);
	if (strcmp(s->status, "cancelled") == 0)
		icalcomponent_add_property(ev,
		    icalproperty_new_status(ICAL_STATUS_CANCELLED));
	add_text(ev, icalproperty_new_location, s->location);
	add_text(ev, icalproperty_new_description, s->topic);
	if (s->online_url != NULL && *s->online_url != '\0')
		icalcomponent_add_property(ev,
		    icalproperty_new_url(s->online_url));
	icalcomponent_add_component(x->cal, ev);
	return 0;
}

/* An occurrence's session that differs from what the rule says. */
static int
differs(const struct ics_series *r, const struct ics_session *s)
{
	return strcmp(s->recurrence_id, s->starts_at) != 0 ||
	    strcmp(s->status, "cancelled") == 0 || s->own ||
	    circle_utc_minutes(s->starts_at, s->ends_at) != r->duration ||
	    strcmp(s->tzid, r->tzid) != 0;
}

/* Whether a rule has an end of its own: a COUNT or an UNTIL. */
static int
rule_ends(const char *rrule)
{
	struct icalrecurrencetype	rt;

	rt = icalrecurrencetype_from_string(rrule);
	return rt.freq != ICAL_NO_RECURRENCE &&
	    (rt.count > 0 || !icaltime_is_null_time(rt.until));
}

/* The rule as exported: an open-ended one ends where its sessions do. */
static char *
export_rule(const struct ics_series *r, const char *last,
    struct circle_err *e)
{
	struct icalrecurrencetype	 rt;
	struct circle_date		 d;
	char				 date[11], utc[21], *s;

	rt = icalrecurrencetype_from_string(r->rrule);
	if (rt.freq == ICAL_NO_RECURRENCE) {
		circle_err_set(e, CIRCLE_EDATA, "rrule: \"%s\" is not a valid "
		    "RRULE", r->rrule);
		return NULL;
	}
	if (rt.count > 0 || !icaltime_is_null_time(rt.until))
		return circle_xstrdup(r->rrule);
	memcpy(date, last, 10);
	date[10] = '\0';
	if (circle_date_parse(date, &d) == -1 ||
	    circle_local_to_utc(r->tzid, &d, 23, 59, utc) == -1) {
		circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is not a known "
		    "time zone", r->tzid);
		return NULL;
	}
	circle_xasprintf(&s, "%s;UNTIL=%.4s%.2s%.2sT%.2s%.2s59Z", r->rrule,
	    utc, utc + 5, utc + 8, utc + 11, utc + 14);
	return s;
}

/* A series: its master VEVENT, then its overrides. */
static int
series_events(struct ics *x, struct ics_series *r, struct circle_err *e)
{
	struct icalrecurrencetype	 rt;
	struct expand			 a;
	icalcomponent			*ev;
	const char			*through;
	char				 buf[11], *rule;
	size_t				 i;
	int				 rc = -1;

	through = series_through(r, buf);
	memset(&a, 0, sizeof a);
	a.sr = r;
	a.e = e;
	/*
	 * The first occurrence is DTSTART: dtstart may not be one.  A rule
	 * with an end goes out as it is (export_rule), so its every date,
	 * to that end, is a session or an EXDATE: a series that move
	 * --following ended has no session on its last dates left out.
	 */
	if (through != NULL && circle_rule_expand(r->rrule, r->dtstart,
	    r->tzid, NULL, 0, r->through == NULL && rule_ends(r->rrule) ?
	    NULL : through, collect, &a, e) == -1)
		goto out;
	if (a.nocc == 0) {
		/* No occurrence left: its sessions stand alone. */
		for (i = 0; i < r->nss; i++)
			if (session_event(x, r->ss[i], NULL, NULL, e) == -1)
				goto out;
		rc = 0;
		goto out;
	}
	if ((rule = export_rule(r, a.occ[a.nocc - 1], e)) == NULL)
		goto out;
	ev = new_event(x, r->uid, r->sequence, r->updated_at, r->group_name);
	add_time(ev, icalproperty_new_dtstart, a.occ[0], r->tzid);
	icalcomponent_add_property(ev, icalproperty_new_duration(
	    icaldurationtype_from_int(r->duration * 60)));
	rt = icalrecurrencetype_from_string(rule);
	free(rule);
	icalcomponent_add_property(ev, icalproperty_new_rrule(rt));
	add_text(ev, icalproperty_new_location, r->location);
	add_text(ev, icalproperty_new_description, r->topic);
	if (r->online_url != NULL && *r->online_url != '\0')
		icalcomponent_add_property(ev,
		    icalproperty_new_url(r->online_url));
	a.ev = ev;
	for (i = 0; i < a.nocc; i++)
		if (on_occurrence(&a, a.occ[i]) == -1) {
			icalcomponent_free(ev);
			goto out;
		}
	icalcomponent_add_component(x->cal, ev);
	for (i = 0; i < r->nss; i++) {
		if (!r->ss[i]->matched) {
			if (session_event(x, r->ss[i], NULL, NULL, e) == -1)
				goto out;
		} else if (differs(r, r->ss[i]) &&
		    session_event(x, r->ss[i], r->uid, r, e) == -1)
			goto out;
	}
	rc = 0;
out:
	free(a.occ);
	return rc;
}

/* The series of an id (they are loaded by id), or nsr. */
static size_t
series_index(const struct ics *x, long long id)
{
	size_t	lo = 0, hi = x->nsr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (x->sr[mid].id == id)
			return mid;
		if (x->sr[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return x->nsr;
}

/* Which series and sessions go in, and the zones they need. */
static void
select_events(struct ics *x)
{
	struct ics_series	*r;
	struct ics_session	*s;
	size_t			 i, j;

	for (i = 0; i < x->nss; i++) {
		s = &x->ss[i];
		if (x->o->per_session || s->series_id == 0) {
			if (s->selected)
				add_zone(x, s->tzid);
			continue;
		}
		j = series_index(x, s->series_id);
		if (j == x->nsr) {
			s->series_id = 0;	/* its series is gone */
			if (s->selected)
				add_zone(x, s->tzid);
			continue;
		}
		r = &x->sr[j];
		if (s->recurrence_id == NULL) {
			s->series_id = 0;
			if (s->selected)
				add_zone(x, s->tzid);
			continue;
		}
		r->ss = circle_xgrow(r->ss, r->nss, sizeof *r->ss);
		r->ss[r->nss++] = s;
		if (s->selected)
			r->selected = 1;
	}
	for (j = 0; j < x->nsr; j++) {
		r = &x->sr[j];
		if (!r->selected)
			continue;
		qsort(r->ss, r->nss, sizeof *r->ss, by_recurrence);
		add_zone(x, r->tzid);
		for (i = 0; i < r->nss; i++) {
			s = r->ss[i];
			add_zone(x, s->tzid);
			if (strcmp(s->starts_at, s->recurrence_id) != 0 ||
			    strcmp(s->tzid, r->tzid) != 0)
				continue;
			r->at = circle_xgrow(r->at, r->nat, sizeof *r->at);
			r->at[r->nat++] = s;
		}
		qsort(r->at, r->nat, sizeof *r->at, by_local);
	}
}

/*
 * The first moment the events of cal start and the last they reach (a
 * series' UNTIL), in UTC; null times when there is none.
 */
static void
event_span(icalcomponent *cal, struct icaltimetype *first,
    struct icaltimetype *last)
{
	struct icaltimetype	 t;
	icalcomponent		*ev;
	icalproperty		*p;
	icalparameter		*tz;
	icaltimezone		*z;

	*first = *last = icaltime_null_time();
	for (ev = icalcomponent_get_first_component(cal,
	    ICAL_VEVENT_COMPONENT); ev != NULL;
	    ev = icalcomponent_get_next_component(cal,
	    ICAL_VEVENT_COMPONENT)) {
		p = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
		if (p == NULL)
			continue;
		t = icalproperty_get_dtstart(p);
		tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
		if (tz != NULL && (z = circle_zone(icalparameter_get_tzid(tz)))
		    != NULL)
			t = icaltime_set_timezone(&t, z);
		t = icaltime_convert_to_zone(t, icaltimezone_get_utc_timezone());
		if (icaltime_is_null_time(*first) ||
		    icaltime_compare(t, *first) < 0)
			*first = t;
		/* A series lasts to its UNTIL (a day either way is enough). */
		if ((p = icalcomponent_get_first_property(ev,
		    ICAL_RRULE_PROPERTY)) != NULL &&
		    !icaltime_is_null_time(icalproperty_get_rrule(p).until)) {
			t = icalproperty_get_rrule(p).until;
			t.is_date = 0;
			t = icaltime_set_timezone(&t,
			    icaltimezone_get_utc_timezone());
		}
		if (icaltime_is_null_time(*last) ||
		    icaltime_compare(t, *last) > 0)
			*last = t;
	}
}

/*
 * One group's calendar is named for it (X-WR-CALNAME), as Google, Apple
 * and Outlook name a calendar subscribed to by its name, not its address.
 */
static int
calendar_name(struct ics *x, icalcomponent *cal, struct circle_err *e)
{
	static const char sql[] = "SELECT name FROM grp WHERE id = ?";
	sqlite3_stmt	*st;
	icalproperty	*p;
	char		*t;
	int		 rc;

	if (x->o->all)
		return 0;
	if ((st = circle_prepare(x->db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, x->gid);
	t = (rc = sqlite3_step(st)) == SQLITE_ROW ?
	    clean_text((const char *)sqlite3_column_text(st, 0)) : NULL;
	if (t != NULL && *t != '\0') {
		/*
		 * libical escapes an X value's backslashes and newlines, not
		 * its commas and semicolons, which readers keep as written.
		 */
		p = icalproperty_new_x(t);
		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(cal, p);
	}
	free(t);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(x->db, e, "group");
	return 0;
}

static int
build(struct ics *x, struct circle_err *e)
{
	struct icaltimetype	 first, last;
	icalcomponent		*cal, *c;
	size_t			 i;

	/* The events first, for their first start; the zones go before. */
	x->cal = icalcomponent_new_vcalendar();
	select_events(x);
	for (i = 0; i < x->nsr; i++)
		if (x->sr[i].selected && series_events(x, &x->sr[i], e) == -1)
			return -1;
	for (i = 0; i < x->nss; i++)
		if (x->ss[i].selected && (x->o->per_session ||
		    x->ss[i].series_id == 0) &&
		    session_event(x, &x->ss[i], NULL, NULL, e) == -1)
			return -1;
	event_span(x->cal, &first, &last);
	cal = icalcomponent_new_vcalendar();
	icalcomponent_add_property(cal, icalproperty_new_prodid(ICS_PRODID));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal,
	    icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (calendar_name(x, cal, e) == -1) {
		icalcomponent_free(cal);
		return -1;
	}
	for (i = 0; i < x->nzones; i++) {
		if ((c = circle_ics_vtimezone(x->zones[i], first, last)) == NULL) {
			icalcomponent_free(cal);
			return circle_err_set(e, CIRCLE_EDATA, "tz: \"%s\" is "
			    "not a known time zone", x->zones[i]);
		}
		icalcomponent_add_component(cal, c);
	}
	while ((c = icalcomponent_get_first_component(x->cal,
	    ICAL_ANY_COMPONENT)) != NULL) {
		icalcomponent_remove_component(x->cal, c);
		icalcomponent_add_component(cal, c);
	}
	icalcomponent_free(x->cal);
	x->cal = cal;
	return 0;
}

/*
 * The calendar of a group's sessions (opts->all: every group's), as text
 * with CRLF line ends; the caller frees *out.
 */
int
circle_ics_export(struct circle_db *db, const struct circle_ics_opts *o,
    char **out, struct circle_err *e)
{
	struct ics	 x;
	char		*s;
	int		 rc = -1;

	*out = NULL;
	if ((o->from != NULL && circle_date_check("from", o->from, e) == -1) ||
	    (o->to != NULL && circle_date_check("to", o->to, e) == -1))
		return -1;
	if (o->from != NULL && o->to != NULL && strcmp(o->to, o->from) < 0)
		return circle_err_set(e, CIRCLE_EDATA, "to: %s is before from "
		    "(%s)", o->to, o->from);
	memset(&x, 0, sizeof x);
	x.db = db;
	x.o = o;
	if (!o->all && circle_group_resolve(db, o->group, &x.gid, e) == -1)
		return -1;
	icalerror_set_errors_are_fatal(0);
	x.stamp = icaltime_from_timet_with_zone(time(NULL), 0,
	    icaltimezone_get_utc_timezone());
	if (load(&x, e) == -1 || build(&x, e) == -1)
		goto out;
	if ((s = icalcomponent_as_ical_string_r(x.cal)) == NULL) {
		circle_err_set(e, CIRCLE_EIO, "cannot make the calendar");
		goto out;
	}
	*out = circle_xstrdup(s);
	icalmemory_free_buffer(s);
	rc = 0;
out:
	release(&x);
	return rc;
}

/* The same, written to fp. */
int
circle_ics_write(struct circle_db *db, const struct circle_ics_opts *o,
    FILE *fp, struct circle_err *e)
{
	char	*s;
	size_t	 n;

	if (circle_ics_export(db, o, &s, e) == -1)
		return -1;
	n = strlen(s);
	if (fwrite(s, 1, n, fp) != n || fflush(fp) != 0) {
		free(s);
		return circle_err_set(e, CIRCLE_EIO, "write error");
	}
	free(s);
	return 0;
}
