/*
 * signsheet.c: the printable sign-in sheet of a session, an xlsx
 * workbook: landscape, the table's header on every page, the people
 * expected, then blank rows for walk-ins.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "xlsx.h"

/* The sign-in sheet: what is printed above the table. */
static lxw_row_t
signin_title(struct xlsx *x, lxw_worksheet *ws, const struct circle_prep *p)
{
	const struct circle_session	*s = &p->session;
	lxw_datetime			 d;
	lxw_row_t			 r = 0;
	char				 when[64];

	circle_xl_text(x, ws, r++, 0, s->group_name, x->f[F_TITLE]);
	circle_xl_text(x, ws, r, 0, "When", x->f[F_BOLD]);
	if (circle_xl_date(s->local_start, &d) == 0)
		circle_xl_ok(x, worksheet_write_datetime(ws, r, 1, &d,
		    x->f[F_DATE]));
	snprintf(when, sizeof when, "%.5s-%.5s (%s)", strlen(s->local_start) >=
	    16 ? s->local_start + 11 : "", strlen(s->local_end) >= 16 ?
	    s->local_end + 11 : s->local_end, s->tzid);
	circle_xl_text(x, ws, r++, 2, when, NULL);
	if (s->location != NULL && *s->location != '\0') {
		circle_xl_text(x, ws, r, 0, "Where", x->f[F_BOLD]);
		circle_xl_text(x, ws, r++, 1, s->location, NULL);
	}
	if (s->topic != NULL && *s->topic != '\0') {
		circle_xl_text(x, ws, r, 0, "Topic", x->f[F_BOLD]);
		circle_xl_text(x, ws, r++, 1, s->topic, NULL);
	}
	return r + 1;
}

/* "&" starts a code in a page header or footer: double it. */
static char *
header_text(const char *s)
{
	char	*t, *p;

	t = p = circle_xmalloc(strlen(s) * 2 + 1);
	for (; *s != '\0' && p - t < 200; s++) {
		if (*s == '&')
			*p++ = '&';
		*p++ = *s;
	}
	*p = '\0';
	return t;
}

static void
signin_page(struct xlsx *x, lxw_worksheet *ws, const struct circle_prep *p,
    lxw_row_t head)
{
	char	*g, *foot;

	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	worksheet_set_margins(ws, 0.5, 0.5, 0.6, 0.6);
	circle_xl_ok(x, worksheet_repeat_rows(ws, head, head));
	g = header_text(p->session.group_name);
	circle_xasprintf(&foot, "&L%s, %.10s&RPage &P of &N", g,
	    p->session.local_start);
	circle_xl_ok(x, worksheet_set_footer(ws, foot));
	free(foot);
	free(g);
	circle_xl_ok(x, worksheet_set_column(ws, 0, 0, 5, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, 1, 1, 32, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, 2, 2, 14, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, 3, 3, 36, NULL));
	circle_xl_ok(x, worksheet_set_column(ws, 4, 4, 44, NULL));
}

static void
signin_rows(struct xlsx *x, lxw_worksheet *ws, const struct circle_prep *p,
    lxw_row_t r, int blank)
{
	static const char *const heads[] = { "#", "Name", "Pronouns",
	    "Signature", "Notes" };
	lxw_format	*cell = workbook_add_format(x->wb);
	size_t		 i, n;
	int		 c;

	format_set_border(cell, LXW_BORDER_THIN);
	format_set_align(cell, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(x->f[F_HEAD], LXW_BORDER_THIN);
	for (c = 0; c < 5; c++)
		circle_xl_text(x, ws, r, (lxw_col_t)c, heads[c], x->f[F_HEAD]);
	r++;
	n = p->nmembers + (size_t)blank;
	for (i = 0; i < n && circle_xl_ok(x, LXW_NO_ERROR); i++, r++) {
		circle_xl_ok(x, worksheet_set_row(ws, r, 26, NULL));
		circle_xl_ok(x, worksheet_write_number(ws, r, 0,
		    (double)(i + 1), cell));
		for (c = 1; c < 5; c++)
			circle_xl_ok(x, worksheet_write_blank(ws, r,
			    (lxw_col_t)c, cell));
		if (i >= p->nmembers)
			continue;
		circle_xl_text(x, ws, r, 1, p->members[i].name, cell);
		circle_xl_text(x, ws, r, 2, p->members[i].pronouns, cell);
	}
}

/*
 * A printable sign-in sheet for a session: landscape, as wide as the
 * page, the table's header on every page, the people expected, then blank
 * rows for those who walk in.
 */
int
circle_xlsx_signin(struct circle_db *db, const char *group,
    const char *session, int blank, const char *path, FILE *fp,
    struct circle_err *e)
{
	struct circle_export_opts	 o;
	struct circle_prep		 p;
	lxw_worksheet			*ws;
	struct xlsx			 x;
	struct circle_atomic		 d;
	lxw_row_t			 head;
	int				 failed;

	if (blank < 0 || blank > 1000)
		return circle_err_set(e, CIRCLE_EDATA, "blank: %d is not a "
		    "number of rows (0 to 1000)", blank);
	if (circle_prep_get(db, group, session, &p, e) == -1)
		return -1;
	memset(&x, 0, sizeof x);
	memset(&o, 0, sizeof o);
	x.db = db;
	x.o = &o;
	x.e = e;
	if (circle_xl_open(&d, path, fp, e) == -1) {
		circle_prep_release(&p);
		return -1;
	}
	if ((x.wb = circle_xl_book_new(&d, 0)) == NULL) {
		circle_prep_release(&p);
		circle_xl_close(&d, 0, e);
		return circle_err_set(e, CIRCLE_EIO, "xlsx: cannot make a "
		    "workbook");
	}
	circle_xl_formats(&x);
	if ((ws = workbook_add_worksheet(x.wb, "Sign-in")) == NULL)
		circle_xl_ok(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	else {
		head = signin_title(&x, ws, &p);
		signin_page(&x, ws, &p, head);
		signin_rows(&x, ws, &p, head, blank);
	}
	failed = circle_xl_book_close(x.wb, x.err, 0, e) == -1;
	circle_prep_release(&p);
	return circle_xl_close(&d, !failed, e);
}
