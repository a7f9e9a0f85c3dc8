/*
 * writer.c: one process of the concurrent-writers test (t1100-db-faults.sh):
 * adds N people to the database, one write transaction each, as fast as it
 * can, opening the database again every R writes; says every failure.
 *
 *	writer DB TAG N [R]
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "circle.h"

int
main(int argc, char **argv)
{
	struct circle_db_opts	 o;
	struct circle_member_set s;
	struct circle_member	 m;
	struct circle_err	 e;
	struct circle_db	*db = NULL;
	char			 name[128];
	long			 n, r, i, failed = 0;

	circle_sqlite_setup();	/* SQLite set up as a tool's (tool_main) */
	if (argc < 4 || argc > 5 || (n = atol(argv[3])) < 1) {
		fprintf(stderr, "usage: writer DB TAG N [R]\n");
		return 2;
	}
	r = argc == 5 ? atol(argv[4]) : 0;
	memset(&o, 0, sizeof o);
	o.path = argv[1];
	o.tool = "writer";
	for (i = 1; i <= n; i++) {
		circle_err_clear(&e);
		if (db == NULL && circle_db_open(&db, &o, &e) == -1) {
			fprintf(stderr, "writer %s: open %ld: %s\n", argv[2], i,
			    e.msg);
			failed++;
			continue;
		}
		memset(&s, 0, sizeof s);
		snprintf(name, sizeof name, "%s Person%ld", argv[2], i);
		s.display_name = name;
		if (circle_member_add(db, &s, &m, &e) == -1) {
			fprintf(stderr, "writer %s: add %ld: %s\n", argv[2], i,
			    e.msg);
			failed++;
		} else
			circle_member_release(&m);
		if (r > 0 && i % r == 0) {
			circle_db_close(db);
			db = NULL;
		}
	}
	circle_db_close(db);
	return failed > 0;
}
