#!/bin/sh
test_description='circle session import: its own export, edited in Google Calendar, read back'
. "$(dirname "$0")/test-lib.sh"

# A facilitator exports the group's series, imports it into Google
# Calendar (which keeps its UID), edits it there and exports it again:
# one session moved, or the series split "this and following" (the first
# part ends by an UNTIL in UTC, the rest is a new event whose UID is the
# old one with _R and the split's time, RELATED-TO the old), or a one-off
# cancelled (STATUS:CANCELLED, a higher SEQUENCE).  The calendars are
# written here in Google's shape, with the UID circle's export gave.

# google FILE: the VCALENDAR head Google writes, its New York VTIMEZONE.
google_head() {
	printf "%s\r\n" "BEGIN:VCALENDAR" \
	    "PRODID:-//Google Inc//Google Calendar 70.9054//EN" \
	    "VERSION:2.0" "CALSCALE:GREGORIAN" "METHOD:PUBLISH" \
	    "X-WR-CALNAME:Circle" "X-WR-TIMEZONE:America/New_York" \
	    "BEGIN:VTIMEZONE" "TZID:America/New_York" \
	    "X-LIC-LOCATION:America/New_York" "BEGIN:DAYLIGHT" \
	    "TZOFFSETFROM:-0500" "TZOFFSETTO:-0400" "TZNAME:EDT" \
	    "DTSTART:19700308T020000" "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" \
	    "END:DAYLIGHT" "BEGIN:STANDARD" "TZOFFSETFROM:-0400" \
	    "TZOFFSETTO:-0500" "TZNAME:EST" "DTSTART:19701101T020000" \
	    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU" "END:STANDARD" \
	    "END:VTIMEZONE"
}

# event LINE...: one VEVENT of those lines and Google's own; STATUS is
# CONFIRMED unless a line gives it.
event() {
	status=STATUS:CONFIRMED
	case "$*" in *STATUS:*) status= ;; esac
	printf "%s\r\n" "BEGIN:VEVENT" "$@" "DTSTAMP:20261208T001500Z" \
	    "CREATED:20261208T001000Z" "DESCRIPTION:" "LOCATION:" \
	    ${status:+"$status"} "SUMMARY:Circle" "TRANSP:OPAQUE" "END:VEVENT"
}

sessions() {
	test_sql "SELECT local_start, ends_at, status FROM session ORDER BY 1"
}

# again FILE: imported again, the database not changed by a byte.
again() {
	circle db dump >before &&
	circle session import "$1" >out 2>err &&
	test_grep ", 0 updated, 0 removed" out &&
	circle db dump >after &&
	test_cmp before after
}

test_expect_success 'setup: a series of six Thursdays, exported' '
	test_fresh_db &&
	circle group add --tz America/New_York Circle >/dev/null &&
	circle session plan --every week --on thu --at 19:00 --for 90 \
	    --from 2055-01-06 --count 6 --name thu >/dev/null &&
	circle export ics -o exp.ics >/dev/null &&
	uid=$(sed -n "s/^UID:\(.*\)\r\$/\1/p" exp.ics) &&
	test -n "$uid" &&
	echo "$uid" >uid &&
	circle db dump >planned
'

test_expect_success 'one session moved in Google: that one moves, the rest stay' '
	uid=$(cat uid) &&
	{
		google_head &&
		event "DTSTART;TZID=America/New_York:20550107T190000" \
		    "DTEND;TZID=America/New_York:20550107T203000" \
		    "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=TH" "UID:$uid" \
		    "SEQUENCE:0" &&
		event "DTSTART;TZID=America/New_York:20550122T180000" \
		    "DTEND;TZID=America/New_York:20550122T193000" \
		    "UID:$uid" \
		    "RECURRENCE-ID;TZID=America/New_York:20550121T190000" \
		    "SEQUENCE:1" &&
		printf "END:VCALENDAR\r\n"
	} >moved.ics &&
	circle session import moved.ics >out 2>err &&
	test_grep ": 0 sessions added, 1 updated, 0 removed, 5 unchanged" out &&
	sessions >got &&
	cat >want <<-\EOF &&
	2055-01-07T19:00|2055-01-08T01:30:00Z|scheduled
	2055-01-14T19:00|2055-01-15T01:30:00Z|scheduled
	2055-01-22T18:00|2055-01-23T00:30:00Z|scheduled
	2055-01-28T19:00|2055-01-29T01:30:00Z|scheduled
	2055-02-04T19:00|2055-02-05T01:30:00Z|scheduled
	2055-02-11T19:00|2055-02-12T01:30:00Z|scheduled
	EOF
	test_cmp want got &&
	again moved.ics
'

test_expect_success 'the series split "this and following" in Google: the rest at the new time' '
	uid=$(cat uid) &&
	{
		google_head &&
		event "DTSTART;TZID=America/New_York:20550107T190000" \
		    "DTEND;TZID=America/New_York:20550107T203000" \
		    "RRULE:FREQ=WEEKLY;UNTIL=20550120T235959Z;BYDAY=TH" \
		    "UID:$uid" "SEQUENCE:2" &&
		event "DTSTART;TZID=America/New_York:20550128T180000" \
		    "DTEND;TZID=America/New_York:20550128T193000" \
		    "RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=TH" \
		    "UID:${uid}_R20550128T000000@google.com" \
		    "RELATED-TO;RELTYPE=SIBLING:$uid" "SEQUENCE:0" &&
		printf "END:VCALENDAR\r\n"
	} >split.ics &&
	circle session import split.ics >out 2>err &&
	test_grep ": 3 sessions added, 0 updated, 4 removed, 2 unchanged" out &&
	sessions >got &&
	cat >want <<-\EOF &&
	2055-01-07T19:00|2055-01-08T01:30:00Z|scheduled
	2055-01-14T19:00|2055-01-15T01:30:00Z|scheduled
	2055-01-28T18:00|2055-01-29T00:30:00Z|scheduled
	2055-02-04T18:00|2055-02-05T00:30:00Z|scheduled
	2055-02-11T18:00|2055-02-12T00:30:00Z|scheduled
	EOF
	test_cmp want got &&
	again split.ics
'

test_expect_success 'a one-off cancelled in Google: cancelled here; an older file does not undo it' '
	one() {
		google_head &&
		event "DTSTART;TZID=America/New_York:20550705T190000" \
		    "DTEND;TZID=America/New_York:20550705T203000" \
		    "UID:open-evening@google.com" "SEQUENCE:$1" \
		    ${2:+"STATUS:$2"} &&
		printf "END:VCALENDAR\r\n"
	} &&
	one 0 >open.ics &&
	circle session import open.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	one 1 CANCELLED >cancelled.ics &&
	circle session import cancelled.ics >out 2>err &&
	test_grep ": 0 sessions added, 1 updated" out &&
	test_sql "SELECT status FROM session WHERE local_start = '"'"'2055-07-05T19:00'"'"'" >got &&
	echo cancelled >want &&
	test_cmp want got &&
	again cancelled.ics &&
	again open.ics &&
	test_sql "SELECT status FROM session WHERE local_start = '"'"'2055-07-05T19:00'"'"'" >got &&
	test_cmp want got
'

test_done
