/*
 * checkinimport.c: check-in responses from a web form's CSV export, a row
 * a response, saved as taking them one by one would (checkin.c).
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
circle_checkin_import_release(struct circle_checkin_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	free(r->opened);
	memset(r, 0, sizeof *r);
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
	circle_answers_free(a, fm->s->nquestions);
	return -1;
}

static int
form_row(struct circle_db *db, struct form *fm,
    const struct circle_csv_row *row,
    struct circle_err *e)
{
	struct circle_answer	*a = NULL;
	struct circle_place	 p;
	struct circle_saved	 sv;
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
	if (circle_place_session(db, sid, &p, e) == -1)
		goto out;
	if (mid != 0 && circle_place_member(db, mid, 0, &p, e) == -1) {
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
	if (circle_response_save(db, fm->s, &p, a, has_time ? taken : NULL,
	    &sv, e) == -1)
		goto out;
	if (sv.state == 0)
		fm->r->unchanged++;
	else if (sv.state == 1)
		fm->r->added++;
	else
		fm->r->replaced++;
	rc = 0;
out:
	circle_answers_free(a, fm->s->nquestions);
	circle_place_release(&p);
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
