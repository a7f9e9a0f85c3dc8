/*
 * complete.c: the hidden verb "__complete" that every tool answers for the
 * shell completions (completions/): the words a command line can go on
 * with, read from the verb table itself (verbs, options, and the usage's
 * placeholders: "[--group G]" offers groups, "MEMBER" people, "FILE"
 * files) and, for values, from the database opened read-only.
 *
 * "circle-TOOL __complete WORD... CURRENT" prints one candidate a line,
 * "word" or "word<TAB>what it is", each beginning with CURRENT; the line
 * ":file" asks the shell for file names instead.  It never writes, never
 * creates a database, prints nothing on stderr and exits 0.  A person's
 * handle is offered only where the usage asks for a person.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* How far around today session dates are offered. */
#define COMPLETE_DAYS	62

enum value_kind {
	VALUE_NONE,
	VALUE_WORDS,		/* "active|inactive" */
	VALUE_GROUP,
	VALUE_MEMBER,
	VALUE_SESSION,
	VALUE_DATE,
	VALUE_SURVEY,
	VALUE_TABLE,
	VALUE_FILE
};

/* The usage's placeholders and what they name. */
static const struct {
	const char	*word;
	enum value_kind	 kind;
} placeholders[] = {
	{ "G", VALUE_GROUP }, { "GROUP", VALUE_GROUP },
	{ "M", VALUE_MEMBER }, { "MEMBER", VALUE_MEMBER },
	{ "SESSION", VALUE_SESSION },
	{ "DATE", VALUE_DATE },
	{ "KEY", VALUE_SURVEY },
	{ "TABLE", VALUE_TABLE },
	{ "FILE", VALUE_FILE }, { "FILE.yaml", VALUE_FILE },
	{ "FILE.csv", VALUE_FILE }, { "FILE.ics", VALUE_FILE },
};

struct complete {
	struct tool		*t;
	const char		*cur;		/* the word being completed */
	const char		*lead;		/* before each: "--group=" */
	char			*lead_owned;
	const char		*group;		/* --group given */
	const char		*dbpath;	/* --db given */
	struct circle_db	*db;		/* read-only, or NULL */
	int			 db_tried;
};

/* One candidate, when it begins with the word being completed. */
static void
offer(struct complete *c, const char *word, const char *what)
{
	const char	*p;

	if (word == NULL || *word == '\0' || *word == ':' ||
	    strncmp(word, c->cur, strlen(c->cur)) != 0 ||
	    strpbrk(word, "\t\n ") != NULL)
		return;
	printf("%s%s", c->lead, word);
	if (what != NULL && *what != '\0') {
		putchar('\t');
		for (p = what; *p != '\0'; p++)
			if ((unsigned char)*p >= ' ' && *p != 0x7f)
				putchar(*p);
	}
	putchar('\n');
}

static struct circle_db *
complete_db(struct complete *c)
{
	if (c->db_tried)
		return c->db;
	c->db_tried = 1;
	/* Never created, never migrated, never tightened: only read. */
	c->db = tool_db_peek(c->dbpath, c->t->progname, NULL);
	return c->db;
}

static void
offer_groups(struct complete *c)
{
	struct circle_group	*gs;
	struct circle_err	 e;
	size_t			 n, i;

	if (complete_db(c) == NULL ||
	    circle_group_list(c->db, 0, &gs, &n, &e) == -1)
		return;
	for (i = 0; i < n; i++) {
		offer(c, gs[i].handle, gs[i].name);
		circle_group_release(&gs[i]);
	}
	free(gs);
}

/* Handles only: no names, no contacts. */
static void
offer_members(struct complete *c)
{
	struct circle_roster_filter	 f;
	struct circle_member		*ms;
	struct circle_err		 e;
	size_t				 n, i;

	memset(&f, 0, sizeof f);
	f.group = c->group;
	f.all = 1;
	if (complete_db(c) == NULL ||
	    circle_member_list(c->db, &f, &ms, &n, &e) == -1)
		return;
	for (i = 0; i < n; i++) {
		offer(c, ms[i].handle, NULL);
		circle_member_release(&ms[i]);
	}
	free(ms);
}

static void
offer_surveys(struct complete *c)
{
	struct circle_survey	**ss;
	struct circle_err	  e;
	size_t			  n, i;

	if (complete_db(c) == NULL ||
	    circle_survey_list(c->db, 0, &ss, &n, &e) == -1)
		return;
	for (i = 0; i < n; i++) {
		offer(c, ss[i]->key, ss[i]->title);
		circle_survey_free(ss[i]);
	}
	free(ss);
}

/*
 * next, last, today, and the dates of the sessions a couple of months
 * either side of today (of --group's, when given); a date with two
 * sessions that day is offered with each time as well.
 */
static void
offer_sessions(struct complete *c)
{
	struct circle_session_filter	 f;
	struct circle_session		*ss;
	struct circle_date		 today, d;
	struct circle_err		 e;
	char				 from[11], to[11], what[160];
	size_t				 n, i;
	int				 twice;

	offer(c, "next", "the next session");
	offer(c, "last", "the last one that began");
	offer(c, "today", "today's session");
	if (complete_db(c) == NULL || circle_date_today(&today) == -1)
		return;
	circle_date_add(&today, -COMPLETE_DAYS, &d);
	circle_date_format(&d, from);
	circle_date_add(&today, COMPLETE_DAYS, &d);
	circle_date_format(&d, to);
	memset(&f, 0, sizeof f);
	f.group = c->group;
	f.from = from;
	f.to = to;
	if (circle_session_list(c->db, &f, &ss, &n, &e) == -1)
		return;
	for (i = 0; i < n; i++) {
		twice = (i > 0 && strncmp(ss[i - 1].local_start,
		    ss[i].local_start, 10) == 0) || (i + 1 < n &&
		    strncmp(ss[i + 1].local_start, ss[i].local_start, 10) == 0);
		snprintf(what, sizeof what, "%s %s", ss[i].group,
		    ss[i].local_start + 11);
		if (i == 0 || strncmp(ss[i - 1].local_start, ss[i].local_start,
		    10) != 0) {
			snprintf(from, sizeof from, "%.10s", ss[i].local_start);
			offer(c, from, twice ? NULL : what);
		}
		if (twice)
			offer(c, ss[i].local_start, what);
	}
	for (i = 0; i < n; i++)
		circle_session_release(&ss[i]);
	free(ss);
}

static void
offer_tables(struct complete *c)
{
	const char	*name;
	size_t		 i;

	for (i = 0; (name = circle_export_table(i)) != NULL; i++)
		offer(c, name, NULL);
}

/* "a|b|c" one by one. */
static void
offer_words(struct complete *c, const char *words)
{
	char	*copy, *w, *save;

	copy = circle_xstrdup(words);
	for (w = strtok_r(copy, "|", &save); w != NULL;
	    w = strtok_r(NULL, "|", &save))
		offer(c, w, NULL);
	free(copy);
}

static enum value_kind
kind_of(const char *ph)
{
	size_t	i;

	if (strchr(ph, '|') != NULL)
		return VALUE_WORDS;
	for (i = 0; i < sizeof placeholders / sizeof placeholders[0]; i++)
		if (strcmp(placeholders[i].word, ph) == 0)
			return placeholders[i].kind;
	return VALUE_NONE;
}

static void
offer_values(struct complete *c, const char *ph)
{
	switch (kind_of(ph)) {
	case VALUE_WORDS:
		offer_words(c, ph);
		break;
	case VALUE_GROUP:
		offer_groups(c);
		break;
	case VALUE_MEMBER:
		offer_members(c);
		break;
	case VALUE_SESSION:
		offer_sessions(c);
		break;
	case VALUE_DATE:
		offer(c, "today", NULL);
		break;
	case VALUE_SURVEY:
		offer_surveys(c);
		break;
	case VALUE_TABLE:
		offer_tables(c);
		break;
	case VALUE_FILE:
		puts(":file");
		break;
	case VALUE_NONE:
		break;
	}
}

/*
 * The next word of a usage from *p, brackets, commas and "..." taken off,
 * in buf; *rep is 1 when it ended in "...".  0 at the end.
 */
static int
usage_word(const char **p, char *buf, size_t len, int *rep)
{
	const char	*s = *p, *e;
	size_t		 n;

	s += strspn(s, " ");
	if (*s == '\0')
		return 0;
	e = s + strcspn(s, " ");
	*p = e;
	n = (size_t)(e - s);
	*rep = n >= 3 && strncmp(e - 3, "...", 3) == 0;
	while (n > 0 && strchr("[(", *s) != NULL)
		s++, n--;
	while (n > 0 && strchr("]),.", s[n - 1]) != NULL)
		n--;
	snprintf(buf, len, "%.*s", (int)n, s);
	return 1;
}

/* Does the usage word w ("--group", "-o") name option o? */
static int
names_option(const char *w, const struct option *o)
{
	if (strncmp(w, "--", 2) == 0)
		return strcmp(w + 2, o->name) == 0;
	return w[0] == '-' && w[1] != '\0' && w[2] == '\0' &&
	    o->val == (unsigned char)w[1];
}

/* The placeholder after option o in a usage, in buf; -1 when none. */
static int
usage_value(const char *usage, const struct option *o, char *buf,
    size_t len)
{
	char	w[128];
	int	rep, found = 0;

	while (usage_word(&usage, w, sizeof w, &rep)) {
		if (found) {
			snprintf(buf, len, "%s", w);
			return w[0] != '-' ? 0 : -1;
		}
		found = names_option(w, o);
	}
	return -1;
}

/* The option a command-line word names (--name, --name=V, -x): NULL if
 * none of opts. */
static const struct option *
word_option(const char *w, const struct option *opts, size_t nopts,
    const char *shortopts)
{
	size_t	i, l;

	for (i = 0; opts != NULL && i < nopts && opts[i].name != NULL; i++) {
		l = strlen(opts[i].name);
		if (strncmp(w, "--", 2) == 0 &&
		    strncmp(w + 2, opts[i].name, l) == 0 &&
		    (w[l + 2] == '\0' || w[l + 2] == '='))
			return &opts[i];
		if (w[0] == '-' && w[1] != '-' && shortopts != NULL &&
		    opts[i].val < 0x80 && w[1] == opts[i].val &&
		    strchr(shortopts, w[1]) != NULL)
			return &opts[i];
	}
	return NULL;
}

/* Which option of the verb, or the common ones, the word names. */
static const struct option *
find_option(const struct verb *v, const char *w)
{
	const struct option	*common, *o;
	size_t			 ncommon;

	common = tool_common_options(&ncommon);
	if (v != NULL && (o = word_option(w, v->opts, (size_t)-1,
	    v->shortopts)) != NULL)
		return o;
	return word_option(w, common, ncommon, NULL);
}

/* Does the word carry its option's value ("--group=wed", "-gwed")? */
static int
value_attached(const char *w)
{
	if (strncmp(w, "--", 2) == 0)
		return strchr(w, '=') != NULL;
	return w[1] != '\0' && w[2] != '\0';
}

/*
 * An option's values: by the placeholder its verb's usage gives it, or,
 * when that one says nothing ("--role ROLE"), by another verb's of the
 * same tool ("--role member|facilitator|guest").
 */
static void
complete_value(struct complete *c, const struct verb *v,
    const struct option *o)
{
	const struct verb	*w;
	char			 ph[128];

	if (v != NULL && usage_value(v->usage, o, ph, sizeof ph) == 0 &&
	    kind_of(ph) != VALUE_NONE) {
		offer_values(c, ph);
		return;
	}
	for (w = c->t->verbs; v != NULL && w->name != NULL; w++)
		if (usage_value(w->usage, o, ph, sizeof ph) == 0 &&
		    kind_of(ph) != VALUE_NONE) {
			offer_values(c, ph);
			return;
		}
	if (usage_value(tool_common_help, o, ph, sizeof ph) == 0)
		offer_values(c, ph);
}

/* The usage's placeholder for operand i (from 0), in buf; -1 if none. */
int
tool_usage_operand(const struct verb *v, int i, char *buf, size_t len)
{
	const struct option	*o;
	const char		*p = v->usage;
	char			 w[128];
	int			 rep, n = 0, skip = 0;

	while (usage_word(&p, w, sizeof w, &rep)) {
		if (skip || w[0] == '\0' || strcmp(w, "|") == 0) {
			skip = 0;
			continue;
		}
		if (w[0] == '-') {
			o = find_option(v, w);
			skip = o != NULL && o->has_arg == required_argument;
			continue;
		}
		if (n == i || (rep && n < i)) {
			snprintf(buf, len, "%s", w);
			return 0;
		}
		n++;
	}
	return -1;
}

/* Does the usage name the option ("--all", not "--all-versions")? */
static int
usage_names(const char *usage, const char *opt)
{
	const char	*p;
	size_t		 l = strlen(opt);

	for (p = usage; (p = strstr(p, opt)) != NULL; p += l)
		if (strchr(" =]|", p[l]) != NULL)
			return 1;
	return 0;
}

static void
offer_options(struct complete *c, const struct verb *v)
{
	const struct option	*common;
	char			 w[128];
	size_t			 ncommon, i;

	for (i = 0; v != NULL && v->opts != NULL && v->opts[i].name != NULL;
	    i++) {
		snprintf(w, sizeof w, "--%s", v->opts[i].name);
		/* One the usage does not name is an old name: not offered. */
		if (usage_names(v->usage, w))
			offer(c, w, NULL);
	}
	common = tool_common_options(&ncommon);
	for (i = 0; i < ncommon; i++) {
		snprintf(w, sizeof w, "--%s", common[i].name);
		offer(c, w, NULL);
	}
}

static const struct verb *
verb_named(const struct tool *t, const char *name)
{
	const struct verb	*v;

	for (v = t->verbs; v->name != NULL; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

/* The verbs' first words, or with first, the second words after it. */
static void
offer_verbs(struct complete *c, const char *first)
{
	const struct verb	*v, *u;
	const char		*sp;
	char			 w[64];
	size_t			 l = first != NULL ? strlen(first) : 0;

	for (v = c->t->verbs; v->name != NULL; v++) {
		sp = strchr(v->name, ' ');
		if (first != NULL) {
			if (sp != NULL && (size_t)(sp - v->name) == l &&
			    strncmp(v->name, first, l) == 0)
				offer(c, sp + 1, v->summary);
			continue;
		}
		snprintf(w, sizeof w, "%.*s", sp != NULL ?
		    (int)(sp - v->name) : (int)strlen(v->name), v->name);
		for (u = c->t->verbs; u != v; u++)
			if (strncmp(u->name, w, strlen(w)) == 0 &&
			    (u->name[strlen(w)] == '\0' ||
			    u->name[strlen(w)] == ' '))
				break;
		if (u == v)
			offer(c, w, sp != NULL ? NULL : v->summary);
	}
}

/*
 * Note what a given option tells the completion (which database, which
 * group); returns 1 when the next word is its value.
 */
static int
note_option(struct complete *c, const struct option *o, const char *w,
    const char *next)
{
	const char	*val = NULL;
	int		 takes = 0;

	if (o == NULL || o->has_arg != required_argument)
		return 0;
	if (value_attached(w))
		val = strncmp(w, "--", 2) == 0 ? strchr(w, '=') + 1 : w + 2;
	else
		val = next, takes = 1;
	if (strcmp(o->name, "db") == 0)
		c->dbpath = val;
	else if (strcmp(o->name, "group") == 0)
		c->group = val;
	return takes;
}

/* Complete the last of the words after the verb's. */
static void
complete_args(struct complete *c, const struct verb *v, int argc,
    char **argv)
{
	const struct option	*o;
	char			 ph[128], *eq;
	int			 i, nops = 0, dashdash = 0;

	for (i = 0; i < argc - 1; i++) {
		if (!dashdash && strcmp(argv[i], "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (dashdash || argv[i][0] != '-' || argv[i][1] == '\0') {
			nops++;
			continue;
		}
		o = find_option(v, argv[i]);
		if (note_option(c, o, argv[i], argv[i + 1])) {
			if (i + 1 == argc - 1) {
				complete_value(c, v, o);
				return;
			}
			i++;
		}
	}
	if (!dashdash && strncmp(c->cur, "--", 2) == 0 &&
	    (eq = strchr(c->cur, '=')) != NULL) {
		if ((o = find_option(v, c->cur)) == NULL)
			return;
		c->lead = c->lead_owned = circle_xstrndup(c->cur,
		    (size_t)(eq - c->cur + 1));
		c->cur = eq + 1;
		complete_value(c, v, o);
		return;
	}
	if (!dashdash && c->cur[0] == '-') {
		offer_options(c, v);
		return;
	}
	if (v != NULL && tool_usage_operand(v, nops, ph, sizeof ph) == 0)
		offer_values(c, ph);
}

/* "circle-TOOL __complete WORD..."; argv holds the words after TOOL. */
int
tool_complete(struct tool *t, int argc, char **argv)
{
	static char		*none[] = { "" };
	struct complete		 c;
	const struct verb	*v;
	char			 two[128];
	int			 i = 0;

	if (argc == 0) {
		argc = 1;
		argv = none;
	}
	memset(&c, 0, sizeof c);
	c.t = t;
	c.lead = "";
	c.cur = argv[argc - 1];
	/* Common options before the verb. */
	while (i < argc - 1 && argv[i][0] == '-')
		if (note_option(&c, find_option(NULL, argv[i]), argv[i],
		    argv[i + 1])) {
			if (i + 1 == argc - 1) {
				complete_args(&c, NULL, argc - i, argv + i);
				goto out;
			}
			i += 2;
		} else
			i++;
	if (i == argc - 1) {
		if (c.cur[0] == '-')
			complete_args(&c, NULL, 1, argv + i);
		else
			offer_verbs(&c, NULL);
		goto out;
	}
	if ((v = verb_named(t, argv[i])) == NULL) {
		if (i + 1 == argc - 1) {
			offer_verbs(&c, argv[i]);
			goto out;
		}
		snprintf(two, sizeof two, "%s %s", argv[i], argv[i + 1]);
		if ((v = verb_named(t, two)) == NULL)
			goto out;
		i++;
	}
	i++;
	complete_args(&c, v, argc - i, argv + i);
out:
	free(c.lead_owned);
	circle_db_close(c.db);
	return fflush(stdout) == 0 ? 0 : CIRCLE_EIO;
}
