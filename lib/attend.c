/*
 * attend.c: who came to a session.  Marks are rows of (session, person,
 * status); recording one makes the session held.  Every command is one
 * batch in the change log, old values kept; undo puts a command back
 * (undo.c), attendance's as any other.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "circle-priv.h"
#include "roster.h"
#include "attend.h"
#include "report.h"

static const struct {
	const char	*word;
	const char	*mark;
} marks[] = {
	{ "present", "present" }, { "p", "present" }, { "yes", "present" },
	{ "y", "present" }, { "1", "present" }, { "/", "present" },
	{ "here", "present" }, { "attended", "present" },
	{ "no show", "absent" }, { "no-show", "absent" },
	{ "late", "late" }, { "l", "late" },
	{ "left_early", "left_early" }, { "left early", "left_early" },
	{ "left-early", "left_early" }, { "le", "left_early" },
	{ "excused", "excused" }, { "e", "excused" },
	{ "excused absence", "excused" }, { "apologies", "excused" },
	{ "sent apologies", "excused" },
	{ "unexcused", "absent" }, { "unexcused absence", "absent" },
	{ "absent", "absent" }, { "a", "absent" }, { "no", "absent" },
	{ "n", "absent" }, { "0", "absent" },
	/* sheets in French, Spanish, Portuguese, Italian, German, Dutch
	 * (accents aside; their yes and no are circle_answer_bool's) */
	{ "presente", "present" }, { "anwesend", "present" },
	{ "aanwezig", "present" }, { "ausente", "absent" },
	{ "assente", "absent" }, { "abwesend", "absent" },
	{ "afwezig", "absent" }, { "en retard", "late" },
	{ "retard", "late" }, { "tarde", "late" }, { "atrasado", "late" },
	{ "in ritardo", "late" }, { "verspatet", "late" },
	{ "te laat", "late" }, { "excuse", "excused" },
	{ "justificado", "excused" }, { "giustificato", "excused" },
	{ "entschuldigt", "excused" }, { "afgemeld", "excused" },
};

/*
 * A status as people write it ("x", "Late", "left early", "Présent") to a mark; a
 * spreadsheet's checkbox (TRUE, FALSE) and ticks by csvvalue.c's one
 * rule of them (circle_csv_tick).  A dash is refused: some registers
 * write it for absent, others for no mark (circle_mark_refused says
 * so, and why a cross alone is).
 */
int
circle_mark_parse(const char *s, const char **mark)
{
	char	w[32], *f;
	size_t	i, n;
	int	tick, rc;

	if ((tick = circle_csv_tick(s)) != -1) {
		*mark = tick ? "present" : "absent";
		return 0;
	}

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0) {
		*mark = "present";
		return 0;
	}
	if (n >= sizeof w)
		return -1;
	memcpy(w, s, n);
	w[n] = '\0';
	/* Case and accents aside: "Présent", "Verspätet". */
	f = circle_word_fold(w);
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		if (strcmp(f, marks[i].word) == 0) {
			*mark = marks[i].mark;
			free(f);
			return 0;
		}
	}
	rc = circle_answer_bool(f, &tick);
	free(f);
	if (rc == -1)
		return -1;
	*mark = tick ? "present" : "absent";
	return 0;
}

/*
 * Whether s, spaces around it aside, is one of words.
 */
static int
mark_is(const char *s, const char *const *words, size_t nwords)
{
	size_t	i, n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (i = 0; i < nwords; i++)
		if (n == strlen(words[i]) && strncmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

/*
 * The error of a status circle_mark_parse() refused, s as written: a
 * dash and a cross alone are each said for what they are.
 */
int
circle_mark_refused(struct circle_err *e, const char *s)
{
	static const char *const dashes[] = { "-", "--", "\u2013",
	    "\u2014" };
	static const char *const crosses[] = { "\u2717", "\u2718" };

	if (mark_is(s, dashes, sizeof dashes / sizeof dashes[0]))
		return circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is a "
		    "dash, absent on some registers and no mark on others: "
		    "write absent or excused in its cell, or leave the row "
		    "out", s);
	if (mark_is(s, crosses, sizeof crosses / sizeof crosses[0]))
		return circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is a "
		    "cross, a tick on paper and a no beside ticks: write "
		    "present or absent in its cell", s);
	return circle_err_set(e, CIRCLE_EDATA, "status: \"%s\" is not "
	    "present, late, left-early, excused or absent", s);
}

void
circle_attend_result_release(struct circle_attend_result *r)
{
	circle_strv_free(r->notes, r->nnotes);
	circle_strv_free(r->columns, r->ncolumns);
	circle_strv_free(r->errors, r->nerrors);
	memset(r, 0, sizeof *r);
}

void
circle_attend_rows_free(struct circle_attend_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].handle);
		free(rows[i].name);
		free(rows[i].role);
		free(rows[i].mark);
		free(rows[i].note);
	}
	free(rows);
}

/*
 * Step st to the one row it must give.  Anything else is an error, said in
 * e, and st is finalised.
 */
static int
step_row(struct circle_db *db, sqlite3_stmt *st, const char *what,
    struct circle_err *e)
{
	if (sqlite3_step(st) == SQLITE_ROW)
		return 0;
	circle_db_error(db, e, what);
	sqlite3_finalize(st);
	return -1;
}

void
circle_target_release(struct circle_target *t)
{
	free(t->uid);
	free(t->status);
	memset(t, 0, sizeof *t);
}

int
circle_target_get(struct circle_db *db, const char *group, const char *ref,
    int force, struct circle_target *t, struct circle_err *e)
{
	struct circle_session	s;
	struct circle_date	today;
	sqlite3_stmt		*st;
	char			 now[11];
	int			 rc = -1;

	memset(t, 0, sizeof *t);
	if (circle_session_get(db, group, ref, &s, e) == -1)
		return -1;
	snprintf(t->day, sizeof t->day, "%.10s", s.local_start);
	if (!force && (strcmp(s.status, "cancelled") == 0 ||
	    strcmp(s.status, "not_held") == 0)) {
		circle_err_set(e, CIRCLE_EFAIL, "session %s %s is %s; give "
		    "--force to record it anyway", s.group, s.local_start,
		    strcmp(s.status, "cancelled") == 0 ? "cancelled" :
		    "marked not held");
		goto out;
	}
	if (circle_date_today_in(s.tzid, &today) == 0) {
		circle_date_format(&today, now);
		if (!force && strcmp(t->day, now) > 0) {
			circle_err_set(e, CIRCLE_EFAIL, "session %s %s is in "
			    "the future; give --force to record it anyway",
			    s.group, s.local_start);
			goto out;
		}
	}
	if ((st = circle_prepare(db, "SELECT grp_id FROM session WHERE id = ?",
	    e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, s.id);
	if (step_row(db, st, "session", e) == -1)
		goto out;
	t->gid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	t->id = s.id;
	t->uid = s.uid;
	s.uid = NULL;
	t->status = s.status;
	s.status = NULL;
	rc = 0;
out:
	circle_session_release(&s);
	return rc;
}

/* The session is held now; 1 if it was not before. */
int
circle_session_make_held(struct circle_db *db, long long sid,
    struct circle_err *e)
{
	static const char sql[] = "UPDATE session SET status = 'held', "
	    "updated_at = ? WHERE id = ? AND status != 'held'";
	sqlite3_stmt	*st;
	char		 now[21];

	if ((st = circle_cached(db, sql, e)) == NULL)
		return -1;
	circle_now_utc(now);
	circle_bind_text(st, 1, now);
	sqlite3_bind_int64(st, 2, sid);
	if (circle_exec_cached(db, st, e) == -1)
		return -1;
	return sqlite3_changes(db->h) > 0;
}

int
circle_attend_log(struct circle_db *db, const char *action, const char *suid,
    const char *muid, json_t *detail, struct circle_err *e)
{
	struct circle_change	 c;
	char			*s;
	int			 rc;

	s = json_dumps(detail, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(detail);
	c = (struct circle_change){ action, "attendance", suid, muid, s };
	rc = circle_log(db, &c, e);
	free(s);
	return rc;
}

/*
 * Record mark (and note, when given) for member mid at the target, logging
 * the old value.  *changed is 0 when it was so already.
 */
int
circle_attend_mark_one(struct circle_db *db, const struct circle_target *t,
    const char *batch, long long mid, const char *mark, const char *note,
    int *changed, struct circle_err *e)
{
	static const char find[] = "SELECT a.status, a.note, m.uid FROM "
	    "member m LEFT JOIN attendance a ON a.member_id = m.id AND "
	    "a.session_id = ?1 WHERE m.id = ?2";
	static const char ins[] = "INSERT INTO attendance (session_id, "
	    "member_id, status, note, created_at, updated_at) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (session_id, member_id) DO "
	    "UPDATE SET status = ?3, note = coalesce(?4, note), "
	    "updated_at = ?5";
	sqlite3_stmt	*st;
	char		*old, *oldnote, *muid, now[21];
	int		 rc;

	*changed = 0;
	if ((st = circle_cached(db, find, e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, t->id);
	sqlite3_bind_int64(st, 2, mid);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		if (rc != SQLITE_DONE)
			circle_db_error(db, e, "attendance");
		else
			circle_err_set(e, CIRCLE_EFAIL, "no member %lld", mid);
		sqlite3_reset(st);
		return -1;
	}
	old = circle_col_dup(st, 0);
	oldnote = circle_col_dup(st, 1);
	muid = circle_col_dup(st, 2);
	sqlite3_reset(st);
	if (old != NULL && strcmp(old, mark) == 0 && (note == NULL ||
	    (oldnote != NULL && strcmp(oldnote, note) == 0))) {
		rc = 0;
		goto out;
	}
	if ((st = circle_cached(db, ins, e)) == NULL) {
		rc = -1;
		goto out;
	}
	circle_now_utc(now);
	sqlite3_bind_int64(st, 1, t->id);
	sqlite3_bind_int64(st, 2, mid);
	circle_bind_text(st, 3, mark);
	circle_bind_text(st, 4, note);
	circle_bind_text(st, 5, now);
	if ((rc = circle_exec_cached(db, st, e)) == -1)
		goto out;
	*changed = 1;
	rc = circle_attend_log(db, "mark", t->uid, muid, json_pack("{s:s, "
	    "s:s?, s:s?, s:s, s:s?, s:s}", "batch", batch, "old", old, "old_note",
	    oldnote, "new", mark, "note", note, "was", t->status), e);
out:
	free(old);
	free(oldnote);
	free(muid);
	return rc;
}

struct mark_args {
	const struct circle_attend_opts	*o;
	const char *const		*members;
	size_t				 n;
	struct circle_attend_result	*r;
};

/* The command that adds name, someone new, and marks them: in *cmd. */
static void
walk_in_cmd(const struct mark_args *a, const char *name, char **cmd)
{
	circle_xasprintf(cmd, "circle attend walk-in %s%s%s--session \"%s\" "
	    "\"%s\"", a->o->group != NULL ? "--group " : "", a->o->group !=
	    NULL ? a->o->group : "", a->o->group != NULL ? " " : "",
	    a->o->session, name);
}

/*
 * A mark typed among the names ("late", "maya:late", "maya (late)",
 * "maya=absent"): its option in *opt ("" for present) and the name before
 * it in who ("" when none); 0, or -1 when name holds no mark.  Only words
 * of four letters or more: no tick, yes or no, which are names as well.
 */
static int
mark_in_name(const char *name, char *who, size_t size, const char **opt)
{
	static const struct {
		const char	*mark, *opt;
	} opts[] = {
		{ "present", "" }, { "late", "--late " },
		{ "left_early", "--left-early " }, { "excused", "--excused " },
		{ "absent", "--absent " },
	};
	const char	*w = name, *mark;
	char		 word[32];
	size_t		 n, i;

	n = strcspn(name, ":(=");
	if (name[n] != '\0') {
		w = name + n + 1;
		snprintf(who, size, "%.*s", (int)n, name);
		for (n = strlen(who); n > 0 && who[n - 1] == ' ';)
			who[--n] = '\0';
	} else
		who[0] = '\0';
	w += strspn(w, " ");
	if ((n = strcspn(w, ")")) < 4 || n >= sizeof word ||
	    w[n + strspn(w + n, ") ")] != '\0')
		return -1;
	snprintf(word, sizeof word, "%.*s", (int)n, w);
	for (i = 0; word[i] != '\0'; i++)
		if (!isalpha((unsigned char)word[i]) && word[i] != ' ' &&
		    word[i] != '-' && word[i] != '_' &&
		    (unsigned char)word[i] < 0x80)
			return -1;
	if (circle_mark_parse(word, &mark) == -1)
		return -1;
	for (i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (strcmp(opts[i].mark, mark) == 0) {
			*opt = opts[i].opt;
			return 0;
		}
	return -1;
}

/* One name not found: why, and for someone new how to add them. */
static void
name_bad(const struct mark_args *a, const char *name,
    const struct circle_err *one, char **bad)
{
	const char	*opt;
	char		*cmd, who[128];

	/* sheet.csv: a sign-in sheet given to mark, not someone new. */
	if (strncmp(one->msg, "no member \"", 11) == 0 &&
	    circle_name_file_reader(name) != NULL)
		circle_xappend(bad, "\n", "  %s: a file's name; a sign-in sheet "
		    "is read with 'circle attend import %s%s%s\"%s\"'",
		    one->msg, a->o->group != NULL ? "--group " : "",
		    a->o->group != NULL ? a->o->group : "",
		    a->o->group != NULL ? " " : "", name);
	else if (strncmp(one->msg, "no member \"", 11) == 0 &&
	    mark_in_name(name, who, sizeof who, &opt) == 0)
		circle_xappend(bad, "\n", "  \"%s\" %s a mark: a mark is "
		    "given once, before the session, for the names after it "
		    "(circle attend mark %s%s%s%s\"%s\" %s...)", name,
		    who[0] != '\0' ? "holds" : "is", opt,
		    a->o->group != NULL ? "--group " : "", a->o->group != NULL ?
		    a->o->group : "", a->o->group != NULL ? " " : "",
		    a->o->session, who[0] != '\0' ? who : "NAME");
	else if (strncmp(one->msg, "no member \"", 11) == 0 &&
	    strchr(one->msg, ';') == NULL) {
		walk_in_cmd(a, name, &cmd);
		circle_xappend(bad, "\n", "  %s (someone new: add them with "
		    "'%s')", one->msg, cmd);
		free(cmd);
	} else
		circle_xappend(bad, "\n", "  %s", one->msg);
}

/* Room for one more id in *ids, which holds *n, and id in it. */
static void
ids_add(long long **ids, size_t *n, long long id)
{
	*ids = circle_xgrow(*ids, *n, sizeof **ids);
	(*ids)[(*n)++] = id;
}

/*
 * A note of the people one argument was taken as (ids[from] on): "\"Lee,
 * Ann\" is ann-l (Ann Lee)", so that a list read wrong shows.
 */
static void
name_taken(struct circle_db *db, const struct mark_args *a, const char *name,
    const long long *ids, size_t from, size_t n)
{
	struct circle_err	 e;
	sqlite3_stmt		*st;
	char			*list = NULL;
	size_t			 i;

	if ((st = circle_prepare(db, "SELECT handle, display_name FROM member "
	    "WHERE id = ?", &e)) == NULL)
		return;
	for (i = from; i < n; i++) {
		sqlite3_bind_int64(st, 1, ids[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			circle_xappend(&list, ", ", "%s (%s)",
			    sqlite3_column_text(st, 0), sqlite3_column_text(st,
			    1));
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	a->r->notes = circle_xgrow(a->r->notes, a->r->nnotes,
	    sizeof *a->r->notes);
	circle_xasprintf(&a->r->notes[a->r->nnotes++], "\"%s\" is %s", name,
	    list != NULL ? list : "nobody");
	free(list);
}

/*
 * A name that is none of the group's, with a comma or a semicolon in it:
 * "Lee, Ann" as Ann Lee (circle_name_turned, as sign-in sheets read it),
 * else a list ("ann, bob; jose"), each part looked up (*asked counts
 * them), its id added to *ids, or the part said in *bad (*nbad counts
 * them), and of a comma the name turned, should it be one person new.  1
 * when it is no list: one part no one is ("ann," alone is Ann), a suffix
 * after its comma ("Smith, Jr."),
 * or two of a comma neither of which is anyone nor several (a name, Last,
 * First, not on the roster; "bob, ann" where each is several is a list,
 * each said); nothing is added then.  -1 on an error.
 */
static int
name_list(struct circle_db *db, long long gid, const struct mark_args *a,
    const char *name, long long **ids, size_t *n, size_t *asked, char **bad,
    size_t *nbad, struct circle_err *e)
{
	struct circle_err	 one;
	char			*copy, *part, *last, *comma, *end, *cmd;
	char			*missed = NULL, turned[256];
	long long		 id;
	size_t			 had = *n, nmissed = 0, nnone = 0, parts = 0;
	int			 rc = 0, two = 0, first_missed = 0, none;

	if ((comma = strchr(name, ',')) != NULL && strchr(name, ';') == NULL &&
	    strchr(comma + 1, ',') == NULL) {
		/* "Smith, Jr.": one name, no one's. */
		if (circle_name_suffixed(name))
			return 1;
		two = 1;
		turned[0] = '\0';
		memset(&one, 0, sizeof one);
		if (circle_name_turned(db, gid, name, &id, turned,
		    sizeof turned, &one) == 0) {
			ids_add(ids, n, id);
			(*asked)++;
			name_taken(db, a, name, *ids, *n - 1, *n);
			return 0;
		}
		if (one.code != 0 && one.code != CIRCLE_EFAIL &&
		    one.code != CIRCLE_EUSAGE) {
			*e = one;
			return -1;
		}
		/* Someone there by that name, not certain which: no hint. */
		if (strncmp(one.msg, "no member \"", 11) != 0)
			turned[0] = '\0';
	}
	copy = circle_xstrdup(name);
	for (part = strtok_r(copy, ",;", &last); part != NULL && rc == 0;
	    part = strtok_r(NULL, ",;", &last)) {
		part += strspn(part, " ");
		for (end = part + strlen(part); end > part && end[-1] == ' ';)
			*--end = '\0';
		if (*part == '\0')
			continue;
		parts++;
		if (circle_member_resolve_in(db, gid, part, &id, &one) == 0)
			ids_add(ids, n, id);
		else if (one.code != CIRCLE_EFAIL && one.code != CIRCLE_EUSAGE) {
			*e = one;
			rc = -1;
		} else {
			name_bad(a, part, &one, &missed);
			none = strncmp(one.msg, "no member \"", 11) == 0;
			first_missed |= parts == 1 && none;
			nmissed++;
			nnone += none;
		}
	}
	free(copy);
	/* bob, ann: each of several is a list, to be said so */
	if (rc == 0 && two && *n == had && parts == 2 && nnone == parts &&
	    turned[0] != '\0') {
		/* "Abara, Quinn": no one; someone new by the name turned. */
		walk_in_cmd(a, turned, &cmd);
		circle_xappend(bad, "\n", "  no member \"%s\" (nor \"%s\"; "
		    "someone new: add them with '%s')", name, turned, cmd);
		free(cmd);
		(*asked)++;
		(*nbad)++;
	} else if (rc == 0 && (parts == 0 || (parts == 1 && *n == had) ||
	    (two && *n == had && nnone == parts))) {
		*n = had;
		rc = 1;
	} else if (rc == 0) {
		*asked += parts;
		*nbad += nmissed;
		if (missed != NULL)
			circle_xappend(bad, "\n", "%s", missed);
		/* "Lee, Ann", Ann Lee new, and Ann Smith on the roster. */
		if (two && first_missed && turned[0] != '\0') {
			walk_in_cmd(a, turned, &cmd);
			circle_xappend(bad, "\n", "  (\"%s\" was read as a "
			    "list; if it is one person, %s, someone new: add "
			    "them with '%s')", name, turned, cmd);
			free(cmd);
		}
		if (*n > had)
			name_taken(db, a, name, *ids, had, *n);
	}
	free(missed);
	return rc;
}

/*
 * A name not found that, with the word before it, is one person's ("Ann
 * Lee" typed without quotes): said in *bad, 1; else 0.
 */
static int
two_words(struct circle_db *db, long long gid, const struct mark_args *a,
    size_t i, char **bad)
{
	struct circle_err	 one;
	long long		 id;
	char			*both;
	int			 yes;

	circle_xasprintf(&both, "%s %s", a->members[i - 1], a->members[i]);
	yes = circle_member_resolve_in(db, gid, both, &id, &one) == 0;
	if (yes)
		circle_xappend(bad, "\n", "  no member \"%s\"; \"%s\" is one "
		    "person: put a name of several words in quotes",
		    a->members[i], both);
	free(both);
	return yes;
}

/*
 * The people named for one session, looked up among its group's first
 * (one argument may name several: name_list): an array of *nids ids, or
 * NULL with every name that is unknown or ambiguous said in e at once (a
 * line each), so that nothing is marked until all are right.
 */
static long long *
resolve_names(struct circle_db *db, long long gid, const struct mark_args *a,
    size_t *nids, struct circle_err *e)
{
	struct circle_err	 one;
	long long		*ids, id;
	char			*bad = NULL;
	size_t			 i, n = 0, nbad = 0, asked = 0;
	int			 rc;

	ids = circle_xcalloc(1, sizeof *ids);
	for (i = 0; i < a->n; i++) {
		if (circle_member_resolve_in(db, gid, a->members[i], &id,
		    &one) == 0) {
			ids_add(&ids, &n, id);
			asked++;
			continue;
		}
		if (one.code != CIRCLE_EFAIL && one.code != CIRCLE_EUSAGE) {
			*e = one;
			goto fail;
		}
		if (strncmp(one.msg, "no member \"", 11) == 0 &&
		    strpbrk(a->members[i], ",;") != NULL &&
		    (rc = name_list(db, gid, a, a->members[i], &ids, &n,
		    &asked, &bad, &nbad, e)) != 1) {
			if (rc == -1)
				goto fail;
			continue;
		}
		/* Ann Lee, not in quotes: said so, neither marked. */
		if (i > 0 && strncmp(one.msg, "no member \"", 11) == 0 &&
		    two_words(db, gid, a, i, &bad)) {
			nbad++;
			asked++;
			continue;
		}
		/* No one like it: most often someone new, who walked in. */
		name_bad(a, a->members[i], &one, &bad);
		nbad++;
		asked++;
	}
	if (nbad == 0) {
		*nids = n;
		return ids;
	}
	if (nbad == 1)
		circle_err_set(e, CIRCLE_EFAIL, "%s", bad + 2);
	else
		circle_err_set(e, CIRCLE_EFAIL, "%zu of %zu names not found, "
		    "nobody marked:\n%s", nbad, asked, bad);
fail:
	free(bad);
	free(ids);
	return NULL;
}

/* "everyone", "everybody", "all": a word for who was expected. */
static int
is_everyone(const char *s)
{
	return strcasecmp(s, "everyone") == 0 || strcasecmp(s, "everybody") ==
	    0 || strcasecmp(s, "all") == 0;
}

/* Is id among the n of ids? */
static int
ids_have(const long long *ids, size_t n, long long id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* A person's handle, for a message: in buf. */
static void
handle_of(struct circle_db *db, long long id, char *buf, size_t len)
{
	struct circle_err	 e;
	sqlite3_stmt		*st;

	snprintf(buf, len, "%lld", id);
	if ((st = circle_prepare(db, "SELECT handle FROM member WHERE id = ?",
	    &e)) == NULL)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(buf, len, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/*
 * "everyone [except NAME...]" (or "but"): the people expected at t, as
 * attend list shows them (in its group that day, active, not a guest),
 * less those named after the word, who must be among them.  A note says
 * who it was, so a word read this way shows.
 */
static long long *
everyone_ids(struct circle_db *db, const struct circle_target *t,
    const struct mark_args *a, size_t *nids, struct circle_err *e)
{
	struct mark_args	 b = *a;
	sqlite3_stmt		*st;
	long long		*not = NULL, *all, *out;
	size_t			 i, nnot = 0, nall = 0, n = 0;
	char			 h[64];
	int			 rc;

	if (a->n > 1) {
		if (a->n == 2 || (strcasecmp(a->members[1], "except") != 0 &&
		    strcasecmp(a->members[1], "but") != 0)) {
			circle_err_set(e, CIRCLE_EUSAGE, "%s: name the people "
			    "who were not there after 'except' (%s except "
			    "sam bob)", a->members[0], a->members[0]);
			return NULL;
		}
		b.members = a->members + 2;
		b.n = a->n - 2;
		if ((not = resolve_names(db, t->gid, &b, &nnot, e)) == NULL)
			return NULL;
	}
	/* The expected view's rule (report.h), at a session of any status. */
	if ((st = circle_prepare(db, "SELECT DISTINCT p.member_id FROM "
	    "session s JOIN membership p ON p.grp_id = s.grp_id AND "
	    SQL_NOT_GUEST " AND " SQL_MEMBER_ON " JOIN member m ON m.id = "
	    "p.member_id AND " SQL_ACTIVE " WHERE s.id = ?1 ORDER BY "
	    "m.display_name COLLATE circle_name, m.handle", e)) == NULL) {
		free(not);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, t->id);
	all = circle_xcalloc(1, sizeof *all);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ids_add(&all, &nall, sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	out = circle_xcalloc(nall + 1, sizeof *out);
	if (rc != SQLITE_DONE) {
		circle_db_error(db, e, "attendance");
		goto fail;
	}
	for (i = 0; i < nnot; i++)
		if (!ids_have(all, nall, not[i])) {
			handle_of(db, not[i], h, sizeof h);
			circle_err_set(e, CIRCLE_EFAIL, "%s except %s: %s was "
			    "not expected at this session (not in its group "
			    "that day)", a->members[0], h, h);
			goto fail;
		}
	for (i = 0; i < nall; i++)
		if (!ids_have(not, nnot, all[i]))
			out[n++] = all[i];
	if (n == 0) {
		circle_err_set(e, CIRCLE_EFAIL, "%s: nobody %s expected at this "
		    "session%s", a->members[0], nnot > 0 ? "else was" : "was",
		    nnot > 0 ? "" : " (no one in its group that day: 'circle "
		    "attend list' shows who is)");
		goto fail;
	}
	name_taken(db, a, a->members[0], out, 0, n);
	*nids = n;
	free(not);
	free(all);
	return out;
fail:
	free(not);
	free(all);
	free(out);
	return NULL;
}

static int
mark_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct mark_args	*a = arg;
	struct circle_target	 t;
	const char		*mark = "present";
	char			*batch = NULL;
	long long		*mids = NULL;
	size_t			 i, nids = 0;
	int			 changed, held, rc = -1;

	circle_attend_result_release(a->r);	/* a try before, if any */
	if (a->o->status != NULL && circle_mark_parse(a->o->status,
	    &mark) == -1)
		return circle_mark_refused(e, a->o->status);
	if (a->o->note != NULL && circle_check_text("note", a->o->note, 2000,
	    e) == -1)
		return -1;
	if (circle_target_get(db, a->o->group, a->o->session, a->o->force, &t,
	    e) == -1)
		return -1;
	if (a->n > 0 && is_everyone(a->members[0]))
		mids = everyone_ids(db, &t, a, &nids, e);
	else
		mids = resolve_names(db, t.gid, a, &nids, e);
	if (mids == NULL || (batch = circle_uuid(e)) == NULL)
		goto out;
	for (i = 0; i < nids; i++) {
		if (circle_attend_mark_one(db, &t, batch, mids[i], mark,
		    a->o->note, &changed, e) == -1)
			goto out;
		if (changed)
			a->r->marked++;
		else
			a->r->unchanged++;
	}
	if ((held = circle_session_make_held(db, t.id, e)) == -1 ||
	    circle_attend_joined_at(db, &t, mids, nids, a->r, e) == -1)
		goto out;
	a->r->sessions = (size_t)held;
	rc = 0;
out:
	free(mids);
	free(batch);
	circle_target_release(&t);
	return rc;
}

/*
 * Mark people at a session: present unless another status is given.  The
 * session becomes held.  Marking someone again changes their mark; the old
 * one stays in the change log.
 */
int
circle_attend_mark(struct circle_db *db, const struct circle_attend_opts *o,
    const char *const *members, size_t n, struct circle_attend_result *r,
    struct circle_err *e)
{
	struct mark_args	a = { o, members, n, r };

	memset(r, 0, sizeof *r);
	return circle_db_write(db, mark_tx, &a, e);
}

struct walkin {
	const struct circle_attend_opts	*o;
	const char			*name;
	const char			*email;
	char				*handle;	/* owned: the result */
};

/*
 * A walk-in in the group of the session t, inside a write: a guest from
 * the session's day (not expected after), unless in it already.
 */
int
circle_walkin_join(struct circle_db *db, const struct circle_target *t,
    long long mid, struct circle_err *e)
{
	sqlite3_stmt	*st;
	int		 changed;

	if (circle_membership_add(db, mid, t->gid, NULL, t->day, &changed,
	    e) == -1)
		return -1;
	if (!changed)
		return 0;
	if ((st = circle_prepare(db, "UPDATE membership SET role = 'guest' "
	    "WHERE member_id = ? AND grp_id = ? AND left_on IS NULL AND "
	    "joined_on = ?", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	sqlite3_bind_int64(st, 2, t->gid);
	circle_bind_text(st, 3, t->day);
	return circle_exec_stmt(db, st, e);
}

/*
 * Someone who walked in to the session t, inside a write, as walk-in adds
 * them: the person on the roster with that email (any case), else added
 * with the name (refused when the name, or a first name alone, is
 * someone's on the roster, unless new_person), then joined to the group (circle_walkin_join).  *mid is
 * theirs; *added 1 when they were added to the roster.
 */
int
circle_walkin_add(struct circle_db *db, const struct circle_target *t,
    const char *name, const char *email, int new_person, long long *mid,
    int *added, struct circle_err *e)
{
	struct circle_member_set s;
	char			*other = NULL;

	*mid = 0;
	*added = 0;
	/* Someone already on the roster by that email is not added twice. */
	if (email != NULL && *email != '\0' &&
	    (*mid = circle_member_by_email(db, email, 0, &other, e)) == -1)
		return -1;
	free(other);
	/* Nor someone by that name, unless they say it is someone else. */
	if (*mid == 0 && !new_person &&
	    circle_member_named_already(db, "walk-in", name, e) == -1)
		return -1;
	if (*mid == 0) {
		memset(&s, 0, sizeof s);
		s.display_name = name;
		s.email = email;
		if (circle_member_insert(db, &s, "{\"walk_in\":true}", 0, mid,
		    e) == -1)
			return -1;
		*added = 1;
	}
	return circle_walkin_join(db, t, *mid, e);
}

static int
walkin_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct walkin		*w = arg;
	struct circle_target	 t;
	sqlite3_stmt		*st;
	char			*batch = NULL;
	long long		 mid = 0;
	int			 changed, added, rc = -1;

	free(w->handle);
	w->handle = NULL;
	if (circle_target_get(db, w->o->group, w->o->session, w->o->force, &t,
	    e) == -1)
		return -1;
	if (circle_walkin_add(db, &t, w->name, w->email, w->o->new_person,
	    &mid, &added, e) == -1)
		goto out;
	if ((batch = circle_uuid(e)) == NULL)
		goto out;
	if (circle_attend_mark_one(db, &t, batch, mid, "present", w->o->note,
	    &changed, e) == -1 || circle_session_make_held(db, t.id, e) == -1)
		goto out;
	if ((st = circle_prepare(db, "SELECT handle FROM member WHERE id = ?",
	    e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, mid);
	if (step_row(db, st, "member", e) == -1)
		goto out;
	w->handle = circle_col_dup(st, 0);
	sqlite3_finalize(st);
	rc = 0;
out:
	free(batch);
	circle_target_release(&t);
	return rc;
}

/*
 * A first-timer: added to the roster (unless their email is there
 * already), to the group as a guest, and marked present.  A name that
 * folds to the name of someone on the roster is refused unless
 * o->new_person says it is another person.
 */
int
circle_attend_walkin(struct circle_db *db, const struct circle_attend_opts *o,
    const char *name, const char *email, char **handle, struct circle_err *e)
{
	struct walkin	w = { o, name, email, NULL };

	*handle = NULL;
	if (circle_db_write(db, walkin_tx, &w, e) == -1) {
		free(w.handle);
		return -1;
	}
	*handle = w.handle;
	return 0;
}

struct headcount {
	const struct circle_attend_opts	*o;
	long long			 n;
	struct circle_headcount		*said;
};

static int
headcount_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct headcount	*h = arg;
	struct circle_target	 t;
	sqlite3_stmt		*st;
	char			*batch;
	long long		 old = -1;
	int			 rc = -1;

	if (circle_target_get(db, h->o->group, h->o->session, h->o->force, &t,
	    e) == -1)
		return -1;
	if ((st = circle_prepare(db, "SELECT headcount, (SELECT count(*) FROM "
	    "attendance a WHERE a.session_id = s.id AND a.status IN "
	    CIRCLE_SQL_CAME ") FROM session s WHERE id = ?", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, t.id);
	if (step_row(db, st, "session", e) == -1)
		goto out;
	if (sqlite3_column_type(st, 0) != SQLITE_NULL)
		old = sqlite3_column_int64(st, 0);
	h->said->old = old;
	h->said->named = sqlite3_column_int64(st, 1);
	h->said->given = h->n;
	h->said->counted = circle_attendances(h->n, h->said->named);
	sqlite3_finalize(st);
	if ((st = circle_prepare(db, "UPDATE session SET headcount = ? WHERE "
	    "id = ?", e)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, h->n);
	sqlite3_bind_int64(st, 2, t.id);
	if (circle_exec_stmt(db, st, e) == -1 ||
	    circle_session_make_held(db, t.id, e) == -1)
		goto out;
	if ((batch = circle_uuid(e)) == NULL)
		goto out;
	rc = circle_attend_log(db, "headcount", t.uid, NULL, old >= 0 ?
	    json_pack("{s:s, s:I, s:I, s:s}", "batch", batch, "old",
	    (json_int_t)old, "new", (json_int_t)h->n, "was", t.status) :
	    json_pack("{s:s, s:n, s:I, s:s}", "batch", batch, "old", "new",
	    (json_int_t)h->n, "was", t.status), e);
	free(batch);
out:
	circle_target_release(&t);
	return rc;
}

/*
 * For groups that count heads, not names; beside marks, everyone who came,
 * named or not (the reports count the more of the two: circle_attendances).
 * *said: the headcount it replaced, the people marked as came, and the
 * number the reports count.
 */
int
circle_attend_headcount(struct circle_db *db,
    const struct circle_attend_opts *o, const char *count,
    struct circle_headcount *said, struct circle_err *e)
{
	struct headcount	 h = { o, 0, said };
	char			*end;
	long			 n;

	n = strtol(count, &end, 10);
	if (*count == '\0' || *end != '\0' || !isdigit((unsigned char)*count) ||
	    n < 0 || n > 100000)
		return circle_err_set(e, CIRCLE_EDATA, "headcount: \"%s\" is "
		    "not a number of people", count);
	h.n = n;
	return circle_db_write(db, headcount_tx, &h, e);
}

/*
 * Everyone who was expected at a session, and anyone else marked there,
 * with their marks: facilitators first, then expected, then others.
 */
int
circle_attend_list(struct circle_db *db, const char *group, const char *ref,
    struct circle_session *s, struct circle_attend_row **rows, size_t *n,
    struct circle_err *e)
{
	struct circle_attend_row	*r;
	sqlite3_stmt			*st;
	int				 rc;

	*rows = NULL;
	*n = 0;
	if (circle_session_get(db, group, ref, s, e) == -1)
		return -1;
	/* Who is expected: the expected view's rule (report.h). */
	if ((st = circle_prepare(db, "SELECT m.handle, m.display_name, p.role, "
	    "a.status, a.note, p.id IS NOT NULL AND " SQL_NOT_GUEST " AND "
	    SQL_ACTIVE " AS expected FROM session s JOIN member m LEFT JOIN "
	    "membership p ON p.member_id = m.id AND p.grp_id = s.grp_id AND "
	    SQL_MEMBER_ON " LEFT JOIN attendance a ON a.member_id = m.id AND "
	    "a.session_id = s.id WHERE s.id = ?1 AND (a.id IS NOT NULL OR "
	    "(p.id IS NOT NULL AND " SQL_ACTIVE " AND " SQL_NOT_GUEST ")) "
	    "ORDER BY expected DESC, p.role IS NOT 'facilitator', "
	    "m.display_name COLLATE circle_name, m.handle", e)) == NULL) {
		circle_session_release(s);
		return -1;
	}
	sqlite3_bind_int64(st, 1, s->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = circle_xgrow(*rows, *n, sizeof **rows);
		r = &(*rows)[(*n)++];
		r->handle = circle_col_dup(st, 0);
		r->name = circle_col_dup(st, 1);
		r->role = circle_col_dup(st, 2);
		r->mark = circle_col_dup(st, 3);
		r->note = circle_col_dup(st, 4);
		r->expected = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		circle_session_release(s);
		circle_attend_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return circle_db_error(db, e, "attendance");
	}
	return 0;
}

/*
 * A person's attendance, a group at a time: "tuesday-circle: came to 12 of
 * 15 (80%), last 2026-11-17".  NULL in *summary when there is none.
 */
int
circle_member_attendance(struct circle_db *db, long long mid,
    struct circle_member_attendance **out, size_t *nout, struct circle_err *e)
{
	struct circle_member_attendance	*v = NULL, *a;
	sqlite3_stmt			*st;
	size_t				 n = 0;
	int				 rc;

	*out = NULL;
	*nout = 0;
	if ((st = circle_prepare(db, "SELECT g.handle, (SELECT count(*) FROM "
	    "expected e WHERE e.member_id = ?1 AND e.grp_id = g.id), "
	    "(SELECT count(*) FROM expected e WHERE e.member_id = ?1 AND "
	    "e.grp_id = g.id AND e.mark IN " CIRCLE_SQL_CAME "), "
	    "(SELECT count(*) FROM expected e WHERE "
	    "e.member_id = ?1 AND e.grp_id = g.id AND e.mark = 'excused'), "
	    "(SELECT max(substr(s.local_start, 1, 10)) FROM attendance a JOIN "
	    "session s ON s.id = a.session_id WHERE a.member_id = ?1 AND "
	    "s.grp_id = g.id AND a.status IN " CIRCLE_SQL_CAME ") "
	    "FROM grp g WHERE g.id IN (SELECT grp_id FROM "
	    "membership WHERE member_id = ?1 UNION SELECT s.grp_id FROM "
	    "attendance a JOIN session s ON s.id = a.session_id WHERE "
	    "a.member_id = ?1) ORDER BY g.handle", e)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, mid);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 1) == 0 &&
		    sqlite3_column_type(st, 4) == SQLITE_NULL)
			continue;
		v = circle_xgrow(v, n, sizeof *v);
		a = &v[n++];
		memset(a, 0, sizeof *a);
		a->group = circle_col_dup(st, 0);
		a->expected = sqlite3_column_int64(st, 1);
		a->came = sqlite3_column_int64(st, 2);
		a->excused = sqlite3_column_int64(st, 3);
		if (sqlite3_column_type(st, 4) != SQLITE_NULL)
			snprintf(a->last, sizeof a->last, "%s",
			    (const char *)sqlite3_column_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		circle_member_attendance_free(v, n);
		return circle_db_error(db, e, "attendance");
	}
	*out = v;
	*nout = n;
	return 0;
}

void
circle_member_attendance_free(struct circle_member_attendance *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].group);
	free(v);
}

