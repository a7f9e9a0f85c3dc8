/*
 * seal.c: fuzz target for sealed files (circle db merge and load of a file
 * sealed with --encrypt): the header, the chunks and their end.  Inputs
 * asking Argon2id for more than its smallest limits are left out (a real
 * file may ask up to 1 GiB; that is a cost, not a bug to find).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct circle_err	 e;
	unsigned char		*plain;
	size_t			 n;
	int			 rc;

	/* opslimit (u32 at 12) and memlimit in KiB (u32 at 16), LE. */
	if (len >= 20 && (data[13] | data[14] | data[15] | data[17] |
	    data[18] | data[19] || data[12] > 2 || data[16] > 64))
		return 0;
	circle_err_clear(&e);
	rc = circle_unseal(data, len, "fuzz passphrase", &plain, &n, &e);
	fuzz_check(rc, &e, NULL);
	if (rc == 0) {
		if (plain == NULL)
			abort();
		circle_unsealed_free(plain, n);
	} else if (plain != NULL || n != 0)
		abort();
	return 0;
}
