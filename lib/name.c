/*
 * name.c: text as circle stores and compares it, through ICU: a line
 * cleaned (NFC, white space squeezed), names folded for matching and
 * ordered by the locale's collation (also as SQL: COLLATE circle_name,
 * circle_fold()), and handles made from names in any script.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <unicode/ucol.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "circle-priv.h"

#define HANDLE_MAX	32

/*
 * s in ICU's UTF-16 (at most one unit a byte), *len units; NULL when s is
 * not UTF-8, which callers have checked.
 */
static UChar *
utf16_of(const char *s, int32_t *len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u;
	size_t		 n = strlen(s);

	u = circle_xreallocarray(NULL, n + 1, sizeof *u);
	u_strFromUTF8(u, (int32_t)n + 1, len, s, (int32_t)n, &st);
	if (U_FAILURE(st)) {
		/* What was converted before the bad byte: a passphrase's. */
		sodium_memzero(u, (n + 1) * sizeof *u);
		free(u);
		return NULL;
	}
	return u;
}

/* u[0..len) as UTF-8 (at most three bytes a unit). */
static char *
utf8_of(const UChar *u, int32_t len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	char		*s;
	int32_t		 n;

	s = circle_xreallocarray(NULL, (size_t)len * 3 + 1, 1);
	u_strToUTF8(s, len * 3 + 1, &n, u, len, &st);
	if (U_FAILURE(st))
		n = 0;
	s[n] = '\0';
	return s;
}

/* u[0..len) normalised by n2 into a new buffer, *out units; NULL if ICU
 * fails. */
static UChar *
normalised(const UNormalizer2 *n2, const UChar *u, int32_t len,
    int32_t *out)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*r;
	int32_t		 need;

	need = unorm2_normalize(n2, u, len, NULL, 0, &st);
	if (U_FAILURE(st) && st != U_BUFFER_OVERFLOW_ERROR)
		return NULL;
	st = U_ZERO_ERROR;
	r = circle_xreallocarray(NULL, (size_t)need + 1, sizeof *r);
	*out = unorm2_normalize(n2, u, len, r, need + 1, &st);
	if (U_FAILURE(st)) {
		free(r);
		return NULL;
	}
	return r;
}

/* Is s ASCII through (a name typed without letters of other alphabets)? */
int
circle_is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/*
 * ASCII s with runs of spaces and tabs (of any white space when folding)
 * made one space and the ends trimmed, lower-cased when folding: the
 * whole of cleaning and folding for the names most people have, without
 * ICU.
 */
static char *
ascii_squeezed(const char *s, int fold)
{
	char	*r, *p;
	int	 space = 0;

	p = r = circle_xstrdup(s);
	for (; *s != '\0'; s++) {
		if (fold ? isspace((unsigned char)*s) != 0 : *s == ' ' ||
		    *s == '\t') {
			space = p > r;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = 0;
		*p++ = fold ? (char)tolower((unsigned char)*s) : *s;
	}
	*p = '\0';
	return r;
}

/*
 * Invisible characters that a copy from a web page or a word processor
 * leaves in a name and that mean nothing in it: ZERO WIDTH SPACE, WORD
 * JOINER, ZERO WIDTH NO-BREAK SPACE (a byte order mark inside the text),
 * SOFT HYPHEN.  "Kim<ZWSP>Lee" shows as "KimLee" and must be that person.
 * ZERO WIDTH (NON-)JOINER stay: Persian and Indic names need them.
 */
static int
invisible_in_name(UChar c)
{
	return c == 0x200b || c == 0x2060 || c == 0xfeff || c == 0x00ad;
}

/*
 * u[0..len) with runs of white space (any of Unicode's) made one space
 * and the ends trimmed, and the characters invisible_in_name dropped, in
 * place; the new length.  Unless all is set, the white space that is a
 * line end or a control (is_control: newline, NEL, U+2028) is left for
 * the checks to refuse.
 */
static int32_t
squeeze_spaces(UChar *u, int32_t len, int all)
{
	int32_t	 i, o = 0;
	int	 space = 0;

	for (i = 0; i < len; i++) {
		if (invisible_in_name(u[i]))
			continue;
		if (!U16_IS_SURROGATE(u[i]) && u_isUWhiteSpace(u[i]) &&
		    (all || u[i] == '\t' || (u[i] != '\n' &&
		    !circle_is_control(u[i], CIRCLE_CTL_CR) && u[i] != '\r'))) {
			space = o > 0;
			continue;
		}
		if (space)
			u[o++] = ' ';
		space = 0;
		u[o++] = u[i];
	}
	return o;
}

/*
 * A line of text as circle stores it: Unicode NFC, so that a name typed
 * on a Mac (decomposed) is the same bytes as on Windows, and runs of white
 * space of any kind (NO-BREAK SPACE, IDEOGRAPHIC SPACE, tabs) made one
 * space, the ends trimmed.  s is valid UTF-8; the caller frees the copy.
 */
static char *
text_clean(const char *s, int wipe)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const UNormalizer2	*nfc;
	UChar			*u, *n;
	int32_t			 len, nlen;
	size_t			 ulen = strlen(s) + 1;
	char			*r;

	if (circle_is_ascii(s)) {
		r = ascii_squeezed(s, 0);
		/* What squeezing left past the end, too. */
		if (wipe)
			sodium_memzero(r + strlen(r), ulen - 1 - strlen(r));
		return r;
	}
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st) || (u = utf16_of(s, &len)) == NULL)
		return circle_xstrdup(s);
	if ((n = normalised(nfc, u, len, &nlen)) == NULL) {
		if (wipe)
			sodium_memzero(u, ulen * sizeof *u);
		free(u);
		return circle_xstrdup(s);
	}
	r = utf8_of(n, squeeze_spaces(n, nlen, 0));
	if (wipe) {
		sodium_memzero(u, ulen * sizeof *u);
		sodium_memzero(n, ((size_t)nlen + 1) * sizeof *n);
	}
	free(u);
	free(n);
	return r;
}

char *
circle_text_clean(const char *s)
{
	return text_clean(s, 0);
}

/*
 * The same for a secret (a passphrase): what it went through on the way
 * wiped.  The caller wipes and frees the copy (circle_passphrase_free).
 */
char *
circle_text_clean_secret(const char *s)
{
	return text_clean(s, 1);
}

/* Marks dropped when folding: accents on letters of these scripts only,
 * since in others (Devanagari, Thai ...) a mark is a vowel of the name. */
static int
accent_script(UScriptCode sc)
{
	return sc == USCRIPT_LATIN || sc == USCRIPT_GREEK ||
	    sc == USCRIPT_CYRILLIC || sc == USCRIPT_ARABIC ||
	    sc == USCRIPT_HEBREW;
}

/*
 * Compatibility-decomposed u[0..len) without the accents of letters
 * (accent_script), apostrophes made ASCII, white space squeezed: the
 * length left in u.
 */
static int32_t
strip_accents(UChar *u, int32_t len)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UScriptCode	 base = USCRIPT_COMMON;
	UChar32		 c;
	int32_t		 i = 0, o = 0;
	UBool		 bad = 0;

	while (i < len) {
		U16_NEXT(u, i, len, c);
		if (u_charType(c) == U_NON_SPACING_MARK) {
			if (accent_script(base))
				continue;
		} else
			base = uscript_getScript(c, &st);
		if (c == 0x2018 || c == 0x2019 || c == 0x02bc || c == 0x2032)
			c = '\'';
		U16_APPEND(u, o, len, c, bad);
	}
	(void)bad;	/* never longer than it was */
	return squeeze_spaces(u, o, 1);
}

/*
 * A name folded for matching people, the one rule of it: compatibility
 * forms, case, the accents of Latin, Greek, Cyrillic, Arabic and Hebrew
 * letters and spacing do not count, so that "Íona  Ní Bhriain" (NFD, a
 * NO-BREAK SPACE) is "iona ni bhriain".  The caller frees the result.
 */
char *
circle_name_fold(const char *s)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const UNormalizer2	*nfkd, *nfc;
	UChar			*u, *d, *f;
	int32_t			 len, dlen, flen;
	char			*r;

	if (circle_is_ascii(s))
		return ascii_squeezed(s, 1);
	nfkd = unorm2_getNFKDInstance(&st);
	nfc = unorm2_getNFCInstance(&st);
	if (U_FAILURE(st) || (u = utf16_of(s, &len)) == NULL)
		return ascii_squeezed(s, 1);
	if ((d = normalised(nfkd, u, len, &dlen)) == NULL) {
		free(u);
		return ascii_squeezed(s, 1);
	}
	dlen = strip_accents(d, dlen);
	/* Full case folding may lengthen ("ß" is "ss"): at most threefold. */
	f = circle_xreallocarray(NULL, (size_t)dlen * 3 + 1, sizeof *f);
	flen = u_strFoldCase(f, dlen * 3 + 1, d, dlen, U_FOLD_CASE_DEFAULT,
	    &st);
	free(u);
	u = NULL;
	if (U_SUCCESS(st))
		u = normalised(nfc, f, flen, &len);
	r = u != NULL ? utf8_of(u, len) : utf8_of(d, dlen);
	free(u);
	free(d);
	free(f);
	return r;
}

/*
 * A short word folded as circle_name_fold folds it, for the tables of
 * words cells are read by (marks, yes and no): ASCII, as most cells are,
 * only lowered and its blanks squeezed, without ICU, as it is read once
 * a row.  The caller frees the result.
 */
char *
circle_word_fold(const char *s)
{
	const unsigned char	*u;
	char			*f, *o;

	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u >= 0x80)
			return circle_name_fold(s);
	o = f = circle_xmalloc(strlen(s) + 1);
	for (u = (const unsigned char *)s; *u != '\0'; u++) {
		if (isspace(*u)) {
			if (o > f && o[-1] != ' ')
				*o++ = ' ';
			continue;
		}
		*o++ = (char)tolower(*u);
	}
	if (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

/*
 * The collation names are ordered by: the locale that LC_ALL, LC_COLLATE
 * or LANG names (POSIX's order), or Unicode's root order for C, POSIX or
 * none; case aside; numbers within names compared as numbers ("Group 2"
 * before "Group 10").  Opened once; NULL if ICU cannot.
 */
static UCollator *
name_collator(void)
{
	static const char *const	 vars[] = { "LC_ALL", "LC_COLLATE",
					    "LANG" };
	static UCollator		*coll;
	static int			 tried;
	UErrorCode			 st = U_ZERO_ERROR;
	const char			*v = NULL;
	char				 loc[64] = "";
	size_t				 i;

	if (tried)
		return coll;
	tried = 1;
	for (i = 0; i < sizeof vars / sizeof vars[0] && v == NULL; i++)
		if ((v = getenv(vars[i])) != NULL && *v == '\0')
			v = NULL;
	if (v != NULL && strcmp(v, "C") != 0 && strncmp(v, "C.", 2) != 0 &&
	    strcmp(v, "POSIX") != 0)
		snprintf(loc, sizeof loc, "%.*s", (int)strcspn(v, ".@"), v);
	coll = ucol_open(loc, &st);
	if (U_FAILURE(st)) {
		st = U_ZERO_ERROR;
		coll = ucol_open("", &st);
		if (U_FAILURE(st))
			return coll = NULL;
	}
	ucol_setAttribute(coll, UCOL_NUMERIC_COLLATION, UCOL_ON, &st);
	/* Case aside, as before ICU: "bo" and "Bo" tie, then handles. */
	ucol_setStrength(coll, UCOL_SECONDARY);
	return coll;
}

/*
 * How names (and any text a list is ordered by) compare: name_collator's
 * order; bytes only if ICU cannot.  A length of -1 means up to the NUL.
 */
int
circle_name_collate(const char *a, int na, const char *b, int nb)
{
	UCollator	*coll = name_collator();
	UErrorCode	 st = U_ZERO_ERROR;
	int		 r;
	size_t		 la, lb;

	if (coll != NULL) {
		r = ucol_strcollUTF8(coll, a, na, b, nb, &st);
		if (U_SUCCESS(st))
			return r;
	}
	la = na < 0 ? strlen(a) : (size_t)na;
	lb = nb < 0 ? strlen(b) : (size_t)nb;
	if ((r = memcmp(a, b, la < lb ? la : lb)) != 0)
		return r;
	return la < lb ? -1 : la > lb;
}

int
circle_name_cmp(const char *a, const char *b)
{
	return circle_name_collate(a != NULL ? a : "", -1,
	    b != NULL ? b : "", -1);
}

static int
sql_name_collation(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	return circle_name_collate(a, na, b, nb);
}

/* fn(text) as the result of an SQL function; NULL stays NULL. */
static void
sql_text_result(sqlite3_context *cx, sqlite3_value *v,
    char *(*fn)(const char *))
{
	const char	*s;

	if (sqlite3_value_type(v) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if ((s = (const char *)sqlite3_value_text(v)) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, fn(s), -1, free);
}

static void
sql_name_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sql_text_result(cx, argv[0], circle_name_fold);
}

static void
sql_text_clean(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sql_text_result(cx, argv[0], circle_text_clean);
}

/*
 * The name rules as SQL, for a connection: the collation circle_name
 * (ORDER BY display_name COLLATE circle_name) and the functions
 * circle_fold(name) and circle_clean(text).  Never used in the schema, so
 * that the sqlite3 shell can still read and write the file.
 */
int
circle_text_sql(sqlite3 *h)
{
	if (sqlite3_create_collation_v2(h, "circle_name", SQLITE_UTF8, NULL,
	    sql_name_collation, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(h, "circle_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_name_fold, NULL,
	    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(h, "circle_clean", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_text_clean,
	    NULL, NULL, NULL) != SQLITE_OK || circle_name_ascii_sql(h) == -1)
		return -1;
	return 0;
}

/* Latin letters with marks, folded to ASCII for handles. */
static const struct {
	unsigned int	 cp;
	const char	*ascii;
} folds[] = {
	{ 0xc0, "a" }, { 0xc1, "a" }, { 0xc2, "a" }, { 0xc3, "a" },
	{ 0xc4, "a" }, { 0xc5, "a" }, { 0xc6, "ae" }, { 0xc7, "c" },
	{ 0xc8, "e" }, { 0xc9, "e" }, { 0xca, "e" }, { 0xcb, "e" },
	{ 0xcc, "i" }, { 0xcd, "i" }, { 0xce, "i" }, { 0xcf, "i" },
	{ 0xd0, "d" }, { 0xd1, "n" }, { 0xd2, "o" }, { 0xd3, "o" },
	{ 0xd4, "o" }, { 0xd5, "o" }, { 0xd6, "o" }, { 0xd8, "o" },
	{ 0xd9, "u" }, { 0xda, "u" }, { 0xdb, "u" }, { 0xdc, "u" },
	{ 0xdd, "y" }, { 0xdf, "ss" }, { 0xe0, "a" }, { 0xe1, "a" },
	{ 0xe2, "a" }, { 0xe3, "a" }, { 0xe4, "a" }, { 0xe5, "a" },
	{ 0xe6, "ae" }, { 0xe7, "c" }, { 0xe8, "e" }, { 0xe9, "e" },
	{ 0xea, "e" }, { 0xeb, "e" }, { 0xec, "i" }, { 0xed, "i" },
	{ 0xee, "i" }, { 0xef, "i" }, { 0xf0, "d" }, { 0xf1, "n" },
	{ 0xf2, "o" }, { 0xf3, "o" }, { 0xf4, "o" }, { 0xf5, "o" },
	{ 0xf6, "o" }, { 0xf8, "o" }, { 0xf9, "u" }, { 0xfa, "u" },
	{ 0xfb, "u" }, { 0xfc, "u" }, { 0xfd, "y" }, { 0xff, "y" },
	{ 0xde, "th" }, { 0xfe, "th" }, { 0x132, "ij" }, { 0x133, "ij" },
	{ 0x152, "oe" }, { 0x153, "oe" }, { 0x218, "s" }, { 0x219, "s" },
	{ 0x21a, "t" }, { 0x21b, "t" },
};

/* The rest of U+0100 to U+017F, Latin Extended-A, a letter each. */
static const char latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllll"
    "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/*
 * The ASCII letter a Latin letter with marks decomposes to ("ễ" is "e"),
 * or 0: for the letters the tables above leave out.
 */
static int
latin_base(unsigned int cp)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const UNormalizer2	*nfd;
	UChar			 d[8];

	if (uscript_getScript((UChar32)cp, &st) != USCRIPT_LATIN ||
	    (nfd = unorm2_getNFDInstance(&st)) == NULL || U_FAILURE(st) ||
	    unorm2_getDecomposition(nfd, (UChar32)cp, d, 8, &st) < 1 ||
	    U_FAILURE(st) || d[0] >= 0x80 || !isalpha(d[0]))
		return 0;
	return tolower(d[0]);
}

/*
 * Lower-case ASCII words of a name, accents folded, others dropped;
 * *unspelled counts the letters and digits dropped (other scripts), and
 * *script is theirs (USCRIPT_INVALID_CODE when of several).
 */
static size_t
name_words(const char *name, char words[][HANDLE_MAX + 1], size_t max,
    int *unspelled, UScriptCode *script)
{
	UErrorCode		 st = U_ZERO_ERROR;
	UScriptCode		 sc;
	const unsigned char	*u = (const unsigned char *)name;
	size_t			 n = strlen(name), i, len, nw = 0, wl = 0, k;
	unsigned int		 cp;
	const char		*add;
	char			 one[2];

	*unspelled = 0;
	*script = USCRIPT_COMMON;
	for (i = 0; i <= n; i += len) {
		len = 1;
		add = NULL;
		if (i < n) {
			if ((len = circle_utf8_decode(u + i, n - i, &cp)) == 0)
				len = 1, cp = ' ';
			if (cp < 0x80 && isalnum(cp)) {
				one[0] = (char)tolower(cp);
				one[1] = '\0';
				add = one;
			} else if (cp == '\'' || cp == 0x2019)
				continue;	/* O'Neil -> oneil */
			for (k = 0; add == NULL && cp >= 0xc0 &&
			    k < sizeof folds / sizeof folds[0]; k++)
				if (folds[k].cp == cp)
					add = folds[k].ascii;
			if (add == NULL && cp >= 0x100 && cp < 0x180) {
				one[0] = latin_a[cp - 0x100];
				one[1] = '\0';
				add = one;
			}
			if (add == NULL && cp >= 0x80 &&
			    (one[0] = (char)latin_base(cp)) != 0) {
				one[1] = '\0';
				add = one;
			}
			if (add == NULL && cp >= 0x80 &&
			    !u_isUWhiteSpace((UChar32)cp)) {
				/* letters we cannot spell */
				if (!u_isalnum((UChar32)cp))
					continue;
				(*unspelled)++;
				sc = uscript_getScript((UChar32)cp, &st);
				*script = *script == USCRIPT_COMMON ||
				    *script == sc ? sc : USCRIPT_INVALID_CODE;
				continue;
			}
		}
		if (add != NULL) {
			if (nw < max && wl + strlen(add) <= HANDLE_MAX) {
				memcpy(words[nw] + wl, add, strlen(add));
				wl += strlen(add);
			}
			continue;
		}
		if (wl > 0 && nw < max) {
			words[nw][wl] = '\0';
			nw++;
		}
		wl = 0;
	}
	return nw;
}

/*
 * ICU's transliterator from a script to ASCII, "Han-Latin; Latin-ASCII"
 * ("Latin-ASCII" for Latin letters without a decomposition, "ŋ");
 * for USCRIPT_INVALID_CODE (several scripts) or a script without one of
 * its own, "Any-Latin; Latin-ASCII", which chooses by script as it goes,
 * at three times the cost a name.  Without ascii, the script's to Latin
 * alone ("Han-Latin": see han_only).  Each is built once (Han's takes a
 * tenth of a second), fifteen scripts' at most; NULL if ICU cannot.
 */
static UTransliterator *
transliterator(UScriptCode sc, int ascii)
{
	static struct {
		UScriptCode		 sc;
		int			 ascii;
		UTransliterator		*tr;
	}			 made[16];
	static size_t		 nmade;
	UErrorCode		 st = U_ZERO_ERROR;
	UTransliterator		*tr;
	UChar			 id[80];
	char			 name[80];
	size_t			 i;

	for (i = 0; i < nmade; i++)
		if (made[i].sc == sc && made[i].ascii == ascii)
			return made[i].tr;
	/*
	 * Every place but the last taken: the general one, which chooses by
	 * script as it goes, kept in the last; a script's own would be made
	 * again for each name and never freed.
	 */
	if (nmade >= sizeof made / sizeof made[0] - 1 &&
	    (sc != USCRIPT_INVALID_CODE || !ascii))
		return transliterator(USCRIPT_INVALID_CODE, 1);
	if (sc == USCRIPT_INVALID_CODE)
		snprintf(name, sizeof name, "Any-Latin; Latin-ASCII");
	else if (sc == USCRIPT_LATIN)
		snprintf(name, sizeof name, "Latin-ASCII");
	else
		snprintf(name, sizeof name, "%s-Latin%s", uscript_getName(sc),
		    ascii ? "; Latin-ASCII" : "");
	u_uastrcpy(id, name);
	tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	if (U_FAILURE(st))
		tr = sc == USCRIPT_INVALID_CODE ? NULL :
		    transliterator(USCRIPT_INVALID_CODE, 1);
	if (nmade < sizeof made / sizeof made[0]) {
		made[nmade].sc = sc;
		made[nmade].ascii = ascii;
		made[nmade++].tr = tr;
	}
	return tr;
}

/*
 * Is every character of name past ASCII a Han one?  Han-Latin then gives
 * pinyin (and Han it cannot read), whose marks name_words drops as
 * Latin-ASCII would (test-text holds every Han character to it): the
 * second transliteration, a fifth of the cost a name, is not needed.
 */
static int
han_only(const char *name)
{
	const unsigned char	*u = (const unsigned char *)name;
	UErrorCode		 st = U_ZERO_ERROR;
	unsigned int		 cp;
	size_t			 n = strlen(name), i, len;

	for (i = 0; i < n; i += len) {
		if ((len = circle_utf8_decode(u + i, n - i, &cp)) == 0)
			return 0;
		if (cp >= 0x80 && uscript_getScript((UChar32)cp, &st) !=
		    USCRIPT_HAN)
			return 0;
	}
	return 1;
}

/*
 * name in Latin letters, through ICU (王芳 is "wang fang", Дмитрий
 * "Dmitrij"), its letters being of script sc; NULL if ICU cannot.
 */
static char *
latin_of(const char *name, UScriptCode sc)
{
	static char		*last_name, *last_latin;
	static UScriptCode	 last_sc;
	UErrorCode		 st = U_ZERO_ERROR;
	UTransliterator		*tr;
	UChar			*u, *buf = NULL;
	int32_t			 len, cap, n, limit;
	char			*r = NULL;

	/* A new member's handle asks twice, short and whole (roster.c). */
	if (last_name != NULL && last_sc == sc && strcmp(name, last_name) == 0)
		return circle_xstrdup(last_latin);
	if ((tr = transliterator(sc, sc != USCRIPT_HAN ||
	    !han_only(name))) == NULL ||
	    (u = utf16_of(name, &len)) == NULL)
		return NULL;
	/* A Han character becomes up to six letters and a space. */
	for (cap = len * 8 + 16; r == NULL && cap <= len * 64 + 16;
	    cap *= 2) {
		st = U_ZERO_ERROR;
		buf = circle_xreallocarray(buf, (size_t)cap, sizeof *buf);
		memcpy(buf, u, (size_t)len * sizeof *u);
		n = limit = len;
		utrans_transUChars(tr, buf, &n, cap, 0, &limit, &st);
		if (U_SUCCESS(st))
			r = utf8_of(buf, n);
		else if (st != U_BUFFER_OVERFLOW_ERROR)
			break;
	}
	free(buf);
	free(u);
	if (r != NULL) {
		free(last_name);
		free(last_latin);
		last_name = circle_xstrdup(name);
		last_latin = circle_xstrdup(r);
		last_sc = sc;
	}
	return r;
}

/*
 * For a name with nothing in it that can be spelled in Latin letters
 * (emoji, symbols, a script ICU cannot transliterate): the Unicode name
 * of its first character ("🌻" is "sunflower"), or its code ("u-e000").
 */
static size_t
char_name_words(const char *name, char words[][HANDLE_MAX + 1], size_t max)
{
	const unsigned char	*u = (const unsigned char *)name;
	UErrorCode		 st = U_ZERO_ERROR;
	unsigned int		 cp = '?';
	size_t			 n = strlen(name), i, len, nw;
	char			 buf[128];
	UScriptCode		 sc;
	int			 dropped;

	for (i = 0; i < n; i += len) {
		if ((len = circle_utf8_decode(u + i, n - i, &cp)) == 0)
			len = 1, cp = '?';
		else if (!u_isUWhiteSpace((UChar32)cp))
			break;
	}
	if (i >= n)
		cp = '?';	/* no name at all: not a case of a person's */
	if (u_charName((UChar32)cp, U_UNICODE_CHAR_NAME, buf, sizeof buf,
	    &st) <= 0 || U_FAILURE(st) || (nw = name_words(buf, words, max,
	    &dropped, &sc)) == 0) {
		snprintf(buf, sizeof buf, "u %04x", cp);
		nw = name_words(buf, words, max, &dropped, &sc);
	}
	return nw;
}

/*
 * A handle from a name.  A person's is short, "Alex Rivera" -> "alex-r";
 * a group's keeps its words, "Tuesday Evening Circle" ->
 * "tuesday-evening-circle".  Names in other scripts are transliterated
 * (latin_of: 王芳 -> "wang-f"); one with nothing to spell is named after
 * its first character (char_name_words: "sunflower").  Never NULL.
 */
char *
circle_handle_from_name(const char *name, int group)
{
	char		words[8][HANDLE_MAX + 1], h[HANDLE_MAX + 3], *latin;
	size_t		nw, i, len;
	int		unspelled, keep_words = group;
	UScriptCode	sc;

	nw = name_words(name, words, 8, &unspelled, &sc);
	if (unspelled > 0 && (latin = latin_of(name, sc)) != NULL) {
		nw = name_words(latin, words, 8, &unspelled, &sc);
		free(latin);
	}
	if (nw == 0) {
		nw = char_name_words(name, words, 8);
		keep_words = 1;
	}
	if (!isalpha((unsigned char)words[0][0])) {
		/* Handles start with a letter: "2nd Tuesday" -> "g-2nd-..." */
		snprintf(h, sizeof h, "%c-%.29s", group ? 'g' : 'm', words[0]);
		memcpy(words[0], h, strlen(h) + 1 > sizeof words[0] ?
		    sizeof words[0] - 1 : strlen(h) + 1);
		words[0][HANDLE_MAX] = '\0';
	}
	if (nw == 1)
		return circle_xstrdup(words[0]);
	if (keep_words) {
		len = strlen(words[0]);
		memcpy(h, words[0], len + 1);
		for (i = 1; i < nw && len + 1 + strlen(words[i]) <= HANDLE_MAX;
		    i++) {
			h[len++] = '-';
			memcpy(h + len, words[i], strlen(words[i]) + 1);
			len += strlen(words[i]);
		}
		return circle_xstrdup(h);
	}
	snprintf(h, sizeof h, "%.*s-%c", HANDLE_MAX - 2, words[0],
	    words[nw - 1][0]);
	return circle_xstrdup(h);
}

/* a-z 0-9 and inner hyphens, starting with a letter, at most 32 bytes. */
int
circle_handle_valid(const char *h)
{
	size_t	n = strlen(h), i;

	if (n == 0 || n > HANDLE_MAX || !islower((unsigned char)h[0]) ||
	    h[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		if (!(islower((unsigned char)h[i]) ||
		    isdigit((unsigned char)h[i]) || h[i] == '-'))
			return 0;
		if (h[i] == '-' && h[i + 1] == '-')
			return 0;
	}
	return 1;
}

/*
 * Whether a first name's cell already ends with the last name, as a
 * "Name" column beside "Surname" does when people write their whole name
 * in it ("Sam Whitfield", "Whitfield"): the name is then that cell alone.
 */
int
circle_name_holds_last(const char *first, const char *last)
{
	char	*f, *l;
	size_t	 nf, nl;
	int	 holds;

	if (first == NULL || last == NULL || *last == '\0')
		return 0;
	f = circle_name_fold(first);
	l = circle_name_fold(last);
	nf = strlen(f);
	nl = strlen(l);
	holds = nl > 0 && nf > nl + 1 && strcmp(f + nf - nl, l) == 0 &&
	    f[nf - nl - 1] == ' ';
	free(f);
	free(l);
	return holds;
}

/* Whether u[0..n) holds a vowel: a, e, i, o, u, y, or any letter beyond
 * ASCII (an accented vowel, a Greek or Cyrillic word). */
static int
word_voiced(const UChar *u, int32_t n)
{
	int32_t	i;

	for (i = 0; i < n; i++)
		if (u[i] >= 0x80 || strchr("AEIOUYaeiouy", u[i]) != NULL)
			return 1;
	return 0;
}

/* Whether u begins with the two letters of w. */
static int
ascii_is(const UChar *u, const char *w)
{
	return u[0] == (UChar)w[0] && u[1] == (UChar)w[1];
}

/* Whether u[0..n) is a Roman numeral after a name ("III", "IV"). */
static int
word_numeral(const UChar *u, int32_t n)
{
	int32_t	i;

	for (i = 0; i < n; i++)
		if (u[i] != 'I' && u[i] != 'V' && u[i] != 'X')
			return 0;
	return n > 0 && n <= 4;
}

/*
 * The word w[0..n) of a name in capitals, in o: its first letter a
 * capital (cap) or not, the rest small; "Mc" and the letter after it
 * capitals (McDonald); Jr and Sr.  Returns the units written.
 */
static int32_t
word_recased(const UChar *w, int32_t n, int cap, const char *loc, UChar *o,
    int32_t room)
{
	UErrorCode	st = U_ZERO_ERROR;
	UChar32		c;
	int32_t		i = 0, k = 0, m;

	U16_NEXT(w, i, n, c);
	c = cap ? u_totitle(c) : u_tolower(c);
	U16_APPEND_UNSAFE(o, k, c);
	m = u_strToLower(o + k, room - k, w + i, n - i, loc, &st);
	if (U_FAILURE(st))
		return 0;
	k += m;
	if (k > 3 && o[0] == 'M' && o[1] == 'c' && o[2] < 0x80 &&
	    isalpha(o[2]))
		o[2] = (UChar)toupper(o[2]);
	return k;
}

/* Whether u[0..n) is in capitals: no small letter, two capitals. */
static int
caps_only(const UChar *u, int32_t n)
{
	int32_t	i = 0, upper = 0;
	UChar32	c;

	while (i < n) {
		U16_NEXT(u, i, n, c);
		if (u_islower(c))
			return 0;
		upper += u_isupper(c) != 0;
	}
	return upper >= 2;
}

/* Whether s is a name in capitals ("ANN LEE"; not "Ann LEE", "J"). */
int
circle_name_in_caps(const char *s)
{
	UChar	*u;
	int32_t	 len;
	int	 yes;

	if ((u = utf16_of(s, &len)) == NULL)
		return 0;
	yes = caps_only(u, len);
	free(u);
	return yes;
}

/*
 * First names and the short forms people go by whose letters do not
 * begin the whole name (a short form that does, Chris of Christopher or
 * Ann of Annie, needs no entry: short_of), folded.
 */
static const char *const short_forms[][2] = {
	{ "bob", "robert" }, { "bobby", "robert" }, { "robbie", "robert" },
	{ "bill", "william" }, { "billy", "william" }, { "liam", "william" },
	{ "liz", "elizabeth" }, { "beth", "elizabeth" },
	{ "betty", "elizabeth" }, { "betsy", "elizabeth" },
	{ "peggy", "margaret" }, { "maggie", "margaret" },
	{ "meg", "margaret" }, { "jim", "james" }, { "jimmy", "james" },
	{ "jamie", "james" }, { "dick", "richard" }, { "rick", "richard" },
	{ "ricky", "richard" }, { "tony", "anthony" }, { "jack", "john" },
	{ "ted", "edward" }, { "ned", "edward" }, { "ted", "theodore" },
	{ "chuck", "charles" }, { "charlie", "charles" }, { "hank", "henry" },
	{ "harry", "henry" }, { "sally", "sarah" }, { "molly", "mary" },
	{ "polly", "mary" }, { "patty", "patricia" }, { "trish", "patricia" },
	{ "kate", "katherine" }, { "kate", "catherine" },
	{ "katie", "katherine" }, { "kathy", "katherine" },
	{ "cathy", "catherine" }, { "mike", "michael" }, { "mick", "michael" },
	{ "steve", "stephen" }, { "dave", "david" }, { "andy", "andrew" },
	{ "drew", "andrew" }, { "sandy", "alexandra" },
	{ "sasha", "alexander" }, { "nick", "nicholas" },
	{ "nicky", "nicholas" }, { "jenny", "jennifer" },
	{ "becky", "rebecca" }, { "becca", "rebecca" }, { "joe", "joseph" },
	{ "joey", "joseph" }, { "tommy", "thomas" }, { "pete", "peter" },
	{ "sue", "susan" }, { "susie", "susan" }, { "vicky", "victoria" },
	{ "benny", "benjamin" }, { "abby", "abigail" }, { "nate", "nathan" },
	{ "nate", "nathaniel" }, { "ronnie", "ronald" }, { "pepe", "jose" },
	{ "paco", "francisco" }, { "lupe", "guadalupe" },
};

/*
 * Whether first names a and b (folded, a's n bytes and b's m) are one
 * person's, one a short form of the other: a table's (Bob, Robert), or
 * one of three letters or more beginning the other (Ann, Annie; Chris,
 * Christopher).
 */
static int
short_of(const char *a, size_t n, const char *b, size_t m)
{
	size_t	i, k;

	if ((n >= 3 && n < m && strncmp(a, b, n) == 0) ||
	    (m >= 3 && m < n && strncmp(a, b, m) == 0))
		return 1;
	for (i = 0; i < sizeof short_forms / sizeof short_forms[0]; i++)
		for (k = 0; k < 2; k++)
			if (strlen(short_forms[i][k]) == n &&
			    strncmp(a, short_forms[i][k], n) == 0 &&
			    strlen(short_forms[i][!k]) == m &&
			    strncmp(b, short_forms[i][!k], m) == 0)
				return 1;
	return 0;
}

/*
 * Whether name a, a file's, and b, the roster's, folded
 * (circle_name_fold), are one person's by their first names: 1 when they
 * begin with the same word, however a form or a roster writes it ("Ann",
 * "ANN LEE", "Ann Lee-Smith"), not a family's other ("Bob Lee"); 2 when
 * a's first name is a short form of b's or b's of a's ("Annie" or
 * "Annie Oak" of "Ann Oak", "Bob Oak" of "Robert Oak": short_of) and a
 * has no last name or b's, or is its initial beside b's last name ("A.
 * Oak"); else 0.  b NULL is no name.  The one rule of
 * it, for every import that finds a person by email beside a name.
 */
int
circle_name_first_same(const char *a, const char *b)
{
	char	*fa, *fb;
	size_t	 n, m;
	int	 yes = 0;

	if (b == NULL)
		return 0;
	fa = circle_name_fold(a);
	fb = circle_name_fold(b);
	if (fa != NULL && fb != NULL) {
		n = strcspn(fa, " ");
		m = strcspn(fb, " ");
		if (n == m && strncmp(fa, fb, n) == 0)
			yes = 1;
		else if (short_of(fa, n, fb, m) && (fa[n] == '\0' ||
		    strcmp(fa + n, fb + m) == 0))
			yes = 2;
		else if ((n == 1 || (n == 2 && fa[1] == '.')) &&
		    isalpha((unsigned char)fa[0]) && fa[0] == fb[0] &&
		    fa[n] != '\0' && strcmp(fa + n, fb + m) == 0)
			yes = 2;	/* "A. Oak" of "Ann Oak" */
	}
	free(fa);
	free(fb);
	return yes;
}

/*
 * Whether s is cased as no one writes a name: in capitals ("ANN LEE") or
 * with no capital ("cy lowe"), two letters at least.
 */
int
circle_name_uncased(const char *s)
{
	UChar	*u;
	UChar32	 c;
	int32_t	 len, i = 0, upper = 0, lower = 0;

	if ((u = utf16_of(s, &len)) == NULL)
		return 0;
	while (i < len) {
		U16_NEXT(u, i, len, c);
		upper += u_isupper(c) != 0;
		lower += u_islower(c) != 0;
	}
	free(u);
	return (upper == 0 && lower >= 2) || (lower == 0 && upper >= 2);
}

/*
 * Whether caps, a name in capitals, is name, one with small letters,
 * written in capitals ("AYŞE YILMAZ" of "Ayşe Yılmaz", "ANN MACLEOD" of
 * "Ann MacLeod", "ZOE" of "Zoë"): name in capitals, folded
 * (circle_name_fold), is caps folded.
 */
int
circle_name_caps_of(const char *name, const char *caps)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		*u, *o;
	char		*up, *a, *b;
	int32_t		 len, n;
	int		 yes;

	if (name == NULL || (u = utf16_of(name, &len)) == NULL)
		return 0;
	if (caps_only(u, len) || !circle_name_in_caps(caps)) {
		free(u);
		return 0;
	}
	o = circle_xreallocarray(NULL, (size_t)len * 3 + 1, sizeof *o);
	n = u_strToUpper(o, len * 3, u, len, "", &st);
	free(u);
	if (U_FAILURE(st)) {
		free(o);
		return 0;
	}
	up = utf8_of(o, n);
	free(o);
	a = circle_name_fold(up);
	b = circle_name_fold(caps);
	yes = a != NULL && b != NULL && strcmp(a, b) == 0;
	free(up);
	free(a);
	free(b);
	return yes;
}

/*
 * The language whose small letters a name in capitals u[0..n) takes: ""
 * for all, "tr" when it has Turkish's İ or Ğ (its I is then ı, as in
 * "YILMAZ", and İ is i); NULL when it cannot be told: Ş and an I, as
 * Turkish (Işık) and Romanian (Ştefan Mihai) write.
 */
static const char *
caps_language(const UChar *u, int32_t n)
{
	int32_t	i;
	int	s = 0, dotless = 0;

	for (i = 0; i < n; i++) {
		if (u[i] == 0x130 || u[i] == 0x11e)
			return "tr";
		s |= u[i] == 0x15e;
		dotless |= u[i] == 'I';
	}
	return s && dotless ? NULL : "";
}

/*
 * A name written in capitals ("ANN LEE", "O'NEIL", as CRMs export names),
 * in capitals and small letters ("Ann Lee", "O'Neil"); NULL when s has a
 * small letter or fewer than two capitals, as "McDONALD" and "Ann LEE",
 * typed so, are kept, and so is one whose I cannot be told Turkish
 * or not (caps_language).  Each word begins with a capital: after a space, a
 * hyphen (Smith-Jones), a point, and an apostrophe after one letter
 * (O'Neil, D'Angelo); "Mc" is McDonald.  A word without a vowel (TJ),
 * two letters ending in J (AJ, EJ) and a Roman numeral after a name
 * (III) stay capitals, but for Jr, Sr and Ng.  Particles are capitals
 * too ("De La Cruz", "Nguyen Van An"): which are small depends on the
 * language, and in Vietnamese "Van" is a name.  The caller frees the
 * result; NULL too when nothing changes ("TJ").
 */
char *
circle_name_from_caps(const char *s)
{
	UChar		*u, *o;
	char		*r;
	const char	*loc;
	int32_t		 len, i, j, m, k = 0, prev = 0;

	if ((u = utf16_of(s, &len)) == NULL)
		return NULL;
	if (!caps_only(u, len) || (loc = caps_language(u, len)) == NULL) {
		free(u);
		return NULL;
	}
	o = circle_xreallocarray(NULL, (size_t)len * 3 + 1, sizeof *o);
	for (i = 0; i < len; i = j) {
		for (j = i; j < len && (u_isalpha(u[j]) ||
		    U16_IS_SURROGATE(u[j]) || (U_GET_GC_MASK(u[j]) &
		    U_GC_M_MASK) != 0); j++)
			;
		if (j == i) {
			o[k++] = u[j++];
			continue;
		}
		if (!word_voiced(u + i, j - i) || (j - i == 2 &&
		    u[i + 1] == 'J') || (i > 0 && j == len &&
		    word_numeral(u + i, j - i))) {
			for (m = 0; m < j - i; m++)
				o[k + m] = u[i + m];
			/* Jr, Sr; Ng, a surname, not initials. */
			if (j - i == 2 && (ascii_is(u + i, "JR") ||
			    ascii_is(u + i, "SR") || ascii_is(u + i, "NG")))
				o[k + 1] = (UChar)u_tolower(o[k + 1]);
			k += j - i;
		} else
			k += word_recased(u + i, j - i, i == 0 || (u[i - 1] !=
			    '\'' && u[i - 1] != 0x2019) || prev == 1, loc,
			    o + k, len * 3 - k);
		prev = j - i;
	}
	r = utf8_of(o, k);
	free(u);
	free(o);
	if (strcmp(r, s) == 0) {
		free(r);
		return NULL;
	}
	return r;
}
