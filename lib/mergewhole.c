/*
 * mergewhole.c: a whole circle database given to merge instead of an
 * extract (merge.c, mergecheck.c): whether it has an id of its own yet,
 * and what the merge says of it.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * The URI of the file at path, opened immutable (circle_merge_whole_has_id):
 * each byte but a letter, digit, '/', '.', '-', '_' or '~' percent-escaped,
 * so that a '#', '?' or '%' in a name is the name's, not the URI's.
 */
static char *
immutable_uri(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	static const char	 plain[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/.-_~";
	const unsigned char	*p;
	char			*uri, *q;

	uri = circle_xcalloc(1, strlen(path) * 3 + sizeof "file://" +
	    sizeof "?immutable=1");
	/* An absolute path after an empty authority: "//x" is no host. */
	strcpy(uri, path[0] == '/' ? "file://" : "file:");
	q = uri + strlen(uri);
	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (strchr(plain, *p) != NULL)
			*q++ = (char)*p;
		else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 0xf];
		}
	}
	strcpy(q, "?immutable=1");
	return uri;
}

/*
 * Has the whole database at path an id of its own yet (the origin its
 * first extract made): 1 or 0; -1 when it cannot be told.  Opened as
 * immutable, which makes no -wal or -shm file beside it: only when no
 * write-ahead log that may hold the id is there.
 */
int
circle_merge_whole_has_id(const char *path)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*st;
	struct stat	 sb;
	char		*wal, *uri;
	int		 rc = -1, logged;

	circle_xasprintf(&wal, "%s-wal", path);
	logged = stat(wal, &sb) == 0 && sb.st_size > 0;
	free(wal);
	if (logged)
		return -1;
	uri = immutable_uri(path);
	if (sqlite3_open_v2(uri, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL) == SQLITE_OK) {
		sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
		sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
		if (sqlite3_prepare_v2(h, "SELECT EXISTS (SELECT 1 FROM "
		    "network WHERE key = 'origin')", -1, &st, NULL) ==
		    SQLITE_OK) {
			if (sqlite3_step(st) == SQLITE_ROW)
				rc = sqlite3_column_int(st, 0);
			sqlite3_finalize(st);
		}
	}
	sqlite3_close_v2(h);
	free(uri);
	return rc;
}

/*
 * A whole circle database (in use, or a backup) given for an extract:
 * said as one, with how to make the extract of it.  has_id: the database
 * has an id of its own (1), none yet (0), or not known (-1, as for a
 * sealed backup): an extract of a copy of one that has none gives the
 * copy an id its facilitator's database will never have, and their own
 * extracts after it need --adopt once.
 */
int
circle_merge_not_extract(const char *path, int has_id, struct circle_err *e)
{
	struct circle_err	 ignored;
	const char		*ask;

	if (has_id == 0)
		return circle_err_set(e, CIRCLE_EDATA, "%s: a circle database, "
		    "not an extract, and never extracted from: ask its "
		    "facilitator for an extract (circle db extract --all -o "
		    "FILE, on their computer); an extract made here of this "
		    "copy would be another database's, and each group in it "
		    "would need 'circle db merge --adopt' once when their own "
		    "extracts come", path);
	ask = has_id == 1 ? "" : "; or, better, ask its facilitator for an "
	    "extract (circle db extract --all -o FILE, on their computer): "
	    "a copy of a database never extracted from makes an extract of "
	    "another database, whose groups need 'circle db merge --adopt' "
	    "once when their own extracts come";
	/* A sealed backup opens only with db load, never with --db. */
	if (circle_file_sealed(path, &ignored) == 1)
		return circle_err_set(e, CIRCLE_EDATA, "%s: a sealed backup of "
		    "a circle database, not an extract (load it with circle "
		    "--db COPY.db db load %s, make one of it with circle --db "
		    "COPY.db db extract --all -o FILE, and merge FILE%s)", path,
		    path, ask);
	return circle_err_set(e, CIRCLE_EDATA, "%s: a circle database but not "
	    "an extract (make one of it with circle --db %s db extract --all "
	    "-o FILE, and merge FILE%s)", path, path, ask);
}
