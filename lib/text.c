/*
 * text.c: UTF-8 checks and widths, the characters no text may hold, and
 * the validators every field typed by a person goes through; no ICU, so
 * that a program that only checks text does not load it.  Names cleaned,
 * folded and ordered, and handles, are name.c's.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "circle-priv.h"

/*
 * Decode one UTF-8 sequence at s (n bytes left).  Returns its length and
 * the code point in *cp, or 0 for an invalid sequence (overlong forms,
 * surrogates and values past U+10FFFF are invalid).
 */
size_t
circle_utf8_decode(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int	c;
	size_t		len, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/*
 * Is s[0..n) valid UTF-8?  On failure *bad is the byte offset of the first
 * bad sequence.
 */
int
circle_utf8_valid(const char *s, size_t n, size_t *bad)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 cp;
	size_t			 i, len;

	for (i = 0; i < n; i += len) {
		if ((len = circle_utf8_decode(u + i, n - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return 0;
		}
	}
	return 1;
}

/*
 * The columns of the character at u (n bytes left), its length in *len: a
 * byte that is not UTF-8 takes one, a control none; wcwidth(3) for the
 * rest, with emoji it does not know as two.
 */
static int
char_width(const unsigned char *u, size_t n, size_t *len)
{
	unsigned int	cp;
	int		w;

	if ((*len = circle_utf8_decode(u, n, &cp)) == 0) {
		*len = 1;
		return 1;
	}
	if (cp < 0x80)
		return isprint(cp) ? 1 : 0;
	if ((w = wcwidth((wchar_t)cp)) < 0)
		w = (cp >= 0x1f000 && cp <= 0x1faff) ? 2 : 1;
	return w;
}

/* Columns s takes on a terminal; needs a UTF-8 LC_CTYPE for wcwidth(3). */
int
circle_utf8_width(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, len;
	int			 total = 0;

	for (i = 0; i < n; i += len)
		total += char_width(u + i, n - i, &len);
	return total;
}

/*
 * The characters of s, as a person counts them: its code points (a byte
 * that is not UTF-8 one each).  Of text cleaned (NFC), an accented
 * letter is one however it was typed: "\303\251\303\251" is 2.
 */
size_t
circle_utf8_chars(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, len, total = 0;
	unsigned int		 cp;

	for (i = 0; i < n; i += len, total++)
		if ((len = circle_utf8_decode(u + i, n - i, &cp)) == 0)
			len = 1;
	return total;
}

/*
 * Is cp a character no text of circle's may hold?  C0 controls (but tab and
 * newline, and carriage return when the caller allows it), DEL, C1
 * controls (U+0080-009F, NEL among them: U+009B is CSI and U+009D starts
 * an OSC on terminals that honour C1), the bidi embeddings, overrides and
 * isolates (U+202A-202E, U+2066-2069), and the line and paragraph
 * separators U+2028 and U+2029.
 */
int
circle_is_control(unsigned int cp, int flags)
{
	if (cp < 0x20)
		return !(cp == '\t' || cp == '\n' ||
		    (cp == '\r' && (flags & CIRCLE_CTL_CR)));
	return (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x2028 || cp == 0x2029;
}

/*
 * Offset of the first control character of s[0..n) (is_control), or n.
 * An invalid UTF-8 sequence is skipped a byte at a time: validity is
 * circle_utf8_valid's to judge.  *cp gets the character found.
 */
size_t
circle_control_at(const char *s, size_t n, int flags, unsigned int *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 i, len;

	for (i = 0; i < n; i += len) {
		if ((len = circle_utf8_decode(u + i, n - i, &c)) == 0) {
			len = 1;
			continue;
		}
		if (circle_is_control(c, flags)) {
			if (cp != NULL)
				*cp = c;
			return i;
		}
	}
	return n;
}

/* Does s hold a control character other than tab or newline? */
int
circle_has_control(const char *s)
{
	size_t	n = strlen(s);

	return circle_control_at(s, n, 0, NULL) < n;
}

/*
 * s as a terminal may show it: each control character (is_control, tab,
 * newline and carriage return included) written out, C0 in caret notation
 * as less(1) and git do (ESC is ^[, DEL ^?), the others as <U+XXXX>; bytes
 * that are not UTF-8 as <XX>.  The caller frees the copy.
 */
char *
circle_text_visible(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n = strlen(s), i, len;
	char			*buf, *p;

	if (circle_control_at(s, n, CIRCLE_CTL_CR, NULL) == n &&
	    circle_utf8_valid(s, n, NULL) && strpbrk(s, "\t\n\r") == NULL)
		return circle_xstrdup(s);
	/* At most 4 bytes out for each in: "<U+0085>" for 2 bytes. */
	p = buf = circle_xreallocarray(NULL, n + 1, 4);
	for (i = 0; i < n; i += len) {
		if ((len = circle_utf8_decode(u + i, n - i, &c)) == 0) {
			p += sprintf(p, "<%02X>", u[i]);
			len = 1;
		} else if (c < 0x20 || c == 0x7f) {
			*p++ = '^';
			*p++ = c == 0x7f ? '?' : (char)(c + '@');
		} else if (circle_is_control(c, 0))
			p += sprintf(p, "<U+%04X>", c);
		else {
			memcpy(p, u + i, len);
			p += len;
		}
	}
	*p = '\0';
	return buf;
}

/*
 * Check a free-text field: valid UTF-8, no control characters but tab and
 * newline, at most max bytes.
 */
int
circle_check_text(const char *field, const char *s, size_t max,
    struct circle_err *e)
{
	size_t	n = strlen(s);

	if (!circle_utf8_valid(s, n, NULL))
		return circle_err_set(e, CIRCLE_EDATA,
		    "%s: not valid UTF-8", field);
	if (circle_has_control(s))
		return circle_err_set(e, CIRCLE_EDATA,
		    "%s: control characters are not allowed", field);
	if (n > max)
		return circle_err_set(e, CIRCLE_EDATA,
		    "%s: longer than %zu bytes", field, max);
	return 0;
}

/*
 * A practical check, not RFC 5322: local@domain.tld, no spaces, none of
 * the characters that set an address apart in a list or a link
 * ("mailto:ann@example.org", "ann@example.org;" from Outlook's To line),
 * and no link's query in the domain ("ann@example.org?subject=Hi": no
 * host name has a '?', '=' or '&'; a local part may, as RFC 5322 allows).
 */
int
circle_email_valid(const char *s)
{
	const char	*at, *dot, *p;

	if (strlen(s) > 254 || (at = strchr(s, '@')) == NULL || at == s ||
	    strchr(at + 1, '@') != NULL)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f ||
		    strchr(",;:<>\"()[]\\", *p) != NULL)
			return 0;
	if (strpbrk(at + 1, "?=&") != NULL)
		return 0;
	dot = strrchr(at + 1, '.');
	return dot != NULL && dot != at + 1 && dot[1] != '\0';
}

/*
 * An email as a copy from a mail program or a web page leaves it: "Ann
 * Lee <ann@example.org>" (Outlook's To line) or "mailto:ann@example.org"
 * (a link's target, its query "?subject=..." cut: RFC 6068 has a '?' in
 * the address written %3F): the address alone in out, 1; 0 when v is not so
 * written, or its address does not fit len bytes.
 */
int
circle_email_alone(const char *v, char *out, size_t len)
{
	const char	*lt, *a, *q;
	size_t		 n;

	v += strspn(v, " ");
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	if (strncasecmp(v, "mailto:", 7) == 0) {
		a = v + 7;
		n -= 7;
		if ((q = memchr(a, '?', n)) != NULL)
			n = (size_t)(q - a);
	} else if (n > 0 && v[n - 1] == '>' && (lt = memchr(v, '<', n)) !=
	    NULL && memchr(lt, '@', (size_t)(v + n - lt)) != NULL) {
		a = lt + 1;
		n = (size_t)(v + n - 1 - a);
	} else
		return 0;
	if (n == 0 || n >= len)
		return 0;
	memcpy(out, a, n);
	out[n] = '\0';
	return 1;
}

/* Digits with the usual separators: "+1 (555) 010-2334", 3 to 20 digits. */
int
circle_phone_valid(const char *s)
{
	size_t	digits = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digits++;
		else if (strchr("+-(). ", *s) == NULL)
			return 0;
	}
	return digits >= 3 && digits <= 20;
}

/* http(s) links only, with a host and no spaces or control characters. */
int
circle_url_valid(const char *s)
{
	const char	*p, *host;

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		return 0;
	if (*host == '\0' || *host == '/' || strlen(s) > 2000)
		return 0;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '"' ||
		    *p == '<' || *p == '>' || *p == '\\')
			return 0;
	return 1;
}

/*
 * A setting's yes or no, exactly: yes, y, true, 1, on; no, n, false, 0,
 * off (any case).  The one list of those words: an answer's
 * (circle_answer_bool) builds on it.
 */
int
circle_parse_bool(const char *s, int *v)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "on" };
	static const char *const no[] = { "no", "n", "false", "0", "off" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*v = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*v = 0;
			return 0;
		}
	}
	return -1;
}

/*
 * Edit distance, for "did you mean": a letter more, less or changed, or
 * two side by side swapped (hlep, form for from), is one; in any case;
 * bytes, which is enough for names.
 */
size_t
circle_levenshtein(const char *a, const char *b)
{
	size_t	la = strlen(a), lb = strlen(b), i, j, *row, *prev, *prev2, *t;
	size_t	best;

	prev2 = circle_xcalloc(lb + 1, sizeof *prev2);
	prev = circle_xcalloc(lb + 1, sizeof *prev);
	row = circle_xcalloc(lb + 1, sizeof *row);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			best = prev[j - 1] + (tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]));
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) ==
			    tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) ==
			    tolower((unsigned char)b[j - 1]) &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	best = prev[lb];
	free(prev2);
	free(prev);
	free(row);
	return best;
}

/*
 * A code for a person that is the same in every export and says nothing
 * about them: 50 bits of a hash of their random uid (FNV-1a, then
 * MurmurHash3's finaliser so that similar uids give unrelated codes), in
 * Crockford's base 32.  Collisions are about one in 10^15 per pair.
 */
void
circle_pseudonym(const char *uid, char out[CIRCLE_PSEUDONYM_LEN])
{
	static const char	 digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	uint64_t		 h = 0xcbf29ce484222325ULL;
	size_t			 i, p = 2;

	for (; *uid != '\0'; uid++) {
		h ^= (unsigned char)*uid;
		h *= 0x100000001b3ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	out[0] = 'P';
	out[1] = '-';
	for (i = 0; i < 10; i++) {
		if (i == 5)
			out[p++] = '-';
		out[p++] = digits[h & 31];
		h >>= 5;
	}
	out[p] = '\0';
}

/*
 * How many bytes of s, at most max, end where a character seen whole
 * ends: never inside a UTF-8 sequence, nor before a mark that goes with
 * the character before it (no columns of its own, as circle_utf8_cut
 * keeps it), a skin tone, or after a joiner ("José", "👍🏽", "👩‍👧" stay
 * whole or go whole).
 */
size_t
circle_utf8_fit(const char *s, size_t max)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, len, fit = 0;
	unsigned int		 cp = 0, prev;
	int			 w;

	if (n <= max)
		return n;
	for (i = 0; i <= max; i += len) {
		prev = cp;
		w = char_width(u + i, n - i, &len);
		if (circle_utf8_decode(u + i, n - i, &cp) == 0)
			cp = 0xfffd;
		if (cp < 0x80 || (w > 0 && prev != 0x200d &&
		    !(cp >= 0x1f3fb && cp <= 0x1f3ff)))
			fit = i;
	}
	return fit;
}

/*
 * How many bytes of s fit in cols terminal columns (circle_utf8_width's
 * count): whole characters only, a wide one that would straddle the edge
 * left out, and the zero-width marks that follow a character kept with
 * it, so that a cut never separates a letter from its accent.
 */
size_t
circle_utf8_cut(const char *s, int cols)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, len;
	int			 w, used = 0;

	for (i = 0; i < n; i += len) {
		if (used + (w = char_width(u + i, n - i, &len)) > cols)
			break;
		used += w;
	}
	return i;
}
