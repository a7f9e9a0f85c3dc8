/*
 * tool.h: what every circle tool shares: a table of verbs and one main
 * that parses the common options and each verb's own, checks the number
 * of operands, opens the database when a verb asks for it, dispatches, and
 * reports errors and write failures the same way.
 *
 * One return convention in cmd/: a function that may end the command
 * returns an exit status, 0 when all is well (for a check: go on), else
 * the nonzero status to exit with, the message already on stderr.  A verb
 * function's status is the tool's exit status.
 */
#ifndef CIRCLE_TOOL_H
#define CIRCLE_TOOL_H

#include <getopt.h>

#include "circle.h"

struct tool;

enum {
	VERB_NODB = 0x1,	/* never opens the database */
	VERB_NOUNDO = 0x2,	/* its writes keep no undo data (db load) */
	VERB_BACK = 0x4		/* looks back (reports): a month or quarter
				 * without its year is the latest begun */
};

#define VERB_MANY	(-1)	/* as max: any number of operands */

/*
 * A verb as declared, like tmux's cmd_entry: its usage (after "circle TOOL
 * VERB"), its options and how many operands it takes.  tool_main parses
 * the options given against opts (long names, and has_arg: what
 * completion offers) and shortopts (getopt(3) letters of those that have a
 * short form), refuses a wrong number of operands with the usage (exit
 * 2), and calls run with only the operands; run reads its options with
 * tool_opt(), tool_has() and tool_values().  An option's
 * val is its letter, or a value from 0x80 to 0xff when it has none.  A
 * tool of one verb named "" takes no verb word: "circle log --since X".
 */
struct verb {
	const char		*name;		/* "add", or "survey add" */
	const char		*usage;		/* "[--dry-run] FILE.yaml" */
	const char		*summary;
	int			(*run)(struct tool *, int, char **);
	int			 flags;
	const struct option	*opts;		/* NULL-terminated, or NULL */
	const char		*shortopts;	/* NULL: none */
	int			 min;		/* operands */
	int			 max;		/* or VERB_MANY */
};

/* Verb options several tools share, each spelled (and given a val) once. */
#define OPTION_GROUP	{ "group", required_argument, NULL, 'g' }
#define OPTION_FROM	{ "from", required_argument, NULL, 'F' }
#define OPTION_TO	{ "to", required_argument, NULL, 't' }
/* --from and --to under the names circle db extract and log give them */
#define OPTION_SINCE_UNTIL \
	{ "since", required_argument, NULL, 'F' }, \
	{ "until", required_argument, NULL, 't' }
#define OPTION_ALL	{ "all", no_argument, NULL, 'a' }
#define OPTION_FORCE	{ "force", no_argument, NULL, 'f' }
#define OPTION_DRY_RUN	{ "dry-run", no_argument, NULL, 'n' }
#define OPTION_YES	{ "yes", no_argument, NULL, 'y' }
#define OPTION_END	{ NULL, 0, NULL, 0 }
/* The CSV imports' (roster, attend, checkin import): long only. */
#define OPTION_ENCODING	{ "encoding", required_argument, NULL, 0xe0 }
#define OPTION_DATE_ORDER { "date-order", required_argument, NULL, 0xe1 }
#define OPT_ENCODING	0xe0
#define OPT_DATE_ORDER	0xe1
/* ... and a workbook's sheet to read (lib/xlsxread.c). */
#define OPTION_SHEET	{ "sheet", required_argument, NULL, 0xe2 }
#define OPT_SHEET	0xe2
/* A period (last quarter, jan-mar 2026) as both --from and --to: tool.c. */
#define OPTION_IN	{ "in", required_argument, NULL, 0xe3 }
#define OPT_IN		0xe3

/* An option as given on the command line. */
struct tool_given {
	int		 val;		/* struct option's val */
	const char	*arg;		/* its value, or NULL */
	int		 longindex;	/* its name in the verb's opts; -1:
					   given by its letter */
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
	struct tool_given	*given;		/* owned: the verb's options */
	size_t			 ngiven;
	const char		***lists;	/* owned: tool_values()'s */
	size_t			 nlists;
	const char		*color;		/* --color's word, or NULL */
	int			 no_pager;	/* --no-pager */
	const char		*configpath;	/* --config, or NULL */
	const char		*tz;		/* --tz: my zone for once */
	struct circle_config	*config;	/* owned: read on first use */
	char			*mytz;		/* owned: tool_my_zone()'s */
	char			**dates;	/* owned: dates said, as ISO */
	size_t			 ndates;
	/* The verb's words as typed, recorded with what it writes. */
	char			**words;	/* owned: the array only */
	int			 nwords;
	int			 quiet;		/* -q: no "what changed" line */
	const char		*empty;		/* why no rows, said on a
						   terminal */
};

int	 tool_main(struct tool *, int, char **);
const char *tool_opt(const struct tool *, int);
int	 tool_has(const struct tool *, int);
const char **tool_values(struct tool *, int, size_t *);
const char *tool_word(const char *const *, size_t, int);
#define TOOL_WORD(words, i) \
	tool_word((words), sizeof (words) / sizeof (words)[0], (i))
struct circle_db *tool_db(struct tool *, int);
struct circle_db *tool_db_peek(const char *, const char *, char **);
int	 tool_usage_operand(const struct verb *, int, char *, size_t);
int	 tool_usage(struct tool *);
int	 tool_fail(struct tool *);
void	 tool_wall(struct tool *, const struct circle_wall *);
void	 tool_notes(struct tool *, char *const *, size_t);
void	 tool_print_text(FILE *, const char *);
void	 tool_warn(struct tool *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 tool_error(struct tool *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
struct circle_out *tool_out(struct tool *, const struct circle_col *, size_t);
struct circle_out *tool_record(struct tool *, const struct circle_col *,
	    size_t);
void	 tool_row(void *, const char *const *);
int	 tool_finish(struct tool *, struct circle_out *);
int	 tool_confirm(struct tool *, const char *, const char *);
void	 tool_pager(struct tool *);
int	 tool_color(struct tool *);
int	 tool_columns(const struct tool *);
void	 tool_term(struct tool *, struct circle_out *);
FILE	*tool_said_fp(const char *);
void	 tool_say_wrote(struct tool *, const char *);
void	 tool_wrote(struct tool *, const char *, const char *);
void	 tool_print_written(const char *, const struct circle_written *,
	    size_t);
const char *tool_config(struct tool *, const char *);
struct circle_config *tool_config_load(struct tool *);
const char *tool_my_zone(struct tool *);
const char *tool_date(struct tool *, const char *, const char *);
int	 tool_from_now(struct tool *, const char *, char [11], char [6]);
enum circle_format tool_format(const struct tool *);
int	 tool_import_failed(struct tool *, char *const *, size_t);
void	 tool_import_columns(struct tool *, int, char *const *, size_t);
void	 tool_say(struct tool *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 tool_old_option(struct tool *, int, const char *, const char *);

/* complete.c: "circle-TOOL __complete WORD...", for the shells. */
extern const char tool_common_help[];
const struct option *tool_common_options(size_t *);
int	 tool_complete(struct tool *, int, char **);

#endif
