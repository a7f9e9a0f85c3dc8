/*
 * written.c: the files circle wrote that may hold people (workbooks,
 * sign-in sheets, CSV tables, backups, dumps), remembered by absolute path
 * and time only, so that forget can say where a person may still be.  A
 * file that is gone is forgotten; nothing here ever deletes a file.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "circle-priv.h"

void
circle_written_free(struct circle_written *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(w[i].path);
		free(w[i].kind);
	}
	free(w);
}

/*
 * The rest of an absolute path below the home directory ("/autumn.xlsx"
 * of /home/robin/autumn.xlsx, shown as ~/autumn.xlsx), or NULL.
 */
const char *
circle_under_home(const char *path)
{
	const char	*home = getenv("HOME");
	size_t		 n;

	if (home == NULL || *home != '/' || (n = strlen(home)) < 2 ||
	    strncmp(path, home, n) != 0 || path[n] != '/')
		return NULL;
	return path + n;
}

/*
 * What was written to a pipe is remembered by its kind alone, as the path
 * "pipe:KIND" (every path of a file is absolute): where it went cannot be
 * known, only that it went.
 */
#define PIPE_PREFIX	"pipe:"

int
circle_written_piped(const struct circle_written *w)
{
	return strncmp(w->path, PIPE_PREFIX, sizeof PIPE_PREFIX - 1) == 0;
}

/*
 * Gone: nothing is at the path any more (a file unreadable is kept).  A
 * pipe's row never is: nothing tells where its copy went.
 */
static int
file_gone(const char *path)
{
	struct stat	sb;

	if (*path != '/')
		return 0;
	return stat(path, &sb) == -1 && (errno == ENOENT || errno == ENOTDIR);
}

/*
 * The file a link names that a new file was renamed over after the link
 * was opened (-o /dev/stdout, the output sent to a file: the link,
 * /proc/self/fd/1, names the file replaced, "PATH (deleted)"): the path
 * of the file there now, or NULL.
 */
static char *
renamed_over(const char *path)
{
	static const char	 deleted[] = " (deleted)";
	struct stat		 sb;
	char			 buf[4096], *at = circle_xstrdup(path), *r;
	const char		*slash;
	ssize_t			 k;
	size_t			 n;
	int			 hops;

	for (hops = 0; hops < 16 && lstat(at, &sb) == 0 &&
	    S_ISLNK(sb.st_mode); hops++) {
		if ((k = readlink(at, buf, sizeof buf - 1)) <= 0)
			break;
		buf[k] = '\0';
		slash = strrchr(at, '/');
		if (buf[0] != '/' && slash != NULL) {
			circle_xasprintf(&r, "%.*s/%s", (int)(slash - at), at,
			    buf);
			free(at);
			at = r;
		} else {
			free(at);
			at = circle_xstrdup(buf);
		}
	}
	n = strlen(at);
	r = NULL;
	if (*at == '/' && n > sizeof deleted - 1 &&
	    strcmp(at + n - (sizeof deleted - 1), deleted) == 0) {
		at[n - (sizeof deleted - 1)] = '\0';
		r = realpath(at, NULL);
	}
	free(at);
	return r;
}

/* The day of a UTC time ("2026-11-03T10:00:00Z") on this computer. */
static void
local_day(const char *utc, char day[11])
{
	struct tm	tm;
	time_t		t;

	memset(&tm, 0, sizeof tm);
	snprintf(day, 11, "%.10s", utc);
	if (strptime(utc, "%Y-%m-%dT%H:%M:%SZ", &tm) == NULL)
		return;
	t = timegm(&tm);
	if (localtime_r(&t, &tm) != NULL)
		strftime(day, 11, "%Y-%m-%d", &tm);
}

/* Gone, as a reason to drop a row of the record. */
static int
drop_gone(const char *path, const struct circle_member *m)
{
	return file_gone(path);
}

/*
 * Drop the rows of the record whose path drop() says to (m is passed on),
 * found first and deleted after, not while the scan is open.
 */
static int
drop_rows(struct circle_db *db,
    int (*drop)(const char *, const struct circle_member *),
    const struct circle_member *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	*ids = NULL;
	size_t		 n = 0, i;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT id, path FROM written_file",
	    e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!drop((const char *)sqlite3_column_text(st, 1), m))
			continue;
		ids = circle_xgrow(ids, n, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	rc = circle_step_ok(db, rc, "written_file", e);
	sqlite3_finalize(st);
	for (i = 0; i < n && rc == 0; i++) {
		if ((st = circle_prepare(db, "DELETE FROM written_file WHERE "
		    "id = ?", e)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		rc = circle_exec_stmt(db, st, e);
	}
	free(ids);
	return rc;
}

struct written_add {
	const char	*path;		/* absolute */
	const char	*kind;
};

static int
written_add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct written_add	*a = arg;
	sqlite3_stmt		*st;
	char			 now[21];

	if (drop_rows(db, drop_gone, NULL, e) == -1)
		return -1;
	circle_now_utc(now);
	if ((st = circle_prepare(db, "INSERT INTO written_file (path, kind, "
	    "written_at) VALUES (?1, ?2, ?3) ON CONFLICT (path) DO UPDATE SET "
	    "kind = ?2, written_at = ?3", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, a->path);
	circle_bind_text(st, 2, a->kind);
	circle_bind_text(st, 3, now);
	return circle_exec_stmt(db, st, e);
}

/*
 * Remember that a file of this kind (backup, dump, extract, xlsx, signin,
 * csv) was written at path now.  A regular file is remembered by its
 * absolute path (the one a link such as /dev/stdout names); a pipe or a
 * socket by its kind alone (PIPE_PREFIX); a device (a terminal,
 * /dev/null) keeps nothing and is not.  A path written again keeps the
 * latest time.
 */
int
circle_written_add(struct circle_db *db, const char *path, const char *kind,
    struct circle_err *e)
{
	struct written_add	 a;
	struct stat		 sb;
	char			*abs;
	int			 rc, saved;

	abs = realpath(path, NULL);
	saved = errno;
	if (abs == NULL)
		abs = renamed_over(path);
	/* A pipe has no path: /dev/stdout's link names "pipe:[N]". */
	if (stat(abs != NULL ? abs : path, &sb) == 0 &&
	    (S_ISFIFO(sb.st_mode) || S_ISSOCK(sb.st_mode))) {
		free(abs);
		circle_xasprintf(&abs, "%s%s", PIPE_PREFIX, kind);
	} else if (abs == NULL)
		return circle_err_set(e, CIRCLE_EIO, "%s: %s", path,
		    strerror(saved));
	else if (stat(abs, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		free(abs);
		return 0;
	}
	a.path = abs;
	a.kind = kind;
	rc = circle_db_write(db, written_add_tx, &a, e);
	free(abs);
	return rc;
}

/*
 * The files written since the person was added to the roster, that are
 * still there, oldest first: those that may hold them.  (A file written
 * before cannot: they were not in the database.)
 */
int
circle_written_about(struct circle_db *db, const struct circle_member *m,
    struct circle_written **out, size_t *n, struct circle_err *e)
{
	return circle_written_since(db, m->created_at, out, n, e);
}

/*
 * The files written at or after since (a UTC time as the database keeps
 * them), still there, oldest first.
 */
int
circle_written_since(struct circle_db *db, const char *since,
    struct circle_written **out, size_t *n, struct circle_err *e)
{
	struct circle_written	*w = NULL;
	sqlite3_stmt		*st;
	const char		*path;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT path, kind, written_at FROM "
	    "written_file WHERE written_at >= ? ORDER BY written_at, path",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, since);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		path = (const char *)sqlite3_column_text(st, 0);
		if (file_gone(path))
			continue;
		w = circle_xgrow(w, *n, sizeof *w);
		w[*n].path = circle_xstrdup(path);
		w[*n].kind = circle_col_dup(st, 1);
		local_day((const char *)sqlite3_column_text(st, 2), w[*n].day);
		(*n)++;
	}
	rc = circle_step_ok(db, rc, "written_file", e);
	sqlite3_finalize(st);
	if (rc == -1) {
		circle_written_free(w, *n);
		*n = 0;
		return -1;
	}
	*out = w;
	return 0;
}

/* A byte that is part of a word: an ASCII letter or digit, or UTF-8. */
static int
word_byte(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/*
 * Whether lowered (a path in ASCII lower case) holds word, in any ASCII
 * case, with no word byte on either side.
 */
static int
holds_word(const char *lowered, const char *word, size_t len)
{
	const char	*p;
	char		 w[256];
	size_t		 i;

	if (len < 2 || len >= sizeof w)
		return 0;
	for (i = 0; i < len; i++)
		w[i] = (char)tolower((unsigned char)word[i]);
	w[len] = '\0';
	for (p = lowered; (p = strstr(p, w)) != NULL; p++)
		if ((p == lowered || !word_byte((unsigned char)p[-1])) &&
		    !word_byte((unsigned char)p[len]))
			return 1;
	return 0;
}

/* Whether lowered holds one of the words of name. */
static int
holds_name(const char *lowered, const char *name)
{
	const char	*p, *q;

	if (name == NULL)
		return 0;
	for (p = name; *p != '\0'; p = q) {
		while (*p != '\0' && !word_byte((unsigned char)*p))
			p++;
		for (q = p; word_byte((unsigned char)*q); q++)
			;
		if (q > p && holds_word(lowered, p, (size_t)(q - p)))
			return 1;
	}
	return 0;
}

/* A copy in ASCII lower case. */
static char *
lower_dup(const char *s)
{
	char	*l = circle_xstrdup(s);
	size_t	 i;

	for (i = 0; l[i] != '\0'; i++)
		l[i] = (char)tolower((unsigned char)l[i]);
	return l;
}

/*
 * Whether a path names the person: their handle or a word of one of their
 * names, as a word of its own.  Below the home directory only: a
 * facilitator called Sam has /home/sam in every path.
 */
static int
path_names(const char *path, const struct circle_member *m)
{
	const char	*below = circle_under_home(path);
	char		*lowered;
	int		 names;

	lowered = lower_dup(below != NULL ? below : path);
	names = holds_word(lowered, m->handle, strlen(m->handle)) ||
	    holds_name(lowered, m->display_name) ||
	    holds_name(lowered, m->full_name);
	free(lowered);
	return names;
}

/* Gone, or a path that names the person: forget drops it. */
static int
drop_gone_or_named(const char *path, const struct circle_member *m)
{
	return file_gone(path) || (*path == '/' && path_names(path, m));
}

/*
 * Inside forget's transaction: the record must not keep the person, so a
 * path that names them goes (after forget has listed it), and so do the
 * files that are gone.
 */
int
circle_written_forget(struct circle_db *db, const struct circle_member *m,
    struct circle_err *e)
{
	return drop_rows(db, drop_gone_or_named, m, e);
}
