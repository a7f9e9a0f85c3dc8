/*
 * circle-agenda: what is next, the screen "circle" alone opens on: each
 * group's sessions today and the next one (in my zone too, when it is not
 * the group's), the past ones nothing was recorded for, and how many
 * follow-ups are open, each with the command that acts on it.  Counts
 * only, never a reason: the screen may be seen by others.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

/* Where the label ends and what it says begins. */
#define LABEL_WIDTH	14

struct view {
	struct tool	*t;
	const char	*here;		/* my zone, or NULL */
	int		 color;
	int		 columns;	/* 0: no limit */
	char		 now[21];	/* UTC */
};

/* "Wed" for the date that begins s (YYYY-MM-DD...), Sakamoto's way. */
static const char *
weekday_of(const char *s)
{
	static const char *const days[] = {
		"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
	};
	static const int	 k[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	struct circle_date	 d;
	char			 date[11];
	int			 y;

	snprintf(date, sizeof date, "%.10s", s);
	if (circle_date_parse(date, &d) == -1)
		return "";
	y = d.year - (d.month < 3);
	return days[(y + y / 4 - y / 100 + y / 400 + k[d.month - 1] + d.day) %
	    7];
}

/* s in colour sgr when the view has colour. */
static void
put_colored(const struct view *v, const char *sgr, const char *s)
{
	if (v->color && sgr != NULL)
		printf("\033[%sm%s\033[m", sgr, s);
	else
		fputs(s, stdout);
}

/*
 * One item: its label (in colour), what it says (people's text made
 * visible, cut with an ellipsis to the terminal's width) and, on the line
 * under it, the command that acts on it.
 */
static void
item(const struct view *v, const char *label, const char *sgr,
    const char *said, const char *command)
{
	char	*vis;
	size_t	 n;
	int	 room = v->columns - LABEL_WIDTH;

	printf("  ");
	put_colored(v, sgr, label);
	printf("%*s", LABEL_WIDTH - 2 - circle_utf8_width(label), "");
	vis = circle_text_visible(said);
	if (v->columns > 0 && room > 8 && circle_utf8_width(vis) > room) {
		n = circle_utf8_cut(vis, room - 1);
		printf("%.*s\xe2\x80\xa6\n", (int)n, vis);
	} else
		printf("%s\n", vis);
	free(vis);
	if (command != NULL)
		printf("%*s%s\n", LABEL_WIDTH, "", command);
}

/*
 * "Wed 2026-12-09 19:00-20:30 (02:00 Thu here): topic", the date left
 * out for today; my own time added when my zone is not the group's.
 */
static char *
session_said(const struct view *v, const struct circle_session *s,
    int with_date)
{
	char	*said = NULL, mine[17];

	if (with_date)
		circle_xappend(&said, "", "%s %.10s ", weekday_of(
		    s->local_start), s->local_start);
	circle_xappend(&said, "", "%s-%s", s->local_start + 11, s->local_end);
	if (v->here != NULL && strcmp(v->here, s->tzid) != 0 &&
	    circle_utc_to_local(s->starts_at, v->here, mine) == 0) {
		if (strncmp(mine, s->local_start, 10) == 0)
			circle_xappend(&said, "", " (%s here)", mine + 11);
		else
			circle_xappend(&said, "", " (%s %s here)",
			    mine + 11, weekday_of(mine));
	}
	if (strcmp(s->status, "scheduled") != 0)
		circle_xappend(&said, "", ", %s", s->status);
	if (s->topic != NULL)
		circle_xappend(&said, "", ": %s", s->topic);
	return said;
}

/* A session of the group, by date, or by id when the date is not enough. */
static char *
command_for(const char *verb, const char *group, const struct circle_session *s,
    int by_id, const char *tail)
{
	char	*c;

	if (by_id)
		circle_xasprintf(&c, "circle %s %lld%s", verb, s->id, tail);
	else
		circle_xasprintf(&c, "circle %s --group %s %.10s%s", verb, group,
		    s->local_start, tail);
	return c;
}

static void
show_today(const struct view *v, const struct circle_agenda_group *g)
{
	const struct circle_session	*s;
	char				*said, *cmd;
	size_t				 i;
	int				 by_id = g->ntoday > 1;

	for (i = 0; i < g->ntoday; i++) {
		s = &g->todays[i];
		said = session_said(v, s, 0);
		if (strcmp(s->status, "cancelled") == 0)
			cmd = NULL;
		else if (strcmp(s->status, "scheduled") != 0)
			cmd = command_for("attend list", g->group, s, by_id, "");
		else if (strcmp(s->starts_at, v->now) <= 0)
			cmd = command_for("attend mark", g->group, s, by_id,
			    " MEMBER...");
		else
			cmd = command_for("session prep", g->group, s, by_id,
			    "");
		item(v, "today", "1", said, cmd);
		free(said);
		free(cmd);
	}
}

static void
show_group(const struct view *v, const struct circle_agenda_group *g)
{
	char	*said, *cmd;
	size_t	 i;

	put_colored(v, "1", g->name);
	printf(" (%s, %s)\n", g->group, g->tzid);
	show_today(v, g);
	if (g->next != NULL) {
		said = session_said(v, g->next, 1);
		cmd = command_for("session prep", g->group, g->next, 0, "");
		item(v, "next", NULL, said, cmd);
		free(said);
		free(cmd);
	} else {
		circle_xasprintf(&cmd, "circle session add --group %s DATE "
		    "HH:MM", g->group);
		item(v, "next", NULL, "nothing planned", cmd);
		free(cmd);
	}
	for (i = 0; i < g->nunrecorded; i++) {
		said = session_said(v, &g->unrecorded[i], 1);
		cmd = command_for("attend mark", g->group, &g->unrecorded[i],
		    0, " MEMBER...");
		item(v, "not marked", "33", said, cmd);
		free(said);
		free(cmd);
	}
	if (g->unrecorded_total > g->nunrecorded) {
		circle_xasprintf(&said, "and %zu more", g->unrecorded_total -
		    g->nunrecorded);
		circle_xasprintf(&cmd, "circle session list --group %s "
		    "--unrecorded", g->group);
		item(v, "", NULL, said, cmd);
		free(said);
		free(cmd);
	}
	if (g->followups > 0) {
		circle_xasprintf(&said, "%lld open", g->followups);
		circle_xasprintf(&cmd, "circle checkin followups --group %s",
		    g->group);
		item(v, "follow-ups", "1;31", said, cmd);
		free(said);
		free(cmd);
	}
}

/* No database yet: how to start, as the README's first steps say. */
static int
first_steps(struct tool *t, const char *path)
{
	printf("No circle database yet");
	if (path != NULL) {
		printf(" (");
		tool_print_text(stdout, path);
		printf(")");
	}
	printf(".  To start:\n\n");
	/* Without its --db, init would make the default one instead. */
	if (t->dbpath != NULL) {
		printf("  circle --db \"");
		tool_print_text(stdout, t->dbpath);
		printf("\" init    make the database (and give the others "
		    "--db too, or set CIRCLE_DB)\n");
	} else
		printf("  circle init                          make the "
		    "database\n");
	printf(
	    "  circle group add --tz ZONE \"NAME\"    add the group you run\n"
	    "  circle roster add --group G \"NAME\"   add the people in it\n"
	    "  circle session plan --group G --every week --on DAY --at HH:MM "
	    "--from DATE\n\n"
	    "The README's first steps and circle(7) say more; "
	    "'circle help' lists the tools.\n");
	return 0;
}

static int
agenda_show(struct tool *t, int argc, char **argv)
{
	struct circle_agenda	 a;
	struct circle_db	*db;
	struct view		 v;
	char			*path;
	size_t			 i;

	if (t->fmt != CIRCLE_FMT_AUTO && t->fmt != CIRCLE_FMT_TABLE)
		return tool_error(t, CIRCLE_EUSAGE, "the agenda is text only "
		    "(circle session list, circle checkin followups and "
		    "circle report give tables)");
	path = t->dbpath != NULL ? circle_xstrdup(t->dbpath) :
	    circle_db_default_path(&t->err);
	if (path == NULL)
		return tool_fail(t);
	if (access(path, F_OK) == -1) {
		first_steps(t, path);
		free(path);
		return 0;
	}
	free(path);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_agenda_get(db, &a, &t->err) == -1)
		return tool_fail(t);
	memset(&v, 0, sizeof v);
	v.t = t;
	v.here = tool_my_zone(t);
	circle_now_utc(v.now);
	tool_pager(t);
	v.color = tool_color(t);
	v.columns = tool_columns(t);
	if (a.ngroups == 0)
		printf("No groups yet.  Add the one you run:\n\n"
		    "  circle group add --tz ZONE \"NAME\"\n"
		    "  circle group import FILE.yaml      (circle-group(5))\n");
	for (i = 0; i < a.ngroups; i++) {
		if (i > 0)
			putchar('\n');
		show_group(&v, &a.groups[i]);
	}
	circle_agenda_release(&a);
	return 0;
}

static const struct verb verbs[] = {
	{ "show", "", "what is next: today's and the next sessions of each "
	    "group, the ones not recorded, open follow-ups", agenda_show,
	    VERB_NODB, NULL, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	 t = {
		.name = "agenda",
		.summary = "what is next in your groups",
		.verbs = verbs,
	};
	char		**args;
	int		  i, rc;

	/*
	 * The one verb, so that "circle-agenda --db F" is "show --db F"; the
	 * tool's own --help and --version as every tool's.
	 */
	if (argc > 1 && (strcmp(argv[1], "show") == 0 ||
	    strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "--version") == 0))
		return tool_main(&t, argc, argv);
	args = circle_xcalloc((size_t)argc + 2, sizeof *args);
	args[0] = argv[0];
	args[1] = "show";
	for (i = 1; i < argc; i++)
		args[i + 1] = argv[i];
	rc = tool_main(&t, argc + 1, args);
	free(args);
	return rc;
}
