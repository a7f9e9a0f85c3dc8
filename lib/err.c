/*
 * err.c: struct circle_err, how lib/ tells a tool what went wrong without
 * printing anything itself.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "circle-priv.h"

/*
 * After a vsnprintf of n bytes into e->msg from off: a message that did
 * not fit cut where a character seen whole ends (circle_utf8_fit: what
 * the user typed and the message quotes stays readable), "..." after it.
 */
void
circle_err_fit(struct circle_err *e, size_t off, int n)
{
	size_t	at;

	if (n < 0 || (size_t)n < sizeof e->msg - off)
		return;
	at = circle_utf8_fit(e->msg, sizeof e->msg - 4);
	memcpy(e->msg + at, "...", 4);
}

void
circle_err_clear(struct circle_err *e)
{
	e->code = CIRCLE_OK;
	e->msg[0] = '\0';
}

int
circle_err_set(struct circle_err *e, int code, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	e->code = code;
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	circle_err_fit(e, 0, n);
	return -1;
}

/* Put "prefix: " before the message already there. */
int
circle_err_prefix(struct circle_err *e, const char *fmt, ...)
{
	char	old[sizeof e->msg];
	va_list	ap;
	int	n;

	memcpy(old, e->msg, sizeof old);
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	/* Truncation is fine; using the result keeps gcc -O1 quiet. */
	if (n >= 0 && (size_t)n < sizeof e->msg)
		circle_err_fit(e, (size_t)n, snprintf(e->msg + n,
		    sizeof e->msg - (size_t)n, ": %s", old));
	else
		circle_err_fit(e, 0, n);
	return -1;
}

/* Put more after the message already there (truncated as a whole). */
int
circle_err_append(struct circle_err *e, const char *fmt, ...)
{
	size_t	n = strlen(e->msg);
	va_list	ap;

	va_start(ap, fmt);
	circle_err_fit(e, n, vsnprintf(e->msg + n, sizeof e->msg - n, fmt,
	    ap));
	va_end(ap);
	return -1;
}
