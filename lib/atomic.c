/*
 * atomic.c: every file a tool writes appears whole under its name, private
 * (0600), or not at all: written under a temporary name, synced, renamed.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circle-priv.h"

/*
 * A temporary file beside path, made with O_EXCL and mode 0600 by
 * mkstemp(3); commit renames it over path, abort removes it.  A path that
 * is a device or a pipe (/dev/stdout, a FIFO) is not renamed over, which
 * would replace it (and root may write in /dev): the temporary file is
 * made in $TMPDIR and commit copies it there.
 */
int
circle_atomic_begin(const char *path, struct circle_atomic *a,
    struct circle_err *e)
{
	struct stat	 sb;
	const char	*slash, *dir;
	int		 saved;

	memset(a, 0, sizeof *a);
	a->fd = -1;
	if (*path == '\0')
		return circle_err_set(e, CIRCLE_EUSAGE, "empty file name");
	a->through = stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) &&
	    !S_ISDIR(sb.st_mode);
	dir = getenv("TMPDIR");
	if (a->through)
		circle_xasprintf(&a->tmp, "%s/circle-out.XXXXXX", dir != NULL &&
		    *dir == '/' ? dir : "/tmp");
	else if ((slash = strrchr(path, '/')) != NULL)
		circle_xasprintf(&a->tmp, "%.*s/.%s.XXXXXX",
		    (int)(slash - path), path, slash + 1);
	else
		circle_xasprintf(&a->tmp, ".%s.XXXXXX", path);
	if ((a->fd = mkstemp(a->tmp)) == -1) {
		saved = errno;
		free(a->tmp);
		a->tmp = NULL;
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
		    strerror(saved));
	}
	a->path = circle_xstrdup(path);
	return 0;
}

/* The temporary file copied to the device or pipe, and removed. */
static int
through(struct circle_atomic *a, struct circle_err *e)
{
	FILE	*fp;
	int	 rc, saved;

	if ((fp = fopen(a->path, "w")) == NULL) {
		saved = errno;
		circle_atomic_abort(a);
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path,
		    strerror(saved));
	}
	rc = circle_copy_file(a->tmp, fp, e);
	if (fclose(fp) != 0 && rc == 0)
		rc = circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path,
		    strerror(errno));
	else if (rc == -1)
		circle_err_prefix(e, "%s", a->path);
	circle_atomic_abort(a);
	return rc;
}

/* Sync the temporary file (open on fd, or by name) and rename it. */
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
		return through(a, e);
	if (rename(a->tmp, a->path) == -1)
		goto fail;
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof *a);
	a->fd = -1;
	return 0;
fail:
	saved = errno;
	circle_err_set(e, CIRCLE_EIO, "%s: %s", a->path, strerror(saved));
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
	memset(a, 0, sizeof *a);
	a->fd = -1;
}

/* Copy a file to fp (a workbook to the standard output). */
int
circle_copy_file(const char *path, FILE *fp, struct circle_err *e)
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
