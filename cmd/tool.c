/*
 * tool.c: the common part of every circle tool (git's run_builtin, tmux's
 * cmd_table): options shared by all, verb dispatch, the database opened on
 * demand, errors as "progname: message" with the documented exit status,
 * and a failed write to stdout reported instead of lost.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

enum {
	OPT_DB = 0x100,
	OPT_FORMAT,
	OPT_JSON,
	OPT_HELP,
	OPT_VERSION,
	OPT_COLOR,
	OPT_NO_PAGER,
	OPT_CONFIG,
	OPT_TZ,
	OPT_QUIET
};

static const struct option common_opts[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "color", optional_argument, NULL, OPT_COLOR },
	{ "no-pager", no_argument, NULL, OPT_NO_PAGER },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "tz", required_argument, NULL, OPT_TZ },
	{ "quiet", no_argument, NULL, OPT_QUIET },	/* or -q */
};
#define NCOMMON (sizeof common_opts / sizeof common_opts[0])

/* The common options as --help shows them (and completion reads). */
const char tool_common_help[] = "--db FILE, --format "
    "table|tsv|csv|json|jsonl|md, --json, -q/--quiet, --help, --version,\n"
    "  --config FILE, --tz ZONE, --color[=auto|always|never], --no-pager";

/* The options every verb takes, for completion. */
const struct option *
tool_common_options(size_t *n)
{
	*n = NCOMMON;
	return common_opts;
}

/*
 * Write text that may hold what people typed (names, notes, a file's
 * cells): line by line, any control character in a line written out
 * (circle_text_visible), so that no message or sheet sends a terminal
 * an escape sequence.
 */
void
tool_print_text(FILE *fp, const char *text)
{
	const char	*line, *nl;
	char		*one, *v;

	for (line = text; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		one = circle_xstrndup(line, (size_t)(nl - line));
		v = circle_text_visible(one);
		fputs(v, fp);
		free(v);
		free(one);
		if (*nl == '\0')
			break;
		fputc('\n', fp);
	}
}

/* "progname: message" on stderr, the message made visible. */
static void
message(struct tool *t, const char *fmt, va_list ap)
{
	char	*msg;

	circle_xvasprintf(&msg, fmt, ap);
	fprintf(stderr, "%s: ", t->progname);
	tool_print_text(stderr, msg);
	fputc('\n', stderr);
	free(msg);
}

void
tool_warn(struct tool *t, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message(t, fmt, ap);
	va_end(ap);
}

/* What lib noted while it worked (a row skipped, a guess): a line each. */
void
tool_notes(struct tool *t, char *const *notes, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		tool_warn(t, "%s", notes[i]);
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
	tool_warn(t, "%s", t->err.msg);
	return t->err.code != 0 ? t->err.code : CIRCLE_EFAIL;
}

int
tool_error(struct tool *t, int code, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	message(t, fmt, ap);
	va_end(ap);
	return code;
}

static void
verb_usage(FILE *fp, const struct tool *t, const struct verb *v,
    const char *lead)
{
	fprintf(fp, "%scircle %s%s%s%s%s\n", lead, t->name,
	    *v->name != '\0' ? " " : "", v->name,
	    *v->usage != '\0' ? " " : "", v->usage);
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
		printf("  circle %s%s%s%s%s\n", t->name,
		    *v->name != '\0' ? " " : "", v->name,
		    *v->usage != '\0' ? " " : "", v->usage);
		printf("      %s\n", v->summary);
	}
	printf("\nCommon options: %s\nSee circle-%s(1).\n", tool_common_help,
	    t->name);
}

/* The long name of the common option c. */
static const char *
common_name(int c)
{
	size_t	i;

	for (i = 0; i < NCOMMON; i++)
		if (common_opts[i].val == c)
			return common_opts[i].name;
	return "?";
}

/*
 * Handle one of the common options; -1 and an exit status on error.  One
 * that takes a value given twice (--db a.db --db b.db) is refused, as a
 * verb's is (given_twice).
 */
static int
common_option(struct tool *t, int c, const char *arg, int *status)
{
	enum circle_format	f = CIRCLE_FMT_JSON;

	if ((c == OPT_DB && t->dbpath != NULL) || (c == OPT_CONFIG &&
	    t->configpath != NULL) || (c == OPT_TZ && t->tz != NULL)) {
		*status = tool_error(t, CIRCLE_EUSAGE, "--%s given twice; it "
		    "takes one value", common_name(c));
		return -1;
	}
	/* --format csv --json: two formats; --json --format json is one. */
	if ((c == OPT_FORMAT || c == OPT_JSON) && t->fmt != CIRCLE_FMT_AUTO &&
	    (c == OPT_JSON || circle_format_parse(arg, &f) == 0) &&
	    f != t->fmt) {
		*status = tool_error(t, CIRCLE_EUSAGE, "%s%s: a format was "
		    "given already; give one", c == OPT_JSON ? "--json" :
		    "--format ", c == OPT_JSON ? "" : arg);
		return -1;
	}
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
		if (t->verb != NULL && *t->verb->name != '\0') {
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
	case OPT_COLOR:
		/* --color alone is always, as in git and ls. */
		t->color = arg != NULL ? arg : "always";
		if (strcmp(t->color, "auto") != 0 &&
		    strcmp(t->color, "always") != 0 &&
		    strcmp(t->color, "never") != 0) {
			*status = tool_error(t, CIRCLE_EUSAGE, "--color=%s: "
			    "expected auto, always or never", arg);
			return -1;
		}
		return 0;
	case OPT_NO_PAGER:
		t->no_pager = 1;
		return 0;
	case OPT_CONFIG:
		if (*arg == '\0') {
			*status = tool_error(t, CIRCLE_EUSAGE, "--config: empty "
			    "file name");
			return -1;
		}
		t->configpath = arg;
		return 0;
	case OPT_TZ:
		/* europe/london is Europe/London. */
		if ((t->tz = circle_zone_norm("--tz", arg, &t->err)) == NULL) {
			*status = tool_fail(t);
			return -1;
		}
		return 0;
	case OPT_QUIET:
		t->quiet = 1;
		return 0;
	}
	return 1;
}

/* The line a write prints to say what it changed, unless -q. */
void
tool_say(struct tool *t, const char *fmt, ...)
{
	va_list	ap;

	if (t->quiet)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* ": " after the verb's name in a message; none for a tool of one verb. */
static const char *
verb_colon(const struct tool *t)
{
	return *t->verb->name != '\0' ? ": " : "";
}

/*
 * The option of all that w (after its "--", up to an '='), names: whole,
 * else the first it begins; NULL if none.
 */
static const struct option *
long_option(const struct option *all, const char *w)
{
	const struct option	*o;
	size_t			 n = strcspn(w, "=");

	if (n == 0)
		return NULL;
	for (o = all; o->name != NULL; o++)
		if (strlen(o->name) == n && strncmp(o->name, w, n) == 0)
			return o;
	for (o = all; o->name != NULL; o++)
		if (strncmp(o->name, w, n) == 0)
			return o;
	return NULL;
}

/*
 * Is the word an option's value took another option (--from --past,
 * --from -q): the value left out?  An option of all named whole or by a
 * prefix, a short one of optstring, or "--".  A value that only begins
 * with '-' (--from -1w) is a value.
 */
static int
value_is_option(const char *v, const char *optstring,
    const struct option *all)
{
	if (strcmp(v, "--") == 0)
		return 1;
	if (strncmp(v, "--", 2) == 0)
		return long_option(all, v + 2) != NULL;
	return v[0] == '-' && v[1] != '\0' && v[1] != ':' &&
	    strchr(optstring, v[1]) != NULL;
}

/*
 * An option of the n of all (or all up to its end, the name NULL) nearest
 * the unknown long option w (--groop: group), or NULL: a misspelling,
 * not a word of another kind.
 */
static const struct option *
nearest_option(const struct option *all, size_t n, const char *w)
{
	const struct option	*best = NULL;
	size_t			 i, d, bestd = 3;

	if (strncmp(w, "--", 2) != 0 || strlen(w) < 4)
		return NULL;
	for (i = 0; i < n && all[i].name != NULL; i++)
		if ((d = circle_levenshtein(w + 2, all[i].name)) < bestd)
			best = &all[i], bestd = d;
	return best;
}

/*
 * Days from today written as an operand (circle session show -1d): -N,
 * -Nd or -Nw, day.c's form, which getopt would take for options.
 */
static int
days_back(const char *w)
{
	size_t	n;

	if (w[0] != '-' || (n = strspn(w + 1, "0123456789")) == 0 || n > 5)
		return 0;
	w += 1 + n;
	return *w == '\0' || ((*w == 'd' || *w == 'w') && w[1] == '\0');
}

/*
 * The operands that are days back (days_back) hidden from getopt: each
 * replaced in argv by a word of its own that does not begin with '-'
 * (kept in copy[], the word in orig[]), to be put back once getopt has
 * put the operands last (days_back_restore).  The words that are
 * options' values (--from -1w, -g G) are left to getopt.  How many.
 */
static int
days_back_hide(int argc, char **argv, const char *optstring,
    const struct option *all, char **orig, char **copy)
{
	const struct option	*o;
	const char		*p, *c;
	int			 i, k = 0;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strncmp(argv[i], "--", 2) == 0) {
			o = long_option(all, argv[i] + 2);
			if (o != NULL && o->has_arg == required_argument &&
			    strchr(argv[i], '=') == NULL)
				i++;
		} else if (days_back(argv[i])) {
			orig[k] = argv[i];
			argv[i] = copy[k++] = circle_xstrdup("days back");
		} else if (argv[i][0] == '-') {
			/* -g G, -ag G: a short option's value is the next word. */
			for (p = argv[i] + 1; *p != '\0'; p++)
				if (*p != ':' && (c = strchr(optstring, *p)) != NULL &&
				    c[1] == ':') {
					i += p[1] == '\0';
					break;
				}
		}
	}
	return k;
}

/*
 * The words days_back_hide() hid, put back in argv and in the options'
 * values given so far; its copies freed.
 */
static void
days_back_restore(struct tool *t, int argc, char **argv, char **orig,
    char **copy, int k)
{
	size_t	g;
	int	i, j;

	for (j = 0; j < k; j++) {
		for (i = 0; i < argc; i++)
			if (argv[i] == copy[j])
				argv[i] = orig[j];
		for (g = 0; g < t->ngiven; g++)
			if (t->given[g].arg == copy[j])
				t->given[g].arg = orig[j];
		free(copy[j]);
	}
	free(orig);
	free(copy);
}

/*
 * Is the option name a (n bytes) one typo from b: a letter more, less or
 * changed, or two letters side by side swapped (form, from)?
 */
static int
one_typo(const char *a, size_t n, const char *b)
{
	char	*w;
	int	 r;

	w = circle_xstrndup(a, n);
	r = circle_levenshtein(w, b) == 1;
	free(w);
	return r;
}

/*
 * A long option getopt took by its first letters (--form for --format)
 * that is as well one typo from another (--from): which, or NULL.
 */
static const struct option *
typo_abbrev(const struct option *all, int li, const char *word)
{
	const struct option	*o;
	size_t			 n;

	if (li < 0 || strncmp(word, "--", 2) != 0)
		return NULL;
	word += 2;
	n = strcspn(word, "=");
	if (n < 3 || n >= strlen(all[li].name))
		return NULL;
	for (o = all; o->name != NULL; o++)
		if (o != &all[li] && strcmp(o->name, all[li].name) != 0 &&
		    one_typo(word, n, o->name))
			return o;
	return NULL;
}

/*
 * getopt_long over the verb's options (in all, the common ones after
 * them).  Returns the next verb option, -1 at the end, or -2 with *status
 * set when the command should stop now (help, a bad option).
 */
static int
verb_getopt(struct tool *t, int argc, char **argv, const char *optstring,
    const struct option *all, int *longindex, int *status)
{
	const char	*word;
	int		 c, at;

	for (;;) {
		at = optind;
		*longindex = -1;
		c = getopt_long(argc, argv, optstring, all, longindex);
		if (c == 'q') {		/* no verb has a -q of its own */
			t->quiet = 1;
			continue;
		}
		if (c == ':') {
			tool_error(t, CIRCLE_EUSAGE, "%s%s%s needs a value",
			    t->verb->name, verb_colon(t), argv[optind - 1]);
			*status = tool_usage(t);
			return -2;
		}
		if (c == '?') {
			/*
			 * The word it is in: getopt leaves optind on a group
			 * of short options (-xn) until its last letter, so
			 * argv[optind - 1] is then the word before it.
			 */
			word = argv[optind == at && optind > 0 && optind < argc ?
			    optind : optind - 1];
			/* A long option's value: one that takes none. */
			if (optopt >= 0x80 || (optopt != 0 &&
			    strncmp(word, "--", 2) == 0))
				tool_error(t, CIRCLE_EUSAGE, "%s%s%s: the option "
				    "takes no value", t->verb->name,
				    verb_colon(t), word);
			else if (optopt != 0)
				tool_error(t, CIRCLE_EUSAGE, "%s%sunknown option "
				    "-%c", t->verb->name, verb_colon(t), optopt);
			else if (nearest_option(all, SIZE_MAX, word) != NULL)
				tool_error(t, CIRCLE_EUSAGE, "%s%sunknown option "
				    "%s; did you mean --%s?", t->verb->name,
				    verb_colon(t), word,
				    nearest_option(all, SIZE_MAX, word)->name);
			else
				tool_error(t, CIRCLE_EUSAGE, "%s%sunknown option "
				    "%s", t->verb->name, verb_colon(t), word);
			*status = tool_usage(t);
			return -2;
		}
		word = argv[optarg != NULL && optind > 1 &&
		    optarg == argv[optind - 1] ? optind - 2 : optind - 1];
		if (c != -1 && typo_abbrev(all, *longindex, word) != NULL) {
			tool_error(t, CIRCLE_EUSAGE, "%s%s%s: did you mean "
			    "--%s or --%s? (write the option in full)",
			    t->verb->name, verb_colon(t), word,
			    typo_abbrev(all, *longindex, word)->name,
			    all[*longindex].name);
			*status = tool_usage(t);
			return -2;
		}
		/* --from --past: the value was left out. */
		if (optarg != NULL && optind > 1 && optarg == argv[optind - 1] &&
		    value_is_option(optarg, optstring, all)) {
			tool_error(t, CIRCLE_EUSAGE, "%s%s%s needs a value",
			    t->verb->name, verb_colon(t), argv[optind - 2]);
			*status = tool_usage(t);
			return -2;
		}
		if (c < OPT_DB)
			return c;
		if (common_option(t, c, optarg, status) == -1)
			return -2;
	}
}

/*
 * The database, to find the group a date is said in, when the verb opens
 * one and it is there (a missing one is the verb's to report, once).
 */
static struct circle_db *
date_db(struct tool *t)
{
	struct circle_err	 e;
	char			*path;
	int			 there;

	if (t->verb->flags & VERB_NODB)
		return NULL;
	if (t->db != NULL)
		return t->db;
	if (t->dbpath != NULL)
		path = circle_xstrdup(t->dbpath);
	else if ((path = circle_db_default_path(&e)) == NULL)
		return NULL;
	there = access(path, F_OK) == 0;
	free(path);
	return there ? tool_db(t, 0) : NULL;
}

/* Does the verb take the option --name? */
static int
verb_takes(const struct verb *v, const char *name)
{
	const struct option	*o;

	for (o = v->opts; o != NULL && o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return 1;
	return 0;
}

/*
 * The group a date or a time is said in: the one --group names, else, for
 * a verb that takes --group, the configured default group or the only
 * one; else none (g zeroed: my zone).  The caller releases g.
 */
static void
said_group(struct tool *t, struct circle_group *g)
{
	struct circle_err	 e;
	const char		*group = tool_opt(t, 'g');

	memset(g, 0, sizeof *g);
	if ((group != NULL || verb_takes(t->verb, "group")) &&
	    date_db(t) != NULL && circle_group_get(t->db, group, g, &e) == -1)
		memset(g, 0, sizeof *g);
}

/*
 * A time from now (in 3 hours, in half an hour: circle_from_now) as a
 * day and a time where the command's group meets (said_group; else in
 * my zone), to the minute: 0, the day in date and HH:MM in hm; 1 when s
 * is no time from now; -1 with t->err when no zone is known.
 */
int
tool_from_now(struct tool *t, const char *s, char date[11], char hm[6])
{
	struct circle_group	 g;
	const char		*tz;
	char			 now[21], then[21], local[17];
	int			 minutes, rc;

	if (circle_from_now(s, &minutes) == 1)
		return 1;
	said_group(t, &g);
	circle_now_utc(now);
	circle_utc_add_minutes(now, minutes, then);
	tz = g.tzid != NULL ? g.tzid : tool_my_zone(t);
	rc = tz != NULL ? circle_utc_to_local(then, tz, local) : -1;
	circle_group_release(&g);
	if (rc == -1)
		return circle_err_set(&t->err, CIRCLE_EDATA, "\"%s\": no time "
		    "zone to say it in: give --group, or set timezone (circle "
		    "config)", s);
	snprintf(date, 11, "%.10s", local);
	snprintf(hm, 6, "%.5s", local + 11);
	return 0;
}

/* Was --at given to this verb? */
static int
at_given(struct tool *t)
{
	const struct option	*o;

	for (o = t->verb->opts; o != NULL && o->name != NULL; o++)
		if (strcmp(o->name, "at") == 0)
			return tool_opt(t, o->val) != NULL;
	return 0;
}

/* A year from last year to ten years on: one a plan may mean. */
static int
year_near(int y)
{
	struct tm	tm;
	time_t		now = time(NULL);

	if (localtime_r(&now, &tm) == NULL)
		return 0;
	return y >= tm.tm_year + 1900 - 1 && y <= tm.tm_year + 1900 + 10;
}

/*
 * A date as people say it (tomorrow, next wed, +3d, 12/23: day.c), as
 * YYYY-MM-DD, relative to today where the command's group meets (the one
 * --group names, else, for a verb that takes --group, the configured
 * default group or the only one), else in my zone; NULL with t->err set
 * when it is no date.  what names it in the error ("from", as lib names
 * it).  The text is the tool's.
 */
static const char *
date_said(struct tool *t, const char *s, const char *what,
    enum circle_day_bound bound)
{
	struct circle_group	 g;
	struct circle_date	 d;
	struct circle_err	 e;
	char			 iso[11], *day;
	size_t			 n;
	int			 rc, h, m, back;

	/* YYYY-MM-DD, a real day or not, is lib's to check and say. */
	if (circle_date_parse(s, &d) == 0 || (strlen(s) == 10 && s[4] == '-' &&
	    s[7] == '-'))
		return s;
	/*
	 * plan --from 2100 beside --at: the year 2100, or 21:00 put in the
	 * wrong option?  A period's year elsewhere (--in 2026, list --from),
	 * and a year near this one when --at says the time (--from 2027).
	 */
	if (verb_takes(t->verb, "at") && strlen(s) == 4 &&
	    strspn(s, "0123456789") == 4 && circle_clock_read(s, &h, &m) == 0 &&
	    !(at_given(t) && year_near(atoi(s)))) {
		circle_err_set(&t->err, CIRCLE_EDATA, "%s: \"%s\" is the year %s "
		    "or the time %02d:%02d: give the day here (%s-%s, next "
		    "mon), and the time with --at %02d:%02d", what, s, s, h, m,
		    s, bound == CIRCLE_DAY_LAST ? "12-31" : "01-01", h, m);
		return NULL;
	}
	said_group(t, &g);
	back = (t->verb->flags & VERB_BACK) != 0;
	rc = circle_day_iso(what, s, g.tzid, bound, back, iso, &t->err);
	/* move --to-date "wed 7pm": refused, saying where the time goes. */
	if (rc == -1 && verb_takes(t->verb, "at") &&
	    circle_day_time_split(s, &day, &h, &m)) {
		if (circle_day_iso(what, day, g.tzid, bound, back, iso,
		    &e) == 0) {
			n = strlen(t->err.msg);
			snprintf(t->err.msg + n, sizeof t->err.msg - n, ", and "
			    "the time with --at");
		}
		free(day);
	}
	circle_group_release(&g);
	if (rc == -1)
		return NULL;
	t->dates = circle_xgrow(t->dates, t->ndates, sizeof *t->dates);
	return t->dates[t->ndates++] = circle_xstrdup(iso);
}

/* A day as people say it (date_said); a week or a month is refused. */
const char *
tool_date(struct tool *t, const char *s, const char *what)
{
	return date_said(t, s, what, CIRCLE_DAY_ONE);
}

/*
 * What a week or a month (next week) given to option name is: the first
 * day of it for where a range begins (--from, --since), the last for
 * where it ends (--to, --until, --through), else refused.
 */
static enum circle_day_bound
option_bound(const char *name)
{
	if (strcmp(name, "from") == 0 || strcmp(name, "since") == 0)
		return CIRCLE_DAY_FIRST;
	if (strcmp(name, "to") == 0 || strcmp(name, "until") == 0 ||
	    strcmp(name, "through") == 0)
		return CIRCLE_DAY_LAST;
	return CIRCLE_DAY_ONE;
}

/*
 * Where the verb's usage names what ("--from DATE", "--dry-run") in words
 * of its own: the text after it, or NULL.
 */
static const char *
usage_names(const char *usage, const char *what)
{
	const char	*p;
	size_t		 l = strlen(what);

	for (p = usage; (p = strstr(p, what)) != NULL; p++)
		if ((p == usage || strchr(" [(|", p[-1]) != NULL) &&
		    (p[l] == '\0' || strchr(" ]|.)", p[l]) != NULL))
			return p + l;
	return NULL;
}

/*
 * --in PERIOD (last quarter, Q3 2026, jan-mar 2026: day.c) is both ends of
 * a range at once: its first day given as --from, its last as --to;
 * refused beside either of them.  -1 (t->err) when it is no date.
 */
static int
period_said(struct tool *t)
{
	const char	*first, *last;
	size_t		 i;

	for (i = 0; i < t->ngiven && t->given[i].val != OPT_IN; i++)
		;
	if (i == t->ngiven)
		return 0;
	if (tool_has(t, 'F') || tool_has(t, 't'))
		return circle_err_set(&t->err, CIRCLE_EUSAGE, "%s: --in gives "
		    "both ends of a range: give --in, or --from and --to, not "
		    "both", t->verb->name);
	if ((first = date_said(t, t->given[i].arg, "in",
	    CIRCLE_DAY_FIRST)) == NULL || (last = date_said(t,
	    t->given[i].arg, "in", CIRCLE_DAY_LAST)) == NULL)
		return -1;
	t->given = circle_xreallocarray(t->given, t->ngiven + 1,
	    sizeof *t->given);
	t->given[i] = (struct tool_given){ 'F', first, -1 };
	t->given[t->ngiven++] = (struct tool_given){ 't', last, -1 };
	return 0;
}

/*
 * --from and --to given apart (said as typed, given[f] and given[u] as
 * read apart, YYYY-MM-DD) in a verb that looks back, the wrong way round:
 * read as one stretch, as --in "FROM to TO" is (circle_day_pair: --from
 * dec 1 --to jan 5 on December 30th, jan 5 alone being this January's).
 * --from or --since alone (to NULL) read after today is since it, as
 * --in "since dec 20" is: last December's on the 7th; one that is no
 * since (next monday, the 20th on the 7th) is refused, not an empty
 * report: -1 with t->err.  Else left, for the verb; 0.
 */
static int
pair_said(struct tool *t, const char *from, const char *to, size_t f,
    size_t u, const char *what)
{
	struct circle_group	 g;
	struct circle_day_ctx	 c;
	struct circle_date	 first, last;
	char			 iso[11];

	if ((t->verb->flags & VERB_BACK) == 0)
		return 0;
	said_group(t, &g);
	circle_day_context(g.tzid, &c);
	circle_group_release(&g);
	c.back = 1;
	circle_date_format(&c.today, iso);
	if (strcmp(t->given[f].arg, to != NULL ? t->given[u].arg : iso) <= 0)
		return 0;
	if (circle_day_pair(from, to != NULL ? to : "today", &c, &first,
	    &last) != 0) {
		if (to != NULL || circle_date_parse(from, &first) == 0)
			return 0;
		return circle_err_set(&t->err, CIRCLE_EDATA, "%s: \"%s\" is "
		    "%s, after today, and %s%s%s looks back: give a day come "
		    "(with its month, nov 20, or its year)", what, from,
		    t->given[f].arg, t->name, *t->verb->name != '\0' ? " " :
		    "", t->verb->name);
	}
	t->dates = circle_xgrow(t->dates, t->ndates, sizeof *t->dates);
	circle_date_format(&first, iso);
	t->given[f].arg = t->dates[t->ndates++] = circle_xstrdup(iso);
	if (to == NULL)
		return 0;
	t->dates = circle_xgrow(t->dates, t->ndates, sizeof *t->dates);
	circle_date_format(&last, iso);
	t->given[u].arg = t->dates[t->ndates++] = circle_xstrdup(iso);
	return 0;
}

/*
 * Every option the verb's usage calls a DATE ("--from DATE") said as
 * people say it, made YYYY-MM-DD before the verb sees it; -1 (t->err) on
 * one that is no date.  A time of day ("--at HH:MM") is lib's to read.
 * A word the usage gives as well ("--since DATE | last") is the verb's.
 */
static int
said_dates(struct tool *t)
{
	const struct option	*o;
	const char		*iso, *rest, *said[2] = { NULL, NULL };
	char			 what[64], first[64] = "";
	size_t			 i, l, at[2] = { 0, 0 };

	for (i = 0; i < t->ngiven; i++) {
		if (t->given[i].arg == NULL || t->verb->opts == NULL)
			continue;
		for (o = t->verb->opts; o->name != NULL &&
		    o->val != t->given[i].val; o++)
			;
		if (o->name == NULL)
			continue;
		snprintf(what, sizeof what, "--%s DATE", o->name);
		if ((rest = usage_names(t->verb->usage, what)) == NULL)
			continue;
		l = strlen(t->given[i].arg);
		if (strncmp(rest, " | ", 3) == 0 && strncmp(rest + 3,
		    t->given[i].arg, l) == 0 && (rest[3 + l] == '\0' ||
		    strchr(" ]|.)", rest[3 + l]) != NULL))
			continue;
		what[strlen(what) - 5] = '\0';
		if ((iso = date_said(t, t->given[i].arg, what + 2,
		    option_bound(o->name))) == NULL)
			return -1;
		l = option_bound(o->name) == CIRCLE_DAY_FIRST ? 0 :
		    strcmp(o->name, "to") == 0 ? 1 : 2;
		if (l < 2) {
			said[l] = t->given[i].arg;
			at[l] = i;
		}
		if (l == 0)
			snprintf(first, sizeof first, "%s", what + 2);
		t->given[i].arg = iso;
	}
	if (said[0] != NULL)
		return pair_said(t, said[0], said[1], at[0], at[1], first);
	return 0;
}

/*
 * May the option val be given more than once?  The verb's usage says so
 * by "..." after it: "[--map COLUMN=FIELD]...", "[--group G]...".
 */
static int
option_repeats(const struct verb *v, int val)
{
	const struct option	*o;
	const char		*p;
	char			 name[64];

	for (o = v->opts; o != NULL && o->name != NULL; o++) {
		if (o->val != val)
			continue;
		snprintf(name, sizeof name, "--%s", o->name);
		if ((p = usage_names(v->usage, name)) == NULL)
			continue;
		if (o->has_arg != no_argument && *p == ' ')
			p += 1 + strcspn(p + 1, " ]");
		if (strncmp(p, "...", 3) == 0 || strncmp(p, "]...", 4) == 0)
			return 1;
	}
	return 0;
}

/* How given[i] was named: "--duration", or "-f". */
static void
given_name(const struct tool *t, size_t i, char *buf, size_t len)
{
	if (t->given[i].longindex >= 0)
		snprintf(buf, len, "--%s",
		    t->verb->opts[t->given[i].longindex].name);
	else
		snprintf(buf, len, "-%c", t->given[i].val);
}

/*
 * An option that takes one value given twice, by one name or by two of
 * its names (--for 90 --duration 60): a usage error, said once, rather
 * than the last silently winning.  0 when none was.
 */
static int
given_twice(struct tool *t)
{
	const struct option	*o;
	char			 a[72], b[72];
	size_t			 i, j;

	for (j = 1; j < t->ngiven; j++) {
		for (o = t->verb->opts; o->name != NULL &&
		    o->val != t->given[j].val; o++)
			;
		if (o->name == NULL || o->has_arg == no_argument ||
		    option_repeats(t->verb, o->val))
			continue;
		for (i = 0; i < j && t->given[i].val != t->given[j].val; i++)
			;
		if (i == j)
			continue;
		given_name(t, i, a, sizeof a);
		given_name(t, j, b, sizeof b);
		if (strcmp(a, b) == 0)
			tool_error(t, CIRCLE_EUSAGE, "%s%s%s given twice; it "
			    "takes one value", t->verb->name, verb_colon(t), a);
		else
			tool_error(t, CIRCLE_EUSAGE, "%s%s%s and %s are one "
			    "option, given twice; it takes one value",
			    t->verb->name, verb_colon(t), a, b);
		return tool_usage(t);
	}
	return 0;
}

/*
 * Why an argument is one too many, where a verb takes a NAME or a MEMBER:
 * an address or a phone number given without its option (roster add "Ann
 * Lee" ann@example.org), else most often a name not in quotes.
 */
static const char *
extra_hint(const struct verb *v, int argc, char **argv, char *buf,
    size_t size)
{
	const struct option	*o;
	const char		*arg = argv[v->max], *eq;
	size_t			 k;
	int			 i, len;

	/* roster edit ann phone=555-0101: an option written as a setting */
	if ((eq = strchr(arg, '=')) != NULL && (k = (size_t)(eq - arg)) > 0)
		for (o = v->opts; o != NULL && o->name != NULL; o++)
			if (o->has_arg == required_argument &&
			    strlen(o->name) == k &&
			    strncasecmp(o->name, arg, k) == 0) {
				snprintf(buf, size, " (give %.*s as an option: "
				    "--%s %s%s%s)", (int)k, arg, o->name,
				    strpbrk(eq + 1, " \t'") != NULL ||
				    eq[1] == '\0' ? "\"" : "", eq + 1,
				    strpbrk(eq + 1, " \t'") != NULL ||
				    eq[1] == '\0' ? "\"" : "");
				return buf;
			}
	/* db extract -g G tuesday.circle, export xlsx all.xlsx */
	if (strstr(v->usage, "-o FILE") != NULL && v->max == 0 &&
	    strchr(arg, '.') != NULL) {
		snprintf(buf, size, " (the file to write is given with -o: -o "
		    "%s)", arg);
		return buf;
	}
	if (strstr(v->usage, "NAME") == NULL &&
	    strstr(v->usage, "MEMBER") == NULL)
		return "";
	if (circle_email_valid(arg) && strstr(v->usage, "--email") != NULL)
		return " (an email address is given with --email)";
	if (circle_phone_valid(arg) && strstr(v->usage, "--phone") != NULL)
		return " (a phone number is given with --phone)";
	/* The name as typed, from the last word it takes: "Ann Marie Lee". */
	len = snprintf(buf, size, " (a name of several words is one argument "
	    "in quotes: \"");
	for (i = v->max > 0 ? v->max - 1 : 0; i < argc && len > 0 &&
	    (size_t)len < size; i++)
		len += snprintf(buf + len, size - (size_t)len, "%s%s", argv[i],
		    i + 1 < argc ? " " : "\")");
	if (v->max > 0 && len > 0 && (size_t)len < size)
		return buf;
	return " (a name of several words is one argument in quotes: "
	    "\"Ada Lovelace\")";
}

/* A group by its handle, name or a unique prefix of them. */
static int
names_group(struct circle_db *db, const char *arg)
{
	struct circle_err	 e;
	long long		 id;

	circle_err_clear(&e);
	return circle_group_resolve(db, arg, &id, &e) == 0;
}

/*
 * A group's whole handle or name that reads as no session reference at
 * all ("tuesday" is a day, even with no session on it).
 */
static int
names_group_not_session(struct circle_db *db, const char *arg)
{
	struct circle_err	 e;
	long long		 sid;

	circle_err_clear(&e);
	return circle_group_named(db, arg) &&
	    circle_session_resolve(db, NULL, arg, &sid, &e) == -1 &&
	    e.code == CIRCLE_EUSAGE;
}

/*
 * An operand the verb's --group was meant for, not given: taken as its
 * value when fits says the database has that group; never an id (a
 * session's or a person's as much as a group's).  1 when taken.
 */
static int
group_taken(struct tool *t, const struct option *all, char *arg,
    int (*fits)(struct circle_db *, const char *))
{
	struct circle_db	*db;
	int			 i, yes;

	for (i = 0; all[i].name != NULL && all[i].val != 'g'; i++)
		continue;
	if (all[i].name == NULL || all[i].has_arg != required_argument ||
	    tool_has(t, 'g') || arg[strspn(arg, "0123456789")] == '\0')
		return 0;
	if ((db = t->db) == NULL && (db = tool_db_peek(t->dbpath,
	    t->progname, NULL)) == NULL)
		return 0;
	yes = fits(db, arg);
	if (db != t->db)
		circle_db_close(db);
	if (!yes)
		return 0;
	t->given[t->ngiven].val = 'g';
	t->given[t->ngiven].longindex = i;
	t->given[t->ngiven++].arg = arg;
	return 1;
}

/*
 * One operand too many, the first naming a group, where the verb takes
 * --group and it was not given ("circle session list tuesday-circle"):
 * that operand is --group's value, as the user meant.  1 when taken.
 */
static int
group_operand(struct tool *t, const struct option *all, char *arg)
{
	return group_taken(t, all, arg, names_group);
}

/*
 * A group where the verb's first operand is a session and --group was not
 * given ("circle session prep tuesday-circle", "circle attend mark
 * tuesday-circle last maya"): a group's whole handle or name that reads
 * as no session is --group's value, as the user meant.  1 when taken.
 */
static int
session_group_operand(struct tool *t, const struct option *all, char *arg)
{
	char	ph[32];

	if (tool_usage_operand(t->verb, 0, ph, sizeof ph) == -1 ||
	    strcmp(ph, "SESSION") != 0)
		return 0;
	return group_taken(t, all, arg, names_group_not_session);
}

/*
 * Parse the verb's options into t->given, check the number of operands,
 * and run it with only the operands.
 */
static int
run_verb(struct tool *t, int argc, char **argv)
{
	const struct verb	*v = t->verb;
	struct option		 all[64];
	char			 optstring[64], **orig, **copy, hint[256];
	size_t			 n = 0, i;
	int			 c, li, status, nhidden;

	for (i = 0; v->opts != NULL && v->opts[i].name != NULL &&
	    n < 64 - NCOMMON - 1; i++)
		all[n++] = v->opts[i];
	for (i = 0; i < NCOMMON; i++)
		all[n++] = common_opts[i];
	memset(&all[n], 0, sizeof all[n]);
	/* ':' first: a missing value is told apart from an unknown option. */
	snprintf(optstring, sizeof optstring, ":%sq", v->shortopts != NULL ?
	    v->shortopts : "");
	t->given = circle_xcalloc((size_t)argc + 1, sizeof *t->given);
	/* getopt_long reorders argv: the words as typed, first. */
	t->words = circle_xcalloc((size_t)argc + 1, sizeof *t->words);
	memcpy(t->words, argv, (size_t)argc * sizeof *argv);
	t->nwords = argc;
	/* show -1d: days back are operands, not options. */
	orig = circle_xcalloc((size_t)argc + 1, sizeof *orig);
	copy = circle_xcalloc((size_t)argc + 1, sizeof *copy);
	nhidden = v->max != 0 ? days_back_hide(argc, argv, optstring, all,
	    orig, copy) : 0;
	while ((c = verb_getopt(t, argc, argv, optstring, all, &li,
	    &status)) != -1) {
		if (c == -2) {
			days_back_restore(t, argc, argv, orig, copy, nhidden);
			return status;
		}
		t->given[t->ngiven].val = c;
		t->given[t->ngiven].longindex = li;
		t->given[t->ngiven++].arg = optarg;
	}
	days_back_restore(t, argc, argv, orig, copy, nhidden);
	if ((status = given_twice(t)) != 0)
		return status;
	c = argc - optind;
	if (c > v->min && session_group_operand(t, all, argv[optind])) {
		optind++;
		c--;
	}
	if (c < v->min) {
		tool_error(t, CIRCLE_EUSAGE, "%s%s%s missing", v->name,
		    verb_colon(t), v->min - c == 1 ? "an argument" :
		    "arguments");
		return tool_usage(t);
	}
	if (v->max != VERB_MANY && c == v->max + 1 && group_operand(t, all,
	    argv[optind])) {
		optind++;
		c--;
	}
	if (v->max != VERB_MANY && c > v->max) {
		tool_error(t, CIRCLE_EUSAGE, "%s%stoo many arguments, from "
		    "\"%s\" on%s", v->name, verb_colon(t),
		    argv[optind + v->max], extra_hint(v, c, argv + optind,
		    hint, sizeof hint));
		return tool_usage(t);
	}
	if (period_said(t) == -1 || said_dates(t) == -1)
		return tool_fail(t);
	return v->run(t, c, argv + optind);
}

/* The value of the option given last with this val, or NULL. */
const char *
tool_opt(const struct tool *t, int val)
{
	size_t	i;

	for (i = t->ngiven; i > 0; i--)
		if (t->given[i - 1].val == val)
			return t->given[i - 1].arg;
	return NULL;
}

/* 1 when the option was given. */
int
tool_has(const struct tool *t, int val)
{
	size_t	i;

	for (i = 0; i < t->ngiven; i++)
		if (t->given[i].val == val)
			return 1;
	return 0;
}

/*
 * Every value of an option that may be repeated (--map A=B --map C=D), in
 * order, NULL-terminated; *n is their number.  The array is the tool's,
 * freed when tool_main returns.
 */
const char **
tool_values(struct tool *t, int val, size_t *n)
{
	const char	**v;
	size_t		  i;

	v = circle_xcalloc(t->ngiven + 1, sizeof *v);
	for (i = 0, *n = 0; i < t->ngiven; i++)
		if (t->given[i].val == val)
			v[(*n)++] = t->given[i].arg;
	t->lists = circle_xgrow(t->lists, t->nlists, sizeof *t->lists);
	t->lists[t->nlists++] = v;
	return v;
}

/*
 * words[i], for a number lib returns that cmd spells out: a value outside
 * the list is printed as "unknown" rather than read past the end.
 */
const char *
tool_word(const char *const *words, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? words[i] : "unknown";
}

static void
print_notice(void *arg, const char *msg)
{
	tool_warn(arg, "warning: %s", msg);
}

/* $CIRCLE_TRACE_SQL: each statement on stderr, "progname: sql: ...". */
static void
print_sql_trace(void *arg, const char *sql)
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
	    CIRCLE_DB_OWN_DIR : 0) | (t->dbpath != NULL ? CIRCLE_DB_GIVEN : 0);
	o.notice = print_notice;
	o.notice_arg = t;
	if (getenv("CIRCLE_TRACE_SQL") != NULL)
		o.trace = print_sql_trace;
	rc = circle_db_open(&t->db, &o, &t->err);
	free(path);
	if (rc == -1) {
		t->db = NULL;
		tool_fail(t);
	} else if (t->verb != NULL && t->words != NULL)
		/* What it writes is one command, undoable (circle-undo(1)). */
		circle_db_command(t->db, *t->verb->name != '\0' ?
		    t->verb->name : NULL, t->nwords - 1, t->words + 1,
		    (t->verb->flags & VERB_NOUNDO) ? CIRCLE_CMD_NOUNDO : 0);
	return t->db;
}

/*
 * The database at dbpath (--db's; NULL: $CIRCLE_DB or the default), only
 * read: never created, migrated or tightened; NULL when it is not there
 * or cannot be read.  Its path in *pathp, the caller's, when not NULL.
 */
struct circle_db *
tool_db_peek(const char *dbpath, const char *progname, char **pathp)
{
	struct circle_db_opts	 o;
	struct circle_db	*db;
	struct circle_err	 e;
	char			*path;

	circle_err_clear(&e);
	if (pathp != NULL)
		*pathp = NULL;
	if (dbpath != NULL)
		path = circle_xstrdup(dbpath);
	else if ((path = circle_db_default_path(&e)) == NULL)
		return NULL;
	memset(&o, 0, sizeof o);
	o.path = path;
	o.tool = progname;
	o.flags = CIRCLE_DB_READONLY;
	if (circle_db_open(&db, &o, &e) == -1)
		db = NULL;
	if (pathp != NULL && db != NULL)
		*pathp = path;
	else
		free(path);
	return db;
}

/*
 * The pager, as git runs one: started when a tool's output begins on a
 * terminal, fed through a pipe that stands in for stdout (and stderr, when
 * that is the terminal too), and waited for before the tool exits, so that
 * the shell's prompt comes back after it.  A reader who quits it early
 * ends the output quietly: SIGPIPE is ignored and the write error that
 * follows is not one.
 */
static pid_t	pager_pid = -1;
static int	pager_saved[3] = { -1, -1, -1 };	/* stdout, stderr */

/*
 * $CIRCLE_PAGER, else the config's pager, else $PAGER, else less -FRX, as
 * git reads GIT_PAGER, core.pager and PAGER; "" or cat: none.
 */
static const char *
pager_command(struct tool *t)
{
	const char	*p;

	if ((p = getenv("CIRCLE_PAGER")) == NULL &&
	    (p = tool_config(t, "pager")) == NULL &&
	    (p = getenv("PAGER")) == NULL)
		p = "less -FRX";
	return p;
}

/*
 * In the child: run the pager, through sh(1) when the command has more
 * than words in it; if it cannot be run, say why on status_fd.
 */
static void
pager_exec(const char *cmd, int status_fd)
{
	char	*argv[32], *copy, *save;
	int	 n = 0, e;

	if (getenv("LESS") == NULL)
		setenv("LESS", "FRX", 1);
	if (getenv("LV") == NULL)
		setenv("LV", "-c", 1);
	if (strpbrk(cmd, "|&;<>()$`\\\"'*?[#~=%\n") != NULL)
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	else {
		copy = circle_xstrdup(cmd);
		for (argv[n] = strtok_r(copy, " \t", &save); argv[n] != NULL &&
		    n < 31; argv[++n] = strtok_r(NULL, " \t", &save))
			continue;
		argv[n] = NULL;
		if (n > 0)
			execvp(argv[0], argv);
	}
	e = errno;
	if (write(status_fd, &e, sizeof e) == -1)
		_exit(127);
	_exit(127);
}

/* Give stdout and stderr back to the terminal and wait for the pager. */
static void
pager_wait(void)
{
	int	i;

	if (pager_pid == -1)
		return;
	for (i = 1; i <= 2; i++) {
		if (pager_saved[i] != -1) {
			dup2(pager_saved[i], i);
			close(pager_saved[i]);
			pager_saved[i] = -1;
		}
	}
	while (waitpid(pager_pid, NULL, 0) == -1 && errno == EINTR)
		continue;
	pager_pid = -1;
}

static void
pager_at_exit(void)
{
	fflush(stdout);
	pager_wait();
}

/* Interrupted while paging: let the pager finish, then die of sig. */
static void
pager_signal(int sig)
{
	pager_wait();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The terminal's width: $COLUMNS, else the window's, else 0 (none). */
int
tool_columns(const struct tool *t)
{
	static int	 cols = -1;
	struct winsize	 ws;
	const char	*env;
	char		*end;
	long		 n;

	if (cols != -1)
		return cols;
	cols = 0;
	if (!t->tty)
		return cols;
	if ((env = getenv("COLUMNS")) != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n <= 100000)
			return cols = (int)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	return cols;
}

/*
 * Start the pager if stdout is a terminal and none was asked away; a tool
 * calls it before its first line of output (tool_out does).
 */
void
tool_pager(struct tool *t)
{
	static int	 tried;
	const char	*cmd;
	int		 fds[2], st[2], e, i;
	ssize_t		 n;
	pid_t		 pid;

	if (tried || !t->tty || t->no_pager)
		return;
	tried = 1;
	cmd = pager_command(t);
	if (*cmd == '\0' || strcmp(cmd, "cat") == 0)
		return;
	(void)tool_columns(t);	/* while stdout is the terminal */
	fflush(stdout);
	if (pipe(fds) == -1)
		return;
	if (pipe2(st, O_CLOEXEC) == -1) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if ((pid = fork()) == -1) {
		for (i = 0; i < 2; i++) {
			close(fds[i]);
			close(st[i]);
		}
		return;
	}
	if (pid == 0) {
		close(fds[1]);
		close(st[0]);
		if (dup2(fds[0], STDIN_FILENO) == -1)
			_exit(127);
		close(fds[0]);
		pager_exec(cmd, st[1]);
	}
	close(fds[0]);
	close(st[1]);
	while ((n = read(st[0], &e, sizeof e)) == -1 && errno == EINTR)
		continue;
	close(st[0]);
	if (n == sizeof e) {
		waitpid(pid, NULL, 0);
		close(fds[1]);
		tool_warn(t, "warning: cannot run the pager \"%s\": %s", cmd,
		    strerror(e));
		return;
	}
	for (i = 1; i <= 2; i++) {
		if (i == 2 && !isatty(STDERR_FILENO))
			break;
		pager_saved[i] = fcntl(i, F_DUPFD_CLOEXEC, 3);
		dup2(fds[1], i);
	}
	close(fds[1]);
	pager_pid = pid;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, pager_signal);
	signal(SIGHUP, pager_signal);
	signal(SIGTERM, pager_signal);
	signal(SIGQUIT, pager_signal);
	atexit(pager_at_exit);
}

/*
 * Colour for a table: --color, else the config's color, else on a
 * terminal unless NO_COLOR is set (and not empty) or TERM is dumb; an
 * always or never given wins over NO_COLOR, as no-color.org asks.
 */
int
tool_color(struct tool *t)
{
	const char	*env, *w;

	if ((w = t->color) == NULL)
		w = tool_config(t, "color");
	if (w != NULL && strcmp(w, "auto") != 0)
		return strcmp(w, "always") == 0;
	if (!t->tty)
		return 0;
	if ((env = getenv("NO_COLOR")) != NULL && *env != '\0')
		return 0;
	return (env = getenv("TERM")) == NULL || strcmp(env, "dumb") != 0;
}

static enum circle_format
format_of(const struct tool *t)
{
	if (t->fmt != CIRCLE_FMT_AUTO)
		return t->fmt;
	return t->tty ? CIRCLE_FMT_TABLE : CIRCLE_FMT_TSV;
}

/*
 * Fit a table to the terminal, with colour when it has it; any other
 * format is left alone (and a pipe's TSV never reads the config).
 */
void
tool_term(struct tool *t, struct circle_out *o)
{
	if (format_of(t) == CIRCLE_FMT_TABLE)
		circle_out_term(o, tool_columns(t), tool_color(t));
}

/* The format output takes: --format, else a table on a terminal, TSV. */
enum circle_format
tool_format(const struct tool *t)
{
	return format_of(t);
}

struct circle_out *
tool_out(struct tool *t, const struct circle_col *cols, size_t n)
{
	struct circle_out	*o;

	tool_pager(t);
	o = circle_out_new(stdout, format_of(t), cols, n);
	tool_term(t, o);
	return o;
}

struct circle_out *
tool_record(struct tool *t, const struct circle_col *cols, size_t n)
{
	struct circle_out	*o;

	tool_pager(t);
	o = circle_out_record(stdout, format_of(t), cols, n);
	tool_term(t, o);
	return o;
}

/* lib's row callback for a report printed through tool_out(). */
void
tool_row(void *out, const char *const *v)
{
	circle_out_row(out, v);
}

/* Finish the output; 0, or 1 ("nothing found") when it had no rows. */
int
tool_finish(struct tool *t, struct circle_out *o)
{
	size_t	rows = circle_out_rows(o);

	/* While paging, a write fails when the reader has quit: not an error. */
	if (circle_out_finish(o) == -1 && pager_pid == -1)
		return tool_error(t, CIRCLE_EIO, "write error: %s",
		    strerror(errno));
	if (rows > 0)
		return 0;
	/* Nothing at all on a terminal would say nothing: said why. */
	if (t->tty)
		tool_warn(t, "nothing to show%s%s", t->empty != NULL ? ": " :
		    "", t->empty != NULL ? t->empty : "");
	return CIRCLE_EFAIL;
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

/* A config that cannot be used ends the command, as a bad --db would. */
static void
config_fatal(struct tool *t)
{
	int	status = tool_fail(t);

	circle_db_close(t->db);
	fflush(stdout);
	exit(status);
}

/*
 * The config file (--config, $CIRCLE_CONFIG, the default place), read
 * the first time a setting is asked for, so a command that needs none
 * never opens it.  Unknown keys are warned about; a malformed file ends
 * the command.
 */
struct circle_config *
tool_config_load(struct tool *t)
{
	const struct circle_config_item	*it;
	char				*path;
	size_t				 n, i;

	if (t->config != NULL)
		return t->config;
	if (t->configpath != NULL)
		path = circle_xstrdup(t->configpath);
	else if ((path = circle_config_path(&t->err)) == NULL)
		config_fatal(t);
	if ((t->config = circle_config_read(path, &t->err)) == NULL)
		config_fatal(t);
	free(path);
	it = circle_config_items(t->config, &n);
	for (i = 0; i < n; i++) {
		if (circle_config_known(it[i].key))
			continue;
		if (circle_config_near(it[i].key) != NULL)
			tool_warn(t, "warning: %s:%zu: unknown key \"%s\"; did "
			    "you mean \"%s\"?", circle_config_file(t->config),
			    it[i].line, it[i].key,
			    circle_config_near(it[i].key));
		else
			tool_warn(t, "warning: %s:%zu: unknown key \"%s\" "
			    "(ignored)", circle_config_file(t->config),
			    it[i].line, it[i].key);
	}
	return t->config;
}

/*
 * A setting from the config file, or NULL when it is not set.  A time
 * zone is checked when first asked for (the zone database is slow to
 * open), and read in any case as config set writes it (europe/london is
 * Europe/London): a bad one ends the command, naming its line.
 */
const char *
tool_config(struct tool *t, const char *key)
{
	const struct circle_config_item	*it;
	struct circle_err		 e;
	const char			*tz;

	if ((it = circle_config_get(tool_config_load(t), key)) == NULL)
		return NULL;
	if (strcmp(key, "timezone") != 0)
		return it->value;
	if ((tz = circle_zone_norm(key, it->value, &e)) == NULL) {
		circle_err_set(&t->err, CIRCLE_EDATA, "%s:%zu: %s",
		    circle_config_file(t->config), it->line, e.msg);
		config_fatal(t);
	}
	return tz;
}

/* lib's settings (circle_settings): --tz over the config's timezone. */
static const char *
setting(void *arg, const char *key)
{
	struct tool	*t = arg;

	if (strcmp(key, "timezone") == 0 && t->tz != NULL)
		return t->tz;
	return tool_config(t, key);
}

/* My zone (--tz, the config, $TZ, the system's), or NULL if unknown. */
const char *
tool_my_zone(struct tool *t)
{
	if (t->mytz == NULL)
		t->mytz = circle_my_zone();
	return t->mytz;
}

static void
setup_locale(void)
{
	/* Widths and wcwidth(3) need UTF-8; data is always UTF-8. */
	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Close the database, free what parsing kept, and make sure stdout got
 * everything; returns the exit status. */
static int
end_command(struct tool *t, int status)
{
	size_t	i;

	circle_db_close(t->db);
	t->db = NULL;
	for (i = 0; i < t->nlists; i++)
		free(t->lists[i]);
	free(t->lists);
	free(t->given);
	circle_config_free(t->config);
	free(t->mytz);
	for (i = 0; i < t->ndates; i++)
		free(t->dates[i]);
	free(t->dates);
	t->dates = NULL;
	t->ndates = 0;
	t->config = NULL;
	t->mytz = NULL;
	free(t->words);
	t->lists = NULL;
	t->given = NULL;
	t->words = NULL;
	t->nlists = t->ngiven = 0;
	if ((fflush(stdout) != 0 || ferror(stdout)) && pager_pid == -1) {
		if (status == 0 || status == CIRCLE_EFAIL)
			status = tool_error(t, CIRCLE_EIO, "write error: %s",
			    strerror(errno));
	}
	pager_wait();
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

/* The verb "first SECOND" nearest to "first second" ("survey lst"), or NULL. */
static const struct verb *
nearest_second(const struct tool *t, const char *first, const char *second)
{
	const struct verb	*v, *best = NULL;
	size_t			 l = strlen(first), d, bestd = 3;

	for (v = t->verbs; v->name != NULL; v++)
		if (strncmp(v->name, first, l) == 0 && v->name[l] == ' ' &&
		    (d = circle_levenshtein(second, v->name + l + 1)) < bestd)
			best = v, bestd = d;
	return best;
}

/*
 * --help of the first word of verbs of two words ("survey"): each of them,
 * as the tool's --help shows them.  Exit status 0.
 */
static int
two_word_help(const struct tool *t, const char *first)
{
	const struct verb	*v;
	size_t			 l = strlen(first);

	printf("%s %s: %s\n\n", t->progname, first, two_word(t, first));
	for (v = t->verbs; v->name != NULL; v++) {
		if (strncmp(v->name, first, l) != 0 || v->name[l] != ' ')
			continue;
		printf("  circle %s %s%s%s\n", t->name, v->name,
		    *v->usage != '\0' ? " " : "", v->usage);
		printf("      %s\n", v->summary);
	}
	printf("\nSee circle-%s(1).\n", t->name);
	return 0;
}

/*
 * Words people try for a verb a tool has under another name, or does in
 * another way: what to type instead.  Looked at before the nearest
 * spelling, which for these is wrong ("unmark" is not "mark").
 */
static const struct {
	const char	*tool;
	const char	*words;		/* space-separated, each between */
	const char	*hint;
} verb_words[] = {
	{ "roster", " remove delete rm del erase drop ",
	    "'leave' takes someone out of a group, 'deactivate' keeps them "
	    "on the roster but out of lists, and 'forget' erases them for good "
	    "(see circle-roster(1))" },
	{ "roster", " new create ", "'add' adds someone" },
	{ "roster", " update change modify set rename ", "'edit' changes "
	    "someone's details (circle roster edit MEMBER --email ADDR; "
	    "--name NAME renames them)" },
	{ "roster", " find lookup look ", "'search' finds people by words "
	    "in their names or notes (circle roster search TEXT), 'show' "
	    "shows one" },
	{ "roster", " export dump save ", "'circle export csv members' "
	    "writes the roster as CSV ('--with-contacts' for their details), "
	    "'circle export xlsx' a workbook" },
	{ "session", " delete remove rm del drop ", "'cancel' keeps the "
	    "session as cancelled, with its reason ('--undo' brings it "
	    "back)" },
	{ "session", " new create schedule ", "'add' adds one session, "
	    "'plan' a series" },
	{ "session", " reschedule postpone ", "'move' moves a session, or "
	    "the series from it ('move SESSION to WHEN')" },
	{ "session", " uncancel restore ", "'cancel' with --undo brings a "
	    "cancelled session back" },
	{ "session", " update change modify set ", "'edit' changes a "
	    "session's topic, place, link, notes or length, 'move' its day or "
	    "time" },
	{ "session", " export ", "'circle export ics' writes the sessions "
	    "for a calendar" },
	{ "group", " delete remove rm del drop ", "'archive' keeps the "
	    "group and its history out of lists ('--undo' brings it back)" },
	{ "group", " new create ", "'add' adds a group, 'import' one from "
	    "its file" },
	{ "group", " update change modify set rename ", "'edit' changes a "
	    "group's details (--name NAME renames it), 'import' again from "
	    "its file" },
	{ "attend", " unmark remove delete clear ", "'undo' puts back the "
	    "last mark command, 'circle undo' any command, and 'mark' again "
	    "with --absent or another status changes a mark" },
	{ "attend", " present absent late excused ", "'mark' records it: "
	    "circle attend mark [--late | --left-early | --excused | --absent] "
	    "SESSION MEMBER..." },
	{ "checkin", " add record answer ", "'take' records one person's "
	    "answers, 'round' a whole session's, 'survey add' adds a survey" },
	{ "checkin", " close done ", "'resolve' closes a follow-up that was "
	    "done (circle checkin resolve ID), 'dismiss' one that was not "
	    "needed" },
	{ "attend", " register roll sheet ", "'import' reads a sign-in "
	    "sheet or register (CSV, xlsx or ods), 'mark' marks people by "
	    "name, 'circle export signin' prints a sheet" },
	{ "export", " excel xls spreadsheet workbook ", "'xlsx' writes a "
	    "workbook Excel opens (circle export xlsx -o FILE.xlsx)" },
	{ "export", " calendar ical outlook google ", "'ics' writes "
	    "the sessions as a calendar file (circle export ics -o FILE.ics)" },
	{ "export", " pdf print html ", "nothing prints to PDF here: "
	    "'signin' writes a sign-in sheet as xlsx to print, 'xlsx' a "
	    "workbook; circle session prep --format md a prep sheet" },
	{ "db", " restore import open unseal decrypt ", "'load' brings a "
	    "backup (sealed or not) or a dump back, into a new database "
	    "(circle --db NEW.db db load FILE); 'merge' brings in an extract "
	    "a facilitator sent; a sealed file is opened in memory only, "
	    "never written plain" },
	{ "db", " export send share ", "'extract' writes groups for a "
	    "coordinator (circle db extract --group G --encrypt -o FILE)" },
	{ "db", " save copy ", "'backup' copies the whole database (circle "
	    "db backup FILE)" },
};

/* The hint for word as a verb of t, or NULL. */
static const char *
verb_word(const struct tool *t, const char *word)
{
	char	w[40];
	size_t	i;

	if (strlen(word) > sizeof w - 3 || strchr(word, ' ') != NULL)
		return NULL;
	snprintf(w, sizeof w, " %s ", word);
	for (i = 0; i < sizeof verb_words / sizeof verb_words[0]; i++)
		if (strcmp(t->name, verb_words[i].tool) == 0 &&
		    strcasestr(verb_words[i].words, w) != NULL)
			return verb_words[i].hint;
	return NULL;
}

/* An option before the verb that is no common one. */
static int
unknown_common(struct tool *t, const char *w)
{
	const struct option	*o;

	if ((o = nearest_option(common_opts, NCOMMON, w)) != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "unknown option %s; did "
		    "you mean --%s?", w, o->name);
	return tool_error(t, CIRCLE_EUSAGE, "unknown option %s (see circle %s "
	    "--help)", w, t->name);
}

int
tool_main(struct tool *t, int argc, char **argv)
{
	const struct verb	*v, *best = NULL;
	const char		*arg;
	size_t			 d, bestd = 3;
	int			 i, c, status, help = 0;

	circle_sqlite_setup();	/* before anything uses SQLite */
	umask(077);	/* every file a tool writes is private */
	setup_locale();
	snprintf(t->progname, sizeof t->progname, "circle-%s", t->name);
	t->tty = isatty(STDOUT_FILENO);
	circle_err_clear(&t->err);
	circle_settings(setting, t);
	/* The shell completions' question (complete.c), never a verb. */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0)
		return tool_complete(t, argc - 2, argv + 2);

	/* A tool of one verb without a name: all its words are the verb's. */
	if (*t->verbs[0].name == '\0') {
		t->verb = &t->verbs[0];
		optind = 0;
		return end_command(t, run_verb(t, argc, argv));
	}
	/* Common options may come before the verb. */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		arg = NULL;
		if (strcmp(argv[i], "-q") == 0) {
			t->quiet = 1;
			continue;
		}
		for (c = 0; c < (int)NCOMMON; c++) {
			size_t l = strlen(common_opts[c].name);
			if (strncmp(argv[i], "--", 2) == 0 &&
			    strncmp(argv[i] + 2, common_opts[c].name, l) == 0 &&
			    (argv[i][l + 2] == '\0' || argv[i][l + 2] == '='))
				break;
		}
		if (c == (int)NCOMMON)
			return unknown_common(t, argv[i]);
		if (common_opts[c].has_arg == optional_argument &&
		    (arg = strchr(argv[i], '=')) != NULL)
			arg++;
		if (common_opts[c].has_arg == required_argument) {
			if ((arg = strchr(argv[i], '=')) != NULL)
				arg++;
			else if (i + 1 < argc && !value_is_option(argv[i + 1],
			    "q", common_opts))
				arg = argv[++i];
			else
				return tool_error(t, CIRCLE_EUSAGE, "%s needs a "
				    "value", argv[i]);
		}
		if (common_option(t, common_opts[c].val, arg, &status) == -1)
			return end_command(t, status);
	}
	if (i == argc) {
		tool_usage(t);
		return CIRCLE_EUSAGE;
	}
	/* circle roster help [VERB]: as --help, or the verb's --help. */
	if (strcmp(argv[i], "help") == 0 && find_verb(t, "help") == NULL &&
	    i + 2 >= argc && (i + 1 == argc ||
	    (t->verb = find_verb(t, argv[i + 1])) != NULL)) {
		common_option(t, OPT_HELP, NULL, &status);
		return end_command(t, status);
	}
	if (strcmp(argv[i], "help") == 0 && find_verb(t, "help") == NULL &&
	    i + 2 == argc)
		help = ++i;	/* roster help lst: the verb is what is unknown */
	/* checkin survey --help, checkin help survey: the verbs under it. */
	if (two_word(t, argv[i]) != NULL && (help || (i + 2 == argc &&
	    strcmp(argv[i + 1], "--help") == 0)))
		return end_command(t, two_word_help(t, argv[i]));
	/* A verb of two words: "survey add". */
	if (i + 1 < argc && find_verb(t, argv[i]) == NULL) {
		char	two[128];

		snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
		if ((t->verb = find_verb(t, two)) != NULL) {
			optind = 0;
			i++;
			status = run_verb(t, argc - i, argv + i);
			return end_command(t, status);
		}
	}
	if ((t->verb = find_verb(t, argv[i])) == NULL) {
		if (two_word(t, argv[i]) && i + 1 < argc &&
		    (best = nearest_second(t, argv[i], argv[i + 1])) != NULL)
			return tool_error(t, CIRCLE_EUSAGE, "unknown verb "
			    "\"%s %s\"; did you mean \"%s\"?", argv[i],
			    argv[i + 1], best->name);
		if (two_word(t, argv[i]))
			return tool_error(t, CIRCLE_EUSAGE, "%s: give one of: "
			    "%s", argv[i], two_word(t, argv[i]));
		if (verb_word(t, argv[i]) != NULL)
			return tool_error(t, CIRCLE_EUSAGE, "no verb \"%s\": %s",
			    argv[i], verb_word(t, argv[i]));
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
	status = run_verb(t, argc - i, argv + i);
	return end_command(t, status);
}

/*
 * Where a write says what it wrote: the standard output, unless the file
 * written is the standard output itself (-o /dev/stdout sent to a file
 * or a pipe), where the words would end up inside the file: the
 * standard error then.
 */
FILE *
tool_said_fp(const char *path)
{
	struct stat	a, b;

	if (path != NULL && stat(path, &a) == 0 &&
	    fstat(STDOUT_FILENO, &b) == 0 && a.st_dev == b.st_dev &&
	    a.st_ino == b.st_ino)
		return stderr;
	return stdout;
}

/*
 * "wrote PATH", unless -q: said where tool_said_fp says, never into the
 * file itself (-o /dev/stdout sent to a pipe).
 */
void
tool_say_wrote(struct tool *t, const char *path)
{
	if (!t->quiet)
		fprintf(tool_said_fp(path), "wrote %s\n", path);
}

/*
 * A file that may hold people was written to path (NULL or "-": the
 * standard output, remembered as the file the shell sent it to, or as
 * sent to a pipe; a terminal keeps nothing): remember it for forget
 * (written.c).  The file is there whatever happens here, so a failure is
 * a warning.
 */
void
tool_wrote(struct tool *t, const char *path, const char *kind)
{
	struct circle_err	e;

	if (t->db == NULL)
		return;
	/* The standard output: a file the shell named, or a pipe. */
	if (path == NULL || strcmp(path, "-") == 0) {
		if (isatty(STDOUT_FILENO))
			return;
		path = "/dev/stdout";
	}
	if (circle_written_add(t->db, path, kind, &e) == -1)
		tool_warn(t, "warning: %s is written, but could not be "
		    "remembered for circle roster forget: %s", path, e.msg);
}

/*
 * A path as people write it: ~ for the home directory.  Written as text
 * from outside is: a control character in it shown, never sent.
 */
static void
print_path(const char *path)
{
	const char	*below = circle_under_home(path);

	if (below != NULL)
		fputc('~', stdout);
	tool_print_text(stdout, below != NULL ? below : path);
}

/* A kind of file written, as a thing sent to a pipe: "a workbook". */
static const char *
kind_said(const char *kind)
{
	if (strcmp(kind, "xlsx") == 0)
		return "a workbook";
	if (strcmp(kind, "csv") == 0)
		return "a CSV table";
	if (strcmp(kind, "signin") == 0)
		return "a sign-in sheet";
	if (strcmp(kind, "extract") == 0)
		return "an extract";
	return strcmp(kind, "backup") == 0 ? "a backup" : "a dump";
}

/* The ones of w piped or not, ", " and " and " between. */
static void
print_written_some(const struct circle_written *w, size_t n, int piped)
{
	size_t	i, k = 0, of = 0;

	for (i = 0; i < n; i++)
		of += circle_written_piped(&w[i]) == piped;
	for (i = 0; i < n; i++) {
		if (circle_written_piped(&w[i]) != piped)
			continue;
		if (k++ > 0)
			fputs(k == of ? " and " : ", ", stdout);
		if (piped)
			fputs(kind_said(w[i].kind), stdout);
		else {
			if (strcmp(w[i].kind, "backup") == 0 ||
			    strcmp(w[i].kind, "dump") == 0 ||
			    strcmp(w[i].kind, "extract") == 0)
				printf("the %s ", w[i].kind);
			print_path(w[i].path);
		}
		printf(" (%s)", w[i].day);
	}
}

/*
 * The files circle wrote that may still hold who (a person forgotten, by
 * circle roster forget or a merge), still there: "sam-w may still be in
 * ~/autumn.xlsx (2026-11-03) and the backup ~/circle-2026-11-21.db
 * (2026-11-21)"; then what went to a pipe, whose end circle cannot see,
 * said as that: "and in what circle sent to a pipe, where it cannot
 * follow: a dump (2026-11-20)".  Nothing is done to them.
 */
void
tool_print_written(const char *who, const struct circle_written *w, size_t n)
{
	size_t	i, piped = 0;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		piped += circle_written_piped(&w[i]);
	printf("%s may still be in ", who);
	print_written_some(w, n, 0);
	if (piped > 0) {
		printf("%swhat circle sent to a pipe, where it cannot follow: ",
		    piped < n ? ", and in " : "");
		print_written_some(w, n, 1);
	}
	putchar('\n');
}

/*
 * A CSV import failed: its bad cells, a line each, then what lib/ said
 * (how many, or the one).  Returns the exit status.
 */
int
tool_import_failed(struct tool *t, char *const *errors, size_t n)
{
	tool_notes(t, errors, n);
	return tool_fail(t);
}

/* A dry run of a CSV import: how its file was read, a column a line. */
void
tool_import_columns(struct tool *t, int dry_run, char *const *lines,
    size_t n)
{
	size_t	i;

	if (!dry_run)
		return;
	for (i = 0; i < n; i++) {
		tool_print_text(stdout, lines[i]);
		putchar('\n');
	}
}

/*
 * An option's old name, kept working for scripts: 1, with a warning on
 * stderr, when the verb was given it (as val); 0 when not.
 */
int
tool_old_option(struct tool *t, int val, const char *old, const char *now)
{
	if (!tool_has(t, val))
		return 0;
	tool_warn(t, "warning: %s%s%s is deprecated; use %s", t->verb->name,
	    verb_colon(t), old, now);
	return 1;
}
