/*
 * survey.c: survey files (circle-survey(5)): read and checked, kept as
 * versions (a changed survey that has responses becomes a new version),
 * and the answers, scores and flags they define.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

#define MAX_QUESTIONS	100
#define MAX_CHOICES	50
#define MAX_FLAGS	50
#define MAX_SCALE	100		/* points on a scale, less one */
#define TEXT_MAX	2000

struct sfile {
	const char		*name;
	struct circle_survey	*s;
	struct circle_err	*e;
};

static const char *const op_names[] = { "at-least", "at-most", "is", "drop" };

static int	 at(const struct sfile *, const struct circle_ynode *,
		    const char *, ...) __attribute__((format(printf, 3, 4)));
static void	 range_text(const struct circle_question *, char *, size_t);

static int
at(const struct sfile *f, const struct circle_ynode *n, const char *fmt, ...)
{
	va_list	ap;
	char	msg[768];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return circle_err_set(f->e, CIRCLE_EDATA, "%s:%zu:%zu: %s", f->name,
	    n->line, n->column, msg);
}

const char *
circle_qkind_name(enum circle_qkind k)
{
	static const char *const names[] = { "scale", "yes/no", "choice",
	    "number", "text" };

	return names[k];
}

/* A number as a person writes it: 7, 6.5, 6.33. */
void
circle_num_format(double v, char *buf, size_t len)
{
	size_t	n;

	if (fabs(v) < 1e15 && v == floor(v)) {
		snprintf(buf, len, "%.0f", v);
		return;
	}
	snprintf(buf, len, "%.2f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}

static int
key_valid(const char *k)
{
	size_t	i, n = strlen(k);

	if (n == 0 || n > 32 || !islower((unsigned char)k[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!islower((unsigned char)k[i]) &&
		    !isdigit((unsigned char)k[i]) && k[i] != '-' && k[i] != '_')
			return 0;
	return 1;
}

static int
scalar(const struct sfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const char *ctx, const char **out)
{
	*out = "";
	if (v->type != CIRCLE_Y_SCALAR)
		return at(f, v, "%s%s: expected a single value", ctx,
		    k->value);
	*out = v->value;
	return 0;
}

/*
 * The key at items[i] of mapping m given before: YAML says a key is given
 * once, and libyaml does not check.  The keys before i are all known ones
 * (an unknown key stops the reading), so this looks at a few at most.
 */
static int
twice(const struct sfile *f, const struct circle_ynode *m, size_t i,
    const char *ctx)
{
	size_t	j;

	for (j = 0; j < i; j += 2)
		if (strcmp(m->items[j]->value, m->items[i]->value) == 0)
			return at(f, m->items[i], "%s%s: given twice", ctx,
			    m->items[i]->value);
	return 0;
}

static int
text_field(const struct sfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const char *ctx, size_t max, char **out)
{
	struct circle_err	 e2;
	const char		*s;

	if (scalar(f, k, v, ctx, &s) == -1)
		return -1;
	if (*s == '\0')
		return at(f, v, "%s%s: empty", ctx, k->value);
	if (circle_check_text(k->value, s, max, &e2) == -1)
		return at(f, v, "%s%s", ctx, e2.msg);
	free(*out);
	*out = circle_xstrdup(s);
	return 0;
}

/* A strict number: all of s, finite. */
static int
num_parse(const char *s, double *v)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	errno = 0;
	*v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	if (*end != '\0' || errno != 0 || !isfinite(*v))
		return -1;
	/* strtod takes hex, inf and nan: a person writes none of these. */
	for (; s < end; s++)
		if (isalpha((unsigned char)*s) && *s != 'e' && *s != 'E')
			return -1;
	return 0;
}

static int
int_parse(const char *s, int *v)
{
	double	d;

	if (num_parse(s, &d) == -1 || d != floor(d) || d < -1e6 || d > 1e6)
		return -1;
	*v = (int)d;
	return 0;
}

static int
num_field(const struct sfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const char *ctx, double *out)
{
	const char	*s;

	if (scalar(f, k, v, ctx, &s) == -1)
		return -1;
	if (num_parse(s, out) == -1)
		return at(f, v, "%s%s: \"%s\" is not a number", ctx, k->value,
		    s);
	return 0;
}

static int
bool_field(const struct sfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const char *ctx, int *out)
{
	const char	*s;

	if (scalar(f, k, v, ctx, &s) == -1)
		return -1;
	if (circle_parse_bool(s, out) == -1)
		return at(f, v, "%s%s: \"%s\" is not yes or no", ctx,
		    k->value, s);
	return 0;
}

static int
kind_parse(const char *s, enum circle_qkind *k)
{
	static const struct {
		const char		*name;
		enum circle_qkind	 kind;
	} kinds[] = {
		{ "scale", CIRCLE_Q_SCALE }, { "yes/no", CIRCLE_Q_YESNO },
		{ "yesno", CIRCLE_Q_YESNO }, { "yes-no", CIRCLE_Q_YESNO },
		{ "choice", CIRCLE_Q_CHOICE }, { "number", CIRCLE_Q_NUMBER },
		{ "text", CIRCLE_Q_TEXT },
	};
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcasecmp(s, kinds[i].name) == 0) {
			*k = kinds[i].kind;
			return 0;
		}
	return -1;
}

static int
labels(const struct sfile *f, struct circle_question *q,
    const struct circle_ynode *v, const char *ctx)
{
	struct circle_err	 e2;
	const struct circle_ynode *lk, *lv;
	size_t			 i, j;
	int			 point;

	if (v->type != CIRCLE_Y_MAP)
		return at(f, v, "%slabels: expected points and their words "
		    "(0: very low, 10: very good)", ctx);
	if (q->labels != NULL)
		return at(f, v, "%slabels: given twice", ctx);
	if (v->nitems / 2 > MAX_SCALE + 1)
		return at(f, v, "%slabels: more than the %d points a scale may "
		    "have", ctx, MAX_SCALE + 1);
	q->labels = circle_xcalloc(v->nitems / 2 + 1, sizeof *q->labels);
	for (i = 0; i + 1 < v->nitems; i += 2) {
		lk = v->items[i];
		lv = v->items[i + 1];
		if (int_parse(lk->value, &point) == -1)
			return at(f, lk, "%slabels: \"%s\" is not a point of "
			    "the scale", ctx, lk->value);
		for (j = 0; j < q->nlabels; j++)
			if (q->labels[j].at == point)
				return at(f, lk, "%slabels: %d given twice",
				    ctx, point);
		if (lv->type != CIRCLE_Y_SCALAR || *lv->value == '\0')
			return at(f, lv, "%slabels: %d: expected words", ctx,
			    point);
		if (circle_check_text("label", lv->value, 200, &e2) == -1)
			return at(f, lv, "%s%s", ctx, e2.msg);
		q->labels[q->nlabels].at = point;
		q->labels[q->nlabels++].text = circle_xstrdup(lv->value);
	}
	return 0;
}

static int
choices(const struct sfile *f, struct circle_question *q,
    const struct circle_ynode *v, const char *ctx)
{
	struct circle_err	 e2;
	const struct circle_ynode *c;
	size_t			 i, j;

	if (v->type != CIRCLE_Y_SEQ || v->nitems < 2)
		return at(f, v, "%schoices: expected a list of two or more",
		    ctx);
	if (q->choices != NULL)
		return at(f, v, "%schoices: given twice", ctx);
	if (v->nitems > MAX_CHOICES)
		return at(f, v, "%schoices: more than %d", ctx, MAX_CHOICES);
	q->choices = circle_xcalloc(v->nitems, sizeof *q->choices);
	for (i = 0; i < v->nitems; i++) {
		c = v->items[i];
		if (c->type != CIRCLE_Y_SCALAR || *c->value == '\0')
			return at(f, c, "%schoices: expected words", ctx);
		if (circle_check_text("choice", c->value, 200, &e2) == -1)
			return at(f, c, "%s%s", ctx, e2.msg);
		for (j = 0; j < q->nchoices; j++)
			if (strcasecmp(q->choices[j], c->value) == 0)
				return at(f, c, "%schoices: \"%s\" twice", ctx,
				    c->value);
		q->choices[q->nchoices++] = circle_xstrdup(c->value);
	}
	return 0;
}

/* The fields of a question, before the checks that need them all. */
static int
question_fields(const struct sfile *f, struct circle_question *q,
    const struct circle_ynode *m, const char *ctx,
    const struct circle_ynode **range)
{
	const struct circle_ynode	*k, *v;
	const char			*s;
	size_t				 i;
	int				 have_kind = 0;

	for (i = 0; i + 1 < m->nitems; i += 2) {
		k = m->items[i];
		v = m->items[i + 1];
		if (twice(f, m, i, ctx) == -1)
			return -1;
		if (strcmp(k->value, "key") == 0) {
			if (scalar(f, k, v, ctx, &s) == -1)
				return -1;
			if (!key_valid(s))
				return at(f, v, "%skey: \"%s\" is not a key "
				    "(a-z, 0-9, - and _, at most 32, starting "
				    "with a letter)", ctx, s);
			if (strcmp(s, "score") == 0)
				return at(f, v, "%skey: \"score\" names the "
				    "survey's score; choose another", ctx);
			q->key = circle_xstrdup(s);
		} else if (strcmp(k->value, "prompt") == 0) {
			if (text_field(f, k, v, ctx, 500, &q->prompt) == -1)
				return -1;
		} else if (strcmp(k->value, "kind") == 0) {
			if (scalar(f, k, v, ctx, &s) == -1)
				return -1;
			if (kind_parse(s, &q->kind) == -1)
				return at(f, v, "%skind: \"%s\" is not scale, "
				    "yes/no, choice, number or text", ctx, s);
			have_kind = 1;
		} else if (strcmp(k->value, "required") == 0) {
			if (bool_field(f, k, v, ctx, &q->required) == -1)
				return -1;
		} else if (strcmp(k->value, "min") == 0) {
			if (num_field(f, k, v, ctx, &q->min) == -1)
				return -1;
			q->has_min = 1;
			*range = v;
		} else if (strcmp(k->value, "max") == 0) {
			if (num_field(f, k, v, ctx, &q->max) == -1)
				return -1;
			q->has_max = 1;
			*range = v;
		} else if (strcmp(k->value, "labels") == 0) {
			if (labels(f, q, v, ctx) == -1)
				return -1;
		} else if (strcmp(k->value, "choices") == 0) {
			if (choices(f, q, v, ctx) == -1)
				return -1;
		} else
			return at(f, k, "%s%s: not a field of a question (key, "
			    "prompt, kind, required, min, max, labels, "
			    "choices)", ctx, k->value);
	}
	if (q->key == NULL)
		return at(f, m, "%sno key", ctx);
	if (q->prompt == NULL)
		return at(f, m, "%sno prompt", ctx);
	if (!have_kind)
		return at(f, m, "%sno kind (scale, yes/no, choice, number or "
		    "text)", ctx);
	return 0;
}

static int
question(const struct sfile *f, struct circle_question *q,
    const struct circle_ynode *m, size_t n)
{
	const struct circle_ynode	*range = m;
	char				 ctx[64];
	size_t				 i;

	snprintf(ctx, sizeof ctx, "questions[%zu]: ", n + 1);
	if (m->type != CIRCLE_Y_MAP)
		return at(f, m, "%sexpected a question (key, prompt, kind, ...)",
		    ctx);
	q->required = 1;
	if (question_fields(f, q, m, ctx, &range) == -1)
		return -1;
	snprintf(ctx, sizeof ctx, "%s: ", q->key);
	switch (q->kind) {
	case CIRCLE_Q_SCALE:
		if (!q->has_min || !q->has_max)
			return at(f, m, "%sa scale needs min and max", ctx);
		if (q->min != floor(q->min) || q->max != floor(q->max) ||
		    q->min >= q->max || q->max - q->min > MAX_SCALE)
			return at(f, range, "%sa scale runs over whole numbers "
			    "from min to a larger max, at most %d apart", ctx,
			    MAX_SCALE);
		for (i = 0; i < q->nlabels; i++)
			if (q->labels[i].at < q->min ||
			    q->labels[i].at > q->max)
				return at(f, m, "%slabel at %d is outside the "
				    "scale", ctx, q->labels[i].at);
		break;
	case CIRCLE_Q_NUMBER:
		if (q->has_min && q->has_max && q->min > q->max)
			return at(f, range, "%smin is larger than max", ctx);
		break;
	case CIRCLE_Q_CHOICE:
		if (q->nchoices == 0)
			return at(f, m, "%sa choice needs choices", ctx);
		break;
	default:
		break;
	}
	if (q->kind != CIRCLE_Q_SCALE && q->nlabels > 0)
		return at(f, m, "%slabels are for a scale", ctx);
	if (q->kind != CIRCLE_Q_CHOICE && q->nchoices > 0)
		return at(f, m, "%schoices are for a choice", ctx);
	if (q->kind != CIRCLE_Q_SCALE && q->kind != CIRCLE_Q_NUMBER &&
	    (q->has_min || q->has_max))
		return at(f, range, "%smin and max are for a scale or a number",
		    ctx);
	return 0;
}

static int
questions(const struct sfile *f, const struct circle_ynode *v)
{
	struct circle_survey	*s = f->s;
	size_t			 i, j;

	if (v->type != CIRCLE_Y_SEQ || v->nitems == 0)
		return at(f, v, "questions: expected a list of questions");
	if (v->nitems > MAX_QUESTIONS)
		return at(f, v, "questions: more than %d", MAX_QUESTIONS);
	s->questions = circle_xcalloc(v->nitems, sizeof *s->questions);
	for (i = 0; i < v->nitems; i++) {
		s->nquestions++;
		if (question(f, &s->questions[i], v->items[i], i) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(s->questions[j].key,
			    s->questions[i].key) == 0)
				return at(f, v->items[i], "questions: key "
				    "\"%s\" twice", s->questions[i].key);
	}
	return 0;
}

static struct circle_question *
find(struct circle_survey *s, const char *key)
{
	size_t	i;

	for (i = 0; i < s->nquestions; i++)
		if (strcmp(s->questions[i].key, key) == 0)
			return &s->questions[i];
	return NULL;
}

static int
score_items(const struct sfile *f, const struct circle_ynode *v, int rev)
{
	const struct circle_ynode	*x;
	struct circle_question		*q;
	const char			*what = rev ? "reverse" : "items";
	size_t				 i;

	if (v->type != CIRCLE_Y_SEQ || v->nitems == 0)
		return at(f, v, "score: %s: expected a list of question keys",
		    what);
	for (i = 0; i < v->nitems; i++) {
		x = v->items[i];
		if (x->type != CIRCLE_Y_SCALAR)
			return at(f, x, "score: %s: expected a question key",
			    what);
		if ((q = find(f->s, x->value)) == NULL)
			return at(f, x, "score: %s: no question \"%s\"", what,
			    x->value);
		if (!rev && q->kind != CIRCLE_Q_SCALE &&
		    q->kind != CIRCLE_Q_NUMBER && q->kind != CIRCLE_Q_YESNO)
			return at(f, x, "score: %s: %s is a %s question; only "
			    "scale, number and yes/no answers add up", what,
			    q->key, circle_qkind_name(q->kind));
		if (rev && !q->scored)
			return at(f, x, "score: reverse: %s is not one of the "
			    "items", q->key);
		if (rev && q->kind != CIRCLE_Q_SCALE)
			return at(f, x, "score: reverse: %s is not a scale",
			    q->key);
		if (rev)
			q->reverse = 1;
		else
			q->scored = 1;
	}
	return 0;
}

static int
score(const struct sfile *f, const struct circle_ynode *m)
{
	const struct circle_ynode	*k, *v, *items = NULL, *rev = NULL;
	const char			*s;
	size_t				 i;

	if (m->type != CIRCLE_Y_MAP)
		return at(f, m, "score: expected method and items");
	for (i = 0; i + 1 < m->nitems; i += 2) {
		k = m->items[i];
		v = m->items[i + 1];
		if (twice(f, m, i, "score: ") == -1)
			return -1;
		if (strcmp(k->value, "method") == 0) {
			if (scalar(f, k, v, "score: ", &s) == -1)
				return -1;
			if (strcmp(s, "sum") == 0)
				f->s->score = CIRCLE_SCORE_SUM;
			else if (strcmp(s, "mean") == 0)
				f->s->score = CIRCLE_SCORE_MEAN;
			else
				return at(f, v, "score: method: \"%s\" is not "
				    "sum or mean", s);
		} else if (strcmp(k->value, "name") == 0) {
			if (text_field(f, k, v, "score: ", 100,
			    &f->s->score_name) == -1)
				return -1;
		} else if (strcmp(k->value, "items") == 0)
			items = v;
		else if (strcmp(k->value, "reverse") == 0)
			rev = v;
		else
			return at(f, k, "score: %s: not a field of a score "
			    "(method, items, reverse, name)", k->value);
	}
	if (f->s->score == CIRCLE_SCORE_NONE)
		return at(f, m, "score: no method (sum or mean)");
	if (items == NULL)
		return at(f, m, "score: no items");
	if (score_items(f, items, 0) == -1)
		return -1;
	return rev != NULL ? score_items(f, rev, 1) : 0;
}

/*
 * A flag on a scale or number that no answer could meet: a safety flag
 * that silently never fires is worse than an error.
 */
static int
flag_never(const struct circle_question *q, const struct circle_flag *fl)
{
	double	lo = q->has_min ? q->min : -HUGE_VAL;
	double	hi = q->has_max ? q->max : HUGE_VAL;

	if (q->kind != CIRCLE_Q_SCALE && q->kind != CIRCLE_Q_NUMBER)
		return 0;
	switch (fl->op) {
	case CIRCLE_FLAG_AT_LEAST:
		return fl->value > hi;
	case CIRCLE_FLAG_AT_MOST:
		return fl->value < lo;
	case CIRCLE_FLAG_IS:
		return 0;	/* checked once the value is read */
	case CIRCLE_FLAG_DROP:
		return q->has_min && q->has_max && fl->value > hi - lo;
	}
	return 0;
}

static int
flag_never_at(const struct sfile *f, const struct circle_question *q,
    const struct circle_flag *fl, const struct circle_ynode *val)
{
	char	range[80], v[32];

	range_text(q, range, sizeof range);
	circle_num_format(fl->value, v, sizeof v);
	return at(f, val, "flags: %s: %s %s can never be met; answers "
	    "are %s", q->key, op_names[fl->op], v, range);
}

/* What a flag's threshold may be compared with. */
static int
flag_check(const struct sfile *f, struct circle_flag *fl,
    const struct circle_ynode *m, const struct circle_ynode *val)
{
	const struct circle_question	*q = NULL;
	size_t				 i;
	int				 b;

	if (fl->on != NULL)
		q = find(f->s, fl->on);
	if (q != NULL && (q->kind == CIRCLE_Q_TEXT || (fl->op != CIRCLE_FLAG_IS
	    && (q->kind == CIRCLE_Q_CHOICE || q->kind == CIRCLE_Q_YESNO))))
		return at(f, m, "flags: %s: a %s answer can only be flagged "
		    "with is", q->key, circle_qkind_name(q->kind));
	if (fl->op == CIRCLE_FLAG_IS && q == NULL)
		return at(f, m, "flags: the score is flagged with at-least, "
		    "at-most or drop");
	if (fl->op == CIRCLE_FLAG_DROP && fl->value <= 0)
		return at(f, val, "flags: drop: expected a number above 0");
	if (q != NULL && flag_never(q, fl))
		return flag_never_at(f, q, fl, val);
	if (fl->op != CIRCLE_FLAG_IS || q == NULL)
		return 0;
	if (q->kind == CIRCLE_Q_YESNO) {
		if (circle_parse_bool(fl->is, &b) == -1)
			return at(f, val, "flags: %s: is: \"%s\" is not yes or "
			    "no", q->key, fl->is);
		fl->value = b;
	} else if (q->kind == CIRCLE_Q_CHOICE) {
		for (i = 0; i < q->nchoices; i++)
			if (strcasecmp(q->choices[i], fl->is) == 0)
				break;
		if (i == q->nchoices)
			return at(f, val, "flags: %s: is: \"%s\" is not one of "
			    "its choices", q->key, fl->is);
		free(fl->is);
		fl->is = circle_xstrdup(q->choices[i]);
	} else if (num_parse(fl->is, &fl->value) == -1)
		return at(f, val, "flags: %s: is: \"%s\" is not a number",
		    q->key, fl->is);
	else if ((q->has_min && fl->value < q->min) || (q->has_max &&
	    fl->value > q->max) || (q->kind == CIRCLE_Q_SCALE &&
	    fl->value != floor(fl->value)))
		return flag_never_at(f, q, fl, val);
	return 0;
}

static int
flag(const struct sfile *f, struct circle_flag *fl,
    const struct circle_ynode *m)
{
	const struct circle_ynode	*k, *v, *val = NULL;
	const char			*s;
	size_t				 i, j;
	int				 nops = 0;
	char				 num[256];

	if (m->type != CIRCLE_Y_MAP)
		return at(f, m, "flags: expected on: and at-least, at-most, "
		    "is or drop");
	for (i = 0; i + 1 < m->nitems; i += 2) {
		k = m->items[i];
		v = m->items[i + 1];
		if (twice(f, m, i, "flags: ") == -1)
			return -1;
		for (j = 0; j < 4; j++)
			if (strcmp(k->value, op_names[j]) == 0)
				break;
		if (strcmp(k->value, "on") == 0) {
			if (scalar(f, k, v, "flags: ", &s) == -1)
				return -1;
			if (strcmp(s, "score") != 0 && find(f->s, s) == NULL)
				return at(f, v, "flags: on: no question \"%s\" "
				    "(and not score)", s);
			if (strcmp(s, "score") == 0 &&
			    f->s->score == CIRCLE_SCORE_NONE)
				return at(f, v, "flags: on: score, but the "
				    "survey has no score");
			free(fl->on);
			fl->on = strcmp(s, "score") == 0 ? NULL :
			    circle_xstrdup(s);
			nops += 0x100;
		} else if (strcmp(k->value, "reason") == 0) {
			if (text_field(f, k, v, "flags: ", 300,
			    &fl->reason) == -1)
				return -1;
		} else if (j < 4) {
			fl->op = (enum circle_flag_op)j;
			val = v;
			nops++;
			if (j == CIRCLE_FLAG_IS) {
				if (scalar(f, k, v, "flags: ", &s) == -1)
					return -1;
				free(fl->is);
				fl->is = circle_xstrdup(s);
			} else if (num_field(f, k, v, "flags: ",
			    &fl->value) == -1)
				return -1;
		} else
			return at(f, k, "flags: %s: not a field of a flag (on, "
			    "at-least, at-most, is, drop, reason)", k->value);
	}
	if (nops < 0x100)
		return at(f, m, "flags: no on: (a question key, or score)");
	if ((nops & 0xff) != 1)
		return at(f, m, "flags: give exactly one of at-least, at-most, "
		    "is and drop");
	if (flag_check(f, fl, m, val) == -1)
		return -1;
	if (fl->op == CIRCLE_FLAG_IS && fl->is != NULL &&
	    find(f->s, fl->on)->kind == CIRCLE_Q_CHOICE)
		snprintf(num, sizeof num, "%s", fl->is);
	else if (fl->op == CIRCLE_FLAG_IS && fl->is != NULL &&
	    find(f->s, fl->on)->kind == CIRCLE_Q_YESNO)
		snprintf(num, sizeof num, "%s", fl->value != 0 ? "yes" : "no");
	else
		circle_num_format(fl->value, num, sizeof num);
	circle_xasprintf(&fl->id, "%s:%s:%s", fl->on != NULL ? fl->on :
	    "score", op_names[fl->op], num);
	return 0;
}

static int
flags(const struct sfile *f, const struct circle_ynode *v)
{
	struct circle_survey	*s = f->s;
	size_t			 i, j;

	if (v->type != CIRCLE_Y_SEQ)
		return at(f, v, "flags: expected a list of flags");
	if (v->nitems > MAX_FLAGS)
		return at(f, v, "flags: more than %d", MAX_FLAGS);
	s->flags = circle_xcalloc(v->nitems + 1, sizeof *s->flags);
	for (i = 0; i < v->nitems; i++) {
		s->nflags++;
		if (flag(f, &s->flags[i], v->items[i]) == -1)
			return -1;
		for (j = 0; j < i; j++)
			if (strcmp(s->flags[j].id, s->flags[i].id) == 0)
				return at(f, v->items[i], "flags: the same "
				    "flag twice (%s)", s->flags[i].id);
	}
	return 0;
}

static int
top_field(struct sfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const struct circle_ynode **qs,
    const struct circle_ynode **sc, const struct circle_ynode **fl)
{
	struct circle_survey	*s = f->s;
	const char		*x;

	if (strcmp(k->value, "key") == 0) {
		if (scalar(f, k, v, "", &x) == -1)
			return -1;
		if (!circle_handle_valid(x))
			return at(f, v, "key: \"%s\" is not a key (a-z, 0-9 "
			    "and -, at most 32, starting with a letter)", x);
		s->key = circle_xstrdup(x);
	} else if (strcmp(k->value, "title") == 0)
		return text_field(f, k, v, "", 200, &s->title);
	else if (strcmp(k->value, "description") == 0)
		return text_field(f, k, v, "", TEXT_MAX, &s->description);
	else if (strcmp(k->value, "version") == 0) {
		if (scalar(f, k, v, "", &x) == -1)
			return -1;
		if (int_parse(x, &s->version) == -1 || s->version < 1)
			return at(f, v, "version: \"%s\" is not a whole number "
			    "from 1", x);
	} else if (strcmp(k->value, "phase") == 0) {
		if (scalar(f, k, v, "", &x) == -1)
			return -1;
		if (strcmp(x, "checkin") == 0 || strcmp(x, "check-in") == 0)
			x = "checkin";
		else if (strcmp(x, "checkout") == 0 ||
		    strcmp(x, "check-out") == 0)
			x = "checkout";
		else
			return at(f, v, "phase: \"%s\" is not checkin or "
			    "checkout", x);
		free(s->phase);
		s->phase = circle_xstrdup(x);
	} else if (strcmp(k->value, "questions") == 0)
		*qs = v;
	else if (strcmp(k->value, "score") == 0)
		*sc = v;
	else if (strcmp(k->value, "flags") == 0)
		*fl = v;
	else
		return at(f, k, "%s: not a field of a survey (key, title, "
		    "version, phase, description, questions, score, flags)",
		    k->value);
	return 0;
}

/* A text of the survey's meaning, and a short hash of it. */
static void
digest(struct circle_survey *s)
{
	const struct circle_question	*q;
	const struct circle_flag	*fl;
	char				*t = NULL;
	size_t				 i, j;
	uint64_t			 h = 14695981039346656037ULL;

	circle_xappend(&t, "", "%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%s", s->key,
	    s->title, s->phase, s->description ? s->description : "",
	    (int)s->score, s->score_name ? s->score_name : "");
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		circle_xappend(&t, "\x1e", "%s\x1f%s\x1f%d\x1f%d\x1f%d%.17g"
		    "\x1f%d%.17g\x1f%d%d", q->key, q->prompt, (int)q->kind,
		    q->required, q->has_min, q->min, q->has_max, q->max,
		    q->scored, q->reverse);
		for (j = 0; j < q->nlabels; j++)
			circle_xappend(&t, "\x1d", "%d=%s", q->labels[j].at,
			    q->labels[j].text);
		for (j = 0; j < q->nchoices; j++)
			circle_xappend(&t, "\x1d", "%s", q->choices[j]);
	}
	for (i = 0; i < s->nflags; i++) {
		fl = &s->flags[i];
		circle_xappend(&t, "\x1e", "%s\x1f%s", fl->id,
		    fl->reason ? fl->reason : "");
	}
	for (i = 0; t[i] != '\0'; i++) {
		h ^= (unsigned char)t[i];
		h *= 1099511628211ULL;
	}
	free(t);
	snprintf(s->digest, sizeof s->digest, "%016llx",
	    (unsigned long long)h);
}

/* Read and check a survey from len bytes of YAML (name in messages). */
int
circle_survey_parse(const char *buf, size_t len, const char *name,
    struct circle_survey **out, struct circle_err *e)
{
	struct circle_ynode		*root;
	const struct circle_ynode	*qs = NULL, *sc = NULL, *fl = NULL;
	struct sfile			 f;
	size_t				 i;

	*out = NULL;
	if (circle_yaml_parse(buf, len, name, &root, e) == -1)
		return -1;
	f.name = name;
	f.e = e;
	f.s = circle_xcalloc(1, sizeof *f.s);
	if (root->type != CIRCLE_Y_MAP) {
		at(&f, root, "expected a survey (key, title, questions, ...)");
		goto fail;
	}
	for (i = 0; i + 1 < root->nitems; i += 2)
		if (twice(&f, root, i, "") == -1 || top_field(&f,
		    root->items[i], root->items[i + 1], &qs, &sc, &fl) == -1)
			goto fail;
	if (f.s->key == NULL || f.s->title == NULL || qs == NULL) {
		at(&f, root, "a survey needs a key, a title and questions");
		goto fail;
	}
	if (f.s->phase == NULL)
		f.s->phase = circle_xstrdup("checkin");
	if (questions(&f, qs) == -1 || (sc != NULL && score(&f, sc) == -1) ||
	    (fl != NULL && flags(&f, fl) == -1))
		goto fail;
	if (f.s->score != CIRCLE_SCORE_NONE && f.s->score_name == NULL)
		f.s->score_name = circle_xstrdup("score");
	f.s->source = circle_xstrndup(buf, len);
	digest(f.s);
	circle_ynode_free(root);
	*out = f.s;
	return 0;
fail:
	circle_ynode_free(root);
	circle_survey_free(f.s);
	return -1;
}

/* Read and check the survey file at path ("-": stdin). */
int
circle_survey_file(const char *path, const char *name,
    struct circle_survey **out, struct circle_err *e)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	*out = NULL;
	if (circle_yaml_read(path, name, &buf, &len, e) == -1)
		return -1;
	rc = circle_survey_parse(buf, len, name, out, e);
	free(buf);
	return rc;
}

void
circle_survey_free(struct circle_survey *s)
{
	struct circle_question	*q;
	size_t			 i, j;

	if (s == NULL)
		return;
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		free(q->key);
		free(q->prompt);
		for (j = 0; j < q->nlabels; j++)
			free(q->labels[j].text);
		free(q->labels);
		for (j = 0; j < q->nchoices; j++)
			free(q->choices[j]);
		free(q->choices);
	}
	free(s->questions);
	for (i = 0; i < s->nflags; i++) {
		free(s->flags[i].on);
		free(s->flags[i].is);
		free(s->flags[i].reason);
		free(s->flags[i].id);
	}
	free(s->flags);
	free(s->key);
	free(s->title);
	free(s->phase);
	free(s->description);
	free(s->score_name);
	free(s->source);
	free(s);
}

const struct circle_question *
circle_survey_question(const struct circle_survey *s, const char *key)
{
	return find((struct circle_survey *)s, key);
}

/* ---- answers ---------------------------------------------------------- */

static void
range_text(const struct circle_question *q, char *buf, size_t len)
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

static int
answer_number(const struct circle_question *q, const char *s,
    struct circle_answer *a, struct circle_err *e)
{
	char	range[80];
	size_t	i;

	if (num_parse(s, &a->num) == -1) {
		if (q->kind == CIRCLE_Q_SCALE)
			for (i = 0; i < q->nlabels; i++)
				if (strcasecmp(q->labels[i].text, s) == 0) {
					a->num = q->labels[i].at;
					return 0;
				}
		range_text(q, range, sizeof range);
		if (q->has_min || q->has_max)
			return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is "
			    "not a number from %s", q->key, s, range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
		    "number", q->key, s);
	}
	if ((q->has_min && a->num < q->min) || (q->has_max && a->num > q->max)) {
		range_text(q, range, sizeof range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: %s is out of "
		    "range: %s", q->key, s, range);
	}
	if (q->kind == CIRCLE_Q_SCALE && a->num != floor(a->num)) {
		range_text(q, range, sizeof range);
		return circle_err_set(e, CIRCLE_EDATA, "%s: %s is not a whole "
		    "number from %s", q->key, s, range);
	}
	return 0;
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
		if (circle_parse_bool(s, &b) == -1) {
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

/* ---- stored surveys ---------------------------------------------------- */

static int
questions_store(struct circle_db *db, long long sid,
    const struct circle_survey *s, struct circle_err *e)
{
	static const char del[] = "DELETE FROM question WHERE survey_id = ?";
	static const char ins[] = "INSERT INTO question (survey_id, pos, key, "
	    "kind, prompt, required, min, max, scored, reverse) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const kinds[] = { "scale", "yesno", "choice",
	    "number", "text" };
	const struct circle_question	*q;
	sqlite3_stmt			*st;
	size_t				 i;

	if ((st = circle_cached(db, del, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		if ((st = circle_cached(db, ins, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int64(st, 2, (long long)i + 1);
		circle_bind_text(st, 3, q->key);
		circle_bind_text(st, 4, kinds[q->kind]);
		circle_bind_text(st, 5, q->prompt);
		sqlite3_bind_int(st, 6, q->required);
		if (q->has_min)
			sqlite3_bind_double(st, 7, q->min);
		if (q->has_max)
			sqlite3_bind_double(st, 8, q->max);
		sqlite3_bind_int(st, 9, q->scored);
		sqlite3_bind_int(st, 10, q->reverse);
		if (circle_exec_cached(db, st, e) == -1)
			return -1;
	}
	return 0;
}

struct add_args {
	struct circle_survey		*s;
	struct circle_survey_added	*r;
	int				 dry_run;
};

static int
survey_insert(struct circle_db *db, struct circle_survey *s, int version,
    struct circle_err *e)
{
	static const char ins[] = "INSERT INTO survey (uid, key, version, "
	    "title, phase, source, digest, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?8)";
	sqlite3_stmt	*st;
	char		*uid, now[21];
	int		 rc;

	if ((st = circle_prepare(db, ins, e)) == NULL)
		return -1;
	if ((uid = circle_uuid(e)) == NULL) {
		sqlite3_finalize(st);
		return -1;
	}
	circle_now_utc(now);
	circle_bind_text(st, 1, uid);
	circle_bind_text(st, 2, s->key);
	sqlite3_bind_int(st, 3, version);
	circle_bind_text(st, 4, s->title);
	circle_bind_text(st, 5, s->phase);
	circle_bind_text(st, 6, s->source);
	circle_bind_text(st, 7, s->digest);
	circle_bind_text(st, 8, now);
	rc = circle_exec_stmt(db, st, e);
	free(uid);
	if (rc == -1)
		return -1;
	s->id = sqlite3_last_insert_rowid(db->h);
	s->version = version;
	return questions_store(db, s->id, s, e);
}

static int
survey_replace(struct circle_db *db, struct circle_survey *s, long long id,
    int version, struct circle_err *e)
{
	static const char upd[] = "UPDATE survey SET version = ?, title = ?, "
	    "phase = ?, source = ?, digest = ?, updated_at = ? WHERE id = ?";
	sqlite3_stmt	*st;
	char		 now[21];

	if ((st = circle_prepare(db, upd, e)) == NULL)
		return -1;
	circle_now_utc(now);
	sqlite3_bind_int(st, 1, version);
	circle_bind_text(st, 2, s->title);
	circle_bind_text(st, 3, s->phase);
	circle_bind_text(st, 4, s->source);
	circle_bind_text(st, 5, s->digest);
	circle_bind_text(st, 6, now);
	sqlite3_bind_int64(st, 7, id);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	s->id = id;
	s->version = version;
	return questions_store(db, id, s, e);
}

static int
add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	static const char latest[] = "SELECT s.id, s.version, s.digest, "
	    "s.source, EXISTS (SELECT 1 FROM response r WHERE r.survey_id = "
	    "s.id), (SELECT max(version) FROM survey WHERE key = s.key) FROM "
	    "survey s WHERE s.key = ? ORDER BY s.version DESC LIMIT 1";
	struct add_args		*a = arg;
	struct circle_survey	*s = a->s;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	long long		 id = 0;
	int			 version = 0, used = 0, max = 0, same = 0, rc;
	char			*detail;

	if ((st = circle_prepare(db, latest, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, s->key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1);
		same = strcmp((const char *)sqlite3_column_text(st, 2),
		    s->digest) == 0 && strcmp((const char *)
		    sqlite3_column_text(st, 3), s->source) == 0;
		if (!same && strcmp((const char *)sqlite3_column_text(st, 2),
		    s->digest) == 0)
			same = 2;	/* the words of the file, not its sense */
		used = sqlite3_column_int(st, 4);
		max = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "survey");
	a->r->key = circle_xstrdup(s->key);
	if (id == 0) {
		a->r->state = CIRCLE_ADDED;
		rc = survey_insert(db, s, s->version > 0 ? s->version : 1, e);
	} else if (same == 1 || (same == 2 && used)) {
		a->r->state = CIRCLE_UNCHANGED;
		a->r->version = version;
		return 1;
	} else if (!used) {
		a->r->state = CIRCLE_UPDATED;
		rc = survey_replace(db, s, id, s->version > version ?
		    s->version : version, e);
	} else {
		a->r->state = CIRCLE_NEW_VERSION;
		a->r->previous = version;
		rc = survey_insert(db, s, s->version > max ? s->version :
		    max + 1, e);
	}
	if (rc == -1)
		return -1;
	a->r->version = s->version;
	circle_xasprintf(&detail, "{\"key\":\"%s\",\"version\":%d}", s->key,
	    s->version);
	c = (struct circle_change){ a->r->state == CIRCLE_UPDATED ? "edit" : "add",
	    "survey", NULL, NULL, detail };
	rc = circle_log(db, &c, e);
	free(detail);
	if (rc == -1)
		return -1;
	return a->dry_run ? 1 : 0;
}

/*
 * Add the survey file at path, or update it: in place while no one has
 * answered it, else as a new version (old responses keep theirs).  The
 * same survey again changes nothing.
 */
int
circle_survey_add(struct circle_db *db, const char *path, const char *name,
    int dry_run, struct circle_survey_added *r, struct circle_err *e)
{
	struct add_args	a;
	int		rc;

	memset(r, 0, sizeof *r);
	a.r = r;
	a.dry_run = dry_run;
	if (circle_survey_file(path, name, &a.s, e) == -1)
		return -1;
	rc = circle_db_write(db, add_tx, &a, e);
	circle_survey_free(a.s);
	return rc;
}

static int
survey_load(struct circle_db *db, sqlite3_stmt *st, const char *what,
    struct circle_survey **out, struct circle_err *e)
{
	struct circle_survey	*s;
	char			 name[128];
	long long		 id;
	int			 rc, version;

	*out = NULL;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return circle_db_error(db, e, "survey");
		return circle_err_set(e, CIRCLE_EFAIL, "no survey %s", what);
	}
	id = sqlite3_column_int64(st, 0);
	version = sqlite3_column_int(st, 1);
	snprintf(name, sizeof name, "survey %s version %d", what, version);
	if (circle_survey_parse((const char *)sqlite3_column_text(st, 2),
	    (size_t)sqlite3_column_bytes(st, 2), name, &s, e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	s->id = id;
	s->version = version;
	s->responses = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
	*out = s;
	return 0;
}

#define SURVEY_COLS "s.id, s.version, s.source, (SELECT count(*) FROM " \
	"response r WHERE r.survey_id = s.id)"

/* The survey key, at version (0: the latest). */
int
circle_survey_get(struct circle_db *db, const char *key, int version,
    struct circle_survey **out, struct circle_err *e)
{
	sqlite3_stmt	*st;

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT " SURVEY_COLS " FROM survey s "
	    "WHERE s.key = ?1 AND (?2 = 0 OR s.version = ?2) ORDER BY "
	    "s.version DESC LIMIT 1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, version);
	return survey_load(db, st, key, out, e);
}

int
circle_survey_get_id(struct circle_db *db, long long id,
    struct circle_survey **out, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		 what[32];

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT " SURVEY_COLS ", s.key FROM "
	    "survey s WHERE s.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "%lld", id);
	return survey_load(db, st, what, out, e);
}

/* Every survey: the latest version of each, or every version with all. */
int
circle_survey_list(struct circle_db *db, int all, struct circle_survey ***out,
    size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 nids = 0, i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT s.id FROM survey s WHERE ?1 OR "
	    "s.version = (SELECT max(version) FROM survey WHERE key = s.key) "
	    "ORDER BY s.key, s.version", e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = circle_xgrow(ids, nids, sizeof *ids);
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return circle_db_error(db, e, "survey");
	}
	*out = circle_xcalloc(nids + 1, sizeof **out);
	for (i = 0; i < nids; i++) {
		if (circle_survey_get_id(db, ids[i], &(*out)[i], e) == -1) {
			free(ids);
			while (i-- > 0)
				circle_survey_free((*out)[i]);
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	*n = nids;
	free(ids);
	return 0;
}
