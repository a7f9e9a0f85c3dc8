/*
 * mergepeople.c: what a merge (merge.c) does about people as people: those
 * forgotten there forgotten here, and those added who may be someone here
 * under another uid listed, as are sessions added at the time of one here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"
#include "roster.h"

/* A person of the file (t) forgotten here, not there. */
#define LEFT_OUT "t.uid IN (SELECT uid FROM main.forgotten) AND t.uid NOT " \
	"IN (SELECT uid FROM x.forgotten) AND t.uid NOT IN (SELECT w.uid " \
	"FROM main.merged_away w JOIN main.member k ON k.uid = w.keep_uid)"

/* Made one in the file's database: listed as such (mergeaway.c). */
#define PAIRED(other, keep) "EXISTS (SELECT 1 FROM x.merged_away w WHERE " \
	"w.uid = " other " AND w.keep_uid = " keep ")"

/*
 * One forgotten there, erased here (circle_member_erase, which says
 * forgotten here): where, and the record made one with, as the file says
 * (schema.c, 15), so that this database's extracts name the database
 * whose groups were theirs, not this one.
 */
static int
erased_where(struct circle_db *db, struct merge *m, const char *uid,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, "UPDATE main.forgotten AS l SET at = "
	    ":now, origin = nullif(coalesce(f.origin, :from), :local), "
	    "keep_uid = f.keep_uid FROM x.forgotten f WHERE f.uid = l.uid AND "
	    "l.uid = :uid", e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	circle_bind_text(st, sqlite3_bind_parameter_index(st, ":uid"), uid);
	return circle_exec_stmt(db, st, e);
}

/*
 * The files written here since (written.c) that may hold what the merge
 * forgets of who (took: what the record kept took of one forgotten), as
 * circle roster forget says them: kept in the result when there are any.
 */
int
circle_merge_written_add(struct circle_db *db, struct merge *m,
    const char *who, int took, const char *since, struct circle_err *e)
{
	struct circle_merge_result	*r = m->r;
	struct circle_merge_written	*mw;
	struct circle_written		*w;
	size_t				 n;

	if (circle_written_since(db, since, &w, &n, e) == -1)
		return -1;
	if (n == 0)
		return 0;
	r->written = circle_xgrow(r->written, r->nwritten, sizeof *r->written);
	mw = &r->written[r->nwritten++];
	mw->who = circle_xstrdup(who);
	mw->took = took;
	mw->w = w;
	mw->n = n;
	return 0;
}

/*
 * The paths written here that name one forgotten (st: handle, display
 * and full name in columns 2, 4, 5), listed, go as circle roster forget
 * drops them (written.c): no byte of their name stays.
 */
static int
written_forget(struct circle_db *db, sqlite3_stmt *st, struct circle_err *e)
{
	struct circle_member	who;

	memset(&who, 0, sizeof who);
	who.handle = (char *)sqlite3_column_text(st, 2);
	who.display_name = (char *)sqlite3_column_text(st, 4);
	who.full_name = (char *)sqlite3_column_text(st, 5);
	return circle_written_forget(db, &who, e);
}

/*
 * The people forgotten there are forgotten here, as circle roster forget
 * does it (roster.c), and remembered as forgotten so that no later merge
 * brings them back; the files written here that may hold them, found
 * before their names go.
 */
int
circle_merge_forgotten(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	char		**uids = NULL;
	size_t		 n = 0, i;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT l.id, l.uid, l.handle, "
	    "l.created_at, l.display_name, l.full_name FROM x.forgotten f "
	    "JOIN main.member l ON l.uid = f.uid ORDER BY l.handle", e)) ==
	    NULL)
		return -1;
	rc = 0;
	while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = circle_xgrow(ids, n, sizeof *ids);
		uids = circle_xgrow(uids, n, sizeof *uids);
		ids[n] = sqlite3_column_int64(st, 0);
		uids[n++] = circle_col_dup(st, 1);
		if ((rc = circle_merge_written_add(db, m, (const char *)
		    sqlite3_column_text(st, 2), 0, (const char *)
		    sqlite3_column_text(st, 3), e)) == 0)
			rc = written_forget(db, st, e);
	}
	if (rc != -1)
		rc = circle_step_ok(db, rc, "forgotten", e);
	sqlite3_finalize(st);
	for (i = 0; rc == 0 && i < n; i++)
		if ((rc = circle_member_erase(db, ids[i], uids[i], e)) == 0)
			rc = erased_where(db, m, uids[i], e);
	m->r->forgotten = (long)n;
	free(ids);
	circle_strv_free(uids, n);
	if (rc == -1)
		return -1;
	/*
	 * Where, and the record made one with (schema.c, 15), sent on;
	 * learnt now, so that an extract since an earlier day carries them.
	 * A pairing's end stated after its uid was forgotten here from
	 * elsewhere (its own database's extract first) is taken too, once
	 * (CIRCLE_MERGE_STATEMENT_NEW).
	 */
	return circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO "
	    "main.forgotten (uid, at, origin, keep_uid) SELECT uid, :now, "
	    "nullif(coalesce(origin, :from), :local), keep_uid FROM x.forgotten "
	    "WHERE 1 ON CONFLICT (uid) DO UPDATE SET at = excluded.at, origin = "
	    "excluded.origin, keep_uid = excluded.keep_uid WHERE "
	    "forgotten.keep_uid IS NULL AND forgotten.origin IS NOT NULL AND "
	    "excluded.keep_uid IS NOT NULL AND excluded.origin IS NOT NULL"),
	    e);
}

/*
 * Sessions added by this merge at the time of one here in the same group:
 * one meeting under two uids, when a facilitator restored a backup older
 * than their last extract and added again a session it lacked.  Listed,
 * as people are; two sessions of the file at one time are not.
 */
static int
alike_sessions(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql, *d;
	long		 before;
	int		 rc;

	/* Every session here added by this merge (a first one): none. */
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT (SELECT "
	    "count(*) FROM main.session) - (SELECT count(*) FROM "
	    "temp.st_session WHERE state = 1)"), &before, e) == -1)
		return -1;
	if (before == 0)
		return 0;
	sql = sqlite3_mprintf("SELECT DISTINCT %s FROM temp.st_session s "
	    "CROSS JOIN main.session l ON l.id = s.lid CROSS JOIN "
	    "main.session o ON o.grp_id = l.grp_id AND o.starts_at = "
	    "l.starts_at AND o.id != l.id WHERE s.state = 1 AND o.id NOT IN "
	    "(SELECT lid FROM temp.st_session WHERE state = 1) ORDER BY 1",
	    circle_merge_what("session"));
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = circle_xstrdup("twice, at the same time: maybe one meeting "
		    "(added again after an older backup was restored?); no "
		    "command makes two sessions one: in the group's own "
		    "database, mark the people of one at the other, then take "
		    "the one added again back with circle undo (circle log "
		    "finds its command); its next extract removes it here");
		circle_merge_note_add(&m->r->alike, &m->r->nalike,
		    circle_col_dup(st, 0), d);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * People added by this merge who may be someone already here under
 * another uid: the same e-mail, or the same folded name in a group they
 * share.  Listed, never merged (circle roster merge does that).  Two
 * people of the file are two people there too: not listed.  First the
 * records the file pairs (mergeaway.c), left out of the rest; then the
 * sessions (alike_sessions).
 */
int
circle_merge_alike(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*what, *d;
	long		 before;
	int		 rc;

	if (circle_merge_away_paired(db, m, e) == -1)
		return -1;
	/* No one new, or no one here before: no one to look like. */
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT (SELECT count(*) FROM "
	    "temp.st_member WHERE state = 1) * (SELECT count(*) FROM "
	    "main.member WHERE id NOT IN (SELECT lid FROM temp.st_member "
	    "WHERE state = 1))"), &before, e) == -1)
		return -1;
	if (before == 0)
		return alike_sessions(db, m, e);
	/*
	 * From the new people out (CROSS JOIN keeps that order); circle_fold
	 * is text.c's circle_name_fold, on every connection (db.c).  The
	 * names are folded once each, the new people's and those here in
	 * their groups, and matched by (fold, group's name): not each new
	 * person against everyone in their group (a large group new here
	 * was 20,000 times 20,000 folds).  By the group's name, so that a
	 * group begun again in a new database, here twice (renamed: its
	 * handle taken), has its people listed beside the first one's.
	 */
	if ((st = circle_prepare(db, "WITH nw AS MATERIALIZED (SELECT "
	    "a.grp_id, ng.name AS gname, n.uid, n.handle, "
	    "circle_fold(n.display_name) AS f FROM temp.st_member s CROSS "
	    "JOIN main.member n ON n.id = s.lid CROSS JOIN main.membership a "
	    "ON a.member_id = n.id CROSS JOIN main.grp ng ON ng.id = "
	    "a.grp_id WHERE s.state = 1), "
	    "old AS MATERIALIZED (SELECT b.grp_id, og.name AS gname, o.uid, "
	    "o.handle, circle_fold(o.display_name) AS f FROM main.grp og "
	    "CROSS JOIN main.membership b ON b.grp_id = og.id CROSS JOIN "
	    "main.member o ON o.id = b.member_id WHERE og.name IN (SELECT "
	    "gname FROM nw) AND o.id NOT IN (SELECT lid FROM "
	    "temp.st_member WHERE state = 1)) "
	    "SELECT n.handle, o.handle, 'the same "
	    "e-mail' FROM temp.st_member s CROSS JOIN main.member n ON n.id = "
	    "s.lid CROSS JOIN main.member o ON o.email = n.email COLLATE NOCASE "
	    "AND o.id != "
	    "n.id AND o.email IS NOT NULL WHERE s.state = 1 AND o.id NOT IN "
	    "(SELECT lid FROM temp.st_member WHERE state = 1) AND NOT "
	    PAIRED("o.uid", "n.uid") " "
	    "UNION SELECT nw.handle, old.handle, 'the same name in ' || "
	    "g.handle || CASE WHEN old.grp_id = nw.grp_id THEN '' ELSE "
	    "' and ' || og.handle END FROM nw JOIN old ON old.f = nw.f AND "
	    "old.gname = nw.gname JOIN main.grp g ON g.id = nw.grp_id JOIN "
	    "main.grp og ON og.id = old.grp_id WHERE NOT "
	    PAIRED("old.uid", "nw.uid") " ORDER BY 1, 2", e))
	    == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		circle_xasprintf(&what, "%s and %s", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
		circle_xasprintf(&d, "%s: maybe one person (circle roster "
		    "merge KEEP OTHER makes them one; what the file's "
		    "database records of the one merged away later is "
		    "counted under the one kept)",
		    sqlite3_column_text(st, 2));
		circle_merge_note_add(&m->r->alike, &m->r->nalike, what, d);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : alike_sessions(db, m, e);
}

/*
 * People forgotten here, not there, whom the file still records (in a
 * group it may change): their rows are left out, as forget wants, but
 * said.  A person made one with another by circle roster merge is
 * forgotten too, but not left out: their rows come to the record kept
 * (mergeaway.c).
 */
int
circle_merge_left_out(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "x.member t WHERE " LEFT_OUT), &m->r->left_out, e) == -1)
		return -1;
	if (m->r->left_out == 0)
		return 0;
	return circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) "
	    "FROM x.attendance a JOIN x.session s ON s.id = a.session_id "
	    "JOIN temp.st_grp g ON g.xid = s.grp_id JOIN x.member t ON t.id "
	    "= a.member_id WHERE " LEFT_OUT), &m->r->left_out_att, e);
}
