/*
 * import.c: a roster from a CSV (a spreadsheet's or a web form's export) or
 * a YAML file.  The whole file is one transaction: a bad row is reported as
 * file:line:column and nothing is imported.  People already on the roster
 * (same handle, same email, or, with neither, the same name) are updated
 * in place, never duplicated.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "roster.h"

/*
 * What a column can hold: the member fields by their index in
 * circle_member_fields (0 to 9), then these.
 */
enum {
	X_FIRST = 10,
	X_LAST,
	X_GROUP,
	X_ROLE,
	X_IGNORE,
	X_NFIELDS
};

/* Headers people write (compared folded, circle_csv_fold()). */
static const struct circle_csv_field aliases[] = {
	{ "handle", 0 }, { "username", 0 },
	{ "name", 1 }, { "displayname", 1 }, { "preferredname", 1 },
	{ "nickname", 1 }, { "goesby", 1 },
	{ "fullname", 2 }, { "legalname", 2 },
	{ "pronouns", 3 }, { "pronoun", 3 },
	{ "email", 4 }, { "emailaddress", 4 }, { "mail", 4 },
	{ "phone", 5 }, { "phonenumber", 5 }, { "mobile", 5 }, { "cell", 5 },
	{ "telephone", 5 }, { "tel", 5 },
	{ "emergency", 6 }, { "emergencycontact", 6 },
	{ "consent", 7 }, { "consenttocontact", 7 }, { "oktocontact", 7 },
	{ "maycontact", 7 },
	{ "consenton", 8 }, { "consentdate", 8 }, { "consentrecorded", 8 },
	{ "consentrecordedon", 8 },
	{ "notes", 9 }, { "note", 9 }, { "comments", 9 },
	{ "first", X_FIRST }, { "firstname", X_FIRST }, { "givenname", X_FIRST },
	{ "last", X_LAST }, { "lastname", X_LAST }, { "surname", X_LAST },
	{ "familyname", X_LAST },
	{ "group", X_GROUP }, { "role", X_ROLE },
	{ "ignore", X_IGNORE },
};

static const char *const field_names[] = {
	"handle", "name", "full_name", "pronouns", "email", "phone",
	"emergency", "consent", "consent_on", "notes", "first_name",
	"last_name", "group", "role", "ignore"
};

static int
field_of(const char *header)
{
	return circle_csv_field_of(aliases, sizeof aliases / sizeof aliases[0],
	    header);
}

/* One person as read from the file, whatever its format. */
struct person {
	const char	*val[X_NFIELDS];	/* by field */
	size_t		 line[X_NFIELDS];
	size_t		 col[X_NFIELDS];
	size_t		 rowline;
};

struct import {
	const struct circle_import_opts	*o;
	struct circle_import_result	*r;
	long long			 gid;	/* --group, or 0 */
	long long			 maxid;	/* members before: newer are ours */
	struct circle_strmap		 seen;	/* member id: line */
	struct circle_csv_reader	 in;	/* a CSV roster */
};

/* A new note's place, for circle_xasprintf(). */
static char **
note_slot(struct circle_import_result *r)
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

/* The member this person already is, 0 if new. */
static long long
member_match(struct circle_db *db, const struct circle_member_set *s,
    const char **by, struct circle_err *e)
{
	static const char byhandle[] = "SELECT id FROM member WHERE handle = ?";
	static const char byemail[] = "SELECT id FROM member WHERE "
	    "email = ? COLLATE NOCASE";
	static const char byname[] = "SELECT id FROM member WHERE "
	    "display_name = ? COLLATE NOCASE";
	long long	id;

	if (s->handle != NULL &&
	    (id = member_lookup(db, byhandle, s->handle, e)))
		return *by = "handle", id;
	if (s->email != NULL &&
	    (id = member_lookup(db, byemail, s->email, e)))
		return *by = "email", id;
	if (s->handle == NULL && s->email == NULL &&
	    (id = member_lookup(db, byname, s->display_name, e)))
		return *by = "name", id;
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

/* Only blanks, as circle_field_norm() trims them. */
static int
is_blank(const char *v)
{
	return v[strspn(v, " \t\r\n")] == '\0';
}

/* Put where field k of the person was in the file before e's message. */
static int
person_at(struct import *im, const struct person *p, size_t k,
    struct circle_err *e)
{
	return circle_err_prefix(e, "%s:%zu:%zu", im->o->name,
	    p->line[k] ? p->line[k] : p->rowline, p->col[k] ? p->col[k] : 1);
}

/*
 * One person from the file: matched with who is on the roster already,
 * added or updated, and joined to the group.
 */
static int
import_person(struct circle_db *db, struct import *im, struct person *p,
    struct circle_err *e)
{
	struct circle_member_set	 s;
	const struct circle_field	*f;
	const char			*by = NULL, *role;
	char				*joined = NULL, *norm, *detail;
	char				*normv[16];
	long long			 id, gid = im->gid;
	long long			*first;
	size_t				 k;
	int				 changed, rc = -1;

	memset(&s, 0, sizeof s);
	memset(normv, 0, sizeof normv);
	for (k = 0; k < circle_nmember_fields; k++) {
		f = &circle_member_fields[k];
		/* Empty cells change nothing, even of a required field: a
		 * new person's handle is then made from the name. */
		if (p->val[k] == NULL || is_blank(p->val[k]))
			continue;
		if (circle_field_norm(f, p->val[k], &normv[k], e) == -1) {
			rc = person_at(im, p, k, e);
			goto out;
		}
		*(const char **)((char *)&s + f->off) = normv[k];
	}
	if (s.display_name == NULL && (p->val[X_FIRST] != NULL ||
	    p->val[X_LAST] != NULL)) {
		circle_xasprintf(&joined, "%s %s",
		    p->val[X_FIRST] ? p->val[X_FIRST] : "",
		    p->val[X_LAST] ? p->val[X_LAST] : "");
		s.display_name = joined;
		if (circle_field_norm(&circle_member_fields[1], joined, &norm,
		    e) == -1) {
			rc = person_at(im, p, X_FIRST, e);
			goto out;
		}
		s.display_name = normv[1] = norm;
	}
	if (s.display_name == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no name", im->o->name,
		    p->rowline);
		goto out;
	}
	if ((k = X_GROUP, p->val[k] != NULL) && *p->val[k] != '\0' &&
	    circle_group_resolve(db, p->val[k], &gid, e) == -1) {
		if (e->code == CIRCLE_EFAIL)
			e->code = CIRCLE_EDATA;	/* the file names it */
		rc = person_at(im, p, k, e);
		goto out;
	}
	if ((id = member_match(db, &s, &by, e)) == -1) {
		if (e->code == CIRCLE_EDATA)
			rc = person_at(im, p, 1, e);
		goto out;
	}
	if (id == 0) {
		/* Logged in one statement at the end: see log_adds(). */
		rc = circle_member_insert(db, &s, NULL, MEMBER_NO_LOG |
		    MEMBER_NORMALISED |
		    (s.handle == NULL ? MEMBER_EMAIL_CHECKED : 0), &id, e);
		if (rc == -1) {
			rc = person_at(im, p, strncmp(e->msg, "handle",
			    6) == 0 ? 0 : strncmp(e->msg, "email", 5) == 0 ?
			    4 : 1, e);
			goto out;
		}
		im->r->added++;
	} else {
		s.handle = NULL;	/* a match keeps its handle */
		if ((first = seen_find(im, id)) != NULL &&
		    keep_first(db, id, &s, e) == -1)
			goto out;
		if (circle_record_update(db, "member", id, circle_member_fields,
		    circle_nmember_fields, &s, &detail, e) == -1) {
			rc = person_at(im, p, 1, e);
			goto out;
		}
		if (first != NULL)
			circle_xasprintf(note_slot(im->r), "%s:%zu: same "
			    "person as line %lld (by %s); merged", im->o->name,
			    p->rowline, *first, by);
		else if (detail != NULL)
			im->r->updated++;
		else
			im->r->unchanged++;
		if (detail != NULL) {
			rc = log_edit(db, id, detail, e);
			free(detail);
			if (rc == -1)
				goto out;
		}
	}
	seen_add(im, id, p->rowline);
	role = p->val[X_ROLE];
	if (role != NULL && *role == '\0')
		role = NULL;
	if (gid != 0 && circle_membership_add(db, id, gid, role, NULL,
	    &changed, e) == -1) {
		rc = person_at(im, p, X_ROLE, e);
		goto out;
	}
	if (gid != 0 && changed)
		im->r->joined++;
	rc = 0;
out:
	for (k = 0; k < circle_nmember_fields; k++)
		free(normv[k]);
	free(joined);
	return rc;
}

/*
 * Columns to fields: the headers people write, then --map.  A field in
 * two columns is refused: which one would win is a guess.
 */
static int
map_header(struct import *im, struct circle_err *e)
{
	struct circle_csv_reader	*r = &im->in;
	const char			*name = im->o->name, *eq;
	size_t				 i, k;
	int				*field, col, f, rc = -1;

	field = circle_xcalloc(r->ncols + 1, sizeof *field);
	for (i = 0; i < r->ncols; i++)
		field[i] = field_of(r->header[i]);
	for (k = 0; k < im->o->nmap; k++) {
		eq = strchr(im->o->map[k], '=');
		if ((col = circle_csv_column(r, im->o->map[k],
		    (size_t)(eq - im->o->map[k]))) == -1) {
			circle_err_set(e, CIRCLE_EDATA, "%s:1: --map %.*s: no "
			    "such column in the header", name,
			    (int)(eq - im->o->map[k]), im->o->map[k]);
			goto out;
		}
		field[col] = field_of(eq + 1);
	}
	for (i = 0; i < r->ncols; i++) {
		if ((f = field[i]) == X_IGNORE)
			continue;
		if (f == -1) {
			if (*r->header[i] != '\0')
				circle_xasprintf(note_slot(im->r), "%s:1:%zu: "
				    "column \"%s\" ignored (use --map "
				    "\"%s=FIELD\" to import it)", name, i + 1,
				    r->header[i], r->header[i]);
			continue;
		}
		if (r->fieldcol[f] != -1) {
			circle_err_set(e, CIRCLE_EDATA, "%s:1:%zu: columns %d "
			    "and %zu both hold %s", name, i + 1,
			    r->fieldcol[f] + 1, i + 1, field_names[f]);
			goto out;
		}
		circle_csv_map_column(r, i, f);
	}
	if (r->fieldcol[1] == -1 && r->fieldcol[X_FIRST] == -1 &&
	    r->fieldcol[X_LAST] == -1) {
		circle_err_set(e, CIRCLE_EDATA, "%s:1: no name column (a "
		    "header such as Name, or First name and Last name; or "
		    "--map COLUMN=name)", name);
		goto out;
	}
	rc = 0;
out:
	free(field);
	return rc;
}

/* The person on the row just read: each mapped cell and where it is. */
static int
csv_person(struct circle_db *db, struct import *im, struct circle_err *e)
{
	struct circle_csv_reader	*r = &im->in;
	struct person			 p;
	int				 f;

	if (r->row->nfields > r->ncols)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: %zu "
		    "fields, but the header has %zu", im->o->name,
		    r->row->line, r->ncols + 1, r->row->nfields, r->ncols);
	memset(&p, 0, sizeof p);
	p.rowline = r->row->line;
	for (f = 0; f < X_IGNORE; f++)
		if ((p.val[f] = circle_csv_value(r, f)) != NULL)
			(void)circle_csv_where(r, f, &p.line[f], &p.col[f]);
	return import_person(db, im, &p, e);
}

static int
csv_rows(struct circle_db *db, struct import *im, struct circle_err *e)
{
	int	rc;

	if (circle_csv_reader_open(&im->in, im->o->path, im->o->name,
	    X_NFIELDS, "empty file (a CSV roster starts with a header row)",
	    e) == -1)
		return -1;
	if ((rc = map_header(im, e)) == 0)
		while ((rc = circle_csv_reader_next(&im->in, 1, e)) == 1)
			if ((rc = csv_person(db, im, e)) == -1)
				break;
	circle_csv_reader_close(&im->in);
	return rc;
}

static int
yaml_rows(struct circle_db *db, struct import *im, struct circle_err *e)
{
	struct circle_ynode		*root;
	const struct circle_ynode	*list, *m, *k, *v;
	struct person			 p;
	size_t				 i, j, d, s;
	int				 f, rc = 0;

	if (circle_yaml_load(im->o->path, im->o->name, &root, e) == -1)
		return -1;
	list = root->type == CIRCLE_Y_MAP ? circle_ymap_get(root, "members") :
	    root;
	if (list == NULL || list->type != CIRCLE_Y_SEQ) {
		rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: expected a "
		    "list of people, or \"members:\" with a list", im->o->name,
		    root->line, root->column);
		goto out;
	}
	for (i = 0; i < list->nitems; i++) {
		m = list->items[i];
		if (m->type != CIRCLE_Y_MAP) {
			rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "expected a person (name: ..., email: ...)",
			    im->o->name, m->line, m->column);
			goto out;
		}
		memset(&p, 0, sizeof p);
		p.rowline = m->line;
		for (j = 0; j + 1 < m->nitems; j += 2) {
			k = m->items[j];
			v = m->items[j + 1];
			if ((f = field_of(k->value)) == -1) {
				rc = circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: unknown field \"%s\"",
				    im->o->name, k->line, k->column, k->value);
				goto out;
			}
			if (f == X_IGNORE)
				continue;
			if (v->type != CIRCLE_Y_SCALAR) {
				rc = circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: %s: expected a single value",
				    im->o->name, v->line, v->column, k->value);
				goto out;
			}
			for (d = 0; d < j; d += 2)
				if (strcmp(m->items[d]->value, k->value) == 0) {
					rc = circle_err_set(e, CIRCLE_EDATA,
					    "%s:%zu:%zu: %s: given twice",
					    im->o->name, k->line, k->column,
					    k->value);
					goto out;
				}
			if (p.val[s = (size_t)f] != NULL) {
				rc = circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: %s: the %s is given already, "
				    "on line %zu", im->o->name, k->line,
				    k->column, k->value, field_names[s],
				    p.line[s]);
				goto out;
			}
			p.val[s] = v->plain && strcmp(v->value, "~") == 0 ?
			    "" : v->value;
			p.line[s] = v->line;
			p.col[s] = v->column;
		}
		if ((rc = import_person(db, im, &p, e)) == -1)
			goto out;
	}
out:
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

static int
roster_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct import	*im = arg;
	size_t		 i;
	int		 rc;

	/* A retried transaction starts again from nothing. */
	for (i = 0; i < im->r->nnotes; i++)
		free(im->r->notes[i]);
	im->r->nnotes = im->r->added = im->r->updated = im->r->unchanged = 0;
	im->r->joined = 0;
	circle_strmap_free(&im->seen);
	im->gid = 0;
	if ((im->maxid = max_member_id(db, e)) == -1)
		return -1;
	if (im->o->group != NULL &&
	    circle_group_resolve(db, im->o->group, &im->gid, e) == -1)
		return -1;
	rc = im->o->yaml ? yaml_rows(db, im, e) : csv_rows(db, im, e);
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

int
circle_roster_import(struct circle_db *db, const struct circle_import_opts *o,
    struct circle_import_result *r, struct circle_err *e)
{
	struct circle_import_opts	 opts = *o;
	struct import			 im;
	const char			*eq;
	size_t				 i;
	int				 rc;

	memset(r, 0, sizeof *r);
	for (i = 0; i < o->nmap; i++) {
		if ((eq = strchr(o->map[i], '=')) == NULL ||
		    eq == o->map[i] || field_of(eq + 1) == -1)
			return circle_err_set(e, CIRCLE_EUSAGE, "--map %s: "
			    "expected COLUMN=FIELD, FIELD one of handle, name, "
			    "full_name, pronouns, email, phone, emergency, "
			    "consent, consent_on, notes, first_name, "
			    "last_name, group, role, ignore", o->map[i]);
	}
	if (opts.name == NULL)
		opts.name = strcmp(o->path, "-") == 0 ? "stdin" : o->path;
	if (is_yaml(o->path))
		opts.yaml = 1;
	memset(&im, 0, sizeof im);
	im.o = &opts;
	im.r = r;
	rc = circle_db_write(db, roster_tx, &im, e);
	circle_strmap_free(&im.seen);
	if (rc == -1)
		circle_import_result_release(r);	/* a failure returns nothing */
	return rc;
}

void
circle_import_result_release(struct circle_import_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	memset(r, 0, sizeof *r);
}
