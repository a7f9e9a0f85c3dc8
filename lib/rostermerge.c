/*
 * rostermerge.c: two records of one person made one (circle roster merge):
 * OTHER's memberships, marks, check-ins and follow-ups move to KEEP, the
 * details KEEP lacks are taken from OTHER, and OTHER is forgotten as
 * circle roster forget does it.  One write, so it is undone as one.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "roster.h"

/*
 * A row moved to KEEP is changed now (?3), so that an extract since
 * carries it, in a group of this database; in one of another database
 * (grp_origin) it keeps its time: only that database changes it, and a
 * time of here would make its next edit there a conflict at a merge.
 */
#define NEWER_OWN "CASE WHEN EXISTS (SELECT 1 FROM session s JOIN " \
	"grp_origin o ON o.grp_id = s.grp_id WHERE s.id = session_id) THEN " \
	"updated_at ELSE ?3 END"

/*
 * A detail KEEP lacks that OTHER gives (schema.c, 14): its value, for
 * merged_away; not one OTHER itself took from a record merged into it
 * before (w), which that record's pairing keeps.
 */
#define TAKEN(c) "CASE WHEN k." c " IS NULL AND NOT EXISTS (SELECT 1 FROM " \
	"merged_away w WHERE w.keep_uid = o.uid AND w." c " IS o." c ") " \
	"THEN o." c " END"

/*
 * A detail a record merged into OTHER before (w) took, still its own
 * once KEEP has OTHER's: only when KEEP lacks it (KEEP takes OTHER's).
 */
#define RETAKEN(c) c " = CASE WHEN k." c " IS NULL THEN w." c " END"

/* A detail KEEP lacks that OTHER gives, in the UPDATE of KEEP. */
#define GIVES(c) "(k." c " IS NULL AND o." c " IS NOT NULL)"

/* The columns KEEP may take, in merged_away's and member's order. */
#define TAKEN_ALL CIRCLE_TAKEN_DETAILS(TAKEN, ", ")
#define RETAKEN_ALL CIRCLE_TAKEN_DETAILS(RETAKEN, ", ")

/*
 * Each step with ?1 KEEP's id, ?2 OTHER's, ?3 now; what it counts.  A
 * group both are in keeps KEEP's membership, begun at the earlier date; a
 * session both were marked at keeps KEEP's mark (OTHER's goes with them).
 * First, that OTHER is KEEP now, with what KEEP takes of it, as values
 * (schema.c, 14): the details KEEP lacks and OTHER's notes, appended to
 * KEEP's, without those of the records merged into OTHER before
 * (own_notes);
 * then that the records merged into OTHER before are KEEP's, each
 * keeping only the details KEEP takes (their notes are in OTHER's).  So
 * that a merge brings what another database records under OTHER to KEEP,
 * and a forget there takes from KEEP only what is still what it took
 * (mergeaway.c).  KEEP is changed now only when it takes something: a
 * record made one here as the coordinator did (mergeaway.c's pairing) is
 * then no conflict there.
 */
static const struct {
	const char	*sql;
	int		 counted;	/* 0 none, else which count */
} steps[] = {
	{ "INSERT OR REPLACE INTO merged_away (uid, keep_uid, full_name, "
	    "pronouns, email, phone, emergency, consent, consent_on, notes, "
	    "at) SELECT o.uid, k.uid, " TAKEN_ALL ", CASE WHEN NOT EXISTS "
	    "(SELECT 1 FROM merged_away w WHERE w.keep_uid = o.uid AND "
	    "w.notes = o.notes) THEN o.notes END, ?3 FROM member k, member o "
	    "WHERE k.id = ?1 AND o.id = ?2", 0 },
	{ NULL, 0 },	/* own_notes */
	{ "UPDATE merged_away AS w SET keep_uid = k.uid, " RETAKEN_ALL
	    " FROM member k, member o WHERE k.id = ?1 AND o.id = ?2 AND "
	    "w.keep_uid = o.uid", 0 },
	{ "UPDATE membership AS k SET joined_on = (SELECT min(o.joined_on) "
	    "FROM membership o WHERE o.member_id = ?2 AND o.grp_id = k.grp_id) "
	    "WHERE k.member_id = ?1 AND k.joined_on > (SELECT min(o.joined_on) "
	    "FROM membership o WHERE o.member_id = ?2 AND o.grp_id = k.grp_id) "
	    "AND k.id = (SELECT min(id) FROM membership f WHERE f.member_id = ?1 "
	    "AND f.grp_id = k.grp_id)", 0 },
	{ "UPDATE membership SET member_id = ?1 WHERE member_id = ?2 AND "
	    "grp_id NOT IN (SELECT grp_id FROM membership WHERE member_id = ?1)",
	    1 },
	{ "UPDATE attendance SET member_id = ?1, updated_at = " NEWER_OWN
	    " WHERE member_id = ?2 AND session_id NOT IN (SELECT session_id "
	    "FROM attendance WHERE member_id = ?1)", 2 },
	{ "UPDATE response SET member_id = ?1, updated_at = " NEWER_OWN
	    " WHERE member_id = ?2", 3 },
	{ "UPDATE followup SET member_id = ?1, updated_at = " NEWER_OWN
	    " WHERE member_id = ?2", 4 },
	{ "SELECT count(*) FROM attendance WHERE member_id = ?2", 5 },
	{ "UPDATE member AS k SET (full_name, pronouns, email, phone, "
	    "emergency, consent, consent_on, notes) = (SELECT "
	    "coalesce(k.full_name, o.full_name), coalesce(k.pronouns, "
	    "o.pronouns), coalesce(k.email, o.email), coalesce(k.phone, "
	    "o.phone), coalesce(k.emergency, o.emergency), coalesce(k.consent, "
	    "o.consent), coalesce(k.consent_on, o.consent_on), CASE WHEN "
	    "o.notes IS NULL THEN k.notes WHEN k.notes IS NULL THEN o.notes "
	    "ELSE k.notes || char(10) || o.notes END FROM member o WHERE o.id = "
	    "?2), updated_at = CASE WHEN (SELECT "
	    CIRCLE_TAKEN_DETAILS(GIVES, " OR ") " OR o.notes IS NOT NULL FROM "
	    "member o WHERE "
	    "o.id = ?2) THEN ?3 ELSE k.updated_at END WHERE k.id = ?1",
	    0 },
};

/*
 * The notes OTHER's pairing records (?2 OTHER's id) without the text each
 * record merged into OTHER before took, which that record's pairing
 * keeps: a forget of OTHER there takes only OTHER's own.
 */
static int
own_notes(struct circle_db *db, long long other, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*notes = NULL, *left;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT n.notes FROM member o JOIN "
	    "merged_away n ON n.uid = o.uid WHERE o.id = ?1", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, other);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		notes = circle_col_dup(st, 0);
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == -1 || notes == NULL)
		return rc;
	if ((st = circle_prepare(db, "SELECT w.notes FROM member o JOIN "
	    "merged_away w ON w.keep_uid = o.uid WHERE o.id = ?1 AND w.notes "
	    "IS NOT NULL ORDER BY w.at DESC, w.uid", e)) == NULL) {
		free(notes);
		return -1;
	}
	sqlite3_bind_int64(st, 1, other);
	while (notes != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		left = circle_notes_without(notes, (const char *)
		    sqlite3_column_text(st, 0));
		free(notes);
		notes = left;
	}
	if (notes == NULL)
		rc = SQLITE_DONE;
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == 0 && (st = circle_prepare(db, "UPDATE merged_away SET notes "
	    "= ?2 WHERE uid = (SELECT uid FROM member WHERE id = ?1)",
	    e)) == NULL)
		rc = -1;
	if (rc == 0) {
		sqlite3_bind_int64(st, 1, other);
		circle_bind_text(st, 2, notes);
		rc = circle_exec_stmt(db, st, e);
	}
	free(notes);
	return rc;
}

struct member_merge {
	const char				*keep;
	const char				*other;
	int					 dry_run;
	struct circle_member_merge_result	*r;
};

static int
member_merge_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_merge	*a = arg;
	struct circle_member	 k, o;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	long			*counts[6];
	char			 now[21];
	size_t			 i;
	int			 rc = -1, step;

	circle_member_merge_release(a->r);
	counts[0] = NULL;
	counts[1] = &a->r->memberships;
	counts[2] = &a->r->attendance;
	counts[3] = &a->r->responses;
	counts[4] = &a->r->followups;
	counts[5] = &a->r->dropped;
	if (circle_member_get(db, a->keep, &k, e) == -1)
		return -1;
	if (circle_member_get(db, a->other, &o, e) == -1) {
		circle_member_release(&k);
		return -1;
	}
	if (k.id == o.id) {
		circle_err_set(e, CIRCLE_EUSAGE, "%s and %s are the same "
		    "person already", a->keep, a->other);
		goto out;
	}
	circle_now_utc(now);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (steps[i].sql == NULL) {
			if (own_notes(db, o.id, e) == -1)
				goto out;
			continue;
		}
		if ((st = circle_prepare(db, steps[i].sql, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, k.id);
		sqlite3_bind_int64(st, 2, o.id);
		if (sqlite3_bind_parameter_count(st) >= 3)
			circle_bind_text(st, 3, now);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW && steps[i].counted)
			*counts[steps[i].counted] =
			    (long)sqlite3_column_int64(st, 0);
		else if (step == SQLITE_DONE && steps[i].counted)
			*counts[steps[i].counted] = sqlite3_changes(db->h);
		if (circle_step_ok(db, step, "merge", e) == -1) {
			sqlite3_finalize(st);
			goto out;
		}
		sqlite3_finalize(st);
	}
	/* The files OTHER may be in (circle roster forget's, written.c). */
	if (circle_written_about(db, &o, &a->r->written, &a->r->nwritten,
	    e) == -1 || circle_member_erase(db, o.id, o.uid, e) == -1)
		goto out;
	/* That another record was merged in is kept; whose is not. */
	c = (struct circle_change){ "merge", "member", k.uid, k.uid, NULL };
	rc = circle_log(db, &c, e);
	if (rc == 0) {
		a->r->keep = circle_xstrdup(k.handle);
		a->r->other = circle_xstrdup(o.handle);
		if (a->dry_run)
			rc = 1;
	}
out:
	circle_member_release(&k);
	circle_member_release(&o);
	return rc;
}

/*
 * As forget: secure_delete before the write and a checkpoint after it,
 * so that no byte of OTHER's own details is left in the files.
 */
int
circle_member_merge(struct circle_db *db, const char *keep,
    const char *other, int dry_run, struct circle_member_merge_result *r,
    struct circle_err *e)
{
	struct member_merge	a = { keep, other, dry_run, r };

	memset(r, 0, sizeof *r);
	if (circle_exec(db, "PRAGMA secure_delete = ON", e) == -1 ||
	    circle_db_write(db, member_merge_tx, &a, e) == -1)
		return -1;
	if (!dry_run && circle_db_checkpoint(db, e) == -1)
		return circle_err_prefix(e, "%s was merged into %s, but another "
		    "circle command kept the write-ahead log from being "
		    "emptied; run 'circle db check' when nothing else is "
		    "running", r->other, r->keep);
	return 0;
}

void
circle_member_merge_release(struct circle_member_merge_result *r)
{
	free(r->keep);
	free(r->other);
	circle_written_free(r->written, r->nwritten);
	memset(r, 0, sizeof *r);
}
