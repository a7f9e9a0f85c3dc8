/*
 * gridpass.c: the grids of every group of a scope at once
 * (circle_grid_load_all), from one pass over attendance instead of one
 * query per group: the rows of the scope's held sessions read once, in
 * table order, into the cells of the grids of a batch of groups, or, when
 * the groups come in batches, kept packed for every batch (the "kept"
 * sessions and marks); then each grid settled as grid.c loads one.  The
 * queries it runs, as circle_grid_sql shows them.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "report.h"
#include "grid.h"

static const char pass_sessions_sql[] = SESSIONS_SQL("NULL, NULL", "NULL",
    "", "s.grp_id = ?1 AND ", BY_START, "NULL");
/*
 * The same for every group at once, in table order (each row once, not a
 * seek through an index), each row to its group's grid (or kept for its
 * batch), each grid's put in order by start in C.
 */
static const char every_session_sql[] = SESSIONS_SQL("NULL, NULL", "NULL",
    "NOT INDEXED ", "", "", "NULL");
/*
 * The same for a batch of groups at once (circle_grid_load_all): one pass
 * over attendance instead of one per group, whose rows are spread over
 * the whole table.  For some groups (?9 of them from the ?10th, in the
 * order of circle_grid_groups_sql), their sessions' rows by the session
 * index; for every group, the whole table in its order (about half the
 * time of the index at scale 1), the sessions' grids choosing.
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
	qsort(pos, ngids, sizeof *pos, circle_grid_idx_cmp);
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
		if (sid < 1 || (p = circle_grid_idx_find(pos, ngids,
		    sqlite3_column_int64(st, 8))) == -1)
			continue;
		b = (size_t)p / mk->per;
		k = kept_room(&mk->b[b]);
		circle_grid_session_read(k, st);
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
				circle_grid_session_put(&gs[ks->gi - off], ks);
		}
		if ((b + 1) * mk->per <= off + ngs)
			bucket_sessions_free(k);
	}
	circle_grid_order_sessions(gs, ngs);
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

	if (circle_grid_strangers(db, flags, ps->strangers[gi],
	    ps->nstrangers[gi], g, e) == -1)
		return -1;
	if (g->npp > n || (flags & CIRCLE_GRID_PSEUDONYMS)) {
		circle_grid_order(g, flags, n);
		moved = 1;
	}
	g->cells = circle_xcalloc(g->npp * g->nss + 1, 1);
	for (i = 0; i < g->npp; i++) {
		o = moved ? circle_grid_idx_find(ps->pids[gi], n, g->pp[i].id) :
		    (long)i;
		if (o == -1)
			continue;
		for (j = 0; j < g->nss; j++)
			g->cells[i * g->nss + j] = by[j * n + (size_t)o];
	}
	free(ps->bysession[gi]);
	ps->bysession[gi] = NULL;
	circle_grid_cells(g, ps->strangers[gi], ps->nstrangers[gi]);
	if (circle_grid_members(db, g, e) == -1 ||
	    circle_grid_checkins(db, NULL, NULL, g, e) == -1)
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
		if (circle_grid_head(db, gids[i], &ps.gs[i], e) == -1)
			goto out;
	if (keep && *mk != NULL)
		kept_sessions_put(*mk, off, ps.gs, ps.ngs);
	else
		for (i = 0; i < ps.ngs; i++)
			if (circle_grid_sessions(db, sc, pass_sessions_sql,
			    &ps.gs[i], e) == -1)
				goto out;
	for (i = 0; i < ps.ngs; i++) {
		g = &ps.gs[i];
		if (circle_grid_people(db, sc, flags, g, e) == -1)
			goto out;
		ps.pids[i] = circle_grid_people_index(g);
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
	const char	*q[] = { circle_grid_groups_sql, circle_grid_head_sql,
	    pass_sessions_sql, circle_grid_people_sql, NULL,
	    circle_grid_members_sql };
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
		if (q[i] == circle_grid_people_sql)
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
