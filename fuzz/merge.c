/*
 * merge.c: fuzz target for "circle db merge FILE" of a damaged or hostile
 * extract: read into memory, given to SQLite (sqlite3_deserialize),
 * checked (version, schema, quick_check, text) and merged as a dry run.
 */
#include "config.h"

#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_merge_opts	o;
	struct circle_merge_result	r;
	struct circle_err		e;
	int				rc;

	memset(&o, 0, sizeof o);
	o.dry_run = 1;
	o.passphrase = "fuzz passphrase";
	circle_err_clear(&e);
	o.path = fuzz_file(data, len);
	rc = circle_db_merge(fuzz_db(), &o, &r, &e);
	fuzz_check(rc, &e, o.path);
	circle_merge_result_release(&r);
	return 0;
}
