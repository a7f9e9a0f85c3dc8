/*
 * icsread.c: what a calendar event means.  The properties icslex.c kept
 * become an event's times and zones, its rule and dates, its length, its
 * text (made clean by icstext.c); overrides find their series.  The
 * sessions an event gives are icsexpand.c's; writing them is icsimport.c's.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

#define MAX_DATES	1000		/* EXDATEs, RDATEs of one event */
#define MAX_RULES	10		/* RRULEs of one event */
#define MAX_MINUTES	(7 * 1440)	/* the longest session */

/* A note for the result: "file:line: what". */
void
circle_ics_note(char ***v, size_t *n, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	circle_xvasprintf(&s, fmt, ap);
	va_end(ap);
	*v = circle_xgrow(*v, *n, sizeof **v);
	(*v)[(*n)++] = s;
}

void
circle_ics_event_free(struct event *ev)
{
	size_t	i;

	for (i = 0; i < ev->nprops; i++)
		icalproperty_free(ev->props[i].p);
	free(ev->props);
	free(ev->problem);
	free(ev->unfit);
	free(ev->uid);
	free(ev->rrule);
	for (i = 0; i < ev->nxrules; i++)
		free(ev->xrules[i]);
	free(ev->xrules);
	free(ev->ex);
	free(ev->rdate);
	free(ev->rdmin);
	free(ev->location);
	free(ev->summary);
	free(ev->link);
	free(ev->topic);
	free(ev->overrides);
}

/* --- Times and zones --- */

/*
 * A time with a TZID and a Z both (DTSTART;TZID=X:...Z), which RFC 5545
 * forbids and some programs write: read as UTC, as libical (so Evolution
 * and circle's own export), ical.js (Thunderbird, Nextcloud) and Google
 * do, and kept in X's wall time so that a series repeats in X.  Said once
 * an import (circle_ics_note_habits).
 */
static void
zoned_utc(struct imp *x, const struct prop *pr, const char *tzid,
    struct when *w)
{
	const char	*zone, *why;
	char		 utc[21], local[17];

	if (x->zoned_z++ == 0) {
		x->zoned_z_line = pr->line;
		snprintf(x->zoned_z_name, sizeof x->zoned_z_name, "%s",
		    icalproperty_get_property_name(pr->p));
		snprintf(x->zoned_z_tzid, sizeof x->zoned_z_tzid, "%s", tzid);
	}
	if ((zone = circle_ics_zone(x, tzid, &why)) == NULL)
		return;		/* UTC, as the Z says */
	snprintf(utc, sizeof utc, "%s:00Z", w->local);
	if (circle_utc_to_local(utc, zone, local) == -1)
		return;
	memcpy(w->local, local, sizeof w->local);
	snprintf(w->tzid, sizeof w->tzid, "%s", zone);
}

/*
 * The zone floating times of the calendar read now are in: its
 * X-WR-TIMEZONE, as Apple Calendar and Google read them, when it names a
 * zone; else NULL, the group's.  One that is not the group's, or names no
 * zone, is said once.
 */
static const char *
floating_zone(struct imp *x)
{
	struct calendar	*c = &x->cals[x->cal];
	const char	*why;

	if (c->floating_read || c->wrtz == NULL)
		return c->floating;
	c->floating_read = 1;
	if ((c->floating = circle_ics_zone(x, c->wrtz, &why)) == NULL)
		circle_ics_note(&x->pre, &x->npre, "%s: X-WR-TIMEZONE "
		    "\"%.*s\": %s; floating times are read in %s", x->name,
		    (int)circle_utf8_cut(c->wrtz, TZID_COLUMNS), c->wrtz, why,
		    x->gtz);
	else if (strcmp(c->floating, x->gtz) != 0)
		circle_ics_note(&x->pre, &x->npre, "%s: floating times are "
		    "read in %s, the calendar's X-WR-TIMEZONE, not the group's "
		    "%s", x->name, c->floating, x->gtz);
	return c->floating;
}

/* A date-time or date value of a property, checked and with its zone. */
static int
read_when(struct imp *x, struct event *ev, const struct prop *pr,
    struct icaltimetype t, struct when *w)
{
	icalparameter		*tz;
	struct circle_date	 d;
	const char		*name, *zone, *why;
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
	tz = icalproperty_get_first_parameter(pr->p, ICAL_TZID_PARAMETER);
	if (icaltime_is_utc(t)) {
		snprintf(w->tzid, sizeof w->tzid, "UTC");
		if (tz != NULL)
			zoned_utc(x, pr, icalparameter_get_tzid(tz), w);
		return 0;
	}
	if (tz == NULL) {
		/* Floating: in the calendar's X-WR-TIMEZONE, if it has one
		 * (an UNTIL: in its DTSTART's zone, read_rule). */
		if (icalproperty_isa(pr->p) != ICAL_RRULE_PROPERTY &&
		    (zone = floating_zone(x)) != NULL) {
			snprintf(w->tzid, sizeof w->tzid, "%s", zone);
			w->wr = 1;
		}
		return 0;
	}
	if ((zone = circle_ics_zone(x, icalparameter_get_tzid(tz),
	    &why)) == NULL) {
		circle_ics_problem(x, ev, pr->line, pr->col, "TZID \"%.*s\": "
		    "%s", (int)circle_utf8_cut(icalparameter_get_tzid(tz),
		    TZID_COLUMNS), icalparameter_get_tzid(tz), why);
		return -1;
	}
	snprintf(w->tzid, sizeof w->tzid, "%s", zone);
	return 0;
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
	struct circle_err	ignored;	/* callers say what was wrong */

	return circle_local_utc(w->local, src_zone(w, floatz), out, &ignored);
}

/* The wall time in zone of a time read in its own zone (or floatz). */
int
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

/*
 * The rule, with UNTIL as UTC, as text: the first is the series' rule,
 * any others (Cyrus and some servers write several) add their dates.
 */
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
		/*
		 * A date: the whole day, in the event's zone.  A time
		 * without Z on a zoned DTSTART (RFC 5545 wants UTC; Outlook
		 * exports and hand-made files write these): UTC, as ical.js
		 * and python's recurring_ical_events read it (libical and
		 * node-ical read it in DTSTART's zone; dateutil and Google's
		 * API refuse it), said once an import, to check the last
		 * session.  On a floating DTSTART: floating, as the RFC
		 * says.
		 */
		if (w.date) {
			memcpy(w.local + 11, "23:59", 5);
			second = 59;
		} else if (w.tzid[0] == '\0' && ev->start.tzid[0] != '\0' &&
		    !ev->start.wr && strcmp(ev->start.tzid, "UTC") != 0) {
			snprintf(w.tzid, sizeof w.tzid, "UTC");
			if (x->float_until++ == 0)
				x->float_until_line = pr->line;
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
	if (ev->rrule == NULL)
		ev->rrule = circle_xstrdup(s);
	else {
		ev->xrules = circle_xgrow(ev->xrules, ev->nxrules,
		    sizeof *ev->xrules);
		ev->xrules[ev->nxrules++] = circle_xstrdup(s);
	}
	free(s);
	return 0;
}

/*
 * The length of an RDATE PERIOD (Zimbra writes these): to its end, in
 * minutes, or its duration; 0 when it is not from 1 minute to a week.
 */
static int
period_minutes(struct imp *x, struct event *ev, const struct prop *pr,
    const struct when *start, struct icalperiodtype p)
{
	struct when	end;
	char		a[21], b[21];
	long		m;

	if (!icaltime_is_null_time(p.end)) {
		if (read_when(x, ev, pr, p.end, &end) == -1 ||
		    when_utc(start, x->gtz, a) == -1 ||
		    when_utc(&end, x->gtz, b) == -1)
			return 0;
		m = circle_utc_minutes(a, b);
	} else
		m = (long)icaldurationtype_as_int(p.duration) / 60;
	return m >= 1 && m <= MAX_MINUTES ? (int)m : 0;
}

/* A date or date-time of EXDATE or RDATE (a PERIOD: its start). */
static int
add_date(struct imp *x, struct event *ev, const struct prop *pr,
    struct when **v, size_t *n)
{
	struct icaldatetimeperiodtype	dp;
	struct icaltimetype		t;
	int				rc;

	if (*n >= MAX_DATES) {
		circle_ics_problem(x, ev, pr->line, 1, "%s: more than %d dates",
		    icalproperty_get_property_name(pr->p), MAX_DATES);
		return -1;
	}
	if (icalproperty_isa(pr->p) != ICAL_RDATE_PROPERTY) {
		*v = circle_xgrow(*v, *n, sizeof **v);
		return read_when(x, ev, pr, icalproperty_get_exdate(pr->p),
		    &(*v)[(*n)++]);
	}
	dp = icalproperty_get_rdate(pr->p);
	t = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
	ev->rdmin = circle_xgrow(ev->rdmin, *n, sizeof *ev->rdmin);
	*v = circle_xgrow(*v, *n, sizeof **v);
	if ((rc = read_when(x, ev, pr, t, &(*v)[*n])) == 0)
		ev->rdmin[*n] = icaltime_is_null_time(dp.time) ?
		    period_minutes(x, ev, pr, &(*v)[*n], dp.period) : 0;
	(*n)++;
	return rc;
}

static int
read_minutes(struct imp *x, struct event *ev, const struct prop *pr)
{
	struct icaldurationtype	d = icalproperty_get_duration(pr->p);
	long			s = (long)icaldurationtype_as_int(d);

	if (d.is_neg || s < 0 || s / 60 > MAX_MINUTES) {
		circle_ics_problem(x, ev, pr->line, 1, "DURATION: negative or "
		    "more than a week");
		return -1;
	}
	ev->minutes = s < 60 ? DURATION_NONE : (int)(s / 60);
	ev->empty_len = 0;	/* an empty one besides says nothing */
	return 0;
}

/*
 * A DTSTART, DTEND or RECURRENCE-ID given twice: the same time again is
 * nothing, another is a problem (which one is meant?).
 */
static int
read_once(struct imp *x, struct event *ev, const struct prop *pr,
    struct icaltimetype t, struct when *w)
{
	struct when	again;
	char		a[96], b[96];

	if (!w->set)
		return read_when(x, ev, pr, t, w);
	if (read_when(x, ev, pr, t, &again) == -1)
		return -1;
	if (strcmp(again.local, w->local) == 0 &&
	    strcmp(again.tzid, w->tzid) == 0 && again.date == w->date)
		return 0;
	circle_ics_when_shown(w, 1, a, sizeof a);
	circle_ics_when_shown(&again, 1, b, sizeof b);
	circle_ics_problem(x, ev, pr->line, 1, "%s: given twice, %s (line "
	    "%zu) and %s; keep the right one",
	    icalproperty_get_property_name(pr->p), a, circle_ics_line_of(ev,
	    icalproperty_isa(pr->p)), b);
	return -1;
}

/*
 * DTEND and DURATION both, of other lengths: RFC 5545 allows one, and
 * DTEND is taken, as libical, Google and Outlook take it; said, since a
 * writer may have meant the other.
 */
static void
end_and_duration(struct imp *x, struct event *ev, int minutes)
{
	char	*shown;

	if (!ev->end.set || ev->minutes <= 0 || ev->minutes == minutes)
		return;
	shown = circle_ics_event_name(ev);
	circle_ics_note(&x->pre, &x->npre, "%s:%zu: DURATION of %d minutes "
	    "beside DTEND (line %zu), %d minutes after DTSTART%s%s%s: an "
	    "event has one or the other; DTEND taken", x->name,
	    circle_ics_line_of(ev, ICAL_DURATION_PROPERTY), ev->minutes,
	    circle_ics_line_of(ev, ICAL_DTEND_PROPERTY), minutes,
	    shown != NULL ? ", in \"" : "", shown != NULL ? shown : "",
	    shown != NULL ? "\"" : "");
	free(shown);
}

static int
read_prop(struct imp *x, struct event *ev, const struct prop *pr,
    int *nrule)
{
	icalproperty	*p = pr->p;
	icalparameter	*q;
	const char	*s;

	switch (icalproperty_isa(p)) {
	case ICAL_UID_PROPERTY:
		s = icalproperty_get_uid(p);
		if (ev->uid == NULL && s != NULL)
			ev->uid = circle_xstrdup(s);
		return 0;
	case ICAL_DTSTART_PROPERTY:
		return read_once(x, ev, pr, icalproperty_get_dtstart(p),
		    &ev->start);
	case ICAL_DTEND_PROPERTY:
		return read_once(x, ev, pr, icalproperty_get_dtend(p),
		    &ev->end);
	case ICAL_RECURRENCEID_PROPERTY:
		if ((q = icalproperty_get_first_parameter(p,
		    ICAL_RANGE_PARAMETER)) != NULL) {
			if (icalparameter_get_range(q) !=
			    ICAL_RANGE_THISANDFUTURE) {
				circle_ics_problem(x, ev, pr->line, 1,
				    "RECURRENCE-ID: RANGE=THISANDPRIOR is not "
				    "supported; give each occurrence");
				return -1;
			}
			ev->future = 1;
		}
		return read_once(x, ev, pr, icalproperty_get_recurrenceid(p),
		    &ev->rid);
	case ICAL_DURATION_PROPERTY:
		return read_minutes(x, ev, pr);
	case ICAL_RRULE_PROPERTY:
		if (++*nrule > MAX_RULES) {
			circle_ics_problem(x, ev, pr->line, 1, "RRULE: more "
			    "than %d rules in one event", MAX_RULES);
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
			ev->location = circle_ics_clean_text(x, pr, s, 0);
		if (circle_ics_location_link(x, ev, pr) == -1)
			return -1;
		if (ev->location != NULL)	/* "Zoom: https://..." */
			circle_ics_description_link(x, ev, pr, ev->location);
		return 0;
	case ICAL_SUMMARY_PROPERTY:
		if (ev->summary == NULL &&
		    (s = icalproperty_get_summary(p)) != NULL)
			ev->summary = circle_xstrdup(s);
		return 0;
	case ICAL_DESCRIPTION_PROPERTY:
		if (ev->topic == NULL &&
		    (s = icalproperty_get_description(p)) != NULL) {
			ev->topic = circle_ics_clean_text(x, pr, s, 1);
			circle_ics_description_link(x, ev, pr, s);
		}
		return 0;
	case ICAL_URL_PROPERTY:
		return circle_ics_offer_link(x, ev, pr,
		    icalproperty_get_url(p), LINK_URL, 0);
	case ICAL_CONFERENCE_PROPERTY:
		/* Its tel: and sip: entries are dial-ins, not the link. */
		return circle_ics_offer_link(x, ev, pr,
		    icalproperty_get_conference(p), LINK_CONFERENCE, 1);
	case ICAL_X_PROPERTY:
		return circle_ics_read_x(x, ev, pr);
	default:
		return 0;
	}
}

/*
 * Does a series end by its own rules (each has COUNT or UNTIL; RDATEs
 * alone are a rule of COUNT=1)?  Then it is made whole, as planning makes one
 * (series.c), not only to the horizon.
 */
int
circle_ics_bounded(const struct event *ev)
{
	struct icalrecurrencetype	r;
	size_t				i;

	if (ev->rrule == NULL)
		return 0;
	for (i = 0; i <= ev->nxrules; i++) {
		r = icalrecurrencetype_from_string(i == 0 ? ev->rrule :
		    ev->xrules[i - 1]);
		if (r.count <= 0 && icaltime_is_null_time(r.until))
			return 0;
	}
	return 1;
}

/* The zone a series is expanded in. */
const char *
circle_ics_series_zone(const struct imp *x, const struct event *ev)
{
	return ev->start.tzid[0] != '\0' ? ev->start.tzid : x->gtz;
}

/*
 * A bad event that is an override saying STATUS:CANCELLED: what can be
 * read of it (UID, RECURRENCE-ID, STATUS, SEQUENCE) still cancels its
 * occurrence, so that leaving it out never leaves a cancelled meeting
 * scheduled.
 */
static void
salvage_cancel(struct imp *x, struct event *ev)
{
	icalproperty	*p;
	const char	*s;
	size_t		 i;

	for (i = 0; i < ev->nprops; i++) {
		p = ev->props[i].p;
		switch (icalproperty_isa(p)) {
		case ICAL_UID_PROPERTY:
			if (ev->uid == NULL &&
			    (s = icalproperty_get_uid(p)) != NULL)
				ev->uid = circle_xstrdup(s);
			break;
		case ICAL_RECURRENCEID_PROPERTY:
			if (!ev->rid.set && read_when(x, ev, &ev->props[i],
			    icalproperty_get_recurrenceid(p), &ev->rid) == -1)
				memset(&ev->rid, 0, sizeof ev->rid);
			break;
		case ICAL_STATUS_PROPERTY:
			ev->cancelled = icalproperty_get_status(p) ==
			    ICAL_STATUS_CANCELLED;
			break;
		case ICAL_SEQUENCE_PROPERTY:
			ev->sequence = icalproperty_get_sequence(p);
			if (ev->sequence < 0 || ev->sequence > 1000000000)
				ev->sequence = 0;
			break;
		default:
			break;
		}
	}
	ev->cancel_only = ev->cancelled && ev->rid.set && ev->uid != NULL &&
	    *ev->uid != '\0' && strlen(ev->uid) <= 255 &&
	    !circle_has_control(ev->uid);
	if (ev->cancel_only)
		ev->kind = EV_OVERRIDE;
}

/*
 * A UID for an event without one (hand-made files, some web forms and
 * phones; RFC 5545 requires it): "nouid-" and a hash of its DTSTART and
 * RRULE lines, the same each time the file is read.  Two events alike
 * get the same, and the second is refused as the same event.
 */
static void
made_uid(struct imp *x, struct event *ev)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;	/* FNV-1a */
	const char	*t;
	size_t		 i;
	icalproperty_kind k;

	for (i = 0; i < ev->nprops; i++) {
		k = icalproperty_isa(ev->props[i].p);
		if (k != ICAL_DTSTART_PROPERTY && k != ICAL_RRULE_PROPERTY)
			continue;
		for (t = icalproperty_as_ical_string(ev->props[i].p);
		    t != NULL && *t != '\0'; t++) {
			h ^= (unsigned char)*t;
			h *= 0x100000001b3ULL;
		}
	}
	free(ev->uid);
	circle_xasprintf(&ev->uid, "nouid-%016llx", (unsigned long long)h);
	if (x->no_uid++ == 0)
		x->no_uid_line = ev->line;
}

/*
 * An all-day event: DTSTART a DATE, or Outlook's flag on a time at
 * midnight (Outlook on the web and Exchange write all-day events so).
 */
static int
all_day(const struct event *ev)
{
	return ev->start.date || (ev->allday &&
	    strcmp(ev->start.local + 11, "00:00") == 0);
}

/*
 * An all-day event is no session: a holiday, "Room closed", a reminder or
 * a block of days, not a meeting at a time.  Left out, named by its
 * SUMMARY (cut short, control characters written out) and first day.
 */
static void
all_day_unfit(struct imp *x, struct event *ev, int minutes)
{
	char	days[32], *shown;

	days[0] = '\0';
	if (minutes > 1440)
		snprintf(days, sizeof days, " of %d days", minutes / 1440);
	shown = circle_ics_event_name(ev);
	circle_xasprintf(&ev->unfit, "%s:%zu:1: %s: %s%s%son %.10s%s, an "
	    "all-day event%s, not a session", x->name, circle_ics_line_of(ev,
	    ev->start.date ? ICAL_DTSTART_PROPERTY : ICAL_X_PROPERTY),
	    ev->start.date ? "DTSTART" : "X-MICROSOFT-CDO-ALLDAYEVENT",
	    shown != NULL ? "\"" : "", shown != NULL ? shown : "",
	    shown != NULL ? "\" " : "", ev->start.local,
	    ev->kind == EV_MASTER ? " and after" : "", days);
	free(shown);
}

/*
 * Why an event has no session's length, its times read in floatz
 * (circle_ics_event_minutes -1): it lasts more than a week, or it ends
 * before it begins.  An override's floating times are read again in its
 * series' zone, where a start in the gap of a clock change moves on,
 * past its end: that is said.
 */
char *
circle_ics_no_length(const struct event *ev, const char *floatz)
{
	const char	*zone = src_zone(&ev->start, floatz);
	char		 a[96], b[96], s[21], l[17], *msg;
	int		 minutes, rc;
	int		 shown = strcmp(ev->start.tzid, ev->end.tzid) != 0;

	rc = circle_ics_event_minutes(ev, floatz, 1, &minutes);
	if (rc == -1 && minutes > MAX_MINUTES) {
		circle_xasprintf(&msg, "%s: the event lasts more than a week, "
		    "not a session", ev->end.set ? "DTEND" : "DURATION");
		return msg;
	}
	/* Neither before nor too long: a time no zone could place. */
	if (rc == -1 && minutes != 0) {
		circle_ics_when_shown(&ev->start, 1, b, sizeof b);
		circle_ics_when_shown(&ev->end, 1, a, sizeof a);
		circle_xasprintf(&msg, "DTSTART %s or DTEND %s: a time that "
		    "cannot be placed in its zone", b, a);
		return msg;
	}
	circle_ics_when_shown(&ev->end, shown, a, sizeof a);
	circle_ics_when_shown(&ev->start, shown, b, sizeof b);
	if (ev->start.tzid[0] == '\0' && !ev->start.date &&
	    when_utc(&ev->start, floatz, s) == 0 &&
	    circle_utc_to_local(s, zone, l) == 0 &&
	    strcmp(l, ev->start.local) != 0)
		circle_xasprintf(&msg, "DTEND: %s is before DTSTART %s in %s, "
		    "where the clocks go forward over %s (it is %s there)", a,
		    b, zone, ev->start.local + 11, l + 11);
	else
		circle_xasprintf(&msg, "DTEND: %s is before DTSTART %s", a, b);
	return msg;
}

/* An event that ends before it begins: no session, a problem. */
static void
ends_before(struct imp *x, struct event *ev)
{
	char	*msg = circle_ics_no_length(ev, x->gtz);

	circle_ics_problem(x, ev, circle_ics_line_of(ev, ICAL_DTEND_PROPERTY),
	    1, "%s", msg);
	free(msg);
}

/*
 * A date (an RDATE, an override's RECURRENCE-ID) on a series at a time of
 * day: RFC 5545 wants DTSTART's type, some programs write the day alone.
 * It is that day at the series' time, as an EXDATE's day is.  start is
 * the series' DTSTART, in the file or as the database keeps it.
 */
void
circle_ics_at_time_of(struct when *w, const struct when *start)
{
	if (!w->date || start->date)
		return;
	snprintf(w->local + 10, sizeof w->local - 10, "%s", start->local + 10);
	memcpy(w->tzid, start->tzid, sizeof w->tzid);
	w->wr = start->wr;
	w->date = 0;
}

/* Read an event's properties into its fields; problems mark it bad. */
static void
read_event(struct imp *x, struct event *ev)
{
	const char	*uid;
	char		*why;
	size_t		 i;
	int		 nrule = 0, minutes, rc;

	for (i = 0; i < ev->nprops && ev->problem == NULL; i++)
		read_prop(x, ev, &ev->props[i], &nrule);
	if (ev->problem != NULL) {
		salvage_cancel(x, ev);
		return;
	}
	if ((ev->uid == NULL || *ev->uid == '\0') && !ev->rid.set)
		made_uid(x, ev);
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
	rc = circle_ics_event_minutes(ev, x->gtz, x->gduration, &minutes);
	if (rc == 0)
		end_and_duration(x, ev, minutes);
	if (rc == -1 && minutes > MAX_MINUTES) {
		why = circle_ics_no_length(ev, x->gtz);
		circle_xasprintf(&ev->unfit, "%s:%zu:1: %s", x->name,
		    circle_ics_line_of(ev, ev->end.set ? ICAL_DTEND_PROPERTY :
		    ICAL_DURATION_PROPERTY), why);
		free(why);
	} else if (all_day(ev))
		all_day_unfit(x, ev, minutes);
	else if (rc == -1 && minutes == 0) {
		ends_before(x, ev);
		return;
	} else if (rc == 1 && ev->kind != EV_OVERRIDE &&	/* its series' */
	    x->no_length++ == 0) {
		snprintf(x->no_length_what, sizeof x->no_length_what, "%s: %s",
		    ev->end.set ? "DTEND" : ev->empty_len != 0 ?
		    ev->empty_len_name : "DURATION", ev->end.set ? "the same "
		    "as DTSTART" : ev->empty_len != 0 ? "empty" : "under a "
		    "minute");
		x->no_length_line = ev->end.set ? circle_ics_line_of(ev,
		    ICAL_DTEND_PROPERTY) : ev->empty_len != 0 ? ev->empty_len :
		    circle_ics_line_of(ev, ICAL_DURATION_PROPERTY);
	}
	if (ev->kind != EV_MASTER)
		return;
	for (i = 0; i < ev->nrdate; i++)
		circle_ics_at_time_of(&ev->rdate[i], &ev->start);
	for (i = 0; i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].p) == ICAL_RRULE_PROPERTY &&
		    read_rule(x, ev, &ev->props[i],
		    circle_ics_series_zone(x, ev)) == -1)
			return;
	if (ev->rrule == NULL)
		ev->rrule = circle_xstrdup("FREQ=DAILY;COUNT=1");
}

/*
 * Length in minutes: DTEND, DURATION, else a day or the group's usual.
 * 1: DTEND at DTSTART or a DURATION under a minute, which give no length
 * (*out is the usual one); -1: no session's length, *out is then 0 for an
 * end before the start and more than MAX_MINUTES for more than a week.
 */
int
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
			/* An end without a zone is in the start's. */
			if (when_utc(&ev->start, floatz, s) == -1 ||
			    when_utc(&ev->end, src_zone(&ev->start, floatz),
			    t) == -1)
				return -1;
			m = circle_utc_minutes(s, t);
		}
		if (m < 0 || m > MAX_MINUTES) {
			*out = m < 0 ? 0 : MAX_MINUTES + 1;
			return -1;
		}
		if (m == 0)
			return 1;
		*out = (int)m;
	} else if (ev->minutes == DURATION_NONE)
		return 1;
	else if (ev->minutes > 0)
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
size_t
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
 * Two versions of one event (an invitation and its update saved into one
 * file, cat a.ics b.ics): the one with the higher SEQUENCE is read, the
 * other left out with a note.  The one read is returned.
 */
static struct event *
newer_version(struct imp *x, struct event *a, struct event *b)
{
	struct event	*old = a->sequence < b->sequence ? a : b;
	struct event	*keep = old == a ? b : a;

	old->skip = 1;
	circle_ics_note(&x->pre, &x->npre, "%s:%zu: UID %.64s: SEQUENCE %d, "
	    "an older version of the event at line %zu (SEQUENCE %d); left "
	    "out", x->name, old->line, old->uid, old->sequence, keep->line,
	    keep->sequence);
	return keep;
}

/*
 * An event that does not repeat, and an override of its one occurrence
 * (Thunderbird's "faked master" for an invitation to one occurrence, a
 * series cut down to one): the override is the event, as calendars show
 * it.  1 when ev took single's place.
 */
static int
stands_for(struct event *single, struct event *ev)
{
	if (single->kind != EV_SINGLE || single->skip ||
	    strcmp(single->start.local, ev->rid.local) != 0 ||
	    strcmp(single->start.tzid, ev->rid.tzid) != 0)
		return 0;
	single->skip = 1;
	ev->kind = EV_SINGLE;
	memset(&ev->rid, 0, sizeof ev->rid);
	return 1;
}

/*
 * Overrides find their master; a UID given to two events that are not
 * overrides, or an occurrence overridden twice, is a problem of the later.
 * Sorted by UID, so that a file of 100,000 events takes no time.
 */
static void
link_events(struct imp *x)
{
	struct event	**v, *ev, *first, *master;
	size_t		 i, j, n = 0;

	v = circle_xreallocarray(NULL, x->nev + 1, sizeof *v);
	for (i = 0; i < x->nev; i++)
		if (x->ev[i].problem == NULL || x->ev[i].cancel_only)
			v[n++] = &x->ev[i];
	qsort(v, n, sizeof *v, by_uid);
	for (i = 0; i < n; i = j) {
		first = v[i];
		master = first->kind == EV_MASTER ? first : NULL;
		for (j = i + 1; j < n && strcmp(v[j]->uid, first->uid) == 0;
		    j++) {
			ev = v[j];
			if (ev->kind != EV_OVERRIDE &&
			    ev->sequence != first->sequence) {
				first = newer_version(x, first, ev);
				master = first->kind == EV_MASTER ? first :
				    NULL;
				continue;
			}
			if (ev->kind != EV_OVERRIDE) {
				circle_ics_problem(x, ev, circle_ics_line_of(ev,
				    ICAL_UID_PROPERTY), 1, "UID %.64s: the "
				    "same event as at line %zu", ev->uid,
				    first->line);
				continue;
			}
			/* A date for an occurrence is its series' time first. */
			if (master != NULL)
				circle_ics_at_time_of(&ev->rid,
				    &master->start);
			if (v[j - 1]->kind == EV_OVERRIDE &&
			    strcmp(v[j - 1]->rid.local, ev->rid.local) == 0 &&
			    strcmp(v[j - 1]->rid.tzid, ev->rid.tzid) == 0) {
				circle_ics_problem(x, ev, circle_ics_line_of(ev,
				    ICAL_UID_PROPERTY), 1, "UID %.64s: the "
				    "same occurrence as at line %zu", ev->uid,
				    v[j - 1]->line);
				continue;
			}
			if (master == NULL && stands_for(first, ev)) {
				first = ev;
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

/*
 * Events that are no session, each named up to this many; the rest are
 * counted in one line (a whole calendar's birthdays and holidays).
 */
#define UNFIT_NAMED	10

/* A bad event's problem, with its name unless it says what to do. */
static char *
problem_named(const struct event *ev)
{
	char	*name, *s;

	if (ev->advised || (name = circle_ics_event_name(ev)) == NULL)
		return circle_xstrdup(ev->problem);
	circle_xasprintf(&s, "%s, in \"%s\"", ev->problem, name);
	free(name);
	return s;
}

/* The error of a bad event without --skip-bad: what to do. */
static int
bad_event(const struct event *ev, struct circle_err *e)
{
	char	*what = problem_named(ev);
	int	 rc;

	if (ev->advised)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s", what);
	else
		rc = circle_err_set(e, CIRCLE_EDATA, "%s; nothing imported: "
		    "correct it, or give --skip-bad to import the other events "
		    "without it", what);
	free(what);
	return rc;
}

/* Bad events: the first fails the import, or all are left out. */
static int
sort_out(struct imp *x, struct circle_err *e)
{
	struct event	*ev;
	char		*what;
	size_t		 i, unfit = 0;

	circle_ics_unmatched(x);
	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if (ev->skip)
			continue;
		if (ev->problem == NULL && ev->master != NULL &&
		    ev->master->problem != NULL)
			circle_xasprintf(&ev->problem, "%s:%zu:1: its repeating "
			    "event (line %zu) is left out", x->name,
			    ev->line, ev->master->line);
		if (ev->problem == NULL && ev->unfit != NULL) {
			if (x->o->strict)
				return circle_err_set(e, CIRCLE_EDATA, "%s",
				    ev->unfit);
			if (unfit++ < UNFIT_NAMED)
				circle_ics_note(&x->pre, &x->npre, "%s; left "
				    "out", ev->unfit);
			ev->skip = 1;
			x->r->left_out++;
			continue;
		}
		if (ev->problem == NULL)
			continue;
		if (!x->o->skip_bad)
			return bad_event(ev, e);
		what = problem_named(ev);
		circle_ics_note(&x->pre, &x->npre, "%s; event skipped%s",
		    what, ev->cancel_only ? ", but its STATUS:CANCELLED is "
		    "applied" : "");
		free(what);
		ev->skip = 1;
		x->r->skipped++;
	}
	if (unfit > UNFIT_NAMED)
		circle_ics_note(&x->pre, &x->npre, "%s: %zu more events left "
		    "out, all-day or longer than a week, not sessions", x->name,
		    unfit - UNFIT_NAMED);
	circle_ics_titles(x);
	return 0;
}

/*
 * Read a calendar into x's events: split by icslex.c, each event's
 * properties read, overrides linked to their series, and the bad events
 * sorted out (the first fails the import, or with --skip-bad each is left
 * out with a note).  The group is known already: floating times are in
 * its zone.
 */
int
circle_ics_read(struct imp *x, const char *buf, size_t len,
    struct circle_err *e)
{
	size_t	i;

	if (circle_ics_lex(x, buf, len, e) == -1)
		return -1;
	for (i = 0; i < x->nev; i++) {
		x->cal = x->ev[i].cal;
		if (x->cals[x->cal].cancel)
			x->ev[i].cancelled = 1;
		if (x->ev[i].problem == NULL)
			read_event(x, &x->ev[i]);
		else
			salvage_cancel(x, &x->ev[i]);
		if (x->cals[x->cal].cancel)
			x->ev[i].cancelled = 1;
		x->r->events++;
	}
	link_events(x);
	circle_ics_online_places(x);
	circle_ics_note_habits(x);
	for (i = 0; i < x->nev; i++)
		if (x->ev[i].problem == NULL && !x->ev[i].skip &&
		    x->ev[i].kind == EV_MASTER) {
			x->r->series++;
			if (!circle_ics_bounded(&x->ev[i]))
				x->r->unbounded++;
		}
	return sort_out(x, e);
}
