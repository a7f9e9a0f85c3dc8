/*
 * checkin.c: check-in and check-out responses to a survey at a session,
 * the follow-ups their flags open, and the lists and reports over them.
 * Taking a survey again for the same person and session replaces the
 * answers; the old ones stay in the change log.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"

/* Where a response is being saved. */
struct place {
	long long		 session_id;
	char			*session_uid;	/* owned */
	char			*starts_at;	/* owned: UTC */
	char			 day[11];	/* local date */
	long long		 member_id;	/* 0: anonymous */
	char			*member_uid;	/* owned */
	char			*handle;	/* owned */
};

static void
place_release(struct place *p)
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
	memset(r, 0, sizeof *r);
}

void
circle_checkin_import_release(struct circle_checkin_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	free(r->opened);
	memset(r, 0, sizeof *r);
}

/* ---- which survey ------------------------------------------------------ */

static int
survey_keys(struct circle_db *db, char **list, struct circle_err *e)
{
	sqlite3_stmt	*st;

	*list = NULL;
	if ((st = circle_prepare(db, "SELECT DISTINCT key FROM survey ORDER "
	    "BY key", e)) == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		circle_xappend(list, ", ", "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return 0;
}

/* The survey for a session: the one asked for, else the group's. */
static int
session_survey(struct circle_db *db, long long sid, const char *key,
    int checkout, struct circle_survey **s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*gkey = NULL, *group = NULL, *list;
	int		 rc;

	*s = NULL;
	if (key != NULL)
		return circle_survey_get(db, key, 0, s, e);
	if ((st = circle_prepare(db, "SELECT g.handle, CASE WHEN ?2 THEN "
	    "g.checkout_survey ELSE g.checkin_survey END FROM session x JOIN "
	    "grp g ON g.id = x.grp_id WHERE x.id = ?1", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int(st, 2, checkout);
	if (sqlite3_step(st) == SQLITE_ROW) {
		group = circle_col_dup(st, 0);
		gkey = circle_col_dup(st, 1);
	}
	sqlite3_finalize(st);
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
	rc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (rc++ == 0)
			gkey = circle_col_dup(st, 0);
	}
	sqlite3_finalize(st);
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

/* ---- who and where ----------------------------------------------------- */

static int
place_session(struct circle_db *db, long long sid, struct place *p,
    struct circle_err *e)
{
	static const char sql[] = "SELECT uid, starts_at, "
	    "substr(local_start, 1, 10) FROM session WHERE id = ?";
	sqlite3_stmt	*st;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return circle_err_set(e, CIRCLE_EFAIL, "no session %lld", sid);
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
static int
place_member(struct circle_db *db, long long mid, int force, struct place *p,
    struct circle_err *e)
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
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return circle_err_set(e, CIRCLE_EFAIL, "no member %lld", mid);
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

static void
answers_free(struct circle_answer *a, size_t n)
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
	struct circle_answer	*a;
	const char		*eq;
	char			 key[64], *list = NULL;
	size_t			 i, j, len;

	a = circle_xcalloc(s->nquestions + 1, sizeof *a);
	for (j = 0; j < s->nquestions; j++)
		a[j].q = &s->questions[j];
	for (i = 0; i < n; i++) {
		if ((eq = strchr(args[i], '=')) == NULL || eq == args[i]) {
			circle_err_set(e, CIRCLE_EUSAGE, "\"%s\": expected "
			    "question=answer", args[i]);
			goto fail;
		}
		len = (size_t)(eq - args[i]);
		snprintf(key, sizeof key, "%.*s", (int)(len < 63 ? len : 63),
		    args[i]);
		for (j = 0; j < s->nquestions; j++)
			if (strcmp(s->questions[j].key, key) == 0)
				break;
		if (j == s->nquestions) {
			for (j = 0; j < s->nquestions; j++)
				circle_xappend(&list, ", ", "%s",
				    s->questions[j].key);
			circle_err_set(e, CIRCLE_EDATA, "survey %s has no "
			    "question \"%s\" (its questions: %s)", s->key, key,
			    list);
			free(list);
			goto fail;
		}
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
	answers_free(a, s->nquestions);
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

/* ---- flags ------------------------------------------------------------- */

struct hit {
	const struct circle_flag	*flag;
	char				*reason;	/* owned */
};

/* The previous response of the same person to the same survey. */
static int
previous(struct circle_db *db, const struct circle_survey *s,
    const struct place *p, long long rid, long long *prev, char day[11],
    double *score, int *has_score, struct circle_err *e)
{
	static const char sql[] = "SELECT r.id, substr(x.local_start, 1, 10), "
	    "r.score FROM response r JOIN survey v ON v.id = r.survey_id JOIN "
	    "session x ON x.id = r.session_id WHERE r.member_id = ?1 AND "
	    "v.key = ?2 AND r.id != ?3 AND x.starts_at < ?4 ORDER BY "
	    "x.starts_at DESC, r.taken_at DESC LIMIT 1";
	sqlite3_stmt	*st;

	*prev = 0;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->member_id);
	circle_bind_text(st, 2, s->key);
	sqlite3_bind_int64(st, 3, rid);
	circle_bind_text(st, 4, p->starts_at);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*prev = sqlite3_column_int64(st, 0);
		snprintf(day, 11, "%s", sqlite3_column_text(st, 1));
		*has_score = sqlite3_column_type(st, 2) != SQLITE_NULL;
		*score = sqlite3_column_double(st, 2);
	}
	sqlite3_reset(st);
	return 0;
}

static int
previous_answer(struct circle_db *db, long long rid, const char *q,
    double *v, struct circle_err *e)
{
	static const char sql[] = "SELECT num FROM answer WHERE response_id = "
	    "? AND question = ? AND num IS NOT NULL";
	sqlite3_stmt	*st;
	int		 found;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	circle_bind_text(st, 2, q);
	if ((found = sqlite3_step(st) == SQLITE_ROW))
		*v = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	return found;
}

static char *
reason(const struct circle_flag *f, const char *what)
{
	char	*r;

	if (f->reason != NULL)
		circle_xasprintf(&r, "%s (%s)", f->reason, what);
	else
		r = circle_xstrdup(what);
	return r;
}

/* Does flag f hit, and why: 1 with *why set, 0 if not, -1 on error. */
static int
flag_hits(struct circle_db *db, const struct circle_survey *s,
    const struct circle_flag *f, const struct circle_answer *a, int has_score,
    double score, const struct place *p, long long rid, char **why,
    struct circle_err *e)
{
	const struct circle_answer	*x = NULL;
	const char			*name;
	char				 v[64], t[32], o[32], day[11], what[320];
	double				 val, prev, pscore;
	long long			 prid;
	size_t				 i;
	int				 hs, rc;

	if (f->on != NULL) {
		for (i = 0; i < s->nquestions; i++)
			if (strcmp(s->questions[i].key, f->on) == 0)
				x = &a[i];
		if (x == NULL || !x->given)
			return 0;
		val = x->num;
		name = f->on;
		circle_answer_format(x, v, sizeof v);
	} else {
		if (!has_score)
			return 0;
		val = score;
		name = s->score_name;
		circle_num_format(score, v, sizeof v);
	}
	circle_num_format(f->value, t, sizeof t);
	switch (f->op) {
	case CIRCLE_FLAG_AT_LEAST:
		if (val < f->value)
			return 0;
		snprintf(what, sizeof what, "%s %s, %s or more", name, v, t);
		break;
	case CIRCLE_FLAG_AT_MOST:
		if (val > f->value)
			return 0;
		snprintf(what, sizeof what, "%s %s, %s or less", name, v, t);
		break;
	case CIRCLE_FLAG_IS:
		if (f->is != NULL && x->q->kind == CIRCLE_Q_CHOICE ?
		    strcmp(x->text, f->is) != 0 : val != f->value)
			return 0;
		snprintf(what, sizeof what, "%s: %s", name, v);
		break;
	case CIRCLE_FLAG_DROP:
		if (p->member_id == 0)
			return 0;
		if (previous(db, s, p, rid, &prid, day, &pscore, &hs, e) == -1)
			return -1;
		if (prid == 0)
			return 0;
		if (f->on != NULL) {
			if ((rc = previous_answer(db, prid, f->on, &prev,
			    e)) <= 0)
				return rc;
		} else if (!hs)
			return 0;
		else
			prev = pscore;
		if (prev - val < f->value)
			return 0;
		circle_num_format(prev, o, sizeof o);
		snprintf(what, sizeof what, "%s down from %s to %s since %s, "
		    "a drop of %s or more", name, o, v, day, t);
		break;
	}
	*why = reason(f, what);
	return 1;
}

static int
followup_open(struct circle_db *db, const struct place *p, long long rid,
    const struct hit *h, const char *now, long long *id, struct circle_err *e)
{
	static const char ins[] = "INSERT INTO followup (uid, member_id, "
	    "session_id, response_id, flag, reason, created_at, updated_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?7, ?7)";
	struct circle_change	 c;
	sqlite3_stmt		*st;
	json_t			*d;
	char			*uid, *detail;
	int			 rc;

	if ((st = circle_cached(db, ins, e)) == NULL)
		return -1;
	if ((uid = circle_uuid(e)) == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if (p->member_id != 0)
		sqlite3_bind_int64(st, 2, p->member_id);
	sqlite3_bind_int64(st, 3, p->session_id);
	sqlite3_bind_int64(st, 4, rid);
	circle_bind_text(st, 5, h->flag->id);
	circle_bind_text(st, 6, h->reason);
	circle_bind_text(st, 7, now);
	if (circle_exec_cached(db, st, e) == -1) {
		free(uid);
		return -1;
	}
	*id = sqlite3_last_insert_rowid(db->h);
	d = json_pack("{s:s, s:s}", "session", p->session_uid, "flag",
	    h->flag->id);
	detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	c = (struct circle_change){ "open", "followup", uid, p->member_uid,
	    detail };
	rc = circle_log(db, &c, e);
	free(detail);
	free(uid);
	return rc;
}

/* A follow-up withdrawn, in the change log: its "open" entry is there. */
static int
followup_withdrawn(struct circle_db *db, const struct place *p,
    const char *uid, struct circle_err *e)
{
	struct circle_change	 c;
	json_t			*d;
	char			*detail;
	int			 rc;

	d = json_pack("{s:s, s:s}", "session", p->session_uid, "why",
	    "no longer flagged");
	detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	c = (struct circle_change){ "withdraw", "followup", uid,
	    p->member_uid, detail };
	rc = circle_log(db, &c, e);
	free(detail);
	return rc;
}

/*
 * Open the follow-ups the flags call for: a flag already raised on this
 * response keeps its follow-up (whatever became of it); an open one no
 * longer called for (the answer was corrected) is withdrawn, and opened
 * again if the flag is raised again.
 */
static int
followups(struct circle_db *db, const struct circle_survey *s,
    const struct place *p, long long rid, const struct circle_answer *a,
    int has_score, double score, long long **opened, size_t *nopened,
    size_t *withdrawn, struct circle_err *e)
{
	static const char have[] = "SELECT id, status FROM followup WHERE "
	    "response_id = ? AND flag = ?";
	static const char reopen[] = "UPDATE followup SET status = 'open', "
	    "reason = ?, closed_at = NULL, updated_at = ? WHERE id = ?";
	static const char reword[] = "UPDATE followup SET reason = ?, "
	    "updated_at = ? WHERE response_id = ? AND flag = ? AND status = "
	    "'open' AND reason != ?1";
	static const char stale[] = "SELECT id, flag, uid FROM followup "
	    "WHERE response_id = ? AND status = 'open'";
	static const char del[] = "UPDATE followup SET status = "
	    "'withdrawn', closed_at = ?2, updated_at = ?2 WHERE id = ?1";
	struct hit	*hits;
	sqlite3_stmt	*st;
	char		 now[21], **guid = NULL;
	long long	 id, *gone = NULL;
	size_t		 i, j, nhits = 0, ngone = 0;
	int		 rc = -1, found;

	hits = circle_xcalloc(s->nflags + 1, sizeof *hits);
	for (i = 0; i < s->nflags; i++) {
		hits[nhits].flag = &s->flags[i];
		if ((found = flag_hits(db, s, &s->flags[i], a, has_score,
		    score, p, rid, &hits[nhits].reason, e)) == -1)
			goto out;
		nhits += (size_t)found;
	}
	if ((st = circle_prepare(db, stale, e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, rid);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (j = 0; j < nhits; j++)
			if (strcmp(hits[j].flag->id,
			    (const char *)sqlite3_column_text(st, 1)) == 0)
				break;
		if (j < nhits)
			continue;
		gone = circle_xgrow(gone, ngone, sizeof *gone);
		guid = circle_xgrow(guid, ngone, sizeof *guid);
		guid[ngone] = circle_col_dup(st, 2);
		gone[ngone++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	circle_now_utc(now);
	for (i = 0; i < ngone; i++) {
		if ((st = circle_cached(db, del, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, gone[i]);
		circle_bind_text(st, 2, now);
		if (circle_exec_cached(db, st, e) == -1 ||
		    followup_withdrawn(db, p, guid[i], e) == -1)
			goto out;
		(*withdrawn)++;
	}
	for (i = 0; i < nhits; i++) {
		if ((st = circle_cached(db, have, e)) == NULL)
			goto out;
		sqlite3_bind_int64(st, 1, rid);
		circle_bind_text(st, 2, hits[i].flag->id);
		id = 0;
		if ((found = sqlite3_step(st) == SQLITE_ROW)) {
			id = sqlite3_column_int64(st, 0);
			found = strcmp((const char *)sqlite3_column_text(st,
			    1), "withdrawn") == 0 ? 2 : 1;
		}
		sqlite3_reset(st);
		if (found == 2) {
			/* Flagged again after a correction: open again. */
			if ((st = circle_cached(db, reopen, e)) == NULL)
				goto out;
			circle_bind_text(st, 1, hits[i].reason);
			circle_bind_text(st, 2, now);
			sqlite3_bind_int64(st, 3, id);
			if (circle_exec_cached(db, st, e) == -1)
				goto out;
			*opened = circle_xgrow(*opened, *nopened,
			    sizeof **opened);
			(*opened)[(*nopened)++] = id;
			continue;
		}
		if (found) {
			/* Still flagged: say why as it is now. */
			if ((st = circle_cached(db, reword, e)) == NULL)
				goto out;
			circle_bind_text(st, 1, hits[i].reason);
			circle_bind_text(st, 2, now);
			sqlite3_bind_int64(st, 3, rid);
			circle_bind_text(st, 4, hits[i].flag->id);
			if (circle_exec_cached(db, st, e) == -1)
				goto out;
			continue;
		}
		if (followup_open(db, p, rid, &hits[i], now, &id, e) == -1)
			goto out;
		*opened = circle_xgrow(*opened, *nopened, sizeof **opened);
		(*opened)[(*nopened)++] = id;
	}
	rc = 0;
out:
	for (i = 0; i < nhits; i++)
		free(hits[i].reason);
	free(hits);
	free(gone);
	circle_strv_free(guid, ngone);
	return rc;
}

/* ---- saving ------------------------------------------------------------ */

struct saved {
	int		 state;		/* 0 unchanged, 1 added, 2 replaced */
	long long	 id;
	int		 has_score;
	double		 score;
	long long	**opened;	/* appended to */
	size_t		*nopened;
	size_t		 withdrawn;
};

/* The response this one replaces: same person, session and survey. */
static int
existing(struct circle_db *db, const struct circle_survey *s,
    const struct place *p, long long *id, char **uid, long long *sid,
    struct circle_err *e)
{
	static const char bymember[] = "SELECT r.id, r.uid, r.survey_id FROM "
	    "response r JOIN survey v ON v.id = r.survey_id WHERE "
	    "r.session_id = ?1 AND r.member_id = ?2 AND v.key = ?3";
	sqlite3_stmt	*st;

	*id = 0;
	*uid = NULL;
	if (p->member_id == 0)
		return 0;	/* anonymous: see anon_same() */
	if ((st = circle_cached(db, bymember, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->session_id);
	sqlite3_bind_int64(st, 2, p->member_id);
	circle_bind_text(st, 3, s->key);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*uid = circle_col_dup(st, 1);
		*sid = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return 0;
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
    const struct place *p, const char *taken, json_t *answers, long long *id,
    struct circle_err *e)
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
	const char	*k;
	json_t		*o = json_object();

	if ((st = circle_cached(db, sql, e)) == NULL) {
		json_decref(o);
		return -1;
	}
	sqlite3_bind_int64(st, 1, rid);
	while (sqlite3_step(st) == SQLITE_ROW) {
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
	sqlite3_reset(st);
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
    const struct place *p, const struct circle_survey *s, json_t *old,
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
static int
save(struct circle_db *db, const struct circle_survey *s,
    const struct place *p, const struct circle_answer *a, const char *taken,
    struct saved *r, struct circle_err *e)
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
	if (existing(db, s, p, &id, &uid, &osid, e) == -1)
		return -1;
	new = answers_json(a, s->nquestions);
	if (p->member_id == 0) {
		if (anon_same(db, s, p, given, new, &id, e) == -1)
			goto out;
		if (id != 0) {
			r->state = 0;
			r->id = id;
			rc = 0;
			goto out;
		}
	}
	if (id != 0) {
		if (stored_json(db, id, &old, e) == -1)
			goto out;
		if (osid == s->id && json_equal(old, new)) {
			r->state = 0;
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
		r->state = 2;
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
		r->state = 1;
	}
	r->id = id;
	if (answers_store(db, id, a, s->nquestions, e) == -1)
		goto out;
	rc = followups(db, s, p, id, a, r->has_score, r->score, r->opened,
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
	struct place		 p;
	struct saved		 sv;
	long long		 mid;
	int			 rc = -1;

	memset(&p, 0, sizeof p);
	memset(&sv, 0, sizeof sv);
	free(t->r->opened);
	t->r->opened = NULL;
	t->r->nopened = 0;
	if (circle_checkin_survey(db, t->o, &s, &sess, e) == -1)
		return -1;
	if (place_session(db, sess.id, &p, e) == -1)
		goto out;
	if (t->o->member != NULL && (circle_member_resolve(db, t->o->member,
	    &mid, e) == -1 || place_member(db, mid, t->o->force, &p,
	    e) == -1))
		goto out;
	if (answers_from_args(s, t->args, t->nargs, &a, e) == -1 ||
	    answers_required(s, a, e) == -1)
		goto out;
	sv.opened = &t->r->opened;
	sv.nopened = &t->r->nopened;
	if (save(db, s, &p, a, NULL, &sv, e) == -1)
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
	answers_free(a, s->nquestions);
	place_release(&p);
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
	return 0;
}

/* ---- lists ------------------------------------------------------------- */

struct ids {
	long long	gid, sid, mid;
};

static int
filter_ids(struct circle_db *db, const struct circle_checkin_filter *f,
    struct ids *x, struct circle_err *e)
{
	memset(x, 0, sizeof *x);
	if (f->from != NULL && circle_date_check("--from", f->from, e) == -1)
		return -1;
	if (f->to != NULL && circle_date_check("--to", f->to, e) == -1)
		return -1;
	if (f->group != NULL && circle_group_resolve(db, f->group, &x->gid,
	    e) == -1)
		return -1;
	if (f->session != NULL && circle_session_resolve(db, f->group,
	    f->session, &x->sid, e) == -1)
		return -1;
	if (f->member != NULL && circle_member_resolve(db, f->member, &x->mid,
	    e) == -1)
		return -1;
	return 0;
}

/* Bind the common filter: ?1 group, ?2 session, ?3 member, ?4 survey key,
 * ?5 from, ?6 to. */
static void
filter_bind(sqlite3_stmt *st, const struct circle_checkin_filter *f,
    const struct ids *x)
{
	if (x->gid != 0)
		sqlite3_bind_int64(st, 1, x->gid);
	if (x->sid != 0)
		sqlite3_bind_int64(st, 2, x->sid);
	if (x->mid != 0)
		sqlite3_bind_int64(st, 3, x->mid);
	circle_bind_text(st, 4, f->survey);
	circle_bind_text(st, 5, f->from);
	circle_bind_text(st, 6, f->to);
}

#define FILTER_WHERE "(?1 IS NULL OR x.grp_id = ?1) AND (?2 IS NULL OR " \
	"x.id = ?2) AND (?3 IS NULL OR r.member_id = ?3) AND (?4 IS NULL OR " \
	"v.key = ?4) AND (?5 IS NULL OR substr(x.local_start, 1, 10) >= ?5) " \
	"AND (?6 IS NULL OR substr(x.local_start, 1, 10) <= ?6)"

/* One answer as text, in SQL: yes/no, a number as written, or the text. */
#define ANSWER_TEXT "CASE WHEN a.text IS NOT NULL THEN a.text WHEN q.kind " \
	"= 'yesno' THEN CASE WHEN a.num != 0 THEN 'yes' ELSE 'no' END ELSE " \
	"printf('%.15g', a.num) END"

/* A score as text: 6.33, 7. */
#define SCORE_TEXT(x) "CASE WHEN " x " IS NULL THEN NULL ELSE " \
	"printf('%.15g', round(" x ", 2)) END"

static int
rows(struct circle_db *db, sqlite3_stmt *st, int ncols,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	const char	*v[24];
	int		 i, rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < ncols && i < 24; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		fn(arg, v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "check-ins");
	return 0;
}

static const struct circle_col list_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "session", CIRCLE_COL_TEXT },
	{ "group", CIRCLE_COL_TEXT }, { "member", CIRCLE_COL_TEXT },
	{ "survey", CIRCLE_COL_TEXT }, { "version", CIRCLE_COL_INT },
	{ "phase", CIRCLE_COL_TEXT }, { "score", CIRCLE_COL_REAL },
	{ "answers", CIRCLE_COL_TEXT },
};

const struct circle_col *
circle_checkin_list_cols(size_t *n)
{
	*n = sizeof list_cols / sizeof list_cols[0];
	return list_cols;
}

/* Responses, oldest session first: answers as "mood=7 safe=yes". */
int
circle_checkin_list(struct circle_db *db, const struct circle_checkin_filter *f,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct ids	 x;

	if (filter_ids(db, f, &x, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT r.id, x.local_start, g.handle, "
	    "coalesce(m.handle, 'anonymous'), v.key, v.version, r.phase, "
	    SCORE_TEXT("r.score") ", (SELECT group_concat(t, ' ') FROM "
	    "(SELECT a.question || '=' || " ANSWER_TEXT " AS t FROM answer a "
	    "JOIN question q ON q.survey_id = r.survey_id AND q.key = "
	    "a.question WHERE a.response_id = r.id ORDER BY q.pos)) FROM "
	    "response r JOIN survey v ON v.id = r.survey_id JOIN session x ON "
	    "x.id = r.session_id JOIN grp g ON g.id = x.grp_id LEFT JOIN "
	    "member m ON m.id = r.member_id WHERE " FILTER_WHERE " ORDER BY "
	    "x.starts_at, r.taken_at, r.id", e)) == NULL)
		return -1;
	filter_bind(st, f, &x);
	return rows(db, st, 9, fn, arg, e);
}

static const struct circle_col followup_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "opened", CIRCLE_COL_TEXT },
	{ "member", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
	{ "group", CIRCLE_COL_TEXT }, { "session", CIRCLE_COL_TEXT },
	{ "reason", CIRCLE_COL_TEXT }, { "status", CIRCLE_COL_TEXT },
	{ "note", CIRCLE_COL_TEXT },
};

const struct circle_col *
circle_followup_cols(size_t *n)
{
	*n = sizeof followup_cols / sizeof followup_cols[0];
	return followup_cols;
}

/* Open follow-ups (all of them with f->all), oldest first. */
int
circle_followup_list(struct circle_db *db, const struct circle_checkin_filter *f,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct ids	 x;

	if (filter_ids(db, f, &x, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT u.id, substr(u.created_at, 1, "
	    "10), coalesce(m.handle, 'anonymous'), m.display_name, g.handle, "
	    "x.local_start, u.reason, u.status, u.note FROM followup u JOIN "
	    "session x ON x.id = u.session_id JOIN grp g ON g.id = x.grp_id "
	    "LEFT JOIN member m ON m.id = u.member_id LEFT JOIN response r ON "
	    "r.id = u.response_id LEFT JOIN survey v ON v.id = r.survey_id "
	    "WHERE (?7 OR u.status = 'open') AND (?1 IS NULL OR x.grp_id = ?1) "
	    "AND (?2 IS NULL OR x.id = ?2) AND (?3 IS NULL OR u.member_id = "
	    "?3) AND (?4 IS NULL OR v.key = ?4) AND (?5 IS NULL OR "
	    "substr(x.local_start, 1, 10) >= ?5) AND (?6 IS NULL OR "
	    "substr(x.local_start, 1, 10) <= ?6) ORDER BY u.created_at, u.id",
	    e)) == NULL)
		return -1;
	filter_bind(st, f, &x);
	sqlite3_bind_int(st, 7, f->all);
	return rows(db, st, 9, fn, arg, e);
}

struct close_args {
	long long	 id;
	const char	*status;	/* done or dismissed */
	const char	*note;
};

static int
close_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	static const char find[] = "SELECT u.uid, u.status, m.uid FROM "
	    "followup u LEFT JOIN member m ON m.id = u.member_id WHERE u.id = ?";
	static const char upd[] = "UPDATE followup SET status = ?, note = "
	    "coalesce(?, note), closed_at = ?3, updated_at = ?3 WHERE id = ?";
	struct close_args	*c = arg;
	struct circle_change	 ch;
	sqlite3_stmt		*st;
	json_t			*d;
	char			*uid, *muid, *status, *detail, now[21];
	int			 rc = -1;

	if ((st = circle_prepare(db, find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld",
		    c->id);
	}
	uid = circle_col_dup(st, 0);
	status = circle_col_dup(st, 1);
	muid = circle_col_dup(st, 2);
	sqlite3_finalize(st);
	if (strcmp(status, "open") != 0) {
		circle_err_set(e, CIRCLE_EFAIL, "follow-up %lld is already %s",
		    c->id, status);
		goto out;
	}
	if ((st = circle_prepare(db, upd, e)) == NULL)
		goto out;
	circle_now_utc(now);
	circle_bind_text(st, 1, c->status);
	circle_bind_text(st, 2, c->note);
	circle_bind_text(st, 3, now);
	sqlite3_bind_int64(st, 4, c->id);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	d = json_pack("{s:s, s:s, s:s?}", "old", status, "new", c->status,
	    "note", c->note);
	detail = json_dumps(d, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(d);
	ch = (struct circle_change){ strcmp(c->status, "done") == 0 ?
	    "resolve" : "dismiss", "followup", uid, muid, detail };
	rc = circle_log(db, &ch, e);
	free(detail);
out:
	free(uid);
	free(muid);
	free(status);
	return rc;
}

/* Close an open follow-up as done (resolved) or dismissed, with a note. */
int
circle_followup_close(struct circle_db *db, long long id, const char *status,
    const char *note, struct circle_err *e)
{
	struct close_args	c = { id, status, note };

	if (note != NULL && circle_check_text("note", note, 2000, e) == -1)
		return -1;
	return circle_db_write(db, close_tx, &c, e);
}

/* A follow-up as JSON, for the followup hook. */
int
circle_followup_json(struct circle_db *db, long long id, char **out,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	json_t		*o;

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT u.id, u.uid, u.reason, "
	    "u.created_at, m.handle, m.display_name, g.handle, g.name, "
	    "x.id, x.local_start, x.tzid, v.key, v.version FROM followup u "
	    "JOIN session x ON x.id = u.session_id JOIN grp g ON g.id = "
	    "x.grp_id LEFT JOIN member m ON m.id = u.member_id LEFT JOIN "
	    "response r ON r.id = u.response_id LEFT JOIN survey v ON v.id = "
	    "r.survey_id WHERE u.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld", id);
	}
#define T(i) ((const char *)sqlite3_column_text(st, (i)))
	o = json_pack("{s:s, s:I, s:s, s:s, s:s, s:{s:s?, s:s?}, "
	    "s:{s:s, s:s}, s:{s:I, s:s, s:s}, s:{s:s?, s:I}}",
	    "event", "followup", "id", (json_int_t)sqlite3_column_int64(st, 0),
	    "uid", T(1), "reason", T(2), "opened_at", T(3),
	    "member", "handle", T(4), "name", T(5),
	    "group", "handle", T(6), "name", T(7),
	    "session", "id", (json_int_t)sqlite3_column_int64(st, 8),
	    "start", T(9), "tzid", T(10),
	    "survey", "key", T(11), "version",
	    (json_int_t)sqlite3_column_int64(st, 12));
#undef T
	sqlite3_finalize(st);
	if (o == NULL)
		return circle_err_set(e, CIRCLE_EIO, "follow-up %lld: cannot "
		    "make its JSON", id);
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return 0;
}

/* Why a follow-up was opened, with whom: "alex-r: safe: no". */
int
circle_followup_reason(struct circle_db *db, long long id, char **out,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT coalesce(m.handle, 'anonymous') "
	    "|| ': ' || u.reason FROM followup u LEFT JOIN member m ON m.id = "
	    "u.member_id WHERE u.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = circle_col_dup(st, 0);
	sqlite3_finalize(st);
	if (*out == NULL)
		return circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld", id);
	return 0;
}

/* ---- import ------------------------------------------------------------ */

enum { K_TIME, K_HANDLE, K_EMAIL, K_NAME, K_SESSION, K_GROUP, K_NKNOWN };

static const struct {
	const char	*header;	/* folded: lower case, no blanks */
	int		 col;
} known[] = {
	{ "timestamp", K_TIME }, { "time", K_TIME }, { "date", K_TIME },
	{ "datetime", K_TIME }, { "submitted", K_TIME },
	{ "submittedat", K_TIME }, { "takenat", K_TIME },
	{ "completiontime", K_TIME }, { "handle", K_HANDLE },
	{ "member", K_HANDLE }, { "username", K_HANDLE },
	{ "email", K_EMAIL }, { "emailaddress", K_EMAIL },
	{ "youremail", K_EMAIL }, { "name", K_NAME }, { "fullname", K_NAME },
	{ "displayname", K_NAME }, { "yourname", K_NAME },
	{ "session", K_SESSION }, { "group", K_GROUP },
};

struct form {
	const struct circle_checkin_import_opts	*o;
	struct circle_checkin_import_result	*r;
	struct circle_survey			*s;
	int					*qcol;	/* question -> CSV */
	int					 kcol[K_NKNOWN];
	long long				 gid;	/* --group */
	long long				 sid;	/* --session */
	struct circle_strmap			 seen;	/* session/member */
	struct circle_strmap			 members;
	int					 stamp_noted;
};

static void
fold(const char *h, char *f, size_t len)
{
	size_t	i, k = 0;

	for (i = 0; h[i] != '\0' && k + 1 < len; i++)
		if (!strchr(" _-.:?!'\"()", h[i]))
			f[k++] = (char)tolower((unsigned char)h[i]);
	f[k] = '\0';
}

static int
form_at(const struct form *fm, const struct circle_csv_row *row, int i,
    struct circle_err *e)
{
	if (e->code == CIRCLE_EFAIL)
		e->code = CIRCLE_EDATA;		/* the file names it */
	return circle_err_prefix(e, "%s:%zu:%d", fm->o->name,
	    i >= 0 && (size_t)i < row->nfields ? row->lines[i] : row->line,
	    i >= 0 ? i + 1 : 1);
}

static const char *
form_cell(const struct circle_csv_row *row, int i)
{
	if (i < 0 || (size_t)i >= row->nfields || *row->fields[i] == '\0')
		return NULL;
	return row->fields[i];
}

/* --map COLUMN=QUESTION: the column's index, by its header. */
static int
form_map(struct form *fm, const struct circle_csv_row *h, struct circle_err *e)
{
	const struct circle_question	*q;
	const char			*m, *eq;
	size_t				 i, j;

	for (i = 0; i < fm->o->nmap; i++) {
		m = fm->o->map[i];
		if ((eq = strrchr(m, '=')) == NULL || eq == m)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "expected COLUMN=QUESTION", m);
		if ((q = circle_survey_question(fm->s, eq + 1)) == NULL)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "survey %s has no question \"%s\"", m, fm->s->key,
			    eq + 1);
		for (j = 0; j < h->nfields; j++)
			if (strlen(h->fields[j]) == (size_t)(eq - m) &&
			    strncasecmp(h->fields[j], m, (size_t)(eq - m)) == 0)
				break;
		if (j == h->nfields)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: %s "
			    "has no column \"%.*s\"", m, fm->o->name,
			    (int)(eq - m), m);
		fm->qcol[q - fm->s->questions] = (int)j;
	}
	return 0;
}

static int
mapped(const struct form *fm, int col)
{
	size_t	i;

	for (i = 0; i < fm->s->nquestions; i++)
		if (fm->qcol[i] == col)
			return 1;
	return 0;
}

/* Which column is which: --map, known headers, question keys, prompts. */
static int
form_header(struct form *fm, const struct circle_csv_row *h,
    struct circle_err *e)
{
	char	f[256], g[256];
	size_t	i, j;

	for (i = 0; i < fm->s->nquestions; i++)
		fm->qcol[i] = -1;
	for (i = 0; i < K_NKNOWN; i++)
		fm->kcol[i] = -1;
	if (form_map(fm, h, e) == -1)
		return -1;
	for (j = 0; j < h->nfields; j++) {
		if (mapped(fm, (int)j))
			continue;
		fold(h->fields[j], f, sizeof f);
		for (i = 0; i < fm->s->nquestions; i++) {
			fold(fm->s->questions[i].key, g, sizeof g);
			if (fm->qcol[i] == -1 && strcmp(f, g) == 0)
				break;
			fold(fm->s->questions[i].prompt, g, sizeof g);
			if (fm->qcol[i] == -1 && strcmp(f, g) == 0)
				break;
		}
		if (i < fm->s->nquestions) {
			fm->qcol[i] = (int)j;
			continue;
		}
		for (i = 0; i < sizeof known / sizeof known[0]; i++)
			if (strcmp(f, known[i].header) == 0)
				break;
		if (i < sizeof known / sizeof known[0] &&
		    fm->kcol[known[i].col] == -1) {
			fm->kcol[known[i].col] = (int)j;
			continue;
		}
		fm->r->notes = circle_xgrow(fm->r->notes, fm->r->nnotes,
		    sizeof *fm->r->notes);
		circle_xasprintf(&fm->r->notes[fm->r->nnotes++], "%s:%zu:%zu: "
		    "column \"%s\" is not a question of survey %s; ignored "
		    "(--map COLUMN=QUESTION)", fm->o->name, h->line, j + 1,
		    h->fields[j], fm->s->key);
	}
	for (i = 0; i < fm->s->nquestions; i++)
		if (fm->s->questions[i].required && fm->qcol[i] == -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no "
			    "column for the required question %s (give --map "
			    "COLUMN=%s)", fm->o->name, h->line,
			    fm->s->questions[i].key, fm->s->questions[i].key);
	if (!fm->o->anonymous && fm->kcol[K_HANDLE] == -1 &&
	    fm->kcol[K_EMAIL] == -1 && fm->kcol[K_NAME] == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no handle, "
		    "email or name column (or give --anonymous)", fm->o->name,
		    h->line);
	if (fm->sid == 0 && fm->kcol[K_SESSION] == -1 &&
	    fm->kcol[K_TIME] == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no timestamp "
		    "or session column (or give --session)", fm->o->name,
		    h->line);
	return 0;
}

/*
 * A form's timestamp, in local time: 2026-11-03, 2026-11-03 19:05[:30],
 * with T, or with slashes (2026/11/03 19:05:30).  Day-first and
 * month-first dates are refused: they cannot be told apart.  So is a time
 * in UTC (Z): its day may not be the session's.  The seconds are kept:
 * two anonymous answers a few seconds apart are two people's.
 */
static int
stamp_parse(const char *s, char day[11], int *h, int *m, int *sec,
    int *has_time)
{
	struct circle_date	 d;
	char			 buf[11], tm[6];
	size_t			 i;

	if (strlen(s) < 10)
		return -1;
	memcpy(buf, s, 10);
	buf[10] = '\0';
	if (buf[4] == '/' && buf[7] == '/')
		buf[4] = buf[7] = '-';
	if (circle_date_parse(buf, &d) == -1)
		return -1;
	circle_date_format(&d, day);
	*has_time = 0;
	*sec = 0;
	s += 10;
	if (*s == '\0')
		return 0;
	if (*s != ' ' && *s != 'T')
		return -1;
	s++;
	for (i = 0; i < 5 && s[i] != '\0'; i++)
		tm[i] = s[i];
	tm[i] = '\0';
	if (i != 5 || circle_time_parse(tm, h, m) == -1)
		return -1;
	s += 5;
	if (s[0] == ':' && s[1] >= '0' && s[1] <= '5' &&
	    isdigit((unsigned char)s[2])) {
		*sec = (s[1] - '0') * 10 + s[2] - '0';
		s += 3;
	}
	if (*s != '\0')
		return -1;
	*has_time = 1;
	return 0;
}

static int
form_member(struct circle_db *db, struct form *fm,
    const struct circle_csv_row *row, long long *mid, struct circle_err *e)
{
	static const char byemail[] = "SELECT id FROM member WHERE email = ? "
	    "COLLATE NOCASE LIMIT 2";
	const char	*ref;
	sqlite3_stmt	*st;
	char		 key[320];
	long long	*v;
	int		 c, n = 0;

	*mid = 0;
	if (fm->o->anonymous)
		return 0;
	if ((ref = form_cell(row, fm->kcol[c = K_HANDLE])) == NULL &&
	    (ref = form_cell(row, fm->kcol[c = K_EMAIL])) == NULL &&
	    (ref = form_cell(row, fm->kcol[c = K_NAME])) == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no handle, "
		    "email or name", fm->o->name, row->line);
	snprintf(key, sizeof key, "%d\x1f%s", c, ref);
	if ((v = circle_strmap_find(&fm->members, key)) != NULL) {
		*mid = *v;
		return 0;
	}
	if (c == K_EMAIL) {
		if ((st = circle_cached(db, byemail, e)) == NULL)
			return -1;
		circle_bind_text(st, 1, ref);
		while (sqlite3_step(st) == SQLITE_ROW && n++ == 0)
			*mid = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (n != 1) {
			circle_err_set(e, CIRCLE_EDATA, n == 0 ? "no member "
			    "with email %s" : "two members with email %s; give "
			    "a handle column", ref);
			return form_at(fm, row, fm->kcol[c], e);
		}
	} else if (circle_member_resolve(db, ref, mid, e) == -1)
		return form_at(fm, row, fm->kcol[c], e);
	circle_strmap_put(&fm->members, key, *mid);
	return 0;
}

/* The session of a row: --session, its session column, or its time. */
static int
form_session(struct circle_db *db, struct form *fm,
    const struct circle_csv_row *row, long long mid, const char *day,
    const char *local, long long *sid, struct circle_err *e)
{
	static const char near[] = "SELECT x.id FROM session x WHERE "
	    "substr(x.local_start, 1, 10) = ?1 AND x.status != 'cancelled' "
	    "AND (?2 IS NULL OR x.grp_id = ?2) AND (?3 IS NULL OR EXISTS "
	    "(SELECT 1 FROM membership p WHERE p.grp_id = x.grp_id AND "
	    "p.member_id = ?3)) ORDER BY abs(julianday(x.local_start) - "
	    "julianday(?4)), x.id LIMIT 1";
	const char	*ref, *g;
	sqlite3_stmt	*st;
	long long	 gid = fm->gid;

	if (fm->sid != 0) {
		*sid = fm->sid;
		return 0;
	}
	g = form_cell(row, fm->kcol[K_GROUP]);
	if (g != NULL && circle_group_resolve(db, g, &gid, e) == -1)
		return form_at(fm, row, fm->kcol[K_GROUP], e);
	if ((ref = form_cell(row, fm->kcol[K_SESSION])) != NULL) {
		if (circle_session_resolve(db, g != NULL ? g : fm->o->group,
		    ref, sid, e) == -1)
			return form_at(fm, row, fm->kcol[K_SESSION], e);
		return 0;
	}
	if ((st = circle_cached(db, near, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, day);
	if (gid != 0)
		sqlite3_bind_int64(st, 2, gid);
	if (mid != 0)
		sqlite3_bind_int64(st, 3, mid);
	circle_bind_text(st, 4, local);
	*sid = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (*sid == 0) {
		circle_err_set(e, CIRCLE_EDATA, "no session on %s%s; give "
		    "--session or a session column", day, mid != 0 ?
		    " in this person's groups" : "");
		return form_at(fm, row, fm->kcol[K_TIME], e);
	}
	return 0;
}

/* A session a response may be saved at: held or scheduled, not ahead. */
static int
form_session_ok(struct circle_db *db, long long sid, struct circle_err *e)
{
	static const char sql[] = "SELECT x.status, x.local_start, x.tzid, "
	    "g.handle FROM session x JOIN grp g ON g.id = x.grp_id WHERE "
	    "x.id = ?";
	struct circle_date	 d;
	sqlite3_stmt		*st;
	char			 today[11];
	int			 rc = 0;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_step(st) == SQLITE_ROW) {
		if (circle_date_today_in((const char *)sqlite3_column_text(st,
		    2), &d) == -1)
			circle_date_today(&d);
		circle_date_format(&d, today);
		if (strcmp((const char *)sqlite3_column_text(st, 0),
		    "cancelled") == 0 || strcmp((const char *)
		    sqlite3_column_text(st, 0), "not_held") == 0)
			rc = circle_err_set(e, CIRCLE_EDATA, "session %s %s is "
			    "%s", sqlite3_column_text(st, 3),
			    sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 0));
		else if (strncmp((const char *)sqlite3_column_text(st, 1),
		    today, 10) > 0)
			rc = circle_err_set(e, CIRCLE_EDATA, "session %s %s is "
			    "in the future", sqlite3_column_text(st, 3),
			    sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc;
}

/* A local time on day in the session's zone, as UTC. */
static int
session_utc(struct circle_db *db, long long sid, const char *day, int h, int m,
    int sec, char out[21], struct circle_err *e)
{
	static const char sql[] = "SELECT tzid FROM session WHERE id = ?";
	struct circle_date	 d;
	sqlite3_stmt		*st;
	char			 tz[80] = "UTC";

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(tz, sizeof tz, "%s", sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (circle_date_parse(day, &d) == -1 ||
	    circle_local_to_utc(tz, &d, h, m, out) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s %02d:%02d: not a "
		    "time in %s", day, h, m, tz);
	out[17] = (char)('0' + sec / 10);
	out[18] = (char)('0' + sec % 10);
	return 0;
}

static int
form_answers(struct form *fm, const struct circle_csv_row *row,
    struct circle_answer **out, struct circle_err *e)
{
	const struct circle_question	*q;
	struct circle_answer		*a;
	const char			*v;
	size_t				 i;

	a = circle_xcalloc(fm->s->nquestions + 1, sizeof *a);
	for (i = 0; i < fm->s->nquestions; i++) {
		q = &fm->s->questions[i];
		a[i].q = q;
		if ((v = form_cell(row, fm->qcol[i])) == NULL) {
			if (!q->required)
				continue;
			circle_err_set(e, CIRCLE_EDATA, "%s: no answer; it is "
			    "required", q->key);
			goto fail;
		}
		if (circle_answer_parse(q, v, &a[i], e) == -1)
			goto fail;
		if (!a[i].given && q->required) {
			circle_err_set(e, CIRCLE_EDATA, "%s: no answer; it is "
			    "required", q->key);
			goto fail;
		}
	}
	*out = a;
	return 0;
fail:
	form_at(fm, row, fm->qcol[i], e);
	answers_free(a, fm->s->nquestions);
	return -1;
}

static int
form_row(struct circle_db *db, struct form *fm, const struct circle_csv_row *row,
    struct circle_err *e)
{
	struct circle_answer	*a = NULL;
	struct place		 p;
	struct saved		 sv;
	const char		*ts;
	char			 day[11] = "", local[17] = "", taken[21], key[64];
	long long		 mid, sid, *v;
	int			 h = 0, m = 0, sec = 0, has_time = 0, rc = -1;

	memset(&p, 0, sizeof p);
	memset(&sv, 0, sizeof sv);
	if ((ts = form_cell(row, fm->kcol[K_TIME])) != NULL &&
	    stamp_parse(ts, day, &h, &m, &sec, &has_time) == -1) {
		if (fm->sid == 0) {
			circle_err_set(e, CIRCLE_EDATA, "\"%s\" is not a date "
			    "and local time (YYYY-MM-DD HH:MM); give --session "
			    "for other forms", ts);
			return form_at(fm, row, fm->kcol[K_TIME], e);
		}
		/* --session says where; the time only said when. */
		if (!fm->stamp_noted) {
			fm->r->notes = circle_xgrow(fm->r->notes,
			    fm->r->nnotes, sizeof *fm->r->notes);
			circle_xasprintf(&fm->r->notes[fm->r->nnotes++],
			    "%s:%zu:%d: \"%s\" is not a date and local time "
			    "(YYYY-MM-DD HH:MM); responses are dated now",
			    fm->o->name, row->lines[fm->kcol[K_TIME]],
			    fm->kcol[K_TIME] + 1, ts);
			fm->stamp_noted = 1;
		}
		ts = NULL;
		day[0] = '\0';
	}
	if (ts != NULL)
		snprintf(local, sizeof local, "%sT%02d:%02d", day, h, m);
	else if (fm->sid == 0 && form_cell(row,
	    fm->kcol[K_SESSION]) == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no timestamp "
		    "or session", fm->o->name, row->line);
	if (form_member(db, fm, row, &mid, e) == -1 ||
	    form_session(db, fm, row, mid, day, local, &sid, e) == -1)
		return -1;
	if (form_session_ok(db, sid, e) == -1)
		return form_at(fm, row, fm->kcol[fm->kcol[K_SESSION] >= 0 ?
		    K_SESSION : K_TIME], e);
	if (place_session(db, sid, &p, e) == -1)
		goto out;
	if (mid != 0 && place_member(db, mid, 0, &p, e) == -1) {
		form_at(fm, row, fm->kcol[K_HANDLE] >= 0 ? fm->kcol[K_HANDLE] :
		    fm->kcol[K_EMAIL] >= 0 ? fm->kcol[K_EMAIL] :
		    fm->kcol[K_NAME], e);
		goto out;
	}
	if (form_answers(fm, row, &a, e) == -1)
		goto out;
	/* The time taken, in the session's zone. */
	if (has_time && session_utc(db, sid, day, h, m, sec, taken,
	    e) == -1)
		goto out;
	if (mid != 0) {
		snprintf(key, sizeof key, "%lld:%lld", sid, mid);
		if ((v = circle_strmap_find(&fm->seen, key)) != NULL) {
			fm->r->notes = circle_xgrow(fm->r->notes,
			    fm->r->nnotes, sizeof *fm->r->notes);
			circle_xasprintf(&fm->r->notes[fm->r->nnotes++],
			    "%s:%zu: replaces line %lld (the same person and "
			    "session)", fm->o->name, row->line, *v);
		} else
			circle_strmap_put(&fm->seen, key, (long long)row->line);
	}
	sv.opened = &fm->r->opened;
	sv.nopened = &fm->r->nopened;
	if (save(db, fm->s, &p, a, has_time ? taken : NULL, &sv, e) == -1)
		goto out;
	if (sv.state == 0)
		fm->r->unchanged++;
	else if (sv.state == 1)
		fm->r->added++;
	else
		fm->r->replaced++;
	rc = 0;
out:
	answers_free(a, fm->s->nquestions);
	place_release(&p);
	return rc;
}

static int
import_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct form		*fm = arg;
	struct circle_csv	*csv;
	struct circle_csv_row	*row;
	int			 rc, header = 1;

	circle_checkin_import_release(fm->r);
	circle_strmap_free(&fm->seen);
	circle_strmap_free(&fm->members);
	circle_survey_free(fm->s);
	fm->s = NULL;
	free(fm->qcol);
	fm->qcol = NULL;
	fm->gid = fm->sid = 0;
	fm->stamp_noted = 0;
	if (circle_survey_get(db, fm->o->survey, 0, &fm->s, e) == -1)
		return -1;
	fm->qcol = circle_xcalloc(fm->s->nquestions + 1, sizeof *fm->qcol);
	if (fm->o->group != NULL && circle_group_resolve(db, fm->o->group,
	    &fm->gid, e) == -1)
		return -1;
	if (fm->o->session != NULL && (circle_session_resolve(db,
	    fm->o->group, fm->o->session, &fm->sid, e) == -1 ||
	    form_session_ok(db, fm->sid, e) == -1))
		return -1;
	if ((csv = circle_csv_open(fm->o->path, fm->o->name, e)) == NULL)
		return -1;
	while ((rc = circle_csv_next(csv, &row, e)) == 1) {
		if (header) {
			header = 0;
			if (form_header(fm, row, e) == -1) {
				rc = -1;
				break;
			}
			continue;
		}
		if (form_row(db, fm, row, e) == -1) {
			rc = -1;
			break;
		}
	}
	circle_csv_close(csv);
	if (rc == -1)
		return -1;
	if (header)
		return circle_err_set(e, CIRCLE_EDATA, "%s: empty; expected a "
		    "header line and answers", fm->o->name);
	return fm->o->dry_run ? 1 : 0;
}

/*
 * Record a web form's answers (a header line, then a row per response:
 * a timestamp, who, and the answers) in one transaction: one bad row and
 * nothing is saved.  Each row is taken in file order, so a person's
 * earlier row in the file replaces nothing that came after it.
 */
int
circle_checkin_import(struct circle_db *db,
    const struct circle_checkin_import_opts *o,
    struct circle_checkin_import_result *r, struct circle_err *e)
{
	struct form	fm;
	int		rc;

	memset(r, 0, sizeof *r);
	memset(&fm, 0, sizeof fm);
	fm.o = o;
	fm.r = r;
	rc = circle_db_write(db, import_tx, &fm, e);
	circle_strmap_free(&fm.seen);
	circle_strmap_free(&fm.members);
	circle_survey_free(fm.s);
	free(fm.qcol);
	if (rc == -1)
		circle_checkin_import_release(r);
	return rc;
}

/* ---- report ------------------------------------------------------------ */

/*
 * The survey a report is about: the one given, else the only one used,
 * else the only check-in survey used (check-outs are asked for by name).
 */
static int
report_survey(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct ids *x, struct circle_survey **s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*key = NULL, *ckey = NULL, *list = NULL;
	int		 n = 0, nc = 0;

	if (f->survey != NULL)
		return circle_survey_get(db, f->survey, 0, s, e);
	if ((st = circle_prepare(db, "SELECT DISTINCT v.key, max(v.phase = "
	    "'checkin') FROM response r JOIN survey v ON v.id = r.survey_id "
	    "JOIN session x ON x.id = r.session_id WHERE " FILTER_WHERE
	    " GROUP BY v.key ORDER BY v.key", e)) == NULL)
		return -1;
	filter_bind(st, f, x);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n++ == 0)
			key = circle_col_dup(st, 0);
		if (sqlite3_column_int(st, 1) && nc++ == 0)
			ckey = circle_col_dup(st, 0);
		circle_xappend(&list, ", ", "%s", sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (n == 1)
		n = circle_survey_get(db, key, 0, s, e);
	else if (n == 0)
		n = circle_err_set(e, CIRCLE_EFAIL, "no check-ins recorded%s",
		    f->group != NULL || f->from != NULL || f->to != NULL ||
		    f->member != NULL ? " in that range" : "");
	else if (nc == 1)
		n = circle_survey_get(db, ckey, 0, s, e);
	else
		n = circle_err_set(e, CIRCLE_EUSAGE, "check-ins of more than "
		    "one survey; give --survey (%s)", list);
	free(key);
	free(ckey);
	free(list);
	return n;
}

/* Rows of a report; column 3 (the score) left out when there is none. */
static int
report_rows(struct circle_db *db, sqlite3_stmt *st, size_t ncols, int scored,
    int skip, void (*fn)(void *, const char *const *), void *arg,
    struct circle_err *e)
{
	const char	**v;
	size_t		  i, k;
	int		  rc;

	v = circle_xcalloc(ncols + 1, sizeof *v);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0, k = 0; k < ncols; i++) {
			if (!scored && (int)i == skip)
				continue;
			v[k++] = (const char *)sqlite3_column_text(st, (int)i);
		}
		fn(arg, v);
	}
	free(v);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "check-in report");
	return 0;
}

static int
report_sessions(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct ids *x, const struct circle_survey *s,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	struct circle_col	*cols;
	sqlite3_stmt		*st;
	char			*sql, *part, **names;
	size_t			 i, n = 0;
	int			 rc;

	cols = circle_xcalloc(s->nquestions + 5, sizeof *cols);
	names = circle_xcalloc(s->nquestions + 1, sizeof *names);
	cols[n++] = (struct circle_col){ "session", CIRCLE_COL_TEXT };
	cols[n++] = (struct circle_col){ "group", CIRCLE_COL_TEXT };
	cols[n++] = (struct circle_col){ "responses", CIRCLE_COL_INT };
	if (s->score != CIRCLE_SCORE_NONE)
		cols[n++] = (struct circle_col){ s->score_name,
		    CIRCLE_COL_REAL };
	sql = sqlite3_mprintf("SELECT x.local_start, g.handle, count(*), "
	    "printf('%%.15g', round(avg(r.score), 2))");
	for (i = 0; i < s->nquestions && sql != NULL; i++) {
		if (s->questions[i].kind == CIRCLE_Q_TEXT ||
		    s->questions[i].kind == CIRCLE_Q_CHOICE)
			continue;
		if (s->questions[i].kind == CIRCLE_Q_YESNO)
			circle_xasprintf(&names[i], "%s %% yes",
			    s->questions[i].key);
		cols[n++] = (struct circle_col){ names[i] != NULL ? names[i] :
		    s->questions[i].key, CIRCLE_COL_REAL };
		part = sqlite3_mprintf("%z, (SELECT printf('%%.15g', "
		    "round(avg(a.num) * %d, 2)) FROM answer a JOIN response q ON q.id = "
		    "a.response_id WHERE q.session_id = x.id AND q.survey_id "
		    "IN (SELECT id FROM survey WHERE key = ?4) AND (?3 IS NULL "
		    "OR q.member_id = ?3) AND a.question = ?%d)", sql,
		    s->questions[i].kind == CIRCLE_Q_YESNO ? 100 : 1, (int)i + 7);
		sql = part;
	}
	if (sql != NULL)
		sql = sqlite3_mprintf("%z FROM response r JOIN survey v ON "
		    "v.id = r.survey_id JOIN session x ON x.id = r.session_id "
		    "JOIN grp g ON g.id = x.grp_id WHERE " FILTER_WHERE " GROUP "
		    "BY x.id ORDER BY x.starts_at, x.id", sql);
	if (sql == NULL) {
		rc = circle_err_set(e, CIRCLE_EIO, "out of memory");
		goto out;
	}
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL) {
		rc = -1;
		goto out;
	}
	filter_bind(st, f, x);
	circle_bind_text(st, 4, s->key);
	for (i = 0; i < s->nquestions; i++)
		circle_bind_text(st, (int)i + 7, s->questions[i].key);
	colfn(arg, cols, n);
	rc = report_rows(db, st, n, s->score != CIRCLE_SCORE_NONE, 3, fn,
	    arg, e);
out:
	for (i = 0; i < s->nquestions; i++)
		free(names[i]);
	free(names);
	free(cols);
	return rc;
}

static const struct circle_col member_cols[] = {
	{ "member", CIRCLE_COL_TEXT }, { "responses", CIRCLE_COL_INT },
	{ "first", CIRCLE_COL_TEXT }, { "first_score", CIRCLE_COL_REAL },
	{ "last", CIRCLE_COL_TEXT }, { "last_score", CIRCLE_COL_REAL },
	{ "change", CIRCLE_COL_REAL }, { "scores", CIRCLE_COL_TEXT },
};

/*
 * Per person: their scores in order and the change from the first scored
 * response in the period to the last (given two or more).  The funder
 * report's average change is the mean of these changes.
 */
static int
report_members(struct circle_db *db, const struct circle_checkin_filter *f,
    const struct ids *x, const struct circle_survey *s,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, "WITH rs AS (SELECT r.member_id AS mid, "
	    "r.score AS score, x.starts_at AS at, substr(x.local_start, 1, 10) "
	    "AS day, r.id AS rid FROM response r JOIN survey v ON v.id = "
	    "r.survey_id JOIN session x ON x.id = r.session_id WHERE "
	    FILTER_WHERE " AND r.member_id IS NOT NULL), sc AS (SELECT mid, "
	    "score, day, row_number() OVER (PARTITION BY mid ORDER BY at, rid) "
	    "AS k, count(*) OVER (PARTITION BY mid) AS n FROM rs WHERE score "
	    "IS NOT NULL) SELECT m.handle, count(*), min(rs.day), "
	    "(SELECT printf('%.15g', round(score, 2)) FROM sc WHERE sc.mid = "
	    "rs.mid AND k = 1), max(rs.day), (SELECT printf('%.15g', "
	    "round(score, 2)) FROM sc WHERE sc.mid = rs.mid AND k = n AND n > "
	    "1), (SELECT printf('%.15g', round(l.score - f.score, 2)) FROM sc f "
	    "JOIN sc l ON l.mid = f.mid AND l.k = l.n WHERE f.mid = rs.mid AND "
	    "f.k = 1 AND f.n > 1), (SELECT group_concat(t, ' ') FROM (SELECT "
	    "printf('%.15g', round(score, 2)) AS t FROM sc WHERE sc.mid = "
	    "rs.mid ORDER BY k)) FROM rs JOIN member m ON m.id = rs.mid GROUP "
	    "BY rs.mid ORDER BY m.handle", e)) == NULL)
		return -1;
	filter_bind(st, f, x);
	circle_bind_text(st, 4, s->key);
	colfn(arg, member_cols, sizeof member_cols / sizeof member_cols[0]);
	return report_rows(db, st, sizeof member_cols / sizeof member_cols[0],
	    1, -1, fn, arg, e);
}

/*
 * The check-ins of one survey: per session, the number of responses and
 * the average score and answer to each question (yes/no as the share of
 * yes); or, with by_member, each person's trend.  Columns depend on the
 * survey, so they come first through colfn.
 */
int
circle_checkin_report(struct circle_db *db,
    const struct circle_checkin_filter *f,
    void (*colfn)(void *, const struct circle_col *, size_t),
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	struct circle_survey	*s;
	struct ids		 x;
	int			 rc;

	if (filter_ids(db, f, &x, e) == -1 || report_survey(db, f, &x, &s,
	    e) == -1)
		return -1;
	if (f->by_member)
		rc = report_members(db, f, &x, s, colfn, fn, arg, e);
	else
		rc = report_sessions(db, f, &x, s, colfn, fn, arg, e);
	circle_survey_free(s);
	return rc;
}
