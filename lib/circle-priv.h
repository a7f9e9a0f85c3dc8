/*
 * circle-priv.h: what the files of lib/ share and the tools never see: the
 * database handle and the statement helpers every query goes through.
 */
#ifndef CIRCLE_PRIV_H
#define CIRCLE_PRIV_H

#include <sqlite3.h>

#include "circle.h"

struct circle_strmap {
	char		**keys;		/* owned */
	long long	 *vals;
	size_t		  cap;		/* a power of two */
	size_t		  n;
};

struct circle_db {
	sqlite3		*h;
	char		*path;		/* owned */
	char		*tool;		/* owned */
	int		 version;	/* schema version now */
	int		 opened_version; /* schema version found at open */
	int		 in_write;	/* inside circle_db_write() */
	void		(*trace)(void *, const char *);
	void		*trace_arg;
	struct {
		const char	*sql;	/* borrowed: a string literal */
		sqlite3_stmt	*st;	/* owned */
	}		 cache[32];	/* statements for hot paths */
	/*
	 * Inside circle_db_write() only: the highest number found taken
	 * after each handle ("m:alex-r" -> 7), where the next search for a
	 * free one starts (record.c).
	 */
	struct circle_strmap handles;
};

/* Prepare; on failure fill err with the SQLite message. */
sqlite3_stmt	*circle_prepare(struct circle_db *, const char *,
		    struct circle_err *);
/*
 * A prepared statement kept for the life of the connection, found by the
 * address of its SQL literal; reset and unbound, never finalised by the
 * caller.  For statements run once per row of an import.
 */
sqlite3_stmt	*circle_cached(struct circle_db *, const char *,
		    struct circle_err *);
/* Step a cached statement that returns no rows, then reset it. */
int		 circle_exec_cached(struct circle_db *, sqlite3_stmt *,
		    struct circle_err *);
/* Bind text (NULL binds NULL) / int64 by 1-based index. */
int		 circle_bind_text(sqlite3_stmt *, int, const char *);
/* Step a statement that returns no rows; finalize it. */
int		 circle_exec_stmt(struct circle_db *, sqlite3_stmt *,
		    struct circle_err *);
/* Run SQL text without parameters. */
int		 circle_exec(struct circle_db *, const char *,
		    struct circle_err *);
/* Fill err from the connection's last error. */
int		 circle_db_error(struct circle_db *, struct circle_err *,
		    const char *);
/* A copy of column i, NULL for NULL. */
char		*circle_col_dup(sqlite3_stmt *, int);

/*
 * A session (aliased s) with nothing recorded on it: no notes, head count,
 * attendance, check-in or follow-up.  Anything recorded later must be
 * added here.
 */
#define CIRCLE_SESSION_UNRECORDED "(s.notes IS NULL AND s.headcount IS " \
	"NULL AND NOT EXISTS (SELECT 1 FROM attendance a WHERE " \
	"a.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM response q " \
	"WHERE q.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM " \
	"followup f WHERE f.session_id = s.id))"

/* when.c: a libical zone by name (libical's icaltimezone), or NULL. */
struct _icaltimezone *circle_zone(const char *);

/* session.c */
int		 circle_series_reconcile(struct circle_db *, long long,
		    long long, const char *, int, const char *const *, size_t,
		    struct circle_plan_result *, struct circle_err *);

/* group.c */
int		 circle_group_upsert(struct circle_db *,
		    const struct circle_group_set *, long long *, int *,
		    struct circle_err *);

/* strmap.c: a string to id cache for imports. */
long long	*circle_strmap_find(struct circle_strmap *, const char *);
void		 circle_strmap_put(struct circle_strmap *, const char *,
		    long long);
void		 circle_strmap_free(struct circle_strmap *);

/* schema.c */
struct circle_migration {
	int		 version;
	const char	*sql;
};
extern const struct circle_migration	circle_migrations[];
extern const size_t			circle_nmigrations;

/* yamlio.c: a small, capped YAML reader (no anchors or aliases). */
enum circle_ynode_type {
	CIRCLE_Y_SCALAR,
	CIRCLE_Y_SEQ,
	CIRCLE_Y_MAP
};

struct circle_ynode {
	enum circle_ynode_type	 type;
	char			*value;		/* owned: scalar text */
	struct circle_ynode	**items;	/* owned: seq items, or map
						   keys and values in turn */
	size_t			 nitems;
	size_t			 line;		/* 1-based */
	size_t			 column;	/* 1-based */
	int			 plain;		/* unquoted scalar */
};

#define CIRCLE_YAML_MAX_BYTES	(1024 * 1024)
#define CIRCLE_YAML_MAX_DEPTH	64
#define CIRCLE_YAML_MAX_NODES	200000

int		 circle_yaml_load(const char *, const char *,
		    struct circle_ynode **, struct circle_err *);
int		 circle_yaml_read(const char *, const char *, char **,
		    size_t *, struct circle_err *);
int		 circle_yaml_parse(const char *, size_t, const char *,
		    struct circle_ynode **, struct circle_err *);
void		 circle_ynode_free(struct circle_ynode *);
const struct circle_ynode *circle_ymap_get(const struct circle_ynode *,
		    const char *);

/* csvio.c: CSV reading through libcsv, with line numbers. */
struct circle_csv_row {
	char		**fields;	/* owned by the reader; valid until the
					   next row */
	size_t		 *lines;	/* line each field ended on */
	size_t		 nfields;
	size_t		 line;		/* line the row started on */
};

struct circle_csv;
struct circle_csv *circle_csv_open(const char *, const char *,
		    struct circle_err *);
/* 1 with a row, 0 at the end, -1 on error. */
int		 circle_csv_next(struct circle_csv *, struct circle_csv_row **,
		    struct circle_err *);
const char	*circle_csv_name(const struct circle_csv *);
void		 circle_csv_close(struct circle_csv *);

#endif /* CIRCLE_PRIV_H */
