/*
 * callreport.c: what a video call's report writes of the people in the
 * call that a sheet does not: a name with an aside (Zoom's "Ann L (Ann
 * Lee)"), a join time with its zone, and the rows and accounts that are
 * no one: BigBlueButton's anonymous poll answers, the note-taking bots
 * let into a call (Otter.ai, Fireflies.ai, Read.ai and their like).
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

/*
 * A name with an aside, as a video call's report writes one: Zoom's "Ann
 * L (Ann Lee)", the name shown in the call and the name the person
 * signed up with.  When the whole name is no one's, each part is tried,
 * the one before the parentheses first.  0 when one is someone's; else
 * -1, the error of the name in the parentheses (the walk-in's) in e, the
 * name in inner, and *mid -1 when no one has it.
 */
int
circle_name_aside(struct circle_db *db, long long gid, const char *ref,
    long long *mid, char *inner, size_t size, struct circle_err *e)
{
	const char	*open;
	char		*outer;
	size_t		 n = strlen(ref);
	int		 rc;

	if (n < 4 || ref[n - 1] != ')' || (open = strrchr(ref, '(')) ==
	    NULL || open == ref || open[-1] != ' ' || open + 2 >= ref + n)
		return -1;
	outer = circle_xstrndup(ref, (size_t)(open - 1 - ref));
	rc = *outer != '\0' ? circle_member_resolve_in(db, gid, outer, mid,
	    e) : -1;
	free(outer);
	if (rc == 0)
		return 0;
	snprintf(inner, size, "%.*s", (int)(ref + n - 1 - open - 1),
	    open + 1);
	return circle_member_resolve_in(db, gid, inner, mid, e);
}

/*
 * A name written "Last, First" (circle_name_last_first), as a sheet sorted
 * by surname has it, tried as the person says it ("Müller, Jörg" is Jörg
 * Müller), as a roster import reads it; not one with an aside
 * (circle_name_aside's).  0 when that is someone's; -1 when the name is
 * not written so (nothing changed), or with that name's
 * error in e, the name in turned (the walk-in's), *mid -1 when no one has
 * it.
 */
int
circle_name_turned(struct circle_db *db, long long gid, const char *ref,
    long long *mid, char *turned, size_t size, struct circle_err *e)
{
	char	*t;
	int	 rc;

	if (strchr(ref, '(') != NULL || !circle_name_last_first(ref, &t))
		return -1;
	snprintf(turned, size, "%s", t);
	rc = circle_member_resolve_in(db, gid, t, mid, e);
	free(t);
	return rc;
}

/*
 * A stamp, field's cell of r, written with its zone (a Z, an offset, or
 * its column's header naming one: a report that says its zone) is on the
 * day it is in group gid's zone, not the day written; one without is
 * read as written, in the group's zone.
 */
int
circle_call_stamp_day(struct circle_db *db, long long gid,
    const struct circle_csv_reader *r, int field, struct circle_csv_when *w,
    struct circle_err *e)
{
	char	*tz;
	int	 rc;

	circle_csv_header_zone(r, field, w);
	if (!w->zone || gid <= 0)
		return 0;
	if (circle_group_zone(db, gid, &tz, e) == -1)
		return -1;
	rc = circle_csv_when_day_in(w, tz != NULL ? tz : "", w->day);
	free(tz);
	w->zone = 0;
	return rc == -1 ? circle_err_set(e, CIRCLE_EFAIL, "the group's zone "
	    "is none circle knows") : 0;
}

/*
 * Whether r is BigBlueButton's learning dashboard saved as CSV (an
 * "Activity Score" column beside field's "Join"): its row of a poll's
 * anonymous answers, "Anonymous" with no join, is no one.
 */
int
circle_call_bbb(const struct circle_csv_reader *r, int field)
{
	char	f[32];
	size_t	col;
	int	score = 0;

	for (col = 0; col < r->ncols; col++) {
		circle_csv_fold(r->header[col], f, sizeof f);
		if (strcmp(f, "activityscore") == 0)
			score = 1;
	}
	if (!score || field < 0 || (size_t)field >= r->nfields ||
	    r->fieldcol[field] < 0)
		return 0;
	circle_csv_fold(r->header[r->fieldcol[field]], f, sizeof f);
	return strcmp(f, "join") == 0;
}

/*
 * Zoom's participants report exported with the meeting's details on every
 * row (Topic, Meeting ID, User Name, User Email, Department, Group, ...,
 * then Name (Original Name), User Email, Join Time): the columns before
 * the participant's name are the meeting's and its host's, not the
 * participant's, and each is left out unless --map named it (else every
 * row is the host); the User Email after the name is the participant's,
 * field email.
 */
void
circle_call_zoom_host(struct circle_csv_reader *r, int email)
{
	char	f[32];
	size_t	col, p;
	int	host = 0;

	for (p = 0; p < r->ncols; p++) {
		circle_csv_fold(r->header[p], f, sizeof f);
		if (strcmp(f, "nameoriginalname") == 0)
			break;
		if (strcmp(f, "username") == 0 || strcmp(f, "useremail") == 0)
			host = 1;
	}
	if (p == r->ncols || !host)
		return;
	for (col = 0; col < p; col++)
		if (!circle_csv_mapped(r, (int)col))
			circle_csv_map_column(r, col, -1);
	for (col = p + 1; col < r->ncols; col++) {
		circle_csv_fold(r->header[col], f, sizeof f);
		if (strcmp(f, "useremail") == 0) {
			if (r->fieldcol[email] < 0)
				circle_csv_map_column(r, col, email);
			break;
		}
	}
}

/*
 * Words in the names the bots join as, found anywhere in the name, in
 * any case: "Otter.ai", "Ann's OtterPilot", "Fireflies.ai Notetaker Bo",
 * "Ann's Fireflies.ai Notetaker", "read.ai meeting notes", "Bo's MeetGeek
 * Notetaker".  No person's name holds one.
 */
static const char *const bot_words[] = { "otter.ai", "otterpilot",
    "fireflies.ai", "read.ai", "notetaker" };

/* The first of the n words found anywhere in name, in any case; NULL. */
static const char *
word_within(const char *name, const char *const *words, size_t nwords)
{
	const char	*p;
	size_t		 i, n;

	for (i = 0; i < nwords; i++) {
		n = strlen(words[i]);
		for (p = name; *p != '\0'; p++)
			if (strncasecmp(p, words[i], n) == 0)
				return words[i];
	}
	return NULL;
}

/* Whether name is a note-taking bot's: the bot's word, or NULL. */
const char *
circle_call_bot(const char *name)
{
	return word_within(name, bot_words, sizeof bot_words /
	    sizeof bot_words[0]);
}

/*
 * Words in the names a call shows for a device or a phone joining, not a
 * person: "iPhone", "Ann's iPad", "Galaxy S23", "Call-In User_2"; and a
 * name with no letter in it, a phone number ("+44 20 7946 0000").  A
 * walk-in is never added by one: it is someone on the roster, or a guest
 * whose name the call did not show.
 */
static const char *const device_words[] = { "iphone", "ipad", "ipod",
    "android", "galaxy", "macbook", "chromebook", "call-in user",
    "callin user", "dial-in user" };

/* Whether name is a device's or a phone number: the word, or NULL. */
const char *
circle_call_device(const char *name)
{
	const char	*p, *w;

	if ((w = word_within(name, device_words, sizeof device_words /
	    sizeof device_words[0])) != NULL)
		return w;
	for (p = name; *p != '\0'; p++)
		if (isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80)
			return NULL;
	return "a phone number";
}

/* Whether folded a is folded b, either NULL none. */
static int
fold_same(const char *a, const char *b)
{
	char	*fa, *fb;
	int	 yes;

	if (a == NULL || b == NULL)
		return 0;
	fa = circle_name_fold(a);
	fb = circle_name_fold(b);
	yes = fa != NULL && fb != NULL && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return yes;
}

/*
 * Whether name could be another person than holder, the person its email
 * found: 2 when it is their name (display or full, folded), *other them;
 * 1 when its first name is theirs or a short form of it
 * (circle_name_first_same) and they are of group gid (gid 0: of a group
 * of holder's, or anyone when holder is of none), *other one of them; 0
 * no one; -1 on an error.  A short form agreeing with the email's person
 * ("Ann" of "Anna Lee", "Chris" of "Christine") is theirs only when no
 * one else could be it: a couple's or a family's one account is a second
 * person's answers or mark on the first's record.
 */
int
circle_name_other(struct circle_db *db, long long gid, long long holder,
    const char *name, long long *other, struct circle_err *e)
{
	sqlite3_stmt	*st;
	const char	*d, *full;
	int		 best = 0, v, rc;

	*other = 0;
	if ((st = circle_cached(db, "SELECT m.id, m.display_name, "
	    "m.full_name, CASE WHEN ?1 != 0 THEN EXISTS (SELECT 1 FROM "
	    "membership s WHERE s.member_id = m.id AND s.grp_id = ?1) ELSE "
	    "NOT EXISTS (SELECT 1 FROM membership WHERE member_id = ?2) OR "
	    "EXISTS (SELECT 1 FROM membership s JOIN membership t ON "
	    "t.grp_id = s.grp_id WHERE s.member_id = m.id AND t.member_id = "
	    "?2) END FROM member m WHERE m.id != ?2", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, gid);
	sqlite3_bind_int64(st, 2, holder);
	while (best < 2 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 1);
		full = (const char *)sqlite3_column_text(st, 2);
		if (fold_same(name, d) || fold_same(name, full))
			v = 2;
		else
			v = sqlite3_column_int(st, 3) &&
			    (circle_name_first_same(name, d) ||
			    circle_name_first_same(name, full));
		if (v > best) {
			best = v;
			*other = sqlite3_column_int64(st, 0);
		}
	}
	if (best == 2)
		rc = SQLITE_DONE;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return circle_db_error(db, e, "member");
	return best;
}

/* How well name agrees with had and full, the email's person's names:
 * 3 the same name, else circle_name_first_same's best (1 the same first
 * name, 2 a short form of it, 0 neither). */
int
circle_name_agrees(const char *name, const char *had, const char *full)
{
	int	a, b;

	if (fold_same(name, had) || fold_same(name, full))
		return 3;
	a = circle_name_first_same(name, had);
	b = circle_name_first_same(name, full);
	return a > 0 && (b == 0 || a < b) ? a : b;
}

/* How well name, or either part of Zoom's "Ann L (Ann Lee)", agrees with
 * the first name of had or full (circle_name_agrees: 3 the same name, 1 the same
 * first name, 2 a short form of it, 0 not). */
static int
account_name_agrees(const char *name, const char *had, const char *full)
{
	const char	*open;
	char		*part;
	size_t		 n = strlen(name);
	int		 v;

	if ((v = circle_name_agrees(name, had, full)) != 0)
		return v;
	if (n < 4 || name[n - 1] != ')' || (open = strrchr(name, '(')) ==
	    NULL || open == name)
		return 0;
	part = circle_xstrndup(open + 1, (size_t)(name + n - 1 - open - 1));
	v = circle_name_agrees(part, had, full);
	free(part);
	return v;
}

/*
 * A name of two people ("Ann & Bob Lee", "Ann and Bob Lee", "Ann + Bob"),
 * a couple on one line of a sheet or one account in a call: the two
 * parts in a and b, the first given the second's last name when it has
 * none ("Ann Lee").  0 when name is not two.
 */
int
circle_call_two_names(const char *name, char *a, char *b, size_t size)
{
	static const char *const joins[] = { " & ", " + ", " and " };
	const char	*at = NULL, *last;
	size_t		 i, n = 0;

	for (i = 0; i < sizeof joins / sizeof joins[0] && at == NULL; i++)
		if ((at = strcasestr(name, joins[i])) != NULL)
			n = strlen(joins[i]);
	if (at == NULL || at == name || at[n] == '\0')
		return 0;
	snprintf(b, size, "%s", at + n);
	last = strchr(b, ' ');
	if (memchr(name, ' ', (size_t)(at - name)) == NULL && last != NULL)
		snprintf(a, size, "%.*s%s", (int)(at - name), name, last);
	else
		snprintf(a, size, "%.*s", (int)(at - name), name);
	return 1;
}

/*
 * The two people a name of two is (circle_call_two_names), each found as a name
 * (circle_member_resolve_in), in mid[0] and mid[1]: 0 when both are
 * someone, 1 when the name is not two, -1 when one is not (e says the
 * first such, the part in who, mid[i] -1 when no one has it; the other
 * is still tried, > 0 when someone).
 */
int
circle_call_two(struct circle_db *db, long long gid, const char *name,
    long long *mid, char *who, size_t size, struct circle_err *e)
{
	struct circle_err	 e2;
	char			 part[2][256];
	int			 i, bad = -1;

	if (!circle_call_two_names(name, part[0], part[1],
	    sizeof part[0]))
		return 1;
	circle_err_clear(&e2);
	for (i = 0; i < 2; i++)
		if (circle_member_resolve_in(db, gid, part[i], &mid[i],
		    bad == -1 ? e : &e2) == -1 && bad == -1)
			bad = i;
	if (bad != -1) {
		snprintf(who, size, "%s", part[bad]);
		return circle_err_prefix(e, "\"%s\" names two people, %s "
		    "and %s", name, part[0], part[1]);
	}
	if (mid[0] == mid[1]) {
		snprintf(who, size, "%s", part[1]);
		return circle_err_set(e, CIRCLE_EDATA, "\"%s\" names two "
		    "people, and both are one person on the roster: give "
		    "each their own row", name);
	}
	return 0;
}

/* A short form of the names of two people (circle_name_other), holder's
 * by the email: refused naming both, *mid 0. */
static int
account_short_two(struct circle_db *db, long long holder, long long other,
    const char *email, const char *name, long long *mid,
    struct circle_err *e)
{
	struct circle_member	 h, o;
	char			 ref[24];

	*mid = 0;
	snprintf(ref, sizeof ref, "%lld", holder);
	if (circle_member_get(db, ref, &h, e) == -1)
		return -1;
	snprintf(ref, sizeof ref, "%lld", other);
	if (circle_member_get(db, ref, &o, e) == -1) {
		circle_member_release(&h);
		return -1;
	}
	circle_err_set(e, CIRCLE_EDATA, "%s is %s's, \"%s\" on the roster, "
	    "and this row names \"%s\", who may be them or %s, \"%s\": "
	    "give the row the full name of the one who it was", email,
	    h.handle, h.display_name, name, o.handle, o.display_name);
	circle_member_release(&h);
	circle_member_release(&o);
	return -1;
}

/*
 * The person of a call report's row whose email, the account's the call
 * was joined on, is holder's on the roster, beside a name: holder when
 * the name is theirs (their first name, or a short form of it, with no
 * other last name: circle_name_first_same; or theirs by
 * circle_member_resolve_in); another person of the roster when it names
 * them (a couple, a family's one laptop: one account, two people in the
 * call), or is their name whole ("Anna Lee" on Ann Lee's); a short form
 * of both people's first names ("Chris" of Christine's and
 * Christopher's) refused naming both, *mid 0 (circle_name_other).  A
 * name of two that is one person's whole name ("Ann & Bob Lee", a
 * couple on the roster as one) is theirs.  Else -1, e saying both: *mid -1 when no one on the roster has
 * the name (the walk-in's, the caller's to add), -2 for a note-taking
 * bot; -3, e untouched, for two names in one ("Ann & Bob Lee": the
 * caller's, circle_call_two).
 */
int
circle_call_account(struct circle_db *db, long long gid, long long holder,
    const char *email, const char *name, long long *mid,
    struct circle_err *e)
{
	struct circle_member	 m;
	char			 ref[24], inner[256], part[2][256];
	const char		*bot;
	long long		 other;
	int			 rc = 0, v = 0, o = 0;

	snprintf(ref, sizeof ref, "%lld", holder);
	if (circle_member_get(db, ref, &m, e) == -1)
		return -1;
	*mid = holder;
	if ((bot = circle_call_bot(name)) != NULL) {
		*mid = -2;
		rc = circle_err_set(e, CIRCLE_EDATA, "\"%s\" is a note-taking "
		    "bot on %s's account (%s), not a person: passed over",
		    name, m.handle, email);
	} else if ((v = account_name_agrees(name, m.display_name,
	    m.full_name)) != 3 && (o = circle_name_other(db, gid, holder,
	    name, &other, e)) == -1) {
		*mid = 0;
		rc = -1;
	} else if (v != 3 && o != 2 && circle_call_two_names(name, part[0],
	    part[1], sizeof part[0])) {
		*mid = -3;	/* the caller's: circle_call_two */
		rc = -1;
	} else if (v != 3 && (o == 2 || (v == 2 && o == 1))) {
		/* Another's name, or a short form of two people's. */
		*mid = other;
		if (o == 1) {
			circle_member_release(&m);
			return account_short_two(db, holder, other, email,
			    name, mid, e);
		}
	} else if (v == 0 &&
	    circle_member_resolve_in(db, gid, name, mid, e) == -1 &&
	    (*mid != -1 || circle_name_aside(db, gid, name, mid, inner,
	    sizeof inner, e) == -1)) {
		if (*mid == -1)
			circle_err_set(e, CIRCLE_EDATA, "%s is %s's, \"%s\" on "
			    "the roster, and this row names \"%s\", no one on "
			    "the roster: if it was %s, give the row that name",
			    email,
			    m.handle, m.display_name, name, m.display_name);
		rc = -1;
	}
	circle_member_release(&m);
	return rc;
}
