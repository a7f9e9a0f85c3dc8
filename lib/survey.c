/*
 * survey.c: surveys kept in the database as versions: a changed survey
 * that has responses becomes a new version, and responses keep the
 * version they answered.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

static int
questions_store(struct circle_db *db, long long sid,
    const struct circle_survey *s, struct circle_err *e)
{
	static const char del[] = "DELETE FROM question WHERE survey_id = ?";
	static const char ins[] = "INSERT INTO question (survey_id, pos, key, "
	    "kind, prompt, required, min, max, scored, reverse) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	static const char *const kinds[] = { "scale", "yesno", "choice",
	    "number", "text" };
	const struct circle_question	*q;
	sqlite3_stmt			*st;
	size_t				 i;

	if ((st = circle_cached(db, del, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		if ((st = circle_cached(db, ins, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, sid);
		sqlite3_bind_int64(st, 2, (long long)i + 1);
		circle_bind_text(st, 3, q->key);
		circle_bind_text(st, 4, kinds[q->kind]);
		circle_bind_text(st, 5, q->prompt);
		sqlite3_bind_int(st, 6, q->required);
		if (q->has_min)
			sqlite3_bind_double(st, 7, q->min);
		if (q->has_max)
			sqlite3_bind_double(st, 8, q->max);
		sqlite3_bind_int(st, 9, q->scored);
		sqlite3_bind_int(st, 10, q->reverse);
		if (circle_exec_cached(db, st, e) == -1)
			return -1;
	}
	return 0;
}

struct add_args {
	struct circle_survey		*s;
	struct circle_survey_added	*r;
	int				 dry_run;
};

static int
survey_insert(struct circle_db *db, struct circle_survey *s, int version,
    struct circle_err *e)
{
	static const char ins[] = "INSERT INTO survey (uid, key, version, "
	    "title, phase, source, digest, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?8)";
	sqlite3_stmt	*st;
	char		*uid, now[21];
	int		 rc;

	if ((st = circle_prepare(db, ins, e)) == NULL)
		return -1;
	if ((uid = circle_uuid(e)) == NULL) {
		sqlite3_finalize(st);
		return -1;
	}
	circle_now_utc(now);
	circle_bind_text(st, 1, uid);
	circle_bind_text(st, 2, s->key);
	sqlite3_bind_int(st, 3, version);
	circle_bind_text(st, 4, s->title);
	circle_bind_text(st, 5, s->phase);
	circle_bind_text(st, 6, s->source);
	circle_bind_text(st, 7, s->digest);
	circle_bind_text(st, 8, now);
	rc = circle_exec_stmt(db, st, e);
	free(uid);
	if (rc == -1)
		return -1;
	s->id = sqlite3_last_insert_rowid(db->h);
	s->version = version;
	return questions_store(db, s->id, s, e);
}

static int
survey_replace(struct circle_db *db, struct circle_survey *s, long long id,
    int version, struct circle_err *e)
{
	static const char upd[] = "UPDATE survey SET version = ?, title = ?, "
	    "phase = ?, source = ?, digest = ?, updated_at = ? WHERE id = ?";
	sqlite3_stmt	*st;
	char		 now[21];

	if ((st = circle_prepare(db, upd, e)) == NULL)
		return -1;
	circle_now_utc(now);
	sqlite3_bind_int(st, 1, version);
	circle_bind_text(st, 2, s->title);
	circle_bind_text(st, 3, s->phase);
	circle_bind_text(st, 4, s->source);
	circle_bind_text(st, 5, s->digest);
	circle_bind_text(st, 6, now);
	sqlite3_bind_int64(st, 7, id);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	s->id = id;
	s->version = version;
	return questions_store(db, id, s, e);
}

static int
add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	static const char latest[] = "SELECT s.id, s.version, s.digest, "
	    "s.source, EXISTS (SELECT 1 FROM response r WHERE r.survey_id = "
	    "s.id), (SELECT max(version) FROM survey WHERE key = s.key) FROM "
	    "survey s WHERE s.key = ? ORDER BY s.version DESC LIMIT 1";
	struct add_args		*a = arg;
	struct circle_survey	*s = a->s;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	long long		 id = 0;
	int			 version = 0, used = 0, max = 0, same = 0, rc;
	char			*detail;

	if ((st = circle_prepare(db, latest, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, s->key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		version = sqlite3_column_int(st, 1);
		same = strcmp((const char *)sqlite3_column_text(st, 2),
		    s->digest) == 0 && strcmp((const char *)
		    sqlite3_column_text(st, 3), s->source) == 0;
		if (!same && strcmp((const char *)sqlite3_column_text(st, 2),
		    s->digest) == 0)
			same = 2;	/* the words of the file, not its sense */
		used = sqlite3_column_int(st, 4);
		max = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "survey");
	a->r->key = circle_xstrdup(s->key);
	if (id == 0) {
		a->r->state = CIRCLE_ADDED;
		rc = survey_insert(db, s, s->version > 0 ? s->version : 1, e);
	} else if (same == 1 || (same == 2 && used)) {
		a->r->state = CIRCLE_UNCHANGED;
		a->r->version = version;
		return 1;
	} else if (!used) {
		a->r->state = CIRCLE_UPDATED;
		rc = survey_replace(db, s, id, s->version > version ?
		    s->version : version, e);
	} else {
		a->r->state = CIRCLE_NEW_VERSION;
		a->r->previous = version;
		rc = survey_insert(db, s, s->version > max ? s->version :
		    max + 1, e);
	}
	if (rc == -1)
		return -1;
	a->r->version = s->version;
	circle_xasprintf(&detail, "{\"key\":\"%s\",\"version\":%d}", s->key,
	    s->version);
	c = (struct circle_change){ a->r->state == CIRCLE_UPDATED ? "edit" : "add",
	    "survey", NULL, NULL, detail };
	rc = circle_log(db, &c, e);
	free(detail);
	if (rc == -1)
		return -1;
	return a->dry_run ? 1 : 0;
}

/*
 * Add the survey file at path, or update it: in place while no one has
 * answered it, else as a new version (old responses keep theirs).  The
 * same survey again changes nothing.
 */
int
circle_survey_add(struct circle_db *db, const char *path, const char *name,
    int dry_run, struct circle_survey_added *r, struct circle_err *e)
{
	struct add_args	a;
	int		rc;

	memset(r, 0, sizeof *r);
	a.r = r;
	a.dry_run = dry_run;
	if (circle_survey_file(path, name, &a.s, e) == -1)
		return -1;
	rc = circle_db_write(db, add_tx, &a, e);
	circle_survey_free(a.s);
	return rc;
}

static int
survey_load(struct circle_db *db, sqlite3_stmt *st, const char *what,
    struct circle_survey **out, struct circle_err *e)
{
	struct circle_survey	*s;
	char			 name[128];
	long long		 id;
	int			 rc, version;

	*out = NULL;
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return circle_db_error(db, e, "survey");
		return circle_err_set(e, CIRCLE_EFAIL, "no survey %s", what);
	}
	id = sqlite3_column_int64(st, 0);
	version = sqlite3_column_int(st, 1);
	snprintf(name, sizeof name, "survey %s version %d", what, version);
	if (circle_survey_parse((const char *)sqlite3_column_text(st, 2),
	    (size_t)sqlite3_column_bytes(st, 2), name, &s, e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	s->id = id;
	s->version = version;
	s->responses = sqlite3_column_int64(st, 3);
	sqlite3_finalize(st);
	*out = s;
	return 0;
}

#define SURVEY_COLS "s.id, s.version, s.source, (SELECT count(*) FROM " \
	"response r WHERE r.survey_id = s.id)"

/* The survey key, at version (0: the latest). */
int
circle_survey_get(struct circle_db *db, const char *key, int version,
    struct circle_survey **out, struct circle_err *e)
{
	sqlite3_stmt	*st;

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT " SURVEY_COLS " FROM survey s "
	    "WHERE s.key = ?1 AND (?2 = 0 OR s.version = ?2) ORDER BY "
	    "s.version DESC LIMIT 1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, version);
	return survey_load(db, st, key, out, e);
}

int
circle_survey_get_id(struct circle_db *db, long long id,
    struct circle_survey **out, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		 what[32];

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT " SURVEY_COLS ", s.key FROM "
	    "survey s WHERE s.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "%lld", id);
	return survey_load(db, st, what, out, e);
}

/* Every survey: the latest version of each, or every version with all. */
int
circle_survey_list(struct circle_db *db, int all, struct circle_survey ***out,
    size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 nids = 0, i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT s.id FROM survey s WHERE ?1 OR "
	    "s.version = (SELECT max(version) FROM survey WHERE key = s.key) "
	    "ORDER BY s.key, s.version", e)) == NULL)
		return -1;
	sqlite3_bind_int(st, 1, all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = circle_xgrow(ids, nids, sizeof *ids);
		ids[nids++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return circle_db_error(db, e, "survey");
	}
	*out = circle_xcalloc(nids + 1, sizeof **out);
	for (i = 0; i < nids; i++) {
		if (circle_survey_get_id(db, ids[i], &(*out)[i], e) == -1) {
			free(ids);
			while (i-- > 0)
				circle_survey_free((*out)[i]);
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	*n = nids;
	free(ids);
	return 0;
}
