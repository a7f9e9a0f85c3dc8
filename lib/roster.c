/*
 * roster.c: the people in the groups: add, edit, look up, list, group
 * membership, and forget, which erases a person from every row, the change
 * log and the free pages of the file.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "record.h"
#include "roster.h"

/* A membership being made or changed (circle_membership_join). */
struct membership_at {
	long long	 mid, gid;
	const char	*on;		/* its first day */
	long long	 sid;		/* the one now, or 0 */
	char		*oldrole;	/* owned: its role */
	char		 was[11];	/* its first day */
	int		 moved;		/* moved back to on */
};

#define MF(n, c, k, m, r) { n, #c, k, m, r, \
	offsetof(struct circle_member_set, c) }
const struct circle_field circle_member_fields[] = {
	MF("handle", handle, F_HANDLE, 32, 1),
	MF("name", display_name, F_NAME, 200, 1),
	MF("full_name", full_name, F_NAME, 300, 0),
	MF("pronouns", pronouns, F_TEXT, 40, 0),
	MF("email", email, F_EMAIL, 254, 0),
	MF("phone", phone, F_PHONE, 40, 0),
	MF("emergency", emergency, F_TEXT, 300, 0),
	MF("consent", consent, F_BOOL, 5, 0),
	MF("consent_on", consent_on, F_DATE, 10, 0),
	MF("notes", notes, F_NOTES, 4000, 0),
};
const size_t circle_nmember_fields =
    sizeof circle_member_fields / sizeof circle_member_fields[0];

static const struct circle_lookup member_lookup = {
	"member", "display_name", "member", "name_fold", "full_name"
};

#define MEMBER_COLUMNS "m.id, m.uid, m.handle, m.display_name, " \
	"m.full_name, m.pronouns, m.email, m.phone, m.emergency, m.consent, " \
	"m.consent_on, m.status, m.notes, m.created_at, m.updated_at, " \
	"(SELECT group_concat(handle, ', ') FROM (SELECT g.handle FROM " \
	"membership s JOIN grp g ON g.id = s.grp_id WHERE s.member_id = m.id " \
	"AND s.left_on IS NULL ORDER BY g.handle))"

void
circle_member_release(struct circle_member *m)
{
	free(m->uid);
	free(m->handle);
	free(m->display_name);
	free(m->full_name);
	free(m->pronouns);
	free(m->email);
	free(m->phone);
	free(m->emergency);
	free(m->consent_on);
	free(m->status);
	free(m->notes);
	free(m->created_at);
	free(m->updated_at);
	free(m->groups);
	memset(m, 0, sizeof *m);
}

void
circle_membership_release(struct circle_membership *s)
{
	free(s->group);
	free(s->group_name);
	free(s->role);
	free(s->joined_on);
	free(s->left_on);
	memset(s, 0, sizeof *s);
}

static void
member_from_row(sqlite3_stmt *st, struct circle_member *m)
{
	m->id = sqlite3_column_int64(st, 0);
	m->uid = circle_col_dup(st, 1);
	m->handle = circle_col_dup(st, 2);
	m->display_name = circle_col_dup(st, 3);
	m->full_name = circle_col_dup(st, 4);
	m->pronouns = circle_col_dup(st, 5);
	m->email = circle_col_dup(st, 6);
	m->phone = circle_col_dup(st, 7);
	m->emergency = circle_col_dup(st, 8);
	m->consent = sqlite3_column_type(st, 9) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 9);
	m->consent_on = circle_col_dup(st, 10);
	m->status = circle_col_dup(st, 11);
	m->notes = circle_col_dup(st, 12);
	m->created_at = circle_col_dup(st, 13);
	m->updated_at = circle_col_dup(st, 14);
	m->groups = circle_col_dup(st, 15);
}

/*
 * The member whose email this is, other than except_id; 0 if none, -1 on
 * an error.  The email is read as one is stored (record.c: cleaned as a
 * name, unseen spaces left out) and as a sign-in sheet's or a form's
 * cell may have it, "Ann Lee <ann@example.org>" (circle_email_alone).
 */
long long
circle_member_by_email(struct circle_db *db, const char *email,
    long long except_id, char **handle, struct circle_err *e)
{
	static const char sql[] = "SELECT id, handle FROM member WHERE "
	    "email = ? COLLATE NOCASE AND id != ? LIMIT 1";
	sqlite3_stmt	*st;
	long long	 id = 0;
	char		*clean, addr[256];
	int		 rc;

	if (handle != NULL)
		*handle = NULL;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	clean = circle_text_clean(email);
	circle_bind_text(st, 1, circle_email_alone(clean, addr, sizeof addr) ?
	    addr : clean);
	free(clean);
	sqlite3_bind_int64(st, 2, except_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (handle != NULL)
			*handle = circle_col_dup(st, 1);
	} else if (rc != SQLITE_DONE)
		id = circle_db_error(db, e, "member");
	sqlite3_reset(st);
	return id;
}

/*
 * The people sql finds for name folded (?1; ?2 name as typed), listed
 * "iona-b or kim-l" in *list (NULL when none), four at most, each with
 * its name after it ("kim-l (Kim Lee)") when sql's second column gives
 * it; how many, or -1 on an error.
 */
static int
people_found(struct circle_db *db, const char *sql, const char *name,
    char **list, struct circle_err *e)
{
	sqlite3_stmt	*st;
	char		*fold;
	int		 n = 0, rc;

	*list = NULL;
	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	fold = circle_name_fold(name);
	circle_bind_text(st, 1, fold);
	if (sqlite3_bind_parameter_count(st) > 1)
		circle_bind_text(st, 2, name);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (n++ < 4)
			circle_xappend(list, " or ", sqlite3_column_count(st) >
			    1 ? "%s (%s)" : "%s", sqlite3_column_text(st, 0),
			    sqlite3_column_count(st) > 1 ?
			    (const char *)sqlite3_column_text(st, 1) : "");
	sqlite3_reset(st);
	free(fold);
	if (rc != SQLITE_DONE) {
		free(*list);
		*list = NULL;
		return circle_db_error(db, e, "member");
	}
	return n;
}

/*
 * The handles of the people whose name or full name is name, folded
 * (text.c: case, accents and spacing aside), or whose name is name in
 * ASCII whole, either way (nameascii.c: Lukasz Nowak is Łukasz Nowak, as
 * a lookup has it), "iona-b" or "iona-b or kim-l", in *handles (NULL when
 * none); how many, or -1 on an error.
 */
int
circle_member_by_name(struct circle_db *db, const char *name,
    char **handles, struct circle_err *e)
{
	static const char sql[] = "SELECT handle FROM member WHERE "
	    "coalesce(name_fold, circle_fold(display_name)) = ?1 OR "
	    "circle_fold(full_name) = ?1 OR (circle_ascii_is(display_name, "
	    "?2) AND circle_ascii_is(?2, display_name)) ORDER BY handle";

	return people_found(db, sql, name, handles, e);
}

/*
 * Those on the roster whose name or full name is name with another form
 * of its first name, the last name the same ("Liz Moore" of Elizabeth
 * Moore, "Alex Chen" of Alexander Chen, "A. Oak" of Ann Oak:
 * circle_name_first_same's 2), appended to *other as "handle (name)":
 * how many, -1 with e set.
 */
static int
named_short(struct circle_db *db, const char *name, char **other,
    struct circle_err *e)
{
	static const char sql[] = "SELECT handle, display_name, full_name "
	    "FROM member WHERE substr(coalesce(name_fold, circle_fold("
	    "display_name)), -length(?1) - 1) = ' ' || ?1 OR "
	    "substr(circle_fold(full_name), -length(?1) - 1) = ' ' || ?1 "
	    "ORDER BY handle";
	sqlite3_stmt	*st;
	const char	*full, *last;
	char		*fold;
	int		 n = 0, rc;

	if ((fold = circle_name_fold(name)) == NULL ||
	    (last = strrchr(fold, ' ')) == NULL || last[1] == '\0') {
		free(fold);
		return 0;
	}
	if ((st = circle_cached(db, sql, e)) == NULL) {
		free(fold);
		return -1;
	}
	circle_bind_text(st, 1, last + 1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		full = (const char *)sqlite3_column_text(st, 2);
		if (circle_name_first_same(name, (const char *)
		    sqlite3_column_text(st, 1)) != 2 && (full == NULL ||
		    circle_name_first_same(name, full) != 2))
			continue;
		if (n++ < 4)
			circle_xappend(other, " or ", "%s (%s)",
			    sqlite3_column_text(st, 0),
			    sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	free(fold);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "member");
	return n;
}

/*
 * Those on the roster whose name begins with name, a first name alone
 * ("Jordan" for Jordan Blake), listed in *other: how many, -1 with e.
 */
static int
named_first(struct circle_db *db, const char *name, char **other,
    struct circle_err *e)
{
	static const char first[] = "SELECT handle, display_name FROM member "
	    "WHERE instr(?1, ' ') = 0 AND ?1 != '' AND (substr(coalesce("
	    "name_fold, circle_fold(display_name)), 1, length(?1) + 1) = "
	    "?1 || ' ' OR substr(circle_fold(full_name), 1, length(?1) + 1) "
	    "= ?1 || ' ') ORDER BY handle";

	return people_found(db, first, name, other, e);
}

/*
 * Someone about to be added by verb (add, walk-in) as name who is on the
 * roster already: the same name, a first name alone that begins
 * someone's ("Jordan" for Jordan Blake), or another form of someone's
 * first name beside their last ("Liz Moore" for Elizabeth Moore:
 * named_short), said with --new for another person.  verb NULL: a
 * sheet's row, said with neither (the caller says what to do).  0 when
 * nobody is; -1 with e set.
 */
int
circle_member_named_already(struct circle_db *db, const char *verb,
    const char *name, struct circle_err *e)
{
	char	*other = NULL, said[sizeof e->msg];
	int	 n, kind = 0;

	/* The same name (0), a first name alone (1), another form (2). */
	if ((n = circle_member_by_name(db, name, &other, e)) == 0) {
		kind = 1;
		n = named_first(db, name, &other, e);
	}
	if (n == 0) {
		kind = 2;
		n = named_short(db, name, &other, e);
	}
	if (n <= 0) {
		free(other);
		return n;
	}
	if (kind == 0)
		snprintf(said, sizeof said, "\"%s\" is on the roster already; "
		    "did you mean %s?", name, other);
	else
		snprintf(said, sizeof said, "\"%s\" %s %s on the roster; did "
		    "you mean %s?", name, kind == 1 ? "is the first name of" :
		    "may be, by another form of the first name,", other,
		    n == 1 ? "them" : "one of them");
	if (verb == NULL)
		circle_err_set(e, CIRCLE_EDATA, "%s", said);
	else
		circle_err_set(e, CIRCLE_EDATA, "%s: %s give --new to add "
		    "another person%s", verb, said, kind == 1 ? " (or the whole "
		    "name)" : "");
	free(other);
	return -1;
}

/*
 * A free handle for a new member: the short form ("alex-r"), else the
 * whole name ("alex-rivera"), else the short form numbered ("alex-r-2").
 */
char *
circle_member_new_handle(struct circle_db *db, const char *name,
    struct circle_err *e)
{
	char	*h, *numbered, *full, *u;

	h = circle_handle_from_name(name, 0);
	numbered = circle_record_unique_handle(db, "member", h, 0, e);
	if (numbered == NULL || strcmp(numbered, h) == 0) {
		free(h);
		return numbered;	/* the short form is free */
	}
	full = circle_handle_from_name(name, 1);
	if (strcmp(full, h) != 0 && (u = circle_record_unique_handle(db,
	    "member", full, 0, e)) != NULL) {
		if (strcmp(u, full) == 0) {
			free(h);
			free(full);
			free(numbered);
			return u;	/* the whole name is free */
		}
		free(u);
	}
	free(h);
	free(full);
	return numbered;
}

/*
 * Insert one member from the values in set, inside the caller's
 * transaction: fields checked, a free handle made from the name unless one
 * was given (which must then be free), the email not anyone else's (unless
 * the caller has just looked).  The change log gets how, not what: the
 * person's details live in one place, the member row.
 */
int
circle_member_insert(struct circle_db *db, const struct circle_member_set *s,
    const char *how, int flags, long long *idp, struct circle_err *e)
{
	static const char sql[] = "INSERT INTO member (uid, handle, "
	    "display_name, full_name, pronouns, email, phone, emergency, "
	    "consent, consent_on, notes, created_at, updated_at, name_fold) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
	const struct circle_field	*f;
	struct circle_change		 c;
	sqlite3_stmt			*st;
	char				*norm[16], *handle = NULL, *uid = NULL;
	char				*other, *fold = NULL, now[21];
	const char			*v;
	size_t				 i;
	int				 rc = -1;

	memset(norm, 0, sizeof norm);
	for (i = 0; i < circle_nmember_fields; i++) {
		f = &circle_member_fields[i];
		v = *(const char *const *)((const char *)s + f->off);
		if (v != NULL && (flags & MEMBER_NORMALISED))
			norm[i] = circle_xstrdup(v);
		else if ((v != NULL || f->required) && (i != 0 || v != NULL) &&
		    circle_field_norm(f, v, &norm[i], e) == -1)
			goto out;
	}
	if (!(flags & MEMBER_EMAIL_CHECKED) && norm[4] != NULL &&
	    circle_member_by_email(db, norm[4], 0, &other, e) != 0) {
		if (other != NULL) {
			circle_err_set(e, CIRCLE_EDATA, "email: %s is already "
			    "%s's", norm[4], other);
			free(other);
		}
		goto out;
	}
	if (norm[0] == NULL)
		handle = circle_member_new_handle(db, norm[1], e);
	else if ((handle = circle_record_unique_handle(db, "member", norm[0],
	    0, e)) != NULL && strcmp(handle, norm[0]) != 0) {
		circle_err_set(e, CIRCLE_EDATA, "handle: \"%s\" is taken",
		    norm[0]);
		goto out;
	}
	if (handle == NULL || (st = circle_cached(db, sql, e)) == NULL)
		goto out;
	if ((uid = circle_uuid(e)) == NULL)
		goto out;
	circle_now_utc(now);
	/* Static: every bound string outlives the step below. */
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, handle, -1, SQLITE_STATIC);
	for (i = 1; i < circle_nmember_fields; i++)
		sqlite3_bind_text(st, (int)i + 2, norm[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, now, -1, SQLITE_STATIC);
	/* Folded here, not after: an import looks people up as it goes. */
	fold = circle_name_fold(norm[1]);
	sqlite3_bind_text(st, 14, fold, -1, SQLITE_STATIC);
	if (circle_exec_cached(db, st, e) == -1)
		goto out;
	*idp = sqlite3_last_insert_rowid(db->h);
	c = (struct circle_change){ "add", "member", uid, uid, how };
	rc = (flags & MEMBER_NO_LOG) ? 0 : circle_log(db, &c, e);
out:
	for (i = 0; i < circle_nmember_fields; i++)
		free(norm[i]);
	free(handle);
	free(uid);
	free(fold);
	return rc;
}

/* 1 (and e filled) when a past membership of gid ended after on. */
static int
ended_after(struct circle_db *db, long long mid, long long gid,
    const char *on, struct circle_err *e)
{
	static const char sql[] = "SELECT max(left_on) FROM membership "
	    "WHERE member_id = ? AND grp_id = ? AND left_on > ?";
	sqlite3_stmt	*st;
	char		*left;

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_int64(st, 2, gid);
	circle_bind_text(st, 3, on);
	if (sqlite3_step(st) != SQLITE_ROW) {
		circle_db_error(db, e, "membership");
		sqlite3_reset(st);
		return -1;
	}
	left = circle_col_dup(st, 0);
	sqlite3_reset(st);
	if (left == NULL)
		return 0;
	circle_err_set(e, CIRCLE_EFAIL, "date: %s is before the end of "
	    "the last membership of that group (%s); rejoin on %s or later",
	    on, left, left);
	free(left);
	return 1;
}

/*
 * Today in the zone of group gid, the day of a join or a leave given no
 * date (the machine's today where the zone is not known): asked of ICU
 * once per group in a write, not for each row of an import.
 */
int
circle_group_today(struct circle_db *db, long long gid, char today[11],
    struct circle_err *e)
{
	static const char zone[] = "SELECT tzid FROM grp WHERE id = ?";
	struct circle_date	 d;
	sqlite3_stmt		*st;
	int			 rc, known = 0;

	if (!db->in_write || db->today_gid != gid) {
		if ((st = circle_cached(db, zone, e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, gid);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			known = circle_date_today_in((const char *)
			    sqlite3_column_text(st, 0), &d) == 0;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return circle_db_error(db, e, "group");
		if (!known)
			circle_date_today(&d);
		circle_date_format(&d, db->today);
		db->today_gid = db->in_write ? gid : 0;
	}
	memcpy(today, db->today, 11);
	return 0;
}

/*
 * A membership's first day moved back to on, as a facilitator who put
 * the roster in after the group began asks (roster join --on, an import's
 * joined cell): the row deleted and made again, so that the schema's
 * trigger records the old first day as removed and a database that merged
 * it removes it too (memberships are known by group, person and first
 * day: mergeremoved.c).  Never over the end of an earlier membership.
 */
static int
membership_move_back(struct circle_db *db, struct membership_at *a,
    struct circle_err *e)
{
	sqlite3_stmt	*st;

	if (ended_after(db, a->mid, a->gid, a->on, e) != 0)
		return -1;
	if ((st = circle_prepare(db, "DELETE FROM membership WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->sid);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	a->sid = 0;
	return 0;
}

/* The membership (sid, its role and first day) a person has now in gid. */
static int
membership_now(struct circle_db *db, struct membership_at *a,
    struct circle_err *e)
{
	static const char find[] = "SELECT id, role, joined_on FROM "
	    "membership WHERE member_id = ? AND grp_id = ? AND left_on IS NULL";
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = circle_cached(db, find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->mid);
	sqlite3_bind_int64(st, 2, a->gid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a->sid = sqlite3_column_int64(st, 0);
		a->oldrole = circle_col_dup(st, 1);
		snprintf(a->was, sizeof a->was, "%s",
		    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "membership");
	return 0;
}

/* The change said in the log: a join (from a day moved back) or a role. */
static int
membership_log(struct circle_db *db, const struct membership_at *a,
    const char *role, struct circle_err *e)
{
	static const char uids[] = "SELECT m.uid, g.uid, g.handle FROM "
	    "member m, grp g WHERE m.id = ? AND g.id = ?";
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			*detail, *muid, *guid, *ghandle;
	int			 rc;

	if ((st = circle_cached(db, uids, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, a->mid);
	sqlite3_bind_int64(st, 2, a->gid);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc == SQLITE_DONE)
			circle_err_set(e, CIRCLE_EFAIL, "no member %lld or no "
			    "group %lld", a->mid, a->gid);
		else
			circle_db_error(db, e, "membership");
		sqlite3_reset(st);
		return -1;
	}
	muid = circle_col_dup(st, 0);
	guid = circle_col_dup(st, 1);
	ghandle = circle_col_dup(st, 2);
	sqlite3_reset(st);
	if (a->sid != 0)
		circle_xasprintf(&detail, "{\"group\":\"%s\",\"role\":"
		    "[\"%s\",\"%s\"]}", ghandle, a->oldrole, role);
	else if (a->moved)
		circle_xasprintf(&detail, "{\"group\":\"%s\",\"role\":\"%s\","
		    "\"joined_on\":\"%s\",\"was\":\"%s\"}", ghandle, role,
		    a->on, a->was);
	else
		circle_xasprintf(&detail, "{\"group\":\"%s\",\"role\":\"%s\","
		    "\"joined_on\":\"%s\"}", ghandle, role, a->on);
	c = (struct circle_change){ a->sid != 0 ? "role" : "join",
	    "membership", guid, muid, detail };
	rc = circle_log(db, &c, e);
	free(detail);
	free(muid);
	free(guid);
	free(ghandle);
	return rc;
}

/*
 * Join member mid to group gid inside a transaction (role may be NULL:
 * a member, or the role they have).  Already in: their role changed when
 * role says another; with back set and on before their first day, that
 * day moved back to on (*changed 2, the old day in was).  *changed 0 when
 * nothing changed, was then their first day (or "").
 */
int
circle_membership_join(struct circle_db *db, long long mid, long long gid,
    const char *role, const char *on, int back, int *changed, char was[11],
    struct circle_err *e)
{
	static const char ins[] = "INSERT INTO membership (grp_id, member_id, "
	    "role, joined_on) VALUES (?, ?, ?, ?)";
	static const char upd[] = "UPDATE membership SET role = ? WHERE id = ?";
	struct membership_at	 a;
	sqlite3_stmt		*st;
	char			 today[11];
	int			 rc = -1;

	*changed = 0;
	was[0] = '\0';
	if (role != NULL && strcmp(role, "member") != 0 &&
	    strcmp(role, "facilitator") != 0 && strcmp(role, "guest") != 0)
		return circle_err_set(e, CIRCLE_EDATA, "role: \"%s\" is not "
		    "member, facilitator or guest", role);
	if (on == NULL) {
		if (circle_group_today(db, gid, today, e) == -1)
			return -1;
		on = today;
		back = 0;
	} else if (circle_date_check("date", on, e) == -1)
		return -1;
	memset(&a, 0, sizeof a);
	a.mid = mid;
	a.gid = gid;
	a.on = on;
	if (membership_now(db, &a, e) == -1)
		goto out;
	memcpy(was, a.was, sizeof a.was);
	if (a.sid != 0 && back && strcmp(on, a.was) < 0) {
		if (role == NULL)
			role = a.oldrole;
		if (membership_move_back(db, &a, e) == -1)
			goto out;
		a.moved = 1;
	} else if (a.sid != 0 && (role == NULL || strcmp(role, a.oldrole) ==
	    0)) {
		rc = 0;		/* already there, as that */
		goto out;
	}
	if (a.sid == 0 && !a.moved && ended_after(db, mid, gid, on, e) != 0)
		goto out;	/* periods of one group never overlap */
	if ((st = circle_cached(db, a.sid != 0 ? upd : ins, e)) == NULL)
		goto out;
	if (a.sid != 0) {
		circle_bind_text(st, 1, role);
		sqlite3_bind_int64(st, 2, a.sid);
	} else {
		sqlite3_bind_int64(st, 1, gid);
		sqlite3_bind_int64(st, 2, mid);
		circle_bind_text(st, 3, role != NULL ? role : "member");
		circle_bind_text(st, 4, on);
	}
	if (circle_exec_cached(db, st, e) == -1 || membership_log(db, &a,
	    role != NULL ? role : "member", e) == -1)
		goto out;
	*changed = a.moved ? 2 : 1;
	rc = 0;
out:
	free(a.oldrole);
	return rc;
}

/* Join member id to group id inside a transaction (role may be NULL). */
int
circle_membership_add(struct circle_db *db, long long mid, long long gid,
    const char *role, const char *on, int *changed, struct circle_err *e)
{
	char	was[11];

	return circle_membership_join(db, mid, gid, role, on, 0, changed, was,
	    e);
}

struct member_add {
	const struct circle_member_set	*set;
	struct circle_member		*out;
};

static int
member_add_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_add	*a = arg;
	long long		 id, gid;
	char			 ref[32];
	int			 changed;

	/* Added twice by mistake, one person would be two, as walk-in says. */
	if (!a->set->new_person && a->set->display_name != NULL &&
	    circle_member_named_already(db, "add", a->set->display_name,
	    e) == -1)
		return -1;
	if (circle_member_insert(db, a->set, NULL, 0, &id, e) == -1)
		return -1;
	if (a->set->group != NULL) {
		if (circle_group_resolve(db, a->set->group, &gid, e) == -1 ||
		    circle_membership_add(db, id, gid, a->set->role, NULL,
		    &changed, e) == -1)
			return -1;
	}
	snprintf(ref, sizeof ref, "%lld", id);
	return circle_member_get(db, ref, a->out, e);
}

int
circle_member_add(struct circle_db *db, const struct circle_member_set *set,
    struct circle_member *out, struct circle_err *e)
{
	struct member_add	a = { set, out };

	memset(out, 0, sizeof *out);
	return circle_db_write(db, member_add_tx, &a, e);
}

struct member_edit {
	const char			*ref;
	const struct circle_member_set	*set;
};

static int
member_edit_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_edit	*a = arg;
	struct circle_member	 m;
	struct circle_change	 c;
	char			*detail = NULL, *other = NULL;
	int			 rc = -1;

	if (circle_member_get(db, a->ref, &m, e) == -1)
		return -1;
	if (a->set->email != NULL && *a->set->email != '\0' &&
	    circle_member_by_email(db, a->set->email, m.id, &other, e) != 0) {
		if (other != NULL)
			circle_err_set(e, CIRCLE_EDATA, "email: %s is already "
			    "%s's", a->set->email, other);
		goto out;
	}
	if (a->set->handle != NULL && *a->set->handle != '\0' &&
	    strcmp(a->set->handle, m.handle) != 0) {
		free(other);
		other = circle_record_unique_handle(db, "member",
		    a->set->handle, m.id, e);
		if (other == NULL)
			goto out;
		if (strcmp(other, a->set->handle) != 0) {
			circle_err_set(e, CIRCLE_EDATA, "handle: \"%s\" is "
			    "taken", a->set->handle);
			goto out;
		}
	}
	if (circle_record_update(db, "member", m.id, circle_member_fields,
	    circle_nmember_fields, a->set, &detail, e) == -1)
		goto out;
	if (detail == NULL) {
		circle_err_set(e, CIRCLE_EFAIL, "%s: nothing to change",
		    m.handle);
		goto out;
	}
	c = (struct circle_change){ "edit", "member", m.uid, m.uid, detail };
	rc = circle_log(db, &c, e);
out:
	free(other);
	free(detail);
	circle_member_release(&m);
	return rc;
}

int
circle_member_edit(struct circle_db *db, const char *ref,
    const struct circle_member_set *set, struct circle_err *e)
{
	struct member_edit	a = { ref, set };

	return circle_db_write(db, member_edit_tx, &a, e);
}

struct member_status {
	const char	*ref;
	const char	*status;
};

static int
member_status_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_status	*a = arg;
	struct circle_member	 m;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			 now[21];
	int			 rc = -1;

	if (circle_member_get(db, a->ref, &m, e) == -1)
		return -1;
	if (strcmp(m.status, a->status) == 0) {
		circle_err_set(e, CIRCLE_EFAIL, "%s is already %s", m.handle,
		    a->status);
		goto out;
	}
	if ((st = circle_prepare(db, "UPDATE member SET status = ?, "
	    "updated_at = ? WHERE id = ?", e)) == NULL)
		goto out;
	circle_now_utc(now);
	circle_bind_text(st, 1, a->status);
	circle_bind_text(st, 2, now);
	sqlite3_bind_int64(st, 3, m.id);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	c = (struct circle_change){ strcmp(a->status, "active") == 0 ?
	    "reactivate" : "deactivate", "member", m.uid, m.uid, NULL };
	rc = circle_log(db, &c, e);
out:
	circle_member_release(&m);
	return rc;
}

int
circle_member_set_status(struct circle_db *db, const char *ref,
    const char *status, struct circle_err *e)
{
	struct member_status	a = { ref, status };

	if (strcmp(status, "active") != 0 && strcmp(status, "inactive") != 0)
		return circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is not "
		    "active or inactive", status);
	return circle_db_write(db, member_status_tx, &a, e);
}

int
circle_member_resolve(struct circle_db *db, const char *ref, long long *id,
    struct circle_err *e)
{
	return circle_record_resolve(db, &member_lookup, ref, id, e);
}

int
circle_member_get(struct circle_db *db, const char *ref,
    struct circle_member *m, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 id;

	memset(m, 0, sizeof *m);
	if (circle_member_resolve(db, ref, &id, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT " MEMBER_COLUMNS " FROM member m "
	    "WHERE m.id = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return circle_db_error(db, e, "member");
	}
	member_from_row(st, m);
	sqlite3_finalize(st);
	return 0;
}

int
circle_member_list(struct circle_db *db, const struct circle_roster_filter *f,
    struct circle_member **ms, size_t *n, struct circle_err *e)
{
	sqlite3_stmt	*st;
	long long	 gid = 0;
	int		 rc;

	*ms = NULL;
	*n = 0;
	if (f->status != NULL && strcmp(f->status, "active") != 0 &&
	    strcmp(f->status, "inactive") != 0)
		return circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is not "
		    "active or inactive", f->status);
	if (f->group != NULL &&
	    circle_group_resolve(db, f->group, &gid, e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT " MEMBER_COLUMNS " FROM member m "
	    "WHERE (?1 = 0 OR EXISTS (SELECT 1 FROM membership s WHERE "
	    "s.member_id = m.id AND s.grp_id = ?1 AND (?3 OR s.left_on IS "
	    "NULL))) AND (?2 IS NULL AND (?3 OR m.status = 'active') OR "
	    "m.status = ?2) ORDER BY m.display_name COLLATE circle_name, "
	    "m.handle", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	circle_bind_text(st, 2, f->status);
	sqlite3_bind_int(st, 3, f->all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ms = circle_xgrow(*ms, *n, sizeof **ms);
		member_from_row(st, &(*ms)[(*n)++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "list members");
	return 0;
}

int
circle_member_memberships(struct circle_db *db, long long id,
    struct circle_membership **ss, size_t *n, struct circle_err *e)
{
	sqlite3_stmt			*st;
	struct circle_membership	*s;
	int				 rc;

	*ss = NULL;
	*n = 0;
	if ((st = circle_prepare(db, "SELECT g.handle, g.name, s.role, "
	    "s.joined_on, s.left_on FROM membership s JOIN grp g ON "
	    "g.id = s.grp_id WHERE s.member_id = ? ORDER BY s.left_on IS NOT "
	    "NULL, s.joined_on, g.handle", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*ss = circle_xgrow(*ss, *n, sizeof **ss);
		s = &(*ss)[(*n)++];
		s->group = circle_col_dup(st, 0);
		s->group_name = circle_col_dup(st, 1);
		s->role = circle_col_dup(st, 2);
		s->joined_on = circle_col_dup(st, 3);
		s->left_on = circle_col_dup(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return circle_db_error(db, e, "memberships");
	return 0;
}

struct member_join {
	const char	*member;	/* the one at hand */
	const char	*group;
	const char	*role;
	const char	*on;
	int		 leave;
	const char *const *members;
	size_t		 n;
	char		*handle;	/* owned: the group's */
	size_t		 moved;		/* in already: first day moved back */
	char		 was[11];	/* the last one's first day before */
};

static int
member_join_one(struct circle_db *db, struct member_join *a,
    struct circle_err *e)
{
	struct circle_member	 m;
	struct circle_group	 g;
	struct circle_change	 c;
	sqlite3_stmt		*st;
	char			 today[11], was[11], *detail;
	const char		*on = a->on;
	int			 rc = -1, changed;

	if (circle_member_get(db, a->member, &m, e) == -1)
		return -1;
	if (circle_group_get(db, a->group, &g, e) == -1) {
		circle_member_release(&m);
		return -1;
	}
	if (a->handle == NULL)
		a->handle = circle_xstrdup(g.handle);
	if (!a->leave) {
		rc = circle_membership_join(db, m.id, g.id, a->role, a->on, 1,
		    &changed, was, e);
		if (rc == 0 && changed == 2) {
			a->moved++;
			memcpy(a->was, was, sizeof a->was);
		} else if (rc == 0 && !changed)
			rc = circle_err_set(e, CIRCLE_EFAIL, "%s is already "
			    "in %s, since %s%s", m.handle, g.handle, was,
			    a->on != NULL && strcmp(a->on, was) > 0 ? " (a "
			    "first day moves only back; to end a membership: "
			    "circle roster leave)" : "");
		goto out;
	}
	if (on == NULL) {
		if (circle_group_today(db, g.id, today, e) == -1)
			goto out;
		on = today;
	} else if (circle_date_check("date", on, e) == -1)
		goto out;
	if ((st = circle_prepare(db, "UPDATE membership SET left_on = ? "
	    "WHERE member_id = ? AND grp_id = ? AND left_on IS NULL AND "
	    "joined_on <= ?1", e)) == NULL)
		goto out;
	circle_bind_text(st, 1, on);
	sqlite3_bind_int64(st, 2, m.id);
	sqlite3_bind_int64(st, 3, g.id);
	if (circle_exec_stmt(db, st, e) == -1)
		goto out;
	if (sqlite3_changes(db->h) == 0) {
		rc = circle_err_set(e, CIRCLE_EFAIL, "%s is not in %s%s",
		    m.handle, g.handle, a->on ? " on that date" : "");
		goto out;
	}
	circle_xasprintf(&detail, "{\"group\":\"%s\",\"left_on\":\"%s\"}",
	    g.handle, on);
	c = (struct circle_change){ "leave", "membership", g.uid, m.uid,
	    detail };
	rc = circle_log(db, &c, e);
	free(detail);
out:
	circle_member_release(&m);
	circle_group_release(&g);
	return rc;
}

/* Everyone or no one: the first who cannot join (or leave) stops it. */
static int
member_join_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_join	*a = arg;
	size_t			 i;

	for (i = 0; i < a->n; i++) {
		a->member = a->members[i];
		if (member_join_one(db, a, e) == -1)
			return -1;
	}
	return 0;
}

static int
member_join_all(struct circle_db *db, struct member_join *a, char **handle,
    struct circle_err *e)
{
	int	rc;

	rc = circle_db_write(db, member_join_tx, a, e);
	if (rc == 0 && handle != NULL)
		*handle = a->handle;
	else
		free(a->handle);
	return rc;
}

/*
 * People join a group (in a role, from a date), in one transaction; the
 * group's handle in *handle (the caller's) when it is not NULL.  Those in
 * it already from a later day have their first day moved back to on:
 * how many in *moved, the last one's day before in was.
 */
int
circle_member_join(struct circle_db *db, const char *const *members,
    size_t n, const char *group, const char *role, const char *on,
    char **handle, size_t *moved, char was[11], struct circle_err *e)
{
	struct member_join	a = { NULL, group, role, on, 0, members, n,
				    NULL, 0, "" };
	int			rc;

	rc = member_join_all(db, &a, handle, e);
	*moved = a.moved;
	memcpy(was, a.was, sizeof a.was);
	return rc;
}

int
circle_member_leave(struct circle_db *db, const char *const *members,
    size_t n, const char *group, const char *on, char **handle,
    struct circle_err *e)
{
	struct member_join	a = { NULL, group, NULL, on, 1, members, n,
				    NULL, 0, "" };

	return member_join_all(db, &a, handle, e);
}

struct member_forget {
	const char	*ref;
	char		*handle;	/* owned: who was forgotten */
};

static int
member_forget_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct member_forget	*a = arg;
	struct circle_member	 m;
	int			 rc;

	if (circle_member_get(db, a->ref, &m, e) == -1)
		return -1;
	rc = circle_written_forget(db, &m, e);
	if (rc == 0 && (rc = circle_member_erase(db, m.id, m.uid, e)) == 0) {
		free(a->handle);
		a->handle = circle_xstrdup(m.handle);
	}
	circle_member_release(&m);
	return rc;
}

/*
 * Inside a write: a person's row, and with it every row about them, their
 * change-log entries and the undo data that holds them.  The caller turns secure_delete on before the
 * write and checkpoints after it (as circle_member_forget does).
 */
int
circle_member_erase(struct circle_db *db, long long id, const char *uid,
    struct circle_err *e)
{
	struct circle_change	 c;
	sqlite3_stmt		*st;

	/* Never undone; the undo data of what they were in goes (undo.c). */
	if (circle_undo_forget(db, id, uid, e) == -1)
		return -1;
	/* Every row about a person carries member_uid, their own too. */
	if ((st = circle_prepare(db, "DELETE FROM change_log WHERE "
	    "member_uid = ?1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	/* Memberships (and later attendance, answers) go by cascade. */
	if ((st = circle_prepare(db, "DELETE FROM member WHERE id = ?",
	    e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	/* Records made one with theirs are no one's now (schema.c, 13). */
	if ((st = circle_prepare(db, "DELETE FROM merged_away WHERE keep_uid "
	    "= ?1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	/*
	 * What was removed of theirs (schema.c, 11), their own row's removal
	 * too: forgotten carries them, nothing else.
	 */
	if ((st = circle_prepare(db, "DELETE FROM removed WHERE member_uid = "
	    "?1", e)) == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	/* Their uid, which names no one, so that no merge brings them back. */
	if ((st = circle_prepare(db, "INSERT OR REPLACE INTO forgotten (uid, "
	    "at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	    e)) == NULL)
		return -1;
	circle_bind_text(st, 1, uid);
	if (circle_exec_stmt(db, st, e) == -1)
		return -1;
	/* That someone was forgotten is kept; who is not. */
	c = (struct circle_change){ "forget", "member", NULL, NULL, NULL };
	return circle_log(db, &c, e);
}

/*
 * Erase a person: their row, memberships and every change-log entry about
 * them.  secure_delete overwrites the freed content and a TRUNCATE
 * checkpoint empties the WAL, so no byte of them is left in the files.
 */
int
circle_member_forget(struct circle_db *db, const char *ref, char **handle,
    struct circle_err *e)
{
	struct member_forget	a = { ref, NULL };

	*handle = NULL;
	if (circle_exec(db, "PRAGMA secure_delete = ON", e) == -1)
		return -1;
	if (circle_db_write(db, member_forget_tx, &a, e) == -1)
		return -1;
	*handle = a.handle;
	if (circle_db_checkpoint(db, e) == -1)
		return circle_err_prefix(e, "%s was forgotten, but another "
		    "circle command kept the write-ahead log from being "
		    "emptied; run 'circle db check' when nothing else is "
		    "running", a.handle);
	return 0;
}

/*
 * A person named about one group (a session's, --group's): that group's
 * people first, past and present, then everyone (record.c).  gid 0: as
 * circle_member_resolve.
 */
int
circle_member_resolve_in(struct circle_db *db, long long gid, const char *ref,
    long long *id, struct circle_err *e)
{
	return circle_record_resolve_in(db, &member_lookup, gid != 0 ?
	    "id IN (SELECT member_id FROM membership WHERE grp_id = ?4)" :
	    NULL, gid, ref, id, e);
}
