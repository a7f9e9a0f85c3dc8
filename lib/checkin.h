/*
 * checkin.h: check-in internals shared by taking (checkin.c), follow-ups
 * (followup.c), the form import (checkinimport.c) and the reports
 * (checkinreport.c).
 */
#ifndef CIRCLE_CHECKIN_H
#define CIRCLE_CHECKIN_H

/* Where a response is being saved. */
struct circle_place {
	long long		 session_id;
	char			*session_uid;	/* owned */
	char			*starts_at;	/* owned: UTC */
	char			 day[11];	/* local date */
	long long		 member_id;	/* 0: anonymous */
	char			*member_uid;	/* owned */
	char			*handle;	/* owned */
};

/* What saving a response did. */
struct circle_saved {
	enum circle_outcome state;	/* CIRCLE_UPDATED: replaced */
	long long	 id;
	int		 has_score;
	double		 score;
	long long	**opened;	/* appended to */
	size_t		*nopened;
	size_t		 withdrawn;
};

/* The filter's ids, resolved once: 0 where not given. */
struct circle_checkin_ids {
	long long	gid, sid, mid;
};

/* checkin.c */
void	 circle_place_release(struct circle_place *);
int	 circle_place_session(struct circle_db *, long long,
	    struct circle_place *, struct circle_err *);
int	 circle_place_member(struct circle_db *, long long, int,
	    struct circle_place *, struct circle_err *);
void	 circle_answers_free(struct circle_answer *, size_t);
int	 circle_response_save(struct circle_db *,
	    const struct circle_survey *, const struct circle_place *,
	    const struct circle_answer *, const char *, struct circle_saved *,
	    struct circle_err *);

/* followup.c */
int	 circle_followups_raise(struct circle_db *,
	    const struct circle_survey *, const struct circle_place *,
	    long long, const struct circle_answer *, int, double,
	    long long **, size_t *, size_t *, struct circle_err *);
void	 circle_followup_hooks(struct circle_db *, const long long *,
	    size_t, struct circle_hook_report **, size_t *);

/* checkinreport.c */
int	 circle_checkin_filter_ids(struct circle_db *,
	    const struct circle_checkin_filter *, struct circle_checkin_ids *,
	    struct circle_err *);
void	 circle_checkin_filter_bind(sqlite3_stmt *,
	    const struct circle_checkin_filter *,
	    const struct circle_checkin_ids *);
int	 circle_checkin_rows(struct circle_db *, sqlite3_stmt *, int,
	    void (*)(void *, const char *const *), void *,
	    struct circle_err *);

#endif
