#!/bin/sh
test_description='circle report: a small scenario with every number worked out by hand'
. "$(dirname "$0")/test-lib.sh"

# The Tuesday circle meets at 19:30 in New York (00:30 the next day in UTC,
# so local and UTC dates differ): five past sessions.
#
#   S1 2025-03-04 held       ana present, ben present, dev present
#   S2 2025-03-11 held       ana excused, ben -, dev absent (marked), gus
#                            walks in (guest) present
#   S3 2025-03-18 cancelled
#   S4 2025-03-25 unrecorded (still scheduled)
#   S5 2025-04-01 held       ana late, ben -, cara -
#
# ana, ben: members all along; cara joins 2025-03-15 (after S2); dev leaves
# 2025-03-20 (before S4); eli is inactive; gus is a guest.  "-" is no row:
# absent.  Expected: S1 ana ben dev; S2 ana ben dev; S5 ana ben cara.
# The Open Door group keeps no names: head counts 7 (March) and 5 (April).

TAB=$(printf '\t')

# py SCRIPT FILE: run a python check on FILE (sys.argv[1]).
py() {
	/usr/bin/python3 -c "$1" "$2"
}

TC=tuesday-circle

test_expect_success 'setup: groups, people, sessions and attendance' '
	test_fresh_db &&
	circle group add --tz America/New_York "Tuesday Circle" &&
	circle group add --tz UTC "Open Door" &&
	circle roster add --email ben@example.org --phone 555-0100 \
	    --consent yes "Ben Brooks" &&
	circle roster add --email cara@example.org --consent no "Cara Chen" &&
	for n in "Ana Alvarez" "Dev Desai" "Eli Evans"; do
		circle roster add "$n" || exit 1
	done &&
	for m in ana-a ben-b dev-d eli-e; do
		circle roster join --on 2025-01-01 $m $TC || exit 1
	done &&
	circle roster join --on 2025-03-15 cara-c $TC &&
	circle roster leave --on 2025-03-20 dev-d $TC &&
	circle roster deactivate eli-e &&
	for d in 2025-03-04 2025-03-11 2025-03-18 2025-03-25 2025-04-01; do
		circle session add --group $TC $d 19:30 || exit 1
	done &&
	circle session add --group open-door 2025-03-06 18:00 &&
	circle session add --group open-door 2025-04-03 18:00 &&
	circle session cancel --group $TC 2025-03-18 &&
	circle attend mark --group $TC 2025-03-04 ana-a ben-b dev-d &&
	circle attend mark --group $TC --excused 2025-03-11 ana-a &&
	circle attend mark --group $TC --absent 2025-03-11 dev-d &&
	circle attend walk-in --group $TC --session 2025-03-11 "Gus Green" &&
	circle attend mark --group $TC --late 2025-04-01 ana-a &&
	circle attend headcount --group open-door 2025-03-06 7 &&
	circle attend headcount --group open-door 2025-04-03 5 &&
	test "$(test_sql "SELECT group_concat(id || status, \" \")
	    FROM (SELECT id, status FROM session ORDER BY id)")" = \
	    "1held 2held 3cancelled 4scheduled 5held 6held 7held"
'

test_expect_success 'attendance: every number, by hand' '
	cat >expect <<-EOF &&
	ana-a${TAB}Ana Alvarez${TAB}$TC${TAB}3${TAB}2${TAB}1${TAB}0${TAB}1.0${TAB}2025-04-01${TAB}0
	ben-b${TAB}Ben Brooks${TAB}$TC${TAB}3${TAB}1${TAB}0${TAB}2${TAB}0.33${TAB}2025-03-04${TAB}2
	cara-c${TAB}Cara Chen${TAB}$TC${TAB}1${TAB}0${TAB}0${TAB}1${TAB}0.0${TAB}${TAB}1
	dev-d${TAB}Dev Desai${TAB}$TC${TAB}2${TAB}1${TAB}0${TAB}1${TAB}0.5${TAB}2025-03-04${TAB}1
	gus-g${TAB}Gus Green${TAB}$TC${TAB}0${TAB}1${TAB}0${TAB}0${TAB}${TAB}2025-03-11${TAB}0
	EOF
	circle report attendance >out &&
	test_cmp expect out &&
	circle report attendance --group tuesday >out &&
	test_cmp expect out
'

test_expect_success 'attendance: the inactive member is in no report' '
	circle report attendance >out &&
	! grep eli-e out &&
	circle report outreach --missed 1 >out &&
	! grep eli-e out
'

test_expect_success 'sessions: counts per session, unrecorded is not absence' '
	cat >expect <<-EOF &&
	1${TAB}$TC${TAB}2025-03-04${TAB}19:30${TAB}held${TAB}3${TAB}3${TAB}0${TAB}0${TAB}0${TAB}0${TAB}${TAB}0
	6${TAB}open-door${TAB}2025-03-06${TAB}18:00${TAB}held${TAB}0${TAB}0${TAB}0${TAB}0${TAB}0${TAB}0${TAB}7${TAB}0
	2${TAB}$TC${TAB}2025-03-11${TAB}19:30${TAB}held${TAB}3${TAB}1${TAB}0${TAB}0${TAB}1${TAB}2${TAB}${TAB}0
	3${TAB}$TC${TAB}2025-03-18${TAB}19:30${TAB}cancelled${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}0
	4${TAB}$TC${TAB}2025-03-25${TAB}19:30${TAB}scheduled${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}1
	5${TAB}$TC${TAB}2025-04-01${TAB}19:30${TAB}held${TAB}3${TAB}0${TAB}1${TAB}0${TAB}0${TAB}2${TAB}${TAB}0
	7${TAB}open-door${TAB}2025-04-03${TAB}18:00${TAB}held${TAB}0${TAB}0${TAB}0${TAB}0${TAB}0${TAB}0${TAB}5${TAB}0
	EOF
	circle report sessions >out &&
	test_cmp expect out
'

test_expect_success 'monthly: held, unique people, attendances, average' '
	cat >expect <<-EOF &&
	open-door${TAB}2025-03${TAB}1${TAB}0${TAB}7${TAB}7.0
	open-door${TAB}2025-04${TAB}1${TAB}0${TAB}5${TAB}5.0
	$TC${TAB}2025-03${TAB}2${TAB}4${TAB}4${TAB}2.0
	$TC${TAB}2025-04${TAB}1${TAB}1${TAB}1${TAB}1.0
	EOF
	circle report monthly >out &&
	test_cmp expect out &&
	circle report monthly --group open-door >out &&
	head -2 expect >expect.od &&
	test_cmp expect.od out
'

test_expect_success 'member: who joined after a session was not expected at it' '
	cat >expect <<-EOF &&
	4${TAB}2025-03-25${TAB}19:30${TAB}$TC${TAB}unrecorded
	5${TAB}2025-04-01${TAB}19:30${TAB}$TC${TAB}absent
	EOF
	circle report member cara >out &&
	test_cmp expect out &&
	test "$(test_sql "SELECT count(*) FROM expected e JOIN member m
	    ON m.id = e.member_id WHERE m.handle = '\''cara-c'\''")" = 1
'

test_expect_success 'member: the whole history with its marks' '
	cat >expect <<-EOF &&
	1${TAB}2025-03-04${TAB}19:30${TAB}$TC${TAB}present
	2${TAB}2025-03-11${TAB}19:30${TAB}$TC${TAB}absent
	4${TAB}2025-03-25${TAB}19:30${TAB}$TC${TAB}unrecorded
	5${TAB}2025-04-01${TAB}19:30${TAB}$TC${TAB}absent
	EOF
	circle report member ben-b >out &&
	test_cmp expect out &&
	circle report member dev-d | cut -f1,5 >out &&
	printf "1\tpresent\n2\tabsent\n" >expect &&
	test_cmp expect out &&
	circle report member gus-g | cut -f1,5 >out &&
	printf "2\tpresent\n" >expect &&
	test_cmp expect out
'

test_expect_success 'member: a sparkline and legend after the table' '
	circle report member --format table ana-a >out &&
	test_grep "^      1  2025-03-04  19:30  $TC  present\( \|$\)" out &&
	tail -2 out >spark &&
	cat >expect <<-EOF &&
	●–·●
	● attended 2  ○ absent 0  – excused 1  · unrecorded 1
	EOF
	test_cmp expect spark &&
	circle report member ana-a >out &&
	! grep "●" out
'

test_expect_success 'member: JSON is one object with the sparkline' '
	circle report member --json ben-b >out &&
	py "import json, sys
j = json.load(open(sys.argv[1]))
assert j[\"handle\"] == \"ben-b\", j
assert j[\"sparkline\"] == \"●○·○\", j
assert j[\"counts\"] == {\"attended\": 1, \"absent\": 2, \"excused\": 0,
    \"unrecorded\": 1}, j
assert [s[\"mark\"] for s in j[\"sessions\"]] == [\"present\", \"absent\",
    \"unrecorded\", \"absent\"], j
assert j[\"sessions\"][0][\"session\"] == 1, j" out
'

test_expect_success 'outreach: exactly the members away long enough' '
	printf "ben-b\tBen Brooks\t$TC\t2\t2025-03-04\tyes\n" >expect &&
	circle report outreach --missed 2 >out &&
	test_cmp expect out &&
	test_expect_code 1 circle report outreach >out &&
	test_must_be_empty out &&
	cat >expect <<-EOF &&
	ben-b${TAB}Ben Brooks${TAB}$TC${TAB}2${TAB}2025-03-04${TAB}yes
	cara-c${TAB}Cara Chen${TAB}$TC${TAB}1${TAB}${TAB}no
	EOF
	circle report outreach --missed 1 >out &&
	test_cmp expect out
'

test_expect_success 'outreach: contacts only with --with-contacts and consent' '
	for f in tsv csv json jsonl md table; do
		circle report outreach --missed 1 --format $f >out &&
		! grep -e example.org -e 555-0100 -e email -e phone out ||
		exit 1
	done &&
	cat >expect <<-EOF &&
	ben-b${TAB}Ben Brooks${TAB}$TC${TAB}2${TAB}2025-03-04${TAB}yes${TAB}ben@example.org${TAB}555-0100
	cara-c${TAB}Cara Chen${TAB}$TC${TAB}1${TAB}${TAB}no${TAB}${TAB}
	EOF
	circle report outreach --missed 1 --with-contacts >out &&
	test_cmp expect out &&
	! grep cara@ out
'

test_expect_success 'dates are local: --from and --to' '
	circle report sessions --to 2025-03-04 | cut -f1 >out &&
	echo 1 >expect &&
	test_cmp expect out &&
	circle report sessions --from 2025-03-05 --to 2025-03-31 |
	    cut -f1 >out &&
	printf "6\n2\n3\n4\n" >expect &&
	test_cmp expect out &&
	cat >expect <<-EOF &&
	ana-a${TAB}1${TAB}0${TAB}1${TAB}0${TAB}${TAB}${TAB}0
	ben-b${TAB}1${TAB}0${TAB}0${TAB}1${TAB}0.0${TAB}${TAB}1
	dev-d${TAB}1${TAB}0${TAB}0${TAB}1${TAB}0.0${TAB}${TAB}1
	gus-g${TAB}0${TAB}1${TAB}0${TAB}0${TAB}${TAB}2025-03-11${TAB}0
	EOF
	circle report attendance --from 2025-03-05 --to 2025-03-31 |
	    cut -f1,4- >out &&
	test_cmp expect out
'

test_expect_success 'every format parses' '
	for v in attendance sessions monthly "member ben-b" \
	    "outreach --missed 1 --with-contacts"; do
		circle report $v --format csv >out.csv &&
		py "import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=\"\")))
assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows), rows
" out.csv &&
		circle report $v --format jsonl >out.jsonl &&
		py "import json, sys
[json.loads(l) for l in open(sys.argv[1])]" out.jsonl &&
		circle report $v --json >out.json &&
		py "import json, sys; json.load(open(sys.argv[1]))" out.json &&
		circle report $v --format md >out.md &&
		test_grep "^| " out.md &&
		circle report $v --format table >out.txt &&
		test -s out.txt || exit 1
	done
'

test_expect_success 'JSON: numbers, fractions, booleans and nulls' '
	circle report attendance --json >out &&
	py "import json, sys
j = {r[\"handle\"]: r for r in json.load(open(sys.argv[1]))}
assert j[\"ben-b\"][\"rate\"] == 0.33 and j[\"ben-b\"][\"expected\"] == 3, j
assert j[\"gus-g\"][\"rate\"] is None, j
assert j[\"cara-c\"][\"last_seen\"] is None, j" out &&
	circle report sessions --json >out &&
	py "import json, sys
j = {r[\"id\"]: r for r in json.load(open(sys.argv[1]))}
assert j[4][\"unrecorded\"] is True and j[4][\"absent\"] is None, j
assert j[1][\"unrecorded\"] is False and j[6][\"headcount\"] == 7, j" out
'

test_expect_success '--sql prints the query the sqlite3 shell runs alike' '
	for v in "member ben-b"; do
		circle report $v --group $TC --from 2025-03-01 --sql >q.sql &&
		test_grep "^SELECT .*;$" q.sql &&
		"$SQLITE3" -batch -noheader -separator "$TAB" "$CIRCLE_DB" \
		    <q.sql >sql.out &&
		circle report $v --group $TC --from 2025-03-01 >tool.out &&
		test_cmp sql.out tool.out || exit 1
	done
'

# Attendance, sessions and outreach are worked out in C from each group's
# grid: --sql shows the queries that run (t6200 compares the figures with
# the expected view's SQL).
test_expect_success '--sql of a report from the grid: the queries it runs' '
	for v in attendance sessions "outreach --missed 1 --with-contacts"; do
		circle report $v --group $TC --from 2025-03-01 --sql >q.sql &&
		test_grep "^-- worked out in C (lib/grid.c, lib/gridpass.c)" q.sql &&
		test_grep "^SELECT .* FROM attendance a .*;$" q.sql &&
		case $v in
		sessions) n=7 ;;	# and the links
		*) n=6 ;;
		esac &&
		test "$(grep -c "^SELECT .*;$" q.sql)" = $n &&
		"$SQLITE3" -batch "$CIRCLE_DB" <q.sql >sql.out 2>sql.err &&
		test_must_be_empty sql.err &&
		test -s sql.out || exit 1
	done
'

# Monthly is tallied in C from one pass over attendance (lib/tally.c;
# t6200 compares it with the query it replaced): --sql shows what runs.
test_expect_success '--sql of monthly: the queries of the pass' '
	circle report monthly --group $TC --from 2025-03-01 --sql >q.sql &&
	test_grep "^-- worked out in C (lib/tally.c)" q.sql &&
	test_grep \
	    "^SELECT a.session_id, a.member_id, a.status FROM attendance a;$" \
	    q.sql &&
	test "$(grep -c "^SELECT .*;$" q.sql)" = 3 &&
	"$SQLITE3" -batch "$CIRCLE_DB" <q.sql >sql.out 2>sql.err &&
	test_must_be_empty sql.err &&
	test -s sql.out
'

test_expect_success 'errors: bad dates are bad data (65)' '
	test_expect_code 65 circle report attendance --from 2025-02-30 \
	    2>err &&
	test_grep "^circle-report: from: \"2025-02-30\" is not a date" err &&
	test_expect_code 65 circle report sessions --to someday 2>err &&
	test_grep "^circle-report: to: " err &&
	test_expect_code 65 circle report monthly --from 2025-04-01 \
	    --to 2025-03-01 2>err &&
	test_grep "before from" err &&
	test_expect_code 65 circle report outreach --missed 0 2>err &&
	test_grep "^circle-report: missed: " err &&
	test_expect_code 65 circle report outreach --missed x 2>err
'

test_expect_success 'errors: unknown group or member (1), with suggestions' '
	test_expect_code 1 circle report attendance --group tuesday-circel \
	    2>err &&
	test_grep "no group \"tuesday-circel\"; did you mean tuesday-circle" err &&
	test_expect_code 1 circle report member ben-c 2>err &&
	test_grep "did you mean ben-b" err &&
	test_expect_code 2 circle report member 2>err &&
	test_expect_code 2 circle report attendance --missed 2 2>err &&
	test_expect_code 2 circle report attendance extra 2>err
'

test_expect_success 'nothing found exits 1' '
	test_expect_code 1 circle report attendance --from 2030-01-01 >out &&
	test_must_be_empty out &&
	test_expect_code 1 circle report member eli-e >out
'

# The online link as session list shows it: JSON always, CSV and a table
# when a session reported has one, TSV never (scripts count its columns).
test_expect_success 'sessions: the online link, as session list shows it' '
	circle report sessions --json >out &&
	py "import json, sys
j = json.load(open(sys.argv[1]))
assert all(r[\"online_url\"] is None for r in j), j" out &&
	circle report sessions --format csv >out &&
	! grep online out &&
	circle session edit --group $TC --online "https://zoom.us/j/85512345678?pwd=Zx1" \
	    2025-03-11 >/dev/null &&
	circle group edit --online https://meet.jit.si/open-door open-door \
	    >/dev/null &&
	circle report sessions --json >out &&
	py "import json, sys
j = {r[\"id\"]: r[\"online_url\"] for r in json.load(open(sys.argv[1]))}
assert j == {1: None, 2: \"https://zoom.us/j/85512345678?pwd=Zx1\",
    3: None, 4: None, 5: None, 6: \"https://meet.jit.si/open-door\",
    7: \"https://meet.jit.si/open-door\"}, j" out &&
	circle report sessions --format csv --group $TC | tr -d "\r" >out &&
	test_grep "^id,group,date,start,status,expected,present,late,left_early,excused,absent,headcount,unrecorded,online_url" out &&
	test_grep "^2,$TC,2025-03-11,19:30,held,3,1,0,0,1,2,,0,https://zoom.us/j/85512345678?pwd=Zx1" out &&
	test_grep "^5,$TC,2025-04-01,19:30,held,3,0,1,0,0,2,,0,\$" out &&
	circle report sessions --format table --group $TC \
	    --tz America/New_York >out &&
	test_grep "unrecorded  online\$" out &&
	test "$(grep -c " no  *yes\$" out)" = 1 &&
	test_grep "^ 2 .* no  *yes\$" out &&
	circle report sessions --format tsv >out &&
	test "$(awk -F "$TAB" "{ print NF }" out | sort -u)" = 13 &&
	circle report sessions --format csv --to 2025-03-04 >out &&
	! grep online out &&
	circle report sessions --group $TC --from 2025-03-01 --sql >q.sql &&
	test_grep "^-- and the sessions'\'' online links, when shown:" q.sql &&
	"$SQLITE3" -batch -noheader -separator "$TAB" "$CIRCLE_DB" \
	    <q.sql >sql.out &&
	test_grep "^2${TAB}https://zoom.us/j/85512345678?pwd=Zx1\$" sql.out
'

test_expect_success 'reports write nothing' '
	circle db dump >before.dump &&
	test -s before.dump &&
	circle report attendance >/dev/null &&
	circle report outreach --missed 1 >/dev/null &&
	circle report sessions >/dev/null &&
	circle report monthly >/dev/null &&
	circle report member ben-b >/dev/null &&
	circle db dump >after.dump &&
	test_cmp before.dump after.dump
'

test_done
