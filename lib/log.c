/*
 * log.c: the change log.  Every mutation writes one row in the same
 * transaction; rows about a person carry member_uid so that forget can
 * remove them all.  Also makes the UUIDs that rows are known by.
 */
#include "config.h"

#include <sys/random.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

/*
 * A random (version 4) UUID, as text, or NULL when the system gives no
 * randomness.  Randomness is read a page at a time: an import makes
 * thousands.
 */
char *
circle_uuid(struct circle_err *e)
{
	static unsigned char	 pool[4096];
	static size_t		 left;
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		*b;
	char			*s, *p;
	size_t			 i;
	ssize_t			 n;

	while (left < 16) {
		n = getrandom(pool + left, sizeof pool - left, 0);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			circle_err_set(e, CIRCLE_EIO, "getrandom: %s",
			    strerror(errno));
			return NULL;
		}
		left += (size_t)n;
	}
	left -= 16;
	b = pool + left;
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	p = s = circle_xmalloc(37);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 0xf];
	}
	*p = '\0';
	explicit_bzero(b, 16);
	return s;
}

int
circle_log(struct circle_db *db, const struct circle_change *c,
    struct circle_err *e)
{
	static const char sql[] = "INSERT INTO change_log (at, tool, action, "
	    "entity, uid, member_uid, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";
	sqlite3_stmt	*st;
	char		 now[21];

	circle_now_utc(now);
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_bind_text(st, 1, now);
	circle_bind_text(st, 2, db->tool);
	circle_bind_text(st, 3, c->action);
	circle_bind_text(st, 4, c->entity);
	circle_bind_text(st, 5, c->uid);
	circle_bind_text(st, 6, c->member_uid);
	circle_bind_text(st, 7, c->detail);
	return circle_exec_cached(db, st, e);
}
