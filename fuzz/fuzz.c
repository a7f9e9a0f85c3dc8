/*
 * fuzz.c: the scratch directory, input file and database every fuzz target
 * uses.  The database is made once per process, through the importers
 * themselves; targets import with dry_run, so each input is rolled back
 * and every run starts from the same data.
 */
#include "config.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static void	 cleanup(void);
static void	 die(const char *, const char *);
static void	 seed(struct circle_db *);

static char		 dir[4096];
static char		 path[4200];
static struct circle_db	*db;

/* Two groups with past sessions, people to find by handle, email, name. */
static const char seed_groups[] =
    "handle: tc\n"
    "name: Tuesday Circle\n"
    "tz: America/New_York\n"
    "schedules:\n"
    "  - name: wk\n"
    "    every: week\n"
    "    on: tuesday\n"
    "    at: \"19:00\"\n"
    "    from: 2025-01-07\n"
    "    count: 6\n";
static const char seed_grief[] =
    "handle: grief\n"
    "name: Grief Group\n"
    "tz: Europe/London\n"
    "schedule:\n"
    "  every: month\n"
    "  on: 1st sunday\n"
    "  at: \"16:00\"\n"
    "  from: 2025-02-02\n"
    "  count: 3\n";
static const char seed_roster[] =
    "handle,name,email,group,role\n"
    "alex-r,Alex Rivera,,tc,\n"
    "blair-c,Blair Chen,,tc,\n"
    "casey-d,Casey Diaz,casey@example.org,tc,\n"
    "dana-e,Dana Evans,,tc,facilitator\n"
    "maya-o,Maya Okafor,maya@example.org,grief,\n"
    "priya-r,Priya Raman,,,\n"
    ",Sam Lee,sam1@example.org,,\n"
    ",Sam Lee,sam2@example.org,grief,\n";

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz: %s: %s\n", what, msg);
	abort();
}

static void
cleanup(void)
{
	struct dirent	*d;
	DIR		*dp;
	char		 p[4400];

	circle_db_close(db);
	db = NULL;
	if ((dp = opendir(dir)) != NULL) {
		while ((d = readdir(dp)) != NULL) {
			snprintf(p, sizeof p, "%s/%s", dir, d->d_name);
			if (d->d_name[0] != '.')
				unlink(p);
		}
		closedir(dp);
	}
	rmdir(dir);
}

static void
scratch(void)
{
	const char	*t = getenv("TMPDIR");

	if (dir[0] != '\0')
		return;
	snprintf(dir, sizeof dir, "%s/circle-fuzz.XXXXXX",
	    t != NULL && *t == '/' ? t : "/tmp");
	if (mkdtemp(dir) == NULL)
		die(dir, strerror(errno));
	atexit(cleanup);
}

/*
 * The input as a file: a memfd, so that rewriting it costs no disk work
 * (ext4 flushes a file truncated and written again on close), else a file
 * in the scratch directory.
 */
const char *
fuzz_file(const uint8_t *data, size_t len)
{
	static int	 fd = -1;
	ssize_t		 n;
	size_t		 off;

	scratch();
	if (fd == -1 && (fd = memfd_create("input", MFD_CLOEXEC)) != -1)
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (fd == -1) {
		snprintf(path, sizeof path, "%s/input", dir);
		if ((fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC,
		    0600)) == -1)
			die(path, strerror(errno));
	}
	if (ftruncate(fd, 0) == -1)
		die(path, strerror(errno));
	for (off = 0; off < len; off += (size_t)n)
		if ((n = pwrite(fd, data + off, len - off, (off_t)off)) <= 0)
			die(path, strerror(errno));
	return path;
}

static void
seed(struct circle_db *d)
{
	struct circle_import_opts	 io;
	struct circle_import_result	 ir;
	struct circle_group_import	 gi;
	struct circle_err		 e;
	const char			*p;

	circle_err_clear(&e);
	p = fuzz_file((const uint8_t *)seed_groups, sizeof seed_groups - 1);
	if (circle_group_import(d, p, 0, &gi, &e) == -1)
		die("seed groups", e.msg);
	circle_group_import_release(&gi);
	p = fuzz_file((const uint8_t *)seed_grief, sizeof seed_grief - 1);
	if (circle_group_import(d, p, 0, &gi, &e) == -1)
		die("seed groups", e.msg);
	circle_group_import_release(&gi);
	memset(&io, 0, sizeof io);
	io.path = fuzz_file((const uint8_t *)seed_roster,
	    sizeof seed_roster - 1);
	if (circle_roster_import(d, &io, &ir, &e) == -1)
		die("seed roster", e.msg);
	circle_import_result_release(&ir);
}

struct circle_db *
fuzz_db(void)
{
	struct circle_db_opts	 o;
	struct circle_err	 e;
	char			 p[4200];

	if (db != NULL)
		return db;
	scratch();
	snprintf(p, sizeof p, "%s/circle.db", dir);
	memset(&o, 0, sizeof o);
	o.path = p;
	o.tool = "fuzz";
	o.flags = CIRCLE_DB_CREATE;
	circle_err_clear(&e);
	if (circle_db_open(&db, &o, &e) == -1)
		die("open", e.msg);
	seed(db);
	return db;
}

/*
 * What every lib/ call promises: a failure has an exit status and a
 * message, bad data (65) says which file, and no transaction is left open
 * behind it.
 */
void
fuzz_check(int rc, const struct circle_err *e, const char *name)
{
	if (db != NULL && !sqlite3_get_autocommit(db->h))
		die("check", "a transaction was left open");
	if (rc == 0)
		return;
	if (rc != -1)
		die("check", "returned neither 0 nor -1");
	if (e->msg[0] == '\0')
		die("check", "failed without a message");
	switch (e->code) {
	case CIRCLE_EFAIL:
	case CIRCLE_EUSAGE:
	case CIRCLE_EIO:
	case CIRCLE_EBUSY:
		break;
	case CIRCLE_EDATA:
		if (name != NULL && (strncmp(e->msg, name, strlen(name)) != 0 ||
		    e->msg[strlen(name)] != ':'))
			die("check: bad data, but the message does not start "
			    "with the file's name", e->msg);
		break;
	default:
		die("check: not an exit status", e->msg);
	}
}
