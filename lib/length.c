/*
 * length.c: how long a session lasts, as people write it, in whole
 * minutes: the one reader of every length circle is given (--for,
 * --duration, a group file's for: and duration:).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

#define LENGTH_TOKENS	24
#define LENGTH_DIGITS	6	/* 999999: no product below overflows */

enum length_kind {
	L_END, L_NUM, L_FRAC, L_A, L_HALF, L_HOUR, L_MIN, L_AND, L_OF,
	L_CLOCK
};

/* A word or number of a length; a number is num/den. */
struct length_tok {
	enum length_kind	kind;
	long long		num, den;
	int			tens;	/* twenty to ninety, in words */
	int			ones;	/* one to nine, in words */
	int			dec;	/* digits after a decimal point */
	int			word;	/* a number said in words */
};

/* Why a length was refused, for the message. */
enum length_why {
	WHY_NONE, WHY_BAD, WHY_LONG, WHY_SHORT, WHY_PART, WHY_AMBIGUOUS
};

struct length_read {
	struct length_tok	t[LENGTH_TOKENS];
	size_t			n, i;
	enum length_why		why;
	long long		hours, hundredths;	/* WHY_AMBIGUOUS */
	int			bare;			/* WHY_PART */
};

static const struct {
	const char		*word;
	enum length_kind	 kind;
	long long		 num, den;
} length_words[] = {
	{ "a", L_A, 1, 1 }, { "an", L_A, 1, 1 },
	{ "half", L_HALF, 1, 2 }, { "quarter", L_HALF, 1, 4 },
	{ "quarters", L_HALF, 1, 4 }, { "third", L_HALF, 1, 3 },
	{ "thirds", L_HALF, 1, 3 },
	{ "and", L_AND, 0, 1 }, { "of", L_OF, 0, 1 },
	{ "h", L_HOUR, 60, 1 }, { "hr", L_HOUR, 60, 1 },
	{ "hrs", L_HOUR, 60, 1 }, { "hour", L_HOUR, 60, 1 },
	{ "hours", L_HOUR, 60, 1 }, { "hs", L_HOUR, 60, 1 },
	{ "m", L_MIN, 1, 1 }, { "mn", L_MIN, 1, 1 }, { "min", L_MIN, 1, 1 },
	{ "mins", L_MIN, 1, 1 }, { "minute", L_MIN, 1, 1 },
	{ "minutes", L_MIN, 1, 1 },
};

static const char *const length_ones[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
};

static const char *const length_tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety",
};

/* ½ ¼ ¾ ⅓ ⅔ in UTF-8. */
static const struct {
	const char	*utf8;
	long long	 num, den;
} length_vulgar[] = {
	{ "\xc2\xbd", 1, 2 }, { "\xc2\xbc", 1, 4 }, { "\xc2\xbe", 3, 4 },
	{ "\xe2\x85\x93", 1, 3 }, { "\xe2\x85\x94", 2, 3 },
};

/* An amount, before its unit: num/den. */
struct length_amount {
	long long	num, den;
	int		frac;	/* a fraction alone: half, 3/4, a quarter */
	int		digits;	/* begun with digits: 90 alone is minutes */
	int		dec;	/* digits after a decimal point */
};

static int	 length_word(const char *, size_t, struct length_tok *);
static const char *length_number(const char *, struct length_tok *);
static int	 length_split(const char *, struct length_read *);
static int	 length_fraction(struct length_read *, struct length_amount *);
static int	 length_amount(struct length_read *, struct length_amount *);
static int	 length_unit(struct length_read *, const struct length_amount *,
		    int, int *);
static int	 length_read(const char *, struct length_read *, int *);

/* A word of a length, of n letters at w, into *k; -1 when it is none. */
static int
length_word(const char *w, size_t n, struct length_tok *k)
{
	size_t	i;

	memset(k, 0, sizeof *k);
	k->den = 1;
	for (i = 0; i < sizeof length_words / sizeof length_words[0]; i++)
		if (strlen(length_words[i].word) == n &&
		    strncasecmp(w, length_words[i].word, n) == 0) {
			k->kind = length_words[i].kind;
			k->num = length_words[i].num;
			k->den = length_words[i].den;
			return 0;
		}
	k->kind = L_NUM;
	for (i = 0; i < sizeof length_ones / sizeof length_ones[0]; i++)
		if (strlen(length_ones[i]) == n &&
		    strncasecmp(w, length_ones[i], n) == 0) {
			k->num = (long long)i;
			k->ones = i >= 1 && i <= 9;
			k->word = 1;
			return 0;
		}
	for (i = 0; i < sizeof length_tens / sizeof length_tens[0]; i++)
		if (strlen(length_tens[i]) == n &&
		    strncasecmp(w, length_tens[i], n) == 0) {
			k->num = (long long)(i + 2) * 10;
			k->tens = k->word = 1;
			return 0;
		}
	return -1;
}

/*
 * Digits at s (not strtod's 1e2 or 0x10): 90, 1.5 or 1,5, 1/2, or the
 * clock's 1:30 (1:30:00); the end of them, or NULL.
 */
static const char *
length_number(const char *s, struct length_tok *k)
{
	long long	v = 0, d = 0, sec = 0;
	int		n;

	memset(k, 0, sizeof *k);
	k->kind = L_NUM;
	k->den = 1;
	for (n = 0; isdigit((unsigned char)*s); s++)
		if (++n > LENGTH_DIGITS)
			return NULL;
		else
			v = v * 10 + (*s - '0');
	k->num = v;
	if (*s == ':' && n <= 2 && isdigit((unsigned char)s[1]) &&
	    isdigit((unsigned char)s[2]) && !isdigit((unsigned char)s[3])) {
		k->kind = L_CLOCK;
		k->num = v * 60 + (s[1] - '0') * 10 + (s[2] - '0');
		if (s[1] > '5')
			return NULL;
		s += 3;
		if (*s == ':' && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) &&
		    !isdigit((unsigned char)s[3])) {
			sec = (s[1] - '0') * 10 + (s[2] - '0');
			s += 3;
		}
		/* 1:30:20 is no whole number of minutes; 1:30:00 is. */
		return sec == 0 ? s : NULL;
	}
	if ((*s == '.' || *s == ',') && isdigit((unsigned char)s[1])) {
		for (s++; isdigit((unsigned char)*s); s++) {
			if (++k->dec > 4)
				return NULL;
			d = d * 10 + (*s - '0');
			k->den *= 10;
		}
		k->num = v * k->den + d;
	} else if (*s == '/' && isdigit((unsigned char)s[1])) {
		for (s++, d = 0, n = 0; isdigit((unsigned char)*s); s++)
			if (++n > LENGTH_DIGITS)
				return NULL;
			else
				d = d * 10 + (*s - '0');
		if (d == 0)
			return NULL;
		k->kind = L_FRAC;
		k->den = d;
	}
	return s;
}

/* s in words and numbers, into r->t; -1 on anything that is neither. */
static int
length_split(const char *s, struct length_read *r)
{
	struct length_tok	*k;
	const char		*w;
	size_t			 i, l;

	for (r->n = 0;;) {
		/* Spaces, and a comma or hyphen between words. */
		while (*s == ' ' || *s == '\t' || ((*s == ',' || *s == '-') &&
		    r->n > 0))
			s++;
		if (r->n == LENGTH_TOKENS)
			return -1;
		k = &r->t[r->n++];
		memset(k, 0, sizeof *k);
		k->den = 1;
		if (*s == '\0')
			return 0;
		if (isdigit((unsigned char)*s) || (*s == '.' &&
		    isdigit((unsigned char)s[1]))) {
			/* .5 is read as 0.5, with no digit before the point. */
			if ((s = length_number(s, k)) == NULL)
				return -1;
			continue;
		}
		if (*s == '&' || *s == '+') {
			k->kind = L_AND;
			s++;
			continue;
		}
		if (isalpha((unsigned char)*s)) {
			for (w = s; isalpha((unsigned char)*s); s++)
				;
			if (length_word(w, (size_t)(s - w), k) == -1)
				return -1;
			if (*s == '.' && !isdigit((unsigned char)s[1]))
				s++;	/* min., hrs. */
			continue;
		}
		for (i = 0; i < sizeof length_vulgar / sizeof length_vulgar[0];
		    i++) {
			l = strlen(length_vulgar[i].utf8);
			if (strncmp(s, length_vulgar[i].utf8, l) == 0)
				break;
		}
		if (i == sizeof length_vulgar / sizeof length_vulgar[0])
			return -1;
		k->kind = L_FRAC;
		k->num = length_vulgar[i].num;
		k->den = length_vulgar[i].den;
		s += l;
	}
}

/*
 * A fraction alone at r->i: half, a half, a quarter, 3/4, ½, and three
 * quarters (so many of them).
 */
static int
length_fraction(struct length_read *r, struct length_amount *a)
{
	const struct length_tok	*k = &r->t[r->i];
	long long		 n = 1;

	if ((k->kind == L_A || (k->kind == L_NUM && k->den == 1 &&
	    !k->tens)) && k[1].kind == L_HALF)
		n = k++->num;
	if (k->kind != L_FRAC && k->kind != L_HALF)
		return -1;
	a->num = n * k->num;
	a->den = k->den;
	r->i = (size_t)(k - r->t) + 1;
	return 0;
}

/*
 * An amount at r->i: 90, 1.5, ninety, forty-five, a or an (one), a
 * fraction alone, 1 1/2, 1½, one and a half (a whole and a fraction).
 */
static int
length_amount(struct length_read *r, struct length_amount *a)
{
	const struct length_tok	*k = &r->t[r->i];
	struct length_amount	 f;
	size_t			 i;

	memset(a, 0, sizeof *a);
	if (length_fraction(r, a) == 0) {
		a->frac = 1;
		return 0;
	}
	if (k->kind != L_NUM && k->kind != L_A)
		return -1;
	a->num = k->num;
	a->den = k->den;
	a->dec = k->dec;
	a->digits = k->kind == L_NUM && !k->word;
	r->i++;
	if (k->tens && k[1].kind == L_NUM && k[1].ones) {
		a->num += k[1].num;
		r->i++;
	}
	if (k->kind == L_A || a->den != 1)
		return 0;
	k = &r->t[r->i];
	/* 1 1/2, 1½, one and a half: a whole and a fraction below one. */
	i = r->i;
	if (k->kind == L_AND)
		r->i++;
	memset(&f, 0, sizeof f);
	if ((k->kind == L_FRAC || k->kind == L_AND) &&
	    length_fraction(r, &f) == 0 && f.num < f.den) {
		a->num = a->num * f.den + f.num;
		a->den = f.den;
		a->digits = 0;
		return 0;
	}
	r->i = i;
	return 0;
}

/*
 * The unit after amount a, into *unit (60 or 1), where last is the unit
 * before it (0: none): hours, minutes, or none written: minutes alone
 * (90), the minutes after hours (1h30), or a fraction of the hour before
 * (an hour and a half).  -1 when it is none of these.
 */
static int
length_unit(struct length_read *r, const struct length_amount *a, int last,
    int *unit)
{
	const struct length_tok	*k = &r->t[r->i];
	int			 of = 0;

	/* Half an hour, three quarters of an hour. */
	if (a->frac && k->kind == L_OF)
		k++, of = 1;
	if (a->frac && k->kind == L_A)
		k++, of = 1;
	if (k->kind == L_HOUR || k->kind == L_MIN) {
		*unit = (int)k->num;
		r->i = (size_t)(k - r->t) + 1;
		return last != 0 && *unit >= last ? -1 : 0;
	}
	if (of || k->kind != L_END)
		return -1;
	if (last == 0 && a->digits)
		*unit = 1;
	else if (last == 60)
		*unit = a->frac ? 60 : 1;
	else if (last == 1 && a->frac)
		*unit = 1;
	else
		return -1;
	return 0;
}

/* s in whole minutes; -1 with r->why. */
static int
length_read(const char *s, struct length_read *r, int *minutes)
{
	struct length_amount	 a;
	long long		 total = 0, hh;
	int			 unit, last = 0, parts = 0;

	memset(r, 0, sizeof *r);
	r->why = WHY_BAD;
	if (length_split(s, r) == -1 || r->t[0].kind == L_END)
		return -1;
	if (r->t[0].kind == L_CLOCK) {
		/* 1:30, 1:30 hours */
		r->i = 1 + (r->t[1].kind == L_HOUR);
		if (r->t[r->i].kind != L_END)
			return -1;
		total = r->t[0].num;
	}
	while (r->t[r->i].kind != L_END) {
		if (last != 0 && r->t[r->i].kind == L_AND)
			r->i++;
		if (parts == 3 || length_amount(r, &a) == -1 ||
		    length_unit(r, &a, last, &unit) == -1)
			return -1;
		/* A decimal only alone: 1.5 hours, not 1.5h 30m. */
		if (a.dec > 0 && (parts > 0 || r->t[r->i].kind != L_END))
			return -1;
		/* 1.30 hours: an hour and 30 minutes, or 78 minutes? */
		hh = a.num % 100;
		if (unit == 60 && a.dec == 2 && hh < 60 && hh % 25 != 0) {
			r->why = WHY_AMBIGUOUS;
			r->hours = a.num / 100;
			r->hundredths = hh;
			return -1;
		}
		if (a.num * unit % a.den != 0) {
			r->why = WHY_PART;
			r->bare = last == 0 && unit == 1 &&
			    r->t[r->i - 1].kind != L_MIN;
			return -1;
		}
		total += a.num * unit / a.den;
		last = unit;
		parts++;
	}
	if (total < 1 || total > 1440) {
		r->why = total < 1 ? WHY_SHORT : WHY_LONG;
		return -1;
	}
	r->why = WHY_NONE;
	*minutes = (int)total;
	return 0;
}

/*
 * A session's length as people write it, in whole minutes from 1 to 1440:
 * 90, 90 min, 90mins, 2 hours, 2hrs, 1.5 hours, 1,5 h, 1h30, 1 hr 30,
 * 1 hour and 30 minutes, 1:30, an hour, one hour, half an hour, an hour and
 * a half, 1½ hours, 1 1/2 hours, three quarters of an hour, ninety minutes.
 */
int
circle_length_parse(const char *s, int *minutes)
{
	struct length_read	r;

	return length_read(s, &r, minutes);
}

/* The same, said when it is none: field is the option or key that took s. */
int
circle_length_check(const char *field, const char *s, int *minutes,
    struct circle_err *e)
{
	struct length_read	r;
	long long		m;

	if (length_read(s, &r, minutes) == 0)
		return 0;
	switch (r.why) {
	case WHY_LONG:
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is more "
		    "than a day (a session lasts at most 24 hours)", field, s);
	case WHY_SHORT:
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is less "
		    "than a minute", field, s);
	case WHY_PART:
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
		    "whole number of minutes%s", field, s, r.bare ? " (a "
		    "number alone is minutes; for hours, 1.5h or 1:30)" : "");
	case WHY_AMBIGUOUS:
		m = (r.hours * 100 + r.hundredths) * 60;
		if (m % 100 == 0)
			return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is "
			    "ambiguous: write %lld:%02lld for %lld hour%s and "
			    "%lld minute%s, or %lld for %lld minutes", field,
			    s, r.hours, r.hundredths, r.hours, r.hours == 1 ?
			    "" : "s", r.hundredths, r.hundredths == 1 ? "" :
			    "s", m / 100, m / 100);
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is "
		    "ambiguous: write %lld:%02lld for %lld hour%s and %lld "
		    "minute%s", field, s, r.hours, r.hundredths, r.hours,
		    r.hours == 1 ? "" : "s", r.hundredths, r.hundredths == 1 ?
		    "" : "s");
	default:
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
		    "length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an "
		    "hour and a half; at most a day)", field, s);
	}
}

/* A length in minutes as people write it back: 2h, 1h30, 45 min. */
void
circle_length_format(int minutes, char out[16])
{
	if (minutes < 60)
		snprintf(out, 16, "%d min", minutes);
	else if (minutes % 60 == 0)
		snprintf(out, 16, "%dh", minutes / 60);
	else
		snprintf(out, 16, "%dh%02d", minutes / 60, minutes % 60);
}
