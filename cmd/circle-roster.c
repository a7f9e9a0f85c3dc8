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

/* Options that set fields, shared by add and edit. */
#define SET_OPTIONS \
	{ "handle", required_argument, NULL, 'H' }, \
	{ "name", required_argument, NULL, 'n' }, \
	{ "full-name", required_argument, NULL, 'F' }, \
	{ "pronouns", required_argument, NULL, 'p' }, \
	{ "email", required_argument, NULL, 'e' }, \
	{ "phone", required_argument, NULL, 'P' }, \
	{ "emergency", required_argument, NULL, 'E' }, \
	{ "consent", required_argument, NULL, 'c' }, \
	{ "consent-on", required_argument, NULL, 'C' }, \
	{ "notes", required_argument, NULL, 'N' }, \
	OPTION_GROUP, \
	{ "role", required_argument, NULL, 'r' }

static const struct option set_opts[] = {
	SET_OPTIONS,
	OPTION_END
};

/* add's: and --new, someone else of a name on the roster already. */
static const struct option add_opts[] = {
	SET_OPTIONS,
	{ "new", no_argument, NULL, 'W' },
	OPTION_END
};

static void
member_set_from_opts(const struct tool *t, struct circle_member_set *s)
{
	memset(s, 0, sizeof *s);
	s->handle = tool_opt(t, 'H');
	s->display_name = tool_opt(t, 'n');
	s->full_name = tool_opt(t, 'F');
	s->pronouns = tool_opt(t, 'p');
	s->email = tool_opt(t, 'e');
	s->phone = tool_opt(t, 'P');
	s->emergency = tool_opt(t, 'E');
	s->consent = tool_opt(t, 'c');
	s->consent_on = tool_opt(t, 'C');
	s->notes = tool_opt(t, 'N');
	s->group = tool_opt(t, 'g');
	s->role = tool_opt(t, 'r');
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

	member_set_from_opts(t, &s);
	if (s.display_name != NULL)
		return tool_usage(t);
	s.display_name = argv[0];
	s.new_person = tool_has(t, 'W');
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
	int				 contacts = tool_has(t, 'w');

	memset(&f, 0, sizeof f);
	f.group = tool_opt(t, 'g');
	f.status = tool_opt(t, 's');
	f.all = tool_has(t, 'E');
	/* --all was its name before it meant every group everywhere. */
	f.all |= tool_old_option(t, 'a', "--all", "--everyone");
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
	/* A new roster on a terminal: how to fill it. */
	if (f.group == NULL && f.status == NULL && !f.all)
		t->empty = "no one active on the roster (circle roster add "
		    "NAME, or circle roster import FILE; --everyone shows "
		    "inactive people)";
	else if (f.group != NULL)
		t->empty = "no one in that group (circle roster join --group "
		    "G MEMBER...)";
	return tool_finish(t, o);
}

/*
 * "wed: came to 5 of 6 (83%), excused 1, last 2026-11-25; ..." for each
 * group the person was expected in or came to, in *out (NULL for none).
 */
static int
attendance_summary(struct circle_db *db, long long mid, char **out,
    struct circle_err *e)
{
	struct circle_member_attendance	*v;
	char				*s = NULL;
	size_t				 n, i;
	long long			 owed;

	*out = NULL;
	if (circle_member_attendance(db, mid, &v, &n, e) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		owed = v[i].expected - v[i].excused;
		if (owed > 0) {
			circle_xappend(&s, "; ", "%s: came to %lld of %lld "
			    "(%lld%%)", v[i].group, v[i].came, owed,
			    v[i].came * 100 / owed);
			if (v[i].excused > 0)
				circle_xappend(&s, ", ", "excused %lld",
				    v[i].excused);
		} else
			circle_xappend(&s, "; ", "%s: came", v[i].group);
		if (v[i].last[0] != '\0')
			circle_xappend(&s, ", ", "last %s", v[i].last);
	}
	circle_member_attendance_free(v, n);
	*out = s;
	return 0;
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

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_get(db, argv[0], &m, &t->err) == -1)
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
	if (attendance_summary(db, m.id, &att, &t->err) == -1) {
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

	member_set_from_opts(t, &s);
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
	if (circle_member_edit(db, argv[0], &s, &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "%s updated\n", s.handle != NULL ? s.handle : argv[0]);
	return 0;
}

static int
set_members_status(struct tool *t, int argc, char **argv, const char *status)
{
	struct circle_db	*db;
	int			 i;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	for (i = 0; i < argc; i++)
		if (circle_member_set_status(db, argv[i], status,
		    &t->err) == -1)
			return tool_fail(t);
	tool_say(t, "%d %s\n", argc, strcmp(status, "active") == 0 ?
	    "reactivated" : "deactivated");
	return 0;
}

static int
roster_deactivate(struct tool *t, int argc, char **argv)
{
	return set_members_status(t, argc, argv, "inactive");
}

static int
roster_reactivate(struct tool *t, int argc, char **argv)
{
	return set_members_status(t, argc, argv, "active");
}

/*
 * Without --group, is the last of several operands the group?  It is
 * when it names one; when it names no group but a person, every operand
 * is a person ("join ann bob" with one group); otherwise the group's
 * error stands.
 */
static int
last_is_group(struct tool *t, struct circle_db *db, const char *ref)
{
	struct circle_err	e;
	long long		id;

	if (circle_group_resolve(db, ref, &id, &t->err) == 0)
		return 1;
	circle_err_clear(&e);
	if (circle_member_resolve(db, ref, &id, &e) == 0) {
		circle_err_clear(&t->err);
		return 0;
	}
	return -1;
}

/*
 * join and leave: with --group, every operand is a person; without, the
 * last of several is the group when it names one, else they are all
 * people (of the only group, or the config's).
 */
static int
join_or_leave(struct tool *t, int argc, char **argv, int leave)
{
	struct circle_db	*db;
	const char		*group = tool_opt(t, 'g');
	char			*handle, was[11];
	size_t			 n = (size_t)argc, moved = 0;
	int			 rc;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (group == NULL && argc > 1) {
		if ((rc = last_is_group(t, db, argv[argc - 1])) == -1)
			return tool_fail(t);
		if (rc == 1) {
			group = argv[argc - 1];
			n--;
		}
	}
	if (leave)
		rc = circle_member_leave(db, (const char *const *)argv, n,
		    group, tool_opt(t, 'o'), &handle, &t->err);
	else
		rc = circle_member_join(db, (const char *const *)argv, n,
		    group, tool_opt(t, 'r'), tool_opt(t, 'o'), &handle,
		    &moved, was, &t->err);
	if (rc == -1)
		return tool_fail(t);
	if (moved < n)
		tool_say(t, "%zu %s %s%s", n - moved, leave ? "left" :
		    "joined", handle, moved > 0 ? "; " : "\n");
	/* in already from a later day: their first day moved back */
	if (moved == 1)
		tool_say(t, "1 in %s from %s now (was %s)\n", handle,
		    tool_opt(t, 'o'), was);
	else if (moved > 1)
		tool_say(t, "%zu in %s from %s now (first days moved back)\n",
		    moved, handle, tool_opt(t, 'o'));
	free(handle);
	return 0;
}

static int
roster_join(struct tool *t, int argc, char **argv)
{
	return join_or_leave(t, argc, argv, 0);
}

static int
roster_leave(struct tool *t, int argc, char **argv)
{
	return join_or_leave(t, argc, argv, 1);
}

static int
roster_import(struct tool *t, int argc, char **argv)
{
	struct circle_import_opts	 o;
	struct circle_import_result	 r;
	struct circle_db		*db;
	int				 rc;

	memset(&o, 0, sizeof o);
	o.map = tool_values(t, 'm', &o.nmap);
	o.group = tool_opt(t, 'g');
	o.dry_run = tool_has(t, 'n');
	o.yaml = tool_has(t, 'y');
	o.encoding = tool_opt(t, OPT_ENCODING);
	o.date_order = tool_opt(t, OPT_DATE_ORDER);
	o.sheet = tool_opt(t, OPT_SHEET);
	o.path = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_roster_import(db, &o, &r, &t->err) == -1) {
		tool_import_columns(t, o.dry_run, r.columns, r.ncolumns);
		rc = tool_import_failed(t, r.errors, r.nerrors);
		circle_import_result_release(&r);
		return rc;
	}
	tool_notes(t, r.notes, r.nnotes);
	tool_import_columns(t, o.dry_run, r.columns, r.ncolumns);
	tool_say(t, "%s%zu added, %zu updated, %zu unchanged",
	    o.dry_run ? "dry run: would be " : "", r.added, r.updated,
	    r.unchanged);
	if (r.joined > 0)
		tool_say(t, "; %zu %s %s", r.joined, o.dry_run ?
		    "would join" : "joined", o.group != NULL ? o.group :
		    "groups");
	tool_say(t, "\n");
	circle_import_result_release(&r);
	return 0;
}

static int
roster_search(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "status", CIRCLE_COL_TEXT }, { "groups", CIRCLE_COL_TEXT },
		{ "found in", CIRCLE_COL_TEXT },
	};
	struct circle_member	*ms;
	struct circle_out	*o;
	struct circle_db	*db;
	const char		*v[5];
	char			**found;
	size_t			 n, i;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_search(db, tool_opt(t, 'g'),
	    (const char *const *)argv, (size_t)argc, &ms, &found, &n,
	    &t->err) == -1)
		return tool_fail(t);
	o = tool_out(t, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		v[0] = ms[i].handle;
		v[1] = ms[i].display_name;
		v[2] = ms[i].status;
		v[3] = ms[i].groups;
		v[4] = found[i];
		circle_out_row(o, v);
		circle_member_release(&ms[i]);
	}
	free(ms);
	circle_strv_free(found, n);
	return tool_finish(t, o);
}

static int
roster_forget(struct tool *t, int argc, char **argv)
{
	struct circle_member	 m;
	struct circle_written	*w;
	struct circle_db	*db;
	char			*q, *handle;
	size_t			 nw;
	int			 ok;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_get(db, argv[0], &m, &t->err) == -1)
		return tool_fail(t);
	if (!tool_has(t, 'y')) {
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
	/* The files they may be in: found before forget drops their names. */
	if (circle_written_about(db, &m, &w, &nw, &t->err) == -1) {
		circle_member_release(&m);
		return tool_fail(t);
	}
	/* By handle now: the reference was resolved once, above. */
	if (circle_member_forget(db, m.handle, &handle, &t->err) == -1) {
		circle_written_free(w, nw);
		circle_member_release(&m);
		return tool_fail(t);
	}
	tool_say(t, "forgot %s\n", handle);
	tool_print_written(handle, w, nw);
	circle_written_free(w, nw);
	free(handle);
	circle_member_release(&m);
	return 0;
}

static void
merge_said(const struct circle_member_merge_result *r, int dry)
{
	printf("%s%s merged into %s: %ld membership%s, %ld mark%s, %ld "
	    "check-in%s, %ld follow-up%s moved", dry ? "dry run, nothing "
	    "changed: " : "", r->other, r->keep, r->memberships,
	    r->memberships == 1 ? "" : "s", r->attendance,
	    r->attendance == 1 ? "" : "s", r->responses,
	    r->responses == 1 ? "" : "s", r->followups,
	    r->followups == 1 ? "" : "s");
	if (r->dropped > 0)
		printf("; %ld mark%s of %s dropped where %s had one",
		    r->dropped, r->dropped == 1 ? "" : "s", r->other, r->keep);
	printf("; %s %s\n", r->other, dry ? "would be forgotten" :
	    "forgotten");
}

/*
 * On a terminal, what the merge would do, then the question forget asks:
 * OTHER is forgotten, which no undo brings back.  1 when confirmed.
 */
static int
merge_confirmed(struct tool *t, struct circle_db *db, char **argv)
{
	struct circle_member_merge_result	 r;
	char					*q;
	int					 ok;

	if (circle_member_merge(db, argv[0], argv[1], 1, &r, &t->err) ==
	    -1) {
		circle_member_merge_release(&r);
		return -1;
	}
	merge_said(&r, 1);
	fflush(stdout);
	circle_xasprintf(&q, "Make %s one with %s? %s is then forgotten: "
	    "its record is erased and cannot be recovered.", r.other, r.keep,
	    r.other);
	ok = tool_confirm(t, q, r.other);
	free(q);
	circle_member_merge_release(&r);
	if (!ok)
		circle_err_set(&t->err, CIRCLE_EFAIL, "merge: not confirmed; "
		    "nothing changed");
	return ok ? 1 : -1;
}

static int
roster_merge(struct tool *t, int argc, char **argv)
{
	struct circle_member_merge_result	 r;
	struct circle_db			*db;
	int					 dry = tool_has(t, 'n');

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	/* A script goes on as before; a person is asked, as forget asks. */
	if (!dry && !tool_has(t, 'y') && isatty(STDIN_FILENO) &&
	    merge_confirmed(t, db, argv) == -1)
		return tool_fail(t);
	if (circle_member_merge(db, argv[0], argv[1], dry, &r, &t->err) ==
	    -1) {
		circle_member_merge_release(&r);
		return tool_fail(t);
	}
	merge_said(&r, dry);
	if (!dry)
		tool_print_written(r.other, r.written, r.nwritten);
	circle_member_merge_release(&r);
	return 0;
}

static const struct option list_opts[] = {
	OPTION_GROUP,
	{ "status", required_argument, NULL, 's' },
	{ "everyone", no_argument, NULL, 'E' },
	OPTION_ALL,		/* deprecated: --everyone */
	{ "with-contacts", no_argument, NULL, 'w' },
	OPTION_END
};

static const struct option join_opts[] = {
	OPTION_GROUP,
	{ "role", required_argument, NULL, 'r' },
	{ "on", required_argument, NULL, 'o' },
	OPTION_END
};

static const struct option leave_opts[] = {
	OPTION_GROUP,
	{ "on", required_argument, NULL, 'o' },
	OPTION_END
};

static const struct option import_opts[] = {
	{ "map", required_argument, NULL, 'm' },
	OPTION_GROUP,
	OPTION_DRY_RUN,
	{ "yaml", no_argument, NULL, 'y' },
	OPTION_ENCODING,
	OPTION_DATE_ORDER,
	OPTION_SHEET,
	OPTION_END
};

static const struct option search_opts[] = {
	OPTION_GROUP,
	OPTION_END
};

static const struct option merge_opts[] = {
	OPTION_DRY_RUN,
	{ "yes", no_argument, NULL, 'y' },
	OPTION_END
};

static const struct option forget_opts[] = {
	{ "yes", no_argument, NULL, 'y' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "add", "[--handle H] [--full-name NAME] [--pronouns P] "
	    "[--email ADDR] [--phone NUM] [--emergency TEXT] [--consent yes|no] "
	    "[--consent-on DATE] [--notes TEXT] [--group G [--role ROLE]] "
	    "[--new] NAME",
	    "add a person; prints their handle", roster_add, 0,
	    add_opts, "H:n:F:p:e:P:E:c:C:N:g:r:", 1, 1 },
	{ "list", "[--group G] [--status active|inactive] [--everyone] "
	    "[--with-contacts]", "list people (active ones unless "
	    "--everyone)",
	    roster_list, 0, list_opts, "g:s:aw", 0, 0 },
	{ "show", "MEMBER", "show one person, with their groups", roster_show,
	    0, NULL, NULL, 1, 1 },
	{ "edit", "[--handle H] [--name NAME] [--full-name NAME] [--pronouns P] "
	    "[--email ADDR] [--phone NUM] [--emergency TEXT] [--consent yes|no] "
	    "[--consent-on DATE] [--notes TEXT] MEMBER",
	    "change a person's details (\"\" clears one)", roster_edit,
	    0, set_opts, "H:n:F:p:e:P:E:c:C:N:g:r:", 1, 1 },
	{ "deactivate", "MEMBER...", "mark people inactive (kept, not "
	    "expected)", roster_deactivate, 0, NULL, NULL, 1,
	    VERB_MANY },
	{ "reactivate", "MEMBER...", "mark people active again",
	    roster_reactivate, 0, NULL, NULL, 1, VERB_MANY },
	{ "join", "[--role member|facilitator|guest] [--on DATE] "
	    "(--group G MEMBER... | MEMBER... [GROUP])", "add people to a group, "
	    "or change their role", roster_join, 0, join_opts, "g:r:o:", 1,
	    VERB_MANY },
	{ "leave", "[--on DATE] (--group G MEMBER... | MEMBER... [GROUP])",
	    "end people's membership of a group", roster_leave, 0,
	    leave_opts, "g:o:", 1, VERB_MANY },
	{ "import", "[--map COLUMN=FIELD]... [--group G] [--dry-run] [--yaml] "
	    "[--encoding NAME] [--date-order mdy|dmy] [--sheet NAME] FILE",
	    "add or update people from a CSV, Excel or YAML file",
	    roster_import, 0, import_opts, "m:g:ny", 1, 1 },
	{ "search", "[--group G] TEXT...", "find people by words in their "
	    "names, handle or notes (no case, no accents)", roster_search, 0,
	    search_opts, "g:", 1, VERB_MANY },
	{ "forget", "[--yes] MEMBER", "erase a person everywhere, for good",
	    roster_forget, 0, forget_opts, NULL, 1, 1 },
	{ "merge", "[--dry-run] [--yes] KEEP OTHER", "make two records of one person "
	    "one: OTHER's history moves to KEEP, OTHER is forgotten",
	    roster_merge, 0, merge_opts, "n", 2, 2 },
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
