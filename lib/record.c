/*
 * record.c: what groups and members share: fields described once (kind,
 * limit, column), checked and normalised the same way, edits applied column
 * by column with the old and new values kept in the change log, and
 * references (id, handle, name, unique prefix) resolved with suggestions.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <jansson.h>

#include "circle-priv.h"
#include "record.h"

static char *
trim(const char *s)
{
	const char	*end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	return circle_xstrndup(s, (size_t)(end - s));
}

/*
 * What reads the file a name names, when it is a file's ("circle roster
 * add roster.csv" typed for import): by its extension, "" for a file
 * circle reads none of, or for a path that is there; NULL: a name.
 */
const char *
circle_name_file_reader(const char *s)
{
	static const char *const readers[][2] = {
		{ "csv", "circle roster import" },
		{ "tsv", "circle roster import" },
		{ "txt", "circle roster import" },
		{ "xlsx", "circle roster import" },
		{ "xlsm", "circle roster import" },
		{ "xls", "circle roster import" },
		{ "ods", "circle roster import" },
		{ "yaml", "circle group import" },
		{ "yml", "circle group import" },
		{ "ics", "circle session import" },
		{ "circle", "circle db merge" },
		{ "jsonl", "circle db load" },
		{ "sealed", "circle db load" },
		{ "numbers", "" }, { "vcf", "" }, { "pdf", "" }, { "doc", "" },
		{ "docx", "" }, { "odt", "" }, { "json", "" }, { "db", "" },
		{ "sqlite", "" },
	};
	const char	*dot;
	size_t		 i;

	if ((dot = strrchr(s, '.')) != NULL && dot != s && dot[-1] != ' ')
		for (i = 0; i < sizeof readers / sizeof readers[0]; i++)
			if (strcasecmp(dot + 1, readers[i][0]) == 0)
				return readers[i][1];
	if (strchr(s, '/') != NULL && access(s, F_OK) == 0)
		return "";
	return NULL;
}

/*
 * Check one value and return its stored form in *out (NULL for an empty
 * value, which clears the field).  Messages name the field.
 */
int
circle_field_norm(const struct circle_field *f, const char *v, char **out,
    struct circle_err *e)
{
	const char	*tz, *rd;
	char		*s, *p;
	size_t		 max;
	int		 b;

	*out = NULL;
	s = trim(v != NULL ? v : "");
	if (f->kind == F_TEXT || f->kind == F_NAME || f->kind == F_EMAIL ||
	    f->kind == F_PHONE) {
		/* One spelling of a name: NFC, spaces squeezed (text.c).
		 * An email or a phone copied from a web page: its NO-BREAK
		 * SPACEs and ZERO WIDTH SPACEs, unseen, are not its own. */
		p = circle_text_clean(s);
		free(s);
		s = p;
	}
	if (*s == '\0') {
		free(s);
		if (f->required)
			return circle_err_set(e, CIRCLE_EDATA,
			    "%s: must not be empty", f->name);
		return 0;
	}
	/*
	 * A yes/no, date, zone or length is judged by what it says, below:
	 * "agreed" is "not yes or no", not "longer than 5 bytes".
	 */
	max = f->max;
	if ((f->kind == F_BOOL || f->kind == F_DATE || f->kind == F_TZ ||
	    f->kind == F_MINUTES) && max < 64)
		max = 64;
	if (circle_check_text(f->name, s, max, e) == -1 ||
	    (f->kind != F_NOTES && strchr(s, '\n') != NULL &&
	    circle_err_set(e, CIRCLE_EDATA, "%s: must be one line",
	    f->name) == -1))
		goto fail;
	switch (f->kind) {
	case F_TEXT:
	case F_NOTES:
		break;
	case F_NAME:
		if ((rd = circle_name_file_reader(s)) == NULL)
			break;
		if (*rd != '\0')
			circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is a file's "
			    "name, not a name; to read the file: %s %s",
			    f->name, s, rd, s);
		else
			circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is a file's "
			    "name, not a name", f->name, s);
		goto fail;
	case F_HANDLE:
		if (!circle_handle_valid(s)) {
			circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not a "
			    "handle (lower-case letters, digits and inner "
			    "hyphens, starting with a letter, at most 32)",
			    f->name, s);
			goto fail;
		}
		break;
	case F_EMAIL:
		if (!circle_email_valid(s)) {
			circle_err_set(e, CIRCLE_EDATA,
			    "%s: \"%s\" is not an email address", f->name, s);
			goto fail;
		}
		break;
	case F_PHONE:
		if (!circle_phone_valid(s)) {
			circle_err_set(e, CIRCLE_EDATA,
			    "%s: \"%s\" is not a phone number", f->name, s);
			goto fail;
		}
		break;
	case F_URL:
		if (!circle_url_valid(s)) {
			circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not an "
			    "http or https link", f->name, s);
			goto fail;
		}
		break;
	case F_DATE:
		if (circle_date_check(f->name, s, e) == -1)
			goto fail;
		break;
	case F_BOOL:
		if (circle_parse_bool(s, &b) == -1) {
			circle_err_set(e, CIRCLE_EDATA,
			    "%s: \"%s\" is not yes or no", f->name, s);
			goto fail;
		}
		free(s);
		s = circle_xstrdup(b ? "1" : "0");
		break;
	case F_TZ:
		/* europe/london is Europe/London. */
		if ((tz = circle_zone_norm(f->name, s, e)) == NULL)
			goto fail;
		if (tz != s) {
			free(s);
			s = circle_xstrdup(tz);
		}
		break;
	case F_MINUTES:
		/* 90, or a length as people write it (2 hours): minutes. */
		if (circle_length_check(f->name, s, &b, e) == -1)
			goto fail;
		free(s);
		circle_xasprintf(&s, "%d", b);
		break;
	}
	*out = s;
	return 0;
fail:
	free(s);
	return -1;
}

static const char *
set_value(const void *set, const struct circle_field *f)
{
	return *(const char *const *)((const char *)set + f->off);
}

/*
 * Apply the fields set in set (non-NULL) to row id of table, in place.
 * Columns that change are written and recorded in *detail as a JSON object
 * {"field": [old, new]}; *detail stays NULL when nothing changed.  One
 * SELECT reads the old values; one UPDATE writes only what changed.
 */
int
circle_record_update(struct circle_db *db, const char *table, long long id,
    const struct circle_field *fields, size_t nfields, const void *set,
    char **detail, struct circle_err *e)
{
	sqlite3_stmt	*st = NULL;
	json_t		*changes;
	char		*sql, *cols, *tmp, *nv[32], *old, now[21];
	const char	*v;
	size_t		 i, nset = 0;
	int		 rc = -1, k;

	*detail = NULL;
	memset(nv, 0, sizeof nv);
	changes = json_object();
	cols = circle_xstrdup("updated_at");
	for (i = 0; i < nfields && i < 32; i++) {
		if ((v = set_value(set, &fields[i])) == NULL)
			continue;
		if (circle_field_norm(&fields[i], v, &nv[i], e) == -1)
			goto out;
		tmp = sqlite3_mprintf("%s, %w", cols, fields[i].column);
		free(cols);
		cols = circle_xstrdup(tmp);
		sqlite3_free(tmp);
	}
	sql = sqlite3_mprintf("SELECT %s FROM %w WHERE id = ?", cols, table);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "read");
		goto out;
	}
	free(cols);
	cols = NULL;
	for (i = 0, k = 1; i < nfields && i < 32; i++) {
		if (set_value(set, &fields[i]) == NULL)
			continue;
		old = circle_col_dup(st, k++);
		if ((old == NULL && nv[i] == NULL) || (old != NULL &&
		    nv[i] != NULL && strcmp(old, nv[i]) == 0)) {
			free(old);
			free(nv[i]);
			nv[i] = NULL;
			continue;
		}
		json_object_set_new(changes, fields[i].name,
		    json_pack("[s?s?]", old, nv[i]));
		free(old);
		tmp = sqlite3_mprintf("%s%s%w = ?%d", cols ? cols : "",
		    cols ? ", " : "", fields[i].column, (int)i + 3);
		free(cols);
		cols = circle_xstrdup(tmp);
		sqlite3_free(tmp);
		nset++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (nset > 0) {
		sql = sqlite3_mprintf("UPDATE %w SET %s, updated_at = ?2 "
		    "WHERE id = ?1", table, cols);
		st = circle_prepare(db, sql, e);
		sqlite3_free(sql);
		if (st == NULL)
			goto out;
		circle_now_utc(now);
		sqlite3_bind_int64(st, 1, id);
		circle_bind_text(st, 2, now);
		for (i = 0; i < nfields && i < 32; i++)
			if (nv[i] != NULL || json_object_get(changes,
			    fields[i].name) != NULL)
				circle_bind_text(st, (int)i + 3, nv[i]);
		rc = circle_exec_stmt(db, st, e);
		st = NULL;
		if (rc == -1)
			goto out;
		*detail = json_dumps(changes, JSON_COMPACT |
		    JSON_PRESERVE_ORDER);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	for (i = 0; i < 32; i++)
		free(nv[i]);
	free(cols);
	json_decref(changes);
	return rc;
}

/* A JSON object of the fields set, for the change log of an add. */
char *
circle_record_detail(const struct circle_field *fields, size_t nfields,
    const void *set)
{
	json_t		*o;
	const char	*v;
	char		*s;
	size_t		 i;

	o = json_object();
	for (i = 0; i < nfields; i++)
		if ((v = set_value(set, &fields[i])) != NULL && *v != '\0')
			json_object_set_new(o, fields[i].name,
			    json_string(v));
	s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return s;
}

static int
all_digits(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/*
 * The last pass of resolve_by_name but one: the name folded, its letters
 * and digits alone, begins with ref's ("bob oneil" is Bob O'Neil, "mary
 * jane" Mary-Jane Smith-Jones).
 */
#define PASS_KEY	4
/* After it, the name in ASCII as typed without its letters (Lukasz Nowak
 * for Łukasz Nowak, Jorg Mueller for Jörg Müller: circle_ascii_is). */
#define PASS_ASCII	5
#define KEY_GAPS	" -'."

/*
 * Whether the folded name, blanks, hyphens, apostrophes and points aside,
 * begins with key and a word of it ends there: "mary jane" is Mary-Jane
 * Smith-Jones, "jo ann" no Joanna Smith.
 */
static int
key_ends_word(const char *name, const char *key)
{
	if (name == NULL)
		return 0;
	while (*key != '\0') {
		if (strchr(KEY_GAPS, *name) != NULL && *name != '\0')
			name++;
		else if (*name++ != *key++)
			return 0;
	}
	return *name == '\0' || strchr(KEY_GAPS, *name) != NULL;
}

/*
 * Collect id/handle/name rows of st into a candidate list; with key, only
 * those whose folded name (the fourth column) key_ends_word says.
 */
static size_t
collect(sqlite3_stmt *st, const char *key, long long *id, char **list)
{
	size_t	 n = 0;

	*list = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (key != NULL && !key_ends_word((const char *)
		    sqlite3_column_text(st, 3), key))
			continue;
		*id = sqlite3_column_int64(st, 0);
		if (n < 8)
			circle_xappend(list, ", ", "%s (%s)",
			    sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2));
		n++;
	}
	return n;
}

/* ref as a LIKE pattern of its prefixes: % _ \ escaped, % after. */
static char *
prefix_pattern(const char *ref)
{
	char		*pat;
	const char	*p;
	size_t		 n = 0;

	pat = circle_xmalloc(strlen(ref) * 2 + 2);
	for (p = ref; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			pat[n++] = '\\';
		pat[n++] = *p;
	}
	pat[n++] = '%';
	pat[n] = '\0';
	return pat;
}

/* ref folded with no blank, hyphen, apostrophe or point. */
static char *
key_of(const char *fold)
{
	char	*key, *q;

	key = circle_xstrdup(fold);
	for (q = key; *fold != '\0'; fold++)
		if (strchr(KEY_GAPS, *fold) == NULL)
			*q++ = *fold;
	*q = '\0';
	return key;
}

/*
 * The SQL of a pass of resolve_by_name (their order): the name folded is
 * the table's column of it where it keeps one (NULL there: not folded
 * yet), else folded as the rows are read; then, where the table has one,
 * the other name folded whole (a person's legal name, as a sign-in sheet
 * may write it); PASS_KEY; the last, PASS_ASCII.
 */
static char *
pass_sql(const struct circle_lookup *q, int pass, const char *within)
{
	const char	*name = q->name_col, *fold = q->fold_col;
	char		*folded, *sql;

	if (pass == 0 && fold != NULL)
		return sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE "
		    "(handle = ?1 OR (%w = ?3 AND %w = ?1) OR (%w IS NULL AND "
		    "%w = ?1)) AND (%s) ORDER BY handle = ?1 DESC, handle", name,
		    q->table, fold, name, fold, name, within);
	if (pass == 0)
		return sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE "
		    "(handle = ?1 OR (%w = ?1 COLLATE NOCASE AND %w = ?1)) AND "
		    "(%s) ORDER BY handle = ?1 DESC, handle", name, q->table,
		    name, name, within);
	if (pass == 1 && fold != NULL)
		return sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE "
		    "?3 != '' AND (%w = ?3 OR (%w IS NULL AND circle_fold(%w) = "
		    "?3)) AND (%s) ORDER BY handle", name, q->table, fold, fold,
		    name, within);
	folded = fold != NULL ? sqlite3_mprintf("coalesce(%w, circle_fold(%w))",
	    fold, name) : sqlite3_mprintf("circle_fold(%w)", name);
	if (pass == PASS_ASCII)
		sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE ?3 "
		    "!= '' AND circle_ascii_is(%w, ?1) AND (%s) ORDER BY handle",
		    name, q->table, name, within);
	else if (pass == PASS_KEY)
		sql = sqlite3_mprintf("SELECT id, handle, %w, %s FROM %w WHERE "
		    "?3 != '' AND replace(replace(replace(replace(%s, ' ', ''), "
		    "'-', ''), '''', ''), '.', '') LIKE ?2 ESCAPE '\\' AND (%s) "
		    "ORDER BY handle", name, folded, q->table, folded, within);
	else if (pass == 1)
		sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE ?3 "
		    "!= '' AND %s = ?3 AND (%s) ORDER BY handle", name,
		    q->table, folded, within);
	else if (pass == 3)
		sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE ?3 "
		    "!= '' AND %w IS NOT NULL AND circle_fold(%w) = ?3 AND (%s) "
		    "ORDER BY handle", name, q->table, q->alt_col, q->alt_col,
		    within);
	else
		sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE ?3 "
		    "!= '' AND (handle LIKE ?2 ESCAPE '\\' OR %s LIKE ?2 "
		    "ESCAPE '\\') AND (%s) ORDER BY handle", name, q->table,
		    folded, within);
	sqlite3_free(folded);
	return sql;
}

/*
 * The one row a pass of resolve_by_name found (*id) for ref typed in ASCII,
 * where the name of another in ASCII fits ref too (circle_ascii_is:
 * "Lukasz" is Lukasz Kowalski as spelt and Łukasz Nowak, "Anna Mueller"
 * Anna Mueller and Anna Müller): both named (-1), nobody guessed; 0 when
 * none does.
 */
static int
ascii_too(struct circle_db *db, const struct circle_lookup *q,
    const char *within, long long arg, const char *ref, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql, *list;
	long long	 one = *id;
	size_t		 n;

	sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w WHERE (id = ?2 OR "
	    "circle_ascii_is(%w, ?1)) AND (%s) ORDER BY handle", q->name_col,
	    q->table, q->name_col, within);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	circle_bind_text(st, 1, ref);
	sqlite3_bind_int64(st, 2, one);
	sqlite3_bind_int64(st, 4, arg);
	n = collect(st, NULL, id, &list);
	sqlite3_finalize(st);
	*id = one;
	if (n > 1)
		circle_err_set(e, CIRCLE_EFAIL, "%s \"%s\" is ambiguous: %s%s",
		    q->what, ref, list, n > 8 ? ", ..." : "");
	free(list);
	return n > 1 ? -1 : 0;
}

/*
 * Among the rows within allows (SQL over the table's columns, ?4 bound to
 * arg; NULL: all), in passes: the handle, or the name as spelt (the
 * indexes); the name folded, case, accents and spacing aside (text.c's
 * circle_name_fold); a prefix of the handle or the folded name; then,
 * where the table has one, the other name folded whole; the folded
 * name's letters and digits alone (PASS_KEY); the last, the name in ASCII
 * as a keyboard without its letters types it (PASS_ASCII).  0 and
 * *id, 1 when nothing matched, -1 when ambiguous (the candidates in e) or
 * on an error.
 */
static int
resolve_by_name(struct circle_db *db, const struct circle_lookup *q,
    const char *within, long long arg, const char *ref, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql, *list, *pat, *key, *keypat, *fold;
	size_t		 n;
	int		 pass, rc;

	/* ?4 is bound in every pass: its SQL uses it */
	if (within == NULL)
		within = "?4 IS NULL OR 1";
	fold = circle_name_fold(ref);
	pat = prefix_pattern(fold);
	key = key_of(fold);
	keypat = prefix_pattern(key);
	for (pass = 0, rc = 1; pass <= PASS_ASCII && rc == 1; pass++) {
		if (pass == 3 && q->alt_col == NULL)
			continue;
		sql = pass_sql(q, pass, within);
		st = circle_prepare(db, sql, e);
		sqlite3_free(sql);
		if (st == NULL) {
			rc = -1;
			break;
		}
		circle_bind_text(st, 1, ref);
		circle_bind_text(st, 2, pass == PASS_KEY ? keypat : pat);
		circle_bind_text(st, 3, fold);
		sqlite3_bind_int64(st, 4, arg);
		if (pass == 0 && sqlite3_step(st) == SQLITE_ROW &&
		    strcmp((const char *)sqlite3_column_text(st, 1), ref) ==
		    0) {
			*id = sqlite3_column_int64(st, 0);
			sqlite3_finalize(st);
			rc = 0;
			break;
		}
		sqlite3_reset(st);
		n = collect(st, pass == PASS_KEY ? key : NULL, id, &list);
		sqlite3_finalize(st);
		if (n == 1)
			rc = 0;
		else if (n > 1)
			rc = circle_err_set(e, CIRCLE_EFAIL, "%s \"%s\" is "
			    "ambiguous: %s%s", q->what, ref, list,
			    n > 8 ? ", ..." : "");
		free(list);
		if (rc == 0 && pass < PASS_ASCII && circle_is_ascii(ref))
			rc = ascii_too(db, q, within, arg, ref, id, e);
	}
	free(pat);
	free(keypat);
	free(key);
	free(fold);
	return rc;
}

/*
 * How near ref is to a record of this handle and name: the fewest edits
 * (circle_levenshtein) from ref to the handle, its part before a '-', the
 * name, or one word of the name ("casy" is one from Casey Diaz's
 * "casey").
 */
static size_t
nearness(const char *ref, const char *handle, const char *name)
{
	char	*copy, *word, *last;
	size_t	 d, n;

	d = circle_levenshtein(ref, handle);
	copy = circle_xstrdup(handle);
	if ((word = strchr(copy, '-')) != NULL && word != copy) {
		*word = '\0';
		if ((n = circle_levenshtein(ref, copy)) < d)
			d = n;
	}
	free(copy);
	if ((n = circle_levenshtein(ref, name)) < d)
		d = n;
	copy = circle_xstrdup(name);
	for (word = strtok_r(copy, " ", &last); word != NULL;
	    word = strtok_r(NULL, " ", &last))
		if ((n = circle_levenshtein(ref, word)) < d)
			d = n;
	free(copy);
	return d;
}

/*
 * Nothing by that name: an error with the nearest handles or names, those
 * with at most a third of ref's characters changed (at least 1, at most 3;
 * nearness), so that "alex-r" suggests no lea-d.  Names are compared
 * folded (circle_name_fold), as they are looked up: "O’NEIL" is one from
 * "Mary O'Neil"'s "o'neil".
 */
static int
no_such(struct circle_db *db, const struct circle_lookup *q, const char *ref,
    long long *id, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql, *near = NULL, *tmp, *fref, *fname;
	const char	*name;
	size_t		 d, best = (size_t)-1, most;

	sql = sqlite3_mprintf("SELECT handle, %w FROM %w", q->name_col,
	    q->table);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	fref = circle_name_fold(ref);
	most = strlen(fref) / 3;
	if (most < 1)
		most = 1;
	if (most > 3)
		most = 3;
	while (sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 1);
		fname = circle_name_fold(name != NULL ? name : "");
		d = nearness(fref, (const char *)sqlite3_column_text(st, 0),
		    fname);
		free(fname);
		if (d > most || d > best)
			continue;
		circle_xasprintf(&tmp, "%s%s%s (%s)",
		    d == best && near ? near : "", d == best && near ? ", " : "",
		    sqlite3_column_text(st, 0), sqlite3_column_text(st, 1));
		free(near);
		near = tmp;
		best = d;
	}
	sqlite3_finalize(st);
	free(fref);
	if (near != NULL) {
		circle_err_set(e, CIRCLE_EFAIL, "no %s \"%s\"; did you mean "
		    "%s?", q->what, ref, near);
		free(near);
		return -1;
	}
	*id = -1;
	return circle_err_set(e, CIRCLE_EFAIL, "no %s \"%s\"", q->what, ref);
}

/*
 * Find one row of q->table by id, handle, name, or a unique prefix of
 * handle or name, looking first among the rows within allows (SQL, ?4
 * bound to arg: a group's people) and then among all: a name that is
 * one person in the group is that person, whoever else elsewhere has
 * it.  Ambiguous or unknown references are errors that list the
 * candidates or the nearest names; then *id is 0, or -1 when ref is like
 * no row at all (none by it, none near it: someone new, for a caller
 * that can say how to add them).
 */
int
circle_record_resolve_in(struct circle_db *db, const struct circle_lookup *q,
    const char *within, long long arg, const char *ref, long long *id,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql, *list;
	size_t		 n;
	int		 rc;

	*id = 0;
	if (*ref == '\0')
		return circle_err_set(e, CIRCLE_EUSAGE, "empty %s name",
		    q->what);
	if (all_digits(ref)) {
		sql = sqlite3_mprintf("SELECT id, handle, %w FROM %w "
		    "WHERE id = ?", q->name_col, q->table);
		st = circle_prepare(db, sql, e);
		sqlite3_free(sql);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, strtoll(ref, NULL, 10));
		n = collect(st, NULL, id, &list);
		sqlite3_finalize(st);
		free(list);
		if (n == 1)
			return 0;
	}
	if (within != NULL && (rc = resolve_by_name(db, q, within, arg, ref,
	    id, e)) <= 0)
		return rc;
	if ((rc = resolve_by_name(db, q, NULL, 0, ref, id, e)) <= 0)
		return rc;
	return no_such(db, q, ref, id, e);
}

int
circle_record_resolve(struct circle_db *db, const struct circle_lookup *q,
    const char *ref, long long *id, struct circle_err *e)
{
	return circle_record_resolve_in(db, q, NULL, 0, ref, id, e);
}

static int
handle_taken(sqlite3_stmt *st, const char *h, long long except_id)
{
	int	taken;

	sqlite3_reset(st);
	circle_bind_text(st, 1, h);
	sqlite3_bind_int64(st, 2, except_id);
	taken = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return taken;
}

static char *
suffixed(const char *base, unsigned long n)
{
	char	trimmed[40], *h;
	size_t	len;

	snprintf(trimmed, sizeof trimmed, "%.26s", base);
	while ((len = strlen(trimmed)) > 0 && trimmed[len - 1] == '-')
		trimmed[len - 1] = '\0';
	circle_xasprintf(&h, "%s-%lu", trimmed, n);
	return h;
}

/*
 * A handle not yet taken in table: base, else base-N.  The number is found
 * by galloping then bisecting over taken suffixes, so a thousand people
 * called Sam cost a dozen lookups each, not a thousand (except_id may keep
 * its own handle).  Inside a write, the search starts from the highest
 * number it found taken before for the same base (db->handles), so that
 * an import costs a few lookups a person however many share a name: the
 * result is always looked up free, and a number is only skipped if it was
 * found taken in this transaction.
 */
char *
circle_record_unique_handle(struct circle_db *db, const char *table,
    const char *base, long long except_id, struct circle_err *e)
{
	static const char msql[] = "SELECT 1 FROM member WHERE handle = ? "
	    "AND id != ?";
	static const char gsql[] = "SELECT 1 FROM grp WHERE handle = ? "
	    "AND id != ?";
	sqlite3_stmt	*st;
	unsigned long	 lo = 1, hi, mid, step = 1;
	long long	*seen = NULL;
	char		*h, *key = NULL;
	int		 member = strcmp(table, "member") == 0;

	if ((st = circle_cached(db, member ? msql : gsql, e)) == NULL)
		return NULL;
	if (!handle_taken(st, base, except_id))
		return circle_xstrdup(base);
	if (db->in_write && except_id == 0) {
		circle_xasprintf(&key, "%c:%s", member ? 'm' : 'g', base);
		if ((seen = circle_strmap_find(&db->handles, key)) != NULL)
			lo = (unsigned long)*seen;
	}
	/* lo is taken (base itself stands for 1); find a free hi. */
	for (;;) {
		hi = lo + step;
		h = suffixed(base, hi);
		if (!handle_taken(st, h, except_id))
			break;
		free(h);
		lo = hi;
		step *= 2;
	}
	/* Bisect: lo taken, hi free; stop at the first free after a taken. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		free(h);
		h = suffixed(base, mid);
		if (handle_taken(st, h, except_id))
			lo = mid;
		else
			hi = mid;
	}
	free(h);
	if (seen != NULL)
		*seen = (long long)lo;
	else if (key != NULL)
		circle_strmap_put(&db->handles, key, (long long)lo);
	free(key);
	return suffixed(base, hi);
}
