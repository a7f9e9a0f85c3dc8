/*
 * icstext.c: an event's text as a topic or a place.  A DESCRIPTION gives
 * its first line with words, not a meeting service's invitation below it
 * (icslink.c says which lines are); control characters become spaces and
 * text too long is cut; Outlook's headers above it are passed over.  An
 * event's SUMMARY for messages, cut so too, and for --match; the habits
 * of invalid files, each said once.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>
#include <unicode/utf8.h>

#include "circle-priv.h"
#include "icsimport.h"

#define TEXT_MAX	300		/* a topic or place */
#define TITLES_MANY	4		/* titles that make a whole calendar */

/* Bytes of the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
	unsigned char	c = (unsigned char)*s;
	size_t		n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	return strnlen(s, n);
}

/*
 * A line of decoration only, at least three characters: the rule Teams
 * draws above its joining instructions (underscores), the edges of Google
 * Meet's block ("-::~:~::~:...::-"), a signature's dashes.
 */
static int
decoration(const char *s, size_t n)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (strchr("-_=~:*#+.", s[i]) != NULL && s[i] != '\0')
			k++;
		else if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	}
	return k >= 3;
}

/* A line less the spaces around it. */
static void
trimmed(const char **s, size_t *n)
{
	while (*n > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/*
 * Outlook's line between the "When: ...", "Where: ..." it writes at the
 * top of a meeting request and the organizer's own text.
 */
static int
outlook_squiggle(const char *s, size_t n)
{
	static const char	sq[] = "*~*~*~*~*~*~*~*~*~*";

	trimmed(&s, &n);
	return n == sizeof sq - 1 && memcmp(s, sq, n) == 0;
}

/*
 * Where a forwarded meeting's header begins, in any language: "-----
 * Original Appointment-----", "-----Ursprünglicher Termin-----".
 */
static int
forward_rule(const char *s, size_t n)
{
	trimmed(&s, &n);
	return n > 10 && strncmp(s, "-----", 5) == 0 &&
	    memcmp(s + n - 5, "-----", 5) == 0 && !decoration(s, n);
}

/* A header's line: "From: Jane Doe <jane@...>", "Envoyé : ...". */
static int
header_line(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n && i < 24 && (isalpha((unsigned char)s[i]) ||
	    (unsigned char)s[i] >= 0x80 || s[i] == '-'); i++)
		;
	if (i > 0 && i + 1 < n && s[i] == ' ')
		i++;
	return i > 0 && i < n && s[i] == ':';
}

/*
 * Where a DESCRIPTION's own text begins, past the headers Outlook writes
 * above it, which name people: the "When:" and "Where:" of a meeting
 * request above its squiggle, a forwarded meeting's "From:", "To:" below
 * its rule.  s when it has none.
 */
static const char *
past_headers(const char *s)
{
	const char	*p, *nl;
	size_t		 n;
	int		 rule = 0, seen = 0, ended = 0;

	for (p = s; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (outlook_squiggle(p, n))
			return p + n + (nl != NULL);
		if (strspn(p, " \t\r") < n) {
			if (ended)
				return p;
			if (!seen && forward_rule(p, n))
				rule = 1;
			else if (!header_line(p, n))
				return rule ? p : s;
			seen = 1;
		} else if (rule)	/* a forwarded header ends at a blank */
			ended = 1;
		if (nl == NULL)
			break;
	}
	return rule ? p + strlen(p) : s;
}

/*
 * The line of a DESCRIPTION that is its topic: the first with words past
 * Outlook's headers, unless a decoration line or where a meeting
 * service's invitation begins comes first (a Teams, Google Meet or Zoom
 * invitation without an agenda: the rest is how to join); a greeting
 * above it ("Hi there,") is none.  *more: whether text other than such a
 * block follows it.  NULL: none.
 */
static const char *
topic_line(const char *s, int *more)
{
	const char	*line = NULL, *nl;
	size_t		 n;

	*more = 0;
	for (s = past_headers(s); *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (decoration(s, n) || circle_ics_invitation_line(s, n))
			break;
		if (strspn(s, " \t\r") < n && !circle_ics_greeting_line(s, n)) {
			if (line != NULL) {
				*more = 1;
				break;
			}
			line = s;
		}
		if (nl == NULL)
			break;
	}
	return line;
}

/*
 * The length of an HTML tag at s ("<br>", "</p>", "<a href=...>"), or 0;
 * *block: whether it breaks a line (a paragraph, a line break, a list's
 * item, a division).
 */
static size_t
html_tag(const char *s, int *block)
{
	static const char *const blocks[] = { "br", "p", "div", "li", "ul",
	    "ol", "body", "html", "html-blob", "tr", "h1", "h2", "h3", NULL };
	static const char *const inline_tags[] = { "b", "i", "u", "a", "em",
	    "strong", "span", "font", "small", "big", "s", "sup", "sub",
	    NULL };
	const char	*p = s + 1, *e;
	size_t		 n, i;

	if (*s != '<')
		return 0;
	p += *p == '/';
	n = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-");
	if (n == 0 || (p[n] != '>' && p[n] != ' ' && p[n] != '/') ||
	    (e = strchr(p + n, '>')) == NULL || memchr(p, '<', (size_t)(e -
	    p)) != NULL)
		return 0;
	*block = 0;
	for (i = 0; blocks[i] != NULL; i++)
		if (strlen(blocks[i]) == n && strncasecmp(p, blocks[i], n) == 0)
			*block = 1;
	for (i = 0; !*block && inline_tags[i] != NULL; i++)
		if (strlen(inline_tags[i]) == n &&
		    strncasecmp(p, inline_tags[i], n) == 0)
			break;
	if (!*block && inline_tags[i] == NULL)
		return 0;
	return (size_t)(e - s) + 1;
}

/*
 * The length of a character's number at s ("&#8217;", "&#x2019;"), and
 * the character; 0 if none is there.  It is never longer written out
 * than as UTF-8.
 */
static size_t
html_number(const char *s, UChar32 *c)
{
	const char	*p = s + 2;
	char		*end;
	long		 v;

	if (s[0] != '&' || s[1] != '#')
		return 0;
	if (*p == 'x' || *p == 'X')
		p++;
	if (!isxdigit((unsigned char)*p))
		return 0;
	v = strtol(p, &end, p == s + 2 ? 10 : 16);
	if (*end != ';' || end - p > 7 || v < 1 || v > 0x10ffff ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*c = (UChar32)v;
	return (size_t)(end - s) + 1;
}

/*
 * A DESCRIPTION written in HTML, as Google Calendar and Nextcloud write
 * them ("<p>Sharing round</p><p>...", "<b>This week:</b><br>..."), as
 * text: its tags out, a paragraph or line break a new line, &amp; and
 * the like as the characters they stand for.  NULL when it holds no tag
 * of HTML's ("a < b" is text).
 */
static char *
html_text(const char *s)
{
	static const char *const ents[][2] = { { "&amp;", "&" },
	    { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
	    { "&#39;", "'" }, { "&apos;", "'" }, { "&nbsp;", " " }, { NULL,
	    NULL } };
	const char	*p;
	char		*t, *o;
	size_t		 n, i;
	int32_t		 k;
	UChar32		 c;
	int		 block, any = 0;

	for (p = s; *p != '\0' && !any; p++)
		any = html_tag(p, &block) > 0;
	if (!any)
		return NULL;
	t = o = circle_xmalloc(strlen(s) + 1);
	for (p = s; *p != '\0';) {
		if ((n = html_tag(p, &block)) > 0) {
			if (block)
				*o++ = '\n';
			p += n;
			continue;
		}
		if ((n = html_number(p, &c)) > 0) {
			k = 0;
			U8_APPEND_UNSAFE((uint8_t *)o, k, c);
			o += k;
			p += n;
			continue;
		}
		for (i = 0; *p == '&' && ents[i][0] != NULL; i++)
			if (strncmp(p, ents[i][0], strlen(ents[i][0])) == 0)
				break;
		if (*p == '&' && ents[i][0] != NULL) {
			*o++ = ents[i][1][0];
			p += strlen(ents[i][0]);
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return t;
}

/*
 * Text for a topic or place: libical has undone the escapes; control
 * characters (C0, DEL, C1, bidi overrides and isolates, line separators:
 * text.c's rule) become spaces, and only the first line of a topic is
 * kept.
 */
char *
circle_ics_clean_text(struct imp *x, const struct prop *pr, const char *s, int first_line)
{
	const char	*name = icalproperty_get_property_name(pr->p);
	char		*t, *p, *html;
	size_t		 n, cut, len;
	int		 more = 0, ctl = 0;

	html = first_line ? html_text(s) : NULL;
	if (html != NULL)
		s = html;
	if (first_line && (s = topic_line(s, &more)) == NULL) {
		free(html);
		return NULL;
	}
	while (isspace((unsigned char)*s))
		s++;
	t = p = circle_xstrdup(s);
	for (; *s != '\0'; s++) {
		if (*s == '\n' && first_line)
			break;
		len = char_len(s);
		if ((unsigned char)*s < 0x20 ||
		    circle_control_at(s, len, 0, NULL) == 0) {
			ctl |= *s != '\t' && *s != '\r' && *s != '\n';
			if (p > t && p[-1] != ' ')
				*p++ = ' ';
			s += len - 1;
			continue;
		}
		*p++ = *s;
	}
	while (p > t && p[-1] == ' ')
		p--;
	*p = '\0';
	free(html);
	if (more)
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: only its first "
		    "line is kept", x->name, pr->line, name);
	if (ctl)
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: control "
		    "characters made spaces", x->name, pr->line, name);
	if ((n = strlen(t)) > TEXT_MAX) {
		for (cut = TEXT_MAX; cut > 0 &&
		    ((unsigned char)t[cut] & 0xc0) == 0x80; cut--)
			;
		t[cut] = '\0';
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: longer than %d "
		    "bytes; cut short", x->name, pr->line, name, TEXT_MAX);
	}
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/*
 * An event's SUMMARY for messages, at most 64 bytes shown; NULL: none.
 * An event with a problem was not read to its end: then its SUMMARY line.
 */
char *
circle_ics_event_name(const struct event *ev)
{
	const char	*sum = ev->summary;
	char		 name[64 + 1];
	size_t		 i, n;

	for (i = 0; sum == NULL && i < ev->nprops; i++)
		if (icalproperty_isa(ev->props[i].p) == ICAL_SUMMARY_PROPERTY)
			sum = icalproperty_get_summary(ev->props[i].p);
	if (sum == NULL || *sum == '\0')
		return NULL;
	if ((n = strlen(sum)) > 64)
		for (n = 61; n > 0 && ((unsigned char)sum[n] & 0xc0) == 0x80;
		    n--)
			;
	snprintf(name, sizeof name, "%.*s%s", (int)n, sum, sum[n] != '\0' ?
	    "..." : "");
	return circle_text_visible(name);
}

/* An event for messages: "\"Name\" (UID x)", or "UID x" without a name. */
char *
circle_ics_event_said(const struct event *ev)
{
	char	*name = circle_ics_event_name(ev), *s;

	if (name == NULL)
		circle_xasprintf(&s, "UID %.64s", ev->uid);
	else
		circle_xasprintf(&s, "\"%s\" (UID %.64s)", name, ev->uid);
	free(name);
	return s;
}

/*
 * --match: an event (with its overrides) whose SUMMARY does not hold the
 * words, folded, is left out; how many, said once.  A whole calendar
 * exported from Google or Outlook holds more than the group's meetings.
 */
void
circle_ics_unmatched(struct imp *x)
{
	struct event	*ev;
	char		*want, *got;
	size_t		 i, k, n = 0;

	if (x->o->match == NULL)
		return;
	want = circle_name_fold(x->o->match);
	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if (ev->master != NULL)
			continue;
		got = circle_name_fold(ev->summary != NULL ? ev->summary : "");
		if (strstr(got, want) == NULL) {
			ev->skip = 1;
			for (k = 0; k < ev->noverrides; k++)
				ev->overrides[k]->skip = 1;
			n++;
		}
		free(got);
	}
	free(want);
	x->r->left_out += n;
	if (n > 0)
		circle_ics_note(&x->pre, &x->npre, "%s: %zu event%s left out: "
		    "%s SUMMARY does not hold \"%s\" (--match)", x->name, n,
		    n == 1 ? "" : "s", n == 1 ? "its" : "their", x->o->match);
}

/* An event's SUMMARY folded, and how many events have it. */
struct title {
	char		*fold;		/* owned */
	const struct event *ev;		/* the first with it */
	size_t		 n;
};

static int
by_fold(const void *a, const void *b)
{
	const struct title	*p = a, *q = b;

	return strcmp(p->fold, q->fold);
}

static int
by_count(const void *a, const void *b)
{
	const struct title	*p = a, *q = b;

	return p->n < q->n ? 1 : p->n > q->n ? -1 : strcmp(p->fold, q->fold);
}

/* Does a word of at least three letters of t[0] stand in every title? */
static int
titles_share(const struct title *t, size_t n)
{
	const char	*w = t[0].fold, *e;
	char		 word[66];
	size_t		 i, len;

	for (; *w != '\0'; w = *e != '\0' ? e + 1 : e) {
		e = w + strcspn(w, " ");
		if ((len = (size_t)(e - w)) < 3 || len >= sizeof word - 2)
			continue;
		snprintf(word, sizeof word, "%.*s", (int)len, w);
		for (i = 1; i < n && strstr(t[i].fold, word) != NULL; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * Without --match, events of several titles that share no word (a
 * doctor's appointment, a supervision call and the group's meetings) are
 * most likely a whole calendar's: said, the three most frequent named,
 * with what to do.  Each event that is to be sessions counts once.
 */
void
circle_ics_titles(struct imp *x)
{
	struct title	*t;
	struct event	*ev;
	char		*name[3];
	size_t		 i, n = 0, k;

	if (x->o->match != NULL || x->nev < TITLES_MANY)
		return;
	t = circle_xcalloc(x->nev, sizeof *t);
	for (i = 0; i < x->nev; i++) {
		ev = &x->ev[i];
		if (ev->skip || ev->problem != NULL || ev->master != NULL ||
		    ev->summary == NULL || *ev->summary == '\0')
			continue;
		t[n].fold = circle_name_fold(ev->summary);
		t[n].ev = ev;
		t[n++].n = 1;
	}
	if (n > 1)
		qsort(t, n, sizeof *t, by_fold);
	for (i = 1, k = n > 0; i < n; i++) {
		if (strcmp(t[i].fold, t[k - 1].fold) == 0) {
			t[k - 1].n++;
			free(t[i].fold);
		} else
			t[k++] = t[i];
	}
	if (k >= TITLES_MANY && !titles_share(t, k)) {
		qsort(t, k, sizeof *t, by_count);
		for (i = 0; i < 3; i++)
			name[i] = circle_ics_event_name(t[i].ev);
		circle_ics_note(&x->pre, &x->npre, "%s: events of %zu titles "
		    "(SUMMARY) with no word in common, such as \"%s\", \"%s\" "
		    "and \"%s\", are all sessions of %s: if the file is a "
		    "whole calendar, import only the group's with --match "
		    "WORDS of its title ('circle undo' puts an import back)",
		    x->name, k, name[0] != NULL ? name[0] : "",
		    name[1] != NULL ? name[1] : "", name[2] != NULL ?
		    name[2] : "", x->ghandle);
		for (i = 0; i < 3; i++)
			free(name[i]);
	}
	for (i = 0; i < k; i++)
		free(t[i].fold);
	free(t);
}

/* A DTSTART or DTEND for messages: "2055-03-08 19:00", its zone if asked. */
void
circle_ics_when_shown(const struct when *w, int zone, char *buf, size_t size)
{
	snprintf(buf, size, "%.10s%s%.5s%s%s", w->local, w->date ? "" : " ",
	    w->date ? "" : w->local + 11, zone ? " " : "", !zone ? "" :
	    w->tzid[0] != '\0' ? w->tzid : "with no zone");
}

/* A habit of invalid files, said once: its first line, how many more. */
static void
note_habit(struct imp *x, size_t n, size_t line, const char *what)
{
	char	more[64];

	if (n == 0)
		return;
	more[0] = '\0';
	if (n > 1)
		snprintf(more, sizeof more, " (and %zu more like it)", n - 1);
	circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s%s", x->name, line,
	    what, more);
}

void
circle_ics_note_habits(struct imp *x)
{
	char	what[200];

	snprintf(what, sizeof what, "%s: TZID=%s and a UTC time (Z) together, "
	    "which RFC 5545 forbids; read as UTC, as most calendars read it",
	    x->zoned_z_name, x->zoned_z_tzid);
	note_habit(x, x->zoned_z, x->zoned_z_line, what);
	note_habit(x, x->float_until, x->float_until_line, "RRULE: UNTIL has "
	    "no Z but DTSTART has a zone, which RFC 5545 forbids; read as UTC, "
	    "as ical.js reads it: west of UTC that leaves out a last session "
	    "libical keeps, so check the last one");
	note_habit(x, x->count_until, x->count_until_line, "RRULE: COUNT and "
	    "UNTIL together, which RFC 5545 forbids; read by its COUNT, since "
	    "an UNTIL written beside one is often a zone out");
	note_habit(x, x->count_zero, x->count_zero_line, "RRULE: COUNT=0, "
	    "which Apple Calendar and Tasks.org write for a rule that ends by "
	    "its UNTIL or not at all; read so");
	snprintf(what, sizeof what, "%s, no length; the session lasts the "
	    "group's usual %d minutes", x->no_length_what, x->gduration);
	note_habit(x, x->no_length, x->no_length_line, what);
	note_habit(x, x->no_uid, x->no_uid_line, "BEGIN:VEVENT: no UID; one "
	    "made of its DTSTART and RRULE, so that importing the file again "
	    "finds the same session");
}
