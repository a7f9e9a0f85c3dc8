/*
 * circle-undo: put back the last command that wrote, or the one named by
 * its number in circle log, whole; itself a command that can be undone.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "tool.h"
#include "undo.h"

static int
undo_run(struct tool *t, int argc, char **argv)
{
	long long	 id = 0;
	char		*end;

	/* "undo last" is what "undo" alone does. */
	if (argc == 1 && strcasecmp(argv[0], "last") != 0) {
		id = strtoll(argv[0], &end, 10);
		if (!isdigit((unsigned char)*argv[0]) || *end != '\0' ||
		    id <= 0)
			return tool_error(t, CIRCLE_EUSAGE, "\"%s\" is not a "
			    "command number (see circle log); 'circle undo' "
			    "alone puts back the last", argv[0]);
	}
	return tool_undo(t, id, NULL, tool_has(t, 'y'));
}

static const struct option undo_opts[] = {
	OPTION_YES,
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct verb verbs[] = {
	{ "", "[--yes | --dry-run] [COMMAND]", "put back the last command that wrote, or "
	    "the one numbered COMMAND in circle log", undo_run, 0, undo_opts,
	    "yn", 0, 1 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "undo",
		.summary = "put back what a command did",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
