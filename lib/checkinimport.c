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
	circle_strv_free(r->columns, r->ncolumns);
	circle_strv_free(r->errors, r->nerrors);
	free(r->opened);
	circle_hook_reports_free(r->hooks, r->nhooks);
	memset(r, 0, sizeof *r);
}

/* ---- import ------------------------------------------------------------ */

enum { K_TIME, K_HANDLE, K_EMAIL, K_NAME, K_SESSION, K_GROUP, K_FIRST, K_LAST,
    K_NKNOWN };

/* A question's field: after the known ones. */
#define Q(i)	(K_NKNOWN + (int)(i))

static const struct circle_csv_field known[] = {
	{ "timestamp", K_TIME }, { "time", K_TIME }, { "date", K_TIME },
	{ "datetime", K_TIME }, { "submitted", K_TIME },
	{ "submittedat", K_TIME }, { "takenat", K_TIME },
	{ "completiontime", K_TIME },
	/* SurveyMonkey's, Jotform's: when the answers were sent;
	 * Typeform's "Submit Date (UTC)", its zone in its header. */
	{ "enddate", K_TIME }, { "submissiondate", K_TIME },
	{ "submitdate", K_TIME },
	{ "handle", K_HANDLE },
	{ "member", K_HANDLE }, { "username", K_HANDLE },
	{ "email", K_EMAIL }, { "emailaddress", K_EMAIL },
	{ "youremail", K_EMAIL }, { "name", K_NAME }, { "fullname", K_NAME },
	{ "displayname", K_NAME }, { "yourname", K_NAME },
	{ "session", K_SESSION }, { "group", K_GROUP },
	/* A name in two columns, as forms ask for it. */
	{ "first", K_FIRST }, { "firstname", K_FIRST },
	{ "givenname", K_FIRST }, { "forename", K_FIRST },
	{ "last", K_LAST }, { "lastname", K_LAST }, { "surname", K_LAST },
	{ "familyname", K_LAST },
};

static const char *const known_names[K_NKNOWN] = { "timestamp", "handle",
    "email", "name", "session", "group", "first name", "last name" };

struct form {
	const struct circle_checkin_import_opts	*o;
	struct circle_checkin_import_result	*r;
	struct circle_survey			*s;
	struct circle_csv_reader		 in;	/* the form */
	long long				 gid;	/* --group */
	long long				 sid;	/* --session */
	struct circle_strmap			 seen;	/* session/member */
	struct circle_strmap			 members;
	int					 stamp_noted;
};

/* --map COLUMN=QUESTION: the column, by its header, holds the question;
 * COLUMN=ignore leaves it out, as a hidden column's note says. */
static int
form_map(struct form *fm, struct circle_err *e)
{
	const struct circle_question	*q;
	const char			*m, *eq;
	size_t				 i;

	for (i = 0; i < fm->o->nmap; i++) {
		m = fm->o->map[i];
		if ((eq = strrchr(m, '=')) == NULL || eq == m)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "expected COLUMN=QUESTION", m);
		if (strcasecmp(eq + 1, "ignore") == 0)
			q = NULL;
		else if ((q = circle_survey_question(fm->s, eq + 1)) == NULL)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "survey %s has no question \"%s\" (or give "
			    "COLUMN=ignore)", m, fm->s->key, eq + 1);
		if (circle_csv_map_spec(&fm->in, m, q == NULL ? -1 :
		    Q(q - fm->s->questions), e) == -1)
			return -1;
	}
	return 0;
}

/*
 * Which column is which: --map, then the survey's question keys and
 * prompts, then the headers forms write (Microsoft Forms' own Email and
 * Name last: circle_csv_map_headers); Microsoft Forms' own columns are
 * not said to be no question.
 */
static int
form_header(struct form *fm, struct circle_err *e)
{
	struct circle_csv_field	*t;
	const struct circle_question *q;
	const char		**names;
	size_t			 i, n = 0, nknown;
	int			*fc;

	nknown = sizeof known / sizeof known[0];
	t = circle_xcalloc(2 * fm->s->nquestions + nknown, sizeof *t);
	for (i = 0; i < fm->s->nquestions; i++) {
		t[n++] = (struct circle_csv_field){ fm->s->questions[i].key,
		    Q(i) };
		t[n++] = (struct circle_csv_field){ fm->s->questions[i].prompt,
		    Q(i) };
	}
	memcpy(t + n, known, sizeof known);
	if (circle_csv_find_header_map(&fm->in, t, n + nknown, fm->o->map,
	    fm->o->nmap, e) == -1 || form_map(fm, e) == -1) {
		free(t);
		return -1;
	}
	circle_csv_map_headers(&fm->in, t, n + nknown);
	free(t);
	/* A "Name" beside a last name is the first (csvcols.c's rule). */
	circle_csv_name_halves(&fm->in, K_NAME, K_FIRST, K_LAST);
	names = circle_xcalloc((size_t)Q(fm->s->nquestions) + 1,
	    sizeof *names);
	for (i = 0; i < K_NKNOWN; i++)
		names[i] = known_names[i];
	for (i = 0; i < fm->s->nquestions; i++)
		names[Q(i)] = fm->s->questions[i].key;
	circle_csv_describe(&fm->in, names, &fm->r->columns,
	    &fm->r->ncolumns);
	free(names);
	for (i = 0; i < fm->in.ncols; i++) {
		if (fm->in.colfield[i] != -1 || circle_csv_form_own(&fm->in, i))
			continue;
		fm->r->notes = circle_xgrow(fm->r->notes, fm->r->nnotes,
		    sizeof *fm->r->notes);
		circle_xasprintf(&fm->r->notes[fm->r->nnotes++], "%s:%zu:%zu: "
		    "column \"%s\" is not a question of survey %s; ignored "
		    "(--map COLUMN=QUESTION)", fm->o->name, fm->in.headerline,
		    i + 1, fm->in.header[i], fm->s->key);
	}
	fc = fm->in.fieldcol;
	for (i = 0; i < fm->s->nquestions; i++) {
		q = &fm->s->questions[i];
		if (q->required && fc[Q(i)] == -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no "
			    "column for the required question %s (give --map "
			    "COLUMN=%s)", fm->o->name, fm->in.headerline,
			    q->key, q->key);
	}
	if (!fm->o->anonymous && fc[K_HANDLE] == -1 && fc[K_EMAIL] == -1 &&
	    fc[K_NAME] == -1 && fc[K_FIRST] == -1 && fc[K_LAST] == -1)
		return circle_csv_sheet_hint(&fm->in, e, circle_err_set(e,
		    CIRCLE_EDATA, "%s:%zu: no handle, email or name column, "
		    "nor first and last names (or give --anonymous)",
		    fm->o->name, fm->in.headerline));
	if (fm->sid == 0 && fc[K_SESSION] == -1 && fc[K_TIME] == -1)
		return circle_csv_sheet_hint(&fm->in, e, circle_err_set(e,
		    CIRCLE_EDATA, "%s:%zu: no timestamp or session column (or "
		    "give --session)", fm->o->name, fm->in.headerline));
	return 0;
}

/*
 * A form's timestamp, in local time: a date (2026-11-03, 11/3/2026 by
 * the file's date order) and a time, seconds kept: two anonymous
 * answers a few seconds apart are two people's.  A time in UTC or with
 * an offset (Z, +01:00, Google Forms' GMT+1) is converted to the
 * session's zone (stamp_local).
 */
static int
stamp_read(struct form *fm, struct circle_csv_when *w, struct circle_err *e)
{
	return circle_csv_date(&fm->in, K_TIME, w, e);
}

/*
 * A stamp with a zone is taken when its offset is the session's zone's at
 * that time (stamp_local() converted it, or the form kept the group's
 * clock, as Google Forms writes 7:01:02 PM GMT in London), so its day and
 * time are the session's local ones; else (a session found by a session
 * column, not the time) they may not be, and it is refused.  day, h and m are the
 * stamp's wall time, taken that time in the session's zone tz as UTC.
 */
static int
stamp_zone_ok(struct form *fm, const char *day, int h, int m,
    const char *taken, const char *tz, int offset, struct circle_err *e)
{
	struct circle_date	d, u;
	char			utcday[11], said[16] = "";
	long			off;

	snprintf(utcday, sizeof utcday, "%.10s", taken);
	if (circle_date_parse(day, &d) == -1 ||
	    circle_date_parse(utcday, &u) == -1)
		return 0;
	off = circle_date_diff(&u, &d) * 1440 + h * 60 + m -
	    (atoi(taken + 11) * 60 + atoi(taken + 14));
	if (off == offset)
		return 0;
	if (offset != 0)
		snprintf(said, sizeof said, "%c%d:%02d", offset < 0 ? '-' : '+',
		    abs(offset) / 60, abs(offset) % 60);
	circle_err_set(e, CIRCLE_EDATA, "\"%s\" is a time in UTC%s, but "
	    "the session's zone (%s) was UTC%c%ld:%02ld then; a form's time is "
	    "read as the session's local time: set the form's time zone to the "
	    "group's", circle_csv_get(&fm->in, K_TIME), said, tz,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
	return circle_csv_at(&fm->in, K_TIME, e);
}

/*
 * An email no one on the roster has, beside a name, is the name's, as a
 * sign-in sheet reads it (signin.c): the roster may have another email
 * for them, or none.  0 with *mid, -1 with an error at the email's cell
 * (and the name's reason when there is one).
 */
static int
form_member_named(struct circle_db *db, struct form *fm, const char *email,
    long long *mid, struct circle_err *e)
{
	const char	*name;
	char		 turned[256], was[sizeof e->msg];
	int		 c = K_NAME;

	if ((name = circle_csv_get(&fm->in, K_NAME)) == NULL &&
	    (name = circle_csv_name_joined(&fm->in, K_FIRST, K_LAST,
	    &c)) == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "no member with email %s",
		    email);
		return circle_csv_at(&fm->in, K_EMAIL, e);
	}
	if (circle_member_resolve_in(db, fm->gid, name, mid, e) == 0 ||
	    (c == K_NAME && *mid == -1 && circle_name_turned(db, fm->gid,
	    name, mid, turned, sizeof turned, e) == 0))
		return 0;
	snprintf(was, sizeof was, "%s", e->msg);
	circle_err_set(e, e->code, "no member with email %s, and %s", email,
	    was);
	return circle_csv_at(&fm->in, c, e);
}

/*
 * How well a row's name (and it turned, "Last, First") agrees with the
 * roster's display and full names: circle_name_agrees()'s best, 3 the
 * same name, 1 the same first name, 2 a short form of it, 0 neither.
 */
static int
first_same_max(const char *name, const char *turned, const char *d,
    const char *full)
{
	int	v, w;

	v = circle_name_agrees(name, d, full);
	if (turned == NULL || v == 3 ||
	    (w = circle_name_agrees(turned, d, full)) == 0)
		return v;
	if (v == 0 || w == 3 || (w == 1 && v == 2))
		return w;
	return v;
}

/* A row's name that is a short form of the roster's, found by email:
 * the roster's person, said. */
static void
short_said(struct form *fm, const char *email, const char *name,
    const char *h, const char *had)
{
	size_t	line, col;

	circle_csv_where(&fm->in, K_EMAIL, &line, &col);
	fm->r->notes = circle_xgrow(fm->r->notes, fm->r->nnotes,
	    sizeof *fm->r->notes);
	circle_xasprintf(&fm->r->notes[fm->r->nnotes++], "%s:%zu:%zu: "
	    "\"%s\" <%s> read as %s, \"%s\" on the roster (found by email; "
	    "the first name a short form of the roster's)", fm->o->name, line,
	    col, name, email, h, had);
}

/*
 * A row found by its email whose name (or first and last names) begins
 * with another first name than the person's ("Bob Lee" on Ann Lee's
 * email: a family's one address) is refused naming both, as the answers
 * would be hers; a name written "Last, First" is read turned, and one
 * that is the person's by circle_member_resolve_in() agrees.  A first
 * name that is a short form of the person's ("Annie" of "Ann Oak"), with
 * no last name or the person's, is the person's, said (short_said).
 */
static int
form_email_name(struct circle_db *db, struct form *fm, const char *email,
    long long mid, struct circle_err *e)
{
	static const char sql[] = "SELECT handle, display_name, full_name "
	    "FROM member WHERE id = ?";
	sqlite3_stmt	*st;
	const char	*name, *d, *full;
	char		*turned = NULL, *h = NULL, *had = NULL;
	long long	 other;
	int		 c = K_NAME, rc, ok = 1, o = 0;

	if ((name = circle_csv_get(&fm->in, K_NAME)) == NULL &&
	    (name = circle_csv_name_joined(&fm->in, K_FIRST, K_LAST,
	    &c)) == NULL)
		return 0;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 1);
		full = (const char *)sqlite3_column_text(st, 2);
		circle_name_last_first(name, &turned);
		ok = first_same_max(name, turned, d, full);
		h = circle_col_dup(st, 0);
		had = circle_col_dup(st, 1);
	}
	rc = circle_step_ok(db, rc, "member", e);
	sqlite3_reset(st);
	/* Another's name, or a short form of theirs too: refused. */
	if (rc == 0 && ok != 0 && ok != 3 && ((o = circle_name_other(db,
	    fm->gid, mid, name, &other, e)) == -1 || (o == 0 &&
	    turned != NULL && (o = circle_name_other(db, fm->gid, mid,
	    turned, &other, e)) == -1)))
		rc = -1;
	else if (rc == 0 && (o == 2 || (ok == 2 && o == 1)))
		ok = 0;
	free(turned);
	if (rc == 0 && ok == 2)
		short_said(fm, email, name, h, had);
	if (rc == 0 && !ok && (circle_member_resolve_in(db, fm->gid, name,
	    &other, e) == -1 || other != mid)) {
		circle_err_set(e, CIRCLE_EDATA, "%s is %s's, \"%s\" on the "
		    "roster, and this row names \"%s\": if they share the "
		    "email, leave it out of this row (the name then says who); "
		    "if %s is now %s, circle roster edit --name \"%s\" %s, "
		    "then import again", email, h, had, name, had, name, name,
		    h);
		rc = circle_csv_at(&fm->in, K_EMAIL, e);
	}
	free(h);
	free(had);
	return rc;
}

static int
form_member(struct circle_db *db, struct form *fm,
    long long *mid, struct circle_err *e)
{
	static const char byemail[] = "SELECT id FROM member WHERE email = ? "
	    "COLLATE NOCASE LIMIT 2";
	const char	*ref, *name;
	sqlite3_stmt	*st;
	int		 rc;
	char		 key[640], turned[256];
	long long	*v;
	int		 c, k, n = 0, anon;

	*mid = 0;
	if (fm->o->anonymous)
		return 0;
	anon = circle_csv_form_anonymous(&fm->in, circle_csv_get(&fm->in,
	    K_EMAIL));
	if ((ref = circle_csv_get(&fm->in, c = K_HANDLE)) == NULL &&
	    (anon || (ref = circle_csv_get(&fm->in, c = K_EMAIL)) == NULL) &&
	    (ref = circle_csv_get(&fm->in, c = K_NAME)) == NULL &&
	    (ref = circle_csv_name_joined(&fm->in, K_FIRST, K_LAST,
	    &c)) == NULL) {
		if (!anon)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no "
			    "handle, email or name (an anonymous response? "
			    "give --anonymous to import the answers without "
			    "names)", fm->o->name, fm->in.row->line);
		/* Microsoft Forms' word for a form that asked no one's name. */
		circle_err_set(e, CIRCLE_EDATA, "\"anonymous\": the form did "
		    "not record who answered; give --anonymous to import the "
		    "answers without names");
		return circle_csv_anonymous_at(&fm->in, K_EMAIL, e);
	}
	/* An email is cached with the name beside it: one unknown address
	 * on two people's rows is each name's (form_member_named). */
	if (c == K_EMAIL && ((name = circle_csv_get(&fm->in, K_NAME)) !=
	    NULL || (name = circle_csv_name_joined(&fm->in, K_FIRST, K_LAST,
	    &k)) != NULL))
		snprintf(key, sizeof key, "%d\x1f%s\x1f%s", c, ref, name);
	else
		snprintf(key, sizeof key, "%d\x1f%s", c, ref);
	if ((v = circle_strmap_find(&fm->members, key)) != NULL) {
		*mid = *v;
		return 0;
	}
	if (c == K_EMAIL) {
		if ((st = circle_cached(db, byemail, e)) == NULL)
			return -1;
		circle_bind_text(st, 1, ref);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && n++ == 0)
			*mid = sqlite3_column_int64(st, 0);
		rc = circle_step_ok(db, rc, "member", e);
		sqlite3_reset(st);
		if (rc == -1)
			return -1;
		if (n == 0 && form_member_named(db, fm, ref, mid, e) == 0)
			n = 1;
		else if (n == 0 || (n == 1 && form_email_name(db, fm, ref,
		    *mid, e) == -1))
			return -1;
		if (n != 1) {
			circle_err_set(e, CIRCLE_EDATA, "two members with "
			    "email %s; give a handle column", ref);
			return circle_csv_at(&fm->in, c, e);
		}
	} else if (circle_member_resolve_in(db, fm->gid, ref, mid, e) == -1 &&
	    (c != K_NAME || *mid != -1 || circle_name_turned(db, fm->gid, ref,
	    mid, turned, sizeof turned, e) == -1))
		return circle_csv_at(&fm->in, c, e);
	circle_strmap_put(&fm->members, key, *mid);
	return 0;
}

/* The group a row is of: its group column's, or --group's (0: any). */
static int
form_gid(struct circle_db *db, struct form *fm, long long *gid,
    struct circle_err *e)
{
	const char	*g;

	*gid = fm->gid;
	g = circle_csv_get(&fm->in, K_GROUP);
	if (g != NULL && circle_group_resolve(db, g, gid, e) == -1)
		return circle_csv_at(&fm->in, K_GROUP, e);
	return 0;
}

/*
 * A stamp written with its zone (a Z, an offset, Google Forms' GMT+1) or
 * whose header says it (Typeform's "Submit Date (UTC)") as the wall time
 * it was in the zone of the session nearest it (--session's; else of the
 * row's group, or of this person's groups): the session is then found by
 * that day and time as any form's.  Left as it is when there is no such
 * session, for form_session() or stamp_zone_ok() to say so.
 */
static int
stamp_local(struct circle_db *db, struct form *fm, long long mid,
    struct circle_csv_when *w, struct circle_err *e)
{
	static const char sql[] = "SELECT x.tzid FROM session x WHERE "
	    "(?4 IS NULL OR x.id = ?4) AND (?4 IS NOT NULL OR (x.status != "
	    "'cancelled' AND (?2 IS NULL OR x.grp_id = ?2) AND (?3 IS NULL OR "
	    "EXISTS (SELECT 1 FROM membership p WHERE p.grp_id = x.grp_id AND "
	    "p.member_id = ?3)))) ORDER BY abs(julianday(x.starts_at) - "
	    "julianday(?1)), x.id LIMIT 1";
	sqlite3_stmt	*st;
	char		 utc[32], moved[21], tz[80] = "", local[17];
	long long	 gid;
	int		 rc;

	if (form_gid(db, fm, &gid, e) == -1)
		return -1;
	snprintf(utc, sizeof utc, "%.10sT%02u:%02u:%02uZ", w->day,
	    (unsigned)w->h % 100, (unsigned)w->m % 100, (unsigned)w->s % 100);
	circle_utc_add_minutes(utc, -w->offset, moved);
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, moved);
	if (gid != 0)
		sqlite3_bind_int64(st, 2, gid);
	if (mid != 0)
		sqlite3_bind_int64(st, 3, mid);
	if (fm->sid != 0)
		sqlite3_bind_int64(st, 4, fm->sid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(tz, sizeof tz, "%s", sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "session", e);
	sqlite3_reset(st);
	if (rc == -1)
		return -1;
	if (*tz == '\0' || circle_utc_to_local(moved, tz, local) == -1)
		return 0;
	snprintf(w->day, sizeof w->day, "%.10s", local);
	w->h = atoi(local + 11);
	w->m = atoi(local + 14);
	w->zone = 0;
	w->offset = 0;
	return 0;
}

/* The session of a row: --session, its session column, or its time. */
static int
form_session(struct circle_db *db, struct form *fm,
    long long mid, const char *day,
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
	int		 rc;
	long long	 gid;

	if (fm->sid != 0) {
		*sid = fm->sid;
		return 0;
	}
	g = circle_csv_get(&fm->in, K_GROUP);
	if (form_gid(db, fm, &gid, e) == -1)
		return -1;
	if ((ref = circle_csv_get(&fm->in, K_SESSION)) != NULL) {
		if (circle_session_resolve(db, g != NULL ? g : fm->o->group,
		    ref, sid, e) == -1)
			return circle_csv_at(&fm->in, K_SESSION, e);
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
	*sid = (rc = sqlite3_step(st)) == SQLITE_ROW ?
	    sqlite3_column_int64(st, 0) : 0;
	rc = circle_step_ok(db, rc, "session", e);
	sqlite3_reset(st);
	if (rc == -1)
		return -1;
	if (*sid == 0) {
		circle_err_set(e, CIRCLE_EDATA, "no session on %s%s; give "
		    "--session or a session column", day, mid != 0 ?
		    " in this person's groups" : "");
		return circle_csv_at(&fm->in, K_TIME, e);
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
	int			 rc = 0, step;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
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
	} else if (circle_step_ok(db, step, "session", e) == -1)
		rc = -1;
	sqlite3_reset(st);
	return rc;
}

/* A local time on day in the session's zone, as UTC. */
static int
session_utc(struct circle_db *db, long long sid, const char *day, int h, int m,
    int sec, char out[21], char tz[80], struct circle_err *e)
{
	static const char sql[] = "SELECT tzid FROM session WHERE id = ?";
	struct circle_date	 d;
	sqlite3_stmt		*st;
	int			 rc;

	snprintf(tz, 80, "UTC");
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(tz, 80, "%s", sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "session", e);
	sqlite3_reset(st);
	if (rc == -1)
		return -1;
	if (circle_date_parse(day, &d) == -1 ||
	    circle_local_to_utc(tz, &d, h, m, out) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s %02d:%02d: not a "
		    "time in %s", day, h, m, tz);
	out[17] = (char)('0' + sec / 10);
	out[18] = (char)('0' + sec % 10);
	return 0;
}

static int
form_answers(struct form *fm, struct circle_answer **out, struct circle_err *e)
{
	const struct circle_question	*q;
	struct circle_answer		*a;
	const char			*v;
	size_t				 i;

	a = circle_xcalloc(fm->s->nquestions + 1, sizeof *a);
	for (i = 0; i < fm->s->nquestions; i++) {
		q = &fm->s->questions[i];
		a[i].q = q;
		if ((v = circle_csv_get(&fm->in, Q(i))) == NULL) {
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
	circle_csv_at(&fm->in, Q(i), e);
	circle_answers_free(a, fm->s->nquestions);
	return -1;
}

static int
form_row(struct circle_db *db, struct form *fm, struct circle_err *e)
{
	struct circle_answer	*a = NULL;
	struct circle_place	 p;
	struct circle_saved	 sv;
	const char		*ts;
	struct circle_csv_when	 w;
	char			 day[11] = "", local[17] = "", taken[21], key[64];
	char			 tz[80];
	long long		 mid, sid, *v;
	int			 h = 0, m = 0, sec = 0, has_time = 0, rc = -1;

	if (circle_csv_totals_row(&fm->in, K_NAME, K_HANDLE, -1)) {
		fm->r->notes = circle_xgrow(fm->r->notes, fm->r->nnotes,
		    sizeof *fm->r->notes);
		circle_xasprintf(&fm->r->notes[fm->r->nnotes++], "%s:%zu: a "
		    "row of totals, passed over", fm->o->name,
		    fm->in.row->line);
		return 0;
	}
	if (circle_csv_footer_said(&fm->in, &fm->r->notes, &fm->r->nnotes))
		return 0;
	memset(&p, 0, sizeof p);
	memset(&sv, 0, sizeof sv);
	if ((ts = circle_csv_get(&fm->in, K_TIME)) != NULL &&
	    stamp_read(fm, &w, e) == -1) {
		if (fm->sid == 0)
			return -1;
		/* --session says where; the time only said when. */
		if (!fm->stamp_noted) {
			fm->r->notes = circle_xgrow(fm->r->notes,
			    fm->r->nnotes, sizeof *fm->r->notes);
			circle_xasprintf(&fm->r->notes[fm->r->nnotes++],
			    "%s; responses are dated now", e->msg);
			fm->stamp_noted = 1;
		}
		circle_err_clear(e);
		ts = NULL;
	}
	if (ts == NULL && fm->sid == 0 && circle_csv_get(&fm->in,
	    K_SESSION) == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no timestamp "
		    "or session", fm->o->name, fm->in.row->line);
	if (form_member(db, fm, &mid, e) == -1)
		return -1;
	if (ts != NULL) {
		/* A zone the cell says (Z, GMT+5:30, EST) or only its header
		 * (Typeform's "(UTC)") is one instant: converted alike. */
		circle_csv_header_zone(&fm->in, K_TIME, &w);
		if (w.zone && stamp_local(db, fm, mid, &w, e) == -1)
			return -1;
		memcpy(day, w.day, sizeof day);
		h = w.h, m = w.m, sec = w.s, has_time = w.has_time;
		snprintf(local, sizeof local, "%sT%02d:%02d", day, h, m);
	}
	if (form_session(db, fm, mid, day, local, &sid, e) == -1)
		return -1;
	if (form_session_ok(db, sid, e) == -1)
		return circle_csv_at(&fm->in, fm->in.fieldcol[K_SESSION] >= 0 ?
		    K_SESSION : K_TIME, e);
	if (circle_place_session(db, sid, &p, e) == -1)
		goto out;
	if (mid != 0 && circle_place_member(db, mid, 0, &p, e) == -1) {
		circle_csv_at(&fm->in, fm->in.fieldcol[K_HANDLE] >= 0 ?
		    K_HANDLE : fm->in.fieldcol[K_EMAIL] >= 0 ? K_EMAIL :
		    fm->in.fieldcol[K_NAME] >= 0 ? K_NAME : K_FIRST, e);
		goto out;
	}
	if (form_answers(fm, &a, e) == -1)
		goto out;
	/* The time taken, in the session's zone. */
	if (has_time && (session_utc(db, sid, day, h, m, sec, taken, tz,
	    e) == -1 || (w.zone && stamp_zone_ok(fm, day, h, m, taken, tz,
	    w.offset, e) == -1)))
		goto out;
	if (mid != 0) {
		snprintf(key, sizeof key, "%lld:%lld", sid, mid);
		if ((v = circle_strmap_find(&fm->seen, key)) != NULL) {
			fm->r->notes = circle_xgrow(fm->r->notes,
			    fm->r->nnotes, sizeof *fm->r->notes);
			circle_xasprintf(&fm->r->notes[fm->r->nnotes++],
			    "%s:%zu: replaces line %lld (the same person and "
			    "session)", fm->o->name, fm->in.row->line, *v);
		} else
			circle_strmap_put(&fm->seen, key,
			    (long long)fm->in.row->line);
	}
	sv.opened = &fm->r->opened;
	sv.nopened = &fm->r->nopened;
	if (circle_response_save(db, fm->s, &p, a, has_time ? taken : NULL,
	    &sv, e) == -1)
		goto out;
	if (sv.state == CIRCLE_UNCHANGED)
		fm->r->unchanged++;
	else if (sv.state == CIRCLE_ADDED)
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
form_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct form		*fm = arg;
	struct circle_csv_opts	 co = { fm->o->encoding, fm->o->date_order,
				     fm->o->sheet };
	int			 rc;

	circle_checkin_import_release(fm->r);
	circle_strmap_free(&fm->seen);
	circle_strmap_free(&fm->members);
	circle_survey_free(fm->s);
	fm->s = NULL;
	fm->gid = fm->sid = 0;
	fm->stamp_noted = 0;
	if (circle_survey_get(db, fm->o->survey, 0, &fm->s, e) == -1)
		return -1;
	if (fm->o->group != NULL && circle_group_resolve(db, fm->o->group,
	    &fm->gid, e) == -1)
		return -1;
	if (fm->o->session != NULL && (circle_session_resolve(db,
	    fm->o->group, fm->o->session, &fm->sid, e) == -1 ||
	    form_session_ok(db, fm->sid, e) == -1))
		return -1;
	if (circle_csv_reader_open(&fm->in, fm->o->path, fm->o->name, &co,
	    (size_t)Q(fm->s->nquestions), "empty; expected a header line and "
	    "answers", e) == -1)
		return -1;
	if ((rc = form_header(fm, e)) == 0)
		while ((rc = circle_csv_reader_next(&fm->in, 1, e)) == 1)
			if (form_row(db, fm, e) == -1 &&
			    circle_bad_keep(&fm->in.bad, e) == -1) {
				rc = -1;
				break;
			}
	if (rc == 0)
		rc = circle_bad_end(&fm->in.bad, fm->o->name, "imported",
		    &fm->r->errors, &fm->r->nerrors, e);
	circle_csv_notes(&fm->in, &fm->r->notes, &fm->r->nnotes);
	circle_csv_reader_close(&fm->in);
	if (rc == -1)
		return -1;
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
	char		**errors;
	size_t		 nerrors;
	int		 rc;

	memset(r, 0, sizeof *r);
	memset(&fm, 0, sizeof fm);
	fm.o = o;
	fm.r = r;
	rc = circle_db_write(db, form_tx, &fm, e);
	circle_strmap_free(&fm.seen);
	circle_strmap_free(&fm.members);
	circle_survey_free(fm.s);
	if (rc == -1) {
		/* A failure returns nothing but its bad cells. */
		circle_strv_move(&errors, &nerrors, &r->errors, &r->nerrors);
		circle_checkin_import_release(r);
		circle_strv_move(&r->errors, &r->nerrors, &errors, &nerrors);
	}
	else if (!o->dry_run && !o->no_hooks)
		circle_followup_hooks(db, r->opened, r->nopened, &r->hooks,
		    &r->nhooks);
	return rc;
}
