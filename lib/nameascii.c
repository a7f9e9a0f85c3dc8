/*
 * nameascii.c: a name as it is typed on a keyboard without its letters,
 * through ICU: "Lukasz" for Łukasz, "Muller" and "Mueller" for Müller,
 * "Francois" for François, "yamada" for やまだ.  For looking people up
 * (record.c, as SQL: circle_ascii_is()) and searching (search.c) when
 * the folded name (circle_name_fold) finds no one; member.name_fold
 * stays as it is.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "circle-priv.h"

/*
 * The ways to type a name in ASCII: Latin letters without their marks
 * (Łukasz is Lukasz, Müller Muller), every script's letters as ICU spells
 * them in Latin (やまだ is yamada; three times the cost, for names not in
 * Latin letters only), and German's (Müller is Mueller, Größe Groesse).
 * Opened once each; NULL if ICU cannot.
 */
#define TR_LATIN	0
#define TR_GERMAN	1
#define TR_ANY		2
static UTransliterator *
ascii_tr(int which)
{
	static UTransliterator	*tr[3];
	static int		 tried[3];
	static const char *const ids[3] = { "Latin-ASCII", "de-ASCII",
	    "Any-Latin; Latin-ASCII" };
	UErrorCode		 st = U_ZERO_ERROR;
	UChar			 id[40];

	if (!tried[which]) {
		tried[which] = 1;
		u_uastrcpy(id, ids[which]);
		tr[which] = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0,
		    NULL, &st);
		if (U_FAILURE(st))
			tr[which] = NULL;
	}
	return tr[which];
}

/* Is every letter of u[0..len) a Latin one (or of no script)? */
static int
latin_only(const UChar *u, int32_t len)
{
	UErrorCode	st = U_ZERO_ERROR;
	UScriptCode	sc;
	UChar32		c;
	int32_t		i = 0;

	while (i < len) {
		U16_NEXT(u, i, len, c);
		if (c < 0x80)
			continue;
		sc = uscript_getScript(c, &st);
		if (sc != USCRIPT_LATIN && sc != USCRIPT_COMMON &&
		    sc != USCRIPT_INHERITED)
			return 0;
	}
	return 1;
}

/* Has s a letter German writes otherwise in ASCII (ä ö ü ß, ÄÖÜ)? */
static int
umlaut_in(const char *s)
{
	static const char *const u[] = { "\xc3\xa4", "\xc3\xb6", "\xc3\xbc",
	    "\xc3\x84", "\xc3\x96", "\xc3\x9c", "\xc3\x9f" };
	size_t	i;

	for (i = 0; i < sizeof u / sizeof u[0]; i++)
		if (strstr(s, u[i]) != NULL)
			return 1;
	return 0;
}

/*
 * s in ASCII the one way or, with german, the other (ascii_tr), folded
 * (circle_name_fold); s folded where it is ASCII already, or ICU cannot.
 * The caller frees.
 */
char *
circle_name_ascii(const char *s, int german)
{
	UErrorCode		 st = U_ZERO_ERROR;
	UTransliterator		*tr;
	UChar			*u;
	int32_t			 len, cap, limit;
	char			*a, *f;
	size_t			 n = strlen(s);

	if (circle_is_ascii(s) || n > 4000)
		return circle_name_fold(s);
	/* A Han character becomes up to six letters and a space. */
	cap = (int32_t)n * 8 + 16;
	u = circle_xreallocarray(NULL, (size_t)cap, sizeof *u);
	u_strFromUTF8(u, cap, &len, s, (int32_t)n, &st);
	tr = ascii_tr(german ? TR_GERMAN : latin_only(u, len) ? TR_LATIN :
	    TR_ANY);
	limit = len;
	if (U_SUCCESS(st) && tr != NULL)
		utrans_transUChars(tr, u, &len, cap, 0, &limit, &st);
	if (U_FAILURE(st) || tr == NULL) {
		free(u);
		return circle_name_fold(s);
	}
	a = circle_xmalloc((size_t)len * 3 + 1);
	u_strToUTF8(a, len * 3 + 1, NULL, u, len, &st);
	free(u);
	if (U_FAILURE(st)) {
		free(a);
		return circle_name_fold(s);
	}
	f = circle_name_fold(a);
	free(a);
	return f;
}

/*
 * Is ref, as typed, name or the beginning of it to the end of a word, the
 * two in ASCII either way (circle_name_ascii)?  "lukasz nowak" is Łukasz
 * Nowak, "jorg mueller" and "Jörg" Jörg Müller; none when both are ASCII,
 * as the folded name has said of them already.
 */
int
circle_name_ascii_is(const char *name, const char *ref)
{
	static char	*had, *r[2];
	char		*n[2];
	size_t		 i, k, len, nn;
	int		 is = 0;

	if (circle_is_ascii(name) && circle_is_ascii(ref))
		return 0;
	/* ref is the same for every row of a lookup */
	if (had == NULL || strcmp(had, ref) != 0) {
		free(had);
		had = circle_xstrdup(ref);
		for (i = 0; i < 2; i++) {
			free(r[i]);
			r[i] = circle_name_ascii(ref, (int)i);
		}
	}
	/* ASCII stays as it is, but for case: Zoë is no "lu" */
	if (isalpha((unsigned char)name[0]) && tolower((unsigned char)
	    name[0]) != r[0][0] && tolower((unsigned char)name[0]) != r[1][0])
		return 0;
	n[0] = circle_name_ascii(name, 0);
	nn = umlaut_in(name) ? 2 : 1;
	n[1] = nn == 2 ? circle_name_ascii(name, 1) : NULL;
	for (i = 0; i < nn && !is; i++)
		for (k = 0; k < 2 && !is; k++) {
			len = strlen(r[k]);
			is = len > 0 && strncmp(n[i], r[k], len) == 0 &&
			    strchr(" -", n[i][len]) != NULL;
		}
	free(n[0]);
	free(n[1]);
	return is;
}

static void
sql_ascii_is(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char	*name, *ref;

	(void)argc;
	name = sqlite3_value_text(argv[0]);
	ref = sqlite3_value_text(argv[1]);
	sqlite3_result_int(cx, name != NULL && ref != NULL &&
	    circle_name_ascii_is((const char *)name, (const char *)ref));
}

/* circle_ascii_is(name, ref) on the connection h. */
int
circle_name_ascii_sql(sqlite3 *h)
{
	return sqlite3_create_function_v2(h, "circle_ascii_is", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    sql_ascii_is, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
