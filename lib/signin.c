/*
 * signin.c: a sign-in sheet (CSV) imported as marks: each row's session
 * and person found (and cached), marked as attend.c marks, one batch in
 * the change log that undo can put back.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "roster.h"
#include "signin.h"

static const struct circle_csv_field sheet_headers[] = {
	{ "date", C_DATE }, { "day", C_DATE }, { "sessiondate", C_DATE },
	{ "time", C_TIME }, { "start", C_TIME }, { "session", C_SESSION },
	{ "group", C_GROUP }, { "handle", C_HANDLE }, { "member", C_HANDLE },
	{ "username", C_HANDLE }, { "name", C_NAME }, { "fullname", C_NAME },
	{ "displayname", C_NAME }, { "yourname", C_NAME },
	/* One column of names "Lee, Ann" (importmap.c's headers). */
	{ "surnamefirstname", C_NAME }, { "lastnamefirstname", C_NAME },
	{ "lastfirst", C_NAME }, { "surnameforename", C_NAME },
	{ "surnameforenames", C_NAME }, { "familynamegivenname", C_NAME },
	{ "email", C_EMAIL }, { "emailaddress", C_EMAIL },
	{ "youremail", C_EMAIL }, { "status", C_STATUS },
	{ "attendance", C_STATUS }, { "mark", C_STATUS },
	{ "attended", C_STATUS }, { "note", C_NOTE }, { "notes", C_NOTE },
	{ "comment", C_NOTE }, { "starttime", C_TIME },
	{ "signedin", C_STATUS }, { "present", C_STATUS },
	{ "comments", C_NOTE }, { "ignore", C_NCOLS },
	/* A sign-in form's export: when each person signed in. */
	{ "timestamp", C_STAMP }, { "completiontime", C_STAMP },
	{ "submitted", C_STAMP }, { "submittedat", C_STAMP },
	{ "submitdate", C_STAMP },	/* Typeform's, "(UTC)" */
	/* The sheet circle prints: a signature, or initials, is a mark. */
	{ "signature", C_SIGNED }, { "signed", C_SIGNED },
	{ "initials", C_SIGNED },
	/* A name in two columns, as forms ask for it. */
	{ "first", C_FIRST }, { "firstname", C_FIRST },
	{ "givenname", C_FIRST }, { "forename", C_FIRST },
	{ "last", C_LAST }, { "lastname", C_LAST }, { "surname", C_LAST },
	{ "familyname", C_LAST },
	/* A video call's participant report (Zoom, Google Meet, Teams):
	 * when each person joined is a stamp; Zoom's waiting room. */
	{ "useremail", C_EMAIL }, { "jointime", C_STAMP },
	{ "timejoined", C_STAMP }, { "firstjoin", C_STAMP },
	{ "inwaitingroom", C_WAITING },
	/* Zoom's webinar attendee report: a name, not a handle. */
	{ "usernameoriginalname", C_NAME },
	/* Eventbrite's attendee report: who checked in (signticket.c). */
	{ "attendeestatus", C_STATUS },
	/* An order's attendee beside its buyer: the attendee's own. */
	{ "attendeefirstname", C_FIRST }, { "attendeelastname", C_LAST },
	{ "attendeename", C_NAME }, { "attendeeemail", C_EMAIL },
	/* BigBlueButton's learning dashboard: when each person joined. */
	{ "join", C_STAMP },
};

static const char *const sheet_fields[C_NCOLS] = { "date", "time",
    "session", "group", "handle", "name", "email", "status", "note",
    "signed in at", "signature", "first name", "last name",
    "in the waiting room" };


/* A name no one on the roster has: most often someone new, who walked in. */
static void
walk_in_said(const struct sheet *sh, const char *name, struct circle_err *e)
{
	char	was[sizeof e->msg];

	const char	*day;

	snprintf(was, sizeof was, "%s", e->msg);
	/* The session as the sheet names it: its When row, the row's
	 * session or date cell. */
	if (sh->fixed_id > 0)
		day = sh->fixed;
	else if (sh->day != NULL)
		day = sh->day;
	else if (sh->when[0] != '\0')
		day = sh->when;
	else if ((day = circle_csv_get(&sh->in, C_SESSION)) == NULL &&
	    (day = circle_csv_get(&sh->in, C_DATE)) == NULL)
		/* A form's or a call's stamp: the day it was read as. */
		day = circle_csv_get(&sh->in, C_STAMP) != NULL &&
		    sh->stamp_day[0] != '\0' ? sh->stamp_day :
		    sh->summary_day[0] != '\0' ? sh->summary_day : "DATE";
	circle_err_set(e, CIRCLE_EDATA, "%s (someone new: add them with "
	    "'circle attend walk-in --session \"%s\" \"%s\"', then import the "
	    "sheet again)", was, day, name);
}

/* The row's name, from its name column or its first and last: NULL if
 * none, else the field in *c. */
static const char *
row_name(struct sheet *sh, int *c)
{
	const char	*ref;

	if ((ref = circle_csv_get(&sh->in, C_NAME)) != NULL) {
		*c = C_NAME;
		return ref;
	}
	return circle_csv_name_joined(&sh->in, C_FIRST, C_LAST, c);
}

/* e's message, and then why, kept as a note: 1, the row passed over. */
static int
note_kept(struct sheet *sh, struct circle_err *e, const char *why)
{
	sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
	    sizeof *sh->r->notes);
	circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s%s", e->msg, why);
	circle_err_clear(e);
	return 1;
}

/*
 * A person no one on the roster is (e's message, said where): with
 * --skip-unknown a note, and the row passed over (1, as a person refused
 * on an earlier row); else the error (-1).
 */
static int
unknown_passed(struct sheet *sh, struct circle_err *e)
{
	if (!sh->o->skip_unknown)
		return -1;
	return note_kept(sh, e, "; passed over (--skip-unknown)");
}

/*
 * A row not signed whose name is no one's to add as a walk-in (near
 * someone's, two people's): it marks no one, as any row not signed, and
 * e's message is said (1).  Not cached: a row signed with the name is
 * refused.
 */
static int
probe_said(struct sheet *sh, int c, struct circle_err *e)
{
	circle_csv_at(&sh->in, c, e);
	return note_kept(sh, e, "; the row is not signed: nobody marked");
}

/*
 * --walk-ins: someone the row names who is no one on the roster (name,
 * and the row's email no one has, or NULL) added as walk-in adds them and
 * cached under key (0); a row marking them as not come passed over (1,
 * said; not cached: a later row may add them); else refused as
 * unknown_passed says.  A row not signed (sh->probe) that is no one to
 * add marks no one, as before.
 */
static int
sheet_walkin(struct circle_db *db, struct sheet *sh, const char *key,
    const char *name, const char *email, int c, long long *mid,
    struct circle_err *e)
{
	int	rc;

	if ((rc = circle_signin_walkin(db, sh, name, email, c, mid,
	    e)) == 0) {
		circle_err_clear(e);
		circle_strmap_put(&sh->members, key, *mid);
		return 0;
	}
	if (rc == 1) {
		circle_err_clear(e);
		return 1;
	}
	if (sh->probe && *mid == -1)
		return note_kept(sh, e, "; the row is not signed: nobody marked");
	if (*mid != -1)
		return -1;
	circle_strmap_put(&sh->members, key, 0);
	return unknown_passed(sh, e);
}

/* A person cached under key: 1 with *mid (and the second of a row of
 * two, *mid2, else 0), 0 when not cached. */
static int
member_cached(struct sheet *sh, const char *key, long long *mid,
    long long *mid2)
{
	char		 k2[720];
	long long	*v;

	if ((v = circle_strmap_find(&sh->members, key)) == NULL)
		return 0;
	*mid = *v;
	snprintf(k2, sizeof k2, "%s\x1f+", key);
	*mid2 = (v = circle_strmap_find(&sh->members, k2)) != NULL ? *v : 0;
	return 1;
}

/*
 * A row naming two people ("Ann & Bob Lee": a couple on one line of a
 * sheet, or on one account in a call): both, *mid and *mid2, cached
 * under key; 1 when the name is not two (nothing done), else as
 * sheet_member: refused naming both, the walk-in of the one no one is
 * (with --skip-unknown said, and the other, on the roster, marked).
 */
static int
sheet_two(struct circle_db *db, struct sheet *sh, long long gid,
    const char *key, const char *name, int c, long long *mid,
    long long *mid2, struct circle_err *e)
{
	long long	two[2] = { 0, 0 };
	char		who[256], k2[720], part[2][256];
	int		rc, i, w;

	if ((rc = circle_call_two(db, gid, name, two, who, sizeof who,
	    e)) == 1)
		return 1;
	/* --walk-ins: each of them no one is (no one near) added. */
	if (rc == -1 && sh->o->walk_ins && (two[0] == -1 || two[1] == -1) &&
	    (two[0] == -1 || two[0] > 0) && (two[1] == -1 || two[1] > 0) &&
	    circle_call_two_names(name, part[0], part[1], sizeof part[0])) {
		for (i = 0; i < 2; i++) {
			if (two[i] > 0)
				continue;
			if ((w = circle_signin_walkin(db, sh, part[i], NULL, c,
			    &two[i], e)) == 1)
				return 1;	/* not come: said */
			if (w == -1)
				return two[i] == -1 ? unknown_passed(sh, e) :
				    -1;
		}
		circle_err_clear(e);
		rc = 0;
	}
	snprintf(k2, sizeof k2, "%s\x1f+", key);
	circle_strmap_put(&sh->members, key, rc == 0 ? two[0] : 0);
	circle_strmap_put(&sh->members, k2, rc == 0 ? two[1] : 0);
	if (rc == 0) {
		circle_err_clear(e);
		*mid = two[0];
		*mid2 = two[1];
		return 0;
	}
	*mid = two[0] == -1 || two[1] == -1 ? -1 : 0;
	if (sh->probe)
		return probe_said(sh, c, e);
	if (*mid == -1)
		walk_in_said(sh, who, e);
	circle_csv_at(&sh->in, c, e);
	/* --skip-unknown: the one of them on the roster is marked. */
	if (*mid == -1 && sh->o->skip_unknown && (two[0] > 0 ||
	    two[1] > 0)) {
		*mid = two[0] > 0 ? two[0] : two[1];
		circle_strmap_put(&sh->members, key, *mid);
		note_kept(sh, e, "; passed over (--skip-unknown), the other "
		    "marked");
		return 0;
	}
	return *mid == -1 ? unknown_passed(sh, e) : -1;
}

/*
 * A row whose email is a person's on the roster (*mid), beside a name: by
 * circle_call_account, theirs, or another person's it names (two people
 * on one account in a call), else refused naming both; cached by the
 * email and the name.  A row with no name is the email's person.
 */
static int
sheet_account(struct circle_db *db, struct sheet *sh, long long gid,
    const char *key, const char *email, long long *mid, long long *mid2,
    struct circle_err *e)
{
	const char	*name;
	char		 nkey[640];
	long long	 holder = *mid;
	int		 c;

	if ((name = row_name(sh, &c)) == NULL) {
		circle_strmap_put(&sh->members, key, *mid);
		return 0;
	}
	snprintf(nkey, sizeof nkey, "%s\x1f%s", key, name);
	if (member_cached(sh, nkey, mid, mid2))
		return *mid > 0 ? 0 : 1;
	if (circle_call_account(db, gid, holder, email, name, mid, e) == 0) {
		circle_strmap_put(&sh->members, nkey, *mid);
		return 0;
	}
	if (*mid == -3)
		return sheet_two(db, sh, gid, nkey, name, c, mid, mid2, e);
	circle_strmap_put(&sh->members, nkey, 0);
	if (*mid == -1)
		walk_in_said(sh, name, e);
	circle_csv_at(&sh->in, c, e);
	if (*mid == -2)
		return note_kept(sh, e, "");
	return *mid == -1 ? unknown_passed(sh, e) : -1;
}

/*
 * The person of a row, by handle, email or name, in its session's group
 * first: cached, and a person refused refused once (1 on a later row).
 * An email no one on the roster has, beside a name, is the name's (a
 * call's report gives the email of the account, the roster another or
 * none), one someone has is checked against it (sheet_account);
 * Microsoft Forms' "anonymous" is no email.
 */
static int
sheet_member(struct circle_db *db, struct sheet *sh, long long gid,
    long long *mid, long long *mid2, struct circle_err *e)
{
	const char	*ref, *email = NULL;
	char		 key[320], inner[256] = "", was[sizeof e->msg];
	int		 c, anon, rc;

	*mid2 = 0;

	anon = circle_csv_form_anonymous(&sh->in, circle_csv_get(&sh->in,
	    C_EMAIL));
	if ((ref = circle_csv_get(&sh->in, C_HANDLE)) != NULL)
		c = C_HANDLE;
	else if (!anon && (ref = circle_csv_get(&sh->in, C_EMAIL)) != NULL)
		c = C_EMAIL;
	else if ((ref = row_name(sh, &c)) == NULL && anon) {
		/* Microsoft Forms' word for a form that asked no one's name. */
		circle_err_set(e, CIRCLE_EDATA, "\"anonymous\": the form did "
		    "not record who signed in; ask for a name in the form (a "
		    "question \"Your name\"), and mark these by hand");
		return circle_csv_anonymous_at(&sh->in, C_EMAIL, e);
	} else if (ref == NULL && circle_csv_get(&sh->in, C_SIGNED) != NULL) {
		/* A numbered row of the printed sheet, signed, no name. */
		circle_err_set(e, CIRCLE_EDATA, "signed with no name on the "
		    "line: write the name of who signed beside it");
		walk_in_said(sh, "NAME", e);
		return circle_csv_at(&sh->in, C_SIGNED, e);
	} else if (ref == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no handle, "
		    "email or name", sh->o->name, sh->in.row->line);
	snprintf(key, sizeof key, "%d\x1f%lld\x1f%s", c, gid, ref);
	if (member_cached(sh, key, mid, mid2))
		return *mid > 0 ? 0 : 1;	/* 1: refused, and said */
	if (c == C_EMAIL) {
		if ((*mid = circle_member_by_email(db, ref, 0, NULL, e)) == -1)
			return -1;
		if (*mid > 0)
			return sheet_account(db, sh, gid, key, ref, mid, mid2,
			    e);
		email = ref;
		if ((ref = row_name(sh, &c)) == NULL) {
			/* Said once, at the first row (a guest rejoins). */
			circle_strmap_put(&sh->members, key, 0);
			circle_err_set(e, CIRCLE_EDATA, "no member with email "
			    "%s", email);
			circle_csv_at(&sh->in, C_EMAIL, e);
			return unknown_passed(sh, e);
		}
		/* The name's, with that email: one account a call's report
		 * shows for several people is not one person. */
		snprintf(key, sizeof key, "%d\x1f%lld\x1f%s\x1f%s", c, gid,
		    email, ref);
		if (member_cached(sh, key, mid, mid2))
			return *mid > 0 ? 0 : 1;
	}
	if (circle_member_resolve_in(db, gid, ref, mid, e) == -1 &&
	    (c != C_NAME || *mid != -1 || (circle_name_aside(db, gid, ref,
	    mid, inner, sizeof inner, e) == -1 && (*mid != -1 ||
	    circle_name_turned(db, gid, ref, mid, inner, sizeof inner,
	    e) == -1)))) {
		/* A couple on one line: "Ann & Bob Lee". */
		if (c != C_HANDLE && *mid == -1 && (rc = sheet_two(db, sh,
		    gid, key, ref, c, mid, mid2, e)) != 1)
			return rc;
		/* A note-taking bot is no one to add: said, passed over. */
		if (c != C_HANDLE && *mid == -1 &&
		    circle_call_bot(ref) != NULL) {
			circle_strmap_put(&sh->members, key, 0);
			circle_err_set(e, CIRCLE_EDATA, "\"%s\" is a "
			    "note-taking bot, not a person: passed over", ref);
			circle_csv_at(&sh->in, c, e);
			return note_kept(sh, e, "");
		}
		/* No one near, nor two people: a walk-in (--walk-ins). */
		if (c != C_HANDLE && *mid == -1 && sh->o->walk_ins)
			return sheet_walkin(db, sh, key, *inner != '\0' ?
			    inner : ref, email, c, mid, e);
		if (sh->probe)
			return probe_said(sh, c, e);
		/* Like no one on the roster (not ambiguous, no one near). */
		if (c != C_HANDLE && *mid == -1)
			walk_in_said(sh, *inner != '\0' ? inner : ref, e);
		if (email != NULL) {
			snprintf(was, sizeof was, "%s", e->msg);
			circle_err_set(e, e->code, "no member with email "
			    "%s, and %s", email, was);
		}
		circle_strmap_put(&sh->members, key, 0);
		circle_csv_at(&sh->in, c, e);
		return *mid == -1 ? unknown_passed(sh, e) : -1;
	}
	circle_strmap_put(&sh->members, key, *mid);
	return 0;
}

/* The handle of a person and the group and start of a session, for a
 * message. */
static void
said_of(struct circle_db *db, long long sid, long long mid, char *buf,
    size_t size, struct circle_err *e)
{
	sqlite3_stmt	*st;

	snprintf(buf, size, "member %lld twice for session %lld", mid, sid);
	if ((st = circle_prepare(db, "SELECT m.handle, g.handle, "
	    "s.local_start FROM member m, session s JOIN grp g ON g.id = "
	    "s.grp_id WHERE m.id = ? AND s.id = ?", e)) == NULL)
		return;
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_int64(st, 2, sid);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, size, "%s twice for %s %s",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
		    sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
}

/*
 * The earlier row of the sheet for this row's session and person, if
 * there is one: its line, mark and note in *p.  The session and person
 * were marked before this row; the rows the sheet added are told by their
 * ids (sh->first on, their lines in sh->lines: 4 bytes a row), the rows
 * from before it that it marked again are remembered in sh->rows.  0 when
 * this is the first row for them, 1 when *p is the earlier one.
 */
static int
earlier_row(struct circle_db *db, struct sheet *sh, long long sid,
    long long mid, const char *mark, const char *note, struct seen_row *p,
    struct circle_err *e)
{
	static const char sql[] = "SELECT id, status, note FROM attendance "
	    "WHERE session_id = ? AND member_id = ?";
	sqlite3_stmt	*st;
	char		 key[48];
	long long	*v, id;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, sid);
	sqlite3_bind_int64(st, 2, mid);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "attendance");
		sqlite3_reset(st);
		return -1;
	}
	if ((id = sqlite3_column_int64(st, 0)) >= sh->first &&
	    (size_t)(id - sh->first) < sh->nlines) {
		/* Added by the sheet: as it left it, the rows agreeing. */
		*p = (struct seen_row){ sh->lines[id - sh->first], "",
		    circle_col_dup(st, 2) };
		circle_mark_parse((const char *)sqlite3_column_text(st, 1),
		    &p->mark);
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	snprintf(key, sizeof key, "%lld:%lld", sid, mid);
	if ((v = circle_strmap_find(&sh->rows, key)) == NULL) {
		sh->seen = circle_xgrow(sh->seen, sh->nseen, sizeof *sh->seen);
		sh->seen[sh->nseen] = (struct seen_row){ sh->in.row->line,
		    mark, note != NULL ? circle_xstrdup(note) : NULL };
		circle_strmap_put(&sh->rows, key, (long long)sh->nseen++);
		return 0;
	}
	*p = sh->seen[*v];
	p->note = p->note != NULL ? circle_xstrdup(p->note) : NULL;
	if (p->note == NULL && note != NULL)	/* this row's note is kept */
		sh->seen[*v].note = circle_xstrdup(note);
	return 1;
}

/*
 * One person, one row a session: a second row for them agrees with the
 * first (the same mark, and no other note) or the sheet is refused with
 * both lines named.  0 when the row may be recorded, 1 when it repeats
 * the earlier one and is passed over (counted once).
 */
static int
sheet_once(struct circle_db *db, struct sheet *sh, long long sid,
    long long mid, const char *mark, const char *note, struct circle_err *e)
{
	struct seen_row	 p;
	char		 said[200];
	int		 rc;

	if ((rc = earlier_row(db, sh, sid, mid, mark, note, &p, e)) <= 0)
		return rc;
	/* The same again (a person who rejoined a call): one mark. */
	rc = note != NULL && p.note == NULL ? 0 : 1;
	if (strcmp(p.mark, mark) == 0 && (note == NULL || p.note == NULL ||
	    strcmp(note, p.note) == 0)) {
		free(p.note);
		return rc;
	}
	said_of(db, sid, mid, said, sizeof said, e);
	if (strcmp(p.mark, mark) != 0)
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu: %s: %s here, %s on "
		    "line %zu (give one row a person a session)", sh->o->name,
		    sh->in.row->line, said, mark, p.mark, p.line);
	else
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu: %s: note \"%s\" "
		    "here, \"%s\" on line %zu (give one row a person a "
		    "session)", sh->o->name, sh->in.row->line, said, note,
		    p.note, p.line);
	free(p.note);
	return -1;
}

/* A row of totals, passed over: the first is said at the end. */
static int
totals_passed(struct sheet *sh)
{
	if (sh->totals++ == 0)
		sh->totals_line = sh->in.row->line;
	return 0;
}

/*
 * Person mid marked at session sid (of group gid) as mark, with note:
 * added, or changed with the old value logged, or a repeat of an earlier
 * row of the sheet agreeing with it (sheet_once).
 */
static int
sheet_mark(struct circle_db *db, struct sheet *sh, long long sid,
    long long gid, long long mid, const char *mark, const char *note,
    struct circle_err *e)
{
	static const char ins[] = "INSERT INTO attendance (session_id, "
	    "member_id, status, note, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (session_id, member_id) "
	    "DO NOTHING";
	static const char suid[] = "SELECT uid FROM session WHERE id = ?";
	struct circle_target	 t;
	sqlite3_stmt		*st;
	int			 changed, rc;

	memset(&t, 0, sizeof t);
	t.id = sid;
	t.gid = gid;
	if ((st = circle_cached(db, ins, e)) == NULL)
		return -1;
	/* Static binds: every string outlives the step below. */
	sqlite3_bind_int64(st, 1, t.id);
	sqlite3_bind_int64(st, 2, mid);
	sqlite3_bind_text(st, 3, mark, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sh->now, -1, SQLITE_STATIC);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	if (sqlite3_changes(db->h) > 0) {
		/* Ids follow on in one write: where each row came from. */
		while (sh->nlines <= (size_t)(sqlite3_last_insert_rowid(db->h) -
		    sh->first)) {
			sh->lines = circle_xgrow(sh->lines, sh->nlines,
			    sizeof *sh->lines);
			sh->lines[sh->nlines++] = (unsigned)sh->in.row->line;
		}
		sh->r->marked++;
		return 0;
	}
	if ((rc = sheet_once(db, sh, t.id, mid, mark, note, e)) != 0)
		return rc == 1 ? 0 : -1;
	/* Already marked: a change is logged with the old value. */
	if ((st = circle_cached(db, suid, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t.id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "session");
		sqlite3_reset(st);
		return -1;
	}
	t.uid = circle_col_dup(st, 0);
	sqlite3_reset(st);
	t.status = circle_xstrdup("held");
	rc = circle_attend_mark_one(db, &t, sh->batch, mid, mark, note,
	    &changed, e);
	circle_target_release(&t);
	if (rc == -1)
		return -1;
	if (changed)
		sh->r->marked++;
	else
		sh->r->unchanged++;
	return 0;
}

static int
sheet_row(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	struct circle_target	 t;
	const char	*mark = NULL, *s = circle_csv_get(&sh->in, C_STATUS);
	const char	*note = circle_csv_get(&sh->in, C_NOTE), *v;
	long long	 mid = 0, mid2 = 0;
	int		 rc, more, bad = 0, no_show, c;

	if (circle_csv_totals_row(&sh->in, C_NAME, C_HANDLE, -1))
		return totals_passed(sh);
	if (circle_csv_footer_said(&sh->in, &sh->r->notes, &sh->r->nnotes) ||
	    (sh->day == NULL && circle_csv_legend_said(&sh->in,
	    &sh->r->notes, &sh->r->nnotes)))
		return 0;
	/*
	 * A signature column: a row not signed, with no status either,
	 * marks no one (the names printed for those expected, the numbered
	 * rows left for walk-ins); a signed one is there unless its status
	 * says otherwise.
	 */
	sh->probe = 0;
	if (sh->in.fieldcol[C_SIGNED] >= 0 && s == NULL &&
	    circle_csv_get(&sh->in, C_SIGNED) == NULL) {
		/* --walk-ins: a name no one has, written on a row left for
		 * walk-ins, is someone signing in (sh->probe). */
		if (!sh->o->walk_ins || circle_csv_get(&sh->in,
		    C_HANDLE) != NULL || row_name(sh, &c) == NULL)
			return 0;
		sh->probe = 1;
	}
	if (sh->in.fieldcol[C_SIGNED] >= 0 && s == NULL)
		s = "present";
	/* BigBlueButton's anonymous poll answers: no one who joined. */
	if (sh->bbb && circle_csv_get(&sh->in, C_STAMP) == NULL)
		return 0;
	/* Zoom's "In Waiting Room: Yes": let in on another row, or not. */
	if ((v = circle_csv_get(&sh->in, C_WAITING)) != NULL &&
	    circle_csv_yesno(v, &more) == 1)
		return 0;

	if ((no_show = circle_signin_ticket(sh, &s)) == 1)
		return 0;
	/* Every bad cell of the row is said: each kept as it is found. */
	if (circle_mark_parse(s != NULL ? s : "", &mark) == -1) {
		circle_mark_refused(e, s);
		circle_csv_at(&sh->in, C_STATUS, e);
		if (circle_bad_keep(&sh->in.bad, e) == -1)
			return -1;
		bad = 1;
	}
	if (note != NULL && circle_check_text("note", note, 2000, e) == -1) {
		circle_csv_at(&sh->in, C_NOTE, e);
		if (circle_bad_keep(&sh->in.bad, e) == -1)
			return -1;
		bad = 1;
	}
	memset(&t, 0, sizeof t);
	/* In a register, a column's session or a row's person refused is
	 * said once, not at each of its cells. */
	if ((rc = circle_signin_session(db, sh, &t, e)) == 0) {
		/* A walk-in is added to its session's group. */
		sh->at_id = t.id;
		sh->at_gid = t.gid;
		sh->mark = mark != NULL ? mark : "present";
	}
	if (rc == -1 && sh->day != NULL)
		sh->day_bad[sh->in.fieldcol[C_STATUS]] = 1;
	else if (rc == 0 && (rc = sheet_member(db, sh, t.gid, &mid,
	    &mid2, e)) == -1) {
		if (no_show == 2 && mid == -1 && e->code == CIRCLE_EDATA)
			return circle_signin_ticket_unknown(sh, e);
		sh->who_bad = 1;
	}
	if (rc == 1)
		return 0;	/* a person refused on an earlier row */
	if (rc == -1) {
		if (!bad)
			return -1;	/* the caller keeps it */
		return circle_bad_keep(&sh->in.bad, e);
	}
	if (bad)
		return 0;	/* nothing recorded: the import fails */
	/* A row not signed marks only a walk-in the sheet added. */
	if (sh->probe && !circle_signin_walked(sh, mid) &&
	    !circle_signin_walked(sh, mid2))
		return 0;
	if (circle_signin_walkin_join(db, sh, mid, e) == -1 ||
	    circle_signin_walkin_join(db, sh, mid2, e) == -1)
		return -1;
	/* Two people on one line or account: each marked. */
	if ((rc = sheet_mark(db, sh, t.id, t.gid, mid, mark, note, e)) != 0 ||
	    mid2 <= 0)
		return rc;
	return sheet_mark(db, sh, t.id, t.gid, mid2, mark, note, e);
}

/* The highest attendance id: rows an import adds come after it. */
static int
last_attendance_id(struct circle_db *db, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT coalesce(max(id), 0) FROM "
	    "attendance", e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else
		circle_db_error(db, e, "attendance");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * The sheet's columns found (--map COLUMN=FIELD, then the headers) and
 * checked, then its rows recorded one by one, every bad cell kept.
 */
/* The time column is a form's "Start time", a stamp as the others. */
static int
form_start_time(const struct circle_csv_reader *r)
{
	char	f[32];

	circle_csv_fold(r->header[r->fieldcol[C_TIME]], f, sizeof f);
	return strcmp(f, "starttime") == 0;
}

/*
 * A register whose columns are headed by the day of the month alone (5,
 * 12, 19), the month in a row above them (merged over them, as Excel
 * registers have it): no day can be read; refused naming the columns
 * and what to write.  0 when the headers are not so.
 */
static int
register_daynums(struct sheet *sh, struct circle_err *e)
{
	const struct circle_csv_reader	*r = &sh->in;
	size_t				 col, n = 0, first = 0, last = 0;
	const char			*v;
	char				*end;
	long				 d;

	for (col = 0; col < r->ncols; col++) {
		v = r->header[col];
		if (r->colfield[col] != -1 || *v == '\0')
			continue;
		d = strtol(v, &end, 10);
		if (*end != '\0' || end - v > 2 || d < 1 || d > 31)
			continue;
		if (n++ == 0)
			first = col;
		last = col;
	}
	if (n < 2)
		return 0;
	return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: columns %zu to %zu "
	    "(\"%s\" to \"%s\") are numbers, not days a session was on "
	    "(the days of a month, its month in a row above?): write each "
	    "header as the whole date (5 Nov 2026, or 2026-11-05); in a "
	    "workbook, a date shown as its day alone: format it to show the "
	    "month and year too", sh->o->name, r->headerline, first + 1,
	    last + 1, r->header[first], r->header[last]);
}

/*
 * A register: a row a person and a column a session, its header the
 * session's day (10/12/2026, 10-Dec, Thu 10 Dec, 10/12/2026 19:00), its
 * cells the marks.  Taken when the sheet has no date, session, timestamp,
 * status or signature column and a column not named otherwise is a
 * day; a note column is then left out (a row's note is no one
 * session's).  1 when the sheet is one, 0 when not, -1 on an error.
 */
static int
register_columns(struct sheet *sh, struct circle_err *e)
{
	struct circle_csv_reader	*r = &sh->in;
	struct circle_csv_when		 w;
	size_t				 col, n = 0;
	int				 rc;

	if (r->fieldcol[C_DATE] >= 0 || r->fieldcol[C_SESSION] >= 0 ||
	    r->fieldcol[C_STAMP] >= 0 || r->fieldcol[C_STATUS] >= 0 ||
	    r->fieldcol[C_SIGNED] >= 0 || sh->when[0] != '\0')
		return 0;
	sh->ndays = r->ncols;
	sh->days = circle_xcalloc(r->ncols + 1, sizeof *sh->days);
	sh->day_bad = circle_xcalloc(r->ncols + 1, 1);
	for (col = 0; col < r->ncols; col++) {
		if (r->colfield[col] != -1)
			continue;
		/* Every header that cannot be read is said, each at its
		 * cell, before any row is. */
		if ((rc = circle_csv_header_date(r, col, &w, e)) == -1 &&
		    circle_bad_keep(&r->bad, e) == -1)
			return -1;
		if (rc != 1)
			continue;
		if (w.has_time)
			circle_xasprintf(&sh->days[col], "%sT%02d:%02d",
			    w.day, w.h, w.m);
		else
			sh->days[col] = circle_xstrdup(w.day);
		n++;
	}
	if (r->bad.total > 0)
		return circle_bad_end(&r->bad, sh->o->name, "recorded",
		    &sh->r->errors, &sh->r->nerrors, e);
	if (n == 0 && register_daynums(sh, e) == -1)
		return -1;
	if (n == 0) {
		/* No register: the sheet needs a date or session column. */
		circle_strv_free(sh->days, sh->ndays);
		free(sh->day_bad);
		sh->days = NULL, sh->day_bad = NULL, sh->ndays = 0;
		return 0;
	}
	if (r->fieldcol[C_NOTE] >= 0)
		circle_csv_map_column(r, (size_t)r->fieldcol[C_NOTE], -1);
	return 1;
}

/*
 * A register's cell that marks no one: empty, a dash, n/a, or a checkbox
 * not ticked (FALSE: a sheet of checkboxes has one under every day,
 * those to come as well).
 */
static int
register_blank(const char *v)
{
	static const char *const blanks[] = { "-", "\xe2\x80\x93",
	    "\xe2\x80\x94", "n/a", "na", "." };
	size_t	i, n;

	v += strspn(v, " ");
	n = strlen(v);
	while (n > 0 && v[n - 1] == ' ')
		n--;
	if (n == 0 || circle_csv_tick(v) == 0)
		return 1;
	for (i = 0; i < sizeof blanks / sizeof blanks[0]; i++)
		if (strlen(blanks[i]) == n && strncasecmp(v, blanks[i], n) == 0)
			return 1;
	return 0;
}

/* A register's row of totals: a cell outside its days saying so. */
static int
register_totals(const struct sheet *sh)
{
	const struct circle_csv_row	*row = sh->in.row;
	size_t				 col;

	for (col = 0; col < row->nfields && col < sh->in.ncols; col++)
		if (sh->days[col] == NULL &&
		    circle_csv_totals_label(row->fields[col]))
			return 1;
	return 0;
}

/* A register's row: each day's cell marked as a row of its own would be. */
static int
register_row(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	const char	*v;
	size_t		 col;
	int		 rc = 0;

	if (register_totals(sh))
		return totals_passed(sh);
	if (circle_csv_footer_said(&sh->in, &sh->r->notes, &sh->r->nnotes) ||
	    circle_csv_legend_said(&sh->in, &sh->r->notes, &sh->r->nnotes))
		return 0;
	sh->who_bad = 0;
	for (col = 0; col < sh->in.ncols && !sh->who_bad; col++) {
		if (sh->days[col] == NULL || sh->day_bad[col])
			continue;
		sh->in.fieldcol[C_STATUS] = (int)col;
		if ((v = circle_csv_get(&sh->in, C_STATUS)) == NULL ||
		    register_blank(v))
			continue;
		sh->day = sh->days[col];
		if (sheet_row(db, sh, e) == -1 &&
		    (rc = circle_bad_keep(&sh->in.bad, e)) == -1)
			break;
	}
	sh->in.fieldcol[C_STATUS] = -1;
	sh->day = NULL;
	return rc;
}

/* What a dry run says of a register's columns, in place of "ignored". */
static void
register_said(struct sheet *sh, size_t first)
{
	size_t	col;

	for (col = 0; col < sh->in.ncols; col++) {
		if (sh->days[col] == NULL || first + 1 + col >=
		    sh->r->ncolumns)
			continue;
		free(sh->r->columns[first + 1 + col]);
		circle_xasprintf(&sh->r->columns[first + 1 + col], "column "
		    "%zu \"%s\" -> marks for %s", col + 1, sh->in.header[col],
		    sh->days[col]);
	}
}

/*
 * --session: the session of every row.  Refused when the sheet names
 * sessions or groups itself (a date, session or group column, the
 * printed sheet's When row, a register's days), whether or not they
 * agree; a stamp (when each person joined or signed in) is not read.
 */
static int
fixed_session(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	static const int	 own[] = { C_DATE, C_SESSION, C_GROUP };
	const struct circle_csv_reader	*r = &sh->in;
	struct circle_session	 s;
	struct circle_target	 t;
	const char		*why = NULL;
	size_t			 i;
	int			 col = -1;

	for (i = 0; i < sizeof own / sizeof own[0] && col < 0; i++)
		col = r->fieldcol[own[i]];
	if (col >= 0)
		return circle_err_set(e, CIRCLE_EUSAGE, "--session %s: %s:%zu: "
		    "column %d \"%s\" names each row's %s; import the sheet "
		    "without --session", sh->o->session, sh->o->name,
		    r->headerline, col + 1, r->header[col],
		    own[i - 1] == C_GROUP ? "group" : "session");
	if (sh->when[0] != '\0')
		why = "its When row";
	else if (sh->days != NULL)
		why = "its columns of days (a register)";
	if (why != NULL)
		return circle_err_set(e, CIRCLE_EUSAGE, "--session %s: %s names "
		    "its sessions by %s; import it without --session",
		    sh->o->session, sh->o->name, why);
	if (circle_session_get(db, sh->o->group, sh->o->session, &s,
	    e) == -1)
		return -1;
	snprintf(sh->fixed, sizeof sh->fixed, "%s", s.local_start);
	circle_session_release(&s);
	if (circle_target_get(db, sh->o->group, sh->o->session, sh->o->force,
	    &t, e) == -1)
		return -1;
	if (strcmp(t.status, "scheduled") == 0) {
		json_array_append_new(sh->held, json_integer(t.id));
		sh->r->sessions++;
	}
	sh->fixed_id = t.id;
	sh->fixed_gid = t.gid;
	circle_target_release(&t);
	return circle_session_make_held(db, sh->fixed_id, e);
}

/* The day of a call report's summary (Zoom's start time above its
 * table), for rows with no join time. */
static int
summary_day(struct sheet *sh, struct circle_err *e)
{
	struct circle_csv_reader	*r = &sh->in;
	struct circle_csv_when		 w;
	enum circle_date_order		 got;

	if (r->summary_start[0] == '\0')
		return 0;
	if (circle_csv_when_parse(r->summary_start, r->order,
	    r->order_config, r->near, &w, &got, e) < 0)
		return circle_err_prefix(e, "%s:%zu: the meeting's start",
		    sh->o->name, r->summary_line);
	snprintf(sh->summary_day, sizeof sh->summary_day, "%s", w.day);
	return 0;
}

static int
sheet_rows(struct circle_db *db, struct sheet *sh, struct circle_err *e)
{
	const int	*fc = sh->in.fieldcol;
	const char	*eq;
	size_t		 i, first;
	int		 rc, f;

	/* A call's report: Teams' participants section, Zoom's summary;
	 * the same with --map (circle_csv_find_header_map). */
	if (circle_csv_section(&sh->in, "participants", e) == -1)
		return -1;
	if (circle_csv_find_header_map(&sh->in, sheet_headers,
	    sizeof sheet_headers / sizeof sheet_headers[0], sh->o->map,
	    sh->o->nmap, e) == -1)
		return -1;
	if (circle_csv_summary_skip(&sh->in, e) == -1)
		return -1;
	if (circle_signin_printed(sh, e) == -1)
		return -1;
	if (summary_day(sh, e) == -1)
		return -1;
	for (i = 0; i < sh->o->nmap; i++) {
		eq = strrchr(sh->o->map[i], '=');
		if (eq == NULL || eq == sh->o->map[i] ||
		    (f = circle_csv_field_of(sheet_headers, sizeof sheet_headers /
		    sizeof sheet_headers[0], eq + 1)) == -1)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "expected COLUMN=FIELD, FIELD one of date, time, "
			    "session, group, handle, name, email, status, "
			    "note, ignore", sh->o->map[i]);
		if (circle_csv_map_spec(&sh->in, sh->o->map[i], f, e) == -1)
			return -1;
	}
	circle_csv_map_headers(&sh->in, sheet_headers,
	    sizeof sheet_headers / sizeof sheet_headers[0]);
	circle_call_zoom_host(&sh->in, C_EMAIL);
	/* A "Name" beside a last name is the first (csvcols.c's rule). */
	circle_csv_name_halves(&sh->in, C_NAME, C_FIRST, C_LAST);
	/* Microsoft Forms' Start time is when the form was opened. */
	if (fc[C_DATE] < 0 && fc[C_STAMP] >= 0 && fc[C_TIME] >= 0 &&
	    form_start_time(&sh->in))
		circle_csv_map_column(&sh->in, (size_t)fc[C_TIME], -1);
	/* "Join?" is a yes or a no, not when one joined (BigBlueButton's
	 * "Join"). */
	if (fc[C_STAMP] >= 0 &&
	    circle_csv_header_asks(sh->in.header[fc[C_STAMP]]))
		circle_csv_map_column(&sh->in, (size_t)fc[C_STAMP], -1);
	sh->bbb = circle_call_bbb(&sh->in, C_STAMP);
	if (register_columns(sh, e) == -1)
		return -1;
	first = sh->r->ncolumns;
	circle_csv_describe(&sh->in, sheet_fields, &sh->r->columns,
	    &sh->r->ncolumns);
	if (sh->days != NULL)
		register_said(sh, first);
	if (sh->o->session != NULL && fixed_session(db, sh, e) == -1)
		return -1;
	if (sh->in.summary_line > 0 && fc[C_STAMP] < 0 && fc[C_STATUS] < 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: a meeting's "
		    "registrants (no join time, no Attended column) are who "
		    "signed up, not who came: import them with circle roster "
		    "import, and the meeting's participants report here",
		    sh->o->name, sh->in.headerline);
	if (fc[C_DATE] < 0 && fc[C_SESSION] < 0 && fc[C_STAMP] < 0 &&
	    sh->when[0] == '\0' && sh->days == NULL && sh->fixed_id == 0 &&
	    sh->summary_day[0] == '\0')
		return circle_csv_sheet_hint(&sh->in, e, circle_err_set(e,
		    CIRCLE_EDATA, "%s:%zu: no date or session column (add a "
		    "Date column, or a row \"Date\" and the day above the "
		    "header; or give --session for a sheet of one session)",
		    sh->o->name, sh->in.headerline));
	if (fc[C_HANDLE] < 0 && fc[C_EMAIL] < 0 && fc[C_NAME] < 0 &&
	    fc[C_FIRST] < 0 && fc[C_LAST] < 0)
		return circle_csv_sheet_hint(&sh->in, e, circle_err_set(e,
		    CIRCLE_EDATA, "%s:%zu: no handle, email or name column "
		    "(nor first and last name)", sh->o->name,
		    sh->in.headerline));
	while ((rc = circle_csv_reader_next(&sh->in, 1, e)) == 1)
		if ((sh->days != NULL ? register_row(db, sh, e) :
		    sheet_row(db, sh, e)) == -1 &&
		    circle_bad_keep(&sh->in.bad, e) == -1)
			return -1;
	if (rc == 0 && circle_signin_tickets_end(sh, e) == -1)
		return -1;
	if (rc == 0)
		rc = circle_bad_end(&sh->in.bad, sh->o->name, "recorded",
		    &sh->r->errors, &sh->r->nerrors, e);
	return rc;
}

static void
seen_free(struct sheet *sh)
{
	size_t	i;

	for (i = 0; i < sh->nseen; i++)
		free(sh->seen[i].note);
	free(sh->seen);
	sh->seen = NULL;
	sh->nseen = 0;
	free(sh->lines);
	sh->lines = NULL;
	sh->nlines = 0;
	circle_strmap_free(&sh->rows);
	if (sh->days != NULL)
		circle_strv_free(sh->days, sh->ndays);
	sh->days = NULL;
	sh->ndays = 0;
	free(sh->day_bad);
	sh->day_bad = NULL;
	sh->totals = 0;
	sh->file_day_said = 0;
	sh->checked_in = 0;
	sh->attending = sh->attending_unknown = 0;
}

static int
sheet_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct sheet		*sh = arg;
	struct circle_csv_opts	 co = { sh->o->encoding, sh->o->date_order,
				     sh->o->sheet };
	long long		 last;
	int			 rc;

	circle_attend_result_release(sh->r);
	sh->when[0] = '\0';
	sh->fixed_id = sh->fixed_gid = 0;
	sh->fixed[0] = '\0';
	circle_strmap_free(&sh->groups);
	circle_strmap_free(&sh->sessions);
	circle_strmap_free(&sh->members);
	circle_strmap_free(&sh->walkins);
	seen_free(sh);
	json_decref(sh->held);
	sh->held = json_array();
	free(sh->batch);
	if ((sh->batch = circle_uuid(e)) == NULL)
		return -1;
	circle_now_utc(sh->now);
	if (last_attendance_id(db, &sh->first, e) == -1)
		return -1;
	sh->first++;
	if (circle_csv_reader_open(&sh->in, sh->o->path, sh->o->name, &co,
	    C_NCOLS, "empty file (a sign-in sheet starts with a header row)",
	    e) == -1)
		return -1;
	circle_csv_yearless(&sh->in);
	rc = sheet_rows(db, sh, e);
	circle_csv_notes(&sh->in, &sh->r->notes, &sh->r->nnotes);
	if (sh->totals > 0) {
		sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
		    sizeof *sh->r->notes);
		circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu: a "
		    "row of totals, passed over%s", sh->o->name,
		    sh->totals_line, sh->totals > 1 ? " (and the rows of "
		    "totals after it)" : "");
	}
	circle_csv_reader_close(&sh->in);
	if (rc == -1)
		return -1;
	/* One log entry for the rows added: nothing personal in it. */
	if (last_attendance_id(db, &last, e) == -1 ||
	    circle_attend_joined_later(db, sh->first, last, sh->o->name,
	    sh->lines, sh->nlines, sh->r, e) == -1)
		return -1;
	/* A sheet that added nothing is no batch for undo to find. */
	if (last >= sh->first || json_array_size(sh->held) > 0)
		rc = circle_attend_log(db, "import", NULL, NULL,
		    json_pack("{s:s, s:s, s:I, s:I, s:O}", "batch", sh->batch,
		    "file", sh->o->name, "first", (json_int_t)sh->first, "last",
		    (json_int_t)last, "held", sh->held), e);
	if (rc == -1)
		return -1;
	return sh->o->dry_run ? 1 : 0;
}

/*
 * A sign-in sheet (CSV): a date (and time) or session, a person (handle,
 * email or name), a status and a note a row.  One transaction: a bad row
 * is file:line:column and nothing is recorded.
 */
int
circle_attend_import(struct circle_db *db, const struct circle_import_opts *o,
    struct circle_attend_result *r, struct circle_err *e)
{
	struct circle_import_opts	opts = *o;
	struct sheet			sh;
	char				**errors;
	size_t				nerrors;
	int				rc;

	memset(&sh, 0, sizeof sh);
	if (opts.name == NULL)
		opts.name = strcmp(o->path, "-") == 0 ? "stdin" : o->path;
	sh.o = &opts;
	sh.r = r;
	memset(r, 0, sizeof *r);
	rc = circle_db_write(db, sheet_tx, &sh, e);
	circle_strmap_free(&sh.groups);
	circle_strmap_free(&sh.sessions);
	circle_strmap_free(&sh.members);
	circle_strmap_free(&sh.walkins);
	seen_free(&sh);
	json_decref(sh.held);
	free(sh.batch);
	if (rc == -1) {
		/* A failure returns nothing but its bad cells. */
		circle_strv_move(&errors, &nerrors, &r->errors, &r->nerrors);
		circle_attend_result_release(r);
		circle_strv_move(&r->errors, &r->nerrors, &errors, &nerrors);
	}
	return rc;
}
