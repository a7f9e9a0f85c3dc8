/*
 * circle-attend: who came: mark people at a session, add a walk-in, count
 * heads for anonymous groups, list a session's attendance, import a
 * sign-in sheet, and undo the last of these (as circle undo does).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "undo.h"

/* --late, --left-early, --excused, --absent: at most one; NULL: none. */

static int
mark_status(struct tool *t, const char **status)
{
	static const struct {
		int		 val;
		const char	*status;
	} marks[] = {
		{ 'L', "late" }, { 'E', "left_early" }, { 'X', "excused" },
		{ 'A', "absent" },
	};
	size_t	i;

	*status = NULL;
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (!tool_has(t, marks[i].val))
			continue;
		if (*status != NULL)
			return tool_error(t, CIRCLE_EUSAGE, "%s: give one of "
			    "--late, --left-early, --excused or --absent",
			    t->verb->name);
		*status = marks[i].status;
	}
	return 0;
}

static int
attend_mark(struct tool *t, int argc, char **argv)
{
	struct circle_attend_opts	 o;
	struct circle_attend_result	 r;
	struct circle_db		*db;
	int				 rc;

	memset(&o, 0, sizeof o);
	if ((rc = mark_status(t, &o.status)) != 0)
		return rc;
	o.group = tool_opt(t, 'g');
	o.note = tool_opt(t, 'n');
	o.force = tool_has(t, 'f');
	o.session = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_mark(db, &o, (const char *const *)argv + 1,
	    (size_t)(argc - 1), &r, &t->err) == -1)
		return tool_fail(t);
	tool_notes(t, r.notes, r.nnotes);
	tool_say(t, "%zu marked %s%s", r.marked, o.status != NULL ?
	    circle_mark_said(o.status) : "present", r.unchanged > 0 ? "" : "\n");
	if (r.unchanged > 0)
		tool_say(t, ", %zu already so\n", r.unchanged);
	circle_attend_result_release(&r);
	return 0;
}

static int
attend_walkin(struct tool *t, int argc, char **argv)
{
	struct circle_attend_opts	 o;
	struct circle_db		*db;
	char				*handle;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.session = tool_has(t, 's') ? tool_opt(t, 's') : "today";
	o.note = tool_opt(t, 'n');
	o.force = tool_has(t, 'f');
	o.new_person = tool_has(t, 'N');
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_walkin(db, &o, argv[0], tool_opt(t, 'e'), &handle,
	    &t->err) == -1)
		return tool_fail(t);
	printf("%s\n", handle);
	free(handle);
	return 0;
}

static int
attend_headcount(struct tool *t, int argc, char **argv)
{
	struct circle_attend_opts	 o;
	struct circle_headcount		 said;
	struct circle_db		*db;
	char				 was[32] = "", named[128] = "";

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.force = tool_has(t, 'f');
	o.session = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_headcount(db, &o, argv[1], &said, &t->err) == -1)
		return tool_fail(t);
	if (said.old >= 0)
		snprintf(was, sizeof was, " (was %lld)", said.old);
	if (said.named > 0 && said.given >= said.named)
		snprintf(named, sizeof named, ", beside %lld marked by name: "
		    "the reports count %lld who came, named or not", said.named,
		    said.counted);
	tool_say(t, "headcount %lld recorded at %s%s%s\n", said.given,
	    argv[0], was, named);
	/* Fewer than those marked: not everyone, as a headcount is. */
	if (said.given < said.named)
		tool_warn(t, "%s: %lld marked by name as came, more than the "
		    "headcount %lld: the reports count the %lld; a headcount "
		    "is everyone who came, named or not: give it again with "
		    "everyone", argv[0], said.named, said.given, said.counted);
	return 0;
}

static int
attend_list(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
		{ "role", CIRCLE_COL_TEXT }, { "mark", CIRCLE_COL_TEXT },
		{ "note", CIRCLE_COL_TEXT },
	};
	struct circle_attend_row	*rows;
	struct circle_session		 s;
	struct circle_out		*o;
	struct circle_db		*db;
	const char			*none, *v[5], *mine;
	char				 here[17];
	size_t				 n, i;
	int				 held, marked;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_list(db, tool_opt(t, 'g'), argc > 0 ? argv[0] :
	    "last", &s, &rows, &n, &t->err) == -1)
		return tool_fail(t);
	/*
	 * At a held session no mark is an absence; before, or when only a
	 * headcount was taken, it is unknown.
	 */
	for (i = 0, marked = 0; i < n; i++)
		marked |= rows[i].mark != NULL;
	held = strcmp(s.status, "held") == 0 && (marked || s.headcount < 0);
	/* "-" is for people; CSV would neutralise it, JSON has null. */
	none = t->fmt == CIRCLE_FMT_CSV || t->fmt == CIRCLE_FMT_JSON ||
	    t->fmt == CIRCLE_FMT_JSONL ? NULL : "-";
	o = tool_out(t, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		v[0] = rows[i].handle;
		v[1] = rows[i].name;
		v[2] = rows[i].role != NULL ? rows[i].role : none;
		v[3] = rows[i].mark != NULL ? circle_mark_said(rows[i].mark) : held &&
		    rows[i].expected ? "absent" : none;
		v[4] = rows[i].note;
		circle_out_row(o, v);
	}
	circle_attend_rows_free(rows, n);
	/* Said to a person: the session's time in my zone too ("here"). */
	mine = tool_my_zone(t);
	if (mine == NULL || strcmp(mine, s.tzid) == 0 ||
	    circle_here(s.starts_at, mine, s.local_start, here) == -1)
		here[0] = '\0';
	if (!held && t->fmt != CIRCLE_FMT_JSON && t->fmt != CIRCLE_FMT_JSONL)
		tool_warn(t, "%s %s%s%s%s: %s, %s", s.group, s.local_start,
		    here[0] != '\0' ? " (" : "", here, here[0] != '\0' ?
		    " here)" : "", s.status, s.headcount >= 0 ?
		    "a headcount but no names" : "nothing recorded yet");
	circle_session_release(&s);
	return tool_finish(t, o);
}

static int
attend_import(struct tool *t, int argc, char **argv)
{
	struct circle_import_opts	 o;
	struct circle_attend_result	 r;
	struct circle_db		*db;
	int				 rc;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.dry_run = tool_has(t, 'n');
	o.force = tool_has(t, 'f');
	o.map = tool_values(t, 'm', &o.nmap);
	o.encoding = tool_opt(t, OPT_ENCODING);
	o.date_order = tool_opt(t, OPT_DATE_ORDER);
	o.sheet = tool_opt(t, OPT_SHEET);
	o.skip_unknown = tool_has(t, 'U');
	o.walk_ins = tool_has(t, 'W');
	o.session = tool_opt(t, 's');
	o.path = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_import(db, &o, &r, &t->err) == -1) {
		rc = tool_import_failed(t, r.errors, r.nerrors);
		circle_attend_result_release(&r);
		return rc;
	}
	tool_notes(t, r.notes, r.nnotes);
	tool_import_columns(t, o.dry_run, r.columns, r.ncolumns);
	tool_say(t, "%s%zu marked, %zu unchanged; %zu session%s recorded",
	    o.dry_run ? "dry run: would be " : "", r.marked, r.unchanged,
	    r.sessions, r.sessions == 1 ? "" : "s");
	if (r.walkins > 0)
		tool_say(t, "; %zu walk-in%s added to the roster", r.walkins,
		    r.walkins == 1 ? "" : "s");
	tool_say(t, "\n");
	circle_attend_result_release(&r);
	return 0;
}

/* The last attendance command, put back as circle undo does it. */
static int
attend_undo(struct tool *t, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return tool_undo(t, 0, "attend", tool_has(t, 'y'));
}

static const struct option mark_opts[] = {
	OPTION_GROUP,
	{ "late", no_argument, NULL, 'L' },
	{ "left-early", no_argument, NULL, 'E' },
	{ "excused", no_argument, NULL, 'X' },
	{ "absent", no_argument, NULL, 'A' },
	{ "note", required_argument, NULL, 'n' },
	{ "notes", required_argument, NULL, 'n' },	/* roster's word */
	OPTION_FORCE,
	OPTION_END
};

static const struct option walkin_opts[] = {
	OPTION_GROUP,
	{ "session", required_argument, NULL, 's' },
	{ "email", required_argument, NULL, 'e' },
	{ "note", required_argument, NULL, 'n' },
	{ "notes", required_argument, NULL, 'n' },	/* roster's word */
	{ "new", no_argument, NULL, 'N' },
	OPTION_FORCE,
	OPTION_END
};

static const struct option headcount_opts[] = {
	OPTION_GROUP,
	OPTION_FORCE,
	OPTION_END
};

static const struct option list_opts[] = {
	OPTION_GROUP,
	OPTION_END
};

static const struct option import_opts[] = {
	OPTION_GROUP,
	OPTION_DRY_RUN,
	OPTION_FORCE,
	{ "map", required_argument, NULL, 'm' },
	OPTION_ENCODING,
	OPTION_DATE_ORDER,
	OPTION_SHEET,
	{ "session", required_argument, NULL, 's' },
	{ "skip-unknown", no_argument, NULL, 'U' },
	{ "walk-ins", no_argument, NULL, 'W' },
	OPTION_END
};

static const struct option undo_opts[] = {
	OPTION_YES,
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct verb verbs[] = {
	{ "mark", "[--group G] [--late | --left-early | --excused | --absent] "
	    "[--note TEXT] [--force] SESSION MEMBER...",
	    "mark people at a session (present unless told otherwise)",
	    attend_mark, 0, mark_opts, "g:n:f", 2, VERB_MANY },
	{ "walk-in", "[--group G] [--session SESSION] [--email ADDR] "
	    "[--note TEXT] [--new] [--force] NAME", "add a first-timer as a guest and "
	    "mark them present (default: today's session)", attend_walkin,
	    0, walkin_opts, "g:s:e:n:f", 1, 1 },
	{ "headcount", "[--group G] [--force] SESSION N",
	    "record how many came, for groups that keep no names",
	    attend_headcount, 0, headcount_opts, "g:", 2, 2 },
	{ "list", "[--group G] [SESSION]", "who was expected and what was "
	    "recorded (default: the last session)", attend_list, 0,
	    list_opts, "g:", 0, 1 },
	{ "import", "[--group G] [--session SESSION] [--dry-run] [--force] "
	    "[--skip-unknown] [--walk-ins] "
	    "[--map COLUMN=FIELD]... [--encoding NAME] [--date-order mdy|dmy] "
	    "[--sheet NAME] FILE",
	    "record a sign-in sheet (date, time, group, handle/email/name, "
	    "status, note)", attend_import, 0, import_opts, "g:s:fm:", 1, 1 },
	{ "undo", "[--yes | --dry-run]", "put back the last mark, walk-in, "
	    "headcount or import (circle undo, for attendance)", attend_undo, 0,
	    undo_opts, "yn", 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "attend",
		.summary = "who came to a session",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
