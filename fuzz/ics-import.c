/*
 * ics-import.c: fuzz target for "circle session import FILE.ics": VEVENTs,
 * their rules, dates, zones and overrides, as sessions of a group; then
 * the same with --skip-bad when the file was refused, else again whole
 * (no --until) and --strict.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"

static int
import(const uint8_t *data, size_t len, int skip_bad, int whole,
    struct circle_err *e)
{
	struct circle_ics_import_opts	o;
	struct circle_ics_import_result	r;
	int				rc;

	memset(&o, 0, sizeof o);
	o.group = "tc";
	/*
	 * Not a year from today: the same input, the same run.  Without
	 * --until (whole), series bounded by COUNT or UNTIL are made whole
	 * and only open ones depend on the day.
	 */
	o.until = whole ? NULL : "2027-12-31";
	o.dry_run = 1;
	o.skip_bad = skip_bad;
	o.strict = whole;
	circle_err_clear(e);
	rc = circle_ics_import(fuzz_db(), (const char *)data, len,
	    "input.ics", &o, &r, e);
	fuzz_check(rc, e, "input.ics");
	if (rc == 0)
		circle_ics_import_result_release(&r);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_err	e;

	if (import(data, len, 0, 0, &e) == -1 && e.code == CIRCLE_EDATA)
		import(data, len, 1, 0, &e);
	else
		import(data, len, 0, 1, &e);
	return 0;
}
