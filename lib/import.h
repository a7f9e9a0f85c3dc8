/*
 * import.h: what import.c and importcell.c share: a person as read from a
 * roster file and the import it belongs to.
 */
#ifndef CIRCLE_IMPORT_H
#define CIRCLE_IMPORT_H

/*
 * What a column can hold: the member fields by their index in
 * circle_member_fields (0 to 9), then these.
 */
enum {
	X_FIRST = 10,
	X_LAST,
	X_PREFERRED,
	X_GROUP,
	X_ROLE,
	X_JOINED,
	X_STATUS,
	X_OPTOUT,
	X_CLEANED,
	X_IGNORE,
	X_NFIELDS
};

/* One person as read from the file, whatever its format. */
struct person {
	const char	*val[X_NFIELDS];	/* by field */
	size_t		 line[X_NFIELDS];
	size_t		 col[X_NFIELDS];
	const char	*hdr[X_NFIELDS];	/* a CSV column's header */
	size_t		 rowline;
	size_t		 card;			/* a vCard's card, or 0 */
	char		 day[2][11];		/* consent_on, joined: read */
	char		 addr[256];		/* an email's address alone */
	char		 bare[256];		/* a name without pronouns */
	char		 pron[64];		/* the pronouns after it */
	int		 pron_kept;		/* left in the name: they
						   differ from the row's own */
	int		 cleaned;		/* Mailchimp's CLEAN_TIME */
};

struct import {
	const struct circle_import_opts	*o;
	struct circle_import_result	*r;
	long long			 gid;	/* --group, or 0 */
	long long			 maxid;	/* members before: newer are ours */
	struct circle_strmap		 seen;	/* member id: line */
	struct circle_strmap		 groups; /* a group cell's part: id */
	struct circle_csv_reader	 in;	/* a CSV roster */
	struct circle_bad		 bad;	/* the bad cells so far */
	enum circle_date_order		 order;	/* --date-order */
	int				 order_config; /* the config's */
	struct circle_strmap		 answers; /* consent answers noted */
	size_t				 turned;  /* names read Last, First */
	size_t				 noname;  /* rows with no name */
	int				 more_values; /* " ::: " noted */
	int				 addr_said; /* an address alone noted */
	int				 pron_said; /* pronouns in a name noted */
	char				*turned_at; /* owned: the first, said */
	size_t				 recased; /* names in capitals */
	char				*recased_at; /* owned: the first, said */
	size_t				 cleaned; /* emails that bounced */
	size_t				 cleaned_at; /* the first's line */
	char				*cleaned_who; /* owned: the first
						   few's handles */
	size_t				 bare;	/* phones of digits alone */
	char				*bare_at; /* owned: the first, said */
	int				 nanp;	/* digits alone are whole in a row
					   of no group: circle_import_nanp */
	struct circle_strmap		 zones;	/* group id: 1 in +1's plan, 0 */
};

/* import.c */
int	 circle_import_blank(const char *);
int	 circle_import_at(struct import *, const struct person *, size_t,
	    struct circle_err *);
char	**circle_import_note(struct circle_import_result *);

/* importmap.c: the columns' fields. */
extern const char *const circle_import_field_names[];
int	 circle_import_field_of(const char *);
int	 circle_import_map_header(struct import *, struct circle_err *);

/* importcell.c: what a row's cells say, before its fields are checked. */
int	 circle_import_cells(struct import *, struct person *,
	    struct circle_err *);
void	 circle_import_turn_names(struct import *, struct person *,
	    char *[2]);
int	 circle_import_caps_names(struct circle_db *, struct import *,
	    const struct person *, long long, struct circle_member_set *,
	    char *[2], struct circle_err *);
int	 circle_import_email_name(struct circle_db *, struct import *,
	    const struct person *, long long, size_t,
	    struct circle_member_set *, struct circle_err *);
void	 circle_import_first_values(struct import *, struct person *,
	    char *[2]);
char	*circle_import_preferred_name(const struct person *, char **);
int	 circle_import_gone(const struct person *, char *, size_t);
int	 circle_import_nanp(struct circle_db *, struct import *,
	    struct circle_err *);
int	 circle_import_bare_phone(struct circle_db *, struct import *,
	    const struct person *, const long long *, size_t,
	    struct circle_err *);
int	 circle_import_cleaned(struct circle_db *, struct import *,
	    const struct person *, long long, struct circle_err *);
void	 circle_import_cleaned_note(struct import *);
int	 circle_import_aside_handle(struct circle_db *, const struct person *,
	    const char *, char **, struct circle_err *);

#endif /* CIRCLE_IMPORT_H */
