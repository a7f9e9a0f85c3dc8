/*
 * mergecopy.c: a merge's tables with uids (merge.c) without staging each
 * row's values first: into a table with none of its rows yet, the file's
 * rows added in one statement, with the ids the merge row by row gives
 * them; and a file merged again, its rows the same here under the same
 * ids, settled by one comparison each with the row of that id.  Sessions
 * may be copied whole, table and indexes, once the copy is proved
 * (mergeproof.c).  The tests compare all of it with that merge
 * ($CIRCLE_MERGE_ROW_BY_ROW).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * The local row l of a table that has none: NULLs joined to nothing, so
 * that the table's sel and where read the file's row as they do for a row
 * new here.
 */
static char *
no_local_row(const struct mtable *t)
{
	char	*nulls, *s;

	nulls = circle_merge_prefixed(t->cols, "NULL AS ", 0);
	s = sqlite3_mprintf("LEFT JOIN (SELECT NULL AS id, %s) AS l ON 0",
	    nulls);
	sqlite3_free(nulls);
	return s;
}

/*
 * A table's indexes that no row can break (not unique), dropped before
 * many rows are added, to be made again after them in the same
 * transaction (indexes_make), each by one sort rather than row by row.
 * Their text is the schema's own, so that the schema reads the same
 * after; *sql holds it (*n of them).
 */
static int
indexes_drop(struct circle_db *db, const struct merge *m, const char *table,
    char ***sql, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		**names = NULL;
	size_t		 i;
	int		 rc;

	*sql = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT name, sql FROM main.sqlite_schema "
	    "WHERE type = 'index' AND tbl_name = ?1 AND substr(sql, 1, 13) = "
	    "'CREATE INDEX ' ORDER BY name", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, table);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = circle_xgrow(names, *n, sizeof *names);
		*sql = circle_xgrow(*sql, *n, sizeof **sql);
		names[*n] = circle_col_dup(st, 0);
		(*sql)[(*n)++] = circle_col_dup(st, 1);
	}
	rc = circle_step_ok(db, rc, table, e);
	sqlite3_finalize(st);
	for (i = 0; rc == 0 && i < *n; i++) {
		rc = circle_merge_exec(db, m, sqlite3_mprintf("DROP INDEX "
		    "main.\"%w\"", names[i]), e);
	}
	circle_strv_free(names, *n);
	return rc;
}

/* The indexes indexes_drop dropped, made again from their text. */
static int
indexes_make(struct circle_db *db, const struct merge *m, char **sql,
    size_t n, struct circle_err *e)
{
	size_t	i;

	/* "CREATE INDEX name ...", made in this database, not the file. */
	for (i = 0; i < n; i++)
		if (circle_merge_exec(db, m, sqlite3_mprintf("CREATE INDEX "
		    "main.%s", sql[i] + 13), e) == -1)
			return -1;
	return 0;
}

/*
 * The rows staged, new here, numbered from 1 in the order of their ids
 * there: their ids there, unless the file left some out.  *n of them.
 */
static int
number_from_one(struct circle_db *db, const struct merge *m,
    const struct mtable *t, long *n, struct circle_err *e)
{
	long	kept;

	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "temp.st_%s", t->name), n, e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) = "
	    "coalesce(max(xid), 0) AND coalesce(min(xid), 1) >= 1 FROM "
	    "temp.st_%s", t->name), &kept, e) == -1)
		return -1;
	if (kept)
		return 0;
	return circle_merge_exec(db, m, sqlite3_mprintf("UPDATE temp.st_%s AS "
	    "s SET lid = r.n FROM (SELECT xid, row_number() OVER (ORDER BY "
	    "xid) AS n FROM temp.st_%s) AS r WHERE r.xid = s.xid", t->name,
	    t->name), e);
}

/*
 * A whole copy (sql: SQLite's transfer of a table's b-trees, sessions
 * here and attendance in mergeattend.c).  The proofs read the key columns
 * of the file's records and their rowids, not every field: an index record
 * with a field more than its schema says (a crafted file, whose
 * quick_check passes) makes SQLite stop the transfer as corrupt, an error
 * that is the file's, not this database's.  Rolled back to a savepoint,
 * the transaction still fails every write after it (SQLite 3.40): the
 * merge is failed with copy_lost set, and circle_db_merge runs it again
 * from nothing without copies, reading the file's tables alone, as the
 * merge row by row does.  1 copied (*n rows), -1 on error.
 */
int
circle_merge_copy_whole(struct circle_db *db, struct merge *m,
    const char *sql, long *n, struct circle_err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK) {
		*n = sqlite3_changes(db->h);
		return 1;
	}
	if ((sqlite3_extended_errcode(db->h) & 0xff) != SQLITE_CORRUPT)
		return circle_db_error(db, e, "exec");
	m->copy_lost = 1;
	return circle_err_set(e, CIRCLE_EFAIL, "%s: its records are not as "
	    "its proofs read them; merged without copying", m->o->path);
}

/*
 * Sessions, the one such table large enough to matter, copied whole (its
 * b-tree and its indexes', SQLite's transfer: the foreign keys are off)
 * when that gives what adding them below would: every row of the file's
 * staged (n of them) under its own id, naming its group and series by
 * ids they kept here too, and the copy proved (mergeproof.c).  0 when it
 * cannot be, 1 when done, -1 on error (circle_merge_copy_whole's too).
 */
static int
fresh_copy(struct circle_db *db, struct merge *m,
    const struct mtable *t, long n, struct circle_merge_count *c,
    struct circle_err *e)
{
	long	same;

	if (!m->bulk || strcmp(t->name, "session") != 0)
		return 0;
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT (SELECT "
	    "count(*) FROM x.session) = %ld AND NOT EXISTS (SELECT 1 FROM "
	    "temp.st_session WHERE lid IS NOT xid) AND NOT EXISTS (SELECT 1 "
	    "FROM temp.st_grp WHERE lid IS NOT xid) AND NOT EXISTS (SELECT 1 "
	    "FROM temp.st_series WHERE lid IS NOT xid)", n), &same, e) == -1)
		return -1;
	if (!same || !circle_merge_proved(db, t->name))
		return 0;
	return circle_merge_copy_whole(db, m, "INSERT INTO main.session "
	    "SELECT * FROM x.session", &c->added, e);
}

/*
 * A table of this database with none of its rows yet: the file's rows
 * (those the merge takes: t's from and where, and extra_where) all new
 * here, added as the merge row by row adds them, in the order of their
 * ids there, numbered from 1, without a row of their values staged first
 * and with the indexes made after them.  The staged table then holds what
 * the later tables read (circle_merge_stage_new).  Nothing here can be
 * left out for another reason: no handle is taken in an empty table, and
 * two rows of the file with one uid or one handle break a constraint as
 * they do row by row (a damaged file, refused).  Every reference a row
 * gets is the lid of a row staged before, a row here: the foreign keys
 * hold even while they are off (circle_db_merge).  0 when the table has
 * rows, 1 when done, -1 on error.
 */
int
circle_merge_fresh(struct circle_db *db, struct merge *m,
    const struct mtable *t, const char *extra_where,
    struct circle_merge_count *c, struct circle_err *e)
{
	char	**idx = NULL, *none;
	size_t	  nidx = 0;
	long	  empty, n;
	int	  rc = -1;

	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT NOT EXISTS "
	    "(SELECT 1 FROM main.%s)", t->name), &empty, e) == -1)
		return -1;
	if (!empty)
		return 0;
	none = no_local_row(t);
	/* The file's table read whole, never through its own indexes. */
	if (circle_merge_stage_new(db, m, t, e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO temp.st_%s "
	    "(xid, lid, state, updated_at) SELECT t.id, t.id, 1, "
	    "t.updated_at FROM x.%s AS t NOT INDEXED %s %s WHERE %s AND %s",
	    t->name, t->name, t->from, none, t->where, extra_where != NULL ?
	    extra_where : "1"), e) == -1 ||
	    number_from_one(db, m, t, &n, e) == -1)
		goto out;
	/* Nothing to add: the schema left alone. */
	if (n == 0) {
		rc = 1;
		goto out;
	}
	if ((rc = fresh_copy(db, m, t, n, c, e)) != 0)
		goto out;
	rc = -1;
	if (indexes_drop(db, m, t->name, &idx, &nidx, e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.%s (id, "
	    "uid, %s) SELECT n.lid, t.uid, %s FROM temp.st_%s n CROSS JOIN "
	    "x.%s AS t NOT INDEXED ON t.id = n.xid %s %s ORDER BY n.xid",
	    t->name, t->cols, t->sel, t->name, t->name, t->from, none),
	    e) == -1)
		goto out;
	c->added = sqlite3_changes(db->h);
	if (indexes_make(db, m, idx, nidx, e) == -1)
		goto out;
	rc = 1;
out:
	sqlite3_free(none);
	circle_strv_free(idx, nidx);
	return rc;
}

/*
 * The file's rows here under the same id (and so the same uid) and
 * settled (MERGE_UNSETTLED false: neither newer there nor changed on both
 * sides; a row with a time missing is left to the staging):
 * staged as unchanged (state 0) from one comparison each of the two rows'
 * times, a step to the row of that id here rather than a search by uid.
 * The state the staging would give them (merge.c: the same row, or
 * STATE_SQL's neither conflict nor newer), without the rest of each row
 * read.  Tried when the file's first row kept its id here; *settled
 * rows, and *all when they are every row of the file's table: nothing
 * left to stage.
 */
int
circle_merge_settle(struct circle_db *db, struct merge *m,
    const struct mtable *t, const char *extra_where, long *settled, int *all,
    struct circle_err *e)
{
	long	 kept, n;
	int	 rc;

	*settled = 0;
	*all = 0;
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT EXISTS (SELECT 1 "
	    "FROM x.%s AS t NOT INDEXED JOIN main.%s l ON l.id = t.id WHERE "
	    "t.id = (SELECT min(id) FROM x.%s) AND l.uid = t.uid)", t->name,
	    t->name, t->name), &kept, e) == -1)
		return -1;
	if (!kept)
		return 0;
	rc = circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO temp.st_%s "
	    "(xid, lid, state, updated_at) SELECT t.id, l.id, 0, t.updated_at "
	    "FROM x.%s AS t NOT INDEXED %s JOIN main.%s l ON l.id = t.id WHERE "
	    "l.uid = t.uid AND NOT " MERGE_UNSETTLED("l.updated_at",
	    "t.updated_at") " AND %s AND %s", t->name, t->name, t->from, t->name, t->where,
	    extra_where != NULL ? extra_where : "1"), e);
	if (rc == -1)
		return -1;
	*settled = sqlite3_changes(db->h);
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "x.%s AS t NOT INDEXED", t->name), &n, e) == -1)
		return -1;
	*all = *settled == n;
	return 0;
}

/*
 * Need merge.c's MEMBERSHIP_GONE run?  Not when the file's groups and
 * people kept their ids here (every staged row's lid its xid) and every
 * membership here of a group of the file is the file's row of the same
 * id, with the same group, person and first day: then it finds nothing.
 * Proof: a row l it would take shares a day with a file row t of its
 * group and person, so l.grp_id = g.lid = g.xid = t.grp_id and
 * l.member_id = p.lid = p.xid = t.member_id; l is of a group of the file,
 * so the file's row u of l's id has u.grp_id = l.grp_id = t.grp_id,
 * u.member_id = l.member_id = t.member_id and +u.joined_on = l.joined_on,
 * the row whose absence l needs.  Compared as MEMBERSHIP_GONE compares
 * (or, for the ids, with no affinity applied: stricter), so that what is
 * equal here is equal there.  Found by counting, each in the order it is
 * kept: the memberships here of the file's groups (their index), and
 * those of them the file's row of the same id is (a step from each row of
 * the file to the row of its id here): each file row is at most one,
 * so the two counts are equal only when every one here is.  A membership
 * removed there, a first day moved there or here, one added here: looked
 * for.  Not in a merge row by row, which the tests compare this one
 * with.  1 when it need not run, 0 when it must, -1 on error.
 */
int
circle_merge_memberships_kept(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	long	kept;

	if (m->row_by_row)
		return 0;
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT NOT EXISTS "
	    "(SELECT 1 FROM temp.st_grp WHERE lid IS NOT xid) AND NOT EXISTS "
	    "(SELECT 1 FROM temp.st_member WHERE lid IS NOT xid) AND (SELECT "
	    "count(*) FROM main.membership WHERE grp_id IN (SELECT lid FROM "
	    "temp.st_grp)) = (SELECT count(*) FROM x.membership u NOT INDEXED "
	    "CROSS JOIN main.membership l ON l.id = u.id WHERE u.grp_id = "
	    "l.grp_id AND u.member_id = l.member_id AND +u.joined_on = "
	    "l.joined_on AND +l.grp_id IN (SELECT lid FROM temp.st_grp))"),
	    &kept, e) == -1)
		return -1;
	return kept != 0;
}
