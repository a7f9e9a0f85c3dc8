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

test_done
