/*
 * circle-attend: who came: mark people at a session, add a walk-in, count
 * heads for anonymous groups, list a session's attendance, import a
 * sign-in sheet, and undo the last of these.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static int
status_flag(struct tool *t, const char **status, const char *s)
{
	if (*status != NULL && strcmp(*status, s) != 0)
		return tool_error(t, CIRCLE_EUSAGE, "%s: give one of --late, "
		    "--left-early, --excused and --absent", t->verb->name);
	*status = s;
	return -1;
}

static void
print_notes(struct tool *t, char **notes, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		tool_warn(t, "%s", notes[i]);
}

static int
attend_mark(struct tool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "late", no_argument, NULL, 'L' },
		{ "left-early", no_argument, NULL, 'E' },
		{ "excused", no_argument, NULL, 'X' },
		{ "absent", no_argument, NULL, 'A' },
		{ "note", required_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct circle_attend_opts	 o;
	struct circle_attend_result	 r;
	struct circle_db		*db;
	int				 c, rc;

	memset(&o, 0, sizeof o);
	while ((c = tool_getopt(t, argc, argv, "g:n:f", opts)) != -1) {
		rc = -1;
		switch (c) {
		case 'g': o.group = optarg; break;
		case 'n': o.note = optarg; break;
		case 'f': o.force = 1; break;
		case 'L': rc = status_flag(t, &o.status, "late"); break;
		case 'E': rc = status_flag(t, &o.status, "left_early"); break;
		case 'X': rc = status_flag(t, &o.status, "excused"); break;
		case 'A': rc = status_flag(t, &o.status, "absent"); break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
		if (rc != -1)
			return rc;
	}
	if (optind + 2 > argc)
		return tool_usage(t);
	o.session = argv[optind];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_mark(db, &o, (const char *const *)argv + optind + 1,
	    (size_t)(argc - optind - 1), &r, &t->err) == -1)
		return tool_fail(t);
	printf("%zu marked %s%s", r.marked, o.status != NULL ? o.status :
	    "present", r.unchanged > 0 ? "" : "\n");
	if (r.unchanged > 0)
		printf(", %zu already so\n", r.unchanged);
	circle_attend_result_release(&r);
	return 0;
}

static int
attend_walkin(struct tool *t, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "session", required_argument, NULL, 's' },
		{ "email", required_argument, NULL, 'e' },
		{ "note", required_argument, NULL, 'n' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct circle_attend_opts	 o;
	struct circle_db		*db;
	const char			*email = NULL;
	char				*handle;
	int				 c;

	memset(&o, 0, sizeof o);
	o.session = "today";
	while ((c = tool_getopt(t, argc, argv, "g:s:e:n:f", opts)) != -1) {
		switch (c) {
		case 'g': o.group = optarg; break;
		case 's': o.session = optarg; break;
		case 'e': email = optarg; break;
		case 'n': o.note = optarg; break;
		case 'f': o.force = 1; break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	if (optind + 1 != argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_walkin(db, &o, argv[optind], email, &handle,
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
	struct circle_db		*db;
	int				 rc;

	memset(&o, 0, sizeof o);
	if ((rc = tool_flag(t, argc, argv, &o.group, "force", &o.force)) != -1)
		return rc;
	if (optind + 2 != argc)
		return tool_usage(t);
	o.session = argv[optind];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_headcount(db, &o, argv[optind + 1], &t->err) == -1)
		return tool_fail(t);
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
	const char			*group, *none, *v[5];
	size_t				 n, i;
	int				 c, held, marked;

	if ((c = tool_flag(t, argc, argv, &group, NULL, NULL)) != -1)
		return c;
	if (optind + 1 < argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_list(db, group, optind < argc ? argv[optind] :
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
		v[3] = rows[i].mark != NULL ? rows[i].mark : held &&
		    rows[i].expected ? "absent" : none;
		v[4] = rows[i].note;
		circle_out_row(o, v);
	}
	circle_attend_rows_free(rows, n);
	if (!held && t->fmt != CIRCLE_FMT_JSON && t->fmt != CIRCLE_FMT_JSONL)
		tool_warn(t, "%s %s: %s, %s", s.group, s.local_start,
		    s.status, s.headcount >= 0 ? "a headcount but no names" :
		    "nothing recorded yet");
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
	if ((rc = tool_flag(t, argc, argv, &o.group, "dry-run",
	    &o.dry_run)) != -1)
		return rc;
	if (optind + 1 != argc)
		return tool_usage(t);
	o.path = argv[optind];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_import(db, &o, &r, &t->err) == -1)
		return tool_fail(t);
	print_notes(t, r.notes, r.nnotes);
	printf("%s%zu marked, %zu unchanged; %zu session%s recorded\n",
	    o.dry_run ? "dry run: would be " : "", r.marked, r.unchanged,
	    r.sessions, r.sessions == 1 ? "" : "s");
	circle_attend_result_release(&r);
	return 0;
}

static int
attend_undo(struct tool *t, int argc, char **argv)
{
	static const char *const kinds[] = { "?", "mark", "headcount",
	    "import" };
	struct circle_attend_undone	 u;
	struct circle_db		*db;
	int				 rc;

	if ((rc = tool_flag(t, argc, argv, NULL, NULL, NULL)) != -1)
		return rc;
	if (optind != argc)
		return tool_usage(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_attend_undo(db, &u, &t->err) == -1)
		return tool_fail(t);
	printf("undid %zu change%s (%s)\n", u.changes, u.changes == 1 ? "" :
	    "s", kinds[u.kind]);
	return 0;
}

static const struct verb verbs[] = {
	{ "mark", "[--group G] [--late | --left-early | --excused | --absent] "
	    "[--note TEXT] [--force] SESSION MEMBER...",
	    "mark people at a session (present unless told otherwise)",
	    attend_mark, 0 },
	{ "walk-in", "[--group G] [--session SESSION] [--email ADDR] "
	    "[--note TEXT] [--force] NAME", "add a first-timer as a guest and "
	    "mark them present (default: today's session)", attend_walkin, 0 },
	{ "headcount", "[--group G] [--force] SESSION N",
	    "record how many came, for groups that keep no names",
	    attend_headcount, 0 },
	{ "list", "[--group G] [SESSION]", "who was expected and what was "
	    "recorded (default: the last session)", attend_list, 0 },
	{ "import", "[--group G] [--dry-run] FILE.csv", "record a sign-in "
	    "sheet (date, time, group, handle/email/name, status, note)",
	    attend_import, 0 },
	{ "undo", "", "put back the last mark, walk-in, headcount or import",
	    attend_undo, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
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
