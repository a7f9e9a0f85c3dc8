/*
 * surveyfile.c: survey files (circle-survey(5)) read and checked: the
 * questions, scores and flags they define.  Answers are answer.c; the
 * stored versions survey.c.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "survey.h"

#define MAX_QUESTIONS	100
#define MAX_CHOICES	50
#define MAX_FLAGS	50
#define MAX_SCALE	100		/* points on a scale, less one */

struct sfile {
	const char		*name;
	struct circle_survey	*s;
	struct circle_err	*e;
};

static const char *const op_names[] = { "at-least", "at-most", "is", "drop" };

static int	 at(const struct sfile *, const struct circle_ynode *,
		    const char *, ...) __attribute__((format(printf, 3, 4)));

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

/*
 * The digits after a number's one comma, when it has one and no point
 * ("6,5": 1; "1,500": 3), else 0.  A comma with other than three digits
 * after it is a decimal comma, as forms and spreadsheets in much of
 * Europe write one; with three it could as well part thousands.
 */
int
circle_num_comma(const char *s)
{
	const char	*c;
	size_t		 k;

	s += strspn(s, " \t");
	if (*s == '-' || *s == '+')
		s++;
	if (strspn(s, "0123456789") == 0 || (c = strchr(s, ',')) == NULL ||
	    strspn(s, "0123456789") != (size_t)(c - s))
		return 0;
	k = strspn(c + 1, "0123456789");
	if (k == 0 || c[1 + k + strspn(c + 1 + k, " \t")] != '\0')
		return 0;
	return (int)k;
}

/* A strict number: all of s, finite; a decimal comma read as a point. */
int
circle_num_parse(const char *s, double *v)
{
	char	*end, buf[64], *c;
	int	 k;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '\0')
		return -1;
	if ((k = circle_num_comma(s)) != 0) {
		if (k == 3 || strlen(s) >= sizeof buf)
			return -1;
		snprintf(buf, sizeof buf, "%s", s);
		c = strchr(buf, ',');
		*c = '.';
		s = buf;
	}
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

	if (circle_num_parse(s, &d) == -1 || d != floor(d) || d < -1e6 ||
	    d > 1e6)
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
	if (circle_num_parse(s, out) == -1)
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

/*
 * The field a question's word is meant for, when it is another form's
 * word for it (type for kind, options for choices): NULL otherwise.
 */
static const char *
question_field_meant(const char *word)
{
	static const struct {
		const char	*word;
		const char	*field;
	} meant[] = {
		{ "type", "kind" }, { "question", "prompt" },
		{ "text", "prompt" },
		{ "title", "prompt" }, { "ask", "prompt" },
		{ "options", "choices" }, { "answers", "choices" },
		{ "values", "choices" }, { "choice", "choices" },
		{ "id", "key" }, { "name", "key" }, { "optional", "required" },
		{ "minimum", "min" }, { "maximum", "max" }, { "from", "min" },
		{ "to", "max" }, { "range", "min and max" },
		{ "scale", "min and max" },
	};
	size_t	i;

	for (i = 0; i < sizeof meant / sizeof meant[0]; i++)
		if (strcasecmp(word, meant[i].word) == 0)
			return meant[i].field;
	return NULL;
}
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
			    "choices)%s%s%s", ctx, k->value,
			    question_field_meant(k->value) != NULL ?
			    "; did you mean " : "",
			    question_field_meant(k->value) != NULL ?
			    question_field_meant(k->value) : "",
			    question_field_meant(k->value) != NULL ? "?" : "");
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
	/* A list of the questions' words alone, as one writes it first. */
	if (m->type == CIRCLE_Y_SCALAR)
		return at(f, m, "%s\"%s\" alone is no question: write a "
		    "question as its key, prompt and kind, each on a line of "
		    "its own under the dash (key: q%zu, prompt: the words, "
		    "kind: scale with min and max, yes/no, choice with "
		    "choices, number or text; circle-survey(5))", ctx,
		    m->value, n + 1);
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

	circle_survey_range(q, range, sizeof range);
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
	} else if (circle_num_parse(fl->is, &fl->value) == -1)
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
	if (circle_yaml_read(path, name, "a survey: 'circle checkin survey "
	    "add' reads a survey written as YAML text (key:, title:, "
	    "questions:; circle-survey(5)); a form's answers go in with "
	    "'circle checkin import'", &buf, &len, e) == -1)
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

/*
 * The question a person names by its key (take's Mood=5, import's --map
 * COLUMN=QUESTION): the key, else the key in another case when only one
 * is so; NULL if none.
 */
const struct circle_question *
circle_survey_question(const struct circle_survey *s, const char *key)
{
	const struct circle_question	*q;
	size_t				 i, n = 0;

	if ((q = find((struct circle_survey *)s, key)) != NULL)
		return q;
	for (i = 0; i < s->nquestions; i++)
		if (strcasecmp(s->questions[i].key, key) == 0) {
			q = &s->questions[i];
			n++;
		}
	return n == 1 ? q : NULL;
}
