/*
 * attend.h: attendance internals shared by marking (attend.c) and the
 * sign-in sheet import (signin.c).
 */
#ifndef CIRCLE_ATTEND_H
#define CIRCLE_ATTEND_H

#include <jansson.h>

/* The session a command records on, refused when it cannot be. */
struct circle_target {
	long long	 id;
	long long	 gid;
	char		*uid;		/* owned */
	char		*status;	/* owned: before this command */
	char		 day[11];	/* local date */
};

void	 circle_target_release(struct circle_target *);
int	 circle_target_get(struct circle_db *, const char *, const char *,
	    int, struct circle_target *, struct circle_err *);
int	 circle_session_make_held(struct circle_db *, long long,
	    struct circle_err *);
int	 circle_attend_log(struct circle_db *, const char *, const char *,
	    const char *, json_t *, struct circle_err *);
int	 circle_attend_mark_one(struct circle_db *,
	    const struct circle_target *, const char *, long long,
	    const char *, const char *, int *, struct circle_err *);
int	 circle_walkin_join(struct circle_db *, const struct circle_target *,
	    long long, struct circle_err *);
int	 circle_walkin_add(struct circle_db *, const struct circle_target *,
	    const char *, const char *, int, long long *, int *,
	    struct circle_err *);
int	 circle_attend_joined_at(struct circle_db *,
	    const struct circle_target *, const long long *, size_t,
	    struct circle_attend_result *, struct circle_err *);
int	 circle_attend_joined_later(struct circle_db *, long long, long long,
	    const char *, const unsigned *, size_t,
	    struct circle_attend_result *, struct circle_err *);

#endif
