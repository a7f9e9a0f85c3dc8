/*
 * groupfile.c: a group described in YAML (circle-group(5)): its details,
 * facilitators, default surveys and schedules, imported in one
 * transaction.  Importing the same file again updates in place.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"
#include "recur.h"
#include "roster.h"

#define MAX_SCHEDULES	32

struct gfile {
	const char			*name;
	struct circle_ynode		*root;
	struct circle_group_set		 set;
	const struct circle_ynode	*facilitators;
	const struct circle_ynode	*schedules;	/* its key */
	struct circle_schedule		 sched[MAX_SCHEDULES];
	const char			**except[MAX_SCHEDULES];	/* owned */
	char				*keys[MAX_SCHEDULES];	/* owned */
	char				*days[MAX_SCHEDULES];	/* owned */
	const struct circle_ynode	*snode[MAX_SCHEDULES];
	char				*dates[MAX_SCHEDULES]; /* owned: from,
					   until, through, except as ISO */
	size_t				 nsched;
	char				*handle;		/* owned */
	enum circle_date_order		 order;	/* the configured date order, */
	int				 configured;	/* looked up once */
};

static int
at(const struct gfile *f, const struct circle_ynode *n, struct circle_err *e)
{
	return circle_err_prefix(e, "%s:%zu:%zu", f->name, n->line, n->column);
}

/*
 * The key at items[i] of mapping m given before: YAML says a key is given
 * once, and libyaml does not check (a second except: leaked the first).
 * The keys before i are all known ones, as an unknown key stops the
 * reading, so this looks at a few at most.
 */
static int
twice(const struct gfile *f, const struct circle_ynode *m, size_t i,
    struct circle_err *e)
{
	size_t	j;

	for (j = 0; j < i; j += 2)
		if (strcmp(m->items[j]->value, m->items[i]->value) == 0) {
			circle_err_set(e, CIRCLE_EDATA, "%s: given twice",
			    m->items[i]->value);
			return at(f, m->items[i], e);
		}
	return 0;
}

/* Two names of one field, such as tz and timezone, both given. */
static int
another_name(const struct gfile *f, const struct circle_ynode *k,
    struct circle_err *e)
{
	circle_err_set(e, CIRCLE_EDATA, "%s: given already, under another "
	    "name", k->value);
	return at(f, k, e);
}

static int
scalar(const struct gfile *f, const struct circle_ynode *k,
    const struct circle_ynode *v, const char **out, struct circle_err *e)
{
	if (v->type != CIRCLE_Y_SCALAR) {
		circle_err_set(e, CIRCLE_EDATA, "%s: expected a single value",
		    k->value);
		return at(f, v, e);
	}
	*out = v->value;
	return 0;
}

/*
 * A file without tz is refused rather than given this computer's zone: a
 * server's is UTC, and the file may be imported again elsewhere.  The
 * zone this computer names, if any, is offered.
 */
static int
missing_zone(const struct gfile *f, struct circle_err *e)
{
	const char	*from;
	char		*local;

	if ((local = circle_zone_local(&from)) != NULL)
		circle_err_set(e, CIRCLE_EDATA, "tz: the group's time zone is "
		    "missing; add a line \"tz: %s\" (the zone %s names) or "
		    "\"tz: Area/City\" for the city the group meets in", local,
		    from);
	else
		circle_err_set(e, CIRCLE_EDATA, "tz: the group's time zone is "
		    "missing; add a line \"tz: Area/City\" for the city the "
		    "group meets in, such as \"tz: America/New_York\"");
	free(local);
	return at(f, f->root, e);
}

/*
 * on: as a YAML list, [tuesday, thursday], as a file that writes
 * facilitators and except as lists would: the days as "on" takes them in
 * one line, "tuesday, thursday".
 */
static int
days_listed(const struct gfile *f, const struct circle_ynode *v, char **out,
    struct circle_err *e)
{
	size_t	n, len = 1;
	char	*s;

	for (n = 0; n < v->nitems; n++) {
		if (v->items[n]->type != CIRCLE_Y_SCALAR) {
			circle_err_set(e, CIRCLE_EDATA, "on: expected days "
			    "(tuesday, or [tuesday, thursday])");
			return at(f, v->items[n], e);
		}
		len += strlen(v->items[n]->value) + 2;
	}
	if (v->nitems == 0) {
		circle_err_set(e, CIRCLE_EDATA, "on: an empty list of days");
		return at(f, v, e);
	}
	s = circle_xmalloc(len);
	*s = '\0';
	for (n = 0; n < v->nitems; n++) {
		if (n > 0)
			strcat(s, ", ");
		strcat(s, v->items[n]->value);
	}
	*out = s;
	return 0;
}

static int
schedule(struct gfile *f, const struct circle_ynode *m, size_t i,
    struct circle_err *e)
{
	struct circle_schedule		*s = &f->sched[i];
	const struct circle_ynode	*k, *v, *x;
	size_t				 j, n;

	if (m->type != CIRCLE_Y_MAP) {
		circle_err_set(e, CIRCLE_EDATA, "schedules: expected a schedule "
		    "(every: week, on: tuesday, at: \"19:00\", ...)");
		return at(f, m, e);
	}
	f->snode[i] = m;
	for (j = 0; j + 1 < m->nitems; j += 2) {
		k = m->items[j];
		v = m->items[j + 1];
		if (twice(f, m, j, e) == -1)
			return -1;
		if (strcmp(k->value, "except") == 0) {
			if (v->type == CIRCLE_Y_SCALAR) {
				f->except[i] = circle_xcalloc(1,
				    sizeof *f->except[i]);
				f->except[i][0] = v->value;
				s->nexcept = 1;
			} else if (v->type == CIRCLE_Y_SEQ) {
				f->except[i] = circle_xcalloc(v->nitems + 1,
				    sizeof *f->except[i]);
				for (n = 0; n < v->nitems; n++) {
					x = v->items[n];
					if (x->type != CIRCLE_Y_SCALAR) {
						circle_err_set(e, CIRCLE_EDATA,
						    "except: expected dates");
						return at(f, x, e);
					}
					f->except[i][n] = x->value;
				}
				s->nexcept = v->nitems;
			} else {
				circle_err_set(e, CIRCLE_EDATA, "except: expected "
				    "a date or a list of dates");
				return at(f, v, e);
			}
			s->except = f->except[i];
			continue;
		}
		if (strcmp(k->value, "on") == 0 && v->type == CIRCLE_Y_SEQ) {
			if (s->on != NULL)
				return another_name(f, k, e);
			if (days_listed(f, v, &f->days[i], e) == -1)
				return -1;
			s->on = f->days[i];
			continue;
		}
		if (v->type != CIRCLE_Y_SCALAR)
			return scalar(f, k, v, &s->key, e);
#define KEY(name, field) \
		if (strcmp(k->value, name) == 0) { \
			if (s->field != NULL) \
				return another_name(f, k, e); \
			s->field = v->value; \
			continue; \
		}
		KEY("name", key);
		KEY("every", every);
		KEY("on", on);
		KEY("at", at);
		KEY("for", duration);
		KEY("duration", duration);
		KEY("length", duration);
		KEY("from", from);
		KEY("until", until);
		KEY("count", count);
		KEY("sessions", count);
		KEY("rrule", rrule);
		KEY("through", through);
		KEY("location", location);
		KEY("topic", topic);
#undef KEY
		circle_err_set(e, CIRCLE_EDATA, "unknown schedule field \"%s\" "
		    "(every, on, at, for, from, until, count, except, rrule, "
		    "name, location, topic, through)", k->value);
		return at(f, k, e);
	}
	if (s->key == NULL) {
		/* Position names a schedule that has no name of its own. */
		circle_xasprintf(&f->keys[i], "schedule-%zu", i + 1);
		s->key = f->keys[i];
	}
	return 0;
}

/*
 * A date in a group file as people write it (24 Nov 2026, 24/11/2026 by
 * the configured date order: csvvalue.c's reader of a cell's date, the
 * same rule), as YYYY-MM-DD in out; an ISO date is left as it is, for
 * recur.c to check.  -1 with e at node n.
 */
static int
file_date(struct gfile *f, const char *key, const struct circle_ynode *n,
    const char **v, char out[11], struct circle_err *e)
{
	struct circle_csv_when	 w;
	enum circle_date_order	 got;
	char			*give;
	int			 rc;

	if (*v == NULL || (strlen(*v) == 10 && (*v)[4] == '-'))
		return 0;
	if ((rc = circle_csv_when_parse(*v, f->order, f->configured, NULL, &w,
	    &got, e)) == -2 && (give = strstr(e->msg, "; give ")) != NULL) {
		/* both readings kept; the fix is a group file's, not an
		 * import's --date-order */
		*give = '\0';
		circle_err_append(e, "; write it as YYYY-MM-DD, or set the "
		    "order with 'circle config set date-order dmy' (or mdy)");
	}
	else if (rc == 0 && w.has_time)
		rc = circle_err_set(e, CIRCLE_EDATA, "\"%s\": a date without "
		    "a time is wanted here", *v);
	if (rc < 0) {
		circle_err_prefix(e, "%s", key);
		return at(f, n != NULL ? n : f->root, e);
	}
	memcpy(out, w.day, 11);
	*v = out;
	return 0;
}

/* A schedule's dates (from, until, through, except), by file_date(). */
static int
schedule_dates(struct gfile *f, size_t i, struct circle_err *e)
{
	static const char *const keys[] = { "from", "until", "through" };
	struct circle_schedule		*s = &f->sched[i];
	const struct circle_ynode	*ex;
	const char			**v[3];
	size_t				 k;

	v[0] = &s->from, v[1] = &s->until, v[2] = &s->through;
	f->dates[i] = circle_xcalloc(s->nexcept + 3, 11);
	for (k = 0; k < 3; k++)
		if (file_date(f, keys[k], circle_ymap_get(f->snode[i],
		    keys[k]), v[k], f->dates[i] + 11 * k, e) == -1)
			return -1;
	ex = circle_ymap_get(f->snode[i], "except");
	for (k = 0; k < s->nexcept; k++)
		if (file_date(f, "except", ex != NULL && ex->type ==
		    CIRCLE_Y_SEQ ? ex->items[k] : ex, &f->except[i][k],
		    f->dates[i] + 11 * (k + 3), e) == -1)
			return -1;
	return 0;
}

/*
 * What people write, as circle stores it: dates as a cell's.  tz: in any
 * case (europe/london) is the group's to spell (circle_zone_norm, through
 * record.c), and at: (7pm, 7:30 pm, 19.00) recur.c's to read; a bad one
 * is found at its node by plan_failed() or import_tx().
 */
static int
people_wrote(struct gfile *f, struct circle_err *e)
{
	size_t			 i;

	if (circle_csv_date_order(NULL, &f->order, &f->configured, e) == -1)
		return -1;
	for (i = 0; i < f->nsched; i++)
		if (schedule_dates(f, i, e) == -1)
			return -1;
	return 0;
}

static int
parse(struct gfile *f, struct circle_err *e)
{
	const struct circle_ynode	*r = f->root, *k, *v, *sk, *sv;
	size_t				 i, j;

	if (r->type != CIRCLE_Y_MAP || r->nitems == 0) {
		circle_err_set(e, CIRCLE_EDATA, "expected a group (name: ..., "
		    "tz: ..., schedules: ...)");
		return at(f, r, e);
	}
	for (i = 0; i + 1 < r->nitems; i += 2) {
		k = r->items[i];
		v = r->items[i + 1];
		if (twice(f, r, i, e) == -1)
			return -1;
		if (strcmp(k->value, "facilitators") == 0) {
			if (v->type == CIRCLE_Y_MAP) {
				circle_err_set(e, CIRCLE_EDATA, "facilitators: "
				    "expected roster handles");
				return at(f, v, e);
			}
			f->facilitators = v;
			continue;
		}
		if (strcmp(k->value, "schedules") == 0 ||
		    strcmp(k->value, "schedule") == 0) {
			if (f->schedules != NULL)
				return another_name(f, k, e);
			f->schedules = k;
			if (v->type == CIRCLE_Y_MAP) {
				if (schedule(f, v, 0, e) == -1)
					return -1;
				f->nsched = 1;
				continue;
			}
			if (v->type != CIRCLE_Y_SEQ || v->nitems > MAX_SCHEDULES) {
				circle_err_set(e, CIRCLE_EDATA, "schedules: "
				    "expected a list of at most %d schedules",
				    MAX_SCHEDULES);
				return at(f, v, e);
			}
			for (j = 0; j < v->nitems; j++)
				if (schedule(f, v->items[j], j, e) == -1)
					return -1;
			f->nsched = v->nitems;
			continue;
		}
		if (strcmp(k->value, "surveys") == 0) {
			if (v->type != CIRCLE_Y_MAP) {
				circle_err_set(e, CIRCLE_EDATA, "surveys: expected "
				    "checkin: KEY and checkout: KEY");
				return at(f, v, e);
			}
			for (j = 0; j + 1 < v->nitems; j += 2) {
				sk = v->items[j];
				sv = v->items[j + 1];
				if (twice(f, v, j, e) == -1)
					return -1;
				if (strcmp(sk->value, "checkin") == 0) {
					if (scalar(f, sk, sv,
					    &f->set.checkin_survey, e) == -1)
						return -1;
				} else if (strcmp(sk->value, "checkout") == 0) {
					if (scalar(f, sk, sv,
					    &f->set.checkout_survey, e) == -1)
						return -1;
				} else {
					circle_err_set(e, CIRCLE_EDATA, "surveys: "
					    "\"%s\" is not checkin or checkout",
					    sk->value);
					return at(f, sk, e);
				}
			}
			continue;
		}
		if (v->type != CIRCLE_Y_SCALAR)
			return scalar(f, k, v, &f->set.name, e);
#define KEY(name, field) \
		if (strcmp(k->value, name) == 0) { \
			if (f->set.field != NULL) \
				return another_name(f, k, e); \
			f->set.field = v->value; \
			continue; \
		}
		KEY("handle", handle);
		KEY("name", name);
		KEY("description", description);
		KEY("location", location);
		KEY("online", online_url);
		KEY("url", online_url);
		KEY("tz", tzid);
		KEY("timezone", tzid);
		KEY("duration", duration);
		KEY("for", duration);
		KEY("length", duration);
#undef KEY
		circle_err_set(e, CIRCLE_EDATA, "unknown field \"%s\" (handle, "
		    "name, description, tz, location, online, duration, "
		    "facilitators, surveys, schedules)", k->value);
		return at(f, k, e);
	}
	/* Each schedule is a series, found again by its name. */
	for (i = 0; i < f->nsched; i++)
		for (j = 0; j < i; j++)
			if (strcmp(f->sched[i].key, f->sched[j].key) == 0) {
				circle_err_set(e, CIRCLE_EDATA, "schedules: two "
				    "are named \"%s\"", f->sched[i].key);
				return at(f, f->snode[i], e);
			}
	if (f->set.name == NULL) {
		circle_err_set(e, CIRCLE_EDATA, "name: the group's name is "
		    "missing");
		return at(f, r, e);
	}
	if (f->set.tzid == NULL)
		return missing_zone(f, e);
	if (people_wrote(f, e) == -1)
		return -1;
	if (f->set.handle == NULL)
		f->set.handle = f->handle = circle_handle_from_name(f->set.name,
		    1);
	return 0;
}

/* The YAML node of a field, for a message; the whole file if unknown. */
static const struct circle_ynode *
node_of(const struct gfile *f, const struct circle_ynode *m,
    const char *msg)
{
	const struct circle_ynode	*v;
	char				 field[32];
	size_t				 n;

	n = strcspn(msg, ":");
	if (m == NULL || n >= sizeof field)
		return f->root;
	memcpy(field, msg, n);
	field[n] = '\0';
	if (strcmp(field, "url") == 0)
		snprintf(field, sizeof field, "online");
	if ((v = circle_ymap_get(m, field)) != NULL)
		return v;
	if (strcmp(field, "online") == 0 && (v = circle_ymap_get(m, "url")))
		return v;
	if (strcmp(field, "tz") == 0 &&
	    (v = circle_ymap_get(m, "timezone")) != NULL)
		return v;
	/* A length's three names, for a schedule and for the group. */
	if ((strcmp(field, "for") == 0 || strcmp(field, "duration") == 0) &&
	    ((v = circle_ymap_get(m, "for")) != NULL ||
	    (v = circle_ymap_get(m, "duration")) != NULL ||
	    (v = circle_ymap_get(m, "length")) != NULL))
		return v;
	if (strcmp(field, "count") == 0 &&
	    (v = circle_ymap_get(m, "sessions")) != NULL)
		return v;
	return m;
}

/*
 * A schedule that could not be planned, at its field.  Too many sessions
 * is said in the file's words (every, until, through), not the command
 * line's.
 */
static int
plan_failed(const struct gfile *f, size_t i, struct circle_err *e)
{
	const struct circle_schedule	*s = &f->sched[i];
	char				*says = NULL;

	if (strncmp(e->msg, "rrule: more than", 16) != 0)
		return at(f, node_of(f, f->snode[i], e->msg), e);
	if (s->every != NULL)
		circle_xappend(&says, ", ", "every %s", s->every);
	if (s->rrule != NULL)
		circle_xappend(&says, ", ", "rrule %s", s->rrule);
	if (s->until != NULL)
		circle_xappend(&says, ", ", "until %s", s->until);
	if (s->through != NULL)
		circle_xappend(&says, ", ", "through %s", s->through);
	circle_err_set(e, CIRCLE_EDATA, "schedules: \"%s\" (%s) makes more "
	    "than %d sessions; give %s", s->key, says != NULL ? says :
	    "no end", CIRCLE_MAX_OCCURRENCES, s->through != NULL ?
	    "an earlier through" : "an earlier until, a count, or a through "
	    "date to plan only the first of them");
	free(says);
	return at(f, node_of(f, f->snode[i], s->through != NULL ?
	    "through:" : s->until != NULL ? "until:" : "every:"), e);
}

struct gimport {
	struct gfile			*f;
	struct circle_group_import	*r;
	int				 dry_run;
};

static int
import_tx(struct circle_db *db, void *arg, struct circle_err *e)
{
	struct gimport			*g = arg;
	struct gfile			*f = g->f;
	struct circle_group_import	*r = g->r;
	const struct circle_ynode	*fac = f->facilitators, *x;
	struct circle_date		 d;
	long long			 gid, mid;
	size_t				 i, n;
	int				 changed;
	char				 on[11];

	r->facilitators = 0;
	if (circle_group_upsert(db, &f->set, &gid, &r->group_state, e) == -1)
		return at(f, node_of(f, f->root, e->msg), e);
	/* Facilitators run the group from its first date, if that is past. */
	if (circle_group_today(db, gid, on, e) == -1)
		return -1;
	for (i = 0; i < f->nsched; i++)
		if (f->sched[i].from != NULL &&
		    circle_date_parse(f->sched[i].from, &d) == 0 &&
		    strcmp(f->sched[i].from, on) < 0)
			snprintf(on, sizeof on, "%s", f->sched[i].from);
	n = fac == NULL ? 0 : fac->type == CIRCLE_Y_SEQ ? fac->nitems : 1;
	for (i = 0; i < n; i++) {
		x = fac->type == CIRCLE_Y_SEQ ? fac->items[i] : fac;
		if (x->type != CIRCLE_Y_SCALAR) {
			circle_err_set(e, CIRCLE_EDATA, "facilitators: expected "
			    "roster handles");
			return at(f, x, e);
		}
		if (circle_member_resolve_in(db, gid, x->value, &mid,
		    e) == -1) {
			e->code = CIRCLE_EDATA;
			if (mid == -1)
				circle_err_append(e, "; facilitators are "
				    "roster handles: put them on the roster "
				    "first ('circle roster add' or 'circle "
				    "roster import'), then import this file "
				    "again");
			circle_err_prefix(e, "facilitators");
			return at(f, x, e);
		}
		if (circle_membership_add(db, mid, gid, "facilitator", on,
		    &changed, e) == -1)
			return at(f, x, e);
		r->facilitators += (size_t)changed;
	}
	for (i = 0; i < f->nsched; i++) {
		if (circle_series_plan(db, f->set.handle, &f->sched[i],
		    &r->plans[i], e) == -1)
			return plan_failed(f, i, e);
	}
	return g->dry_run ? 1 : 0;
}

/* Import the group file at path; a second import updates, never doubles. */
int
circle_group_import(struct circle_db *db, const char *path, int dry_run,
    struct circle_group_import *r, struct circle_err *e)
{
	struct gfile	 f;
	struct gimport	 g;
	size_t		 i;
	int		 rc = -1;

	memset(r, 0, sizeof *r);
	memset(&f, 0, sizeof f);
	f.name = strcmp(path, "-") == 0 ? "stdin" : path;
	if (circle_yaml_load(path, f.name, "a group file: 'circle group "
	    "import' reads a group written as YAML text (name:, tz:, "
	    "schedules:; circle-group(5)); a roster goes in with 'circle "
	    "roster import'", &f.root, e) == -1)
		return -1;
	if (parse(&f, e) == -1)
		goto out;
	r->handle = circle_xstrdup(f.set.handle);
	r->nplans = f.nsched;
	r->plans = circle_xcalloc(f.nsched + 1, sizeof *r->plans);
	r->plan_names = circle_xcalloc(f.nsched + 1, sizeof *r->plan_names);
	for (i = 0; i < f.nsched; i++)
		r->plan_names[i] = circle_xstrdup(f.sched[i].key);
	g.f = &f;
	g.r = r;
	g.dry_run = dry_run;
	rc = circle_db_write(db, import_tx, &g, e);
out:
	if (rc == -1)
		circle_group_import_release(r);	/* a failure returns nothing */
	for (i = 0; i < MAX_SCHEDULES; i++) {
		free(f.except[i]);
		free(f.dates[i]);
		free(f.keys[i]);
		free(f.days[i]);
	}
	free(f.handle);
	circle_ynode_free(f.root);
	return rc;
}

void
circle_group_import_release(struct circle_group_import *r)
{
	free(r->handle);
	free(r->plans);
	circle_strv_free(r->plan_names, r->nplans);
	memset(r, 0, sizeof *r);
}
