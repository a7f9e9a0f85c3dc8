/*
 * report.h: what the reports' queries share (report.c, tally.c).
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

/* Sessions s, and rows of the expected view e, in the filter's scope. */
#define S_SCOPE "s.grp_id IN " GROUPS " AND s.starts_at >= ?4 AND " \
	"s.starts_at < ?5 AND substr(s.local_start, 1, 10) BETWEEN ?2 AND ?3"
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
