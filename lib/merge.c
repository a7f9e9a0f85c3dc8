/*
 * merge.c: an extract (extract.c) brought into this database by uid, in one
 * transaction: new rows added, changed rows updated when newer, a group
 * only from the database it belongs to, an edit made on both sides since
 * the last merge reported as a conflict, people forgotten there forgotten
 * here, and people who may be one person under two uids listed, never
 * merged.  The file is read into memory (opened there when sealed), or a
 * plain one on a local disk mapped under a read lease (mergecheck.c), and
 * given to SQLite with sqlite3_deserialize: no plaintext copy on disk.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "csvtext.h"
#include "merge.h"
#include "roster.h"

/* The file's value, or the local one where the file left it out. */
#define KEEP(flag, c) "CASE WHEN " flag " AND l.id IS NOT NULL THEN l." c \
	" ELSE t." c " END"
#define NAMES(c)	KEEP(":pseudo", c)
#define CONTACTS(c)	KEEP(":nocontacts", c)
#define NOTES(c)	KEEP(":nonotes", c)

static const struct mtable t_grp = {
	"grp",
	"handle, name, description, location, online_url, tzid, duration, "
	    "checkin_survey, checkout_survey, archived_at, created_at, "
	    "updated_at",
	"t.handle, t.name, t.description, t.location, t.online_url, t.tzid, "
	    "t.duration, t.checkin_survey, t.checkout_survey, t.archived_at, "
	    "t.created_at, t.updated_at",
	"", "1", "'group ' || l.handle", 1
};

static const struct mtable t_member = {
	"member",
	"handle, display_name, full_name, pronouns, email, phone, emergency, "
	    "consent, consent_on, status, notes, created_at, updated_at",
	"t.handle, " NAMES("display_name") ", " NAMES("full_name") ", "
	    NAMES("pronouns") ", " CONTACTS("email") ", " CONTACTS("phone")
	    ", " CONTACTS("emergency") ", " NAMES("consent") ", "
	    NAMES("consent_on") ", t.status, " NOTES("notes") ", t.created_at, "
	    "t.updated_at",
	"",
	/*
	 * Not forgotten here, not a record kept here as this database's
	 * pseudonymized extracts send it (mergeaway.c), and named by a row
	 * of a group taken.
	 */
	"t.uid NOT IN (SELECT uid FROM main.forgotten) AND t.uid NOT IN "
	    "(SELECT sent FROM temp.x_sent) AND (EXISTS (SELECT 1 "
	    "FROM x.membership p JOIN temp.st_grp g ON g.xid = p.grp_id WHERE "
	    "p.member_id = t.id) OR EXISTS (SELECT 1 FROM x.attendance a JOIN "
	    "x.session s ON s.id = a.session_id JOIN temp.st_grp g ON g.xid = "
	    "s.grp_id WHERE a.member_id = t.id) OR EXISTS (SELECT 1 FROM "
	    "x.response r JOIN x.session s ON s.id = r.session_id JOIN "
	    "temp.st_grp g ON g.xid = s.grp_id WHERE r.member_id = t.id) OR "
	    "EXISTS (SELECT 1 FROM x.followup f JOIN x.session s ON s.id = "
	    "f.session_id JOIN temp.st_grp g ON g.xid = s.grp_id WHERE "
	    "f.member_id = t.id))",
	"'member ' || l.handle", 1
};

static const struct mtable t_series = {
	"series",
	"grp_id, key, rrule, dtstart, tzid, duration, exdates, location, "
	    "topic, through, sequence, created_at, updated_at, online_url",
	"g.lid, t.key, t.rrule, t.dtstart, t.tzid, t.duration, t.exdates, "
	    "t.location, t.topic, t.through, t.sequence, t.created_at, "
	    "t.updated_at, t.online_url",
	"JOIN temp.st_grp g ON g.xid = t.grp_id", "1",
	"'series ' || (SELECT handle FROM main.grp WHERE id = l.grp_id) || "
	    "'/' || l.key", 0
};

static const struct mtable t_session = {
	"session",
	"grp_id, series_id, recurrence_id, starts_at, ends_at, local_start, "
	    "tzid, location, topic, status, cancel_reason, headcount, notes, "
	    "sequence, created_at, updated_at, online_url",
	"g.lid, r.lid, t.recurrence_id, t.starts_at, t.ends_at, "
	    "t.local_start, t.tzid, t.location, t.topic, t.status, "
	    "t.cancel_reason, t.headcount, " NOTES("notes") ", t.sequence, "
	    "t.created_at, t.updated_at, t.online_url",
	"JOIN temp.st_grp g ON g.xid = t.grp_id LEFT JOIN temp.st_series r "
	    "ON r.xid = t.series_id",
	"(t.series_id IS NULL OR r.lid IS NOT NULL)",
	"'session ' || (SELECT handle FROM main.grp WHERE id = l.grp_id) || "
	    "' ' || replace(l.local_start, 'T', ' ')", 0
};

static const struct mtable t_response = {
	"response",
	"survey_id, session_id, member_id, phase, taken_at, score, "
	    "created_at, updated_at",
	"v.lid, s.lid, m.lid, t.phase, t.taken_at, t.score, t.created_at, "
	    "t.updated_at",
	"JOIN temp.st_survey v ON v.xid = t.survey_id JOIN temp.st_session s "
	    "ON s.xid = t.session_id LEFT JOIN temp.st_member m ON m.xid = "
	    "t.member_id",
	"(t.member_id IS NULL OR m.lid IS NOT NULL)",
	"'check-in ' || coalesce((SELECT handle FROM main.member WHERE id = "
	    "l.member_id), 'anonymous') || ' ' || l.taken_at", 0
};

static const struct mtable t_followup = {
	"followup",
	"member_id, session_id, response_id, flag, reason, status, note, "
	    "created_at, updated_at, closed_at",
	"m.lid, s.lid, r.lid, t.flag, t.reason, t.status, " NOTES("note")
	    ", t.created_at, t.updated_at, t.closed_at",
	"JOIN temp.st_session s ON s.xid = t.session_id LEFT JOIN "
	    "temp.st_member m ON m.xid = t.member_id LEFT JOIN "
	    "temp.st_response r ON r.xid = t.response_id",
	"(t.member_id IS NULL OR m.lid IS NOT NULL)",
	"'follow-up ' || coalesce((SELECT handle FROM main.member WHERE id = "
	    "l.member_id), 'anonymous') || ' ' || l.created_at", 0
};

/* How a row here (l) of a table is said for a person (mergeremoved.c). */
const char *
circle_merge_what(const char *table)
{
	static const struct mtable *const all[] = { &t_grp, &t_member,
	    &t_series, &t_session, &t_response, &t_followup };
	size_t	i;

	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(all[i]->name, table) == 0)
			return all[i]->what;
	return "'a row'";
}

/*
 * A row's state: 0 the same (or this side newer), 1 new, 2 newer there,
 * 3 a conflict kept as it is here, 4 a conflict settled with theirs.  An
 * edit on both sides: changed here since the last merge from that
 * database (:m, this clock) and there since its extract then (:e, its
 * clock).
 */
#define STATE_SQL "UPDATE temp.st_%s AS s SET state = CASE " \
	"WHEN lid IS NULL THEN 1 " \
	"WHEN (SELECT %s FROM main.%s l WHERE l.id = s.lid) " \
	"THEN 0 " \
	"WHEN " MERGE_CONFLICT("(SELECT updated_at FROM main.%s WHERE id = " \
	"s.lid)", "s.updated_at") " THEN 3 + :theirs " \
	"WHEN " MERGE_NEWER("(SELECT updated_at FROM main.%s WHERE id = " \
	"s.lid)", "s.updated_at") " THEN 2 ELSE 0 END"

static int	merge_tx(struct circle_db *, void *, struct circle_err *);

void
circle_merge_note_add(struct circle_merge_note **v, size_t *n, char *what, char *detail)
{
	*v = circle_xgrow(*v, *n, sizeof **v);
	(*v)[*n].what = what;
	(*v)[*n].detail = detail;
	(*n)++;
}

static void
notes_free(struct circle_merge_note *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(v[i].what);
		free(v[i].detail);
	}
	free(v);
}

void
circle_merge_result_release(struct circle_merge_result *r)
{
	size_t	i;

	notes_free(r->conflicts, r->nconflicts);
	notes_free(r->skipped, r->nskipped);
	notes_free(r->alike, r->nalike);
	notes_free(r->renamed, r->nrenamed);
	free(r->merged_keeps);
	free(r->unmerged_keeps);
	free(r->unmerged_edited);
	for (i = 0; i < r->nwritten; i++) {
		free(r->written[i].who);
		circle_written_free(r->written[i].w, r->written[i].n);
	}
	free(r->written);
	memset(r, 0, sizeof *r);
}

struct circle_merge_count *
circle_merge_count_of(struct circle_merge_result *r, const char *table)
{
	struct circle_merge_count	*c;

	c = &r->counts[r->ncounts++];
	memset(c, 0, sizeof *c);
	c->table = table;
	return c;
}

/* Bind the merge's named parameters that st has. */
void
circle_merge_bind(sqlite3_stmt *st, const struct merge *m)
{
	const struct { const char *name; const char *text; int num; } p[] = {
		{ ":pseudo", NULL, m->pseudo },
		{ ":nocontacts", NULL, m->nocontacts || m->pseudo },
		{ ":nonotes", NULL, m->nonotes || m->pseudo },
		{ ":base", NULL, m->last_m != NULL },
		{ ":theirs", NULL, m->o->theirs },
		{ ":adopt", NULL, m->o->adopt },
		{ ":att_known", NULL, m->att_updlen != -1 },
		{ ":m", m->last_m != NULL ? m->last_m : "", 0 },
		{ ":e", m->last_e != NULL ? m->last_e : "", 0 },
		{ ":local", m->local, 0 },
		{ ":from", m->from, 0 },
		{ ":made", m->extracted_at != NULL ? m->extracted_at : "", 0 },
		{ ":now", m->now, 0 },
	};
	size_t	i;
	int	k;

	for (i = 0; i < sizeof p / sizeof p[0]; i++) {
		if ((k = sqlite3_bind_parameter_index(st, p[i].name)) == 0)
			continue;
		if (p[i].text != NULL)
			circle_bind_text(st, k, p[i].text);
		else
			sqlite3_bind_int(st, k, p[i].num);
	}
	/* The file's max(updated_at) of attendance: text, or NULL. */
	if (m->att_updlen >= 0 &&
	    (k = sqlite3_bind_parameter_index(st, ":att_max")) != 0)
		sqlite3_bind_text(st, k, m->att_upd, m->att_updlen,
		    SQLITE_TRANSIENT);
}

/* Run one statement made with sqlite3_mprintf (freed here). */
int
circle_merge_exec(struct circle_db *db, const struct merge *m, char *sql,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	circle_merge_bind(st, m);
	return circle_exec_stmt(db, st, e);
}

/*
 * A count from one statement made with sqlite3_mprintf (freed here), with
 * the merge's parameters (m NULL: none).
 */
int
circle_merge_number(struct circle_db *db, const struct merge *m, char *sql, long *n,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	if (m != NULL)
		circle_merge_bind(st, m);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = (long)sqlite3_column_int64(st, 0);
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The file's row is the row here (l), column for column but the handle
 * (this database's own name for a row): its values as the table's sel
 * gives them from the file's row t, or as staged (s).  SQL, to be freed.
 */
char *
circle_merge_same_row(const struct mtable *t, int staged)
{
	char	*theirs, *ours, *s;

	theirs = staged ? circle_merge_prefixed(t->cols, "s.", t->handle) :
	    circle_merge_prefixed(t->sel, "", t->handle);
	ours = circle_merge_prefixed(t->cols, "l.", t->handle);
	s = sqlite3_mprintf("(%s) IS (%s)", theirs, ours);
	sqlite3_free(theirs);
	sqlite3_free(ours);
	return s;
}

/* cols with a prefix on each: "a, b" -> "s.a, s.b". */
char *
circle_merge_prefixed(const char *cols, const char *pfx, int skip_handle)
{
	char		*out = NULL, *tmp;
	const char	*p = cols, *q;

	if (skip_handle)
		p = strchr(cols, ',') + 2;
	for (; *p != '\0'; p = *q != '\0' ? q + 2 : q) {
		q = strchr(p, ',');
		if (q == NULL)
			q = p + strlen(p);
		tmp = sqlite3_mprintf("%s%s%s%.*s", out != NULL ? out : "",
		    out != NULL ? ", " : "", pfx, (int)(q - p), p);
		sqlite3_free(out);
		out = tmp;
	}
	return out;
}

/* New rows whose handle is taken here get one made free (record.c). */
static int
insert_handled(struct circle_db *db, const struct merge *m,
    const struct mtable *t, struct circle_err *e)
{
	sqlite3_stmt	*st, *ins;
	char		*sql, *rest, *h;
	int		 rc;

	rest = circle_merge_prefixed(t->cols, "s.", 1);
	sql = sqlite3_mprintf("INSERT INTO main.%s (uid, %s) SELECT s.uid, "
	    "?1, %s FROM temp.st_%s s WHERE s.xid = ?2", t->name, t->cols,
	    rest, t->name);
	sqlite3_free(rest);
	ins = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (ins == NULL)
		return -1;
	/* A group of the same handle and name here: one group twice? */
	sql = sqlite3_mprintf("SELECT s.xid, s.handle, %s FROM temp.st_%s s "
	    "WHERE s.state = 1 AND NOT EXISTS (SELECT 1 FROM main.%s l WHERE "
	    "l.uid = s.uid) ORDER BY s.xid", strcmp(t->name, "grp") == 0 ?
	    "EXISTS (SELECT 1 FROM main.grp h WHERE h.handle = s.handle AND "
	    "circle_fold(h.name) = circle_fold(s.name))" : "0", t->name,
	    t->name);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL) {
		sqlite3_finalize(ins);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h = circle_record_unique_handle(db, t->name,
		    (const char *)sqlite3_column_text(st, 1), 0, e);
		if (h == NULL)
			break;
		/* A group is named by its handle in every command: say so. */
		if (strcmp(t->name, "grp") == 0) {
			char	*what, *why;

			circle_xasprintf(&what, "group %s", h);
			circle_xasprintf(&why, "%s in the file; a group here "
			    "has that handle%s", sqlite3_column_text(st, 1),
			    sqlite3_column_int(st, 2) ? " and name: if they "
			    "are one group, kept now in another database, see "
			    "\"A network of groups\" in circle(7)" : "");
			circle_merge_note_add(&m->r->renamed, &m->r->nrenamed,
			    what, why);
		}
		circle_bind_text(ins, 1, h);
		sqlite3_bind_int64(ins, 2, sqlite3_column_int64(st, 0));
		free(h);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			circle_db_error(db, e, t->name);
			break;
		}
		sqlite3_reset(ins);
	}
	if (rc == SQLITE_ROW || circle_step_ok(db, rc, t->name, e) == -1)
		rc = -1;
	else
		rc = 0;
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	return rc;
}

/*
 * The rows st gives (what, its time here, its time there, its state),
 * said: a conflict (3 kept, 4 theirs taken), or (5) changed there but
 * kept here, not merged.  st finalized.
 */
int
circle_merge_conflicts_said(struct circle_db *db, const struct merge *m,
    sqlite3_stmt *st, struct circle_err *e)
{
	char	*d;
	int	 rc;

	circle_merge_bind(st, m);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 3) == 5) {
			circle_xasprintf(&d, "changed there (%s), answered "
			    "here: kept as it is here",
			    sqlite3_column_text(st, 2));
			circle_merge_note_add(&m->r->skipped,
			    &m->r->nskipped, circle_col_dup(st, 0), d);
			continue;
		}
		circle_xasprintf(&d, "changed here (%s) and there (%s); %s",
		    sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
		    sqlite3_column_int(st, 3) == 4 ? "took theirs" :
		    "kept this side");
		circle_merge_note_add(&m->r->conflicts, &m->r->nconflicts,
		    circle_col_dup(st, 0), d);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

/* The conflicts of a table, said for a person. */
static int
list_conflicts(struct circle_db *db, const struct merge *m,
    const struct mtable *t, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql;

	sql = sqlite3_mprintf("SELECT %s, l.updated_at, s.updated_at, "
	    "s.state FROM temp.st_%s s JOIN main.%s l ON l.id = s.lid WHERE "
	    "s.state IN (3, 4) ORDER BY 1", t->what, t->name, t->name);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	return circle_merge_conflicts_said(db, m, st, e);
}

/*
 * A table's staged rows, none yet.  The later tables read of them xid, lid,
 * state and updated_at (the rest decides their state here).
 */
int
circle_merge_stage_new(struct circle_db *db, const struct merge *m,
    const struct mtable *t, struct circle_err *e)
{
	if (circle_merge_exec(db, m, sqlite3_mprintf("DROP TABLE IF EXISTS "
	    "temp.st_%s", t->name), e) == -1)
		return -1;
	return circle_merge_exec(db, m, sqlite3_mprintf("CREATE TEMP TABLE "
	    "st_%s (xid INTEGER PRIMARY KEY, lid INTEGER, state INTEGER, uid, "
	    "%s)", t->name, t->cols), e);
}

/*
 * Stage a table's rows, decide each one's state, update and add; the
 * staged table stays for the tables that refer to it.
 */
static int
merge_table(struct circle_db *db, struct merge *m, const struct mtable *t,
    const char *extra_where, struct circle_err *e)
{
	struct circle_merge_count	*c = circle_merge_count_of(m->r, t->name);
	char				*same, *ssame, *scmp, *sets, *rest;
	long				 settled = 0;
	int				 rc = -1, all = 0;

	if (!m->row_by_row &&
	    (rc = circle_merge_fresh(db, m, t, extra_where, c, e)) != 0)
		return rc == 1 ? 0 : -1;
	rc = -1;
	/* A handle is this database's own name for a row: never set. */
	same = circle_merge_same_row(t, 0);
	ssame = circle_merge_same_row(t, 1);
	scmp = circle_merge_prefixed(t->cols, "s.", t->handle);
	rest = circle_merge_prefixed(t->cols, "", t->handle);
	/* The row that updates it, not another of the same uid (a damaged
	 * file) staged as unchanged, maybe with no values (settled). */
	sets = sqlite3_mprintf("(%s) = (SELECT %s FROM temp.st_%s s WHERE "
	    "s.lid = main.%s.id AND s.state IN (2, 4))", rest, scmp, t->name,
	    t->name);
	/*
	 * Staged with the state of the rows new here or the same on both
	 * sides, found in the same join; the others' decided after.  Those
	 * the same under the same id are settled first (mergecopy.c).
	 */
	if (circle_merge_stage_new(db, m, t, e) == -1 ||
	    (!m->row_by_row && circle_merge_settle(db, m, t, extra_where,
	    &settled, &all, e) == -1))
		goto out;
	/*
	 * Every row of the file settled, staged unchanged (state 0) and
	 * nothing else: no state to decide, nothing to update or add, no
	 * conflict to list; each count what the statements below find.
	 */
	if (all) {
		c->updated = c->added = c->conflicts = 0;
		c->unchanged = settled;
		rc = 0;
		goto out;
	}
	if ((!all && circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO temp.st_%s SELECT t.id, "
	    "l.id, CASE WHEN l.id IS NULL THEN 1 WHEN %s THEN 0 END, "
	    "t.uid, %s FROM x.%s t %s LEFT JOIN main.%s l ON l.uid = "
	    "t.uid WHERE %s AND %s%s%s%s", t->name, same, t->sel, t->name,
	    t->from, t->name, t->where, extra_where != NULL ? extra_where :
	    "1", settled > 0 ? " AND t.id NOT IN (SELECT xid FROM temp.st_" :
	    "", settled > 0 ? t->name : "", settled > 0 ? ")" : ""), e) == -1) ||
	    circle_merge_exec(db, m, sqlite3_mprintf(STATE_SQL " WHERE state IS NULL",
	    t->name, ssame, t->name, t->name, t->name), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("UPDATE main.%s SET %s WHERE id IN "
	    "(SELECT lid FROM temp.st_%s WHERE state IN (2, 4))", t->name,
	    sets, t->name), e) == -1)
		goto out;
	c->updated = sqlite3_changes(db->h);
	/*
	 * New rows; with a handle, those whose handle is free here first,
	 * then the rest with one made free.
	 */
	if (circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.%s (uid, %s) SELECT "
	    "uid, %s FROM temp.st_%s s WHERE state = 1 AND NOT EXISTS (SELECT "
	    "1 FROM main.%s l WHERE l.uid = s.uid) %s%s%s ORDER BY xid",
	    t->name, t->cols, t->cols, t->name, t->name, t->handle ?
	    "AND NOT EXISTS (SELECT 1 FROM main." : "", t->handle ? t->name :
	    "", t->handle ? " h WHERE h.handle = s.handle)" : ""), e) == -1)
		goto out;
	if (t->handle && insert_handled(db, m, t, e) == -1)
		goto out;
	if (circle_merge_exec(db, m, sqlite3_mprintf("UPDATE temp.st_%s AS s SET lid = "
	    "(SELECT id FROM main.%s l WHERE l.uid = s.uid) WHERE state = 1",
	    t->name, t->name), e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM temp.st_%s "
	    "WHERE state = 1", t->name), &c->added, e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM temp.st_%s "
	    "WHERE state = 0", t->name), &c->unchanged, e) == -1 ||
	    circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM temp.st_%s "
	    "WHERE state IN (3, 4)", t->name), &c->conflicts, e) == -1 ||
	    list_conflicts(db, m, t, e) == -1)
		goto out;
	rc = 0;
out:
	sqlite3_free(same);
	sqlite3_free(ssame);
	sqlite3_free(scmp);
	sqlite3_free(rest);
	sqlite3_free(sets);
	return rc;
}

/*
 * A person's two periods in one group, p and q, that share a day: one
 * begins before the other ends (a period ends the day before its left_on,
 * the day a new one may begin: roster.c's ended_after).
 */
#define MS_OVERLAP(p, q) "(" p ".joined_on < coalesce(" q ".left_on, " \
	"'9999-12-31') AND " q ".joined_on < coalesce(" p ".left_on, " \
	"'9999-12-31'))"

/*
 * The memberships here that the file's group database no longer has: a
 * person's period here, from a first day the file has none from, that
 * shares a day with one of theirs there (a first day moved back there by
 * roster join --on, or that move undone; the file's removal of it left
 * out of a --since extract).  The group's database is right about its
 * memberships, and periods of one group never overlap: removed here
 * before the file's rows are matched, so that its row comes in as the
 * one membership; each removal is recorded here (the schema's trigger),
 * to travel on.  Each looked for in the file by its person, never by
 * its group and day (the unary +s), as merge_memberships does.
 */
#define MEMBERSHIP_GONE \
	"CREATE TEMP TABLE st_msgone AS SELECT DISTINCT l.id, l.grp_id, " \
	"l.member_id, l.joined_on, l.left_on FROM x.membership t JOIN " \
	"temp.st_grp g ON g.xid = t.grp_id JOIN temp.st_member p ON p.xid = " \
	"t.member_id JOIN main.membership l ON l.member_id = p.lid AND " \
	"+l.grp_id = g.lid AND " MS_OVERLAP("l", "t") " WHERE NOT EXISTS " \
	"(SELECT 1 FROM x.membership u WHERE +u.grp_id = t.grp_id AND " \
	"u.member_id = t.member_id AND +u.joined_on = l.joined_on)"

/*
 * Memberships have neither uid nor times: one is a person in a group from
 * a date, and the group's own database is right about it (a group is
 * only merged from there).  Those gone there go first (MEMBERSHIP_GONE,
 * unless it can find none: mergecopy.c's circle_merge_memberships_kept),
 * then changes, so that a left_on set there frees the place of a
 * membership begun again.  A row that comes in for one gone is an update
 * (a first day moved); one gone with none for it, a removal.
 */
static int
merge_memberships(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	struct circle_merge_count	*c = circle_merge_count_of(m->r, "membership");
	long				 all, gone = 0, moved = 0;
	int				 kept;

	if (circle_merge_exec(db, m, sqlite3_mprintf("DROP TABLE IF EXISTS "
	    "temp.st_msgone"), e) == -1 ||
	    (kept = circle_merge_memberships_kept(db, m, e)) == -1)
		return -1;
	if (!kept) {
		if (circle_merge_exec(db, m, sqlite3_mprintf(MEMBERSHIP_GONE),
		    e) == -1 || circle_merge_exec(db, m, sqlite3_mprintf(
		    "DELETE FROM main.membership WHERE id IN (SELECT id FROM "
		    "temp.st_msgone)"), e) == -1)
			return -1;
		gone = sqlite3_changes(db->h);
	}
	/*
	 * Each membership here found by its person (a few each), never by
	 * its group and date (the unary +): a group whose people all joined
	 * one day made that a scan of the group for each of them.
	 */
	if (circle_merge_exec(db, m, sqlite3_mprintf("DROP TABLE IF EXISTS temp.st_ms"),
	    e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("CREATE TEMP TABLE st_ms AS SELECT "
	    "g.lid AS grp_id, p.lid AS member_id, t.role, t.joined_on, "
	    "t.left_on, l.id AS lid, l.role IS NOT t.role OR l.left_on IS NOT "
	    "t.left_on AS changed FROM x.membership t JOIN temp.st_grp g ON "
	    "g.xid = t.grp_id JOIN temp.st_member p ON p.xid = t.member_id "
	    "LEFT JOIN main.membership l ON l.member_id = p.lid AND +l.grp_id "
	    "= g.lid AND +l.joined_on = t.joined_on"), e) == -1 ||
	    circle_merge_exec(db, m, sqlite3_mprintf("UPDATE main.membership SET (role, "
	    "left_on) = (SELECT role, left_on FROM temp.st_ms s WHERE s.lid = "
	    "membership.id) WHERE id IN (SELECT lid FROM temp.st_ms WHERE "
	    "changed)"), e) == -1)
		return -1;
	c->updated = sqlite3_changes(db->h);
	if (circle_merge_exec(db, m, sqlite3_mprintf("INSERT INTO main.membership (grp_id, "
	    "member_id, role, joined_on, left_on) SELECT grp_id, member_id, "
	    "role, joined_on, left_on FROM temp.st_ms WHERE lid IS NULL"),
	    e) == -1)
		return -1;
	c->added = sqlite3_changes(db->h);
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) FROM temp.st_ms"),
	    &all, e) == -1 ||
	    (gone > 0 && circle_merge_number(db, m, sqlite3_mprintf("SELECT "
	    "count(*) FROM temp.st_ms s WHERE lid IS NULL AND EXISTS (SELECT 1 "
	    "FROM temp.st_msgone o WHERE o.grp_id = s.grp_id AND o.member_id = "
	    "s.member_id AND " MS_OVERLAP("o", "s") ")"), &moved, e) == -1))
		return -1;
	c->unchanged = all - c->added - c->updated;
	c->added -= moved;
	c->updated += moved;
	c->removed += gone > moved ? gone - moved : 0;
	return 0;
}

/* The groups this file may not change: they belong to another database. */
#define GRP_TAKEN "(l.id IS NULL OR :adopt OR coalesce((SELECT origin FROM " \
	"main.grp_origin o WHERE o.grp_id = l.id), :local) = " \
	MERGE_FILE_OWNER("t.id") ")"

static int
merge_groups(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*d;
	int		 rc;

	/* Whose it is, and the date of its last extract merged from there. */
	if ((st = circle_prepare(db, "SELECT 'group ' || l.handle, o.origin "
	    "IS NULL, coalesce((SELECT 'its last extract merged here made ' "
	    "|| substr(n.value, 1, 10) FROM main.network n WHERE n.key = "
	    "'merged:' || o.origin), 'no extract of it merged here') FROM "
	    "x.grp t JOIN main.grp l ON l.uid = t.uid LEFT JOIN "
	    "main.grp_origin o ON o.grp_id = l.id WHERE NOT " GRP_TAKEN
	    " ORDER BY 1", e)) == NULL)
		return -1;
	circle_merge_bind(st, m);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 1))
			d = circle_xstrdup("belongs to this database, not to "
			    "the file's: not changed, nor its sessions and "
			    "attendance taken from the file (--adopt hands it "
			    "to the file's database)");
		else
			circle_xasprintf(&d, "belongs to another database "
			    "(%s), not to the file's: not changed, nor its "
			    "sessions and attendance taken from the file; if "
			    "the file's database keeps it now (a new computer "
			    "or database of its facilitator's, or a new "
			    "facilitator), merge the file again with --adopt; "
			    "if it is a co-facilitator's copy, merge the "
			    "keeper's extract instead, which brings what they "
			    "recorded",
			    sqlite3_column_text(st, 2));
		circle_merge_note_add(&m->r->skipped, &m->r->nskipped,
		    circle_col_dup(st, 0), d);
	}
	rc = circle_step_ok(db, rc, "group", e);
	sqlite3_finalize(st);
	if (rc == -1 || merge_table(db, m, &t_grp, GRP_TAKEN, e) == -1)
		return -1;
	/* Where each group belongs, when not here: new, or adopted. */
	return circle_merge_exec(db, m, sqlite3_mprintf("INSERT OR REPLACE INTO "
	    "main.grp_origin (grp_id, origin) SELECT s.lid, CASE WHEN "
	    "s.state = 1 THEN coalesce((SELECT origin FROM x.grp_origin o "
	    "WHERE o.grp_id = s.xid), :from) ELSE :from END FROM temp.st_grp s "
	    "WHERE (s.state = 1 OR :adopt) AND CASE WHEN s.state = 1 THEN "
	    "coalesce((SELECT origin FROM x.grp_origin o WHERE o.grp_id = "
	    "s.xid), :from) ELSE :from END != :local"), e);
}

/* Did the merge add, update or forget anything? */
static int
merge_changed(const struct merge *m)
{
	size_t	i;

	if (m->r->forgotten > 0 || m->r->unmerged > 0)
		return 1;
	for (i = 0; i < m->r->ncounts; i++)
		if (m->r->counts[i].added > 0 || m->r->counts[i].updated > 0 ||
		    m->r->counts[i].removed > 0)
			return 1;
	return 0;
}

/*
 * What this database holds that decides how the file is merged, asked
 * once before the merge (circle_merge_check) and once in its transaction
 * (merge_tx): attendance, people the file forgets, rows the file removes.
 */
int
circle_merge_here(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT EXISTS (SELECT 1 FROM "
	    "main.attendance), EXISTS (SELECT 1 FROM x.forgotten f JOIN "
	    "main.member l ON l.uid = f.uid) OR EXISTS (SELECT 1 FROM "
	    "x.forgotten f JOIN main.merged_away w ON w.uid = f.uid) OR "
	    "EXISTS (SELECT 1 FROM x.forgotten f JOIN main.member k ON k.uid = "
	    "f.keep_uid WHERE " CIRCLE_MERGE_STATEMENT_NEW("f") "), "
	    MERGE_REMOVES_HERE, e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m->att_here = sqlite3_column_int(st, 0);
		m->forgotten_here = sqlite3_column_int(st, 1);
		m->removes_here = sqlite3_column_int(st, 2);
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Can this merge run with the foreign keys off (attendance_copy)?  Only
 * when it deletes nothing, whose cascades they would be: no one here is
 * forgotten there, no row here removed there; and only when attendance
 * is to be copied: none here.
 */
int
circle_merge_bulk_possible(const struct merge *m)
{
	return !m->row_by_row && !m->att_here && !m->forgotten_here &&
	    !m->removes_here;
}

static int
merge_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct merge		*m = arg;
	struct circle_change	 c;
	char			*key, *last = NULL, *bar, *detail;
	long			 n, added = 0, updated = 0, removed = 0;
	size_t			 i;
	int			 rc;

	/* Run again on a busy database: start from nothing. */
	circle_merge_result_release(m->r);
	m->att_updlen = -1;
	free(m->last_e);
	free(m->last_m);
	m->last_e = m->last_m = NULL;
	free(m->local);
	m->local = NULL;
	if (circle_merge_past_self(db, m, e) == -1 ||
	    (m->local = circle_db_origin(db, e)) == NULL)
		return -1;
	/*
	 * Made here: an older backup loaded since, its newer rows back; but
	 * never what was removed here after it was made.
	 */
	m->r->self = strcmp(m->local, m->from) == 0;
	if (m->r->self && circle_merge_self_removed(db, m, e) == -1)
		return -1;
	circle_xasprintf(&key, "merged:%s", m->from);
	rc = circle_merge_file_value(db, key, &last, e);
	if (rc == 0 && last != NULL && (bar = strchr(last, '|')) != NULL) {
		*bar = '\0';
		m->last_e = circle_xstrdup(last);
		m->last_m = circle_xstrdup(bar + 1);
	}
	free(last);
	if (rc == 0 && (rc = circle_merge_here(db, m, e)) == 0 && m->bulk &&
	    !circle_merge_bulk_possible(m)) {
		m->bulk_lost = 1;
		rc = circle_err_set(e, CIRCLE_EFAIL, "merge: written to since "
		    "it began");
	}
	/*
	 * Attendance here, and nothing of it deleted before it is merged
	 * (no one forgotten): compared beside the rest (mergeattend.c).
	 */
	if (rc == 0 && !m->row_by_row && m->att_here && !m->forgotten_here)
		rc = circle_merge_compare_start(db, m, e);
	/* Every row of the file's attendance is new here: too many? */
	if (rc == 0 && m->bulk && (rc = circle_merge_number(db, m, sqlite3_mprintf("SELECT "
	    "count(*) FROM x.attendance"), &n, e)) == 0)
		circle_undo_expect(db, n);
	if (rc == -1 || circle_merge_away_sent(db, m, e) == -1 ||
	    circle_merge_away_forgotten(db, m, e) == -1 ||
	    circle_merge_forgotten(db, m, e) == -1 ||
	    merge_groups(db, m, e) == -1 ||
	    merge_table(db, m, &t_member, NULL, e) == -1 ||
	    circle_merge_away_kept_edited(db, m, e) == -1 ||
	    circle_merge_away_retake(db, m, e) == -1 ||
	    circle_merge_away_store(db, m, e) == -1 ||
	    circle_merge_away_map(db, m, e) == -1 ||
	    merge_table(db, m, &t_series, NULL, e) == -1 ||
	    merge_table(db, m, &t_session, NULL, e) == -1 ||
	    merge_memberships(db, m, e) == -1 ||
	    circle_merge_attendance(db, m, e) == -1 ||
	    circle_merge_surveys(db, m, e) == -1 ||
	    merge_table(db, m, &t_response, NULL, e) == -1 ||
	    circle_merge_answers(db, m, e) == -1 ||
	    merge_table(db, m, &t_followup, NULL, e) == -1 ||
	    circle_merge_removed(db, m, e) == -1 ||
	    circle_merge_alike(db, m, e) == -1 ||
	    circle_merge_left_out(db, m, e) == -1) {
		free(key);
		return -1;
	}
	for (i = 0; i < m->r->ncounts; i++) {
		added += m->r->counts[i].added;
		updated += m->r->counts[i].updated;
		removed += m->r->counts[i].removed;
	}
	/* An extract older than one of its groups merged adds nothing. */
	if (circle_merge_older(db, m, added, e) == -1) {
		free(key);
		return -1;
	}
	/* A merge that brought nothing changes nothing, and is no command. */
	if (!merge_changed(m)) {
		free(key);
		return m->o->dry_run ? 1 : 0;
	}
	/*
	 * What was merged from there, and when: the file's time and ours,
	 * ours at least the newest time a row brought (clocks differ), so
	 * that what comes in is not taken for an edit made here.  A conflict
	 * kept stays one, reported by each merge until settled: the times
	 * of the merge before are kept.
	 */
	rc = m->r->nconflicts > 0 && !m->o->theirs ? 0 : circle_merge_exec(db, m,
	    sqlite3_mprintf("INSERT OR REPLACE INTO main.network "
	    "(key, value) VALUES (%Q, %Q || '|' || max(:now, coalesce((SELECT "
	    "max(updated_at) FROM temp.st_member), ''), coalesce((SELECT "
	    "max(updated_at) FROM temp.st_session), ''), coalesce(CASE WHEN "
	    ":att_known THEN :att_max ELSE (SELECT max(updated_at) FROM "
	    "x.attendance) END, ''), coalesce((SELECT max(updated_at) FROM "
	    "x.survey), ''), coalesce((SELECT max(updated_at) FROM "
	    "temp.st_response), ''), coalesce((SELECT max(updated_at) FROM "
	    "temp.st_followup), '')))", key,
	    m->extracted_at), e);
	free(key);
	if (rc == -1)
		return -1;
	/* What it did, for the log (mergeolder.c). */
	if ((detail = circle_merge_detail(db, m, added, updated, removed,
	    e)) == NULL)
		return -1;
	c = (struct circle_change){ "merge", "database", NULL, NULL, detail };
	rc = circle_log(db, &c, e);
	free(detail);
	if (rc == -1)
		return -1;
	return m->o->dry_run ? 1 : 0;
}

/* The update hook's: the merge and the database it writes. */
struct merge_hook {
	struct circle_db	*db;
	struct merge		*m;
};

/*
 * A row written here (not in the staging tables): counted, and the
 * first begins the file's checks on their thread (mergecheck.c), which
 * open a connection of their own: nothing of this one's.
 */
static void
wrote_here(void *arg, int op, const char *schema, const char *table,
    sqlite3_int64 rowid)
{
	struct merge_hook	*k = arg;

	(void)op;
	(void)table;
	(void)rowid;
	if (strcmp(schema, "main") != 0)
		return;
	if (k->m->wrote++ == 0)
		circle_merge_checks_begin(k->db, k->m);
}

/*
 * The merge, written only once the file's checks passed (their thread
 * joined, begun at the first write when they were left for a merge that
 * writes, or run now when no thread was to be had: mergecheck.c), and
 * refused with their error when they did not.
 */
static int
merge_checked_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct merge		*m = arg;
	struct merge_hook	 k = { db, m };
	int			 rc;

	m->wrote = 0;
	if (m->checks_later)
		sqlite3_update_hook(db->h, wrote_here, &k);
	rc = merge_tx(db, arg, e);
	if (m->checks_later)
		sqlite3_update_hook(db->h, NULL, NULL);
	circle_merge_compare_end(arg);
	rc = circle_merge_checks_join(arg, rc, e);
	rc = circle_merge_checks_late(db, m, rc, m->wrote > 0 ||
	    merge_changed(m), e);
	/* Everything that reads the file is done: was it written meanwhile? */
	if (!circle_merge_map_intact(m)) {
		m->map_lost = 1;
		rc = circle_err_set(e, CIRCLE_EFAIL, "%s: opened for writing "
		    "during the merge", m->o->path);
	}
	return rc;
}

/*
 * A merge that may copy the file whole (m->bulk) into the database this
 * command made (a coordinator's first, into a new file), which holds no
 * group and no person, written under a rollback journal (db.c:
 * circle_db_journal_once): its pages once, not into the log and again
 * into the file.  Only a file made here: leaving WAL and coming back
 * writes the file's header, which a refused merge must leave as it was
 * (a file made here is removed then).  1 when so, 0 when not, -1 on
 * error.
 */
static int
merge_into_nothing(struct circle_db *db, const struct merge *m,
    struct circle_err *e)
{
	long	none;

	if (!m->bulk || m->o->dry_run || !db->created)
		return 0;
	if (circle_merge_number(db, NULL, sqlite3_mprintf("SELECT NOT EXISTS "
	    "(SELECT 1 FROM main.grp) AND NOT EXISTS (SELECT 1 FROM "
	    "main.member)"), &none, e) == -1)
		return -1;
	return none && circle_db_journal_once(db) == 0;
}

/*
 * The merge of the file, read in place when it can be (map: mapped under
 * a lease, circle_merge_map) or else read into memory.  *lost: it failed
 * because someone opened the file for writing while it was read in place.
 */
static int
merge_file(struct circle_db *db, const struct circle_merge_opts *o,
    struct circle_merge_result *r, int map, int *lost, struct circle_err *e)
{
	struct merge	 m;
	unsigned char	*img;
	size_t		 n;
	int		 rc = -1, attached = 0, journaled = 0;

	memset(r, 0, sizeof *r);
	memset(&m, 0, sizeof m);
	m.o = o;
	m.r = r;
	m.map_fd = -1;
	m.att_updlen = -1;
	*lost = 0;
	circle_now_utc(m.now);
	if (map && circle_merge_map(&m, o->path, db->version)) {
		img = m.img;
		n = m.n;
	} else if (circle_read_sealed(o->path, o->passphrase, &img, &n,
	    e) == -1)
		return -1;
	if (circle_dump_bytes(img, n)) {
		circle_err_set(e, CIRCLE_EDATA, "%s: a dump of a circle database, "
		    "not an extract (load it with circle --db COPY.db db load "
		    "%s, make one of it with circle --db COPY.db db extract --all "
		    "-o FILE, and merge FILE)", o->path, o->path);
		goto out;
	}
	if (circle_image_cut_short(o->path, img, n, e))
		goto out;
	if (n < 100 || memcmp(img, "SQLite format 3", 16) != 0) {
		/* A roster, a workbook or a calendar sent instead: said. */
		if (circle_file_not_yaml(img, n, o->path, "a circle extract "
		    "(what circle db extract writes)", e) == 0)
			circle_err_set(e, CIRCLE_EDATA, "%s: not a circle "
			    "extract", o->path);
		goto out;
	}
	/*
	 * A database in WAL mode (its header's bytes 18 and 19) is one in
	 * use, never an extract, and cannot be opened from memory: a whole
	 * circle database sent instead of an extract is said as one.
	 */
	if (img[18] == 2 || img[19] == 2) {
		if ((long)circle_db_header_u32(img + 68) ==
		    circle_db_application_id(db))
			circle_merge_not_extract(o->path,
			    circle_merge_whole_has_id(o->path), e);
		else
			circle_err_set(e, CIRCLE_EDATA, "%s: not a circle "
			    "extract", o->path);
		goto out;
	}
	/* Its page sums over the bytes as they came (mergecheck.c). */
	m.sums = circle_pagesum_check(img, n, &m.sums_page);
	if (circle_db_image_migrate(db, o->path, &img, &n, e) == -1)
		goto out;
	m.img = img;
	m.n = n;
	/*
	 * Read through SQLite's memory files, never written (not marked
	 * read only: BEGIN IMMEDIATE takes every attached database).
	 */
	if (circle_exec(db, "ATTACH '' AS x", e) == -1)
		goto out;
	attached = 1;
	if (sqlite3_deserialize(db->h, "x", img, (sqlite3_int64)n,
	    (sqlite3_int64)n, 0) != SQLITE_OK) {
		circle_err_set(e, CIRCLE_EDATA, "%s: not a circle extract",
		    o->path);
		goto out;
	}
	m.row_by_row = getenv("CIRCLE_MERGE_ROW_BY_ROW") != NULL;
	if (circle_merge_check(db, &m, img, n, e) == -1)
		goto out;
	if (circle_merge_file_value(db, "pseudonymized", &m.local, e) == -1)
		goto out;
	m.pseudo = m.local != NULL;
	if (circle_merge_file_value(db, "without_contacts", &m.local, e) == -1)
		goto out;
	m.nocontacts = m.local != NULL;
	if (circle_merge_file_value(db, "without_notes", &m.local, e) == -1)
		goto out;
	m.nonotes = m.local != NULL;
	free(m.local);
	m.local = NULL;
	/*
	 * A forgotten person leaves no byte behind (as roster forget); the
	 * staged rows are looked up a million times: kept in memory.  Both
	 * databases read in place (mmap_size: no page copied into SQLite's
	 * cache, no memory of its own for each page read), the file's bytes
	 * and this database's pages in the system's cache; written as
	 * always.  A merge again reads every row on both sides.
	 */
	if (circle_exec(db, "PRAGMA main.secure_delete = ON; "
	    "PRAGMA temp_store = MEMORY; PRAGMA main.mmap_size = "
	    MERGE_MMAP "; PRAGMA x.mmap_size = " MERGE_MMAP, e) == -1)
		goto out;
	/*
	 * Foreign keys are set outside a transaction: off for a merge that
	 * may copy attendance whole (m.bulk, circle_merge_check); on again
	 * if the database changed before the merge began, and after it in
	 * any case.  The tests compare it with the merge row by row
	 * ($CIRCLE_MERGE_ROW_BY_ROW).
	 */
	if ((journaled = merge_into_nothing(db, &m, e)) == -1 ||
	    (m.bulk && circle_exec(db, "PRAGMA foreign_keys = OFF", e) == -1))
		goto out;
	rc = circle_db_write(db, merge_checked_tx, &m, e);
	if (m.bulk && circle_exec(db, "PRAGMA foreign_keys = ON", e) == -1) {
		rc = -1;
		goto out;
	}
	if (rc == -1 && (m.bulk_lost || m.copy_lost)) {
		circle_err_clear(e);
		m.bulk = 0;
		rc = circle_db_write(db, merge_checked_tx, &m, e);
	}
	if (rc == -1) {
		/* A row the file cannot add here: the file's fault. */
		if (e->code == CIRCLE_EDATA && strncmp(e->msg, o->path,
		    strlen(o->path)) != 0)
			circle_err_prefix(e, "%s", o->path);
		goto out;
	}
	rc = 0;
out:
	if (journaled == 1)
		circle_db_wal_again(db);
	/* The file's checks end first: their refusal comes before the rest. */
	rc = circle_merge_checks_end(&m, rc, e);
	if (attached) {
		sqlite3_exec(db->h, "DROP TABLE IF EXISTS temp.st_grp; "
		    "DROP TABLE IF EXISTS temp.st_member; DROP TABLE IF EXISTS "
		    "temp.st_series; DROP TABLE IF EXISTS temp.st_session; "
		    "DROP TABLE IF EXISTS temp.st_ms; DROP TABLE IF EXISTS "
		    "temp.st_msgone; DROP TABLE IF EXISTS "
		    "temp.st_survey; DROP TABLE IF EXISTS temp.st_response; "
		    "DROP TABLE IF EXISTS temp.st_followup; DROP TABLE IF "
		    "EXISTS temp.st_rm; DROP TABLE IF EXISTS temp.x_sent", NULL,
		    NULL, NULL);
		sqlite3_exec(db->h, "DETACH x; PRAGMA main.mmap_size = 0",
		    NULL, NULL, NULL);
	}
	/* A failure is no verdict on a file someone wrote while it was read. */
	*lost = rc == -1 && (m.map_lost || !circle_merge_map_intact(&m));
	if (m.map_fd != -1)
		circle_merge_unmap(&m);
	else
		circle_unsealed_free(img, n);
	free(m.local);
	free(m.from);
	free(m.extracted_at);
	free(m.last_e);
	free(m.last_m);
	return rc;
}

int
circle_db_merge(struct circle_db *db, const struct circle_merge_opts *o,
    struct circle_merge_result *r, struct circle_err *e)
{
	int	rc, lost;

	rc = merge_file(db, o, r, 1, &lost, e);
	/* Written while it was read in place: read again, into memory. */
	if (rc == -1 && lost) {
		circle_merge_result_release(r);
		circle_err_clear(e);
		rc = merge_file(db, o, r, 0, &lost, e);
	}
	if (rc == 0 && (r->forgotten > 0 || r->unmerged > 0) && !o->dry_run &&
	    circle_db_checkpoint(db, e) == -1)
		return circle_err_prefix(e, "merged, but another circle "
		    "command kept the write-ahead log from being emptied of "
		    "the people forgotten; run 'circle db check' when nothing "
		    "else is running");
	return rc;
}
