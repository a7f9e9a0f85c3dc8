#!/bin/sh
test_description='circle session import: calendars become sessions, again by UID'
. "$(dirname "$0")/test-lib.sh"

# The calendars (tests/t7100/) are in 2054-2056, 28 years on from when
# they were written (the same weekdays and clock changes): what is to come
# in them stays to come whenever the suite runs.
ICS="$CIRCLE_SRC/tests/t7100"
CR=$(printf '\r')

# list: date, start, end, status and topic of every session, cancelled too.
list() {
	circle session list --cancelled --format tsv "$@" | cut -f 3-7
}

test_expect_success 'setup: a group in Los Angeles' '
	test_fresh_db &&
	circle group add --tz America/Los_Angeles --location "Room 4" \
	    --url https://meet.example.org/la "LA Circle" >/dev/null
'

test_expect_success 'a Google Calendar export: series, overrides, one-off' '
	circle session import --until 2055-12-31 "$ICS/google.ics" \
	    >out 2>err &&
	echo "6 events, 2 repeating: 17 sessions added, 0 updated, 0 removed, 0 unchanged" >want &&
	test_cmp want out &&
	test_grep "google.ics:34: DESCRIPTION: only its first line is kept" err
'

test_expect_success 'the sessions are the occurrences, in their own zones' '
	list >got &&
	cat >want <<-\EOF &&
	2055-01-05	18:00	19:30	scheduled	Peer support, open to all.
	2055-01-07	12:00	13:00	scheduled	
	2055-01-12	18:00	19:30	scheduled	Peer support, open to all.
	2055-01-14	12:00	13:00	scheduled	
	2055-01-19	18:00	19:30	scheduled	Peer support, open to all.
	2055-01-21	12:00	13:00	scheduled	
	2055-01-26	18:00	19:30	scheduled	Peer support, open to all.
	2055-01-28	12:00	13:00	scheduled	
	2055-02-03	18:30	20:00	scheduled	Peer support, open to all.
	2055-02-09	18:00	19:30	scheduled	Peer support, open to all.
	2055-02-23	18:00	19:30	scheduled	Peer support, open to all.
	2055-03-02	18:00	19:30	cancelled	Peer support, open to all.
	2055-03-09	18:00	19:30	scheduled	Peer support, open to all.
	2055-03-16	18:00	19:30	scheduled	Boundaries, part 2
	2055-03-23	18:00	19:30	scheduled	Peer support, open to all.
	2055-03-30	18:00	19:30	scheduled	Peer support, open to all.
	2055-04-10	10:00	11:30	scheduled	Spring gathering
	EOF
	test_cmp want got &&
	test "$(test_sql "SELECT count(*) FROM session
	    WHERE tzid = '\''America/New_York'\''")" = 4
'

test_expect_success 'UIDs are kept: series by UID, one-offs by UID' '
	test_sql "SELECT uid FROM series ORDER BY uid" >got &&
	printf "%s\n" 2abcdefghijk@google.com \
	    7kq3c2p0l9v1bq8f6m2s4d5e6g@google.com >want &&
	test_cmp want got &&
	test "$(test_sql "SELECT local_start FROM session
	    WHERE uid = '\''1h2j3k4l5m6n7o8p9q0r@google.com'\''")" = \
	    2055-04-10T10:00
'

test_expect_success 'a moved occurrence keeps its RECURRENCE-ID' '
	test "$(test_sql "SELECT recurrence_id || '\'' '\'' || starts_at
	    FROM session WHERE local_start = '\''2055-02-03T18:30'\''")" = \
	    "2055-02-03T02:00:00Z 2055-02-04T02:30:00Z" &&
	test "$(test_sql "SELECT sequence FROM session
	    WHERE local_start = '\''2055-02-03T18:30'\''")" = 1
'

test_expect_success 'the same place as the group or series is not its own' '
	test "$(test_sql "SELECT count(*) FROM session
	    WHERE location IS NOT NULL")" = 1 &&
	test "$(test_sql "SELECT location FROM series
	    WHERE uid LIKE '\''7kq%'\''")" = \
	    "Room 4, Eastside Community Center"
'

test_expect_success 'importing the same file again changes no byte' '
	circle db dump >before &&
	circle session import --until 2055-12-31 "$ICS/google.ics" \
	    >out 2>/dev/null &&
	echo "6 events, 2 repeating: 0 sessions added, 0 updated, 0 removed, 17 unchanged" >want &&
	test_cmp want out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success '--dry-run says what would change and writes nothing' '
	circle session import --dry-run --until 2055-12-31 \
	    "$ICS/google-v2.ics" >out 2>/dev/null &&
	test_grep "^dry run: 6 events, 2 repeating: 0 sessions would be added, 10 updated, 1 removed" out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a changed calendar updates in place, never doubles' '
	circle attend headcount --force 2055-01-12 7 >/dev/null &&
	circle session import --until 2055-12-31 "$ICS/google-v2.ics" \
	    >out 2>err &&
	test_grep "0 sessions added, 9 updated, 1 removed" out &&
	list >got &&
	grep -c . got >n && test "$(cat n)" = 16 &&
	test_grep "^2055-01-05	18:15	19:45	scheduled" got &&
	test_grep "^2055-02-04	18:30	20:00	scheduled" got &&
	test_grep "^2055-04-10	10:00	11:30	scheduled	Spring gathering" got &&
	! grep "^2055-03-23" got &&
	! grep "^2055-02-03" got &&
	test "$(test_sql "SELECT location FROM session
	    WHERE uid = '\''1h2j3k4l5m6n7o8p9q0r@google.com'\''")" = "Hall C"
'

test_expect_success 'a session with a record keeps its time' '
	test_grep "^2055-01-12	18:00	19:30	held" got
'

test_expect_success 'again: nothing changes' '
	circle db dump >before &&
	circle session import --until 2055-12-31 "$ICS/google-v2.ics" \
	    >out 2>/dev/null &&
	test_grep " 0 sessions added, 0 updated, 0 removed, 16 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an older calendar (lower SEQUENCE) does not undo it' '
	circle session import --until 2055-12-31 "$ICS/google.ics" \
	    >out 2>err &&
	test_grep "changed after this calendar" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a local edit is newer than the calendar' '
	circle session edit --topic "Our own topic" 2055-03-16 &&
	circle db dump >before &&
	circle session import --until 2055-12-31 "$ICS/google-v2.ics" \
	    >/dev/null 2>err &&
	circle db dump >after &&
	test_cmp before after &&
	test_grep "2055-03-16T18:00 was changed after this calendar" err
'

test_expect_success 'a UID of another group is an error' '
	circle group add --tz UTC "Other" >/dev/null &&
	test_expect_code 65 circle session import --group other \
	    --until 2055-12-31 "$ICS/google.ics" >out 2>err &&
	test_grep "google.ics:32:1: \"Tuesday circle\" (UID 7kq3c2p0l9v1bq8f6m2s4d5e6g@google.com) belongs to group la-circle, not other (an event is one group.s, by its UID): import the file with --group la-circle to bring that group up to date; for other to meet at these times too, plan them there with .circle session plan --group other.\$" err &&
	test_must_be_empty out &&
	test "$(test_sql "SELECT count(*) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''other'\''")" = 0
'

test_expect_success 'Thunderbird: VTIMEZONE names, VALARM, all-day left out, floating' '
	circle group add --tz Europe/Berlin "Trauerkreis" >/dev/null &&
	circle session import --group trauerkreis --until 2055-12-31 \
	    "$ICS/thunderbird.ics" >out 2>err &&
	echo "4 events, 1 repeating: 7 sessions added, 0 updated, 0 removed, 0 unchanged; 1 event left out" >want &&
	test_cmp want out &&
	test_grep "thunderbird.ics:56:1: DTSTART: \"Retreat day\" on 2055-05-08, an all-day event, not a session; left out" err &&
	list --group trauerkreis >got &&
	cat >want <<-\EOF &&
	2055-03-04	19:30	21:00	scheduled	Offener Abend
	2055-03-11	19:30	21:00	scheduled	Offener Abend
	2055-03-18	20:00	21:30	scheduled	Offener Abend
	2055-04-01	19:30	21:00	scheduled	Offener Abend
	2055-04-02	18:00	19:30	scheduled	Offener Abend
	2055-04-08	19:30	21:00	scheduled	Offener Abend
	2055-05-12	19:00	21:00	scheduled	
	EOF
	test_cmp want got &&
	test "$(test_sql "SELECT DISTINCT s.tzid FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''trauerkreis'\''")" = \
	    Europe/Berlin
'

test_expect_success 'an unknown TZID: the line and column, nothing written' '
	circle db dump >before &&
	test_expect_code 65 circle session import --group la-circle \
	    "$ICS/unknown-tz.ics" >out 2>err &&
	test_grep "unknown-tz.ics:11:9: TZID \"Mars/Olympus_Mons\": not a time zone circle knows" err &&
	test_must_be_empty out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a missing DTSTART names its event' '
	test_expect_code 65 circle session import --group la-circle \
	    "$ICS/no-dtstart.ics" 2>err &&
	test_grep "no-dtstart.ics:8:1: DTSTART is missing" err
'

test_expect_success 'malformed lines: the first one, with its line' '
	test_expect_code 65 circle session import --group la-circle \
	    "$ICS/bad-lines.ics" 2>err &&
	test_grep "bad-lines.ics:12:1: not a content line" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success '--skip-bad leaves bad events out, each with a warning' '
	circle session import --group la-circle --skip-bad \
	    "$ICS/bad-lines.ics" >out 2>err &&
	test_grep "2 sessions added.*; 3 events skipped" out &&
	test_grep "bad-lines.ics:12:1: not a content line (NAME:value); event skipped" err &&
	test_grep "bad-lines.ics:17:1: DTEND: cannot be read" err &&
	test_grep "bad-lines.ics:21:1: DTSTART: 2055-02-31 is not a date" err &&
	test "$(test_sql "SELECT count(*) FROM session
	    WHERE uid LIKE '\''good-%'\''")" = 2 &&
	test "$(test_sql "SELECT count(*) FROM session
	    WHERE uid LIKE '\''bad-%'\''")" = 0
'

test_expect_success 'a broken structure fails even with --skip-bad' '
	circle db dump >before &&
	test_expect_code 65 circle session import --group la-circle \
	    --skip-bad "$ICS/end-mismatch.ics" 2>err &&
	test_grep "end-mismatch.ics:6:1: END:VTODO does not end BEGIN:VEVENT (line 3)" err &&
	test_expect_code 65 circle session import --group la-circle \
	    --skip-bad "$ICS/no-end.ics" 2>err &&
	test_grep "no-end.ics:3:1: BEGIN:VEVENT has no END:VEVENT" err &&
	printf "not a calendar\n" >plain.txt &&
	test_expect_code 65 circle session import --group la-circle \
	    plain.txt 2>err &&
	test_grep "plain.txt:1:1: not an iCalendar file" err &&
	printf "BEGIN:VCALENDAR\nX-A:\000b\nEND:VCALENDAR\n" >nul.ics &&
	test_expect_code 65 circle session import --group la-circle \
	    nul.ics 2>err &&
	test_grep "nul.ics:2:5: a NUL byte" err &&
	: >empty.ics &&
	test_expect_code 65 circle session import --group la-circle \
	    empty.ics 2>err &&
	test_grep "empty.ics: not an iCalendar file" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a huge COUNT is expanded only through --until' '
	circle group add --tz America/Los_Angeles "Counted" >/dev/null &&
	circle session import --group counted --until 2055-12-31 \
	    "$ICS/huge-count.ics" >out &&
	test_grep "52 sessions added" out &&
	circle session import --group counted --until 2055-06-30 \
	    "$ICS/huge-count.ics" >out &&
	test_grep "0 sessions added, 0 updated, 0 removed, 52 unchanged" out
'

test_expect_success 'rules that never end or never match are refused' '
	test_expect_code 65 circle session import --group counted \
	    "$ICS/slow-rules.ics" 2>err &&
	test_grep "slow-rules.ics:7:1: RRULE: repeats more often than daily" \
	    err &&
	circle session import --group counted --skip-bad --until 2055-12-31 \
	    "$ICS/slow-rules.ics" >out 2>err &&
	test_grep "slow-rules.ics:12:1: RRULE: gives no date" err &&
	test_grep "slow-rules.ics:17:1: RRULE: gives no date" err &&
	test_grep "slow-rules.ics:22:1: RRULE: more than 10000 sessions" err &&
	test_grep "4 sessions added.*; 4 events skipped" out &&
	# ok@: its DTSTART (the 5th) and three 31sts
	test "$(test_sql "SELECT group_concat(local_start, '\'' '\'') FROM
	    (SELECT local_start FROM session s JOIN series r
	    ON r.id = s.series_id WHERE r.uid = '\''ok@example.org'\''
	    ORDER BY 1)")" = "2055-01-05T19:00 2055-01-31T19:00 2055-03-31T19:00 2055-05-31T19:00"
'

test_expect_success 'hostile text: no control character, no new line' '
	circle group add --tz America/Los_Angeles "Hostile" >/dev/null &&
	test_expect_code 65 circle session import --group hostile \
	    "$ICS/hostile.ics" 2>err &&
	test_grep "hostile.ics:13:14: control character 0x1b" err &&
	circle session import --group hostile --skip-bad \
	    "$ICS/hostile.ics" >out 2>err &&
	test_grep "hostile.ics:18:16: control character 0x0d; event skipped" \
	    err &&
	test "$(test_sql "SELECT topic || '\''|'\'' || location FROM session
	    WHERE uid = '\''hostile-1@example.org'\''")" = \
	    "a|Room, 4 END:VEVENT BEGIN:VEVENT" &&
	test "$(test_sql "SELECT count(*) FROM session s JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '\''hostile'\''")" = 1 &&
	circle export ics --group hostile >h.ics &&
	test "$(grep -c "^BEGIN:VEVENT" h.ics)" = 1 &&
	! grep "^X-INJECTED" h.ics &&
	test "$(grep -c "$CR\$" h.ics)" = "$(wc -l <h.ics)"
'

test_expect_success 'from the standard input' '
	circle group add --tz America/Los_Angeles "Stdin" >/dev/null &&
	sed "s/forever@/stdin@/" "$ICS/huge-count.ics" |
	    circle session import --group stdin --until 2055-03-01 - >out &&
	test_grep "^1 event, 1 repeating: 8 sessions added" out
'

test_expect_success 'usage and bad options' '
	test_expect_code 2 circle session import &&
	test_expect_code 2 circle session import a.ics b.ics &&
	test_expect_code 65 circle session import --group stdin \
	    --until 2055-02-30 "$ICS/huge-count.ics" &&
	test_expect_code 1 circle session import --group stdin nosuch.ics &&
	test_expect_code 1 circle session import --group nosuchgroup \
	    "$ICS/huge-count.ics"
'

# The round trip: export, import into an empty database, export again.
same_events() {
	grep -v -e "^DTSTAMP:" -e "^LAST-MODIFIED:" "$1" >"$1.cmp" &&
	grep -v -e "^DTSTAMP:" -e "^LAST-MODIFIED:" "$2" >"$2.cmp" &&
	test_cmp "$1.cmp" "$2.cmp"
}

test_expect_success 'round trip setup: moved, cancelled, edited, one-off' '
	CIRCLE_DB=$TRASH/a.db && export CIRCLE_DB &&
	circle init >/dev/null &&
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" --url https://meet.example.org/la \
	    "LA Circle" >/dev/null &&
	circle session plan --name weekly --every week --on tuesday \
	    --at 19:00 --from 2054-02-03 --until 2054-04-28 \
	    --except 2054-04-07 >/dev/null &&
	circle session cancel --reason holiday 2054-02-17 >/dev/null &&
	circle session move --to-date 2054-03-11 --at 18:30 2054-03-10 >/dev/null &&
	circle session edit --topic "Boundaries, part 1; bring notes" \
	    --location "Library, room 2" 2054-02-24 >/dev/null &&
	circle session plan --name monthly --every month --on "2nd thursday" \
	    --at 10:00 --from 2054-12-01 --through 2055-06-30 >/dev/null &&
	circle session move --following --at 11:00 2055-03-11 >/dev/null &&
	circle session add --location "Hall B" 2054-05-06 17:00 >/dev/null &&
	circle export ics >a.ics &&
	circle export ics --per-session >a-per.ics
'

test_expect_success 'round trip: export, import, export gives the same' '
	CIRCLE_DB=$TRASH/b.db && export CIRCLE_DB &&
	circle init >/dev/null &&
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" --url https://meet.example.org/la \
	    "LA Circle" >/dev/null &&
	circle session import --until 2055-12-31 a.ics >out &&
	circle export ics >b.ics &&
	same_events a.ics b.ics &&
	test_sql "SELECT uid FROM series ORDER BY uid" >b.uids &&
	CIRCLE_DB=$TRASH/a.db test_sql "SELECT uid FROM series ORDER BY uid" \
	    >a.uids &&
	test_cmp a.uids b.uids
'

test_expect_success 'round trip: the same sessions' '
	CIRCLE_DB=$TRASH/a.db circle session list --cancelled --format tsv |
	    cut -f 3-8 >a.list &&
	CIRCLE_DB=$TRASH/b.db circle session list --cancelled --format tsv |
	    cut -f 3-8 >b.list &&
	test_cmp a.list b.list
'

test_expect_success 'round trip, one event a session (--per-session)' '
	CIRCLE_DB=$TRASH/c.db && export CIRCLE_DB &&
	circle init >/dev/null &&
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" --url https://meet.example.org/la \
	    "LA Circle" >/dev/null &&
	circle session import a-per.ics >/dev/null &&
	circle export ics --per-session >c-per.ics &&
	same_events a-per.ics c-per.ics
'

test_expect_success 'its own export imported into the source changes no session' '
	CIRCLE_DB=$TRASH/a.db && export CIRCLE_DB &&
	test_sql "SELECT * FROM session ORDER BY id" >before &&
	circle session import a-per.ics >out &&
	test_grep " 0 sessions added, 0 updated, 0 removed" out &&
	circle session import --until 2055-12-31 a.ics >out &&
	test_grep " 0 sessions added, 0 updated, 0 removed" out &&
	test_sql "SELECT * FROM session ORDER BY id" >after &&
	test_cmp before after
'

# weekly END: a weekly series of four, 19:00 to END in London, as Outlook
# writes it (CRLF).
weekly() {
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nBEGIN:VEVENT\r\nUID:len-series\r\nSUMMARY:Circle\r\nDTSTART;TZID=GMT Standard Time:20550503T190000\r\nDTEND;TZID=GMT Standard Time:20550503T%s00\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSEQUENCE:0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" "$1"
}

test_expect_success 'a length set here (edit --for, move --for) survives an import' '
	CIRCLE_DB=$TRASH/len.db && export CIRCLE_DB &&
	circle init >/dev/null &&
	circle group add --tz Europe/London len >/dev/null &&
	weekly 2030 >len.ics &&
	circle session import len.ics >/dev/null 2>&1 &&
	circle session edit --for 2h 2055-05-10 >/dev/null &&
	circle session move --for 45 2055-05-17 >/dev/null &&
	circle db dump >before &&
	circle session import len.ics >out 2>/dev/null &&
	echo "1 event, 1 repeating: 0 sessions added, 0 updated, 0 removed, 4 unchanged" >want &&
	test_cmp want out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the series made shorter: the others follow, those lengths stay' '
	CIRCLE_DB=$TRASH/len.db && export CIRCLE_DB &&
	weekly 2000 >len.ics &&
	circle session import len.ics >out 2>/dev/null &&
	echo "1 event, 1 repeating: 0 sessions added, 2 updated, 0 removed, 2 unchanged" >want &&
	test_cmp want out &&
	circle session list --format tsv | cut -f 3-5 >got &&
	cat >want <<-\EOF &&
	2055-05-03	19:00	20:00
	2055-05-10	19:00	21:00
	2055-05-17	19:00	19:45
	2055-05-24	19:00	20:00
	EOF
	test_cmp want got
'

test_expect_success 'a calendar over 32 MiB is refused, from a file or standard input' '
	{
		printf "BEGIN:VCALENDAR\r\nX-PAD:" &&
		head -c $((33 * 1024 * 1024)) /dev/zero | tr "\000" "a"
	} >big.ics &&
	nothing_written circle session import big.ics &&
	echo "circle-session: big.ics: larger than 32 MiB; not a file circle reads" >expect &&
	test_cmp expect err &&
	nothing_written circle session import - <big.ics &&
	echo "circle-session: stdin: larger than 32 MiB; not a file circle reads" >expect &&
	test_cmp expect err
'

test_done
