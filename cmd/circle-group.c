/*
 * circle-group: the support groups a facilitator runs: add, list, show,
 * edit and archive them.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* Options that set fields, shared by add and edit. */
#define SET_OPTIONS \
	{ "handle", required_argument, NULL, 'H' }, \
	{ "name", required_argument, NULL, 'n' }, \
	{ "description", required_argument, NULL, 'd' }, \
	{ "location", required_argument, NULL, 'l' }, \
	{ "online", required_argument, NULL, 'u' },	/* the file's key */ \
	{ "url", required_argument, NULL, 'U' },	/* its old name */ \
	{ "tz", required_argument, NULL, 'z' }, \
	{ "duration", required_argument, NULL, 'm' }, \
	{ "for", required_argument, NULL, 'm' },	/* session's word */ \
	{ "length", required_argument, NULL, 'm' }, \
	{ "checkin-survey", required_argument, NULL, 'i' }, \
	{ "checkout-survey", required_argument, NULL, 'o' }

static const struct option set_opts[] = {
	SET_OPTIONS,
	OPTION_END
};

/* add's: and --new, another group of a name there already. */
static const struct option add_opts[] = {
	SET_OPTIONS,
	{ "new", no_argument, NULL, 'W' },
	OPTION_END
};

static void
group_set_from_opts(struct tool *t, struct circle_group_set *s)
{
	memset(s, 0, sizeof *s);
	s->handle = tool_opt(t, 'H');
	s->name = tool_opt(t, 'n');
	s->description = tool_opt(t, 'd');
	s->location = tool_opt(t, 'l');
	s->online_url = tool_opt(t, 'u');
	if (tool_old_option(t, 'U', "--url", "--online") &&
	    s->online_url == NULL)
		s->online_url = tool_opt(t, 'U');
	s->tzid = tool_opt(t, 'z');
	s->duration = tool_opt(t, 'm');
	s->checkin_survey = tool_opt(t, 'i');
	s->checkout_survey = tool_opt(t, 'o');
}

static const struct circle_col show_cols[] = {
	{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
	{ "description", CIRCLE_COL_TEXT }, { "location", CIRCLE_COL_TEXT },
	{ "online_url", CIRCLE_COL_TEXT }, { "tz", CIRCLE_COL_TEXT },
	{ "duration", CIRCLE_COL_INT }, { "members", CIRCLE_COL_INT },
	{ "checkin_survey", CIRCLE_COL_TEXT },
	{ "checkout_survey", CIRCLE_COL_TEXT },
	{ "archived_at", CIRCLE_COL_TEXT }, { "created_at", CIRCLE_COL_TEXT },
	{ "uid", CIRCLE_COL_TEXT }, { "belongs_to", CIRCLE_COL_TEXT },
	{ "extracted_at", CIRCLE_COL_TEXT }, { "merged_at", CIRCLE_COL_TEXT },
};

static void
show_row(struct circle_out *o, const struct circle_group *g)
{
	char		 dur[16], members[24];
	const char	*v[16];

	snprintf(dur, sizeof dur, "%d", g->duration);
	snprintf(members, sizeof members, "%lld", g->members);
	v[0] = g->handle;
	v[1] = g->name;
	v[2] = g->description;
	v[3] = g->location;
	v[4] = g->online_url;
	v[5] = g->tzid;
	v[6] = dur;
	v[7] = members;
	v[8] = g->checkin_survey;
	v[9] = g->checkout_survey;
	v[10] = g->archived_at;
	v[11] = g->created_at;
	v[12] = g->uid;
	v[13] = g->origin;
	v[14] = g->extracted_at;
	v[15] = g->merged_at;
	circle_out_row(o, v);
}

static int
group_add(struct tool *t, int argc, char **argv)
{
	struct circle_group_set	 s;
	struct circle_group	 g;
	struct circle_db	*db;
	const char		*from;
	char			*tz = NULL;

	group_set_from_opts(t, &s);
	/* "add tuesday --name 'Tuesday Circle'": the word is the handle. */
	if (s.name != NULL && s.handle != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "add: \"%s\" is a word too "
		    "many: --name gives the name and --handle the handle",
		    argv[0]);
	if (s.name != NULL)
		s.handle = argv[0];
	else
		s.name = argv[0];
	s.new_group = tool_has(t, 'W');
	/* A zone not given is this computer's, said on stderr. */
	if (s.tzid == NULL && (s.tzid = tz = circle_zone_local(&from)) == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "tz: no time zone given, and "
		    "%s names none to take; give --tz Area/City for the city "
		    "the group meets in, such as --tz America/New_York", from);
	if ((db = tool_db(t, 0)) == NULL || circle_group_add(db, &s, &g,
	    &t->err) == -1) {
		free(tz);
		return db == NULL ? t->err.code : tool_fail(t);
	}
	printf("%s\n", g.handle);
	if (tz != NULL)
		tool_warn(t, "%s: time zone %s, from %s (circle group edit %s "
		    "--tz ZONE changes it)", g.handle, tz, from, g.handle);
	free(tz);
	circle_group_release(&g);
	return 0;
}

static int
group_list(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "tz", CIRCLE_COL_TEXT }, { "location", CIRCLE_COL_TEXT },
		{ "members", CIRCLE_COL_INT }, { "archived", CIRCLE_COL_BOOL },
	};
	struct circle_group	*gs;
	struct circle_out	*o;
	struct circle_db	*db;
	char			 members[24];
	const char		*v[6];
	size_t			 n, i;
	int			 all = tool_has(t, 'A');

	/* --all was its name before it meant every group everywhere. */
	all |= tool_old_option(t, 'a', "--all", "--with-archived");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_group_list(db, all, &gs, &n, &t->err) == -1)
		return tool_fail(t);
	o = tool_out(t, cols, all ? 6 : 5);
	for (i = 0; i < n; i++) {
		snprintf(members, sizeof members, "%lld", gs[i].members);
		v[0] = gs[i].handle;
		v[1] = gs[i].name;
		v[2] = gs[i].tzid;
		v[3] = gs[i].location;
		v[4] = members;
		v[5] = gs[i].archived_at != NULL ? "yes" : "no";
		circle_out_row(o, v);
		circle_group_release(&gs[i]);
	}
	free(gs);
	return tool_finish(t, o);
}

static int
group_show(struct tool *t, int argc, char **argv)
{
	struct circle_group	 g;
	struct circle_db	*db;
	struct circle_out	*o;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_group_get(db, argv[0], &g, &t->err) == -1)
		return tool_fail(t);
	if (circle_group_merged(db, &g, &t->err) == -1) {
		circle_group_release(&g);
		return tool_fail(t);
	}
	o = tool_record(t, show_cols, sizeof show_cols / sizeof show_cols[0]);
	show_row(o, &g);
	circle_group_release(&g);
	return tool_finish(t, o);
}

static int
group_edit(struct tool *t, int argc, char **argv)
{
	struct circle_group_set	 s;
	struct circle_db	*db;

	group_set_from_opts(t, &s);
	if (s.handle == NULL && s.name == NULL && s.description == NULL &&
	    s.location == NULL && s.online_url == NULL && s.tzid == NULL &&
	    s.duration == NULL && s.checkin_survey == NULL &&
	    s.checkout_survey == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "edit: nothing to change "
		    "(give --name, --location, --url, ...)");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_group_edit(db, argv[0], &s, &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "group %s updated\n", s.handle != NULL ? s.handle :
	    argv[0]);
	return 0;
}

static int
group_archive(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_group_archive(db, argv[0], !tool_has(t, 'u'),
	    &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "group %s %s\n", argv[0], tool_has(t, 'u') ?
	    "unarchived" : "archived");
	return 0;
}

static int
group_import(struct tool *t, int argc, char **argv)
{
	static const char *const states[] = {
		[CIRCLE_UNCHANGED] = "unchanged", [CIRCLE_ADDED] = "added",
		[CIRCLE_UPDATED] = "updated"
	};
	struct circle_group_import	 r;
	struct circle_plan_result	*p;
	struct circle_db		*db;
	size_t				 i;
	int				 dry = tool_has(t, 'n');

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_group_import(db, argv[0], dry, &r, &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "%sgroup %s: %s", dry ? "dry run: " : "", r.handle,
	    TOOL_WORD(states, r.group_state));
	if (r.facilitators > 0)
		tool_say(t, ", %zu new facilitator%s", r.facilitators,
		    r.facilitators == 1 ? "" : "s");
	tool_say(t, "\n");
	for (i = 0; i < r.nplans; i++) {
		p = &r.plans[i];
		tool_say(t, "%sschedule %s: %zu added, %zu moved, %zu removed; "
		    "%zu session%s", dry ? "dry run: " : "", r.plan_names[i],
		    p->added, p->updated, p->removed, p->total,
		    p->total == 1 ? "" : "s");
		if (p->total > 0)
			tool_say(t, " from %.10s to %.10s", p->first, p->last);
		tool_say(t, "\n");
		tool_wall(t, &p->wall);
	}
	circle_group_import_release(&r);
	return 0;
}

static const struct option list_opts[] = {
	{ "with-archived", no_argument, NULL, 'A' },
	OPTION_ALL,		/* deprecated: --with-archived */
	OPTION_END
};

static const struct option undo_opts[] = {
	{ "undo", no_argument, NULL, 'u' },
	OPTION_END
};

static const struct option dry_run_opts[] = {
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct verb verbs[] = {
	{ "add", "[--handle H] [--description TEXT] [--location PLACE] "
	    "[--online URL] [--tz ZONE] [--duration LENGTH] "
	    "[--checkin-survey KEY] [--checkout-survey KEY] [--new] NAME",
	    "add a group; prints its handle", group_add, 0,
	    add_opts, "H:n:d:l:u:z:m:i:o:", 1, 1 },
	{ "list", "[--with-archived]", "list the groups (archived ones too "
	    "with --with-archived)", group_list, 0, list_opts, NULL, 0, 0 },
	{ "show", "[GROUP]", "show one group", group_show, 0, NULL,
	    NULL, 0, 1 },
	{ "edit", "[--handle H] [--name NAME] [--description TEXT] "
	    "[--location PLACE] [--online URL] [--tz ZONE] [--duration LENGTH] "
	    "[--checkin-survey KEY] [--checkout-survey KEY] GROUP",
	    "change a group's details (\"\" clears one)", group_edit,
	    0, set_opts, "H:n:d:l:u:z:m:i:o:", 1, 1 },
	{ "archive", "[--undo] GROUP", "archive a group (its history stays)",
	    group_archive, 0, undo_opts, NULL, 1, 1 },
	{ "import", "[--dry-run] FILE.yaml", "add or update a group, its "
	    "facilitators and schedules from a file (circle-group(5))",
	    group_import, 0, dry_run_opts, NULL, 1, 1 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "group",
		.summary = "the support groups you run",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
