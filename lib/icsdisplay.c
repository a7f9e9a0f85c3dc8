/*
 * icsdisplay.c: the zone of a Windows display name with no VTIMEZONE
 * ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
 * "(UTC-05:00) Eastern Time (US & Canada)"), in English or another
 * language, for icszone.c.  Moved out of icszone.c.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>
#include <unicode/ucal.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>

#include "circle-priv.h"
#include "icsimport.h"

#define UNKNOWN		"not a time zone circle knows"

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
static int
standard_is(const char *name, int minutes)
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
		    standard_is(id, off);
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
		if (at[i] != 0 && (!standard_is(ids[i], off) ||
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
		    standard_is(z, off)))
			return z;
		free(z);
	}
	/* A region, accents folded: Portuguese Windows' "Brasília". */
	folded = circle_name_fold(rest);
	if ((t = circle_zone_windows_place(rest, win, sizeof win)) != NULL ||
	    (t = circle_zone_windows_place(folded, win, sizeof win)) != NULL) {
		if ((z = circle_ics_windows_name(t)) != NULL && (!have ||
		    standard_is(z, off))) {
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
		    (have && !standard_is(id, off)))
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
	return best;
}
