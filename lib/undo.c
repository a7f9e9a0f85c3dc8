/*
 * undo.c: every command that writes is one row of the command table, and
 * what it changed is kept as its undo data: an SQLite changeset recorded
 * by the session extension around each write transaction (db.c calls in
 * here from circle_db_write, the one place every write passes), with
 * the tables it is recorded in, children first.  Undo, and forget's scrub
 * of undo data, are undoapply.c's.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "undodata.h"

/*
 * Undo data of one command is kept up to this much memory while it runs
 * (100,000 new rows take 8 to 16); a bigger command keeps none, and says so.
 * $CIRCLE_UNDO_MAX_BYTES sets another limit, for the tests.
 */
#define UNDO_MAX_BYTES		(32 * 1024 * 1024)
#define UNDO_PROGRESS_OPS	20000	/* VM steps between size checks */
#define UNDO_ROW_MIN_BYTES	80	/* the least a new row takes */

struct circle_undo *
circle_undo_of(struct circle_db *db)
{
	if (db->undo == NULL)
		db->undo = circle_xcalloc(1, sizeof *db->undo);
	return db->undo;
}

void
circle_undo_free(struct circle_undo *u)
{
	size_t	i, j;

	if (u == NULL)
		return;
	if (u->s != NULL)
		sqlite3session_delete(u->s);
	for (i = 0; i < u->ntables; i++) {
		free(u->tables[i].name);
		for (j = 0; j < u->tables[i].npk; j++)
			free(u->tables[i].pk[j]);
		free(u->tables[i].pk);
	}
	free(u->tables);
	for (i = 0; i < u->nfks; i++)
		free(u->fks[i].colname);
	free(u->fks);
	free(u->verb);
	free(u->args);
	free(u);
}

/* An option whose value is a secret: its value is never recorded. */
static int
secret_option(const char *w)
{
	return strncmp(w, "--pass", 6) == 0 && strstr(w, "-file") == NULL;
}

/*
 * A word as a terminal may show it (text.c): control characters and bytes
 * that are not UTF-8 written out, so that a dump of it loads again.
 */
static json_t *
word_json(const char *w)
{
	json_t	*j;
	char	*v;

	v = circle_text_visible(w);
	j = json_string(v);
	free(v);
	return j != NULL ? j : json_string("?");
}

/*
 * The command this connection runs: its verb and the words after it as
 * typed (the value of a --pass... option left out).  Its writes are
 * recorded from now on, unless flags has CIRCLE_CMD_NOUNDO.
 */
void
circle_db_command(struct circle_db *db, const char *verb, int argc,
    char *const *argv, int flags)
{
	struct circle_undo	*u = circle_undo_of(db);
	json_t			*a;
	const char		*eq;
	char			*w;
	int			 i, hide = 0;

	free(u->verb);
	free(u->args);
	u->verb = verb != NULL ? circle_xstrdup(verb) : NULL;
	a = json_array();
	for (i = 0; i < argc; i++) {
		eq = strchr(argv[i], '=');
		if (hide)
			json_array_append_new(a, json_string("(secret)"));
		else if (secret_option(argv[i]) && eq != NULL) {
			circle_xasprintf(&w, "%.*s=(secret)",
			    (int)(eq - argv[i]), argv[i]);
			json_array_append_new(a, word_json(w));
			free(w);
		} else
			json_array_append_new(a, word_json(argv[i]));
		hide = !hide && secret_option(argv[i]) && eq == NULL;
	}
	u->args = json_dumps(a, JSON_COMPACT);
	json_decref(a);
	u->declared = 1;
	u->flags = flags;
	u->cmd_id = 0;
	u->cmd_new = u->never = u->large = 0;
}

static long long
max_bytes(void)
{
	const char	*s = getenv("CIRCLE_UNDO_MAX_BYTES");
	long long	 n;

	if (s != NULL && (n = strtoll(s, NULL, 10)) > 0)
		return n;
	return UNDO_MAX_BYTES;
}

/* Past the limit, the session stops recording: the command is large. */
static int
watch_size(void *arg)
{
	struct circle_undo	*u = arg;

	if (u->s != NULL && !u->large &&
	    sqlite3session_memory_used(u->s) > u->max) {
		sqlite3session_enable(u->s, 0);
		u->large = 1;
	}
	return 0;
}

/*
 * A command about to add n rows: when even their least undo data is past
 * the limit, it is large from now on, without the cost of recording
 * what would not be kept.  Its session is let go, not only disabled: a
 * disabled one is still called before every row written (221 M
 * instructions of a first merge's million rows); whether it held
 * anything is kept for circle_undo_end.
 */
void
circle_undo_expect(struct circle_db *db, long long n)
{
	struct circle_undo	*u = db->undo;

	if (u != NULL && u->s != NULL && !u->large &&
	    n > u->max / UNDO_ROW_MIN_BYTES) {
		u->large = 1;
		u->held = !sqlite3session_isempty(u->s);
		u->dropped = 1;
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
		sqlite3session_delete(u->s);
		u->s = NULL;
	}
}

/*
 * The database's own bookkeeping written within a command (its id, made
 * the first time it is asked for): not the command's change, so not
 * undone with it, and no command to undo when it is all there is.
 */
void
circle_undo_pause(struct circle_db *db, int paused)
{
	struct circle_undo	*u = db->undo;

	if (u != NULL && u->s != NULL && !u->large)
		sqlite3session_enable(u->s, !paused);
}

/* At BEGIN: record the changes of a declared command. */
int
circle_undo_begin(struct circle_db *db, struct circle_err *e)
{
	struct circle_undo	*u = db->undo;
	size_t			 i;

	if (u != NULL) {
		u->never_was = u->never;
		u->large_was = u->large;
	}
	if (u == NULL || !u->declared || (u->flags & CIRCLE_CMD_NOUNDO) ||
	    u->never || u->large)
		return 0;
	if (circle_undo_load_tables(db, u, e) == -1)
		return -1;
	if (sqlite3session_create(db->h, "main", &u->s) != SQLITE_OK) {
		u->s = NULL;
		return circle_err_set(e, CIRCLE_EIO, "%s: cannot record "
		    "changes for undo", db->path);
	}
	/* Attached children first: an inverted changeset deletes them
	 * before their parents, so no cascade does it behind its back. */
	for (i = 0; i < u->ntables; i++)
		if (sqlite3session_attach(u->s, u->tables[i].name) !=
		    SQLITE_OK)
			return circle_err_set(e, CIRCLE_EIO, "%s: cannot record "
			    "changes of %s", db->path, u->tables[i].name);
	u->max = max_bytes();
	sqlite3_progress_handler(db->h, UNDO_PROGRESS_OPS, watch_size, u);
	return 0;
}

int
circle_undo_command_id(struct circle_db *db, long long *id,
    struct circle_err *e)
{
	static const char sql[] = "INSERT INTO command (at, tool, verb, "
	    "args) VALUES (?, ?, ?, ?)";
	struct circle_undo	*u = db->undo;
	sqlite3_stmt		*st;
	char			 now[21];

	*id = 0;
	if (u == NULL || !u->declared)
		return 0;
	if (u->cmd_id != 0) {
		*id = u->cmd_id;
		return 0;
	}
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_now_utc(now);
	circle_bind_text(st, 1, now);
	circle_bind_text(st, 2, db->tool);
	circle_bind_text(st, 3, u->verb);
	circle_bind_text(st, 4, u->never ? NULL : u->args);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	*id = u->cmd_id = sqlite3_last_insert_rowid(db->h);
	u->cmd_new = 1;
	return 0;
}

/* Run sql with ?1 the command's id. */
static int
command_exec(struct circle_db *db, const char *sql, long long id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return circle_exec_stmt(db, st, e);
}

/* The changeset kept for command id, joined with this one's. */
static int
keep_changes(struct circle_db *db, long long id, int n, void *p,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	void		*all = NULL;
	int		 nall = 0, rc;

	if ((st = circle_prepare(db, "SELECT changes FROM undo_data WHERE "
	    "command_id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* A second transaction of one command: one changeset. */
		if (sqlite3changeset_concat(sqlite3_column_bytes(st, 0),
		    (void *)sqlite3_column_blob(st, 0), n, p, &nall, &all) !=
		    SQLITE_OK) {
			sqlite3_finalize(st);
			return circle_err_set(e, CIRCLE_EIO, "%s: cannot keep "
			    "the changes for undo", db->path);
		}
		n = nall;
		p = all;
	} else if (circle_step_ok(db, rc, "undo data", e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if ((st = circle_prepare(db, "INSERT INTO undo_data (command_id, "
	    "changes) VALUES (?1, ?2) ON CONFLICT (command_id) DO UPDATE SET "
	    "changes = ?2", e)) == NULL) {
		sqlite3_free(all);
		return -1;
	}
	sqlite3_bind_int64(st, 1, id);
	/* Static: p outlives the step (a large import's is megabytes). */
	sqlite3_bind_blob(st, 2, p, n, SQLITE_STATIC);
	rc = circle_exec_stmt(db, st, e);
	sqlite3_free(all);
	if (rc == -1)
		return -1;
	return command_exec(db, "UPDATE command SET undo = 'kept' WHERE "
	    "id = ?1", id, e);
}

/* Before COMMIT: the command's row has its undo data, or says why not. */
int
circle_undo_end(struct circle_db *db, struct circle_err *e)
{
	struct circle_undo	*u = db->undo;
	long long		 id;
	void			*p = NULL;
	int			 n = 0, rc;

	if (u == NULL || (u->s == NULL && !u->dropped))
		return 0;
	sqlite3_progress_handler(db->h, 0, NULL, NULL);
	watch_size(u);
	if (u->never || u->large) {
		if (u->cmd_id == 0 && (u->s != NULL ?
		    !sqlite3session_isempty(u->s) : u->held) &&
		    circle_undo_command_id(db, &id, e) == -1)
			return -1;
		if (u->cmd_id == 0)
			return 0;
		if (command_exec(db, "DELETE FROM undo_data WHERE "
		    "command_id = ?1", u->cmd_id, e) == -1)
			return -1;
		return command_exec(db, u->never ? "UPDATE command SET undo = "
		    "'never', args = NULL WHERE id = ?1" : "UPDATE command SET "
		    "undo = 'large' WHERE id = ?1", u->cmd_id, e);
	}
	if (sqlite3session_isempty(u->s))
		return 0;
	if (sqlite3session_changeset(u->s, &n, &p) != SQLITE_OK)
		return circle_err_set(e, CIRCLE_EIO, "%s: cannot keep the "
		    "changes for undo", db->path);
	/* Rows written again the same are no change: no command for them. */
	rc = 0;
	if (n > 0 && (rc = circle_undo_command_id(db, &id, e)) == 0)
		rc = keep_changes(db, id, n, p, e);
	sqlite3_free(p);
	return rc;
}

/* After COMMIT or ROLLBACK: a rolled-back command row is no more. */
void
circle_undo_after(struct circle_db *db, int committed)
{
	struct circle_undo	*u = db->undo;

	if (u == NULL)
		return;
	if (u->s != NULL) {
		sqlite3_progress_handler(db->h, 0, NULL, NULL);
		sqlite3session_delete(u->s);
		u->s = NULL;
	}
	u->dropped = u->held = 0;
	/*
	 * Rolled back, the attempt is no more, nor what it found: a write
	 * tried again (busy) finds for itself whether it is too large to
	 * keep, or keeps nothing; what a committed transaction of the same
	 * command found before it stands.
	 */
	if (!committed) {
		u->large = u->large_was;
		u->never = u->never_was;
		if (u->cmd_new)
			u->cmd_id = 0;
	}
	u->cmd_new = 0;
}

int
circle_undo_table_index(const struct circle_undo *u, const char *name)
{
	size_t	i;

	for (i = 0; i < u->ntables; i++)
		if (strcmp(u->tables[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Is every table with a foreign key to table i (but itself) placed? */
static int
children_placed(const struct undo_table *tt, size_t nt, const int *done,
    char *const *names, char *const *parents, size_t n, size_t i)
{
	size_t	j, k;

	for (j = 0; j < n; j++) {
		if (parents[j] == NULL || strcmp(parents[j], tt[i].name) != 0 ||
		    strcmp(names[j], tt[i].name) == 0)
			continue;
		for (k = 0; k < nt; k++)
			if (strcmp(tt[k].name, names[j]) == 0 && !done[k])
				return 0;
	}
	return 1;
}

/*
 * The tables a command's changes are recorded in (all but the log's own
 * and the removed rows, which the schema's triggers write on every undo),
 * their primary keys and one-column foreign keys, ordered children first
 * (a child is a table with a foreign key to another).
 */
int
circle_undo_load_tables(struct circle_db *db, struct circle_undo *u,
    struct circle_err *e)
{
	static const char sql[] = "SELECT m.name, p.\"table\", p.\"from\", "
	    "(SELECT t.cid FROM pragma_table_info(m.name) t WHERE t.name = "
	    "p.\"from\") FROM sqlite_schema m LEFT JOIN "
	    "pragma_foreign_key_list(m.name) p WHERE m.type = 'table' AND "
	    "m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND m.name != "
	    "'change_log' AND m.name != 'command' AND m.name != 'undo_data' "
	    "AND m.name != 'written_file' AND m.name != 'removed' ORDER BY "
	    "m.name";
	struct undo_table	*tt = NULL, *t;
	sqlite3_stmt		*st;
	char			**names = NULL, **parents = NULL, **cols = NULL;
	int			*cids = NULL, *done, *order, rc, k, p;
	size_t			 n = 0, nt = 0, i, placed, before;

	if (u->loaded)
		return 0;
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = circle_xgrow(names, n, sizeof *names);
		parents = circle_xgrow(parents, n, sizeof *parents);
		cols = circle_xgrow(cols, n, sizeof *cols);
		cids = circle_xgrow(cids, n, sizeof *cids);
		names[n] = circle_col_dup(st, 0);
		parents[n] = circle_col_dup(st, 1);
		cols[n] = circle_col_dup(st, 2);
		cids[n] = sqlite3_column_int(st, 3);
		n++;
	}
	if (circle_step_ok(db, rc, "schema", e) == -1) {
		sqlite3_finalize(st);
		circle_strv_free(names, n);
		circle_strv_free(parents, n);
		circle_strv_free(cols, n);
		free(cids);
		return -1;
	}
	sqlite3_finalize(st);
	/* The distinct tables, in name order. */
	for (i = 0; i < n; i++) {
		if (nt > 0 && strcmp(tt[nt - 1].name, names[i]) == 0)
			continue;
		tt = circle_xgrow(tt, nt, sizeof *tt);
		memset(&tt[nt], 0, sizeof tt[nt]);
		tt[nt++].name = circle_xstrdup(names[i]);
	}
	/* Children first: a table is placed once every table with a foreign
	 * key to it is (a cycle, which circle has none of, goes last). */
	done = circle_xcalloc(nt + 1, sizeof *done);
	order = circle_xcalloc(nt + 1, sizeof *order);
	for (placed = 0; placed < nt; ) {
		before = placed;
		for (i = 0; i < nt; i++) {
			if (done[i] || !children_placed(tt, nt, done, names,
			    parents, n, i))
				continue;
			done[i] = 1;
			order[placed++] = (int)i;
		}
		for (i = 0; placed == before && i < nt; i++)
			if (!done[i]) {
				done[i] = 1;
				order[placed++] = (int)i;
			}
	}
	u->tables = circle_xcalloc(nt + 1, sizeof *u->tables);
	for (i = 0; i < nt; i++)
		u->tables[i] = tt[order[i]];
	u->ntables = nt;
	free(tt);
	free(done);
	free(order);
	for (i = 0; i < n; i++) {
		if (parents[i] == NULL || cols[i] == NULL ||
		    (k = circle_undo_table_index(u, names[i])) == -1 ||
		    (p = circle_undo_table_index(u, parents[i])) == -1)
			continue;
		u->fks = circle_xgrow(u->fks, u->nfks, sizeof *u->fks);
		u->fks[u->nfks].child = k;
		u->fks[u->nfks].parent = p;
		u->fks[u->nfks].col = cids[i];
		u->fks[u->nfks++].colname = circle_xstrdup(cols[i]);
	}
	circle_strv_free(names, n);
	circle_strv_free(parents, n);
	circle_strv_free(cols, n);
	free(cids);
	/* Each table's primary key, for finding a person's rows. */
	for (i = 0; i < u->ntables; i++) {
		t = &u->tables[i];
		if ((st = circle_prepare(db, "SELECT name FROM "
		    "pragma_table_info(?) WHERE pk > 0 ORDER BY cid", e)) == NULL)
			return -1;
		circle_bind_text(st, 1, t->name);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			t->pk = circle_xgrow(t->pk, t->npk, sizeof *t->pk);
			t->pk[t->npk++] = circle_col_dup(st, 0);
		}
		if (circle_step_ok(db, rc, "schema", e) == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
	}
	u->loaded = 1;
	return 0;
}
