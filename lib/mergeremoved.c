/*
 * mergeremoved.c: a merge's removals (merge.c).  The rows removed there
 * (the file's removed_gone: schema.c, 11) are removed here too, in groups
 * the file may change (the rule of updates: their own database's, or
 * adopted), when the removal is newer than the row here; a row changed
 * here since the last merge from there and removed there since is a
 * conflict (STATE_SQL's rule), this side kept unless --theirs.  A person
 * removed there goes here once no row here names them.  Each removal here
 * is recorded by the schema's triggers, so that it travels on.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * A table whose rows a removal names: how the row here is found from the
 * file's removal r (as l), the group it is in, its time.  Children first:
 * the order rows are removed in, a row before what it refers to, so that
 * each is removed by its own removal, not by a cascade; people last.
 */
static const struct rmtable {
	const char	*name;
	const char	*join;
	const char	*grp;		/* the row's group here, or NULL */
	const char	*updated;
} rmtables[] = {
	{ "followup", "LEFT JOIN main.followup l ON l.uid = r.uid",
	    "(SELECT grp_id FROM main.session WHERE id = l.session_id)",
	    "l.updated_at" },
	{ "response", "LEFT JOIN main.response l ON l.uid = r.uid",
	    "(SELECT grp_id FROM main.session WHERE id = l.session_id)",
	    "l.updated_at" },
	{ "attendance", "LEFT JOIN main.attendance l ON l.session_id = "
	    "(SELECT id FROM main.session WHERE uid = r.uid) AND l.member_id = "
	    MERGE_MEMBER_ID("r.member_uid"),
	    "(SELECT grp_id FROM main.session WHERE id = l.session_id)",
	    "l.updated_at" },
	/* Memberships have no times: the group's database is right. */
	{ "membership", "LEFT JOIN main.membership l ON l.grp_id = (SELECT "
	    "id FROM main.grp WHERE uid = r.uid) AND l.member_id = "
	    MERGE_MEMBER_ID("r.member_uid") " AND l.joined_on = "
	    "r.since", "l.grp_id", "''" },
	{ "session", "LEFT JOIN main.session l ON l.uid = r.uid", "l.grp_id",
	    "l.updated_at" },
	{ "series", "LEFT JOIN main.series l ON l.uid = r.uid", "l.grp_id",
	    "l.updated_at" },
	{ "grp", "LEFT JOIN main.grp l ON l.uid = r.uid", "l.id",
	    "l.updated_at" },
	{ "member", "LEFT JOIN main.member l ON l.uid = r.uid", NULL,
	    "l.updated_at" },
};

/* An attendance row here (l), said for a person. */
#define ATT_WHAT "'attendance ' || (SELECT handle FROM main.member WHERE " \
	"id = l.member_id) || ' at ' || (SELECT g.handle || ' ' || " \
	"replace(s.local_start, 'T', ' ') FROM main.session s JOIN main.grp " \
	"g ON g.id = s.grp_id WHERE s.id = l.session_id)"

/* The count of a table the merge has counted already. */
static struct circle_merge_count *
count_of(struct merge *m, const char *table)
{
	size_t	i;

	for (i = 0; i < m->r->ncounts; i++)
		if (strcmp(m->r->counts[i].table, table) == 0)
			return &m->r->counts[i];
	return circle_merge_count_of(m->r, table);
}

/*
 * Each removal of the file, with the row here it names (lid, NULL when
 * there is none) and the group that row is in, or the group the removal
 * says when the row is not here; those of groups the file may not change
 * left out (they are not counted, as their rows are not).  state: 0
 * nothing to do, 2 removed, 3 a conflict kept, 4 a conflict settled
 * with theirs, 5 a person still named here.
 */
static int
stage_removed(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	const struct rmtable	*t;
	size_t			 i;

	if (circle_merge_exec(db, m, sqlite3_mprintf("DROP TABLE IF EXISTS "
	    "temp.st_rm"), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("CREATE TEMP TABLE st_rm "
	    "(tbl TEXT, lid INTEGER, grp_lid INTEGER, at TEXT, updated_at "
	    "TEXT, state INTEGER)"), e) == -1)
		return -1;
	for (i = 0; i < sizeof rmtables / sizeof rmtables[0]; i++) {
		t = &rmtables[i];
		if (circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO "
		    "temp.st_rm SELECT r.tbl, l.id, coalesce(%s, (SELECT id "
		    "FROM main.grp WHERE uid = r.grp_uid)), r.at, %s, 0 FROM "
		    "x.removed_gone r %s WHERE r.tbl = %Q", t->grp != NULL ?
		    t->grp : "NULL", t->updated, t->join, t->name), e) == -1)
			return -1;
	}
	return circle_merge_exec(db, m, sqlite3_mprintf("DELETE FROM "
	    "temp.st_rm WHERE grp_lid IS NOT NULL AND coalesce((SELECT origin "
	    "FROM main.grp_origin o WHERE o.grp_id = grp_lid), :local) != "
	    MERGE_FILE_OWNER("(SELECT xg.id FROM x.grp xg JOIN main.grp lg "
	    "ON lg.uid = xg.uid WHERE lg.id = grp_lid)")), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("UPDATE temp.st_rm SET "
	    "state = CASE WHEN lid IS NULL THEN 0 WHEN :base AND updated_at > "
	    ":m AND at > :e THEN 3 + :theirs WHEN at > updated_at THEN 2 ELSE "
	    "0 END"), e) == -1 ? -1 : 0;
}

/* A table's removals here, and its counts and conflicts. */
static int
apply_removed(struct circle_db *db, struct merge *m, const struct rmtable *t,
    struct circle_err *e)
{
	struct circle_merge_count	*c = count_of(m, t->name);
	sqlite3_stmt			*st;
	char				*sql, *d;
	long				 n[3];
	int				 rc;

	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) "
	    "FILTER (WHERE state IN (2, 4)) FROM temp.st_rm WHERE tbl = %Q",
	    t->name), &n[0], e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) "
	    "FILTER (WHERE state IN (3, 4)) FROM temp.st_rm WHERE tbl = %Q",
	    t->name), &n[1], e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) "
	    "FILTER (WHERE state IN (0, 5)) FROM temp.st_rm WHERE tbl = %Q",
	    t->name), &n[2], e) == -1)
		return -1;
	c->removed += n[0];
	c->conflicts += n[1];
	c->unchanged += n[2];
	if (n[1] > 0) {
		sql = sqlite3_mprintf("SELECT %s, s.updated_at, s.at, s.state "
		    "FROM temp.st_rm s JOIN main.%s l ON l.id = s.lid WHERE "
		    "s.tbl = %Q AND s.state IN (3, 4) ORDER BY 1",
		    strcmp(t->name, "attendance") == 0 ? ATT_WHAT :
		    circle_merge_what(t->name), t->name, t->name);
		st = circle_prepare(db, sql, e);
		sqlite3_free(sql);
		if (st == NULL)
			return -1;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			circle_xasprintf(&d, "changed here (%s) and removed "
			    "there (%s); %s", sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2),
			    sqlite3_column_int(st, 3) == 4 ? "took theirs" :
			    "kept this side");
			circle_merge_note_add(&m->r->conflicts,
			    &m->r->nconflicts, circle_col_dup(st, 0), d);
		}
		rc = circle_step_ok(db, rc, "merge", e);
		sqlite3_finalize(st);
		if (rc == -1)
			return -1;
	}
	if (n[0] == 0)
		return 0;
	return circle_merge_exec(db, m, sqlite3_mprintf("DELETE FROM main.%s "
	    "WHERE id IN (SELECT lid FROM temp.st_rm WHERE tbl = %Q AND "
	    "state IN (2, 4))", t->name, t->name), e);
}

/*
 * People removed there who are still in a group here, or recorded at a
 * session: kept, and said (another database's groups name them).
 */
static int
keep_named(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (circle_merge_exec(db, m, sqlite3_mprintf("UPDATE temp.st_rm SET "
	    "state = 5 WHERE tbl = 'member' AND state IN (2, 4) AND (EXISTS "
	    "(SELECT 1 FROM main.membership WHERE member_id = lid) OR EXISTS "
	    "(SELECT 1 FROM main.attendance WHERE member_id = lid) OR EXISTS "
	    "(SELECT 1 FROM main.response WHERE member_id = lid) OR EXISTS "
	    "(SELECT 1 FROM main.followup WHERE member_id = lid))"),
	    e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT 'member ' || l.handle FROM "
	    "temp.st_rm s JOIN main.member l ON l.id = s.lid WHERE s.tbl = "
	    "'member' AND s.state = 5 ORDER BY 1", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		circle_merge_note_add(&m->r->skipped, &m->r->nskipped,
		    circle_col_dup(st, 0), circle_xstrdup("removed there, "
		    "still in a group or at a session here: kept"));
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

int
circle_merge_removed(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	size_t	i;

	if (stage_removed(db, m, e) == -1)
		return -1;
	for (i = 0; i < sizeof rmtables / sizeof rmtables[0]; i++) {
		if (strcmp(rmtables[i].name, "member") == 0 &&
		    keep_named(db, m, e) == -1)
			return -1;
		if (apply_removed(db, m, &rmtables[i], e) == -1)
			return -1;
	}
	return 0;
}
