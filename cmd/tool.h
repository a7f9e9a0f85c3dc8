/*
 * tool.h: what every circle tool shares: a table of verbs and one main
 * that parses the common options, opens the database when a verb asks for
 * it, dispatches, and reports errors and write failures the same way.
 */
#ifndef CIRCLE_TOOL_H
#define CIRCLE_TOOL_H

#include <getopt.h>

#include "circle.h"

struct tool;

enum {
	VERB_NODB = 0x1		/* never opens the database */
};

struct verb {
	const char	*name;
	const char	*args;		/* usage after "circle TOOL VERB" */
	const char	*summary;
	int		(*run)(struct tool *, int, char **);
	int		 flags;
};

struct tool {
	const char		*name;		/* "roster" */
	const char		*summary;
	const struct verb	*verbs;
	/* Filled in by tool_main(). */
	char			 progname[64];	/* "circle-roster" */
	const struct verb	*verb;
	const char		*dbpath;	/* --db, or NULL */
	enum circle_format	 fmt;
	int			 tty;		/* stdout is a terminal */
	struct circle_db	*db;
	struct circle_err	 err;
};

int	 tool_main(struct tool *, int, char **);
int	 tool_getopt(struct tool *, int, char **, const char *,
	    const struct option *);
int	 tool_flag(struct tool *, int, char **, const char **, const char *,
	    int *);
struct circle_db *tool_db(struct tool *, int);
int	 tool_usage(struct tool *);
int	 tool_fail(struct tool *);
void	 tool_wall(struct tool *, const struct circle_wall *);
void	 tool_warn(struct tool *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 tool_error(struct tool *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
struct circle_out *tool_out(struct tool *, const struct circle_col *, size_t);
struct circle_out *tool_record(struct tool *, const struct circle_col *,
	    size_t);
int	 tool_finish(struct tool *, struct circle_out *);
int	 tool_confirm(struct tool *, const char *, const char *);

#endif
