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

#include <histedit.h>

#include "tool.h"

/* Long-only options (tool.h: 0x80 to 0xff). */
enum {
	OPT_NO_PRIVATE = 0x80
};

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

	if ((db = tool_db(t, 0)) == NULL)
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
	int			  all = tool_has(t, 'e');

	/* --all was its name before it meant every group everywhere. */
	all |= tool_old_option(t, 'a', "--all", "--every-version");
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
		/* Its heading goes through the pager with the table. */
		tool_pager(t);
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

/*
 * What was saved.  In a round, where others may see the screen, nothing is
 * said of the follow-ups it opened or withdrew but that they were noted.
 */
static void
print_take(const struct circle_take_result *r, int in_round)
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
	if (in_round) {
		if (r->nopened > 0)
			printf("noted for the facilitator\n");
		return;
	}
	if (r->withdrawn > 0)
		printf("%zu open follow-up%s withdrawn: no longer flagged\n",
		    r->withdrawn, r->withdrawn == 1 ? "" : "s");
}

/*
 * Where the answers come from: a person at a terminal, with a line editor
 * (libedit: arrows, ^A, ^E, ^W), or a file read a line at a time.  The
 * editor keeps no history and no file, and each person gets a new one, so
 * nothing one person typed (not even what they cut with ^U) can be
 * brought back by the next.
 */
struct input {
	int		 tty;		/* stdin is a terminal */
	int		 strict;	/* not a terminal: a bad answer is an error */
	size_t		 line;		/* lines read */
	const char	*prog;		/* for libedit's messages */
	EditLine	*el;		/* this person's editor, or NULL */
	char		*prompt;	/* owned: the question being asked */
};

static char *
editor_prompt(EditLine *el)
{
	struct input	*in;

	if (el_get(el, EL_CLIENTDATA, &in) != 0 || in->prompt == NULL)
		return (char *)"";
	return in->prompt;
}

/*
 * A new person: a fresh editor when both ends are a terminal (prompts go
 * to stderr, where libedit draws the line).
 */
static void
input_begin(struct input *in)
{
	if (!in->tty || !isatty(STDERR_FILENO))
		return;
	if ((in->el = el_init(in->prog, stdin, stderr, stderr)) == NULL)
		return;
	el_set(in->el, EL_EDITOR, "emacs");
	el_set(in->el, EL_SIGNAL, 1);	/* ^C leaves the terminal sane */
	el_set(in->el, EL_CLIENTDATA, in);
	el_set(in->el, EL_PROMPT, editor_prompt);
	/* As in a shell: ^W deletes a word (libedit's emacs kills a region). */
	el_set(in->el, EL_BIND, "^W", "ed-delete-prev-word", NULL);
}

static void
input_end(struct input *in)
{
	if (in->el != NULL)
		el_end(in->el);
	in->el = NULL;
	free(in->prompt);
	in->prompt = NULL;
}

/*
 * Ask and read one answer, without its newline: its length, or -1 at the
 * end of input.
 */
static ssize_t
input_read(struct input *in, char **line, size_t *cap)
{
	const char	*got;
	ssize_t		 got_len;
	size_t		 len;
	int		 n;

	if (in->el == NULL) {
		fputs(in->prompt, stderr);
		fflush(stderr);
		if ((got_len = getline(line, cap, stdin)) == -1)
			return -1;
		len = (size_t)got_len;
	} else {
		if ((got = el_gets(in->el, &n)) == NULL || n <= 0)
			return -1;
		len = strlen(got);
		if (*cap < len + 1) {
			free(*line);
			*line = circle_xmalloc(len + 1);
			*cap = len + 1;
		}
		memcpy(*line, got, len + 1);
	}
	in->line++;
	if (len > 0 && (*line)[len - 1] == '\n')
		(*line)[--len] = '\0';
	return (ssize_t)len;
}

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
		free(in->prompt);
		circle_xasprintf(&in->prompt, "%s [%s%s]: ", q->prompt, acc,
		    q->required ? "" : "; Enter to skip");
		if ((len = input_read(in, &line, &cap)) == -1) {
			fputc('\n', stderr);
			free(line);
			return 0;
		}
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

/*
 * A round's follow-ups and hook reports, held until the round is over:
 * what a facilitator's hook prints may say why.
 */
struct round_held {
	struct circle_hook_report	*hooks;		/* owned */
	size_t				 nhooks;
	size_t				 opened;
};

static int
take_one(struct tool *t, struct circle_db *db, struct circle_take_opts *o,
    const char *const *args, size_t n, struct round_held *held)
{
	struct circle_take_result	r;
	size_t				i;

	if (circle_checkin_take(db, o, args, n, &r, &t->err) == -1)
		return tool_fail(t);
	print_take(&r, held != NULL);
	if (held == NULL) {
		print_followups(db, r.opened, r.nopened);
		fflush(stdout);
		print_hooks(t, r.hooks, r.nhooks);
	} else {
		held->opened += r.nopened;
		for (i = 0; i < r.nhooks; i++) {
			held->hooks = circle_xgrow(held->hooks, held->nhooks,
			    sizeof *held->hooks);
			held->hooks[held->nhooks++] = r.hooks[i];
		}
		free(r.hooks);
		r.hooks = NULL;
		r.nhooks = 0;
	}
	circle_take_result_release(&r);
	return 0;
}

/*
 * An answer not written question=answer: how it is, when it is
 * "mood:4", "mood 4" or "mood:" and "4" as two words.
 */
static int
answer_unlike(struct tool *t, const char *arg, const char *next)
{
	size_t	k = strcspn(arg, ": ");

	if (k == 0 || k > 40)
		return tool_error(t, CIRCLE_EUSAGE, "\"%s\": expected "
		    "question=answer", arg);
	if (arg[k + strspn(arg + k, ": ")] != '\0')
		return tool_error(t, CIRCLE_EUSAGE, "\"%s\": expected "
		    "question=answer, such as %.*s=%s", arg, (int)k, arg,
		    arg + k + strspn(arg + k, ": "));
	if (next != NULL && strchr(next, '=') == NULL)
		return tool_error(t, CIRCLE_EUSAGE, "\"%s\" \"%s\": expected "
		    "question=answer, such as %.*s=%s", arg, next, (int)k, arg,
		    next);
	return tool_error(t, CIRCLE_EUSAGE, "\"%s\": expected "
	    "question=answer", arg);
}

/*
 * The answers as typed, with the spaces a shell splits on taken back out
 * of one: "mood = 7", "mood =7" and "mood= 7" are mood=7 (an answer has
 * no '=' of its own before its text, a question's key none at all).  The
 * words are new strings, n of them, for args_free.
 */
static char **
answers_joined(int argc, char **argv, size_t *n)
{
	char	**out;
	int	  i;

	out = circle_xcalloc((size_t)argc + 1, sizeof *out);
	for (i = 0, *n = 0; i < argc; i++) {
		if (strchr(argv[i], '=') == NULL && i + 2 < argc &&
		    strcmp(argv[i + 1], "=") == 0 &&
		    strchr(argv[i + 2], '=') == NULL) {
			circle_xasprintf(&out[(*n)++], "%s=%s", argv[i],
			    argv[i + 2]);
			i += 2;
		} else if (strchr(argv[i], '=') == NULL && i + 1 < argc &&
		    argv[i + 1][0] == '=' && argv[i + 1][1] != '\0') {
			circle_xasprintf(&out[(*n)++], "%s%s", argv[i],
			    argv[i + 1]);
			i++;
		} else if (strchr(argv[i], '=') == argv[i] + strlen(argv[i]) -
		    1 && argv[i][1] != '\0' && i + 1 < argc &&
		    strchr(argv[i + 1], '=') == NULL) {
			circle_xasprintf(&out[(*n)++], "%s%s", argv[i],
			    argv[i + 1]);
			i++;
		} else
			out[(*n)++] = circle_xstrdup(argv[i]);
	}
	return out;
}

/*
 * take with one operand before the answers: a session and nobody, or
 * (the habit) a person and no session.
 */
static int
no_member(struct tool *t, const char *first)
{
	struct circle_db	*db;
	struct circle_err	 e;
	long long		 mid;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_member_resolve(db, first, &mid, &e) == 0)
		return tool_error(t, CIRCLE_EUSAGE, "take: \"%s\" is someone "
		    "on the roster, not a session: give the session first: "
		    "circle checkin take today \"%s\" QUESTION=ANSWER ...",
		    first, first);
	return tool_error(t, CIRCLE_EUSAGE, "take: whose check-in? after the "
	    "session give a member, or --anonymous: circle checkin take "
	    "today NAME QUESTION=ANSWER ...");
}

static int
checkin_take(struct tool *t, int argc, char **argv)
{
	struct circle_take_opts	 o;
	struct circle_survey	*s;
	struct circle_session	 sess;
	struct circle_db	*db;
	struct input		 in = { 0 };
	const char *const	*answers;
	char			**asked, **joined;
	size_t			 nanswers, nasked, k;
	int			 i = 1, anonymous = tool_has(t, 'a'), rc;

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
			return no_member(t, argv[0]);
		o.member = argv[i++];
	}
	/* The rest of the operands are the answers. */
	joined = answers_joined(argc - i, argv + i, &nanswers);
	for (k = 0; k < nanswers; k++)
		if (strchr(joined[k], '=') == NULL) {
			rc = answer_unlike(t, joined[k], k + 1 < nanswers ?
			    joined[k + 1] : NULL);
			args_free(joined, nanswers);
			return rc;
		}
	answers = (const char *const *)joined;
	if ((db = tool_db(t, 0)) == NULL) {
		args_free(joined, nanswers);
		return t->err.code;
	}
	in.tty = isatty(STDIN_FILENO);
	if (nanswers > 0) {
		rc = take_one(t, db, &o, answers, nanswers, NULL);
		args_free(joined, nanswers);
		return rc;
	}
	free(joined);
	if (!tool_has(t, 'A') && !in.tty)
		return tool_error(t, CIRCLE_EUSAGE, "take: no answers; give "
		    "them as QUESTION=ANSWER, or --ask to read them from "
		    "standard input");
	/* Ask: check the session and find the survey before the first. */
	if (circle_checkin_survey(db, &o, &s, &sess, &t->err) == -1)
		return tool_fail(t);
	fprintf(stderr, "%s (%s) for %s at %s %s; Ctrl-D saves nothing\n",
	    s->title, s->key, o.member != NULL ? o.member : "anonymous",
	    sess.group, sess.local_start);
	circle_session_release(&sess);
	in.prog = t->progname;
	input_begin(&in);
	rc = ask_questions(s, 0, &in, &asked, &nasked, &t->err);
	input_end(&in);
	circle_survey_free(s);
	if (rc == 0) {
		args_free(asked, nasked);
		return tool_error(t, CIRCLE_EFAIL, "nothing saved");
	}
	rc = take_one(t, db, &o, (const char *const *)asked, nasked, NULL);
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
answered_already(char *const *handles, size_t n, const char *handle)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(handles[i], handle) == 0)
			return 1;
	return 0;
}

/*
 * --private: clear the terminal, its scrollback too (xterm's E3), so that
 * the next person to hold the laptop sees nothing of the last one's, nor
 * of what was on the screen before the round.
 */
static void
clear_screen(void)
{
	static const char	clear[] = "\033[H\033[2J\033[3J";
	FILE			*fp;

	fflush(stdout);
	fp = isatty(STDERR_FILENO) ? stderr : isatty(STDOUT_FILENO) ?
	    stdout : NULL;
	if (fp != NULL) {
		fputs(clear, fp);
		fflush(fp);
	}
}

/* The people present who are to be asked, and the count of the others. */
struct round_people {
	struct circle_attend_row	*rows;		/* owned */
	size_t				 n;
	char				**done;	/* owned: answered already */
	size_t				 ndone;
	size_t				 there;		/* present */
	size_t				 answered;	/* present, answered */
};

static void
round_people_release(struct round_people *p)
{
	circle_attend_rows_free(p->rows, p->n);
	circle_strv_free(p->done, p->ndone);
	memset(p, 0, sizeof *p);
}

/* Whether row i is asked: present, and not answered unless --again. */
static int
round_asks(const struct round_people *p, size_t i, int again)
{
	return came(&p->rows[i]) && (again ||
	    !answered_already(p->done, p->ndone, p->rows[i].handle));
}

static int
round_people(struct circle_db *db, const char *sid, const char *key,
    struct round_people *p, struct circle_err *e)
{
	struct circle_session	ls;
	size_t			i;
	long long		id;

	memset(p, 0, sizeof *p);
	if (circle_attend_list(db, NULL, sid, &ls, &p->rows, &p->n, e) == -1)
		return -1;
	id = ls.id;
	circle_session_release(&ls);
	if (circle_checkin_answered(db, id, key, &p->done, &p->ndone,
	    e) == -1) {
		round_people_release(p);
		return -1;
	}
	for (i = 0; i < p->n; i++) {
		if (!came(&p->rows[i]))
			continue;
		p->there++;
		p->answered += (size_t)answered_already(p->done, p->ndone,
		    p->rows[i].handle);
	}
	return 0;
}

/* The round's last lines: counts, follow-ups, what the hooks said. */
static void
round_end(struct tool *t, const struct round_people *p, size_t done,
    size_t skipped, int again, struct round_held *held)
{
	size_t	skipped_answered = again ? 0 : p->answered;

	fprintf(stderr, "round: %zu saved, %zu skipped", done, skipped);
	if (skipped_answered > 0)
		fprintf(stderr, ", %zu answered already", skipped_answered);
	if (done + skipped + skipped_answered < p->there)
		fprintf(stderr, ", %zu left", p->there - done - skipped -
		    skipped_answered);
	fputc('\n', stderr);
	if (held->opened > 0)
		fprintf(stderr, "%zu follow-up%s noted for the facilitator: "
		    "see circle checkin followups\n", held->opened,
		    held->opened == 1 ? "" : "s");
	fflush(stdout);
	print_hooks(t, held->hooks, held->nhooks);
	circle_hook_reports_free(held->hooks, held->nhooks);
	held->hooks = NULL;
	held->nhooks = 0;
}

/*
 * Ask one person; 0 to go on, -1 to stop (end of input), else the exit
 * status of a failure.  *saved and *skipped count what happened.
 */
static int
round_one(struct tool *t, struct circle_db *db, struct circle_take_opts *o,
    const struct circle_survey *s, const struct circle_attend_row *row,
    struct input *in, struct round_held *held, size_t *saved,
    size_t *skipped)
{
	char	**asked;
	size_t	  nasked;
	int	  r, rc = 0;

	fprintf(stderr, "\n%s (%s)\n", row->name, row->handle);
	input_begin(in);
	r = ask_questions(s, 1, in, &asked, &nasked, &t->err);
	input_end(in);
	if (r == 0)
		rc = -1;
	else if (r == -1)
		rc = tool_error(t, t->err.code, "%s; the round stops here, "
		    "nothing saved for %s (answers read from a file are not "
		    "asked again)", t->err.msg, row->handle);
	else if (r == 2)
		(*skipped)++;
	else {
		o->member = row->handle;
		rc = take_one(t, db, o, (const char *const *)asked, nasked,
		    held);
		*saved += rc == 0;
	}
	args_free(asked, nasked);
	return rc;
}

/*
 * Whether to clear the screen between people: --private, --no-private,
 * else the config's private (circle-config(5)).  0, or an exit status.
 */
static int
round_private(struct tool *t, int *private)
{
	const char	*v;

	if (tool_has(t, 'p') && tool_has(t, OPT_NO_PRIVATE))
		return tool_error(t, CIRCLE_EUSAGE, "round: --private or "
		    "--no-private, not both");
	if (tool_has(t, 'p') || tool_has(t, OPT_NO_PRIVATE))
		*private = tool_has(t, 'p');
	else
		*private = (v = tool_config(t, "private")) != NULL &&
		    circle_config_bool(v) == 1;
	return 0;
}

static int
checkin_round(struct tool *t, int argc, char **argv)
{
	struct circle_take_opts		 o;
	struct round_people		 p;
	struct round_held		 held = { NULL, 0, 0 };
	struct circle_survey		*s;
	struct circle_session		 sess;
	struct circle_db		*db;
	struct input			 in = { 0 };
	char				 sid[24];
	size_t				 i, done = 0, skipped = 0;
	int				 rc = 0, again = tool_has(t, 'A');
	int				 private = 0;

	if ((rc = round_private(t, &private)) != 0)
		return rc;
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
	if (round_people(db, sid, s->key, &p, &t->err) == -1) {
		circle_survey_free(s);
		circle_session_release(&sess);
		return tool_fail(t);
	}
	/*
	 * Answers from a file or a pipe are read a line each, and a bad one
	 * stops the round: asking again would take the next line, which may
	 * be another question's answer or another person's.
	 */
	in.tty = isatty(STDIN_FILENO);
	in.strict = !in.tty;
	in.prog = t->progname;
	/* Nothing from before (last week's follow-ups) for the room either. */
	if (private && p.there > (again ? 0 : p.answered))
		clear_screen();
	if (p.there > (again ? 0 : p.answered))
		fprintf(stderr, "%s round at %s %s: type skip to pass someone, "
		    "Ctrl-D to stop\n", s->title, sess.group,
		    sess.local_start);
	if (!again && p.answered > 0)
		fprintf(stderr, "%zu of those present answered already and "
		    "%s not asked (--again asks them too)\n", p.answered,
		    p.answered == 1 ? "is" : "are");
	for (i = 0; i < p.n && rc == 0; i++) {
		if (!round_asks(&p, i, again))
			continue;
		rc = round_one(t, db, &o, s, &p.rows[i], &in, &held, &done,
		    &skipped);
		if (private)
			clear_screen();
	}
	if (rc == -1)
		rc = 0;
	if (p.there == 0)
		tool_warn(t, "no one is marked present at %s %s; mark "
		    "attendance first (circle attend mark)", sess.group,
		    sess.local_start);
	else if (p.there == p.answered && !again)
		tool_warn(t, "everyone marked present at %s %s has answered "
		    "%s already; --again asks them again", sess.group,
		    sess.local_start, s->key);
	round_end(t, &p, done, skipped, again, &held);
	round_people_release(&p);
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
	int					 rc;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.survey = tool_opt(t, 's');
	o.session = tool_opt(t, 'S');
	o.map = tool_values(t, 'm', &o.nmap);
	o.anonymous = tool_has(t, 'a');
	o.dry_run = tool_has(t, 'n');
	o.encoding = tool_opt(t, OPT_ENCODING);
	o.date_order = tool_opt(t, OPT_DATE_ORDER);
	o.sheet = tool_opt(t, OPT_SHEET);
	if (o.survey == NULL) {
		tool_error(t, CIRCLE_EUSAGE, "import: which survey? give "
		    "--survey KEY");
		return tool_usage(t);
	}
	o.path = argv[0];
	o.name = strcmp(o.path, "-") == 0 ? "<stdin>" : o.path;
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_checkin_import(db, &o, &r, &t->err) == -1) {
		rc = tool_import_failed(t, r.errors, r.nerrors);
		circle_checkin_import_release(&r);
		return rc;
	}
	tool_notes(t, r.notes, r.nnotes);
	tool_import_columns(t, o.dry_run, r.columns, r.ncolumns);
	tool_say(t, "%s%zu added, %zu replaced, %zu unchanged; %zu follow-up%s "
	    "opened\n", o.dry_run ? "dry run: would be " : "", r.added,
	    r.replaced, r.unchanged, r.nopened, r.nopened == 1 ? "" : "s");
	fflush(stdout);
	print_hooks(t, r.hooks, r.nhooks);
	circle_checkin_import_release(&r);
	return 0;
}

/* The filter of list and followups (--with-closed: followups only). */
static void
filter_from_opts(const struct tool *t, struct circle_checkin_filter *f)
{
	memset(f, 0, sizeof *f);
	f->group = tool_opt(t, 'g');
	f->member = tool_opt(t, 'm');
	f->survey = tool_opt(t, 's');
	f->from = tool_opt(t, 'F');
	f->to = tool_opt(t, 't');
	f->all = tool_has(t, 'c');
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
	/* --all was its name before it meant every group everywhere. */
	f.all |= tool_old_option(t, 'a', "--all", "--with-closed");
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

static void
open_id(void *arg, const char *const *row)
{
	char	**ids = arg;

	circle_xappend(ids, ", ", "%s", row[0]);
}

/*
 * A name given where follow-up ids go (resolve maya, after the call):
 * their open ones, by id, for the facilitator to choose; never all of a
 * person's at once unasked.
 */
static int
not_an_id(struct tool *t, const char *arg)
{
	struct circle_checkin_filter	 f;
	struct circle_db		*db;
	struct circle_err		 e;
	long long			 mid;
	char				*ids = NULL;
	int				 rc;

	memset(&f, 0, sizeof f);
	f.member = arg;
	if (strspn(arg, "0123456789") == strlen(arg) ||
	    (db = tool_db(t, 0)) == NULL ||
	    circle_member_resolve(db, arg, &mid, &e) == -1 ||
	    circle_followup_list(db, &f, open_id, &ids, &e) == -1) {
		free(ids);
		return tool_error(t, CIRCLE_EUSAGE, "\"%s\" is not a "
		    "follow-up id (see circle checkin followups)", arg);
	}
	if (ids == NULL)
		rc = tool_error(t, CIRCLE_EUSAGE, "\"%s\" is someone on the "
		    "roster, with no open follow-up; give a follow-up's id "
		    "(circle checkin followups --with-closed)", arg);
	else
		rc = tool_error(t, CIRCLE_EUSAGE, "\"%s\" is someone on the "
		    "roster; give the ids of the follow-ups you mean: their "
		    "open ones are %s (circle checkin followups --member \"%s\")",
		    arg, ids, arg);
	free(ids);
	return rc;
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
			rc = not_an_id(t, argv[i]);
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

static const struct option survey_list_opts[] = {
	{ "every-version", no_argument, NULL, 'e' },
	OPTION_ALL,		/* deprecated: --every-version */
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
	{ "again", no_argument, NULL, 'A' },
	{ "private", no_argument, NULL, 'p' },
	{ "no-private", no_argument, NULL, OPT_NO_PRIVATE },
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
	OPTION_ENCODING,
	OPTION_DATE_ORDER,
	OPTION_SHEET,
	OPTION_END
};

static const struct option list_opts[] = {
	OPTION_GROUP,
	{ "member", required_argument, NULL, 'm' },
	{ "survey", required_argument, NULL, 's' },
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	OPTION_END
};

static const struct option followups_opts[] = {
	OPTION_GROUP,
	{ "member", required_argument, NULL, 'm' },
	{ "survey", required_argument, NULL, 's' },
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	{ "with-closed", no_argument, NULL, 'c' },
	OPTION_ALL,		/* deprecated: --with-closed */
	OPTION_END
};

static const struct option note_opts[] = {
	{ "note", required_argument, NULL, 'n' },
	{ "notes", required_argument, NULL, 'n' },	/* roster's word */
	OPTION_END
};

static const struct verb verbs[] = {
	{ "survey add", "[--dry-run] FILE.yaml", "add a survey, or update it "
	    "(a new version once it has responses)", survey_add, 0,
	    dry_run_opts, NULL, 1, 1 },
	{ "survey check", "FILE.yaml", "check a survey file, change nothing",
	    survey_check, VERB_NODB, NULL, NULL, 1, 1 },
	{ "survey list", "[--every-version]", "the surveys (with "
	    "--every-version: the older versions too)", survey_list, 0,
	    survey_list_opts, NULL, 0, 0 },
	{ "survey show", "[--version N] KEY", "a survey's questions, score "
	    "and flags", survey_show, 0, show_opts, NULL, 1, 1 },
	{ "take", "[--group G] [--survey KEY | --checkout] [--ask] [--force] "
	    "SESSION MEMBER | --anonymous [QUESTION=ANSWER...]", "record a "
	    "check-in: asked on a terminal, or given as question=answer",
	    checkin_take, 0, take_opts, "g:s:f", 1, VERB_MANY },
	{ "round", "[--group G] [--survey KEY | --checkout] [--again] "
	    "[--private | --no-private] [--force] SESSION", "ask everyone marked present who "
	    "has not answered, in turn", checkin_round,
	    0, round_opts, "g:s:f", 1, 1 },
	{ "import", "--survey KEY [--group G] [--session SESSION] "
	    "[--map COLUMN=QUESTION]... [--anonymous] [--dry-run] "
	    "[--encoding NAME] [--date-order mdy|dmy] [--sheet NAME] FILE",
	    "record a web form's answers (timestamp, name or email, answers)",
	    checkin_import, 0, import_opts, "g:s:m:n", 1, 1 },
	{ "list", "[--group G] [--member M] [--survey KEY] [--from DATE] "
	    "[--to DATE] [--in PERIOD] [SESSION]",
	    "responses and their answers",
	    checkin_list, VERB_BACK, list_opts, "g:m:s:", 0, 1 },
	{ "followups", "[--with-closed] [--group G] [--member M] "
	    "[--survey KEY] [--from DATE] [--to DATE] [--in PERIOD]",
	    "open follow-ups "
	    "(closed ones too with --with-closed)", checkin_followups,
	    VERB_BACK, followups_opts, "g:m:s:",
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
