/*
 * icsoffsets.c: a zone's offsets from UTC over the span an import reads,
 * as a list of changes: from a VTIMEZONE's observances, and how far apart
 * two such lists are.  icszone.c matches a calendar's TZIDs by them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"
#include "recur.h"

#define DAY		86400LL

/* Seconds since 1970 of a wall time read as if it were UTC. */
long long
circle_ics_wall_seconds(struct icaltimetype t)
{
	return circle_day_number(t.year, t.month, t.day) * DAY +
	    (t.is_date ? 0 : t.hour * 3600 + t.minute * 60 + t.second);
}

void
circle_ics_offsets_release(struct offsets *o)
{
	free(o->step);
	memset(o, 0, sizeof *o);
}

void
circle_ics_offsets_add(struct offsets *o, long long at, int from, int to)
{
	o->step = circle_xgrow(o->step, o->n, sizeof *o->step);
	o->step[o->n].at = at;
	o->step[o->n].from = from;
	o->step[o->n++].to = to;
}

static int
step_cmp(const void *a, const void *b)
{
	const struct step	*p = a, *q = b;

	return p->at < q->at ? -1 : p->at > q->at;
}

/*
 * Make a zone's list of onsets (all of them, in order) into its offset
 * at start and the changes in (start, end].
 */
static void
offsets_clip(struct offsets *o)
{
	struct step	*all = o->step;
	size_t		 n = o->n, i;
	int		 cur;

	if (n > 1)
		qsort(all, n, sizeof *all, step_cmp);
	cur = n > 0 ? all[0].from : 0;
	for (i = 0; i < n && all[i].at <= o->start; i++)
		cur = all[i].to;
	o->first = cur;
	o->step = NULL;
	o->n = 0;
	for (; i < n && all[i].at <= o->end; i++) {
		if (all[i].to != cur)
			circle_ics_offsets_add(o, all[i].at, cur, all[i].to);
		cur = all[i].to;
	}
	free(all);
}

/*
 * How far apart two zones are over [start, end): the seconds their
 * offsets differ, each weighed by the minutes of the difference.
 */
long long
circle_ics_offsets_apart(const struct offsets *a, const struct offsets *b)
{
	long long	 t = a->start, next, apart = 0;
	size_t		 i = 0, j = 0;
	int		 oa = a->first, ob = b->first;

	while (t < a->end) {
		next = a->end;
		if (i < a->n && a->step[i].at < next)
			next = a->step[i].at;
		if (j < b->n && b->step[j].at < next)
			next = b->step[j].at;
		if (oa != ob)
			apart += (next - t) * (oa > ob ? oa - ob : ob - oa) / 60;
		while (i < a->n && a->step[i].at <= next)
			oa = a->step[i++].to;
		while (j < b->n && b->step[j].at <= next)
			ob = b->step[j++].to;
		t = next;
	}
	return apart;
}

/* The fewest days of the months a yearly rule names (February: 28). */
static int
rule_month_days(const struct icalrecurrencetype *r)
{
	static const int	 days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int			 i, least = 31;

	for (i = 0; i < ICAL_BY_MONTH_SIZE &&
	    r->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (r->by_month[i] >= 1 && r->by_month[i] <= 12 &&
		    days[r->by_month[i] - 1] < least)
			least = days[r->by_month[i] - 1];
	return least;
}

/*
 * Whether an observance's rule is one of the yearly kind zones use, that
 * libical expands at once: a month, and an nth weekday or a day each of
 * its months has, or seven month days and a weekday ("BYMONTHDAY=8,...,
 * 14;BYDAY=SU", Greenland's "BYMONTHDAY=24,...,30;BYDAY=SA;BYMONTH=3"),
 * or no day but DTSTART's (day), as libical writes Pakistan's 2008-09
 * rule.  libical searches centuries for a rule that never comes.
 */
static int
yearly_rule(const struct icalrecurrencetype *r, int day)
{
	int	i, n, days = 0, least;

	if (r->freq != ICAL_YEARLY_RECURRENCE || r->interval < 1 ||
	    r->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX)
		return 0;
	least = rule_month_days(r);
	for (i = 0; i < ICAL_BY_MONTHDAY_SIZE &&
	    r->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++, days++)
		if (r->by_month_day[i] < -least ||
		    r->by_month_day[i] > least || r->by_month_day[i] == 0)
			return 0;
	for (i = 0; i < ICAL_BY_DAY_SIZE &&
	    r->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
		n = icalrecurrencetype_day_position(r->by_day[i]);
		if (n > 4 || n < -1 || (n != 0 && days > 0) ||
		    (n == 0 && days < 7))
			return 0;
	}
	return i > 0 || days > 0 || (day >= 1 && day <= least);
}

/*
 * The onsets of one STANDARD or DAYLIGHT observance through o->end.  A
 * rule of libical's own zones (trusted) is expanded whatever its shape:
 * it has an UNTIL, or is tzdata's rule for the years after, and libical
 * writes some as the days they fell on ("BYMONTHDAY=5,6,8,11;BYDAY=SU",
 * Chile's September of 2019 to 2022).
 */
static void
observance_onsets(icalcomponent *c, struct offsets *o, int trusted)
{
	icalproperty		*p;
	icalrecur_iterator	*it;
	struct icalrecurrencetype r;
	struct icaltimetype	 start, t;
	long long		 at;
	int			 from, to, k;

	if ((p = icalcomponent_get_first_property(c,
	    ICAL_TZOFFSETFROM_PROPERTY)) == NULL)
		return;
	from = icalproperty_get_tzoffsetfrom(p);
	if ((p = icalcomponent_get_first_property(c,
	    ICAL_TZOFFSETTO_PROPERTY)) == NULL)
		return;
	to = icalproperty_get_tzoffsetto(p);
	if ((p = icalcomponent_get_first_property(c,
	    ICAL_DTSTART_PROPERTY)) == NULL)
		return;
	start = icalproperty_get_dtstart(p);
	if (icaltime_is_null_time(start) || start.year < 1)
		return;
	circle_ics_offsets_add(o, circle_ics_wall_seconds(start) - from, from,
	    to);
	for (p = icalcomponent_get_first_property(c, ICAL_RDATE_PROPERTY);
	    p != NULL && o->n < MAX_ONSETS;
	    p = icalcomponent_get_next_property(c, ICAL_RDATE_PROPERTY)) {
		t = icalproperty_get_rdate(p).time;
		if (!icaltime_is_null_time(t))
			circle_ics_offsets_add(o,
			    circle_ics_wall_seconds(t) - from, from, to);
	}
	for (p = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY);
	    p != NULL; p = icalcomponent_get_next_property(c,
	    ICAL_RRULE_PROPERTY)) {
		r = icalproperty_get_rrule(p);
		/*
		 * An UNTIL in UTC is the last onset's moment; the rule runs
		 * in wall time before the change (libical's own expansion of
		 * a zone reads it so): 2009-10-31 18:00Z is 2009-11-01 00:00
		 * at +06:00, Pakistan's last change back.
		 */
		if (!icaltime_is_null_time(r.until) &&
		    icaltime_is_utc(r.until) && !r.until.is_date) {
			/*
			 * libical's UNTIL is its rule's last onset: one that
			 * ended before the span adds that alone, so that a
			 * zone's history is not expanded rule by rule.
			 */
			at = circle_ics_wall_seconds(r.until);
			if (trusted && at <= o->start) {
				circle_ics_offsets_add(o, at, from, to);
				continue;
			}
			icaltime_adjust(&r.until, 0, 0, 0, from);
			r.until.zone = NULL;
		}
		if ((!trusted && !yearly_rule(&r, start.day)) ||
		    (it = icalrecur_iterator_new(r, start)) == NULL)
			continue;
		for (k = 0; o->n < MAX_ONSETS; k++) {
			t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t) ||
			    (at = circle_ics_wall_seconds(t) - from) > o->end)
				break;
			if (k > 0 || at != o->step[o->n - 1].at)
				circle_ics_offsets_add(o, at, from, to);
		}
		icalrecur_iterator_free(it);
	}
}

/* A VTIMEZONE's offsets over [o->start, o->end]; -1 if it has none. */
int
circle_ics_vtimezone_offsets(const char *text, struct offsets *o)
{
	icalcomponent	*root, *c;
	icalcomponent_kind k;

	if ((root = icalparser_parse_string(text)) == NULL)
		return -1;
	if (icalcomponent_isa(root) == ICAL_VTIMEZONE_COMPONENT)
		for (c = icalcomponent_get_first_component(root,
		    ICAL_ANY_COMPONENT); c != NULL;
		    c = icalcomponent_get_next_component(root,
		    ICAL_ANY_COMPONENT)) {
			k = icalcomponent_isa(c);
			if (k == ICAL_XSTANDARD_COMPONENT ||
			    k == ICAL_XDAYLIGHT_COMPONENT)
				observance_onsets(c, o, 0);
		}
	icalcomponent_free(root);
	if (o->n == 0)
		return -1;
	offsets_clip(o);
	return 0;
}

/*
 * An IANA zone's offsets over [o->start, o->end], as circle converts its
 * times (mended: circle_zone), or as libical built the zone: from the
 * system's tzdata in both, not ICU's, whose tzdata may be years older
 * (ICU 72's is 2022e: Mexico City still in summer time, Greenland at
 * -03).  -1 if the zone is unknown.
 */
int
circle_ics_zone_offsets(const char *name, int mended, struct offsets *o)
{
	icaltimezone		*z;
	icalcomponent		*vtz, *c;
	icalcomponent_kind	 k;

	if ((z = mended ? circle_zone(name) : circle_zone_as_built(name)) ==
	    NULL)
		return -1;
	if (z == icaltimezone_get_utc_timezone()) {
		o->first = 0;
		return 0;
	}
	if ((vtz = icaltimezone_get_component(z)) == NULL)
		return -1;
	for (c = icalcomponent_get_first_component(vtz, ICAL_ANY_COMPONENT);
	    c != NULL; c = icalcomponent_get_next_component(vtz,
	    ICAL_ANY_COMPONENT)) {
		k = icalcomponent_isa(c);
		if (k == ICAL_XSTANDARD_COMPONENT ||
		    k == ICAL_XDAYLIGHT_COMPONENT)
			observance_onsets(c, o, 1);
	}
	if (o->n == 0)
		return -1;
	offsets_clip(o);
	return 0;
}

/*
 * Whether minutes is a zone's offset outside summer time at some time of
 * the year from now, by libical's zone from the system's tzdata: a
 * Windows display name's "(UTC-02:00)" of Greenland, which ICU 72 still
 * has at -03.
 */
int
circle_ics_zone_standard(const char *name, int minutes)
{
	struct icaltimetype	 t;
	icaltimezone		*z;
	int			 i, dst;

	if ((z = circle_zone(name)) == NULL)
		return 0;
	t = icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	for (i = 0; i <= 12; i++) {
		if (icaltimezone_get_utc_offset_of_utc_time(z, &t, &dst) ==
		    minutes * 60 && !dst)
			return 1;
		icaltime_adjust(&t, 30, 0, 0, 0);
	}
	return 0;
}
