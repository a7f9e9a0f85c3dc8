/*
 * test-export.c: what the exports promise that a shell test sees only in
 * part: pseudonyms that never change from one version to the next and
 * do not collide, and files that appear whole under their name, 0600, or
 * not at all.
 */
#include "config.h"

#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "circle-priv.h"

/* Codes handed out stay the same: a funder links this year's export to
 * last year's by them. */
static void
test_pseudonym_stable(void **state)
{
	char	c[CIRCLE_PSEUDONYM_LEN];

	(void)state;
	circle_pseudonym("5eec751e-2936-4714-a6b0-08198dffb916", c);
	assert_string_equal(c, "P-9V5XF-J3RBR");
	circle_pseudonym("00000003-0000-4000-8000-000000000001", c);
	assert_string_equal(c, "P-9TEM4-V2KSJ");
	circle_pseudonym("00000003-0000-4000-8000-000000000002", c);
	assert_string_equal(c, "P-DEXFC-Q94CM");
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Similar uids (the large benchmark's are sequential) give unrelated
 * codes, in Crockford's alphabet, and no two alike. */
static void
test_pseudonym_distinct(void **state)
{
	enum { N = 200000 };
	char	(*c)[CIRCLE_PSEUDONYM_LEN], uid[40];
	size_t	 i, j;

	(void)state;
	c = circle_xcalloc(N, sizeof *c);
	for (i = 0; i < N; i++) {
		snprintf(uid, sizeof uid, "00000003-0000-4000-8000-%012zu", i);
		circle_pseudonym(uid, c[i]);
		assert_int_equal(strlen(c[i]), 13);
		assert_true(c[i][0] == 'P' && c[i][1] == '-' && c[i][7] == '-');
		for (j = 2; j < 13; j++)
			if (j != 7)
				assert_non_null(strchr(
				    "0123456789ABCDEFGHJKMNPQRSTVWXYZ", c[i][j]));
	}
	assert_string_not_equal(c[0], c[1]);
	assert_true(strncmp(c[0], c[1], 4) != 0 || strncmp(c[1], c[2], 4) != 0);
	qsort(c, N, sizeof *c, str_cmp);
	for (i = 1; i < N; i++)
		assert_string_not_equal(c[i - 1], c[i]);
	free(c);
}

static char	dir[] = "/tmp/test-export.XXXXXX";

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
	assert_int_equal(circle_atomic_begin(path, &a, &e), 0);
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
	assert_int_equal(circle_atomic_begin(path, &a, &e), 0);
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
	assert_int_equal(circle_atomic_begin("/nonexistent/dir/x.xlsx", &a,
	    &e), -1);
	assert_int_equal(e.code, CIRCLE_EIO);
	assert_non_null(strstr(e.msg, "/nonexistent/dir/x.xlsx"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pseudonym_stable),
		cmocka_unit_test(test_pseudonym_distinct),
		cmocka_unit_test(test_atomic_commit),
		cmocka_unit_test(test_atomic_abort),
		cmocka_unit_test(test_atomic_no_dir),
	};
	int	rc;

	umask(077);
	if (mkdtemp(dir) == NULL)
		return 99;
	rc = cmocka_run_group_tests_name("export", tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
