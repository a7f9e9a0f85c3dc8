/*
 * merge.h: what the files of a merge (merge.c, mergeattend.c,
 * mergeaway.c, mergecheck.c, mergepeople.c, mergeremoved.c, mergesurvey.c)
 * share: the merge under way and its statements.
 */
#ifndef MERGE_H
#define MERGE_H

/*
 * Does the file remove a row here (mergeremoved.c)?  Its removals name a
 * row here, a session or a group of a pair, or a person by a uid of here.
 */
#define MERGE_REMOVES_HERE "EXISTS (SELECT 1 FROM x.removed r WHERE " \
	"r.uid IN (SELECT uid FROM main.grp) OR r.uid IN (SELECT uid FROM " \
	"main.series) OR r.uid IN (SELECT uid FROM main.session) OR r.uid " \
	"IN (SELECT uid FROM main.member) OR r.uid IN (SELECT uid FROM " \
	"main.response) OR r.uid IN (SELECT uid FROM main.followup))"

/*
 * The id here of the person a file's uid (SQL) names: theirs, or the
 * record theirs was made one with here (circle roster merge).
 */
#define MERGE_MEMBER_ID(u) "coalesce((SELECT id FROM main.member WHERE " \
	"uid = " u "), (SELECT k.id FROM main.merged_away w JOIN main.member " \
	"k ON k.uid = w.keep_uid WHERE w.uid = " u "))"

/*
 * A merge reads the file's bytes and this database's pages in place, not
 * copied page by page into SQLite's cache: its mmap_size (SQLite's most,
 * 2 GiB less 64 KiB; a bigger database is read in place up to there).
 */
#define MERGE_MMAP	"2147418112"

/*
 * A row's times decide what a merge does with it, given the row here's
 * updated_at (lu) and the file's (tu), SQL: a conflict, changed here
 * since the last merge from there (:m, this clock) and there since its
 * extract then (:e, its clock); else newer there, updated.  A row for
 * which MERGE_UNSETTLED is not true (false, or NULL for a time missing:
 * the CASE that decides goes on to "unchanged") is left as it is here
 * whatever its other columns hold, unchanged as when the two rows are
 * the same, so that a merge again need not compare the rest of the row.
 * A plain condition, not a value: SQLite jumps through it at each row.
 */
#define MERGE_CONFLICT(lu, tu)	"(:base AND " lu " > :m AND " tu " > :e)"
#define MERGE_NEWER(lu, tu)	"(" tu " > " lu ")"
#define MERGE_UNSETTLED(lu, tu)	"(" MERGE_CONFLICT(lu, tu) " OR " \
	MERGE_NEWER(lu, tu) ")"

/*
 * The scan of the file's attendance (mergeattend.c): its rows, ids and
 * references, their keysum and text, and the keysums of its two indexes.
 */
#define MERGE_UPD_MAX	64

struct merge_scan {
	sqlite3_int64	 v[8];		/* count, max(id), min and max
					   session_id and member_id, keysum,
					   rows of bad text */
	sqlite3_int64	 bytes;		/* its records' (first column the
					   INTEGER PRIMARY KEY) */
	int		 sum_null;	/* the table's keysum is NULL */
	char		 upd[MERGE_UPD_MAX]; /* max(updated_at), as SQL */
	int		 updlen;	/* its length: -1 not known (a value
					   not text, or longer), -2 NULL */
	int		 indexes;	/* the indexes were scanned: */
	sqlite3_int64	 index_sum[2];
	int		 index_null[2];
};

/*
 * The database a group of the file (its id there, xgrp) belongs to, as
 * the file says it: the file's own; or, in a file made from this database
 * (an extract of it merged back after an older backup was loaded here),
 * whose it was when the file was made, so that it is taken as it was.
 */
#define MERGE_FILE_OWNER(xgrp) "(CASE WHEN :from = :local THEN " \
	"coalesce((SELECT origin FROM x.grp_origin xo WHERE xo.grp_id = " \
	xgrp "), :from) ELSE :from END)"

struct merge_checks;
struct merge_compare;

struct merge {
	const struct circle_merge_opts	*o;
	struct circle_merge_result	*r;
	char		*local;		/* this database's id */
	char		*from;		/* the file's database */
	char		*extracted_at;	/* when the file was made */
	char		*last_e;	/* the last merge from there: its */
	char		*last_m;	/* extract's time, and ours */
	int		 pseudo, nocontacts, nonotes;
	int		 row_by_row;	/* no shortcut (for the tests) */
	int		 bulk;		/* the foreign keys are off */
	int		 bulk_lost;	/* ...but must be on after all */
	int		 copy_lost;	/* ...or a whole copy found the file
					   other than it seemed
					   (circle_merge_copy_whole) */
	struct merge_checks *checks;	/* owned: the file's checks on their
					   thread (mergecheck.c), or NULL */
	struct merge_compare *compare;	/* owned: attendance compared on a
					   thread (mergeattend.c), or NULL */
	int		 sums;		/* the file's page sums (pagesum.c):
					   1 right, 0 none, -1 wrong */
	unsigned long	 sums_page;	/* ...the first wrong one */
	int		 checks_later;	/* the checks run only when the merge
					   writes (circle_merge_checks_late) */
	int		 checks_begun;	/* ...begun at the first write
					   (circle_merge_checks_begin) */
	long		 wrote;		/* rows written here so far */
	unsigned char	*img;		/* the file's bytes (borrowed) */
	size_t		 n;
	int		 map_fd;	/* img maps the file under a lease
					   (circle_merge_map), or -1 */
	int		 map_lost;	/* ...which someone broke */
	int		 att_here;	/* this database has attendance, */
	int		 forgotten_here; /* people the file forgets, */
	int		 removes_here;	/* rows the file removes
					   (circle_merge_here) */
	char		 att_upd[MERGE_UPD_MAX]; /* the file's max(updated_at)
					   of attendance, when its scan
					   found it (copied whole): */
	int		 att_updlen;	/* as merge_scan's updlen */
	char		 now[21];
};

void	circle_merge_note_add(struct circle_merge_note **, size_t *, char *,
	    char *);
void	circle_merge_bind(sqlite3_stmt *, const struct merge *);
int	circle_merge_exec(struct circle_db *, const struct merge *, char *,
	    struct circle_err *);
int	circle_merge_number(struct circle_db *, const struct merge *, char *,
	    long *, struct circle_err *);
struct circle_merge_count *circle_merge_count_of(struct circle_merge_result *,
	    const char *);
int	circle_merge_left_out(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_not_extract(const char *, int, struct circle_err *);
int	circle_merge_whole_has_id(const char *);
int	circle_merge_self_removed(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_past_self(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_older(struct circle_db *, struct merge *, long,
	    struct circle_err *);
char	*circle_merge_detail(struct circle_db *, struct merge *, long, long,
	    long, struct circle_err *);
int	circle_merge_file_value(struct circle_db *, const char *, char **,
	    struct circle_err *);
int	circle_merge_attendance(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_here(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_bulk_possible(const struct merge *);
void	circle_merge_checks_begin(struct circle_db *, struct merge *);
int	circle_merge_checks_late(struct circle_db *, struct merge *, int, int,
	    struct circle_err *);
int	circle_merge_compare_start(struct circle_db *, struct merge *,
	    struct circle_err *);
void	circle_merge_compare_end(struct merge *);
int	circle_merge_check(struct circle_db *, struct merge *,
	    unsigned char *, size_t, struct circle_err *);
int	circle_merge_map(struct merge *, const char *, int);
int	circle_merge_map_intact(const struct merge *);
void	circle_merge_unmap(struct merge *);
sqlite3	*circle_merge_reader(const char *, const unsigned char *,
	    size_t);
int	circle_merge_checks_join(struct merge *, int, struct circle_err *);
const struct merge_scan *circle_merge_checks_scan(struct merge *, int *,
	    struct circle_err *);
int	circle_merge_checks_end(struct merge *, int, struct circle_err *);
int	circle_merge_attendance_scan(struct circle_db *,
	    const unsigned char *, size_t, struct merge_scan *,
	    struct circle_err *);
int	circle_merge_removed(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_forgotten(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_kept_edited(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_retake(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_sent(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_forgotten(struct circle_db *, struct merge *,
	    struct circle_err *);
/*
 * A statement of a pairing's end in the file's forgotten (f) new here:
 * its uid not forgotten here, or forgotten from another database with no
 * pairing's end (its own database's extract came first).  Taken once.
 */
#define CIRCLE_MERGE_STATEMENT_NEW(f) "NOT EXISTS (SELECT 1 FROM " \
	"main.forgotten l WHERE l.uid = " f ".uid AND (l.keep_uid IS NOT " \
	"NULL OR l.origin IS NULL))"
int	circle_merge_written_add(struct circle_db *, struct merge *,
	    const char *, int, const char *, struct circle_err *);
int	circle_merge_away_store(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_map(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_away_paired(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_alike(struct circle_db *, struct merge *,
	    struct circle_err *);
const char *circle_merge_what(const char *);
int	circle_merge_columns(struct circle_db *, const char *, const char *,
	    const char *, char **, struct circle_err *);
int	circle_merge_bad_text(const struct merge *, const char *, long,
	    struct circle_err *);
int	circle_merge_values_bad(int, sqlite3_value **);
int	circle_merge_proved(struct circle_db *, const char *);
sqlite3_uint64	circle_merge_keyhash(const void *, size_t,
		    const unsigned char *);
void	circle_merge_sum_result(sqlite3_context *, const void *, int,
	    sqlite3_uint64);
sqlite3_int64 circle_merge_record_bytes(int, sqlite3_value **, int);
int	circle_merge_payload_is(sqlite3 *, const char *, sqlite3_int64);
int	circle_merge_copy_whole(struct circle_db *, struct merge *,
	    const char *, long *, struct circle_err *);

/*
 * A table with uids.  Its rows from the file are staged in temp.st_NAME
 * (xid: the file's id, lid: this database's, state), their references
 * already turned into this database's ids through the tables staged
 * before it; sel gives the columns of cols from the file's row t (joined
 * by from, kept by where) and the local one l.  A column the file left out
 * (a pseudonymized or note-less extract) keeps the local value.
 */
struct mtable {
	const char	*name;
	const char	*cols;		/* data columns, without id and uid */
	const char	*sel;
	const char	*from;
	const char	*where;
	const char	*what;		/* the local row l, said for a person */
	int		 handle;	/* cols starts with a handle */
};

char	*circle_merge_prefixed(const char *, const char *, int);
char	*circle_merge_same_row(const struct mtable *, int);
int	circle_merge_stage_new(struct circle_db *, const struct merge *,
	    const struct mtable *, struct circle_err *);
int	circle_merge_fresh(struct circle_db *, struct merge *,
	    const struct mtable *, const char *, struct circle_merge_count *,
	    struct circle_err *);
int	circle_merge_conflicts_said(struct circle_db *, const struct merge *,
	    sqlite3_stmt *, struct circle_err *);
int	circle_merge_surveys(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_answers(struct circle_db *, struct merge *,
	    struct circle_err *);
int	circle_merge_settle(struct circle_db *, struct merge *,
	    const struct mtable *, const char *, long *, int *,
	    struct circle_err *);
int	circle_merge_memberships_kept(struct circle_db *, struct merge *,
	    struct circle_err *);

#endif
