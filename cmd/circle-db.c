/*
 * circle-db: the database file itself: create it, say where it is, check
 * it, back it up, migrate it, and dump or load all of it as JSON lines.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static int
db_init(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;

	if ((db = tool_db(t, CIRCLE_DB_CREATE)) == NULL)
		return t->err.code;
	printf("%s\n", circle_db_path(db));
	return 0;
}

static int
db_path(struct tool *t, int argc, char **argv)
{
	char	*p;

	if (t->dbpath != NULL) {
		printf("%s\n", t->dbpath);
		return 0;
	}
	if ((p = circle_db_default_path(&t->err)) == NULL)
		return tool_fail(t);
	printf("%s\n", p);
	free(p);
	return 0;
}

static int
db_check(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	char			**probs;
	size_t			 n, i;

	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	if (circle_db_check(db, &probs, &n, &t->err) == -1)
		return tool_fail(t);
	for (i = 0; i < n; i++)
		printf("%s\n", probs[i]);
	circle_strv_free(probs, n);
	if (n > 0)
		return tool_error(t, CIRCLE_EFAIL, "%s: %zu problem%s found",
		    circle_db_path(db), n, n == 1 ? "" : "s");
	/* A good moment to fold the log back in (and finish a forget). */
	if (circle_db_checkpoint(db, &t->err) == -1)
		tool_warn(t, "warning: %s", t->err.msg);
	printf("ok\n");
	return 0;
}

static int
db_backup(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;

	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	if (circle_db_backup(db, argv[0], tool_has(t, 'f'), &t->err) == -1)
		return tool_fail(t);
	printf("%s\n", argv[0]);
	return 0;
}

static int
db_migrate(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	int			 before;

	/* Opening applies what is missing, each in its own transaction. */
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	before = circle_db_opened_version(db);
	if (before == circle_db_version(db))
		tool_say(t, "schema version %d: up to date\n", before);
	else
		tool_say(t, "schema version %d: migrated from %d\n",
		    circle_db_version(db), before);
	return 0;
}

static int
db_dump(struct tool *t, int argc, char **argv)
{
	struct circle_atomic	 a;
	struct circle_db	*db;
	const char		*out = tool_opt(t, 'o');
	FILE			*fp = stdout;
	int			 rc;

	if ((db = tool_db(t, CIRCLE_DB_NOMIGRATE)) == NULL)
		return t->err.code;
	if (out != NULL &&
	    (fp = circle_atomic_fopen(out, 0600, &a, &t->err)) == NULL)
		return tool_fail(t);
	rc = circle_db_dump(db, fp, &t->err) == -1 ? tool_fail(t) : 0;
	if (out != NULL && circle_atomic_fclose(&a, fp, rc == 0, &t->err) ==
	    -1 && rc == 0)
		rc = tool_fail(t);
	if (rc == 0 && out != NULL)
		tool_say(t, "wrote %s\n", out);
	return rc;
}

static int
db_load(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	const char		*name;
	FILE			*fp;
	int			 rc;

	name = argv[0];
	if (strcmp(name, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(name, "r")) == NULL)
		return tool_error(t, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", name, strerror(errno));
	if ((db = tool_db(t, CIRCLE_DB_CREATE)) == NULL)
		rc = t->err.code;
	else if (circle_db_load(db, fp, strcmp(name, "-") == 0 ? "stdin" :
	    name, &t->err) == -1)
		rc = tool_fail(t);
	else
		rc = 0;
	if (fp != stdin)
		fclose(fp);
	return rc;
}

static const struct option force_opts[] = {
	OPTION_FORCE,
	OPTION_END
};

static const struct option dump_opts[] = {
	{ "output", required_argument, NULL, 'o' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "init", "", "create the database (0600, in a 0700 directory)",
	    db_init, 0, NULL, NULL, 0, 0 },
	{ "path", "", "print where the database is", db_path,
	    VERB_NODB, NULL, NULL, 0, 0 },
	{ "check", "", "check the database's integrity and references",
	    db_check, 0, NULL, NULL, 0, 0 },
	{ "backup", "[--force] FILE", "copy the whole database to FILE "
	    "(0600)", db_backup, 0, force_opts, NULL, 1, 1 },
	{ "migrate", "", "bring the database to this version's schema",
	    db_migrate, 0, NULL, NULL, 0, 0 },
	{ "dump", "[-o FILE]", "write every table as JSON lines", db_dump,
	    0, dump_opts, "o:", 0, 0 },
	{ "load", "FILE", "load a dump into a new, empty database", db_load,
	    0, NULL, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "db",
		.summary = "the circle database file",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
