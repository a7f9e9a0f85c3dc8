/*
 * log.c: the change log.  Every mutation writes one row in the same
 * transaction; rows about a person carry member_uid so that forget can
 * remove them all.  Also makes the UUIDs that rows are known by.
 */
#include "config.h"

#include <sys/random.h>

#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "circle-priv.h"

/* A random (version 4) UUID, as text. */
char *
circle_uuid(void)
{
	unsigned char	b[16];
	char		*s;
	size_t		 got = 0;
	ssize_t		 n;

	while (got < sizeof b) {
		if ((n = getrandom(b + got, sizeof b - got, 0)) == -1)
			err(CIRCLE_EIO, "getrandom");
		got += (size_t)n;
	}
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	circle_xasprintf(&s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3], b[4], b[5],
	    b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
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
