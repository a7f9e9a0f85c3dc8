#!/bin/sh
test_description='test-lib.sh itself: the &&-chain lint, an early exit,
prerequisites, -v, -i and -x, run on small test scripts of its own (as
git'\''s t0000-basic.sh does)'
. "$(dirname "$0")/test-lib.sh"

# write_sub NAME: sub/NAME.sh sources test-lib.sh, runs the tests on
# stdin and ends with test_done.
write_sub() {
	mkdir -p sub subtrash &&
	{
		printf '#!/bin/sh\ntest_description=%s\n' "$1" &&
		printf '. "$CIRCLE_SRC/tests/test-lib.sh"\n' &&
		cat &&
		echo test_done
	} >"sub/$1.sh"
}

# run_sub NAME [OPTION...]: run sub/NAME.sh (with $sub_test_opts as its
# $CIRCLE_TEST_OPTS), its scratch directory under ours; stdout in
# NAME.out, stderr in NAME.err, exit status in NAME.rc.
run_sub() {
	_sub=$1
	shift
	(
		unset CIRCLE_VALGRIND
		CIRCLE_TEST_OPTS=${sub_test_opts-}
		TMPDIR="$TRASH/subtrash"
		export CIRCLE_TEST_OPTS TMPDIR
		sh "sub/$_sub.sh" "$@" >"$_sub.out" 2>"$_sub.err"
		echo $? >"$_sub.rc"
	)
}

# tap_only FILE: every line of FILE is a TAP line or a comment.
tap_only() {
	if grep -v -E "^(ok [0-9]+ - |not ok [0-9]+ - |1\.\.[0-9]+$|#)" "$1" \
	    >not-tap; then
		echo "not TAP in $1:" >&2
		cat not-tap >&2
		return 1
	fi
}

test_expect_success 'a broken &&-chain fails its test; a whole one passes' '
	write_sub chain <<-\EOF &&
	test_expect_success "broken" "
		false
		true
	"
	test_expect_success "whole" "
		true &&
		true
	"
	EOF
	run_sub chain &&
	echo 0 >expect &&
	test_cmp expect chain.rc &&
	test_grep "^not ok 1 - broken$" chain.out &&
	test_grep "^#  broken &&-chain" chain.out &&
	test_grep "^ok 2 - whole$" chain.out &&
	test_grep "^1\.\.2$" chain.out &&
	tap_only chain.out
'

test_expect_success 'a here-doc without its end marker fails the lint' '
	write_sub heredoc <<-\SUB &&
	test_expect_success "run-away" "
		cat >x <<-EOF &&
		text
		EFO
		true
	"
	SUB
	run_sub heredoc &&
	test_grep "^not ok 1 - run-away$" heredoc.out &&
	test_grep "^#  broken &&-chain or run-away here-doc" heredoc.out
'

test_expect_success 'a body with a syntax error fails' '
	write_sub syntax <<-\EOF &&
	test_expect_success "syntax" "
		true &&
		if true
	"
	EOF
	run_sub syntax &&
	test_grep "^not ok 1 - syntax$" syntax.out
'

test_expect_success 'a body that exits or returns 0 early fails, not passes' '
	write_sub early <<-\EOF &&
	test_expect_success "exit" "
		true &&
		exit 0
	"
	test_expect_success "return" "
		true &&
		return 0
	"
	test_expect_success "a loop stops at a failure" "
		for i in 1 2; do
			test \$i = 2 || exit 1
		done
	"
	EOF
	run_sub early &&
	test_grep "^not ok 1 - exit$" early.out &&
	test_grep "^#  the body exited 0 before its end" early.out &&
	test_grep "^not ok 2 - return$" early.out &&
	test_grep "^not ok 3 - a loop stops at a failure$" early.out
'

test_expect_success 'what a body sets does not reach the next test' '
	write_sub subshell <<-\EOF &&
	test_expect_success "set" "
		leak=yes &&
		cd / &&
		touch \"\$TRASH/here\"
	"
	test_expect_success "unset" "
		test -z \"\$leak\" &&
		test -e here
	"
	EOF
	run_sub subshell &&
	test_grep "^ok 1 - set$" subshell.out &&
	test_grep "^ok 2 - unset$" subshell.out
'

test_expect_success 'prerequisites: a missing one is a SKIP that names it' '
	write_sub prereq <<-\EOF &&
	test_set_prereq HAVE
	test_lazy_prereq LAZYNO "false"
	test_lazy_prereq LAZYYES "test -d ."
	test_expect_success HAVE "set" "true"
	test_expect_success LAZYNO "lazy, false" "false"
	test_expect_success !LAZYNO,LAZYYES "negated, and lazy" "true"
	test_expect_success HAVE,!HAVE "both" "false"
	test_expect_success NEVER "broken chain, not run here" "
		false
		true
	"
	if test_have_prereq LAZYYES && ! test_have_prereq LAZYNO; then
		test_expect_success "test_have_prereq" "true"
	fi
	EOF
	run_sub prereq &&
	cat >expect <<-\EOF &&
	ok 1 - set
	ok 2 - lazy, false # SKIP missing LAZYNO
	ok 3 - negated, and lazy
	ok 4 - both # SKIP missing !HAVE
	not ok 5 - broken chain, not run here
	ok 6 - test_have_prereq
	1..6
	EOF
	grep -v "^#" prereq.out >actual &&
	test_cmp expect actual
'

test_expect_success 'without -i every test runs; with -i it stops at the failure' '
	write_sub immediate <<-\EOF &&
	test_expect_success "one" "true"
	test_expect_success "two" "false"
	test_expect_success "three" "true"
	EOF
	run_sub immediate &&
	echo 0 >expect &&
	test_cmp expect immediate.rc &&
	test_grep "^ok 3 - three$" immediate.out &&
	run_sub immediate -i &&
	echo 1 >expect &&
	test_cmp expect immediate.rc &&
	test_grep "^not ok 2 - two$" immediate.out &&
	! grep "three" immediate.out &&
	test_grep "^1\.\.2$" immediate.out &&
	tap_only immediate.out &&
	kept=$(sed -n "s/^# -i: .*kept the scratch directory: //p" \
	    immediate.out) &&
	test -d "$kept"
'

test_expect_success '-v shows bodies and output as comments only' '
	write_sub verbose <<-\EOF &&
	test_expect_success "talks" "
		echo to-stdout &&
		echo to-stderr >&2 &&
		echo \"not ok 9 - a body cannot fake a result\" &&
		echo 1..9
	"
	EOF
	run_sub verbose &&
	! grep "to-std" verbose.out &&
	run_sub verbose -v &&
	test_grep "^# expecting success of 1 .talks.:$" verbose.out &&
	test_grep "^#  | to-stdout$" verbose.out &&
	test_grep "^#  | to-stderr$" verbose.out &&
	test_grep "^ok 1 - talks$" verbose.out &&
	test_grep "^1\.\.1$" verbose.out &&
	tap_only verbose.out &&
	test_must_be_empty verbose.err &&
	cp verbose.out by-option &&
	sub_test_opts=-v &&
	run_sub verbose &&
	test_cmp by-option verbose.out
'

test_expect_success '-x traces the bodies, not the harness' '
	write_sub trace <<-\EOF &&
	test_expect_success "traced" "
		echo traced-out
	"
	test_expect_success "failing" "
		false
	"
	EOF
	run_sub trace -x &&
	test_grep "^#  | ++* echo traced-out$" trace.out &&
	test_grep "^#  | error: last command exited with \\\$?=1$" trace.out &&
	! grep -e "set +x" -e "_rc=" -e "exit 117" trace.out &&
	tap_only trace.out
'

test_expect_success 'an unknown option stops the script with a TAP bail out' '
	write_sub unknown </dev/null &&
	run_sub unknown --no-such-option &&
	echo 99 >expect &&
	test_cmp expect unknown.rc &&
	test_grep "^Bail out! .*unknown test option .--no-such-option." unknown.out
'

test_expect_success 'no test script gets around test_expect_success' '
	cd "$CIRCLE_SRC/tests" &&
	awk "/^[^#]*(test_expect_success *\\(\\)|test_chain_lint|test_run_body|test_count=|echo \"?(not )?ok +[0-9$])/ &&
	    FILENAME !~ /^t0002-/ { print FILENAME \":\" FNR \": \" \$0 }" \
	    t[0-9]*.sh >"$TRASH/bypass" &&
	test_must_be_empty "$TRASH/bypass"
'

test_done
