/*
 * circle-export: the sessions for other programs: an iCalendar file for
 * calendar clients; a workbook, a sign-in sheet and CSV tables for
 * spreadsheets.  A file named with -o is written beside itself under a
 * temporary name (0600, or --mode for a calendar) and renamed into place,
 * so it is never half there.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/*
 * What a write to -o FILE says it did (nothing when it went to stdout;
 * on stderr when FILE is the standard output: tool_say_wrote).
 */
static int
say_written(struct tool *t, const char *output)
{
	if (output != NULL && strcmp(output, "-") != 0)
		tool_say_wrote(t, output);
	return 0;
}

/*
 * The database, and -o FILE not the database itself (circle export xlsx
 * -o circle.db, in its directory, would replace it): -1, said, if not.
 */
static int
export_db(struct tool *t, const char *output)
{
	if (tool_db(t, 0) == NULL)
		return -1;
	if (output != NULL && strcmp(output, "-") != 0 &&
	    circle_atomic_not_db(t->db, output, &t->err) == -1) {
		tool_fail(t);
		return -1;
	}
	return 0;
}

/* Long-only options (tool.h: 0x80 to 0xff). */
enum {
	OPT_PER_SESSION = 0x80,
	OPT_MODE,
	OPT_CONTACTS,
	OPT_PSEUDONYMIZE,
	OPT_BLANK,
	OPT_BOM
};

/* Permission bits in octal, 3 or 4 digits (0644, 640), at most 0777. */
static int
parse_mode(const char *s, mode_t *mode)
{
	size_t	n = strlen(s), i;
	mode_t	m = 0;

	if (n < 3 || n > 4 || (n == 4 && s[0] != '0'))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '7')
			return -1;
		m = m * 8 + (mode_t)(s[i] - '0');
	}
	*mode = m;
	return 0;
}

static int
export_ics(struct tool *t, int argc, char **argv)
{
	struct circle_ics_opts	 o;
	struct circle_atomic	 a;
	const char		*output = tool_opt(t, 'o');
	const char		*modearg = tool_opt(t, OPT_MODE);
	char			*text;
	FILE			*fp;
	mode_t			 mode = 0600;
	int			 rc;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.all = tool_has(t, 'a');
	o.from = tool_opt(t, 'F');
	o.to = tool_opt(t, 't');
	o.per_session = tool_has(t, OPT_PER_SESSION);
	if ((o.all && o.group != NULL) || (output != NULL && *output == '\0'))
		return tool_usage(t);
	if (modearg != NULL && (output == NULL || strcmp(output, "-") == 0)) {
		tool_error(t, CIRCLE_EUSAGE, "ics: --mode needs -o FILE");
		return tool_usage(t);
	}
	if (modearg != NULL && parse_mode(modearg, &mode) == -1) {
		tool_error(t, CIRCLE_EUSAGE, "ics: --mode %s: expected octal "
		    "permissions, such as 0640 (at most 0777)", modearg);
		return tool_usage(t);
	}
	if (export_db(t, output) == -1)
		return t->err.code;
	if (circle_ics_export(t->db, &o, &text, &t->err) == -1)
		return tool_fail(t);
	rc = 0;
	if (output == NULL || strcmp(output, "-") == 0)
		fputs(text, stdout);
	else if ((fp = circle_atomic_fopen(output, mode, &a, &t->err)) ==
	    NULL)
		rc = tool_fail(t);
	else {
		fputs(text, fp);
		if (circle_atomic_fclose(&a, fp, 1, &t->err) == -1)
			rc = tool_fail(t);
		else
			say_written(t, output);
	}
	free(text);
	return rc;
}


/* The options of xlsx and csv; 0 to go on, else an exit status. */
static int
table_from_opts(struct tool *t, struct circle_export_opts *o,
    const char **output)
{
	memset(o, 0, sizeof *o);
	o->group = tool_opt(t, 'g');
	o->all = tool_has(t, 'a');
	o->from = tool_opt(t, 'F');
	o->to = tool_opt(t, 't');
	o->with_contacts = tool_has(t, OPT_CONTACTS);
	o->pseudonymize = tool_has(t, OPT_PSEUDONYMIZE);
	*output = tool_opt(t, 'o');
	if ((o->all && o->group != NULL) || (*output != NULL &&
	    **output == '\0'))
		return tool_usage(t);
	if (o->with_contacts && o->pseudonymize)
		return tool_error(t, CIRCLE_EUSAGE, "%s: --with-contacts and "
		    "--pseudonymize do not go together", t->verb->name);
	return 0;
}

/* A workbook goes to -o FILE, or down a pipe; never onto a terminal. */
static int
book_output(struct tool *t, const char **output)
{
	if (*output != NULL && strcmp(*output, "-") == 0)
		*output = NULL;
	if (*output == NULL && t->tty)
		return tool_error(t, CIRCLE_EUSAGE, "%s: a workbook is not for "
		    "the terminal; give -o FILE.xlsx", t->verb->name);
	return 0;
}

static int
export_xlsx(struct tool *t, int argc, char **argv)
{
	struct circle_export_opts	 o;
	const char			*output;
	int				 rc;

	if ((rc = table_from_opts(t, &o, &output)) != 0)
		return rc;
	if ((rc = book_output(t, &output)) != 0)
		return rc;
	if (export_db(t, output) == -1)
		return t->err.code;
	if (circle_xlsx_export(t->db, &o, output, stdout, &t->err) == -1)
		return tool_fail(t);
	tool_wrote(t, output, "xlsx");
	return say_written(t, output);
}

static int
export_csv(struct tool *t, int argc, char **argv)
{
	struct circle_export_opts	 o;
	const char			*output;
	int				 rc;

	if ((rc = table_from_opts(t, &o, &output)) != 0)
		return rc;
	o.bom = tool_has(t, OPT_BOM);
	if (output != NULL && strcmp(output, "-") == 0)
		output = NULL;
	if (export_db(t, output) == -1)
		return t->err.code;
	if (circle_export_csv(t->db, argv[0], &o, output, stdout,
	    &t->err) == -1)
		return tool_fail(t);
	/* The sessions table is counts and topics: it holds no one. */
	if (strcmp(argv[0], "sessions") != 0)
		tool_wrote(t, output, "csv");
	return say_written(t, output);
}

static int
export_signin(struct tool *t, int argc, char **argv)
{
	const char	*output = tool_opt(t, 'o');
	const char	*arg = tool_opt(t, OPT_BLANK);
	char		*end;
	long		 blank = 8;
	int		 rc;

	if (arg != NULL) {
		errno = 0;
		blank = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || errno != 0 || blank < 0 ||
		    blank > 1000)
			return tool_error(t, CIRCLE_EDATA, "blank: \"%s\" is "
			    "not a number of rows (0 to 1000)", arg);
	}
	if (output != NULL && *output == '\0')
		return tool_usage(t);
	if ((rc = book_output(t, &output)) != 0)
		return rc;
	if (export_db(t, output) == -1)
		return t->err.code;
	if (circle_xlsx_signin(t->db, tool_opt(t, 'g'), argv[0], (int)blank,
	    output,
	    stdout, &t->err) == -1)
		return tool_fail(t);
	tool_wrote(t, output, "signin");
	return say_written(t, output);
}

static const struct option ics_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	{ "per-session", no_argument, NULL, OPT_PER_SESSION },
	{ "output", required_argument, NULL, 'o' },
	{ "mode", required_argument, NULL, OPT_MODE },
	OPTION_END
};

/* What a workbook and a CSV table are of, and who is in them. */
#define TABLE_OPTIONS \
	OPTION_GROUP, \
	OPTION_ALL, \
	OPTION_FROM, \
	OPTION_TO, \
	OPTION_IN, \
	{ "with-contacts", no_argument, NULL, OPT_CONTACTS }, \
	{ "pseudonymize", no_argument, NULL, OPT_PSEUDONYMIZE }, \
	{ "output", required_argument, NULL, 'o' }

static const struct option table_opts[] = {
	TABLE_OPTIONS,
	OPTION_END
};

static const struct option csv_opts[] = {
	TABLE_OPTIONS,
	{ "bom", no_argument, NULL, OPT_BOM },
	OPTION_END
};

static const struct option signin_opts[] = {
	OPTION_GROUP,
	{ "blank", required_argument, NULL, OPT_BLANK },
	{ "output", required_argument, NULL, 'o' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "ics", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--per-session] [-o FILE [--mode OCTAL]]", "the sessions as an "
	    "iCalendar file (RFC 5545), without members", export_ics,
	    0, ics_opts, "g:aF:t:o:", 0, 0 },
	{ "xlsx", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--with-contacts | --pseudonymize] [-o FILE]", "a workbook for "
	    "a coordinator: summary, attendance, sessions, roster, check-ins, "
	    "follow-ups", export_xlsx, VERB_BACK, table_opts, "g:aF:t:o:",
	    0, 0 },
	{ "signin", "[--group G] [--blank N] [-o FILE] SESSION",
	    "a printable sign-in sheet (xlsx) for a session", export_signin,
	    0, signin_opts, "g:o:", 1, 1 },
	{ "csv", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--with-contacts | --pseudonymize] [--bom] [-o FILE] TABLE",
	    "a table as CSV: members, sessions, attendance, responses or "
	    "followups", export_csv, VERB_BACK, csv_opts, "g:aF:t:o:", 1, 1 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "export",
		.summary = "sessions, attendance and check-ins for other "
		    "programs",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
