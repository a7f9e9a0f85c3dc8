/*
 * signwalkin.c: attend import --walk-ins: someone a sheet names who is no
 * one on the roster (no one near, not two people) added as attend walk-in
 * adds them (attend.c's circle_walkin_add), then marked as any row, and
 * said, a line each.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "roster.h"
#include "signin.h"

/* The row's session as attend.c's target: its id, group and day. */
static int
walkin_target(struct circle_db *db, const struct sheet *sh,
    struct circle_target *t, char *group, size_t size, struct circle_err *e)
{
	static const char sql[] = "SELECT substr(s.local_start, 1, 10), "
	    "g.handle FROM session s JOIN grp g ON g.id = s.grp_id WHERE "
	    "s.id = ?";
	sqlite3_stmt	*st;

	memset(t, 0, sizeof *t);
	t->id = sh->at_id;
	t->gid = sh->at_gid;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t->id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "session");
		sqlite3_reset(st);
		return -1;
	}
	snprintf(t->day, sizeof t->day, "%s", sqlite3_column_text(st, 0));
	snprintf(group, size, "%s", sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	return 0;
}

/* Whether mid is someone this sheet added as a walk-in. */
int
circle_signin_walked(struct sheet *sh, long long mid)
{
	char	key[24];

	snprintf(key, sizeof key, "%lld", mid);
	return mid > 0 && circle_strmap_find(&sh->walkins, key) != NULL;
}

/*
 * A walk-in this sheet added, marked at another session: in that
 * session's group too (a guest from its day), as walk-in would have them.
 */
int
circle_signin_walkin_join(struct circle_db *db, struct sheet *sh,
    long long mid, struct circle_err *e)
{
	struct circle_target	t;
	char			group[64];

	if (!circle_signin_walked(sh, mid))
		return 0;
	if (walkin_target(db, sh, &t, group, sizeof group, e) == -1)
		return -1;
	return circle_walkin_join(db, &t, mid, e);
}

/* A line said of the row: file:line: and the words. */
static void __attribute__((format(printf, 2, 3)))
walkin_said(struct sheet *sh, const char *fmt, ...)
{
	char	buf[1024];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
	    sizeof *sh->r->notes);
	circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu: %s",
	    sh->o->name, sh->in.row->line, buf);
}

/* A name that may be someone's on the roster (e says whose): what to
 * write on the sheet, or how to add another person of the name. */
static void
walkin_refused(const struct circle_target *t, const char *group,
    const char *name, struct circle_err *e)
{
	char	was[sizeof e->msg];

	snprintf(was, sizeof was, "%s", e->msg);
	circle_err_set(e, CIRCLE_EDATA, "%s no walk-in added; write the name "
	    "as the roster has it, or for someone else: 'circle attend "
	    "walk-in --new --group %s --session \"%s\" \"%s\"', then import "
	    "the sheet again", was, group, t->day, name);
}

/*
 * Someone the row names (in column c) who is no one on the roster, with
 * the row's email when it is no one's either: added as attend walk-in
 * adds them, to the roster and the row's session's group, and said.  0
 * with *mid theirs; 1 when the row marks them as not having come (no
 * walk-in: said, passed over); -1 with e at the cell, *mid -1 when they
 * are no one to add (a device's name, or one that may be someone's:
 * --skip-unknown passes it over).
 */
int
circle_signin_walkin(struct circle_db *db, struct sheet *sh,
    const char *name, const char *email, int c, long long *mid,
    struct circle_err *e)
{
	struct circle_target	 t;
	sqlite3_stmt		*st;
	const char		*dev;
	char			 group[64], key[24], *handle;
	int			 added;

	*mid = 0;
	if (walkin_target(db, sh, &t, group, sizeof group, e) == -1)
		return -1;
	if (!circle_mark_text_came(sh->mark)) {
		walkin_said(sh, "\"%s\" is no one on the roster, and the row "
		    "marks them %s at %s %s: not a walk-in (someone who came "
		    "is), passed over", name, circle_mark_said(sh->mark),
		    group, t.day);
		return 1;
	}
	if (circle_email_valid(name)) {
		*mid = -1;
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is an email address, "
		    "not a name: no walk-in added; give the row the person's "
		    "name", name);
		return circle_csv_at(&sh->in, c, e);
	}
	if ((dev = circle_call_device(name)) != NULL) {
		*mid = -1;
		circle_err_set(e, CIRCLE_EDATA, "\"%s\" is a device's name or a "
		    "phone's (%s), not a person's: no walk-in added; give the "
		    "row the person's name, or leave the row out", name, dev);
		return circle_csv_at(&sh->in, c, e);
	}
	/* Someone on the roster by another form of the name is not a
	 * second person (roster.c's one rule): what to write said. */
	if (circle_member_named_already(db, NULL, name, e) == -1) {
		if (e->code != CIRCLE_EDATA)
			return -1;
		*mid = -1;	/* as a name near someone's */
		walkin_refused(&t, group, name, e);
		return circle_csv_at(&sh->in, c, e);
	}
	/* Checked: walk-in's own check of the name is not made again. */
	if (circle_walkin_add(db, &t, name, email, 1, mid, &added,
	    e) == -1) {
		*mid = 0;
		return circle_csv_at(&sh->in, email != NULL &&
		    strncmp(e->msg, "email", 5) == 0 ? C_EMAIL : c, e);
	}
	snprintf(key, sizeof key, "%lld", *mid);
	circle_strmap_put(&sh->walkins, key, 1);
	sh->r->walkins++;
	if ((st = circle_cached(db, "SELECT handle FROM member WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, *mid);
	handle = sqlite3_step(st) == SQLITE_ROW ? circle_col_dup(st, 0) :
	    circle_xstrdup("?");
	sqlite3_reset(st);
	walkin_said(sh, "%s to the roster and the group: %s (%s), a guest of "
	    "%s from %s", sh->o->dry_run ? "would be added" : "added", name,
	    handle, group, t.day);
	free(handle);
	return 0;
}
