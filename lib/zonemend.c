/*
 * zonemend.c: libical's built-in zones, mended where they are wrong.
 * libical builds a zone from the system's tzdata: its changes to 2037
 * one by one, then the rule tzdata gives for the years after, which
 * libical reads from a POSIX TZ string.  It misreads one with half an
 * hour and summer time left to be an hour on, "NST3:30NDT,M3.2.0,
 * M11.1.0": America/St_Johns from 2038 is at -01:30 in summer, not
 * -02:30, from 01:00, not 02:00.  The rule to 2037 and the rule after
 * are the same rule (libical writes it twice, with an UNTIL and without
 * one): where their offsets or time of day differ, the first is right.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"

/* A zone mended, kept for the life of the program as libical's are. */
struct mended {
	icaltimezone	*from;
	icaltimezone	*z;
	struct mended	*next;
};

/* An observance's TZOFFSETFROM or TZOFFSETTO, in seconds (0: none). */
static int
offset(icalcomponent *ob, icalproperty_kind kind)
{
	icalproperty	*p;

	if ((p = icalcomponent_get_first_property(ob, kind)) == NULL)
		return 0;
	return kind == ICAL_TZOFFSETFROM_PROPERTY ?
	    icalproperty_get_tzoffsetfrom(p) : icalproperty_get_tzoffsetto(p);
}

/*
 * The open-ended observance of a kind in vtz, given the offsets and time
 * of day of the one with the same rule to 2037 where they differ.
 * Returns 1 when it was changed.
 */
static int
mend_kind(icalcomponent *vtz, icalcomponent_kind kind)
{
	struct icaltimetype	 da, db, until;
	icalcomponent		*c, *last = NULL, *open = NULL;
	char			*rl = NULL, *ro = NULL, *r;
	int			 changed = 0;

	/* The last bounded observance (by DTSTART) and the open one. */
	for (c = icalcomponent_get_first_component(vtz, kind); c != NULL;
	    c = icalcomponent_get_next_component(vtz, kind)) {
		if ((r = circle_ics_rule_sans_until(c, &until)) == NULL)
			continue;
		if (icaltime_is_null_time(until)) {
			free(ro);
			ro = r;
			open = c;
		} else if (last == NULL || icaltime_compare(
		    icalcomponent_get_dtstart(c),
		    icalcomponent_get_dtstart(last)) > 0) {
			free(rl);
			rl = r;
			last = c;
		} else
			free(r);
	}
	if (last == NULL || open == NULL || strcmp(rl, ro) != 0)
		goto out;
	da = icalcomponent_get_dtstart(last);
	db = icalcomponent_get_dtstart(open);
	if (offset(last, ICAL_TZOFFSETFROM_PROPERTY) !=
	    offset(open, ICAL_TZOFFSETFROM_PROPERTY) ||
	    offset(last, ICAL_TZOFFSETTO_PROPERTY) !=
	    offset(open, ICAL_TZOFFSETTO_PROPERTY) ||
	    da.hour != db.hour || da.minute != db.minute) {
		icalproperty_set_tzoffsetfrom(icalcomponent_get_first_property(
		    open, ICAL_TZOFFSETFROM_PROPERTY),
		    offset(last, ICAL_TZOFFSETFROM_PROPERTY));
		icalproperty_set_tzoffsetto(icalcomponent_get_first_property(
		    open, ICAL_TZOFFSETTO_PROPERTY),
		    offset(last, ICAL_TZOFFSETTO_PROPERTY));
		db.hour = da.hour;
		db.minute = da.minute;
		db.second = da.second;
		icalcomponent_set_dtstart(open, db);
		changed = 1;
	}
out:
	free(rl);
	free(ro);
	return changed;
}

/*
 * Whether an open-ended observance of vtz disagrees with the rule before
 * it, without changing vtz: the one test every zone looked up goes
 * through, so that only a zone that needs it is copied.
 */
static int
needs_mending(icalcomponent *vtz)
{
	icalcomponent	*c;
	int		 n;

	c = icalcomponent_new_clone(vtz);
	n = mend_kind(c, ICAL_XSTANDARD_COMPONENT) +
	    mend_kind(c, ICAL_XDAYLIGHT_COMPONENT);
	icalcomponent_free(c);
	return n > 0;
}

/*
 * z, or a copy of it with its rule after 2037 mended.  Each zone is
 * looked at once; a mended one is kept and given again.
 */
icaltimezone *
circle_zone_mended(icaltimezone *z)
{
	static struct mended	*list;
	static icaltimezone	*sound[64];
	static unsigned int	 nsound;
	struct mended		*m;
	icalcomponent		*vtz, *c;
	size_t			 i;

	if (z == NULL)
		return NULL;
	for (m = list; m != NULL; m = m->next)
		if (m->from == z)
			return m->z;
	for (i = 0; i < nsound && i < sizeof sound / sizeof sound[0]; i++)
		if (sound[i] == z)
			return z;
	if ((vtz = icaltimezone_get_component(z)) == NULL ||
	    !needs_mending(vtz)) {
		sound[nsound++ % (sizeof sound / sizeof sound[0])] = z;
		return z;
	}
	c = icalcomponent_new_clone(vtz);
	mend_kind(c, ICAL_XSTANDARD_COMPONENT);
	mend_kind(c, ICAL_XDAYLIGHT_COMPONENT);
	m = circle_xmalloc(sizeof *m);
	m->from = z;
	m->z = icaltimezone_new();
	icaltimezone_set_component(m->z, c);
	m->next = list;
	list = m;
	return m->z;
}
