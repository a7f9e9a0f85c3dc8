#!/bin/sh
test_description='circle session import --match: the group'\''s events out of a whole calendar exported with everything else in it'
. "$(dirname "$0")/test-lib.sh"

# tests/t7180/google-whole.ics: a Google Calendar export of a
# facilitator's own calendar: the group's weekly series with an override
# retitled, a doctor's appointment, a holiday, a supervision call, an
# open day of the group, and an event with no title.
ICS="$CIRCLE_SRC/tests/t7180"

# made: the sessions, "local end", in order.
made() {
	circle session list --format tsv | cut -f3,4,5
}

test_expect_success 'setup' '
	test_fresh_db &&
	circle group add --tz Europe/London "Tuesday Circle" >/dev/null &&
	cp "$ICS/google-whole.ics" .
'

test_expect_success 'without --match every event is a session but the all-day one (the dry run shows it)' '
	circle session import --dry-run google-whole.ics >out 2>err &&
	test_grep "^dry run: 7 events, 1 repeating: 8 sessions would be added, .*; 1 event left out" out &&
	test_grep "google-whole.ics:43:1: DTSTART: \"Christmas Day\" on 2046-12-25, an all-day event, not a session; left out" err &&
	test_grep "^circle-session: warning: google-whole.ics: events of 4 titles (SUMMARY) with no word in common, such as \"GP appointment\", \"Supervision with the coordinator\" and \"Tuesday Circle\", are all sessions of tuesday-circle: if the file is a whole calendar, import only the group'"'"'s with --match WORDS of its title ('"'"'circle undo'"'"' puts an import back)\$" err &&
	test "$(grep -c warning: err)" = 2
'

# Titles that share a word are one group's meetings, each with its theme.
test_expect_success 'titles with a word in common, or fewer than four: no word of a whole calendar' '
	{
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" &&
		for t in "Circle: anger" "Circle: sleep" "circle - boundaries" \
		    "Summer CIRCLE picnic"; do
			printf "BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:20461201T190000Z\r\nEND:VEVENT\r\n" "$t" "$t" || return 1
		done &&
		printf "END:VCALENDAR\r\n"
	} >themes.ics &&
	circle session import --dry-run themes.ics >out 2>err &&
	test_grep ": 4 sessions would be added" out &&
	test_must_be_empty err &&
	sed "s/Summer CIRCLE picnic/Dentist/" themes.ics >four.ics &&
	circle session import --dry-run four.ics >out 2>err &&
	test_grep "four.ics: events of 4 titles (SUMMARY) with no word in common" err &&
	{
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" &&
		for t in "Circle: anger" "Dentist" "Supervision"; do
			printf "BEGIN:VEVENT\r\nUID:%s\r\nSUMMARY:%s\r\nDTSTART:20461201T190000Z\r\nEND:VEVENT\r\n" "$t" "$t" || return 1
		done &&
		printf "END:VCALENDAR\r\n"
	} >three.ics &&
	circle session import --dry-run three.ics >out 2>err &&
	test_grep ": 3 sessions would be added" out &&
	test_must_be_empty err
'

test_expect_success '--match: the series, its retitled override and the open day; one warning for the rest' '
	circle session import --match "tuesday  CIRCLE" \
	    google-whole.ics >out 2>err &&
	echo "7 events, 1 repeating: 5 sessions added, 0 updated, 0 removed, 0 unchanged; 4 events left out" >expect &&
	test_cmp expect out &&
	echo "circle-session: warning: google-whole.ics: 4 events left out: their SUMMARY does not hold \"tuesday  CIRCLE\" (--match)" >expect &&
	test_cmp expect err &&
	cat >expect <<-\EOF &&
	2046-12-04	19:00	20:30
	2046-12-11	19:00	20:30
	2046-12-12	10:00	12:00
	2046-12-18	18:00	19:30
	2046-12-25	19:00	20:30
	EOF
	made >actual &&
	test_cmp expect actual
'

test_expect_success 'again with --match: nothing changes, the others still left out' '
	circle session import --match "Tuesday Circle" \
	    google-whole.ics >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 5 unchanged; 4 events left out" out
'

test_expect_success '--match words no event holds: nothing made, said' '
	test_fresh_db &&
	circle group add --tz Europe/London "Tuesday Circle" >/dev/null &&
	circle session import --match "Thursday" google-whole.ics \
	    >out 2>err &&
	test_grep ": 0 sessions added, .*; 6 events left out" out &&
	test_grep "6 events left out: their SUMMARY does not hold \"Thursday\"" err &&
	test "$(test_sql "SELECT count(*) FROM session")" = 0
'

test_expect_success 'a whole calendar'\''s birthdays: ten named, the rest in one line' '
	{
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" &&
		for d in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 \
		    18 19 20 21 22 23 24 25; do
			printf "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:204612%s\r\nUID:bday-%s@google.com\r\nSUMMARY:Birthday %s\r\nEND:VEVENT\r\n" $d $d $d || return 1
		done &&
		printf "END:VCALENDAR\r\n"
	} >birthdays.ics &&
	circle session import birthdays.ics >out 2>err &&
	echo "25 events, 0 repeating: 0 sessions added, 0 updated, 0 removed, 0 unchanged; 25 events left out" >expect &&
	test_cmp expect out &&
	test "$(grep -c ", an all-day event, not a session; left out\$" err)" = 10 &&
	test_grep "birthdays.ics:4:1: DTSTART: \"Birthday 01\" on 2046-12-01" err &&
	test_grep "birthdays.ics: 15 more events left out, all-day or longer than a week, not sessions\$" err &&
	test "$(wc -l <err)" = 11
'

test_done
