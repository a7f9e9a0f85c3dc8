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
 * And the rules libical finds in the changes leave some out: Easter
 * Island's summers of 2020-21 and 2021-22, Jerusalem's of 2013 to 2016,
 * Tehran's of 2018 and 2019, London's of 1977 (93 zones since 1970, by
 * tzdata 2025b).  Such a zone's changes to the end of the last year it
 * has wrong are tzdata's own, one by one (tzif.c); its rules after are
 * libical's, so that calendars still carry them as rules.
 */
#include "config.h"

#include <stdint.h>
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

/* The year (UTC) of a time in seconds since 1970. */
static int
year_of(int64_t at)
{
	return icaltime_from_timet_with_zone((time_t)at, 0,
	    icaltimezone_get_utc_timezone()).year;
}

/* z's offset at a time in seconds since 1970. */
static int
offset_at(icaltimezone *z, int64_t at)
{
	struct icaltimetype	t;
	int			dst;

	t = icaltime_from_timet_with_zone((time_t)at, 0,
	    icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(z, &t, &dst);
}

/*
 * The year of the last of tzdata's changes since 1970 (to 2037: libical
 * reads no further) that z has not, at the second before it or at it;
 * 0 when z has them all.
 */
static int
last_wrong(icaltimezone *z, const struct circle_tzif *t)
{
	size_t	i;
	int	year = 0;

	for (i = 0; i < t->n; i++)
		if (t->change[i].at >= 0 && t->change[i].at < INT32_MAX &&
		    (offset_at(z, t->change[i].at - 1) != t->change[i].from ||
		    offset_at(z, t->change[i].at) != t->change[i].to))
			year = year_of(t->change[i].at);
	return year;
}

/*
 * A change of tzdata's in vtz: an RDATE of the observance of its offsets
 * and name, or a new observance; obs holds those made so far, by change.
 */
static void
add_change(icalcomponent *vtz, const struct circle_tzif_change *ch,
    icalcomponent **obs, const struct circle_tzif_change **key, size_t *n)
{
	struct icaldatetimeperiodtype	 rd;
	struct icaltimetype		 onset;
	icalcomponent			*c;
	size_t				 i;

	onset = icaltime_from_timet_with_zone((time_t)(ch->at + ch->from), 0,
	    NULL);
	for (i = 0; i < *n; i++)
		if (key[i]->from == ch->from && key[i]->to == ch->to &&
		    key[i]->dst == ch->dst && strcmp(key[i]->abbr,
		    ch->abbr) == 0) {
			memset(&rd, 0, sizeof rd);
			rd.time = onset;
			rd.period = icalperiodtype_null_period();
			icalcomponent_add_property(obs[i],
			    icalproperty_new_rdate(rd));
			return;
		}
	c = icalcomponent_new(ch->dst ? ICAL_XDAYLIGHT_COMPONENT :
	    ICAL_XSTANDARD_COMPONENT);
	icalcomponent_add_property(c, icalproperty_new_tzname(ch->abbr));
	icalcomponent_add_property(c, icalproperty_new_tzoffsetfrom(ch->from));
	icalcomponent_add_property(c, icalproperty_new_tzoffsetto(ch->to));
	icalcomponent_add_property(c, icalproperty_new_dtstart(onset));
	icalcomponent_add_component(vtz, c);
	obs[*n] = c;
	key[(*n)++] = ch;
}

/*
 * vtz with tzdata's changes before the year after year, one by one, in
 * place of its own; its rules from then on are kept.
 */
static void
take_changes(icalcomponent *vtz, const struct circle_tzif *t, int year)
{
	const struct circle_tzif_change	**key;
	struct icaltimetype		  cut;
	icalcomponent			**obs;
	size_t				  i, n = 0;

	cut = icaltime_null_time();
	cut.year = year + 1;
	cut.month = cut.day = 1;
	cut.zone = icaltimezone_get_utc_timezone();
	icaltimezone_truncate_vtimezone(vtz, cut, icaltime_null_time(), 0);
	obs = circle_xmalloc((t->n + 1) * sizeof *obs);
	key = circle_xmalloc((t->n + 1) * sizeof *key);
	for (i = 0; i < t->n; i++)
		if (t->change[i].at > INT32_MIN &&
		    year_of(t->change[i].at) <= year)
			add_change(vtz, &t->change[i], obs, key, &n);
	free(obs);
	free(key);
}

/* A zone of its own for vtz (taken). */
static icaltimezone *
zone_of(icalcomponent *vtz)
{
	icaltimezone	*z = icaltimezone_new();

	icaltimezone_set_component(z, vtz);
	return z;
}

/*
 * z's VTIMEZONE with tzdata's changes where z leaves some out, or NULL
 * when it has them all (or the system's file cannot be read).  The one
 * mended is checked in its turn: NULL if it too is wrong.
 */
static icalcomponent *
tzdata_mended(icaltimezone *z, icalcomponent *vtz)
{
	struct circle_tzif	 t;
	const char		*loc = icaltimezone_get_location(z);
	char			*path;
	icalcomponent		*c = NULL;
	icaltimezone		*m;
	int			 year;

	if (loc == NULL || icaltzutil_get_zone_directory() == NULL)
		return NULL;
	circle_xasprintf(&path, "%s/%s", icaltzutil_get_zone_directory(),
	    loc);
	if (circle_tzif_read(path, &t) == 0 && (year = last_wrong(z,
	    &t)) != 0) {
		c = icalcomponent_new_clone(vtz);
		take_changes(c, &t, year);
		m = zone_of(icalcomponent_new_clone(c));
		if (last_wrong(m, &t) != 0) {
			icalcomponent_free(c);
			c = NULL;
		}
		icaltimezone_free(m, 1);
	}
	circle_tzif_release(&t);
	free(path);
	return c;
}

/*
 * z, or a copy of it mended: its rule after 2037, and its changes where
 * libical's rules leave tzdata's out.  Each zone is looked at once; a
 * mended one is kept and given again.
 */
icaltimezone *
circle_zone_mended(icaltimezone *z)
{
	static struct mended	*list;
	static icaltimezone	*sound[64];
	static unsigned int	 nsound;
	struct mended		*m;
	icalcomponent		*vtz, *c = NULL, *d;
	icaltimezone		*after;
	size_t			 i;

	if (z == NULL)
		return NULL;
	for (m = list; m != NULL; m = m->next)
		if (m->from == z)
			return m->z;
	for (i = 0; i < nsound && i < sizeof sound / sizeof sound[0]; i++)
		if (sound[i] == z)
			return z;
	if ((vtz = icaltimezone_get_component(z)) == NULL) {
		sound[nsound++ % (sizeof sound / sizeof sound[0])] = z;
		return z;
	}
	if (needs_mending(vtz)) {
		c = icalcomponent_new_clone(vtz);
		mend_kind(c, ICAL_XSTANDARD_COMPONENT);
		mend_kind(c, ICAL_XDAYLIGHT_COMPONENT);
	}
	after = c != NULL ? zone_of(icalcomponent_new_clone(c)) : z;
	d = tzdata_mended(after, c != NULL ? c : vtz);
	if (after != z)
		icaltimezone_free(after, 1);
	if (d != NULL) {
		if (c != NULL)
			icalcomponent_free(c);
		c = d;
	}
	if (c == NULL) {
		sound[nsound++ % (sizeof sound / sizeof sound[0])] = z;
		return z;
	}
	m = circle_xmalloc(sizeof *m);
	m->from = z;
	m->z = zone_of(c);
	m->next = list;
	list = m;
	return m->z;
}
