#!/bin/sh
# run.sh: make fuzz, and the fuzz step of .ci/run.  Runs each libFuzzer
# target for SECONDS, FUZZ_JOBS of them at a time (default 1: one after
# the other); what each did is said in the order given.
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
jobs=${FUZZ_JOBS:-1}
failed=

# fuzz_one TARGET: run it; what it did in fuzz/NAME.said, its status the
# exit status.
fuzz_one() {
	name=${1##*/}
	work=$build/fuzz/work/$name
	log=$build/fuzz/$name.log
	said=$build/fuzz/$name.said
	mkdir -p "$work"
	set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix="$crashes/$name-"
	[ -f "$src/fuzz/dict/$name.dict" ] &&
	    set -- "$@" -dict="$src/fuzz/dict/$name.dict"
	set -- "$@" ${FUZZ_FLAGS:-} "$work" "$src/fuzz/corpus/$name"
	[ -d "$src/fuzz/regress/$name" ] && set -- "$@" "$src/fuzz/regress/$name"
	if "$build/fuzz/$name" "$@" >"$log" 2>&1; then
		{
			printf 'fuzz: %s for %ss ... ' "$name" "$secs"
			sed -n 's/^stat::number_of_executed_units: */ok, /p' \
			    "$log" | tr -d '\n'
			echo " runs, $(ls "$work" | wc -l | tr -d ' ') inputs in" \
			    "fuzz/work/$name"
		} >"$said"
		return 0
	fi
	{
		printf 'fuzz: %s for %ss ... FAILED (log: %s)\n' "$name" \
		    "$secs" "$log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|ALARM)' \
		    "$log" | head -n 5
		tail -n 40 "$log"
	} >"$said"
	return 1
}

# The targets of a batch, started together; then each said in order.
batch=
run_batch() {
	for t in $batch; do
		( fuzz_one "$t" ) &
	done
	wait
	for t in $batch; do
		name=${t##*/}
		cat "$build/fuzz/$name.said"
		grep -q '\.\.\. FAILED' "$build/fuzz/$name.said" &&
		    failed="$failed $name"
		rm -f "$build/fuzz/$name.said"
	done
	batch=
}

n=0
for t in "$@"; do
	batch="$batch $t"
	n=$((n + 1))
	if [ "$n" -ge "$jobs" ]; then
		run_batch
		n=0
	fi
done
[ -n "$batch" ] && run_batch
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed; inputs in $crashes" >&2
	exit 1
fi
