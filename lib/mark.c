/*
 * mark.c: what an attendance mark is (its names, from CIRCLE_MARKS in
 * circle.h) and how it counts: came, excused, absent, unrecorded.  The
 * one rule every report, the grid, the prep sheet and the workbook keep;
 * and with it a grid's counts (circle_grid_compute): who was expected at
 * each session, the marks per session and per person, missed in a row.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/*
 * The first 10 bytes of a date (or any text) as two numbers that compare
 * as strncmp(a, b, 10) does: byte by byte, unsigned, nothing after the end.
 */
struct day_key {
	uint64_t	 hi;
	uint16_t	 lo;
};

static struct day_key
day_key(const char *d)
{
	struct day_key	 k = { 0, 0 };
	size_t		 i;

	for (i = 0; i < 10 && d[i] != '\0'; i++) {
		if (i < 8)
			k.hi |= (uint64_t)(unsigned char)d[i] << (56 - 8 * i);
		else
			k.lo |= (uint16_t)((unsigned char)d[i] << (8 *
			    (9 - i)));
	}
	return k;
}

/* a <= b, as strncmp(a, b, 10) <= 0 */
static int
day_le(struct day_key a, struct day_key b)
{
	return a.hi < b.hi || (a.hi == b.hi && a.lo <= b.lo);
}

/*
 * Who was expected where, then the counts of circle report sessions per
 * session and of circle report attendance per person.
 */
void
circle_grid_compute(struct circle_grid *g)
{
	const struct circle_grid_member	*m;
	struct circle_grid_session	*s;
	struct circle_grid_person	*p;
	struct day_key			*day, joined, left;
	unsigned char			 c;
	size_t				 i, j, k, seen;
	int				 since;

	day = circle_xreallocarray(NULL, g->nss + 1, sizeof *day);
	for (j = 0; j < g->nss; j++)
		day[j] = day_key(g->ss[j].local_start);
	/*
	 * The expected view's rule (report.h): a membership that expects
	 * (SQL_NOT_GUEST) of a person expected anywhere (SQL_ACTIVE), at
	 * each held session that names people (SQL_NAMED) on a day within
	 * the membership (SQL_MEMBER_ON, here).
	 */
	for (k = 0; k < g->nmm; k++) {
		m = &g->mm[k];
		if (!m->expects || !g->pp[m->person].active)
			continue;
		joined = day_key(m->joined_on);
		left = day_key(m->left_on);
		for (j = 0; j < g->nss; j++) {
			if (!g->ss[j].named)
				continue;
			if (day_le(joined, day[j]) &&
			    (m->left_on[0] == '\0' || !day_le(left, day[j])))
				g->cells[m->person * g->nss + j] |=
				    CIRCLE_CELL_EXP;
		}
	}
	free(day);
	for (i = 0; i < g->npp; i++) {
		p = &g->pp[i];
		since = 0;
		seen = g->nss;
		for (j = 0; j < g->nss; j++) {
			s = &g->ss[j];
			c = g->cells[i * g->nss + j];
			if ((c & CIRCLE_CELL_MARK) != CIRCLE_CELL_NONE)
				s->marks[c & CIRCLE_CELL_MARK]++;
			if (CIRCLE_CELL_CAME(c)) {
				s->came++;
				p->attended++;
				since = 0;
				seen = j;
			}
			if (!(c & CIRCLE_CELL_EXP))
				continue;
			s->expected++;
			p->expected++;
			switch (c & CIRCLE_CELL_MARK) {
			case CIRCLE_CELL_EXCUSED:
				p->excused++;
				break;
			case CIRCLE_CELL_NONE:
			case CIRCLE_CELL_ABSENT:
				s->absent++;
				p->absent++;
				since++;
				break;
			default:
				p->came++;
			}
		}
		if (seen < g->nss)
			snprintf(p->last_seen, sizeof p->last_seen, "%.10s",
			    g->ss[seen].local_start);
		p->missed = since;
		p->shown = p->expected > 0 || p->attended > 0;
	}
}
