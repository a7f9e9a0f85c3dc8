/*
 * mergeproof.c: may a table of the file be copied into this database's
 * empty one the way SQLite copies a table into an empty one of the same
 * schema (its transfer optimisation: the table's b-tree and each of its
 * indexes' copied record by record, nothing checked), and give what
 * adding its rows one by one would?  Only when every value is already of
 * its column's type (TEXT or INTEGER, or NULL: no affinity would change
 * it), and every index of the file's holds exactly its table's rows, each
 * once, in its order, each key once in a unique index.  The file's
 * NOT NULL and CHECK constraints are its quick_check's (mergecheck.c),
 * which refuses the whole merge.
 *
 * An index is proved by sums: each row's key (its columns and its id)
 * encoded so that comparing two encodings compares the keys as the
 * index's BINARY collation does, the encoding hashed with a key made for
 * this merge (SipHash, libsodium's crypto_shorthash: a file cannot be
 * made to meet sums whose key it cannot know) and the hashes summed, once
 * over the table and once over the index in its order, which the same
 * scan checks, entry by entry.
 */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/* The longest key encoded; a longer one is not proved (copied row by row). */
#define KEY_MAX		2048
/* The most indexes of a table proved. */
#define INDEXES_MAX	16

/* circle_keyproof's flags: the scan is in the index's order; it is unique. */
#define PROOF_ORDER	1
#define PROOF_UNIQUE	2

struct keyproof {
	unsigned char	 buf[2][KEY_MAX];
	size_t		 len[2];	/* the encodings' lengths, */
	size_t		 klen[2];	/* ...and their keys' (0: NULL) */
	int		 cur, n, bad;
	sqlite3_uint64	 sum;
};

/*
 * A value appended to an encoding: NULL, then integers (8 bytes, big-endian,
 * sign flipped), then text (its bytes, 0 as 0 1, ended by 0 0): the order
 * of BINARY.  0 when another type, or too long.
 */
static int
encode(unsigned char *b, size_t *len, sqlite3_value *v, int *null)
{
	const unsigned char	*t;
	sqlite3_uint64		 u;
	size_t			 i, n;
	int			 k;

	switch (sqlite3_value_type(v)) {
	case SQLITE_NULL:
		if (*len + 1 > KEY_MAX)
			return 0;
		b[(*len)++] = 0;
		*null = 1;
		return 1;
	case SQLITE_INTEGER:
		if (*len + 9 > KEY_MAX)
			return 0;
		u = (sqlite3_uint64)sqlite3_value_int64(v) ^ (1ULL << 63);
		b[(*len)++] = 1;
		for (k = 56; k >= 0; k -= 8)
			b[(*len)++] = (unsigned char)(u >> k);
		return 1;
	case SQLITE_TEXT:
		t = sqlite3_value_text(v);
		n = (size_t)sqlite3_value_bytes(v);
		if (t == NULL || *len + 1 + 2 * n + 2 > KEY_MAX)
			return 0;
		b[(*len)++] = 2;
		for (i = 0; i < n; i++) {
			b[(*len)++] = t[i];
			if (t[i] == 0)
				b[(*len)++] = 1;
		}
		b[(*len)++] = 0;
		b[(*len)++] = 0;
		return 1;
	default:
		return 0;
	}
}

/* Two encodings compared: below, equal or above 0. */
static int
compare(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	int	c;

	c = memcmp(a, b, alen < blen ? alen : blen);
	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/*
 * circle_keyproof(flags, column, ..., id): the sum of the rows' keys
 * hashed, NULL when a value is not one encode takes, or (PROOF_ORDER)
 * the rows are not in strictly rising order, or (PROOF_UNIQUE) two keys
 * without a NULL are the same.
 */
static void
sql_keyproof_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct keyproof		*k;
	const unsigned char	*key = sqlite3_user_data(cx);
	unsigned char		*b;
	size_t			 len = 0, klen = 0;
	int			 i, flags, null = 0, p;

	if ((k = sqlite3_aggregate_context(cx, sizeof *k)) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if (k->bad || argc < 3)
		return;
	flags = sqlite3_value_int(argv[0]);
	k->cur ^= 1;
	b = k->buf[k->cur];
	for (i = 1; i < argc; i++) {
		if (i == argc - 1)
			klen = len;
		if (!encode(b, &len, argv[i], &null)) {
			k->bad = 1;
			return;
		}
	}
	p = k->cur ^ 1;
	if ((flags & PROOF_ORDER) && k->n > 0) {
		if (compare(k->buf[p], k->len[p], b, len) >= 0)
			k->bad = 1;
		if ((flags & PROOF_UNIQUE) && !null && k->klen[p] == klen &&
		    memcmp(k->buf[p], b, klen) == 0)
			k->bad = 1;
	}
	k->len[k->cur] = len;
	k->klen[k->cur] = null ? 0 : klen;
	k->n++;
	k->sum += circle_merge_keyhash(b, len, key);
}

/*
 * Bytes hashed with a key made for the merge (SipHash, libsodium's
 * crypto_shorthash), as a sum of a table's or an index's rows adds them.
 */
sqlite3_uint64
circle_merge_keyhash(const void *b, size_t len, const unsigned char *key)
{
	unsigned char	h[crypto_shorthash_BYTES];
	sqlite3_uint64	x;

	crypto_shorthash(h, b, len, key);
	memcpy(&x, h, sizeof x);
	return x;
}

/* A sum's result: 0 when no row came (k NULL), NULL when bad. */
void
circle_merge_sum_result(sqlite3_context *cx, const void *k, int bad,
    sqlite3_uint64 sum)
{
	if (k == NULL)
		sqlite3_result_int64(cx, 0);
	else if (bad)
		sqlite3_result_null(cx);
	else
		sqlite3_result_int64(cx, (sqlite3_int64)sum);
}

static void
sql_keyproof_final(sqlite3_context *cx)
{
	struct keyproof	*k = sqlite3_aggregate_context(cx, 0);

	circle_merge_sum_result(cx, k, k != NULL && k->bad,
	    k != NULL ? k->sum : 0);
}

/* The bytes of a varint of SQLite's record format holding v. */
static int
varint_len(sqlite3_uint64 v)
{
	int	n = 1;

	while (n < 9 && v >= (sqlite3_uint64)1 << (7 * n))
		n++;
	return n;
}

/*
 * A value's bytes in its record (SQLite's record format, file format 4):
 * its serial type's in the header (*hdr), its own in the body.
 */
static sqlite3_int64
value_len(sqlite3_value *v, int *hdr)
{
	sqlite3_int64	i;
	int		n;

	*hdr = 1;
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		i = sqlite3_value_int64(v);
		if (i == 0 || i == 1)
			return 0;
		if (i >= -128 && i <= 127)
			return 1;
		if (i >= -32768 && i <= 32767)
			return 2;
		if (i >= -8388608 && i <= 8388607)
			return 3;
		if (i >= -2147483648LL && i <= 2147483647LL)
			return 4;
		if (i >= -140737488355328LL && i <= 140737488355327LL)
			return 6;
		return 8;
	case SQLITE_FLOAT:
		return 8;
	case SQLITE_TEXT:
		/* Its UTF-8 bytes: another encoding differs, no copy. */
		n = sqlite3_value_bytes(v);
		*hdr = varint_len((sqlite3_uint64)n * 2 + 13);
		return n;
	case SQLITE_BLOB:
		n = sqlite3_value_bytes(v);
		*hdr = varint_len((sqlite3_uint64)n * 2 + 12);
		return n;
	}
	return 0;
}

/*
 * The bytes of a record (SQLite's record format) holding the argc values
 * of argv and nulls NULLs (an INTEGER PRIMARY KEY, its rowid's alias, is
 * one), and no more: compared with those a table's b-tree holds
 * (circle_merge_payload_is), they find bytes hidden in its records, a
 * field more than the table's text says, which a copy of the b-tree would
 * bring (a crafted file: its quick_check passes).
 */
sqlite3_int64
circle_merge_record_bytes(int argc, sqlite3_value **argv, int nulls)
{
	sqlite3_int64	 body = 0;
	int		 i, hdr, hlen = nulls, n;

	for (i = 0; i < argc; i++) {
		body += value_len(argv[i], &hdr);
		hlen += hdr;
	}
	/* The header's length (n bytes) counts its own varint. */
	n = varint_len((sqlite3_uint64)hlen + 1);
	if (varint_len((sqlite3_uint64)(hlen + n)) > n)
		n++;
	return hlen + n + body;
}

struct typeproof {
	int		 bad;
	sqlite3_int64	 bytes;		/* the records' */
};

/*
 * circle_typeproof(spec, column, ...): every value of every row NULL or
 * of its column's type, as spec says ("i" INTEGER, "t" TEXT), so that no
 * affinity would change it, and the bytes of the rows' records
 * (circle_merge_record_bytes; the INTEGER PRIMARY KEY, left out, a NULL
 * in them).  -1 when a value is not of its type.
 */
static void
sql_typeproof_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct typeproof	*k = sqlite3_aggregate_context(cx, sizeof *k);
	const char		*spec;
	int			 i, t;

	if (k == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	spec = (const char *)sqlite3_value_text(argv[0]);
	if (k->bad || spec == NULL || (int)strlen(spec) != argc - 1) {
		k->bad = 1;
		return;
	}
	for (i = 1; i < argc; i++) {
		t = sqlite3_value_type(argv[i]);
		if (t != SQLITE_NULL && t != (spec[i - 1] == 'i' ?
		    SQLITE_INTEGER : SQLITE_TEXT))
			k->bad = 1;
	}
	k->bytes += circle_merge_record_bytes(argc - 1, argv + 1, 1);
}

static void
sql_typeproof_final(sqlite3_context *cx)
{
	struct typeproof	*k = sqlite3_aggregate_context(cx, 0);

	if (k == NULL)
		sqlite3_result_int64(cx, 0);
	else
		sqlite3_result_int64(cx, k->bad ? -1 : k->bytes);
}

/* A table's indexes: each one's name, flags and its key, "t.a, t.b". */
struct proof {
	char	*name[INDEXES_MAX];
	char	*cols[INDEXES_MAX];
	int	 flags[INDEXES_MAX];
	size_t	 n;
	char	*types;		/* its other columns, "t.a, t.b", */
	char	*spec;		/* ...each one's type: "it" */
	char	*id;		/* the table's INTEGER PRIMARY KEY */
};

static void
proof_free(struct proof *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++) {
		sqlite3_free(p->name[i]);
		sqlite3_free(p->cols[i]);
	}
	sqlite3_free(p->types);
	sqlite3_free(p->spec);
	sqlite3_free(p->id);
}

/* Text to an sqlite3_malloc'd string, with another appended. */
static char *
append(char *s, const char *sep, const char *more)
{
	char	*t;

	t = sqlite3_mprintf("%s%s%s", s != NULL ? s : "", s != NULL ? sep : "",
	    more);
	sqlite3_free(s);
	return t;
}

/*
 * The table's columns: each one TEXT or INTEGER, one the INTEGER PRIMARY
 * KEY (p->types says what each must hold, p->id names the key).  0 when
 * the table is not of that kind.
 */
static int
proof_columns(sqlite3 *h, const char *table, struct proof *p)
{
	sqlite3_stmt	*st;
	const char	*name, *type;
	char		*c;
	int		 ok = 1;

	if (sqlite3_prepare_v2(h, "SELECT name, upper(type), pk FROM "
	    "pragma_table_info(?1, 'main')", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		type = (const char *)sqlite3_column_text(st, 1);
		if (name == NULL || type == NULL)
			ok = 0;
		else if (sqlite3_column_int(st, 2) != 0) {
			if (p->id != NULL || strcmp(type, "INTEGER") != 0)
				ok = 0;
			else
				p->id = sqlite3_mprintf("t.\"%w\"", name);
		} else if (strcmp(type, "INTEGER") == 0 ||
		    strcmp(type, "TEXT") == 0) {
			c = sqlite3_mprintf("t.\"%w\"", name);
			p->types = append(p->types, ", ", c);
			p->spec = append(p->spec, "", type[0] == 'I' ? "i" :
			    "t");
			sqlite3_free(c);
		} else
			ok = 0;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		ok = 0;
	return ok && p->id != NULL && p->types != NULL;
}

/*
 * An index's key, "t.a, t.b": columns of the table in rising BINARY
 * order; 0 for any other kind (an expression, DESC, another collation).
 */
static int
proof_key(sqlite3 *h, const char *index, char **cols)
{
	sqlite3_stmt	*st;
	const char	*name, *coll;
	char		*c;
	int		 ok = 1;

	*cols = NULL;
	if (sqlite3_prepare_v2(h, "SELECT cid, name, desc, coll FROM "
	    "pragma_index_xinfo(?1, 'main') WHERE key", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, index, -1, SQLITE_STATIC);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 1);
		coll = (const char *)sqlite3_column_text(st, 3);
		if (sqlite3_column_int(st, 0) < 0 || name == NULL ||
		    sqlite3_column_int(st, 2) != 0 || coll == NULL ||
		    strcmp(coll, "BINARY") != 0) {
			ok = 0;
			break;
		}
		c = sqlite3_mprintf("t.\"%w\"", name);
		*cols = append(*cols, ", ", c);
		sqlite3_free(c);
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		ok = 0;
	return ok && *cols != NULL;
}

/* The table's indexes, none partial, each key one proof_key takes. */
static int
proof_indexes(sqlite3 *h, const char *table, struct proof *p)
{
	sqlite3_stmt	*st;
	const char	*name;
	int		 ok = 1;

	if (sqlite3_prepare_v2(h, "SELECT name, \"unique\", partial FROM "
	    "pragma_index_list(?1, 'main') ORDER BY name", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		if (name == NULL || sqlite3_column_int(st, 2) != 0 ||
		    p->n == INDEXES_MAX) {
			ok = 0;
			break;
		}
		p->name[p->n] = sqlite3_mprintf("%s", name);
		p->flags[p->n] = PROOF_ORDER | (sqlite3_column_int(st, 1) ?
		    PROOF_UNIQUE : 0);
		ok = proof_key(h, name, &p->cols[p->n]);
		p->n++;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		ok = 0;
	return ok;
}

/* One row of numbers from a statement (sqlite3_mprintf'd, freed). */
static int
proof_row(sqlite3 *h, char *sql, sqlite3_int64 *v, int *null, int n)
{
	sqlite3_stmt	*st;
	int		 i, ok;

	ok = sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK;
	sqlite3_free(sql);
	if (!ok)
		return 0;
	if ((ok = sqlite3_step(st) == SQLITE_ROW))
		for (i = 0; i < n; i++) {
			null[i] = sqlite3_column_type(st, i) == SQLITE_NULL;
			v[i] = sqlite3_column_int64(st, i);
		}
	if (sqlite3_finalize(st) != SQLITE_OK)
		ok = 0;
	return ok;
}

/*
 * The index read alone, in its order (a covering scan: the plan says so),
 * meets the table's sum.
 */
static int
proof_index(sqlite3 *h, const char *table, const struct proof *p, size_t i,
    sqlite3_int64 sum)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 v;
	const char	*d;
	char		*sql, *plan;
	int		 null, ok = 0;

	sql = sqlite3_mprintf("SELECT circle_keyproof(%d, %s, %s) FROM "
	    "x.\"%w\" AS t INDEXED BY \"%w\"", p->flags[i], p->cols[i],
	    p->id, table, p->name[i]);
	plan = sqlite3_mprintf("EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(h, plan, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			if ((d = (const char *)sqlite3_column_text(st, 3)) !=
			    NULL && strstr(d, "COVERING INDEX") != NULL)
				ok = 1;
		if (sqlite3_finalize(st) != SQLITE_OK)
			ok = 0;
	}
	sqlite3_free(plan);
	if (!ok) {
		sqlite3_free(sql);
		return 0;
	}
	return proof_row(h, sql, &v, &null, 1) && !null && v == sum;
}

/*
 * Does the file's table hold records of n bytes in all, as its values
 * take (circle_typeproof), and no more?  dbstat (SQLite's, built in by
 * Debian and most) sums them from its pages, its overflow pages too,
 * reading each page once; without it, no.
 */
int
circle_merge_payload_is(sqlite3 *h, const char *table, sqlite3_int64 n)
{
	sqlite3_stmt	*st;
	int		 ok = 0;

	if (sqlite3_prepare_v2(h, "SELECT payload FROM dbstat('x', 1) WHERE "
	    "name = ?1", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ok = sqlite3_column_int64(st, 0) == n;
	if (sqlite3_finalize(st) != SQLITE_OK)
		ok = 0;
	return ok;
}

/*
 * The file's table (x.TABLE, of this database's schema: mergecheck.c) may
 * be copied whole into this database's: 1, else 0.  Whatever fails here
 * only says no: the rows are then added one by one, as before.
 */
int
circle_merge_proved(struct circle_db *db, const char *table)
{
	struct proof	 p;
	sqlite3_int64	 v[INDEXES_MAX + 1];
	unsigned char	*key;
	char		*sql, *c;
	size_t		 i;
	int		 null[INDEXES_MAX + 1], ok;

	if (sodium_init() == -1 || (key = sqlite3_malloc(
	    crypto_shorthash_KEYBYTES)) == NULL)
		return 0;
	randombytes_buf(key, crypto_shorthash_KEYBYTES);
	if (sqlite3_create_function_v2(db->h, "circle_keyproof", -1,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, key, NULL, sql_keyproof_step,
	    sql_keyproof_final, sqlite3_free) != SQLITE_OK ||
	    sqlite3_create_function(db->h, "circle_typeproof", -1,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL, sql_typeproof_step,
	    sql_typeproof_final) != SQLITE_OK)
		return 0;
	memset(&p, 0, sizeof p);
	ok = proof_columns(db->h, table, &p) &&
	    proof_indexes(db->h, table, &p);
	/* The table read once: its types, and each index's sum. */
	sql = ok ? sqlite3_mprintf("circle_typeproof('%s', %s)", p.spec,
	    p.types) : NULL;
	for (i = 0; ok && i < p.n; i++) {
		c = sqlite3_mprintf(", circle_keyproof(0, %s, %s)", p.cols[i],
		    p.id);
		sql = append(sql, "", c);
		sqlite3_free(c);
	}
	if (ok) {
		c = sqlite3_mprintf("SELECT %s FROM x.\"%w\" AS t NOT INDEXED",
		    sql, table);
		ok = proof_row(db->h, c, v, null, (int)p.n + 1) && !null[0] &&
		    v[0] >= 0 && circle_merge_payload_is(db->h, table, v[0]);
	}
	sqlite3_free(sql);
	for (i = 0; ok && i < p.n; i++)
		ok = !null[i + 1] && proof_index(db->h, table, &p, i,
		    v[i + 1]);
	proof_free(&p);
	return ok;
}
