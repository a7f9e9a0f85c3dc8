/*
 * roster.h: roster internals shared with import.c.
 */
#ifndef CIRCLE_ROSTER_H
#define CIRCLE_ROSTER_H

#include "record.h"

extern const struct circle_field	circle_member_fields[];
extern const size_t			circle_nmember_fields;

/* circle_member_insert() flags */
#define MEMBER_EMAIL_CHECKED	0x1	/* the caller looked the email up */
#define MEMBER_NO_LOG		0x2	/* the caller logs the add itself */
#define MEMBER_NORMALISED	0x4	/* values went through field_norm */

char		*circle_member_new_handle(struct circle_db *, const char *,
		    struct circle_err *);
int		 circle_member_insert(struct circle_db *,
		    const struct circle_member_set *, const char *, int,
		    long long *, struct circle_err *);
long long	 circle_member_by_email(struct circle_db *, const char *,
		    long long, char **, struct circle_err *);
int		 circle_member_named_already(struct circle_db *, const char *,
		    const char *, struct circle_err *);
int		 circle_member_by_name(struct circle_db *, const char *,
		    char **, struct circle_err *);
/* Today in a group's zone, asked of ICU once per group in a write. */
int		 circle_group_today(struct circle_db *, long long, char [11],
		    struct circle_err *);
int		 circle_membership_add(struct circle_db *, long long,
		    long long, const char *, const char *, int *,
		    struct circle_err *);
int		 circle_membership_join(struct circle_db *, long long,
		    long long, const char *, const char *, int, int *,
		    char [11], struct circle_err *);
/* Inside a write: a person and every row about them gone (forget). */
int		 circle_member_erase(struct circle_db *, long long,
		    const char *, struct circle_err *);

#endif
