#!/bin/sh
test_description='circle checkin: flags open exactly the follow-ups they should (a hand-computed scenario)'
. "$(dirname "$0")/test-lib.sh"

# The survey: score = mean(mood, 6 - stress, safe as 1 or 0).
#   F1 mood at-most 3        F5 score at-most 2.5
#   F2 stress at-least 5     F6 mood drop 3
#   F3 safe is no            F7 score drop 2
#   F4 pick is "in crisis"
# Sessions S1..S5 are the Tuesdays 2026-03-03 .. 2026-03-31.

count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# fups: every follow-up, "member date status: reason", sorted.
fups() {
	circle checkin followups --with-closed |
	    awk -F '\t' '{ print $3 " " substr($6, 1, 10) " " $8 ": " $7 }' |
	    sort
}

take() {
	circle checkin take --group fc "$@"
}

test_expect_success 'setup: a group, five sessions, three members, the survey' '
	circle init >/dev/null &&
	circle group add --handle fc --tz America/New_York "Flag Circle" \
	    >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-03-03 --count 5 >/dev/null &&
	for n in "Ann Oak" "Bob Nash" "Cy Lowe"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2026-01-01 "$h" fc || return 1
	done &&
	cat >fl.yaml <<-\EOF &&
	key: fl
	title: Flags
	questions:
	  - {key: mood, kind: scale, prompt: Mood?, min: 0, max: 10}
	  - {key: stress, kind: scale, prompt: Stress?, min: 1, max: 5}
	  - {key: safe, kind: yes/no, prompt: Safe?}
	  - key: pick
	    kind: choice
	    prompt: How are things?
	    choices: [ok, struggling, in crisis]
	    required: no
	score:
	  method: mean
	  items: [mood, stress, safe]
	  reverse: [stress]
	flags:
	  - {on: mood, at-most: 3}
	  - {on: stress, at-least: 5, reason: Very stressed}
	  - {on: safe, is: no}
	  - {on: pick, is: In Crisis, reason: Said in crisis}
	  - {on: score, at-most: 2.5}
	  - {on: mood, drop: 3}
	  - {on: score, drop: 2, reason: Wellbeing fell}
	EOF
	circle checkin survey add fl.yaml >/dev/null
'

test_expect_success 'S1, a first response: thresholds, never a drop' '
	take 2026-03-03 ann-o mood=8 stress=2 safe=yes >out &&
	echo "fl saved for ann-o: score 4.33" >expect &&
	test_cmp expect out &&
	take 2026-03-03 bob-n mood=3 stress=5 safe=yes pick=ok >out &&
	cat >expect <<-\EOF &&
	fl saved for bob-n: score 1.67
	follow-up 1 opened: bob-n: mood 3, 3 or less
	follow-up 2 opened: bob-n: Very stressed (stress 5, 5 or more)
	follow-up 3 opened: bob-n: score 1.67, 2.5 or less
	EOF
	test_cmp expect out &&
	take --anonymous 2026-03-03 mood=10 stress=1 safe=yes >out &&
	echo "fl saved for anonymous: score 5.33" >expect &&
	test_cmp expect out
'

test_expect_success 'S2: a drop of the mood since S1; is on yes/no and on a choice' '
	take 2026-03-10 ann-o mood=4 stress=2 safe=yes >out &&
	cat >expect <<-\EOF &&
	fl saved for ann-o: score 3
	follow-up 4 opened: ann-o: mood down from 8 to 4 since 2026-03-03, a drop of 3 or more
	EOF
	test_cmp expect out &&
	take 2026-03-10 bob-n mood=5 stress=3 safe=no "pick=In crisis" >out &&
	cat >expect <<-\EOF &&
	fl saved for bob-n: score 2.67
	follow-up 5 opened: bob-n: safe: no
	follow-up 6 opened: bob-n: Said in crisis (pick: in crisis)
	EOF
	test_cmp expect out
'

test_expect_success 'S4 entered before S3: compared with S2, the session before it' '
	take 2026-03-24 ann-o mood=6 stress=1 safe=yes >out &&
	echo "fl saved for ann-o: score 4" >expect &&
	test_cmp expect out
'

test_expect_success 'S3 entered last: compared with S2 (session order), not S4 (entry order)' '
	take 2026-03-17 ann-o mood=1 stress=4 safe=no >out &&
	cat >expect <<-\EOF &&
	fl saved for ann-o: score 1
	follow-up 7 opened: ann-o: mood 1, 3 or less
	follow-up 8 opened: ann-o: safe: no
	follow-up 9 opened: ann-o: score 1, 2.5 or less
	follow-up 10 opened: ann-o: mood down from 4 to 1 since 2026-03-10, a drop of 3 or more
	follow-up 11 opened: ann-o: Wellbeing fell (score down from 3 to 1 since 2026-03-10, a drop of 2 or more)
	EOF
	test_cmp expect out
'

test_expect_success 'anonymous: thresholds, but no drop, even after a higher one' '
	take --anonymous 2026-03-17 mood=0 stress=5 safe=yes >out &&
	cat >expect <<-\EOF &&
	fl saved for anonymous: score 0.67
	follow-up 12 opened: anonymous: mood 0, 3 or less
	follow-up 13 opened: anonymous: Very stressed (stress 5, 5 or more)
	follow-up 14 opened: anonymous: score 0.67, 2.5 or less
	EOF
	test_cmp expect out
'

test_expect_success 'a first response is not compared with anyone else'\''s' '
	take 2026-03-31 cy-l mood=2 stress=3 safe=yes >out &&
	cat >expect <<-\EOF &&
	fl saved for cy-l: score 2
	follow-up 15 opened: cy-l: mood 2, 3 or less
	follow-up 16 opened: cy-l: score 2, 2.5 or less
	EOF
	test_cmp expect out
'

test_expect_success 'exactly these follow-ups, all open' '
	fups >actual &&
	sort >expect <<-\EOF &&
	bob-n 2026-03-03 open: mood 3, 3 or less
	bob-n 2026-03-03 open: Very stressed (stress 5, 5 or more)
	bob-n 2026-03-03 open: score 1.67, 2.5 or less
	ann-o 2026-03-10 open: mood down from 8 to 4 since 2026-03-03, a drop of 3 or more
	bob-n 2026-03-10 open: safe: no
	bob-n 2026-03-10 open: Said in crisis (pick: in crisis)
	ann-o 2026-03-17 open: mood 1, 3 or less
	ann-o 2026-03-17 open: safe: no
	ann-o 2026-03-17 open: score 1, 2.5 or less
	ann-o 2026-03-17 open: mood down from 4 to 1 since 2026-03-10, a drop of 3 or more
	ann-o 2026-03-17 open: Wellbeing fell (score down from 3 to 1 since 2026-03-10, a drop of 2 or more)
	anonymous 2026-03-17 open: mood 0, 3 or less
	anonymous 2026-03-17 open: Very stressed (stress 5, 5 or more)
	anonymous 2026-03-17 open: score 0.67, 2.5 or less
	cy-l 2026-03-31 open: mood 2, 3 or less
	cy-l 2026-03-31 open: score 2, 2.5 or less
	EOF
	test_cmp expect actual &&
	test "$(count change_log "entity = '\''followup'\'' AND action = '\''open'\''")" = 16
'

test_expect_success 'a correction withdraws the open follow-ups no longer called for (kept as withdrawn), keeps a resolved one' '
	circle checkin resolve --note "talked" 2 >/dev/null &&
	take 2026-03-03 bob-n mood=6 stress=2 safe=yes pick=ok >out &&
	cat >expect <<-\EOF &&
	fl replaced for bob-n: score 3.67
	2 open follow-ups withdrawn: no longer flagged
	EOF
	test_cmp expect out &&
	fups | grep "^bob-n 2026-03-03" >actual &&
	cat >expect <<-\EOF &&
	bob-n 2026-03-03 done: Very stressed (stress 5, 5 or more)
	bob-n 2026-03-03 withdrawn: mood 3, 3 or less
	bob-n 2026-03-03 withdrawn: score 1.67, 2.5 or less
	EOF
	test_cmp expect actual &&
	test "$(count change_log "entity = '\''followup'\'' AND action = '\''withdraw'\''")" = 2
'

test_expect_success 'a correction that still meets a flag keeps it, reworded; drops no longer met are withdrawn' '
	take 2026-03-17 ann-o mood=2 stress=4 safe=no >out &&
	cat >expect <<-\EOF &&
	fl replaced for ann-o: score 1.33
	2 open follow-ups withdrawn: no longer flagged
	EOF
	test_cmp expect out &&
	fups | grep "^ann-o 2026-03-17" >actual &&
	sort >expect <<-\EOF &&
	ann-o 2026-03-17 open: mood 2, 3 or less
	ann-o 2026-03-17 open: safe: no
	ann-o 2026-03-17 open: score 1.33, 2.5 or less
	ann-o 2026-03-17 withdrawn: Wellbeing fell (score down from 3 to 1 since 2026-03-10, a drop of 2 or more)
	ann-o 2026-03-17 withdrawn: mood down from 4 to 1 since 2026-03-10, a drop of 3 or more
	EOF
	test_cmp expect actual &&
	test "$(test_sql "SELECT group_concat(id, '\'' '\'') FROM (SELECT id
	    FROM followup WHERE member_id = (SELECT id FROM member WHERE
	    handle = '\''ann-o'\'') AND status = '\''open'\'' AND session_id =
	    (SELECT id FROM session WHERE local_start = '\''2026-03-17T19:00'\'')
	    ORDER BY id)")" = "7 8 9"
'

test_expect_success 'a correction that meets a flag for the first time opens it; the drop looks at the corrected S1' '
	take 2026-03-10 bob-n mood=5 stress=5 safe=no "pick=in crisis" >out &&
	cat >expect <<-\EOF &&
	fl replaced for bob-n: score 2
	follow-up 17 opened: bob-n: Very stressed (stress 5, 5 or more)
	follow-up 18 opened: bob-n: score 2, 2.5 or less
	EOF
	test_cmp expect out
'

test_expect_success 'in the end, exactly these follow-ups' '
	fups >actual &&
	sort >expect <<-\EOF &&
	bob-n 2026-03-03 done: Very stressed (stress 5, 5 or more)
	bob-n 2026-03-03 withdrawn: mood 3, 3 or less
	bob-n 2026-03-03 withdrawn: score 1.67, 2.5 or less
	ann-o 2026-03-17 withdrawn: Wellbeing fell (score down from 3 to 1 since 2026-03-10, a drop of 2 or more)
	ann-o 2026-03-17 withdrawn: mood down from 4 to 1 since 2026-03-10, a drop of 3 or more
	ann-o 2026-03-10 open: mood down from 8 to 4 since 2026-03-03, a drop of 3 or more
	bob-n 2026-03-10 open: safe: no
	bob-n 2026-03-10 open: Said in crisis (pick: in crisis)
	bob-n 2026-03-10 open: Very stressed (stress 5, 5 or more)
	bob-n 2026-03-10 open: score 2, 2.5 or less
	ann-o 2026-03-17 open: mood 2, 3 or less
	ann-o 2026-03-17 open: safe: no
	ann-o 2026-03-17 open: score 1.33, 2.5 or less
	anonymous 2026-03-17 open: mood 0, 3 or less
	anonymous 2026-03-17 open: Very stressed (stress 5, 5 or more)
	anonymous 2026-03-17 open: score 0.67, 2.5 or less
	cy-l 2026-03-31 open: mood 2, 3 or less
	cy-l 2026-03-31 open: score 2, 2.5 or less
	EOF
	test_cmp expect actual
'

test_expect_success 'a drop ignores a previous response that did not answer the question' '
	cat >opt.yaml <<-\EOF &&
	key: opt
	title: Optional
	questions:
	  - {key: sleep, kind: number, prompt: Hours slept?, required: no}
	  - {key: ok, kind: yes/no, prompt: OK?}
	flags:
	  - {on: sleep, drop: 2}
	EOF
	circle checkin survey add opt.yaml >/dev/null &&
	take --survey opt 2026-03-03 cy-l ok=yes >out &&
	take --survey opt 2026-03-10 cy-l sleep=8 ok=yes >out &&
	take --survey opt 2026-03-17 cy-l sleep=3 ok=yes >out &&
	cat >expect <<-\EOF &&
	opt saved for cy-l
	follow-up 19 opened: cy-l: sleep down from 8 to 3 since 2026-03-10, a drop of 2 or more
	EOF
	test_cmp expect out &&
	take --survey opt 2026-03-24 cy-l ok=yes >out &&
	take --survey opt 2026-03-31 cy-l sleep=1 ok=yes >out &&
	echo "opt saved for cy-l" >expect &&
	test_cmp expect out
'

test_expect_success 'a withdrawn follow-up flagged again is opened again, with its id' '
	id=$(test_sql "SELECT u.id FROM followup u JOIN member m ON
	    m.id = u.member_id JOIN session x ON x.id = u.session_id WHERE
	    m.handle = '\''bob-n'\'' AND x.local_start = '\''2026-03-03T19:00'\''
	    AND u.status = '\''withdrawn'\'' AND u.reason LIKE '\''mood%'\''") &&
	test -n "$id" &&
	take --survey fl 2026-03-03 bob-n mood=3 stress=2 safe=yes pick=ok >out &&
	test_grep "^follow-up $id opened: bob-n: mood 3, 3 or less\$" out &&
	test "$(test_sql "SELECT status FROM followup WHERE id = $id")" = open
'

test_done
