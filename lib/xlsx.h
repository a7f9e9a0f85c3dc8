/*
 * xlsx.h: what the workbook files share: xlsx.c (the coordinator's
 * workbook), signsheet.c (the printable sign-in sheet) and xlsxcell.c
 * (the cells, formats and files both write through).  Private to lib/.
 */
#ifndef CIRCLE_XLSX_H
#define CIRCLE_XLSX_H

#include <stdio.h>

#include <xlsxwriter.h>

#include "circle-priv.h"

enum fmt {
	F_TITLE, F_HEAD, F_BOLD, F_DATE, F_TIME, F_STAMP, F_PCT, F_REAL,
	F_REAL1, F_DAYHEAD, F_MONTH,
	F_MARK,			/* F_MARK + enum circle_cell: the marks */
	F_NFMT = F_MARK + 6
};

/* A sheet being filled, a row at a time. */
struct sheet {
	struct xlsx			*x;
	lxw_worksheet			*ws;
	const struct circle_xtable	*t;
	lxw_row_t			 row;		/* the next one */
	double				*widths;	/* owned: seen, chars */
};

struct month {
	char		 month[8];	/* YYYY-MM */
	long long	 held;
	long long	 attendances;
};

/* A person who came, and how many times, in one group. */
struct came {
	long long	 id;
	long long	 n;
};

struct range {
	const char	*group;		/* borrowed from names */
	lxw_row_t	 first;
	lxw_row_t	 last;
	char		*scored;	/* owned: a flag a survey key */
};

struct xlsx {
	struct circle_db		*db;
	const struct circle_export_opts	*o;
	struct circle_err		*e;
	struct circle_scope		 sc;
	lxw_workbook			*wb;
	lxw_error			 err;		/* the first error */
	int				 failed;	/* e is set */
	lxw_format			*f[F_NFMT];
	struct sheet			 summary, att, ses, roster, resp, fol;
	struct circle_xtable		 tses, troster, tresp, tfol;
	char				**keys;		/* check-in surveys */
	size_t				 nkeys;
	char				(*days)[11];	/* matrix columns */
	int				*daycol;
	size_t				 ndays;
	int				 nfixed;	/* columns before them */
	int				 ncols;
	double				 namew;
	struct month			*months;
	size_t				 nmonths;
	struct circle_funder		 sum;		/* the Summary */
	long				 minutes;
	struct came			*came;
	size_t				 ncame;
	struct range			*ranges;	/* of the Sessions sheet */
	size_t				 nranges;
	char				**names;	/* owned: group handles */
	size_t				 nnames;
	size_t				 ngroups;
};

int	 circle_xl_ok(struct xlsx *, lxw_error);
int	 circle_xl_text(struct xlsx *, lxw_worksheet *, lxw_row_t, lxw_col_t,
	    const char *, lxw_format *);
int	 circle_xl_date(const char *, lxw_datetime *);
void	 circle_xl_formats(struct xlsx *);
int	 circle_xl_open(struct circle_atomic *, const char *, FILE *,
	    struct circle_err *);
int	 circle_xl_close(struct circle_atomic *, int, struct circle_err *);
lxw_workbook	*circle_xl_book_new(const struct circle_atomic *, int);
int	 circle_xl_book_close(lxw_workbook *, lxw_error, int,
	    struct circle_err *);

#endif
