/*
 * schema.c: the database schema as numbered migrations.  Each is applied in
 * its own transaction together with its PRAGMA user_version; never edit one
 * that has shipped, add the next.
 */
#include "config.h"

#include "circle-priv.h"
#include "report.h"

/* When a row was removed (migration 11): as updated_at, this clock. */
#define REMOVED_NOW	"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/*
 * A check-in response or follow-up removed (migration 11): by its uid,
 * about its person (none: anonymous); not when its session or person went
 * with it.
 */
#define REMOVED_ABOUT_SESSION(t) \
"CREATE TRIGGER " t "_removed AFTER DELETE ON " t "\n" \
"    WHEN EXISTS (SELECT 1 FROM session WHERE id = old.session_id) AND\n" \
"    (old.member_id IS NULL OR\n" \
"    EXISTS (SELECT 1 FROM member WHERE id = old.member_id)) BEGIN\n" \
"	INSERT OR REPLACE INTO removed (tbl, uid, member_uid, grp_uid, at)\n" \
"	    SELECT '" t "', old.uid, coalesce((SELECT uid FROM member\n" \
"	    WHERE id = old.member_id), ''), g.uid, " REMOVED_NOW "\n" \
"	    FROM session s, grp g WHERE s.id = old.session_id\n" \
"	    AND g.id = s.grp_id;\n" \
"END;\n"

/*
 * CHECKs are written with OR, not IN (...): SQLite 3.40 builds a temporary
 * b-tree for an IN list on every row inserted.
 */
const struct circle_migration circle_migrations[] = {
	{ 1,
"CREATE TABLE grp (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	handle		TEXT NOT NULL UNIQUE,\n"
"	name		TEXT NOT NULL,\n"
"	description	TEXT,\n"
"	location	TEXT,\n"
"	online_url	TEXT,\n"
"	tzid		TEXT NOT NULL DEFAULT 'UTC',\n"
"	duration	INTEGER NOT NULL DEFAULT 90 CHECK (duration > 0),\n"
"	checkin_survey	TEXT,\n"
"	checkout_survey	TEXT,\n"
"	archived_at	TEXT,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL\n"
");\n"
"CREATE TABLE member (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	handle		TEXT NOT NULL UNIQUE,\n"
"	display_name	TEXT NOT NULL,\n"
"	full_name	TEXT,\n"
"	pronouns	TEXT,\n"
"	email		TEXT,\n"
"	phone		TEXT,\n"
"	emergency	TEXT,\n"
"	consent		INTEGER CHECK (consent = 0 OR consent = 1),\n"
"	consent_on	TEXT,\n"
"	status		TEXT NOT NULL DEFAULT 'active'\n"
"			    CHECK (status = 'active' OR status = 'inactive'),\n"
"	notes		TEXT,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL\n"
");\n"
"CREATE INDEX member_email ON member (email COLLATE NOCASE)\n"
"    WHERE email IS NOT NULL;\n"
"CREATE INDEX member_name ON member (display_name COLLATE NOCASE);\n"
"CREATE TABLE membership (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	grp_id		INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE,\n"
"	member_id	INTEGER NOT NULL REFERENCES member (id)\n"
"			    ON DELETE CASCADE,\n"
"	role		TEXT NOT NULL DEFAULT 'member'\n"
"			    CHECK (role = 'member' OR role = 'facilitator' OR\n"
"			    role = 'guest'),\n"
"	joined_on	TEXT NOT NULL,\n"
"	left_on		TEXT,\n"
"	CHECK (left_on IS NULL OR left_on >= joined_on)\n"
");\n"
"CREATE INDEX membership_member ON membership (member_id);\n"
"CREATE INDEX membership_grp ON membership (grp_id, joined_on);\n"
"CREATE UNIQUE INDEX membership_current ON membership (grp_id, member_id)\n"
"    WHERE left_on IS NULL;\n"
"CREATE TABLE change_log (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	at		TEXT NOT NULL,\n"
"	tool		TEXT NOT NULL,\n"
"	action		TEXT NOT NULL,\n"
"	entity		TEXT NOT NULL,\n"
"	uid		TEXT,\n"
"	member_uid	TEXT,\n"
"	detail		TEXT\n"
");\n"
"CREATE INDEX change_log_member ON change_log (member_uid)\n"
"    WHERE member_uid IS NOT NULL;\n"
	},
	{ 2,
/*
 * A series is a schedule (an RRULE from a wall-clock start in a zone);
 * its sessions are materialised rows (through the date in "through", or
 * the rule's own end when that is NULL), each keeping the occurrence it
 * came from (recurrence_id) when moved.  A session is never deleted once it has
 * a record: cancelling keeps the row.
 */
"CREATE TABLE series (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	grp_id		INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE,\n"
"	key		TEXT NOT NULL,\n"
"	rrule		TEXT NOT NULL,\n"
"	dtstart		TEXT NOT NULL,\n"
"	tzid		TEXT NOT NULL,\n"
"	duration	INTEGER NOT NULL CHECK (duration > 0),\n"
"	exdates		TEXT,\n"
"	location	TEXT,\n"
"	topic		TEXT,\n"
"	through		TEXT,\n"
"	sequence	INTEGER NOT NULL DEFAULT 0,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL,\n"
"	UNIQUE (grp_id, key)\n"
");\n"
"CREATE TABLE session (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	grp_id		INTEGER NOT NULL REFERENCES grp (id) ON DELETE CASCADE,\n"
"	series_id	INTEGER REFERENCES series (id) ON DELETE SET NULL,\n"
"	recurrence_id	TEXT,\n"
"	starts_at	TEXT NOT NULL,\n"
"	ends_at		TEXT NOT NULL,\n"
"	local_start	TEXT NOT NULL,\n"
"	tzid		TEXT NOT NULL,\n"
"	location	TEXT,\n"
"	topic		TEXT,\n"
"	status		TEXT NOT NULL DEFAULT 'scheduled' CHECK (\n"
"			    status = 'scheduled' OR status = 'held' OR\n"
"			    status = 'cancelled' OR status = 'not_held'),\n"
"	cancel_reason	TEXT,\n"
"	headcount	INTEGER CHECK (headcount >= 0),\n"
"	notes		TEXT,\n"
"	sequence	INTEGER NOT NULL DEFAULT 0,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL,\n"
"	CHECK (ends_at > starts_at),\n"
"	UNIQUE (series_id, recurrence_id)\n"
");\n"
"CREATE INDEX session_grp_start ON session (grp_id, starts_at);\n"
"CREATE INDEX session_start ON session (starts_at);\n"
"CREATE INDEX session_local ON session (local_start);\n"
	},
	{ 3,
/*
 * Attendance: one row per person and session.  A held session's expected
 * member (in the group that day, not a guest, active) with no row was
 * absent; a past session with no rows and no headcount is unrecorded.
 */
"CREATE TABLE attendance (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	session_id	INTEGER NOT NULL REFERENCES session (id)\n"
"			    ON DELETE CASCADE,\n"
"	member_id	INTEGER NOT NULL REFERENCES member (id)\n"
"			    ON DELETE CASCADE,\n"
"	status		TEXT NOT NULL CHECK (status = 'present' OR\n"
"			    status = 'late' OR status = 'left_early' OR\n"
"			    status = 'excused' OR status = 'absent'),\n"
"	note		TEXT,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL,\n"
"	UNIQUE (session_id, member_id)\n"
");\n"
"CREATE INDEX attendance_member ON attendance (member_id, session_id);\n"
"CREATE INDEX session_grp_status ON session (grp_id, status, starts_at);\n"
/*
 * Who was expected at each held session, and what was recorded for them
 * (mark NULL: no row, which at a held session means absent).  A session
 * with only a headcount says nothing of who came: it is left out.  Every
 * report counts from this one definition.
 */
"CREATE VIEW expected AS\n"
"SELECT s.id AS session_id, s.grp_id AS grp_id, p.member_id AS member_id,\n"
"    substr(s.local_start, 1, 10) AS day, s.starts_at AS starts_at,\n"
"    a.status AS mark\n"
"FROM session s\n"
"JOIN membership p ON p.grp_id = s.grp_id AND p.role != 'guest'\n"
"    AND p.joined_on <= substr(s.local_start, 1, 10)\n"
"    AND (p.left_on IS NULL OR p.left_on > substr(s.local_start, 1, 10))\n"
"JOIN member m ON m.id = p.member_id AND m.status = 'active'\n"
"LEFT JOIN attendance a ON a.session_id = s.id AND a.member_id = p.member_id\n"
"WHERE s.status = 'held' AND (s.headcount IS NULL OR EXISTS\n"
"    (SELECT 1 FROM attendance n WHERE n.session_id = s.id));\n"
	},
	{ 4,
/*
 * Surveys, their responses and the follow-ups flags open.  A survey row is
 * one version of a survey file (source keeps its YAML); the file is parsed
 * again when it is used, and its questions are kept here too for SQL.
 * Changing a survey that has responses adds a version: old responses keep
 * theirs.  A response with no member is anonymous.  Answers hang off their
 * response; deleting a member deletes their responses, answers and
 * follow-ups (forget).
 */
"CREATE TABLE survey (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	key		TEXT NOT NULL,\n"
"	version		INTEGER NOT NULL CHECK (version > 0),\n"
"	title		TEXT NOT NULL,\n"
"	phase		TEXT NOT NULL CHECK (phase = 'checkin' OR\n"
"			    phase = 'checkout'),\n"
"	source		TEXT NOT NULL,\n"
"	digest		TEXT NOT NULL,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL,\n"
"	UNIQUE (key, version)\n"
");\n"
"CREATE TABLE question (\n"
"	survey_id	INTEGER NOT NULL REFERENCES survey (id)\n"
"			    ON DELETE CASCADE,\n"
"	pos		INTEGER NOT NULL,\n"
"	key		TEXT NOT NULL,\n"
"	kind		TEXT NOT NULL CHECK (kind = 'scale' OR kind = 'yesno'\n"
"			    OR kind = 'choice' OR kind = 'number' OR\n"
"			    kind = 'text'),\n"
"	prompt		TEXT NOT NULL,\n"
"	required	INTEGER NOT NULL CHECK (required = 0 OR required = 1),\n"
"	min		REAL,\n"
"	max		REAL,\n"
"	scored		INTEGER NOT NULL DEFAULT 0,\n"
"	reverse		INTEGER NOT NULL DEFAULT 0,\n"
"	PRIMARY KEY (survey_id, key),\n"
"	UNIQUE (survey_id, pos)\n"
");\n"
"CREATE TABLE response (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	survey_id	INTEGER NOT NULL REFERENCES survey (id),\n"
"	session_id	INTEGER NOT NULL REFERENCES session (id)\n"
"			    ON DELETE CASCADE,\n"
"	member_id	INTEGER REFERENCES member (id) ON DELETE CASCADE,\n"
"	phase		TEXT NOT NULL CHECK (phase = 'checkin' OR\n"
"			    phase = 'checkout'),\n"
"	taken_at	TEXT NOT NULL,\n"
"	score		REAL,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL\n"
");\n"
"CREATE INDEX response_session ON response (session_id);\n"
"CREATE INDEX response_member ON response (member_id, taken_at)\n"
"    WHERE member_id IS NOT NULL;\n"
"CREATE INDEX response_survey ON response (survey_id);\n"
"CREATE TABLE answer (\n"
"	response_id	INTEGER NOT NULL REFERENCES response (id)\n"
"			    ON DELETE CASCADE,\n"
"	question	TEXT NOT NULL,\n"
"	num		REAL,\n"
"	text		TEXT,\n"
"	CHECK (num IS NOT NULL OR text IS NOT NULL),\n"
"	PRIMARY KEY (response_id, question)\n"
");\n"
"CREATE TABLE followup (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	uid		TEXT NOT NULL UNIQUE,\n"
"	member_id	INTEGER REFERENCES member (id) ON DELETE CASCADE,\n"
"	session_id	INTEGER NOT NULL REFERENCES session (id)\n"
"			    ON DELETE CASCADE,\n"
"	response_id	INTEGER REFERENCES response (id) ON DELETE SET NULL,\n"
"	flag		TEXT NOT NULL,\n"
"	reason		TEXT NOT NULL,\n"
"	status		TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR\n"
"			    status = 'done' OR status = 'dismissed' OR\n"
"			    status = 'withdrawn'),\n"
"	note		TEXT,\n"
"	created_at	TEXT NOT NULL,\n"
"	updated_at	TEXT NOT NULL,\n"
"	closed_at	TEXT\n"
");\n"
"CREATE INDEX followup_open ON followup (status, created_at);\n"
"CREATE INDEX followup_member ON followup (member_id)\n"
"    WHERE member_id IS NOT NULL;\n"
"CREATE INDEX followup_response ON followup (response_id)\n"
"    WHERE response_id IS NOT NULL;\n"
"CREATE INDEX followup_session ON followup (session_id);\n"
	},
	{ 5,
/*
 * Commands: each command that writes is one row (its tool, verb and the
 * words after the verb as typed), and its change-log rows point to it.
 * What it changed, an SQLite changeset, is its undo data, in a table of
 * its own that dumps leave out and forget scrubs (lib/undo.c).  undo says
 * what became of that data: kept, none (made before there was any),
 * large (too many changes to keep), forgotten (someone in it was
 * forgotten) or never (forget).  The change log written before this is
 * grouped into commands by tool and second.  A change-log row's command
 * is no foreign key: forget removes a command only about the person
 * before the rows about them.
 */
"CREATE TABLE command (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	at		TEXT NOT NULL,\n"
"	tool		TEXT NOT NULL,\n"
"	verb		TEXT,\n"
"	args		TEXT,\n"
"	undo		TEXT NOT NULL DEFAULT 'none' CHECK (undo = 'kept' OR\n"
"			    undo = 'none' OR undo = 'large' OR\n"
"			    undo = 'forgotten' OR undo = 'never'),\n"
"	undoes		INTEGER REFERENCES command (id) ON DELETE SET NULL,\n"
"	undone_by	INTEGER REFERENCES command (id) ON DELETE SET NULL\n"
");\n"
"CREATE INDEX command_undoes ON command (undoes) WHERE undoes IS NOT NULL;\n"
"CREATE INDEX command_undone_by ON command (undone_by)\n"
"    WHERE undone_by IS NOT NULL;\n"
"CREATE TABLE undo_data (\n"
"	command_id	INTEGER PRIMARY KEY REFERENCES command (id)\n"
"			    ON DELETE CASCADE,\n"
"	changes		BLOB NOT NULL\n"
");\n"
"ALTER TABLE change_log ADD COLUMN command_id INTEGER;\n"
"CREATE INDEX command_at_tool ON command (at, tool);\n"
"INSERT INTO command (at, tool) SELECT at, tool FROM change_log\n"
"    GROUP BY at, tool ORDER BY min(id);\n"
"UPDATE change_log SET command_id = (SELECT c.id FROM command c\n"
"    WHERE c.at = change_log.at AND c.tool = change_log.tool);\n"
"DROP INDEX command_at_tool;\n"
"CREATE INDEX change_log_command ON change_log (command_id);\n"
	},
	{ 6,
/*
 * The files circle wrote that may hold people (written.c): the absolute
 * path and when, nothing of what is in them, so that forget can say where
 * a person may still be.  It holds no names (forget drops a path that
 * names the person), is not in dumps, and is not about the data: no
 * change log.
 */
"CREATE TABLE written_file (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	path		TEXT NOT NULL UNIQUE,\n"
"	kind		TEXT NOT NULL CHECK (kind = 'backup' OR kind = 'dump' OR\n"
"			    kind = 'xlsx' OR kind = 'signin' OR kind = 'csv' OR\n"
"			    kind = 'extract'),\n"
"	written_at	TEXT NOT NULL\n"
");\n"
"CREATE INDEX written_file_at ON written_file (written_at);\n"
	},
	{ 7,
/*
 * A network of groups (circle db extract and merge).  network: this
 * database's own id ("origin", made by its first extract or merge) and
 * what it last merged from each other one; in an extract, the id of the
 * database it was made from and what it holds.  grp_origin: the database a
 * group belongs to when that is not this one.  forgotten: the uids of
 * people forgotten here, and when (a uid names no one), so that extracts
 * carry them and no merge brings them back; written by the one place that
 * erases a person (roster.c's circle_member_erase: not a trigger, so that
 * undoing an add is no forget); a person added again under the same uid is
 * no longer forgotten.
 */
"CREATE TABLE network (\n"
"	key		TEXT PRIMARY KEY,\n"
"	value		TEXT NOT NULL\n"
");\n"
"CREATE TABLE grp_origin (\n"
"	grp_id		INTEGER PRIMARY KEY REFERENCES grp (id)\n"
"			    ON DELETE CASCADE,\n"
"	origin		TEXT NOT NULL\n"
");\n"
"CREATE TABLE forgotten (\n"
"	uid		TEXT PRIMARY KEY,\n"
"	at		TEXT NOT NULL\n"
");\n"
"CREATE TRIGGER member_unforgotten AFTER INSERT ON member BEGIN\n"
"	DELETE FROM forgotten WHERE uid = new.uid;\n"
"END;\n"
	},
	{ 8,
/*
 * Names as every input path stores them now (CIRCLE_SQL_CLEAN_NAMES: NFC,
 * white space squeezed), so that a name typed on a Mac before is the same
 * bytes as one typed on Windows; when they were changed is left as it was
 * (the same name, spelt as circle spells it).  member.name_fold: the
 * display name folded (text.c's circle_name_fold, SQL's circle_fold),
 * indexed, so that a person is found by a folded name without folding
 * every row; it serves where the name's own index (member_name, dropped:
 * one index more on every insert costs an import a fifth of its time)
 * did.  NULL there means not folded yet: a row written by another
 * program (the sqlite3 shell, tests/bench/gen-large.sh), or whose name
 * another program changed (the trigger), which circle folds before its
 * next write (db.c) and on the fly until then.  circle_clean and
 * circle_fold are circle's own functions (db.c gives them to every
 * connection): here in the migration, never in the schema, which the
 * sqlite3 shell can still read and write.
 */
CIRCLE_SQL_CLEAN_NAMES
"ALTER TABLE member ADD COLUMN name_fold TEXT;\n"
"UPDATE member SET name_fold = circle_fold(display_name);\n"
"CREATE INDEX member_name_fold ON member (name_fold);\n"
"DROP INDEX member_name;\n"
"CREATE TRIGGER member_name_unfolded AFTER UPDATE OF display_name ON member\n"
"    WHEN new.display_name IS NOT old.display_name AND\n"
"    new.name_fold IS old.name_fold BEGIN\n"
"	UPDATE member SET name_fold = NULL WHERE id = new.id;\n"
"END;\n"
	},
	{ 9,
/*
 * The expected view of migration 3, the same rule word for word, made of
 * the fragments grid.c shares (report.h, SQL_EXPECTED) so that it cannot
 * drift from the grid's; only its line breaks differ.  No data changes.
 */
"DROP VIEW expected;\n"
"CREATE VIEW expected AS\n" SQL_EXPECTED ";\n"
	},
	{ 10,
/*
 * member_unforgotten (migration 7) goes: circle never inserts a person
 * under a uid that is forgotten (roster.c makes a new uid for everyone it
 * adds; a merge leaves forgotten uids out; an undo takes back a command's
 * forgotten row with the rest of what it wrote), so it did nothing,
 * and it made every insert into member a statement of two tables, with a
 * statement journal: a sixth of a 10,000-person import's time.
 */
"DROP TRIGGER member_unforgotten;\n"
	},
	{ 11,
/*
 * Rows removed here other than by a forget, so that a merge removes them
 * too (extract.c carries them, mergeremoved.c applies them): uids only,
 * never a name or note, and when (this clock).  A row with a uid is
 * known by it (tbl, uid); attendance by its session's and person's uids,
 * a membership by its group's and person's and the day it began (since).
 * member_uid: the person a row is about, so that forget (roster.c's
 * circle_member_erase) takes these with the rest; grp_uid: the group it
 * was in ('' for a person), for extracts of some groups.  Written by the
 * triggers below, on every path that deletes (undo, a replan, the sqlite3
 * shell); a row removed with its group, session or person leaves none of
 * its own: the parent's covers it (a cascade runs once the parent is
 * gone).  A row that comes back (an undo of the removal, a mark made
 * again) makes its tombstone void, not deleted: an insert trigger would
 * cost every import and merge SQLite's copy of whole tables.
 * removed_gone is the one rule of which are in force.  Not undo data
 * (undo.c): the triggers write it again on every undo.
 */
"CREATE TABLE removed (\n"
"	id		INTEGER PRIMARY KEY,\n"
"	tbl		TEXT NOT NULL CHECK (tbl = 'grp' OR tbl = 'series' OR\n"
"			    tbl = 'session' OR tbl = 'member' OR\n"
"			    tbl = 'membership' OR tbl = 'attendance' OR\n"
"			    tbl = 'response' OR tbl = 'followup'),\n"
"	uid		TEXT NOT NULL,\n"
"	member_uid	TEXT NOT NULL DEFAULT '',\n"
"	since		TEXT NOT NULL DEFAULT '',\n"
"	grp_uid		TEXT NOT NULL,\n"
"	at		TEXT NOT NULL,\n"
"	UNIQUE (tbl, uid, member_uid, since)\n"
");\n"
"CREATE INDEX removed_member ON removed (member_uid)\n"
"    WHERE member_uid != '';\n"
"CREATE TRIGGER grp_removed AFTER DELETE ON grp BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, grp_uid, at)\n"
"	    VALUES ('grp', old.uid, old.uid, " REMOVED_NOW ");\n"
"END;\n"
"CREATE TRIGGER series_removed AFTER DELETE ON series\n"
"    WHEN EXISTS (SELECT 1 FROM grp WHERE id = old.grp_id) BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, grp_uid, at)\n"
"	    SELECT 'series', old.uid, uid, " REMOVED_NOW "\n"
"	    FROM grp WHERE id = old.grp_id;\n"
"END;\n"
"CREATE TRIGGER session_removed AFTER DELETE ON session\n"
"    WHEN EXISTS (SELECT 1 FROM grp WHERE id = old.grp_id) BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, grp_uid, at)\n"
"	    SELECT 'session', old.uid, uid, " REMOVED_NOW "\n"
"	    FROM grp WHERE id = old.grp_id;\n"
"END;\n"
"CREATE TRIGGER member_removed AFTER DELETE ON member BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, member_uid, grp_uid, at)\n"
"	    VALUES ('member', old.uid, old.uid, '', " REMOVED_NOW ");\n"
"END;\n"
"CREATE TRIGGER membership_removed AFTER DELETE ON membership\n"
"    WHEN EXISTS (SELECT 1 FROM grp WHERE id = old.grp_id) AND\n"
"    EXISTS (SELECT 1 FROM member WHERE id = old.member_id) BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, member_uid, since,\n"
"	    grp_uid, at) SELECT 'membership', g.uid, m.uid, old.joined_on,\n"
"	    g.uid, " REMOVED_NOW " FROM grp g, member m\n"
"	    WHERE g.id = old.grp_id AND m.id = old.member_id;\n"
"END;\n"
"CREATE TRIGGER attendance_removed AFTER DELETE ON attendance\n"
"    WHEN EXISTS (SELECT 1 FROM session WHERE id = old.session_id) AND\n"
"    EXISTS (SELECT 1 FROM member WHERE id = old.member_id) BEGIN\n"
"	INSERT OR REPLACE INTO removed (tbl, uid, member_uid, grp_uid, at)\n"
"	    SELECT 'attendance', s.uid, m.uid, g.uid, " REMOVED_NOW "\n"
"	    FROM session s, grp g, member m WHERE s.id = old.session_id\n"
"	    AND g.id = s.grp_id AND m.id = old.member_id;\n"
"END;\n"
REMOVED_ABOUT_SESSION("response")
REMOVED_ABOUT_SESSION("followup")
/*
 * Which removals are in force: those whose row is not here (again).
 */
"CREATE VIEW removed_gone AS SELECT r.* FROM removed r WHERE CASE r.tbl\n"
"    WHEN 'grp' THEN NOT EXISTS (SELECT 1 FROM grp WHERE uid = r.uid)\n"
"    WHEN 'series' THEN NOT EXISTS (SELECT 1 FROM series WHERE uid = r.uid)\n"
"    WHEN 'session' THEN NOT EXISTS (SELECT 1 FROM session\n"
"	WHERE uid = r.uid)\n"
"    WHEN 'member' THEN NOT EXISTS (SELECT 1 FROM member WHERE uid = r.uid)\n"
"    WHEN 'response' THEN NOT EXISTS (SELECT 1 FROM response\n"
"	WHERE uid = r.uid)\n"
"    WHEN 'followup' THEN NOT EXISTS (SELECT 1 FROM followup\n"
"	WHERE uid = r.uid)\n"
"    WHEN 'attendance' THEN NOT EXISTS (SELECT 1 FROM attendance a\n"
"	JOIN session s ON s.id = a.session_id JOIN member m\n"
"	ON m.id = a.member_id WHERE s.uid = r.uid AND m.uid = r.member_uid)\n"
"    ELSE NOT EXISTS (SELECT 1 FROM membership p JOIN grp g\n"
"	ON g.id = p.grp_id JOIN member m ON m.id = p.member_id\n"
"	WHERE g.uid = r.uid AND m.uid = r.member_uid AND\n"
"	p.joined_on = r.since) END;\n"
	},
	{ 12,
/*
 * A session's and a series' own online link (a Teams, Meet or Zoom
 * meeting a calendar names), beside their own place: NULL, the series'
 * or the group's, as location is.
 */
"ALTER TABLE series ADD COLUMN online_url TEXT;\n"
"ALTER TABLE session ADD COLUMN online_url TEXT;\n"
	},
	{ 13,
/*
 * Records made one here by circle roster merge (rostermerge.c): the uid
 * merged away (forgotten too, so that no merge adds it again), the uid it
 * was made one with (keep_uid), so that a merge brings what another
 * database records under the first to the second (mergeaway.c); taken:
 * the columns of the kept record filled from the one merged away (names
 * separated by spaces), notes_at: the length of its notes before the
 * other's were added (NULL: none added), so that what came of it goes
 * when its database forgets it.  Uids only; an extract holds uid and
 * keep_uid alone, where the kept record travels, and the uid merged away
 * not among its forgotten (extract.c), so that a database holding it
 * keeps it (mergeaway.c lists the two there).
 */
"CREATE TABLE merged_away (\n"
"	uid		TEXT PRIMARY KEY,\n"
"	keep_uid	TEXT NOT NULL,\n"
"	taken		TEXT NOT NULL DEFAULT '',\n"
"	notes_at	INTEGER,\n"
"	at		TEXT NOT NULL\n"
");\n"
"CREATE INDEX merged_away_keep ON merged_away (keep_uid);\n"
	},
	{ 14,
/*
 * What the kept record took of the one merged away, as values, not as
 * the names of the columns (taken) and where its notes began (notes_at):
 * a detail goes at the forget only while it is still the one taken, and
 * notes only while the text taken is still in them (mergeaway.c), so
 * that what the kept record's database wrote since stays.  NULL: not
 * taken.  Copies of the forgotten record's details: deleted with the
 * pairing (its forget there, a forget here of the record kept), never
 * in an extract (extract.c).  A pairing made before takes the kept
 * record's values now, as the forget then took them, but its notes only
 * up to where those of a pairing made later into the same record began
 * (notes_at; at one place, the one made first has the text): each
 * forget takes its own record's words, not those of the next.
 */
"ALTER TABLE merged_away ADD COLUMN full_name TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN pronouns TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN email TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN phone TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN emergency TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN consent INTEGER;\n"
"ALTER TABLE merged_away ADD COLUMN consent_on TEXT;\n"
"ALTER TABLE merged_away ADD COLUMN notes TEXT;\n"
"UPDATE merged_away AS w SET\n"
"    full_name = iif(instr(' ' || w.taken || ' ', ' full_name '),\n"
"	k.full_name, NULL),\n"
"    pronouns = iif(instr(' ' || w.taken || ' ', ' pronouns '),\n"
"	k.pronouns, NULL),\n"
"    email = iif(instr(' ' || w.taken || ' ', ' email '), k.email, NULL),\n"
"    phone = iif(instr(' ' || w.taken || ' ', ' phone '), k.phone, NULL),\n"
"    emergency = iif(instr(' ' || w.taken || ' ', ' emergency '),\n"
"	k.emergency, NULL),\n"
"    consent = iif(instr(' ' || w.taken || ' ', ' consent '),\n"
"	k.consent, NULL),\n"
"    consent_on = iif(instr(' ' || w.taken || ' ', ' consent_on '),\n"
"	k.consent_on, NULL),\n"
"    notes = CASE WHEN w.notes_at IS NULL THEN NULL ELSE\n"
"	nullif(substr(k.notes, iif(w.notes_at = 0, 1, w.notes_at + 2),\n"
"	max(0, coalesce((SELECT min(n.notes_at) FROM merged_away n\n"
"	WHERE n.keep_uid = w.keep_uid AND n.uid != w.uid AND\n"
"	(n.notes_at > w.notes_at OR (n.notes_at = w.notes_at AND\n"
"	n.at < w.at))), length(k.notes)) + 1 -\n"
"	iif(w.notes_at = 0, 1, w.notes_at + 2))), '') END\n"
"    FROM member k WHERE k.uid = w.keep_uid;\n"
"ALTER TABLE merged_away DROP COLUMN taken;\n"
"ALTER TABLE merged_away DROP COLUMN notes_at;\n"
	},
	{ 15,
/*
 * A forget reaches every database a record kept went to (mergeaway.c).
 * forgotten.origin: the database that forgot the person (its network
 * origin, as grp_origin names one; NULL: this one, or in an extract the
 * file's own); keep_uid: the record they had been made one with (circle
 * roster merge), when that forget ended a pairing: its rows in the
 * groups of origin go, once (a uid already forgotten here is no new
 * statement); kept_here: 1 when that pairing was made here, so that a
 * pseudonymized extract goes on sending the kept record under its
 * derived uid (extractkeep.c), as before the forget.  merged_away.origin:
 * the database that made the pairing, when another (NULL: here): a merge
 * stores the file's pairings of records it holds, with the values taken
 * that the kept record as sent still holds (extract.c sends them now),
 * so that it does at the forget what that database did, and sends them
 * on.  Uids and databases' ids only: nothing that names anyone.
 */
"ALTER TABLE forgotten ADD COLUMN origin TEXT;\n"
"ALTER TABLE forgotten ADD COLUMN keep_uid TEXT;\n"
"ALTER TABLE forgotten ADD COLUMN kept_here INTEGER NOT NULL DEFAULT 0\n"
"    CHECK (kept_here = 0 OR kept_here = 1);\n"
"ALTER TABLE merged_away ADD COLUMN origin TEXT;\n"
	},
};

const size_t circle_nmigrations =
    sizeof circle_migrations / sizeof circle_migrations[0];
