/*
 * report.h: what the reports' queries share (report.c, tally.c, grid.c),
 * and the expected view's rule (schema.c).
 * Private to lib/.
 *
 * Parameters, the same in every query: ?1 group id (0: every group), ?2
 * and ?3 the first and last local dates, ?4 and ?5 bounds on starts_at
 * (UTC) a day wider than those dates, so that the session_grp_status index
 * narrows the scan before the local dates decide; ?6 missed in a row (at
 * least), ?7 contacts wanted, ?8 the member.
 */
#ifndef CIRCLE_REPORT_H
#define CIRCLE_REPORT_H

#include "circle-priv.h"

#define NOW		"strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define GROUPS		"(SELECT id FROM grp WHERE ?1 = 0 OR id = ?1)"

/*
 * Who was expected at a session, in SQL.  The expected view (schema.c,
 * migration 9) is made of these; grid.c's queries select the parts that
 * are a person's or a membership's (SQL_NOT_GUEST, SQL_ACTIVE) and
 * circle_grid_compute (mark.c) applies them with the day's window for
 * each membership and session in C (t6200 holds the grid equal to the
 * view).
 */
/* A session s's local day. */
#define SQL_DAY		"substr(s.local_start, 1, 10)"
/* Session s has attendance rows (read as alias a). */
#define SQL_HAS_ROWS(a)	"EXISTS (SELECT 1 FROM attendance " a " WHERE " \
	a ".session_id = s.id)"
/* A held session s that says who came: not a headcount alone. */
#define SQL_NAMED(a)	"s.status = 'held' AND (s.headcount IS NULL OR " \
	SQL_HAS_ROWS(a) ")"
/* A membership p that expects its person: not a guest's. */
#define SQL_NOT_GUEST	"p.role != 'guest'"
/* ... at a session s of its group: begun that day, not ended. */
#define SQL_MEMBER_ON	"p.joined_on <= " SQL_DAY " AND (p.left_on IS " \
	"NULL OR p.left_on > " SQL_DAY ")"
/*
 * The first day of person m's later membership of session s's group when
 * m was in it on no membership that day (marked before a roster put in
 * late named them), else NULL: marked, but not expected there.
 */
#define SQL_JOINED_LATER "(SELECT min(p.joined_on) FROM membership p " \
	"WHERE p.member_id = m.id AND p.grp_id = s.grp_id AND " \
	SQL_NOT_GUEST " AND p.joined_on > " SQL_DAY " AND NOT EXISTS " \
	"(SELECT 1 FROM membership p WHERE p.member_id = m.id AND " \
	"p.grp_id = s.grp_id AND " SQL_MEMBER_ON "))"
/* A person m who is expected anywhere. */
#define SQL_ACTIVE	"m.status = 'active'"
/* The expected view: a row per held session and person expected. */
#define SQL_EXPECTED \
	"SELECT s.id AS session_id, s.grp_id AS grp_id, " \
	"p.member_id AS member_id,\n    " SQL_DAY " AS day, " \
	"s.starts_at AS starts_at, a.status AS mark\n" \
	"FROM session s\n" \
	"JOIN membership p ON p.grp_id = s.grp_id AND " SQL_NOT_GUEST \
	"\n    AND " SQL_MEMBER_ON "\n" \
	"JOIN member m ON m.id = p.member_id AND " SQL_ACTIVE "\n" \
	"LEFT JOIN attendance a ON a.session_id = s.id AND " \
	"a.member_id = p.member_id\n" \
	"WHERE " SQL_NAMED("n")

/* Sessions s, and rows of the expected view e, in the filter's scope. */
#define S_DATES "s.starts_at >= ?4 AND s.starts_at < ?5 AND " SQL_DAY \
	" BETWEEN ?2 AND ?3"
#define S_SCOPE "s.grp_id IN " GROUPS " AND " S_DATES
#define E_SCOPE "e.grp_id IN " GROUPS " AND e.starts_at >= ?4 AND " \
	"e.starts_at < ?5 AND e.day BETWEEN ?2 AND ?3"

/* tally.c */
int	 circle_tally_monthly(struct circle_db *, const struct circle_scope *,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);
int	 circle_tally_funder(struct circle_db *, const struct circle_scope *,
	    struct circle_funder *, struct circle_err *);
int	 circle_tally_sql(struct circle_db *, const struct circle_scope *, int,
	    char **, struct circle_err *);

#endif
