#!/bin/sh
test_description='dates as facilitators type them, at the tools: a day of
the month alone, a week or a month as a range of --from and --to and
refused where a day is needed, a day and a time in one argument of session
add and refused where a day alone is taken'
. "$(dirname "$0")/test-lib.sh"

# TZ is UTC and LC_ALL C.UTF-8 here: today is the UTC date, and a week
# begins on Monday.
day() {
	date -u -d "$1" +%F
}
TODAY=$(day today)
# Monday of this week, and of the next.
MON=$(day "today - $(($(date -u +%u) - 1)) days")
NEXTMON=$(day "$MON + 7 days")

# Sessions the tests add go to group adds, so that circle's, which the
# ranges are checked against, are the same whatever day of the week it is.
test_expect_success 'setup: a group and a session on each day around today' '
	circle init >/dev/null &&
	circle group add --tz UTC Circle >/dev/null &&
	circle group add --tz UTC Adds >/dev/null &&
	for n in -20 -10 -3 0 3 6 7 8 13 14 20 40; do
		circle session add --group circle "$(day "$MON + $n days")" \
		    19:00 >/dev/null || exit 1
	done
'

test_expect_success 'next week is Monday to Sunday for --from and --to' '
	circle session list --group circle --from "next week" \
	    --to "next week" >out &&
	cut -f3 out >dates &&
	printf "%s\n" "$NEXTMON" "$(day "$NEXTMON + 1 day")" \
	    "$(day "$NEXTMON + 6 days")" >want &&
	test_cmp want dates &&
	circle session list --group circle --from "this week" \
	    --to "this week" >out &&
	test "$(cut -f3 out | head -1)" = "$MON" &&
	test "$(cut -f3 out | tail -1)" = "$(day "$MON + 6 days")"
'

test_expect_success 'a month is its first day for --from, its last for --to' '
	first=$(date -u +%Y-%m-01) &&
	last=$(day "$first + 1 month - 1 day") &&
	circle session list --group circle --from "this month" \
	    --to "this month" >out &&
	cut -f3 out >dates &&
	circle session list --group circle | cut -f3 |
	    awk -v a="$first" -v b="$last" "\$1 >= a && \$1 <= b" >want &&
	test_cmp want dates &&
	test -s dates
'

test_expect_success 'a week or a month where a day is needed: refused, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle "next week" \
	    19:00 2>err &&
	test_grep "date: \"next week\" is a week, not a day: name the day" err &&
	test_expect_code 65 circle session move --group circle \
	    --to-date "next month" 1 2>err &&
	test_grep "to-date: \"next month\" is a month, not a day" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the 9th: the nearest such day; its weekday checked' '
	when=$(day "+2 days") &&
	n=$(date -u -d "$when" +%-d) &&
	wd=$(date -u -d "$when" +%a) &&
	other=$(date -u -d "+3 days" +%a) &&
	circle session add --group adds "the $n" 08:00 >out &&
	test_grep " adds ${when}T08:00\$" out &&
	circle session add --group adds "$wd ${n}th" 09:00 >out &&
	test_grep " adds ${when}T09:00\$" out &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group adds \
	    "$other ${n}th" 10:00 2>err &&
	test_grep "nearest today is $(date -u -d "$when" +%A) " err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'session add: the day and the time in one argument' '
	circle session add --group adds "tomorrow 7pm" >out &&
	test_grep " adds $(day tomorrow)T19:00\$" out &&
	circle session add --group adds "tomorrow at 7:30 p.m." >out &&
	test_grep " adds $(day tomorrow)T19:30\$" out &&
	circle session add --group adds "$(day "+4 days")T06:15" >out &&
	test_grep " adds $(day "+4 days")T06:15\$" out &&
	circle session add --group adds "$(date -u -d "+4 days" +%A), 5am" \
	    >out &&
	test_grep " adds $(day "+4 days")T05:00\$" out &&
	circle db dump >before &&
	test_expect_code 2 circle session add --group adds tomorrow 2>err &&
	test_grep "give the day and the time" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a day and a time where a day is taken: refused, naming the day' '
	test_expect_code 65 circle session list --from "${TODAY}T19:00" \
	    2>err &&
	test_grep "^circle-session: from: \"${TODAY}T19:00\" is a day and a time; give the day alone ($TODAY)\$" err &&
	test_expect_code 65 circle session move --group circle \
	    --to-date "tomorrow 7pm" 1 2>err &&
	test_grep "give the day alone ($(day tomorrow)), and the time with --at" err &&
	circle session add --group adds "$TODAY" 12:00 >/dev/null &&
	circle session list --group adds --from now --to now >out &&
	test "$(cut -f3 out | sort -u)" = "$TODAY"
'

test_expect_success 'a value may begin with -: --from -1w, and -1d as a session' '
	circle session list --group circle --from -1w --to +1w >a &&
	circle session list --group circle --from "$(day "-7 days")" \
	    --to "$(day "+7 days")" >b &&
	test_cmp b a &&
	circle session list --group circle --from=-1w --to=+1w >a &&
	test_cmp b a &&
	circle session list --group circle -F -1w -t +1w >a &&
	test_cmp b a &&
	circle group add --tz UTC Other >/dev/null &&
	circle session add --group other "$(day "-3 days")" 21:00 >out &&
	id=$(cut -d" " -f1 out) &&
	circle session show --group other --json -3d >out &&
	test_grep "\"id\":$id," out &&
	circle session show -3d --group other --json >out &&
	test_grep "\"id\":$id," out &&
	circle session show -g other --json -3d >out &&
	test_grep "\"id\":$id," out &&
	circle session show --group other --json -- -3d >out &&
	test_grep "\"id\":$id," out &&
	circle log --since -1d >/dev/null &&
	test_expect_code 1 circle report attendance --from -4w --to -1d 2>err &&
	test_must_be_empty err
'

test_expect_success 'a value left out before another option is a usage error, nothing written' '
	circle db dump >before &&
	test_expect_code 2 circle session list --from --past 2>err &&
	test_grep "^circle-session: list: --from needs a value\$" err &&
	test_expect_code 2 circle session list --from -q 2>err &&
	test_grep "list: --from needs a value" err &&
	test_expect_code 2 circle session list --past --from 2>err &&
	test_grep "list: --from needs a value" err &&
	test_expect_code 2 circle session list --from -- -1w 2>err &&
	test_grep "list: --from needs a value" err &&
	test_expect_code 2 circle session add --group --for 90 tomorrow \
	    19:00 2>err &&
	test_grep "add: --group needs a value" err &&
	test_expect_code 2 circle session move --to-date --at 19:00 1 2>err &&
	test_grep "move: --to-date needs a value" err &&
	test_expect_code 2 circle report attendance --from --to +1d 2>err &&
	test_grep "attendance: --from needs a value" err &&
	test_expect_code 2 circle log --since --group circle 2>err &&
	test_grep "needs a value" err &&
	test_expect_code 2 circle session list -1d 2>err &&
	test_grep "unknown option -1" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a weekend and a year are ranges too' '
	circle session list --group circle --from "this weekend" \
	    --to "this weekend" >out &&
	test "$(cut -f3 out)" = "$(day "$MON + 6 days")" &&
	circle session list --group circle --from "next weekend" \
	    --to "next weekend" >out &&
	test "$(cut -f3 out)" = "$(day "$MON + 13 days")" &&
	year=$(date -u +%Y) &&
	circle session list --group circle --from "this year" \
	    --to "this year" | cut -f3 >dates &&
	circle session list --group circle | cut -f3 | grep "^$year-" >want &&
	test_cmp want dates &&
	test_expect_code 65 circle session add --group circle "next weekend" \
	    19:00 2>err &&
	test_grep "\"next weekend\" is a weekend, not a day" err
'

test_expect_success 'phrases: the day after tomorrow, in a fortnight, tonight at 7' '
	circle session add --group circle "the day after tomorrow" 08:00 >out &&
	test_grep " circle $(day "+2 days")T08:00\$" out &&
	circle session add --group circle "in a fortnight" 08:00 >out &&
	test_grep " circle $(day "+14 days")T08:00\$" out &&
	circle session add --group circle "end of the month" 08:00 >out &&
	test_grep " circle $(day "$(date -u +%Y-%m-01) + 1 month - 1 day")T08:00\$" out &&
	circle session add --group circle "tonight at 7" >out &&
	test_grep " circle ${TODAY}T19:00\$" out &&
	circle session add --group circle "tomorrow evening 6.30" >out &&
	test_grep " circle $(day tomorrow)T18:30\$" out
'

test_expect_success 'midnight after a day, a time not in its part of the day, a length: refused' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "fri midnight" 2>err &&
	test_grep "midnight begins a day and ends the one before: give the day and 00:00" err &&
	test_expect_code 65 circle session add --group circle "tonight 7am" \
	    2>err &&
	test_grep "7am is not in the evening (write 19:00)" err &&
	test_expect_code 65 circle session add --group circle "2 weeks" \
	    19:00 2>err &&
	test_grep "\"2 weeks\" is a length, not a date: say \"in 2 weeks\"" err &&
	test_expect_code 65 circle session show "fri midnight" 2>err &&
	test_grep "session: \"fri midnight\": midnight begins" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'times in words: half past 7pm, quarter to 8 after a part of the day, 19:30h' '
	circle session add --group circle "tomorrow at half past 6pm" >out &&
	test_grep " circle $(day tomorrow)T18:30\$" out &&
	circle session add --group circle "$(day "+5 days")" "quarter to 8 pm" \
	    >out &&
	test_grep " circle $(day "+5 days")T19:45\$" out &&
	circle session add --group circle "tomorrow evening at quarter to 8" \
	    >out &&
	test_grep " circle $(day tomorrow)T19:45\$" out &&
	circle session add --group circle "tomorrow 20:15h" >out &&
	test_grep " circle $(day tomorrow)T20:15\$" out &&
	circle session plan --group circle --name words --every week \
	    --at "quarter past 6 in the evening" --from "$(day "+60 days")" \
	    --count 1 >out &&
	test_grep " at 18:15\$" out
'

test_expect_success 'an hour said without am or pm: refused with both readings, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "tomorrow half past 7" 2>err &&
	echo "circle-session: date: \"tomorrow half past 7\": half past 7 is 07:30 or 19:30: add am or pm, or write 19:30" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle tomorrow \
	    "7 o'"'"'clock" 2>err &&
	test_grep "at: \"7 o'"'"'clock\" is 07:00 or 19:00: add am or pm, or write 19:00" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the week after next as a range; a week on tuesday, tuesday after next, tmrw' '
	circle session list --group circle --from "the week after next" \
	    --to "the week after next" >out &&
	cut -f3 out >dates &&
	circle session list --group circle | cut -f3 |
	    awk -v a="$(day "$NEXTMON + 7 days")" \
	    -v b="$(day "$NEXTMON + 13 days")" "\$1 >= a && \$1 <= b" >want &&
	test_cmp want dates &&
	test_grep -x "$(day "$NEXTMON + 7 days")" dates &&
	test_grep -x "$(day "$NEXTMON + 13 days")" dates &&
	# tuesday: today on a Tuesday; date(1) says next tuesday after it
	tue=$(day "today + $(( (9 - $(date -u +%u)) % 7 )) days") &&
	circle session add --group circle "a week on tuesday" 06:00 >out &&
	test_grep " circle $(day "$tue + 7 days")T06:00\$" out &&
	circle session add --group circle "tuesday after next at 6:30am" >out &&
	test_grep " circle $(day "$(day "next tuesday") + 7 days")T06:30\$" out &&
	circle session add --group circle "tmrw 6am" >out &&
	test_grep " circle $(day tomorrow)T06:00\$" out
'

test_expect_success 'session add "in half an hour": a day and a time from now' '
	before=$(date -u -d "+30 minutes" +%FT%H:%M) &&
	circle session add --group circle "in half an hour" >out &&
	after=$(date -u -d "+30 minutes" +%FT%H:%M) &&
	{ test_grep " circle $before\$" out ||
	    test_grep " circle $after\$" out; } &&
	before=$(date -u -d "+3 hours" +%FT%H:%M) &&
	circle session add --group circle "3 hours from now" >out &&
	after=$(date -u -d "+3 hours" +%FT%H:%M) &&
	{ test_grep " circle $before\$" out ||
	    test_grep " circle $after\$" out; }
'

test_expect_success 'a time from now where a day is taken: refused, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session list --from "in 3 hours" 2>err &&
	echo "circle-session: from: \"in 3 hours\" is a time from now, not a day: name the day (today, tomorrow), and the time where one is asked for" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle "in 3 hours" \
	    19:00 2>err &&
	test_grep "date: \"in 3 hours\" is a time from now, not a day" err &&
	test_expect_code 65 circle session plan --group circle --every week \
	    --at "in 3 hours" --from tomorrow --count 1 2>err &&
	test_grep "at: \"in 3 hours\" is not a time of day" err &&
	test_expect_code 2 circle session add --group circle "in 90" 2>err &&
	test_grep "give the day and the time" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a time with its end: 7pm-9pm for session add and plan, its length from it' '
	circle session add --group circle "$(day "+50 days") 6-8:30pm" >out &&
	test_grep " circle $(day "+50 days")T18:00\$" out &&
	circle session list --group circle --from "$(day "+50 days")" \
	    --to "$(day "+50 days")" >out &&
	test "$(cut -f4,5 out)" = "18:00	20:30" &&
	circle session add --group circle "$(day "+51 days")" 19:00-21:15 >out &&
	circle session list --group circle --from "$(day "+51 days")" \
	    --to "$(day "+51 days")" >out &&
	test "$(cut -f4,5 out)" = "19:00	21:15" &&
	circle session plan --group circle --name evenings --every week \
	    --at "7pm to 9pm" --from "$(day "+70 days")" --count 1 >out &&
	circle session list --group circle --from "$(day "+70 days")" \
	    --to "$(day "+70 days")" >out &&
	test "$(cut -f4,5 out)" = "19:00	21:00"
'

test_expect_success 'a time with its end and --for, or ending as it begins: refused, nothing written' '
	circle db dump >before &&
	test_expect_code 2 circle session add --group circle --for 1h \
	    "tomorrow 7pm-9pm" 2>err &&
	echo "circle-session: add: \"tomorrow 7pm-9pm\" says when it ends, and --for how long it lasts: give one" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle session plan --group circle --every week \
	    --at 7-9pm --for 1h --from tomorrow --count 1 2>err &&
	test_grep "plan: \"7-9pm\" says when it ends, and --for how long" err &&
	test_expect_code 65 circle session add --group circle tomorrow \
	    7pm-7pm 2>err &&
	test_grep "at: \"7pm-7pm\" ends when it begins" err &&
	test_expect_code 65 circle session list --from "tomorrow 7pm-9pm" \
	    2>err &&
	test_grep "is a day and a time; give the day alone" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a weekday in a month: the first one read; which one? and last tuesday week refused' '
	first=$(day "$(date -u +%Y-%m-01) + 1 month") &&
	tue=$(day "$first + $(( (9 - $(date -u -d "$first" +%u)) % 7 )) days") &&
	circle session add --group circle "the first tuesday next month" \
	    06:15 >out &&
	test_grep " circle ${tue}T06:15\$" out &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "tuesday next month" 06:15 2>err &&
	test_grep "date: \"tuesday next month\": which tuesday of .*? Say \"the first tuesday of next month\"" err &&
	test_expect_code 65 circle session add --group circle \
	    "last tuesday week" 06:15 2>err &&
	test_grep "date: \"last tuesday week\" is not clear: say \"a week before last tuesday\"" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a range after a part of the day: its pm or am, noon in the morning; begun outside it refused' '
	circle session add --group circle "tomorrow evening 7-9" >out &&
	test_grep " circle $(day tomorrow)T19:00\$" out &&
	circle session list --group circle --from tomorrow --to tomorrow >out &&
	test_grep "	19:00	21:00	" out &&
	circle session add --group circle "tonight 7 to 9" >out &&
	test_grep " circle ${TODAY}T19:00\$" out &&
	fri=$(day friday) &&
	circle session add --group circle "friday morning 10-12" >out &&
	test_grep " circle ${fri}T10:00\$" out &&
	circle session list --group circle --from "$fri" --to "$fri" >out &&
	test_grep "	10:00	12:00	" out &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "tonight 7am-9am" 2>err &&
	test_grep "7am-9am begins at 07:00, not in the evening" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a range past midnight: tonight 11-1 ends the day after; begun at midnight refused' '
	circle session add --group circle "tonight 11-1" >out &&
	test_grep " circle ${TODAY}T23:00\$" out &&
	circle session list --group circle --json --from today --to today >out &&
	test_grep "\"start\":\"23:00\",\"end\":\"$(day tomorrow)T01:00\"" out &&
	fri=$(day friday) &&
	circle session add --group circle "friday 10pm-1am" >out &&
	test_grep " circle ${fri}T22:00\$" out &&
	circle session add --group circle "friday morning 11-1" >out &&
	test_grep " circle ${fri}T11:00\$" out &&
	circle session list --group circle --from "$fri" --to "$fri" >out &&
	test_grep "	11:00	13:00	" out &&
	test_grep "	22:00	$(day "$fri + 1 day")T01:00	" out &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "friday 12-2am" 2>err &&
	echo "circle-session: date: \"friday 12-2am\": 12-2am begins at midnight, which begins a day and ends the one before: give the day it begins and 00:00-02:00 (the day after, for the night after a day)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle "tonight 12-2" \
	    2>err &&
	test_grep "12-2 begins at midnight" err &&
	test_expect_code 65 circle session add --group circle "fri 12am" \
	    2>err &&
	test_grep "\"fri 12am\": midnight begins a day" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'session move --at a range: the time and the length from it; with a day, the day too' '
	circle group add --tz UTC Mover >/dev/null &&
	circle session add --group mover "$(day "+30 days")" 18:00 >out &&
	id=$(cut -d" " -f1 out) &&
	circle session move --group mover --at 19:00-21:00 "$id" >out &&
	test_grep "^1 session moved, now lasting 2h\$" out &&
	circle session list --group mover >out &&
	test "$(cut -f3-5 out)" = "$(day "+30 days")	19:00	21:00" &&
	wed=$(day "wednesday") &&
	circle session move --group mover --at "wed 6-7:30pm" "$id" >out &&
	circle session list --group mover >out &&
	test "$(cut -f3-5 out)" = "$wed	18:00	19:30" &&
	circle session move --group mover --at "tomorrow 8pm" "$id" >out &&
	circle session list --group mover >out &&
	test "$(cut -f3-5 out)" = "$(day tomorrow)	20:00	21:30"
'

test_expect_success 'session move --at a range with --for, or a day with --to-date: a usage error, nothing written' '
	circle db dump >before &&
	test_expect_code 2 circle session move --group mover --for 1h \
	    --at "wed 7-9pm" 1 2>err &&
	echo "circle-session: move: \"wed 7-9pm\" says when it ends, and --for how long it lasts: give one" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle session move --group mover --for 1h \
	    --at 19:00-21:00 1 2>err &&
	test_grep "move: \"19:00-21:00\" says when it ends, and --for" err &&
	test_expect_code 2 circle session move --group mover \
	    --to-date tomorrow --at "wed 7pm" 1 2>err &&
	test_grep "move: \"wed 7pm\" names the day, and --to-date another: give one" err &&
	test_expect_code 65 circle session move --group mover \
	    --at "wed half past 7" 1 2>err &&
	test_grep "at: \"wed half past 7\": half past 7 is 07:30 or 19:30" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'at 7 after a day, and 7-9 without am or pm: refused with both readings' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle "the 12th at 7" \
	    2>err &&
	echo "circle-session: date: \"the 12th at 7\": 7 is 07:00 or 19:00: add am or pm, or write 19:00" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle "wed 7-9" 2>err &&
	test_grep "date: \"wed 7-9\": 7-9 is 07:00-09:00 or 19:00-21:00: add am or pm" err &&
	test_expect_code 65 circle session add --group circle tomorrow 11-1 \
	    2>err &&
	test_grep "at: \"11-1\" is 11:00-13:00 or 23:00-01:00: add am or pm" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a start with pm and an end without: the end after the start' '
	circle session add --group circle "$(day "+52 days") 7pm to 9" >out &&
	test_grep " circle $(day "+52 days")T19:00\$" out &&
	circle session add --group circle "$(day "+53 days")" 9:30am-11 >out &&
	circle session list --group circle --from "$(day "+52 days")" \
	    --to "$(day "+53 days")" | cut -f4,5 >out &&
	printf "19:00\t21:00\n09:30\t11:00\n" >want &&
	test_cmp want out
'

test_expect_success 'noon in the morning is noon, as before' '
	circle session add --group circle "tomorrow morning at noon" >out &&
	test_grep " circle $(day tomorrow)T12:00\$" out
'

test_expect_success 'session add "friday 7pm for 2 hours": the length said after the time' '
	circle session add --group circle "$(day "+81 days") 7pm for 2 hours" \
	    >out &&
	test_grep " circle $(day "+81 days")T19:00\$" out &&
	circle session list --group circle --from "$(day "+81 days")" \
	    --to "$(day "+81 days")" >out &&
	test "$(cut -f4,5 out)" = "19:00	21:00" &&
	circle session add --group circle \
	    "$(day "+82 days") 18:00 for an hour and a half" >out &&
	circle session list --group circle --from "$(day "+82 days")" \
	    --to "$(day "+82 days")" >out &&
	test "$(cut -f4,5 out)" = "18:00	19:30"
'

test_expect_success 'a length said and --for, or said with the end: refused, nothing written' '
	circle db dump >before &&
	test_expect_code 2 circle session add --group circle --for 1h \
	    "tomorrow 7pm for 2 hours" 2>err &&
	echo "circle-session: add: \"tomorrow 7pm for 2 hours\" says how long it lasts, and so does --for: give one" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle session add --group circle \
	    "tomorrow 7-9pm for 2 hours" 2>err &&
	echo "circle-session: add: \"tomorrow 7-9pm for 2 hours\" says when it ends and how long it lasts: give one" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle \
	    "tomorrow 7pm for a while" 2>err &&
	test_grep "^circle-session: for: \"a while\" is not a length" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success '7:30 and midnight: the same in one argument and in two, in --at and a group file; refused with both readings, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle "tomorrow 7:30" \
	    2>err &&
	echo "circle-session: date: \"tomorrow 7:30\": 7:30 is 07:30 or 19:30: add am or pm, or write 07:30 or 19:30" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle tomorrow 7:30 \
	    2>err &&
	echo "circle-session: at: \"7:30\" is 07:30 or 19:30: add am or pm, or write 07:30 or 19:30" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle tomorrow "at 7" \
	    2>err &&
	echo "circle-session: at: \"at 7\" is 07:00 or 19:00: add am or pm, or write 19:00" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle "tomorrow 7" \
	    2>err &&
	echo "circle-session: date: \"tomorrow 7\": 7 is 07:00 or 19:00: add am or pm (\"tomorrow at 7pm\"), or write \"tomorrow 19:00\"" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle \
	    "tomorrow midnight" 2>err &&
	test_grep "midnight begins a day and ends the one before" err &&
	test_expect_code 65 circle session add --group circle tomorrow \
	    midnight 2>err &&
	echo "circle-session: at: \"midnight\": midnight begins a day and ends the one before: write 00:00 (it begins the day) or 23:59 (it ends it)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle tomorrow \
	    midnight-2am 2>err &&
	test_grep "at: \"midnight-2am\" begins at midnight" err &&
	test_expect_code 65 circle session move --group circle --at 7.30 \
	    1 2>err &&
	test_grep "at: \"7.30\" is 07:30 or 19:30" err &&
	test_expect_code 65 circle session plan --group circle --every week \
	    --at 9:00-11:00 --from tomorrow --count 1 2>err &&
	test_grep "at: \"9:00-11:00\" is 09:00-11:00 or 21:00-23:00: add am or pm" err &&
	printf "name: Early\ntz: UTC\nschedules:\n  - every: week\n    at: \"7:30\"\n    from: 2027-01-08\n    count: 1\n" >early.yaml &&
	test_expect_code 65 circle group import early.yaml 2>err &&
	echo "circle-group: early.yaml:5:9: at: \"7:30\" is 07:30 or 19:30: add am or pm, or write 07:30 or 19:30" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session add --group circle "$(day "+90 days") 07:30" >out &&
	test_grep "T07:30\$" out &&
	circle session add --group circle "$(day "+91 days")" 00:00 >out &&
	test_grep "T00:00\$" out &&
	circle session add --group circle "$(day "+92 days") at 19" >out &&
	test_grep "T19:00\$" out
'

test_expect_success 'plan --every as a schedule is said: tuesday, every other tuesday, the first friday of the month' '
	plan() {
		circle session plan --group circle --dry-run --at 7pm \
		    --from 2027-01-01 --count 3 "$@"
	} &&
	plan --every "every other Tuesday." >out &&
	test_grep "3 sessions from 2027-01-05 to 2027-02-02 at 19:00\$" out &&
	plan --every "2 weeks" --on tue >out &&
	test_grep "3 sessions from 2027-01-05 to 2027-02-02 at 19:00\$" out &&
	plan --every tuesdays >out &&
	test_grep "3 sessions from 2027-01-05 to 2027-01-19 at 19:00\$" out &&
	plan --every "the first friday of the month" >out &&
	test_grep "3 sessions from 2027-01-01 to 2027-03-05 at 19:00\$" out &&
	plan --every "last friday of each month" >out &&
	test_grep "3 sessions from 2027-01-29 to 2027-03-26 at 19:00\$" out &&
	plan --every week --on "Tue., Thu." >out &&
	test_grep "3 sessions from 2027-01-05 to 2027-01-12 at 19:00\$" out &&
	circle db dump >before &&
	test_expect_code 65 plan --every tuesday --on wed 2>err &&
	echo "circle-session: every: \"tuesday\" names the day, and on: \"wed\" too: give one" >expect &&
	test_cmp expect err &&
	test_expect_code 65 plan --every week --on vendredi 2>err &&
	echo "circle-session: on: \"vendredi\" is French for Friday, and days are read in English: write friday" >expect &&
	test_cmp expect err &&
	test_expect_code 65 plan --every week --on "monday, vendredi" 2>err &&
	echo "circle-session: on: \"monday, vendredi\": \"vendredi\" is French for Friday, and days are read in English: write friday" >expect &&
	test_cmp expect err &&
	printf "name: Alt\ntz: UTC\nschedules:\n  - every: every other thursday\n    at: 7pm\n    from: 2027-01-01\n    count: 2\n" >alt.yaml &&
	circle group import --dry-run alt.yaml >out &&
	sed "s/count: 2/except: 3\/4\/2027/" alt.yaml >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	echo "circle-group: bad.yaml:7:13: except: \"3/4/2027\" is 3 April 2027 day first or March 4, 2027 month first; write it as YYYY-MM-DD, or set the order with '"'"'circle config set date-order dmy'"'"' (or mdy)" >expect &&
	test_cmp expect err &&
	sed "s/count: 2/except: 12\/25/" alt.yaml >bad.yaml &&
	test_expect_code 65 circle group import bad.yaml 2>err &&
	echo "circle-group: bad.yaml:7:13: except: \"12/25\": of which year? Give the year too, or write YYYY-MM-DD" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'plan --every with several days, and every 2 tuesdays' '
	plan() {
		circle session plan --group circle --dry-run --at 7pm \
		    --from 2027-02-01 --count 4 "$@"
	} &&
	plan --every "every tuesday and thursday" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-02-11 at 19:00\$" out &&
	plan --every "tue/thu" >b &&
	test_cmp out b &&
	plan --every "Tuesdays & Thursdays." >b &&
	test_cmp out b &&
	plan --every week --on "tue/thu" >b &&
	test_cmp out b &&
	plan --every "mon, wed and fri" >out &&
	test_grep "4 sessions from 2027-02-01 to 2027-02-08 at 19:00\$" out &&
	plan --every "every 2 tuesdays" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-03-16 at 19:00\$" out &&
	plan --every "every other tuesday" >b &&
	test_cmp out b &&
	plan --every "every 2 tuesday" >b &&
	test_cmp out b &&
	plan --every "every 3 tuesdays" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-04-06 at 19:00\$" out &&
	plan --every "every other tue and thu" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-02-18 at 19:00\$" out &&
	plan --every "every weekday" >out &&
	test_grep "4 sessions from 2027-02-01 to 2027-02-04 at 19:00\$" out &&
	plan --every "weekly on tuesday" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-02-23 at 19:00\$" out &&
	plan --every "every 2 weeks on tue and thu" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-02-18 at 19:00\$" out &&
	plan --every "monthly on the 15th" >out &&
	test_grep "4 sessions from 2027-02-15 to 2027-05-15 at 19:00\$" out &&
	plan --every "every month on the last friday" >out &&
	test_grep "4 sessions from 2027-02-26 to 2027-05-28 at 19:00\$" out &&
	plan --every "1st and 3rd tuesday" >out &&
	test_grep "4 sessions from 2027-02-02 to 2027-03-16 at 19:00\$" out &&
	plan --every "mon-fri" >out &&
	test_grep "4 sessions from 2027-02-01 to 2027-02-04 at 19:00\$" out &&
	circle db dump >before &&
	test_expect_code 65 plan --every biweekly 2>err &&
	echo "circle-session: every: \"biweekly\" is every two weeks to some and twice a week to others: write 2 weeks (or every other tuesday), or the days (tue and thu)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 plan --every "twice a week" 2>err &&
	test_grep "\"twice a week\" says how often, not on which days: give the days" err &&
	test_expect_code 65 plan --every "weekly on tue" --on wed 2>err &&
	test_grep "names the day, and on: \"wed\" too: give one" err &&
	test_expect_code 65 plan --every "every second tuesday" 2>err &&
	echo "circle-session: every: \"every second tuesday\" is every 2 weeks to some and the second tuesday of each month to others: write \"every 2 tuesdays\" or \"the second tuesday of the month\"" >expect &&
	test_cmp expect err &&
	test_expect_code 65 plan --every "tue and" 2>err &&
	test_grep "\"tue and\" is not a frequency" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a day as a new user types it, in every tool: blanks, a point at the end, another language refused naming the day' '
	circle session list --group circle --from "  next   week. " \
	    --to "next week" >a &&
	circle session list --group circle --from "next week" \
	    --to "next week" >b &&
	test_cmp b a &&
	circle report sessions --group circle --from "Dec 1." >/dev/null &&
	circle report sessions --group circle --from "the last 7 days" \
	    --to "last 7 days" >a &&
	circle report sessions --group circle --from "$(day "-6 days")" \
	    --to "$TODAY" >b &&
	test_cmp b a &&
	circle report sessions --group circle --since "last 7 days" \
	    --until today >a &&
	test_cmp b a &&
	test_expect_code 65 circle report sessions --group circle \
	    --from Freitag 2>err &&
	echo "circle-report: from: \"Freitag\" is German for Friday, and days are read in English (or in the language of LANG): write friday or fri (next fri, last fri)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle db extract --since "lundi dernier" \
	    -o x.db 2>err &&
	test_grep "since: \"lundi dernier\": \"lundi\" is French for Monday" err &&
	test ! -e x.db &&
	test_expect_code 65 circle session show vendredi 2>err &&
	test_grep "session: date: \"vendredi\" is French for Friday" err &&
	test_expect_code 65 circle session show wensday 2>err &&
	test_grep "did you mean wednesday?" err
'

test_expect_success 'a time with its end across a clock change: the end said is kept, the length as the hours pass' '
	circle group add --tz America/New_York "New York" >/dev/null &&
	circle session add --group new-york "2027-03-13 11pm-3am" >/dev/null &&
	circle session add --group new-york 2027-11-06 11pm-1am >/dev/null &&
	circle session list --group new-york --from 2027-03-13 \
	    --to 2027-11-06 | cut -f3-5 >out &&
	printf "%s\t%s\t%s\n" 2027-03-13 23:00 2027-03-14T03:00 \
	    2027-11-06 23:00 2027-11-07T01:00 >want &&
	test_cmp want out &&
	test "$(circle session show --group new-york --format tsv \
	    2027-03-13 | sed -n "s/^duration\t//p")" = 180
'

test_expect_success 'an end said across the night the clocks go back is kept: the hour they go back is in its length' '
	circle session add --group new-york "2027-11-06 11pm-3am" >/dev/null &&
	circle session add --group new-york "2027-11-06 10pm-2:30am" \
	    >/dev/null &&
	circle session list --group new-york --from 2027-11-06 \
	    --to 2027-11-06 | cut -f3-5 >out &&
	printf "%s\t%s\t%s\n" 2027-11-06 22:00 2027-11-07T02:30 \
	    2027-11-06 23:00 2027-11-07T01:00 \
	    2027-11-06 23:00 2027-11-07T03:00 >want &&
	test_cmp want out &&
	circle session list --group new-york --from 2027-11-06 \
	    --to 2027-11-06 --format json >json &&
	test_grep "\"start\":\"23:00\",\"end\":\"2027-11-07T03:00\".*\"starts_at\":\"2027-11-07T03:00:00Z\",\"ends_at\":\"2027-11-07T08:00:00Z\"" json &&
	test_grep "\"starts_at\":\"2027-11-07T02:00:00Z\",\"ends_at\":\"2027-11-07T07:30:00Z\"" json
'

test_expect_success 'an end in the gap the clocks go forward by is moved on by it, and said' '
	circle session add --group new-york "2027-03-13 11pm-2:30am" \
	    >/dev/null 2>err &&
	echo "circle-session: warning: 2027-03-14 02:30 does not exist in America/New_York (clocks go forward): the session ends at 03:30" >expect &&
	grep "does not exist" err >actual &&
	test_cmp expect actual
'

test_expect_success 'a session moved to a time with its end across a clock change ends when said, as one added does' '
	circle group add --tz America/New_York Moves >/dev/null &&
	circle session add --group moves 2027-03-20 7pm >/dev/null &&
	circle session add --group moves 2027-11-06 7pm >/dev/null &&
	circle session move --group moves 2027-03-20 \
	    --at "2027-03-13 11pm-3am" >out &&
	echo "1 session moved, now lasting 3h" >expect &&
	test_cmp expect out &&
	circle session move --group moves 2027-11-06 --at 11pm-3am >out &&
	echo "1 session moved, now lasting 5h" >expect &&
	test_cmp expect out &&
	circle session list --group moves --from 2027-03-01 \
	    --to 2027-11-30 | cut -f3-5 >out &&
	printf "%s\t%s\t%s\n" 2027-03-13 23:00 2027-03-14T03:00 \
	    2027-11-06 23:00 2027-11-07T03:00 >want &&
	test_cmp want out
'

test_expect_success 'a time after "at" is read the same by add, plan and move' '
	circle group add --tz UTC "At" >/dev/null &&
	circle session add --group at 2027-02-01 "at 7pm-9pm" >/dev/null &&
	circle session add --group at 2027-02-02 7pm >/dev/null &&
	circle session move --group at 2027-02-02 --at "at 8pm" >/dev/null &&
	circle session add --group at 2027-02-03 7pm >/dev/null &&
	circle session move --group at 2027-02-03 --at "at 8pm-10pm" \
	    >/dev/null &&
	circle session plan --group at --every week --on fri \
	    --from 2027-02-05 --count 1 --at "at 7pm-9pm" >/dev/null &&
	circle session list --group at --from 2027-02-01 \
	    --to 2027-02-05 | cut -f3-5 >out &&
	printf "%s\t%s\t%s\n" 2027-02-01 19:00 21:00 2027-02-02 20:00 21:30 \
	    2027-02-03 20:00 22:00 2027-02-05 19:00 21:00 >want &&
	test_cmp want out
'

test_expect_success 'an hour of the 24-hour clock alone is that hour after a day too, as it is after at' '
	circle group add --tz UTC Hours >/dev/null &&
	circle session add --group hours "2055-06-03 19" >/dev/null &&
	circle session add --group hours 2055-06-04 19 >/dev/null &&
	circle session add --group hours "2055-06-05 at 19" >/dev/null &&
	circle session add --group hours "fri 19" >/dev/null &&
	circle session list --group hours --from 2055-06-03 \
	    --to 2055-06-05 | cut -f3,4 >out &&
	printf "%s\t19:00\n" 2055-06-03 2055-06-04 2055-06-05 >want &&
	test_cmp want out &&
	# fri: the next Friday, today on a Friday
	fri=$(date -u -d "+$(( (12 - $(date -u +%u)) % 7 )) days" +%F) &&
	circle session list --group hours --to 2055-01-01 | cut -f3,4 >out &&
	printf "%s\t19:00\n" "$fri" >want &&
	test_cmp want out &&
	test_expect_code 65 circle session add --group hours \
	    "2027-06-03 7" 2>err &&
	test_grep "7 is 07:00 or 19:00: add am or pm" err &&
	test_expect_code 2 circle session add --group hours "dec 19" 2>err &&
	test_grep "give the day and the time" err
'

test_expect_success 'a series begun at midnight said so is refused with the weekday after to give, not a day after it has none of' '
	circle db dump >before &&
	test_expect_code 65 circle session plan --group hours --every week \
	    --on fri --from 2027-01-01 --count 2 --at 12am-2am 2>err &&
	echo "circle-session: at: \"12am-2am\" begins at midnight, which begins a day and ends the one before: write 00:00-02:00 and, for the night after a day, --on the weekday after it (--on sat for friday night)" >expect &&
	test_cmp expect err &&
	printf "name: Late\ntz: UTC\nschedules:\n  - every: week\n    on: fri\n    at: 12am-2am\n    from: 2027-01-01\n    count: 2\n" >late.yaml &&
	test_expect_code 65 circle group import late.yaml 2>err &&
	echo "circle-group: late.yaml:6:9: at: \"12am-2am\" begins at midnight, which begins a day and ends the one before: write 00:00-02:00 and, for the night after a day, on: the weekday after it (on: sat for friday night)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group hours 2027-01-01 \
	    12am-2am 2>err &&
	test_grep "write 00:00-02:00, on the day after for the night after a day" err &&
	circle db dump >after &&
	test_cmp before after
'

# A 24-hour clock read aloud, four digits after the day in one argument:
# what to write (two arguments take 1900 as 19:00); a year is not one.
test_expect_success 'add "tomorrow at 1900" says to write 19:00; "dec 1 2026" is a day' '
	n=$(test_sql "SELECT count(*) FROM session") &&
	test_expect_code 65 circle session add --group circle \
	    "tomorrow at 1900" 2>err &&
	echo "circle-session: date: \"tomorrow at 1900\": write 1900 as 19:00 (\"tomorrow 19:00\")" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle "wed 0930" \
	    2>err &&
	test_grep "write 0930 as 09:30 (\"wed 09:30\")" err &&
	test_expect_code 2 circle session add --group circle "dec 1 2026" \
	    2>err &&
	test_grep "give the day and the time" err &&
	test "$(test_sql "SELECT count(*) FROM session")" = "$n"
'

# Four digits beside --at: a year, or the time meant for --at (plan
# --from 1900 planned a year of sessions in 1900); a year in a listing,
# and next year when --at gives the time (--from 2027 was refused).
test_expect_success 'four digits as a day where a session gets its time: the year or the time, refused with both' '
	circle db dump >before &&
	test_expect_code 65 circle session plan --group circle --every week \
	    --at 7pm --from 1900 --count 2 2>err &&
	echo "circle-session: from: \"1900\" is the year 1900 or the time 19:00: give the day here (1900-01-01, next mon), and the time with --at 19:00" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session plan --group circle --every week \
	    --at 7pm --from tomorrow --until 2100 2>err &&
	test_grep "until: \"2100\" is the year 2100 or the time 21:00: give the day here (2100-12-31, next mon)" err &&
	test_expect_code 65 circle session move --group circle next \
	    --to-date 2030 2>err &&
	test_grep "to-date: \"2030\" is the year 2030 or the time 20:30" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session plan --group circle --every week --at 7pm \
	    --from 2075 --count 1 --dry-run >out &&
	test_grep "from 2075-01-0" out &&
	next=$(($(date +%Y) + 1)) &&
	circle session plan --group circle --every week --at 7pm \
	    --from $next --count 1 --dry-run >out &&
	test_grep "from $next-01-0" out &&
	test_expect_code 1 circle session list --group circle --from 2100 \
	    --to 2100 >out &&
	test_must_be_empty out &&
	test_expect_code 1 circle session list --group circle --in 2100 >out &&
	test_must_be_empty out
'

# A time typed with its hour and minutes apart (7 30pm) after a day; a
# day's number before a time is the day's (dec 1 12pm is noon on the 1st).
test_expect_success 'add "MON D 12pm" is noon on that day, and "D 7 30pm" 19:30' '
	first=$(day "$(date -u +%Y-%m-01) + 2 months") &&
	d=$(day "$first + 4 days") &&
	said=$(date -u -d "$d" +"%b %-d") &&
	circle session add --group circle "$said 12pm" >out &&
	test_grep "${d}T12:00" out &&
	e=$(day "$first + 5 days") &&
	circle session add --group circle "$(date -u -d "$e" +"%b %-d") 7 30pm" \
	    >out &&
	test_grep "${e}T19:30" out
'

# A facilitator who types in the locale's language: its weekdays are read
# as English ones, in a session's day and a listing's ends; words beside
# them that say nothing are refused, nothing written.
test_expect_success 'weekdays in the locale'"'"'s language: read; other words beside them refused' '
	circle session add --group circle "next friday" 18:05 |
	    cut -d" " -f2- >want &&
	circle undo --yes >/dev/null &&
	LC_ALL=fr_FR.UTF-8 circle session add --group circle \
	    "vendredi prochain" 18h05 | cut -d" " -f2- >out &&
	test_cmp want out &&
	circle undo --yes >/dev/null &&
	LC_ALL=de_DE.UTF-8 circle session add --group circle "am Freitag" \
	    "18:05 Uhr" | cut -d" " -f2- >out &&
	test_cmp want out &&
	circle undo --yes >/dev/null &&
	circle session list --group circle --from "last tuesday" \
	    --to "next friday" >want &&
	test -s want &&
	LC_ALL=es_ES.UTF-8 circle session list --group circle \
	    --from "el martes pasado" --to "el próximo viernes" >out &&
	test_cmp want out &&
	LC_ALL=fr_FR.UTF-8 circle session plan --group circle --every week \
	    --on "lun., jeu." --at 18h05 --from demain --count 4 \
	    --dry-run >out &&
	circle session plan --group circle --every week --on "mon, thu" \
	    --at 18:05 --from tomorrow --count 4 --dry-run >want &&
	test_cmp want out &&
	LC_ALL=de_DE.UTF-8 circle session plan --group circle --every Freitag \
	    --at "18 Uhr" --from morgen --count 2 --dry-run >out &&
	circle session plan --group circle --every friday --at 18:00 \
	    --from tomorrow --count 2 --dry-run >want &&
	test_cmp want out &&
	circle db dump >before &&
	test_expect_code 65 env LC_ALL=de_DE.UTF-8 circle session add \
	    --group circle "nächster Freitag" 19:00 2>err &&
	echo "circle-session: date: \"nächster Freitag\" is not a date (read as \"nachster friday\"): write the day as nächsten Freitag, diesen Freitag, letzten Freitag, or in English (friday, next fri, fri next week)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle session add --group circle vendredi \
	    19:00 2>err &&
	test_grep "\"vendredi\" is French for Friday, and days are read in English (or in the language of LANG)" err &&
	circle db dump >after &&
	test_cmp before after
'

# 7時半 is 7:30 as Japanese writes it: two times, as 7:30 is, refused;
# 午後7時半 and 19時30分 are one.
test_expect_success 'an hour of one digit in Japanese without 午前 or 午後 is two times: refused, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group circle \
	    "tomorrow 7時半" 2>err &&
	test_grep "7時半 is 07:30 or 19:30: add am or pm" err &&
	test_expect_code 65 circle session add --group circle tomorrow \
	    "7時" 2>err &&
	test_grep "is 07:00 or 19:00" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session add --group circle "tomorrow 午後7時半" >out &&
	test_grep "T19:30\$" out &&
	circle undo --yes >/dev/null
'

test_done
