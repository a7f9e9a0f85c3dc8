/*
 * zone.c: which names are time zones.  A calendar may carry any name the
 * zone database knows; a zone a person gives must be a region's (Area/
 * Location, or UTC said outright), and a wrong one gets a "did you mean".
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libical/ical.h>
#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "circle-priv.h"

/* The areas of the zone database whose zones are places. */
static const char *const regions[] = {
	"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
	"Australia", "Europe", "Indian", "Pacific", NULL
};

#define FIXED	"it keeps one offset from UTC all year, with no daylight " \
	"saving time"
#define RULE	"it is an old POSIX-style rule, not a place's zone"
#define CENTRAL	"it is an old rule for a whole region, not a place's zone"
#define OLD	"it is an old name, kept only for compatibility (newer " \
	"systems may not have it)"
#define WINTER	"it is UTC under an old name, and London keeps it only in " \
	"winter"
#define OWN	" (or the zone of the group's own city)"

/*
 * Names that are zones, or were, but not a region's, and the zone a person
 * who gives one most likely means.  EST is New York's winter, not
 * Panama's zone; MST is Denver's, or Phoenix's in Arizona.
 */
static const struct old_zone {
	const char	*name;
	const char	*zone;
	const char	*why;
	const char	*also;
} old_zones[] = {
	{ "EST", "America/New_York", FIXED, NULL },
	{ "MST", "America/Denver", FIXED,
	    " (or America/Phoenix, in Arizona)" },
	{ "HST", "Pacific/Honolulu", FIXED, NULL },
	{ "EST5EDT", "America/New_York", RULE, NULL },
	{ "CST6CDT", "America/Chicago", RULE, NULL },
	{ "MST7MDT", "America/Denver", RULE, NULL },
	{ "PST8PDT", "America/Los_Angeles", RULE, NULL },
	{ "CET", "Europe/Berlin", CENTRAL, OWN },
	{ "MET", "Europe/Berlin", CENTRAL, OWN },
	{ "EET", "Europe/Athens", CENTRAL, OWN },
	{ "WET", "Europe/Lisbon", CENTRAL, OWN },
	{ "GMT", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "GMT0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "GMT+0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "GMT-0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Greenwich", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Etc/GMT", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Etc/GMT0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Etc/GMT+0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Etc/GMT-0", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "Etc/Greenwich", "Europe/London", WINTER, " (or UTC, all year)" },
	{ "UCT", "UTC", OLD, NULL },
	{ "Universal", "UTC", OLD, NULL },
	{ "Zulu", "UTC", OLD, NULL },
	{ "Etc/UCT", "UTC", OLD, NULL },
	{ "Etc/Universal", "UTC", OLD, NULL },
	{ "Etc/Zulu", "UTC", OLD, NULL },
	{ "US/Eastern", "America/New_York", OLD, NULL },
	{ "US/Central", "America/Chicago", OLD, NULL },
	{ "US/Mountain", "America/Denver", OLD, NULL },
	{ "US/Pacific", "America/Los_Angeles", OLD, NULL },
	{ "US/Alaska", "America/Anchorage", OLD, NULL },
	{ "US/Aleutian", "America/Adak", OLD, NULL },
	{ "US/Arizona", "America/Phoenix", OLD, NULL },
	{ "US/East-Indiana", "America/Indiana/Indianapolis", OLD, NULL },
	{ "US/Indiana-Starke", "America/Indiana/Knox", OLD, NULL },
	{ "US/Hawaii", "Pacific/Honolulu", OLD, NULL },
	{ "US/Michigan", "America/Detroit", OLD, NULL },
	{ "US/Samoa", "Pacific/Pago_Pago", OLD, NULL },
	{ "Navajo", "America/Denver", OLD, NULL },
	{ "Canada/Atlantic", "America/Halifax", OLD, NULL },
	{ "Canada/Central", "America/Winnipeg", OLD, NULL },
	{ "Canada/Eastern", "America/Toronto", OLD, NULL },
	{ "Canada/Mountain", "America/Edmonton", OLD, NULL },
	{ "Canada/Newfoundland", "America/St_Johns", OLD, NULL },
	{ "Canada/Pacific", "America/Vancouver", OLD, NULL },
	{ "Canada/Saskatchewan", "America/Regina", OLD, NULL },
	{ "Canada/Yukon", "America/Whitehorse", OLD, NULL },
	{ "Mexico/BajaNorte", "America/Tijuana", OLD, NULL },
	{ "Mexico/BajaSur", "America/Mazatlan", OLD, NULL },
	{ "Mexico/General", "America/Mexico_City", OLD, NULL },
	{ "Brazil/Acre", "America/Rio_Branco", OLD, NULL },
	{ "Brazil/DeNoronha", "America/Noronha", OLD, NULL },
	{ "Brazil/East", "America/Sao_Paulo", OLD, NULL },
	{ "Brazil/West", "America/Manaus", OLD, NULL },
	{ "Chile/Continental", "America/Santiago", OLD, NULL },
	{ "Chile/EasterIsland", "Pacific/Easter", OLD, NULL },
	{ "Cuba", "America/Havana", OLD, NULL },
	{ "Jamaica", "America/Jamaica", OLD, NULL },
	{ "GB", "Europe/London", OLD, NULL },
	{ "GB-Eire", "Europe/London", OLD, NULL },
	{ "Eire", "Europe/Dublin", OLD, NULL },
	{ "Iceland", "Atlantic/Reykjavik", OLD, NULL },
	{ "Poland", "Europe/Warsaw", OLD, NULL },
	{ "Portugal", "Europe/Lisbon", OLD, NULL },
	{ "Turkey", "Europe/Istanbul", OLD, NULL },
	{ "W-SU", "Europe/Moscow", OLD, NULL },
	{ "Egypt", "Africa/Cairo", OLD, NULL },
	{ "Libya", "Africa/Tripoli", OLD, NULL },
	{ "Iran", "Asia/Tehran", OLD, NULL },
	{ "Israel", "Asia/Jerusalem", OLD, NULL },
	{ "PRC", "Asia/Shanghai", OLD, NULL },
	{ "ROC", "Asia/Taipei", OLD, NULL },
	{ "ROK", "Asia/Seoul", OLD, NULL },
	{ "Hongkong", "Asia/Hong_Kong", OLD, NULL },
	{ "Japan", "Asia/Tokyo", OLD, NULL },
	{ "Singapore", "Asia/Singapore", OLD, NULL },
	{ "Kwajalein", "Pacific/Kwajalein", OLD, NULL },
	{ "NZ", "Pacific/Auckland", OLD, NULL },
	{ "NZ-CHAT", "Pacific/Chatham", OLD, NULL },
	{ NULL, NULL, NULL, NULL }
};

/*
 * Names CLDR (and so ICU) still calls its own that IANA has changed, each
 * now a link to the new one, which some systems ship alone: the zones ICU
 * gives for a Windows name or an offset are said by the new name.
 */
static const char *const renamed[][2] = {
	{ "Africa/Asmera", "Africa/Asmara" },
	{ "America/Buenos_Aires", "America/Argentina/Buenos_Aires" },
	{ "America/Catamarca", "America/Argentina/Catamarca" },
	{ "America/Coral_Harbour", "America/Atikokan" },
	{ "America/Cordoba", "America/Argentina/Cordoba" },
	{ "America/Godthab", "America/Nuuk" },
	{ "America/Indianapolis", "America/Indiana/Indianapolis" },
	{ "America/Jujuy", "America/Argentina/Jujuy" },
	{ "America/Louisville", "America/Kentucky/Louisville" },
	{ "America/Mendoza", "America/Argentina/Mendoza" },
	{ "Asia/Calcutta", "Asia/Kolkata" },
	{ "Asia/Katmandu", "Asia/Kathmandu" },
	{ "Asia/Rangoon", "Asia/Yangon" },
	{ "Asia/Saigon", "Asia/Ho_Chi_Minh" },
	{ "Atlantic/Faeroe", "Atlantic/Faroe" },
	{ "Europe/Kiev", "Europe/Kyiv" },
	{ "Pacific/Enderbury", "Pacific/Kanton" },
	{ "Pacific/Ponape", "Pacific/Pohnpei" },
	{ "Pacific/Truk", "Pacific/Chuuk" },
	{ NULL, NULL }
};

/* Letters, digits and /_-+ only, at most 64: never a path out of zoneinfo. */
static int
zone_chars_ok(const char *tzid)
{
	const char	*p;

	if (*tzid == '\0' || strlen(tzid) > 64)
		return 0;
	for (p = tzid; *p != '\0'; p++)
		if (!(isalnum((unsigned char)*p) || strchr("/_-+", *p)))
			return 0;
	return 1;
}

/* An IANA zone name libical knows, such as Europe/London, or UTC. */
int
circle_tz_valid(const char *tzid)
{
	if (!zone_chars_ok(tzid))
		return 0;
	if (strcmp(tzid, "UTC") == 0)
		return 1;
	return circle_zone_as_built(tzid) != NULL;
}

/* Area/Location with a region's area, such as America/Indiana/Knox. */
static int
zone_in_region(const char *tzid)
{
	size_t	i, n;

	for (i = 0; regions[i] != NULL; i++) {
		n = strlen(regions[i]);
		if (strncmp(tzid, regions[i], n) == 0 && tzid[n] == '/' &&
		    tzid[n + 1] != '\0')
			return 1;
	}
	return 0;
}

/*
 * A zone that is only an offset: GMT+5, Etc/GMT-3, UTC+05:30, GMT+0100,
 * -0800; *minutes east of Greenwich (Etc/GMT-3 is three hours east: the
 * sign of those names is the other way round).  1 if it is one.
 */
int
circle_zone_offset(const char *s, int *minutes)
{
	int	sign, h, m = 0, n, etc = 0;

	if (strncasecmp(s, "Etc/", 4) == 0) {
		s += 4;
		etc = 1;
	}
	if (strncasecmp(s, "GMT", 3) == 0 || strncasecmp(s, "UTC", 3) == 0)
		s += 3;
	else if (strncasecmp(s, "UT", 2) == 0)
		s += 2;
	if (*s != '+' && *s != '-')
		return 0;
	sign = *s++ == '-' ? -1 : 1;
	for (n = 0; isdigit((unsigned char)s[n]); n++)
		;
	if (n < 1 || n > 4 || n == 3)
		return 0;
	if (n == 4) {			/* 0100 */
		h = (s[0] - '0') * 10 + s[1] - '0';
		m = (s[2] - '0') * 10 + s[3] - '0';
		s += 4;
	} else {			/* 1, 01, 01:00, 01.00 */
		h = atoi(s);
		s += n;
		if ((*s == ':' || *s == '.') && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2])) {
			m = (s[1] - '0') * 10 + s[2] - '0';
			s += 3;
		}
	}
	if (*s != '\0' || h > 14 || m > 59)
		return 0;
	*minutes = (etc ? -sign : sign) * (h * 60 + m);
	return 1;
}

/*
 * The next region's zone libical knows, from the *i-th of its built-in
 * zones on (start at 0): its name, or NULL after the last.  The one walk
 * over them, for the nearest names and for a name in any case.
 */
static const char *
zone_region_next(size_t *i)
{
	icalarray	*all = icaltimezone_get_builtin_timezones();
	const char	*name;

	while (all != NULL && *i < all->num_elements) {
		name = icaltimezone_get_location(icalarray_element_at(all,
		    (*i)++));
		if (name != NULL && zone_in_region(name))
			return name;
	}
	return NULL;
}

/*
 * The region zones nearest to want, as "A" or "A or B", or NULL.  With
 * city set, only the last parts of the names are compared.
 */
static char *
zone_nearest_by(const char *want, int city)
{
	const char	*name;
	char		*near = NULL;
	size_t		 i = 0, d, best = (size_t)-1, n = 0, limit;

	if ((limit = strlen(want) / 3) > 3)
		limit = 3;
	while ((name = zone_region_next(&i)) != NULL) {
		d = circle_levenshtein(want, city ? strrchr(name, '/') + 1 :
		    name);
		if (d > limit || d > best)
			continue;
		if (d < best) {
			free(near);
			near = NULL;
			n = 0;
		}
		best = d;
		if (n++ < 3)
			circle_xappend(&near, " or ", "%s", name);
	}
	return near;
}

/* UTC or Etc/UTC in any case, as the database spells it; else NULL. */
static const char *
zone_utc(const char *s)
{
	if (strcasecmp(s, "UTC") == 0)
		return "UTC";
	return strcasecmp(s, "Etc/UTC") == 0 ? "Etc/UTC" : NULL;
}

/*
 * What a person who typed s most likely meant: the zone whose name differs
 * only in case (europe/lisbon) or is misspelt (America/Chicgo), else the
 * zone of the city named (Chicago, new york, Europe/Chicago).  Spaces count
 * as underscores.
 */
static char *
zone_nearest(const char *s)
{
	const char	*city, *utc;
	char		*want, *p, *near = NULL;

	if ((utc = zone_utc(s)) != NULL)
		return circle_xstrdup(utc);
	want = circle_xstrdup(s);
	for (p = want; *p != '\0'; p++)
		if (*p == ' ')
			*p = '_';
	if ((city = strrchr(want, '/')) != NULL)
		near = zone_nearest_by(want, 0);
	if (near == NULL)
		near = zone_nearest_by(city != NULL ? city + 1 : want, 1);
	free(want);
	return near;
}

/*
 * A zone's name kept for the life of the process: libical's own strings
 * of its built-in zones are freed and made again when a zone is loaded.
 */
static const char *
zone_kept(const char *name)
{
	static char	**kept;
	static size_t	  n;
	size_t		  i;

	for (i = 0; i < n; i++)
		if (strcmp(kept[i], name) == 0)
			return kept[i];
	kept = circle_xgrow(kept, n, sizeof *kept);
	return kept[n++] = circle_xstrdup(name);
}

/*
 * The name of the region's zone s names in any case, with spaces for
 * underscores (europe/london, America/New York), as the zone database
 * spells it (Europe/London); UTC for utc.  NULL when none: the old names
 * and misspellings are circle_zone_check's to explain.
 */
static const char *
zone_any_case(const char *s)
{
	const char	*name, *p, *q;
	size_t		 i = 0;

	if ((name = zone_utc(s)) != NULL)
		return name;
	if (strlen(s) > 64)
		return NULL;
	while ((name = zone_region_next(&i)) != NULL) {
		for (p = s, q = name; *p != '\0' && *q != '\0'; p++, q++)
			if (tolower((unsigned char)*p) !=
			    tolower((unsigned char)*q) &&
			    !(*p == ' ' && *q == '_'))
				break;
		if (*p == '\0' && *q == '\0')
			return zone_kept(name);
	}
	return NULL;
}

/*
 * Whether s is the city of the zone near, alone, in any case, with spaces
 * for underscores (Chicago, new york): a city, not a name said of a zone.
 */
static int
zone_city_is(const char *near, const char *s)
{
	const char	*c = strrchr(near, '/'), *p;

	if (c == NULL || strstr(near, " or ") != NULL)
		return 0;
	for (c++, p = s; *p != '\0' && *c != '\0'; p++, c++)
		if (tolower((unsigned char)*p) != tolower((unsigned char)*c) &&
		    !(*p == ' ' && *c == '_'))
			return 0;
	return *p == '\0' && *c == '\0';
}

/* A region's zone the database knows, spelt as it spells it, or UTC. */
static int
zone_spelt_right(const char *tzid)
{
	return strcmp(tzid, "UTC") == 0 || strcmp(tzid, "Etc/UTC") == 0 ||
	    (zone_chars_ok(tzid) && zone_in_region(tzid) &&
	    circle_zone_as_built(tzid) != NULL);
}

/*
 * The error for a zone as people say it rather than its name (Eastern,
 * PST, UK: zonesaid.c), with the zones meant; 0 when tzid is none.
 */
static int
zone_said_check(const char *field, const char *tzid, struct circle_err *e)
{
	char	*said;
	int	 rc = 0;

	switch (circle_zone_said(tzid, &said)) {
	case SAID_NAME:
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is what a time "
		    "zone is called, not its name in the zone database; did you "
		    "mean %s?", field, tzid, said);
		break;
	case SAID_COUNTRY:
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is a country, "
		    "not a time zone; did you mean %s?", field, tzid, said);
		break;
	case SAID_COUNTRIES:
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is a country "
		    "with several time zones; give the zone of the group's city, "
		    "such as %s", field, tzid, said);
		break;
	}
	free(said);
	return rc;
}

/*
 * A zone given by a person (group add --tz, a group file's tz): a region's
 * zone the database knows, or UTC or Etc/UTC said outright.  EST, PST8PDT,
 * US/Eastern and GMT+5 are refused with the region's zone they stand for;
 * Eastern, PST, AEST and UK with the zones they are said of (zonesaid.c); an
 * unknown name with the nearest known ones.
 */
int
circle_zone_check(const char *field, const char *tzid, struct circle_err *e)
{
	const struct old_zone	*o;
	char			*near;
	int			 rc, off;

	if (zone_spelt_right(tzid))
		return 0;
	for (o = old_zones; o->name != NULL; o++)
		if (strcasecmp(tzid, o->name) == 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not "
			    "a region's time zone: %s; did you mean %s%s?",
			    field, tzid, o->why, o->zone, o->also ? o->also :
			    "");
	if (circle_zone_offset(tzid, &off))
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is a fixed "
		    "offset from UTC, not a region's time zone, and misses "
		    "daylight saving time; give the zone of the group's city, "
		    "such as America/New_York", field, tzid);
	near = zone_nearest(tzid);
	if ((near == NULL || !zone_city_is(near, tzid)) &&
	    zone_said_check(field, tzid, e) == -1) {
		free(near);
		return -1;
	}
	if (near != NULL && strcasecmp(near, tzid) == 0)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a known "
		    "time zone (the case of its letters counts); did you mean "
		    "%s?", field, tzid, near);
	else if (near != NULL)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a known "
		    "time zone; did you mean %s?", field, tzid, near);
	else if (circle_tz_valid(tzid))
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
		    "region's time zone (Area/Location, such as "
		    "Europe/London)", field, tzid);
	else
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a known "
		    "time zone (such as Europe/London)", field, tzid);
	free(near);
	return rc;
}

/*
 * A zone given by a person, as circle keeps it: tzid itself, at once, when
 * it is spelt right; else the zone it names in any case (europe/london is
 * Europe/London), by circle_zone_check's rule.  NULL with e set when it
 * is none.  The name is tzid or lasts for the process.
 */
const char *
circle_zone_norm(const char *field, const char *tzid, struct circle_err *e)
{
	const char	*name;

	if (zone_spelt_right(tzid))
		return tzid;
	if ((name = zone_any_case(tzid)) == NULL)
		name = tzid;
	return circle_zone_check(field, name, e) == 0 ? name : NULL;
}

/*
 * The zone this computer names, for a group given none: $TZ when it is
 * set (a leading ':' aside), else what /etc/localtime links to.  NULL when
 * that is not a zone a person could give, or is /etc/localtime's UTC,
 * which is a server's default rather than anybody's choice.  *from says
 * which was read.
 */
char *
circle_zone_local(const char **from)
{
	struct circle_err	 e;
	const char		*tz = getenv("TZ"), *p;
	char			 buf[512];
	ssize_t			 n;

	if (tz != NULL && *tz != '\0') {
		*from = "$TZ";
		if (*tz == ':')
			tz++;
		return circle_zone_check("TZ", tz, &e) == 0 ?
		    circle_xstrdup(tz) : NULL;
	}
	*from = "/etc/localtime";
	if ((n = readlink("/etc/localtime", buf, sizeof buf - 1)) <= 0)
		return NULL;
	buf[n] = '\0';
	if ((p = strstr(buf, "zoneinfo/")) == NULL)
		return NULL;
	p += strlen("zoneinfo/");
	if (!zone_in_region(p) || circle_zone_check("TZ", p, &e) == -1)
		return NULL;
	return circle_xstrdup(p);
}

/*
 * The countries of the North American Numbering Plan (+1): the United
 * States, Canada and the Caribbean's.  Their numbers begin with neither
 * 0 nor +: ten digits alone are a whole number there.
 */
static const char *const nanp[] = { "US", "CA", "AG", "AI", "AS", "BB",
    "BM", "BS", "DM", "DO", "GD", "GU", "JM", "KN", "KY", "LC", "MP", "MS",
    "PR", "SX", "TC", "TT", "VC", "VG", "VI" };

/* Whether zone tz is in a country of the plan, as ICU places zones. */
int
circle_zone_nanp(const char *tz)
{
	UChar		 u[128], canon[128];
	const UChar	*id;
	UEnumeration	*en;
	UErrorCode	 st = U_ZERO_ERROR;
	int32_t		 len, n;
	size_t		 i;
	int		 found = 0;

	if (strlen(tz) >= sizeof u / sizeof u[0])
		return 0;
	u_uastrcpy(u, tz);
	len = ucal_getCanonicalTimeZoneID(u, -1, canon,
	    sizeof canon / sizeof canon[0], NULL, &st);
	if (U_FAILURE(st))
		return 0;
	for (i = 0; !found && i < sizeof nanp / sizeof nanp[0]; i++) {
		st = U_ZERO_ERROR;
		en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL,
		    nanp[i], NULL, &st);
		if (U_FAILURE(st))
			continue;
		while (!found && (id = uenum_unext(en, &n, &st)) != NULL &&
		    U_SUCCESS(st))
			found = n == len && u_strncmp(id, canon, n) == 0;
		uenum_close(en);
	}
	return found;
}

/* Whether ICU knows a zone by this name. */
static int
icu_knows(const char *name)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar		u[80], canon[80];
	UBool		sys = 0;

	if (strlen(name) >= sizeof u / sizeof u[0])
		return 0;
	u_uastrcpy(u, name);
	ucal_getCanonicalTimeZoneID(u, -1, canon, 80, &sys, &st);
	return U_SUCCESS(st) && sys;
}

/*
 * Every zone of a place by its IANA name, as a list to look through for
 * a calendar's zone: ICU's (CLDR's, whose names people say and Windows
 * gives), then the system tzdata's that ICU's older list lacks
 * (America/Ciudad_Juarez, of tzdata 2022g, after ICU 72's 2022e).  Made
 * once, kept for the life of the program; NULL-terminated.
 */
const char *const *
circle_zone_places(void)
{
	static const char	**list;
	UErrorCode		  st = U_ZERO_ERROR;
	UEnumeration		 *en;
	icalarray		 *all;
	const char		 *id;
	size_t			  n = 0, i;

	if (list != NULL)
		return list;
	en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION,
	    NULL, NULL, &st);
	while (en != NULL && (id = uenum_next(en, NULL, &st)) != NULL &&
	    U_SUCCESS(st)) {
		list = circle_xgrow(list, n, sizeof *list);
		list[n++] = circle_xstrdup(id);
	}
	uenum_close(en);
	all = icaltimezone_get_builtin_timezones();
	for (i = 0; all != NULL && i < all->num_elements; i++) {
		id = icaltimezone_get_location(icalarray_element_at(all, i));
		if (id != NULL && !icu_knows(id)) {
			list = circle_xgrow(list, n, sizeof *list);
			list[n++] = circle_xstrdup(id);
		}
	}
	list = circle_xgrow(list, n, sizeof *list);
	list[n] = NULL;
	return list;
}

/*
 * The region's zone an old name is another name of, as a calendar file
 * may give it (US/Eastern, EST5EDT: America/New_York), or NULL.  Not a
 * fixed offset (EST is -05:00 all year) or UTC (GMT), nor a region's
 * rule (CET), which are zones of their own as a file gives them.
 */
const char *
circle_zone_alias(const char *name)
{
	const struct old_zone	*o;

	for (o = old_zones; o->name != NULL; o++)
		if (strcasecmp(name, o->name) == 0)
			return strcmp(o->why, OLD) == 0 ||
			    strcmp(o->why, RULE) == 0 ? o->zone : NULL;
	return NULL;
}

/*
 * A zone by IANA's name now, when CLDR keeps an old one (Asia/Calcutta
 * is Asia/Kolkata) and this computer's zone database has the new one;
 * else the name itself.
 */
const char *
circle_zone_current(const char *name)
{
	size_t	i;

	for (i = 0; renamed[i][0] != NULL; i++)
		if (strcmp(name, renamed[i][0]) == 0)
			return circle_tz_valid(renamed[i][1]) ? renamed[i][1] :
			    name;
	return name;
}

/*
 * The offset a display name begins with, "(UTC+01:00) " or "(GMT-05.00)
 * " or "(UTC) ", in minutes, and where the rest begins; 0 if none.
 */
int
circle_zone_display_offset(const char *name, int *off, const char **rest)
{
	const char	*p = name + 4;
	int		 h = 0, m = 0, sign = 1;

	*rest = name;
	if (strncasecmp(name, "(UTC", 4) != 0 &&
	    strncasecmp(name, "(GMT", 4) != 0)
		return 0;
	if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (!isdigit((unsigned char)p[0]) ||
		    !isdigit((unsigned char)p[1]) || (p[2] != ':' &&
		    p[2] != '.') || !isdigit((unsigned char)p[3]) ||
		    !isdigit((unsigned char)p[4]))
			return 0;
		h = (p[0] - '0') * 10 + p[1] - '0';
		m = (p[3] - '0') * 10 + p[4] - '0';
		p += 5;
	}
	if (*p != ')')
		return 0;
	for (p++; *p == ' '; p++)
		;
	*off = sign * (h * 60 + m);
	*rest = p;
	return 1;
}

/*
 * Windows' display names whose place is a region or a country, not a city
 * ICU knows, and the Windows zone each is: "(UTC-07:00) Arizona" is US
 * Mountain Standard Time, which CLDR (through ICU) makes America/Phoenix.
 */
static const char *const windows_places[][2] = {
	{ "Arizona", "US Mountain Standard Time" },
	{ "Hawaii", "Hawaiian Standard Time" },
	{ "Saskatchewan", "Canada Central Standard Time" },
	{ "Indiana (East)", "US Eastern Standard Time" },
	{ "Brasilia", "E. South America Standard Time" },
	{ "Central America", "Central America Standard Time" },
	{ "Greenland", "Greenland Standard Time" },
	{ "Aleutian Islands", "Aleutian Standard Time" },
	{ "Baja California", "Pacific Standard Time (Mexico)" },
	{ "Haiti", "Haiti Standard Time" },
	{ "Salvador", "Bahia Standard Time" },
	{ "Sri Jayawardenepura", "Sri Lanka Standard Time" },
	{ "West Central Africa", "W. Central Africa Standard Time" },
	{ "Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time" },
};

/*
 * Places whose name is also another's, in another zone, as a calendar
 * may give one alone for its zone: "San José" is Costa Rica's and
 * California's, "San Juan" Puerto Rico's more often than Argentina's
 * (whose zone is named after it), "Georgetown" Guyana's, the Cayman
 * Islands', Penang's and Ascension's.  Each with its zones, first the
 * capital's; NULL-ended.
 */
static const char *const several_places[][6] = {
	{ "Georgetown", "America/Guyana", "America/Cayman",
	    "Asia/Kuala_Lumpur", "Atlantic/St_Helena", NULL },
	{ "George Town", "America/Cayman", "Asia/Kuala_Lumpur",
	    "America/Guyana", NULL },
	{ "San Jose", "America/Costa_Rica", "America/Los_Angeles", NULL },
	{ "San Juan", "America/Puerto_Rico", "America/Argentina/San_Juan",
	    NULL },
	{ "Kingston", "America/Jamaica", "America/Toronto", "Pacific/Norfolk",
	    NULL },
	{ "Victoria", "Indian/Mahe", "America/Vancouver",
	    "Australia/Melbourne", NULL },
	{ "Hamilton", "Atlantic/Bermuda", "America/Toronto",
	    "Pacific/Auckland", NULL },
	{ "Cordoba", "America/Argentina/Cordoba", "Europe/Madrid", NULL },
	{ "Perth", "Australia/Perth", "Europe/London", NULL },
	{ "Portland", "America/Los_Angeles", "America/New_York", NULL },
	{ "Birmingham", "Europe/London", "America/Chicago", NULL },
};

/*
 * The zones of a place several share (several_places), its name folded
 * (circle_name_fold: "San José" is "san jose"), NULL-ended; NULL if it
 * is none of them.
 */
const char *const *
circle_zone_place_several(const char *folded)
{
	size_t	i;

	for (i = 0; i < sizeof several_places / sizeof several_places[0]; i++)
		if (strcasecmp(folded, several_places[i][0]) == 0)
			return &several_places[i][1];
	return NULL;
}

/*
 * The Windows zone of a display name's place (after its offset), in buf,
 * or NULL: one of windows_places, or "Coordinated Universal Time-02",
 * Windows' UTC-02.
 */
const char *
circle_zone_windows_place(const char *place, char *buf, size_t size)
{
	static const char	 utc[] = "Coordinated Universal Time";
	const char		*p = place + sizeof utc - 1;
	size_t			 i;

	if (strncasecmp(place, utc, sizeof utc - 1) == 0 &&
	    (*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
	    isdigit((unsigned char)p[2]) && p[3] == '\0') {
		snprintf(buf, size, "UTC%s", p);
		return buf;
	}
	for (i = 0; i < sizeof windows_places / sizeof windows_places[0]; i++)
		if (strcasecmp(place, windows_places[i][0]) == 0)
			return windows_places[i][1];
	return NULL;
}

/* s lowercased, its runs of spaces one, none at either end, in out. */
static void
windows_folded(const char *s, char *out, size_t size)
{
	size_t	n = 0;

	while (isspace((unsigned char)*s))
		s++;
	for (; *s != '\0' && n + 1 < size; s++) {
		if (isspace((unsigned char)*s)) {
			if (n > 0 && out[n - 1] != ' ')
				out[n++] = ' ';
			continue;
		}
		out[n++] = (char)tolower((unsigned char)*s);
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/*
 * The Windows zone name ICU knows that s is in another case or spacing
 * ("pacific standard time", "W. Europe  Standard Time "), in win; 0 if
 * none.  The names are the keys of CLDR's windowsZones table as ICU ships
 * it (a look through its 139 takes 0.01 ms; asking each of ICU's zones
 * its Windows name took 100 ms).
 */
static int
windows_spelt(const char *s, UChar *win, int32_t size)
{
	UErrorCode		 st = U_ZERO_ERROR;
	UResourceBundle		*rb, *map, *e = NULL;
	const char		*key;
	char			 want[96], got[96];
	int			 found = 0;

	windows_folded(s, want, sizeof want);
	if (want[0] == '\0')
		return 0;
	rb = ures_openDirect(NULL, "windowsZones", &st);
	map = ures_getByKey(rb, "mapTimezones", NULL, &st);
	while (!found && U_SUCCESS(st) && ures_hasNext(map)) {
		e = ures_getNextResource(map, e, &st);
		if (U_FAILURE(st) || (key = ures_getKey(e)) == NULL)
			break;
		windows_folded(key, got, sizeof got);
		if (strcmp(got, want) == 0 && strlen(key) < (size_t)size) {
			u_uastrcpy(win, key);
			found = 1;
		}
	}
	ures_close(e);
	ures_close(map);
	ures_close(rb);
	return found;
}

/*
 * The IANA zone CLDR gives a Windows zone name for the world ("001"),
 * through ICU's table of them, in buf; NULL if s is none.  The name as
 * Windows spells it, or in any case and spacing, as calendars write it
 * too: "pacific standard time", "W. Europe Standard Time " (with a
 * space after).  The one home of reading a Windows zone name.
 */
const char *
circle_zone_windows(const char *s, char *buf, size_t size)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 win[96], id[80];
	int32_t		 n = 0;

	/* A name of 96 UTF-16 units fills win unterminated: spelt only. */
	u_strFromUTF8(win, 96, NULL, s, -1, &st);
	if (st == U_STRING_NOT_TERMINATED_WARNING)
		st = U_BUFFER_OVERFLOW_ERROR;
	else if (U_SUCCESS(st) && win[0] == 0)
		return NULL;
	if (U_SUCCESS(st))
		n = ucal_getTimeZoneIDForWindowsID(win, -1, "001", id, 80,
		    &st);
	if (U_FAILURE(st) || n <= 0) {
		st = U_ZERO_ERROR;
		if (!windows_spelt(s, win, 96))
			return NULL;
		n = ucal_getTimeZoneIDForWindowsID(win, -1, "001", id, 80,
		    &st);
	}
	if (U_FAILURE(st) || n <= 0 || n >= 80)
		return NULL;
	u_strToUTF8(buf, (int32_t)size, NULL, id, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return buf;
}
