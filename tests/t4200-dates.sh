#!/bin/sh
test_description='dates as people say them, in sessions and options: today,
yesterday, weekdays, +3d, 12/23 by the configured order, GROUP:DATE, the
nearest sessions when a day has none; my time zone beside the group'"'"'s'
. "$(dirname "$0")/test-lib.sh"

# TZ is UTC here, so today is the UTC date.
day() {
	date -u -d "$1" +%F
}
TODAY=$(day today)
YESTERDAY=$(day yesterday)
LASTWEEKDAY=$(date -u -d yesterday +%a | tr A-Z a-z)

# show_field SESSION NAME [OPTIONS]: one field of "circle session show".
show_field() {
	_ref=$1 _name=$2 &&
	shift 2 &&
	circle session show --json "$@" -- "$_ref" | "$PY" -c \
	    'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' \
	    "$_name"
}
PY=/usr/bin/python3

test_expect_success 'setup: two groups, sessions yesterday and in two days' '
	circle init >/dev/null &&
	circle group add --tz UTC Wednesday >/dev/null &&
	circle group add --tz Europe/London "London Online" >/dev/null &&
	circle session add --group wednesday "$YESTERDAY" 19:00 >/dev/null &&
	circle session add --group wednesday "$(day "+2 days")" 19:00 \
	    >/dev/null &&
	circle session add --group london-online "$YESTERDAY" 10:00 \
	    >/dev/null
'

test_expect_success 'a day shared by two groups is ambiguous; GROUP:DAY is not' '
	test_expect_code 1 circle session show yesterday 2>err &&
	test_grep "ambiguous" err &&
	test_grep "GROUP:yesterday" err &&
	test "$(show_field wednesday:yesterday start)" = 19:00 &&
	test "$(show_field london-online:yesterday start)" = 10:00 &&
	test "$(show_field yesterday start --group london)" = 10:00 &&
	test "$(show_field "london:$YESTERDAY" start)" = 10:00 &&
	test "$(show_field "wednesday:$YESTERDAY 19:00" id)" = 1
'

test_expect_success 'two sessions of one group at one time: the id is the way to name one' '
	circle session add --group wednesday 2030-01-09 19:00 >/dev/null &&
	circle session add --group wednesday 2030-01-09 19:00 >/dev/null \
	    2>/dev/null &&
	test_expect_code 1 circle session show --group wednesday 2030-01-09 \
	    2>err &&
	test_grep "is ambiguous: .*(give the id)\$" err &&
	test_expect_code 1 circle session show wednesday:2030-01-09 2>err &&
	test_grep "(give the id)\$" err &&
	circle session add --group wednesday 2030-01-16 19:00 >/dev/null &&
	circle session add --group wednesday 2030-01-16 20:00 >/dev/null &&
	test_expect_code 1 circle session show --group wednesday 2030-01-16 \
	    2>err &&
	test_grep "(give a time, YYYY-MM-DDTHH:MM, or the id)\$" err
'

test_expect_success 'GROUP: and another --group is a usage error' '
	test_expect_code 2 circle session show --group wednesday \
	    london-online:yesterday 2>err &&
	test_grep "not in --group wednesday" err
'

test_expect_success 'words: yesterday, last WEEKDAY, +2d, a day and a time' '
	test "$(show_field "last $LASTWEEKDAY" date --group wednesday)" = \
	    "$YESTERDAY" &&
	test "$(show_field +2d date --group wednesday)" = "$(day "+2 days")" &&
	test "$(show_field -1d date --group wednesday)" = "$YESTERDAY" &&
	test "$(show_field "yesterday 19:00" group)" = wednesday &&
	test "$(show_field "yesterday 10:00" group)" = london-online
'

test_expect_success 'today with no session names last and next' '
	test_expect_code 1 circle attend mark --group wednesday today \
	    nobody 2>err &&
	test_grep "no session today in that group; \"last\" was yesterday, 19:00; \"next\" is .* $(day "+2 days"), 19:00" err &&
	test_expect_code 1 circle session show today 2>err &&
	test_grep "\"last\" was yesterday, .* (" err
'

test_expect_success 'another day with none names the nearest on each side' '
	test_expect_code 1 circle session show --group wednesday tomorrow \
	    2>err &&
	test_grep "no session tomorrow in that group; the nearest: yesterday, 19:00 and .* $(day "+2 days"), 19:00" err
'

test_expect_success 'a day with none in any group: the nearest of the configured group, when it has any' '
	test_expect_code 1 circle session show tomorrow 2>err &&
	test_grep "no session tomorrow; the nearest: yesterday, 19:00 (wednesday) and " err &&
	circle config set group london-online &&
	test_expect_code 1 circle session show tomorrow 2>err &&
	echo "circle-session: no session tomorrow; the nearest of london-online: yesterday, 10:00" >expect &&
	test_cmp expect err &&
	test_expect_code 1 circle session show today 2>err &&
	echo "circle-session: no session today; \"last\" of london-online was yesterday, 10:00" >expect &&
	test_cmp expect err &&
	circle config unset group
'

test_expect_success 'a word that is no date at all is a usage error' '
	test_expect_code 2 circle session show someday 2>err &&
	test_grep "\"someday\" is not an id, next, last, today" err &&
	test_expect_code 65 circle session show +3x 2>err &&
	test_grep "days or weeks" err
'

test_expect_success 'slashes: one reading taken, two refused with both' '
	circle session add --group wednesday 2030-03-04 19:00 >/dev/null &&
	circle session add --group wednesday 2030-12-23 19:00 >/dev/null &&
	test "$(show_field 23/12/2030 date)" = 2030-12-23 &&
	test "$(show_field 12/23/2030 date)" = 2030-12-23 &&
	test_expect_code 65 circle session show 03/04/2030 2>err &&
	test_grep "March 4 (2030-03-04, month first) or 3 April (2030-04-03, day first)" err &&
	test_grep "circle config set date-order" err
'

test_expect_success 'slashes in the configured order' '
	circle config set date-order mdy &&
	test "$(show_field 03/04/2030 date)" = 2030-03-04 &&
	test_expect_code 65 circle session show 23/12/2030 2>err &&
	test_grep "month first (date-order mdy)" err &&
	circle config set date-order dmy &&
	test_expect_code 1 circle session show 03/04/2030 2>err &&
	test_grep "no session on Wednesday 2030-04-03" err &&
	circle config set date-order DD/MM/YYYY &&
	test_expect_code 1 circle session show 03/04/2030 2>err &&
	test_grep "no session on Wednesday 2030-04-03" err &&
	circle config set date-order mm-dd-yyyy &&
	test "$(show_field 03/04/2030 date)" = 2030-03-04 &&
	circle config set date-order UK &&
	test_expect_code 1 circle session show 03/04/2030 2>err &&
	test_grep "no session on Wednesday 2030-04-03" err &&
	circle config set date-order "month first" &&
	test "$(show_field 03/04/2030 date)" = 2030-03-04 &&
	circle config set date-order us &&
	test "$(show_field 03/04/2030 date)" = 2030-03-04 &&
	circle config unset date-order
'

test_expect_success 'date options take the same forms, checked as before' '
	circle session list --group wednesday --from yesterday --to tomorrow \
	    >out &&
	test "$(cut -f3 out)" = "$YESTERDAY" &&
	circle session list --group wednesday --from -1w --to +3d >out &&
	test "$(wc -l <out)" = 2 &&
	test_expect_code 65 circle session list --from soon 2>err &&
	test_grep "^circle-session: from: \"soon\" is not a date" err &&
	test_expect_code 65 circle session list --from 2026-02-30 2>err &&
	test_grep "\"2026-02-30\" is not a date" err
'

test_expect_success 'session add and move take a day as said' '
	circle session add --group wednesday tomorrow 08:00 >out &&
	test_grep " wednesday $(day tomorrow)T08:00\$" out &&
	id=$(cut -d" " -f1 out) &&
	circle session move --group wednesday --to +5d "$id" >/dev/null &&
	test "$(show_field "$id" date)" = "$(day "+5 days")" &&
	circle session cancel "$id" &&
	test_expect_code 65 circle session add --group wednesday 13/13 08:00 \
	    2>err &&
	test_grep "13/13" err
'

test_expect_success 'the configured group is looked at first' '
	circle config set group london-online &&
	test "$(show_field yesterday start)" = 10:00 &&
	test "$(show_field "+2d" group)" = wednesday &&
	circle config unset group
'

test_expect_success 'setup: a London session seen from Chicago' '
	circle session add --group london-online 2030-01-05 10:00 >/dev/null &&
	circle config set timezone America/Chicago
'

test_expect_success 'session list: a table shows the start here, TSV keeps its columns' '
	circle session list --group london --from 2030-01-05 --to 2030-01-05 \
	    --format table >out &&
	test_grep "here_tz" out &&
	test_grep "10:00 .*Europe/London *04:00 *America/Chicago" out &&
	circle session list --group london --from 2030-01-05 --to 2030-01-05 \
	    >out &&
	test "$(awk -F"	" "{print NF}" out)" = 8 &&
	circle session list --group wednesday --format table --from \
	    2030-01-01 --tz UTC >out &&
	! test_grep "here" out
'

test_expect_success 'JSON carries local and UTC instants and the start here' '
	circle session list --group london --from 2030-01-05 --to 2030-01-05 \
	    --json >out &&
	"$PY" -c "import json, sys; s = json.load(open(\"out\"))[0]
assert s[\"start\"] == \"10:00\" and s[\"tz\"] == \"Europe/London\", s
assert s[\"starts_at\"] == \"2030-01-05T10:00:00Z\", s
assert s[\"here\"] == \"04:00\" and s[\"here_tz\"] == \"America/Chicago\", s"
'

test_expect_success 'show and prep say the start here; --tz another zone' '
	test "$(show_field london:2030-01-05 here)" = 04:00 &&
	test "$(show_field london:2030-01-05 here --tz Asia/Tokyo)" = 19:00 &&
	test "$(show_field london:2030-01-05 here --tz Pacific/Kiritimati)" = \
	    "2030-01-06 00:00" &&
	circle session prep london:2030-01-05 >out &&
	test_grep "When: *2030-01-05 10:00-.* (Europe/London; 04:00 here, America/Chicago)" out &&
	circle session prep --json london:2030-01-05 >out &&
	test_grep "\"here\"" out &&
	circle session prep --tz Europe/London london:2030-01-05 >out &&
	test_grep "^When: .*(Europe/London)\$" out &&
	test_expect_code 65 circle session show --tz Mars/Base 1 2>err &&
	test_grep "tz" err
'

test_expect_success 'a day word is relative to the group'"'"'s zone' '
	circle group add --tz Pacific/Kiritimati Island >/dev/null &&
	island=$(TZ=Pacific/Kiritimati date +%F) &&
	circle session add --group island today 12:00 >out &&
	test_grep "$island" out
'

test_done
