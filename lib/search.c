/*
 * search.c: people and sessions found by the words of a search in their
 * names, notes, topics and places, compared folded (circle_text_fold: no
 * case, no accents).  Every row is read and folded as the search runs:
 * there is no index, so nothing of a forgotten person outlives forget.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

/* The folded words of a search, NULL-terminated; -1 if there are none. */
static int
search_words(const char *text, char ***words, size_t *n,
    struct circle_err *e)
{
	char	*folded, *w, *save;

	*words = NULL;
	*n = 0;
	folded = circle_text_fold(text);
	for (w = strtok_r(folded, " \t\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\n", &save)) {
		*words = circle_xgrow(*words, *n, sizeof **words);
		(*words)[(*n)++] = circle_xstrdup(w);
	}
	free(folded);
	if (*n == 0)
		return circle_err_set(e, CIRCLE_EUSAGE, "search: give a word "
		    "to look for");
	return 0;
}

/*
 * Does every word appear in one of the fields (names[i], text fields[i],
 * NULL for none)?  If so, *found says which fields ("name, notes").
 */
static int
search_match(char *const *words, size_t nw, const char *const *names,
    const char *const *fields, size_t nf, char **found)
{
	char	*folded[8];
	int	 hit[8] = { 0 }, all = 1, any;
	size_t	 i, k;

	for (k = 0; k < nf; k++)
		folded[k] = fields[k] != NULL ? circle_text_fold(fields[k]) :
		    NULL;
	for (i = 0; i < nw && all; i++) {
		for (k = 0, any = 0; k < nf; k++) {
			if (folded[k] != NULL &&
			    strstr(folded[k], words[i]) != NULL)
				hit[k] = any = 1;
		}
		all = any;
	}
	*found = NULL;
	for (k = 0; k < nf; k++) {
		if (all && hit[k])
			circle_xappend(found, ", ", "%s", names[k]);
		free(folded[k]);
	}
	return all;
}

static void
search_words_free(char **words, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}

/*
 * People whose name, full name, handle or notes hold every word of text,
 * in the group given (NULL: anywhere), former and inactive ones too.
 */
int
circle_member_search(struct circle_db *db, const char *group,
    const char *text, struct circle_member_hit **hits, size_t *n,
    struct circle_err *e)
{
	static const char *const names[] = {
		"name", "full name", "handle", "notes",
	};
	struct circle_roster_filter	 f;
	struct circle_member		*ms;
	const char			*fields[4];
	char				**words, *found;
	size_t				 nw, nm, i;

	*hits = NULL;
	*n = 0;
	if (search_words(text, &words, &nw, e) == -1)
		return -1;
	memset(&f, 0, sizeof f);
	f.group = group;
	f.all = 1;
	if (circle_member_list(db, &f, &ms, &nm, e) == -1) {
		search_words_free(words, nw);
		return -1;
	}
	for (i = 0; i < nm; i++) {
		fields[0] = ms[i].display_name;
		fields[1] = ms[i].full_name;
		fields[2] = ms[i].handle;
		fields[3] = ms[i].notes;
		if (!search_match(words, nw, names, fields, 4, &found)) {
			circle_member_release(&ms[i]);
			continue;
		}
		*hits = circle_xgrow(*hits, *n, sizeof **hits);
		(*hits)[*n].m = ms[i];
		(*hits)[(*n)++].found = found;
	}
	free(ms);
	search_words_free(words, nw);
	return 0;
}

void
circle_member_hits_free(struct circle_member_hit *hits, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		circle_member_release(&hits[i].m);
		free(hits[i].found);
	}
	free(hits);
}

/*
 * Sessions whose topic, notes or place hold every word of text, in the
 * group given (NULL: every group), cancelled ones too, oldest first.
 */
int
circle_session_search(struct circle_db *db, const char *group,
    const char *text, struct circle_session_hit **hits, size_t *n,
    struct circle_err *e)
{
	static const char *const names[] = { "topic", "notes", "location" };
	struct circle_session_filter	 f;
	struct circle_session		*ss;
	const char			*fields[3];
	char				**words, *found;
	size_t				 nw, ns, i;

	*hits = NULL;
	*n = 0;
	if (search_words(text, &words, &nw, e) == -1)
		return -1;
	memset(&f, 0, sizeof f);
	f.group = group;
	f.cancelled = 1;
	if (circle_session_list(db, &f, &ss, &ns, e) == -1) {
		search_words_free(words, nw);
		return -1;
	}
	for (i = 0; i < ns; i++) {
		fields[0] = ss[i].topic;
		fields[1] = ss[i].notes;
		fields[2] = ss[i].location;
		if (!search_match(words, nw, names, fields, 3, &found)) {
			circle_session_release(&ss[i]);
			continue;
		}
		*hits = circle_xgrow(*hits, *n, sizeof **hits);
		(*hits)[*n].s = ss[i];
		(*hits)[(*n)++].found = found;
	}
	free(ss);
	search_words_free(words, nw);
	return 0;
}

void
circle_session_hits_free(struct circle_session_hit *hits, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		circle_session_release(&hits[i].s);
		free(hits[i].found);
	}
	free(hits);
}
