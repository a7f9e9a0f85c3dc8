#!/bin/sh
test_description='--all: every group in the database, in every tool that takes it (issue 16 item 9)'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

REPORTS="attendance sessions monthly outreach checkins"
DATES="--from 2025-03-01 --to 2025-04-30"

test_expect_success 'setup: the export scenario (Tuesday circle and Open Door)' '
	export_scenario
'

# The rule itself, read from every tool's --help: a usage that names
# --all names it beside --group (one or every group), and every report
# and every export table takes it.
test_expect_success 'every usage naming --all pairs it with --group' '
	for tool in db group roster session attend report export checkin \
	    agenda log; do
		"circle-$tool" --help | grep "^  circle $tool " |
		    grep -e "--all" >>with-all || :
	done &&
	test -s with-all &&
	while IFS= read -r line; do
		case $line in
		*"[--group G | --all]"*) ;;
		*"circle db extract [--group G]... [--all]"*) ;;
		*) echo "--all with another meaning: $line" >&2; exit 1 ;;
		esac
	done <with-all &&
	for v in attendance sessions monthly member outreach checkins \
	    funder; do
		grep -q "^  circle report $v .*\[--group G | --all\]" with-all || {
			echo "report $v takes no --all" >&2
			exit 1
		}
	done &&
	for v in ics xlsx csv; do
		grep -q "^  circle export $v \[--group G | --all\]" with-all ||
		    exit 1
	done
'

test_expect_success 'every report: --all is every group, the same as no --group' '
	for v in $REPORTS; do
		rc_all=0 rc_none=0 &&
		circle report $v --all --format tsv >all.out || rc_all=$? &&
		circle report $v --format tsv >none.out || rc_none=$? &&
		test $rc_all = $rc_none &&
		test_cmp none.out all.out || exit 1
	done &&
	circle report outreach --all --missed 1 --format tsv >out &&
	test_grep "^cara-c	" out &&
	circle report sessions --all $DATES --format tsv >out &&
	test_grep "	open-door	" out &&
	test_grep "	tuesday-circle	" out &&
	circle report monthly --all --format tsv >out &&
	test_grep "^open-door	" out &&
	test_grep "^tuesday-circle	" out &&
	circle report member --all ana-a >all.out &&
	circle report member ana-a >none.out &&
	test_cmp none.out all.out &&
	circle report funder --all $DATES >all.out &&
	circle report funder $DATES >none.out &&
	test_cmp none.out all.out &&
	test_grep "^group	all$" all.out
'

test_expect_success 'a report with --group G names only G; with --all too, a usage error' '
	circle report sessions --group open-door --format tsv >out &&
	test_grep "	open-door	" out &&
	! grep "	tuesday-circle	" out &&
	for v in $REPORTS funder; do
		test_expect_code 2 circle report $v --all --group open-door \
		    $DATES >out 2>err &&
		test_must_be_empty out &&
		test_grep "give --group or --all, not both" err || exit 1
	done &&
	test_expect_code 2 circle report member --all --group open-door \
	    ana-a 2>err &&
	test_grep "give --group or --all, not both" err
'

test_expect_success 'which group? says how to name one' '
	test_expect_code 2 circle session add 2030-01-08 19:00 2>err &&
	test_grep "^circle-session: which group? there are 2: open-door, tuesday-circle; name one with --group G (or .circle config set group G. for every command)\$" err
'

test_expect_success 'every export table: --all is every group; neither, with two, asks which' '
	circle export ics --all -o all.ics &&
	test "$(grep -c "^BEGIN:VEVENT" all.ics)" = 7 &&
	circle export ics --group open-door -o one.ics &&
	test "$(grep -c "^BEGIN:VEVENT" one.ics)" = 2 &&
	circle export csv --all sessions >all.csv &&
	test_grep "open-door" all.csv &&
	test_grep "tuesday-circle" all.csv &&
	circle export xlsx --all -o all.xlsx >/dev/null &&
	test -s all.xlsx &&
	for v in "ics" "csv sessions"; do
		test_expect_code 2 circle export $v >out 2>err &&
		test_grep "which group? there are 2" err || exit 1
	done &&
	test_expect_code 2 circle export csv --all --group open-door \
	    sessions 2>err
'

test_expect_success 'db extract --all: every group' '
	circle db extract --all -o all.circle >/dev/null &&
	circle --db all.circle group list --format tsv | cut -f1 >out &&
	printf "open-door\ntuesday-circle\n" >expect &&
	test_cmp expect out
'

# Archived groups held sessions; a report or export of every group that
# left them out would say less than happened.
test_expect_success '--all takes archived groups in, everywhere' '
	circle report funder --all $DATES >before &&
	circle group archive open-door >/dev/null &&
	circle report funder --all $DATES >after &&
	test_cmp before after &&
	circle report sessions --all --format tsv >out &&
	test_grep "	open-door	" out &&
	circle export csv --all sessions >out &&
	test_grep "open-door" out &&
	circle db extract --all --force -o all.circle >/dev/null &&
	circle --db all.circle group list --with-archived --format tsv |
	    cut -f1 >out &&
	printf "open-door\ntuesday-circle\n" >expect &&
	test_cmp expect out
'

# Where --all meant something else, it has a name of its own; the old one
# works, with a warning on stderr, and prints the same.
test_expect_success 'group list --with-archived; --all its old name' '
	circle group list --format tsv | cut -f1 >out &&
	echo tuesday-circle >expect &&
	test_cmp expect out &&
	circle group list --with-archived --format tsv >new 2>err &&
	test_must_be_empty err &&
	test_grep "^open-door	" new &&
	circle group list --all --format tsv >old 2>err &&
	test_cmp new old &&
	test_grep "warning: list: --all is deprecated; use --with-archived" err
'

test_expect_success 'roster list --everyone; --all its old name' '
	circle roster list --format tsv >active &&
	! grep "^eli-e	" active &&
	circle roster list --everyone --format tsv >new 2>err &&
	test_must_be_empty err &&
	test_grep "^eli-e	" new &&
	circle roster list --all --format tsv >old 2>err &&
	test_cmp new old &&
	test_grep "warning: list: --all is deprecated; use --everyone" err &&
	circle roster list -a --format tsv >old 2>err &&
	test_cmp new old &&
	test_grep "deprecated; use --everyone" err
'

test_expect_success 'checkin survey list --every-version; --all its old name' '
	circle checkin survey list --every-version --format tsv >new 2>err &&
	test_must_be_empty err &&
	test_grep "^checkin	1	" new &&
	circle checkin survey list --all --format tsv >old 2>err &&
	test_cmp new old &&
	test_grep "warning: survey list: --all is deprecated; use --every-version" err
'

test_expect_success 'checkin followups --with-closed; --all its old name' '
	id=$(test_sql "SELECT id FROM followup") &&
	circle checkin resolve "$id" >/dev/null &&
	test_expect_code 1 circle checkin followups >out &&
	circle checkin followups --with-closed --format tsv >new 2>err &&
	test_must_be_empty err &&
	test_grep "^$id	" new &&
	circle checkin followups --all --format tsv >old 2>err &&
	test_cmp new old &&
	test_grep "warning: followups: --all is deprecated; use --with-closed" err
'

test_expect_success 'session move --whole-series; --all its old name' '
	circle group archive --undo open-door >/dev/null &&
	circle session plan --group open-door --every week --at 18:00 \
	    --from 2031-01-07 --count 3 >/dev/null &&
	circle session move --group open-door --whole-series --at 18:30 \
	    2031-01-07 >out 2>err &&
	echo "3 sessions moved" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle session move --group open-door --all --at 19:00 \
	    2031-01-07 >out 2>err &&
	test_cmp expect out &&
	test_grep "warning: move: --all is deprecated; use --whole-series" err &&
	circle session list --group open-door --from 2031-01-01 --format tsv |
	    cut -f4 >out &&
	printf "19:00\n19:00\n19:00\n" >expect &&
	test_cmp expect out &&
	test_expect_code 2 circle session move --group open-door --all \
	    --following --at 20:00 2031-01-07 2>err &&
	test_grep "give --following or --whole-series, not both" err
'

test_expect_success 'completion offers --all where it means every group, and no old name' '
	circle __complete report sessions --a | cut -f1 >out &&
	test_grep -x -e "--all" out &&
	circle __complete export ics --a | cut -f1 >out &&
	test_grep -x -e "--all" out &&
	circle __complete group list -- | cut -f1 >out &&
	test_grep -x -e "--with-archived" out &&
	! grep -x -e "--all" out &&
	for v in "roster list" "checkin followups" "checkin survey list" \
	    "session move"; do
		circle __complete $v --a | cut -f1 >out &&
		! grep -x -e "--all" out || {
			echo "$v offers its old --all" >&2
			exit 1
		}
	done
'

test_done
