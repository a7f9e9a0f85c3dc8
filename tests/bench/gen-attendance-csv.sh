#!/bin/sh
# gen-attendance-csv.sh: a deterministic sign-in CSV of N attendance rows
# for the "circle attend import" benchmark (issue 4).
#
# Usage: gen-attendance-csv.sh N FILE [DBFILE]
#
# FILE gets a header and N rows, date,time,group,handle,status: the local
# date and start time of a session, its group's handle, a member's handle
# and a status (present, late, left_early, excused, absent), in the order
# they happened.  The rows are exactly the attendance of the large
# benchmark database at scale N / 1,000,000 (gen-large.sh; N = 1,000,000
# is scale 1), so the file imports into a copy of that database whose
# attendance rows were deleted: every session, group and member exists and
# every person was on the group's roster that day.  With DBFILE (a
# database gen-large.sh made at that scale) the rows are read from it;
# without, the same data is built in a scratch file first (no circle tools
# needed).  SQLITE3 names the sqlite3 shell (default sqlite3).
set -e

usage() {
	echo "usage: gen-attendance-csv.sh N FILE [DBFILE]" >&2
	echo "  N: rows, 1000000 for the large database (at least 20000)" >&2
	exit 2
}
[ $# -eq 2 ] || [ $# -eq 3 ] || usage
n=$1
file=$2
db=$3
sqlite3=${SQLITE3:-sqlite3}
here=$(dirname "$0")
. "$here/gen-lib.sh"

case $n in
''|*[!0-9]*) usage ;;
esac
scale=$(awk -v n="$n" 'BEGIN { printf "%.6f\n", n / 1000000 }')
if ! large_counts "$scale" || [ "$A" -ne "$n" ]; then
	echo "gen-attendance-csv.sh: N must be 20000 to 20000000" >&2
	usage
fi
if ! command -v "$sqlite3" >/dev/null 2>&1; then
	echo "gen-attendance-csv.sh: no sqlite3 shell ($sqlite3)" >&2
	exit 1
fi

scratch=
cleanup() {
	if [ -n "$scratch" ]; then
		rm -rf "$scratch"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$db" ]; then
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/gen-attendance.XXXXXX")
	db=$scratch/large.db
	{ large_schema; large_sql "$scale"; } | "$sqlite3" -bail "$db" \
	    >/dev/null
elif [ ! -f "$db" ]; then
	echo "gen-attendance-csv.sh: no database $db" >&2
	exit 1
fi
got=$("$sqlite3" "$db" "SELECT count(*) FROM attendance")
if [ "$got" -ne "$n" ]; then
	echo "gen-attendance-csv.sh: $db has $got attendance rows, not $n" \
	    "(made at another scale?)" >&2
	exit 1
fi
large_csv_sql "$file" | "$sqlite3" -bail "$db"
