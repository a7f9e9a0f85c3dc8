#!/bin/sh
test_description='check-ins in circle report checkins, the prep sheet, roster forget and re-planning'
. "$(dirname "$0")/test-lib.sh"

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

take() {
	circle checkin take --group rc "$@" >/dev/null
}

day() {
	date -u -d "$1" +%F
}

# The scores (wellbeing = mean(mood, 10 - distress)), by hand:
#            S1 05-05   S2 05-12   S3 05-19   S4 05-26
#   ann-o    6          8          5          9
#   bob-n    2 (safe no) 4
#   cy-l                           8
#   anon     8
test_expect_success 'setup: a group, five Tuesdays in May, three members, check-ins' '
	circle init >/dev/null &&
	circle group add --handle rc --tz America/New_York "Report Circle" \
	    >/dev/null &&
	circle session plan --group rc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-05-05 --count 5 >/dev/null &&
	for n in "Ann Oak" "Bob Quillfeather" "Cy Lowe"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2026-01-01 "$h" rc || return 1
	done &&
	cat >ci.yaml <<-\EOF &&
	key: ci
	title: Check-in
	questions:
	  - {key: mood, kind: scale, prompt: Mood?, min: 0, max: 10}
	  - {key: distress, kind: scale, prompt: Distress?, min: 0, max: 10}
	  - {key: safe, kind: yes/no, prompt: Safe?}
	  - {key: feel, kind: choice, prompt: Feeling?, choices: [calm, tense], required: no}
	  - {key: note, kind: text, prompt: Anything else?, required: no}
	score: {name: wellbeing, method: mean, items: [mood, distress], reverse: [distress]}
	flags:
	  - {on: safe, is: no}
	EOF
	circle checkin survey add ci.yaml >/dev/null &&
	circle group edit --checkin-survey ci rc &&
	take 2026-05-05 ann-o mood=6 distress=4 safe=yes feel=calm &&
	take 2026-05-05 bob-q mood=2 distress=8 safe=no \
	    note=marmalade-umbrella-7731 &&
	take 2026-05-05 --anonymous mood=8 distress=2 safe=yes &&
	take 2026-05-12 ann-o mood=8 distress=2 safe=yes &&
	take 2026-05-12 bob-q mood=4 distress=6 safe=yes &&
	take 2026-05-19 ann-o mood=5 distress=5 safe=yes &&
	take 2026-05-19 cy-l mood=7 distress=1 safe=yes &&
	take 2026-05-26 ann-o mood=9 distress=1 safe=yes &&
	test "$(count response)" = 8
'

test_expect_success 'report checkins: per session, averages of the score and each question' '
	circle report checkins >out &&
	cat >expect <<-\EOF &&
	2026-05-05T19:00	rc	3	5.33	5.33	4.67	66.67
	2026-05-12T19:00	rc	2	6	6	4	100
	2026-05-19T19:00	rc	2	6.5	6	3	100
	2026-05-26T19:00	rc	1	9	9	1	100
	EOF
	test_cmp expect out &&
	circle report checkins --format csv | head -1 | tr -d "\r" >out &&
	echo "session,group,responses,wellbeing,mood,distress,safe % yes" >expect &&
	test_cmp expect out
'

test_expect_success 'report checkins --json: numbers are numbers' '
	circle report checkins --json >out.json &&
	/usr/bin/python3 -c "
import json
r = json.load(open(\"out.json\"))
assert len(r) == 4, r
assert r[0] == {\"session\": \"2026-05-05T19:00\", \"group\": \"rc\",
    \"responses\": 3, \"wellbeing\": 5.33, \"mood\": 5.33, \"distress\": 4.67,
    \"safe % yes\": 66.67}, r[0]
assert r[2][\"wellbeing\"] == 6.5, r[2]
"
'

test_expect_success 'report checkins --by-member: each trend, first to last' '
	circle report checkins --by-member >out &&
	cat >expect <<-\EOF &&
	ann-o	4	2026-05-05	6	2026-05-26	9	3	6 8 5 9
	bob-q	2	2026-05-05	2	2026-05-12	4	2	2 4
	cy-l	1	2026-05-19	8	2026-05-19			8
	EOF
	test_cmp expect out &&
	circle report checkins --by-member --json >out.json &&
	/usr/bin/python3 -c "
import json
r = json.load(open(\"out.json\"))
assert r[0][\"change\"] == 3 and r[0][\"scores\"] == \"6 8 5 9\", r[0]
assert r[2][\"last_score\"] is None and r[2][\"change\"] is None, r[2]
"
'

test_expect_success 'report checkins in a period, and for one member' '
	circle report checkins --by-member --from 2026-05-12 --to 2026-05-19 \
	    >out &&
	cat >expect <<-\EOF &&
	ann-o	2	2026-05-12	8	2026-05-19	5	-3	8 5
	bob-q	1	2026-05-12	4	2026-05-12			4
	cy-l	1	2026-05-19	8	2026-05-19			8
	EOF
	test_cmp expect out &&
	circle report checkins --member bob-q >out &&
	cat >expect <<-\EOF &&
	2026-05-05T19:00	rc	1	2	2	8	0
	2026-05-12T19:00	rc	1	4	4	6	100
	EOF
	test_cmp expect out &&
	test_expect_code 1 circle report checkins --from 2026-06-01 2>err &&
	test_grep "no check-ins recorded in that range" err
'

test_expect_success 'report checkins with a check-in and a check-out survey reports the check-in; --survey picks' '
	cat >co.yaml <<-\EOF &&
	key: co
	title: Check-out
	phase: checkout
	questions:
	  - {key: heard, kind: scale, prompt: Heard?, min: 1, max: 5}
	score: {method: sum, items: [heard]}
	EOF
	circle checkin survey add co.yaml >/dev/null &&
	take --checkout --survey co 2026-05-26 ann-o heard=2 &&
	circle report checkins >default &&
	circle report checkins --survey ci >ci &&
	test_cmp ci default &&
	circle report checkins --survey co >out &&
	printf "2026-05-26T19:00\trc\t1\t2\t2\n" >expect &&
	test_cmp expect out &&
	circle report checkins --survey ci | wc -l >out &&
	echo 4 >expect &&
	test_cmp expect out &&
	sed "s/^key: co/key: ci2/; s/^phase: checkout/phase: checkin/" co.yaml >ci2.yaml &&
	circle checkin survey add ci2.yaml >/dev/null &&
	take --survey ci2 2026-05-26 ann-o heard=3 &&
	test_expect_code 2 circle report checkins 2>err &&
	test_grep "check-ins of more than one survey; give --survey (ci, ci2, co)" err &&
	circle checkin list --survey ci2 | cut -f1 >id &&
	test_sql "DELETE FROM response WHERE id = $(cat id)" >/dev/null
'

test_expect_success 'prep: each person'\''s last three check-in scores, and open follow-ups' '
	circle session prep --group rc 2026-06-02 >out &&
	test_grep "^  name  *pronouns  *role  *last seen  *missed in a row  *marks  *follow-ups  *scores\$" out &&
	test_grep "^  Ann Oak  .* 8 5 9\$" out &&
	test_grep "^  Bob Quillfeather  .*1 open  *2 4\$" out &&
	test_grep "^  Cy Lowe  .*  8\$" out &&
	test_grep "^Open follow-ups (1)\$" out &&
	id=$(circle checkin followups | cut -f1) &&
	test_grep "^  $id  2026-05-05  Bob Quillfeather (bob-q): safe: no\$" out
'

test_expect_success 'prep of an earlier session: scores up to it' '
	circle session prep --group rc 2026-05-19 >out &&
	test_grep "^  Ann Oak  .* 6 8 5\$" out
'

test_expect_success 'prep --format json: open_followups and scores' '
	circle session prep --group rc --format json 2026-06-02 >out.json &&
	/usr/bin/python3 -c "
import json
p = json.load(open(\"out.json\"))
m = {x[\"handle\"]: x for x in p[\"expected\"]}
assert m[\"ann-o\"][\"scores\"] == [8, 5, 9], m[\"ann-o\"]
assert m[\"bob-q\"][\"scores\"] == [2, 4] and m[\"bob-q\"][\"open_followups\"] == 1, m
assert m[\"cy-l\"][\"open_followups\"] == 0, m
f = p[\"open_followups\"]
assert len(f) == 1 and f[0][\"handle\"] == \"bob-q\", f
assert f[0][\"reason\"] == \"safe: no\" and f[0][\"session_date\"] == \"2026-05-05\", f
"
'

test_expect_success 'prep: a resolved follow-up is gone from the sheet' '
	id=$(circle checkin followups | cut -f1) &&
	circle checkin resolve "$id" >/dev/null &&
	circle session prep --group rc 2026-06-02 >out &&
	! grep "Open follow-ups" out &&
	test_grep "^  Bob Quillfeather  .*member  .*  2 4\$" out &&
	! grep "1 open" out
'

test_expect_success 'forget: responses, answers, follow-ups and their change log go' '
	take 2026-05-05 bob-q mood=2 distress=8 safe=no \
	    note="marmalade-umbrella-7731, again" &&
	take 2026-05-12 bob-q mood=1 distress=9 safe=no &&
	bob=$(test_sql "SELECT id FROM member WHERE handle = '\''bob-q'\''") &&
	buid=$(test_sql "SELECT uid FROM member WHERE handle = '\''bob-q'\''") &&
	test "$(count response "member_id = $bob")" = 2 &&
	test "$(count followup "member_id = $bob")" = 2 &&
	test "$(count change_log "member_uid = '\''$buid'\'' AND entity IN
	    ('\''response'\'', '\''followup'\'')")" -ge 5 &&
	found=$(cat "$CIRCLE_DB" "$CIRCLE_DB-wal" 2>/dev/null |
	    grep -a -c "marmalade-umbrella-7731") &&
	test "$found" -gt 0 &&
	answers=$(count answer) &&
	circle roster forget --yes bob-q >/dev/null &&
	test "$(count response "member_id = $bob")" = 0 &&
	test "$(count response)" = 7 &&
	test "$(count answer)" = $((answers - 7)) &&
	test "$(count followup "member_id = $bob")" = 0 &&
	test "$(count change_log "member_uid = '\''$buid'\''")" = 0 &&
	for f in "$CIRCLE_DB" "$CIRCLE_DB-wal" "$CIRCLE_DB-shm"; do
		test -e "$f" || continue
		if grep -a -q -e "marmalade-umbrella" -e "Quillfeather" "$f"; then
			echo "still in $f" >&2
			exit 1
		fi
	done
'

test_expect_success 'after forget, the reports no longer count them' '
	circle report checkins --survey ci --by-member | cut -f1 >out &&
	printf "ann-o\ncy-l\n" >expect &&
	test_cmp expect out &&
	circle report checkins --survey ci | head -1 >out &&
	printf "2026-05-05T19:00\trc\t2\t7\t7\t3\t100\n" >expect &&
	test_cmp expect out
'

test_expect_success 're-planning keeps a future session that has a check-in' '
	P7=$(day "+7 days") &&
	circle group add --handle pc --tz UTC "Plan Circle" >/dev/null &&
	circle session plan --group pc --name wk --every day --at 10:00 \
	    --from "$P7" --count 3 >/dev/null &&
	circle roster join ann-o pc &&
	P8=$(day "+8 days") &&
	circle checkin take --survey ci --group pc --force "$P8" ann-o \
	    mood=5 distress=5 safe=yes >/dev/null &&
	circle session plan --group pc --name wk --every day --at 10:00 \
	    --from "$P7" --count 1 >out &&
	test_grep "^0 added, 0 moved, 1 removed; " out &&
	circle session list --group pc --format tsv | cut -f3 >out &&
	printf "%s\n%s\n" "$P7" "$P8" >expect &&
	test_cmp expect out
'

test_done
