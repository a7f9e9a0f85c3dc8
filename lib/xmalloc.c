/*
 * xmalloc.c: allocation that cannot fail.  Running out of memory is the one
 * error lib/ does not return: it ends the program here (tmux's xmalloc.c).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle.h"

void *
circle_xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		err(CIRCLE_EIO, "malloc %zu bytes", size);
	return p;
}

void *
circle_xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		err(CIRCLE_EIO, "calloc %zu x %zu bytes", n, size);
	return p;
}

void *
circle_xrealloc(void *p, size_t size)
{
	if (size == 0)
		size = 1;
	if ((p = realloc(p, size)) == NULL)
		err(CIRCLE_EIO, "realloc %zu bytes", size);
	return p;
}

void *
circle_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		errx(CIRCLE_EIO, "reallocarray: %zu x %zu overflows", n, size);
	return circle_xrealloc(p, n * size);
}

/*
 * Room for element n of an array that holds n now: the array doubles (from
 * 8) when n reaches a power of two, so appending a row at a time stays
 * linear however long the list, whatever realloc does.
 */
void *
circle_xgrow(void *p, size_t n, size_t size)
{
	if (n == 0)
		return circle_xreallocarray(p, 8, size);
	if (n < 8 || (n & (n - 1)) != 0)
		return p;
	return circle_xreallocarray(p, n * 2, size);
}

char *
circle_xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		err(CIRCLE_EIO, "strdup");
	return p;
}

char *
circle_xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		err(CIRCLE_EIO, "strndup");
	return p;
}

int
circle_xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	n;

	if ((n = vasprintf(ret, fmt, ap)) == -1)
		err(CIRCLE_EIO, "vasprintf");
	return n;
}

int
circle_xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vasprintf(ret, fmt, ap);
	va_end(ap);
	if (n == -1)
		err(CIRCLE_EIO, "asprintf");
	return n;
}

/*
 * Append to a list of items shown to a person: "a", then "a, b", ...
 * *list may start NULL; sep goes between items.
 */
void
circle_xappend(char **list, const char *sep, const char *fmt, ...)
{
	va_list	 ap;
	char	*item, *both;

	va_start(ap, fmt);
	if (vasprintf(&item, fmt, ap) == -1)
		err(CIRCLE_EIO, "vasprintf");
	va_end(ap);
	if (*list == NULL) {
		*list = item;
		return;
	}
	circle_xasprintf(&both, "%s%s%s", *list, sep, item);
	free(*list);
	free(item);
	*list = both;
}

void
circle_strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
