/*
 * mergesurvey.c: the surveys of a merge (merge.c), their questions, and
 * the answers of the check-ins merged.
 */
#include "config.h"

#include "circle-priv.h"
#include "merge.h"

/*
 * Surveys: one is known by its uid, or by its key and content (the same
 * file added in two databases); a new one keeps its version when that is
 * free here, else takes the next.  One changed there in place (as circle
 * survey add does while no one has answered it) is changed here too,
 * its questions the file's, while no one here has answered it either:
 * a question removed there is removed here.  Its state is a row's
 * (STATE_SQL), and 5: changed there, but answered here, so kept.
 * Changed on both sides since the last merge, it is a conflict: kept as
 * it is here, or theirs with --theirs while no one here has answered it.
 */
#define SURVEY_ANSWERED "EXISTS (SELECT 1 FROM main.response r WHERE " \
	"r.survey_id = l.id)"
#define SURVEY_STATE "CASE WHEN l.id IS NULL THEN NULL " \
	"WHEN l.digest IS t.digest THEN 0 " \
	"WHEN " MERGE_CONFLICT("l.updated_at", "t.updated_at") " THEN " \
	"CASE WHEN :theirs AND NOT " SURVEY_ANSWERED " THEN 4 ELSE 3 END " \
	"WHEN " MERGE_NEWER("l.updated_at", "t.updated_at") " THEN CASE " \
	"WHEN " SURVEY_ANSWERED " THEN 5 ELSE 2 END ELSE 0 END"

/* The surveys changed on both sides, and there but answered here, said. */
static int
list_survey_conflicts(struct circle_db *db, const struct merge *m,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, "SELECT 'survey ' || l.key || ' version ' "
	    "|| l.version, l.updated_at, t.updated_at, s.state FROM "
	    "temp.st_survey s JOIN main.survey l ON l.id = s.lid JOIN x.survey "
	    "t ON t.id = s.xid WHERE s.state IN (3, 4, 5) ORDER BY 1",
	    e)) == NULL)
		return -1;
	return circle_merge_conflicts_said(db, m, st, e);
}

int
circle_merge_surveys(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	struct circle_merge_count	*c = circle_merge_count_of(m->r, "survey");
	sqlite3_stmt			*st, *ins;
	int				 rc;

	if (circle_merge_exec(db, m, sqlite3_mprintf("DROP TABLE IF EXISTS temp.st_survey"),
	    e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("CREATE TEMP TABLE st_survey (xid "
	    "INTEGER PRIMARY KEY, lid INTEGER, state INTEGER)"), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO temp.st_survey SELECT "
	    "t.id, coalesce(l.id, (SELECT id FROM main.survey k WHERE k.key = "
	    "t.key AND k.digest = t.digest ORDER BY version LIMIT 1)), "
	    SURVEY_STATE " FROM x.survey t LEFT JOIN main.survey l ON l.uid = "
	    "t.uid"), e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "temp.st_survey WHERE lid IS NOT NULL AND coalesce(state, 0) IN "
	    "(0, 5)"), &c->unchanged, e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "temp.st_survey WHERE state IN (2, 4)"), &c->updated, e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM "
	    "temp.st_survey WHERE state IN (3, 4)"), &c->conflicts, e) == -1 ||
	    list_survey_conflicts(db, m, e) == -1)
		return -1;
	/* Changed there: its version kept where it is free here. */
	if (c->updated > 0 && (circle_merge_exec(db, m, sqlite3_mprintf("UPDATE "
	    "main.survey AS l SET version = CASE WHEN EXISTS (SELECT 1 FROM "
	    "main.survey o WHERE o.key = t.key AND o.version = t.version AND "
	    "o.id != l.id) THEN (SELECT max(version) + 1 FROM main.survey o "
	    "WHERE o.key = t.key) ELSE t.version END, title = t.title, phase = "
	    "t.phase, source = t.source, digest = t.digest, updated_at = "
	    "t.updated_at FROM temp.st_survey s JOIN x.survey t ON t.id = "
	    "s.xid WHERE s.state IN (2, 4) AND l.id = s.lid"), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("DELETE FROM main.question "
	    "WHERE survey_id IN (SELECT lid FROM temp.st_survey WHERE "
	    "state IN (2, 4))"), e) == -1))
		return -1;
	if ((ins = circle_prepare(db, "INSERT INTO main.survey (uid, key, "
	    "version, title, phase, source, digest, created_at, updated_at) "
	    "SELECT t.uid, t.key, CASE WHEN EXISTS (SELECT 1 FROM main.survey "
	    "l WHERE l.key = t.key AND l.version = t.version) THEN (SELECT "
	    "max(version) + 1 FROM main.survey l WHERE l.key = t.key) ELSE "
	    "t.version END, t.title, t.phase, t.source, t.digest, "
	    "t.created_at, t.updated_at FROM x.survey t WHERE t.id = ?1 "
	    "RETURNING id", e)) == NULL)
		return -1;
	if ((st = circle_prepare(db, "SELECT xid FROM temp.st_survey WHERE "
	    "lid IS NULL ORDER BY xid", e)) == NULL) {
		sqlite3_finalize(ins);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_bind_int64(ins, 1, sqlite3_column_int64(st, 0));
		if (sqlite3_step(ins) != SQLITE_ROW ||
		    circle_merge_exec(db, m, sqlite3_mprintf("UPDATE temp.st_survey SET lid "
		    "= %lld WHERE xid = %lld", sqlite3_column_int64(ins, 0),
		    sqlite3_column_int64(st, 0)), e) == -1) {
			if (e->msg[0] == '\0')
				circle_db_error(db, e, "survey");
			rc = SQLITE_ERROR;
			break;
		}
		sqlite3_reset(ins);
		c->added++;
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else {
		if (e->msg[0] == '\0')
			circle_db_error(db, e, "survey");
		rc = -1;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	if (rc == -1)
		return -1;
	return circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.question SELECT "
	    "s.lid, q.pos, q.key, q.kind, q.prompt, q.required, q.min, q.max, "
	    "q.scored, q.reverse FROM x.question q JOIN temp.st_survey s ON "
	    "s.xid = q.survey_id WHERE NOT EXISTS (SELECT 1 FROM main.question "
	    "l WHERE l.survey_id = s.lid)"), e);
}

/* A response's answers are its own: new or changed, they come with it. */
int
circle_merge_answers(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	if (circle_merge_exec(db, m, sqlite3_mprintf("DELETE FROM main.answer WHERE "
	    "response_id IN (SELECT lid FROM temp.st_response WHERE state IN "
	    "(2, 4))"), e) == -1)
		return -1;
	return circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.answer SELECT "
	    "s.lid, a.question, a.num, a.text FROM x.answer a JOIN "
	    "temp.st_response s ON s.xid = a.response_id WHERE s.state IN "
	    "(1, 2, 4)"), e);
}
