#!/bin/sh
test_description='periods a coordinator reports on: --in PERIOD gives both
ends of a range (a quarter, a year, a month, two ends joined) to reports,
exports, session list and checkin list; refused beside --from or --to,
nothing written on a refusal'
. "$(dirname "$0")/test-lib.sh"

# The dates of the sessions "circle session list" lists, one a line.
listed() {
	circle session list --format tsv "$@" | cut -f3
}

test_expect_success 'setup: a group meeting through 2026' '
	circle init >/dev/null &&
	circle group add --tz UTC Wednesday >/dev/null &&
	for d in 2025-12-31 2026-01-07 2026-03-25 2026-04-01 2026-06-24 \
	    2026-07-01 2026-09-30 2026-10-07 2027-01-06; do
		circle session add --group wednesday $d 19:00 >/dev/null ||
		    return 1
	done
'

test_expect_success 'a quarter of a year, as coordinators write it' '
	printf "%s\n" 2026-07-01 2026-09-30 >want &&
	listed --in "Q3 2026" >got && test_cmp want got &&
	listed --in 2026-Q3 >got && test_cmp want got &&
	listed --in "q3-2026" >got && test_cmp want got
'

test_expect_success 'a year alone, a month, and two ends joined' '
	listed --in 2026 >got &&
	test "$(wc -l <got)" -eq 7 &&
	test "$(head -1 got)" = 2026-01-07 &&
	test "$(tail -1 got)" = 2026-10-07 &&
	printf "%s\n" 2026-01-07 2026-03-25 >want &&
	listed --in "jan-mar 2026" >got && test_cmp want got &&
	listed --in "january to march 2026" >got && test_cmp want got &&
	listed --in "2026-01-01 to 2026-03-31" >got && test_cmp want got &&
	listed --in "Q1 2026" >got && test_cmp want got &&
	listed --in "q1-q1 2026" >got && test_cmp want got &&
	printf "%s\n" 2026-03-25 >want &&
	listed --in "march 2026" >got && test_cmp want got &&
	listed --in 2026-03 >got && test_cmp want got &&
	listed --in 3/2026 >got && test_cmp want got &&
	printf "%s\n" 2025-12-31 2026-01-07 >want &&
	listed --in "dec-jan 2026" >got && test_cmp want got
'

test_expect_success 'a period word in --from is its first day, in --to its last' '
	printf "%s\n" 2026-04-01 2026-06-24 2026-07-01 2026-09-30 >want &&
	listed --from "Q2 2026" --to "Q3 2026" >got && test_cmp want got &&
	printf "%s\n" 2026-07-01 2026-09-30 2026-10-07 >want &&
	listed --in "H2 2026" >got && test_cmp want got
'

test_expect_success 'report funder and the exports take --in as --from and --to' '
	circle report funder --in "Q3 2026" --format tsv >got &&
	test_grep "^from	2026-07-01\$" got &&
	test_grep "^to	2026-09-30\$" got &&
	circle report funder --from 2026-07-01 --to 2026-09-30 --format tsv \
	    >want &&
	test_cmp want got &&
	circle report sessions --in "jan-mar 2026" --format tsv >got &&
	test "$(wc -l <got)" -eq 2 &&
	circle export csv --in "Q1 2026" -o q1.csv sessions &&
	test_grep 2026-03-25 q1.csv &&
	! test_grep 2026-04-01 q1.csv
'

test_expect_success '--in beside --from or --to is refused, and nothing is written' '
	test_expect_code 2 circle export csv --in 2026 --from 2026-02-01 \
	    -o both.csv sessions 2>err &&
	test_grep "give --in, or --from and --to, not both" err &&
	! test -e both.csv &&
	test_expect_code 2 circle session list --in 2026 --to today 2>err &&
	test_grep "not both" err
'

test_expect_success 'a period that is none, or ends before it begins, is refused with the input' '
	test_expect_code 65 circle report funder --in "march 2026 to jan 2026" \
	    2>err &&
	test_grep "\"march 2026 to jan 2026\" ends before it begins (2026-03-01 to 2026-01-31)" err &&
	test_expect_code 65 circle report funder --in FY2026 2>err &&
	test_grep "\"FY2026\" is a fiscal year" err &&
	test_grep "give its months (apr 2026 to mar 2027" err &&
	test_expect_code 65 circle session list --in "soonish" 2>err &&
	test_grep "in: \"soonish\" is not a date" err
'

test_expect_success 'a period where one day is needed is refused, naming it' '
	nothing_written circle session add --group wednesday "Q3 2026" 19:00 &&
	test_grep "\"Q3 2026\" is a quarter, not a day" err
'

test_expect_success 'a month or quarter without its year: in a report the latest begun, not the nearest ahead' '
	# Two months on from today (UTC, the group zone): the nearest is ahead.
	m=$(date -u +%m) && m=${m#0} && y=$(date -u +%Y) &&
	n=$(( (m + 1) % 12 + 1 )) &&
	name=$(echo jan feb mar apr may jun jul aug sep oct nov dec |
	    cut -d" " -f$n) &&
	if test $n -lt $m; then past=$y; near=$((y + 1)); else
	    past=$((y - 1)); near=$y; fi &&
	circle report funder --in $name --format tsv >got &&
	test_grep "^from	$past-$(printf %02d $n)-01\$" got &&
	circle export csv --from $name --to $name sessions >/dev/null &&
	q=$(( (n - 1) / 3 + 1 )) && qnow=$(( (m - 1) / 3 + 1 )) &&
	if test $q -le $qnow; then qy=$y; else qy=$((y - 1)); fi &&
	circle report funder --in Q$q --format tsv >got &&
	test_grep "^from	$qy-$(printf %02d $((3 * q - 2)))-01\$" got &&
	circle report funder --in "next quarter" --format tsv >got &&
	test_grep -v "^from	$y-$(printf %02d $((3 * qnow - 2)))-01\$" got &&
	circle report funder --in "$name $near" --format tsv >got &&
	test_grep "^from	$near-$(printf %02d $n)-01\$" got
'

test_expect_success 'every tool that looks back takes a month without its year as the latest begun: checkin list and followups, log --since' '
	# Two months on from today: the nearest is ahead, the latest begun
	# a year back.
	m=$(date -u +%m) && m=${m#0} && y=$(date -u +%Y) &&
	n=$(( (m + 1) % 12 + 1 )) &&
	name=$(echo jan feb mar apr may jun jul aug sep oct nov dec |
	    cut -d" " -f$n) &&
	if test $n -lt $m; then past=$y; else past=$((y - 1)); fi &&
	day=$past-$(printf %02d $n)-15 &&
	circle session add --group wednesday $day 19:00 >/dev/null &&
	circle roster add --group wednesday "Ann Lee" >/dev/null &&
	cat >ci.yaml <<-\EOF &&
	key: ci
	title: Check-in
	questions:
	  - key: mood
	    kind: scale
	    prompt: Mood?
	    min: 0
	    max: 10
	flags:
	  - on: mood
	    at-most: 3
	    reason: Low mood
	EOF
	circle checkin survey add ci.yaml >/dev/null &&
	circle checkin take --group wednesday $day ann-l mood=2 >/dev/null &&
	circle checkin list --in $name --format tsv >got &&
	test_grep "$day" got &&
	circle checkin list --from $name --to $name --format tsv >got &&
	test_grep "$day" got &&
	circle checkin followups --in $name --format tsv >got &&
	test_grep "ann-l" got &&
	circle log --since $name --format tsv >got &&
	test_grep "Ann Lee\|ann-l" got
'

test_done
