#!/bin/sh
test_description='lengths and times of day as people type them, by every tool that takes one; the same option under the names other tools use'
. "$(dirname "$0")/test-lib.sh"

# minutes ID: how long session ID lasts, from what the database keeps.
minutes() {
	test_sql "SELECT (strftime('%s', ends_at) - strftime('%s', starts_at))
	    / 60 FROM session WHERE id = $1"
}

test_expect_success 'setup: a group' '
	test_fresh_db &&
	circle group add --tz Europe/London "Tuesday Circle" >/dev/null
'

test_expect_success 'session add --for: every way people write a length' '
	n=0 &&
	while IFS="|" read -r len want; do
		n=$((n + 1)) &&
		day=$(printf "2027-01-%02d" $n) &&
		circle session add --for "$len" $day 19:00 >out 2>err || {
			echo "--for \"$len\" refused:" >&2
			cat err >&2
			exit 1
		}
		id=$(cut -d" " -f1 out) &&
		got=$(minutes $id) &&
		test "$got" = "$want" || {
			echo "--for \"$len\": $got minutes, not $want" >&2
			exit 1
		}
	done <<-\EOF
	90|90
	90m|90
	90 min|90
	90mins|90
	1h30|90
	1.5h|90
	1 hour|60
	2 hours|120
	1h 30m|90
	90 minutes|90
	1.5 hours|90
	1:30|90
	an hour|60
	one hour|60
	half an hour|30
	an hour and a half|90
	1½ hours|90
	1 1/2 hours|90
	1hr|60
	1 hr 30|90
	2hrs|120
	three quarters of an hour|45
	forty-five minutes|45
	two and a half hours|150
	1 hour and 15 minutes|75
	EOF
'

test_expect_success 'refused with what was typed and why, exit 65, nothing changed' '
	circle db dump >before &&
	while IFS="|" read -r len msg; do
		test_expect_code 65 circle session add --for "$len" 2027-02-01 \
		    19:00 >out 2>err &&
		test_must_be_empty out &&
		echo "circle-session: for: \"$len\" $msg" >expect &&
		test_cmp expect err || exit 1
	done <<-\EOF &&
	a while|is not a length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an hour and a half; at most a day)
	1 day|is not a length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an hour and a half; at most a day)
	-90|is not a length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an hour and a half; at most a day)
	25 hours|is more than a day (a session lasts at most 24 hours)
	0|is less than a minute
	1.5|is not a whole number of minutes (a number alone is minutes; for hours, 1.5h or 1:30)
	1.30h|is ambiguous: write 1:30 for 1 hour and 30 minutes, or 78 for 78 minutes
	EOF
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'session add and plan: --duration and --length are --for' '
	circle session add --duration "1:15" 2027-03-01 19:00 >out &&
	test "$(minutes $(cut -d" " -f1 out))" = 75 &&
	circle session add --length "half an hour" 2027-03-02 19:00 >out &&
	test "$(minutes $(cut -d" " -f1 out))" = 30 &&
	circle session plan --name weekly --every week --at 18:00 \
	    --from 2027-04-06 --count 2 --length "an hour and a quarter" >out &&
	test "$(test_sql "SELECT group_concat(DISTINCT (strftime('\''%s'\'',
	    ends_at) - strftime('\''%s'\'', starts_at)) / 60) FROM session
	    WHERE local_start >= '\''2027-04-06'\''")" = 75 &&
	circle db dump >before &&
	test_expect_code 65 circle session plan --name weekly --every week \
	    --at 18:00 --from 2027-04-06 --count 2 --duration "2 fortnights" \
	    2>err &&
	echo "circle-session: for: \"2 fortnights\" is not a length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an hour and a half; at most a day)" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session add --help >help &&
	test_grep "\[--for LENGTH\]" help
'

test_expect_success 'group add and edit: --for and --length are --duration' '
	circle group add --tz UTC --for "an hour and a half" "Grief Group" \
	    >/dev/null &&
	test "$(test_sql "SELECT duration FROM grp WHERE handle =
	    '\''grief-group'\''")" = 90 &&
	circle group edit --length "1:45" grief-group >/dev/null &&
	test "$(test_sql "SELECT duration FROM grp WHERE handle =
	    '\''grief-group'\''")" = 105 &&
	circle group edit --duration "2 hrs" grief-group >/dev/null &&
	test "$(test_sql "SELECT duration FROM grp WHERE handle =
	    '\''grief-group'\''")" = 120 &&
	circle db dump >before &&
	test_expect_code 65 circle group edit --for "1.45 hours" grief-group \
	    2>err &&
	echo "circle-group: duration: \"1.45 hours\" is ambiguous: write 1:45 for 1 hour and 45 minutes, or 87 for 87 minutes" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the group file: duration and for as people write them; a bad one at its line and column' '
	cat >group.yaml <<-\EOF &&
	name: Thursday Circle
	tz: Europe/London
	duration: an hour and a half
	schedules:
	  - name: weekly
	    every: week
	    on: thursday
	    at: 6:30 pm
	    for: 1:45
	    from: 2027-01-07
	    count: 2
	EOF
	circle group import group.yaml >/dev/null &&
	test "$(test_sql "SELECT duration FROM grp WHERE handle =
	    '\''thursday-circle'\''")" = 90 &&
	circle session list --group thursday-circle --format tsv >out &&
	cut -f3-5 out >got &&
	printf "2027-01-07\t18:30\t20:15\n2027-01-14\t18:30\t20:15\n" >expect &&
	test_cmp expect got &&
	circle db dump >before &&
	sed "s/for: 1:45/for: ages/" group.yaml >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	echo "circle-group: bad.yaml:9:10: for: \"ages\" is not a length (such as 90, 90 min, 1h30, 1:30, 1.5 hours or an hour and a half; at most a day)" >expect &&
	test_cmp expect err &&
	sed "s/duration: an hour and a half/duration: 30 hours/" group.yaml \
	    >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	echo "circle-group: bad.yaml:3:11: duration: \"30 hours\" is more than a day (a session lasts at most 24 hours)" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the group file: length is a name of both, and a bad one is found by it' '
	cat >named.yaml <<-\EOF &&
	name: Friday Circle
	tz: Europe/London
	length: 2 hours
	schedules:
	  - every: week
	    on: friday
	    at: 7pm
	    length: half an hour
	    from: 2027-01-08
	    count: 1
	EOF
	circle group import named.yaml >/dev/null &&
	test "$(test_sql "SELECT duration FROM grp WHERE handle =
	    '\''friday-circle'\''")" = 120 &&
	circle session list --group friday-circle --format tsv >out &&
	test_grep "2027-01-08	19:00	19:30" out &&
	circle db dump >before &&
	sed "s/length: half an hour/length: 1.20 hours/" named.yaml >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	echo "circle-group: bad.yaml:8:13: for: \"1.20 hours\" is ambiguous: write 1:20 for 1 hour and 20 minutes, or 72 for 72 minutes" >expect &&
	test_cmp expect err &&
	sed "s/length: 2 hours/for: 2 weeks/" named.yaml >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	test_grep "^circle-group: bad.yaml:3:6: duration: \"2 weeks\" is not a length" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a time of day as people write it: add, plan, move, and a session named by its time' '
	circle group add --tz America/Chicago "Clock Group" >/dev/null &&
	circle session add --group clock-group 2027-05-04 "7:30 PM" >out &&
	test_grep "2027-05-04T19:30\$" out &&
	circle session plan --group clock-group --every week --at "6.45 p.m." \
	    --from 2027-06-01 --count 1 >out &&
	test_grep "at 18:45\$" out &&
	circle session show --group clock-group --format tsv \
	    "2027-05-04 7:30 pm" >show &&
	test_grep "^start	19:30\$" show &&
	circle session move --group clock-group --at 8pm "2027-05-04 19:30" \
	    >/dev/null &&
	circle session show --group clock-group --format tsv \
	    "clock-group:may 4 2027 8pm" >show &&
	test_grep "^date	2027-05-04\$" show &&
	test_grep "^start	20:00\$" show &&
	circle session show --group clock-group --format tsv "2027-06-01T18:45" \
	    >show &&
	test_grep "^date	2027-06-01\$" show
'

test_expect_success 'the French clock and the words for twelve: 19h30, 19h, noon, midnight' '
	circle session add --group clock-group 2027-08-03 19h30 >out &&
	test_grep "2027-08-03T19:30\$" out &&
	circle session add --group clock-group 2027-08-04 9H >out &&
	test_grep "2027-08-04T09:00\$" out &&
	circle session add --group clock-group 2027-08-05 Noon >out &&
	test_grep "2027-08-05T12:00\$" out &&
	circle session plan --group clock-group --every week --at 00:00 \
	    --from 2027-08-06 --count 1 >out &&
	test_grep "at 00:00\$" out &&
	circle db dump >before &&
	test_expect_code 65 circle session plan --group clock-group --every \
	    week --at midnight --from 2027-08-13 --count 1 2>err &&
	echo "circle-session: at: \"midnight\": midnight begins a day and ends the one before: write 00:00 (it begins the day) or 23:59 (it ends it)" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session move --group clock-group --at "12 noon" \
	    "2027-08-03 19h30" >/dev/null &&
	circle session show --group clock-group --format tsv 2027-08-03 >show &&
	test_grep "^start	12:00\$" show &&
	circle db dump >before &&
	for t in 19h3 19h300 25h 7h61 "noon 12" h30; do
		test_expect_code 65 circle session add --group clock-group \
		    2027-08-09 "$t" 2>err || return 1
		test_grep "at: \"$t\" is not a time of day" err || return 1
	done &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a time that is none: the one message, exit 65, nothing changed' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group clock-group 2027-05-05 \
	    7ish 2>err &&
	echo "circle-session: at: \"7ish\" is not a time of day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session move --group clock-group \
	    --at "25:00" 2027-05-04 2>err &&
	echo "circle-session: at: \"25:00\" is not a time of day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session plan --group clock-group --every week \
	    --at "half seven" --from 2027-07-01 --count 1 2>err &&
	echo "circle-session: at: \"half seven\" is 07:30 or 19:30: add am or pm, or write 19:30" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the same option under the name another tool gives it' '
	circle roster add --group clock-group "Ann Lee" >/dev/null &&
	circle attend mark --group clock-group --force --notes "came late" \
	    2027-05-04 ann-l >/dev/null &&
	circle attend list --group clock-group --format tsv 2027-05-04 >out &&
	test_grep "came late" out &&
	circle session cancel --group clock-group 2027-06-01 >/dev/null &&
	circle session list --group clock-group --with-cancelled \
	    --format tsv >out &&
	test_grep "2027-06-01	18:45	.*	cancelled" out &&
	circle log --from today --format tsv >out &&
	test_grep "session cancel" out &&
	test_expect_code 2 circle log --nope 2>err &&
	test_grep "^circle-log: unknown option --nope\$" err
'

test_done
