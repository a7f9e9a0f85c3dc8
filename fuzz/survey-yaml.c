/*
 * survey-yaml.c: fuzz target for survey files (circle-survey(5)): the
 * reader and its checks, answers to each question, the score, and the
 * survey stored (circle checkin survey add, dry run).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* An answer of the question's kind, which its bounds may refuse. */
static const char *
typical(const struct circle_question *q)
{
	switch (q->kind) {
	case CIRCLE_Q_YESNO:
		return "no";
	case CIRCLE_Q_CHOICE:
		return q->nchoices > 0 ? q->choices[q->nchoices - 1] : "x";
	case CIRCLE_Q_TEXT:
		return "a note";
	default:
		return "5";
	}
}

static void
answer_all(const struct circle_survey *s)
{
	struct circle_answer	*a;
	struct circle_err	 e;
	double			 score;
	char			 buf[64];
	size_t			 i;

	a = circle_xcalloc(s->nquestions + 1, sizeof *a);
	for (i = 0; i < s->nquestions; i++) {
		circle_err_clear(&e);
		if (circle_answer_parse(&s->questions[i],
		    typical(&s->questions[i]), &a[i], &e) == -1 &&
		    e.msg[0] == '\0')
			abort();
		circle_answer_format(&a[i], buf, sizeof buf);
	}
	circle_survey_score(s, a, &score);
	for (i = 0; i < s->nquestions; i++)
		circle_answer_release(&a[i]);
	free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_survey		*s;
	struct circle_survey_added	 r;
	struct circle_err		 e;
	int				 rc;

	circle_err_clear(&e);
	rc = circle_survey_parse((const char *)data, len, "input.yaml", &s,
	    &e);
	fuzz_check(rc, &e, "input.yaml");
	if (rc == -1)
		return 0;
	answer_all(s);
	circle_survey_free(s);
	rc = circle_survey_add(fuzz_db(), fuzz_file(data, len), "input.yaml",
	    1, &r, &e);
	fuzz_check(rc, &e, "input.yaml");
	if (rc == 0)
		free(r.key);
	return 0;
}
