/*
 * mergeolder.c: an extract made before the one of the same database
 * merged here last (merge.c).  Its rows older than this database's are
 * not written, so an older extract merged after a newer one changes
 * nothing it had: but a row it adds is one this database never had from
 * there since, and may be one removed there between the two extracts
 * (a mark taken back, a session a new plan took out), whose removal the
 * newer extract brought before the row was here to remove.  Such a merge
 * is refused, saying how to merge the two in the order they were made:
 * the last merge from there taken back with circle undo, then this file
 * and the newer one merged after it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/* The last merge from the file's database still in effect, or 0. */
static int
last_merge(struct circle_db *db, struct merge *m, long *id,
    struct circle_err *e)
{
	return circle_merge_number(db, m, sqlite3_mprintf("SELECT "
	    "coalesce(max(c.id), 0) FROM main.change_log l JOIN main.command "
	    "c ON c.id = l.command_id WHERE l.entity = 'database' AND "
	    "l.action = 'merge' AND json_extract(l.detail, '$.from') = :from "
	    "AND c.undone_by IS NULL"), id, e);
}

/*
 * Refused (-1, said) when the file is older than the last extract merged
 * from its database and would add rows (added, of every table).
 */
int
circle_merge_older(struct circle_db *db, struct merge *m, long added,
    struct circle_err *e)
{
	long	id;

	if (added == 0 || m->r->self || m->last_e == NULL ||
	    m->extracted_at == NULL || strcmp(m->extracted_at, m->last_e) >= 0)
		return 0;
	if (last_merge(db, m, &id, e) == -1)
		return -1;
	circle_err_set(e, CIRCLE_EDATA, "%s: an extract made %.10s %.8s UTC, "
	    "before the one of the same database merged here last (made "
	    "%.10s %.8s UTC): its %ld row%s new here may be ones removed "
	    "there between the two, which would come back, so nothing is "
	    "merged; merge the two in the order they were made: take the "
	    "last merge back (circle undo%s%.0ld), then merge this file and "
	    "the newer one after it", m->o->path, m->extracted_at,
	    m->extracted_at + 11, m->last_e, m->last_e + 11, added,
	    added == 1 ? "" : "s", id > 0 ? " " : "", id);
	return -1;
}
