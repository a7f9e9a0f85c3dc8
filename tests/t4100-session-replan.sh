#!/bin/sh
test_description='circle session: planning again and moving a series keep what the man page says'
. "$(dirname "$0")/test-lib.sh"

# starts KEY: the local starts of the sessions of the series named KEY.
starts() {
	test_sql "SELECT s.local_start FROM session s JOIN series r
	    ON r.id = s.series_id WHERE r.key = '$1' ORDER BY s.starts_at"
}

day() {
	date -u -d "$1" +%F
}
# Weekly from 17 days ago: three past, none today, two to come.
M17=$(day '-17 days')
P4=$(day '+4 days')

test_expect_success 'setup: a fresh database and a group in London' '
	test_fresh_db &&
	circle group add --tz Europe/London "Thursday Group" >out &&
	echo thursday-group >expect &&
	test_cmp expect out
'

test_expect_success '"every other week" and "fortnight" are every 2 weeks' '
	circle session plan --name other --every "other week" --on thursday \
	    --at 18:30 --from 2027-01-07 --count 3 >out &&
	echo "3 added, 0 moved, 0 removed; 3 sessions from 2027-01-07 to 2027-02-04 at 18:30" >expect &&
	test_cmp expect out &&
	circle session plan --name fortnight --every fortnight --on thursday \
	    --at 18:30 --from 2027-01-07 --count 3 >out &&
	test_cmp expect out &&
	test_expect_code 65 circle session plan --name bad --every "2 week" \
	    --at 18:30 --from 2027-01-07 --count 3 2>err &&
	test_grep "^circle-session: every: " err
'

test_expect_success 'planning again without --through keeps an extended horizon' '
	circle session plan --name open --every week --at 10:00 \
	    --from 2055-01-04 --through 2056-12-31 >out &&
	test_grep "sessions from 2055-01-04 to 2056-12-25 at 10:00$" out &&
	circle session plan --name open --every week --at 10:00 \
	    --from 2055-01-04 >out &&
	echo "0 added, 0 moved, 0 removed; 104 sessions from 2055-01-04 to 2056-12-25 at 10:00" >expect &&
	test_cmp expect out
'

# Far ahead, so that the sessions are still to come when the suite runs.
test_expect_success 'planning again with a new length changes the sessions to come' '
	circle session plan --name len --every week --at 10:00 --for 60 \
	    --from 2055-03-01 --count 2 >out &&
	circle session plan --name len --every week --at 10:00 --for 2h \
	    --from 2055-03-01 --count 2 >out &&
	echo "0 added, 2 moved, 0 removed; 2 sessions from 2055-03-01 to 2055-03-08 at 10:00" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT group_concat(ends_at) FROM session s JOIN
	    series r ON r.id = s.series_id WHERE r.key = '\''len'\''")" = \
	    "2055-03-01T12:00:00Z,2055-03-08T12:00:00Z"
'

test_expect_success 'a new time moves only the sessions to come, and says so' '
	circle session plan --name past --every week --at 19:00 \
	    --from "$M17" --count 5 >out &&
	circle session plan --name past --every week --at 18:00 \
	    --from "$M17" --count 5 >out &&
	test_grep "^0 added, 2 moved, 0 removed; 5 sessions " out &&
	starts past | cut -c12- >actual &&
	printf "19:00\n19:00\n19:00\n18:00\n18:00\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'move --whole-series leaves the sessions that have begun' '
	id=$(test_sql "SELECT s.id FROM session s JOIN series r ON
	    r.id = s.series_id WHERE r.key = '\''past'\'' AND
	    s.local_start LIKE '\''$P4%'\''") &&
	circle session move --whole-series --at 20:00 "$id" >out &&
	echo "2 sessions moved" >expect &&
	test_cmp expect out &&
	starts past | cut -c12- >actual &&
	printf "19:00\n19:00\n19:00\n20:00\n20:00\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a monthly series does not move by whole weeks either' '
	circle session plan --name monthly --every month --on "1st sunday" \
	    --at 16:00 --from 2027-01-01 --count 3 >out &&
	before=$(starts monthly) &&
	test_expect_code 65 circle session move --whole-series --to-date 2027-01-10 \
	    2027-01-03 2>err &&
	test_grep "^circle-session: to: a monthly series moves only" err &&
	test "$(starts monthly)" = "$before"
'

test_expect_success 'a group file with two schedules of one name is refused' '
	cat >two.yaml <<-\EOF &&
	name: Two Schedules
	schedules:
	  - {name: a, every: week, at: "19:00", from: 2027-01-05, count: 2}
	  - {name: a, every: week, at: "20:00", from: 2027-01-05, count: 2}
	EOF
	test_expect_code 65 circle group import two.yaml 2>err &&
	test_grep "^circle-group: two.yaml:4:5: schedules: two are named \"a\"" err &&
	test "$(test_sql "SELECT count(*) FROM grp WHERE
	    handle = '\''two-schedules'\''")" = 0
'

test_done
