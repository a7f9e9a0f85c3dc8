/*
 * vcardread.c: a vCard file (.vcf: a phone's, Google's, Apple's or
 * Outlook's contacts) read as the rows of a table that csvio.c's reader
 * hands out, as a contacts export's CSV would have them: a header row
 * (Name, Given name, Family name, Nickname, Email, Phone, Notes), then a
 * row a card, so that every rule after the reader is the CSV path's.
 * vCard 2.1 (quoted-printable with its soft line breaks, CHARSET), 3.0
 * and 4.0 (folded lines, backslash escapes, item1.EMAIL groups, TYPE and
 * PREF parameters).  Several emails or phones of a card are one cell, the
 * preferred first, " ::: " between them, as Google's CSV writes them.
 * The whole file is read before a row is handed on: a card not ended, or
 * a line that is not a property, refuses the file.  Capped by the bytes
 * read, a property's length and the number of cards.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "xlsxread.h"

#define VC_MAX_BYTES	(64 * 1024 * 1024)	/* of the file, as text */
#define VC_MAX_LINE	CIRCLE_CSV_MAX_FIELD	/* of a property, unfolded: the
					   cap of xlsxread.h's xl_buf, which
					   holds it */
#define VC_MAX_CARDS	100000
#define VC_MAX_VALUES	100			/* emails or phones a card */

/* The table's columns, headers the roster import's table knows. */
enum { VC_NAME, VC_GIVEN, VC_FAMILY, VC_NICK, VC_EMAIL, VC_TEL, VC_NOTE,
	VC_NCOLS };
static const char *const headers[VC_NCOLS] = { "Name", "Given name",
	"Family name", "Nickname", "Email", "Phone", "Notes" };

/* A value of a card's column, and where it was. */
struct vc_value {
	char		*s;		/* owned */
	size_t		 line;
	int		 pref;
};

struct vc_card {
	size_t		 number;	/* from 1 */
	size_t		 begin;		/* its BEGIN:VCARD's line */
	struct vc_value	*v[VC_NCOLS];	/* owned */
	size_t		 n[VC_NCOLS];
};

/* A property as parsed: its name, what its parameters say, its value. */
struct vc_prop {
	char		 name[32];	/* upper case, group left out */
	int		 qp;		/* ENCODING=QUOTED-PRINTABLE */
	int		 b64;		/* ENCODING=BASE64 or B */
	int		 pref;		/* TYPE=pref, PREF=n */
	char		 charset[48];
	char		*value;		/* in the line */
};

struct vc_reader {
	FILE		*fp;
	const char	*name;
	size_t		 line;		/* physical lines read */
	size_t		 bytes;
	char		*phys;		/* owned: a physical line */
	size_t		 physlen;
	size_t		 physcap;
	int		 physover;
	int		 ahead;		/* phys is read ahead, not used yet */
	int		 eof;
	struct circle_err *e;
};

/*
 * The next physical line into rd->phys, its line end left out: 1, 0 at
 * the end, -1 with e.  A line longer than a property may be is read to
 * its end and kept short (physover): only a property read refuses it.
 */
static int
phys_read(struct vc_reader *rd)
{
	int	ch;

	if (rd->ahead) {
		rd->ahead = 0;
		return 1;
	}
	if (rd->eof)
		return 0;
	rd->physlen = 0;
	rd->physover = 0;
	while ((ch = getc(rd->fp)) != EOF && ch != '\n') {
		if (++rd->bytes > VC_MAX_BYTES)
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s: over %d "
			    "MiB: more than a contacts file holds; nothing "
			    "imported", rd->name, VC_MAX_BYTES / (1024 * 1024));
		if (ch == '\0')
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: a "
			    "NUL byte: not a vCard's text; nothing imported",
			    rd->name, rd->line + 1);
		if (rd->physlen >= VC_MAX_LINE) {
			rd->physover = 1;
			continue;
		}
		if (rd->physlen + 2 > rd->physcap) {
			rd->physcap = rd->physcap == 0 ? 256 : rd->physcap * 2;
			rd->phys = circle_xrealloc(rd->phys, rd->physcap);
		}
		rd->phys[rd->physlen++] = (char)ch;
	}
	if (ch == EOF && ferror(rd->fp))
		return circle_err_set(rd->e, CIRCLE_EDATA, "%s: %s", rd->name,
		    errno == EILSEQ ? "its text could not be read in the "
		    "encoding given (--encoding)" : strerror(errno));
	if (ch == EOF && rd->physlen == 0) {
		rd->eof = 1;
		return 0;
	}
	rd->bytes++;
	rd->line++;
	if (rd->physlen > 0 && rd->phys[rd->physlen - 1] == '\r')
		rd->physlen--;
	if (rd->phys == NULL)
		rd->phys = circle_xmalloc(rd->physcap = 256);
	rd->phys[rd->physlen] = '\0';
	return 1;
}

/* Whether a property line's parameters say quoted-printable. */
static int
line_qp(const char *s)
{
	const char	*colon = strchr(s, ':');
	size_t		 n = colon != NULL ? (size_t)(colon - s) : strlen(s);
	char		*head;
	int		 qp;

	head = circle_xstrndup(s, n);
	for (n = 0; head[n] != '\0'; n++)
		head[n] = (char)toupper((unsigned char)head[n]);
	qp = strstr(head, "QUOTED-PRINTABLE") != NULL;
	free(head);
	return qp;
}

/*
 * The next property line, unfolded (a line beginning with a space or a
 * tab goes on the one before; a quoted-printable value ending in "=" goes
 * on in the next line), into l, its first line in *start: 1, 0 at the
 * end, -1 with e.
 */
static int
logical_read(struct vc_reader *rd, struct xl_buf *l, size_t *start)
{
	int	rc, qp;

	circle_xlsx_buf_clear(l);
	if ((rc = phys_read(rd)) != 1)
		return rc;
	*start = rd->line;
	circle_xlsx_buf_add(l, rd->phys, rd->physlen);
	l->over |= rd->physover;
	qp = line_qp(rd->phys);
	for (;;) {
		if (qp && l->n > 0 && l->s[l->n - 1] == '=') {
			if ((rc = phys_read(rd)) == -1)
				return -1;
			if (rc == 0)
				break;
			l->s[--l->n] = '\0';
			circle_xlsx_buf_add(l, rd->phys, rd->physlen);
			l->over |= rd->physover;
			continue;
		}
		if ((rc = phys_read(rd)) == -1)
			return -1;
		if (rc == 0)
			break;
		if (rd->physlen == 0 || (rd->phys[0] != ' ' &&
		    rd->phys[0] != '\t')) {
			rd->ahead = 1;
			break;
		}
		circle_xlsx_buf_add(l, rd->phys + 1, rd->physlen - 1);
		l->over |= rd->physover;
	}
	if (l->s == NULL)
		circle_xlsx_buf_add(l, "", 0);
	return 1;
}

/* A parameter NAME=VALUE,VALUE (or a bare 2.1 VALUE) taken into p. */
static void
param_take(struct vc_prop *p, const char *name, size_t nlen, const char *val,
    size_t vlen)
{
	char	 v[64];
	size_t	 i, k;

	if (val == NULL) {
		val = name;
		vlen = nlen;
		nlen = 0;
	}
	if (nlen == 7 && strncasecmp(name, "CHARSET", 7) == 0) {
		snprintf(p->charset, sizeof p->charset, "%.*s", (int)vlen, val);
		return;
	}
	if (nlen == 4 && strncasecmp(name, "PREF", 4) == 0) {
		/* 4.0's PREF=1 is the most preferred, 100 the least. */
		p->pref = vlen == 0 || strtol(val, NULL, 10) == 1;
		return;
	}
	for (i = 0; i < vlen; i = k + 1) {
		for (k = i; k < vlen && val[k] != ','; k++)
			;
		snprintf(v, sizeof v, "%.*s", (int)(k - i), val + i);
		if (strcasecmp(v, "QUOTED-PRINTABLE") == 0)
			p->qp = 1;
		else if (strcasecmp(v, "BASE64") == 0 || (nlen == 8 &&
		    strcasecmp(v, "B") == 0))
			p->b64 = 1;
		else if (strcasecmp(v, "PREF") == 0)
			p->pref = 1;
	}
}

/*
 * [group.]NAME;PARAM=VALUE;...:value: 0 with p, -1 when the line is no
 * property.
 */
static int
prop_parse(char *s, struct vc_prop *p)
{
	const char	*name, *val;
	size_t		 n, nlen, vlen;
	int		 quoted;

	memset(p, 0, sizeof *p);
	for (;;) {
		n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_");
		if (n == 0)
			return -1;
		if (s[n] != '.')
			break;
		s += n + 1;		/* item1.EMAIL: the group left out */
	}
	snprintf(p->name, sizeof p->name, "%.*s", (int)n, s);
	for (n = 0; p->name[n] != '\0'; n++)
		p->name[n] = (char)toupper((unsigned char)p->name[n]);
	s += strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789-_");
	while (*s == ';') {
		name = ++s;
		nlen = strcspn(s, "=;:");
		s += nlen;
		val = NULL;
		vlen = 0;
		if (*s == '=') {
			val = ++s;
			for (quoted = 0; *s != '\0' && (quoted ||
			    (*s != ';' && *s != ':')); s++)
				if (*s == '"')
					quoted = !quoted;
			vlen = (size_t)(s - val);
			if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"')
				val++, vlen -= 2;
		}
		param_take(p, name, nlen, val, vlen);
	}
	if (*s != ':')
		return -1;
	p->value = s + 1;
	return 0;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Quoted-printable =XX decoded, in place. */
static void
qp_decode(char *s)
{
	char	*w = s;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (s[0] == '=' && (hi = hexval((unsigned char)s[1])) != -1 &&
		    (lo = hexval((unsigned char)s[2])) != -1) {
			*w++ = (char)(hi * 16 + lo);
			s += 2;
		} else
			*w++ = *s;
	}
	*w = '\0';
}

/* s in charset (a 2.1 CHARSET=) as UTF-8, new; NULL when it is not. */
static char *
charset_convert(const char *s, const char *charset)
{
	iconv_t	 cd;
	char	*out, *ip = (char *)s, *op;
	size_t	 il = strlen(s), ol = il * 4 + 1;

	if ((cd = iconv_open("UTF-8", charset)) == (iconv_t)-1)
		return NULL;
	out = op = circle_xmalloc(ol + 1);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1) {
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	return out;
}

/*
 * A text value's backslash escapes read (\\ \, \; \: and \n or \N a line
 * end), a CRLF as LF, in place; with stop (';' or ','), the value ends at
 * the first of it not escaped and *rest is what follows (NULL: none).
 */
static void
unescape(char *s, int stop, char **rest)
{
	char	*w = s;

	if (rest != NULL)
		*rest = NULL;
	for (; *s != '\0'; s++) {
		if (stop != 0 && *s == stop) {
			if (rest != NULL)
				*rest = s + 1;
			break;
		}
		if (s[0] == '\r' && s[1] == '\n')
			continue;
		if (s[0] != '\\' || s[1] == '\0') {
			*w++ = *s;
			continue;
		}
		s++;
		if (*s == 'n' || *s == 'N')
			*w++ = '\n';
		else if (strchr("\\,;:", *s) != NULL)
			*w++ = *s;
		else {
			*w++ = '\\';
			*w++ = *s;
		}
	}
	*w = '\0';
}

static void
card_put(struct vc_card *c, int col, const char *s, size_t line, int pref)
{
	size_t	len;

	s += strspn(s, " \t");
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (*s == '\0' || c->n[col] >= VC_MAX_VALUES)
		return;
	c->v[col] = circle_xgrow(c->v[col], c->n[col], sizeof *c->v[col]);
	c->v[col][c->n[col]].s = circle_xstrndup(s, len);
	c->v[col][c->n[col]].line = line;
	c->v[col][c->n[col]].pref = pref;
	c->n[col]++;
}

static void
card_clear(struct vc_card *c)
{
	size_t	i, k;

	for (i = 0; i < VC_NCOLS; i++) {
		for (k = 0; k < c->n[i]; k++)
			free(c->v[i][k].s);
		free(c->v[i]);
	}
	memset(c, 0, sizeof *c);
}

/* A property of a card this table has a column for, taken. */
static int
card_prop(struct vc_reader *rd, struct vc_card *c, struct vc_prop *p,
    int over, size_t line)
{
	static const struct { const char *name; int col; } props[] = {
		{ "FN", VC_NAME }, { "N", VC_GIVEN }, { "NICKNAME", VC_NICK },
		{ "EMAIL", VC_EMAIL }, { "TEL", VC_TEL }, { "NOTE", VC_NOTE }
	};
	char	*v, *conv = NULL, *part[2], *rest;
	size_t	 i;
	int	 col = -1;

	for (i = 0; i < sizeof props / sizeof props[0]; i++)
		if (strcmp(p->name, props[i].name) == 0)
			col = props[i].col;
	if (col == -1 || p->b64)
		return 0;
	if (over)
		return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: %s of card "
		    "%zu is over %d MiB long; nothing imported", rd->name, line,
		    p->name, c->number, VC_MAX_LINE / (1024 * 1024));
	v = p->value;
	if (p->qp)
		qp_decode(v);
	if (p->charset[0] != '\0' && strcasecmp(p->charset, "UTF-8") != 0 &&
	    strcasecmp(p->charset, "UTF8") != 0 && strcasecmp(p->charset,
	    "US-ASCII") != 0) {
		if ((conv = charset_convert(v, p->charset)) == NULL)
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: %s "
			    "of card %zu is not %s text as its CHARSET says; "
			    "nothing imported", rd->name, line, p->name,
			    c->number, p->charset);
		v = conv;
	}
	switch (col) {
	case VC_GIVEN:
		/* N: family;given;additional;prefixes;suffixes */
		unescape(v, ';', &rest);
		part[0] = v;
		part[1] = rest;
		if (part[1] != NULL)
			unescape(part[1], ';', &rest);
		if (c->n[VC_FAMILY] == 0 && c->n[VC_GIVEN] == 0) {
			card_put(c, VC_FAMILY, part[0], line, 0);
			if (part[1] != NULL)
				card_put(c, VC_GIVEN, part[1], line, 0);
		}
		break;
	case VC_NICK:
		unescape(v, ',', &rest);	/* a list: the first */
		/* FALLTHROUGH */
	default:
		if (col != VC_NICK)
			unescape(v, 0, NULL);
		if (col == VC_TEL && strncasecmp(v, "tel:", 4) == 0)
			v += 4;
		if (col == VC_EMAIL || col == VC_TEL || c->n[col] == 0)
			card_put(c, col, v, line, p->pref);
		break;
	}
	free(conv);
	return 0;
}

/* A card's row handed on: a cell a column, the preferred values first. */
static void
card_row(struct vc_card *c, circle_vcard_row_fn *fn, void *arg)
{
	char	**fields, *cell;
	size_t	 *lines, i, k, pass;

	fields = circle_xcalloc(VC_NCOLS, sizeof *fields);
	lines = circle_xcalloc(VC_NCOLS, sizeof *lines);
	for (i = 0; i < VC_NCOLS; i++) {
		cell = NULL;
		lines[i] = c->begin;
		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < c->n[i]; k++) {
				if (c->v[i][k].pref != (pass == 0))
					continue;
				if (cell == NULL)
					lines[i] = c->v[i][k].line;
				circle_xappend(&cell, " ::: ", "%s",
				    c->v[i][k].s);
			}
		fields[i] = cell != NULL ? cell : circle_xstrdup("");
	}
	fn(arg, fields, lines, VC_NCOLS, c->begin, c->number);
}

static int
is_word(const char *s, const char *word)
{
	size_t	n = strlen(word);

	return strncasecmp(s, word, n) == 0 && s[n + strspn(s + n, " \t")] ==
	    '\0';
}

struct vc_state {
	struct vc_card	 card;
	int		 in;		/* in a card */
	size_t		 nested;	/* depth in an AGENT's card */
	int		 agent;		/* the last property an AGENT */
	unsigned	 versions;	/* 1: 2.1, 2: 3.0, 4: 4.0 */
};

/* One property line of the file, with what it begins or ends. */
static int
vc_line(struct vc_reader *rd, struct vc_state *st, struct xl_buf *l,
    size_t line, circle_vcard_row_fn *fn, void *arg)
{
	struct vc_prop	p;
	size_t		n;

	if (l->s[strspn(l->s, " \t")] == '\0')
		return 0;
	if (!st->in) {
		if (is_word(l->s, "END:VCARD"))
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: "
			    "END:VCARD without a BEGIN:VCARD before it; nothing "
			    "imported", rd->name, line);
		if (!is_word(l->s, "BEGIN:VCARD"))
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: "
			    "\"%.40s\" outside a card (a vCard file holds cards, "
			    "BEGIN:VCARD to END:VCARD); nothing imported",
			    rd->name, line, l->s);
		n = st->card.number + 1;
		if (n > VC_MAX_CARDS)
			return circle_err_set(rd->e, CIRCLE_EDATA, "%s: over %d "
			    "cards: more than a roster holds; nothing imported",
			    rd->name, VC_MAX_CARDS);
		card_clear(&st->card);
		st->card.number = n;
		st->card.begin = line;
		st->in = 1;
		st->agent = 0;
		return 0;
	}
	if (is_word(l->s, "BEGIN:VCARD")) {
		if (st->agent || st->nested > 0) {
			st->nested++;
			return 0;
		}
		return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: "
		    "BEGIN:VCARD inside card %zu (begun on line %zu), which "
		    "has no END:VCARD; nothing imported", rd->name, line,
		    st->card.number, st->card.begin);
	}
	if (is_word(l->s, "END:VCARD")) {
		if (st->nested > 0) {
			st->nested--;
			return 0;
		}
		card_row(&st->card, fn, arg);
		st->in = 0;
		return 0;
	}
	if (st->nested > 0)
		return 0;
	if (prop_parse(l->s, &p) == -1)
		return circle_err_set(rd->e, CIRCLE_EDATA, "%s:%zu: \"%.40s\" in "
		    "card %zu is not a vCard property (NAME:value); nothing "
		    "imported", rd->name, line, l->s, st->card.number);
	st->agent = strcmp(p.name, "AGENT") == 0 && *p.value == '\0';
	if (strcmp(p.name, "VERSION") == 0)
		st->versions |= strncmp(p.value, "2.", 2) == 0 ? 1 :
		    strncmp(p.value, "3.", 2) == 0 ? 2 :
		    strncmp(p.value, "4.", 2) == 0 ? 4 : 0;
	return card_prop(rd, &st->card, &p, l->over, line);
}

/* Whether the first bytes of a file (a BOM, blank lines aside) are a
 * vCard's BEGIN:VCARD, in UTF-8 or UTF-16. */
int
circle_vcard_is(const unsigned char *h, size_t n)
{
	static const char	 want[] = "BEGIN:VCARD";
	const char		*bom;
	size_t			 skip, i, k, step = 1, at = 0;

	bom = circle_text_bom(h, n, &skip);
	if (bom != NULL && strcmp(bom, "UTF-8") != 0) {
		step = 2;
		at = strcmp(bom, "UTF-16LE") == 0 ? 0 : 1;
	}
	h += skip;
	n -= skip;
	for (i = 0; i + step <= n; i += step) {
		if (h[i + at] != ' ' && h[i + at] != '\t' && h[i + at] != '\r' &&
		    h[i + at] != '\n')
			break;
	}
	for (k = 0; k < sizeof want - 1; k++, i += step)
		if (i + step > n || toupper(h[i + at]) != want[k])
			return 0;
	return 1;
}

/* Whether a file's name says vCard: .vcf, .vcard. */
int
circle_vcard_named(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return dot != NULL && (strcasecmp(dot, ".vcf") == 0 ||
	    strcasecmp(dot, ".vcard") == 0);
}

/*
 * The vCard text of fp read whole, as rows handed to fn: the header row,
 * then a row a card.  *ncards and *versions (1: 2.1, 2: 3.0, 4: 4.0) say
 * what was read.  0, or -1 with e (and nothing should be used).
 */
int
circle_vcard_read(FILE *fp, const char *name, circle_vcard_row_fn *fn,
    void *arg, size_t *ncards, unsigned *versions, struct circle_err *e)
{
	struct vc_reader	 rd;
	struct vc_state		 st;
	struct xl_buf		 l;
	char			**fields;
	size_t			*lines, i, line = 0;
	int			 rc;

	memset(&rd, 0, sizeof rd);
	memset(&st, 0, sizeof st);
	memset(&l, 0, sizeof l);
	rd.fp = fp;
	rd.name = name;
	rd.e = e;
	fields = circle_xcalloc(VC_NCOLS, sizeof *fields);
	lines = circle_xcalloc(VC_NCOLS, sizeof *lines);
	for (i = 0; i < VC_NCOLS; i++) {
		fields[i] = circle_xstrdup(headers[i]);
		lines[i] = 1;
	}
	fn(arg, fields, lines, VC_NCOLS, 1, 0);
	while ((rc = logical_read(&rd, &l, &line)) == 1)
		if ((rc = vc_line(&rd, &st, &l, line, fn, arg)) == -1)
			break;
	if (rc == 0 && st.in)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu: card %zu (begun "
		    "on line %zu) has no END:VCARD: the file is cut short; "
		    "export it again; nothing imported", name, rd.line,
		    st.card.number, st.card.begin);
	*ncards = st.card.number;
	*versions = st.versions;
	card_clear(&st.card);
	free(l.s);
	free(rd.phys);
	return rc;
}
