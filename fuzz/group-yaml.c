/*
 * group-yaml.c: fuzz target for "circle group import FILE" (circle-group(5)):
 * a group, its facilitators and schedules, expanded into sessions.
 */
#include "config.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_group_import	r;
	struct circle_err		e;
	const char			*path;
	int				rc;

	circle_err_clear(&e);
	path = fuzz_file(data, len);
	rc = circle_group_import(fuzz_db(), path, 1, &r, &e);
	fuzz_check(rc, &e, path);
	if (rc == 0)
		circle_group_import_release(&r);
	return 0;
}
