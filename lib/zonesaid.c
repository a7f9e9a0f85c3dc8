/*
 * zonesaid.c: a time zone as people say it, not as the zone database names
 * it: Eastern, Pacific Time, PST, AEST, IST, Central European.  None is
 * taken as a zone, since most stand for several (IST is India's, Sri
 * Lanka's and Ireland's summer; CST is Chicago's, Mexico City's and
 * Havana's): each gives circle_zone_check its "did you mean".  The names are
 * CLDR's, through ICU: each zone's standard, daylight and generic names,
 * long and short, in English as it is written where people say them, and
 * in the locale of this computer.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include "circle-priv.h"

/* Where English names zones by letters: EST, AEST, IST, SAST, NZDT. */
static const char *const said_locales[] = {
	"en_US", "en_GB", "en_IE", "en_AU", "en_NZ", "en_IN", "en_ZA", NULL
};

#define SAID_MAX	8	/* said_locales, and this computer's */
#define SAID_SHOWN	3	/* zones said at most */

/* One zone a name stands for, and how many of the database's are it. */
struct said_zone {
	char	id[80];
	int	n;
};

struct said {
	const char	 *s;		/* what was typed */
	const char	 *loc[SAID_MAX];
	UDateFormat	 *generic[SAID_MAX][2];	/* "Eastern Time", "ET" */
	struct said_zone *z;
	size_t		  nz;
};

/* A name ICU gives is what was typed, in any case, or is it with " Time". */
static int
said_is(const struct said *w, const UChar *u, int32_t n)
{
	UErrorCode	 st = U_ZERO_ERROR;
	char		 name[160];
	size_t		 k;

	if (n <= 0)
		return 0;
	u_strToUTF8(name, sizeof name, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return 0;
	if (strcasecmp(name, w->s) == 0)
		return 1;
	k = strlen(name);
	return k > 5 && strcasecmp(name + k - 5, " Time") == 0 &&
	    strlen(w->s) == k - 5 && strncasecmp(name, w->s, k - 5) == 0;
}

/* Whether the zone of cal is called what was typed, in locale l. */
static int
said_by(struct said *w, UCalendar *cal, size_t l)
{
	static const UCalendarDisplayNameType types[] = {
		UCAL_STANDARD, UCAL_SHORT_STANDARD, UCAL_DST, UCAL_SHORT_DST
	};
	UErrorCode	 st;
	UChar		 u[128];
	int32_t		 n;
	size_t		 t;

	for (t = 0; t < sizeof types / sizeof types[0]; t++) {
		st = U_ZERO_ERROR;
		n = ucal_getTimeZoneDisplayName(cal, types[t], w->loc[l], u,
		    128, &st);
		if (U_SUCCESS(st) && said_is(w, u, n))
			return 1;
	}
	for (t = 0; t < 2; t++) {
		if (w->generic[l][t] == NULL)
			continue;
		st = U_ZERO_ERROR;
		udat_setCalendar(w->generic[l][t], cal);
		n = udat_format(w->generic[l][t], ucal_getNow(), u, 128, NULL,
		    &st);
		if (U_SUCCESS(st) && said_is(w, u, n))
			return 1;
	}
	return 0;
}

/* Whether the zone id is called what was typed, in any of the locales. */
static int
said_zone(struct said *w, const UChar *id)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	size_t		 l;
	int		 yes = 0;

	if ((cal = ucal_open(id, -1, "en_US", UCAL_GREGORIAN, &st)) == NULL ||
	    U_FAILURE(st))
		return 0;
	for (l = 0; !yes && w->loc[l] != NULL; l++)
		yes = said_by(w, cal, l);
	ucal_close(cal);
	return yes;
}

/*
 * The zone CLDR names first for the Windows zone of id (America/Detroit is
 * Eastern Standard Time, whose zone is America/New_York), when that zone
 * too is called what was typed, or is in the country cc; else id itself.
 */
static void
said_first(struct said *w, const UChar *id, const char *cc, char *out,
    size_t size)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 win[80], first[80];
	int32_t		 n;

	n = ucal_getWindowsTimeZoneID(id, -1, win, 80, &st);
	if (U_SUCCESS(st) && n > 0 && n < 80) {
		win[n] = 0;
		n = ucal_getTimeZoneIDForWindowsID(win, -1, cc != NULL ? cc :
		    "001", first, 80, &st);
		if (U_SUCCESS(st) && n > 0 && n < 80) {
			first[n] = 0;
			if (cc != NULL || said_zone(w, first))
				id = first;
		}
	}
	st = U_ZERO_ERROR;
	u_strToUTF8(out, (int32_t)size, NULL, id, -1, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		*out = '\0';
}

/* One more of the database's zones is the zone name, as it is spelt now. */
static void
said_count(struct said *w, const char *name)
{
	size_t	i;

	name = circle_zone_current(name);
	if (!circle_tz_valid(name))
		return;
	for (i = 0; i < w->nz; i++)
		if (strcmp(w->z[i].id, name) == 0) {
			w->z[i].n++;
			return;
		}
	w->z = circle_xgrow(w->z, w->nz, sizeof *w->z);
	snprintf(w->z[w->nz].id, sizeof w->z[w->nz].id, "%s", name);
	w->z[w->nz++].n = 1;
}

/*
 * Zones the most people live by, most first, where a name or a country
 * stands for several: the zone meant is more likely a great city's than
 * one the database lists more places under (Tasmania has three, Sydney
 * and Melbourne two), and never first by its spelling (IST: Colombo
 * before Kolkata).  A zone not here comes after those that are.
 */
static const char *const said_most[] = {
	"Asia/Kolkata", "America/Sao_Paulo", "America/New_York",
	"America/Chicago", "America/Mexico_City", "Europe/Moscow",
	"Asia/Jakarta", "America/Los_Angeles", "Europe/London", "Asia/Colombo",
	"America/Argentina/Buenos_Aires", "America/Toronto", "Europe/Madrid",
	"Australia/Sydney", "America/Santiago", "America/Denver",
	"America/Guayaquil", "Asia/Almaty", "Asia/Makassar", "America/Phoenix",
	"Australia/Brisbane", "America/Tijuana", "America/Vancouver",
	"Europe/Lisbon", "Asia/Yekaterinburg", "Asia/Novosibirsk",
	"Australia/Perth", "America/Edmonton", "Australia/Adelaide",
	"Europe/Dublin", "America/Manaus", "America/Anchorage",
	"Pacific/Honolulu", NULL
};

/* Where id is in said_most, or after all of them. */
static size_t
said_rank(const char *id)
{
	size_t	i;

	for (i = 0; said_most[i] != NULL; i++)
		if (strcmp(said_most[i], id) == 0)
			break;
	return i;
}

static int
said_cmp(const void *a, const void *b)
{
	const struct said_zone	*x = a, *y = b;
	size_t			 rx = said_rank(x->id), ry = said_rank(y->id);

	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->n != y->n)
		return y->n - x->n;
	return strcmp(x->id, y->id);
}

/* A name, as typed: letters, spaces, dots and dashes, not a zone's path. */
static int
said_looks(const char *s)
{
	const char	*p;

	if (*s == '\0' || strlen(s) > 64)
		return 0;
	for (p = s; *p != '\0'; p++)
		if (strchr("/_+0123456789", *p) != NULL)
			return 0;
	return 1;
}

static void
said_open(struct said *w)
{
	static const char *const pattern[2] = { "vvvv", "v" };
	const char	*here = uloc_getDefault();
	UErrorCode	 st;
	UChar		 u[8];
	size_t		 l, t, n = 0;

	for (l = 0; said_locales[l] != NULL; l++)
		w->loc[n++] = said_locales[l];
	if (here != NULL && strncmp(here, "en", 2) != 0 &&
	    strcmp(here, "root") != 0 && n < SAID_MAX - 1)
		w->loc[n++] = here;
	for (l = 0; l < n; l++)
		for (t = 0; t < 2; t++) {
			st = U_ZERO_ERROR;
			u_uastrcpy(u, pattern[t]);
			w->generic[l][t] = udat_open(UDAT_PATTERN, UDAT_PATTERN,
			    w->loc[l], NULL, 0, u, -1, &st);
			if (U_FAILURE(st)) {
				udat_close(w->generic[l][t]);
				w->generic[l][t] = NULL;
			}
		}
}

static void
said_close(struct said *w)
{
	size_t	l, t;

	for (l = 0; l < SAID_MAX; l++)
		for (t = 0; t < 2; t++)
			if (w->generic[l][t] != NULL)
				udat_close(w->generic[l][t]);
	free(w->z);
}

/*
 * The zones in w, as "A" or "A or B or C": those of the most people first
 * (said_most), then most of the database's; unless all, none that fewer
 * than half as many of the database's zones as the most are, unless it
 * is in said_most.
 */
static char *
said_list(struct said *w, int all)
{
	char	*out = NULL;
	size_t	 i, shown;
	int	 most = 0;

	if (w->nz > 0)
		qsort(w->z, w->nz, sizeof *w->z, said_cmp);
	for (i = 0; i < w->nz; i++)
		if (w->z[i].n > most)
			most = w->z[i].n;
	for (i = 0, shown = 0; i < w->nz && shown < SAID_SHOWN; i++)
		if (all || 2 * w->z[i].n >= most ||
		    said_most[said_rank(w->z[i].id)] != NULL) {
			circle_xappend(&out, " or ", "%s", w->z[i].id);
			shown++;
		}
	return out;
}

/*
 * Countries said otherwise than CLDR names them in English: United
 * Kingdom and United States are its names.
 */
static const char *const said_countries[][2] = {
	{ "UK", "GB" }, { "U.K.", "GB" }, { "Britain", "GB" },
	{ "Great Britain", "GB" }, { "England", "GB" }, { "Scotland", "GB" },
	{ "Wales", "GB" }, { "Northern Ireland", "GB" }, { "US", "US" },
	{ "U.S.", "US" }, { "USA", "US" }, { "U.S.A.", "US" },
	{ "United States of America", "US" }, { "America", "US" },
	{ NULL, NULL }
};

/*
 * Letters people say a zone by that CLDR's English has for none (it has
 * EST, PST, AEST, IST): without them MSK was taken for a misspelt
 * Asia/Omsk, three hours off.
 */
static const char *const said_letters[][2] = {
	{ "MSK", "Europe/Moscow" }, { "JST", "Asia/Tokyo" },
	{ "KST", "Asia/Seoul" }, { "HKT", "Asia/Hong_Kong" },
	{ "SGT", "Asia/Singapore" }, { "PHT", "Asia/Manila" },
	{ "PKT", "Asia/Karachi" }, { "WIB", "Asia/Jakarta" },
	{ "TRT", "Europe/Istanbul" }, { "MEZ", "Europe/Berlin" },
	{ "MESZ", "Europe/Berlin" }, { NULL, NULL }
};

/* A country whose name is also a place with another zone. */
static const char *const said_also[][2] = {
	{ "GE", " (or America/New_York, for the US state)" },
};

/* The ISO code of the country s names in English, in cc; 0 if none. */
static int
said_country(const char *s, char cc[3])
{
	const char *const	*iso = uloc_getISOCountries();
	UErrorCode		 st;
	UChar			 u[128];
	char			 loc[8];
	size_t			 i;
	int32_t			 n;
	struct said		 w = { .s = s };

	for (i = 0; said_countries[i][0] != NULL; i++)
		if (strcasecmp(s, said_countries[i][0]) == 0) {
			memcpy(cc, said_countries[i][1], 3);
			return 1;
		}
	for (i = 0; iso != NULL && iso[i] != NULL; i++) {
		st = U_ZERO_ERROR;
		snprintf(loc, sizeof loc, "_%s", iso[i]);
		n = uloc_getDisplayCountry(loc, "en", u, 128, &st);
		if (U_SUCCESS(st) && strlen(iso[i]) == 2 && said_is(&w, u, n)) {
			memcpy(cc, iso[i], 3);
			return 1;
		}
	}
	return 0;
}

/*
 * The zones of the country s names, first those most of its zones are
 * (the United States: New York, Chicago, Denver), in *out; the number of
 * them, 0 when s is no country.
 */
static size_t
said_country_zones(const char *s, char **out)
{
	struct said	 w;
	UEnumeration	*en;
	UErrorCode	 st = U_ZERO_ERROR;
	const UChar	*id;
	char		 cc[3], name[80];
	size_t		 n, i;
	int32_t		 k;

	if (!said_country(s, cc))
		return 0;
	memset(&w, 0, sizeof w);
	en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION,
	    cc, NULL, &st);
	while (U_SUCCESS(st) && en != NULL &&
	    (id = uenum_unext(en, &k, &st)) != NULL && U_SUCCESS(st)) {
		said_first(&w, id, cc, name, sizeof name);
		if (*name != '\0')
			said_count(&w, name);
	}
	uenum_close(en);
	n = w.nz;
	*out = said_list(&w, 1);
	free(w.z);
	for (i = 0; *out != NULL && i < sizeof said_also / sizeof said_also[0];
	    i++)
		if (strcmp(cc, said_also[i][0]) == 0)
			circle_xappend(out, "", "%s", said_also[i][1]);
	return n;
}

/*
 * The zones a person who typed s most likely means, as "A" or "A or B or
 * C", in *out, and what s is: SAID_NAME for a zone's name (Eastern, PST,
 * AEST: most of the database's zones called so first, and none called so
 * by fewer than half as many as the first, so that Eastern is New York's
 * and not also Nassau's), or a place Windows names a zone by (Arizona),
 * else a Windows zone name (W. Europe Standard Time);
 * SAID_COUNTRY for a country (Germany, UK), SAID_COUNTRIES for one with
 * several zones; 0, *out NULL, when s is none of these.
 */
static int
said_named(const char *s, char **out)
{
	struct said	 w;
	UEnumeration	*en;
	UErrorCode	 st = U_ZERO_ERROR;
	const UChar	*id;
	const char	*win;
	char		 name[80], zone[80];
	int32_t		 n;
	size_t		 many, i;

	*out = NULL;
	if (!said_looks(s))
		return 0;
	for (i = 0; said_letters[i][0] != NULL; i++)
		if (strcasecmp(s, said_letters[i][0]) == 0) {
			*out = circle_xstrdup(said_letters[i][1]);
			return SAID_NAME;
		}
	if ((many = said_country_zones(s, out)) > 0)
		return many > 1 ? SAID_COUNTRIES : SAID_COUNTRY;
	if ((win = circle_zone_windows_place(s, name, sizeof name)) != NULL &&
	    (win = circle_zone_windows(win, zone, sizeof zone)) != NULL) {
		*out = circle_xstrdup(circle_zone_current(win));
		return SAID_NAME;
	}
	memset(&w, 0, sizeof w);
	w.s = s;
	said_open(&w);
	en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION,
	    NULL, NULL, &st);
	while (U_SUCCESS(st) && en != NULL &&
	    (id = uenum_unext(en, &n, &st)) != NULL && U_SUCCESS(st))
		if (said_zone(&w, id)) {
			said_first(&w, id, NULL, name, sizeof name);
			if (*name != '\0')
				said_count(&w, name);
		}
	uenum_close(en);
	*out = said_list(&w, 0);
	said_close(&w);
	if (*out != NULL)
		return SAID_NAME;
	/*
	 * A Windows zone name ("W. Europe Standard Time") when people call no
	 * zone so: "Arabian Standard Time" is said of Riyadh and is Windows'
	 * name of Dubai's; "Samoa Standard Time" of Pago Pago, and Windows'
	 * of Apia's, a day apart.  Not one of its UTC's ("utc" is spelt as
	 * UTC is, not said).
	 */
	if ((win = circle_zone_windows(s, zone, sizeof zone)) == NULL ||
	    strncmp(win, "Etc/", 4) == 0)
		return 0;
	*out = circle_xstrdup(circle_zone_current(win));
	return SAID_NAME;
}

/*
 * circle_zone_said of s said with "zone" after it too ("Eastern time
 * zone", "Pacific timezone", "Central zone"), as people write it.
 */
int
circle_zone_said(const char *s, char **out)
{
	static const char *const tails[][2] = {
		{ " time zone", " time" }, { " timezone", " time" },
		{ " zone", "" },
	};
	char	*plain;
	size_t	 i, n = strlen(s), k;
	int	 rc;

	for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
		k = strlen(tails[i][0]);
		if (n > k && strcasecmp(s + n - k, tails[i][0]) == 0) {
			circle_xasprintf(&plain, "%.*s%s", (int)(n - k), s,
			    tails[i][1]);
			rc = said_named(plain, out);
			free(plain);
			return rc;
		}
	}
	return said_named(s, out);
}
