/*
 * test-text.c: UTF-8 checks and widths, handles made from names, the field
 * validators, pseudonyms, text saved as UTF-8 twice, and strict dates
 * and time zones (lib/text.c, lib/twice.c, lib/when.c).
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "circle-priv.h"

/* Is s valid UTF-8?  The offset of the first bad byte in *bad. */
static int
valid(const char *s, size_t *bad)
{
	*bad = (size_t)-1;
	return circle_utf8_valid(s, strlen(s), bad);
}

static void
test_utf8_valid_good(void **state)
{
	size_t	bad;

	assert_true(valid("", &bad));
	assert_true(valid("plain ASCII", &bad));
	/* Zoë Çelik, 日本, U+1F600, and the edges of each length. */
	assert_true(valid("Zo\xc3\xab \xc3\x87" "elik", &bad));
	assert_true(valid("\xe6\x97\xa5\xe6\x9c\xac", &bad));
	assert_true(valid("\xf0\x9f\x98\x80", &bad));
	assert_true(valid("\xf4\x8f\xbf\xbf", &bad));	/* U+10FFFF */
	assert_true(valid("\xed\x9f\xbf", &bad));	/* U+D7FF */
	assert_true(valid("\xee\x80\x80", &bad));	/* U+E000 */
	assert_true(valid("\xc2\x80", &bad));		/* U+0080 */
	assert_true(valid("\xe0\xa0\x80", &bad));	/* U+0800 */
	assert_true(valid("\xf0\x90\x80\x80", &bad));	/* U+10000 */
	/* An embedded NUL is a valid code point when n covers it. */
	assert_true(circle_utf8_valid("a\0b", 3, &bad));
}

static void
test_utf8_valid_bad(void **state)
{
	size_t	bad;

	/* Overlong forms of '/' and of U+07FF, U+FFFF. */
	assert_false(valid("\xc0\xaf", &bad));
	assert_int_equal(bad, 0);
	assert_false(valid("\xc1\xbf", &bad));
	assert_false(valid("ab\xe0\x80\xaf", &bad));
	assert_int_equal(bad, 2);
	assert_false(valid("\xe0\x9f\xbf", &bad));
	assert_false(valid("\xf0\x8f\xbf\xbf", &bad));
	/* Surrogates, high and low. */
	assert_false(valid("x\xed\xa0\x80", &bad));
	assert_int_equal(bad, 1);
	assert_false(valid("\xed\xbf\xbf", &bad));
	/* Past U+10FFFF, and bytes that never start a sequence. */
	assert_false(valid("\xf4\x90\x80\x80", &bad));
	assert_false(valid("\xf5\x80\x80\x80", &bad));
	assert_false(valid("\xf8\x88\x80\x80\x80", &bad));
	assert_false(valid("\xff", &bad));
	/* A lone continuation byte. */
	assert_false(valid("abc\x80", &bad));
	assert_int_equal(bad, 3);
	/* Truncated sequences, at the end and before ASCII. */
	assert_false(valid("Zo\xc3", &bad));
	assert_int_equal(bad, 2);
	assert_false(valid("\xe6\x97", &bad));
	assert_false(valid("\xf0\x9f\x98", &bad));
	assert_false(valid("\xe6\x97x", &bad));
	assert_int_equal(bad, 0);
	/* The offset is of the first bad sequence, after good multibyte. */
	assert_false(valid("\xc3\xab\xe6\x97\xa5" "ok\xed\xa0\x80\xc0", &bad));
	assert_int_equal(bad, 7);
	/* n bounds the check: a sequence cut by n is truncated. */
	assert_false(circle_utf8_valid("\xc3\xab", 1, &bad));
	assert_int_equal(bad, 0);
	assert_true(circle_utf8_valid("ok\xff", 2, &bad));
	/* bad may be NULL. */
	assert_false(circle_utf8_valid("\xff", 1, NULL));
}

static void
test_utf8_width(void **state)
{
	assert_int_equal(circle_utf8_width(""), 0);
	assert_int_equal(circle_utf8_width("Alex Rivera"), 11);
	/* Zoë, Çelik, 日本, 한, 😀, "hi 🌱" */
	assert_int_equal(circle_utf8_width("Zo\xc3\xab"), 3);
	assert_int_equal(circle_utf8_width("\xc3\x87" "elik"), 5);
	assert_int_equal(circle_utf8_width("\xe6\x97\xa5\xe6\x9c\xac"), 4);
	assert_int_equal(circle_utf8_width("\xed\x95\x9c"), 2);
	assert_int_equal(circle_utf8_width("\xf0\x9f\x98\x80"), 2);
	assert_int_equal(circle_utf8_width("hi \xf0\x9f\x8c\xb1"), 5);
	/* e + COMBINING ACUTE ACCENT is one column. */
	assert_int_equal(circle_utf8_width("Zoe\xcc\x81"), 3);
	/* ASCII control characters take no columns. */
	assert_int_equal(circle_utf8_width("a\tb"), 2);
	/* An invalid byte still takes a column: never under-counts. */
	assert_int_equal(circle_utf8_width("a\xff" "b"), 3);
}

static void
test_utf8_cut(void **state)
{
	/* Whole characters that fit in the columns, in bytes. */
	assert_int_equal(circle_utf8_cut("Alex Rivera", 4), 4);
	assert_int_equal(circle_utf8_cut("Alex", 10), 4);
	assert_int_equal(circle_utf8_cut("Alex", 0), 0);
	/* "Zoë": ë is two bytes and one column. */
	assert_int_equal(circle_utf8_cut("Zo\xc3\xab!", 3), 4);
	/* A wide character that would straddle the edge is left out. */
	assert_int_equal(circle_utf8_cut("\xe6\x97\xa5\xe6\x9c\xac", 3), 3);
	assert_int_equal(circle_utf8_cut("\xe6\x97\xa5\xe6\x9c\xac", 4), 6);
	/* A combining accent stays with its letter: "Jose\u0301 L". */
	assert_int_equal(circle_utf8_cut("Jose\xcc\x81 L", 4), 6);
	assert_int_equal(circle_utf8_cut("Jose\xcc\x81 L", 3), 3);
	/* A byte that is not UTF-8 takes a column, as in the width. */
	assert_int_equal(circle_utf8_cut("a\xff" "b", 2), 2);
}

/*
 * Where a message too long is cut: never inside a character, nor between
 * a letter and its accent, an emoji and its skin tone, or the people of a
 * family joined; then "..." (circle_err_set).
 */
static void
test_utf8_fit(void **state)
{
	struct circle_err	 e;
	char			 big[2000];
	size_t			 i, n;

	(void)state;
	assert_int_equal(circle_utf8_fit("Alex", 10), 4);
	assert_int_equal(circle_utf8_fit("Alex", 2), 2);
	/* 金曜日: not inside a character of three bytes */
	assert_int_equal(circle_utf8_fit("\xe9\x87\x91\xe6\x9b\x9c", 5), 3);
	assert_int_equal(circle_utf8_fit("\xe9\x87\x91\xe6\x9b\x9c", 2), 0);
	/* "Jose\u0301 L": not before the accent */
	assert_int_equal(circle_utf8_fit("Jose\xcc\x81 L", 4), 3);
	assert_int_equal(circle_utf8_fit("Jose\xcc\x81 L", 6), 6);
	/* 👍🏽: the skin tone goes with the thumb */
	assert_int_equal(circle_utf8_fit("a\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd",
	    7), 1);
	/* 👩‍👧: nothing after the joiner is cut from it */
	assert_int_equal(circle_utf8_fit("a\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7" "b", 9), 1);
	assert_int_equal(circle_utf8_fit("a\xf0\x9f\x91\xa9\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa7" "b", 12), 12);
	/* a message quoting 400 of 金 (1,200 bytes) ends whole, then "..." */
	for (n = 0, i = 0; i < 400; i++, n += 3)
		memcpy(big + n, "\xe9\x87\x91", 3);
	big[n] = '\0';
	circle_err_set(&e, CIRCLE_EDATA, "date: \"%s\" is not a date", big);
	n = strlen(e.msg);
	assert_true(n < sizeof e.msg);
	assert_string_equal(e.msg + n - 3, "...");
	assert_memory_equal(e.msg + n - 6, "\xe9\x87\x91", 3);
	circle_err_set(&e, CIRCLE_EDATA, "x");
	circle_err_append(&e, "%s", big);
	n = strlen(e.msg);
	assert_memory_equal(e.msg + n - 6, "\xe9\x87\x91...", 6);
	circle_err_set(&e, CIRCLE_EDATA, "%s", big);
	circle_err_prefix(&e, "attend: %s", "zo\xc3\xab");
	n = strlen(e.msg);
	assert_memory_equal(e.msg + n - 6, "\xe9\x87\x91...", 6);
}

static void	 fold_is(const char *, const char *);

/* What search compares (the same fold as names). */
static void
test_text_fold(void **state)
{
	fold_is("", "");
	fold_is("Alex RIVERA", "alex rivera");
	/* Accents gone, composed or not. */
	fold_is("Jos\xc3\xa9 \xc3\x81lvarez", "jose alvarez");
	fold_is("Jose\xcc\x81", "jose");
	/* Full case folding: sharp s is ss; the fi ligature is fi. */
	fold_is("Stra\xc3\x9f" "e", "strasse");
	fold_is("\xef\xac\x81le", "file");
	/* Full-width letters are letters. */
	fold_is("\xef\xbc\xab\xef\xbc\xa9\xef\xbc\xad", "kim");
	/* Other scripts stay as they are, but for case. */
	fold_is("\xe5\xb1\xb1\xe7\x94\xb0", "\xe5\xb1\xb1\xe7\x94\xb0");
	fold_is("\xce\x9f\xce\x94\xce\x9f\xce\xa3", "\xce\xbf\xce\xb4\xce\xbf\xcf\x83");
	/* Bytes that are not UTF-8: lower-cased as they are, never a crash. */
	fold_is("A\xff" "B", "a\xff" "b");
}

/* circle_utf8_twice on s: its count, whole, and the first run's place. */
static size_t
twice(const char *s, int *whole, size_t *first, size_t *len)
{
	return circle_utf8_twice(s, strlen(s), first, len, whole);
}

static void
test_utf8_twice(void **state)
{
	size_t	 first, len, n;
	int	 whole;
	char	*m;

	/* "Café – l’été", saved twice: Ã© â€“ â€™ */
	assert_int_equal(twice("Caf\xc3\x83\xc2\xa9 \xc3\xa2\xe2\x82\xac"
	    "\xe2\x80\x9c l\xc3\xa2\xe2\x82\xac\xe2\x84\xa2", &whole,
	    &first, &len), 3);
	assert_true(whole);
	assert_int_equal(first, 3);
	assert_int_equal(len, 4);
	/* A byte order mark says nothing; a legible é makes it not whole. */
	assert_int_equal(twice("\xef\xbb\xbf" "Caf\xc3\x83\xc2\xa9", &whole,
	    &first, &len), 1);
	assert_true(whole);
	assert_int_equal(twice("Caf\xc3\x83\xc2\xa9 caf\xc3\xa9", &whole,
	    &first, &len), 1);
	assert_false(whole);
	/* Plain UTF-8: Ã alone, ©, ’, …, é… (E9 85 then a space). */
	assert_int_equal(twice("\xc3\x83 la carte \xc2\xa9 \xe2\x80\x99 "
	    "caf\xc3\xa9\xe2\x80\xa6 x", &whole, &first, &len), 0);
	assert_false(whole);
	/*
	 * Correct French and capitals: "santé »" with its no-break space
	 * (E9 A0 BB, a CJK character) and "CAFÉ’S" (C9 92, a phonetic
	 * letter) are no text saved twice, alone or in a file that is.
	 */
	assert_int_equal(twice("Atelier : sant\xc3\xa9\xc2\xa0\xc2\xbb",
	    &whole, &first, &len), 0);
	assert_false(whole);
	assert_int_equal(twice("CAF\xc3\x89\xe2\x80\x99S GROUP", &whole,
	    &first, &len), 0);
	assert_false(whole);
	assert_int_equal(twice("CAF\xc3\x89\xe2\x80\x99S Caf\xc3\x83\xc2\xa9",
	    &whole, &first, &len), 1);
	assert_false(whole);
	assert_int_equal(first, 13);
	/* Twice saved Cyrillic tells ("Ð¡" for "С"); a CJK run is mended. */
	assert_int_equal(twice("\xc3\x90\xc2\xa1 \xc3\xa6\xe2\x80\x94\xc2\xa5",
	    &whole, &first, &len), 2);
	assert_true(whole);
	/*
	 * A capital and a mark that follows a word, ending a word of
	 * capitals, tells nothing alone: Portuguese "JAPÃ…" (not "JAPÅ");
	 * "TYÖ" saved twice in capitals is so taken too.  Beside a run that
	 * tells, it is one; "SÄ…" ("Są") after one capital tells.
	 */
	assert_int_equal(twice("JAP\xc3\x83\xe2\x80\xa6 2055", &whole,
	    &first, &len), 0);
	assert_false(whole);
	assert_int_equal(twice("TY\xc3\x83\xe2\x80\x93", &whole, &first,
	    &len), 0);
	assert_int_equal(twice("VIETN\xc3\x83\xe2\x80\x9d Caf\xc3\x83"
	    "\xc2\xa9", &whole, &first, &len), 2);
	assert_true(whole);
	assert_int_equal(first, 14);
	assert_int_equal(twice("S\xc3\x84\xe2\x80\xa6", &whole, &first,
	    &len), 1);
	assert_true(whole);
	/* One Latin capital before: no Cyrillic after a K ("KÒ…"). */
	assert_int_equal(twice("K\xc3\x92\xe2\x80\xa6", &whole, &first,
	    &len), 0);
	/*
	 * » and « are closing quotes too: Portuguese «MANHÃ», Norwegian
	 * »OGSÅ« (not "MANHû", "OGSū"); "Â»" is "»" saved twice, and tells.
	 */
	assert_int_equal(twice("\xc2\xabMANH\xc3\x83\xc2\xbb", &whole,
	    &first, &len), 0);
	assert_int_equal(twice("\xc2\xbbOGS\xc3\x85\xc2\xab", &whole,
	    &first, &len), 0);
	assert_int_equal(twice("\xc3\x82\xc2\xabMANH\xc3\x83\xc6\x92"
	    "\xc3\x82\xc2\xbb", &whole, &first, &len), 3);
	assert_true(whole);
	/*
	 * A capital before the no-break space French writes before » : ; !
	 * ?: "IRMÃ »", "ALLÔ ?", "KANADÂ »" are correct; "Ã " alone is "à"
	 * saved twice, "ATTENTIONÂ !" a no-break space, "ENGLIÅ " "ENGLIŠ".
	 */
	assert_int_equal(twice("SALA IRM\xc3\x83\xc2\xa0\xc2\xbb", &whole,
	    &first, &len), 0);
	assert_int_equal(twice("ALL\xc3\x94\xc2\xa0?", &whole, &first,
	    &len), 0);
	assert_int_equal(twice("P\xc3\x83\xc2\xa0:", &whole, &first,
	    &len), 0);
	assert_int_equal(twice("KANAD\xc3\x82\xc2\xa0\xc2\xbb", &whole,
	    &first, &len), 0);
	assert_int_equal(twice("voil\xc3\x83\xc2\xa0 \xc3\x83\xc2\xa0 "
	    "Paris", &whole, &first, &len), 2);
	assert_true(whole);
	assert_int_equal(twice("ATTENTION\xc3\x82\xc2\xa0!", &whole, &first,
	    &len), 1);
	assert_true(whole);
	assert_int_equal(twice("ENGLI\xc3\x85\xc2\xa0", &whole, &first,
	    &len), 1);
	assert_true(whole);
	/* A calendar's fold inside a run: mended, the fold kept after. */
	m = circle_utf8_untwice("Th\xc3\x83\r\n \xc2\xa8me", 11, &n);
	assert_string_equal(m, "Th\xc3\xa8\r\n me");
	assert_int_equal(n, 9);
	free(m);
	(void)state;
}

/* circle_utf8_twice_maybe on s: its count. */
static size_t
twice_maybe(const char *s)
{
	size_t	first, len;

	return circle_utf8_twice_maybe(s, strlen(s), &first, &len);
}

/*
 * A word in capitals saved twice that tells nothing alone may be one:
 * "TYÃ–" ("TYÖ"), "MALMÃ– STAD", a dash glued to its end; not a capital
 * a closing quote or an ellipsis follows ("MANHÃ…"), nor one of another
 * script than its word's, nor a lower case one ("IRMÃ »": "IRMà"), nor
 * in a text with a character no run holds ("PÄIVÄ–" after "TÄNÄÄN").
 */
static void
test_utf8_twice_maybe(void **state)
{
	size_t	first, len;

	assert_int_equal(circle_utf8_twice_maybe("TY\xc3\x83\xe2\x80\x93",
	    8, &first, &len), 1);
	assert_int_equal(first, 2);
	assert_int_equal(len, 5);
	assert_int_equal(twice_maybe("MALM\xc3\x83\xe2\x80\x93 STAD, "
	    "TY\xc3\x83\xe2\x80\x93 x\xc3\x83\xe2\x80\x94"), 2);
	assert_int_equal(twice_maybe("MANH\xc3\x83\xe2\x80\xa6"), 0);
	assert_int_equal(twice_maybe("\xc2\xabOGS\xc3\x85\xc2\xbb"), 0);
	assert_int_equal(twice_maybe("SALA IRM\xc3\x83\xc2\xa0\xc2\xbb"), 0);
	assert_int_equal(twice_maybe("K\xc3\x92\xe2\x80\x93"), 0);
	assert_int_equal(twice_maybe("KOKOUS T\xc3\x84N\xc3\x84\xc3\x84N "
	    "\xe2\x80\x93 VIIKKO P\xc3\x84IV\xc3\x84\xe2\x80\x93"), 0);
	assert_int_equal(twice_maybe("TYO"), 0);
	/* Catalan's March, Turkish Norway: no pinyin U+01D7 or U+0216. */
	assert_int_equal(twice_maybe("DE MAR\xc3\x87\xe2\x80\x94"), 0);
	assert_int_equal(twice_maybe("NORVE\xc3\x87\xe2\x80\x94"), 0);
	assert_int_equal(twice_maybe("ETAL\xc3\x88\xe2\x80\x93"), 0);
	/* Lithuanian's Ė saved twice may be. */
	assert_int_equal(twice_maybe("GATV\xc3\x84\xe2\x80\x93"), 1);
	(void)state;
}

/* circle_utf8_twice_letters: a line safe to mend alone. */
static int
twice_letters(const char *s)
{
	return circle_utf8_twice_letters(s, strlen(s));
}

static void
test_utf8_twice_letters(void **state)
{
	/* "Café, München": every run a letter. */
	assert_true(twice_letters("Caf\xc3\x83\xc2\xa9, M\xc3\x83\xc2\xbc"
	    "nchen"));
	/* Folded inside a run. */
	assert_true(twice_letters("Th\xc3\x83\r\n \xc2\xa8me"));
	/* A run that is punctuation: "It’s" (â€™); a correct "NÃO»". */
	assert_false(twice_letters("It\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s"));
	assert_false(twice_letters("N\xc3\x83O\xc2\xbb"));
	/* A correct é beside a run; plain ASCII; correct French alone. */
	assert_false(twice_letters("Caf\xc3\xa9 Caf\xc3\x83\xc2\xa9"));
	assert_false(twice_letters("Cafe"));
	assert_false(twice_letters("sant\xc3\xa9\xc2\xa0\xc2\xbb"));
	/*
	 * Correct capitals before a closing quote or an ellipsis: Kurdish
	 * "TIRK\xc3\x8e\xe2\x80\x9d" (not Greek "TIRK\xce\x94"), Vietnamese
	 * "GI\xc3\x92\xe2\x80\x9d" (not Cyrillic), Catalan "MAR\xc3\x87\xe2\x80\xa6"
	 * (not the digraph "MAR\xc7\x85"); Greek and Cyrillic saved twice.
	 */
	assert_false(twice_letters("\"TIRK\xc3\x8e\xe2\x80\x9d"));
	assert_false(twice_letters("\"GI\xc3\x92\xe2\x80\x9d"));
	assert_false(twice_letters("DE MAR\xc3\x87\xe2\x80\xa6"));
	assert_true(twice_letters("\xc3\x8e\xc2\xa3\xc3\x8f\xe2\x80\xa6\xc3\x8e"
	    "\xc2\xbd"));	/* Συν */
	assert_true(twice_letters("Zoom \xc3\x90\xc2\xa1\xc3\x90\xc2\xbe"));
	/*
	 * A correct capital and a mark at the end of a word of capitals:
	 * "MANHÃ…", "INSLÄ”"; mended beside a run that tells, and "Są"
	 * (one capital before) alone.
	 */
	assert_false(twice_letters("MANH\xc3\x83\xe2\x80\xa6"));
	assert_false(twice_letters("INSL\xc3\x84\xe2\x80\x9d x"));
	assert_true(twice_letters("TY\xc3\x83\xe2\x80\x93 Caf\xc3\x83"
	    "\xc2\xa9"));
	assert_true(twice_letters("S\xc3\x84\xe2\x80\xa6 to"));
	assert_false(twice_letters("IRM\xc3\x83\xc2\xbb"));
	(void)state;
}

static void
test_has_control(void **state)
{
	assert_false(circle_has_control("line one\nline\ttwo"));
	assert_false(circle_has_control("Zo\xc3\xab"));
	assert_true(circle_has_control("bell\a"));
	assert_true(circle_has_control("cr\r"));
	assert_true(circle_has_control("\x1b[31mred"));
	assert_true(circle_has_control("del\x7f"));
}

static void
test_control_at(void **state)
{
	static const struct {
		const char	*s;
		size_t		 off;		/* strlen(s): none */
		unsigned int	 cp;
	} cases[] = {
		{ "plain, tab\tand\nnewline", 22, 0 },
		{ "Zo\xc3\xab \xe7\x8e\x8b\xe8\x8a\xb3", 11, 0 },
		{ "a\x1b[2J", 1, 0x1b },
		{ "ab\x7f", 2, 0x7f },
		{ "x\xc2\x80", 1, 0x80 },
		{ "x\xc2\x85y", 1, 0x85 },
		{ "x\xc2\x9b" "2J", 1, 0x9b },
		{ "x\xc2\x9f", 1, 0x9f },
		{ "\xc2\xa0nbsp is text", 14, 0 },
		{ "a\xe2\x80\xaa", 1, 0x202a },
		{ "a\xe2\x80\xae", 1, 0x202e },
		{ "a\xe2\x80\xaf", 4, 0 },	/* U+202F is a space */
		{ "a\xe2\x81\xa6", 1, 0x2066 },
		{ "a\xe2\x81\xa9", 1, 0x2069 },
		{ "a\xe2\x80\xa8", 1, 0x2028 },
		{ "a\xe2\x80\xa9", 1, 0x2029 },
		{ "a\xe2\x80\x8f", 4, 0 },	/* RLM: a mark, not a control */
		{ "bad \xff then \x01", 11, 0x01 },
		{ "cr\r", 2, '\r' },
	};
	unsigned int	cp;
	size_t		i, n;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		n = strlen(cases[i].s);
		cp = 0;
		assert_int_equal(circle_control_at(cases[i].s, n, 0, &cp),
		    cases[i].off);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(circle_has_control(cases[i].s),
		    cases[i].off < n);
	}
	assert_int_equal(circle_control_at("cr\r\n", 4, CIRCLE_CTL_CR, NULL),
	    4);
	/* A NUL inside the length is a control too. */
	assert_int_equal(circle_control_at("a\0b", 3, 0, NULL), 1);
}

static void
test_text_visible(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "Kim Lee", "Kim Lee" },
		{ "Zo\xc3\xab", "Zo\xc3\xab" },
		{ "\x1b[2J", "^[[2J" },
		{ "a\tb\nc\rd\x7f", "a^Ib^Jc^Md^?" },
		{ "\xc2\x9d" "52;c;aGk=\xc2\x9c", "<U+009D>52;c;aGk=<U+009C>" },
		{ "\xe2\x80\xae" "txt", "<U+202E>txt" },
		{ "\xc2\x85\xe2\x80\xa8", "<U+0085><U+2028>" },
		{ "ok\xff\xc3", "ok<FF><C3>" },
		{ "\xc2\x9b\xc2\x9b\xc2\x9b", "<U+009B><U+009B><U+009B>" },
	};
	char	*v;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = circle_text_visible(cases[i].in);
		assert_string_equal(v, cases[i].out);
		assert_int_equal(circle_has_control(v), 0);
		free(v);
	}
}

static void
test_check_text(void **state)
{
	struct circle_err	e;

	circle_err_clear(&e);
	assert_int_equal(circle_check_text("notes", "fine\ttext\n", 100, &e),
	    0);
	assert_int_equal(circle_check_text("notes", "bad \xff", 100, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_string_equal(e.msg, "notes: not valid UTF-8");
	assert_int_equal(circle_check_text("notes", "esc\x1b", 100, &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_non_null(strstr(e.msg, "control characters"));
	assert_int_equal(circle_check_text("name", "abcdef", 5, &e), -1);
	assert_string_equal(e.msg, "name: longer than 5 bytes");
	assert_int_equal(circle_check_text("name", "abcde", 5, &e), 0);
}

/* A name in capitals as circle_name_from_caps writes it (NULL: kept). */
static void
caps_is(const char *name, const char *want)
{
	char	*r = circle_name_from_caps(name);

	if (want == NULL) {
		assert_null(r);
		return;
	}
	assert_non_null(r);
	assert_string_equal(r, want);
	free(r);
}

static void
test_name_from_caps(void **state)
{
	(void)state;
	caps_is("ANN LEE", "Ann Lee");
	caps_is("MARY O'NEIL", "Mary O'Neil");
	caps_is("D\u2019ANGELO", "D\u2019Angelo");
	caps_is("JUAN DE LA CRUZ", "Juan De La Cruz");
	caps_is("NGUYEN VAN AN", "Nguyen Van An");
	caps_is("RONALD MCDONALD", "Ronald McDonald");
	caps_is("ANNE-MARIE SMITH-JONES", "Anne-Marie Smith-Jones");
	caps_is("J. R. SMITH JR.", "J. R. Smith Jr.");
	caps_is("AJ NG", "AJ Ng");
	caps_is("TJ AL", "TJ Al");
	caps_is("HENRY FORD III", "Henry Ford III");
	caps_is("VI TRAN", "Vi Tran");
	caps_is("ZO\u00cb BRONT\u00cb", "Zo\u00eb Bront\u00eb");
	caps_is("\u00cdONA N\u00cd BHRIAIN", "\u00cdona N\u00ed Bhriain");
	caps_is("\u0391\u039b\u0395\u039e\u0397\u03a3",
	    "\u0391\u03bb\u03b5\u03be\u03b7\u03c2");
	caps_is("\u0418\u0413\u041e\u0420\u042c", "\u0418\u0433\u043e\u0440\u044c");
	/* Turkish: I is dotless, İ dotted, as a name with İ or Ğ shows;
	 * with Ş alone an I is Turkish ı or Romanian i: kept. */
	caps_is("\u0130LKER I\u015eIK", "\u0130lker I\u015f\u0131k");
	caps_is("\u015e\u0130M\u015eEK \u00c7\u0130FT\u00c7\u0130",
	    "\u015eim\u015fek \u00c7ift\u00e7i");
	caps_is("O\u011eUZ YILMAZ", "O\u011fuz Y\u0131lmaz");
	caps_is("AY\u015eE KAYA", "Ay\u015fe Kaya");
	caps_is("\u015eTEFAN MIHAI", NULL);
	/* Typed so, or not a name in capitals: kept. */
	caps_is("Ronald McDONALD", NULL);
	caps_is("Ann LEE", NULL);
	caps_is("RONALD McDONALD", NULL);
	caps_is("J", NULL);
	caps_is("TJ", NULL);
	caps_is("\u738b\u82b3", NULL);
}

static void
test_name_caps_of(void **state)
{
	(void)state;
	assert_true(circle_name_caps_of("Ann MacLeod", "ANN MACLEOD"));
	assert_true(circle_name_caps_of("Ay\u015fe Y\u0131lmaz",
	    "AY\u015eE YILMAZ"));
	assert_true(circle_name_caps_of("Zo\u00eb Bront\u00eb", "ZOE BRONTE"));
	assert_false(circle_name_caps_of("Ann Lee", "ANN LEA"));
	assert_false(circle_name_caps_of("ANN LEE", "ANN LEE"));
	assert_false(circle_name_caps_of("Ann Lee", "Ann Lee"));
	assert_false(circle_name_caps_of(NULL, "ANN LEE"));
	assert_true(circle_name_in_caps("ANN LEE"));
	assert_false(circle_name_in_caps("Ann LEE"));
	assert_false(circle_name_in_caps("J"));
}

/* The handle made from name, compared with want; also a valid handle. */
static void
handle_is(const char *name, int group, const char *want)
{
	char	*h;

	h = circle_handle_from_name(name, group);
	assert_non_null(h);
	assert_string_equal(h, want);
	assert_true(circle_handle_valid(h));
	free(h);
}

/*
 * Names in more scripts than the transliterators kept (name.c keeps
 * fifteen of a script's own): each still an ASCII handle, and none of
 * them made again and lost (the ASan build's leak check holds that).
 */
static void
test_handle_many_scripts(void **state)
{
	static const char *const names[] = {
		"\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9",	/* Cyrillic */
		"\xce\x9d\xce\xaf\xce\xba\xce\xbf\xcf\x82",	/* Greek */
		"\xd7\x93\xd7\x95\xd7\x93",			/* Hebrew */
		"\xd8\xb3\xd9\x84\xd9\x85\xd9\x89",		/* Arabic */
		"\xe0\xa4\xb0\xe0\xa4\xbe\xe0\xa4\xae",		/* Devanagari */
		"\xe0\xa6\xb0\xe0\xa6\xbe\xe0\xa6\xae",		/* Bengali */
		"\xe0\xae\xb0\xe0\xae\xbe\xe0\xae\xae\xe0\xaf\x8d",	/* Tamil */
		"\xe0\xb0\xb0\xe0\xb0\xbe\xe0\xb0\xae",		/* Telugu */
		"\xe0\xb2\xb0\xe0\xb2\xbe\xe0\xb2\xae",		/* Kannada */
		"\xe0\xb4\xb0\xe0\xb4\xbe\xe0\xb4\xae",		/* Malayalam */
		"\xe0\xaa\xb0\xe0\xaa\xbe\xe0\xaa\xae",		/* Gujarati */
		"\xe0\xa8\xb0\xe0\xa8\xbe\xe0\xa8\xae",		/* Gurmukhi */
		"\xe0\xb8\xaa\xe0\xb8\xa1",			/* Thai */
		"\xe1\x83\x9c\xe1\x83\x98\xe1\x83\x9c\xe1\x83\x9d",	/* Georgian */
		"\xd5\x80\xd5\xa1\xd5\xb5",			/* Armenian */
		"\xed\x95\x9c\xea\xb8\x80",			/* Hangul */
		"\xe3\x81\x95\xe3\x81\x8f\xe3\x82\x89",		/* Hiragana */
		"\xe3\x82\xb5\xe3\x82\xaf\xe3\x83\xa9",		/* Katakana */
		"\xe1\x8a\xa0\xe1\x89\xa0\xe1\x89\xa0",		/* Ethiopic */
		"\xe0\xb6\xbb\xe0\xb7\x8f\xe0\xb6\xb8",		/* Sinhala */
		"\xe7\x8e\x8b\xe8\x8a\xb3",			/* Han */
	};
	size_t	 i, round;
	char	*h;

	(void)state;
	for (round = 0; round < 2; round++)
		for (i = 0; i < sizeof names / sizeof names[0]; i++) {
			h = circle_handle_from_name(names[i], 0);
			assert_non_null(h);
			if (!circle_handle_valid(h))
				fail_msg("%s: \"%s\" is no handle", names[i], h);
			free(h);
		}
}

static void
test_handle_member(void **state)
{
	handle_is("Alex Rivera", 0, "alex-r");
	handle_is("  alex   RIVERA  ", 0, "alex-r");
	handle_is("Zo\xc3\xab \xc3\x87" "elik", 0, "zoe-c");
	handle_is("O'Neil", 0, "oneil");
	handle_is("Siobh\xc3\xa1n O\xe2\x80\x99" "Brien", 0, "siobhan-o");
	handle_is("Mary Ann de la Cruz", 0, "mary-c");
	handle_is("Cher", 0, "cher");
	/* Łukasz Żak */
	handle_is("\xc5\x81ukasz \xc5\xbb" "ak", 0, "lukasz-z");
	handle_is("Stra\xc3\x9f" "e", 0, "strasse");
	/*
	 * Latin Extended-A and more: Ewa Dąbrowska, Şenay Doğan, Šárka
	 * Řeháček, Ārija Ņikolā, Ștefan Țurcanu, Þóra, œuvre ſ.
	 */
	handle_is("Ewa D\xc4\x85" "browska", 0, "ewa-d");
	handle_is("D\xc4\x85" "browska", 0, "dabrowska");
	handle_is("\xc5\x9e" "enay Do\xc4\x9f" "an", 0, "senay-d");
	handle_is("\xc5\xa0\xc3\xa1rka \xc5\x98" "eh\xc3\xa1\xc4\x8d" "ek",
	    0, "sarka-r");
	handle_is("\xc4\x80" "rija \xc5\x85" "ikol\xc4\x81", 0, "arija-n");
	handle_is("\xc8\x98" "tefan \xc8\x9a" "urcanu", 0, "stefan-t");
	handle_is("\xc3\x9e\xc3\xb3ra", 0, "thora");
	handle_is("\xc5\x93uvre \xc5\xbf", 0, "oeuvre-s");
	/* Nothing to spell: the Unicode name of the first character. */
	handle_is("\xf0\x9f\x98\x80", 0, "grinning-face");
	handle_is("\xf0\x9f\x98\x80\xf0\x9f\x8c\xb1", 0, "grinning-face");
	handle_is(" \xf0\x9f\x8c\xbb", 0, "sunflower");
	handle_is("\xee\x80\x80", 0, "u-e000");	/* private use */
	handle_is("", 0, "question-mark");
	handle_is("   ", 0, "question-mark");
	/* Other scripts, transliterated by ICU: Σοφία, 王芳, Дмитрий
	 * Иванов, محمد, 김민준, Ελένη, Nguyễn Văn An, प्रिया शर्मा. */
	handle_is("\xce\xa3\xce\xbf\xcf\x86\xce\xaf\xce\xb1", 0, "sophia");
	handle_is("\xe7\x8e\x8b\xe8\x8a\xb3", 0, "wang-f");
	handle_is("\xd0\x94\xd0\xbc\xd0\xb8\xd1\x82\xd1\x80\xd0\xb8\xd0\xb9 "
	    "\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd\xd0\xbe\xd0\xb2", 0, "dmitrij-i");
	handle_is("\xd9\x85\xd8\xad\xd9\x85\xd8\xaf", 0, "mhmd");
	handle_is("\xea\xb9\x80\xeb\xaf\xbc\xec\xa4\x80", 0, "gimminjun");
	handle_is("\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7", 0, "elene");
	handle_is("Nguy\xe1\xbb\x85n V\xc4\x83n An", 0, "nguyen-a");
	handle_is("\xe0\xa4\xaa\xe0\xa5\x8d\xe0\xa4\xb0\xe0\xa4\xbf\xe0\xa4\xaf"
	    "\xe0\xa4\xbe \xe0\xa4\xb6\xe0\xa4\xb0\xe0\xa5\x8d\xe0\xa4\xae"
	    "\xe0\xa4\xbe", 0, "priya-s");
	/* Latin first, another script after: the whole name goes. */
	handle_is("Ana \xe7\x8e\x8b", 0, "ana-w");
	/* Handles start with a letter. */
	handle_is("3 Doors", 0, "m-3-d");
	handle_is("42", 0, "m-42");
	/* Invalid UTF-8 separates words and is never copied. */
	handle_is("Alex\xffRivera", 0, "alex-r");
	/* A very long name still gives a valid handle of at most 32. */
	handle_is("Abcdefghijklmnopqrstuvwxyzabcdefghijklmnop Rivera", 0,
	    "abcdefghijklmnopqrstuvwxyzabcd-r");
}

/*
 * The handle of a name in Han characters as ICU's "Han-Latin;
 * Latin-ASCII" spells it, the way handles were made before text.c left
 * Latin-ASCII out for such names: the same, or the test fails.
 */
static void
han_handle_same(UTransliterator *tr, const char *name)
{
	UErrorCode	 st = U_ZERO_ERROR;
	UChar		 u[256];
	char		 latin[1024], *want, *got;
	int32_t		 len, limit;

	u_strFromUTF8(u, 64, &len, name, -1, &st);
	limit = len;
	utrans_transUChars(tr, u, &len, 256, 0, &limit, &st);
	u_strToUTF8(latin, sizeof latin, NULL, u, len, &st);
	assert_false(U_FAILURE(st));
	/* Nothing ICU could spell: the name's first character names it. */
	if (strpbrk(latin, "abcdefghijklmnopqrstuvwxyz0123456789") == NULL)
		return;
	want = circle_handle_from_name(latin, 1);
	got = circle_handle_from_name(name, 1);
	if (strcmp(want, got) != 0)
		fail_msg("%s: %s, not %s (%s)", name, got, want, latin);
	free(want);
	free(got);
}

static void
test_handle_han(void **state)
{
	static const unsigned int	 ranges[][3] = {
		/* first, last, step: the BMP's blocks whole, others sampled */
		{ 0x3000, 0x303f, 1 }, { 0x3400, 0x4dbf, 1 },
		{ 0x4e00, 0x9fff, 1 }, { 0xf900, 0xfaff, 1 },
		{ 0x20000, 0x323af, 13 },
	};
	static const char *const	 names[] = {
		"\xe8\x97\x8f\xe6\x96\x87",		/* 藏文, a context rule */
		"\xe9\x87\x8d\xe5\xba\x86",		/* 重庆 */
		"\xe9\x87\x8d\xe8\xa6\x81",		/* 重要 */
		"\xe6\xb2\x88\xe9\x98\xb3 \xe7\xa7\x98\xe9\xb2\x81",	/* 沈阳 秘鲁 */
		"\xe6\xac\xa7\xe9\x98\xb3\xe5\xa8\x9c\xe5\xa8\x9c",	/* 欧阳娜娜 */
		"\xe7\x8e\x8b 2 \xe8\x8a\xb3",		/* 王 2 芳 */
		"\xe8\xa5\xbf\xe5\xae\x89",		/* 西安 */
		"\xe5\x90\x95\xe5\xa5\xb3\xe5\xa3\xab",	/* 吕女士: ü */
	};
	UErrorCode	 st = U_ZERO_ERROR;
	UTransliterator	*tr;
	UChar		 id[32];
	char		 one[8];
	unsigned int	 cp;
	size_t		 i;
	int32_t		 n;

	(void)state;
	u_uastrcpy(id, "Han-Latin; Latin-ASCII");
	tr = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
	assert_false(U_FAILURE(st));
	for (i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		for (cp = ranges[i][0]; cp <= ranges[i][1]; cp += ranges[i][2]) {
			st = U_ZERO_ERROR;
			/* Not a letter or digit: never transliterated. */
			if (uscript_getScript((UChar32)cp, &st) != USCRIPT_HAN ||
			    !u_isalnum((UChar32)cp))
				continue;
			n = 0;
			U8_APPEND_UNSAFE(one, n, cp);
			one[n] = '\0';
			han_handle_same(tr, one);
		}
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		han_handle_same(tr, names[i]);
	utrans_close(tr);
}

static void
test_handle_group(void **state)
{
	handle_is("Tuesday Evening Circle", 1, "tuesday-evening-circle");
	handle_is("Tuesday  evening, circle!", 1, "tuesday-evening-circle");
	handle_is("Caf\xc3\xa9 Conversations", 1, "cafe-conversations");
	handle_is("2nd Tuesday Group", 1, "g-2nd-tuesday-group");
	handle_is("12 Steps", 1, "g-12-steps");
	handle_is("2026", 1, "g-2026");
	handle_is("\xf0\x9f\x8c\xb1", 1, "seedling");
	handle_is("\xe2\x98\x85", 1, "black-star");
	/* 周二小组: every syllable kept, as a group's words are. */
	handle_is("\xe5\x91\xa8\xe4\xba\x8c\xe5\xb0\x8f\xe7\xbb\x84", 1,
	    "zhou-er-xiao-zu");
	/* Words that do not fit in 32 bytes are left off, not cut. */
	handle_is("Parents of Young Adults Support Network Group", 1,
	    "parents-of-young-adults-support");
}

static void
clean_is(const char *s, const char *want)
{
	char	*c = circle_text_clean(s);

	assert_string_equal(c, want);
	free(c);
}

static void
fold_is(const char *s, const char *want)
{
	char	*f = circle_name_fold(s);

	assert_string_equal(f, want);
	free(f);
}

/* NFC, runs of any white space one space, trimmed; controls left alone. */
static void
test_text_clean(void **state)
{
	clean_is("Kim Lee", "Kim Lee");
	clean_is("  Kim   Lee  ", "Kim Lee");
	clean_is("Kim\tLee", "Kim Lee");
	clean_is("Kim\xc2\xa0Lee", "Kim Lee");		/* NO-BREAK SPACE */
	clean_is("Kim\xe3\x80\x80Lee", "Kim Lee");	/* IDEOGRAPHIC SPACE */
	clean_is("Kim \xe2\x80\xaf Lee", "Kim Lee");	/* NARROW NBSP */
	/* Íona, decomposed (a Mac) and composed (Windows). */
	clean_is("I\xcc\x81ona", "\xc3\x8dona");
	clean_is("\xc3\x8dona", "\xc3\x8dona");
	clean_is("Zoe\xcc\x88 \xc2\xa0 ", "Zo\xc3\xab");
	/* Line ends and controls stay, for the checks to refuse. */
	clean_is("Kim\nLee", "Kim\nLee");
	clean_is("Kim\xc2\x85Lee", "Kim\xc2\x85Lee");
	clean_is("Kim\xe2\x80\xa8Lee", "Kim\xe2\x80\xa8Lee");
	clean_is("", "");
}

/* Case, accents and spacing aside; the marks of other scripts kept. */
static void
test_name_fold(void **state)
{
	fold_is("Iona Ni Bhriain", "iona ni bhriain");
	fold_is("\xc3\x8dona N\xc3\xad Bhriain", "iona ni bhriain");
	fold_is("I\xcc\x81ona\xc2\xa0\xc2\xa0N\xc3\xad  BHRIAIN ",
	    "iona ni bhriain");
	fold_is("O\xe2\x80\x99Neil", "o'neil");
	fold_is("Stra\xc3\x9f" "e", "strasse");
	fold_is("\xce\x95\xce\xbb\xce\xad\xce\xbd\xce\xb7",
	    "\xce\xb5\xce\xbb\xce\xb5\xce\xbd\xce\xb7");	/* ελενη */
	/* が is not か: a Japanese voicing mark is part of the name. */
	fold_is("\xe3\x81\x8c", "\xe3\x81\x8c");
	/* कुमार keeps its vowel sign (a mark of Devanagari). */
	fold_is("\xe0\xa4\x95\xe0\xa5\x81\xe0\xa4\xae\xe0\xa4\xbe\xe0\xa4\xb0",
	    "\xe0\xa4\x95\xe0\xa5\x81\xe0\xa4\xae\xe0\xa4\xbe\xe0\xa4\xb0");
	fold_is("\xef\xbc\xab\xef\xbd\x89\xef\xbd\x8d", "kim");	/* fullwidth */
}

/* Root order: Íona before Zoë, Émile among the Es, case aside. */
static void
test_name_cmp(void **state)
{
	assert_true(circle_name_cmp("\xc3\x8dona", "Zo\xc3\xab") < 0);
	assert_true(circle_name_cmp("\xc3\x89mile", "Zach") < 0);
	assert_true(circle_name_cmp("Emma", "\xc3\x89mile") > 0);
	assert_true(circle_name_cmp("Zach", "Zo\xc3\xab") < 0);
	assert_true(circle_name_cmp("bo", "Bo") == 0);
	assert_true(circle_name_cmp("Group 2", "Group 10") < 0);
	assert_true(circle_name_cmp("Zo\xc3\xab", "\xe7\x8e\x8b\xe8\x8a\xb3") < 0);
	assert_true(circle_name_cmp(NULL, "a") < 0);
}

static void
test_handle_valid(void **state)
{
	assert_true(circle_handle_valid("alex-r"));
	assert_true(circle_handle_valid("a"));
	assert_true(circle_handle_valid("g-2nd-tuesday"));
	assert_true(circle_handle_valid("abcdefghijklmnopqrstuvwxyzabcdef"));
	assert_false(circle_handle_valid("abcdefghijklmnopqrstuvwxyzabcdefg"));
	assert_false(circle_handle_valid(""));
	assert_false(circle_handle_valid("Alex"));
	assert_false(circle_handle_valid("2nd"));
	assert_false(circle_handle_valid("-alex"));
	assert_false(circle_handle_valid("alex-"));
	assert_false(circle_handle_valid("alex--r"));
	assert_false(circle_handle_valid("alex r"));
	assert_false(circle_handle_valid("alex_r"));
	assert_false(circle_handle_valid("zo\xc3\xab"));
}

static void
test_email_valid(void **state)
{
	assert_true(circle_email_valid("alex@example.org"));
	assert_true(circle_email_valid("a.b+circle@mail.example.co.uk"));
	assert_false(circle_email_valid(""));
	assert_false(circle_email_valid("alex"));
	assert_false(circle_email_valid("@example.org"));
	assert_false(circle_email_valid("alex@"));
	assert_false(circle_email_valid("alex@example"));
	assert_false(circle_email_valid("alex@.org"));
	assert_false(circle_email_valid("alex@example."));
	assert_false(circle_email_valid("alex@ex@ample.org"));
	assert_false(circle_email_valid("alex rivera@example.org"));
	assert_false(circle_email_valid("alex@example.org\r\nBcc: x@y.z"));
	assert_false(circle_email_valid("Alex <alex@example.org>"));
	assert_false(circle_email_valid("a@example.org,b@example.org"));
	/* '?' and '=' are a local part's (RFC 5322 atext), never a host's. */
	assert_true(circle_email_valid("j=y?s@example.org"));
	assert_false(circle_email_valid("ann@example.org?subject=Group"));
	assert_false(circle_email_valid("ann@example.org&cc=bo@example.org"));
}

static void
test_email_alone(void **state)
{
	char	a[64];

	assert_true(circle_email_alone("mailto:ann@example.org", a, sizeof a));
	assert_string_equal(a, "ann@example.org");
	assert_true(circle_email_alone("MAILTO:ann@example.org?subject=Group"
	    "&body=Hi", a, sizeof a));
	assert_string_equal(a, "ann@example.org");
	assert_true(circle_email_alone("Ann Lee <ann@example.org>", a,
	    sizeof a));
	assert_string_equal(a, "ann@example.org");
	assert_false(circle_email_alone("mailto:?subject=Group", a, sizeof a));
	assert_false(circle_email_alone("ann@example.org", a, sizeof a));
}

static void
test_phone_valid(void **state)
{
	assert_true(circle_phone_valid("+1 (555) 010-2334"));
	assert_true(circle_phone_valid("020 7946 0018"));
	assert_true(circle_phone_valid("112"));
	assert_true(circle_phone_valid("12345678901234567890"));
	assert_false(circle_phone_valid("123456789012345678901"));
	assert_false(circle_phone_valid("12"));
	assert_false(circle_phone_valid(""));
	assert_false(circle_phone_valid("555-CALL-NOW"));
	assert_false(circle_phone_valid("555 0102\n"));
	assert_false(circle_phone_valid("555/0102"));
}

static void
test_url_valid(void **state)
{
	assert_true(circle_url_valid("https://meet.example.org/tuesday"));
	assert_true(circle_url_valid("http://example.org"));
	assert_true(circle_url_valid("https://example.org/a?b=c&d=e#f"));
	assert_false(circle_url_valid("javascript:alert(1)"));
	assert_false(circle_url_valid("JAVASCRIPT:alert(1)"));
	assert_false(circle_url_valid("data:text/html,<b>x</b>"));
	assert_false(circle_url_valid("ftp://example.org/"));
	assert_false(circle_url_valid("example.org"));
	assert_false(circle_url_valid("https://"));
	assert_false(circle_url_valid("https:///path"));
	assert_false(circle_url_valid("https://example.org/a b"));
	assert_false(circle_url_valid(" https://example.org/"));
	assert_false(circle_url_valid("https://example.org/\r\nX: y"));
	assert_false(circle_url_valid("https://example.org/\n"));
	assert_false(circle_url_valid("https://example.org/\r"));
	assert_false(circle_url_valid("https://example.org/\t"));
	assert_false(circle_url_valid("https://example.org/\"><script>"));
}

static void
test_url_long(void **state)
{
	char	buf[2100];

	memset(buf, 'a', sizeof buf);
	memcpy(buf, "https://example.org/", 20);
	buf[2000] = '\0';
	assert_true(circle_url_valid(buf));
	buf[2000] = 'a';
	buf[2001] = '\0';
	assert_false(circle_url_valid(buf));
}

static void
test_parse_bool(void **state)
{
	static const char *const yes[] = { "yes", "YES", "y", "Y", "true",
	    "True", "1", "on", "ON" };
	static const char *const no[] = { "no", "No", "n", "false", "FALSE",
	    "0", "off", "Off" };
	static const char *const neither[] = { "", "maybe", "2", "yes ",
	    " no", "ye", "tru", "-1", "nope" };
	size_t	i;
	int	v;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		v = -7;
		assert_int_equal(circle_parse_bool(yes[i], &v), 0);
		assert_int_equal(v, 1);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		v = -7;
		assert_int_equal(circle_parse_bool(no[i], &v), 0);
		assert_int_equal(v, 0);
	}
	for (i = 0; i < sizeof neither / sizeof neither[0]; i++) {
		v = -7;
		assert_int_equal(circle_parse_bool(neither[i], &v), -1);
		assert_int_equal(v, -7);
	}
}

static void
test_levenshtein(void **state)
{
	assert_int_equal(circle_levenshtein("", ""), 0);
	assert_int_equal(circle_levenshtein("roster", "roster"), 0);
	assert_int_equal(circle_levenshtein("", "abc"), 3);
	assert_int_equal(circle_levenshtein("abc", ""), 3);
	assert_int_equal(circle_levenshtein("rostr", "roster"), 1);
	assert_int_equal(circle_levenshtein("lst", "list"), 1);
	assert_int_equal(circle_levenshtein("kitten", "sitting"), 3);
	assert_int_equal(circle_levenshtein("sitting", "kitten"), 3);
	assert_int_equal(circle_levenshtein("flaw", "lawn"), 2);
	/* Two letters side by side swapped are one typo. */
	assert_int_equal(circle_levenshtein("ab", "ba"), 1);
	assert_int_equal(circle_levenshtein("hlep", "help"), 1);
	assert_int_equal(circle_levenshtein("form", "from"), 1);
	assert_int_equal(circle_levenshtein("FORM", "from"), 1);
	assert_int_equal(circle_levenshtein("reprot", "report"), 1);
	assert_int_equal(circle_levenshtein("abc", "cab"), 2);
	assert_int_equal(circle_levenshtein("ca", "abc"), 3);
	/* Case does not count. */
	assert_int_equal(circle_levenshtein("ROSTER", "roster"), 0);
	assert_int_equal(circle_levenshtein("group", "db"), 5);
}

/* s parses to y-m-d. */
static void
date_is(const char *s, int y, int m, int d)
{
	struct circle_date	dt;
	char			buf[11];

	memset(&dt, 0, sizeof dt);
	assert_int_equal(circle_date_parse(s, &dt), 0);
	assert_int_equal(dt.year, y);
	assert_int_equal(dt.month, m);
	assert_int_equal(dt.day, d);
	circle_date_format(&dt, buf);
	assert_string_equal(buf, s);
}

static void
test_date_parse(void **state)
{
	static const char *const bad[] = {
		"2026-02-30", "2023-02-29", "1900-02-29", "2100-02-29",
		"2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
		"2026-2-1", "2026-02-1", "26-02-01", "1899-12-31", "2200-01-01",
		"0000-01-01", "2026-02-01x", "2026-02-01 ", " 2026-02-01",
		"2026-02-01T10:00", "2026/02/01", "20260201", "", "2026-0a-01",
		"+026-02-01", "2026--2-01", "2026-02-+1", "2026-02-\xd9\xa1",
	};
	struct circle_date	d;
	size_t			i;

	date_is("2026-02-28", 2026, 2, 28);
	date_is("2024-02-29", 2024, 2, 29);
	date_is("2000-02-29", 2000, 2, 29);
	date_is("1900-01-01", 1900, 1, 1);
	date_is("2199-12-31", 2199, 12, 31);
	date_is("2026-12-31", 2026, 12, 31);
	date_is("2026-04-30", 2026, 4, 30);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (circle_date_parse(bad[i], &d) != -1)
			fail_msg("\"%s\" parsed as a date", bad[i]);
	}
}

static void
test_date_check(void **state)
{
	struct circle_err	e;

	circle_err_clear(&e);
	assert_int_equal(circle_date_check("--on", "2026-02-27", &e), 0);
	assert_int_equal(circle_date_check("--on", "2026-02-30", &e), -1);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_string_equal(e.msg,
	    "--on: \"2026-02-30\" is not a date (YYYY-MM-DD)");
}

static void
test_date_today(void **state)
{
	struct circle_date	d;
	char			buf[11], now[21];

	assert_int_equal(circle_date_today(&d), 0);
	circle_date_format(&d, buf);
	assert_int_equal(circle_date_parse(buf, &d), 0);
	circle_now_utc(now);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[10], 'T');
	assert_int_equal(now[19], 'Z');
	now[10] = '\0';
	assert_int_equal(circle_date_parse(now, &d), 0);
}

static void
test_tz_valid(void **state)
{
	assert_true(circle_tz_valid("Europe/London"));
	assert_true(circle_tz_valid("America/Los_Angeles"));
	assert_true(circle_tz_valid("America/Argentina/Buenos_Aires"));
	assert_true(circle_tz_valid("Asia/Kolkata"));
	assert_true(circle_tz_valid("UTC"));
	assert_false(circle_tz_valid("Europe/Lndon"));
	assert_false(circle_tz_valid("../etc"));
	assert_false(circle_tz_valid("../../../../etc/passwd"));
	assert_false(circle_tz_valid("/etc/passwd"));
	assert_false(circle_tz_valid(""));
	assert_false(circle_tz_valid("Europe/London "));
	assert_false(circle_tz_valid("Europe/London\n"));
	assert_false(circle_tz_valid("Mars/Olympus_Mons"));
	assert_false(circle_tz_valid("Europe"));
}

/* Codes handed out stay the same: a funder links this year's export to
 * last year's by them. */
static void
test_pseudonym_stable(void **state)
{
	char	c[CIRCLE_PSEUDONYM_LEN];

	(void)state;
	circle_pseudonym("5eec751e-2936-4714-a6b0-08198dffb916", c);
	assert_string_equal(c, "P-9V5XF-J3RBR");
	circle_pseudonym("00000003-0000-4000-8000-000000000001", c);
	assert_string_equal(c, "P-9TEM4-V2KSJ");
	circle_pseudonym("00000003-0000-4000-8000-000000000002", c);
	assert_string_equal(c, "P-DEXFC-Q94CM");
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Similar uids (the large benchmark's are sequential) give unrelated
 * codes, in Crockford's alphabet, and no two alike. */
static void
test_pseudonym_distinct(void **state)
{
	enum { N = 200000 };
	char	(*c)[CIRCLE_PSEUDONYM_LEN], uid[40];
	size_t	 i, j;

	(void)state;
	c = circle_xcalloc(N, sizeof *c);
	for (i = 0; i < N; i++) {
		snprintf(uid, sizeof uid, "00000003-0000-4000-8000-%012zu", i);
		circle_pseudonym(uid, c[i]);
		assert_int_equal(strlen(c[i]), 13);
		assert_true(c[i][0] == 'P' && c[i][1] == '-' && c[i][7] == '-');
		for (j = 2; j < 13; j++)
			if (j != 7)
				assert_non_null(strchr(
				    "0123456789ABCDEFGHJKMNPQRSTVWXYZ", c[i][j]));
	}
	assert_string_not_equal(c[0], c[1]);
	assert_true(strncmp(c[0], c[1], 4) != 0 || strncmp(c[1], c[2], 4) != 0);
	qsort(c, N, sizeof *c, str_cmp);
	for (i = 1; i < N; i++)
		assert_string_not_equal(c[i - 1], c[i]);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_good),
		cmocka_unit_test(test_control_at),
		cmocka_unit_test(test_text_visible),
		cmocka_unit_test(test_utf8_valid_bad),
		cmocka_unit_test(test_utf8_width),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_utf8_fit),
		cmocka_unit_test(test_text_fold),
		cmocka_unit_test(test_has_control),
		cmocka_unit_test(test_utf8_twice),
		cmocka_unit_test(test_utf8_twice_letters),
		cmocka_unit_test(test_utf8_twice_maybe),
		cmocka_unit_test(test_check_text),
		cmocka_unit_test(test_handle_member),
		cmocka_unit_test(test_handle_many_scripts),
		cmocka_unit_test(test_handle_han),
		cmocka_unit_test(test_handle_group),
		cmocka_unit_test(test_handle_valid),
		cmocka_unit_test(test_text_clean),
		cmocka_unit_test(test_name_fold),
		cmocka_unit_test(test_name_cmp),
		cmocka_unit_test(test_name_from_caps),
		cmocka_unit_test(test_name_caps_of),
		cmocka_unit_test(test_email_valid),
		cmocka_unit_test(test_email_alone),
		cmocka_unit_test(test_phone_valid),
		cmocka_unit_test(test_url_valid),
		cmocka_unit_test(test_url_long),
		cmocka_unit_test(test_parse_bool),
		cmocka_unit_test(test_levenshtein),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_check),
		cmocka_unit_test(test_date_today),
		cmocka_unit_test(test_tz_valid),
		cmocka_unit_test(test_pseudonym_stable),
		cmocka_unit_test(test_pseudonym_distinct),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
