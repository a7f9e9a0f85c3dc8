#!/bin/sh
test_description='circle report funder: figures by hand, small counts hidden, no names'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/export-scenario.sh"

TAB=$(printf '\t')
ALL="--all --from 2025-03-01 --to 2025-04-30"

# field NAME FILE: the value of one field of a TSV record.
field() {
	awk -F "$TAB" -v k="$1" '$1 == k { print $2 }' "$2"
}

test_expect_success 'setup: the export scenario' '
	export_scenario
'

test_expect_success 'every figure, by hand (--min-count 0)' '
	cat >expect <<-EOF &&
	from${TAB}2025-03-01
	to${TAB}2025-04-30
	group${TAB}all
	min_count${TAB}0
	sessions_held${TAB}5
	service_hours${TAB}7.5
	unique_participants${TAB}8
	new_participants${TAB}8
	total_contacts${TAB}21
	average_attendance${TAB}4.2
	retained${TAB}0
	retention${TAB}0
	checkin_change_checkin${TAB}1.5
	checkin_people_checkin${TAB}2
	EOF
	circle report funder $ALL --min-count 0 >out &&
	test_cmp expect out &&
	circle report funder --from 2025-03-01 --to 2025-04-30 \
	    --min-count 0 >out &&
	test_cmp expect out
'

test_expect_success 'one group: its sessions, its people' '
	circle report funder --group $TC --from 2025-03-01 --to 2025-04-30 \
	    --min-count 0 >out &&
	test "$(field group out)" = $TC &&
	test "$(field sessions_held out)" = 3 &&
	test "$(field service_hours out)" = 4.5 &&
	test "$(field unique_participants out)" = 8 &&
	test "$(field total_contacts out)" = 9 &&
	test "$(field average_attendance out)" = 3 &&
	circle report funder --group open-door --from 2025-03-01 \
	    --to 2025-04-30 --min-count 0 >out &&
	test "$(field unique_participants out)" = 0 &&
	test "$(field total_contacts out)" = 12 &&
	test "$(field retention out)" = ""
'

test_expect_success 'new participants came to none of the sessions before' '
	circle report funder --group $TC --from 2025-03-05 --to 2025-04-30 \
	    --min-count 0 >out &&
	test "$(field unique_participants out)" = 2 &&
	test "$(field new_participants out)" = 1 &&
	test "$(field checkin_people_checkin out)" = ""
'

test_expect_success 'three times or more is retained' '
	circle attend mark --group $TC 2025-03-25 ben-b >/dev/null &&
	circle attend mark --group $TC 2025-04-01 ben-b >/dev/null &&
	circle report funder $ALL --min-count 0 >out &&
	test "$(field retained out)" = 1 &&
	test "$(field retention out)" = 0.13 &&
	test "$(field total_contacts out)" = 23 &&
	export_scenario
'

test_expect_success 'counts under --min-count are shown as <N, and what comes from them' '
	circle report funder $ALL >out &&
	test "$(field min_count out)" = 5 &&
	test "$(field sessions_held out)" = 5 &&
	test "$(field unique_participants out)" = 8 &&
	test "$(field total_contacts out)" = 21 &&
	test "$(field retained out)" = "<5" &&
	test "$(field retention out)" = "<5" &&
	test "$(field checkin_change_checkin out)" = "<5" &&
	test "$(field checkin_people_checkin out)" = "<5" &&
	circle report funder $ALL --min-count 9 >out &&
	test "$(field unique_participants out)" = "<9" &&
	test "$(field new_participants out)" = "<9" &&
	test "$(field total_contacts out)" = 21 &&
	test "$(field average_attendance out)" = 4.2 &&
	circle report funder $ALL --min-count 22 >out &&
	test "$(field total_contacts out)" = "<22" &&
	test "$(field average_attendance out)" = "<22" &&
	test "$(field sessions_held out)" = 5
'

test_expect_success 'never a name or a handle, in any format' '
	for f in tsv csv json jsonl md table; do
		circle report funder $ALL --min-count 0 --format $f >out &&
		! grep -i -e alvarez -e brooks -e desai -e ana-a -e ben-b \
		    -e hyperlink -e green out || exit 1
	done
'

test_expect_success 'JSON: one object, numbers as numbers, hidden ones as text' '
	circle report funder $ALL --json >out &&
	/usr/bin/python3 - out <<-\EOF
	import json, sys
	j = json.load(open(sys.argv[1]))
	assert isinstance(j, dict), j
	assert j["sessions_held"] == 5 and j["service_hours"] == 7.5, j
	assert j["unique_participants"] == 8 and j["total_contacts"] == 21, j
	assert j["average_attendance"] == 4.2, j
	assert j["retained"] == "<5" and j["retention"] == "<5", j
	assert j["checkin_change_checkin"] == "<5", j
	EOF
'

test_expect_success 'every format parses' '
	circle report funder $ALL --format csv >out.csv &&
	/usr/bin/python3 -c "import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=\"\")))
assert len(rows) == 14 and all(len(r) == 2 for r in rows), rows
assert rows[4] == [\"sessions_held\", \"5\"], rows" out.csv &&
	circle report funder $ALL --format jsonl >out.jsonl &&
	/usr/bin/python3 -c "import json, sys
assert len([json.loads(l) for l in open(sys.argv[1])]) == 1" out.jsonl &&
	circle report funder $ALL --format md >out.md &&
	test_grep "^- \*\*sessions_held\*\*: 5$" out.md &&
	circle report funder $ALL --format table >out.txt &&
	test_grep "^total_contacts: *21$" out.txt
'

test_expect_success 'the same figures as the monthly report' '
	circle report monthly --from 2025-03-01 --to 2025-04-30 >monthly &&
	awk -F "$TAB" "{ h += \$3; a += \$5 } END { print h, a }" \
	    monthly >sums &&
	circle report funder $ALL --min-count 0 >out &&
	echo "$(field sessions_held out) $(field total_contacts out)" >got &&
	test_cmp sums got
'

test_expect_success 'the check-in change agrees with circle report checkins' '
	circle report checkins --group $TC --survey checkin --by-member \
	    --format csv >by-member &&
	/usr/bin/python3 - by-member <<-\EOF >mean &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], newline="")))
	ch = [float(r["change"]) for r in rows if r["change"]]
	print("%s %d" % (round(sum(ch) / len(ch), 2), len(ch)))
	EOF
	circle report funder --group $TC --from 2025-03-01 --to 2025-04-30 \
	    --min-count 0 >out &&
	echo "$(field checkin_change_checkin out) $(field checkin_people_checkin out)" >got &&
	test_cmp mean got
'

test_expect_success '--sql: the statements that run, for the sqlite3 shell' '
	circle report funder $ALL --sql >q.sql &&
	test_grep "^-- worked out in C (lib/tally.c)" q.sql &&
	test "$(grep -c ";$" q.sql)" = 5 &&
	test_grep "^SELECT s.id FROM session s .*WHERE .*local_start < .*;$" \
	    q.sql &&
	"$SQLITE3" -batch -noheader -separator "$TAB" "$CIRCLE_DB" \
	    <q.sql >sql.out 2>sql.err &&
	test_must_be_empty sql.err &&
	tail -n 1 sql.out >got &&
	printf "checkin${TAB}2${TAB}1.5\n" >expect &&
	test_cmp expect got
'

test_expect_success 'errors: the period is needed, options are checked' '
	test_expect_code 2 circle report funder --all 2>err &&
	test_grep "^circle-report: funder: for which period? give --in PERIOD (\"last quarter\", 2026), or --from DATE and --to DATE\$" err &&
	test_grep "^usage: circle report funder " err &&
	test_expect_code 2 circle report funder --from 2025-03-01 2>err &&
	test_grep "^circle-report: funder: for which period? .* (--to is missing)\$" err &&
	test_expect_code 2 circle report funder --to 2025-03-01 2>err &&
	test_grep "(--from is missing)\$" err &&
	test_expect_code 2 circle report funder $ALL --group $TC 2>err &&
	test_expect_code 65 circle report funder $ALL --min-count x 2>err &&
	test_grep "min-count" err &&
	test_expect_code 65 circle report funder $ALL --min-count -1 2>err &&
	test_expect_code 65 circle report funder --from 2025-02-30 \
	    --to 2025-04-30 2>err &&
	test_expect_code 65 circle report funder --from 2025-04-01 \
	    --to 2025-03-01 2>err &&
	test_expect_code 1 circle report funder --group nosuch \
	    --from 2025-03-01 --to 2025-04-30 2>err
'

test_done
