#!/bin/sh
# run.sh: make fuzz, and the fuzz step of .ci/run.  Runs each libFuzzer
# target for SECONDS, one after the other.
#
# Usage: run.sh BUILDDIR SRCDIR SECONDS TARGET...
#
# A target fuzz/NAME starts from its seeds, SRCDIR/fuzz/corpus/NAME, and
# the inputs that once crashed it, SRCDIR/fuzz/regress/NAME, with the
# dictionary SRCDIR/fuzz/dict/NAME.dict; what it learns stays in
# BUILDDIR/fuzz/work/NAME for the next run.  A crash, leak, hang or
# sanitizer report is kept in BUILDDIR/fuzz/crashes/ and makes the exit
# status 1.  FUZZ_FLAGS adds libFuzzer options.
set -u

[ $# -ge 4 ] || {
	echo "usage: run.sh BUILDDIR SRCDIR SECONDS TARGET..." >&2
	exit 2
}
build=$1 src=$2 secs=$3
shift 3
crashes=$build/fuzz/crashes
mkdir -p "$crashes"
failed=

for t in "$@"; do
	name=${t##*/}
	work=$build/fuzz/work/$name
	log=$build/fuzz/$name.log
	mkdir -p "$work"
	set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$crashes/$name-"
	[ -f "$src/fuzz/dict/$name.dict" ] &&
	    set -- "$@" -dict="$src/fuzz/dict/$name.dict"
	set -- "$@" ${FUZZ_FLAGS:-} "$work" "$src/fuzz/corpus/$name"
	[ -d "$src/fuzz/regress/$name" ] && set -- "$@" "$src/fuzz/regress/$name"
	printf 'fuzz: %s for %ss ... ' "$name" "$secs"
	if "$build/fuzz/$name" "$@" >"$log" 2>&1; then
		sed -n 's/^stat::number_of_executed_units: */ok, /p' "$log" |
		    tr -d '\n'
		echo " runs, $(ls "$work" | wc -l | tr -d ' ') inputs in" \
		    "fuzz/work/$name"
	else
		echo "FAILED (log: $log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ALARM)' \
		    "$log" | head -n 5
		tail -n 40 "$log"
		failed="$failed $name"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed; inputs in $crashes" >&2
	exit 1
fi
