/*
 * mergeself.c: an extract made from this database, merged back into it
 * (merge.c).  It is merged to have back what was recorded after an older
 * backup was loaded here; but a row this database removed after the file
 * was made (its removal recorded here by the schema's triggers with this
 * clock's time: schema.c, 11) would come back with it, as new: such a
 * merge is refused, naming the row.  A row removed with its group,
 * session or person has no removal of its own, but the file holds that
 * parent too, whose removal is found.  An undo made here after the file
 * was made takes edits back to their times before it, older than the
 * file's: such a merge is refused too.
 *
 * A database with no id yet (one loaded from a backup older than its
 * first extract) that holds the file's own groups, by their uids, made
 * them itself: the file is an extract of its own past, and the database
 * takes the file's id, so that the file is merged as its own, not as
 * another database's whose groups it may not change.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * Each row of the file (said as the merge says it) removed here at or
 * after the file's time (:made; this clock made both, to the second: a
 * removal in the second of the extract is taken as after it).
 */
#define SELF_REMOVED \
	"SELECT 'group ' || t.handle, r.at FROM x.grp t JOIN " \
	"main.removed_gone r ON r.tbl = 'grp' AND r.uid = t.uid " \
	"UNION ALL SELECT 'series ' || g.handle || '/' || t.key, r.at " \
	"FROM x.series t JOIN x.grp g ON g.id = t.grp_id JOIN " \
	"main.removed_gone r ON r.tbl = 'series' AND r.uid = t.uid " \
	"UNION ALL SELECT 'session ' || g.handle || ' ' || " \
	"replace(t.local_start, 'T', ' '), r.at FROM x.session t JOIN " \
	"x.grp g ON g.id = t.grp_id JOIN main.removed_gone r ON r.tbl = " \
	"'session' AND r.uid = t.uid " \
	"UNION ALL SELECT 'member ' || t.handle, r.at FROM x.member t JOIN " \
	"main.removed_gone r ON r.tbl = 'member' AND r.uid = t.uid " \
	"UNION ALL SELECT 'membership ' || p.handle || ' in ' || g.handle, " \
	"r.at FROM x.membership t JOIN x.grp g ON g.id = t.grp_id JOIN " \
	"x.member p ON p.id = t.member_id JOIN main.removed_gone r ON " \
	"r.tbl = 'membership' AND r.uid = g.uid AND r.member_uid = p.uid " \
	"AND r.since = t.joined_on " \
	"UNION ALL SELECT 'attendance ' || p.handle || ' at ' || g.handle " \
	"|| ' ' || replace(s.local_start, 'T', ' '), r.at FROM x.attendance " \
	"t JOIN x.session s ON s.id = t.session_id JOIN x.grp g ON g.id = " \
	"s.grp_id JOIN x.member p ON p.id = t.member_id JOIN " \
	"main.removed_gone r ON r.tbl = 'attendance' AND r.uid = s.uid AND " \
	"r.member_uid = p.uid " \
	"UNION ALL SELECT 'check-in ' || t.taken_at, r.at FROM x.response t " \
	"JOIN main.removed_gone r ON r.tbl = 'response' AND r.uid = t.uid " \
	"UNION ALL SELECT 'follow-up ' || t.created_at, r.at FROM " \
	"x.followup t JOIN main.removed_gone r ON r.tbl = 'followup' AND " \
	"r.uid = t.uid"

int
circle_merge_past_self(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	long	n;

	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT NOT EXISTS "
	    "(SELECT 1 FROM main.network WHERE key = 'origin') AND EXISTS "
	    "(SELECT 1 FROM x.grp t JOIN main.grp l ON l.uid = t.uid WHERE "
	    "NOT EXISTS (SELECT 1 FROM x.grp_origin o WHERE o.grp_id = t.id "
	    "AND o.origin != :from))"), &n, e) == -1)
		return -1;
	if (n == 0)
		return 0;
	/* Never undone, as an id made by an extract (extract.c). */
	circle_undo_pause(db, 1);
	n = circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.network "
	    "(key, value) VALUES ('origin', :from)"), e);
	circle_undo_pause(db, 0);
	if (n == -1)
		return -1;
	m->r->took_id = 1;
	return 0;
}

/* An undo here at or after the file's time: refused, saying which. */
static int
self_undone(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*at = NULL;
	long		 id = 0;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT id, at FROM main.command WHERE "
	    "undoes IS NOT NULL AND at >= :made ORDER BY id LIMIT 1",
	    e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (long)sqlite3_column_int64(st, 0);
		at = circle_col_dup(st, 1);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == 0 && at != NULL)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: an extract of this "
		    "database made before command %ld, an undo, took changes "
		    "back here (%s): merging it would bring them back, so "
		    "nothing is merged: an extract of this database is merged "
		    "back only to have what was recorded after an older backup "
		    "loaded here; to have the rest of it, do again what the "
		    "undo took back (circle undo %ld), merge the file, then "
		    "take it back again with circle undo", m->o->path, id, at,
		    id);
	free(at);
	return rc;
}

int
circle_merge_self_removed(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*what = NULL, *at = NULL;
	long		 n = 0;
	int		 rc;

	if ((st = circle_prepare(db, "WITH k (what, at) AS (" SELF_REMOVED
	    ") SELECT what, at, count(*) OVER () FROM k WHERE at >= :made "
	    "ORDER BY at, what LIMIT 1", e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		what = circle_col_dup(st, 0);
		at = circle_col_dup(st, 1);
		n = (long)sqlite3_column_int64(st, 2);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == 0 && n > 0)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: an extract of this "
		    "database made before %s%s removed here (%s): merging it "
		    "would bring %s back, so nothing is merged: an extract of "
		    "this database is merged back only to have what was "
		    "recorded after an older backup loaded here; to have the "
		    "rest of it, take the removal back with circle undo "
		    "(circle log finds it), merge the file, then remove %s "
		    "again", m->o->path, what, n > 1 ? " and more were" :
		    " was", at, n > 1 ? "them" : "it", n > 1 ? "them" : "it");
	free(what);
	free(at);
	return rc == 0 ? self_undone(db, m, e) : rc;
}
