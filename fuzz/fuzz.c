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

/*
 * A check-in survey (examples/surveys/checkin.yaml, shorter), two groups
 * with past sessions, people to find by handle, email and name.
 */
static const char seed_survey[] =
    "key: checkin\n"
    "title: Check-in\n"
    "phase: checkin\n"
    "questions:\n"
    "  - {key: mood, kind: scale, prompt: Mood?, min: 0, max: 10,\n"
    "     labels: {0: very low, 10: very good}}\n"
    "  - {key: distress, kind: scale, prompt: Distress?, min: 0, max: 10}\n"
    "  - {key: safe, kind: yes/no, prompt: Safe today?}\n"
    "  - {key: feel, kind: choice, prompt: Feeling?, required: no,\n"
    "     choices: [calm, tense, tired]}\n"
    "  - {key: sleep, kind: number, prompt: Hours slept?, min: 0, max: 24,\n"
    "     required: no}\n"
    "  - {key: note, kind: text, prompt: Anything else?, required: no}\n"
    "score: {name: wellbeing, method: mean, items: [mood, distress],\n"
    "  reverse: [distress]}\n"
    "flags:\n"
    "  - {on: safe, is: no, reason: Not safe}\n"
    "  - {on: distress, at-least: 9}\n"
    "  - {on: mood, drop: 4}\n"
    "  - {on: score, at-most: 2}\n"
    "  - {on: feel, is: tense}\n";
static const char seed_groups[] =
    "handle: tc\n"
    "name: Tuesday Circle\n"
    "tz: America/New_York\n"
    "surveys: {checkin: checkin}\n"
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

/* A seed file of the scratch directory: never the input's file, which
 * may be written already when the database is first asked for. */
static const char *
seed_file(const char *name, const char *text)
{
	static char	 p[4200];
	FILE		*fp;

	snprintf(p, sizeof p, "%s/%s", dir, name);
	if ((fp = fopen(p, "w")) == NULL || fputs(text, fp) == EOF ||
	    fclose(fp) != 0)
		die(p, strerror(errno));
	return p;
}

static void
seed(struct circle_db *d)
{
	struct circle_import_opts	 io;
	struct circle_import_result	 ir;
	struct circle_group_import	 gi;
	struct circle_survey_added	 sa;
	struct circle_err		 e;
	const char			*p;

	circle_err_clear(&e);
	p = seed_file("survey.yaml", seed_survey);
	if (circle_survey_add(d, p, "seed.yaml", 0, &sa, &e) == -1)
		die("seed survey", e.msg);
	free(sa.key);
	p = seed_file("tc.yaml", seed_groups);
	if (circle_group_import(d, p, 0, &gi, &e) == -1)
		die("seed groups", e.msg);
	circle_group_import_release(&gi);
	p = seed_file("grief.yaml", seed_grief);
	if (circle_group_import(d, p, 0, &gi, &e) == -1)
		die("seed groups", e.msg);
	circle_group_import_release(&gi);
	memset(&io, 0, sizeof io);
	io.path = seed_file("roster.csv", seed_roster);
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
	circle_sqlite_setup();	/* before SQLite's first use, as a tool */
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
	/* What lib/ made of an input: is a seed read as meant? */
	if (getenv("CIRCLE_FUZZ_DEBUG") != NULL)
		fprintf(stderr, "fuzz: %s\n", rc == 0 ? "ok" : e->msg);
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
