/*
 * answer.c: an answer to a survey's question as a person types it,
 * checked against the question, as it is shown, and a survey's score.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "survey.h"

void
circle_survey_range(const struct circle_question *q, char *buf, size_t len)
{
	char	lo[32], hi[32];

	circle_num_format(q->min, lo, sizeof lo);
	circle_num_format(q->max, hi, sizeof hi);
	if (q->has_min && q->has_max)
		snprintf(buf, len, "%s to %s", lo, hi);
	else if (q->has_min)
		snprintf(buf, len, "%s or more", lo);
	else
		snprintf(buf, len, "%s or less", hi);
}

/*
 * A scale's answer as a form's option writes it, its number and then its
 * words: "6 - okay", "0 (very low)", "10: very good".  The number, when
 * the words are no other point's label and hold no digit; -1 else.
 */
static int
scale_with_words(const struct circle_question *q, const char *s,
    double *num)
{
	char	 lead[16], rest[128];
	size_t	 n, i, k;

	n = strspn(s, "0123456789");
	if (n == 0 || n >= sizeof lead || strchr(" -:(\xe2", s[n]) == NULL)
		return -1;
	memcpy(lead, s, n);
	lead[n] = '\0';
	/* Past the separator: spaces, a hyphen, an en dash, a colon, "(". */
	for (s += n; *s == ' ' || *s == '-' || *s == ':' || *s == '(' ||
	    strncmp(s, "\xe2\x80\x93", 3) == 0; s += *s == '\xe2' ? 3 : 1)
		;
	snprintf(rest, sizeof rest, "%s", s);
	k = strlen(rest);
	if (k > 0 && rest[k - 1] == ')')
		rest[--k] = '\0';
	if (k == 0 || strpbrk(rest, "0123456789") != NULL ||
	    circle_num_parse(lead, num) == -1)
		return -1;
	for (i = 0; i < q->nlabels; i++)
		if (q->labels[i].at != *num &&
		    strcasecmp(q->labels[i].text, rest) == 0)
			return -1;
	return 0;
}

/* "1,500": 1.5 with a decimal comma, 1500 with a thousands separator. */
static int
comma_both(const struct circle_question *q, const char *s,
    struct circle_err *e)
{
	char	point[64], none[64];
	size_t	i, k = 0, n = 0;

	s += strspn(s, " \t");
	for (i = 0; s[i] != '\0' && s[i] != ' ' && s[i] != '\t' &&
	    k + 1 < sizeof point; i++) {
		point[k++] = s[i] == ',' ? '.' : s[i];
		if (s[i] != ',')
			none[n++] = s[i];
	}
	point[k] = none[n] = '\0';
	return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is %s with a "
	    "decimal comma or %s with a thousands separator; write %s or %s",
	    q->key, s, point, none, point, none);
}

/*
 * A scale's answer out of its top ("7/10", "7 out of 10", "3 of 5"), as
 * people write a score: the number, when what it is out of is the
 * scale's top.  0 and *num; 1 when s is no such answer; -1 when it is out
 * of another number, said in e.
 */
static int
scale_out_of(const struct circle_question *q, const char *s, double *num,
    struct circle_err *e)
{
	char		 n[32], top[32], range[80];
	const char	*p;
	double		 of;
	size_t		 k;

	if (q->kind != CIRCLE_Q_SCALE || !q->has_max)
		return 1;
	for (p = s + strspn(s, " "), k = 0; k + 1 < sizeof n &&
	    (isdigit((unsigned char)*p) || *p == '.'); p++)
		n[k++] = *p;
	n[k] = '\0';
	p += strspn(p, " ");
	if (*p == '/')
		p++;
	else if (strncasecmp(p, "out of ", 7) == 0)
		p += 7;
	else if (strncasecmp(p, "of ", 3) == 0)
		p += 3;
	else
		return 1;
	p += strspn(p, " ");
	for (k = 0; k + 1 < sizeof top && isdigit((unsigned char)*p); p++)
		top[k++] = *p;
	top[k] = '\0';
	if (*n == '\0' || *top == '\0' || p[strspn(p, " ")] != '\0' ||
	    circle_num_parse(n, num) == -1 || circle_num_parse(top, &of) == -1)
		return 1;
	if (of == q->max)
		return 0;
	circle_survey_range(q, range, sizeof range);
	return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is out of %s, and "
	    "the question is %s: give the answer on its scale", q->key, s, top,
	    range);
}

/*
 * A number as typed (circle_num_parse), or typed in full-width digits as
 * a Japanese or Chinese keyboard types them (７, ６．５): compatibility
 * forms aside (circle_word_fold).
 */
static int
num_typed(const char *s, double *v)
{
	const unsigned char	*p;
	char			*f;
	int			 rc;

	if (circle_num_parse(s, v) == 0)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0' && *p < 0x80; p++)
		;
	if (*p == '\0')
		return -1;
	f = circle_word_fold(s);
	rc = circle_num_parse(f, v);
	free(f);
	return rc;
}

static int
answer_number(const struct circle_question *q, const char *s,
    struct circle_answer *a, struct circle_err *e)
{
	char	range[80];
	size_t	i;
	int	rc;

	if (num_typed(s, &a->num) == -1 && (q->kind !=
	    CIRCLE_Q_SCALE || scale_with_words(q, s, &a->num) == -1) &&
	    (rc = scale_out_of(q, s, &a->num, e)) != 0) {
		if (rc == -1)
			return -1;
		if (q->kind == CIRCLE_Q_SCALE)
			for (i = 0; i < q->nlabels; i++)
				if (strcasecmp(q->labels[i].text, s) == 0) {
					a->num = q->labels[i].at;
					return 0;
				}
		circle_survey_range(q, range, sizeof range);
		if (circle_num_comma(s) == 3)
			return comma_both(q, s, e);
		if (q->has_min || q->has_max)
			return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is "
			    "not a number from %s", q->key, s, range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
		    "number", q->key, s);
	}
	if ((q->has_min && a->num < q->min) || (q->has_max && a->num > q->max)) {
		circle_survey_range(q, range, sizeof range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: %s is out of "
		    "range: %s", q->key, s, range);
	}
	if (q->kind == CIRCLE_Q_SCALE && a->num != floor(a->num)) {
		circle_survey_range(q, range, sizeof range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: %s is not a whole "
		    "number from %s", q->key, s, range);
	}
	return 0;
}

/*
 * A yes or no word as a person or a form answers it: a setting's
 * (circle_parse_bool), then the same in the languages forms are written
 * in and the facilitators type: oui, sí, sim, sì, ja, tak, はい; non,
 * não, nein, nee, nie, いいえ (case and accents aside).
 * The one list of those words, for answers and cells; a setting takes
 * only English.
 */
int
circle_answer_bool(const char *s, int *v)
{
	static const char *const yes[] = { "oui", "si", "sim", "ja", "tak",
	    "\xe3\x81\xaf\xe3\x81\x84", NULL };
	static const char *const no[] = { "non", "nao", "nein", "nee", "nie",
	    "\xe3\x81\x84\xe3\x81\x84\xe3\x81\x88", NULL };
	char	*f;
	size_t	 i;
	int	 rc = -1;

	if (circle_parse_bool(s, v) == 0)
		return 0;
	f = circle_word_fold(s);
	for (i = 0; yes[i] != NULL && rc == -1; i++)
		if (strcmp(f, yes[i]) == 0)
			*v = 1, rc = 0;
	for (i = 0; no[i] != NULL && rc == -1; i++)
		if (strcmp(f, no[i]) == 0)
			*v = 0, rc = 0;
	free(f);
	return rc;
}

/*
 * A yes or no as a person or a form's option writes it: the word alone
 * (circle_answer_bool: yes, no, y, n, true, false, 1, 0, oui, non, ...), or an option
 * that begins with it and says more ("Yes, I feel safe", "No - not
 * today", "Yes.", "はい、大丈夫"): its first word, when a comma, a dash, a
 * colon, a full stop, a bracket or a space comes after it (an ideographic
 * comma or full stop too).  Nothing else is guessed.
 */
static int
answer_yesno(const char *s, int *b)
{
	static const char *const cjk[] = { "\xe3\x80\x81", "\xe3\x80\x82",
	    "\xef\xbc\x8c" };	/* 、。， */
	const char	*p;
	char		 w[16];
	size_t		 n, i;

	if (circle_answer_bool(s, b) == 0)
		return 0;
	n = strcspn(s, " ,.;:-!(");
	for (i = 0; i < sizeof cjk / sizeof cjk[0]; i++)
		if ((p = strstr(s, cjk[i])) != NULL && (size_t)(p - s) < n)
			n = (size_t)(p - s);
	if (n == 0 || n >= sizeof w || s[n] == '\0')
		return -1;
	memcpy(w, s, n);
	w[n] = '\0';
	return circle_answer_bool(w, b);
}

static void
choice_list(const struct circle_question *q, struct circle_err *e,
    const char *s)
{
	char	*list = NULL;
	size_t	 i;

	for (i = 0; i < q->nchoices; i++)
		circle_xappend(&list, ", ", "%s", q->choices[i]);
	circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not one of: %s",
	    q->key, s, list);
	free(list);
}

/*
 * Parse what a person answered to q.  An empty answer is not given (the
 * caller decides whether that is allowed); a bad one names what is.
 */
int
circle_answer_parse(const struct circle_question *q, const char *in,
    struct circle_answer *a, struct circle_err *e)
{
	struct circle_err	 e2;
	char			*s, *end;
	size_t			 i;
	int			 b;

	memset(a, 0, sizeof *a);
	a->q = q;
	while (isspace((unsigned char)*in))
		in++;
	s = circle_xstrdup(in);
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	if (*s == '\0') {
		free(s);
		return 0;
	}
	if (circle_check_text(q->key, s, TEXT_MAX, &e2) == -1) {
		free(s);
		return circle_err_set(e, CIRCLE_EDATA, "%s", e2.msg);
	}
	a->given = 1;
	switch (q->kind) {
	case CIRCLE_Q_SCALE:
	case CIRCLE_Q_NUMBER:
		if (answer_number(q, s, a, e) == -1)
			goto fail;
		break;
	case CIRCLE_Q_YESNO:
		if (answer_yesno(s, &b) == -1) {
			circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not yes "
			    "or no", q->key, s);
			goto fail;
		}
		a->num = b;
		break;
	case CIRCLE_Q_CHOICE:
		for (i = 0; i < q->nchoices; i++)
			if (strcasecmp(q->choices[i], s) == 0)
				break;
		if (i == q->nchoices) {
			choice_list(q, e, s);
			goto fail;
		}
		a->text = circle_xstrdup(q->choices[i]);
		break;
	case CIRCLE_Q_TEXT:
		a->text = s;
		return 0;
	}
	free(s);
	return 0;
fail:
	free(s);
	a->given = 0;
	return -1;
}

void
circle_answer_release(struct circle_answer *a)
{
	free(a->text);
	a->text = NULL;
	a->given = 0;
}

/* An answer as it is shown: 7, yes, the choice, the text. */
void
circle_answer_format(const struct circle_answer *a, char *buf, size_t len)
{
	if (!a->given)
		snprintf(buf, len, "%s", "");
	else if (a->q->kind == CIRCLE_Q_YESNO)
		snprintf(buf, len, "%s", a->num != 0 ? "yes" : "no");
	else if (a->text != NULL)
		snprintf(buf, len, "%s", a->text);
	else
		circle_num_format(a->num, buf, len);
}

/*
 * The score of a response (answers in question order): 1 with *v set, 0
 * when the survey has none or no scored question was answered.
 */
int
circle_survey_score(const struct circle_survey *s,
    const struct circle_answer *a, double *v)
{
	const struct circle_question	*q;
	double				 sum = 0;
	size_t				 i, n = 0;

	if (s->score == CIRCLE_SCORE_NONE)
		return 0;
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		if (!q->scored || !a[i].given)
			continue;
		sum += q->reverse ? q->min + q->max - a[i].num : a[i].num;
		n++;
	}
	if (n == 0)
		return 0;
	*v = s->score == CIRCLE_SCORE_SUM ? sum : sum / (double)n;
	return 1;
}
