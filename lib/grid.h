/*
 * grid.h: what loading one grid (grid.c) and the pass over every group's
 * attendance (gridpass.c) share: the grid's queries and the steps of
 * loading a grid, which the pass takes one by one.
 */
#ifndef CIRCLE_GRID_H
#define CIRCLE_GRID_H

/* A mark read before the people are known: session index, member id. */
struct grid_mark {
	size_t		 j;
	long long	 member;
	unsigned char	 mark;
};

/*
 * The group's past or held sessions in the scope, by start, and whether
 * each has attendance rows (rows); the pass sees that itself, and the
 * reports' grids have no topics or lengths (parsing the times was most of
 * the cost of reading the sessions), nor online links (NULL).
 */
#define SESSIONS_SQL(topic, rows, from, grp, order, link) "SELECT s.id, " \
    "s.local_start, s.status, " topic ", s.headcount, " rows ", " \
    "s.starts_at, s.grp_id, " link " FROM session s " from "WHERE " grp \
    S_DATES " AND (s.status = 'held' OR s.starts_at <= " NOW ")" order
#define TOPIC_LENGTH	"s.topic, (strftime('%s', s.ends_at) - " \
    "strftime('%s', s.starts_at)) / 60"
#define BY_START	" ORDER BY s.starts_at, s.id"
/* A session's online link: its own, its series', its group's. */
#define SESSION_LINK	"coalesce(s.online_url, (SELECT r.online_url FROM " \
    "series r WHERE r.id = s.series_id), (SELECT g.online_url FROM grp g " \
    "WHERE g.id = s.grp_id))"

/*
 * A session as the grid takes it, read before its grid is made (a row of
 * SESSIONS_SQL); a batch's are kept in its bucket.
 */
struct kept_session {
	long long	 id;
	long long	 headcount;	/* -1: none */
	uint32_t	 gi;		/* its group's place in the scope */
	unsigned char	 rows;		/* it has attendance rows */
	char		 local_start[17];
	char		 starts_at[21];
	char		 status[10];
};

/* Index of id in a list of (id, index) pairs sorted by id; -1 if none. */
struct idx {
	long long	id;
	size_t		i;
};

extern const char	circle_grid_groups_sql[];
extern const char	circle_grid_head_sql[];
extern const char	circle_grid_people_sql[];
extern const char	circle_grid_members_sql[];

int		circle_grid_idx_cmp(const void *, const void *);
long		circle_grid_idx_find(const struct idx *, size_t, long long);
struct idx	*circle_grid_people_index(const struct circle_grid *);
void		circle_grid_session_read(struct kept_session *,
		    sqlite3_stmt *);
struct circle_grid_session *circle_grid_session_put(struct circle_grid *,
		    const struct kept_session *);
void		circle_grid_order_sessions(struct circle_grid *, size_t);

int		circle_grid_sessions(struct circle_db *,
		    const struct circle_scope *, const char *,
		    struct circle_grid *, struct circle_err *);
int		circle_grid_head(struct circle_db *, long long,
		    struct circle_grid *, struct circle_err *);
int		circle_grid_people(struct circle_db *,
		    const struct circle_scope *, int, struct circle_grid *,
		    struct circle_err *);
int		circle_grid_strangers(struct circle_db *, int,
		    const struct grid_mark *, size_t, struct circle_grid *,
		    struct circle_err *);
void		circle_grid_order(struct circle_grid *, int, size_t);
int		circle_grid_members(struct circle_db *, struct circle_grid *,
		    struct circle_err *);
void		circle_grid_cells(struct circle_grid *,
		    const struct grid_mark *, size_t);
int		circle_grid_checkins(struct circle_db *,
		    const struct circle_scope *, char *const *,
		    struct circle_grid *, struct circle_err *);

#endif
