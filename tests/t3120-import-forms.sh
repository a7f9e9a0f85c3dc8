#!/bin/sh
test_description='Roster imports of form exports and dates as people write them: Google and Microsoft Forms, month names, two-digit years, Excel serial dates, consent answers, phones Excel mangles'
. "$(dirname "$0")/test-lib.sh"

# people: display name, email, phone, consent and consent date of everyone.
people() {
	test_sql "SELECT display_name, coalesce(email, ''),
	    coalesce(phone, ''), coalesce(consent, ''),
	    coalesce(consent_on, '') FROM member ORDER BY display_name"
}

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'Google Forms download: its stamps, long dates and consent answers' '
	printf "%s\r\n" \
	    "\"Timestamp\",\"Email Address\",\"Your name\",\"May we contact you?\",\"Consent date\"" \
	    "\"2026/11/24 7:01:02 PM GMT\",\"ann@example.org\",\"Ann Lee\",\"Yes, you may contact me\",\"Tuesday, 24 November 2026\"" \
	    "\"2026/11/24 7:03:40 PM GMT+5:30\",\"bo@example.org\",\"Bo Chan\",\"Yes - by email only\",\"24-Nov-26\"" \
	    "\"2026/11/24 7:04:00 PM GMT\",\"cy@example.org\",\"Cy Doe\",\"No thanks\",\"Nov 24, 2026\"" \
	    "\"2026/11/25 9:00:00 AM GMT\",\"di@example.org\",\"Di Eng\",\"I agree\",\"25 November 2026\"" \
	    >gforms.csv &&
	circle roster import gforms.csv >out 2>err &&
	echo "4 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "gforms.csv:3:4: consent \"Yes - by email only\" read as yes; what it adds is not kept" err &&
	test "$(grep -c "read as yes" err)" = 1 &&
	cat >expect <<-\EOF &&
	Ann Lee|ann@example.org||1|2026-11-24
	Bo Chan|bo@example.org||1|2026-11-24
	Cy Doe|cy@example.org||0|2026-11-24
	Di Eng|di@example.org||1|2026-11-25
	EOF
	people >actual &&
	test_cmp expect actual
'

test_expect_success 'a form question of being contacted is consent; one of how or whom is not' '
	printf "%s\n" "Name,I agree to be contacted,How may we contact you?,Preferred contact method" \
	    "Fay Gill,Yes,By text,Phone" >agree.csv &&
	circle roster import --dry-run agree.csv >out 2>err &&
	test_grep "column 2 \"I agree to be contacted\" -> consent" out &&
	test_grep "column 3 \"How may we contact you?\": ignored" out &&
	test_grep "column 4 \"Preferred contact method\": ignored" out &&
	printf "%s\n" "Name,Happy to be contacted by the group?" "Fay Gill,No" >happy.csv &&
	circle roster import --dry-run happy.csv >out 2>err &&
	test_grep "column 2 \"Happy to be contacted by the group?\" -> consent" out
'

test_expect_success 'a consent answer that is neither yes nor no is refused, quoted; never guessed' '
	printf "%s\n" "Name,OK to contact?" "Eve Fox,Maybe later" \
	    "Flo Gee,\"Yes, but do not contact me\"" "Gus Ho,No problem" \
	    "Hal Ito,n/a" >maybe.csv &&
	nothing_written circle roster import maybe.csv &&
	test_grep "maybe.csv:2:2 (OK to contact?): consent: \"Maybe later\" is not a yes or a no" err &&
	test_grep "maybe.csv:3:2 (OK to contact?): consent: \"Yes, but do not contact me\" is not a yes or a no" err &&
	test_grep "maybe.csv:4:2 (OK to contact?): consent: \"No problem\" is not a yes or a no" err &&
	test_grep "maybe.csv:5:2 (OK to contact?): consent: \"n/a\" is not a yes or a no" err
'

test_expect_success 'checkbox columns: TRUE, FALSE, x and ticks as consent' '
	test_fresh_db &&
	printf "%s\n" "Name,Consent" "Ida Jo,TRUE" "Jo Ka,FALSE" "Ken Li,x" \
	    "Lu Mo,✓" "Max Ng,☑" "Ned Oh," >ticks.csv &&
	circle roster import ticks.csv >out &&
	test_sql "SELECT display_name || \"=\" || coalesce(consent, \"-\")
	    FROM member ORDER BY display_name" >actual &&
	printf "%s\n" "Ida Jo=1" "Jo Ka=0" "Ken Li=1" "Lu Mo=1" "Max Ng=1" \
	    "Ned Oh=-" >expect &&
	test_cmp expect actual
'

test_expect_success 'Microsoft Forms: ID, Start time, Completion time, Email "anonymous", Name' '
	test_fresh_db &&
	printf "%s\r\n" \
	    "ID,Start time,Completion time,Email,Name,Phone number,Date you joined" \
	    "1,11/24/26 19:00:00,11/24/26 19:02:11,anonymous,Oz Pa,+44 7700 900123,11/24/26" \
	    "2,11/24/26 19:05:00,11/24/26 19:06:40,qi@example.org,Qi Ra,'\''07700 900456,11/3/26" \
	    >msforms.csv &&
	circle roster import --dry-run msforms.csv >out 2>err &&
	cat >expect <<-\EOF &&
	msforms.csv: UTF-8, comma-separated, header on line 1
	column 1 "ID": ignored
	column 2 "Start time": ignored
	column 3 "Completion time": ignored
	column 4 "Email" -> email
	column 5 "Name" -> name
	column 6 "Phone number" -> phone
	column 7 "Date you joined": ignored
	dry run: would be 2 added, 0 updated, 0 unchanged
	EOF
	test_cmp expect out &&
	circle roster import msforms.csv >out 2>err &&
	cat >expect <<-\EOF &&
	Oz Pa||+44 7700 900123||
	Qi Ra|qi@example.org|07700 900456||
	EOF
	people >actual &&
	test_cmp expect actual
'

test_expect_success OPENPYXL 'Microsoft Forms'\''s "Open results in Excel": its own columns passed over quietly, its Email and Name used' '
	test_fresh_db &&
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Last modified time" &&
		printf "%s\n" "Phone number" &&
		printf "%s\t" 1 "2026-11-24 19:00:00" "2026-11-24 19:02:11" qi@example.org "Qi Ra" "" &&
		printf "%s\n" "07700 900456" &&
		printf "%s\t" 2 "2026-11-24 19:05:00" "2026-11-24 19:06:40" oz@example.org "Oz Pa" "2026-11-25 08:00:00" &&
		printf "%s\n" "+44 7700 900123"
	} | /usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" msforms.xlsx &&
	circle roster import --dry-run msforms.xlsx >out 2>err &&
	cat >expect <<-\EOF &&
	msforms.xlsx: Excel workbook, sheet "Sheet1", header on row 1
	column 1 "ID": ignored
	column 2 "Start time": ignored
	column 3 "Completion time": ignored
	column 4 "Email" -> email
	column 5 "Name" -> name
	column 6 "Last modified time": ignored
	column 7 "Phone number" -> phone
	dry run: would be 2 added, 0 updated, 0 unchanged
	EOF
	test_cmp expect out &&
	test_must_be_empty err &&
	circle roster import msforms.xlsx >out 2>err &&
	cat >expect <<-\EOF &&
	Oz Pa|oz@example.org|+44 7700 900123||
	Qi Ra|qi@example.org|07700 900456||
	EOF
	people >actual &&
	test_cmp expect actual
'

test_expect_success OPENPYXL 'Microsoft Forms, a form anyone may answer: its own name and email questions used; a response with no name left out, said' '
	test_fresh_db &&
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Last modified time" "Your name" &&
		printf "%s\n" "Your email" &&
		printf "%s\t" 1 "2026-11-24 19:00:00" "2026-11-24 19:02:11" anonymous "" "" "Bea Fox" &&
		printf "%s\n" bea@example.org &&
		printf "%s\t" 2 "2026-11-24 19:05:00" "2026-11-24 19:06:40" anonymous "" "" "" &&
		printf "%s\n" "" &&
		printf "%s\t" 3 "2026-11-24 19:07:00" "2026-11-24 19:08:00" anonymous "" "" "Cal Gee" &&
		printf "%s\n" ""
	} | /usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" anon.xlsx &&
	circle roster import --dry-run anon.xlsx >out 2>err &&
	test_grep "^column 4 \"Email\": ignored$" out &&
	test_grep "^column 5 \"Name\": ignored$" out &&
	test_grep "^column 7 \"Your name\" -> name$" out &&
	test_grep "^column 8 \"Your email\" -> email$" out &&
	circle roster import anon.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: anon.xlsx:3: an anonymous response (Email \"anonymous\", no name): no one to add; left out" >expect &&
	test_cmp expect err &&
	cat >expect <<-\EOF &&
	Bea Fox|bea@example.org|||
	Cal Gee||||
	EOF
	people >actual &&
	test_cmp expect actual
'

test_expect_success 'a phone Excel turned into 4.47700900123E+11 is refused, said how to fix' '
	printf "%s\n" "Name,Mobile" "Rae Su,4.47700900123E+11" \
	    "Sam Tu,7.7009E+9" >sci.csv &&
	nothing_written circle roster import sci.csv &&
	test_grep "sci.csv:2:2 (Mobile): phone: \"4.47700900123E+11\" is a number as Excel shows a long one" err &&
	test_grep "sci.csv:3:2 (Mobile): phone: \"7.7009E+9\"" err &&
	test_grep "format the column as Text" err
'

test_expect_success 'Excel serial dates: read in the 1900 system, with a note; others refused' '
	test_fresh_db &&
	circle group add --handle wed --tz Europe/Dublin "Wednesday" \
	    >/dev/null &&
	printf "%s\r\n" "Name,Consent date,Group,Joined" \
	    "Tam Uy,46350,wed,46350.79" "Uma Vo,45292,wed,45658" \
	    "Val Wu,,," >serial.csv &&
	circle roster import serial.csv >out 2>err &&
	test_grep "serial.csv:2:2 (Consent date): \"46350\" read as 2026-11-24; 4 date cells held spreadsheet serial numbers (days since 1899-12-30, Excel.s 1900 date system)" err &&
	test_grep "1904 date system" err &&
	people >actual &&
	cat >expect <<-\EOF &&
	Tam Uy||||2026-11-24
	Uma Vo||||2024-01-01
	Val Wu||||
	EOF
	test_cmp expect actual &&
	test_sql "SELECT joined_on FROM membership ORDER BY joined_on" >actual &&
	printf "%s\n" 2025-01-01 2026-11-24 >expect &&
	test_cmp expect actual &&
	printf "%s\n" "Name,Consent date" "Wyn Xu,4635" "Xia Yu,99999" \
	    >notserial.csv &&
	nothing_written circle roster import notserial.csv &&
	test_grep "notserial.csv:2:2 (Consent date): \"4635\" is not a date" err &&
	test_grep "notserial.csv:3:2 (Consent date): \"99999\" is not a date" err
'

test_expect_success 'two-digit years by the file'\''s order; an ambiguous one refused' '
	test_fresh_db &&
	printf "%s\n" "Name,Consent date" "Yan Zo,24/11/26" "Zed Ab,13/12/26" \
	    >short.csv &&
	circle roster import short.csv >out &&
	test_sql "SELECT consent_on FROM member ORDER BY display_name" >actual &&
	printf "%s\n" 2026-11-24 2026-12-13 >expect &&
	test_cmp expect actual &&
	printf "%s\n" "Name,Consent date" "Abe Bo,03/04/26" >amb.csv &&
	nothing_written circle roster import amb.csv &&
	test_grep "amb.csv:2:2 (Consent date): \"03/04/26\" is 3 April 2026 day first or March 4, 2026 month first" err &&
	circle config set date-order mdy &&
	circle roster import amb.csv >out &&
	test "$(test_sql "SELECT consent_on FROM member WHERE display_name = \"Abe Bo\"")" = 2026-03-04 &&
	circle config unset date-order
'

test_expect_success 'an impossible date or a wrong weekday: its place, nothing imported' '
	printf "%s\n" "Name,Consent date" "Bea Co,31-Nov-2026" \
	    "Cal Do,\"Monday, 24 November 2026\"" >bad.csv &&
	nothing_written circle roster import bad.csv &&
	test_grep "bad.csv:2:2 (Consent date): \"31-Nov-2026\": there is no 31 November" err &&
	test_grep "bad.csv:3:2 (Consent date): \"Monday, 24 November 2026\": 24 November 2026 is a Tuesday, not a Monday" err
'

test_expect_success 'rows of only commas and empty trailing columns are passed over' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email,," "Dee Ek,dee@example.org,," ",,," ",,," \
	    "Eli Fa,,," >commas.csv &&
	circle roster import commas.csv >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: a group meeting on Tuesdays in January, three people' '
	test_fresh_db &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 4 >/dev/null &&
	circle roster add --group tc --email ann@example.org "Ann Lee" \
	    >/dev/null &&
	circle roster add --group tc --email bo@example.org "Bo Chan" \
	    >/dev/null &&
	circle roster add --group tc --email cy@example.org "Cy Doe" >/dev/null
'

test_expect_success 'a Google Forms sign-in: the stamp gives the day, not the session'\''s start' '
	printf "%s\r\n" "Timestamp,Email Address,Name" \
	    "2026/01/06 6:55:02 PM GMT-5,ann@example.org,Ann Lee" \
	    "2026/01/06 7:12:40 PM GMT-5,bo@example.org,Bo Chan" \
	    "\"Tuesday, 13 January 2026\",cy@example.org,Cy Doe" >gsign.csv &&
	circle attend import --dry-run gsign.csv >out &&
	cat >expect <<-\EOF &&
	gsign.csv: UTF-8, comma-separated, header on line 1
	column 1 "Timestamp" -> signed in at
	column 2 "Email Address" -> email
	column 3 "Name" -> name
	dry run: would be 3 marked, 0 unchanged; 2 sessions recorded
	EOF
	test_cmp expect out &&
	circle attend import gsign.csv >out &&
	circle attend list --group tc 2026-01-06 | cut -f1,4 >actual &&
	printf "%s\t%s\n" ann-l present bo-c present >expect &&
	test_cmp expect actual &&
	circle attend list --group tc 2026-01-13 | cut -f1,4 >actual &&
	printf "%s\t%s\n" cy-d present >expect &&
	test_cmp expect actual
'

test_expect_success 'a Microsoft Forms sign-in: Start time is the form'\''s, ticks are marks' '
	printf "%s\r\n" "ID,Start time,Completion time,Email,Name,Here?" \
	    "1,1/20/26 18:50:00,1/20/26 18:51:10,ann@example.org,Ann Lee,TRUE" \
	    "2,1/20/26 18:52:00,1/20/26 18:53:00,bo@example.org,Bo Chan,✓" \
	    "3,1/20/26 18:52:00,1/20/26 18:53:30,cy@example.org,Cy Doe,FALSE" \
	    >mssign.csv &&
	circle attend import --map "Here?=status" mssign.csv >out 2>err &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	circle attend list --group tc 2026-01-20 | cut -f1,4 >actual &&
	printf "%s\t%s\n" ann-l present bo-c present cy-d absent >expect &&
	test_cmp expect actual
'

test_expect_success OPENPYXL 'a Microsoft Forms sign-in anyone may answer: its own name question names who; none is refused, said why' '
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Your name" &&
		printf "%s\n" "Here?" &&
		printf "%s\t" 1 "2026-01-13 18:50:00" "2026-01-13 18:51:10" anonymous "" "Bo Chan" &&
		printf "%s\n" TRUE
	} | /usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" msanon.xlsx &&
	circle attend import --map "Here?=status" msanon.xlsx >out 2>err &&
	test_grep "^1 marked, 0 unchanged" out &&
	circle attend list --group tc 2026-01-13 | cut -f1,4 >actual &&
	test_grep "^bo-c	present$" actual &&
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name &&
		printf "%s\n" "Here?" &&
		printf "%s\t" 1 "2026-01-06 18:50:00" "2026-01-06 18:51:10" anonymous "" &&
		printf "%s\n" TRUE
	} | /usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" msnone.xlsx &&
	nothing_written circle attend import --map "Here?=status" msnone.xlsx &&
	echo "circle-attend: msnone.xlsx:2:4 (Email): \"anonymous\": the form did not record who signed in; ask for a name in the form (a question \"Your name\"), and mark these by hand" >expect &&
	test_cmp expect err
'

test_expect_success 'a sign-in date with its month named; a wrong weekday at its cell' '
	printf "%s\n" "Date,Email" "27-Jan-26,ann@example.org" \
	    "\"Mon, Jan 27, 2026\",bo@example.org" >named.csv &&
	test_expect_code 65 circle attend import named.csv 2>err &&
	test_grep "named.csv:3:1 (Date): \"Mon, Jan 27, 2026\": 27 January 2026 is a Tuesday, not a Monday" err &&
	test "$(test_sql "SELECT count(*) FROM attendance a JOIN session s
	    ON s.id = a.session_id WHERE s.local_start LIKE '\''2026-01-27%'\''")" = 0
'

# SurveyMonkey's export ("All responses data", CSV): its own columns
# first (Respondent ID ... Custom Data 1), then the questions, and a
# second header row under them ("Response", "Open-Ended Response") with
# nothing under its own columns: passed over, said in the dry run; End
# Date, when the answers were sent, is a check-in's timestamp.
test_expect_success 'SurveyMonkey: its second header row is passed over; End Date is the check-in time' '
	test_fresh_db &&
	circle group add --handle thu --tz Europe/London "Thursday" >/dev/null &&
	circle session add --group thu 2026-12-01 19:00 >/dev/null &&
	circle roster add --group thu --email ann@example.org "Ann Lee" >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	SMHEAD="Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1" &&
	printf "%s\r\n" "$SMHEAD,Which group would you like to join?" \
	    ",,,,,,,,,Response" \
	    "118233445566,432112345,12/01/2026 07:05:11 PM,12/01/2026 07:06:40 PM,203.0.113.7,bo@example.org,Bo,Li,,Thursday" \
	    >smroster.csv &&
	circle roster import --dry-run --date-order mdy smroster.csv >out &&
	test_grep "^smroster.csv: UTF-8, comma-separated, header on line 1 (line 2 under it left out: SurveyMonkey.s second header row)" out &&
	circle roster import --date-order mdy smroster.csv >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged; 1 joined groups" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	printf "%s\r\n" "$SMHEAD,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?,Anything you want the facilitators to know?" \
	    ",,,,,,,,,Response,Response,Response,Open-Ended Response" \
	    "118233445567,432112345,12/01/2026 07:05:11 PM,12/01/2026 07:06:40 PM,203.0.113.7,ann@example.org,Ann,Lee,,7,3,Yes," \
	    >smcheckin.csv &&
	circle checkin import --survey checkin --date-order mdy smcheckin.csv >out 2>err &&
	test_grep "^1 " out &&
	test_must_be_empty err &&
	test_sql "SELECT question, coalesce(num, text) FROM answer ORDER BY 1" >actual &&
	printf "%s\n" "distress|3.0" "mood|7.0" "safe|1.0" >expect &&
	test_cmp expect actual
'

# Jotform's export heads its stamp "Submission Date"; a form's question
# about the person ("What is your email address?", as Typeform and
# Jotform head it) is read in a check-in form and a sign-in sheet as in a
# roster.
test_expect_success 'Jotform: Submission Date is the check-in time; "What is your email address?" is the email' '
	printf "%s\r\n" "Submission Date,What is your email address?,mood,distress,safe" \
	    "2026-12-01 19:10:00,ann@example.org,6,2,Yes" >jotform.csv &&
	circle checkin import --survey checkin jotform.csv >out 2>err &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test "$(test_sql "SELECT num FROM answer WHERE question = \"mood\"")" = 6.0 &&
	printf "%s\r\n" "Date,What is your email address?,Present" \
	    "2026-12-01,ann@example.org,yes" >signin.csv &&
	circle attend import signin.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

test_done
