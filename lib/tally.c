/*
 * tally.c: the reports that count held sessions and the people marked as
 * there over a scope, monthly and funder, in one pass over attendance (as
 * grid.c does for the per-person reports).  The held sessions of the scope
 * are read first; then each attendance row once, those that count as came
 * (circle_mark_came) counted, in table order, or through the session index
 * when the scope is a small part of the database, and added to its
 * session, its person and its group's month.  Figures that are rounded go
 * through SQLite's round(), so that they are the SQL's, byte for byte
 * (t6200 holds them to tests/bench/ref-monthly.sql and ref-funder.sql).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* A scope with fewer held sessions than 1/SPARSE of all is looked up. */
#define SPARSE		8

/*
 * The held sessions of the scope: through the group index for one group
 * or a few dates, else the whole table in its order (NOT INDEXED), which
 * reads each page once where the index seeks each row on a page of its
 * own; monthly puts them in order of group and month in C.  Their length
 * for the funder's hours (parsing the times is most of this query's cost).
 */
#define HELD_SQL(secs, from, grp) "SELECT s.id, s.grp_id, " \
	"substr(s.local_start, 1, 7), coalesce(s.headcount, 0), " secs \
	" FROM session s " from "WHERE s.status = 'held' AND " grp S_DATES
#define HELD_SECS	"strftime('%s', s.ends_at) - strftime('%s', s.starts_at)"
#define HELD_GROUPS	"s.grp_id IN " GROUPS " AND "
static const char held_sql[] = HELD_SQL("NULL", "", HELD_GROUPS);
static const char held_scan_sql[] = HELD_SQL("NULL", "NOT INDEXED ", "");
static const char funder_held_sql[] = HELD_SQL(HELD_SECS, "", HELD_GROUPS);
static const char funder_held_scan_sql[] = HELD_SQL(HELD_SECS,
    "NOT INDEXED ", "");
/* Sessions whose people are not new in the period (funder). */
#define BEFORE_SQL(from, grp) "SELECT s.id FROM session s " from "WHERE " \
	grp "s.status = 'held' AND s.local_start < ?2"
static const char before_sql[] = BEFORE_SQL("", HELD_GROUPS);
static const char before_scan_sql[] = BEFORE_SQL("NOT INDEXED ", "");
/*
 * Every row, the marks that count as came chosen in C (circle_mark_came):
 * SQLite 3.40 looks an IN list up in a b-tree for each row, which costs
 * more than reading the rows.
 */
static const char scan_sql[] =
	"SELECT a.session_id, a.member_id, a.status FROM attendance a";
static const char one_sql[] =
	"SELECT a.member_id, a.status FROM attendance a WHERE "
	"a.session_id = ?1";
/*
 * The largest ids, and for every group the sessions starting within the
 * scope's bounds (by the session_start index, which holds no more): the
 * sessions are read in table order when they are 1/SPARSE of all or more.
 */
static const char max_sql[] =
	"SELECT coalesce((SELECT max(id) FROM session), 0), "
	"coalesce((SELECT max(id) FROM member), 0), (SELECT count(*) FROM "
	"session s WHERE ?1 = 0 AND s.starts_at >= ?4 AND s.starts_at < ?5)";

struct held {
	long long	 id;
	long long	 gid;
	char		 month[8];	/* YYYY-MM, local */
	long long	 headcount;
	long long	 n;		/* marked as came */
	size_t		 gm;		/* its group's month */
	size_t		 grp;		/* its group's index in gids */
};

/* A group's month: monthly's row. */
struct gmonth {
	long long	 gid;
	size_t		 grp;		/* the group's number in the scope */
	const char	*handle;	/* borrowed from handles */
	const char	*month;		/* borrowed from a held */
	long long	 held;
	long long	 people;	/* distinct, recorded by name */
	long long	 attendances;
	uint64_t	*came;		/* bit per slot: came this month */
	size_t		 nwords;
};

/* A held session's place in the order: its month's text as a number. */
struct held_ref {
	uint64_t	 month;
	uint32_t	 i;		/* in h */
};

struct tally {
	struct circle_db	*db;
	int			 funder;
	int			 scan;		/* sessions in table order */
	struct held		*h;
	size_t			 nh;
	struct held_ref		*order;		/* h by group and month */
	long long		 secs;		/* the held sessions' length */
	long long		 maxsid, maxmid;
	uint32_t		*at;		/* session id: h's index + 1 */
	long long		*before;	/* session ids (funder) */
	size_t			 nbefore;
	unsigned char		*isbefore;	/* session id: one of before */
	struct gmonth		*gm;
	size_t			 ngm;
	size_t			 ngrp;		/* groups with held sessions */
	uint32_t		*nslots;	/* per group: people numbered */
	uint64_t		*pair;		/* (group, member) + 1, hashed */
	uint32_t		*slot;		/* pair's number in its group */
	size_t			 npair, cappair;
	uint32_t		*last;		/* member id: gm + 1 last added */
	uint32_t		*lastgrp;	/* member id: group + 1 of lastslot */
	uint32_t		*lastslot;	/* member id: slot there */
	uint32_t		*came;		/* member id: times (funder) */
	unsigned char		*old;		/* member id: came before */
	long long		*gids;		/* every group, by id */
	char			**handles;	/* owned, as gids */
	size_t			 nhandles;
};

static void
tally_release(struct tally *t)
{
	size_t	i;

	free(t->h);
	free(t->order);
	free(t->at);
	free(t->before);
	free(t->isbefore);
	for (i = 0; i < t->ngm; i++)
		free(t->gm[i].came);
	free(t->gm);
	free(t->nslots);
	free(t->pair);
	free(t->slot);
	free(t->last);
	free(t->lastgrp);
	free(t->lastslot);
	free(t->came);
	free(t->old);
	free(t->gids);
	circle_strv_free(t->handles, t->nhandles);
}

static int
load_max(struct tally *t, const struct circle_scope *sc,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(t->db, max_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->maxsid = sqlite3_column_int64(st, 0);
		t->maxmid = sqlite3_column_int64(st, 1);
		t->scan = sqlite3_column_int64(st, 2) * SPARSE >= t->maxsid &&
		    sc->gid == 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(t->db, e, "report");
	if (t->maxsid < 0 || t->maxsid >= UINT32_MAX || t->maxmid < 0 ||
	    t->maxmid >= UINT32_MAX)
		return circle_err_set(e, CIRCLE_EDATA, "report: ids out of "
		    "range");
	return 0;
}

/* The query of the held sessions, and of those before (funder). */
static const char *
held_query(const struct tally *t, int before)
{
	if (before)
		return t->scan ? before_scan_sql : before_sql;
	if (t->funder)
		return t->scan ? funder_held_scan_sql : funder_held_sql;
	return t->scan ? held_scan_sql : held_sql;
}

/* The held sessions of the scope, as read. */
static int
load_held(struct tally *t, const struct circle_scope *sc,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct held	*h;
	long long	 id;
	int		 rc;

	if ((st = circle_prepare(t->db, held_query(t, 0), e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	t->at = circle_xcalloc((size_t)t->maxsid + 1, sizeof *t->at);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > t->maxsid)
			continue;
		t->h = circle_xgrow(t->h, t->nh, sizeof *t->h);
		h = &t->h[t->nh++];
		memset(h, 0, sizeof *h);
		h->id = id;
		h->gid = sqlite3_column_int64(st, 1);
		snprintf(h->month, sizeof h->month, "%s",
		    (const char *)sqlite3_column_text(st, 2));
		h->headcount = sqlite3_column_int64(st, 3);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			t->secs += sqlite3_column_int64(st, 4);
		t->at[id] = (uint32_t)t->nh;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(t->db, e, "report");
	return 0;
}

static long long
id_at(const void *a)
{
	return *(const long long *)a;
}

static int
id_cmp(const void *a, const void *b)
{
	return id_at(a) < id_at(b) ? -1 : id_at(a) > id_at(b);
}

/* Every group's id and handle, by id: what monthly's rows are named by. */
static int
load_groups(struct tally *t, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(t->db, "SELECT id, handle FROM grp ORDER BY "
	    "id", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->gids = circle_xgrow(t->gids, t->nhandles, sizeof *t->gids);
		t->gids[t->nhandles] = sqlite3_column_int64(st, 0);
		t->handles = circle_xgrow(t->handles, t->nhandles,
		    sizeof *t->handles);
		t->handles[t->nhandles++] = circle_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(t->db, e, "report");
	return 0;
}

static uint64_t
month_key(const char *m)
{
	uint64_t	k = 0;
	size_t		i;

	for (i = 0; i < 8; i++)
		k = k << 8 | (unsigned char)(m[i]);
	return k;
}

/* By month (as strcmp would put them: month[] ends in NULs), then h. */
static int
held_ref_cmp(const void *a, const void *b)
{
	const struct held_ref	*x = a, *y = b;

	if (x->month != y->month)
		return x->month < y->month ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The held sessions in order of group (by id) and month, t->order: by
 * group in one pass (a count per group), then each group's by month, so
 * that the cost grows as the sessions do.
 */
static int
held_order(struct tally *t, struct circle_err *e)
{
	const long long	*f;
	size_t		*first, i, g;

	for (i = 0; i < t->nh; i++) {
		if ((f = bsearch(&t->h[i].gid, t->gids, t->nhandles,
		    sizeof *t->gids, id_cmp)) == NULL)
			return circle_err_set(e, CIRCLE_EIO, "report: a "
			    "session of no group");
		t->h[i].grp = (size_t)(f - t->gids);
	}
	first = circle_xcalloc(t->nhandles + 1, sizeof *first);
	for (i = 0; i < t->nh; i++)
		first[t->h[i].grp + 1]++;
	for (g = 0; g < t->nhandles; g++)
		first[g + 1] += first[g];
	t->order = circle_xreallocarray(NULL, t->nh + 1, sizeof *t->order);
	for (i = 0; i < t->nh; i++) {
		g = first[t->h[i].grp]++;
		t->order[g].month = month_key(t->h[i].month);
		t->order[g].i = (uint32_t)i;
	}
	/* first[g] is now where group g + 1 begins. */
	for (g = 0; g < t->nhandles; g++) {
		i = g == 0 ? 0 : first[g - 1];
		if (first[g] - i > 1)
			qsort(t->order + i, first[g] - i, sizeof *t->order,
			    held_ref_cmp);
	}
	free(first);
	return 0;
}

/* The months of each group, the held sessions taken in t->order. */
static void
group_months(struct tally *t)
{
	struct held	*h, *p = NULL;
	size_t		 i;

	for (i = 0; i < t->nh; i++, p = h) {
		h = &t->h[t->order[i].i];
		if (p == NULL || p->gid != h->gid ||
		    strcmp(p->month, h->month) != 0) {
			t->gm = circle_xgrow(t->gm, t->ngm, sizeof *t->gm);
			memset(&t->gm[t->ngm], 0, sizeof *t->gm);
			if (p == NULL || p->gid != h->gid)
				t->ngrp++;
			t->gm[t->ngm].gid = h->gid;
			t->gm[t->ngm].grp = t->ngrp - 1;
			t->gm[t->ngm].handle = t->handles[h->grp];
			t->gm[t->ngm].month = h->month;
			t->ngm++;
		}
		h->gm = t->ngm - 1;
		t->gm[h->gm].held++;
	}
}

static int
load_before(struct tally *t, const struct circle_scope *sc,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id;
	int		 rc;

	if ((st = circle_prepare(t->db, held_query(t, 1), e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	t->isbefore = circle_xcalloc((size_t)t->maxsid + 1, 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || id > t->maxsid)
			continue;
		t->before = circle_xgrow(t->before, t->nbefore,
		    sizeof *t->before);
		t->before[t->nbefore++] = id;
		t->isbefore[id] = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(t->db, e, "report");
	return 0;
}

static uint64_t
mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

/* Put key with its value v in a table of cap (a power of 2) pairs. */
static void
pair_put(uint64_t *key, uint32_t *val, size_t cap, uint64_t k, uint32_t v)
{
	size_t	i, mask = cap - 1;

	for (i = mix(k) & mask; key[i] != 0 && key[i] != k; i = (i + 1) & mask)
		;
	key[i] = k;
	val[i] = v;
}

/*
 * The number of a person in a group (0, 1, ... in the order they are first
 * seen there): what a month's bitmap is indexed by.
 */
static uint32_t
person_slot(struct tally *t, size_t grp, long long mid)
{
	uint64_t	 k = ((uint64_t)grp << 32 | (uint64_t)mid) + 1, *okey;
	uint32_t	*oval, s;
	size_t		 i, n, mask;

	/* Most people are in one group: the last one asked for. */
	if (t->lastgrp[mid] == grp + 1)
		return t->lastslot[mid];
	if ((t->npair + 1) * 2 > t->cappair) {
		okey = t->pair;
		oval = t->slot;
		n = t->cappair;
		t->cappair = n == 0 ? 4096 : n * 2;
		t->pair = circle_xcalloc(t->cappair, sizeof *t->pair);
		t->slot = circle_xcalloc(t->cappair, sizeof *t->slot);
		for (i = 0; i < n; i++)
			if (okey[i] != 0)
				pair_put(t->pair, t->slot, t->cappair, okey[i],
				    oval[i]);
		free(okey);
		free(oval);
	}
	mask = t->cappair - 1;
	for (i = mix(k) & mask; t->pair[i] != 0 && t->pair[i] != k;
	    i = (i + 1) & mask)
		;
	if (t->pair[i] == k)
		s = t->slot[i];
	else {
		s = t->nslots[grp]++;
		t->pair[i] = k;
		t->slot[i] = s;
		t->npair++;
	}
	t->lastgrp[mid] = (uint32_t)grp + 1;
	t->lastslot[mid] = s;
	return s;
}

/* Mark the person in slot s as come in a group's month; 1 if new. */
static int
month_add(struct gmonth *g, uint32_t s)
{
	size_t		 w = s / 64, n;
	uint64_t	 b = (uint64_t)1 << (s % 64);

	if (w >= g->nwords) {
		n = g->nwords * 2 > w + 1 ? g->nwords * 2 : w + 1;
		g->came = circle_xreallocarray(g->came, n, sizeof *g->came);
		memset(g->came + g->nwords, 0, (n - g->nwords) *
		    sizeof *g->came);
		g->nwords = n;
	}
	if (g->came[w] & b)
		return 0;
	g->came[w] |= b;
	return 1;
}

/* One attendance row that counts as came. */
static void
tally_row(struct tally *t, long long sid, long long mid)
{
	struct held	*h;
	struct gmonth	*g;

	if (sid < 1 || sid > t->maxsid || mid < 1 || mid > t->maxmid)
		return;
	if (t->at[sid] != 0) {
		h = &t->h[t->at[sid] - 1];
		h->n++;
		if (t->funder)
			t->came[mid]++;
		else if (t->last[mid] != h->gm + 1) {
			/* Most rows repeat the person's last month. */
			t->last[mid] = (uint32_t)h->gm + 1;
			g = &t->gm[h->gm];
			if (month_add(g, person_slot(t, g->grp, mid)))
				g->people++;
		}
	}
	if (t->funder && t->isbefore[sid])
		t->old[mid] = 1;
}

/*
 * The pass: every row of attendance in table order, or, when the scope is
 * a small part of the database, each of its sessions' rows by the index.
 */
static int
tally_pass(struct tally *t, struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i, n = t->nh + t->nbefore;
	long long	 sid;
	int		 rc = SQLITE_DONE;

	if (n == 0)
		return 0;
	if ((long long)n * SPARSE >= t->maxsid) {
		if (circle_lean_cache(t->db, e) == -1)
			return -1;
		if ((st = circle_prepare(t->db, scan_sql, e)) == NULL)
			return circle_usual_cache(t->db, -1, e);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (circle_mark_text_came((const char *)
			    sqlite3_column_text(st, 2)))
				tally_row(t, sqlite3_column_int64(st, 0),
				    sqlite3_column_int64(st, 1));
		sqlite3_finalize(st);
		return circle_usual_cache(t->db, rc == SQLITE_DONE ? 0 :
		    circle_db_error(t->db, e, "report"), e);
	}
	if ((st = circle_prepare(t->db, one_sql, e)) == NULL)
		return -1;
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sid = i < t->nh ? t->h[i].id : t->before[i - t->nh];
		/* A session both held here and before: counted once. */
		if (i >= t->nh && t->at[sid] != 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, sid);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			if (circle_mark_text_came((const char *)
			    sqlite3_column_text(st, 1)))
				tally_row(t, sid, sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : circle_db_error(t->db, e, "report");
}

static int
tally_load(struct tally *t, const struct circle_scope *sc,
    struct circle_err *e)
{
	int	funder = t->funder;

	if (load_max(t, sc, e) == -1 || load_held(t, sc, e) == -1)
		return -1;
	if (funder) {
		t->came = circle_xcalloc((size_t)t->maxmid + 1,
		    sizeof *t->came);
		t->old = circle_xcalloc((size_t)t->maxmid + 1, 1);
		if (load_before(t, sc, e) == -1)
			return -1;
	} else {
		if (load_groups(t, e) == -1 || held_order(t, e) == -1)
			return -1;
		group_months(t);
		t->nslots = circle_xcalloc(t->ngrp + 1, sizeof *t->nslots);
		t->last = circle_xcalloc((size_t)t->maxmid + 1,
		    sizeof *t->last);
		t->lastgrp = circle_xcalloc((size_t)t->maxmid + 1,
		    sizeof *t->lastgrp);
		t->lastslot = circle_xcalloc((size_t)t->maxmid + 1,
		    sizeof *t->lastslot);
	}
	return tally_pass(t, e);
}

/*
 * The sessions and then attendance are read once each, in order: a small
 * page cache serves that as well as the usual one, without the cost of
 * filling 32 MiB.
 */
static int
tally_run(struct tally *t, struct circle_db *db, const struct circle_scope *sc,
    int funder, struct circle_err *e)
{
	memset(t, 0, sizeof *t);
	t->db = db;
	t->funder = funder;
	return tally_load(t, sc, e);
}

/*
 * Attendances of a held session as every report counts them: those
 * marked as came, or its headcount (-1: none) if more.
 */
long long
circle_attendances(long long headcount, long long marked)
{
	return headcount > marked ? headcount : marked;
}

static long long
attendances(const struct held *h)
{
	return circle_attendances(h->headcount, h->n);
}

/* round(a * 1.0 / b, places) as SQLite writes it, into buf. */
static int
round_text(struct circle_db *db, sqlite3_stmt *st, long long a, long long b,
    int places, char *buf, size_t len, struct circle_err *e)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int(st, 3, places);
	if (sqlite3_step(st) != SQLITE_ROW)
		return circle_db_error(db, e, "report");
	snprintf(buf, len, "%s", (const char *)sqlite3_column_text(st, 0));
	return 0;
}

static int
gm_cmp(const void *a, const void *b)
{
	const struct gmonth	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->handle, y->handle)) != 0)
		return c;
	return strcmp(x->month, y->month);
}

/*
 * circle report monthly: for each group and month of the scope, sessions
 * held, unique participants (recorded by name), attendances (the people
 * marked as there, or a session's headcount when that is more) and their
 * average a session, ordered by group handle and month.
 */
int
circle_tally_monthly(struct circle_db *db, const struct circle_scope *sc,
    void (*row)(void *, const char *const *), void *arg,
    struct circle_err *e)
{
	struct tally	 t;
	sqlite3_stmt	*rst = NULL;
	struct gmonth	*g;
	const char	*v[6];
	char		 held[24], people[24], att[24], avg[32];
	size_t		 i;
	int		 rc = -1;

	if (tally_run(&t, db, sc, 0, e) == -1)
		goto out;
	for (i = 0; i < t.nh; i++)
		t.gm[t.h[i].gm].attendances += attendances(&t.h[i]);
	if (t.ngm > 1)
		qsort(t.gm, t.ngm, sizeof *t.gm, gm_cmp);
	if ((rst = circle_prepare(db, "SELECT round(?1 * 1.0 / ?2, ?3)",
	    e)) == NULL)
		goto out;
	for (i = 0; i < t.ngm; i++) {
		g = &t.gm[i];
		if (round_text(db, rst, g->attendances, g->held, 1, avg,
		    sizeof avg, e) == -1)
			goto out;
		snprintf(held, sizeof held, "%lld", g->held);
		snprintf(people, sizeof people, "%lld", g->people);
		snprintf(att, sizeof att, "%lld", g->attendances);
		v[0] = g->handle;
		v[1] = g->month;
		v[2] = held;
		v[3] = people;
		v[4] = att;
		v[5] = avg;
		row(arg, v);
	}
	rc = 0;
out:
	sqlite3_finalize(rst);
	tally_release(&t);
	return rc;
}

/*
 * The funder's counts over a scope: sessions held and their hours,
 * unique participants, new ones (none of the groups' held sessions before
 * the first date), contacts, and those who came three times or more.
 */
int
circle_tally_funder(struct circle_db *db, const struct circle_scope *sc,
    struct circle_funder *r, struct circle_err *e)
{
	struct tally	 t;
	sqlite3_stmt	*st;
	size_t		 i;
	long long	 m;
	int		 rc = -1;

	if (tally_run(&t, db, sc, 1, e) == -1)
		goto out;
	r->held = (long long)t.nh;
	for (i = 0; i < t.nh; i++)
		r->contacts += attendances(&t.h[i]);
	for (m = 1; m <= t.maxmid; m++) {
		if (t.came[m] == 0)
			continue;
		r->people++;
		r->new_people += !t.old[m];
		r->retained += t.came[m] >= 3;
	}
	if ((st = circle_prepare(db, "SELECT round(?1 / 3600.0, 2)",
	    e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, t.secs);
	if (sqlite3_step(st) == SQLITE_ROW) {
		r->hours = sqlite3_column_double(st, 0);
		rc = 0;
	} else
		circle_db_error(db, e, "report");
	sqlite3_finalize(st);
out:
	tally_release(&t);
	return rc;
}

/*
 * The queries the pass runs, parameters bound, for the sqlite3 shell,
 * after a comment saying how they are put together.  The caller frees it.
 */
int
circle_tally_sql(struct circle_db *db, const struct circle_scope *sc,
    int funder, char **sql, struct circle_err *e)
{
	struct tally	 t;
	const char	*q[4];
	sqlite3_stmt	*st;
	char		*x, *all;
	size_t		 i;

	/* The first says which of the others run. */
	memset(&t, 0, sizeof t);
	t.db = db;
	t.funder = funder;
	if (load_max(&t, sc, e) == -1)
		return -1;
	q[0] = max_sql;
	q[1] = held_query(&t, 0);
	q[2] = funder ? held_query(&t, 1) : NULL;
	q[3] = scan_sql;
	circle_xasprintf(&all, "-- worked out in C (lib/tally.c) from these "
	    "queries: the held sessions of the scope%s (for every group, in "
	    "table order when their dates hold 1/%d of the sessions or more), "
	    "then each row of the last once (or, for a scope with fewer than "
	    "1/%d of the sessions, %s for each of them), those marked present, "
	    "late or left early counted", funder ? " and those before it" : "",
	    SPARSE, SPARSE, one_sql);
	for (i = 0; i < sizeof q / sizeof q[0]; i++) {
		if (q[i] == NULL)
			continue;
		if ((st = circle_prepare(db, q[i], e)) == NULL) {
			free(all);
			return -1;
		}
		circle_scope_bind(st, sc);
		if ((x = sqlite3_expanded_sql(st)) == NULL) {
			sqlite3_finalize(st);
			free(all);
			return circle_err_set(e, CIRCLE_EIO, "report: out of "
			    "memory");
		}
		*sql = all;
		circle_xasprintf(&all, "%s\n%s;", *sql, x);
		free(*sql);
		sqlite3_free(x);
		sqlite3_finalize(st);
	}
	*sql = all;
	return 0;
}
