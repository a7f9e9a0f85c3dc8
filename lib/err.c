/*
 * err.c: struct circle_err, how lib/ tells a tool what went wrong without
 * printing anything itself.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "circle.h"

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

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
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
	if (n >= 0 && (size_t)n < sizeof e->msg &&
	    snprintf(e->msg + n, sizeof e->msg - (size_t)n, ": %s", old) < 0)
		e->msg[n] = '\0';
	return -1;
}

/* Put more after the message already there (truncated as a whole). */
int
circle_err_append(struct circle_err *e, const char *fmt, ...)
{
	size_t	n = strlen(e->msg);
	va_list	ap;

	va_start(ap, fmt);
	(void)vsnprintf(e->msg + n, sizeof e->msg - n, fmt, ap);
	va_end(ap);
	return -1;
}
