/*
 * zonecity.c: a zone's city as any language writes it.  A Windows display
 * name is written in the language of the Windows that wrote it: German
 * Outlook's "(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien",
 * French "(UTC+02:00) Athènes, Bucarest", Japanese "(UTC+09:00) 大阪、札幌、
 * 東京".  CLDR's exemplar cities, as ICU ships them in every language, say
 * which zone each of those places is.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucal.h>
#include <unicode/uchar.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "circle-priv.h"

#define CITY_MAX	192	/* bytes of a city's name */

/* Whether the character of s before byte i is a letter, digit or mark. */
static int
letter_before(const char *s, int32_t i)
{
	UChar32	c;

	if (i <= 0)
		return 0;
	U8_PREV((const uint8_t *)s, 0, i, c);
	return c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0);
}

/* Whether the character of s at byte i (of len) is one. */
static int
letter_at(const char *s, int32_t i, int32_t len)
{
	UChar32	c;

	if (i >= len)
		return 0;
	U8_NEXT((const uint8_t *)s, i, len, c);
	return c >= 0 && (u_isalnum(c) || u_getCombiningClass(c) != 0);
}

/*
 * Where word, folded, is in text, folded, as words of its own ("Rom" is
 * not in "Romania", "東京" is in "大阪、札幌、東京"): its byte and one, or 0.
 * Chinese and Japanese write no space between words: a word of theirs
 * is one anywhere ("香港" in "香港特别行政区").
 */
static size_t
word_at(const char *text, const char *word)
{
	const char	*p;
	size_t		 n = strlen(word);
	int32_t		 len = (int32_t)strlen(text), i = 0;
	UChar32		 c;
	int		 spaced;

	if (n < 3)
		return 0;
	U8_NEXT((const uint8_t *)word, i, (int32_t)n, c);
	spaced = c < 0 || u_getIntPropertyValue(c, UCHAR_LINE_BREAK) !=
	    U_LB_IDEOGRAPHIC;
	for (p = text; (p = strstr(p, word)) != NULL; p++)
		if (!spaced || (!letter_before(text, (int32_t)(p - text)) &&
		    !letter_at(text, (int32_t)(p - text + n), len)))
			return (size_t)(p - text) + 1;
	return 0;
}

/*
 * Where the zone of cal's city, in the language of fmt (which formats
 * it), is in text, folded, as words of its own: its byte and one, or 0.
 */
static size_t
city_at(const char *text, UDateFormat *fmt, UCalendar *cal)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[CITY_MAX];
	char		 s[CITY_MAX], *city;
	size_t		 at;
	int32_t		 n;

	n = udat_formatCalendar(fmt, cal, u, CITY_MAX, NULL, &st);
	if (U_FAILURE(st) || n <= 0 || n >= CITY_MAX)
		return 0;
	u_strToUTF8(s, sizeof s, NULL, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING ||
	    (city = circle_name_fold(s)) == NULL)
		return 0;
	at = word_at(text, city);
	free(city);
	return at;
}

/*
 * Whether ICU has a language's own names in loc: "de", "sr_Latn", not
 * "de_AT", whose cities are de's.
 */
int
circle_locale_own(const char *loc)
{
	const char	*us = strchr(loc, '_');

	return us == NULL || (strlen(us + 1) == 4 && strchr(us + 1, '_') ==
	    NULL);
}

/*
 * Where a place of text (a Windows display name, its offset left out)
 * names each of n zones in any language ICU has: at[i] is the byte of
 * text, folded, where the first place naming zones[i] begins, and one;
 * 0 where none does.  The places text names first come first.
 */
void
circle_zone_cities(const char *text, const char *const *zones, size_t n,
    size_t *at)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UDateFormat	*fmt;
	UCalendar	**cal;
	UChar		 pat[4], id[80];
	char		*t;
	const char	*loc;
	size_t		 i, a;
	int32_t		 l, nloc = uloc_countAvailable();

	memset(at, 0, n * sizeof *at);
	if ((t = circle_name_fold(text)) == NULL)
		return;
	cal = circle_xreallocarray(NULL, n + 1, sizeof *cal);
	for (i = 0; i < n; i++) {
		st = U_ZERO_ERROR;
		u_uastrncpy(id, zones[i], 80);
		id[79] = 0;
		cal[i] = ucal_open(id, -1, "en", UCAL_GREGORIAN, &st);
		if (U_FAILURE(st) && cal[i] != NULL) {
			ucal_close(cal[i]);
			cal[i] = NULL;
		}
	}
	/* "VVV": the zone's exemplar city. */
	u_uastrcpy(pat, "VVV");
	for (l = 0; l < nloc; l++) {
		loc = uloc_getAvailable(l);
		if (!circle_locale_own(loc))
			continue;
		st = U_ZERO_ERROR;
		fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, NULL, 0, pat,
		    -1, &st);
		if (U_FAILURE(st))
			continue;
		for (i = 0; i < n; i++)
			if (cal[i] != NULL &&
			    (a = city_at(t, fmt, cal[i])) != 0 &&
			    (at[i] == 0 || a < at[i]))
				at[i] = a;
		udat_close(fmt);
	}
	for (i = 0; i < n; i++)
		if (cal[i] != NULL)
			ucal_close(cal[i]);
	free(cal);
	free(t);
}
