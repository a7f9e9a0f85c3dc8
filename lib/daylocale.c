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
 * Symbol i of the kind type in df (a month's name, a weekday's), folded, a
 * closing point left off: a new string (its length with the point in
 * *n), or NULL with *st failed.
 */
static char *
calendar_symbol(UDateFormat *df, UDateFormatSymbolType type, int32_t i,
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
			if ((f = calendar_symbol(df, types[k], (int32_t)i, &n,
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
			if ((f = calendar_symbol(df, types[k], i, &n, &st)) ==
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

/*
 * The locale's weekdays, as day.c reads English ones: their names, full
 * and short, in a date and standing alone (vendredi, ven., Freitag, Fr.,
 * piątek, pt.), 0 Monday; ICU's phrases for the last, this and the next
 * of each (vendredi dernier, diesen Freitag, el próximo viernes,
 * 来週の金曜日); and its last, this and next week (来週), which tell
 * "friday next week" from "next friday".  Folded (day_word_fold), a
 * closing point left off; read again only when the locale changes; none
 * for English, C or none.
 */
static struct {
	char	 had[64];
	char	*name[4][7];
	char	*rel[3][7];
	char	*shown[3][7];		/* rel as ICU says it */
	char	*week[3];
} ldays;

static void
locale_days_free(void)
{
	size_t	k, i;

	for (k = 0; k < 4; k++)
		for (i = 0; i < 7; i++) {
			free(ldays.name[k][i]);
			ldays.name[k][i] = NULL;
		}
	for (k = 0; k < 3; k++) {
		for (i = 0; i < 7; i++) {
			free(ldays.rel[k][i]);
			free(ldays.shown[k][i]);
			ldays.rel[k][i] = ldays.shown[k][i] = NULL;
		}
		free(ldays.week[k]);
		ldays.week[k] = NULL;
	}
}

/*
 * ICU's phrase for the unit o away (-1, 0, 1), folded, and as ICU says it
 * in *shown when shown is not NULL; NULL if none.
 */
static char *
rel_phrase(URelativeDateTimeFormatter *rf, URelativeDateTimeUnit unit,
    int o, char **shown)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar		u[64];
	char		w[200];
	int32_t		n;

	n = ureldatefmt_format(rf, o, unit, u, (int32_t)(sizeof u /
	    sizeof u[0]), &st);
	if (U_SUCCESS(st))
		u_strToUTF8(w, (int32_t)sizeof w, NULL, u, n, &st);
	if (U_FAILURE(st))
		return NULL;
	if (shown != NULL)
		*shown = circle_xstrdup(w);
	return day_word_fold(w);
}

static int
locale_days(void)
{
	static const UDateFormatSymbolType types[4] = { UDAT_WEEKDAYS,
	    UDAT_SHORT_WEEKDAYS, UDAT_STANDALONE_WEEKDAYS,
	    UDAT_STANDALONE_SHORT_WEEKDAYS };
	UErrorCode			 st = U_ZERO_ERROR;
	UDateFormat			*df;
	URelativeDateTimeFormatter	*rf;
	URelativeDateTimeUnit		 unit;
	char				 loc[64];
	size_t				 k, n;
	int32_t				 i;

	time_locale(loc, sizeof loc);
	if (strncmp(loc, "en", 2) == 0)
		loc[0] = '\0';
	if (strcmp(loc, ldays.had) == 0)
		return loc[0] != '\0' && ldays.name[0][0] != NULL;
	snprintf(ldays.had, sizeof ldays.had, "%s", loc);
	locale_days_free();
	if (loc[0] == '\0')
		return 0;
	df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, loc, NULL, 0, NULL, 0, &st);
	/* UDAT_WEEKDAYS: 1 is Sunday, 7 Saturday */
	for (k = 0; k < 4 && U_SUCCESS(st); k++)
		for (i = 1; i <= 7 && U_SUCCESS(st); i++)
			ldays.name[k][(i + 5) % 7] = calendar_symbol(df,
			    types[k], i, &n, &st);
	if (df != NULL)
		udat_close(df);
	st = U_ZERO_ERROR;
	rf = ureldatefmt_open(loc, NULL, UDAT_STYLE_LONG,
	    UDISPCTX_CAPITALIZATION_NONE, &st);
	for (k = 0; k < 3 && U_SUCCESS(st); k++) {
		ldays.week[k] = rel_phrase(rf, UDAT_REL_UNIT_WEEK, (int)k - 1,
		    NULL);
		/* UDAT_REL_UNIT_SUNDAY, then Monday to Saturday */
		for (i = 0; i < 7; i++) {
			unit = (URelativeDateTimeUnit)(UDAT_REL_UNIT_SUNDAY +
			    (i + 1) % 7);
			ldays.rel[k][i] = rel_phrase(rf, unit, (int)k - 1,
			    &ldays.shown[k][i]);
		}
	}
	if (rf != NULL)
		ureldatefmt_close(rf);
	return ldays.name[0][0] != NULL;
}

/* A byte of a word: a letter or digit, or one of a character not ASCII. */
static int
word_byte(char c)
{
	return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

/*
 * Where w is in f, a word or words of its own (where w begins or ends in
 * ASCII, no letter or digit beside it: 来週の金曜日 has no blanks); NULL
 * when it is not.
 */
static char *
words_in(char *f, const char *w)
{
	char	*p;
	size_t	 n = strlen(w);

	if (n == 0)
		return NULL;
	for (p = f; (p = strstr(p, w)) != NULL; p++)
		if ((p == f || ((unsigned char)w[0] & 0x80) ||
		    !word_byte(p[-1])) && (((unsigned char)w[n - 1] & 0x80) ||
		    !word_byte(p[n])))
			return p;
	return NULL;
}

/* f with the n bytes at at made with: a new string; f is freed. */
static char *
replaced(char *f, const char *at, size_t n, const char *with)
{
	char	*r;

	circle_xasprintf(&r, "%.*s%s%s", (int)(at - f), f, with, at + n);
	free(f);
	return r;
}

/*
 * ICU's phrases for a weekday (vendredi prochain, 来週の金曜日) in f made
 * the English day.c reads: next friday, or friday next week where the
 * phrase says the week.  *changed is set when one was.
 */
static char *
rel_in_english(char *f, int *changed, int *wd)
{
	static const char *const when[3] = { "last", "this", "next" };
	char		*at, with[40];
	size_t		 k, d;

	for (k = 0; k < 3; k++)
		for (d = 0; d < 7; d++) {
			if (ldays.rel[k][d] == NULL)
				continue;
			while ((at = words_in(f, ldays.rel[k][d])) != NULL) {
				if (ldays.week[k] != NULL &&
				    strstr(ldays.rel[k][d], ldays.week[k]) !=
				    NULL)
					snprintf(with, sizeof with, "%s %s week",
					    circle_weekday_name((int)d),
					    when[k]);
				else
					snprintf(with, sizeof with, "%s %s",
					    when[k], circle_weekday_name((int)d));
				f = replaced(f, at, strlen(ldays.rel[k][d]),
				    with);
				if (*wd == -1)
					*wd = (int)d;
				*changed = 1;
			}
		}
	return f;
}

/* How many characters the UTF-8 s has. */
static size_t
chars_of(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * The word at w, n bytes, a weekday of the locale (ldays.name): 0 (Monday)
 * to 6, or -1.  A short name of one character (Japanese 金) is none alone,
 * and a Portuguese name may come without its -feira (sexta).
 */
static int
locale_weekday(const char *w, size_t n)
{
	const char	*name;
	size_t		 k, d;

	for (k = 0; k < 4; k++)
		for (d = 0; d < 7; d++) {
			if ((name = ldays.name[k][d]) == NULL ||
			    chars_of(name) < 2 || strncmp(w, name, n) != 0)
				continue;
			if (name[n] == '\0' || (name[n] == '-' && k % 2 == 0))
				return (int)d;
		}
	return -1;
}

/* Is the word of f at p, n bytes, beside a month of the locale's (the
 * de of 11 de diciembre)? */
static int
by_month(const char *f, const char *p, size_t n)
{
	const char	*e = p, *b;

	while (e > f && !word_byte(e[-1]))
		e--;
	for (b = e; b > f && word_byte(b[-1]); b--)
		;
	if (e > b && circle_month_in_locale(b, (size_t)(e - b)))
		return 1;
	for (b = p + n; *b != '\0' && !word_byte(*b); b++)
		;
	for (e = b; word_byte(*e); e++)
		;
	return e > b && circle_month_in_locale(b, (size_t)(e - b));
}

/* Is the word at w, n bytes, one said before a weekday as "on" is (le
 * vendredi, am Freitag, el viernes, w piątek, op vrijdag)? */
static int
on_word(const char *w, size_t n)
{
	static const char *const on[] = { "le", "am", "el", "w", "op", "na",
	    "no", "il" };
	size_t	i;

	for (i = 0; i < sizeof on / sizeof on[0]; i++)
		if (strlen(on[i]) == n && strncmp(w, on[i], n) == 0)
			return 1;
	return 0;
}

/* The word of f from at: its length, and where the next begins in *next. */
static size_t
word_len(const char *f, size_t at, size_t *next)
{
	size_t	n;

	for (n = 0; word_byte(f[at + n]) || (f[at + n] == '-' &&
	    word_byte(f[at + n + 1])); n++)
		;
	for (*next = at + n; f[*next] != '\0' && !word_byte(f[*next]);
	    (*next)++)
		;
	return n;
}

/*
 * The words of f, a weekday of the locale's (vendredi, ven., Fr.) that
 * is no month of it made English, the word before one that says "on" (le vendredi: on_word) and
 * a "de" or "del" beside a month of the locale (11 de diciembre de 2026)
 * left out: *changed set when one was, *wd the first weekday.
 */
static char *
words_in_english(char *f, int *changed, int *wd)
{
	size_t	at = 0, n, next, nn, after;
	int	d;

	for (;;) {
		while (f[at] != '\0' && !word_byte(f[at]))
			at++;
		if (f[at] == '\0')
			return f;
		n = word_len(f, at, &next);
		nn = word_len(f, next, &after);
		/* a month's name first (Spanish mar is March and Tuesday) */
		if ((d = locale_weekday(f + at, n)) != -1 &&
		    !circle_month_in_locale(f + at, n)) {
			n += f[at + n] == '.';
			f = replaced(f, f + at, n, circle_weekday_name(d));
			n = strlen(circle_weekday_name(d));
			if (*wd == -1)
				*wd = d;
			*changed = 1;
		} else if ((on_word(f + at, n) && locale_weekday(f + next,
		    nn) != -1) || (((n == 2 && strncmp(f + at, "de", 2) == 0) ||
		    (n == 3 && strncmp(f + at, "del", 3) == 0)) &&
		    by_month(f, f + at, n))) {
			f = replaced(f, f + at, n, "");
			n = 0;
			*changed = 1;
		}
		at += n;
	}
}

/* Digits at *p followed by the UTF-8 mark: their value, *p past both; -1. */
static int
num_then(const char **p, const char *mark)
{
	const char	*q = *p;
	int		 v = 0, n = 0;

	while (isdigit((unsigned char)*q) && n < 4)
		v = v * 10 + (*q++ - '0'), n++;
	if (n == 0 || strncmp(q, mark, strlen(mark)) != 0)
		return -1;
	*p = q + strlen(mark);
	return v;
}

/*
 * A date as Japanese (and Chinese) write it, at the start of f, folded:
 * 2026年12月11日, 12月11日, a weekday after it as Japanese writes one
 * ((金), 金曜日, 金曜), made "friday 11 December 2026" as day.c reads;
 * whatever the locale, as nothing else is written so.  *changed set
 * when it was.
 */
static char *
cjk_date(char *f, int *changed)
{
	/* 月火水木金土日: Monday to Sunday */
	static const char *const kanji[7] = { "\xe6\x9c\x88",
	    "\xe7\x81\xab", "\xe6\xb0\xb4", "\xe6\x9c\xa8",
	    "\xe9\x87\x91", "\xe5\x9c\x9f", "\xe6\x97\xa5" };
	const char	*p = f + strspn(f, " "), *q;
	char		 with[64];
	int		 y, m, d, wd = -1, k, paren;

	q = p;
	if ((y = num_then(&q, "\xe5\xb9\xb4")) >= 0)	/* 年 */
		p = q;
	if ((m = num_then(&p, "\xe6\x9c\x88")) < 1 || m > 12 ||	/* 月 */
	    (d = num_then(&p, "\xe6\x97\xa5")) < 1 || d > 31)	/* 日 */
		return f;
	p += strspn(p, " ");
	paren = *p == '(';
	for (k = 0; k < 7 && wd == -1; k++)
		if (strncmp(p + paren, kanji[k], 3) == 0)
			wd = k;
	if (wd != -1) {
		q = p + paren + 3;
		if (strncmp(q, "\xe6\x9b\x9c", 3) == 0) {	/* 曜 */
			q += 3;
			if (strncmp(q, "\xe6\x97\xa5", 3) == 0)
				q += 3;
		}
		if (!paren || *q == ')')
			p = q + paren;
		else
			wd = -1;
	}
	snprintf(with, sizeof with, "%s%s%d %s", wd != -1 ?
	    circle_weekday_name(wd) : "", wd != -1 ? " " : "", d,
	    circle_month_name(m));
	if (y >= 0)
		snprintf(with + strlen(with), sizeof with - strlen(with),
		    " %d", y);
	*changed = 1;
	return replaced(f, f, (size_t)(p - f), with);
}

/*
 * s said in the locale's language (LC_ALL, LC_TIME or LANG) as day.c reads
 * it in English, where it names a weekday (vendredi, mardi 8 décembre,
 * nächsten Freitag, el viernes pasado, 来週の金曜日) or says "de" beside a
 * month (11 de diciembre de 2026), or a date written in Japanese
 * (cjk_date, in any locale): folded, a new string, the first weekday in
 * *wd (or -1); NULL when s says none of these.  Month names are read in the locale already
 * (circle_month_in_locale).
 */
static char *
day_from_locale(const char *s, int *wd)
{
	char	*f;
	int	 changed = 0;

	*wd = -1;
	f = day_word_fold(s);
	f = cjk_date(f, &changed);
	if (locale_days()) {
		f = rel_in_english(f, &changed, wd);
		f = words_in_english(f, &changed, wd);
	}
	if (!changed) {
		free(f);
		return NULL;
	}
	return f;
}

/*
 * s, a date said in the locale's language (day_from_locale), read as
 * its English; where that is no date either, refused naming the weekday
 * read and how to write it, as in English or as ICU says it.  With
 * hyphen, only where the English has no hyphen left (sexta-feira is one
 * word, no range).  1 when s says nothing in the locale's language.
 */
int
circle_day_locale_parse(const char *s, int hyphen,
    const struct circle_day_ctx *c, struct circle_date *out,
    struct circle_err *e)
{
	const char	*day;
	char		*t;
	int		 rc, wd;

	if ((t = day_from_locale(s, &wd)) == NULL)
		return 1;
	if (hyphen && strchr(t, '-') != NULL) {
		free(t);
		return 1;
	}
	if ((rc = circle_day_parse(t, c, out, e)) == -1 && wd != -1 &&
	    strstr(e->msg, "\" is not a date (") != NULL) {
		day = circle_weekday_name(wd);
		circle_err_set(e, CIRCLE_EDATA, "date: \"%s\" is not a date "
		    "(read as \"%s\"): write the day as %s, %s, %s, or in "
		    "English (%s, next %.3s, %.3s next week)", s, t,
		    ldays.shown[2][wd] != NULL ? ldays.shown[2][wd] : day,
		    ldays.shown[1][wd] != NULL ? ldays.shown[1][wd] : day,
		    ldays.shown[0][wd] != NULL ? ldays.shown[0][wd] : day, day,
		    day, day);
	} else if (rc == -1)
		circle_err_as_typed(e, t, s);
	free(t);
	return rc;
}

/*
 * The weekday s names in the locale's language where English names none
 * ("sam" where LANG is fr_FR: samedi), 0 (Monday) to 6; -1 when it names
 * none so.
 */
int
circle_day_locale_weekday(const char *s)
{
	char	*t;
	int	 wd;

	if ((t = day_from_locale(s, &wd)) == NULL)
		return -1;
	free(t);
	return wd;
}

/*
 * s, a series' --every or --on (vendredi; lun., jeu.), with the locale's
 * weekday names made English as dates have them (words_in_english), in
 * buf (len bytes): 1, or 0 when it names none, or does not fit.
 */
int
circle_weekdays_english(const char *s, char *buf, size_t len)
{
	char	*f;
	int	 changed = 0, wd = -1;

	if (!locale_days())
		return 0;
	f = words_in_english(day_word_fold(s), &changed, &wd);
	if (changed && strlen(f) < len)
		snprintf(buf, len, "%s", f);
	else
		changed = 0;
	free(f);
	return changed;
}
