/*
 * roster-yaml.c: fuzz target for "circle roster import FILE.yaml": a
 * roster as a YAML list of people, field checks and matching.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_import_opts	o;
	struct circle_import_result	r;
	struct circle_err		e;
	int				rc;

	memset(&o, 0, sizeof o);
	o.name = "input.yaml";
	o.dry_run = 1;
	o.yaml = 1;
	circle_err_clear(&e);
	o.path = fuzz_file(data, len);
	rc = circle_roster_import(fuzz_db(), &o, &r, &e);
	fuzz_check(rc, &e, o.name);
	/* A failure keeps its bad cells: released either way. */
	circle_import_result_release(&r);
	return 0;
}
