/*
 * signticket.c: Eventbrite's attendee report read as a sign-in sheet, by
 * its column "Attendee Status": who checked in, who did not come.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "circle-priv.h"
#include "attend.h"
#include "signin.h"

/*
 * An Eventbrite attendee report's status (its column "Attendee Status"):
 * "Checked In" is present, in *s; a ticket not coming (Refunded,
 * Cancelled, Not Attending, Deleted, Transferred: the new holder has a
 * row) marks no one, said; "Attending" is a ticket bought and not checked
 * in: absent when someone in the report was checked in at the door, else
 * the report cannot tell it from absent, and the import is refused
 * (circle_signin_tickets_end) at the first, saying how to choose.  0 to
 * go on, 1 to pass the row over, 2 to go on with a ticket not checked in
 * (absent).
 */
int
circle_signin_ticket(struct sheet *sh, const char **s)
{
	static const char *const gone[] = { "refunded", "cancelled",
	    "canceled", "notattending", "deleted", "transferred" };
	const char	*h;
	char		 f[32];
	size_t		 i;

	if (*s == NULL || sh->in.fieldcol[C_STATUS] < 0)
		return 0;
	circle_csv_fold(sh->in.header[sh->in.fieldcol[C_STATUS]], f, sizeof f);
	if (strcmp(f, "attendeestatus") != 0 || strlen(*s) >= sizeof f)
		return 0;
	h = sh->in.header[sh->in.fieldcol[C_STATUS]];
	circle_csv_fold(*s, f, sizeof f);
	if (strcmp(f, "checkedin") == 0) {
		sh->checked_in = 1;
		*s = "present";
		return 0;
	}
	for (i = 0; i < sizeof gone / sizeof gone[0]; i++)
		if (strcmp(f, gone[i]) == 0) {
			sh->r->notes = circle_xgrow(sh->r->notes,
			    sh->r->nnotes, sizeof *sh->r->notes);
			circle_xasprintf(&sh->r->notes[sh->r->nnotes++],
			    "%s:%zu: %s \"%s\": not coming; marks no one",
			    sh->o->name, sh->in.row->line, h, *s);
			return 1;
		}
	if (strcmp(f, "attending") != 0)
		return 0;
	if (sh->attending++ == 0) {
		sh->attending_line = sh->in.row->line;
		circle_err_set(&sh->attending_err, CIRCLE_EDATA, "%s \"%s\": a "
		    "ticket not checked in, and no one in the report was: "
		    "absent or not checked in at the door; check people in in "
		    "Eventbrite and download the report again, or, when "
		    "everyone with a ticket came, give --map \"%s=ignore\" "
		    "(each row is then present: delete the rows of tickets "
		    "refunded or cancelled first)", h, *s, h);
		circle_csv_at(&sh->in, C_STATUS, &sh->attending_err);
	}
	*s = "absent";
	return 2;
}

/*
 * A ticket "Attending", not checked in, of someone not on the roster
 * (e's message): someone who signed up and did not come marks no one,
 * said; the walk-in command e gives would mark them present.  0.
 */
int
circle_signin_ticket_unknown(struct sheet *sh, struct circle_err *e)
{
	const char	*who;
	int		 c;

	if ((who = circle_csv_get(&sh->in, C_NAME)) == NULL &&
	    (who = circle_csv_name_joined(&sh->in, C_FIRST, C_LAST,
	    &c)) == NULL && (who = circle_csv_get(&sh->in, C_EMAIL)) == NULL)
		who = "";
	sh->attending_unknown++;
	sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
	    sizeof *sh->r->notes);
	circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu: \"%s\": "
	    "a ticket not checked in (\"Attending\") of no one on the "
	    "roster; marks no one", sh->o->name, sh->in.row->line, who);
	circle_err_clear(e);
	return 0;
}

/*
 * The end of an Eventbrite report: its "Attending" rows were absent when
 * someone was checked in (said, with how many); else the first is
 * refused.  -1 with e set then.
 */
int
circle_signin_tickets_end(struct sheet *sh, struct circle_err *e)
{
	if (sh->attending == 0)
		return 0;
	if (!sh->checked_in) {
		*e = sh->attending_err;
		return circle_bad_keep(&sh->in.bad, e);
	}
	if (sh->attending == sh->attending_unknown)
		return 0;
	sh->r->notes = circle_xgrow(sh->r->notes, sh->r->nnotes,
	    sizeof *sh->r->notes);
	circle_xasprintf(&sh->r->notes[sh->r->nnotes++], "%s:%zu: %zu "
	    "ticket(s) \"Attending\", not checked in where others were: "
	    "marked absent", sh->o->name, sh->attending_line, sh->attending -
	    sh->attending_unknown);
	return 0;
}
