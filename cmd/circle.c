/*
 * circle: the front door.  "circle TOOL ARGS" runs circle-TOOL (beside this
 * program, then the installed bindir, then PATH), git style; "circle help
 * TOOL" opens its manual; "circle init" makes the database.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "circle.h"

#ifndef BINDIR
#define BINDIR "/usr/local/bin"
#endif
#ifndef BUILDDIR
#define BUILDDIR ""
#endif
#ifndef SRCDIR
#define SRCDIR ""
#endif
#ifndef MANDIR
#define MANDIR "/usr/local/share/man"
#endif

static const struct {
	const char	*name;
	const char	*summary;
} tools[] = {
	{ "agenda", "what is next; also 'circle' alone" },
	{ "attend", "who came: mark, walk-in, headcount, list, import, "
	    "undo" },
	{ "checkin", "check-in surveys: survey, take, round, import, list, "
	    "followups, resolve, dismiss" },
	{ "config", "your settings: get, set, unset, list, path" },
	{ "db", "the database file: init, path, check, backup, migrate, "
	    "dump, load, extract, merge" },
	{ "export", "for other programs: ics, xlsx, signin, csv" },
	{ "group", "the groups you run: add, list, show, edit, archive, "
	    "import" },
	{ "roster", "the people: add, list, show, edit, deactivate, "
	    "reactivate, join, leave, import, search, merge, forget" },
	{ "report", "attendance and check-in reports: attendance, sessions, "
	    "monthly, member, outreach, checkins, funder" },
	{ "session", "the meetings: plan, add, list, show, search, edit, "
	    "cancel, move, prep, import" },
	{ "log", "what changed, when, and by which command" },
	{ "undo", "put back the last command that wrote, or a named one" },
};
#define NTOOLS (sizeof tools / sizeof tools[0])

static void
list_tools(FILE *fp)
{
	size_t	i;

	fprintf(fp, "usage: circle [--db FILE] [--config FILE] [-q] [--tz ZONE] "
	    "[--format FMT | --json]\n"
	    "              [--no-pager] [--color[=WHEN]] [TOOL [ARGS]]\n"
	    "       circle help [TOOL] | init | --version\n\n"
	    "circle keeps a support group's roster and history in one private "
	    "database.\nTools:\n");
	for (i = 0; i < NTOOLS; i++)
		fprintf(fp, "  %-8s %s\n", tools[i].name, tools[i].summary);
	fprintf(fp, "\n'circle help TOOL' shows a tool's manual; "
	    "circle(7) is the overview.\n");
}

/* Run path if it is there; returns only when it could not be run. */
static void
try_exec(const char *dir, const char *tool, char **argv)
{
	char	path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof path, "%s/circle-%s", dir, tool) >=
	    sizeof path)
		return;
	if (access(path, X_OK) == 0)
		execv(path, argv);
}

static int
run_tool(const char *tool, char **argv)
{
	char	 self[PATH_MAX], *slash, *path, *dir, *save;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			try_exec(self, tool, argv);
		}
	}
	try_exec(BINDIR, tool, argv);
	if ((path = getenv("PATH")) != NULL) {
		path = circle_xstrdup(path);
		for (dir = strtok_r(path, ":", &save); dir != NULL;
		    dir = strtok_r(NULL, ":", &save))
			try_exec(*dir != '\0' ? dir : ".", tool, argv);
		free(path);
	}
	fprintf(stderr, "circle: cannot run circle-%s: %s\n", tool,
	    strerror(errno));
	return CIRCLE_EIO;
}

static int
is_tool(const char *tool)
{
	size_t	i;

	for (i = 0; i < NTOOLS; i++)
		if (strcmp(tools[i].name, tool) == 0)
			return 1;
	return 0;
}

/*
 * The tool a word is meant for: a tool's other name (attendance, members,
 * meetings, surveys), or a tool's name with more after it or an s.
 */
static const char *
tool_meant(const char *word)
{
	static const struct {
		const char	*word;
		const char	*tool;
	} meant[] = {
		{ "member", "roster" }, { "members", "roster" },
		{ "people", "roster" }, { "person", "roster" },
		{ "meeting", "session" }, { "meetings", "session" },
		{ "survey", "checkin" }, { "surveys", "checkin" },
		{ "check-in", "checkin" }, { "followups", "checkin" },
		{ "follow-ups", "checkin" }, { "history", "log" },
	};
	size_t	i, n;

	for (i = 0; i < sizeof meant / sizeof meant[0]; i++)
		if (strcasecmp(word, meant[i].word) == 0)
			return meant[i].tool;
	for (i = 0; i < NTOOLS; i++) {
		n = strlen(tools[i].name);
		if (n >= 3 && strncasecmp(word, tools[i].name, n) == 0)
			return tools[i].name;
	}
	return NULL;
}

/*
 * How far a typed word is from a name (two letters swapped are one
 * typo); a word of four letters or fewer is near only at one (lst is not
 * log).
 */
static size_t
near(const char *word, const char *name)
{
	size_t	d = circle_levenshtein(word, name);

	return strlen(word) <= 4 && d > 1 ? SIZE_MAX : d;
}

/*
 * Is word one of the verbs a tool's summary lists ("the database file:
 * init, ..., merge")?  "circle merge FILE" is a verb typed without its
 * tool.
 */
static int
summary_lists(const char *summary, const char *word)
{
	const char	*p = strstr(summary, ": ");
	size_t		 n = strlen(word);

	if (p == NULL || n == 0)
		return 0;
	for (p += 2; *p != '\0'; p += strspn(p, ", ")) {
		if (strncmp(p, word, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

/* A verb typed without its tool: the tools that have it, said; or 0. */
static int
verb_without_tool(const char *verb)
{
	size_t	i, n = 0, left = 0;

	for (i = 0; i < NTOOLS; i++)
		left += summary_lists(tools[i].summary, verb);
	if (left == 0)
		return 0;
	fprintf(stderr, "circle: unknown tool \"%s\"; did you mean", verb);
	for (i = 0; i < NTOOLS; i++) {
		if (!summary_lists(tools[i].summary, verb))
			continue;
		left--;
		fprintf(stderr, "%s \"circle %s %s\"", n++ == 0 ? "" : left ==
		    0 ? " or" : ",", tools[i].name, verb);
	}
	fprintf(stderr, "?\n");
	return 1;
}

static int
unknown_tool(const char *tool)
{
	static const char *const front[] = { "help", "init", "version" };
	const char	*best_name = NULL;
	size_t		 i, d, best = 3;

	if (verb_without_tool(tool))
		return CIRCLE_EUSAGE;
	for (i = 0; i < NTOOLS; i++)
		if ((d = near(tool, tools[i].name)) < best)
			best = d, best_name = tools[i].name;
	for (i = 0; i < sizeof front / sizeof front[0]; i++)
		if ((d = near(tool, front[i])) < best)
			best = d, best_name = front[i];
	if (best_name == NULL)
		best_name = tool_meant(tool);
	if (best_name != NULL) {
		fprintf(stderr, "circle: unknown tool \"%s\"; did you mean "
		    "\"%s\"?\n", tool, best_name);
		return CIRCLE_EUSAGE;
	}
	fprintf(stderr, "circle: unknown tool \"%s\" (run 'circle help' for "
	    "the list)\n", tool);
	return CIRCLE_EUSAGE;
}

/* An option circle has not: the nearest of its own, or its usage. */
static int
unknown_option(const char *a)
{
	static const char *const opts[] = { "--db", "--config", "--quiet",
	    "--tz", "--format", "--json", "--no-pager", "--color", "--help",
	    "--version" };
	size_t	i, d, best = 3, bi = 0;

	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if ((d = circle_levenshtein(a, opts[i])) < best)
			best = d, bi = i;
	if (strncmp(a, "--", 2) == 0 && strlen(a) > 3 && best < 3) {
		fprintf(stderr, "circle: unknown option %s; did you mean %s?\n",
		    a, opts[bi]);
		return CIRCLE_EUSAGE;
	}
	fprintf(stderr, "circle: unknown option %s\n", a);
	list_tools(stderr);
	return CIRCLE_EUSAGE;
}

/* Is this program the one in the build tree (not installed)? */
static int
from_build_tree(void)
{
	char	 self[PATH_MAX], *slash;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0)
		return 0;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return 0;
	*slash = '\0';
	return strcmp(self, BUILDDIR) == 0;
}

/*
 * The page as this circle installed it: under the mandir it was built for,
 * else ../share/man beside the directory it runs from (a staged or moved
 * prefix).  1 with its path in file.
 */
static int
installed_page(const char *page, const char *sec, char *file, size_t len)
{
	char	 self[PATH_MAX], *slash;
	ssize_t	 n;

	if ((size_t)snprintf(file, len, "%s/man%s/%s.%s", MANDIR, sec, page,
	    sec) < len && access(file, R_OK) == 0)
		return 1;
	if ((n = readlink("/proc/self/exe", self, sizeof self - 1)) <= 0)
		return 0;
	self[n] = '\0';
	if ((slash = strrchr(self, '/')) == NULL)
		return 0;
	*slash = '\0';
	return (size_t)snprintf(file, len, "%s/../share/man/man%s/%s.%s", self,
	    sec, page, sec) < len && access(file, R_OK) == 0;
}

static int
show_manual(const char *tool)
{
	char	 page[64], file[PATH_MAX];
	char	*margv[4], *sec;

	if (tool == NULL) {
		list_tools(stdout);
		return 0;
	}
	if (strcmp(tool, "circle") == 0 || strcmp(tool, "overview") == 0)
		snprintf(page, sizeof page, "circle");
	else if (!is_tool(tool))
		return unknown_tool(tool);
	else
		snprintf(page, sizeof page, "circle-%s", tool);
	/* The overview is circle(7); "man circle" alone finds circle(1). */
	sec = strcmp(page, "circle") == 0 ? "7" : "1";
	margv[0] = "man";
	margv[1] = sec;
	margv[2] = page;
	margv[3] = NULL;
	/* Run from the build tree, before make install: its own pages. */
	if (from_build_tree() && (size_t)snprintf(file, sizeof file,
	    "%s/man/%s.%s", SRCDIR, page, sec) < sizeof file &&
	    access(file, R_OK) == 0) {
		margv[1] = "-l";
		margv[2] = file;
	} else if (installed_page(page, sec, file, sizeof file)) {
		/* Installed: its own pages before whatever man's path has. */
		margv[1] = "-l";
		margv[2] = file;
	}
	fflush(stdout);
	execvp("man", margv);
	/* No man(1): the tool's own summary is better than nothing. */
	if (strcmp(page, "circle") == 0) {
		list_tools(stdout);
		return 0;
	}
	margv[0] = page;
	margv[1] = "--help";
	return run_tool(tool, margv);
}

/*
 * The tool's argv: its name, the common options given before it (-q,
 * --tz ZONE, --no-pager, ...), where the tool reads them, and argv[i...].
 */
static char **
tool_argv(char *name, int argc, char **argv, int i, char *const *term,
    size_t nterm)
{
	char	**v;
	size_t	  n = 0, k;

	v = circle_xcalloc((size_t)(argc - i) + nterm + 2, sizeof *v);
	v[n++] = name;
	for (k = 0; k < nterm; k++)
		v[n++] = term[k];
	for (; i < argc; i++)
		v[n++] = argv[i];
	return v;
}

/*
 * Is the word after an option that takes a value another option (circle
 * --db --format json list): the value left out?  A word of two hyphens,
 * or circle's -q, -h, -V.
 */
static int
value_left_out(const char *v)
{
	return strncmp(v, "--", 2) == 0 || strcmp(v, "-q") == 0 ||
	    strcmp(v, "-h") == 0 || strcmp(v, "-V") == 0;
}

/*
 * The options every tool takes (tool.c's common ones) but --db and
 * --config, given before the tool's name, for its command line: how many
 * words they are at argv[i] ("--tz ZONE": 2), 0 when argv[i] is none of
 * them, -1 (said) when its value is missing.
 */
static int
common_option(int argc, char **argv, int i, int quiet)
{
	static const char *const flags[] = { "--no-pager", "--color", "-q",
	    "--quiet", "--json" };
	static const char *const valued[] = { "--format", "--tz" };
	const char	*a = argv[i];
	size_t		 k, l;

	if (strncmp(a, "--color=", 8) == 0)
		return 1;
	for (k = 0; k < sizeof flags / sizeof flags[0]; k++)
		if (strcmp(a, flags[k]) == 0)
			return 1;
	for (k = 0; k < sizeof valued / sizeof valued[0]; k++) {
		l = strlen(valued[k]);
		if (strncmp(a, valued[k], l) != 0)
			continue;
		if (a[l] == '=')
			return 1;
		if (a[l] != '\0')
			continue;
		if (i + 1 < argc && !value_left_out(argv[i + 1]))
			return 2;
		if (!quiet)
			fprintf(stderr, "circle: %s needs a value\n", a);
		return -1;
	}
	return 0;
}

/*
 * --NAME FILE or --NAME=FILE at argv[*i]: put in $env, 1; 0 when argv[*i]
 * is something else; -1 (said) when the value is missing or empty (an
 * empty CIRCLE_DB would mean the default database), or given again
 * (*seen).
 */
static int
file_option(int argc, char **argv, int *i, const char *name, const char *env,
    int *seen)
{
	const char	*a = argv[*i], *v;
	size_t		 l = strlen(name);

	if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, name, l) != 0)
		return 0;
	if (a[l + 2] == '=')
		v = a + l + 3;
	else if (a[l + 2] == '\0' && *i + 1 < argc &&
	    !value_left_out(argv[*i + 1]))
		v = argv[++*i];
	else if (a[l + 2] == '\0') {
		fprintf(stderr, "circle: --%s needs a value\n", name);
		return -1;
	} else
		return 0;
	if (*v == '\0') {
		fprintf(stderr, "circle: --%s: empty file name\n", name);
		return -1;
	}
	/* --db a.db --db b.db: not the last silently winning. */
	if (*seen) {
		fprintf(stderr, "circle: --%s given twice; it takes one "
		    "value\n", name);
		return -1;
	}
	*seen = 1;
	setenv(env, v, 1);
	(*i)++;
	return 1;
}

/* A candidate for the shell when it begins with cur (see complete()). */
static void
offer(const char *cur, const char *word, const char *what)
{
	if (strncmp(word, cur, strlen(cur)) == 0)
		printf("%s%s%s\n", word, what != NULL ? "\t" : "",
		    what != NULL ? what : "");
}

/*
 * "circle __complete WORD...": what the shell completions ask
 * (completions/, and cmd/complete.c for a tool's words, which it is passed
 * to): the last word is the one being completed.
 */
static int
complete(int argc, char **argv)
{
	static char	*none[] = { "" };
	char		**targv;
	const char	*cur;
	size_t		 t;
	int		 i = 0, j, k;

	if (argc == 0) {
		argc = 1;
		argv = none;
	}
	cur = argv[argc - 1];
	while (i < argc - 1) {
		if (strncmp(argv[i], "--db", 4) != 0 || (argv[i][4] != '=' &&
		    argv[i][4] != '\0')) {
			/* The common options the tool is given: skipped. */
			if (strcmp(argv[i], "--config") == 0 && i + 1 ==
			    argc - 1) {
				puts(":file");
				return 0;
			}
			if (strcmp(argv[i], "--config") == 0)
				k = 2;
			else if (strncmp(argv[i], "--config=", 9) == 0)
				k = 1;
			else if ((k = common_option(argc - 1, argv, i, 1)) <= 0)
				break;
			i += k;
			continue;
		}
		if (argv[i][4] == '=')
			setenv("CIRCLE_DB", argv[i] + 5, 1);
		else if (i + 1 == argc - 1) {
			puts(":file");
			return 0;
		} else
			setenv("CIRCLE_DB", argv[++i], 1);
		i++;
	}
	if (i == argc - 1 && *cur == '-') {
		offer(cur, "--db", "the database file");
		offer(cur, "--config", "the config file");
		offer(cur, "--quiet", "no line saying what changed");
		offer(cur, "--tz", "show times in this zone too");
		offer(cur, "--format", "table|tsv|csv|json|jsonl|md");
		offer(cur, "--json", NULL);
		offer(cur, "--no-pager", NULL);
		offer(cur, "--color", "auto|always|never");
		offer(cur, "--help", "the tools");
		offer(cur, "--version", NULL);
	} else if (i == argc - 1) {
		for (t = 0; t < NTOOLS; t++)
			offer(cur, tools[t].name, tools[t].summary);
		offer(cur, "help", "a tool's manual");
		offer(cur, "init", "create the database");
	} else if (strcmp(argv[i], "help") == 0 && i + 1 == argc - 1) {
		for (t = 0; t < NTOOLS; t++)
			offer(cur, tools[t].name, tools[t].summary);
	} else if (is_tool(argv[i])) {
		targv = circle_xcalloc((size_t)(argc - i) + 2, sizeof *targv);
		circle_xasprintf(&targv[0], "circle-%s", argv[i]);
		targv[1] = "__complete";
		for (j = i + 1; j < argc; j++)
			targv[j - i + 1] = argv[j];
		fflush(stdout);
		return run_tool(argv[i], targv);
	}
	return 0;
}

/*
 * What the words after the common options ask for, from argv[i]: a tool
 * run (exec), the agenda, help, the version, or a usage error.
 */
static int
front_door(int argc, char **argv, int i, char **term, size_t nterm)
{
	static char	*init_argv[] = { "circle-db", "init", NULL };

	/* Alone, circle opens on what is next: the agenda. */
	if (i == argc)
		return run_tool("agenda", tool_argv("agenda", argc, argv, i,
		    term, nterm));
	if (strcmp(argv[i], "__complete") == 0)
		return complete(argc - i - 1, argv + i + 1);
	/* circle version, as git version says it. */
	if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0 ||
	    (strcmp(argv[i], "version") == 0 && i + 1 == argc)) {
		printf("circle %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
		return show_manual(NULL);
	if (strcmp(argv[i], "help") == 0) {
		if (i + 2 < argc) {
			fprintf(stderr, "usage: circle help [TOOL]\n");
			return CIRCLE_EUSAGE;
		}
		return show_manual(i + 1 < argc ? argv[i + 1] : NULL);
	}
	if (strcmp(argv[i], "init") == 0) {
		if (i + 1 != argc) {
			fprintf(stderr, "usage: circle init\n");
			return CIRCLE_EUSAGE;
		}
		return run_tool("db", init_argv);
	}
	if (argv[i][0] == '-')
		return unknown_option(argv[i]);
	if (!is_tool(argv[i]))
		return unknown_tool(argv[i]);
	return run_tool(argv[i], tool_argv(argv[i], argc, argv, i + 1, term,
	    nterm));
}

int
main(int argc, char **argv)
{
	char		**term;
	size_t		 nterm = 0;
	int		 i = 1, rc, k, seen_db = 0, seen_config = 0;

	/*
	 * --db FILE, --config FILE: to the tool through the environment (circle
	 * init runs circle-db without them) and on its command line, as the
	 * other common options are, before its own words.
	 */
	term = circle_xcalloc((size_t)argc + 1, sizeof *term);
	while (i < argc) {
		if ((rc = common_option(argc, argv, i, 0)) == -1) {
			rc = CIRCLE_EUSAGE;
			goto out;
		}
		if (rc > 0) {
			for (k = 0; k < rc; k++)
				term[nterm++] = argv[i++];
			continue;
		}
		k = i;
		if ((rc = file_option(argc, argv, &i, "db", "CIRCLE_DB",
		    &seen_db)) == 0)
			rc = file_option(argc, argv, &i, "config",
			    "CIRCLE_CONFIG", &seen_config);
		if (rc == -1) {
			rc = CIRCLE_EUSAGE;
			goto out;
		}
		if (rc == 0)
			break;
		/* On the tool's command line too: --db a session --db b is
		 * refused there, as --db a --db b is here. */
		while (k < i)
			term[nterm++] = argv[k++];
	}
	rc = front_door(argc, argv, i, term, nterm);
out:
	free(term);
	return rc;
}
