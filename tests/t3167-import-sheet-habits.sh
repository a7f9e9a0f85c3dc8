#!/bin/sh
test_description='rosters, registers and sign-in sheets as facilitators make them: a column of names "Surname, First name", its header saved without quotes, a Google Sheets register of checkboxes, an Excel register under a merged title, serial numbers in a Text column (a Mac workbook'\''s 1904 date system too), a semicolon CSV with a decimal comma, a Microsoft Forms sign-in with a walk-in'
APOS=\'
. "$(dirname "$0")/test-lib.sh"

make_book() {
	/usr/bin/python3 "$CIRCLE_SRC/tests/habitsmake.py" "$@"
}

# marks: every mark, by session and person.
marks() {
	test_sql "SELECT s.local_start, m.handle, a.status
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id
	    ORDER BY s.local_start, m.handle"
}

test_expect_success 'setup: a group, three Thursdays' '
	test_fresh_db &&
	circle group add --tz Europe/London "Thursday Circle" >/dev/null &&
	for d in 2026-11-05 2026-11-12 2026-11-19; do
		circle session add $d 19:00 >/dev/null || exit 1
	done
'

test_expect_success 'a roster with one column "Surname, First name": the names read as people say them' '
	printf "%s\r\n" "\"Surname, First name\",Email" \
	    "\"Lee, Ann\",ann@example.org" "\"Park, Bo\",bo@example.org" \
	    "\"Diaz, Cy\"," >surname.csv &&
	circle roster import --dry-run surname.csv >out 2>err &&
	test_grep "^column 1 \"Surname, First name\" -> name\$" out &&
	circle roster import --group thursday-circle surname.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged; 3 joined thursday-circle" >expect &&
	test_cmp expect out &&
	test_grep "surname.csv:2:1: \"Lee, Ann\" as \"Ann Lee\": read as written \"Last, First\" (3 names so in all)" err &&
	test "$(test_sql "SELECT display_name FROM member ORDER BY id" | tr "\n" ,)" = "Ann Lee,Bo Park,Cy Diaz,"
'

# Typed in a text editor, or saved by a program that quotes nothing: the
# header is three columns, each row two, and every cell one to the left.
test_expect_success 'its header saved without quotes: refused at the cell, saying why, nothing written' '
	printf "%s\n" "Surname, First name,Email" "\"Okafor, Chidi\",chidi@example.org" >unquoted.csv &&
	circle db dump >before &&
	test_expect_code 65 circle roster import unquoted.csv 2>err &&
	test_grep "unquoted.csv:2:2 (First name): first_name: \"chidi@example.org\" is an email address, not a name: put it in the email column and the name here; when every row is so, the columns are out of step with the header (a header with a comma in it, as \"Surname, First name\", needs quotes around it), or give --map" err &&
	circle db dump >after &&
	test_cmp before after &&
	# an address typed in a form'"'"'s name box, the same
	printf "%s\n" "Name,Email" "dee@example.org,dee@example.org" >typed.csv &&
	test_expect_code 65 circle roster import typed.csv 2>err &&
	test_grep "typed.csv:2:1 (Name): name: \"dee@example.org\" is an email address, not a name" err
'

test_expect_success 'a sign-in sheet with a column "Last name, First name"' '
	printf "%s\n" "Date,\"Last name, First name\"" "2026-11-05,\"Lee, Ann\"" \
	    "2026-11-05,\"Park, Bo\"" >lastfirst.csv &&
	circle attend import lastfirst.csv >out 2>/dev/null &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'a Google Sheets register of checkboxes (.xlsx): ticked is present, FALSE no mark, totals left out' '
	make_book checkboxes gs.xlsx &&
	circle attend import --dry-run gs.xlsx >out 2>err &&
	test_grep "^column 2 \"2026-11-05\" -> marks for 2026-11-05\$" out &&
	test_grep "^column 5 \"Total\": ignored\$" out &&
	test_grep "gs.xlsx:5: a row of totals, passed over" err &&
	circle attend import gs.xlsx >out 2>/dev/null &&
	echo "2 marked, 2 unchanged; 2 sessions recorded" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	2026-11-05T19:00|ann-l|present
	2026-11-05T19:00|bo-p|present
	2026-11-12T19:00|bo-p|present
	2026-11-19T19:00|ann-l|present
	EOF
	marks >actual &&
	test_cmp expect actual
'

test_expect_success 'an Excel register under a merged title row' '
	make_book merged merged.xlsx &&
	circle attend import --dry-run merged.xlsx >out 2>/dev/null &&
	test_grep "header on row 3 (the 2 rows above it left out: a title)" out &&
	test_grep "dry run: would be 2 marked, 3 unchanged; 0 sessions recorded" out
'

# Dates pasted as values into a column formatted Text: Excel keeps the
# serial number.  A Mac workbook in the 1904 system counts from
# 1904-01-01: 44869 is 5 November 2026 there, 4 November 2022 in 1900.
test_expect_success 'serial numbers in a Text column: read in the workbook'"'"'s own date system, 1904 too' '
	make_book serial1904 mac.xlsx &&
	circle attend import --dry-run mac.xlsx >out 2>err &&
	test_grep "(1904 date system)" out &&
	test_grep "dry run: would be 1 marked, 1 unchanged; 0 sessions recorded" out &&
	test_grep "mac.xlsx:2:1 (Date): \"44869\" read as 2026-11-05; 2 date cells held spreadsheet serial numbers (days since 1904-01-01, the workbook${APOS}s 1904 date system), read as dates.  To avoid this, format the column as a date in the workbook" err &&
	make_book serial1900 win.xlsx &&
	circle attend import --dry-run win.xlsx >out 2>err &&
	test_grep "win.xlsx:2:1 (Date): \"46331\" read as 2026-11-05; .*(days since 1899-12-30, the workbook${APOS}s 1900 date system)" err &&
	# in a CSV the system is not known: said so, as before
	printf "%s\n" "Date,Name" "46331,Ann Lee" >serial.csv &&
	circle attend import --dry-run serial.csv >out 2>err &&
	test_grep "a Mac workbook in the 1904 date system would read 4 years and a day early" err
'

test_expect_success 'a CSV Excel saved in a semicolon locale, a decimal comma in a column left out' '
	printf "%s\r\n" "Datum;Name;Anwesenheit;Dauer (Std.)" \
	    "12.11.2026;Ann Lee;anwesend;1,5" "12.11.2026;Cy Diaz;abwesend;0" \
	    >de.csv &&
	circle attend import --dry-run de.csv >out 2>/dev/null &&
	test_grep "^de.csv: UTF-8, semicolon-separated, header on line 1\$" out &&
	test_grep "^column 4 \"Dauer (Std.)\": ignored\$" out &&
	circle attend import de.csv >out 2>/dev/null &&
	echo "2 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(marks | grep "12T19:00|cy-d")" = "2026-11-12T19:00|cy-d|absent"
'

test_expect_success 'a Microsoft Forms sign-in with --walk-ins: the newcomer added with the email the form kept' '
	printf "ID\tStart time\tCompletion time\tEmail\tName\n1\t2026-11-19 18:55:02\t2026-11-19 18:56:40\tbo@example.org\tBo Park\n2\t2026-11-19 19:01:10\t2026-11-19 19:02:00\tzara@example.org\tZara Khan\n3\t2026-11-19 19:03:10\t2026-11-19 19:04:00\tyu@example.org\tyu@example.org\n" |
	    /usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" msforms.xlsx &&
	circle db dump >before &&
	test_expect_code 65 circle attend import --walk-ins msforms.xlsx 2>err &&
	test_grep "msforms.xlsx:4:5 (Name): \"yu@example.org\" is an email address, not a name: no walk-in added; give the row the person${APOS}s name" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend import --walk-ins --skip-unknown msforms.xlsx >out 2>err &&
	echo "2 marked, 0 unchanged; 0 sessions recorded; 1 walk-in added to the roster" >expect &&
	test_cmp expect out &&
	test_grep "msforms.xlsx:3: added to the roster and the group: Zara Khan (zara-k), a guest of thursday-circle from 2026-11-19" err &&
	test "$(test_sql "SELECT email FROM member WHERE handle = ${APOS}zara-k${APOS}")" = zara@example.org
'

# Meet writes the times alone and names the file by the meeting's start.
test_expect_success 'Google Meet'"'"'s attendance report: its times alone read on the day its file'"'"'s name begins with' '
	name="2026-11-12 19-00 Thursday Circle - Attendance Report.csv" &&
	printf "%s\r\n" "First name,Last name,Email,Duration,Time joined,Time exited" \
	    "Cy,Diaz,,1 hr 25 min,7:01 PM,8:26 PM" \
	    "Zara,Khan,zara@example.org,58 min,7:02:10 PM,8:00:10 PM" >"$name" &&
	circle attend import "$name" >out 2>err &&
	# Cy absent there before (de.csv), Zara not marked
	echo "2 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test_grep "^circle-attend: $name:2: \"7:01 PM\" has no date: the day the file${APOS}s name begins with, 2026-11-12, as Google Meet names its attendance report (give --session if the meeting was another day)\$" err &&
	test "$(marks | grep "12T19:00|cy-d")" = "2026-11-12T19:00|cy-d|present" &&
	# named otherwise: refused, naming --session, as before
	cp "$name" meet.csv &&
	test_expect_code 65 circle attend import meet.csv 2>err &&
	test_grep "meet.csv:2:5 (Time joined): \"7:01 PM\" is not a date .*; or give the session with --session\$" err &&
	# a day no session was on, from the name (renamed, or its date
	# another): the refusal says where the day came from
	cp "$name" "2026-11-13 Thursday Circle.csv" &&
	test_expect_code 65 circle attend import "2026-11-13 Thursday Circle.csv" 2>err &&
	test_grep "^circle-attend: 2026-11-13 Thursday Circle.csv:2:5 (Time joined): no session on Friday 2026-11-13.*; the day is the one the file${APOS}s name begins with, as Google Meet names its attendance report: give --session if the meeting was another day\$" err
'

test_expect_success 'a register with its key typed under the table: the key left out, said' '
	printf "%s\r\n" "Name,05/11/2026,12/11/2026" "Ann Lee,P,A" "Bo Park,P,L" \
	    ",," "Key: P = present,A = absent,L = late" >key.csv &&
	circle attend import --dry-run --date-order dmy key.csv >out 2>err &&
	test_grep "^circle-attend: key.csv:5: \"Key: P = present\": a key to the marks, not a person; left out\$" err &&
	test_grep "dry run: would be 2 marked, 2 unchanged; 0 sessions recorded" out &&
	# a name is never a key: Key, or Legend, with no colon
	printf "%s\n" "Date,Name" "2026-11-05,Key Legend" >name.csv &&
	test_expect_code 65 circle attend import name.csv 2>err &&
	test_grep "no member \"Key Legend\"" err
'

test_expect_success 'a register headed by the days of a month alone, the month above: refused, saying what to write' '
	make_book month month.xlsx &&
	test_expect_code 65 circle attend import month.xlsx 2>err &&
	test_grep "^circle-attend: month.xlsx:3: columns 2 to 4 (\"5\" to \"19\") are numbers, not days a session was on (the days of a month, its month in a row above?): write each header as the whole date (5 Nov 2026, or 2026-11-05); in a workbook, a date shown as its day alone: format it to show the month and year too\$" err
'

test_done
