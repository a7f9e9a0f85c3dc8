/*
 * circle-checkin: check-in and check-out surveys: add and show survey
 * files, take a check-in (asked question by question on a terminal, or as
 * question=answer), go round the room, import a web form's answers, and
 * keep track of the follow-ups flagged answers open.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

/* ---- surveys ----------------------------------------------------------- */

static int
survey_add(struct tool *t, int argc, char **argv)
{
	static const char *const said[] = {
		[CIRCLE_UNCHANGED] = "unchanged", [CIRCLE_ADDED] = "added",
		[CIRCLE_UPDATED] = "updated", [CIRCLE_NEW_VERSION] = "added"
	};
	struct circle_survey_added	 r;
	struct circle_db		*db;
	int				 dry = tool_has(t, 'n');

	if ((db = tool_db(t, CIRCLE_DB_CREATE)) == NULL)
		return t->err.code;
	if (circle_survey_add(db, argv[0], argv[0], dry, &r,
	    &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "%ssurvey %s version %d: %s", dry &&
	    r.state != CIRCLE_UNCHANGED ? "dry run: " : "", r.key, r.version,
	    TOOL_WORD(said, r.state));
	if (r.state == CIRCLE_NEW_VERSION)
		tool_say(t, " (version %d has responses; they keep it)",
		    r.previous);
	putchar('\n');
	free(r.key);
	return 0;
}

static int
survey_check(struct tool *t, int argc, char **argv)
{
	struct circle_survey	*s;

	if (circle_survey_file(argv[0], argv[0], &s, &t->err) == -1)
		return tool_fail(t);
	printf("%s: survey %s, %zu question%s, %zu flag%s: ok\n",
	    argv[0], s->key, s->nquestions, s->nquestions == 1 ? "" : "s",
	    s->nflags, s->nflags == 1 ? "" : "s");
	circle_survey_free(s);
	return 0;
}

static int
survey_list(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "key", CIRCLE_COL_TEXT }, { "version", CIRCLE_COL_INT },
		{ "phase", CIRCLE_COL_TEXT }, { "questions", CIRCLE_COL_INT },
		{ "responses", CIRCLE_COL_INT }, { "title", CIRCLE_COL_TEXT },
	};
	struct circle_survey	**ss;
	struct circle_out	 *o;
	struct circle_db	 *db;
	const char		 *v[6];
	char			  ver[16], nq[16], nr[24];
	size_t			  n, i;
	int			  all = tool_has(t, 'a');

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_survey_list(db, all, &ss, &n, &t->err) == -1)
		return tool_fail(t);
	o = tool_out(t, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < n; i++) {
		snprintf(ver, sizeof ver, "%d", ss[i]->version);
		snprintf(nq, sizeof nq, "%zu", ss[i]->nquestions);
		snprintf(nr, sizeof nr, "%lld", ss[i]->responses);
		v[0] = ss[i]->key;
		v[1] = ver;
		v[2] = ss[i]->phase;
		v[3] = nq;
		v[4] = nr;
		v[5] = ss[i]->title;
		circle_out_row(o, v);
		circle_survey_free(ss[i]);
	}
	free(ss);
	return tool_finish(t, o);
}

/* What a question accepts, as shown to the person answering. */
static void
question_accepts(const struct circle_question *q, char *buf, size_t len)
{
	char	lo[32], hi[32];
	size_t	i, n;

	circle_num_format(q->min, lo, sizeof lo);
	circle_num_format(q->max, hi, sizeof hi);
	switch (q->kind) {
	case CIRCLE_Q_SCALE:
		n = (size_t)snprintf(buf, len, "%s-%s", lo, hi);
		for (i = 0; i < q->nlabels && n < len; i++)
			n += (size_t)snprintf(buf + n, len - n, ", %d = %s",
			    q->labels[i].at, q->labels[i].text);
		break;
	case CIRCLE_Q_YESNO:
		snprintf(buf, len, "yes/no");
		break;
	case CIRCLE_Q_CHOICE:
		for (i = 0, n = 0; i < q->nchoices && n < len; i++)
			n += (size_t)snprintf(buf + n, len - n, "%s%zu %s",
			    i > 0 ? ", " : "", i + 1, q->choices[i]);
		break;
	case CIRCLE_Q_NUMBER:
		if (q->has_min && q->has_max)
			snprintf(buf, len, "a number, %s-%s", lo, hi);
		else if (q->has_min)
			snprintf(buf, len, "a number, %s or more", lo);
		else if (q->has_max)
			snprintf(buf, len, "a number, %s or less", hi);
		else
			snprintf(buf, len, "a number");
		break;
	case CIRCLE_Q_TEXT:
		snprintf(buf, len, "words");
		break;
	}
}

static int
survey_show(struct tool *t, int argc, char **argv)
{
	static const struct circle_col cols[] = {
		{ "question", CIRCLE_COL_TEXT }, { "kind", CIRCLE_COL_TEXT },
		{ "required", CIRCLE_COL_BOOL }, { "accepts", CIRCLE_COL_TEXT },
		{ "scored", CIRCLE_COL_TEXT }, { "prompt", CIRCLE_COL_TEXT },
	};
	struct circle_survey	*s;
	struct circle_out	*o;
	struct circle_db	*db;
	const char		*v[6];
	const char		*arg = tool_opt(t, 'V');
	char			 acc[512], *end;
	size_t			 i;
	long			 version = 0;

	if (arg != NULL) {
		errno = 0;
		version = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || version < 1 ||
		    version > 1000000)
			return tool_error(t, CIRCLE_EUSAGE, "--version: \"%s\" "
			    "is not a version number", arg);
	}
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_survey_get(db, argv[0], (int)version, &s,
	    &t->err) == -1)
		return tool_fail(t);
	if (t->fmt == CIRCLE_FMT_AUTO && t->tty) {
		printf("%s (%s, version %d, %s; %lld response%s)\n", s->title,
		    s->key, s->version, s->phase, s->responses,
		    s->responses == 1 ? "" : "s");
		if (s->description != NULL)
			printf("%s\n", s->description);
		if (s->score != CIRCLE_SCORE_NONE)
			printf("score: %s, the %s of the scored answers\n",
			    s->score_name, s->score == CIRCLE_SCORE_SUM ?
			    "sum" : "mean");
		for (i = 0; i < s->nflags; i++)
			printf("flag: %s%s%s\n", s->flags[i].id,
			    s->flags[i].reason ? ": " : "",
			    s->flags[i].reason ? s->flags[i].reason : "");
		putchar('\n');
	}
	o = tool_out(t, cols, sizeof cols / sizeof cols[0]);
	for (i = 0; i < s->nquestions; i++) {
		question_accepts(&s->questions[i], acc, sizeof acc);
		v[0] = s->questions[i].key;
		v[1] = circle_qkind_name(s->questions[i].kind);
		v[2] = s->questions[i].required ? "yes" : "no";
		v[3] = acc;
		v[4] = s->questions[i].reverse ? "reversed" :
		    s->questions[i].scored ? "yes" : "no";
		v[5] = s->questions[i].prompt;
		circle_out_row(o, v);
	}
	circle_survey_free(s);
	return tool_finish(t, o);
}

/* ---- taking a check-in ------------------------------------------------- */

/*
 * What the followup hooks (run by lib/ once the follow-ups were saved)
 * wrote, and their failures: after the take's own lines.
 */
static void
print_hooks(struct tool *t, const struct circle_hook_report *r, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (r[i].output != NULL)
			fputs(r[i].output, stderr);
		if (r[i].warning != NULL)
			tool_warn(t, "%s", r[i].warning);
	}
}

static void
print_followups(struct circle_db *db, const long long *ids, size_t n)
{
	struct circle_err	 e;
	char			*why;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (circle_followup_reason(db, ids[i], &why, &e) == -1)
			why = NULL;
		printf("follow-up %lld opened: %s\n", ids[i], why != NULL ?
		    why : "see circle checkin followups");
		free(why);
	}
}

static void
print_take(const struct circle_take_result *r)
{
	static const char *const said[] = {
		[CIRCLE_UNCHANGED] = "unchanged", [CIRCLE_ADDED] = "saved",
		[CIRCLE_UPDATED] = "replaced"
	};
	char	score[32];

	printf("%s %s for %s", r->survey, TOOL_WORD(said, r->state),
	    r->member != NULL ?
	    r->member : "anonymous");
	if (r->has_score) {
		circle_num_format(r->score, score, sizeof score);
		printf(": score %s", score);
	}
	putchar('\n');
	if (r->withdrawn > 0)
		printf("%zu open follow-up%s withdrawn: no longer flagged\n",
		    r->withdrawn, r->withdrawn == 1 ? "" : "s");
}

/* Where the answers come from: a person at a terminal, or a file. */
struct input {
	int	tty;		/* stdin is a terminal */
	int	strict;		/* not a terminal: a bad answer is an error */
	size_t	line;		/* lines read */
};

/*
 * Ask each question (prompts on stderr), again after a bad answer.  Fills
 * args with question=answer strings.  1 when done, 0 at end of input
 * (nothing is saved), 2 when the answer was "skip" and skipping is
 * allowed, -1 after a bad answer read from a file when in->strict (e
 * says which line and why).  Answers read from a file are echoed, so that
 * what was asked and answered reads in order.
 */
static int
ask_questions(const struct circle_survey *s, int can_skip, struct input *in,
    char ***args, size_t *nargs, struct circle_err *err)
{
	const struct circle_question	*q;
	struct circle_answer		 a;
	struct circle_err		 e;
	char				*line = NULL, acc[512], val[64];
	size_t				 cap = 0, i;
	ssize_t				 len;
	unsigned long			 k;
	int				 bad;

	*args = circle_xcalloc(s->nquestions + 1, sizeof **args);
	*nargs = 0;
	for (i = 0; i < s->nquestions; i++) {
		q = &s->questions[i];
		question_accepts(q, acc, sizeof acc);
again:
		fprintf(stderr, "%s [%s%s]: ", q->prompt, acc, q->required ?
		    "" : "; Enter to skip");
		fflush(stderr);
		if ((len = getline(&line, &cap, stdin)) == -1) {
			fputc('\n', stderr);
			free(line);
			return 0;
		}
		in->line++;
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!in->tty)
			fprintf(stderr, "%s\n", line);
		if (can_skip && strcmp(line, "skip") == 0) {
			free(line);
			return 2;
		}
		/* A choice by its number. */
		if (q->kind == CIRCLE_Q_CHOICE && isdigit((unsigned char)*line)) {
			k = strtoul(line, NULL, 10);
			snprintf(val, sizeof val, "%lu", k);
			if (strcmp(val, line) == 0 && k >= 1 &&
			    k <= q->nchoices &&
			    circle_answer_parse(q, line, &a, &e) == -1) {
				free(line);
				line = circle_xstrdup(q->choices[k - 1]);
				cap = strlen(line) + 1;
			}
			circle_answer_release(&a);
		}
		bad = circle_answer_parse(q, line, &a, &e) == -1;
		if (!bad && !a.given && q->required)
			bad = circle_err_set(&e, CIRCLE_EDATA, "%s: an answer "
			    "is needed here", q->key) == -1;
		if (bad) {
			if (in->strict) {
				circle_err_set(err, CIRCLE_EDATA, "<stdin>:%zu: "
				    "%s", in->line, e.msg);
				free(line);
				return -1;
			}
			fprintf(stderr, "  %s\n", e.msg);
			goto again;
		}
		if (a.given)
			circle_xasprintf(&(*args)[(*nargs)++], "%s=%s", q->key,
			    line);
		circle_answer_release(&a);
	}
	free(line);
	return 1;
}

static void
args_free(char **args, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(args[i]);
	free(args);
}

static int
take_one(struct tool *t, struct circle_db *db, struct circle_take_opts *o,
    const char *const *args, size_t n)
{
	struct circle_take_result	r;

	if (circle_checkin_take(db, o, args, n, &r, &t->err) == -1)
		return tool_fail(t);
	print_take(&r);
	print_followups(db, r.opened, r.nopened);
	fflush(stdout);
	print_hooks(t, r.hooks, r.nhooks);
	circle_take_result_release(&r);
	return 0;
}

static int
checkin_take(struct tool *t, int argc, char **argv)
{
	struct circle_take_opts	 o;
	struct circle_survey	*s;
	struct circle_session	 sess;
	struct circle_db	*db;
	struct input		 in = { 0, 0, 0 };
	const char *const	*answers;
	char			**asked;
	size_t			 nanswers, nasked;
	int			 i = 1, j, anonymous = tool_has(t, 'a'), rc;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.survey = tool_opt(t, 's');
	o.checkout = tool_has(t, 'o');
	o.force = tool_has(t, 'f');
	o.session = argv[0];
	if (anonymous && i < argc && strchr(argv[i], '=') == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "take: give a member or "
		    "--anonymous, not both");
	if (!anonymous) {
		if (i >= argc || strchr(argv[i], '=') != NULL)
			return tool_error(t, CIRCLE_EUSAGE, "take: whose "
			    "check-in? give a member, or --anonymous");
		o.member = argv[i++];
	}
	/* The rest of the operands are the answers. */
	for (j = i; j < argc; j++)
		if (strchr(argv[j], '=') == NULL)
			return tool_error(t, CIRCLE_EUSAGE, "\"%s\": expected "
			    "question=answer", argv[j]);
	answers = (const char *const *)argv + i;
	nanswers = (size_t)(argc - i);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	in.tty = isatty(STDIN_FILENO);
	if (nanswers == 0 && !tool_has(t, 'A') && !in.tty)
		return tool_error(t, CIRCLE_EUSAGE, "take: no answers; give "
		    "them as QUESTION=ANSWER, or --ask to read them from "
		    "standard input");
	if (nanswers > 0)
		return take_one(t, db, &o, answers, nanswers);
	/* Ask: check the session and find the survey before the first. */
	if (circle_checkin_survey(db, &o, &s, &sess, &t->err) == -1)
		return tool_fail(t);
	fprintf(stderr, "%s (%s) for %s at %s %s; Ctrl-D saves nothing\n",
	    s->title, s->key, o.member != NULL ? o.member : "anonymous",
	    sess.group, sess.local_start);
	circle_session_release(&sess);
	rc = ask_questions(s, 0, &in, &asked, &nasked, &t->err);
	circle_survey_free(s);
	if (rc == 0) {
		args_free(asked, nasked);
		return tool_error(t, CIRCLE_EFAIL, "nothing saved");
	}
	rc = take_one(t, db, &o, (const char *const *)asked, nasked);
	args_free(asked, nasked);
	return rc;
}

/* Marked as there: present, late or left early. */
static int
came(const struct circle_attend_row *r)
{
	return circle_mark_text_came(r->mark);
}

static int
checkin_round(struct tool *t, int argc, char **argv)
{
	struct circle_take_opts		 o;
	struct circle_attend_row	*rows;
	struct circle_survey		*s;
	struct circle_session		 sess, ls;
	struct circle_db		*db;
	struct input			 in = { 0, 0, 0 };
	char				**asked, sid[24];
	size_t				 n, i, nasked, done = 0, skipped = 0;
	size_t				 there = 0;
	int				 rc = 0, r;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.survey = tool_opt(t, 's');
	o.checkout = tool_has(t, 'o');
	o.force = tool_has(t, 'f');
	o.session = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_checkin_survey(db, &o, &s, &sess, &t->err) == -1)
		return tool_fail(t);
	/* The same session from here on, whatever "today" becomes. */
	snprintf(sid, sizeof sid, "%lld", sess.id);
	o.session = sid;
	o.group = NULL;
	if (circle_attend_list(db, NULL, sid, &ls, &rows, &n, &t->err) == -1) {
		circle_survey_free(s);
		circle_session_release(&sess);
		return tool_fail(t);
	}
	circle_session_release(&ls);
	for (i = 0; i < n; i++)
		there += (size_t)came(&rows[i]);
	/*
	 * Answers from a file or a pipe are read a line each, and a bad one
	 * stops the round: asking again would take the next line, which may
	 * be another question's answer or another person's.
	 */
	in.tty = isatty(STDIN_FILENO);
	in.strict = !in.tty;
	if (there > 0)
		fprintf(stderr, "%s round at %s %s: type skip to pass someone, "
		    "Ctrl-D to stop\n", s->title, sess.group,
		    sess.local_start);
	for (i = 0; i < n && rc == 0; i++) {
		if (!came(&rows[i]))
			continue;
		fprintf(stderr, "\n%s (%s)\n", rows[i].name, rows[i].handle);
		if ((r = ask_questions(s, 1, &in, &asked, &nasked,
		    &t->err)) == 0) {
			args_free(asked, nasked);
			break;
		}
		if (r == -1) {
			args_free(asked, nasked);
			rc = tool_error(t, t->err.code, "%s; the round stops "
			    "here, nothing saved for %s (answers read from a "
			    "file are not asked again)", t->err.msg,
			    rows[i].handle);
			break;
		}
		if (r == 2) {
			skipped++;
			args_free(asked, nasked);
			continue;
		}
		o.member = rows[i].handle;
		rc = take_one(t, db, &o, (const char *const *)asked, nasked);
		args_free(asked, nasked);
		done += rc == 0;
	}
	if (there == 0)
		tool_warn(t, "no one is marked present at %s %s; mark "
		    "attendance first (circle attend mark)", sess.group,
		    sess.local_start);
	fprintf(stderr, "round: %zu saved, %zu skipped", done, skipped);
	if (done + skipped < there)
		fprintf(stderr, ", %zu left", there - done - skipped);
	fputc('\n', stderr);
	circle_attend_rows_free(rows, n);
	circle_survey_free(s);
	circle_session_release(&sess);
	return rc != 0 ? rc : done > 0 ? 0 : CIRCLE_EFAIL;
}

/* ---- import, lists, follow-ups ----------------------------------------- */

static int
checkin_import(struct tool *t, int argc, char **argv)
{
	struct circle_checkin_import_opts	 o;
	struct circle_checkin_import_result	 r;
	struct circle_db			*db;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.survey = tool_opt(t, 's');
	o.session = tool_opt(t, 'S');
	o.map = tool_values(t, 'm', &o.nmap);
	o.anonymous = tool_has(t, 'a');
	o.dry_run = tool_has(t, 'n');
	if (o.survey == NULL) {
		tool_error(t, CIRCLE_EUSAGE, "import: which survey? give "
		    "--survey KEY");
		return tool_usage(t);
	}
	o.path = argv[0];
	o.name = strcmp(o.path, "-") == 0 ? "<stdin>" : o.path;
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_checkin_import(db, &o, &r, &t->err) == -1)
		return tool_fail(t);
	tool_notes(t, r.notes, r.nnotes);
	tool_say(t, "%s%zu added, %zu replaced, %zu unchanged; %zu follow-up%s "
	    "opened\n", o.dry_run ? "dry run: would be " : "", r.added,
	    r.replaced, r.unchanged, r.nopened, r.nopened == 1 ? "" : "s");
	fflush(stdout);
	print_hooks(t, r.hooks, r.nhooks);
	circle_checkin_import_release(&r);
	return 0;
}

/* The filter of list and followups (--all: followups only). */
static void
filter_from_opts(const struct tool *t, struct circle_checkin_filter *f)
{
	memset(f, 0, sizeof *f);
	f->group = tool_opt(t, 'g');
	f->member = tool_opt(t, 'm');
	f->survey = tool_opt(t, 's');
	f->from = tool_opt(t, 'F');
	f->to = tool_opt(t, 't');
	f->all = tool_has(t, 'a');
}

static int
checkin_list(struct tool *t, int argc, char **argv)
{
	struct circle_checkin_filter	 f;
	const struct circle_col		*cols;
	struct circle_out		*o;
	struct circle_db		*db;
	size_t				 ncols;

	filter_from_opts(t, &f);
	f.session = argv[0];
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	cols = circle_checkin_list_cols(&ncols);
	o = tool_out(t, cols, ncols);
	if (circle_checkin_list(db, &f, tool_row, o, &t->err) == -1) {
		circle_out_finish(o);
		return tool_fail(t);
	}
	return tool_finish(t, o);
}

static int
checkin_followups(struct tool *t, int argc, char **argv)
{
	struct circle_checkin_filter	 f;
	const struct circle_col		*cols;
	struct circle_out		*o;
	struct circle_db		*db;
	size_t				 ncols;

	filter_from_opts(t, &f);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	cols = circle_followup_cols(&ncols);
	o = tool_out(t, cols, ncols);
	if (circle_followup_list(db, &f, tool_row, o, &t->err) == -1) {
		circle_out_finish(o);
		return tool_fail(t);
	}
	return tool_finish(t, o);
}

static int
close_followup(struct tool *t, int argc, char **argv, const char *status)
{
	struct circle_db	*db = NULL;
	long long		*ids;
	char			*end;
	int			 i, rc = 0;

	ids = circle_xcalloc((size_t)argc, sizeof *ids);
	for (i = 0; i < argc && rc == 0; i++) {
		errno = 0;
		ids[i] = strtoll(argv[i], &end, 10);
		if (*argv[i] == '\0' || *end != '\0' || ids[i] < 1 ||
		    errno != 0)
			rc = tool_error(t, CIRCLE_EUSAGE, "\"%s\" is not a "
			    "follow-up id (see circle checkin followups)",
			    argv[i]);
	}
	if (rc == 0 && (db = tool_db(t, 0)) == NULL)
		rc = t->err.code;
	else if (rc == 0 && circle_followup_close(db, ids, (size_t)argc,
	    status, tool_opt(t, 'n'), &t->err) == -1)
		rc = tool_fail(t);
	if (rc == 0) {
		tool_say(t, "follow-up%s", argc > 1 ? "s" : "");
		for (i = 0; i < argc; i++)
			tool_say(t, "%s%lld", i > 0 ? ", " : " ", ids[i]);
		tool_say(t, " %s\n", strcmp(status, "done") == 0 ? "resolved" :
		    status);
	}
	free(ids);
	return rc;
}

static int
checkin_resolve(struct tool *t, int argc, char **argv)
{
	return close_followup(t, argc, argv, "done");
}

static int
checkin_dismiss(struct tool *t, int argc, char **argv)
{
	return close_followup(t, argc, argv, "dismissed");
}

static const struct option dry_run_opts[] = {
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct option all_opts[] = {
	OPTION_ALL,
	OPTION_END
};

static const struct option show_opts[] = {
	{ "version", required_argument, NULL, 'V' },
	OPTION_END
};

static const struct option take_opts[] = {
	OPTION_GROUP,
	{ "survey", required_argument, NULL, 's' },
	{ "checkout", no_argument, NULL, 'o' },
	{ "anonymous", no_argument, NULL, 'a' },
	{ "ask", no_argument, NULL, 'A' },
	OPTION_FORCE,
	OPTION_END
};

static const struct option round_opts[] = {
	OPTION_GROUP,
	{ "survey", required_argument, NULL, 's' },
	{ "checkout", no_argument, NULL, 'o' },
	OPTION_FORCE,
	OPTION_END
};

static const struct option import_opts[] = {
	OPTION_GROUP,
	{ "survey", required_argument, NULL, 's' },
	{ "session", required_argument, NULL, 'S' },
	{ "map", required_argument, NULL, 'm' },
	{ "anonymous", no_argument, NULL, 'a' },
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct option list_opts[] = {
	OPTION_GROUP,
	{ "member", required_argument, NULL, 'm' },
	{ "survey", required_argument, NULL, 's' },
	OPTION_FROM,
	OPTION_TO,
	OPTION_END
};

static const struct option followups_opts[] = {
	OPTION_GROUP,
	{ "member", required_argument, NULL, 'm' },
	{ "survey", required_argument, NULL, 's' },
	OPTION_FROM,
	OPTION_TO,
	OPTION_ALL,
	OPTION_END
};

static const struct option note_opts[] = {
	{ "note", required_argument, NULL, 'n' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "survey add", "[--dry-run] FILE.yaml", "add a survey, or update it "
	    "(a new version once it has responses)", survey_add, 0,
	    dry_run_opts, NULL, 1, 1 },
	{ "survey check", "FILE.yaml", "check a survey file, change nothing",
	    survey_check, VERB_NODB, NULL, NULL, 1, 1 },
	{ "survey list", "[--all]", "the surveys (--all: every version)",
	    survey_list, 0, all_opts, NULL, 0, 0 },
	{ "survey show", "[--version N] KEY", "a survey's questions, score "
	    "and flags", survey_show, 0, show_opts, NULL, 1, 1 },
	{ "take", "[--group G] [--survey KEY | --checkout] [--ask] [--force] "
	    "SESSION MEMBER | --anonymous [QUESTION=ANSWER...]", "record a "
	    "check-in: asked on a terminal, or given as question=answer",
	    checkin_take, 0, take_opts, "g:s:f", 1, VERB_MANY },
	{ "round", "[--group G] [--survey KEY | --checkout] [--force] SESSION",
	    "ask everyone marked present, in turn", checkin_round,
	    0, round_opts, "g:s:f", 1, 1 },
	{ "import", "--survey KEY [--group G] [--session SESSION] "
	    "[--map COLUMN=QUESTION]... [--anonymous] [--dry-run] FILE.csv",
	    "record a web form's answers (timestamp, name or email, answers)",
	    checkin_import, 0, import_opts, "g:s:m:n", 1, 1 },
	{ "list", "[--group G] [--member M] [--survey KEY] [--from DATE] "
	    "[--to DATE] [SESSION]", "responses and their answers",
	    checkin_list, 0, list_opts, "g:m:s:", 0, 1 },
	{ "followups", "[--all] [--group G] [--member M] [--survey KEY] "
	    "[--from DATE] [--to DATE]", "open follow-ups (--all: closed ones "
	    "too)", checkin_followups, 0, followups_opts, "g:m:s:",
	    0, 0 },
	{ "resolve", "[--note TEXT] ID...", "close follow-ups as done",
	    checkin_resolve, 0, note_opts, "n:", 1, VERB_MANY },
	{ "dismiss", "[--note TEXT] ID...", "close follow-ups as not needed",
	    checkin_dismiss, 0, note_opts, "n:", 1, VERB_MANY },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "checkin",
		.summary = "check-in surveys and the follow-ups they open",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
