#!/bin/sh
# on-every-day.sh: run shell tests with the clock moved to the days and
# hours where a test that assumed today breaks: each of the next 7 days at
# 12:00 UTC (every day of the week), a day at 23:55 and the next at 00:05
# UTC (a group's zone and UTC on different days), 31 December 12:00, 28
# February and 29 February (of the next leap year) 12:00, and the Sundays
# the US clocks change (March and November) at 12:00 UTC.  Not part of make
# check: run it by hand from the build directory after "make check TESTS="
# (which builds the programs the tests use, such as tests/resum), on the
# tests that use today (tests/README, "Tests and the clock"):
#
#	sh SRCDIR/tests/on-every-day.sh tests/t4210-dates-said.sh ...
#	sh SRCDIR/tests/on-every-day.sh -j 2 -o /tmp/days $(grep -l ...)
#	sh SRCDIR/tests/on-every-day.sh -w 'tomorrow 23:55' tests/t4000-session.sh
#
# Options: -j N runs N tests at once; -o DIR keeps each log as
# DIR/WHEN/tNNNN.log (default a new directory under $TMPDIR, named at the
# end); -w WHEN (date -d words, UTC; repeatable) runs at those moments
# instead; -l lists the moments and runs nothing.  A test is named by its
# file: "tests/t4000-session.sh" and "t4000-session.sh" both do.
#
# The clock is moved by tests/shiftclock.c, an LD_PRELOAD shim built here
# with $CC (default cc) into the log directory: every program the tests
# start (circle, sqlite3, date, python3) sees the moved time; file times
# and the monotonic clock do not move.  It cannot be preloaded under
# AddressSanitizer (the runtime must come first): use a plain build.
# Exit 0 when every test passed on every day, 1 when one failed (each
# "not ok" is listed with its day), 2 on bad use.

usage() {
	echo "usage: on-every-day.sh [-l] [-j N] [-o DIR] [-w WHEN]... TEST..." >&2
	exit 2
}

jobs=1
list=
out=
whens=
while getopts lj:o:w: opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	l) list=t ;;
	o) out=$OPTARG ;;
	w) whens="$whens$OPTARG
" ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || [ -n "$list" ] || usage
case $jobs in
''|*[!0-9]*|0) echo "on-every-day.sh: -j wants a number of jobs, not '$jobs'" >&2; exit 2 ;;
esac

# Moments and labels in UTC (test-lib.sh sets TZ=UTC for the tests too).
TZ=UTC
export TZ

# The moments, as "date -d" words in UTC, from now.
if [ -z "$whens" ]; then
	year=$(date +%Y)
	for i in 1 2 3 4 5 6 7; do
		whens="$whens$(date -d "today + $i days" +%F) 12:00
"
	done
	day=$(date -d "today + 1 day" +%F)
	whens="$whens$day 23:55
$(date -d "$day + 1 day" +%F) 00:05
"
	whens="$whens$year-12-31 12:00
"
	y=$((year + 1))
	whens="$whens$y-02-28 12:00
"
	while ! { [ $((y % 4)) = 0 ] && { [ $((y % 100)) != 0 ] ||
	    [ $((y % 400)) = 0 ]; }; }; do
		y=$((y + 1))
	done
	whens="$whens$y-02-29 12:00
"
	# The second Sunday of March and the first of November, next year.
	y=$((year + 1))
	for first in "$y-03-08" "$y-11-01"; do
		dow=$(date -d "$first" +%u)
		whens="$whens$(date -d "$first + $(((7 - dow) % 7)) days" +%F) 12:00
"
	done
fi

if [ -n "$list" ]; then
	printf "%s" "$whens" | while IFS= read -r when; do
		date -d "$when" "+%F %a %H:%M UTC" || exit 2
	done
	exit
fi

src=$(cd "$(dirname "$0")/.." && pwd)
: "${CIRCLE_BUILD:=$PWD}"
if ! [ -x "$CIRCLE_BUILD/circle" ]; then
	echo "on-every-day.sh: no circle in $CIRCLE_BUILD: run it from the build directory after make (or set CIRCLE_BUILD)" >&2
	exit 2
fi
if ! [ -x "$CIRCLE_BUILD/tests/resum" ]; then
	echo "on-every-day.sh: no tests/resum in $CIRCLE_BUILD: run make check TESTS= first" >&2
	exit 2
fi
export CIRCLE_BUILD

# Each test's file, before anything runs.
tests=
for t; do
	name=${t##*/}
	case $name in
	t[0-9]*.sh) ;;
	*)
		echo "on-every-day.sh: $t: not a test script (tests/tNNNN-*.sh)" >&2
		exit 2
		;;
	esac
	if ! [ -f "$src/tests/$name" ]; then
		echo "on-every-day.sh: $t: no such test in $src/tests" >&2
		exit 2
	fi
	tests="$tests $name"
done

if [ -z "$out" ]; then
	out=$(mktemp -d "${TMPDIR:-/tmp}/on-every-day.XXXXXX") || exit 2
fi
mkdir -p "$out" || exit 2
shim=$out/shiftclock.so
${CC:-cc} -shared -fPIC -O1 -o "$shim" "$src/tests/shiftclock.c" -ldl || {
	echo "on-every-day.sh: cannot build $src/tests/shiftclock.c with ${CC:-cc}" >&2
	exit 2
}

# Started in the background (&), the shell ignores SIGINT, and so would
# every test, where a Ctrl-C test (t1405) needs it: GNU env restores it.
dflt=
if env --default-signal=INT true 2>/dev/null; then
	dflt="env --default-signal=INT"
fi
export dflt

summary=$out/summary
: >"$summary"
echo "$whens" | while IFS= read -r when; do
	[ -n "$when" ] || continue
	at=$(date -d "$when" +%s) || {
		echo "on-every-day.sh: date cannot read '$when'" >&2
		echo "bad" >>"$summary"
		continue
	}
	label=$(date -d "@$at" +%F-%a-%H%M)
	mkdir -p "$out/$label" || exit 2
	echo "# $label"
	# Each test starts at the moment, however long the ones before took.
	for t in $tests; do
		echo "$t"
	done | xargs -P "$jobs" -I{} sh -c '
		SHIFT_SECONDS=$(($1 - $(date +%s))) LD_PRELOAD=$2 \
		    $dflt sh "$3/tests/$4" >"$5/$4.log" 2>&1
		bad=$(grep "^not ok" "$5/$4.log")
		if [ -n "$bad" ] || ! grep -q "^1\.\." "$5/$4.log"; then
			echo "FAIL $6 $4"
			printf "%s\n" "$bad" | sed "s/^/    /"
		else
			echo "ok   $6 $4"
		fi' sh "$at" "$shim" "$src" {} "$out/$label" "$label" |
	    tee -a "$summary"
done
echo "# logs: $out"
if grep -q "^FAIL\|^bad" "$summary"; then
	exit 1
fi
exit 0
