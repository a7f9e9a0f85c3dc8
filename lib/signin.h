/*
 * signin.h: what signin.c (a sign-in sheet's rows) and signprinted.c (the
 * sheet circle prints, typed back: its When row) share.
 */
#ifndef SIGNIN_H
#define SIGNIN_H

enum { C_DATE, C_TIME, C_SESSION, C_GROUP, C_HANDLE, C_NAME, C_EMAIL,
    C_STATUS, C_NOTE, C_STAMP, C_SIGNED, C_FIRST, C_LAST, C_WAITING,
    C_NCOLS };

/* A row of the sheet that marked someone marked before it. */
struct seen_row {
	size_t		 line;
	const char	*mark;		/* borrowed: a word of attend.c's */
	char		*note;		/* owned, or NULL */
};

struct sheet {
	const struct circle_import_opts	*o;
	struct circle_attend_result	*r;
	struct circle_csv_reader	 in;		/* the sheet */
	struct circle_strmap		 groups, sessions, members;
	unsigned			*lines;		/* owned: the line of
							   each row added, by
							   id from first */
	size_t				 nlines;
	struct circle_strmap		 rows;		/* "session:member" to
							   an index of seen */
	struct seen_row			*seen;		/* owned */
	size_t				 nseen;
	json_t				*held;		/* session ids made held */
	char				*batch;
	long long			 first;		/* attendance id before */
	char				 now[21];	/* one time for all */
	char				 when[17];	/* the printed sheet's
							   session, or "" */
	long long			 fixed_id;	/* --session's, or 0 */
	long long			 fixed_gid;
	char				 fixed[17];	/* its local start */
	char				 stamp_day[40];	/* the row's stamp's
							   day, as read */
	char				 summary_day[11]; /* a call report's
							   summary's, for rows
							   with no stamp */
	char				**days;		/* owned: a register's,
							   by column: the day
							   (and time) its
							   header is, or NULL */
	size_t				 ndays;		/* columns in days */
	unsigned char			*day_bad;	/* by column: its
							   session refused */
	const char			*day;		/* the column's, while
							   its cell is read */
	int				 who_bad;	/* the row's person
							   refused */
	int				 bbb;		/* BigBlueButton's */
	int				 arrival_said;	/* a Time column read
							   as arrivals, said */
	size_t				 totals;	/* totals rows passed
							   over */
	size_t				 totals_line;	/* the first */
	int				 checked_in;	/* an Eventbrite row
							   "Checked In" read */
	size_t				 attending;	/* rows "Attending"
							   marked absent */
	size_t				 attending_line; /* the first */
	size_t				 attending_unknown; /* of them, of
							   no one: no mark */
	struct circle_err		 attending_err;	/* the first's, kept
							   if none checked in */
	/* --walk-ins (signwalkin.c) */
	long long			 at_id;		/* the row's session */
	long long			 at_gid;	/* and its group */
	const char			*mark;		/* the row's mark */
	int				 probe;		/* a row not signed:
							   its name a walk-in's
							   only when no one's */
	struct circle_strmap		 walkins;	/* ids the sheet added
							   to the roster */
	int				 file_day_said;	/* a stamp's day from
							   the file's name */
};

int	circle_signin_printed(struct sheet *, struct circle_err *);
/* signsession.c */
int	circle_signin_session(struct circle_db *, struct sheet *,
	    struct circle_target *, struct circle_err *);
/* signwalkin.c */
int	circle_signin_walkin(struct circle_db *, struct sheet *, const char *,
	    const char *, int, long long *, struct circle_err *);
int	circle_signin_walked(struct sheet *, long long);
int	circle_signin_walkin_join(struct circle_db *, struct sheet *,
	    long long, struct circle_err *);
/* signticket.c */
int	circle_signin_ticket(struct sheet *, const char **);
int	circle_signin_tickets_end(struct sheet *, struct circle_err *);
int	circle_signin_ticket_unknown(struct sheet *, struct circle_err *);

#endif
