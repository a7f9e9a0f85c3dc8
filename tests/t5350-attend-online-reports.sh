#!/bin/sh
test_description='a video call'\''s participant report (Zoom, Google Meet, Microsoft Teams) imported as marks'
. "$(dirname "$0")/test-lib.sh"

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

test_done
