# test-lib.sh: the shell test harness (after git's t/test-lib.sh).  A test
# script sets test_description, sources this file, runs test_expect_success
# blocks and ends with test_done.  Output is TAP for automake's driver:
# stdout carries only TAP lines and '#' comments, whatever the options.
#
# Each script runs in its own scratch directory with its own database:
# $CIRCLE_DB (data/circle.db there), HOME and XDG_* point inside it.
#
# Options, on the script's command line or in $CIRCLE_TEST_OPTS (the way
# to give them under make check), as in git (tests/README):
#   -v, --verbose    show each test's body and output, as '#' lines
#   -i, --immediate  stop at the first failing test, keeping the scratch
#                    directory
#   -x               trace the test bodies (set -x); implies -v
verbose=
immediate=
trace=
for _opt in $CIRCLE_TEST_OPTS "$@"; do
	case $_opt in
	-v|--verbose) verbose=t ;;
	-i|--immediate) immediate=t ;;
	-x) trace=t verbose=t ;;
	*)
		echo "Bail out! $0: unknown test option '$_opt' (tests/README)"
		exit 99
		;;
	esac
done
# Under -x a body's trace must not land in a file the body captures with
# 2>FILE: bash can send it elsewhere (BASH_XTRACEFD), other shells cannot.
if [ -n "$trace" ] && [ -z "$BASH_VERSION" ]; then
	if command -v bash >/dev/null 2>&1; then
		exec bash "$0" "$@"
	fi
	echo "# -x without bash: a trace can end up in a test's captured stderr"
fi
set --
LF='
'

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
# On a terminal (script(1), a pty) the tools page and colour: no pager of
# the user's, no colour choice, no width; a test that wants one sets it.
unset CIRCLE_PAGER NO_COLOR COLUMNS LESS
PAGER=cat
export PAGER
unset CIRCLE_CONFIG	# a config of your own stays out of the tests
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

# test_expect_success [PREREQ] TITLE BODY: run BODY, ok when it exits 0.
# BODY runs in a subshell (as "( eval BODY )"), in the scratch directory
# with stdin from /dev/null: what it sets (variables, cd, exports) is gone
# when it ends, and "|| exit 1" in a loop fails that test only.  A test that
# needs something from an earlier one finds it in a file or the database.
# PREREQ: see test_set_prereq; when it is missing the test is a TAP SKIP.
test_expect_success() {
	if [ $# = 3 ]; then
		_prereq=$1
		shift
	else
		_prereq=
	fi
	if [ $# != 2 ]; then
		echo "Bail out! $0: test_expect_success takes [PREREQ] TITLE BODY"
		exit 99
	fi
	test_count=$((test_count + 1))
	# Every body is linted, also one whose prerequisite is missing here.
	if ! test_chain_lint "$2"; then
		: >"$TRASH/.out"
		: >"$TRASH/.err"
		test_failure "$1" "$2" \
		    "broken &&-chain or run-away here-doc (tests/README)"
		return
	fi
	if [ -n "$_prereq" ] && ! test_have_prereq "$_prereq"; then
		test_skipped=$((test_skipped + 1))
		echo "ok $test_count - $1 # SKIP missing $test_missing_prereq"
		return
	fi
	if [ -n "$verbose" ]; then
		echo "# expecting success of $test_count '$1':"
		printf '%s\n' "$2" | sed 's/^/#    /'
	fi
	rm -f "$TRASH/.reached"
	if [ -n "$verbose" ]; then
		test_run_body "$2" >"$TRASH/.out" 2>&1 4>&1
	else
		test_run_body "$2" >"$TRASH/.out" 2>"$TRASH/.err"
	fi
	_rc=$?
	if [ "$_rc" = 0 ] && ! [ -e "$TRASH/.reached" ]; then
		test_failure "$1" "$2" \
		    "the body exited 0 before its end (exit or return): use a prerequisite to skip (tests/README)"
	elif [ "$_rc" = 0 ]; then
		if [ -n "$verbose" ]; then
			sed 's/^/#  | /' <"$TRASH/.out"
		fi
		echo "ok $test_count - $1"
	else
		test_failure "$1" "$2"
	fi
}

# test_run_body BODY: BODY in a subshell (under set -x with -x, the trace
# on fd 4 in bash); touches .reached when it ran to its end and succeeded.
test_run_body() {
	(
		if [ -n "$trace" ]; then
			BASH_XTRACEFD=4
			eval "set -x$LF$1"
		else
			eval "$1"
		fi
		{ _rc=$?; set +x; } 2>/dev/null 4>/dev/null
		if [ "$_rc" = 0 ]; then
			: >"$TRASH/.reached"
		elif [ -n "$trace" ]; then
			echo "error: last command exited with \$?=$_rc" >&2
		fi
		exit "$_rc"
	) </dev/null
}

# test_chain_lint BODY: BODY's commands are one &&-chain (git's trick: with
# "(exit 117) &&" in front, an unbroken chain runs nothing and the status
# is 117; a command after a break runs and gives its own status).  The
# "echo" after it also catches a here-doc whose end marker is missing (it
# swallows the echo).  It cannot see into ( ), { }, loops or functions
# (tests/README).
test_chain_lint() {
	_lint=$( (eval "(exit 117) && $1$LF${LF}echo OK-\$? >&3") \
	    3>&1 >/dev/null 2>&1 </dev/null)
	[ "$_lint" = OK-117 ]
}

# test_failure TITLE BODY [WHY]: a "not ok" with the body's output, the
# body and why; with -i, the end of the script.
test_failure() {
	test_failed=$((test_failed + 1))
	echo "not ok $test_count - $1"
	if [ -n "$3" ]; then
		echo "#  $3"
	fi
	if [ -n "$verbose" ]; then
		sed 's/^/#  | /' <"$TRASH/.out"
	else
		sed 's/^/#  > /' <"$TRASH/.out"
		sed 's/^/#  ! /' <"$TRASH/.err"
	fi
	printf '%s\n' "$2" | sed 's/^/#    /'
	if [ -n "$immediate" ]; then
		echo "1..$test_count"
		echo "# -i: stopped at the first failure; kept the scratch directory: $TRASH"
		exit 1
	fi
}

# test_skip TITLE REASON: a test that cannot run here (TAP SKIP).
test_skip() {
	test_count=$((test_count + 1))
	test_skipped=$((test_skipped + 1))
	echo "ok $test_count - $1 # SKIP $2"
}

# Prerequisites (git's): test_set_prereq NAME says NAME holds here;
# test_lazy_prereq NAME SCRIPT says it holds when SCRIPT exits 0 (run once,
# on first use, in a subshell).  test_have_prereq NAME[,NAME...] (a "!"
# before a name: must not hold) is true when all hold; what does not is in
# $test_missing_prereq.  test_expect_success NAME,... TITLE BODY skips the
# test, and says which, when one does not.
test_prereqs_held=' '
test_prereqs_failed=' '
test_set_prereq() {
	test_prereqs_held="$test_prereqs_held$1 "
}
test_lazy_prereq() {
	case $1 in
	''|*[!A-Za-z0-9_]*)
		echo "Bail out! $0: bad prerequisite name '$1'"
		exit 99
		;;
	esac
	eval "test_lazy_$1=\$2"
}
test_have_prereq() {
	test_missing_prereq=
	_ifs=$IFS
	IFS=,
	set -- $*
	IFS=$_ifs
	for _p; do
		case $_p in
		!*) _name=${_p#!} ;;
		*) _name=$_p ;;
		esac
		case $_name in
		''|*[!A-Za-z0-9_]*)
			echo "Bail out! $0: bad prerequisite name '$_name'"
			exit 99
			;;
		esac
		case $test_prereqs_held$test_prereqs_failed in
		*" $_name "*) ;;
		*)
			eval "_script=\${test_lazy_$_name-}"
			if [ -n "$_script" ] && (eval "$_script") \
			    >/dev/null 2>&1 </dev/null; then
				test_prereqs_held="$test_prereqs_held$_name "
			else
				test_prereqs_failed="$test_prereqs_failed$_name "
			fi
			;;
		esac
		_held=
		case $test_prereqs_held in
		*" $_name "*) _held=t ;;
		esac
		case $_p in
		!*) [ -z "$_held" ] ;;
		*) [ -n "$_held" ] ;;
		esac ||
		    test_missing_prereq=$test_missing_prereq${test_missing_prereq:+,}$_p
	done
	[ -z "$test_missing_prereq" ]
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

# nothing_written CMD...: CMD exits 65 (bad data) with its output in
# out and err, and the database is as it was, byte for byte of its dump.
nothing_written() {
	circle db dump >before &&
	test_expect_code 65 "$@" >out 2>err &&
	circle db dump >after &&
	test_cmp before after
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
