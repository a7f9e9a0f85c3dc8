/*
 * icsimport.h: the iCalendar import in parts, and what they share.
 * icslex.c splits the file into content lines, events and zones;
 * icszone.c names their zones, by their offsets (icsoffsets.c), a
 * display name's in icsdisplay.c;
 * icsread.c says what each event means, icsexpand.c the sessions it
 * gives; icsimport.c writes the sessions, icsoverride.c the overrides;
 * icsfile.c reads the file.
 * Included after circle-priv.h, by those files only.
 */
#ifndef CIRCLE_ICSIMPORT_H
#define CIRCLE_ICSIMPORT_H

#include <libical/ical.h>
#include <unicode/ucal.h>

enum { EV_SINGLE, EV_MASTER, EV_OVERRIDE };

/* A time as the file gives it. */
struct when {
	char	 local[17];	/* YYYY-MM-DDTHH:MM, in tzid */
	char	 tzid[65];	/* "UTC"; "" for floating and dates */
	int	 wr;		/* floating, in the X-WR-TIMEZONE (tzid) */
	int	 date;		/* a DATE: the day, no time */
	int	 set;
};

struct prop {
	icalproperty	*p;		/* owned */
	size_t		 line;
	size_t		 col;		/* of TZID=, else 1 */
};

/* A TZID is shown in messages this many columns at most, cut between
 * characters (circle_utf8_cut): Windows' display names run to 80. */
#define TZID_COLUMNS	96
/* The longest TZID of a VTIMEZONE matched, in bytes. */
#define TZID_MAX	255

/* An event's minutes when its DURATION is under a minute: no length. */
#define DURATION_NONE	(-1)

struct event {
	size_t		 line;		/* of BEGIN:VEVENT */
	int		 cal;		/* the VCALENDAR it is in, from 0 */
	struct prop	*props;		/* owned */
	size_t		 nprops;
	char		*problem;	/* owned: the first, "file:line:col: " */
	int		 advised;	/* it says what to do (a bad byte) */
	char		*unfit;		/* owned: why it is no session */
	int		 kind;
	char		*uid;		/* owned */
	struct when	 start;
	struct when	 rid;
	struct when	 end;
	int		 minutes;	/* DURATION, 0, or DURATION_NONE */
	size_t		 empty_len;	/* line of an empty DTEND or DURATION */
	const char	*empty_len_name; /* static: which */
	char		*rrule;		/* owned, NULL: none */
	char		**xrules;	/* owned: RRULEs after the first */
	size_t		 nxrules;
	struct when	*ex;		/* owned */
	size_t		 nex;
	struct when	*rdate;		/* owned */
	int		*rdmin;		/* owned: an RDATE PERIOD's minutes, or 0 */
	size_t		 nrdate;
	int		 cancelled;
	int		 sequence;
	char		*location;	/* owned, cleaned */
	char		*topic;		/* owned, cleaned */
	char		*summary;	/* owned, as written (--match) */
	char		*link;		/* owned: its online meeting, or NULL */
	int		 link_from;	/* where it was found (icsread.c) */
	struct event	*master;	/* an override's, in the file */
	struct event	**overrides;	/* owned: a master's */
	size_t		 noverrides;
	int		 skip;		/* left out (--skip-bad) */
	int		 cancel_only;	/* bad, but an override that cancels */
	int		 future;	/* RANGE=THISANDFUTURE */
	int		 allday;	/* X-MICROSOFT-CDO-ALLDAYEVENT:TRUE */
	int		 place_online;	/* its LOCATION only named its
					   online meeting (icslink.c) */
};

/* The session a calendar event describes. */
struct want {
	char	 local[17];
	char	 tzid[65];
	char	 starts[21];
	char	 ends[21];
	int	 cancelled;
	const char *location;		/* borrowed; NULL: the default */
	const char *topic;
	const char *online_url;
	const char *rid;		/* a new recurrence_id, or NULL */
};

/* A list of strings, NULL-terminated. */
struct strv {
	char	**v;		/* owned */
	size_t	  n;
};

struct zone_alias {
	int	 cal;			/* the VCALENDAR it is in */
	size_t	 line;			/* of its BEGIN:VTIMEZONE */
	char	*tzid;			/* owned: as the file names it */
	char	*location;		/* owned: its X-LIC-LOCATION, or NULL */
	char	*text;			/* owned: its lines, unfolded */
};

/* What one VCALENDAR of the file says of all its events. */
struct calendar {
	int		 cancel;	/* METHOD:CANCEL */
	char		*wrtz;		/* owned: its X-WR-TIMEZONE, or NULL */
	const char	*floating;	/* the zone its floating times are in;
					   NULL: the group's */
	int		 floating_read;	/* floating is known */
};

/* A TZID as icszone.c read it, kept for the rest of the import. */
struct zone_map {
	int	 cal;			/* the VCALENDAR it is read in */
	char	*tzid;			/* owned: as the file names it */
	char	*zone;			/* owned: the IANA zone, or NULL */
	char	*why;			/* owned: why none, or NULL */
};

/* One import: the file as read, and the group it goes to. */
struct imp {
	struct circle_db		*db;
	const char			*name;
	const struct circle_ics_import_opts *o;
	struct circle_ics_import_result	*r;
	struct event			*ev;
	size_t				 nev;
	struct zone_alias		*zones;
	size_t				 nzones;
	int				 ncal;		/* VCALENDARs */
	int				 cal;		/* the one read now */
	struct calendar			*cals;		/* owned: by calendar */
	char				*wrtz;		/* owned: X-WR-TIMEZONE */
	struct zone_map			*tzmap;		/* owned: TZIDs read */
	size_t				 ntzmap;
	int				 zone_used;	/* --zone taken */
	char				**pre;		/* notes before writing */
	size_t				 npre;
	/* Habits of invalid files, said once an import (icsread.c). */
	size_t				 zoned_z;	/* TZID=X:...Z times */
	size_t				 zoned_z_line;	/* the first */
	char				 zoned_z_name[16];
	char				 zoned_z_tzid[65];
	size_t				 float_until;	/* floating UNTILs */
	size_t				 float_until_line;
	size_t				 count_until;	/* RRULEs with both */
	size_t				 count_until_line;
	size_t				 count_zero;	/* RRULEs of COUNT=0 */
	size_t				 count_zero_line;
	size_t				 no_uid;	/* events without */
	size_t				 no_uid_line;
	size_t				 no_length;	/* DTEND at DTSTART */
	size_t				 no_length_line;
	char				 no_length_what[32]; /* the first's */
	/* The group, filled in the transaction. */
	long long			 gid;
	char				*gtz;		/* owned */
	char				*gloc;		/* owned */
	char				*gurl;		/* owned */
	char				*ghandle;	/* owned */
	int				 gduration;
	char				 until[11];
	char				 now[21];
	size_t				 made;		/* sessions so far */
	double				 spent;		/* expanding */
	int				 changed;
};

/* icslex.c */
/* Where an event's online link is read from, the first found best. */
enum {
	LINK_TEAMS = 1,		/* X-MICROSOFT-SKYPETEAMSMEETINGURL */
	LINK_CONFERENCE,	/* RFC 7986 */
	LINK_GOOGLE,		/* X-GOOGLE-CONFERENCE */
	LINK_URL,
	LINK_LOCATION,		/* a LOCATION that is only a link (Zoom) */
	LINK_DESCRIPTION	/* a meeting service's link in the text */
};
int		 circle_ics_offer_link(struct imp *, struct event *,
		    const struct prop *, const char *, int, int);
void		 circle_ics_description_link(struct imp *, struct event *,
		    const struct prop *, const char *);
int		 circle_ics_location_link(struct imp *, struct event *,
		    const struct prop *);
int		 circle_ics_read_x(struct imp *, struct event *,
		    const struct prop *);
void		 circle_ics_online_places(struct imp *);
int		 circle_ics_invitation_line(const char *, size_t);
int		 circle_ics_greeting_line(const char *, size_t);
char		*circle_ics_clean_text(struct imp *, const struct prop *,
		    const char *, int);
void		 circle_ics_problem(struct imp *, struct event *, size_t,
		    size_t, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
int		 circle_ics_error(struct imp *, size_t, size_t,
		    struct circle_err *, const char *, ...)
		    __attribute__((format(printf, 5, 6)));
int		 circle_ics_lex(struct imp *, const char *, size_t,
		    struct circle_err *);

/* icstwice.c */
void		 circle_ics_twice_read(struct imp *, const char *, size_t,
		    char **, size_t *);

/* icszone.c */
const char	*circle_ics_zone(struct imp *, const char *, const char **);
void		 circle_ics_zones_free(struct imp *);

/* icsread.c */
int		 circle_ics_read(struct imp *, const char *, size_t,
		    struct circle_err *);
void		 circle_ics_note(char ***, size_t *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
void		 circle_ics_event_free(struct event *);
size_t		 circle_ics_line_of(struct event *, icalproperty_kind);
int		 circle_ics_bounded(const struct event *);
const char	*circle_ics_series_zone(const struct imp *,
		    const struct event *);
void		 circle_ics_at_time_of(struct when *, const struct when *);
int		 circle_ics_when_local(const struct when *, const char *,
		    const char *, char[17]);
char		*circle_ics_event_name(const struct event *);
char		*circle_ics_event_said(const struct event *);
void		 circle_ics_when_shown(const struct when *, int, char *, size_t);
void		 circle_ics_note_habits(struct imp *);
void		 circle_ics_unmatched(struct imp *);
void		 circle_ics_titles(struct imp *);
char		*circle_ics_no_length(const struct event *, const char *);
int		 circle_ics_event_minutes(const struct event *, const char *,
		    int, int *);

/* icsexpand.c */
int		 circle_ics_within(const char *, const char *);
int		 circle_ics_want(struct event *, const char *, int,
		    struct want *, struct circle_err *);
void		 circle_ics_strv_init(struct strv *);
void		 circle_ics_strv_drop(struct strv *);
void		 circle_ics_strv_add(struct strv *, const char *);
void		 circle_ics_exdates(const struct event *, const char *,
		    struct strv *);
int		 circle_ics_occurrences(struct imp *, struct event *,
		    const char *, const char *, struct strv *, const char *,
		    struct strv *, struct circle_err *);

/* icsimport.c: the sessions written, and what the overrides share. */
/* A session row, before and after. */
struct srow {
	long long	 id;
	char		*rid;		/* owned */
	char		*starts;	/* owned */
	char		*ends;		/* owned */
	char		*local;		/* owned */
	char		*tzid;		/* owned */
	char		*status;	/* owned */
	char		*location;	/* owned */
	char		*topic;		/* owned */
	char		*online_url;	/* owned */
	int		 sequence;
	int		 recorded;
	long long	 grp_id;
	long long	 series_id;
};

/* What one event changed, added to the result when it succeeds. */
struct tally {
	size_t	added;
	size_t	updated;
	size_t	removed;
	size_t	unchanged;
	size_t	undone;		/* the series' updates put back */
	int	changed;
};

#define SROW_COLUMNS "s.id, s.recurrence_id, s.starts_at, s.ends_at, " \
	"s.local_start, s.tzid, s.status, s.location, s.topic, s.sequence, " \
	"s.status = 'held' OR s.status = 'not_held' OR NOT " \
	CIRCLE_SESSION_UNRECORDED ", s.grp_id, coalesce(s.series_id, 0), " \
	"s.online_url"

/* A series as the overrides of its occurrences see it. */
struct sinfo {
	long long	 id;
	const char	*tz;
	int		 duration;
	const char	*location;	/* what a session inherits */
	const char	*topic;
	const char	*online_url;
	const char	*through;
	struct srow	*snap;		/* its sessions before, by rid */
	size_t		 nsnap;
	int		 alone;		/* not in the file: an override's
					   session is counted here */
};

void		 circle_ics_srow_free(struct srow *);
void		 circle_ics_srow_read(sqlite3_stmt *, struct srow *);
int		 circle_ics_srow_get(struct circle_db *, const char *,
		    long long, const char *, struct srow *, struct circle_err *);
const char	*circle_ics_own_text(const char *, const char *);
int		 circle_ics_by_rid(const void *, const void *);
int		 circle_ics_update_from_event(struct imp *, struct event *,
		    const struct srow *, const struct srow *,
		    const struct want *, int, struct tally *,
		    struct circle_err *);

/* icsoverride.c */
int		 circle_ics_override(struct imp *, const struct sinfo *,
		    struct event *, struct tally *, struct circle_err *);
int		 circle_ics_period(struct imp *, const struct sinfo *,
		    struct event *, size_t, struct tally *,
		    struct circle_err *);
int		 circle_ics_future(struct imp *, const struct sinfo *,
		    struct event *, const struct strv *, struct tally *,
		    struct circle_err *);
int		 circle_ics_restore(struct imp *, const struct sinfo *,
		    struct event *, const struct strv *, struct tally *,
		    struct circle_err *);

/* icsoffsets.c */
#define MAX_ONSETS	5000		/* of one VTIMEZONE's observances */

/* A zone's offset from UTC, in seconds, over [start, end). */
struct step {
	long long	 at;		/* seconds since 1970, UTC */
	int		 from;
	int		 to;
};

struct offsets {
	long long	 start, end;
	int		 first;		/* the offset at start */
	struct step	*step;		/* owned: changes after start */
	size_t		 n;
};

long long	 circle_ics_wall_seconds(struct icaltimetype);
void		 circle_ics_offsets_release(struct offsets *);
void		 circle_ics_offsets_add(struct offsets *, long long, int, int);
long long	 circle_ics_offsets_apart(const struct offsets *,
		    const struct offsets *);
int		 circle_ics_vtimezone_offsets(const char *, struct offsets *);
const struct zone_alias *circle_ics_vtimezone_other(const struct imp *,
		    const struct zone_alias *, long long, long long);
int		 circle_ics_zone_offsets(const char *, int, struct offsets *);
int		 circle_ics_zone_standard(const char *, int);

/* icszone.c: what icsdisplay.c shares of it */
void		 circle_ics_zone_uchars(const char *, UChar *, int32_t);
UCalendar	*circle_ics_zone_calendar(const char *);
long long	 circle_ics_iana_apart(const char *, const struct offsets *);
char		*circle_ics_windows_name(const char *);
int		 circle_ics_iana_golden(const char *, const char *);
int		 circle_ics_city_in(const char *, const char *);
void		 circle_ics_imported_span(const struct imp *, const char *,
		    long long *, long long *);

/* icsdisplay.c */
char		*circle_ics_display_zone(struct imp *, const char *, char **);
int		 circle_ics_standard_is(const char *, int);

#endif
