/*
 * yaml.c: fuzz target for the YAML reader every YAML file goes through
 * (circle_yaml_load): its caps on size, depth and values, and the tree.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Visit every node as the importers do; abort on a malformed tree. */
static size_t
walk(const struct circle_ynode *n, size_t depth)
{
	size_t	i, count = 1;

	if (depth > CIRCLE_YAML_MAX_DEPTH + 1)
		abort();
	switch (n->type) {
	case CIRCLE_Y_SCALAR:
		if (n->value == NULL || n->nitems != 0)
			abort();
		return 1;
	case CIRCLE_Y_MAP:
		if (n->nitems % 2 != 0)
			abort();
		for (i = 0; i < n->nitems; i += 2)
			if (n->items[i]->type != CIRCLE_Y_SCALAR ||
			    circle_ymap_get(n, n->items[i]->value) == NULL)
				abort();
		break;
	case CIRCLE_Y_SEQ:
		break;
	default:
		abort();
	}
	for (i = 0; i < n->nitems; i++)
		count += walk(n->items[i], depth + 1);
	return count;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_ynode	*root;
	struct circle_err	 e;
	const char		*path;
	int			 rc;

	circle_err_clear(&e);
	path = fuzz_file(data, len);
	rc = circle_yaml_load(path, "input.yaml", NULL, &root, &e);
	fuzz_check(rc, &e, "input.yaml");
	if (rc == 0) {
		if (root == NULL || walk(root, 0) > CIRCLE_YAML_MAX_NODES + 1)
			abort();
		circle_ynode_free(root);
	}
	return 0;
}
