/*
 * twice.c: text saved as UTF-8 twice.  A program that reads a UTF-8 file
 * as Windows-1252 (an Outlook importing a calendar without a byte order
 * mark, a web mail's export) and writes it out again as UTF-8 turns each
 * character of two or more bytes into two or more characters: "Café"
 * becomes "CafÃ©", "–" becomes "â€“".  The text is valid UTF-8, so no
 * check of bytes sees it; here each such run is found, and the text
 * mended when every character in it came back so.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "circle-priv.h"

/* Windows-1252's characters for its bytes 0x80 to 0x9F (0: none). */
static int	twice_word_letter(unsigned int, int *);

static const unsigned short cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};

/*
 * The byte Windows-1252 writes a code point as, or -1.  U+0080 to U+009F
 * are themselves where Windows-1252 leaves the byte undefined (Windows
 * reads 0x81, 0x8D, 0x8F, 0x90 and 0x9D as themselves), and all of them
 * with c1: the bytes of a program that read the file as Latin-1.  The one
 * home of the table, for calendars (here) and cells (csvtext.c).
 */
int
circle_cp1252_byte(unsigned int cp, int c1)
{
	int	i;

	if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff))
		return (int)cp;
	if (cp <= 0x9f)
		return c1 || cp1252_high[cp - 0x80] == 0 ? (int)cp : -1;
	for (i = 0; i < 32; i++)
		if (cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

/* The length of a fold at s (RFC 5545, 3.1: a line break, a space or tab). */
static size_t
fold_at(const char *s, size_t n)
{
	size_t	k = 0;

	if (k < n && s[k] == '\r')
		k++;
	if (k + 1 < n && s[k] == '\n' && (s[k + 1] == ' ' || s[k + 1] == '\t'))
		return k + 2;
	return 0;
}

/*
 * The run saved twice at s (n bytes left): the bytes its characters were
 * in Windows-1252 make one UTF-8 character of two to four bytes.  Its
 * length in s, that character's bytes in out and their number in *outlen;
 * 0 when s begins no such run.  A calendar's line may be folded inside
 * it, once: the fold's length is in *foldlen.
 */
static size_t
twice_at(const char *s, size_t n, unsigned char out[4], size_t *outlen,
    size_t *foldlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 cp;
	size_t			 i, len, want, step, f;
	int			 b;

	*foldlen = 0;
	if (u[0] != 0xc3)
		return 0;	/* U+00C2 to U+00F4 are C3 82 to C3 B4 */
	for (i = 0, len = 0, want = 1; i < want; i++) {
		if (i > 0 && *foldlen == 0 && (f = fold_at(s + len,
		    n - len)) != 0) {
			*foldlen = f;
			len += f;
		}
		if (len >= n || (step = circle_utf8_decode(u + len, n - len,
		    &cp)) == 0 || (b = circle_cp1252_byte(cp, 1)) == -1)
			return 0;
		if (i == 0) {
			if (b >= 0xc2 && b <= 0xdf)
				want = 2;
			else if (b >= 0xe0 && b <= 0xef)
				want = 3;
			else if (b >= 0xf0 && b <= 0xf4)
				want = 4;
			else
				return 0;
		} else if ((b & 0xc0) != 0x80)
			return 0;
		out[i] = (unsigned char)b;
		len += step;
	}
	/* Never a control (U+0080 to U+009F) or a phonetic letter: "É’" */
	if (circle_utf8_decode(out, want, &cp) != want || (cp >= 0x80 &&
	    cp <= 0x9f) || (cp >= 0x250 && cp <= 0x2af))
		return 0;
	*outlen = want;
	return len;
}

/*
 * Whether the character a run was is one of the letters and marks that
 * a text saved twice is seen by: a Latin letter ("Ã©", "Å‚"), Greek or
 * Cyrillic ("Ð¡"), punctuation ("â€™"), a currency sign or "™".  Any
 * other (a CJK character is three bytes led by "é": "é »") may be a
 * correct "santé" before a no-break space and "»", so it alone says
 * nothing of the file.
 */
static int
twice_telling(const unsigned char *out, size_t n)
{
	unsigned int	cp;

	if (circle_utf8_decode(out, n, &cp) != n)
		return 0;
	return (cp >= 0xa0 && cp <= 0x21f) || (cp >= 0x370 && cp <= 0x52f) ||
	    (cp >= 0x2000 && cp <= 0x206f) || (cp >= 0x20a0 && cp <= 0x20cf) ||
	    (cp >= 0x2100 && cp <= 0x214f);
}

/*
 * Whether cp is a mark that follows a word: ” ’ … – — › and the like,
 * » and « (Portuguese, Norwegian «MANHÃ», «PÅ»; German's »PÅ«), and a
 * no-break space (French writes one before » : ; ! ?: "IRMÃ\u00a0»";
 * twice_capital_end takes it there only).
 */
static int
word_mark(unsigned int cp)
{
	static const unsigned int marks[] = { 0xa0, 0xab, 0xbb, 0x2013, 0x2014,
	    0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2022, 0x2026,
	    0x2039, 0x203a };
	size_t	i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (marks[i] == cp)
			return 1;
	return 0;
}

/* The character before s[i], its start in *at; 0 at the start of s. */
static int
char_before(const char *s, size_t i, unsigned int *cp, size_t *at)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 j = i;

	if (i == 0)
		return 0;
	while (j > 0 && i - j < 4 && (u[j - 1] & 0xc0) == 0x80)
		j--;
	if (j == 0 || circle_utf8_decode(u + j - 1, i - j + 1, cp) !=
	    i - j + 1)
		return 0;
	*at = j - 1;
	return 1;
}

/*
 * Whether the run at s[i..i+k), which was the character was, may as well
 * be correct text: a capital and a mark that follows a word, at the end
 * of a word of two capitals or more before it, or of one Latin capital
 * when was is Greek or Cyrillic.  "JAPÃ…" is Portuguese's JAPÃ and an
 * ellipsis, "INSLÄ”" a capital Ä and a closing quote, "KÒ…" no Cyrillic
 * after a K; but a word saved twice in capitals ends so too ("TYÃ–" for
 * "TYÖ"), so such a run tells nothing alone, only beside one that does.
 * "SÄ…" ("Są") after one capital tells, and so does a run that was a
 * sign of Latin-1: "Â»" is "»" saved twice, "ATTENTIONÂ\u00a0!" a
 * no-break space; but not before a » that was not ("CHÂ\u00a0»").
 */
static int
twice_capital_end(const char *s, size_t n, size_t i, size_t k,
    unsigned int was)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 cp, mark;
	size_t			 step, at, capitals = 0;
	int			 latin = 1;

	if ((step = circle_utf8_decode(u + i, n - i, &cp)) == 0 ||
	    !u_isupper((UChar32)cp) || i + step >= n ||
	    circle_utf8_decode(u + i + step, n - i - step, &mark) !=
	    k - step || !word_mark(mark))
		return 0;
	if (i + k < n && (circle_utf8_decode(u + i + k, n - i - k, &cp) == 0 ||
	    u_isalnum((UChar32)cp)))
		return 0;
	/* A no-break space before what French puts one before, only. */
	if (mark == 0xa0 && (i + k >= n || (cp != 0xbb && cp != 0x203a &&
	    cp != ':' && cp != ';' && cp != '!' && cp != '?')))
		return 0;
	if (was < 0x100 && !u_isalpha((UChar32)was) && (mark != 0xa0 ||
	    (cp != 0xbb && cp != 0x203a)))
		return 0;
	for (at = i; char_before(s, at, &cp, &at) && u_isalpha((UChar32)cp);
	    capitals++) {
		if (!u_isupper((UChar32)cp))
			return 0;
		latin = latin && cp < 0x250;
	}
	return capitals >= 2 || (capitals == 1 && ((latin && was >= 0x370) ||
	    mark == 0xa0));
}

/*
 * Whether a mark a run ends with is one correct text seldom glues to the
 * end of a word: a dash, a bullet or an opening quote („ ‚).  A word in
 * capitals saved twice ends so as often as with the others: "TYÃ–" is
 * "TYÖ", "MALMÃ–" "MALMÖ".
 */
static int
seldom_glued(unsigned int cp)
{
	return cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == 0x201a ||
	    cp == 0x201e;
}

/*
 * Whether the run at s[i..i+k), which was the character was and tells
 * nothing alone (twice_capital_end), may be a word in capitals saved
 * twice: was is a capital a word saved twice may have of the script of
 * the letter before it (twice_word_letter: not pinyin's Ǘ of a correct
 * Catalan "MARÇ—", nor Ȗ of "ETALÈ–"), and the mark after the run's
 * capital one correct text seldom ends a word with.
 */
static int
twice_capital_maybe(const char *s, size_t n, size_t i, size_t k,
    unsigned int was)
{
	UErrorCode		 st = U_ZERO_ERROR;
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 cp;
	size_t			 step, at;
	int			 script;

	if (!twice_capital_end(s, n, i, k, was) || !u_isupper((UChar32)was) ||
	    !char_before(s, i, &cp, &at) ||
	    (script = (int)uscript_getScript((UChar32)cp, &st)) < 0 ||
	    U_FAILURE(st) || !twice_word_letter(was, &script) ||
	    (step = circle_utf8_decode(u + i, n - i, &cp)) == 0 ||
	    circle_utf8_decode(u + i + step, n - i - step, &cp) == 0)
		return 0;
	return seldom_glued(cp);
}

/*
 * Whether s[0..n) holds runs saved twice, told by one at least
 * (twice_telling): their number (0: none; when not whole, of those that
 * tell only), the offset of the first that tells in *first and its length
 * in *firstlen, and in *whole whether every character of more than one
 * byte in s is in a run (the whole text was saved twice, and mending it
 * loses nothing).
 */
size_t
circle_utf8_twice(const char *s, size_t n, size_t *first, size_t *firstlen,
    int *whole)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 out[4];
	unsigned int		 cp;
	size_t			 i, k, step, outlen, fold, count = 0, told = 0;

	*whole = 1;
	*first = *firstlen = 0;
	for (i = 0; i < n; i += step) {
		if (u[i] < 0x80) {
			step = 1;
			continue;
		}
		if ((k = twice_at(s + i, n - i, out, &outlen, &fold)) != 0) {
			count++;
			if (twice_telling(out, outlen) &&
			    circle_utf8_decode(out, outlen, &cp) == outlen &&
			    !twice_capital_end(s, n, i, k, cp) &&
			    told++ == 0) {
				*first = i;
				*firstlen = k;
			}
			step = k;
			continue;
		}
		if ((step = circle_utf8_decode(u + i, n - i, &cp)) == 0)
			step = 1;
		if (cp != 0xfeff || step == 1)
			*whole = 0;	/* a byte order mark says nothing */
	}
	if (told == 0)
		*whole = 0;
	return told == 0 ? 0 : *whole ? count : told;
}

/*
 * Whether s[0..n), where no run tells (circle_utf8_twice is 0), may be a
 * text saved twice all the same: every character of more than one byte
 * in it is in a run, and a run may be a word in capitals saved twice
 * (twice_capital_maybe: "TYÃ–").  The number of those runs, the first's
 * offset in *first and length in *firstlen; 0 when none or when another
 * character says the text was not saved twice (Finnish "PÄIVÄ–").
 */
size_t
circle_utf8_twice_maybe(const char *s, size_t n, size_t *first,
    size_t *firstlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 out[4];
	unsigned int		 cp;
	size_t			 i, k, step, outlen, fold, count = 0;

	*first = *firstlen = 0;
	for (i = 0; i < n; i += step) {
		if (u[i] < 0x80) {
			step = 1;
			continue;
		}
		if ((k = twice_at(s + i, n - i, out, &outlen, &fold)) != 0) {
			if (circle_utf8_decode(out, outlen, &cp) == outlen &&
			    twice_capital_maybe(s, n, i, k, cp) &&
			    count++ == 0) {
				*first = i;
				*firstlen = k;
			}
			step = k;
			continue;
		}
		if ((step = circle_utf8_decode(u + i, n - i, &cp)) == 0)
			step = 1;
		if (cp != 0xfeff || step == 1)
			return 0;
	}
	return count;
}

/*
 * Whether a run that turns back into cp may be a letter of a word saved
 * twice whose letters so far are of script *word (-1: none yet): one of
 * Latin-1's or Latin Extended-A's letters, Romanian's ș and ț, a Greek
 * or Cyrillic letter, of the word's script.  Not so a correct capital
 * before a closing quote or an ellipsis: Kurdish "TIRKÎ”" is no
 * "TIRKΔ", Vietnamese "GIÒ”" no Cyrillic, Catalan "MARÇ…" no "MARǅ".
 */
static int
twice_word_letter(unsigned int cp, int *word)
{
	UErrorCode	st = U_ZERO_ERROR;
	int		script;

	if (!u_isalpha((UChar32)cp) || !((cp >= 0xc0 && cp <= 0x17f) ||
	    (cp >= 0x218 && cp <= 0x21b) || (cp >= 0x370 && cp <= 0x4ff)))
		return 0;
	script = (int)uscript_getScript((UChar32)cp, &st);
	if (U_FAILURE(st) || (*word != -1 && *word != script))
		return 0;
	*word = script;
	return 1;
}

/*
 * Whether s[0..n) (a calendar's line, say) was saved twice through and
 * through, so that mending it alone is safe where the rest of a file is
 * not: it holds a run, every character of more than one byte in it is in
 * one, and every run turns back into a letter of those that tell
 * (twice_telling: "CafÃ©", "MÃ¼ller"; not the CJK letter of "santé »"), of
 * the script of the letters beside it in its word (twice_word_letter).  A
 * run that is a mark or a sign ("â€™" for "’") is left to be said: kept
 * narrow, what is mended alone is a word a reader sees is wrong.  A run
 * that may be a capital and a mark (twice_capital_end) is mended only
 * beside one that may not.
 */
int
circle_utf8_twice_letters(const char *s, size_t n)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 out[4];
	unsigned int		 cp;
	size_t			 i, k, outlen, fold, clear = 0;
	int			 word = -1;

	for (i = 0; i < n; i += k) {
		k = 1;
		if (isalpha(u[i]) && u[i] < 0x80) {
			if (word != -1 && word != USCRIPT_LATIN)
				return 0;
			word = USCRIPT_LATIN;
			continue;
		}
		if (u[i] < 0x80) {
			if (!isdigit(u[i]))
				word = -1;	/* a word ends */
			continue;
		}
		if ((k = twice_at(s + i, n - i, out, &outlen, &fold)) == 0 ||
		    !twice_telling(out, outlen) ||
		    circle_utf8_decode(out, outlen, &cp) != outlen ||
		    !twice_word_letter(cp, &word))
			return 0;
		if (!twice_capital_end(s, n, i, k, cp))
			clear++;
	}
	return clear > 0;
}

/*
 * s[0..n) with every run saved twice written as the one character it
 * was, NUL-terminated; its length in *outlen.  A fold inside a run
 * comes after its character, so that lines are numbered as they were.
 * The caller frees it.
 */
char *
circle_utf8_untwice(const char *s, size_t n, size_t *outlen)
{
	unsigned char	 one[4];
	const char	*nl;
	char		*out;
	size_t		 i, j, k, m, fold;

	out = circle_xmalloc(n + 1);
	for (i = 0, j = 0; i < n;) {
		if ((unsigned char)s[i] >= 0x80 &&
		    (k = twice_at(s + i, n - i, one, &m, &fold)) != 0) {
			memcpy(out + j, one, m);
			j += m;
			if (fold > 0) {
				nl = memchr(s + i, '\n', k);
				if (nl > s + i && nl[-1] == '\r')
					nl--;
				memcpy(out + j, nl, fold);
				j += fold;
			}
			i += k;
		} else
			out[j++] = s[i++];
	}
	out[j] = '\0';
	*outlen = j;
	return out;
}
