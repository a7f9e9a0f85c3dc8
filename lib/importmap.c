/*
 * importmap.c: a roster file's columns to fields: the headers people
 * write, a form's question of consent, --map, and the columns said
 * ignored.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "import.h"

/*
 * Headers people write, compared folded (circle_csv_fold(): case, accents,
 * spaces and punctuation left out, so "E-mail", "OK to contact?" and
 * "First_Name" are found).  circle-roster(1) lists them.
 */
static const struct circle_csv_field aliases[] = {
	{ "handle", 0 }, { "username", 0 },
	{ "name", 1 }, { "displayname", 1 },
	/* One column of names written "Lee, Ann", as a sheet sorted by
	 * surname has them (circle_name_last_first reads each). */
	{ "surnamefirstname", 1 }, { "lastnamefirstname", 1 },
	{ "lastfirst", 1 }, { "surnameforename", 1 },
	{ "surnameforenames", 1 }, { "familynamegivenname", 1 },
	{ "fullname", 2 }, { "legalname", 2 },
	{ "pronouns", 3 }, { "pronoun", 3 },
	{ "email", 4 }, { "emailaddress", 4 }, { "mail", 4 },
	{ "phone", 5 }, { "phonenumber", 5 }, { "mobile", 5 }, { "cell", 5 },
	{ "telephone", 5 }, { "tel", 5 }, { "mobilenumber", 5 },
	{ "cellphone", 5 },
	/* Contacts exports: Outlook's mobile, Google's first email, phone. */
	{ "mobilephone", 5 }, { "email1value", 4 }, { "phone1value", 5 },
	{ "emergency", 6 }, { "emergencycontact", 6 },
	{ "consent", 7 }, { "consenttocontact", 7 }, { "oktocontact", 7 },
	{ "maycontact", 7 }, { "maywecontactyou", 7 },
	{ "consenton", 8 }, { "consentdate", 8 }, { "consentrecorded", 8 },
	{ "consentrecordedon", 8 }, { "consentgiven", 8 },
	{ "notes", 9 }, { "note", 9 }, { "comments", 9 }, { "comment", 9 },
	{ "first", X_FIRST }, { "firstname", X_FIRST }, { "givenname", X_FIRST },
	{ "forename", X_FIRST },
	{ "last", X_LAST }, { "lastname", X_LAST }, { "surname", X_LAST },
	{ "familyname", X_LAST },
	{ "preferredname", X_PREFERRED }, { "preferredfirstname", X_PREFERRED },
	{ "nickname", X_PREFERRED }, { "goesby", X_PREFERRED },
	{ "knownas", X_PREFERRED }, { "chosenname", X_PREFERRED },
	{ "group", X_GROUP }, { "groups", X_GROUP }, { "role", X_ROLE },
	{ "joined", X_JOINED }, { "joinedon", X_JOINED },
	{ "datejoined", X_JOINED }, { "joindate", X_JOINED },
	{ "membersince", X_JOINED },
	/* Eventbrite's attendee report, Meetup's attendee list and Zoom's
	 * registrants: who is not coming (circle_import_gone); Mailchimp's
	 * contacts table and its export of the unsubscribed
	 * (circle_import_cells). */
	{ "attendeestatus", X_STATUS }, { "rsvp", X_STATUS },
	/* An order's report with the buyer beside each attendee: the
	 * attendee's own name and email (the buyer's are left out). */
	{ "attendeefirstname", X_FIRST }, { "attendeelastname", X_LAST },
	{ "attendeename", 1 }, { "attendeeemail", 4 },
	{ "approvalstatus", X_STATUS },
	{ "emailmarketing", 7 }, { "emailmarketingstatus", 7 },
	{ "unsubtime", X_OPTOUT }, { "cleantime", X_CLEANED },
	{ "ignore", X_IGNORE },
};

const char *const circle_import_field_names[] = {
	"handle", "name", "full_name", "pronouns", "email", "phone",
	"emergency", "consent", "consent_on", "notes", "first_name",
	"last_name", "preferred_name", "group", "role", "joined", "status",
	"opted_out", "cleaned", "ignore"
};

/* The first column of an order's buyer ("Buyer Name", "Buyer First
 * Name", "Purchaser Email"), or ncols. */
static size_t
buyer_col(const struct circle_csv_reader *r)
{
	char	f[64];
	size_t	i;

	for (i = 0; i < r->ncols; i++) {
		circle_csv_fold(r->header[i], f, sizeof f);
		if (strncmp(f, "buyer", 5) == 0 ||
		    strncmp(f, "purchaser", 9) == 0)
			break;
	}
	return i;
}

/*
 * Whether a header is a form's question about being contacted, which is
 * consent to contact: "I agree to be contacted", "May we contact you?",
 * "Happy to be contacted by the group?", "Permission to contact".  A word
 * of contact and one of agreeing, and none that makes it a question of
 * how or whom ("How may we contact you?", "Preferred contact method",
 * "Emergency contact", "Contact email"); after "by" or "via", an email or
 * a phone is the way consented to ("Can we contact you by email?").  Not
 * one of contacting someone else ("May we contact your doctor if we are
 * worried about you?"): a Yes there is no consent to contact the person.
 */
static int
consent_question(const char *header)
{
	static const char *const agree[] = { "agree", "consent",
	    "consents", "consented", "may", "can", "could", "ok", "okay",
	    "happy", "permission", "allow", "willing", NULL };
	static const char *const other[] = { "how", "emergency", "method",
	    "preferred", "details", "detail", "number", "info",
	    "information", "way", "best", "when", "who", "whom", "person",
	    "name", "email", "phone", NULL };
	static const char *const by[] = { "by", "via", "per", NULL };
	static const char *const whom[] = { "your", "their", "his", "her",
	    "a", "an", "the", "someone", "somebody", "anyone", "anybody",
	    NULL };
	char		 w[32], *fold;
	const char	*p;
	size_t		 n, i;
	int		 contact = 0, yes = 0, way = 0, after = 0;

	fold = circle_name_fold(header);
	for (p = fold; *p != '\0'; p += n) {
		while (*p != '\0' && !isalnum((unsigned char)*p))
			p++;
		for (n = 0; isalnum((unsigned char)p[n]); n++)
			;
		if (n == 0 || n >= sizeof w)
			continue;
		memcpy(w, p, n);
		w[n] = '\0';
		for (i = 0; after && whom[i] != NULL; i++)
			if (strcmp(w, whom[i]) == 0) {
				free(fold);
				return 0;
			}
		after = strncmp(w, "contact", 7) == 0;
		contact |= after;
		for (i = 0; agree[i] != NULL; i++)
			if (strcmp(w, agree[i]) == 0)
				yes = 1;
		/* "by email", "by phone": the way asked of, still consent. */
		for (i = 0; other[i] != NULL && !way; i++)
			if (strcmp(w, other[i]) == 0) {
				free(fold);
				return 0;
			}
		for (i = 0, way = 0; by[i] != NULL; i++)
			way |= strcmp(w, by[i]) == 0;
	}
	free(fold);
	return contact && yes;
}

/*
 * Headers read only when no other column holds their field: a CRM's or
 * a church database's export ("Home Email" beside "Work Email", "Mobile
 * Phone Number" beside "Home Phone Number"), where a file with "Email"
 * as well means that one.
 */
static const struct circle_csv_field second[] = {
	{ "homeemail", 4 }, { "personalemail", 4 }, { "primaryemail", 4 },
	{ "mobilephonenumber", 5 }, { "cellphonenumber", 5 },
	{ "primaryphone", 5 },
	/* Bloomerang's "Primary Email Address", Salesforce NPSP's and
	 * Little Green Light's "Preferred Email". */
	{ "primaryemailaddress", 4 }, { "preferredemailaddress", 4 },
	{ "primaryphonenumber", 5 }, { "preferredphonenumber", 5 },
};

/*
 * Read only when no column of second[] holds their field either:
 * Salesforce NPSP's "Preferred Email" and "Preferred Phone" say which
 * column is preferred ("Personal", "Mobile"), Little Green Light's alone
 * are the address.
 */
static const struct circle_csv_field third[] = {
	{ "preferredemail", 4 }, { "preferredphone", 5 },
};

static int
second_of(const char *header)
{
	return circle_csv_field_of(second, sizeof second / sizeof second[0],
	    header);
}

static int
third_of(const char *header)
{
	return circle_csv_field_of(third, sizeof third / sizeof third[0],
	    header);
}

/*
 * Whether a header is a sign-up form's question of which groups to join:
 * "Which group(s) would you like to join?", "What groups do you want to
 * join?" (its answers the groups, as a checkbox question writes them:
 * "Tuesday Group, Thursday Group").  Not one of another group ("Which
 * group told you about us?").
 */
static int
join_question(const char *header)
{
	char	*fold;
	int	 yes;

	fold = circle_name_fold(header);
	yes = (strncmp(fold, "which group", 11) == 0 ||
	    strncmp(fold, "what group", 10) == 0) && strstr(fold, "join") !=
	    NULL;
	free(fold);
	return yes;
}

/* A header's field, or a form's question about consent to contact. */
int
circle_import_field_of(const char *header)
{
	int	f;

	f = circle_csv_field_of(aliases, sizeof aliases / sizeof aliases[0],
	    header);
	if (f == -1 && consent_question(header))
		f = 7;
	if (f == -1 && join_question(header))
		f = X_GROUP;
	/* "Joined?" is a yes or a no, not the day one joined. */
	if (f == X_JOINED && circle_csv_header_asks(header))
		f = -1;
	return f;
}

/* More ignored columns than this are said in one note. */
#define IGNORED_EACH	5

/*
 * The columns no field was found for, said: each at its place when there
 * are a few; a contacts export's dozens in one note, --dry-run listing
 * every column.
 */
static void
ignored_said(struct import *im, const size_t *cols, size_t n)
{
	const struct circle_csv_reader	*r = &im->in;
	const char			*name = im->o->name;
	char				*list = NULL;
	size_t				 i;

	if (n <= IGNORED_EACH) {
		for (i = 0; i < n; i++)
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu:%zu: column "
			    "\"%s\" ignored (use --map \"%s=FIELD\" to import "
			    "it)", name, r->headerline, cols[i] + 1,
			    r->header[cols[i]], r->header[cols[i]]);
		return;
	}
	for (i = 0; i < IGNORED_EACH; i++)
		circle_xappend(&list, ", ", "\"%s\"", r->header[cols[i]]);
	circle_xasprintf(circle_import_note(im->r),
	    "%s:%zu: %zu columns ignored: %s "
	    "and %zu more (--dry-run lists them; use --map \"HEADER=FIELD\" "
	    "to import one)", name, r->headerline, n, list, n - IGNORED_EACH);
	free(list);
}

/*
 * A header "Name" beside half a name is the other half: "Name" and
 * "Surname" (forms in Britain; Spanish Nombre and Apellidos, Italian
 * Nome and Cognome) are first and last, "Vorname" and "Name" (German;
 * French Prénom and Nom) first and last as well.  Read as one name, the
 * other half was lost.  Not when --map said the column is the name
 * (circle_csv_name_halves).
 */
static void
name_beside_half(struct circle_csv_reader *r)
{
	if (r->fieldcol[1] == -1 || r->fieldcol[2] != -1)
		return;
	circle_csv_name_halves(r, 1, X_FIRST, X_LAST);
}

/*
 * Columns to fields: --map, then the headers people write.  A field in
 * two columns is refused: which one would win is a guess.  Microsoft
 * Forms' own Email and Name give way to a question of the form's that
 * asks the same ("Your email"): on a form anyone may answer they hold
 * only "anonymous"; its other columns of its own are not said ignored.
 */
int
circle_import_map_header(struct import *im, struct circle_err *e)
{
	struct circle_csv_reader	*r = &im->in;
	const char			*name = im->o->name;
	size_t				 i, k, *ignored, nignored = 0;
	int				 f, own, rc = -1;
	int				 strong[X_NFIELDS] = { 0 };
	int				 weak[X_NFIELDS] = { 0 };

	if (circle_csv_find_header_map(r, aliases, sizeof aliases /
	    sizeof aliases[0], im->o->map, im->o->nmap, e) == -1)
		return -1;
	/* Zoom's registration report: its meeting's summary above. */
	if (circle_csv_summary_skip(r, e) == -1)
		return -1;
	ignored = circle_xcalloc(r->ncols + 1, sizeof *ignored);
	for (i = 0; i < r->ncols; i++) {
		if ((f = circle_import_field_of(r->header[i])) >= 0)
			strong[f] = 1;
		else if ((f = second_of(r->header[i])) >= 0)
			weak[f] = 1;
	}
	for (k = 0; k < im->o->nmap; k++) {
		f = circle_import_field_of(strrchr(im->o->map[k], '=') + 1);
		if (circle_csv_map_spec(r, im->o->map[k], f == X_IGNORE ? -1 :
		    f, e) == -1)
			goto out;
	}
	/* Microsoft Forms' Email and Name last: a question's column wins. */
	for (k = 0; k < 2 * r->ncols; k++) {
		i = k % r->ncols;
		own = circle_csv_form_own(r, i);
		if (circle_csv_mapped(r, (int)i) ||
		    (k < r->ncols) == (own == CIRCLE_FORM_WHO))
			continue;
		if ((f = circle_import_field_of(r->header[i])) == X_IGNORE)
			continue;
		if (f == -1 && (f = second_of(r->header[i])) != -1 &&
		    (strong[f] || r->fieldcol[f] != -1))
			f = -1;
		if (f == -1 && (f = third_of(r->header[i])) != -1 &&
		    (strong[f] || weak[f] || r->fieldcol[f] != -1))
			f = -1;
		if (f == -1) {
			if (*r->header[i] != '\0' && own != CIRCLE_FORM_BOOK)
				ignored[nignored++] = i;
			continue;
		}
		if (own == CIRCLE_FORM_WHO && r->fieldcol[f] != -1)
			continue;
		if (r->fieldcol[f] != -1) {
			circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: columns %d "
			    "(\"%s\") and %zu (\"%s\") both hold %s; say "
			    "which to read with --map, the other ignored "
			    "(--map %zu=ignore)", name, r->headerline, i + 1,
			    r->fieldcol[f] + 1, r->header[r->fieldcol[f]],
			    i + 1, r->header[i], circle_import_field_names[f],
			    i + 1);
			goto out;
		}
		circle_csv_map_column(r, i, f);
	}
	ignored_said(im, ignored, nignored);
	name_beside_half(r);
	/* A file with only a full name: the name the person goes by. */
	if (r->fieldcol[1] == -1 && r->fieldcol[X_FIRST] == -1 &&
	    r->fieldcol[X_LAST] == -1 && r->fieldcol[X_PREFERRED] == -1 &&
	    r->fieldcol[2] != -1)
		circle_csv_map_column(r, (size_t)r->fieldcol[2], 1);
	circle_csv_describe(r, circle_import_field_names, &im->r->columns,
	    &im->r->ncolumns);
	if (r->fieldcol[1] == -1 && r->fieldcol[X_FIRST] == -1 &&
	    r->fieldcol[X_LAST] == -1 && r->fieldcol[X_PREFERRED] == -1 &&
	    (i = buyer_col(r)) < r->ncols) {
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: \"%s\" is who "
		    "paid for an order, not who comes, and no column names "
		    "the attendees: export the attendee report (a row an "
		    "attendee, their own name), or --map COLUMN=name", name,
		    r->headerline, i + 1, r->header[i]);
		goto out;
	}
	if (r->fieldcol[1] == -1 && r->fieldcol[X_FIRST] == -1 &&
	    r->fieldcol[X_LAST] == -1 && r->fieldcol[X_PREFERRED] == -1) {
		circle_csv_sheet_hint(r, e, circle_err_set(e, CIRCLE_EDATA,
		    "%s:%zu: no name column (a header such as Name, or First "
		    "name and Last name; or --map COLUMN=name)", name,
		    r->headerline));
		goto out;
	}
	rc = 0;
out:
	free(ignored);
	return rc;
}
