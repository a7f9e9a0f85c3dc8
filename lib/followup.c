/*
 * followup.c: the follow-ups a response's flags open, withdraw or reopen,
 * and the follow-ups themselves: listed, closed, as JSON for the hook.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "checkin.h"

/* ---- flags ------------------------------------------------------------- */

struct hit {
	const struct circle_flag	*flag;
	char				*reason;	/* owned */
};

/* The previous response of the same person to the same survey. */
static int
previous_response(struct circle_db *db, const struct circle_survey *s,
    const struct circle_place *p, long long rid, long long *prev, char day[11],
    double *score, int *has_score, struct circle_err *e)
{
	static const char sql[] = "SELECT r.id, substr(x.local_start, 1, 10), "
	    "r.score FROM response r JOIN survey v ON v.id = r.survey_id JOIN "
	    "session x ON x.id = r.session_id WHERE r.member_id = ?1 AND "
	    "v.key = ?2 AND r.id != ?3 AND x.starts_at < ?4 ORDER BY "
	    "x.starts_at DESC, r.taken_at DESC LIMIT 1";
	sqlite3_stmt	*st;
	int		 rc;

	*prev = 0;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, p->member_id);
	circle_bind_text(st, 2, s->key);
	sqlite3_bind_int64(st, 3, rid);
	circle_bind_text(st, 4, p->starts_at);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*prev = sqlite3_column_int64(st, 0);
		snprintf(day, 11, "%s", sqlite3_column_text(st, 1));
		*has_score = sqlite3_column_type(st, 2) != SQLITE_NULL;
		*score = sqlite3_column_double(st, 2);
	}
	rc = circle_step_ok(db, rc, "response", e);
	sqlite3_reset(st);
	return rc;
}

static int
previous_answer(struct circle_db *db, long long rid, const char *q,
    double *v, struct circle_err *e)
{
	static const char sql[] = "SELECT num FROM answer WHERE response_id = "
	    "? AND question = ? AND num IS NOT NULL";
	sqlite3_stmt	*st;
	int		 found, rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, rid);
	circle_bind_text(st, 2, q);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*v = sqlite3_column_double(st, 0);
	found = circle_step_ok(db, rc, "answer", e) == -1 ? -1 :
	    rc == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static char *
flag_reason(const struct circle_flag *f, const char *what)
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
    double score, const struct circle_place *p, long long rid, char **why,
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
		if (previous_response(db, s, p, rid, &prid, day, &pscore, &hs,
		    e) == -1)
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
	*why = flag_reason(f, what);
	return 1;
}

static int
followup_open(struct circle_db *db, const struct circle_place *p, long long rid,
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
followup_withdrawn(struct circle_db *db, const struct circle_place *p,
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
int
circle_followups_raise(struct circle_db *db, const struct circle_survey *s,
    const struct circle_place *p, long long rid, const struct circle_answer *a,
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
	while ((found = sqlite3_step(st)) == SQLITE_ROW) {
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
	found = circle_step_ok(db, found, "follow-up", e);
	sqlite3_finalize(st);
	if (found == -1)
		goto out;
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
		if ((found = sqlite3_step(st)) == SQLITE_ROW) {
			id = sqlite3_column_int64(st, 0);
			found = strcmp((const char *)sqlite3_column_text(st,
			    1), "withdrawn") == 0 ? 2 : 1;
		} else if (circle_step_ok(db, found, "follow-up", e) == -1) {
			sqlite3_reset(st);
			goto out;
		} else
			found = 0;
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

static const struct circle_col followup_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "opened", CIRCLE_COL_WHOLE },
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
circle_followup_list(struct circle_db *db,
    const struct circle_checkin_filter *f,
    void (*fn)(void *, const char *const *), void *arg, struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct circle_checkin_ids x;

	if (circle_checkin_filter_ids(db, f, &x, e) == -1)
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
	circle_checkin_filter_bind(st, f, &x);
	sqlite3_bind_int(st, 7, f->all);
	return circle_checkin_rows(db, st, 9, fn, arg, e);
}

struct close_args {
	long long	 id;		/* the one being closed */
	const char	*status;	/* done or dismissed */
	const char	*note;
	const long long	*ids;
	size_t		 n;
};

static int
close_one(struct circle_db *db, struct close_args *c, struct circle_err *e)
{
	static const char find[] = "SELECT u.uid, u.status, m.uid FROM "
	    "followup u LEFT JOIN member m ON m.id = u.member_id WHERE u.id = ?";
	static const char upd[] = "UPDATE followup SET status = ?, note = "
	    "coalesce(?, note), closed_at = ?3, updated_at = ?3 WHERE id = ?";
	struct circle_change	 ch;
	sqlite3_stmt		*st;
	json_t			*d;
	char			*uid, *muid, *status, *detail, now[21];
	int			 rc = -1;

	if ((st = circle_prepare(db, find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, c->id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (circle_step_ok(db, rc, "follow-up", e) == 0)
			circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld",
			    c->id);
		sqlite3_finalize(st);
		return -1;
	}
	rc = -1;
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

/* All of them or none: the first that cannot be closed stops the rest. */
static int
close_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct close_args	*c = arg;
	size_t			 i;

	for (i = 0; i < c->n; i++) {
		c->id = c->ids[i];
		if (close_one(db, c, e) == -1)
			return -1;
	}
	return 0;
}

/*
 * Close open follow-ups as done (resolved) or dismissed, with a note, in
 * one transaction: when one is not there or closed already, none is.
 */
int
circle_followup_close(struct circle_db *db, const long long *ids, size_t n,
    const char *status, const char *note, struct circle_err *e)
{
	struct close_args	c = { 0, status, note, ids, n };

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
	int		 rc;

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
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (circle_step_ok(db, rc, "follow-up", e) == 0)
			circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld",
			    id);
		sqlite3_finalize(st);
		return -1;
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
	int		 rc;

	*out = NULL;
	if ((st = circle_prepare(db, "SELECT coalesce(m.handle, 'anonymous') "
	    "|| ': ' || u.reason FROM followup u LEFT JOIN member m ON m.id = "
	    "u.member_id WHERE u.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = circle_col_dup(st, 0);
	rc = circle_step_ok(db, rc, "follow-up", e);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	if (*out == NULL)
		return circle_err_set(e, CIRCLE_EFAIL, "no follow-up %lld", id);
	return 0;
}

/*
 * Run the followup hook for each follow-up opened, once they are saved: a
 * report for each hook that wrote something or failed.  A hook's failure
 * loses nothing, so it is a warning, never an error.
 */
void
circle_followup_hooks(struct circle_db *db, const long long *ids, size_t n,
    struct circle_hook_report **reports, size_t *nreports)
{
	struct circle_hook_report	 r;
	struct circle_err		 e;
	char				*json;
	size_t				 i;

	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof r);
		if (circle_followup_json(db, ids[i], &json, &e) == -1)
			r.warning = circle_xstrdup(e.msg);
		else {
			if (circle_hook_run("followup", json, &r.output,
			    &e) == -1)
				circle_xasprintf(&r.warning, "%s (the check-in "
				    "is saved)", e.msg);
			free(json);
		}
		if (r.output == NULL && r.warning == NULL)
			continue;
		*reports = circle_xgrow(*reports, *nreports,
		    sizeof **reports);
		(*reports)[(*nreports)++] = r;
	}
}
