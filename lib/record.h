/*
 * record.h: fields and references shared by groups and members (record.c).
 */
#ifndef CIRCLE_RECORD_H
#define CIRCLE_RECORD_H

#include <stddef.h>

enum circle_field_kind {
	F_TEXT,		/* one line */
	F_NAME,		/* one line, a person's or group's name */
	F_NOTES,	/* may hold newlines */
	F_HANDLE,
	F_EMAIL,
	F_PHONE,
	F_URL,
	F_DATE,
	F_BOOL,
	F_TZ,
	F_MINUTES
};

struct circle_field {
	const char		*name;		/* as users and logs say it */
	const char		*column;
	enum circle_field_kind	 kind;
	size_t			 max;		/* bytes */
	int			 required;
	size_t			 off;		/* in the *_set struct */
};

struct circle_lookup {
	const char	*table;
	const char	*name_col;
	const char	*what;		/* "member", "group" */
	const char	*fold_col;	/* name_col folded, kept; or NULL */
	const char	*alt_col;	/* another name, tried last (a person's
					   legal name); or NULL */
};

int	 circle_field_norm(const struct circle_field *, const char *, char **,
	    struct circle_err *);
int	 circle_record_update(struct circle_db *, const char *, long long,
	    const struct circle_field *, size_t, const void *, char **,
	    struct circle_err *);
char	*circle_record_detail(const struct circle_field *, size_t,
	    const void *);
int	 circle_record_resolve(struct circle_db *, const struct circle_lookup *,
	    const char *, long long *, struct circle_err *);
int	 circle_record_resolve_in(struct circle_db *,
	    const struct circle_lookup *, const char *, long long, const char *,
	    long long *, struct circle_err *);
char	*circle_record_unique_handle(struct circle_db *, const char *,
	    const char *, long long, struct circle_err *);

#endif
