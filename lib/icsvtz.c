/*
 * icsvtz.c: the VTIMEZONE an exported calendar gives a zone.  libical's
 * has the zone's whole history; the export's has its rules from its first
 * event on, in the shape Outlook and Google write, each form proved
 * against the zone before it is used.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

/*
 * An observance's RRULE without its UNTIL, as text (owned), or NULL; the
 * UNTIL in *until (a null time: none).  Here and for zonemend.c.
 */
char *
circle_ics_rule_sans_until(icalcomponent *ob, struct icaltimetype *until)
{
	struct icalrecurrencetype	 r;
	icalproperty			*p;

	if ((p = icalcomponent_get_first_property(ob,
	    ICAL_RRULE_PROPERTY)) == NULL)
		return NULL;
	r = icalproperty_get_rrule(p);
	*until = r.until;
	r.until = icaltime_null_time();
	return icalrecurrencetype_as_string_r(&r);
}

/* Whether two observances have the same offsets and name. */
static int
same_offsets(icalcomponent *a, icalcomponent *b)
{
	static const icalproperty_kind	 kinds[] = { ICAL_TZOFFSETFROM_PROPERTY,
	    ICAL_TZOFFSETTO_PROPERTY, ICAL_TZNAME_PROPERTY };
	icalproperty			*pa, *pb;
	size_t				 i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		pa = icalcomponent_get_first_property(a, kinds[i]);
		pb = icalcomponent_get_first_property(b, kinds[i]);
		if (pa == NULL || pb == NULL)
			return pa == pb;
		if (strcmp(icalproperty_get_value_as_string(pa),
		    icalproperty_get_value_as_string(pb)) != 0)
			return 0;
	}
	return 1;
}

/*
 * libical's zones write a rule twice: to an UNTIL in 2036-37, then again
 * from the year after with no end.  The second goes, the first is kept
 * with no end: one STANDARD and one DAYLIGHT, as Outlook and Google write
 * a zone.
 */
static void
join_rules(icalcomponent *vtz, icalcomponent_kind kind)
{
	struct icaltimetype	 ua, ub;
	icalcomponent		*c, **obs = NULL;
	icalproperty		*p;
	char			*ra, *rb;
	size_t			 n = 0, i, j;
	int			 join;

	/* Gathered first: the loops below would share vtz's iterator. */
	for (c = icalcomponent_get_first_component(vtz, kind); c != NULL;
	    c = icalcomponent_get_next_component(vtz, kind)) {
		obs = circle_xgrow(obs, n, sizeof *obs);
		obs[n++] = c;
	}
	for (i = 0; i < n; i++) {
		if (obs[i] == NULL || (ra = circle_ics_rule_sans_until(obs[i], &ua)) ==
		    NULL)
			continue;
		for (j = 0; j < n && !icaltime_is_null_time(ua); j++) {
			if (j == i || obs[j] == NULL ||
			    (rb = circle_ics_rule_sans_until(obs[j], &ub)) == NULL)
				continue;
			join = icaltime_is_null_time(ub) &&
			    strcmp(ra, rb) == 0 && same_offsets(obs[i], obs[j]) &&
			    icalcomponent_get_dtstart(obs[j]).year ==
			    ua.year + 1;
			free(rb);
			if (!join)
				continue;
			icalcomponent_remove_component(vtz, obs[j]);
			icalcomponent_free(obs[j]);
			obs[j] = NULL;
			p = icalcomponent_get_first_property(obs[i],
			    ICAL_RRULE_PROPERTY);
			icalproperty_set_rrule(p,
			    icalrecurrencetype_from_string(ra));
			break;
		}
		free(ra);
	}
	free(obs);
}

/*
 * Whether vtz gives the offsets of zone z, twice a day from a day before
 * first to a year after last: a truncation that lost the rule in force
 * when it begins (libical's, in Outlook's form, can) is caught.
 */
static int
zone_agrees(icalcomponent *vtz, icaltimezone *z, struct icaltimetype first,
    struct icaltimetype last)
{
	struct icaltimetype	 t = first;
	icaltimezone		*got = icaltimezone_new();
	int			 dst, ok = 1;

	icaltimezone_set_component(got, icalcomponent_new_clone(vtz));
	icaltime_adjust(&t, -1, 0, 0, 0);
	icaltime_adjust(&last, 366, 0, 0, 0);
	for (; ok && icaltime_compare(t, last) <= 0;
	    icaltime_adjust(&t, 0, 12, 0, 0))
		ok = icaltimezone_get_utc_offset_of_utc_time(got, &t, &dst) ==
		    icaltimezone_get_utc_offset_of_utc_time(z, &t, &dst);
	icaltimezone_free(got, 1);
	return ok;
}

/*
 * A zone's VTIMEZONE for events from first to last: its rules from the
 * day before first on, one STANDARD and one DAYLIGHT where the zone has
 * kept its rules since, as Outlook and Google write one.  libical's whole
 * history of a zone, back to 1847, is 70 rules, some readers taking the
 * first.  Each form is proved against the zone, the next tried if it
 * fails: Outlook's (RRULEs from their first year), then one that begins
 * each rule at first, then the whole history.  Its TZID is the zone's
 * name, not libical's with its prefix.
 */
icalcomponent *
circle_ics_vtimezone(const char *tzid, struct icaltimetype first,
    struct icaltimetype last)
{
	struct icaltimetype	 from = first;
	icaltimezone		*z;
	icalcomponent		*whole, *c = NULL;
	icalproperty		*p;
	int			 ms;

	if ((z = circle_zone(tzid)) == NULL ||
	    (whole = icaltimezone_get_component(z)) == NULL)
		return NULL;
	icaltime_adjust(&from, -1, 0, 0, 0);
	for (ms = 1; ms >= 0 && !icaltime_is_null_time(first); ms--) {
		c = icalcomponent_new_clone(whole);
		icaltimezone_truncate_vtimezone(c, from, icaltime_null_time(),
		    ms);
		join_rules(c, ICAL_XSTANDARD_COMPONENT);
		join_rules(c, ICAL_XDAYLIGHT_COMPONENT);
		if (zone_agrees(c, z, first, last))
			break;
		icalcomponent_free(c);
		c = NULL;
	}
	if (c == NULL)
		c = icalcomponent_new_clone(whole);
	if ((p = icalcomponent_get_first_property(c,
	    ICAL_TZID_PROPERTY)) != NULL)
		icalproperty_set_tzid(p, tzid);
	return c;
}

/*
 * Another VTIMEZONE of vtz's TZID in its calendar whose offsets from
 * start to end are not vtz's (two invitations' zones pasted into one
 * file, one written before the country changed its rules): the first,
 * or NULL.  The same zone written twice is none.
 */
const struct zone_alias *
circle_ics_vtimezone_other(const struct imp *x, const struct zone_alias *vtz,
    long long start, long long end)
{
	const struct zone_alias	*z, *other = NULL;
	struct offsets		 a, b;
	size_t			 i;

	memset(&a, 0, sizeof a);
	a.start = start;
	a.end = end;
	if (circle_ics_vtimezone_offsets(vtz->text, &a) == -1) {
		circle_ics_offsets_release(&a);
		return NULL;
	}
	for (i = 0; i < x->nzones && other == NULL; i++) {
		z = &x->zones[i];
		if (z == vtz || z->cal != vtz->cal || z->tzid == NULL ||
		    z->text == NULL || strcmp(z->tzid, vtz->tzid) != 0 ||
		    strcmp(z->text, vtz->text) == 0)
			continue;
		memset(&b, 0, sizeof b);
		b.start = start;
		b.end = end;
		if (circle_ics_vtimezone_offsets(z->text, &b) == 0 &&
		    circle_ics_offsets_apart(&a, &b) != 0)
			other = z;
		circle_ics_offsets_release(&b);
	}
	circle_ics_offsets_release(&a);
	return other;
}
