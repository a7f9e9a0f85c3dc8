#!/bin/sh
test_description='--map that ignores or names a column keeps the rest of the reading: titles, summaries, printed sheets, name halves'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# marks: session, handle and mark of every mark.
marks() {
	test_sql "SELECT s.local_start, m.handle, a.status
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id ORDER BY 1, 2"
}

# The note about a hidden column says "--map 3=ignore": given, the title
# above the header is still left out, and the column is not read.
test_expect_success OPENPYXL 'roster: --map N=ignore as the hidden-column note says keeps the title rows left out' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Tuesday group roster"])
	ws.append(["Printed 1 December 2026"])
	ws.append(["Name", "Email", "Notes", "Phone"])
	ws.append(["Ann Lee", "ann@example.org", "private", "07700 900123"])
	ws.column_dimensions["C"].hidden = True
	wb.save("hid.xlsx")
	EOF
	circle roster import --dry-run --map 3=ignore hid.xlsx >out 2>err &&
	test_must_be_empty err &&
	test_grep "header on row 3 (the 2 rows above it left out: a title)" out &&
	test_grep "^column 3 \"Notes\": ignored" out &&
	circle roster import --map 3=ignore hid.xlsx >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT display_name || \"|\" || coalesce(notes, \"\") FROM member")" = "Ann Lee|"
'

# A header only --map names (a one-column list under a title): the
# header is the row that names it, not the title.
test_expect_success 'roster: a header only --map knows, under a title, is found' '
	test_fresh_db &&
	printf "%s\r\n" "\"Sign-ups, autumn\"" "" "Who" "Ann Lee" "Bo Li" >who.csv &&
	circle roster import --map Who=name who.csv >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: a group, its sessions, three people' '
	test_fresh_db &&
	circle group add --handle thu --tz Europe/London "Thursday Circle" >/dev/null &&
	circle session add 2026-01-08 19:00 >/dev/null &&
	circle session add 2026-12-01 19:00 >/dev/null &&
	for n in "Ina Berg" "Rosa Quintero" "Ann Lee"; do
		circle roster add --group thu "$n" >/dev/null || exit 1
	done
'

# The sheet circle prints, saved as CSV, with its Notes column left out.
test_expect_success 'attend: the printed sheet with --map Notes=ignore is still read by its When row' '
	printf "%s\r\n" "Thursday Circle,,,," \
	    "When,2026-01-08,19:00-20:30 (Europe/London),," \
	    "Topic,Boundaries,,," ",,,," \
	    "#,Name,Pronouns,Signature,Notes" \
	    "1,Ina Berg,,I. Berg,came late" "2,Rosa Quintero,she/her,Rosa," \
	    "3,,,," >printed.csv &&
	# (in the group from 2026-01-01, not from today: no note of
	# marks before their first day)
	circle roster join --on 2026-01-01 ina-b rosa-q >/dev/null &&
	circle attend import --map Notes=ignore printed.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test_sql "SELECT count(*) FROM attendance WHERE note IS NOT NULL" >actual &&
	echo 0 >expect &&
	test_cmp expect actual
'

# Zoom's summary above the table, and a column given by number.
test_expect_success 'attend: Zoom summary passed over with --map N=ignore' '
	printf "%s\r\n" \
	    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants" \
	    "812 3456 7890,Thursday Circle,12/01/2026 06:58:40 PM,12/01/2026 08:31:02 PM,host@example.org,93,2" \
	    "" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest" \
	    "Ann Lee,,12/01/2026 07:01:12 PM,12/01/2026 08:30:00 PM,89,Yes" >zoom.csv &&
	circle attend import --date-order mdy --map 6=ignore zoom.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	printf "%s\n" "2026-01-08T19:00|ina-b|present" \
	    "2026-01-08T19:00|rosa-q|present" "2026-12-01T19:00|ann-l|present" >expect &&
	test_cmp expect actual
'

# "Name" beside "Surname" is the first name, --map of another column or not.
test_expect_success 'attend: Name beside Surname is still the first name when --map names another column' '
	printf "%s\r\n" "Date,Name,Surname,Comments" "2026-12-01,Ina,Berg,hi" >halves.csv &&
	circle attend import --dry-run --map Comments=ignore halves.csv >out &&
	test_grep "^column 2 \"Name\" -> first" out &&
	circle attend import --map Comments=ignore halves.csv >out &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	circle attend import --dry-run --map Name=name --map Surname=ignore halves.csv >out &&
	test_grep "^column 2 \"Name\" -> name" out
'

test_expect_success 'checkin: --map N=ignore is taken, and a title above the form is still left out' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	printf "%s\r\n" "Check-in answers" "" \
	    "Timestamp,Name,mood,distress,safe,Private" \
	    "2026-12-01 19:05:00,Ann Lee,7,3,yes,secret" >form.csv &&
	circle checkin import --survey checkin --map 6=ignore --dry-run form.csv >out 2>err &&
	test_grep "header on line 3 (the 2 lines above it left out: a title)" out &&
	test_grep "^column 6 \"Private\": ignored" out &&
	test_must_be_empty err &&
	circle checkin import --survey checkin --map 6=ignore form.csv >out &&
	test "$(test_sql "SELECT count(*) FROM response")" = 1
'


# A list of names under a header no import knows, its column given by
# number: that header is the file's, as before --map let a header be
# looked for (sheets10 made it "no header row"); a title over a table
# with --map N=FIELD is still left out.
test_expect_success 'roster: a one-column list under an unknown header, --map 1=name' '
	printf "%s\n" "Attendees" "Dov Ek" "Eli Fay" "Gil Ho" >list.csv &&
	circle roster import --dry-run --map 1=name list.csv >out &&
	test_grep "header on line 1\$" out &&
	test_grep "^column 1 \"Attendees\" -> name" out &&
	test_grep "would be 3 added" out &&
	printf "%s\n" "Tuesday Group Roster" "First,Last,Email" \
	    "Ann,Lee,ann@example.org" >titled.csv &&
	circle roster import --dry-run --map 3=email titled.csv >out &&
	test_grep "header on line 2 (the line above it left out: a title)" out
'

test_done
