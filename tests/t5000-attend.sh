#!/bin/sh
test_description='circle attend: mark, walk-in, headcount, list, undo, import'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# status [--group G] DATE: the status "circle session show" gives a session.
status() {
	circle session show "$@" | sed -n 's/^status	//p'
}

# mark_of GROUP DATE HANDLE: the stored mark (empty when there is no row).
mark_of() {
	test_sql "SELECT a.status FROM attendance a JOIN session s ON
	    s.id = a.session_id JOIN grp g ON g.id = s.grp_id JOIN member m ON
	    m.id = a.member_id WHERE g.handle = '$1' AND
	    substr(s.local_start, 1, 10) = '$2' AND m.handle = '$3'"
}

# marks DATE: "handle mark" lines of "circle attend list" (tab separated).
marks() {
	circle attend list --group tc "$1" | cut -f1,4
}

# attend_log: the attendance entries of the change log.
attend_log() {
	count change_log "entity = 'attendance'"
}

day() {
	date -u -d "$1" +%F
}
P7=$(day '+7 days')
P14=$(day '+14 days')
P15=$(day '+15 days')
P21=$(day '+21 days')

# A fresh database: group tc in New York (19:00 there is midnight UTC, so
# local and UTC dates differ), six Tuesdays from 2026-01-06, four members
# since December.
setup_tc() {
	test_fresh_db &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 6 >/dev/null &&
	for n in "Alex Rivera" "Blair Chen" "Casey Diaz" "Dana Evans"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2025-12-01 "$h" tc || return 1
	done
}

# mark

test_expect_success 'setup: a group with six past sessions and four members' '
	setup_tc &&
	test "$(count session "status = '\''scheduled'\''")" = 6 &&
	test "$(count membership)" = 4
'

test_expect_success 'mark is present by default and makes the session held' '
	test "$(status --group tc 2026-01-06)" = scheduled &&
	circle attend mark --group tc 2026-01-06 alex-r >out &&
	echo "1 marked present" >expect &&
	test_cmp expect out &&
	test "$(mark_of tc 2026-01-06 alex-r)" = present &&
	test "$(status --group tc 2026-01-06)" = held
'

test_expect_success 'several members at once, with a note' '
	circle attend mark --group tc --note "came together" 2026-01-13 \
	    blair-c casey-d dana-e >out &&
	echo "3 marked present" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT count(*) FROM attendance WHERE
	    note = '\''came together'\''")" = 3 &&
	test "$(status --group tc 2026-01-13)" = held
'

test_expect_success '--late, --left-early, --excused, --absent' '
	circle attend mark --group tc --late 2026-01-06 blair-c >out &&
	test_grep "^1 marked late\$" out &&
	circle attend mark --group tc --left-early 2026-01-06 casey-d >out &&
	test_grep "^1 marked left-early\$" out &&
	circle attend mark --group tc --excused 2026-01-06 dana-e >out &&
	test_grep "^1 marked excused\$" out &&
	circle attend mark --group tc --absent 2026-01-13 dana-e >out &&
	test_grep "^1 marked absent\$" out &&
	test "$(mark_of tc 2026-01-06 blair-c)" = late &&
	test "$(mark_of tc 2026-01-06 casey-d)" = left_early &&
	test "$(mark_of tc 2026-01-06 dana-e)" = excused &&
	test "$(mark_of tc 2026-01-13 dana-e)" = absent
'

test_expect_success 'two status flags: 2, nothing written' '
	n=$(attend_log) &&
	test_expect_code 2 circle attend mark --group tc --late --absent \
	    2026-01-20 alex-r >out 2>err &&
	test_must_be_empty out &&
	test_grep "give one of --late, --left-early, --excused or --absent" \
	    err &&
	test_expect_code 2 circle attend mark --group tc --excused \
	    --left-early 2026-01-20 alex-r 2>err &&
	test "$(attend_log)" = "$n" &&
	test -z "$(mark_of tc 2026-01-20 alex-r)" &&
	test "$(status --group tc 2026-01-20)" = scheduled
'

test_expect_success 'mark without a member: usage, 2' '
	test_expect_code 2 circle attend mark --group tc 2026-01-20 2>err &&
	test_grep "usage: circle attend mark" err
'

test_expect_success 'an unknown member: 1, names the nearest, marks nobody' '
	n=$(attend_log) &&
	test_expect_code 1 circle attend mark --group tc 2026-01-20 alex-r \
	    casy >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-attend: no member \"casy\"; did you mean casey-d (Casey Diaz)?" err &&
	test -z "$(mark_of tc 2026-01-20 alex-r)" &&
	test_expect_code 1 circle attend mark --group tc 2026-01-20 zed 2>err &&
	test_grep "^circle-attend: no member \"zed\" (someone new: add them with '"'"'circle attend walk-in --group tc --session \"2026-01-20\" \"zed\"'"'"')\$" err &&
	test "$(status --group tc 2026-01-20)" = scheduled &&
	test "$(attend_log)" = "$n"
'

test_expect_success 'marking again with another status changes it; the old one is logged' '
	circle attend mark --group tc --absent 2026-01-06 alex-r >out &&
	test_grep "^1 marked absent\$" out &&
	test "$(mark_of tc 2026-01-06 alex-r)" = absent &&
	uid=$(test_sql "SELECT uid FROM member WHERE handle = '\''alex-r'\''") &&
	test_sql "SELECT json_extract(detail, '\''$.old'\''),
	    json_extract(detail, '\''$.new'\''),
	    json_extract(detail, '\''$.was'\'') FROM change_log
	    WHERE entity = '\''attendance'\'' AND member_uid = '\''$uid'\''
	    ORDER BY id" >actual &&
	printf "|present|scheduled\npresent|absent|held\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'marking the same again: "already so", nothing logged' '
	n=$(attend_log) &&
	circle attend mark --group tc --absent 2026-01-06 alex-r >out &&
	echo "0 marked absent, 1 already so" >expect &&
	test_cmp expect out &&
	circle attend mark --group tc --absent 2026-01-06 alex-r dana-e >out &&
	echo "1 marked absent, 1 already so" >expect &&
	test_cmp expect out &&
	test "$(attend_log)" = "$((n + 1))"
'

test_expect_success 'a future session: 1 unless --force' '
	circle session add --group tc "$P7" 19:00 >/dev/null &&
	test_expect_code 1 circle attend mark --group tc "$P7" alex-r \
	    >out 2>err &&
	test_grep "is in the future; give --force" err &&
	test -z "$(mark_of tc "$P7" alex-r)" &&
	test "$(status --group tc "$P7")" = scheduled &&
	test_expect_code 1 circle attend headcount --group tc "$P7" 3 2>err &&
	test_grep "in the future" err &&
	circle attend mark --group tc --force "$P7" alex-r >out &&
	test_grep "^1 marked present\$" out &&
	test "$(status --group tc "$P7")" = held
'

test_expect_success 'a cancelled session: 1 unless --force' '
	circle session cancel --group tc --reason snow 2026-02-10 &&
	test_expect_code 1 circle attend mark --group tc 2026-02-10 alex-r \
	    2>err &&
	test_grep "2026-02-10T19:00 is cancelled; give --force" err &&
	test_expect_code 1 circle attend walk-in --group tc \
	    --session 2026-02-10 "Nobody New" 2>err &&
	test_grep "is cancelled" err &&
	test "$(count member "display_name = '\''Nobody New'\''")" = 0 &&
	test "$(count attendance "session_id = (SELECT id FROM session WHERE
	    local_start = '\''2026-02-10T19:00'\'')")" = 0 &&
	circle attend mark --group tc --force 2026-02-10 alex-r >out &&
	test_grep "^1 marked present\$" out &&
	test "$(status --group tc 2026-02-10)" = held
'

# walk-in

test_expect_success 'walk-in: on the roster, a guest from that day, present' '
	circle attend walk-in --group tc --session 2026-01-20 \
	    --email sam@example.org "Sam Walker" >out &&
	echo sam-w >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT p.role, p.joined_on, p.left_on IS NULL FROM
	    membership p JOIN member m ON m.id = p.member_id
	    WHERE m.handle = '\''sam-w'\''")" = "guest|2026-01-20|1" &&
	test "$(mark_of tc 2026-01-20 sam-w)" = present &&
	test "$(status --group tc 2026-01-20)" = held &&
	circle roster list --all >roster &&
	test_grep "^sam-w	Sam Walker	" roster
'

test_expect_success 'walk-in with the email of someone on the roster adds nobody' '
	n=$(count member) &&
	circle attend walk-in --group tc --session 2026-01-27 \
	    --email SAM@example.org "Samuel W." >out &&
	echo sam-w >expect &&
	test_cmp expect out &&
	test "$(count member)" = "$n" &&
	test "$(count membership "member_id = (SELECT id FROM member WHERE
	    handle = '\''sam-w'\'')")" = 1 &&
	test "$(mark_of tc 2026-01-27 sam-w)" = present
'

test_expect_success 'a guest is not expected at later sessions' '
	circle attend mark --group tc 2026-02-03 alex-r &&
	circle attend list --group tc 2026-02-03 >out &&
	! grep "^sam-w" out &&
	test "$(count expected "member_id = (SELECT id FROM member WHERE
	    handle = '\''sam-w'\'')")" = 0
'

test_expect_success 'walk-in defaults to today'\''s session' '
	circle group add --handle uc --tz UTC "UTC Circle" >/dev/null &&
	circle session add --group uc "$(day now)" 00:00 >/dev/null &&
	circle attend walk-in --group uc "Tia Today" >out &&
	echo tia-t >expect &&
	test_cmp expect out &&
	test "$(mark_of uc "$(day now)" tia-t)" = present
'

# headcount

test_expect_success 'headcount sets the number and makes the session held' '
	circle group add --handle anon --tz America/New_York "Anon Group" \
	    >/dev/null &&
	circle session add --group anon 2026-01-08 18:00 >/dev/null &&
	circle attend headcount --group anon 2026-01-08 12 >out &&
	echo "headcount 12 recorded at 2026-01-08" >expect &&
	test_cmp expect out &&
	circle session show --group anon 2026-01-08 >show &&
	test_grep "^headcount	12\$" show &&
	test_grep "^status	held\$" show
'

test_expect_success 'a bad headcount: 65, nothing changed' '
	n=$(attend_log) &&
	for bad in x 1.5 "" 3x " 3" 100001; do
		test_expect_code 65 circle attend headcount --group anon \
		    2026-01-08 "$bad" 2>err || return 1
		test_grep "is not a number of people" err || return 1
	done &&
	test_expect_code 65 circle attend headcount --group anon -- \
	    2026-01-08 -4 2>err &&
	test_grep "is not a number of people" err &&
	test "$(test_sql "SELECT headcount FROM session WHERE
	    local_start = '\''2026-01-08T18:00'\''")" = 12 &&
	test "$(attend_log)" = "$n"
'

# A headcount beside marks is everyone who came, named or not: the reports
# count the more of the two, and the message says which.
test_expect_success 'a headcount beside marks: said as everyone; fewer than marked warned' '
	circle group add --handle hm --tz America/New_York "Head Marks" \
	    >/dev/null &&
	circle roster add "Hana Moss" >/dev/null &&
	circle roster add "Ivo Marsh" >/dev/null &&
	circle roster join --group hm --on 2026-01-01 hana-m ivo-m >/dev/null &&
	circle session add --group hm 2026-01-08 18:00 >/dev/null &&
	circle attend mark --group hm 2026-01-08 hana-m ivo-m >/dev/null &&
	circle attend headcount --group hm 2026-01-08 9 >out 2>err &&
	echo "headcount 9 recorded at 2026-01-08, beside 2 marked by name: the reports count 9 who came, named or not" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle attend headcount --group hm 2026-01-08 1 >out 2>err &&
	echo "headcount 1 recorded at 2026-01-08 (was 9)" >expect &&
	test_cmp expect out &&
	echo "circle-attend: 2026-01-08: 2 marked by name as came, more than the headcount 1: the reports count the 2; a headcount is everyone who came, named or not: give it again with everyone" >expect &&
	test_cmp expect err &&
	circle report monthly --group hm >out &&
	test_grep "^hm	2026-01	1	2	2	" out
'

# The number said is the one recorded and the one the reports count, as
# the library read it: "012" is 12, said so.
test_expect_success 'a headcount typed with a leading zero is said as the number recorded' '
	circle attend headcount --group hm 2026-01-08 012 >out 2>err &&
	echo "headcount 12 recorded at 2026-01-08 (was 1), beside 2 marked by name: the reports count 12 who came, named or not" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	circle report monthly --group hm >out &&
	test_grep "^hm	2026-01	1	2	12	" out
'

# list

test_expect_success 'list: the expected with their marks, no mark at a held session is absent' '
	circle attend list --group tc 2026-01-06 >actual &&
	printf "%s\t%s\t%s\t%s\t%s\n" \
	    alex-r "Alex Rivera" member absent "" \
	    blair-c "Blair Chen" member late "" \
	    casey-d "Casey Diaz" member left-early "" \
	    dana-e "Dana Evans" member absent "" >expect &&
	test_cmp expect actual &&
	test -z "$(mark_of tc 2026-01-13 alex-r)" &&
	circle attend list --group tc 2026-01-13 >actual &&
	printf "%s\t%s\t%s\t%s\t%s\n" \
	    alex-r "Alex Rivera" member absent "" \
	    blair-c "Blair Chen" member present "came together" \
	    casey-d "Casey Diaz" member present "came together" \
	    dana-e "Dana Evans" member absent "came together" >expect &&
	test_cmp expect actual &&
	test "$(test_sql "SELECT count(*) FROM expected e JOIN session s ON
	    s.id = e.session_id WHERE s.local_start = '\''2026-01-13T19:00'\''
	    AND e.mark IS NULL")" = 1
'

test_expect_success 'list before anything is recorded: "-" and a warning' '
	circle session add --group tc 2026-02-17 19:00 >/dev/null &&
	circle attend list --group tc 2026-02-17 >out 2>err &&
	cut -f4 out | sort -u >actual &&
	echo - >expect &&
	test_cmp expect actual &&
	test "$(wc -l <out)" = 4 &&
	test_grep "^circle-attend: tc 2026-02-17T19:00 (2026-02-18 00:00 here): scheduled, nothing recorded yet" err &&
	circle attend list --tz America/New_York --group tc 2026-02-17 \
	    >out 2>err &&
	test_grep "^circle-attend: tc 2026-02-17T19:00: scheduled, nothing recorded yet" err
'

test_expect_success 'list: joined after the date, left before, inactive are not expected' '
	circle roster add "Erin Late" >/dev/null &&
	circle roster join --on 2026-01-14 erin-l tc &&
	circle roster add "Finn Left" >/dev/null &&
	circle roster join --on 2025-11-01 finn-l tc &&
	circle roster leave --on 2026-01-06 finn-l tc &&
	circle roster add "Gale Idle" >/dev/null &&
	circle roster join --on 2025-11-01 gale-i tc &&
	circle roster deactivate gale-i &&
	circle attend list --group tc 2026-01-13 | cut -f1 >actual &&
	printf "alex-r\nblair-c\ncasey-d\ndana-e\n" >expect &&
	test_cmp expect actual &&
	circle attend list --group tc 2026-01-20 | cut -f1 >actual &&
	printf "alex-r\nblair-c\ncasey-d\ndana-e\nerin-l\nsam-w\n" >expect &&
	test_cmp expect actual &&
	circle roster reactivate gale-i &&
	circle attend list --group tc 2026-01-20 | cut -f1 >actual &&
	test_grep "^gale-i\$" actual &&
	circle roster deactivate gale-i
'

test_expect_success 'list: someone marked who was not expected is listed too' '
	circle attend mark --group tc 2026-01-06 finn-l >/dev/null &&
	circle attend list --group tc 2026-01-06 >out &&
	test_grep "^finn-l	Finn Left	-	present	\$" out &&
	test "$(tail -n 1 out | cut -f1)" = finn-l
'

test_expect_success 'list --format table, tsv, csv, json, jsonl' '
	circle attend list --group tc --format table 2026-01-06 >out &&
	test_grep "^handle  *name  *role  *mark  *note\$" out &&
	test_grep "^blair-c  *Blair Chen  *member  *late\$" out &&
	circle attend list --group tc --format tsv 2026-01-06 >out &&
	test_grep "^blair-c	Blair Chen	member	late	\$" out &&
	circle attend list --group tc --format csv 2026-01-06 >out.csv &&
	circle attend list --group tc --format json 2026-01-06 >out.json &&
	circle attend list --group tc --format jsonl 2026-01-06 >out.jsonl &&
	circle attend list --group tc --json 2026-02-17 >none.json 2>err &&
	test_must_be_empty err &&
	/usr/bin/python3 - out.csv out.json out.jsonl none.json <<-\EOF
	import csv, json, sys
	want = [("alex-r", "Alex Rivera", "member", "absent"),
	    ("blair-c", "Blair Chen", "member", "late"),
	    ("casey-d", "Casey Diaz", "member", "left-early"),
	    ("dana-e", "Dana Evans", "member", "absent"),
	    ("finn-l", "Finn Left", None, "present")]
	rows = list(csv.DictReader(open(sys.argv[1], newline="")))
	got = [(r["handle"], r["name"], r["role"] or None, r["mark"])
	    for r in rows]
	assert got == want, got
	js = json.load(open(sys.argv[2]))
	assert [(r["handle"], r["name"], r["role"], r["mark"])
	    for r in js] == want, js
	assert all(r["note"] is None for r in js), js
	jl = [json.loads(l) for l in open(sys.argv[3])]
	assert jl == js, jl
	none = json.load(open(sys.argv[4]))
	assert len(none) == 5, none
	assert all(r["mark"] is None for r in none), none
	EOF
'

# undo

test_expect_success 'undo puts back the last batch, status too' '
	setup_tc &&
	circle attend mark --group tc 2026-01-06 alex-r blair-c >/dev/null &&
	test "$(status --group tc 2026-01-06)" = held &&
	circle attend undo --yes >out &&
	test_grep "^undo of command [0-9]*, .*: circle attend mark --group tc 2026-01-06 alex-r blair-c\$" out &&
	test_grep "^  alex-r marked present at tc 2026-01-06\$" out &&
	test_grep "^  blair-c marked present at tc 2026-01-06\$" out &&
	test_grep "^undid command [0-9]*; this undo is command [0-9]*" out &&
	test "$(count attendance)" = 0 &&
	test "$(status --group tc 2026-01-06)" = scheduled &&
	circle session list --group tc --unrecorded | cut -f3 >actual &&
	test_grep "^2026-01-06\$" actual
'

test_expect_success 'nothing to undo: 1' '
	test_expect_code 1 circle attend undo --yes >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-attend: nothing to undo" err
'

test_expect_success 'undo of a changed mark restores the old one, note too' '
	circle attend mark --group tc --note "first note" 2026-01-06 alex-r \
	    >/dev/null &&
	circle attend mark --group tc --late --note "second" 2026-01-06 \
	    alex-r >/dev/null &&
	test "$(test_sql "SELECT status || '\'' '\'' || note FROM attendance")" = \
	    "late second" &&
	circle attend undo --yes >out &&
	test_grep "^  alex-r at tc 2026-01-06: present -> late\$" out &&
	test "$(test_sql "SELECT status || '\'' '\'' || note FROM attendance")" = \
	    "present first note" &&
	test "$(status --group tc 2026-01-06)" = held
'

test_expect_success 'undo twice undoes two batches' '
	circle attend mark --group tc 2026-01-13 casey-d >/dev/null &&
	circle attend mark --group tc --excused 2026-01-13 dana-e >/dev/null &&
	circle attend undo --yes >/dev/null &&
	test -z "$(mark_of tc 2026-01-13 dana-e)" &&
	test "$(mark_of tc 2026-01-13 casey-d)" = present &&
	circle attend undo --yes >/dev/null &&
	test -z "$(mark_of tc 2026-01-13 casey-d)" &&
	test "$(status --group tc 2026-01-13)" = scheduled &&
	circle attend undo --yes >/dev/null &&
	test "$(count attendance)" = 0 &&
	test "$(status --group tc 2026-01-06)" = scheduled &&
	test_expect_code 1 circle attend undo --yes 2>err
'

test_expect_success 'undo of a headcount' '
	circle attend headcount --group tc 2026-01-20 5 &&
	circle attend headcount --group tc 2026-01-20 7 &&
	circle attend undo --yes >out &&
	test_grep "^  headcount at tc 2026-01-20: 5 -> 7\$" out &&
	circle session show --group tc 2026-01-20 >show &&
	test_grep "^headcount	5\$" show &&
	test_grep "^status	held\$" show &&
	circle attend undo --yes >/dev/null &&
	circle session show --group tc 2026-01-20 >show &&
	test_grep "^headcount	\$" show &&
	test_grep "^status	scheduled\$" show
'

test_expect_success 'undo of a walk-in: the mark and the person it added go' '
	circle attend walk-in --group tc --session 2026-01-27 "Wren Walk" \
	    >/dev/null &&
	circle attend undo --yes >out &&
	test_grep "^  wren-w added to the roster (walk-in)\$" out &&
	test_grep "^  wren-w marked present at tc 2026-01-27\$" out &&
	test "$(count attendance)" = 0 &&
	test "$(count member "handle = '\''wren-w'\''")" = 0 &&
	test "$(count membership "role = '\''guest'\''")" = 0 &&
	test "$(status --group tc 2026-01-27)" = scheduled
'

test_expect_success 'undo of a walk-in marked again since: refused, named' '
	circle attend walk-in --group tc --session 2026-01-27 "Wren Walk" \
	    >/dev/null &&
	circle attend mark --group tc --late 2026-01-27 wren-w >/dev/null &&
	walkin=$(test_sql "SELECT max(id) - 1 FROM command") &&
	circle db dump >before &&
	test_expect_code 1 circle undo --yes "$walkin" >out 2>err &&
	test_grep "later command changed what it did" err &&
	test_grep "attend mark: wren-w at tc 2026-01-27: present -> late" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend undo --yes >/dev/null &&
	circle attend undo --yes >/dev/null &&
	test "$(count member "handle = '\''wren-w'\''")" = 0
'

test_expect_success 'undo of a forced mark on a cancelled session: cancelled again' '
	circle session cancel --group tc 2026-02-10 &&
	circle attend mark --group tc --force 2026-02-10 alex-r >/dev/null &&
	test "$(status --group tc 2026-02-10)" = held &&
	circle attend undo --yes >/dev/null &&
	test "$(status --group tc 2026-02-10)" = cancelled
'

# import

test_expect_success 'import a sign-in sheet (BOM, CRLF, email and name columns)' '
	setup_tc &&
	circle roster edit --email casey@example.org casey-d &&
	printf "\357\273\277Date,Time,Group,Handle,Email,Name,Status,Note\r\n" >sheet.csv &&
	printf "2026-01-06,19:00,tc,alex-r,,,x,\r\n" >>sheet.csv &&
	printf "2026-01-06,19:00,tc,,CASEY@example.org,,Late,\"bus, again\"\r\n" >>sheet.csv &&
	printf "2026-01-06,,tc,,,Blair Chen,excused,\r\n" >>sheet.csv &&
	printf ",,,,,,,\r\n" >>sheet.csv &&
	printf "2026-01-13,19:00,tc,dana-e,,,left early,\r\n" >>sheet.csv &&
	printf "2026-01-13,19:00,tc,alex-r,,,,\r\n" >>sheet.csv &&
	circle attend import sheet.csv >out &&
	echo "5 marked, 0 unchanged; 2 sessions recorded" >expect &&
	test_cmp expect out &&
	marks 2026-01-06 >actual &&
	printf "alex-r\tpresent\nblair-c\texcused\ncasey-d\tlate\ndana-e\tabsent\n" \
	    >expect &&
	test_cmp expect actual &&
	test "$(test_sql "SELECT note FROM attendance WHERE status =
	    '\''late'\''")" = "bus, again" &&
	test "$(mark_of tc 2026-01-13 dana-e)" = left_early &&
	test "$(mark_of tc 2026-01-13 alex-r)" = present &&
	test "$(status --group tc 2026-01-06)" = held &&
	test "$(status --group tc 2026-01-13)" = held
'

test_expect_success 're-importing the same sheet: 0 marked, N unchanged' '
	n=$(attend_log) &&
	circle db dump >before &&
	circle attend import sheet.csv >out &&
	echo "0 marked, 5 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after &&
	test "$(attend_log)" = "$n"
'

test_expect_success 'import --dry-run writes nothing' '
	printf "date,handle,status\n2026-01-20,alex-r,present\n" >dry.csv &&
	circle db dump >before &&
	circle attend import --group tc --dry-run dry.csv >out &&
	cat >expect <<-\EOF &&
	dry.csv: UTF-8, comma-separated, header on line 1
	column 1 "date" -> date
	column 2 "handle" -> handle
	column 3 "status" -> status
	dry run: would be 1 marked, 0 unchanged; 1 session recorded
	EOF
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after &&
	test "$(status --group tc 2026-01-20)" = scheduled
'

# bad_sheet FILE WHERE: import exits 65, the message starts with
# FILE:WHERE, and the database is as it was.
bad_sheet() {
	circle db dump >before &&
	test_expect_code 65 circle attend import "$1" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-attend: $1:$2[ :]" err &&
	circle db dump >after &&
	test_cmp before after
}

# A sheet whose first row is good and whose third line is $1.
sheet_with() {
	printf "date,time,group,handle,status,note\n" >bad.csv &&
	printf "2026-01-20,19:00,tc,blair-c,present,\n" >>bad.csv &&
	printf "$1\n" >>bad.csv
}

test_expect_success 'a bad row: 65 with file:line:column, nothing recorded' '
	sheet_with "2026-01-20,19:00,tc,blare-c,present," &&
	bad_sheet bad.csv 3:4 &&
	test_grep "no member \"blare-c\"; did you mean blair-c" err &&
	sheet_with "2026-01-21,19:00,tc,alex-r,present," &&
	bad_sheet bad.csv 3:1 &&
	test_grep "no session 2026-01-21T19:00" err &&
	sheet_with "2026-01-20,19:00,tc,alex-r,maybe," &&
	bad_sheet bad.csv 3:5 &&
	test_grep "\"maybe\" is not present, late" err &&
	sheet_with "2026-01-20,19:00,tc,alex-r,present,caf\351" &&
	bad_sheet bad.csv 3:6 &&
	test_grep "not valid UTF-8" err &&
	sheet_with "2026-01-20,19:00,nogroup,alex-r,present," &&
	bad_sheet bad.csv 3:3 &&
	test_grep "no group \"nogroup\"" err &&
	test "$(status --group tc 2026-01-20)" = scheduled
'

test_expect_success 'a sheet without a person or date column: 65' '
	printf "date,status\n2026-01-20,present\n" >bad.csv &&
	bad_sheet bad.csv 1 &&
	printf "handle,status\nalex-r,present\n" >bad.csv &&
	bad_sheet bad.csv 1
'

test_expect_success 'undo of an import deletes its rows and unholds its sessions' '
	printf "date,handle\n2026-01-27,alex-r\n2026-01-27,blair-c\n" >two.csv &&
	printf "2026-02-03,casey-d\n" >>two.csv &&
	circle attend import --group tc two.csv >out &&
	echo "3 marked, 0 unchanged; 2 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(count attendance)" = 8 &&
	circle attend undo --yes >out &&
	test_grep "^  sign-in sheet two.csv imported\$" out &&
	test "$(count attendance)" = 5 &&
	test "$(status --group tc 2026-01-27)" = scheduled &&
	test "$(status --group tc 2026-02-03)" = scheduled &&
	test "$(status --group tc 2026-01-06)" = held
'

test_expect_success 'an import that changes a mark: the old one comes back on undo' '
	printf "date,handle,status,note\n2026-01-06,alex-r,late,bus\n" >chg.csv &&
	circle attend import --group tc chg.csv >out &&
	echo "1 marked, 0 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	test "$(mark_of tc 2026-01-06 alex-r)" = late &&
	circle attend undo --yes >/dev/null &&
	test "$(mark_of tc 2026-01-06 alex-r)" = present &&
	test "$(count attendance)" = 5
'

# schedules never drop a session with attendance

test_expect_success 're-planning with fewer sessions keeps a marked one' '
	circle group add --handle fut --tz UTC "Future Group" >/dev/null &&
	circle roster join --on 2026-01-01 alex-r fut &&
	circle session plan --group fut --name fw --every week --at 18:00 \
	    --from "$(day "+1 day")" --count 4 >/dev/null &&
	circle attend mark --group fut --force --note "early" "$P15" alex-r \
	    >/dev/null &&
	circle session plan --group fut --name fw --every week --at 18:00 \
	    --from "$(day "+1 day")" --count 2 >out &&
	test_grep "^0 added, 0 moved, 1 removed; 3 sessions" out &&
	test "$(status --group fut "$P15")" = held &&
	test "$(mark_of fut "$P15" alex-r)" = present &&
	test "$(test_sql "SELECT note FROM attendance WHERE session_id =
	    (SELECT id FROM session WHERE local_start = '\''${P15}T18:00'\'')")" = early
'

test_expect_success 're-importing a group file with fewer sessions keeps a marked one' '
	cat >g.yaml <<-EOF &&
	handle: yg
	name: YAML Group
	tz: UTC
	schedules:
	  - name: weekly
	    every: week
	    at: "17:00"
	    from: $(day "+1 day")
	    count: 4
	EOF
	circle group import g.yaml >/dev/null &&
	circle roster join --on 2026-01-01 blair-c yg &&
	circle attend mark --group yg --force "$P15" blair-c >/dev/null &&
	sed "s/count: 4/count: 1/" g.yaml >g1.yaml &&
	circle group import g1.yaml >out &&
	test_grep "0 added, 0 moved, 2 removed; 2 sessions" out &&
	test "$(mark_of yg "$P15" blair-c)" = present &&
	test "$(count session "grp_id = (SELECT id FROM grp WHERE
	    handle = '\''yg'\'')")" = 2
'

# forget

test_expect_success 'forget removes a person'\''s attendance, to the last byte' '
	h=$(circle roster add "Quillonzaberg Xyzzyvane") &&
	circle roster join --on 2025-12-01 "$h" tc &&
	circle attend mark --group tc --note "Quillonzaberg cried" 2026-01-20 \
	    "$h" >/dev/null &&
	circle attend mark --group tc --late --note "xyzzyvane was late" \
	    2026-01-20 "$h" >/dev/null &&
	printf "date,name,note\n2026-01-27,Quillonzaberg Xyzzyvane,quillonzaberg signed\n" \
	    >q.csv &&
	circle attend import --group tc q.csv >/dev/null &&
	test "$(count attendance "member_id = (SELECT id FROM member WHERE
	    handle = '\''$h'\'')")" = 2 &&
	cat "$CIRCLE_DB"* | grep -a -i -q quillonzaberg &&
	n=$(count attendance) &&
	circle roster forget --yes "$h" >/dev/null &&
	test "$(count attendance)" = "$((n - 2))" &&
	test "$(count attendance "member_id NOT IN (SELECT id FROM member)")" = 0 &&
	for f in "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-journal"; do
		test -e "$f" || continue
		if grep -a -i -e quillonzaberg -e xyzzyvane "$f" >/dev/null; then
			echo "marker left in $f" >&2
			return 1
		fi
	done
'

# prep and the DESIGN semantics on a hand-computed scenario

# Prep Circle (Berlin), Tuesdays 18:00 from 2026-03-03, six sessions:
#   S1 03-03  S2 03-10  S3 03-17  S4 03-24  S5 03-31  S6 04-07
# S1, S2, S3, S5 held; S4 left unrecorded; S6 is prepared for.
#   ann: present at S1 only            -> last seen 03-03, missed 3, away 3
#   bo:  never marked                  -> first time, missed 4 (S4 is not)
#   cy:  present at S1 S2 S3, late S5  -> last seen 03-31, missed 0
#   dee: joined 03-20; absent at S5    -> first time, missed 1
#   eve: present S3, excused S5        -> last seen 03-17, missed 0
#   fay: joined 04-01                  -> new
# S5: expected ann bo cy dee eve; came cy -> 1 of 5 expected came.
test_expect_success 'setup: the prep scenario' '
	circle group add --handle pc --tz Europe/Berlin "Prep Circle" \
	    >/dev/null &&
	circle session plan --group pc --name wk --every week --on tuesday \
	    --at 18:00 --from 2026-03-03 --count 6 >/dev/null &&
	for n in Ann Bo Cy Eve; do
		h=$(circle roster add --handle "$(echo "$n" | tr A-Z a-z)" \
		    "$n Person") &&
		circle roster join --on 2026-01-01 "$h" pc || return 1
	done &&
	circle roster add --handle dee "Dee Person" >/dev/null &&
	circle roster join --on 2026-03-20 dee pc &&
	circle roster add --handle fay "Fay Person" >/dev/null &&
	circle roster join --on 2026-04-01 fay pc &&
	circle attend mark --group pc 2026-03-03 ann cy >/dev/null &&
	circle attend mark --group pc 2026-03-10 cy >/dev/null &&
	circle attend mark --group pc 2026-03-17 cy eve >/dev/null &&
	circle attend mark --group pc --late 2026-03-31 cy >/dev/null &&
	circle attend mark --group pc --excused 2026-03-31 eve >/dev/null &&
	circle attend mark --group pc --absent 2026-03-31 dee >/dev/null
'

test_expect_success 'expected, absent and unrecorded as DESIGN.md says' '
	test_sql "SELECT substr(s.local_start, 1, 10), s.status FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = '\''pc'\''
	    ORDER BY s.starts_at" >actual &&
	printf "%s\n" 2026-03-03\|held 2026-03-10\|held 2026-03-17\|held \
	    2026-03-24\|scheduled 2026-03-31\|held 2026-04-07\|scheduled \
	    >expect &&
	test_cmp expect actual &&
	test_sql "SELECT e.day, m.handle, coalesce(e.mark, '\''-'\'') FROM
	    expected e JOIN member m ON m.id = e.member_id JOIN grp g ON
	    g.id = e.grp_id WHERE g.handle = '\''pc'\'' ORDER BY e.day,
	    m.handle" >actual &&
	cat >expect <<-\EOF &&
	2026-03-03|ann|present
	2026-03-03|bo|-
	2026-03-03|cy|present
	2026-03-03|eve|-
	2026-03-10|ann|-
	2026-03-10|bo|-
	2026-03-10|cy|present
	2026-03-10|eve|-
	2026-03-17|ann|-
	2026-03-17|bo|-
	2026-03-17|cy|present
	2026-03-17|eve|present
	2026-03-31|ann|-
	2026-03-31|bo|-
	2026-03-31|cy|late
	2026-03-31|dee|absent
	2026-03-31|eve|excused
	EOF
	test_cmp expect actual &&
	circle session list --group pc --unrecorded | cut -f3 >actual &&
	printf "2026-03-24\n2026-04-07\n" >expect &&
	test_cmp expect actual &&
	circle attend list --group pc 2026-03-24 >out 2>err &&
	test "$(cut -f4 out | sort -u)" = - &&
	test_grep "nothing recorded yet" err &&
	circle attend list --group pc 2026-03-31 | cut -f1,4 >actual &&
	printf "%s\t%s\n" ann absent bo absent cy late dee absent eve excused \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'prep shows last seen, missed in a row and the marks' '
	circle session prep --group pc 2026-04-07 >out &&
	test_grep "^Expected (6)\$" out &&
	test_grep "^  name  *pronouns  *role  *last seen  *missed in a row  *marks  *follow-ups  *scores\$" out &&
	test_grep "^  Ann Person  *-  *member  *2026-03-03  *3  *away 3\$" out &&
	test_grep "^  Bo Person  *-  *member  *-  *4  *first time, away 4\$" out &&
	test_grep "^  Cy Person  *-  *member  *2026-03-31  *0\$" out &&
	test_grep "^  Dee Person  *-  *member  *-  *1  *first time\$" out &&
	test_grep "^  Eve Person  *-  *member  *2026-03-17  *0\$" out &&
	test_grep "^  Fay Person  *-  *member  *-  *0  *new\$" out &&
	sed -n "/^Last session/,\$p" out >last &&
	test_grep "^  2026-03-31\$" last &&
	test_grep "^  attendance: 1 of 5 expected came\$" last &&
	! grep -i "not recorded yet\|fill in once" out
'

test_expect_success 'prep --format json carries the same figures' '
	circle session prep --group pc --format json 2026-04-07 >prep.json &&
	/usr/bin/python3 - prep.json <<-\EOF
	import json, sys
	p = json.load(open(sys.argv[1]))
	got = {m["handle"]: (m["last_attended"], m["missed_in_a_row"],
	    m["first_time"], m["new"]) for m in p["expected"]}
	want = {"ann": ("2026-03-03", 3, False, False),
	    "bo": (None, 4, True, False),
	    "cy": ("2026-03-31", 0, False, False),
	    "dee": (None, 1, True, False),
	    "eve": ("2026-03-17", 0, False, False),
	    "fay": (None, 0, True, True)}
	assert got == want, got
	EOF
'

test_expect_success 'prep after an unrecorded session says so' '
	circle session prep --group pc 2026-03-31 >out &&
	test_grep "^  2026-03-24\$" out &&
	test_grep "^  attendance: not recorded\$" out &&
	test_grep "^  Ann Person  *-  *member  *2026-03-03  *2\$" out
'

test_expect_success 'prep after a headcount in a group without names' '
	circle group add --handle hc --tz Europe/Berlin "Head Count" \
	    >/dev/null &&
	circle session add --group hc 2026-03-05 18:00 >/dev/null &&
	circle session add --group hc 2026-03-12 18:00 >/dev/null &&
	circle attend headcount --group hc 2026-03-05 9 &&
	circle session prep --group hc 2026-03-12 >out &&
	test_grep "^  attendance: a headcount of 9\$" out
'

test_expect_success 'a headcount alone says nothing of who came' '
	circle session add --group tc 2026-03-03 19:00 >/dev/null &&
	circle attend headcount --group tc 2026-03-03 7 &&
	circle attend list --group tc 2026-03-03 >out 2>err &&
	cut -f4 out | sort -u >actual &&
	echo - >expect &&
	test_cmp expect actual &&
	test_grep "held, a headcount but no names" err &&
	test "$(test_sql "SELECT count(*) FROM expected e JOIN session s
	    ON s.id = e.session_id JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '\''tc'\''
	    AND s.local_start LIKE '\''2026-03-03%'\''")" = 0
'

test_done
