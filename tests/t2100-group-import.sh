#!/bin/sh
test_description='circle group import: the example groups, re-imports, changes, bad files'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# rows: the rows an import writes, to see nothing was doubled.
rows() {
	echo "$(count grp) $(count series) $(count session) $(count membership)"
}

# sessions GROUP: the local starts of a group's sessions, in order.
sessions() {
	test_sql "SELECT s.local_start FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '$1' ORDER BY s.starts_at"
}

# field NAME <SHOW-OUTPUT: the value of one field of a "show".
field() {
	sed -n "s/^$1	//p"
}

# import_fails FILE PATTERN: import exits 65 with PATTERN (a grep pattern)
# on stderr, prints nothing, and the database is as it was.
import_fails() {
	circle db dump >dump.before &&
	test_expect_code 65 circle group import "$1" >out 2>err &&
	test_must_be_empty out &&
	test_grep "$2" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
}

TC=$EXAMPLES/groups/tuesday-circle.yaml
GO=$EXAMPLES/groups/grief-online.yaml

# A copy of the Tuesday circle around today, meeting instead on the day
# three days from now (UTC), so that T1 is in the future even in Los
# Angeles and the session a week before it is in the past whatever day and
# hour the suite runs: from four weeks before T1 to eight weeks after.
day() {
	date -u -d "$1" +%F
}
T1=$(day '+3 days')
WEEKDAY=$(date -u -d "$T1" +%A | tr '[:upper:]' '[:lower:]')
T2=$(day "$T1 +7 days")
T3=$(day "$T1 +14 days")
T4=$(day "$T1 +21 days")
FROM=$(day "$T1 -28 days")
UNTIL=$(day "$T1 +56 days")
sed -e "s/^handle: .*/handle: tc-now/" \
    -e "s/^name: .*/name: Tuesday Circle Now/" \
    -e "s/^    from: .*/    from: $FROM/" \
    -e "s/^    until: .*/    until: $UNTIL/" \
    -e "s/^    on: .*/    on: $WEEKDAY/" \
    -e "/^    except:/d" "$TC" >now.yaml || exit 99

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'a facilitator not on the roster: 65, what to do first, nothing written' '
	import_fails "$TC" "tuesday-circle.yaml:12:16: facilitators: no member \"maya-o\"; facilitators are roster handles: put them on the roster first (.circle roster add. or .circle roster import.), then import this file again\$" &&
	test "$(count grp)" = 0
'

test_expect_success 'setup: the example roster' '
	circle roster import "$EXAMPLES/roster.csv" >out &&
	echo "16 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'import the Tuesday circle' '
	circle group import "$TC" >out &&
	cat >expect <<-\EOF &&
	group tuesday-circle: added, 1 new facilitator
	schedule weekly: 42 added, 0 moved, 0 removed; 42 sessions from 2026-09-01 to 2027-06-29
	EOF
	test_cmp expect out
'

test_expect_success 'the group has the fields of the file' '
	circle group show tuesday-circle >out &&
	test "$(field name <out)" = "Tuesday Evening Circle" &&
	test "$(field description <out)" = "A peer support circle for survivors of domestic abuse. Drop-in friendly; confidentiality agreement read at the start of every session." &&
	test "$(field location <out)" = "Room 4, Eastside Community Center, 1200 Alder St" &&
	test "$(field tz <out)" = America/Los_Angeles &&
	test "$(field duration <out)" = 90 &&
	test "$(field checkin_survey <out)" = checkin &&
	test "$(field checkout_survey <out)" = checkout &&
	test "$(field online_url <out)" = "" &&
	test "$(field members <out)" = 1
'

test_expect_success 'the facilitator joined as a facilitator' '
	circle roster show maya-o >out &&
	test_grep "^memberships	tuesday-circle (facilitator, " out
'

test_expect_success 'the weekly sessions: tuesdays at 19:00 local, the except dates left out' '
	circle session list --group tuesday-circle --format json >list.json &&
	/usr/bin/python3 - list.json <<-\EOF
	import json, sys, datetime
	rows = json.load(open(sys.argv[1]))
	assert len(rows) == 42, len(rows)
	days = [datetime.date.fromisoformat(r["date"]) for r in rows]
	assert days[0] == datetime.date(2026, 9, 1), days[0]
	assert days[-1] == datetime.date(2027, 6, 29), days[-1]
	for d in days:
	    assert d.weekday() == 1, d
	for r in rows:
	    assert (r["start"], r["end"]) == ("19:00", "20:30"), r
	    assert r["location"].startswith("Room 4"), r
	skipped = {datetime.date(2026, 12, 22), datetime.date(2026, 12, 29)}
	assert not skipped & set(days), days
	assert datetime.date(2027, 1, 5) in days
	EOF
'

test_expect_success 'and kept at 19:00 across the clock changes, in UTC' '
	test_sql "SELECT local_start, starts_at FROM session
	    WHERE substr(local_start, 1, 10) IN ('\''2026-10-27'\'',
	    '\''2026-11-03'\'', '\''2027-03-09'\'', '\''2027-03-16'\'')
	    ORDER BY starts_at" >actual &&
	cat >expect <<-\EOF &&
	2026-10-27T19:00|2026-10-28T02:00:00Z
	2026-11-03T19:00|2026-11-04T03:00:00Z
	2027-03-09T19:00|2027-03-10T03:00:00Z
	2027-03-16T19:00|2027-03-17T02:00:00Z
	EOF
	test_cmp expect actual
'

test_expect_success 'import the online grief group: two schedules' '
	circle group import "$GO" >out &&
	cat >expect <<-\EOF &&
	group grief-online: added, 1 new facilitator
	schedule fortnightly: 26 added, 0 moved, 0 removed; 26 sessions from 2026-09-10 to 2027-08-26
	schedule remembrance: 6 added, 0 moved, 0 removed; 6 sessions from 2026-11-01 to 2027-04-04
	EOF
	test_cmp expect out &&
	circle group show grief-online >out &&
	test "$(field name <out)" = "Thursday Grief Group (online)" &&
	test "$(field tz <out)" = Europe/London &&
	test "$(field online_url <out)" = https://meet.example.org/grief-thursday &&
	test "$(field duration <out)" = 75 &&
	test "$(field checkin_survey <out)" = checkin &&
	test "$(field checkout_survey <out)" = "" &&
	circle roster show priya-r >out &&
	test_grep "^memberships	grief-online (facilitator, " out
'

test_expect_success 'its sessions: 18:30 London every other thursday, 75 minutes' '
	circle session list --group grief-online --format json >list.json &&
	/usr/bin/python3 - list.json <<-\EOF &&
	import json, sys, datetime
	rows = json.load(open(sys.argv[1]))
	assert len(rows) == 32, len(rows)
	fort = [r for r in rows if r["start"] == "18:30"]
	rem = [r for r in rows if r["start"] == "16:00"]
	assert len(fort) == 26 and len(rem) == 6, rows
	days = [datetime.date.fromisoformat(r["date"]) for r in fort]
	for a, b in zip(days, days[1:]):
	    assert (b - a).days == 14, (a, b)
	for r in fort:
	    assert r["end"] == "19:45" and r["topic"] is None, r
	for r in rem:
	    d = datetime.date.fromisoformat(r["date"])
	    assert d.weekday() == 6 and d.day <= 7, d
	    assert r["end"] == "17:00", r
	    assert r["topic"] == "Remembrance gathering", r
	EOF
	test_sql "SELECT starts_at FROM session WHERE local_start IN
	    ('\''2026-10-22T18:30'\'', '\''2026-11-05T18:30'\'')
	    ORDER BY starts_at" >actual &&
	printf "2026-10-22T17:30:00Z\n2026-11-05T18:30:00Z\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'importing both again: unchanged, nothing added or doubled' '
	before=$(rows) &&
	test_sql "SELECT * FROM session ORDER BY id" >sessions.before &&
	circle group import "$TC" >out &&
	cat >expect <<-\EOF &&
	group tuesday-circle: unchanged
	schedule weekly: 0 added, 0 moved, 0 removed; 42 sessions from 2026-09-01 to 2027-06-29
	EOF
	test_cmp expect out &&
	circle group import "$GO" >out &&
	cat >expect <<-\EOF &&
	group grief-online: unchanged
	schedule fortnightly: 0 added, 0 moved, 0 removed; 26 sessions from 2026-09-10 to 2027-08-26
	schedule remembrance: 0 added, 0 moved, 0 removed; 6 sessions from 2026-11-01 to 2027-04-04
	EOF
	test_cmp expect out &&
	test "$(rows)" = "$before" &&
	test "$before" = "2 3 74 2" &&
	test_sql "SELECT * FROM session ORDER BY id" >sessions.after &&
	test_cmp sessions.before sessions.after
'

# The Tuesday circle 28 years on (the same weekdays), so that its sessions
# are still to come whenever the suite runs.
test_expect_success 'importing again after move --following makes nothing twice' '
	sed -e "s/2026-/2054-/g" -e "s/2027-/2055-/g" "$TC" >far.yaml &&
	circle --db split.db init >/dev/null &&
	circle --db split.db roster import "$EXAMPLES/roster.csv" >/dev/null &&
	circle --db split.db group import far.yaml >/dev/null &&
	circle --db split.db session move --group tuesday-circle \
	    2055-01-12 --at 18:30 --following >out &&
	echo "25 sessions moved" >expect &&
	test_cmp expect out &&
	circle --db split.db group import far.yaml >out &&
	test_grep "^schedule weekly: 0 added, 0 moved, 0 removed; 17 sessions" out &&
	test "$("$SQLITE3" split.db "SELECT count(*),
	    count(DISTINCT substr(local_start, 1, 10)) FROM session")" = "42|42" &&
	test "$("$SQLITE3" split.db "SELECT local_start FROM session
	    WHERE local_start LIKE '\''2055-01-19%'\''")" = "2055-01-19T18:30"
'

test_expect_success 'importing the same file again writes nothing at all' '
	circle db dump >dump.before &&
	circle group import "$TC" >/dev/null &&
	circle group import "$GO" >/dev/null &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

# The same group around today: past and future sessions.

test_expect_success 'a group around today: 13 weeks, 4 of them past' '
	circle group import now.yaml >out &&
	cat >expect <<-EOF &&
	group tc-now: added, 1 new facilitator
	schedule weekly: 13 added, 0 moved, 0 removed; 13 sessions from $FROM to $UNTIL
	EOF
	test_cmp expect out &&
	circle session list --group tc-now --past >past &&
	test "$(wc -l <past)" = 4 &&
	circle session list --group tc-now --upcoming >upcoming &&
	test "$(wc -l <upcoming)" = 9 &&
	circle session edit --group tc-now --notes "Asked for a quieter room" \
	    "$T2" &&
	circle session move --group tc-now --at 20:00 "$T3" >/dev/null
'

test_expect_success 'a new time moves the future unmoved sessions, not the past' '
	sed "s/\"19:00\"/\"18:30\"/" now.yaml >later.yaml &&
	before=$(rows) &&
	circle group import later.yaml >out &&
	cat >expect <<-EOF &&
	group tc-now: unchanged
	schedule weekly: 0 added, 8 moved, 0 removed; 13 sessions from $FROM to $UNTIL
	EOF
	test_cmp expect out &&
	test "$(rows)" = "$before" &&
	circle session list --group tc-now --format tsv | cut -f3,4 >actual &&
	for i in 28 21 14 7; do
		printf "%s\t19:00\n" "$(day "$T1 -$i days")" || return 1
	done >expect &&
	printf "%s\t18:30\n" "$T1" "$T2" >>expect &&
	printf "%s\t20:00\n" "$T3" >>expect &&
	for i in 21 28 35 42 49 56; do
		printf "%s\t18:30\n" "$(day "$T1 +$i days")" || return 1
	done >>expect &&
	test_cmp expect actual &&
	circle session show --group tc-now "$T2" >out &&
	test "$(field notes <out)" = "Asked for a quieter room"
'

test_expect_success 'a date added to except removes its empty session, not one with notes' '
	cp later.yaml except.yaml &&
	echo "    except: [$T4, $T2]" >>except.yaml &&
	circle group import except.yaml >out &&
	test_grep "^schedule weekly: 0 added, 0 moved, 1 removed; 12 sessions from $FROM to $UNTIL\$" out &&
	sessions tc-now >actual &&
	! grep "^$T4" actual &&
	test_grep "^${T2}T18:30\$" actual &&
	circle session show --group tc-now "$T2" >out &&
	test "$(field notes <out)" = "Asked for a quieter room"
'

test_expect_success 'import --dry-run says what it would do and writes nothing' '
	sed "s/\"18:30\"/\"18:00\"/" except.yaml >dry.yaml &&
	circle db dump >dump.before &&
	circle group import --dry-run dry.yaml >out &&
	test_grep "^dry run: group tc-now: unchanged\$" out &&
	# the session with notes on an except date is no longer the schedule'\''s
	test_grep "^dry run: schedule weekly: 0 added, 6 moved, 0 removed; 12 sessions" out &&
	sed -e "s/^handle: .*/handle: grief-two/" -e "s/^name: .*/name: Grief Two/" \
	    "$GO" >new.yaml &&
	circle group import --dry-run new.yaml >out &&
	test_grep "^dry run: group grief-two: added" out &&
	test_grep "^dry run: schedule fortnightly: 26 added" out &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after &&
	test_expect_code 1 circle group show grief-two 2>err
'

# Bad files: 65, file:line:column, nothing written.

test_expect_success 'an unknown field' '
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	colour: blue
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:3:1: unknown field \"colour\"" &&
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	schedules:
	  - every: week
	    at: "19:00"
	    from: 2027-01-05
	    evry: month
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:7:5: unknown schedule field \"evry\""
'

test_expect_success 'a key given twice, or one field under two names' '
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	name: Other Group
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:3:1: name: given twice" &&
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	timezone: America/New_York
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:3:1: timezone: given already, under another name" &&
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	schedule:
	  every: week
	  for: 60
	  duration: 90
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:6:3: duration: given already" &&
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	schedule:
	  every: week
	  except: [2027-01-11]
	  except: 2027-01-18
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:6:3: except: given twice"
'

# Found by fuzz/group-yaml: the second list of schedules leaked the first.
test_expect_success 'schedule: and schedules: both given' '
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	tz: Europe/London
	schedule:
	  every: week
	  on: monday
	  at: "10:00"
	  from: 2027-01-04
	  except: [2027-01-11]
	schedules:
	  - every: week
	    on: tuesday
	    at: "10:00"
	    from: 2027-01-05
	    except: [2027-01-12]
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:9:1: schedules: given already, under another name"
'

test_expect_success 'an unknown facilitator: the nearest handle is suggested' '
	sed "s/maya-o/maya-0/" "$TC" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:12:16: facilitators: no member \"maya-0\"; did you mean maya-o (Maya Okafor)?"
'

test_expect_success 'an unknown time zone' '
	sed "s|America/Los_Angeles|America/Springfield|" "$TC" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:9:5: tz: \"America/Springfield\" is not a known time zone" &&
	sed "s|America/Los_Angeles|America/Springfield|" now.yaml >bad.yaml &&
	import_fails bad.yaml "bad.yaml:9:5: tz: "
'

test_expect_success 'at: 25:00, quoted or not' '
	sed "s/\"19:00\"/\"25:00\"/" "$TC" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:20:9: at: \"25:00\" is not a time" &&
	sed "s/\"19:00\"/25:00/" now.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:20:9: at: \"25:00\" is not a time"
'

test_expect_success 'until before from' '
	sed "s/until: 2027-06-29/until: 2026-06-29/" "$TC" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:23:12: until: 2026-06-29 is before from (2026-09-01)"
'

test_expect_success 'a date that does not exist, a bad count' '
	sed "s/from: 2026-09-01/from: 2026-02-30/" "$TC" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:22:11: from: \"2026-02-30\" is not a date" &&
	sed "s/count: 26/count: 0/" "$GO" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:[0-9]*:[0-9]*: count: "
'

test_expect_success 'a name that is not a single value' '
	cat >bad.yaml <<-\EOF &&
	name: [Err, Group]
	tz: Europe/London
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:1:7: name: expected a single value" &&
	cat >bad.yaml <<-\EOF &&
	name:
	  first: Err
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:2:3: name: expected a single value"
'

test_expect_success 'anchors and aliases are refused' '
	cat >bad.yaml <<-\EOF &&
	name: &n Err Group
	description: *n
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:1:7: anchors (&name) are not allowed" &&
	cat >bad.yaml <<-\EOF &&
	name: Err Group
	description: *n
	EOF
	import_fails bad.yaml "^circle-group: bad.yaml:2:14: aliases (\*name) are not allowed"
'

test_expect_success 'nesting 100,000 deep is refused at once' '
	/usr/bin/python3 -c "import sys; sys.stdout.write(\"name: \" + \"[\" * 100000 + \"]\" * 100000 + \"\n\")" >deep.yaml &&
	circle db dump >dump.before &&
	# libyaml is quadratic in depth, so the refusal must come at the
	# cap, not at the end of the file.  timeout catches a hang or a
	# blow-up without timing the refusal itself (speed is for make
	# bench; a 500 ms limit here failed on a loaded machine).
	test_expect_code 65 timeout ${CIRCLE_VALGRIND:+10}30 \
	    circle group import deep.yaml >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-group: deep.yaml:1:[0-9]*: nested more than [0-9]* levels deep" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'a 2 MiB file is refused' '
	/usr/bin/python3 -c "import sys; sys.stdout.write(\"name: Big\ndescription: \" + \"x\" * (2 * 1024 * 1024) + \"\n\")" >big.yaml &&
	import_fails big.yaml "^circle-group: big.yaml: larger than [0-9]* KiB"
'

test_expect_success 'invalid UTF-8 is refused with its place' '
	printf "tz: Europe/London\nname: Caf\351 Group\n" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:2:10: not valid UTF-8"
'

test_expect_success 'a file with no name' '
	printf "tz: Europe/London\nduration: 60\n" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:1:1: name: the group'\''s name is missing" &&
	: >empty.yaml &&
	circle db dump >dump.before &&
	test_expect_code 65 circle group import empty.yaml 2>err &&
	test_grep "empty.yaml" err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'a missing file: 1; no file: usage' '
	test_expect_code 1 circle group import nosuch.yaml 2>err &&
	test_grep "nosuch.yaml" err &&
	test_expect_code 2 circle group import 2>err
'

test_expect_success 'after all that, the groups are as imported' '
	test "$(count grp)" = 3 &&
	test "$(count series)" = 4 &&
	test "$(count session "grp_id = (SELECT id FROM grp
	    WHERE handle = '\''tuesday-circle'\'')")" = 42
'

test_expect_success 'on: as a YAML list of days, as facilitators and except are' '
	cat >days.yaml <<-\EOF &&
	handle: listdays
	name: List Days
	tz: Europe/London
	schedules:
	  - every: 2 weeks
	    on: [tuesday, thu]
	    at: "18:30"
	    from: 2055-03-01
	    count: 3
	  - name: monthly
	    every: month
	    on:
	      - 2nd tuesday
	    at: "19:00"
	    from: 2055-03-01
	    count: 2
	EOF
	circle group import days.yaml >out &&
	sessions listdays >actual &&
	cat >expect <<-\EOF &&
	2055-03-02T18:30
	2055-03-04T18:30
	2055-03-09T19:00
	2055-03-16T18:30
	2055-04-13T19:00
	EOF
	test_cmp expect actual &&
	sed "s/\[tuesday, thu\]/[tuesday, [thu]]/" days.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:6:19: on: expected days" &&
	sed "s/\[tuesday, thu\]/[]/" days.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:6:9: on: an empty list of days"
'

test_expect_success 'a tab that indents: said in words, at its line' '
	printf "handle: tabbed\nname: Tabbed\ntz: Europe/London\nschedules:\n\t- every: week\n" >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:5:1: a tab indents this line; YAML indents with spaces only\$"
'

test_expect_success 'a length as people write it: duration: 2 hours, for: 1h30' '
	cat >len.yaml <<-\EOF &&
	handle: lengths
	name: Lengths
	tz: Europe/London
	duration: 2 hours
	schedules:
	  - every: week
	    on: tuesday
	    at: "18:30"
	    for: 1h30
	    from: 2055-03-01
	    count: 1
	EOF
	circle group import len.yaml >out &&
	test "$(test_sql "SELECT duration FROM grp
	    WHERE handle = '\''lengths'\''")" = 120 &&
	test "$(test_sql "SELECT s.ends_at FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''lengths'\''")" = \
	    2055-03-02T20:00:00Z &&
	sed "s/duration: 2 hours/duration: 2 fortnights/" len.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:4:11: duration: \"2 fortnights\" is not a length"
'

test_expect_success 'at: and tz: as people write them: 7pm, 7:30 pm, 19.00, 1900, europe/london' '
	for at in 7pm "\"7:30 pm\"" 19.00 1900 "\"7.15 p.m.\""; do
		cat >at.yaml <<-EOF &&
		handle: times
		name: Times
		tz: europe/london
		schedules:
		  - every: week
		    on: tuesday
		    at: $at
		    from: 2055-03-01
		    count: 1
		EOF
		circle group import at.yaml >out || return 1
		test_sql "SELECT substr(s.starts_at, 12, 5) FROM session s
		    JOIN grp g ON g.id = s.grp_id WHERE g.handle = '\''times'\''
		    AND s.status <> '\''cancelled'\''" >>starts || return 1
	done &&
	printf "%s\n" 19:00 19:30 19:00 19:00 19:15 >expect &&
	test_cmp expect starts &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''times'\''")" = \
	    Europe/London &&
	sed "s|tz: europe/london|tz: AMERICA/NEW york|" at.yaml >ny.yaml &&
	sed -i "s|handle: times|handle: times-ny|" ny.yaml &&
	circle group import ny.yaml >out &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''times-ny'\''")" = \
	    America/New_York &&
	sed "s|at: .*|at: 7 oclock|" at.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:7:9: at: \"7 oclock\" is 07:00 or 19:00: add am or pm, or write 19:00\$" &&
	sed "s|at: .*|at: 13pm|" at.yaml >bad.yaml &&
	import_fails bad.yaml "bad.yaml:7:9: at: \"13pm\" is not a time of day" &&
	sed "s|at: .*|at: 2460|" at.yaml >bad.yaml &&
	import_fails bad.yaml "bad.yaml:7:9: at: \"2460\" is not a time of day"
'

test_expect_success 'a length as people write it: 90 min, 1.5 hours, 1h30 all 90 minutes' '
	for d in "90 min" "1.5 hours" 1h30 "90 minutes" "1 hour 30 minutes"; do
		sed "s|^name: Times|&\nduration: $d|" at.yaml >len.yaml &&
		circle group import len.yaml >out || return 1
		test "$(test_sql "SELECT duration FROM grp
		    WHERE handle = '\''times'\''")" = 90 || return 1
	done
'

test_expect_success 'dates as people write them: from: 3 Mar 2055, except: 10-Mar-55, until' '
	cat >dates.yaml <<-\EOF &&
	handle: dated
	name: Dated
	tz: Europe/London
	schedules:
	  - every: week
	    on: wednesday
	    at: 7pm
	    from: 3 Mar 2055
	    until: Wednesday, 24 March 2055
	    except: [10-Mar-55, "17/03/2055"]
	EOF
	circle group import dates.yaml >out &&
	test_sql "SELECT substr(s.starts_at, 1, 10) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''dated'\''
	    AND s.status <> '\''cancelled'\'' ORDER BY 1" >actual &&
	printf "%s\n" 2055-03-03 2055-03-24 >expect &&
	test_cmp expect actual &&
	sed "s|from: 3 Mar 2055|from: 03/04/2055|" dates.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:8:11: from: \"03/04/2055\" is 3 April 2055 day first or March 4, 2055 month first; write it as YYYY-MM-DD" &&
	sed "s|from: 3 Mar 2055|from: 31 Feb 2055|" dates.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:8:11: from: \"31 Feb 2055\": there is no 31 February\$" &&
	sed "s|10-Mar-55|\"Tuesday, 10 March 2055\"|" dates.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:10:14: except: \"Tuesday, 10 March 2055\": 10 March 2055 is a Wednesday, not a Tuesday\$" &&
	sed "s|from: 3 Mar 2055|from: 3 Mar 2055 19:00|" dates.yaml >bad.yaml &&
	import_fails bad.yaml "bad.yaml:8:11: from: \"3 Mar 2055 19:00\": a date without a time is wanted here" &&
	circle config set date-order dmy &&
	sed "s|from: 3 Mar 2055|from: 03/03/55|" dates.yaml >ok.yaml &&
	circle group import ok.yaml >out &&
	circle config unset date-order
'

test_expect_success 'at: a time with its end, past midnight: the length from it; with for: refused' '
	cat >owls.yaml <<-\EOF &&
	name: Night Owls
	tz: UTC
	schedules:
	  - every: week
	    on: friday
	    at: "10pm-1am"
	    from: 2027-01-08
	    count: 2
	EOF
	circle group import owls.yaml >out &&
	circle session list --group night-owls | cut -f3-5 >got &&
	printf "%s\t%s\t%s\n" 2027-01-08 22:00 2027-01-09T01:00 \
	    2027-01-15 22:00 2027-01-16T01:00 >want &&
	test_cmp want got &&
	sed "s/count: 2/count: 2\n    for: 2h/" owls.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:6:9: at: \"10pm-1am\" says when it ends, and for: how long it lasts: give one\$" &&
	sed "s/10pm-1am/10-1/" owls.yaml >bad.yaml &&
	import_fails bad.yaml "^circle-group: bad.yaml:6:9: at: \"10-1\" is 10:00-13:00 or 22:00-01:00: add am or pm\$"
'

test_expect_success 'a workbook, a calendar or a CSV file given as a group file (or a YAML roster): what it is and what is read; nothing written' '
	printf "PK\003\004\024\000mimetypeapplication/vnd.oasis.opendocument.spreadsheet" >g.ods &&
	import_fails g.ods "^circle-group: g.ods: an OpenDocument spreadsheet (.ods), not a group file: .circle group import. reads a group written as YAML text (name:, tz:, schedules:; circle-group(5)); a roster goes in with .circle roster import.\$" &&
	printf "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" >g.ics &&
	import_fails g.ics "^circle-group: g.ics: an iCalendar file (.ics), not a group file: .*; a calendar.s meetings go in with .circle session import --group G g.ics.\$" &&
	printf "name,email\nAnn Lee,ann@example.org\n" >g.csv &&
	import_fails g.csv "^circle-group: g.csv: a CSV file (or other table of rows), not a group file: " &&
	cp g.csv people.yaml &&
	test_expect_code 65 circle roster import people.yaml 2>err &&
	test_grep "^circle-roster: people.yaml: a CSV file (or other table of rows), not a YAML roster (a file named .yaml or .yml is read as one)\$" err &&
	printf "name: Night Owls, and friends\ntz: UTC\n" >commas.yaml &&
	circle group import --dry-run commas.yaml >out
'

test_done
