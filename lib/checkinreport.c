/*
 * checkinreport.c: check-in responses listed, and reported per session or
 * per member, over the filter the lists share.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "checkin.h"

/* ---- lists ------------------------------------------------------------- */

int
circle_checkin_filter_ids(struct circle_db *db,
    const struct circle_checkin_filter *f, struct circle_checkin_ids *x,
    struct circle_err *e)
{
	memset(x, 0, sizeof *x);
	if (f->from != NULL && circle_date_check("--from", f->from, e) == -1)
		return -1;
	if (f->to != NULL && circle_date_check("--to", f->to, e) == -1)
		return -1;
	if (f->group != NULL && circle_group_resolve(db, f->group, &x->gid,
	    e) == -1)
		return -1;
	if (f->session != NULL && circle_session_resolve(db, f->group,
	    f->session, &x->sid, e) == -1)
		return -1;
	if (f->member != NULL && circle_member_resolve_in(db, x->gid,
	    f->member, &x->mid, e) == -1)
		return -1;
	return 0;
}

/* Bind the common filter: ?1 group, ?2 session, ?3 member, ?4 survey key,
 * ?5 from, ?6 to. */
void
circle_checkin_filter_bind(sqlite3_stmt *st,
    const struct circle_checkin_filter *f, const struct circle_checkin_ids *x)
{
	if (x->gid != 0)
		sqlite3_bind_int64(st, 1, x->gid);
	if (x->sid != 0)
		sqlite3_bind_int64(st, 2, x->sid);
	if (x->mid != 0)
		sqlite3_bind_int64(st, 3, x->mid);
	circle_bind_text(st, 4, f->survey);
	circle_bind_text(st, 5, f->from);
	circle_bind_text(st, 6, f->to);
}

#define FILTER_WHERE "(?1 IS NULL OR x.grp_id = ?1) AND (?2 IS NULL OR " \
	"x.id = ?2) AND (?3 IS NULL OR r.member_id = ?3) AND (?4 IS NULL OR " \
	"v.key = ?4) AND (?5 IS NULL OR substr(x.local_start, 1, 10) >= ?5) " \
	"AND (?6 IS NULL OR substr(x.local_start, 1, 10) <= ?6)"

/* One answer as text, in SQL: yes/no, a number as written, or the text. */
#define ANSWER_TEXT "CASE WHEN a.text IS NOT NULL THEN a.text WHEN q.kind " \
	"= 'yesno' THEN CASE WHEN a.num != 0 THEN 'yes' ELSE 'no' END ELSE " \
	"printf('%.15g', a.num) END"

/* A score as text: 6.33, 7. */
#define SCORE_TEXT(x) "CASE WHEN " x " IS NULL THEN NULL ELSE " \
	"printf('%.15g', round(" x ", 2)) END"

int
circle_checkin_rows(struct circle_db *db, sqlite3_stmt *st, int ncols,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	const char	*v[24];
	int		 i, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols && i < 24; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		fn(arg, v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "check-ins");
	return 0;
}

static const struct circle_col list_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "session", CIRCLE_COL_TEXT },
	{ "group", CIRCLE_COL_TEXT }, { "member", CIRCLE_COL_TEXT },
	{ "survey", CIRCLE_COL_TEXT }, { "version", CIRCLE_COL_INT },
	{ "phase", CIRCLE_COL_TEXT }, { "score", CIRCLE_COL_REAL },
	{ "answers", CIRCLE_COL_TEXT },
};

const struct circle_col *
circle_checkin_list_cols(size_t *n)
{
	*n = sizeof list_cols / sizeof list_cols[0];
	return list_cols;
}

/* Responses, oldest session first: answers as "mood=7 safe=yes". */
int
circle_checkin_list(struct circle_db *db, const struct circle_checkin_filter *f,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct circle_checkin_ids x;

	if (circle_checkin_filter_ids(db, f, &x, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT r.id, x.local_start, g.handle, "
	    "coalesce(m.handle, 'anonymous'), v.key, v.version, r.phase, "
	    SCORE_TEXT("r.score") ", (SELECT group_concat(t, ' ') FROM "
	    "(SELECT a.question || '=' || " ANSWER_TEXT " AS t FROM answer a "
	    "JOIN question q ON q.survey_id = r.survey_id AND q.key = "
	    "a.question WHERE a.response_id = r.id ORDER BY q.pos)) FROM "
	    "response r JOIN survey v ON v.id = r.survey_id JOIN session x ON "
	    "x.id = r.session_id JOIN grp g ON g.id = x.grp_id LEFT JOIN "
	    "member m ON m.id = r.member_id WHERE " FILTER_WHERE " ORDER BY "
	    "x.starts_at, r.taken_at, r.id", e)) == NULL)
		return -1;
	circle_checkin_filter_bind(st, f, &x);
	return circle_checkin_rows(db, st, 9, fn, arg, e);
}

/* ---- report ------------------------------------------------------------ */

/*
 * The survey a report is about: the one given, else the only one used,
 * else the only check-in survey used (check-outs are asked for by name).
 */
static int
report_survey(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct circle_checkin_ids *x, struct circle_survey **s,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key = NULL, *ckey = NULL, *list = NULL;
	int		 n = 0, nc = 0, rc;

	if (f->survey != NULL)
		return circle_survey_get(db, f->survey, 0, s, e);
	if ((st = circle_prepare(db, "SELECT DISTINCT v.key, max(v.phase = "
	    "'checkin') FROM response r JOIN survey v ON v.id = r.survey_id "
	    "JOIN session x ON x.id = r.session_id WHERE " FILTER_WHERE
	    " GROUP BY v.key ORDER BY v.key", e)) == NULL)
		return -1;
	circle_checkin_filter_bind(st, f, x);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			key = circle_col_dup(st, 0);
		if (sqlite3_column_int(st, 1) && nc++ == 0)
			ckey = circle_col_dup(st, 0);
		circle_xappend(&list, ", ", "%s", sqlite3_column_text(st, 0));
	}
	rc = circle_step_ok(db, rc, "check-ins", e);
	sqlite3_finalize(st);
	if (rc == -1) {
		free(key);
		free(ckey);
		free(list);
		return -1;
	}
	if (n == 1)
		n = circle_survey_get(db, key, 0, s, e);
	else if (n == 0)
		n = circle_err_set(e, CIRCLE_EFAIL, "no check-ins recorded%s",
		    f->group != NULL || f->from != NULL || f->to != NULL ||
		    f->member != NULL ? " in that range" : "");
	else if (nc == 1)
		n = circle_survey_get(db, ckey, 0, s, e);
	else
		n = circle_err_set(e, CIRCLE_EUSAGE, "check-ins of more than "
		    "one survey; give --survey (%s)", list);
	free(key);
	free(ckey);
	free(list);
	return n;
}

/* Rows of a report; column 3 (the score) left out when there is none. */
static int
report_rows(struct circle_db *db, sqlite3_stmt *st, size_t ncols, int scored,
    int skip, void (*fn)(void *, const char *const *), void *arg,
    struct circle_err *e)
{
	const char	**v;
	size_t		  i, k;
	int		  rc;

	v = circle_xcalloc(ncols + 1, sizeof *v);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0, k = 0; k < ncols; i++) {
			if (!scored && (int)i == skip)
				continue;
			v[k++] = (const char *)sqlite3_column_text(st, (int)i);
		}
		fn(arg, v);
	}
	free(v);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "check-in report");
	return 0;
}

static int
report_sessions(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct circle_checkin_ids *x, const struct circle_survey *s,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	struct circle_col	*cols;
	sqlite3_stmt		*st;
	char			*sql, *part, **names;
	size_t			 i, n = 0;
	int			 rc;

	cols = circle_xcalloc(s->nquestions + 5, sizeof *cols);
	names = circle_xcalloc(s->nquestions + 1, sizeof *names);
	cols[n++] = (struct circle_col){ "session", CIRCLE_COL_TEXT };
	cols[n++] = (struct circle_col){ "group", CIRCLE_COL_TEXT };
	cols[n++] = (struct circle_col){ "responses", CIRCLE_COL_INT };
	if (s->score != CIRCLE_SCORE_NONE)
		cols[n++] = (struct circle_col){ s->score_name,
		    CIRCLE_COL_REAL };
	sql = sqlite3_mprintf("SELECT x.local_start, g.handle, count(*), "
	    "printf('%%.15g', round(avg(r.score), 2))");
	for (i = 0; i < s->nquestions && sql != NULL; i++) {
		if (s->questions[i].kind == CIRCLE_Q_TEXT ||
		    s->questions[i].kind == CIRCLE_Q_CHOICE)
			continue;
		if (s->questions[i].kind == CIRCLE_Q_YESNO)
			circle_xasprintf(&names[i], "%s %% yes",
			    s->questions[i].key);
		cols[n++] = (struct circle_col){ names[i] != NULL ? names[i] :
		    s->questions[i].key, CIRCLE_COL_REAL };
		part = sqlite3_mprintf("%z, (SELECT printf('%%.15g', "
		    "round(avg(a.num) * %d, 2)) FROM answer a JOIN response q ON q.id = "
		    "a.response_id WHERE q.session_id = x.id AND q.survey_id "
		    "IN (SELECT id FROM survey WHERE key = ?4) AND (?3 IS NULL "
		    "OR q.member_id = ?3) AND a.question = ?%d)", sql,
		    s->questions[i].kind == CIRCLE_Q_YESNO ? 100 : 1, (int)i + 7);
		sql = part;
	}
	if (sql != NULL)
		sql = sqlite3_mprintf("%z FROM response r JOIN survey v ON "
		    "v.id = r.survey_id JOIN session x ON x.id = r.session_id "
		    "JOIN grp g ON g.id = x.grp_id WHERE " FILTER_WHERE " GROUP "
		    "BY x.id ORDER BY x.starts_at, x.id", sql);
	if (sql == NULL) {
		rc = circle_err_set(e, CIRCLE_EIO, "out of memory");
		goto out;
	}
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL) {
		rc = -1;
		goto out;
	}
	circle_checkin_filter_bind(st, f, x);
	circle_bind_text(st, 4, s->key);
	for (i = 0; i < s->nquestions; i++)
		circle_bind_text(st, (int)i + 7, s->questions[i].key);
	colfn(arg, cols, n);
	rc = report_rows(db, st, n, s->score != CIRCLE_SCORE_NONE, 3, fn,
	    arg, e);
out:
	for (i = 0; i < s->nquestions; i++)
		free(names[i]);
	free(names);
	free(cols);
	return rc;
}

static const struct circle_col member_cols[] = {
	{ "member", CIRCLE_COL_TEXT }, { "responses", CIRCLE_COL_INT },
	{ "first", CIRCLE_COL_TEXT }, { "first_score", CIRCLE_COL_REAL },
	{ "last", CIRCLE_COL_TEXT }, { "last_score", CIRCLE_COL_REAL },
	{ "change", CIRCLE_COL_REAL }, { "scores", CIRCLE_COL_TEXT },
};

/*
 * Per person: their scores in order and the change from the first scored
 * response in the period to the last (given two or more).  The funder
 * report's average change is the mean of these changes.
 */
static int
report_members(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct circle_checkin_ids *x, const struct circle_survey *s,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, "WITH rs AS (SELECT r.member_id AS mid, "
	    "r.score AS score, x.starts_at AS at, substr(x.local_start, 1, 10) "
	    "AS day, r.id AS rid FROM response r JOIN survey v ON v.id = "
	    "r.survey_id JOIN session x ON x.id = r.session_id WHERE "
	    FILTER_WHERE " AND r.member_id IS NOT NULL), sc AS (SELECT mid, "
	    "score, day, row_number() OVER (PARTITION BY mid ORDER BY at, rid) "
	    "AS k, count(*) OVER (PARTITION BY mid) AS n FROM rs WHERE score "
	    "IS NOT NULL) SELECT m.handle, count(*), min(rs.day), "
	    "(SELECT printf('%.15g', round(score, 2)) FROM sc WHERE sc.mid = "
	    "rs.mid AND k = 1), max(rs.day), (SELECT printf('%.15g', "
	    "round(score, 2)) FROM sc WHERE sc.mid = rs.mid AND k = n AND n > "
	    "1), (SELECT printf('%.15g', round(l.score - f.score, 2)) FROM sc f "
	    "JOIN sc l ON l.mid = f.mid AND l.k = l.n WHERE f.mid = rs.mid AND "
	    "f.k = 1 AND f.n > 1), (SELECT group_concat(t, ' ') FROM (SELECT "
	    "printf('%.15g', round(score, 2)) AS t FROM sc WHERE sc.mid = "
	    "rs.mid ORDER BY k)) FROM rs JOIN member m ON m.id = rs.mid GROUP "
	    "BY rs.mid ORDER BY m.handle", e)) == NULL)
		return -1;
	circle_checkin_filter_bind(st, f, x);
	circle_bind_text(st, 4, s->key);
	colfn(arg, member_cols, sizeof member_cols / sizeof member_cols[0]);
	return report_rows(db, st, sizeof member_cols / sizeof member_cols[0],
	    1, -1, fn, arg, e);
}

/*
 * The check-ins of one survey: per session, the number of responses and
 * the average score and answer to each question (yes/no as the share of
 * yes); or, with by_member, each person's trend.  Columns depend on the
 * survey, so they come first through colfn.
 */
int
circle_checkin_report(struct circle_db *db,
    const struct circle_checkin_filter *f,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	struct circle_survey	*s;
	struct circle_checkin_ids x;
	int			 rc;

	if (circle_checkin_filter_ids(db, f, &x, e) == -1 ||
	    report_survey(db, f, &x, &s, e) == -1)
		return -1;
	if (f->by_member)
		rc = report_members(db, f, &x, s, colfn, fn, arg, e);
	else
		rc = report_sessions(db, f, &x, s, colfn, fn, arg, e);
	circle_survey_free(s);
	return rc;
}

