/*
 * dump.c: the whole database as JSON lines (one header line, then one line
 * per row, tables by name, rows by id) and loading such a dump into an
 * empty database.  dump, load, dump gives the same bytes.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "csvtext.h"

#define DUMP_FORMAT	"circle-dump"

/*
 * Every table but the record of files written (written.c), which is about
 * this computer's files, not the data, and the undo data (changesets,
 * undo.c), which is the file's own: neither travels with a dump.
 */
static const char tables_sql[] = "SELECT name FROM sqlite_schema WHERE "
    "type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND "
    "name != 'written_file' AND name != 'undo_data' ORDER BY name";

static json_t *
column_json(sqlite3_stmt *st, int i)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		return json_integer(sqlite3_column_int64(st, i));
	case SQLITE_FLOAT:
		return json_real(sqlite3_column_double(st, i));
	case SQLITE_TEXT:
		return json_stringn((const char *)sqlite3_column_text(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
	case SQLITE_NULL:
		return json_null();
	default:
		return NULL;	/* blobs: circle stores none */
	}
}

/*
 * A column that circle derives from others (a name folded, schema.c): not
 * dumped, made again when loaded, so that a dump holds what people said
 * and cannot bring a wrong one.
 */
static int
derived_column(const char *table, const char *col)
{
	return strcmp(table, "member") == 0 && strcmp(col, "name_fold") == 0;
}

static int
dump_table(struct circle_db *db, const char *table, FILE *fp,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	json_t		*line, *row, *v;
	char		*sql;
	int		 i, rc;

	sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", table);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		row = json_object();
		for (i = 0; i < sqlite3_column_count(st); i++) {
			if (derived_column(table, sqlite3_column_name(st, i)))
				continue;
			if ((v = column_json(st, i)) == NULL) {
				json_decref(row);
				sqlite3_finalize(st);
				return circle_err_set(e, CIRCLE_EIO, "%s: "
				    "column %s holds data circle cannot dump",
				    table, sqlite3_column_name(st, i));
			}
			json_object_set_new(row, sqlite3_column_name(st, i), v);
		}
		line = json_pack("{s:s, s:o}", "table", table, "row", row);
		json_dumpf(line, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fputc('\n', fp);
		json_decref(line);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "dump");
	return 0;
}

/*
 * Do these bytes begin a dump circle wrote (its header, JSON_COMPACT with
 * the keys in order)?  For a dump given where another file was meant.
 */
int
circle_dump_bytes(const unsigned char *p, size_t n)
{
	static const char	 hdr[] = "{\"format\":\"" DUMP_FORMAT "\"";

	return n >= sizeof hdr - 1 && memcmp(p, hdr, sizeof hdr - 1) == 0;
}

/* Dump inside one read transaction, so that the copy is consistent. */
int
circle_db_dump(struct circle_db *db, FILE *fp, struct circle_err *e)
{
	sqlite3_stmt	*st;
	json_t		*hdr;
	char		*name;
	int		 rc = 0;

	if (circle_exec(db, "BEGIN", e) == -1)
		return -1;
	hdr = json_pack("{s:s, s:i}", "format", DUMP_FORMAT, "schema",
	    db->version);
	json_dumpf(hdr, fp, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', fp);
	json_decref(hdr);
	if ((st = circle_prepare(db, tables_sql, e)) == NULL)
		rc = -1;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		name = circle_col_dup(st, 0);
		rc = dump_table(db, name, fp, e);
		free(name);
	}
	sqlite3_finalize(st);
	sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
	if (rc == 0 && fflush(fp) != 0)
		rc = circle_err_set(e, CIRCLE_EIO, "dump: write error: %s",
		    strerror(errno));
	else if (rc == 0 && ferror(fp))
		rc = circle_err_set(e, CIRCLE_EIO, "dump: write error");
	return rc;
}

struct load {
	FILE		*fp;
	const char	*name;
};

/*
 * 0 when every table of db is empty (a new database, the only one a dump
 * or a backup is loaded into); -1 with the message otherwise.
 */
int
circle_db_require_empty(struct circle_db *db, struct circle_err *e)
{
	sqlite3_stmt	*st, *cnt;
	char		*sql;
	int		 rows = 0, rc = SQLITE_DONE, one;

	if ((st = circle_prepare(db, tables_sql, e)) == NULL)
		return -1;
	while (!rows && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		sql = sqlite3_mprintf("SELECT 1 FROM \"%w\" LIMIT 1",
		    sqlite3_column_text(st, 0));
		cnt = circle_prepare(db, sql, e);
		sqlite3_free(sql);
		if (cnt == NULL) {
			sqlite3_finalize(st);
			return -1;
		}
		/* A step that fails is an error, never "empty". */
		rows = (one = sqlite3_step(cnt)) == SQLITE_ROW;
		one = circle_step_ok(db, one, "load", e);
		sqlite3_finalize(cnt);
		if (one == -1) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	if (!rows && circle_step_ok(db, rc, "load", e) == -1) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (rows)
		return circle_err_set(e, CIRCLE_EFAIL, "%s: not empty; load "
		    "only into a new database (circle --db NEW.db db load FILE)",
		    db->path);
	return 0;
}

/*
 * A dump is text from outside like any other: it may hold no control
 * character circle refuses elsewhere (carriage returns are kept: a survey's
 * YAML source may have them).
 */
static int
check_loaded_text(const char *k, json_t *v, struct circle_err *e)
{
	unsigned int	cp;
	size_t		n = json_string_length(v);

	if (circle_control_at(json_string_value(v), n, CIRCLE_CTL_CR, &cp) < n)
		return circle_err_set(e, CIRCLE_EDATA, "%s: control character "
		    "U+%04X is not allowed", k, cp);
	return 0;
}

static int
load_row(struct circle_db *db, const char *table, json_t *row,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	const char	*k;
	json_t		*v;
	char		*cols = NULL, *qs = NULL, *tmp, *sql;
	int		 i = 0;

	json_object_foreach(row, k, v) {
		if (derived_column(table, k))
			return circle_err_set(e, CIRCLE_EDATA, "%s: circle "
			    "makes it from the name; a dump cannot give it", k);
		tmp = sqlite3_mprintf("%s%s\"%w\"", cols ? cols : "",
		    cols ? ", " : "", k);
		sqlite3_free(cols);
		cols = tmp;
		tmp = sqlite3_mprintf("%s%s?", qs ? qs : "", qs ? ", " : "");
		sqlite3_free(qs);
		qs = tmp;
	}
	if (cols == NULL)
		return circle_err_set(e, CIRCLE_EDATA, "a row with no columns");
	sql = sqlite3_mprintf("INSERT INTO \"%w\" (%s) VALUES (%s)", table,
	    cols, qs);
	sqlite3_free(cols);
	sqlite3_free(qs);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL) {
		/* No such table or column: the file is wrong, not the disk. */
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_ERROR)
			e->code = CIRCLE_EDATA;
		return -1;
	}
	json_object_foreach(row, k, v) {
		i++;
		if (json_is_integer(v))
			sqlite3_bind_int64(st, i, json_integer_value(v));
		else if (json_is_real(v))
			sqlite3_bind_double(st, i, json_real_value(v));
		else if (json_is_string(v)) {
			if (check_loaded_text(k, v, e) == -1) {
				sqlite3_finalize(st);
				return -1;
			}
			sqlite3_bind_text(st, i, json_string_value(v),
			    (int)json_string_length(v), SQLITE_TRANSIENT);
		}
		else if (json_is_null(v))
			sqlite3_bind_null(st, i);
		else {
			sqlite3_finalize(st);
			return circle_err_set(e, CIRCLE_EDATA, "%s: a value "
			    "that is not text, a number or null", k);
		}
	}
	return circle_exec_stmt(db, st, e);
}

static int
load_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct load	*l = arg;
	json_error_t	 je;
	json_t		*j, *row;
	const char	*table, *fmt;
	char		*buf = NULL;
	size_t		 sz = 0, line = 0;
	int		 schema, rc = -1;

	if (circle_db_require_empty(db, e) == -1)
		return -1;
	if (circle_exec(db, "PRAGMA defer_foreign_keys = ON", e) == -1)
		return -1;
	while (getline(&buf, &sz, l->fp) != -1) {
		line++;
		if ((j = json_loads(buf, JSON_REJECT_DUPLICATES, &je)) ==
		    NULL) {
			/* A roster, a workbook or a calendar: said as one. */
			if (line > 1 || circle_file_not_yaml((unsigned char *)
			    buf, strlen(buf), l->name, "a circle dump (what "
			    "circle db dump writes)", e) == 0)
				circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%d: %s",
				    l->name, line, je.column, je.text);
			goto out;
		}
		if (line == 1) {
			fmt = NULL;
			schema = -1;
			json_unpack(j, "{s:s, s:i}", "format", &fmt, "schema",
			    &schema);
			if (fmt == NULL || strcmp(fmt, DUMP_FORMAT) != 0 ||
			    schema != db->version) {
				circle_err_set(e, CIRCLE_EDATA, "%s:1: not a "
				    "circle dump of schema version %d",
				    l->name, db->version);
				json_decref(j);
				goto out;
			}
			json_decref(j);
			continue;
		}
		table = NULL;
		row = NULL;
		if (json_unpack(j, "{s:s, s:o}", "table", &table, "row",
		    &row) == -1 || !json_is_object(row)) {
			circle_err_set(e, CIRCLE_EDATA, "%s:%zu: expected "
			    "{\"table\": ..., \"row\": {...}}", l->name, line);
			json_decref(j);
			goto out;
		}
		if (load_row(db, table, row, e) == -1) {
			circle_err_prefix(e, "%s:%zu", l->name, line);
			json_decref(j);
			goto out;
		}
		json_decref(j);
	}
	if (ferror(l->fp)) {
		circle_err_set(e, CIRCLE_EIO, "%s: read error", l->name);
		goto out;
	}
	if (line == 0) {
		circle_err_set(e, CIRCLE_EDATA, "%s: empty", l->name);
		goto out;
	}
	/*
	 * Names stored as every other input stores them; a dump circle
	 * wrote holds them so already, and loads byte for byte.  Folded
	 * names are made by circle_db_write, as for any row without one.
	 */
	if (circle_exec(db, CIRCLE_SQL_CLEAN_NAMES, e) == -1)
		goto out;
	rc = 0;
out:
	free(buf);
	return rc;
}

int
circle_db_load(struct circle_db *db, FILE *fp, const char *name,
    struct circle_err *e)
{
	struct load	l = { fp, name };

	return circle_db_write(db, load_tx, &l, e);
}
