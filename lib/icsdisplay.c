/*
 * icsdisplay.c: the zone of a Windows display name with no VTIMEZONE
 * ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
 * "(UTC-05:00) Eastern Time (US & Canada)"), in English or another
 * language, for icszone.c.  Moved out of icszone.c.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>
#include <unicode/ucal.h>
#include <unicode/udata.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "circle-priv.h"
#include "icsimport.h"

#define UNKNOWN		"not a time zone circle knows"
/* ICU's trees of zone names and of country names (its uresimp.h's). */
#define ICU_ZONES	U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "zone"
#define ICU_REGIONS	U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region"

/* A zone's standard offset from UTC now, in minutes; -1440 if unknown. */
static int
standard_minutes(const char *name)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	int		 off;

	if ((cal = circle_ics_zone_calendar(name)) == NULL)
		return -1440;
	off = ucal_get(cal, UCAL_ZONE_OFFSET, &st) / 60000;
	ucal_close(cal);
	return U_SUCCESS(st) ? off : -1440;
}

/*
 * Whether minutes is a zone's standard offset: ICU's, or libical's from
 * the system's newer tzdata (circle_ics_zone_standard), so that an older
 * Windows' "(UTC-03:00) Greenland" and a newer one's "(UTC-02:00)" are
 * both Nuuk.
 */
int
circle_ics_standard_is(const char *name, int minutes)
{
	return standard_minutes(name) == minutes ||
	    circle_ics_zone_standard(name, minutes);
}

/*
 * Windows' display name of a zone with no VTIMEZONE, as some Exchange,
 * WebEx and OBM calendars write it: "(UTC+01:00) Amsterdam, Berlin, Bern,
 * Rome, Stockholm, Vienna", "(UTC-05:00) Eastern Time (US & Canada)",
 * "Pacific Time (US & Canada),Tijuana".  "Eastern Time" is Windows'
 * "Eastern Standard Time"; else a zone whose city it names, with the
 * standard offset it begins with: the group's, else the one CLDR names
 * first for its Windows zone, else the first.
 */
/* Whether the Windows zone CLDR gives an IANA zone names place. */
static int
windows_says(const char *id, const char *place, size_t n)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[80], win[80];
	char		 w[96];
	const char	*p;
	int32_t		 k;

	circle_ics_zone_uchars(id, u, 80);
	k = ucal_getWindowsTimeZoneID(u, -1, win, 80, &st);
	if (U_FAILURE(st) || k <= 0 || k >= 80)
		return 0;
	win[k] = 0;
	u_strToUTF8(w, sizeof w, NULL, win, -1, &st);
	for (p = w; U_SUCCESS(st) && *p != '\0'; p++)
		if (strncasecmp(p, place, n) == 0)
			return 1;
	return 0;
}

/*
 * The zone whose English standard name (CLDR's, as ICU gives it:
 * "Brasilia Standard Time", "Hawaii-Aleutian Standard Time") begins
 * with the place a Windows display name gives alone ("(UTC-03:00)
 * Brasilia", "(UTC-10:00) Hawaii", "(UTC-03:30) Newfoundland"), with its
 * standard offset: the group's, else one whose Windows zone names the
 * place ("Hawaiian Standard Time": Honolulu, not Adak), else the first;
 * NULL when the best of them keep other clocks over the dates imported.
 */
static char *
metazone_zone(struct imp *x, const char *tzid, const char *rest, int off)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UEnumeration	*en;
	UCalendar	*cal;
	UChar		 u[96];
	const char	*id;
	char		 std[96], *best = NULL;
	size_t		 n = strcspn(rest, ",(");
	struct offsets	 o;
	int		 rank, best_rank = 0, ok, clash = 0;

	while (n > 0 && rest[n - 1] == ' ')
		n--;
	if (n < 3 || (en = ucal_openTimeZoneIDEnumeration(
	    UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &st)) == NULL)
		return NULL;
	memset(&o, 0, sizeof o);
	circle_ics_imported_span(x, tzid, &o.start, &o.end);
	while ((id = uenum_next(en, NULL, &st)) != NULL && U_SUCCESS(st)) {
		if ((cal = circle_ics_zone_calendar(id)) == NULL)
			continue;
		ucal_getTimeZoneDisplayName(cal, UCAL_STANDARD, "en", u, 96,
		    &st);
		u_strToUTF8(std, sizeof std, NULL, u, -1, &st);
		ucal_close(cal);
		ok = U_SUCCESS(st) && strncasecmp(std, rest, n) == 0 &&
		    (std[n] == ' ' || std[n] == '-') &&
		    circle_ics_standard_is(id, off);
		st = U_ZERO_ERROR;
		if (!ok)
			continue;
		rank = x->gtz != NULL && strcmp(id, x->gtz) == 0 ? 3 :
		    windows_says(id, rest, n) ? 2 : 1;
		if (rank > best_rank) {
			free(best);
			best = circle_xstrdup(id);
			best_rank = rank;
			circle_ics_offsets_release(&o);
			circle_ics_imported_span(x, tzid, &o.start, &o.end);
			clash = circle_ics_zone_offsets(best, 1, &o) == -1;
		} else if (rank == best_rank &&
		    circle_ics_iana_apart(id, &o) != 0)
			clash = 1;
	}
	uenum_close(en);
	circle_ics_offsets_release(&o);
	if (clash) {
		free(best);
		return NULL;
	}
	return best;
}

/* The zone CLDR gives for the world to id's Windows zone, or NULL. */
static char *
windows_golden(const char *id)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[80], win[80];
	char		 w[96];
	int32_t		 k;

	circle_ics_zone_uchars(id, u, 80);
	k = ucal_getWindowsTimeZoneID(u, -1, win, 80, &st);
	if (U_FAILURE(st) || k <= 0 || k >= 80)
		return NULL;
	u_strToUTF8(w, sizeof w, NULL, win, k, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING)
		return NULL;
	return circle_ics_windows_name(w);
}

/*
 * The zone a display name in another language than English names by a
 * place (German Outlook's "(UTC+01:00) Amsterdam, Berlin, Bern, Rom,
 * Stockholm, Wien", "(UTC-03:00) Brasília"; circle_zone_cities), with the
 * standard offset it begins with: the group's, else the first place's,
 * or the zone CLDR gives its Windows zone when that keeps the same clocks
 * over the dates imported (the name is that Windows zone's: Berlin, not
 * Amsterdam); NULL with *why when the places named are zones that keep
 * other clocks over those dates.
 */
static char *
city_zone(struct imp *x, const char *tzid, const char *rest, int off,
    char **why)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UEnumeration	*en;
	struct circle_err e;
	struct offsets	 o;
	const char	*id;
	char		**ids = NULL, *best = NULL, *golden = NULL;
	size_t		 i, n = 0, *at, b = 0, k;

	if ((en = ucal_openTimeZoneIDEnumeration(
	    UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &st)) == NULL)
		return NULL;
	/* Near the offset by ICU first: the system's are slower to read. */
	while ((id = uenum_next(en, NULL, &st)) != NULL && U_SUCCESS(st))
		if (abs(standard_minutes(id) - off) <= 60) {
			ids = circle_xgrow(ids, n, sizeof *ids);
			ids[n++] = circle_xstrdup(id);
		}
	uenum_close(en);
	at = circle_xreallocarray(NULL, n + 1, sizeof *at);
	circle_zone_cities(rest, (const char *const *)ids, n, at);
	for (i = 0; i < n; i++)
		if (at[i] != 0 && (!circle_ics_standard_is(ids[i], off) ||
		    circle_zone_check("TZID", ids[i], &e) == -1))
			at[i] = 0;
	for (i = 0; i < n; i++)
		if (at[i] != 0 && (best == NULL || at[i] < at[b] ||
		    (x->gtz != NULL && strcmp(ids[i], x->gtz) == 0))) {
			best = ids[i];
			b = i;
			if (x->gtz != NULL && strcmp(best, x->gtz) == 0)
				break;
		}
	k = n;
	memset(&o, 0, sizeof o);
	circle_ics_imported_span(x, tzid, &o.start, &o.end);
	if (best != NULL && (x->gtz == NULL || strcmp(best, x->gtz) != 0) &&
	    circle_ics_zone_offsets(best, 1, &o) == 0) {
		for (k = 0; k < n; k++)
			if (at[k] != 0 && k != b &&
			    circle_ics_iana_apart(ids[k], &o) != 0)
				break;
		if (k == n && (golden = windows_golden(best)) != NULL &&
		    circle_ics_iana_apart(golden, &o) == 0)
			best = golden;
	}
	circle_ics_offsets_release(&o);
	if (best != NULL && k < n)
		circle_xasprintf(why, "%s: its places are in %s and %s, which "
		    "keep other clocks over the dates imported; write for it "
		    "the IANA name of the one meant", UNKNOWN, ids[b], ids[k]);
	best = best != NULL && k == n ? circle_xstrdup(best) : NULL;
	free(golden);
	free(at);
	circle_strv_free(ids, n);
	return best;
}

/* --- A zone's name in another language --- */

/* Whether the group's zone keeps zone's clocks for a year from start. */
static int
group_keeps(const char *gtz, const char *zone, long long start)
{
	struct offsets	o;
	int		keeps;

	memset(&o, 0, sizeof o);
	o.start = start;
	o.end = start + 366 * 86400LL;
	keeps = circle_ics_zone_offsets(zone, 1, &o) == 0 &&
	    circle_ics_iana_apart(gtz, &o) == 0;
	circle_ics_offsets_release(&o);
	return keeps;
}

/*
 * Of zones (a name's candidates, n of them), the one a TZID means when
 * they all keep the same clocks over the dates imported: the group's
 * when it keeps the first's for a year from them too (Lagos is not
 * "Mitteleuropäische Zeit" for one event in January), else the first;
 * NULL with *why naming two that do not, and what to write.
 */
static char *
one_clock(struct imp *x, const char *tzid, char **zones, size_t n,
    char **why)
{
	struct offsets	 o;
	size_t		 i;
	char		*z = NULL;

	if (n == 0)
		return NULL;
	memset(&o, 0, sizeof o);
	circle_ics_imported_span(x, tzid, &o.start, &o.end);
	if (circle_ics_zone_offsets(zones[0], 1, &o) == -1) {
		circle_ics_offsets_release(&o);
		return NULL;
	}
	for (i = 1; i < n; i++)
		if (circle_ics_iana_apart(zones[i], &o) != 0)
			break;
	if (i < n)
		circle_xasprintf(why, "%s: it is a name of %s and of %s, which "
		    "keep other clocks over the dates imported; write for it "
		    "the IANA name of the one meant, or give --zone", UNKNOWN,
		    zones[0], zones[i]);
	else if (x->gtz != NULL && group_keeps(x->gtz, zones[0], o.start))
		z = circle_xstrdup(x->gtz);
	else
		z = circle_xstrdup(zones[0]);
	circle_ics_offsets_release(&o);
	return z;
}

/* Add s (a zone, a country) to a list of n, once. */
static void
list_add(char ***list, size_t *n, const char *s)
{
	size_t	i;

	for (i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return;
	*list = circle_xgrow(*list, *n, sizeof **list);
	(*list)[(*n)++] = circle_xstrdup(s);
}

/*
 * A name of ICU's resource r under key, folded, in buf; 0 if it has none.
 */
static int
bundle_folded(UResourceBundle *r, const char *key, char *buf, size_t size)
{
	UErrorCode	 st = U_ZERO_ERROR;
	const UChar	*u;
	char		 s[192], *f;
	int32_t		 n;

	u = ures_getStringByKey(r, key, &n, &st);
	if (U_FAILURE(st) || n <= 0 || n >= 96)
		return 0;
	u_strToUTF8(s, sizeof s, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
	    (f = circle_name_fold(s)) == NULL)
		return 0;
	snprintf(buf, size, "%s", f);
	free(f);
	return 1;
}

/*
 * The metazone a zone's entries of CLDR's metazoneInfo (z) say it is in
 * now, in buf: the last, if it has no end or ends in 9999 ("America/Merida"
 * is in America_Central since 1982; Africa/Casablanca in none since
 * 2018); 0 if none.
 */
static int
metazone_now(UResourceBundle *z, char *buf, size_t size)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UResourceBundle	*last;
	const UChar	*m, *to = NULL;
	int32_t		 len, tolen = 0;
	int		 now;

	last = ures_getByIndex(z, ures_getSize(z) - 1, NULL, &st);
	m = ures_getStringByIndex(last, 0, &len, &st);
	if (U_SUCCESS(st) && ures_getSize(last) >= 3)
		to = ures_getStringByIndex(last, 2, &tolen, &st);
	now = U_SUCCESS(st) && len > 0 && (size_t)len < size &&
	    u_strlen(m) == len && (to == NULL || (tolen >= 4 &&
	    to[0] == '9' && to[1] == '9' && to[2] == '9' && to[3] == '9'));
	if (now) {
		u_austrncpy(buf, m, len);
		buf[len] = '\0';
	}
	ures_close(last);
	return now;
}

/*
 * Whether a zone is in a metazone now (metazone_now): America/Phoenix is
 * in America_Mountain, Australia/Brisbane in Australia_Eastern, though
 * they keep no summer time.
 */
static int
metazone_has(const char *mz, const char *zone)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UResourceBundle	*rb, *info, *z;
	UChar		 u[80], canon[80];
	UBool		 sys;
	char		 key[96], now[96], *p;
	int32_t		 len;
	int		 has;

	circle_ics_zone_uchars(zone, u, 80);
	len = ucal_getCanonicalTimeZoneID(u, -1, canon, 80, &sys, &st);
	if (U_FAILURE(st) || len <= 0 || len >= 80)
		return 0;
	u_austrncpy(key, canon, len);
	key[len] = '\0';
	for (p = key; *p != '\0'; p++)
		if (*p == '/')
			*p = ':';
	rb = ures_openDirect(NULL, "metaZones", &st);
	info = ures_getByKey(rb, "metazoneInfo", NULL, &st);
	z = ures_getByKey(info, key, NULL, &st);
	has = U_SUCCESS(st) && metazone_now(z, now, sizeof now) &&
	    strcmp(now, mz) == 0;
	ures_close(z);
	ures_close(info);
	ures_close(rb);
	return has;
}

/*
 * The zones in a metazone now (metazone_now) with the standard offset of
 * its zone for the world (golden), added to zones: a region's standard
 * time is every one of them's, America/Phoenix's as well as
 * America/Denver's (not America/Ojinaga's, which CLDR has there still,
 * in Central time since 2022 by the system's tzdata).
 */
static void
metazone_zones(const char *mz, const char *golden, char ***zones,
    size_t *n)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UResourceBundle	*rb, *info, *z = NULL;
	const char	*key;
	char		 id[96], *p;
	int		 std = standard_minutes(golden);

	rb = ures_openDirect(NULL, "metaZones", &st);
	info = ures_getByKey(rb, "metazoneInfo", NULL, &st);
	while (U_SUCCESS(st) && ures_hasNext(info)) {
		z = ures_getNextResource(info, z, &st);
		if (U_FAILURE(st) || (key = ures_getKey(z)) == NULL)
			break;
		if (!metazone_now(z, id, sizeof id) || strcmp(id, mz) != 0)
			continue;
		snprintf(id, sizeof id, "%s", key);
		for (p = id; *p != '\0'; p++)
			if (*p == ':')
				*p = '/';
		if (circle_tz_valid(id) && circle_ics_zone_standard(id, std))
			list_add(zones, n, id);
	}
	ures_close(z);
	ures_close(info);
	ures_close(rb);
}

/*
 * The next entry of a CLDR mapTimezones table (metaZones' or
 * windowsZones') whose golden zone (its "001") keeps the standard offset
 * off, when have: its key and that zone in g; 0 at the end.
 */
static int
golden_next(UResourceBundle *map, UResourceBundle **e, const char **key,
    char g[80], int have, int off)
{
	UErrorCode	 st = U_ZERO_ERROR;
	const UChar	*u;
	int32_t		 len;

	while (ures_hasNext(map)) {
		*e = ures_getNextResource(map, *e, &st);
		if (U_FAILURE(st) || (*key = ures_getKey(*e)) == NULL)
			return 0;
		u = ures_getStringByKey(*e, "001", &len, &st);
		if (U_FAILURE(st) || len <= 0 || len >= 80) {
			st = U_ZERO_ERROR;
			continue;
		}
		u_austrncpy(g, u, len);
		g[len] = '\0';
		if (have && !circle_ics_standard_is(g, off))
			continue;
		return 1;
	}
	return 0;
}

/*
 * The zones a name is, in any language ICU has, as CLDR names the zones
 * most of a region keep ("Mitteleuropäische Zeit", "heure d'Europe
 * centrale", "hora del Pacífico": its metazones' long names, generic and
 * standard), with the standard offset the name begins with (have): the
 * zone CLDR gives each for the world, added to zones, and the group's
 * (gtz) when it is in that region too, for one_clock to weigh: Phoenix
 * is in the region of "heure des Rocheuses" and keeps no summer time.
 * A name of a region's standard time ("heure normale des Rocheuses") is
 * every zone's of it: its metazone and its zone for the world, a space
 * apart, are added to standard, for metazone_zones.
 */
static void
metazones_named(const char *name, const char *gtz, int have, int off,
    char ***zones, size_t *n, char ***standard, size_t *nstandard)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UResourceBundle	*rb, *map, *e = NULL, *loc, *zs, *m;
	const char	*key, *l;
	char		**mz = NULL, **gold = NULL, g[80], key2[96], s[192];
	char		 pair[192];
	char		*want;
	size_t		 nmz = 0, i, k;
	int32_t		 j, nloc = uloc_countAvailable();

	if ((want = circle_name_fold(name)) == NULL)
		return;
	rb = ures_openDirect(NULL, "metaZones", &st);
	map = ures_getByKey(rb, "mapTimezones", NULL, &st);
	while (U_SUCCESS(st) && golden_next(map, &e, &key, g, have, off)) {
		mz = circle_xgrow(mz, nmz, sizeof *mz);
		gold = circle_xgrow(gold, nmz, sizeof *gold);
		mz[nmz] = circle_xstrdup(key);
		gold[nmz++] = circle_xstrdup(g);
	}
	ures_close(e);
	ures_close(map);
	ures_close(rb);
	for (j = 0; j < nloc; j++) {
		l = uloc_getAvailable(j);
		if (!circle_locale_own(l))
			continue;
		st = U_ZERO_ERROR;
		loc = ures_open(ICU_ZONES, l, &st);
		zs = ures_getByKey(loc, "zoneStrings", NULL, &st);
		for (i = 0; U_SUCCESS(st) && i < nmz; i++) {
			snprintf(key2, sizeof key2, "meta:%s", mz[i]);
			m = ures_getByKey(zs, key2, NULL, &st);
			for (k = 0; k < 2 && U_SUCCESS(st); k++)
				if (bundle_folded(m, k == 0 ? "lg" : "ls", s,
				    sizeof s) && strcmp(s, want) == 0) {
					list_add(zones, n, gold[i]);
					if (gtz != NULL &&
					    metazone_has(mz[i], gtz))
						list_add(zones, n, gtz);
					snprintf(pair, sizeof pair, "%s %s",
					    mz[i], gold[i]);
					if (k == 1)
						list_add(standard, nstandard,
						    pair);
				}
			ures_close(m);
			st = U_ZERO_ERROR;
		}
		ures_close(zs);
		ures_close(loc);
	}
	circle_strv_free(mz, nmz);
	circle_strv_free(gold, nmz);
	free(want);
}

/*
 * s folded, as words one space apart, dots left out ("EE.UU. y Canadá"
 * is "eeuu y canada", "États-Unis" "etats unis"), in a new string.
 */
static char *
words_folded(const char *s)
{
	char	*f, *out;
	size_t	 i, n = 0;

	if ((f = circle_name_fold(s)) == NULL)
		return NULL;
	out = circle_xmalloc(strlen(f) + 1);
	for (i = 0; f[i] != '\0'; i++) {
		if (f[i] == '.')
			continue;
		if (isalnum((unsigned char)f[i]) || (unsigned char)f[i] >= 0x80)
			out[n++] = f[i];
		else if (n > 0 && out[n - 1] != ' ')
			out[n++] = ' ';
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	free(f);
	return out;
}

/*
 * Whether words (words_folded) has name, folded so too, as words of its
 * own, its spaces or theirs passed over: "eeuu" is in "eeuu y canada",
 * and so is "ee uu".
 */
static int
words_have(const char *words, const char *name)
{
	const char	*w, *p, *q;

	for (w = words; *w != '\0'; w++) {
		if (w != words && w[-1] != ' ')
			continue;
		for (p = w, q = name; *q != '\0'; ) {
			if (*q == ' ')
				q++;
			else if (*p == ' ')
				p++;
			else if (*p == *q) {
				p++;
				q++;
			} else
				break;
		}
		if (*q == '\0' && (*p == '\0' || *p == ' '))
			return 1;
	}
	return 0;
}

/*
 * Which of the n countries cc words names, in any language ICU has (its
 * name or its short name: "Canadá", "EE. UU.", "USA"), added to named.
 * Each language's table is opened once.
 */
static void
countries_named(const char *words, char **cc, size_t n, char ***named,
    size_t *nnamed)
{
	static const char *const tables[] = { "Countries", "Countries%short" };
	UErrorCode	 st;
	UResourceBundle	*rb, *c;
	const char	*l;
	char		 s[192], *w, *found;
	size_t		 i, k;
	int32_t		 j, nloc = uloc_countAvailable();

	found = circle_xmalloc(n + 1);
	memset(found, 0, n + 1);
	for (j = 0; j < nloc; j++) {
		l = uloc_getAvailable(j);
		if (!circle_locale_own(l))
			continue;
		st = U_ZERO_ERROR;
		rb = ures_open(ICU_REGIONS, l, &st);
		for (k = 0; U_SUCCESS(st) && k < 2; k++) {
			c = ures_getByKey(rb, tables[k], NULL, &st);
			for (i = 0; U_SUCCESS(st) && i < n; i++) {
				if (found[i] || !bundle_folded(c, cc[i], s,
				    sizeof s) || (w = words_folded(s)) == NULL)
					continue;
				found[i] = w[0] != '\0' && words_have(words, w);
				free(w);
			}
			ures_close(c);
			st = U_ZERO_ERROR;
		}
		ures_close(rb);
	}
	for (i = 0; i < n; i++)
		if (found[i])
			list_add(named, nnamed, cc[i]);
	free(found);
}

/*
 * Whether a word of a Windows zone's English name (not Standard, Time
 * nor its region in brackets) and a word of words begin alike: their
 * first five letters, or the whole of one of four: "Pacific" and French
 * "Pacifique", "Alaskan" and "Alaska".
 */
static int
english_word(const char *win, const char *words)
{
	char		 w[96], *t, *last;
	const char	*p;
	size_t		 n, k;

	snprintf(w, sizeof w, "%s", win);
	if ((t = strchr(w, '(')) != NULL)
		*t = '\0';
	for (t = strtok_r(w, " .-", &last); t != NULL;
	    t = strtok_r(NULL, " .-", &last)) {
		if ((n = strlen(t)) < 4 || strcasecmp(t, "Standard") == 0 ||
		    strcasecmp(t, "Time") == 0)
			continue;
		for (p = words; *p != '\0'; p += *p == ' ') {
			k = strcspn(p, " ");
			if (k >= 4 && strncasecmp(p, t, k < n ? (k < 5 ? k :
			    5) : (n < 5 ? n : 5)) == 0)
				return 1;
			p += k;
		}
	}
	return 0;
}

/* A Windows zone, its zone for the world and its countries (" US CA "). */
struct winzone {
	char	*key;
	char	*golden;
	char	*cc;
};

/*
 * The Windows zones of CLDR's windowsZones with the standard offset a
 * name begins with (have), and which countries of theirs the words of
 * its brackets name (in *named); their number.
 */
static size_t
winzones(const char *words, int have, int off, struct winzone **out,
    char ***named, size_t *nnamed)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UResourceBundle	*rb, *map, *e = NULL, *t = NULL;
	struct winzone	*w = NULL;
	const char	*key, *cc;
	char		 g[80], **tried = NULL;
	size_t		 n = 0, ntried = 0;

	rb = ures_openDirect(NULL, "windowsZones", &st);
	map = ures_getByKey(rb, "mapTimezones", NULL, &st);
	while (U_SUCCESS(st) && golden_next(map, &e, &key, g, have, off)) {
		w = circle_xgrow(w, n, sizeof *w);
		w[n].key = circle_xstrdup(key);
		w[n].golden = circle_xstrdup(g);
		w[n].cc = circle_xstrdup(" ");
		while (ures_hasNext(e)) {
			t = ures_getNextResource(e, t, &st);
			if (U_FAILURE(st) || (cc = ures_getKey(t)) == NULL ||
			    strlen(cc) != 2 || strcmp(cc, "ZZ") == 0) {
				st = U_ZERO_ERROR;
				continue;
			}
			circle_xappend(&w[n].cc, "", "%s ", cc);
			list_add(&tried, &ntried, cc);
		}
		n++;
	}
	ures_close(t);
	ures_close(e);
	ures_close(map);
	ures_close(rb);
	countries_named(words, tried, ntried, named, nnamed);
	circle_strv_free(tried, ntried);
	*out = w;
	return n;
}

/* Whether a Windows zone has each of the n countries named. */
static int
winzone_has(const struct winzone *w, char **named, size_t n)
{
	char	want[5];
	size_t	i;

	for (i = 0; i < n; i++) {
		snprintf(want, sizeof want, " %s ", named[i]);
		if (strstr(w->cc, want) == NULL)
			return 0;
	}
	return 1;
}

/*
 * The zones of a display name in another language by the countries its
 * brackets name, as Windows writes its own names ("Hora del este
 * (EE.UU. y Canadá)", "Pacifique (États-Unis et Canada)": Eastern and
 * Pacific Time (US & Canada)): the Windows zones with the standard offset
 * the name begins with (have) that have all the countries named; of
 * several, or with no offset, those with a word of their English name in
 * it.  The zone CLDR gives each for the world is added to zones.
 */
static void
windows_countries(const char *rest, int have, int off, char ***zones,
    size_t *n)
{
	struct winzone	*w;
	const char	*open;
	char		*words, *part, **named = NULL;
	size_t		 nw, nnamed = 0, i, kept = 0;
	int		 worded;

	if ((open = strrchr(rest, '(')) == NULL || open == rest ||
	    rest[strlen(rest) - 1] != ')' ||
	    (words = words_folded(open)) == NULL)
		return;
	part = words_folded(rest);
	part[strlen(part) - strlen(words)] = '\0';
	nw = winzones(words, have, off, &w, &named, &nnamed);
	/* Without an offset, only by their words. */
	for (worded = 1; nnamed > 0 && worded >= !have && kept == 0; worded--)
		for (i = 0; i < nw; i++)
			if (winzone_has(&w[i], named, nnamed) &&
			    (!worded || english_word(w[i].key, part))) {
				list_add(zones, n, w[i].golden);
				kept++;
			}
	for (i = 0; i < nw; i++) {
		free(w[i].key);
		free(w[i].golden);
		free(w[i].cc);
	}
	free(w);
	circle_strv_free(named, nnamed);
	free(part);
	free(words);
}

/*
 * The zone of a display name in another language that names no city
 * (Windows' own names, with or without their offset: "(UTC+01:00)
 * Mitteleuropäische Zeit", "(UTC-05:00) Hora del este (EE.UU. y
 * Canadá)"): a name of a region's zones as CLDR writes it, else the
 * Windows zones of the countries in its brackets, with the region's
 * zones its name without them names; when that is zones that keep other
 * clocks, NULL with *why.
 */
static char *
localized_zone(struct imp *x, const char *tzid, const char *rest, int have,
    int off, char **why)
{
	const char	*open;
	char		**zones = NULL, **standard = NULL, *name, *z, *golden;
	size_t		 n = 0, nstandard = 0, k;

	metazones_named(rest, x->gtz, have, off, &zones, &n, &standard,
	    &nstandard);
	if (n == 0 && (open = strrchr(rest, '(')) != NULL && open > rest) {
		for (k = (size_t)(open - rest); k > 0 && rest[k - 1] == ' ';
		    k--)
			;
		name = circle_xstrndup(rest, k);
		metazones_named(name, x->gtz, have, off, &zones, &n,
		    &standard, &nstandard);
		free(name);
		/*
		 * Its brackets' countries weighed too: "Hora estándar central
		 * (México)" is Mexico City's, not only Chicago's.
		 */
		windows_countries(rest, have, off, &zones, &n);
	} else if (n == 0)
		windows_countries(rest, have, off, &zones, &n);
	/*
	 * A region's standard time: every zone's of it, named last; not
	 * with brackets, which say its countries ("Eastern Standard Time
	 * (US & Canada)" is not Cancún's).
	 */
	for (k = 0; k < nstandard && strchr(rest, '(') == NULL; k++) {
		golden = strchr(standard[k], ' ');
		*golden++ = '\0';
		metazone_zones(standard[k], golden, &zones, &n);
	}
	z = one_clock(x, tzid, zones, n, why);
	circle_strv_free(standard, nstandard);
	circle_strv_free(zones, n);
	return z;
}

/*
 * The zone of a place whose name several share ("San José"), alone in a
 * TZID: the one with the standard offset the name begins with (have),
 * or those of them that keep the same clocks over the dates imported;
 * else NULL with *why naming them.
 */
static char *
several_zone(struct imp *x, const char *tzid, const char *folded, int have,
    int off, char **why)
{
	const char *const	*all = circle_zone_place_several(folded);
	char			**zones = NULL, *z, *named = NULL;
	size_t			 n = 0, i;

	for (i = 0; all[i] != NULL; i++)
		if (circle_tz_valid(all[i]) &&
		    (!have || circle_ics_standard_is(all[i], off)))
			list_add(&zones, &n, all[i]);
	if ((z = one_clock(x, tzid, zones, n, why)) == NULL) {
		free(*why);
		for (i = 0; all[i] != NULL; i++)
			if (!have || circle_ics_standard_is(all[i], off))
				circle_xappend(&named, " or ", "%s", all[i]);
		circle_xasprintf(why, "%s: it is a place of more than one "
		    "zone (%s); write for it the IANA name of the one meant, "
		    "or give --zone AREA/CITY", UNKNOWN, named);
		free(named);
	}
	circle_strv_free(zones, n);
	return z;
}

char *
circle_ics_display_zone(struct imp *x, const char *name, char **why)
{
	const char *const *ids = circle_zone_places();
	struct circle_err e;
	const char	*rest, *t, *id;
	char		 win[96], *z, *best = NULL, *folded;
	size_t		 i;
	int		 have, off = 0, rank, best_rank = 0;

	have = circle_zone_display_offset(name, &off, &rest);
	if (have && off == 0 &&
	    strcasecmp(rest, "Coordinated Universal Time") == 0)
		return circle_xstrdup("UTC");
	if ((t = strcasestr(rest, " Time")) != NULL && t - rest < 60) {
		snprintf(win, sizeof win, "%.*s Standard Time",
		    (int)(t - rest), rest);
		if ((z = circle_ics_windows_name(win)) != NULL && (!have ||
		    circle_ics_standard_is(z, off)))
			return z;
		free(z);
	}
	/* A region, accents folded: Portuguese Windows' "Brasília". */
	folded = circle_name_fold(rest);
	if (folded != NULL && circle_zone_place_several(folded) != NULL) {
		best = several_zone(x, name, folded, have, off, why);
		free(folded);
		return best;
	}
	if ((t = circle_zone_windows_place(rest, win, sizeof win)) != NULL ||
	    (t = circle_zone_windows_place(folded, win, sizeof win)) != NULL) {
		if ((z = circle_ics_windows_name(t)) != NULL && (!have ||
		    circle_ics_standard_is(z, off))) {
			free(folded);
			return z;
		}
		free(z);
	}
	/*
	 * The zones of places by IANA's names now (Asia/Kolkata, not
	 * Calcutta; not the old links, Asia/Chongqing of "Beijing,
	 * Chongqing"), ICU's and the system's (circle_zone_places).
	 */
	for (i = 0; ids[i] != NULL; i++) {
		id = circle_zone_current(ids[i]);
		if (!circle_ics_city_in(id, folded) ||
		    circle_zone_check("TZID", id, &e) == -1 ||
		    (have && !circle_ics_standard_is(id, off)))
			continue;
		rank = x->gtz != NULL && strcmp(id, x->gtz) == 0 ? 3 :
		    circle_ics_iana_golden(ids[i], rest) > 0 ? 2 : 1;
		if (rank > best_rank) {
			free(best);
			best = circle_xstrdup(id);
			best_rank = rank;
		}
	}
	free(folded);
	if (best == NULL && have &&
	    (best = metazone_zone(x, name, rest, off)) == NULL)
		best = city_zone(x, name, rest, off, why);
	if (best == NULL && *why == NULL)
		best = localized_zone(x, name, rest, have, off, why);
	return best;
}
