#!/bin/sh
test_description='circle session import: rule, length and line shapes of real calendars'
. "$(dirname "$0")/test-lib.sh"

# tests/t7175/ holds small calendars in shapes the other t71xx fixtures
# leave out: an UNTIL that is a date on a timed series (Google, Kopano),
# "last Thursday" and "last day of the month", a date-only EXDATE, lines
# folded with a tab and no end to the last one (Lotus Notes), events of
# no length or one that ends before it begins (an override's, in its
# series' zone, over a clock change), an override sent alone whose
# RECURRENCE-ID is a date (Exchange), a DTSTART given twice, a calendar
# property with spaces in its name, and a long calendar with one bad
# event.
ICS="$CIRCLE_SRC/tests/t7175"
UNTIL=2056-12-31

# made HANDLE: the sessions of a group, "local end-in-UTC tzid", in order.
made() {
	test_sql "SELECT s.local_start || ' ' || s.ends_at || ' ' || s.tzid
	    FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '$1' ORDER BY s.starts_at"
}

test_expect_success 'setup' '
	test_fresh_db &&
	circle group add --tz America/New_York ny >/dev/null &&
	circle group add --tz Europe/London ldn >/dev/null
'

# RFC 5545 wants UNTIL a UTC time on a zoned DTSTART; Google and Kopano
# write a date, which takes in the whole of that day.
test_expect_success 'UNTIL a date on a timed series: its day is the last' '
	circle session import --group ny --until $UNTIL \
	    "$ICS/google-until-date.ics" >out 2>err &&
	test_grep ": 5 sessions added" out &&
	test_must_be_empty err &&
	made ny >got &&
	cat >want <<-\EOF &&
	2055-01-05T19:00 2055-01-06T01:30:00Z America/New_York
	2055-01-06T14:00 2055-01-06T19:30:00Z America/New_York
	2055-01-12T19:00 2055-01-13T01:30:00Z America/New_York
	2055-01-19T19:00 2055-01-20T01:30:00Z America/New_York
	2055-01-26T19:00 2055-01-27T01:30:00Z America/New_York
	EOF
	test_cmp want got
'

# BYDAY=-1TH and BYMONTHDAY=-1 across the March change; a date-only
# EXDATE (Outlook) leaves out the session of that day.
test_expect_success 'last Thursday, last day of the month, an EXDATE that is a date' '
	circle group add --tz America/New_York monthly >/dev/null &&
	circle session import --group monthly --until $UNTIL \
	    "$ICS/monthly-rules.ics" >out 2>err &&
	test_grep ": 7 sessions added" out &&
	test_must_be_empty err &&
	made monthly >got &&
	cat >want <<-\EOF &&
	2055-01-28T19:00 2055-01-29T01:30:00Z America/New_York
	2055-01-31T12:00 2055-01-31T18:00:00Z America/New_York
	2055-02-28T12:00 2055-02-28T18:00:00Z America/New_York
	2055-03-25T19:00 2055-03-26T00:30:00Z America/New_York
	2055-03-31T12:00 2055-03-31T17:00:00Z America/New_York
	2055-04-29T19:00 2055-04-30T00:30:00Z America/New_York
	2055-04-30T12:00 2055-04-30T17:00:00Z America/New_York
	EOF
	test_cmp want got
'

test_expect_success 'lines folded with a tab, the last line without its end' '
	circle session import --group ldn --until $UNTIL \
	    "$ICS/notes-tab-folds.ics" >out 2>err &&
	test_grep ": 1 session added" out &&
	test_must_be_empty err &&
	test_sql "SELECT location || \"|\" || topic FROM session
	    WHERE uid = \"notes-tab-folds\"" >got &&
	echo "Room 4, Friends Meeting House|Sharing round: what helped this week" >want &&
	test_cmp want got
'

# A DTEND the same as DTSTART, or DURATION:PT0S, gives no length: the
# session lasts as long as the group's usually do, said once.
test_expect_success 'no length: the group length, said once; an all-day event left out' '
	circle group add --tz Europe/London len >/dev/null &&
	circle session import --group len --until $UNTIL \
	    "$ICS/lengths.ics" >out 2>err &&
	test_grep ": 3 sessions added" out &&
	test_grep "lengths.ics:9: DTEND: the same as DTSTART, no length; the session lasts the group'"'"'s usual 90 minutes (and 1 more like it)\$" err &&
	test_grep "lengths.ics:14:1: DTSTART: \"Bank holiday - hall closed\" on 2055-03-02, an all-day event, not a session; left out" err &&
	test "$(grep -c warning: err)" = 2 &&
	made len >got &&
	cat >want <<-\EOF &&
	2055-03-01T19:00 2055-03-01T20:30:00Z Europe/London
	2055-03-03T19:00 2055-03-03T20:30:00Z Europe/London
	2055-03-04T19:00 2055-03-04T20:15:00Z Europe/London
	EOF
	test_cmp want got
'

# libical reads DURATION:PT1H30 as an hour and PT as no time at all:
# a length it would guess is refused at its line; one in small letters
# is RFC 5234's, and an empty one gives the group's length, said.  An
# alarm's DURATION is the alarm's.
test_expect_success 'DURATION malformed, in small letters, empty' '
	circle group add --tz Europe/London dur >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group dur \
	    "$ICS/duration-shapes.ics" 2>err &&
	test_grep "^circle-session: .*duration-shapes.ics:8:10: DURATION: \"PT1H30\" is not a length as RFC 5545 writes one, each number with its unit (PT1H30M, PT90M, P1D), in \"Carers circle\"; nothing imported: correct it, or give --skip-bad to import the other events without it\$" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session import --group dur --until $UNTIL --skip-bad \
	    "$ICS/duration-shapes.ics" >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_grep "duration-shapes.ics:8:10: DURATION: \"PT1H30\" is not a length" err &&
	test_grep "duration-shapes.ics:32:10: DURATION: \"PT\" is not a length .*, in \"Carers circle (new room)\"; event skipped\$" err &&
	test_grep "duration-shapes.ics:20: DURATION: empty, no length; the session lasts the group'"'"'s usual 90 minutes\$" err &&
	test "$(grep -c warning: err)" = 3 &&
	made dur >got &&
	cat >want <<-\EOF &&
	2055-03-17T19:00 2055-03-17T19:45:00Z Europe/London
	2055-03-24T19:00 2055-03-24T20:30:00Z Europe/London
	EOF
	test_cmp want got
'

test_expect_success 'an end before the start: its DTEND line, the event, what to do' '
	circle group add --tz Europe/London back >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group back \
	    "$ICS/backwards.ics" 2>err &&
	test_grep "^circle-session: .*backwards.ics:14:1: DTEND: 2055-03-08 17:30 is before DTSTART 2055-03-08 19:00, in \"Carers'"'"' circle\"; nothing imported: correct it, or give --skip-bad to import the other events without it\$" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle session import --group back --skip-bad "$ICS/backwards.ics" \
	    >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "backwards.ics:14:1: DTEND: 2055-03-08 17:30 is before DTSTART 2055-03-08 19:00, in \"Carers'"'"' circle\"; event skipped\$" err
'

# Ends in another zone are shown with their zones; an all-day event that
# ends before it begins is still only an all-day event, left out.
test_expect_success 'an end before the start in another zone: the zones said' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ad-back\r\nSUMMARY:Closed\r\nDTSTART;VALUE=DATE:20550305\r\nDTEND;VALUE=DATE:20550304\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:tz-back\r\nDTSTART;TZID=America/New_York:20550305T190000\r\nDTEND:20550305T230000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >zones.ics &&
	test_expect_code 65 circle session import --group back zones.ics 2>err &&
	test_grep "^circle-session: zones.ics:12:1: DTEND: 2055-03-05 23:00 UTC is before DTSTART 2055-03-05 19:00 America/New_York; nothing imported: correct it, or give --skip-bad to import the other events without it\$" err &&
	circle session import --group back --skip-bad zones.ics >out 2>err &&
	test_grep "zones.ics:6:1: DTSTART: \"Closed\" on 2055-03-05, an all-day event, not a session; left out" err &&
	test_grep "zones.ics:12:1: DTEND: 2055-03-05 23:00 UTC is before DTSTART 2055-03-05 19:00 America/New_York; event skipped" err
'

# An override's floating times are read in its series' zone (New York
# here, the group in London): 02:30 on the night the clocks there go
# forward from 02:00 to 03:00 is 03:30, after its end.  Said so, with
# the times, where it said "before DTSTART or more than a week after".
test_expect_success 'an override that ends before it begins in its series'"'"' zone: the clock change said' '
	circle db dump >before &&
	test_expect_code 65 circle session import --group back \
	    "$ICS/gap-override.ics" 2>err &&
	test_grep "gap-override.ics:11:1: DTEND: 2055-03-14 03:00 is before DTSTART 2055-03-14 02:30 in America/New_York, where the clocks go forward over 02:30 (it is 03:30 there)" err &&
	circle db dump >after &&
	test_cmp before after
'

# A DTEND without a zone on a DTSTART with one is in DTSTART's zone (a
# program that wrote the zone once), not the group's: 19:00-20:30 in New
# York, not 20:30 in London, which is before the start.
test_expect_success 'an end without a zone is in the start'"'"'s zone' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:mixed-1\r\nSUMMARY:Grief group\r\nDTSTART;TZID=America/New_York:20550310T190000\r\nDTEND:20550310T203000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >mixed.ics &&
	circle group add --tz Europe/London mixed >/dev/null &&
	circle session import --group mixed mixed.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_must_be_empty err &&
	echo "2055-03-10T19:00 2055-03-11T01:30:00Z America/New_York" >want &&
	made mixed >got &&
	test_cmp want got
'

# DTSTART given twice (a script that appended a corrected time): the
# same time again is nothing; another is refused, both said, where the
# last one was taken without a word.
test_expect_success 'DTSTART given twice: the same is read, two times refused' '
	circle group add --tz Europe/London twice >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:twice-1\r\nSUMMARY:Carers\r\nDTSTART;TZID=Europe/London:20550111T190000\r\nDTSTART;TZID=Europe/London:20550111T190000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >same.ics &&
	circle session import --group twice same.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_must_be_empty err &&
	sed "7s/T190000/T200000/" same.ics >two.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group twice two.ics 2>err &&
	test_grep "^circle-session: two.ics:7:1: DTSTART: given twice, 2055-01-11 19:00 Europe/London (line 6) and 2055-01-11 20:00 Europe/London; keep the right one, in \"Carers\"; nothing imported" err &&
	circle db dump >after &&
	test_cmp before after
'

# RFC 5545 wants a RECURRENCE-ID or RDATE of DTSTART's type; some programs
# write the day alone on a series at a time of day.  It is that day's
# session at the series' time; an EXDATE in UTC leaves out the local day
# it falls on.
test_expect_success 'a RECURRENCE-ID or RDATE that is a date: that day, at the series time' '
	circle group add --tz America/Los_Angeles la >/dev/null &&
	circle session import --group la --until $UNTIL \
	    "$ICS/rid-date.ics" >out 2>err &&
	test_grep ": 4 sessions added" out &&
	test_must_be_empty err &&
	test_sql "SELECT s.local_start || \" \" || s.recurrence_id
	    FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"la\" ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	2055-01-04T19:00 2055-01-05T03:00:00Z
	2055-01-18T19:00 2055-01-19T03:00:00Z
	2055-01-25T18:00 2055-01-26T03:00:00Z
	2055-02-03T19:00 2055-02-04T03:00:00Z
	EOF
	test_cmp want got &&
	circle session import --group la --until $UNTIL \
	    "$ICS/rid-date.ics" >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out
'

# Exchange sends a change to one occurrence alone, its series imported
# from an earlier message; some servers write its RECURRENCE-ID as the
# day.  It is that day's session, at the series' time as the database
# keeps it: the session keeps its occurrence's RECURRENCE-ID (19:00 in Los
# Angeles, 03:00 UTC the next day), not that day's midnight.
test_expect_success 'an override alone whose RECURRENCE-ID is a date: that day of the series here' '
	circle group add --tz America/Los_Angeles alone >/dev/null &&
	circle session import --group alone "$ICS/rid-date-series.ics" >out &&
	test_grep ": 5 sessions added" out &&
	for f in move cancel; do
		circle session import --group alone \
		    "$ICS/rid-date-$f.ics" >out 2>err &&
		test_grep "^1 event, 0 repeating: 0 sessions added, 1 updated, 0 removed, 0 unchanged\$" out &&
		! grep -v "\"Pacific Standard Time\" read as America/Los_Angeles\$" err ||
		return 1
	done &&
	test_sql "SELECT s.local_start || \" \" || s.recurrence_id || \" \" ||
	    s.status FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"alone\" ORDER BY s.recurrence_id" >got &&
	cat >want <<-\EOF &&
	2055-01-04T19:00 2055-01-05T03:00:00Z scheduled
	2055-01-11T19:00 2055-01-12T03:00:00Z scheduled
	2055-01-18T18:00 2055-01-19T03:00:00Z scheduled
	2055-01-25T19:00 2055-01-26T03:00:00Z cancelled
	2055-02-01T19:00 2055-02-02T03:00:00Z scheduled
	EOF
	test_cmp want got &&
	circle db dump >before &&
	for f in series move cancel; do
		circle session import --group alone \
		    "$ICS/rid-date-$f.ics" >out &&
		test_grep " 0 updated, 0 removed" out || return 1
	done &&
	circle db dump >after &&
	test_cmp before after
'

# A rule that gives nothing (an UNTIL before DTSTART, a split series
# whose first half was cut to nothing) makes no session, and says so.
test_expect_success 'a series that gives no session is said' '
	circle group add --tz Europe/London none >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:until-before\r\nSUMMARY:Spring circle\r\nDTSTART;TZID=Europe/London:20550105T190000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;UNTIL=20541231T235959Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >none.ics &&
	circle session import --group none none.ics >out 2>err &&
	test_grep ": 0 sessions added" out &&
	test_grep "^circle-session: warning: none.ics:8: RRULE: \"Spring circle\" (UID until-before) gives no session (an UNTIL before DTSTART, every date an EXDATE, or no date the rule fits)\$" err &&
	made none >got &&
	test_must_be_empty got
'

# A calendar's own property with spaces in its name (a booking system's
# "REFRESH - INTERVAL; VALUE = DURATION"), which circle does not read: passed
# over, said once, where it refused the whole file.  In an event it is
# still that event's problem.
test_expect_success 'a line that is no content line outside events: passed over, said once' '
	circle group add --tz Europe/London rota >/dev/null &&
	circle session import --group rota "$ICS/spaced-names.ics" >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "spaced-names.ics:5: not a content line (NAME:value), outside any event; passed over\$" err &&
	test "$(wc -l <err)" = 1 &&
	echo "2055-01-13T18:30 2055-01-13T20:00:00Z Europe/London" >want &&
	made rota >got &&
	test_cmp want got &&
	sed "s/^LOCATION:Room 2/LOCATION - ROOM:2/" "$ICS/spaced-names.ics" >in-event.ics &&
	test_expect_code 65 circle session import --group rota in-event.ics 2>err &&
	test_grep "in-event.ics:13:1: not a content line (NAME:value), in \"Bereavement circle\"; nothing imported" err
'

# 400 events, the 251st with a DTEND libical cannot read.
test_expect_success 'a long calendar with one bad event: its line and name, nothing written' '
	circle group add --tz Europe/London long >/dev/null &&
	awk "BEGIN {
	    printf \"BEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\nPRODID:-//Room booking//EN\\r\\n\";
	    for (i = 0; i < 400; i++) {
		day = sprintf(\"%04d%02d%02d\", 2055 + int(i / 336),
		    1 + int(i % 336 / 28), 1 + i % 28);
		printf \"BEGIN:VEVENT\\r\\nUID:room-%d\\r\\nSUMMARY:Meeting %d\\r\\n\", i, i;
		printf \"DTSTART;TZID=Europe/London:%sT190000\\r\\n\", day;
		if (i == 250)
			printf \"DTEND;TZID=Europe/London:%sT2030\\r\\n\", day;
		else
			printf \"DURATION:PT1H\\r\\n\";
		printf \"END:VEVENT\\r\\n\";
	    }
	    printf \"END:VCALENDAR\\r\\n\";
	}" >long.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group long long.ics 2>err &&
	test_grep "^circle-session: long.ics:1508:1: DTEND: cannot be read (Can.t parse as DATE-TIME value in DTEND property: 20550927T2030), in \"Meeting 250\"; nothing imported: correct it, or give --skip-bad to import the other events without it\$" err &&
	test "$(wc -l <err)" = 1 &&
	circle db dump >after &&
	test_cmp before after &&
	circle session import --group long --skip-bad long.ics >out 2>err &&
	test_grep ": 399 sessions added, 0 updated, 0 removed, 0 unchanged; 1 event skipped" out &&
	test_grep "long.ics:1508:1: DTEND: cannot be read (Can.t parse as DATE-TIME value in DTEND property: 20550927T2030), in \"Meeting 250\"; event skipped\$" err
'

# Two edits of one occurrence, each with its RECURRENCE-ID as a date: the
# same occurrence, said, as two with its time are.
test_expect_success 'two overrides of one day, each by its date: the same occurrence, said' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:twice-1\r\nSUMMARY:Circle\r\nDTSTART;TZID=Europe/London:20550106T190000\r\nDTEND;TZID=Europe/London:20550106T203000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:twice-1\r\nRECURRENCE-ID;VALUE=DATE:20550113\r\nSUMMARY:Circle moved\r\nDTSTART;TZID=Europe/London:20550113T180000\r\nDTEND;TZID=Europe/London:20550113T193000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:twice-1\r\nRECURRENCE-ID;VALUE=DATE:20550113\r\nSUMMARY:Circle moved again\r\nDTSTART;TZID=Europe/London:20550113T170000\r\nDTEND;TZID=Europe/London:20550113T183000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >twice.ics &&
	circle group add --tz Europe/London twice2 >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group twice2 twice.ics 2>err &&
	test_grep "UID twice-1: the same occurrence as at line" err &&
	circle db dump >after &&
	test_cmp before after
'

# A UID of a series whose group row is gone (a database written with
# foreign keys off): a database problem, said as one, not "group ?".
test_expect_success 'a UID under a group that is not there: a database problem, said' '
	circle group add --tz Europe/London gone >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:orphan-row\r\nSUMMARY:Circle\r\nDTSTART:20550105T190000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >orphan.ics &&
	circle session import --group gone orphan.ics >out &&
	test_grep ": 2 sessions added" out &&
	gid=$(test_sql "SELECT id FROM grp WHERE handle = \"gone\"") &&
	test_sql "PRAGMA foreign_keys = OFF;
	    DELETE FROM grp_origin WHERE grp_id = $gid;
	    DELETE FROM grp WHERE id = $gid" &&
	circle db dump >before &&
	test_expect_code 74 circle session import --group ldn orphan.ics 2>err &&
	test_grep "orphan.ics: \"Circle\" (UID orphan-row) is in the database under group id $gid, which is not there: run '"'"'circle db check'"'"'\$" err &&
	! grep "group ?" err &&
	circle db dump >after &&
	test_cmp before after
'

# long NAME HEAD: a content line of NAME, HEAD and then 300 KiB of
# "A", folded as Outlook folds (75 octets, a space to go on).
long() {
	printf "%s%s\r\n" "$1" "$2" &&
	awk "BEGIN { for (i = 0; i < 4200; i++) printf \" %s\\r\\n\", \
	    \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\" }"
}

# Outlook's "Save as calendar" with its attachments, Apple Calendar's too,
# write a file into its event (ATTACH;ENCODING=BASE64), longer than any
# line circle reads; Outlook's HTML (X-ALT-DESC) and notes pasted into
# the DESCRIPTION can be as long.  Lines not read are passed over, a
# DESCRIPTION is read for its first line; a LOCATION so long is an error.
test_expect_success 'lines over 256 KiB: an attachment, HTML, long notes' '
	circle group add --tz Europe/London att >/dev/null &&
	{
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" &&
		long "X-WR-CALDESC:" "Notes " &&
		printf "BEGIN:VEVENT\r\nUID:with-attachment\r\nSUMMARY:Circle\r\n" &&
		printf "DTSTART;TZID=Europe/London:20550105T190000\r\nDURATION:PT90M\r\n" &&
		long "ATTACH;ENCODING=BASE64;VALUE=BINARY;X-FILENAME=agenda.pdf:" "JVBERi0xLjcK" &&
		long "X-ALT-DESC;FMTTYPE=text/html:" "<html><body>" &&
		long "DESCRIPTION:" "Sharing round: boundaries\\n" &&
		printf "BEGIN:VALARM\r\nACTION:DISPLAY\r\n" &&
		long "DESCRIPTION:" "Reminder " &&
		printf "TRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	} >attach.ics &&
	circle session import --group att --until $UNTIL attach.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "attach.ics:12611: DESCRIPTION: only its first line is kept\$" err &&
	test "$(grep -c warning: err)" = 1 &&
	test_sql "SELECT topic FROM session WHERE uid = \"with-attachment\"" >got &&
	echo "Sharing round: boundaries" >want &&
	test_cmp want got &&
	{
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:long-place\r\n" &&
		printf "DTSTART;TZID=Europe/London:20550112T190000\r\n" &&
		long "LOCATION:" "Hall " &&
		printf "END:VEVENT\r\nEND:VCALENDAR\r\n"
	} >place.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group att place.ics 2>err &&
	test_grep "place.ics:6:1: LOCATION: a line longer than 256 KiB.*; nothing imported: correct it, or give --skip-bad" err &&
	circle db dump >after &&
	test_cmp before after
'

# COUNT=0, which libical refuses: Apple Calendar writes it beside an
# UNTIL once a series "forever" is edited (sabre/dav issue 1455), Tasks.org
# on a rule without end.  Read without it, as the program that wrote it
# shows the series; the whole file was refused.
test_expect_success 'COUNT=0 (Apple Calendar, Tasks.org): read by its UNTIL or without end, said once' '
	circle group add --tz Europe/Berlin zero >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 13.2.1//EN\r\nBEGIN:VEVENT\r\nUID:6F9FD18D-0FC7-4719-AEEF-524D0500C96B\r\nDTSTART;TZID=Europe/Berlin:20550105T190000\r\nDTEND;TZID=Europe/Berlin:20550105T203000\r\nRRULE:FREQ=WEEKLY;COUNT=0;UNTIL=20550126T180000Z;BYDAY=TU\r\nSUMMARY:Gruppe\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:922187406211724545\r\nDTSTART;TZID=Europe/Berlin:20550107T180000\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=0;INTERVAL=1;BYDAY=TH\r\nSUMMARY:Donnerstag\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >zero.ics &&
	circle session import --group zero --until 2055-01-21 zero.ics \
	    >out 2>err &&
	test_grep ": 6 sessions added" out &&
	echo "circle-session: warning: zero.ics:8: RRULE: COUNT=0, which Apple Calendar and Tasks.org write for a rule that ends by its UNTIL or not at all; read so (and 1 more like it)" >want &&
	test_cmp want err &&
	made zero | cut -d " " -f 1 >got &&
	cat >want <<-\EOF &&
	2055-01-05T19:00
	2055-01-07T18:00
	2055-01-12T19:00
	2055-01-14T18:00
	2055-01-19T19:00
	2055-01-21T18:00
	EOF
	test_cmp want got &&
	circle session import --group zero --until 2055-02-28 zero.ics \
	    >out2 2>err2 &&
	test_grep ": 6 sessions added" out2 &&
	test "$(test_sql "SELECT max(s.local_start) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''zero'\'' AND
	    s.local_start LIKE '\''%T19:00'\''")" = 2055-01-26T19:00
'

# COUNT and UNTIL in one RRULE, which RFC 5545 forbids and libical
# refuses: DDay.iCal (booking tools) and Outlook CalDAV Synchronizer
# write them, the UNTIL worked out from the COUNT and often a zone out.
test_expect_success 'COUNT and UNTIL together: read by the COUNT, said once' '
	circle group add --tz Europe/London both >/dev/null &&
	circle session import --group both --until $UNTIL \
	    "$ICS/count-and-until.ics" >out 2>err &&
	test_grep ": 6 sessions added" out &&
	echo "circle-session: warning: $ICS/count-and-until.ics:9: RRULE: COUNT and UNTIL together, which RFC 5545 forbids; read by its COUNT, since an UNTIL written beside one is often a zone out (and 1 more like it)" >want &&
	test_cmp want err &&
	made both | cut -d " " -f 1 >got &&
	cat >want <<-\EOF &&
	2055-06-07T19:00
	2055-06-10T11:00
	2055-06-14T19:00
	2055-06-17T11:00
	2055-06-21T19:00
	2055-06-28T19:00
	EOF
	test_cmp want got
'

# Google Calendar writes a DESCRIPTION edited in its web page as HTML:
# its tags are not the topic, a line break ends the first line, &amp; is
# "&" and &#39; "'", in a link too.  Text with a "<" and no tag of HTML
# stays as it is.
test_expect_success 'a DESCRIPTION in HTML (Google): the text of its first line' '
	circle group add --tz Europe/London html >/dev/null &&
	circle session import --group html --until $UNTIL \
	    "$ICS/google-html-notes.ics" >out 2>err &&
	test_grep ": 3 sessions added" out &&
	test_grep "google-html-notes.ics:13: DESCRIPTION: only its first line is kept" err &&
	test_sql "SELECT s.topic, coalesce(s.online_url, \"-\") FROM session s
	    JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"html\" ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	This week: sleep & rest|https://us06web.zoom.us/j/84412345699?pwd=aGVsbG8&from=addon
	Anger, and what it'"'"'s guarding – together|-
	Under 18s < 5 this term & welcome|-
	EOF
	test_cmp want got
'

# Proton: fortnightly on two days, its weeks from Sunday (WKST=SU; from
# Monday they would pair otherwise), and a summer series whose UNTIL in
# UTC is its last session's moment (UNTIL takes it in, RFC 5545 3.3.10),
# with EXDATEs in another zone, two on one line, and in UTC.
test_expect_success 'INTERVAL=2 with WKST, an UNTIL at the last session, EXDATEs in other zones' '
	circle group add --tz Europe/Berlin proton >/dev/null &&
	circle session import --group proton --until $UNTIL \
	    "$ICS/proton-rule-shapes.ics" >out 2>err &&
	test_grep ": 8 sessions added" out &&
	test_must_be_empty err &&
	made proton | cut -d " " -f 1 >got &&
	cat >want <<-\EOF &&
	2055-05-02T18:30
	2055-05-04T18:30
	2055-05-16T18:30
	2055-05-18T18:30
	2055-05-30T18:30
	2055-06-01T18:30
	2055-07-04T19:00
	2055-08-01T19:00
	EOF
	test_cmp want got
'

# A calendar without events: Outlook's published free/busy times, a
# list of to-dos, nothing at all.  "0 sessions added" alone says not why.
test_expect_success 'no events: free/busy times, to-dos, none, each said' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VFREEBUSY\r\nDTSTART:20550101T000000Z\r\nDTEND:20550301T000000Z\r\nFREEBUSY;FBTYPE=BUSY:20550105T190000Z/20550105T203000Z\r\nEND:VFREEBUSY\r\nEND:VCALENDAR\r\n" >fb.ics &&
	circle db dump >before &&
	circle session import --group ldn fb.ics >out 2>err &&
	test_grep "^0 events, 0 repeating: 0 sessions added" out &&
	echo "circle-session: warning: fb.ics: no events (VEVENT) in the file, only free/busy times (VFREEBUSY), which say when someone is busy, not what meets: export or share the calendar with its events'"'"' details" >want &&
	test_cmp want err &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Book the room\r\nEND:VTODO\r\nEND:VCALENDAR\r\n" >todo.ics &&
	circle session import --group ldn todo.ics >out 2>err &&
	test_grep "todo.ics: no events (VEVENT) in the file, only to-dos (VTODO); nothing to import\$" err &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n" >none.ics &&
	circle session import --group ldn none.ics >out 2>err &&
	test_grep "none.ics: no events (VEVENT) in the file; nothing to import\$" err &&
	circle db dump >after &&
	test_cmp before after
'

# A calendar opened in a spreadsheet program and saved as CSV: each line
# with a comma or a quote in double quotes (Excel), or every line with
# commas after it to the widest row (LibreOffice Calc).  What it did to
# the quotes inside cannot be told back: refused, at the first such line.
test_expect_success 'a calendar a spreadsheet saved as CSV: refused, said, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session import --group ldn \
	    "$ICS/excel-saved.ics" 2>err &&
	test_grep "excel-saved.ics:10:1: \"RRULE:FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4\": in double quotes, as a spreadsheet program (Excel, LibreOffice Calc) writes each line of a file it saved as CSV; export the calendar again from the calendar program\$" err &&
	test_expect_code 65 circle session import --group ldn --skip-bad \
	    "$ICS/calc-saved.ics" 2>err &&
	test_grep "calc-saved.ics:1:1: BEGIN:VCALENDAR,,: commas after it, as a spreadsheet program" err &&
	circle db dump >after &&
	test_cmp before after
'

# An invitation saved from a mail program with its part's headers, its
# text still quoted-printable (=20, "=" at a line's end): the mail's.
test_expect_success 'a mail part saved as a calendar: refused, with what to save' '
	test_expect_code 65 circle session import --group ldn \
	    "$ICS/mail-part.ics" 2>err &&
	test_grep "mail-part.ics:1:1: not an iCalendar file but a mail'"'"'s text (\"Content-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\"), as a mail program saves a message or its part; save the invitation'"'"'s .ics attachment itself and import that" err
'

# DTEND and DURATION both: RFC 5545 allows one; DTEND is taken, as
# libical, Google and Outlook take it, and said when they differ.
test_expect_success 'DTEND and DURATION both: DTEND, said when they differ' '
	circle group add --tz Europe/London endlen >/dev/null &&
	circle session import --group endlen --until $UNTIL \
	    "$ICS/end-and-duration.ics" >out 2>err &&
	test_grep ": 2 sessions added" out &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/end-and-duration.ics:10: DURATION of 120 minutes beside DTEND (line 8), 90 minutes after DTSTART, in "Circle": an event has one or the other; DTEND taken
	EOF
	test_cmp want err &&
	made endlen >got &&
	cat >want <<-\EOF &&
	2055-01-04T19:00 2055-01-04T20:30:00Z Europe/London
	2055-01-11T19:00 2055-01-11T20:30:00Z Europe/London
	EOF
	test_cmp want got
'

# A Zoom invitation pasted into a mail and saved from it: its long lines
# folded at 75 octets, the spaces that mark the folds lost.  A line that
# is no content line after a long DESCRIPTION or LOCATION line is the
# rest of it; after any other line it stays an error (t7100).
test_expect_success 'folds without their leading space, after long text lines: read as the rest' '
	circle group add --tz Europe/London unspaced >/dev/null &&
	circle session import --group unspaced --until $UNTIL \
	    "$ICS/unspaced-folds.ics" >out 2>err &&
	test_grep ": 1 session added" out &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/unspaced-folds.ics:14: not a content line (NAME:value), after a long DESCRIPTION line: read as the rest of it, a line folded without its leading space
	EOF
	test_cmp want err &&
	test_sql "SELECT s.topic || \"|\" || s.location FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"unspaced\"" >got &&
	echo "Our circle meets online this week. Join at 7:30 with your camera on if you can, off if you prefer. Everyone is welcome: bring a friend.|Community Centre, Room 4 (or online, the link in the description)" >want &&
	test_cmp want got
'

# After a long DESCRIPTION, a line of a property whose name has an
# underscore (Outlook for Mac's X-ENTOURAGE_UID), or of one newer than
# libical (RFC 9073's STYLED-DESCRIPTION), is that property, not the rest
# of the text; a fold without its space that begins "https:" (no
# property's name) is the rest, not a property to leave unread.
test_expect_success 'after a long text line: X-ENTOURAGE_UID is a line; "https:..." is the rest' '
	circle group add --tz Europe/London unspaced2 >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t7175//EN\r\nBEGIN:VEVENT\r\nUID:us2-1@t7175\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/London:20550104T190000\r\nDTEND;TZID=Europe/London:20550104T203000\r\nDESCRIPTION:A long description of the evening that runs past sixty octets\r\nX-ENTOURAGE_UID:6E6B2C1A-8F4B-4C11\r\nLOCATION:Community Centre\\, Room 4\\, the one up the stairs past the bar\r\nSTYLED-DESCRIPTION;FMTTYPE=text/html:<p>A long description</p>\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:us2-2@t7175\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=Europe/London:20550111T190000\r\nDTEND;TZID=Europe/London:20550111T203000\r\nDESCRIPTION:Our circle meets online this week. Join with the link, which is \r\nhttps://example.org/j/123 (bring tea)\r\nLOCATION:Online\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >unspaced2.ics &&
	circle session import --group unspaced2 unspaced2.ics >out 2>err &&
	test_grep ": 2 sessions added" out &&
	echo "circle-session: warning: unspaced2.ics:20: not a content line (NAME:value), after a long DESCRIPTION line: read as the rest of it, a line folded without its leading space" >want &&
	test_cmp want err &&
	test_sql "SELECT s.topic || \"|\" || s.location FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"unspaced2\"
	    ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	A long description of the evening that runs past sixty octets|Community Centre, Room 4, the one up the stairs past the bar
	Our circle meets online this week. Join with the link, which is https://example.org/j/123 (bring tea)|Online
	EOF
	test_cmp want got
'

# A CRLF file a program made CRLF again (an FTP in ASCII mode, a script
# writing "\r\n" through a text-mode file on Windows): each line ends in
# CR CR LF, wholly or in part; a fold is still a fold.
test_expect_success 'lines ending in CR CR LF, all or some: read, folds kept' '
	circle group add --tz Europe/London crcr >/dev/null &&
	printf "BEGIN:VCALENDAR\r\r\nVERSION:2.0\r\r\nPRODID:-//t7175//EN\r\r\nBEGIN:VEVENT\r\r\nUID:crcr-1@t7175\r\r\nDTSTAMP:20261201T000000Z\r\r\nDTSTART;TZID=Europe/London:20550104T190000\r\r\nDTEND;TZID=Europe/London:20550104T203000\r\nSUMMARY:Circle\r\r\nDESCRIPTION:Folded by its writer at seventy-five octets, as RFC 5545 says to\r\r\n  do\r\r\nEND:VEVENT\r\r\nEND:VCALENDAR\r\r\n" >crcr.ics &&
	circle session import --group crcr crcr.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_must_be_empty err &&
	test_sql "SELECT s.topic FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"crcr\"" >got &&
	echo "Folded by its writer at seventy-five octets, as RFC 5545 says to do" >want &&
	test_cmp want got
'

# A private calendar's address gives a sign-in page, saved as basic.ics;
# a workbook named .ics.  Each is said as what it is, for a calendar.
test_expect_success 'a web page or a workbook named .ics: said as what it is' '
	printf "<!DOCTYPE html>\n<html lang=\"en\"><head><title>Sign in</title></head></html>\n" >basic.ics &&
	test_expect_code 65 circle session import --group ldn basic.ics 2>err &&
	echo "circle-session: basic.ics: a web page (HTML), not a calendar, as a calendar'"'"'s address gives when the calendar is private or wants a sign-in: export the calendar as .ics from its program (or make its address public), and import that" >want &&
	test_cmp want err &&
	printf "PK\003\004\024\000\000\000[Content_Types].xml" >book.ics &&
	test_expect_code 65 circle session import --group ldn book.ics 2>err &&
	test_grep "book.ics: a spreadsheet, not a calendar" err
'

# A rule of COUNT=0 alone is no rule to read without it: refused as
# libical reads it, naming the rule, not as a line with no name.
test_expect_success 'RRULE:COUNT=0 alone: refused naming the rule' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Tasks//EN\r\nBEGIN:VEVENT\r\nUID:zero-alone\r\nDTSTART;TZID=Europe/Berlin:20550105T190000\r\nDTEND;TZID=Europe/Berlin:20550105T203000\r\nRRULE:COUNT=0\r\nSUMMARY:Gruppe\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >zero-alone.ics &&
	test_expect_code 65 circle session import --group zero \
	    zero-alone.ics 2>err &&
	test_grep "zero-alone.ics:8:1: RRULE: cannot be read (.*COUNT=0)" err &&
	! grep "property name" err
'

# A series without end from long ago (a daily one from 1900, a COUNT=0
# one too) makes more sessions before today than a series may: an
# earlier --until cannot help, so the message says what does.  One from
# 2000 has fewer before today: an earlier --until is the help then.
test_expect_success 'more than 10000 sessions before today: --skip-bad or a later start, not an earlier --until' '
	circle group add --tz Europe/Berlin old >/dev/null &&
	recent=$(date -d "-5000 days" +%Y%m%d) &&
	for start in 19000101 $recent
	do
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS 13.2.1//EN\r\nBEGIN:VEVENT\r\nUID:old-$start\r\nDTSTART;TZID=Europe/Berlin:${start}T090000\r\nDTEND;TZID=Europe/Berlin:${start}T100000\r\nRRULE:FREQ=DAILY;COUNT=0\r\nSUMMARY:Daily\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >old-$start.ics || return 1
	done &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group old \
	    old-19000101.ics 2>err &&
	test_grep "old-19000101.ics:8:1: RRULE: more than 10000 sessions before today, from its DTSTART on 1900-01-01: no --until makes fewer; give --skip-bad to import the other events without it, or give the series a later start in the program that wrote the file\$" err &&
	test_expect_code 65 circle session import --group old \
	    --until 2020-01-01 old-19000101.ics 2>err &&
	test_grep "no --until makes fewer" err &&
	test_expect_code 65 circle session import --group old \
	    --until 2100-01-01 old-$recent.ics 2>err &&
	test_grep "old-$recent.ics:8:1: RRULE: more than 10000 sessions through 2100-01-01; give an earlier --until\$" err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
