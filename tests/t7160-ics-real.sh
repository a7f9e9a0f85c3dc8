#!/bin/sh
test_description='circle session import: calendars as real clients write them'
. "$(dirname "$0")/test-lib.sh"

# tests/t7160/ holds calendars shaped like the output of Google Calendar,
# Outlook, Apple Calendar, Thunderbird, Nextcloud, Zimbra, Evolution,
# Cyrus, DAVx5, Etar, Fastmail and khal (each names its client in PRODID;
# tests/README says what each shows).  Their dates are in 2055 and 2056,
# to come whenever the suite runs.  Every file goes to a group of its own
# in the zone its client works in, and the sessions circle makes must be
# the occurrences python's recurring_ical_events finds in it.
ICS="$CIRCLE_SRC/tests/t7160"
UNTIL=2056-12-31

test_lazy_prereq RECURRING_ICAL '
	/usr/bin/python3 -c "import icalendar, recurring_ical_events, zoneinfo"
'

# zone_of FILE: the zone of the group a file goes to.
zone_of() {
	case $1 in
	google-*|zimbra-*|cyrus-*) echo America/New_York ;;
	outlook-de-*) echo Europe/Berlin ;;
	outlook-*) echo Europe/London ;;
	apple-*) echo Australia/Sydney ;;
	*) echo Europe/Berlin ;;
	esac
}

# made HANDLE: the sessions of a group, "starts ends status", in UTC.
made() {
	test_sql "SELECT s.starts_at || ' ' || s.ends_at || ' ' || s.status
	    FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '$1' ORDER BY 1"
}

# counts: a summary line without the dry run's words.
counts() {
	sed -e 's/^dry run: //' -e 's/would be //' "$@"
}

test_expect_success 'setup' '
	test_fresh_db
'

for f in "$ICS"/*.ics; do
	b=$(basename "$f" .ics)
	h=$(echo "$b" | tr -c "a-z0-9\n" -)
	test_expect_success "$b: imports; the dry run counts the same" "
		circle group add --handle $h --tz $(zone_of $b) --duration 90 \
		    $h >/dev/null &&
		circle session import --group $h --until $UNTIL --dry-run \
		    '$f' >dry 2>/dev/null &&
		test \"\$(made $h)\" = '' &&
		circle session import --group $h --until $UNTIL '$f' \
		    >real 2>err &&
		counts dry >want &&
		test_cmp want real &&
		! grep -v 'warning: ' err
	"
	test_expect_success RECURRING_ICAL "$b: the sessions are the occurrences" "
		made $h >got &&
		/usr/bin/python3 '$CIRCLE_SRC/tests/ics-occurrences.py' '$f' \
		    $(zone_of $b) 90 $UNTIL >want &&
		test -s want &&
		test_cmp want got
	"
	test_expect_success "$b: imported again, nothing changes" "
		circle db dump >before &&
		circle session import --group $h --until $UNTIL '$f' >out \
		    2>/dev/null &&
		test_grep ': 0 sessions added, 0 updated, 0 removed, ' out &&
		circle db dump >after &&
		test_cmp before after
	"
done

# tests/t7160/allday/: calendars of all-day events only (holidays,
# "Room closed", reminders), as Google, Outlook (a DATE, or on the web
# midnight to midnight with X-MICROSOFT-CDO-ALLDAYEVENT:TRUE), Apple,
# Thunderbird and Evolution write them: no session, each event named.
for f in "$ICS"/allday/*.ics; do
	b=$(basename "$f" .ics)
	h=$(echo "$b" | tr -c "a-z0-9\n" -)
	test_expect_success "$b: all-day events are left out, each named" "
		circle group add --handle $h --tz $(zone_of $b) $h >/dev/null &&
		circle session import --group $h --until $UNTIL '$f' >out 2>err &&
		n=\$(grep -c '^BEGIN:VEVENT' '$f') &&
		test_grep ': 0 sessions added, 0 updated, 0 removed, 0 unchanged; '\$n' events* left out\$' out &&
		test \"\$(grep -c ', an all-day event, not a session; left out\$' err)\" = \$n &&
		test \"\$(made $h)\" = ''
	"
done

test_expect_success 'an all-day event says its file:line, name and day' '
	circle session import --group google-allday --dry-run \
	    "$ICS/allday/google-allday.ics" >out 2>err &&
	test_grep "google-allday.ics:9:1: DTSTART: \"Retreat day (clocks go forward)\" on 2055-03-14, an all-day event, not a session; left out" err &&
	test_grep "google-allday.ics:34:1: DTSTART: \"Check-in day\" on 2055-06-05 and after, an all-day event, not a session; left out" err &&
	circle session import --group outlook-web-allday --dry-run \
	    "$ICS/allday/outlook-web-allday.ics" >out 2>err &&
	test_grep "outlook-web-allday.ics:38:1: X-MICROSOFT-CDO-ALLDAYEVENT: \"No group - bank holiday\" on 2055-05-03, an all-day event, not a session; left out" err &&
	test_grep "outlook-web-allday.ics: \"GMT Standard Time\" read as Europe/London" err
'

test_expect_success 'a holiday block of 16 days is left out, with its line' '
	circle session import --group google-holiday-block --until $UNTIL \
	    "$ICS/google-holiday-block.ics" >out 2>err &&
	test_grep "google-holiday-block.ics:28:1: DTEND: the event lasts more than a week, not a session; left out" err &&
	test_grep "; 1 event left out\$" out &&
	test "$(test_sql "SELECT count(*) FROM session
	    WHERE uid = '\''5gholiday16days@google.com'\''")" = 0
'

test_expect_success 'all-day events (a training block, an open day) are left out' '
	circle group add --tz America/New_York training >/dev/null &&
	sed "s/6gconf/training/" "$ICS/google-training-days.ics" >t.ics &&
	circle session import --group training --until $UNTIL t.ics \
	    >out 2>err &&
	test_grep "t.ics:42:1: DTSTART: \"Facilitator training\" on 2055-03-22, an all-day event of 3 days, not a session; left out" err &&
	test_grep "t.ics:56:1: DTSTART: \"Open day\" on 2055-04-12, an all-day event, not a session; left out" err &&
	test_grep "; 2 events left out\$" out &&
	test "$(circle session list --group training --format tsv |
	    cut -f 3 | tr "\n" " ")" = "2055-03-02 2055-03-09 2055-03-16 2055-03-23 2055-03-30 2055-04-06 2055-04-13 2055-04-20 2055-04-27 "
'

test_expect_success 'two RRULEs in one event (Cyrus): the sessions of both' '
	circle group add --tz America/New_York --duration 90 rules >/dev/null &&
	circle session import --group rules --until $UNTIL \
	    "$ICS/rules/cyrus-two-rules.ics" >out 2>err &&
	echo "2 events, 1 repeating: 10 sessions added, 0 updated, 0 removed, 0 unchanged" >want &&
	test_cmp want out &&
	test_must_be_empty err &&
	circle session list --group rules --format tsv | cut -f 3-5 >got &&
	cat >want <<-\EOF &&
	2055-09-06	18:00	19:30
	2055-09-13	18:00	19:30
	2055-09-20	19:00	20:30
	2055-09-27	18:00	19:30
	2055-10-04	18:00	19:30
	2055-10-11	18:00	19:30
	2055-10-18	18:00	19:30
	2055-10-25	18:00	19:30
	2055-11-04	18:00	19:30
	2055-12-02	18:00	19:30
	EOF
	test_cmp want got &&
	circle session import --group rules --until $UNTIL \
	    "$ICS/rules/cyrus-two-rules.ics" >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 10 unchanged\$" out
'

test_expect_success 'RANGE=THISANDFUTURE (Notes): that session and the later ones change' '
	circle group add --tz Europe/Berlin --duration 90 future >/dev/null &&
	circle session import --group future \
	    "$ICS/rules/notes-thisandfuture.ics" >out 2>err &&
	test_must_be_empty err &&
	circle session list --group future --cancelled --format tsv |
	    cut -f 3-6,8 >got &&
	cat >want <<-\EOF &&
	2055-03-04	18:00	19:30	scheduled	Raum 1
	2055-03-11	18:00	19:30	scheduled	Raum 1
	2055-03-18	18:00	19:30	scheduled	Raum 1
	2055-03-25	18:30	20:30	scheduled	Raum 2
	2055-04-01	18:30	20:30	scheduled	Raum 2
	2055-04-08	18:30	20:30	scheduled	Raum 2
	2055-04-15	18:30	20:30	cancelled	Raum 2
	2055-04-22	18:30	20:30	scheduled	Raum 2
	2055-04-29	18:30	20:30	scheduled	Raum 2
	2055-05-06	18:30	20:30	scheduled	Raum 2
	EOF
	test_cmp want got &&
	circle db dump >before &&
	circle session import --group future \
	    "$ICS/rules/notes-thisandfuture.ics" >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 10 unchanged\$" out &&
	circle db dump >after &&
	test_cmp before after
'

# Outlook 16 in German: its own zone for Berlin, a series on the last
# Thursday (BYDAY=TH;BYSETPOS=-1), EXDATEs with the zone (two in one line),
# in UTC and floating, an occurrence moved by an organizer in London and
# one cancelled.
test_expect_success 'Outlook (German): last Thursday, EXDATEs three ways, an override from London' '
	circle session list --group outlook-de-custom-zone --cancelled \
	    --format tsv | cut -f 3,4,6 >got &&
	cat >want <<-\EOF &&
	2055-01-28	18:30	scheduled
	2055-04-22	18:45	scheduled
	2055-06-24	18:30	scheduled
	2055-07-29	18:30	scheduled
	2055-08-26	18:30	scheduled
	2055-09-30	18:30	cancelled
	EOF
	test_cmp want got &&
	circle session import --group outlook-de-custom-zone --dry-run \
	    "$ICS/outlook-de-custom-zone.ics" >out 2>err &&
	test_grep "\"(UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien\" read as Europe/Berlin" err &&
	test_grep "\"GMT Standard Time\" read as Europe/London" err
'

test_expect_success 'an override without its series: a one-off, with a warning' '
	circle session import --group google-orphan --until $UNTIL \
	    "$ICS/google-orphan.ics" >out 2>err &&
	test_grep "google-orphan.ics:31: RECURRENCE-ID: no repeating event of \"Facilitators'"'"' sync\" (UID 3gorphan5ksh2q0vmaster@google.com) in the file or the database; made a one-off session" err &&
	test "$(test_sql "SELECT local_start FROM session
	    WHERE uid LIKE '\''3gorphan5%'\''")" = 2055-02-10T18:00
'

test_expect_success 'a series with COUNT or UNTIL is made whole, past the horizon' '
	circle group add --tz Europe/London whole >/dev/null &&
	sed "s/AABBCCDDEEFF00112233/WHOLE/" \
	    "$ICS/outlook-second-tuesday.ics" >count.ics &&
	circle session import --group whole count.ics >out &&
	echo "1 event, 1 repeating: 12 sessions added, 0 updated, 0 removed, 0 unchanged" >want &&
	test_cmp want out &&
	test "$(circle session list --group whole --format tsv |
	    cut -f 3 | tail -n 1)" = 2055-12-14 &&
	sed "s/zimbra000002/zimbrawhole/" "$ICS/zimbra-weekly.ics" >until.ics &&
	circle session import --group whole until.ics >out &&
	test_grep ": 4 sessions added" out &&
	circle session import --group whole count.ics >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 12 unchanged\$" out
'

test_expect_success 'a series without an end: made to the horizon, and said so' '
	circle group add --tz Europe/Berlin open >/dev/null &&
	sed "s/9b11/open/" "$ICS/thunderbird-weekly.ics" >open.ics &&
	circle session import --group open open.ics >out &&
	horizon=$(TZ=Europe/Berlin date -d "+365 days" +%Y-%m-%d) &&
	test_grep "; 1 repeating without end, made through $horizon (--until DATE for more)\$" out &&
	circle session import --group open --until 2055-03-31 open.ics >out &&
	test_grep ": 4 sessions added" out &&
	! grep "without end" out
'

test_expect_success 'a COUNT too large to make whole: the cap, and what to do' '
	circle group add --tz America/Los_Angeles counted >/dev/null &&
	test_expect_code 65 circle session import --group counted \
	    "$CIRCLE_SRC/tests/t7100/huge-count.ics" 2>err &&
	test_grep "huge-count.ics:8:1: RRULE: more than 10000 sessions; give a date with --until" err
'


test_expect_success '--strict: an event that is no session fails the file' '
	circle group add --tz America/New_York strict >/dev/null &&
	sed "s/5gholiday/strict/" "$ICS/google-holiday-block.ics" >s.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group strict --strict \
	    --until $UNTIL s.ics 2>err &&
	test_grep "s.ics:28:1: DTEND: the event lasts more than a week, not a session\$" err &&
	circle db dump >after &&
	test_cmp before after
'


# The round trip, through circle's own export into a database that has
# only the groups: every series bounded by its rule comes back whole,
# however far past a year from today it runs.
rt_groups() {
	circle init >/dev/null &&
	circle group add --tz Europe/Berlin --duration 90 Weekly >/dev/null &&
	circle group add --tz America/New_York --duration 60 \
	    Fortnightly >/dev/null &&
	circle group add --tz Europe/London --duration 120 Monthly >/dev/null
}

test_expect_success 'round trip setup: weekly, fortnightly, monthly' '
	CIRCLE_DB=$TRASH/rt-a.db && export CIRCLE_DB &&
	rt_groups &&
	circle session plan --group weekly --every week --on thursday \
	    --at 19:00 --from 2055-03-04 --until 2055-04-29 >/dev/null &&
	circle session plan --group fortnightly \
	    --rrule "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO" --at 18:00 \
	    --from 2055-10-04 --until 2055-12-31 >/dev/null &&
	circle session plan --group monthly --every month --on "2nd tuesday" \
	    --at 18:30 --from 2055-01-01 --count 12 >/dev/null &&
	circle session cancel --group weekly 2055-04-01 >/dev/null &&
	circle session move --group weekly --to 2055-03-26 2055-03-25 \
	    >/dev/null &&
	circle session cancel --group fortnightly 2055-11-01 >/dev/null &&
	circle session move --group fortnightly --at 19:00 2055-11-15 \
	    >/dev/null &&
	circle session cancel --group monthly 2055-08-10 >/dev/null &&
	circle session move --group monthly --to 2055-10-13 2055-10-12 \
	    >/dev/null &&
	for g in weekly fortnightly monthly; do
		circle export ics --group $g >rt-$g.ics || return 1
	done &&
	test "$(circle session list --group monthly --cancelled --format tsv |
	    wc -l)" = 12
'

test_expect_success 'round trip: export ics, import into a fresh database' '
	CIRCLE_DB=$TRASH/rt-b.db && export CIRCLE_DB &&
	rt_groups &&
	for g in weekly fortnightly monthly; do
		circle session import --group $g rt-$g.ics >out-$g || return 1
	done &&
	test_grep ": 12 sessions added" out-monthly &&
	! grep "without end" out-weekly out-fortnightly out-monthly &&
	for g in weekly fortnightly monthly; do
		CIRCLE_DB=$TRASH/rt-a.db circle session list --group $g \
		    --cancelled --format tsv | cut -f 3-7 >a-$g &&
		circle session list --group $g --cancelled --format tsv |
		    cut -f 3-7 >b-$g &&
		test_cmp a-$g b-$g || return 1
	done &&
	test_grep "2055-03-26	19:00" b-weekly &&
	test_grep "2055-04-01	19:00	20:30	cancelled" b-weekly &&
	test_grep "2055-11-15	19:00" b-fortnightly &&
	test_grep "2055-10-13	18:30" b-monthly
'


test_expect_success 'a cancelling override skipped as broken still cancels' '
	CIRCLE_DB=$TRASH/data/circle.db && export CIRCLE_DB &&
	circle group add --tz America/New_York badcancel >/dev/null &&
	test_expect_code 65 circle session import --group badcancel \
	    "$ICS/broken/google-bad-cancel.ics" 2>err &&
	test_grep "google-bad-cancel.ics:21:1: DTEND: cannot be read" err &&
	circle session import --group badcancel --skip-bad \
	    "$ICS/broken/google-bad-cancel.ics" >out 2>err &&
	test_grep "google-bad-cancel.ics:21:1: DTEND: cannot be read.*; event skipped, but its STATUS:CANCELLED is applied\$" err &&
	test_grep ": 4 sessions added.*; 1 event skipped\$" out &&
	circle session list --group badcancel --cancelled --format tsv |
	    cut -f 3,6 >got &&
	printf "%s\t%s\n" 2055-06-03 scheduled 2055-06-10 cancelled \
	    2055-06-17 scheduled 2055-06-24 scheduled >want &&
	test_cmp want got &&
	circle db dump >before &&
	circle session import --group badcancel --skip-bad \
	    "$ICS/broken/google-bad-cancel.ics" >out 2>/dev/null &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'


# recurring_ical_events cannot expand an RDATE PERIOD (it sorts the
# period among the dates), so this file is checked by hand.
test_expect_success 'RDATE;VALUE=PERIOD (Zimbra): each session as long as its period' '
	circle group add --tz America/New_York period >/dev/null &&
	circle session import --group period --until $UNTIL \
	    "$ICS/period/zimbra-period.ics" >out &&
	test_grep ": 4 sessions added" out &&
	made period >got &&
	cat >want <<-\EOF &&
	2055-06-06T13:00:00Z 2055-06-06T13:30:00Z scheduled
	2055-06-13T13:00:00Z 2055-06-13T16:30:00Z scheduled
	2055-06-20T13:00:00Z 2055-06-20T15:00:00Z scheduled
	2055-06-27T13:00:00Z 2055-06-27T16:30:00Z scheduled
	EOF
	test_cmp want got &&
	circle db dump >before &&
	circle session import --group period --until $UNTIL \
	    "$ICS/period/zimbra-period.ics" >out &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'

# Outlook folds at 75 octets, through the middle of a character, and
# starts the file with a byte order mark: checked by hand.
test_expect_success 'Outlook folds through a UTF-8 character: read unfolded' '
	circle group add --tz Europe/London folds >/dev/null &&
	circle session import --group folds \
	    "$ICS/folded/outlook-utf8-folds.ics" >out 2>err &&
	test_grep ": 4 sessions added" out &&
	circle session list --group folds --format tsv | cut -f 3,7,8 |
	    sort -u >got &&
	cat >want <<-\EOF &&
	2055-03-09	Grŵp cymorth — thema’r wythnos: ffiniau a’r hunan • te a choffi ar gael	Ystafell Ŵy – Canolfan Gymunedol “Y Ddôl” — Ffordd Glyndŵr, Aberystwyth
	2055-03-16	Grŵp cymorth — thema’r wythnos: ffiniau a’r hunan • te a choffi ar gael	Ystafell Ŵy – Canolfan Gymunedol “Y Ddôl” — Ffordd Glyndŵr, Aberystwyth
	2055-03-23	Grŵp cymorth — thema’r wythnos: ffiniau a’r hunan • te a choffi ar gael	Ystafell Ŵy – Canolfan Gymunedol “Y Ddôl” — Ffordd Glyndŵr, Aberystwyth
	2055-03-30	Grŵp cymorth — thema’r wythnos: ffiniau a’r hunan • te a choffi ar gael	Ystafell Ŵy – Canolfan Gymunedol “Y Ddôl” — Ffordd Glyndŵr, Aberystwyth
	EOF
	test_cmp want got
'

test_expect_success 'a bad byte after a fold: its own line and column' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b1\r\nDTSTART:20550323T190000Z\r\nLOCATION:abc\342\200\r\n \224def\377\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >b1.ics &&
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b2\r\nDTSTART:20550323T190000Z\r\nLOCATION:abc\342\200\r\n x\224def\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >b2.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group folds b1.ics 2>err &&
	test_grep "b1.ics:7:6: not valid UTF-8 (byte 0xFF): a calendar is UTF-8 (RFC 5545); give --encoding windows-1252 if it came from an old Outlook, or export it again\$" err &&
	test_expect_code 65 circle session import --group folds b2.ics 2>err &&
	test_grep "b2.ics:6:13: not valid UTF-8" err &&
	circle db dump >after &&
	test_cmp before after
'

# Windows tools save a calendar as UTF-16 with a byte order mark.
test_expect_success 'a calendar in UTF-16 (LE or BE, with its mark) is read' '
	circle group add --tz Europe/London utf16 >/dev/null &&
	for enc in utf-16-le utf-16-be; do
		/usr/bin/python3 -c "
import sys
t = open(sys.argv[1], \"rb\").read().replace(b\"\\r\\n \", b\"\").decode(\"utf-8-sig\")
bom = b\"\\xff\\xfe\" if sys.argv[2] == \"utf-16-le\" else b\"\\xfe\\xff\"
open(sys.argv[3], \"wb\").write(bom + t.replace(\"040000008200E\", sys.argv[2]).encode(sys.argv[2]))
" "$ICS/folded/outlook-utf8-folds.ics" $enc $enc.ics || return 1
		circle session import --group utf16 $enc.ics >out 2>err &&
		test_grep ": 4 sessions added" out || return 1
	done &&
	test "$(circle session list --group utf16 --format tsv | wc -l)" = 8 &&
	test "$(circle session list --group utf16 --format tsv | cut -f 8 |
	    sort -u)" = "Ystafell Ŵy – Canolfan Gymunedol “Y Ddôl” — Ffordd Glyndŵr, Aberystwyth" &&
	printf "\377\376B\000E\000" >odd.ics &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group utf16 odd.ics 2>err &&
	test_grep "odd.ics:1:1: not an iCalendar file: the first line is not BEGIN:VCALENDAR" err &&
	printf "\377\376B\000E" >half.ics &&
	test_expect_code 65 circle session import --group utf16 half.ics 2>err &&
	test_grep "half.ics:1: ends in the middle of a UTF-16LE character; the file is cut short or damaged: export it again" err &&
	circle db dump >after &&
	test_cmp before after
'

test_done
