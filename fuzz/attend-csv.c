/*
 * attend-csv.c: fuzz target for "circle attend import FILE": a sign-in
 * sheet naming sessions by date, time or reference and people by handle,
 * email or name.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_import_opts	o;
	struct circle_attend_result	r;
	struct circle_err		e;
	int				rc;

	memset(&o, 0, sizeof o);
	o.name = "input.csv";
	o.dry_run = 1;
	circle_err_clear(&e);
	o.path = fuzz_file(data, len);
	rc = circle_attend_import(fuzz_db(), &o, &r, &e);
	fuzz_check(rc, &e, o.name);
	/* A failure keeps its bad cells: released either way. */
	circle_attend_result_release(&r);
	return 0;
}
