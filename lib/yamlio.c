/*
 * yamlio.c: YAML files (rosters, groups, surveys) read into a small tree
 * with libyaml's event parser.  libyaml 0.2.5 sets no limits and is
 * quadratic in nesting depth, so the size, depth and node count are capped
 * here, and anchors and aliases (billion laughs) are refused outright.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "circle-priv.h"
#include "csvtext.h"

struct loader {
	const char		*name;
	yaml_parser_t		 p;
	size_t			 nodes;
	struct circle_ynode	*stack[CIRCLE_YAML_MAX_DEPTH + 1];
	size_t			 depth;
	struct circle_ynode	*root;
};

void
circle_ynode_free(struct circle_ynode *n)
{
	size_t	i;

	if (n == NULL)
		return;
	for (i = 0; i < n->nitems; i++)
		circle_ynode_free(n->items[i]);
	free(n->items);
	free(n->value);
	free(n);
}

const struct circle_ynode *
circle_ymap_get(const struct circle_ynode *map, const char *key)
{
	size_t	i;

	if (map == NULL || map->type != CIRCLE_Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nitems; i += 2)
		if (strcmp(map->items[i]->value, key) == 0)
			return map->items[i + 1];
	return NULL;
}

/*
 * Read the file at path ("-": stdin) whole, refusing one over the cap and
 * one that is not YAML (a workbook, a calendar, a CSV file: what the
 * command reads is want, as circle_file_not_yaml says it), NUL-terminated
 * in *buf (the caller's).
 */
int
circle_yaml_read(const char *path, const char *name, const char *want,
    char **buf, size_t *len, struct circle_err *e)
{
	FILE	*fp;
	size_t	 n, cap = 65536;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "r")) == NULL)
		return circle_err_set(e, errno == ENOENT ? CIRCLE_EFAIL :
		    CIRCLE_EIO, "%s: %s", name, strerror(errno));
	*buf = circle_xmalloc(cap + 1);
	*len = 0;
	while ((n = fread(*buf + *len, 1, cap - *len, fp)) > 0) {
		*len += n;
		if (*len > CIRCLE_YAML_MAX_BYTES)
			break;
		if (*len == cap) {
			cap *= 2;
			*buf = circle_xrealloc(*buf, cap + 1);
		}
	}
	if (ferror(fp)) {
		circle_err_set(e, CIRCLE_EIO, "%s: %s", name, strerror(errno));
		goto fail;
	}
	if (*len > CIRCLE_YAML_MAX_BYTES) {
		circle_err_set(e, CIRCLE_EDATA, "%s: larger than %d KiB; not "
		    "a file circle reads", name, CIRCLE_YAML_MAX_BYTES / 1024);
		goto fail;
	}
	if (circle_file_not_yaml((unsigned char *)*buf, *len < CIRCLE_CSV_HEAD ?
	    *len : CIRCLE_CSV_HEAD, name, want, e) == -1)
		goto fail;
	if (fp != stdin)
		fclose(fp);
	(*buf)[*len] = '\0';
	return 0;
fail:
	if (fp != stdin)
		fclose(fp);
	free(*buf);
	*buf = NULL;
	return -1;
}

/* Line and column, 1-based, of a byte offset (for UTF-8 errors). */
static void
where(const char *buf, size_t off, size_t *line, size_t *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/*
 * Offset of the first character circle refuses in text (circle_control_at:
 * C0 controls but tab and line ends, DEL, C1 controls, bidi controls, the
 * line and paragraph separators), or of a U+FFFE or U+FFFF, which YAML
 * does not allow, or len.  libyaml refuses some of them too, but always
 * says line 1.  buf is valid UTF-8.
 */
/*
 * Does line (from 1) of buf begin with white space that holds a tab?
 * YAML indents with spaces only, and libyaml's word for a tab there is
 * "found character that cannot start any token".
 */
static int
tab_indents(const char *buf, size_t len, size_t line)
{
	size_t	i = 0;

	for (; line > 1 && i < len; i++)
		if (buf[i] == '\n')
			line--;
	for (; i < len && (buf[i] == ' ' || buf[i] == '\t'); i++)
		if (buf[i] == '\t')
			return 1;
	return 0;
}

static size_t
find_control(const char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)buf;
	size_t			 i, bad;

	bad = circle_control_at(buf, len, CIRCLE_CTL_CR, NULL);
	for (i = 0; i + 2 < bad; i++)
		if (u[i] == 0xef && u[i + 1] == 0xbf && u[i + 2] >= 0xbe)
			return i;
	return bad;
}

static int
attach(struct loader *l, struct circle_ynode *n, struct circle_err *e)
{
	struct circle_ynode	*parent;

	if (++l->nodes > CIRCLE_YAML_MAX_NODES) {
		circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: more than %d "
		    "values", l->name, n->line, n->column,
		    CIRCLE_YAML_MAX_NODES);
		circle_ynode_free(n);
		return -1;
	}
	if (l->depth == 0) {
		if (l->root != NULL) {
			circle_ynode_free(n);
			return circle_err_set(e, CIRCLE_EDATA, "%s: more than "
			    "one document", l->name);
		}
		l->root = n;
		return 0;
	}
	parent = l->stack[l->depth - 1];
	if (parent->type == CIRCLE_Y_MAP && parent->nitems % 2 == 0 &&
	    n->type != CIRCLE_Y_SCALAR) {
		size_t line = n->line, col = n->column;
		circle_ynode_free(n);
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: a key must "
		    "be plain text", l->name, line, col);
	}
	/* Room doubles at 0, 1, 2, 4, ...: linear, even for 200000 items. */
	if ((parent->nitems & (parent->nitems - 1)) == 0)
		parent->items = circle_xreallocarray(parent->items,
		    parent->nitems == 0 ? 1 : parent->nitems * 2,
		    sizeof *parent->items);
	parent->items[parent->nitems++] = n;
	return 0;
}

static struct circle_ynode *
node_new(enum circle_ynode_type t, const yaml_event_t *ev)
{
	struct circle_ynode	*n;

	n = circle_xcalloc(1, sizeof *n);
	n->type = t;
	n->line = ev->start_mark.line + 1;
	n->column = ev->start_mark.column + 1;
	return n;
}

static int
on_event(struct loader *l, yaml_event_t *ev, struct circle_err *e)
{
	struct circle_ynode	*n;
	yaml_char_t		*anchor = NULL;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: aliases "
		    "(*name) are not allowed", l->name,
		    ev->start_mark.line + 1, ev->start_mark.column + 1);
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: anchors "
		    "(&name) are not allowed", l->name,
		    ev->start_mark.line + 1, ev->start_mark.column + 1);

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(CIRCLE_Y_SCALAR, ev);
		n->value = circle_xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->value) != ev->data.scalar.length) {
			circle_ynode_free(n);
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: a "
			    "NUL character in a value", l->name,
			    ev->start_mark.line + 1, ev->start_mark.column + 1);
		}
		return attach(l, n, e);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (l->depth >= CIRCLE_YAML_MAX_DEPTH)
			return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: "
			    "nested more than %d levels deep", l->name,
			    ev->start_mark.line + 1, ev->start_mark.column + 1,
			    CIRCLE_YAML_MAX_DEPTH);
		n = node_new(ev->type == YAML_SEQUENCE_START_EVENT ?
		    CIRCLE_Y_SEQ : CIRCLE_Y_MAP, ev);
		if (attach(l, n, e) == -1)
			return -1;
		l->stack[l->depth++] = n;
		return 0;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (l->depth > 0)
			l->depth--;
		return 0;
	default:
		return 0;
	}
}

/*
 * Load the YAML file at path (name in messages; want: what the command
 * reads, for circle_yaml_read) into *root.  An empty file gives an empty
 * mapping.
 */
int
circle_yaml_load(const char *path, const char *name, const char *want,
    struct circle_ynode **root, struct circle_err *e)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	*root = NULL;
	if (circle_yaml_read(path, name, want, &buf, &len, e) == -1)
		return -1;
	rc = circle_yaml_parse(buf, len, name, root, e);
	free(buf);
	return rc;
}

/* Parse len bytes of YAML text (name in messages) into *root. */
int
circle_yaml_parse(const char *buf, size_t len, const char *name,
    struct circle_ynode **root, struct circle_err *e)
{
	struct loader	 l;
	yaml_event_t	 ev;
	size_t		 bad, line, col, skip;
	int		 done = 0, rc = -1;

	*root = NULL;
	if (len > CIRCLE_YAML_MAX_BYTES)
		return circle_err_set(e, CIRCLE_EDATA, "%s: larger than %d "
		    "KiB; not a file circle reads", name,
		    CIRCLE_YAML_MAX_BYTES / 1024);
	if (!circle_utf8_valid(buf, len, &bad)) {
		where(buf, bad, &line, &col);
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: not valid "
		    "UTF-8", name, line, col);
	}
	if ((bad = find_control(buf, len)) < len) {
		where(buf, bad, &line, &col);
		return circle_err_set(e, CIRCLE_EDATA, "%s:%zu:%zu: control "
		    "characters are not allowed", name, line, col);
	}
	memset(&l, 0, sizeof l);
	l.name = name;
	if (!yaml_parser_initialize(&l.p))
		return circle_err_set(e, CIRCLE_EIO, "%s: cannot start YAML "
		    "parser", name);
	/* libyaml skips a BOM only when it guesses the encoding itself. */
	skip = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	yaml_parser_set_input_string(&l.p, (const unsigned char *)buf + skip,
	    len - skip);
	yaml_parser_set_encoding(&l.p, YAML_UTF8_ENCODING);
	while (!done) {
		if (!yaml_parser_parse(&l.p, &ev)) {
			if (tab_indents(buf + skip, len - skip,
			    l.p.problem_mark.line + 1))
				circle_err_set(e, CIRCLE_EDATA, "%s:%zu:1: a "
				    "tab indents this line; YAML indents with "
				    "spaces only", name,
				    l.p.problem_mark.line + 1);
			else
				circle_err_set(e, CIRCLE_EDATA,
				    "%s:%zu:%zu: %s%s%s",
				    name, l.p.problem_mark.line + 1,
				    l.p.problem_mark.column + 1,
				    l.p.problem ? l.p.problem :
				    "malformed YAML", l.p.context ? " " : "",
				    l.p.context ? l.p.context : "");
			goto out;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (on_event(&l, &ev, e) == -1) {
			yaml_event_delete(&ev);
			goto out;
		}
		yaml_event_delete(&ev);
	}
	if (l.root == NULL) {
		l.root = circle_xcalloc(1, sizeof *l.root);
		l.root->type = CIRCLE_Y_MAP;
		l.root->line = l.root->column = 1;
	}
	*root = l.root;
	l.root = NULL;
	rc = 0;
out:
	circle_ynode_free(l.root);
	yaml_parser_delete(&l.p);
	return rc;
}
