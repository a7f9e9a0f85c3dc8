/*
 * circle.h: the public interface of libcircle, the library every circle tool
 * is built on.  lib/ never prints and never exits; it returns 0 or -1 and
 * fills a struct circle_err.  Sections follow the source files.
 */
#ifndef CIRCLE_H
#define CIRCLE_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>

#define CIRCLE_PROGRAM	"circle"

/* err.c */

/* Exit statuses, shared by every tool (see circle(7)). */
enum circle_status {
	CIRCLE_OK = 0,
	CIRCLE_EFAIL = 1,	/* failure, or nothing found */
	CIRCLE_EUSAGE = 2,	/* usage error */
	CIRCLE_EDATA = 65,	/* bad input data */
	CIRCLE_EIO = 74,	/* I/O or database error */
	CIRCLE_EBUSY = 75	/* database busy after retries */
};

struct circle_err {
	int	code;		/* an enum circle_status */
	char	msg[1024];
};

void	 circle_err_clear(struct circle_err *);
int	 circle_err_set(struct circle_err *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
int	 circle_err_prefix(struct circle_err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 circle_err_append(struct circle_err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* What a write did to the thing it was about. */
enum circle_outcome {
	CIRCLE_UNCHANGED = 0,
	CIRCLE_ADDED,
	CIRCLE_UPDATED,
	CIRCLE_NEW_VERSION	/* a survey with responses, changed */
};

/* xmalloc.c: out of memory is fatal here and nowhere else. */
void	*circle_xmalloc(size_t);
void	*circle_xcalloc(size_t, size_t);
void	*circle_xrealloc(void *, size_t);
void	*circle_xreallocarray(void *, size_t, size_t);
void	*circle_xgrow(void *, size_t, size_t);
char	*circle_xstrdup(const char *);
char	*circle_xstrndup(const char *, size_t);
int	 circle_xasprintf(char **, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 circle_xvasprintf(char **, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 circle_xappend(char **, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/*
 * atomic.c: every file a tool writes, under a temporary name beside it
 * (0600, by mkstemp) then synced and renamed; a device or a pipe, or a
 * stream without a path, is written through from a temporary file of
 * $TMPDIR (when absolute, else /tmp), never renamed over.
 */
struct circle_atomic {
	char		*path;		/* owned: the final name, or NULL */
	char		*tmp;		/* owned: the temporary file */
	FILE		*out;		/* borrowed: where it goes without a
					   path */
	int		 fd;		/* open on tmp, or -1 */
	int		 through;	/* copied to a device, pipe or out */
};

const char	*circle_tmpdir(void);
int	 circle_atomic_begin(const char *, FILE *, struct circle_atomic *,
	    struct circle_err *);
int	 circle_atomic_commit(struct circle_atomic *, struct circle_err *);
void	 circle_atomic_abort(struct circle_atomic *);
int	 circle_atomic_new(const char *, int, struct circle_err *);
FILE	*circle_atomic_fopen(const char *, mode_t, struct circle_atomic *,
	    struct circle_err *);
int	 circle_atomic_fclose(struct circle_atomic *, FILE *, int,
	    struct circle_err *);

/* text.c: UTF-8 and field validation; name.c: handles. */
int	 circle_utf8_valid(const char *, size_t, size_t *);
int	 circle_utf8_width(const char *);
size_t	 circle_utf8_chars(const char *);
size_t	 circle_utf8_cut(const char *, int);
int	 circle_has_control(const char *);
#define CIRCLE_CTL_CR	0x1	/* carriage return allowed (a file's line ends) */
size_t	 circle_control_at(const char *, size_t, int, unsigned int *);
char	*circle_text_visible(const char *);
char	*circle_handle_from_name(const char *, int);
int	 circle_handle_valid(const char *);
int	 circle_email_valid(const char *);
int	 circle_phone_valid(const char *);
int	 circle_email_alone(const char *, char *, size_t);
int	 circle_url_valid(const char *);
int	 circle_check_text(const char *, const char *, size_t,
	    struct circle_err *);
int	 circle_parse_bool(const char *, int *);
size_t	 circle_levenshtein(const char *, const char *);

/* when.c: strict dates and times. */
struct circle_date {
	int	year;
	int	month;		/* 1-12 */
	int	day;		/* 1-31 */
};
int	 circle_date_parse(const char *, struct circle_date *);
int	 circle_month_days(int, int);
void	 circle_date_format(const struct circle_date *, char [11]);
int	 circle_date_today(struct circle_date *);
int	 circle_date_check(const char *, const char *, struct circle_err *);
void	 circle_now_utc(char [21]);
int	 circle_time_parse(const char *, int *, int *);
int	 circle_clock_read(const char *, int *, int *);
const char *circle_clock_at(const char *);
size_t	 circle_clock_at_before(const char *, const char *);
int	 circle_clock_hour(const char *, int *, int *);
int	 circle_clock_check(const char *, const char *, int *, int *,
	    struct circle_err *);
int	 circle_clock_range(const char *, int *, int *, int *,
	    struct circle_err *);
int	 circle_clock_range_check(const char *, const char *, int *, int *,
	    int *, struct circle_err *);
int	 circle_local_to_utc(const char *, const struct circle_date *, int, int,
	    char [21]);
/* Sessions at a clock change, said for a warning: the first, and how many. */
struct circle_wall {
	char	said[200];	/* the first, or "" */
	size_t	n;
};
int	 circle_wall_check(const char *, const char *, struct circle_wall *,
	    char [17]);
int	 circle_utc_to_local(const char *, const char *, char [17]);
void	 circle_utc_add_minutes(const char *, int, char [21]);
long	 circle_utc_minutes(const char *, const char *);
int	 circle_wall_span(const char *, const struct circle_date *, int, int,
	    int, struct circle_wall *);
int	 circle_date_today_in(const char *, struct circle_date *);
long	 circle_date_diff(const struct circle_date *,
	    const struct circle_date *);
void	 circle_date_add(const struct circle_date *, int,
	    struct circle_date *);

/* length.c: how long a session lasts, as people write it (1h30, 1:30). */
int	 circle_length_parse(const char *, int *);
int	 circle_length_check(const char *, const char *, int *,
	    struct circle_err *);
void	 circle_length_format(int, char [16]);

/* zone.c: which names are time zones. */
int	 circle_tz_valid(const char *);
int	 circle_zone_check(const char *, const char *, struct circle_err *);
const char *circle_zone_norm(const char *, const char *,
	    struct circle_err *);
char	*circle_zone_local(const char **);

/* db.c */
#define CIRCLE_SCHEMA_VERSION	15

struct circle_db;

enum {
	CIRCLE_DB_CREATE = 0x1,		/* create the file if missing */
	CIRCLE_DB_READONLY = 0x2,	/* open read-only, never migrate */
	CIRCLE_DB_NOMIGRATE = 0x4,	/* refuse an older schema */
	CIRCLE_DB_OWN_DIR = 0x8,	/* the directory is circle's own */
	CIRCLE_DB_GIVEN = 0x10		/* path given as --db: hints say it */
};

struct circle_db_opts {
	const char	*path;
	const char	*tool;		/* recorded in change_log */
	int		 flags;
	/* Called with warnings (a loose file mode tightened, ...). */
	void		(*notice)(void *, const char *);
	void		*notice_arg;
	/* Called with each SQL statement run, when set (for debugging). */
	void		(*trace)(void *, const char *);
};

void	 circle_sqlite_setup(void);
char	*circle_db_default_path(struct circle_err *);
int	 circle_db_open(struct circle_db **, const struct circle_db_opts *,
	    struct circle_err *);
void	 circle_db_close(struct circle_db *);
int	 circle_db_discard(struct circle_db *);
const char *circle_db_path(const struct circle_db *);
/* atomic.c: a file to write that is the database itself, refused. */
int	 circle_atomic_not_db(const struct circle_db *, const char *,
	    struct circle_err *);
int	 circle_db_version(struct circle_db *);
int	 circle_db_opened_version(struct circle_db *);
int	 circle_db_fold_names(struct circle_db *, struct circle_err *);
int	 circle_db_write(struct circle_db *,
	    int (*)(struct circle_db *, void *, struct circle_err *), void *,
	    struct circle_err *);
int	 circle_db_check(struct circle_db *, char ***, size_t *,
	    struct circle_err *);
int	 circle_db_backup(struct circle_db *, const char *, int,
	    struct circle_err *);
char	*circle_db_backup_name(struct circle_db *, int, struct circle_err *);
int	 circle_db_checkpoint(struct circle_db *, struct circle_err *);
void	 circle_strv_free(char **, size_t);

/* dump.c: the whole database as JSON lines, and back. */
int	 circle_db_dump(struct circle_db *, FILE *, struct circle_err *);
int	 circle_dump_bytes(const unsigned char *, size_t);
int	 circle_db_load(struct circle_db *, FILE *, const char *,
	    struct circle_err *);

/* out.c: tables, TSV, CSV and JSON on one interface. */
enum circle_format {
	CIRCLE_FMT_AUTO = 0,	/* table on a terminal, else TSV */
	CIRCLE_FMT_TABLE,
	CIRCLE_FMT_TSV,
	CIRCLE_FMT_CSV,
	CIRCLE_FMT_JSON,
	CIRCLE_FMT_JSONL,
	CIRCLE_FMT_MD		/* a Markdown table, for printing */
};

enum circle_coltype {
	CIRCLE_COL_TEXT = 0,
	CIRCLE_COL_INT,		/* JSON number; right-aligned in tables */
	CIRCLE_COL_REAL,
	CIRCLE_COL_BOOL,	/* "yes"/"no" in text, true/false in JSON */
	CIRCLE_COL_WHOLE,	/* text a table never cuts: a date, a time */
	CIRCLE_COL_SPARE	/* text a narrow table leaves out, last first */
};

struct circle_col {
	const char		*name;
	enum circle_coltype	 type;
};

struct circle_out;

int	 circle_format_parse(const char *, enum circle_format *);
struct circle_out *circle_out_new(FILE *, enum circle_format,
	    const struct circle_col *, size_t);
struct circle_out *circle_out_record(FILE *, enum circle_format,
	    const struct circle_col *, size_t);
void	 circle_out_row(struct circle_out *, const char *const *);
int	 circle_out_finish(struct circle_out *);
void	 circle_out_term(struct circle_out *, int, int);
size_t	 circle_out_rows(const struct circle_out *);
void	 circle_csv_cell(FILE *, const char *, int);

/* log.c: the change log every mutation writes. */
struct circle_change {
	const char	*action;	/* add, edit, join, ... */
	const char	*entity;	/* member, grp, membership */
	const char	*uid;		/* the entity's uid */
	const char	*member_uid;	/* the person it is about, if any */
	const char	*detail;	/* JSON text, or NULL */
};
int	 circle_log(struct circle_db *, const struct circle_change *,
	    struct circle_err *);
#define CIRCLE_UUID_LEN	37	/* 36 and the NUL */
char	*circle_uuid(struct circle_err *);
void	 circle_uuid_format(unsigned char [16], char [CIRCLE_UUID_LEN]);

/* The log in words, newest first (circle-log(1)); NULL or 0: any. */
struct circle_log_filter {
	const char	*group;		/* a group reference */
	const char	*member;	/* a person reference */
	const char	*session;	/* a session reference (in group) */
	const char	*since;		/* YYYY-MM-DD, local */
	long long	 command;	/* one command's changes */
	long		 limit;		/* at most this many changes */
	int		 oldest_first;
};
const struct circle_col *circle_log_cols(size_t *);
int	 circle_log_list(struct circle_db *, const struct circle_log_filter *,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);

/* undo.c: each command that writes, and putting one back (circle-undo(1)). */
#define CIRCLE_CMD_NOUNDO	0x1	/* keep no undo data (db load) */
void	 circle_db_command(struct circle_db *, const char *, int,
	    char *const *, int);

struct circle_command {
	long long	 id;
	char		 at[17];	/* local: "YYYY-MM-DD HH:MM" */
	char		*tool;		/* owned: "attend" */
	char		*verb;		/* owned, may be NULL */
	char		*args;		/* owned: the words after the verb,
					   NULL when not kept */
	char		*undo;		/* owned: what became of its undo data:
					   kept, none, large, forgotten, never */
	long long	 undoes;	/* the command it undid, or 0 */
	long long	 undone_by;	/* the command that undid it, or 0 */
	char		**changes;	/* owned: what it did, in words */
	size_t		 nchanges;
};
void	 circle_command_release(struct circle_command *);
/* id 0: the last command in effect that is no undo (of tool, if given). */
int	 circle_command_get(struct circle_db *, long long, const char *,
	    struct circle_command *, struct circle_err *);
/* Put command id back (a dry run checks only); *undo_id is the undo. */
int	 circle_undo(struct circle_db *, long long, int, long long *,
	    struct circle_err *);

/* group.c */
struct circle_group {
	long long	 id;
	char		*uid;		/* owned */
	char		*handle;	/* owned */
	char		*name;		/* owned */
	char		*description;	/* owned, may be NULL */
	char		*location;	/* owned, may be NULL */
	char		*online_url;	/* owned, may be NULL */
	char		*tzid;		/* owned */
	int		 duration;	/* default session length, minutes */
	char		*archived_at;	/* owned, NULL when active */
	char		*created_at;	/* owned */
	char		*checkin_survey;	/* owned, may be NULL */
	char		*checkout_survey;	/* owned, may be NULL */
	long long	 members;	/* current members, filled by get/list */
	char		*origin;	/* owned: the database it was made
					   in, merged here; NULL when here
					   (circle_group_merged fills these) */
	char		*extracted_at;	/* owned, may be NULL: its last
					   extract merged here, */
	char		*merged_at;	/* and when that merge was */
};

/* Fields of a group or member to set: NULL leaves a field alone, "" clears. */
struct circle_group_set {
	const char	*handle;
	const char	*name;
	const char	*description;
	const char	*location;
	const char	*online_url;
	const char	*tzid;
	const char	*duration;
	const char	*checkin_survey;	/* survey keys */
	const char	*checkout_survey;
	/* Not a field: with add, another group of a name there already. */
	int		 new_group;
};

void	 circle_group_release(struct circle_group *);
int	 circle_group_add(struct circle_db *, const struct circle_group_set *,
	    struct circle_group *, struct circle_err *);
int	 circle_group_edit(struct circle_db *, const char *,
	    const struct circle_group_set *, struct circle_err *);
int	 circle_group_archive(struct circle_db *, const char *, int,
	    struct circle_err *);
int	 circle_group_merged(struct circle_db *, struct circle_group *,
	    struct circle_err *);
int	 circle_group_get(struct circle_db *, const char *,
	    struct circle_group *, struct circle_err *);
int	 circle_group_named(struct circle_db *, const char *);
int	 circle_group_resolve(struct circle_db *, const char *, long long *,
	    struct circle_err *);
int	 circle_group_list(struct circle_db *, int, struct circle_group **,
	    size_t *, struct circle_err *);

/* groupfile.c: a group, its facilitators and schedules from YAML. */
struct circle_group_import {
	char				*handle;	/* owned */
	enum circle_outcome		 group_state;
	size_t				 facilitators;	/* newly so */
	struct circle_plan_result	*plans;		/* owned */
	char				**plan_names;	/* owned */
	size_t				 nplans;
};
int	 circle_group_import(struct circle_db *, const char *, int,
	    struct circle_group_import *, struct circle_err *);
void	 circle_group_import_release(struct circle_group_import *);

/* roster.c */
struct circle_member {
	long long	 id;
	char		*uid;		/* owned */
	char		*handle;	/* owned */
	char		*display_name;	/* owned */
	char		*full_name;	/* owned, may be NULL */
	char		*pronouns;	/* owned, may be NULL */
	char		*email;		/* owned, may be NULL */
	char		*phone;		/* owned, may be NULL */
	char		*emergency;	/* owned, may be NULL */
	int		 consent;	/* consent to be contacted: -1 unknown */
	char		*consent_on;	/* owned, may be NULL */
	char		*status;	/* owned: active or inactive */
	char		*notes;		/* owned, may be NULL */
	char		*created_at;	/* owned */
	char		*updated_at;	/* owned */
	char		*groups;	/* owned: current groups, "a, b" */
};

struct circle_member_set {
	const char	*handle;
	const char	*display_name;
	const char	*full_name;
	const char	*pronouns;
	const char	*email;
	const char	*phone;
	const char	*emergency;
	const char	*consent;	/* yes/no */
	const char	*consent_on;	/* YYYY-MM-DD */
	const char	*notes;
	/* Not fields: with add, join this group in this role. */
	const char	*group;
	const char	*role;
	/* With add: someone else, though a person of that name is there. */
	int		 new_person;
};

struct circle_membership {
	char		*group;		/* owned: group handle */
	char		*group_name;	/* owned */
	char		*role;		/* owned */
	char		*joined_on;	/* owned */
	char		*left_on;	/* owned, NULL while a member */
};

struct circle_roster_filter {
	const char	*group;		/* a group reference, or NULL */
	const char	*status;	/* active, inactive, or NULL for any */
	int		 all;		/* include inactive and former members */
};

void	 circle_member_release(struct circle_member *);
void	 circle_membership_release(struct circle_membership *);
int	 circle_member_add(struct circle_db *, const struct circle_member_set *,
	    struct circle_member *, struct circle_err *);
int	 circle_member_edit(struct circle_db *, const char *,
	    const struct circle_member_set *, struct circle_err *);
int	 circle_member_set_status(struct circle_db *, const char *,
	    const char *, struct circle_err *);
int	 circle_member_resolve(struct circle_db *, const char *, long long *,
	    struct circle_err *);
int	 circle_member_resolve_in(struct circle_db *, long long, const char *,
	    long long *, struct circle_err *);
int	 circle_member_get(struct circle_db *, const char *,
	    struct circle_member *, struct circle_err *);
int	 circle_member_list(struct circle_db *,
	    const struct circle_roster_filter *, struct circle_member **,
	    size_t *, struct circle_err *);
int	 circle_member_memberships(struct circle_db *, long long,
	    struct circle_membership **, size_t *, struct circle_err *);
int	 circle_member_join(struct circle_db *, const char *const *, size_t,
	    const char *, const char *, const char *, char **, size_t *,
	    char [11], struct circle_err *);
int	 circle_member_leave(struct circle_db *, const char *const *, size_t,
	    const char *, const char *, char **, struct circle_err *);
int	 circle_member_forget(struct circle_db *, const char *, char **,
	    struct circle_err *);

/* import.c: roster import from CSV or YAML. */
struct circle_import_opts {
	const char	*path;		/* file to read; "-" for stdin */
	const char	*name;		/* name used in messages */
	const char	*const *map;	/* "column=field" pairs */
	size_t		 nmap;
	const char	*group;		/* join imported people to this group */
	int		 dry_run;
	int		 yaml;		/* force YAML (else by extension) */
	const char	*encoding;	/* a CSV's, if not UTF-8 (--encoding) */
	const char	*date_order;	/* "mdy" or "dmy" (--date-order) */
	int		 force;		/* a sheet: cancelled or future
					   sessions recorded too */
	const char	*sheet;		/* a workbook's sheet (--sheet) */
	int		 skip_unknown;	/* a sheet: a person no one on the
					   roster is, said and passed over */
	const char	*session;	/* a sheet: every row's session
					   (--session), or NULL */
	int		 walk_ins;	/* a sheet: a person no one on the
					   roster is added as a walk-in */
};

struct circle_import_result {
	size_t		 added;
	size_t		 updated;
	size_t		 unchanged;
	size_t		 joined;	/* memberships made (--group, Group) */
	char		**notes;	/* owned: warnings, "file:line: ..." */
	size_t		 nnotes;
	char		**columns;	/* owned: what each column is taken as */
	size_t		 ncolumns;
	char		**errors;	/* owned: a failure's bad cells, kept
					   when it fails (then e says how many) */
	size_t		 nerrors;
};

int	 circle_roster_import(struct circle_db *,
	    const struct circle_import_opts *, struct circle_import_result *,
	    struct circle_err *);
void	 circle_import_result_release(struct circle_import_result *);

/* series.c: schedules, series and the sessions they materialise. */
struct circle_schedule {
	const char	*key;		/* names the series within its group */
	const char	*every;		/* week, 2 weeks, month, 3 months, day */
	const char	*on;		/* tuesday; tue,thu; 2nd tuesday; 15 */
	const char	*at;		/* local: 19:00, 7pm (circle_clock_read) */
	const char	*duration;	/* minutes */
	const char	*from;		/* first date */
	const char	*until;		/* last date, or NULL */
	const char	*count;		/* number of sessions, or NULL */
	const char	*const *except;	/* dates left out */
	size_t		 nexcept;
	const char	*rrule;		/* instead of every/on */
	const char	*through;	/* materialise through this date */
	const char	*location;
	const char	*topic;
	int		 dry_run;	/* say what it would do, write nothing */
};

struct circle_plan_result {
	long long	 series_id;
	size_t		 added;		/* sessions made */
	size_t		 updated;	/* sessions moved by a changed schedule */
	size_t		 removed;	/* future empty sessions no longer in it */
	size_t		 total;		/* sessions of the series now */
	char		 first[17];	/* local start of the first, or "" */
	char		 last[17];	/* local start of the last, or "" */
	char		 at[6];		/* HH:MM, the time it is planned at */
	struct circle_wall wall;	/* sessions made or moved at a clock
					   change */
	char		 short_months[160]; /* months without its day of
					   the month (February 2027), or "" */
	int		 short_day;	/* that day (30), or 0 */
};

int	 circle_series_plan(struct circle_db *, const char *,
	    const struct circle_schedule *, struct circle_plan_result *,
	    struct circle_err *);

/* session.c: sessions one at a time. */
struct circle_session {
	long long	 id;
	char		*uid;		/* owned */
	char		*group;		/* owned: group handle */
	char		*group_name;	/* owned */
	long long	 series_id;	/* 0 for a one-off */
	char		*recurrence_id;	/* owned, NULL for a one-off */
	char		*starts_at;	/* owned: UTC */
	char		*ends_at;	/* owned: UTC */
	char		*local_start;	/* owned: YYYY-MM-DDTHH:MM in tzid */
	char		 local_end[17];	/* HH:MM or date and time */
	char		*tzid;		/* owned */
	char		*location;	/* owned: the session's, else the group's */
	char		*online_url;	/* owned: the session's link, else its
					   series', else the group's */
	char		*topic;		/* owned, may be NULL */
	char		*status;	/* owned */
	char		*cancel_reason;	/* owned, may be NULL */
	long long	 headcount;	/* -1 when not recorded */
	char		*notes;		/* owned, may be NULL */
	int		 sequence;
	int		 moved;		/* not at its scheduled time */
	int		 duration;	/* minutes */
};

struct circle_session_filter {
	const char	*group;
	const char	*from;		/* local dates, inclusive */
	const char	*to;
	int		 upcoming;	/* from now on */
	int		 past;		/* before now */
	int		 unrecorded;	/* past, not held, no record */
	int		 cancelled;	/* include cancelled sessions */
};

struct circle_session_set {
	const char	*topic;
	const char	*location;
	const char	*notes;
	const char	*online_url;	/* edit's --online; NULL: unchanged */
	int		 wall_end;	/* add: wall-clock minutes to its
					   end said (7pm-9pm), 0: none */
};

void	 circle_session_release(struct circle_session *);
struct circle_overlap {
	size_t		 clashing;	/* how many sessions meet another */
	size_t		 at;		/* the first of them: its index */
	long		 n;		/* how many others it meets */
	char		 first[17];	/* the first of those: local start */
};
int	 circle_session_overlaps(struct circle_db *, const long long *,
	    size_t, struct circle_overlap *, struct circle_err *);
int	 circle_series_overlaps(struct circle_db *, long long,
	    struct circle_overlap *, struct circle_err *);
int	 circle_session_add(struct circle_db *, const char *, const char *,
	    const char *, const char *, const struct circle_session_set *,
	    struct circle_session *, struct circle_wall *, struct circle_err *);
int	 circle_session_resolve(struct circle_db *, const char *, const char *,
	    long long *, struct circle_err *);
int	 circle_session_get(struct circle_db *, const char *, const char *,
	    struct circle_session *, struct circle_err *);
int	 circle_session_get_id(struct circle_db *, long long,
	    struct circle_session *, struct circle_err *);
int	 circle_session_list(struct circle_db *,
	    const struct circle_session_filter *, struct circle_session **,
	    size_t *, struct circle_err *);
int	 circle_session_edit(struct circle_db *, const char *, const char *,
	    const struct circle_session_set *, char **, struct circle_err *);
int	 circle_session_cancel(struct circle_db *, const char *, const char *,
	    const char *, int, char **, struct circle_err *);

/* move.c: a session, or its series from it on, to another date or time. */
enum circle_move_scope {
	CIRCLE_MOVE_ONE,
	CIRCLE_MOVE_FOLLOWING,
	CIRCLE_MOVE_ALL
};

/* Where and how long a move puts a session (all but scope optional). */
struct circle_move_want {
	const char			*date;		/* YYYY-MM-DD */
	const char			*time;		/* HH:MM */
	int				 minutes;	/* its new length;
							   0: as it is */
	int				 wall_end;	/* the wall-clock
							   minutes to its end
							   said (--at 7pm-9pm):
							   one session ends
							   then; 0: none */
	enum circle_move_scope		 scope;
	int				 dry_run;
	const struct circle_session_set	*set;		/* an edit's fields
							   too, or NULL */
};

/* A session a move moved, or would move in a dry run: local starts. */
struct circle_moved {
	long long	 id;		/* the session */
	char		 from[17];	/* YYYY-MM-DDTHH:MM */
	char		 to[17];
	int		 was;		/* its length before, minutes */
	int		 lasts;		/* and after */
};

int	 circle_session_move(struct circle_db *, const char *, const char *,
	    const struct circle_move_want *, struct circle_moved **, size_t *,
	    struct circle_wall *, struct circle_err *);

/* attend.c: who came to a session. */
struct circle_attend_opts {
	const char	*group;		/* narrows the session reference */
	const char	*session;	/* a session reference */
	const char	*status;	/* present (NULL), late, left_early,
					   excused, absent */
	const char	*note;
	int		 force;		/* allow a future or cancelled one */
	int		 new_person;	/* walk-in: even if the name is on
					   the roster */
};

struct circle_attend_row {
	char		*handle;	/* owned */
	char		*name;		/* owned */
	char		*role;		/* owned: member, facilitator, guest,
					   or NULL if not in the group */
	char		*mark;		/* owned: the status recorded, NULL */
	char		*note;		/* owned, may be NULL */
	int		 expected;
};

struct circle_attend_result {
	size_t		 marked;	/* rows made or changed */
	size_t		 unchanged;
	size_t		 sessions;	/* sessions newly recorded as held */
	size_t		 walkins;	/* people added to the roster
					   (import --walk-ins) */
	char		**notes;	/* owned: warnings */
	size_t		 nnotes;
	char		**columns;	/* owned: an import's columns, taken as */
	size_t		 ncolumns;
	char		**errors;	/* owned: a failed import's bad cells */
	size_t		 nerrors;
};

int	 circle_attend_mark(struct circle_db *, const struct circle_attend_opts *,
	    const char *const *, size_t, struct circle_attend_result *,
	    struct circle_err *);
int	 circle_attend_walkin(struct circle_db *,
	    const struct circle_attend_opts *, const char *, const char *,
	    char **, struct circle_err *);
/*
 * What a headcount replaced, the people marked as came by name, and what
 * the reports count of the session now.
 */
struct circle_headcount {
	long long	 old;		/* -1: none */
	long long	 named;
	long long	 given;		/* the headcount, as read */
	long long	 counted;	/* the more of given and named */
};

int	 circle_attend_headcount(struct circle_db *,
	    const struct circle_attend_opts *, const char *,
	    struct circle_headcount *, struct circle_err *);
int	 circle_attend_list(struct circle_db *, const char *, const char *,
	    struct circle_session *, struct circle_attend_row **, size_t *,
	    struct circle_err *);
void	 circle_attend_rows_free(struct circle_attend_row *, size_t);
int	 circle_attend_import(struct circle_db *,
	    const struct circle_import_opts *, struct circle_attend_result *,
	    struct circle_err *);
void	 circle_attend_result_release(struct circle_attend_result *);
int	 circle_mark_parse(const char *, const char **);
int	 circle_mark_refused(struct circle_err *, const char *);
/* A person's attendance in one group, over every session held. */
struct circle_member_attendance {
	char		*group;		/* owned: handle */
	long long	 expected;
	long long	 came;
	long long	 excused;
	char		 last[11];	/* the last day they came, or "" */
};
int	 circle_member_attendance(struct circle_db *, long long,
	    struct circle_member_attendance **, size_t *,
	    struct circle_err *);
void	 circle_member_attendance_free(struct circle_member_attendance *,
	    size_t);

/* ics.c: sessions as an iCalendar file, without members. */
struct circle_ics_opts {
	const char	*group;		/* NULL: the only group */
	int		 all;		/* every group */
	const char	*from;		/* local dates, inclusive */
	const char	*to;
	int		 per_session;	/* one VEVENT per session */
};

int	 circle_ics_export(struct circle_db *, const struct circle_ics_opts *,
	    char **, struct circle_err *);
int	 circle_ics_write(struct circle_db *, const struct circle_ics_opts *,
	    FILE *, struct circle_err *);

/* icsimport.c: sessions from an iCalendar file. */
#define CIRCLE_ICS_MAX_BYTES	(32 * 1024 * 1024)

struct circle_ics_import_opts {
	const char	*group;		/* NULL: the only group */
	const char	*until;		/* make occurrences through this date;
					   NULL: a year from today */
	int		 dry_run;	/* say what would change, write nothing */
	int		 skip_bad;	/* leave bad events out, with a note */
	int		 strict;	/* an event that is no session (longer
					   than a week) fails the import */
	const char	*encoding;	/* the file's, if not UTF-8
					   (--encoding; the file import) */
	const char	*match;		/* only the events whose SUMMARY
					   holds these words (folded) */
	const char	*zone;		/* a TZID's with no VTIMEZONE that
					   names no zone circle reads */
};

struct circle_ics_import_result {
	size_t		 events;	/* VEVENTs read */
	size_t		 series;	/* of them repeating */
	size_t		 added;		/* sessions made */
	size_t		 updated;	/* sessions changed */
	size_t		 removed;	/* future empty sessions no longer there */
	size_t		 unchanged;	/* sessions already as the file says */
	size_t		 skipped;	/* bad events left out */
	size_t		 left_out;	/* events that are no session */
	size_t		 unbounded;	/* series without an end, made only
					   through horizon */
	char		 horizon[11];	/* --until, or a year from today */
	char		**notes;	/* owned: warnings, "file:line: ..." */
	size_t		 nnotes;
};

int	 circle_ics_import(struct circle_db *, const char *, size_t,
	    const char *, const struct circle_ics_import_opts *,
	    struct circle_ics_import_result *, struct circle_err *);
int	 circle_ics_import_file(struct circle_db *, const char *,
	    const struct circle_ics_import_opts *,
	    struct circle_ics_import_result *, struct circle_err *);
void	 circle_ics_import_result_release(struct circle_ics_import_result *);

/* survey.c: survey files (circle-survey(5)), their versions, answers. */
enum circle_qkind {
	CIRCLE_Q_SCALE,		/* whole numbers min..max, labels at points */
	CIRCLE_Q_YESNO,		/* stored as 1 or 0 */
	CIRCLE_Q_CHOICE,	/* one of choices, stored as text */
	CIRCLE_Q_NUMBER,	/* any number, optionally bounded */
	CIRCLE_Q_TEXT
};

struct circle_label {
	int		 at;
	char		*text;		/* owned */
};

struct circle_question {
	char			*key;		/* owned */
	char			*prompt;	/* owned */
	enum circle_qkind	 kind;
	int			 required;
	int			 has_min, has_max;
	double			 min, max;
	struct circle_label	*labels;	/* owned: scale */
	size_t			 nlabels;
	char			**choices;	/* owned: choice */
	size_t			 nchoices;
	int			 scored;	/* in the score */
	int			 reverse;	/* scored as min + max - answer */
};

enum circle_flag_op {
	CIRCLE_FLAG_AT_LEAST,
	CIRCLE_FLAG_AT_MOST,
	CIRCLE_FLAG_IS,
	CIRCLE_FLAG_DROP	/* by at least value since the last response */
};

struct circle_flag {
	char			*on;		/* owned: question key, or NULL
						   for the score */
	enum circle_flag_op	 op;
	double			 value;		/* AT_LEAST, AT_MOST, DROP; IS
						   on a number or yes/no */
	char			*is;		/* owned: IS on a choice */
	char			*reason;	/* owned, may be NULL */
	char			*id;		/* owned: names the flag */
};

enum circle_score_method {
	CIRCLE_SCORE_NONE,
	CIRCLE_SCORE_SUM,
	CIRCLE_SCORE_MEAN
};

struct circle_survey {
	long long			 id;		/* 0 until stored */
	char				*key;		/* owned */
	char				*title;		/* owned */
	char				*phase;		/* owned: checkin or
							   checkout */
	char				*description;	/* owned, may be NULL */
	int				 version;	/* stored, or the file's
							   (0: none given) */
	struct circle_question		*questions;	/* owned */
	size_t				 nquestions;
	enum circle_score_method	 score;
	char				*score_name;	/* owned */
	struct circle_flag		*flags;		/* owned */
	size_t				 nflags;
	char				*source;	/* owned: the YAML */
	char				 digest[17];	/* of the meaning */
	long long			 responses;	/* filled by get/list */
};

/* One answer: num for numbers, scales and yes/no (1 or 0); text for a
 * choice or text. */
struct circle_answer {
	const struct circle_question	*q;
	int				 given;
	double				 num;
	char				*text;		/* owned, may be NULL */
};

struct circle_survey_added {
	char		*key;		/* owned */
	int		 version;
	enum circle_outcome state;	/* updated in place, or a new
					   version */
	int		 previous;	/* with CIRCLE_NEW_VERSION: the
					   version with responses */
};

int	 circle_survey_parse(const char *, size_t, const char *,
	    struct circle_survey **, struct circle_err *);
int	 circle_survey_file(const char *, const char *,
	    struct circle_survey **, struct circle_err *);
void	 circle_survey_free(struct circle_survey *);
int	 circle_survey_add(struct circle_db *, const char *, const char *, int,
	    struct circle_survey_added *, struct circle_err *);
int	 circle_survey_get(struct circle_db *, const char *, int,
	    struct circle_survey **, struct circle_err *);
int	 circle_survey_get_id(struct circle_db *, long long,
	    struct circle_survey **, struct circle_err *);
int	 circle_survey_list(struct circle_db *, int, struct circle_survey ***,
	    size_t *, struct circle_err *);
const struct circle_question *circle_survey_question(
	    const struct circle_survey *, const char *);
int	 circle_answer_parse(const struct circle_question *, const char *,
	    struct circle_answer *, struct circle_err *);
void	 circle_answer_release(struct circle_answer *);
void	 circle_answer_format(const struct circle_answer *, char *, size_t);
int	 circle_survey_score(const struct circle_survey *,
	    const struct circle_answer *, double *);
const char *circle_qkind_name(enum circle_qkind);
void	 circle_num_format(double, char *, size_t);

/* checkin.c: check-in responses, the follow-ups their flags open. */
struct circle_take_opts {
	const char	*group;		/* narrows the session reference */
	const char	*session;	/* a session reference */
	const char	*member;	/* a member reference; NULL: anonymous */
	const char	*survey;	/* a survey key; NULL: the group's */
	int		 checkout;	/* the group's check-out survey */
	int		 force;		/* a future, cancelled or outside one */
	int		 no_hooks;	/* run no followup hook */
};

/* The followup hook run for a follow-up opened (hook.c). */
struct circle_hook_report {
	char		*output;	/* owned: what it wrote, or NULL */
	char		*warning;	/* owned: why it failed, or NULL */
};

struct circle_take_result {
	long long	 response_id;
	enum circle_outcome state;	/* CIRCLE_UPDATED: replaced */
	int		 has_score;
	double		 score;
	char		*survey;	/* owned: key */
	char		*member;	/* owned: handle; NULL: anonymous */
	int		 version;
	long long	*opened;	/* owned: follow-ups opened */
	size_t		 nopened;
	size_t		 withdrawn;	/* open follow-ups no longer flagged */
	struct circle_hook_report *hooks; /* owned: after the save */
	size_t		 nhooks;
	char		**columns;	/* owned: what each column is taken as */
	size_t		 ncolumns;
	char		**errors;	/* owned: a failure's bad cells */
	size_t		 nerrors;
};

struct circle_checkin_import_opts {
	const char	*path;		/* "-" for stdin */
	const char	*name;		/* in messages */
	const char	*survey;	/* a survey key: required */
	const char	*group;		/* narrows sessions and people */
	const char	*session;	/* every row at this session */
	const char	*const *map;	/* "column=question" pairs */
	size_t		 nmap;
	int		 anonymous;	/* store no member */
	int		 dry_run;	/* (runs no hook) */
	int		 no_hooks;	/* run no followup hook */
	const char	*encoding;	/* if not UTF-8 (--encoding) */
	const char	*date_order;	/* "mdy" or "dmy" (--date-order) */
	const char	*sheet;		/* a workbook's sheet (--sheet) */
};

struct circle_checkin_import_result {
	size_t		 added;
	size_t		 replaced;
	size_t		 unchanged;
	long long	*opened;	/* owned: follow-ups opened */
	size_t		 nopened;
	char		**notes;	/* owned: warnings */
	size_t		 nnotes;
	struct circle_hook_report *hooks; /* owned: after the save */
	size_t		 nhooks;
	char		**columns;	/* owned: what each column is taken as */
	size_t		 ncolumns;
	char		**errors;	/* owned: a failure's bad cells */
	size_t		 nerrors;
};

struct circle_checkin_filter {
	const char	*group;
	const char	*session;	/* a session reference */
	const char	*member;
	const char	*survey;	/* a key */
	const char	*from;		/* local dates, inclusive */
	const char	*to;
	int		 all;		/* followups: closed ones too */
	int		 by_member;	/* report: per member, not session */
};

int	 circle_checkin_survey(struct circle_db *,
	    const struct circle_take_opts *, struct circle_survey **,
	    struct circle_session *, struct circle_err *);
int	 circle_checkin_answered(struct circle_db *, long long, const char *,
	    char ***, size_t *, struct circle_err *);
int	 circle_checkin_take(struct circle_db *,
	    const struct circle_take_opts *, const char *const *, size_t,
	    struct circle_take_result *, struct circle_err *);
void	 circle_take_result_release(struct circle_take_result *);
int	 circle_checkin_import(struct circle_db *,
	    const struct circle_checkin_import_opts *,
	    struct circle_checkin_import_result *, struct circle_err *);
void	 circle_checkin_import_release(struct circle_checkin_import_result *);
const struct circle_col *circle_checkin_list_cols(size_t *);
int	 circle_checkin_list(struct circle_db *,
	    const struct circle_checkin_filter *,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);
const struct circle_col *circle_followup_cols(size_t *);
int	 circle_followup_list(struct circle_db *,
	    const struct circle_checkin_filter *,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);
int	 circle_followup_close(struct circle_db *, const long long *, size_t,
	    const char *, const char *, struct circle_err *);
int	 circle_followup_json(struct circle_db *, long long, char **,
	    struct circle_err *);
int	 circle_followup_reason(struct circle_db *, long long, char **,
	    struct circle_err *);
int	 circle_checkin_report(struct circle_db *,
	    const struct circle_checkin_filter *,
	    void (*)(void *, const struct circle_col *, size_t),
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);
int	 circle_hook_run(const char *, const char *, char **,
	    struct circle_err *);
void	 circle_hook_reports_free(struct circle_hook_report *, size_t);

/* prep.c: the facilitator's sheet for a session. */
struct circle_prep_member {
	char		*handle;	/* owned */
	char		*name;		/* owned */
	char		*pronouns;	/* owned, may be NULL */
	char		*role;		/* owned */
	char		*joined_on;	/* owned */
	int		 is_new;	/* joined since the session before */
	char		*last_seen;	/* owned: date last attended, or NULL */
	int		 missed;	/* held sessions missed since, in a row */
	int		 first_time;	/* never attended this group */
	char		*scores;	/* owned: last check-in scores here,
					   oldest first ("7 5 3.5"), or NULL */
	int		 followups;	/* open follow-ups from this group */
};

struct circle_prep_followup {
	long long	 id;
	char		*handle;	/* owned: NULL when anonymous */
	char		*name;		/* owned, may be NULL */
	char		*day;		/* owned: the session's date */
	char		*reason;	/* owned */
};

struct circle_prep {
	struct circle_session		 session;
	int				 number;	/* nth session held
							   or planned */
	char				*prev_local;	/* owned: date */
	char				*prev_topic;	/* owned */
	char				*prev_notes;	/* owned */
	int				 recorded;	/* the group has held
							   sessions before */
	int				 prev_held;
	int				 prev_came;	/* of those expected */
	int				 prev_expected;
	long long			 prev_headcount; /* -1: none */
	char				*checkin_survey;	/* owned */
	char				*checkout_survey;	/* owned */
	struct circle_prep_member	*members;	/* owned: expected */
	size_t				 nmembers;
	struct circle_prep_followup	*followups;	/* owned: open, from
							   this group */
	size_t				 nfollowups;
};

int	 circle_prep_get(struct circle_db *, const char *, const char *,
	    struct circle_prep *, struct circle_err *);
void	 circle_prep_release(struct circle_prep *);

/*
 * grid.c: what a mark at a session means, defined once.  CIRCLE_MARKS is
 * the one list (each mark, and whether it counts as having come: the first
 * and the CAME ones do); the enum, the names, circle_mark_came() and the
 * SQL spelling CIRCLE_SQL_CAME (circle-priv.h) are all made from it.
 * CIRCLE_MARK_NONE is no row: at a held session someone was expected at,
 * that is absent.
 */
#define CIRCLE_MARKS(FIRST, CAME, OTHER) \
	FIRST(PRESENT, "present") CAME(LATE, "late") \
	CAME(LEFT_EARLY, "left_early") OTHER(EXCUSED, "excused") \
	OTHER(ABSENT, "absent")
#define CIRCLE_MARK_ENUM(k, s)	CIRCLE_MARK_##k,
enum circle_mark {
	CIRCLE_MARK_NONE = 0,
	CIRCLE_MARKS(CIRCLE_MARK_ENUM, CIRCLE_MARK_ENUM, CIRCLE_MARK_ENUM)
	CIRCLE_MARK_NMARKS
};
/* How a mark counts in a person's record (report member's sparkline). */
enum circle_mark_class {
	CIRCLE_CLASS_CAME = 0,
	CIRCLE_CLASS_ABSENT,
	CIRCLE_CLASS_EXCUSED,
	CIRCLE_CLASS_UNRECORDED
};
enum circle_mark circle_mark_of(const char *);
const char	*circle_mark_name(enum circle_mark);
const char	*circle_mark_said(const char *);
int		 circle_mark_came(enum circle_mark);
int		 circle_mark_text_came(const char *);
enum circle_mark_class circle_mark_classify(const char *);

/* report.c: attendance reports, each one SQL query over the expected view. */
enum circle_report_kind {
	CIRCLE_REPORT_ATTENDANCE,	/* per member and group */
	CIRCLE_REPORT_SESSIONS,		/* per past or held session */
	CIRCLE_REPORT_MONTHLY,		/* per group and month */
	CIRCLE_REPORT_MEMBER,		/* one person's history */
	CIRCLE_REPORT_OUTREACH		/* who has been away */
};

/* Report sessions' online link column. */
enum circle_online {
	CIRCLE_ONLINE_NONE,		/* none */
	CIRCLE_ONLINE_SAID,		/* "online": yes for a session with one */
	CIRCLE_ONLINE_URL		/* "online_url": the link */
};

struct circle_report_filter {
	const char	*group;		/* a group reference; NULL: every group */
	const char	*from;		/* local dates, inclusive, or NULL */
	const char	*to;
	const char	*member;	/* member: a member reference */
	int		 missed;	/* outreach: missed in a row, at least */
	int		 with_contacts;	/* outreach: email and phone when the
					   person consented to contact */
	enum circle_online online;	/* sessions: the link column */
};

const struct circle_col *circle_report_cols(enum circle_report_kind,
	    const struct circle_report_filter *, size_t *);
/* Rows to the callback: one value a column (NULL for none), valid during
 * the call only. */
int	 circle_report(struct circle_db *, enum circle_report_kind,
	    const struct circle_report_filter *,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);
int	 circle_report_sql(struct circle_db *, enum circle_report_kind,
	    const struct circle_report_filter *, char **, struct circle_err *);
int	 circle_report_online_any(struct circle_db *,
	    const struct circle_report_filter *, int *, struct circle_err *);


/* report.c: the funder report, figures without names. */
struct circle_funder_change {
	char		*survey;	/* owned: the survey key */
	long long	 people;	/* with two scored check-ins or more */
	double		 change;	/* mean of last minus first */
};

struct circle_funder {
	char				*group;		/* owned: its handle,
							   NULL: every group */
	long long			 held;		/* sessions held */
	double				 hours;		/* their length */
	long long			 people;	/* unique participants */
	long long			 new_people;	/* none before from */
	long long			 contacts;	/* attendances */
	long long			 retained;	/* came 3 times or more */
	double				 average;	/* contacts a session
							   held, rounded */
	double				 retention;	/* retained / people,
							   rounded */
	struct circle_funder_change	*changes;	/* owned */
	size_t				 nchanges;
};

int	 circle_report_funder(struct circle_db *,
	    const struct circle_report_filter *, struct circle_funder *,
	    struct circle_err *);
int	 circle_report_funder_sql(struct circle_db *,
	    const struct circle_report_filter *, char **, struct circle_err *);
void	 circle_funder_release(struct circle_funder *);
/* The figures as one record: counts under min shown as "<min". */
size_t	 circle_funder_fields(const struct circle_funder *,
	    const struct circle_report_filter *, int, struct circle_col **,
	    char ***);
void	 circle_funder_fields_free(struct circle_col *, char **, size_t);

/* export.c: tables for other programs (CSV, RFC 4180). */
struct circle_export_opts {
	const char	*group;		/* NULL: the only group, unless all */
	int		 all;		/* every group */
	const char	*from;		/* local dates, inclusive */
	const char	*to;
	int		 with_contacts;	/* email, phone, consent */
	int		 pseudonymize;	/* stable codes instead of names */
	int		 bom;		/* CSV: a UTF-8 byte-order mark first */
};

int	 circle_export_csv(struct circle_db *, const char *,
	    const struct circle_export_opts *, const char *, FILE *,
	    struct circle_err *);
const char *circle_export_table(size_t);

/* xlsx.c: workbooks through libxlsxwriter. */
int	 circle_xlsx_export(struct circle_db *,
	    const struct circle_export_opts *, const char *, FILE *,
	    struct circle_err *);
int	 circle_xlsx_signin(struct circle_db *, const char *, const char *,
	    int, const char *, FILE *, struct circle_err *);

/* search.c: people and sessions found by words, folded, with no index. */
int	 circle_member_search(struct circle_db *, const char *,
	    const char *const *, size_t, struct circle_member **, char ***,
	    size_t *, struct circle_err *);
int	 circle_session_search(struct circle_db *, const char *,
	    const char *const *, size_t, struct circle_session **, char ***,
	    size_t *, struct circle_err *);

/* agenda.c: what is next in each group, for "circle" alone. */
struct circle_agenda_group {
	long long		 id;
	char			*group;		/* owned: handle */
	char			*name;		/* owned */
	char			*tzid;		/* owned */
	char			 today[11];	/* today in the group's zone */
	struct circle_session	*todays;	/* owned: today's, cancelled too */
	size_t			 ntoday;
	struct circle_session	*next;		/* owned: after today, or NULL */
	struct circle_session	*unrecorded;	/* owned: the newest few */
	size_t			 nunrecorded;
	size_t			 unrecorded_total;
	long long		 followups;	/* open ones: a count only */
};

struct circle_agenda {
	struct circle_agenda_group	*groups;	/* owned */
	size_t				 ngroups;
};

int	 circle_agenda_get(struct circle_db *, struct circle_agenda *,
	    struct circle_err *);
void	 circle_agenda_release(struct circle_agenda *);

/* written.c: the files circle wrote that may hold people, for forget. */
struct circle_written {
	char		*path;		/* owned: absolute, or "pipe:KIND"
					   (circle_written_piped) */
	char		*kind;		/* owned: backup, dump, xlsx, signin,
					   csv */
	char		 day[11];	/* written on, this computer's date */
};

int	 circle_written_add(struct circle_db *, const char *, const char *,
	    struct circle_err *);
int	 circle_written_piped(const struct circle_written *);
int	 circle_written_about(struct circle_db *,
	    const struct circle_member *, struct circle_written **, size_t *,
	    struct circle_err *);
int	 circle_written_since(struct circle_db *, const char *,
	    struct circle_written **, size_t *, struct circle_err *);
void	 circle_written_free(struct circle_written *, size_t);
const char *circle_under_home(const char *);

/* day.c: a day as people say it, the parser of every date and session
 * named on the command line. */
enum circle_date_order {
	CIRCLE_ORDER_NONE,	/* 03/04 is refused, both readings named */
	CIRCLE_ORDER_MDY,
	CIRCLE_ORDER_DMY,
	CIRCLE_ORDER_YMD
};

/* What a week or a month said for a date is: an error, or one of its ends. */
enum circle_day_bound {
	CIRCLE_DAY_ONE,		/* a day is needed: "next week" is refused */
	CIRCLE_DAY_FIRST,	/* --from, --since: its first day */
	CIRCLE_DAY_LAST		/* --to, --until, --through: its last */
};

struct circle_day_ctx {
	struct circle_date	today;
	enum circle_date_order	order;
	enum circle_day_bound	bound;
	int			back;	/* a month or quarter without its
					 * year: the latest begun, not the
					 * nearest (reports look back) */
};

void	 circle_settings(const char *(*)(void *, const char *), void *);
const char *circle_setting(const char *);
int	 circle_weekday_parse(const char *);
const char *circle_weekday_name(int);
const char *circle_month_name(int);
int	 circle_weekdays_english(const char *, char *, size_t);
const char *circle_ordinal_suffix(int);
int	 circle_weekday(const struct circle_date *);
int	 circle_date_order_parse(const char *, enum circle_date_order *);
int	 circle_day_parse(const char *, const struct circle_day_ctx *,
	    struct circle_date *, struct circle_err *);
char	*circle_my_zone(void);
void	 circle_day_context(const char *, struct circle_day_ctx *);
int	 circle_day_iso(const char *, const char *, const char *,
	    enum circle_day_bound, int, char [11], struct circle_err *);
int	 circle_day_pair(const char *, const char *,
	    const struct circle_day_ctx *, struct circle_date *,
	    struct circle_date *);
void	 circle_day_say(const struct circle_date *, const struct circle_date *,
	    char [32]);
int	 circle_day_time_split(const char *, char **, int *, int *);
int	 circle_from_now(const char *, int *);
int	 circle_day_time_read(const char *, char **, int *, int *,
	    struct circle_err *);
int	 circle_day_span_read(const char *, char **, int *, int *, int *,
	    struct circle_err *);
int	 circle_here(const char *, const char *, const char *, char [17]);

/* config.c: the facilitator's settings file (circle-config(5)). */
struct circle_config;
struct circle_config_item {
	char	*key;		/* owned, lower case */
	char	*value;		/* owned */
	size_t	 line;		/* where it was read */
};

extern const char *const circle_config_keys[];
int	 circle_config_known(const char *);
const char *circle_config_near(const char *);
int	 circle_config_bool(const char *);
int	 circle_config_check(const char *, const char *, struct circle_err *);
char	*circle_config_path(struct circle_err *);
struct circle_config *circle_config_read(const char *, struct circle_err *);
void	 circle_config_free(struct circle_config *);
const char *circle_config_file(const struct circle_config *);
const struct circle_config_item *circle_config_items(
	    const struct circle_config *, size_t *);
const struct circle_config_item *circle_config_get(
	    const struct circle_config *, const char *);
int	 circle_config_write(const char *, const char *, const char *,
	    struct circle_err *);

/* seal.c: files sealed with a passphrase (libsodium: Argon2id, secretstream). */
int	 circle_sealed(const unsigned char *, size_t);
int	 circle_seal_write(FILE *, const void *, size_t, const char *,
	    const unsigned long *, struct circle_err *);
int	 circle_unseal(const unsigned char *, size_t, const char *,
	    unsigned char **, size_t *, struct circle_err *);
void	 circle_unsealed_free(unsigned char *, size_t);
unsigned char *circle_bytes_alloc(size_t);
int	 circle_read_sealed(const char *, const char *, unsigned char **,
	    size_t *, struct circle_err *);
struct circle_seal_key *circle_seal_begin(const char *,
	    const unsigned long *, struct circle_err *);
int	 circle_seal_write_key(FILE *, const void *, size_t,
	    struct circle_seal_key *, struct circle_err *);
void	 circle_seal_key_free(struct circle_seal_key *);
char	*circle_passphrase_file(const char *, struct circle_err *);
char	*circle_passphrase_dup(const char *, void *, size_t);
void	 circle_passphrase_free(char *);
int	 circle_passphrase_same(const char *, const char *);

/* extract.c: some groups as a circle database of their own. */
struct circle_extract_opts {
	const char *const *groups;	/* handles; none: the only group */
	size_t		 ngroups;
	int		 all;		/* every group */
	const char	*since;		/* a date: rows changed since */
	int		 pseudonymize;	/* codes, no contacts, no notes */
	int		 without_contacts;
	int		 without_notes;
	const char	*passphrase;	/* seal with it, or NULL */
	const char	*path;		/* the file to write */
	int		 force;		/* replace it */
};

struct circle_extract_result {
	size_t		 groups, members, sessions, attendance, responses,
			 followups, forgotten;
	size_t		 removed;	/* rows removed here (uids only) */
	size_t		 pairings;	/* records made one (merged_away) */
	char		 since[21];	/* --since last: when the last extract
					   of these groups began, or "" */
};

int	 circle_db_extract(struct circle_db *,
	    const struct circle_extract_opts *, struct circle_extract_result *,
	    struct circle_err *);
int	 circle_extract_since_check(struct circle_db *,
	    const struct circle_extract_opts *, struct circle_err *);
int	 circle_db_backup_sealed(struct circle_db *, const char *, int,
	    const char *, struct circle_err *);
int	 circle_db_restore(struct circle_db *, const char *, const char *,
	    struct circle_err *);
char	*circle_db_origin(struct circle_db *, struct circle_err *);

/* merge.c: an extract brought into this database by uid. */
struct circle_merge_opts {
	const char	*path;		/* the extract, plain or sealed */
	const char	*passphrase;	/* for a sealed one */
	int		 dry_run;
	int		 adopt;		/* take groups from another owner */
	int		 theirs;	/* conflicts: take the file's */
	int		 older;		/* merged though made before a newer */
};

struct circle_merge_count {
	const char	*table;		/* borrowed: a literal */
	long		 added, updated, unchanged, conflicts;
	long		 removed;	/* rows removed there, here too */
};

struct circle_merge_note {
	char		*what;		/* owned: "member alex-r" */
	char		*detail;	/* owned */
};

#define CIRCLE_MERGE_TABLES	10
/*
 * Files written here that may hold what a merge forgot (written.c): a
 * person forgotten (who, their handle), or what a record kept took of
 * one forgotten there (who, the handle of the record kept; took set).
 */
struct circle_merge_written {
	char			*who;		/* owned */
	int			 took;
	struct circle_written	*w;		/* owned */
	size_t			 n;
};

struct circle_merge_result {
	struct circle_merge_count counts[CIRCLE_MERGE_TABLES];
	size_t		 ncounts;
	long		 forgotten;	/* people forgotten here */
	struct circle_merge_note *conflicts;	/* owned */
	size_t		 nconflicts;
	struct circle_merge_note *skipped;	/* owned: groups not taken */
	size_t		 nskipped;
	struct circle_merge_note *alike;	/* owned: maybe one person */
	size_t		 nalike;
	struct circle_merge_note *renamed;	/* owned: groups given another
						   handle here */
	size_t		 nrenamed;
	int		 self;		/* the file was made from this
					   database */
	int		 took_id;	/* ...whose id this one, which had
					   none yet, took from it */
	long		 left_out;	/* people forgotten here, not there */
	long		 left_out_att;	/* ...their attendance in the file */
	long		 merged_in;	/* people of the file made one here
					   with another record: theirs */
	char		*merged_keeps;	/* owned: the handles of the records
					   they were made one with, ", "
					   between, or NULL */
	long		 unmerged;	/* ...forgotten there: what came of
					   them removed */
	char		*unmerged_keeps; /* owned: ...from these records */
	long		 unmerged_rows;	/* ...their memberships, marks,
					   check-ins and follow-ups there */
	char		*unmerged_edited; /* owned: ...records kept whose
					   details and notes, changed here
					   since, keep what they took */
	struct circle_merge_written *written;	/* owned: the files written
						   here that may hold what
						   was forgotten */
	size_t		 nwritten;
};

int	 circle_file_sealed(const char *, struct circle_err *);
int	 circle_db_merge(struct circle_db *, const struct circle_merge_opts *,
	    struct circle_merge_result *, struct circle_err *);
void	 circle_merge_result_release(struct circle_merge_result *);

/* rostermerge.c: two records of one person made one. */
struct circle_member_merge_result {
	char		*keep;		/* owned: handles */
	char		*other;		/* owned */
	long		 memberships, attendance, responses, followups;
	long		 dropped;	/* OTHER's marks where KEEP had one */
	struct circle_written *written;	/* owned: the files written since
					   OTHER was added, still there */
	size_t		 nwritten;
};

int	 circle_member_merge(struct circle_db *, const char *, const char *,
	    int, struct circle_member_merge_result *, struct circle_err *);
void	 circle_member_merge_release(struct circle_member_merge_result *);

#endif /* CIRCLE_H */
