/*
 * xlsxmake.c: a helper of t3140-import-xlsx.sh: writes the workbook its
 * standard input describes with libxlsxwriter, a cell a line:
 *
 *	xlsxmake [-i] OUT.xlsx <SPEC
 *
 *	sheet NAME [hidden]	a new sheet; the cells after it are its
 *	s CELL TEXT...		a string (shared; inline with -i); \n and
 *				\r in it are a line feed and a return
 *	n CELL NUMBER [FORMAT]	a number, shown by FORMAT ("dd/mm/yyyy",
 *				or a built-in format's number: 14, 22)
 *	f CELL FORMULA RESULT	a formula and its number result
 *	t CELL FORMULA TEXT...	a formula and its text result
 *	b CELL 0|1		a boolean
 *	m RANGE TEXT...		merged cells (A1:B1) holding TEXT
 *	r CELL TEXT1|TEXT2	rich text: TEXT1 in bold, then TEXT2
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

static lxw_workbook	*wb;
static lxw_worksheet	*ws;

/* \n and \r as the characters, in place. */
static char *
unescape(char *s)
{
	char	*r, *w;

	for (r = w = s; *r != '\0'; r++)
		if (r[0] == '\\' && (r[1] == 'n' || r[1] == 'r')) {
			*w++ = r[1] == 'n' ? '\n' : '\r';
			r++;
		} else
			*w++ = *r;
	*w = '\0';
	return s;
}

/* The format showing a number as fmt: a built-in's number, or a code. */
static lxw_format *
number_format(const char *fmt)
{
	lxw_format	*f;
	char		*end;
	long		 id;

	if (fmt == NULL || *fmt == '\0')
		return NULL;
	f = workbook_add_format(wb);
	id = strtol(fmt, &end, 10);
	if (*end == '\0' && *fmt != '0')	/* "00000": a code */
		format_set_num_format_index(f, (uint8_t)id);
	else
		format_set_num_format(f, fmt);
	return f;
}

static int
cell(const char *op, char *ref, char *rest)
{
	lxw_rich_string_tuple	 t1, t2, *rich[3];
	lxw_format		*bold;
	lxw_row_t		 row = lxw_name_to_row(ref);
	lxw_col_t		 col = lxw_name_to_col(ref);
	char			*arg2;

	arg2 = rest != NULL ? strchr(rest, *op == 'r' ? '|' : ' ') : NULL;
	if (arg2 != NULL)
		*arg2++ = '\0';
	switch (*op) {
	case 's':
		if (arg2 != NULL)
			arg2[-1] = ' ';
		return worksheet_write_string(ws, row, col, unescape(rest),
		    NULL);
	case 'n':
		return worksheet_write_number(ws, row, col, atof(rest),
		    number_format(arg2));
	case 'f':
		return worksheet_write_formula_num(ws, row, col, rest, NULL,
		    atof(arg2 != NULL ? arg2 : "0"));
	case 't':
		return worksheet_write_formula_str(ws, row, col, rest, NULL,
		    arg2 != NULL ? arg2 : "");
	case 'b':
		return worksheet_write_boolean(ws, row, col, atoi(rest), NULL);
	case 'm':
		if (arg2 != NULL)
			arg2[-1] = ' ';
		return worksheet_merge_range(ws, lxw_name_to_row(ref),
		    lxw_name_to_col(ref), lxw_name_to_row_2(ref),
		    lxw_name_to_col_2(ref), rest, NULL);
	case 'r':
		bold = workbook_add_format(wb);
		format_set_bold(bold);
		t1.format = bold;
		t1.string = rest;
		t2.format = NULL;
		t2.string = arg2 != NULL ? arg2 : "";
		rich[0] = &t1;
		rich[1] = &t2;
		rich[2] = NULL;
		return worksheet_write_rich_string(ws, row, col, rich, NULL);
	}
	return -1;
}

int
main(int argc, char **argv)
{
	lxw_workbook_options	 o = { 0 };
	char			 line[4096], *op, *ref, *rest, *nl;
	int			 inline_strings = 0, shown = 0;

	if (argc == 3 && strcmp(argv[1], "-i") == 0) {
		inline_strings = 1;
		argv++, argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: xlsxmake [-i] OUT.xlsx <SPEC\n");
		return 2;
	}
	o.constant_memory = (uint8_t)inline_strings;
	if ((wb = workbook_new_opt(argv[1], &o)) == NULL)
		return 1;
	while (fgets(line, sizeof line, stdin) != NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		op = strtok(line, " ");
		if (op == NULL || *op == '#')
			continue;
		ref = strtok(NULL, " ");
		rest = strtok(NULL, "");
		if (strcmp(op, "sheet") == 0) {
			ws = workbook_add_worksheet(wb, ref);
			if (ws == NULL)
				return 1;
			/* The active sheet cannot be hidden: the first
			 * shown one is made active. */
			if (rest != NULL && strcmp(rest, "hidden") == 0)
				worksheet_hide(ws);
			else if (!shown++)
				worksheet_activate(ws);
			continue;
		}
		if (ws == NULL || ref == NULL || rest == NULL ||
		    cell(op, ref, rest) != LXW_NO_ERROR) {
			fprintf(stderr, "xlsxmake: bad line: %s\n", op);
			return 1;
		}
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
