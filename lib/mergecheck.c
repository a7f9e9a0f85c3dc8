/*
 * mergecheck.c: the file a merge reads (merge.c): sealed or not, made by
 * an older circle (migrated in memory), and a circle extract of this very
 * schema holding no text circle refuses, checked on a thread of its own.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/mman.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "circle-priv.h"
#include "merge.h"

/* A value of the file's network table, or NULL. */
int
circle_merge_file_value(struct circle_db *db, const char *key, char **v,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	free(*v);
	*v = NULL;
	if ((st = circle_prepare(db, key[0] == 'm' ? "SELECT value FROM "
	    "main.network WHERE key = ?" : "SELECT value FROM x.network "
	    "WHERE key = ?", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*v = circle_col_dup(st, 0);
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	return rc;
}

int
circle_file_sealed(const char *path, struct circle_err *e)
{
	unsigned char	 b[8];
	FILE		*fp;
	size_t		 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", path, strerror(errno));
	n = fread(b, 1, sizeof b, fp);
	fclose(fp);
	return circle_sealed(b, n);
}

/*
 * A plain file of this schema merged from the system's cache in place
 * (mapped), not copied into fresh memory that the kernel zeroes first (on
 * some virtual machines that costs more than the rest of a merge again).
 * The merge's checks and its copies must read the same bytes: another
 * program writing the file during the merge must not change what was
 * checked under what is written.  A private mapping does not keep that
 * promise on Linux: a page not yet written by this process shows the
 * file as it is now.  A read lease does: it is granted only while no one
 * has the file open for writing (a writable mapping elsewhere holds it
 * open), and anyone who then opens it for writing or truncates it waits
 * until the lease is given back (or the system's lease-break-time, 45 s,
 * passes), the lease marked broken the moment they ask and never whole
 * again.  So the lease still unbroken after everything read the file
 * (circle_merge_map_intact) means no one wrote it meanwhile; a broken one
 * has the merge run again on a copy read into memory (merge.c).  Only on
 * local disks and in memory (ext2-4, XFS, Btrfs, F2FS, tmpfs), where
 * every write to a file goes through an open of it on this machine: not
 * a network, FUSE or overlay file system, whose files change from
 * elsewhere, nor FAT and exFAT, the file systems of sticks, whose pulling
 * out would be a crash where a read fails cleanly.  No signal for the
 * break: SIGIO, the lease's own, would end the process; SIGURG (ignored
 * unless handled) for a break before the owner is unset (F_SETOWN 0).
 * Only files SQLite reads in place whole (MERGE_MMAP).  1 when mapped
 * (m->img, m->n, m->map_fd), 0 when not (the file is read as before).
 */
int
circle_merge_map(struct merge *m, const char *path, int version)
{
#if defined(__linux__) && defined(F_SETLEASE)
	static const long local[] = { 0xef53, 0x58465342, 0x9123683e,
	    (long)0xf2f52010, 0x01021994 };
	struct statfs	 fs;
	struct stat	 sb;
	unsigned char	 hdr[100], *p;
	size_t		 i;
	long		 v;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) || sb.st_size <
	    (off_t)sizeof hdr || (long long)sb.st_size > atoll(MERGE_MMAP) ||
	    fstatfs(fd, &fs) == -1) {
		close(fd);
		return 0;
	}
	for (i = 0; i < sizeof local / sizeof local[0]; i++)
		if ((long)fs.f_type == local[i])
			break;
	if (i == sizeof local / sizeof local[0] ||
	    fcntl(fd, F_SETSIG, SIGURG) == -1 ||
	    fcntl(fd, F_SETLEASE, F_RDLCK) == -1) {
		close(fd);
		return 0;
	}
	/*
	 * Not sealed, and a circle database of this very version (its
	 * user_version, offset 60, big-endian): none to open or migrate.
	 */
	if (fcntl(fd, F_SETOWN, 0) == -1 || pread(fd, hdr, sizeof hdr, 0) !=
	    (ssize_t)sizeof hdr)
		goto unlease;
	v = (long)circle_db_header_u32(hdr + 60);
	if (memcmp(hdr, "SQLite format 3", 16) != 0 || v != version ||
	    (p = mmap(NULL, (size_t)sb.st_size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		goto unlease;
	m->img = p;
	m->n = (size_t)sb.st_size;
	m->map_fd = fd;
	return 1;
unlease:
	fcntl(fd, F_SETLEASE, F_UNLCK);
	close(fd);
	return 0;
#else
	(void)m;
	(void)path;
	(void)version;
	return 0;
#endif
}

/*
 * The file mapped by circle_merge_map was opened for writing by no one
 * since (its lease unbroken): what was read of it is what it held.  Asked
 * once everything that reads it is done, before COMMIT.
 */
int
circle_merge_map_intact(const struct merge *m)
{
#if defined(__linux__) && defined(F_SETLEASE)
	return m->map_fd == -1 || fcntl(m->map_fd, F_GETLEASE) == F_RDLCK;
#else
	(void)m;
	return 1;
#endif
}

/* The file of circle_merge_map let go: unmapped, its lease given back. */
void
circle_merge_unmap(struct merge *m)
{
#if defined(__linux__) && defined(F_SETLEASE)
	if (m->map_fd == -1)
		return;
	munmap(m->img, m->n);
	fcntl(m->map_fd, F_SETLEASE, F_UNLCK);
	close(m->map_fd);
	m->map_fd = -1;
	m->img = NULL;
	m->n = 0;
#else
	(void)m;
#endif
}

/*
 * Eight bytes of text (w) all printable ASCII: a byte under 0x20 borrows
 * into its top bit when 0x20 is taken from it; one over 0x7e has it set,
 * or gets it when 1 is added; a carry or a borrow comes only from such a
 * byte.
 */
static int
printable_word(uint64_t w)
{
	const uint64_t	ones = 0x0101010101010101ULL;
	const uint64_t	tops = 0x8080808080808080ULL;

	return ((((w - 0x20 * ones) & ~w) | (w + ones) | w) & tops) == 0;
}

/*
 * Printable ASCII only: nothing circle refuses, found in one pass, eight
 * bytes at a time; the last eight once more when the length is not a
 * multiple of eight (text of fewer a byte at a time).
 */
static int
printable_ascii(const unsigned char *s, size_t n)
{
	uint64_t	w;
	size_t		i;

	if (n < sizeof w) {
		for (i = 0; i < n; i++)
			if (s[i] < 0x20 || s[i] > 0x7e)
				return 0;
		return 1;
	}
	for (i = 0; i + sizeof w <= n; i += sizeof w) {
		memcpy(&w, s + i, sizeof w);
		if (!printable_word(w))
			return 0;
	}
	if (i < n) {
		memcpy(&w, s + n - sizeof w, sizeof w);
		if (!printable_word(w))
			return 0;
	}
	return 1;
}

/*
 * Text from the file holds no control character circle refuses: 1 when
 * one of a row's values (argc of them) does, else 0.  A BLOB's bytes are
 * checked as text's are: one is read as text wherever it is shown or
 * exported.
 */
int
circle_merge_values_bad(int argc, sqlite3_value **argv)
{
	unsigned int	 cp;
	const char	*s;
	size_t		 n;
	int		 i, type;

	for (i = 0; i < argc; i++) {
		type = sqlite3_value_type(argv[i]);
		if (type == SQLITE_TEXT)
			s = (const char *)sqlite3_value_text(argv[i]);
		else if (type == SQLITE_BLOB)
			s = sqlite3_value_blob(argv[i]);
		else
			continue;
		n = (size_t)sqlite3_value_bytes(argv[i]);
		if (printable_ascii((const unsigned char *)s, n))
			continue;
		if (circle_control_at(s, n, CIRCLE_CTL_CR, &cp) < n ||
		    !circle_utf8_valid(s, n, NULL))
			return 1;
	}
	return 0;
}

/* The same, as SQL: a row's columns, one call for them all. */
static void
sql_bad_text(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	sqlite3_result_int(cx, circle_merge_values_bad(argc, argv));
}

/*
 * The columns of the file's table, "p.a, p.b, ..." with p the prefix given,
 * or with q given, whether a row p differs from a row q: "p.a IS NOT q.a
 * OR p.b IS NOT q.b ..." (sqlite3_malloc'd; NULL for none).
 */
int
circle_merge_columns(struct circle_db *db, const char *table, const char *p,
    const char *q, char **cols, struct circle_err *e)
{
	sqlite3_stmt	*st;
	const char	*name, *sep;
	char		*tmp;
	int		 rc;

	*cols = NULL;
	if ((st = circle_prepare(db, "SELECT name FROM pragma_table_info(?1, "
	    "'x')", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, table);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		sep = *cols == NULL ? "" : q == NULL ? ", " : " OR ";
		tmp = q == NULL ? sqlite3_mprintf("%s%s%s.\"%w\"", *cols !=
		    NULL ? *cols : "", sep, p, name) : sqlite3_mprintf(
		    "%s%s%s.\"%w\" IS NOT %s.\"%w\"", *cols != NULL ? *cols :
		    "", sep, p, name, q, name);
		sqlite3_free(*cols);
		*cols = tmp;
	}
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == -1) {
		sqlite3_free(*cols);
		*cols = NULL;
	}
	return rc;
}

/* n rows of the file's table hold text circle refuses. */
int
circle_merge_bad_text(const struct merge *m, const char *table, long n,
    struct circle_err *e)
{
	return circle_err_set(e, CIRCLE_EDATA, "%s: %s: text with a control "
	    "character or not UTF-8 in %ld row%s", m->o->path, table, n,
	    n == 1 ? "" : "s");
}

/*
 * The tables whose text is checked in the rows a merge writes, where it
 * writes them (mergeattend.c): a million rows of which a merge again
 * writes none.  Every other table of the file is checked whole here.
 */
static const char *const checked_where_written[] = { "attendance" };

static int
checked_later(const char *table)
{
	size_t	i;

	for (i = 0; i < sizeof checked_where_written /
	    sizeof checked_where_written[0]; i++)
		if (strcmp(table, checked_where_written[i]) == 0)
			return 1;
	return 0;
}

/* quick_check: the file is whole. */
static int
file_whole(struct circle_db *db, const struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 ok;

	if ((st = circle_prepare(db, "PRAGMA x.quick_check", e)) == NULL)
		return -1;
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) !=
	    NULL && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	if (!ok)
		return circle_err_set(e, CIRCLE_EDATA, "%s: damaged (SQLite's "
		    "quick_check fails)", m->o->path);
	return 0;
}

static int
bad_text_sql(sqlite3 *h)
{
	return sqlite3_create_function(h, "circle_bad_text", -1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_bad_text, NULL,
	    NULL);
}

/* The text of every table but those checked where written. */
static int
file_text(struct circle_db *db, const struct merge *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*cols, *table = NULL;
	long		 n;
	int		 rc;

	if ((st = circle_prepare(db, "SELECT name FROM x.sqlite_schema WHERE "
	    "type = 'table' ORDER BY name", e)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		free(table);
		table = circle_col_dup(st, 0);
		if (checked_later(table))
			continue;
		if (circle_merge_columns(db, table, "t", NULL, &cols, e) == -1)
			break;
		if (cols == NULL)
			continue;
		/* No parameters: m is the main thread's (merge_tx). */
		if (circle_merge_number(db, NULL, sqlite3_mprintf("SELECT "
		    "count(*) FROM x.\"%w\" AS t WHERE circle_bad_text(%s)",
		    table, cols), &n, e) == -1) {
			sqlite3_free(cols);
			break;
		}
		sqlite3_free(cols);
		if (n > 0) {
			circle_merge_bad_text(m, table, n, e);
			break;
		}
	}
	if (rc == SQLITE_ROW)
		rc = -1;
	else
		rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	free(table);
	return rc;
}

/*
 * A connection of its own for a thread of the merge: the file's bytes
 * attached as x, deserialized read only (nothing writes them on either
 * side: SQLite's memory files keep their own state per connection), and,
 * when path is given, this database as main, opened read only; both read
 * in place (MERGE_MMAP).  NULL when there is none to be had.
 */
sqlite3 *
circle_merge_reader(const char *path, const unsigned char *img, size_t n)
{
	sqlite3	*h = NULL;

	if (sqlite3_open_v2(path != NULL ? path : ":memory:", &h,
	    path != NULL ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK)
		goto fail;
	sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (sqlite3_exec(h, "ATTACH '' AS x", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_deserialize(h, "x", (unsigned char *)img,
	    (sqlite3_int64)n, (sqlite3_int64)n, SQLITE_DESERIALIZE_READONLY) !=
	    SQLITE_OK || sqlite3_exec(h, path != NULL ? "PRAGMA main.mmap_size "
	    "= " MERGE_MMAP "; PRAGMA x.mmap_size = " MERGE_MMAP : "PRAGMA "
	    "x.mmap_size = " MERGE_MMAP, NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return h;
fail:
	sqlite3_close(h);
	return NULL;
}

/*
 * The file's checks that read only the file (quick_check, the text of its
 * tables, the scans of its attendance: mergeattend.c) run on a thread of
 * their own, on a connection of their own to the same bytes
 * (circle_merge_reader; a connection is used by one thread at a time),
 * while the main connection stages the rest of the merge.  Their verdict
 * is joined before it is needed: before attendance is copied, before
 * anything is committed, and before any error is reported, so that a file
 * is refused with the message it always had.
 */
struct merge_checks {
	struct circle_db	 db;	/* its connection; path borrowed */
	const struct merge	*m;
	pthread_t		 thread;
	int			 running;	/* started, not yet joined */
	int			 scan;		/* attendance to be scanned */
	int			 rc;		/* -1: refused, err says why */
	int			 whole;		/* ...by quick_check (or its
						   error) */
	struct circle_err	 err;
	int			 scan_rc;	/* the scan's: 0 done (att), -1
						   failed (scan_err) */
	struct merge_scan	 att;
	struct circle_err	 scan_err;
	pthread_mutex_t		 lock;		/* over scanned */
	pthread_cond_t		 scan_cond;
	int			 scanned;	/* the scan is done */
};

/*
 * Attendance's scan first: the main thread waits for it alone before the
 * copy, which then runs beside the rest of the checks.
 */
static void *
checks_run(void *arg)
{
	struct merge_checks	*c = arg;

	if (c->scan) {
		c->scan_rc = circle_merge_attendance_scan(&c->db, c->m->img,
		    c->m->n, &c->att, &c->scan_err);
		pthread_mutex_lock(&c->lock);
		c->scanned = 1;
		pthread_cond_signal(&c->scan_cond);
		pthread_mutex_unlock(&c->lock);
	}
	if (file_whole(&c->db, c->m, &c->err) == -1) {
		c->rc = -1;
		c->whole = 1;
	} else if (file_text(&c->db, c->m, &c->err) == -1)
		c->rc = -1;
	return NULL;
}

/*
 * The checks begun on their thread, attendance scanned too when wanted;
 * NULL when they must run here (SQLite built without threads, or no
 * thread or connection to be had).  The tests compare the two
 * ($CIRCLE_MERGE_ONE_THREAD runs them here).
 */
static struct merge_checks *
checks_start(struct circle_db *db, const struct merge *m,
    unsigned char *img, size_t n, int scan)
{
	struct merge_checks	*c;
	sqlite3			*h;

	if (!sqlite3_threadsafe() || getenv("CIRCLE_MERGE_ONE_THREAD") != NULL)
		return NULL;
	if ((h = circle_merge_reader(NULL, img, n)) == NULL)
		return NULL;
	if (bad_text_sql(h) != SQLITE_OK)
		goto fail;
	c = circle_xcalloc(1, sizeof *c);
	c->db.h = h;
	c->db.path = db->path;
	c->db.version = db->version;
	c->m = m;
	c->scan = scan;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->scan_cond, NULL);
	if (pthread_create(&c->thread, NULL, checks_run, c) != 0) {
		pthread_cond_destroy(&c->scan_cond);
		pthread_mutex_destroy(&c->lock);
		free(c);
		goto fail;
	}
	c->running = 1;
	return c;
fail:
	sqlite3_close(h);
	return NULL;
}

/*
 * The checks' verdict, waited for: rc when they passed (or ran here), -1
 * with their error when they refused the file.
 */
int
circle_merge_checks_join(struct merge *m, int rc, struct circle_err *e)
{
	struct merge_checks	*c = m->checks;

	if (c == NULL)
		return rc;
	if (c->running) {
		pthread_join(c->thread, NULL);
		c->running = 0;
	}
	if (c->rc == -1) {
		*e = c->err;
		return -1;
	}
	return rc;
}

/*
 * The scan of the file's attendance the thread made, waited for alone:
 * NULL when there is none (checks run here, or not asked for), and *rc -1
 * with e when the scan failed, or when the checks refused the file (their
 * refusal first, as when they ran before the scan).  The rest of the
 * checks are joined later, before COMMIT or any error is said.
 */
const struct merge_scan *
circle_merge_checks_scan(struct merge *m, int *rc, struct circle_err *e)
{
	struct merge_checks	*c = m->checks;

	if (c == NULL || !c->scan) {
		*rc = circle_merge_checks_join(m, 0, e);
		return NULL;
	}
	if (c->running) {
		pthread_mutex_lock(&c->lock);
		while (!c->scanned)
			pthread_cond_wait(&c->scan_cond, &c->lock);
		pthread_mutex_unlock(&c->lock);
	}
	*rc = 0;
	if (c->scan_rc == -1) {
		if ((*rc = circle_merge_checks_join(m, 0, e)) == -1)
			return NULL;
		*rc = -1;
		*e = c->scan_err;
	}
	return &c->att;
}

/* The checks joined and their connection closed: rc, or their refusal. */
int
circle_merge_checks_end(struct merge *m, int rc, struct circle_err *e)
{
	rc = circle_merge_checks_join(m, rc, e);
	if (m->checks != NULL) {
		sqlite3_close(m->checks->db.h);
		pthread_cond_destroy(&m->checks->scan_cond);
		pthread_mutex_destroy(&m->checks->lock);
		free(m->checks);
		m->checks = NULL;
	}
	return rc;
}

/*
 * An error found here, where the file's origin is read: quick_check's
 * refusal on the thread comes first, as it did when it ran here before;
 * the checks after it come after this error.  The thread is done with.
 */
static int
origin_failed(struct merge *m, struct circle_err *e)
{
	struct circle_err	 t;

	if (circle_merge_checks_join(m, 0, &t) == -1 && m->checks->whole)
		*e = t;
	circle_merge_checks_end(m, 0, &t);
	return -1;
}

/* The file says it has page sums, its pages have no room for them. */
#define SUMS_NO_ROOM	((unsigned long)-1)

/*
 * The file's page sums (pagesum.c), checked by merge_file over its bytes
 * as they came (m->sums), weighed with what the file says of itself: a
 * file that says it has them must have them right, and one whose pages
 * have room for them but the wrong ones is no extract as made.  Read
 * before anything trusts the file: a value it cannot give is no sums.
 */
static void
file_sums(struct circle_db *db, struct merge *m)
{
	struct circle_err	 t;
	char			*v = NULL;

	if (circle_merge_file_value(db, CIRCLE_NET_PAGESUMS, &v, &t) == -1)
		v = NULL;
	if (v != NULL && m->sums == 0) {
		m->sums = -1;
		m->sums_page = SUMS_NO_ROOM;
	} else if (m->sums == 1 && v == NULL)
		m->sums = 0;
	free(v);
}

/* This database merged the file's origin before: a merge again. */
static int
merged_before(struct circle_db *db, struct merge *m)
{
	struct circle_err	 t;
	char			*from = NULL, *key, *v = NULL;
	int			 yes;

	if (circle_merge_file_value(db, "origin", &from, &t) == -1 ||
	    from == NULL)
		return 0;
	circle_xasprintf(&key, "merged:%s", from);
	yes = circle_merge_file_value(db, key, &v, &t) == 0 && v != NULL;
	free(key);
	free(from);
	free(v);
	return yes;
}

/*
 * Every table here is one the update hook sees written (merge.c:
 * wrote_here): none WITHOUT ROWID, none virtual, whose writes it never
 * hears of, so that a merge that wrote cannot pass for one that did not
 * and be spared the file's checks.  The file's tables are these
 * (circle_merge_check).  Not known: no.
 */
static int
hook_sees_all(struct circle_db *db)
{
	sqlite3_stmt	*st;
	int		 yes = 0;

	if (sqlite3_prepare_v2(db->h, "SELECT NOT EXISTS (SELECT 1 FROM "
	    "pragma_table_list WHERE schema = 'main' AND (wr OR type = "
	    "'virtual'))", -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		yes = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return yes;
}

static int
sums_wrong(const struct merge *m, struct circle_err *e)
{
	if (m->sums_page == SUMS_NO_ROOM)
		return circle_err_set(e, CIRCLE_EDATA, "%s: damaged (changed "
		    "after it was extracted: its pages have no room for their "
		    "sums); ask for it again", m->o->path);
	if (m->sums_page == 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s: damaged (changed "
		    "after it was extracted: not a whole number of pages); "
		    "ask for it again", m->o->path);
	return circle_err_set(e, CIRCLE_EDATA, "%s: damaged (changed after "
	    "it was extracted: page %lu does not match its sum); ask for it "
	    "again", m->o->path, m->sums_page);
}

/*
 * The checks a merge again of a file whose sums are right was spared
 * (m->checks_later) begun on their thread at the merge's first write
 * here (merge.c: the update hook), beside the rest of the merge, as a
 * first merge's run from the start; joined before COMMIT or any error
 * (circle_merge_checks_join).  Asked once: when no thread is to be had,
 * circle_merge_checks_late runs them after the merge.
 */
void
circle_merge_checks_begin(struct circle_db *db, struct merge *m)
{
	if (!m->checks_later || m->checks_begun)
		return;
	m->checks_begun = 1;
	m->checks = checks_start(db, m, m->img, m->n, 0);
}

/*
 * Before COMMIT.  The checks a file whose sums are right was spared
 * (m->checks_later: a merge again) run when the merge wrote here, or
 * failed (written 1, or rc -1): its sums rule out an accident, but what
 * is written must still pass quick_check (its CHECK and NOT NULL
 * constraints) and the text checks, and a merge that writes nothing
 * changes nothing.  Their refusal comes before the merge's own error, as
 * when they ran on their thread.  Then a file whose sums are wrong is
 * refused, once every other check had its say (their messages first).
 */
int
circle_merge_checks_late(struct circle_db *db, struct merge *m, int rc,
    int written, struct circle_err *e)
{
	struct circle_err	 t;

	/* Begun on their thread at the first write: joined already. */
	if (m->checks_later && m->checks == NULL && (rc == -1 || written)) {
		circle_err_clear(&t);
		if (file_whole(db, m, &t) == -1 || file_text(db, m, &t) == -1) {
			*e = t;
			return -1;
		}
	}
	if (rc != -1 && m->sums == -1)
		return sums_wrong(m, e);
	return rc;
}

/*
 * The file is a circle extract of this very schema: the same application
 * id, version and schema text as this database, whole (quick_check), with
 * an origin, and text that holds nothing circle refuses.  The checks that
 * read only the file begin here on their thread (circle_merge_checks_join
 * has their verdict), the attendance scanned there only when it may be
 * copied whole (circle_merge_bulk_possible: none here, no one forgotten,
 * nothing removed), which also sets the foreign keys off (merge.c).  A
 * merge again of a file whose page sums are right (file_sums) runs none
 * of them here: begun at its first write (circle_merge_checks_begin), or
 * run by circle_merge_checks_late when it writes and no thread was had.
 */
int
circle_merge_check(struct circle_db *db, struct merge *m, unsigned char *img,
    size_t n, struct circle_err *e)
{
	static const char *const checks[] = {
		"PRAGMA x.application_id",
		"PRAGMA x.user_version",
		"SELECT (SELECT count(*) FROM (SELECT type, name, tbl_name, "
		    "sql FROM main.sqlite_schema WHERE name NOT LIKE 'sqlite%' "
		    "EXCEPT SELECT type, name, tbl_name, sql FROM "
		    "x.sqlite_schema)) + (SELECT count(*) FROM (SELECT type, "
		    "name, tbl_name, sql FROM x.sqlite_schema EXCEPT SELECT type, "
		    "name, tbl_name, sql FROM main.sqlite_schema))",
	};
	long		 v[3];
	size_t		 i;

	for (i = 0; i < 3; i++)
		if (circle_merge_number(db, m, sqlite3_mprintf("%s", checks[i]), &v[i], e) ==
		    -1)
			return circle_err_set(e, CIRCLE_EDATA, "%s: not a "
			    "circle extract", m->o->path);
	if (v[0] != circle_db_application_id(db))
		return circle_err_set(e, CIRCLE_EDATA, "%s: not a circle "
		    "extract", m->o->path);
	if (v[1] > db->version)
		return circle_err_set(e, CIRCLE_EDATA, "%s: made by a newer "
		    "circle (schema version %ld, this one knows %d); upgrade "
		    "circle", m->o->path, v[1], db->version);
	if (v[1] < db->version)
		return circle_err_set(e, CIRCLE_EDATA, "%s: schema version %ld "
		    "after its migrations, not %d", m->o->path, v[1],
		    db->version);
	if (v[2] != 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s: not a circle "
		    "extract (its tables are not circle's)", m->o->path);
	/* Attendance may be copied whole: scanned on the thread. */
	if (circle_merge_here(db, m, e) == -1)
		return -1;
	m->bulk = circle_merge_bulk_possible(m);
	file_sums(db, m);
	m->checks_later = m->sums == 1 && !m->bulk && merged_before(db, m) &&
	    hook_sees_all(db);
	if (!m->checks_later) {
		m->checks = checks_start(db, m, img, n, m->bulk);
		if (m->checks == NULL && file_whole(db, m, e) == -1)
			return -1;
	}
	if (circle_merge_file_value(db, "origin", &m->from, e) == -1 ||
	    circle_merge_file_value(db, CIRCLE_NET_EXTRACTED,
	    &m->extracted_at, e) == -1)
		return origin_failed(m, e);
	if (m->from == NULL || m->extracted_at == NULL) {
		circle_merge_not_extract(m->o->path, m->from != NULL, e);
		return origin_failed(m, e);
	}
	if (bad_text_sql(db->h) != SQLITE_OK)
		return circle_db_error(db, e, "merge");
	return m->checks != NULL || m->checks_later ? 0 :
	    file_text(db, m, e);
}

