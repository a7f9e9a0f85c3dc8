/*
 * icslink.c: a meeting's online link, from whichever of an event's lines
 * gives it (Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL, CONFERENCE, Google's
 * X-GOOGLE-CONFERENCE, URL, a LOCATION that is only a link, a meeting
 * service's link in the DESCRIPTION), the best kept; and the other X-
 * lines icslex.c keeps (Outlook's all-day flag).
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
 * The first meeting link in a DESCRIPTION: Teams writes it in <...>,
 * Google Meet and Zoom after words; it ends at a space, a quote or a
 * bracket, and a full stop or comma after it is the sentence's.
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
