/*
 * circle-priv.h: what the files of lib/ share and the tools never see: the
 * database handle and the statement helpers every query goes through.
 */
#ifndef CIRCLE_PRIV_H
#define CIRCLE_PRIV_H

#include <stdint.h>

#include <sqlite3.h>

#include "circle.h"

struct circle_strmap {
	char		**keys;		/* owned */
	long long	 *vals;
	size_t		  cap;		/* a power of two */
	size_t		  n;
};

struct circle_db {
	sqlite3		*h;
	char		*path;		/* owned */
	char		*tool;		/* owned */
	int		 version;	/* schema version now */
	int		 opened_version; /* schema version found at open */
	int		 created;	/* the file made by this open */
	int		 in_write;	/* inside circle_db_write() */
	void		(*trace)(void *, const char *);
	void		*trace_arg;
	struct {
		const char	*sql;	/* borrowed: a string literal */
		sqlite3_stmt	*st;	/* owned */
	}		*cache;		/* statements for hot paths */
	size_t		 ncache;
	/*
	 * Inside circle_db_write() only: the highest number found taken
	 * after each handle ("m:alex-r" -> 7), where the next search for a
	 * free one starts (record.c).
	 */
	struct circle_strmap handles;
	/*
	 * Inside circle_db_write() only: today in the zone of the group
	 * today_gid (0: none yet), for the joins of an import (roster.c).
	 */
	long long	 today_gid;
	char		 today[11];
	struct circle_undo *undo;	/* owned: the command and its changes
					   being recorded (undo.c) */
};

/* Prepare; on failure fill err with the SQLite message. */
sqlite3_stmt	*circle_prepare(struct circle_db *, const char *,
		    struct circle_err *);
/*
 * A prepared statement kept for the life of the connection, found by the
 * address of its SQL literal; reset and unbound, never finalised by the
 * caller.  For statements run once per row of an import.
 */
sqlite3_stmt	*circle_cached(struct circle_db *, const char *,
		    struct circle_err *);
/* Step a cached statement that returns no rows, then reset it. */
int		 circle_exec_cached(struct circle_db *, sqlite3_stmt *,
		    struct circle_err *);
/* Bind text (NULL binds NULL) / int64 by 1-based index. */
int		 circle_bind_text(sqlite3_stmt *, int, const char *);
/* Step a statement that returns no rows; finalize it. */
int		 circle_exec_stmt(struct circle_db *, sqlite3_stmt *,
		    struct circle_err *);
/* Run SQL text without parameters. */
int		 circle_exec(struct circle_db *, const char *,
		    struct circle_err *);
/* Fill err from the connection's last error. */
int		 circle_db_error(struct circle_db *, struct circle_err *,
		    const char *);
int		 circle_step_ok(struct circle_db *, int, const char *,
		    struct circle_err *);
/* A copy of column i, NULL for NULL. */
char		*circle_col_dup(sqlite3_stmt *, int);
/* A rollback journal for one large write into an empty database. */
int		 circle_db_journal_once(struct circle_db *);
void		 circle_db_wal_again(struct circle_db *);
/* A small page cache for a long read, then the usual one back. */
int		 circle_lean_cache(struct circle_db *, struct circle_err *);
int		 circle_usual_cache(struct circle_db *, int,
		    struct circle_err *);
/* x rounded to places as SQLite's round() does it, into *r. */
int		 circle_round(struct circle_db *, double, int, double *,
		    struct circle_err *);

/*
 * A session (aliased s) with nothing recorded on it: no notes, head count,
 * attendance, check-in or follow-up.  Anything recorded later must be
 * added here.
 */
#define CIRCLE_SESSION_UNRECORDED "(s.notes IS NULL AND s.headcount IS " \
	"NULL AND NOT EXISTS (SELECT 1 FROM attendance a WHERE " \
	"a.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM response q " \
	"WHERE q.session_id = s.id) AND NOT EXISTS (SELECT 1 FROM " \
	"followup f WHERE f.session_id = s.id))"

/* when.c: a time of day as people write it, with a cell's zone after it;
 * what every message of one that is none says it may be. */
#define CIRCLE_CLOCK_SAID \
	"a time of day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)"
#define CIRCLE_ZONE_READINGS	3	/* the most an abbreviation has (CST) */
int	 circle_clock_zoned(const char *, int, int *, int *, int *, int *,
	    int *);
int	 circle_clock_ampm(const char **);
size_t	 circle_clock_apart(const char *);
/* when.c, clocksaid.c: a time in words; an hour without am or pm is two,
 * and is said with both. */
int	 circle_clock_said(const char *, int *, int *);
int	 circle_clock_range_in(const char *, int, int, int *, int *, int *,
	    struct circle_err *);
int	 circle_clock_spoken(const char *, int *, int *);
int	 circle_clock_hour24(const char *, int *, int *);
int	 circle_clock_midnight(const char *, int, int);
#define CIRCLE_CLOCK_TWO	"%02d:%02d or %02d:%02d"
/* clocksaid.c: a time typed for a session (7:30 is two), and what to
 * write instead of one that is two. */
int	 circle_clock_typed(const char *, int *, int *);
/* daytime.c: dec 7 30pm, a day and a time glued, refused with both. */
int	 circle_day_glued(const char *, struct circle_err *);
const char *circle_clock_hint(int, int, int, char [24]);
/* Why midnight alone is refused where a session begins. */
#define CIRCLE_CLOCK_MIDNIGHT	"begins a day and ends the one before"
int	 circle_zone_abbr(const char *, size_t, int [CIRCLE_ZONE_READINGS]);
/* zone.c: a zone name that is only an offset (GMT+0100), in minutes east. */
int	 circle_zone_offset(const char *, int *);
/* zone.c: a Windows display name's offset, "(UTC+01:00) ", and the rest. */
int	 circle_zone_display_offset(const char *, int *, const char **);
/* zone.c: the Windows zone of a display name's region ("Arizona"). */
const char *circle_zone_windows_place(const char *, char *, size_t);
/* zone.c: the IANA zone of a Windows zone name, in any case and spacing. */
const char *circle_zone_windows(const char *, char *, size_t);
/* zone.c: whether a zone is in a country of the +1 numbering plan. */
int	 circle_zone_nanp(const char *);
/* zone.c: a zone by IANA's name now, not an old one CLDR keeps. */
const char *circle_zone_current(const char *);
/* zone.c: every zone of a place, ICU's and the system's, NULL-ended. */
const char *const *circle_zone_places(void);
const char *const *circle_zone_place_several(const char *);
/* zonecity.c: where a display name's places name zones, in any language. */
void	 circle_zone_cities(const char *, const char *const *, size_t,
	    size_t *);
int	 circle_locale_own(const char *);
/* zonesaid.c: the zones a name people say stands for (Eastern, UK). */
#define SAID_NAME	1	/* circle_zone_said: Eastern, PST, Arizona */
#define SAID_COUNTRY	2	/* Germany, UK */
#define SAID_COUNTRIES	3	/* a country of several zones: Australia */
int circle_zone_said(const char *, char **);
/* zone.c: the region's zone an old name (US/Eastern) stands for. */
const char *circle_zone_alias(const char *);
/* when.c: a libical zone by name (libical's icaltimezone), or NULL. */
struct _icaltimezone *circle_zone(const char *);
struct _icaltimezone *circle_zone_as_built(const char *);
/* tzif.c: a zone's changes of offset, from the system's tzdata. */
struct circle_tzif_change {
	int64_t	 at;		/* UTC, seconds since 1970 */
	int32_t	 from, to;	/* offsets before and after, seconds */
	int	 dst;		/* summer time after */
	char	 abbr[16];
};
struct circle_tzif {
	struct circle_tzif_change *change;	/* owned */
	size_t			   n;
};
int	 circle_tzif_read(const char *, struct circle_tzif *);
void	 circle_tzif_release(struct circle_tzif *);
/* zonemend.c: a libical zone with its rule after 2037 mended, and its
 * changes where libical's rules leave some of tzdata's out. */
struct _icaltimezone *circle_zone_mended(struct _icaltimezone *);
/* when.c: a wall time in a clock change's gap moved on by the gap. */
struct icaltimetype;
void		 circle_wall_gap(struct icaltimetype *, struct _icaltimezone *);
/* icsvtz.c: a zone's VTIMEZONE for events from first to last (UTC). */
struct icalcomponent_impl *circle_ics_vtimezone(const char *,
		    struct icaltimetype, struct icaltimetype);
/* icsvtz.c: an observance's RRULE as text without its UNTIL. */
char		*circle_ics_rule_sans_until(struct icalcomponent_impl *,
		    struct icaltimetype *);

/*
 * undo.c: around every write transaction (circle_db_write), the changes
 * of the command being run recorded as its undo data; the command's row,
 * made by its first change-log row; a person's traces in undo data.
 */
int		 circle_undo_begin(struct circle_db *, struct circle_err *);
int		 circle_undo_end(struct circle_db *, struct circle_err *);
void		 circle_undo_after(struct circle_db *, int);
void		 circle_undo_expect(struct circle_db *, long long);
void		 circle_undo_pause(struct circle_db *, int);

/* mergeaway.c */
char		*circle_notes_without(const char *, const char *);

/*
 * The details a record kept takes at circle roster merge when it lacks
 * them (rostermerge.c), as merged_away keeps them (schema.c, 14) and a
 * forget there empties them (mergeaway.c): F(column) each, sep between.
 */
#define CIRCLE_TAKEN_DETAILS(F, sep) F("full_name") sep F("pronouns") sep \
	F("email") sep F("phone") sep F("emergency") sep F("consent") sep \
	F("consent_on")

/* extractkeep.c */
#define CIRCLE_KEEP_KEYLEN	32
/*
 * The records kept here of records made one here, in schema s: those of
 * the pairings made here (not one stored from a file), and of those a
 * forget ended (schema.c, 15), which pseudonymized extracts still send
 * under their derived uid.
 */
#define CIRCLE_KEPT_HERE(s) "SELECT keep_uid FROM " s ".merged_away " \
	"WHERE origin IS NULL UNION ALL SELECT keep_uid FROM " s \
	".forgotten WHERE kept_here"
int		 circle_extract_keep_key(struct circle_db *, int,
		    unsigned char [CIRCLE_KEEP_KEYLEN], struct circle_err *);
int		 circle_extract_keep_register(sqlite3 *, const unsigned char *);
void		 circle_undo_free(struct circle_undo *);
int		 circle_undo_command_id(struct circle_db *, long long *,
		    struct circle_err *);
int		 circle_undo_forget(struct circle_db *, long long,
		    const char *, struct circle_err *);

/* session.c: what sessions, series and moves share. */
int		 circle_local_utc(const char *, const char *, char[21],
		    struct circle_err *);
int		 circle_session_log(struct circle_db *, const char *,
		    const char *, const char *, struct circle_err *);
int		 circle_session_edit_row(struct circle_db *,
		    const struct circle_session *,
		    const struct circle_session_set *, struct circle_err *);
int		 circle_session_insert(struct circle_db *, long long, long long,
		    const char *, const char *, int, const char *, const char *,
		    long long *, struct circle_err *);
int		 circle_session_group(struct circle_db *, const char *,
		    struct circle_group *, struct circle_err *);
int		 circle_group_zone(struct circle_db *, long long, char **,
		    struct circle_err *);

/* series.c */
int		 circle_series_reconcile(struct circle_db *, long long,
		    long long, const char *, int, int, const char *const *,
		    size_t, struct circle_plan_result *, struct circle_err *);
char		*circle_series_exdates_json(const char *const *, size_t);

/* group.c */
int		 circle_group_upsert(struct circle_db *,
		    const struct circle_group_set *, long long *,
		    enum circle_outcome *,
		    struct circle_err *);

/* strmap.c: a string to id cache for imports. */
long long	*circle_strmap_find(struct circle_strmap *, const char *);
void		 circle_strmap_put(struct circle_strmap *, const char *,
		    long long);
void		 circle_strmap_free(struct circle_strmap *);

/* schema.c */
struct circle_migration {
	int		 version;
	const char	*sql;
};
extern const struct circle_migration	circle_migrations[];
extern const size_t			circle_nmigrations;

/* dump.c: 0 when every table is empty, else -1 "not empty; load only ...". */
int	circle_db_require_empty(struct circle_db *, struct circle_err *);

/*
 * The text of members and groups that every input path stores cleaned
 * (record.c's F_TEXT and F_NAME fields, through text.c's circle_text_clean, SQL's
 * circle_clean): NFC, white space squeezed; an optional field left blank
 * is none.  For rows written before it was (migration 8) and rows a dump
 * brings (dump.c).
 */
#define CIRCLE_SQL_CLEAN_NAMES \
	"UPDATE member SET (display_name, full_name, pronouns, emergency) = " \
	"(coalesce(nullif(circle_clean(display_name), ''), display_name), " \
	"nullif(circle_clean(full_name), ''), nullif(circle_clean(pronouns), " \
	"''), nullif(circle_clean(emergency), '')) WHERE display_name != " \
	"circle_clean(display_name) OR full_name != circle_clean(full_name) " \
	"OR pronouns != circle_clean(pronouns) OR emergency != " \
	"circle_clean(emergency);\n" \
	"UPDATE grp SET (name, location) = (coalesce(nullif(circle_clean(" \
	"name), ''), name), nullif(circle_clean(location), '')) WHERE name " \
	"!= circle_clean(name) OR location != circle_clean(location);\n"

/* yamlio.c: a small, capped YAML reader (no anchors or aliases). */
enum circle_ynode_type {
	CIRCLE_Y_SCALAR,
	CIRCLE_Y_SEQ,
	CIRCLE_Y_MAP
};

struct circle_ynode {
	enum circle_ynode_type	 type;
	char			*value;		/* owned: scalar text */
	struct circle_ynode	**items;	/* owned: seq items, or map
						   keys and values in turn */
	size_t			 nitems;
	size_t			 line;		/* 1-based */
	size_t			 column;	/* 1-based */
	int			 plain;		/* unquoted scalar */
};

#define CIRCLE_YAML_MAX_BYTES	(1024 * 1024)
#define CIRCLE_YAML_MAX_DEPTH	64
#define CIRCLE_YAML_MAX_NODES	200000

int		 circle_yaml_load(const char *, const char *, const char *,
		    struct circle_ynode **, struct circle_err *);
int		 circle_yaml_read(const char *, const char *, const char *,
		    char **, size_t *, struct circle_err *);
int		 circle_yaml_parse(const char *, size_t, const char *,
		    struct circle_ynode **, struct circle_err *);
void		 circle_ynode_free(struct circle_ynode *);
const struct circle_ynode *circle_ymap_get(const struct circle_ynode *,
		    const char *);

/* csvio.c: CSV reading through libcsv, with line numbers. */
struct circle_csv_row {
	char		**fields;	/* owned by the reader; valid until the
					   next row */
	size_t		 *lines;	/* line each field ended on */
	size_t		 nfields;
	size_t		 line;		/* line the row started on */
	size_t		 card;		/* a vCard file's card, from 1; 0 in
					   any other file */
};

struct circle_csv;
/* path ("-": stdin), name (in messages), encoding (NULL: UTF-8). */
struct circle_csv *circle_csv_open(const char *, const char *, const char *,
		    struct circle_err *);
/* 1 with a row, 0 at the end, -1 on error. */
int		 circle_csv_next(struct circle_csv *, struct circle_csv_row **,
		    struct circle_err *);
const char	*circle_csv_name(const struct circle_csv *);
void		 circle_csv_said(const struct circle_csv *, char *, size_t);
void		 circle_csv_close(struct circle_csv *);

/* A header an import knows (compared folded), and the field it names. */
struct circle_csv_field {
	const char	*header;
	int		 field;		/* the import's own, 0 to nfields - 1 */
};

/* How an import's file is to be read. */
struct circle_csv_opts {
	const char	*encoding;	/* --encoding; NULL: UTF-8 (a BOM says
					   otherwise) */
	const char	*date_order;	/* "mdy", "dmy", or NULL */
	const char	*sheet;		/* --sheet: a workbook's; NULL: its
					   first visible one */
};

/*
 * The bad cells of an import, kept to be told at once: the first
 * CIRCLE_BAD_MAX messages and how many there were.
 */
#define CIRCLE_BAD_MAX	50
struct circle_bad {
	char		**msg;		/* owned */
	size_t		  n;
	size_t		  total;
};

int		 circle_bad_keep(struct circle_bad *, struct circle_err *);
int		 circle_bad_end(struct circle_bad *, const char *,
		    const char *, char ***, size_t *, struct circle_err *);
void		 circle_bad_free(struct circle_bad *);
void		 circle_strv_move(char ***, size_t *, char ***, size_t *);

/*
 * An import's CSV front end: the file, its header row, which column holds
 * which of the import's fields, and the row being read.  The fields are
 * the import's (numbered from 0); how they are found and where a cell is
 * for an error is the reader's.
 */
struct circle_csv_reader {
	struct circle_csv	*csv;		/* owned */
	const char		*name;		/* the file, as errors name it */
	char			**header;	/* owned: the header row */
	size_t			 ncols;		/* columns in the header */
	size_t			 headerline;
	size_t			 titles;	/* lines above the header */
	int			*colfield;	/* owned: by column, a field, or
					   -1 (none), -2 (--map ...=ignore) */
	int			*fieldcol;	/* owned: by field, a column or -1 */
	size_t			 nfields;
	struct circle_csv_row	*row;		/* the row read, or NULL */
	enum circle_date_order	 order;		/* --date-order, or NONE */
	int			 order_config;	/* order is the config's */
	enum circle_date_order	 order_seen;	/* the order a cell showed */
	size_t			 order_line;	/* and where */
	char			 order_cell[32];
	struct circle_bad	 bad;		/* the bad cells so far */
	size_t			 serials;	/* date cells as Excel serials */
	char			 serial_at[200]; /* the first, said */
	const struct circle_date *near;	/* a date without a year is
					   the nearest to it (NULL: refused;
					   circle_csv_yearless) */
	struct circle_date	 near_day;
	size_t			 yearless;	/* date cells without a year */
	char			 yearless_at[200]; /* the first, said */
	char			*joined;	/* owned: circle_csv_name_joined's */
	int			 section;	/* 1: the table is a numbered
					   section's (csvsection.c), 2:
					   its end read */
	size_t			 notice;	/* the line of a report's notice
					   read under the table, or 0
					   (csvcols.c) */
	size_t			 company;	/* the row read is the one
					   taken as the company's name
					   under the notice of that line */
	unsigned char		*mapped;	/* owned: by column, 1 when --map
					   named it, or NULL */
	size_t			 again;		/* rows that were the header
					   again (csvio.c header_again) */
	size_t			 again_line;	/* the first's line */
	size_t			 subheader;	/* the line of a survey program's
					   second header row, passed over */
	int			 qualtrics;	/* the header is Qualtrics'
					   second row, its ids above it
					   and its ImportId row under
					   (subheader) left out */
	char			 qualtrics_tz[64]; /* the zone that row
					   gives its dates, or "" */
	char			 summary_start[64]; /* a meeting's summary's
					   start time, above the table
					   (csvsection.c), or "" */
	size_t			 summary_line;	/* and its line */
};

/* A date, perhaps with a time, from a cell (circle_csv_when_parse). */
struct circle_csv_when {
	char		 day[11];	/* YYYY-MM-DD */
	int		 has_time;
	int		 h, m, s;
	int		 zone;		/* a Z or an offset followed it */
	int		 offset;	/* and its minutes east of UTC */
	int		 yearless;	/* no year: the one nearest near */
};

void		 circle_csv_fold(const char *, char *, size_t);
void		 circle_csv_header_fold(const char *, char *, size_t);
char		*circle_csv_header_aside(const char *, int);
char		*circle_csv_header_question(const char *);
int		 circle_csv_header_asks(const char *);
int		 circle_csv_field_of(const struct circle_csv_field *, size_t,
		    const char *);
/* Opened with the header read, or -1 (a file with no row is an error). */
int		 circle_csv_reader_open(struct circle_csv_reader *,
		    const char *, const char *, const struct circle_csv_opts *,
		    size_t, const char *, struct circle_err *);
const char	*circle_text_bom(const unsigned char *, size_t, size_t *);
int		 circle_csv_find_header(struct circle_csv_reader *,
		    const struct circle_csv_field *, size_t, struct circle_err *);
const char	*circle_csv_section_title(const struct circle_csv_row *);
int		 circle_csv_section(struct circle_csv_reader *, const char *,
		    struct circle_err *);
int		 circle_csv_summary_skip(struct circle_csv_reader *,
		    struct circle_err *);
int		 circle_csv_subheader_skip(struct circle_csv_reader *,
		    struct circle_err *);
void		 circle_csv_give_back(struct circle_csv_reader *);
int		 circle_csv_header_next(struct circle_csv_reader *,
		    struct circle_err *);
void		 circle_csv_map_column(struct circle_csv_reader *, size_t,
		    int);
void		 circle_csv_map_headers(struct circle_csv_reader *,
		    const struct circle_csv_field *, size_t);
int		 circle_csv_column(const struct circle_csv_reader *,
		    const char *, size_t);
int		 circle_csv_map_spec(struct circle_csv_reader *, const char *,
		    int, struct circle_err *);
int		 circle_csv_mapped(const struct circle_csv_reader *, int);
int		 circle_csv_find_header_map(struct circle_csv_reader *,
		    const struct circle_csv_field *, size_t, const char *const *,
		    size_t, struct circle_err *);
void		 circle_csv_describe(const struct circle_csv_reader *,
		    const char *const *, char ***, size_t *);
/* 1 with r->row set, 0 at the end, -1 on error. */
int		 circle_csv_reader_next(struct circle_csv_reader *, int,
		    struct circle_err *);
const char	*circle_csv_value(const struct circle_csv_reader *, int);
const char	*circle_csv_get(const struct circle_csv_reader *, int);
#define CIRCLE_FORM_WHO		1	/* circle_csv_form_own */
#define CIRCLE_FORM_BOOK	2
int		 circle_csv_form_own(const struct circle_csv_reader *, size_t);
int		 circle_form_anonymous(const char *);
int		 circle_csv_form_anonymous(const struct circle_csv_reader *,
		    const char *);
int		 circle_csv_anonymous_at(const struct circle_csv_reader *, int,
		    struct circle_err *);
int		 circle_csv_totals_label(const char *);
int		 circle_csv_sheet_hint(const struct circle_csv_reader *,
		    struct circle_err *, int);
const char	*circle_csv_footer_row(struct circle_csv_reader *);
int		 circle_csv_footer_said(struct circle_csv_reader *, char ***,
		    size_t *);
int		 circle_csv_legend_said(struct circle_csv_reader *, char ***,
		    size_t *);
int		 circle_csv_totals_row(const struct circle_csv_reader *, int,
		    int, int);
int		 circle_totals_person(const char *, const char *,
		    const char *);
void		 circle_csv_name_halves(struct circle_csv_reader *, int, int,
		    int);
const char	*circle_csv_name_joined(struct circle_csv_reader *, int, int,
		    int *);
int		 circle_csv_book_1904(const struct circle_csv_reader *);
const char	*circle_csv_where(const struct circle_csv_reader *, int,
		    size_t *, size_t *);
int		 circle_csv_at(const struct circle_csv_reader *, int,
		    struct circle_err *);
int		 circle_at(struct circle_err *, const char *, size_t, size_t,
		    const char *);
int		 circle_csv_date_order(const char *, enum circle_date_order *,
		    int *, struct circle_err *);
int		 circle_csv_when_parse(const char *, enum circle_date_order,
		    int, const struct circle_date *, struct circle_csv_when *,
		    enum circle_date_order *, struct circle_err *);
void		 circle_csv_yearless(struct circle_csv_reader *);
int		 circle_csv_date(struct circle_csv_reader *, int,
		    struct circle_csv_when *, struct circle_err *);
int		 circle_csv_header_date(struct circle_csv_reader *, size_t,
		    struct circle_csv_when *, struct circle_err *);
int		 circle_csv_time(struct circle_csv_reader *, int, int *, int *,
		    struct circle_err *);
void		 circle_csv_notes(const struct circle_csv_reader *, char ***,
		    size_t *);
int		 circle_csv_tick(const char *);
int		 circle_csv_yesno(const char *, int *);
void		 circle_csv_header_zone(const struct circle_csv_reader *,
		    int, struct circle_csv_when *);
int		 circle_csv_when_day_in(const struct circle_csv_when *,
		    const char *, char [11]);
void		 circle_csv_reader_close(struct circle_csv_reader *);

/* callreport.c: a call's report's names with an aside, its times with
 * a zone, and its bots. */
void		 circle_call_zoom_host(struct circle_csv_reader *, int);
int		 circle_name_agrees(const char *, const char *, const char *);
int		 circle_name_other(struct circle_db *, long long, long long,
		    const char *, long long *, struct circle_err *);
int		 circle_name_aside(struct circle_db *, long long, const char *,
		    long long *, char *, size_t, struct circle_err *);
int		 circle_name_turned(struct circle_db *, long long, const char *,
		    long long *, char *, size_t, struct circle_err *);
/* importcell.c: "Lopez, Maria" as "Maria Lopez" (the caller frees). */
int		 circle_name_last_first(const char *, char **);
int		 circle_name_suffixed(const char *);
int		 circle_call_stamp_day(struct circle_db *, long long,
		    const struct circle_csv_reader *, int,
		    struct circle_csv_when *, struct circle_err *);
int		 circle_call_bbb(const struct circle_csv_reader *, int);
const char	*circle_call_bot(const char *);
const char	*circle_call_device(const char *);
int		 circle_call_two_names(const char *, char *, char *, size_t);
int		 circle_call_account(struct circle_db *, long long, long long,
		    const char *, const char *, long long *,
		    struct circle_err *);
int		 circle_call_two(struct circle_db *, long long, const char *,
		    long long *, char *, size_t, struct circle_err *);


/*
 * scope.c: what the reports and exports cover.  A scope is the groups and
 * local dates a report or export covers, bound the same way everywhere:
 * ?1 the group id (0: every group), ?2 and ?3 the first and last local
 * dates, ?4 and ?5 bounds on starts_at (UTC) a day wider than those dates.
 */
struct circle_scope {
	long long	 gid;		/* 0: every group */
	char		 from[11];	/* local dates, inclusive */
	char		 to[11];
	char		 lo[11];	/* starts_at >= lo */
	char		 hi[11];	/* starts_at < hi */
	int		 bounded;	/* from or to was given */
};

int		 circle_scope_dates(const char *, const char *,
		    struct circle_scope *, struct circle_err *);
int		 circle_scope_set(struct circle_db *, const char *, int,
		    const char *, const char *, struct circle_scope *,
		    struct circle_err *);
void		 circle_scope_bind(sqlite3_stmt *, const struct circle_scope *);

/* tally.c: a held session's attendances as every report counts them. */
long long	 circle_attendances(long long, long long);

/* report.c: the funder figures over a scope, and the check-in change
 * alone. */
int		 circle_funder_compute(struct circle_db *,
		    const struct circle_scope *, struct circle_funder *,
		    struct circle_err *);
int		 circle_funder_changes(struct circle_db *,
		    const struct circle_scope *, struct circle_funder *,
		    struct circle_err *);
int		 circle_funder_round(struct circle_db *, struct circle_funder *,
		    struct circle_err *);

/* text.c: a stable code for a person, from their uid. */
#define CIRCLE_PSEUDONYM_LEN	14	/* "P-XXXXX-XXXXX" and NUL */
void		 circle_pseudonym(const char *, char [CIRCLE_PSEUDONYM_LEN]);

/* export.c: the columns of an exported table: a CSV name, a title, a
 * kind. */
enum circle_xtype {
	CIRCLE_X_TEXT = 0,	/* user text: always a string */
	CIRCLE_X_INT,
	CIRCLE_X_REAL,
	CIRCLE_X_PCT,		/* a share, 0 to 1 */
	CIRCLE_X_DATE,		/* YYYY-MM-DD */
	CIRCLE_X_TIME,		/* HH:MM */
	CIRCLE_X_STAMP,		/* YYYY-MM-DDTHH:MM, local */
	CIRCLE_X_BOOL		/* 1 or 0 */
};

struct circle_xcol {
	const char		*name;		/* CSV header */
	const char		*title;		/* spreadsheet header */
	enum circle_xtype	 type;
	double			 width;		/* spreadsheet column width */
	const char		*key;		/* a question: "survey\tkey" */
};

/* A table's columns; dynamic names are owned by it. */
struct circle_xtable {
	struct circle_xcol	*cols;		/* owned */
	size_t			 ncols;
	char			**names;	/* owned: names made for it */
	size_t			 nnames;
};

void		 circle_xtable_add(struct circle_xtable *, const char *,
		    const char *, enum circle_xtype, double, const char *);
void		 circle_xtable_release(struct circle_xtable *);

/*
 * The attendance of one group over a scope, worked out as the expected
 * view defines it (a held session's active members and facilitators on
 * its date are expected; no mark is absent; a session with only a
 * headcount names no one) but from the group's rows in memory, so that
 * an export reads each row once.  Cells hold a mark and CIRCLE_CELL_EXP.
 */
enum circle_cell {
	CIRCLE_CELL_NONE = CIRCLE_MARK_NONE,
	CIRCLE_CELL_PRESENT = CIRCLE_MARK_PRESENT,
	CIRCLE_CELL_LATE = CIRCLE_MARK_LATE,
	CIRCLE_CELL_LEFT_EARLY = CIRCLE_MARK_LEFT_EARLY,
	CIRCLE_CELL_EXCUSED = CIRCLE_MARK_EXCUSED,
	CIRCLE_CELL_ABSENT = CIRCLE_MARK_ABSENT,
	CIRCLE_CELL_MARK = 0x07,
	CIRCLE_CELL_EXP = 0x08
};
#define CIRCLE_CELL_CAME(c) \
	circle_mark_came((enum circle_mark)((c) & CIRCLE_CELL_MARK))

/*
 * grid.c: the marks that count as came, in SQL, "('present', 'late',
 * 'left_early')", made from CIRCLE_MARKS (circle.h) as circle_mark_came is.
 */
#define CIRCLE_SQL_MARK_FIRST(k, s)	"'" s "'"
#define CIRCLE_SQL_MARK_NEXT(k, s)	", '" s "'"
#define CIRCLE_SQL_MARK_SKIP(k, s)
#define CIRCLE_SQL_CAME "(" CIRCLE_MARKS(CIRCLE_SQL_MARK_FIRST, \
	CIRCLE_SQL_MARK_NEXT, CIRCLE_SQL_MARK_SKIP) ")"

/*
 * A past session nothing was recorded for: still scheduled, no head count,
 * begun (session list --unrecorded, the agenda); s is the session.
 */
#define CIRCLE_SQL_UNRECORDED "(s.status = 'scheduled' AND s.headcount " \
	"IS NULL AND s.starts_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

struct circle_grid_session {
	long long	 id;
	char		 local_start[17];	/* YYYY-MM-DDTHH:MM */
	char		 starts_at[21];	/* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char		*status;	/* owned */
	char		*topic;		/* owned, may be NULL */
	long long	 headcount;	/* -1: none */
	long		 minutes;
	int		 held;
	int		 named;		/* held, and in the expected view */
	int		 unrecorded;	/* past, still scheduled */
	int		 col;		/* the matrix column, -1: none */
	int		 marks[6];	/* rows with each mark, by enum */
	int		 expected;
	int		 absent;	/* expected: no row, or absent */
	int		 came;		/* rows present, late, left early */
	char		*online_url;	/* owned, may be NULL: its link,
					   series' or group's (exports) */
};

struct circle_grid_person {
	long long	 id;
	char		*name;		/* owned */
	char		*handle;	/* owned */
	char		*pronouns;	/* owned, may be NULL */
	char		*status;	/* owned */
	char		*email;		/* owned, only with contacts */
	char		*phone;		/* owned, only with contacts */
	int		 consent;	/* -1 unknown */
	char		 code[CIRCLE_PSEUDONYM_LEN];
	/* As circle report attendance counts them. */
	int		 expected;
	int		 came;		/* expected, and came */
	int		 attended;	/* every time they came */
	int		 excused;
	int		 absent;
	int		 missed;	/* missed in a row */
	char		 last_seen[11];	/* "" for never */
	int		 shown;		/* expected or came */
	int		 active;	/* SQL_ACTIVE (report.h) */
};

struct circle_grid_member {
	size_t		 person;	/* index in pp */
	char		*role;		/* owned */
	char		 joined_on[11];
	char		 left_on[11];	/* "" while a member */
	int		 expects;	/* SQL_NOT_GUEST (report.h) */
};

struct circle_grid {
	long long			 gid;
	char				*handle;	/* owned */
	char				*name;		/* owned */
	struct circle_grid_session	*ss;		/* owned, by start */
	size_t				 nss;
	struct circle_grid_person	*pp;		/* owned, by name */
	size_t				 npp;
	struct circle_grid_member	*mm;		/* owned */
	size_t				 nmm;
	unsigned char			*cells;		/* owned: npp x nss */
	/* Check-in responses per session and survey key (keys given). */
	size_t				 nkeys;
	int				*nscores;	/* owned: nss x nkeys */
	double				*avg;		/* owned: nss x nkeys */
};

#define CIRCLE_GRID_CONTACTS	0x1	/* load email and phone */
#define CIRCLE_GRID_PSEUDONYMS	0x2	/* order people by code */

int		 circle_grid_groups(struct circle_db *,
		    const struct circle_scope *, long long **, size_t *,
		    struct circle_err *);
int		 circle_grid_keys(struct circle_db *,
		    const struct circle_scope *, char ***, size_t *,
		    struct circle_err *);
int		 circle_grid_load(struct circle_db *,
		    const struct circle_scope *, long long, int,
		    char *const *, size_t, struct circle_grid *,
		    struct circle_err *);
#define CIRCLE_GRID_BATCH	128	/* groups in one circle_grid_load_all */
struct circle_grid_marks;
int		 circle_grid_load_all(struct circle_db *,
		    const struct circle_scope *, int, const long long *,
		    size_t, size_t, size_t, struct circle_grid_marks **,
		    struct circle_grid **, struct circle_err *);
void		 circle_grid_marks_free(struct circle_grid_marks *);
void		 circle_grid_release(struct circle_grid *);
void		 circle_grid_compute(struct circle_grid *);
int		 circle_grid_sql(struct circle_db *,
		    const struct circle_scope *, long long, size_t, int,
		    char **, struct circle_err *);

/* Tables built on a grid, or on a query: columns, then rows. */
enum circle_xkind {
	CIRCLE_XT_MEMBERS,
	CIRCLE_XT_SESSIONS,
	CIRCLE_XT_ATTENDANCE,
	CIRCLE_XT_ROSTER,
	CIRCLE_XT_RESPONSES,
	CIRCLE_XT_FOLLOWUPS
};

/* Rows go to a callback: one value a column, NULL for none; -1 stops. */
typedef int	(*circle_xrow_fn)(void *, const char *const *);

int		 circle_xtable_cols(struct circle_db *,
		    const struct circle_scope *,
		    const struct circle_export_opts *, enum circle_xkind,
		    char *const *, size_t, struct circle_xtable *,
		    struct circle_err *);
int		 circle_grid_rows(const struct circle_grid *,
		    const struct circle_export_opts *, enum circle_xkind,
		    circle_xrow_fn, void *);
int		 circle_query_rows(struct circle_db *,
		    const struct circle_scope *,
		    const struct circle_export_opts *, enum circle_xkind,
		    const struct circle_xtable *, circle_xrow_fn, void *,
		    struct circle_err *);

/* text.c, for name.c: a UTF-8 sequence decoded; a character no text may
 * hold (CIRCLE_CTL_CR: a carriage return may). */
void		 circle_err_fit(struct circle_err *, size_t, int);
size_t		 circle_utf8_fit(const char *, size_t);
size_t		 circle_utf8_decode(const unsigned char *, size_t,
		    unsigned int *);
int		 circle_is_control(unsigned int, int);

/* twice.c: text saved as UTF-8 twice, through Windows-1252, found and
 * mended. */
int		 circle_cp1252_byte(unsigned int, int);
size_t		 circle_utf8_twice(const char *, size_t, size_t *, size_t *,
		    int *);
char		*circle_utf8_untwice(const char *, size_t, size_t *);
int		 circle_utf8_twice_letters(const char *, size_t);
size_t		 circle_utf8_twice_maybe(const char *, size_t, size_t *,
		    size_t *);

/* record.c: the command that reads a file a name names; NULL: a name. */
const char	*circle_name_file_reader(const char *);

/* name.c: names as stored, as matched and as ordered (ICU). */
char		*circle_text_clean(const char *);
char		*circle_text_clean_secret(const char *);
int		 circle_answer_bool(const char *, int *);
char		*circle_name_fold(const char *);
int		 circle_name_holds_last(const char *, const char *);
char		*circle_name_from_caps(const char *);
int		 circle_name_in_caps(const char *);
int		 circle_name_uncased(const char *);
int		 circle_name_first_same(const char *, const char *);
int		 circle_name_caps_of(const char *, const char *);
char		*circle_word_fold(const char *);
int		 circle_name_collate(const char *, int, const char *, int);
int		 circle_name_cmp(const char *, const char *);
int		 circle_is_ascii(const char *);
int		 circle_text_sql(sqlite3 *);
/* nameascii.c: a name as typed without its letters (Lukasz, Mueller). */
char		*circle_name_ascii(const char *, int);
int		 circle_name_ascii_is(const char *, const char *);
int		 circle_name_ascii_sql(sqlite3 *);
int		 circle_db_image_migrate(struct circle_db *, const char *,
		    unsigned char **, size_t *, struct circle_err *);
int		 circle_db_migrate_handle(sqlite3 *, int, int);

/* day.c: a date written in numbers, read by one rule on the command line
 * and in files (csvvalue.c). */
struct circle_date_nums {
	int	 a, b;		/* the numbers beside the year, as written:
				   12/23/2026 and 2026-12-23 are 12, 23 */
	int	 y;		/* the year, 0: none */
	int	 ny;		/* its digits, 0: none */
	int	 year_first;	/* 2026-12-23: month a, day b */
	char	 sep;
};
enum circle_date_said {
	CIRCLE_DATE_OK,
	CIRCLE_DATE_AMBIGUOUS,	/* both readings are dates: md, dm */
	CIRCLE_DATE_NOT_ORDER,	/* the order's reading (date) is none */
	CIRCLE_DATE_YEAR_LAST,	/* date-order ymd, the year last */
	CIRCLE_DATE_NONE	/* no reading is a date */
};
struct circle_date_reading {
	struct circle_date	 date;	/* the one taken, or the order's */
	struct circle_date	 md, dm; /* month first, day first */
	enum circle_date_order	 only;	/* the order only it reads in */
};
const char	*circle_date_nums(const char *, const char *,
		    struct circle_date_nums *);
enum circle_date_said circle_date_nums_read(const struct circle_date_nums *,
		    enum circle_date_order, const struct circle_date *,
		    struct circle_date_reading *);
/* day.c: a date with its month named (24 Nov 2026, Nov 24, 2026), perhaps
 * after its weekday; and two-digit years. */
struct circle_date_words {
	struct circle_date	 date;	/* as written, checked or not */
	int			 weekday; /* the weekday named, or -1 */
	int			 year;	/* a year was written */
};
enum circle_words_said {
	CIRCLE_WORDS_OK,
	CIRCLE_WORDS_NO_DAY,	/* no such day (31 November) */
	CIRCLE_WORDS_WEEKDAY,	/* the weekday named is not the date's */
	CIRCLE_WORDS_NO_YEAR	/* no year, and no today to take it from */
};
const char	*circle_date_words(const char *, const struct circle_date *,
		    struct circle_date_words *, enum circle_words_said *);
int		 circle_date_words_said(const char *,
		    const struct circle_date_words *, enum circle_words_said,
		    struct circle_date *, struct circle_err *);
int		 circle_year_of_two(int);
int		 circle_date_serial(const char *, struct circle_date *, int *,
		    int *, int *);
/* day.c, dayrel.c, daylocale.c: the parts of a day as said, shared. */
const char	*circle_digits_at(const char *, int, int *, int *);
size_t		 circle_word_at(const char *, char *, size_t);
int		 circle_day_in_words(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_err *);
int		 circle_day_relative(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_err *);
void		 circle_month_of(const struct circle_date *, int, int *, int *);
int		 circle_part_year(const struct circle_day_ctx *, int, int);
int		 circle_day_period(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_date *, const char **);
int		 circle_day_weekday(const char *, const struct circle_day_ctx *,
		    struct circle_date *);
int		 circle_week_first_day(void);
int		 circle_month_in_locale(const char *, size_t);
/* dayrel.c: how many, as said (2, two, a); recur.c's counts too. */
const char	*circle_amount(const char *, int *);
/* day.c: what is typed tidied (blanks, a mark at the end), and an error of
 * it said of what was typed. */
char		*circle_day_tidy(const char *);
void		 circle_err_as_typed(struct circle_err *, const char *,
		    const char *);
int		 circle_weekday_foreign(const char *, size_t, const char **);
int		 circle_day_locale_weekday(const char *);
int		 circle_day_locale_parse(const char *, int,
		    const struct circle_day_ctx *, struct circle_date *,
		    struct circle_err *);
int		 circle_day_word_foreign(const char *, int *, const char **);
int		 circle_weekday_foreign_in(const char *, char [64],
		    const char **);
void		 circle_weekend(int *, int *);
int		 circle_month_word(const char *, const char **);
const char	*circle_day_named(const char *, char [64]);
int		 circle_day_vague(const char *, struct circle_err *);
int		 circle_month_foreign_in(const char *, char [64],
		    const char **);
const char	*circle_month_day(const char *, int *);
int		 circle_day_phrase(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_err *);
/* dayperiod.c: quarters, a year alone, to date, two ends joined. */
void		 circle_quarter_ends(int, int, struct circle_date *,
		    struct circle_date *);
int		 circle_day_period_more(const char *,
		    const struct circle_day_ctx *, struct circle_date *,
		    struct circle_date *, const char **);
void		 circle_day_begun(const char *,
		    const struct circle_day_ctx *, struct circle_date *);
int		 circle_day_ends(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_date *,
		    struct circle_err *);
int		 circle_day_fiscal(const char *, struct circle_err *);
int		 circle_day_week(const char *, const struct circle_day_ctx *,
		    struct circle_date *, struct circle_date *, int *,
		    struct circle_err *);

/* written.c: inside forget's transaction, the record lets go of them. */
int		 circle_written_forget(struct circle_db *,
		    const struct circle_member *, struct circle_err *);

/*
 * The network row that makes a file an extract (the time it was made):
 * written by extract.c, wanted by a merge, refused by db load.
 */
#define CIRCLE_NET_EXTRACTED	"extracted_at"

/* extract.c: a new circle database in memory, as db's schema makes it. */
int		 circle_memdb_new(struct circle_db *, unsigned char *,
		    size_t, sqlite3 **, struct circle_err *);
int		 circle_db_application_id(struct circle_db *);
unsigned long	 circle_db_header_u32(const unsigned char *);

/*
 * pagesum.c: a plain extract's page sums, in each page's reserved bytes;
 * the network key that says the file has them.
 */
#define CIRCLE_PAGESUM_BYTES	8
#define CIRCLE_NET_PAGESUMS	"page_sums"
unsigned long	 circle_pagesum_lock_page(size_t);
unsigned long	 circle_pagesum_pages(unsigned char *, size_t, size_t,
		    unsigned long, unsigned long, int);
int		 circle_image_cut_short(const char *, const unsigned char *,
		    size_t, struct circle_err *);
int		 circle_pagesum_check(const unsigned char *, size_t,
		    unsigned long *);
int		 circle_pagesum_file(const char *, const char *,
		    struct circle_err *);

#endif /* CIRCLE_PRIV_H */
