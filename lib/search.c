/*
 * search.c: people and sessions found by the words of a search in their
 * names, notes, topics and places, compared folded (circle_name_fold: no
 * case, no accents), or in ASCII either way (circle_name_ascii: Lukasz
 * finds Łukasz, Mueller Müller).  Every row is read and folded as the search runs:
 * there is no index, so nothing of a forgotten person outlives forget.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

#define SEARCH_FIELDS	4	/* the most text fields a row is searched in */

/* What is searched in a row: its fields' names, and the fields of one. */
struct search_kind {
	const char *const	*names;
	size_t			 nfields;
	size_t			 size;		/* of a row */
	void			(*fields)(const void *, const char **);
	void			(*release)(void *);
};

/*
 * The folded words of a search, each word given split at blanks: three
 * strings a word, folded and in ASCII either way (circle_name_ascii).
 */
static int
search_words(const char *const *given, size_t ngiven, char ***words,
    size_t *n, struct circle_err *e)
{
	char	*folded, *w, *save;
	size_t	 i, k;

	*words = NULL;
	*n = 0;
	for (i = 0; i < ngiven; i++) {
		folded = circle_name_fold(given[i]);
		for (w = strtok_r(folded, " \t\n", &save); w != NULL;
		    w = strtok_r(NULL, " \t\n", &save)) {
			*words = circle_xreallocarray(*words, *n * 3 + 3,
			    sizeof **words);
			(*words)[*n * 3] = circle_xstrdup(w);
			for (k = 0; k < 2; k++)
				(*words)[*n * 3 + 1 + k] =
				    circle_name_ascii(w, (int)k);
			(*n)++;
		}
		free(folded);
	}
	if (*n == 0)
		return circle_err_set(e, CIRCLE_EUSAGE, "search: give a word "
		    "to look for");
	return 0;
}

/*
 * Is the word (its three strings: search_words) in the field, folded as
 * f, or in ASCII either way (made in a[] the first time one is asked)?
 */
static int
word_in_field(char *const *w, const char *field, const char *f, char *a[2])
{
	size_t	i, k;

	if (strstr(f, w[0]) != NULL)
		return 1;
	for (i = 0; i < 2; i++) {
		if (a[i] == NULL)
			a[i] = circle_name_ascii(field, (int)i);
		for (k = 0; k < 2; k++)
			if (strstr(a[i], w[1 + k]) != NULL)
				return 1;
	}
	return 0;
}

/*
 * Does every word appear in one of the row's fields?  If so, *found says
 * which fields ("name, notes").
 */
static int
search_match(char *const *words, size_t nw, const struct search_kind *k,
    const void *row, char **found)
{
	const char	*fields[SEARCH_FIELDS];
	char		*folded[SEARCH_FIELDS], *ascii[SEARCH_FIELDS][2];
	int		 hit[SEARCH_FIELDS] = { 0 }, all = 1, any;
	size_t		 i, f;

	k->fields(row, fields);
	memset(ascii, 0, sizeof ascii);
	for (f = 0; f < k->nfields; f++)
		folded[f] = fields[f] != NULL ? circle_name_fold(fields[f]) :
		    NULL;
	for (i = 0; i < nw && all; i++) {
		for (f = 0, any = 0; f < k->nfields; f++) {
			if (folded[f] != NULL && word_in_field(words + i * 3,
			    fields[f], folded[f], ascii[f]))
				hit[f] = any = 1;
		}
		all = any;
	}
	*found = NULL;
	for (f = 0; f < k->nfields; f++) {
		if (all && hit[f])
			circle_xappend(found, ", ", "%s", k->names[f]);
		free(folded[f]);
		free(ascii[f][0]);
		free(ascii[f][1]);
	}
	return all;
}

/*
 * Keep the rows (*n of them, in order) that hold every word, released the
 * others; *found gets, for each kept, the fields the words are in.
 */
static int
search_rows(const struct search_kind *k, const char *const *given,
    size_t ngiven, void *rows, size_t *n, char ***found,
    struct circle_err *e)
{
	char	**words, *in, *row;
	size_t	  nw, i, kept = 0;

	*found = NULL;
	if (search_words(given, ngiven, &words, &nw, e) == -1) {
		for (i = 0; i < *n; i++)
			k->release((char *)rows + i * k->size);
		*n = 0;
		return -1;
	}
	*found = circle_xcalloc(*n + 1, sizeof **found);
	for (i = 0; i < *n; i++) {
		row = (char *)rows + i * k->size;
		if (!search_match(words, nw, k, row, &in)) {
			k->release(row);
			continue;
		}
		if (kept != i)
			memcpy((char *)rows + kept * k->size, row, k->size);
		(*found)[kept++] = in;
	}
	*n = kept;
	circle_strv_free(words, nw * 3);
	return 0;
}

static void
member_fields(const void *row, const char **f)
{
	const struct circle_member	*m = row;

	f[0] = m->display_name;
	f[1] = m->full_name;
	f[2] = m->handle;
	f[3] = m->notes;
}

static void
member_release(void *row)
{
	circle_member_release(row);
}

/*
 * People whose name, full name, handle or notes hold every word given, in
 * the group (NULL: anywhere), former and inactive ones too; (*found)[i]
 * names the fields the words are in for (*ms)[i].
 */
int
circle_member_search(struct circle_db *db, const char *group,
    const char *const *words, size_t nwords, struct circle_member **ms,
    char ***found, size_t *n, struct circle_err *e)
{
	static const char *const names[] = {
		"name", "full name", "handle", "notes",
	};
	static const struct search_kind kind = {
		names, 4, sizeof (struct circle_member), member_fields,
		member_release,
	};
	struct circle_roster_filter	f;

	*found = NULL;
	memset(&f, 0, sizeof f);
	f.group = group;
	f.all = 1;
	if (circle_member_list(db, &f, ms, n, e) == -1)
		return -1;
	if (search_rows(&kind, words, nwords, *ms, n, found, e) == -1) {
		free(*ms);
		*ms = NULL;
		return -1;
	}
	return 0;
}

static void
session_fields(const void *row, const char **f)
{
	const struct circle_session	*s = row;

	f[0] = s->topic;
	f[1] = s->notes;
	f[2] = s->location;
}

static void
session_release(void *row)
{
	circle_session_release(row);
}

/*
 * Sessions whose topic, notes or place hold every word given, in the
 * group (NULL: every group), cancelled ones too, oldest first.
 */
int
circle_session_search(struct circle_db *db, const char *group,
    const char *const *words, size_t nwords, struct circle_session **ss,
    char ***found, size_t *n, struct circle_err *e)
{
	static const char *const names[] = { "topic", "notes", "location" };
	static const struct search_kind kind = {
		names, 3, sizeof (struct circle_session), session_fields,
		session_release,
	};
	struct circle_session_filter	f;

	*found = NULL;
	memset(&f, 0, sizeof f);
	f.group = group;
	f.cancelled = 1;
	if (circle_session_list(db, &f, ss, n, e) == -1)
		return -1;
	if (search_rows(&kind, words, nwords, *ss, n, found, e) == -1) {
		free(*ss);
		*ss = NULL;
		return -1;
	}
	return 0;
}
