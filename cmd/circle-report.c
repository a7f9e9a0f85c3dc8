/*
 * circle-report: attendance reports: per member, per session, per month,
 * one person's history with a sparkline, and who has been away long enough
 * that someone might reach out.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "tool.h"

/* Long-only options (tool.h: 0x80 to 0xff). */
enum {
	OPT_SQL = 0x80,
	OPT_CONTACTS,
	OPT_MIN_COUNT
};

/* What a verb was given. */
struct args {
	struct circle_report_filter	 f;
	int				 sql;
};

/*
 * A table of sessions (sessions, member) where my zone is not every
 * group's: each session's start in mine too, as session list shows it
 * ("here"); never in TSV, CSV or JSON, which stay as they were.
 */
struct here {
	struct tool		*t;
	struct circle_out	*o;
	const char		*mine;		/* NULL: no such columns */
	size_t			 n;		/* the report's own columns */
	int			 id;		/* the column of the session id */
	struct circle_col	 cols[24];	/* o's, kept while it is */
};

static const struct circle_col here_cols[] = {
	{ "tz", CIRCLE_COL_SPARE }, { "here", CIRCLE_COL_WHOLE },
	{ "here_tz", CIRCLE_COL_SPARE },
};
#define NCOLS(a)	(sizeof (a) / sizeof (a)[0])
#define NHERE		NCOLS(here_cols)

/* A member's marks, for the sparkline. */
struct history {
	struct circle_out	*o;
	struct here		 here;		/* o's, in a table */
	json_t			*rows;		/* JSON: the sessions */
	char			*spark;		/* owned */
	size_t			 counts[4];	/* attended, absent, excused,
						   unrecorded */
};

static const char *const symbols[4] = { "\xe2\x97\x8f", "\xe2\x97\x8b",
    "\xe2\x80\x93", "\xc2\xb7" };	/* ● ○ – · */
static const char *const legend[4] = { "attended", "absent", "excused",
    "unrecorded" };

/*
 * --group G or --all (every group, archived ones too), not both; neither
 * is every group as well.  0 to go on, else an exit status.
 */
static int
group_or_all(struct tool *t)
{
	if (tool_has(t, 'a') && tool_has(t, 'g'))
		return tool_error(t, CIRCLE_EUSAGE, "%s: give --group or "
		    "--all, not both", t->verb->name);
	return 0;
}

/*
 * What a report verb was given; only outreach takes --missed and
 * --with-contacts.  0 to go on, else an exit status.
 */
static int
args_from_opts(struct tool *t, struct args *a)
{
	const char	*missed = tool_opt(t, 'm');
	char		*end;
	long		 n;

	memset(a, 0, sizeof *a);
	if (group_or_all(t) != 0)
		return CIRCLE_EUSAGE;
	a->f.group = tool_opt(t, 'g');
	a->f.from = tool_opt(t, 'F');
	a->f.to = tool_opt(t, 't');
	a->f.with_contacts = tool_has(t, OPT_CONTACTS);
	a->sql = tool_has(t, OPT_SQL);
	a->f.missed = 3;
	if (missed != NULL) {
		errno = 0;
		n = strtol(missed, &end, 10);
		if (*missed == '\0' || *end != '\0' || errno != 0 || n < 1 ||
		    n > INT_MAX)
			return tool_error(t, CIRCLE_EDATA, "missed: \"%s\" is "
			    "not a number of sessions (1 or more)", missed);
		a->f.missed = (int)n;
	}
	return 0;
}

/*
 * My zone, when a table of the group (NULL: of every group) would show it
 * beside the groups' times; NULL when not.
 */
static const char *
here_zone(struct tool *t, const char *group)
{
	struct circle_group	*gs, g;
	struct circle_err	 e;
	const char		*mine;
	size_t			 n, i;
	int			 differs = 0;

	if (tool_format(t) != CIRCLE_FMT_TABLE ||
	    (mine = tool_my_zone(t)) == NULL)
		return NULL;
	if (group != NULL) {
		if (circle_group_get(t->db, group, &g, &e) == 0)
			differs = strcmp(g.tzid, mine) != 0;
		circle_group_release(&g);
		return differs ? mine : NULL;
	}
	if (circle_group_list(t->db, 1, &gs, &n, &e) == -1)
		return NULL;
	for (i = 0; i < n; i++) {
		differs |= strcmp(gs[i].tzid, mine) != 0;
		circle_group_release(&gs[i]);
	}
	free(gs);
	return differs ? mine : NULL;
}

/* The output of a report with the here columns when h->mine is set. */
static struct circle_out *
here_out(struct here *h, const struct circle_col *cols, size_t n)
{
	h->n = n;
	if (n + NHERE > NCOLS(h->cols))
		h->mine = NULL;
	if (h->mine == NULL)
		return h->o = tool_out(h->t, cols, n);
	memcpy(h->cols, cols, n * sizeof *cols);
	memcpy(h->cols + n, here_cols, sizeof here_cols);
	return h->o = tool_out(h->t, h->cols, n + NHERE);
}

/* A row, with its session's zone and its start here when wanted. */
static void
here_row(void *arg, const char *const *v)
{
	struct here		*h = arg;
	struct circle_session	 s;
	struct circle_err	 e;
	const char		**all;
	char			 at[17];
	size_t			 k = h->n;

	if (h->mine == NULL) {
		circle_out_row(h->o, v);
		return;
	}
	all = circle_xcalloc(h->n + NHERE, sizeof *all);
	memcpy(all, v, h->n * sizeof *v);
	if (circle_session_get_id(h->t->db, strtoll(v[h->id], NULL, 10), &s,
	    &e) == 0) {
		all[k++] = s.tzid;
		all[k++] = circle_here(s.starts_at, h->mine, s.local_start,
		    at) == 0 ? at : NULL;
		all[k++] = h->mine;
	}
	circle_out_row(h->o, all);
	if (k > h->n)
		circle_session_release(&s);
	free(all);
}

/* --sql: the query, parameters bound, for the sqlite3 shell. */
static int
print_sql(struct tool *t, enum circle_report_kind k, const struct args *a)
{
	char	*sql;

	if (circle_report_sql(t->db, k, &a->f, &sql, &t->err) == -1)
		return tool_fail(t);
	printf("%s\n", sql);
	free(sql);
	return 0;
}

/*
 * Report sessions' online link, as session list shows it: in JSON always
 * (online_url), in CSV (online_url) and a table ("online", yes) when a
 * session reported has one; tab-separated output keeps its columns.
 */
static int
sessions_online(struct tool *t, struct circle_report_filter *f)
{
	enum circle_format	f_out = tool_format(t);
	int			any;

	f->online = CIRCLE_ONLINE_NONE;
	if (f_out == CIRCLE_FMT_JSON || f_out == CIRCLE_FMT_JSONL) {
		f->online = CIRCLE_ONLINE_URL;
		return 0;
	}
	if (f_out == CIRCLE_FMT_TSV)
		return 0;
	if (circle_report_online_any(t->db, f, &any, &t->err) == -1)
		return -1;
	if (any)
		f->online = f_out == CIRCLE_FMT_CSV ? CIRCLE_ONLINE_URL :
		    CIRCLE_ONLINE_SAID;
	return 0;
}

/* The reports that are one table of rows. */
static int
table_report(struct tool *t, int argc, char **argv,
    enum circle_report_kind k)
{
	const struct circle_col	*cols;
	struct circle_out	*o;
	struct args		 a;
	struct here		 h;
	size_t			 n;
	int			 rc;

	if ((rc = args_from_opts(t, &a)) != 0)
		return rc;
	if (tool_db(t, 0) == NULL)
		return t->err.code;
	if (a.sql)
		return print_sql(t, k, &a);
	memset(&h, 0, sizeof h);
	h.t = t;
	if (k == CIRCLE_REPORT_SESSIONS) {
		if (sessions_online(t, &a.f) == -1)
			return tool_fail(t);
		h.mine = here_zone(t, a.f.group);
	}
	cols = circle_report_cols(k, &a.f, &n);
	switch (k) {
	case CIRCLE_REPORT_SESSIONS:
		t->empty = "no session in the period";
		break;
	case CIRCLE_REPORT_OUTREACH:
		t->empty = "no one has missed that many sessions in a row";
		break;
	default:
		t->empty = "no attendance recorded in the period (circle "
		    "attend mark)";
		break;
	}
	o = here_out(&h, cols, n);
	if (circle_report(t->db, k, &a.f, here_row, &h, &t->err) == -1) {
		circle_out_finish(o);
		return tool_fail(t);
	}
	return tool_finish(t, o);
}

static int
report_attendance(struct tool *t, int argc, char **argv)
{
	return table_report(t, argc, argv, CIRCLE_REPORT_ATTENDANCE);
}

static int
report_sessions(struct tool *t, int argc, char **argv)
{
	return table_report(t, argc, argv, CIRCLE_REPORT_SESSIONS);
}

static int
report_monthly(struct tool *t, int argc, char **argv)
{
	return table_report(t, argc, argv, CIRCLE_REPORT_MONTHLY);
}

static int
report_outreach(struct tool *t, int argc, char **argv)
{
	return table_report(t, argc, argv, CIRCLE_REPORT_OUTREACH);
}

static int
mark_kind(const char *mark)
{
	/* The index of its symbol and count: came, absent, excused, ... */
	return (int)circle_mark_classify(mark);
}

static void
history_row(void *arg, const char *const *v)
{
	struct history	*h = arg;
	const char	*said[5];
	char		*s;
	int		 k;

	k = mark_kind(v[4]);
	/* The mark in the flag's word (left-early), in every format. */
	memcpy(said, v, sizeof said);
	said[4] = circle_mark_said(v[4]);
	h->counts[k]++;
	circle_xasprintf(&s, "%s%s", h->spark, symbols[k]);
	free(h->spark);
	h->spark = s;
	if (h->rows != NULL)
		json_array_append_new(h->rows, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s}", "session", (json_int_t)strtoll(v[0], NULL, 10),
		    "date", v[1], "start", v[2], "group", v[3], "mark",
		    said[4]));
	else
		here_row(&h->here, said);
}

/* The sparkline and its legend, with the count of each mark. */
static void
history_summary(const struct history *h)
{
	size_t	i;

	printf("\n%s\n", h->spark);
	for (i = 0; i < 4; i++)
		printf("%s%s %s %zu", i > 0 ? "  " : "", symbols[i], legend[i],
		    h->counts[i]);
	printf("\n");
}

static int
history_json(struct tool *t, const struct circle_member *m,
    struct history *h)
{
	json_t	*j;
	size_t	 n = json_array_size(h->rows);

	j = json_pack("{s:s, s:s, s:s, s:{s:I, s:I, s:I, s:I}, s:o}",
	    "handle", m->handle, "name", m->display_name, "sparkline", h->spark,
	    "counts", legend[0], (json_int_t)h->counts[0], legend[1],
	    (json_int_t)h->counts[1], legend[2], (json_int_t)h->counts[2],
	    legend[3], (json_int_t)h->counts[3], "sessions", h->rows);
	h->rows = NULL;
	if (j == NULL)
		return tool_error(t, CIRCLE_EIO, "member: cannot make JSON");
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(j);
	return n == 0 ? CIRCLE_EFAIL : 0;
}

static int
report_member(struct tool *t, int argc, char **argv)
{
	const struct circle_col	*cols;
	struct circle_member	 m;
	struct history		 h;
	struct args		 a;
	long long		 gid, mid;
	size_t			 n;
	char			 id[24];
	int			 rc;

	if ((rc = args_from_opts(t, &a)) != 0)
		return rc;
	a.f.member = argv[0];
	if (tool_db(t, 0) == NULL)
		return t->err.code;
	if (a.sql)
		return print_sql(t, CIRCLE_REPORT_MEMBER, &a);
	/* With --group, the person is that group's first; then by id. */
	if (a.f.group != NULL) {
		if (circle_group_resolve(t->db, a.f.group, &gid, &t->err) == -1 ||
		    circle_member_resolve_in(t->db, gid, a.f.member, &mid,
		    &t->err) == -1)
			return tool_fail(t);
		snprintf(id, sizeof id, "%lld", mid);
		a.f.member = id;
	}
	if (circle_member_get(t->db, a.f.member, &m, &t->err) == -1)
		return tool_fail(t);
	memset(&h, 0, sizeof h);
	h.spark = circle_xstrdup("");
	cols = circle_report_cols(CIRCLE_REPORT_MEMBER, &a.f, &n);
	if (t->fmt == CIRCLE_FMT_JSON)
		h.rows = json_array();
	else {
		h.here.t = t;
		h.here.mine = here_zone(t, a.f.group);
		h.o = here_out(&h.here, cols, n);
	}
	rc = circle_report(t->db, CIRCLE_REPORT_MEMBER, &a.f, history_row, &h,
	    &t->err);
	if (rc == -1) {
		if (h.o != NULL)
			circle_out_finish(h.o);
		rc = tool_fail(t);
	} else if (h.rows != NULL)
		rc = history_json(t, &m, &h);
	else if ((rc = tool_finish(t, h.o)) == 0 &&
	    (t->fmt == CIRCLE_FMT_TABLE || t->fmt == CIRCLE_FMT_MD ||
	    (t->fmt == CIRCLE_FMT_AUTO && t->tty)))
		history_summary(&h);
	json_decref(h.rows);
	free(h.spark);
	circle_member_release(&m);
	return rc;
}

/* The check-in report's columns depend on the survey: kept here. */
struct ckout {
	struct tool		*t;
	struct circle_out	*o;
	struct circle_col	*cols;		/* owned, names too */
	size_t			 ncols;
};

static void
checkin_report_cols(void *arg, const struct circle_col *cols, size_t n)
{
	struct ckout	*c = arg;
	size_t		 i;

	c->cols = circle_xcalloc(n + 1, sizeof *c->cols);
	for (i = 0; i < n; i++) {
		c->cols[i].name = circle_xstrdup(cols[i].name);
		c->cols[i].type = cols[i].type;
	}
	c->ncols = n;
	c->o = tool_out(c->t, c->cols, n);
}

static void
checkin_report_row(void *arg, const char *const *v)
{
	struct ckout	*c = arg;

	circle_out_row(c->o, v);
}

static int
report_checkins(struct tool *t, int argc, char **argv)
{
	struct circle_checkin_filter	 f;
	struct circle_db		*db;
	struct ckout			 c;
	size_t				 i;
	int				 rc;

	if ((rc = group_or_all(t)) != 0)
		return rc;
	memset(&f, 0, sizeof f);
	f.group = tool_opt(t, 'g');
	f.from = tool_opt(t, 'F');
	f.to = tool_opt(t, 't');
	f.survey = tool_opt(t, 's');
	f.member = tool_opt(t, 'm');
	f.by_member = tool_has(t, 'M');
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	memset(&c, 0, sizeof c);
	c.t = t;
	if (circle_checkin_report(db, &f, checkin_report_cols,
	    checkin_report_row, &c, &t->err) == -1) {
		rc = tool_fail(t);
		if (c.o != NULL)
			circle_out_finish(c.o);
	} else
		rc = tool_finish(t, c.o);
	for (i = 0; i < c.ncols; i++)
		free((char *)c.cols[i].name);
	free(c.cols);
	return rc;
}

/* funder's options: 0 to go on, else an exit status. */
static int
funder_from_opts(struct tool *t, struct args *a, int *min)
{
	const char	*arg = tool_opt(t, OPT_MIN_COUNT);
	char		*end;
	long		 n;

	memset(a, 0, sizeof *a);
	if (group_or_all(t) != 0)
		return CIRCLE_EUSAGE;
	a->f.group = tool_opt(t, 'g');
	a->f.from = tool_opt(t, 'F');
	a->f.to = tool_opt(t, 't');
	a->sql = tool_has(t, OPT_SQL);
	*min = 5;
	if (arg != NULL) {
		errno = 0;
		n = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || errno != 0 || n < 0 ||
		    n > 1000000)
			return tool_error(t, CIRCLE_EDATA, "min-count: \"%s\" "
			    "is not a number of people (0 or more)", arg);
		*min = (int)n;
	}
	/* A funder's figures are for a period said: never all time. */
	if (a->f.from == NULL || a->f.to == NULL) {
		tool_error(t, CIRCLE_EUSAGE, "funder: for which period? give "
		    "--in PERIOD (\"last quarter\", 2026), or --from DATE and "
		    "--to DATE%s", a->f.from != NULL ? " (--to is missing)" :
		    a->f.to != NULL ? " (--from is missing)" : "");
		return tool_usage(t);
	}
	return 0;
}

/* Figures for a funder: one record, never a name, small counts hidden. */
static int
report_funder(struct tool *t, int argc, char **argv)
{
	struct circle_funder	 r;
	struct circle_col	*cols;
	struct circle_out	*o;
	struct args		 a;
	char			**vals, *sql;
	size_t			 n;
	int			 rc, min;

	if ((rc = funder_from_opts(t, &a, &min)) != 0)
		return rc;
	if (tool_db(t, 0) == NULL)
		return t->err.code;
	if (a.sql) {
		if (circle_report_funder_sql(t->db, &a.f, &sql, &t->err) == -1)
			return tool_fail(t);
		printf("%s\n", sql);
		free(sql);
		return 0;
	}
	if (circle_report_funder(t->db, &a.f, &r, &t->err) == -1)
		return tool_fail(t);
	n = circle_funder_fields(&r, &a.f, min, &cols, &vals);
	o = tool_record(t, cols, n);
	circle_out_row(o, (const char *const *)vals);
	rc = tool_finish(t, o);
	circle_funder_fields_free(cols, vals, n);
	circle_funder_release(&r);
	return rc;
}

static const struct option table_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	OPTION_SINCE_UNTIL,
	{ "sql", no_argument, NULL, OPT_SQL },
	OPTION_END
};

static const struct option outreach_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	OPTION_SINCE_UNTIL,
	{ "missed", required_argument, NULL, 'm' },
	{ "with-contacts", no_argument, NULL, OPT_CONTACTS },
	{ "sql", no_argument, NULL, OPT_SQL },
	OPTION_END
};

static const struct option checkins_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	OPTION_SINCE_UNTIL,
	{ "survey", required_argument, NULL, 's' },
	{ "member", required_argument, NULL, 'm' },
	{ "by-member", no_argument, NULL, 'M' },
	OPTION_END
};

static const struct option funder_opts[] = {
	OPTION_GROUP,
	OPTION_ALL,
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	OPTION_SINCE_UNTIL,
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "sql", no_argument, NULL, OPT_SQL },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "attendance", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--sql]",
	    "per member: expected, attended, excused, absent, rate, last seen, "
	    "missed in a row", report_attendance, VERB_BACK, table_opts,
	    "g:aF:t:", 0, 0 },
	{ "sessions", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--sql]",
	    "per session: expected and each mark, headcount, unrecorded",
	    report_sessions, VERB_BACK, table_opts, "g:aF:t:", 0, 0 },
	{ "monthly", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--sql]",
	    "per group and month: sessions held, participants, attendances",
	    report_monthly, VERB_BACK, table_opts, "g:aF:t:", 0, 0 },
	{ "member", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] [--sql] "
	    "MEMBER",
	    "one person's whole history, with a sparkline", report_member,
	    VERB_BACK, table_opts, "g:aF:t:", 1, 1 },
	{ "outreach", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--missed N] [--with-contacts] [--sql]", "members who missed their last N "
	    "expected sessions (default 3)", report_outreach, VERB_BACK,
	    outreach_opts, "g:aF:t:m:", 0, 0 },
	{ "checkins", "[--group G | --all] [--from DATE] [--to DATE] "
	    "[--in PERIOD] "
	    "[--survey KEY] [--member M] [--by-member]", "per session: responses, average "
	    "score and answers; --by-member: each person's trend",
	    report_checkins, VERB_BACK, checkins_opts, "g:as:m:", 0, 0 },
	{ "funder", "(--from DATE --to DATE | --in PERIOD) "
	    "[--group G | --all] "
	    "[--min-count N] [--sql]", "figures for a funder, without names: "
	    "participants, contacts, hours, retention, check-in change",
	    report_funder, VERB_BACK, funder_opts, "g:aF:t:", 0, 0 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "report",
		.summary = "attendance and check-in reports",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
