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
 * tests/t6200 holds the grid equal to the view on random data.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "report.h"

/* A mark read before the people are known: session index, member id. */
struct grid_mark {
	size_t		 j;
	long long	 member;
	unsigned char	 mark;
};

static int	grid_sessions(struct circle_db *, const struct circle_scope *,
		    const char *, struct circle_grid *, struct circle_err *);
static int	grid_head(struct circle_db *, long long, struct circle_grid *,
		    struct circle_err *);
static int	grid_people(struct circle_db *, const struct circle_scope *,
		    int, struct circle_grid *, struct circle_err *);
static int	grid_strangers(struct circle_db *, int, const struct grid_mark *,
		    size_t, struct circle_grid *, struct circle_err *);
static void	grid_order(struct circle_grid *, int, size_t);
static int	grid_members(struct circle_db *, struct circle_grid *,
		    struct circle_err *);
static int	grid_marks(struct circle_db *, const struct circle_scope *,
		    struct circle_grid *, struct grid_mark **, size_t *,
		    struct circle_err *);
static void	grid_cells(struct circle_grid *, const struct grid_mark *,
		    size_t);
static int	grid_checkins(struct circle_db *, const struct circle_scope *,
		    char *const *, struct circle_grid *, struct circle_err *);

/*
 * The queries a group's grid is made from, each bound as the scope is
 * (?1 the group).  circle_grid_sql shows them as they run.
 */
static const char groups_sql[] = "SELECT id FROM grp WHERE ?1 = 0 OR "
    "id = ?1 ORDER BY handle";
static const char head_sql[] = "SELECT handle, name FROM grp WHERE id = ?1";
/*
 * The group's past or held sessions in the scope, by start, and whether
 * each has attendance rows (rows); the pass sees that itself, and the
 * reports' grids have no topics or lengths (parsing the times was most of
 * the cost of reading the sessions).
 */
#define SESSIONS_SQL(topic, rows, from, grp, order) "SELECT s.id, " \
    "s.local_start, s.status, " topic ", s.headcount, " rows ", " \
    "s.starts_at, s.grp_id FROM session s " from "WHERE " grp S_DATES \
    " AND (s.status = 'held' OR s.starts_at <= " NOW ")" order
#define TOPIC_LENGTH	"s.topic, (strftime('%s', s.ends_at) - " \
    "strftime('%s', s.starts_at)) / 60"
#define BY_START	" ORDER BY s.starts_at, s.id"
static const char sessions_sql[] = SESSIONS_SQL(TOPIC_LENGTH,
    SQL_HAS_ROWS("a"), "", "s.grp_id = ?1 AND ", BY_START);
static const char pass_sessions_sql[] = SESSIONS_SQL("NULL, NULL", "NULL",
    "", "s.grp_id = ?1 AND ", BY_START);
/*
 * The same for every group at once, in table order (each row once, not a
 * seek through an index), each row to its group's grid (or kept for its
 * batch), each grid's put in order by start in C.
 */
static const char every_session_sql[] = SESSIONS_SQL("NULL, NULL", "NULL",
    "NOT INDEXED ", "", "");
/*
 * Everyone who has been in the group, by name; anyone marked at one of its
 * held sessions who never was a member is read by id (person_sql).
 */
#define PERSON_COLS	"SELECT m.id, m.display_name, m.handle, m.uid, " \
    "m.pronouns, m.status, CASE WHEN ?6 THEN m.email END, " \
    "CASE WHEN ?6 THEN m.phone END, m.consent, " SQL_ACTIVE " FROM member m "
static const char people_sql[] = PERSON_COLS "WHERE m.id IN (SELECT "
    "p.member_id FROM membership p WHERE p.grp_id = ?1) "
    "ORDER BY m.display_name COLLATE NOCASE, m.handle";
static const char person_sql[] = PERSON_COLS "WHERE m.id = ?1";
static const char members_sql[] = "SELECT p.member_id, p.role, "
    "p.joined_on, p.left_on, " SQL_NOT_GUEST " FROM membership p WHERE "
    "p.grp_id = ?1";
static const char marks_sql[] = "SELECT a.session_id, a.member_id, "
    "a.status FROM session s JOIN attendance a ON a.session_id = s.id "
    "WHERE s.grp_id = ?1 AND s.status = 'held' AND " S_DATES;
/*
 * The same for a batch of groups at once (circle_grid_load_all): one pass
 * over attendance instead of one per group, whose rows are spread over
 * the whole table.  For some groups (?9 of them from the ?10th, in the
 * order of groups_sql), their sessions' rows by the session index; for
 * every group, the whole table in its order (about half the time of the
 * index at scale 1), the sessions' grids choosing.
 */
static const char all_marks_sql[] = "SELECT a.session_id, a.member_id, "
    "a.status FROM attendance a WHERE a.session_id IN (SELECT s.id FROM "
    "session s WHERE s.grp_id IN (SELECT id FROM grp WHERE ?1 = 0 OR "
    "id = ?1 ORDER BY handle LIMIT ?9 OFFSET ?10) AND s.status = 'held' "
    "AND " S_DATES ")";
static const char every_mark_sql[] = "SELECT a.session_id, a.member_id, "
    "a.status FROM attendance a";

/*
 * The pass's query: for one group's scope, its sessions' rows; for every
 * group, the whole table, read once (into a circle_grid_marks when the
 * groups come in more than one batch, each batch's grids choosing).
 */
static const char *
pass_sql(const struct circle_scope *sc)
{
	return sc->gid == 0 ? every_mark_sql : all_marks_sql;
}

static sqlite3_stmt *
pass_prepare(struct circle_db *db, const struct circle_scope *sc,
    size_t ngids, size_t off, size_t n, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, pass_sql(sc), e)) == NULL)
		return NULL;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 9, (long long)n);
	sqlite3_bind_int64(st, 10, (long long)off);
	return st;
}

/*
 * The rows of attendance at the scope's held sessions, as read, packed:
 * the member id and the mark in 32 bits, in runs of one session's rows
 * (its id and where they start), one bucket for each batch of groups, so
 * that the batches of circle_grid_load_all share one read of the table
 * and each bucket is freed once its batch is done.
 */
#define MARK_BITS	3
#define MARK_MAX_MEMBER	(UINT32_MAX >> MARK_BITS)
#define BLOCK_BITS	18		/* marks in a block: 1 MiB */
#define BLOCK_MASK	(((size_t)1 << BLOCK_BITS) - 1)
/*
 * A session as the grid takes it, read before its grid is made (a row of
 * SESSIONS_SQL); a batch's are kept in its bucket.
 */
struct kept_session {
	long long	 id;
	long long	 headcount;	/* -1: none */
	uint32_t	 gi;		/* its group's place in the scope */
	unsigned char	 rows;		/* it has attendance rows */
	char		 local_start[17];
	char		 starts_at[21];
	char		 status[10];
};
#define KEPT_PER_BLOCK	((1 << 20) / sizeof(struct kept_session))

struct marks_bucket {
	uint32_t	**blk;		/* blocks of member id << MARK_BITS |
					   mark, never moved once filled */
	size_t		 nblk, cblk, nm;
	long long	*sid;		/* per run: its session */
	size_t		*start;		/* per run: its first in m */
	size_t		 nruns, cruns;
	struct kept_session **ks;	/* blocks of the batch's sessions */
	size_t		 nks, cks;
};

struct circle_grid_marks {
	struct marks_bucket	*b;
	size_t			 nb;
	size_t			 per;		/* groups in a batch */
	uint32_t		*bucket;	/* session id: bucket + 1 */
	long long		 maxsid;
	int			 nomarks;	/* one batch, or a member id
						   too big: each reads them */
};

/* A bucket's marks freed, its sessions kept. */
static void
bucket_marks_free(struct marks_bucket *k)
{
	size_t	i;

	for (i = 0; i < k->nblk; i++)
		free(k->blk[i]);
	free(k->blk);
	free(k->sid);
	free(k->start);
	k->blk = NULL;
	k->sid = NULL;
	k->start = NULL;
	k->nblk = k->cblk = k->nm = k->nruns = k->cruns = 0;
}

/* A bucket's sessions freed. */
static void
bucket_sessions_free(struct marks_bucket *k)
{
	size_t	i;

	for (i = 0; i < k->nks; i += KEPT_PER_BLOCK)
		free(k->ks[i / KEPT_PER_BLOCK]);
	free(k->ks);
	k->ks = NULL;
	k->nks = k->cks = 0;
}

static void
bucket_free(struct marks_bucket *k)
{
	bucket_marks_free(k);
	bucket_sessions_free(k);
}

void
circle_grid_marks_free(struct circle_grid_marks *mk)
{
	size_t	i;

	if (mk == NULL)
		return;
	for (i = 0; i < mk->nb; i++)
		bucket_free(&mk->b[i]);
	free(mk->b);
	free(mk->bucket);
	free(mk);
}

/* Room for one more of n in *v of *cap, doubling. */
static void *
marks_room(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap < 1024 ? 1024 : *cap * 2;
	return circle_xreallocarray(v, *cap, size);
}

/* One row of every_mark_sql, kept if its session is one of the scope's. */
static void
marks_add(struct circle_grid_marks *mk, long long sid, long long member,
    unsigned char mark)
{
	struct marks_bucket	*k;
	size_t			 cap;

	if (sid < 1 || sid > mk->maxsid || mk->bucket[sid] == 0)
		return;
	if (member < 0 || member > (long long)MARK_MAX_MEMBER) {
		mk->nomarks = 1;
		return;
	}
	k = &mk->b[mk->bucket[sid] - 1];
	if (k->nruns == 0 || k->sid[k->nruns - 1] != sid) {
		cap = k->cruns;
		k->sid = marks_room(k->sid, k->nruns, &k->cruns,
		    sizeof *k->sid);
		if (k->cruns != cap)
			k->start = circle_xreallocarray(k->start, k->cruns,
			    sizeof *k->start);
		k->sid[k->nruns] = sid;
		k->start[k->nruns++] = k->nm;
	}
	if ((k->nm & BLOCK_MASK) == 0) {
		k->blk = marks_room(k->blk, k->nblk, &k->cblk,
		    sizeof *k->blk);
		k->blk[k->nblk++] = circle_xreallocarray(NULL,
		    BLOCK_MASK + 1, sizeof **k->blk);
	}
	k->blk[k->nm >> BLOCK_BITS][k->nm & BLOCK_MASK] = (uint32_t)member <<
	    MARK_BITS | mark;
	k->nm++;
}

/* The groups of a scope, by handle. */
int
circle_grid_groups(struct circle_db *db, const struct circle_scope *sc,
    long long **ids, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = circle_prepare(db, groups_sql, e)) == NULL)
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

/* Index of id in a list of (id, index) pairs sorted by id; -1 if none. */
struct idx {
	long long	id;
	size_t		i;
};

static int
idx_cmp(const void *a, const void *b)
{
	const struct idx	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static long
idx_find(const struct idx *v, size_t n, long long id)
{
	struct idx	 k = { id, 0 };
	struct idx	*f;

	f = bsearch(&k, v, n, sizeof *v, idx_cmp);
	return f != NULL ? (long)f->i : -1;
}

/* The grid's people by id, for idx_find; the caller frees it. */
static struct idx *
people_index(const struct circle_grid *g)
{
	struct idx	*v;
	size_t		 i;

	v = circle_xreallocarray(NULL, g->npp + 1, sizeof *v);
	for (i = 0; i < g->npp; i++) {
		v[i].id = g->pp[i].id;
		v[i].i = i;
	}
	qsort(v, g->npp, sizeof *v, idx_cmp);
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

/* A row of SESSIONS_SQL, as read, but its topic and length. */
static void
session_read(struct kept_session *k, sqlite3_stmt *st)
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
static struct circle_grid_session *
session_put(struct circle_grid *g, const struct kept_session *k)
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

	session_read(&k, st);
	s = session_put(g, &k);
	s->topic = circle_col_dup(st, 3);
	s->minutes = sqlite3_column_int(st, 4);
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
static void
grids_order_sessions(struct circle_grid *gs, size_t ngs)
{
	size_t	i;

	for (i = 0; i < ngs; i++)
		if (gs[i].nss > 1)
			qsort(gs[i].ss, gs[i].nss, sizeof *gs[i].ss,
			    session_cmp);
}

/* The group's past or held sessions in the scope, by start. */
static int
grid_sessions(struct circle_db *db, const struct circle_scope *sc,
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

/* A person's row of people_sql or person_sql, appended to the grid. */
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
 * (people_sql has the members), read by id and put in their place.
 */
static int
grid_strangers(struct circle_db *db, int flags, const struct grid_mark *mk,
    size_t nmk, struct circle_grid *g, struct circle_err *e)
{
	struct idx	*pids;
	sqlite3_stmt	*st = NULL;
	long long	*ids;
	size_t		 i, n = 0;
	int		 rc = SQLITE_DONE;

	pids = people_index(g);
	ids = circle_xreallocarray(NULL, nmk + 1, sizeof *ids);
	for (i = 0; i < nmk; i++)
		if (idx_find(pids, g->npp, mk[i].member) == -1)
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
 * The people in their order, the first nmembers as people_sql gave them:
 * by name again if others were added, or by code.
 */
static void
grid_order(struct circle_grid *g, int flags, size_t nmembers)
{
	if (g->npp > nmembers)
		qsort(g->pp, g->npp, sizeof *g->pp, name_cmp);
	/* By name, the order alone would hint at who is who. */
	if ((flags & CIRCLE_GRID_PSEUDONYMS) && g->npp > 0)
		qsort(g->pp, g->npp, sizeof *g->pp, code_cmp);
}

/* Everyone who has been in the group, by name (grid_strangers: others). */
static int
grid_people(struct circle_db *db, const struct circle_scope *sc, int flags,
    struct circle_grid *g, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, people_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	sqlite3_bind_int(st, 6, (flags & CIRCLE_GRID_CONTACTS) != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		person_add(g, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "members");
	/* people_sql's order is the sqlite3 shell's; this is the names'. */
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
static int
grid_members(struct circle_db *db, struct circle_grid *g,
    struct circle_err *e)
{
	struct circle_grid_member	*m;
	struct idx			*ids;
	sqlite3_stmt			*st;
	const char			*t;
	long				 p;
	int				 rc;

	ids = people_index(g);
	if ((st = circle_prepare(db, members_sql, e)) == NULL) {
		free(ids);
		return -1;
	}
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((p = idx_find(ids, g->npp,
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
	qsort(sids, g->nss, sizeof *sids, idx_cmp);
	if ((st = circle_prepare(db, marks_sql, e)) == NULL)
		goto out;
	circle_scope_bind(st, sc);
	sqlite3_bind_int64(st, 1, g->gid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((j = idx_find(sids, g->nss,
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
static void
grid_cells(struct circle_grid *g, const struct grid_mark *mk, size_t nmk)
{
	struct idx	*pids;
	size_t		 i;
	long		 p;

	pids = people_index(g);
	for (i = 0; i < nmk; i++)
		if ((p = idx_find(pids, g->npp, mk[i].member)) != -1)
			g->cells[(size_t)p * g->nss + mk[i].j] |= mk[i].mark;
	free(pids);
}

/* Per session and check-in survey: scored responses, their mean. */
static int
grid_checkins(struct circle_db *db, const struct circle_scope *sc,
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
static int
grid_head(struct circle_db *db, long long gid, struct circle_grid *g,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(g, 0, sizeof *g);
	g->gid = gid;
	if ((st = circle_prepare(db, head_sql, e)) == NULL)
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

	if (grid_head(db, gid, g, e) == -1)
		return -1;
	g->nkeys = nkeys;
	if (grid_sessions(db, sc, sessions_sql, g, e) == -1 ||
	    grid_marks(db, sc, g, &mk, &nmk, e) == -1)
		return -1;
	if (grid_people(db, sc, flags, g, e) == -1) {
		free(mk);
		return -1;
	}
	nmembers = g->npp;
	if (grid_strangers(db, flags, mk, nmk, g, e) == -1) {
		free(mk);
		return -1;
	}
	grid_order(g, flags, nmembers);
	if (grid_members(db, g, e) == -1) {
		free(mk);
		return -1;
	}
	g->cells = circle_xcalloc(g->npp * g->nss + 1, 1);
	grid_cells(g, mk, nmk);
	free(mk);
	if (grid_checkins(db, sc, keys, g, e) == -1)
		return -1;
	circle_grid_compute(g);
	return 0;
}

/* Where each held session of the grids is: its grid and column. */
struct grid_place {
	long long	 id;
	size_t		 grid;
	size_t		 j;
};

/* A member of a grid of the pass: the grid and their row in it. */
struct grid_seat {
	uint32_t	 grid;
	uint32_t	 p;
};

/* The marks of one pass, with what it needs to place them. */
struct grid_pass {
	struct circle_grid	*gs;
	size_t			 ngs;
	struct grid_place	*places;
	size_t			 nplaces;
	uint32_t		*at;		/* session id: places index + 1 */
	const struct grid_place	*last;		/* the last row's session */
	long long		 maxsid;
	uint32_t		*seat0;		/* member id: first of seats */
	struct grid_seat	*seats;		/* by member id */
	long long		 maxmid;
	struct idx		**pids;		/* per grid: its members */
	size_t			*nmembers;	/* per grid */
	unsigned char		**bysession;	/* per grid: nss x nmembers */
	struct grid_mark	**strangers;	/* per grid: others' marks */
	size_t			*nstrangers;
};

/*
 * Where each held session and each member of the pass's grids is, by id:
 * the pass looks each row's session and person up in these.
 */
static void
pass_seats(struct grid_pass *ps)
{
	struct circle_grid	*g;
	size_t			 i, p, n = 0;
	long long		 id;

	for (i = 0; i < ps->nplaces; i++)
		if (ps->places[i].id > ps->maxsid)
			ps->maxsid = ps->places[i].id;
	ps->at = circle_xcalloc((size_t)ps->maxsid + 1, sizeof *ps->at);
	for (i = 0; i < ps->nplaces; i++)
		if (ps->places[i].id > 0)
			ps->at[ps->places[i].id] = (uint32_t)i + 1;
	for (i = 0; i < ps->ngs; i++)
		for (p = 0; p < ps->nmembers[i]; p++)
			if (ps->gs[i].pp[p].id > ps->maxmid)
				ps->maxmid = ps->gs[i].pp[p].id;
	ps->seat0 = circle_xcalloc((size_t)ps->maxmid + 2,
	    sizeof *ps->seat0);
	for (i = 0; i < ps->ngs; i++)
		for (p = 0; p < ps->nmembers[i]; p++)
			if ((id = ps->gs[i].pp[p].id) > 0) {
				ps->seat0[id + 1]++;
				n++;
			}
	for (id = 1; id <= ps->maxmid + 1; id++)
		ps->seat0[id] += ps->seat0[id - 1];
	ps->seats = circle_xreallocarray(NULL, n + 1, sizeof *ps->seats);
	/* seat0[id] counts up to seat0[id + 1]: the first of id + 1. */
	for (i = 0; i < ps->ngs; i++) {
		g = &ps->gs[i];
		for (p = 0; p < ps->nmembers[i]; p++)
			if ((id = g->pp[p].id) > 0) {
				ps->seats[ps->seat0[id]].grid = (uint32_t)i;
				ps->seats[ps->seat0[id]++].p = (uint32_t)p;
			}
	}
	for (id = ps->maxmid + 1; id > 0; id--)
		ps->seat0[id] = ps->seat0[id - 1];
	ps->seat0[0] = 0;
}

/* The row of a member of the pass's grid gi, or -1. */
static long
pass_seat(const struct grid_pass *ps, size_t gi, long long member)
{
	uint32_t	i;

	if (member < 1 || member > ps->maxmid)
		return -1;
	for (i = ps->seat0[member]; i < ps->seat0[member + 1]; i++)
		if (ps->seats[i].grid == gi)
			return (long)ps->seats[i].p;
	return -1;
}

/*
 * One mark of the pass: into its cell if a member's, else kept for
 * grid_settle (someone who was never a member of the group).
 */
static void
pass_mark(struct grid_pass *ps, long long sid, long long member,
    unsigned char mark)
{
	const struct grid_place	*f;
	struct grid_mark	*m;
	long			 p;

	/* A session's rows mostly come one after another. */
	if ((f = ps->last) == NULL || f->id != sid) {
		if (sid < 1 || sid > ps->maxsid || ps->at[sid] == 0)
			return;
		f = ps->last = &ps->places[ps->at[sid] - 1];
		/* As the expected view: a held session with rows names
		 * people. */
		ps->gs[f->grid].ss[f->j].named = 1;
	}
	/* A session's rows come together: its cells are side by side. */
	if ((p = pass_seat(ps, f->grid, member)) != -1) {
		ps->bysession[f->grid][f->j * ps->nmembers[f->grid] +
		    (size_t)p] |= mark;
		return;
	}
	ps->strangers[f->grid] = circle_xgrow(ps->strangers[f->grid],
	    ps->nstrangers[f->grid], sizeof *ps->strangers[f->grid]);
	m = &ps->strangers[f->grid][ps->nstrangers[f->grid]++];
	m->j = f->j;
	m->member = member;
	m->mark = mark;
}

/* A row of the pass's query: its session, member and mark. */
static unsigned char
row_mark(sqlite3_stmt *st)
{
	return (unsigned char)circle_mark_of((const char *)sqlite3_column_text(
	    st, 2));
}

/*
 * The marks of every grid of the pass, read at once: each row once, so
 * with a small page cache (filling the usual 32 MiB costs more than it
 * serves here).  Into mk instead, every row, if it is not NULL.
 */
static int
pass_read(struct circle_db *db, const struct circle_scope *sc, size_t ngids,
    size_t off, struct grid_pass *ps, struct circle_grid_marks *mk,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (circle_lean_cache(db, e) == -1)
		return -1;
	if ((st = pass_prepare(db, sc, ngids, off, ps->ngs, e)) == NULL)
		return circle_usual_cache(db, -1, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (mk != NULL)
			marks_add(mk, sqlite3_column_int64(st, 0),
			    sqlite3_column_int64(st, 1), row_mark(st));
		else
			pass_mark(ps, sqlite3_column_int64(st, 0),
			    sqlite3_column_int64(st, 1), row_mark(st));
	sqlite3_finalize(st);
	return circle_usual_cache(db, rc == SQLITE_DONE ? 0 :
	    circle_db_error(db, e, "attendance"), e);
}

/* A kept session's room at the end of bucket k. */
static struct kept_session *
kept_room(struct marks_bucket *k)
{
	size_t	blk = k->nks / KEPT_PER_BLOCK;

	if (k->nks % KEPT_PER_BLOCK == 0) {
		k->ks = marks_room(k->ks, blk, &k->cks, sizeof *k->ks);
		k->ks[blk] = circle_xreallocarray(NULL, KEPT_PER_BLOCK,
		    sizeof **k->ks);
	}
	return &k->ks[blk][k->nks++ % KEPT_PER_BLOCK];
}

/*
 * The scope's sessions from one read of the table in its order, each kept
 * in the bucket of its group's batch (the groups being gids, ngids of
 * them, in batches of mk->per), and which bucket each held one's marks go
 * to.
 */
static int
keep_sessions(struct circle_db *db, const struct circle_scope *sc,
    const long long *gids, size_t ngids, struct circle_grid_marks *mk,
    struct circle_err *e)
{
	struct kept_session	*k;
	struct idx		*pos;
	sqlite3_stmt		*st;
	long long		 sid;
	size_t			 i, cap = 0, b;
	long			 p;
	int			 rc;

	pos = circle_xreallocarray(NULL, ngids + 1, sizeof *pos);
	for (i = 0; i < ngids; i++) {
		pos[i].id = gids[i];
		pos[i].i = i;
	}
	qsort(pos, ngids, sizeof *pos, idx_cmp);
	mk->nb = (ngids + mk->per - 1) / mk->per;
	mk->b = circle_xcalloc(mk->nb + 1, sizeof *mk->b);
	mk->bucket = circle_xcalloc(1, sizeof *mk->bucket);
	if ((st = circle_prepare(db, every_session_sql, e)) == NULL) {
		free(pos);
		return -1;
	}
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(st, 0);
		if (sid < 1 || (p = idx_find(pos, ngids,
		    sqlite3_column_int64(st, 8))) == -1)
			continue;
		b = (size_t)p / mk->per;
		k = kept_room(&mk->b[b]);
		session_read(k, st);
		k->gi = (uint32_t)p;
		if (strcmp(k->status, "held") != 0)
			continue;
		/* In table order the ids grow: the map grows with them. */
		if ((size_t)sid >= cap) {
			i = cap;
			cap = (size_t)sid + 1 > cap * 2 ? (size_t)sid + 1 :
			    cap * 2;
			mk->bucket = circle_xreallocarray(mk->bucket, cap,
			    sizeof *mk->bucket);
			memset(mk->bucket + i, 0, (cap - i) *
			    sizeof *mk->bucket);
		}
		mk->bucket[sid] = (uint32_t)(b + 1);
		if (sid > mk->maxsid)
			mk->maxsid = sid;
	}
	sqlite3_finalize(st);
	free(pos);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "sessions");
	return 0;
}

/*
 * The sessions of the batch of groups off to off + ngs, from those kept,
 * put in their grids and in order; their buckets' sessions freed.
 */
static void
kept_sessions_put(struct circle_grid_marks *mk, size_t off,
    struct circle_grid *gs, size_t ngs)
{
	struct marks_bucket	*k;
	struct kept_session	*ks;
	size_t			 b, i;

	for (b = off / mk->per; b < mk->nb && b * mk->per < off + ngs; b++) {
		k = &mk->b[b];
		for (i = 0; i < k->nks; i++) {
			ks = &k->ks[i / KEPT_PER_BLOCK][i % KEPT_PER_BLOCK];
			if (ks->gi >= off && ks->gi < off + ngs)
				session_put(&gs[ks->gi - off], ks);
		}
		if ((b + 1) * mk->per <= off + ngs)
			bucket_sessions_free(k);
	}
	grids_order_sessions(gs, ngs);
}

/*
 * The marks of the pass's grids (groups off to off + ps->ngs) from those
 * kept, run by run; the buckets of batches done are freed.
 */
static void
pass_replay(struct grid_pass *ps, size_t off, struct circle_grid_marks *mk)
{
	struct marks_bucket	*k;
	size_t			 b, r, i, end;
	long long		 sid;
	uint32_t		 m;

	for (b = off / mk->per; b < mk->nb && b * mk->per < off + ps->ngs;
	    b++) {
		k = &mk->b[b];
		for (r = 0; r < k->nruns; r++) {
			sid = k->sid[r];
			if (sid < 1 || sid > ps->maxsid || ps->at[sid] == 0)
				continue;
			end = r + 1 < k->nruns ? k->start[r + 1] : k->nm;
			for (i = k->start[r]; i < end; i++) {
				m = k->blk[i >> BLOCK_BITS][i & BLOCK_MASK];
				pass_mark(ps, sid, m >> MARK_BITS,
				    (unsigned char)(m & CIRCLE_CELL_MARK));
			}
		}
		if ((b + 1) * mk->per <= off + ps->ngs)
			bucket_free(k);
	}
}

/*
 * What the batches of every group share, read by the first (off 0; the
 * batches come in order, of as many groups as the first but the last):
 * the scope's sessions, and the rows of attendance at its held sessions,
 * each kept for its batch, with a small page cache (each row is read
 * once).  For one batch, or when a member id does not fit the packing,
 * the marks are not kept: each batch reads the table.
 */
static int
batch_keep(struct circle_db *db, const struct circle_scope *sc,
    const long long *gids, size_t ngids, struct grid_pass *ps,
    struct circle_grid_marks **mkp, struct circle_err *e)
{
	struct circle_grid_marks	*mk;
	size_t				 b;

	mk = circle_xcalloc(1, sizeof *mk);
	mk->per = ps->ngs;
	mk->nomarks = ps->ngs == ngids;
	if (circle_lean_cache(db, e) == -1 ||
	    circle_usual_cache(db, keep_sessions(db, sc, gids, ngids, mk, e),
	    e) == -1 || (!mk->nomarks && pass_read(db, sc, ngids, 0, ps, mk,
	    e) == -1)) {
		circle_grid_marks_free(mk);
		return -1;
	}
	if (mk->nomarks)
		for (b = 0; b < mk->nb; b++)
			bucket_marks_free(&mk->b[b]);
	*mkp = mk;
	return 0;
}

/*
 * The pass's marks: from those kept by the first batch (batch_keep), or
 * read for this batch alone: one group's scope, every group in one batch,
 * or marks not kept.
 */
static int
pass_marks(struct circle_db *db, const struct circle_scope *sc,
    size_t ngids, size_t off, struct grid_pass *ps,
    struct circle_grid_marks *mk, struct circle_err *e)
{
	if (mk == NULL || mk->nomarks)
		return pass_read(db, sc, ngids, off, ps, NULL, e);
	pass_replay(ps, off, mk);
	return 0;
}

/*
 * A grid whose members' marks are in: the others marked added, the people
 * put in order, the cells laid out by person (their rows in that order),
 * then as circle_grid_load.
 */
static int
grid_settle(struct circle_db *db, int flags, struct grid_pass *ps, size_t gi,
    struct circle_err *e)
{
	struct circle_grid	*g = &ps->gs[gi];
	const unsigned char	*by = ps->bysession[gi];
	size_t			 i, j, n = ps->nmembers[gi];
	long			 o;
	int			 moved = 0;

	if (grid_strangers(db, flags, ps->strangers[gi], ps->nstrangers[gi],
	    g, e) == -1)
		return -1;
	if (g->npp > n || (flags & CIRCLE_GRID_PSEUDONYMS)) {
		grid_order(g, flags, n);
		moved = 1;
	}
	g->cells = circle_xcalloc(g->npp * g->nss + 1, 1);
	for (i = 0; i < g->npp; i++) {
		o = moved ? idx_find(ps->pids[gi], n, g->pp[i].id) : (long)i;
		if (o == -1)
			continue;
		for (j = 0; j < g->nss; j++)
			g->cells[i * g->nss + j] = by[j * n + (size_t)o];
	}
	free(ps->bysession[gi]);
	ps->bysession[gi] = NULL;
	grid_cells(g, ps->strangers[gi], ps->nstrangers[gi]);
	if (grid_members(db, g, e) == -1 ||
	    grid_checkins(db, NULL, NULL, g, e) == -1)
		return -1;
	circle_grid_compute(g);
	return 0;
}

static void
pass_release(struct grid_pass *ps)
{
	size_t	i;

	for (i = 0; i < ps->ngs; i++) {
		free(ps->pids[i]);
		free(ps->bysession[i]);
		free(ps->strangers[i]);
	}
	free(ps->pids);
	free(ps->bysession);
	free(ps->strangers);
	free(ps->nstrangers);
	free(ps->nmembers);
	free(ps->places);
	free(ps->at);
	free(ps->seat0);
	free(ps->seats);
}

/*
 * Load the grids of groups off to off + n of gids, the scope's ngids
 * groups by handle (circle_grid_groups), without check-ins: each group's
 * people read per group, the sessions and marks of all of them in one
 * pass over each table (sessions per group for one group's scope).
 * Batches of CIRCLE_GRID_BATCH groups keep the memory bounded; for every
 * group, their sessions and marks come from one read of each table, kept
 * in *mk (NULL before the first batch; circle_grid_marks_free after the
 * last), or, if mk is NULL, from a read for each batch.  The caller
 * releases each grid and frees *gs.
 */
int
circle_grid_load_all(struct circle_db *db, const struct circle_scope *sc,
    int flags, const long long *gids, size_t ngids, size_t off, size_t n,
    struct circle_grid_marks **mk, struct circle_grid **gs,
    struct circle_err *e)
{
	struct grid_pass	 ps;
	struct circle_grid	*g;
	size_t			 i, j;
	int			 rc = -1, lean, keep;

	/*
	 * Batches that share the marks kept read each group's rows once, with
	 * a small page cache: the usual 32 MiB would be on top of the marks.
	 */
	*gs = NULL;
	if ((lean = mk != NULL && n < ngids) && circle_lean_cache(db,
	    e) == -1)
		return -1;
	keep = mk != NULL && pass_sql(sc) == every_mark_sql;
	memset(&ps, 0, sizeof ps);
	ps.ngs = n;
	gids += off;
	ps.gs = circle_xcalloc(ps.ngs + 1, sizeof *ps.gs);
	ps.pids = circle_xcalloc(ps.ngs + 1, sizeof *ps.pids);
	ps.nmembers = circle_xcalloc(ps.ngs + 1, sizeof *ps.nmembers);
	ps.bysession = circle_xcalloc(ps.ngs + 1, sizeof *ps.bysession);
	ps.strangers = circle_xcalloc(ps.ngs + 1, sizeof *ps.strangers);
	ps.nstrangers = circle_xcalloc(ps.ngs + 1, sizeof *ps.nstrangers);
	if (keep && *mk == NULL && off == 0 && (batch_keep(db, sc, gids,
	    ngids, &ps, mk, e) == -1 || (lean && circle_lean_cache(db,
	    e) == -1)))
		goto out;
	for (i = 0; i < ps.ngs; i++)
		if (grid_head(db, gids[i], &ps.gs[i], e) == -1)
			goto out;
	if (keep && *mk != NULL)
		kept_sessions_put(*mk, off, ps.gs, ps.ngs);
	else
		for (i = 0; i < ps.ngs; i++)
			if (grid_sessions(db, sc, pass_sessions_sql, &ps.gs[i],
			    e) == -1)
				goto out;
	for (i = 0; i < ps.ngs; i++) {
		g = &ps.gs[i];
		if (grid_people(db, sc, flags, g, e) == -1)
			goto out;
		ps.pids[i] = people_index(g);
		ps.nmembers[i] = g->npp;
		ps.bysession[i] = circle_xcalloc(g->npp * g->nss + 1, 1);
		/* Marks count at held sessions only, as marks_sql's. */
		for (j = 0; j < g->nss; j++) {
			if (!g->ss[j].held)
				continue;
			ps.places = circle_xgrow(ps.places, ps.nplaces,
			    sizeof *ps.places);
			ps.places[ps.nplaces].id = g->ss[j].id;
			ps.places[ps.nplaces].grid = i;
			ps.places[ps.nplaces++].j = j;
		}
	}
	pass_seats(&ps);
	if (pass_marks(db, sc, ngids, off, &ps, keep ? *mk : NULL, e) == -1 ||
	    (lean && circle_lean_cache(db, e) == -1))
		goto out;
	for (i = 0; i < ps.ngs; i++)
		if (grid_settle(db, flags, &ps, i, e) == -1)
			goto out;
	rc = 0;
out:
	if (lean)
		rc = circle_usual_cache(db, rc, e);
	if (rc == -1) {
		for (i = 0; i < ps.ngs; i++)
			circle_grid_release(&ps.gs[i]);
		free(ps.gs);
	} else
		*gs = ps.gs;
	pass_release(&ps);
	return rc;
}

void
circle_grid_release(struct circle_grid *g)
{
	size_t	i;

	for (i = 0; i < g->nss; i++) {
		free(g->ss[i].status);
		free(g->ss[i].topic);
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

/*
 * The queries circle_grid_load_all runs for its first batch of ngids
 * groups, those per group for group gid, parameters bound as the sqlite3
 * shell would take them, one a line after a comment saying which run
 * once and which per group, appended to *sql.  flags as
 * circle_grid_load_all's.
 */
int
circle_grid_sql(struct circle_db *db, const struct circle_scope *sc,
    long long gid, size_t ngids, int flags, char **sql, struct circle_err *e)
{
	const char	*q[] = { groups_sql, head_sql, pass_sessions_sql,
	    people_sql, NULL, members_sql };
	size_t		 n = ngids < CIRCLE_GRID_BATCH ? ngids :
	    CIRCLE_GRID_BATCH;
	int		 once = pass_sql(sc) == every_mark_sql;
	int		 every = once && n == ngids;
	sqlite3_stmt	*st;
	char		*x;
	size_t		 i;

	/* For every group, the sessions are read once (kept if batched). */
	if (once)
		q[2] = every_session_sql;
	circle_xappend(sql, "\n", "-- run once: the first, %s; for each "
	    "group the first gives (?1; here the first, %lld): the second, "
	    "%sfourth and last", every ? "the third (every group's "
	    "sessions) and the fifth (the marks)" : once ? "the third and "
	    "the fifth (every group's sessions and the marks, kept for every "
	    "batch of groups)" : "and the fifth (the marks) once for each "
	    "batch of groups (here the first)", gid, once ? "" : "third, ");
	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		if (i == 4)
			st = pass_prepare(db, sc, ngids, 0, n, e);
		else if ((st = circle_prepare(db, q[i], e)) != NULL)
			circle_scope_bind(st, sc);
		if (st == NULL)
			return -1;
		if (i == 1 || (i == 2 && !once) || i == 3 || i == 5)
			sqlite3_bind_int64(st, 1, gid);
		if (q[i] == people_sql)
			sqlite3_bind_int(st, 6,
			    (flags & CIRCLE_GRID_CONTACTS) != 0);
		x = sqlite3_expanded_sql(st);
		sqlite3_finalize(st);
		if (x == NULL)
			return circle_err_set(e, CIRCLE_EIO, "grid: out of "
			    "memory");
		circle_xappend(sql, "\n", "%s;", x);
		sqlite3_free(x);
	}
	return 0;
}
