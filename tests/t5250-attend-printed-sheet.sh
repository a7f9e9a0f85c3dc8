#!/bin/sh
test_description='the sign-in sheet circle export signin prints, signed by hand and typed back or saved as CSV, imported as marks'
. "$(dirname "$0")/test-lib.sh"

# marks SESSION: handle and mark of everyone marked at SESSION.
marks() {
	test_sql "SELECT m.handle, a.status, coalesce(a.note, '')
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id
	    WHERE s.local_start = '$1' ORDER BY m.handle"
}

test_expect_success 'setup: a group, three people, a session last week' '
	test_fresh_db &&
	circle group add --tz Europe/London "Thursday Circle" >/dev/null &&
	circle session add 2026-01-08 19:00 >/dev/null &&
	circle session add 2026-01-15 19:00 >/dev/null &&
	for n in "Rosa Quintero" "Tomasz Nowak" "Ina Berg"; do
		circle roster add --group thursday-circle "$n" >/dev/null ||
		exit 1
	done &&
	circle export signin --blank 3 -o sheet.xlsx 2026-01-08 >/dev/null &&
	test -s sheet.xlsx
'

# As Excel saves the sheet above as "CSV UTF-8": a BOM, CRLF, the date
# as the cell shows it, the numbers of the blank rows, empty cells.
test_expect_success 'the printed sheet saved as CSV: who signed is marked present' '
	printf "\357\273\277" >signed.csv &&
	printf "%s\r\n" "Thursday Circle,,,," \
	    "When,2026-01-08,19:00-20:30 (Europe/London),," \
	    "Topic,Boundaries,,," ",,,," \
	    "#,Name,Pronouns,Signature,Notes" \
	    "1,Ina Berg,,I. Berg," \
	    "2,Rosa Quintero,she/her,Rosa,left at 8" \
	    "3,Tomasz Nowak,,," "4,,,," "5,,,," "6,,,," >>signed.csv &&
	circle attend import signed.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	# on the roster from today: the sheet'"'"'s marks are before that
	echo "circle-attend: signed.csv:6: 2 people marked here from 2026-01-08 on, before their first day in the group (ina-b from $(test_sql "SELECT max(joined_on) FROM membership"), rosa-q from $(test_sql "SELECT max(joined_on) FROM membership")): not counted as expected (to count them from that day: circle roster join --on 2026-01-08 ina-b rosa-q)" >expect &&
	test_cmp expect err &&
	cat >expect <<-\EOF &&
	ina-b|present|
	rosa-q|present|left at 8
	EOF
	marks 2026-01-08T19:00 >actual &&
	test_cmp expect actual
'

test_expect_success 'the dry run says where the table is and what each column is' '
	circle attend import --dry-run signed.csv >out &&
	test_grep "^signed.csv: UTF-8, comma-separated, header on line 5 (the 4 lines above it left out: a title)" out &&
	test_grep "^column 2 \"Name\" -> name" out &&
	test_grep "^column 4 \"Signature\" -> signature" out &&
	test_grep "^column 1 \"#\": ignored" out
'

test_expect_success 'typed back by hand, without the title, Where and Topic rows' '
	printf "%s\n" "When,15/01/2026,7pm - 8:30pm" \
	    "#,Name,Pronouns,Signature,Notes" "1,Ina Berg,,x," \
	    "2,Tomasz Nowak,,TN," >typed.csv &&
	circle attend import typed.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	ina-b|present|
	tomasz-n|present|
	EOF
	marks 2026-01-15T19:00 >actual &&
	test_cmp expect actual
'

test_expect_success 'a walk-in who signed: 65, what to do, nothing recorded' '
	circle db dump >before &&
	printf "%s\r\n" "When,2026-01-08,19:00-20:30 (Europe/London),," \
	    "#,Name,Pronouns,Signature,Notes" "1,Ina Berg,,I. Berg," \
	    "4,Olu Ade,he/him,Olu,first time" >walkin.csv &&
	test_expect_code 65 circle attend import walkin.csv 2>err &&
	test_grep "walkin.csv:4:2 (Name): no member \"Olu Ade\" (someone new: add them with .circle attend walk-in --session \"2026-01-08T19:00\" \"Olu Ade\"., then import the sheet again)" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend walk-in --session 2026-01-08T19:00 "Olu Ade" >/dev/null &&
	circle attend import walkin.csv >out &&
	echo "1 marked, 1 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(marks 2026-01-08T19:00 | grep olu)" = "olu-a|present|first time"
'

test_expect_success 'a typed sheet: the walk-in command names the row'"'"'s date; an ambiguous name gets none' '
	circle roster add --group thursday-circle "Sam Lee" >/dev/null &&
	circle roster add --group thursday-circle "Sam Wu" >/dev/null &&
	circle db dump >before &&
	printf "%s\n" "Date,Name" "2026-01-15,Zed Quux" >new.csv &&
	test_expect_code 65 circle attend import new.csv 2>err &&
	test_grep "no member \"Zed Quux\" (someone new: add them with .circle attend walk-in --session \"2026-01-15\" \"Zed Quux\"., then import the sheet again)" err &&
	printf "%s\n" "Date,Name" "2026-01-15,Sam" >two.csv &&
	test_expect_code 65 circle attend import two.csv 2>err &&
	test_grep "member \"Sam\" is ambiguous: sam-l (Sam Lee), sam-w (Sam Wu)\$" err &&
	! grep "someone new" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a When date that reads both ways, or no time: said at its cell' '
	printf "%s\n" "When,01/08/2026,19:00-20:30" "Name,Signature" \
	    "Ina Berg,x" >either.csv &&
	test_expect_code 65 circle attend import either.csv 2>err &&
	test_grep "either.csv:1:2 (When): .* give --date-order" err &&
	circle attend import --date-order mdy either.csv >out &&
	echo "0 marked, 1 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	printf "%s\n" "When,2026-01-08,evening" "Name,Signature" \
	    "Ina Berg,x" >notime.csv &&
	test_expect_code 65 circle attend import notime.csv 2>err &&
	test_grep "notime.csv:1:3 (When): \"evening\" does not start with a time of day" err
'

test_expect_success 'a When row of a date and time in one cell, or of the day alone' '
	printf "%s\n" "When,2026-01-08 19:00" "Name,Signature" \
	    "Tomasz Nowak,TN" >onecell.csv &&
	circle attend import onecell.csv >out &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	printf "%s\n" "When,8 Jan 2026" "Name,Signature,Notes" \
	    "Tomasz Nowak,TN,came late" >dayonly.csv &&
	circle attend import dayonly.csv >out &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(marks 2026-01-08T19:00 | grep tomasz)" = \
	    "tomasz-n|present|came late"
'

test_expect_success 'a sheet of dates with a signature column: signed is present, a status still counts' '
	printf "%s\n" "Date,Time,Name,Signature,Status" \
	    "2026-01-15,19:00,Rosa Quintero,R,late" \
	    "2026-01-15,19:00,Olu Ade,," \
	    "2026-01-15,19:00,Ina Berg,,absent" >dated.csv &&
	circle attend import dated.csv >out &&
	echo "2 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(marks 2026-01-15T19:00 | grep rosa)" = "rosa-q|late|" &&
	test "$(marks 2026-01-15T19:00 | grep ina)" = "ina-b|absent|" &&
	test -z "$(marks 2026-01-15T19:00 | grep olu)"
'

# A signature on a numbered row with no name said only "no handle, email
# or name": it says what is missing and what to do.
test_expect_success 'a signature with no name on its line: said so, what to do, nothing recorded' '
	circle db dump >before &&
	printf "%s\r\n" "When,2026-01-08,19:00-20:30 (Europe/London),," \
	    "#,Name,Pronouns,Signature,Notes" "1,Ina Berg,,I. Berg," \
	    "5,,,J. Moss," >noname.csv &&
	test_expect_code 65 circle attend import noname.csv 2>err &&
	cat >expect <<-\EOF &&
	circle-attend: noname.csv:4:4 (Signature): signed with no name on the line: write the name of who signed beside it (someone new: add them with '"'"'circle attend walk-in --session "2026-01-08T19:00" "NAME"'"'"', then import the sheet again)
	EOF
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
