/*
 * xlsx.c: the coordinator's workbook through libxlsxwriter (Summary,
 * Attendance, Sessions, Roster, Check-ins, Follow-ups; the sign-in sheet
 * is signsheet.c).  User text only ever goes through circle_xl_text(), a
 * plain string cell, never a formula; dates and numbers are real ones.
 * Big workbooks are written in constant_memory mode, a row at a time, so
 * every sheet is filled in order.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "xlsx.h"

/* Attendance rows in the scope above which the workbook is streamed. */
#define BIG_WORKBOOK	20000
/* Series in the check-in chart, at most (one per group and survey). */
#define MAX_SERIES	12

static const char *const mark_letters[] = { "", "P", "L", "LE", "E", "A" };

/* A figure rounded as the reports round it; a failure sticks too. */
static double
rounded(struct xlsx *x, double v, int places)
{
	double	r = v;

	if (!x->failed && circle_round(x->db, v, places, &r, x->e) == -1)
		x->failed = 1;
	return r;
}

static int
parse_time(const char *s, lxw_datetime *d)
{
	int	h, m;
	char	hm[6];

	snprintf(hm, sizeof hm, "%.5s", s);
	if (circle_time_parse(hm, &h, &m) == -1)
		return -1;
	d->hour = h;
	d->min = m;
	return 0;
}

static int
is_number(const char *s, double *d)
{
	char	*end;

	if (*s == '\0')
		return 0;
	errno = 0;
	*d = strtod(s, &end);
	return *end == '\0' && errno == 0;
}

/* One value of a typed column: a number, date or time when it is one. */
static int
put_value(struct xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    enum circle_xtype type, const char *s)
{
	lxw_datetime	d;
	double		n;

	memset(&d, 0, sizeof d);
	switch (type) {
	case CIRCLE_X_INT:
	case CIRCLE_X_REAL:
	case CIRCLE_X_PCT:
		if (!is_number(s, &n))
			break;
		return circle_xl_ok(x, worksheet_write_number(ws, r, c, n,
		    type == CIRCLE_X_PCT ? x->f[F_PCT] :
		    type == CIRCLE_X_REAL ? x->f[F_REAL] : NULL));
	case CIRCLE_X_DATE:
		if (strlen(s) != 10 || circle_xl_date(s, &d) == -1)
			break;
		return circle_xl_ok(x, worksheet_write_datetime(ws, r, c, &d,
		    x->f[F_DATE]));
	case CIRCLE_X_TIME:
		if (parse_time(s, &d) == -1)
			break;
		return circle_xl_ok(x, worksheet_write_datetime(ws, r, c, &d,
		    x->f[F_TIME]));
	case CIRCLE_X_STAMP:
		if (strlen(s) < 16 || s[10] != 'T' || circle_xl_date(s,
		    &d) == -1 || parse_time(s + 11, &d) == -1)
			break;
		return circle_xl_ok(x, worksheet_write_datetime(ws, r, c, &d,
		    x->f[F_STAMP]));
	case CIRCLE_X_BOOL:
		if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
			break;
		return circle_xl_ok(x, worksheet_write_boolean(ws, r, c,
		    *s == '1', NULL));
	case CIRCLE_X_TEXT:
		break;
	}
	return circle_xl_text(x, ws, r, c, s, NULL);
}

static void
sheet_init(struct xlsx *x, struct sheet *s, const char *name,
    const struct circle_xtable *t)
{
	s->x = x;
	s->ws = workbook_add_worksheet(x->wb, name);
	if (s->ws == NULL)
		circle_xl_ok(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	s->t = t;
	s->row = 0;
	if (t != NULL)
		s->widths = circle_xcalloc(t->ncols + 1, sizeof *s->widths);
}

/* The header row of a table. */
static void
sheet_head(struct sheet *s)
{
	size_t	i;

	for (i = 0; i < s->t->ncols && circle_xl_ok(s->x, LXW_NO_ERROR); i++) {
		circle_xl_text(s->x, s->ws, 0, (lxw_col_t)i,
		    s->t->cols[i].title, s->x->f[F_HEAD]);
		s->widths[i] = circle_utf8_width(s->t->cols[i].title) + 2;
	}
	s->row = 1;
}

/* A row of a table (the callback of circle_grid_rows and friends). */
static int
sheet_row(void *arg, const char *const *v)
{
	struct sheet	*s = arg;
	size_t		 i;
	double		 w;

	for (i = 0; i < s->t->ncols; i++) {
		if (v[i] == NULL)
			continue;
		if (!put_value(s->x, s->ws, s->row, (lxw_col_t)i,
		    s->t->cols[i].type, v[i]))
			return -1;
		if (s->t->cols[i].type == CIRCLE_X_TEXT &&
		    (w = circle_utf8_width(v[i]) + 1) > s->widths[i])
			s->widths[i] = w;
	}
	s->row++;
	return 0;
}

/* Widths from what was written (text up to 50), the header frozen and
 * filtered. */
static void
sheet_finish(struct sheet *s, lxw_col_t freeze)
{
	const struct circle_xcol	*c;
	size_t				 i;
	double				 w;

	for (i = 0; i < s->t->ncols; i++) {
		c = &s->t->cols[i];
		w = c->type == CIRCLE_X_TEXT ? s->widths[i] : c->width;
		if (w < s->widths[i] && c->type != CIRCLE_X_TEXT)
			w = s->widths[i];
		circle_xl_ok(s->x, worksheet_set_column(s->ws, (lxw_col_t)i,
		    (lxw_col_t)i, w > 50 ? 50 : w < 6 ? 6 : w, NULL));
	}
	worksheet_freeze_panes(s->ws, 1, freeze);
	if (s->t->ncols > 0)
		circle_xl_ok(s->x, worksheet_autofilter(s->ws, 0, 0,
		    s->row > 1 ? s->row - 1 : 0, (lxw_col_t)(s->t->ncols - 1)));
}

/*
 * The matrix's session columns: one a day on which any group in the scope
 * held a session that names people, or more where one group held several
 * that day.  Sessions of different groups on a day share its column.
 */
static int
matrix_days(struct xlsx *x)
{
	static const char sql[] = "SELECT day, max(n) FROM (SELECT "
	    "substr(s.local_start, 1, 10) AS day, count(*) AS n FROM session s "
	    "WHERE s.grp_id IN (SELECT id FROM grp WHERE ?1 = 0 OR id = ?1) "
	    "AND s.status = 'held' AND s.starts_at >= ?4 AND s.starts_at < ?5 "
	    "AND substr(s.local_start, 1, 10) BETWEEN ?2 AND ?3 AND "
	    "(s.headcount IS NULL OR EXISTS (SELECT 1 FROM attendance a WHERE "
	    "a.session_id = s.id)) GROUP BY s.grp_id, day) GROUP BY day "
	    "ORDER BY day";
	sqlite3_stmt	*st;
	int		 rc, col;

	if ((st = circle_prepare(x->db, sql, x->e)) == NULL)
		return -1;
	circle_scope_bind(st, &x->sc);
	col = x->nfixed;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->days = circle_xgrow(x->days, x->ndays, sizeof *x->days);
		x->daycol = circle_xgrow(x->daycol, x->ndays,
		    sizeof *x->daycol);
		snprintf(x->days[x->ndays], sizeof x->days[0], "%s",
		    (const char *)sqlite3_column_text(st, 0));
		x->daycol[x->ndays++] = col;
		col += sqlite3_column_int(st, 1);
		if (col > LXW_COL_MAX)
			break;
	}
	sqlite3_finalize(st);
	if (col > LXW_COL_MAX)
		return circle_err_set(x->e, CIRCLE_EDATA, "attendance: the "
		    "sessions do not fit in one sheet (%d columns); narrow "
		    "--from and --to", LXW_COL_MAX);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, x->e, "sessions");
	x->ncols = col;
	return 0;
}

static int
day_cmp(const void *a, const void *b)
{
	return strncmp(a, b, 10);
}

/* Each named session of a group gets its day's column (and the next ones
 * for a second session that day). */
static void
matrix_cols(struct xlsx *x, struct circle_grid *g)
{
	char	(*d)[11], prev[11] = "";
	size_t	 j;
	int	 k = 0;

	for (j = 0; j < g->nss; j++) {
		if (!g->ss[j].named)
			continue;
		if (strncmp(prev, g->ss[j].local_start, 10) == 0)
			k++;
		else
			k = 0;
		snprintf(prev, sizeof prev, "%.10s", g->ss[j].local_start);
		d = x->ndays == 0 ? NULL : bsearch(g->ss[j].local_start,
		    x->days, x->ndays, sizeof *x->days, day_cmp);
		if (d != NULL)
			g->ss[j].col = x->daycol[d - x->days] + k;
	}
}

static const char *const fixed_heads[] = { "Rate", "Attended", "Expected",
    "Excused", "Absent", "Last seen", "Missed in a row" };

static void
matrix_head(struct xlsx *x)
{
	lxw_worksheet	*ws = x->att.ws;
	lxw_datetime	 d;
	size_t		 i;
	int		 c = 0, k, next;

	circle_xl_ok(x, worksheet_set_row(ws, 0, 62, NULL));
	circle_xl_text(x, ws, 0, (lxw_col_t)c++, x->o->pseudonymize ? "Member" :
	    "Name", x->f[F_HEAD]);
	if (x->sc.gid == 0)
		circle_xl_text(x, ws, 0, (lxw_col_t)c++, "Group", x->f[F_HEAD]);
	for (i = 0; i < sizeof fixed_heads / sizeof fixed_heads[0]; i++)
		circle_xl_text(x, ws, 0, (lxw_col_t)c++, fixed_heads[i],
		    x->f[F_HEAD]);
	for (i = 0; i < x->ndays && circle_xl_ok(x, LXW_NO_ERROR); i++) {
		circle_xl_date(x->days[i], &d);
		next = i + 1 < x->ndays ? x->daycol[i + 1] : x->ncols;
		for (k = x->daycol[i]; k < next; k++)
			circle_xl_ok(x, worksheet_write_datetime(ws, 0,
			    (lxw_col_t)k, &d, x->f[F_DAYHEAD]));
	}
	x->att.row = 1;
}

/* A person's figures, as circle report attendance has them. */
static void
matrix_figures(struct xlsx *x, const struct circle_grid_person *p, int c)
{
	lxw_worksheet	*ws = x->att.ws;
	lxw_row_t	 r = x->att.row;
	lxw_datetime	 d;

	if (p->expected > p->excused)
		circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c,
		    rounded(x, (double)p->came /
		    (p->expected - p->excused), 2), x->f[F_PCT]));
	c++;
	circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c++,
	    p->attended, NULL));
	circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c++,
	    p->expected, NULL));
	circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c++,
	    p->excused, NULL));
	circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c++, p->absent,
	    NULL));
	if (p->last_seen[0] != '\0' && circle_xl_date(p->last_seen, &d) == 0)
		circle_xl_ok(x, worksheet_write_datetime(ws, r, (lxw_col_t)c,
		    &d, x->f[F_DATE]));
	c++;
	circle_xl_ok(x, worksheet_write_number(ws, r, (lxw_col_t)c, p->missed,
	    NULL));
}

/* A group's people: name, figures, then a mark in each session column. */
static int
matrix_rows(struct xlsx *x, const struct circle_grid *g)
{
	const struct circle_grid_person	*p;
	const char			*name;
	unsigned char			 m;
	size_t				 i, j;
	double				 w;

	for (i = 0; i < g->npp && circle_xl_ok(x, LXW_NO_ERROR); i++) {
		p = &g->pp[i];
		if (!p->shown)
			continue;
		name = x->o->pseudonymize ? p->code : p->name;
		circle_xl_text(x, x->att.ws, x->att.row, 0, name, NULL);
		if ((w = circle_utf8_width(name != NULL ? name : "") + 2) >
		    x->namew)
			x->namew = w;
		if (x->sc.gid == 0)
			circle_xl_text(x, x->att.ws, x->att.row, 1, g->handle,
			    NULL);
		matrix_figures(x, p, x->sc.gid == 0 ? 2 : 1);
		for (j = 0; j < g->nss; j++) {
			m = g->cells[i * g->nss + j];
			if (g->ss[j].col < 0 || (!(m & CIRCLE_CELL_EXP) &&
			    !CIRCLE_CELL_CAME(m)))
				continue;
			m &= CIRCLE_CELL_MARK;
			if (m == CIRCLE_CELL_NONE)
				m = CIRCLE_CELL_ABSENT;
			circle_xl_ok(x, worksheet_write_string(x->att.ws,
			    x->att.row, (lxw_col_t)g->ss[j].col,
			    mark_letters[m], x->f[F_MARK + m]));
		}
		x->att.row++;
	}
	return circle_xl_ok(x, LXW_NO_ERROR) ? 0 : -1;
}

static void
matrix_finish(struct xlsx *x)
{
	lxw_worksheet	*ws = x->att.ws;
	int		 c = x->nfixed - 7;

	circle_xl_ok(x, worksheet_set_column(ws, 0, 0, x->namew < 14 ? 14 :
	    x->namew > 40 ? 40 : x->namew, NULL));
	if (x->sc.gid == 0)
		circle_xl_ok(x, worksheet_set_column(ws, 1, 1, 16, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, (lxw_col_t)c,
	    (lxw_col_t)(c + 4), 9, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, (lxw_col_t)(c + 5),
	    (lxw_col_t)(c + 5), 11, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, (lxw_col_t)(c + 6),
	    (lxw_col_t)(c + 6), 9, NULL));
	if (x->ncols > x->nfixed)
		circle_xl_ok(x, worksheet_set_column(ws, (lxw_col_t)x->nfixed,
		    (lxw_col_t)(x->ncols - 1), 3.6, NULL));
	worksheet_freeze_panes(ws, 1, 1);
	circle_xl_ok(x, worksheet_autofilter(ws, 0, 0,
	    x->att.row > 1 ? x->att.row - 1 : 0, (lxw_col_t)(x->ncols - 1)));
}

/*
 * The Summary's figures, added up from each group's grid as circle report
 * funder counts them from the database (a test holds the two to each
 * other): sessions held, their hours, attendances (marks, or the head
 * count when more), and who came how often.
 */
static void
figures_add(struct xlsx *x, const struct circle_grid *g)
{
	const struct circle_grid_session	*s;
	size_t					 j, i;

	for (j = 0; j < g->nss; j++) {
		s = &g->ss[j];
		if (!s->held)
			continue;
		x->sum.held++;
		x->minutes += s->minutes;
		x->sum.contacts += s->headcount > s->came ? s->headcount :
		    s->came;
	}
	for (i = 0; i < g->npp; i++) {
		if (g->pp[i].attended == 0)
			continue;
		x->came = circle_xgrow(x->came, x->ncame, sizeof *x->came);
		x->came[x->ncame].id = g->pp[i].id;
		x->came[x->ncame++].n = g->pp[i].attended;
	}
}

static int
came_cmp(const void *a, const void *b)
{
	const struct came	*p = a, *q = b;

	return p->id < q->id ? -1 : p->id > q->id;
}

static int
id_cmp(const void *a, const void *b)
{
	const long long	*p = a, *q = b;

	return *p < *q ? -1 : *p > *q;
}

/* People who came to the groups' held sessions before the first date. */
static int
came_before(struct xlsx *x, long long **ids, size_t *n)
{
	static const char sql[] = "SELECT DISTINCT b.member_id FROM session t "
	    "JOIN attendance b ON b.session_id = t.id WHERE t.grp_id IN "
	    "(SELECT id FROM grp WHERE ?1 = 0 OR id = ?1) AND "
	    "t.status = 'held' AND b.status IN " CIRCLE_SQL_CAME " AND "
	    "t.local_start < ?2 ORDER BY 1";
	sqlite3_stmt	*st;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = circle_prepare(x->db, sql, x->e)) == NULL)
		return -1;
	circle_scope_bind(st, &x->sc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = circle_xgrow(*ids, *n, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(x->db, x->e, "attendance");
	return 0;
}

/* Unique, new and retained participants over all the groups. */
static int
figures_people(struct xlsx *x)
{
	long long	*before;
	size_t		 nbefore, i, j;
	long long	 n;

	if (circle_round(x->db, x->minutes / 60.0, 2, &x->sum.hours,
	    x->e) == -1 || came_before(x, &before, &nbefore) == -1)
		return -1;
	if (x->ncame > 0)
		qsort(x->came, x->ncame, sizeof *x->came, came_cmp);
	for (i = 0; i < x->ncame; i = j) {
		n = 0;
		for (j = i; j < x->ncame && x->came[j].id == x->came[i].id; j++)
			n += x->came[j].n;
		x->sum.people++;
		x->sum.retained += n >= 3;
		if (nbefore == 0 || bsearch(&x->came[i].id, before, nbefore,
		    sizeof *before, id_cmp) == NULL)
			x->sum.new_people++;
	}
	free(before);
	if (circle_funder_round(x->db, &x->sum, x->e) == -1)
		return -1;
	return circle_funder_changes(x->db, &x->sc, &x->sum, x->e);
}

/* The months of the Summary: sessions held and attendances. */
static void
months_add(struct xlsx *x, const struct circle_grid *g)
{
	const struct circle_grid_session	*s;
	struct month				*m;
	size_t					 j, k;

	for (j = 0; j < g->nss; j++) {
		s = &g->ss[j];
		if (!s->held)
			continue;
		for (k = x->nmonths; k > 0; k--)
			if (strncmp(x->months[k - 1].month, s->local_start,
			    7) == 0)
				break;
		if (k == 0) {
			x->months = circle_xgrow(x->months, x->nmonths,
			    sizeof *x->months);
			m = &x->months[x->nmonths++];
			memset(m, 0, sizeof *m);
			snprintf(m->month, sizeof m->month, "%.7s",
			    s->local_start);
		} else
			m = &x->months[k - 1];
		m->held++;
		m->attendances += s->headcount > s->came ? s->headcount :
		    s->came;
	}
}

static int
month_cmp(const void *a, const void *b)
{
	const struct month	*x = a, *y = b;

	return strcmp(x->month, y->month);
}

/* Which check-in surveys have a scored response in the group. */
static char *
scored_keys(const struct circle_grid *g)
{
	char	*k = circle_xcalloc(g->nkeys + 1, 1);
	size_t	 i, j;

	for (j = 0; j < g->nss; j++)
		for (i = 0; i < g->nkeys; i++)
			if (g->nscores[j * g->nkeys + i] > 0)
				k[i] = 1;
	return k;
}

/* One group: its people in the matrix, its sessions, its roster. */
static int
one_group(struct xlsx *x, long long gid)
{
	struct circle_grid	g;
	lxw_row_t		first = x->ses.row;
	int			rc = -1;

	if (circle_grid_load(x->db, &x->sc, gid, (x->o->with_contacts ?
	    CIRCLE_GRID_CONTACTS : 0) | (x->o->pseudonymize ?
	    CIRCLE_GRID_PSEUDONYMS : 0), x->keys, x->nkeys, &g, x->e) == -1)
		goto out;
	matrix_cols(x, &g);
	if (matrix_rows(x, &g) == -1 ||
	    circle_grid_rows(&g, x->o, CIRCLE_XT_SESSIONS, sheet_row,
	    &x->ses) == -1 ||
	    circle_grid_rows(&g, x->o, CIRCLE_XT_ROSTER, sheet_row,
	    &x->roster) == -1)
		goto out;
	months_add(x, &g);
	figures_add(x, &g);
	if (x->ses.row > first) {
		x->names = circle_xgrow(x->names, x->nnames, sizeof *x->names);
		x->names[x->nnames++] = circle_xstrdup(g.handle);
		x->ranges = circle_xgrow(x->ranges, x->nranges,
		    sizeof *x->ranges);
		x->ranges[x->nranges].group = x->names[x->nnames - 1];
		x->ranges[x->nranges].first = first;
		x->ranges[x->nranges].last = x->ses.row - 1;
		x->ranges[x->nranges++].scored = scored_keys(&g);
	}
	rc = 0;
out:
	circle_grid_release(&g);
	return rc;
}

/* Attendance, Sessions and Roster: each group's rows in turn. */
static int
groups_sheets(struct xlsx *x)
{
	long long	*gids;
	size_t		 n, i;
	int		 rc = 0;

	if (circle_grid_groups(x->db, &x->sc, &gids, &n, x->e) == -1)
		return -1;
	x->ngroups = n;
	matrix_head(x);
	sheet_head(&x->ses);
	sheet_head(&x->roster);
	for (i = 0; i < n && rc == 0; i++)
		rc = one_group(x, gids[i]);
	free(gids);
	if (rc == -1)
		return -1;
	matrix_finish(x);
	sheet_finish(&x->ses, 2);
	sheet_finish(&x->roster, 1);
	return 0;
}

/* A chart's reference to a range of a sheet, e.g. the Sessions dates. */
static void
series_range(lxw_chart_series *se, const char *sheet, lxw_row_t r1,
    lxw_row_t r2, lxw_col_t cat, lxw_col_t val)
{
	chart_series_set_categories(se, sheet, r1, cat, r2, cat);
	chart_series_set_values(se, sheet, r1, val, r2, val);
}

/*
 * The check-in chart: each group's mean check-in score per session, from
 * the Sessions sheet; one line per survey (and per group, dates on a
 * time axis, when there are several).
 */
static void
checkin_chart(struct xlsx *x)
{
	lxw_chart		*ch;
	lxw_chart_series	*se;
	char			 name[256];
	size_t			 r, k, n = 0;
	lxw_col_t		 avg;
	int			 many = 0, any;

	/* Groups with a scored check-in: several need a time axis. */
	for (r = 0; r < x->nranges; r++) {
		for (k = any = 0; k < x->nkeys; k++)
			any |= x->ranges[r].scored[k];
		n += any;
	}
	if (n == 0)
		return;
	many = n > 1;
	n = 0;
	ch = workbook_add_chart(x->wb, many ?
	    LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS : LXW_CHART_LINE);
	if (ch == NULL) {
		circle_xl_ok(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	for (r = 0; r < x->nranges; r++) {
		for (k = 0; k < x->nkeys && n < MAX_SERIES; k++) {
			if (!x->ranges[r].scored[k])
				continue;
			n++;
			/* Columns: 16 fixed, then count and mean a survey. */
			avg = (lxw_col_t)(16 + 2 * k + 1);
			se = chart_add_series(ch, NULL, NULL);
			series_range(se, "Sessions", x->ranges[r].first,
			    x->ranges[r].last, 1, avg);
			if (x->sc.gid == 0)
				snprintf(name, sizeof name, "%s (%s)",
				    x->ranges[r].group, x->keys[k]);
			else
				snprintf(name, sizeof name, "%s", x->keys[k]);
			chart_series_set_name(se, name);
			if (!many)
				chart_series_set_marker_type(se,
				    LXW_CHART_MARKER_CIRCLE);
		}
	}
	chart_title_set_name(ch, "Average check-in score per session");
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X),
	    "yyyy-mm-dd");
	chart_show_blanks_as(ch, LXW_CHART_BLANKS_AS_CONNECTED);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	circle_xl_ok(x, worksheet_insert_chart(x->resp.ws, 1,
	    (lxw_col_t)(x->tresp.ncols + 1), ch));
}

static int
query_sheet(struct xlsx *x, struct sheet *s, enum circle_xkind k)
{
	sheet_head(s);
	if (circle_query_rows(x->db, &x->sc, x->o, k, s->t, sheet_row, s,
	    x->e) == -1)
		return -1;
	sheet_finish(s, 0);
	return circle_xl_ok(x, LXW_NO_ERROR) ? 0 : -1;
}

/* A label and a number on the Summary. */
static void
figure(struct xlsx *x, const char *label, double v, lxw_format *f)
{
	circle_xl_text(x, x->summary.ws, x->summary.row, 0, label, NULL);
	circle_xl_ok(x, worksheet_write_number(x->summary.ws, x->summary.row++,
	    1, v, f));
}

static void
summary_dates(struct xlsx *x)
{
	static const char sql[] = "SELECT min(substr(s.local_start, 1, 10)), "
	    "max(substr(s.local_start, 1, 10)) FROM session s WHERE "
	    "s.grp_id IN (SELECT id FROM grp WHERE ?1 = 0 OR id = ?1) AND "
	    "s.status = 'held' AND s.starts_at >= ?4 AND s.starts_at < ?5 AND "
	    "substr(s.local_start, 1, 10) BETWEEN ?2 AND ?3";
	struct circle_err	 e;
	lxw_worksheet		*ws = x->summary.ws;
	sqlite3_stmt		*st;
	lxw_datetime		 d;
	const char		*from = x->o->from, *to = x->o->to;
	char			 lo[11] = "", hi[11] = "";

	if ((from == NULL || to == NULL) &&
	    (st = circle_prepare(x->db, sql, &e)) != NULL) {
		circle_scope_bind(st, &x->sc);
		if (sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL) {
			snprintf(lo, sizeof lo, "%s",
			    sqlite3_column_text(st, 0));
			snprintf(hi, sizeof hi, "%s",
			    sqlite3_column_text(st, 1));
		}
		sqlite3_finalize(st);
	}
	circle_xl_text(x, ws, x->summary.row, 0, "From", NULL);
	if (circle_xl_date(from != NULL ? from : lo, &d) == 0)
		circle_xl_ok(x, worksheet_write_datetime(ws, x->summary.row, 1,
		    &d, x->f[F_DATE]));
	x->summary.row++;
	circle_xl_text(x, ws, x->summary.row, 0, "To", NULL);
	if (circle_xl_date(to != NULL ? to : hi, &d) == 0)
		circle_xl_ok(x, worksheet_write_datetime(ws, x->summary.row, 1,
		    &d, x->f[F_DATE]));
	x->summary.row++;
}

static void
summary_groups(struct xlsx *x)
{
	sqlite3_stmt	*st;
	char		*s = NULL;

	circle_xl_text(x, x->summary.ws, x->summary.row, 0, "Groups", NULL);
	if (x->sc.gid == 0)
		circle_xasprintf(&s, "All groups (%zu)", x->ngroups);
	else if ((st = circle_prepare(x->db, "SELECT name, handle FROM grp "
	    "WHERE id = ?1", x->e)) != NULL) {
		sqlite3_bind_int64(st, 1, x->sc.gid);
		if (sqlite3_step(st) == SQLITE_ROW)
			circle_xasprintf(&s, "%s (%s)",
			    sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 1));
		sqlite3_finalize(st);
	}
	circle_xl_text(x, x->summary.ws, x->summary.row++, 1, s, NULL);
	free(s);
}

static void
summary_figures(struct xlsx *x, const struct circle_funder *r)
{
	char	label[256];
	size_t	i;

	figure(x, "Sessions held", (double)r->held, NULL);
	figure(x, "Service hours (length of the sessions held)", r->hours,
	    x->f[F_REAL]);
	figure(x, "Unique participants", (double)r->people, NULL);
	figure(x, "New participants (none of these groups' sessions before)",
	    (double)r->new_people, NULL);
	figure(x, "Total attendances", (double)r->contacts, NULL);
	if (r->held > 0)
		figure(x, "Average attendance per session", r->average,
		    x->f[F_REAL1]);
	if (r->people > 0)
		figure(x, "Retention (share who came 3 times or more)",
		    r->retention, x->f[F_PCT]);
	for (i = 0; i < r->nchanges; i++) {
		snprintf(label, sizeof label, "Average check-in change (%s)",
		    r->changes[i].survey);
		figure(x, label, r->changes[i].change, x->f[F_REAL]);
		snprintf(label, sizeof label, "People with two check-ins or "
		    "more (%s)", r->changes[i].survey);
		figure(x, label, (double)r->changes[i].people, NULL);
	}
}

/* The monthly table and its chart. */
static void
summary_months(struct xlsx *x)
{
	static const char *const heads[] = { "Month", "Sessions held",
	    "Attendances", "Average per session" };
	lxw_worksheet		*ws = x->summary.ws;
	lxw_chart		*ch;
	lxw_chart_series	*se;
	lxw_datetime		 d;
	lxw_row_t		 first;
	size_t			 i;

	x->summary.row++;
	for (i = 0; i < 4; i++)
		circle_xl_text(x, ws, x->summary.row, (lxw_col_t)i, heads[i],
		    x->f[F_HEAD]);
	first = ++x->summary.row;
	if (x->nmonths > 0)
		qsort(x->months, x->nmonths, sizeof *x->months, month_cmp);
	for (i = 0; i < x->nmonths; i++, x->summary.row++) {
		memset(&d, 0, sizeof d);
		d.year = atoi(x->months[i].month);
		d.month = atoi(x->months[i].month + 5);
		d.day = 1;
		circle_xl_ok(x, worksheet_write_datetime(ws, x->summary.row, 0,
		    &d, x->f[F_MONTH]));
		circle_xl_ok(x, worksheet_write_number(ws, x->summary.row, 1,
		    (double)x->months[i].held, NULL));
		circle_xl_ok(x, worksheet_write_number(ws, x->summary.row, 2,
		    (double)x->months[i].attendances, NULL));
		circle_xl_ok(x, worksheet_write_number(ws, x->summary.row, 3,
		    rounded(x, (double)x->months[i].attendances /
		    x->months[i].held, 1), x->f[F_REAL1]));
	}
	if (x->nmonths == 0 ||
	    (ch = workbook_add_chart(x->wb, LXW_CHART_COLUMN)) == NULL)
		return;
	se = chart_add_series(ch, NULL, NULL);
	series_range(se, "Summary", first, x->summary.row - 1, 0, 2);
	chart_series_set_name(se, "Attendances");
	chart_title_set_name(ch, "Attendance per month");
	chart_axis_set_num_format(chart_axis_get(ch, LXW_CHART_AXIS_TYPE_X),
	    "mmm yyyy");
	chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
	circle_xl_ok(x, worksheet_insert_chart(ws, 1, 3, ch));
}

static int
summary(struct xlsx *x)
{
	lxw_worksheet	*ws = x->summary.ws;
	char		 now[21];

	if (figures_people(x) == -1)
		return -1;
	circle_xl_text(x, ws, 0, 0, "Attendance and check-ins", x->f[F_TITLE]);
	x->summary.row = 2;
	summary_groups(x);
	summary_dates(x);
	summary_figures(x, &x->sum);
	circle_now_utc(now);
	circle_xl_text(x, ws, x->summary.row, 0, "Exported (UTC)", NULL);
	put_value(x, ws, x->summary.row++, 1, CIRCLE_X_STAMP, now);
	x->summary.row++;
	circle_xl_text(x, ws, x->summary.row, 0, "Marks", x->f[F_BOLD]);
	circle_xl_text(x, ws, x->summary.row++, 1, "P present, L late, LE left "
	    "early, E excused, A absent; blank: not expected", NULL);
	if (x->o->pseudonymize) {
		circle_xl_text(x, ws, x->summary.row, 0, "Names", x->f[F_BOLD]);
		circle_xl_text(x, ws, x->summary.row++, 1,
		    "each person is a code "
		    "that stays the same in every export", NULL);
	}
	summary_months(x);
	circle_xl_ok(x, worksheet_set_column(ws, 0, 0, 52, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, 1, 3, 14, NULL));
	worksheet_activate(ws);
	return circle_xl_ok(x, LXW_NO_ERROR) ? 0 : -1;
}

/* Attendance rows in the scope: more than BIG_WORKBOOK, stream it. */
static int
big_scope(struct xlsx *x)
{
	static const char sql[] = "SELECT count(*) FROM (SELECT 1 FROM "
	    "session s JOIN attendance a ON a.session_id = s.id WHERE "
	    "s.grp_id IN (SELECT id FROM grp WHERE ?1 = 0 OR id = ?1) AND "
	    "s.starts_at >= ?4 AND s.starts_at < ?5 AND "
	    "substr(s.local_start, 1, 10) BETWEEN ?2 AND ?3 LIMIT ?6)";
	struct circle_err	 e;
	sqlite3_stmt		*st;
	int			 n = 0;

	if ((st = circle_prepare(x->db, sql, &e)) == NULL)
		return 1;
	circle_scope_bind(st, &x->sc);
	sqlite3_bind_int(st, 6, BIG_WORKBOOK + 1);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return n > BIG_WORKBOOK;
}

static int
tables(struct xlsx *x)
{
	if (circle_grid_keys(x->db, &x->sc, &x->keys, &x->nkeys, x->e) == -1 ||
	    circle_xtable_cols(x->db, &x->sc, x->o, CIRCLE_XT_SESSIONS,
	    x->keys, x->nkeys, &x->tses, x->e) == -1 ||
	    circle_xtable_cols(x->db, &x->sc, x->o, CIRCLE_XT_ROSTER, NULL, 0,
	    &x->troster, x->e) == -1 ||
	    circle_xtable_cols(x->db, &x->sc, x->o, CIRCLE_XT_RESPONSES, NULL,
	    0, &x->tresp, x->e) == -1 ||
	    circle_xtable_cols(x->db, &x->sc, x->o, CIRCLE_XT_FOLLOWUPS, NULL,
	    0, &x->tfol, x->e) == -1)
		return -1;
	x->nfixed = 1 + (x->sc.gid == 0) + 7;
	return matrix_days(x);
}

static void
release(struct xlsx *x)
{
	struct sheet	*s[] = { &x->summary, &x->att, &x->ses, &x->roster,
	    &x->resp, &x->fol };
	size_t		 i;

	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		free(s[i]->widths);
	circle_xtable_release(&x->tses);
	circle_xtable_release(&x->troster);
	circle_xtable_release(&x->tresp);
	circle_xtable_release(&x->tfol);
	circle_strv_free(x->keys, x->nkeys);
	circle_strv_free(x->names, x->nnames);
	free(x->days);
	free(x->daycol);
	free(x->months);
	for (i = 0; i < x->nranges; i++)
		free(x->ranges[i].scored);
	free(x->ranges);
	free(x->came);
	circle_funder_release(&x->sum);
}

/* Fill the workbook; the sheets in the order a coordinator reads them. */
static int
build(struct xlsx *x)
{
	lxw_doc_properties	p;

	memset(&p, 0, sizeof p);
	p.title = "Attendance and check-ins";
	p.comments = "Made by circle " PACKAGE_VERSION;
	circle_xl_ok(x, workbook_set_properties(x->wb, &p));
	circle_xl_formats(x);
	sheet_init(x, &x->summary, "Summary", NULL);
	sheet_init(x, &x->att, "Attendance", NULL);
	sheet_init(x, &x->ses, "Sessions", &x->tses);
	sheet_init(x, &x->roster, "Roster", &x->troster);
	sheet_init(x, &x->resp, "Check-ins", &x->tresp);
	sheet_init(x, &x->fol, "Follow-ups", &x->tfol);
	if (!circle_xl_ok(x, LXW_NO_ERROR) || groups_sheets(x) == -1 ||
	    query_sheet(x, &x->resp, CIRCLE_XT_RESPONSES) == -1)
		return -1;
	checkin_chart(x);
	if (query_sheet(x, &x->fol, CIRCLE_XT_FOLLOWUPS) == -1 ||
	    summary(x) == -1 || x->failed)
		return -1;
	return 0;
}

/*
 * The coordinator's workbook for a scope: to path (0600, renamed into
 * place), or without a path to fp.
 */
int
circle_xlsx_export(struct circle_db *db, const struct circle_export_opts *o,
    const char *path, FILE *fp, struct circle_err *e)
{
	struct xlsx		 x;
	struct circle_atomic	 d;
	int			 failed;

	if (o->with_contacts && o->pseudonymize)
		return circle_err_set(e, CIRCLE_EUSAGE, "--with-contacts and "
		    "--pseudonymize do not go together");
	memset(&x, 0, sizeof x);
	x.db = db;
	x.o = o;
	x.e = e;
	if (circle_scope_set(db, o->group, o->all, o->from, o->to, &x.sc,
	    e) == -1)
		return -1;
	if (circle_lean_cache(db, e) == -1)
		return -1;
	if (tables(&x) == -1 || circle_xl_open(&d, path, fp, e) == -1) {
		circle_usual_cache(db, -1, e);
		release(&x);
		return -1;
	}
	if ((x.wb = circle_xl_book_new(&d, big_scope(&x))) == NULL) {
		circle_err_set(e, CIRCLE_EIO, "xlsx: cannot make a workbook");
		circle_usual_cache(db, -1, e);
		release(&x);
		circle_xl_close(&d, 0, e);
		return -1;
	}
	failed = build(&x) == -1 && x.err == LXW_NO_ERROR;
	failed = circle_xl_book_close(x.wb, x.err, failed, e) == -1;
	failed = circle_usual_cache(db, failed ? -1 : 0, e) == -1;
	release(&x);
	return circle_xl_close(&d, !failed, e);
}
