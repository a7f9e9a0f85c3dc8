#!/bin/sh
test_description='a register (a row a person, a column a session, the marks in the cells) imported as marks; dates without a year in a sign-in sheet'
. "$(dirname "$0")/test-lib.sh"

XLSXMAKE="$CIRCLE_BUILD/tests/xlsxmake"

# marks: every mark, by session and person.
marks() {
	test_sql "SELECT s.local_start, m.handle, a.status
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id
	    ORDER BY s.local_start, m.handle"
}

test_expect_success 'setup: a group, three people, three Thursdays' '
	test_fresh_db &&
	circle group add --tz Europe/London "Thursday Circle" >/dev/null &&
	for d in 2026-01-08 2026-01-15 2026-01-22; do
		circle session add $d 19:00 >/dev/null || exit 1
	done &&
	for n in "Rosa Quintero" "Tomasz Nowak" "Ina Berg"; do
		circle roster add --group thursday-circle "$n" >/dev/null ||
		exit 1
	done
'

# As a facilitator keeps one in a spreadsheet: a title, the days across,
# ticks and letters, a total column, a notes column and a totals row.
test_expect_success 'a register: each marked cell is a mark of its column'\''s session' '
	printf "%s\r\n" "Thursday Circle register,,,,," \
	    "Name,Thu 8 Jan 2026,15/01/2026,2026-01-22,Total,Notes" \
	    "Rosa Quintero,x,L,-,2,new job" \
	    "Tomasz Nowak,✓,,/,2," \
	    "Ina Berg,A,FALSE,TRUE,1," \
	    "Total,2,1,2,," >reg.csv &&
	circle attend import reg.csv >out 2>err &&
	echo "6 marked, 0 unchanged; 3 sessions recorded" >expect &&
	test_cmp expect out &&
	# on the roster from today: the register'"'"'s marks are before that
	today=$(test_sql "SELECT max(joined_on) FROM membership") &&
	printf "%s\n" "circle-attend: reg.csv:6: a row of totals, passed over" \
	    "circle-attend: reg.csv:3: 3 people marked here from 2026-01-08 on, before their first day in the group (rosa-q from $today, tomasz-n from $today, ina-b from $today): not counted as expected (to count them from that day: circle roster join --on 2026-01-08 rosa-q tomasz-n ina-b)" >expect &&
	test_cmp expect err &&
	cat >expect <<-\EOF &&
	2026-01-08T19:00|ina-b|absent
	2026-01-08T19:00|rosa-q|present
	2026-01-08T19:00|tomasz-n|present
	2026-01-15T19:00|rosa-q|late
	2026-01-22T19:00|ina-b|present
	2026-01-22T19:00|tomasz-n|present
	EOF
	marks >actual &&
	test_cmp expect actual
'

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# A sign-in sheet of a row a mark, as Excel keeps one: a totals row under
# it ("Total" under the dates, a count under the marks), in a CSV and in
# a workbook.
test_expect_success OPENPYXL 'a sign-in sheet'\''s totals rows (Total, Grand total, under any column) are passed over, said' '
	printf "%s\r\n" "Date,Name,Status" "2026-01-15,Rosa Quintero,late" \
	    "2026-01-08,Ina Berg,absent" ",Total:,1" "Grand total,,1" \
	    >listtotal.csv &&
	circle attend import listtotal.csv >out 2>err &&
	echo "0 marked, 2 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	echo "circle-attend: listtotal.csv:4: a row of totals, passed over (and the rows of totals after it)" >expect &&
	test_cmp expect err &&
	/usr/bin/python3 -c "
import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.append([\"Date\", \"Name\", \"Status\"])
ws.append([datetime.date(2026, 1, 22), \"Ina Berg\", \"present\"])
ws.append([datetime.date(2026, 1, 22), \"Tomasz Nowak\", \"present\"])
ws.append([\"Total\", None, \"=COUNTA(C2:C3)\"])
ws[\"C4\"] = 2
wb.save(sys.argv[1])
" listtotal.xlsx &&
	circle attend import listtotal.xlsx >out 2>err &&
	echo "0 marked, 2 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	echo "circle-attend: listtotal.xlsx:4: a row of totals, passed over" >expect &&
	test_cmp expect err
'

test_expect_success 'the same register again changes nothing' '
	circle attend import reg.csv >out 2>/dev/null &&
	echo "0 marked, 6 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'the dry run says which day each column is, and what is left out' '
	circle attend import --dry-run reg.csv >out 2>/dev/null &&
	cat >expect <<-\EOF &&
	reg.csv: UTF-8, comma-separated, header on line 2 (the line above it left out: a title)
	column 1 "Name" -> name
	column 2 "Thu 8 Jan 2026" -> marks for 2026-01-08
	column 3 "15/01/2026" -> marks for 2026-01-15
	column 4 "2026-01-22" -> marks for 2026-01-22
	column 5 "Total": ignored
	column 6 "Notes": ignored
	dry run: would be 0 marked, 6 unchanged; 0 sessions recorded
	EOF
	test_cmp expect out
'

test_expect_success 'undo puts a register back whole' '
	circle attend undo --yes >/dev/null &&
	marks >actual &&
	test_must_be_empty actual &&
	test "$(test_sql "SELECT count(*) FROM session WHERE status = '\''held'\''")" = 0
'

test_expect_success 'someone not on the roster: said once for the row, with the walk-in command for its first day' '
	printf "%s\n" "Name,2026-01-08,2026-01-15" "Rosa Quintero,x,x" \
	    "Dana Walsh,x,x" >walk.csv &&
	nothing_written circle attend import walk.csv &&
	test_grep "walk.csv:3:1 (Name): no member \"Dana Walsh\".*circle attend walk-in --session \"2026-01-08\" \"Dana Walsh\"" err &&
	test $(grep -c "Dana Walsh" err) = 1
'

test_expect_success 'a day with no session is said once for its column; a bad mark at its cell' '
	printf "%s\n" "Name,2026-01-09,2026-01-15" "Rosa Quintero,x,maybe" \
	    "Ina Berg,x,x" "Tomasz Nowak,x," >bad.csv &&
	nothing_written circle attend import bad.csv &&
	test_grep "bad.csv:2:2 (2026-01-09): no session on Friday 2026-01-09" err &&
	test $(grep -c "2026-01-09" err) = 1 &&
	test_grep "bad.csv:2:3 (2026-01-15): status: \"maybe\" is not present" err
'

test_expect_success 'a header that could be either day or month first is refused at its cell, both readings named' '
	printf "%s\n" "Name,08/01/2026" "Rosa Quintero,x" >amb.csv &&
	nothing_written circle attend import amb.csv &&
	test_grep "amb.csv:1:2: \"08/01/2026\" is 8 January 2026 day first or August 1, 2026 month first" err &&
	circle attend import --date-order dmy amb.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'a weekday that is not the date'\''s is refused' '
	printf "%s\n" "Name,Fri 15/01/2026" "Rosa Quintero,x" >wd.csv &&
	nothing_written circle attend import wd.csv &&
	test_grep "wd.csv:1:2: \"Fri 15/01/2026\": 15 January 2026 is a Thursday, not a Friday" err
'

test_expect_success 'several headers that cannot be read are all said at once, each at its cell' '
	printf "%s\n" "Name,08/01/2026,Fri 15/01/2026,2026-01-22,09/01/2026" \
	    "Rosa Quintero,x,x,x,x" >bads.csv &&
	nothing_written circle attend import bads.csv &&
	cat >expect <<-\EOF &&
	circle-attend: bads.csv:1:2: "08/01/2026" is 8 January 2026 day first or August 1, 2026 month first; give --date-order dmy or --date-order mdy
	circle-attend: bads.csv:1:3: "Fri 15/01/2026": 15 January 2026 is a Thursday, not a Friday
	circle-attend: bads.csv:1:5: "09/01/2026" is 9 January 2026 day first or September 1, 2026 month first; give --date-order dmy or --date-order mdy
	circle-attend: bads.csv: 3 errors; nothing recorded
	EOF
	test_cmp expect err
'

test_expect_success 'the same person twice with different marks is refused, both lines named' '
	printf "%s\n" "Name,2026-01-15" "Ina Berg,x" "Ina Berg,A" >twice.csv &&
	nothing_written circle attend import twice.csv &&
	test_grep "twice.csv:3: ina-b twice for thursday-circle 2026-01-15T19:00: absent here, present on line 2" err
'

test_expect_success 'a sheet with a date column is not a register' '
	printf "%s\n" "Name,Date,2026-01-22" "Ina Berg,2026-01-22,x" >rows.csv &&
	circle attend import --dry-run rows.csv >out &&
	test_grep "column 3 \"2026-01-22\": ignored" out
'

test_expect_success 'an Excel register: the days are date cells' '
	cat >spec <<-\EOF &&
	sheet Register
	s A1 Name
	n B1 46030 d-mmm-yy
	n C1 46037 d-mmm-yy
	s A2 Rosa Quintero
	s B2 P
	b C2 1
	s A3 Tomasz Nowak
	b B3 0
	s C3 x
	EOF
	"$XLSXMAKE" reg.xlsx <spec &&
	circle attend import --dry-run reg.xlsx >out &&
	test_grep "column 2 \"2026-01-08\" -> marks for 2026-01-08" out &&
	test_grep "column 3 \"2026-01-15\" -> marks for 2026-01-15" out &&
	test_grep "would be 2 marked, 1 unchanged" out
'

# Dates without a year are read near today: the sessions are made near it.
test_expect_success 'dates without a year, as Excel shows 10-Dec: the year that puts them in the months just past' '
	a=$(date -d "-14 days" +%Y-%m-%d) && b=$(date -d "-7 days" +%Y-%m-%d) &&
	circle session add "$a" 12:00 >/dev/null &&
	circle session add "$b" 12:00 >/dev/null &&
	ha=$(date -d "$a" +%-d-%b) && hb=$(date -d "$b" "+%a %-d %b") &&
	printf "%s\n" "Name,$ha,$hb" "Ina Berg,x,x" >near.csv &&
	circle attend import near.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 2 sessions recorded" >expect &&
	test_cmp expect out &&
	test_grep "near.csv:1:2: \"$ha\" read as $a; 2 dates without a year" err &&
	test "$(test_sql "SELECT count(*) FROM attendance a JOIN session s
	    ON s.id = a.session_id WHERE s.local_start IN
	    ('\''${a}T12:00'\'', '\''${b}T12:00'\'')")" = 2
'

test_expect_success 'a sign-in sheet'\''s date cell without a year, as 10 Dec or 10.12.' '
	c=$(date -d "-21 days" +%Y-%m-%d) &&
	circle session add "$c" 12:00 >/dev/null &&
	printf "%s\n" "Name,Date" "Rosa Quintero,$(date -d "$c" "+%-d %b")" \
	    "Tomasz Nowak,$(date -d "$c" +%-d.%-m.)" >rows.csv &&
	circle attend import rows.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_grep "rows.csv:2:2 (Date): .* read as $c; 2 dates without a year" err
'

test_expect_success 'a roster'\''s date without a year is still refused' '
	printf "%s\n" "Name,Joined" "Lee Park,10 Dec" >roster.csv &&
	nothing_written circle roster import roster.csv &&
	test_grep "of which year? Give the year too" err
'

# A sheet with no date, session or day column is no register: refused,
# not read as one with no days (which marked no one and said all was
# well).
test_expect_success 'a sheet of names alone, with no day among its columns, is refused' '
	printf "%s\n" "Name,Moderator,How are you?" "Ina Berg,FALSE,Good" \
	    >nodays.csv &&
	nothing_written circle attend import nodays.csv &&
	test_grep "^circle-attend: nodays.csv:1: no date or session column (add a Date column, or a row \"Date\" and the day above the header; or give --session for a sheet of one session)$" err &&
	nothing_written circle attend import --dry-run nodays.csv &&
	test_grep "nodays.csv:1: no date or session column" err
'

test_done
