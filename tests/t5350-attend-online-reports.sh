#!/bin/sh
test_description='a video call'\''s participant report (Zoom, Google Meet, Microsoft Teams) imported as marks'
. "$(dirname "$0")/test-lib.sh"
APOS=\'

# marks: every mark, by session and person.
marks() {
	test_sql "SELECT s.local_start, m.handle, a.status
	    FROM attendance a JOIN member m ON m.id = a.member_id
	    JOIN session s ON s.id = a.session_id
	    ORDER BY s.local_start, m.handle"
}

test_expect_success 'setup: an online group, three people, two Tuesdays (today is 7 December)' '
	test_fresh_db &&
	circle group add --tz Europe/London "Online Circle" >/dev/null &&
	circle session add 2026-12-01 19:00 >/dev/null &&
	circle session add 2026-11-24 19:00 >/dev/null &&
	circle roster add --group online-circle "Ann Lee" >/dev/null &&
	circle roster add --group online-circle --email bo@example.org \
	    "Bo Park" >/dev/null &&
	circle roster add --group online-circle "Cy Diaz" >/dev/null
'

# Zoom's participants report with its meeting summary above the table:
# Bo rejoined (two rows), Ann is shown by her display name with her
# original name, Cy waited in the waiting room and was let in.
test_expect_success 'Zoom: the summary passed over, one mark a person' '
	printf "%s\r\n" \
	    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants" \
	    "812 3456 7890,Online Circle,12/01/2026 06:58:40 PM,12/01/2026 08:31:02 PM,host@example.org,93,4" \
	    "" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room" \
	    "Ann L (Ann Lee),,12/01/2026 07:01:12 PM,12/01/2026 08:30:00 PM,89,Yes,No" \
	    "Bo Park,bo@example.org,12/01/2026 07:00:05 PM,12/01/2026 07:40:00 PM,40,No,No" \
	    "Bo Park,bo@example.org,12/01/2026 07:42:30 PM,12/01/2026 08:30:00 PM,48,No,No" \
	    "Cy Diaz,,12/01/2026 06:59:00 PM,12/01/2026 07:02:00 PM,3,Yes,Yes" \
	    "Cy Diaz,,12/01/2026 07:02:00 PM,12/01/2026 08:30:00 PM,88,Yes,No" \
	    >zoom.csv &&
	circle attend import --date-order mdy zoom.csv >out 2>err &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	2026-12-01T19:00|ann-l|present
	2026-12-01T19:00|bo-p|present
	2026-12-01T19:00|cy-d|present
	EOF
	marks >actual &&
	test_cmp expect actual
'

test_expect_success 'Zoom: the same report again changes nothing' '
	circle attend import --date-order mdy zoom.csv >out 2>/dev/null &&
	echo "0 marked, 3 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'Zoom: the dry run says where the table is and its columns' '
	circle attend import --dry-run --date-order mdy zoom.csv >out 2>&1 &&
	grep "header on line 4 (the 3 lines above it left out" out &&
	grep "column 1 \"Name (Original Name)\" -> name" out &&
	grep "column 2 \"User Email\" -> email" out &&
	grep "column 3 \"Join Time\" -> signed in at" out &&
	grep "column 7 \"In Waiting Room\" -> in the waiting room" out
'

# Someone only ever in the waiting room did not attend.
test_expect_success 'Zoom: the older report, without a summary; the waiting room only is no mark' '
	printf "%s\r\n" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,In Waiting Room" \
	    "Bo Park,bo@example.org,11/24/2026 07:00:05 PM,11/24/2026 08:30:00 PM,90,No,No" \
	    "Cy Diaz,,11/24/2026 06:59:00 PM,11/24/2026 07:02:00 PM,3,Yes,Yes" \
	    >zoom2.csv &&
	circle attend import --date-order mdy zoom2.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-11-24T19:00|bo-p|present" actual &&
	! grep "2026-11-24T19:00|cy-d" actual
'

test_expect_success 'setup: a third Tuesday' '
	circle session add 2026-11-17 19:00 >/dev/null
'

# The host and a phone are no one on the roster: each said once, with the
# walk-in hint, however many rows they have; nothing is recorded.
test_expect_success 'Zoom: people not on the roster said once each' '
	printf "%s\r\n" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)" \
	    "Dee Host,dee@example.org,11/17/2026 06:55:00 PM,11/17/2026 08:30:00 PM,95" \
	    "iPhone,,11/17/2026 07:03:00 PM,11/17/2026 07:10:00 PM,7" \
	    "iPhone,,11/17/2026 07:11:00 PM,11/17/2026 08:30:00 PM,79" \
	    "Ann L (Ann Lee),,11/17/2026 07:01:12 PM,11/17/2026 08:30:00 PM,89" \
	    "Dee Host,dee@example.org,11/17/2026 08:31:00 PM,11/17/2026 08:32:00 PM,1" \
	    >zoom3.csv &&
	test_expect_code 65 circle attend import --date-order mdy zoom3.csv \
	    >out 2>err &&
	test $(grep -c "dee@example.org" err) = 1 &&
	test $(grep -c "iPhone" err) = 1 &&
	grep "zoom3.csv:3:1 (Name (Original Name)).*walk-in --session \"2026-11-17\" \"iPhone\"" err &&
	grep "2 errors; nothing recorded" err &&
	marks >actual &&
	! grep "2026-11-17" actual
'

test_expect_success 'Zoom: --skip-unknown says each once, passes them over and records the rest' '
	rm -f sk.db* &&
	circle db backup sk.db >/dev/null &&
	sk() { circle --db sk.db "$@"; } &&
	sk db dump >before &&
	sk attend import --dry-run --skip-unknown --date-order mdy zoom3.csv \
	    >out 2>err &&
	test_grep "dry run: would be 1 marked" out &&
	sk db dump >after &&
	test_cmp before after &&
	sk attend import --skip-unknown --date-order mdy zoom3.csv >out 2>err &&
	test $(grep -c "dee@example.org" err) = 1 &&
	test $(grep -c "iPhone" err) = 1 &&
	grep "zoom3.csv:3:1 (Name (Original Name)).*walk-in --session \"2026-11-17\" \"iPhone\".*; passed over (--skip-unknown)" err &&
	test_grep "^1 marked" out &&
	"$SQLITE3" sk.db "SELECT m.handle FROM attendance a JOIN member m ON
	    m.id = a.member_id JOIN session s ON s.id = a.session_id WHERE
	    s.local_start LIKE '\''2026-11-17%'\''" >who &&
	echo ann-l >expect &&
	test_cmp expect who &&
	sk attend walk-in --session 2026-11-17 "iPhone" >/dev/null &&
	sk attend import --skip-unknown --date-order mdy zoom3.csv >out 2>err &&
	test_grep "^0 marked, 2 unchanged" out &&
	test $(grep -c "passed over" err) = 1
'

test_expect_success 'Zoom: an unknown original name: the walk-in hint names it' '
	printf "%s\r\n" \
	    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)" \
	    "Evie (Eve Stone),,11/17/2026 07:01:12 PM,11/17/2026 08:30:00 PM,89" \
	    >zoom4.csv &&
	test_expect_code 65 circle attend import --date-order mdy zoom4.csv \
	    >out 2>err &&
	grep "walk-in --session \"2026-11-17\" \"Eve Stone\"" err
'

# Google Meet: the name in two columns, the time joined with its date.
test_expect_success 'Google Meet: the attendance report' '
	printf "%s\n" \
	    "First name,Last name,Email,Duration,Time joined,Time exited" \
	    "Ann,Lee,,1 hr 28 min,2026-11-17 19:01:14,2026-11-17 20:29:40" \
	    "Bo,Park,bo@example.org,1 hr 30 min,2026-11-17 18:59:58,2026-11-17 20:30:01" \
	    >meet.csv &&
	circle attend import meet.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-11-17T19:00|ann-l|present" actual &&
	grep "2026-11-17T19:00|bo-p|present" actual
'

# Microsoft Teams: UTF-16LE, tab-separated, three numbered sections; only
# the participants are read (Ann is in the activities too, on the 8th).
test_expect_success 'Microsoft Teams: the participants section of the attendance report' '
	printf "%s\r\n" "1. Summary" \
	    "Meeting title	Online Circle" \
	    "Attended participants	2" \
	    "Start time	12/1/26, 6:58:40 PM" \
	    "End time	12/1/26, 8:31:02 PM" \
	    "Meeting duration	1h 32m 22s" \
	    "" \
	    "2. Participants" \
	    "Name	First Join	Last Leave	In-Meeting Duration	Email	Participant ID (UPN)	Role" \
	    "Cy Diaz	12/1/26, 7:00:03 PM	12/1/26, 8:30:00 PM	1h 29m 57s	cy@example.org	cy@example.org	Attendee" \
	    "Bo Park	12/1/26, 7:00:05 PM	12/1/26, 8:30:00 PM	1h 29m 55s	bo@example.org	bo@example.org	Attendee" \
	    "" \
	    "3. In-Meeting Activities" \
	    "Name	Join Time	Leave Time	Duration	Email	Role" \
	    "Ann Lee	12/8/26, 7:00:03 PM	12/8/26, 8:30:00 PM	1h 29m 57s	ann@example.org	Attendee" \
	    >teams8.csv &&
	{ printf "\377\376" && iconv -f UTF-8 -t UTF-16LE teams8.csv; } \
	    >teams.csv &&
	circle roster edit cy-d --email cy@example.org >/dev/null &&
	circle attend import --date-order mdy teams.csv >out 2>err &&
	echo "0 marked, 2 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	circle attend import --dry-run --date-order mdy teams.csv >out 2>&1 &&
	grep "UTF-16LE, tab-separated, header on line 9" out &&
	grep "column 2 \"First Join\" -> signed in at" out
'

# Ann's email is not the roster's (she has none there): her name is.
test_expect_success 'Microsoft Teams: an email no one has leaves it to the name' '
	circle session add 2026-11-10 19:00 >/dev/null &&
	printf "%s\r\n" "1. Summary" "Meeting title	Online Circle" "" \
	    "2. Participants" \
	    "Name	First Join	Last Leave	In-Meeting Duration	Email	Participant ID (UPN)	Role" \
	    "Ann Lee	11/10/26, 7:00:03 PM	11/10/26, 8:30:00 PM	1h 29m 57s	ann@example.org	ann@example.org	Attendee" \
	    "Dee Host	11/10/26, 6:55:00 PM	11/10/26, 8:31:00 PM	1h 36m	dee@example.org	dee@example.org	Organizer" \
	    >teams10.csv &&
	test_expect_code 65 circle attend import --date-order mdy \
	    teams10.csv >out 2>err &&
	cat >expect <<-\EOF &&
	circle-attend: teams10.csv:7:1 (Name): no member with email dee@example.org, and no member "Dee Host" (someone new: add them with '\''circle attend walk-in --session "2026-11-10" "Dee Host"'\'', then import the sheet again)
	EOF
	test_cmp expect err &&
	grep -v "Dee Host" teams10.csv >teams11.csv &&
	circle attend import --date-order mdy teams11.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-11-10T19:00|ann-l|present" actual
'

test_expect_success 'Microsoft Teams: a report without its participants section is refused' '
	printf "%s\r\n" "1. Summary" "Meeting title	Online Circle" "" \
	    "3. In-Meeting Activities" "Name	Join Time" >teams9.csv &&
	test_expect_code 65 circle attend import teams9.csv >out 2>err &&
	grep "numbered sections, but none of them is participants" err
'

test_expect_success 'a sign-in sheet titled "1. Week one" is a sheet, not a report'"'"'s sections' '
	printf "%s\r\n" "1. Week one" "Date,Name" "2026-12-01,Ann Lee" >week1.csv &&
	circle attend import --dry-run week1.csv >out 2>err &&
	test_grep "header on line 2 (the line above it left out: a title)" out &&
	test_grep "would be 0 marked, 1 unchanged" out
'

# --session: a Meet report whose times have no date is that session's;
# the times are then not read.  Dee, not on the roster, is said with the
# walk-in command for that session.
test_expect_success 'attend import --session: a report with times and no date' '
	circle session add 2026-11-03 19:00 >/dev/null &&
	printf "%s\n" "First name,Last name,Email,Duration,Time joined,Time exited" \
	    "Ann,Lee,,1 hr 28 min,7:01 PM,8:29 PM" \
	    "Bo,Park,bo@example.org,1 hr 30 min,6:59 PM,8:30 PM" \
	    "Dee,Host,dee@example.org,1 hr 35 min,6:55 PM,8:30 PM" >meet3.csv &&
	circle db dump >before &&
	test_expect_code 65 circle attend import meet3.csv 2>err &&
	test_grep "meet3.csv:2:5 (Time joined): \"7:01 PM\" is not a date .*; or give the session with --session$" err &&
	test_expect_code 65 circle attend import --session 2026-11-03 \
	    meet3.csv >out 2>err &&
	test_grep "walk-in --session \"2026-11-03T19:00\" \"Dee Host\"" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend import --session 2026-11-03 --skip-unknown meet3.csv \
	    >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-11-03T19:00|ann-l|present" actual &&
	grep "2026-11-03T19:00|bo-p|present" actual &&
	test $(grep -c "^2026-11-03" actual) = 2
'

test_expect_success 'two people joined from one account: each is their own name'"'"'s' '
	circle session add 2026-10-27 19:00 >/dev/null &&
	printf "%s\n" "First name,Last name,Email,Duration,Time joined,Time exited" \
	    "Ann,Lee,family@example.org,1 hr,7:01 PM,8:01 PM" \
	    "Cy,Diaz,family@example.org,1 hr,7:01 PM,8:01 PM" >shared.csv &&
	circle attend import --session 2026-10-27 shared.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-10-27T19:00|ann-l|present" actual &&
	grep "2026-10-27T19:00|cy-d|present" actual
'

test_expect_success 'attend import --session: a report whose rows joined on another day is refused' '
	circle db dump >before &&
	test_expect_code 65 circle attend import --session 2026-11-03 \
	    --skip-unknown --date-order mdy zoom3.csv >out 2>err &&
	test_grep "zoom3.csv:2:3 (Join Time): joined on 2026-11-17, not the day of --session 2026-11-03 (2026-11-03)" err &&
	circle db dump >after &&
	test_cmp before after
'

# A sheet that names its sessions (or groups) row by row, a printed
# sheet's When row, a register's days: --session is refused, whether they
# agree or not, and nothing is recorded.
test_expect_success 'attend import --session: refused when the sheet names its sessions' '
	circle db dump >before &&
	printf "%s\n" "Date,Name" "2026-11-03,Ann Lee" >dated.csv &&
	test_expect_code 2 circle attend import --session 2026-11-03 \
	    dated.csv 2>err &&
	test_grep "^circle-attend: --session 2026-11-03: dated.csv:1: column 1 \"Date\" names each row.s session; import the sheet without --session" err &&
	printf "%s\n" "Group,Name" "online-circle,Ann Lee" >grouped.csv &&
	test_expect_code 2 circle attend import --session 2026-11-03 \
	    grouped.csv 2>err &&
	test_grep "column 1 \"Group\" names each row.s group" err &&
	printf "%s\n" "When,2026-11-03,19:00-20:30 (Europe/London),," \
	    "#,Name,Pronouns,Signature,Notes" "1,Ann Lee,,A. Lee," >printed.csv &&
	test_expect_code 2 circle attend import --session 2026-11-03 \
	    printed.csv 2>err &&
	test_grep "printed.csv names its sessions by its When row" err &&
	printf "%s\n" "Name,2026-11-03,2026-11-10" "Ann Lee,x,x" >register.csv &&
	test_expect_code 2 circle attend import --session 2026-11-03 \
	    register.csv 2>err &&
	test_grep "register.csv names its sessions by its columns of days" err &&
	circle db dump >after &&
	test_cmp before after
'

# A session --session cannot find is said, and nothing is recorded.
test_expect_success 'attend import --session: a session that is not there' '
	circle db dump >before &&
	test_expect_code 1 circle attend import --session 2026-10-06 \
	    meet3.csv 2>err &&
	test_grep "no session on Tuesday 2026-10-06" err &&
	circle db dump >after &&
	test_cmp before after
'

# Microsoft Teams in German: the sections' titles and the join time's
# header are read as their English words (csvwords.c); the dates are
# day first (01.12.26), as German writes them.  The words are those a
# German report is shown with by a reader of Teams' reports; no other
# language's could be confirmed.
test_expect_success 'Microsoft Teams in German: Zusammenfassung, Teilnehmer, Erster Beitritt' '
	circle session add 2026-10-20 19:00 >/dev/null &&
	printf "%s\r\n" "1. Zusammenfassung" \
	    "Besprechungstitel	Online Circle" \
	    "Teilnehmer	2" \
	    "" \
	    "2. Teilnehmer" \
	    "Name	Erster Beitritt	Letztes Verlassen	Dauer der Besprechung	E-Mail	Teilnehmer-ID (UPN)	Rolle" \
	    "Ann Lee	20.10.26, 19:00:03	20.10.26, 20:30:00	1 Std. 29 Min.	ann@example.org	ann@example.org	Teilnehmer" \
	    "Bo Park	20.10.26, 19:00:05	20.10.26, 20:30:00	1 Std. 29 Min.	bo@example.org	bo@example.org	Teilnehmer" \
	    "" \
	    "3. Aktivitäten in der Besprechung" \
	    "Name	Beitreten	Verlassen	Dauer	E-Mail	Rolle" \
	    "Cy Diaz	27.10.26, 19:00:03	27.10.26, 20:30:00	1 Std.	cy@example.org	Teilnehmer" \
	    >de8.csv &&
	{ printf "\377\376" && iconv -f UTF-8 -t UTF-16LE de8.csv; } >de.csv &&
	circle attend import --dry-run --date-order dmy de.csv >out 2>&1 &&
	grep "UTF-16LE, tab-separated, header on line 6" out &&
	grep "column 1 \"Name\" -> name" out &&
	grep "column 2 \"Erster Beitritt\" -> signed in at" out &&
	grep "column 5 \"E-Mail\" -> email" out &&
	circle attend import --date-order dmy de.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-10-20T19:00|ann-l|present" actual &&
	grep "2026-10-20T19:00|bo-p|present" actual &&
	! grep "2026-10-20T19:00|cy-d" actual
'

# The same in Portuguese (Brazil's Teams): Resumo, Participantes,
# Primeiro ingresso.
test_expect_success 'Microsoft Teams in Portuguese: Resumo, Participantes, Primeiro ingresso' '
	circle session add 2026-09-22 19:00 >/dev/null &&
	printf "%s\r\n" "1. Resumo" \
	    "Título da reunião	Online Circle" \
	    "Participantes presentes	1" \
	    "" \
	    "2. Participantes" \
	    "Nome	Primeiro ingresso	Última saída	Duração na reunião	Email	ID do participante (UPN)	Função" \
	    "Cy Diaz	22/09/26, 19:00:03	22/09/26, 20:30:00	1h 29m 57s	cy@example.org	cy@example.org	Participante" \
	    "" \
	    "3. Atividades na reunião" \
	    "Nome	Entrada	Saída	Duração	Email	Função" \
	    >pt8.csv &&
	{ printf "\377\376" && iconv -f UTF-8 -t UTF-16LE pt8.csv; } >pt.csv &&
	circle attend import --dry-run pt.csv >out 2>&1 &&
	grep "column 2 \"Primeiro ingresso\" -> signed in at" out &&
	circle attend import pt.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-09-22T19:00|cy-d|present" actual
'

test_expect_success 'Microsoft Teams in German: a report without its Teilnehmer section is refused' '
	printf "%s\r\n" "1. Zusammenfassung" "Besprechungstitel	Online Circle" "" \
	    "3. Aktivitäten in der Besprechung" "Name	Beitreten" >de9.csv &&
	test_expect_code 65 circle attend import de9.csv >out 2>err &&
	grep "numbered sections, but none of them is participants" err
'

# Zoom's newer report: the headers in lower case after the first word,
# "Recording disclaimer response" beside the waiting room, and the join
# time written year first, which needs no --date-order.
test_expect_success 'Zoom: the newer columns and a join time written year first' '
	circle session add 2026-10-13 19:00 >/dev/null &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes),Guest,Recording disclaimer response,In waiting room" \
	    "Ann L (Ann Lee),,2026-10-13 19:01:32,2026-10-13 20:30:00,89,Yes,OK,No" \
	    "Bo Park,bo@example.org,2026-10-13 18:59:02,2026-10-13 20:30:00,91,No,OK,No" \
	    >zoom5.csv &&
	circle attend import --dry-run zoom5.csv >out 2>&1 &&
	grep "column 7 \"Recording disclaimer response\": ignored" out &&
	grep "column 8 \"In waiting room\" -> in the waiting room" out &&
	circle attend import zoom5.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

# A note-taking bot is no person: passed over with a note, without
# --skip-unknown, each said once; the people in the report are marked.
# The host, not on the roster, still makes the import fail.
test_expect_success 'note-taking bots are passed over with a note' '
	circle session add 2026-10-06 19:00 >/dev/null &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Ann L (Ann Lee),,2026-10-06 19:01:32,2026-10-06 20:30:00,89" \
	    "Otter.ai,,2026-10-06 19:00:10,2026-10-06 20:30:00,90" \
	    "Fireflies.ai Notetaker Bo,,2026-10-06 19:00:11,2026-10-06 20:30:00,90" \
	    "Fireflies.ai Notetaker Bo,,2026-10-06 19:40:11,2026-10-06 20:30:00,50" \
	    "read.ai meeting notes,,2026-10-06 19:00:12,2026-10-06 20:30:00,90" \
	    "Cy Diaz'\''s OtterPilot,,2026-10-06 19:00:13,2026-10-06 20:30:00,90" \
	    >bots.csv &&
	circle attend import bots.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-attend: bots.csv:3:1 (Name (original name)): "Otter.ai" is a note-taking bot, not a person: passed over
	circle-attend: bots.csv:4:1 (Name (original name)): "Fireflies.ai Notetaker Bo" is a note-taking bot, not a person: passed over
	circle-attend: bots.csv:6:1 (Name (original name)): "read.ai meeting notes" is a note-taking bot, not a person: passed over
	circle-attend: bots.csv:7:1 (Name (original name)): "Cy Diaz'\''s OtterPilot" is a note-taking bot, not a person: passed over
	EOF
	echo "circle-attend: bots.csv:2: ann-l is in the group from $(test_sql "SELECT max(joined_on) FROM membership"), after the session marked here: not counted as expected (to count them from that day: circle roster join --on 2026-10-06 ann-l)" >>expect &&
	test_cmp expect err &&
	marks >actual &&
	grep "2026-10-06T19:00|ann-l|present" actual &&
	! grep "2026-10-06T19:00|cy-d" actual &&
	printf "%s\n" "Dee Host,dee@example.org,2026-10-06 18:55:00,2026-10-06 20:31:00,96" \
	    >>bots.csv &&
	test_expect_code 65 circle attend import bots.csv >out 2>err &&
	cat >expect <<-\EOF &&
	circle-attend: bots.csv:8:1 (Name (original name)): no member with email dee@example.org, and no member "Dee Host" (someone new: add them with '\''circle attend walk-in --session "2026-10-06" "Dee Host"'\'', then import the sheet again)
	EOF
	test_cmp expect err
'

# A report that says its zone (a Z, an offset) is read in it: its join
# time is on the day it is in the group's zone (Europe/London), not the
# day written.  Tokyo's 03:01 on the 30th is London's 19:01 on the 29th.
# One with no zone is read as written, in the group's zone.
test_expect_success 'join times with their zone are on the day they are in the group'"'"'s zone' '
	circle session add 2026-09-29 19:00 >/dev/null &&
	printf "%s\n" "First name,Last name,Email,Duration,Time joined,Time exited" \
	    "Ann,Lee,,1 hr 28 min,2026-09-30 03:01:14+09:00,2026-09-30 04:29:40+09:00" \
	    "Bo,Park,bo@example.org,1 hr 30 min,2026-09-29T18:00:58Z,2026-09-29T19:30:01Z" \
	    >zoned.csv &&
	circle attend import zoned.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-09-29T19:00|ann-l|present" actual &&
	grep "2026-09-29T19:00|bo-p|present" actual &&
	circle attend import --dry-run --session 2026-09-29 zoned.csv >out &&
	test_grep "would be 0 marked, 2 unchanged" out
'

# A join time column whose header names its zone ("Join time (GMT+9)",
# "(UTC)") says the zone of every time under it; a word in the aside
# that is no zone ("(timezone)") says nothing, and the times are read as
# written.
test_expect_success 'a join time column whose header names its zone' '
	printf "%s\n" "Name,Join time (GMT+9)" "Ann Lee,2026-09-30 03:05:00" \
	    >hz.csv &&
	circle attend import --dry-run hz.csv >out 2>err &&
	test_grep "would be 0 marked, 1 unchanged" out &&
	printf "%s\n" "Name,Join time (UTC)" "Bo Park,2026-09-29 18:02:00" \
	    >hz2.csv &&
	circle attend import --dry-run hz2.csv >out 2>err &&
	test_grep "would be 0 marked, 1 unchanged" out &&
	printf "%s\n" "Name,Join time (timezone)" "Ann Lee,2026-09-30 03:05:00" \
	    >hz3.csv &&
	test_expect_code 65 circle attend import --dry-run hz3.csv >out 2>err &&
	test_grep "no session on Wednesday 2026-09-30" err
'

# Two people in a call on one account (a couple, a family's one laptop):
# the email is Bo's, the names say who came.  Both were marked as Bo.
# One row naming both ("Bo & Eve Park") marks both.  A name no one has
# beside Bo's email, or one of two names, is refused naming both, and
# nothing is recorded.
test_expect_success 'Zoom: two people on one account'"'"'s email are each their own name'"'"'s; else refused naming both' '
	circle session add 2026-09-08 19:00 >/dev/null &&
	circle session add 2026-09-09 19:00 >/dev/null &&
	circle roster add --group online-circle "Eve Park" >/dev/null &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Bo Park,bo@example.org,2026-09-08 18:59:02,2026-09-08 20:30:00,91" \
	    "Eve Park,bo@example.org,2026-09-08 19:00:40,2026-09-08 20:30:00,90" \
	    "Bo & Eve Park,bo@example.org,2026-09-09 18:59:02,2026-09-09 20:30:00,91" \
	    >couple.csv &&
	circle attend import couple.csv >out 2>err &&
	echo "4 marked, 0 unchanged; 2 sessions recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-09-08T19:00|bo-p|present" actual &&
	grep "2026-09-08T19:00|eve-p|present" actual &&
	grep "2026-09-09T19:00|bo-p|present" actual &&
	grep "2026-09-09T19:00|eve-p|present" actual &&
	circle db dump >before &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Bo & Fay Park,bo@example.org,2026-09-08 18:59:02,2026-09-08 20:30:00,91" \
	    "Fay Park,bo@example.org,2026-09-08 19:00:40,2026-09-08 20:30:00,90" \
	    >couple2.csv &&
	test_expect_code 65 circle attend import couple2.csv >out 2>err &&
	cat >expect <<-\EOF &&
	circle-attend: couple2.csv:2:1 (Name (original name)): "Bo & Fay Park" names two people, Bo Park and Fay Park: no member "Fay Park" (someone new: add them with '"'"'circle attend walk-in --session "2026-09-08" "Fay Park"'"'"', then import the sheet again)
	circle-attend: couple2.csv:3:1 (Name (original name)): bo@example.org is bo-p'"'"'s, "Bo Park" on the roster, and this row names "Fay Park", no one on the roster: if it was Bo Park, give the row that name (someone new: add them with '"'"'circle attend walk-in --session "2026-09-08" "Fay Park"'"'"', then import the sheet again)
	circle-attend: couple2.csv: 2 errors; nothing recorded
	EOF
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

# A couple signing one line of a paper sheet: each of them marked.
test_expect_success 'a sign-in sheet'"'"'s line of two names marks both' '
	printf "%s\n" "Date,Name" "2026-09-09,Ann Lee" "2026-09-08,Bo and Eve Park" \
	    >couple3.csv &&
	circle attend import couple3.csv >out 2>err &&
	echo "1 marked, 2 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out
'

# Zoom's webinar attendee report: "Report Generated", the webinar's
# summary, then its tables under titles: the host's, the panelists', the
# attendees'.  The attendees' is read: Attended Yes or No; one who did
# not come has "--" for a join time, and is on the summary's day.  Its
# registration report, registrants and no join time, is no one's
# attendance: refused, saying where it goes.
test_expect_success 'Zoom: a webinar'"'"'s attendee report, its summary and titled tables' '
	circle session add 2026-09-01 19:00 >/dev/null &&
	printf "%s\r\n" "Attendee Report" \
	    "Report Generated:,09/02/2026 10:00 AM" \
	    "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled,Unique Viewers,Total Users,Max Concurrent Views" \
	    "Online Circle,812 3456 7890,09/01/2026 06:58:40 PM,93,2,0,1,2,2" \
	    "" \
	    "Host Details" \
	    "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Country/Region Name" \
	    "Yes,Dee Host,dee@example.org,09/01/2026 06:55:00 PM,09/01/2026 08:31:00 PM,96,United Kingdom" \
	    "" \
	    "Panelist Details" \
	    "Attended,User Name (Original Name),Email,Join Time,Leave Time,Time in Session (minutes),Country/Region Name" \
	    "" \
	    "Attendee Details" \
	    "Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,Country/Region Name" \
	    "Yes,Ann L (Ann Lee),Ann,Lee,,08/20/2026 10:01:00 AM,approved,09/01/2026 07:01:00 PM,09/01/2026 08:30:00 PM,89,Yes,United Kingdom" \
	    "No,Bo Park,Bo,Park,bo@example.org,08/21/2026 10:01:00 AM,approved,--,--,--,No,United Kingdom" \
	    >webinar.csv &&
	circle attend import --dry-run --date-order mdy webinar.csv >out 2>&1 &&
	test_grep "header on line 14 (the 13 lines above it left out: a meeting.s summary, its start on line 4)" out &&
	test_grep "column 2 \"User Name (Original Name)\" -> name" out &&
	circle attend import --date-order mdy webinar.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-09-01T19:00|ann-l|present" actual &&
	grep "2026-09-01T19:00|bo-p|absent" actual &&
	printf "%s\r\n" \
	    "Topic,ID,Scheduled Time,Actual Start Time,Actual Duration (minutes),# Registered,# Cancelled" \
	    "Online Circle,812 3456 7890,09/01/2026 07:00 PM,09/01/2026 06:58:40 PM,93,2,0" \
	    "" \
	    "First Name,Last Name,Email,Registration Time,Approval Status" \
	    "Ann,Lee,,08/20/2026 10:01:00 AM,approved" >zoomreg.csv &&
	circle db dump >before &&
	test_expect_code 65 circle attend import --date-order mdy zoomreg.csv \
	    >out 2>err &&
	echo "circle-attend: zoomreg.csv:4: a meeting${APOS}s registrants (no join time, no Attended column) are who signed up, not who came: import them with circle roster import, and the meeting${APOS}s participants report here" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

# Two more shapes: Teams' older attendance list (meetingAttendanceList
# .csv: UTF-16, tab-separated, "Full Name", "User Action", "Timestamp", a
# row each join and leave), and a report naming its columns "Attendee
# Name" and "Attendee Email" beside "Join Time" (as Webex's attendee
# report is described; its file could not be confirmed).
test_expect_success 'Teams'"'"' older attendance list and an Attendee Name/Email report' '
	circle session add 2026-08-25 19:00 >/dev/null &&
	printf "%s\r\n" "Full Name	User Action	Timestamp" \
	    "Ann Lee	Joined	8/25/2026, 7:00:03 PM" \
	    "Bo Park	Joined before	8/25/2026, 6:58:10 PM" \
	    "Ann Lee	Left	8/25/2026, 8:30:00 PM" >list8.csv &&
	{ printf "\377\376" && iconv -f UTF-8 -t UTF-16LE list8.csv; } \
	    >list.csv &&
	circle attend import --date-order mdy list.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	printf "%s\r\n" \
	    "Attendee Name,Attendee Email,Join Time,Leave Time,Attendance Duration,Connection Type" \
	    "Cy Diaz,cy@example.org,8/25/2026 7:01 PM,8/25/2026 8:29 PM,88 mins,Desktop app" \
	    >webex.csv &&
	circle attend import --dry-run --date-order mdy webex.csv >out 2>&1 &&
	test_grep "column 1 \"Attendee Name\" -> name" out &&
	test_grep "column 2 \"Attendee Email\" -> email" out &&
	circle attend import --date-order mdy webex.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	test $(grep -c "^2026-08-25T19:00|.*|present" actual) = 3
'

# "Topic" beside "ID" is Zoom's summary only with no person's column: a
# sheet of "Date, ID, Name, Topic" is a table.
test_expect_success 'a sheet with ID and Topic columns beside a name is no meeting summary' '
	printf "%s\n" "Date,ID,Name,Topic" "2026-09-08,17,Bo Park,Sleep" \
	    >topic.csv &&
	circle attend import --dry-run topic.csv >out 2>err &&
	test_grep "header on line 1\$" out &&
	test_grep "would be 0 marked, 1 unchanged" out
'

# BigBlueButton's learning dashboard, saved as CSV: each person's first
# join under "Join", in the browser's way of writing dates; a poll's
# question is a column of its own, and a poll answered anonymously adds
# a row "Anonymous" with no join: no one.
test_expect_success 'BigBlueButton: the learning dashboard'"'"'s CSV' '
	circle session add 2026-09-15 19:00 >/dev/null &&
	printf "%s\r\n" \
	    "Name,Moderator,Activity Score,Talk Time,Webcam Time,Messages,Reactions,Poll Votes,Raise Hands,Join,Left,Duration,How are you?" \
	    "\"Ann Lee\",\"FALSE\",\"4.5\",\"00:02:10\",\"-\",\"3\",\"1\",\"1\",\"0\",\"9/15/2026, 07:01:12 PM\",\"9/15/2026, 08:30:00 PM\",\"01:28:48\",\"-\"" \
	    "\"Bo Park\",\"FALSE\",\"2\",\"-\",\"-\",\"0\",\"0\",\"0\",\"0\",\"9/15/2026, 06:59:02 PM\",\"9/15/2026, 08:30:00 PM\",\"01:30:58\",\"-\"" \
	    "\"Anonymous\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"Fine\"" \
	    >bbb.csv &&
	circle attend import --dry-run bbb.csv >out 2>&1 &&
	grep "column 10 \"Join\" -> signed in at" out &&
	circle attend import bbb.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks >actual &&
	grep "2026-09-15T19:00|ann-l|present" actual &&
	grep "2026-09-15T19:00|bo-p|present" actual
'

# Zoom's participants report exported with the meeting's details on each
# row: its host's User Name and User Email come before the participant's
# Name (Original Name) and User Email.  The host's columns made every row
# the host's: the host marked once, and no one else.
test_expect_success 'Zoom: the host'"'"'s User Name and User Email on every row are not each row'"'"'s person' '
	circle session add 2026-08-04 19:00 >/dev/null &&
	circle roster add --group online-circle --email dee@example.org \
	    "Dee Host" >/dev/null &&
	meeting="Online Circle,812 3456 7890,Dee Host,dee@example.org,,,No,07/20/2026 10:00:00 AM,08/04/2026 06:58:40 PM,08/04/2026 08:31:02 PM,93,3" &&
	printf "%s\r\n" \
	    "Topic,Meeting ID,User Name,User Email,Department,Group,Has Zoom Rooms,Creation Time,Start Time,End Time,Duration (Minutes),Participants,Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent,In Waiting Room" \
	    "$meeting,Dee Host,dee@example.org,08/04/2026 06:58:40 PM,08/04/2026 08:31:02 PM,93,No,,No" \
	    "$meeting,Ann L (Ann Lee),,08/04/2026 07:01:12 PM,08/04/2026 08:30:00 PM,89,Yes,,No" \
	    "$meeting,Bo Park,bo@example.org,08/04/2026 07:00:05 PM,08/04/2026 08:30:00 PM,90,No,,No" \
	    >flat.csv &&
	circle attend import --dry-run --date-order mdy flat.csv >out &&
	test_grep "column 3 \"User Name\": ignored" out &&
	test_grep "column 4 \"User Email\": ignored" out &&
	test_grep "column 14 \"User Email\" -> email" out &&
	circle attend import --date-order mdy flat.csv >out 2>err &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks | grep 2026-08-04 >actual &&
	cat >expect <<-\EOF &&
	2026-08-04T19:00|ann-l|present
	2026-08-04T19:00|bo-p|present
	2026-08-04T19:00|dee-h|present
	EOF
	test_cmp expect actual
'

# A name on one person's account that is another's whole name is theirs
# ("Christine Hill" on Christopher's); a short form of both their first
# names ("Chris") is refused naming both.  "Chris" on Christine's email
# marked her, whichever of the two it was.
test_expect_success 'a short form of two people'"'"'s first names on one'"'"'s account is refused naming both; another'"'"'s whole name is theirs' '
	circle session add 2026-08-11 19:00 >/dev/null &&
	circle roster add --group online-circle --email chris@example.org \
	    "Christine Hill" >/dev/null &&
	circle roster add --group online-circle --email topher@example.org \
	    "Christopher Hill" >/dev/null &&
	circle db dump >before &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Chris,chris@example.org,2026-08-11 19:00:02,2026-08-11 20:30:00,90" \
	    "Chris Hill,topher@example.org,2026-08-11 19:00:40,2026-08-11 20:30:00,90" \
	    >chris.csv &&
	test_expect_code 65 circle attend import chris.csv >out 2>err &&
	cat >expect <<-\EOF &&
	circle-attend: chris.csv:2:1 (Name (original name)): chris@example.org is christine-h'"'"'s, "Christine Hill" on the roster, and this row names "Chris", who may be them or christopher-h, "Christopher Hill": give the row the full name of the one who it was
	circle-attend: chris.csv:3:1 (Name (original name)): topher@example.org is christopher-h'"'"'s, "Christopher Hill" on the roster, and this row names "Chris Hill", who may be them or christine-h, "Christine Hill": give the row the full name of the one who it was
	circle-attend: chris.csv: 2 errors; nothing recorded
	EOF
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Christine Hill,topher@example.org,2026-08-11 19:00:02,2026-08-11 20:30:00,90" \
	    "Christopher,topher@example.org,2026-08-11 19:00:40,2026-08-11 20:30:00,90" \
	    >chris2.csv &&
	circle attend import chris2.csv >out 2>err &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks | grep 2026-08-11 >actual &&
	cat >expect <<-\EOF &&
	2026-08-11T19:00|christine-h|present
	2026-08-11T19:00|christopher-h|present
	EOF
	test_cmp expect actual
'

# With --skip-unknown, a row of two people one of whom is no one on the
# roster marks the other: it passed over both.
test_expect_success 'a row of two, one of them no one: with --skip-unknown the other is marked, the one said' '
	circle session add 2026-08-18 19:00 >/dev/null &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Bo & Fay Park,bo@example.org,2026-08-18 18:59:02,2026-08-18 20:30:00,91" \
	    >couple4.csv &&
	printf "%s\n" "Date,Name" "2026-08-18,Fay and Eve Park" >couple5.csv &&
	circle attend import --skip-unknown couple4.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test_grep "couple4.csv:2:1 (Name (original name)): \"Bo & Fay Park\" names two people, Bo Park and Fay Park: no member \"Fay Park\" (someone new: .*; passed over (--skip-unknown), the other marked" err &&
	circle attend import --skip-unknown couple5.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	marks | grep 2026-08-18 >actual &&
	cat >expect <<-\EOF &&
	2026-08-18T19:00|bo-p|present
	2026-08-18T19:00|eve-p|present
	EOF
	test_cmp expect actual
'

# A couple on the roster as one person ("Ann & Bob Lee", their own email)
# beside Ann Lee and Bob Lee: the couple's row on their account is theirs,
# not the two others'.
test_expect_success 'a name of two that is one person'"'"'s on the roster, on their account, is theirs' '
	circle session add 2026-07-21 19:00 >/dev/null &&
	circle roster add --group online-circle "Bob Lee" >/dev/null &&
	circle roster add --group online-circle --handle lees \
	    --email lees@example.org "Ann & Bob Lee" >/dev/null &&
	printf "%s\n" \
	    "Name (original name),User email,Join time,Leave time,Duration (minutes)" \
	    "Ann & Bob Lee,lees@example.org,2026-07-21 18:59:02,2026-07-21 20:30:00,91" \
	    >lees.csv &&
	circle attend import lees.csv >out 2>err &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	marks | grep 2026-07-21 >actual &&
	echo "2026-07-21T19:00|lees|present" >expect &&
	test_cmp expect actual
'

test_done
