/*
 * mergeolder.c: an extract made before one of the same groups merged
 * here from the same database (merge.c).  Its rows older than this
 * database's are not written, so an older extract merged after a newer
 * one changes nothing it had: but a row it adds is one this database
 * never had from there since, and may be one removed there between the
 * two extracts (a mark taken back, a session a new plan took out), whose
 * removal the newer extract brought before the row was here to remove.
 * Such a merge is refused, saying how to merge the two in the order they
 * were made: the newer merge taken back with circle undo, then this file
 * and the newer one merged after it (or --older, when the times are
 * wrong: a clock that was wrong where they were made).  Extracts of other groups of the
 * same database (--group monday, then --group thursday) carry none of
 * each other's removals, and merge in any order: each merge's log
 * detail keeps when its file was made and the uids of its groups.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * A merge from the file's database, still in effect, of an extract made
 * after the file that held one of its groups: the newest's command and
 * when its extract was made.  A merge logged without them (before they
 * were kept) counts when it is the last from there and the network's
 * time of the last extract merged (m->last_e) is after the file's.
 */
#define NEWER_SQL "SELECT c.id, coalesce(json_extract(l.detail, '$.made'), " \
	":e) FROM main.change_log l JOIN main.command c ON c.id = " \
	"l.command_id WHERE l.entity = 'database' AND l.action = 'merge' " \
	"AND json_extract(l.detail, '$.from') = :from AND c.undone_by IS " \
	"NULL AND CASE WHEN json_type(l.detail, '$.made') IS NULL THEN :e > " \
	":made AND c.id = (SELECT max(c2.id) FROM main.change_log l2 JOIN " \
	"main.command c2 ON c2.id = l2.command_id WHERE l2.entity = " \
	"'database' AND l2.action = 'merge' AND json_extract(l2.detail, " \
	"'$.from') = :from AND c2.undone_by IS NULL) ELSE " \
	"json_extract(l.detail, '$.made') > :made AND EXISTS (SELECT 1 FROM " \
	"json_each(l.detail, '$.groups') j JOIN x.grp g ON g.uid = j.value) " \
	"END ORDER BY 2 DESC, 1 DESC LIMIT 1"

/*
 * Refused (-1, said) when the file would add rows (added, of every
 * table) and a newer extract of one of its groups was merged from its
 * database.
 */
int
circle_merge_older(struct circle_db *db, struct merge *m, long added,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*made = NULL;
	long		 id = 0;
	int		 rc;

	if (added == 0 || m->r->self || m->extracted_at == NULL ||
	    m->o->older)
		return 0;
	if ((st = circle_prepare(db, NEWER_SQL, e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = (long)sqlite3_column_int64(st, 0);
		made = circle_col_dup(st, 1);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == -1 || made == NULL)
		return rc;
	circle_err_set(e, CIRCLE_EDATA, "%s: an extract made %.10s %.8s UTC, "
	    "before one of the same groups merged here from the same database "
	    "(made %.10s %.8s UTC): its %ld row%s new here may be ones removed "
	    "there between the two, which would come back, so nothing is "
	    "merged; merge the two in the order they were made: take that "
	    "merge back (circle undo %ld), then merge this file and the newer "
	    "one after it; or, when these times are wrong (a clock that was "
	    "wrong there) or the rows are wanted all the same, give --older",
	    m->o->path, m->extracted_at, m->extracted_at + 11, made,
	    made + 11, added, added == 1 ? "" : "s", id);
	free(made);
	return -1;
}

/*
 * A merge's detail for the log: what it did (log.c says it in words), and
 * when its file was made and which groups it held (uids), for the next
 * merge from there.  Never the file's name, which may name someone.
 */
char *
circle_merge_detail(struct circle_db *db, struct merge *m, long added,
    long updated, long removed, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*d = NULL;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT json_object('from', :from, "
	    "'forgotten', :n_forgotten, 'added', :n_added, 'updated', "
	    ":n_updated, 'removed', :n_removed, "
	    "'made', :made, 'groups', json((SELECT json_group_array(uid) FROM "
	    "(SELECT uid FROM x.grp ORDER BY uid))))", e)) == NULL)
		return NULL;
	circle_merge_bind(st, m);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st,
	    ":n_forgotten"), m->r->forgotten);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":n_added"),
	    added);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":n_updated"),
	    updated);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":n_removed"),
	    removed);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		d = circle_col_dup(st, 0);
	if (circle_step_ok(db, rc, "merge", e) == -1) {
		free(d);
		d = NULL;
	}
	sqlite3_finalize(st);
	return d;
}
