/*
 * csvtext.h: the bytes of a CSV file made UTF-8 text (csvtext.c), and what
 * the reader (csvio.c) asks of them: where they could not be read, and
 * what they were converted from; a workbook read as rows (xlsxread.c).
 */
#ifndef CIRCLE_CSVTEXT_H
#define CIRCLE_CSVTEXT_H

#include <iconv.h>
#include <stdio.h>

#define HEAD		4096		/* bytes looked at to tell the file */
#define CIRCLE_CSV_HEAD	HEAD
#define CIRCLE_CSV_MAX_FIELDS	512		/* columns of a row */
#define CIRCLE_CSV_MAX_FIELD	(1024 * 1024)	/* bytes of a cell */
#define CIRCLE_CSV_MAX_STDIN_BOOK (64 * 1024 * 1024)	/* a workbook on
							   stdin, held */

/* What a file is, by its first bytes (circle_csv_kind). */
enum circle_file_kind {
	CIRCLE_FILE_TEXT,	/* anything else: read as CSV */
	CIRCLE_FILE_XLS,	/* OLE: Excel 97-2003, or a workbook with a
				   password */
	CIRCLE_FILE_XLSX,
	CIRCLE_FILE_ODS,
	CIRCLE_FILE_FODS,	/* a flat OpenDocument spreadsheet: one XML
				   file, read as an .ods */
	CIRCLE_FILE_XML2003,	/* Excel's "XML Spreadsheet 2003" */
	CIRCLE_FILE_HTML,	/* a web page: a web app's "Excel" export */
	CIRCLE_FILE_NUMBERS,
	CIRCLE_FILE_ZIP		/* some other zip */
};

/*
 * The file's bytes as UTF-8 text, read by stdio through fopencookie(3) so
 * that getline() sees text whatever the file held.
 */
struct source {
	FILE		*raw;
	int		 own;		/* close raw at the end */
	unsigned char	 head[HEAD];	/* the first bytes, read to tell what
					   the file is */
	size_t		 nhead;
	size_t		 hpos;		/* head handed on so far */
	iconv_t		 cd;		/* (iconv_t)-1: UTF-8 already */
	char		 from[64];	/* what cd converts from */
	char		 in[8192];	/* read, not converted yet */
	size_t		 nin;
	int		 eof;		/* raw is at its end */
	int		 flushed;	/* cd's state written out */
	int		 cr;		/* -1 not known yet; 1: lines end
					   in a lone CR */
	size_t		 lines;		/* line ends handed on */
	char		 why[160];	/* what could not be read, or "" */
	size_t		 whyline;
};

FILE	*circle_csv_source_open(const char *, const char *, const char *,
	    struct source **, struct circle_err *);
enum circle_file_kind circle_csv_kind(const unsigned char *, size_t);
int	 circle_csv_not_calendar(const unsigned char *, size_t, const char *,
	    struct circle_err *);
int	 circle_file_not_yaml(const unsigned char *, size_t, const char *,
	    const char *, struct circle_err *);
void	 circle_csv_readings(const char *, size_t, char *, size_t);
#define CIRCLE_TWICE_1252	1	/* circle_text_twice */
#define CIRCLE_TWICE_MAC	2
int	 circle_text_twice(const char *, char *, size_t);
const char *circle_text_twice_said(const struct source *, const char *,
	    struct circle_err *);
int	 circle_read_whole(FILE *, const void *, size_t, size_t, char **,
	    size_t *);
int	 circle_csv_stdin_open(const char *, const char *, size_t,
	    struct source **, FILE **, char **, size_t *, struct circle_err *);

/*
 * xlsxread.c: a workbook's sheet as rows of text.  open: 1 with *xp (path
 * is a workbook), 0 (it is not: read it as CSV), -1 with e.  The fields a
 * row function is given are its own (an array of n strings).
 */
struct circle_xlsx;
typedef void circle_xlsx_row_fn(void *, char **, size_t, size_t);
int	 circle_xlsx_open(const char *, const char *, const char *,
	    struct circle_xlsx **, struct circle_err *);
int	 circle_xlsx_open_buffer(char *, size_t, const char *, const char *,
	    struct circle_xlsx **, struct circle_err *);
int	 circle_xlsx_more(struct circle_xlsx *, circle_xlsx_row_fn *, void *,
	    struct circle_err *);
void	 circle_xlsx_said(const struct circle_xlsx *, char *, size_t);
char	*circle_xlsx_note(const struct circle_xlsx *);
char	*circle_xlsx_merge_note(const struct circle_xlsx *);
char	*circle_xlsx_hidden_note(const struct circle_xlsx *);
char	*circle_xlsx_hidden_cols_note(const struct circle_xlsx *, const int *,
	    size_t);
const char *circle_xlsx_sheet(const struct circle_xlsx *);
void	 circle_xlsx_sheet_names(const struct circle_xlsx *, int, char *,
	    size_t);
const char *circle_xlsx_what(const struct circle_xlsx *);
int	circle_xlsx_1904(const struct circle_xlsx *);
void	 circle_xlsx_close(struct circle_xlsx *);
/*
 * vcardread.c: a vCard file's text as a table: a row function is given
 * each row's fields and the line of each (its own), the row's line and
 * its card's number (0 for the header row).
 */
typedef void circle_vcard_row_fn(void *, char **, size_t *, size_t, size_t,
	    size_t);
int	 circle_vcard_is(const unsigned char *, size_t);
int	 circle_vcard_named(const char *);
int	 circle_vcard_read(FILE *, const char *, circle_vcard_row_fn *, void *,
	    size_t *, unsigned *, struct circle_err *);

struct circle_csv_reader;
void	 circle_csv_sheet_note(const struct circle_csv_reader *, char ***,
	    size_t *);

#endif
