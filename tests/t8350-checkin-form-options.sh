#!/bin/sh
test_description='circle checkin import: a scale asked as a form'\''s multiple choice, each option its number and words'
. "$(dirname "$0")/test-lib.sh"

HEAD='Timestamp,Email address,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?'

# form ANSWER...: a form export of one row a mood answer, one a day.
form() {
	printf "%s\r\n" "$HEAD" &&
	n=0 &&
	for a in "$@"; do
		n=$((n + 7)) &&
		printf "2026/04/%02d 7:05:12 PM GMT-4,ann@example.org,%s,4,Yes\r\n" \
		    $n "$a" || return 1
	done
}

test_expect_success 'setup: a group on Tuesdays in April, one person, the example survey' '
	test_fresh_db &&
	circle group add --handle fc --tz America/New_York "Form Circle" \
	    >/dev/null &&
	circle session plan --group fc --every week --on tuesday --at 19:00 \
	    --from 2026-04-07 --count 4 >/dev/null &&
	circle roster add --group fc --email ann@example.org "Ann Oak" \
	    >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

test_expect_success 'options written "0 - very low", "10 (very good)", "6: fine", "7 – a bit better"' '
	form "0 - very low" "10 (very good)" "6: fine" "7 – a bit better" \
	    >opts.csv &&
	circle checkin import --survey checkin opts.csv >out &&
	echo "4 added, 0 replaced, 0 unchanged; 1 follow-up opened" >expect &&
	test_cmp expect out &&
	circle checkin list | cut -f9 | sed "s/ .*//" >actual &&
	printf "mood=%s\n" 0 10 6 7 >expect &&
	test_cmp expect actual
'

test_expect_success 'the words of another point, a number in the words, or no words: refused' '
	for a in "3 - very good" "6 - 7" "6 -" "11 - wow"; do
		form "$a" >bad.csv &&
		circle db dump >before &&
		test_expect_code 65 circle checkin import --survey checkin \
		    bad.csv 2>err &&
		test_grep "bad.csv:2:3 (How is your mood right now?): mood: " err &&
		circle db dump >after &&
		test_cmp before after || return 1
	done
'

test_expect_success 'a yes or no written as a form option says it: its first word' '
	printf "%s\r\n" "$HEAD" >yn.csv &&
	printf "2026/04/07 7:05:12 PM GMT-4,ann@example.org,5,4,\"Yes, I feel safe\"\r\n" >>yn.csv &&
	printf "2026/04/14 7:05:12 PM GMT-4,ann@example.org,5,4,No - not today\r\n" >>yn.csv &&
	printf "2026/04/21 7:05:12 PM GMT-4,ann@example.org,5,4,Yes.\r\n" >>yn.csv &&
	circle checkin import --survey checkin yn.csv >out &&
	test_grep "^0 added, 3 replaced" out &&
	circle checkin list --from 2026-04-07 --to 2026-04-21 >list &&
	test_grep "safe=yes" list &&
	test_grep "safe=no" list
'

test_expect_success 'a yes or no that begins with neither is refused, nothing written' '
	for a in "Not sure" "Maybe, yes" "Yesterday"; do
		printf "%s\r\n" "$HEAD" >bad.csv &&
		printf "2026/04/28 7:05:12 PM GMT-4,ann@example.org,5,4,%s\r\n" \
		    "\"$a\"" >>bad.csv &&
		circle db dump >before &&
		test_expect_code 65 circle checkin import --survey checkin \
		    bad.csv 2>err &&
		test_grep "is not yes or no" err &&
		circle db dump >after &&
		test_cmp before after || return 1
	done
'

test_expect_success 'a German Excel export: semicolons, dd.mm.yyyy stamps, decimal commas in a number answer' '
	cat >sleep.yaml <<-\EOF &&
	key: sleep
	title: Schlaf
	version: 1
	phase: checkin
	questions:
	  - key: hours
	    kind: number
	    prompt: Wie viele Stunden haben Sie geschlafen?
	    min: 0
	    max: 24
	  - key: mood
	    kind: scale
	    prompt: Stimmung
	    min: 0
	    max: 10
	EOF
	circle checkin survey add sleep.yaml >/dev/null &&
	printf "%s\r\n" "Zeitstempel;E-Mail-Adresse;Wie viele Stunden haben Sie geschlafen?;Stimmung" \
	    "07.04.2026 19:05:12;ann@example.org;6,5;7" \
	    "14.04.2026 19:04:00;ann@example.org;7,25;5" \
	    "21.04.2026 19:03:00;ann@example.org;8;6" >schlaf.csv &&
	circle checkin import --survey sleep schlaf.csv >out &&
	echo "3 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out &&
	circle checkin list --survey sleep | cut -f9 >actual &&
	printf "%s\n" "hours=6.5 mood=7" "hours=7.25 mood=5" "hours=8 mood=6" >expect &&
	test_cmp expect actual
'

test_expect_success 'a comma before three digits could part thousands: refused with both readings; a scale'\''s 7,5 is no whole number' '
	printf "%s\r\n" "Zeitstempel;E-Mail-Adresse;Wie viele Stunden haben Sie geschlafen?;Stimmung" \
	    "28.04.2026 19:05:12;ann@example.org;1,500;7" \
	    "28.04.2026 19:05:12;ann@example.org;6;7,5" >amb.csv &&
	circle db dump >before &&
	test_expect_code 65 circle checkin import --survey sleep amb.csv 2>err &&
	test_grep "amb.csv:2:3 (Wie viele Stunden haben Sie geschlafen?): hours: \"1,500\" is 1.500 with a decimal comma or 1500 with a thousands separator; write 1.500 or 1500" err &&
	test_grep "amb.csv:3:4 (Stimmung): mood: 7,5 is not a whole number from 0 to 10" err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
