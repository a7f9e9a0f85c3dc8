/*
 * circle-config: the settings file (circle-config(5)) read and written
 * the way git config does it: get, set, unset, list, path.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* The file a write goes to: --config, $CIRCLE_CONFIG or the default. */
static char *
config_file(struct tool *t)
{
	char	*path;

	if (t->configpath != NULL)
		return circle_xstrdup(t->configpath);
	if ((path = circle_config_path(&t->err)) == NULL)
		tool_fail(t);
	return path;
}

/* A key must be one circle knows, to get or write. */
static int
known_key(struct tool *t, const char *key)
{
	if (circle_config_known(key))
		return 0;
	if (circle_config_near(key) != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "unknown key \"%s\"; did you "
		    "mean \"%s\"?", key, circle_config_near(key));
	return tool_error(t, CIRCLE_EUSAGE, "unknown key \"%s\" (keys: group, "
	    "timezone, date-order, color, pager, week-start, hooks, private)",
	    key);
}

static int
config_get(struct tool *t, int argc, char **argv)
{
	const char	*v;
	int		 status;

	(void)argc;
	if ((status = known_key(t, argv[0])) != 0)
		return status;
	if ((v = tool_config(t, argv[0])) == NULL)
		return CIRCLE_EFAIL;
	tool_print_text(stdout, v);
	putchar('\n');
	return 0;
}

static int
config_write(struct tool *t, const char *key, const char *value)
{
	char	*path;
	int	 rc, status;

	if ((status = known_key(t, key)) != 0)
		return status;
	if ((path = config_file(t)) == NULL)
		return t->err.code;
	rc = circle_config_write(path, key, value, &t->err);
	free(path);
	if (rc == -1)
		return tool_fail(t);
	if (rc == 1)
		return tool_error(t, CIRCLE_EFAIL, "%s is not set", key);
	return 0;
}

/*
 * A group set that the current database has no group of: warned, not
 * refused, as the settings serve every database (--db); nothing said when
 * there is no database yet or it cannot be read.
 */
static void
group_check(struct tool *t, const char *ref)
{
	struct circle_db	*db;
	struct circle_err	 e;
	long long		 gid;
	char			*path;

	if ((db = tool_db_peek(t->dbpath, t->progname, &path)) == NULL)
		return;
	circle_err_clear(&e);
	if (circle_group_resolve(db, ref, &gid, &e) == -1 &&
	    e.code == CIRCLE_EFAIL)
		tool_warn(t, "warning: in %s: %s (set all the same: the "
		    "settings serve every database)", path, e.msg);
	circle_db_close(db);
	free(path);
}

static int
config_set(struct tool *t, int argc, char **argv)
{
	int	status;

	(void)argc;
	if ((status = config_write(t, argv[0], argv[1])) == 0 &&
	    strcmp(argv[0], "group") == 0)
		group_check(t, argv[1]);
	return status;
}

static int
config_unset(struct tool *t, int argc, char **argv)
{
	(void)argc;
	return config_write(t, argv[0], NULL);
}

/* key=value lines as git prints them; --format for a table or JSON. */
static int
config_list(struct tool *t, int argc, char **argv)
{
	static const struct circle_col	 cols[] = {
		{ "key", CIRCLE_COL_TEXT }, { "value", CIRCLE_COL_TEXT },
		{ "line", CIRCLE_COL_INT }
	};
	const struct circle_config_item	*it;
	struct circle_out		*o = NULL;
	const char			*v[3];
	char				 line[24];
	size_t				 n, i;

	(void)argc;
	(void)argv;
	it = circle_config_items(tool_config_load(t), &n);
	if (t->fmt != CIRCLE_FMT_AUTO)
		o = tool_out(t, cols, 3);
	for (i = 0; i < n; i++) {
		if (o == NULL) {
			tool_print_text(stdout, it[i].key);
			putchar('=');
			tool_print_text(stdout, it[i].value);
			putchar('\n');
			continue;
		}
		snprintf(line, sizeof line, "%zu", it[i].line);
		v[0] = it[i].key;
		v[1] = it[i].value;
		v[2] = line;
		circle_out_row(o, v);
	}
	if (o != NULL)
		return tool_finish(t, o);
	return n == 0 ? CIRCLE_EFAIL : 0;
}

static int
config_path(struct tool *t, int argc, char **argv)
{
	char	*path;

	(void)argc;
	(void)argv;
	if ((path = config_file(t)) == NULL)
		return t->err.code;
	tool_print_text(stdout, path);
	putchar('\n');
	free(path);
	return 0;
}

static const struct verb verbs[] = {
	{ "get", "KEY", "print a setting (exit 1 when it is not set)",
	    config_get, VERB_NODB, NULL, NULL, 1, 1 },
	{ "set", "KEY VALUE", "set a setting, checked first", config_set,
	    VERB_NODB, NULL, NULL, 2, 2 },
	{ "unset", "KEY", "remove a setting", config_unset, VERB_NODB, NULL,
	    NULL, 1, 1 },
	{ "list", "", "every setting in the file, as key=value", config_list,
	    VERB_NODB, NULL, NULL, 0, 0 },
	{ "path", "", "the config file's name", config_path, VERB_NODB, NULL,
	    NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "config",
		.summary = "your settings, the config file",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
