#!/bin/sh
test_description='the fuzz targets run their seeds and every input that once
crashed them (fuzz/regress) without a crash, a leak, a sanitizer report or
a hang'
. "$(dirname "$0")/test-lib.sh"

# Built without libFuzzer, a target replays the files it is given (replay.c);
# with it, -runs=0 makes libFuzzer run them once and stop.  After PATH, so
# that test-lib's valgrind wrappers come first.
PATH="$PATH:$CIRCLE_BUILD/fuzz"

for c in "$CIRCLE_SRC"/fuzz/corpus/*/; do
	name=$(basename "$c")
	test_expect_success "fuzz/$name: seeds and regressions" '
		set -- "$c" &&
		if test -d "$CIRCLE_SRC/fuzz/regress/$name"; then
			set -- "$@" "$CIRCLE_SRC/fuzz/regress/$name"
		fi &&
		"$name" -runs=0 "$@" >out 2>err &&
		n=$(find "$@" -type f ! -name ".*" ! -name README | wc -l) &&
		if grep "^replayed" out; then
			echo "replayed $n inputs" >expect &&
			test_cmp expect out
		fi
	'
done

test_expect_success 'every fuzz target has seeds and is built' '
	for f in "$CIRCLE_SRC"/fuzz/*.c; do
		name=$(basename "$f" .c) &&
		case $name in
		fuzz|replay) continue ;;
		esac &&
		test -d "$CIRCLE_SRC/fuzz/corpus/$name" &&
		test -x "$CIRCLE_BUILD/fuzz/$name" || {
			echo "fuzz/$name.c: no fuzz/corpus/$name/, or not in FUZZ_TARGETS" >&2
			return 1
		}
	done
'

test_done
