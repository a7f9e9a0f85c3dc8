/*
 * export.c: the tables the CSV and spreadsheet exports share, as typed
 * columns and rows (each group's attendance worked out once in memory),
 * and the CSV writer.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "report.h"		/* GROUPS, S_DATES: the report's scope */


void
circle_xtable_add(struct circle_xtable *t, const char *name,
    const char *title, enum circle_xtype type, double width, const char *key)
{
	t->cols = circle_xgrow(t->cols, t->ncols, sizeof *t->cols);
	t->cols[t->ncols].name = name;
	t->cols[t->ncols].title = title;
	t->cols[t->ncols].type = type;
	t->cols[t->ncols].width = width;
	t->cols[t->ncols].key = key;
	t->ncols++;
}

/* Keep s (allocated) for the life of the table; return it. */
static const char *
xtable_own(struct circle_xtable *t, char *s)
{
	t->names = circle_xgrow(t->names, t->nnames, sizeof *t->names);
	t->names[t->nnames++] = s;
	return s;
}

void
circle_xtable_release(struct circle_xtable *t)
{
	size_t	i;

	for (i = 0; i < t->nnames; i++)
		free(t->names[i]);
	free(t->names);
	free(t->cols);
	memset(t, 0, sizeof *t);
}


/* The name column(s): handle and name, or the code alone. */
static void
person_cols(struct circle_xtable *t, const struct circle_export_opts *o)
{
	if (o->pseudonymize) {
		circle_xtable_add(t, "member", "Member", CIRCLE_X_TEXT, 16,
		    NULL);
		return;
	}
	circle_xtable_add(t, "handle", "Handle", CIRCLE_X_TEXT, 12, NULL);
	circle_xtable_add(t, "name", "Name", CIRCLE_X_TEXT, 24, NULL);
}

/*
 * A session's columns; its online link after the topic, but not in a
 * pseudonymized export, which is made to be passed on: a Zoom link holds
 * the passcode that lets anyone into the group.
 */
static void
sessions_cols(struct circle_xtable *t, const struct circle_export_opts *o,
    char *const *keys, size_t nkeys)
{
	static const struct {
		const char		*name;
		const char		*title;
		enum circle_xtype	 type;
		double			 width;
	} fixed[] = {
		{ "id", "Session", CIRCLE_X_INT, 8 },
		{ "date", "Date", CIRCLE_X_DATE, 11 },
		{ "start", "Start", CIRCLE_X_TIME, 7 },
		{ "group", "Group", CIRCLE_X_TEXT, 16 },
		{ "status", "Status", CIRCLE_X_TEXT, 10 },
		{ "topic", "Topic", CIRCLE_X_TEXT, 28 },
		{ "hours", "Hours", CIRCLE_X_REAL, 7 },
		{ "expected", "Expected", CIRCLE_X_INT, 9 },
		{ "present", "Present", CIRCLE_X_INT, 8 },
		{ "late", "Late", CIRCLE_X_INT, 6 },
		{ "left_early", "Left early", CIRCLE_X_INT, 10 },
		{ "excused", "Excused", CIRCLE_X_INT, 8 },
		{ "absent", "Absent", CIRCLE_X_INT, 8 },
		{ "headcount", "Headcount", CIRCLE_X_INT, 10 },
		{ "attendance", "Attendance", CIRCLE_X_INT, 11 },
		{ "unrecorded", "Unrecorded", CIRCLE_X_BOOL, 11 },
	};
	char	*name, *title;
	size_t	 i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		circle_xtable_add(t, fixed[i].name, fixed[i].title,
		    fixed[i].type, fixed[i].width, NULL);
		if (strcmp(fixed[i].name, "topic") == 0 && !o->pseudonymize)
			circle_xtable_add(t, "online_url", "Online",
			    CIRCLE_X_TEXT, 28, NULL);
	}
	for (i = 0; i < nkeys; i++) {
		circle_xasprintf(&name, "%s_checkins", keys[i]);
		circle_xasprintf(&title, "Check-ins (%s)", keys[i]);
		circle_xtable_add(t, xtable_own(t, name), xtable_own(t, title),
		    CIRCLE_X_INT, 12, NULL);
		circle_xasprintf(&name, "%s_average", keys[i]);
		circle_xasprintf(&title, "Average score (%s)", keys[i]);
		circle_xtable_add(t, xtable_own(t, name), xtable_own(t, title),
		    CIRCLE_X_REAL, 12, NULL);
	}
}

static void
attendance_cols(struct circle_xtable *t, const struct circle_export_opts *o)
{
	circle_xtable_add(t, "date", "Date", CIRCLE_X_DATE, 11, NULL);
	circle_xtable_add(t, "start", "Start", CIRCLE_X_TIME, 7, NULL);
	circle_xtable_add(t, "group", "Group", CIRCLE_X_TEXT, 16, NULL);
	circle_xtable_add(t, "session", "Session", CIRCLE_X_INT, 8, NULL);
	person_cols(t, o);
	circle_xtable_add(t, "mark", "Mark", CIRCLE_X_TEXT, 10, NULL);
	circle_xtable_add(t, "expected", "Expected", CIRCLE_X_BOOL, 9, NULL);
}

/* Email, phone and consent: only when asked for, never pseudonymized. */
static void
contact_cols(struct circle_xtable *t, const struct circle_export_opts *o)
{
	if (!o->with_contacts || o->pseudonymize)
		return;
	circle_xtable_add(t, "email", "Email", CIRCLE_X_TEXT, 26, NULL);
	circle_xtable_add(t, "phone", "Phone", CIRCLE_X_TEXT, 14, NULL);
	circle_xtable_add(t, "consent", "Consent to contact", CIRCLE_X_BOOL,
	    10, NULL);
}

static void
roster_cols(struct circle_xtable *t, const struct circle_export_opts *o)
{
	if (o->pseudonymize)
		circle_xtable_add(t, "member", "Member", CIRCLE_X_TEXT, 16,
		    NULL);
	else {
		circle_xtable_add(t, "name", "Name", CIRCLE_X_TEXT, 24, NULL);
		circle_xtable_add(t, "pronouns", "Pronouns", CIRCLE_X_TEXT, 10,
		    NULL);
	}
	circle_xtable_add(t, "group", "Group", CIRCLE_X_TEXT, 16, NULL);
	circle_xtable_add(t, "role", "Role", CIRCLE_X_TEXT, 12, NULL);
	circle_xtable_add(t, "joined_on", "Joined", CIRCLE_X_DATE, 11, NULL);
	circle_xtable_add(t, "left_on", "Left", CIRCLE_X_DATE, 11, NULL);
	circle_xtable_add(t, "status", "Status", CIRCLE_X_TEXT, 9, NULL);
	contact_cols(t, o);
}

static void
members_cols(struct circle_xtable *t, const struct circle_scope *sc,
    const struct circle_export_opts *o)
{
	person_cols(t, o);
	if (!o->pseudonymize)
		circle_xtable_add(t, "pronouns", "Pronouns", CIRCLE_X_TEXT, 10,
		    NULL);
	circle_xtable_add(t, "status", "Status", CIRCLE_X_TEXT, 9, NULL);
	/* One group's export says nothing of anyone's other groups. */
	if (sc->gid == 0)
		circle_xtable_add(t, "groups", "Groups", CIRCLE_X_TEXT, 24,
		    NULL);
	contact_cols(t, o);
}

/*
 * A column for each question of the surveys answered in the scope, named
 * by the question's key (with the survey's when several surveys are
 * there).  Free-text answers stay out of a pseudonymized export.
 */
static int
responses_cols(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, struct circle_xtable *t,
    struct circle_err *e)
{
	static const char sql[] = "SELECT v.key, q.key, max(q.kind = 'text'), "
	    "max(q.kind = 'text' OR q.kind = 'choice' OR q.kind = 'yesno'), "
	    "(SELECT count(DISTINCT w.key) FROM survey w WHERE w.id IN "
	    "(SELECT r.survey_id FROM session s JOIN response r ON "
	    "r.session_id = s.id WHERE s.grp_id IN " GROUPS " AND " S_DATES ")) "
	    "FROM survey v JOIN question q ON q.survey_id = v.id "
	    "WHERE v.id IN (SELECT r.survey_id FROM session s JOIN response r "
	    "ON r.session_id = s.id WHERE s.grp_id IN " GROUPS " AND " S_DATES
	    ") GROUP BY v.key, q.key ORDER BY v.key, min(q.pos), q.key";
	sqlite3_stmt	*st;
	const char	*sv, *qk;
	char		*name, *key;
	int		 rc;

	circle_xtable_add(t, "date", "Date", CIRCLE_X_DATE, 11, NULL);
	circle_xtable_add(t, "group", "Group", CIRCLE_X_TEXT, 16, NULL);
	circle_xtable_add(t, "session", "Session", CIRCLE_X_INT, 8, NULL);
	person_cols(t, o);
	circle_xtable_add(t, "survey", "Survey", CIRCLE_X_TEXT, 12, NULL);
	circle_xtable_add(t, "phase", "Phase", CIRCLE_X_TEXT, 9, NULL);
	circle_xtable_add(t, "score", "Score", CIRCLE_X_REAL, 7, NULL);
	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sv = (const char *)sqlite3_column_text(st, 0);
		qk = (const char *)sqlite3_column_text(st, 1);
		if (sv == NULL || qk == NULL ||
		    (o->pseudonymize && sqlite3_column_int(st, 2)))
			continue;
		if (sqlite3_column_int(st, 4) > 1)
			circle_xasprintf(&name, "%s.%s", sv, qk);
		else
			name = circle_xstrdup(qk);
		circle_xasprintf(&key, "%s\t%s", sv, qk);
		circle_xtable_add(t, xtable_own(t, name), name,
		    sqlite3_column_int(st, 3) ? CIRCLE_X_TEXT : CIRCLE_X_REAL,
		    10, xtable_own(t, key));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "questions");
	return 0;
}

static void
followups_cols(struct circle_xtable *t, const struct circle_export_opts *o)
{
	circle_xtable_add(t, "opened", "Opened", CIRCLE_X_STAMP, 17, NULL);
	circle_xtable_add(t, "group", "Group", CIRCLE_X_TEXT, 16, NULL);
	circle_xtable_add(t, "session_date", "Session", CIRCLE_X_DATE, 11,
	    NULL);
	person_cols(t, o);
	circle_xtable_add(t, "flag", "Flag", CIRCLE_X_TEXT, 14, NULL);
	circle_xtable_add(t, "reason", "Reason", CIRCLE_X_TEXT, 32, NULL);
	circle_xtable_add(t, "status", "Status", CIRCLE_X_TEXT, 10, NULL);
	circle_xtable_add(t, "closed", "Closed", CIRCLE_X_STAMP, 17, NULL);
	if (!o->pseudonymize)
		circle_xtable_add(t, "note", "Note", CIRCLE_X_TEXT, 32, NULL);
}

/* The columns of a table; keys are the check-in surveys (sessions). */
int
circle_xtable_cols(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, enum circle_xkind k,
    char *const *keys, size_t nkeys, struct circle_xtable *t,
    struct circle_err *e)
{
	memset(t, 0, sizeof *t);
	switch (k) {
	case CIRCLE_XT_MEMBERS:
		members_cols(t, sc, o);
		break;
	case CIRCLE_XT_SESSIONS:
		sessions_cols(t, o, keys, nkeys);
		break;
	case CIRCLE_XT_ATTENDANCE:
		attendance_cols(t, o);
		break;
	case CIRCLE_XT_ROSTER:
		roster_cols(t, o);
		break;
	case CIRCLE_XT_RESPONSES:
		if (responses_cols(db, sc, o, t, e) == -1) {
			circle_xtable_release(t);
			return -1;
		}
		break;
	case CIRCLE_XT_FOLLOWUPS:
		followups_cols(t, o);
		break;
	}
	return 0;
}

/* Text for numbers, in a row's scratch space. */
struct scratch {
	char	buf[64][32];
	size_t	n;
};

static const char *
num(struct scratch *sc, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
num(struct scratch *sc, const char *fmt, ...)
{
	va_list	 ap;
	char	*b = sc->buf[sc->n++ % 64];

	va_start(ap, fmt);
	vsnprintf(b, sizeof sc->buf[0], fmt, ap);
	va_end(ap);
	return b;
}

static const char *
time_of(struct scratch *sc, const char *local_start)
{
	return num(sc, "%.5s", strlen(local_start) >= 16 ? local_start + 11 :
	    "");
}

static int
session_row(const struct circle_grid *g, size_t j,
    const struct circle_export_opts *o, circle_xrow_fn fn, void *arg)
{
	const struct circle_grid_session	*s = &g->ss[j];
	const char				**v;
	struct scratch				 sc;
	char					(*kb)[32];
	size_t					 n = 0, k, cell;
	int					 total, rc;

	sc.n = 0;
	v = circle_xcalloc(17 + 2 * g->nkeys, sizeof *v);
	kb = circle_xcalloc(2 * g->nkeys + 1, sizeof *kb);
	v[n++] = num(&sc, "%lld", s->id);
	v[n++] = num(&sc, "%.10s", s->local_start);
	v[n++] = time_of(&sc, s->local_start);
	v[n++] = g->handle;
	v[n++] = s->status;
	v[n++] = s->topic;
	if (!o->pseudonymize)
		v[n++] = s->online_url;
	v[n++] = num(&sc, "%.2f", s->minutes / 60.0);
	if (s->held) {
		v[n++] = num(&sc, "%d", s->expected);
		for (k = CIRCLE_CELL_PRESENT; k <= CIRCLE_CELL_EXCUSED; k++)
			v[n++] = num(&sc, "%d", s->marks[k]);
		v[n++] = num(&sc, "%d", s->absent);
	} else
		n += 6;
	v[n++] = s->headcount >= 0 ? num(&sc, "%lld", s->headcount) : NULL;
	total = (int)circle_attendances(s->headcount, s->came);
	v[n++] = s->held ? num(&sc, "%d", total) : NULL;
	v[n++] = s->unrecorded ? "1" : "0";
	for (k = 0; k < g->nkeys; k++) {
		cell = j * g->nkeys + k;
		if (g->nscores[cell] > 0) {
			snprintf(kb[2 * k], sizeof kb[0], "%d",
			    g->nscores[cell]);
			snprintf(kb[2 * k + 1], sizeof kb[0], "%.15g",
			    g->avg[cell]);
			v[n++] = kb[2 * k];
			v[n++] = kb[2 * k + 1];
		} else
			n += 2;
	}
	rc = fn(arg, v);
	free(kb);
	free(v);
	return rc;
}

static const char *const mark_names[] = { NULL, "present", "late",
    "left_early", "excused", "absent" };

static int
attendance_rows(const struct circle_grid *g,
    const struct circle_export_opts *o, circle_xrow_fn fn, void *arg)
{
	const struct circle_grid_person	*p;
	const char			*v[10];
	struct scratch			 sc;
	unsigned char			 c;
	size_t				 i, j, n;

	for (j = 0; j < g->nss; j++) {
		if (!g->ss[j].held)
			continue;
		for (i = 0; i < g->npp; i++) {
			c = g->cells[i * g->nss + j];
			if (!(c & CIRCLE_CELL_EXP) && !CIRCLE_CELL_CAME(c))
				continue;
			p = &g->pp[i];
			sc.n = n = 0;
			v[n++] = num(&sc, "%.10s", g->ss[j].local_start);
			v[n++] = time_of(&sc, g->ss[j].local_start);
			v[n++] = g->handle;
			v[n++] = num(&sc, "%lld", g->ss[j].id);
			if (o->pseudonymize)
				v[n++] = p->code;
			else {
				v[n++] = p->handle;
				v[n++] = p->name;
			}
			v[n++] = (c & CIRCLE_CELL_MARK) == CIRCLE_CELL_NONE ?
			    "absent" : mark_names[c & CIRCLE_CELL_MARK];
			v[n++] = c & CIRCLE_CELL_EXP ? "1" : "0";
			if (fn(arg, v) == -1)
				return -1;
		}
	}
	return 0;
}

/* Memberships that overlap the scope's dates. */
static int
roster_rows(const struct circle_grid *g, const struct circle_export_opts *o,
    circle_xrow_fn fn, void *arg)
{
	const struct circle_grid_member	*m;
	const struct circle_grid_person	*p;
	const char			*v[12];
	size_t				 i, n;

	for (i = 0; i < g->nmm; i++) {
		m = &g->mm[i];
		p = &g->pp[m->person];
		if ((o->to != NULL && strcmp(m->joined_on, o->to) > 0) ||
		    (o->from != NULL && m->left_on[0] != '\0' &&
		    strcmp(m->left_on, o->from) <= 0))
			continue;
		n = 0;
		if (o->pseudonymize)
			v[n++] = p->code;
		else {
			v[n++] = p->name;
			v[n++] = p->pronouns;
		}
		v[n++] = g->handle;
		v[n++] = m->role;
		v[n++] = m->joined_on;
		v[n++] = m->left_on[0] != '\0' ? m->left_on : NULL;
		v[n++] = p->status;
		if (o->with_contacts && !o->pseudonymize) {
			v[n++] = p->email;
			v[n++] = p->phone;
			v[n++] = p->consent < 0 ? NULL : p->consent ? "1" : "0";
		}
		if (fn(arg, v) == -1)
			return -1;
	}
	return 0;
}

/* The rows of a table that is built on a group's grid. */
int
circle_grid_rows(const struct circle_grid *g,
    const struct circle_export_opts *o, enum circle_xkind k,
    circle_xrow_fn fn, void *arg)
{
	size_t	j;

	switch (k) {
	case CIRCLE_XT_SESSIONS:
		for (j = 0; j < g->nss; j++)
			if (session_row(g, j, o, fn, arg) == -1)
				return -1;
		return 0;
	case CIRCLE_XT_ATTENDANCE:
		return attendance_rows(g, o, fn, arg);
	case CIRCLE_XT_ROSTER:
		return roster_rows(g, o, fn, arg);
	default:
		return 0;
	}
}

/* A member's name, handle and code from columns i, i+1, i+2 (uid). */
static size_t
person_vals(sqlite3_stmt *st, int i, const struct circle_export_opts *o,
    char code[CIRCLE_PSEUDONYM_LEN], const char **v)
{
	const char	*uid = (const char *)sqlite3_column_text(st, i + 2);

	if (o->pseudonymize) {
		if (uid == NULL)
			v[0] = "anonymous";
		else {
			circle_pseudonym(uid, code);
			v[0] = code;
		}
		return 1;
	}
	v[0] = (const char *)sqlite3_column_text(st, i);
	v[1] = (const char *)sqlite3_column_text(st, i + 1);
	if (uid == NULL)
		v[1] = "anonymous";
	return 2;
}

/* Members, buffered and sorted by code when pseudonymized. */
struct member_row {
	char	code[CIRCLE_PSEUDONYM_LEN];
	char	*v[8];
};

static int
member_row_cmp(const void *a, const void *b)
{
	const struct member_row	*x = a, *y = b;

	return strcmp(x->code, y->code);
}

static int
members_rows(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, const struct circle_xtable *t,
    circle_xrow_fn fn, void *arg, struct circle_err *e)
{
	static const char sql[] = "SELECT m.handle, m.display_name, m.uid, "
	    "m.pronouns, m.status, (SELECT group_concat(h, ', ') FROM (SELECT "
	    "g.handle AS h FROM membership p JOIN grp g ON g.id = p.grp_id "
	    "WHERE p.member_id = m.id AND p.left_on IS NULL "
	    "ORDER BY g.handle)), "
	    "m.email, m.phone, m.consent FROM member m WHERE ?1 = 0 OR EXISTS "
	    "(SELECT 1 FROM membership p WHERE p.member_id = m.id AND "
	    "p.grp_id = ?1) ORDER BY m.display_name COLLATE circle_name, "
	    "m.handle";
	struct member_row	*rows = NULL, *r;
	sqlite3_stmt		*st;
	const char		*v[12];
	size_t			 nrows = 0, n, i, k;
	int			 rc, bad = 0;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && !bad) {
		char	code[CIRCLE_PSEUDONYM_LEN];

		n = person_vals(st, 0, o, code, v);
		if (!o->pseudonymize)
			v[n++] = (const char *)sqlite3_column_text(st, 3);
		v[n++] = (const char *)sqlite3_column_text(st, 4);
		if (sc->gid == 0)
			v[n++] = (const char *)sqlite3_column_text(st, 5);
		if (o->with_contacts && !o->pseudonymize) {
			v[n++] = (const char *)sqlite3_column_text(st, 6);
			v[n++] = (const char *)sqlite3_column_text(st, 7);
			v[n++] = (const char *)sqlite3_column_text(st, 8);
		}
		if (!o->pseudonymize) {
			bad = fn(arg, v) == -1;
			continue;
		}
		rows = circle_xgrow(rows, nrows, sizeof *rows);
		r = &rows[nrows++];
		memset(r, 0, sizeof *r);
		memcpy(r->code, code, sizeof r->code);
		for (k = 0; k < t->ncols && k < 8; k++)
			r->v[k] = v[k] != NULL ? circle_xstrdup(v[k]) : NULL;
	}
	sqlite3_finalize(st);
	if (nrows > 0)
		qsort(rows, nrows, sizeof *rows, member_row_cmp);
	for (i = 0; i < nrows; i++) {
		if (!bad && fn(arg, (const char *const *)rows[i].v) == -1)
			bad = 1;
		for (k = 0; k < 8; k++)
			free(rows[i].v[k]);
	}
	free(rows);
	if (bad)
		return -1;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return circle_db_error(db, e, "members");
	return 0;
}

/* The answers of response id into the question columns of v. */
static int
response_answers(struct circle_db *db, long long id,
    const struct circle_xtable *t, size_t first, const char **v,
    char (*buf)[32], char **own, struct circle_err *e)
{
	static const char sql[] = "SELECT a.question, a.num, a.text, v.key, "
	    "q.kind FROM answer a JOIN response r ON r.id = a.response_id "
	    "JOIN survey v ON v.id = r.survey_id LEFT JOIN question q ON "
	    "q.survey_id = r.survey_id AND q.key = a.question "
	    "WHERE a.response_id = ?1";
	sqlite3_stmt	*st;
	const char	*q, *sv, *key, *kind;
	size_t		 i, lq;
	int		 rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		q = (const char *)sqlite3_column_text(st, 0);
		sv = (const char *)sqlite3_column_text(st, 3);
		if (q == NULL || sv == NULL)
			continue;
		lq = strlen(sv);
		for (i = first; i < t->ncols; i++) {
			key = t->cols[i].key;
			if (key != NULL && strncmp(key, sv, lq) == 0 &&
			    key[lq] == '\t' && strcmp(key + lq + 1, q) == 0)
				break;
		}
		if (i == t->ncols)
			continue;
		/* As circle checkin list shows them. */
		kind = (const char *)sqlite3_column_text(st, 4);
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			v[i] = own[i] = circle_xstrdup((const char *)
			    sqlite3_column_text(st, 2));
		else if (sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		else if (kind != NULL && strcmp(kind, "yesno") == 0)
			v[i] = sqlite3_column_double(st, 1) != 0 ? "yes" : "no";
		else {
			snprintf(buf[i], 32, "%.15g",
			    sqlite3_column_double(st, 1));
			v[i] = buf[i];
		}
	}
	if (rc != SQLITE_DONE)
		circle_db_error(db, e, "answers");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
responses_rows(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, const struct circle_xtable *t,
    circle_xrow_fn fn, void *arg, struct circle_err *e)
{
	static const char sql[] = "SELECT r.id, substr(s.local_start, 1, 10), "
	    "g.handle, s.id, m.handle, m.display_name, m.uid, v.key, r.phase, "
	    "r.score FROM session s JOIN grp g ON g.id = s.grp_id "
	    "JOIN response r ON r.session_id = s.id "
	    "JOIN survey v ON v.id = r.survey_id "
	    "LEFT JOIN member m ON m.id = r.member_id "
	    "WHERE s.grp_id IN " GROUPS " AND " S_DATES " "
	    "ORDER BY s.starts_at, g.handle, r.phase, r.taken_at, r.id";
	sqlite3_stmt	*st;
	const char	**v;
	char		(*buf)[32], **own;
	char		 code[CIRCLE_PSEUDONYM_LEN];
	size_t		 n, first, i;
	int		 rc, bad = 0;

	first = o->pseudonymize ? 7 : 8;
	v = circle_xcalloc(t->ncols + 1, sizeof *v);
	buf = circle_xcalloc(t->ncols + 1, sizeof *buf);
	own = circle_xcalloc(t->ncols + 1, sizeof *own);
	if ((st = circle_prepare(db, sql, e)) == NULL) {
		free(v);
		free(buf);
		free(own);
		return -1;
	}
	circle_scope_bind(st, sc);
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(v, 0, (t->ncols + 1) * sizeof *v);
		n = 0;
		v[n++] = (const char *)sqlite3_column_text(st, 1);
		v[n++] = (const char *)sqlite3_column_text(st, 2);
		v[n++] = (const char *)sqlite3_column_text(st, 3);
		n += person_vals(st, 4, o, code, v + n);
		v[n++] = (const char *)sqlite3_column_text(st, 7);
		v[n++] = (const char *)sqlite3_column_text(st, 8);
		v[n++] = (const char *)sqlite3_column_text(st, 9);
		if (response_answers(db, sqlite3_column_int64(st, 0), t, first,
		    v, buf, own, e) == -1)
			bad = 2;
		else if (fn(arg, v) == -1)
			bad = 1;
		for (i = first; i < t->ncols; i++) {
			free(own[i]);
			own[i] = NULL;
		}
	}
	sqlite3_finalize(st);
	free(v);
	free(buf);
	free(own);
	if (bad)
		return -1;
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "responses");
	return 0;
}

/* A UTC time stamp in the group's zone, YYYY-MM-DDTHH:MM. */
static const char *
local_stamp(const char *utc, const char *tzid, char out[17])
{
	if (utc == NULL)
		return NULL;
	if (tzid == NULL || circle_utc_to_local(utc, tzid, out) == -1)
		snprintf(out, 17, "%.16s", utc);
	return out;
}

static int
followups_rows(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, circle_xrow_fn fn, void *arg,
    struct circle_err *e)
{
	static const char sql[] = "SELECT f.created_at, g.tzid, g.handle, "
	    "substr(s.local_start, 1, 10), m.handle, m.display_name, m.uid, "
	    "f.flag, f.reason, f.status, f.closed_at, f.note "
	    "FROM session s JOIN grp g ON g.id = s.grp_id "
	    "JOIN followup f ON f.session_id = s.id "
	    "LEFT JOIN member m ON m.id = f.member_id "
	    "WHERE s.grp_id IN " GROUPS " AND " S_DATES " "
	    "ORDER BY f.created_at, f.id";
	sqlite3_stmt	*st;
	const char	*v[16], *tz;
	char		 code[CIRCLE_PSEUDONYM_LEN], opened[17], closed[17];
	size_t		 n;
	int		 rc, bad = 0;

	if ((st = circle_prepare(db, sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n = 0;
		tz = (const char *)sqlite3_column_text(st, 1);
		v[n++] = local_stamp((const char *)sqlite3_column_text(st, 0),
		    tz, opened);
		v[n++] = (const char *)sqlite3_column_text(st, 2);
		v[n++] = (const char *)sqlite3_column_text(st, 3);
		n += person_vals(st, 4, o, code, v + n);
		v[n++] = (const char *)sqlite3_column_text(st, 7);
		v[n++] = (const char *)sqlite3_column_text(st, 8);
		v[n++] = (const char *)sqlite3_column_text(st, 9);
		v[n++] = local_stamp((const char *)sqlite3_column_text(st, 10),
		    tz, closed);
		if (!o->pseudonymize)
			v[n++] = (const char *)sqlite3_column_text(st, 11);
		bad = fn(arg, v) == -1;
	}
	sqlite3_finalize(st);
	if (bad)
		return -1;
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "follow-ups");
	return 0;
}

/* The rows of a table that is one query. */
int
circle_query_rows(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, enum circle_xkind k,
    const struct circle_xtable *t, circle_xrow_fn fn, void *arg,
    struct circle_err *e)
{
	switch (k) {
	case CIRCLE_XT_MEMBERS:
		return members_rows(db, sc, o, t, fn, arg, e);
	case CIRCLE_XT_RESPONSES:
		return responses_rows(db, sc, o, t, fn, arg, e);
	case CIRCLE_XT_FOLLOWUPS:
		return followups_rows(db, sc, o, fn, arg, e);
	default:
		return 0;
	}
}

/* CSV output: RFC 4180 through circle_csv_cell, text neutralised. */
struct csv_out {
	FILE				*fp;
	const struct circle_xtable	*t;
};

static int
is_number(const char *s)
{
	char	*end;

	if (*s == '\0')
		return 0;
	errno = 0;
	(void)strtod(s, &end);
	return *end == '\0' && errno == 0;
}

static int
csv_row(void *arg, const char *const *v)
{
	struct csv_out			*c = arg;
	const struct circle_xcol	*col;
	size_t				 i;
	int				 numeric;

	for (i = 0; i < c->t->ncols; i++) {
		col = &c->t->cols[i];
		if (i > 0)
			fputc(',', c->fp);
		if (v[i] == NULL)
			continue;
		/* Only a number we made is left as it is. */
		numeric = (col->type == CIRCLE_X_INT ||
		    col->type == CIRCLE_X_REAL || col->type == CIRCLE_X_PCT) &&
		    is_number(v[i]);
		circle_csv_cell(c->fp, v[i], !numeric);
	}
	fputs("\r\n", c->fp);
	return ferror(c->fp) ? -1 : 0;
}

static const struct {
	const char		*name;
	enum circle_xkind	 kind;
} csv_tables[] = {
	{ "members", CIRCLE_XT_MEMBERS },
	{ "sessions", CIRCLE_XT_SESSIONS },
	{ "attendance", CIRCLE_XT_ATTENDANCE },
	{ "responses", CIRCLE_XT_RESPONSES },
	{ "followups", CIRCLE_XT_FOLLOWUPS },
};

/* The name of CSV table i, or NULL past the last (for completion). */
const char *
circle_export_table(size_t i)
{
	return i < sizeof csv_tables / sizeof csv_tables[0] ?
	    csv_tables[i].name : NULL;
}

static int
csv_write(struct circle_db *db, const struct circle_scope *sc,
    const struct circle_export_opts *o, enum circle_xkind k, FILE *fp,
    struct circle_err *e)
{
	struct circle_xtable	 t;
	struct circle_grid	 g;
	struct csv_out		 c;
	long long		*gids = NULL;
	char			**keys = NULL;
	size_t			 nkeys = 0, ngids = 0, i;
	int			 rc = -1;

	if (k == CIRCLE_XT_SESSIONS &&
	    circle_grid_keys(db, sc, &keys, &nkeys, e) == -1)
		return -1;
	if (circle_xtable_cols(db, sc, o, k, keys, nkeys, &t, e) == -1)
		goto out;
	c.fp = fp;
	c.t = &t;
	/* Excel on Windows reads UTF-8 only when the file says so. */
	if (o->bom)
		fputs("\xef\xbb\xbf", fp);
	for (i = 0; i < t.ncols; i++) {
		if (i > 0)
			fputc(',', fp);
		circle_csv_cell(fp, t.cols[i].name, 1);
	}
	fputs("\r\n", fp);
	if (k != CIRCLE_XT_SESSIONS && k != CIRCLE_XT_ATTENDANCE) {
		if (circle_query_rows(db, sc, o, k, &t, csv_row, &c, e) == -1)
			goto write;
		rc = 0;
		goto write;
	}
	if (circle_grid_groups(db, sc, &gids, &ngids, e) == -1)
		goto out;
	for (i = 0; i < ngids; i++) {
		if (circle_grid_load(db, sc, gids[i], o->pseudonymize ?
		    CIRCLE_GRID_PSEUDONYMS : 0, keys, nkeys, &g, e) == -1) {
			circle_grid_release(&g);
			goto out;
		}
		if (circle_grid_rows(&g, o, k, csv_row, &c) == -1) {
			circle_grid_release(&g);
			goto write;
		}
		circle_grid_release(&g);
	}
	rc = 0;
write:
	if (fflush(fp) != 0 || ferror(fp))
		rc = circle_err_set(e, CIRCLE_EIO, "write error: %s",
		    strerror(errno));
out:
	circle_xtable_release(&t);
	circle_strv_free(keys, nkeys);
	free(gids);
	return rc;
}

/*
 * One table as CSV: to path (written beside it and renamed into place)
 * when given, else to fp.
 */
int
circle_export_csv(struct circle_db *db, const char *table,
    const struct circle_export_opts *o, const char *path, FILE *fp,
    struct circle_err *e)
{
	struct circle_atomic	 a;
	struct circle_scope	 sc;
	char			*list = NULL;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof csv_tables / sizeof csv_tables[0]; i++)
		if (strcmp(table, csv_tables[i].name) == 0)
			break;
	if (i == sizeof csv_tables / sizeof csv_tables[0]) {
		for (i = 0; i < sizeof csv_tables / sizeof csv_tables[0]; i++)
			circle_xappend(&list, ", ", "%s", csv_tables[i].name);
		circle_err_set(e, CIRCLE_EUSAGE, "no table \"%s\" (tables: %s)",
		    table, list);
		free(list);
		return -1;
	}
	if (o->with_contacts && o->pseudonymize)
		return circle_err_set(e, CIRCLE_EUSAGE, "--with-contacts and "
		    "--pseudonymize do not go together");
	if (circle_scope_set(db, o->group, o->all, o->from, o->to, &sc,
	    e) == -1)
		return -1;
	if (circle_lean_cache(db, e) == -1)
		return -1;
	if (path == NULL)
		return circle_usual_cache(db, csv_write(db, &sc, o,
		    csv_tables[i].kind, fp, e), e);
	if ((fp = circle_atomic_fopen(path, 0600, &a, e)) == NULL)
		return circle_usual_cache(db, -1, e);
	rc = circle_usual_cache(db, csv_write(db, &sc, o, csv_tables[i].kind,
	    fp, e), e);
	return circle_atomic_fclose(&a, fp, rc == 0, e);
}
