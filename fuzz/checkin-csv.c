/*
 * checkin-csv.c: fuzz target for "circle checkin import": a web form's CSV
 * of check-in answers (timestamps, people, answers to the seeded survey),
 * with the follow-ups its flags open.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_checkin_import_opts	o;
	struct circle_checkin_import_result	r;
	struct circle_err			e;
	int					rc;

	memset(&o, 0, sizeof o);
	o.name = "input.csv";
	o.survey = "checkin";
	o.dry_run = 1;
	circle_err_clear(&e);
	o.path = fuzz_file(data, len);
	rc = circle_checkin_import(fuzz_db(), &o, &r, &e);
	fuzz_check(rc, &e, o.name);
	/* A failure keeps its bad cells: released either way. */
	circle_checkin_import_release(&r);
	return 0;
}
