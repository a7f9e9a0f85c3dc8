#!/bin/sh
# demo.sh: the Quick start, run by "make demo".  Builds a small database for
# a made-up weekly survivors' circle from examples/roster.csv with the tools
# just built, and shows what each step gives.  Run it again at will: it starts
# from a fresh database every time.
#
# Usage: demo.sh BUILDDIR SRCDIR [DEMODIR]
#
# Sessions, attendance, check-ins, the facilitator's prep sheet, calendar
# (.ics) and spreadsheet (.xlsx) output come with later tools (circle session,
# attend, checkin, report, export); this demo will grow with them.
set -e

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
	echo "usage: demo.sh BUILDDIR SRCDIR [DEMODIR]" >&2
	exit 2
fi
builddir=$1
srcdir=$2
demodir=${3:-$builddir/demo}

for tool in circle circle-db circle-group circle-roster; do
	if [ ! -x "$builddir/$tool" ]; then
		echo "demo.sh: $builddir/$tool is not built; run make first" >&2
		exit 1
	fi
done

PATH=$builddir:$PATH
export PATH
# Everything below works on the demo database only, never on your own.
CIRCLE_DB=$demodir/circle.db
export CIRCLE_DB
unset XDG_CONFIG_HOME

fail() {
	echo "demo.sh: FAILED: $*" >&2
	exit 1
}

step() {
	printf '\n== %s ==\n' "$*"
}

# The database holds (made-up) personal details: keep the directory private,
# as circle itself does.
umask 077
mkdir -p "$demodir"
chmod 700 "$demodir"
rm -f "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm" "$CIRCLE_DB-journal" \
    "$demodir/backup.db"

step "circle init: a new database ($CIRCLE_DB)"
circle init || fail "circle init"

step "circle group add: a weekly group"
circle group add --tz America/Los_Angeles \
    --location "Room 4, Eastside Community Center" --duration 90 \
    "Tuesday Evening Circle" || fail "circle group add"

step "circle roster import: the people, from examples/roster.csv"
circle roster import --group tuesday-evening-circle \
    "$srcdir/examples/roster.csv" || fail "circle roster import"

step "circle roster join: Maya co-facilitates"
circle roster join --role facilitator maya-o tuesday-evening-circle ||
    fail "circle roster join"

step "circle group show"
circle group show tuesday-evening-circle || fail "circle group show"

step "circle roster list (contacts stay hidden unless --with-contacts)"
circle roster list --format table || fail "circle roster list"

step "circle roster show maya-o"
circle roster show maya-o || fail "circle roster show"

step "circle db check: the file is sound"
circle db check || fail "circle db check"

step "circle db backup: a whole, private copy"
circle db backup --force "$demodir/backup.db" || fail "circle db backup"

printf '\nDone.  Try it yourself:\n'
printf '  export CIRCLE_DB=%s\n' "$CIRCLE_DB"
# shellcheck disable=SC2016 # $PATH is for the reader to type
printf '  export PATH=%s:$PATH\n' "$builddir"
printf '  circle roster list --with-contacts\n'
printf '  circle roster --help\n'
