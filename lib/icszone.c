/*
 * icszone.c: the zone a calendar's TZID names.  An IANA name in any case;
 * a Windows name, through CLDR's windowsZones table as ICU ships it; the
 * file's own VTIMEZONE, matched to the IANA zone with the same offsets over
 * the span the import reads; a fixed offset as Etc/GMT-N.  Each TZID is
 * read once an import, and a name that is not IANA's gets a note.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <libical/ical.h>
#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>

#include "circle-priv.h"
#include "icsimport.h"
#include "recur.h"

#define DAY		86400LL
#define NCLOSEST	3
#define UNKNOWN		"not a time zone circle knows"

struct near {
	char		 name[64];
	long long	 apart;
};

/* --- IANA zones, through ICU --- */

void
circle_ics_zone_uchars(const char *s, UChar *u, int32_t size)
{
	UErrorCode	st = U_ZERO_ERROR;

	u_strFromUTF8(u, size, NULL, s, -1, &st);
	if (U_FAILURE(st))
		u[0] = 0;
}

/* A Gregorian calendar in an IANA zone, now; NULL if ICU has none. */
UCalendar *
circle_ics_zone_calendar(const char *name)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	UChar		 u[80];

	circle_ics_zone_uchars(name, u, 80);
	if ((cal = ucal_open(u, -1, "", UCAL_GREGORIAN, &st)) == NULL ||
	    U_FAILURE(st)) {
		if (cal != NULL)
			ucal_close(cal);
		return NULL;
	}
	return cal;
}

/*
 * How far an IANA zone is from a VTIMEZONE's offsets; -1: unknown.  The
 * zone as circle converts by it, or as libical built it (as_built: fast
 * enough to go through every zone, and wrong only for years in the past,
 * zonemend.c).
 */
static long long
zone_apart(const char *name, const struct offsets *file, int as_built)
{
	struct offsets	o;
	long long	apart;

	memset(&o, 0, sizeof o);
	o.start = file->start;
	o.end = file->end;
	if (!circle_tz_valid(name) || circle_ics_zone_offsets(name, !as_built,
	    &o) == -1) {
		circle_ics_offsets_release(&o);
		return -1;
	}
	apart = circle_ics_offsets_apart(file, &o);
	circle_ics_offsets_release(&o);
	return apart;
}

long long
circle_ics_iana_apart(const char *name, const struct offsets *file)
{
	return zone_apart(name, file, 0);
}

/*
 * The IANA name spelled as s is in any case, or NULL; an old name is the
 * zone it is another name of now (US/Eastern, EST5EDT: America/New_York;
 * Europe/Kiev: Europe/Kyiv), as a group's zone is given.
 */
static char *
iana_name(const char *s)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UEnumeration	*en;
	const char	*id;
	char		*found = NULL;

	/* "/Europe/London": a prefix's slash (libical_alias), no name. */
	if (*s == '/')
		return NULL;
	if ((id = circle_zone_alias(s)) != NULL ||
	    (id = circle_zone_current(s)) != s)
		return circle_xstrdup(id);
	if (circle_tz_valid(s))
		return circle_xstrdup(s);
	if ((en = ucal_openTimeZones(&st)) == NULL)
		return NULL;
	while (found == NULL && (id = uenum_next(en, NULL, &st)) != NULL &&
	    U_SUCCESS(st))
		if (strcasecmp(id, s) == 0 && circle_tz_valid(id))
			found = circle_xstrdup(id);
	uenum_close(en);
	if (found != NULL && (id = circle_zone_current(found)) != found) {
		id = circle_xstrdup(id);
		free(found);
		found = (char *)id;
	}
	return found;
}

/*
 * The zone CLDR gives a Windows zone name for the world ("001"), in any
 * case and spacing (circle_zone_windows).
 */
char *
circle_ics_windows_name(const char *s)
{
	char	out[80];

	if (circle_zone_windows(s, out, sizeof out) == NULL ||
	    !circle_tz_valid(out))
		return NULL;
	return circle_xstrdup(out);
}

/*
 * A Windows name Outlook numbered when it met two zones of that name
 * ("Eastern Standard Time 1"): the zone of the name without the number.
 */
static char *
windows_numbered(const char *s)
{
	char	name[80];
	size_t	n;

	/* No Windows name is as long (a TZID is read to TZID_MAX). */
	if ((n = strlen(s)) >= sizeof name)
		return NULL;
	memcpy(name, s, n + 1);
	for (; n > 0 && isdigit((unsigned char)name[n - 1]); n--)
		;
	if (n == strlen(name) || n < 2 || name[n - 1] != ' ')
		return NULL;
	name[n - 1] = '\0';
	return circle_ics_windows_name(name);
}

/*
 * 2 if CLDR names this zone first for its Windows zone and the TZID
 * says that zone's name ("Eastern" of "Eastern Standard Time"), 1 if
 * CLDR names it first, else 0.
 */
int
circle_ics_iana_golden(const char *name, const char *tzid)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[80], win[80], back[80];
	char		 stem[80], *p;
	int32_t		 n;

	circle_ics_zone_uchars(name, u, 80);
	n = ucal_getWindowsTimeZoneID(u, -1, win, 80, &st);
	if (U_FAILURE(st) || n <= 0 || n >= 80)
		return 0;
	win[n] = 0;
	n = ucal_getTimeZoneIDForWindowsID(win, -1, "001", back, 80, &st);
	if (U_FAILURE(st) || n <= 0 || n >= 80 || u_strncmp(u, back, n) != 0 ||
	    u[n] != 0)
		return 0;
	u_strToUTF8(stem, sizeof stem, NULL, win, -1, &st);
	if (U_FAILURE(st) || (p = strstr(stem, " Standard Time")) == NULL)
		return 1;
	*p = '\0';
	for (; *tzid != '\0'; tzid++)
		if (strncasecmp(tzid, stem, strlen(stem)) == 0)
			return 2;
	return 1;
}

/* Whether c, a byte of folded text, is of a word (a letter or digit). */
static int
word_byte(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/*
 * Whether the city of an IANA zone is written in the TZID, folded
 * (circle_name_fold: "Ciudad Juárez" is Ciudad_Juarez's), as words of
 * its own: "Eastern" is no Easter Island, "Climax" no Lima.
 */
int
circle_ics_city_in(const char *name, const char *tzid)
{
	const char	*city = strrchr(name, '/'), *p;
	char		 words[64];
	size_t		 i, n;

	city = city != NULL ? city + 1 : name;
	n = strlen(city);
	if (n >= sizeof words || n < 3)
		return 0;
	for (i = 0; i <= n; i++)
		words[i] = city[i] == '_' ? ' ' : city[i];
	for (p = tzid; *p != '\0'; p++)
		if (strncasecmp(p, words, n) == 0 &&
		    (p == tzid || !word_byte(p[-1])) && !word_byte(p[n]))
			return 1;
	return 0;
}

/* --- Matching --- */

/* How far a rule may run past its first time, in seconds; -1: unbounded. */
static long long
rule_reach(struct icalrecurrencetype r, long long *until)
{
	long long	days;

	if (!icaltime_is_null_time(r.until)) {
		*until = circle_ics_wall_seconds(r.until);
		return 0;
	}
	if (r.count <= 0)
		return -1;
	days = r.freq == ICAL_YEARLY_RECURRENCE ? 366 :
	    r.freq == ICAL_MONTHLY_RECURRENCE ? 31 :
	    r.freq == ICAL_WEEKLY_RECURRENCE ? 7 : 1;
	return (long long)r.count * (r.interval > 0 ? r.interval : 1) * days *
	    DAY;
}

/* Whether an event writes a time in this TZID. */
static int
event_uses(const struct event *ev, const char *tzid)
{
	icalparameter	*tz;
	size_t		 j;

	for (j = 0; j < ev->nprops; j++)
		if ((tz = icalproperty_get_first_parameter(ev->props[j].p,
		    ICAL_TZID_PARAMETER)) != NULL &&
		    icalparameter_get_tzid(tz) != NULL &&
		    strcmp(icalparameter_get_tzid(tz), tzid) == 0)
			return 1;
	return 0;
}

/* The time a property gives, as seconds of its wall time; 0: none. */
static int
prop_seconds(icalproperty *p, long long *s)
{
	icalvalue		*v = icalproperty_get_value(p);
	struct icaltimetype	 t;

	switch (icalproperty_isa(p)) {
	case ICAL_DTSTART_PROPERTY:
	case ICAL_DTEND_PROPERTY:
	case ICAL_RECURRENCEID_PROPERTY:
	case ICAL_EXDATE_PROPERTY:
	case ICAL_RDATE_PROPERTY:
		break;
	default:
		return 0;
	}
	if (v == NULL)
		return 0;
	if (icalvalue_isa(v) == ICAL_DATETIME_VALUE ||
	    icalvalue_isa(v) == ICAL_DATE_VALUE)
		t = icalvalue_get_datetime(v);
	else if (icalvalue_isa(v) == ICAL_DATETIMEPERIOD_VALUE)
		t = icalvalue_get_datetimeperiod(v).time;
	else
		return 0;
	if (icaltime_is_null_time(t))
		return 0;
	*s = circle_ics_wall_seconds(t);
	return 1;
}

/*
 * The span of the events that write times in this TZID, through the end
 * of their rules (a year and a bit from now for an unbounded one, or
 * --until), with a margin.
 */
void
circle_ics_imported_span(const struct imp *x, const char *tzid,
    long long *start, long long *end)
{
	const struct event	*ev;
	long long		 lo = -1, hi = -1, reach = 0, r, s;
	long long		 now = (long long)time(NULL), horizon;
	size_t			 i, j;
	int			 y, m, d;

	horizon = now + 400 * DAY;
	if (x->o != NULL && x->o->until != NULL &&
	    sscanf(x->o->until, "%d-%d-%d", &y, &m, &d) == 3)
		horizon = circle_day_number(y, m, d) * DAY;

	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if (ev->cal != x->cal || !event_uses(ev, tzid))
			continue;
		for (j = 0; j < ev->nprops; j++) {
			if (icalproperty_isa(ev->props[j].p) ==
			    ICAL_RRULE_PROPERTY) {
				s = -1;
				r = rule_reach(icalproperty_get_rrule(
				    ev->props[j].p), &s);
				if (r == -1)
					s = horizon;
				reach = r > reach ? r : reach;
			} else if (!prop_seconds(ev->props[j].p, &s))
				continue;
			if (s != -1 && (lo == -1 || s < lo))
				lo = s;
			hi = s > hi ? s : hi;
		}
	}
	if (lo == -1) {
		lo = now - 366 * DAY;
		hi = now + 366 * DAY;
	}
	hi = hi > lo + reach ? hi : lo + reach;
	*start = lo - 2 * DAY;
	*end = hi + 2 * DAY;
}

/* Keep the NCLOSEST zones nearest a VTIMEZONE, nearest first. */
static void
keep_near(struct near *near, const char *name, long long apart)
{
	int	i, j;

	for (i = 0; i < NCLOSEST; i++)
		if (near[i].name[0] == '\0' || apart < near[i].apart)
			break;
	if (i == NCLOSEST)
		return;
	for (j = NCLOSEST - 1; j > i; j--)
		near[j] = near[j - 1];
	snprintf(near[i].name, sizeof near[i].name, "%s", name);
	near[i].apart = apart;
}

/*
 * The IANA zone with a VTIMEZONE's offsets (or a fixed offset's): one
 * whose city the TZID names, else the zone CLDR names first for a Windows
 * zone the TZID names, else one CLDR names first, else the first in ICU's
 * order.  None: *why says no zone has what, and names the closest.
 */
/*
 * nearest_iana's look through every zone of a place (circle_zone_places),
 * as libical built them (fast: zone_apart).  Of those with the offsets
 * over the span, one that has them over the year of wide too comes first
 * (a VTIMEZONE with summer time, a span in winter: Berlin, not Lagos).
 */
static void
nearest_pass(const char *tzid, const struct offsets *file,
    const struct offsets *wide, struct near *near, char **best)
{
	const char *const	*ids = circle_zone_places();
	char			*folded = circle_name_fold(tzid);
	long long		 apart;
	size_t			 i;
	int			 rank, best_rank = 0;

	memset(near, 0, NCLOSEST * sizeof *near);
	for (i = 0; ids[i] != NULL; i++) {
		if ((apart = zone_apart(ids[i], file, 1)) == -1)
			continue;
		if (apart > 0) {
			keep_near(near, ids[i], apart);
			continue;
		}
		rank = circle_ics_city_in(ids[i], folded) ? 4 :
		    circle_ics_iana_golden(ids[i], tzid) + 1;
		if (wide != NULL && zone_apart(ids[i], wide, 1) == 0)
			rank += 8;
		if (rank > best_rank) {
			free(*best);
			*best = circle_xstrdup(ids[i]);
			best_rank = rank;
		}
	}
	free(folded);
}

static char *
nearest_iana(const char *tzid, const struct offsets *file,
    const struct offsets *wide, const char *what, char **why)
{
	struct near	 near[NCLOSEST];
	char		*best = NULL, *r;
	int		 i;

	*why = NULL;
	nearest_pass(tzid, file, wide, near, &best);
	/* The closest as built may be the one, mended (Easter in 2020). */
	for (i = 0; best == NULL && i < NCLOSEST && near[i].name[0] != '\0';
	    i++)
		if (circle_ics_iana_apart(near[i].name, file) == 0)
			best = circle_xstrdup(near[i].name);
	if (best == NULL) {
		circle_xasprintf(why, "%s, and %s of no zone over the dates "
		    "imported", UNKNOWN, what);
		for (i = 0; i < NCLOSEST && near[i].name[0] != '\0'; i++) {
			circle_xasprintf(&r, "%s%s %s", *why,
			    i == 0 ? "; closest:" : ",", near[i].name);
			free(*why);
			*why = r;
		}
	}
	return best;
}

/* A zone named in the TZID itself: "custom_America/New_York". */
static char *
named_within(const char *tzid)
{
	const char	*p;
	char		*z;

	for (p = tzid + 1; *p != '\0'; p++)
		if (!isalnum((unsigned char)p[-1]) && isalpha((unsigned char)*p)
		    && strchr(p, '/') != NULL && (z = iana_name(p)) != NULL)
			return z;
	return NULL;
}

/*
 * The Etc zone of a fixed offset in whole hours, or NULL: east of
 * Greenwich is minus in these names (+01:00 is Etc/GMT-1).
 */
static char *
etc_zone(int offset)
{
	char	*z;

	if (offset % 3600 != 0 || offset < -12 * 3600 || offset > 14 * 3600)
		return NULL;
	if (offset == 0)
		return circle_xstrdup("Etc/GMT");
	circle_xasprintf(&z, "Etc/GMT%+d", -offset / 3600);
	return z;
}

/*
 * What an Etc zone of etc_zone's means, for a message, since its sign
 * reads the wrong way round: " (UTC-04:00 all year)"; else "".
 */
static void
etc_meaning(const char *zone, char *buf, size_t size)
{
	int	h;

	buf[0] = '\0';
	if (strncmp(zone, "Etc/GMT", 7) == 0 && (zone[7] == '+' ||
	    zone[7] == '-') && sscanf(zone + 8, "%d", &h) == 1)
		snprintf(buf, size, " (UTC%c%02d:00 all year)", zone[7] == '+' ?
		    '-' : '+', h);
}

static char	*offsets_zone_by(struct imp *, const char *,
		    const struct offsets *, const struct offsets *, const char *,
		    char **);

/*
 * The IANA zone with the offsets a TZID has over the dates imported (its
 * VTIMEZONE's, or a fixed offset's), or NULL with *why saying that no
 * zone has what (its VTIMEZONE's offsets, its offset).  wide, when not
 * NULL, is a VTIMEZONE's offsets over a year, where the dates imported
 * have no change in them: a zone that has them too is taken first, not a
 * fixed offset (a winter's event of Outlook's "Mitteleuropäische Zeit"
 * is Europe/Berlin, not Etc/GMT-1, which a session moved to summer would
 * be an hour out in).  When no zone has them (a VTIMEZONE's own hour of
 * change), the dates imported decide, as without wide.
 */
static char *
offsets_zone(struct imp *x, const char *tzid, const struct offsets *file,
    const struct offsets *wide, const char *what, char **why)
{
	char	*found;

	if (wide == NULL)
		return offsets_zone_by(x, tzid, file, NULL, what, why);
	if ((found = offsets_zone_by(x, tzid, file, wide, what, why)) != NULL &&
	    circle_ics_iana_apart(found, wide) == 0)
		return found;
	free(found);
	free(*why);
	*why = NULL;
	return offsets_zone_by(x, tzid, file, NULL, what, why);
}

/* offsets_zone, with the year wide first when it is not NULL. */
static char *
offsets_zone_by(struct imp *x, const char *tzid, const struct offsets *file,
    const struct offsets *wide, const char *what, char **why)
{
	char	*hint[3], *found = NULL;
	int	 i;

	/*
	 * Then the group's own zone: Outlook names the zone of every
	 * invitation it forwards "Customized Time Zone", and of the zones
	 * with New York's offsets, ICU's order puts America/Grand_Turk first.
	 */
	hint[0] = x->wrtz != NULL ? iana_name(x->wrtz) : NULL;
	hint[1] = named_within(tzid);
	hint[2] = x->gtz != NULL ? iana_name(x->gtz) : NULL;
	for (i = 0; i < 3; i++) {
		if (found == NULL && hint[i] != NULL &&
		    circle_ics_iana_apart(hint[i], file) == 0 &&
		    (wide == NULL || circle_ics_iana_apart(hint[i], wide) == 0))
			found = hint[i];
		else
			free(hint[i]);
	}
	if (found == NULL && file->n == 0 && wide == NULL)
		found = etc_zone(file->first);
	if (found == NULL)
		found = nearest_iana(tzid, file, wide, what, why);
	return found;
}

/* The file's VTIMEZONE for a TZID, matched to an IANA zone. */
static char *
vtimezone_zone(struct imp *x, const char *tzid, const struct zone_alias *z,
    char **why)
{
	struct offsets	 file, wide;
	char		*found;
	int		 year;

	memset(&file, 0, sizeof file);
	memset(&wide, 0, sizeof wide);
	circle_ics_imported_span(x, tzid, &file.start, &file.end);
	if (circle_ics_vtimezone_offsets(z->text, &file) == -1) {
		circle_xasprintf(why, "%s, and its VTIMEZONE gives no offsets",
		    UNKNOWN);
		return NULL;
	}
	/* No change over the dates imported: the VTIMEZONE's year. */
	wide.start = file.start;
	wide.end = file.start + 366 * DAY;
	year = file.n == 0 && file.end < wide.end &&
	    circle_ics_vtimezone_offsets(z->text, &wide) == 0 && wide.n > 0;
	found = offsets_zone(x, tzid, &file, year ? &wide : NULL,
	    "its VTIMEZONE has the offsets", why);
	circle_ics_offsets_release(&file);
	circle_ics_offsets_release(&wide);
	return found;
}

/*
 * A TZID that is a fixed offset alone, with no VTIMEZONE (Apple's
 * GMT+0100, Google's GMT+05:30): the zone with that offset over the dates
 * imported, as a VTIMEZONE of it would be read.
 */
static char *
fixed_zone(struct imp *x, const char *tzid, int minutes, char **why)
{
	struct offsets	file;

	memset(&file, 0, sizeof file);
	circle_ics_imported_span(x, tzid, &file.start, &file.end);
	file.first = minutes * 60;
	return offsets_zone(x, tzid, &file, NULL, "its offset is that", why);
}

/* What the existing rules say: the VTIMEZONE's X-LIC-LOCATION, a prefix. */
static char *
libical_alias(const struct imp *x, const char *tzid,
    const struct zone_alias **vtz)
{
	const char	*p;
	size_t		 i;

	*vtz = NULL;
	for (i = 0; i < x->nzones; i++)
		if (x->zones[i].cal == x->cal && x->zones[i].tzid != NULL &&
		    strcmp(x->zones[i].tzid, tzid) == 0) {
			*vtz = &x->zones[i];
			break;
		}
	if (*vtz != NULL && (*vtz)->location != NULL &&
	    circle_tz_valid((*vtz)->location))
		return circle_xstrdup((*vtz)->location);
	for (p = tzid; (p = strchr(p, '/')) != NULL; p++)
		if (strchr(p + 1, '/') != NULL && circle_tz_valid(p + 1))
			return circle_xstrdup(p + 1);
	return NULL;
}

/*
 * The name a TZID gives, without the spaces around it and Exchange's
 * "tzone://Microsoft/" (tzone://Microsoft/Utc is UTC).
 */
static void
tzid_name(const char *tzid, char *out, size_t size)
{
	static const char	ms[] = "tzone://Microsoft/";
	size_t			n;

	while (*tzid == ' ' || *tzid == '\t')
		tzid++;
	if (strncasecmp(tzid, ms, sizeof ms - 1) == 0)
		tzid += sizeof ms - 1;
	snprintf(out, size, "%s", tzid);
	for (n = strlen(out); n > 0 && (out[n - 1] == ' ' ||
	    out[n - 1] == '\t'); n--)
		out[n - 1] = '\0';
}

/* Are a and b one zone under two names (links, as ICU knows them)? */
static int
same_zone(const char *a, const char *b)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar		u[80], ca[80], cb[80];
	UBool		sys;
	int32_t		na, nb;

	circle_ics_zone_uchars(a, u, 80);
	na = ucal_getCanonicalTimeZoneID(u, -1, ca, 80, &sys, &st);
	circle_ics_zone_uchars(b, u, 80);
	nb = ucal_getCanonicalTimeZoneID(u, -1, cb, 80, &sys, &st);
	return U_SUCCESS(st) && na > 0 && na == nb && u_strncmp(ca, cb,
	    na) == 0;
}

/*
 * A zone picked for a TZID (of a Windows name, a VTIMEZONE, an offset),
 * as the group names it when it is the group's under another name, else
 * by its IANA name now: ICU's names are CLDR's, and CLDR keeps
 * Asia/Calcutta and Europe/Kiev.
 */
static char *
picked(const struct imp *x, char *z)
{
	char	*now;

	if (z == NULL)
		return NULL;
	if (x->gtz != NULL && strcmp(z, x->gtz) == 0)
		return z;
	if (x->gtz != NULL && same_zone(z, x->gtz))
		now = circle_xstrdup(x->gtz);
	else if (circle_zone_current(z) != z)
		now = circle_xstrdup(circle_zone_current(z));
	else
		return z;
	free(z);
	return now;
}

/*
 * The least offset, its winter's, of a VTIMEZONE (text) or else of an
 * IANA zone (name) in the year from start; -1 if it has none.
 */
static int
least_offset(const char *text, const char *name, long long start, int *least)
{
	struct offsets	o;
	size_t		i;
	int		rc;

	memset(&o, 0, sizeof o);
	o.start = start;
	o.end = start + 366 * DAY;
	rc = text != NULL ? circle_ics_vtimezone_offsets(text, &o) :
	    circle_ics_zone_offsets(name, 1, &o);
	*least = o.first;
	for (i = 0; i < o.n; i++)
		*least = o.step[i].to < *least ? o.step[i].to : *least;
	circle_ics_offsets_release(&o);
	return rc;
}

/*
 * A Windows name whose VTIMEZONE in the file has other offsets over the
 * dates imported.  With the same winter offset, it is that zone with
 * clock changes on other dates (an old Outlook's rules, from before the
 * country changed them): the name's zone, said, since times near a
 * change may be an hour out.  With another, it is another zone under a
 * wrong name: the VTIMEZONE gave the times, so its zone, said.
 */
static char *
windows_checked(struct imp *x, const char *tzid, const struct zone_alias *vtz,
    char *z)
{
	struct offsets	 file;
	char		*by = NULL, *why = NULL;
	int		 a, b;

	if (vtz == NULL || vtz->text == NULL)
		return z;
	memset(&file, 0, sizeof file);
	circle_ics_imported_span(x, tzid, &file.start, &file.end);
	if (circle_ics_vtimezone_offsets(vtz->text, &file) == 0 &&
	    circle_ics_iana_apart(z, &file) > 0) {
		if (least_offset(vtz->text, NULL, file.start, &a) == 0 &&
		    least_offset(NULL, z, file.start, &b) == 0 && a != b)
			by = offsets_zone(x, tzid, &file, NULL, "its VTIMEZONE "
			    "has the offsets", &why);
		circle_ics_note(&x->pre, &x->npre, "%s: \"%.*s\": its "
		    "VTIMEZONE in the file has other offsets than %s, the zone "
		    "of that Windows name, over the dates imported; %s",
		    x->name, (int)circle_utf8_cut(tzid, TZID_COLUMNS), tzid, z, by != NULL ? "read by the VTIMEZONE, "
		    "which gave the times" : "read as the name says: check "
		    "the times near a clock change");
	}
	circle_ics_offsets_release(&file);
	free(why);
	if (by == NULL)
		return z;
	free(z);
	return by;
}

/*
 * Why a TZID without a VTIMEZONE is no zone: with the zones its name is
 * said of, when it is a name people say a zone by ("BST", "MEZ",
 * "Eastern"; zonesaid.c), which stands for more than one too often to
 * be taken (BST is also Bangladesh's).
 */
static void
unknown_why(const char *name, char **why)
{
	char	*said = NULL;

	if (circle_zone_said(name, &said) == SAID_NAME && said != NULL)
		circle_xasprintf(why, "%s, and the file has no VTIMEZONE of "
		    "it; it is a name said of %s: write that for it", UNKNOWN,
		    said);
	else
		circle_xasprintf(why, "%s: write for it the IANA name of the "
		    "zone meant (AREA/CITY), or give --zone AREA/CITY",
		    UNKNOWN);
	free(said);
}

/*
 * Whether the file has two VTIMEZONEs of a TZID that keep other clocks
 * over the dates imported, *why saying so: which one its times are in is
 * not known.
 */
static int
vtimezones_apart(struct imp *x, const char *tzid,
    const struct zone_alias *vtz, char **why)
{
	const struct zone_alias	*other;
	long long		 start, end;

	if (vtz == NULL || vtz->text == NULL)
		return 0;
	circle_ics_imported_span(x, tzid, &start, &end);
	if ((other = circle_ics_vtimezone_other(x, vtz, start, end)) == NULL)
		return 0;
	circle_xasprintf(why, "the file has two VTIMEZONEs of it (lines %zu "
	    "and %zu) that keep other clocks over the dates imported, so "
	    "which its times are in is not known: keep the right one, or "
	    "export the calendar again", vtz->line, other->line);
	return 1;
}

static char *
resolve(struct imp *x, const char *tzid, char **why)
{
	const struct zone_alias	*vtz;
	const char		*rest;
	char			*z, name[TZID_MAX + 1];
	int			 off;

	*why = NULL;
	tzid_name(tzid, name, sizeof name);
	if ((z = iana_name(name)) != NULL)
		return z;
	z = libical_alias(x, tzid, &vtz);
	if (vtimezones_apart(x, tzid, vtz, why)) {
		free(z);
		return NULL;
	}
	if (z != NULL)
		return z;
	if ((z = circle_ics_windows_name(name)) != NULL ||
	    (z = windows_numbered(name)) != NULL)
		return picked(x, windows_checked(x, tzid, vtz, z));
	/* Not a display name: Etc/GMT is no city of "GMT+0100". */
	if ((vtz == NULL || vtz->text == NULL) &&
	    circle_zone_offset(name, &off))
		return picked(x, fixed_zone(x, tzid, off, why));
	/*
	 * Outlook's name for an organizer's zone, its VTIMEZONE left out
	 * (a calendar published from Office 365 in part): the group's.
	 */
	if ((vtz == NULL || vtz->text == NULL) &&
	    (strcmp(name, "Customized Time Zone") == 0 ||
	    strcmp(name, "Custom") == 0))
		return circle_xstrdup(x->gtz);
	if ((vtz == NULL || vtz->text == NULL) &&
	    (z = circle_ics_display_zone(x, name, why)) != NULL)
		return picked(x, z);
	/* None read: the zone the facilitator says it is (--zone). */
	if ((vtz == NULL || vtz->text == NULL) && x->o != NULL &&
	    x->o->zone != NULL) {
		free(*why);
		*why = NULL;
		if (!circle_zone_display_offset(name, &off, &rest) ||
		    circle_ics_standard_is(x->o->zone, off)) {
			x->zone_used = 1;
			return circle_xstrdup(x->o->zone);
		}
		circle_xasprintf(why, "%s, and --zone %s is not UTC%c%02d:%02d "
		    "in winter, as the name says", UNKNOWN, x->o->zone,
		    off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
		return NULL;
	}
	if ((vtz == NULL || vtz->text == NULL) && *why != NULL)
		return NULL;
	if (vtz == NULL || vtz->text == NULL) {
		unknown_why(name, why);
		return NULL;
	}
	return picked(x, vtimezone_zone(x, tzid, vtz, why));
}

/* Was tzid read as zone already, in a calendar before? */
static int
read_before(const struct imp *x, const char *tzid, const char *zone)
{
	size_t	i;

	for (i = 0; i + 1 < x->ntzmap; i++)
		if (strcmp(x->tzmap[i].tzid, tzid) == 0 &&
		    x->tzmap[i].zone != NULL &&
		    strcmp(x->tzmap[i].zone, zone) == 0)
			return 1;
	return 0;
}

/*
 * The IANA zone a TZID names in the calendar read now (x->cal: a file of
 * several has their VTIMEZONEs each), or NULL with *why saying why not.
 * Both live as long as the import.
 */
const char *
circle_ics_zone(struct imp *x, const char *tzid, const char **why)
{
	struct zone_map	*m;
	char		 gloss[32];
	size_t		 i;

	for (i = 0; i < x->ntzmap; i++)
		if (x->tzmap[i].cal == x->cal &&
		    strcmp(x->tzmap[i].tzid, tzid) == 0)
			break;
	if (i == x->ntzmap) {
		x->tzmap = circle_xgrow(x->tzmap, x->ntzmap,
		    sizeof *x->tzmap);
		m = &x->tzmap[x->ntzmap++];
		m->cal = x->cal;
		m->tzid = circle_xstrdup(tzid);
		m->zone = resolve(x, m->tzid, &m->why);
		if (m->zone != NULL && strcmp(m->zone, tzid) != 0 &&
		    !read_before(x, tzid, m->zone)) {
			etc_meaning(m->zone, gloss, sizeof gloss);
			circle_ics_note(&x->pre, &x->npre, "%s: \"%.*s\" "
			    "read as %s%s", x->name, (int)circle_utf8_cut(tzid,
			    TZID_COLUMNS), tzid, m->zone, gloss);
		}
	}
	*why = x->tzmap[i].why;
	return x->tzmap[i].zone;
}

void
circle_ics_zones_free(struct imp *x)
{
	size_t	i;

	for (i = 0; i < x->ntzmap; i++) {
		free(x->tzmap[i].tzid);
		free(x->tzmap[i].zone);
		free(x->tzmap[i].why);
	}
	free(x->tzmap);
	x->tzmap = NULL;
	x->ntzmap = 0;
	free(x->wrtz);
	x->wrtz = NULL;
}
