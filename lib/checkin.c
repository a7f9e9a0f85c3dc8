/*
 * checkin.c: taking a check-in or check-out: the survey of a session, the
 * person and place, the answers, and saving the response (which raises
 * its follow-ups, followup.c).  Taking a survey again for the same person
 * and session replaces the answers; the old ones stay in the change log.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "checkin.h"

void
circle_place_release(struct circle_place *p)
{
	free(p->session_uid);
	free(p->starts_at);
	free(p->member_uid);
	free(p->handle);
	memset(p, 0, sizeof *p);
}

void
circle_take_result_release(struct circle_take_result *r)
{
	free(r->survey);
	free(r->member);
	free(r->opened);
	circle_hook_reports_free(r->hooks, r->nhooks);
	memset(r, 0, sizeof *r);
}

/* ---- which survey ------------------------------------------------------ */

static int
survey_keys(struct circle_db *db, char **list, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	*list = NULL;
	if ((st = circle_prepare(db, "SELECT DISTINCT key FROM survey ORDER "
	    "BY key", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		circle_xappend(list, ", ", "%s", sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "survey", e);
	sqlite3_finalize(st);
	return rc;
}

/* The survey for a session: the one asked for, else the group's. */
static int
session_survey(struct circle_db *db, long long sid, const char *key,
    int checkout, struct circle_survey **s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*gkey = NULL, *group = NULL, *list;
	int		 rc, n;

	*s = NULL;
	if (key != NULL)
		return circle_survey_get(db, key, 0, s, e);
	if ((st = circle_prepare(db, "SELECT g.handle, CASE WHEN ?2 THEN "
	    "g.checkout_survey ELSE g.checkin_survey END FROM session x JOIN "
	    "grp g ON g.id = x.grp_id WHERE x.id = ?1", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, checkout);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		group = circle_col_dup(st, 0);
		gkey = circle_col_dup(st, 1);
	}
	rc = circle_step_ok(db, rc, "session", e);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	if (gkey != NULL) {
		rc = circle_survey_get(db, gkey, 0, s, e);
		if (rc == -1 && e->code == CIRCLE_EFAIL)
			circle_err_set(e, CIRCLE_EFAIL, "group %s names %s "
			    "survey %s, which is not added; add it with "
			    "'circle checkin survey add FILE'", group,
			    checkout ? "check-out" : "check-in", gkey);
		free(gkey);
		free(group);
		return rc;
	}
	/* One survey of that phase, and no doubt which. */
	if ((st = circle_prepare(db, "SELECT DISTINCT key FROM survey WHERE "
	    "phase = ? LIMIT 2", e)) == NULL) {
		free(group);
		return -1;
	}
	circle_bind_text(st, 1, checkout ? "checkout" : "checkin");
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0)
			gkey = circle_col_dup(st, 0);
	}
	rc = circle_step_ok(db, rc, "survey", e);
	sqlite3_finalize(st);
	if (rc == -1) {
		free(gkey);
		free(group);
		return -1;
	}
	rc = n;
	if (rc == 1) {
		rc = circle_survey_get(db, gkey, 0, s, e);
		free(gkey);
		free(group);
		return rc;
	}
	free(gkey);
	if (survey_keys(db, &list, e) == -1) {
		free(group);
		return -1;
	}
	if (list == NULL)
		circle_err_set(e, CIRCLE_EFAIL, "no surveys yet; add one with "
		    "'circle checkin survey add FILE.yaml'");
	else
		circle_err_set(e, CIRCLE_EFAIL, "group %s has no %s survey; "
		    "give --survey (%s)", group, checkout ? "check-out" :
		    "check-in", list);
	free(list);
	free(group);
	return -1;
}

/*
 * The session and survey of a check-in, checked as taking it would: the
 * survey to ask questions from before anything is saved.
 */
int
circle_checkin_survey(struct circle_db *db, const struct circle_take_opts *o,
    struct circle_survey **sv, struct circle_session *s, struct circle_err *e)
{
	struct circle_date	today;
	char			 now[11];

	*sv = NULL;
	if (circle_session_get(db, o->group, o->session, s, e) == -1)
		return -1;
	if (!o->force && (strcmp(s->status, "cancelled") == 0 ||
	    strcmp(s->status, "not_held") == 0)) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s %s is %s; give "
		    "--force to record a check-in anyway", s->group,
		    s->local_start, strcmp(s->status, "cancelled") == 0 ?
		    "cancelled" : "marked not held");
		goto fail;
	}
	if (!o->force && circle_date_today_in(s->tzid, &today) == 0) {
		circle_date_format(&today, now);
		if (strncmp(s->local_start, now, 10) > 0) {
			circle_err_set(e, CIRCLE_EFAIL, "session %s %s is in "
			    "the future; give --force to record a check-in "
			    "anyway", s->group, s->local_start);
			goto fail;
		}
	}
	if (session_survey(db, s->id, o->survey, o->checkout, sv, e) == -1)
		goto fail;
	return 0;
fail:
	circle_session_release(s);
	return -1;
}

/*
 * The people who have answered the survey (any version of it) at the
 * session, by handle: those a round does not ask again.
 */
int
circle_checkin_answered(struct circle_db *db, long long sid, const char *key,
    char ***handles, size_t *n, struct circle_err *e)
{
	static const char sql[] = "SELECT DISTINCT m.handle FROM response r "
	    "JOIN survey v ON v.id = r.survey_id JOIN member m ON m.id = "
	    "r.member_id WHERE r.session_id = ? AND v.key = ? ORDER BY "
	    "m.handle";
	sqlite3_stmt	*st;
	int		 rc;

	*handles = NULL;
	*n = 0;
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	circle_bind_text(st, 2, key);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*handles = circle_xgrow(*handles, *n, sizeof **handles);
		(*handles)[(*n)++] = circle_col_dup(st, 0);
	}
	rc = circle_step_ok(db, rc, "response", e);
	sqlite3_finalize(st);
	if (rc == -1) {
		circle_strv_free(*handles, *n);
		*handles = NULL;
		*n = 0;
	}
	return rc;
}

/* ---- who and where ----------------------------------------------------- */

int
circle_place_session(struct circle_db *db, long long sid,
    struct circle_place *p, struct circle_err *e)
{
	static const char sql[] = "SELECT uid, starts_at, "
	    "substr(local_start, 1, 10) FROM session WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (circle_step_ok(db, rc, "session", e) == 0)
			circle_err_set(e, CIRCLE_EFAIL, "no session %lld", sid);
		sqlite3_reset(st);
		return -1;
	}
	p->session_id = sid;
	p->session_uid = circle_col_dup(st, 0);
	p->starts_at = circle_col_dup(st, 1);
	snprintf(p->day, sizeof p->day, "%s", sqlite3_column_text(st, 2));
	sqlite3_reset(st);
	return 0;
}

/*
 * The person, who must belong to the session's group (or have been marked
 * at the session) unless forced.
 */
int
circle_place_member(struct circle_db *db, long long mid, int force,
    struct circle_place *p, struct circle_err *e)
{
	static const char sql[] = "SELECT m.uid, m.handle, EXISTS (SELECT 1 "
	    "FROM membership p JOIN session x ON x.grp_id = p.grp_id WHERE "
	    "x.id = ?2 AND p.member_id = m.id) OR EXISTS (SELECT 1 FROM "
	    "attendance a WHERE a.session_id = ?2 AND a.member_id = m.id), "
	    "(SELECT g.handle FROM session x JOIN grp g ON g.id = x.grp_id "
	    "WHERE x.id = ?2) FROM member m WHERE m.id = ?1";
	sqlite3_stmt	*st;
	int		 in;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_int64(st, 2, p->session_id);
	if ((in = sqlite3_step(st)) != SQLITE_ROW) {
		if (circle_step_ok(db, in, "member", e) == 0)
			circle_err_set(e, CIRCLE_EFAIL, "no member %lld", mid);
		sqlite3_reset(st);
		return -1;
	}
	p->member_id = mid;
	p->member_uid = circle_col_dup(st, 0);
	p->handle = circle_col_dup(st, 1);
	in = sqlite3_column_int(st, 2);
	if (!in && !force)
		circle_err_set(e, CIRCLE_EFAIL, "%s is not in group %s; give "
		    "--force to record their check-in anyway", p->handle,
		    sqlite3_column_text(st, 3));
	sqlite3_reset(st);
	return in || force ? 0 : -1;
}

/* ---- answers ----------------------------------------------------------- */

void
circle_answers_free(struct circle_answer *a, size_t n)
{
	size_t	i;

	if (a == NULL)
		return;
	for (i = 0; i < n; i++)
		circle_answer_release(&a[i]);
	free(a);
}

/* key=value arguments, checked against the survey, in question order. */
static int
answers_from_args(const struct circle_survey *s, const char *const *args,
    size_t n, struct circle_answer **out, struct circle_err *e)
{
	const struct circle_question	*q;
	struct circle_answer		*a;
	const char			*eq, *k;
	char				 key[64], *list = NULL;
	size_t				 i, j, len;

	a = circle_xcalloc(s->nquestions + 1, sizeof *a);
	for (j = 0; j < s->nquestions; j++)
		a[j].q = &s->questions[j];
	for (i = 0; i < n; i++) {
		/* "mood = 5", as typed in quotes: the key without spaces. */
		k = args[i] + strspn(args[i], " \t");
		len = 0;
		if ((eq = strchr(k, '=')) != NULL)
			for (len = (size_t)(eq - k); len > 0 && (k[len - 1] ==
			    ' ' || k[len - 1] == '\t'); len--)
				continue;
		if (eq == NULL || len == 0) {
			circle_err_set(e, CIRCLE_EUSAGE, "\"%s\": expected "
			    "question=answer", args[i]);
			goto fail;
		}
		snprintf(key, sizeof key, "%.*s", (int)(len < 63 ? len : 63),
		    k);
		if ((q = circle_survey_question(s, key)) == NULL) {
			for (j = 0; j < s->nquestions; j++)
				circle_xappend(&list, ", ", "%s",
				    s->questions[j].key);
			circle_err_set(e, CIRCLE_EDATA, "survey %s has no "
			    "question \"%s\" (its questions: %s)", s->key, key,
			    list);
			free(list);
			goto fail;
		}
		j = (size_t)(q - s->questions);
		if (a[j].given) {
			circle_err_set(e, CIRCLE_EDATA, "%s: answered twice",
			    key);
			goto fail;
		}
		if (circle_answer_parse(&s->questions[j], eq + 1, &a[j],
		    e) == -1)
			goto fail;
	}
	*out = a;
	return 0;
fail:
	circle_answers_free(a, s->nquestions);
	return -1;
}

static int
answers_required(const struct circle_survey *s, const struct circle_answer *a,
    struct circle_err *e)
{
	const struct circle_question	*q;
	char				 lo[32], hi[32];
	size_t				 i;

	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		if (!q->required || a[i].given)
			continue;
		if (q->kind == CIRCLE_Q_SCALE) {
			circle_num_format(q->min, lo, sizeof lo);
			circle_num_format(q->max, hi, sizeof hi);
			return circle_err_set(e, CIRCLE_EDATA, "%s: no answer; "
			    "it is required (%s to %s)", q->key, lo, hi);
		}
		return circle_err_set(e, CIRCLE_EDATA, "%s: no answer; it is "
		    "required", q->key);
	}
	return 0;
}

/* The answers as JSON, for the change log: {"mood": 7, "safe": "yes"}. */
static json_t *
answers_json(const struct circle_answer *a, size_t n)
{
	json_t	*o = json_object();
	char	 buf[64];
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (!a[i].given)
			continue;
		if (a[i].q->kind == CIRCLE_Q_YESNO) {
			circle_answer_format(&a[i], buf, sizeof buf);
			json_object_set_new(o, a[i].q->key, json_string(buf));
		} else if (a[i].text != NULL)
			json_object_set_new(o, a[i].q->key,
			    json_string(a[i].text));
		else
			json_object_set_new(o, a[i].q->key,
			    json_real(a[i].num));
	}
	return o;
}

/* ---- saving ------------------------------------------------------------ */

/* The response this one replaces: same person, session and survey. */
static int
response_replaced(struct circle_db *db, const struct circle_survey *s,
    const struct circle_place *p, long long *id, char **uid, long long *sid,
    struct circle_err *e)
{
	static const char bymember[] = "SELECT r.id, r.uid, r.survey_id FROM "
	    "response r JOIN survey v ON v.id = r.survey_id WHERE "
	    "r.session_id = ?1 AND r.member_id = ?2 AND v.key = ?3";
	sqlite3_stmt	*st;
	int		 rc;

	*id = 0;
	*uid = NULL;
	if (p->member_id == 0)
		return 0;	/* anonymous: see anon_same() */
	if ((st = circle_cached(db, bymember, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->session_id);
	sqlite3_bind_int64(st, 2, p->member_id);
	circle_bind_text(st, 3, s->key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*uid = circle_col_dup(st, 1);
		*sid = sqlite3_column_int64(st, 2);
	}
	rc = circle_step_ok(db, rc, "response", e);
	sqlite3_reset(st);
	return rc;
}

static int	stored_json(struct circle_db *, long long, json_t **,
		    struct circle_err *);

/*
 * An anonymous response is never replaced: another one is someone else's.
 * Only the very same one again, at the same time to the second with the
 * same answers (a form imported twice), is not kept twice.  *id: that one,
 * or 0.
 */
static int
anon_same(struct circle_db *db, const struct circle_survey *s,
    const struct circle_place *p, const char *taken, json_t *answers,
    long long *id, struct circle_err *e)
{
	static const char sql[] = "SELECT r.id FROM response r JOIN survey v "
	    "ON v.id = r.survey_id WHERE r.session_id = ?1 AND r.member_id IS "
	    "NULL AND v.key = ?2 AND r.taken_at = ?3 ORDER BY r.id";
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0, i;
	json_t		*old;
	int		 rc, same;

	*id = 0;
	if (taken == NULL)
		return 0;
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->session_id);
	circle_bind_text(st, 2, s->key);
	circle_bind_text(st, 3, taken);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ids = circle_xgrow(ids, n, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return circle_db_error(db, e, "response");
	}
	for (i = 0; i < n && *id == 0; i++) {
		if (stored_json(db, ids[i], &old, e) == -1) {
			free(ids);
			return -1;
		}
		same = json_equal(old, answers);
		json_decref(old);
		if (same)
			*id = ids[i];
	}
	free(ids);
	return 0;
}

/* The stored answers of a response, as JSON like answers_json(). */
static int
stored_json(struct circle_db *db, long long rid, json_t **out,
    struct circle_err *e)
{
	static const char sql[] = "SELECT a.question, a.num, a.text, q.kind "
	    "FROM answer a JOIN response r ON r.id = a.response_id LEFT JOIN "
	    "question q ON q.survey_id = r.survey_id AND q.key = a.question "
	    "WHERE a.response_id = ? ORDER BY q.pos";
	sqlite3_stmt	*st;
	int		 rc;
	const char	*k;
	json_t		*o = json_object();

	if ((st = circle_cached(db, sql, e)) == NULL) {
		json_decref(o);
		return -1;
	}
	sqlite3_bind_int64(st, 1, rid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			json_object_set_new(o, k, json_string((const char *)
			    sqlite3_column_text(st, 2)));
		else if (sqlite3_column_text(st, 3) != NULL &&
		    strcmp((const char *)sqlite3_column_text(st, 3),
		    "yesno") == 0)
			json_object_set_new(o, k, json_string(
			    sqlite3_column_double(st, 1) != 0 ? "yes" : "no"));
		else
			json_object_set_new(o, k,
			    json_real(sqlite3_column_double(st, 1)));
	}
	rc = circle_step_ok(db, rc, "answer", e);
	sqlite3_reset(st);
	if (rc == -1) {
		json_decref(o);
		return -1;
	}
	*out = o;
	return 0;
}

static int
answers_store(struct circle_db *db, long long rid,
    const struct circle_answer *a, size_t n, struct circle_err *e)
{
	static const char del[] = "DELETE FROM answer WHERE response_id = ?";
	static const char ins[] = "INSERT INTO answer (response_id, question, "
	    "num, text) VALUES (?, ?, ?, ?)";
	sqlite3_stmt	*st;
	size_t		 i;

	if ((st = circle_cached(db, del, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (!a[i].given)
			continue;
		if ((st = circle_cached(db, ins, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, rid);
		circle_bind_text(st, 2, a[i].q->key);
		if (a[i].text == NULL)
			sqlite3_bind_double(st, 3, a[i].num);
		circle_bind_text(st, 4, a[i].text);
		if (circle_exec_cached(db, st, e) == -1)
			return -1;
	}
	return 0;
}

static int
response_log(struct circle_db *db, const char *action, const char *uid,
    const struct circle_place *p, const struct circle_survey *s, json_t *old,
    json_t *new, struct circle_err *e)
{
	struct circle_change	 c;
	json_t			*d;
	char			*detail;
	int			 rc;

	d = json_pack("{s:s, s:s, s:i}", "session", p->session_uid, "survey",
	    s->key, "version", s->version);
	if (old != NULL)
		json_object_set(d, "old", old);
	if (new != NULL)
		json_object_set(d, "new", new);
	detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	c = (struct circle_change){ action, "response", uid, p->member_uid,
	    detail };
	rc = circle_log(db, &c, e);
	free(detail);
	return rc;
}

/*
 * Save a response (answers in question order) at the place, replacing the
 * person's earlier one to the same survey at that session, and open the
 * follow-ups it calls for.  taken: UTC, or NULL for now.
 */
int
circle_response_save(struct circle_db *db, const struct circle_survey *s,
    const struct circle_place *p, const struct circle_answer *a,
    const char *taken, struct circle_saved *r, struct circle_err *e)
{
	static const char ins[] = "INSERT INTO response (uid, survey_id, "
	    "session_id, member_id, phase, taken_at, score, created_at, "
	    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?8, ?8)";
	static const char upd[] = "UPDATE response SET survey_id = ?, "
	    "taken_at = ?, score = ?, phase = ?, updated_at = ? WHERE id = ?";
	sqlite3_stmt	*st;
	json_t		*old = NULL, *new;
	const char	*given = taken;
	char		*uid = NULL, now[21];
	long long	 id, osid = 0;
	int		 rc = -1;

	circle_now_utc(now);
	if (taken == NULL)
		taken = now;
	r->has_score = circle_survey_score(s, a, &r->score);
	if (response_replaced(db, s, p, &id, &uid, &osid, e) == -1)
		return -1;
	new = answers_json(a, s->nquestions);
	if (p->member_id == 0) {
		if (anon_same(db, s, p, given, new, &id, e) == -1)
			goto out;
		if (id != 0) {
			r->state = CIRCLE_UNCHANGED;
			r->id = id;
			rc = 0;
			goto out;
		}
	}
	if (id != 0) {
		if (stored_json(db, id, &old, e) == -1)
			goto out;
		if (osid == s->id && json_equal(old, new)) {
			r->state = CIRCLE_UNCHANGED;
			r->id = id;
			rc = 0;
			goto out;
		}
	}
	if (id != 0) {
		if ((st = circle_cached(db, upd, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, s->id);
		circle_bind_text(st, 2, taken);
		if (r->has_score)
			sqlite3_bind_double(st, 3, r->score);
		circle_bind_text(st, 4, s->phase);
		circle_bind_text(st, 5, now);
		sqlite3_bind_int64(st, 6, id);
		if (circle_exec_cached(db, st, e) == -1 ||
		    response_log(db, "replace", uid, p, s, old, new, e) == -1)
			goto out;
		r->state = CIRCLE_UPDATED;
	} else {
		if ((st = circle_cached(db, ins, e)) == NULL)
			goto out;
		if ((uid = circle_uuid(e)) == NULL)
			goto out;
		circle_bind_text(st, 1, uid);
		sqlite3_bind_int64(st, 2, s->id);
		sqlite3_bind_int64(st, 3, p->session_id);
		if (p->member_id != 0)
			sqlite3_bind_int64(st, 4, p->member_id);
		circle_bind_text(st, 5, s->phase);
		circle_bind_text(st, 6, taken);
		if (r->has_score)
			sqlite3_bind_double(st, 7, r->score);
		circle_bind_text(st, 8, now);
		if (circle_exec_cached(db, st, e) == -1)
			goto out;
		id = sqlite3_last_insert_rowid(db->h);
		if (response_log(db, "add", uid, p, s, NULL, NULL, e) == -1)
			goto out;
		r->state = CIRCLE_ADDED;
	}
	r->id = id;
	if (answers_store(db, id, a, s->nquestions, e) == -1)
		goto out;
	rc = circle_followups_raise(db, s, p, id, a, r->has_score, r->score,
	    r->opened,
	    r->nopened, &r->withdrawn, e);
out:
	json_decref(old);
	json_decref(new);
	free(uid);
	return rc;
}

/* ---- take -------------------------------------------------------------- */

struct take_args {
	const struct circle_take_opts	*o;
	const char *const		*args;
	size_t				 nargs;
	struct circle_take_result	*r;
};

static int
take_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct take_args	*t = arg;
	struct circle_survey	*s = NULL;
	struct circle_session	 sess;
	struct circle_answer	*a = NULL;
	struct circle_place	 p;
	struct circle_saved	 sv;
	long long		 mid, gid;
	int			 rc = -1;

	memset(&p, 0, sizeof p);
	memset(&sv, 0, sizeof sv);
	free(t->r->opened);
	t->r->opened = NULL;
	t->r->nopened = 0;
	if (circle_checkin_survey(db, t->o, &s, &sess, e) == -1)
		return -1;
	if (circle_place_session(db, sess.id, &p, e) == -1)
		goto out;
	/* The person is looked for among the session's group first. */
	if (t->o->member != NULL && (circle_group_resolve(db, sess.group, &gid,
	    e) == -1 || circle_member_resolve_in(db, gid, t->o->member, &mid,
	    e) == -1 || circle_place_member(db, mid, t->o->force, &p,
	    e) == -1))
		goto out;
	if (answers_from_args(s, t->args, t->nargs, &a, e) == -1 ||
	    answers_required(s, a, e) == -1)
		goto out;
	sv.opened = &t->r->opened;
	sv.nopened = &t->r->nopened;
	if (circle_response_save(db, s, &p, a, NULL, &sv, e) == -1)
		goto out;
	t->r->response_id = sv.id;
	t->r->state = sv.state;
	t->r->has_score = sv.has_score;
	t->r->score = sv.score;
	t->r->withdrawn = sv.withdrawn;
	free(t->r->survey);
	t->r->survey = circle_xstrdup(s->key);
	free(t->r->member);
	t->r->member = p.handle != NULL ? circle_xstrdup(p.handle) : NULL;
	t->r->version = s->version;
	rc = 0;
out:
	circle_answers_free(a, s->nquestions);
	circle_place_release(&p);
	circle_session_release(&sess);
	circle_survey_free(s);
	return rc;
}

/*
 * Record one person's (or, with no member, an anonymous) answers, given
 * as question=answer, at a session: all checked first, saved in one
 * transaction or not at all.
 */
int
circle_checkin_take(struct circle_db *db, const struct circle_take_opts *o,
    const char *const *args, size_t n, struct circle_take_result *r,
    struct circle_err *e)
{
	struct take_args	t = { o, args, n, r };

	memset(r, 0, sizeof *r);
	if (circle_db_write(db, take_tx, &t, e) == -1) {
		circle_take_result_release(r);
		return -1;
	}
	if (!o->no_hooks)
		circle_followup_hooks(db, r->opened, r->nopened, &r->hooks,
		    &r->nhooks);
	return 0;
}
