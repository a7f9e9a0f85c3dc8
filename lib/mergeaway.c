/*
 * mergeaway.c: what a merge (merge.c) does about records made one here
 * by circle roster merge (rostermerge.c, schema.c's merged_away): the
 * rows another database still records under the record merged away are
 * brought to the record kept, never that record itself; and when that
 * database forgets the person, what came from its groups goes here.  The
 * file's pairings of records held here are stored and sent on, and the
 * end of one, however many merges away it was made, is done here once.
 * And the records the file's database made one that are two here, listed.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "circle-priv.h"
#include "merge.h"
#include "roster.h"

/*
 * The groups here that belong to the database where the person was
 * forgotten (:gone; grp_origin names no group of this one's own).
 */
#define GONE_GROUPS "(SELECT g.id FROM main.grp g LEFT JOIN " \
	"main.grp_origin o ON o.grp_id = g.id WHERE coalesce(o.origin, " \
	":local) = :gone)"
#define GONE_SESSIONS "(SELECT id FROM main.session WHERE grp_id IN " \
	GONE_GROUPS ")"
/* A detail of the kept record, emptied while still the one taken. */
#define UNTAKEN(c) c " = CASE WHEN k." c " IS w." c " THEN NULL ELSE k." c \
	" END"
/*
 * A detail of the kept record, emptied where the file's (t), of the same
 * edit, is empty and the file carries it (flag: it leaves it out).
 */
#define EMPTIED(flag, c) c " = CASE WHEN NOT " flag " AND t." c " IS NULL " \
	"THEN NULL ELSE k." c " END"
/* The log's before and after of the kept record's details. */
#define LOG_UNDETAILED "UPDATE main.change_log SET detail = NULL WHERE " \
	"entity = 'member' AND member_uid = (SELECT uid FROM main.member " \
	"WHERE id = :keep) AND detail IS NOT NULL"

/*
 * The kept record's (:keep) rows in the groups of the database that
 * forgot the one merged away (counted), and their removals there
 * (removals_away_sql): no trace that they were in them.  Children first.
 */
static const char *const rows_away_sql[] = {
	"DELETE FROM main.followup WHERE member_id = :keep AND session_id "
	    "IN " GONE_SESSIONS,
	"DELETE FROM main.response WHERE member_id = :keep AND session_id "
	    "IN " GONE_SESSIONS,
	"DELETE FROM main.attendance WHERE member_id = :keep AND session_id "
	    "IN " GONE_SESSIONS,
	"DELETE FROM main.membership WHERE member_id = :keep AND grp_id IN "
	    GONE_GROUPS,
};
static const char *const removals_away_sql[] = {
	"DELETE FROM main.removed WHERE member_uid = (SELECT uid FROM "
	    "main.member WHERE id = :keep) AND grp_uid IN (SELECT uid FROM "
	    "main.grp WHERE id IN " GONE_GROUPS ")",
};

/*
 * A record merged away here, forgotten there (:keep the kept record's
 * id, :other the uid merged away): after its rows there (rows_away_sql),
 * the details taken from the other that are still those taken are
 * emptied (one changed here since stays), its notes go from the kept
 * record's while there (notes_untake), the log keeps that its details
 * were edited, not from what to what, and the two are no longer one,
 * leaving nothing of what was taken (schema.c, 14).  Not an edit of the
 * kept record (its time stays): nothing of it travels but what is left,
 * and the forget's statement (schema.c, 15): the uid forgotten, where,
 * the record it was made one with, learnt now (so that an extract since
 * an earlier day carries it), so that a database this one sends the
 * kept record to does the same.
 */
static const char *const unmerge_sql[] = {
	"UPDATE main.member AS k SET " CIRCLE_TAKEN_DETAILS(UNTAKEN, ", ")
	    " FROM main.merged_away w WHERE w.uid = "
	    ":other AND k.id = :keep",
	NULL,		/* notes_untake */
	/* The log's before and after of their details, which held them. */
	LOG_UNDETAILED,
	"INSERT INTO main.forgotten (uid, at, origin, keep_uid, kept_here) "
	    "SELECT :other, :now, nullif(:gone, :local), k.uid, w.origin IS "
	    "NULL FROM main.member k, main.merged_away w WHERE k.id = :keep "
	    "AND w.uid = :other ON CONFLICT (uid) DO UPDATE SET at = "
	    "excluded.at, origin = excluded.origin, keep_uid = "
	    "excluded.keep_uid, kept_here = excluded.kept_here",
	"DELETE FROM main.merged_away WHERE uid = :other",
};

/*
 * A pairing's end stated by the file, the pairing not here (a
 * pseudonymized extract's, one merged before pairings travelled, or one
 * not stored as this database held the record merged away too), or here
 * (after unmerge_sql): after its rows there (rows_away_sql), the kept
 * record's details that the file's record of the same edit (its time:
 * the end took them without changing it) no longer holds are emptied,
 * its notes shrunk to the file's (statement_notes), and the log's before
 * and after go, as unmerge_sql does with the pairing's values.  One
 * edited here since stays as it is.
 */
static const char *const statement_sql[] = {
	"UPDATE main.member AS k SET " EMPTIED(":pseudo", "full_name") ", "
	    EMPTIED(":pseudo", "pronouns") ", " EMPTIED(":nocontacts",
	    "email") ", " EMPTIED(":nocontacts", "phone") ", "
	    EMPTIED(":nocontacts", "emergency") ", " EMPTIED(":pseudo",
	    "consent") ", " EMPTIED(":pseudo", "consent_on") " FROM x.member "
	    "t WHERE k.id = :keep AND t.uid = k.uid AND t.updated_at = "
	    "k.updated_at",
	NULL,		/* statement_notes */
	LOG_UNDETAILED,
};

/*
 * Notes without the text taken (t), the last place it is, with the
 * newline that joined it: NULL when nothing is left, or a copy of notes
 * when t is not in them (changed here since).
 */
char *
circle_notes_without(const char *notes, const char *t)
{
	const char	*at = NULL, *p;
	size_t		 n = strlen(t), head, tail;
	char		*out;

	for (p = notes; n > 0 && (p = strstr(p, t)) != NULL; p++)
		at = p;
	if (at == NULL)
		return circle_xstrdup(notes);
	head = (size_t)(at - notes);
	tail = head + n;
	if (head > 0 && notes[head - 1] == '\n')
		head--;
	else if (notes[tail] == '\n')
		tail++;
	if (head == 0 && notes[tail] == '\0')
		return NULL;
	circle_xasprintf(&out, "%.*s%s", (int)head, notes, notes + tail);
	return out;
}

/*
 * The text the kept record's notes took from the one merged away (w,
 * :other) out of them, and out of the texts its other pairings took
 * that are no longer whole in them (the notes of one merged into the
 * one merged away are in it, when rostermerge.c could not take them
 * out), so that each is found at its own forget.  A text of another
 * pairing still whole in the kept record's (two records that said the
 * same words: a copy of each) stays, for its own forget to take.
 */
static int
notes_untake(struct circle_db *db, struct merge *m, long long keep,
    const char *other, struct circle_err *e)
{
	static const char *const sql[] = {
		"SELECT k.notes, w.notes, k.rowid FROM member k, merged_away w "
		    "WHERE k.id = ?1 AND w.uid = ?2 AND k.notes IS NOT NULL AND "
		    "w.notes IS NOT NULL",
		"SELECT s.notes, w.notes, s.rowid FROM member k, merged_away w, "
		    "merged_away s WHERE k.id = ?1 AND w.uid = ?2 AND "
		    "s.keep_uid = k.uid AND s.uid != w.uid AND s.notes IS NOT "
		    "NULL AND w.notes IS NOT NULL AND instr(coalesce(k.notes, "
		    "''), s.notes) = 0",
	};
	static const char *const put[] = {
		"UPDATE member SET notes = ?1 WHERE rowid = ?2",
		"UPDATE merged_away SET notes = ?1 WHERE rowid = ?2",
	};
	sqlite3_stmt	*st, *up;
	char		*left;
	size_t		 i;
	int		 rc = 0;

	(void)m;
	for (i = 0; rc == 0 && i < 2; i++) {
		if ((st = circle_prepare(db, sql[i], e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, keep);
		circle_bind_text(st, 2, other);
		while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			left = circle_notes_without((const char *)
			    sqlite3_column_text(st, 0), (const char *)
			    sqlite3_column_text(st, 1));
			rc = -1;
			if ((up = circle_prepare(db, put[i], e)) != NULL) {
				circle_bind_text(up, 1, left);
				sqlite3_bind_int64(up, 2,
				    sqlite3_column_int64(st, 2));
				rc = circle_exec_stmt(db, up, e);
			}
			free(left);
		}
		if (rc != -1)
			rc = circle_step_ok(db, rc, "forgotten", e);
		sqlite3_finalize(st);
	}
	return rc;
}

/*
 * Is s notes with one piece of them taken out (NULL: all of them)?  The
 * notes a pairing's end left, of the same edit (statement_sql).
 */
static int
notes_shrunk(const char *notes, const char *s)
{
	size_t	 n = strlen(notes), k, head = 0, tail = 0;

	if (s == NULL)
		return 1;
	if ((k = strlen(s)) >= n)
		return 0;
	while (head < k && notes[head] == s[head])
		head++;
	while (tail < k - head && notes[n - 1 - tail] == s[k - 1 - tail])
		tail++;
	return head + tail == k;
}

/*
 * The kept record's (keep) notes, where the file's record of the same
 * edit holds them with a piece taken out (a pairing's end took it there):
 * the file's.  Not from a file that leaves notes out.
 */
static int
statement_notes(struct circle_db *db, struct merge *m, long long keep,
    const char *other, struct circle_err *e)
{
	sqlite3_stmt	*st, *up;
	int		 rc;

	(void)other;
	if ((st = circle_prepare(db, "SELECT k.notes, t.notes FROM main.member "
	    "k JOIN x.member t ON t.uid = k.uid WHERE k.id = :keep AND "
	    "t.updated_at = k.updated_at AND NOT :nonotes AND k.notes IS NOT "
	    "NULL AND t.notes IS NOT k.notes", e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":keep"),
	    keep);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && notes_shrunk((const char *)
	    sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st,
	    1))) {
		rc = -1;
		if ((up = circle_prepare(db, "UPDATE main.member SET notes = ?1 "
		    "WHERE id = ?2", e)) != NULL) {
			circle_bind_text(up, 1, (const char *)
			    sqlite3_column_text(st, 1));
			sqlite3_bind_int64(up, 2, keep);
			rc = circle_exec_stmt(db, up, e);
		}
	} else
		rc = circle_step_ok(db, rc, "forgotten", e);
	sqlite3_finalize(st);
	return rc;
}

#define NITEMS(a) (sizeof (a) / sizeof (a)[0])

/*
 * Run the statements of sql (NULL: notes) for one record; the rows they
 * change added to *rows (NULL: not counted).
 */
static int
unmerge_run(struct circle_db *db, struct merge *m, const char *const *sql,
    size_t n, int (*notes)(struct circle_db *, struct merge *, long long,
    const char *, struct circle_err *), long long keep, const char *other,
    const char *gone, long *rows, struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (sql[i] == NULL) {
			if (notes(db, m, keep, other, e) == -1)
				return -1;
			continue;
		}
		if ((st = circle_prepare(db, sql[i], e)) == NULL)
			return -1;
		circle_merge_bind(st, m);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st,
		    ":keep"), keep);
		circle_bind_text(st, sqlite3_bind_parameter_index(st,
		    ":other"), other);
		circle_bind_text(st, sqlite3_bind_parameter_index(st,
		    ":gone"), gone);
		if (circle_exec_stmt(db, st, e) == -1)
			return -1;
		if (rows != NULL)
			*rows += sqlite3_changes(db->h);
	}
	return 0;
}

/*
 * How a pairing's end is done here (temp.x_unmerge's how): the pairing
 * here; the file's statement alone; or the statement about a record
 * merged away there that this database held too (forgotten here already,
 * from its own database's extract, or a record here now): the groups of
 * that database here came with its own extracts, never with the kept
 * record's (merge.c takes a group's rows from the first file that
 * brings it and its own database's), so the kept record's rows in them
 * are its own, and stay (a second delivery, or one after rows it gained
 * there since, deletes none); what it took of the other goes.
 */
#define PAIRED			1
#define STATEMENT		0
#define STATEMENT_DETAILS	2

/*
 * One pairing's end, a row of temp.x_unmerge in u (the kept record's id
 * and uid, the uid forgotten, the database that forgot it, and how): the
 * kept record's rows in that database's groups (rows_away_sql), but for
 * a statement about a record held here too (STATEMENT_DETAILS); with the
 * pairing what the record took of the other (unmerge_sql); and what the
 * file's record no longer holds (statement_sql): all there is without
 * the pairing, and what a pairing stored from a file of schema 14, which
 * carried no value taken, cannot say.  Undo data holding what goes goes
 * too, as forget's (undoapply.c).
 */
static int
unmerge_one(struct circle_db *db, struct merge *m, sqlite3_stmt *u,
    struct circle_err *e)
{
	long long	 keep = sqlite3_column_int64(u, 0);
	char		*keep_uid, *other, *gone;
	int		 how = sqlite3_column_int(u, 4), rc = -1;

	keep_uid = circle_col_dup(u, 1);
	other = circle_col_dup(u, 2);
	gone = circle_col_dup(u, 3);
	if (circle_undo_forget(db, keep, keep_uid, e) == -1 ||
	    (how != STATEMENT_DETAILS && (unmerge_run(db, m, rows_away_sql,
	    NITEMS(rows_away_sql), NULL, keep, other, gone,
	    &m->r->unmerged_rows, e) == -1 || unmerge_run(db, m,
	    removals_away_sql, NITEMS(removals_away_sql), NULL, keep, other,
	    gone, NULL, e) == -1)))
		goto out;
	if (how != PAIRED || (rc = unmerge_run(db, m, unmerge_sql,
	    NITEMS(unmerge_sql), notes_untake, keep, other, gone, NULL,
	    e)) == 0)
		rc = unmerge_run(db, m, statement_sql, NITEMS(statement_sql),
		    statement_notes, keep, other, gone, NULL, e);
out:
	free(keep_uid);
	free(other);
	free(gone);
	return rc;
}

/*
 * The handles of the records kept that sql (no parameter but :from)
 * names, ", " between, in *out: NULL when none.
 */
static int
keeps_named(struct circle_db *db, struct merge *m, const char *sql,
    char **out, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*q;
	int		 rc;

	free(*out);
	*out = NULL;
	q = sqlite3_mprintf("SELECT group_concat(handle, ', ') FROM (SELECT "
	    "DISTINCT k.handle AS handle %s ORDER BY 1)", sql);
	st = circle_prepare(db, q, e);
	sqlite3_free(q);
	if (st == NULL)
		return -1;
	circle_merge_bind(st, m);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = circle_col_dup(st, 0);
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The pairings the file's forgotten end here (temp.x_unmerge): records
 * merged away here that the file forgets (its database's person asked
 * to be forgotten, or made one with another there), in the groups of the
 * database that forgot them (the file's, or one it names: schema.c, 15);
 * and the file's statements of a pairing's end that is not here (a
 * pseudonymized extract's, or of a pairing this database never stored),
 * new here (CIRCLE_MERGE_STATEMENT_NEW: a second delivery changes
 * nothing), about a record held here, in groups not this database's own
 * (what it records itself it knows).
 */
static const char *const unmerge_list_sql[] = {
	"DROP TABLE IF EXISTS temp.x_unmerge",
	"CREATE TEMP TABLE x_unmerge (keep_id INTEGER NOT NULL, keep_uid TEXT "
	    "NOT NULL, other TEXT NOT NULL, gone TEXT NOT NULL, how INTEGER "
	    "NOT NULL)",
	/* how: 1 PAIRED, 0 STATEMENT, 2 STATEMENT_DETAILS */
	"INSERT INTO temp.x_unmerge SELECT k.id, k.uid, w.uid, "
	    "coalesce(f.origin, :from), 1 FROM x.forgotten f JOIN "
	    "main.merged_away w ON w.uid = f.uid JOIN main.member k ON k.uid = "
	    "w.keep_uid ORDER BY w.uid",
	"INSERT INTO temp.x_unmerge SELECT k.id, k.uid, f.uid, "
	    "coalesce(f.origin, :from), CASE WHEN f.uid IN (SELECT uid FROM "
	    "main.forgotten UNION ALL SELECT uid FROM main.member) THEN 2 ELSE "
	    "0 END FROM x.forgotten f JOIN main.member "
	    "k ON k.uid = f.keep_uid WHERE " CIRCLE_MERGE_STATEMENT_NEW("f")
	    " AND f.uid NOT IN (SELECT uid FROM main.merged_away) AND "
	    "coalesce(f.origin, :from) != :local ORDER BY f.uid",
};

/*
 * The files written here that may hold what each record kept
 * (temp.x_unmerge) took of one forgotten there: since the pairing was
 * made, or, not here, since the record kept was added.
 */
static int
took_written(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc = 0;

	if ((st = circle_prepare(db, "SELECT k.handle, min(coalesce(w.at, "
	    "k.created_at)) FROM temp.x_unmerge u JOIN main.member k ON k.id "
	    "= u.keep_id LEFT JOIN main.merged_away w ON w.uid = u.other "
	    "GROUP BY k.id ORDER BY k.handle", e)) == NULL)
		return -1;
	while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		rc = circle_merge_written_add(db, m, (const char *)
		    sqlite3_column_text(st, 0), 1, (const char *)
		    sqlite3_column_text(st, 1), e);
	if (rc != -1)
		rc = circle_step_ok(db, rc, "forgotten", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The pairings the file's forgotten end here, ended (unmerge_one).
 * Before the file's forgotten are taken (circle_merge_forgotten), which
 * remembers a statement's uid as forgotten: it is applied once.
 */
int
circle_merge_away_forgotten(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < NITEMS(unmerge_list_sql); i++)
		if (circle_merge_exec(db, m, sqlite3_mprintf("%s",
		    unmerge_list_sql[i]), e) == -1)
			return -1;
	if (keeps_named(db, m, "FROM temp.x_unmerge u JOIN main.member k ON "
	    "k.id = u.keep_id", &m->r->unmerged_keeps, e) == -1 ||
	    took_written(db, m, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT keep_id, keep_uid, other, gone, "
	    "how FROM temp.x_unmerge ORDER BY rowid", e)) == NULL)
		return -1;
	m->r->unmerged = 0;
	m->r->unmerged_rows = 0;
	rc = 0;
	while (rc == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		rc = unmerge_one(db, m, st, e);
		m->r->unmerged++;
	}
	if (rc != -1)
		rc = circle_step_ok(db, rc, "forgotten", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The file's pairings (extract.c) whose kept record is here, of a uid
 * that is no record here (a database holding that record lists the two:
 * circle_merge_away_paired), forgotten neither here nor there (a pairing
 * ended, delivered again, stays ended): stored, with the database that
 * made it, so that when the one merged away is forgotten where it was,
 * this database does what that one did (circle_merge_away_forgotten),
 * and sends them on; not its own pairing (its pseudonymized extracts
 * send the kept record under its own uid, as before).  After the file's
 * people are merged.
 */
int
circle_merge_away_store(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	return circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO "
	    "main.merged_away (uid, keep_uid, at, full_name, pronouns, email, "
	    "phone, emergency, consent, consent_on, notes, origin) SELECT "
	    "w.uid, w.keep_uid, w.at, w.full_name, w.pronouns, w.email, "
	    "w.phone, w.emergency, w.consent, w.consent_on, w.notes, "
	    "nullif(coalesce(w.origin, :from), :local) FROM x.merged_away "
	    "w WHERE w.keep_uid IN (SELECT uid FROM main.member) AND w.uid NOT "
	    "IN (SELECT uid FROM main.member) AND w.uid NOT IN (SELECT uid "
	    "FROM main.forgotten) AND w.uid NOT IN (SELECT uid FROM "
	    "x.forgotten) ORDER BY w.uid ON CONFLICT (uid) DO NOTHING"), e);
}

/*
 * The records kept whose pairing's end was a statement alone (not
 * PAIRED: no value taken known here) and that, the file's people merged,
 * are not the file's record of the same edit (changed here since, a
 * conflict kept, or not in the file): what statement_sql could not tell
 * from this database's own words stays in them, and the merge says so.
 * Not from a pseudonymized file, which carries no detail or note.
 */
int
circle_merge_away_kept_edited(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	if (m->pseudo)
		return 0;
	return keeps_named(db, m, "FROM temp.x_unmerge u JOIN main.member k "
	    "ON k.id = u.keep_id WHERE u.how != 1 AND NOT EXISTS (SELECT 1 "
	    "FROM x.member t WHERE t.uid = k.uid AND t.updated_at = "
	    "k.updated_at)", &m->r->unmerged_edited, e);
}

/* A detail a record kept lacks, as a record merged into it gave it. */
#define RETAKEN(c) c " = coalesce(k." c ", (SELECT w." c " FROM " \
	"main.merged_away w WHERE w.keep_uid = k.uid AND w." c " IS NOT " \
	"NULL ORDER BY w.at, w.uid LIMIT 1))"

/* The records kept here the file's rows updated (merge.c's states). */
#define UPDATED_KEEPS "k.id IN (SELECT lid FROM temp.st_member WHERE " \
	"state IN (2, 4)) AND EXISTS (SELECT 1 FROM main.merged_away w " \
	"WHERE w.keep_uid = k.uid)"

/*
 * A record kept here, updated from its own database's row (newer there,
 * or a conflict with --theirs), which knows nothing of what it took at
 * circle roster merge: what it took is taken again, as roster merge took
 * it (a detail it lacks; notes no longer in its own, added after), so
 * that a merge never loses what another database's record gave it, and
 * its forget there still finds it.  Its time stays the file's: no
 * conflict made of it.  After the file's people are merged.
 */
int
circle_merge_away_retake(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	int	rc;

	if (circle_merge_exec(db, m, sqlite3_mprintf("UPDATE main.member AS k "
	    "SET " CIRCLE_TAKEN_DETAILS(RETAKEN, ", ") " WHERE "
	    UPDATED_KEEPS), e) == -1)
		return -1;
	/* One pairing at a time, in the order they were made. */
	for (;;) {
		rc = circle_merge_exec(db, m, sqlite3_mprintf("UPDATE "
		    "main.member AS k SET notes = CASE WHEN k.notes IS NULL THEN "
		    "w.notes ELSE k.notes || char(10) || w.notes END FROM "
		    "(SELECT w.keep_uid, w.notes FROM main.merged_away w JOIN "
		    "main.member k ON k.uid = w.keep_uid WHERE " UPDATED_KEEPS
		    " AND w.notes IS NOT NULL AND instr(coalesce(k.notes, ''), "
		    "w.notes) = 0 ORDER BY w.at, w.uid LIMIT 1) w WHERE k.uid = "
		    "w.keep_uid"), e);
		if (rc == -1 || sqlite3_changes(db->h) == 0)
			return rc;
	}
}

/*
 * The uids this database's pseudonymized extracts send its records kept
 * under (extractkeep.c), with the record's: in temp.x_sent, filled for a
 * merge of such an extract of this database itself (empty otherwise), so
 * that the record comes back as itself (circle_merge_away_map), never as
 * a second person.  Before the file's people are staged.
 */
int
circle_merge_away_sent(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	unsigned char	key[CIRCLE_KEEP_KEYLEN];
	int		rc;

	if (circle_exec(db, "DROP TABLE IF EXISTS temp.x_sent; CREATE TEMP "
	    "TABLE x_sent (sent TEXT PRIMARY KEY, keep_uid TEXT NOT NULL)",
	    e) == -1)
		return -1;
	if (!m->r->self || !m->pseudo)
		return 0;
	if ((rc = circle_extract_keep_key(db, 0, key, e)) <= 0)
		return rc;
	rc = -1;
	if (circle_extract_keep_register(db->h, key) == SQLITE_OK)
		rc = circle_exec(db, "INSERT OR IGNORE INTO temp.x_sent SELECT "
		    "circle_uid_sent(keep_uid), keep_uid FROM ("
		    CIRCLE_KEPT_HERE("main") ")", e);
	else
		circle_db_error(db, e, "merge");
	circle_extract_keep_register(db->h, NULL);
	sodium_memzero(key, sizeof key);
	return rc;
}

/*
 * The file's people merged away here: staged as the record they were made
 * one with (unchanged, their own row never written), so that their
 * memberships, marks, check-ins and follow-ups come to it.  After the
 * file's people are staged (merge_table), before what refers to them.
 */
int
circle_merge_away_map(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	if (circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO "
	    "temp.st_member (xid, lid, state, uid) SELECT t.id, k.id, 0, t.uid "
	    "FROM x.member t JOIN main.merged_away w ON w.uid = t.uid JOIN "
	    "main.member k ON k.uid = w.keep_uid WHERE t.uid NOT IN (SELECT "
	    "uid FROM x.forgotten) AND NOT EXISTS (SELECT 1 FROM "
	    "temp.st_member s WHERE s.xid = t.id)"), e) == -1)
		return -1;
	m->r->merged_in = sqlite3_changes(db->h);
	/* A record kept here as a pseudonymized extract sent it: itself. */
	if (circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO "
	    "temp.st_member (xid, lid, state, uid) SELECT t.id, k.id, 0, t.uid "
	    "FROM x.member t JOIN temp.x_sent w ON w.sent = t.uid JOIN "
	    "main.member k ON k.uid = w.keep_uid"), e) == -1)
		return -1;
	if (m->r->merged_in == 0)
		return 0;
	return keeps_named(db, m, "FROM x.member t JOIN main.merged_away w "
	    "ON w.uid = t.uid JOIN temp.st_member s ON s.xid = t.id JOIN "
	    "main.member k ON k.id = s.lid", &m->r->merged_keeps, e);
}

/*
 * Records the file's database made one (its merged_away: the uid merged
 * away, the uid kept; empty in a file of schema 12) that are two here:
 * the one merged away there is still this database's own record, never
 * forgotten (extract.c sends it as a pairing, not among the forgotten),
 * and the one kept came with the file.  Listed each merge, with the
 * command that makes them one here as there; never made one by the merge
 * (a roster merge is the facilitator's choice, and forgets a record).
 * With circle_merge_alike's look-alikes, which leave these pairs out.
 */
int
circle_merge_away_paired(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*what, *d;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT k.handle, o.handle FROM "
	    "x.merged_away w JOIN main.member o ON o.uid = w.uid JOIN "
	    "main.member k ON k.uid = w.keep_uid WHERE k.id != o.id ORDER BY "
	    "1, 2", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		circle_xasprintf(&what, "%s and %s", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1));
		circle_xasprintf(&d, "made one in the file's database, two "
		    "records here: circle roster merge %s %s makes them one "
		    "here (what this database records of %s is then counted "
		    "under %s, as there)", sqlite3_column_text(st, 0),
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 0));
		circle_merge_note_add(&m->r->alike, &m->r->nalike, what, d);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}
