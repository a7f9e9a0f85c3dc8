/*
 * circle-session: the meetings: plan a recurring series, add a one-off,
 * list, show, edit, cancel and move them, print the facilitator's prep
 * sheet for one, and import them from a calendar file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "tool.h"

static const struct circle_col list_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "group", CIRCLE_COL_TEXT },
	{ "date", CIRCLE_COL_WHOLE }, { "start", CIRCLE_COL_WHOLE },
	{ "end", CIRCLE_COL_SPARE }, { "status", CIRCLE_COL_TEXT },
	{ "topic", CIRCLE_COL_TEXT }, { "location", CIRCLE_COL_TEXT },
};

static const struct circle_col show_cols[] = {
	{ "id", CIRCLE_COL_INT }, { "group", CIRCLE_COL_TEXT },
	{ "date", CIRCLE_COL_TEXT }, { "start", CIRCLE_COL_TEXT },
	{ "end", CIRCLE_COL_TEXT }, { "tz", CIRCLE_COL_TEXT },
	{ "duration", CIRCLE_COL_INT }, { "status", CIRCLE_COL_TEXT },
	{ "cancel_reason", CIRCLE_COL_TEXT }, { "topic", CIRCLE_COL_TEXT },
	{ "location", CIRCLE_COL_TEXT }, { "online_url", CIRCLE_COL_TEXT },
	{ "series", CIRCLE_COL_INT }, { "moved_from", CIRCLE_COL_TEXT },
	{ "headcount", CIRCLE_COL_INT }, { "notes", CIRCLE_COL_TEXT },
	{ "starts_at", CIRCLE_COL_TEXT }, { "ends_at", CIRCLE_COL_TEXT },
	{ "sequence", CIRCLE_COL_INT }, { "uid", CIRCLE_COL_TEXT },
};

/* A session's values as list_cols; id and date hold the numbers. */
static void
list_values(const struct circle_session *s, const char **v, char id[24],
    char date[11])
{
	snprintf(id, 24, "%lld", s->id);
	snprintf(date, 11, "%.10s", s->local_start);
	v[0] = id;
	v[1] = s->group;
	v[2] = date;
	v[3] = s->local_start + 11;
	v[4] = s->local_end;
	v[5] = s->status;
	v[6] = s->topic;
	v[7] = s->location;
}

/* Values for one session, as show_cols; bufs hold the numbers. */
static void
session_values(const struct circle_session *s, const char **v,
    char bufs[6][32], char moved[17])
{
	snprintf(bufs[0], 32, "%lld", s->id);
	snprintf(bufs[1], 32, "%.10s", s->local_start);
	snprintf(bufs[2], 32, "%d", s->duration);
	snprintf(bufs[3], 32, "%lld", s->series_id);
	snprintf(bufs[4], 32, "%lld", s->headcount);
	snprintf(bufs[5], 32, "%d", s->sequence);
	moved[0] = '\0';
	if (s->moved && circle_utc_to_local(s->recurrence_id, s->tzid,
	    moved) == 0)
		moved[10] = ' ';
	v[0] = bufs[0];
	v[1] = s->group;
	v[2] = bufs[1];
	v[3] = s->local_start + 11;
	v[4] = s->local_end;
	v[5] = s->tzid;
	v[6] = bufs[2];
	v[7] = s->status;
	v[8] = s->cancel_reason;
	v[9] = s->topic;
	v[10] = s->location;
	v[11] = s->online_url;
	v[12] = s->series_id != 0 ? bufs[3] : NULL;
	v[13] = moved[0] != '\0' ? moved : NULL;
	v[14] = s->headcount >= 0 ? bufs[4] : NULL;
	v[15] = s->notes;
	v[16] = s->starts_at;
	v[17] = s->ends_at;
	v[18] = bufs[5];
	v[19] = s->uid;
}

/* plan's --dry-run: -n is --name there. */
#define OPT_PLAN_DRY_RUN	0x80
/* move's old --all (now --whole-series). */
#define OPT_OLD_ALL		0x81

/*
 * A time given with its end (7pm-9pm, "wed 7-9pm") and --for how long it
 * lasts: the one message of it, for add, plan and move.
 */
static int
ends_and_for(struct tool *t, const char *at)
{
	return tool_error(t, CIRCLE_EUSAGE, "%s: \"%s\" says when it ends, "
	    "and --for how long it lasts: give one", t->verb->name, at);
}

/*
 * A time given with its end (--at 7pm-9pm, add wed 19:00-21:00:
 * circle_clock_range): its start in hm as *at and its length in len as
 * *length, where --for gives none.  on names a series' days (plan's
 * --on), NULL for one session.  0, or the exit status of an error said;
 * *at is left alone when it is one time.
 */
static int
time_range(struct tool *t, const char *on, const char **at,
    const char **length, char hm[6], char len[16])
{
	int	h, m, minutes;

	if (*at == NULL)
		return 0;
	switch (circle_clock_range_check(*at, on, &h, &m, &minutes,
	    &t->err)) {
	case 1:
		return 0;
	case -1:
		circle_err_prefix(&t->err, "at");
		return tool_fail(t);
	}
	if (*length != NULL)
		return ends_and_for(t, *at);
	snprintf(hm, 6, "%02d:%02d", h, m);
	snprintf(len, 16, "%d", minutes);
	*at = hm;
	*length = len;
	return 0;
}

static int
session_plan(struct tool *t, int argc, char **argv)
{
	struct circle_schedule		 s;
	struct circle_plan_result	 r;
	struct circle_overlap		 o;
	struct circle_db		*db;
	struct circle_err		 e;
	const char			*need = NULL;
	char				 hm[6], len[16], every[256], on[256];
	int				 rc;

	memset(&s, 0, sizeof s);
	s.key = tool_opt(t, 'n');
	s.every = tool_opt(t, 'e');
	s.on = tool_opt(t, 'o');
	/* --every vendredi, --on "lun., jeu.": the locale's weekdays */
	if (s.every != NULL && circle_weekdays_english(s.every, every,
	    sizeof every))
		s.every = every;
	if (s.on != NULL && circle_weekdays_english(s.on, on, sizeof on))
		s.on = on;
	s.rrule = tool_opt(t, 'r');
	s.at = tool_opt(t, 'a');
	s.duration = tool_opt(t, 'f');
	s.from = tool_opt(t, 'F');
	s.until = tool_opt(t, 'u');
	s.count = tool_opt(t, 'c');
	s.through = tool_opt(t, 't');
	s.location = tool_opt(t, 'l');
	s.topic = tool_opt(t, 'T');
	s.except = tool_values(t, 'x', &s.nexcept);
	s.dry_run = tool_has(t, OPT_PLAN_DRY_RUN);
	/* What the usage says a plan needs: asked for, as a usage error. */
	if (s.every == NULL && s.rrule == NULL)
		need = "how often? give --every (week, 2 weeks, month), or "
		    "--rrule RULE";
	else if (s.at == NULL)
		need = "at what time? give --at HH:MM";
	else if (s.from == NULL)
		need = "from when? give --from DATE, the day of the first "
		    "session";
	if (need != NULL) {
		tool_error(t, CIRCLE_EUSAGE, "plan: %s", need);
		return tool_usage(t);
	}
	if ((rc = time_range(t, "--on", &s.at, &s.duration, hm, len)) != 0)
		return rc;
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_series_plan(db, tool_opt(t, 'g'), &s, &r, &t->err) == -1)
		return tool_fail(t);
	tool_say(t, "%s%zu added, %zu moved, %zu removed; %zu session%s",
	    s.dry_run ? "dry run: would be " : "", r.added, r.updated,
	    r.removed, r.total, r.total == 1 ? "" : "s");
	if (r.total > 0)
		tool_say(t, " from %.10s to %.10s at %s", r.first, r.last, r.at);
	tool_say(t, "\n");
	tool_wall(t, &r.wall);
	if (r.short_months[0] != '\0')
		tool_warn(t, "note: no %d%s in %s: no session then, as "
		    "calendars skip it too (on each month's last day instead: "
		    "--on \"last day\")", r.short_day,
		    circle_ordinal_suffix(r.short_day), r.short_months);
	/* The same plan at a new time, without its name: a second series. */
	if (!s.dry_run && s.key == NULL && circle_series_overlaps(db,
	    r.series_id, &o, &e) == 0 && o.clashing > 0)
		tool_warn(t, "warning: %zu of its sessions %s held at the same "
		    "time as another of the group's, the first with %s (to "
		    "move that series instead: circle undo, then circle "
		    "session move --following --at %s %s)", o.clashing,
		    o.clashing == 1 ? "is" : "are", o.first, r.at, o.first);
	return 0;
}

/*
 * A length said after the day and time, as --for would give it ("tomorrow
 * 7pm for 2 hours", "fri 19:00 for an hour and a half"): the words after
 * the last " for ", when they are a length, in *minutes, and what is
 * before them returned (the caller's to free); else NULL.
 */
static const char *
for_said(const char *s)
{
	const char	*p, *last = NULL;

	for (p = s; *p != '\0'; p++)
		if (strncasecmp(p, " for ", 5) == 0)
			last = p;
	return last;
}

static char *
said_for(const char *s, int *minutes)
{
	const char	*last = for_said(s);

	if (last == NULL || circle_length_parse(last + 5, minutes) != 0)
		return NULL;
	return circle_xstrndup(s, (size_t)(last - s));
}

/*
 * A phrase not read whose words before its last " for " are a day and a
 * time ("fri 7pm for a while"): the length is what is wrong, said (-1).
 */
static int
for_wrong(struct tool *t, const char *s)
{
	struct circle_err	 ignored;
	const char		*p = for_said(s);
	char			*head, *day = NULL;
	int			 h, m, len, minutes, rc;

	if (p == NULL)
		return 0;
	head = circle_xstrndup(s, (size_t)(p - s));
	rc = circle_day_span_read(head, &day, &h, &m, &len, &ignored);
	free(head);
	free(day);
	if (rc != 1)
		return 0;
	return circle_length_check("for", p + 5, &minutes, &t->err);
}

/*
 * add's one argument that is a day, then a last word that is no part of
 * it (with "at" before it when at): the day's text (the caller frees), or
 * NULL when s is not that ("dec 7" and "dec 1 2026" are days whole).
 */
static char *
day_then(const char *s, const char *word, int at)
{
	struct circle_err	 e;
	char			 iso[11], *day;
	size_t			 n = (size_t)(word - s);

	if (circle_day_iso(NULL, s, NULL, CIRCLE_DAY_ONE, 0, iso, &e) == 0)
		return NULL;
	if (at && n > 3 && strncasecmp(word - 3, " at", 3) == 0)
		n -= 3;
	day = circle_xstrndup(s, n);
	if (circle_day_iso(NULL, day, NULL, CIRCLE_DAY_ONE, 0, iso, &e) == 0)
		return day;
	free(day);
	return NULL;
}

/*
 * add's one argument without a time that is a day and an hour of the
 * 12-hour clock ("tomorrow 7", "fri 7"; not "dec 7", a day): the hour is
 * two times, as "at 7" is; said, with what to write (-1), or 0 when s is
 * not that.  An hour of the 24-hour clock ("fri 19") is lib's time.
 */
static int
hour_alone(struct tool *t, const char *s)
{
	const char	*p = strrchr(s, ' ');
	char		*day;
	int		 h, m;

	if (p == NULL || strspn(p + 1, "0123456789") != strlen(p + 1) ||
	    circle_clock_hour(p + 1, &h, &m) != 1 ||
	    (day = day_then(s, p, 0)) == NULL)
		return 0;
	circle_err_set(&t->err, CIRCLE_EDATA, "date: \"%s\": %d is "
	    "%02d:00 or %02d:00: add am or pm (\"%s at %dpm\"), or "
	    "write \"%s %02d:00\"", s, h == 0 ? 12 : h, h, h + 12, day,
	    h == 0 ? 12 : h, day, h + 12);
	free(day);
	return -1;
}

/*
 * add's one argument ending in four digits after a day, as a 24-hour
 * clock is read aloud ("tomorrow 1900", "fri at 1930"; not "dec 1 2026",
 * a day whose year they are): the time with its colon is what to write
 * (-1), or 0 when s is not that.  Two arguments take 1900 as 19:00.
 */
static int
four_digits(struct tool *t, const char *s)
{
	const char	*p = strrchr(s, ' ');
	char		*day;
	int		 h, m;

	if (p == NULL || strlen(p + 1) != 4 ||
	    strspn(p + 1, "0123456789") != 4 ||
	    circle_clock_read(p + 1, &h, &m) == -1 ||
	    (day = day_then(s, p, 1)) == NULL)
		return 0;
	circle_err_set(&t->err, CIRCLE_EDATA, "date: \"%s\": write %s as "
	    "%02d:%02d (\"%s %02d:%02d\")", s, p + 1, h, m, day, h, m);
	free(day);
	return -1;
}

static int
session_add_when(struct tool *t, int argc, char **argv)
{
	struct circle_session_set	 set;
	struct circle_session		 s;
	struct circle_overlap		 o;
	struct circle_wall		 wall;
	struct circle_db		*db;
	struct circle_err		 e;
	const char			*date, *time, *length, *phrase;
	char				*day, *said, hm[6], iso[11], lenbuf[16];
	int				 h, m, rc, len = 0, saidlen = 0;

	memset(&set, 0, sizeof set);
	set.location = tool_opt(t, 'l');
	set.topic = tool_opt(t, 'T');
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	day = NULL;
	said = argc == 1 ? said_for(argv[0], &saidlen) : NULL;
	phrase = said != NULL ? said : argv[0];
	if (said != NULL && tool_opt(t, 'f') != NULL) {
		free(said);
		return tool_error(t, CIRCLE_EUSAGE, "add: \"%s\" says how long "
		    "it lasts, and so does --for: give one", argv[0]);
	}
	/* "in half an hour": a day and a time from now, where the group is. */
	if (argc == 1 && (rc = tool_from_now(t, phrase, iso, hm)) != 1) {
		if (rc == -1) {
			free(said);
			return tool_fail(t);
		}
		date = iso;
		time = hm;
	} else if (argc == 1) {
		/* "tomorrow 7pm", "2026-12-09T19:00": the day and the time. */
		switch (circle_day_span_read(phrase, &day, &h, &m, &len,
		    &t->err)) {
		case 0:
			free(said);
			if (for_wrong(t, argv[0]) == -1 ||
			    hour_alone(t, argv[0]) == -1 ||
			    four_digits(t, argv[0]) == -1)
				return tool_fail(t);
			return tool_error(t, CIRCLE_EUSAGE, "add: \"%s\": give "
			    "the day and the time (wed 19:00, \"tomorrow "
			    "7pm\", \"in half an hour\")", argv[0]);
		case -1:
			free(day);
			free(said);
			circle_err_prefix(&t->err, "date");
			return tool_fail(t);
		}
		if (said != NULL && len > 0) {
			free(day);
			free(said);
			return tool_error(t, CIRCLE_EUSAGE, "add: \"%s\" says "
			    "when it ends and how long it lasts: give one",
			    argv[0]);
		}
		date = tool_date(t, day, "date");
		snprintf(hm, sizeof hm, "%02d:%02d", h, m);
		time = hm;
	} else {
		date = tool_date(t, argv[0], "date");
		time = argv[1];
	}
	if (said != NULL) {
		len = saidlen;
		free(said);
	} else
		set.wall_end = len;	/* the length from its end said */
	length = tool_opt(t, 'f');
	if (len > 0 && length != NULL) {
		free(day);
		return ends_and_for(t, argv[0]);
	}
	if (len > 0) {
		snprintf(lenbuf, sizeof lenbuf, "%d", len);
		length = lenbuf;
	} else if (argc == 2 && (rc = time_range(t, NULL, &time, &length, hm,
	    lenbuf)) != 0)
		return rc;
	else if (argc == 2 && time == hm)
		set.wall_end = atoi(lenbuf);
	/* date may be day itself (YYYY-MM-DD is passed on as it is). */
	if (date == NULL || circle_session_add(db, tool_opt(t, 'g'), date,
	    time, length, &set, &s, &wall, &t->err) == -1) {
		free(day);
		return tool_fail(t);
	}
	free(day);
	printf("%lld %s %s\n", s.id, s.group, s.local_start);
	tool_wall(t, &wall);
	/* Two sessions at once is most often one added twice. */
	if (circle_session_overlaps(db, &s.id, 1, &o, &e) == 0 &&
	    o.clashing > 0)
		tool_warn(t, "warning: it is held at the same time as %s %s%s "
		    "(added twice? 'circle undo' takes this one back)", s.group,
		    o.first, o.n > 1 ? " and others" : "");
	circle_session_release(&s);
	return 0;
}

/* Two words read as one phrase: a day and a time, or no day alone. */
static int
one_phrase(const char *both, const char *first)
{
	struct circle_err	 e;
	char			*day = NULL, iso[11];
	int			 h, m, len, rc;

	circle_err_clear(&e);
	rc = circle_day_span_read(both, &day, &h, &m, &len, &e);
	free(day);
	if (rc == 1)
		return 1;
	circle_err_clear(&e);
	return circle_day_iso("date", first, NULL, CIRCLE_DAY_ONE, 0, iso,
	    &e) == -1;
}

/*
 * The words of a day and time typed without quotes (next tuesday 7pm,
 * dec 22 6pm, in 2 weeks 7pm) are one phrase, as in quotes.  Two words
 * stay a day and a time (2026-12-09 19:00-20:30, 2026-12-09 "seven
 * thirty") unless the second has no digit and the two are read as one
 * (tomorrow noon) or the first is no day (next friday: said as one).
 */
static int
session_add(struct tool *t, int argc, char **argv)
{
	char	*joined = NULL, *one[2];
	int	 i, rc;

	if (argc == 1 || (argc == 2 && strpbrk(argv[1], "0123456789") !=
	    NULL))
		return session_add_when(t, argc, argv);
	for (i = 0; i < argc; i++)
		circle_xappend(&joined, " ", "%s", argv[i]);
	if (argc == 2 && !one_phrase(joined, argv[0])) {
		free(joined);
		return session_add_when(t, argc, argv);
	}
	one[0] = joined;
	one[1] = NULL;
	rc = session_add_when(t, 1, one);
	free(joined);
	return rc;
}

/*
 * The columns of a list: the group's local times always; JSON also the
 * online link, the zone and the UTC instants; CSV the link, a table and
 * Markdown "yes" (the link is long), only when a session has one; TSV
 * keeps its eight columns for scripts; where my zone differs from a
 * session's, a table and JSON also the start in mine ("here").
 */
static size_t
list_columns(struct tool *t, const struct circle_session *ss, size_t n,
    struct circle_col *cols, const char **mine)
{
	/* A narrow table leaves out the zones' names (then list_cols'
	 * end), and never cuts a date or a time. */
	static const struct circle_col	 more[] = {
		{ "tz", CIRCLE_COL_SPARE }, { "starts_at", CIRCLE_COL_TEXT },
		{ "ends_at", CIRCLE_COL_TEXT }, { "here", CIRCLE_COL_WHOLE },
		{ "here_tz", CIRCLE_COL_SPARE }, { "online", CIRCLE_COL_TEXT },
		{ "online_url", CIRCLE_COL_TEXT },
	};
	enum circle_format	 f = tool_format(t);
	size_t			 nc = 8, i;
	int			 json, human, differs = 0, online = 0;

	memcpy(cols, list_cols, sizeof list_cols);
	json = f == CIRCLE_FMT_JSON || f == CIRCLE_FMT_JSONL;
	human = f == CIRCLE_FMT_TABLE || f == CIRCLE_FMT_MD;
	*mine = tool_my_zone(t);
	for (i = 0; i < n; i++) {
		if (*mine != NULL)
			differs |= strcmp(ss[i].tzid, *mine) != 0;
		online |= ss[i].online_url != NULL;
	}
	if (json || (online && f != CIRCLE_FMT_TSV))
		cols[nc++] = more[human ? 5 : 6];
	if (json) {
		memcpy(cols + nc, more, 3 * sizeof more[0]);
		nc += 3;
	}
	if (*mine != NULL && (json || (differs && f == CIRCLE_FMT_TABLE))) {
		if (!json)
			cols[nc++] = more[0];
		cols[nc++] = more[3];
		cols[nc++] = more[4];
	} else
		*mine = NULL;
	return nc;
}

static int
session_list(struct tool *t, int argc, char **argv)
{
	struct circle_session_filter	 f;
	struct circle_session		*ss;
	struct circle_col		 cols[14];
	struct circle_out		*o;
	struct circle_db		*db;
	const char			*v[14], *mine;
	char				 id[24], date[11], here[17];
	size_t				 n, i, nc, k;

	memset(&f, 0, sizeof f);
	f.group = tool_opt(t, 'g');
	f.upcoming = tool_has(t, 'U');
	f.past = tool_has(t, 'P');
	f.unrecorded = tool_has(t, 'R');
	f.from = tool_opt(t, 'F');
	f.to = tool_opt(t, 't');
	f.cancelled = tool_has(t, 'C');
	if (f.upcoming + f.past + f.unrecorded > 1)
		return tool_error(t, CIRCLE_EUSAGE, "list: give one of "
		    "--upcoming, --past or --unrecorded");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_list(db, &f, &ss, &n, &t->err) == -1)
		return tool_fail(t);
	nc = list_columns(t, ss, n, cols, &mine);
	o = tool_out(t, cols, nc);
	for (i = 0; i < n; i++) {
		list_values(&ss[i], v, id, date);
		for (k = 8; k < nc; k++) {
			if (strcmp(cols[k].name, "tz") == 0)
				v[k] = ss[i].tzid;
			else if (strcmp(cols[k].name, "starts_at") == 0)
				v[k] = ss[i].starts_at;
			else if (strcmp(cols[k].name, "ends_at") == 0)
				v[k] = ss[i].ends_at;
			else if (strcmp(cols[k].name, "online_url") == 0)
				v[k] = ss[i].online_url;
			else if (strcmp(cols[k].name, "online") == 0)
				v[k] = ss[i].online_url != NULL ? "yes" : NULL;
			else if (strcmp(cols[k].name, "here") == 0)
				v[k] = circle_here(ss[i].starts_at, mine,
				    ss[i].local_start, here) == 0 ? here : NULL;
			else
				v[k] = mine;
		}
		circle_out_row(o, v);
		circle_session_release(&ss[i]);
	}
	free(ss);
	return tool_finish(t, o);
}

static int
session_search(struct tool *t, int argc, char **argv)
{
	static const struct circle_col found_col = {
		"found in", CIRCLE_COL_TEXT
	};
	struct circle_col	 cols[9];
	struct circle_session	*ss;
	struct circle_out	*o;
	struct circle_db	*db;
	const char		*v[9];
	char			**found, id[24], date[11];
	size_t			 n, i;

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_search(db, tool_opt(t, 'g'),
	    (const char *const *)argv, (size_t)argc, &ss, &found, &n,
	    &t->err) == -1)
		return tool_fail(t);
	/* The columns of list, and where the words were found. */
	memcpy(cols, list_cols, sizeof list_cols);
	cols[8] = found_col;
	o = tool_out(t, cols, 9);
	for (i = 0; i < n; i++) {
		list_values(&ss[i], v, id, date);
		v[8] = found[i];
		circle_out_row(o, v);
		circle_session_release(&ss[i]);
	}
	free(ss);
	circle_strv_free(found, n);
	return tool_finish(t, o);
}

static int
session_show(struct tool *t, int argc, char **argv)
{
	static const struct circle_col	 here_cols[] = {
		{ "here", CIRCLE_COL_TEXT }, { "here_tz", CIRCLE_COL_TEXT },
	};
	struct circle_col	 cols[22];
	struct circle_session	 s;
	struct circle_out	*o;
	struct circle_db	*db;
	const char		*v[22], *mine;
	char			 bufs[6][32], moved[17], here[17];
	size_t			 nc = sizeof show_cols / sizeof show_cols[0];

	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_get(db, tool_opt(t, 'g'), argv[0], &s,
	    &t->err) == -1)
		return tool_fail(t);
	session_values(&s, v, bufs, moved);
	memcpy(cols, show_cols, sizeof show_cols);
	/* Where my zone is not the group's: the start here too. */
	if ((mine = tool_my_zone(t)) != NULL && strcmp(mine, s.tzid) != 0 &&
	    circle_here(s.starts_at, mine, s.local_start, here) == 0) {
		memcpy(cols + nc, here_cols, sizeof here_cols);
		v[nc++] = here;
		v[nc++] = mine;
	}
	o = tool_record(t, cols, nc);
	circle_out_row(o, v);
	circle_session_release(&s);
	return tool_finish(t, o);
}

static int	session_move_run(struct tool *, const char *, const char *,
		    struct circle_move_want *);

/*
 * "session REF cancelled": with the session's day and time when REF is
 * not its day (next, tuesday, an id), so that the facilitator sees which.
 */
static void
session_done(struct tool *t, const char *ref, const char *start,
    const char *what)
{
	if (start == NULL || strlen(start) < 16 || (strlen(ref) == 10 &&
	    strncmp(ref, start, 10) == 0))
		tool_say(t, "session %s %s\n", ref, what);
	else
		tool_say(t, "session %s (%.10s %.5s) %s\n", ref, start,
		    start + 11, what);
}

static int
session_edit(struct tool *t, int argc, char **argv)
{
	struct circle_session_set	 set;
	struct circle_move_want		 w;
	struct circle_db		*db;
	char				*start = NULL;
	int				 fields, rc;

	memset(&set, 0, sizeof set);
	set.topic = tool_opt(t, 'T');
	set.location = tool_opt(t, 'l');
	set.notes = tool_opt(t, 'N');
	set.online_url = tool_opt(t, 'o');
	fields = set.topic != NULL || set.location != NULL || set.notes !=
	    NULL || set.online_url != NULL;
	if (!fields && !tool_has(t, 'f'))
		return tool_error(t, CIRCLE_EUSAGE, "edit: nothing to change "
		    "(give --topic, --location, --online, --notes or --for)");
	/* A new length is a move's: its checks, in the same command. */
	if (tool_has(t, 'f')) {
		memset(&w, 0, sizeof w);
		w.set = fields ? &set : NULL;
		if ((rc = session_move_run(t, argv[0], tool_opt(t, 'f'),
		    &w)) != 0)
			return rc;
		if (fields)
			tool_say(t, "session %s updated\n", argv[0]);
		return 0;
	}
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_edit(db, tool_opt(t, 'g'), argv[0], &set, &start,
	    &t->err) == -1)
		return tool_fail(t);
	session_done(t, argv[0], start, "updated");
	free(start);
	return 0;
}

static int
session_cancel(struct tool *t, int argc, char **argv)
{
	struct circle_db	*db;
	char			*start = NULL;
	const char		*reason = tool_opt(t, 'r');
	int			 undo = tool_has(t, 'u');

	if (undo && reason != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "cancel: --undo takes no "
		    "--reason");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_cancel(db, tool_opt(t, 'g'), argv[0], reason, undo,
	    &start, &t->err) == -1)
		return tool_fail(t);
	session_done(t, argv[0], start, undo ? "no longer cancelled" :
	    "cancelled");
	free(start);
	return 0;
}

/*
 * A session moved onto another of its group's is most often a slip of the
 * date: said for the first one, with how many more.
 */
static void
move_overlaps(struct tool *t, struct circle_db *db,
    const struct circle_moved *list, size_t moved)
{
	struct circle_session	 s;
	struct circle_overlap	 o;
	struct circle_err	 e;
	long long		*ids;
	size_t			 i;

	ids = circle_xcalloc(moved + 1, sizeof *ids);
	for (i = 0; i < moved; i++)
		ids[i] = list[i].id;
	if (circle_session_overlaps(db, ids, moved, &o, &e) == 0 &&
	    o.clashing > 0 &&
	    circle_session_get_id(db, list[o.at].id, &s, &e) == 0) {
		tool_warn(t, "warning: %s %s is now held at the same time as "
		    "%s %s%s", s.group, s.local_start, s.group, o.first,
		    o.clashing > 1 ? " (and other sessions moved)" : "");
		circle_session_release(&s);
	}
	free(ids);
}

/*
 * One session moved to a day before its own: said with both days, as a
 * weekday said alone is the next from today (move dec 17 to fri, on a
 * Monday the 7th, is Friday the 11th), so that a move read so shows.
 */
static void
move_earlier(struct tool *t, const struct circle_moved *m)
{
	struct circle_date	from, to, today;
	char			was[32], now[32], iso[11];

	snprintf(iso, sizeof iso, "%.10s", m->from);
	if (circle_date_parse(iso, &from) == -1)
		return;
	snprintf(iso, sizeof iso, "%.10s", m->to);
	if (circle_date_parse(iso, &to) == -1 || circle_date_diff(&from,
	    &to) >= 0)
		return;
	circle_date_today(&today);
	circle_day_say(&from, &today, was);
	circle_day_say(&to, &today, now);
	tool_warn(t, "note: moved to an earlier day, %s (it was %s): a "
	    "weekday said alone is the next from today; give the date for "
	    "another", now, was);
}

/* What a move did, or would do: one line a session in a dry run. */
static void
move_said(struct tool *t, const struct circle_move_want *w,
    const struct circle_moved *list, size_t moved)
{
	size_t	i;
	char	was[16], lasts[16];

	for (i = 0; w->dry_run && i < moved; i++) {
		circle_length_format(list[i].was, was);
		circle_length_format(list[i].lasts, lasts);
		if (strcmp(list[i].from, list[i].to) == 0)
			printf("would make %.10s %s last %s (was %s)\n",
			    list[i].from, list[i].from + 11, lasts, was);
		else
			printf("would move %.10s %s to %.10s %s%s%s\n",
			    list[i].from, list[i].from + 11, list[i].to,
			    list[i].to + 11, w->minutes > 0 ? ", for " : "",
			    w->minutes > 0 ? lasts : "");
	}
	/* one session with its end said: as long as it lasts to it */
	circle_length_format(moved > 0 ? list[0].lasts : w->minutes, lasts);
	/* edit --for its own length with other fields: edit's line alone. */
	if (moved == 0 && w->set != NULL)
		return;
	if (w->dry_run)
		printf("dry run: would be %zu session%s %s\n", moved,
		    moved == 1 ? "" : "s", w->date == NULL && w->time ==
		    NULL ? "changed" : "moved");
	else if (w->date == NULL && w->time == NULL)
		tool_say(t, "%zu session%s now last%s %s\n", moved, moved == 1 ?
		    "" : "s", moved == 1 ? "s" : "", lasts);
	else {
		tool_say(t, "%zu session%s moved%s%s\n", moved, moved == 1 ?
		    "" : "s", w->minutes > 0 ? ", now lasting " : "",
		    w->minutes > 0 ? lasts : "");
		if (moved == 1 && w->date != NULL)
			move_earlier(t, &list[0]);
	}
}

/*
 * move, and edit --for: the length read (--for's, or an --at range's),
 * the move made and said.
 */
static int
session_move_run(struct tool *t, const char *ref, const char *length,
    struct circle_move_want *w)
{
	struct circle_db	*db;
	struct circle_wall	 wall;
	struct circle_moved	*list;
	size_t			 moved;

	if (length != NULL && circle_length_check("for", length, &w->minutes,
	    &t->err) == -1)
		return tool_fail(t);
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_session_move(db, tool_opt(t, 'g'), ref, w, &list, &moved,
	    &wall, &t->err) == -1)
		return tool_fail(t);
	move_said(t, w, list, moved);
	tool_wall(t, &wall);
	if (!w->dry_run)
		move_overlaps(t, db, list, moved);
	free(list);
	return 0;
}

/*
 * move --at: a time (19:00, 7pm), a time with its end (19:00-21:00,
 * 7-9pm: the length from it, as add reads one, and its wall-clock
 * minutes in *wall_end: one session ends when said, as add's does), or a
 * day and a time as add takes them in one ("wed 7-9pm", "tomorrow 7pm":
 * the day as --to-date's, which is then a usage error).  *day is the
 * caller's to free.  0, or the exit status of an error said.
 */
static int
move_at(struct tool *t, const char **date, const char **at,
    const char **length, char **day, char hm[6], char len[16],
    int *wall_end)
{
	int	h, m, minutes = 0, rc;

	if (*at == NULL)
		return 0;
	if ((rc = time_range(t, NULL, at, length, hm, len)) != 0)
		return rc;
	/* 11pm-3am: one session ends when said */
	if (*at == hm) {
		*wall_end = atoi(len);
		return 0;
	}
	if (circle_clock_read(circle_clock_at(*at), &h, &m) == 0)
		return 0;
	switch (circle_day_span_read(*at, day, &h, &m, &minutes, &t->err)) {
	case 0:
		return 0;	/* no time: lib says what it is not */
	case -1:
		circle_err_prefix(&t->err, "at");
		return tool_fail(t);
	}
	if (*date != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "move: \"%s\" names the "
		    "day, and --to-date another: give one", *at);
	if (minutes > 0 && *length != NULL)
		return ends_and_for(t, *at);
	if ((*date = tool_date(t, *day, "at")) == NULL)
		return tool_fail(t);
	snprintf(hm, 6, "%02d:%02d", h, m);
	*at = hm;
	if (minutes > 0) {
		snprintf(len, 16, "%d", minutes);
		*length = len;
		*wall_end = minutes;
	}
	return 0;
}

/* The words argv[from] to argv[to - 1], one space between; the caller frees. */
static char *
move_words(char **argv, int from, int to)
{
	char	*s = NULL;
	int	 i;

	for (i = from; i < to; i++)
		circle_xappend(&s, " ", "%s", argv[i]);
	return s;
}

/*
 * Whether s has a time of day as --at reads it (7pm, 19:00-21:00, thu
 * 7pm, tomorrow evening 7-9, or one refused as such: wed at 7): where
 * it has none, a day is what was meant.
 */
static int
has_time(const char *s)
{
	struct circle_err	 e;
	char			*day = NULL;
	int			 h, m, minutes, rc;

	if (circle_clock_read(circle_clock_at(s), &h, &m) == 0 ||
	    circle_clock_range_check(s, NULL, &h, &m, &minutes, &e) != 1)
		return 1;
	rc = circle_day_span_read(s, &day, &h, &m, &minutes, &e);
	free(day);
	return rc != 0;
}

/*
 * move SESSION [to] WHEN, the words unquoted or not ("dec 17 to fri 7pm"):
 * the session's words in *ref, WHEN's a day alone as --to-date takes it
 * ("thu", "dec 18") in *date, else as --at takes it ("7pm", "thu 7pm") in
 * *time; *ref and *when are the caller's to free.  Without "to", only
 * SESSION WHEN, a word each.  0, or the exit status of an error said.
 */
static int
move_when(struct tool *t, int argc, char **argv, char **ref, char **when,
    const char **date, const char **time)
{
	int	i;

	for (i = 1; i < argc && strcasecmp(argv[i], "to") != 0; i++)
		;
	if (i == argc && argc > 2)
		return tool_error(t, CIRCLE_EUSAGE, "move: too many arguments, "
		    "from \"%s\" on (write: move SESSION to WHEN, such as "
		    "\"move dec 17 to thu 7pm\")", argv[2]);
	if (i == argc - 1)
		return tool_error(t, CIRCLE_EUSAGE, "move: to when? (write: "
		    "move SESSION to WHEN, such as \"move dec 17 to thu "
		    "7pm\")");
	if (*date != NULL || *time != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "move: \"%s\" says when, "
		    "and so does --to-date or --at: give one", argv[argc - 1]);
	*ref = move_words(argv, 0, i < argc ? i : 1);
	*when = move_words(argv, i < argc ? i + 1 : 1, argc);
	if ((*date = tool_date(t, *when, "to-date")) != NULL)
		return 0;
	/*
	 * feb 30, frday, next week: no time in it, and what day.c says of
	 * it is more than that it is no date or is a time (25:00, half past
	 * 6, which --at's reading says better): the day's error.
	 */
	if (!has_time(*when) && strstr(t->err.msg, "is a time of day") ==
	    NULL && strstr(t->err.msg, "is not a date (YYYY-MM-DD") == NULL)
		return tool_fail(t);
	memset(&t->err, 0, sizeof t->err);
	*time = *when;
	return 0;
}

static int
session_move(struct tool *t, int argc, char **argv)
{
	struct circle_move_want	 w;
	const char		*date = tool_opt(t, 'D');
	const char		*time = tool_opt(t, 'a');
	const char		*length = tool_opt(t, 'f');
	char			*day = NULL, *ref = NULL, *when = NULL;
	char			 hm[6], len[16];
	int			 rc;

	memset(&w, 0, sizeof w);
	w.scope = CIRCLE_MOVE_ONE;
	w.dry_run = tool_has(t, 'n');

	/* --to was the destination before --to-date; it is list's end date. */
	if (tool_has(t, 't') && date != NULL)
		return tool_error(t, CIRCLE_EUSAGE, "move: give --to-date only "
		    "(--to is its old name)");
	if (tool_old_option(t, 't', "--to", "--to-date DATE")) {
		/* A day as people say it, as --to-date takes it. */
		if ((date = tool_date(t, tool_opt(t, 't'), "to")) == NULL)
			return tool_fail(t);
	}

	/* --all was --whole-series before it meant every group. */
	if (tool_has(t, 'F') + tool_has(t, 'A') + tool_has(t, OPT_OLD_ALL) > 1)
		return tool_error(t, CIRCLE_EUSAGE, "move: give --following or "
		    "--whole-series, not both");
	if (tool_has(t, 'F'))
		w.scope = CIRCLE_MOVE_FOLLOWING;
	else if (tool_has(t, 'A') || tool_old_option(t, OPT_OLD_ALL, "--all",
	    "--whole-series"))
		w.scope = CIRCLE_MOVE_ALL;
	if (argc > 1 && (rc = move_when(t, argc, argv, &ref, &when, &date,
	    &time)) != 0)
		goto out;
	if (date == NULL && time == NULL && !tool_has(t, 'f'))
		return tool_error(t, CIRCLE_EUSAGE, "move: give when (move "
		    "SESSION to WHEN), or --to-date DATE, --at HH:MM and/or "
		    "--for LENGTH");
	if ((rc = move_at(t, &date, &time, &length, &day, hm, len,
	    &w.wall_end)) == 0) {
		w.date = date;
		w.time = time;
		/* A dry run says each one, and says it even with -q. */
		rc = session_move_run(t, ref != NULL ? ref : argv[0], length,
		    &w);
	}
out:
	free(day);
	free(ref);
	free(when);
	return rc;
}

static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

/* The expected people, through the output module (widths, escaping). */
static const struct circle_col prep_cols[] = {
	{ "name", CIRCLE_COL_TEXT }, { "pronouns", CIRCLE_COL_TEXT },
	{ "role", CIRCLE_COL_TEXT }, { "last seen", CIRCLE_COL_TEXT },
	{ "missed in a row", CIRCLE_COL_INT }, { "marks", CIRCLE_COL_TEXT },
	{ "follow-ups", CIRCLE_COL_TEXT }, { "scores", CIRCLE_COL_TEXT },
};

/* "new", "first time", "away 4": what a facilitator should know. */
static void
prep_marks(const struct circle_prep_member *m, char *buf, size_t size)
{
	buf[0] = '\0';
	if (m->is_new)
		snprintf(buf, size, "new");
	else if (m->first_time)
		snprintf(buf, size, "first time");
	if (m->missed >= 3)
		snprintf(buf + strlen(buf), size - strlen(buf), "%saway %d",
		    buf[0] != '\0' ? ", " : "", m->missed);
}

static void
prep_members(const struct circle_prep *p, int md, int columns, FILE *out)
{
	struct circle_out	*o;
	const char		*v[8];
	char			 missed[16], marks[48], fups[24], *buf = NULL;
	char			*line, *nl;
	size_t			 i, len = 0;
	FILE			*fp;

	/* Text is indented under its heading. */
	if ((fp = md ? out : open_memstream(&buf, &len)) == NULL)
		return;
	o = circle_out_new(fp, md ? CIRCLE_FMT_MD : CIRCLE_FMT_TABLE,
	    prep_cols, 8);
	/* Indented by two; no colour: the sheet is made visible whole. */
	circle_out_term(o, columns > 2 ? columns - 2 : 0, 0);
	for (i = 0; i < p->nmembers; i++) {
		snprintf(missed, sizeof missed, "%d", p->members[i].missed);
		prep_marks(&p->members[i], marks, sizeof marks);
		v[0] = p->members[i].name;
		v[1] = or_dash(p->members[i].pronouns);
		v[2] = p->members[i].role;
		v[3] = or_dash(p->members[i].last_seen);
		v[4] = missed;
		v[5] = marks;
		if (p->members[i].followups > 0)
			snprintf(fups, sizeof fups, "%d open",
			    p->members[i].followups);
		else
			fups[0] = '\0';
		v[6] = fups;
		v[7] = p->members[i].scores != NULL ? p->members[i].scores :
		    "";
		circle_out_row(o, v);
	}
	circle_out_finish(o);
	if (md)
		return;
	fclose(fp);
	for (line = buf; line != NULL && *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		fprintf(out, "  %.*s\n", (int)(nl - line), line);
	}
	free(buf);
}

static void
prep_text(const struct circle_prep *p, int md, int columns, const char *mine,
    FILE *out)
{
	const struct circle_session	*s = &p->session;
	const char			*h = md ? "## " : "";
	char				 here[17];
	size_t				 i;

	fprintf(out, "%s%s, session %d\n\n", md ? "# " : "", s->group_name,
	    p->number);
	fprintf(out, "%s%-9s %.10s %s-%s (%s", md ? "- " : "", "When:",
	    s->local_start, s->local_start + 11, s->local_end, s->tzid);
	/* Where I am, when that is elsewhere: "(Europe/London; 04:00 here)". */
	if (mine != NULL && strcmp(mine, s->tzid) != 0 &&
	    circle_here(s->starts_at, mine, s->local_start, here) == 0)
		fprintf(out, "; %s here, %s", here, mine);
	fprintf(out, ")\n");
	if (strcmp(s->status, "cancelled") == 0)
		fprintf(out, "%s%-9s CANCELLED%s%s\n", md ? "- " : "",
		    "Status:", s->cancel_reason ? ": " : "", s->cancel_reason ?
		    s->cancel_reason : "");
	fprintf(out, "%s%-9s %s\n", md ? "- " : "", "Where:",
	    or_dash(s->location));
	if (s->online_url != NULL)
		fprintf(out, "%s%-9s %s\n", md ? "- " : "", "Online:",
		    s->online_url);
	fprintf(out, "%s%-9s %s\n", md ? "- " : "", "Topic:",
	    or_dash(s->topic));
	fprintf(out, "%s%-9s check-in %s, check-out %s\n", md ? "- " : "",
	    "Surveys:", or_dash(p->checkin_survey),
	    or_dash(p->checkout_survey));

	fprintf(out, "\n%sExpected (%zu)\n\n", h, p->nmembers);
	if (p->nmembers > 0)
		prep_members(p, md, columns, out);
	if (p->nmembers == 0)
		fprintf(out, "  nobody yet (circle roster join MEMBER %s)\n",
		    s->group);
	if (p->nfollowups > 0) {
		fprintf(out, "\n%sOpen follow-ups (%zu)\n\n", h,
		    p->nfollowups);
		for (i = 0; i < p->nfollowups; i++)
			fprintf(out, "%s%lld  %s  %s%s%s%s: %s\n",
			    md ? "- " : "  ",
			    p->followups[i].id, p->followups[i].day,
			    p->followups[i].name != NULL ?
			    p->followups[i].name : "anonymous",
			    p->followups[i].handle != NULL ? " (" : "",
			    p->followups[i].handle != NULL ?
			    p->followups[i].handle : "",
			    p->followups[i].handle != NULL ? ")" : "",
			    p->followups[i].reason);
	}
	fprintf(out, "\n%sLast session\n\n", h);
	if (p->prev_local == NULL)
		fprintf(out, "  none: this is the first\n");
	else {
		fprintf(out, "  %s%s%s", p->prev_local,
		    p->prev_topic ? ": " : "",
		    p->prev_topic ? p->prev_topic : "");
		fprintf(out, "\n  notes: %s\n", or_dash(p->prev_notes));
		if (!p->prev_held)
			fprintf(out, "  attendance: not recorded\n");
		else if (p->prev_expected > 0 || p->prev_headcount < 0)
			fprintf(out, "  attendance: %d of %d expected came\n",
			    p->prev_came, p->prev_expected);
		else
			fprintf(out, "  attendance: a headcount of %lld\n",
			    p->prev_headcount);
	}
}

/*
 * The sheet on stdout, through tool_print_text: names, places, topics,
 * notes and follow-up reasons are people's text.
 */
static void
prep_print(const struct circle_prep *p, int md, int columns, const char *mine)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL) {
		prep_text(p, md, columns, mine, stdout);
		return;
	}
	prep_text(p, md, columns, mine, fp);
	if (fclose(fp) == 0)
		tool_print_text(stdout, buf);
	free(buf);
}

/* "7 5 3.5" as a JSON array of numbers. */
static json_t *
scores_json(const char *scores)
{
	json_t	*a = json_array();
	char	*end;
	double	 v;

	while (scores != NULL && *scores != '\0') {
		v = strtod(scores, &end);
		if (end == scores)
			break;
		json_array_append_new(a, json_real(v));
		scores = end;
	}
	return a;
}

static void
prep_json(const struct circle_prep *p, const char *mine)
{
	const struct circle_session	*s = &p->session;
	json_t				*j, *ms, *fs;
	char				 date[11], here[17];
	size_t				 i;

	ms = json_array();
	for (i = 0; i < p->nmembers; i++)
		json_array_append_new(ms, json_pack("{s:s, s:s, s:s?, s:s, "
		    "s:s, s:b, s:b, s:s?, s:i, s:i, s:o}", "handle",
		    p->members[i].handle, "name", p->members[i].name,
		    "pronouns", p->members[i].pronouns, "role",
		    p->members[i].role, "joined_on", p->members[i].joined_on,
		    "new", p->members[i].is_new, "first_time",
		    p->members[i].first_time, "last_attended",
		    p->members[i].last_seen, "missed_in_a_row",
		    p->members[i].missed, "open_followups",
		    p->members[i].followups, "scores",
		    scores_json(p->members[i].scores)));
	fs = json_array();
	for (i = 0; i < p->nfollowups; i++)
		json_array_append_new(fs, json_pack("{s:I, s:s?, s:s?, s:s, "
		    "s:s}", "id", (json_int_t)p->followups[i].id, "handle",
		    p->followups[i].handle, "name", p->followups[i].name,
		    "session_date", p->followups[i].day, "reason",
		    p->followups[i].reason));
	snprintf(date, sizeof date, "%.10s", s->local_start);
	j = json_pack("{s:I, s:s, s:s, s:i, s:s, s:s, s:s, s:s, s:s, s:s?, "
	    "s:s?, s:s?, s:s?, s:s?, s:s?, s:{s:s?, s:s?, s:s?}, s:o}",
	    "id", (json_int_t)s->id, "group", s->group, "group_name",
	    s->group_name, "number", p->number, "date", date, "start",
	    s->local_start + 11, "end", s->local_end, "tz", s->tzid, "status",
	    s->status, "cancel_reason", s->cancel_reason, "location",
	    s->location, "online_url", s->online_url, "topic", s->topic,
	    "checkin_survey", p->checkin_survey, "checkout_survey",
	    p->checkout_survey, "last_session", "date", p->prev_local, "topic",
	    p->prev_topic, "notes", p->prev_notes, "expected", ms);
	if (j != NULL)
		json_object_set_new(j, "open_followups", fs);
	else
		json_decref(fs);
	if (j == NULL)
		return;
	/* The instants in UTC, and the start where I am. */
	json_object_set_new(j, "starts_at", json_string(s->starts_at));
	json_object_set_new(j, "ends_at", json_string(s->ends_at));
	if (mine != NULL && circle_here(s->starts_at, mine, s->local_start,
	    here) == 0)
		json_object_set_new(j, "here", json_pack("{s:s, s:s}", "tz",
		    mine, "start", here));
	json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(j);
}

static int
session_prep(struct tool *t, int argc, char **argv)
{
	struct circle_prep	 p;
	struct circle_db	*db;

	if (t->fmt != CIRCLE_FMT_AUTO && t->fmt != CIRCLE_FMT_TABLE &&
	    t->fmt != CIRCLE_FMT_MD && t->fmt != CIRCLE_FMT_JSON)
		return tool_error(t, CIRCLE_EUSAGE, "prep: --format is text, md "
		    "or json");
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_prep_get(db, tool_opt(t, 'g'), argv[0], &p, &t->err) == -1)
		return tool_fail(t);
	tool_pager(t);
	if (t->fmt == CIRCLE_FMT_JSON)
		prep_json(&p, tool_my_zone(t));
	else
		prep_print(&p, t->fmt == CIRCLE_FMT_MD, tool_columns(t),
		    tool_my_zone(t));
	circle_prep_release(&p);
	return 0;
}

static int
session_import(struct tool *t, int argc, char **argv)
{
	struct circle_ics_import_opts	 o;
	struct circle_ics_import_result	 r;
	struct circle_db		*db;
	size_t				 i;

	memset(&o, 0, sizeof o);
	o.group = tool_opt(t, 'g');
	o.until = tool_opt(t, 'u');
	o.dry_run = tool_has(t, 'n');
	o.skip_bad = tool_has(t, 's');
	o.strict = tool_has(t, 'S');
	o.encoding = tool_opt(t, OPT_ENCODING);
	o.match = tool_opt(t, 'm');
	o.zone = tool_opt(t, 'z');
	if ((db = tool_db(t, 0)) == NULL)
		return t->err.code;
	if (circle_ics_import_file(db, argv[0], &o, &r, &t->err) == -1)
		return tool_fail(t);
	for (i = 0; i < r.nnotes; i++)
		tool_warn(t, "warning: %s", r.notes[i]);
	tool_say(t, "%s%zu event%s, %zu repeating: %zu session%s %sadded, %zu "
	    "updated, %zu removed, %zu unchanged", o.dry_run ? "dry run: " :
	    "", r.events, r.events == 1 ? "" : "s", r.series, r.added,
	    r.added == 1 ? "" : "s", o.dry_run ? "would be " : "", r.updated,
	    r.removed, r.unchanged);
	if (r.skipped > 0)
		tool_say(t, "; %zu event%s skipped", r.skipped,
		    r.skipped == 1 ? "" : "s");
	if (r.left_out > 0)
		tool_say(t, "; %zu event%s left out", r.left_out,
		    r.left_out == 1 ? "" : "s");
	if (r.unbounded > 0 && o.until == NULL)
		tool_say(t, "; %zu repeating without end, made through %s "
		    "(--until DATE for more)", r.unbounded, r.horizon);
	tool_say(t, "\n");
	circle_ics_import_result_release(&r);
	return 0;
}

static const struct option plan_opts[] = {
	OPTION_GROUP,
	{ "name", required_argument, NULL, 'n' },
	{ "every", required_argument, NULL, 'e' },
	{ "on", required_argument, NULL, 'o' },
	{ "rrule", required_argument, NULL, 'r' },
	{ "at", required_argument, NULL, 'a' },
	{ "for", required_argument, NULL, 'f' },
	{ "duration", required_argument, NULL, 'f' },	/* group's word */
	{ "length", required_argument, NULL, 'f' },
	OPTION_FROM,
	{ "until", required_argument, NULL, 'u' },
	{ "count", required_argument, NULL, 'c' },
	{ "except", required_argument, NULL, 'x' },
	{ "through", required_argument, NULL, 't' },
	{ "location", required_argument, NULL, 'l' },
	{ "topic", required_argument, NULL, 'T' },
	{ "dry-run", no_argument, NULL, OPT_PLAN_DRY_RUN },
	OPTION_END
};

static const struct option add_opts[] = {
	OPTION_GROUP,
	{ "for", required_argument, NULL, 'f' },
	{ "duration", required_argument, NULL, 'f' },	/* group's word */
	{ "length", required_argument, NULL, 'f' },
	{ "location", required_argument, NULL, 'l' },
	{ "topic", required_argument, NULL, 'T' },
	OPTION_END
};

static const struct option list_opts[] = {
	OPTION_GROUP,
	{ "upcoming", no_argument, NULL, 'U' },
	{ "past", no_argument, NULL, 'P' },
	{ "unrecorded", no_argument, NULL, 'R' },
	OPTION_FROM,
	OPTION_TO,
	OPTION_IN,
	{ "cancelled", no_argument, NULL, 'C' },
	{ "with-cancelled", no_argument, NULL, 'C' },	/* --with-archived */
	OPTION_END
};

/* show, prep and search: a session of which group. */
static const struct option group_opts[] = {
	OPTION_GROUP,
	OPTION_END
};

static const struct option edit_opts[] = {
	OPTION_GROUP,
	{ "topic", required_argument, NULL, 'T' },
	{ "location", required_argument, NULL, 'l' },
	{ "online", required_argument, NULL, 'o' },
	{ "notes", required_argument, NULL, 'N' },
	{ "for", required_argument, NULL, 'f' },
	{ "duration", required_argument, NULL, 'f' },	/* group's word */
	{ "length", required_argument, NULL, 'f' },
	OPTION_END
};

static const struct option cancel_opts[] = {
	OPTION_GROUP,
	{ "reason", required_argument, NULL, 'r' },
	{ "undo", no_argument, NULL, 'u' },
	OPTION_END
};

static const struct option move_opts[] = {
	OPTION_GROUP,
	{ "to-date", required_argument, NULL, 'D' },
	OPTION_TO,		/* deprecated: --to-date */
	{ "at", required_argument, NULL, 'a' },
	{ "following", no_argument, NULL, 'F' },
	{ "whole-series", no_argument, NULL, 'A' },
	{ "all", no_argument, NULL, OPT_OLD_ALL },	/* --whole-series */
	{ "for", required_argument, NULL, 'f' },
	{ "duration", required_argument, NULL, 'f' },	/* group's word */
	{ "length", required_argument, NULL, 'f' },
	OPTION_DRY_RUN,
	OPTION_END
};

static const struct option import_opts[] = {
	OPTION_GROUP,
	{ "until", required_argument, NULL, 'u' },
	OPTION_DRY_RUN,
	{ "skip-bad", no_argument, NULL, 's' },
	{ "strict", no_argument, NULL, 'S' },
	OPTION_ENCODING,
	{ "match", required_argument, NULL, 'm' },
	{ "zone", required_argument, NULL, 'z' },
	OPTION_END
};

static const struct verb verbs[] = {
	{ "plan", "[--group G] [--name NAME] (--every FREQ [--on DAYS] | "
	    "--rrule RULE) --at HH:MM [--for LENGTH] --from DATE "
	    "[--until DATE | --count N] [--except DATE]... [--through DATE] "
	    "[--location PLACE] [--topic TEXT] [--dry-run]",
	    "plan a recurring series (again with --name: update it)",
	    session_plan, 0, plan_opts,
	    "g:n:e:o:r:a:f:F:u:c:x:t:l:T:", 0, 0 },
	{ "add", "[--group G] [--for LENGTH] [--location PLACE] "
	    "[--topic TEXT] DATE HH:MM", "add a one-off session", session_add,
	    0, add_opts, "g:f:l:T:", 1, VERB_MANY },
	{ "list", "[--group G] [--upcoming | --past | --unrecorded] "
	    "[--from DATE] [--to DATE] [--in PERIOD] [--cancelled]",
	    "list sessions",
	    session_list, 0, list_opts, "g:UPRF:t:C", 0, 0 },
	{ "show", "[--group G] [SESSION]", "show one session (default next)",
	    session_show, 0, group_opts, "g:", 0, 1 },
	{ "search", "[--group G] TEXT...", "find sessions by words in their "
	    "topic, notes or place (no case, no accents)", session_search, 0,
	    group_opts, "g:", 1, VERB_MANY },
	{ "edit", "[--group G] [--topic TEXT] [--location PLACE] "
	    "[--online URL] [--notes TEXT] [--for LENGTH] SESSION", "change a "
	    "session's topic, place, online link, notes or length",
	    session_edit, 0, edit_opts, "g:T:l:o:N:f:", 1, 1 },
	{ "cancel", "[--group G] [--reason TEXT] [--undo] SESSION",
	    "cancel a session (it stays, marked cancelled)", session_cancel,
	    0, cancel_opts, "g:r:u", 1, 1 },
	{ "move", "[--group G] [--to-date DATE] [--at HH:MM] "
	    "[--for LENGTH] [--following | --whole-series] [--dry-run] "
	    "SESSION [to WHEN]", "move a session or change its length, or it "
	    "and the rest of its series (or the whole series)", session_move,
	    0, move_opts, "g:t:a:f:FAn", 1, 16 },
	{ "prep", "[--group G] [--format text|md|json] [SESSION]",
	    "the facilitator's sheet for a session (default next)",
	    session_prep, 0, group_opts, "g:", 0, 1 },
	{ "import", "[--group G] [--until DATE] [--dry-run] [--skip-bad] "
	    "[--strict] [--encoding NAME] [--match WORDS] [--zone AREA/CITY] "
	    "FILE.ics",
	    "sessions from an iCalendar file (again: update them)",
	    session_import, 0, import_opts, "g:u:nsS", 1, 1 },
	{ NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, 0 }
};

int
main(int argc, char **argv)
{
	struct tool	t = {
		.name = "session",
		.summary = "the meetings of your groups",
		.verbs = verbs,
	};

	return tool_main(&t, argc, argv);
}
