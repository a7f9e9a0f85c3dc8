/*
 * tool.c: the common part of every circle tool (git's run_builtin, tmux's
 * cmd_table): options shared by all, verb dispatch, the database opened on
 * demand, errors as "progname: message" with the documented exit status,
 * and a failed write to stdout reported instead of lost.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

enum {
	OPT_DB = 0x100,
	OPT_FORMAT,
	OPT_JSON,
	OPT_HELP,
	OPT_VERSION
};

static const struct option common_opts[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

void
tool_warn(struct tool *t, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", t->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Sessions lib/ found at a clock change, as warnings. */
void
tool_wall(struct tool *t, const struct circle_wall *w)
{
	if (w->n == 0)
		return;
	tool_warn(t, "warning: %s", w->said);
	if (w->n > 1)
		tool_warn(t, "warning: and %zu more session%s at a clock "
		    "change", w->n - 1, w->n == 2 ? "" : "s");
}

/* Report t->err (filled by lib/) and return its exit status. */
int
tool_fail(struct tool *t)
{
	fprintf(stderr, "%s: %s\n", t->progname, t->err.msg);
	return t->err.code != 0 ? t->err.code : CIRCLE_EFAIL;
}

int
tool_error(struct tool *t, int code, const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", t->progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

static void
verb_usage(FILE *fp, const struct tool *t, const struct verb *v,
    const char *lead)
{
	fprintf(fp, "%scircle %s %s%s%s\n", lead, t->name, v->name,
	    *v->args != '\0' ? " " : "", v->args);
}

/* The verb's usage on stderr; exit status 2. */
int
tool_usage(struct tool *t)
{
	const struct verb	*v;
	const char		*lead = "usage: ";

	if (t->verb != NULL) {
		verb_usage(stderr, t, t->verb, lead);
		return CIRCLE_EUSAGE;
	}
	for (v = t->verbs; v->name != NULL; v++) {
		verb_usage(stderr, t, v, lead);
		lead = "       ";
	}
	return CIRCLE_EUSAGE;
}

static void
tool_help(struct tool *t)
{
	const struct verb	*v;

	printf("%s: %s\n\n", t->progname, t->summary);
	for (v = t->verbs; v->name != NULL; v++) {
		printf("  circle %s %s%s%s\n", t->name, v->name,
		    *v->args != '\0' ? " " : "", v->args);
		printf("      %s\n", v->summary);
	}
	printf("\nCommon options: --db FILE, --format table|tsv|csv|json|jsonl,"
	    " --json, --help, --version\nSee circle-%s(1).\n", t->name);
}

/* Handle one of the common options; -1 and an exit status on error. */
static int
common(struct tool *t, int c, const char *arg, int *status)
{
	switch (c) {
	case OPT_DB:
		if (*arg == '\0') {
			*status = tool_error(t, CIRCLE_EUSAGE, "--db: empty "
			    "file name");
			return -1;
		}
		t->dbpath = arg;
		return 0;
	case OPT_FORMAT:
		if (circle_format_parse(arg, &t->fmt) == -1) {
			*status = tool_error(t, CIRCLE_EUSAGE, "--format %s: "
			    "expected table, tsv, csv, json, jsonl or md", arg);
			return -1;
		}
		return 0;
	case OPT_JSON:
		t->fmt = CIRCLE_FMT_JSON;
		return 0;
	case OPT_HELP:
		if (t->verb != NULL) {
			printf("usage: ");
			fflush(stdout);
			verb_usage(stdout, t, t->verb, "");
			printf("%s\nSee circle-%s(1).\n", t->verb->summary,
			    t->name);
		} else
			tool_help(t);
		*status = 0;
		return -1;
	case OPT_VERSION:
		printf("%s %s\n", t->progname, PACKAGE_VERSION);
		*status = 0;
		return -1;
	}
	return 1;
}

/*
 * getopt_long over the verb's options and the common ones.  Returns the
 * next verb option, -1 at the end, or -2 with the exit status in
 * t->err.code when the command should stop now (help, a bad option).
 */
int
tool_getopt(struct tool *t, int argc, char **argv, const char *optstring,
    const struct option *vopts)
{
	static struct option	 all[64];
	static const struct option *built;
	char			 opts[64];
	size_t			 n = 0, i;
	int			 c, status;

	if (built != vopts) {
		for (i = 0; vopts != NULL && vopts[i].name != NULL &&
		    n < 64 - NCOMMON - 1; i++)
			all[n++] = vopts[i];
		for (i = 0; i < NCOMMON; i++)
			all[n++] = common_opts[i];
		memset(&all[n], 0, sizeof all[n]);
		built = vopts;
	}
	snprintf(opts, sizeof opts, ":%s", optstring);
	for (;;) {
		c = getopt_long(argc, argv, opts, all, NULL);
		if (c == ':') {
			tool_error(t, CIRCLE_EUSAGE, "%s: %s needs a value",
			    t->verb->name, argv[optind - 1]);
			t->err.code = tool_usage(t);
			return -2;
		}
		if (c == '?') {
			if (optopt != 0)
				tool_error(t, CIRCLE_EUSAGE, "%s: unknown option "
				    "-%c", t->verb->name, optopt);
			else
				tool_error(t, CIRCLE_EUSAGE, "%s: unknown option "
				    "%s", t->verb->name, argv[optind - 1]);
			t->err.code = tool_usage(t);
			return -2;
		}
		if (c < OPT_DB)
			return c;
		if (common(t, c, optarg, &status) == -1) {
			t->err.code = status;
			return -2;
		}
	}
}

/*
 * Options of a verb that takes at most --group G (when group is not NULL)
 * and one flag, --name (NULL: none): *flag is set when it is given.
 * Returns -1 to go on, else an exit status.
 */
int
tool_flag(struct tool *t, int argc, char **argv, const char **group,
    const char *name, int *flag)
{
	struct option	opts[3], *o = opts;
	int		c;

	memset(opts, 0, sizeof opts);
	if (group != NULL) {
		*group = NULL;
		o->name = "group";
		o->has_arg = required_argument;
		o->val = 'g';
		o++;
	}
	if (name != NULL) {
		o->name = name;
		o->val = 'f';
	}
	if (flag != NULL)
		*flag = 0;
	while ((c = tool_getopt(t, argc, argv, group != NULL ? "g:" : "",
	    opts)) != -1) {
		if (c == 'f' && flag != NULL)
			*flag = 1;
		else if (c == 'g' && group != NULL)
			*group = optarg;
		else
			return c == -2 ? t->err.code : tool_usage(t);
	}
	return -1;
}

static void
notice(void *arg, const char *msg)
{
	tool_warn(arg, "warning: %s", msg);
}

/* $CIRCLE_TRACE_SQL: each statement on stderr, "progname: sql: ...". */
static void
trace(void *arg, const char *sql)
{
	struct tool	*t = arg;

	fprintf(stderr, "%s: sql: %s\n", t->progname, sql);
}

/* Open the database named by --db, $CIRCLE_DB or the default; NULL on error
 * (reported). */
struct circle_db *
tool_db(struct tool *t, int flags)
{
	struct circle_db_opts	 o;
	const char		*env;
	char			*path;
	int			 rc;

	if (t->db != NULL)
		return t->db;
	if (t->dbpath != NULL)
		path = circle_xstrdup(t->dbpath);
	else if ((path = circle_db_default_path(&t->err)) == NULL) {
		tool_fail(t);
		return NULL;
	}
	memset(&o, 0, sizeof o);
	o.path = path;
	o.tool = t->progname;
	/* The default place is circle's own directory; --db may be anywhere. */
	env = getenv("CIRCLE_DB");
	o.flags = flags | (t->dbpath == NULL && (env == NULL || *env == '\0') ?
	    CIRCLE_DB_OWN_DIR : 0);
	o.notice = notice;
	o.notice_arg = t;
	if (getenv("CIRCLE_TRACE_SQL") != NULL)
		o.trace = trace;
	rc = circle_db_open(&t->db, &o, &t->err);
	free(path);
	if (rc == -1) {
		t->db = NULL;
		tool_fail(t);
	}
	return t->db;
}

static enum circle_format
format_of(const struct tool *t)
{
	if (t->fmt != CIRCLE_FMT_AUTO)
		return t->fmt;
	return t->tty ? CIRCLE_FMT_TABLE : CIRCLE_FMT_TSV;
}

struct circle_out *
tool_out(struct tool *t, const struct circle_col *cols, size_t n)
{
	return circle_out_new(stdout, format_of(t), cols, n);
}

struct circle_out *
tool_record(struct tool *t, const struct circle_col *cols, size_t n)
{
	return circle_out_record(stdout, format_of(t), cols, n);
}

/* Finish the output; 0, or 1 ("nothing found") when it had no rows. */
int
tool_finish(struct tool *t, struct circle_out *o)
{
	size_t	rows = circle_out_rows(o);

	if (circle_out_finish(o) == -1)
		return tool_error(t, CIRCLE_EIO, "write error: %s",
		    strerror(errno));
	return rows == 0 ? CIRCLE_EFAIL : 0;
}

/*
 * Ask on the terminal before something that cannot be undone: the answer
 * must be the word given.  Returns 1 when confirmed.
 */
int
tool_confirm(struct tool *t, const char *question, const char *word)
{
	char	 line[256];
	FILE	*tty;
	int	 ok;

	if ((tty = fopen("/dev/tty", "r+")) == NULL)
		return 0;
	fprintf(tty, "%s\nType \"%s\" to confirm: ", question, word);
	fflush(tty);
	ok = fgets(line, sizeof line, tty) != NULL &&
	    strcspn(line, "\r\n") == strlen(word) &&
	    strncmp(line, word, strlen(word)) == 0;
	fclose(tty);
	return ok;
}

static void
setup_locale(void)
{
	/* Widths and wcwidth(3) need UTF-8; data is always UTF-8. */
	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static int
finish(struct tool *t, int status)
{
	circle_db_close(t->db);
	t->db = NULL;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status == 0 || status == CIRCLE_EFAIL)
			status = tool_error(t, CIRCLE_EIO, "write error: %s",
			    strerror(errno));
	}
	return status;
}

static const struct verb *
find_verb(const struct tool *t, const char *name)
{
	const struct verb	*v;

	for (v = t->verbs; v->name != NULL; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

/* The second words of the verbs that begin with first, or NULL. */
static const char *
two_word(const struct tool *t, const char *first)
{
	static char		 list[256];
	const struct verb	*v;
	size_t			 l = strlen(first);

	list[0] = '\0';
	for (v = t->verbs; v->name != NULL; v++)
		if (strncmp(v->name, first, l) == 0 && v->name[l] == ' ')
			snprintf(list + strlen(list), sizeof list -
			    strlen(list), "%s%s", list[0] ? ", " : "",
			    v->name + l + 1);
	return list[0] != '\0' ? list : NULL;
}

int
tool_main(struct tool *t, int argc, char **argv)
{
	const struct verb	*v, *best = NULL;
	const char		*arg;
	size_t			 d, bestd = 3;
	int			 i, c, status;

	umask(077);	/* every file a tool writes is private */
	setup_locale();
	snprintf(t->progname, sizeof t->progname, "circle-%s", t->name);
	t->tty = isatty(STDOUT_FILENO);
	circle_err_clear(&t->err);

	/* Common options may come before the verb. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		arg = NULL;
		for (c = 0; c < (int)NCOMMON; c++) {
			size_t l = strlen(common_opts[c].name);
			if (strncmp(argv[i], "--", 2) == 0 &&
			    strncmp(argv[i] + 2, common_opts[c].name, l) == 0 &&
			    (argv[i][l + 2] == '\0' || argv[i][l + 2] == '='))
				break;
		}
		if (c == (int)NCOMMON)
			return tool_error(t, CIRCLE_EUSAGE, "unknown option %s "
			    "(see circle %s --help)", argv[i], t->name);
		if (common_opts[c].has_arg == required_argument) {
			if ((arg = strchr(argv[i], '=')) != NULL)
				arg++;
			else if (i + 1 < argc)
				arg = argv[++i];
			else
				return tool_error(t, CIRCLE_EUSAGE, "%s needs a "
				    "value", argv[i]);
		}
		if (common(t, common_opts[c].val, arg, &status) == -1)
			return finish(t, status);
	}
	if (i == argc) {
		tool_usage(t);
		return CIRCLE_EUSAGE;
	}
	/* A verb of two words: "survey add". */
	if (i + 1 < argc && find_verb(t, argv[i]) == NULL) {
		char	two[128];

		snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
		if ((t->verb = find_verb(t, two)) != NULL) {
			optind = 0;
			i++;
			status = t->verb->run(t, argc - i, argv + i);
			return finish(t, status);
		}
	}
	if ((t->verb = find_verb(t, argv[i])) == NULL) {
		if (two_word(t, argv[i]))
			return tool_error(t, CIRCLE_EUSAGE, "%s: give one of: "
			    "%s", argv[i], two_word(t, argv[i]));
		for (v = t->verbs; v->name != NULL; v++)
			if ((d = circle_levenshtein(argv[i], v->name)) < bestd)
				best = v, bestd = d;
		if (best != NULL)
			return tool_error(t, CIRCLE_EUSAGE, "unknown verb \"%s\"; "
			    "did you mean \"%s\"?", argv[i], best->name);
		tool_error(t, CIRCLE_EUSAGE, "unknown verb \"%s\"", argv[i]);
		return tool_usage(t);
	}
	optind = 0;	/* glibc: start getopt afresh for the verb */
	status = t->verb->run(t, argc - i, argv + i);
	return finish(t, status);
}
