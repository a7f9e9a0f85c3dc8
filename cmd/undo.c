/*
 * undo.c: putting a command back, as circle undo and circle attend undo
 * both do it: what it did shown in words, the undo checked before asking,
 * asked on a terminal (--yes otherwise), then done.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"
#include "undo.h"

#define SHOWN_MAX	12	/* changes listed before "and N more" */

static void
show_command(const struct circle_command *c)
{
	size_t	i;

	printf("command %lld, %s: circle %s%s%s%s%s", c->id, c->at, c->tool,
	    c->verb != NULL ? " " : "", c->verb != NULL ? c->verb : "",
	    c->args != NULL && *c->args != '\0' ? " " : "",
	    c->args != NULL ? c->args : "");
	/*
	 * Its words emptied by a forget ("circle db merge" would read as
	 * if no file was merged): said as that.
	 */
	if (c->args == NULL && c->undo != NULL &&
	    strcmp(c->undo, "never") != 0)
		printf(" (the words it was typed with went when someone it "
		    "changed was forgotten)");
	putchar('\n');
	for (i = 0; i < c->nchanges && i < SHOWN_MAX; i++) {
		fputs("  ", stdout);
		tool_print_text(stdout, c->changes[i]);
		fputc('\n', stdout);
	}
	if (c->nchanges > SHOWN_MAX)
		printf("  and %zu more\n", c->nchanges - SHOWN_MAX);
}

/*
 * Undo command id (0: the last, of tool when given); yes: do not ask.
 * Returns the exit status.
 */
int
tool_undo(struct tool *t, long long id, const char *tool, int yes)
{
	struct circle_command	 c;
	struct circle_db	*db;
	long long		 undo_id;
	char			*q;
	int			 ok;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_command_get(db, id, tool, &c, &t->err) == -1)
		return tool_fail(t);
	printf("undo of ");
	show_command(&c);
	fflush(stdout);
	/* Refused before anyone is asked. */
	if (circle_undo(db, c.id, 1, &undo_id, &t->err) == -1) {
		circle_command_release(&c);
		return tool_fail(t);
	}
	/* --dry-run: shown and checked, nothing asked, nothing changed. */
	if (tool_has(t, 'n')) {
		circle_command_release(&c);
		printf("dry run: it can be undone; nothing changed\n");
		return 0;
	}
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			circle_command_release(&c);
			return tool_error(t, CIRCLE_EUSAGE, "not on a "
			    "terminal; give --yes to undo without asking");
		}
		circle_xasprintf(&q, "Put back what command %lld did?", c.id);
		ok = tool_confirm(t, q, "undo");
		free(q);
		if (!ok) {
			circle_command_release(&c);
			return tool_error(t, CIRCLE_EFAIL, "not confirmed; "
			    "nothing changed");
		}
	}
	if (circle_undo(db, c.id, 0, &undo_id, &t->err) == -1) {
		circle_command_release(&c);
		return tool_fail(t);
	}
	printf("undid command %lld; this undo is command %lld ('circle undo "
	    "%lld' does it again)\n", c.id, undo_id, undo_id);
	circle_command_release(&c);
	return 0;
}
