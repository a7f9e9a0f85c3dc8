#!/bin/sh
test_description='circle session import: invalid habits of real calendar writers'
. "$(dirname "$0")/test-lib.sh"

# tests/t7170/ holds small calendars in the invalid shapes some programs
# write (a TZID and a Z together, a floating UNTIL on a zoned DTSTART, an
# old Outlook's Windows-1252, several calendars in one file); each test
# says what circle makes of them and that it warns with the line.
ICS="$CIRCLE_SRC/tests/t7170"
UNTIL=2056-12-31

# made HANDLE: the sessions of a group, "local tzid starts", in order.
made() {
	test_sql "SELECT s.local_start || ' ' || s.tzid || ' ' || s.starts_at
	    FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '$1' ORDER BY s.starts_at"
}

test_expect_success 'setup' '
	test_fresh_db
'

# libical, ical.js and Google read the Z; python-icalendar the TZID.
test_expect_success 'TZID and Z together: read as UTC, kept in the zone, warned' '
	circle group add --tz Europe/London zz >/dev/null &&
	circle session import --group zz --until $UNTIL \
	    "$ICS/zoned-utc.ics" >out 2>err &&
	test_grep ": 5 sessions added" out &&
	test_grep "zoned-utc.ics:9: DTSTART: TZID=Europe/Berlin and a UTC time (Z) together, which RFC 5545 forbids; read as UTC, as most calendars read it (and 3 more like it)" err &&
	test "$(grep -c warning: err)" = 1 &&
	made zz >got &&
	cat >want <<-\EOF &&
	2055-03-10T19:00 Europe/Berlin 2055-03-10T18:00:00Z
	2055-03-17T19:00 Europe/Berlin 2055-03-17T18:00:00Z
	2055-03-24T19:00 Europe/Berlin 2055-03-24T18:00:00Z
	2055-03-31T19:00 Europe/Berlin 2055-03-31T17:00:00Z
	2055-11-24T19:00 Europe/Berlin 2055-11-24T18:00:00Z
	EOF
	test_cmp want got
'

# recurring_ical_events, ical.js and Google read it as UTC; libical as
# the event's wall time.  Only the zoned events are warned of.
test_expect_success 'a floating UNTIL on a zoned DTSTART: UTC, warned once' '
	circle group add --tz America/New_York uf >/dev/null &&
	circle session import --group uf --until $UNTIL \
	    "$ICS/until-floating.ics" >out 2>err &&
	test_grep "until-floating.ics:10: RRULE: UNTIL has no Z but DTSTART has a zone, which RFC 5545 forbids; read as UTC, as most calendars read it (and 1 more like it)" err &&
	test "$(grep -c warning: err)" = 1 &&
	made uf | cut -d " " -f 1 >got &&
	cat >want <<-\EOF &&
	2055-11-03T19:00
	2055-11-05T09:00
	2055-11-06T09:00
	2055-11-10T19:00
	2055-11-12T09:00
	2055-11-13T09:00
	2055-11-17T19:00
	2055-11-19T09:00
	2055-11-20T09:00
	2055-11-27T09:00
	EOF
	test_cmp want got
'

test_done
