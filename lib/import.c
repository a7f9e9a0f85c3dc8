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

#include <jansson.h>

#include "circle-priv.h"
#include "roster.h"

/* What a column can hold, beyond the member fields. */
enum {
	X_FIRST = 100,
	X_LAST,
	X_GROUP,
	X_ROLE,
	X_IGNORE
};

/* Headers people write, folded (lower case, no spaces, _ or -). */
static const struct {
	const char	*header;
	int		 field;		/* index in circle_member_fields, or X_ */
} aliases[] = {
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
	char	f[64];
	size_t	i, k = 0;

	for (i = 0; header[i] != '\0' && k + 1 < sizeof f; i++)
		if (header[i] != ' ' && header[i] != '_' && header[i] != '-' &&
		    header[i] != '.')
			f[k++] = (char)tolower((unsigned char)header[i]);
	f[k] = '\0';
	for (i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(f, aliases[i].header) == 0)
			return aliases[i].field;
	return -1;
}

/* One person as read from the file, whatever its format. */
struct person {
	const char	*val[X_IGNORE - X_FIRST + 10];	/* by slot */
	size_t		 line[X_IGNORE - X_FIRST + 10];
	size_t		 col[X_IGNORE - X_FIRST + 10];
	size_t		 rowline;
};

static size_t
slot(int field)
{
	return field >= X_FIRST ? 10 + (size_t)(field - X_FIRST) :
	    (size_t)field;
}

/* Ids seen in this import, for "same person as line N": a hash set. */
struct seen {
	long long	*ids;		/* owned; 0 is an empty slot */
	size_t		*lines;		/* owned */
	size_t		 cap;		/* a power of two */
	size_t		 n;
};

static size_t *
seen_find(const struct seen *s, long long id)
{
	size_t	h;

	if (s->cap == 0)
		return NULL;
	for (h = ((size_t)id * 2654435761u) & (s->cap - 1); s->ids[h] != 0;
	    h = (h + 1) & (s->cap - 1))
		if (s->ids[h] == id)
			return &s->lines[h];
	return NULL;
}

static void
seen_add(struct seen *s, long long id, size_t line)
{
	struct seen	big;
	size_t		i, h;

	if (seen_find(s, id) != NULL)
		return;
	if ((s->n + 1) * 2 > s->cap) {
		big.cap = s->cap == 0 ? 1024 : s->cap * 2;
		big.n = 0;
		big.ids = circle_xcalloc(big.cap, sizeof *big.ids);
		big.lines = circle_xcalloc(big.cap, sizeof *big.lines);
		for (i = 0; i < s->cap; i++)
			if (s->ids[i] != 0)
				seen_add(&big, s->ids[i], s->lines[i]);
		free(s->ids);
		free(s->lines);
		*s = big;
	}
	for (h = ((size_t)id * 2654435761u) & (s->cap - 1); s->ids[h] != 0;
	    h = (h + 1) & (s->cap - 1))
		;
	s->ids[h] = id;
	s->lines[h] = line;
	s->n++;
}

struct import {
	const struct circle_import_opts	*o;
	struct circle_import_result	*r;
	long long			 gid;	/* --group, or 0 */
	long long			 maxid;	/* members before: newer are ours */
	struct seen			 seen;
	/* CSV */
	int				 colfield[512];
	size_t				 ncols;
};

static void
note(struct circle_import_result *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
note(struct circle_import_result *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) == -1)
		s = NULL;
	va_end(ap);
	if (s == NULL)
		return;
	r->notes = circle_xgrow(r->notes, r->nnotes,
	    sizeof *r->notes);
	r->notes[r->nnotes++] = s;
}

static long long
lookup(struct circle_db *db, const char *sql, const char *v,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id = 0;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	if (id != 0 && sqlite3_step(st) == SQLITE_ROW) {
		/* Two people of that name: neither guess nor add a third. */
		sqlite3_reset(st);
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" is more than "
		    "one person on the roster; add a handle or email column "
		    "to say which", v);
	}
	sqlite3_reset(st);
	return id;
}

/* The member this person already is, 0 if new. */
static long long
match(struct circle_db *db, const struct circle_member_set *s,
    const char **by, struct circle_err *e)
{
	static const char byhandle[] = "SELECT id FROM member WHERE handle = ?";
	static const char byemail[] = "SELECT id FROM member WHERE "
	    "email = ? COLLATE NOCASE";
	static const char byname[] = "SELECT id FROM member WHERE "
	    "display_name = ? COLLATE NOCASE";
	long long	id;

	if (s->handle != NULL && (id = lookup(db, byhandle, s->handle, e)))
		return *by = "handle", id;
	if (s->email != NULL && (id = lookup(db, byemail, s->email, e)))
		return *by = "email", id;
	if (s->handle == NULL && s->email == NULL &&
	    (id = lookup(db, byname, s->display_name, e)))
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
	sqlite3_step(st);
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

/* Only blanks, as circle_field_norm() trims them. */
static int
blank(const char *v)
{
	return v[strspn(v, " \t\r\n")] == '\0';
}

static int
at(struct import *im, const struct person *p, size_t k,
    struct circle_err *e)
{
	return circle_err_prefix(e, "%s:%zu:%zu", im->o->name,
	    p->line[k] ? p->line[k] : p->rowline, p->col[k] ? p->col[k] : 1);
}

static int
one(struct circle_db *db, struct import *im, struct person *p,
    struct circle_err *e)
{
	struct circle_member_set	 s;
	const struct circle_field	*f;
	const char			*by = NULL, *role;
	char				*joined = NULL, *norm, *detail;
	char				*normv[16];
	long long			 id, gid = im->gid;
	size_t				 k, *first;
	int				 changed, rc = -1;

	memset(&s, 0, sizeof s);
	memset(normv, 0, sizeof normv);
	for (k = 0; k < circle_nmember_fields; k++) {
		f = &circle_member_fields[k];
		/* Empty cells change nothing, even of a required field: a
		 * new person's handle is then made from the name. */
		if (p->val[k] == NULL || blank(p->val[k]))
			continue;
		if (circle_field_norm(f, p->val[k], &normv[k], e) == -1) {
			rc = at(im, p, k, e);
			goto out;
		}
		*(const char **)((char *)&s + f->off) = normv[k];
	}
	if (s.display_name == NULL && (p->val[slot(X_FIRST)] != NULL ||
	    p->val[slot(X_LAST)] != NULL)) {
		circle_xasprintf(&joined, "%s %s",
		    p->val[slot(X_FIRST)] ? p->val[slot(X_FIRST)] : "",
		    p->val[slot(X_LAST)] ? p->val[slot(X_LAST)] : "");
		s.display_name = joined;
		if (circle_field_norm(&circle_member_fields[1], joined, &norm,
		    e) == -1) {
			rc = at(im, p, slot(X_FIRST), e);
			goto out;
		}
		s.display_name = normv[1] = norm;
	}
	if (s.display_name == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu: no name", im->o->name,
		    p->rowline);
		goto out;
	}
	if ((k = slot(X_GROUP), p->val[k] != NULL) && *p->val[k] != '\0' &&
	    circle_group_resolve(db, p->val[k], &gid, e) == -1) {
		if (e->code == CIRCLE_EFAIL)
			e->code = CIRCLE_EDATA;	/* the file names it */
		rc = at(im, p, k, e);
		goto out;
	}
	if ((id = match(db, &s, &by, e)) == -1) {
		if (e->code == CIRCLE_EDATA)
			rc = at(im, p, 1, e);
		goto out;
	}
	if (id == 0) {
		/* Logged in one statement at the end: see log_adds(). */
		rc = circle_member_insert(db, &s, NULL, MEMBER_NO_LOG |
		    MEMBER_NORMALISED |
		    (s.handle == NULL ? MEMBER_EMAIL_CHECKED : 0), &id, e);
		if (rc == -1) {
			rc = at(im, p, strncmp(e->msg, "handle", 6) == 0 ? 0 :
			    strncmp(e->msg, "email", 5) == 0 ? 4 : 1, e);
			goto out;
		}
		im->r->added++;
	} else {
		s.handle = NULL;	/* a match keeps its handle */
		if ((first = seen_find(&im->seen, id)) != NULL &&
		    keep_first(db, id, &s, e) == -1)
			goto out;
		if (circle_record_update(db, "member", id, circle_member_fields,
		    circle_nmember_fields, &s, &detail, e) == -1) {
			rc = at(im, p, 1, e);
			goto out;
		}
		if (first != NULL)
			note(im->r, "%s:%zu: same person as line %zu (by %s); "
			    "merged", im->o->name, p->rowline, *first, by);
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
	seen_add(&im->seen, id, p->rowline);
	role = p->val[slot(X_ROLE)];
	if (role != NULL && *role == '\0')
		role = NULL;
	if (gid != 0 && circle_membership_add(db, id, gid, role, NULL,
	    &changed, e) == -1) {
		rc = at(im, p, slot(X_ROLE), e);
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

/* Columns to fields: --map first, then the headers people write. */
static int
map_header(struct import *im, const struct circle_csv_row *h,
    struct circle_err *e)
{
	const char	*name = im->o->name, *eq;
	size_t		 i, k;
	int		 f, byslot[32];

	if (h->nfields > sizeof im->colfield / sizeof im->colfield[0])
		return circle_err_set(e, CIRCLE_EDATA, "%s:1: too many "
		    "columns", name);
	im->ncols = h->nfields;
	for (i = 0; i < h->nfields; i++)
		im->colfield[i] = field_of(h->fields[i]);
	for (k = 0; k < im->o->nmap; k++) {
		eq = strchr(im->o->map[k], '=');
		for (i = 0; i < h->nfields; i++)
			if (strncasecmp(h->fields[i], im->o->map[k],
			    (size_t)(eq - im->o->map[k])) == 0 &&
			    h->fields[i][eq - im->o->map[k]] == '\0')
				break;
		if (i == h->nfields)
			return circle_err_set(e, CIRCLE_EDATA, "%s:1: --map "
			    "%.*s: no such column in the header", name,
			    (int)(eq - im->o->map[k]), im->o->map[k]);
		im->colfield[i] = field_of(eq + 1);
	}
	for (i = 0; i < 32; i++)
		byslot[i] = -1;
	for (i = 0; i < h->nfields; i++) {
		if ((f = im->colfield[i]) == X_IGNORE)
			continue;
		if (f == -1) {
			if (*h->fields[i] != '\0')
				note(im->r, "%s:1:%zu: column \"%s\" ignored "
				    "(use --map \"%s=FIELD\" to import it)",
				    name, i + 1, h->fields[i], h->fields[i]);
			continue;
		}
		if (byslot[slot(f)] != -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s:1:%zu: "
			    "columns %d and %zu both hold %s", name, i + 1,
			    byslot[slot(f)] + 1, i + 1, field_names[slot(f)]);
		byslot[slot(f)] = (int)i;
	}
	if (byslot[1] == -1 && byslot[slot(X_FIRST)] == -1 &&
	    byslot[slot(X_LAST)] == -1)
		return circle_err_set(e, CIRCLE_EDATA, "%s:1: no name column "
		    "(a header such as Name, or First name and Last name; or "
		    "--map COLUMN=name)", name);
	return 0;
}

static int
csv_rows(struct circle_db *db, struct import *im, struct circle_err *e)
{
	struct circle_csv	*c;
	struct circle_csv_row	*row;
	struct person		 p;
	size_t			 i, bad, k;
	int			 rc, header = 1, empty;

	if ((c = circle_csv_open(im->o->path, im->o->name, e)) == NULL)
		return -1;
	while ((rc = circle_csv_next(c, &row, e)) == 1) {
		for (i = 0; i < row->nfields; i++)
			if (!circle_utf8_valid(row->fields[i],
			    strlen(row->fields[i]), &bad)) {
				rc = circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: not valid UTF-8", im->o->name,
				    row->lines[i], i + 1);
				goto out;
			}
		if (header) {
			header = 0;
			if ((rc = map_header(im, row, e)) == -1)
				goto out;
			continue;
		}
		for (i = 0, empty = 1; i < row->nfields; i++)
			if (*row->fields[i] != '\0')
				empty = 0;
		if (empty)
			continue;
		if (row->nfields > im->ncols) {
			rc = circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: %zu "
			    "fields, but the header has %zu", im->o->name,
			    row->line, im->ncols + 1, row->nfields, im->ncols);
			goto out;
		}
		memset(&p, 0, sizeof p);
		p.rowline = row->line;
		for (i = 0; i < row->nfields; i++) {
			if (im->colfield[i] < 0 || im->colfield[i] == X_IGNORE)
				continue;
			k = slot(im->colfield[i]);
			p.val[k] = row->fields[i];
			p.line[k] = row->lines[i];
			p.col[k] = i + 1;
		}
		if ((rc = one(db, im, &p, e)) == -1)
			goto out;
	}
	if (rc == 0 && header)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: empty file (a CSV "
		    "roster starts with a header row)", im->o->name);
out:
	circle_csv_close(c);
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
			if (p.val[s = slot(f)] != NULL) {
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
		if ((rc = one(db, im, &p, e)) == -1)
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
	sqlite3_step(st);
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

static int
import_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct import	*im = arg;
	size_t		 i;
	int		 rc;

	/* A retried transaction starts again from nothing. */
	for (i = 0; i < im->r->nnotes; i++)
		free(im->r->notes[i]);
	im->r->nnotes = im->r->added = im->r->updated = im->r->unchanged = 0;
	im->r->joined = 0;
	free(im->seen.ids);
	free(im->seen.lines);
	memset(&im->seen, 0, sizeof im->seen);
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
	rc = circle_db_write(db, import_tx, &im, e);
	free(im.seen.ids);
	free(im.seen.lines);
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
