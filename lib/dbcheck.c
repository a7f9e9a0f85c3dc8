/*
 * dbcheck.c: the database checked (integrity_check, foreign_key_check),
 * copied whole through the backup API (to a dated file beside it when
 * no file is named), and its WAL folded back.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circle-priv.h"

/* integrity_check and foreign_key_check; problems go in *probs. */
int
circle_db_check(struct circle_db *db, char ***probs, size_t *nprobs,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*p;
	int		 rc;

	*probs = NULL;
	*nprobs = 0;
	if ((st = circle_prepare(db, "PRAGMA integrity_check", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p = circle_col_dup(st, 0);
		if (p != NULL && strcmp(p, "ok") == 0) {
			free(p);
			continue;
		}
		*probs = circle_xgrow(*probs, *nprobs,
		    sizeof **probs);
		(*probs)[(*nprobs)++] = p != NULL ? p : circle_xstrdup("?");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "integrity_check");
	if ((st = circle_prepare(db, "PRAGMA foreign_key_check", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		circle_xasprintf(&p, "%s row %lld: missing %s row",
		    sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    sqlite3_column_text(st, 2));
		*probs = circle_xgrow(*probs, *nprobs,
		    sizeof **probs);
		(*probs)[(*nprobs)++] = p;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "foreign_key_check");
	return 0;
}

/*
 * A whole copy through the backup API, written to a private temporary file
 * beside dest and renamed into place (atomic.c), so dest is never
 * half-written.
 */
int
circle_db_backup(struct circle_db *db, const char *dest, int force,
    struct circle_err *e)
{
	struct circle_atomic	 a;
	sqlite3			*out = NULL;
	sqlite3_backup		*bk;
	struct stat		 sb;
	int			 rc;

	/* Never renamed over a device or a pipe (root may write in /dev). */
	if (stat(dest, &sb) == 0 && !S_ISREG(sb.st_mode))
		return circle_err_set(e, CIRCLE_EIO, "%s: not a regular file",
		    dest);
	if (circle_atomic_new(dest, force, e) == -1)
		return -1;
	if (circle_atomic_begin(dest, NULL, &a, e) == -1)
		return -1;
	close(a.fd);
	a.fd = -1;
	if (sqlite3_open_v2(a.tmp, &out, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		goto fail;
	if ((bk = sqlite3_backup_init(out, "main", db->h, "main")) == NULL)
		goto fail;
	while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE)
		goto fail;
	/* The copy stands alone: no -wal beside it. */
	if (sqlite3_exec(out, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	if (sqlite3_close(out) != SQLITE_OK) {
		out = NULL;
		goto fail;
	}
	return circle_atomic_commit(&a, e);

fail:
	circle_err_set(e, CIRCLE_EIO, "%s: backup failed: %s", dest,
	    out != NULL ? sqlite3_errmsg(out) : sqlite3_errmsg(db->h));
	if (out != NULL)
		sqlite3_close(out);
	circle_atomic_abort(&a);
	return -1;
}

/* Fold the WAL back into the file and truncate it to nothing. */
int
circle_db_checkpoint(struct circle_db *db, struct circle_err *e)
{
	int	nlog = 0, nckpt = 0, rc;

	rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    &nlog, &nckpt);
	if (rc != SQLITE_OK)
		return circle_db_error(db, e, "checkpoint");
	return 0;
}

/*
 * Where a backup given no file goes: beside the database (in its private
 * directory), named after it and today (circle-backup-2026-12-07.db, or
 * .sealed when sealed), with -2, -3... when that name is taken: never
 * over another file.  The name is taken here, made empty with O_EXCL, so
 * that two backups at once never take one name (each would be renamed
 * over the other): the caller writes over it (force) and removes it
 * when the backup fails.  The caller frees it; NULL with e when 99 are
 * taken or none can be made.
 */
char *
circle_db_backup_name(struct circle_db *db, int sealed, struct circle_err *e)
{
	struct circle_date	 d;
	const char		*path = circle_db_path(db), *ext;
	char			 day[11], *name;
	size_t			 stem;
	int			 i, fd;

	ext = sealed ? ".sealed" : ".db";
	stem = strlen(path);
	if (stem > 3 && strcmp(path + stem - 3, ".db") == 0)
		stem -= 3;
	circle_date_today(&d);
	circle_date_format(&d, day);
	for (i = 1; i < 100; i++) {
		if (i == 1)
			circle_xasprintf(&name, "%.*s-backup-%s%s", (int)stem,
			    path, day, ext);
		else
			circle_xasprintf(&name, "%.*s-backup-%s-%d%s",
			    (int)stem, path, day, i, ext);
		if ((fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0600)) != -1) {
			close(fd);
			return name;
		}
		if (errno != EEXIST) {
			circle_err_set(e, CIRCLE_EIO, "%s: %s", name,
			    strerror(errno));
			free(name);
			return NULL;
		}
		free(name);
	}
	circle_err_set(e, CIRCLE_EFAIL, "%.*s-backup-%s: 99 backups of today "
	    "there already: name the file (circle db backup FILE)", (int)stem,
	    path, day);
	return NULL;
}
