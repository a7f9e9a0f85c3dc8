/*
 * atomic.c: every file a tool writes appears whole under its name, private
 * (0600), or not at all: written under a temporary name, synced, renamed.
 * Exports, calendars, dumps and backups all go through here.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circle-priv.h"

static int	temp_in_tmpdir(struct circle_atomic *);
static int	copy_file(const char *, FILE *, struct circle_err *);
static int	write_through(struct circle_atomic *, struct circle_err *);
static void	atomic_clear(struct circle_atomic *);

/*
 * The one $TMPDIR rule: a temporary file for a device, a pipe or a stream
 * goes in $TMPDIR when it is an absolute path, else in /tmp.  A relative
 * $TMPDIR would put it wherever the tool happens to run.  libxlsxwriter's
 * own temporary files (unlinked as soon as they are made) follow it too.
 */
const char *
circle_tmpdir(void)
{
	const char	*dir = getenv("TMPDIR");

	return dir != NULL && *dir == '/' ? dir : "/tmp";
}

static int
temp_in_tmpdir(struct circle_atomic *a)
{
	circle_xasprintf(&a->tmp, "%s/circle-out.XXXXXX", circle_tmpdir());
	return mkstemp(a->tmp);
}

/*
 * A temporary file made with O_EXCL and mode 0600 by mkstemp(3); commit
 * renames it over path, abort removes it.  A path that is a device or a
 * pipe (/dev/stdout, a FIFO) is not renamed over, which would replace it
 * (and root may write in /dev): the temporary file is made in $TMPDIR and
 * commit copies it there.  Without a path, the same for the stream out.
 */
int
circle_atomic_begin(const char *path, FILE *out, struct circle_atomic *a,
    struct circle_err *e)
{
	struct stat	 sb;
	const char	*slash;
	char		*real = NULL;
	int		 saved;

	memset(a, 0, sizeof *a);
	a->fd = -1;
	if (path != NULL && *path == '\0')
		return circle_err_set(e, CIRCLE_EUSAGE, "empty file name");
	/*
	 * A symbolic link to a regular file (/dev/stdout when the output
	 * goes to a file: /proc/self/fd/1) is written by renaming over the
	 * file it names, never over the link (in /dev, for root).
	 */
	if (path != NULL && lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
		if ((real = realpath(path, NULL)) == NULL)
			return circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
			    strerror(errno));
		path = real;
	}
	a->out = path == NULL ? out : NULL;
	a->through = path == NULL || (stat(path, &sb) == 0 &&
	    !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode));
	if (a->through)
		a->fd = temp_in_tmpdir(a);
	else {
		if ((slash = strrchr(path, '/')) != NULL)
			circle_xasprintf(&a->tmp, "%.*s/.%s.XXXXXX",
			    (int)(slash - path), path, slash + 1);
		else
			circle_xasprintf(&a->tmp, ".%s.XXXXXX", path);
		a->fd = mkstemp(a->tmp);
	}
	if (a->fd == -1) {
		saved = errno;
		circle_err_set(e, CIRCLE_EIO, "%s: %s", path != NULL ? path :
		    a->tmp, strerror(saved));
		free(a->tmp);
		a->tmp = NULL;
		free(real);
		return -1;
	}
	if (real != NULL)
		a->path = real;
	else if (path != NULL)
		a->path = circle_xstrdup(path);
	return 0;
}

/*
 * A file that holds people (a backup, an extract) does not replace one
 * already there unless force: said before anything is made or asked (a
 * passphrase), and again where it is written.  A device or a pipe takes
 * what is written as it is.
 */
int
circle_atomic_new(const char *path, int force, struct circle_err *e)
{
	struct stat	 sb;
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 none;

	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
		return circle_err_set(e, CIRCLE_EUSAGE, "%s: a directory; give "
		    "the name of the file to write in it (%s%sFILE)", path,
		    path, slash != NULL && slash[1] == '\0' ? "" : "/");
	if (!force && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return circle_err_set(e, CIRCLE_EFAIL, "%s: already exists "
		    "(use --force to replace it)", path);
	if (slash == NULL || slash == path)
		return 0;
	circle_xasprintf(&dir, "%.*s", (int)(slash - path), path);
	none = stat(dir, &sb) == -1 && errno == ENOENT;
	/* "~/x.circle" in quotes: the shell left the ~ as it is. */
	if (none && *path == '~')
		circle_err_set(e, CIRCLE_EFAIL, "%s: no directory %s (a ~ in "
		    "quotes is not your home directory: leave the quotes off, "
		    "or write $HOME instead)", path, dir);
	else if (none)
		circle_err_set(e, CIRCLE_EFAIL, "%s: no directory %s; make it "
		    "first (mkdir -p %s), or write the file elsewhere", path,
		    dir, dir);
	free(dir);
	return none ? -1 : 0;
}

/* The directory of p, as realpath(3) gives it (NULL if none), *base its
 * last name. */
static char *
dir_real(const char *p, const char **base)
{
	const char	*slash = strrchr(p, '/');
	char		*dir, *r;

	*base = slash != NULL ? slash + 1 : p;
	if (slash == NULL)
		return realpath(".", NULL);
	circle_xasprintf(&dir, "%.*s", slash == p ? 1 : (int)(slash - p), p);
	r = realpath(dir, NULL);
	free(dir);
	return r;
}

/*
 * Two names of files not there yet (the database's -wal or -journal
 * between transactions) that would be one file: the same name in the
 * same directory, however each was written (./x.db-wal, its whole path).
 */
static int
same_new_name(const char *p, const char *q)
{
	const char	*bp, *bq;
	char		*dp = dir_real(p, &bp), *dq = dir_real(q, &bq);
	int		 same;

	same = dp != NULL && dq != NULL && strcmp(dp, dq) == 0 &&
	    strcmp(bp, bq) == 0;
	free(dp);
	free(dq);
	return same;
}

/*
 * A file to write (a backup, an extract, a dump) that is the database
 * itself, or its -wal, -shm or -journal, would be replaced by it (--force,
 * a dump) and the database lost: said, before anything is made or asked.
 * A -wal or -journal not there yet is refused too: SQLite would take the
 * file for its own (and empty it) at the next opening.
 */
int
circle_atomic_not_db(const struct circle_db *db, const char *path,
    struct circle_err *e)
{
	static const char *const side[] = { "", "-wal", "-shm", "-journal" };
	struct stat	 a, b;
	char		*f;
	size_t		 i;
	int		 here, same = 0;

	here = stat(path, &a) == 0;
	for (i = 0; i < sizeof side / sizeof side[0] && !same; i++) {
		circle_xasprintf(&f, "%s%s", circle_db_path(db), side[i]);
		if (stat(f, &b) == 0)
			same = here && a.st_dev == b.st_dev &&
			    a.st_ino == b.st_ino;
		else
			same = !here && same_new_name(path, f);
		free(f);
	}
	if (same && i == 1)
		return circle_err_set(e, CIRCLE_EUSAGE, "%s: the database "
		    "itself (circle db path); write to another file", path);
	if (same)
		return circle_err_set(e, CIRCLE_EUSAGE, "%s: the database's "
		    "own %s file; write to another file", path, side[i - 1] + 1);
	return 0;
}

/*
 * The file as a stream, made with mode (0600, or another for a calendar
 * meant to be shared); a device or a pipe gets what is written as it is.
 */
FILE *
circle_atomic_fopen(const char *path, mode_t mode, struct circle_atomic *a,
    struct circle_err *e)
{
	FILE	*fp;
	int	 saved;

	if (circle_atomic_begin(path, NULL, a, e) == -1)
		return NULL;
	if ((!a->through && mode != 0600 && fchmod(a->fd, mode) == -1) ||
	    (fp = fdopen(a->fd, "w")) == NULL) {
		saved = errno;
		circle_err_set(e, CIRCLE_EIO, "%s: %s", path, strerror(saved));
		circle_atomic_abort(a);
		return NULL;
	}
	a->fd = -1;
	return fp;
}

/*
 * Close the stream and commit the file when good and every write went
 * through; else remove it.  -1 on any error.
 */
int
circle_atomic_fclose(struct circle_atomic *a, FILE *fp, int good,
    struct circle_err *e)
{
	int	bad, saved;

	bad = ferror(fp) || fflush(fp) != 0;
	saved = errno;
	if (fclose(fp) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (bad && good)
		circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path,
		    strerror(saved));
	if (bad || !good) {
		circle_atomic_abort(a);
		return -1;
	}
	return circle_atomic_commit(a, e);
}

/* Copy a file to fp. */
static int
copy_file(const char *path, FILE *fp, struct circle_err *e)
{
	char	 buf[65536];
	FILE	*in;
	size_t	 n;
	int	 bad;

	if ((in = fopen(path, "rb")) == NULL)
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
		    strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, n, fp) != n)
			break;
	bad = ferror(in) || fflush(fp) != 0 || ferror(fp);
	fclose(in);
	if (bad)
		return circle_err_set(e, CIRCLE_EIO, "write error: %s",
		    strerror(errno));
	return 0;
}

/* The temporary file copied to the device, pipe or stream, and removed. */
static int
write_through(struct circle_atomic *a, struct circle_err *e)
{
	FILE	*fp;
	int	 rc, saved;

	if (a->path == NULL) {
		rc = copy_file(a->tmp, a->out, e);
		circle_atomic_abort(a);
		return rc;
	}
	if ((fp = fopen(a->path, "w")) == NULL) {
		saved = errno;
		circle_atomic_abort(a);
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path,
		    strerror(saved));
	}
	rc = copy_file(a->tmp, fp, e);
	if (fclose(fp) != 0 && rc == 0)
		rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path,
		    strerror(errno));
	else if (rc == -1)
		circle_err_prefix(e, "%s", a->path);
	circle_atomic_abort(a);
	return rc;
}

/*
 * Sync the temporary file (open on fd, or by name) and rename it; one on
 * its way to a device, a pipe or a stream is copied there instead.
 */
int
circle_atomic_commit(struct circle_atomic *a, struct circle_err *e)
{
	int	fd = a->fd, saved;

	a->fd = -1;
	if (fd == -1 && (fd = open(a->tmp, O_RDONLY | O_CLOEXEC)) == -1)
		goto fail;
	if (fsync(fd) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		goto fail;
	}
	if (close(fd) != 0)
		goto fail;
	if (a->through)
		return write_through(a, e);
	if (rename(a->tmp, a->path) == -1)
		goto fail;
	free(a->tmp);
	free(a->path);
	atomic_clear(a);
	return 0;
fail:
	saved = errno;
	circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path != NULL ? a->path :
	    a->tmp, strerror(saved));
	circle_atomic_abort(a);
	return -1;
}

void
circle_atomic_abort(struct circle_atomic *a)
{
	if (a->fd != -1)
		close(a->fd);
	if (a->tmp != NULL)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	atomic_clear(a);
}

static void
atomic_clear(struct circle_atomic *a)
{
	memset(a, 0, sizeof *a);
	a->fd = -1;
}
