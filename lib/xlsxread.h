/*
 * xlsxread.h: what xlsxread.c (the workbook, its sheet and cells) and
 * xlsxstyle.c (its styles: which cells show a date, a number's text)
 * share.  Not for other files: they read a workbook through csvio.c.
 */
#ifndef XLSXREAD_H
#define XLSXREAD_H

#include <expat.h>
#include <zip.h>

#define XL_MAX_PART	(64 * 1024 * 1024)	/* uncompressed, of each part */
#define XL_MAX_ROW	1048576			/* Excel's last row */
#define XL_MAX_STRINGS	(4 * 1024 * 1024)	/* shared strings */
#define XL_MAX_SHEETS	1024
#define XL_CHUNK	65536
#define XL_LAST_SERIAL	2958465			/* 9999-12-31 */
#define XL_HIDDEN_NAMED	8			/* hidden rows said by line */

/* What a number format shows a number as. */
enum xl_kind {
	XL_NUMBER = 0,
	XL_DATE,		/* a day */
	XL_DATETIME,		/* a day and a time */
	XL_TIME			/* a time of day */
};

struct xl_fmt {
	long		 id;
	unsigned char	 kind;
	char		*code;		/* owned: its formatCode */
};

struct xl_sheet {
	char		*name;		/* owned */
	char		*rid;		/* owned: its relationship */
	int		 hidden;
	int		 data;		/* has a cell with a value */
	size_t		 width;		/* .ods: columns to its last cell with
					   a value */
};

struct xl_rel {
	char		*id;		/* owned */
	char		*type;		/* owned: the last word of its Type */
	char		*target;	/* owned: a path in the zip */
};

/* Text being gathered, up to a cap. */
struct xl_buf {
	char		*s;		/* owned */
	size_t		 n;
	size_t		 cap;
	int		 over;		/* more than CIRCLE_CSV_MAX_FIELD */
};

/*
 * A part being read: an entry of the zip, or the whole of a flat file
 * (.fods), which is its one part.
 */
struct xl_part {
	zip_file_t	*zf;		/* owned, or NULL */
	const char	*mem;		/* else the flat file's bytes */
	size_t		 len;
	size_t		 off;		/* handed to the parser so far */
};

/* An OpenDocument number style (odsstyle.c). */
struct xl_numstyle {
	char		*name;		/* owned */
	char		*code;		/* owned: as a format code */
	char		*map;		/* owned: the style for numbers not
					   below zero, or NULL */
	char		*full;		/* owned: that one's code and this
					   one's, or NULL */
};

/* A cell style's number style (odsstyle.c). */
struct xl_cellstyle {
	char		*data;		/* owned: its data-style-name, or
					   NULL */
	char		*parent;	/* owned: its parent-style-name, whose
					   number style it has when it has
					   none of its own; or NULL */
	const char	*code;		/* that style's code, or NULL */
};

/* An OpenDocument spreadsheet being read (odsread.c). */
struct xl_ods {
	struct xl_numstyle *nums;	/* owned */
	size_t		 nnums;
	struct circle_strmap nummap;	/* a number style's name to nums[] */
	struct xl_cellstyle *cells;	/* owned */
	size_t		 ncells;
	struct circle_strmap cellmap;	/* a cell style's name to cells[] */
	int		 innum;		/* in a number style */
	int		 numpct;	/* a percentage style */
	int		 numtext;	/* in its number:text */
	const char	**colcode;	/* owned: the sheet's columns' codes */
	size_t		 ncolumns;	/* table-columns read */
	const char	*code;		/* the cell's code, NULL: General */

	int		 scan;		/* the first pass: sheets, widths */
	long		 table;		/* the table being read, from 0 */
	int		 intable;	/* in one (a nested one: not read) */
	char		**hidden;	/* owned: table styles not shown */
	size_t		 nhidden;
	char		*style;		/* owned: the style being read */
	size_t		 rrep;		/* the row's repeats */
	size_t		 crep;		/* the cell's repeats */
	char		 vtype[16];	/* the cell's office:value-type */
	char		*val;		/* owned: its value attribute */
	int		 formula;	/* it has a table:formula */
	int		 inp;		/* depth in a text:p, or 0 */
	int		 paras;		/* text:p read in the cell */
	int		 skip;		/* depth in an annotation, a frame */
	size_t		 copies;	/* cells made by repeats */
};

/* Cells merged down one column (xlsxmerge.c). */
struct xl_merge {
	size_t		 col;
	size_t		 top, bottom;	/* its rows */
	char		*text;		/* owned: its first cell's, or NULL */
};

struct circle_xlsx {
	zip_t		*za;		/* owned, or NULL for a flat file */
	char		*flat;		/* owned: a flat file's bytes (.fods) */
	size_t		 flatlen;
	char		*name;		/* owned: the file, in messages */
	int		 ods;		/* an OpenDocument spreadsheet */
	const char	*app;		/* "Excel", "LibreOffice Calc": what to
					   open it in, in messages */
	char		*dir;		/* owned: the workbook part's folder */
	struct xl_rel	*rels;		/* owned: the workbook's */
	size_t		 nrels;
	struct xl_sheet	*sheets;	/* owned, in workbook order */
	size_t		 nsheets;
	size_t		 pick;		/* the sheet read */
	char		*sheetpath;	/* owned: its part */
	int		 date1904;
	int		 recalc;	/* calcPr as libxlsxwriter writes it: a
					   0 may be no formula's value */
	int		 book;		/* a <workbook> element was read */
	char		*sst;		/* owned: shared strings, NUL after each */
	size_t		 sstlen;
	size_t		*sstoff;	/* owned */
	size_t		 nsst;
	struct xl_fmt	*fmts;		/* owned: numFmts, then by id */
	size_t		 nfmts;
	long		*xfid;		/* owned: cellXfs' numFmtId */
	size_t		 nxf;
	unsigned char	*xfkind;	/* owned: by style, enum xl_kind */
	const char	**xfcode;	/* owned (the codes are fmts' or
					   static): by style, its number
					   format, NULL for General */

	/* The part being parsed. */
	XML_Parser	 p;
	const char	*part;		/* its path, for messages */
	struct circle_err *e;
	int		 failed;	/* e set by a handler */
	int		 stop;		/* a handler has seen enough */
	int		 depth;		/* elements open */
	int		 text;		/* gathering text (in <t> or <v>) */
	int		 rph;		/* depth of a <rPh>, or 0 */
	struct xl_buf	 buf;

	/* The sheet being read. */
	struct xl_part	*in;		/* owned: the sheet's part */
	size_t		 bytes;		/* read from it */
	int		 done;
	size_t		 row;		/* the row's number */
	size_t		 col;		/* the next cell's column, from 0 */
	int		 incell;
	char		 ctype[12];	/* the cell's t */
	long		 cstyle;	/* its s */
	size_t		 ccol;		/* its column */
	size_t		 width;		/* the sheet's: columns to its last
					   cell with a value, as Excel's CSV
					   pads every row to */
	int		 value;		/* a <v> or <is> seen */
	int		 formula;	/* an <f> seen */
	char		**fields;	/* owned: the row's cells */
	size_t		 nfields;	/* up to the last with a value */
	size_t		 cap;
	circle_xlsx_row_fn *rowfn;
	void		*arg;
	struct xl_ods	 od;		/* .ods */
	struct xl_merge	*merges;	/* owned: down one column */
	size_t		 nmerges;
	size_t		 msorted;	/* merges sorted so far */
	size_t		 mnext;		/* the first not yet met */
	size_t		*mcol;		/* owned: by column, the merge under
					   way there (its index + 1), or 0 */
	size_t		 mcols[CIRCLE_CSV_MAX_FIELDS]; /* those columns */
	size_t		 nmcols;
	unsigned char	*colhidden;	/* owned: by column, 1 hidden, 2 hidden
					   and a value read in it; or NULL */
	size_t		 merged;	/* cells filled */
	char		 merge_at[32];	/* the first merge's ref */
	int		 rowhidden;	/* the row being read is hidden */
	size_t		 hidden;	/* hidden rows read */
	size_t		 hidden_at;	/* the first's number */
	size_t		 hidden_rows[XL_HIDDEN_NAMED]; /* the first few's */
};

/* xlsxmerge.c */
void		 circle_xlsx_merge_put(struct circle_xlsx *, size_t, size_t,
		    size_t, const char *);
void		 circle_xlsx_merge_add(struct circle_xlsx *, const char **);
void		 circle_xlsx_merge_fill(struct circle_xlsx *);
void		 circle_xlsx_merge_release(struct circle_xlsx *);
void		 circle_xlsx_hidden_row(struct circle_xlsx *);
void		 circle_xlsx_column_name(size_t, char *, size_t);
void		 circle_xlsx_column_hide(struct circle_xlsx *, size_t);
void		 circle_xlsx_column_read(struct circle_xlsx *, size_t);

/* xlsxread.c, shared with odsread.c */
const char	*circle_xlsx_local_name(const char *);
void		 circle_xlsx_buf_add(struct xl_buf *, const char *, size_t);
void		 circle_xlsx_buf_clear(struct xl_buf *);
void		 circle_xlsx_fail(struct circle_xlsx *);
int		 circle_xlsx_part_feed(struct circle_xlsx *, struct xl_part *,
		    size_t *);
struct xl_part	*circle_xlsx_part_open(struct circle_xlsx *, const char *,
		    int *);
void		 circle_xlsx_part_close(struct xl_part *);
int		 circle_xlsx_flat_load(struct circle_xlsx *, const char *);
int		 circle_xlsx_parser_start(struct circle_xlsx *, const char *,
		    XML_StartElementHandler, XML_EndElementHandler,
		    XML_CharacterDataHandler);
void		 circle_xlsx_formula_fail(struct circle_xlsx *, size_t);
int		 circle_xlsx_cell_over(struct circle_xlsx *);
int		 circle_xlsx_cell_put(struct circle_xlsx *, size_t, char *);
void		 circle_xlsx_row_put(struct circle_xlsx *, int);
int		 circle_xlsx_row_check(struct circle_xlsx *, size_t);
int		 circle_xlsx_sheet_named(struct circle_xlsx *, const char *);
void		 circle_xlsx_general(double, char *, size_t);
void		 circle_xlsx_clock(long, char *, size_t);
struct xl_sheet	*circle_xlsx_sheet_add(struct circle_xlsx *, const char *);
const char	*circle_xlsx_attr_of(const char **, const char *);
int		 circle_xlsx_part_parse(struct circle_xlsx *, const char *, int,
		    XML_StartElementHandler, XML_EndElementHandler,
		    XML_CharacterDataHandler);
void		 circle_xlsx_on_no_text(void *, const XML_Char *, int);
int		 circle_xlsx_styles_read(struct circle_xlsx *, const char *);
int		 circle_xlsx_code_text(double, const char *, char *, size_t);
char		*circle_xlsx_number_cell(const struct circle_xlsx *,
		    const char *);
char		*circle_xlsx_iso_cell(const char *);

/* odsread.c */
int		 circle_ods_open(struct circle_xlsx *, const char *);
const char	*circle_ods_attr(const char **, const char *, const char *);
void		 circle_ods_release(struct circle_xlsx *);

/* odsstyle.c */
void		 circle_ods_style_start(struct circle_xlsx *, const char *,
		    const char **);
void		 circle_ods_style_chars(struct circle_xlsx *, const char *,
		    size_t);
void		 circle_ods_style_end(struct circle_xlsx *, const char *);
int		 circle_ods_common_styles(struct circle_xlsx *);
void		 circle_ods_styles_done(struct circle_xlsx *);
const char	*circle_ods_cell_code(struct circle_xlsx *, const char *);
void		 circle_ods_column(struct circle_xlsx *, const char **, size_t);
void		 circle_ods_styles_release(struct xl_ods *);

#endif
