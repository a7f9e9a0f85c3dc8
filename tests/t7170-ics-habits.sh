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

# recurring_ical_events and ical.js read it as UTC; libical and node-ical
# as the event's wall time; dateutil and Google's API refuse it.  Only
# the zoned events are warned of.
test_expect_success 'a floating UNTIL on a zoned DTSTART: UTC, warned once' '
	circle group add --tz America/New_York uf >/dev/null &&
	circle session import --group uf --until $UNTIL \
	    "$ICS/until-floating.ics" >out 2>err &&
	test_grep "until-floating.ics:10: RRULE: UNTIL has no Z but DTSTART has a zone, which RFC 5545 forbids; read as UTC, as ical.js reads it: west of UTC that leaves out a last session libical keeps, so check the last one (and 1 more like it)" err &&
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

# Outlook 2003 and other old Windows programs write the ANSI code page.
test_expect_success 'Windows-1252 without --encoding: refused, saying how' '
	circle group add --tz Europe/London ansi >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group ansi \
	    "$ICS/outlook2003-cp1252.ics" 2>err &&
	test_grep "outlook2003-cp1252.ics:24:13: not valid UTF-8 (byte 0xE9): a calendar is UTF-8 (RFC 5545); give --encoding windows-1252 if it came from an old Outlook, or export it again" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success '--encoding cp1252 reads it' '
	circle session import --group ansi --encoding cp1252 \
	    "$ICS/outlook2003-cp1252.ics" >out &&
	test_grep ": 3 sessions added" out &&
	circle session list --group ansi --format tsv | cut -f 3,4,7,8 >got &&
	cat >want <<-\EOF &&
	2055-05-04	18:30	Bring a friend – everyone’s welcome	Café Renée – upstairs room
	2055-05-11	18:30	Bring a friend – everyone’s welcome	Café Renée – upstairs room
	2055-05-18	18:30	Bring a friend – everyone’s welcome	Café Renée – upstairs room
	EOF
	test_cmp want got &&
	circle session import --group ansi --encoding windows-1252 \
	    "$ICS/outlook2003-cp1252.ics" >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 3 unchanged" out
'

test_expect_success '--encoding: an unknown name, or one a mark contradicts' '
	test_expect_code 2 circle session import --group ansi \
	    --encoding klingon "$ICS/outlook2003-cp1252.ics" 2>err &&
	test_grep "encoding klingon: not an encoding this system knows" err &&
	printf "\357\273\277BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" >bom.ics &&
	test_expect_code 65 circle session import --group ansi \
	    --encoding latin1 bom.ics 2>err &&
	test_grep "bom.ics: begins with a UTF-8 byte order mark, so it is not latin1; leave out --encoding" err
'

test_expect_success 'a zip (Google Calendar export) is named, with what to do' '
	printf "PK\003\004\024\000\000\000" >export.ics.zip &&
	test_expect_code 65 circle session import --group ansi \
	    export.ics.zip 2>err &&
	test_grep "export.ics.zip: a zip archive, not a calendar (Google Calendar exports one: unzip it and import each .ics file in it)" err
'

test_expect_success 'a workbook or other file on standard input is named, with the advice for its kind' '
	CSVFIX="; open it and save it as CSV: in Excel File > Save As > \"CSV UTF-8 (Comma delimited)\", in LibreOffice Calc File > Save As > \"Text CSV\" with the character set \"Unicode (UTF-8)\"" &&
	RESAVE="; open it in Excel and save it as \"Excel Workbook (*.xlsx)\" (File > Save As), or in LibreOffice Calc as \"Excel 2007-365 (.xlsx)\" or \"ODF Spreadsheet (.ods)\", and import that; or save it as CSV: in Excel File > Save As > \"CSV UTF-8 (Comma delimited)\"" &&
	printf "\320\317\021\340\241\261\032\341" >k.xls &&
	printf "PK\003\004mimetypeapplication/vnd.oasis.opendocument.spreadsheet" >k.ods &&
	printf "PK\003\004[Content_Types].xml" >k.xlsx &&
	printf "<?xml version=\"1.0\"?>\n<office:document office:version=\"1.3\">\n" >k.fods &&
	printf "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n" >k.x2003 &&
	printf "<html><body></body></html>\n" >k.html &&
	printf "PK\003\004Index/Document.iwa" >k.numbers &&
	printf "PK\003\004other" >k.zip &&
	for k in xls ods xlsx fods x2003 html numbers zip
	do
		test_expect_code 65 circle session import --group ansi - \
		    <k.$k 2>>err.all || return 1
	done &&
	{
		echo "circle-session: stdin: an Excel 97-2003 workbook (.xls), an old format circle does not read$RESAVE" &&
		echo "circle-session: stdin: an OpenDocument spreadsheet (.ods), not a CSV file$CSVFIX" &&
		echo "circle-session: stdin: an Excel workbook (.xlsx), not a CSV file$CSVFIX" &&
		echo "circle-session: stdin: a flat OpenDocument spreadsheet (.fods), not a CSV file$CSVFIX" &&
		echo "circle-session: stdin: an Excel \"XML Spreadsheet 2003\" file, an old format circle does not read$RESAVE" &&
		echo "circle-session: stdin: a web page (HTML), as some web apps save an \"Excel\" export, not a CSV file or a workbook$RESAVE" &&
		echo "circle-session: stdin: a Numbers document, which circle does not read; in Numbers choose File > Export To > Excel (an .xlsx), or File > Export To > CSV with the text encoding \"Unicode (UTF-8)\"" &&
		echo "circle-session: stdin: a zip archive, not a CSV file$CSVFIX"
	} >expect &&
	test_cmp expect err.all
'

# Two invitations saved into one file (cat a.ics b.ics, or a mail program
# saving both): each VCALENDAR is read, with its own VTIMEZONE, though
# both are named "Customized Time Zone" as Exchange names them.  The
# second's, Central Europe's rules, is Europe/Berlin, the zone with its
# year, though its one November event has no clock change near it.
test_expect_success 'several VCALENDARs in one file: all read, zones each their own' '
	circle group add --tz America/New_York invites >/dev/null &&
	circle session import --group invites \
	    "$ICS/teams-two-invites.ics" >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_grep "teams-two-invites.ics: 2 calendars one after another; the events of all are read" err &&
	made invites >got &&
	cat >want <<-\EOF &&
	2055-11-04T19:00 America/New_York 2055-11-04T23:00:00Z
	2055-11-11T19:00 Europe/Berlin 2055-11-11T18:00:00Z
	EOF
	test_cmp want got
'

# Outlook starts each file it saves with a byte order mark: two of them
# put together (cat a.ics b.ics) have one where the second calendar
# begins.  Some generators end BEGIN and END lines with spaces.
test_expect_success 'two Outlook files put together, each with its mark; END:VEVENT with spaces' '
	for n in 1 2; do
		printf "\357\273\277BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:bom-$n\r\nDTSTART;TZID=America/New_York:2055110${n}T190000\r\nDTEND;TZID=America/New_York:2055110${n}T203000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >bom-$n.ics || return 1
	done &&
	cat bom-1.ics bom-2.ics >both.ics &&
	circle session import --group invites --dry-run both.ics >out 2>err &&
	test_grep "^dry run: 2 events, 0 repeating: 2 sessions would be added" out &&
	test_grep "both.ics: 2 calendars one after another" err &&
	printf "BEGIN:VCALENDAR \r\nVERSION:2.0\r\nBEGIN:VEVENT  \r\nUID:spaced-1\r\nDTSTART:20551103T230000Z\r\nEND:VEVENT\t\r\nEND:VCALENDAR \r\n" >spaced.ics &&
	circle session import --group invites --dry-run spaced.ics >out 2>err &&
	test_grep "^dry run: 1 event, 0 repeating: 1 session would be added" out &&
	test_must_be_empty err
'

# Outlook, Teams and Zoom send a cancellation as METHOD:CANCEL; not every
# writer adds STATUS:CANCELLED to its events.
test_expect_success 'METHOD:CANCEL cancels its events, with or without STATUS' '
	circle session import --group invites "$ICS/teams-cancel.ics" >out &&
	test_grep ": 0 sessions added, 1 updated" out &&
	test_sql "SELECT local_start, status FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''invites'\''
	    ORDER BY 1" >got &&
	cat >want <<-\EOF &&
	2055-11-04T19:00|cancelled
	2055-11-11T19:00|scheduled
	EOF
	test_cmp want got
'

# Exchange sends a change to one occurrence of a series as an event of
# its own (RECURRENCE-ID, no RRULE): a cancellation with METHOD:CANCEL,
# a move with METHOD:REQUEST.  The series came in an invitation before.
test_expect_success 'Exchange: one occurrence cancelled, one moved, of a series here; counted' '
	circle group add --tz Europe/Berlin monthly >/dev/null &&
	circle session import --group monthly \
	    "$ICS/exchange-series-invite.ics" >out 2>/dev/null &&
	test_grep ": 11 sessions added" out &&
	circle session import --group monthly \
	    "$ICS/exchange-cancel-one.ics" >out 2>err &&
	echo "1 event, 0 repeating: 0 sessions added, 1 updated, 0 removed, 0 unchanged" >want &&
	test_cmp want out &&
	circle session import --group monthly \
	    "$ICS/exchange-move-one.ics" >out 2>err &&
	test_cmp want out &&
	circle session list --group monthly --cancelled --format tsv |
	    cut -f 3,4,6 | sed -n "4,7p" >got &&
	cat >want <<-\EOF &&
	2055-04-29	18:30	scheduled
	2055-05-27	18:30	cancelled
	2055-06-23	19:00	scheduled
	2055-07-29	18:30	scheduled
	EOF
	test_cmp want got &&
	circle log >log &&
	test_grep "calendar exchange-move-one.ics imported: 0 sessions added, 1 updated" log &&
	circle db dump >before &&
	for f in cancel move; do
		circle session import --group monthly \
		    "$ICS/exchange-$f-one.ics" >out 2>/dev/null &&
		test_grep ": 0 sessions added, 0 updated, 0 removed, 1 unchanged\$" out ||
		return 1
	done &&
	circle db dump >after &&
	test_cmp before after
'

# An organizer puts back an occurrence they had cancelled or moved: the
# calendar no longer has its override.  The session is the series' again,
# unless it was changed here since (a higher SEQUENCE) or has a record.
test_expect_success 'an override the calendar no longer has: the session is the series'\'' again' '
	circle group add --tz America/New_York --duration 90 restored \
	    >/dev/null &&
	G="$CIRCLE_SRC/tests/t7160/google-split-series.ics" &&
	sed "s/7kq3v1c2m9p0r4s6t8u0w2y4a6/restored7kq3v1c2m9/" "$G" >v1.ics &&
	awk "/^BEGIN:VEVENT/ { ev = \"\" ; inev = 1 }
	    inev { ev = ev \$0 \"\\n\"; if (/^END:VEVENT/) { inev = 0;
	    if (ev !~ /RECURRENCE-ID/) printf \"%s\", ev }; next } { print }" \
	    v1.ics >v2.ics &&
	test "$(grep -c RECURRENCE-ID v2.ics)" = 0 &&
	circle session import --group restored --until 2055-12-31 v1.ics \
	    >/dev/null 2>&1 &&
	circle session cancel --group restored 2055-03-09 >/dev/null &&
	circle session import --group restored --until 2055-12-31 v2.ics \
	    >out 2>err &&
	test_grep ": 0 sessions added, 2 updated, 0 removed, 11 unchanged\$" out &&
	circle session list --group restored --cancelled --format tsv |
	    cut -f 3,4,6,7 | sed -n "3,7p" >got &&
	cat >want <<-\EOF &&
	2055-03-02	18:00	scheduled	Peer support for carers. Tea from 17:45.
	2055-03-09	18:00	cancelled	Peer support for carers. Tea from 17:45.
	2055-03-10	10:15	scheduled	
	2055-03-16	18:00	scheduled	Peer support for carers. Tea from 17:45.
	2055-03-23	18:00	scheduled	Peer support for carers. Tea from 17:45.
	EOF
	test_cmp want got &&
	circle db dump >before &&
	circle session import --group restored --until 2055-12-31 v2.ics \
	    >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 13 unchanged\$" out &&
	circle db dump >after &&
	test_cmp before after
'

# A cancellation sent now (METHOD:CANCEL) is of what is still to come: a
# session that has begun took place, or waits for its record.  Sessions
# from 2020 to 2059, one a year: whatever the year the suite runs in.
test_expect_success 'METHOD:CANCEL: sessions that have begun are left as they are, said' '
	circle group add --tz Europe/Berlin yearly >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:yearly-1\r\nSEQUENCE:0\r\nDTSTART;TZID=Europe/Berlin:20200107T190000\r\nDURATION:PT1H\r\nRRULE:FREQ=YEARLY;COUNT=40\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:once-1\r\nSEQUENCE:0\r\nDTSTART;TZID=Europe/Berlin:20200204T190000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >yearly.ics &&
	sed -e "s/METHOD:REQUEST/METHOD:CANCEL/" -e "s/SEQUENCE:0/SEQUENCE:1/" \
	    yearly.ics >yearly-cancel.ics &&
	circle session import --group yearly yearly.ics >/dev/null &&
	begun=$(test_sql "SELECT count(*) FROM session s JOIN grp g ON
	    g.id = s.grp_id WHERE g.handle = '\''yearly'\'' AND s.series_id
	    IS NOT NULL AND s.starts_at <= strftime('\''%Y-%m-%dT%H:%M:%SZ'\'')") &&
	test "$begun" -ge 7 &&
	circle session import --group yearly yearly-cancel.ics >out 2>err &&
	test_grep "yearly-cancel.ics:4: METHOD:CANCEL: $begun sessions of the series have begun; left as they are (circle session cancel cancels one)" err &&
	test_grep "yearly-cancel.ics:11: METHOD:CANCEL: session 2020-02-04T19:00 has begun; left as it is (circle session cancel cancels it)" err &&
	test_grep ": 0 sessions added, $((40 - begun)) updated, 0 removed, $((begun + 1)) unchanged\$" out &&
	test_sql "SELECT s.status, count(*) FROM session s JOIN grp g ON
	    g.id = s.grp_id WHERE g.handle = '\''yearly'\'' GROUP BY 1
	    ORDER BY 1" >got &&
	printf "cancelled|%d\nscheduled|%d\n" $((40 - begun)) $((begun + 1)) >want &&
	test_cmp want got
'

test_expect_success 'METHOD:REPLY (an answer to an invitation) is refused' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:r1\r\nDTSTART:20551104T230000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >reply.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group invites \
	    reply.ics 2>err &&
	test_grep "reply.ics:3:1: METHOD:REPLY: an answer to an invitation, not a calendar of meetings" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'no END:VCALENDAR, text after it: read, with a warning' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:cut-1\r\nDTSTART:20551201T230000Z\r\nEND:VEVENT\r\n" >noend.ics &&
	circle session import --group invites noend.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "noend.ics:1: BEGIN:VCALENDAR has no END:VCALENDAR; read to the end of the file" err &&
	printf "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:sig-1\nDTSTART:20551202T230000Z\nEND:VEVENT\nEND:VCALENDAR\n-- \nSent from my phone\n" >sig.ics &&
	circle session import --group invites sig.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "sig.ics:8: text after END:VCALENDAR passed over" err &&
	test "$(grep -c warning: err)" = 1
'

test_expect_success 'an event cut short, or BEGIN:VEVENT outside a calendar: refused' '
	printf "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:cut-2\r\nDTSTART:20551203T230000Z\r\n" >cut.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group invites cut.ics 2>err &&
	test_grep "cut.ics:2:1: BEGIN:VEVENT has no END:VEVENT" err &&
	printf "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:out-1\r\nDTSTART:20551203T230000Z\r\nEND:VEVENT\r\n" >outside.ics &&
	test_expect_code 65 circle session import --group invites outside.ics 2>err &&
	test_grep "outside.ics:3:1: BEGIN:VEVENT after END:VCALENDAR (line 2): outside any calendar" err &&
	circle db dump >after &&
	test_cmp before after
'

# An iPad starts a series off its rule's days; Zimbra and Apple add
# RDATEs.  Those sessions are not the series' rule's, and planning the
# series again (by its name, ics-UID) keeps them.
test_expect_success 'an imported series planned again keeps its DTSTART and RDATE sessions' '
	circle group add --tz Europe/London rdates >/dev/null &&
	circle session import --group rdates --until $UNTIL \
	    "$ICS/ipad-rdate-off-rule.ics" >out &&
	test_grep ": 6 sessions added" out &&
	made rdates | cut -d " " -f 1 >before &&
	cat >want <<-\EOF &&
	2055-06-07T19:00
	2055-06-09T19:00
	2055-06-16T19:00
	2055-06-23T19:00
	2055-06-26T15:00
	2055-06-30T19:00
	EOF
	test_cmp want before &&
	circle session plan --group rdates \
	    --name ics-5F1C2B7E-9A0D-4C3B-8E21-7D6A4F0B9C11 --every week \
	    --on wed --at 19:00 --for 90 --from 2055-06-07 --count 4 >out &&
	test_grep "^0 added, 0 moved, 0 removed; 6 sessions" out &&
	made rdates | cut -d " " -f 1 >after &&
	test_cmp want after &&
	circle session plan --group rdates \
	    --name ics-5F1C2B7E-9A0D-4C3B-8E21-7D6A4F0B9C11 --every week \
	    --on thu --at 18:00 --for 90 --from 2055-06-07 --count 4 >out &&
	test_grep "^4 added, 0 moved, 4 removed; 6 sessions" out &&
	made rdates | cut -d " " -f 1 >after &&
	cat >want <<-\EOF &&
	2055-06-07T19:00
	2055-06-10T18:00
	2055-06-17T18:00
	2055-06-24T18:00
	2055-06-26T15:00
	2055-07-01T18:00
	EOF
	test_cmp want after
'

test_expect_success 'the same file imported again still removes an RDATE it no longer has' '
	sed "s/^UID:.*/UID:second-copy/" "$ICS/ipad-rdate-off-rule.ics" >all.ics &&
	sed "/^RDATE/d" all.ics >fewer.ics &&
	circle group add --tz Europe/London rdates2 >/dev/null &&
	circle session import --group rdates2 --until $UNTIL all.ics >out &&
	test_grep ": 6 sessions added" out &&
	circle session import --group rdates2 --until $UNTIL fewer.ics >out &&
	test_grep ": 0 sessions added, 0 updated, 1 removed" out &&
	! made rdates2 | grep 2055-06-26
'

# An organizer in New York moves one session of a London series: Outlook
# writes the override in the organizer's zone.
test_expect_success 'an override in another zone is listed in the series wall time' '
	circle group add --tz Europe/London --duration 90 other >/dev/null &&
	circle session import --group other --until $UNTIL \
	    "$ICS/outlook-override-other-zone.ics" >out 2>/dev/null &&
	test_grep ": 3 sessions added, 0 updated" out &&
	circle session list --group other --format tsv | cut -f 3-5 >got &&
	cat >want <<-\EOF &&
	2055-09-13	19:00	20:30
	2055-09-20	19:30	21:00
	2055-09-27	19:00	20:30
	EOF
	test_cmp want got &&
	made other >got &&
	cat >want <<-\EOF &&
	2055-09-13T19:00 Europe/London 2055-09-13T18:00:00Z
	2055-09-20T19:30 Europe/London 2055-09-20T18:30:00Z
	2055-09-27T19:00 Europe/London 2055-09-27T18:00:00Z
	EOF
	test_cmp want got &&
	circle session show --group other 2055-09-20 >out &&
	test_grep "19:30" out &&
	circle db dump >before &&
	circle session import --group other --until $UNTIL \
	    "$ICS/outlook-override-other-zone.ics" >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 3 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'

# Google Meet and Teams add how to join to DESCRIPTION, below a line of
# decoration; an invitation without an agenda has nothing above it.
test_expect_success 'DESCRIPTION: joining instructions below a rule are no topic' '
	circle group add --tz Europe/London meet >/dev/null &&
	circle session import --group meet \
	    "$ICS/meet-teams-descriptions.ics" >out 2>err &&
	test_grep ": 3 sessions added" out &&
	! grep "first line" err &&
	circle session list --group meet --format tsv | cut -f 3,7 >got &&
	printf "2055-10-04\t\n2055-10-11\tBoundaries and saying no\n2055-10-18\t\n" >want &&
	test_cmp want got
'

# Exchange writes TZID=tzone://Microsoft/Utc with no VTIMEZONE; some
# generators leave a space inside the quotes.
test_expect_success 'TZIDs tzone://Microsoft/Utc and " Europe/Berlin " are read' '
	circle group add --tz Europe/London names >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:ms-utc\r\nDTSTART;TZID=tzone://Microsoft/Utc:20550920T143000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:spaced\r\nDTSTART;TZID=\" Europe/Berlin \":20550921T143000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >names.ics &&
	circle session import --group names names.ics >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_grep "\"tzone://Microsoft/Utc\" read as UTC" err &&
	test_grep "\" Europe/Berlin \" read as Europe/Berlin" err &&
	made names >got &&
	cat >want <<-\EOF &&
	2055-09-20T15:30 Europe/London 2055-09-20T14:30:00Z
	2055-09-21T14:30 Europe/Berlin 2055-09-21T12:30:00Z
	EOF
	test_cmp want got
'

# Hand-made files and some web forms leave UID out.
test_expect_success 'an event without UID: one made, the same on every import' '
	circle group add --tz Europe/London nouid >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Sheet to ICS//EN\r\nBEGIN:VEVENT\r\nSUMMARY:Circle\r\nDTSTART;TZID=Europe/London:20551004T190000\r\nDURATION:PT90M\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Social\r\nDTSTART;TZID=Europe/London:20551030T120000\r\nDURATION:PT2H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >nouid.ics &&
	circle session import --group nouid nouid.ics >out 2>err &&
	test_grep ": 4 sessions added" out &&
	test_grep "nouid.ics:4: BEGIN:VEVENT: no UID; one made of its DTSTART and RRULE, so that importing the file again finds the same session (and 1 more like it)" err &&
	circle db dump >before &&
	circle session import --group nouid nouid.ics >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'

# An invitation and its update saved into one file: the later version
# (the higher SEQUENCE) is the one read, whichever comes first.
test_expect_success 'two versions of one event in one file: the higher SEQUENCE' '
	circle group add --tz Europe/London versions >/dev/null &&
	v() {
		printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:invite-77@example.org\r\nSEQUENCE:%s\r\nDTSTART;TZID=Europe/London:20551108T%s\r\nDURATION:PT90M\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" "$@"
	} &&
	{ v 1 180000 && v 0 190000; } >versions.ics &&
	circle session import --group versions versions.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	test_grep "versions.ics:14: UID invite-77@example.org: SEQUENCE 0, an older version of the event at line 4 (SEQUENCE 1); left out" err &&
	made versions | cut -d " " -f 1 >got &&
	echo 2055-11-08T18:00 >want &&
	test_cmp want got &&
	{ v 0 190000 && v 0 180000; } >same.ics &&
	test_expect_code 65 circle session import --group versions same.ics 2>err &&
	test_grep "same.ics:15:1: UID invite-77@example.org: the same event as at line 4" err
'

# Apple and Google read floating times in the calendar's X-WR-TIMEZONE.
test_expect_success 'floating times: in the X-WR-TIMEZONE, said when not the group zone' '
	circle group add --tz Europe/London wr >/dev/null &&
	circle session import --group wr --until $UNTIL \
	    "$ICS/apple-floating-wr.ics" >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_grep "apple-floating-wr.ics: floating times are read in America/New_York, the calendar.s X-WR-TIMEZONE, not the group.s Europe/London" err &&
	! grep "UNTIL" err &&
	made wr >got &&
	cat >want <<-\EOF &&
	2055-11-01T19:00 America/New_York 2055-11-01T23:00:00Z
	2055-11-15T19:00 America/New_York 2055-11-16T00:00:00Z
	EOF
	test_cmp want got &&
	sed "s|^X-WR-TIMEZONE:.*|X-WR-TIMEZONE:Mars/Olympus|" \
	    "$ICS/apple-floating-wr.ics" | sed "s/^UID:.*/UID:mars/" >mars.ics &&
	circle session import --group wr --until $UNTIL mars.ics >out 2>err &&
	test_grep "X-WR-TIMEZONE \"Mars/Olympus\": not a time zone circle knows: write for it the IANA name of the zone meant (AREA/CITY), or give --zone AREA/CITY; floating times are read in Europe/London" err &&
	sed "s|^X-WR-TIMEZONE:.*|X-WR-TIMEZONE:|" \
	    "$ICS/apple-floating-wr.ics" | sed "s/^UID:.*/UID:empty-wr/" >empty.ics &&
	circle session import --group wr --until $UNTIL empty.ics >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_must_be_empty err
'

test_expect_success 'METHOD:CANCEL of a meeting never imported makes nothing' '
	circle group add --tz America/New_York nocancel >/dev/null &&
	sed "s/^UID:.*/UID:never-imported/" "$ICS/teams-cancel.ics" >never.ics &&
	circle session import --group nocancel never.ics >out 2>err &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 0 unchanged" out &&
	test_grep "never.ics:20: METHOD:CANCEL: \"Peer circle\" (UID never-imported) is no session here; nothing to cancel" err &&
	test "$(made nocancel)" = ""
'

# Outlook numbers a Windows name it met twice; an Office 365 calendar
# published in part names "Customized Time Zone" without its VTIMEZONE.
test_expect_success 'TZIDs "Eastern Standard Time 1", "Customized Time Zone" with no VTIMEZONE' '
	circle group add --tz Europe/London outlooknames >/dev/null &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:est-1\r\nDTSTART;TZID=Eastern Standard Time 1:20550920T143000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:custom-1\r\nDTSTART;TZID=Customized Time Zone:20550921T190000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >outlooknames.ics &&
	circle session import --group outlooknames outlooknames.ics >out 2>err &&
	test_grep ": 2 sessions added" out &&
	test_grep "\"Eastern Standard Time 1\" read as America/New_York" err &&
	test_grep "\"Customized Time Zone\" read as Europe/London" err &&
	made outlooknames >got &&
	cat >want <<-\EOF &&
	2055-09-20T14:30 America/New_York 2055-09-20T18:30:00Z
	2055-09-21T19:00 Europe/London 2055-09-21T18:00:00Z
	EOF
	test_cmp want got
'

# Outlook 2003 and old phones save vCalendar 1.0 (.vcs).
test_expect_success 'a vCalendar 1.0 file is named, with what to do' '
	printf "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 11.0 MIMEDIR//EN\r\nVERSION:1.0\r\nBEGIN:VEVENT\r\nDTSTART:20550920T180000Z\r\nRRULE:W1 TU #4\r\nUID:vcs-1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >old.vcs &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group names old.vcs 2>err &&
	test_grep "old.vcs:3:1: VERSION:1.0: a vCalendar file (.vcs, as Outlook 2003 and old phones save them), not iCalendar; save or export it again as iCalendar (.ics)" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'Teams: the meeting link is the series link, with its moved and cancelled occurrences' '
	circle group add --tz Europe/London teams >/dev/null &&
	circle session import --group teams "$ICS/teams-series-link.ics" \
	    >out 2>err &&
	echo "3 events, 1 repeating: 4 sessions added, 0 updated, 0 removed, 0 unchanged" >want &&
	test_cmp want out &&
	url="https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmE4YjQ2ODgtNDc2Mi00%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2c3d4%22%7d" &&
	test "$(test_sql "SELECT r.online_url FROM series r JOIN grp g
	    ON g.id = r.grp_id WHERE g.handle = '\''teams'\''")" = "$url" &&
	test "$(test_sql "SELECT count(*) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''teams'\''
	    AND s.online_url IS NOT NULL")" = 0 &&
	circle session list --group teams --cancelled --format tsv |
	    cut -f 3,4,6 >got &&
	printf "2055-10-07\t18:30\tscheduled\n2055-10-14\t18:30\tscheduled\n2055-10-20\t18:30\tscheduled\n2055-10-28\t18:30\tcancelled\n" >want &&
	test_cmp want got &&
	circle session show --group teams 2055-10-20 >show &&
	test_grep "^online_url	$url\$" show &&
	test_grep "^location	\$" show &&
	test "$(test_sql "SELECT count(*) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''teams'\''
	    AND s.location IS NOT NULL")" = 0 &&
	circle session prep --group teams 2055-10-14 >prep &&
	test_grep "^Online: *$url\$" prep
'

test_expect_success 'Teams: imported again, nothing changes; the export carries the link' '
	circle db dump >before &&
	circle session import --group teams "$ICS/teams-series-link.ics" \
	    >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out &&
	circle db dump >after &&
	test_cmp before after &&
	circle export ics --group teams >t.ics &&
	tr -d "\r" <t.ics | sed -e ":a" -e "N" -e "\$!ba" -e "s/\n //g" |
	    grep "^URL:" | sort -u >urls &&
	echo "URL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_ZmE4YjQ2ODgtNDc2Mi00%40thread.v2/0?context=%7b%22Tid%22%3a%22a1b2c3d4%22%7d" >want &&
	test_cmp want urls
'

test_expect_success 'Google Meet and Teams links from X-GOOGLE-CONFERENCE and the text (imported above)' '
	test_sql "SELECT s.online_url FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '\''meet'\'' ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	https://meet.google.com/abc-defg-hij
	https://meet.google.com/klm-nopq-rst
	https://teams.microsoft.com/l/meetup-join/19%3ameeting
	EOF
	test_cmp want got
'

test_expect_success 'Zoom in LOCATION, a URL, a Zoom invitation; Apple Mail message: not kept' '
	circle group add --tz Europe/London --online https://meet.example.org/ev \
	    zoom >/dev/null &&
	circle session import --group zoom "$ICS/zoom-apple-links.ics" \
	    >out 2>err &&
	test_grep ": 3 sessions added" out &&
	test_grep "zoom-apple-links.ics:37: URL: not an http or https link; not kept" err &&
	test_sql "SELECT s.local_start, coalesce(s.location, '\''-'\''),
	    coalesce(s.online_url, '\''-'\'') FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''zoom'\''
	    ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	2055-11-01T19:00|-|https://us02web.zoom.us/j/85512345678?pwd=QWxhZGRpbjpvcGVu
	2055-11-08T19:00|Community centre, room 2|https://whereby.com/evening-circle
	2055-11-15T19:00|-|https://us02web.zoom.us/j/85598765432?pwd=b3BlbnNlc2FtZQ
	EOF
	test_cmp want got
'

test_expect_success 'a link with a line break is refused with its line; nothing written' '
	circle db dump >before &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad-link\r\nDTSTART:20551004T180000Z\r\nDURATION:PT1H\r\nX-GOOGLE-CONFERENCE:https://meet.google.com/a\\\\nSTATUS:CANCELLED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >badlink.ics &&
	test_expect_code 65 circle session import --group zoom badlink.ics \
	    >out 2>err &&
	test_grep "badlink.ics:7:1: X-GOOGLE-CONFERENCE: a line break or control character in a link" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a link the same as the group'\''s is not the session'\''s own' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:same-link\r\nDTSTART:20551122T190000Z\r\nDURATION:PT1H\r\nURL:https://meet.example.org/ev\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >same.ics &&
	circle session import --group zoom same.ics >out 2>err &&
	test "$(test_sql "SELECT quote(online_url) FROM session
	    WHERE uid = '\''same-link'\''")" = NULL &&
	circle session show --group zoom 2055-11-22 >show &&
	test_grep "^online_url	https://meet.example.org/ev\$" show
'

test_done
