#!/bin/sh
# gen-large.sh: the large benchmark database (issue 4), deterministic.
#
# Usage: gen-large.sh BUILDDIR DBFILE [SCALE]
#
# Creates DBFILE with BUILDDIR/circle-db (circle's own schema), fills it
# with the sqlite3 shell in one transaction (gen-lib.sh says what is in
# it), has circle-db migrate fold the names, checks it with circle-db
# check and prints the row counts.  SCALE
# (default 1) multiplies the groups, members and attendance rows: at 1,
# 200 groups, 10,000 members, 52,000 sessions, 1,000,000 attendance rows;
# 0.1 gives a tenth of each over the same five years.  The same SCALE gives
# the same data.  SQLITE3 names the sqlite3 shell (default sqlite3).
set -e

usage() {
	echo "usage: gen-large.sh BUILDDIR DBFILE [SCALE]" >&2
	echo "  SCALE: 1 (default) is 200 groups, 10,000 members," \
	    "1,000,000 attendance rows; 0.1 a tenth" >&2
	exit 2
}
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
builddir=$1
db=$2
scale=${3:-1}
sqlite3=${SQLITE3:-sqlite3}
here=$(dirname "$0")
. "$here/gen-lib.sh"

large_counts "$scale" || {
	echo "gen-large.sh: bad SCALE \"$scale\" (a number, 0.01 to 20)" >&2
	usage
}
if [ ! -x "$builddir/circle-db" ]; then
	echo "gen-large.sh: $builddir/circle-db is not built" >&2
	exit 1
fi
if ! command -v "$sqlite3" >/dev/null 2>&1; then
	echo "gen-large.sh: no sqlite3 shell ($sqlite3)" >&2
	exit 1
fi
if [ -e "$db" ]; then
	echo "gen-large.sh: $db exists; remove it first" >&2
	exit 1
fi

"$builddir/circle-db" --db "$db" init >/dev/null
large_sql "$scale" | "$sqlite3" -bail "$db" >/dev/null
# The shell leaves the people's folded names to circle (lib/schema.c: NULL
# is not folded yet); fold them now, not in the first timed write.
"$builddir/circle-db" --db "$db" migrate >/dev/null
got=$("$sqlite3" "$db" "SELECT count(*) FROM attendance")
if [ "$got" -ne "$A" ]; then
	echo "gen-large.sh: $got attendance rows, not $A" >&2
	exit 1
fi
check=$("$builddir/circle-db" --db "$db" check)
if [ "$check" != ok ]; then
	echo "gen-large.sh: circle-db check: $check" >&2
	exit 1
fi
"$sqlite3" "$db" "SELECT 'scale $scale: ' ||
    (SELECT count(*) FROM grp) || ' groups, ' ||
    (SELECT count(*) FROM member) || ' members, ' ||
    (SELECT count(*) FROM membership) || ' memberships, ' ||
    (SELECT count(*) FROM session) || ' sessions (' ||
    (SELECT count(*) FROM session WHERE status = 'held') || ' held), ' ||
    (SELECT count(*) FROM attendance) || ' attendance rows, ' ||
    (SELECT count(*) FROM change_log) || ' change-log rows'"
