/*
 * import.c: a roster from a CSV (a spreadsheet's or a web form's export) or
 * a YAML file.  The whole file is one transaction: a bad row is reported as
 * file:line:column and nothing is imported.  People already on the roster
 * (same handle, same email, or, with neither, the same name) are updated
 * in place, never duplicated.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "import.h"
#include "roster.h"

/* A new note's place, for circle_xasprintf(). */
char **
circle_import_note(struct circle_import_result *r)
{
	r->notes = circle_xgrow(r->notes, r->nnotes, sizeof *r->notes);
	return &r->notes[r->nnotes++];
}

static long long
member_lookup(struct circle_db *db, const char *sql, const char *v,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id = 0;
	int		 rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, v);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc == SQLITE_ROW) {
		/* Two people of that name: neither guess nor add a third. */
		sqlite3_reset(st);
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is more than "
		    "one person on the roster; add a handle or email column "
		    "to say which", v);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "member");
	return id;
}

/* How a person with an email was found: by name, the roster's with none. */
static const char BY_NAME_NOEMAIL[] = "name (no email on the roster)";

/*
 * The one person on the roster whose name folds as name does (text.c's
 * circle_name_fold: case, accents and spacing aside; member.name_fold, or
 * folded here where it is not kept yet), 0 if none; with email, the one
 * among those with no email (a row giving email, no one's yet, is the
 * person the roster has by name alone).  *spelt gets their handle and
 * name as the roster spells it when that is not name.  Two such people
 * are an error that names them: which one is a guess.
 */
static long long
member_by_name(struct circle_db *db, const char *name, const char *email,
    char **spelt, struct circle_err *e)
{
	static const char any[] = "SELECT id, handle, display_name FROM member "
	    "WHERE name_fold = ?1 OR (name_fold IS NULL AND "
	    "circle_fold(display_name) = ?1) ORDER BY handle";
	static const char noemail[] = "SELECT id, handle, display_name FROM "
	    "member WHERE (name_fold = ?1 OR (name_fold IS NULL AND "
	    "circle_fold(display_name) = ?1)) AND coalesce(email, '') = '' "
	    "ORDER BY handle";
	const char	*sql = email != NULL ? noemail : any;
	sqlite3_stmt	*st;
	char		*fold, *handles = NULL;
	long long	 id = 0;
	int		 rc, n = 0;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	fold = circle_name_fold(name);
	circle_bind_text(st, 1, fold);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n++ == 0) {
			id = sqlite3_column_int64(st, 0);
			if (strcmp((const char *)sqlite3_column_text(st, 2),
			    name) != 0)
				circle_xasprintf(spelt, "%s, \"%s\" on the "
				    "roster", sqlite3_column_text(st, 1),
				    sqlite3_column_text(st, 2));
		}
		if (n <= 4)
			circle_xappend(&handles, ", ", "%s",
			    sqlite3_column_text(st, 1));
	}
	if (circle_step_ok(db, rc, "member", e) == -1)
		id = -1;
	else if (n > 1 && email != NULL)
		id = circle_err_set(e, CIRCLE_EDATA, "%s is no one's email, and "
		    "\"%s\" is more than one person on the roster with none "
		    "(%s%s); add a handle column to say which", email, name,
		    handles, n > 4 ? ", ..." : "");
	else if (n > 1)
		id = circle_err_set(e, CIRCLE_EDATA, "\"%s\" is more than one "
		    "person on the roster (%s%s); add a handle or email column "
		    "to say which", name, handles, n > 4 ? ", ..." : "");
	sqlite3_reset(st);
	free(fold);
	free(handles);
	if (id <= 0) {
		free(*spelt);
		*spelt = NULL;
	}
	return id;
}

/*
 * The member this person already is, 0 if new; *spelt as member_by_name
 * says it.  A row with an email no one has is the one person of its name
 * with no email (*by BY_NAME_NOEMAIL, for the caller to say so): the
 * roster's record of someone added by name, their email now known.
 */
static long long
member_match(struct circle_db *db, const struct circle_member_set *s,
    const char **by, char **spelt, struct circle_err *e)
{
	static const char byhandle[] = "SELECT id FROM member WHERE handle = ?";
	static const char byemail[] = "SELECT id FROM member WHERE "
	    "email = ? COLLATE NOCASE";
	long long	id;

	*spelt = NULL;
	if (s->handle != NULL &&
	    (id = member_lookup(db, byhandle, s->handle, e)))
		return *by = "handle", id;
	if (s->email != NULL &&
	    (id = member_lookup(db, byemail, s->email, e)))
		return *by = "email", id;
	if (s->handle == NULL &&
	    (id = member_by_name(db, s->display_name, s->email, spelt, e)))
		return *by = s->email != NULL ? BY_NAME_NOEMAIL : "name", id;
	return 0;
}

static int
log_edit(struct circle_db *db, long long id, const char *detail,
    struct circle_err *e)
{
	static const char sql[] = "SELECT uid FROM member WHERE id = ?";
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			*uid;
	int			 rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "member");
		sqlite3_reset(st);
		return -1;
	}
	uid = circle_col_dup(st, 0);
	sqlite3_reset(st);
	c = (struct circle_change){ "edit", "member", uid, uid, detail };
	rc = circle_log(db, &c, e);
	free(uid);
	return rc;
}

/*
 * A person met again further down the same file: their later rows only
 * fill fields still empty, so that importing the file twice changes
 * nothing the second time.
 */
static int
keep_first(struct circle_db *db, long long id, struct circle_member_set *s,
    struct circle_err *e)
{
	struct circle_member	m;
	char			ref[24];

	snprintf(ref, sizeof ref, "%lld", id);
	if (circle_member_get(db, ref, &m, e) == -1)
		return -1;
	s->display_name = NULL;
	if (m.full_name != NULL)
		s->full_name = NULL;
	if (m.pronouns != NULL)
		s->pronouns = NULL;
	if (m.email != NULL)
		s->email = NULL;
	if (m.phone != NULL)
		s->phone = NULL;
	if (m.emergency != NULL)
		s->emergency = NULL;
	if (m.consent != -1)
		s->consent = NULL;
	if (m.consent_on != NULL)
		s->consent_on = NULL;
	if (m.notes != NULL)
		s->notes = NULL;
	circle_member_release(&m);
	return 0;
}

/* The line member id was first met on in this import, or NULL. */
static long long *
seen_find(struct import *im, long long id)
{
	char	key[24];

	snprintf(key, sizeof key, "%lld", id);
	return circle_strmap_find(&im->seen, key);
}

static void
seen_add(struct import *im, long long id, size_t line)
{
	char	key[24];

	snprintf(key, sizeof key, "%lld", id);
	if (circle_strmap_find(&im->seen, key) == NULL)
		circle_strmap_put(&im->seen, key, (long long)line);
}

/* No cell, or only blanks, as circle_field_norm() trims them. */
int
circle_import_blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

/*
 * Put where field k of the person was in the file (and its column's
 * header) before e's message: the file said it, so it is bad data.
 */
int
circle_import_at(struct import *im, const struct person *p, size_t k,
    struct circle_err *e)
{
	if (e->code == CIRCLE_EFAIL || e->code == CIRCLE_EUSAGE)
		e->code = CIRCLE_EDATA;
	return circle_at(e, im->o->name, p->line[k] ? p->line[k] :
	    p->rowline, p->col[k] ? p->col[k] : 1, p->line[k] ? p->hdr[k] :
	    NULL);
}

/* A group named in a cell, found once per import. */
static int
group_ref(struct circle_db *db, struct import *im, const char *ref,
    long long *id, struct circle_err *e)
{
	long long	*v;

	if ((v = circle_strmap_find(&im->groups, ref)) != NULL) {
		*id = *v;
		return 0;
	}
	if (circle_group_resolve(db, ref, id, e) == -1)
		return -1;
	circle_strmap_put(&im->groups, ref, *id);
	return 0;
}

/* s without the blanks at its ends, in place. */
static char *
trim(char *s)
{
	char	*end;

	s += strspn(s, " \t");
	for (end = s + strlen(s); end > s && (end[-1] == ' ' ||
	    end[-1] == '\t'); end--)
		;
	*end = '\0';
	return s;
}

/*
 * The groups a Group cell names: a group's handle, name or a unique
 * prefix, or several of them separated by ";" or ",".  The whole cell is
 * tried first, so a group whose name holds a comma is found too.
 */
static int
cell_groups(struct circle_db *db, struct import *im, const char *cell,
    long long **gids, size_t *n, struct circle_err *e)
{
	char		*copy, *part, *save = NULL;
	long long	 id;
	int		 rc = 0;

	*n = 0;
	copy = circle_xstrdup(cell);
	if (group_ref(db, im, trim(copy), &id, e) == 0) {
		*gids = circle_xgrow(*gids, *n, sizeof **gids);
		(*gids)[(*n)++] = id;
		goto out;
	}
	rc = -1;
	if ((e->code != CIRCLE_EFAIL && e->code != CIRCLE_EUSAGE) ||
	    strpbrk(cell, ";,") == NULL)
		goto out;
	strcpy(copy, cell);
	for (part = strtok_r(copy, ";,", &save); part != NULL;
	    part = strtok_r(NULL, ";,", &save)) {
		if (*(part = trim(part)) == '\0')
			continue;
		if (group_ref(db, im, part, &id, e) == -1)
			goto out;
		*gids = circle_xgrow(*gids, *n, sizeof **gids);
		(*gids)[(*n)++] = id;
	}
	rc = 0;
out:
	if (rc == -1 && (e->code == CIRCLE_EFAIL || e->code ==
	    CIRCLE_EUSAGE)) {
		e->code = CIRCLE_EDATA;
		circle_err_append(e, " (a Group cell holds a group's handle "
		    "or name, or several separated by \";\")");
	}
	free(copy);
	return rc;
}

/*
 * The handle of someone on the roster named as name folds into h, the
 * first by handle; empty when there is no one.
 */
static int
member_namesake(struct circle_db *db, const char *name, char *h, size_t len,
    struct circle_err *e)
{
	static const char sql[] = "SELECT handle FROM member WHERE name_fold = "
	    "?1 OR (name_fold IS NULL AND circle_fold(display_name) = ?1) "
	    "ORDER BY handle LIMIT 1";
	sqlite3_stmt	*st;
	char		*fold;
	int		 rc;

	*h = '\0';
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	fold = circle_name_fold(name);
	circle_bind_text(st, 1, fold);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(h, len, "%s", sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "member", e);
	sqlite3_reset(st);
	free(fold);
	return rc;
}

/*
 * The handle of member id into h (empty when there is none).
 */
static int
member_handle(struct circle_db *db, long long id, char *h, size_t len,
    struct circle_err *e)
{
	static const char sql[] = "SELECT handle FROM member WHERE id = ?";
	sqlite3_stmt	*st;
	int		 rc;

	*h = '\0';
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(h, len, "%s", sqlite3_column_text(st, 0));
	rc = circle_step_ok(db, rc, "member", e);
	sqlite3_reset(st);
	return rc;
}

/*
 * One person from the file: matched with who is on the roster already,
 * added or updated, and joined to their groups.
 */
static int
import_person(struct circle_db *db, struct import *im, struct person *p,
    struct circle_err *e)
{
	struct circle_member_set	 s;
	const struct circle_field	*f;
	const char			*by = NULL, *role, *on;
	char				*joined = NULL, *norm, *detail;
	char				*pref = NULL, *legal = NULL;
	char				*made = NULL;
	char				*spelt = NULL, *normv[16];
	char				 why[160], hbuf[64];
	char				*turned[2] = { NULL, NULL };
	char				*recased[2] = { NULL, NULL };
	char				*kept[2] = { NULL, NULL };
	long long			 id, *gids = NULL;
	long long			*first;
	size_t				 k, ngids = 0;
	char				 was[11];
	int				 changed, same = 0, rc = -1;

	memset(&s, 0, sizeof s);
	memset(normv, 0, sizeof normv);
	if (circle_import_gone(p, why, sizeof why)) {
		circle_xasprintf(circle_import_note(im->r), "%s:%zu: %s; left "
		    "out", im->o->name, p->rowline, why);
		return 0;
	}
	if (circle_import_cells(im, p, e) == -1)
		return -1;
	circle_import_turn_names(im, p, turned);
	circle_import_first_values(im, p, kept);
	if ((pref = circle_import_preferred_name(p, &legal)) != NULL) {
		/* Checked as a name, and placed at the preferred name. */
		if (circle_field_norm(&circle_member_fields[1], pref, &norm,
		    e) == -1) {
			rc = circle_import_at(im, p, X_PREFERRED, e);
			goto out;
		}
		free(pref);
		pref = norm;
		if (p->val[2] == NULL || circle_import_blank(p->val[2]))
			p->val[2] = legal;
		p->val[1] = NULL;
	}
	for (k = 0; k < circle_nmember_fields; k++) {
		f = &circle_member_fields[k];
		/* Empty cells change nothing, even of a required field: a
		 * new person's handle is then made from the name. */
		if (p->val[k] == NULL || circle_import_blank(p->val[k]))
			continue;
		if (circle_field_norm(f, p->val[k], &normv[k], e) == -1) {
			rc = circle_import_at(im, p, k == 2 &&
			    p->val[k] == legal ? X_PREFERRED : k, e);
			goto out;
		}
		*(const char **)((char *)&s + f->off) = normv[k];
	}
	if (pref != NULL)
		s.display_name = pref;
	/* A first or a last name makes the name; both blank make none. */
	if (s.display_name == NULL && (!circle_import_blank(
	    p->val[X_FIRST]) || !circle_import_blank(p->val[X_LAST]))) {
		if (circle_name_holds_last(p->val[X_FIRST], p->val[X_LAST]))
			joined = circle_xstrdup(p->val[X_FIRST]);
		else
			circle_xasprintf(&joined, "%s %s",
			    p->val[X_FIRST] ? p->val[X_FIRST] : "",
			    p->val[X_LAST] ? p->val[X_LAST] : "");
		s.display_name = joined;
		if (circle_field_norm(&circle_member_fields[1], joined, &norm,
		    e) == -1) {
			rc = circle_import_at(im, p, X_FIRST, e);
			goto out;
		}
		s.display_name = normv[1] = norm;
	}
	if (s.display_name == NULL) {
		if (p->card > 0)
			circle_err_set(e, CIRCLE_EDATA, "%s:%zu: card %zu has "
			    "no name (no FN, N or NICKNAME)", im->o->name,
			    p->rowline, p->card);
		else {
			circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no name",
			    im->o->name, p->rowline);
			im->noname++;
		}
		goto out;
	}
	if ((k = X_GROUP, p->val[k] != NULL) &&
	    !circle_import_blank(p->val[k]) &&
	    cell_groups(db, im, p->val[k], &gids, &ngids, e) == -1) {
		rc = circle_import_at(im, p, k, e);
		goto out;
	}
	if (ngids == 0 && im->gid != 0) {
		gids = circle_xgrow(gids, ngids, sizeof *gids);
		gids[ngids++] = im->gid;
	}
	if (circle_import_bare_phone(db, im, p, gids, ngids, e) == -1)
		goto out;
	if ((id = member_match(db, &s, &by, &spelt, e)) == -1) {
		if (e->code == CIRCLE_EDATA)
			rc = circle_import_at(im, p, 1, e);
		goto out;
	}
	/* Not a name found spelt otherwise: the roster's is kept. */
	if (spelt == NULL && circle_import_caps_names(db, im, p, id, &s,
	    recased, e) == -1)
		goto out;
	if (by != NULL && strcmp(by, "email") == 0 &&
	    circle_import_email_name(db, im, p, id, (first = seen_find(im,
	    id)) != NULL ? (size_t)*first : 0, &s, e) == -1) {
		rc = e->code == CIRCLE_EDATA ? circle_import_at(im, p, 4, e) :
		    -1;
		goto out;
	}
	if (id == 0 && s.handle == NULL && s.email != NULL) {
		/* Someone of the name with another email: said, not merged. */
		if (member_namesake(db, s.display_name, hbuf, sizeof hbuf,
		    e) == -1)
			goto out;
		if (*hbuf != '\0')
			circle_xasprintf(circle_import_note(im->r), "%s:%zu: "
			    "\"%s\" <%s> added as someone new: %s on the "
			    "roster has the name and another email (circle "
			    "roster merge, if they are one person)",
			    im->o->name, p->rowline, s.display_name, s.email,
			    hbuf);
	}
	if (id == 0) {
		/* Logged in one statement at the end: see log_adds(). */
		k = MEMBER_NO_LOG | MEMBER_NORMALISED |
		    (s.handle == NULL ? MEMBER_EMAIL_CHECKED : 0);
		if (s.handle == NULL && circle_import_aside_handle(db, p,
		    s.display_name, &made, e) == -1)
			goto out;
		if (made != NULL)
			s.handle = made;
		rc = circle_member_insert(db, &s, NULL, (int)k, &id, e);
		if (rc == -1) {
			rc = circle_import_at(im, p, strncmp(e->msg, "handle",
			    6) == 0 ? 0 : strncmp(e->msg, "email", 5) == 0 ?
			    4 : 1, e);
			goto out;
		}
		rc = -1;
		im->r->added++;
	} else {
		s.handle = NULL;	/* a match keeps its handle */
		if ((first = seen_find(im, id)) != NULL &&
		    keep_first(db, id, &s, e) == -1)
			goto out;
		if (by == BY_NAME_NOEMAIL && first == NULL) {
			if (member_handle(db, id, hbuf, sizeof hbuf, e) == -1)
				goto out;
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu: \"%s\" is %s, who had no email on the "
			    "roster: the same person by name, %s added (two "
			    "people? circle undo, then give the row a handle "
			    "of its own)", im->o->name, p->rowline,
			    s.display_name, hbuf, s.email);
		}
		if (spelt != NULL && first == NULL) {
			/* The name it was found by: a spelling, not an edit. */
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu: \"%s\" is "
			    "%s (names are matched without case, accents or "
			    "spacing); the roster's spelling kept", im->o->name,
			    p->rowline, s.display_name, spelt);
			s.display_name = NULL;
		}
		if (circle_record_update(db, "member", id, circle_member_fields,
		    circle_nmember_fields, &s, &detail, e) == -1) {
			rc = circle_import_at(im, p, 1, e);
			goto out;
		}
		if (first != NULL)
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu: same "
			    "person as line %lld (by %s); merged", im->o->name,
			    p->rowline, *first, by);
		else if (detail != NULL)
			im->r->updated++;
		else
			same = 1;
		if (detail != NULL) {
			rc = log_edit(db, id, detail, e);
			free(detail);
			if (rc == -1)
				goto out;
			rc = -1;
		}
	}
	seen_add(im, id, p->rowline);
	if (circle_import_cleaned(db, im, p, id, e) == -1)
		goto out;
	role = p->val[X_ROLE];
	if (role != NULL && *role == '\0')
		role = NULL;
	on = p->val[X_JOINED];
	if (on != NULL && *on == '\0')
		on = NULL;
	for (k = 0; k < ngids; k++) {
		if (circle_membership_join(db, id, gids[k], role, on, 1,
		    &changed, was, e) == -1) {
			rc = circle_import_at(im, p, on != NULL &&
			    strncmp(e->msg, "date", 4) == 0 ? X_JOINED :
			    X_ROLE, e);
			goto out;
		}
		if (changed == 1)
			im->r->joined++;
		else if (changed == 2) {
			circle_xasprintf(circle_import_note(im->r), "%s:%zu: "
			    "in the group from %s now, the joined date given "
			    "(was %s)%s", im->o->name, p->rowline, on, was,
			    same ? ": updated" : "");
			/* A first day moved back is an update of them. */
			if (same)
				im->r->updated++;
			same = 0;
		}
	}
	if (same)
		im->r->unchanged++;
	rc = 0;
out:
	for (k = 0; k < circle_nmember_fields; k++)
		free(normv[k]);
	free(joined);
	free(made);
	free(pref);
	free(legal);
	free(spelt);
	free(gids);
	free(turned[0]);
	free(turned[1]);
	free(recased[0]);
	free(recased[1]);
	free(kept[0]);
	free(kept[1]);
	return rc;
}

/*
 * A spreadsheet's totals row ("Total", "Total: 16", "Grand total" as the
 * whole name, as typed; or as its first cell: circle_csv_totals_row),
 * not a person (no handle, email address or phone: circle_totals_person):
 * without this it was added to the roster as one.
 */
static int
totals_row(const struct import *im, const struct person *p)
{
	static const int	 names[] = { 1, X_FIRST, 2 };
	const char		*name;
	size_t			 i;
	int			 f = -1;

	for (i = 0; i < sizeof names / sizeof names[0] && f == -1; i++)
		if (p->val[names[i]] != NULL &&
		    !circle_import_blank(p->val[names[i]]))
			f = names[i];
	if (circle_csv_totals_row(&im->in, f, 0, 5))
		return 1;
	if (circle_totals_person(circle_import_blank(p->val[0]) ? NULL :
	    p->val[0], p->val[4], p->val[5]))
		return 0;
	if (p->val[X_LAST] != NULL && !circle_import_blank(p->val[X_LAST]))
		return 0;
	name = p->val[1] != NULL ? p->val[1] : p->val[X_FIRST] != NULL ?
	    p->val[X_FIRST] : p->val[2];
	return circle_csv_totals_label(name);
}

/*
 * A response to a form that records no one (Microsoft Forms' Email
 * "anonymous") with no name, nor handle, of the form's own asking: no
 * one to add, and nothing wrong with the file.
 */
static int
anonymous_row(const struct import *im, const struct person *p)
{
	static const int	 who[] = { 0, 1, 2, X_FIRST, X_LAST,
	    X_PREFERRED };
	size_t			 i;

	if (!circle_csv_form_anonymous(&im->in, p->val[4]))
		return 0;
	for (i = 0; i < sizeof who / sizeof who[0]; i++)
		if (p->val[who[i]] != NULL &&
		    !circle_import_blank(p->val[who[i]]))
			return 0;
	return 1;
}

/* The person on the row just read: each mapped cell and where it is. */
static int
csv_person(struct circle_db *db, struct import *im, struct circle_err *e)
{
	static const int		 dates[2] = { 8, X_JOINED };
	struct circle_csv_reader	*r = &im->in;
	struct circle_csv_when		 w;
	struct person			 p;
	int				 f, i;

	if (r->row->nfields > r->ncols)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: %zu "
		    "fields, but the header has %zu", im->o->name,
		    r->row->line, r->ncols + 1, r->row->nfields, r->ncols);
	memset(&p, 0, sizeof p);
	p.rowline = r->row->line;
	p.card = r->row->card;
	for (f = 0; f < X_IGNORE; f++)
		if ((p.val[f] = circle_csv_value(r, f)) != NULL)
			p.hdr[f] = circle_csv_where(r, f, &p.line[f],
			    &p.col[f]);
	for (i = 0; i < 2; i++) {
		if (p.val[dates[i]] == NULL ||
		    circle_import_blank(p.val[dates[i]]))
			continue;
		if (circle_csv_date(r, dates[i], &w, e) == -1)
			return -1;
		memcpy(p.day[i], w.day, sizeof p.day[i]);
		p.val[dates[i]] = p.day[i];
	}
	if (totals_row(im, &p)) {
		circle_xasprintf(circle_import_note(im->r),
		    "%s:%zu: a totals row, not "
		    "a person; left out", im->o->name, p.rowline);
		return 0;
	}
	if (circle_csv_footer_said(r, &im->r->notes, &im->r->nnotes))
		return 0;
	if (anonymous_row(im, &p)) {
		circle_xasprintf(circle_import_note(im->r),
		    "%s:%zu: an anonymous "
		    "response (Email \"anonymous\", no name): no one to add; "
		    "left out", im->o->name, p.rowline);
		return 0;
	}
	return import_person(db, im, &p, e);
}

static int
csv_rows(struct circle_db *db, struct import *im, struct circle_err *e)
{
	struct circle_csv_opts	o = { im->o->encoding, im->o->date_order,
				    im->o->sheet };
	int			rc;

	if (circle_csv_reader_open(&im->in, im->o->path, im->o->name, &o,
	    X_NFIELDS, "empty file (a CSV roster starts with a header row)",
	    e) == -1)
		return -1;
	if ((rc = circle_import_map_header(im, e)) == 0)
		while ((rc = circle_csv_reader_next(&im->in, 1, e)) == 1)
			if (csv_person(db, im, e) == -1 &&
			    circle_bad_keep(&im->bad, e) == -1) {
				rc = -1;
				break;
			}
	circle_csv_notes(&im->in, &im->r->notes, &im->r->nnotes);
	circle_csv_reader_close(&im->in);
	return rc;
}

/* A date in a YAML roster: an ISO date or date-time, or by --date-order. */
static int
yaml_date(struct import *im, struct person *p, int f, char day[11],
    struct circle_err *e)
{
	struct circle_csv_when	w;
	enum circle_date_order	got;

	if (p->val[f] == NULL || circle_import_blank(p->val[f]))
		return 0;
	if (circle_csv_when_parse(p->val[f], im->order, im->order_config,
	    NULL, &w, &got, e) < 0)
		return circle_at(e, im->o->name, p->line[f], p->col[f], NULL);
	memcpy(day, w.day, 11);
	p->val[f] = day;
	return 0;
}

/* One person of a YAML roster, a map of field: value. */
static int
yaml_person(struct circle_db *db, struct import *im,
    const struct circle_ynode *m, struct circle_err *e)
{
	const struct circle_ynode	*k, *v;
	struct person			 p;
	size_t				 j, d, s;
	int				 f;

	if (m->type != CIRCLE_Y_MAP)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: expected a "
		    "person (name: ..., email: ...)", im->o->name, m->line,
		    m->column);
	memset(&p, 0, sizeof p);
	p.rowline = m->line;
	for (j = 0; j + 1 < m->nitems; j += 2) {
		k = m->items[j];
		v = m->items[j + 1];
		if ((f = circle_import_field_of(k->value)) == -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "unknown field \"%s\"", im->o->name, k->line,
			    k->column, k->value);
		if (f == X_IGNORE)
			continue;
		if (v->type != CIRCLE_Y_SCALAR)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "%s: expected a single value", im->o->name,
			    v->line, v->column, k->value);
		for (d = 0; d < j; d += 2)
			if (strcmp(m->items[d]->value, k->value) == 0)
				return circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: %s: given twice", im->o->name,
				    k->line, k->column, k->value);
		if (p.val[s = (size_t)f] != NULL)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "%s: the %s is given already, on line %zu",
			    im->o->name, k->line, k->column, k->value,
			    circle_import_field_names[s], p.line[s]);
		p.val[s] = v->plain && strcmp(v->value, "~") == 0 ? "" :
		    v->value;
		p.line[s] = v->line;
		p.col[s] = v->column;
	}
	if (yaml_date(im, &p, 8, p.day[0], e) == -1 ||
	    yaml_date(im, &p, X_JOINED, p.day[1], e) == -1)
		return -1;
	return import_person(db, im, &p, e);
}

static int
yaml_rows(struct circle_db *db, struct import *im, struct circle_err *e)
{
	struct circle_ynode		*root;
	const struct circle_ynode	*list;
	size_t				 i;
	int				 rc = 0;

	if (circle_yaml_load(im->o->path, im->o->name, "a YAML roster (a "
	    "file named .yaml or .yml is read as one)", &root, e) == -1)
		return -1;
	list = root->type == CIRCLE_Y_MAP ? circle_ymap_get(root, "members") :
	    root;
	if (list == NULL || list->type != CIRCLE_Y_SEQ)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: expected a "
		    "list of people, or \"members:\" with a list", im->o->name,
		    root->line, root->column);
	for (i = 0; rc == 0 && i < list->nitems; i++)
		if (yaml_person(db, im, list->items[i], e) == -1 &&
		    circle_bad_keep(&im->bad, e) == -1)
			rc = -1;
	circle_ynode_free(root);
	return rc;
}

/*
 * One change-log row per member added, written by one statement: ids only
 * grow, so the import's members are those past the old highest id.
 */
static int
log_adds(struct circle_db *db, struct import *im, struct circle_err *e)
{
	sqlite3_stmt	*st;
	json_t		*j;
	char		*detail, now[21];

	if ((st = circle_prepare(db, "INSERT INTO change_log (at, tool, "
	    "action, entity, uid, member_uid, detail) SELECT ?1, ?2, 'add', "
	    "'member', uid, uid, ?3 FROM member WHERE id > ?4 ORDER BY id",
	    e)) == NULL)
		return -1;
	j = json_pack("{s:s}", "import", im->o->name);
	detail = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	circle_now_utc(now);
	circle_bind_text(st, 1, now);
	circle_bind_text(st, 2, db->tool);
	circle_bind_text(st, 3, detail);
	sqlite3_bind_int64(st, 4, im->maxid);
	free(detail);
	return circle_exec_stmt(db, st, e);
}

static long long
max_member_id(struct circle_db *db, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id;

	if ((st = circle_prepare(db, "SELECT coalesce(max(id), 0) FROM member",
	    e)) == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "member");
		sqlite3_finalize(st);
		return -1;
	}
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

/*
 * Rows with no name were refused (e): what to do, said once after them.
 * No name is made from an email: a person is named by who they are.
 */
static void
noname_fix(const struct import *im, struct circle_err *e)
{
	char	was[sizeof e->msg], many[64] = "";

	if (im->noname == 0)
		return;
	memcpy(was, e->msg, sizeof was);
	if (im->bad.total > 1 || im->noname > 1)
		snprintf(many, sizeof many, "%zu row%s no name: ", im->noname,
		    im->noname == 1 ? " has" : "s have");
	if (im->o->yaml)
		circle_err_set(e, CIRCLE_EDATA, "%s; %sgive each person a "
		    "name: (or first_name: and last_name:)", was, many);
	else
		circle_err_set(e, CIRCLE_EDATA, "%s; %sfill in %s, or add "
		    "a column of names (Name, or First name and Last name; "
		    "--map COLUMN=name for one headed otherwise); 'circle roster "
		    "import --dry-run %s' shows what each column is taken as",
		    was, many, many[0] != '\0' ? "their names" : "its name",
		    im->o->path);
}

static int
roster_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct import	*im = arg;
	int		 rc;

	/* A retried transaction starts again from nothing. */
	circle_import_result_release(im->r);
	circle_strmap_free(&im->seen);
	circle_strmap_free(&im->groups);
	circle_strmap_free(&im->answers);
	circle_strmap_free(&im->zones);
	circle_bad_free(&im->bad);
	im->gid = 0;
	im->turned = 0;
	im->noname = 0;
	im->more_values = 0;
	im->addr_said = 0;
	im->pron_said = 0;
	free(im->turned_at);
	im->turned_at = NULL;
	im->recased = 0;
	free(im->recased_at);
	im->recased_at = NULL;
	im->bare = 0;
	im->cleaned = 0;
	free(im->cleaned_who);
	im->cleaned_who = NULL;
	free(im->bare_at);
	im->bare_at = NULL;
	if ((im->maxid = max_member_id(db, e)) == -1)
		return -1;
	if (im->o->group != NULL &&
	    circle_group_resolve(db, im->o->group, &im->gid, e) == -1)
		return -1;
	if (circle_import_nanp(db, im, e) == -1)
		return -1;
	rc = im->o->yaml ? yaml_rows(db, im, e) : csv_rows(db, im, e);
	if (im->turned > 0)
		circle_xasprintf(circle_import_note(im->r),
		    "%s:%s: read as written "
		    "\"Last, First\" (%zu name%s so in all)", im->o->name,
		    im->turned_at, im->turned, im->turned == 1 ? "" : "s");
	if (im->recased > 0)
		circle_xasprintf(circle_import_note(im->r),
		    "%s:%s: names in capitals written with small letters "
		    "(%zu name%s so in all); a name spelt otherwise (de la "
		    "Cruz, MacDonald) is mended with circle roster edit "
		    "--name", im->o->name, im->recased_at, im->recased,
		    im->recased == 1 ? "" : "s");
	circle_import_cleaned_note(im);
	if (im->bare > 0)
		circle_xasprintf(circle_import_note(im->r), "%s:%s (%zu "
		    "phone%s so in all); kept as written: check %s, and "
		    "format the column as Text before typing a number again",
		    im->o->name, im->bare_at, im->bare, im->bare == 1 ? "" :
		    "s", im->bare == 1 ? "it" : "them");
	if (rc == 0 && (rc = circle_bad_end(&im->bad, im->o->name,
	    "imported", &im->r->errors, &im->r->nerrors, e)) == -1)
		noname_fix(im, e);
	if (rc == -1 || log_adds(db, im, e) == -1)
		return -1;
	return im->o->dry_run ? 1 : 0;
}

static int
is_yaml(const char *path)
{
	const char	*dot = strrchr(path, '.');

	return dot != NULL && (strcasecmp(dot, ".yaml") == 0 ||
	    strcasecmp(dot, ".yml") == 0);
}

/*
 * People from a CSV or YAML file, in one transaction.  Every bad cell is
 * found before giving up: on a failure, e says the one, or how many, and
 * r keeps only them (r->errors); nothing is written.
 */
int
circle_roster_import(struct circle_db *db, const struct circle_import_opts *o,
    struct circle_import_result *r, struct circle_err *e)
{
	struct circle_import_opts	 opts = *o;
	struct circle_err		 spare;
	struct import			 im;
	const char			*eq;
	char				**errors, **cols = NULL;
	size_t				 i, nerrors, ncols = 0;
	int				 rc;

	memset(r, 0, sizeof *r);
	for (i = 0; i < o->nmap; i++) {
		if ((eq = strrchr(o->map[i], '=')) == NULL ||
		    eq == o->map[i] || circle_import_field_of(eq + 1) == -1)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "expected COLUMN=FIELD, FIELD one of handle, name, "
			    "full_name, preferred_name, first_name, last_name, "
			    "pronouns, email, phone, emergency, consent, "
			    "consent_on, notes, group, role, joined, ignore",
			    o->map[i]);
	}
	memset(&im, 0, sizeof im);
	if (circle_csv_date_order(o->date_order, &im.order, &im.order_config,
	    e) == -1)
		return -1;
	if (opts.name == NULL)
		opts.name = strcmp(o->path, "-") == 0 ? "stdin" : o->path;
	if (is_yaml(o->path))
		opts.yaml = 1;
	im.o = &opts;
	im.r = r;
	/*
	 * Each person's INSERT (a trigger and five indexes) keeps a journal
	 * of its own; past 64 KiB SQLite moves it to a temporary file for
	 * every statement after, which doubles the time of an import of ten
	 * thousand.  In memory, it stays small: set before the transaction
	 * begins, and back after.
	 */
	if (circle_exec(db, "PRAGMA temp_store = MEMORY", e) == -1)
		return -1;
	rc = circle_db_write(db, roster_tx, &im, e);
	if (circle_exec(db, "PRAGMA temp_store = DEFAULT", rc == 0 ? e :
	    &spare) == -1)
		rc = -1;
	circle_strmap_free(&im.seen);
	circle_strmap_free(&im.groups);
	circle_strmap_free(&im.answers);
	circle_strmap_free(&im.zones);
	circle_bad_free(&im.bad);
	free(im.turned_at);
	free(im.recased_at);
	free(im.bare_at);
	free(im.cleaned_who);
	if (rc == -1) {
		/*
		 * A failure returns nothing but its bad cells, and for a dry
		 * run what each column was taken as.
		 */
		circle_strv_move(&errors, &nerrors, &r->errors, &r->nerrors);
		if (o->dry_run)
			circle_strv_move(&cols, &ncols, &r->columns,
			    &r->ncolumns);
		circle_import_result_release(r);
		circle_strv_move(&r->errors, &r->nerrors, &errors, &nerrors);
		circle_strv_move(&r->columns, &r->ncolumns, &cols, &ncols);
	}
	return rc;
}

void
circle_import_result_release(struct circle_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	circle_strv_free(r->columns, r->ncolumns);
	circle_strv_free(r->errors, r->nerrors);
	memset(r, 0, sizeof *r);
}
