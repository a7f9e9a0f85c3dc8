/*
 * circle-roster: the people in the groups: add, list, show, edit, join and
 * leave groups, deactivate, import a roster file, and forget a person
 * completely.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const struct option set_opts[] = {
	{ "handle", required_argument, NULL, 'H' },
	{ "name", required_argument, NULL, 'n' },
	{ "full-name", required_argument, NULL, 'F' },
	{ "pronouns", required_argument, NULL, 'p' },
	{ "email", required_argument, NULL, 'e' },
	{ "phone", required_argument, NULL, 'P' },
	{ "emergency", required_argument, NULL, 'E' },
	{ "consent", required_argument, NULL, 'c' },
	{ "consent-on", required_argument, NULL, 'C' },
	{ "notes", required_argument, NULL, 'N' },
	{ "group", required_argument, NULL, 'g' },
	{ "role", required_argument, NULL, 'r' },
	{ NULL, 0, NULL, 0 }
};

static int
parse_set(struct tool *t, int argc, char **argv,
    struct circle_member_set *s)
{
	int	c;

	memset(s, 0, sizeof *s);
	while ((c = tool_getopt(t, argc, argv, "H:n:F:p:e:P:E:c:C:N:g:r:",
	    set_opts)) != -1) {
		switch (c) {
		case 'H': s->handle = optarg; break;
		case 'n': s->display_name = optarg; break;
		case 'F': s->full_name = optarg; break;
		case 'p': s->pronouns = optarg; break;
		case 'e': s->email = optarg; break;
		case 'P': s->phone = optarg; break;
		case 'E': s->emergency = optarg; break;
		case 'c': s->consent = optarg; break;
		case 'C': s->consent_on = optarg; break;
		case 'N': s->notes = optarg; break;
		case 'g': s->group = optarg; break;
		case 'r': s->role = optarg; break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	return -1;
}

static const char *
consent_text(int consent)
{
	return consent == 1 ? "yes" : consent == 0 ? "no" : NULL;
}

static int
roster_add(struct tool *t, int argc, char **argv)
{
	struct circle_member_set	 s;
	struct circle_member		 m;
	struct circle_db		*db;
	int				 rc;

	if ((rc = parse_set(t, argc, argv, &s)) != -1)
		return rc;
	if (optind + 1 != argc || s.display_name != NULL)
		return tool_usage(t);
	s.display_name = argv[optind];
	if (s.role != NULL && s.group == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "add: --role needs --group");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_add(db, &s, &m, &t->err) == -1)
		return tool_fail(t);
	printf("%s\n", m.handle);
	circle_member_release(&m);
	return 0;
}

static int
roster_list(struct tool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "status", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "with-contacts", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "pronouns", CIRCLE_COL_TEXT }, { "status", CIRCLE_COL_TEXT },
		{ "groups", CIRCLE_COL_TEXT }, { "email", CIRCLE_COL_TEXT },
		{ "phone", CIRCLE_COL_TEXT }, { "consent", CIRCLE_COL_BOOL },
	};
	struct circle_roster_filter	 f;
	struct circle_member		*ms;
	struct circle_out		*o;
	struct circle_db		*db;
	const char			*v[8];
	size_t				 n, i;
	int				 c, contacts = 0;

	memset(&f, 0, sizeof f);
	while ((c = tool_getopt(t, argc, argv, "g:s:aw", opts)) != -1) {
		switch (c) {
		case 'g':
			f.group = optarg;
			break;
		case 's':
			f.status = optarg;
			break;
		case 'a':
			f.all = 1;
			break;
		case 'w':
			contacts = 1;
			break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	if (optind != argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_list(db, &f, &ms, &n, &t->err) == -1)
		return tool_fail(t);
	o = tool_out(t, cols, contacts ? 8 : 5);
	for (i = 0; i < n; i++) {
		v[0] = ms[i].handle;
		v[1] = ms[i].display_name;
		v[2] = ms[i].pronouns;
		v[3] = ms[i].status;
		v[4] = ms[i].groups;
		v[5] = ms[i].email;
		v[6] = ms[i].phone;
		v[7] = consent_text(ms[i].consent);
		circle_out_row(o, v);
		circle_member_release(&ms[i]);
	}
	free(ms);
	return tool_finish(t, o);
}

static int
roster_show(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "full_name", CIRCLE_COL_TEXT }, { "pronouns", CIRCLE_COL_TEXT },
		{ "status", CIRCLE_COL_TEXT }, { "email", CIRCLE_COL_TEXT },
		{ "phone", CIRCLE_COL_TEXT }, { "emergency", CIRCLE_COL_TEXT },
		{ "consent", CIRCLE_COL_BOOL }, { "consent_on", CIRCLE_COL_TEXT },
		{ "groups", CIRCLE_COL_TEXT }, { "memberships", CIRCLE_COL_TEXT },
		{ "attendance", CIRCLE_COL_TEXT },
		{ "notes", CIRCLE_COL_TEXT }, { "added", CIRCLE_COL_TEXT },
		{ "updated", CIRCLE_COL_TEXT }, { "id", CIRCLE_COL_INT },
		{ "uid", CIRCLE_COL_TEXT },
	};
	struct circle_member		 m;
	struct circle_membership	*ss;
	struct circle_out		*o;
	struct circle_db		*db;
	char				*hist = NULL, *att = NULL, id[24];
	const char			*v[18];
	size_t				 n, i;
	int				 rc;

	if ((rc = tool_flag(t, argc, argv, NULL, NULL, NULL)) != -1)
		return rc;
	if (optind + 1 != argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_get(db, argv[optind], &m, &t->err) == -1)
		return tool_fail(t);
	if (circle_member_memberships(db, m.id, &ss, &n, &t->err) == -1) {
		circle_member_release(&m);
		return tool_fail(t);
	}
	for (i = 0; i < n; i++) {
		circle_xappend(&hist, "; ", "%s (%s, %s to %s)", ss[i].group,
		    ss[i].role, ss[i].joined_on, ss[i].left_on ?
		    ss[i].left_on : "now");
		circle_membership_release(&ss[i]);
	}
	free(ss);
	if (circle_member_attendance(db, m.id, &att, &t->err) == -1) {
		free(hist);
		circle_member_release(&m);
		return tool_fail(t);
	}
	snprintf(id, sizeof id, "%lld", m.id);
	v[0] = m.handle;
	v[1] = m.display_name;
	v[2] = m.full_name;
	v[3] = m.pronouns;
	v[4] = m.status;
	v[5] = m.email;
	v[6] = m.phone;
	v[7] = m.emergency;
	v[8] = consent_text(m.consent);
	v[9] = m.consent_on;
	v[10] = m.groups;
	v[11] = hist;
	v[12] = att;
	v[13] = m.notes;
	v[14] = m.created_at;
	v[15] = m.updated_at;
	v[16] = id;
	v[17] = m.uid;
	o = tool_record(t, cols, sizeof cols / sizeof cols[0]);
	circle_out_row(o, v);
	free(hist);
	free(att);
	circle_member_release(&m);
	return tool_finish(t, o);
}

static int
roster_edit(struct tool *t, int argc, char **argv)
{
	struct circle_member_set	 s;
	struct circle_db		*db;
	int				 rc;

	if ((rc = parse_set(t, argc, argv, &s)) != -1)
		return rc;
	if (optind + 1 != argc)
		return tool_usage(t);
	if (s.group != NULL || s.role != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "edit: use 'circle roster "
		    "join' for groups and roles");
	if (s.handle == NULL && s.display_name == NULL && s.full_name == NULL &&
	    s.pronouns == NULL && s.email == NULL && s.phone == NULL &&
	    s.emergency == NULL && s.consent == NULL && s.consent_on == NULL &&
	    s.notes == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "edit: nothing to change "
		    "(give --name, --email, --pronouns, ...)");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_edit(db, argv[optind], &s, &t->err) == -1)
		return tool_fail(t);
	return 0;
}

static int
set_status(struct tool *t, int argc, char **argv, const char *status)
{
	struct circle_db	*db;
	int			 rc, i;

	if ((rc = tool_flag(t, argc, argv, NULL, NULL, NULL)) != -1)
		return rc;
	if (optind == argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	for (i = optind; i < argc; i++)
		if (circle_member_set_status(db, argv[i], status,
		    &t->err) == -1)
			return tool_fail(t);
	return 0;
}

static int
roster_deactivate(struct tool *t, int argc, char **argv)
{
	return set_status(t, argc, argv, "inactive");
}

static int
roster_reactivate(struct tool *t, int argc, char **argv)
{
	return set_status(t, argc, argv, "active");
}

static int
join_leave(struct tool *t, int argc, char **argv, int leave)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "on", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct circle_db	*db;
	const char		*role = NULL, *on = NULL, *group;
	int			 c;

	while ((c = tool_getopt(t, argc, argv, leave ? "o:" : "r:o:",
	    opts)) != -1) {
		switch (c) {
		case 'r':
			if (leave)
				return tool_usage(t);
			role = optarg;
			break;
		case 'o':
			on = optarg;
			break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	if (optind + 1 != argc && optind + 2 != argc)
		return tool_usage(t);
	group = optind + 2 == argc ? argv[optind + 1] : NULL;
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if ((leave ? circle_member_leave(db, argv[optind], group, on,
	    &t->err) : circle_member_join(db, argv[optind], group, role, on,
	    &t->err)) == -1)
		return tool_fail(t);
	return 0;
}

static int
roster_join(struct tool *t, int argc, char **argv)
{
	return join_leave(t, argc, argv, 0);
}

static int
roster_leave(struct tool *t, int argc, char **argv)
{
	return join_leave(t, argc, argv, 1);
}

static int
roster_import(struct tool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "group", required_argument, NULL, 'g' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "yaml", no_argument, NULL, 'y' },
		{ NULL, 0, NULL, 0 }
	};
	struct circle_import_opts	 o;
	struct circle_import_result	 r;
	struct circle_db		*db;
	const char			**map = NULL;
	size_t				 i;
	int				 c, rc;

	memset(&o, 0, sizeof o);
	while ((c = tool_getopt(t, argc, argv, "m:g:ny", opts)) != -1) {
		switch (c) {
		case 'm':
			map = circle_xgrow(map, o.nmap,
			    sizeof *map);
			map[o.nmap++] = optarg;
			break;
		case 'g':
			o.group = optarg;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'y':
			o.yaml = 1;
			break;
		case -2:
			free(map);
			return t->err.code;
		default:
			free(map);
			return tool_usage(t);
		}
	}
	o.map = map;
	if (optind + 1 != argc) {
		free(map);
		return tool_usage(t);
	}
	o.path = argv[optind];
	if ((db = tool_db(t, 0)) == NULL) {
		free(map);
		return t->err.code;
	}
	rc = circle_roster_import(db, &o, &r, &t->err);
	free(map);
	if (rc == -1)
		return tool_fail(t);
	for (i = 0; i < r.nnotes; i++)
		tool_warn(t, "%s", r.notes[i]);
	printf("%s%zu added, %zu updated, %zu unchanged",
	    o.dry_run ? "dry run: would be " : "", r.added, r.updated,
	    r.unchanged);
	if (r.joined > 0)
		printf("; %zu joined %s", r.joined, o.group != NULL ? o.group :
		    "groups");
	printf("\n");
	circle_import_result_release(&r);
	return 0;
}

static int
roster_forget(struct tool *t, int argc, char **argv)
{
	struct circle_member	 m;
	struct circle_db	*db;
	char			*q, *handle;
	int			 rc, yes, ok;

	if ((rc = tool_flag(t, argc, argv, NULL, "yes", &yes)) != -1)
		return rc;
	if (optind + 1 != argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_get(db, argv[optind], &m, &t->err) == -1)
		return tool_fail(t);
	if (!yes) {
		if (!isatty(STDIN_FILENO)) {
			circle_member_release(&m);
			return tool_error(t, CIRCLE_EUSAGE, "forget: not on a "
			    "terminal; give --yes to forget without asking");
		}
		circle_xasprintf(&q, "Forget %s (%s) completely? Their "
		    "details, memberships and history are erased and cannot "
		    "be recovered.", m.display_name, m.handle);
		ok = tool_confirm(t, q, m.handle);
		free(q);
		if (!ok) {
			circle_member_release(&m);
			return tool_error(t, CIRCLE_EFAIL, "forget: not "
			    "confirmed; nothing changed");
		}
	}
	/* By handle now: the reference was resolved once, above. */
	if (circle_member_forget(db, m.handle, &handle, &t->err) == -1) {
		circle_member_release(&m);
		return tool_fail(t);
	}
	printf("forgot %s\n", handle);
	free(handle);
	circle_member_release(&m);
	return 0;
}

static const struct verb verbs[] = {
	{ "add", "[--handle H] [--full-name NAME] [--pronouns P] "
	    "[--email ADDR] [--phone NUM] [--emergency TEXT] [--consent yes|no] "
	    "[--consent-on DATE] [--notes TEXT] [--group G [--role ROLE]] NAME",
	    "add a person; prints their handle", roster_add, 0, NULL, NULL, 0, 0 },
	{ "list", "[--group G] [--status active|inactive] [--all] "
	    "[--with-contacts]", "list people (active ones unless --all)",
	    roster_list, 0, NULL, NULL, 0, 0 },
	{ "show", "MEMBER", "show one person, with their groups", roster_show,
	    0, NULL, NULL, 0, 0 },
	{ "edit", "[--handle H] [--name NAME] [--full-name NAME] [--pronouns P] "
	    "[--email ADDR] [--phone NUM] [--emergency TEXT] [--consent yes|no] "
	    "[--consent-on DATE] [--notes TEXT] MEMBER",
	    "change a person's details (\"\" clears one)", roster_edit, 0, NULL, NULL, 0, 0 },
	{ "deactivate", "MEMBER...", "mark people inactive (kept, not "
	    "expected)", roster_deactivate, 0, NULL, NULL, 0, 0 },
	{ "reactivate", "MEMBER...", "mark people active again",
	    roster_reactivate, 0, NULL, NULL, 0, 0 },
	{ "join", "[--role member|facilitator|guest] [--on DATE] MEMBER "
	    "[GROUP]", "add a person to a group, or change their role",
	    roster_join, 0, NULL, NULL, 0, 0 },
	{ "leave", "[--on DATE] MEMBER [GROUP]", "end a person's membership "
	    "of a group", roster_leave, 0, NULL, NULL, 0, 0 },
	{ "import", "[--map COLUMN=FIELD]... [--group G] [--dry-run] [--yaml] "
	    "FILE", "add or update people from a CSV or YAML file",
	    roster_import, 0, NULL, NULL, 0, 0 },
	{ "forget", "[--yes] MEMBER", "erase a person everywhere, for good",
	    roster_forget, 0, NULL, NULL, 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "roster",
		.summary = "the people in your groups",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
