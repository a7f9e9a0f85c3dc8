/*
 * undoapply.c: a command's undo data applied: undo puts a command back
 * whole, its changeset inverted, as a command of its own, refused when a
 * later command changed what it did (named, in words); and before a
 * person is forgotten, every command's undo data that holds them is
 * scrubbed.  What was recorded, and how, is undo.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "undodata.h"

#define UNDO_NAMED_MAX		3	/* later commands named in a refusal */

/* "attendance\x1f42": a row, by its table and primary key. */
static char *
change_key(sqlite3_changeset_iter *it)
{
	sqlite3_value	*v;
	unsigned char	*pk;
	const char	*tab, *t;
	char		*s, *n;
	int		 ncol, op, ind, i;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	sqlite3changeset_pk(it, &pk, &ncol);
	s = circle_xstrdup(tab);
	for (i = 0; i < ncol; i++) {
		if (!pk[i])
			continue;
		v = NULL;
		if (op == SQLITE_INSERT)
			sqlite3changeset_new(it, i, &v);
		else
			sqlite3changeset_old(it, i, &v);
		t = v != NULL ? (const char *)sqlite3_value_text(v) : NULL;
		circle_xasprintf(&n, "%s\x1f%s", s, t != NULL ? t : "");
		free(s);
		s = n;
	}
	return s;
}

/* The key of the parent row a foreign key value names. */
static char *
parent_key(const struct circle_undo *u, const struct undo_fk *fk,
    sqlite3_value *v)
{
	const char	*t;
	char		*s;

	if (v == NULL || sqlite3_value_type(v) == SQLITE_NULL)
		return NULL;
	t = (const char *)sqlite3_value_text(v);
	circle_xasprintf(&s, "%s\x1f%s", u->tables[fk->parent].name,
	    t != NULL ? t : "");
	return s;
}

/*
 * Does the change at it name a row of set through one of its foreign
 * keys (old or new values)?
 */
static int
refers_to(const struct circle_undo *u, sqlite3_changeset_iter *it,
    struct circle_strmap *set)
{
	sqlite3_value	*v;
	const char	*tab;
	char		*k;
	size_t		 i;
	int		 ncol, op, ind, t, side, hit = 0;

	sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
	if ((t = circle_undo_table_index(u, tab)) == -1)
		return 0;
	for (i = 0; i < u->nfks && !hit; i++) {
		if (u->fks[i].child != t || u->fks[i].col >= ncol)
			continue;
		for (side = 0; side < 2 && !hit; side++) {
			v = NULL;
			if (side == 0 && op != SQLITE_DELETE)
				sqlite3changeset_new(it, u->fks[i].col, &v);
			else if (side == 1 && op != SQLITE_INSERT)
				sqlite3changeset_old(it, u->fks[i].col, &v);
			if ((k = parent_key(u, &u->fks[i], v)) == NULL)
				continue;
			hit = circle_strmap_find(set, k) != NULL;
			free(k);
		}
	}
	return hit;
}

/*
 * The rows a changeset touches (every key in rows) and those it inserted
 * (in added: its undo deletes them).
 */
static int
changeset_rows(int n, void *p, struct circle_strmap *rows,
    struct circle_strmap *added)
{
	sqlite3_changeset_iter	*it;
	const char		*tab;
	char			*k;
	int			 ncol, op, ind, rc;

	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		k = change_key(it);
		circle_strmap_put(rows, k, 1);
		if (op == SQLITE_INSERT)
			circle_strmap_put(added, k, 1);
		free(k);
	}
	sqlite3changeset_finalize(it);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Does a later command's changeset touch rows, or refer to added? */
static int
depends_on(const struct circle_undo *u, int n, const void *p,
    struct circle_strmap *rows, struct circle_strmap *added)
{
	sqlite3_changeset_iter	*it;
	char			*k;
	int			 hit = 0;

	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return 0;
	while (!hit && sqlite3changeset_next(it) == SQLITE_ROW) {
		k = change_key(it);
		hit = circle_strmap_find(rows, k) != NULL ||
		    refers_to(u, it, added);
		free(k);
	}
	sqlite3changeset_finalize(it);
	return hit;
}

static void
strv_push(void *arg, const char *const *v)
{
	struct {
		char	**v;
		size_t	  n;
	} *a = arg;

	a->v = circle_xgrow(a->v, a->n, sizeof *a->v);
	a->v[a->n++] = circle_xstrdup(v[3] != NULL ? v[3] : "");
}

/* The words of a JSON array of words, as a shell would read them. */
static char *
args_words(const char *json)
{
	json_t		*a, *v;
	const char	*w, *c;
	char		*s, *t, *q;
	size_t		 i;

	if (json == NULL || (a = json_loads(json, 0, NULL)) == NULL)
		return NULL;
	s = circle_xstrdup("");
	json_array_foreach(a, i, v) {
		if ((w = json_string_value(v)) == NULL)
			continue;
		if (*w != '\0' && strpbrk(w, " \t\n'\"\\$`|&;<>()*?[]#~{}") ==
		    NULL)
			q = circle_xstrdup(w);
		else {
			q = circle_xstrdup("'");
			for (c = w; *c != '\0'; c++) {
				circle_xasprintf(&t, "%s%s", q, *c == '\'' ?
				    "'\\''" : (char [2]){ *c, '\0' });
				free(q);
				q = t;
			}
			circle_xasprintf(&t, "%s'", q);
			free(q);
			q = t;
		}
		circle_xasprintf(&t, "%s%s%s", s, *s != '\0' ? " " : "", q);
		free(q);
		free(s);
		s = t;
	}
	json_decref(a);
	return s;
}

/* sql (?1 a command's id) stepped to the command's row, or NULL. */
static sqlite3_stmt *
command_row(struct circle_db *db, const char *sql, long long id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		return st;
	if (circle_step_ok(db, rc, "command", e) == 0)
		circle_err_set(e, CIRCLE_EFAIL, "no command %lld (see circle "
		    "log)", id);
	sqlite3_finalize(st);
	return NULL;
}

void
circle_command_release(struct circle_command *c)
{
	free(c->tool);
	free(c->verb);
	free(c->args);
	free(c->undo);
	circle_strv_free(c->changes, c->nchanges);
	memset(c, 0, sizeof *c);
}

/* The last command in effect that is no undo, of tool when given. */
static int
last_command(struct circle_db *db, const char *tool, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*prog = NULL;
	int		 rc;

	*id = 0;
	if ((st = circle_prepare(db, "SELECT id FROM command WHERE undone_by "
	    "IS NULL AND undoes IS NULL AND (?1 IS NULL OR tool = ?1) "
	    "ORDER BY id DESC LIMIT 1", e)) == NULL)
		return -1;
	if (tool != NULL)
		circle_xasprintf(&prog, "circle-%s", tool);
	circle_bind_text(st, 1, prog);
	free(prog);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (circle_step_ok(db, rc, "command", e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (*id == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "nothing to undo%s%s%s",
		    tool != NULL ? ": no circle " : "", tool != NULL ? tool :
		    "", tool != NULL ? " command is still in effect" : "");
	return 0;
}

int
circle_command_get(struct circle_db *db, long long id, const char *tool,
    struct circle_command *c, struct circle_err *e)
{
	struct circle_log_filter	 f;
	sqlite3_stmt			*st;
	struct {
		char	**v;
		size_t	  n;
	} words = { NULL, 0 };
	const char			*from, *t;
	char				*zone, at[21];

	memset(c, 0, sizeof *c);
	if (id == 0 && last_command(db, tool, &id, e) == -1)
		return -1;
	if ((st = command_row(db, "SELECT at, tool, verb, args, undo, "
	    "undoes, undone_by FROM command WHERE id = ?", id, e)) == NULL)
		return -1;
	c->id = id;
	snprintf(at, sizeof at, "%s", sqlite3_column_text(st, 0));
	zone = circle_zone_local(&from);
	if (circle_utc_to_local(at, zone != NULL ? zone : "UTC", c->at) == -1)
		snprintf(c->at, sizeof c->at, "%.10sT%.5s", at, at + 11);
	c->at[10] = ' ';
	free(zone);
	t = (const char *)sqlite3_column_text(st, 1);
	c->tool = circle_xstrdup(t != NULL && strncmp(t, "circle-", 7) == 0 ?
	    t + 7 : t != NULL ? t : "?");
	c->verb = circle_col_dup(st, 2);
	c->args = args_words((const char *)sqlite3_column_text(st, 3));
	c->undo = circle_col_dup(st, 4);
	c->undoes = sqlite3_column_int64(st, 5);
	c->undone_by = sqlite3_column_int64(st, 6);
	sqlite3_finalize(st);
	memset(&f, 0, sizeof f);
	f.command = id;
	f.oldest_first = 1;
	if (circle_log_list(db, &f, strv_push, &words, e) == -1) {
		circle_strv_free(words.v, words.n);
		circle_command_release(c);
		return -1;
	}
	c->changes = words.v;
	c->nchanges = words.n;
	return 0;
}

/* What a row of a table is, for a person. */
static const char *
row_noun(const char *table)
{
	static const struct {
		const char	*table;
		const char	*noun;
	} nouns[] = {
		{ "member", "a person" }, { "membership", "a membership" },
		{ "attendance", "a mark" }, { "session", "a session" },
		{ "series", "a series" }, { "grp", "a group" },
		{ "response", "a check-in" }, { "answer", "an answer" },
		{ "followup", "a follow-up" }, { "survey", "a survey" },
		{ "question", "a survey question" },
	};
	size_t	i;

	for (i = 0; i < sizeof nouns / sizeof nouns[0]; i++)
		if (strcmp(nouns[i].table, table) == 0)
			return nouns[i].noun;
	return "a row";
}

struct undo_conflict {
	int	 kind;		/* SQLITE_CHANGESET_..., 0: none */
	char	 table[64];
};

/* The first conflict stops the apply: it is said, and nothing changes. */
static int
on_conflict(void *arg, int kind, sqlite3_changeset_iter *it)
{
	struct undo_conflict	*c = arg;
	const char		*tab = "";
	int			 ncol, op, ind;

	if (c->kind == 0) {
		c->kind = kind;
		if (kind != SQLITE_CHANGESET_FOREIGN_KEY)
			sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		snprintf(c->table, sizeof c->table, "%s", tab);
	}
	return SQLITE_CHANGESET_ABORT;
}

static int
conflict_error(const struct undo_conflict *c, long long id,
    struct circle_err *e)
{
	const char	*noun = row_noun(c->table);

	switch (c->kind) {
	case SQLITE_CHANGESET_DATA:
	case SQLITE_CHANGESET_NOTFOUND:
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld cannot be "
		    "undone: %s it changed has been changed since by a command "
		    "without undo data; nothing was changed", id, noun);
	case SQLITE_CHANGESET_CONFLICT:
	case SQLITE_CHANGESET_CONSTRAINT:
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld cannot be "
		    "undone: putting back %s it removed would clash with one "
		    "made since; nothing was changed", id, noun);
	default:
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld cannot be "
		    "undone: what it added is referred to by rows made since; "
		    "nothing was changed", id);
	}
}

/* Why command id has nothing to put back, from its undo state. */
static int
no_undo_error(long long id, const char *state, struct circle_err *e)
{
	if (strcmp(state, "never") == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld forgot "
		    "someone: that is never undone", id);
	if (strcmp(state, "large") == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld changed "
		    "too much for circle to keep what it changed; restore a "
		    "backup made before it instead", id);
	if (strcmp(state, "forgotten") == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "command %lld cannot be "
		    "undone: someone it changed has been forgotten since", id);
	return circle_err_set(e, CIRCLE_EFAIL, "command %lld cannot be "
	    "undone: it was made before circle kept undo data, or changed "
	    "nothing undo can put back", id);
}

struct undo_args {
	long long	 id;
	int		 dry_run;
	long long	 undo_id;	/* the result */
};

/* The command's undo data, checked undoable: *p is the caller's. */
static int
load_undo_data(struct circle_db *db, long long id, int *n, void **p,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 by;
	char		*state;
	int		 rc;

	*p = NULL;
	if ((st = command_row(db, "SELECT c.undo, c.undone_by, u.changes "
	    "FROM command c LEFT JOIN undo_data u ON u.command_id = c.id "
	    "WHERE c.id = ?", id, e)) == NULL)
		return -1;
	by = sqlite3_column_int64(st, 1);
	state = circle_col_dup(st, 0);
	if (by != 0)
		rc = circle_err_set(e, CIRCLE_EFAIL, "command %lld was undone "
		    "by command %lld; undo that to do it again", id, by);
	else if (sqlite3_column_type(st, 2) != SQLITE_BLOB)
		rc = no_undo_error(id, state != NULL ? state : "none", e);
	else {
		*n = sqlite3_column_bytes(st, 2);
		*p = circle_xmalloc((size_t)*n);
		memcpy(*p, sqlite3_column_blob(st, 2), (size_t)*n);
		rc = 0;
	}
	free(state);
	sqlite3_finalize(st);
	return rc;
}

/* "  command 57, 2026-12-08 19:05, attend mark: maya-o marked ..." */
static char *
command_line(struct circle_db *db, long long id, struct circle_err *e)
{
	struct circle_command	 c;
	char			*s;

	if (circle_command_get(db, id, NULL, &c, e) == -1)
		return NULL;
	circle_xasprintf(&s, "  command %lld, %s, %s%s%s: %s%s", c.id, c.at,
	    c.tool, c.verb != NULL ? " " : "", c.verb != NULL ? c.verb : "",
	    c.nchanges > 0 ? c.changes[0] : "(nothing in words)",
	    c.nchanges > 1 ? " (and more)" : "");
	circle_command_release(&c);
	return s;
}

/*
 * Later commands still in effect (an undo of one later than id aside: it
 * and what it undid cancel out) that changed a row id changed, or refer
 * to one it added: id cannot be undone before them.  They are named.
 */
static int
later_commands(struct circle_db *db, long long id, int n, void *p,
    struct circle_err *e)
{
	struct circle_strmap	 rows, added;
	sqlite3_stmt		*st;
	long long		*dep = NULL;
	char			*msg, *line, *t;
	size_t			 ndep = 0, i;
	int			 rc;

	memset(&rows, 0, sizeof rows);
	memset(&added, 0, sizeof added);
	if (changeset_rows(n, p, &rows, &added) == -1) {
		rc = circle_err_set(e, CIRCLE_EIO, "command %lld: its undo "
		    "data is damaged", id);
		goto out;
	}
	if ((st = circle_prepare(db, "SELECT c.id, u.changes FROM command c "
	    "JOIN undo_data u ON u.command_id = c.id WHERE c.id > ?1 AND "
	    "c.undone_by IS NULL AND (c.undoes IS NULL OR c.undoes < ?1) "
	    "ORDER BY c.id DESC", e)) == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (depends_on(db->undo, sqlite3_column_bytes(st, 1),
		    sqlite3_column_blob(st, 1), &rows, &added)) {
			dep = circle_xgrow(dep, ndep, sizeof *dep);
			dep[ndep++] = sqlite3_column_int64(st, 0);
		}
	rc = circle_step_ok(db, rc, "command", e);
	sqlite3_finalize(st);
	if (rc == -1 || ndep == 0)
		goto out;
	circle_xasprintf(&msg, "command %lld cannot be undone: later "
	    "command%s changed what it did:", id, ndep == 1 ? "" : "s");
	for (i = 0; i < ndep && i < UNDO_NAMED_MAX; i++) {
		if ((line = command_line(db, dep[i], e)) == NULL) {
			free(msg);
			rc = -1;
			goto out;
		}
		circle_xasprintf(&t, "%s\n%s", msg, line);
		free(line);
		free(msg);
		msg = t;
	}
	if (ndep > UNDO_NAMED_MAX) {
		circle_xasprintf(&t, "%s\n  and %zu more", msg,
		    ndep - UNDO_NAMED_MAX);
		free(msg);
		msg = t;
	}
	rc = circle_err_set(e, CIRCLE_EFAIL, "%s\nundo %s first (circle undo "
	    "%lld)%s", msg, ndep == 1 ? "that" : "them, the newest", dep[0],
	    "; nothing was changed");
	free(msg);
out:
	free(dep);
	circle_strmap_free(&rows);
	circle_strmap_free(&added);
	return rc;
}

static int
count_changes(int n, void *p)
{
	sqlite3_changeset_iter	*it;
	int			 k = 0;

	if (sqlite3changeset_start(&it, n, p) != SQLITE_OK)
		return -1;
	while (sqlite3changeset_next(it) == SQLITE_ROW)
		k++;
	sqlite3changeset_finalize(it);
	return k;
}

/*
 * Apply the inverse of command id's changes.  What the undo did itself
 * (its session) must be exactly that: more is a cascade over rows made
 * since by commands without undo data.
 */
static int
apply_inverse(struct circle_db *db, long long id, int n, void *p,
    struct circle_err *e)
{
	struct undo_conflict	 c;
	struct circle_undo	*u = db->undo;
	void			*inv = NULL, *done = NULL;
	int			 ninv = 0, ndone = 0, rc, want, got;

	if (sqlite3changeset_invert(n, p, &ninv, &inv) != SQLITE_OK)
		return circle_err_set(e, CIRCLE_EIO, "command %lld: its undo "
		    "data is damaged", id);
	memset(&c, 0, sizeof c);
	rc = sqlite3changeset_apply_v2(db->h, ninv, inv, NULL, on_conflict,
	    &c, NULL, NULL, 0);
	if (c.kind != 0)
		rc = conflict_error(&c, id, e);
	else if (rc != SQLITE_OK)
		rc = circle_db_error(db, e, "undo");
	else if (u != NULL && u->s != NULL && !u->large) {
		want = count_changes(ninv, inv);
		if (sqlite3session_changeset(u->s, &ndone, &done) != SQLITE_OK)
			rc = circle_err_set(e, CIRCLE_EIO, "undo: cannot "
			    "check what it changed");
		else if ((got = count_changes(ndone, done)) > want)
			rc = circle_err_set(e, CIRCLE_EFAIL, "command %lld "
			    "cannot be undone: it would also remove %d row%s "
			    "recorded since by commands without undo data; "
			    "nothing was changed", id, got - want,
			    got - want == 1 ? "" : "s");
		sqlite3_free(done);
	}
	sqlite3_free(inv);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * The undo's log rows: each row of the command undone, said again as
 * undone (or, for an undo undone, as done again), about the same things
 * and people, so that filters and forget find them.
 */
static int
log_undone(struct circle_db *db, long long id, struct circle_err *e)
{
	struct circle_change	 ch;
	sqlite3_stmt		*st;
	json_t			*d, *in;
	char			*v[4], *detail, *who;
	int			 rc, k, redo, logged = 0;

	if ((st = circle_prepare(db, "SELECT l.action, l.entity, l.uid, "
	    "l.member_uid, l.detail, m.handle FROM change_log l LEFT JOIN "
	    "member m ON m.uid = l.member_uid WHERE l.command_id = ? ORDER BY "
	    "l.id", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < 4; k++)
			v[k] = circle_col_dup(st, k);
		in = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL :
		    json_loads((const char *)sqlite3_column_text(st, 4), 0,
		    NULL);
		redo = 0;
		who = sqlite3_column_type(st, 5) == SQLITE_NULL ? NULL :
		    circle_col_dup(st, 5);
		if (strcmp(v[0], "undo") == 0 && in != NULL &&
		    json_object_get(in, "undoes") != NULL) {
			if (who == NULL && json_string_value(
			    json_object_get(in, "who")) != NULL)
				who = circle_xstrdup(json_string_value(
				    json_object_get(in, "who")));
			free(v[0]);
			v[0] = circle_xstrdup(json_string_value(
			    json_object_get(in, "action")) != NULL ?
			    json_string_value(json_object_get(in, "action")) :
			    "?");
			redo = !json_is_true(json_object_get(in, "redo"));
			d = json_incref(json_object_get(in, "detail"));
			json_decref(in);
			in = d;
		}
		/* Who, in words, should an undo remove them. */
		d = json_pack("{s:I, s:b, s:s, s:o?, s:s?}", "undoes",
		    (json_int_t)id, "redo", redo, "action", v[0], "detail", in,
		    "who", who);
		free(who);
		detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(d);
		ch = (struct circle_change){ "undo", v[1], v[2], v[3], detail };
		rc = circle_log(db, &ch, e);
		free(detail);
		for (k = 0; k < 4; k++)
			free(v[k]);
		if (rc == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		logged++;
	}
	rc = circle_step_ok(db, rc, "change log", e);
	sqlite3_finalize(st);
	if (rc == 0 && logged == 0) {
		circle_xasprintf(&detail, "{\"undoes\":%lld}", id);
		ch = (struct circle_change){ "undo", "command", NULL, NULL,
		    detail };
		rc = circle_log(db, &ch, e);
		free(detail);
	}
	return rc;
}

/*
 * Command id is undone by command by (0: it is in effect again); what it
 * undid itself is then in effect again (or undone again), and so on.
 */
static int
set_undone(struct circle_db *db, long long id, long long by,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 next;
	int		 depth, rc;

	for (depth = 0; id != 0 && depth < 10000; depth++) {
		if ((st = circle_prepare(db, "UPDATE command SET undone_by = ?2 "
		    "WHERE id = ?1 RETURNING undoes", e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (by != 0)
			sqlite3_bind_int64(st, 2, by);
		else
			sqlite3_bind_null(st, 2);
		next = 0;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			next = sqlite3_column_int64(st, 0);
			rc = sqlite3_step(st);
		}
		if (circle_step_ok(db, rc, "command", e) == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		sqlite3_finalize(st);
		by = by != 0 ? 0 : id;
		id = next;
	}
	return 0;
}

/*
 * Whether command id is a merge (circle db merge), or an undo whose
 * undoing comes to one (an undo of the merge's undo did the merge
 * again): 1, 0, or -1 (said).
 */
static int
is_merge(struct circle_db *db, long long id, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 yes;

	if ((st = command_row(db, "WITH RECURSIVE chain (id) AS (VALUES (?1) "
	    "UNION SELECT c.undoes FROM command c JOIN chain ON c.id = "
	    "chain.id WHERE c.tool = 'circle-undo' AND c.undoes IS NOT NULL) "
	    "SELECT EXISTS (SELECT 1 FROM command WHERE id IN chain AND tool "
	    "= 'circle-db' AND verb = 'merge')", id, e)) == NULL)
		return -1;
	yes = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return yes;
}

/*
 * A merge undone takes away rows made in another database, never this
 * one's to remove: the removals the triggers write for them (schema.c,
 * 11) would travel in this database's next extract and tell a
 * coordinator to remove what the other group's facilitator keeps.  The
 * removals are kept as they were before (on, 1) and put back so after
 * (on, 0), the time of one written again too.
 */
static int
merge_removals_kept(struct circle_db *db, int on, struct circle_err *e)
{
	if (on)
		return circle_exec(db, "DROP TABLE IF EXISTS "
		    "temp.removed_was; CREATE TEMP TABLE removed_was AS "
		    "SELECT * FROM main.removed", e);
	return circle_exec(db, "DELETE FROM main.removed; INSERT INTO "
	    "main.removed SELECT * FROM temp.removed_was; DROP TABLE "
	    "temp.removed_was", e);
}

static int
undo_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct undo_args	*a = arg;
	sqlite3_stmt		*st;
	void			*p = NULL;
	long long		 me;
	int			 n = 0, rc = -1, merge;

	a->undo_id = 0;
	if (load_undo_data(db, a->id, &n, &p, e) == -1)
		return -1;
	/* Logged first, while the people it names are still there. */
	if (circle_undo_load_tables(db, circle_undo_of(db), e) == -1 ||
	    later_commands(db, a->id, n, p, e) == -1 ||
	    log_undone(db, a->id, e) == -1 ||
	    (merge = is_merge(db, a->id, e)) == -1 ||
	    (merge && merge_removals_kept(db, 1, e) == -1) ||
	    apply_inverse(db, a->id, n, p, e) == -1 ||
	    (merge && merge_removals_kept(db, 0, e) == -1))
		goto out;
	if (a->dry_run) {
		rc = 1;
		goto out;
	}
	if (circle_undo_command_id(db, &me, e) == -1)
		goto out;
	if ((st = circle_prepare(db, "UPDATE command SET undoes = ?2 WHERE "
	    "id = ?1", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, me);
	sqlite3_bind_int64(st, 2, a->id);
	if (circle_exec_stmt(db, st, e) == -1 ||
	    set_undone(db, a->id, me, e) == -1)
		goto out;
	a->undo_id = me;
	rc = 0;
out:
	free(p);
	return rc;
}

/*
 * Put command id back whole, in one transaction, as a command of its own
 * (so that it can be undone in turn).  A dry run checks that it can be.
 */
int
circle_undo(struct circle_db *db, long long id, int dry_run,
    long long *undo_id, struct circle_err *e)
{
	struct undo_args	a = { id, dry_run, 0 };

	*undo_id = 0;
	if (db->undo == NULL || !db->undo->declared)
		circle_db_command(db, "undo", 0, NULL, 0);
	if (circle_db_write(db, undo_tx, &a, e) == -1)
		return -1;
	*undo_id = a.undo_id;
	return 0;
}

/* Every row of the person (member id mid) and of what hangs off them. */
static int
person_rows(struct circle_db *db, struct circle_undo *u, long long mid,
    struct circle_strmap *set, struct circle_err *e)
{
	struct {
		int		 table;
		char		*id;	/* owned */
	} *queue = NULL;
	const struct undo_table	*c;
	sqlite3_stmt		*st;
	size_t			 nq = 0, head, i, k;
	char			*sql, *cols, *t, *key, *one;
	int			 m, rc = 0;

	if ((m = circle_undo_table_index(u, "member")) == -1)
		return 0;
	queue = circle_xgrow(queue, nq, sizeof *queue);
	queue[nq].table = m;
	circle_xasprintf(&queue[nq++].id, "%lld", mid);
	circle_xasprintf(&key, "member\x1f%lld", mid);
	circle_strmap_put(set, key, 1);
	free(key);
	for (head = 0; head < nq && rc == 0; head++) {
		for (i = 0; i < u->nfks && rc == 0; i++) {
			if (u->fks[i].parent != queue[head].table)
				continue;
			c = &u->tables[u->fks[i].child];
			cols = circle_xstrdup("''");
			for (k = 0; k < c->npk; k++) {
				t = sqlite3_mprintf("%s || char(31) || \"%w\"",
				    cols, c->pk[k]);
				free(cols);
				cols = circle_xstrdup(t);
				sqlite3_free(t);
			}
			/* A one-column key is followed to the rows under it. */
			sql = sqlite3_mprintf("SELECT %s, %s%w%s FROM \"%w\" "
			    "WHERE \"%w\" = ?", cols, c->npk == 1 ? "\"" : "",
			    c->npk == 1 ? c->pk[0] : "NULL", c->npk == 1 ?
			    "\"" : "", c->name, u->fks[i].colname);
			free(cols);
			st = circle_prepare(db, sql, e);
			sqlite3_free(sql);
			if (st == NULL) {
				rc = -1;
				break;
			}
			circle_bind_text(st, 1, queue[head].id);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				circle_xasprintf(&key, "%s%s", c->name,
				    sqlite3_column_text(st, 0));
				if (circle_strmap_find(set, key) == NULL) {
					circle_strmap_put(set, key, 1);
					one = circle_col_dup(st, 1);
					if (one != NULL) {
						queue = circle_xgrow(queue, nq,
						    sizeof *queue);
						queue[nq].table =
						    u->fks[i].child;
						queue[nq++].id = one;
					}
				}
				free(key);
			}
			rc = circle_step_ok(db, rc, "forget", e);
			sqlite3_finalize(st);
		}
	}
	for (i = 0; i < nq; i++)
		free(queue[i].id);
	free(queue);
	return rc;
}

/*
 * Does a changeset hold a row of set, or one that refers to a row of set
 * (which then joins it)?  *grew is set when set grew.
 */
static int
holds_person(const struct circle_undo *u, int n, const void *p,
    struct circle_strmap *set, int *grew)
{
	sqlite3_changeset_iter	*it;
	char			*k;
	int			 hit = 0;

	if (sqlite3changeset_start(&it, n, (void *)p) != SQLITE_OK)
		return 1;	/* unreadable: scrubbed all the same */
	while (sqlite3changeset_next(it) == SQLITE_ROW) {
		k = change_key(it);
		if (circle_strmap_find(set, k) != NULL)
			hit = 1;
		else if (refers_to(u, it, set)) {
			circle_strmap_put(set, k, 1);
			*grew = hit = 1;
		}
		free(k);
	}
	sqlite3changeset_finalize(it);
	return hit;
}

/*
 * The person's (uid muid) pairings as a record kept (merged_away, by
 * circle roster merge or a merge that stored one): what they took of
 * another is theirs, and goes with them, or with the pairing's end
 * (mergeaway.c), from every command's undo data that holds it.
 */
static int
pairing_rows(struct circle_db *db, const char *muid,
    struct circle_strmap *set, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT uid FROM merged_away WHERE "
	    "keep_uid = ?1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, muid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		circle_xasprintf(&key, "merged_away\x1f%s",
		    sqlite3_column_text(st, 0));
		if (circle_strmap_find(set, key) == NULL)
			circle_strmap_put(set, key, 1);
		free(key);
	}
	rc = circle_step_ok(db, rc, "forget", e);
	sqlite3_finalize(st);
	return rc;
}

/* The commands whose undo data or change log holds the person. */
static int
person_commands(struct circle_db *db, struct circle_undo *u,
    const char *muid, struct circle_strmap *set, struct circle_strmap *cmds,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		 key[24];
	int		 rc, grew;

	/* Until no row joins the set: an update names only its key. */
	do {
		grew = 0;
		if ((st = circle_prepare(db, "SELECT command_id, changes FROM "
		    "undo_data", e)) == NULL)
			return -1;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			snprintf(key, sizeof key, "%lld", (long long)
			    sqlite3_column_int64(st, 0));
			if (circle_strmap_find(cmds, key) == NULL &&
			    holds_person(u, sqlite3_column_bytes(st, 1),
			    sqlite3_column_blob(st, 1), set, &grew))
				circle_strmap_put(cmds, key, 1);
		}
		rc = circle_step_ok(db, rc, "forget", e);
		sqlite3_finalize(st);
		if (rc == -1)
			return -1;
	} while (grew);
	if ((st = circle_prepare(db, "SELECT DISTINCT command_id FROM "
	    "change_log WHERE member_uid = ? AND command_id IS NOT NULL",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, muid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(key, sizeof key, "%lld", (long long)
		    sqlite3_column_int64(st, 0));
		if (circle_strmap_find(cmds, key) == NULL)
			circle_strmap_put(cmds, key, 1);
	}
	rc = circle_step_ok(db, rc, "forget", e);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Before a person (member mid, uid muid) is forgotten: this command keeps
 * no undo data, and every command that holds them loses its undo data and
 * the words it was typed with; one that was only about them goes (its
 * change-log rows go with the person's).  Forget's secure delete and
 * checkpoint then leave no byte of them.
 */
int
circle_undo_forget(struct circle_db *db, long long mid, const char *muid,
    struct circle_err *e)
{
	static const char *const scrub[] = {
		"DELETE FROM undo_data WHERE command_id = ?1",
		"UPDATE command SET args = NULL, undo = CASE undo WHEN 'kept' "
		    "THEN 'forgotten' ELSE undo END WHERE id = ?1",
		"DELETE FROM command WHERE id = ?1 AND NOT EXISTS (SELECT 1 "
		    "FROM change_log WHERE command_id = ?1 AND member_uid IS NOT "
		    "?2)",
	};
	struct circle_undo	*u = circle_undo_of(db);
	struct circle_strmap	 set, cmds;
	sqlite3_stmt		*st;
	size_t			 i, k;
	int			 rc = -1;

	u->never = 1;
	if (u->s != NULL)
		sqlite3session_enable(u->s, 0);
	memset(&set, 0, sizeof set);
	memset(&cmds, 0, sizeof cmds);
	if (circle_undo_load_tables(db, u, e) == -1 ||
	    person_rows(db, u, mid, &set, e) == -1 ||
	    pairing_rows(db, muid, &set, e) == -1 ||
	    person_commands(db, u, muid, &set, &cmds, e) == -1)
		goto out;
	for (i = 0; i < cmds.cap; i++) {
		if (cmds.keys[i] == NULL)
			continue;
		for (k = 0; k < sizeof scrub / sizeof scrub[0]; k++) {
			if ((st = circle_prepare(db, scrub[k], e)) == NULL)
				goto out;
			sqlite3_bind_int64(st, 1, strtoll(cmds.keys[i], NULL,
			    10));
			circle_bind_text(st, 2, muid);
			if (circle_exec_stmt(db, st, e) == -1)
				goto out;
		}
	}
	rc = 0;
out:
	circle_strmap_free(&set);
	circle_strmap_free(&cmds);
	return rc;
}
