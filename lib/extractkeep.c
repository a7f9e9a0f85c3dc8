/*
 * extractkeep.c: a record kept here of records made one (merged_away) as
 * a pseudonymized extract sends it (extract.c): under a uid made from its
 * own with a key this database keeps and never sends, with that uid's
 * code, and no pairing, so that no database holding one of the records
 * finds its own person in the file, nor learns that they are in another
 * database's groups.
 */
#include "config.h"

#include <sodium.h>
#include <string.h>

#include "circle-priv.h"

#define KEEP_KEY	"pseudonym_key"

/* The key made, once: random, kept in network, never undone. */
static int
key_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	unsigned char	 raw[crypto_generichash_KEYBYTES];
	char		 hex[sizeof raw * 2 + 1];
	sqlite3_stmt	*st;
	int		 rc;

	(void)arg;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	if ((st = circle_prepare(db, "INSERT INTO network (key, value) VALUES "
	    "('" KEEP_KEY "', ?1) ON CONFLICT DO NOTHING", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, hex);
	sodium_memzero(hex, sizeof hex);
	circle_undo_pause(db, 1);
	rc = circle_exec_stmt(db, st, e);
	circle_undo_pause(db, 0);
	return rc;
}

/*
 * This database's key for the records kept, in key: 1 when there is one,
 * 0 when none (made first when make is set and a record was made one
 * here: an extract that sends one needs it).
 */
int
circle_extract_keep_key(struct circle_db *db, int make,
    unsigned char key[CIRCLE_KEEP_KEYLEN], struct circle_err *e)
{
	static const char sql[] = "SELECT value FROM network WHERE key = '"
	    KEEP_KEY "' UNION ALL SELECT NULL WHERE EXISTS (SELECT 1 FROM "
	    "merged_away WHERE origin IS NULL UNION ALL SELECT 1 FROM "
	    "forgotten WHERE kept_here)";
	sqlite3_stmt	*st;
	const char	*hex = NULL;
	int		 rc, tries;

	for (tries = 0; tries < 2; tries++) {
		if ((st = circle_prepare(db, sql, e)) == NULL)
			return -1;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			hex = (const char *)sqlite3_column_text(st, 0);
		if (circle_step_ok(db, rc, "extract", e) == -1) {
			sqlite3_finalize(st);
			return -1;
		}
		if (hex != NULL) {
			rc = sodium_hex2bin(key, CIRCLE_KEEP_KEYLEN, hex,
			    strlen(hex), NULL, NULL, NULL) == 0 ? 1 : -1;
			sqlite3_finalize(st);
			if (rc == -1)
				circle_err_set(e, CIRCLE_EDATA, "%s: the network "
				    "table's %s is damaged", db->path,
				    KEEP_KEY);
			return rc;
		}
		sqlite3_finalize(st);
		/* No row: no key and no one made one here. */
		if (rc != SQLITE_ROW || !make)
			return 0;
		if (circle_db_write(db, key_tx, NULL, e) == -1)
			return -1;
	}
	return circle_err_set(e, CIRCLE_EFAIL, "%s: no %s made", db->path,
	    KEEP_KEY);
}

/* circle_uid_sent(UID): the uid made from UID with the key. */
static void
sql_uid_sent(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char	*key = sqlite3_user_data(cx);
	const unsigned char	*uid = sqlite3_value_text(argv[0]);
	unsigned char		 b[16];
	char			 out[CIRCLE_UUID_LEN];

	(void)argc;
	if (key == NULL || uid == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	crypto_generichash(b, sizeof b, uid, (unsigned long long)
	    sqlite3_value_bytes(argv[0]), key, CIRCLE_KEEP_KEYLEN);
	circle_uuid_format(b, out);
	sqlite3_result_text(cx, out, -1, SQLITE_TRANSIENT);
}

/*
 * circle_uid_sent on h, with key (NULL: none, it gives NULL); key must
 * outlive h's use of it.
 */
int
circle_extract_keep_register(sqlite3 *h, const unsigned char *key)
{
	return sqlite3_create_function(h, "circle_uid_sent", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, (void *)key,
	    sql_uid_sent, NULL, NULL);
}
