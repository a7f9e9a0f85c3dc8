/*
 * group.c: support groups: add, edit, archive, look up and list.  A group's
 * schedule and its YAML file come with sessions.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "record.h"

#define GF(n, c, k, m, r) { n, #c, k, m, r, \
	offsetof(struct circle_group_set, c) }
static const struct circle_field group_fields[] = {
	GF("handle", handle, F_HANDLE, 32, 1),
	GF("name", name, F_NAME, 200, 1),
	GF("description", description, F_NOTES, 4000, 0),
	GF("location", location, F_TEXT, 300, 0),
	GF("url", online_url, F_URL, 2000, 0),
	GF("tz", tzid, F_TZ, 64, 1),
	GF("duration", duration, F_MINUTES, 40, 1),
	GF("checkin_survey", checkin_survey, F_HANDLE, 32, 0),
	GF("checkout_survey", checkout_survey, F_HANDLE, 32, 0),
};
#define NGROUP_FIELDS (sizeof group_fields / sizeof group_fields[0])

static const struct circle_lookup group_lookup = {
	"grp", "name", "group", NULL, NULL
};

#define GROUP_COLUMNS "g.id, g.uid, g.handle, g.name, g.description, " \
	"g.location, g.online_url, g.tzid, g.duration, g.archived_at, " \
	"g.created_at, g.checkin_survey, g.checkout_survey, " \
	"(SELECT count(*) FROM membership m WHERE " \
	"m.grp_id = g.id AND m.left_on IS NULL)"

void
circle_group_release(struct circle_group *g)
{
	free(g->uid);
	free(g->handle);
	free(g->name);
	free(g->description);
	free(g->location);
	free(g->online_url);
	free(g->tzid);
	free(g->archived_at);
	free(g->created_at);
	free(g->checkin_survey);
	free(g->checkout_survey);
	free(g->origin);
	free(g->extracted_at);
	free(g->merged_at);
	memset(g, 0, sizeof *g);
}

static void
group_from_row(sqlite3_stmt *st, struct circle_group *g)
{
	g->id = sqlite3_column_int64(st, 0);
	g->uid = circle_col_dup(st, 1);
	g->handle = circle_col_dup(st, 2);
	g->name = circle_col_dup(st, 3);
	g->description = circle_col_dup(st, 4);
	g->location = circle_col_dup(st, 5);
	g->online_url = circle_col_dup(st, 6);
	g->tzid = circle_col_dup(st, 7);
	g->duration = sqlite3_column_int(st, 8);
	g->archived_at = circle_col_dup(st, 9);
	g->created_at = circle_col_dup(st, 10);
	g->checkin_survey = circle_col_dup(st, 11);
	g->checkout_survey = circle_col_dup(st, 12);
	g->members = sqlite3_column_int64(st, 13);
	g->origin = g->extracted_at = g->merged_at = NULL;
}

struct group_add {
	struct circle_group_set	 set;	/* the request, defaults filled */
	int			 explicit_handle;
	int			 by_name;	/* refuse a name there already */
	struct circle_group	*out;
};

/*
 * A group added twice by mistake would be two: 0 when no group's name,
 * folded (text.c), is name; else -1, the error naming their handles and
 * the name as typed (said).
 */
static int
name_free(struct circle_db *db, const char *name, const char *said,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*fold, *handles = NULL;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT handle FROM grp WHERE "
	    "circle_fold(name) = ? ORDER BY handle", e)) == NULL)
		return -1;
	fold = circle_name_fold(name);
	circle_bind_text(st, 1, fold);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		circle_xappend(&handles, " or ", "%s", sqlite3_column_text(st,
		    0));
	if (rc != SQLITE_DONE)
		rc = circle_db_error(db, e, "grp");
	else if (handles != NULL)
		rc = circle_err_set(e, CIRCLE_EDATA, "add: a group named \"%s\" "
		    "is there already: %s; give --new to add another", said,
		    handles);
	else
		rc = 0;
	sqlite3_finalize(st);
	free(fold);
	free(handles);
	return rc;
}

static int
group_add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct group_add	*a = arg;
	struct circle_group_set	*s = &a->set, logged;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			*handle, *uid, *norm[NGROUP_FIELDS], *detail;
	char			 now[21];
	size_t			 i;
	int			 rc = -1;

	memset(norm, 0, sizeof norm);
	for (i = 0; i < NGROUP_FIELDS; i++) {
		const char *v = *(const char *const *)((const char *)s +
		    group_fields[i].off);
		if (circle_field_norm(&group_fields[i], v, &norm[i], e) == -1)
			goto out;
	}
	if (a->by_name && !s->new_group && name_free(db, norm[1], s->name,
	    e) == -1)
		goto out;
	handle = circle_record_unique_handle(db, "grp", norm[0], 0, e);
	if (handle == NULL)
		goto out;
	if (a->explicit_handle && strcmp(handle, norm[0]) != 0) {
		/* A handle asked for must be free, not silently renamed. */
		circle_err_set(e, CIRCLE_EDATA, "handle: a group \"%s\" "
		    "already exists", norm[0]);
		free(handle);
		goto out;
	}
	if ((uid = circle_uuid(e)) == NULL) {
		free(handle);
		goto out;
	}
	circle_now_utc(now);
	if ((st = circle_prepare(db, "INSERT INTO grp (uid, handle, name, "
	    "description, location, online_url, tzid, duration, "
	    "checkin_survey, checkout_survey, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e)) == NULL) {
		free(handle);
		free(uid);
		goto out;
	}
	circle_bind_text(st, 1, uid);
	circle_bind_text(st, 2, handle);
	for (i = 1; i < NGROUP_FIELDS; i++)
		circle_bind_text(st, (int)i + 2, norm[i]);
	circle_bind_text(st, NGROUP_FIELDS + 2, now);
	circle_bind_text(st, NGROUP_FIELDS + 3, now);
	rc = circle_exec_stmt(db, st, e);
	if (rc == 0) {
		/* The log says the handle given, "-2" and all. */
		logged = *s;
		logged.handle = handle;
		detail = circle_record_detail(group_fields, NGROUP_FIELDS,
		    &logged);
		c = (struct circle_change){ "add", "grp", uid, NULL, detail };
		rc = circle_log(db, &c, e);
		free(detail);
	}
	if (rc == 0)
		rc = circle_group_get(db, handle, a->out, e);
	free(handle);
	free(uid);
out:
	for (i = 0; i < NGROUP_FIELDS; i++)
		free(norm[i]);
	return rc;
}

int
circle_group_add(struct circle_db *db, const struct circle_group_set *set,
    struct circle_group *out, struct circle_err *e)
{
	struct group_add	 a;
	char			*handle = NULL;
	int			 rc;

	memset(out, 0, sizeof *out);
	if (set->name == NULL || *set->name == '\0')
		return circle_err_set(e, CIRCLE_EDATA, "name: must not be "
		    "empty");
	a.set = *set;
	a.out = out;
	a.explicit_handle = set->handle != NULL;
	a.by_name = 1;
	if (set->handle == NULL)
		a.set.handle = handle = circle_handle_from_name(set->name, 1);
	if (set->duration == NULL)
		a.set.duration = "90";
	rc = circle_db_write(db, group_add_tx, &a, e);
	free(handle);
	return rc;
}

struct group_edit {
	const char			*ref;
	const struct circle_group_set	*set;
};

static int
group_edit_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct group_edit	*a = arg;
	struct circle_group	 g;
	struct circle_change	 c;
	char			*detail = NULL, *free_handle;
	int			 rc;

	if (circle_group_get(db, a->ref, &g, e) == -1)
		return -1;
	if (a->set->handle != NULL && *a->set->handle != '\0' &&
	    strcmp(a->set->handle, g.handle) != 0) {
		/* A handle asked for must be free, as with add. */
		rc = -1;
		free_handle = circle_record_unique_handle(db, "grp",
		    a->set->handle, g.id, e);
		if (free_handle != NULL &&
		    strcmp(free_handle, a->set->handle) == 0)
			rc = 0;
		else if (free_handle != NULL)
			circle_err_set(e, CIRCLE_EDATA, "handle: a group \"%s\" "
			    "already exists", a->set->handle);
		free(free_handle);
		if (rc == -1) {
			circle_group_release(&g);
			return -1;
		}
	}
	rc = circle_record_update(db, "grp", g.id, group_fields,
	    NGROUP_FIELDS, a->set, &detail, e);
	if (rc == 0 && detail == NULL)
		rc = circle_err_set(e, CIRCLE_EFAIL, "group %s: nothing to "
		    "change", g.handle);
	else if (rc == 0) {
		c = (struct circle_change){ "edit", "grp", g.uid, NULL,
		    detail };
		rc = circle_log(db, &c, e);
	}
	free(detail);
	circle_group_release(&g);
	return rc;
}

int
circle_group_edit(struct circle_db *db, const char *ref,
    const struct circle_group_set *set, struct circle_err *e)
{
	struct group_edit	a = { ref, set };

	return circle_db_write(db, group_edit_tx, &a, e);
}

struct group_archive {
	const char	*ref;
	int		 archive;
};

static int
group_archive_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct group_archive	*a = arg;
	struct circle_group	 g;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			 now[21];
	int			 rc;

	if (circle_group_get(db, a->ref, &g, e) == -1)
		return -1;
	if ((g.archived_at != NULL) == a->archive) {
		rc = circle_err_set(e, CIRCLE_EFAIL, "group %s is %s",
		    g.handle, a->archive ? "already archived" : "not archived");
		circle_group_release(&g);
		return rc;
	}
	circle_now_utc(now);
	if ((st = circle_prepare(db, "UPDATE grp SET archived_at = ?, "
	    "updated_at = ? WHERE id = ?", e)) == NULL) {
		circle_group_release(&g);
		return -1;
	}
	circle_bind_text(st, 1, a->archive ? now : NULL);
	circle_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, g.id);
	rc = circle_exec_stmt(db, st, e);
	if (rc == 0) {
		c = (struct circle_change){ a->archive ? "archive" :
		    "unarchive", "grp", g.uid, NULL, NULL };
		rc = circle_log(db, &c, e);
	}
	circle_group_release(&g);
	return rc;
}

int
circle_group_archive(struct circle_db *db, const char *ref, int archive,
    struct circle_err *e)
{
	struct group_archive	a = { ref, archive };

	return circle_db_write(db, group_archive_tx, &a, e);
}

/*
 * A group reference to an id.  NULL means the configured group
 * (circle-config(5)), else "the only group": an error that lists them
 * when there are several.
 */
int
circle_group_resolve(struct circle_db *db, const char *ref, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*list = NULL;
	size_t		 n = 0;

	if (ref == NULL && (ref = circle_setting("group")) != NULL &&
	    circle_record_resolve(db, &group_lookup, ref, id, e) == -1)
		return circle_err_prefix(e, "the config's group");
	if (ref != NULL)
		return circle_record_resolve(db, &group_lookup, ref, id, e);
	if ((st = circle_prepare(db, "SELECT id, handle FROM grp WHERE "
	    "archived_at IS NULL ORDER BY handle", e)) == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		circle_xappend(&list, ", ", "%s", sqlite3_column_text(st, 1));
		n++;
	}
	sqlite3_finalize(st);
	if (n == 1) {
		free(list);
		return 0;
	}
	if (n == 0)
		return circle_err_set(e, CIRCLE_EFAIL, "no groups yet (add one "
		    "with 'circle group add NAME')");
	circle_err_set(e, CIRCLE_EUSAGE, "which group? there are %zu: %s; "
	    "name one with --group G (or 'circle config set group G' for every "
	    "command)", n, list);
	free(list);
	return -1;
}

int
circle_group_get(struct circle_db *db, const char *ref,
    struct circle_group *g, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id;

	if (g != NULL)
		memset(g, 0, sizeof *g);
	if (circle_group_resolve(db, ref, &id, e) == -1)
		return -1;
	if (g == NULL)
		return 0;
	if ((st = circle_prepare(db, "SELECT " GROUP_COLUMNS " FROM grp g "
	    "WHERE g.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return circle_db_error(db, e, "group");
	}
	group_from_row(st, g);
	sqlite3_finalize(st);
	return 0;
}

/*
 * 1 when text is a group's whole handle or name (any case), not a part of
 * one, nor its id: a word typed where a session goes that names a group.
 */
int
circle_group_named(struct circle_db *db, const char *text)
{
	struct circle_group	 g;
	struct circle_err	 e;
	int			 yes;

	circle_err_clear(&e);
	if (circle_group_get(db, text, &g, &e) == -1)
		return 0;
	yes = strcasecmp(g.handle, text) == 0 || strcasecmp(g.name, text) == 0;
	circle_group_release(&g);
	return yes;
}

/*
 * Where a group merged here belongs (db merge): the database it was made
 * in, and the time of its last extract merged, and of that merge, from
 * network's row (merge.c writes it "extracted|merged").  Only group show
 * asks, so that no other lookup of a group pays for it.
 */
int
circle_group_merged(struct circle_db *db, struct circle_group *g,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT o.origin, substr(n.value, 1, "
	    "instr(n.value, '|') - 1), substr(n.value, instr(n.value, '|') + "
	    "1) FROM grp_origin o LEFT JOIN network n ON n.key = 'merged:' || "
	    "o.origin WHERE o.grp_id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, g->id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		g->origin = circle_col_dup(st, 0);
		g->extracted_at = circle_col_dup(st, 1);
		g->merged_at = circle_col_dup(st, 2);
	}
	rc = circle_step_ok(db, rc, "group", e);
	sqlite3_finalize(st);
	return rc;
}

int
circle_group_list(struct circle_db *db, int all, struct circle_group **gs,
    size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*gs = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT " GROUP_COLUMNS " FROM grp g "
	    "WHERE ?1 OR g.archived_at IS NULL ORDER BY g.name COLLATE "
	    "circle_name, g.handle", e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*gs = circle_xgrow(*gs, *n, sizeof **gs);
		group_from_row(st, &(*gs)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "list groups");
	return 0;
}

/*
 * Inside a transaction: add the group of s->handle, or bring it up to date
 * with the fields set.  *state: 0 unchanged, 1 added, 2 updated.
 */
int
circle_group_upsert(struct circle_db *db, const struct circle_group_set *s,
    long long *gid, enum circle_outcome *state, struct circle_err *e)
{
	struct group_add	 a;
	struct circle_group	 g;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			*uid = NULL, *detail;
	int			 rc;

	*state = CIRCLE_UNCHANGED;
	if ((st = circle_prepare(db, "SELECT id, uid FROM grp WHERE "
	    "handle = ?", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, s->handle);
	*gid = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*gid = sqlite3_column_int64(st, 0);
		uid = circle_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	if (*gid == 0) {
		a.set = *s;
		a.explicit_handle = 1;
		a.by_name = 0;
		a.out = &g;
		if (s->duration == NULL)
			a.set.duration = "90";
		if (group_add_tx(db, &a, e) == -1)
			return -1;
		*gid = g.id;
		*state = CIRCLE_ADDED;
		circle_group_release(&g);
		return 0;
	}
	rc = circle_record_update(db, "grp", *gid, group_fields, NGROUP_FIELDS,
	    s, &detail, e);
	if (rc == 0 && detail != NULL) {
		c = (struct circle_change){ "edit", "grp", uid, NULL, detail };
		rc = circle_log(db, &c, e);
		*state = CIRCLE_UPDATED;
	}
	free(detail);
	free(uid);
	return rc;
}
