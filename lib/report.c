/*
 * report.c: the attendance reports.  Attendance, sessions and outreach are
 * worked out from each group's grid (grid.c: who was expected, what counts
 * as came, missed in a row); monthly and funder's counts from one pass
 * over attendance (tally.c); member is one SQL query over the expected
 * view, so that what circle prints is what the sqlite3 shell prints for
 * the same text.  --sql shows what runs either way.  Rows go to a
 * caller's callback.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "grid.h"

/*
 * One person's history: the held sessions they were expected at (no row
 * is "absent"), any other session with a mark of theirs (as a guest), and
 * past sessions not recorded yet that they would have been expected at.
 */
static const char member_sql[] =
	"SELECT s.id, substr(s.local_start, 1, 10), "
	"substr(s.local_start, 12, 5), g.handle, x.mark "
	"FROM ("
	"SELECT e.session_id AS session_id, coalesce(e.mark, 'absent') AS mark "
	"FROM expected e WHERE e.member_id = ?8 AND " E_SCOPE " "
	"UNION ALL "
	"SELECT s.id, a.status FROM session s JOIN attendance a ON "
	"a.session_id = s.id AND a.member_id = ?8 WHERE s.status = 'held' AND "
	S_SCOPE " AND NOT EXISTS (SELECT 1 FROM expected e WHERE "
	"e.session_id = s.id AND e.member_id = ?8) "
	"UNION ALL "
	"SELECT s.id, 'unrecorded' FROM session s JOIN membership p ON "
	"p.grp_id = s.grp_id AND p.member_id = ?8 AND p.role != 'guest' AND "
	"p.joined_on <= substr(s.local_start, 1, 10) AND (p.left_on IS NULL OR "
	"p.left_on > substr(s.local_start, 1, 10)) JOIN member m ON "
	"m.id = p.member_id AND m.status = 'active' WHERE "
	"s.status = 'scheduled' AND s.starts_at <= " NOW " AND " S_SCOPE
	") x JOIN session s ON s.id = x.session_id "
	"JOIN grp g ON g.id = s.grp_id ORDER BY s.starts_at, g.handle";

static const struct circle_col attendance_cols[] = {
	{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
	{ "group", CIRCLE_COL_TEXT }, { "expected", CIRCLE_COL_INT },
	{ "attended", CIRCLE_COL_INT }, { "excused", CIRCLE_COL_INT },
	{ "absent", CIRCLE_COL_INT }, { "rate", CIRCLE_COL_REAL },
	{ "last_seen", CIRCLE_COL_WHOLE }, { "missed_in_a_row", CIRCLE_COL_INT },
};

/*
 * Report sessions' columns, then the online link when asked for (as
 * session list shows it: "online", yes or nothing, or "online_url").
 */
#define SESSIONS_COLS \
	{ "id", CIRCLE_COL_INT }, { "group", CIRCLE_COL_TEXT }, \
	{ "date", CIRCLE_COL_WHOLE }, { "start", CIRCLE_COL_WHOLE }, \
	{ "status", CIRCLE_COL_TEXT }, { "expected", CIRCLE_COL_INT }, \
	{ "present", CIRCLE_COL_INT }, { "late", CIRCLE_COL_INT }, \
	{ "left_early", CIRCLE_COL_INT }, { "excused", CIRCLE_COL_INT }, \
	{ "absent", CIRCLE_COL_INT }, { "headcount", CIRCLE_COL_INT }, \
	{ "unrecorded", CIRCLE_COL_BOOL }
static const struct circle_col sessions_cols[] = { SESSIONS_COLS };
static const struct circle_col sessions_online_cols[] = { SESSIONS_COLS,
	{ "online", CIRCLE_COL_TEXT } };
static const struct circle_col sessions_url_cols[] = { SESSIONS_COLS,
	{ "online_url", CIRCLE_COL_TEXT } };

/*
 * The online link of each session report sessions gives, its own, its
 * series' or its group's (the reports' grids read none).
 */
#define LINKS_SQL "SELECT id, link FROM (SELECT s.id AS id, " SESSION_LINK \
    " AS link FROM session s WHERE " S_SCOPE " AND (s.status = 'held' OR " \
    "s.starts_at <= " NOW ")) WHERE link IS NOT NULL ORDER BY id"
static const char links_sql[] = LINKS_SQL;

static const struct circle_col monthly_cols[] = {
	{ "group", CIRCLE_COL_TEXT }, { "month", CIRCLE_COL_WHOLE },
	{ "sessions_held", CIRCLE_COL_INT },
	{ "unique_participants", CIRCLE_COL_INT },
	{ "attendances", CIRCLE_COL_INT }, { "average", CIRCLE_COL_REAL },
};

static const struct circle_col member_cols[] = {
	{ "session", CIRCLE_COL_INT }, { "date", CIRCLE_COL_WHOLE },
	{ "start", CIRCLE_COL_WHOLE }, { "group", CIRCLE_COL_TEXT },
	{ "mark", CIRCLE_COL_TEXT },
};

static const struct circle_col outreach_cols[] = {
	{ "handle", CIRCLE_COL_TEXT }, { "name", CIRCLE_COL_TEXT },
	{ "group", CIRCLE_COL_TEXT }, { "missed_in_a_row", CIRCLE_COL_INT },
	{ "last_seen", CIRCLE_COL_WHOLE }, { "consent", CIRCLE_COL_TEXT },
	{ "email", CIRCLE_COL_TEXT }, { "phone", CIRCLE_COL_TEXT },
};

#define NCOLS(a)	(sizeof (a) / sizeof (a)[0])

/* Each report: its one query, or NULL when worked out from the grids. */
static const struct {
	const char		*sql;
	const struct circle_col	*cols;
	size_t			 ncols;
} reports[] = {
	[CIRCLE_REPORT_ATTENDANCE] = { NULL, attendance_cols,
	    NCOLS(attendance_cols) },
	[CIRCLE_REPORT_SESSIONS] = { NULL, sessions_cols,
	    NCOLS(sessions_cols) },
	[CIRCLE_REPORT_MONTHLY] = { NULL, monthly_cols,
	    NCOLS(monthly_cols) },
	[CIRCLE_REPORT_MEMBER] = { member_sql, member_cols,
	    NCOLS(member_cols) },
	[CIRCLE_REPORT_OUTREACH] = { NULL, outreach_cols,
	    NCOLS(outreach_cols) },
};

const struct circle_col *
circle_report_cols(enum circle_report_kind k,
    const struct circle_report_filter *f, size_t *n)
{
	*n = reports[k].ncols;
	/* Without contacts, no contact columns at all, not empty ones. */
	if (k == CIRCLE_REPORT_OUTREACH && !f->with_contacts)
		*n -= 2;
	if (k == CIRCLE_REPORT_SESSIONS && f->online != CIRCLE_ONLINE_NONE) {
		*n = NCOLS(sessions_url_cols);
		return f->online == CIRCLE_ONLINE_URL ? sessions_url_cols :
		    sessions_online_cols;
	}
	return reports[k].cols;
}

/*
 * The report's filter checked and resolved into a scope (and the member
 * of report member into *mid).
 */
static int
report_scope(struct circle_db *db, enum circle_report_kind k,
    const struct circle_report_filter *f, struct circle_scope *sc,
    long long *mid, struct circle_err *e)
{
	memset(sc, 0, sizeof *sc);
	*mid = 0;
	if ((unsigned)k >= NCOLS(reports))
		return circle_err_set(e, CIRCLE_EUSAGE, "no such report");
	if (circle_scope_dates(f->from, f->to, sc, e) == -1)
		return -1;
	if (k == CIRCLE_REPORT_OUTREACH && f->missed < 1)
		return circle_err_set(e, CIRCLE_EDATA, "missed: %d is not a "
		    "number of sessions (1 or more)", f->missed);
	if (f->group != NULL && circle_group_resolve(db, f->group, &sc->gid,
	    e) == -1)
		return -1;
	/* A member of the group asked about is found before anyone else. */
	if (k == CIRCLE_REPORT_MEMBER && (f->member == NULL ||
	    circle_member_resolve_in(db, sc->gid, f->member, mid, e) == -1)) {
		if (f->member == NULL)
			circle_err_set(e, CIRCLE_EUSAGE, "which member?");
		return -1;
	}
	return 0;
}

/* A report's statement (those that are one query), scope bound. */
static sqlite3_stmt *
report_prepare(struct circle_db *db, enum circle_report_kind k,
    const struct circle_report_filter *f, const struct circle_scope *sc,
    long long mid, struct circle_err *e)
{
	sqlite3_stmt	*st;

	if ((st = circle_prepare(db, reports[k].sql, e)) == NULL)
		return NULL;
	/* Each query uses some of the parameters; the rest bind nothing. */
	circle_scope_bind(st, sc);
	sqlite3_bind_int(st, 6, f->missed);
	sqlite3_bind_int(st, 7, f->with_contacts != 0);
	sqlite3_bind_int64(st, 8, mid);
	return st;
}

/*
 * Attendance, sessions and outreach are worked out from each group's grid
 * (grid.c: its sessions, memberships and marks read once, the marks of a
 * batch of groups in one pass, the expected view's rule kept in C)
 * instead of one query over the expected view, which costs a join per
 * expected pair.  The figures are the same ones: tests/t6200 compares
 * them with the view's SQL.
 */
struct session_line {
	long long	 id;
	long long	 headcount;	/* -1: none */
	int		 n[6];		/* expected, present, late, left
					   early, excused, absent */
	uint32_t	 grp;		/* index in the group handles */
	char		 held;
	char		 status[10];
	char		 starts_at[21];
	char		 local_start[17];
};
#define LINES_PER_BLOCK	((1 << 20) / sizeof(struct session_line))

struct outreach_line {
	char		*v[8];		/* owned, as outreach_cols */
	int		 missed;
};

/* A session's online link (links_sql). */
struct link {
	long long	 id;
	char		*url;		/* owned */
};

struct grid_report {
	struct circle_db		*db;
	enum circle_report_kind		 k;
	const struct circle_report_filter *f;
	void				(*row)(void *, const char *const *);
	void				*arg;
	sqlite3_stmt			*round;		/* the rate */
	char				**handles;	/* owned, per group */
	size_t				 ngroups;
	struct session_line		**sl;		/* owned, blocks */
	size_t				 nsl;
	struct outreach_line		*ol;		/* owned */
	size_t				 nol;
	struct link			*links;		/* owned, by id */
	size_t				 nlinks;
};

static int
report_from_grid(enum circle_report_kind k)
{
	return k == CIRCLE_REPORT_ATTENDANCE || k == CIRCLE_REPORT_SESSIONS ||
	    k == CIRCLE_REPORT_OUTREACH;
}

/* came / (expected - excused), rounded and as text as SQLite gives it. */
static int
rate_text(struct grid_report *r, const struct circle_grid_person *p,
    char *buf, size_t len, struct circle_err *e)
{
	const char	*t;

	buf[0] = '\0';
	sqlite3_reset(r->round);
	sqlite3_bind_double(r->round, 1, 1.0 * p->came /
	    (p->expected - p->excused));
	if (sqlite3_step(r->round) != SQLITE_ROW)
		return circle_db_error(r->db, e, "rate");
	t = (const char *)sqlite3_column_text(r->round, 0);
	snprintf(buf, len, "%s", t != NULL ? t : "");
	sqlite3_reset(r->round);
	return 0;
}

/* One person's row of report attendance, as the grid counted them. */
static int
attendance_line(struct grid_report *r, const struct circle_grid *g,
    const struct circle_grid_person *p, struct circle_err *e)
{
	char		 n[5][24], rate[32];
	const char	*v[10];

	snprintf(n[0], sizeof n[0], "%d", p->expected);
	snprintf(n[1], sizeof n[1], "%d", p->attended);
	snprintf(n[2], sizeof n[2], "%d", p->excused);
	snprintf(n[3], sizeof n[3], "%d", p->absent);
	snprintf(n[4], sizeof n[4], "%d", p->missed);
	if (p->expected > p->excused &&
	    rate_text(r, p, rate, sizeof rate, e) == -1)
		return -1;
	v[0] = p->handle;
	v[1] = p->name;
	v[2] = g->handle;
	v[3] = n[0];
	v[4] = n[1];
	v[5] = n[2];
	v[6] = n[3];
	v[7] = p->expected > p->excused ? rate : NULL;
	v[8] = p->last_seen[0] != '\0' ? p->last_seen : NULL;
	v[9] = n[4];
	r->row(r->arg, v);
	return 0;
}

/* A current member (not a guest) of the group, still active. */
static int
current_member(const struct circle_grid *g, size_t person)
{
	size_t	k;

	if (!g->pp[person].active)
		return 0;
	for (k = 0; k < g->nmm; k++)
		if (g->mm[k].person == person && g->mm[k].left_on[0] == '\0' &&
		    g->mm[k].expects)
			return 1;
	return 0;
}

static void
outreach_line(struct grid_report *r, const struct circle_grid *g,
    size_t i)
{
	const struct circle_grid_person	*p = &g->pp[i];
	struct outreach_line		*o;
	int				 contact;

	r->ol = circle_xgrow(r->ol, r->nol, sizeof *r->ol);
	o = &r->ol[r->nol++];
	memset(o, 0, sizeof *o);
	o->missed = p->missed;
	o->v[0] = circle_xstrdup(p->handle);
	o->v[1] = circle_xstrdup(p->name);
	o->v[2] = circle_xstrdup(g->handle);
	circle_xasprintf(&o->v[3], "%d", p->missed);
	if (p->last_seen[0] != '\0')
		o->v[4] = circle_xstrdup(p->last_seen);
	o->v[5] = circle_xstrdup(p->consent == 1 ? "yes" : p->consent == 0 ?
	    "no" : "unknown");
	contact = r->f->with_contacts && p->consent == 1;
	if (contact && p->email != NULL)
		o->v[6] = circle_xstrdup(p->email);
	if (contact && p->phone != NULL)
		o->v[7] = circle_xstrdup(p->phone);
}

static void
session_line(struct grid_report *r, const struct circle_grid_session *s)
{
	struct session_line	*l;

	/* In blocks, never moved: they take the place of the marks freed. */
	if (r->nsl % LINES_PER_BLOCK == 0) {
		r->sl = circle_xgrow(r->sl, r->nsl / LINES_PER_BLOCK,
		    sizeof *r->sl);
		r->sl[r->nsl / LINES_PER_BLOCK] = circle_xreallocarray(NULL,
		    LINES_PER_BLOCK, sizeof **r->sl);
	}
	l = &r->sl[r->nsl / LINES_PER_BLOCK][r->nsl % LINES_PER_BLOCK];
	r->nsl++;
	memset(l, 0, sizeof *l);
	l->id = s->id;
	l->grp = (uint32_t)(r->ngroups - 1);
	memcpy(l->starts_at, s->starts_at, sizeof l->starts_at);
	memcpy(l->local_start, s->local_start, sizeof l->local_start);
	snprintf(l->status, sizeof l->status, "%s",
	    s->status != NULL ? s->status : "");
	l->headcount = s->headcount;
	l->held = s->held != 0;
	l->n[0] = s->expected;
	l->n[1] = s->marks[CIRCLE_CELL_PRESENT];
	l->n[2] = s->marks[CIRCLE_CELL_LATE];
	l->n[3] = s->marks[CIRCLE_CELL_LEFT_EARLY];
	l->n[4] = s->marks[CIRCLE_CELL_EXCUSED];
	l->n[5] = s->absent;
}

/* What one group's grid gives each report. */
static int
grid_report_group(struct grid_report *r, const struct circle_grid *g,
    struct circle_err *e)
{
	size_t	i;

	r->handles = circle_xgrow(r->handles, r->ngroups, sizeof *r->handles);
	r->handles[r->ngroups++] = circle_xstrdup(g->handle);
	if (r->k == CIRCLE_REPORT_SESSIONS) {
		for (i = 0; i < g->nss; i++)
			session_line(r, &g->ss[i]);
		return 0;
	}
	for (i = 0; i < g->npp; i++) {
		if (!g->pp[i].shown)
			continue;
		if (r->k == CIRCLE_REPORT_ATTENDANCE) {
			if (attendance_line(r, g, &g->pp[i], e) == -1)
				return -1;
		} else if (g->pp[i].missed >= r->f->missed &&
		    current_member(g, i))
			outreach_line(r, g, i);
	}
	return 0;
}

/* ORDER BY s.starts_at, g.handle (then as the session_start index). */

static int
session_line_cmp(const void *a, const void *b)
{
	const struct session_line	*x = *(const struct session_line *
					    const *)a;
	const struct session_line	*y = *(const struct session_line *
					    const *)b;
	int				 c;

	if ((c = strcmp(x->starts_at, y->starts_at)) != 0)
		return c;
	/* The groups come in the order of their handles (groups_sql). */
	if (x->grp != y->grp)
		return x->grp < y->grp ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* ORDER BY missed DESC, group, name COLLATE circle_name, handle. */
static int
outreach_line_cmp(const void *a, const void *b)
{
	const struct outreach_line	*x = a, *y = b;
	int				 c;

	if (x->missed != y->missed)
		return x->missed > y->missed ? -1 : 1;
	if ((c = strcmp(x->v[2], y->v[2])) != 0)
		return c;
	if ((c = circle_name_cmp(x->v[1], y->v[1])) != 0)
		return c;
	return strcmp(x->v[0], y->v[0]);
}

/* n in decimal, as "%lld" writes it, into buf (24 bytes). */
static const char *
int_text(long long n, char *buf)
{
	unsigned long long	 u = n < 0 ? 0ULL - (unsigned long long)n :
	    (unsigned long long)n;
	char			*p = buf + 23;

	*p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

static int
link_cmp(const void *a, const void *b)
{
	const struct link	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The links of the sessions in scope, when the report shows them. */
static int
links_load(struct grid_report *r, const struct circle_scope *sc,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	struct link	*l;
	int		 rc;

	if (r->k != CIRCLE_REPORT_SESSIONS ||
	    r->f->online == CIRCLE_ONLINE_NONE)
		return 0;
	if ((st = circle_prepare(r->db, links_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->links = circle_xgrow(r->links, r->nlinks, sizeof *r->links);
		l = &r->links[r->nlinks++];
		l->id = sqlite3_column_int64(st, 0);
		l->url = circle_col_dup(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(r->db, e, "online links");
	return 0;
}

/* A session's link as the report shows it: "yes" or the link; NULL. */
static const char *
link_said(const struct grid_report *r, long long id)
{
	struct link	 key, *l;

	if (r->nlinks == 0)
		return NULL;
	key.id = id;
	if ((l = bsearch(&key, r->links, r->nlinks, sizeof *r->links,
	    link_cmp)) == NULL)
		return NULL;
	return r->f->online == CIRCLE_ONLINE_URL ? l->url : "yes";
}

static void
session_line_put(struct grid_report *r, const struct session_line *l)
{
	char		 id[24], n[6][24], hc[24], date[11];
	const char	*v[14];
	size_t		 i;

	v[0] = int_text(l->id, id);
	v[1] = r->handles[l->grp];
	/* substr(local_start, 1, 10) and (12, 5): date and start apart. */
	memcpy(date, l->local_start, 10);
	date[10] = '\0';
	v[2] = date;
	v[3] = strlen(l->local_start) > 11 ? l->local_start + 11 : "";
	v[4] = l->status;
	for (i = 0; i < 6; i++)
		v[5 + i] = l->held ? int_text(l->n[i], n[i]) : NULL;
	v[11] = l->headcount >= 0 ? int_text(l->headcount, hc) : NULL;
	v[12] = strcmp(l->status, "scheduled") == 0 ? "1" : "0";
	v[13] = link_said(r, l->id);
	r->row(r->arg, v);
}

static void
grid_report_release(struct grid_report *r)
{
	size_t	i, j;

	for (i = 0; i < r->nol; i++)
		for (j = 0; j < 8; j++)
			free(r->ol[i].v[j]);
	free(r->ol);
	for (i = 0; i < r->nsl; i += LINES_PER_BLOCK)
		free(r->sl[i / LINES_PER_BLOCK]);
	free(r->sl);
	for (i = 0; i < r->nlinks; i++)
		free(r->links[i].url);
	free(r->links);
	circle_strv_free(r->handles, r->ngroups);
	sqlite3_finalize(r->round);
}

/* The rows gathered across groups, in the report's order. */
static void
grid_report_flush(struct grid_report *r)
{
	const struct session_line	**by;
	size_t				  i;

	if (r->k == CIRCLE_REPORT_SESSIONS) {
		/* Their places sorted, not the lines: half the memory. */
		by = circle_xreallocarray(NULL, r->nsl + 1, sizeof *by);
		for (i = 0; i < r->nsl; i++)
			by[i] = &r->sl[i / LINES_PER_BLOCK][i %
			    LINES_PER_BLOCK];
		if (r->nsl > 0)
			qsort(by, r->nsl, sizeof *by, session_line_cmp);
		for (i = 0; i < r->nsl; i++)
			session_line_put(r, by[i]);
		free(by);
	} else if (r->k == CIRCLE_REPORT_OUTREACH) {
		if (r->nol > 0)
			qsort(r->ol, r->nol, sizeof *r->ol, outreach_line_cmp);
		for (i = 0; i < r->nol; i++)
			r->row(r->arg, (const char *const *)r->ol[i].v);
	}
}

static int
grid_report(struct circle_db *db, enum circle_report_kind k,
    const struct circle_report_filter *f, const struct circle_scope *sc,
    void (*row)(void *, const char *const *), void *arg,
    struct circle_err *e)
{
	struct grid_report	 r;
	struct circle_grid	*gs = NULL;
	struct circle_grid_marks *mk = NULL;
	long long		*gids;
	size_t			 ngids, off, n = 0, i;
	int			 rc = -1;

	memset(&r, 0, sizeof r);
	r.db = db;
	r.k = k;
	r.f = f;
	r.row = row;
	r.arg = arg;
	if (circle_grid_groups(db, sc, &gids, &ngids, e) == -1)
		return -1;
	if ((r.round = circle_prepare(db, "SELECT round(?1, 2)", e)) == NULL)
		goto out;
	for (off = 0; off < ngids; off += n) {
		n = ngids - off < CIRCLE_GRID_BATCH ? ngids - off :
		    CIRCLE_GRID_BATCH;
		if (circle_grid_load_all(db, sc, k == CIRCLE_REPORT_OUTREACH &&
		    f->with_contacts ? CIRCLE_GRID_CONTACTS : 0, gids, ngids,
		    off, n, &mk, &gs, e) == -1) {
			n = 0;
			goto out;
		}
		for (i = 0; i < n; i++)
			if (grid_report_group(&r, &gs[i], e) == -1)
				goto out;
		for (i = 0; i < n; i++)
			circle_grid_release(&gs[i]);
		free(gs);
		gs = NULL;
	}
	circle_grid_marks_free(mk);
	mk = NULL;
	if (links_load(&r, sc, e) == -1)
		goto out;
	grid_report_flush(&r);
	rc = 0;
out:
	for (i = 0; gs != NULL && i < n; i++)
		circle_grid_release(&gs[i]);
	free(gs);
	free(gids);
	circle_grid_marks_free(mk);
	grid_report_release(&r);
	return rc;
}

int
circle_report(struct circle_db *db, enum circle_report_kind k,
    const struct circle_report_filter *f,
    void (*row)(void *, const char *const *), void *arg,
    struct circle_err *e)
{
	struct circle_scope	 sc;
	sqlite3_stmt		*st;
	const char		*v[16];
	long long		 mid;
	size_t			 n, i;
	int			 rc;

	if (report_scope(db, k, f, &sc, &mid, e) == -1)
		return -1;
	if (report_from_grid(k))
		return grid_report(db, k, f, &sc, row, arg, e);
	if (k == CIRCLE_REPORT_MONTHLY)
		return circle_tally_monthly(db, &sc, row, arg, e);
	if ((st = report_prepare(db, k, f, &sc, mid, e)) == NULL)
		return -1;
	circle_report_cols(k, f, &n);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			v[i] = (const char *)sqlite3_column_text(st, (int)i);
		row(arg, v);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "report");
	return 0;
}

/* The sessions' links, to the queries --sql shows. */
static int
links_sql_add(struct circle_db *db, const struct circle_scope *sc,
    char **sql, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*x;

	if ((st = circle_prepare(db, links_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	x = sqlite3_expanded_sql(st);
	sqlite3_finalize(st);
	if (x == NULL)
		return circle_err_set(e, CIRCLE_EIO, "report: out of memory");
	circle_xappend(sql, "\n", "-- and the sessions' online links, when "
	    "shown:\n%s;", x);
	sqlite3_free(x);
	return 0;
}

/*
 * Whether a session report sessions gives has an online link: a table and
 * CSV have the column only then, as session list.
 */
int
circle_report_online_any(struct circle_db *db,
    const struct circle_report_filter *f, int *any, struct circle_err *e)
{
	struct circle_scope	 sc;
	sqlite3_stmt		*st;
	long long		 mid;
	int			 rc;

	*any = 0;
	if (report_scope(db, CIRCLE_REPORT_SESSIONS, f, &sc, &mid, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT EXISTS (" LINKS_SQL ")",
	    e)) == NULL)
		return -1;
	circle_scope_bind(st, &sc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*any = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return circle_db_error(db, e, "online links");
	return 0;
}

/*
 * What a report runs, as the sqlite3 shell would take it: parameters
 * bound as literals, each statement ending in a semicolon.  A report
 * worked out from the grids shows the queries of circle_grid_load_all,
 * those run per group for the first group (each group's are the same but
 * for ?1, its id), after a comment saying so.  The caller frees it.
 */
int
circle_report_sql(struct circle_db *db, enum circle_report_kind k,
    const struct circle_report_filter *f, char **sql, struct circle_err *e)
{
	struct circle_scope	 sc;
	sqlite3_stmt		*st;
	long long		 mid, *gids;
	size_t			 ngids;
	char			*x;

	*sql = NULL;
	if (report_scope(db, k, f, &sc, &mid, e) == -1)
		return -1;
	if (report_from_grid(k)) {
		if (circle_grid_groups(db, &sc, &gids, &ngids, e) == -1)
			return -1;
		circle_xasprintf(sql, "-- worked out in C (lib/grid.c, "
		    "lib/gridpass.c) from these queries%s, groups in batches "
		    "of %d",
		    k == CIRCLE_REPORT_ATTENDANCE ? ", and each rate rounded "
		    "by SELECT round(?1, 2)" : "", CIRCLE_GRID_BATCH);
		if (circle_grid_sql(db, &sc, ngids > 0 ? gids[0] : 0, ngids,
		    k == CIRCLE_REPORT_OUTREACH && f->with_contacts ?
		    CIRCLE_GRID_CONTACTS : 0, sql, e) == -1 ||
		    (k == CIRCLE_REPORT_SESSIONS && links_sql_add(db, &sc,
		    sql, e) == -1)) {
			free(gids);
			free(*sql);
			*sql = NULL;
			return -1;
		}
		free(gids);
		return 0;
	}
	if (k == CIRCLE_REPORT_MONTHLY)
		return circle_tally_sql(db, &sc, 0, sql, e);
	if ((st = report_prepare(db, k, f, &sc, mid, e)) == NULL)
		return -1;
	if ((x = sqlite3_expanded_sql(st)) == NULL) {
		sqlite3_finalize(st);
		return circle_err_set(e, CIRCLE_EIO, "report: out of memory");
	}
	circle_xasprintf(sql, "%s;", x);
	sqlite3_free(x);
	sqlite3_finalize(st);
	return 0;
}

/*
 * The funder report: what a funder asks for, over the held sessions of a
 * scope, without anyone's name.  Contacts are counted as circle report
 * monthly counts attendances (the people marked as there, or the
 * headcount when that is more); unique participants are people recorded
 * by name; new ones came to none of the groups' held sessions before the
 * first date; retained ones came three times or more.
 */
/*
 * Check-in change, per survey key: for each person with two scored
 * check-ins of that survey or more in the scope, the last score minus the
 * first (in the order of the sessions); the mean of those.
 */
static const char funder_change_sql[] =
	"SELECT key, count(*), round(avg(last - first), 2) FROM ("
	"SELECT DISTINCT member_id, key, n, first, last FROM ("
	"SELECT r.member_id AS member_id, v.key AS key, count(*) OVER w AS n, "
	"first_value(r.score) OVER w AS first, "
	"last_value(r.score) OVER w AS last "
	"FROM session s JOIN response r ON r.session_id = s.id "
	"JOIN survey v ON v.id = r.survey_id WHERE " S_SCOPE " AND "
	"r.phase = 'checkin' AND r.member_id IS NOT NULL AND "
	"r.score IS NOT NULL WINDOW w AS (PARTITION BY r.member_id, v.key "
	"ORDER BY s.starts_at, r.id ROWS BETWEEN UNBOUNDED "
	"PRECEDING AND UNBOUNDED FOLLOWING))) "
	"WHERE n >= 2 GROUP BY key ORDER BY key;";

void
circle_funder_release(struct circle_funder *f)
{
	size_t	i;

	for (i = 0; i < f->nchanges; i++)
		free(f->changes[i].survey);
	free(f->changes);
	free(f->group);
	memset(f, 0, sizeof *f);
}

static int
funder_scope(struct circle_db *db, const struct circle_report_filter *f,
    struct circle_scope *sc, struct circle_err *e)
{
	if (f->from == NULL || f->to == NULL)
		return circle_err_set(e, CIRCLE_EUSAGE, "funder: --from and "
		    "--to are needed");
	return circle_scope_set(db, f->group, 1, f->from, f->to, sc, e);
}

int
circle_funder_changes(struct circle_db *db, const struct circle_scope *sc,
    struct circle_funder *r, struct circle_err *e)
{
	struct circle_funder_change	*c;
	sqlite3_stmt			*st;
	int				 rc;

	if ((st = circle_prepare(db, funder_change_sql, e)) == NULL)
		return -1;
	circle_scope_bind(st, sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->changes = circle_xgrow(r->changes, r->nchanges,
		    sizeof *r->changes);
		c = &r->changes[r->nchanges++];
		c->survey = circle_col_dup(st, 0);
		c->people = sqlite3_column_int64(st, 1);
		c->change = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "funder");
	return 0;
}

/*
 * The average attendance and the retention from the counts, rounded as
 * the report prints them (and the workbook shows them).
 */
int
circle_funder_round(struct circle_db *db, struct circle_funder *r,
    struct circle_err *e)
{
	if (r->held > 0 && circle_round(db, (double)r->contacts / r->held, 1,
	    &r->average, e) == -1)
		return -1;
	if (r->people > 0 && circle_round(db, (double)r->retained / r->people,
	    2, &r->retention, e) == -1)
		return -1;
	return 0;
}

/* The figures over a scope, as circle_report_funder gives them. */
int
circle_funder_compute(struct circle_db *db, const struct circle_scope *sc,
    struct circle_funder *r, struct circle_err *e)
{
	sqlite3_stmt	*st;

	memset(r, 0, sizeof *r);
	if (sc->gid != 0) {
		if ((st = circle_prepare(db, "SELECT handle FROM grp WHERE "
		    "id = ?1", e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, sc->gid);
		if (sqlite3_step(st) == SQLITE_ROW)
			r->group = circle_col_dup(st, 0);
		sqlite3_finalize(st);
	}
	if (circle_tally_funder(db, sc, r, e) == -1 ||
	    circle_funder_round(db, r, e) == -1 ||
	    circle_funder_changes(db, sc, r, e) == -1)
		goto fail;
	return 0;
fail:
	circle_funder_release(r);
	return -1;
}

int
circle_report_funder(struct circle_db *db,
    const struct circle_report_filter *f, struct circle_funder *r,
    struct circle_err *e)
{
	struct circle_scope	sc;

	memset(r, 0, sizeof *r);
	if (funder_scope(db, f, &sc, e) == -1)
		return -1;
	return circle_funder_compute(db, &sc, r, e);
}

/* Both statements, parameters bound, for the sqlite3 shell. */
int
circle_report_funder_sql(struct circle_db *db,
    const struct circle_report_filter *f, char **sql, struct circle_err *e)
{
	struct circle_scope	 sc;
	sqlite3_stmt		*st;
	char			*x;

	*sql = NULL;
	if (funder_scope(db, f, &sc, e) == -1 ||
	    circle_tally_sql(db, &sc, 1, sql, e) == -1)
		return -1;
	if ((st = circle_prepare(db, funder_change_sql, e)) == NULL)
		goto fail;
	circle_scope_bind(st, &sc);
	if ((x = sqlite3_expanded_sql(st)) == NULL) {
		sqlite3_finalize(st);
		circle_err_set(e, CIRCLE_EIO, "report: out of memory");
		goto fail;
	}
	circle_xappend(sql, "\n", "-- the check-in change:\n%s", x);
	sqlite3_free(x);
	sqlite3_finalize(st);
	return 0;
fail:
	free(*sql);
	*sql = NULL;
	return -1;
}

/* A count, or "<min" when it is under the threshold. */
static char *
count_text(long long n, int min)
{
	char	*s;

	if (n < min)
		circle_xasprintf(&s, "<%d", min);
	else
		circle_xasprintf(&s, "%lld", n);
	return s;
}

static char *
real_text(double x)
{
	char	*s;

	circle_xasprintf(&s, "%.15g", x);
	return s;
}

static size_t
funder_add(struct circle_col **cols, char ***vals, size_t n,
    const char *name, enum circle_coltype type, char *val)
{
	*cols = circle_xgrow(*cols, n, sizeof **cols);
	*vals = circle_xgrow(*vals, n, sizeof **vals);
	(*cols)[n].name = circle_xstrdup(name);
	(*cols)[n].type = type;
	(*vals)[n] = val;
	return n + 1;
}

/*
 * The figures, one field each, for printing.  A count under min is shown
 * as "<min", and so is a figure worked out from one (an average of fewer
 * contacts, a share or a change of fewer people): nothing in it can be
 * traced to a person in a small group.
 */
size_t
circle_funder_fields(const struct circle_funder *r,
    const struct circle_report_filter *f, int min, struct circle_col **cols,
    char ***vals)
{
	char	*name, *v;
	size_t	 n = 0, i;

	*cols = NULL;
	*vals = NULL;
	n = funder_add(cols, vals, n, "from", CIRCLE_COL_TEXT,
	    circle_xstrdup(f->from));
	n = funder_add(cols, vals, n, "to", CIRCLE_COL_TEXT,
	    circle_xstrdup(f->to));
	n = funder_add(cols, vals, n, "group", CIRCLE_COL_TEXT,
	    circle_xstrdup(r->group != NULL ? r->group : "all"));
	circle_xasprintf(&v, "%d", min);
	n = funder_add(cols, vals, n, "min_count", CIRCLE_COL_INT, v);
	circle_xasprintf(&v, "%lld", r->held);
	n = funder_add(cols, vals, n, "sessions_held", CIRCLE_COL_INT, v);
	n = funder_add(cols, vals, n, "service_hours", CIRCLE_COL_REAL,
	    real_text(r->hours));
	n = funder_add(cols, vals, n, "unique_participants", CIRCLE_COL_INT,
	    count_text(r->people, min));
	n = funder_add(cols, vals, n, "new_participants", CIRCLE_COL_INT,
	    count_text(r->new_people, min));
	n = funder_add(cols, vals, n, "total_contacts", CIRCLE_COL_INT,
	    count_text(r->contacts, min));
	if (r->held == 0)
		v = NULL;
	else if (r->contacts < min)
		v = count_text(r->contacts, min);
	else
		v = real_text(r->average);
	n = funder_add(cols, vals, n, "average_attendance", CIRCLE_COL_REAL, v);
	n = funder_add(cols, vals, n, "retained", CIRCLE_COL_INT,
	    count_text(r->retained, min));
	if (r->people == 0)
		v = NULL;
	else if (r->retained < min || r->people < min)
		v = count_text(r->retained < min ? r->retained : r->people,
		    min);
	else
		v = real_text(r->retention);
	n = funder_add(cols, vals, n, "retention", CIRCLE_COL_REAL, v);
	for (i = 0; i < r->nchanges; i++) {
		circle_xasprintf(&name, "checkin_change_%s",
		    r->changes[i].survey);
		v = r->changes[i].people < min ?
		    count_text(r->changes[i].people, min) :
		    real_text(r->changes[i].change);
		n = funder_add(cols, vals, n, name, CIRCLE_COL_REAL, v);
		free(name);
		circle_xasprintf(&name, "checkin_people_%s",
		    r->changes[i].survey);
		n = funder_add(cols, vals, n, name, CIRCLE_COL_INT,
		    count_text(r->changes[i].people, min));
		free(name);
	}
	return n;
}

void
circle_funder_fields_free(struct circle_col *cols, char **vals, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free((char *)cols[i].name);
		free(vals[i]);
	}
	free(cols);
	free(vals);
}
