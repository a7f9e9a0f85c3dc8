#!/bin/sh
test_description='circle checkin take, round, followups, resolve, dismiss, the followup hook'
. "$(dirname "$0")/test-lib.sh"

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# rows: responses, answers, follow-ups and their change-log entries, in
# one line.
rows() {
	echo "$(count response) $(count answer) $(count followup)" \
	    "$(count change_log "entity IN ('response', 'followup')")"
}

# answers_of HANDLE DATE: the stored answers, "key=value" by question.
answers_of() {
	circle checkin list --group tc --member "$1" "$2" | cut -f9
}

HOOK="$XDG_CONFIG_HOME/circle/hooks/followup"

test_expect_success 'setup: a group, six past sessions, four members, a survey' '
	circle init >/dev/null &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 6 >/dev/null &&
	for n in "Alex Rivera" "Blair Chen" "Casey Diaz" "Dana Evans"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2025-12-01 "$h" tc || return 1
	done &&
	circle roster add "Eli Stone" >/dev/null &&
	cat >ci.yaml <<-\EOF &&
	key: ci
	title: Check-in
	questions:
	  - key: mood
	    kind: scale
	    prompt: Mood?
	    min: 0
	    max: 10
	    labels: {0: very low, 5: okay, 10: very good}
	  - key: distress
	    kind: scale
	    prompt: Distress?
	    min: 0
	    max: 10
	  - key: safe
	    kind: yes/no
	    prompt: Safe?
	  - key: feel
	    kind: choice
	    prompt: Feeling?
	    choices: [calm, tense, Not sure]
	    required: no
	  - key: sleep
	    kind: number
	    prompt: Hours slept?
	    min: 0
	    max: 24
	    required: no
	  - key: note
	    kind: text
	    prompt: Anything else?
	    required: no
	score:
	  name: wellbeing
	  method: mean
	  items: [mood, distress]
	  reverse: [distress]
	flags:
	  - on: safe
	    is: no
	    reason: Not feeling safe
	EOF
	circle checkin survey add ci.yaml >/dev/null
'

# take with answers as arguments

test_expect_success 'take: answers as question=answer, the score' '
	circle checkin take --group tc 2026-01-06 alex-r mood=7 distress=3 \
	    safe=yes >out &&
	echo "ci saved for alex-r: score 7" >expect &&
	test_cmp expect out &&
	test "$(rows)" = "1 3 0 1" &&
	test "$(answers_of alex-r 2026-01-06)" = "mood=7 distress=3 safe=yes"
'

test_expect_success 'each kind of answer, as written' '
	circle checkin take --group tc 2026-01-06 blair-c mood=okay \
	    distress=10 safe=N feel=TENSE sleep=6.5 note="a long week" >out &&
	cat >expect <<-\EOF &&
	ci saved for blair-c: score 2.5
	follow-up 1 opened: blair-c: Not feeling safe (safe: no)
	EOF
	test_cmp expect out &&
	test "$(answers_of blair-c 2026-01-06)" = \
	    "mood=5 distress=10 safe=no feel=tense sleep=6.5 note=a long week"
'

# Each of these exits 65 and saves nothing: rows before = rows after.
test_expect_success 'an answer out of range names the range; nothing saved' '
	before=$(rows) &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=11 distress=3 safe=yes 2>err &&
	echo "circle-checkin: mood: 11 is out of range: 0 to 10" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=-1 safe=yes 2>err &&
	echo "circle-checkin: distress: -1 is out of range: 0 to 10" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=1 safe=yes sleep=25 2>err &&
	echo "circle-checkin: sleep: 25 is out of range: 0 to 24" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before" &&
	test "$(count response "member_id = (SELECT id FROM member WHERE
	    handle = '\''casey-d'\'')")" = 0
'

test_expect_success 'answers that are not accepted: 65, said why' '
	before=$(rows) &&
	while IFS="|" read -r arg msg; do
		test_expect_code 65 circle checkin take --group tc 2026-01-06 \
		    casey-d mood=5 distress=1 safe=yes "$arg" 2>err &&
		echo "circle-checkin: $msg" >expect &&
		test_cmp expect err || return 1
	done <<-\EOF &&
	sleep=lots|sleep: "lots" is not a number from 0 to 24
	feel=angry|feel: "angry" is not one of: calm, tense, Not sure
	EOF
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=1 safe=yes "$(printf "note=a\033[2Jb")" 2>err &&
	echo "circle-checkin: note: control characters are not allowed" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5.5 distress=1 safe=yes 2>err &&
	echo "circle-checkin: mood: 5.5 is not a whole number from 0 to 10" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=high distress=1 safe=yes 2>err &&
	echo "circle-checkin: mood: \"high\" is not a number from 0 to 10" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=1 safe=perhaps 2>err &&
	echo "circle-checkin: safe: \"perhaps\" is not yes or no" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before"
'

test_expect_success 'an unknown question, one answered twice, a required one left out' '
	before=$(rows) &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=1 safe=yes colour=blue 2>err &&
	echo "circle-checkin: survey ci has no question \"colour\" (its questions: mood, distress, safe, feel, sleep, note)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 mood=6 distress=1 safe=yes 2>err &&
	echo "circle-checkin: mood: answered twice" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 safe=yes 2>err &&
	echo "circle-checkin: distress: no answer; it is required (0 to 10)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress=1 safe= 2>err &&
	echo "circle-checkin: safe: no answer; it is required" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before"
'

test_expect_success 'usage errors: 2' '
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    mood=5 distress 2>err &&
	test_grep "\"distress\": expected question=answer\$" err &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    mood:5 distress=2 2>err &&
	test_grep "\"mood:5\": expected question=answer, such as mood=5\$" err &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    "mood 5" 2>err &&
	test_grep "\"mood 5\": expected question=answer, such as mood=5\$" err &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    mood: 5 2>err &&
	test_grep "\"mood:\" \"5\": expected question=answer, such as mood=5\$" err &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 \
	    mood=5 2>err &&
	test_grep "whose check-in? after the session give a member, or --anonymous: circle checkin take today NAME QUESTION=ANSWER ...\$" err &&
	test_expect_code 2 circle checkin take --group tc casey-d mood=5 \
	    2>err &&
	test_grep "take: \"casey-d\" is someone on the roster, not a session: give the session first: circle checkin take today \"casey-d\" QUESTION=ANSWER ...\$" err &&
	test_expect_code 2 circle checkin take --group tc casey-d dana \
	    mood=5 2>err &&
	test_grep "session: \"casey-d\" is someone on the roster, not a session" err &&
	test_expect_code 2 circle checkin take --group tc --anonymous \
	    2026-01-06 casey-d mood=5 2>err &&
	test_grep "take: give a member or --anonymous, not both" err &&
	test_expect_code 2 circle checkin take --group tc 2>err &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    " = 5" 2>err &&
	test_grep "\" = 5\": expected question=answer\$" err
'

test_expect_success 'no answers and stdin not a terminal: a usage error, nothing saved' '
	before=$(rows) &&
	test_expect_code 2 circle checkin take --group tc 2026-01-06 casey-d \
	    </dev/null 2>err &&
	echo "circle-checkin: take: no answers; give them as QUESTION=ANSWER, or --ask to read them from standard input" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before"
'

# replacing

test_expect_success 'taking it again replaces the answers; the old are in the change log' '
	circle checkin take --group tc 2026-01-06 alex-r mood=4 distress=3 \
	    safe=yes note=corrected >out &&
	echo "ci replaced for alex-r: score 5.5" >expect &&
	test_cmp expect out &&
	test "$(count response)" = 2 &&
	test "$(answers_of alex-r 2026-01-06)" = \
	    "mood=4 distress=3 safe=yes note=corrected" &&
	test_sql "SELECT detail FROM change_log WHERE entity = '\''response'\''
	    AND action = '\''replace'\''" >detail &&
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(\"detail\"))
assert d[\"old\"] == {\"mood\": 7.0, \"distress\": 3.0, \"safe\": \"yes\"}, d
assert d[\"new\"] == {\"mood\": 4.0, \"distress\": 3.0, \"safe\": \"yes\",
    \"note\": \"corrected\"}, d
assert d[\"survey\"] == \"ci\" and d[\"version\"] == 1, d
"
'

test_expect_success 'the same answers again change nothing' '
	circle db dump >before &&
	circle checkin take --group tc 2026-01-06 alex-r note=corrected \
	    safe=yes distress=3 mood=4 >out &&
	echo "ci unchanged for alex-r: score 5.5" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the change log says who and which session, not the answers of a new one' '
	test "$(count change_log "entity = '\''response'\'' AND action = '\''add'\''
	    AND member_uid = (SELECT uid FROM member WHERE handle = '\''alex-r'\'')")" = 1 &&
	test "$(count change_log "entity = '\''response'\'' AND action = '\''add'\''
	    AND detail LIKE '\''%mood%'\''")" = 0
'

# anonymous

test_expect_success '--anonymous keeps no member, and never replaces' '
	circle checkin take --group tc --anonymous 2026-01-06 mood=3 \
	    distress=5 safe=yes >out &&
	echo "ci saved for anonymous: score 4" >expect &&
	test_cmp expect out &&
	circle checkin take --group tc 2026-01-06 --anonymous mood=3 \
	    distress=5 safe=yes >out &&
	test_cmp expect out &&
	test "$(count response "member_id IS NULL")" = 2 &&
	test "$(count change_log "entity = '\''response'\'' AND member_uid IS NOT NULL
	    AND uid IN (SELECT uid FROM response WHERE member_id IS NULL)")" = 0 &&
	circle checkin list --group tc 2026-01-06 | cut -f4 | sort | uniq -c |
	    sed "s/^ *//" >out &&
	printf "1 alex-r\n2 anonymous\n1 blair-c\n" >expect &&
	test_cmp expect out
'

# asked

test_expect_success '--ask: questions on stderr, answers from stdin, asked again after a bad one' '
	printf "11\n6\nokay\n2\nmaybe\nyes\nangry\n2\n\n\n" |
	circle checkin take --group tc --ask 2026-01-13 alex-r >out 2>err &&
	echo "ci saved for alex-r: score 7" >expect &&
	test_cmp expect out &&
	test "$(answers_of alex-r 2026-01-13)" = \
	    "mood=6 distress=2 safe=yes feel=tense" &&
	test_grep "^Check-in (ci) for alex-r at tc 2026-01-13T19:00; Ctrl-D saves nothing\$" err &&
	test_grep "^Mood? \[0-10, 0 = very low, 5 = okay, 10 = very good\]: 11\$" err &&
	test_grep "^  mood: 11 is out of range: 0 to 10\$" err &&
	test_grep "^Distress? \[0-10\]: okay\$" err &&
	test_grep "^  distress: \"okay\" is not a number from 0 to 10\$" err &&
	test_grep "^  safe: \"maybe\" is not yes or no\$" err &&
	test_grep "^Feeling? \[1 calm, 2 tense, 3 Not sure; Enter to skip\]: angry\$" err &&
	test_grep "^  feel: \"angry\" is not one of: calm, tense, Not sure\$" err &&
	test_grep "^Hours slept? \[a number, 0-24; Enter to skip\]: \$" err
'

test_expect_success '--ask: a required question cannot be passed' '
	printf "\n5\n5\nno\n\n\n\n" |
	circle checkin take --group tc --ask 2026-01-13 blair-c >out 2>err &&
	test_grep "^  mood: an answer is needed here\$" err &&
	test "$(answers_of blair-c 2026-01-13)" = "mood=5 distress=5 safe=no"
'

test_expect_success '--ask: end of input saves nothing' '
	before=$(rows) &&
	printf "5\n5\n" |
	test_expect_code 1 circle checkin take --group tc --ask 2026-01-13 \
	    casey-d >out 2>err &&
	test_grep "^circle-checkin: nothing saved\$" err &&
	test_must_be_empty out &&
	test "$(rows)" = "$before"
'

test_expect_success '--ask with a bad session or member asks nothing' '
	printf "5\n" |
	test_expect_code 1 circle checkin take --group tc --ask 2026-02-04 \
	    casey-d 2>err &&
	test_grep "no session" err &&
	! test_grep "Mood?" err 2>/dev/null
'

# round

test_expect_success 'round: asks those marked present, late or left early, in turn' '
	circle attend mark --group tc 2026-01-20 alex-r >/dev/null &&
	circle attend mark --group tc --late 2026-01-20 blair-c >/dev/null &&
	circle attend mark --group tc --absent 2026-01-20 casey-d >/dev/null &&
	circle attend mark --group tc --excused 2026-01-20 dana-e >/dev/null &&
	printf "8\n1\nyes\n1\n7\nok\n6\n2\ny\n\n\n\n" |
	circle checkin round --group tc 2026-01-20 >out 2>err &&
	cat >expect <<-\EOF &&
	ci saved for alex-r: score 8.5
	ci saved for blair-c: score 7
	EOF
	test_cmp expect out &&
	test_grep "^Alex Rivera (alex-r)\$" err &&
	test_grep "^Blair Chen (blair-c)\$" err &&
	! grep "casey-d\|dana-e" err &&
	test_grep "^round: 2 saved, 0 skipped\$" err &&
	test "$(answers_of alex-r 2026-01-20)" = \
	    "mood=8 distress=1 safe=yes feel=calm sleep=7 note=ok"
'

test_expect_success 'round: skip passes someone; end of input stops, saying how many were left' '
	circle attend mark --group tc 2026-01-27 alex-r blair-c casey-d \
	    >/dev/null &&
	printf "skip\n5\n5\nyes\n\n\n\n7\n" |
	test_expect_code 0 circle checkin round --group tc 2026-01-27 \
	    >out 2>err &&
	echo "ci saved for blair-c: score 5" >expect &&
	test_cmp expect out &&
	test_grep "^round: 1 saved, 1 skipped, 1 left\$" err &&
	test "$(count response "session_id = (SELECT id FROM session WHERE
	    local_start = '\''2026-01-27T19:00'\'')")" = 1
'

test_expect_success 'round from a pipe: a bad answer stops it; those before stay saved' '
	circle attend mark --group tc 2026-02-03 alex-r blair-c casey-d \
	    >/dev/null &&
	printf "5\n5\nyes\n\n\n\n12\n4\nyes\n\n\n\n6\n6\nyes\n\n\n\n" |
	test_expect_code 65 circle checkin round --group tc 2026-02-03 \
	    >out 2>err &&
	echo "ci saved for alex-r: score 5" >expect &&
	test_cmp expect out &&
	test_grep "^circle-checkin: <stdin>:7: mood: 12 is out of range: 0 to 10; the round stops here, nothing saved for blair-c" err &&
	test_grep "^round: 1 saved, 0 skipped, 2 left\$" err &&
	test "$(count response "session_id = (SELECT id FROM session WHERE
	    local_start = '\''2026-02-03T19:00'\'')")" = 1
'

test_expect_success 'round with no one marked: a warning, exit 1' '
	test_expect_code 1 circle checkin round --group tc 2026-01-06 \
	    </dev/null >out 2>err &&
	test_grep "no one is marked present at tc 2026-01-06T19:00; mark attendance first" err &&
	test_must_be_empty out
'

# which session, which person, which survey

test_expect_success 'a future, cancelled or not-held session needs --force' '
	circle session add --group tc 2099-01-06 19:00 >/dev/null &&
	test_expect_code 1 circle checkin take --group tc 2099-01-06 alex-r \
	    mood=5 distress=5 safe=yes 2>err &&
	test_grep "session tc 2099-01-06T19:00 is in the future; give --force" err &&
	circle session cancel --group tc 2026-02-10 >/dev/null &&
	test_expect_code 1 circle checkin take --group tc 2026-02-10 alex-r \
	    mood=5 distress=5 safe=yes 2>err &&
	test_grep "session tc 2026-02-10T19:00 is cancelled; give --force" err &&
	circle checkin take --force --group tc 2026-02-10 alex-r mood=5 \
	    distress=5 safe=yes >out &&
	test_grep "saved for alex-r" out
'

test_expect_success 'someone not in the group needs --force' '
	test_expect_code 1 circle checkin take --group tc 2026-01-06 eli-s \
	    mood=5 distress=5 safe=yes 2>err &&
	test_grep "eli-s is not in group tc; give --force" err &&
	circle checkin take --force --group tc 2026-01-06 eli-s mood=5 \
	    distress=5 safe=yes >out &&
	test_grep "saved for eli-s" out
'

test_expect_success 'the survey: the only one of its phase, then the group'\''s, or --survey' '
	sed "s/^key: ci/key: ci2/" ci.yaml >ci2.yaml &&
	circle checkin survey add ci2.yaml >/dev/null &&
	test_expect_code 1 circle checkin take --group tc 2026-01-06 dana-e \
	    mood=5 distress=5 safe=yes 2>err &&
	test_grep "group tc has no check-in survey; give --survey (ci, ci2)" err &&
	circle checkin take --survey ci2 --group tc 2026-01-06 dana-e mood=5 \
	    distress=5 safe=yes >out &&
	test_grep "^ci2 saved for dana-e" out &&
	circle group edit --checkin-survey ci tc &&
	circle checkin take --group tc 2026-01-06 dana-e mood=5 distress=5 \
	    safe=yes >out &&
	test_grep "^ci saved for dana-e" out &&
	test_expect_code 1 circle checkin take --checkout --group tc \
	    2026-01-06 dana-e mood=5 2>err &&
	test_grep "group tc has no check-out survey" err &&
	circle group edit --checkout-survey nope tc &&
	test_expect_code 1 circle checkin take --checkout --group tc \
	    2026-01-06 dana-e mood=5 2>err &&
	test_grep "group tc names check-out survey nope, which is not added" err &&
	circle group edit --checkout-survey "" tc
'

# follow-ups

test_expect_success 'followups: the open ones, with member, reason and session' '
	circle checkin followups >out &&
	cut -f3,5-8 out >actual &&
	printf "blair-c\ttc\t2026-01-06T19:00\tNot feeling safe (safe: no)\topen\n" >expect &&
	printf "blair-c\ttc\t2026-01-13T19:00\tNot feeling safe (safe: no)\topen\n" >>expect &&
	test_cmp expect actual &&
	circle checkin followups --json >out.json &&
	/usr/bin/python3 -c "
import json
f = json.load(open(\"out.json\"))
assert [x[\"name\"] for x in f] == [\"Blair Chen\", \"Blair Chen\"], f
assert all(x[\"status\"] == \"open\" and x[\"note\"] is None for x in f), f
"
'

test_expect_success 'resolve with a note, dismiss; closed ones with --all' '
	id1=$(circle checkin followups | head -1 | cut -f1) &&
	id2=$(circle checkin followups | tail -1 | cut -f1) &&
	test_expect_code 2 circle checkin resolve blair 2>err &&
	test_grep "^circle-checkin: \"blair\" is someone on the roster; give the ids of the follow-ups you mean: their open ones are $id1, $id2 (circle checkin followups --member \"blair\")\$" err &&
	test "$(count followup "status = '\''open'\''")" = 2 &&
	circle checkin resolve --note "called; doing ok" "$id1" >out &&
	echo "follow-up $id1 resolved" >expect &&
	test_cmp expect out &&
	circle checkin dismiss "$id2" >out &&
	echo "follow-up $id2 dismissed" >expect &&
	test_cmp expect out &&
	test_expect_code 1 circle checkin followups >out &&
	test_must_be_empty out &&
	circle checkin followups --with-closed | cut -f1,8,9 >out &&
	printf "%s\tdone\tcalled; doing ok\n%s\tdismissed\t\n" "$id1" "$id2" >expect &&
	test_cmp expect out &&
	test "$(count change_log "entity = '\''followup'\'' AND action IN
	    ('\''resolve'\'', '\''dismiss'\'')")" = 2
'

test_expect_success 'closing one already closed exits 1; a bad id 2; no such one 1' '
	id1=$(circle checkin followups --with-closed | head -1 | cut -f1) &&
	test_expect_code 1 circle checkin resolve "$id1" 2>err &&
	test_grep "follow-up $id1 is already done" err &&
	test_expect_code 1 circle checkin dismiss "$id1" 2>err &&
	test_grep "follow-up $id1 is already done" err &&
	test_expect_code 2 circle checkin resolve 1x 2>err &&
	test_grep "\"1x\" is not a follow-up id" err &&
	test_expect_code 2 circle checkin dismiss blair-c 2>err &&
	test_grep "\"blair-c\" is someone on the roster, with no open follow-up; give a follow-up.s id (circle checkin followups --with-closed)\$" err &&
	test_expect_code 2 circle checkin resolve 0 2>err &&
	test_expect_code 2 circle checkin resolve 2>err &&
	test_expect_code 1 circle checkin resolve 999 2>err &&
	test_grep "no follow-up 999" err
'

test_expect_success 'followups filters: --member, --group, --from, --to' '
	circle checkin followups --with-closed --member blair-c >out &&
	test "$(wc -l <out)" = 2 &&
	test_expect_code 1 circle checkin followups --with-closed --member alex-r &&
	circle checkin followups --with-closed --from 2026-01-07 >out &&
	test "$(wc -l <out)" = 1 &&
	test_expect_code 1 circle checkin followups --with-closed --to 2026-01-05 &&
	test_expect_code 65 circle checkin followups --from 2026-02-30 2>err
'

# the hook

test_expect_success 'hook: gets each new follow-up as JSON on stdin, and its argument' '
	mkdir -p "$(dirname "$HOOK")" &&
	cat >"$HOOK" <<-EOF &&
	#!/bin/sh
	echo "\$1" >"$TRASH/hook.arg"
	cat >>"$TRASH/hook.json"
	echo "hook says hello"
	EOF
	chmod 700 "$HOOK" &&
	circle checkin take --group tc 2026-01-27 casey-d mood=4 distress=6 \
	    safe=no note="hook test" >out 2>err &&
	test_grep "^follow-up [0-9]* opened: casey-d: Not feeling safe (safe: no)\$" out &&
	! test_grep "hook says" out 2>/dev/null &&
	test_grep "^hook says hello\$" err &&
	echo followup >expect &&
	test_cmp expect hook.arg &&
	test "$(wc -l <hook.json)" = 1 &&
	id=$(circle checkin followups --member casey-d | cut -f1) &&
	/usr/bin/python3 -c "
import json
d = json.loads(open(\"hook.json\").read())
assert d[\"id\"] == $id and d[\"member\"][\"handle\"] == \"casey-d\", d
assert \"note\" not in json.dumps(d) and \"hook test\" not in json.dumps(d), d
"
'

test_lazy_prereq JQ 'command -v jq'
test_expect_success JQ 'hook: jq reads every field of the follow-up' '
	id=$(circle checkin followups --member casey-d | cut -f1) &&
	jq -e ".event == \"followup\" and .id == $id and
	    .member.handle == \"casey-d\" and
	    .member.name == \"Casey Diaz\" and
	    .group.handle == \"tc\" and
	    .session.start == \"2026-01-27T19:00\" and
	    .session.tzid == \"America/New_York\" and
	    .survey.key == \"ci\" and .survey.version == 1 and
	    .reason == \"Not feeling safe (safe: no)\" and
	    (.uid | test(\"^[0-9a-f-]{36}\$\"))" hook.json >/dev/null
'

test_expect_success 'hook: not run when no follow-up opens' '
	rm -f hook.json &&
	circle checkin take --group tc 2026-01-27 dana-e mood=4 distress=6 \
	    safe=yes --force >out 2>err &&
	test ! -e hook.json
'

test_expect_success 'hook: an anonymous follow-up has a null member' '
	rm -f hook.json &&
	circle checkin take --group tc --anonymous 2026-01-27 mood=4 \
	    distress=6 safe=no >out 2>err &&
	/usr/bin/python3 -c "
import json
d = json.loads(open(\"hook.json\").read())
assert d[\"member\"] == {\"handle\": None, \"name\": None}, d
"
'

test_expect_success 'a failing hook is reported; the answers are saved; exit 0' '
	printf "#!/bin/sh\ncat >/dev/null\nexit 3\n" >"$HOOK" &&
	before=$(count followup) &&
	circle checkin take --group tc 2026-02-03 casey-d mood=4 distress=6 \
	    safe=no >out 2>err &&
	test_grep "^circle-checkin: hook followup: exited with status 3 (the check-in is saved)\$" err &&
	test "$(count followup)" = $((before + 1)) &&
	test "$(answers_of casey-d 2026-02-03)" = "mood=4 distress=6 safe=no"
'

test_expect_success 'a hook that is not executable is reported, not run; exit 0' '
	printf "#!/bin/sh\ntouch \"%s/ran\"\n" "$TRASH" >"$HOOK" &&
	chmod 600 "$HOOK" &&
	circle checkin take --group tc 2026-02-03 dana-e mood=4 distress=6 \
	    safe=no --force >out 2>err &&
	test_grep "^circle-checkin: hook followup: $HOOK is not an executable file; not run (the check-in is saved)\$" err &&
	test ! -e ran &&
	test_grep "saved for dana-e" out
'

test_expect_success 'a hook that does not read its input, or is killed, loses nothing' '
	printf "#!/bin/sh\nkill -9 \$\$\n" >"$HOOK" &&
	chmod 700 "$HOOK" &&
	circle checkin take --group tc 2026-01-20 casey-d mood=4 distress=6 \
	    safe=no --force >out 2>err &&
	test_grep "^circle-checkin: hook followup: killed by signal 9 (the check-in is saved)\$" err &&
	test "$(answers_of casey-d 2026-01-20)" = "mood=4 distress=6 safe=no" &&
	rm -f "$HOOK"
'

test_expect_success 'a member named by a prefix is shown by handle' '
	circle checkin take --group tc 2026-01-13 dana mood=5 distress=5 \
	    safe=yes >out &&
	echo "ci saved for dana-e: score 5" >expect &&
	test_cmp expect out
'

test_expect_success 'a score out of its top (7/10, 3 out of 10) and a key in another case' '
	circle checkin take --group tc 2026-01-13 alex-r Mood=7/10 \
	    DISTRESS="3 out of 10" safe=yes >out &&
	test "$(answers_of alex-r 2026-01-13)" = "mood=7 distress=3 safe=yes" &&
	before=$(rows) &&
	test_expect_code 65 circle checkin take --group tc 2026-01-13 alex-r \
	    mood=4/5 distress=3 safe=yes 2>err &&
	echo "circle-checkin: mood: \"4/5\" is out of 5, and the question is 0 to 10: give the answer on its scale" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before"
'

test_expect_success '"mood = 5" in quotes: the question without its spaces' '
	circle checkin take --group tc 2026-01-27 casey-d "mood = 6" \
	    "distress= 2" " safe =yes" >out 2>err &&
	test_grep "^ci replaced for casey-d: score 7$" out
'

test_expect_success 'answers typed with spaces around = are read as one answer each' '
	circle checkin take --group tc 2026-01-13 casey-d mood = 5 \
	    distress =2 safe= yes >out &&
	test_grep "saved for casey-d" out &&
	test "$(answers_of casey-d 2026-01-13)" = "mood=5 distress=2 safe=yes" &&
	before=$(rows) &&
	test_expect_code 2 circle checkin take --group tc 2026-01-13 casey-d \
	    mood = 5 distress 2>err &&
	test_grep "\"distress\": expected question=answer\$" err &&
	test "$(rows)" = "$before"
'

# As a facilitator in Kraków or Osaka types the answers: tak, nie, はい,
# いいえ (alone or first: はい、大丈夫), and full-width digits (７).
test_expect_success 'yes and no in Polish and Japanese, full-width digits' '
	circle checkin take --group tc 2026-02-03 alex-r mood=７ distress=３ \
	    safe=tak >out &&
	test "$(answers_of alex-r 2026-02-03)" = "mood=7 distress=3 safe=yes" &&
	circle checkin take --group tc 2026-02-03 blair-c mood=5 distress=5 \
	    safe=Nie >out &&
	test "$(answers_of blair-c 2026-02-03)" = "mood=5 distress=5 safe=no" &&
	circle checkin take --group tc 2026-02-03 casey-d mood=5 distress=5 \
	    safe=はい、大丈夫 sleep=６．５ >out &&
	test "$(answers_of casey-d 2026-02-03)" = \
	    "mood=5 distress=5 safe=yes sleep=6.5" &&
	circle checkin take --group tc 2026-02-03 dana-e mood=5 distress=5 \
	    safe=いいえ >out &&
	test "$(answers_of dana-e 2026-02-03)" = "mood=5 distress=5 safe=no" &&
	before=$(rows) &&
	test_expect_code 65 circle checkin take --group tc 2026-02-03 alex-r \
	    mood=１１ distress=3 safe=tak 2>err &&
	echo "circle-checkin: mood: １１ is out of range: 0 to 10" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle checkin take --group tc 2026-02-03 alex-r \
	    mood=5 distress=3 safe=たぶん 2>err &&
	echo "circle-checkin: safe: \"たぶん\" is not yes or no" >expect &&
	test_cmp expect err &&
	test "$(rows)" = "$before"
'

test_done
