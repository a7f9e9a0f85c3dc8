/*
 * daylocale.c: what the locale (LC_ALL, LC_TIME or LANG) says of dates,
 * from ICU: the day a week begins on, and the months' names in its
 * language, for day.c; a weekday named in another language, for a
 * refusal that says which day it is; tomorrow, today and yesterday in
 * the locale's language, read, and in another, refused naming the day.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>

#include "circle-priv.h"

/*
 * The locale dates are said in (LC_ALL, LC_TIME or LANG) without its
 * encoding (fr_FR), or "" for C, POSIX or none.
 */
static void
time_locale(char *loc, size_t len)
{
	static const char *const	 vars[] = { "LC_ALL", "LC_TIME", "LANG" };
	const char			*v = NULL;
	size_t				 i;

	loc[0] = '\0';
	for (i = 0; i < 3 && v == NULL; i++)
		if ((v = getenv(vars[i])) != NULL && *v == '\0')
			v = NULL;
	if (v != NULL && strcmp(v, "C") != 0 && strncmp(v, "C.", 2) != 0 &&
	    strcmp(v, "POSIX") != 0)
		snprintf(loc, len, "%.*s", (int)strcspn(v, ".@"), v);
}

/*
 * The day a week begins on, 0 (Monday) to 6, as the locale's calendar
 * has it (ICU: Sunday in en_US, Monday in en_GB and fr_FR); Monday, as
 * ISO 8601 has it, without a locale.
 */
int
circle_week_first_day(void)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	char		 loc[64];
	int		 first = 0;

	time_locale(loc, sizeof loc);
	if (loc[0] == '\0')
		return 0;
	if ((cal = ucal_open(NULL, 0, loc, UCAL_GREGORIAN, &st)) == NULL ||
	    U_FAILURE(st)) {
		if (cal != NULL)
			ucal_close(cal);
		return 0;
	}
	/* UCAL_SUNDAY is 1, UCAL_SATURDAY 7. */
	first = (ucal_getAttribute(cal, UCAL_FIRST_DAY_OF_WEEK) + 5) % 7;
	ucal_close(cal);
	return first;
}

/*
 * The weekend as the locale's calendar has it (ICU: Saturday and Sunday
 * in en_US and fr_FR, Friday and Saturday in he_IL): its first day, 0
 * (Monday) to 6, and how many days it lasts; Saturday and Sunday without
 * a locale.
 */
void
circle_weekend(int *first, int *len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UCalendar	*cal;
	char		 loc[64];
	int		 in[7], d, k;

	*first = 5;
	*len = 2;
	time_locale(loc, sizeof loc);
	if (loc[0] == '\0')
		return;
	if ((cal = ucal_open(NULL, 0, loc, UCAL_GREGORIAN, &st)) == NULL ||
	    U_FAILURE(st)) {
		if (cal != NULL)
			ucal_close(cal);
		return;
	}
	/* Monday (0 here) is UCAL_MONDAY, 2; Sunday (6) UCAL_SUNDAY, 1. */
	for (d = 0; d < 7; d++)
		in[d] = ucal_getDayOfWeekType(cal,
		    (UCalendarDaysOfWeek)((d + 1) % 7 + 1), &st) != UCAL_WEEKDAY;
	ucal_close(cal);
	if (U_FAILURE(st))
		return;
	for (d = 0; d < 7; d++)
		if (in[d] && !in[(d + 6) % 7]) {
			for (k = 0; k < 7 && in[(d + k) % 7]; k++)
				;
			*first = d;
			*len = k;
			return;
		}
}

/*
 * The months' names in the locale's language (LC_ALL, LC_TIME or LANG),
 * from ICU's calendar symbols: full and short, in a date and standing
 * alone (novembre, nov., listopada, listopad), each folded
 * (circle_name_fold: case and accents aside) without a final point.
 * Read again only when the locale changes; none for English, C or none,
 * whose names months[] has.
 */
#define LOCALE_NAMES	4
static char	*locale_month[LOCALE_NAMES][12];

/*
 * Month i's name of the kind type in df, folded, a closing point left
 * off: a new string (its length with the point in *n), or NULL with *st
 * failed.
 */
static char *
month_symbol(UDateFormat *df, UDateFormatSymbolType type, int32_t i,
    size_t *n, UErrorCode *st)
{
	UChar	 u[64];
	char	 name[200], *f;
	int32_t	 len;

	len = udat_getSymbols(df, type, i, u, (int32_t)(sizeof u / sizeof u[0]),
	    st);
	if (U_FAILURE(*st))
		return NULL;
	u_strToUTF8(name, (int32_t)sizeof name, NULL, u, len, st);
	if (U_FAILURE(*st))
		return NULL;
	f = circle_name_fold(name);
	if ((*n = strlen(f)) > 0 && f[*n - 1] == '.')
		f[*n - 1] = '\0';
	return f;
}

static int
locale_months(void)
{
	static const UDateFormatSymbolType types[LOCALE_NAMES] = {
		UDAT_MONTHS, UDAT_SHORT_MONTHS, UDAT_STANDALONE_MONTHS,
		UDAT_STANDALONE_SHORT_MONTHS
	};
	static char		 had[64];
	UErrorCode		 st = U_ZERO_ERROR;
	UDateFormat		*df;
	char			 loc[64], *f;
	size_t			 i, k, n;

	time_locale(loc, sizeof loc);
	if (strncmp(loc, "en", 2) == 0)
		loc[0] = '\0';
	if (strcmp(loc, had) == 0)
		return loc[0] != '\0' && locale_month[0][0] != NULL;
	snprintf(had, sizeof had, "%s", loc);
	for (k = 0; k < LOCALE_NAMES; k++)
		for (i = 0; i < 12; i++) {
			free(locale_month[k][i]);
			locale_month[k][i] = NULL;
		}
	if (loc[0] == '\0')
		return 0;
	df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, loc, NULL, 0, NULL, 0, &st);
	for (k = 0; k < LOCALE_NAMES && U_SUCCESS(st); k++)
		for (i = 0; i < 12 && U_SUCCESS(st); i++) {
			if ((f = month_symbol(df, types[k], (int32_t)i, &n,
			    &st)) == NULL)
				break;
			locale_month[k][i] = f;
		}
	if (df != NULL)
		udat_close(df);
	return U_SUCCESS(st) && locale_month[0][0] != NULL;
}

/* A month named in the locale's language at s, len bytes: 1 to 12, or 0. */
int
circle_month_in_locale(const char *s, size_t len)
{
	char	w[64], *f;
	size_t	i, k;
	int	m = 0;

	if (len < 3 || len >= sizeof w || !locale_months())
		return 0;
	memcpy(w, s, len);
	w[len] = '\0';
	f = circle_name_fold(w);
	for (k = 0; k < LOCALE_NAMES && m == 0; k++)
		for (i = 0; i < 12 && m == 0; i++)
			if (locale_month[k][i] != NULL &&
			    strcmp(f, locale_month[k][i]) == 0)
				m = (int)i + 1;
	free(f);
	return m;
}

/*
 * The languages a day said in another is known in: those circle reads
 * headers in (csvwords.c) and a few more, by ICU's locale and in English.
 */
static const struct {
	const char	*loc, *name;
} langs[] = { { "fr", "French" }, { "es", "Spanish" },
    { "pt", "Portuguese" }, { "it", "Italian" }, { "de", "German" },
    { "nl", "Dutch" }, { "sv", "Swedish" }, { "da", "Danish" },
    { "nb", "Norwegian" }, { "pl", "Polish" }, { "fi", "Finnish" } };

/* s folded (circle_name_fold), its right single quotes made ': the
 * caller frees it. */
static char *
day_word_fold(const char *s)
{
	char	*c = circle_xstrdup(s), *p, *f;

	while ((p = strstr(c, "\xe2\x80\x99")) != NULL) {
		*p = '\'';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	f = circle_name_fold(c);
	free(c);
	return f;
}

/*
 * The words in loc for the days from today -2 to 2 (avant-hier, hier,
 * aujourd'hui, demain, après-demain), as ICU's relative dates say them,
 * folded (day_word_fold) into w; NULL where ICU has none.
 */
static void
day_words_of(const char *loc, char *w[5])
{
	UErrorCode			 st = U_ZERO_ERROR;
	URelativeDateTimeFormatter	*rf;
	UChar				 u[64];
	char				 word[200];
	int32_t				 n;
	int				 k;

	rf = ureldatefmt_open(loc, NULL, UDAT_STYLE_LONG,
	    UDISPCTX_CAPITALIZATION_NONE, &st);
	for (k = 0; k < 5; k++) {
		w[k] = NULL;
		if (U_FAILURE(st))
			continue;
		n = ureldatefmt_format(rf, k - 2, UDAT_REL_UNIT_DAY, u,
		    (int32_t)(sizeof u / sizeof u[0]), &st);
		if (U_SUCCESS(st))
			u_strToUTF8(word, (int32_t)sizeof word, NULL, u, n, &st);
		if (U_SUCCESS(st))
			w[k] = day_word_fold(word);
	}
	if (rf != NULL)
		ureldatefmt_close(rf);
}

/*
 * Is f (folded) a word of loc for a day from today (day_words_of)?  The
 * words of langs[] are read once, the locale's again when it changes:
 * every word that is no date is looked for.  1 and *days, or 0.
 */
static int
day_word_in(const char *f, const char *loc, size_t lang, int *days)
{
	static char	*words[sizeof langs / sizeof langs[0] + 1][5];
	static char	 had[64];
	static int	 read[sizeof langs / sizeof langs[0] + 1];
	char		 **w;
	int		 k;

	if (lang == sizeof langs / sizeof langs[0] && strcmp(had, loc) != 0) {
		for (k = 0; k < 5; k++)
			free(words[lang][k]);
		read[lang] = 0;
		snprintf(had, sizeof had, "%s", loc);
	}
	w = words[lang];
	if (!read[lang]) {
		day_words_of(loc, w);
		read[lang] = 1;
	}
	for (k = 0; k < 5; k++)
		if (w[k] != NULL && strcmp(f, w[k]) == 0) {
			*days = k - 2;
			return 1;
		}
	return 0;
}

/*
 * A day said from today in another language (demain, mañana, morgen,
 * amanhã, domani, hoy, aujourd'hui, heute, hier, gestern, après-demain):
 * as ICU says them, the whole of s, case and accents aside.  In the
 * locale's language (LC_ALL, LC_TIME or LANG: fr_FR reads demain) 1,
 * as month names are read in it; in another of langs[] 0, its name in
 * English in *lang, for a refusal that names the day; the days from
 * today in *days.  -1 when s is none.
 */
int
circle_day_word_foreign(const char *s, int *days, const char **lang)
{
	char	 loc[64], *f;
	size_t	 k, nlangs = sizeof langs / sizeof langs[0];
	int	 rc = -1;

	if (strlen(s) < 2 || strlen(s) > 40)
		return -1;
	f = day_word_fold(s);
	time_locale(loc, sizeof loc);
	loc[strcspn(loc, "_")] = '\0';
	if (loc[0] != '\0' && strcmp(loc, "en") != 0 && day_word_in(f, loc,
	    nlangs, days))
		rc = 1;
	for (k = 0; rc == -1 && k < nlangs; k++)
		if (day_word_in(f, langs[k].loc, k, days)) {
			*lang = langs[k].name;
			rc = 0;
		}
	free(f);
	return rc;
}

/*
 * A weekday named in another language (vendredi, Freitag, miércoles,
 * segunda, fredag) in the word at s, len bytes: 0 (Monday) to 6, and the
 * language's name in English in *lang; -1 when it is none.  ICU's full
 * names of the languages circle reads headers in (csvwords.c) and a few
 * more, folded (case and accents aside); a Portuguese name without its
 * -feira too.  For a message: circle reads weekdays in English.
 */
int
circle_weekday_foreign(const char *s, size_t len, const char **lang)
{
	UErrorCode	 st;
	UDateFormat	*df;
	UChar		 u[64];
	char		 w[64], name[200], *f, *g;
	size_t		 k, n;
	int32_t		 i, ulen;
	int		 day = -1;

	if (len < 4 || len >= sizeof w)
		return -1;
	memcpy(w, s, len);
	w[len] = '\0';
	f = circle_name_fold(w);
	for (k = 0; k < sizeof langs / sizeof langs[0] && day == -1; k++) {
		st = U_ZERO_ERROR;
		df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, langs[k].loc, NULL,
		    0, NULL, 0, &st);
		/* UDAT_WEEKDAYS: 1 is Sunday, 7 Saturday */
		for (i = 1; i <= 7 && U_SUCCESS(st) && day == -1; i++) {
			ulen = udat_getSymbols(df, UDAT_WEEKDAYS, i, u,
			    (int32_t)(sizeof u / sizeof u[0]), &st);
			if (U_FAILURE(st))
				break;
			u_strToUTF8(name, (int32_t)sizeof name, NULL, u, ulen,
			    &st);
			if (U_FAILURE(st))
				break;
			g = circle_name_fold(name);
			n = strlen(f);
			if (strcmp(f, g) == 0 || (strncmp(f, g, n) == 0 &&
			    strcmp(g + n, "-feira") == 0)) {
				day = (i + 5) % 7;
				*lang = langs[k].name;
			}
			free(g);
		}
		if (df != NULL)
			udat_close(df);
	}
	free(f);
	return day;
}

/*
 * The first word of s that names a weekday in another language
 * (circle_weekday_foreign): its day, the word in w (at most 63 bytes)
 * and its language in *lang; -1 when none does.
 */
int
circle_weekday_foreign_in(const char *s, char w[64], const char **lang)
{
	size_t	n;
	int	day;

	for (;;) {
		while (*s != '\0' && !isalpha((unsigned char)*s) &&
		    !((unsigned char)*s & 0x80))
			s++;
		if (*s == '\0')
			return -1;
		for (n = 0; isalpha((unsigned char)s[n]) || s[n] == '-' ||
		    ((unsigned char)s[n] & 0x80); n++)
			;
		if (n < 64 && (day = circle_weekday_foreign(s, n,
		    lang)) != -1) {
			snprintf(w, 64, "%.*s", (int)n, s);
			return day;
		}
		s += n;
	}
}

/* Is the word w (folded) a month's name or short name in loc: 1-12, or 0. */
static int
month_of_lang(const char *w, const char *loc)
{
	static const UDateFormatSymbolType types[] = { UDAT_MONTHS,
	    UDAT_SHORT_MONTHS };
	UErrorCode	 st = U_ZERO_ERROR;
	UDateFormat	*df;
	char		*f;
	size_t		 k, n;
	int32_t		 i;
	int		 m = 0;

	df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, loc, NULL, 0, NULL, 0, &st);
	for (k = 0; k < 2 && m == 0 && U_SUCCESS(st); k++)
		for (i = 0; i < 12 && m == 0; i++) {
			if ((f = month_symbol(df, types[k], i, &n, &st)) ==
			    NULL)
				break;
			if (n >= 3 && strcmp(f, w) == 0)
				m = i + 1;
			free(f);
		}
	if (df != NULL)
		udat_close(df);
	return m;
}

/*
 * The first word of s beside a number that names a month in another
 * language than the ones dates are read in (3 janv., décembre 2027 in
 * English; 1. Dezember in French): 1 to 12, the word in w and its
 * language's name in English in *lang; 0 when none does.  For a message: which month, and how to
 * write it.
 */
int
circle_month_foreign_in(const char *s, char w[64], const char **lang)
{
	const char	*end, *from = s, *b;
	char		*f;
	size_t		 n, k;
	int		 m = 0, number;

	while (*s != '\0' && m == 0) {
		while (*s != '\0' && !isalpha((unsigned char)*s) &&
		    !((unsigned char)*s & 0x80))
			s++;
		for (n = 0; isalpha((unsigned char)s[n]) ||
		    ((unsigned char)s[n] & 0x80); n++)
			;
		/* beside a day or a year (3 janv., Dezember 2027), not
		 * any word (the ago of 2 weeks ago is Italian's August) */
		for (b = s; b > from && strchr(" .,", b[-1]) != NULL; b--)
			;
		end = s + n + (s[n] == '.');
		/* (the French 1er too: 1er janvier) */
		number = (b > from && isdigit((unsigned char)b[-1])) ||
		    (b - from >= 3 && isdigit((unsigned char)b[-3]) &&
		    strncasecmp(b - 2, "er", 2) == 0) ||
		    isdigit((unsigned char)end[strspn(end, " ,")]);
		if (n >= 3 && n < 64 && number &&
		    circle_month_word(s, &end) == 0) {
			snprintf(w, 64, "%.*s", (int)n, s);
			f = circle_name_fold(w);
			for (k = 0; k < sizeof langs / sizeof langs[0] &&
			    m == 0; k++)
				if ((m = month_of_lang(f, langs[k].loc)) != 0)
					*lang = langs[k].name;
			free(f);
			if (m != 0 && s[n] == '.')
				snprintf(w, 64, "%.*s", (int)n + 1, s);
		}
		s += n;
	}
	return m;
}
