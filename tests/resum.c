/*
 * resum.c: the page sums of a plain extract written again (lib/pagesum.c),
 * as anyone who changes the file on purpose can: the tests change
 * extracts with the sqlite3 shell to show how a merge refuses what the
 * sums cannot (a file made wrong on purpose), and a few to show the sums
 * refusing the change.
 *
 *	resum FILE
 */
#include "config.h"

#include <stdio.h>

#include "circle-priv.h"

int
main(int argc, char **argv)
{
	struct circle_err	e;

	if (argc != 2) {
		fprintf(stderr, "usage: resum FILE\n");
		return 2;
	}
	circle_err_clear(&e);
	if (circle_pagesum_file(argv[1], argv[1], &e) == -1) {
		fprintf(stderr, "resum: %s\n", e.msg);
		return 1;
	}
	return 0;
}
