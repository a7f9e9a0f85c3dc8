/*
 * test-db.c: what every connection circle_db_open() makes is set to: WAL and
 * full sync (nothing lost on power loss), foreign keys, a busy timeout, a
 * schema not trusted (trusted_schema off, defensive, no extensions), no
 * full-text index anywhere; and SQLite keeps no count of its memory.
 * RELIABILITY.md, "The database".
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "circle-priv.h"

static char	tmpdir[64];
static char	path[128];

static int
setup(void **state)
{
	const char	*t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/circle-db.XXXXXX",
	    t != NULL && *t != '\0' && strlen(t) < 32 ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof path, "%s/circle.db", tmpdir);
	return 0;
}

static int
teardown(void **state)
{
	char	p[160];

	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
	return rmdir(tmpdir);
}

static struct circle_db *
open_db(int flags)
{
	struct circle_db_opts	 o;
	struct circle_db	*db;
	struct circle_err	 e;

	memset(&o, 0, sizeof o);
	o.path = path;
	o.flags = flags;
	circle_err_clear(&e);
	if (circle_db_open(&db, &o, &e) == -1)
		fail_msg("open: %s", e.msg);
	return db;
}

/* The one value a pragma or query gives, as text. */
static char *
value(struct circle_db *db, const char *sql)
{
	sqlite3_stmt	*st;
	char		*v;

	assert_int_equal(sqlite3_prepare_v2(db->h, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static void
value_is(struct circle_db *db, const char *sql, const char *want)
{
	char	*v = value(db, sql);

	if (strcmp(v, want) != 0)
		fail_msg("%s: %s, want %s", sql, v, want);
	free(v);
}

static int
config(struct circle_db *db, int op)
{
	int	v = -1;

	assert_int_equal(sqlite3_db_config(db->h, op, -1, &v), SQLITE_OK);
	return v;
}

static void
settings_are_safe(struct circle_db *db)
{
	value_is(db, "PRAGMA journal_mode", "wal");
	value_is(db, "PRAGMA synchronous", "2");	/* FULL */
	value_is(db, "PRAGMA foreign_keys", "1");
	value_is(db, "PRAGMA trusted_schema", "0");
	value_is(db, "PRAGMA busy_timeout", "5000");
	assert_int_equal(config(db, SQLITE_DBCONFIG_DEFENSIVE), 1);
	assert_int_equal(config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION),
	    0);
}

static void
test_new(void **state)
{
	struct circle_db	*db = open_db(CIRCLE_DB_CREATE);

	settings_are_safe(db);
	circle_db_close(db);
}

/* Settings are the connection's: each open makes them again. */
static void
test_existing(void **state)
{
	struct circle_db	*db = open_db(0);

	settings_are_safe(db);
	circle_db_close(db);
	db = open_db(CIRCLE_DB_READONLY);
	value_is(db, "PRAGMA journal_mode", "wal");
	value_is(db, "PRAGMA foreign_keys", "1");
	value_is(db, "PRAGMA trusted_schema", "0");
	assert_int_equal(config(db, SQLITE_DBCONFIG_DEFENSIVE), 1);
	circle_db_close(db);
}

static void
test_foreign_keys_hold(void **state)
{
	struct circle_db	*db = open_db(0);
	int			 rc;

	rc = sqlite3_exec(db->h, "INSERT INTO membership (grp_id, member_id, "
	    "role, joined_on) VALUES (999, 999, 'member', '2026-01-01')",
	    NULL, NULL, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
	if (strstr(sqlite3_errmsg(db->h), "FOREIGN KEY") == NULL)
		fail_msg("not refused by a foreign key: %s",
		    sqlite3_errmsg(db->h));
	circle_db_close(db);
}

/* Defensive: the schema cannot be rewritten, even with writable_schema. */
static void
test_defensive(void **state)
{
	struct circle_db	*db = open_db(0);

	assert_int_equal(sqlite3_exec(db->h, "PRAGMA writable_schema = ON",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db->h, "UPDATE sqlite_schema SET "
	    "sql = sql WHERE name = 'member'", NULL, NULL, NULL), SQLITE_OK);
	circle_db_close(db);
}

/* FTS shadow tables keep deleted text: forget must be able to forget. */
static void
test_no_full_text_index(void **state)
{
	struct circle_db	*db = open_db(0);

	value_is(db, "SELECT count(*) FROM sqlite_schema WHERE "
	    "sql LIKE '%VIRTUAL TABLE%' OR name LIKE '%fts%'", "0");
	circle_db_close(db);
}

/*
 * A write tried again after its first attempt failed busy: what the first
 * found of undo (too large to keep, after circle_undo_expect) is not the
 * second's, which records its own changes.  It was carried over, and the
 * second attempt recorded nothing: no command row at all.
 */
static int
busy_then_small(struct circle_db *db, void *arg, struct circle_err *e)
{
	int	*attempt = arg;

	if ((*attempt)++ == 0) {
		circle_undo_expect(db, 1LL << 40);
		return circle_err_set(e, CIRCLE_EBUSY, "busy, once");
	}
	return circle_exec(db, "INSERT INTO network (key, value) VALUES "
	    "('test', 'one row')", e);
}

static void
test_retry_forgets_large(void **state)
{
	struct circle_db	*db = open_db(CIRCLE_DB_CREATE);
	struct circle_err	 e;
	char			*argv[] = { "one" };
	int			 attempt = 0;

	circle_err_clear(&e);
	circle_db_command(db, "test", 1, argv, 0);
	if (circle_db_write(db, busy_then_small, &attempt, &e) == -1)
		fail_msg("write: %s", e.msg);
	assert_int_equal(attempt, 2);
	value_is(db, "SELECT count(*) || ' ' || coalesce(min(undo), '-') FROM "
	    "command", "1 kept");
	circle_db_close(db);
}

/*
 * SQLite keeps no count of its memory (circle_sqlite_setup, each tool's
 * first call, this program's too): none after a database is opened and
 * written.  Called again once SQLite has begun, it changes nothing.  An
 * undo's size is its session's own count, not this one (undo.c).
 */
static void
test_no_memory_count(void **state)
{
	struct circle_db	*db;
	struct circle_err	 e;

	(void)state;
	circle_sqlite_setup();
	db = open_db(CIRCLE_DB_CREATE);
	circle_err_clear(&e);
	if (circle_exec(db, "CREATE TEMP TABLE t (x); INSERT INTO t VALUES "
	    "(randomblob(100000))", &e) == -1)
		fail_msg("write: %s", e.msg);
	assert_true(sqlite3_memory_used() == 0);
	assert_true(sqlite3_memory_highwater(0) == 0);
	circle_db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_existing),
		cmocka_unit_test(test_foreign_keys_hold),
		cmocka_unit_test(test_defensive),
		cmocka_unit_test(test_no_full_text_index),
		cmocka_unit_test(test_retry_forgets_large),
		cmocka_unit_test(test_no_memory_count),
	};

	circle_sqlite_setup();	/* before anything uses SQLite, as a tool */
	return cmocka_run_group_tests_name("db", tests, setup, teardown);
}
