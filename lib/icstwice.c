/*
 * icstwice.c: a calendar's text saved as UTF-8 twice (twice.c finds the
 * runs), mended where that is safe and said where it is not, before the
 * calendar is split into lines (icslex.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

/* Where in buf a delimiter of words is: a value's start or a space. */
static int
word_end(unsigned char c)
{
	return c <= ' ' || c == ':' || c == ';' || c == ',' || c == '"' ||
	    c == '\\';
}

/* p[0..n) without its folds (a line break and the space or tab after). */
static char *
unfolded(const char *p, size_t n)
{
	char	*s;
	size_t	 i, j;

	s = circle_xmalloc(n + 1);
	for (i = 0, j = 0; i < n; i++) {
		if (p[i] == '\r' || p[i] == '\n') {
			if (p[i] == '\n' && i + 1 < n)
				i++;
			continue;
		}
		s[j++] = p[i];
	}
	s[j] = '\0';
	return s;
}

/*
 * Where a run saved twice is, at first in buf: its line and column, and
 * the word it is in as written (*raw) and as meant (*word), both owned.
 */
static void
twice_where(const char *buf, size_t len, size_t first, size_t flen,
    size_t *line, size_t *col, char **raw, char **word)
{
	size_t	a, b, i, wlen;

	for (a = first; a > 0 && first - a < 40 &&
	    !word_end((unsigned char)buf[a - 1]); a--)
		;
	while (a < first && ((unsigned char)buf[a] & 0xc0) == 0x80)
		a++;
	for (b = first + flen; b < len && b - first < 40 &&
	    !word_end((unsigned char)buf[b]); b++)
		;
	while (b > first + flen && b < len &&
	    ((unsigned char)buf[b] & 0xc0) == 0x80)
		b--;
	for (i = 0, *line = 1, *col = first + 1; i < first; i++)
		if (buf[i] == '\n') {
			(*line)++;
			*col = first - i;
		}
	*raw = unfolded(buf + a, b - a);
	*word = circle_utf8_untwice(*raw, strlen(*raw), &wlen);
}

/* The end of the line (with its folds) that begins at p, after its break. */
static size_t
line_end(const char *buf, size_t len, size_t p)
{
	const char	*nl;

	for (;;) {
		if ((nl = memchr(buf + p, '\n', len - p)) == NULL)
			return len;
		p = (size_t)(nl - buf) + 1;
		if (p >= len || (buf[p] != ' ' && buf[p] != '\t'))
			return p;
	}
}

/*
 * buf with each line that was saved twice through and through, every
 * run a letter (circle_utf8_twice_letters), as it was meant; the others
 * as written.  NULL when no line is so.  The number of lines mended in
 * *lines, of their runs in *runs, where the first run mended is in buf
 * in *first and *flen.
 */
static char *
twice_lines(const char *buf, size_t len, size_t *mlen, size_t *lines,
    size_t *runs, size_t *first, size_t *flen)
{
	char	*out = NULL, *one;
	size_t	 p, e, n = 0, olen, f, fl;
	int	 whole;

	*lines = *runs = 0;
	for (p = 0; p < len; p = e) {
		e = line_end(buf, len, p);
		if (!circle_utf8_twice_letters(buf + p, e - p)) {
			if (out != NULL) {
				memcpy(out + n, buf + p, e - p);
				n += e - p;
			}
			continue;
		}
		if (out == NULL) {
			out = circle_xmalloc(len + 1);
			memcpy(out, buf, p);
			n = p;
		}
		one = circle_utf8_untwice(buf + p, e - p, &olen);
		memcpy(out + n, one, olen);
		n += olen;
		free(one);
		*runs += circle_utf8_twice(buf + p, e - p, &f, &fl, &whole);
		if ((*lines)++ == 0) {
			*first = p + f;
			*flen = fl;
		}
	}
	if (out != NULL)
		out[n] = '\0';
	*mlen = n;
	return out;
}

#define TWICE_WHOLE	", as a program that read the calendar as " \
	"Windows-1252 writes it; read as it was meant"
#define TWICE_LINES	", as a program that read the calendar as " \
	"Windows-1252 writes it; read as it was meant, on the lines where " \
	"every accented letter came so; the rest as written"
#define TWICE_LEFT	", but the rest of the file is not; left as " \
	"written: correct it, or export the calendar again"
#define TWICE_MAYBE	", or correct text; left as written: if it was " \
	"saved twice, correct it or export the calendar again"

/* A note of runs saved twice: mended (how "is") or left as written. */
static void
twice_note(struct imp *x, const char *buf, size_t len, size_t first,
    size_t flen, size_t n, const char *how, const char *then)
{
	size_t	 line, col;
	char	*raw, *word, more[64];

	twice_where(buf, len, first, flen, &line, &col, &raw, &word);
	more[0] = '\0';
	if (n > 1)
		snprintf(more, sizeof more, " (and %zu more like it)", n - 1);
	circle_ics_note(&x->pre, &x->npre, "%s:%zu:%zu: \"%s\" %s \"%s\" "
	    "saved as UTF-8 twice%s%s", x->name, line, col, raw, how, word,
	    more, then);
	free(raw);
	free(word);
}

/*
 * Characters saved as UTF-8 twice (twice.c), as a program that read the
 * calendar as Windows-1252 writes them: "CafÃ©" for "Café".  When every
 * character of the file came so, *mended is the file as it was meant,
 * read instead, with a warning.  When only some did, each line that came
 * so through and through, every run a letter, is mended so (an event
 * pasted from another program's copy); the rest are said, and left.
 * When none tells but a word in capitals may have come so ("TYÃ–"),
 * both readings are said, and the file read as written.
 */
void
circle_ics_twice_read(struct imp *x, const char *buf, size_t len, char **mended,
    size_t *mlen)
{
	size_t	 first, flen, n, lines, runs;
	int	 whole;

	*mended = NULL;
	if ((n = circle_utf8_twice(buf, len, &first, &flen, &whole)) == 0) {
		if ((n = circle_utf8_twice_maybe(buf, len, &first,
		    &flen)) != 0)
			twice_note(x, buf, len, first, flen, n, "may be",
			    TWICE_MAYBE);
		return;
	}
	if (whole) {
		*mended = circle_utf8_untwice(buf, len, mlen);
		twice_note(x, buf, len, first, flen, n, "is", TWICE_WHOLE);
		return;
	}
	if ((*mended = twice_lines(buf, len, mlen, &lines, &runs, &first,
	    &flen)) != NULL) {
		twice_note(x, buf, len, first, flen, runs, "is",
		    TWICE_LINES);
		buf = *mended;
		len = *mlen;
		if ((n = circle_utf8_twice(buf, len, &first, &flen,
		    &whole)) == 0)
			return;
	}
	twice_note(x, buf, len, first, flen, n, "looks like", TWICE_LEFT);
}
