/*
 * mark.c: what an attendance mark is (its names, from CIRCLE_MARKS in
 * circle.h) and how it counts: came, excused, absent, unrecorded.  The
 * one rule every report, the grid, the prep sheet and the workbook keep.
 */

#include "config.h"

#include <string.h>

#include "circle-priv.h"

/* The names of the marks, from the one list. */
#define MARK_NAME(k, s)		[CIRCLE_MARK_##k] = s,
static const char *const mark_names[CIRCLE_MARK_NMARKS] = {
	CIRCLE_MARKS(MARK_NAME, MARK_NAME, MARK_NAME)
};

/* A mark from its name; CIRCLE_MARK_NONE for NULL (no row) or no mark. */
enum circle_mark
circle_mark_of(const char *s)
{
	size_t	i;

	for (i = CIRCLE_MARK_NONE + 1; s != NULL && i < CIRCLE_MARK_NMARKS;
	    i++)
		if (strcmp(s, mark_names[i]) == 0)
			return (enum circle_mark)i;
	return CIRCLE_MARK_NONE;
}

/* The name of a mark, NULL for none. */
const char *
circle_mark_name(enum circle_mark m)
{
	return (unsigned)m < CIRCLE_MARK_NMARKS ? mark_names[m] : NULL;
}

/*
 * A stored mark as people read and type it: the flag's word (left-early),
 * not the stored one (left_early); anything else as it is.
 */
const char *
circle_mark_said(const char *stored)
{
	return stored != NULL && strcmp(stored, "left_early") == 0 ?
	    "left-early" : stored;
}

/* Whether a mark counts as having come: the rule every report keeps. */
#define MARK_CAME(k, s)		case CIRCLE_MARK_##k: return 1;
#define MARK_NOT_CAME(k, s)
int
circle_mark_came(enum circle_mark m)
{
	switch (m) {
	CIRCLE_MARKS(MARK_CAME, MARK_CAME, MARK_NOT_CAME)
	default:
		return 0;
	}
}

/* The same for a mark's name (NULL: no row). */
int
circle_mark_text_came(const char *s)
{
	return circle_mark_came(circle_mark_of(s));
}

/*
 * How a mark at a session someone was expected at counts: came, excused,
 * or absent (no row at a held session is absent); "unrecorded" is a
 * session gone by that no one recorded.
 */
enum circle_mark_class
circle_mark_classify(const char *s)
{
	enum circle_mark	m;

	if (s != NULL && strcmp(s, "unrecorded") == 0)
		return CIRCLE_CLASS_UNRECORDED;
	m = circle_mark_of(s);
	if (circle_mark_came(m))
		return CIRCLE_CLASS_CAME;
	if (m == CIRCLE_MARK_EXCUSED)
		return CIRCLE_CLASS_EXCUSED;
	return CIRCLE_CLASS_ABSENT;
}
