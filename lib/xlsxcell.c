/*
 * xlsxcell.c: what every workbook writes through: the first error that
 * sticks, user text as a plain string cell (never a formula), dates, the
 * formats, and the file a workbook goes to (through the atomic writer).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "xlsx.h"

/* The first libxlsxwriter error sticks; later calls become no-ops. */
int
circle_xl_ok(struct xlsx *x, lxw_error err)
{
	if (err != LXW_NO_ERROR && x->err == LXW_NO_ERROR)
		x->err = err;
	return x->err == LXW_NO_ERROR;
}

/*
 * Text as Excel takes it: valid UTF-8 (bad bytes become U+FFFD) of at
 * most 32,767 characters.  Returns s, or a copy in *own.
 */
static const char *
cell_text(const char *s, char **own)
{
	size_t		 n = strlen(s), i, chars = 0, cut = n;
	char		*t, *p;

	*own = NULL;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == 32767) {
			cut = i;
			break;
		}
	if (cut == n && circle_utf8_valid(s, n, NULL))
		return s;
	t = p = circle_xmalloc(cut * 3 + 1);
	for (i = 0; i < cut; ) {
		size_t	bad = 0, len;

		/* The longest valid run from i, then one replacement. */
		if (circle_utf8_valid(s + i, cut - i, &bad)) {
			memcpy(p, s + i, cut - i);
			p += cut - i;
			break;
		}
		len = bad;
		memcpy(p, s + i, len);
		p += len;
		memcpy(p, "\xef\xbf\xbd", 3);
		p += 3;
		i += len + 1;
		while (i < cut && ((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
	}
	*p = '\0';
	*own = t;
	return t;
}

/* User text: a plain string cell, whatever it looks like. */
int
circle_xl_text(struct xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const char *s, lxw_format *f)
{
	const char	*t;
	char		*own;
	int		 rc;

	if (s == NULL || *s == '\0')
		return x->err == LXW_NO_ERROR;
	t = cell_text(s, &own);
	rc = circle_xl_ok(x, worksheet_write_string(ws, r, c, t, f));
	free(own);
	return rc;
}

int
circle_xl_date(const char *s, lxw_datetime *d)
{
	struct circle_date	cd;
	char			day[11];

	memset(d, 0, sizeof *d);
	if (s == NULL || strlen(s) < 10)
		return -1;
	snprintf(day, sizeof day, "%.10s", s);
	if (circle_date_parse(day, &cd) == -1 || cd.year < 1900)
		return -1;
	d->year = cd.year;
	d->month = cd.month;
	d->day = cd.day;
	return 0;
}

static lxw_format *
format(struct xlsx *x, const char *num, int bold)
{
	lxw_format	*f = workbook_add_format(x->wb);

	if (num != NULL)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	return f;
}

void
circle_xl_formats(struct xlsx *x)
{
	static const lxw_color_t fill[] = { 0, 0xC6EFCE, 0xFFEB9C, 0xFCE4D6,
	    0xDDEBF7, 0xFFC7CE };
	static const lxw_color_t ink[] = { 0, 0x006100, 0x7F6000, 0x833C0B,
	    0x1F4E78, 0x9C0006 };
	size_t	i;

	x->f[F_TITLE] = format(x, NULL, 1);
	format_set_font_size(x->f[F_TITLE], 14);
	x->f[F_HEAD] = format(x, NULL, 1);
	format_set_bg_color(x->f[F_HEAD], 0xD9E1F2);
	format_set_bottom(x->f[F_HEAD], LXW_BORDER_THIN);
	format_set_text_wrap(x->f[F_HEAD]);
	format_set_align(x->f[F_HEAD], LXW_ALIGN_VERTICAL_TOP);
	x->f[F_BOLD] = format(x, NULL, 1);
	x->f[F_DATE] = format(x, "yyyy-mm-dd", 0);
	x->f[F_TIME] = format(x, "hh:mm", 0);
	x->f[F_STAMP] = format(x, "yyyy-mm-dd hh:mm", 0);
	x->f[F_PCT] = format(x, "0%", 0);
	x->f[F_REAL] = format(x, "0.00", 0);
	x->f[F_REAL1] = format(x, "0.0", 0);
	x->f[F_MONTH] = format(x, "mmm yyyy", 0);
	x->f[F_DAYHEAD] = format(x, "yyyy-mm-dd", 1);
	format_set_rotation(x->f[F_DAYHEAD], 90);
	format_set_bg_color(x->f[F_DAYHEAD], 0xD9E1F2);
	format_set_bottom(x->f[F_DAYHEAD], LXW_BORDER_THIN);
	format_set_align(x->f[F_DAYHEAD], LXW_ALIGN_CENTER);
	for (i = CIRCLE_CELL_PRESENT; i <= CIRCLE_CELL_ABSENT; i++) {
		x->f[F_MARK + i] = format(x, NULL, 0);
		format_set_bg_color(x->f[F_MARK + i], fill[i]);
		format_set_font_color(x->f[F_MARK + i], ink[i]);
		format_set_align(x->f[F_MARK + i], LXW_ALIGN_CENTER);
	}
}

/*
 * Where a workbook goes: a temporary file that libxlsxwriter writes by
 * name, renamed to path when it is done, or without a path copied to fp.
 */
int
circle_xl_open(struct circle_atomic *a, const char *path, FILE *fp,
    struct circle_err *e)
{
	if (circle_atomic_begin(path, fp, a, e) == -1)
		return -1;
	close(a->fd);
	a->fd = -1;
	return 0;
}

/*
 * The workbook, written by name to the temporary file; libxlsxwriter's
 * own temporary files go where circle's do.  A big one is written a row
 * at a time (constant_memory).
 */
lxw_workbook *
circle_xl_book_new(const struct circle_atomic *a, int big)
{
	lxw_workbook_options	wo;

	memset(&wo, 0, sizeof wo);
	wo.constant_memory = big;
	wo.tmpdir = (char *)circle_tmpdir();
	return workbook_new_opt(a->tmp, &wo);
}

int
circle_xl_close(struct circle_atomic *a, int good, struct circle_err *e)
{
	if (!good) {
		circle_atomic_abort(a);
		return -1;
	}
	return circle_atomic_commit(a, e);
}

/* Close the workbook (always: it frees it) and report the first error. */
int
circle_xl_book_close(lxw_workbook *wb, lxw_error first, int failed,
    struct circle_err *e)
{
	lxw_error	err = workbook_close(wb);

	if (failed)
		return -1;
	if (first == LXW_NO_ERROR)
		first = err;
	if (first != LXW_NO_ERROR)
		return circle_err_set(e, CIRCLE_EIO, "xlsx: %s",
		    lxw_strerror(first));
	return 0;
}
