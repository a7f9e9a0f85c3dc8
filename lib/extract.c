/*
 * extract.c: some groups of the database as a circle database of their
 * own, for a coordinator to merge (merge.c): the groups and only what
 * belongs to them, with this database's id, the uids of the people
 * forgotten here (where, and the record a pairing's end leaves) and of
 * the records made one here (merged_away).  A plain one made by SQLite
 * in a temporary file renamed when whole (atomic.c); a sealed one built
 * in memory and sealed with a passphrase (seal.c), so no plaintext copy
 * is left on disk.  Also the sealed backup, made the same way.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "circle-priv.h"

#define EXTRACT_TEXT_Q "(SELECT 1 FROM src.response r JOIN src.question q " \
	"ON q.survey_id = r.survey_id AND q.key = a.question WHERE r.id = " \
	"a.response_id AND q.kind = 'text')"

/*
 * A person's uid c as an extract sends it: in a pseudonymized one (named,
 * ?2 in copy_sql, 0),
 * a record kept here of records made one goes under the uid its key
 * makes (extractkeep.c).
 */
#define SENT_BY(c, named) "CASE WHEN NOT " named " AND " c " IN (" \
	CIRCLE_KEPT_HERE("src") ") THEN circle_uid_sent(" c ") ELSE " c \
	" END"
#define SENT(c) SENT_BY(c, "?2")

/*
 * What is copied, in an order that keeps every reference whole; ?1 is the
 * date from which attendance, check-ins and follow-ups travel ('' for
 * all), ?2 1 to keep names, ?3 1 to keep contacts, ?4 1 to keep notes.
 * The groups are in temp.xg; a group's series, sessions, memberships and
 * people always travel (they are small and what the rest refers to).
 */
static const char *const copy_sql[] = {
	"INSERT INTO main.grp SELECT * FROM src.grp WHERE id IN "
	    "(SELECT id FROM temp.xg)",
	"INSERT INTO main.series SELECT * FROM src.series WHERE grp_id IN "
	    "(SELECT id FROM temp.xg)",
	"INSERT INTO main.session (id, uid, grp_id, series_id, "
	    "recurrence_id, starts_at, ends_at, local_start, tzid, location, "
	    "topic, status, cancel_reason, headcount, notes, sequence, "
	    "created_at, updated_at, online_url) SELECT id, uid, grp_id, "
	    "series_id, recurrence_id, starts_at, ends_at, local_start, tzid, "
	    "location, topic, status, cancel_reason, headcount, CASE WHEN ?4 "
	    "THEN notes END, sequence, created_at, updated_at, online_url "
	    "FROM src.session WHERE "
	    "grp_id IN (SELECT id FROM temp.xg)",
	"INSERT INTO main.membership SELECT * FROM src.membership WHERE "
	    "grp_id IN (SELECT id FROM temp.xg)",
	"INSERT INTO main.attendance (id, session_id, member_id, status, "
	    "note, created_at, updated_at) SELECT a.id, a.session_id, "
	    "a.member_id, a.status, CASE WHEN ?4 THEN a.note END, "
	    "a.created_at, a.updated_at FROM main.session s JOIN "
	    "src.attendance a ON a.session_id = s.id WHERE a.updated_at >= ?1",
	"INSERT INTO main.survey SELECT * FROM src.survey",
	"INSERT INTO main.question SELECT * FROM src.question",
	"INSERT INTO main.response SELECT r.* FROM main.session s JOIN "
	    "src.response r ON r.session_id = s.id WHERE r.updated_at >= ?1 "
	    "OR r.id IN (SELECT response_id FROM src.followup f WHERE "
	    "f.session_id = s.id AND f.updated_at >= ?1)",
	"INSERT INTO main.answer SELECT a.* FROM main.response r JOIN "
	    "src.answer a ON a.response_id = r.id WHERE ?4 OR NOT EXISTS "
	    EXTRACT_TEXT_Q,
	"INSERT INTO main.followup (id, uid, member_id, session_id, "
	    "response_id, flag, reason, status, note, created_at, updated_at, "
	    "closed_at) SELECT f.id, f.uid, f.member_id, f.session_id, "
	    "f.response_id, f.flag, f.reason, f.status, CASE WHEN ?4 THEN "
	    "f.note END, f.created_at, f.updated_at, f.closed_at FROM "
	    "main.session s JOIN src.followup f ON f.session_id = s.id WHERE "
	    "f.updated_at >= ?1",
	/* The people the rows above name, and no one else. */
	"INSERT INTO main.member (id, uid, handle, display_name, full_name, "
	    "pronouns, email, phone, emergency, consent, consent_on, status, "
	    "notes, created_at, updated_at) SELECT id, " SENT("uid") ", CASE "
	    "WHEN ?2 THEN handle ELSE lower(circle_pseudonym(" SENT("uid")
	    ")) END, CASE WHEN ?2 THEN display_name ELSE circle_pseudonym("
	    SENT("uid") ") END, CASE WHEN ?2 THEN "
	    "full_name END, CASE WHEN ?2 THEN pronouns END, CASE WHEN ?3 THEN "
	    "email END, CASE WHEN ?3 THEN phone END, CASE WHEN ?3 THEN "
	    "emergency END, CASE WHEN ?2 THEN consent END, CASE WHEN ?2 THEN "
	    "consent_on END, status, CASE WHEN ?4 THEN notes END, created_at, "
	    "updated_at FROM src.member m WHERE "
	    "EXISTS (SELECT 1 FROM main.membership p WHERE p.member_id = m.id) "
	    "OR EXISTS (SELECT 1 FROM main.attendance a WHERE a.member_id = "
	    "m.id) OR EXISTS (SELECT 1 FROM main.response r WHERE r.member_id "
	    "= m.id) OR EXISTS (SELECT 1 FROM main.followup f WHERE "
	    "f.member_id = m.id)",
	/*
	 * Where each was forgotten, and the record one was made one with
	 * (schema.c, 15); a pseudonymized extract's go as
	 * copy_sent_forgotten says.
	 */
	"INSERT INTO main.forgotten (uid, at, origin, keep_uid) SELECT uid, "
	    "at, origin, keep_uid FROM src.forgotten WHERE ?2 AND at >= ?1 "
	    "AND uid NOT IN (SELECT uid FROM src.merged_away)",
};

/* The one rule of a person's code (text.c), as SQL. */
static void
sql_pseudonym(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	char		 code[CIRCLE_PSEUDONYM_LEN];
	const char	*uid = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (uid == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	circle_pseudonym(uid, code);
	sqlite3_result_text(cx, code, -1, SQLITE_TRANSIENT);
}

/*
 * This database's own id, made the first time it is asked for; never
 * undone (an undo of the command that made it would give the database a
 * second id, and its groups would be another database's to a coordinator).
 */
static int
origin_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	char		**id = arg;
	sqlite3_stmt	*st;
	int		 rc;

	circle_undo_pause(db, 1);
	rc = circle_exec(db, "INSERT INTO network (key, value) VALUES "
	    "('origin', lower(hex(randomblob(16)))) ON CONFLICT DO NOTHING",
	    e);
	circle_undo_pause(db, 0);
	if (rc == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT value FROM network WHERE key = "
	    "'origin'", e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		free(*id);
		*id = circle_col_dup(st, 0);
	}
	if (circle_step_ok(db, rc, "origin", e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

char *
circle_db_origin(struct circle_db *db, struct circle_err *e)
{
	char	*id = NULL;

	if (circle_db_write(db, origin_tx, &id, e) == -1) {
		free(id);
		return NULL;
	}
	return id;
}

static int
raw_error(sqlite3 *h, const char *what, struct circle_err *e)
{
	int	rc = sqlite3_extended_errcode(h);

	return circle_err_set(e, (rc & 0xff) == SQLITE_BUSY ? CIRCLE_EBUSY :
	    CIRCLE_EIO, "%s: %s", what, sqlite3_errmsg(h));
}

/*
 * The schema of a new, empty circle database on h: made by the same
 * migrations as every database, with db's application id and version,
 * journaled in memory (a memdb's own mode; a database half made is thrown
 * away whole, and journal_mode OFF is refused in defensive mode).  -1
 * with h's error.
 */
static int
schema_new(struct circle_db *db, sqlite3 *h)
{
	char	*sql;
	int	 rc;

	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_exec(h, "PRAGMA main.journal_mode = MEMORY", NULL, NULL,
	    NULL) != SQLITE_OK ||
	    sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
	    circle_db_migrate_handle(h, 0, db->version) != SQLITE_OK)
		return -1;
	sql = sqlite3_mprintf("PRAGMA application_id = %d; PRAGMA "
	    "user_version = %d; COMMIT", circle_db_application_id(db),
	    db->version);
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK ? -1 : 0;
	sqlite3_free(sql);
	return rc;
}

/*
 * A new, empty circle database in memory (SQLite's memdb, so that its
 * bytes can be had without a copy) of at most cap bytes, in buf
 * (circle_bytes_alloc, the caller's), made by schema_new.
 */
int
circle_memdb_new(struct circle_db *db, unsigned char *buf, size_t cap,
    sqlite3 **hp, struct circle_err *e)
{
	sqlite3		*h = NULL;

	*hp = NULL;
	if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK) {
		if (h == NULL)
			return circle_err_set(e, CIRCLE_EIO, "cannot make a "
			    "database in memory");
		raw_error(h, "memory database", e);
		sqlite3_close(h);
		return -1;
	}
	/*
	 * Its main made a memdb this way rather than by opening with that
	 * VFS, which ATTACH would then use for the files it opens too.
	 */
	if (sqlite3_deserialize(h, "main", buf, 0, (sqlite3_int64)cap, 0) !=
	    SQLITE_OK || schema_new(db, h) == -1) {
		raw_error(h, "memory database", e);
		sqlite3_close(h);
		return -1;
	}
	*hp = h;
	return 0;
}

int
circle_db_application_id(struct circle_db *db)
{
	sqlite3_stmt	*st;
	int		 id = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA main.application_id", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return id;
}

/* More than one group and none chosen: their handles said, to choose. */
static int
groups_said(sqlite3 *h, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT group_concat(handle, ', ') FROM "
	    "(SELECT handle FROM src.grp ORDER BY handle)", -1, &st, NULL) !=
	    SQLITE_OK)
		return raw_error(h, "extract", e);
	if (sqlite3_step(st) == SQLITE_ROW)
		rc = circle_err_set(e, CIRCLE_EUSAGE, "more than one group "
		    "(%s): give the groups with --group, or --all",
		    (const char *)sqlite3_column_text(st, 0));
	else
		rc = raw_error(h, "extract", e);
	sqlite3_finalize(st);
	return rc;
}

/* The chosen groups into temp.xg, each found once. */
static int
choose_groups(struct circle_db *db, sqlite3 *h,
    const struct circle_extract_opts *o, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 gid;
	size_t		 i;
	int		 rc;

	if (sqlite3_exec(h, "CREATE TEMP TABLE xg (id INTEGER PRIMARY KEY)",
	    NULL, NULL, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	if (o->all || o->ngroups == 0) {
		if (sqlite3_exec(h, "INSERT INTO temp.xg SELECT id FROM src.grp",
		    NULL, NULL, NULL) != SQLITE_OK)
			return raw_error(h, "extract", e);
		if (o->all || sqlite3_changes(h) == 1)
			return 0;
		if (sqlite3_changes(h) == 0)
			return circle_err_set(e, CIRCLE_EFAIL, "no groups yet, "
			    "nothing to extract (add one with 'circle group "
			    "add NAME')");
		return groups_said(h, e);
	}
	if (sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO temp.xg VALUES (?)",
	    -1, &st, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	for (i = 0; i < o->ngroups; i++) {
		if (circle_group_resolve(db, o->groups[i], &gid, e) == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_bind_int64(st, 1, gid);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			sqlite3_finalize(st);
			return raw_error(h, "extract", e);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * What the extract says of itself: where from, when, what it holds, and
 * (sums) that its pages carry their sums (pagesum.c).
 */
static int
describe(sqlite3 *h, const char *origin, const struct circle_extract_opts *o,
    int sums, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		 now[21];
	const char	*kv[][2] = {
		{ "origin", origin },
		{ CIRCLE_NET_EXTRACTED, now },
		{ "since", o->since },
		{ "pseudonymized", o->pseudonymize ? "1" : NULL },
		{ "without_contacts", o->without_contacts ? "1" : NULL },
		{ "without_notes", o->without_notes ? "1" : NULL },
		{ CIRCLE_NET_PAGESUMS, sums ? "1" : NULL },
	};
	size_t		 i;
	int		 rc = 0;

	circle_now_utc(now);
	if (sqlite3_prepare_v2(h, "INSERT INTO main.network VALUES (?, ?)", -1,
	    &st, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	for (i = 0; rc == 0 && i < sizeof kv / sizeof kv[0]; i++) {
		if (kv[i][1] == NULL)
			continue;
		circle_bind_text(st, 1, kv[i][0]);
		circle_bind_text(st, 2, kv[i][1]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = raw_error(h, "extract", e);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	if (rc == 0 && sqlite3_exec(h, "INSERT INTO main.grp_origin SELECT "
	    "g.id, coalesce((SELECT origin FROM src.grp_origin o WHERE "
	    "o.grp_id = g.id), (SELECT value FROM main.network WHERE key = "
	    "'origin')) FROM main.grp g", NULL, NULL, NULL) != SQLITE_OK)
		rc = raw_error(h, "extract", e);
	return rc;
}

/*
 * Everything, left whole: each table copied as it is, which SQLite does a
 * page's rows at a time (its transfer optimisation), in the order of
 * copy_sql; then the people no row names go again.
 */
static const char *const whole_sql[] = {
	"INSERT INTO main.grp SELECT * FROM src.grp",
	"INSERT INTO main.series SELECT * FROM src.series",
	"INSERT INTO main.session SELECT * FROM src.session",
	"INSERT INTO main.membership SELECT * FROM src.membership",
	"INSERT INTO main.attendance SELECT * FROM src.attendance",
	"INSERT INTO main.survey SELECT * FROM src.survey",
	"INSERT INTO main.question SELECT * FROM src.question",
	"INSERT INTO main.response SELECT * FROM src.response",
	"INSERT INTO main.answer SELECT * FROM src.answer",
	"INSERT INTO main.followup SELECT * FROM src.followup",
	"INSERT INTO main.member SELECT * FROM src.member",
	"INSERT INTO main.forgotten (uid, at, origin, keep_uid) SELECT uid, "
	    "at, origin, keep_uid FROM src.forgotten WHERE uid NOT IN (SELECT "
	    "uid FROM src.merged_away)",
	"DELETE FROM main.member AS m WHERE NOT (EXISTS (SELECT 1 FROM "
	    "main.membership p WHERE p.member_id = m.id) OR EXISTS (SELECT 1 "
	    "FROM main.attendance a WHERE a.member_id = m.id) OR EXISTS "
	    "(SELECT 1 FROM main.response r WHERE r.member_id = m.id) OR "
	    "EXISTS (SELECT 1 FROM main.followup f WHERE f.member_id = m.id))",
};

static int
copy_rows(sqlite3 *h, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct circle_err *e)
{
	const char *const	*sql = copy_sql;
	size_t			 nsql = sizeof copy_sql / sizeof copy_sql[0];
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc;

	if (o->all && o->since == NULL && !o->pseudonymize &&
	    !o->without_contacts && !o->without_notes) {
		sql = whole_sql;
		nsql = sizeof whole_sql / sizeof whole_sql[0];
	}
	for (i = 0; i < nsql; i++) {
		if (sqlite3_prepare_v2(h, sql[i], -1, &st, NULL) != SQLITE_OK)
			return raw_error(h, "extract", e);
		circle_bind_text(st, 1, o->since != NULL ? o->since : "");
		sqlite3_bind_int(st, 2, !o->pseudonymize);
		sqlite3_bind_int(st, 3, !o->pseudonymize &&
		    !o->without_contacts);
		sqlite3_bind_int(st, 4, !o->pseudonymize && !o->without_notes);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return raw_error(h, "extract", e);
		switch (i) {
		case 0: r->groups = (size_t)sqlite3_changes(h); break;
		case 2: r->sessions = (size_t)sqlite3_changes(h); break;
		case 4: r->attendance = (size_t)sqlite3_changes(h); break;
		case 7: r->responses = (size_t)sqlite3_changes(h); break;
		case 9: r->followups = (size_t)sqlite3_changes(h); break;
		case 10: r->members = (size_t)sqlite3_changes(h); break;
		case 11: r->forgotten = (size_t)sqlite3_changes(h); break;
		case 12: r->members -= (size_t)sqlite3_changes(h); break;
		}
	}
	return 0;
}

/*
 * The forgotten a pseudonymized extract sends (not those of records
 * merged away here, as copy_sql): each uid as it is, and as the key
 * makes it (extractkeep.c; none without one), so that a record kept here
 * sent under that uid before is forgotten where it went, as the record
 * itself is here.  A pairing's end names the record kept as it was sent:
 * by its raw uid beside the raw uid forgotten, by the uid the key makes
 * beside the one the key makes of the uid forgotten.  Each goes with the
 * database that forgot it, which a receiver needs wherever it holds a
 * pairing of that uid (its own roster merge, or one stored): the kept
 * record's rows in that database's groups go, never those in the file's
 * own.  Nothing else ties a raw uid to one the key makes of it, which
 * would tell whoever knows the raw one (from plain extracts) the code of
 * the record kept: every row has one time (this extract's: a receiver
 * keeps its own), and they are written in the order of their uids as
 * sent; only the database that forgot narrows them, to the people it
 * forgot.  Those the key makes name no one: not counted.
 */
static int
copy_sent_forgotten(sqlite3 *h, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO main.forgotten "
	    "(uid, at, origin, keep_uid) SELECT uid, strftime('%Y-%m-%dT"
	    "%H:%M:%SZ', 'now'), origin, keep_uid FROM (SELECT uid, origin, "
	    "CASE WHEN keep_uid NOT IN (" CIRCLE_KEPT_HERE("src") ") THEN "
	    "keep_uid END AS keep_uid FROM src.forgotten WHERE at >= ?1 AND "
	    "uid NOT IN (SELECT uid FROM src.merged_away) UNION ALL SELECT "
	    "circle_uid_sent(uid), origin, "
	    "CASE WHEN keep_uid IN (" CIRCLE_KEPT_HERE("src") ") THEN "
	    "circle_uid_sent(keep_uid) END FROM src.forgotten WHERE at >= ?1 "
	    "AND uid NOT IN (SELECT uid FROM src.merged_away) AND "
	    "circle_uid_sent(uid) IS NOT NULL) ORDER BY uid", -1, &st, NULL) !=
	    SQLITE_OK)
		return raw_error(h, "extract", e);
	circle_bind_text(st, 1, o->since != NULL ? o->since : "");
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return raw_error(h, "extract", e);
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM main.forgotten WHERE "
	    "uid IN (SELECT uid FROM src.forgotten)", -1, &st, NULL) !=
	    SQLITE_OK)
		return raw_error(h, "extract", e);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		r->forgotten = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : raw_error(h, "extract", e);
}

/* A value taken, sent while the kept record (k, as sent) still has it. */
#define STILL_TAKEN(c) "CASE WHEN w." c " IS k." c " THEN w." c " END"

/*
 * Records made one here (schema.c's merged_away) whose kept record
 * travels: the uid merged away, the uid kept, and what the kept record
 * took (schema.c, 14) that it still holds as sent (none of its contacts
 * --without-contacts, of its notes --without-notes, nor a detail edited
 * since): no byte the record itself does not carry, and all that a
 * database that stores the pairing (mergeaway.c) needs to do at the
 * forget what this one does.  In a pseudonymized extract, none (the
 * record kept goes under another uid, SENT).  The uid merged away is not
 * among the forgotten (copy_sql): a database that still holds that
 * record, its own, keeps it (mergeaway.c lists the two as one person
 * there).
 */
static int
copy_pairings(sqlite3 *h, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct circle_err *e)
{
	if (o->pseudonymize)
		return copy_sent_forgotten(h, o, r, e);
	if (sqlite3_exec(h, "INSERT INTO main.merged_away (uid, keep_uid, at, "
	    "full_name, pronouns, email, phone, emergency, consent, "
	    "consent_on, notes, origin) SELECT w.uid, w.keep_uid, w.at, "
	    CIRCLE_TAKEN_DETAILS(STILL_TAKEN, ", ") ", CASE WHEN "
	    "instr(k.notes, w.notes) > 0 THEN w.notes END, w.origin FROM "
	    "src.merged_away w JOIN main.member k ON k.uid = w.keep_uid ORDER "
	    "BY w.uid", NULL, NULL, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	r->pairings = (size_t)sqlite3_changes(h);
	return 0;
}

/*
 * The removals in force here (schema.c's removed_gone), since ?1: of the
 * groups taken and of people (a uid names no one); with --all, every one
 * (a group removed here too).  Those the copy above made (the people no
 * row names) are none.
 */
static int
copy_removed(sqlite3 *h, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_exec(h, "DELETE FROM main.removed", NULL, NULL, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(h, "INSERT INTO main.removed (tbl, "
	    "uid, member_uid, since, grp_uid, at) SELECT tbl, CASE WHEN tbl = "
	    "'member' THEN " SENT_BY("uid", "?3") " ELSE uid END, "
	    SENT_BY("member_uid", "?3") ", since, grp_uid, at FROM "
	    "src.removed_gone WHERE at >= ?1 AND (?2 OR grp_uid = '' OR "
	    "grp_uid IN (SELECT uid FROM main.grp)) ORDER BY id", -1, &st,
	    NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	circle_bind_text(st, 1, o->since != NULL ? o->since : "");
	sqlite3_bind_int(st, 2, o->all);
	sqlite3_bind_int(st, 3, !o->pseudonymize);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return raw_error(h, "extract", e);
	r->removed = (size_t)sqlite3_changes(h);
	return 0;
}

/*
 * The most an extract of db can need: whatever it holds of the database
 * (its file and write-ahead log), its B-trees at worst a quarter full, and
 * its schema.  Only what the extract touches is memory.
 */
static size_t
extract_room(struct circle_db *db)
{
	struct stat	 sb;
	char		*wal;
	size_t		 n = 0;

	if (stat(db->path, &sb) == 0)
		n += (size_t)sb.st_size;
	circle_xasprintf(&wal, "%s-wal", db->path);
	if (stat(wal, &sb) == 0)
		n += (size_t)sb.st_size;
	free(wal);
	if (n > (SIZE_MAX - (64 << 20)) / 4)
		return SIZE_MAX / 2;
	return 4 * n + (64 << 20);
}

/* The bytes to a file, 0600, whole or not at all; sealed with key. */
static int
write_image(const char *path, int force, const unsigned char *p, size_t n,
    struct circle_seal_key *key, struct circle_err *e)
{
	struct circle_atomic	 a;
	FILE			*fp;
	int			 rc = 0;

	if (circle_atomic_new(path, force, e) == -1)
		return -1;
	if ((fp = circle_atomic_fopen(path, 0600, &a, e)) == NULL)
		return -1;
	if (key != NULL)
		rc = circle_seal_write_key(fp, p, n, key, e);
	else if (fwrite(p, 1, n, fp) != n)
		rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
		    strerror(errno));
	if (rc == -1)
		circle_err_prefix(e, "%s", path);
	if (circle_atomic_fclose(&a, fp, rc == 0, e) == -1)
		return -1;
	return rc;
}

/*
 * What an extract remembers of itself here, so that the next one of the
 * same groups can start from it (--since last): its groups, as the key
 * extract:UIDS (their uids in order, or extract:all) and what it left
 * out (withheld), as they are given (--group G ..., or --all, and its
 * options) for a message, and when it began reading (this clock).  Kept
 * in network.
 */
struct extract_mark {
	char		*key;
	char		*names;
	char		 started[21];
	unsigned char	 keep_key[CIRCLE_KEEP_KEYLEN];	/* extractkeep.c */
	int		 keyed;		/* ...when there is one */
};

/*
 * What an extract leaves out, as its key's end (said 0) or as its options
 * (said 1): an extract since the last must start from one that held at
 * least as much, or what that one left out and did not change since would
 * never travel (a note of a mark after one made --without-notes).
 */
static const char *
withheld(const struct circle_extract_opts *o, int said)
{
	if (o->pseudonymize)
		return said ? " --pseudonymize" : " pseudonymized";
	if (o->without_contacts && o->without_notes)
		return said ? " --without-contacts --without-notes" :
		    " without-contacts without-notes";
	if (o->without_contacts)
		return said ? " --without-contacts" : " without-contacts";
	if (o->without_notes)
		return said ? " --without-notes" : " without-notes";
	return "";
}

/* Is the --since given "last": since the last extract of these groups? */
static int
since_last(const struct circle_extract_opts *o)
{
	return o->since != NULL && strcmp(o->since, "last") == 0;
}

/*
 * The key and handles of the groups chosen (temp.xg), and with --since
 * last, when the last extract of them began (into since): that one's
 * rows changed at that second travel again, never one less.
 */
static int
mark_find(sqlite3 *h, const struct circle_extract_opts *o,
    struct extract_mark *mk, char *since, size_t sincelen,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc, found = 0;

	if (sqlite3_prepare_v2(h, "SELECT 'extract:' || CASE WHEN ?1 THEN "
	    "'all' ELSE (SELECT group_concat(uid, ' ') FROM (SELECT uid FROM "
	    "src.grp WHERE id IN (SELECT id FROM temp.xg) ORDER BY uid)) END, "
	    "CASE WHEN ?1 THEN '--all' ELSE (SELECT group_concat('--group ' "
	    "|| handle, ' ') FROM (SELECT handle FROM src.grp WHERE id IN "
	    "(SELECT id FROM temp.xg) ORDER BY handle)) END",
	    -1, &st, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	sqlite3_bind_int(st, 1, o->all);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    sqlite3_column_type(st, 1) == SQLITE_TEXT) {
		circle_xasprintf(&mk->key, "%s%s", sqlite3_column_text(st, 0),
		    withheld(o, 0));
		circle_xasprintf(&mk->names, "%s%s",
		    sqlite3_column_text(st, 1), withheld(o, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW || mk->key == NULL)
		return raw_error(h, "extract", e);
	if (!since_last(o))
		return 0;
	/*
	 * The last that held at least what this one holds: pseudonymized as
	 * this one is, and without no more than this one is without.
	 */
	if (sqlite3_prepare_v2(h, "SELECT max(value) FROM src.network WHERE "
	    "CASE WHEN ?2 THEN key = ?1 || ' pseudonymized' ELSE key IN (?1, "
	    "CASE WHEN ?3 THEN ?1 || ' without-contacts' END, CASE WHEN ?4 "
	    "THEN ?1 || ' without-notes' END, CASE WHEN ?3 AND ?4 THEN ?1 || "
	    "' without-contacts without-notes' END) END", -1, &st, NULL) !=
	    SQLITE_OK)
		return raw_error(h, "extract", e);
	sqlite3_bind_text(st, 1, mk->key, (int)(strlen(mk->key) -
	    strlen(withheld(o, 0))), SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, o->pseudonymize);
	sqlite3_bind_int(st, 3, o->without_contacts);
	sqlite3_bind_int(st, 4, o->without_notes);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_TEXT &&
	    sqlite3_column_bytes(st, 0) < (int)sincelen) {
		snprintf(since, sincelen, "%s", (const char *)
		    sqlite3_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return raw_error(h, "extract", e);
	if (found)
		return 0;
	return circle_err_set(e, CIRCLE_EFAIL, "--since last: no extract with "
	    "%s was made here before (circle keeps the time of each one from "
	    "this version on; one that left out what this one holds does not "
	    "count, as what it left out would never travel); nothing "
	    "written: send the first one whole "
	    "('circle db extract %s -o FILE', without --since), or give the "
	    "date of the last one you sent ('--since YYYY-MM-DD')",
	    mk->names, mk->names);
}

/*
 * --since DATE: a day, and not after today (UTC): nothing has changed
 * since a day to come, and an extract of nothing is no extract to send
 * (2027 typed for 2026).
 */
static int
since_date_check(const struct circle_extract_opts *o, struct circle_err *e)
{
	struct tm	tm;
	time_t		now;
	char		today[11];

	if (o->since == NULL || since_last(o))
		return 0;
	if (circle_date_check("--since", o->since, e) == -1)
		return -1;
	/* Today where it is latest: UTC+14 (Kiritimati). */
	now = time(NULL) + 14 * 3600;
	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(today, sizeof today, "%Y-%m-%d", &tm) == 0)
		return 0;
	if (strcmp(o->since, today) > 0)
		return circle_err_set(e, CIRCLE_EDATA, "--since %s: after "
		    "today, so nothing has changed since; give the day of the "
		    "last extract you sent, or --since last", o->since);
	return 0;
}

/*
 * Before a passphrase is asked for: --since DATE a day come, or with
 * --since last, is there a last extract of the groups chosen?  The same choice and the same error as
 * the extract's (choose_groups, mark_find), on a connection of its own.
 */
int
circle_extract_since_check(struct circle_db *db,
    const struct circle_extract_opts *o, struct circle_err *e)
{
	struct extract_mark	 mk;
	sqlite3			*h = NULL;
	sqlite3_stmt		*st;
	char			 since[21];
	int			 rc = -1;

	if (!since_last(o))
		return since_date_check(o, e);
	memset(&mk, 0, sizeof mk);
	if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(h, "ATTACH ?1 AS src", -1, &st,
	    NULL) != SQLITE_OK) {
		raw_error(h, "extract", e);
		goto out;
	}
	circle_bind_text(st, 1, db->path);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		rc = raw_error(h, db->path, e);
		goto out;
	}
	sqlite3_busy_timeout(h, 5000);
	rc = choose_groups(db, h, o, e) == 0 &&
	    mark_find(h, o, &mk, since, sizeof since, e) == 0 ? 0 : -1;
out:
	sqlite3_close(h);
	free(mk.key);
	free(mk.names);
	sodium_memzero(mk.keep_key, sizeof mk.keep_key);
	return rc;
}

/* An extract written: when it began, for the next --since last. */
static int
mark_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	const struct extract_mark	*mk = arg;
	sqlite3_stmt			*st;
	int				 rc;

	/* No command of its own: an undo never takes it back. */
	circle_undo_pause(db, 1);
	if ((st = circle_prepare(db, "INSERT OR REPLACE INTO network (key, "
	    "value) VALUES (?1, ?2)", e)) == NULL)
		rc = -1;
	else {
		circle_bind_text(st, 1, mk->key);
		circle_bind_text(st, 2, mk->started);
		rc = circle_exec_stmt(db, st, e);
	}
	circle_undo_pause(db, 0);
	return rc;
}

/*
 * The extract built on h, a new circle database (schema_new): the source
 * attached, every row read in one transaction, and let go; sums: its
 * pages to carry their sums.
 */
static int
extract_build(struct circle_db *db, sqlite3 *h, const char *origin,
    const struct circle_extract_opts *o, int sums,
    struct circle_extract_result *r, struct extract_mark *mk,
    struct circle_err *e)
{
	struct circle_extract_opts	 lo = *o;
	sqlite3_stmt			*st;
	int				 rc;

	memset(r, 0, sizeof *r);
	/* Before the read begins: what changes meanwhile goes next time. */
	circle_now_utc(mk->started);
	sqlite3_create_function(h, "circle_pseudonym", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_pseudonym,
	    NULL, NULL);
	circle_extract_keep_register(h, mk->keyed ? mk->keep_key : NULL);
	if (sqlite3_prepare_v2(h, "ATTACH ?1 AS src", -1, &st, NULL) !=
	    SQLITE_OK)
		return raw_error(h, "extract", e);
	circle_bind_text(st, 1, db->path);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return raw_error(h, db->path, e);
	sqlite3_busy_timeout(h, 5000);
	/* One read of the source: every row from the same moment. */
	if (sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return raw_error(h, "extract", e);
	rc = -1;
	if (choose_groups(db, h, o, e) == 0 &&
	    mark_find(h, o, mk, r->since, sizeof r->since, e) == 0) {
		if (since_last(o))
			lo.since = r->since;
		if (copy_rows(h, &lo, r, e) == 0 &&
		    copy_removed(h, &lo, r, e) == 0 &&
		    copy_pairings(h, &lo, r, e) == 0 &&
		    describe(h, origin, &lo, sums, e) == 0)
			rc = 0;
	}
	if (sqlite3_exec(h, rc == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL,
	    NULL) != SQLITE_OK && rc == 0)
		rc = raw_error(h, "extract", e);
	if (rc == 0 && sqlite3_exec(h, "DETACH src", NULL, NULL, NULL) !=
	    SQLITE_OK)
		rc = raw_error(h, "extract", e);
	return rc;
}

/*
 * A plain extract made by SQLite straight in its file (a temporary one,
 * atomic.c), not built in memory and copied out: 121 MB of fresh memory
 * less for the largest, which this system fills with zeroes first and
 * then copies into its own cache.  Its pages made with room for their
 * sums (before the first is written), written into the finished file
 * (pagesum.c).  Synced, then renamed over its name, as write_image's
 * file is; when anything fails, nothing is left.
 */
static int
extract_direct(struct circle_db *db, const char *origin,
    const struct circle_extract_opts *o, struct circle_extract_result *r,
    struct extract_mark *mk, struct circle_err *e)
{
	struct circle_atomic	 a;
	sqlite3			*h = NULL;
	int			 rc = -1, reserve = CIRCLE_PAGESUM_BYTES;

	if (circle_atomic_begin(o->path, NULL, &a, e) == -1)
		return -1;
	close(a.fd);
	a.fd = -1;
	if (sqlite3_open_v2(a.tmp, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_EXRESCODE, NULL) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA main.locking_mode = EXCLUSIVE; PRAGMA "
	    "main.synchronous = OFF", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_file_control(h, "main", SQLITE_FCNTL_RESERVE_BYTES,
	    &reserve) != SQLITE_OK || schema_new(db, h) == -1)
		raw_error(h, o->path, e);
	else
		rc = extract_build(db, h, origin, o, 1, r, mk, e);
	if (sqlite3_close_v2(h) != SQLITE_OK && rc == 0)
		rc = raw_error(h, o->path, e);
	if (rc == 0)
		rc = circle_pagesum_file(a.tmp, o->path, e);
	/* Made meanwhile: refused as write_image refuses it. */
	if (rc == 0)
		rc = circle_atomic_new(o->path, o->force, e);
	if (rc == -1) {
		circle_atomic_abort(&a);
		return -1;
	}
	return circle_atomic_commit(&a, e);
}

static int
extract_file(struct circle_db *db, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct extract_mark *mk,
    struct circle_err *e)
{
	struct circle_seal_key	*key = NULL;
	sqlite3			*h = NULL;
	unsigned char		*img, *buf = NULL;
	sqlite3_int64		 n = 0;
	size_t			 cap = 0;
	char			*origin;
	int			 rc = -1;

	if (circle_atomic_new(o->path, o->force, e) == -1)
		return -1;
	/*
	 * Sealed: the room in memory mapped first, then the key begun
	 * (seal.c: a thread, while the extract is built).  Argon2id maps its
	 * 256 MiB filled in at once, and a map asked for here meanwhile
	 * would wait for that (0.1 s).
	 */
	if (o->passphrase != NULL) {
		cap = extract_room(db);
		if ((buf = circle_bytes_alloc(cap)) == NULL)
			return circle_err_set(e, CIRCLE_EIO, "extract: no "
			    "memory");
		if ((key = circle_seal_begin(o->passphrase, NULL, e)) ==
		    NULL) {
			circle_unsealed_free(buf, 0);
			return -1;
		}
	}
	if ((origin = circle_db_origin(db, e)) == NULL ||
	    (o->pseudonymize && (mk->keyed = circle_extract_keep_key(db, 1,
	    mk->keep_key, e)) == -1)) {
		free(origin);
		circle_unsealed_free(buf, 0);
		circle_seal_key_free(key);
		return -1;
	}
	/* Plain: in its file; sealed: in memory. */
	if (key == NULL) {
		rc = extract_direct(db, origin, o, r, mk, e);
		free(origin);
		return rc;
	}
	if (circle_memdb_new(db, buf, cap, &h, e) == -1 ||
	    extract_build(db, h, origin, o, 0, r, mk, e) == -1)
		goto out;
	if ((img = sqlite3_serialize(h, "main", &n,
	    SQLITE_SERIALIZE_NOCOPY)) == NULL) {
		circle_err_set(e, CIRCLE_EIO, "extract: no memory");
		goto out;
	}
	rc = write_image(o->path, o->force, img, (size_t)n, key, e);
out:
	if (h != NULL) {
		/* Only what was touched is wiped, never the whole room. */
		if ((img = sqlite3_serialize(h, "main", &n,
		    SQLITE_SERIALIZE_NOCOPY)) == NULL)
			n = 0;
		sqlite3_close(h);
	}
	circle_unsealed_free(buf, (size_t)n);
	circle_seal_key_free(key);
	free(origin);
	return rc;
}

/*
 * The extract, and once it is written whole, when it began, for the next
 * one of the same groups (--since last).
 */
int
circle_db_extract(struct circle_db *db, const struct circle_extract_opts *o,
    struct circle_extract_result *r, struct circle_err *e)
{
	struct extract_mark	mk;
	int			rc;

	memset(r, 0, sizeof *r);
	memset(&mk, 0, sizeof mk);
	if (since_date_check(o, e) == -1)
		return -1;
	rc = extract_file(db, o, r, &mk, e);
	if (rc == 0 && circle_db_write(db, mark_tx, &mk, e) == -1)
		rc = circle_err_prefix(e, "%s was written, but when it was "
		    "made was not kept here: the next --since last starts "
		    "from the extract before it (sending some rows again, "
		    "which a merge takes once)", o->path);
	free(mk.key);
	free(mk.names);
	sodium_memzero(mk.keep_key, sizeof mk.keep_key);
	return rc;
}

/*
 * The whole database, sealed: its bytes as one read sees them, in memory
 * only, then sealed into dest.
 */
int
circle_db_backup_sealed(struct circle_db *db, const char *dest, int force,
    const char *pass, struct circle_err *e)
{
	struct circle_seal_key	*key;
	unsigned char		*img;
	sqlite3_int64		 n;
	struct stat		 sb;
	int			 rc;

	if (stat(dest, &sb) == 0 && !S_ISREG(sb.st_mode))
		return circle_err_set(e, CIRCLE_EIO, "%s: not a regular file",
		    dest);
	if ((key = circle_seal_begin(pass, NULL, e)) == NULL)
		return -1;
	if (circle_exec(db, "BEGIN", e) == -1) {
		circle_seal_key_free(key);
		return -1;
	}
	img = sqlite3_serialize(db->h, "main", &n, 0);
	sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (img == NULL) {
		circle_seal_key_free(key);
		return circle_db_error(db, e, "backup");
	}
	/* The copy stands alone: no -wal beside it (header bytes 18, 19). */
	if (n > 19)
		img[18] = img[19] = 1;
	rc = write_image(dest, force, img, (size_t)n, key, e);
	explicit_bzero(img, (size_t)n);
	sqlite3_free(img);
	circle_seal_key_free(key);
	return rc;
}

/*
 * A database file copied while in write-ahead log mode (its header's
 * bytes 18 and 19, as every circle database is) is whole when no log
 * with frames lies beside it: read as the file it is, standing alone (a
 * database copied from a laptop, circle closed).  With a log, its latest
 * changes are in the log alone, and it is refused rather than loaded
 * without them.
 */
static int
image_alone(const char *path, unsigned char *img, struct circle_err *e)
{
	struct stat	 sb;
	char		*wal;
	int		 logged;

	if (img[18] != 2 && img[19] != 2)
		return 0;
	circle_xasprintf(&wal, "%s-wal", path);
	logged = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (logged)
		return circle_err_set(e, CIRCLE_EDATA, "%s: a database in use "
		    "(its latest changes are in %s-wal): copy it with circle "
		    "--db %s db backup FILE and load FILE", path, path, path);
	img[18] = img[19] = 1;
	return 0;
}

/*
 * A backup, sealed (pass) or plain, into a new, empty database (circle db
 * load): opened in memory, brought to this schema there when an older
 * circle made it (the file is never written), checked, and copied in with
 * the backup API.
 */
int
circle_db_restore(struct circle_db *db, const char *path, const char *pass,
    struct circle_err *e)
{
	static const char check[] = "SELECT (SELECT application_id FROM "
	    "pragma_application_id), (SELECT user_version FROM "
	    "pragma_user_version), (SELECT quick_check FROM pragma_quick_check), "
	    "EXISTS (SELECT 1 FROM network WHERE key = '" CIRCLE_NET_EXTRACTED
	    "')";
	sqlite3		*mem = NULL;
	sqlite3_stmt	*st;
	sqlite3_backup	*bk;
	unsigned char	*img;
	size_t		 n;
	unsigned long	 made;
	int		 rc = -1, ok = 0, version = 0, extract = 0;

	if (circle_read_sealed(path, pass, &img, &n, e) == -1)
		return -1;
	/* Nothing is read further for a database that is not empty. */
	if (circle_db_require_empty(db, e) == -1)
		goto out;
	if (circle_image_cut_short(path, img, n, e))
		goto out;
	/* The header's application_id (offset 68) and user_version (60). */
	if (n < 100 || memcmp(img, "SQLite format 3", 16) != 0 ||
	    circle_db_header_u32(img + 68) !=
	    (unsigned long)circle_db_application_id(db)) {
		circle_err_set(e, CIRCLE_EDATA, "%s: not a circle database",
		    path);
		goto out;
	}
	if (image_alone(path, img, e) == -1)
		goto out;
	if ((made = circle_db_header_u32(img + 60)) > (unsigned long)db->version) {
		circle_err_set(e, CIRCLE_EDATA, "%s: made by a newer circle "
		    "(schema version %lu, this one knows %d); upgrade circle",
		    path, made, db->version);
		goto out;
	}
	if (circle_db_image_migrate(db, path, &img, &n, e) == -1)
		goto out;
	if (sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK || sqlite3_deserialize(mem, "main", img,
	    (sqlite3_int64)n, (sqlite3_int64)n, 0) != SQLITE_OK)
		goto bad;
	sqlite3_db_config(mem, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(mem, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_prepare_v2(mem, check, -1, &st, NULL) != SQLITE_OK)
		goto bad;
	if (sqlite3_step(st) == SQLITE_ROW) {
		ok = sqlite3_column_int(st, 0) ==
		    circle_db_application_id(db) &&
		    sqlite3_column_text(st, 2) != NULL &&
		    strcmp((const char *)sqlite3_column_text(st, 2), "ok") == 0;
		version = sqlite3_column_int(st, 1);
		extract = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	if (!ok)
		goto bad;
	/* Loaded, it would pass for the database it was extracted from. */
	if (extract) {
		circle_err_set(e, CIRCLE_EDATA, "%s: an extract, not a backup: "
		    "bring it in with circle db merge %s", path, path);
		goto out;
	}
	if (version != db->version) {
		circle_err_set(e, CIRCLE_EDATA, "%s: a backup of schema "
		    "version %d; this circle has %d", path, version,
		    db->version);
		goto out;
	}
	if ((bk = sqlite3_backup_init(db->h, "main", mem, "main")) == NULL) {
		circle_db_error(db, e, "restore");
		goto out;
	}
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		rc = circle_db_error(db, e, "restore");
		goto out;
	}
	rc = 0;
	goto out;
bad:
	circle_err_set(e, CIRCLE_EDATA, "%s: not a circle database", path);
out:
	if (mem != NULL)
		sqlite3_close(mem);
	circle_unsealed_free(img, n);
	return rc;
}
