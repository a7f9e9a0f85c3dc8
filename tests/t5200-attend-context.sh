#!/bin/sh
test_description='names resolved in context: people looked up in the group
of the session or --group first; a batch names every name it cannot
resolve at once and marks nobody'
. "$(dirname "$0")/test-lib.sh"
APOS=\'

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

mark_of() {
	test_sql "SELECT a.status FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.handle = '$1'"
}

test_expect_success 'setup: an Emily in each of two groups' '
	circle init >/dev/null &&
	circle group add --handle wed --tz UTC "Wednesday Group" >/dev/null &&
	circle group add --handle lon --tz Europe/London "London" >/dev/null &&
	circle session add --group wed 2026-01-07 19:00 >/dev/null &&
	circle session add --group lon 2026-01-10 10:00 >/dev/null &&
	for n in "Emily Carter" "Maya Ortiz" "Jordan Blake" "Sam Okafor" \
	    "Sam Whitfield" "Lee Park" "Ana Ruiz" "Bo Li"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2025-12-01 "$h" wed || return 1
	done &&
	circle roster add --handle emily-ch "Emily Chen" >/dev/null &&
	circle roster join --on 2025-12-01 emily-ch lon &&
	test_expect_code 1 circle roster show "emily c" 2>err &&
	test_grep "ambiguous" err
'

test_expect_success 'at a session, a name is looked for in its group first' '
	circle attend mark wed:2026-01-07 "emily c" >out &&
	test "$(mark_of emily-c)" = present &&
	test -z "$(mark_of emily-ch)" &&
	circle attend mark lon:2026-01-10 "emily c" >out &&
	test "$(mark_of emily-ch)" = present
'

test_expect_success 'someone from another group is still found by a unique name' '
	circle attend mark --group lon 2026-01-10 maya >out &&
	test "$(test_sql "SELECT count(*) FROM attendance a JOIN session s
	    ON s.id = a.session_id WHERE s.local_start = '\''2026-01-10T10:00'\''")" = 2
'

test_expect_success 'a name ambiguous in the group itself is still an error' '
	test_expect_code 1 circle attend mark wed:2026-01-07 sam 2>err &&
	test_grep "member \"sam\" is ambiguous: sam-o (Sam Okafor), sam-w (Sam Whitfield)" err
'

test_expect_success 'nine names, three wrong: all three said, nobody marked' '
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --late wed:2026-01-07 \
	    maya jordan sam lee emly ana bo zzzz sam-w 2>err &&
	test_grep "3 of 9 names not found, nobody marked" err &&
	test_grep "  member \"sam\" is ambiguous" err &&
	test_grep "  no member \"emly\"; did you mean emily-c" err &&
	test_grep "^  no member \"zzzz\" (someone new: add them with '"'"'circle attend walk-in --session \"wed:2026-01-07\" \"zzzz\"'"'"')\$" err &&
	! grep "emly.*someone new" err &&
	test "$(count attendance)" = "$before" &&
	test "$(count attendance "status = '\''late'\''")" = 0
'

test_expect_success 'the same nine, put right: all marked in one go' '
	circle attend mark --late wed:2026-01-07 maya jordan sam-o lee emily \
	    ana bo jordan-b sam-w >out &&
	test "$(count attendance "status = '\''late'\''")" = 8
'

test_expect_success 'a report about one group finds its Emily' '
	circle report member --group lon "emily c" --json >out &&
	test_grep "emily-ch\|Emily Chen\|2026-01-10" out &&
	circle report member --group wed "emily c" --json >out &&
	test_grep "2026-01-07" out &&
	test_expect_code 1 circle report member "emily c" 2>err &&
	test_grep "ambiguous" err
'

# A sign-in sheet's Time column beside each name, as people fill one in
# Excel ("7:02 PM"): no session starts then, and the day has one session
# the times fall in (an hour before it to its end): when each person
# arrived, said once.  A time in no session of the day is still refused.
test_expect_success 'a sign-in sheet'"'"'s Time column of arrivals is the session they fall in, said' '
	circle session add --group wed 2026-01-14 19:00 >/dev/null &&
	printf "%s\r\n" "Date,Name,Time" "1/14/2026,Maya Ortiz,7:02 PM" \
	    "1/14/2026,Lee Park,6:48 PM" >arrivals.csv &&
	circle attend import --group wed --date-order mdy arrivals.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	echo "circle-attend: arrivals.csv:2:3 (Time): \"7:02 PM\" is no session${APOS}s start: the column${APOS}s times read as when each person arrived, at the session they fall in (2026-01-14T19:00); --map \"Time=ignore\" leaves it out" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT count(*) FROM attendance a JOIN session s ON
	    s.id = a.session_id WHERE s.local_start = '\''2026-01-14T19:00'\''")" = 2 &&
	circle db dump >before &&
	printf "%s\r\n" "Date,Name,Time" "1/14/2026,Ana Ruiz,3:00 PM" \
	    >afternoon.csv &&
	test_expect_code 65 circle attend import --group wed --date-order mdy \
	    afternoon.csv 2>err &&
	test_grep "afternoon.csv:2:1 (Date): no session 2026-01-14T15:00" err &&
	circle db dump >after &&
	test_cmp before after
'

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# The same typed into Excel: the times are time cells ("h:mm AM/PM").
test_expect_success OPENPYXL 'an Excel sign-in sheet'"'"'s time cells of arrivals' '
	circle session add --group wed 2026-01-21 19:00 >/dev/null &&
	/usr/bin/python3 - <<-\PY &&
	import datetime, openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Sign-in"
	ws.append(["Wednesday Group sign-in"])
	ws.append([])
	ws.append(["Date", "Name", "Time"])
	ws.append([datetime.date(2026, 1, 21), "Maya Ortiz", datetime.time(19, 2)])
	ws.append([datetime.date(2026, 1, 21), "Ana Ruiz", datetime.time(18, 55)])
	for r in (4, 5):
	    ws.cell(r, 1).number_format = "m/d/yyyy"
	    ws.cell(r, 3).number_format = "h:mm AM/PM"
	wb.save("arrivals.xlsx")
	PY
	circle attend import --group wed arrivals.xlsx >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_grep "arrivals.xlsx:4:3 (Time): .* read as when each person arrived, at the session they fall in (2026-01-21T19:00)" err
'

test_done
