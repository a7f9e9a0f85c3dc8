/*
 * grid.c: the attendance grid, a group's sessions by its people over a
 * scope, worked out in memory from a few queries: who was expected where,
 * what was marked, and the counts per session and per person (what report
 * attendance, sessions and outreach print, and the workbook).  What a
 * mark means and how the cells count, missed in a row among them, is
 * mark.c's (circle_grid_compute).  Who was expected is report.h's SQL
 * fragments: the expected view (schema.c, migration 9), which member, prep
 * and the member summary query, is made of them; the grid's queries select
 * the parts that are a person's or a membership's (SQL_ACTIVE,
 * SQL_NOT_GUEST) and circle_grid_compute applies the day's window
 * (SQL_MEMBER_ON) in C, for every membership and session at once;
 * tests/t6200 holds the grid equal to the view on random data.  The
 * grids of every group at once, from one pass over attendance, are
 * gridpass.c's; grid.h has what the two share.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "report.h"
#include "grid.h"

static int	grid_marks(struct circle_db *, const struct circle_scope *,
		    struct circle_grid *, struct grid_mark **, size_t *,
		    struct circle_err *);

/*
 * The queries a group's grid is made from, each bound as the scope is
 * (?1 the group).  circle_grid_sql shows them as they run.
 */
const char circle_grid_groups_sql[] = "SELECT id FROM grp WHERE ?1 = 0 OR "
    "id = ?1 ORDER BY handle";
const char circle_grid_head_sql[] = "SELECT handle, name FROM grp WHERE "
    "id = ?1";
static const char sessions_sql[] = SESSIONS_SQL(TOPIC_LENGTH,
    SQL_HAS_ROWS("a"), "", "s.grp_id = ?1 AND ", BY_START, SESSION_LINK);
/*
 * Everyone who has been in the group, by name; anyone marked at one of its
 * held sessions who never was a member is read by id (person_sql).
 */
#define PERSON_COLS	"SELECT m.id, m.display_name, m.handle, m.uid, " \
    "m.pronouns, m.status, CASE WHEN ?6 THEN m.email END, " \
    "CASE WHEN ?6 THEN m.phone END, m.consent, " SQL_ACTIVE " FROM member m "
const char circle_grid_people_sql[] = PERSON_COLS "WHERE m.id IN (SELECT "
    "p.member_id FROM membership p WHERE p.grp_id = ?1) "
    "ORDER BY m.display_name COLLATE NOCASE, m.handle";
static const char person_sql[] = PERSON_COLS "WHERE m.id = ?1";
const char circle_grid_members_sql[] = "SELECT p.member_id, p.role, "
    "p.joined_on, p.left_on, " SQL_NOT_GUEST " FROM membership p WHERE "
    "p.grp_id = ?1";
static const char marks_sql[] = "SELECT a.session_id, a.member_id, "
    "a.status FROM session s JOIN attendance a ON a.session_id = s.id "
    "WHERE s.grp_id = ?1 AND s.status = 'held' AND " S_DATES;

/* The groups of a scope, by handle. */
int
circle_grid_groups(struct circle_db *db, const struct circle_scope *sc,
    long long **ids, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = circle_prepare(db, circle_grid_groups_sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sc->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = circle_xgrow(*ids, *n, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return circle_db_error(db, e, "groups");
	}
	return 0;
}

/* The keys of the check-in surveys answered in a scope. */
int
circle_grid_keys(struct circle_db *db, const struct circle_scope *sc,
    char ***keys, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*keys = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT DISTINCT v.key FROM session s "
	    "JOIN response r ON r.session_id = s.id JOIN survey v ON "
	    "v.id = r.survey_id WHERE s.grp_id IN " GROUPS " AND " S_DATES
	    " AND r.phase = 'checkin' ORDER BY v.key", e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*keys = circle_xgrow(*keys, *n, sizeof **keys);
		(*keys)[(*n)++] = circle_col_dup(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		circle_strv_free(*keys, *n);
		*keys = NULL;
		*n = 0;
		return circle_db_error(db, e, "surveys");
	}
	return 0;
}


int
circle_grid_idx_cmp(const void *a, const void *b)
{
	const struct idx	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

long
circle_grid_idx_find(const struct idx *v, size_t n, long long id)
{
	struct idx	 k = { id, 0 };
	struct idx	*f;

	f = bsearch(&k, v, n, sizeof *v, circle_grid_idx_cmp);
	return f != NULL ? (long)f->i : -1;
}

/* The grid's people by id, for circle_grid_idx_find; the caller frees it. */
struct idx *
circle_grid_people_index(const struct circle_grid *g)
{
	struct idx	*v;
	size_t		 i;

	v = circle_xreallocarray(NULL, g->npp + 1, sizeof *v);
	for (i = 0; i < g->npp; i++) {
		v[i].id = g->pp[i].id;
		v[i].i = i;
	}
	qsort(v, g->npp, sizeof *v, circle_grid_idx_cmp);
	return v;
}

/* A column's text (or "") into a fixed buffer of len, cut to fit. */
static void
col_copy(sqlite3_stmt *st, int i, char *buf, size_t len)
{
	const char	*t = (const char *)sqlite3_column_text(st, i);
	size_t		 n = t != NULL ? (size_t)sqlite3_column_bytes(st, i) : 0;

	if (n >= len)
		n = len - 1;
	memcpy(buf, t != NULL ? t : "", n);
	buf[n] = '\0';
}

/* A row of SESSIONS_SQL, as read, but its topic, length and link. */
void
circle_grid_session_read(struct kept_session *k, sqlite3_stmt *st)
{
	k->id = sqlite3_column_int64(st, 0);
	col_copy(st, 1, k->local_start, sizeof k->local_start);
	col_copy(st, 2, k->status, sizeof k->status);
	k->headcount = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
	    sqlite3_column_int64(st, 5);
	k->rows = sqlite3_column_int(st, 6) != 0;
	col_copy(st, 7, k->starts_at, sizeof k->starts_at);
}

/* A session read, appended to the grid. */
struct circle_grid_session *
circle_grid_session_put(struct circle_grid *g, const struct kept_session *k)
{
	struct circle_grid_session	*s;

	g->ss = circle_xgrow(g->ss, g->nss, sizeof *g->ss);
	s = &g->ss[g->nss++];
	memset(s, 0, sizeof *s);
	s->id = k->id;
	memcpy(s->local_start, k->local_start, sizeof s->local_start);
	s->status = circle_xstrdup(k->status);
	s->headcount = k->headcount;
	s->held = strcmp(s->status, "held") == 0;
	/* As the expected view: a headcount alone names no one. */
	s->named = s->held && (s->headcount < 0 || k->rows);
	s->unrecorded = strcmp(s->status, "scheduled") == 0;
	memcpy(s->starts_at, k->starts_at, sizeof s->starts_at);
	s->col = -1;
	return s;
}

/* A row of SESSIONS_SQL, appended to the grid. */
static void
session_add(struct circle_grid *g, sqlite3_stmt *st)
{
	struct circle_grid_session	*s;
	struct kept_session		 k;

	circle_grid_session_read(&k, st);
	s = circle_grid_session_put(g, &k);
	s->topic = circle_col_dup(st, 3);
	s->minutes = sqlite3_column_int(st, 4);
	s->online_url = circle_col_dup(st, 9);
}

/* ORDER BY s.starts_at, s.id */
static int
session_cmp(const void *a, const void *b)
{
	const struct circle_grid_session	*x = a, *y = b;
	int					 c;

	if ((c = strcmp(x->starts_at, y->starts_at)) != 0)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Each grid's sessions, read in table order, put in order by start. */
void
circle_grid_order_sessions(struct circle_grid *gs, size_t ngs)
{
	size_t	i;

	for (i = 0; i < ngs; i++)
		if (gs[i].nss > 1)
			qsort(gs[i].ss, gs[i].nss, sizeof *gs[i].ss,
			    session_cmp);
}

/* The group's past or held sessions in the scope, by start. */
int
circle_grid_sessions(struct circle_db *db, const struct circle_scope *sc,
    const char *sql, struct circle_grid *g, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		session_add(g, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "sessions");
	return 0;
}

static int
code_cmp(const void *a, const void *b)
{
	const struct circle_grid_person	*x = a, *y = b;

	return strcmp(x->code, y->code);
}

/*
 * A person's row of circle_grid_people_sql or person_sql, appended to the
 * grid.
 */
static void
person_add(struct circle_grid *g, sqlite3_stmt *st)
{
	struct circle_grid_person	*p;
	const char			*uid;

	g->pp = circle_xgrow(g->pp, g->npp, sizeof *g->pp);
	p = &g->pp[g->npp++];
	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	p->name = circle_col_dup(st, 1);
	p->handle = circle_col_dup(st, 2);
	uid = (const char *)sqlite3_column_text(st, 3);
	circle_pseudonym(uid != NULL ? uid : "", p->code);
	p->pronouns = circle_col_dup(st, 4);
	p->status = circle_col_dup(st, 5);
	p->email = circle_col_dup(st, 6);
	p->phone = circle_col_dup(st, 7);
	p->consent = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 8);
	p->active = sqlite3_column_int(st, 9);
}

/* By name in the name collation (text.c), then handle. */
static int
name_cmp(const void *a, const void *b)
{
	const struct circle_grid_person	*x = a, *y = b;
	int				 c;

	if ((c = circle_name_cmp(x->name, y->name)) != 0)
		return c;
	return strcmp(x->handle != NULL ? x->handle : "",
	    y->handle != NULL ? y->handle : "");
}

static int
long_cmp(const void *a, const void *b)
{
	const long long	*x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/*
 * Those marked at the group's held sessions who were never members of it
 * (circle_grid_people_sql has the members), read by id and put in their
 * place.
 */
int
circle_grid_strangers(struct circle_db *db, int flags,
    const struct grid_mark *mk, size_t nmk, struct circle_grid *g,
    struct circle_err *e)
{
	struct idx	*pids;
	sqlite3_stmt	*st = NULL;
	long long	*ids;
	size_t		 i, n = 0;
	int		 rc = SQLITE_DONE;

	pids = circle_grid_people_index(g);
	ids = circle_xreallocarray(NULL, nmk + 1, sizeof *ids);
	for (i = 0; i < nmk; i++)
		if (circle_grid_idx_find(pids, g->npp, mk[i].member) == -1)
			ids[n++] = mk[i].member;
	free(pids);
	if (n > 0)
		qsort(ids, n, sizeof *ids, long_cmp);
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		if (i > 0 && ids[i] == ids[i - 1])
			continue;
		if (st == NULL && (st = circle_prepare(db, person_sql,
		    e)) == NULL) {
			free(ids);
			return -1;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, ids[i]);
		sqlite3_bind_int(st, 6, (flags & CIRCLE_GRID_CONTACTS) != 0);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			person_add(g, st);
			rc = SQLITE_DONE;
		}
	}
	sqlite3_finalize(st);
	free(ids);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "members");
	return 0;
}

/*
 * The people in their order, the first nmembers as circle_grid_people_sql
 * gave them: by name again if others were added, or by code.
 */
void
circle_grid_order(struct circle_grid *g, int flags, size_t nmembers)
{
	if (g->npp > nmembers)
		qsort(g->pp, g->npp, sizeof *g->pp, name_cmp);
	/* By name, the order alone would hint at who is who. */
	if ((flags & CIRCLE_GRID_PSEUDONYMS) && g->npp > 0)
		qsort(g->pp, g->npp, sizeof *g->pp, code_cmp);
}

/*
 * Everyone who has been in the group, by name (circle_grid_strangers:
 * others).
 */
int
circle_grid_people(struct circle_db *db, const struct circle_scope *sc,
    int flags, struct circle_grid *g, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, circle_grid_people_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	sqlite3_bind_int(st, 6, (flags & CIRCLE_GRID_CONTACTS) != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		person_add(g, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "members");
	/*
	 * circle_grid_people_sql's order is the sqlite3 shell's; this is the
	 * names'.
	 */
	if (g->npp > 1)
		qsort(g->pp, g->npp, sizeof *g->pp, name_cmp);
	return 0;
}

static int
member_cmp(const void *a, const void *b)
{
	const struct circle_grid_member	*x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return strcmp(x->joined_on, y->joined_on);
}

/* The group's memberships, by person and date joined. */
int
circle_grid_members(struct circle_db *db, struct circle_grid *g,
    struct circle_err *e)
{
	struct circle_grid_member	*m;
	struct idx			*ids;
	sqlite3_stmt			*st;
	const char			*t;
	long				 p;
	int				 rc;

	ids = circle_grid_people_index(g);
	if ((st = circle_prepare(db, circle_grid_members_sql, e)) == NULL) {
		free(ids);
		return -1;
	}
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((p = circle_grid_idx_find(ids, g->npp,
		    sqlite3_column_int64(st, 0))) == -1)
			continue;
		g->mm = circle_xgrow(g->mm, g->nmm, sizeof *g->mm);
		m = &g->mm[g->nmm++];
		m->person = (size_t)p;
		m->role = circle_col_dup(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		snprintf(m->joined_on, sizeof m->joined_on, "%s",
		    t != NULL ? t : "");
		t = (const char *)sqlite3_column_text(st, 3);
		snprintf(m->left_on, sizeof m->left_on, "%s",
		    t != NULL ? t : "");
		m->expects = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	free(ids);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "memberships");
	if (g->nmm > 0)
		qsort(g->mm, g->nmm, sizeof *g->mm, member_cmp);
	return 0;
}

/* Each mark recorded at the group's held sessions in the scope. */
static int
grid_marks(struct circle_db *db, const struct circle_scope *sc,
    struct circle_grid *g, struct grid_mark **mk, size_t *nmk,
    struct circle_err *e)
{
	struct idx	*sids;
	sqlite3_stmt	*st;
	size_t		 i;
	long		 j;
	int		 rc = SQLITE_DONE;

	*mk = NULL;
	*nmk = 0;
	sids = circle_xreallocarray(NULL, g->nss + 1, sizeof *sids);
	for (i = 0; i < g->nss; i++) {
		sids[i].id = g->ss[i].id;
		sids[i].i = i;
	}
	qsort(sids, g->nss, sizeof *sids, circle_grid_idx_cmp);
	if ((st = circle_prepare(db, marks_sql, e)) == NULL)
		goto out;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((j = circle_grid_idx_find(sids, g->nss,
		    sqlite3_column_int64(st, 0))) == -1)
			continue;
		*mk = circle_xgrow(*mk, *nmk, sizeof **mk);
		(*mk)[*nmk].j = (size_t)j;
		(*mk)[*nmk].member = sqlite3_column_int64(st, 1);
		(*mk)[(*nmk)++].mark = (unsigned char)circle_mark_of(
		    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
out:
	free(sids);
	if (st == NULL)
		return -1;
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "attendance");
	return 0;
}

/* The marks into the cells, people known. */
void
circle_grid_cells(struct circle_grid *g, const struct grid_mark *mk, size_t nmk)
{
	struct idx	*pids;
	size_t		 i;
	long		 p;

	pids = circle_grid_people_index(g);
	for (i = 0; i < nmk; i++)
		if ((p = circle_grid_idx_find(pids, g->npp,
		    mk[i].member)) != -1)
			g->cells[(size_t)p * g->nss + mk[i].j] |= mk[i].mark;
	free(pids);
}

/* Per session and check-in survey: scored responses, their mean. */
int
circle_grid_checkins(struct circle_db *db, const struct circle_scope *sc,
    char *const *keys, struct circle_grid *g, struct circle_err *e)
{
	static const char sql[] = "SELECT r.session_id, v.key, "
	    "count(r.score), avg(r.score) FROM session s JOIN response r ON "
	    "r.session_id = s.id JOIN survey v ON v.id = r.survey_id "
	    "WHERE s.grp_id = ?1 AND " S_DATES " AND r.phase = 'checkin' "
	    "GROUP BY r.session_id, v.key";
	sqlite3_stmt	*st;
	const char	*k;
	size_t		 i, j;
	int		 rc;

	g->nscores = circle_xcalloc(g->nss * g->nkeys + 1, sizeof *g->nscores);
	g->avg = circle_xcalloc(g->nss * g->nkeys + 1, sizeof *g->avg);
	if (g->nkeys == 0)
		return 0;
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 1);
		for (i = 0; i < g->nss; i++)
			if (g->ss[i].id == sqlite3_column_int64(st, 0))
				break;
		for (j = 0; k != NULL && j < g->nkeys; j++)
			if (strcmp(keys[j], k) == 0)
				break;
		if (i == g->nss || k == NULL || j == g->nkeys)
			continue;
		g->nscores[i * g->nkeys + j] = sqlite3_column_int(st, 2);
		g->avg[i * g->nkeys + j] = sqlite3_column_double(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "check-ins");
	return 0;
}

/* A grid begun: the group's handle and name. */
int
circle_grid_head(struct circle_db *db, long long gid, struct circle_grid *g,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(g, 0, sizeof *g);
	g->gid = gid;
	if ((st = circle_prepare(db, circle_grid_head_sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g->handle = circle_col_dup(st, 0);
		g->name = circle_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(db, e, "group");
	return 0;
}

/*
 * Load one group's attendance over the scope.  keys are the check-in
 * surveys whose per-session means to gather (circle_grid_keys).
 */
int
circle_grid_load(struct circle_db *db, const struct circle_scope *sc,
    long long gid, int flags, char *const *keys, size_t nkeys,
    struct circle_grid *g, struct circle_err *e)
{
	struct grid_mark	*mk;
	size_t			 nmk, nmembers;

	if (circle_grid_head(db, gid, g, e) == -1)
		return -1;
	g->nkeys = nkeys;
	if (circle_grid_sessions(db, sc, sessions_sql, g, e) == -1 ||
	    grid_marks(db, sc, g, &mk, &nmk, e) == -1)
		return -1;
	if (circle_grid_people(db, sc, flags, g, e) == -1) {
		free(mk);
		return -1;
	}
	nmembers = g->npp;
	if (circle_grid_strangers(db, flags, mk, nmk, g, e) == -1) {
		free(mk);
		return -1;
	}
	circle_grid_order(g, flags, nmembers);
	if (circle_grid_members(db, g, e) == -1) {
		free(mk);
		return -1;
	}
	g->cells = circle_xcalloc(g->npp * g->nss + 1, 1);
	circle_grid_cells(g, mk, nmk);
	free(mk);
	if (circle_grid_checkins(db, sc, keys, g, e) == -1)
		return -1;
	circle_grid_compute(g);
	return 0;
}

void
circle_grid_release(struct circle_grid *g)
{
	size_t	i;

	for (i = 0; i < g->nss; i++) {
		free(g->ss[i].status);
		free(g->ss[i].topic);
		free(g->ss[i].online_url);
	}
	for (i = 0; i < g->npp; i++) {
		free(g->pp[i].name);
		free(g->pp[i].handle);
		free(g->pp[i].pronouns);
		free(g->pp[i].status);
		free(g->pp[i].email);
		free(g->pp[i].phone);
	}
	for (i = 0; i < g->nmm; i++)
		free(g->mm[i].role);
	free(g->ss);
	free(g->pp);
	free(g->mm);
	free(g->cells);
	free(g->nscores);
	free(g->avg);
	free(g->handle);
	free(g->name);
	memset(g, 0, sizeof *g);
}
