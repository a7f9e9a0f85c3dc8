/*
 * icslex.c: an iCalendar file split into content lines (RFC 5545, 3.1),
 * here rather than by libical, so that every message names its line and
 * column; the lines of each VEVENT are read by libical, one at a time,
 * and kept with where they stand.  What an event means is icsread.c's.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

#define MAX_DEPTH	8		/* BEGIN inside BEGIN */
#define MAX_EVENTS	100000
#define MAX_PROPS	1000		/* properties of one event */
#define MAX_LINE	(256 * 1024)	/* one unfolded line */
#define MAX_ZONE_TEXT	(64 * 1024)	/* one VTIMEZONE, unfolded */

/* The first problem of an event, as "file:line:col: what". */
void
circle_ics_problem(struct imp *x, struct event *ev, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*what, *s;

	if (ev->problem != NULL)
		return;
	va_start(ap, fmt);
	circle_xvasprintf(&what, fmt, ap);
	va_end(ap);
	circle_xasprintf(&s, "%s:%zu:%zu: %s", x->name, line, col, what);
	free(what);
	ev->problem = s;
}

/* An error of the file at line and column: "file:line:col: what". */
int
circle_ics_error(struct imp *x, size_t line, size_t col, struct circle_err *e,
    const char *fmt, ...)
{
	va_list	ap;
	char	what[600];

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: %s", x->name, line,
	    col, what);
}

/* The reader of content lines: unfolds, numbers, checks bytes. */
struct scan {
	struct imp	*x;
	const char	*buf;
	size_t		 len;
	size_t		 pos;
	size_t		 lineno;	/* of the last physical line read */
	char		*text;		/* owned: the logical line */
	size_t		 tlen;
	size_t		 line;		/* where it began */
	size_t		 begin;		/* and its first byte in buf */
	char		*bad;		/* owned: a problem in its bytes */
	size_t		 badcol;
	size_t		 badline;
	/* Structure. */
	char		 stack[MAX_DEPTH][16];
	size_t		 begun[MAX_DEPTH];
	size_t		 depth;
	int		 seen;		/* BEGIN:VCALENDAR was read */
	int		 done;		/* END:VCALENDAR was read */
	size_t		 ended;		/* its line */
	size_t		 trailing;	/* lines after it */
	size_t		 passed;	/* bad lines outside events */
	size_t		 lastlen;	/* the last physical line's length */
	size_t		 unspaced;	/* lines read as lost folds */
	int		 toolong;	/* text is the first MAX_LINE bytes */
	size_t		 other;		/* VFREEBUSY, VTODO, VJOURNAL */
	char		 other_what[16]; /* the first */
	struct event	*ev;		/* the VEVENT being read */
	struct zone_alias *zone;	/* the VTIMEZONE being read */
};


/*
 * Check one physical line's bytes; the first problem is kept.  UTF-8 is
 * checked on the whole logical line (text_utf8): Outlook folds at 75
 * octets, through the middle of a character.
 */
static void
check_bytes(struct scan *s, const char *p, size_t n)
{
	size_t	i;

	if (s->bad != NULL)
		return;
	for (i = 0; i < n; i++) {
		if (p[i] == '\0') {
			s->bad = circle_xstrdup("a NUL byte");
			break;
		}
		if (((unsigned char)p[i] < 0x20 && p[i] != '\t') ||
		    p[i] == 0x7f) {
			circle_xasprintf(&s->bad, "control character 0x%02x",
			    (unsigned char)p[i]);
			break;
		}
	}
	if (s->bad != NULL) {
		s->badline = s->lineno;
		s->badcol = i + 1;
	}
}

/*
 * The logical line is UTF-8 once unfolded; a bad byte is named by the
 * physical line and column it stands at, found by reading the folds again.
 */
static void
text_utf8(struct scan *s)
{
	const char	*p, *nl;
	size_t		 off, pos, n, skip, lineno;

	/* A line cut at MAX_LINE: not a character cut in two at its end. */
	if (s->toolong && s->text != NULL) {
		for (n = s->tlen; n > 0 && s->tlen - n < 4 &&
		    ((unsigned char)s->text[n - 1] & 0xc0) == 0x80; n--)
			;
		if (n > 0 && (unsigned char)s->text[n - 1] >= 0xc0 &&
		    s->tlen - n + 1 < ((unsigned char)s->text[n - 1] >= 0xf0 ?
		    4u : (unsigned char)s->text[n - 1] >= 0xe0 ? 3u : 2u))
			s->tlen = n - 1;
		s->text[s->tlen] = '\0';
	}
	if (s->bad != NULL || s->text == NULL ||
	    circle_utf8_valid(s->text, s->tlen, &off))
		return;
	circle_xasprintf(&s->bad, "not valid UTF-8 (byte 0x%02X): a calendar "
	    "is UTF-8 (RFC 5545); give --encoding windows-1252 if it came "
	    "from an old Outlook, or export it again",
	    (unsigned char)s->text[off]);
	pos = s->begin;
	lineno = s->line;
	for (skip = 0;; skip = 1, lineno++) {
		p = s->buf + pos;
		nl = memchr(p, '\n', s->len - pos);
		n = nl != NULL ? (size_t)(nl - p) : s->len - pos;
		while (n > 0 && p[n - 1] == '\r')
			n--;
		if (off < n - skip || nl == NULL)
			break;
		off -= n - skip;
		pos += (size_t)(nl - p) + 1;
	}
	s->badline = lineno;
	s->badcol = off + skip + 1;
}

static int	line_name(const char *, char *, size_t, const char **);

/* Whether c may be in a content line's name (line_name). */
static int
name_char(int c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/*
 * Whether the k characters of a name at p are a property's that a
 * calendar has (libical knows it, or it is X-; or it is one of those
 * IANA registered after libical 3.0's list, RFC 9073, 9074 and 9253) or
 * BEGIN or END: a line that begins with another ("https:", "Note:") is
 * text.
 */
static int
property_name(const char *p, size_t k)
{
	static const char *const later[] = { "BEGIN", "END",
	    "CALENDAR-ADDRESS", "LOCATION-TYPE", "PARTICIPANT-TYPE",
	    "RESOURCE-TYPE", "STRUCTURED-DATA", "STYLED-DESCRIPTION",
	    "PROXIMITY", "CONCEPT", "LINK", "REFID", NULL };
	char	name[64];
	size_t	i;

	if (k >= sizeof name)
		return 0;
	memcpy(name, p, k);
	name[k] = '\0';
	for (i = 0; later[i] != NULL; i++)
		if (strcasecmp(name, later[i]) == 0)
			return 1;
	return icalproperty_string_to_kind(name) != ICAL_NO_PROPERTY;
}

/*
 * Whether the physical line p[0..n) is the rest of the text line being
 * built, folded without the space that marks a fold (a calendar pasted
 * into a mail, an editor that trims lines): it follows a long line (a
 * writer folds at 75 octets) of an event's DESCRIPTION, SUMMARY,
 * LOCATION or COMMENT, and is no property's line itself (no NAME: or
 * NAME; at its start of a property_name).  It is read as the rest, said
 * once.
 */
static int
lost_fold(struct scan *s, const char *p, size_t n)
{
	static const char *const texts[] = { "DESCRIPTION", "SUMMARY",
	    "LOCATION", "COMMENT", NULL };
	const char	*value;
	char		 name[64];
	size_t		 k = 0, i;

	if (s->ev == NULL || s->zone != NULL || s->depth != 2 ||
	    s->lastlen < 60 || s->toolong || line_name(s->text, name,
	    sizeof name, &value) == -1)
		return 0;
	for (i = 0; texts[i] != NULL && strcmp(name, texts[i]) != 0; i++)
		;
	if (texts[i] == NULL)
		return 0;
	while (k < n && name_char(p[k]))
		k++;
	if (k == 0 ? n == 0 || p[0] == '\r' : k < n && (p[k] == ':' ||
	    p[k] == ';') && property_name(p, k))
		return 0;
	if (s->unspaced++ == 0)
		circle_ics_note(&s->x->pre, &s->x->npre, "%s:%zu: not a content "
		    "line (NAME:value), after a long %s line: read as the rest "
		    "of it, a line folded without its leading space",
		    s->x->name, s->lineno + 1, name);
	return 1;
}

/*
 * The next logical line: physical lines end in LF or CR LF, and one that
 * begins with a space or tab continues the one before (RFC 5545, 3.1).
 * 1 with a line, 0 at the end.
 */
static int
next_line(struct scan *s)
{
	const char	*p, *nl;
	size_t		 n, skip;
	int		 unspaced;

	free(s->text);
	free(s->bad);
	s->text = NULL;
	s->bad = NULL;
	s->tlen = 0;
	s->toolong = 0;
	while (s->pos < s->len) {
		p = s->buf + s->pos;
		nl = memchr(p, '\n', s->len - s->pos);
		n = nl != NULL ? (size_t)(nl - p) : s->len - s->pos;
		unspaced = 0;
		if ((p[0] == ' ' || p[0] == '\t') && s->text != NULL) {
			/* A continuation: belongs to the line being built. */
		} else if (s->text != NULL && s->bad == NULL &&
		    lost_fold(s, p, n)) {
			unspaced = 1;
		} else if (s->text != NULL) {
			text_utf8(s);
			return 1;
		}
		s->pos += n + (nl != NULL);
		s->lineno++;
		/* CR CR LF: a CRLF file that a program made CRLF again. */
		while (n > 0 && p[n - 1] == '\r')
			n--;
		if (s->text == NULL) {
			/*
			 * A byte order mark where a calendar begins: files
			 * that each had one, put together (cat a.ics b.ics).
			 */
			if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
				p += 3;
				n -= 3;
			}
			if (n == 0)
				continue;	/* blank lines are skipped */
			s->line = s->lineno;
			s->begin = (size_t)(p - s->buf);
			skip = 0;
			if (p[0] == ' ' || p[0] == '\t') {
				check_bytes(s, p, n);
				if (s->bad == NULL) {
					s->bad = circle_xstrdup("a folded line "
					    "with no line before it");
					s->badline = s->lineno;
					s->badcol = 1;
				}
			}
		} else
			skip = !unspaced;
		s->lastlen = n;
		check_bytes(s, p, n);
		if (s->tlen + n - skip > MAX_LINE) {
			/* Its start is kept, to say what it is (lex_line). */
			s->toolong = 1;
			if (s->text == NULL)
				s->text = circle_xstrdup("");
			continue;
		}
		s->text = circle_xrealloc(s->text, s->tlen + n - skip + 1);
		memcpy(s->text + s->tlen, p + skip, n - skip);
		s->tlen += n - skip;
		s->text[s->tlen] = '\0';
	}
	text_utf8(s);
	return s->text != NULL || s->bad != NULL;
}

/*
 * The name of a content line, upper-cased, and where its value begins.
 * A name with an underscore, which RFC 5545 has none of, is a name too:
 * Outlook for Mac writes X-ENTOURAGE_UID in every event.
 */
static int
line_name(const char *t, char *name, size_t size, const char **value)
{
	size_t	n = 0;

	while (name_char(t[n])) {
		if (n + 1 < size)
			name[n] = (char)toupper((unsigned char)t[n]);
		n++;
	}
	if (n == 0 || n >= size || (t[n] != ':' && t[n] != ';'))
		return -1;
	name[n] = '\0';
	*value = strchr(t + n, ':');
	if (*value == NULL)
		return -1;
	(*value)++;
	return 0;
}

#define SPREADSHEET	"as a spreadsheet program (Excel, LibreOffice Calc) " \
	"writes each line of a file it saved as CSV; export the calendar " \
	"again from the calendar program"

/*
 * Whether a line is one a spreadsheet program wrote: in double quotes
 * ("DESCRIPTION:tea, cake": a line with a comma or a quote in it), or a
 * BEGIN or END with commas after it ("BEGIN:VCALENDAR,,": rows made as
 * wide as the widest).  Spaces or tabs alone after it are how some
 * writers end the line, and are read.  No content line begins with a
 * quote, and a component's name has no comma in it.
 */
static int
spreadsheet_line(const char *t)
{
	char		 name[64];
	const char	*value;
	size_t		 n;

	if (t == NULL)
		return 0;
	if (*t == '"')
		return line_name(t + 1, name, sizeof name, &value) == 0;
	if (line_name(t, name, sizeof name, &value) == -1 ||
	    (strcmp(name, "BEGIN") != 0 && strcmp(name, "END") != 0))
		return 0;
	n = strcspn(value, ",; \t");
	return n > 0 && strcspn(value + n, ",;") < strlen(value + n) &&
	    value[n + strspn(value + n, ",; \t")] == '\0';
}

/*
 * Whether a line before any BEGIN:VCALENDAR is a mail's: a header
 * ("Content-Type: text/calendar", "From: ...") or a MIME boundary, as an
 * invitation saved with its mail, or its attachment with its part's
 * headers, begins.
 */
static int
mail_line(const char *t)
{
	static const char *const headers[] = { "Content-Type:",
	    "Content-Transfer-Encoding:", "Content-Disposition:",
	    "MIME-Version:", "From:", "To:", "Subject:", "Date:", "Received:",
	    "Return-Path:", "Message-ID:", "Delivered-To:", "Reply-To:", NULL };
	size_t	i;

	if (t == NULL)
		return 0;
	if (strncmp(t, "--", 2) == 0 && t[2] != '\0' && t[2] != ' ')
		return 1;
	for (i = 0; headers[i] != NULL; i++)
		if (strncasecmp(t, headers[i], strlen(headers[i])) == 0)
			return 1;
	return 0;
}

/* Column of "TZID=" in a line, for messages about zones. */
static size_t
tzid_col(const char *t)
{
	const char	*p;

	for (p = t; *p != '\0' && *p != ':'; p++)
		if (strncasecmp(p, ";TZID=", 6) == 0)
			return (size_t)(p - t) + 2;
	return 1;
}

/*
 * The properties of an event a session is made of, its SUMMARY for
 * --match and warnings, Outlook's all-day flag, and where Teams, Google
 * Meet and others put a meeting's online link; every other line (ATTENDEE, CATEGORIES, X-..., X-LIC-ERROR,
 * names no RFC knows) is left unread, however it is written.
 */
static int
line_wanted(const char *name)
{
	static const char *const wanted[] = { "UID", "DTSTART", "DTEND",
	    "DURATION", "RECURRENCE-ID", "RRULE", "EXDATE", "RDATE", "STATUS",
	    "SEQUENCE", "LOCATION", "DESCRIPTION", "SUMMARY",
	    "X-MICROSOFT-CDO-ALLDAYEVENT", "URL", "CONFERENCE",
	    "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-GOOGLE-CONFERENCE", NULL };
	size_t	i;

	for (i = 0; wanted[i] != NULL; i++)
		if (strcmp(name, wanted[i]) == 0)
			return 1;
	return 0;
}

/*
 * A parameter circle reads, with a value it knows: others (LANGUAGE,
 * ALTREP, X-..., a VALUE or RANGE no RFC names) say nothing of when a
 * meeting is, and libical would refuse an unknown value.
 */
static int
param_wanted(const char *p, size_t n)
{
	static const char *const wanted[] = { "TZID=", "VALUE=DATE",
	    "VALUE=DATE-TIME", "VALUE=PERIOD", "VALUE=TEXT", "VALUE=INTEGER",
	    "VALUE=RECUR", "VALUE=DURATION", "RANGE=THISANDFUTURE", NULL };
	size_t	i, k;

	for (i = 0; wanted[i] != NULL; i++) {
		k = strlen(wanted[i]);
		if (n >= k && strncasecmp(p, wanted[i], k) == 0 &&
		    (wanted[i][k - 1] == '=' || n == k))
			return 1;
	}
	return 0;
}

/*
 * A line as libical is to read it: its name, the parameters circle reads,
 * its value.  Quoted parameter values may hold ';' and ':'.  NULL when
 * the value is empty: RFC 5545 allows empty text, and an empty value says
 * nothing, so the line is as if it were not there.
 */
static char *
line_kept(const char *t, size_t namelen)
{
	const char	*p = t + namelen, *q;
	char		*out;
	size_t		 n;
	int		 quoted;

	out = circle_xmalloc(strlen(t) + 1);
	memcpy(out, t, namelen);
	n = namelen;
	while (*p == ';') {
		for (q = p + 1, quoted = 0; *q != '\0' &&
		    (quoted || (*q != ';' && *q != ':')); q++)
			if (*q == '"')
				quoted = !quoted;
		if (param_wanted(p + 1, (size_t)(q - p - 1))) {
			memcpy(out + n, p, (size_t)(q - p));
			n += (size_t)(q - p);
		}
		p = q;
	}
	if (*p != ':' || p[1] == '\0') {
		free(out);
		return NULL;
	}
	strcpy(out + n, p);
	return out;
}

/*
 * libical's reason a line cannot be read, as " (reason)", less what
 * libical would do with it: it removes the property, where circle
 * refuses the event.
 */
static void
lic_reason(char *why, size_t size, const char *lic)
{
	static const char	 removing[] = ". Removing entire property";
	const char		*cut;

	if ((cut = strstr(lic, removing)) != NULL)
		snprintf(why, size, " (%.*s%s)", (int)(cut - lic), lic,
		    cut + sizeof removing - 1);
	else
		snprintf(why, size, " (%s)", lic);
}

/* Only spaces or tabs left: the end of a value. */
static int
blank(const char *v)
{
	return v[strspn(v, " \t")] == '\0';
}

/*
 * A DURATION as RFC 5545 (3.3.6) writes one: P, then weeks, or days
 * and/or T with hours, minutes and seconds in that order, each number
 * with its unit; letters in either case, as RFC 5234 strings are.
 * libical reads "PT1H30" as an hour and "PT" as no time, so the length
 * it would guess is refused here first.
 */
static int
duration_ok(const char *v)
{
	const char	*units = "HMS", *u;
	int		 any = 0, c;

	v += *v == '+' || *v == '-';
	if (toupper((unsigned char)*v++) != 'P')
		return 0;
	if (isdigit((unsigned char)*v)) {
		v += strspn(v, "0123456789");
		c = toupper((unsigned char)*v++);
		if (c == 'W' || (c == 'D' && blank(v)))
			return blank(v);
		if (c != 'D')
			return 0;
	}
	if (toupper((unsigned char)*v++) != 'T')
		return 0;
	while (isdigit((unsigned char)*v)) {
		v += strspn(v, "0123456789");
		c = toupper((unsigned char)*v++);
		if (c == '\0' || (u = strchr(units, c)) == NULL)
			return 0;
		units = u + 1;
		any = 1;
	}
	return any && blank(v);
}

/*
 * A DTEND or DURATION, said as a length: an empty one gives none (the
 * event then lasts the group's usual length, and says so); a DURATION
 * libical would misread is the event's problem, and one in small
 * letters is read as in capitals.  0: read it; -1: not.
 */
static int
length_line(struct scan *s, const char *name, char *kept)
{
	char	*v;

	if (kept == NULL) {
		if (s->ev->empty_len == 0) {
			s->ev->empty_len = s->line;
			s->ev->empty_len_name = name[1] == 'T' ? "DTEND" :
			    "DURATION";
			if (s->ev->minutes == 0)
				s->ev->minutes = DURATION_NONE;
		}
		return -1;
	}
	if (strcmp(name, "DURATION") != 0)
		return 0;
	v = strchr(kept + strlen(name), ':') + 1;
	if (!duration_ok(v)) {
		circle_ics_problem(s->x, s->ev, s->line, (size_t)(strchr(
		    s->text + strlen(name), ':') - s->text) + 2,
		    "DURATION: \"%.40s\" is not a length as RFC 5545 writes "
		    "one, each number with its unit (PT1H30M, PT90M, P1D)",
		    v);
		return -1;
	}
	for (; *v != '\0'; v++)
		*v = (char)toupper((unsigned char)*v);
	return 0;
}

/* The part of a rule at p taken out of its line (";" or ":" before it). */
static void
rule_part_out(char *p)
{
	char	*q = p + strcspn(p, ";");

	if (*q == ';')
		memmove(p, q + 1, strlen(q + 1) + 1);
	else
		p[-1] = '\0';
}

/*
 * An RRULE with COUNT and UNTIL both, which RFC 5545 forbids and libical
 * refuses (DDay.iCal's booking tools, Outlook CalDAV Synchronizer write
 * them): read by its COUNT, exact where the UNTIL they work out from it
 * is often in the wrong zone; said once an import.  COUNT=0, which
 * libical refuses too, is Apple Calendar's and Tasks.org's rule that
 * does not end by its count ("forever", or beside its UNTIL): read
 * without it, said once.  The part left is taken out of kept, the line
 * as libical is to read it.
 */
static void
count_and_until(struct scan *s, char *kept)
{
	char	*v, *p, *q, *until = NULL, *count = NULL;
	size_t	 zeros;

	if ((v = strchr(kept, ':')) == NULL)
		return;
	for (p = v + 1; *p != '\0'; p = *q == ';' ? q + 1 : q) {
		q = p + strcspn(p, ";");
		if (strncasecmp(p, "COUNT=", 6) == 0)
			count = p;
		else if (strncasecmp(p, "UNTIL=", 6) == 0)
			until = p;
	}
	/* Not a rule of COUNT=0 alone: nothing would be left of it. */
	zeros = count != NULL ? strspn(count + 6, "0") : 0;
	if (zeros > 0 && (count[6 + zeros] == ';' ||
	    count[6 + zeros] == '\0') && (count != v + 1 ||
	    (count[6 + zeros] == ';' && count[7 + zeros] != '\0'))) {
		rule_part_out(count);
		if (s->x->count_zero++ == 0)
			s->x->count_zero_line = s->line;
		return;
	}
	if (count == NULL || until == NULL)
		return;
	rule_part_out(until);
	if (s->x->count_until++ == 0)
		s->x->count_until_line = s->line;
}

/*
 * One content line of a VEVENT, read by libical: a line of several values
 * (EXDATE:a,b) gives several properties.  A line libical cannot read makes
 * the event bad, with libical's reason.
 */
static void
event_line(struct scan *s, const char *name)
{
	struct event	*ev = s->ev;
	icalcomponent	*c;
	icalproperty	*p;
	char		*wrap, *kept, why[200];

	if (!line_wanted(name))
		return;
	kept = line_kept(s->text, strlen(name));
	if ((strcmp(name, "DTEND") == 0 || strcmp(name, "DURATION") == 0) &&
	    length_line(s, name, kept) == -1) {
		free(kept);
		return;
	}
	if (kept == NULL)
		return;
	if (strcmp(name, "RRULE") == 0)
		count_and_until(s, kept);
	if (ev->nprops >= MAX_PROPS) {
		free(kept);
		circle_ics_problem(s->x, ev, s->line, 1, "more than %d lines "
		    "in one event", MAX_PROPS);
		return;
	}
	circle_xasprintf(&wrap, "BEGIN:VEVENT\r\n%s\r\nEND:VEVENT\r\n",
	    kept);
	free(kept);
	c = icalparser_parse_string(wrap);
	free(wrap);
	if (c == NULL) {
		circle_ics_problem(s->x, ev, s->line, 1, "%s: cannot be read",
		    name);
		return;
	}
	if (icalcomponent_count_errors(c) > 0) {
		why[0] = '\0';
		if ((p = icalcomponent_get_first_property(c,
		    ICAL_XLICERROR_PROPERTY)) != NULL)
			lic_reason(why, sizeof why,
			    icalproperty_get_xlicerror(p));
		circle_ics_problem(s->x, ev, s->line, 1, "%s: cannot be read%s",
		    name, why);
		icalcomponent_free(c);
		return;
	}
	while ((p = icalcomponent_get_first_property(c,
	    ICAL_ANY_PROPERTY)) != NULL) {
		icalcomponent_remove_property(c, p);
		ev->props = circle_xgrow(ev->props, ev->nprops,
		    sizeof *ev->props);
		ev->props[ev->nprops].p = p;
		ev->props[ev->nprops].line = s->line;
		ev->props[ev->nprops++].col = tzid_col(s->text);
	}
	icalcomponent_free(c);
}

/* A VTIMEZONE's lines, kept for icszone.c to read whole. */
static void
zone_text(struct zone_alias *z, const char *t)
{
	size_t	had = strlen(z->text), n = strlen(t);

	if (had + n + 2 > MAX_ZONE_TEXT)
		return;
	z->text = circle_xrealloc(z->text, had + n + 2);
	memcpy(z->text + had, t, n);
	memcpy(z->text + had + n, "\n", 2);
}

static void
zone_line(struct scan *s, const char *name, const char *value)
{
	struct zone_alias	*z = s->zone;

	if (strcmp(name, "TZID") == 0 && z->tzid == NULL)
		z->tzid = circle_xstrndup(value, TZID_MAX);
	else if (strcmp(name, "X-LIC-LOCATION") == 0 && z->location == NULL)
		z->location = circle_xstrndup(value, 64);
}

static int
on_begin(struct scan *s, const char *what, struct circle_err *e)
{
	struct imp	*x = s->x;

	if (s->done && strcmp(what, "VCALENDAR") != 0)
		return circle_ics_error(s->x, s->line, 1, e, "BEGIN:%s after "
		    "END:VCALENDAR (line %zu): outside any calendar", what,
		    s->ended);
	if (s->depth == 0 && strcmp(what, "VCALENDAR") != 0)
		return circle_ics_error(s->x, s->line, 1, e, "BEGIN:%s: "
		    "expected BEGIN:VCALENDAR", what);
	if (s->depth > 0 && strcmp(what, "VCALENDAR") == 0)
		return circle_ics_error(s->x, s->line, 1, e, "BEGIN:VCALENDAR "
		    "inside BEGIN:%s (line %zu)", s->stack[s->depth - 1],
		    s->begun[s->depth - 1]);
	if (s->depth == MAX_DEPTH)
		return circle_ics_error(s->x, s->line, 1, e, "components "
		    "nested more than %d deep", MAX_DEPTH);
	snprintf(s->stack[s->depth], sizeof s->stack[s->depth], "%s", what);
	s->begun[s->depth++] = s->line;
	s->seen = 1;
	if (s->depth == 1) {
		/* Several calendars one after another (cat a.ics b.ics,
		 * some exports): each is read, with its own VTIMEZONEs. */
		s->done = 0;
		x->cals = circle_xgrow(x->cals, (size_t)x->ncal,
		    sizeof *x->cals);
		memset(&x->cals[x->ncal++], 0, sizeof *x->cals);
	}
	if (s->depth == 2 && strcmp(what, "VEVENT") == 0) {
		if (x->nev == MAX_EVENTS)
			return circle_ics_error(s->x, s->line, 1, e,
			    "more than %d events", MAX_EVENTS);
		x->ev = circle_xgrow(x->ev, x->nev, sizeof *x->ev);
		s->ev = &x->ev[x->nev++];
		memset(s->ev, 0, sizeof *s->ev);
		s->ev->line = s->line;
		s->ev->cal = x->ncal - 1;
	} else if (s->depth == 2 && (strcmp(what, "VFREEBUSY") == 0 ||
	    strcmp(what, "VTODO") == 0 || strcmp(what, "VJOURNAL") == 0)) {
		if (s->other++ == 0)
			snprintf(s->other_what, sizeof s->other_what, "%s",
			    what);
	} else if (s->depth == 2 && strcmp(what, "VTIMEZONE") == 0) {
		x->zones = circle_xgrow(x->zones, x->nzones,
		    sizeof *x->zones);
		s->zone = &x->zones[x->nzones++];
		memset(s->zone, 0, sizeof *s->zone);
		s->zone->cal = x->ncal - 1;
		s->zone->line = s->line;
		s->zone->text = circle_xstrdup("BEGIN:VTIMEZONE\n");
	}
	return 0;
}

static int
on_end(struct scan *s, const char *what, struct circle_err *e)
{
	if (s->depth == 0)
		return circle_ics_error(s->x, s->line, 1, e, "END:%s without a "
		    "BEGIN", what);
	if (strcmp(s->stack[s->depth - 1], what) != 0)
		return circle_ics_error(s->x, s->line, 1, e, "END:%s does not "
		    "end BEGIN:%s (line %zu)", what, s->stack[s->depth - 1],
		    s->begun[s->depth - 1]);
	if (--s->depth == 1) {
		s->ev = NULL;
		s->zone = NULL;
	} else if (s->depth == 0) {
		s->done = 1;
		s->ended = s->line;
	}
	return 0;
}

/*
 * A calendar's METHOD (RFC 5546): CANCEL cancels each event in it, as an
 * invitation's cancellation from Outlook, Teams or Zoom means even when
 * its events say no STATUS; a reply or counter-proposal is no calendar.
 */
static int
calendar_method(struct scan *s, const char *value, struct circle_err *e)
{
	static const char *const answers[] = { "REPLY", "COUNTER",
	    "DECLINECOUNTER", "REFRESH", NULL };
	size_t	i;

	if (strcasecmp(value, "CANCEL") == 0)
		s->x->cals[s->x->ncal - 1].cancel = 1;
	for (i = 0; answers[i] != NULL; i++)
		if (strcasecmp(value, answers[i]) == 0)
			return circle_ics_error(s->x, s->line, 1, e,
			    "METHOD:%s: an answer to an invitation, not a "
			    "calendar of meetings; import the invitation or "
			    "the calendar itself", answers[i]);
	return 0;
}

/*
 * A line that is not a content line but has a value, outside events and
 * zones, which circle does not read (a calendar's property with spaces in
 * its name): passed over.  Not one that may be a BEGIN or END, which
 * would leave an event out.
 */
static int
passable(const char *text)
{
	while (*text == ' ' || *text == '\t')
		text++;
	return strchr(text, ':') != NULL && strncasecmp(text, "BEGIN", 5) !=
	    0 && strncasecmp(text, "END", 3) != 0;
}

/* One logical line: structure, or a property of an event or zone. */
/*
 * A line longer than MAX_LINE that circle would not read anyway: an
 * event's attachment written into the file (ATTACH;ENCODING=BASE64, as
 * Outlook and Apple Calendar save them), its HTML (X-ALT-DESC), a long X-
 * line of the calendar's.  Passed over as they are when short.
 */
static int
long_unread(const struct scan *s, const char *name)
{
	if (s->zone != NULL || s->done)
		return 0;
	if (s->ev != NULL)
		return s->depth != 2 || !line_wanted(name);
	return s->depth == 1 && strncmp(name, "X-", 2) == 0;
}

static int
lex_line(struct scan *s, struct circle_err *e)
{
	const char	*value = NULL;
	char		 name[64], what[16];
	size_t		 n, len;
	int		 bad;

	bad = s->text == NULL || line_name(s->text, name, sizeof name,
	    &value) == -1;
	if (s->bad == NULL && spreadsheet_line(s->text))
		return circle_ics_error(s->x, s->line, 1, e, "%.40s%s: %s, "
		    SPREADSHEET, s->text, strlen(s->text) > 40 ? "..." : "",
		    *s->text == '"' ? "in double quotes" : "commas after it");
	if (!s->seen && s->bad == NULL && mail_line(s->text))
		return circle_ics_error(s->x, s->line, 1, e, "not an iCalendar "
		    "file but a mail's text (\"%.60s%s\"), as a mail program "
		    "saves a message or its part; save the invitation's "
		    ".ics attachment itself and import that", s->text,
		    strlen(s->text) > 60 ? "..." : "");
	if (s->toolong && s->bad == NULL) {
		if (!bad && long_unread(s, name))
			return 0;
		if (!bad && s->ev != NULL && strcmp(name, "DESCRIPTION") == 0) {
			/* Its start: the topic is its first line. */
			while (s->tlen > 0 && s->text[s->tlen - 1] == '\\')
				s->text[--s->tlen] = '\0';
		} else if (!bad && s->ev != NULL && s->depth == 2) {
			/* A line of the event's own it reads: its problem. */
			circle_ics_problem(s->x, s->ev, s->line, 1, "%s: a line "
			    "longer than %d KiB", name, MAX_LINE / 1024);
			return 0;
		} else {
			circle_xasprintf(&s->bad, "a line longer than %d KiB",
			    MAX_LINE / 1024);
			s->badline = s->line;
			s->badcol = 1;
		}
	}
	if (s->done && (bad || strcmp(name, "BEGIN") != 0)) {
		/* A mail's signature, padding: passed over, said once. */
		if (s->trailing++ == 0)
			circle_ics_note(&s->x->pre, &s->x->npre, "%s:%zu: text "
			    "after END:VCALENDAR passed over", s->x->name,
			    s->line);
		return 0;
	}
	if (s->zone != NULL && s->bad == NULL && !bad)
		zone_text(s->zone, s->text);
	if (!bad && (strcmp(name, "BEGIN") == 0 || strcmp(name, "END") == 0)) {
		/* "END:VEVENT " as some generators write it. */
		for (len = strlen(value); len > 0 && (value[len - 1] == ' ' ||
		    value[len - 1] == '\t'); len--)
			;
		for (n = 0; n < len && n + 1 < sizeof what; n++)
			what[n] = (char)toupper((unsigned char)value[n]);
		what[n] = '\0';
		if (s->bad != NULL || n == 0 || n != len)
			return circle_ics_error(s->x, s->line, 1, e, "%s: not "
			    "a component name", name);
		return name[0] == 'B' ? on_begin(s, what, e) :
		    on_end(s, what, e);
	}
	if (!s->seen)
		return circle_ics_error(s->x, s->line, 1, e, "not an iCalendar "
		    "file: the first line is not BEGIN:VCALENDAR");
	if (s->ev != NULL) {
		if (s->bad != NULL) {
			/* Its own advice, when it is the problem kept. */
			if (s->ev->problem == NULL)
				s->ev->advised = 1;
			circle_ics_problem(s->x, s->ev, s->badline, s->badcol,
			    "%s", s->bad);
		} else if (bad)
			circle_ics_problem(s->x, s->ev, s->line, 1,
			    "not a content line (NAME:value)");
		else if (s->depth == 2)
			event_line(s, name);
		return 0;
	}
	if (s->bad != NULL)
		return circle_ics_error(s->x, s->badline, s->badcol, e, "%s",
		    s->bad);
	if (bad && s->text != NULL && s->zone == NULL && passable(s->text)) {
		/* "REFRESH - INTERVAL; VALUE = DURATION:PT48H": not read. */
		if (s->passed++ == 0)
			circle_ics_note(&s->x->pre, &s->x->npre, "%s:%zu: not "
			    "a content line (NAME:value), outside any event; "
			    "passed over", s->x->name, s->line);
		return 0;
	}
	if (bad)
		return circle_ics_error(s->x, s->line, 1, e, "not a content "
		    "line (NAME:value)");
	if (s->zone != NULL && s->depth == 2)
		zone_line(s, name, value);
	else if (s->depth == 1 && strcmp(name, "X-WR-TIMEZONE") == 0 &&
	    value[strspn(value, " \t")] != '\0' &&	/* empty: none */
	    s->x->cals[s->x->ncal - 1].wrtz == NULL) {
		s->x->cals[s->x->ncal - 1].wrtz = circle_xstrndup(value, 64);
		if (s->x->wrtz == NULL)
			s->x->wrtz = circle_xstrndup(value, 64);
	}
	else if (s->depth == 1 && strcmp(name, "METHOD") == 0)
		return calendar_method(s, value, e);
	else if (s->depth == 1 && strcmp(name, "VERSION") == 0 &&
	    strcmp(value, "1.0") == 0)
		/* Its rules (W1 TU #4), QUOTED-PRINTABLE: not RFC 5545. */
		return circle_ics_error(s->x, s->line, 1, e, "VERSION:1.0: a "
		    "vCalendar file (.vcs, as Outlook 2003 and old phones save "
		    "them), not iCalendar; save or export it again as "
		    "iCalendar (.ics)");
	return 0;
}

/*
 * A calendar without events: said, since "0 sessions added" alone does
 * not say why.  Free/busy times (Outlook's published free/busy, a
 * calendar shared as "free/busy only") say when someone is busy, not
 * what meets; to-dos and journal entries are no meetings.
 */
static void
no_events(struct scan *s)
{
	if (strcmp(s->other_what, "VFREEBUSY") == 0)
		circle_ics_note(&s->x->pre, &s->x->npre, "%s: no events "
		    "(VEVENT) in the file, only free/busy times (VFREEBUSY), "
		    "which say when someone is busy, not what meets: export or "
		    "share the calendar with its events' details", s->x->name);
	else
		circle_ics_note(&s->x->pre, &s->x->npre, "%s: no events "
		    "(VEVENT) in the file%s%s; nothing to import", s->x->name,
		    s->other > 0 ? ", only " : "", s->other == 0 ? "" :
		    strcmp(s->other_what, "VTODO") == 0 ? "to-dos (VTODO)" :
		    "journal entries (VJOURNAL)");
}

/* Split the file into events and zones; structural errors are fatal. */
int
circle_ics_lex(struct imp *x, const char *buf, size_t len,
    struct circle_err *e)
{
	struct scan	s;
	const char	*bom;
	char		*mended;
	size_t		skip, mlen;
	int		rc = 0;

	memset(&s, 0, sizeof s);
	s.x = x;
	circle_ics_twice_read(x, buf, len, &mended, &mlen);
	if (mended != NULL) {
		buf = mended;
		len = mlen;
	}
	/* A file is UTF-8 by now (circle_ics_import_file); a buffer is. */
	bom = circle_text_bom((const unsigned char *)buf, len, &skip);
	s.buf = buf;
	s.len = len;
	s.pos = bom != NULL && strcmp(bom, "UTF-8") == 0 ? skip : 0;
	while (rc == 0 && next_line(&s))
		rc = lex_line(&s, e);
	if (rc == 0 && !s.seen)
		rc = circle_err_set(e, CIRCLE_EDATA, "%s: not an iCalendar "
		    "file: no BEGIN:VCALENDAR", x->name);
	/*
	 * Only END:VCALENDAR missing: every event is whole, so the file is
	 * read (some writers leave it out); an event cut short is an error.
	 */
	if (rc == 0 && s.depth == 1)
		circle_ics_note(&x->pre, &x->npre, "%s:%zu: BEGIN:VCALENDAR "
		    "has no END:VCALENDAR; read to the end of the file",
		    x->name, s.begun[0]);
	else if (rc == 0 && s.depth > 0)
		rc = circle_ics_error(x, s.begun[s.depth - 1], 1, e, "BEGIN:%s "
		    "has no END:%s", s.stack[s.depth - 1],
		    s.stack[s.depth - 1]);
	if (rc == 0 && x->ncal > 1)
		circle_ics_note(&x->pre, &x->npre, "%s: %d calendars one after "
		    "another; the events of all are read", x->name, x->ncal);
	if (rc == 0 && x->nev == 0)
		no_events(&s);
	free(s.text);
	free(s.bad);
	free(mended);
	return rc;
}
