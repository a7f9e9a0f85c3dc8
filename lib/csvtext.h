/*
 * csvtext.h: the bytes of a CSV file made UTF-8 text (csvtext.c), and what
 * the reader (csvio.c) asks of them: where they could not be read, and
 * what they were converted from.
 */
#ifndef CIRCLE_CSVTEXT_H
#define CIRCLE_CSVTEXT_H

#include <iconv.h>
#include <stdio.h>

#define HEAD		4096		/* bytes looked at to tell the file */

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

#endif
