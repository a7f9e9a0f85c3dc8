#!/bin/sh
test_description='circle session: plan, add, list, show, edit, cancel, move, prep'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# py SCRIPT FILE: run a python check on FILE (sys.argv[1]).
py() {
	/usr/bin/python3 -c "$1" "$2"
}

# starts KEY: the local starts of the sessions of the series named KEY.
starts() {
	test_sql "SELECT s.local_start FROM session s JOIN series r
	    ON r.id = s.series_id WHERE r.key = '$1' ORDER BY s.starts_at"
}

# sid GROUP LOCAL: the id of GROUP's session starting at LOCAL (date T time).
sid() {
	test_sql "SELECT s.id FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '$1' AND s.local_start = '$2'"
}

# col ID COLUMN: one column of a session row.
col() {
	test_sql "SELECT $2 FROM session WHERE id = $1"
}

# field NAME <SHOW-OUTPUT: the value of one field of "circle session show".
field() {
	sed -n "s/^$1	//p"
}

# plan_fails FIELD ARGS...: plan exits 65, the message names FIELD, and
# the database is as it was (db dump).
plan_fails() {
	_field=$1
	shift
	circle db dump >plan.before &&
	test_expect_code 65 circle session plan "$@" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-session: $_field: " err &&
	circle db dump >plan.after &&
	test_cmp plan.before plan.after
}

# Dates around today (UTC, as the harness runs), for what is about now.
day() {
	date -u -d "$1" +%F
}
TODAY=$(day now)
# "today" for a group is the date in its zone: Los Angeles is a day behind
# UTC from 00:00 to 08:00 UTC.
LA_TODAY=$(TZ=America/Los_Angeles date +%F)
M16=$(day '-16 days')
M14=$(day '-14 days')
M9=$(day '-9 days')
M7=$(day '-7 days')
M3=$(day '-3 days')
M2=$(day '-2 days')
P3=$(day '+3 days')
P5=$(day '+5 days')
P6=$(day '+6 days')
P10=$(day '+10 days')
P12=$(day '+12 days')
P17=$(day '+17 days')
P19=$(day '+19 days')
P20=$(day '+20 days')
P26=$(day '+26 days')
P33=$(day '+33 days')
M30=$(day '-30 days')

test_expect_success 'setup: a fresh database and a group in Los Angeles' '
	test_fresh_db &&
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" "LA Circle" >out &&
	echo la-circle >expect &&
	test_cmp expect out
'

# plan

test_expect_success 'plan every week on tuesday through a year' '
	circle session plan --group la-circle --name weekly --every week \
	    --on tuesday --at 19:00 --from 2026-01-06 --until 2026-12-29 >out &&
	echo "52 added, 0 moved, 0 removed; 52 sessions from 2026-01-06 to 2026-12-29 at 19:00" >expect &&
	test_cmp expect out &&
	test "$(count session)" = 52 &&
	test "$(count series)" = 1 &&
	test "$(count session "strftime('\''%w'\'', substr(local_start, 1, 10))
	    != '\''2'\''")" = 0
'

test_expect_success '19:00 in Los Angeles stays 19:00 across both clock changes' '
	circle session list --group la-circle --from 2026-01-01 \
	    --to 2026-12-31 --format json >list.json &&
	/usr/bin/python3 - list.json <<-\EOF
	import json, sys, datetime
	rows = json.load(open(sys.argv[1]))
	assert len(rows) == 52, len(rows)
	days = [datetime.date.fromisoformat(r["date"]) for r in rows]
	assert days[0] == datetime.date(2026, 1, 6), days[0]
	assert days[-1] == datetime.date(2026, 12, 29), days[-1]
	for a, b in zip(days, days[1:]):
	    assert (b - a).days == 7, (a, b)
	for r in rows:
	    assert r["start"] == "19:00" and r["end"] == "20:30", r
	    assert r["status"] == "scheduled", r
	    assert r["location"] == "Room 4", r
	# the weeks around 2026-03-08 and 2026-11-01 are there
	for d in ("2026-03-03", "2026-03-10", "2026-10-27", "2026-11-03"):
	    assert datetime.date.fromisoformat(d) in days, d
	EOF
'

test_expect_success 'and is stored in UTC: 03:00Z in winter, 02:00Z in summer' '
	for d in 2026-01-06 2026-03-03 2026-11-03 2026-12-29; do
		test "$(test_sql "SELECT starts_at FROM session
		    WHERE local_start = '\''${d}T19:00'\''")" = \
		    "$(day "$d +1 day")T03:00:00Z" || return 1
	done &&
	for d in 2026-03-10 2026-06-30 2026-10-27; do
		test "$(test_sql "SELECT starts_at FROM session
		    WHERE local_start = '\''${d}T19:00'\''")" = \
		    "$(day "$d +1 day")T02:00:00Z" || return 1
	done &&
	test_sql "SELECT local_start, starts_at, ends_at FROM session
	    ORDER BY starts_at" >pairs &&
	/usr/bin/python3 - pairs <<-\EOF
	import sys, datetime
	from zoneinfo import ZoneInfo
	la = ZoneInfo("America/Los_Angeles")
	summer = winter = 0
	for line in open(sys.argv[1]):
	    local, start, end = line.strip().split("|")
	    want = datetime.datetime.fromisoformat(local).replace(tzinfo=la)
	    got = datetime.datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ")
	    got = got.replace(tzinfo=datetime.timezone.utc)
	    assert got == want, (local, start)
	    stop = datetime.datetime.strptime(end, "%Y-%m-%dT%H:%M:%SZ")
	    stop = stop.replace(tzinfo=datetime.timezone.utc)
	    assert stop - got == datetime.timedelta(minutes=90), (start, end)
	    if got.hour == 2:
	        summer += 1
	    else:
	        winter += 1
	assert summer == 34 and winter == 18, (summer, winter)
	EOF
'

test_expect_success 'show gives the local time and the UTC instant' '
	circle session show --group la-circle 2026-03-10 >out &&
	test "$(field start <out)" = 19:00 &&
	test "$(field end <out)" = 20:30 &&
	test "$(field tz <out)" = America/Los_Angeles &&
	test "$(field starts_at <out)" = 2026-03-11T02:00:00Z &&
	test "$(field duration <out)" = 90
'

test_expect_success 'plan every 2 weeks on thursday until a date' '
	circle session plan --group la-circle --name fortnight \
	    --every "2 weeks" --on thursday --at 18:00 --from 2027-01-07 \
	    --until 2027-03-04 >out &&
	echo "5 added, 0 moved, 0 removed; 5 sessions from 2027-01-07 to 2027-03-04 at 18:00" >expect &&
	test_cmp expect out &&
	starts fortnight >actual &&
	cat >expect <<-\EOF &&
	2027-01-07T18:00
	2027-01-21T18:00
	2027-02-04T18:00
	2027-02-18T18:00
	2027-03-04T18:00
	EOF
	test_cmp expect actual
'

# The same plan at a new time without its --name is a second series beside
# the first: made, as asked, with a warning that says how to move the first.
test_expect_success 'a plan at a new time without its name: a second series, warned' '
	circle group add --tz Europe/London twice >/dev/null &&
	circle session plan --group twice --every "2 weeks" --on thursday \
	    --at 18:30 --from 2055-01-06 --count 3 >out 2>err &&
	test_must_be_empty err &&
	circle session plan --group twice --every "2 weeks" --on thursday \
	    --at 19:00 --from 2055-01-06 --count 3 >out 2>err &&
	test_grep "^3 added" out &&
	echo "circle-session: warning: 3 of its sessions are held at the same time as another of the group'"'"'s, the first with 2055-01-07T18:30 (to move that series instead: circle undo, then circle session move --following --at 19:00 2055-01-07T18:30)" >expect &&
	test_cmp expect err &&
	circle undo --yes >/dev/null &&
	circle session move --following --at 19:00 2055-01-07T18:30 >/dev/null &&
	circle session list --group twice | cut -f3,4 >got &&
	printf "%s\t19:00\n" 2055-01-07 2055-01-21 2055-02-04 >expect &&
	test_cmp expect got
'

test_expect_success 'plan every month on the 2nd tuesday, 4 sessions' '
	circle session plan --group la-circle --name second-tue \
	    --every month --on "2nd tuesday" --at 19:00 --from 2027-04-01 \
	    --count 4 >out &&
	echo "4 added, 0 moved, 0 removed; 4 sessions from 2027-04-13 to 2027-07-13 at 19:00" >expect &&
	test_cmp expect out &&
	starts second-tue >actual &&
	cat >expect <<-\EOF &&
	2027-04-13T19:00
	2027-05-11T19:00
	2027-06-08T19:00
	2027-07-13T19:00
	EOF
	test_cmp expect actual
'

test_expect_success 'plan every month on the last friday' '
	circle session plan --group la-circle --name last-fri \
	    --every month --on "last friday" --at 12:00 --from 2027-04-01 \
	    --count 3 >out &&
	echo "3 added, 0 moved, 0 removed; 3 sessions from 2027-04-30 to 2027-06-25 at 12:00" >expect &&
	test_cmp expect out &&
	starts last-fri >actual &&
	cat >expect <<-\EOF &&
	2027-04-30T12:00
	2027-05-28T12:00
	2027-06-25T12:00
	EOF
	test_cmp expect actual
'

test_expect_success 'plan every month on a day of the month (31st skips short months)' '
	circle session plan --group la-circle --name the-15th \
	    --every month --on 15 --at 10:00 --from 2027-08-01 --count 3 \
	    >out &&
	echo "3 added, 0 moved, 0 removed; 3 sessions from 2027-08-15 to 2027-10-15 at 10:00" >expect &&
	test_cmp expect out &&
	circle session plan --group la-circle --name the-31st \
	    --every month --on 31st --at 10:00 --from 2028-01-01 --count 3 \
	    >out &&
	starts the-31st >actual &&
	cat >expect <<-\EOF &&
	2028-01-31T10:00
	2028-03-31T10:00
	2028-05-31T10:00
	EOF
	test_cmp expect actual
'

test_expect_success 'plan --rrule takes a raw rule, --for sets the length' '
	circle session plan --group la-circle --name raw \
	    --rrule "FREQ=WEEKLY;BYDAY=MO,WE" --at 10:00 --for 60 \
	    --from 2027-02-01 --count 4 >out &&
	echo "4 added, 0 moved, 0 removed; 4 sessions from 2027-02-01 to 2027-02-10 at 10:00" >expect &&
	test_cmp expect out &&
	circle session list --group la-circle --from 2027-02-01 \
	    --to 2027-02-10 --format tsv >list &&
	cut -f3-5 list >actual &&
	cat >expect <<-\EOF &&
	2027-02-01	10:00	11:00
	2027-02-03	10:00	11:00
	2027-02-04	18:00	19:30
	2027-02-08	10:00	11:00
	2027-02-10	10:00	11:00
	EOF
	test_cmp expect actual
'

test_expect_success 'the length defaults to the group'\''s; --for takes hours too' '
	test "$(col "$(sid la-circle 2027-04-13T19:00)" "ends_at")" = \
	    2027-04-14T03:30:00Z &&
	circle session plan --group la-circle --name two-hours --every week \
	    --at 09:00 --for "2 hours" --from 2028-06-05 --count 1 >out &&
	circle session show --group la-circle 2028-06-05 >out &&
	test "$(field end <out)" = 11:00 &&
	test "$(field duration <out)" = 120
'

test_expect_success 'plan --except leaves those dates out' '
	circle session plan --group la-circle --name except --every week \
	    --on monday --at 09:00 --from 2027-03-01 --until 2027-03-29 \
	    --except 2027-03-15 --except 2027-03-22 >out &&
	echo "3 added, 0 moved, 0 removed; 3 sessions from 2027-03-01 to 2027-03-29 at 09:00" >expect &&
	test_cmp expect out &&
	starts except >actual &&
	cat >expect <<-\EOF &&
	2027-03-01T09:00
	2027-03-08T09:00
	2027-03-29T09:00
	EOF
	test_cmp expect actual
'

test_expect_success 'an open series is made through --through, and extends' '
	circle session plan --group la-circle --name open --every week \
	    --on friday --at 09:00 --from 2027-01-01 --through 2027-01-29 >out &&
	echo "5 added, 0 moved, 0 removed; 5 sessions from 2027-01-01 to 2027-01-29 at 09:00" >expect &&
	test_cmp expect out &&
	circle session plan --group la-circle --name open --every week \
	    --on friday --at 09:00 --from 2027-01-01 --through 2027-02-26 >out &&
	echo "4 added, 0 moved, 0 removed; 9 sessions from 2027-01-01 to 2027-02-26 at 09:00" >expect &&
	test_cmp expect out &&
	circle session plan --group la-circle --name open --every week \
	    --on friday --at 09:00 --from 2027-01-01 --through 2027-02-26 >out &&
	echo "0 added, 0 moved, 0 removed; 9 sessions from 2027-01-01 to 2027-02-26 at 09:00" >expect &&
	test_cmp expect out &&
	test "$(count series "key = '\''open'\''")" = 1 &&
	test "$(starts open | sort -u | wc -l)" = 9
'

test_expect_success 'the same plan twice without --name is one series' '
	before=$(count series) &&
	circle session plan --group la-circle --every "2 weeks" --on thursday \
	    --at 18:30 --from 2027-03-04 --count 3 >out &&
	circle session plan --group la-circle --every "2 weeks" --on thursday \
	    --at 18:30 --from 2027-03-04 --count 3 >out &&
	echo "0 added, 0 moved, 0 removed; 3 sessions from 2027-03-04 to 2027-04-01 at 18:30" >expect &&
	test_cmp expect out &&
	test "$(count series)" = "$((before + 1))" &&
	test "$(count series "key = '\''weekly-interval2-th-1830-from-2027-03-04'\''")" = 1
'

test_expect_success '--through before --from is refused, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session plan --group la-circle \
	    --name early --every week --at 09:00 --from 2027-01-01 \
	    --through 2026-12-01 2>err &&
	test_grep "through: 2026-12-01 is before from" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an open series with no --through is made a year ahead' '
	circle group add --tz America/Los_Angeles "Year Circle" >/dev/null &&
	circle session plan --group year-circle --name year --every week \
	    --at 08:00 --from "$TODAY" >out &&
	n=$(starts year | wc -l) &&
	test "$n" -ge 52 && test "$n" -le 53 &&
	test_grep "^$n added, 0 moved, 0 removed; $n sessions from $TODAY to " out
'

test_expect_success 'a date that does not exist fails with 65, nothing written' '
	plan_fails from --group la-circle --every week --at 19:00 \
	    --from 2026-02-30 --count 3 &&
	test_grep "2026-02-30" err &&
	plan_fails until --group la-circle --every week --at 19:00 \
	    --from 2026-02-03 --until 2026-02-30 &&
	plan_fails except --group la-circle --every week --at 19:00 \
	    --from 2026-02-03 --count 3 --except 2026-02-30
'

test_expect_success 'plan without --from, --at or --every: exit 2, asked for, nothing written' '
	circle db dump >plan.before &&
	test_expect_code 2 circle session plan --group la-circle --every week \
	    --at 19:00 >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-session: plan: from when? give --from DATE, the day of the first session\$" err &&
	test_grep "^usage: circle session plan " err &&
	test_expect_code 2 circle session plan --group la-circle --every week \
	    --from 2026-02-03 2>err &&
	test_grep "^circle-session: plan: at what time? give --at HH:MM\$" err &&
	test_expect_code 2 circle session plan --group la-circle --on tuesday \
	    --at 19:00 --from 2026-02-03 2>err &&
	test_grep "^circle-session: plan: how often? give --every (week, 2 weeks, month), or --rrule RULE\$" err &&
	circle db dump >plan.after &&
	test_cmp plan.before plan.after
'

test_expect_success 'a time that does not exist fails with 65, nothing written' '
	plan_fails at --group la-circle --every week --at 25:00 \
	    --from 2027-02-02 --count 3 &&
	test_grep "\"25:00\" is not a time" err &&
	plan_fails at --group la-circle --every week --at 13pm \
	    --from 2027-02-02 --count 3
'

test_expect_success 'an unknown time zone on the group fails with 65, nothing written' '
	circle group add --tz Europe/London "Zone Group" >/dev/null &&
	"$SQLITE3" "$CIRCLE_DB" "UPDATE grp SET tzid = '\''Mars/Olympus'\''
	    WHERE handle = '\''zone-group'\''" &&
	plan_fails tz --group zone-group --every week --at 19:00 \
	    --from 2027-02-02 --count 3 &&
	test_grep "Mars/Olympus" err &&
	plan_fails tz --group zone-group --every week --at 19:00 \
	    --from 2027-02-02 --until 2027-03-02 &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group zone-group 2027-02-02 \
	    19:00 >out 2>err &&
	test_grep "^circle-session: tz: " err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a malformed RRULE fails with 65, nothing written' '
	plan_fails rrule --group la-circle --rrule "FREQ=SOMETIMES" \
	    --at 19:00 --from 2027-02-02 --count 3 &&
	plan_fails rrule --group la-circle --rrule "FREQ=WEEKLY;BYDAY=XX" \
	    --at 19:00 --from 2027-02-02 --count 3 &&
	plan_fails rrule --group la-circle --rrule "RRULE:FREQ=WEEKLY" \
	    --at 19:00 --from 2027-02-02 --count 3 &&
	plan_fails rrule --group la-circle --rrule "FREQ=WEEKLY;COUNT=5" \
	    --at 19:00 --from 2027-02-02 --count 3
'

# Found by fuzz/group-yaml: libical takes these rules, then searches some
# 500 years for a first session before it gives up (seconds each).
test_expect_success 'an RRULE that can never occur fails with 65 at once' '
	for r in "FREQ=MONTHLY;BYDAY=51FR" "FREQ=MONTHLY;BYDAY=-6MO" \
	    "FREQ=WEEKLY;BYDAY=2FR" "FREQ=YEARLY;BYMONTH=3;BYDAY=6FR" \
	    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" \
	    "FREQ=MONTHLY;BYMONTH=4,6;BYMONTHDAY=-31" \
	    "FREQ=MONTHLY;BYDAY=5FR;BYMONTHDAY=1" \
	    "FREQ=MONTHLY;BYDAY=1FR;BYMONTHDAY=8,9"; do
		plan_fails rrule --group la-circle --rrule "$r" --at 19:00 \
		    --from 2027-02-02 &&
		test_grep "is not a valid RRULE that can occur" err || return 1
	done
'

test_expect_success 'an RRULE that occurs rarely is planned' '
	circle session plan --group la-circle --name leap --rrule \
	    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29" --at 19:00 --from 2027-02-02 \
	    --through 2029-12-31 >out &&
	test_grep "1 added" out &&
	circle session plan --group la-circle --name fifth --rrule \
	    "FREQ=MONTHLY;BYDAY=-5SU;BYMONTHDAY=1,2,3" --at 19:00 \
	    --from 2027-02-02 --through 2027-12-31 >out &&
	test_grep "added" out &&
	! grep " 0 added" out
'

test_expect_success 'until before from, count 0, until and count both: 65' '
	plan_fails until --group la-circle --every week --at 19:00 \
	    --from 2027-02-02 --until 2027-01-01 &&
	test_grep "2027-01-01 is before from (2027-02-02)" err &&
	plan_fails count --group la-circle --every week --at 19:00 \
	    --from 2027-02-02 --count 0 &&
	plan_fails count --group la-circle --every week --at 19:00 \
	    --from 2027-02-02 --count many &&
	plan_fails until --group la-circle --every week --at 19:00 \
	    --from 2027-02-02 --until 2027-05-01 --count 3
'

test_expect_success 'an unknown --every or --on fails with 65, nothing written' '
	plan_fails every --group la-circle --every fortnightly-ish --at 19:00 \
	    --from 2027-02-02 --count 3 &&
	plan_fails every --group la-circle --every "0 weeks" --at 19:00 \
	    --from 2027-02-02 --count 3 &&
	plan_fails on --group la-circle --every week --on someday \
	    --at 19:00 --from 2027-02-02 --count 3 &&
	plan_fails on --group la-circle --every month --on "9th tuesday" \
	    --at 19:00 --from 2027-02-02 --count 3
'

test_expect_success 'a failed re-plan leaves the series as it was' '
	starts weekly >before &&
	plan_fails at --group la-circle --name weekly --every week \
	    --on tuesday --at 31:00 --from 2026-01-06 --until 2026-12-29 &&
	starts weekly >after &&
	test_cmp before after
'

# add

test_expect_success 'add a one-off session' '
	circle session add --group la-circle --topic "Open house" \
	    2027-05-05 18:00 >out &&
	id=$(sid la-circle 2027-05-05T18:00) &&
	echo "$id la-circle 2027-05-05T18:00" >expect &&
	test_cmp expect out &&
	circle session show "$id" >out &&
	test "$(field topic <out)" = "Open house" &&
	test "$(field end <out)" = 19:30 &&
	test "$(field series <out)" = "" &&
	test "$(field starts_at <out)" = 2027-05-06T01:00:00Z &&
	test "$(col "$id" "recurrence_id IS NULL")" = 1
'

test_expect_success 'a time the clocks skip moves on by the change, that day only' '
	circle group add --tz America/Los_Angeles "Night Owls" >/dev/null &&
	circle session plan --group night-owls --name late --every week \
	    --on sunday --at 02:30 --from 2027-03-07 --count 3 >/dev/null &&
	starts late >actual &&
	cat >expect <<-\EOF &&
	2027-03-07T02:30
	2027-03-14T03:30
	2027-03-21T02:30
	EOF
	test_cmp expect actual &&
	test_sql "SELECT starts_at FROM session s JOIN series r
	    ON r.id = s.series_id WHERE r.key = '\''late'\''
	    ORDER BY s.starts_at" >actual &&
	cat >expect <<-\EOF &&
	2027-03-07T10:30:00Z
	2027-03-14T10:30:00Z
	2027-03-21T09:30:00Z
	EOF
	test_cmp expect actual &&
	circle session add --group night-owls 2027-03-14 02:45 >out 2>err &&
	test_grep "2027-03-14 02:45 does not exist" err &&
	test "$(test_sql "SELECT starts_at FROM session
	    WHERE local_start = '\''2027-03-14T03:45'\''")" = \
	    2027-03-14T10:45:00Z
'

test_expect_success 'add with a bad date or time fails with 65, nothing added' '
	circle db dump >before &&
	test_expect_code 65 circle session add --group la-circle 2027-02-30 \
	    18:00 >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-session: date: \"2027-02-30\" is not a date" err &&
	test_expect_code 65 circle session add --group la-circle 2027-02-03 \
	    25:00 2>err &&
	test_grep "^circle-session: at: \"25:00\" is not a time" err &&
	test_expect_code 65 circle session add --group la-circle 2027-02-03 \
	    18:00 --for 0 2>err &&
	test_grep "^circle-session: for: " err &&
	circle db dump >after &&
	test_cmp before after
'

# Sessions around today, in a group of their own.
test_expect_success 'setup: sessions around today' '
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" "Now Circle" >/dev/null &&
	circle session add --group now-circle --topic Grounding "$M14" 19:00 \
	    >/dev/null &&
	circle session add --group now-circle "$M7" 19:00 >/dev/null &&
	circle session add --group now-circle "$M3" 19:00 >/dev/null &&
	circle session add --group now-circle --topic Boundaries "$P3" 19:00 \
	    >/dev/null &&
	circle session add --group now-circle "$P3" 10:00 >/dev/null &&
	circle session add --group now-circle "$P10" 19:00 >/dev/null &&
	circle session add --group now-circle "$P17" 19:00 >/dev/null &&
	"$SQLITE3" "$CIRCLE_DB" "UPDATE session SET status = '\''held'\''
	    WHERE local_start = '\''${M3}T19:00'\'' AND grp_id = (SELECT id
	    FROM grp WHERE handle = '\''now-circle'\'')" &&
	circle group add --tz America/Los_Angeles "Day Circle" >/dev/null &&
	circle session add --group day-circle "$LA_TODAY" 12:00 >/dev/null
'

# list

test_expect_success 'list --group shows that group'\''s sessions, in order' '
	circle session list --group now-circle >out &&
	cut -f2-6 out >actual &&
	cat >expect <<-EOF &&
	now-circle	$M14	19:00	20:30	scheduled
	now-circle	$M7	19:00	20:30	scheduled
	now-circle	$M3	19:00	20:30	held
	now-circle	$P3	10:00	11:30	scheduled
	now-circle	$P3	19:00	20:30	scheduled
	now-circle	$P10	19:00	20:30	scheduled
	now-circle	$P17	19:00	20:30	scheduled
	EOF
	test_cmp expect actual &&
	circle session list >all &&
	test "$(wc -l <all)" = "$(count session)" &&
	test_grep "	la-circle	" all &&
	test_grep "	day-circle	" all
'

test_expect_success 'list --upcoming, --past and --unrecorded' '
	circle session list --group now-circle --upcoming | cut -f3,4 >actual &&
	printf "%s\t10:00\n%s\t19:00\n%s\t19:00\n%s\t19:00\n" \
	    "$P3" "$P3" "$P10" "$P17" >expect &&
	test_cmp expect actual &&
	circle session list --group now-circle --past | cut -f3,6 >actual &&
	printf "%s\tscheduled\n%s\tscheduled\n%s\theld\n" \
	    "$M14" "$M7" "$M3" >expect &&
	test_cmp expect actual &&
	circle session list --group now-circle --unrecorded | cut -f3 >actual &&
	printf "%s\n%s\n" "$M14" "$M7" >expect &&
	test_cmp expect actual &&
	test_expect_code 2 circle session list --upcoming --past 2>err &&
	test_grep "^circle-session: list: give one of --upcoming, --past or --unrecorded$" err
'

test_expect_success 'list --from and --to take local dates, both inclusive' '
	circle session list --group now-circle --from "$P3" --to "$P10" |
	    cut -f3,4 >actual &&
	printf "%s\t10:00\n%s\t19:00\n%s\t19:00\n" "$P3" "$P3" "$P10" >expect &&
	test_cmp expect actual &&
	test_expect_code 65 circle session list --from 2027-02-30 2>err &&
	test_grep "from: " err &&
	test_expect_code 65 circle session list --from "$P10" --to "$P3" \
	    2>err &&
	test_grep "to: " err
'

test_expect_success 'list in tsv, csv, table and md' '
	id=$(sid now-circle "${P3}T19:00") &&
	circle session list --group now-circle --from "$P3" --to "$P3" \
	    --format tsv >out &&
	printf "%s\tnow-circle\t%s\t19:00\t20:30\tscheduled\tBoundaries\tRoom 4\n" \
	    "$id" "$P3" >expect.row &&
	tail -n 1 out >actual &&
	test_cmp expect.row actual &&
	circle session list --group now-circle --format csv | tr -d "\r" >out &&
	head -n 1 out >actual &&
	echo "id,group,date,start,end,status,topic,location" >expect &&
	test_cmp expect actual &&
	test_grep "^$id,now-circle,$P3,19:00,20:30,scheduled,Boundaries,Room 4\$" out &&
	test "$(wc -l <out)" = 8 &&
	circle session list --group now-circle --format table >out &&
	test_grep "^ *id  group  *date  *start  *end  *status  *topic  *location  *tz  *here  *here_tz\$" out &&
	test "$(wc -l <out)" = 8 &&
	circle session list --group now-circle --format md >out &&
	head -n 2 out >actual &&
	cat >expect <<-\EOF &&
	| id | group | date | start | end | status | topic | location |
	| ---: | --- | --- | --- | --- | --- | --- | --- |
	EOF
	test_cmp expect actual &&
	test_grep "^| $id | now-circle | $P3 | 19:00 | 20:30 | scheduled | Boundaries | Room 4 |\$" out &&
	test "$(wc -l <out)" = 9
'

test_expect_success 'list in json and jsonl' '
	circle session list --group now-circle --format json >list.json &&
	/usr/bin/python3 - list.json "$P3" <<-\EOF &&
	import json, sys
	rows = json.load(open(sys.argv[1]))
	assert len(rows) == 7, rows
	keys = ["id", "group", "date", "start", "end", "status", "topic",
	    "location", "online_url", "tz", "starts_at", "ends_at", "here",
	    "here_tz"]
	for r in rows:
	    assert list(r) == keys, list(r)
	    assert r["online_url"] is None, r
	    assert r["tz"] == "America/Los_Angeles", r
	    assert r["starts_at"].endswith("Z") and r["here_tz"] == "UTC", r
	    assert isinstance(r["id"], int), r
	    assert r["group"] == "now-circle", r
	b = [r for r in rows if r["topic"] == "Boundaries"]
	assert len(b) == 1 and b[0]["date"] == sys.argv[2], b
	assert b[0]["start"] == "19:00" and b[0]["end"] == "20:30", b
	assert b[0]["here"].endswith(" 03:00") or b[0]["here"].endswith(" 02:00"), b
	assert rows[0]["topic"] == "Grounding", rows[0]
	assert rows[1]["topic"] is None, rows[1]
	EOF
	circle session list --group now-circle --format jsonl >list.jsonl &&
	test "$(wc -l <list.jsonl)" = 7 &&
	/usr/bin/python3 - list.jsonl <<-\EOF
	import json, sys
	rows = [json.loads(l) for l in open(sys.argv[1])]
	assert len(rows) == 7, rows
	assert [r["status"] for r in rows].count("held") == 1, rows
	EOF
'

test_expect_success 'an empty list exits 1' '
	test_expect_code 1 circle session list --from 2099-01-01 --to 2099-12-31 \
	    >out &&
	test_must_be_empty out &&
	test_expect_code 1 circle session list --from 2099-01-01 --format json \
	    >out &&
	py "import json, sys; assert json.load(open(sys.argv[1])) == []" out
'

# show

test_expect_success 'show by id' '
	id=$(sid now-circle "${P10}T19:00") &&
	circle session show "$id" >out &&
	test "$(field id <out)" = "$id" &&
	test "$(field group <out)" = now-circle &&
	test "$(field date <out)" = "$P10" &&
	test "$(field status <out)" = scheduled &&
	test_expect_code 1 circle session show 99999 2>err &&
	test_grep "no session 99999" err
'

test_expect_success 'show next, last and today' '
	circle session show --group now-circle next >out &&
	test "$(field date <out)" = "$P3" &&
	test "$(field start <out)" = 10:00 &&
	circle session show --group now-circle >out &&
	test "$(field start <out)" = 10:00 &&
	circle session show --group now-circle last >out &&
	test "$(field date <out)" = "$M3" &&
	test "$(field status <out)" = held &&
	circle session show --group day-circle today >out &&
	test "$(field group <out)" = day-circle &&
	test "$(field date <out)" = "$LA_TODAY" &&
	test_expect_code 1 circle session show --group now-circle today 2>err &&
	test_grep "no session today" err
'

test_expect_success 'next and last as people say them: the next session, the previous one' '
	for r in "the next session" "Next meeting" upcoming "the next one"; do
		circle session show --group now-circle "$r" >out &&
		test "$(field date <out)" = "$P3" || return 1
	done &&
	for r in "last session" "the previous session" "Latest" "last one" \
	    "the most recent meeting"; do
		circle session show --group now-circle "$r" >out &&
		test "$(field date <out)" = "$M3" || return 1
	done &&
	test_expect_code 2 circle session show --group now-circle \
	    "next sessions" 2>err &&
	test_grep "\"next sessions\" is not an id, next, last" err
'

test_expect_success 'show a date, and a date and time with T or a space' '
	circle session show --group now-circle "$P10" >out &&
	test "$(field date <out)" = "$P10" &&
	circle session show --group now-circle "${P3}T19:00" >out &&
	test "$(field topic <out)" = Boundaries &&
	circle session show --group now-circle "$P3 10:00" >out &&
	test "$(field start <out)" = 10:00 &&
	test "$(field topic <out)" = ""
'

test_expect_success 'two sessions on one day: the date alone fails, listing both' '
	test_expect_code 1 circle session show --group now-circle "$P3" \
	    >out 2>err &&
	test_must_be_empty out &&
	test_grep "ambiguous" err &&
	test_grep "$P3 10:00 now-circle ([A-Za-z_/]*, id [0-9]*)" err &&
	test_grep "$P3 19:00" err &&
	test_grep "or the id)\$" err &&
	id=$(sed -n "s/.*$P3 19:00 now-circle ([^,]*, id \([0-9]*\)).*/\1/p" \
	    err) &&
	circle session show "$id" >out &&
	test "$(field start <out)" = 19:00
'

test_expect_success 'show a date that does not exist: 65; not a reference: 2' '
	test_expect_code 65 circle session show 2026-02-30 >out 2>err &&
	test_must_be_empty out &&
	test_grep "2026-02-30" err &&
	test_expect_code 65 circle session show "2026-02-03T25:00" 2>err &&
	test_expect_code 2 circle session show garbage >out 2>err &&
	test_must_be_empty out &&
	test_grep "\"garbage\" is not an id, next, last, today" err &&
	test_expect_code 2 circle session show 1 2 2>err
'

# edit

test_expect_success 'edit sets topic, location and notes, and bumps the sequence' '
	id=$(sid now-circle "${P10}T19:00") &&
	test "$(col "$id" sequence)" = 0 &&
	circle session edit --topic "Self-care" --location "Room 9" \
	    --notes "Bring the handouts" "$id" >out &&
	echo "session $id (${P10} 19:00) updated" >expect &&
	test_cmp expect out &&
	circle session show "$id" >out &&
	test "$(field topic <out)" = Self-care &&
	test "$(field location <out)" = "Room 9" &&
	test "$(field notes <out)" = "Bring the handouts" &&
	test "$(col "$id" sequence)" = 1 &&
	test "$(count change_log "entity = '\''session'\'' AND action = '\''edit'\''")" = 1
'

test_expect_success 'edit with "" clears; the group'\''s place shows again' '
	id=$(sid now-circle "${P10}T19:00") &&
	circle session edit --topic "" --location "" "$id" &&
	circle session show "$id" >out &&
	test "$(field topic <out)" = "" &&
	test "$(field location <out)" = "Room 4" &&
	test "$(field notes <out)" = "Bring the handouts" &&
	test "$(col "$id" "topic IS NULL AND location IS NULL")" = 1 &&
	test "$(col "$id" sequence)" = 2 &&
	circle session edit --notes "" "$id" &&
	test "$(col "$id" "notes IS NULL")" = 1 &&
	test "$(col "$id" sequence)" = 3
'

test_expect_success 'edit --online: the session'\''s own link, shown and exported; "" clears' '
	id=$(sid now-circle "${P10}T19:00") &&
	circle session edit --online https://zoom.us/j/8551234 "$id" &&
	circle session show "$id" >out &&
	test "$(field online_url <out)" = https://zoom.us/j/8551234 &&
	circle session prep "$id" >prep &&
	test_grep "^Online: *https://zoom.us/j/8551234\$" prep &&
	circle export ics --group now-circle >cal.ics &&
	test_grep "^URL:https://zoom.us/j/8551234" cal.ics &&
	test_expect_code 65 circle session edit --online "javascript:alert(1)" \
	    "$id" 2>err &&
	test_grep "online: \"javascript:alert(1)\" is not an http or https link" err &&
	circle session edit --online "" "$id" &&
	test "$(col "$id" "online_url IS NULL")" = 1 &&
	circle session show "$id" >out &&
	test "$(field online_url <out)" = ""
'

test_expect_success 'edit needs something to change, and a session' '
	test_expect_code 2 circle session edit "$P10" 2>err &&
	test_grep "nothing to change" err &&
	test_expect_code 1 circle session edit --topic x 99999 2>err &&
	test_grep "no session 99999" err
'

# cancel

test_expect_success 'cancel keeps the row, with status cancelled and the reason' '
	id=$(sid now-circle "${P17}T19:00") &&
	before=$(count session) &&
	circle session cancel --reason "Center closed for the holiday" "$id" &&
	test "$(count session)" = "$before" &&
	circle session show "$id" >out &&
	test "$(field status <out)" = cancelled &&
	test "$(field cancel_reason <out)" = "Center closed for the holiday" &&
	test "$(col "$id" sequence)" = 1
'

test_expect_success 'cancelled sessions are left out of lists unless --cancelled' '
	circle session list --group now-circle --upcoming >out &&
	! grep "$P17" out &&
	circle session list --group now-circle --upcoming --cancelled >out &&
	test_grep "	$P17	19:00	20:30	cancelled	" out &&
	circle session list --group now-circle --from "$P17" --cancelled \
	    --format json >out.json &&
	/usr/bin/python3 - out.json <<-\EOF
	import json, sys
	rows = json.load(open(sys.argv[1]))
	assert [r["status"] for r in rows] == ["cancelled"], rows
	EOF
'

test_expect_success 'cancelling a cancelled session fails; nothing changes' '
	id=$(sid now-circle "${P17}T19:00") &&
	test_expect_code 1 circle session cancel --reason other "$id" 2>err &&
	test_grep "is cancelled, not scheduled" err &&
	test "$(col "$id" cancel_reason)" = "Center closed for the holiday"
'

test_expect_success 'cancel --undo brings it back' '
	id=$(sid now-circle "${P17}T19:00") &&
	test_expect_code 2 circle session cancel --undo --reason x "$id" &&
	circle session cancel --undo "$id" &&
	circle session show "$id" >out &&
	test "$(field status <out)" = scheduled &&
	test "$(field cancel_reason <out)" = "" &&
	test_expect_code 1 circle session cancel --undo "$id" 2>err &&
	test_grep "is not cancelled" err &&
	circle session list --group now-circle --upcoming >out &&
	test_grep "	$P17	" out
'

test_expect_success '"next" skips a cancelled session' '
	circle session cancel --group now-circle "$P3 10:00" &&
	circle session show --group now-circle next >out &&
	test "$(field date <out)" = "$P3" &&
	test "$(field start <out)" = 19:00 &&
	circle session cancel --group now-circle --undo "$P3 10:00" &&
	circle session show --group now-circle next >out &&
	test "$(field start <out)" = 10:00
'

test_expect_success 'cancel next, then cancel --undo next: the one just cancelled comes back' '
	circle session cancel --group now-circle next >out &&
	test_grep "$P3 10:00" out &&
	circle session cancel --group now-circle --undo next >out &&
	circle session show --group now-circle next >out &&
	test "$(field date <out)" = "$P3" &&
	test "$(field start <out)" = 10:00 &&
	test "$(field status <out)" = scheduled &&
	test_expect_code 1 circle session cancel --group now-circle --undo \
	    next 2>err &&
	test_grep "is not cancelled" err
'

test_expect_success 'a held session cannot be cancelled' '
	test_expect_code 1 circle session cancel --group now-circle "$M3" \
	    2>err &&
	test_grep "held" err &&
	test "$(count session "status = '\''held'\''")" = 1
'

# move

# A weekly series from 16 days ago: -16 -9 -2 +5 +12 +19 +26 +33 days.
test_expect_success 'setup: a weekly series around today' '
	circle group add --tz America/Los_Angeles --duration 90 \
	    "Move Circle" >/dev/null &&
	circle session plan --group move-circle --name wk --every week \
	    --at 19:00 --from "$M16" --count 8 >out &&
	test_grep "^8 added, 0 moved, 0 removed; 8 sessions from $M16 to $P33 at 19:00\$" out
'

test_expect_success 'move one: a new local time, the same recurrence identity' '
	id=$(sid move-circle "${P5}T19:00") &&
	rec=$(col "$id" recurrence_id) &&
	start=$(col "$id" starts_at) &&
	test "$rec" = "$start" &&
	circle session edit --notes "Asked about the rota" "$id" &&
	seq=$(col "$id" sequence) &&
	circle session move --at 17:30 "$id" >out &&
	echo "1 session moved" >expect &&
	test_cmp expect out &&
	circle session show "$id" >out &&
	test "$(field start <out)" = 17:30 &&
	test "$(field end <out)" = 19:00 &&
	test "$(field date <out)" = "$P5" &&
	test "$(field moved_from <out)" = "$P5 19:00" &&
	test "$(field notes <out)" = "Asked about the rota" &&
	test "$(col "$id" recurrence_id)" = "$rec" &&
	test "$(col "$id" starts_at)" != "$start" &&
	test "$(col "$id" sequence)" = $((seq + 1)) &&
	/usr/bin/python3 - "$(col "$id" starts_at)" "$P5" <<-\EOF
	import sys, datetime
	from zoneinfo import ZoneInfo
	got = datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%SZ")
	got = got.replace(tzinfo=datetime.timezone.utc)
	want = datetime.datetime.fromisoformat(sys.argv[2] + "T17:30")
	want = want.replace(tzinfo=ZoneInfo("America/Los_Angeles"))
	assert got == want, (got, want)
	EOF
'

test_expect_success 'move one to another day' '
	id=$(sid move-circle "${P5}T17:30") &&
	circle session move --to-date "$P6" "$id" >out &&
	circle session show "$id" >out &&
	test "$(field date <out)" = "$P6" &&
	test "$(field start <out)" = 17:30 &&
	test "$(field moved_from <out)" = "$P5 19:00" &&
	test "$(count session "series_id = (SELECT series_id FROM session
	    WHERE id = $id)")" = 8
'

test_expect_success 'move with a bad date or time fails with 65, nothing moved' '
	id=$(sid move-circle "${P12}T19:00") &&
	test_expect_code 65 circle session move --to-date 2027-02-30 "$id" 2>err &&
	test_grep "^circle-session: to: " err &&
	test_expect_code 65 circle session move --at 24:30 "$id" 2>err &&
	test_grep "^circle-session: at: " err &&
	test_expect_code 2 circle session move "$id" 2>err &&
	test_expect_code 2 circle session move --at 18:00 --whole-series --following \
	    "$id" 2>err &&
	test "$(col "$id" "local_start || sequence")" = "${P12}T19:000"
'

test_expect_success 'a held session cannot be moved' '
	id=$(sid move-circle "${M16}T19:00") &&
	"$SQLITE3" "$CIRCLE_DB" "UPDATE session SET status = '\''held'\''
	    WHERE id = $id" &&
	test_expect_code 1 circle session move --at 18:00 "$id" 2>err &&
	test_grep "was held" err &&
	test "$(col "$id" local_start)" = "${M16}T19:00"
'

test_expect_success 'move --following splits the series at that session' '
	id=$(sid move-circle "${P19}T19:00") &&
	circle session edit --group move-circle --notes "Plan the picnic" \
	    "$P26" &&
	circle session move --following --at 18:00 "$id" >out &&
	echo "3 sessions moved" >expect &&
	test_cmp expect out &&
	test "$(count series "grp_id = (SELECT id FROM grp
	    WHERE handle = '\''move-circle'\'')")" = 2 &&
	circle session list --group move-circle | cut -f3,4 >actual &&
	printf "%s\t19:00\n" "$M16" "$M9" "$M2" >expect &&
	printf "%s\t17:30\n" "$P6" >>expect &&
	printf "%s\t19:00\n" "$P12" >>expect &&
	printf "%s\t18:00\n" "$P19" "$P26" "$P33" >>expect &&
	test_cmp expect actual &&
	test "$(count session "series_id = (SELECT series_id FROM session
	    WHERE id = $id)")" = 3 &&
	test "$(count session "grp_id = (SELECT id FROM grp
	    WHERE handle = '\''move-circle'\'')")" = 8 &&
	circle session show --group move-circle "$P26" >out &&
	test "$(field notes <out)" = "Plan the picnic" &&
	test "$(field start <out)" = 18:00
'

test_expect_success 'the split keeps the number of sessions of a counted series' '
	test_sql "SELECT rrule FROM series WHERE key = '\''wk'\''" >old &&
	test_grep "UNTIL=" old &&
	! grep "COUNT=" old &&
	test_sql "SELECT rrule FROM series WHERE key != '\''wk'\''
	    AND grp_id = (SELECT id FROM grp WHERE handle = '\''move-circle'\'')" \
	    >new &&
	test_grep "COUNT=3" new
'

test_expect_success 'move --whole-series moves the rest of the series, not the held one' '
	id=$(sid move-circle "${P19}T18:00") &&
	circle session move --whole-series --at 20:00 "$id" >out &&
	echo "3 sessions moved" >expect &&
	test_cmp expect out &&
	circle session list --group move-circle --from "$P19" | cut -f3,4 \
	    >actual &&
	printf "%s\t20:00\n" "$P19" "$P26" "$P33" >expect &&
	test_cmp expect actual &&
	test "$(sid move-circle "${M16}T19:00")" != "" &&
	test "$(sid move-circle "${P12}T19:00")" != ""
'

test_expect_success 'a one-off moves only with neither --following nor --whole-series' '
	circle session add --group move-circle "$P20" 12:00 >/dev/null &&
	test_expect_code 1 circle session move --whole-series --at 13:00 \
	    --group move-circle "$P20" 2>err &&
	test_grep "one-off" err &&
	circle session move --at 13:00 --group move-circle "$P20" >out &&
	test "$(sid move-circle "${P20}T13:00")" != ""
'

# re-planning

test_expect_success 'setup: a series to plan again' '
	circle group add --tz America/Los_Angeles --duration 90 \
	    "Replan Circle" >/dev/null &&
	circle session plan --group replan-circle --name rp --every week \
	    --at 19:00 --from "$M16" --count 8 >/dev/null &&
	circle session edit --group replan-circle --notes "Quiet week" "$M9" &&
	circle session edit --group replan-circle --notes "Visitor came" \
	    "$P12" &&
	circle session edit --group replan-circle --notes "Ask Dee" "$P26" &&
	starts rp >all.before &&
	test "$(wc -l <all.before)" = 8
'

test_expect_success 'planning again at another time moves the future ones only' '
	id12=$(sid replan-circle "${P12}T19:00") &&
	circle session plan --group replan-circle --name rp --every week \
	    --at 18:00 --from "$M16" --count 8 >out &&
	echo "0 added, 5 moved, 0 removed; 8 sessions from $M16 to $P33 at 18:00" \
	    >expect &&
	test_cmp expect out &&
	starts rp >actual &&
	printf "%sT19:00\n" "$M16" "$M9" "$M2" >expect &&
	printf "%sT18:00\n" "$P5" "$P12" "$P19" "$P26" "$P33" >>expect &&
	test_cmp expect actual &&
	circle session show "$id12" >out &&
	test "$(field notes <out)" = "Visitor came" &&
	test "$(field start <out)" = 18:00 &&
	circle session show --group replan-circle "$M9" >out &&
	test "$(field notes <out)" = "Quiet week" &&
	test "$(field start <out)" = 19:00
'

test_expect_success 'fewer weeks: empty future sessions go, noted and past ones stay' '
	circle session cancel --group replan-circle --reason "Room booked" \
	    "$P33" &&
	circle session plan --group replan-circle --name rp --every week \
	    --at 18:00 --from "$M16" --count 4 >out &&
	echo "0 added, 0 moved, 1 removed; 7 sessions from $M16 to $P33 at 18:00" \
	    >expect &&
	test_cmp expect out &&
	starts rp >actual &&
	printf "%sT19:00\n" "$M16" "$M9" "$M2" >expect &&
	printf "%sT18:00\n" "$P5" "$P12" "$P26" "$P33" >>expect &&
	test_cmp expect actual &&
	circle session show --group replan-circle "$P26" >out &&
	test "$(field notes <out)" = "Ask Dee" &&
	circle session show --group replan-circle "$P33" >out &&
	test "$(field status <out)" = cancelled
'

test_expect_success 'a later start: the past ones stay, even with nothing on them' '
	circle session plan --group replan-circle --name rp --every week \
	    --at 18:00 --from "$P5" --count 2 >out &&
	starts rp >actual &&
	printf "%sT19:00\n" "$M16" "$M9" "$M2" >expect &&
	printf "%sT18:00\n" "$P5" "$P12" "$P26" "$P33" >>expect &&
	test_cmp expect actual &&
	test_grep "^0 added, 0 moved, 0 removed; 7 sessions " out &&
	circle session show --group replan-circle "$P12" >out &&
	test "$(field notes <out)" = "Visitor came"
'

# prep

test_expect_success 'setup: a group with people who come and go' '
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" --url https://meet.example.org/prep \
	    --checkin-survey checkin "Prep Circle" >/dev/null &&
	circle session add --group prep-circle --topic Grounding "$M7" 19:00 \
	    >/dev/null &&
	circle session edit --group prep-circle --notes "Talked about sleep" \
	    "$M7" &&
	circle session add --group prep-circle --topic Boundaries "$P3" 19:00 \
	    >/dev/null &&
	circle session add --group prep-circle "$P10" 19:00 >/dev/null &&
	for n in "Zed Facil" "Ann Old" "Bob New" "Cat Later" "Dee Inactive" \
	    "Eve Left" "Fay Leaving"; do
		circle roster add --pronouns they/them "$n" >/dev/null || return 1
	done &&
	circle roster join --role facilitator --on "$M30" zed-f prep-circle &&
	circle roster join --on "$M30" ann-o prep-circle &&
	circle roster join --on "$M3" bob-n prep-circle &&
	circle roster join --on "$P10" cat-l prep-circle &&
	circle roster join --on "$M30" dee-i prep-circle &&
	circle roster deactivate dee-i &&
	circle roster join --on "$M30" eve-l prep-circle &&
	circle roster leave --on "$M3" eve-l prep-circle &&
	circle roster join --on "$M30" fay-l prep-circle &&
	circle roster leave --on "$P20" fay-l prep-circle
'

test_expect_success 'prep (default next): when, where, topic, who is expected' '
	circle session prep --group prep-circle >out &&
	test_grep "^Prep Circle, session 2\$" out &&
	test_grep "^When: *$P3 19:00-20:30 (America/Los_Angeles; .* 0[23]:00 here, UTC)\$" out &&
	test_grep "^Where: *Room 4\$" out &&
	test_grep "^Online: *https://meet.example.org/prep\$" out &&
	test_grep "^Topic: *Boundaries\$" out &&
	test_grep "^Surveys: *check-in checkin, check-out -\$" out &&
	test_grep "^Expected (4)\$" out &&
	sed -n "/^Expected/,/^Last session/p" out |
	    sed -n "s/^  \([A-Z][a-z]* [A-Z][a-z]*\) .*/\1/p" >actual &&
	cat >expect <<-\EOF &&
	Zed Facil
	Ann Old
	Bob New
	Fay Leaving
	EOF
	test_cmp expect actual &&
	test_grep "^  Zed Facil .*facilitator" out &&
	test_grep "^  Bob New .* new\$" out &&
	! grep "^  Ann Old .* new\$" out &&
	! grep "Cat Later" out &&
	! grep "Dee Inactive" out &&
	! grep "Eve Left" out
'

test_expect_success 'prep shows the last session'\''s notes' '
	circle session prep --group prep-circle "$P3" >out &&
	sed -n "/^Last session/,/^Not recorded/p" out >last &&
	test_grep "^  $M7: Grounding\$" last &&
	test_grep "^  notes: Talked about sleep\$" last
'

test_expect_success 'prep of a later session: who joined since is new' '
	circle session prep --group prep-circle "$P10" >out &&
	test_grep "^Expected (5)\$" out &&
	test_grep "^  Cat Later .* new\$" out &&
	! grep "^  Bob New .* new\$" out &&
	test_grep "^  $P3: Boundaries\$" out
'

test_expect_success 'prep --format md' '
	circle session prep --group prep-circle --format md "$P3" >out &&
	test_grep "^# Prep Circle, session 2\$" out &&
	test_grep "^- When: *$P3 19:00-20:30 (America/Los_Angeles; .* 0[23]:00 here, UTC)\$" out &&
	test_grep "^## Expected (4)\$" out &&
	test_grep "^| name | pronouns | role |" out &&
	test_grep "^| Zed Facil | they/them | facilitator |" out &&
	test_grep "^| Bob New | they/them | member | .* new |" out &&
	test "$(grep -c "^| [A-Z]" out)" = 4 &&
	test_grep "notes: Talked about sleep" out
'

test_expect_success 'prep --format md keeps the table whole when a name has a |' '
	circle group add "Pipe Circle" >/dev/null &&
	circle session add --group pipe-circle "$P3" 19:00 >/dev/null &&
	circle roster add --handle pipe "Pat | Quinn" >/dev/null &&
	circle roster join --on "$M30" --role facilitator pipe pipe-circle &&
	circle roster join --on "$M30" ann-o pipe-circle &&
	circle session prep --group pipe-circle --format md >out &&
	grep "Pat" out >row &&
	test_grep -F "| Pat \| Quinn | - | facilitator |" row &&
	/usr/bin/python3 - out <<-\EOF
	import sys, re
	rows = [l for l in open(sys.argv[1]) if l.startswith("|")]
	cells = [len(re.split(r"(?<!\\)\|", l.strip())) for l in rows]
	assert len(rows) == 4 and len(set(cells)) == 1, cells
	EOF
'

test_expect_success 'prep --format json has the sheet'\''s keys' '
	circle session prep --group prep-circle --format json "$P3" >prep.json &&
	/usr/bin/python3 - prep.json "$P3" "$M7" <<-\EOF
	import json, sys
	p = json.load(open(sys.argv[1]))
	for k in ("id", "group", "group_name", "number", "date", "start",
	    "end", "tz", "status", "location", "online_url", "topic",
	    "checkin_survey", "checkout_survey", "last_session", "expected"):
	    assert k in p, k
	assert p["group"] == "prep-circle", p
	assert p["date"] == sys.argv[2] and p["start"] == "19:00", p
	assert p["end"] == "20:30" and p["tz"] == "America/Los_Angeles", p
	assert p["topic"] == "Boundaries" and p["location"] == "Room 4", p
	assert p["online_url"] == "https://meet.example.org/prep", p
	assert p["checkin_survey"] == "checkin", p
	assert p["checkout_survey"] is None, p
	assert p["number"] == 2, p
	assert p["last_session"] == {"date": sys.argv[3], "topic": "Grounding",
	    "notes": "Talked about sleep"}, p["last_session"]
	hs = [m["handle"] for m in p["expected"]]
	assert hs == ["zed-f", "ann-o", "bob-n", "fay-l"], hs
	for m in p["expected"]:
	    for k in ("handle", "name", "pronouns", "role", "joined_on", "new",
	        "last_attended", "missed_in_a_row", "open_followups", "scores"):
	        assert k in m, (k, m)
	    assert m["new"] == (m["handle"] == "bob-n"), m
	assert p["expected"][0]["role"] == "facilitator", p["expected"][0]
	EOF
'

test_expect_success 'prep --format csv is refused with 2' '
	test_expect_code 2 circle session prep --group prep-circle \
	    --format csv >out 2>err &&
	test_must_be_empty out &&
	test_grep "text, md or json" err
'

test_expect_success 'prep of a cancelled session says so; of nothing: 1' '
	circle session cancel --group prep-circle --reason "Snow" "$P10" &&
	circle session prep --group prep-circle "$P10" >out &&
	test_grep "CANCELLED: Snow" out &&
	circle session cancel --group prep-circle --undo "$P10" &&
	test_expect_code 1 circle session prep --group prep-circle 2099-01-01 \
	    >out 2>err &&
	test_must_be_empty out
'

test_expect_success 'times as people write them: 7pm, 7:30 pm, 18.30' '
	test_fresh_db &&
	circle group add --tz Europe/London "Clock Group" >/dev/null &&
	circle session plan --group clock-group --every week --at 7pm \
	    --from 2027-01-05 --count 2 >out &&
	test_grep "at 19:00\$" out &&
	circle session add --group clock-group 2027-02-01 "7:30 pm" >out &&
	test_grep "2027-02-01T19:30\$" out &&
	circle session move --group clock-group --at 18.30 2027-02-01 &&
	circle session show --group clock-group 2027-02-01 >show &&
	test_grep "18:30" show &&
	circle db dump >before &&
	test_expect_code 65 circle session add --group clock-group 2027-02-02 \
	    13pm 2>err &&
	test_grep "at: \"13pm\" is not a time of day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)" err &&
	test_expect_code 65 circle session plan --group clock-group --every week \
	    --at "7 oclock" --from 2027-03-01 --count 2 2>err &&
	test_grep "at: \"7 oclock\" is 07:00 or 19:00: add am or pm, or write 19:00" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a one-off at the same time as another session: added, with a warning' '
	circle session add --group clock-group 2027-01-05 19:30 >out 2>err &&
	test_grep "2027-01-05T19:30\$" out &&
	test_grep "^circle-session: warning: it is held at the same time as clock-group 2027-01-05T19:00 (added twice? .circle undo. takes this one back)\$" err &&
	circle session add --group clock-group 2027-01-05 21:00 >out 2>err &&
	test_must_be_empty err &&
	circle session cancel --group clock-group 2027-01-12 >/dev/null &&
	circle session add --group clock-group 2027-01-12 19:00 >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'a session moved onto another: moved, with a warning; a dry run warns of nothing' '
	circle session move --group clock-group 2027-01-05T21:00 --at 19:15 \
	    >out 2>err &&
	test_grep "^1 session moved\$" out &&
	test_grep "^circle-session: warning: clock-group 2027-01-05T19:15 is now held at the same time as clock-group 2027-01-05T19:00\$" err &&
	circle session move -n --group clock-group 2027-01-05T19:15 --at 19:45 \
	    >out 2>err &&
	test_must_be_empty err &&
	circle session move --group clock-group 2027-01-05T19:15 \
	    --to-date 2027-01-06 --at 21:00 >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'a series moved onto others: the first said, and that others moved too' '
	circle session plan --group clock-group --name late --every week \
	    --at 20:00 --from 2055-03-02 --count 3 >/dev/null &&
	circle session add --group clock-group 2055-03-09 21:00 >/dev/null &&
	circle session add --group clock-group 2055-03-16 21:30 >/dev/null &&
	circle session move --group clock-group --whole-series \
	    2055-03-02T20:00 --at 21:00 >out 2>err &&
	test_grep "^3 sessions moved\$" out &&
	echo "circle-session: warning: clock-group 2055-03-09T21:00 is now held at the same time as clock-group 2055-03-09T21:00 (and other sessions moved)" >expect &&
	test_cmp expect err &&
	circle session add --group clock-group 2055-03-09 21:15 >out 2>err &&
	test_grep "^circle-session: warning: it is held at the same time as clock-group 2055-03-09T21:00 and others (added twice? .circle undo. takes this one back)\$" err
'

test_expect_success 'a session added twice: circle undo, as the warning says, takes the second back' '
	circle session add --group clock-group 2027-04-06 19:00 >first &&
	circle session add --group clock-group 2027-04-06 19:00 >second 2>err &&
	test_grep "(added twice? .circle undo. takes this one back)\$" err &&
	circle undo --yes >out &&
	test "$(test_sql "SELECT group_concat(id) FROM session WHERE
	    local_start = '\''2027-04-06T19:00'\''")" = "$(cut -d" " -f1 first)"
'

test_done
