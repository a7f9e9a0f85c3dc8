/*
 * config.c: the facilitator's own settings, one "key = value" a line
 * (circle-config(5)), read whole and kept with the line each came from;
 * set and unset rewrite the file in place, comments and order kept,
 * through atomic.c.  Which keys there are and what each accepts is here.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "circle-priv.h"

#define CONFIG_MAX	(64 * 1024)	/* bytes: a config is a few lines */

struct circle_config {
	char			*path;		/* owned */
	struct circle_config_item *items;	/* owned */
	size_t			 n;
};

static int	check_word(const char *, const char *, const char *const *,
		    const char *, struct circle_err *);

/* The keys, in the order list shows them; what each takes is check_value's. */
const char *const circle_config_keys[] = {
	"group", "timezone", "date-order", "color", "pager", "week-start",
	"hooks", "private", NULL
};

int
circle_config_known(const char *key)
{
	size_t	i;

	for (i = 0; circle_config_keys[i] != NULL; i++)
		if (strcmp(circle_config_keys[i], key) == 0)
			return 1;
	return 0;
}

/*
 * The known key nearest to key (a typo, or the option that sets the same
 * thing elsewhere: --tz), or NULL.
 */
const char *
circle_config_near(const char *key)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = 3;

	if (strcasecmp(key, "tz") == 0 || strcasecmp(key, "zone") == 0)
		return "timezone";
	for (i = 0; circle_config_keys[i] != NULL; i++)
		if ((d = circle_levenshtein(key, circle_config_keys[i])) < bestd)
			best = circle_config_keys[i], bestd = d;
	return best;
}

/* true/false, yes/no, on/off, 1/0: 1 or 0; -1 for anything else. */
int
circle_config_bool(const char *v)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0)
			return 1;
		if (strcasecmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

static int
check_word(const char *key, const char *v, const char *const *words,
    const char *said, struct circle_err *e)
{
	size_t	i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return 0;
	return circle_err_set(e, CIRCLE_EDATA, "%s: \"%s\" is not %s", key, v,
	    said);
}

/*
 * Is v a value key takes?  A time zone is checked as any zone a person
 * gives (zone.c); a group only as a handle, the database being
 * elsewhere.  Unknown keys take anything: they are warned about, not
 * refused, when read.
 */
int
circle_config_check(const char *key, const char *v, struct circle_err *e)
{
	static const char *const colors[] = { "auto", "always", "never",
	    NULL };
	enum circle_date_order	 order;

	if (circle_check_text(key, v, 1024, e) == -1)
		return -1;
	if (strchr(v, '\n') != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s: a value is one "
		    "line", key);
	if (strcmp(key, "date-order") == 0 &&
	    circle_date_order_parse(v, &order) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "date-order: \"%s\" is "
		    "not an order of a date's parts: dmy (day first, "
		    "24/11/2026; or uk), mdy (month first, 11/24/2026; or "
		    "us) or ymd (2026-11-24; or iso)", v);
	if (strcmp(key, "color") == 0)
		return check_word(key, v, colors, "auto, always or never", e);
	if (strcmp(key, "private") == 0 && circle_config_bool(v) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "private: \"%s\" is not "
		    "true or false", v);
	if (strcmp(key, "week-start") == 0 && circle_weekday_parse(v) == -1)
		return circle_err_set(e, CIRCLE_EDATA, "week-start: \"%s\" is "
		    "not a day of the week", v);
	if (strcmp(key, "timezone") == 0)
		return circle_zone_check("timezone", v, e);
	if (strcmp(key, "group") == 0 && !circle_handle_valid(v))
		return circle_err_set(e, CIRCLE_EDATA, "group: \"%s\" is not "
		    "a group's handle", v);
	if (strcmp(key, "hooks") == 0 && *v != '/' && strncmp(v, "~/", 2) != 0)
		return circle_err_set(e, CIRCLE_EDATA, "hooks: \"%s\" is not an "
		    "absolute directory (/... or ~/...)", v);
	if (strcmp(key, "pager") == 0 && *v == '\0')
		return circle_err_set(e, CIRCLE_EDATA, "pager: empty");
	return 0;
}

/*
 * The file: $CIRCLE_CONFIG, else $XDG_CONFIG_HOME/circle/config (when
 * absolute), else ~/.config/circle/config.
 */
char *
circle_config_path(struct circle_err *e)
{
	const char	*env, *home;
	char		*p;

	if ((env = getenv("CIRCLE_CONFIG")) != NULL && *env != '\0')
		return circle_xstrdup(env);
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/') {
		circle_xasprintf(&p, "%s/circle/config", env);
		return p;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		circle_err_set(e, CIRCLE_EFAIL, "no config file: set HOME, "
		    "XDG_CONFIG_HOME or CIRCLE_CONFIG");
		return NULL;
	}
	circle_xasprintf(&p, "%s/.config/circle/config", home);
	return p;
}

/* The whole file, NUL-terminated; "" when there is none. */
static char *
slurp(const char *path, struct circle_err *e)
{
	FILE	*fp;
	char	*buf;
	size_t	 n;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return circle_xstrdup("");
		circle_err_set(e, CIRCLE_EIO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = circle_xmalloc(CONFIG_MAX + 1);
	n = fread(buf, 1, CONFIG_MAX + 1, fp);
	if (ferror(fp)) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", path, strerror(errno));
		goto bad;
	}
	if (n > CONFIG_MAX) {
		circle_err_set(e, CIRCLE_EDATA, "%s: more than %d KiB: not a "
		    "config file", path, CONFIG_MAX / 1024);
		goto bad;
	}
	fclose(fp);
	buf[n] = '\0';
	if (strlen(buf) != n) {
		circle_err_set(e, CIRCLE_EDATA, "%s: a NUL byte: not a text "
		    "file", path);
		free(buf);
		return NULL;
	}
	return buf;
bad:
	fclose(fp);
	free(buf);
	return NULL;
}

/*
 * One line: blank or a comment (# or ;) sets *key NULL; else "key = value"
 * with the value unquoted ("..." keeps spaces, # and ;, with \" and \\)
 * and an unquoted # or ; starting a comment.  An error names what is
 * wrong; the caller adds file:line.
 */
static int
parse_line(char *s, char **key, char **value, const char **why)
{
	char	*p, *k, *out;

	*key = *value = NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		*why = "sections are not used: write key = value";
		return -1;
	}
	for (k = s; islower((unsigned char)*s) || isupper((unsigned char)*s) ||
	    isdigit((unsigned char)*s) || *s == '-'; s++)
		*s = (char)tolower((unsigned char)*s);
	p = s;
	while (*s == ' ' || *s == '\t')
		s++;
	if (p == k || !isalpha((unsigned char)*k) || *s != '=') {
		*why = "expected key = value";
		return -1;
	}
	*p = '\0';
	for (s++; *s == ' ' || *s == '\t'; s++)
		;
	*key = k;
	*value = out = s;
	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\0') {
				*why = "a quote is not closed";
				return -1;
			}
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			*out++ = *s;
		}
		for (s++; *s == ' ' || *s == '\t'; s++)
			;
		if (*s != '\0' && *s != '#' && *s != ';') {
			*why = "text after the closing quote";
			return -1;
		}
		*out = '\0';
		return 0;
	}
	for (; *s != '\0' && *s != '#' && *s != ';'; s++)
		*out++ = *s;
	while (out > *value && (out[-1] == ' ' || out[-1] == '\t'))
		out--;
	*out = '\0';
	if (strchr(*value, '"') != NULL || strchr(*value, '\\') != NULL) {
		*why = "quote a value that holds \" or \\ (\"...\")";
		return -1;
	}
	return 0;
}

/* Split text into lines (CR LF or LF); the array and text are the caller's. */
static char **
split_lines(char *text, size_t *n)
{
	char	**lines = NULL, *nl;

	*n = 0;
	while (*text != '\0') {
		lines = circle_xgrow(lines, *n, sizeof *lines);
		lines[(*n)++] = text;
		if ((nl = strchr(text, '\n')) == NULL)
			break;
		if (nl > text && nl[-1] == '\r')
			nl[-1] = '\0';
		*nl = '\0';
		text = nl + 1;
	}
	return lines;
}

/* Check each line's text and parse it; the first problem as file:line. */
static int
parse_all(const char *path, char **lines, size_t n, int values,
    struct circle_config *c, struct circle_err *e)
{
	struct circle_err	 ve;
	const char		*why = NULL;
	char			*key, *value, *copy;
	size_t			 i, bad;

	for (i = 0; i < n; i++) {
		if (!circle_utf8_valid(lines[i], strlen(lines[i]), &bad))
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: not "
			    "UTF-8", path, i + 1, bad + 1);
		if (circle_has_control(lines[i]))
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: a control "
			    "character", path, i + 1);
		copy = circle_xstrdup(lines[i]);
		if (parse_line(copy, &key, &value, &why) == -1) {
			free(copy);
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu: %s",
			    path, i + 1, why);
		}
		if (key == NULL) {
			free(copy);
			continue;
		}
		/* Checked here what costs nothing; a time zone when used. */
		if (values && circle_config_known(key) &&
		    strcmp(key, "timezone") != 0 &&
		    circle_config_check(key, value, &ve) == -1) {
			circle_err_set(e, CIRCLE_EDATA, "%s:%zu: %s", path,
			    i + 1, ve.msg);
			free(copy);
			return -1;
		}
		c->items = circle_xgrow(c->items, c->n, sizeof *c->items);
		c->items[c->n].key = circle_xstrdup(key);
		c->items[c->n].value = circle_xstrdup(value);
		c->items[c->n++].line = i + 1;
		free(copy);
	}
	return 0;
}

/*
 * Read the file at path; a missing file is an empty config.  NULL, with
 * file:line in e, when it cannot be read, a line is malformed or (when
 * values) a known key has a value it does not take.
 */
static struct circle_config *
read_config(const char *path, int values, struct circle_err *e)
{
	struct circle_config	*c;
	char			*text, **lines;
	size_t			 n;
	int			 rc;

	if ((text = slurp(path, e)) == NULL)
		return NULL;
	c = circle_xcalloc(1, sizeof *c);
	c->path = circle_xstrdup(path);
	lines = split_lines(text, &n);
	rc = parse_all(path, lines, n, values, c, e);
	free(lines);
	free(text);
	if (rc == -1) {
		circle_config_free(c);
		return NULL;
	}
	return c;
}

struct circle_config *
circle_config_read(const char *path, struct circle_err *e)
{
	return read_config(path, 1, e);
}

void
circle_config_free(struct circle_config *c)
{
	size_t	i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		free(c->items[i].key);
		free(c->items[i].value);
	}
	free(c->items);
	free(c->path);
	free(c);
}

const char *
circle_config_file(const struct circle_config *c)
{
	return c->path;
}

/* Every key = value in the file, in order (a key given twice, twice). */
const struct circle_config_item *
circle_config_items(const struct circle_config *c, size_t *n)
{
	*n = c->n;
	return c->items;
}

/* The value of key (the last one given, as git does), or NULL. */
const struct circle_config_item *
circle_config_get(const struct circle_config *c, const char *key)
{
	size_t	i;

	for (i = c->n; i > 0; i--)
		if (strcmp(c->items[i - 1].key, key) == 0)
			return &c->items[i - 1];
	return NULL;
}

/* key = value as a line, quoted when the value needs it. */
static void
write_item(FILE *fp, const char *key, const char *v)
{
	const char	*p;

	if (*v != '\0' && strcspn(v, "#;\"\\") == strlen(v) && *v != ' ' &&
	    *v != '\t' && v[strlen(v) - 1] != ' ' &&
	    v[strlen(v) - 1] != '\t') {
		fprintf(fp, "%s = %s\n", key, v);
		return;
	}
	fprintf(fp, "%s = \"", key);
	for (p = v; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fputc('\\', fp);
		fputc(*p, fp);
	}
	fputs("\"\n", fp);
}

/* mkdir -p of the file's directory, 0700 for what is made. */
static int
make_dirs(const char *path, struct circle_err *e)
{
	char	*dir, *p;

	dir = circle_xstrdup(path);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			circle_err_set(e, CIRCLE_EIO, "%s: %s", dir,
			    strerror(errno));
			free(dir);
			return -1;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/*
 * Write lines back with key set to value (value NULL: every line of key
 * removed).  The first line of key is replaced where it is, any later
 * ones dropped; a new key goes at the end.
 */
static int
rewrite(const char *path, char **lines, size_t n, const char *key,
    const char *value, struct circle_err *e)
{
	struct circle_atomic	 a;
	const char		*why;
	char			*k, *v, *copy;
	FILE			*fp;
	size_t			 i;
	int			 done = 0;

	if (make_dirs(path, e) == -1 ||
	    (fp = circle_atomic_fopen(path, 0600, &a, e)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		copy = circle_xstrdup(lines[i]);
		if (parse_line(copy, &k, &v, &why) == 0 && k != NULL &&
		    strcmp(k, key) == 0) {
			if (value != NULL && !done)
				write_item(fp, key, value);
			done = 1;
		} else
			fprintf(fp, "%s\n", lines[i]);
		free(copy);
	}
	if (value != NULL && !done)
		write_item(fp, key, value);
	return circle_atomic_fclose(&a, fp, 1, e);
}

/*
 * Set key to value in the file at path, or remove it (value NULL).  The
 * file must read as a config first: a malformed line is left alone, a bad
 * value may be set again or unset.  A
 * symbolic link (a dotfiles repository) is followed, not replaced.
 * Returns 0, or 1 when unsetting a key that is not there.
 */
int
circle_config_write(const char *path, const char *key, const char *value,
    struct circle_err *e)
{
	struct circle_config	*c;
	char			 real[PATH_MAX], *text, **lines;
	const char		*target = path;
	size_t			 n;
	int			 rc;

	if (!circle_config_known(key) && circle_config_near(key) != NULL)
		return circle_err_set(e, CIRCLE_EUSAGE, "unknown key \"%s\"; "
		    "did you mean \"%s\"?", key, circle_config_near(key));
	if (!circle_config_known(key))
		return circle_err_set(e, CIRCLE_EUSAGE, "unknown key \"%s\" "
		    "(see circle-config(5))", key);
	/* A zone as people type it (europe/london) kept as it is spelt. */
	if (value != NULL && strcmp(key, "timezone") == 0 &&
	    (value = circle_zone_norm("timezone", value, e)) == NULL)
		return -1;
	if (value != NULL && circle_config_check(key, value, e) == -1)
		return -1;
	/* A bad value can be put right here; bad syntax is left alone. */
	if ((c = read_config(path, 0, e)) == NULL)
		return -1;
	rc = value == NULL && circle_config_get(c, key) == NULL;
	circle_config_free(c);
	if (rc == 1)
		return 1;
	if (realpath(path, real) != NULL)
		target = real;
	if ((text = slurp(target, e)) == NULL)
		return -1;
	lines = split_lines(text, &n);
	rc = rewrite(target, lines, n, key, value, e);
	free(lines);
	free(text);
	return rc;
}
