/*
 * undodata.h: what recording a command's changes (undo.c) and applying
 * them inverted (undoapply.c) share: the command being run, and the
 * tables recorded with their keys.
 */
#ifndef CIRCLE_UNDODATA_H
#define CIRCLE_UNDODATA_H

/* A foreign key of one column: child.col (its index) -> parent. */
struct undo_fk {
	int		 child;		/* index in tables */
	int		 col;
	int		 parent;	/* index in tables */
	char		*colname;	/* owned */
};

struct undo_table {
	char		*name;		/* owned */
	char		**pk;		/* owned: primary key columns */
	size_t		 npk;
};

struct circle_undo {
	/* The tables recorded, children before parents (loaded once). */
	struct undo_table	*tables;	/* owned */
	size_t			 ntables;
	struct undo_fk		*fks;		/* owned */
	size_t			 nfks;
	int			 loaded;
	/* The command being run, as circle_db_command declared it. */
	int			 declared;
	int			 flags;
	char			*verb;		/* owned */
	char			*args;		/* owned: JSON array, or NULL */
	long long		 cmd_id;	/* its row, 0 until it has one */
	int			 cmd_new;	/* made in this transaction */
	int			 never;		/* forget: no undo data, ever */
	int			 large;		/* too big to keep */
	int			 never_was;	/* the two when this transaction */
	int			 large_was;	/* began (a command's earlier
						   ones set them) */
	long long		 max;		/* the memory it may take */
	sqlite3_session		*s;		/* this transaction's changes */
	/* s let go in this transaction (large), and whether it held any. */
	int			 dropped;
	int			 held;
};

struct circle_undo *circle_undo_of(struct circle_db *);
int	 circle_undo_load_tables(struct circle_db *, struct circle_undo *,
	    struct circle_err *);
int	 circle_undo_table_index(const struct circle_undo *, const char *);

#endif
