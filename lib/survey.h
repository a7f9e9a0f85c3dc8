/*
 * survey.h: what the survey files share (surveyfile.c reads a survey,
 * answer.c checks answers to it).  Private to lib/.
 */
#ifndef CIRCLE_SURVEY_H
#define CIRCLE_SURVEY_H

#include <stddef.h>

#include "circle-priv.h"

#define TEXT_MAX	2000		/* bytes of a text answer or prompt */

int	 circle_num_parse(const char *, double *);
int	 circle_num_comma(const char *);
void	 circle_survey_range(const struct circle_question *, char *, size_t);

#endif
