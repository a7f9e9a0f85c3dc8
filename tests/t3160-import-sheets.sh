#!/bin/sh
test_description='Rosters and sign-in sheets as facilitators keep them: a handle that reads as a word of totals, a question for a header, phones a spreadsheet took for numbers, a workbook opening on its instructions'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'
test_lazy_prereq PYTHON 'test -x /usr/bin/python3'

ODSMAKE="/usr/bin/python3 $CIRCLE_SRC/tests/odsmake.py"

test_expect_success 'setup: a group with a session' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null
'

# A roster whose handles are people's own: "sum" and "count2" beside a
# name are people, not totals; a row of "Total" and a count still is.
test_expect_success 'a handle such as sum or count2 beside a name is a person; a totals row still is not' '
	printf "%s\r\n" "Handle,Name,Phone" "sum,Sam Um," "count2,Cole Two," \
	    "ann,Ann Lee," "Total,,3" >handles.csv &&
	circle roster import --group tue handles.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged; 3 joined tue" >expect &&
	test_cmp expect out &&
	test_sql "SELECT handle, display_name FROM member ORDER BY handle" \
	    >actual &&
	printf "%s\n" "ann|Ann Lee" "count2|Cole Two" "sum|Sam Um" >expect &&
	test_cmp expect actual &&
	echo "circle-roster: handles.csv:5: a totals row, not a person; left out" >expect &&
	test_cmp expect err
'

test_expect_success 'a sign-in sheet: a handle sum beside a name is marked; its totals row passed over' '
	printf "%s\r\n" "Date,Handle,Name,Present" \
	    "2026-12-01,sum,Sam Um,yes" "2026-12-01,count2,Cole Two,yes" \
	    "Count,,,2" >signed.csv &&
	circle attend import --group tue signed.csv >out 2>err &&
	test_grep "2 marked" out &&
	test_grep "signed.csv:4: .*totals" err &&
	test_sql "SELECT m.handle FROM attendance a JOIN member m ON
	    m.id = a.member_id ORDER BY m.handle" >actual &&
	printf "%s\n" count2 sum >expect &&
	test_cmp expect actual
'

# A word of totals is a cell's whole text as typed: "Su M." is a name,
# not "sum" with its space and dot folded away; "Sum" beside a handle, an
# email or a phone is a person's name.  A lone "Sum" and a count still
# is a row of totals.
test_expect_success 'a roster: "Su M.", and "Sum" beside a handle or phone, are people' '
	printf "%s\r\n" "Handle,Name,Phone" "su,Su M.," "sm,Sum," ",Sum,4" \
	    >su.csv &&
	circle roster import su.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: su.csv:4: a totals row, not a person; left out" \
	    >expect &&
	test_cmp expect err &&
	test_sql "SELECT handle, display_name FROM member WHERE handle IN
	    ('\''su'\'', '\''sm'\'') ORDER BY id" >actual &&
	printf "%s\n" "su|Su M." "sm|Sum" >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Name,Phone" "Sum,212 555 0199" "Sum,4" >sum.csv &&
	circle roster import sum.csv >out 2>err &&
	echo "circle-roster: sum.csv:3: a totals row, not a person; left out" \
	    >expect &&
	test_cmp expect err
'

test_expect_success 'a sign-in sheet: "Su M." and "Sum" with a handle are marked' '
	circle roster join --group tue --on 2026-11-01 su >/dev/null &&
	circle roster add --group tue --handle smx --new Sum >/dev/null &&
	printf "%s\r\n" "Date,Handle,Name,Present" \
	    "2026-12-01,su,Su M.,yes" "2026-12-01,smx,Sum,yes" \
	    "Sum,,,2" >susigned.csv &&
	circle attend import --group tue susigned.csv >out 2>err &&
	test_grep "2 marked" out &&
	test_grep "susigned.csv:4: .*totals" err &&
	test_sql "SELECT m.handle FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.handle IN ('\''su'\'', '\''smx'\'')
	    ORDER BY m.handle" >actual &&
	printf "%s\n" smx su >expect &&
	test_cmp expect actual
'

test_expect_success 'a check-in form: a response named "Su M." is read, not passed over' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	printf "%s\r\n" "Timestamp,Name,mood,distress,safe" \
	    "2026-12-01 19:05:00,Su M.,6,2,yes" "Total,,6,2," >suform.csv &&
	circle checkin import --survey checkin --group tue suform.csv \
	    >out 2>err &&
	test_grep "suform.csv:3: a row of totals, passed over" err &&
	! test_grep "suform.csv:2" err &&
	test_sql "SELECT count(*) FROM response r JOIN member m ON
	    m.id = r.member_id WHERE m.handle = '\''su'\''" >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

# "Join?" (do you want to join?) is a yes or a no, not BigBlueButton's
# "Join" time, nor "Joined?" the day one joined.
test_expect_success 'a sign-in sheet header "Join?" is a question, not when one joined' '
	printf "%s\r\n" "Date,Name,Present,Join?" \
	    "2026-12-01,Ann Lee,yes,yes" >join.csv &&
	circle attend import --group tue --dry-run join.csv >out 2>err &&
	test_grep "^column 4 \"Join?\": ignored$" out &&
	test_grep "would be 1 marked" out
'

test_expect_success 'a roster header "Joined?" is a question, not the day one joined' '
	printf "%s\r\n" "Name,Joined?" "Ann Lee,yes" "Bo Li,no" >joined.csv &&
	circle roster import joined.csv >out 2>err &&
	echo "1 added, 0 updated, 1 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "joined.csv:1:2: column \"Joined?\" ignored" err
'

# A phone typed in Excel without a leading apostrophe is a number: its
# leading 0 (07700 900123) or + (+44 7700 900123) is gone.  Whether one
# was lost is not known (a North American number has neither): kept,
# with a warning naming the first cell and how many.
test_expect_success 'a phone of digits alone is kept, with a warning naming its cell and the count' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email,Mobile" "Ann Lee,ann@example.org,07700 900123" \
	    "Bo Li,bo@example.org,7700900124" "Cy Ng,cy@example.org,447700900125" \
	    "Di Ho,di@example.org,+44 7700 900126" "Ed Yu,ed@example.org,5550123" \
	    "Fi Ko,fi@example.org,123456" >phones.csv &&
	circle roster import phones.csv >out 2>err &&
	echo "6 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: phones.csv:3:3 (Mobile): phone "7700900124" is digits alone, as a spreadsheet keeps a number: a leading 0 or + may have been lost (3 phones so in all); kept as written: check them, and format the column as Text before typing a number again
	EOF
	test_cmp expect err &&
	test "$(test_sql "SELECT phone FROM member WHERE email = \"bo@example.org\"")" = 7700900124
'

# In the United States, Canada and the Caribbean (+1) a number has no
# leading 0 and no +: ten digits alone are whole there, and a group in
# one of their zones is told nothing; a London group still is.
test_expect_success 'digits alone in a group of the +1 countries are whole: nothing said' '
	circle group add --handle nyc --tz America/New_York "NYC" >/dev/null &&
	circle group add --handle yvr --tz America/Vancouver "YVR" >/dev/null &&
	circle group add --handle ldn --tz Europe/London "LDN" >/dev/null &&
	printf "%s\r\n" "Name,Email,Phone" "Gil Sa,gil@example.org,2125550123" \
	    >us.csv &&
	circle roster import --group nyc us.csv >out 2>err &&
	test_must_be_empty err &&
	circle roster import --group yvr --dry-run us.csv >out 2>err &&
	test_must_be_empty err &&
	circle roster import --group ldn --dry-run us.csv >out 2>err &&
	test_grep "us.csv:2:3 (Phone): phone \"2125550123\" is digits alone" err
'

# The row's own group says where its phone is: a Group cell naming a New
# York group is a +1 row; a London one still warns.  Without --group or a
# Group cell, a database whose groups are all in +1 zones says nothing.
test_expect_success 'digits alone in a row whose Group is a +1 group: nothing said; a database of +1 groups alone neither' '
	printf "%s\r\n" "Name,Phone,Group" "Hu Ra,2125550124,nyc" \
	    "Io Ta,6045550125,yvr" >usgroup.csv &&
	circle roster import --dry-run usgroup.csv >out 2>err &&
	test_must_be_empty err &&
	printf "%s\r\n" "Name,Phone,Group" "Hu Ra,2125550124,nyc" \
	    "Jan Ek,7700900126,ldn" >mixed.csv &&
	circle roster import --dry-run mixed.csv >out 2>err &&
	test_grep "^circle-roster: mixed.csv:3:2 (Phone): phone \"7700900126\" is digits alone.* (1 phone so in all)" err &&
	printf "%s\r\n" "Name,Phone" "Ko Lu,2125550127" >nogroup.csv &&
	circle roster import --dry-run nogroup.csv >out 2>err &&
	test_grep "nogroup.csv:2:2 (Phone): phone \"2125550127\" is digits alone" err
'

test_expect_success 'without --group, a database whose groups are all in +1 zones says nothing' '
	test_fresh_db &&
	circle group add --handle nyc --tz America/New_York "NYC" >/dev/null &&
	circle group add --handle yvr --tz America/Vancouver "YVR" >/dev/null &&
	printf "%s\r\n" "Name,Phone" "Ko Lu,2125550127" >nogroup.csv &&
	circle roster import --dry-run nogroup.csv >out 2>err &&
	test_must_be_empty err &&
	circle group add --handle ldn --tz Europe/London "LDN" >/dev/null &&
	circle roster import --dry-run nogroup.csv >out 2>err &&
	test_grep "nogroup.csv:2:2 (Phone): phone \"2125550127\" is digits alone" err
'

test_expect_success OPENPYXL 'a workbook: a phone cell that is a number is said the same; one formatted with its zero is not' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Roster"
	ws.append(["Name", "Phone"])
	ws.append(["Ann Lee", 7700900123])
	ws.append(["Bo Li", 7700900124])
	ws["B3"].number_format = "00000 000000"
	wb.save("phones.xlsx")
	EOF
	circle roster import phones.xlsx >out 2>err &&
	test_grep "phones.xlsx:2:2 (Phone): phone \"7700900123\" is digits alone.*(1 phone so in all); kept as written: check it" err &&
	test "$(test_sql "SELECT phone FROM member WHERE display_name = \"Bo Li\"")" = "07700 900124"
'

# A workbook made to be filled in opens on a sheet of instructions.
test_expect_success OPENPYXL 'a workbook whose first sheet is instructions: refused naming the sheets, --sheet reads the roster' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Read me"
	ws.append(["How to fill in this roster"])
	ws.append(["One person a row, on the sheet Roster."])
	ws = wb.create_sheet("Roster")
	ws.append(["Name", "Email"])
	ws.append(["Ann Lee", "ann@example.org"])
	wb.save("cover.xlsx")
	EOF
	nothing_written circle roster import cover.xlsx &&
	echo "circle-roster: cover.xlsx:1: no header row in sheet \"Read me\" (instructions, not a table?): no cell of rows 1 to 2 names a column this import knows; the workbook'\''s other sheets with data: \"Roster\" (--sheet NAME reads one of them)" >expect &&
	test_cmp expect err &&
	circle roster import --sheet Roster cover.xlsx >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

# Mailchimp's export of cleaned members: addresses that bounced.  The
# people are imported, their addresses kept to know them by, said once.
# The dates sign-up services stamp (OPTIN_TIME, CONFIRM_TIME, CLEAN_TIME,
# Eventbrite's Order Date, a form's Timestamp) are not the day one joined.
test_expect_success 'Mailchimp cleaned members: imported, their bounced addresses said once; sign-up stamps not joined dates' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	printf "%s\r\n" \
	    "\"Email Address\",\"First Name\",\"Last Name\",MEMBER_RATING,OPTIN_TIME,CONFIRM_TIME,CLEAN_TIME,CLEAN_CAMPAIGN_TITLE,LEID" \
	    "gil@example.org,Gil,Oz,2,\"2026-10-01 09:00:00\",\"2026-10-01 09:05:00\",\"2026-11-20 08:00:00\",November news,101" \
	    "hal@example.org,Hal,Po,2,\"2026-10-02 09:00:00\",\"2026-10-02 09:05:00\",\"2026-11-20 08:00:00\",November news,102" \
	    >cleaned.csv &&
	circle roster import --group tue cleaned.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged; 2 joined tue" >expect &&
	test_cmp expect out &&
	test_grep "^circle-roster: cleaned.csv:2: 2 people Mailchimp cleaned (CLEAN_TIME): gil-o, hal-p; mail to their address bounced; the address is kept, to know them by: ask them for another$" err &&
	test_grep "cleaned.csv:1:5: column \"OPTIN_TIME\" ignored" err &&
	test_grep "cleaned.csv:1:6: column \"CONFIRM_TIME\" ignored" err &&
	test "$(test_sql "SELECT count(*) FROM membership WHERE joined_on = \"2026-10-01\"")" = 0 &&
	test "$(test_sql "SELECT email FROM member WHERE display_name = \"Gil Oz\"")" = gil@example.org &&
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle roster import --group tue --map OPTIN_TIME=joined cleaned.csv >out 2>err &&
	test "$(test_sql "SELECT group_concat(joined_on) FROM membership")" = 2026-10-01,2026-10-02
'

test_expect_success 'Mailchimp cleaned members: the first four named by handle, then how many more' '
	{
		echo "Email Address,First Name,Last Name,CLEAN_TIME" &&
		for n in Ada Ben Cal Dot Eve Fay; do
			echo "$n@example.org,$n,Mc,2026-11-20 08:00:00"
		done
	} >cleaned6.csv &&
	circle roster import cleaned6.csv >out 2>err &&
	test_grep "^circle-roster: cleaned6.csv:2: 6 people Mailchimp cleaned (CLEAN_TIME): ada-m, ben-m, cal-m, dot-m and 2 more; mail to their address bounced" err
'

# Cells copied from a web page or a mail program into a sheet: unseen
# NO-BREAK and ZERO WIDTH SPACEs, an Outlook "Name <address>", a link's
# "mailto:"; and phones Excel read as formulas.
test_expect_success 'an email or a phone copied with unseen spaces is the address or the number alone' '
	test_fresh_db &&
	printf "Name,Email,Phone\r\nAnn Lee,ann@example.org\302\240,07700\302\240900123\r\nBo Li,\342\200\213bo@example.org,\r\n" >copied.csv &&
	circle roster import copied.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT email, coalesce(phone, \"\") FROM member ORDER BY email" >actual &&
	printf "%s\n" "ann@example.org|07700 900123" "bo@example.org|" >expect &&
	test_cmp expect actual
'

test_expect_success 'Outlook "Name <address>" and a link'\''s "mailto:" are read as the address, said once; the same person matched' '
	printf "%s\r\n" "Name,Email" "Ann Lee,Ann Lee <ann@example.org>" \
	    "Bo Li,mailto:bo@example.org" "Cy Ng,MAILTO:cy@example.org" >outlook.csv &&
	circle roster import outlook.csv >out 2>err &&
	echo "1 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: outlook.csv:2:2: email \"Ann Lee <ann@example.org>\" read as \"ann@example.org\", the address alone (and any other so)" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT email FROM member WHERE display_name = \"Cy Ng\"")" = cy@example.org
'

# A link's "mailto:" with a query (RFC 6068): the address is what comes
# before the "?"; typed after an address, a query is refused; a "?" or
# "=" in the local part is an address as RFC 5322 allows.
test_expect_success 'a "mailto:" with ?subject= is the address alone; a query after a domain refused' '
	printf "%s\r\n" "Name,Email" "Ivy Ro,mailto:ivy@example.org?subject=Group&body=Hi" \
	    "Jay Su,j=y?s@example.org" >query.csv &&
	circle roster import query.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT email FROM member WHERE display_name IN
	    (\"Ivy Ro\", \"Jay Su\") ORDER BY email" >actual &&
	printf "%s\n" ivy@example.org "j=y?s@example.org" >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Name,Email" "Kai Wu,kai@example.org?subject=Group" \
	    >query2.csv &&
	nothing_written circle roster import query2.csv &&
	test_grep "query2.csv:2:2 (Email): email: \"kai@example.org?subject=Group\" is not an email address" err
'

test_expect_success 'an address with a semicolon or a colon left in is refused, nothing imported' '
	printf "%s\r\n" "Name,Email" "Di Ho,di@example.org;" "Ed Yu,ed:x@example.org" >semi.csv &&
	nothing_written circle roster import semi.csv &&
	test_grep "semi.csv:2:2 (Email): email: \"di@example.org;\" is not an email address" err &&
	test_grep "semi.csv:3:2 (Email): email: \"ed:x@example.org\" is not an email address" err
'

test_expect_success 'a phone Excel read as a formula (#NULL!, a sum) is refused, said how to type it' '
	printf "%s\r\n" "Name,Mobile" "Fi Ko,#NULL!" "Gus Ma,-907779" "Hal Po,#NAME?" \
	    "Ida Qu,\"#N/A \"" "Jon Re,\"  #REF! \"" >formula.csv &&
	nothing_written circle roster import formula.csv &&
	test_grep "formula.csv:5:2 (Mobile): phone: \"#N/A \" is what Excel" err &&
	test_grep "formula.csv:6:2 (Mobile): phone: \"#REF! \" is what Excel" err &&
	test_grep "formula.csv:2:2 (Mobile): phone: \"#NULL!\" is what Excel makes of a phone typed as a formula" err &&
	test_grep "formula.csv:3:2 (Mobile): phone: \"-907779\" is what Excel" err &&
	test_grep "formula.csv:4:2 (Mobile): phone: \"#NAME?\" is what Excel" err &&
	test_grep "leading apostrophe" err
'

# A group's name, or a session's date, written once in cells merged down
# over its people's rows: each row is in it (Excel's own CSV has the
# value in the first row only).
test_expect_success OPENPYXL 'a workbook: a group merged down over its people joins each of them, said' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle group add --handle wed --tz Europe/London "Wednesday" >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Roster"
	ws.append(["Group", "Name", "Email"])
	ws.append(["tue", "Ann Lee", "ann@example.org"])
	ws.append([None, "Bo Li", "bo@example.org"])
	ws.append([None, "Cy Ng", "cy@example.org"])
	ws.append(["wed", "Di Ho", "di@example.org"])
	ws.append([None, "Ed Yu", "ed@example.org"])
	ws.append([None, "Fi Ko", "fi@example.org"])
	ws.merge_cells("A2:A4")
	ws.merge_cells("A5:A6")
	ws.merge_cells("B8:C8")
	ws["B8"] = "Thanks for coming"
	wb.save("merged.xlsx")
	EOF
	circle roster import merged.xlsx >out 2>err &&
	echo "7 added, 0 updated, 0 unchanged; 5 joined groups" >expect &&
	test_cmp expect out &&
	test_sql "SELECT m.display_name, coalesce(g.handle, \"\") FROM member m
	    LEFT JOIN membership s ON s.member_id = m.id LEFT JOIN grp g ON
	    g.id = s.grp_id ORDER BY m.display_name" >actual &&
	cat >expect <<-\EOF &&
	Ann Lee|tue
	Bo Li|tue
	Cy Ng|tue
	Di Ho|wed
	Ed Yu|wed
	Fi Ko|
	Thanks for coming|
	EOF
	test_cmp expect actual &&
	echo "circle-roster: merged.xlsx: cells merged down a column (A2:A4 and others) read as their value in each row they cover (3 cells)" >expect &&
	test_cmp expect err
'

test_expect_success OPENPYXL 'a sign-in workbook: a date merged down over the day'\''s names marks each' '
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import datetime, openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Date", "Name", "Present"])
	ws.append([datetime.date(2026, 12, 1), "Ann Lee", "yes"])
	ws.append([None, "Bo Li", "yes"])
	ws.append([None, "Cy Ng", "no"])
	ws.merge_cells("A2:A4")
	wb.save("signin.xlsx")
	EOF
	circle attend import --group tue signin.xlsx >out 2>err &&
	test_grep "3 marked" out &&
	test_grep "cells merged down a column (A2:A4) read as their value in each row they cover (2 cells)" err
'

test_expect_success PYTHON 'an .ods: a group spanning rows (Calc'\''s merged cells) joins each row'\''s person' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	$ODSMAKE merged.ods <<-\EOF &&
	<office:body><office:spreadsheet><table:table table:name="Roster">
	<table:table-column table:number-columns-repeated="2"/>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Group</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell></table:table-row>
	<table:table-row><table:table-cell table:number-rows-spanned="2" table:number-columns-spanned="1" office:value-type="string"><text:p>tue</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Ann Lee</text:p></table:table-cell></table:table-row>
	<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>Bo Li</text:p></table:table-cell></table:table-row>
	<table:table-row><table:table-cell/><table:table-cell office:value-type="string"><text:p>Cy Ng</text:p></table:table-cell></table:table-row>
	</table:table></office:spreadsheet></office:body>
	EOF
	circle roster import merged.ods >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged; 2 joined groups" >expect &&
	test_cmp expect out &&
	echo "circle-roster: merged.ods: cells merged down a column (A2:A3) read as their value in each row they cover (1 cell)" >expect &&
	test_cmp expect err
'

# A sign-in sheet typed by hand: a title, then "Date:" and the day
# above its table.
test_expect_success 'a sign-in sheet with a row "Date:" and the day above its table marks that session' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Email" "Ann Lee,ann@example.org" "Bo Li," >r.csv &&
	circle roster import --group tue r.csv >/dev/null &&
	printf "%s\r\n" "Tuesday group sign-in,," "Date:,01/12/2026," ",," \
	    "Name,Signature" "Ann Lee,AL" "Bo Li," >dated.csv &&
	test_expect_code 65 circle attend import --group tue dated.csv 2>err &&
	test_grep "dated.csv:2:2 (Date:): \"01/12/2026\" is 1 December 2026 day first or January 12, 2026 month first" err &&
	circle attend import --group tue --date-order dmy dated.csv >out 2>err &&
	test_grep "^1 marked" out &&
	test "$(test_sql "SELECT m.handle || \" \" || s.local_start FROM attendance a
	    JOIN member m ON m.id = a.member_id JOIN session s ON
	    s.id = a.session_id")" = "ann-l 2026-12-01T19:00"
'

test_expect_success 'a "Date" header beside "Name" is still a column; a title with a date says what to add' '
	printf "%s\r\n" "Date,Name" "2026-12-01,Bo Li" >plain.csv &&
	circle attend import --group tue plain.csv >out &&
	test_grep "^1 marked" out &&
	printf "%s\r\n" "Tuesday sign-in 1 December 2026,," "Name,Signature" \
	    "Ann Lee,AL" >titled.csv &&
	nothing_written circle attend import --group tue titled.csv &&
	echo "circle-attend: titled.csv:2: no date or session column (add a Date column, or a row \"Date\" and the day above the header; or give --session for a sheet of one session)" >expect &&
	test_cmp expect err
'

# Rows a filter hides ("Group" is Tuesday) are in the file all the same,
# and Excel's CSV has them: read, and said, since the sheet did not show
# them.
test_expect_success OPENPYXL 'a workbook: rows hidden by a filter are read, said with the first and the count' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name", "Email"])
	ws.append(["Ann Lee", "ann@example.org"])
	ws.append(["Bo Li", "bo@example.org"])
	ws.append(["Cy Ng", "cy@example.org"])
	ws.append(["Di Ho", "di@example.org"])
	ws.row_dimensions[3].hidden = True
	ws.row_dimensions[4].hidden = True
	ws.auto_filter.ref = "A1:B5"
	wb.save("filtered.xlsx")
	EOF
	circle roster import filtered.xlsx >out 2>err &&
	echo "4 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: filtered.xlsx:3: 2 hidden rows (lines 3, 4; by a filter, or by hand) read as any other, as the CSV Excel would save holds them; to leave them out, delete them, not hide them" >expect &&
	test_cmp expect err
'

# Hidden rows still join --group: the warning names their lines, the
# first eight, then how many more, so the facilitator can see whom.
test_expect_success OPENPYXL 'many hidden rows: the first eight named by line, then how many more' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name"])
	for i in range(12):
	    ws.append(["Person %c" % (65 + i)])
	for r in range(3, 13):
	    ws.row_dimensions[r].hidden = True
	wb.save("manyhidden.xlsx")
	EOF
	circle roster import --group tue manyhidden.xlsx >out 2>err &&
	echo "12 added, 0 updated, 0 unchanged; 12 joined tue" >expect &&
	test_cmp expect out &&
	echo "circle-roster: manyhidden.xlsx:3: 10 hidden rows (lines 3, 4, 5, 6, 7, 8, 9, 10 and 2 more; by a filter, or by hand) read as any other, as the CSV Excel would save holds them; to leave them out, delete them, not hide them" >expect &&
	test_cmp expect err
'

test_expect_success PYTHON 'an .ods: a row Calc hides (collapse, filter) is read, said' '
	test_fresh_db &&
	$ODSMAKE hidden.ods <<-\EOF &&
	<office:body><office:spreadsheet><table:table table:name="Roster">
	<table:table-column/>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell></table:table-row>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Ann Lee</text:p></table:table-cell></table:table-row>
	<table:table-row table:visibility="filter"><table:table-cell office:value-type="string"><text:p>Bo Li</text:p></table:table-cell></table:table-row>
	<table:table-row table:visibility="visible"><table:table-cell office:value-type="string"><text:p>Cy Ng</text:p></table:table-cell></table:table-row>
	</table:table></office:spreadsheet></office:body>
	EOF
	circle roster import hidden.ods >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: hidden.ods:3: 1 hidden row (line 3; by a filter, or by hand) read as any other, as the CSV LibreOffice Calc would save holds it; to leave it out, delete it, not hide it" >expect &&
	test_cmp expect err
'

# Excel shows a date formatted mmm-yy as "Dec-26": December 2026, no day;
# read alone it is 26 December, of no year.  Refused, saying both.
test_expect_success 'a date as Excel shows a month (Dec-26) is refused saying both readings' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Consent date" "Ann Lee,Dec-26" >month.csv &&
	nothing_written circle roster import month.csv &&
	test_grep "month.csv:2:2 (Consent date): \"Dec-26\": 26 December of which year, or a month with no day (Excel shows December 2026 so, formatted mmm-yy)? Give the whole date, its day too" err
'

# A cover sheet with a table of its own (steps and what to do) has a
# header, but not the import's: the refusal names the other sheets.
test_expect_success OPENPYXL 'a workbook opening on a table of instructions: no name column, the other sheets named (roster, sign-in sheet)' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "How to"
	ws.append(["Step", "What to do"])
	ws.append([1, "One person a row, on the next sheet"])
	ws = wb.create_sheet("People")
	ws.append(["Date", "Name"])
	ws.append(["2026-12-01", "Ann Lee"])
	wb.save("howto.xlsx")
	EOF
	nothing_written circle roster import howto.xlsx &&
	test_grep "^circle-roster: howto.xlsx:1: no name column (a header such as Name, or First name and Last name; or --map COLUMN=name); sheet \"How to\" was read, and the workbook.s other sheets with data are \"People\" (--sheet NAME reads one of them)$" err &&
	nothing_written circle attend import --group tue howto.xlsx &&
	test_grep "^circle-attend: howto.xlsx:1: no date or session column (.*); sheet \"How to\" was read, and the workbook.s other sheets with data are \"People\"" err
'

# Programs that export for Excel write a cell ="07700 900123" so that
# Excel keeps it as text, its leading zero with it.  Unquoted, strict CSV
# refused it as malformed; quoted, it was the text with = and quotes.
test_expect_success 'a cell written ="07700 900123" (unquoted or quoted) is its text; = elsewhere is kept' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Phone,Notes" \
	    "Ann Lee,=\"07700 900123\",=\"00123\"" \
	    "Bo Li,\"=\"\"07700 900124\"\"\",a=b" \
	    "Cy Ng,,\"two lines" "=\"\"kept\"\" as written\"" >formula-text.csv &&
	circle roster import formula-text.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, coalesce(phone, \"-\"), coalesce(notes, \"-\")
	    FROM member ORDER BY 1" >actual &&
	cat >expect <<-\EOF &&
	Ann Lee|07700 900123|00123
	Bo Li|07700 900124|a=b
	Cy Ng|-|two lines
	="kept" as written
	EOF
	test_cmp expect actual
'

test_expect_success 'a sign-in sheet: an email with a NO-BREAK SPACE, or as "Name <address>", finds its person' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Email" "Ann Lee,ann@example.org" \
	    "Bo Li,bo@example.org" >r.csv &&
	circle roster import --group tue r.csv >/dev/null &&
	printf "Date,Email,Present\r\n2026-12-01,ann@example.org\302\240,yes\r\n2026-12-01,Bo Li <bo@example.org>,yes\r\n" >emails.csv &&
	circle attend import --group tue emails.csv >out 2>err &&
	test_grep "^2 marked" out &&
	test_sql "SELECT m.email FROM attendance a JOIN member m ON
	    m.id = a.member_id ORDER BY 1" >actual &&
	printf "%s\n" ann@example.org bo@example.org >expect &&
	test_cmp expect actual
'

# Display names copied from a video call or a sign-up list carry the
# person's pronouns: "Ann Lee (she/her)".
test_expect_success 'a name with pronouns in parentheses: the name and the pronouns, said once; another aside kept' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email,Pronouns" "Ann Lee (she/her),ann@example.org," \
	    "Bo Li (He/They),bo@example.org," "Cy Ng (Cyrus),cy@example.org," \
	    "Di Ho (any pronouns),," "Ed Yu (she/her),,they/them" >pron.csv &&
	circle roster import pron.csv >out 2>err &&
	echo "5 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: pron.csv:2:1: "Ann Lee (she/her)" read as the name "Ann Lee", pronouns "she/her" (and any other so)
	circle-roster: pron.csv:6:1: pronouns "she/her" in the name differ from the row'\''s own "they/them"; the name kept as typed, the row'\''s pronouns kept (correct either with circle roster edit)
	EOF
	test_cmp expect err &&
	test_sql "SELECT display_name, coalesce(pronouns, \"\") FROM member ORDER BY 1" >actual &&
	cat >expect <<-\EOF &&
	Ann Lee|she/her
	Bo Li|He/They
	Cy Ng (Cyrus)|
	Di Ho|any pronouns
	Ed Yu (she/her)|they/them
	EOF
	test_cmp expect actual
'

# Pronouns in the name that differ from the row's own: the name kept as
# typed, said; the handle made from the name without them, not "jo-h"
# from "(he".  A lone "(Any)" is an aside, not pronouns (only "any
# pronouns" or a set such as "any/all" is).
test_expect_success 'pronouns in the name unlike the row'\''s: said, the handle without them; "(Any)" alone is an aside' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Pronouns" "Jo Ma (he/him),they/them" \
	    "Kim (Any)," "Lu Po (any/all)," >prondiff.csv &&
	circle roster import prondiff.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "^circle-roster: prondiff.csv:2:1: pronouns \"he/him\" in the name differ from the row'\''s own \"they/them\"; the name kept as typed" err &&
	! test_grep "prondiff.csv:3" err &&
	test_sql "SELECT handle, display_name, coalesce(pronouns, \"\")
	    FROM member ORDER BY id" >actual &&
	cat >expect <<-\EOF &&
	jo-m|Jo Ma (he/him)|they/them
	kim-a|Kim (Any)|
	lu-p|Lu Po|any/all
	EOF
	test_cmp expect actual
'

# A sign-up service's export, or a report printed to CSV, ends with a
# line of its own under the table.
test_expect_success 'a line a program writes under its table is left out, said; a name with a number is not' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email" "Ann Lee,ann@example.org" ",," \
	    "Exported from SignUpGenius on 12/01/2026," "Page 1 of 1," \
	    "Zed Page 2," >footer.csv &&
	circle roster import footer.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: footer.csv:4: "Exported from SignUpGenius on 12/01/2026": a line a program writes under its table, not a person; left out
	circle-roster: footer.csv:5: "Page 1 of 1": a line a program writes under its table, not a person; left out
	EOF
	test_cmp expect err &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee" "Zed Page 2" >expect &&
	test_cmp expect actual
'

# Numbers exports a workbook with a sheet of its own first, "Export
# Summary": what it made of each table.
test_expect_success OPENPYXL 'a workbook Numbers exported: its Export Summary passed over, the table read' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.title = "Export Summary"
	ws.append(["Export Summary"])
	ws.append([])
	ws.append(["This document was exported from Numbers. Each table was converted to an Excel worksheet."])
	ws.append([])
	ws.append(["Numbers Sheet Name", "Numbers Table Name", "Excel Worksheet Name"])
	ws.append(["Sheet 1", "Table 1", "Sheet 1 - Table 1"])
	ws = wb.create_sheet("Sheet 1 - Table 1")
	ws.append(["Name", "Email"])
	ws.append(["Ann Lee", "ann@example.org"])
	wb.save("numbers.xlsx")
	EOF
	circle roster import numbers.xlsx >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "read sheet \"Sheet 1 - Table 1\"; the workbook.s other sheets with data: \"Export Summary\"" err
'

test_done
