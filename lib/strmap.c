/*
 * strmap.c: a string to integer map (open addressing, doubling), the
 * cache imports keep of the groups, sessions and people they have seen.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "circle-priv.h"

static size_t
strhash(const char *s)
{
	size_t	h = 5381;

	while (*s != '\0')
		h = h * 33 + (unsigned char)*s++;
	return h;
}

long long *
circle_strmap_find(struct circle_strmap *m, const char *key)
{
	size_t	i;

	if (m->cap == 0)
		return NULL;
	for (i = strhash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return &m->vals[i];
	return NULL;
}

void
circle_strmap_put(struct circle_strmap *m, const char *key, long long v)
{
	struct circle_strmap	big;
	size_t		i;

	if ((m->n + 1) * 2 > m->cap) {
		big.cap = m->cap == 0 ? 256 : m->cap * 2;
		big.n = 0;
		big.keys = circle_xcalloc(big.cap, sizeof *big.keys);
		big.vals = circle_xcalloc(big.cap, sizeof *big.vals);
		for (i = 0; i < m->cap; i++)
			if (m->keys[i] != NULL) {
				circle_strmap_put(&big, m->keys[i], m->vals[i]);
				free(m->keys[i]);
			}
		free(m->keys);
		free(m->vals);
		*m = big;
	}
	for (i = strhash(key) & (m->cap - 1); m->keys[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		;
	m->keys[i] = circle_xstrdup(key);
	m->vals[i] = v;
	m->n++;
}

void
circle_strmap_free(struct circle_strmap *m)
{
	size_t	i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
