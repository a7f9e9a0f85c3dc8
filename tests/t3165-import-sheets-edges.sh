#!/bin/sh
test_description='imports of sheets at their edges: many merges, hidden columns, lines under a table'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq PYTHON 'test -x /usr/bin/python3'
test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

ODSMAKE="/usr/bin/python3 $CIRCLE_SRC/tests/odsmake.py"

# A group's name merged down over each pair of people, 5000 times: every
# row is in its group (a limit of 4096 merges once left all of them
# unfilled, without a word).
test_expect_success OPENPYXL 'a workbook with 5000 merges down a column fills every one' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Group", "Name", "Email"])
	for i in range(5000):
	    ws.append(["tue", "Pat %05d" % (2 * i), "p%d@example.org" % (2 * i)])
	    ws.append([None, "Pat %05d" % (2 * i + 1), "p%d@example.org" % (2 * i + 1)])
	for i in range(5000):
	    ws.merge_cells("A%d:A%d" % (2 * i + 2, 2 * i + 3))
	wb.save("many.xlsx")
	EOF
	circle roster import many.xlsx >out 2>err &&
	echo "10000 added, 0 updated, 0 unchanged; 10000 joined groups" >expect &&
	test_cmp expect out &&
	echo "circle-roster: many.xlsx: cells merged down a column (A2:A3 and others) read as their value in each row they cover (5000 cells)" >expect &&
	test_cmp expect err
'

# A column hidden in the sheet (its notes, its phones) is in Excel's CSV
# all the same, and read: said, as hidden rows are, by letter and by the
# number --map takes.  A hidden column with nothing in it is not said.
test_expect_success OPENPYXL 'a workbook: a hidden column with data is read, said; an empty one is not' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name", "Email", "Notes", None, "Phone"])
	ws.append(["Ann Lee", "ann@example.org", "asked not to be named", None, "07700 900123"])
	ws.append(["Bo Li", "bo@example.org", None, None, None])
	ws.column_dimensions["C"].hidden = True
	ws.column_dimensions["D"].hidden = True
	wb.save("hidcol.xlsx")
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name", "Email", "Notes", "Phone"])
	ws.append(["Ann Lee", "ann@example.org", "asked not to be named", "07700 900123"])
	ws.column_dimensions.group("C", "D", hidden=True)
	wb.save("hidcols.xlsx")
	EOF
	circle roster import hidcol.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: hidcol.xlsx: hidden column C (3) read as any other, as the CSV Excel would save holds it; to leave it out, delete it, not hide it, or give --map 3=ignore" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT notes FROM member WHERE display_name = \"Ann Lee\"")" = "asked not to be named" &&
	circle roster import --dry-run hidcols.xlsx >out 2>err &&
	echo "circle-roster: hidcols.xlsx: hidden columns C (3), D (4) read as any other, as the CSV Excel would save holds them; to leave one out, delete it, not hide it, or give --map with its number (--map 3=ignore)" >expect &&
	test_cmp expect err &&
	circle roster import --dry-run --map 3=ignore hidcols.xlsx >out 2>err &&
	echo "circle-roster: hidcols.xlsx: hidden column D (4) read as any other, as the CSV Excel would save holds it; to leave it out, delete it, not hide it, or give --map 4=ignore" >expect &&
	test_cmp expect err
'

test_expect_success PYTHON 'an .ods: a column Calc hides is read, said' '
	test_fresh_db &&
	$ODSMAKE hidcol.ods <<-\EOF &&
	<office:body><office:spreadsheet><table:table table:name="Roster">
	<table:table-column/><table:table-column table:visibility="collapse"/>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Notes</text:p></table:table-cell></table:table-row>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Ann Lee</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>private</text:p></table:table-cell></table:table-row>
	</table:table></office:spreadsheet></office:body>
	EOF
	circle roster import hidcol.ods >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: hidcol.ods: hidden column B (2) read as any other, as the CSV LibreOffice Calc would save holds it; to leave it out, delete it, not hide it, or give --map 2=ignore" >expect &&
	test_cmp expect err
'

# The footer rule reads a line as a program's only when its word comes
# with a date or a time: a name with a number alone is a person's.
test_expect_success 'a one-cell name with "report" or "created" and a number is a person; a footer with a date is not' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email" "Ann Lee,ann@example.org" "Report 2," \
	    "Created 4 U," ",," "Report generated 2026-12-01 10:15," \
	    "Printed 1 Dec 2026," >names.csv &&
	circle roster import names.csv >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: names.csv:6: "Report generated 2026-12-01 10:15": a line a program writes under its table, not a person; left out
	circle-roster: names.csv:7: "Printed 1 Dec 2026": a line a program writes under its table, not a person; left out
	EOF
	test_cmp expect err &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee" "Created 4 U" "Report 2" >expect &&
	test_cmp expect actual
'

# A CRM report's export (Salesforce's, as Export gives it): a title block
# above the header, the grand totals with their count of records, the
# notice lines and the company's name under the table.
test_expect_success 'a CRM report: its title block, grand totals, notice and company name are no one' '
	test_fresh_db &&
	printf "%s\r\n" "\"Tuesday group contacts\"" "\"As of 12/1/2026\"" \
	    "\"Filtered By: Group equals Tuesday\"" \
	    "\"First Name\",\"Last Name\",\"Email\",\"Mobile\"" \
	    "\"Ann\",\"Lee\",\"ann@example.org\",\"\"" \
	    "\"Bo\",\"Li\",\"\",\"07700 900124\"" "" \
	    "\"Grand Totals (2 records)\"" "" \
	    "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"" \
	    "\"Confidential Information - Do Not Distribute\"" \
	    "\"Generated By:  Jo Bo  12/1/2026 9:15 AM\"" \
	    "\"Riverside Peer Support\"" >crm.csv &&
	circle roster import crm.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: crm.csv:8: a totals row, not a person; left out
	circle-roster: crm.csv:10: "Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.": a line a program writes under its table, not a person; left out
	circle-roster: crm.csv:11: "Confidential Information - Do Not Distribute": a line a program writes under its table, not a person; left out
	circle-roster: crm.csv:12: "Generated By:  Jo Bo  12/1/2026 9:15 AM": a line a program writes under its table, not a person; left out
	circle-roster: crm.csv:13: "Riverside Peer Support": the name under a notice (line 11), as a report'\''s company is written last, not a person; left out (if it is someone, delete line 11 and import again)
	EOF
	test_cmp expect err &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee" "Bo Li" >expect &&
	test_cmp expect actual
'

# A notice typed in the middle of a roster is no footer block: one name
# alone after it is taken for a company's, said with the line to delete;
# the rest are people.  Every name alone on its row under it was left out.
test_expect_success 'a notice in the middle of a roster leaves out one row at most, said how to keep it' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email,Phone" "Ann Lee,ann@example.org," \
	    "\"Confidential information, do not distribute\",," \
	    "Cara Diaz,," "Dev Patel,," "Eli Ross,eli@example.org," \
	    "Fay Wu,," >mid.csv &&
	circle roster import mid.csv >out 2>err &&
	echo "4 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "mid.csv:4: \"Cara Diaz\": the name under a notice (line 3).*delete line 3 and import again" err &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee" "Dev Patel" "Eli Ross" "Fay Wu" >expect &&
	test_cmp expect actual
'

# A sign-in sheet printed from a church or CRM program, typed back or
# saved as CSV, has the same lines under its table: left out, said, as the
# roster leaves them out; they were refused as people not on the roster.
test_expect_success 'a sign-in sheet: "Page 1 of 2" and "Printed from ..." under the table are left out, said' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Email,Joined" "Ann Lee,ann@example.org,2026-11-01" "Bo Li,,2026-11-01" >r.csv &&
	circle roster import --group tue r.csv >/dev/null &&
	printf "%s\r\n" "Name,Date,Present" "Ann Lee,2026-12-01,yes" \
	    "Bo Li,2026-12-01,yes" ",," "Page 1 of 2,," \
	    "Printed from Planning Center on 12/01/2026,," >signin.csv &&
	circle attend import --group tue signin.csv >out 2>err &&
	test_grep "^2 marked" out &&
	cat >expect <<-\EOF &&
	circle-attend: signin.csv:5: "Page 1 of 2": a line a program writes under its table, not a person; left out
	circle-attend: signin.csv:6: "Printed from Planning Center on 12/01/2026": a line a program writes under its table, not a person; left out
	EOF
	test_cmp expect err
'

# A UTF-8 file (Eventbrite's, a form's) opened in Excel as Windows-1252
# and saved again as "CSV UTF-8" holds "RenÃ©" for "René": refused, with
# what it means and how to open it right; nothing imported.  So is a UTF-8
# file read with --encoding windows-1252.  Real accents, curly quotes, a
# capital before an apostrophe, Greek and Cyrillic are read.
test_expect_success PYTHON 'UTF-8 saved twice over (RenÃ©) is refused saying what it is; real text is read' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	t = "Name,Notes\r\nRené Côté,Ann’s friend – new\r\n"
	twice = t.encode("utf-8").decode("cp1252")
	open("twice.csv", "wb").write(b"\xef\xbb\xbf" + twice.encode("utf-8"))
	open("real.csv", "wb").write("Name,Notes\r\nZoë Brontë,Ann’s friend – new\r\nJOSÉ’S Ñandú,x\r\nΑλέξης Σ,Игорь\r\n".encode("utf-8"))
	EOF
	nothing_written circle roster import twice.csv &&
	echo "circle-roster: twice.csv:2:1 (Name): \"RenÃ©\" is \"René\" saved twice over, as a UTF-8 file opened in Excel as Windows-1252 and saved again has it; open the file it came from in Excel with Data > From Text/CSV, File Origin \"65001: Unicode (UTF-8)\", or correct the cells, and save it again" >expect &&
	test_cmp expect err &&
	nothing_written circle roster import --encoding windows-1252 real.csv &&
	echo "circle-roster: real.csv:2:1 (Name): \"ZoÃ«\" is \"Zoë\" in UTF-8 read as windows-1252: the file is UTF-8; leave out --encoding" >expect &&
	test_cmp expect err &&
	circle roster import real.csv >out &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

# The same on a Mac: a UTF-8 file (no byte order mark) opened in Excel
# for Mac as Mac Roman, its plain CSV's encoding, then saved as "CSV
# UTF-8", holds "Ren√©" and "it‚Äôs": refused, with how to open it right;
# a UTF-8 file read with --encoding macintosh too.  Correct text with
# the same characters ("«Ça", "2020–école", "√é" in a note) is read.
test_expect_success PYTHON 'UTF-8 saved twice over through Mac Roman (Ren√©) is refused saying what it is; real text is read' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	t = "Name,Notes\r\nRené Côté,it’s Ann’s friend\r\n"
	open("mactwice.csv", "wb").write(t.encode("utf-8").decode("mac_roman").encode("utf-8"))
	open("quote.csv", "wb").write("Name,Notes\r\nAnn Lee,it’s Ann’s friend\r\n".encode("utf-8").decode("mac_roman").encode("utf-8"))
	open("macreal.csv", "wb").write("Name,Notes\r\nRené Côté,«Ça va» 2020–école √é ƒ≈\r\n".encode("utf-8"))
	EOF
	nothing_written circle roster import mactwice.csv &&
	echo "circle-roster: mactwice.csv:2:1 (Name): \"Ren√©\" is \"René\" saved twice over, as a UTF-8 file opened in Excel for Mac as Mac Roman and saved again has it; open the file it came from with File > Import, File origin \"Unicode (UTF-8)\", or correct the cells, and save it again" >expect &&
	test_cmp expect err &&
	nothing_written circle roster import quote.csv &&
	test_grep "quote.csv:2:2 (Notes): \"it‚Äôs\" is \"it’s\" saved twice over" err &&
	nothing_written circle roster import --encoding macintosh macreal.csv &&
	echo "circle-roster: macreal.csv:2:1 (Name): \"Ren√©\" is \"René\" in UTF-8 read as macintosh: the file is UTF-8; leave out --encoding" >expect &&
	test_cmp expect err &&
	circle roster import macreal.csv >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT notes FROM member")" = "«Ça va» 2020–école √é ƒ≈"
'

# Two exports joined into one file (cat, or pasted one under the other),
# the second with its header and its byte order mark; a sign-in sheet of
# two pages, its header printed on each: the header again is no person.
test_expect_success 'the header again in the middle of a file (two files joined, a second page) is left out, said' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	printf "\357\273\277Name,Email\r\nAnn Lee,ann@example.org\r\n" >a.csv &&
	printf "\357\273\277Name,Email\r\nBo Li,bo@example.org\r\n" >b.csv &&
	cat a.csv b.csv >both.csv &&
	circle roster import --group tue both.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged; 2 joined tue" >expect &&
	test_cmp expect out &&
	echo "circle-roster: both.csv:3: the header row again (files joined, or a page'\''s header); left out" >expect &&
	test_cmp expect err &&
	printf "%s\r\n" "Name,Date,Present" "Ann Lee,2026-12-01,yes" \
	    "Page 1 of 2,," "Name,Date,Present" "Bo Li,2026-12-01,yes" \
	    "Page 2 of 2,," >pages.csv &&
	circle attend import --group tue pages.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_grep "pages.csv:4: the header row again (files joined, or a page.s header); left out" err
'

# A date column of date-times at midnight, as a workbook's date-time cell
# (openpyxl's and Excel's default for a datetime) and pandas' to_csv write
# a day: the day's session; a Word or Docs checkbox ticked is "☒", the
# emoji "❌" is not there.
test_expect_success OPENPYXL 'a sign-in date at midnight is the day; ☒ is ticked, ❌ is not' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	for n in "Ann Lee" "Bo Li" "Cy Ng"; do
		circle roster add --group tue "$n" >/dev/null || exit 1
	done &&
	printf "%s\r\n" "Name,Date,Present" "Ann Lee,2026-12-01 00:00:00,☒" \
	    "Bo Li,12/1/2026 0:00,❌" >midnight.csv &&
	circle attend import --date-order mdy midnight.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_sql "SELECT m.handle, a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id ORDER BY 1" >actual &&
	printf "%s\n" "ann-l|present" "bo-l|absent" >expect &&
	test_cmp expect actual &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl, datetime
	wb = openpyxl.Workbook()
	ws = wb.active
	ws["B3"] = "Name"; ws["C3"] = "Date"; ws["D3"] = "Present"
	ws["B4"] = "Cy Ng"; ws["C4"] = datetime.datetime(2026, 12, 1)
	ws["D4"] = True
	wb.save("b3.xlsx")
	EOF
	circle attend import b3.xlsx >out &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out
'

# Bloomerang's "Primary Email Address" and "Primary Phone Number", a
# CRM's "Preferred Email" and "Preferred Phone": read when no other
# column holds an email or a phone, not as a preferred name.
test_expect_success 'a CRM export: Primary Email Address, Preferred Email and their phones are read' '
	test_fresh_db &&
	printf "%s\r\n" "Account Number,First,Last,Primary Email Address,Primary Phone Number" \
	    "1001,Ann,Lee,ann@example.org,(555) 201-3344" >bloomerang.csv &&
	printf "%s\r\n" "Constituent ID,First name,Last name,Preferred Email,Preferred Phone" \
	    "12,Bo,Li,bo@example.org,555-201-3345" >crm.csv &&
	circle roster import bloomerang.csv >out 2>/dev/null &&
	circle roster import crm.csv >out 2>/dev/null &&
	test_sql "SELECT display_name, email, phone FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|ann@example.org|(555) 201-3344" \
	    "Bo Li|bo@example.org|555-201-3345" >expect &&
	test_cmp expect actual
'

# A church database's or a CRM's people export: "Home Email" and "Mobile
# Phone Number" are read when no other column holds an email or a phone;
# beside "Email" they are said ignored.  Two columns of one field name
# both and say how to pick one.
test_expect_success 'a people export: Home Email and Mobile Phone Number read, unless beside Email; two first names say how to pick' '
	test_fresh_db &&
	printf "%s\r\n" "Person ID,Given Name,First Name,Nickname,Last Name,Home Email,Mobile Phone Number" \
	    "1001,Robert,Bob,Bobby,Smith,bob@example.org,555-201-3344" >people.csv &&
	nothing_written circle roster import people.csv &&
	echo "circle-roster: people.csv:1:3: columns 2 (\"Given Name\") and 3 (\"First Name\") both hold first_name; say which to read with --map, the other ignored (--map 3=ignore)" >expect &&
	test_cmp expect err &&
	circle roster import --map "Given Name=ignore" people.csv >out 2>err &&
	test_sql "SELECT display_name, full_name, email, phone FROM member" >actual &&
	echo "Bobby Smith|Bob Smith|bob@example.org|555-201-3344" >expect &&
	test_cmp expect actual &&
	test_fresh_db &&
	printf "%s\r\n" "First Name,Last Name,Email,Home Email,Mobile Phone Number,Home Phone Number" \
	    "Ann,Lee,ann@example.org,ann@home.example,07700 900123,020 7946 0000" >both.csv &&
	circle roster import both.csv >out 2>err &&
	test_sql "SELECT email, phone FROM member" >actual &&
	echo "ann@example.org|07700 900123" >expect &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	circle-roster: both.csv:1:4: column "Home Email" ignored (use --map "Home Email=FIELD" to import it)
	circle-roster: both.csv:1:6: column "Home Phone Number" ignored (use --map "Home Phone Number=FIELD" to import it)
	EOF
	test_cmp expect err
'

# Airtable's or Notion's CSV: a checkbox "checked" (Airtable), groups of
# a multiple select in one cell, "Tuesday Group, Thursday Group".
test_expect_success 'an Airtable CSV: a checkbox "checked" is consent, a multiple select joins each group' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday Group" >/dev/null &&
	circle group add --handle thu --tz Europe/London "Thursday Group" >/dev/null &&
	printf "\357\273\277%s\r\n" "Name,Email,Consent,Groups" \
	    "Ann Lee,ann@example.org,checked,\"Tuesday Group,Thursday Group\"" \
	    "Bo Li,bo@example.org,,Tuesday Group" >air.csv &&
	circle roster import air.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged; 3 joined groups" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, coalesce(consent, \"\") FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|1" "Bo Li|" >expect &&
	test_cmp expect actual
'

# A German sheet saved by Excel in Germany (Windows-1252, sep=; and
# semicolons, dd.mm.yyyy, 19.00): "Anwesend" is the mark and "Bemerkung"
# the note, and the lines under it ("Seite 1 von 1", "Gedruckt am
# 01.12.2026") are left out, said.
test_expect_success PYTHON 'a German sign-in sheet: Anwesend is the mark, Bemerkung the note, its footer left out' '
	test_fresh_db &&
	circle group add --handle di --tz Europe/Berlin "Dienstag" >/dev/null &&
	circle session add --group di 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Email,Joined" "Jörg Müller,joerg@example.org,2026-11-01" "Anna Schmidt,,2026-11-01" >r.csv &&
	circle roster import --group di r.csv >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	t = "sep=;\r\nDatum;Uhrzeit;Name;Anwesend;Bemerkung\r\n01.12.2026;19.00;Jörg Müller;ja;\r\n01.12.2026;19.00;Anna Schmidt;nein;krank\r\n;;;;\r\nSeite 1 von 1;;;;\r\nGedruckt am 01.12.2026;;;;\r\n"
	open("anw.csv", "wb").write(t.encode("cp1252"))
	EOF
	circle attend import --encoding windows-1252 anw.csv >out 2>err &&
	test_grep "^2 marked" out &&
	cat >expect <<-\EOF &&
	circle-attend: anw.csv:6: "Seite 1 von 1": a line a program writes under its table, not a person; left out
	circle-attend: anw.csv:7: "Gedruckt am 01.12.2026": a line a program writes under its table, not a person; left out
	EOF
	test_cmp expect err &&
	test_sql "SELECT m.display_name, a.status, coalesce(a.note, \"\") FROM attendance a
	    JOIN member m ON m.id = a.member_id ORDER BY 1" >actual &&
	printf "%s\n" "Anna Schmidt|absent|krank" "Jörg Müller|present|" >expect &&
	test_cmp expect actual
'

# A sign-in sheet sorted by surname, "Müller, Jörg", is Jörg Müller, as
# the roster reads the name; someone new is said as the person says
# their name, not added as "Lopez, Maria".
test_expect_success 'a sign-in sheet with names written "Last, First" marks them; someone new is said by the name turned' '
	printf "%s\r\n" "Date,Name,Present" "2026-12-01,\"Müller, Jörg\",yes" \
	    "2026-12-01,\"SCHMIDT, ANNA\",late" >lf.csv &&
	circle attend import --group di lf.csv >out 2>err &&
	test_grep "^1 marked, 1 unchanged" out &&
	test_sql "SELECT m.display_name, a.status FROM attendance a
	    JOIN member m ON m.id = a.member_id ORDER BY 1" >actual &&
	printf "%s\n" "Anna Schmidt|late" "Jörg Müller|present" >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Date,Name,Present" "2026-12-01,\"Lopez, Maria\",yes" >new.csv &&
	nothing_written circle attend import --group di new.csv &&
	echo "circle-attend: new.csv:2:2 (Name): no member \"Maria Lopez\" (someone new: add them with '"'"'circle attend walk-in --session \"2026-12-01\" \"Maria Lopez\"'"'"', then import the sheet again)" >expect &&
	test_cmp expect err
'

test_expect_success 'a check-in form whose name is written "Last, First" is that person'"'"'s; a footer under it is left out' '
	test_fresh_db &&
	circle group add --handle fc --tz America/New_York "Form Circle" >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-04-07 --count 1 >/dev/null &&
	circle roster add --group fc "Cy Lowe" >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	printf "%s\r\n" "Timestamp,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?,Anything you want the facilitators to know?" \
	    "2026/04/07 19:05:12,\"Lowe, Cy\",6,4,Yes," ",,,,," \
	    "Exported 2026-04-08 09:00,,,,," >form.csv &&
	circle checkin import --survey checkin form.csv >out 2>err &&
	echo "circle-checkin: form.csv:4: \"Exported 2026-04-08 09:00\": a line a program writes under its table, not a person; left out" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT m.display_name FROM response r JOIN member m ON m.id = r.member_id")" = "Cy Lowe"
'

# A Google Forms sign-up: its question of which groups to join is the
# groups, a checkbox question's answers in one cell; "Can we contact you
# by email?" is consent.
test_expect_success 'a sign-up form: "Which group(s) would you like to join?" joins them, "Can we contact you by email?" is consent' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday Group" >/dev/null &&
	circle group add --handle thu --tz Europe/London "Thursday Group" >/dev/null &&
	printf "%s\r\n" "Timestamp,Full name,Email address,Which group(s) would you like to join?,Which group told you about us?,Can we contact you by email?" \
	    "2026/11/24 7:05:12 PM GMT,Ann Lee,ann@example.org,\"Tuesday Group, Thursday Group\",Monday Group,Yes" >signup.csv &&
	circle roster import --dry-run signup.csv >out 2>err &&
	cat >expect <<-\EOF &&
	signup.csv: UTF-8, comma-separated, header on line 1
	column 1 "Timestamp": ignored
	column 2 "Full name" -> name
	column 3 "Email address" -> email
	column 4 "Which group(s) would you like to join?" -> group
	column 5 "Which group told you about us?": ignored
	column 6 "Can we contact you by email?" -> consent
	dry run: would be 1 added, 0 updated, 0 unchanged; 2 would join groups
	EOF
	test_cmp expect out &&
	circle roster import signup.csv >out 2>err &&
	test_sql "SELECT display_name, email, consent FROM member" >actual &&
	echo "Ann Lee|ann@example.org|1" >expect &&
	test_cmp expect actual
'

# A question of contacting someone else is no consent to contact the
# person: "May we contact your doctor ...?" answered Yes was stored as
# consent to be contacted.
test_expect_success 'a sign-up form: "May we contact your doctor ...?" is not consent' '
	test_fresh_db &&
	printf "%s\r\n" "Full name,Email address,May we contact your doctor if we are worried about you?,Can we contact you by email?" \
	    "Ann Lee,ann@example.org,Yes,No" >doc.csv &&
	circle roster import doc.csv >out 2>err &&
	test_grep "doc.csv:1:3: column \"May we contact your doctor if we are worried about you?\" ignored" err &&
	test "$(test_sql "SELECT consent FROM member")" = 0
'

# A column --map leaves out is not read: a word saved twice in it (a
# CRM's free-text Description) is no reason to refuse the file.  It was
# refused whatever --map said, the file to be mended by hand.
test_expect_success 'UTF-8 saved twice in a column --map ignores is no refusal' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email,Description" \
	    "Ann Lee,ann@example.org,It$(printf "\303\242\342\202\254\342\204\242")s fine" >desc.csv &&
	nothing_written circle roster import desc.csv &&
	test_grep "desc.csv:2:3 (Description): \"It.*s\" is \"It.*s\" saved twice over" err &&
	circle roster import --map "Description=ignore" desc.csv >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT display_name FROM member")" = "Ann Lee"
'

# Eventbrite's attendee report as a sign-in sheet: "Checked In" is
# present, "Not Attending" marks no one, said; "Attending" (a ticket not
# checked in) where no one was is refused saying how to choose.  All three were marked
# present, the status column ignored.
test_expect_success 'an Eventbrite attendee report: Checked In present, Not Attending no one, Attending refused saying what to do' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	circle session add --group tue 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Email,Joined" "Ann Lee,ann@example.org,2026-11-01" \
	    "Bo Li,bo@example.org,2026-11-01" "Cy Ng,cy@example.org,2026-11-01" >r.csv &&
	circle roster import --group tue r.csv >/dev/null &&
	head="Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Order Type,Total Paid,Attendee Status" &&
	printf "%s\r\n" "$head" \
	    "1001,2026-11-20 10:00:00,Ann,Lee,ann@example.org,1,Free,2001,Free Order,0.00,Checked In" \
	    "1003,2026-11-22 12:00:00,Cy,Ng,cy@example.org,1,Free,2003,Free Order,0.00,Not Attending" >eb.csv &&
	circle attend import --session 2026-12-01 eb.csv >out 2>err &&
	test_grep "^1 marked" out &&
	echo "circle-attend: eb.csv:3: Attendee Status \"Not Attending\": not coming; marks no one" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT m.handle || \" \" || a.status FROM attendance a JOIN member m ON m.id = a.member_id")" = "ann-l present" &&
	printf "%s\r\n" "$head" \
	    "1002,2026-11-21 11:00:00,Bo,Li,bo@example.org,1,Free,2002,Free Order,0.00,Attending" >att.csv &&
	nothing_written circle attend import --session 2026-12-01 att.csv &&
	test_grep "att.csv:2:11 (Attendee Status): Attendee Status \"Attending\": a ticket not checked in" err &&
	test_grep "and no one in the report was" err &&
	test_grep "give --map \"Attendee Status=ignore\" (each row is then present: delete the rows of tickets refunded or cancelled first)" err
'

# Where the door checked people in, a ticket still "Attending" is someone
# who did not come: absent, said; one of no one on the roster marks no
# one (it was refused with a walk-in command, which marks them present).  The whole report was refused, with no
# way but --map ...=ignore, which marked the no-shows present.
test_expect_success 'an Eventbrite report with check-ins: Attending is absent' '
	head="Order #,Order Date,First Name,Last Name,Email,Quantity,Ticket Type,Attendee #,Order Type,Total Paid,Attendee Status" &&
	printf "%s\r\n" "$head" \
	    "1002,2026-11-21 11:00:00,Bo,Li,bo@example.org,1,Free,2002,Free Order,0.00,Attending" \
	    "1001,2026-11-20 10:00:00,Ann,Lee,ann@example.org,1,Free,2001,Free Order,0.00,Checked In" \
	    "1003,2026-11-22 12:00:00,Cy,Ng,cy@example.org,1,Free,2003,Free Order,0.00,Attending" \
	    "1004,2026-11-23 12:00:00,Dee,Fox,dee@example.org,1,Free,2004,Free Order,0.00,Attending" >mixed.csv &&
	circle attend import --session 2026-12-01 mixed.csv >out 2>err &&
	test_grep "^2 marked" out &&
	cat >expect <<-\EOF &&
	circle-attend: mixed.csv:5: "Dee Fox": a ticket not checked in ("Attending") of no one on the roster; marks no one
	circle-attend: mixed.csv:2: 2 ticket(s) "Attending", not checked in where others were: marked absent
	EOF
	test_cmp expect err &&
	test "$(test_sql "SELECT count(*) FROM member")" = 3 &&
	test_sql "SELECT m.handle || \" \" || a.status FROM attendance a JOIN member m ON m.id = a.member_id ORDER BY m.handle" >actual &&
	printf "%s\n" "ann-l present" "bo-l absent" "cy-n absent" >expect &&
	test_cmp expect actual
'

# A late-night group meets at midnight and at noon: a date cell at 00:00
# is then its midnight session, not the day (two sessions that day).
test_expect_success 'a sign-in date at midnight is a session at midnight when there is one' '
	test_fresh_db &&
	circle group add --handle owl --tz Europe/London "Night owls" >/dev/null &&
	circle session add --group owl 2026-12-01 00:00 >/dev/null &&
	circle session add --group owl 2026-12-01 12:00 >/dev/null &&
	circle roster add --group owl "Ann Lee" >/dev/null &&
	printf "%s\r\n" "Name,Date" "Ann Lee,2026-12-01 00:00" >owl.csv &&
	circle attend import owl.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_sql "SELECT s.local_start FROM attendance a JOIN session s
	    ON s.id = a.session_id" >actual &&
	echo "2026-12-01T00:00" >expect &&
	test_cmp expect actual
'

# Salesforce NPSP's "Preferred Email" and "Preferred Phone" say which of
# its columns is preferred ("Personal", "Mobile"), not an address: beside
# "Personal Email" or "Mobile Phone Number", wherever they stand, those are
# read; alone (as Little Green Light's) it is the address.
test_expect_success 'NPSP: Preferred Email beside Personal Email is the kind, not read' '
	test_fresh_db &&
	printf "%s\r\n" "First Name,Last Name,Preferred Email,Preferred Phone,Personal Email,Mobile Phone Number" \
	    "Ann,Lee,Personal,Mobile,ann@example.org,555-201-3344" >npsp.csv &&
	circle roster import npsp.csv >out 2>err &&
	test_sql "SELECT display_name, email, phone FROM member" >actual &&
	echo "Ann Lee|ann@example.org|555-201-3344" >expect &&
	test_cmp expect actual
'

test_done
