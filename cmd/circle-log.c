/*
 * circle-log: the change log as people read it, newest first: which
 * command, when, which tool, and what changed in words; by group, person,
 * session or date.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static int
log_run(struct tool *t, int argc, char **argv)
{
	struct circle_log_filter	 f;
	const struct circle_col		*cols;
	struct circle_out		*o;
	struct circle_db		*db;
	const char			*n;
	char				*end;
	size_t				 ncols;

	(void)argc;
	(void)argv;
	memset(&f, 0, sizeof f);
	f.group = tool_opt(t, 'g');
	f.member = tool_opt(t, 'm');
	f.session = tool_opt(t, 's');
	f.since = tool_opt(t, 'S');
	if ((n = tool_opt(t, 'n')) != NULL) {
		f.limit = strtol(n, &end, 10);
		if (!isdigit((unsigned char)*n) || *end != '\0' || f.limit <= 0)
			return tool_error(t, CIRCLE_EUSAGE, "--limit %s: not a "
			    "number of changes", n);
	}
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	cols = circle_log_cols(&ncols);
	o = tool_out(t, cols, ncols);
	if (circle_log_list(db, &f, tool_row, o, &t->err) == -1) {
		circle_out_finish(o);
		return tool_fail(t);
	}
	return tool_finish(t, o);
}

static const struct option log_opts[] = {
	OPTION_GROUP,
	{ "member", required_argument, NULL, 'm' },
	{ "session", required_argument, NULL, 's' },
	{ "since", required_argument, NULL, 'S' },
	{ "from", required_argument, NULL, 'S' },	/* the reports' word */
	{ "limit", required_argument, NULL, 'n' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "", "[--group G] [--member M] [--session SESSION] [--since DATE] "
	    "[--limit N]", "what each command changed, newest first",
	    log_run, VERB_BACK, log_opts, "g:m:s:S:n:", 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "log",
		.summary = "what changed, when, and by which command",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
