/*
 * importcell.c: what the cells of a roster's row say, read before its
 * fields are checked (import.c): names written "Last, First", a contacts
 * export's several values in one cell, the name a person goes by, consent
 * as a form words it, a phone as Excel or a spreadsheet keeps it.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"
#include "import.h"
#include "roster.h"

/* Two names the same but for case (ASCII) and spaces at their ends. */
static int
same_name(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/*
 * Whether v is a name with a suffix after its one comma ("Smith, Jr.",
 * "Ann Lee, PhD", a company's "Riverside Clinic, Inc."): one name,
 * neither "Last, First" nor a list.
 */
int
circle_name_suffixed(const char *v)
{
	static const char *const suffixes[] = { "jr", "junior", "sr",
	    "senior", "ii", "iii", "iv", "phd", "md", "esq", "rn", "msw",
	    "lcsw", "dds", "inc", "llc", "ltd", "corp", "plc", "gmbh" };
	const char	*comma, *first;
	char		 word[8];
	size_t		 i, k;

	if ((comma = strchr(v, ',')) == NULL || strchr(comma + 1, ',') != NULL)
		return 0;
	first = comma + 1 + strspn(comma + 1, " \t");
	for (i = k = 0; first[i] != '\0' && k < sizeof word - 1; i++)
		if (first[i] != '.' && first[i] != ' ')
			word[k++] = first[i];
	word[k] = '\0';
	for (i = 0; first[strcspn(first, " ")] == '\0' &&
	    i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (strcasecmp(word, suffixes[i]) == 0)
			return 1;
	return 0;
}

/*
 * A name written "Last, First" (a sheet sorted by surname, a contacts
 * export's File As) as the person would say it, in *out: one comma, a
 * word or more on each side, and after it no suffix ("Smith, Jr.":
 * circle_name_suffixed) and no number.  0 when the name is not written
 * so.
 */
int
circle_name_last_first(const char *v, char **out)
{
	const char	*comma, *first;
	size_t		 n;

	if ((comma = strchr(v, ',')) == NULL || strchr(comma + 1, ',') !=
	    NULL || strpbrk(v, "0123456789@") != NULL)
		return 0;
	v += strspn(v, " \t");
	first = comma + 1 + strspn(comma + 1, " \t");
	for (n = (size_t)(comma - v); n > 0 && (v[n - 1] == ' ' ||
	    v[n - 1] == '\t'); n--)
		;
	if (n == 0 || circle_import_blank(first) || circle_name_suffixed(v))
		return 0;
	circle_xasprintf(out, "%s %.*s", first, (int)n, v);
	return 1;
}

/*
 * The name and full name cells of a row written "Last, First", turned
 * around (into turned[], the caller's to free), counted, the first kept
 * for the note said at the end.
 */
void
circle_import_turn_names(struct import *im, struct person *p,
    char *turned[2])
{
	static const int	 fields[2] = { 1, 2 };
	size_t			 i;

	for (i = 0; i < 2; i++) {
		if (p->val[fields[i]] == NULL ||
		    !circle_name_last_first(p->val[fields[i]], &turned[i]))
			continue;
		if (im->turned++ == 0)
			circle_xasprintf(&im->turned_at, "%zu:%zu: \"%s\" as "
			    "\"%s\"", p->line[fields[i]], p->col[fields[i]],
			    p->val[fields[i]], turned[i]);
		p->val[fields[i]] = turned[i];
	}
}

/*
 * The name and full name of a row written in capitals ("ANN LEE",
 * "O'NEIL, MARY", as CRMs export names) in capitals and small letters, as
 * a roster and a sign-in sheet show names (circle_name_from_caps; into
 * recased[], the caller's to free), counted, the first kept for the note
 * said at the end.  A name with a small letter ("Ronald McDONALD") is
 * kept as typed.  The person matched (id, 0 for none) keeps the roster's
 * spelling when the file's is it in capitals (circle_name_caps_of: "Ann
 * MacLeod", "Ayşe Yılmaz", as mended after the first import), so that
 * the same file imported again does not undo it.
 */
int
circle_import_caps_names(struct circle_db *db, struct import *im,
    const struct person *p, long long id, struct circle_member_set *s,
    char *recased[2], struct circle_err *e)
{
	const char		**names[2] = { &s->display_name, &s->full_name };
	struct circle_member	  m;
	const char		 *had[2] = { NULL, NULL };
	char			  ref[24];
	size_t			  i;
	int			  got = 0;

	for (i = 0; i < 2; i++) {
		if (*names[i] == NULL || !circle_name_in_caps(*names[i]))
			continue;
		if (id != 0 && !got) {
			snprintf(ref, sizeof ref, "%lld", id);
			if (circle_member_get(db, ref, &m, e) == -1)
				return -1;
			got = 1;
			had[0] = m.display_name;
			had[1] = m.full_name;
		}
		if (circle_name_caps_of(had[i], *names[i])) {
			*names[i] = NULL;
			continue;
		}
		if ((recased[i] = circle_name_from_caps(*names[i])) == NULL)
			continue;
		if (i == 0 && im->recased++ == 0)
			circle_xasprintf(&im->recased_at, "%zu: \"%s\" as "
			    "\"%s\"", p->rowline, *names[i], recased[i]);
		*names[i] = recased[i];
	}
	if (got)
		circle_member_release(&m);
	return 0;
}

/* Whether folded name a is b's first words ("ann" of "ann lee"). */
static int
words_begin(const char *a, const char *b)
{
	size_t	n = strlen(a);

	return strncmp(a, b, n) == 0 && b[n] == ' ';
}

/*
 * The name on a row found by its email (s->display_name) beside the one
 * member id has: the same but for case, accents or spacing is the
 * roster's spelling, kept ("cy lowe" for "Cy Lowe"), unless the roster's
 * is in capitals or small letters only and the file's is not; the
 * roster's first words ("Ann" of "Ann Lee") keep it too; the same first
 * name with another last ("Ann Smith" for "Ann Lee") keeps it, said: the
 * roster's may be the name they chose, the file's one they left.
 * Another first name is someone else with that email (a family's
 * one address, a typo), as is another person's whole name or a short
 * form of another's first name too (circle_name_other): refused naming
 * both, as neither merging them nor
 * a second person with one email is safe.  line is where the file met
 * id first, 0 if it did not: later rows only fill empty fields.
 */
int
circle_import_email_name(struct circle_db *db, struct import *im,
    const struct person *p, long long id, size_t line,
    struct circle_member_set *s, struct circle_err *e)
{
	struct circle_member	 m;
	const char		*had;
	char			 ref[24], *f, *d, *full = NULL;
	long long		 other;
	int			 rc = 0, v = 0, o = 0;

	snprintf(ref, sizeof ref, "%lld", id);
	if (s->display_name == NULL || circle_member_get(db, ref, &m, e) == -1)
		return s->display_name == NULL ? 0 : -1;
	had = m.display_name;
	f = circle_name_fold(s->display_name);
	d = circle_name_fold(had);
	if (m.full_name != NULL)
		full = circle_name_fold(m.full_name);
	if (f == NULL || d == NULL || strcmp(s->display_name, had) == 0)
		;
	else if (strcmp(f, d) == 0) {
		if (!circle_name_uncased(had) ||
		    circle_name_uncased(s->display_name))
			s->display_name = NULL;
	} else if ((full != NULL && strcmp(f, full) == 0) ||
	    words_begin(f, d) || (full != NULL && words_begin(f, full)))
		s->display_name = NULL;
	else if ((v = circle_name_first_same(s->display_name, had)) != 0 &&
	    (o = circle_name_other(db, 0, id, s->display_name, &other,
	    e)) == -1)
		rc = -1;
	else if (v != 0 && o != 2 && (v == 1 || o == 0)) {
		if (line == 0)
			circle_xasprintf(circle_import_note(im->r), "%s:%zu: "
			    "\"%s\" <%s> is %s, \"%s\" on the roster (found "
			    "by email): the roster's name kept (circle roster "
			    "edit --name \"%s\" %s takes the file's)",
			    im->o->name, p->rowline, s->display_name, m.email,
			    m.handle, had, s->display_name, m.handle);
		s->display_name = NULL;
	} else if (line != 0)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s is line %zu's, \"%s\", "
		    "and this row names \"%s\": if they share the email, "
		    "leave it out of one row; if they are one person, give "
		    "both rows one name", m.email, line, had,
		    s->display_name);
	else
		rc = circle_err_set(e, CIRCLE_EDATA, "%s is %s's, \"%s\" on "
		    "the roster, and this row names \"%s\": if they share the "
		    "email, leave it out of this row; if %s is now %s, "
		    "circle roster edit --name \"%s\" %s, then import again",
		    m.email, m.handle, had, s->display_name, had,
		    s->display_name, s->display_name, m.handle);
	free(f);
	free(d);
	free(full);
	circle_member_release(&m);
	return rc;
}

/*
 * Google Contacts writes a person's emails or phones of one kind in one
 * cell, " ::: " between them: the first is kept (in kept[], the caller's
 * to free), and the others said in a note, once a file.
 */
void
circle_import_first_values(struct import *im, struct person *p,
    char *kept[2])
{
	static const int	 fields[2] = { 4, 5 };
	const char		*sep;
	size_t			 i;

	for (i = 0; i < 2; i++) {
		if (p->val[fields[i]] == NULL ||
		    (sep = strstr(p->val[fields[i]], " ::: ")) == NULL)
			continue;
		if (!im->more_values++)
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu:%zu: \"%s\": "
			    "the first kept (a contacts export's values of one "
			    "kind, \" ::: \" between them)", im->o->name,
			    p->line[fields[i]], p->col[fields[i]],
			    p->val[fields[i]]);
		circle_xasprintf(&kept[i], "%.*s", (int)(sep -
		    p->val[fields[i]]), p->val[fields[i]]);
		p->val[fields[i]] = kept[i];
	}
}

/*
 * The name a person goes by, when a preferred name is given: it takes the
 * place of the first name only, never the surname (José Hernández who
 * goes by Pepe is "Pepe Hernández").  With first and last names, it goes
 * before the last name; with one name, in place of its first word.  A
 * preferred name with the surname in it already is taken as it is.  The
 * legal name is then kept as the full name (*legal), unless a full name
 * is given or it is the same.  NULL when no preferred name is given.
 */
char *
circle_import_preferred_name(const struct person *p, char **legal)
{
	const char	*pref = p->val[X_PREFERRED], *first, *last, *name;
	const char	*rest;
	char		*out, *l = NULL;

	*legal = NULL;
	if (pref == NULL || circle_import_blank(pref))
		return NULL;
	pref += strspn(pref, " \t");
	first = p->val[X_FIRST] != NULL &&
	    !circle_import_blank(p->val[X_FIRST]) ?
	    p->val[X_FIRST] : NULL;
	last = p->val[X_LAST] != NULL && !circle_import_blank(p->val[X_LAST]) ?
	    p->val[X_LAST] : NULL;
	name = p->val[1] != NULL && !circle_import_blank(p->val[1]) ?
	    p->val[1] : NULL;
	if (first != NULL || last != NULL) {
		circle_xasprintf(&l, "%s%s%s", first ? first : "",
		    first && last ? " " : "", last ? last : "");
		if (last == NULL || strstr(pref, last) != NULL)
			out = circle_xstrdup(pref);
		else
			circle_xasprintf(&out, "%s %s", pref, last);
	} else if (name != NULL) {
		name += strspn(name, " \t");
		l = circle_xstrdup(name);
		rest = name + strcspn(name, " \t");
		rest += strspn(rest, " \t");
		if (*rest == '\0' || strstr(pref, rest) != NULL)
			out = circle_xstrdup(pref);
		else
			circle_xasprintf(&out, "%s %s", pref, rest);
	} else
		out = circle_xstrdup(pref);
	if (l != NULL && !same_name(l, out))
		*legal = l;
	else
		free(l);
	return out;
}

/*
 * Whether the row is someone who is not coming, and why, said for a note:
 * an attendee status that is not attending (Eventbrite's Refunded,
 * Cancelled, Not Attending, Deleted, Transferred: a ticket handed on is
 * its new holder's row), an RSVP of No (Meetup's), a registration
 * Denied (Zoom's Approval Status; Pending and Approved are coming).  They
 * are left out, not added.  1 with why in why, 0 for anyone else, an
 * unknown status too.
 */
int
circle_import_gone(const struct person *p, char *why, size_t len)
{
	static const char *const gone[] = { "refunded", "cancelled",
	    "canceled", "notattending", "deleted", "transferred", "no",
	    "denied" };
	const char	*v;
	char		 f[32];
	size_t		 i;

	if ((v = p->val[X_STATUS]) == NULL || strlen(v) >= sizeof f)
		return 0;
	circle_csv_fold(v, f, sizeof f);
	for (i = 0; i < sizeof gone / sizeof gone[0]; i++)
		if (strcmp(f, gone[i]) == 0) {
			(void)snprintf(why, len, "%s \"%s\": not coming",
			    p->hdr[X_STATUS] != NULL ? p->hdr[X_STATUS] :
			    "status", v);
			return 1;
		}
	return 0;
}

/* 4.47700900123E+11: a number as Excel writes a long one in General. */
static int
excel_exponent(const char *v)
{
	v += strspn(v, " ");
	if (!isdigit((unsigned char)*v++))
		return 0;
	if (*v == '.' || *v == ',')
		for (v++; isdigit((unsigned char)*v); v++)
			;
	if (*v != 'E' && *v != 'e')
		return 0;
	v += v[1] == '+';
	if (!isdigit((unsigned char)*++v))
		return 0;
	v += strspn(v, "0123456789");
	return v[strspn(v, " ")] == '\0';
}

/*
 * 7700900123: a phone of digits alone, no leading 0 and no +, as a
 * spreadsheet keeps one typed as a number (07700 900123 or +44 7700
 * 900123 typed without a leading apostrophe).  Whether a 0 or a + was
 * lost, or none (a North American number has neither), is not known.
 */
static int
bare_digits(const char *v)
{
	size_t	n;

	v += strspn(v, " ");
	n = strspn(v, "0123456789");
	return *v != '0' && n >= 7 && v[n + strspn(v + n, " ")] == '\0';
}

/*
 * Whether group gid's zone is in a country of +1's plan: asked of ICU
 * once a group an import, kept in im->zones.  -1 on error.
 */
static int
group_nanp(struct circle_db *db, struct import *im, long long gid,
    struct circle_err *e)
{
	char		 key[24], *tz;
	long long	*v;
	int		 nanp;

	snprintf(key, sizeof key, "%lld", gid);
	if ((v = circle_strmap_find(&im->zones, key)) != NULL)
		return (int)*v;
	if (circle_group_zone(db, gid, &tz, e) == -1)
		return -1;
	nanp = tz != NULL && circle_zone_nanp(tz);
	free(tz);
	circle_strmap_put(&im->zones, key, nanp);
	return nanp;
}

/*
 * im->nanp, for a row that names no group: --group's zone is in +1's
 * plan; without --group, the database has groups and all are.
 */
int
circle_import_nanp(struct circle_db *db, struct import *im,
    struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc, n = 0, all = 1;

	if (im->gid != 0)
		return (im->nanp = group_nanp(db, im, im->gid, e)) == -1 ?
		    -1 : 0;
	if ((st = circle_prepare(db, "SELECT id FROM grp", e)) == NULL)
		return -1;
	while (all == 1 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		all = group_nanp(db, im, sqlite3_column_int64(st, 0), e);
	}
	sqlite3_finalize(st);
	if (all == -1)
		return -1;
	if (all == 1 && rc != SQLITE_DONE)
		return circle_db_error(db, e, "groups");
	im->nanp = n > 0 && all;
	return 0;
}

/*
 * A phone of digits alone, counted, the first kept for the note said at
 * the end: not refused, as it may be whole.  In a row whose groups (gids,
 * its Group cell's or --group) are all of the United States, Canada or
 * the Caribbean's +1 countries it is whole, and nothing is said; so in a
 * row of no group when im->nanp (circle_import_nanp).
 */
int
circle_import_bare_phone(struct circle_db *db, struct import *im,
    const struct person *p, const long long *gids, size_t ngids,
    struct circle_err *e)
{
	const char	*v = p->val[5];
	size_t		 i;
	int		 nanp = ngids > 0 || im->nanp;

	if (v == NULL || !bare_digits(v))
		return 0;
	for (i = 0; i < ngids && nanp == 1; i++)
		nanp = group_nanp(db, im, gids[i], e);
	if (nanp == -1)
		return -1;
	if (nanp || im->bare++ > 0)
		return 0;
	circle_xasprintf(&im->bare_at, "%zu:%zu%s%s%s: phone \"%s\" is digits "
	    "alone, as a spreadsheet keeps a number: a leading 0 or + may "
	    "have been lost", p->line[5], p->col[5], p->hdr[5] != NULL ?
	    " (" : "", p->hdr[5] != NULL ? p->hdr[5] : "", p->hdr[5] != NULL ?
	    ")" : "", v + strspn(v, " "));
	return 0;
}

/*
 * What Excel makes of a phone typed as a formula: "+44 7700 900123" is
 * an error to it (#NULL!: a space between numbers), "+44-7700-900123" a
 * sum (-907779).  The number is gone from the cell.  Spaces around it
 * aside ("#N/A " as a copy leaves it).
 */
static int
excel_formula(const char *v)
{
	size_t	n;

	v += strspn(v, " \t");
	if (*v == '#') {
		for (n = strlen(v); n > 1 && (v[n - 1] == ' ' ||
		    v[n - 1] == '\t'); n--)
			;
		return n > 1 && strchr("!?A", v[n - 1]) != NULL;
	}
	if (*v++ != '-' || (n = strspn(v, "0123456789")) == 0)
		return 0;
	if (v[n] == '.')
		n += 1 + strspn(v + n + 1, "0123456789");
	return v[n + strspn(v + n, " ")] == '\0';
}

/*
 * An email cell as a copy from a mail program or a web page leaves it
 * (circle_email_alone): the address alone, in p->addr, said once a file.
 * Anything else is left as it is.
 */
static void
email_alone(struct import *im, struct person *p)
{
	if (p->val[4] == NULL || !circle_email_alone(p->val[4], p->addr,
	    sizeof p->addr))
		return;
	if (!im->addr_said++)
		circle_xasprintf(circle_import_note(im->r), "%s:%zu:%zu: email "
		    "\"%s\" read as \"%s\", the address alone (and any "
		    "other so)", im->o->name, p->line[4], p->col[4], p->val[4],
		    p->addr);
	p->val[4] = p->addr;
}

/*
 * Whether an aside is a set of pronouns, as people put theirs after
 * their name in a video call or a sign-up list: "she/her", "he/they",
 * "they/them/theirs", "xe/xem", "any/all", "any pronouns".  A lone
 * "(Any)" is not: it may be anything ("Kim (Any)", any session).
 */
static int
pronoun_set(const char *a, size_t n)
{
	static const char *const words[] = { "she", "her", "hers", "he",
	    "him", "his", "they", "them", "theirs", "ze", "zir", "hir", "xe",
	    "xem", "xyr", "fae", "faer", "e", "em", "it", "its", "any",
	    "all", "ask" };
	char	w[16];
	size_t	i, k, parts = 0;

	if (n == 12 && strncasecmp(a, "any pronouns", 12) == 0)
		return 1;
	while (n > 0) {
		for (k = 0; k < n && a[k] != '/'; k++)
			;
		if (k == 0 || k >= sizeof w)
			return 0;
		memcpy(w, a, k);
		w[k] = '\0';
		for (i = 0; i < sizeof words / sizeof words[0]; i++)
			if (strcasecmp(w, words[i]) == 0)
				break;
		if (i == sizeof words / sizeof words[0])
			return 0;
		parts++;
		a += k + (k < n);
		n -= k + (k < n);
	}
	return parts >= 2;
}

/*
 * A name with its pronouns after it in parentheses, "Ann Lee (she/her)",
 * as a video call's display name or a sign-up list has it: the name
 * without them, and the pronouns, when the row gives none of its own or
 * the same; said once a file.  When the row's own differ, the name is
 * kept as typed, said for the row, and a new person's handle is made
 * without them (circle_import_aside_handle).  The first of the name cells
 * so written.
 */
static void
name_pronouns(struct import *im, struct person *p)
{
	static const int	 names[] = { 1, X_LAST, X_FIRST, X_PREFERRED,
	    2 };
	const char		*v, *open, *own = p->val[3];
	size_t			 i, n, k;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if ((v = p->val[names[i]]) == NULL)
			continue;
		n = strlen(v);
		while (n > 0 && v[n - 1] == ' ')
			n--;
		if (n < 4 || v[n - 1] != ')' || (open = memrchr(v, '(',
		    n)) == NULL || open == v || open[-1] != ' ')
			continue;
		k = (size_t)(v + n - 1 - (open + 1));
		if (!pronoun_set(open + 1, k) || k >= sizeof p->pron ||
		    (size_t)(open - v) >= sizeof p->bare)
			continue;
		memcpy(p->pron, open + 1, k);
		p->pron[k] = '\0';
		if (own != NULL && !circle_import_blank(own) &&
		    strcasecmp(own, p->pron) != 0) {
			p->pron_kept = 1;
			circle_xasprintf(circle_import_note(im->r), "%s:%zu:%zu: "
			    "pronouns \"%s\" in the name differ from the row's "
			    "own \"%s\"; the name kept as typed, the row's "
			    "pronouns kept (correct either with circle roster "
			    "edit)", im->o->name, p->line[names[i]],
			    p->col[names[i]], p->pron, own);
			return;
		}
		snprintf(p->bare, sizeof p->bare, "%.*s", (int)(open - 1 - v),
		    v);
		if (!im->pron_said++)
			circle_xasprintf(circle_import_note(im->r), "%s:%zu:%zu: "
			    "\"%s\" read as the name \"%s\", pronouns \"%s\" "
			    "(and any other so)", im->o->name, p->line[names[i]],
			    p->col[names[i]], v, p->bare, p->pron);
		p->val[names[i]] = p->bare;
		p->val[3] = p->pron;
		return;
	}
}

/* How many of the people Mailchimp cleaned the note names. */
#define CLEANED_NAMED	4

/*
 * A person Mailchimp cleaned (p->cleaned), now member id: counted, the
 * first few's handles kept for the note (circle_import_cleaned_note).
 */
int
circle_import_cleaned(struct circle_db *db, struct import *im,
    const struct person *p, long long id, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (!p->cleaned)
		return 0;
	if (im->cleaned++ == 0)
		im->cleaned_at = p->rowline;
	if (im->cleaned > CLEANED_NAMED)
		return 0;
	if ((st = circle_prepare(db, "SELECT handle FROM member WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		circle_xappend(&im->cleaned_who, ", ", "%s",
		    sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 :
	    circle_db_error(db, e, "member");
}

/* The people Mailchimp cleaned, said once at the end, by handle. */
void
circle_import_cleaned_note(struct import *im)
{
	char	more[48] = "";

	if (im->cleaned == 0)
		return;
	if (im->cleaned > CLEANED_NAMED)
		snprintf(more, sizeof more, " and %zu more",
		    im->cleaned - CLEANED_NAMED);
	circle_xasprintf(circle_import_note(im->r), "%s:%zu: %zu %s "
	    "Mailchimp cleaned (CLEAN_TIME): %s%s; mail to their address "
	    "bounced; the address is kept, to know them by: ask them for "
	    "another", im->o->name, im->cleaned_at, im->cleaned,
	    im->cleaned == 1 ? "person" : "people", im->cleaned_who != NULL ?
	    im->cleaned_who : "", more);
}

/*
 * A new person's handle when their name keeps pronouns that differ from
 * the row's own (name_pronouns): made from the name without " (he/him)",
 * not from "(he".  *hp NULL when the handle is the name's as usual.
 */
int
circle_import_aside_handle(struct circle_db *db, const struct person *p,
    const char *name, char **hp, struct circle_err *e)
{
	char	 aside[80], *bare;
	char	*at;

	*hp = NULL;
	if (!p->pron_kept || name == NULL)
		return 0;
	snprintf(aside, sizeof aside, " (%s)", p->pron);
	if ((at = strstr(name, aside)) == NULL)
		return 0;
	circle_xasprintf(&bare, "%.*s%s", (int)(at - name), name,
	    at + strlen(aside));
	*hp = circle_member_new_handle(db, bare, e);
	free(bare);
	return *hp == NULL ? -1 : 0;
}

/*
 * The cells a spreadsheet or a form writes in its own way, read as what
 * they mean before the fields are checked: consent as a form's answer
 * (circle_csv_yesno: "Yes, you may contact me"), a phone kept as text
 * with a leading apostrophe ('07700 900123), Microsoft Forms' email
 * "anonymous".  A phone Excel turned into 4.47700900123E+11 has lost its
 * leading zero and perhaps its last digits: refused, not stored.
 */
/*
 * An email address in a name's cell: a column out of step with its
 * header (a header cell with a comma in it, "Surname, First name", saved
 * without quotes is two columns, and every cell after it one to the
 * left), or an address typed in the name's box.  Refused, never stored
 * as a name.  0, else -1 with e at the cell.
 */
static int
name_is_email(struct import *im, struct person *p, struct circle_err *e)
{
	static const int	 fields[] = { 1, 2, X_FIRST, X_LAST,
				     X_PREFERRED };
	const char		*v;
	char			 buf[256];
	size_t			 i, n;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if ((v = p->val[fields[i]]) == NULL)
			continue;
		v += strspn(v, " ");
		n = strlen(v);
		while (n > 0 && v[n - 1] == ' ')
			n--;
		if (n == 0 || n >= sizeof buf)
			continue;
		memcpy(buf, v, n);
		buf[n] = '\0';
		if (!circle_email_valid(buf))
			continue;
		circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is an email "
		    "address, not a name: put it in the email column and the "
		    "name here; when every row is so, the columns are out of "
		    "step with the header (a header with a comma in it, as "
		    "\"Surname, First name\", needs quotes around it), or "
		    "give --map", circle_import_field_names[fields[i]], buf);
		return circle_import_at(im, p, fields[i], e);
	}
	return 0;
}

int
circle_import_cells(struct import *im, struct person *p,
    struct circle_err *e)
{
	const char	*v;
	int		 yes, more;

	if (name_is_email(im, p, e) == -1)
		return -1;

	if ((v = p->val[7]) != NULL && !circle_import_blank(v)) {
		if ((yes = circle_csv_yesno(v, &more)) == -1) {
			circle_err_set(e, CIRCLE_EDATA, "consent: \"%s\" is not "
			    "a yes or a no (yes, no, I agree, \"Yes, you may "
			    "contact me\", \"No thanks\", TRUE, FALSE, x, or "
			    "empty for not asked)", v);
			return circle_import_at(im, p, 7, e);
		}
		if (more && circle_strmap_find(&im->answers, v) == NULL) {
			circle_strmap_put(&im->answers, v, 1);
			circle_xasprintf(circle_import_note(im->r),
			    "%s:%zu:%zu: consent "
			    "\"%s\" read as yes; what it adds is not kept (put "
			    "it in the notes if it matters)", im->o->name,
			    p->line[7], p->col[7], v);
		}
		p->val[7] = yes ? "yes" : "no";
	}
	/* Unsubscribed from the mailing list (UNSUB_TIME): consent taken
	 * back, whatever was said before. */
	if ((v = p->val[X_OPTOUT]) != NULL && !circle_import_blank(v))
		p->val[7] = "no";
	/* Mailchimp cleaned the address (CLEAN_TIME): mail to it bounced. */
	if ((v = p->val[X_CLEANED]) != NULL && !circle_import_blank(v))
		p->cleaned = 1;
	if ((v = p->val[5]) != NULL) {
		v += strspn(v, " ");
		if (*v == '\'')
			p->val[5] = v + 1;
		if (excel_formula(v)) {
			circle_err_set(e, CIRCLE_EDATA, "phone: \"%s\" is what "
			    "Excel makes of a phone typed as a formula (a "
			    "leading + and spaces or dashes: an error, or a "
			    "sum), the number lost; type it again with a "
			    "leading apostrophe ('+44 7700 900123), or format "
			    "the column as Text first", v);
			return circle_import_at(im, p, 5, e);
		}
		if (excel_exponent(v)) {
			circle_err_set(e, CIRCLE_EDATA, "phone: \"%s\" is a "
			    "number as Excel shows a long one, its leading "
			    "zero and perhaps its last digits lost; format "
			    "the column as Text, type the numbers again and "
			    "save again", v);
			return circle_import_at(im, p, 5, e);
		}
	}
	if (circle_form_anonymous(p->val[4]))
		p->val[4] = NULL;
	email_alone(im, p);
	name_pronouns(im, p);
	return 0;
}
