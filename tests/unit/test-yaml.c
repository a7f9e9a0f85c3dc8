/*
 * test-yaml.c: circle_yaml_load, the capped YAML reader: the tree it builds,
 * and the hostile files it must refuse quickly with file:line:column.
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "circle-priv.h"

static char	tmpdir[64];
static char	path[128];

static int
setup(void **state)
{
	const char	*t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/circle-yaml.XXXXXX",
	    t != NULL && *t != '\0' && strlen(t) < 32 ? t : "/tmp");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	unlink(path);
	return rmdir(tmpdir);
}

/* Write len bytes of s to the test file; its path. */
static const char *
put(const void *s, size_t len)
{
	FILE	*fp;

	snprintf(path, sizeof path, "%s/in.yaml", tmpdir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	assert_int_equal(fwrite(s, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
	return path;
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Load len bytes of s as "in.yaml": it must be refused with CIRCLE_EDATA, in
 * well under a second, and a message holding want.
 */
static void
refused(const void *s, size_t len, const char *want)
{
	struct circle_ynode	*root = (struct circle_ynode *)1;
	struct circle_err	 e;
	double			 t0, dt;

	circle_err_clear(&e);
	put(s, len);
	t0 = now();
	assert_int_equal(circle_yaml_load(path, "in.yaml", NULL, &root, &e), -1);
	dt = now() - t0;
	assert_null(root);
	assert_int_equal(e.code, CIRCLE_EDATA);
	assert_int_equal(e.code, 65);
	if (strstr(e.msg, want) == NULL)
		fail_msg("message \"%s\" does not hold \"%s\"", e.msg, want);
	/*
	 * Not a speed test (make bench measures speed): a bound ten times
	 * "well under a second", loose enough for a loaded machine or a
	 * sanitizer build, that still catches a hang or quadratic blow-up
	 * (valgrind, in make check-valgrind, is some 50 times slower).
	 */
	if (dt > (getenv("CIRCLE_VALGRIND") != NULL ? 250.0 : 5.0))
		fail_msg("took %.2f s to refuse: %s", dt, e.msg);
}

static void
refused_str(const char *s, const char *want)
{
	refused(s, strlen(s), want);
}

/* Load s; the tree. */
static struct circle_ynode *
load(const char *s)
{
	struct circle_ynode	*root = NULL;
	struct circle_err	 e;

	circle_err_clear(&e);
	put(s, strlen(s));
	if (circle_yaml_load(path, "in.yaml", NULL, &root, &e) != 0)
		fail_msg("refused: %s", e.msg);
	assert_non_null(root);
	return root;
}

static void
scalar_is(const struct circle_ynode *n, const char *value, size_t line,
    size_t column, int plain)
{
	assert_non_null(n);
	assert_int_equal(n->type, CIRCLE_Y_SCALAR);
	assert_string_equal(n->value, value);
	assert_int_equal(n->line, line);
	assert_int_equal(n->column, column);
	assert_int_equal(n->plain, plain);
}

static void
test_tree(void **state)
{
	struct circle_ynode		*root;
	const struct circle_ynode	*m, *p;

	root = load(
	    "# a group\n"
	    "name: Tuesday Evening Circle\n"
	    "tz: 'Europe/London'\n"
	    "members:\n"
	    "  - handle: alex-r\n"
	    "    name: \"Alex Rivera\"\n"
	    "  - handle: zoe-c\n"
	    "    name: Zo\xc3\xab \xc3\x87" "elik\n"
	    "tags: [a, \"b c\"]\n"
	    "empty: \"\"\n"
	    "none:\n");
	assert_int_equal(root->type, CIRCLE_Y_MAP);
	assert_int_equal(root->line, 2);
	assert_int_equal(root->column, 1);
	assert_int_equal(root->nitems, 12);
	/* Keys and values in turn. */
	scalar_is(root->items[0], "name", 2, 1, 1);
	scalar_is(root->items[1], "Tuesday Evening Circle", 2, 7, 1);
	scalar_is(circle_ymap_get(root, "tz"), "Europe/London", 3, 5, 0);

	m = circle_ymap_get(root, "members");
	assert_non_null(m);
	assert_int_equal(m->type, CIRCLE_Y_SEQ);
	assert_int_equal(m->line, 5);
	assert_int_equal(m->column, 3);
	assert_int_equal(m->nitems, 2);
	p = m->items[0];
	assert_int_equal(p->type, CIRCLE_Y_MAP);
	assert_int_equal(p->line, 5);
	assert_int_equal(p->column, 5);
	scalar_is(circle_ymap_get(p, "handle"), "alex-r", 5, 13, 1);
	scalar_is(circle_ymap_get(p, "name"), "Alex Rivera", 6, 11, 0);
	p = m->items[1];
	scalar_is(circle_ymap_get(p, "name"), "Zo\xc3\xab \xc3\x87" "elik", 8,
	    11, 1);

	p = circle_ymap_get(root, "tags");
	assert_int_equal(p->type, CIRCLE_Y_SEQ);
	assert_int_equal(p->nitems, 2);
	scalar_is(p->items[0], "a", 9, 8, 1);
	scalar_is(p->items[1], "b c", 9, 11, 0);
	scalar_is(circle_ymap_get(root, "empty"), "", 10, 8, 0);
	p = circle_ymap_get(root, "none");
	assert_non_null(p);
	assert_int_equal(p->type, CIRCLE_Y_SCALAR);
	assert_string_equal(p->value, "");
	assert_int_equal(p->plain, 1);

	assert_null(circle_ymap_get(root, "missing"));
	assert_null(circle_ymap_get(root, "Name"));
	/* Looking up in a sequence or a scalar finds nothing. */
	assert_null(circle_ymap_get(m, "handle"));
	assert_null(circle_ymap_get(root->items[1], "name"));
	assert_null(circle_ymap_get(NULL, "name"));
	circle_ynode_free(root);
}

static void
test_top_sequence(void **state)
{
	struct circle_ynode	*root;

	root = load("- one\n- two\n");
	assert_int_equal(root->type, CIRCLE_Y_SEQ);
	assert_int_equal(root->nitems, 2);
	scalar_is(root->items[1], "two", 2, 3, 1);
	circle_ynode_free(root);
}

static void
test_bom_crlf_tab(void **state)
{
	struct circle_ynode	*root;

	/* A BOM, CRLF line ends, a tab and a no-break space are all fine. */
	root = load("\xef\xbb\xbfname: \"a\tb\"\r\nnote: x\xc2\xa0y\r\n");
	assert_int_equal(root->type, CIRCLE_Y_MAP);
	scalar_is(circle_ymap_get(root, "name"), "a\tb", 1, 7, 0);
	scalar_is(circle_ymap_get(root, "note"), "x\xc2\xa0y", 2, 7, 1);
	circle_ynode_free(root);
}

static void
test_empty(void **state)
{
	struct circle_ynode	*root;

	root = load("");
	assert_int_equal(root->type, CIRCLE_Y_MAP);
	assert_int_equal(root->nitems, 0);
	assert_null(circle_ymap_get(root, "name"));
	circle_ynode_free(root);

	root = load("# only a comment\n\n");
	assert_int_equal(root->type, CIRCLE_Y_MAP);
	assert_int_equal(root->nitems, 0);
	circle_ynode_free(root);
}

static void
test_anchor(void **state)
{
	refused_str("name: x\nleader: &who Alex\n", "in.yaml:2:9: anchors");
	refused_str("&a [*a]\n", "in.yaml:1:1: anchors (&name) are not "
	    "allowed");
	refused_str("base: &b {x: 1}\n", "anchors");
	refused_str("list: &l\n  - 1\n", "anchors");
}

static void
test_alias(void **state)
{
	refused_str("a: 1\nb: *x\n", "in.yaml:2:4: aliases (*name) are not "
	    "allowed");
	refused_str("- *x\n", "aliases");
}

static void
test_billion_laughs(void **state)
{
	static const char laughs[] =
	    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
	    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
	    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
	    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
	    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
	    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
	    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
	    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

	refused_str(laughs, "in.yaml:1:4: anchors");
}

static void
deep(const char *open, size_t depth, const char *close)
{
	size_t	 lo = strlen(open), lc = strlen(close), i;
	char	*s;

	s = malloc(depth * (lo + lc) + 1);
	assert_non_null(s);
	for (i = 0; i < depth; i++)
		memcpy(s + i * lo, open, lo);
	for (i = 0; i < depth; i++)
		memcpy(s + depth * lo + i * lc, close, lc);
	s[depth * (lo + lc)] = '\0';
	refused(s, strlen(s), "nested more than 64 levels deep");
	free(s);
}

static void
test_deep_nesting(void **state)
{
	deep("[", 100000, "]");
	deep("[", 100000, "");		/* never closed */
	deep("{a: ", 100000, "}");
	deep("- ", 100000, "");
	deep("[", 65, "]");
}

static void
test_depth_limit(void **state)
{
	struct circle_ynode	*root, *n;
	char			 s[200];
	size_t			 i;

	/* 64 levels are fine. */
	memset(s, '[', 64);
	memset(s + 64, ']', 64);
	s[128] = '\0';
	root = load(s);
	for (i = 1, n = root; n->nitems == 1; i++)
		n = n->items[0];
	assert_int_equal(i, 64);
	assert_int_equal(n->type, CIRCLE_Y_SEQ);
	circle_ynode_free(root);
}

static void
test_too_big(void **state)
{
	char	*s;
	size_t	 n = CIRCLE_YAML_MAX_BYTES;
	struct circle_ynode	*root = NULL;
	struct circle_err	 e;

	/* A comment of exactly 1 MiB is read... */
	s = malloc(2 * n);
	assert_non_null(s);
	memset(s, 'x', 2 * n);
	s[0] = '#';
	s[n - 1] = '\n';
	put(s, n);
	circle_err_clear(&e);
	assert_int_equal(circle_yaml_load(path, "in.yaml", NULL, &root, &e), 0);
	assert_int_equal(root->type, CIRCLE_Y_MAP);
	circle_ynode_free(root);
	/* ...one byte more is not, nor 2 MiB. */
	s[n - 1] = 'x';
	s[n] = '\n';
	refused(s, n + 1, "in.yaml: larger than 1024 KiB");
	s[2 * n - 1] = '\n';
	refused(s, 2 * n, "in.yaml: larger than 1024 KiB");
	free(s);
}

static void
test_bad_utf8(void **state)
{
	refused_str("name: ok\nnote: caf\xe9\n", "in.yaml:2:10: not valid "
	    "UTF-8");
	/* Columns count characters, not bytes. */
	refused_str("name: Zo\xc3\xab \xc3\x87" "elik \xff\n",
	    "in.yaml:1:17: not valid UTF-8");
	refused_str("a: \xed\xa0\x80\n", "in.yaml:1:4: not valid UTF-8");
	refused_str("a: \xc0\xaf\n", "in.yaml:1:4: not valid UTF-8");
	refused_str("a: b\xf0\x9f\x98", "in.yaml:1:5: not valid UTF-8");
}

static void
test_malformed(void **state)
{
	refused_str("name: [unclosed\n", "in.yaml:2:1: ");
	refused_str("a: 1\n b: 2\n", "in.yaml:2:3: ");
	/* Control characters, where they are. */
	refused("a: x\0y\n", 7, "in.yaml:1:5: control characters are not "
	    "allowed");
	refused_str("a: 1\nb: Zo\xc3\xab\x01\n", "in.yaml:2:7: control "
	    "characters are not allowed");
	refused_str("a: 1\nb: \"\x1b[31m\"\n", "in.yaml:2:5: control");
	refused_str("a: 1\n\n  b: x\x7f\n", "in.yaml:3:7: control");
	refused_str("a: \xc2\x9b\n", "in.yaml:1:4: control");
	refused_str("a: \xef\xbf\xbf\n", "in.yaml:1:4: control");
	refused_str("a: \"x\\0y\"\n", "in.yaml:1:4: a NUL character");
	refused_str("a: 1\n---\nb: 2\n", "in.yaml: more than one document");
	refused_str("? [k]\n: v\n", "in.yaml:1:3: a key must be plain text");
	refused_str("{[k]: v}\n", "a key must be plain text");
}

static void
test_too_many_values(void **state)
{
	size_t	 n = CIRCLE_YAML_MAX_NODES + 10, i;
	char	*s;

	s = malloc(2 * n + 3);
	assert_non_null(s);
	s[0] = '[';
	for (i = 0; i < n; i++)
		memcpy(s + 1 + 2 * i, "0,", 2);
	memcpy(s + 2 * n, "]\n", 3);
	/* Node 200001 is the 200000th number, at column 400000. */
	refused(s, strlen(s), "in.yaml:1:400000: more than 200000 values");
	free(s);
}

static void
test_missing(void **state)
{
	struct circle_ynode	*root = NULL;
	struct circle_err	 e;

	circle_err_clear(&e);
	snprintf(path, sizeof path, "%s/none.yaml", tmpdir);
	assert_int_equal(circle_yaml_load(path, "none.yaml", NULL, &root, &e), -1);
	assert_null(root);
	assert_int_equal(e.code, CIRCLE_EFAIL);
	assert_string_equal(e.msg, "none.yaml: No such file or directory");
	snprintf(path, sizeof path, "%s/in.yaml", tmpdir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree),
		cmocka_unit_test(test_top_sequence),
		cmocka_unit_test(test_bom_crlf_tab),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_anchor),
		cmocka_unit_test(test_alias),
		cmocka_unit_test(test_billion_laughs),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_too_big),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_too_many_values),
		cmocka_unit_test(test_missing),
	};

	setlocale(LC_CTYPE, "C.UTF-8");
	return cmocka_run_group_tests_name("yaml", tests, setup, teardown);
}
