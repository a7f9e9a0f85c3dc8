#!/bin/sh
test_description='one session, or its series, given another length: session move --for and session edit --for, with the move checks, the log, undo and a later replan'
. "$(dirname "$0")/test-lib.sh"

# span ID: a session's local start and end, as session list shows them.
span() {
	circle session list --format tsv --from 2031-01-01 |
	    awk -F'\t' -v id="$1" '$1 == id { print $3, $4, $5 }'
}

test_expect_success 'setup: a weekly series of 90 minutes in the future' '
	test_fresh_db &&
	circle group add --tz Europe/London "Wednesday Circle" >/dev/null &&
	circle session plan --name weds --every week --at 19:00 --for 1h30 \
	    --from 2031-01-08 --count 5 >/dev/null &&
	test "$(span 2)" = "2031-01-15 19:00 20:30"
'

test_expect_success 'move --for: this one runs two hours, the others do not change' '
	circle session move --for 2h 2031-01-15 >out 2>err &&
	echo "1 session now lasts 2h" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test "$(span 2)" = "2031-01-15 19:00 21:00" &&
	test "$(span 1)" = "2031-01-08 19:00 20:30" &&
	test "$(span 3)" = "2031-01-22 19:00 20:30"
'

test_expect_success 'the log says it in words, and undo puts the length back' '
	circle log >log &&
	test_grep "session wednesday-circle 2031-01-15 19:00 now lasts 2h (was 1h30)" log &&
	circle undo --yes >/dev/null &&
	test "$(span 2)" = "2031-01-15 19:00 20:30" &&
	circle session move --length "2 hours" 2031-01-15 >/dev/null &&
	test "$(span 2)" = "2031-01-15 19:00 21:00"
'

test_expect_success 'the same length again: said, exit 1, nothing written' '
	circle db dump >before &&
	test_expect_code 1 circle session move --for 120 2031-01-15 2>err &&
	test_grep "session 2031-01-15T19:00 already lasts 2h" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a bad length: exit 65, nothing written; no change at all: usage' '
	circle db dump >before &&
	test_expect_code 65 circle session move --for 25h 2031-01-15 2>err &&
	test_grep "more than a day" err &&
	test_expect_code 65 circle session edit --for 0 2031-01-15 2>err &&
	test_grep "less than a minute" err &&
	test_expect_code 2 circle session move 2031-01-15 2>err &&
	test_grep "give when (move SESSION to WHEN), or --to-date DATE, --at HH:MM and/or --for LENGTH" err &&
	test_expect_code 2 circle session edit 2031-01-15 2>err &&
	test_grep "or --for" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'planning the series again keeps the session given its own length' '
	circle session plan --name weds --every week --at 19:00 --for 1h30 \
	    --from 2031-01-08 --count 5 >out &&
	test_grep "0 added, 0 moved, 0 removed" out &&
	test "$(span 2)" = "2031-01-15 19:00 21:00"
'

test_expect_success 'a new length for the schedule: the others follow it, that one stays' '
	circle session plan --name weds --every week --at 19:00 --for 1h45 \
	    --from 2031-01-08 --count 5 >/dev/null &&
	test "$(span 1)" = "2031-01-08 19:00 20:45" &&
	test "$(span 2)" = "2031-01-15 19:00 21:00" &&
	test "$(span 5)" = "2031-02-05 19:00 20:45"
'

test_expect_success 'edit --for with --topic: both in one command, undone together' '
	circle session edit --for 2h30 --topic "Longer, with a guest" \
	    2031-01-22 >out &&
	printf "%s\n" "1 session now lasts 2h30" "session 2031-01-22 updated" \
	    >expect &&
	test_cmp expect out &&
	test "$(span 3)" = "2031-01-22 19:00 21:30" &&
	test "$(test_sql "SELECT topic FROM session WHERE id = 3")" = \
	    "Longer, with a guest" &&
	test "$(test_sql "SELECT count(DISTINCT command_id) FROM change_log
	    WHERE entity = '\''session'\'' AND uid = (SELECT uid FROM session
	    WHERE id = 3)")" = 1 &&
	circle undo --yes >/dev/null &&
	test "$(span 3)" = "2031-01-22 19:00 20:45" &&
	test "$(test_sql "SELECT topic IS NULL FROM session WHERE id = 3")" = 1
'

test_expect_success 'move --for --dry-run: each session said, nothing written' '
	circle db dump >before &&
	circle session move --for 1h --following --dry-run 2031-01-15 >out &&
	cat >expect <<-\EOF &&
	would make 2031-01-15 19:00 last 1h (was 2h)
	would make 2031-01-22 19:00 last 1h (was 1h45)
	would make 2031-01-29 19:00 last 1h (was 1h45)
	would make 2031-02-05 19:00 last 1h (was 1h45)
	dry run: would be 4 sessions changed
	EOF
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'move --for --following: from this one on, the series split; the first one stays' '
	circle session move --for 2h --following 2031-01-29 >out &&
	echo "2 sessions now last 2h" >expect &&
	test_cmp expect out &&
	test "$(span 1)" = "2031-01-08 19:00 20:45" &&
	test "$(span 3)" = "2031-01-22 19:00 20:45" &&
	test "$(span 4)" = "2031-01-29 19:00 21:00" &&
	test "$(span 5)" = "2031-02-05 19:00 21:00" &&
	test "$(test_sql "SELECT duration FROM series WHERE id = (SELECT
	    series_id FROM session WHERE id = 5)")" = 120 &&
	test "$(test_sql "SELECT count(*) FROM series")" = 2
'

test_expect_success 'move --for --whole-series: every start stays, a moved one too' '
	circle session move --at 18:00 2031-01-08 >/dev/null &&
	circle session move --for 1h --whole-series 2031-01-15 >out &&
	echo "3 sessions now last 1h" >expect &&
	test_cmp expect out &&
	test "$(span 1)" = "2031-01-08 18:00 19:00" &&
	test "$(span 2)" = "2031-01-15 19:00 20:00" &&
	test "$(span 3)" = "2031-01-22 19:00 20:00" &&
	test "$(span 4)" = "2031-01-29 19:00 21:00" &&
	test "$(test_sql "SELECT rrule, dtstart, duration FROM series
	    WHERE id = 1")" = "$(test_sql "SELECT rrule FROM series
	    WHERE id = 1")|2031-01-08T19:00|60"
'

test_expect_success 'move --to-date with --for: both, said once' '
	circle session move --to-date 2031-01-23 --for 1h15 2031-01-22 >out &&
	echo "1 session moved, now lasting 1h15" >expect &&
	test_cmp expect out &&
	test "$(span 3)" = "2031-01-23 19:00 20:15"
'

test_expect_success 'a longer session that runs into the next one is warned about' '
	circle session add 2031-01-29 20:30 >/dev/null &&
	circle session move --for 1h 2031-01-29T20:30 >/dev/null &&
	circle session move --for 3h 2031-01-29T19:00 >out 2>err &&
	test_grep "2031-01-29T19:00 is now held at the same time as" err
'

test_expect_success 'a held session: how long it ran may be put right, not when' '
	circle session add 2026-01-07 19:00 >/dev/null &&
	circle attend headcount 2026-01-07 7 >/dev/null &&
	test "$(test_sql "SELECT status FROM session WHERE
	    local_start = '\''2026-01-07T19:00'\''")" = held &&
	circle session move --for 2h 2026-01-07 >out &&
	test_grep "1 session now lasts 2h" out &&
	test_expect_code 1 circle session move --at 18:00 --for 2h \
	    2026-01-07 2>err &&
	test_grep "was held; it stays where it happened (give --for alone" err
'

test_expect_success 'the calendar carries a length of its own as an override of the series' '
	circle export ics -o weds.ics >/dev/null &&
	grep -A2 "^RECURRENCE-ID;TZID=Europe/London:20310129T190000" \
	    weds.ics >override &&
	test_grep "^DTEND;TZID=Europe/London:20310129T220000" override &&
	test_expect_code 1 grep \
	    "^RECURRENCE-ID;TZID=Europe/London:20310115T190000" weds.ics
'

test_expect_success 'edit --for the length it has, with --topic: the topic is changed' '
	circle session edit --for 1h --topic "Same length, new topic" \
	    2031-01-15 >out &&
	echo "session 2031-01-15 updated" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT topic FROM session
	    WHERE local_start LIKE '\''2031-01-15%'\''")" = \
	    "Same length, new topic"
'

test_done
