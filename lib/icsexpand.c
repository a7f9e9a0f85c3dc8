/*
 * icsexpand.c: what a calendar event gives.  An event gives the session it
 * asks for (circle_ics_want) and a series its occurrences through a date
 * (circle_ics_occurrences), less its EXDATEs (circle_ics_exdates).  What
 * an event means is icsread.c's; writing them is icsimport.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"
#include "recur.h"

#define MAX_SESSIONS	200000		/* made by one import */
#define EXPAND_BUDGET	5.0		/* seconds of rule expansion */

/* On or before through ("": no end)? */
int
circle_ics_within(const char *local, const char *through)
{
	return through == NULL || through[0] == '\0' ||
	    strncmp(local, through, 10) <= 0;
}

/* The session an event asks for, starting in zone (floating: floatz). */
int
circle_ics_want(struct event *ev, const char *floatz, int deflt, struct want *w,
    struct circle_err *e)
{
	const char	*zone;
	char		*why;
	int		 minutes;

	memset(w, 0, sizeof *w);
	zone = ev->start.tzid[0] != '\0' && strcmp(ev->start.tzid, "UTC") !=
	    0 ? ev->start.tzid : floatz;
	snprintf(w->tzid, sizeof w->tzid, "%s", zone);
	if (circle_ics_when_local(&ev->start, zone, floatz, w->local) == -1 ||
	    circle_local_utc(w->local, zone, w->starts, e) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "DTSTART: not a time");
	/*
	 * Read at first in the group's zone; an override's floating times
	 * are read here in its series' zone, and a clock change there can
	 * put its end before its start.
	 */
	if (circle_ics_event_minutes(ev, floatz, deflt, &minutes) == -1) {
		why = circle_ics_no_length(ev, floatz);
		circle_err_set(e, CIRCLE_EDATA, "%s", why);
		free(why);
		return -1;
	}
	circle_utc_add_minutes(w->starts, minutes, w->ends);
	w->cancelled = ev->cancelled;
	return 0;
}

void
circle_ics_strv_init(struct strv *sv)
{
	sv->v = circle_xgrow(NULL, 0, sizeof *sv->v);
	sv->v[0] = NULL;
	sv->n = 0;
}

void
circle_ics_strv_add(struct strv *sv, const char *s)
{
	sv->v = circle_xgrow(sv->v, sv->n + 1, sizeof *sv->v);
	sv->v[sv->n++] = circle_xstrdup(s);
	sv->v[sv->n] = NULL;
}

static int
strv_add(void *arg, const char *local)
{
	circle_ics_strv_add(arg, local);
	return 0;
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop repeats. */
static void
strv_uniq(struct strv *sv)
{
	size_t	i, j;

	if (sv->n < 2)
		return;
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

void
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

/* CPU time spent in libical's expansion is bounded over the whole import. */
static double
cpu_seconds(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A series' EXDATEs as dates in its zone tz, sorted, each once. */
void
circle_ics_exdates(const struct event *ev, const char *tz, struct strv *exd)
{
	char	l[17];
	size_t	i;

	circle_ics_strv_init(exd);
	for (i = 0; i < ev->nex; i++)
		if (circle_ics_when_local(&ev->ex[i], tz, tz, l) == 0) {
			l[10] = '\0';
			strv_add(exd, l);
		}
	strv_uniq(exd);
}

/*
 * Is DTSTART (local, in tz) an occurrence whatever its rules say?  RFC
 * 5545 leaves a DTSTART off the rule undefined; Google, Apple, libical's
 * icalcomponent_foreach_recurrence and recurring_ical_events all show it
 * (an iPad makes such events), unless every rule's UNTIL is before it.
 */
static int
dtstart_counts(const struct event *ev, const char *tz, const char *dtstart)
{
	struct icalrecurrencetype	 r;
	icaltimezone			*z = circle_zone(tz);
	char				 l[17];
	size_t				 i;

	for (i = 0; i <= ev->nxrules; i++) {
		r = icalrecurrencetype_from_string(i == 0 ? ev->rrule :
		    ev->xrules[i - 1]);
		if (icaltime_is_null_time(r.until))
			return 1;
		if (!r.until.is_date && icaltime_is_utc(r.until) && z != NULL)
			icaltimezone_convert_time(&r.until,
			    icaltimezone_get_utc_timezone(), z);
		snprintf(l, sizeof l, "%04u-%02u-%02uT%02u:%02u",
		    (unsigned)r.until.year % 10000,
		    (unsigned)r.until.month % 100, (unsigned)r.until.day % 100,
		    r.until.is_date ? 23u : (unsigned)r.until.hour % 100,
		    r.until.is_date ? 59u : (unsigned)r.until.minute % 100);
		if (strcmp(l, dtstart) >= 0)
			return 1;
	}
	return 0;
}

/*
 * Whether a rule of ev, from dtstart in tz, gives more sessions than a
 * series may before today in the group's zone (a daily series from
 * 1900): then no --until makes fewer of them.
 */
static int
too_many_before_today(struct imp *x, const struct event *ev, const char *tz,
    const char *dtstart, const struct strv *exd)
{
	struct circle_date	today;
	struct circle_err	e;
	char			t[11];
	size_t			i, n;

	if (circle_date_today_in(x->gtz, &today) == -1)
		circle_date_today(&today);
	circle_date_format(&today, t);
	for (i = 0; i <= ev->nxrules; i++) {
		n = 0;
		if (circle_rule_expand(i == 0 ? ev->rrule : ev->xrules[i - 1],
		    dtstart, tz, (const char *const *)exd->v, exd->n, t,
		    circle_rule_count, &n, &e) == -1 &&
		    strncmp(e.msg, "rrule: more than", 16) == 0)
			return 1;
	}
	return 0;
}

/*
 * A series' occurrences through its horizon: DTSTART, its rule's, less
 * EXDATEs, with its RDATEs and the occurrences its overrides name.
 */
int
circle_ics_occurrences(struct imp *x, struct event *ev, const char *tz,
    const char *dtstart, struct strv *exd, const char *through,
    struct strv *v, struct circle_err *e)
{
	char	l[17];
	size_t	i;
	double	t0;
	int	rc = 0;

	t0 = cpu_seconds();
	for (i = 0; i <= ev->nxrules && rc == 0; i++)
		rc = circle_rule_expand(i == 0 ? ev->rrule : ev->xrules[i - 1],
		    dtstart, tz, (const char *const *)exd->v, exd->n,
		    *through != '\0' ? through : NULL, strv_add, v, e);
	x->spent += cpu_seconds() - t0;
	if (rc == 0 && circle_ics_within(dtstart, through) &&
	    !in_strv(exd->v, dtstart) && dtstart_counts(ev, tz, dtstart))
		strv_add(v, dtstart);
	if (rc == -1) {
		if (strncmp(e->msg, "rrule: more than", 16) == 0 &&
		    too_many_before_today(x, ev, tz, dtstart, exd))
			return circle_ics_error(x, circle_ics_line_of(ev,
			    ICAL_RRULE_PROPERTY), 1, e, "RRULE: more than %d "
			    "sessions before today, from its DTSTART on %.10s: "
			    "no --until makes fewer; give --skip-bad to import "
			    "the other events without it, or give the series a "
			    "later start in the program that wrote the file",
			    CIRCLE_MAX_OCCURRENCES, dtstart);
		if (strncmp(e->msg, "rrule: more than", 16) == 0)
			return circle_ics_error(x, circle_ics_line_of(ev,
			    ICAL_RRULE_PROPERTY), 1, e, "RRULE: more than %d "
			    "sessions%s%s; give %s --until",
			    CIRCLE_MAX_OCCURRENCES, *through != '\0' ?
			    " through " : "", through, *through != '\0' ?
			    "an earlier" : "a date with");
		return circle_err_prefix(e, "%s:%zu:1", x->name,
		    circle_ics_line_of(ev, ICAL_RRULE_PROPERTY));
	}
	for (i = 0; i < ev->nrdate; i++)
		if (circle_ics_when_local(&ev->rdate[i], tz, tz, l) == 0 &&
		    circle_ics_within(l, through) && !in_strv(exd->v, l))
			strv_add(v, l);
	for (i = 0; i < ev->noverrides; i++)
		if (!ev->overrides[i]->skip &&
		    ev->overrides[i]->problem == NULL &&
		    circle_ics_when_local(&ev->overrides[i]->rid, tz, tz,
		    l) == 0 && circle_ics_within(l, through))
			strv_add(v, l);
	strv_uniq(v);
	x->made += v->n;
	if (x->made > MAX_SESSIONS || x->spent > EXPAND_BUDGET)
		return circle_err_set(e, CIRCLE_EDATA, "%s: more sessions than "
		    "one import makes (%d) or rules too slow to expand; give "
		    "an earlier --until or split the file", x->name,
		    MAX_SESSIONS);
	return 0;
}
