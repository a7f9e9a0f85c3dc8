/*
 * icslink.c: a meeting's online link, from whichever of an event's lines
 * gives it (Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL, CONFERENCE, Google's
 * X-GOOGLE-CONFERENCE, URL, a LOCATION that is only a link, a meeting
 * service's link in the DESCRIPTION), the best kept; the other X- lines
 * icslex.c keeps (Outlook's all-day flag); and the text that only names
 * the online meeting (a LOCATION "Microsoft Teams Meeting", a Zoom
 * invitation's first line), which is no place and no topic.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libical/ical.h>

#include "circle-priv.h"
#include "icsimport.h"

/*
 * A link offered by one of an event's lines: kept when it is the best
 * so far.  A line break or control character in it is a problem (libical
 * writes URI values raw: it would make lines of its own in an export);
 * a value that is no http(s) link (an Apple Mail message: link, a SIP
 * address) is not kept, said when quiet is 0.
 */
int
circle_ics_offer_link(struct imp *x, struct event *ev, const struct prop *pr,
    const char *s, int from, int quiet)
{
	const char	*name = icalproperty_get_property_name(pr->p);

	if (s == NULL || *s == '\0')
		return 0;
	if (strpbrk(s, "\r\n") != NULL || circle_has_control(s)) {
		circle_ics_problem(x, ev, pr->line, 1, "%s: a line break or "
		    "control character in a link", name);
		return -1;
	}
	if (!circle_url_valid(s)) {
		if (!quiet)
			circle_ics_note(&x->pre, &x->npre, "%s:%zu: %s: not an "
			    "http or https link; not kept", x->name, pr->line,
			    name);
		return 0;
	}
	if (ev->link != NULL && ev->link_from <= from)
		return 0;
	free(ev->link);
	ev->link = circle_xstrdup(s);
	ev->link_from = from;
	return 0;
}

/*
 * Is this link's host a meeting service's?  Its invitation text names
 * other links too (help pages, a dial-in list, a privacy policy).
 */
static int
meeting_host(const char *url)
{
	static const char *const hosts[] = { "teams.microsoft.com",
	    "teams.live.com", "meet.google.com", "zoom.us", "webex.com",
	    "meet.jit.si", "whereby.com", "gotomeeting.com", "meet.goto.com",
	    "chime.aws", "bluejeans.com", NULL };
	const char	*h = strstr(url, "://") + 3;
	size_t		 n = strcspn(h, "/?#:"), k, i;

	for (i = 0; hosts[i] != NULL; i++) {
		k = strlen(hosts[i]);
		if (n >= k && strncasecmp(h + n - k, hosts[i], k) == 0 &&
		    (n == k || h[n - k - 1] == '.'))
			return 1;
	}
	return 0;
}

/*
 * A link in an HTML DESCRIPTION (Google's <a href="...">) has its "&"
 * written "&amp;": the link is what it stands for.
 */
static void
html_amp(char *url)
{
	char	*r, *w;

	for (r = w = url; *r != '\0'; r++) {
		*w++ = *r;
		if (strncmp(r, "&amp;", 5) == 0)
			r += 4;
	}
	*w = '\0';
}

/*
 * The first meeting link in a DESCRIPTION (or a LOCATION with words
 * around it): Teams writes it in <...>, Google Meet and Zoom after words;
 * it ends at a space, a quote or a bracket, and a full stop or comma
 * after it is the sentence's.
 */
void
circle_ics_description_link(struct imp *x, struct event *ev, const struct prop *pr,
    const char *s)
{
	const char	*p;
	char		*url;
	size_t		 n;

	for (p = s; (p = strstr(p, "http")) != NULL; p += n) {
		n = strcspn(p, " \t\r\n<>\"'()[]{}\\");
		while (n > 0 && strchr(".,;:!?", p[n - 1]) != NULL)
			n--;
		if (n == 0) {
			n = 1;
			continue;
		}
		url = circle_xstrndup(p, n);
		html_amp(url);
		if (circle_url_valid(url) && meeting_host(url)) {
			circle_ics_offer_link(x, ev, pr, url, LINK_DESCRIPTION, 1);
			free(url);
			return;
		}
		free(url);
	}
}

/* A LOCATION that is only a link (Zoom's, or one pasted there) is none. */
int
circle_ics_location_link(struct imp *x, struct event *ev, const struct prop *pr)
{
	if (ev->location == NULL || !circle_url_valid(ev->location))
		return 0;
	if (circle_ics_offer_link(x, ev, pr, ev->location, LINK_LOCATION, 1) == -1)
		return -1;
	free(ev->location);
	ev->location = NULL;
	ev->place_online = 1;
	return 0;
}

/* An X- line icslex.c keeps: Outlook's all-day flag, meeting links. */
int
circle_ics_read_x(struct imp *x, struct event *ev, const struct prop *pr)
{
	const char	*name = icalproperty_get_x_name(pr->p);
	const char	*s = icalproperty_get_x(pr->p);

	if (name == NULL)
		return 0;
	if (strcmp(name, "X-MICROSOFT-CDO-ALLDAYEVENT") == 0)
		ev->allday = s != NULL && strcasecmp(s, "TRUE") == 0;
	else if (strcmp(name, "X-MICROSOFT-SKYPETEAMSMEETINGURL") == 0)
		return circle_ics_offer_link(x, ev, pr, s, LINK_TEAMS, 0);
	else if (strcmp(name, "X-GOOGLE-CONFERENCE") == 0)
		return circle_ics_offer_link(x, ev, pr, s, LINK_GOOGLE, 0);
	return 0;
}

/*
 * The words of what names only an online meeting: its service, its
 * meeting in the languages Teams, Zoom and Meet write, joining and
 * inviting, folded as circle_name_fold folds (no accents, lower case).
 */
enum { W_OTHER, W_SERVICE, W_ONLINE, W_MEETING, W_JOIN, W_INVITE, W_FILLER,
    W_HELLO, W_GREETED, W_KINDS };

static const struct {
	const char	*word;
	int		 kind;
} meeting_words[] = {
	{ "microsoft", W_SERVICE }, { "teams", W_SERVICE },
	{ "zoom", W_SERVICE }, { "google", W_SERVICE }, { "meet", W_SERVICE },
	{ "hangouts", W_SERVICE }, { "webex", W_SERVICE },
	{ "cisco", W_SERVICE }, { "skype", W_SERVICE }, { "jitsi", W_SERVICE },
	{ "whereby", W_SERVICE }, { "goto", W_SERVICE },
	{ "gotomeeting", W_SERVICE }, { "chime", W_SERVICE },
	{ "amazon", W_SERVICE }, { "bluejeans", W_SERVICE },
	{ "facetime", W_SERVICE },
	{ "online", W_ONLINE }, { "virtual", W_ONLINE },
	{ "virtuel", W_ONLINE }, { "virtuelle", W_ONLINE },
	{ "virtuell", W_ONLINE }, { "virtuale", W_ONLINE },
	{ "virtueel", W_ONLINE }, { "remote", W_ONLINE }, { "video", W_ONLINE },
	{ "videocall", W_ONLINE }, { "videoconference", W_ONLINE },
	{ "videoconferencia", W_ONLINE }, { "visio", W_ONLINE },
	{ "visioconference", W_ONLINE }, { "ligne", W_ONLINE },
	{ "meeting", W_MEETING }, { "meetings", W_MEETING },
	{ "call", W_MEETING }, { "conference", W_MEETING },
	{ "conferencing", W_MEETING }, { "webinar", W_MEETING },
	{ "reunion", W_MEETING }, { "reuniao", W_MEETING },
	{ "riunione", W_MEETING }, { "besprechung", W_MEETING },
	{ "vergadering", W_MEETING }, { "mote", W_MEETING },
	{ "m\xc3\xb8" "de", W_MEETING }, { "m\xc3\xb8te", W_MEETING },
	{ "kokous", W_MEETING }, { "spotkanie", W_MEETING },
	{ "schuzka", W_MEETING }, { "\xe4\xbc\x9a\xe8\xad\xb0", W_MEETING },
	{ "\xe4\xbc\x9a\xe8\xae\xae", W_MEETING },
	{ "scheduled", W_MEETING }, { "planifiee", W_MEETING },
	{ "geplanten", W_MEETING }, { "geplantes", W_MEETING },
	{ "programada", W_MEETING }, { "pianificata", W_MEETING },
	{ "agendada", W_MEETING }, { "geplande", W_MEETING },
	{ "join", W_JOIN }, { "rejoindre", W_JOIN }, { "participer", W_JOIN },
	{ "beitreten", W_JOIN }, { "teilnehmen", W_JOIN },
	{ "unirse", W_JOIN }, { "unase", W_JOIN }, { "partecipa", W_JOIN },
	{ "partecipare", W_JOIN }, { "entra", W_JOIN },
	{ "ingressar", W_JOIN }, { "participar", W_JOIN },
	{ "deelnemen", W_JOIN },
	{ "inviting", W_INVITE }, { "invites", W_INVITE },
	{ "invite", W_INVITE }, { "invited", W_INVITE },
	{ "invitation", W_INVITE }, { "invita", W_INVITE },
	{ "invitando", W_INVITE }, { "convidando", W_INVITE },
	{ "ladt", W_INVITE }, { "einladung", W_INVITE },
	{ "nodigt", W_INVITE }, { "uitnodiging", W_INVITE },
	{ "zaprasza", W_INVITE },
	{ "a", W_FILLER }, { "an", W_FILLER }, { "the", W_FILLER },
	{ "of", W_FILLER }, { "on", W_FILLER }, { "in", W_FILLER },
	{ "to", W_FILLER }, { "with", W_FILLER }, { "via", W_FILLER },
	{ "you", W_FILLER }, { "de", W_FILLER }, { "di", W_FILLER },
	{ "do", W_FILLER }, { "da", W_FILLER }, { "du", W_FILLER },
	{ "la", W_FILLER }, { "le", W_FILLER }, { "el", W_FILLER },
	{ "en", W_FILLER }, { "w", W_FILLER }, { "im", W_FILLER },
	{ "mit", W_FILLER }, { "met", W_FILLER }, { "con", W_FILLER },
	{ "per", W_FILLER }, { "por", W_FILLER }, { "sur", W_FILLER },
	{ "aplikacji", W_FILLER }, { "app", W_FILLER },
	{ "hi", W_HELLO }, { "hello", W_HELLO }, { "hey", W_HELLO },
	{ "dear", W_HELLO }, { "bonjour", W_HELLO }, { "hallo", W_HELLO },
	{ "hola", W_HELLO }, { "ciao", W_HELLO }, { "salut", W_HELLO },
	{ "ola", W_HELLO }, { "hej", W_HELLO },
	{ "there", W_GREETED }, { "all", W_GREETED },
	{ "everyone", W_GREETED }, { "everybody", W_GREETED },
	{ "folks", W_GREETED }, { "team", W_GREETED },
	{ "friends", W_GREETED }, { "tous", W_GREETED },
	{ "todos", W_GREETED }, { "tutti", W_GREETED },
	{ "zusammen", W_GREETED }, { "allemaal", W_GREETED },
};

/* How many words of each kind a text has, and its links. */
struct meeting_text {
	int	 n[W_KINDS];
	int	 links;
};

#define WK(w)	(1U << (w))

/* Has the text no words but of these kinds (WK(W_...) | ...)? */
static int
meeting_text_only(const struct meeting_text *mt, unsigned kinds)
{
	int	k;

	for (k = 0; k < W_KINDS; k++)
		if (mt->n[k] > 0 && (kinds & WK(k)) == 0)
			return 0;
	return 1;
}

static int
meeting_word_kind(const char *w, size_t n)
{
	size_t	i;

	for (i = 0; i < sizeof meeting_words / sizeof meeting_words[0]; i++)
		if (strlen(meeting_words[i].word) == n &&
		    memcmp(meeting_words[i].word, w, n) == 0)
			return meeting_words[i].kind;
	return W_OTHER;
}

/* Count the words of [s, s + n), split at punctuation. */
static void
meeting_words_count(const char *s, size_t n, struct meeting_text *mt)
{
	static const char	 seps[] = "-,.:;()[]/|&+!?\"'<>*";
	size_t			 w;

	while (n > 0) {
		for (w = 0; w < n && strchr(seps, s[w]) == NULL; w++)
			;
		if (w > 0)
			mt->n[meeting_word_kind(s, w)]++;
		if (w == n)
			break;
		s += w + 1;
		n -= w + 1;
	}
}

/*
 * The words of n bytes of text, folded, by kind: a blank-separated
 * piece from "http" on is a link, a meeting service's or another's
 * (a word of none: a handout is text the reader may need).
 */
static void
meeting_text_read(const char *s, size_t n, struct meeting_text *mt)
{
	char		*t, *f, *p, *link, *url;
	size_t		 len, words;

	memset(mt, 0, sizeof *mt);
	t = circle_xstrndup(s, n);
	f = circle_name_fold(t);
	free(t);
	for (p = f; *(p += strspn(p, " \t\r\n")) != '\0'; p += len) {
		len = strcspn(p, " \t\r\n");
		words = len;
		if ((link = strstr(p, "http")) != NULL && link < p + len) {
			words = (size_t)(link - p);
			url = circle_xstrndup(link, len - words);
			url[strcspn(url, "<>\"'()[]{}")] = '\0';
			if (circle_url_valid(url) && meeting_host(url))
				mt->links++;
			else
				mt->n[W_OTHER]++;
			free(url);
		}
		meeting_words_count(p, words, mt);
	}
	free(f);
}

/*
 * Does the text only name an online meeting: its service, maybe with
 * words for a meeting ("Microsoft Teams Meeting", "Réunion Microsoft
 * Teams", "Zoom-Meeting", "Google Meet"), or "Online", "Virtual"?
 */
static int
names_online_only(const char *s, size_t n)
{
	struct meeting_text	mt;

	meeting_text_read(s, n, &mt);
	return meeting_text_only(&mt, WK(W_SERVICE) | WK(W_ONLINE) |
	    WK(W_MEETING) | WK(W_JOIN) | WK(W_FILLER)) &&
	    mt.n[W_SERVICE] + mt.n[W_ONLINE] > 0;
}

/*
 * An event's place without those of the places Outlook joins with "; "
 * ("Room 4; Microsoft Teams Meeting") that only name its online meeting;
 * none when each does.
 */
static void
drop_online_places(struct event *ev)
{
	const char	*p = ev->location, *semi;
	char		*kept, *o;
	size_t		 n;
	int		 dropped = 0;

	o = kept = circle_xmalloc(strlen(p) + 1);
	for (;; p = semi + 1) {
		semi = strchr(p, ';');
		n = semi != NULL ? (size_t)(semi - p) : strlen(p);
		for (; n > 0 && (*p == ' ' || *p == '\t'); p++, n--)
			;
		for (; n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'); n--)
			;
		if (names_online_only(p, n))
			dropped = 1;
		else if (n > 0) {
			if (o > kept) {
				memcpy(o, "; ", 2);
				o += 2;
			}
			memcpy(o, p, n);
			o += n;
		}
		if (semi == NULL)
			break;
	}
	*o = '\0';
	if (!dropped) {
		free(kept);
		return;
	}
	free(ev->location);
	ev->location = kept;
	if (*kept != '\0')
		return;
	free(kept);
	ev->location = NULL;
	ev->place_online = 1;
}

/*
 * A LOCATION that only names the online meeting is no place, when there
 * is a link to join it by: the event's, its series', or the group's.
 * Without one, it is the only word that the meeting is online: kept.
 * An event whose place was only the meeting has none of its own; but
 * where it would then be shown its series' or group's place, a room it
 * does not meet in, it is "Online".  Series first, so that an override
 * knows its series' place.
 */
void
circle_ics_online_places(struct imp *x)
{
	struct event	*ev;
	size_t		 i;
	int		 pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < x->nev; i++) {
			ev = &x->ev[i];
			if ((ev->master != NULL) != pass)
				continue;
			if (ev->location != NULL && (ev->link != NULL ||
			    (ev->master != NULL && ev->master->link != NULL) ||
			    x->gurl != NULL))
				drop_online_places(ev);
			if (ev->place_online && ev->location == NULL &&
			    (x->gloc != NULL || (ev->master != NULL &&
			    ev->master->location != NULL)))
				ev->location = circle_xstrdup("Online");
		}
}

/*
 * Is a line of a DESCRIPTION only a greeting ("Hi there,", as Zoom's
 * Outlook add-in begins its invitation; "Hello everyone!", "Dear all,")?
 * It is no topic.
 */
int
circle_ics_greeting_line(const char *s, size_t n)
{
	struct meeting_text	mt;

	meeting_text_read(s, n, &mt);
	return meeting_text_only(&mt, WK(W_HELLO) | WK(W_GREETED) |
	    WK(W_FILLER)) && mt.n[W_HELLO] > 0 && mt.links == 0;
}

/*
 * Is a line of a DESCRIPTION where a meeting service's invitation
 * begins: "Jane Doe is inviting you to a scheduled Zoom meeting.", "Join
 * Zoom Meeting", "When it's time, join the Webex meeting here.",
 * "Microsoft Teams meeting", "Join with Google Meet: https://...", or a
 * meeting service's link alone?  What follows it is how to join.
 */
int
circle_ics_invitation_line(const char *s, size_t n)
{
	struct meeting_text	mt;

	meeting_text_read(s, n, &mt);
	if (mt.n[W_SERVICE] > 0 && (mt.n[W_INVITE] > 0 || (mt.n[W_JOIN] > 0 &&
	    mt.n[W_MEETING] > 0)))
		return 1;
	return meeting_text_only(&mt, WK(W_SERVICE) | WK(W_ONLINE) |
	    WK(W_MEETING) | WK(W_JOIN) | WK(W_INVITE) | WK(W_FILLER)) &&
	    (mt.n[W_SERVICE] + mt.n[W_ONLINE] > 0 || mt.links > 0);
}
