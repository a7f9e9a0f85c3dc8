#!/bin/sh
test_description='circle checkin import: a web form'\''s CSV export'
. "$(dirname "$0")/test-lib.sh"

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# answers: "member session answers" of every response, oldest first.
answers() {
	circle checkin list "$@" | cut -f2,4,9
}

# bad FILE WANT [OPTIONS]: the import exits 65 with WANT, nothing changes.
bad() {
	_f=$1 _bw=$2
	shift 2
	circle db dump >before &&
	test_expect_code 65 circle checkin import --survey checkin "$@" "$_f" \
	    2>err &&
	echo "circle-checkin: $_bw" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
}

# csv LINE...: a file of these lines, CRLF line ends.
csv() {
	printf '%s\r\n' "$@"
}

HEAD='Timestamp,Email address,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?,Anything you want the facilitators to know?'

test_expect_success 'setup: a group, four Tuesdays in April, four people, the example survey' '
	circle init >/dev/null &&
	circle group add --handle fc --tz America/New_York "Form Circle" \
	    >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-04-07 --count 4 >/dev/null &&
	circle group add --handle gc --tz America/New_York "Other Circle" \
	    >/dev/null &&
	circle session plan --group gc --name wk --every week --on tuesday \
	    --at 10:00 --from 2026-04-07 --count 4 >/dev/null &&
	circle roster add --group fc --email ann@example.org "Ann Oak" >/dev/null &&
	circle roster add --group fc --email bob@example.org "Bob Nash" >/dev/null &&
	circle roster add --group fc "Cy Lowe" >/dev/null &&
	circle roster add --group gc --email dee@example.org "Dee Park" >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

test_expect_success 'a Google Forms export: BOM, CRLF, prompts as headers, a quoted comma and newline' '
	{
		printf "\357\273\277" &&
		csv "$HEAD,Score" \
		    "2026/04/07 19:05:12,ann@example.org,6,4,Yes,," \
		    "2026/04/07 19:06:40,BOB@Example.org,2,9,No,\"tired, and sad\",x" \
		    "2026/04/14 18:59:59,ann@example.org,7,3,yes,\"line one" \
		    "line two\"," \
		    "2026/04/14 19:31:00,bob@example.org,5,5,yes,,"
	} >form.csv &&
	circle checkin import --survey checkin form.csv >out 2>err &&
	echo "4 added, 0 replaced, 0 unchanged; 3 follow-ups opened" >expect &&
	test_cmp expect out &&
	echo "circle-checkin: form.csv:1:7: column \"Score\" is not a question of survey checkin; ignored (--map COLUMN=QUESTION)" >expect &&
	test_cmp expect err &&
	answers >out &&
	cat >expect <<-\EOF &&
	2026-04-07T19:00	ann-o	mood=6 distress=4 safe=yes
	2026-04-07T19:00	bob-n	mood=2 distress=9 safe=no note=tired, and sad
	2026-04-14T19:00	ann-o	mood=7 distress=3 safe=yes note=line one\nline two
	2026-04-14T19:00	bob-n	mood=5 distress=5 safe=yes
	EOF
	test_cmp expect out &&
	circle checkin followups | cut -f3,7 >out &&
	cat >expect <<-\EOF &&
	bob-n	Said they do not feel safe today; check in with them privately (safe: no)
	bob-n	Very high distress (distress 9, 9 or more)
	bob-n	Low wellbeing (wellbeing 1.5, 2 or less)
	EOF
	test_cmp expect out
'

test_expect_success 'a Google Forms grid: each row headed "Question [Row]", its row the question' '
	csv "Timestamp,Email address,Check-in [How is your mood right now?],Check-in [How much distress are you carrying today?],Today [safe]" \
	    "2026/04/21 19:05:12,ann@example.org,6,4,Yes" >grid.csv &&
	circle checkin import --dry-run --survey checkin grid.csv >out &&
	test_grep "column 3 \"Check-in \[How is your mood right now?\]\" -> mood" out &&
	test_grep "column 4 \"Check-in \[How much distress are you carrying today?\]\" -> distress" out &&
	test_grep "column 5 \"Today \[safe\]\" -> safe" out &&
	test_grep "would be 1 added" out
'

test_expect_success 'the time taken is kept to the second, in UTC' '
	test_sql "SELECT r.taken_at FROM response r JOIN member m ON
	    m.id = r.member_id ORDER BY r.taken_at" >out &&
	cat >expect <<-\EOF &&
	2026-04-07T23:05:12Z
	2026-04-07T23:06:40Z
	2026-04-14T22:59:59Z
	2026-04-14T23:31:00Z
	EOF
	test_cmp expect out
'

test_expect_success 'importing the same file again changes nothing' '
	circle db dump >before &&
	circle checkin import --survey checkin form.csv >out 2>/dev/null &&
	echo "0 added, 0 replaced, 4 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a longer export: new rows added, a changed row replaced' '
	{
		csv "$HEAD" \
		    "2026/04/07 19:05:12,ann@example.org,6,4,Yes," \
		    "2026/04/07 19:06:40,bob@example.org,3,9,No,\"tired, and sad\"" \
		    "2026/04/21 19:02:00,ann@example.org,8,2,yes,"
	} >form2.csv &&
	circle checkin import --survey checkin form2.csv >out &&
	echo "1 added, 1 replaced, 1 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test "$(count response)" = 5 &&
	test "$(count change_log "entity = '\''response'\'' AND action = '\''replace'\''")" = 1
'

test_expect_success '--dry-run: the same counts, nothing written, no hook run' '
	mkdir -p "$XDG_CONFIG_HOME/circle/hooks" &&
	printf "#!/bin/sh\ntouch \"%s/hook-ran\"\n" "$TRASH" \
	    >"$XDG_CONFIG_HOME/circle/hooks/followup" &&
	chmod 700 "$XDG_CONFIG_HOME/circle/hooks/followup" &&
	csv "$HEAD" "2026/04/28 19:00:30,bob@example.org,1,10,no," >f3.csv &&
	circle db dump >before &&
	circle checkin import --survey checkin --dry-run f3.csv >out &&
	echo "dry run: would be 1 added, 0 replaced, 0 unchanged; 4 follow-ups opened" >expect &&
	tail -n 1 out >actual &&
	test_cmp expect actual &&
	test_grep "^column 3 \"How is your mood right now?\" -> mood$" out &&
	circle db dump >after &&
	test_cmp before after &&
	test ! -e hook-ran
'

test_expect_success 'a real import runs the hook for each follow-up' '
	circle checkin import --survey checkin f3.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 4 follow-ups opened" >expect &&
	test_cmp expect out &&
	test -e hook-ran &&
	rm -f "$XDG_CONFIG_HOME/circle/hooks/followup" &&
	circle checkin followups --member bob-n --from 2026-04-28 | cut -f7 |
	    grep "^Mood much lower than last time (mood down from 5 to 1 since 2026-04-14, a drop of 4 or more)\$"
'

test_expect_success '--map: columns named otherwise; a name column' '
	csv "Date,Name,Q1,Q2,Q3" "2026-04-21 19:10,Cy Lowe,4,4,yes" >map.csv &&
	circle checkin import --survey checkin --map Q1=mood --map q2=distress \
	    --map Q3=safe map.csv >out 2>err &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	answers --member cy-l >out &&
	printf "2026-04-21T19:00\tcy-l\tmood=4 distress=4 safe=yes\n" >expect &&
	test_cmp expect out
'

test_expect_success 'a bad --map is a usage error' '
	test_expect_code 65 circle checkin import --survey checkin \
	    --map Q9=mood map.csv 2>err &&
	test_grep "map.csv:1: --map Q9: no such column in the header" err &&
	test_expect_code 2 circle checkin import --survey checkin \
	    --map Q1=colour map.csv 2>err &&
	test_grep "map Q1=colour: survey checkin has no question \"colour\"" err &&
	test_expect_code 2 circle checkin import --survey checkin --map Q1 \
	    map.csv 2>err &&
	test_grep "expected COLUMN=QUESTION" err &&
	test_expect_code 2 circle checkin import map.csv 2>err &&
	test_grep "which survey? give --survey KEY" err
'

test_expect_success '--session: every row there; a timestamp it cannot read is a warning' '
	csv "Completion time,Handle,mood,distress,safe" \
	    "Tue 28 Apr 7:05 PM,cy-l,5,5,yes" >ms.csv &&
	bad ms.csv "ms.csv:2:1 (Completion time): \"Tue 28 Apr 7:05 PM\": 28 April of which year? Give the year too" &&
	circle checkin import --survey checkin --group fc --session 2026-04-28 \
	    ms.csv >out 2>err &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	echo "circle-checkin: ms.csv:2:1 (Completion time): \"Tue 28 Apr 7:05 PM\": 28 April of which year? Give the year too; responses are dated now" >expect &&
	test_cmp expect err &&
	answers --group fc --member cy-l 2026-04-28 | cut -f1 >out &&
	echo 2026-04-28T19:00 >expect &&
	test_cmp expect out
'

test_expect_success '--group, or a group column, picks the group of the session' '
	csv "Timestamp,Email,mood,distress,safe" \
	    "2026-04-07 10:20,dee@example.org,6,3,yes" >dee.csv &&
	bad dee.csv "dee.csv:2:1 (Timestamp): no session on 2026-04-07 in this person'\''s groups; give --session or a session column" --group fc &&
	circle checkin import --survey checkin --group gc dee.csv >out &&
	csv "Timestamp,Email,Group,mood,distress,safe" \
	    "2026-04-14 10:20,dee@example.org,gc,6,3,yes" >dee2.csv &&
	circle checkin import --survey checkin dee2.csv >out &&
	answers --member dee-p | cut -f1,2 >out &&
	printf "2026-04-07T10:00\tdee-p\n2026-04-14T10:00\tdee-p\n" >expect &&
	test_cmp expect out
'

test_expect_success '--anonymous: no one named; answers seconds apart are two people'\''s' '
	csv "Timestamp,Email address,mood,distress,safe" \
	    "2026-04-21 19:05:12,ann@example.org,6,4,yes" \
	    "2026-04-21 19:05:40,,3,2,yes" \
	    "2026-04-21 19:05:40,,5,5,no" >anon.csv &&
	circle checkin import --survey checkin --group fc --anonymous \
	    anon.csv >out &&
	echo "3 added, 0 replaced, 0 unchanged; 1 follow-up opened" >expect &&
	test_cmp expect out &&
	test "$(count response "member_id IS NULL")" = 3 &&
	circle checkin import --survey checkin --group fc --anonymous \
	    anon.csv >out &&
	echo "0 added, 0 replaced, 3 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test "$(count response "member_id IS NULL")" = 3
'

test_expect_success 'the same person twice in a file: the later row wins, with a warning' '
	csv "$HEAD" \
	    "2026/04/28 19:01:00,ann@example.org,5,5,yes," \
	    "2026/04/28 19:09:00,ann@example.org,6,5,yes,changed my mind" \
	    >twice.csv &&
	circle checkin import --survey checkin twice.csv >out 2>err &&
	echo "1 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	echo "circle-checkin: twice.csv:3: replaces line 2 (the same person and session)" >expect &&
	test_cmp expect err &&
	answers --group fc --member ann-o 2026-04-28 | cut -f3 >out &&
	echo "mood=6 distress=5 safe=yes note=changed my mind" >expect &&
	test_cmp expect out
'

test_expect_success 'from standard input' '
	csv "$HEAD" "2026/04/21 19:04:00,bob@example.org,4,4,yes," |
	circle checkin import --survey checkin - >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

# Bad rows: exit 65, file:line:column, nothing imported (the good rows
# before them included).
test_expect_success 'an unknown person, at their column' '
	csv "$HEAD" "2026/04/28 19:01:00,ann@example.org,5,5,yes," \
	    "2026/04/28 19:02:00,zed@example.org,5,5,yes," >b1.csv &&
	bad b1.csv "b1.csv:3:2 (Email address): no member with email zed@example.org"
'

test_expect_success 'an answer out of range, at its column' '
	csv "$HEAD" "2026/04/28 19:01:00,ann@example.org,5,5,yes," \
	    "2026/04/28 19:02:00,bob@example.org,5,11,yes," >b2.csv &&
	bad b2.csv "b2.csv:3:4 (How much distress are you carrying today?): distress: 11 is out of range: 0 to 10"
'

test_expect_success 'a required answer left empty, at its column' '
	csv "$HEAD" "2026/04/28 19:02:00,bob@example.org,5,4,," >b3.csv &&
	bad b3.csv "b3.csv:2:5 (Do you feel safe today?): safe: no answer; it is required"
'

test_expect_success 'Google Forms'\'' own download: stamps in the group'\''s zone with GMT-4' '
	csv "$HEAD" "2026/04/28 7:05:12 PM GMT-4,ann@example.org,6,4,Yes," \
	    "2026-04-28T19:06:00-04:00,bob@example.org,6,4,Yes," >gmt.csv &&
	circle checkin import --survey checkin gmt.csv >out &&
	echo "0 added, 2 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_sql "SELECT taken_at FROM response WHERE taken_at LIKE '\''2026-04-28T23%'\''
	    ORDER BY taken_at" >actual &&
	printf "%s\n" 2026-04-28T23:05:12Z 2026-04-28T23:06:00Z >expect &&
	test_cmp expect actual
'

test_expect_success 'stamps with the zones forms write: EDT, -0400, UTC-4' '
	csv "$HEAD" "2026/04/28 7:05:12 PM EDT,ann@example.org,6,4,Yes," \
	    "2026-04-28 19:06:00 -0400,bob@example.org,6,4,Yes," >z1.csv &&
	circle checkin import --survey checkin z1.csv >out &&
	test_grep "^0 added, 0 replaced, 2 unchanged" out &&
	csv "$HEAD" "4/28/2026 19:05:12 UTC-4,ann@example.org,6,4,Yes," >z2.csv &&
	circle checkin import --survey checkin --date-order mdy z2.csv >out &&
	test_grep "^0 added, 0 replaced, 1 unchanged" out &&
	csv "$HEAD" "46140.7952,ann@example.org,7,4,Yes," >z3.csv &&
	circle checkin import --survey checkin z3.csv >out 2>err &&
	test_grep "^0 added, 1 replaced, 0 unchanged" out &&
	test_grep "z3.csv:2:1 (Timestamp): \"46140.7952\" read as 2026-04-28" err &&
	test_sql "SELECT taken_at FROM response r JOIN member m ON
	    m.id = r.member_id WHERE m.email = '\''ann@example.org'\'' AND
	    taken_at LIKE '\''2026-04-28%'\''" >actual &&
	echo 2026-04-28T23:05:05Z >expect &&
	test_cmp expect actual
'

# A stamp with another offset is one instant, converted to the session's
# zone as a header's (UTC) is: 7:05 PM EST is 8:05 PM in New York's
# summer time, 00:05 UTC.
test_expect_success 'stamps: another offset converted; a zone of several or of none refused' '
	csv "$HEAD" "2026/04/28 7:05:12 PM EST,ann@example.org,6,4,Yes," \
	    >z4.csv &&
	circle checkin import --survey checkin z4.csv >out 2>err &&
	test_grep "^0 added, 1 replaced, 0 unchanged" out &&
	test_sql "SELECT taken_at FROM response r JOIN member m ON
	    m.id = r.member_id WHERE m.email = '\''ann@example.org'\'' AND
	    taken_at LIKE '\''2026-04-29%'\''" >actual &&
	echo 2026-04-29T00:05:12Z >expect &&
	test_cmp expect actual &&
	csv "$HEAD" "2026/04/28 7:05:12 PM CDT,ann@example.org,6,4,Yes," \
	    >z5.csv &&
	bad z5.csv "z5.csv:2:1 (Timestamp): \"2026/04/28 7:05:12 PM CDT\": \"CDT\" stands for several zones (UTC-5:00 or UTC-4:00); write the offset (GMT-5, +01:00), or the time in the group'\''s zone without one" &&
	csv "$HEAD" "2026/04/28 7:05:12 PM EAST,ann@example.org,6,4,Yes," \
	    >z6.csv &&
	bad z6.csv "z6.csv:2:1 (Timestamp): \"2026/04/28 7:05:12 PM EAST\": \"EAST\" is no time zone abbreviation circle knows; write the offset (GMT-5, +01:00), or the time in the group'\''s zone without one"
'

test_expect_success 'timestamps: day-first, in UTC, no session that day, a future session' '
	csv "$HEAD" "07/04/2026 19:02,bob@example.org,5,4,yes," >b4.csv &&
	bad b4.csv "b4.csv:2:1 (Timestamp): \"07/04/2026 19:02\" is 7 April 2026 day first or July 4, 2026 month first; give --date-order dmy or --date-order mdy" &&
	csv "$HEAD" "2026-04-07T23:05:12Z,bob@example.org,5,4,yes," \
	    "2026/04/14 9:05:12 PM GMT-1,bob@example.org,5,4,yes," >b5.csv &&
	circle checkin import --survey checkin --dry-run b5.csv >out 2>err &&
	test_grep "^dry run: would be 0 added, 2 replaced" out &&
	csv "$HEAD" "2026/04/21 7:05:12 PM GMT+5:30,bob@example.org,5,4,yes," \
	    >b5.csv &&
	circle checkin import --survey checkin b5.csv >out &&
	test_sql "SELECT taken_at FROM response r JOIN member m ON
	    m.id = r.member_id WHERE m.email = '\''bob@example.org'\'' AND
	    taken_at LIKE '\''2026-04-21%'\''" >actual &&
	echo 2026-04-21T13:35:12Z >expect &&
	test_cmp expect actual &&
	csv "$HEAD" "2026/04/08 19:02,bob@example.org,5,4,yes," >b6.csv &&
	bad b6.csv "b6.csv:2:1 (Timestamp): no session on 2026-04-08 in this person'\''s groups; give --session or a session column" &&
	circle session add --group fc 2099-04-07 19:00 >/dev/null &&
	csv "$HEAD" "2099/04/07 19:02,bob@example.org,5,4,yes," >b7.csv &&
	bad b7.csv "b7.csv:2:1 (Timestamp): session fc 2099-04-07T19:00 is in the future"
'

test_expect_success 'a bad header: no column for a required question, no person' '
	csv "Timestamp,Email address,mood,distress" \
	    "2026/04/28 19:02,bob@example.org,5,4" >h1.csv &&
	bad h1.csv "h1.csv:1: no column for the required question safe (give --map COLUMN=safe)" &&
	csv "Timestamp,mood,distress,safe" "2026/04/28 19:02,5,4,yes" >h2.csv &&
	bad h2.csv "h2.csv:1: no handle, email or name column, nor first and last names (or give --anonymous)" &&
	csv "Email,mood,distress,safe" "bob@example.org,5,4,yes" >h3.csv &&
	bad h3.csv "h3.csv:1: no timestamp or session column (or give --session)" &&
	: >empty.csv &&
	bad empty.csv "empty.csv: empty; expected a header line and answers"
'

test_expect_success 'a row that is not valid UTF-8, or not CSV' '
	{ csv "$HEAD" && printf "2026/04/28 19:02,bob@example.org,5,4,yes,caf\351\r\n"; } >u.csv &&
	circle db dump >before &&
	test_expect_code 65 circle checkin import --survey checkin u.csv 2>err &&
	test_grep "^circle-checkin: u.csv:2:[0-9]* (.*): .*UTF-8" err &&
	csv "$HEAD" "2026/04/28 19:02,\"bob@example.org\"x,5,4,yes," >q.csv &&
	test_expect_code 65 circle checkin import --survey checkin q.csv 2>err &&
	test_grep "^circle-checkin: q.csv:2:" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an unknown survey, a missing file' '
	test_expect_code 1 circle checkin import --survey nope form.csv 2>err &&
	test_grep "no survey nope" err &&
	test_expect_code 1 circle checkin import --survey checkin nothere.csv \
	    2>err
'

test_expect_success 'first and last names in two columns, as forms ask for them, are one name' '
	csv "Timestamp,First name,Last name,mood,distress,safe" \
	    "2026-04-28 19:04,Dee,Park,6,2,yes" >fl.csv &&
	circle checkin import --survey checkin --dry-run fl.csv >out &&
	test_grep "column 2 \"First name\" -> first name" out &&
	test_grep "column 3 \"Last name\" -> last name" out &&
	circle checkin import --survey checkin fl.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	answers --group gc --member dee-p 2026-04-28 | cut -f2 >out &&
	echo dee-p >expect &&
	test_cmp expect out
'

test_expect_success 'Microsoft Forms'\''s "anonymous" for who answered: --anonymous is named' '
	csv "ID,Start time,Completion time,Email,Name,mood,distress,safe" \
	    "1,4/28/26 19:01:02,4/28/26 19:03:10,anonymous,,5,4,Yes" >msa.csv &&
	bad msa.csv "msa.csv:2:4 (Email): \"anonymous\": the form did not record who answered; give --anonymous to import the answers without names" \
	    --group fc &&
	circle checkin import --survey checkin --group fc --anonymous \
	    msa.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

# Forms' own Email "anonymous" beside an email question of the form's own:
# the answer is the person's whose email the form asked for.
test_expect_success 'Microsoft Forms: "anonymous" beside the form'\''s own email question, the email says who' '
	csv "ID,Start time,Completion time,Email,Name,Your email,mood,distress,safe" \
	    "1,4/28/26 19:01:02,4/28/26 19:03:11,anonymous,,ann@example.org,5,4,Yes" \
	    >msq.csv &&
	circle checkin import --survey checkin --group fc msq.csv >out &&
	test_sql "SELECT m.email FROM response r JOIN member m ON
	    m.id = r.member_id WHERE r.taken_at = '\''2026-04-28T23:03:11Z'\''" >out &&
	echo ann@example.org >expect &&
	test_cmp expect out
'

test_expect_success 'a totals row under the answers is passed over, said' '
	csv "$HEAD" "4/28/2026 19:01:00,ann@example.org,5,2,Yes," \
	    "Total,,5,2,," >total.csv &&
	circle checkin import --survey checkin --group fc --dry-run \
	    total.csv >out 2>err &&
	test_grep "^circle-checkin: total.csv:3: a row of totals, passed over$" err &&
	test_grep "^dry run: would be 0 added, 1 replaced" out
'

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# msforms OUT: a workbook as Microsoft Forms writes its responses, from
# tab-separated lines on standard input (tests/msformsmake.py).
msforms() {
	/usr/bin/python3 "$CIRCLE_SRC/tests/msformsmake.py" "$1"
}

test_expect_success OPENPYXL 'Microsoft Forms'\''s workbook: Completion time is when, Email who; its own columns no question' '
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Last modified time" &&
		printf "%s\n" "How is your mood right now?	How much distress are you carrying today?	Do you feel safe today?" &&
		printf "%s\t" 7 "2026-04-28 19:01:02" "2026-04-28 19:03:10" bob@example.org "Bob Nash" "" &&
		printf "%s\n" "6	3	Yes"
	} | msforms ms.xlsx &&
	circle checkin import --survey checkin --group fc ms.xlsx >out 2>err &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test_sql "SELECT r.taken_at FROM response r JOIN member m ON
	    m.id = r.member_id WHERE m.email = '\''bob@example.org'\''
	    AND r.taken_at LIKE '\''2026-04-28%'\''" >out &&
	echo 2026-04-28T23:03:10Z >expect &&
	test_cmp expect out
'

test_expect_success OPENPYXL 'Microsoft Forms, a form anyone may answer: a name question of its own names who; none is refused unless --anonymous' '
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Last modified time" "Your name" &&
		printf "%s\n" "mood	distress	safe" &&
		printf "%s\t" 1 "2026-04-28 19:04:00" "2026-04-28 19:05:00" anonymous "" "" "Cy Lowe" &&
		printf "%s\n" "4	5	Yes"
	} | msforms anonq.xlsx &&
	circle checkin import --survey checkin --group fc --dry-run anonq.xlsx >out 2>err &&
	test_grep "^column 5 \"Name\": ignored$" out &&
	test_grep "^column 7 \"Your name\" -> name$" out &&
	test_must_be_empty err &&
	circle checkin import --survey checkin --group fc anonq.xlsx >out &&
	echo "0 added, 1 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name "Last modified time" "Your name" &&
		printf "%s\n" "mood	distress	safe" &&
		printf "%s\t" 1 "2026-04-28 19:04:00" "2026-04-28 19:05:00" anonymous "" "" "" &&
		printf "%s\n" "4	5	Yes"
	} | msforms noname.xlsx &&
	bad noname.xlsx "noname.xlsx:2:4 (Email): \"anonymous\": the form did not record who answered; give --anonymous to import the answers without names" \
	    --group fc &&
	{
		printf "%s\t" ID "Start time" "Completion time" Email Name &&
		printf "%s\n" "mood	distress	safe" &&
		printf "%s\t" 1 "2026-04-28 19:06:00" "2026-04-28 19:07:00" anonymous "" &&
		printf "%s\n" "3	2	Yes"
	} | msforms anon.xlsx &&
	bad anon.xlsx "anon.xlsx:2:4 (Email): \"anonymous\": the form did not record who answered; give --anonymous to import the answers without names" \
	    --group fc &&
	circle checkin import --survey checkin --group fc --anonymous \
	    anon.xlsx >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

test_done
