/*
 * icsimport.c: sessions from an iCalendar file, the inverse of ics.c.  The
 * file is split into content lines by icslex.c, so that every message can
 * name its line; libical reads each line, and a series' occurrences are
 * expanded by recur.c and reconciled by session.c as planning does.  A
 * second import of a file updates by UID and RECURRENCE-ID, never doubles.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"
#include "recur.h"

#define MAX_DATES	1000		/* EXDATEs, RDATEs of one event */
#define MAX_SESSIONS	200000		/* made by one import */
#define MAX_MINUTES	(7 * 1440)	/* the longest session */
#define TEXT_MAX	300		/* a topic or place */
#define EXPAND_BUDGET	5.0		/* seconds of rule expansion */

/* The session a calendar event describes. */
struct want {
	char	 local[17];
	char	 tzid[65];
	char	 starts[21];
	char	 ends[21];
	int	 cancelled;
	const char *location;		/* borrowed; NULL: the default */
	const char *topic;
	const char *rid;		/* a new recurrence_id, or NULL */
};

/* A session row, before and after. */
struct srow {
	long long	 id;
	char		*rid;		/* owned */
	char		*starts;	/* owned */
	char		*ends;		/* owned */
	char		*local;		/* owned */
	char		*tzid;		/* owned */
	char		*status;	/* owned */
	char		*location;	/* owned */
	char		*topic;		/* owned */
	int		 sequence;
	int		 recorded;
	long long	 grp_id;
	long long	 series_id;
};


/* What one event changed, added to the result when it succeeds. */
struct tally {
	size_t	added;
	size_t	updated;
	size_t	removed;
	size_t	unchanged;
	int	changed;
};

static void
circle_ics_note(char ***v, size_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
circle_ics_note(char ***v, size_t *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	if (s == NULL)
		s = circle_xstrdup("(out of memory)");
	*v = circle_xgrow(*v, *n, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
circle_ics_event_free(struct event *ev)
{
	size_t	i;

	for (i = 0; i < ev->nprops; i++)
		icalproperty_free(ev->props[i].p);
	free(ev->props);
	free(ev->problem);
	free(ev->uid);
	free(ev->rrule);
	free(ev->ex);
	free(ev->rdate);
	free(ev->location);
	free(ev->topic);
	free(ev->overrides);
}

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
	}
	free(x->zones);
	circle_strv_free(x->pre, x->npre);
	free(x->gtz);
	free(x->gloc);
	free(x->ghandle);
}

/* --- Times and zones --- */

/*
 * A zone the file names, as one libical knows: the name itself, its
 * VTIMEZONE's X-LIC-LOCATION, or the name after a prefix such as
 * "/mozilla.org/20050126_1/" or "/freeassociation.sourceforge.net/".
 */
static const char *
zone_of(struct imp *x, const char *tzid)
{
	const char	*p;
	size_t		 i;

	if (circle_tz_valid(tzid))
		return tzid;
	for (i = 0; i < x->nzones; i++)
		if (x->zones[i].tzid != NULL && x->zones[i].location != NULL &&
		    strcmp(x->zones[i].tzid, tzid) == 0 &&
		    circle_tz_valid(x->zones[i].location))
			return x->zones[i].location;
	for (p = tzid; (p = strchr(p, '/')) != NULL; p++)
		if (strchr(p + 1, '/') != NULL && circle_tz_valid(p + 1))
			return p + 1;
	return NULL;
}

/* A date-time or date value of a property, checked and with its zone. */
static int
read_when(struct imp *x, struct event *ev, const struct prop *pr,
    struct icaltimetype t, struct when *w)
{
	icalparameter		*tz;
	struct circle_date	 d;
	const char		*name, *zone;
	char			 date[11];

	name = icalproperty_get_property_name(pr->p);
	memset(w, 0, sizeof *w);
	if (t.year < 1900 || t.year > 2199 || t.month < 1 || t.month > 12 ||
	    t.day < 1 || t.day > 31 || t.hour < 0 || t.hour > 23 ||
	    t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60) {
		circle_ics_problem(x, ev, pr->line, 1, "%s: not a date and "
		    "time between 1900 and 2199", name);
		return -1;
	}
	snprintf(date, sizeof date, "%04d-%02d-%02d", t.year, t.month, t.day);
	if (circle_date_parse(date, &d) == -1) {
		circle_ics_problem(x, ev, pr->line, 1, "%s: %s is not a date",
		    name, date);
		return -1;
	}
	snprintf(w->local, sizeof w->local, "%sT%02d:%02d", date,
	    t.is_date ? 0 : t.hour, t.is_date ? 0 : t.minute);
	w->date = t.is_date;
	w->set = 1;
	if (t.is_date)
		return 0;
	if (icaltime_is_utc(t)) {
		snprintf(w->tzid, sizeof w->tzid, "UTC");
		return 0;
	}
	if ((tz = icalproperty_get_first_parameter(pr->p,
	    ICAL_TZID_PARAMETER)) == NULL)
		return 0;	/* floating */
	if ((zone = zone_of(x, icalparameter_get_tzid(tz))) == NULL) {
		circle_ics_problem(x, ev, pr->line, pr->col, "TZID \"%.64s\": "
		    "not a time zone circle knows", icalparameter_get_tzid(tz));
		return -1;
	}
	snprintf(w->tzid, sizeof w->tzid, "%s", zone);
	return 0;
}

/* A wall time in a zone, as UTC. */
static int
circle_ics_wall_utc(const char *local, const char *tzid, char out[21])
{
	struct circle_date	d;
	char			date[11];

	memcpy(date, local, 10);
	date[10] = '\0';
	if (circle_date_parse(date, &d) == -1)
		return -1;
	return circle_local_to_utc(tzid, &d, atoi(local + 11),
	    atoi(local + 14), out);
}

/* The zone a time is read in: floating times and dates in floatz. */
static const char *
src_zone(const struct when *w, const char *floatz)
{
	return w->tzid[0] != '\0' ? w->tzid : floatz;
}

static int
when_utc(const struct when *w, const char *floatz, char out[21])
{
	return circle_ics_wall_utc(w->local, src_zone(w, floatz), out);
}

/* The wall time in zone of a time read in its own zone (or floatz). */
static int
circle_ics_when_local(const struct when *w, const char *zone,
    const char *floatz, char out[17])
{
	char	utc[21];

	if (w->date || strcmp(src_zone(w, floatz), zone) == 0) {
		memcpy(out, w->local, 17);
		return 0;
	}
	if (when_utc(w, floatz, utc) == -1)
		return -1;
	return circle_utc_to_local(utc, zone, out);
}

/* --- Events --- */

/*
 * Text for a topic or place: libical has undone the escapes; control
 * characters become spaces, and only the first line of a topic is kept.
 */
static char *
clean(struct imp *x, const struct prop *pr, const char *s, int first_line)
{
	const char	*name = icalproperty_get_property_name(pr->p);
	char		*t, *p;
	size_t		 n, cut;
	int		 more = 0;

	while (isspace((unsigned char)*s))
		s++;
	t = p = circle_xstrdup(s);
	for (; *s != '\0'; s++) {
		if (*s == '\n' && first_line) {
			while (isspace((unsigned char)*s))
				s++;
			more = *s != '\0';
			break;
		}
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			if (p > t && p[-1] != ' ')
				*p++ = ' ';
			continue;
		}
		*p++ = *s;
	}
	while (p > t && p[-1] == ' ')
		p--;
	*p = '\0';
	if (more)
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: only its first "
		    "line is kept", x->name, pr->line, name);
	if ((n = strlen(t)) > TEXT_MAX) {
		for (cut = TEXT_MAX; cut > 0 &&
		    ((unsigned char)t[cut] & 0xc0) == 0x80; cut--)
			;
		t[cut] = '\0';
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: longer than %d "
		    "bytes; cut short", x->name, pr->line, name, TEXT_MAX);
	}
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

static int
days_in(int month)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return days[month - 1];
}

/*
 * A rule libical would search for centuries for nothing (the 30th of
 * February), or that repeats more often than daily, is refused.
 */
static int
rule_sane(const struct icalrecurrencetype *r, const char **why)
{
	int	 i, j, m, d, any;

	if (r->freq != ICAL_DAILY_RECURRENCE &&
	    r->freq != ICAL_WEEKLY_RECURRENCE &&
	    r->freq != ICAL_MONTHLY_RECURRENCE &&
	    r->freq != ICAL_YEARLY_RECURRENCE) {
		*why = "repeats more often than daily";
		return 0;
	}
	if (r->interval < 1 || r->interval > 1000) {
		*why = "INTERVAL is not 1 to 1000";
		return 0;
	}
	if (r->by_month_day[0] == ICAL_RECURRENCE_ARRAY_MAX)
		return 1;
	any = 0;
	for (i = 0; !any && i < 12; i++) {
		m = i + 1;
		if (r->by_month[0] != ICAL_RECURRENCE_ARRAY_MAX) {
			for (j = 0; j < ICAL_BY_MONTH_SIZE &&
			    r->by_month[j] != ICAL_RECURRENCE_ARRAY_MAX &&
			    r->by_month[j] != m; j++)
				;
			if (j == ICAL_BY_MONTH_SIZE ||
			    r->by_month[j] != m)
				continue;
		}
		for (j = 0; !any && j < ICAL_BY_MONTHDAY_SIZE &&
		    r->by_month_day[j] != ICAL_RECURRENCE_ARRAY_MAX; j++) {
			d = r->by_month_day[j];
			any = d != 0 && abs(d) <= days_in(m);
		}
	}
	if (!any)
		*why = "gives no date (BYMONTHDAY is in no month of BYMONTH)";
	return any;
}

/* The rule, with UNTIL as UTC, as text. */
static int
read_rule(struct imp *x, struct event *ev, const struct prop *pr,
    const char *zone)
{
	struct icalrecurrencetype	 r;
	struct when			 w;
	struct prop			 fake = *pr;
	const char			*why;
	char				 utc[21], *s;
	int				 second;

	icalerror_set_errors_are_fatal(0);
	r = icalproperty_get_rrule(pr->p);
	if (r.freq == ICAL_NO_RECURRENCE) {
		circle_ics_problem(x, ev, pr->line, 1, "RRULE: not a rule");
		return -1;
	}
	if (!rule_sane(&r, &why)) {
		circle_ics_problem(x, ev, pr->line, 1, "RRULE: %s", why);
		return -1;
	}
	if (!icaltime_is_null_time(r.until)) {
		fake.col = 1;
		if (read_when(x, ev, &fake, r.until, &w) == -1)
			return -1;
		second = r.until.second;
		/* A date, or a time without Z: in the event's zone. */
		if (w.date) {
			memcpy(w.local + 11, "23:59", 5);
			second = 59;
		}
		if (when_utc(&w, zone, utc) == -1) {
			circle_ics_problem(x, ev, pr->line, 1, "RRULE: UNTIL "
			    "is not a time");
			return -1;
		}
		r.until = icaltime_null_time();
		r.until.year = atoi(utc);
		r.until.month = atoi(utc + 5);
		r.until.day = atoi(utc + 8);
		r.until.hour = atoi(utc + 11);
		r.until.minute = atoi(utc + 14);
		r.until.second = second;
		r.until = icaltime_set_timezone(&r.until,
		    icaltimezone_get_utc_timezone());
	}
	if ((s = icalrecurrencetype_as_string_r(&r)) == NULL) {
		circle_ics_problem(x, ev, pr->line, 1, "RRULE: cannot be "
		    "written back");
		return -1;
	}
	if (strlen(s) > 500 ||
	    icalrecurrencetype_from_string(s).freq == ICAL_NO_RECURRENCE) {
		free(s);
		circle_ics_problem(x, ev, pr->line, 1, "RRULE: not a rule "
		    "circle can keep");
		return -1;
	}
	ev->rrule = circle_xstrdup(s);
	free(s);
	return 0;
}

/* A date or date-time of EXDATE or RDATE (a PERIOD: its start). */
static int
add_date(struct imp *x, struct event *ev, const struct prop *pr,
    struct when **v, size_t *n)
{
	struct icaldatetimeperiodtype	dp;
	struct icaltimetype		t;

	if (*n >= MAX_DATES) {
		circle_ics_problem(x, ev, pr->line, 1, "%s: more than %d dates",
		    icalproperty_get_property_name(pr->p), MAX_DATES);
		return -1;
	}
	if (icalproperty_isa(pr->p) == ICAL_RDATE_PROPERTY) {
		dp = icalproperty_get_rdate(pr->p);
		t = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
	} else
		t = icalproperty_get_exdate(pr->p);
	*v = circle_xgrow(*v, *n, sizeof **v);
	return read_when(x, ev, pr, t, &(*v)[(*n)++]);
}

static int
read_minutes(struct imp *x, struct event *ev, const struct prop *pr)
{
	struct icaldurationtype	d = icalproperty_get_duration(pr->p);
	long			s = (long)icaldurationtype_as_int(d);

	if (d.is_neg || s < 0 || s / 60 > MAX_MINUTES) {
		circle_ics_problem(x, ev, pr->line, 1, "DURATION: not from 1 "
		    "minute to a week");
		return -1;
	}
	ev->minutes = (int)(s / 60);
	return 0;
}

static int
read_prop(struct imp *x, struct event *ev, const struct prop *pr,
    int *nrule)
{
	icalproperty	*p = pr->p;
	const char	*s;

	switch (icalproperty_isa(p)) {
	case ICAL_UID_PROPERTY:
		s = icalproperty_get_uid(p);
		if (ev->uid == NULL && s != NULL)
			ev->uid = circle_xstrdup(s);
		return 0;
	case ICAL_DTSTART_PROPERTY:
		return read_when(x, ev, pr, icalproperty_get_dtstart(p),
		    &ev->start);
	case ICAL_DTEND_PROPERTY:
		return read_when(x, ev, pr, icalproperty_get_dtend(p),
		    &ev->end);
	case ICAL_RECURRENCEID_PROPERTY:
		if (icalproperty_get_first_parameter(p,
		    ICAL_RANGE_PARAMETER) != NULL) {
			circle_ics_problem(x, ev, pr->line, 1, "RECURRENCE-ID: "
			    "RANGE is not supported; give each occurrence");
			return -1;
		}
		return read_when(x, ev, pr, icalproperty_get_recurrenceid(p),
		    &ev->rid);
	case ICAL_DURATION_PROPERTY:
		return read_minutes(x, ev, pr);
	case ICAL_RRULE_PROPERTY:
		if (++*nrule > 1) {
			circle_ics_problem(x, ev, pr->line, 1, "RRULE: only "
			    "one rule an event is supported");
			return -1;
		}
		return 0;	/* read once the zone is known */
	case ICAL_EXDATE_PROPERTY:
		return add_date(x, ev, pr, &ev->ex, &ev->nex);
	case ICAL_RDATE_PROPERTY:
		return add_date(x, ev, pr, &ev->rdate, &ev->nrdate);
	case ICAL_STATUS_PROPERTY:
		ev->cancelled = icalproperty_get_status(p) ==
		    ICAL_STATUS_CANCELLED;
		return 0;
	case ICAL_SEQUENCE_PROPERTY:
		ev->sequence = icalproperty_get_sequence(p);
		if (ev->sequence < 0 || ev->sequence > 1000000000)
			ev->sequence = 0;
		return 0;
	case ICAL_LOCATION_PROPERTY:
		if (ev->location == NULL && (s = icalproperty_get_location(p)))
			ev->location = clean(x, pr, s, 0);
		return 0;
	case ICAL_DESCRIPTION_PROPERTY:
		if (ev->topic == NULL &&
		    (s = icalproperty_get_description(p)) != NULL)
			ev->topic = clean(x, pr, s, 1);
		return 0;
	default:
		return 0;
	}
}

/* The zone a series is expanded in. */
static const char *
circle_ics_series_zone(const struct imp *x, const struct event *ev)
{
	return ev->start.tzid[0] != '\0' ? ev->start.tzid : x->gtz;
}

/* Read an event's properties into its fields; problems mark it bad. */
static void
circle_ics_event_read(struct imp *x, struct event *ev)
{
	const char	*uid;
	size_t		 i;
	int		 nrule = 0;

	for (i = 0; i < ev->nprops && ev->problem == NULL; i++)
		read_prop(x, ev, &ev->props[i], &nrule);
	if (ev->problem != NULL)
		return;
	uid = ev->uid;
	if (uid == NULL || *uid == '\0' || strlen(uid) > 255 ||
	    circle_has_control(uid)) {
		circle_ics_problem(x, ev, ev->line, 1, uid == NULL ||
		    *uid == '\0' ? "UID is missing" : "UID: longer than 255 "
		    "bytes or with control characters");
		return;
	}
	if (!ev->start.set) {
		circle_ics_problem(x, ev, ev->line, 1, "DTSTART is missing");
		return;
	}
	if (ev->rid.set)
		ev->kind = EV_OVERRIDE;
	else if (nrule > 0 || ev->nrdate > 0)
		ev->kind = EV_MASTER;
	else
		ev->kind = EV_SINGLE;
	if (ev->kind != EV_MASTER)
		return;
	for (i = 0; i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].p) == ICAL_RRULE_PROPERTY &&
		    read_rule(x, ev, &ev->props[i],
		    circle_ics_series_zone(x, ev)) == -1)
			return;
	if (ev->rrule == NULL)
		ev->rrule = circle_xstrdup("FREQ=DAILY;COUNT=1");
}

/* Length in minutes: DTEND, DURATION, else a day or the group's usual. */
static int
circle_ics_event_minutes(const struct event *ev, const char *floatz, int deflt,
    int *out)
{
	struct circle_date	a, b;
	char			da[11], db[11], s[21], t[21];
	long			m;

	*out = ev->start.date ? 1440 : deflt;
	if (ev->end.set) {
		if (ev->start.date && ev->end.date) {
			snprintf(da, sizeof da, "%.10s", ev->start.local);
			snprintf(db, sizeof db, "%.10s", ev->end.local);
			circle_date_parse(da, &a);
			circle_date_parse(db, &b);
			m = circle_date_diff(&a, &b) * 1440;
		} else {
			if (when_utc(&ev->start, floatz, s) == -1 ||
			    when_utc(&ev->end, floatz, t) == -1)
				return -1;
			m = circle_utc_minutes(s, t);
		}
		if (m < 0 || m > MAX_MINUTES)
			return -1;
		if (m > 0)
			*out = (int)m;
	} else if (ev->minutes > 0)
		*out = ev->minutes;
	return 0;
}

static struct prop *
find_prop(struct event *ev, icalproperty_kind k)
{
	size_t	i;

	for (i = 0; i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].p) == k)
			return &ev->props[i];
	return NULL;
}

/* Line of an event's property, for messages; its BEGIN if none. */
static size_t
circle_ics_line_of(struct event *ev, icalproperty_kind k)
{
	struct prop	*pr = find_prop(ev, k);

	return pr != NULL ? pr->line : ev->line;
}

static int
by_uid(const void *a, const void *b)
{
	const struct event	*ea = *(struct event *const *)a;
	const struct event	*eb = *(struct event *const *)b;
	int			 c;

	if ((c = strcmp(ea->uid, eb->uid)) != 0)
		return c;
	if (ea->kind != eb->kind)
		return ea->kind == EV_OVERRIDE ? 1 : eb->kind == EV_OVERRIDE ?
		    -1 : 0;
	if (ea->kind == EV_OVERRIDE &&
	    ((c = strcmp(ea->rid.local, eb->rid.local)) != 0 ||
	    (c = strcmp(ea->rid.tzid, eb->rid.tzid)) != 0))
		return c;
	return ea->line < eb->line ? -1 : ea->line > eb->line;
}

/*
 * Overrides find their master; a UID given to two events that are not
 * overrides, or an occurrence overridden twice, is a problem of the later.
 * Sorted by UID, so that a file of 100,000 events takes no time.
 */
static void
circle_ics_link(struct imp *x)
{
	struct event	**v, *ev, *first, *master;
	size_t		 i, j, n = 0;

	v = circle_xreallocarray(NULL, x->nev + 1, sizeof *v);
	for (i = 0; i < x->nev; i++)
		if (x->ev[i].problem == NULL)
			v[n++] = &x->ev[i];
	qsort(v, n, sizeof *v, by_uid);
	for (i = 0; i < n; i = j) {
		first = v[i];
		master = first->kind == EV_MASTER ? first : NULL;
		for (j = i + 1; j < n && strcmp(v[j]->uid, first->uid) == 0;
		    j++) {
			ev = v[j];
			if (ev->kind != EV_OVERRIDE) {
				circle_ics_problem(x, ev, circle_ics_line_of(ev,
				    ICAL_UID_PROPERTY), 1, "UID %.64s: the "
				    "same event as at line %zu", ev->uid,
				    first->line);
				continue;
			}
			if (v[j - 1]->kind == EV_OVERRIDE &&
			    strcmp(v[j - 1]->rid.local, ev->rid.local) == 0 &&
			    strcmp(v[j - 1]->rid.tzid, ev->rid.tzid) == 0) {
				circle_ics_problem(x, ev, circle_ics_line_of(ev,
				    ICAL_UID_PROPERTY), 1, "UID %.64s: the "
				    "same occurrence as at line %zu", ev->uid,
				    v[j - 1]->line);
				continue;
			}
			ev->master = master;
			if (master != NULL) {
				master->overrides = circle_xgrow(
				    master->overrides, master->noverrides,
				    sizeof *master->overrides);
				master->overrides[master->noverrides++] = ev;
			}
		}
	}
	free(v);
}

/* --- Writing --- */

static void
srow_free(struct srow *s)
{
	free(s->rid);
	free(s->starts);
	free(s->ends);
	free(s->local);
	free(s->tzid);
	free(s->status);
	free(s->location);
	free(s->topic);
	memset(s, 0, sizeof *s);
}

#define SROW_COLUMNS "s.id, s.recurrence_id, s.starts_at, s.ends_at, " \
	"s.local_start, s.tzid, s.status, s.location, s.topic, s.sequence, " \
	"s.status = 'held' OR s.status = 'not_held' OR NOT " \
	CIRCLE_SESSION_UNRECORDED ", s.grp_id, coalesce(s.series_id, 0)"

static void
srow_read(sqlite3_stmt *st, struct srow *s)
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
}

/* A session by uid, or by series and occurrence; 0 found, 1 not. */
static int
srow_get(struct circle_db *db, const char *uid, long long series_id,
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
		srow_read(st, s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "session");
	return rc == SQLITE_ROW ? 0 : 1;
}

static int
same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* A text equal to the one it would inherit is not its own. */
static const char *
own(const char *s, const char *inherited)
{
	return s != NULL && !same(s, inherited) ? s : NULL;
}

/* The session an event asks for, starting in zone (floating: floatz). */
static int
circle_ics_want(struct event *ev, const char *floatz, int deflt, struct want *w,
    struct circle_err *e)
{
	const char	*zone;
	int		 minutes;

	memset(w, 0, sizeof *w);
	zone = ev->start.tzid[0] != '\0' && strcmp(ev->start.tzid, "UTC") !=
	    0 ? ev->start.tzid : floatz;
	snprintf(w->tzid, sizeof w->tzid, "%s", zone);
	if (circle_ics_when_local(&ev->start, zone, floatz, w->local) == -1 ||
	    circle_ics_wall_utc(w->local, zone, w->starts) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "DTSTART: not a time");
	if (circle_ics_event_minutes(ev, floatz, deflt, &minutes) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "DTEND: before DTSTART "
		    "or more than a week after it");
	circle_utc_add_minutes(w->starts, minutes, w->ends);
	w->cancelled = ev->cancelled;
	return 0;
}

/* Does the row already say what the event wants? */
static int
row_is(const struct srow *s, const struct want *w)
{
	return w->rid == NULL && strcmp(s->starts, w->starts) == 0 &&
	    strcmp(s->ends, w->ends) == 0 && strcmp(s->local, w->local) == 0 &&
	    strcmp(s->tzid, w->tzid) == 0 &&
	    (strcmp(s->status, "cancelled") == 0) == w->cancelled &&
	    same(s->location, w->location) && same(s->topic, w->topic);
}

/* The error of an event being written: "file:line:col: what". */
static int
circle_ics_event_err(struct imp *x, size_t line, struct circle_err *e,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int
circle_ics_event_err(struct imp *x, size_t line, struct circle_err *e,
    const char *fmt, ...)
{
	va_list	ap;
	char	what[600];

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:1: %s", x->name, line,
	    what);
}

static int
set_want(struct imp *x, long long id, const struct want *w, int sequence,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(x->db, "UPDATE session SET starts_at = ?1, "
	    "ends_at = ?2, local_start = ?3, tzid = ?4, status = CASE WHEN ?5 "
	    "THEN 'cancelled' ELSE 'scheduled' END, cancel_reason = CASE WHEN "
	    "?5 THEN cancel_reason END, location = ?6, topic = ?7, "
	    "sequence = ?8, updated_at = ?9, recurrence_id = coalesce(?11, "
	    "recurrence_id) WHERE id = ?10", e)) == NULL)
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
	x->changed = 1;
	return circle_exec_stmt(x->db, st, e);
}

/*
 * Put back what reconciling the series may have changed on a session the
 * calendar overrides (its length, its sequence), so that an unchanged file
 * changes nothing.
 */
static int
restore(struct imp *x, const struct srow *s, struct circle_err *e)
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
	return circle_exec_stmt(x->db, st, e);
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

/* A series as the overrides of its occurrences see it. */
struct sinfo {
	long long	 id;
	const char	*tz;
	int		 duration;
	const char	*location;	/* what a session inherits */
	const char	*topic;
	const char	*through;
	struct srow	*snap;		/* its sessions before, by rid */
	size_t		 nsnap;
};

static int
by_rid(const void *a, const void *b)
{
	const struct srow	*sa = a, *sb = b;

	return strcmp(sa->rid != NULL ? sa->rid : "",
	    sb->rid != NULL ? sb->rid : "");
}

/*
 * Apply what the calendar says of one session: never to one with a
 * record, nor from an event older (lower SEQUENCE) than the session.
 */
static int
apply(struct imp *x, struct event *ev, const struct srow *base,
    const struct srow *snap, const struct want *w, int count,
    struct tally *t, struct circle_err *e)
{
	if (base->recorded || ev->sequence < base->sequence) {
		if (!row_is(base, w))
			circle_ics_note(&x->r->notes, &x->r->nnotes, "%s:%zu: "
			    "session %s %s; the calendar's change is not "
			    "applied", x->name, ev->line, base->local,
			    base->recorded ? "has attendance or notes "
			    "recorded" : "was changed after this calendar (a "
			    "higher SEQUENCE)");
		return snap != NULL ? restore(x, snap, e) : 0;
	}
	if (row_is(base, w)) {
		if (snap != NULL)
			return restore(x, snap, e);
		return ev->sequence != base->sequence ? set_sequence(x,
		    base->id, ev->sequence, e) : 0;
	}
	if (count)
		t->updated++;
	return set_want(x, base->id, w, ev->sequence, e);
}

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
		srow_read(st, &t);
		if (circle_utc_to_local(t.rid, si->tz, l) == 0 &&
		    strncmp(l, rlocal, 10) == 0 && n++ == 0) {
			*s = t;
			continue;
		}
		srow_free(&t);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		srow_free(s);
		return circle_db_error(x->db, e, "sessions");
	}
	if (n != 1) {
		srow_free(s);
		return 1;
	}
	return 0;
}

/* An override of one occurrence of a series. */
static int
do_override(struct imp *x, const struct sinfo *si, struct event *ev,
    struct tally *t, struct circle_err *e)
{
	struct srow	 cur, key, *snap = NULL;
	struct want	 w;
	char		 rlocal[17], rutc[21];
	int		 rc;

	if (circle_ics_when_local(&ev->rid, si->tz, si->tz, rlocal) == -1 ||
	    circle_ics_wall_utc(rlocal, si->tz, rutc) == -1)
		return circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_RECURRENCEID_PROPERTY), e, "RECURRENCE-ID: not a time "
		    "in %s", si->tz);
	if (si->through != NULL && strncmp(rlocal, si->through, 10) > 0)
		return 0;	/* past --until: not made */
	if ((rc = srow_get(x->db, NULL, si->id, rutc, &cur, e)) == 1)
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
		    by_rid);
	if (circle_ics_want(ev, si->tz, si->duration, &w, e) == -1) {
		srow_free(&cur);
		return circle_err_prefix(e, "%s:%zu:1", x->name, ev->line);
	}
	w.location = own(ev->location, si->location);
	w.topic = own(ev->topic, si->topic);
	if (strcmp(cur.rid, rutc) != 0)
		w.rid = rutc;
	rc = apply(x, ev, snap != NULL ? snap : &cur, snap, &w, snap != NULL,
	    t, e);
	srow_free(&cur);
	return rc;
}

/* A list of strings, NULL-terminated. */
struct strv {
	char	**v;		/* owned */
	size_t	  n;
};

static void
circle_ics_strv_init(struct strv *sv)
{
	sv->v = circle_xgrow(NULL, 0, sizeof *sv->v);
	sv->v[0] = NULL;
	sv->n = 0;
}

static int
circle_ics_strv_add(void *arg, const char *local)
{
	struct strv	*sv = arg;

	sv->v = circle_xgrow(sv->v, sv->n + 1, sizeof *sv->v);
	sv->v[sv->n++] = circle_xstrdup(local);
	sv->v[sv->n] = NULL;
	return 0;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats. */
static void
circle_ics_strv_uniq(struct strv *sv)
{
	size_t	i, j;

	qsort(sv->v, sv->n, sizeof *sv->v, by_str);
	for (i = j = 0; i < sv->n; i++) {
		if (j > 0 && strcmp(sv->v[j - 1], sv->v[i]) == 0)
			free(sv->v[i]);
		else
			sv->v[j++] = sv->v[i];
	}
	sv->v[j] = NULL;
	sv->n = j;
}

static void
circle_ics_strv_drop(struct strv *sv)
{
	circle_strv_free(sv->v, sv->n);
	sv->v = NULL;
	sv->n = 0;
}

static int
in_strv(char **v, const char *date)
{
	size_t	i;

	for (i = 0; v[i] != NULL; i++)
		if (strncmp(v[i], date, 10) == 0)
			return 1;
	return 0;
}

/* A name for a new series, unique in its group: "ics-UID". */
static char *
new_key(struct imp *x, const char *uid, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key, *k;
	size_t		 n;
	int		 i, taken;

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
		taken = sqlite3_step(st) == SQLITE_ROW;
		if (!taken) {
			sqlite3_finalize(st);
			free(key);
			return k;
		}
		free(k);
	}
	sqlite3_finalize(st);
	free(key);
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
	char		*h = NULL;

	if ((st = circle_prepare(x->db, "SELECT handle FROM grp WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	if (sqlite3_step(st) == SQLITE_ROW)
		h = circle_col_dup(st, 0);
	sqlite3_finalize(st);
	circle_ics_event_err(x, circle_ics_line_of(ev, ICAL_UID_PROPERTY), e,
	    "UID %.64s belongs to group %s, not %s", ev->uid, h != NULL ? h :
	    "?", x->ghandle);
	free(h);
	return -1;
}

/* CPU time spent in libical's expansion is bounded over the whole import. */
static double
seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * A series' occurrences through its horizon: its rule's, less EXDATEs,
 * with its RDATEs and the occurrences its overrides name.
 */
static int
circle_ics_occurrences(struct imp *x, struct event *ev, const char *tz,
    const char *dtstart, struct strv *exd, const char *through,
    struct strv *v, struct circle_err *e)
{
	char	l[17];
	size_t	i;
	double	t0;
	int	rc;

	t0 = seconds();
	rc = circle_rule_expand(ev->rrule, dtstart, tz,
	    (const char *const *)exd->v, exd->n, through, circle_ics_strv_add,
	    v, e);
	x->spent += seconds() - t0;
	if (rc == -1) {
		if (strncmp(e->msg, "rrule: more than", 16) == 0)
			return circle_ics_event_err(x, circle_ics_line_of(ev,
			    ICAL_RRULE_PROPERTY), e, "RRULE: more than %d "
			    "sessions through %s; give an earlier --until",
			    CIRCLE_MAX_OCCURRENCES, through);
		return circle_err_prefix(e, "%s:%zu:1", x->name,
		    circle_ics_line_of(ev, ICAL_RRULE_PROPERTY));
	}
	for (i = 0; i < ev->nrdate; i++)
		if (circle_ics_when_local(&ev->rdate[i], tz, tz, l) == 0 &&
		    strncmp(l, through, 10) <= 0 && !in_strv(exd->v, l))
			circle_ics_strv_add(v, l);
	for (i = 0; i < ev->noverrides; i++)
		if (!ev->overrides[i]->skip &&
		    ev->overrides[i]->problem == NULL &&
		    circle_ics_when_local(&ev->overrides[i]->rid, tz, tz,
		    l) == 0 && strncmp(l, through, 10) <= 0)
			circle_ics_strv_add(v, l);
	circle_ics_strv_uniq(v);
	x->made += v->n;
	if (x->made > MAX_SESSIONS || x->spent > EXPAND_BUDGET)
		return circle_err_set(e, CIRCLE_EDATA, "%s: more sessions than "
		    "one import makes (%d) or rules too slow to expand; give "
		    "an earlier --until or split the file", x->name,
		    MAX_SESSIONS);
	return 0;
}

static int
snapshot(struct imp *x, struct sinfo *si, struct circle_err *e)
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
		srow_read(st, &si->snap[si->nsnap++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, e, "sessions");
	/* SQLite's order is byte order too, but say so. */
	qsort(si->snap, si->nsnap, sizeof *si->snap, by_rid);
	return 0;
}

/* The series row: a new one, or the same uid brought up to date. */
static int
upsert_series(struct imp *x, struct event *ev, long long *id,
    const char *tz, const char *dtstart, int duration, const char *exjson,
    const char *location, const char *through, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key = NULL;
	int		 rc;

	if (*id == 0 && (key = new_key(x, ev->uid, e)) == NULL)
		return -1;
	st = circle_prepare(x->db, *id == 0 ? "INSERT INTO series (uid, "
	    "grp_id, key, rrule, dtstart, tzid, duration, exdates, location, "
	    "topic, through, sequence, created_at, updated_at) VALUES (?1, "
	    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)" :
	    "UPDATE series SET rrule = ?4, dtstart = ?5, tzid = ?6, duration = "
	    "?7, exdates = ?8, location = ?9, topic = ?10, through = ?11, "
	    "sequence = ?12, updated_at = ?13 WHERE id = ?14 AND (rrule IS NOT "
	    "?4 OR dtstart IS NOT ?5 OR tzid IS NOT ?6 OR duration IS NOT ?7 OR "
	    "exdates IS NOT ?8 OR location IS NOT ?9 OR topic IS NOT ?10 OR "
	    "through IS NOT ?11 OR sequence IS NOT ?12)", e);
	if (st == NULL) {
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
	circle_bind_text(st, 11, through);
	sqlite3_bind_int(st, 12, ev->sequence);
	circle_bind_text(st, 13, x->now);
	if (*id != 0)
		sqlite3_bind_int64(st, 14, *id);
	rc = circle_exec_stmt(x->db, st, e);
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
 * The series' existing row: id, sequence, horizon, and its rule when it
 * says the same as the event's, in its own words; 1 if none.
 */
static int
series_row(struct imp *x, struct event *ev, long long *id, int *sequence,
    char through[11], char **rule, struct circle_err *e)
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
		return circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_UID_PROPERTY), e, "UID %.64s is a single session "
		    "here, and the event repeats", ev->uid);
	if ((st = circle_prepare(x->db, "SELECT id, grp_id, sequence, "
	    "coalesce(through, ''), rrule FROM series WHERE uid = ?",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, ev->uid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		gid = sqlite3_column_int64(st, 1);
		*sequence = sqlite3_column_int(st, 2);
		snprintf(through, 11, "%s", sqlite3_column_text(st, 3));
		*rule = circle_col_dup(st, 4);
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

static char *
exdates_json(char **v)
{
	json_t	*a;
	char	*s;
	size_t	 i;

	if (v[0] == NULL)
		return NULL;
	a = json_array();
	for (i = 0; v[i] != NULL; i++)
		json_array_append_new(a, json_string(v[i]));
	s = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	return s;
}

/* A whole event cancelled: its sessions with nothing recorded are too. */
static int
cancel_all(struct imp *x, long long sid, struct tally *t,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(x->db, "UPDATE session AS s SET status = "
	    "'cancelled', sequence = sequence + 1, updated_at = ? WHERE "
	    "s.series_id = ? AND s.status = 'scheduled' AND "
	    CIRCLE_SESSION_UNRECORDED, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, x->now);
	sqlite3_bind_int64(st, 2, sid);
	if (circle_exec_stmt(x->db, st, e) == -1)
		return -1;
	t->updated += (size_t)sqlite3_changes(x->db->h);
	if (sqlite3_changes(x->db->h) > 0)
		x->changed = 1;
	return 0;
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
	char				 l[17], *exjson = NULL, *rule = NULL;
	struct strv			 exd, occ;
	size_t				 i, before;
	int				 seq = 0, duration, rc = -1;

	memset(&si, 0, sizeof si);
	if ((rc = series_row(x, ev, &si.id, &seq, old, &rule, e)) == -1) {
		free(rule);
		return -1;
	}
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
		return circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_DTSTART_PROPERTY), e, "DTSTART: not a time in %s", tz);
	if (circle_ics_event_minutes(ev, tz, x->gduration, &duration) == -1)
		return circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_DTEND_PROPERTY), e, "DTEND: before DTSTART or more "
		    "than a week after it");
	circle_ics_strv_init(&exd);
	circle_ics_strv_init(&occ);
	for (i = 0; i < ev->nex; i++)
		if (circle_ics_when_local(&ev->ex[i], tz, tz, l) == 0) {
			l[10] = '\0';
			circle_ics_strv_add(&exd, l);
		}
	circle_ics_strv_uniq(&exd);
	snprintf(through, sizeof through, "%s", strcmp(old, x->until) > 0 ?
	    old : x->until);
	exjson = exdates_json(exd.v);
	if (circle_ics_occurrences(x, ev, tz, dtstart, &exd, through, &occ,
	    e) == -1)
		goto out;
	if (si.id != 0 && snapshot(x, &si, e) == -1)
		goto out;
	if (upsert_series(x, ev, &si.id, tz, dtstart, duration, exjson,
	    own(ev->location, x->gloc), through, e) == -1)
		goto out;
	memset(&res, 0, sizeof res);
	if (circle_series_reconcile(x->db, x->gid, si.id, tz, duration,
	    (const char *const *)occ.v, occ.n, &res, e) == -1)
		goto out;
	if (res.added + res.updated + res.removed > 0)
		x->changed = 1;
	si.tz = tz;
	si.duration = duration;
	si.location = ev->location != NULL ? ev->location : x->gloc;
	si.topic = ev->topic;
	si.through = through;
	before = t->updated;
	for (i = 0; i < ev->noverrides; i++)
		if (!ev->overrides[i]->skip &&
		    ev->overrides[i]->problem == NULL &&
		    do_override(x, &si, ev->overrides[i], t, e) == -1)
			goto out;
	if (ev->cancelled && cancel_all(x, si.id, t, e) == -1)
		goto out;
	t->added += res.added;
	t->removed += res.removed;
	t->updated += res.updated;
	before = t->updated - before + res.added + res.updated;
	t->unchanged += res.total > before ? res.total - before : 0;
	rc = 0;
out:
	for (i = 0; i < si.nsnap; i++)
		srow_free(&si.snap[i]);
	free(si.snap);
	circle_ics_strv_drop(&exd);
	circle_ics_strv_drop(&occ);
	free(exjson);
	return rc;
}

/* An override whose master is not in the file: its series is here. */
static int
do_orphan(struct imp *x, struct event *ev, struct tally *t,
    struct circle_err *e)
{
	struct sinfo	 si;
	sqlite3_stmt	*st;
	char		*tz = NULL, *loc = NULL, *topic = NULL, *through = NULL;
	long long	 gid = 0;
	int		 rc;

	memset(&si, 0, sizeof si);
	if ((st = circle_prepare(x->db, "SELECT r.id, r.grp_id, r.tzid, "
	    "r.duration, coalesce(r.location, g.location), r.topic, r.through "
	    "FROM series r JOIN grp g ON g.id = r.grp_id WHERE r.uid = ?",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, ev->uid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		si.id = sqlite3_column_int64(st, 0);
		gid = sqlite3_column_int64(st, 1);
		tz = circle_col_dup(st, 2);
		si.duration = sqlite3_column_int(st, 3);
		loc = circle_col_dup(st, 4);
		topic = circle_col_dup(st, 5);
		through = circle_col_dup(st, 6);
	}
	sqlite3_finalize(st);
	if (si.id == 0)
		rc = circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_RECURRENCEID_PROPERTY), e, "RECURRENCE-ID: no "
		    "repeating event with UID %.64s in the file or the "
		    "database", ev->uid);
	else if (gid != x->gid)
		rc = other_group(x, ev, gid, e);
	else {
		si.tz = tz;
		si.location = loc;
		si.topic = topic;
		si.through = through;
		rc = do_override(x, &si, ev, t, e);
	}
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
	    "sequence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?)", e)) == NULL)
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
	x->changed = 1;
	return circle_exec_cached(x->db, st, e);
}

/* What a session of a series inherits: its series' place and topic. */
static int
inherited(struct imp *x, long long series_id, char **loc, char **topic,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	*loc = *topic = NULL;
	if (series_id == 0) {
		*loc = x->gloc != NULL ? circle_xstrdup(x->gloc) : NULL;
		return 0;
	}
	if ((st = circle_cached(x->db, "SELECT coalesce(r.location, "
	    "g.location), r.topic FROM series r JOIN grp g ON g.id = r.grp_id "
	    "WHERE r.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, series_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*loc = circle_col_dup(st, 0);
		*topic = circle_col_dup(st, 1);
	}
	sqlite3_reset(st);
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
	char		*loc = NULL, *topic = NULL;
	int		 found, rc = -1;

	if (uid_owner(x, "series", ev->uid, &gid, e) == -1)
		return -1;
	if (gid != 0 && gid != x->gid)
		return other_group(x, ev, gid, e);
	if (gid != 0)
		return circle_ics_event_err(x, circle_ics_line_of(ev,
		    ICAL_UID_PROPERTY), e, "UID %.64s is a repeating series "
		    "here, and the event does not repeat", ev->uid);
	if ((found = srow_get(x->db, ev->uid, 0, NULL, &cur, e)) == -1)
		return -1;
	if (found == 0 && cur.grp_id != x->gid) {
		srow_free(&cur);
		return other_group(x, ev, cur.grp_id, e);
	}
	if (circle_ics_want(ev, x->gtz, x->gduration, &w, e) == -1) {
		circle_err_prefix(e, "%s:%zu:1", x->name, ev->line);
		goto out;
	}
	if (inherited(x, found == 0 ? cur.series_id : 0, &loc, &topic,
	    e) == -1)
		goto out;
	w.location = own(ev->location, loc);
	w.topic = own(ev->topic, topic);
	if (found == 1) {
		rc = insert_single(x, ev, &w, e);
		t->added++;
		goto out;
	}
	rc = apply(x, ev, &cur, NULL, &w, 1, t, e);
	if (rc == 0 && t->updated == 0)
		t->unchanged++;
out:
	free(loc);
	free(topic);
	if (found == 0)
		srow_free(&cur);
	return rc;
}

/*
 * One event in a savepoint: with --skip-bad, an event that cannot be
 * imported is rolled back alone and noted; else it fails the import.
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
	if (circle_exec(x->db, "SAVEPOINT event", e) == -1)
		return -1;
	if (fn(x, ev, &t, e) == 0) {
		r->added += t.added;
		r->updated += t.updated;
		r->removed += t.removed;
		r->unchanged += t.unchanged;
		return circle_exec(x->db, "RELEASE event", e);
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
		if (ev->skip || ev->problem != NULL)
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

	if (circle_group_get(db, x->o->group, &g, e) == -1)
		return -1;
	if (g.archived_at != NULL) {
		circle_err_set(e, CIRCLE_EFAIL, "group %s is archived",
		    g.handle);
		circle_group_release(&g);
		return -1;
	}
	x->gid = g.id;
	x->gtz = g.tzid;
	x->gloc = g.location;
	x->ghandle = g.handle;
	x->gduration = g.duration;
	g.tzid = g.location = g.handle = NULL;
	circle_group_release(&g);
	if (x->o->until != NULL) {
		snprintf(x->until, sizeof x->until, "%s", x->o->until);
		return 0;
	}
	if (circle_date_today_in(x->gtz, &today) == -1)
		circle_date_today(&today);
	circle_date_add(&today, 365, &d);
	circle_date_format(&d, x->until);
	return 0;
}

/* Bad events: the first fails the import, or all are left out. */
static int
sort_out(struct imp *x, struct circle_err *e)
{
	struct event	*ev;
	size_t		 i;

	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if (ev->problem == NULL && ev->master != NULL &&
		    ev->master->problem != NULL)
			circle_xasprintf(&ev->problem, "%s:%zu:1: its repeating "
			    "event (line %zu) is left out", x->name,
			    ev->line, ev->master->line);
		if (ev->problem == NULL)
			continue;
		if (!x->o->skip_bad)
			return circle_err_set(e, CIRCLE_EDATA, "%s",
			    ev->problem);
		circle_ics_note(&x->pre, &x->npre, "%s; event skipped",
		    ev->problem);
		ev->skip = 1;
		x->r->skipped++;
	}
	return 0;
}

/*
 * Import the VEVENTs of an iCalendar text (len bytes, not NUL-terminated
 * necessarily; name is used in messages) as sessions of a group, in one
 * transaction.
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
	    circle_ics_lex(&x, buf, len, e) == -1)
		goto out;
	for (i = 0; i < x.nev; i++) {
		if (x.ev[i].problem == NULL)
			circle_ics_event_read(&x, &x.ev[i]);
		r->events++;
	}
	circle_ics_link(&x);
	for (i = 0; i < x.nev; i++)
		if (x.ev[i].problem == NULL && x.ev[i].kind == EV_MASTER)
			r->series++;
	if (sort_out(&x, e) == -1)
		goto out;
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

/* The same, from a file ("-": the standard input). */
int
circle_ics_import_file(struct circle_db *db, const char *path,
    const struct circle_ics_import_opts *o,
    struct circle_ics_import_result *r, struct circle_err *e)
{
	const char	*name = strcmp(path, "-") == 0 ? "stdin" : path;
	FILE		*fp;
	char		*buf;
	size_t		 len = 0, cap = 65536, n;
	int		 rc;

	memset(r, 0, sizeof *r);
	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL)
		return circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", name, strerror(errno));
	buf = circle_xmalloc(cap + 1);
	while ((n = fread(buf + len, 1, cap - len, fp)) > 0) {
		len += n;
		if (len > CIRCLE_ICS_MAX_BYTES)
			break;
		if (len == cap) {
			cap *= 2;
			buf = circle_xrealloc(buf, cap + 1);
		}
	}
	if (ferror(fp)) {
		rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", name,
		    strerror(errno));
		goto out;
	}
	buf[len] = '\0';
	rc = circle_ics_import(db, buf, len, name, o, r, e);
out:
	if (fp != stdin)
		fclose(fp);
	free(buf);
	return rc;
}

void
circle_ics_import_result_release(struct circle_ics_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	memset(r, 0, sizeof *r);
}
