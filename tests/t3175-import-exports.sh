#!/bin/sh
test_description='Imports of what real programs export: Typeform'\''s UTC times, a register'\''s dashes, crosses and excused absences, a roster'\''s emails for people added by name'
. "$(dirname "$0")/test-lib.sh"

APOS=\'

# marks DAY: handle and status of everyone marked at DAY's session.
marks() {
	test_sql "SELECT m.handle, a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id JOIN session x ON x.id = a.session_id
	    WHERE x.local_start LIKE '$1%' ORDER BY 1"
}

test_expect_success 'setup: a group in New York, four Tuesdays in April, three people' '
	test_fresh_db &&
	circle group add --handle fc --tz America/New_York "Form Circle" \
	    >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-04-07 --count 4 >/dev/null &&
	circle roster add --group fc --email ann@example.org "Ann Oak" \
	    >/dev/null &&
	circle roster add --group fc --email bob@example.org "Bob Nash" \
	    >/dev/null &&
	circle roster add --group fc "Cy Lowe" >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

# Typeform'"'"'s responses CSV: "#" (a token) first, the questions, then its
# own Start Date (UTC), Submit Date (UTC) and Network ID.  Its times are
# UTC whatever the form'"'"'s settings: 19:05 in New York on 7 April is
# 23:05 UTC, 20:05 is 00:05 UTC on the 8th.
test_expect_success 'Typeform: Submit Date (UTC) read in the group'"'"'s zone; its own columns said nothing of' '
	printf "%s\r\n" "#,Email,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?,Start Date (UTC),Submit Date (UTC),Network ID" \
	    "t1a9,ann@example.org,6,4,Yes,2026-04-07 23:03:10,2026-04-07 23:05:12,9f8e01" \
	    "t1b0,bob@example.org,5,3,Yes,2026-04-08 00:03:10,2026-04-08 00:05:12,9f8e02" \
	    >typeform.csv &&
	circle checkin import --survey checkin --dry-run typeform.csv >out \
	    2>err &&
	test_grep "^column 7 \"Submit Date (UTC)\" -> timestamp\$" out &&
	test_grep "^column 6 \"Start Date (UTC)\": ignored\$" out &&
	test_must_be_empty err &&
	circle checkin import --survey checkin typeform.csv >out 2>err &&
	echo "2 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle checkin list | cut -f2,4 >actual &&
	printf "%s\t%s\n" 2026-04-07T19:00 ann-o 2026-04-07T19:00 bob-n \
	    >expect &&
	test_cmp expect actual &&
	test_sql "SELECT taken_at FROM response ORDER BY id" >actual &&
	printf "%s\n" 2026-04-07T23:05:12Z 2026-04-08T00:05:12Z >expect &&
	test_cmp expect actual
'

test_expect_success 'Typeform: a UTC time near no session of that day in New York is refused' '
	printf "%s\r\n" "#,Email,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?,Start Date (UTC),Submit Date (UTC),Network ID" \
	    "t1c1,ann@example.org,6,4,Yes,2026-04-09 03:03:10,2026-04-09 03:05:12,9f8e03" \
	    >late.csv &&
	nothing_written circle checkin import --survey checkin late.csv &&
	echo "circle-checkin: late.csv:2:7 (Submit Date (UTC)): no session on 2026-04-08 in this person'"'"'s groups; give --session or a session column" >expect &&
	test_cmp expect err
'

test_expect_success 'Typeform as a sign-in form: Submit Date (UTC) is the day in New York' '
	printf "%s\r\n" "#,What is your name?,Start Date (UTC),Submit Date (UTC),Network ID" \
	    "t2a1,Ann Oak,2026-04-15 00:01:10,2026-04-15 00:02:12,9f8e04" \
	    "t2a2,Bob Nash,2026-04-14 23:01:10,2026-04-14 23:02:12,9f8e05" \
	    >signin.csv &&
	circle attend import signin.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks 2026-04-14 >actual &&
	printf "%s\n" "ann-o|present" "bob-n|present" >expect &&
	test_cmp expect actual
'

test_expect_success 'a register: apologies and "Excused absence" are excused, "Unexcused" absent' '
	printf "%s\r\n" "Date,Name,Status" "2026-04-07,Ann Oak,Apologies" \
	    "2026-04-07,Bob Nash,Unexcused" \
	    "2026-04-07,Cy Lowe,Excused absence" >register.csv &&
	circle attend import register.csv >out &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	printf "%s\n" "ann-o|excused" "bob-n|absent" "cy-l|excused" >expect &&
	marks 2026-04-07 >actual &&
	test_cmp expect actual
'

test_expect_success 'a register: a dash and a cross alone are refused, each said for what it is' '
	printf "%s\r\n" "Date,Name,Status" "2026-04-14,Ann Oak,-" \
	    "2026-04-14,Bob Nash,–" "2026-04-14,Cy Lowe,✗" >dashes.csv &&
	nothing_written circle attend import dashes.csv &&
	test_grep "dashes.csv:2:3 (Status): status: \"-\" is a dash, absent on some registers and no mark on others: write absent or excused in its cell, or leave the row out" err &&
	test_grep "dashes.csv:3:3 (Status): status: \"–\" is a dash" err &&
	test_grep "dashes.csv:4:3 (Status): status: \"✗\" is a cross, a tick on paper and a no beside ticks: write present or absent in its cell" err
'

test_expect_success 'roster: a row with an email no one has is the one person of its name with none' '
	printf "%s\r\n" "Name,Email" "Cy Lowe,cy@example.org" \
	    "Ann Oak,ann2@example.org" >emails.csv &&
	circle roster import --dry-run emails.csv >out 2>err &&
	test_grep "would be 1 added, 1 updated, 0 unchanged" out &&
	circle roster import emails.csv >out 2>err &&
	echo "1 added, 1 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-roster: emails.csv:2: "Cy Lowe" is cy-l, who had no email on the roster: the same person by name, cy@example.org added (two people? circle undo, then give the row a handle of its own)
	circle-roster: emails.csv:3: "Ann Oak" <ann2@example.org> added as someone new: ann-o on the roster has the name and another email (circle roster merge, if they are one person)
	EOF
	test_cmp expect err &&
	test_sql "SELECT handle, display_name, coalesce(email, \"\") FROM member
	    ORDER BY handle" >actual &&
	cat >expect <<-\EOF &&
	ann-o|Ann Oak|ann@example.org
	ann-oak|Ann Oak|ann2@example.org
	bob-n|Bob Nash|bob@example.org
	cy-l|Cy Lowe|cy@example.org
	EOF
	test_cmp expect actual &&
	circle roster import emails.csv >out 2>err &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'roster: two people of the name with no email are refused, named' '
	circle roster add "Dee Ray" >/dev/null &&
	circle roster add --new --handle dee-r2 "Dee Ray" >/dev/null &&
	printf "%s\r\n" "Name,Email" "Dee Ray,dee@example.org" >dees.csv &&
	nothing_written circle roster import dees.csv &&
	echo "circle-roster: dees.csv:2:1 (Name): dee@example.org is no one'"'"'s email, and \"Dee Ray\" is more than one person on the roster with none (dee-r, dee-r2); add a handle column to say which" >expect &&
	test_cmp expect err
'

# qualtrics FILE ZONE ROW...: a Qualtrics export of the check-in survey's
# questions, its three header rows (ids, texts, ImportId with the zone of
# its dates), then ROWs.
qualtrics() {
	_f=$1 _z=$2
	shift 2
	{
		printf "%s\r\n" "StartDate,EndDate,Status,IPAddress,Progress,Duration (in seconds),Finished,RecordedDate,ResponseId,RecipientLastName,RecipientFirstName,RecipientEmail,ExternalReference,LocationLatitude,LocationLongitude,DistributionChannel,UserLanguage,QID1,QID2,QID3" \
		    "Start Date,End Date,Response Type,IP Address,Progress,Duration (in seconds),Finished,Recorded Date,Response ID,Recipient Last Name,Recipient First Name,Recipient Email,External Data Reference,Location Latitude,Location Longitude,Distribution Channel,User Language,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" &&
		printf "\"{\"\"ImportId\"\":\"\"%s\"\",\"\"timeZone\"\":\"\"$_z\"\"}\"," startDate endDate &&
		printf "\"{\"\"ImportId\"\":\"\"%s\"\"}\"," status ipAddress progress duration finished &&
		printf "\"{\"\"ImportId\"\":\"\"%s\"\",\"\"timeZone\"\":\"\"$_z\"\"}\"," recordedDate &&
		printf "\"{\"\"ImportId\"\":\"\"%s\"\"}\"," _recordId recipientLastName recipientFirstName recipientEmail externalDataReference locationLatitude locationLongitude distributionChannel userLanguage QID1 QID2 &&
		printf "\"{\"\"ImportId\"\":\"\"QID3\"\"}\"\r\n" &&
		printf "%s\r\n" "$@"
	} >"$_f"
}

test_expect_success 'Qualtrics: its texts are the header, its ids and ImportId row left out, End Date the timestamp' '
	qualtrics q.csv America/New_York \
	    "2026-04-21 19:01:02,2026-04-21 19:03:40,IP Address,203.0.113.5,100,158,True,2026-04-21 19:03:41,R_1abcDEF,Oak,Ann,ann@example.org,,40.7,-74.0,email,EN,6,4,Yes" \
	    "2026-04-21 19:04:00,2026-04-21 19:06:10,IP Address,203.0.113.6,100,130,True,2026-04-21 19:06:11,R_2bcdEFG,Nash,Bob,bob@example.org,,40.7,-74.0,email,EN,3,8,No" &&
	circle checkin import --survey checkin --dry-run q.csv >out 2>err &&
	test_grep "^q.csv: UTF-8, comma-separated, header on line 2 (Qualtrics'"'"' question texts; its ids above and its ImportId row under it left out)\$" out &&
	test_grep "^column 2 \"End Date\" -> timestamp\$" out &&
	test_grep "^column 12 \"Recipient Email\" -> email\$" out &&
	test_grep "^column 18 \"How is your mood right now?\" -> mood\$" out &&
	test_must_be_empty err &&
	circle checkin import --survey checkin q.csv >out 2>err &&
	echo "2 added, 0 replaced, 0 unchanged; 1 follow-up opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle checkin list | cut -f2,4,9 | grep 04-21 >actual &&
	cat >expect <<-\EOF &&
	2026-04-21T19:00	ann-o	mood=6 distress=4 safe=yes
	2026-04-21T19:00	bob-n	mood=3 distress=8 safe=no
	EOF
	test_cmp expect actual
'

test_expect_success 'Qualtrics as a roster: Recipient First Name, Last Name and Email are the person' '
	qualtrics qr.csv America/New_York \
	    "2026-04-21 19:01:02,2026-04-21 19:03:40,IP Address,203.0.113.7,100,158,True,2026-04-21 19:03:41,R_3cdeFGH,Fox,Eve,eve@example.org,,40.7,-74.0,email,EN,6,4,Yes" &&
	circle roster import qr.csv >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, email FROM member WHERE handle = \"eve-f\"" >actual &&
	echo "Eve Fox|eve@example.org" >expect &&
	test_cmp expect actual
'

test_expect_success 'Qualtrics: dates in the zone its ImportId row names ("Z" is UTC) read in the group'"'"'s' '
	qualtrics qz.csv Z \
	    "2026-04-29 00:01:02,2026-04-29 00:03:40,IP Address,203.0.113.5,100,158,True,2026-04-29 00:03:41,R_4defGHI,Oak,Ann,ann@example.org,,40.7,-74.0,email,EN,6,4,Yes" &&
	qualtrics ql.csv America/Los_Angeles \
	    "2026-04-28 16:01:02,2026-04-28 16:05:00,IP Address,203.0.113.6,100,158,True,2026-04-28 16:05:01,R_5efgHIJ,Nash,Bob,bob@example.org,,40.7,-74.0,email,EN,5,4,Yes" &&
	circle checkin import --survey checkin qz.csv >out 2>err &&
	circle checkin import --survey checkin ql.csv >>out 2>>err &&
	test_must_be_empty err &&
	circle checkin list | cut -f2,4 | grep 04-28 >actual &&
	printf "%s\t%s\n" 2026-04-28T19:00 bob-n 2026-04-28T19:00 ann-o \
	    >expect &&
	test_cmp expect actual &&
	test_sql "SELECT taken_at FROM response ORDER BY id DESC LIMIT 2" \
	    >actual &&
	printf "%s\n" 2026-04-28T23:05:00Z 2026-04-29T00:03:40Z >expect &&
	test_cmp expect actual
'

test_expect_success 'Qualtrics: a zone circle does not know is refused, naming its cell' '
	qualtrics qx.csv Mars/Olympus \
	    "2026-04-28 16:01:02,2026-04-28 16:05:00,IP Address,203.0.113.6,100,158,True,2026-04-28 16:05:01,R_6fghIJK,Nash,Bob,bob@example.org,,40.7,-74.0,email,EN,5,4,Yes" &&
	nothing_written circle checkin import --survey checkin qx.csv &&
	echo "circle-checkin: qx.csv:3:1: Qualtrics gives its dates the time zone \"Mars/Olympus\", one circle does not know: download the data again in the group'"'"'s time zone" >expect &&
	test_cmp expect err
'

# Zoom's registrants, exported from a meeting's Registration tab: an
# Approval Status of approved, pending or denied.
test_expect_success 'Zoom registrants: a denied registration is not coming, left out, said' '
	printf "%s\r\n" "First Name,Last Name,Email,City,Country/Region,Registration Time,Approval Status" \
	    "Gil,Ames,gil@example.org,,,04/01/2026 10:00:00,approved" \
	    "Hal,Best,hal@example.org,,,04/02/2026 10:00:00,denied" \
	    "Ida,Cole,ida@example.org,,,04/02/2026 11:00:00,pending" >zoomreg.csv &&
	circle roster import --dry-run zoomreg.csv >out 2>err &&
	test_grep "^column 7 \"Approval Status\" -> status\$" out &&
	circle roster import zoomreg.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "^circle-roster: zoomreg.csv:3: Approval Status \"denied\": not coming; left out\$" err &&
	test_sql "SELECT handle FROM member WHERE email LIKE \"%example.org\"
	    AND handle IN (\"gil-a\", \"hal-b\", \"ida-c\") ORDER BY 1" >actual &&
	printf "%s\n" gil-a ida-c >expect &&
	test_cmp expect actual
'

test_expect_success 'a check-in form: an email no one has, beside a name, is the name'"'"'s, as on a sign-in sheet' '
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/21 7:01:02 PM,bob.nash@example.net,Bob Nash,6,4,Yes" >named.csv &&
	circle checkin import --survey checkin named.csv >out 2>err &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	circle checkin list | cut -f2,4,9 | grep "04-21.*bob-n" >actual &&
	printf "%s\t%s\t%s\n" 2026-04-21T19:00 bob-n "mood=6 distress=4 safe=yes" \
	    >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/21 7:01:02 PM,zed@example.org,Zed Nobody,6,4,Yes" >zed.csv &&
	nothing_written circle checkin import --survey checkin zed.csv &&
	echo "circle-checkin: zed.csv:2:3 (Your name): no member with email zed@example.org, and no member \"Zed Nobody\"" >expect &&
	test_cmp expect err
'

# One email on two people's rows (a family's one address): a known one
# beside another first name is refused naming both, not the email's
# person's answers; an unknown one is each name's (it was the first
# row's person for both, the second's answers replacing the first's).
test_expect_success 'a check-in form: an email beside another first name is refused; one unknown address is each name'"'"'s' '
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,Bob Nash,3,8,Yes" >shared.csv &&
	nothing_written circle checkin import --survey checkin shared.csv &&
	echo "circle-checkin: shared.csv:2:2 (Email Address): ann@example.org is ann-o${APOS}s, \"Ann Oak\" on the roster, and this row names \"Bob Nash\": if they share the email, leave it out of this row (the name then says who); if Ann Oak is now Bob Nash, circle roster edit --name \"Bob Nash\" ann-o, then import again" >expect &&
	test_cmp expect err &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,\"Oak, Ann\",7,2,Yes" \
	    "2026/04/14 7:02:02 PM,home@example.net,Cy Lowe,6,4,Yes" \
	    "2026/04/14 7:03:02 PM,home@example.net,Bob Nash,3,8,Yes" \
	    >shared.csv &&
	circle checkin import --survey checkin shared.csv >out 2>err &&
	echo "3 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle checkin list | cut -f2,4,9 | grep "04-14" | sort >actual &&
	printf "%s\t%s\t%s\n" 2026-04-14T19:00 ann-o "mood=7 distress=2 safe=yes" \
	    2026-04-14T19:00 bob-n "mood=3 distress=8 safe=yes" \
	    2026-04-14T19:00 cy-l "mood=6 distress=4 safe=yes" >expect &&
	test_cmp expect actual
'

# A first name a person goes by beside their email ("Annie" on Ann Oak's
# email): the roster's person, said; a short form with another last name
# is still refused naming both, as is a first name that is not one.
test_expect_success 'a check-in form: a short form of the first name beside the email is the person'"'"'s, said' '
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,Annie,5,3,Yes" >annie.csv &&
	circle checkin import --survey checkin annie.csv >out 2>err &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	echo "circle-checkin: annie.csv:2:2: \"Annie\" <ann@example.org> read as ann-o, \"Ann Oak\" on the roster (found by email; the first name a short form of the roster${APOS}s)" >expect &&
	test_cmp expect err &&
	circle checkin list | cut -f2,4,9 | grep "04-14.*ann-o" >actual &&
	printf "%s\t%s\t%s\n" 2026-04-14T19:00 ann-o "mood=5 distress=3 safe=yes" \
	    >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,Annie Lee,5,3,Yes" >annie2.csv &&
	nothing_written circle checkin import --survey checkin annie2.csv &&
	test_grep "ann@example.org is ann-o${APOS}s, \"Ann Oak\" on the roster, and this row names \"Annie Lee\": if they share" err &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,Anton,5,3,Yes" >anton.csv &&
	nothing_written circle checkin import --survey checkin anton.csv &&
	test_grep "this row names \"Anton\"" err &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,A. Oak,5,3,Yes" >initial.csv &&
	circle checkin import --survey checkin initial.csv >out 2>err &&
	test_grep "\"A. Oak\" <ann@example.org> read as ann-o" err &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,ann@example.org,A. Lee,5,3,Yes" >initial2.csv &&
	nothing_written circle checkin import --survey checkin initial2.csv &&
	test_grep "this row names \"A. Lee\"" err
'

# A short form is the email's person only when no one else in the group
# could be it: "Anna" on Ann Oak's email, with Anna Oak on the roster,
# gave Ann Anna's answers; so did Anna's whole name, either way round.
test_expect_success 'a check-in form: another person'"'"'s name, or a short form of theirs too, on an email is refused' '
	circle roster add --new --group fc --email anna@example.org "Anna Oak" \
	    >/dev/null &&
	for name in "Anna" "Anna Oak" "Oak, Anna"
	do
		printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
		    "2026/04/14 7:01:02 PM,ann@example.org,\"$name\",5,3,Yes" >anna.csv &&
		nothing_written circle checkin import --survey checkin anna.csv &&
		test_grep "ann@example.org is ann-o${APOS}s, \"Ann Oak\" on the roster, and this row names \"$name\": if they share" err ||
		return 1
	done &&
	printf "%s\r\n" "Timestamp,Email Address,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" \
	    "2026/04/14 7:01:02 PM,anna@example.org,Annie,5,3,Yes" >anna.csv &&
	nothing_written circle checkin import --survey checkin anna.csv &&
	test_grep "anna@example.org is anna-o${APOS}s, \"Anna Oak\" on the roster, and this row names \"Annie\"" err &&
	circle roster forget --yes anna-o >/dev/null
'

test_expect_success 'Qualtrics: a response by its anonymous link names no one: refused, naming --anonymous' '
	qualtrics qa.csv America/New_York \
	    "2026-04-28 19:01:02,2026-04-28 19:03:40,IP Address,203.0.113.9,100,158,True,2026-04-28 19:03:41,R_7ghiJKL,,,,,40.7,-74.0,anonymous,EN,6,4,Yes" &&
	nothing_written circle checkin import --survey checkin qa.csv &&
	echo "circle-checkin: qa.csv:4: no handle, email or name (an anonymous response? give --anonymous to import the answers without names)" >expect &&
	test_cmp expect err &&
	circle checkin import --survey checkin --anonymous qa.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

# Qualtrics' older layout (and its "legacy" export today): the ids and
# the texts, no ImportId row; the dates in the zone chosen at download,
# read as the group's.
test_expect_success 'Qualtrics: two header rows, no ImportId row: the texts the header, the first row a response' '
	qualtrics q2.csv UTC "x" &&
	sed -n 1,2p q2.csv >q2.tmp &&
	printf "%s\r\n" "2026-04-28 19:01:02,2026-04-28 19:03:40,IP Address,203.0.113.5,100,158,True,2026-04-28 19:03:41,R_9abcDEF,Nash,Bob,bob@example.org,,40.7,-74.0,email,EN,5,5,Yes" >>q2.tmp &&
	mv q2.tmp q2.csv &&
	circle checkin import --survey checkin --dry-run q2.csv >out 2>err &&
	test_grep "^q2.csv: UTF-8, comma-separated, header on line 2 (Qualtrics'"'"' question texts; its ids above left out)\$" out &&
	circle checkin import --survey checkin q2.csv >out 2>err &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	circle checkin list | cut -f2,4,9 | grep "04-28.*bob-n" >actual &&
	printf "%s\t%s\t%s\n" 2026-04-28T19:00 bob-n "mood=5 distress=5 safe=yes" \
	    >expect &&
	test_cmp expect actual
'

# A row found by its email is that person only when its name is theirs:
# a family's one address on two people's rows, or an email typed as
# someone else's, merged them (the second took the first's record, name
# and all, or was "the same person as line 2").
test_expect_success 'roster: an email on the roster beside another first name is refused, naming both; nothing changed' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email" "Ann Lee,family@example.org" \
	    "Cy Lowe,cy@example.org" >family.csv &&
	circle roster import family.csv >/dev/null 2>&1 &&
	printf "%s\r\n" "Name,Email,Pronouns" "Bob Lee,family@example.org,he/him" \
	    >bob.csv &&
	nothing_written circle roster import bob.csv &&
	echo "circle-roster: bob.csv:2:2 (Email): family@example.org is ann-l${APOS}s, \"Ann Lee\" on the roster, and this row names \"Bob Lee\": if they share the email, leave it out of this row; if Ann Lee is now Bob Lee, circle roster edit --name \"Bob Lee\" ann-l, then import again" >expect &&
	test_cmp expect err &&
	printf "%s\r\n" "Name,Email" "Dee Park,dee@example.org" \
	    "Eli Park,dee@example.org" >parks.csv &&
	nothing_written circle roster import parks.csv &&
	echo "circle-roster: parks.csv:3:2 (Email): dee@example.org is line 2${APOS}s, \"Dee Park\", and this row names \"Eli Park\": if they share the email, leave it out of one row; if they are one person, give both rows one name" >expect &&
	test_cmp expect err &&
	printf "%s\r\n" "Name,Email" "Dee Park,dee@example.org" \
	    "Eli Park," >parks.csv &&
	circle roster import parks.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'roster: a short form of the first name beside the email keeps the roster'"'"'s person, said' '
	printf "%s\r\n" "Name,Email" "Annie,family@example.org" >annie.csv &&
	circle roster import annie.csv >out 2>err &&
	echo "0 added, 0 updated, 1 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "annie.csv:2: \"Annie\" <family@example.org> is ann-l, \"Ann Lee\" on the roster (found by email): the roster${APOS}s name kept" err &&
	printf "%s\r\n" "Name,Email" "Annie Park,family@example.org" >annie2.csv &&
	nothing_written circle roster import annie2.csv &&
	test_grep "this row names \"Annie Park\"" err
'

# A short form of two people's first names, or another's whole name,
# beside one's email is refused: it kept Ann Lee for a row of Annie Lee's.
test_expect_success 'roster: another person'"'"'s name, or a short form of theirs too, beside an email is refused' '
	circle roster add --new --email annie@example.org "Annie Lee" >/dev/null &&
	for name in "Annie" "Annie Lee"
	do
		printf "%s\r\n" "Name,Email" "$name,family@example.org" >anna.csv &&
		nothing_written circle roster import anna.csv &&
		test_grep "family@example.org is ann-l${APOS}s, \"Ann Lee\" on the roster, and this row names \"$name\"" err ||
		return 1
	done &&
	circle roster forget --yes annie-l >/dev/null
'

# The same person by email: the roster's spelling is kept ("cy lowe" for
# "Cy Lowe"), as a name match keeps it, unless it is the one in small
# letters; a first name alone keeps the whole; another last name keeps
# it too, said (the roster's may be the name chosen).  The file again
# changes nothing.
test_expect_success 'roster: a row found by email keeps the roster'"'"'s spelling and whole name, and its last name, said' '
	circle roster add --email gus@example.org "gus hale" >/dev/null &&
	printf "%s\r\n" "Name,Email" "cy lowe,cy@example.org" \
	    "Ann,family@example.org" "Gus Hale,gus@example.org" \
	    "Dee Marsh,dee@example.org" >again.csv &&
	circle roster import again.csv >out 2>err &&
	echo "0 added, 1 updated, 3 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: again.csv:5: \"Dee Marsh\" <dee@example.org> is dee-p, \"Dee Park\" on the roster (found by email): the roster${APOS}s name kept (circle roster edit --name \"Dee Marsh\" dee-p takes the file${APOS}s)" >expect &&
	test_cmp expect err &&
	test_sql "SELECT handle, display_name FROM member ORDER BY handle" \
	    >actual &&
	cat >expect <<-\EOF &&
	ann-l|Ann Lee
	cy-l|Cy Lowe
	dee-p|Dee Park
	eli-p|Eli Park
	gus-h|Gus Hale
	EOF
	test_cmp expect actual &&
	circle roster import again.csv >out 2>err &&
	echo "0 added, 0 updated, 4 unchanged" >expect &&
	test_cmp expect out
'

test_done
