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

/* Long-only options: values below tool_getopt's own (0x100). */
enum {
	OPT_SQL = 0x80,
	OPT_CONTACTS
};

static const struct option opts[] = {
	{ "group", required_argument, NULL, 'g' },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 't' },
	{ "missed", required_argument, NULL, 'm' },
	{ "with-contacts", no_argument, NULL, OPT_CONTACTS },
	{ "sql", no_argument, NULL, OPT_SQL },
	{ NULL, 0, NULL, 0 }
};

/* What a verb was given. */
struct args {
	struct circle_report_filter	 f;
	int				 sql;
};

/* A member's marks, for the sparkline. */
struct history {
	struct circle_out	*o;
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
 * Parse the verb's options; only outreach takes --missed and
 * --with-contacts.  Returns -1 to go on, else an exit status.
 */
static int
parse(struct tool *t, int argc, char **argv, struct args *a, int outreach)
{
	char	*end;
	long	 n;
	int	 c;

	memset(a, 0, sizeof *a);
	a->f.missed = 3;
	while ((c = tool_getopt(t, argc, argv, "g:F:t:m:", opts)) != -1) {
		switch (c) {
		case 'g':
			a->f.group = optarg;
			break;
		case 'F':
			a->f.from = optarg;
			break;
		case 't':
			a->f.to = optarg;
			break;
		case OPT_SQL:
			a->sql = 1;
			break;
		case 'm':
			if (!outreach)
				return tool_usage(t);
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 1 || n > INT_MAX)
				return tool_error(t, CIRCLE_EDATA, "missed: "
				    "\"%s\" is not a number of sessions (1 or "
				    "more)", optarg);
			a->f.missed = (int)n;
			break;
		case OPT_CONTACTS:
			if (!outreach)
				return tool_usage(t);
			a->f.with_contacts = 1;
			break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	return -1;
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

static void
out_row(void *arg, const char *const *v)
{
	circle_out_row(arg, v);
}

/* The reports that are one table of rows. */
static int
table_report(struct tool *t, int argc, char **argv,
    enum circle_report_kind k)
{
	const struct circle_col	*cols;
	struct circle_out	*o;
	struct args		 a;
	size_t			 n;
	int			 rc;

	if ((rc = parse(t, argc, argv, &a, k == CIRCLE_REPORT_OUTREACH)) != -1)
		return rc;
	if (optind != argc)
		return tool_usage(t);
	if (tool_db(t, 0) == NULL)
		return t->err.code;
	if (a.sql)
		return print_sql(t, k, &a);
	cols = circle_report_cols(k, &a.f, &n);
	o = tool_out(t, cols, n);
	if (circle_report(t->db, k, &a.f, out_row, o, &t->err) == -1) {
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
	char		*s;
	int		 k;

	k = mark_kind(v[4]);
	h->counts[k]++;
	circle_xasprintf(&s, "%s%s", h->spark, symbols[k]);
	free(h->spark);
	h->spark = s;
	if (h->rows != NULL)
		json_array_append_new(h->rows, json_pack("{s:I, s:s, s:s, s:s, "
		    "s:s}", "session", (json_int_t)strtoll(v[0], NULL, 10),
		    "date", v[1], "start", v[2], "group", v[3], "mark", v[4]));
	else
		circle_out_row(h->o, v);
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
	size_t			 n;
	int			 rc;

	if ((rc = parse(t, argc, argv, &a, 0)) != -1)
		return rc;
	if (optind + 1 != argc)
		return tool_usage(t);
	a.f.member = argv[optind];
	if (tool_db(t, 0) == NULL)
		return t->err.code;
	if (a.sql)
		return print_sql(t, CIRCLE_REPORT_MEMBER, &a);
	if (circle_member_get(t->db, a.f.member, &m, &t->err) == -1)
		return tool_fail(t);
	memset(&h, 0, sizeof h);
	h.spark = circle_xstrdup("");
	cols = circle_report_cols(CIRCLE_REPORT_MEMBER, &a.f, &n);
	if (t->fmt == CIRCLE_FMT_JSON)
		h.rows = json_array();
	else
		h.o = tool_out(t, cols, n);
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
ck_cols(void *arg, const struct circle_col *cols, size_t n)
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
ck_row(void *arg, const char *const *v)
{
	struct ckout	*c = arg;

	circle_out_row(c->o, v);
}

static int
report_checkins(struct tool *t, int argc, char **argv)
{
	static const struct option ckopts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 't' },
		{ "survey", required_argument, NULL, 's' },
		{ "member", required_argument, NULL, 'm' },
		{ "by-member", no_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	struct circle_checkin_filter	 f;
	struct circle_db		*db;
	struct ckout			 c;
	size_t				 i;
	int				 ch, rc;

	memset(&f, 0, sizeof f);
	while ((ch = tool_getopt(t, argc, argv, "g:s:m:", ckopts)) != -1) {
		switch (ch) {
		case 'g': f.group = optarg; break;
		case 'F': f.from = optarg; break;
		case 't': f.to = optarg; break;
		case 's': f.survey = optarg; break;
		case 'm': f.member = optarg; break;
		case 'M': f.by_member = 1; break;
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
	memset(&c, 0, sizeof c);
	c.t = t;
	if (circle_checkin_report(db, &f, ck_cols, ck_row, &c,
	    &t->err) == -1) {
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

/* funder: its own options (--all, --min-count). */
enum {
	OPT_ALL = 0x90,
	OPT_MIN_COUNT
};

static const struct option funder_opts[] = {
	{ "group", required_argument, NULL, 'g' },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 't' },
	{ "min-count", required_argument, NULL, OPT_MIN_COUNT },
	{ "sql", no_argument, NULL, OPT_SQL },
	{ NULL, 0, NULL, 0 }
};

static int
funder_parse(struct tool *t, int argc, char **argv, struct args *a,
    int *min)
{
	char	*end;
	long	 n;
	int	 c, all = 0;

	memset(a, 0, sizeof *a);
	*min = 5;
	while ((c = tool_getopt(t, argc, argv, "g:F:t:", funder_opts)) != -1) {
		switch (c) {
		case 'g':
			a->f.group = optarg;
			break;
		case OPT_ALL:
			all = 1;
			break;
		case 'F':
			a->f.from = optarg;
			break;
		case 't':
			a->f.to = optarg;
			break;
		case OPT_SQL:
			a->sql = 1;
			break;
		case OPT_MIN_COUNT:
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || errno != 0 ||
			    n < 0 || n > 1000000)
				return tool_error(t, CIRCLE_EDATA, "min-count: "
				    "\"%s\" is not a number of people (0 or "
				    "more)", optarg);
			*min = (int)n;
			break;
		case -2:
			return t->err.code;
		default:
			return tool_usage(t);
		}
	}
	if (optind != argc || (all && a->f.group != NULL) ||
	    a->f.from == NULL || a->f.to == NULL)
		return tool_usage(t);
	return -1;
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

	if ((rc = funder_parse(t, argc, argv, &a, &min)) != -1)
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

static const struct verb verbs[] = {
	{ "attendance", "[--group G] [--from DATE] [--to DATE] [--sql]",
	    "per member: expected, attended, excused, absent, rate, last seen, "
	    "missed in a row", report_attendance, 0 },
	{ "sessions", "[--group G] [--from DATE] [--to DATE] [--sql]",
	    "per session: expected and each mark, headcount, unrecorded",
	    report_sessions, 0 },
	{ "monthly", "[--group G] [--from DATE] [--to DATE] [--sql]",
	    "per group and month: sessions held, participants, attendances",
	    report_monthly, 0 },
	{ "member", "[--group G] [--from DATE] [--to DATE] [--sql] MEMBER",
	    "one person's whole history, with a sparkline", report_member, 0 },
	{ "outreach", "[--group G] [--from DATE] [--to DATE] [--missed N] "
	    "[--with-contacts] [--sql]", "members who missed their last N "
	    "expected sessions (default 3)", report_outreach, 0 },
	{ "checkins", "[--group G] [--from DATE] [--to DATE] [--survey KEY] "
	    "[--member M] [--by-member]", "per session: responses, average "
	    "score and answers; --by-member: each person's trend",
	    report_checkins, 0 },
	{ "funder", "--from DATE --to DATE [--group G | --all] "
	    "[--min-count N] [--sql]", "figures for a funder, without names: "
	    "participants, contacts, hours, retention, check-in change",
	    report_funder, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
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
