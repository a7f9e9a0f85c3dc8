/*
 * test-atomic.c: what a shell test sees only in part: files that appear
 * whole under their name, 0600, or not at all (lib/atomic.c).
 */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "circle-priv.h"

static char	dir[] = "/tmp/test-atomic.XXXXXX";

static int
entries(void)
{
	char	cmd[128];
	FILE	*p;
	int	 n = 0, ch;

	snprintf(cmd, sizeof cmd, "ls -A %s", dir);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while ((ch = fgetc(p)) != EOF)
		n += ch == '\n';
	pclose(p);
	return n;
}

/* Commit: the file is there, whole and 0600, and nothing beside it. */
static void
test_atomic_commit(void **state)
{
	struct circle_atomic	 a;
	struct circle_err	 e;
	struct stat		 sb;
	char			*path, buf[16];
	FILE			*fp;

	(void)state;
	circle_xasprintf(&path, "%s/out.csv", dir);
	assert_int_equal(circle_atomic_begin(path, NULL, &a, &e), 0);
	assert_int_equal(write(a.fd, "new\n", 4), 4);
	/* Until the commit, the old file is what is there. */
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(circle_atomic_commit(&a, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "new\n");
	assert_int_equal(entries(), 1);
	unlink(path);
	free(path);
}

/* Abort: the file that was there stays, and the temporary one goes. */
static void
test_atomic_abort(void **state)
{
	struct circle_atomic	 a;
	struct circle_err	 e;
	char			*path, buf[16];
	FILE			*fp;

	(void)state;
	circle_xasprintf(&path, "%s/keep.xlsx", dir);
	assert_non_null(fp = fopen(path, "w"));
	fputs("old\n", fp);
	fclose(fp);
	assert_int_equal(circle_atomic_begin(path, NULL, &a, &e), 0);
	assert_int_equal(write(a.fd, "half", 4), 4);
	assert_int_equal(entries(), 2);
	circle_atomic_abort(&a);
	assert_int_equal(entries(), 1);
	assert_non_null(fp = fopen(path, "r"));
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "old\n");
	unlink(path);
	free(path);
}

/* A directory that is not there: an I/O error naming the file. */
static void
test_atomic_no_dir(void **state)
{
	struct circle_atomic	a;
	struct circle_err	e;

	(void)state;
	circle_err_clear(&e);
	assert_int_equal(circle_atomic_begin("/nonexistent/dir/x.xlsx", NULL,
	    &a, &e), -1);
	assert_int_equal(e.code, CIRCLE_EIO);
	assert_non_null(strstr(e.msg, "/nonexistent/dir/x.xlsx"));
}

/*
 * A device is written through from a temporary file of $TMPDIR when that
 * is absolute (else of /tmp), 0600 whatever the umask, and removed.
 */
static void
test_atomic_through_tmpdir(void **state)
{
	struct circle_atomic	 a;
	struct circle_err	 e;
	struct stat		 sb;
	mode_t			 old;

	(void)state;
	old = umask(0);
	setenv("TMPDIR", dir, 1);
	assert_int_equal(circle_atomic_begin("/dev/null", NULL, &a, &e), 0);
	assert_true(a.through);
	assert_int_equal(strncmp(a.tmp, dir, strlen(dir)), 0);
	assert_int_equal(strncmp(a.tmp + strlen(dir), "/circle-out.", 12), 0);
	assert_int_equal(stat(a.tmp, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(write(a.fd, "x\n", 2), 2);
	assert_int_equal(circle_atomic_commit(&a, &e), 0);
	assert_int_equal(entries(), 0);
	setenv("TMPDIR", "relative", 1);
	assert_int_equal(circle_atomic_begin("/dev/null", NULL, &a, &e), 0);
	assert_int_equal(strncmp(a.tmp, "/tmp/circle-out.", 16), 0);
	circle_atomic_abort(&a);
	unsetenv("TMPDIR");
	umask(old);
}

/* Without a path, the finished file is copied to the stream. */
static void
test_atomic_stream(void **state)
{
	struct circle_atomic	 a;
	struct circle_err	 e;
	char			 buf[16];
	FILE			*out;

	(void)state;
	setenv("TMPDIR", dir, 1);
	assert_non_null(out = tmpfile());
	assert_int_equal(circle_atomic_begin(NULL, out, &a, &e), 0);
	assert_int_equal(strncmp(a.tmp, dir, strlen(dir)), 0);
	assert_int_equal(write(a.fd, "book\n", 5), 5);
	assert_int_equal(circle_atomic_commit(&a, &e), 0);
	assert_int_equal(entries(), 0);
	rewind(out);
	assert_non_null(fgets(buf, sizeof buf, out));
	assert_string_equal(buf, "book\n");
	fclose(out);
	unsetenv("TMPDIR");
}

/* A stream: 0600 whatever the umask, or the mode asked for (a calendar). */
static void
test_atomic_fopen_mode(void **state)
{
	struct circle_atomic	 a;
	struct circle_err	 e;
	struct stat		 sb;
	char			*path;
	FILE			*fp;
	mode_t			 old;

	(void)state;
	old = umask(0);
	circle_xasprintf(&path, "%s/out.ics", dir);
	assert_non_null(fp = circle_atomic_fopen(path, 0600, &a, &e));
	fputs("BEGIN:VCALENDAR\r\n", fp);
	assert_int_equal(circle_atomic_fclose(&a, fp, 1, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_non_null(fp = circle_atomic_fopen(path, 0644, &a, &e));
	assert_int_equal(circle_atomic_fclose(&a, fp, 1, &e), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	/* Not good: the file that was there stays, nothing beside it. */
	assert_non_null(fp = circle_atomic_fopen(path, 0600, &a, &e));
	assert_int_equal(circle_atomic_fclose(&a, fp, 0, &e), -1);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0644);
	assert_int_equal(entries(), 1);
	unlink(path);
	free(path);
	umask(old);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atomic_commit),
		cmocka_unit_test(test_atomic_abort),
		cmocka_unit_test(test_atomic_no_dir),
		cmocka_unit_test(test_atomic_through_tmpdir),
		cmocka_unit_test(test_atomic_stream),
		cmocka_unit_test(test_atomic_fopen_mode),
	};
	int	rc;

	umask(077);
	if (mkdtemp(dir) == NULL)
		return 99;
	rc = cmocka_run_group_tests_name("atomic", tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
