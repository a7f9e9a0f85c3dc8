/*
 * db.c: opening the one SQLite file safely (0600 in a 0700 directory, WAL,
 * foreign keys, full sync), migrations and write transactions that retry on
 * SQLITE_BUSY; checks and backups are in dbcheck.c.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "circle-priv.h"

/* The network key circle_db_journal_once writes while out of WAL. */
#define JOURNALED	"rollback_journal"
/* A 32 MiB page cache, used only as needed: large imports fit. */
#define USUAL_CACHE	"PRAGMA cache_size = -32768"

#define APPLICATION_ID	0x43697263	/* "Circ" */
#define BUSY_TIMEOUT_MS	5000
#define WRITE_ATTEMPTS	8

static int	 open_file(struct circle_db *, const struct circle_db_opts *,
		    int, struct circle_err *);
static int	 tighten(const char *, const struct circle_db_opts *,
		    struct circle_err *);
static int	 mkdirs(const char *, struct circle_err *);
static int	 read_header(struct circle_db *, int *, int *, int *,
		    struct circle_err *);
static int	 apply_migrations(struct circle_db *, struct circle_err *);
static int	 set_wal(struct circle_db *, struct circle_err *);
static int	 journal_beside(const char *);
static int	 rollback_mode(struct circle_db *);
static int	 journal_set(struct circle_db *, const char *);
static void	 journaled_done(struct circle_db *);
static void	 cold_journal_gone(struct circle_db *);
static void	 wal_back(struct circle_db *, int);
static void	 backoff(int);

/*
 * Why SQLite could not open or write the file, which it does not say: a
 * read-only file system, directory (a WAL database makes files beside
 * it), file, or -shm file (left so by a reader); else the system's error.
 */
static const char *
write_failure_reason(const struct circle_db *db, int rc, int sys)
{
	struct statvfs	 vfs;
	char		 p[PATH_MAX + 8], *slash;

	if ((rc & 0xff) != SQLITE_READONLY && (rc & 0xff) != SQLITE_CANTOPEN)
		return sys != 0 && ((rc & 0xff) == SQLITE_IOERR ||
		    (rc & 0xff) == SQLITE_FULL) ? strerror(sys) : NULL;
	if (statvfs(db->path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return "the file system is read-only";
	if (rc == SQLITE_READONLY_DIRECTORY)
		return "its directory is not writable";
	if (access(db->path, W_OK) == -1)
		return "the file is not writable";
	snprintf(p, sizeof p, "%s-shm", db->path);
	if (access(p, F_OK) == 0 && access(p, W_OK) == -1)
		return "its -shm file is not writable";
	snprintf(p, sizeof p, "%s", db->path);
	if ((slash = strrchr(p, '/')) == NULL)
		snprintf(p, sizeof p, ".");
	else
		slash[slash == p ? 1 : 0] = '\0';	/* "/" for "/x" */
	if (access(p, W_OK) == -1)
		return "its directory is not writable";
	return sys != 0 ? strerror(sys) : NULL;
}

int
circle_db_error(struct circle_db *db, struct circle_err *e, const char *what)
{
	int		 rc = sqlite3_extended_errcode(db->h), code = CIRCLE_EIO;
	const char	*w;

	if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
		code = CIRCLE_EBUSY;
	else if ((rc & 0xff) == SQLITE_CONSTRAINT)
		code = CIRCLE_EDATA;
	if ((w = write_failure_reason(db, rc,
	    sqlite3_system_errno(db->h))) != NULL)
		return circle_err_set(e, code, "%s: %s: %s (%s)", db->path,
		    what, sqlite3_errmsg(db->h), w);
	return circle_err_set(e, code, "%s: %s: %s", db->path, what,
	    sqlite3_errmsg(db->h));
}

/*
 * After a step that gave rc: a row and the end are fine; anything else is
 * the database's error about what, said in e.  Call it before the
 * statement is reset or finalised, while the error is still there.
 */
int
circle_step_ok(struct circle_db *db, int rc, const char *what,
    struct circle_err *e)
{
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return circle_db_error(db, e, what);
}

sqlite3_stmt *
circle_prepare(struct circle_db *db, const char *sql, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		circle_db_error(db, e, "prepare");
		return NULL;
	}
	return st;
}

sqlite3_stmt *
circle_cached(struct circle_db *db, const char *sql, struct circle_err *e)
{
	sqlite3_stmt	*st;
	size_t		 i;

	for (i = 0; i < db->ncache; i++)
		if (db->cache[i].sql == sql) {
			/* Callers bind every parameter: no clear_bindings. */
			sqlite3_reset(db->cache[i].st);
			return db->cache[i].st;
		}
	/*
	 * Kept until the database is closed, however many: a caller never
	 * finalizes what it is given, and one may still be stepping another.
	 */
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st, NULL) != SQLITE_OK) {
		circle_db_error(db, e, "prepare");
		return NULL;
	}
	db->cache = circle_xgrow(db->cache, db->ncache, sizeof *db->cache);
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache++].st = st;
	return st;
}

int
circle_exec_cached(struct circle_db *db, sqlite3_stmt *st,
    struct circle_err *e)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "write");
	return 0;
}

int
circle_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
}

int
circle_exec_stmt(struct circle_db *db, sqlite3_stmt *st,
    struct circle_err *e)
{
	int	rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		circle_db_error(db, e, "write");
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
circle_exec(struct circle_db *db, const char *sql, struct circle_err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return circle_db_error(db, e, "exec");
	return 0;
}

char *
circle_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*t;

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	t = sqlite3_column_text(st, i);
	return circle_xstrdup(t == NULL ? "" : (const char *)t);
}

/*
 * SQLite set up for the process, before its first use: it keeps no count
 * of the memory it takes (SQLITE_CONFIG_MEMSTATUS), which circle never
 * reads and which takes a lock of the whole process around every malloc
 * and free (2.5 million of each in an extract of a million attendance
 * rows).  Once SQLite has begun it is too late, and nothing changes.
 */
void
circle_sqlite_setup(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* --db, then $CIRCLE_DB, then $XDG_DATA_HOME/circle/circle.db. */
char *
circle_db_default_path(struct circle_err *e)
{
	const char	*s;
	char		*p;

	if ((s = getenv("CIRCLE_DB")) != NULL && *s != '\0')
		return circle_xstrdup(s);
	if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/') {
		circle_xasprintf(&p, "%s/circle/circle.db", s);
		return p;
	}
	if ((s = getenv("HOME")) == NULL || *s != '/') {
		circle_err_set(e, CIRCLE_EIO, "cannot find the database: "
		    "HOME is not set; use --db FILE or CIRCLE_DB");
		return NULL;
	}
	circle_xasprintf(&p, "%s/.local/share/circle/circle.db", s);
	return p;
}

int
circle_db_open(struct circle_db **dbp, const struct circle_db_opts *o,
    struct circle_err *e)
{
	struct circle_db	*db;
	struct stat		 sb;
	int			 exists, version, appid, objects, journal, given;

	*dbp = NULL;
	exists = stat(o->path, &sb) == 0;
	if (!exists && errno != ENOENT)
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", o->path,
		    strerror(errno));
	/* Before SQLite reads the file (and rolls back and deletes it). */
	journal = exists && !(o->flags & CIRCLE_DB_READONLY) &&
	    journal_beside(o->path);
	if (exists && !S_ISREG(sb.st_mode))
		return circle_err_set(e, CIRCLE_EIO, "%s: not a regular file",
		    o->path);
	/* A path given as --db is given to init too, or it makes another. */
	given = (o->flags & CIRCLE_DB_GIVEN) != 0;
	if (!exists && !(o->flags & CIRCLE_DB_CREATE))
		return circle_err_set(e, CIRCLE_EFAIL, "no database at %s "
		    "(create %s with 'circle %s%s%sinit')", o->path, given ?
		    "it" : "one", given ? "--db \"" : "", given ? o->path : "",
		    given ? "\" " : "");
	if (!exists && mkdirs(o->path, e) == -1)
		return -1;

	db = circle_xcalloc(1, sizeof *db);
	db->path = circle_xstrdup(o->path);
	db->tool = circle_xstrdup(o->tool != NULL ? o->tool : CIRCLE_PROGRAM);
	if (open_file(db, o, exists, e) == -1 ||
	    read_header(db, &version, &appid, &objects, e) == -1)
		goto fail;

	if (version > CIRCLE_SCHEMA_VERSION) {
		circle_err_set(e, CIRCLE_EIO, "%s: database schema version %d "
		    "is newer than this circle understands (%d); upgrade circle",
		    db->path, version, CIRCLE_SCHEMA_VERSION);
		goto fail;
	}
	/* Version 0 is a new, empty file; one with tables is not ours. */
	if (appid != APPLICATION_ID &&
	    !(version == 0 && appid == 0 && objects == 0)) {
		circle_err_set(e, CIRCLE_EIO, "%s: not a circle database",
		    db->path);
		goto fail;
	}
	db->version = db->opened_version = version;
	db->created = !exists;
	/* Only a file known to be ours is touched. */
	if (exists && !(o->flags & CIRCLE_DB_READONLY) &&
	    tighten(o->path, o, e) == -1)
		goto fail;

	/* Per-connection settings; none of them writes to the file. */
	if (circle_exec(db, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    USUAL_CACHE ";", e) == -1)
		goto fail;
	if (version < CIRCLE_SCHEMA_VERSION) {
		if (o->flags & (CIRCLE_DB_READONLY | CIRCLE_DB_NOMIGRATE)) {
			circle_err_set(e, CIRCLE_EIO, "%s: database schema "
			    "version %d is older than %d; run 'circle db "
			    "migrate'", db->path, version,
			    CIRCLE_SCHEMA_VERSION);
			goto fail;
		}
		if (apply_migrations(db, e) == -1)
			goto fail;
	}
	if (!(o->flags & CIRCLE_DB_READONLY) && (journal ||
	    rollback_mode(db)))
		wal_back(db, journal);
	if (journal)
		cold_journal_gone(db);
	*dbp = db;
	return 0;

fail:
	circle_db_close(db);
	return -1;
}

static int
on_trace(unsigned int what, void *arg, void *p, void *x)
{
	struct circle_db	*db = arg;
	char			*sql;

	if (what == SQLITE_TRACE_STMT &&
	    (sql = sqlite3_expanded_sql(p)) != NULL) {
		db->trace(db->trace_arg, sql);
		sqlite3_free(sql);
	}
	return 0;
}

static int
open_file(struct circle_db *db, const struct circle_db_opts *o, int exists,
    struct circle_err *e)
{
	int	flags, fd;

	/* One connection, one thread: no mutexes. */
	flags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOFOLLOW |
	    SQLITE_OPEN_NOMUTEX;
	if (o->flags & CIRCLE_DB_READONLY)
		flags |= SQLITE_OPEN_READONLY;
	else
		flags |= SQLITE_OPEN_READWRITE;
	if (!exists) {
		/*
		 * Create it ourselves so that it is 0600 whatever the umask;
		 * another circle started at the same time may just have.
		 */
		fd = open(o->path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600);
		if (fd == -1 && errno != EEXIST)
			return circle_err_set(e, CIRCLE_EIO, "%s: %s", o->path,
			    strerror(errno));
		if (fd != -1)
			close(fd);
	}
	if (sqlite3_open_v2(o->path, &db->h, flags, NULL) != SQLITE_OK) {
		if (db->h == NULL)
			return circle_err_set(e, CIRCLE_EIO, "%s: cannot open",
			    o->path);
		return circle_db_error(db, e, "open");
	}
	if (o->trace != NULL) {
		db->trace = o->trace;
		db->trace_arg = o->notice_arg;
		sqlite3_trace_v2(db->h, SQLITE_TRACE_STMT, on_trace, db);
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db->h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0,
	    NULL);
	/* How names sort and match, as SQL (text.c). */
	if (circle_text_sql(db->h) == -1)
		return circle_db_error(db, e, "open");
	return 0;
}

/*
 * The one read at start-up: schema version, application id and the number
 * of objects in the schema, together.
 */
static int
read_header(struct circle_db *db, int *version, int *appid, int *objects,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT user_version, application_id, "
	    "(SELECT count(*) FROM sqlite_schema) "
	    "FROM pragma_user_version, pragma_application_id", e)) == NULL) {
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_NOTADB)
			circle_err_set(e, CIRCLE_EIO,
			    "%s: not a circle database", db->path);
		return -1;
	}
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		circle_db_error(db, e, "read");
		sqlite3_finalize(st);
		return -1;
	}
	*version = sqlite3_column_int(st, 0);
	*appid = sqlite3_column_int(st, 1);
	*objects = sqlite3_column_int(st, 2);
	sqlite3_finalize(st);
	return 0;
}

/*
 * A database (and its -wal, -shm) that others can read is made private, and
 * the tool is told.
 */
static int
tighten(const char *path, const struct circle_db_opts *o,
    struct circle_err *e)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	struct stat	 sb;
	char		 buf[PATH_MAX + 64], *msg, *slash;
	size_t		 i;

	/* The directory circle made for its data: 0700 again if loosened. */
	if ((o->flags & CIRCLE_DB_OWN_DIR) &&
	    (slash = strrchr(path, '/')) != NULL && slash != path &&
	    (size_t)(slash - path) < sizeof buf) {
		memcpy(buf, path, (size_t)(slash - path));
		buf[slash - path] = '\0';
		if (stat(buf, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    (sb.st_mode & 077) != 0) {
			if (chmod(buf, 0700) == -1)
				return circle_err_set(e, CIRCLE_EIO, "%s: open "
				    "to others and cannot be made private: %s",
				    buf, strerror(errno));
			if (o->notice != NULL) {
				circle_xasprintf(&msg, "%s: was open to others "
				    "(mode %03o); made private (0700)", buf,
				    (unsigned int)(sb.st_mode & 0777));
				o->notice(o->notice_arg, msg);
				free(msg);
			}
		}
	}
	for (i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(buf, sizeof buf, "%s%s", path, sfx[i]);
		if (stat(buf, &sb) == -1 || (sb.st_mode & 077) == 0)
			continue;
		if (chmod(buf, 0600) == -1)
			return circle_err_set(e, CIRCLE_EIO,
			    "%s: readable by others and cannot be made "
			    "private: %s", buf, strerror(errno));
		if (o->notice != NULL) {
			circle_xasprintf(&msg, "%s: was readable by others "
			    "(mode %03o); made private (0600)", buf,
			    (unsigned int)(sb.st_mode & 0777));
			o->notice(o->notice_arg, msg);
			free(msg);
		}
	}
	return 0;
}

/* Make the missing directories above path, each 0700. */
static int
mkdirs(const char *path, struct circle_err *e)
{
	char	*dir, *p, c;

	dir = circle_xstrdup(path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			circle_err_set(e, CIRCLE_EIO, "%s: %s", dir,
			    strerror(errno));
			free(dir);
			return -1;
		}
		if (c == '\0')
			break;
		*p = c;
	}
	free(dir);
	return 0;
}

void
circle_db_close(struct circle_db *db)
{
	size_t	i;

	if (db == NULL)
		return;
	for (i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].st);
	free(db->cache);
	circle_strmap_free(&db->handles);
	circle_undo_free(db->undo);
	if (db->h != NULL)
		sqlite3_close(db->h);
	free(db->path);
	free(db->tool);
	free(db);
}

/*
 * Close a database and, when its open made the file (a load into a new
 * database that failed), remove it and SQLite's files beside it, so that
 * nothing is left behind.  -1 with errno when one could not be removed.
 */
int
circle_db_discard(struct circle_db *db)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char	*path;
	size_t	 i;
	int	 rc = 0;

	if (db == NULL)
		return 0;
	if (!db->created) {
		circle_db_close(db);
		return 0;
	}
	path = db->path;
	db->path = NULL;
	circle_db_close(db);
	for (i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		char	*f;

		circle_xasprintf(&f, "%s%s", path, suffix[i]);
		if (unlink(f) == -1 && errno != ENOENT)
			rc = -1;
		free(f);
	}
	free(path);
	return rc;
}

const char *
circle_db_path(const struct circle_db *db)
{
	return db->path;
}

int
circle_db_version(struct circle_db *db)
{
	return db->version;
}

static int
apply_migration(struct circle_db *db, void *arg, struct circle_err *e)
{
	const struct circle_migration	*m = arg;
	sqlite3_stmt			*st;
	char				 sql[128];
	int				 v;

	/* Another process opening the new file may have applied it first. */
	if ((st = circle_prepare(db, "PRAGMA user_version", e)) == NULL)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "user_version");
		sqlite3_finalize(st);
		return -1;
	}
	v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (v >= m->version)
		return 0;
	if (circle_exec(db, m->sql, e) == -1)
		return circle_err_prefix(e, "migration %d", m->version);
	snprintf(sql, sizeof sql, "PRAGMA application_id = %d;"
	    "PRAGMA user_version = %d;", APPLICATION_ID, m->version);
	return circle_exec(db, sql, e);
}

/*
 * Switching to WAL needs the file to itself, and SQLite does not wait for
 * that: retry while another process opening the new file holds it.
 */
static int
set_wal(struct circle_db *db, struct circle_err *e)
{
	int	attempt, rc;

	for (attempt = 0; ; attempt++) {
		rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || attempt + 1 == WRITE_ATTEMPTS)
			break;
		backoff(attempt);
	}
	if (rc != SQLITE_OK)
		return circle_db_error(db, e, "journal_mode");
	return 0;
}

/* A rollback journal beside the file: circle_db_journal_once's, left. */
static int
journal_beside(const char *path)
{
	struct stat	 sb;
	char		*p;
	int		 rc;

	circle_xasprintf(&p, "%s-journal", path);
	rc = lstat(p, &sb) == 0;
	free(p);
	return rc;
}

/*
 * Is the file in rollback mode (its header's write version, byte 18, 1;
 * 2 in WAL)?  Read without SQL, so that a database in WAL, as every one
 * circle makes is, costs no statement at start-up; and through SQLite's
 * own descriptor: a close() of another one of the file would drop the
 * process's locks on it (POSIX), and corrupt it under writers at once.
 */
static int
rollback_mode(struct circle_db *db)
{
	sqlite3_file	*f = NULL;
	unsigned char	 b = 0;

	if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_FILE_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL ||
	    f->pMethods->xRead(f, &b, 1, 18) != SQLITE_OK)
		return 0;
	return b == 1;
}

/* The file's journal mode made mode: 1 when it is, 0 when not. */
static int
journal_set(struct circle_db *db, const char *mode)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 rc = 0;

	sql = sqlite3_mprintf("PRAGMA main.journal_mode = %s", mode);
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK) {
		rc = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_text(st, 0) != NULL &&
		    strcmp((const char *)sqlite3_column_text(st, 0), mode) == 0;
		sqlite3_finalize(st);
	}
	sqlite3_free(sql);
	return rc;
}

/*
 * A write into a database that holds nothing yet of a whole database's
 * worth of rows (a coordinator's first merge: 121 MB for 200 groups)
 * journaled the old way: its new pages are written once, into the file,
 * where the write-ahead log writes each twice (into the log, then into
 * the file at the checkpoint); a page the file had is journaled first,
 * and a crash rolls the write back as the log would (TRUNCATE: the
 * journal emptied and synced is the commit, synchronous being FULL).
 * SQLite leaves WAL only while no other connection has the file open, and
 * is not waited for here: 0 when it left, -1 when it did not (nothing
 * changed, the write goes to the log).  circle_db_wal_again comes back
 * after; if it cannot (a crash first, or someone reading the file), the
 * mark left in the file (and the journal beside it) has the next open
 * come back (wal_back).
 */
int
circle_db_journal_once(struct circle_db *db)
{
	int	rc;

	/*
	 * Said in the file first (in WAL, committed): the journal alone is
	 * not enough, as another program rolling it back deletes it.
	 */
	if (sqlite3_exec(db->h, "INSERT OR REPLACE INTO main.network VALUES "
	    "('" JOURNALED "', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", NULL,
	    NULL, NULL) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db->h, 0);
	rc = journal_set(db, "truncate");
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	if (!rc)
		journaled_done(db);
	return rc ? 0 : -1;
}

/* Back to WAL after circle_db_journal_once; left for the next open if not. */
void
circle_db_wal_again(struct circle_db *db)
{
	if (journal_set(db, "wal"))
		journaled_done(db);
}

/* The mark circle_db_journal_once left in the file, gone: in WAL again. */
static void
journaled_done(struct circle_db *db)
{
	sqlite3_exec(db->h, "DELETE FROM main.network WHERE key = '"
	    JOURNALED "'", NULL, NULL, NULL);
}

/*
 * A circle database left in rollback mode by circle_db_journal_once (its
 * mark in the network table, or a rollback journal beside the file when
 * opened: SQLite rolled back whatever it held), back to WAL if no one else
 * has it open (not waited for: the mark stays, and the next open tries
 * again).  The mark is read, not the journal alone: another program
 * (the sqlite3 shell) opening the file first rolls the journal back and
 * deletes it.  Called for a file in rollback mode (rollback_mode) or with
 * a journal beside it: a mark left in a file in WAL (killed after it came
 * back) is read by nothing else.  An extract is a file in rollback mode of
 * its own.
 */
static void
wal_back(struct circle_db *db, int journal)
{
	sqlite3_stmt	*st;
	int		 wal = 1, mark = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT (SELECT journal_mode FROM "
	    "pragma_journal_mode) = 'wal' OR EXISTS (SELECT 1 FROM "
	    "main.network WHERE key = '" CIRCLE_NET_EXTRACTED "'), EXISTS "
	    "(SELECT 1 FROM main.network WHERE key = '" JOURNALED "')", -1,
	    &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		wal = sqlite3_column_int(st, 0);
		mark = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (!wal && (journal || mark)) {
		sqlite3_busy_timeout(db->h, 0);
		wal = journal_set(db, "wal");
		sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	}
	if (wal && mark)
		journaled_done(db);
}

/*
 * A rollback journal beside a file in WAL whose header was never synced
 * (its magic still zero: a write killed before its journal's sync, so the
 * file was not touched): SQLite takes it for no journal and leaves it
 * there for good, with the copies of pages it holds.  Removed while this
 * connection has the file open in WAL, when no one can leave WAL and make
 * a journal of their own.  One with a magic was hot, and SQLite rolled it
 * back and removed it before this.
 */
static void
cold_journal_gone(struct circle_db *db)
{
	static const unsigned char zero[8];
	sqlite3_stmt	*st;
	unsigned char	 magic[8];
	char		*p;
	ssize_t		 n;
	int		 fd, wal = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA main.journal_mode", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) !=
	    NULL)
		wal = strcmp((const char *)sqlite3_column_text(st, 0),
		    "wal") == 0;
	sqlite3_finalize(st);
	if (!wal)
		return;
	circle_xasprintf(&p, "%s-journal", db->path);
	if ((fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		n = read(fd, magic, sizeof magic);
		close(fd);
		if (n == 0 || (n == (ssize_t)sizeof magic &&
		    memcmp(magic, zero, sizeof zero) == 0))
			unlink(p);
	}
	free(p);
}

/*
 * Every migration of a new file in one transaction: one commit (and its
 * sync) instead of one each, and the file is either made whole or not.
 */
static int
apply_every_migration(struct circle_db *db, void *arg, struct circle_err *e)
{
	size_t	i;

	(void)arg;
	for (i = 0; i < circle_nmigrations; i++)
		if (apply_migration(db, (void *)&circle_migrations[i], e) == -1)
			return -1;
	return 0;
}

static int
apply_migrations(struct circle_db *db, struct circle_err *e)
{
	size_t	i;

	/* WAL is a property of the file: set once, when it is made. */
	if (db->version == 0) {
		if (set_wal(db, e) == -1 ||
		    circle_db_write(db, apply_every_migration, NULL, e) == -1)
			return -1;
		db->version = circle_migrations[circle_nmigrations - 1].version;
		return 0;
	}
	for (i = 0; i < circle_nmigrations; i++) {
		if (circle_migrations[i].version <= db->version)
			continue;
		if (circle_db_write(db, apply_migration,
		    (void *)&circle_migrations[i], e) == -1)
			return -1;
		db->version = circle_migrations[i].version;
	}
	return 0;
}

/*
 * The migrations after version from, up to and with to, on a connection
 * of circle's own in memory (an extract being made, an older extract
 * being merged), inside the caller's transaction; the name rules as SQL
 * first, as every connection has them (the migrations use them).
 * SQLite's code on failure, its message on h.
 */
int
circle_db_migrate_handle(sqlite3 *h, int from, int to)
{
	size_t	i;
	int	rc;

	if (circle_text_sql(h) == -1)
		return SQLITE_ERROR;
	for (i = 0; i < circle_nmigrations; i++)
		if (circle_migrations[i].version > from &&
		    circle_migrations[i].version <= to &&
		    (rc = sqlite3_exec(h, circle_migrations[i].sql, NULL, NULL,
		    NULL)) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

/* A big-endian number of four bytes, as SQLite's header keeps them. */
unsigned long
circle_db_header_u32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/*
 * A database's image (an extract being merged, a backup being loaded)
 * made by an older circle, brought to this schema in memory (the file is
 * never written): the migrations every database goes through when
 * opened (schema.c), in a connection of its own, from the version its
 * header says.  Whatever it is after them is checked by the caller.
 */
int
circle_db_image_migrate(struct circle_db *db, const char *path,
    unsigned char **img, size_t *n, struct circle_err *e)
{
	const unsigned char	*p = *img;
	sqlite3			*h = NULL;
	unsigned char		*buf, *out;
	sqlite3_int64		 len;
	char			*sql;
	long			 from;
	size_t			 i;
	int			 rc = -1;

	/* The header's user_version. */
	from = (long)circle_db_header_u32(p + 60);
	if (from >= db->version || from < 1)
		return 0;
	buf = sqlite3_malloc64(*n);
	if (buf == NULL)
		return circle_err_set(e, CIRCLE_EIO, "%s: no memory", path);
	memcpy(buf, *img, *n);
	if (sqlite3_open_v2(":memory:", &h, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK) {
		sqlite3_free(buf);
		goto out;
	}
	/* buf is SQLite's from here, freed by it even on failure. */
	if (sqlite3_deserialize(h, "main", buf, (sqlite3_int64)*n,
	    (sqlite3_int64)*n, SQLITE_DESERIALIZE_FREEONCLOSE |
	    SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK)
		goto out;
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_exec(h, "PRAGMA journal_mode = OFF; BEGIN", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto out;
	if (circle_db_migrate_handle(h, (int)from, db->version) != SQLITE_OK)
		goto out;
	sql = sqlite3_mprintf("PRAGMA user_version = %d; COMMIT", db->version);
	i = sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK;
	sqlite3_free(sql);
	/* Its own bytes (not a copy), wiped once copied. */
	if (i || (out = sqlite3_serialize(h, "main", &len,
	    SQLITE_SERIALIZE_NOCOPY)) == NULL)
		goto out;
	circle_unsealed_free(*img, *n);
	*n = 0;
	if ((*img = circle_bytes_alloc((size_t)len)) == NULL) {
		explicit_bzero(out, (size_t)len);
		sqlite3_close(h);	/* said as "no memory" below */
		h = NULL;
		goto out;
	}
	memcpy(*img, out, (size_t)len);
	*n = (size_t)len;
	explicit_bzero(out, (size_t)len);
	rc = 0;
out:
	if (rc == -1)
		circle_err_set(e, CIRCLE_EDATA, "%s: made by an older circle "
		    "(schema version %ld), and not brought to this one's (%d): "
		    "%s", path, from, db->version, h != NULL ? sqlite3_errmsg(h) :
		    "no memory");
	if (h != NULL)
		sqlite3_close(h);
	return rc;
}

int
circle_db_opened_version(struct circle_db *db)
{
	return db->opened_version;
}

static int
write_nothing(struct circle_db *db, void *arg, struct circle_err *e)
{
	(void)db;
	(void)arg;
	(void)e;
	return 0;
}

/*
 * The names another program wrote folded now (fold_names), rather than
 * by circle's next write: what circle db migrate leaves up to date.
 */
int
circle_db_fold_names(struct circle_db *db, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc, some;

	/* No write when there is nothing to fold: a read-only file is fine. */
	if ((st = circle_prepare(db, "SELECT EXISTS (SELECT 1 FROM member "
	    "WHERE name_fold IS NULL)", e)) == NULL)
		return -1;
	rc = sqlite3_step(st);
	some = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	rc = circle_step_ok(db, rc, "member", e);
	sqlite3_finalize(st);
	if (rc == -1 || !some)
		return rc;
	return circle_db_write(db, write_nothing, NULL, e);
}

static void
backoff(int attempt)
{
	struct timespec	ts;

	ts.tv_sec = 0;
	ts.tv_nsec = (10 + (rand() % 40)) * 1000000L * (attempt + 1);
	nanosleep(&ts, NULL);
}

/*
 * The folded names the schema keeps (member.name_fold, schema.c) made
 * where they are missing: rows another program wrote, or whose names it
 * changed (NULL).  An index finds them: nothing to do costs one look.
 */
static int
fold_names(struct circle_db *db, struct circle_err *e)
{
	static const char	 sql[] = "UPDATE member SET name_fold = "
	    "circle_fold(display_name) WHERE name_fold IS NULL";
	sqlite3_stmt		*st;

	/* Migrating: the column may not be there yet (its migration folds). */
	if (db->version != CIRCLE_SCHEMA_VERSION)
		return 0;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	return circle_exec_cached(db, st, e);
}

/*
 * Run fn inside one BEGIN IMMEDIATE transaction: commit if it returns 0,
 * roll back otherwise (1 means "roll back, but all went well": a dry run).
 * On SQLITE_BUSY the whole transaction is run again, so fn must start from
 * nothing each time it is called.
 */
int
circle_db_write(struct circle_db *db,
    int (*fn)(struct circle_db *, void *, struct circle_err *), void *arg,
    struct circle_err *e)
{
	int	attempt, rc, r;

	if (db->in_write)
		return fn(db, arg, e);
	for (attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
		rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if ((rc & 0xff) == SQLITE_BUSY) {
			backoff(attempt);
			continue;
		}
		if (rc != SQLITE_OK)
			return circle_db_error(db, e, "begin");
		circle_err_clear(e);
		db->in_write = 1;
		/*
		 * The command's changes are recorded for undo (undo.c): not
		 * the names others wrote folded first, but those it changed
		 * folded after.
		 */
		r = fold_names(db, e);
		if (r == 0)
			r = circle_undo_begin(db, e);
		if (r == 0)
			r = fn(db, arg, e);
		if (r == 0)
			r = fold_names(db, e);
		if (r == 0)
			r = circle_undo_end(db, e);
		db->in_write = 0;
		db->today_gid = 0;
		circle_strmap_free(&db->handles);
		if (r == 0) {
			rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
			circle_undo_after(db, rc == SQLITE_OK);
			if (rc == SQLITE_OK)
				return 0;
			circle_db_error(db, e, "commit");
		} else
			circle_undo_after(db, 0);
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		if (r == 1)
			return 0;
		if (e->code != CIRCLE_EBUSY)
			return -1;
		backoff(attempt);
	}
	return circle_err_set(e, CIRCLE_EBUSY, "%s: database is busy; "
	    "another circle command is writing, try again", db->path);
}

/*
 * An export reads each row once, in the order of its indexes: a small page
 * cache serves it as well as a big one, and keeps its memory the same
 * however big the database.
 */
int
circle_lean_cache(struct circle_db *db, struct circle_err *e)
{
	return circle_exec(db, "PRAGMA cache_size = -4096", e);
}

/*
 * The usual cache back (as circle_db_open sets it) after a lean read that
 * ended with rc: -1 when that failed or this does, the first error kept.
 */
int
circle_usual_cache(struct circle_db *db, int rc, struct circle_err *e)
{
	struct circle_err	spare;

	if (circle_exec(db, USUAL_CACHE, rc == 0 ? e : &spare) == -1)
		return -1;
	return rc;
}

/* x rounded to places as SQLite's round() does it, so that figures agree
 * with the reports' to the last digit. */
int
circle_round(struct circle_db *db, double x, int places, double *r,
    struct circle_err *e)
{
	static const char	 sql[] = "SELECT round(?1, ?2)";
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_double(st, 1, x);
	sqlite3_bind_int(st, 2, places);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*r = sqlite3_column_double(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(db, e, "round");
	return 0;
}
