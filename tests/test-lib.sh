# test-lib.sh: the shell test harness (after git's t/test-lib.sh).  A test
# script sets test_description, sources this file, runs test_expect_success
# blocks and ends with test_done.  Output is TAP for automake's driver.
#
# Each script runs in its own scratch directory with its own database:
# $CIRCLE_DB (data/circle.db there), HOME and XDG_* point inside it.

: "${CIRCLE_SRC:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${CIRCLE_BUILD:=$CIRCLE_SRC}"
export CIRCLE_SRC CIRCLE_BUILD
: "${SQLITE3:=sqlite3}"

PATH="$CIRCLE_BUILD:$PATH"
export PATH
FIXTURES="$CIRCLE_SRC/tests/fixtures"
EXAMPLES="$CIRCLE_SRC/examples"

TRASH=$(mktemp -d "${TMPDIR:-/tmp}/circle-test.XXXXXX") || exit 99
HOME="$TRASH"
XDG_DATA_HOME="$TRASH/xdg-data"
XDG_CONFIG_HOME="$TRASH/xdg-config"
CIRCLE_DB="$TRASH/data/circle.db"
LC_ALL=C.UTF-8
TZ=UTC
export HOME XDG_DATA_HOME XDG_CONFIG_HOME CIRCLE_DB LC_ALL TZ
unset CDPATH
cd "$TRASH" || exit 99

# make check-valgrind sets CIRCLE_VALGRIND: every circle program the tests
# start by name (tools, fuzz replays) runs under valgrind through a wrapper
# first in PATH, one log per process in $TRASH/.valgrind (what they start
# from the build tree too, not from /usr or the scratch directory, such as
# hooks); test_done adds a test that fails on an error or a leak.
if [ -n "$CIRCLE_VALGRIND" ]; then
	mkdir -p "$TRASH/.valgrind/bin" || exit 99
	_vg="${VALGRIND:-valgrind} --leak-check=full"
	_vg="$_vg --show-leak-kinds=definite,indirect"
	_vg="$_vg --errors-for-leak-kinds=definite,indirect --trace-children=yes"
	_vg="$_vg --trace-children-skip='/usr/*,/bin/*,/sbin/*,$TRASH/*'"
	for _p in "$CIRCLE_BUILD"/circle "$CIRCLE_BUILD"/circle-* \
	    "$CIRCLE_BUILD"/fuzz/*; do
		case $_p in *.o|*.a|*.log) continue ;; esac
		test -f "$_p" && test -x "$_p" || continue
		printf '#!/bin/sh\nexec %s --log-file="%s/.valgrind/%%p.log" \\\n    "%s" "$@"\n' \
		    "$_vg" "$TRASH" "$_p" >"$TRASH/.valgrind/bin/${_p##*/}" &&
		chmod +x "$TRASH/.valgrind/bin/${_p##*/}" || exit 99
	done
	PATH="$TRASH/.valgrind/bin:$PATH"
fi

test_count=0
test_failed=0
test_skipped=0

# test_expect_success TITLE COMMANDS: run COMMANDS (in this shell, so
# variables they set stay set); ok when they exit 0.
test_expect_success() {
	test_count=$((test_count + 1))
	if (eval "$2") >"$TRASH/.out" 2>"$TRASH/.err" </dev/null; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed 's/^/#  > /' <"$TRASH/.out"
		sed 's/^/#  ! /' <"$TRASH/.err"
		printf '%s\n' "$2" | sed 's/^/#    /'
	fi
}

# test_skip TITLE REASON: a test that cannot run here (TAP SKIP).
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# test_expect_code CODE CMD...: CMD exits with exactly CODE.
test_expect_code() {
	_want=$1
	shift
	"$@"
	_got=$?
	if [ "$_got" != "$_want" ]; then
		echo "test_expect_code: '$*' exited $_got, want $_want" >&2
		return 1
	fi
	return 0
}

# test_cmp EXPECTED ACTUAL: the files are the same (diff shown if not).
test_cmp() {
	diff -u "$1" "$2" >&2
}

# test_grep [OPTIONS] PATTERN FILE: like grep, but shows the file on a miss.
test_grep() {
	if grep "$@" >/dev/null; then
		return 0
	fi
	eval "_file=\${$#}"
	echo "test_grep: no match for '$*' in:" >&2
	cat "$_file" >&2
	return 1
}

# test_must_be_empty FILE
test_must_be_empty() {
	if [ -s "$1" ]; then
		echo "'$1' is not empty:" >&2
		cat "$1" >&2
		return 1
	fi
}

# test_mode FILE MODE: FILE has these permission bits (octal, e.g. 600).
test_mode() {
	_m=$(stat -c %a "$1") || return 1
	if [ "$_m" != "$2" ]; then
		echo "test_mode: $1 is $_m, want $2" >&2
		return 1
	fi
}

# A fresh empty database at $CIRCLE_DB.
test_fresh_db() {
	rm -rf "$TRASH/data" && circle init >/dev/null
}

# Run SQL on the test database with the sqlite3 shell (read checks only).
test_sql() {
	"$SQLITE3" -batch -noheader "$CIRCLE_DB" "$@"
}

test_have_python_module() {
	/usr/bin/python3 -c "import $1" 2>/dev/null
}

# The logs of make check-valgrind, as one more test.
test_valgrind_logs() {
	test_count=$((test_count + 1))
	_bad=$(grep -l "ERROR SUMMARY: [1-9]" "$TRASH"/.valgrind/*.log \
	    2>/dev/null)
	if [ -z "$_bad" ]; then
		echo "ok $test_count - valgrind: no errors or leaks"
		return
	fi
	test_failed=$((test_failed + 1))
	echo "not ok $test_count - valgrind: no errors or leaks"
	for _f in $_bad; do
		sed 's/^/#  /' "$_f" | head -n 80
	done
}

test_done() {
	if [ -n "$CIRCLE_VALGRIND" ]; then
		test_valgrind_logs
	fi
	echo "1..$test_count"
	if [ "$test_failed" -eq 0 ]; then
		cd / && rm -rf "$TRASH"
	else
		echo "# kept the scratch directory: $TRASH"
	fi
	exit 0
}
