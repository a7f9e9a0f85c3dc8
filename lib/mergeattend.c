/*
 * mergeattend.c: a merge's attendance (merge.c), a million rows: counted
 * and upserted by (session, person), or copied whole into a database that
 * has none yet, with the copied indexes checked.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "merge.h"

/*
 * A row's key fields hashed into one number with a key made for this run
 * (SipHash, libsodium's crypto_shorthash: a file cannot be made to meet
 * sums whose key it cannot know), summed over a scan: a table and each of
 * its indexes hold the same rows when their sums agree.
 * circle_keysum(id, session_id, member_id, order): the row, scanned in
 * the order of its id (order 0), of the unique index (session_id,
 * member_id) (1), or of the index (member_id, session_id) (2), strictly
 * rising (for 1, each pair once: the index is unique); NULL
 * when a value is not an integer or the scan is out of order.
 */
struct keysum {
	sqlite3_uint64	sum;
	sqlite3_int64	last[3];
	int		n, bad;
};

static unsigned char	sum_key[crypto_shorthash_KEYBYTES];
static int		sum_keyed;	/* else every sum is NULL */
static pthread_once_t	sum_once = PTHREAD_ONCE_INIT;

static void
sum_key_make(void)
{
	if (sodium_init() == -1)
		return;
	randombytes_buf(sum_key, sizeof sum_key);
	sum_keyed = 1;
}

/*
 * The three numbers of a row's key as bytes to hash: when each is from 0
 * to 2^21 - 1 (the ids of tables of up to two million rows), the three in
 * one word of 8 bytes, 21 bits each, which SipHash takes as two blocks
 * where the 24 bytes of the three whole take four; else those 24 bytes.
 * No two keys give the same bytes (8 bytes are never 24).
 */
static size_t
key_bytes(const sqlite3_int64 *v, unsigned char *b)
{
	const sqlite3_uint64	lim = (sqlite3_uint64)1 << 21;
	sqlite3_uint64		w;

	if ((sqlite3_uint64)v[0] < lim && (sqlite3_uint64)v[1] < lim &&
	    (sqlite3_uint64)v[2] < lim) {
		w = (sqlite3_uint64)v[0] | (sqlite3_uint64)v[1] << 21 |
		    (sqlite3_uint64)v[2] << 42;
		memcpy(b, &w, sizeof w);
		return sizeof w;
	}
	memcpy(b, v, 3 * sizeof *v);
	return 3 * sizeof *v;
}

/*
 * One row (id, session_id, member_id) into a keysum, in order (as
 * circle_keysum's); integers: whether all three are.
 */
static void
keysum_add(struct keysum *k, const sqlite3_int64 *v, int order,
    int integers)
{
	sqlite3_int64	 o[3];
	unsigned char	 b[3 * sizeof *v];

	if (!integers || !sum_keyed)
		k->bad = 1;
	o[0] = order == 0 ? v[0] : order == 1 ? v[1] : v[2];
	o[1] = order == 0 ? 0 : order == 1 ? v[2] : v[1];
	o[2] = v[0];
	if (k->n > 0 && (o[0] < k->last[0] || (o[0] == k->last[0] &&
	    (o[1] < k->last[1] || (o[1] == k->last[1] &&
	    (order == 1 || o[2] <= k->last[2]))))))
		k->bad = 1;
	memcpy(k->last, o, sizeof o);
	k->n = 1;
	k->sum += circle_merge_keyhash(b, key_bytes(v, b), sum_key);
}

static void
sql_keysum_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct keysum	*k = sqlite3_aggregate_context(cx, sizeof *k);
	sqlite3_int64	 v[3];
	int		 i, integers = 1;

	(void)argc;
	if (k == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	for (i = 0; i < 3; i++) {
		if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER)
			integers = 0;
		v[i] = sqlite3_value_int64(argv[i]);
	}
	keysum_add(k, v, sqlite3_value_int(argv[3]), integers);
}

static void
sql_keysum_final(sqlite3_context *cx)
{
	struct keysum	*k = sqlite3_aggregate_context(cx, 0);

	circle_merge_sum_result(cx, k, k != NULL && k->bad,
	    k != NULL ? k->sum : 0);
}

/*
 * The staged rows of a table (temp.st_NAME) keep the file's ids, 1 to n:
 * *n, or -1 when they do not.
 */
static int
kept_ids(struct circle_db *db, const struct merge *m, const char *table,
    long *n, struct circle_err *e)
{
	return circle_merge_number(db, m, sqlite3_mprintf("SELECT CASE WHEN count(*) = 0 OR "
	    "(min(xid) = 1 AND max(xid) = count(*) AND count(*) = count(*) "
	    "FILTER (WHERE lid = xid)) THEN count(*) ELSE -1 END FROM "
	    "temp.st_%s", table), n, e);
}

/*
 * The file's sessions and people kept their ids here, 1 to *nsess and 1 to
 * *nmemb, so that attendance names them by the same numbers on both
 * sides: 1 when they did, 0 when not, -1 on error.
 */
static int
refs_kept(struct circle_db *db, const struct merge *m, long *nsess,
    long *nmemb, struct circle_err *e)
{
	if (kept_ids(db, m, "session", nsess, e) == -1 ||
	    kept_ids(db, m, "member", nmemb, e) == -1)
		return -1;
	return *nsess >= 0 && *nmemb >= 0;
}

/*
 * The file's attendance read once in its table's order, its text checked
 * (every row is written): one call a row of circle_attscan(id, session_id,
 * member_id, updated_at, every column), which finds what count(*),
 * max(id), min and max of session_id and of member_id, the table's
 * keysum, the rows of bad text (circle_bad_text) and max(updated_at)
 * would, and writes them into the merge_scan it was made for.  It reads
 * only the file: run on the checks' thread (mergecheck.c) or here.
 */
struct attscan {
	struct keysum	 k;
	sqlite3_int64	 n, maxid, lo[2], hi[2], bad, bytes;
	char		 upd[MERGE_UPD_MAX];
	int		 updlen;	/* as merge_scan's */
};

/* SQL's max() of text (BINARY): the greater of a and the row's u. */
static void
attscan_upd(struct attscan *a, sqlite3_value *u)
{
	const char	*t;
	int		 n, c;

	if (a->updlen == -1)
		return;
	switch (sqlite3_value_type(u)) {
	case SQLITE_NULL:
		return;
	case SQLITE_TEXT:
		break;
	default:
		a->updlen = -1;
		return;
	}
	t = (const char *)sqlite3_value_text(u);
	n = sqlite3_value_bytes(u);
	if (a->updlen >= 0) {
		c = memcmp(t, a->upd, (size_t)(n < a->updlen ? n : a->updlen));
		if (c < 0 || (c == 0 && n <= a->updlen))
			return;
	}
	if (t == NULL || n > MERGE_UPD_MAX) {
		a->updlen = -1;
		return;
	}
	memcpy(a->upd, t, (size_t)n);
	a->updlen = n;
}

static void
sql_attscan_step(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	struct attscan	*a = sqlite3_aggregate_context(cx, sizeof *a);
	sqlite3_int64	 v[3];
	int		 i, integers = 1;

	if (a == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if (a->n == 0)
		a->updlen = -2;
	/* The keysum of (id, session_id, member_id) in the order of id. */
	for (i = 0; i < 3; i++) {
		if (sqlite3_value_type(argv[i]) != SQLITE_INTEGER)
			integers = 0;
		v[i] = sqlite3_value_int64(argv[i]);
	}
	keysum_add(&a->k, v, 0, integers);
	if (a->n == 0 || v[0] > a->maxid)
		a->maxid = v[0];
	for (i = 0; i < 2; i++) {
		if (a->n == 0 || v[i + 1] < a->lo[i])
			a->lo[i] = v[i + 1];
		if (a->n == 0 || v[i + 1] > a->hi[i])
			a->hi[i] = v[i + 1];
	}
	a->n++;
	attscan_upd(a, argv[3]);
	if (circle_merge_values_bad(argc - 4, argv + 4))
		a->bad++;
	/* Its record: the columns, the first (id) a NULL there. */
	if (argc > 4)
		a->bytes += circle_merge_record_bytes(argc - 5, argv + 5, 1);
}

static void
sql_attscan_final(sqlite3_context *cx)
{
	struct attscan		*a = sqlite3_aggregate_context(cx, 0);
	struct merge_scan	*s = sqlite3_user_data(cx);

	memset(s, 0, sizeof *s);
	s->updlen = -2;
	if (a != NULL && a->n > 0) {
		s->v[0] = a->n;
		s->v[1] = a->maxid;
		s->v[2] = a->lo[0];
		s->v[3] = a->hi[0];
		s->v[4] = a->lo[1];
		s->v[5] = a->hi[1];
		s->v[6] = (sqlite3_int64)a->k.sum;
		s->sum_null = a->k.bad;
		s->v[7] = a->bad;
		s->bytes = a->bytes;
		memcpy(s->upd, a->upd, sizeof s->upd);
		s->updlen = a->updlen;
	}
	sqlite3_result_int(cx, 1);
}

static int
scan_table(struct circle_db *db, struct merge_scan *s, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*cols, *sql;
	int		 rc;

	(void)pthread_once(&sum_once, sum_key_make);
	if (sqlite3_create_function(db->h, "circle_keysum", 4, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, NULL,
	    sql_keysum_step, sql_keysum_final) != SQLITE_OK ||
	    sqlite3_create_function(db->h, "circle_attscan", -1, SQLITE_UTF8 |
	    SQLITE_DIRECTONLY, s, NULL, sql_attscan_step,
	    sql_attscan_final) != SQLITE_OK)
		return circle_db_error(db, e, "merge");
	if (circle_merge_columns(db, "attendance", "t", NULL, &cols, e) == -1)
		return -1;
	sql = sqlite3_mprintf("SELECT circle_attscan(t.id, t.session_id, "
	    "t.member_id, t.updated_at, %s) FROM x.attendance AS t NOT "
	    "INDEXED", cols != NULL ? cols : "NULL");
	sqlite3_free(cols);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	memset(s, 0, sizeof *s);
	s->updlen = -2;
	rc = sqlite3_step(st);
	rc = circle_step_ok(db, rc, "attendance", e);
	sqlite3_finalize(st);
	return rc;
}

/* The keysum of each of the file's attendance indexes. */
static int
scan_indexes(struct circle_db *db, struct merge_scan *s, struct circle_err *e)
{
	static const char *const scans[] = {
		"SELECT circle_keysum(id, session_id, member_id, 1) FROM "
		    "x.attendance INDEXED BY sqlite_autoindex_attendance_1",
		"SELECT circle_keysum(id, session_id, member_id, 2) FROM "
		    "x.attendance INDEXED BY attendance_member",
	};
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof scans / sizeof scans[0]; i++) {
		if ((st = circle_prepare(db, scans[i], e)) == NULL)
			return -1;
		s->index_null[i] = 1;
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			s->index_null[i] = sqlite3_column_type(st, 0) ==
			    SQLITE_NULL;
			s->index_sum[i] = sqlite3_column_int64(st, 0);
		}
		rc = circle_step_ok(db, rc, "attendance", e);
		sqlite3_finalize(st);
		if (rc == -1)
			return -1;
	}
	s->indexes = 1;
	return 0;
}

/*
 * The keysums of the file's attendance indexes made on a thread of their
 * own, on a connection of their own to the same bytes
 * (circle_merge_reader), beside the scan of its table: on a free CPU the
 * two scans take the longer one's time, not their sum.
 */
struct index_scan {
	pthread_t		 thread;
	const unsigned char	*img;
	size_t			 n;
	char			*path;		/* borrowed: the database's,
						   for its errors */
	struct merge_scan	 s;
	int			 rc;
};

static void *
index_scan_run(void *arg)
{
	struct index_scan	*x = arg;
	struct circle_db	 db;
	struct circle_err	 e;

	x->rc = -1;
	memset(&db, 0, sizeof db);
	db.path = x->path;
	if ((db.h = circle_merge_reader(NULL, x->img, x->n)) == NULL)
		return NULL;
	(void)pthread_once(&sum_once, sum_key_make);
	if (sqlite3_create_function(db.h, "circle_keysum", 4, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, NULL,
	    sql_keysum_step, sql_keysum_final) == SQLITE_OK)
		x->rc = scan_indexes(&db, &x->s, &e);
	sqlite3_close(db.h);
	return NULL;
}

/*
 * The file's attendance scanned whole on the checks' thread, ahead of
 * attendance_copy: the table, and its indexes when the table may be
 * copied (its ids 1 to n, in order, its text good), those on a thread of
 * their own beside the table's scan when the file's bytes (img, n) are
 * given and a thread can be had; a failure there is found again here.
 */
int
circle_merge_attendance_scan(struct circle_db *db, const unsigned char *img,
    size_t n, struct merge_scan *s, struct circle_err *e)
{
	struct index_scan	*x;
	int			 rc, started;

	x = circle_xcalloc(1, sizeof *x);
	x->img = img;
	x->n = n;
	x->path = db->path;
	started = img != NULL && pthread_create(&x->thread, NULL,
	    index_scan_run, x) == 0;
	rc = scan_table(db, s, e);
	if (started)
		pthread_join(x->thread, NULL);
	if (rc == 0 && !s->sum_null && s->v[0] == s->v[1] && s->v[7] == 0) {
		if (started && x->rc == 0) {
			memcpy(s->index_sum, x->s.index_sum,
			    sizeof s->index_sum);
			memcpy(s->index_null, x->s.index_null,
			    sizeof s->index_null);
			s->indexes = 1;
		} else
			rc = scan_indexes(db, s, e);
	}
	free(x);
	return rc;
}

/*
 * The file's attendance copied whole, the way SQLite copies a table into
 * an empty one of the same schema (page by page, its transfer
 * optimisation, which needs the foreign keys off: circle_db_merge), when
 * that gives what the row-by-row merge would: this database has no
 * attendance yet, the file's people and sessions kept their ids, and so
 * do its attendance rows (1 to n, every one naming a person and a session
 * of the file).  A copied index is the file's own: it must hold exactly
 * the table's rows, in order (keysum).  The file scanned on the checks'
 * thread, or here.  0 when it cannot be used, 1 when done, -1 on error
 * (circle_merge_copy_whole's too).
 */
static int
attendance_copy(struct circle_db *db, struct merge *m,
    struct circle_merge_count *c, struct circle_err *e)
{
	const struct merge_scan	*s;
	struct merge_scan	 own;
	long			 nsess, nmemb;
	size_t			 i;
	int			 rc, ok;

	if ((rc = refs_kept(db, m, &nsess, &nmemb, e)) != 1)
		return rc;
	if ((s = circle_merge_checks_scan(m, &rc, e)) == NULL) {
		if (rc == -1 || scan_table(db, &own, e) == -1)
			return -1;
		s = &own;
	} else if (rc == -1)
		return -1;
	ok = !s->sum_null && s->v[0] == s->v[1] && (s->v[0] == 0 ||
	    (s->v[2] >= 1 && s->v[3] <= nsess && s->v[4] >= 1 &&
	    s->v[5] <= nmemb));
	if (ok && s == &own && scan_indexes(db, &own, e) == -1)
		return -1;
	for (i = 0; ok && i < sizeof s->index_sum / sizeof s->index_sum[0];
	    i++)
		ok = s->indexes && !s->index_null[i] && s->index_sum[i] ==
		    s->v[6];
	/* No byte in its records but their fields' (mergeproof.c). */
	if (ok)
		ok = circle_merge_payload_is(db->h, "attendance", s->bytes);
	if (!ok)
		return 0;
	/*
	 * Every row is written: any bad text refuses the file (else only
	 * the rows the upsert writes are checked, as in every merge).
	 */
	if (s->v[7] > 0)
		return circle_merge_bad_text(m, "attendance", (long)s->v[7], e);
	if (circle_merge_copy_whole(db, m, "INSERT INTO main.attendance "
	    "SELECT * FROM x.attendance", &c->added, e) == -1)
		return -1;
	/* Its newest time, found by the scan (merge_tx says it). */
	memcpy(m->att_upd, s->upd, sizeof m->att_upd);
	m->att_updlen = s->updlen;
	return 1;
}

/* What is the same attendance row on both sides: the person at a session. */
/*
 * The file's rows in the order they were made, that is by session, each
 * looked up (CROSS JOIN keeps this order; by an index of the file's, the
 * lookups here would jump about the file: ten times the time).
 */
#define ATT_FROM "FROM x.attendance AS t NOT INDEXED CROSS JOIN " \
	"temp.st_session ss ON " \
	"ss.xid = t.session_id CROSS JOIN temp.st_member sm ON sm.xid = " \
	"t.member_id "
#define ATT_NOTE "CASE WHEN :nonotes AND l.id IS NOT NULL THEN l.note " \
	"ELSE t.note END"
#define ATT_DIFF "(l.status IS NOT t.status OR l.note IS NOT " ATT_NOTE \
	" OR l.created_at IS NOT t.created_at OR l.updated_at IS NOT " \
	"t.updated_at)"
#define ATT_CONFLICT MERGE_CONFLICT("l.updated_at", "t.updated_at")
#define ATT_NEWER MERGE_NEWER("l.updated_at", "t.updated_at")
/* A row of the file written here: new, or newer there, or theirs taken. */
#define ATT_WRITTEN "(l.id IS NULL OR (" ATT_DIFF " AND CASE WHEN " \
	ATT_CONFLICT " THEN :theirs ELSE " ATT_NEWER " END))"

/*
 * A statement made with sqlite3_mprintf (freed here) with the merge's
 * parameters, and the file's numbers of sessions and people (:nsess,
 * :nmemb) bound.
 */
static sqlite3_stmt *
prepare_refs(struct circle_db *db, const struct merge *m, char *sql,
    long nsess, long nmemb, struct circle_err *e)
{
	sqlite3_stmt	*st;

	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return NULL;
	circle_merge_bind(st, m);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":nsess"),
	    nsess);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":nmemb"),
	    nmemb);
	return st;
}

/*
 * A statement's merge parameters, and :from, the lowest id of the file's
 * rows it reads (attendance_same).
 */
static void
bind_from(sqlite3_stmt *st, const struct merge *m, sqlite3_int64 from)
{
	circle_merge_bind(st, m);
	sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st, ":from"),
	    from);
}

/*
 * The file's attendance compared with this database's, each row with the
 * row of its id here: the lowest id of the rows the merge might write or
 * call a conflict (see compare_sql; NULL when none), the rows, and the
 * highest session and person the rows not among those name (the file's
 * highest ids of each: compare_on), with their types.
 */
struct compare_found {
	sqlite3_int64	 v[4];
	int		 type[4];
};

#define ATT_UNSETTLED MERGE_UNSETTLED("l.updated_at", "t.updated_at")
#define ATT_UNLIKE "(l.id IS NULL OR l.session_id IS NOT t.session_id OR " \
	"l.member_id IS NOT t.member_id OR " ATT_UNSETTLED ")"

/*
 * The comparison: each row of the file the row of the same id here, with
 * the same session and person, and settled (ATT_UNSETTLED not true).
 * Only the times are read of each row, not every column: a row that
 * differs but is not newer there is counted unchanged and written by no
 * rule, as attendance_same would count it.  Its parameters are :base,
 * :m, :e, and the file's highest session and person ids (:top_session,
 * :top_person): a row naming a higher one is not settled here either
 * (compare_same takes those two as the highest any settled row names).
 * compare_sql_tight leaves that test out of each row, when no row here
 * names a higher session or person (compare_on): a row of the same
 * session and person as the row here then names none either.
 */
#define COMPARE_FROM "), count(*) FROM x.attendance AS t NOT INDEXED LEFT " \
	"JOIN main.attendance l ON l.id = t.id"
static const char compare_sql[] = "SELECT min(t.id) FILTER (WHERE "
	ATT_UNLIKE " OR t.session_id > :top_session OR t.member_id > "
	":top_person" COMPARE_FROM;
static const char compare_sql_tight[] = "SELECT min(t.id) FILTER (WHERE "
	ATT_UNLIKE COMPARE_FROM;

/*
 * The file's highest session and person ids, and whether the highest
 * session and person this database's attendance names (the last entries
 * of its two indexes) are no higher: read once, not of each row.
 */
static const char compare_top_sql[] = "SELECT (SELECT max(id) FROM "
	"x.session), (SELECT max(id) FROM x.member), coalesce((SELECT "
	"max(session_id) FROM main.attendance) <= (SELECT max(id) FROM "
	"x.session) AND (SELECT max(member_id) FROM main.attendance) <= "
	"(SELECT max(id) FROM x.member), 0)";

/*
 * The comparison on connection h (the merge's, or its thread's): 0 with
 * f filled, or -1 with the error in h.
 */
static int
compare_on(sqlite3 *h, const struct merge *m, struct compare_found *f)
{
	sqlite3_stmt	*st = NULL;
	int		 i, tight = 0, rc = -1;

	if (sqlite3_prepare_v2(h, compare_top_sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < 2; i++) {
			f->v[i + 2] = sqlite3_column_int64(st, i);
			f->type[i + 2] = sqlite3_column_type(st, i);
		}
		tight = sqlite3_column_int(st, 2) == 1;
		rc = 0;
	}
	if (sqlite3_finalize(st) != SQLITE_OK || rc == -1)
		return -1;
	rc = -1;
	if (sqlite3_prepare_v2(h, tight ? compare_sql_tight : compare_sql, -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	circle_merge_bind(st, m);
	if (!tight) {
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st,
		    ":top_session"), f->v[2]);
		sqlite3_bind_int64(st, sqlite3_bind_parameter_index(st,
		    ":top_person"), f->v[3]);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		for (i = 0; i < 2; i++) {
			f->v[i] = sqlite3_column_int64(st, i);
			f->type[i] = sqlite3_column_type(st, i);
		}
		rc = 0;
	}
	if (sqlite3_finalize(st) != SQLITE_OK)
		rc = -1;
	return rc;
}

/*
 * Every row of the file names a session and a person of the file (1 to
 * nsess and nmemb, staged under their own ids: the highest any settled
 * row names, f's, no higher), and is the row of the same id here,
 * settled (compare_sql): 1 with *n rows.  Or so is every row before the
 * row of id *first, the first that is not (a merge again of a file that
 * has new rows since): 2 with *n rows in the whole file.  Else 0.
 */
static int
compare_same(const struct compare_found *f, long nsess, long nmemb,
    long *n, sqlite3_int64 *first)
{
	if (f->v[1] > 0 && (f->type[2] != SQLITE_INTEGER ||
	    f->v[2] > nsess || f->type[3] != SQLITE_INTEGER ||
	    f->v[3] > nmemb))
		return 0;
	*n = (long)f->v[1];
	if (f->type[0] == SQLITE_NULL)
		return 1;
	if (f->type[0] != SQLITE_INTEGER)
		return 0;
	*first = f->v[0];
	return 2;
}

/*
 * A merge again compares the file's million attendance rows with this
 * database's (attendance_unchanged): begun at the start of the merge's
 * transaction on a thread and a read-only connection of its own, beside
 * the rest of the merge.  It reads this database as committed, which is
 * what the merge's connection reads of attendance when it gets there: the
 * merge holds the write lock (no one else commits meanwhile), and nothing
 * it does before attendance changes a row of it (merge_tx starts it only
 * when no one here is forgotten there: nothing is deleted).  A
 * write-ahead log only, so that the reader never stands in the way of the
 * merge's writes.  Its answer is taken when it has one; else the
 * comparison runs on the merge's connection.  When its answer will not be
 * used (the merge failed, or the file's ids were not kept), it is stopped
 * (circle_merge_compare_end) rather than waited for.
 */
struct merge_compare {
	pthread_t	 thread;
	char		*path;		/* this database's file */
	const struct merge *m;		/* its parameters (circle_merge_bind:
					   fixed while merge_tx runs) */
	const unsigned char *img;	/* the file's bytes */
	size_t		 n;
	int		 joined;
	int		 rc;		/* 0: found holds the answer */
	struct compare_found found;
	pthread_mutex_t	 lock;		/* over h and stop */
	sqlite3		*h;		/* the thread's connection, while open */
	int		 stop;		/* its answer is not wanted */
};

/*
 * Asked by SQLite now and then on the thread's connection: stop?  An
 * sqlite3_interrupt that came before the statement began is forgotten by
 * SQLite when it begins; this is not.
 */
static int
compare_stopped(void *arg)
{
	struct merge_compare	*c = arg;
	int			 stop;

	pthread_mutex_lock(&c->lock);
	stop = c->stop;
	pthread_mutex_unlock(&c->lock);
	return stop;
}

static void *
compare_run(void *arg)
{
	struct merge_compare	*c = arg;
	sqlite3			*h = NULL;

	c->rc = -1;
	if ((h = circle_merge_reader(c->path, c->img, c->n)) == NULL)
		return NULL;
	pthread_mutex_lock(&c->lock);
	c->h = h;
	pthread_mutex_unlock(&c->lock);
	sqlite3_progress_handler(h, 10000, compare_stopped, c);
	c->rc = compare_on(h, c->m, &c->found);
	/* Not closed while circle_merge_compare_end may interrupt it. */
	pthread_mutex_lock(&c->lock);
	c->h = NULL;
	pthread_mutex_unlock(&c->lock);
	sqlite3_close(h);
	return NULL;
}

/*
 * The comparison begun on its thread (see struct merge_compare), when
 * there can be one: threads, a database file in a write-ahead log; and
 * when it may be of use: the file's first session and first person are
 * the rows of the same ids here (as when it was merged first into this
 * database; a second facilitator's file is not).  Not begun is no error:
 * the merge compares on its own connection, if at all.
 */
int
circle_merge_compare_start(struct circle_db *db, struct merge *m,
    struct circle_err *e)
{
	struct merge_compare	*c;
	sqlite3_stmt		*st;
	const char		*path;
	long			 kept;
	int			 rc, wal = 0;

	circle_merge_compare_end(m);
	path = sqlite3_db_filename(db->h, "main");
	if (!sqlite3_threadsafe() || getenv("CIRCLE_MERGE_ONE_THREAD") !=
	    NULL || path == NULL || *path == '\0')
		return 0;
	if ((st = circle_prepare(db, "PRAGMA main.journal_mode", e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		wal = sqlite3_column_text(st, 0) != NULL && strcmp((const char *)
		    sqlite3_column_text(st, 0), "wal") == 0;
	rc = circle_step_ok(db, rc, "merge", e);
	sqlite3_finalize(st);
	if (rc == -1 || !wal)
		return rc;
	if (circle_merge_number(db, m, sqlite3_mprintf("SELECT EXISTS (SELECT "
	    "1 FROM x.session t JOIN main.session l ON l.id = t.id AND l.uid = "
	    "t.uid WHERE t.id = (SELECT min(id) FROM x.session)) AND EXISTS "
	    "(SELECT 1 FROM x.member t JOIN main.member l ON l.id = t.id AND "
	    "l.uid = t.uid WHERE t.id = (SELECT min(id) FROM x.member))"),
	    &kept, e) == -1)
		return -1;
	if (!kept)
		return 0;
	c = circle_xcalloc(1, sizeof *c);
	c->path = circle_xstrdup(path);
	c->m = m;
	c->img = m->img;
	c->n = m->n;
	pthread_mutex_init(&c->lock, NULL);
	if (pthread_create(&c->thread, NULL, compare_run, c) != 0) {
		pthread_mutex_destroy(&c->lock);
		free(c->path);
		free(c);
		return 0;
	}
	m->compare = c;
	return 0;
}

/*
 * The comparison's thread ended, its answer dropped: stopped where it is
 * (sqlite3_interrupt, and its progress handler) when the answer was not
 * taken, then joined.
 */
void
circle_merge_compare_end(struct merge *m)
{
	struct merge_compare	*c = m->compare;

	if (c == NULL)
		return;
	if (!c->joined) {
		pthread_mutex_lock(&c->lock);
		c->stop = 1;
		if (c->h != NULL)
			sqlite3_interrupt(c->h);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
	}
	pthread_mutex_destroy(&c->lock);
	free(c->path);
	free(c);
	m->compare = NULL;
}

/*
 * Every row of the file is the row of the same id here, with the same
 * session and person, settled (ATT_UNSETTLED not true: not newer there,
 * not changed on both sides), and names a session and a person of the file: nothing
 * to write, no conflict, and *n rows unchanged.  One step from each row
 * to the next here, and the two rows' times compared: what a merge of
 * the same file again costs, found on the thread begun for it or here.
 * 1 when so, 2 when so of the rows before the row of id *first
 * (compare_same), 0 when not, -1 on error.
 */
static int
attendance_unchanged(struct circle_db *db, struct merge *m, long nsess,
    long nmemb, long *n, sqlite3_int64 *first, struct circle_err *e)
{
	struct merge_compare	*c = m->compare;
	struct compare_found	 f;
	int			 same;

	if (c != NULL) {
		pthread_join(c->thread, NULL);
		c->joined = 1;
		same = c->rc == 0 ? compare_same(&c->found, nsess, nmemb, n,
		    first) :
		    -1;
		circle_merge_compare_end(m);
		if (same != -1)
			return same;
	}
	if (compare_on(db->h, m, &f) == -1)
		return circle_db_error(db, e, "attendance");
	return compare_same(&f, nsess, nmemb, n, first);
}

/*
 * Attendance merged before into this database whole (attendance_copy) or
 * row by row in the same order: each row of the file is the row of the
 * same id here, with the same person and session.  When the file's people
 * and sessions kept their ids here, and every row of the file is found so
 * (each a step to the next row, not a search), its counts are the
 * matching's: 1 when they are, 0 when the rows must be matched by person
 * and session, -1 on error.  Or every row before the row of id *from is
 * the row of its id here and settled, and the rows from there on are no
 * more than those (a merge again of a file with a few rows new since):
 * 2, with the *head rows before it unchanged, and only the rows from
 * *from on to be matched by person and session, counted and written.
 */
static int
attendance_same(struct circle_db *db, struct merge *m, const char *cols,
    struct circle_merge_count *c, long *bad, sqlite3_int64 *from,
    long *head, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*sql;
	sqlite3_int64	 first = 0;
	long		 nsess, nmemb, n = 0, tail;
	int		 rc, same = 0;

	if ((rc = refs_kept(db, m, &nsess, &nmemb, e)) != 1) {
		circle_merge_compare_end(m);	/* its answer is of no use */
		return rc;
	}
	rc = attendance_unchanged(db, m, nsess, nmemb, &n, &first, e);
	if (rc == -1)
		return -1;
	if (rc == 1) {
		c->unchanged = n;
		c->added = c->updated = c->conflicts = 0;
		return 1;
	}
	if (rc == 2) {
		if (circle_merge_number(db, m, sqlite3_mprintf("SELECT count(*) "
		    "FROM x.attendance WHERE id >= %lld", (long long)first),
		    &tail, e) == -1)
			return -1;
		if (tail <= n - tail) {
			*from = first;
			*head = n - tail;
			return 2;
		}
	}
	sql = sqlite3_mprintf("SELECT count(*) FILTER (WHERE l.id IS "
	    "NULL OR l.session_id IS NOT t.session_id OR l.member_id IS NOT "
	    "t.member_id OR typeof(t.session_id) != 'integer' OR "
	    "typeof(t.member_id) != 'integer' OR t.session_id NOT BETWEEN 1 "
	    "AND :nsess OR t.member_id NOT BETWEEN 1 AND :nmemb), count(*) "
	    "FILTER (WHERE " ATT_DIFF " AND NOT " ATT_CONFLICT " AND "
	    ATT_NEWER "), count(*) FILTER (WHERE " ATT_DIFF
	    " AND " ATT_CONFLICT "), count(*), count(*) FILTER (WHERE "
	    ATT_WRITTEN " AND circle_bad_text(%s)) FROM x.attendance AS t NOT "
	    "INDEXED LEFT JOIN main.attendance l ON l.id = t.id", cols);
	if ((st = prepare_refs(db, m, sql, nsess, nmemb, e)) == NULL)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_int64(st, 0) == 0) {
		same = 1;
		c->added = 0;
		c->updated = (long)sqlite3_column_int64(st, 1);
		c->conflicts = (long)sqlite3_column_int64(st, 2);
		c->unchanged = (long)sqlite3_column_int64(st, 3) -
		    c->updated - c->conflicts;
		*bad = (long)sqlite3_column_int64(st, 4);
	}
	rc = circle_step_ok(db, rc, "attendance", e);
	sqlite3_finalize(st);
	return rc == -1 ? -1 : same;
}

/*
 * Attendance has no uid: a row is a person at a session, so it is merged
 * with one upsert on that pair, counted first by the same rules.  Into a
 * database with no attendance yet there is nothing to count: every row
 * the upsert writes is new; and where the file's rows would keep their
 * ids, they are copied whole (attendance_copy).
 */
int
circle_merge_attendance(struct circle_db *db, struct merge *m, struct circle_err *e)
{
	struct circle_merge_count	*c = circle_merge_count_of(m->r, "attendance");
	sqlite3_stmt			*st;
	char				*d, *cols, *sql;
	sqlite3_int64			 from = INT64_MIN;
	long				 none, bad = 0, head = 0;
	int				 rc;

	/* Known from the start of the merge, unless someone was forgotten. */
	none = !m->att_here;
	if (m->forgotten_here && circle_merge_number(db, m,
	    sqlite3_mprintf("SELECT NOT EXISTS (SELECT 1 FROM "
	    "main.attendance)"), &none, e) == -1)
		return -1;
	/* The text of the rows written is checked here (mergecheck.c). */
	if (circle_merge_columns(db, "attendance", "t", NULL, &cols, e) == -1)
		return -1;
	if (cols == NULL)
		cols = sqlite3_mprintf("NULL");
	if (m->row_by_row)
		none = 0;
	if (none && m->bulk) {
		if ((rc = attendance_copy(db, m, c, e)) != 0) {
			sqlite3_free(cols);
			return rc == 1 ? 0 : -1;
		}
	}
	if (none) {
		c->added = -1;
		rc = circle_merge_number(db, m, sqlite3_mprintf("SELECT "
		    "count(*) " ATT_FROM "WHERE circle_bad_text(%s)", cols),
		    &bad, e);
		sqlite3_free(cols);
		if (rc == -1)
			return -1;
		if (bad > 0)
			return circle_merge_bad_text(m, "attendance", bad, e);
		goto upsert;
	}
	if (!m->row_by_row && (rc = attendance_same(db, m, cols, c, &bad,
	    &from, &head, e)) != 0 && rc != 2) {
		sqlite3_free(cols);
		if (rc == -1)
			return -1;
		if (bad > 0)
			return circle_merge_bad_text(m, "attendance", bad, e);
		goto counted;
	}
	sql = sqlite3_mprintf("SELECT count(*) FILTER (WHERE l.id IS "
	    "NULL), count(*) FILTER (WHERE " ATT_DIFF " AND NOT "
	    ATT_CONFLICT " AND " ATT_NEWER "), count(*) FILTER "
	    "(WHERE " ATT_DIFF " AND " ATT_CONFLICT "), count(*), count(*) "
	    "FILTER (WHERE " ATT_WRITTEN " AND circle_bad_text(%s)) "
	    ATT_FROM "LEFT JOIN main.attendance l ON l.session_id = ss.lid AND "
	    "l.member_id = sm.lid WHERE t.id >= :from", cols);
	sqlite3_free(cols);
	st = circle_prepare(db, sql, e);
	sqlite3_free(sql);
	if (st == NULL)
		return -1;
	bind_from(st, m, from);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->added = (long)sqlite3_column_int64(st, 0);
		c->updated = (long)sqlite3_column_int64(st, 1);
		c->conflicts = (long)sqlite3_column_int64(st, 2);
		c->unchanged = (long)sqlite3_column_int64(st, 3) - c->added -
		    c->updated - c->conflicts + head;
		bad = (long)sqlite3_column_int64(st, 4);
	}
	rc = circle_step_ok(db, rc, "attendance", e);
	sqlite3_finalize(st);
	if (rc == -1)
		return -1;
	if (bad > 0)
		return circle_merge_bad_text(m, "attendance", bad, e);
counted:
	if (m->o->theirs)
		c->updated += c->conflicts;
	if (c->conflicts > 0) {
		if ((st = circle_prepare(db, "SELECT 'attendance ' || "
		    "(SELECT handle FROM main.member WHERE id = l.member_id) || "
		    "' at ' || (SELECT g.handle || ' ' || replace(s.local_start, "
		    "'T', ' ') FROM main.session s JOIN main.grp g ON g.id = "
		    "s.grp_id WHERE s.id = l.session_id), l.updated_at, "
		    "t.updated_at " ATT_FROM "JOIN main.attendance l ON "
		    "l.session_id = ss.lid AND l.member_id = sm.lid WHERE "
		    "t.id >= :from AND " ATT_DIFF " AND " ATT_CONFLICT
		    " ORDER BY 1", e)) == NULL)
			return -1;
		bind_from(st, m, from);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			circle_xasprintf(&d, "changed here (%s) and there (%s); "
			    "%s", sqlite3_column_text(st, 1),
			    sqlite3_column_text(st, 2), m->o->theirs ?
			    "took theirs" : "kept this side");
			circle_merge_note_add(&m->r->conflicts, &m->r->nconflicts,
			    circle_col_dup(st, 0), d);
		}
		rc = circle_step_ok(db, rc, "attendance", e);
		sqlite3_finalize(st);
		if (rc == -1)
			return -1;
	}
	if (c->added + c->updated == 0)
		return 0;
upsert:
	/*
	 * The rows from :from on (attendance_same; else every row); an
	 * upsert after a join needs a WHERE to parse anyway.
	 */
	if ((st = circle_prepare(db, "INSERT INTO main.attendance (session_id, "
	    "member_id, status, note, created_at, updated_at) SELECT ss.lid, "
	    "sm.lid, t.status, t.note, t.created_at, t.updated_at " ATT_FROM
	    "WHERE t.id >= :from ON CONFLICT (session_id, member_id) DO UPDATE SET "
	    "status = excluded.status, note = CASE WHEN :nonotes THEN "
	    "attendance.note ELSE excluded.note END, created_at = "
	    "excluded.created_at, updated_at = excluded.updated_at WHERE "
	    "(attendance.status IS NOT excluded.status OR (NOT :nonotes AND "
	    "attendance.note IS NOT excluded.note) OR attendance.created_at "
	    "IS NOT excluded.created_at OR attendance.updated_at IS NOT "
	    "excluded.updated_at) AND CASE WHEN :base AND "
	    "attendance.updated_at > :m AND excluded.updated_at > :e THEN "
	    ":theirs ELSE excluded.updated_at > attendance.updated_at END",
	    e)) == NULL)
		return -1;
	bind_from(st, m, from);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	if (c->added == -1)
		c->added = sqlite3_changes(db->h);
	return 0;
}
