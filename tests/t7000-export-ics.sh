#!/bin/sh
test_description='circle export ics: one VCALENDAR, recurrence, overrides, no members'
. "$(dirname "$0")/test-lib.sh"

CR=$(printf '\r')

# vevents FILE: the number of VEVENTs.
vevents() {
	grep -c "^BEGIN:VEVENT$CR\$" "$1"
}

# each_vevent FILE PATTERN: every VEVENT of FILE has a line matching PATTERN.
each_vevent() {
	awk -v pat="$2" '
		/^BEGIN:VEVENT/ { in_ev = 1; seen = 0; n++ }
		in_ev && $0 ~ pat { seen = 1 }
		/^END:VEVENT/ { in_ev = 0; if (!seen) bad++ }
		END { if (n == 0 || bad > 0) exit 1 }' "$1"
}

# vtz_offsets FILE YYYY-MM-DDTHH=HOURS...: python icalendar, reading
# FILE's first VTIMEZONE alone, gives each wall time that UTC offset.
vtz_offsets() {
	/usr/bin/python3 - "$@" <<-\EOF
	import sys, datetime, icalendar
	cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
	tz = list(cal.walk("VTIMEZONE"))[0].to_tz()
	for arg in sys.argv[2:]:
	    when, want = arg.split("=")
	    t = datetime.datetime.strptime(when, "%Y-%m-%dT%H")
	    if hasattr(tz, "localize"):
	        got = tz.localize(t).utcoffset()
	    else:
	        got = t.replace(tzinfo=tz).utcoffset()
	    assert got == datetime.timedelta(hours=int(want)), (when, got)
	EOF
}

test_expect_success 'setup: a weekly series in Los Angeles across a DST change' '
	test_fresh_db &&
	circle group add --tz America/Los_Angeles --duration 90 \
	    --location "Room 4" --url https://meet.example.org/la \
	    "LA Circle" >/dev/null &&
	circle session plan --group la-circle --name weekly --every week \
	    --on tuesday --at 19:00 --from 2026-02-03 --until 2026-04-28 \
	    --except 2026-04-07 >/dev/null &&
	circle session cancel --group la-circle --reason holiday \
	    2026-02-17 >/dev/null &&
	circle session move --group la-circle --to 2026-03-11 --at 18:30 \
	    2026-03-10 >/dev/null &&
	circle session edit --group la-circle \
	    --topic "Boundaries, part 1; bring notes" \
	    --location "Library, room 2" 2026-02-24 >/dev/null &&
	circle session add --group la-circle --location "Hall B" \
	    2026-05-06 17:00 >/dev/null &&
	circle roster add --group la-circle --email zyx@example.org \
	    "Quillon Zyxwvut" >/dev/null &&
	circle roster add --group la-circle "Marisol Qwertyuiop" >/dev/null &&
	test "$(test_sql "SELECT count(*) FROM session")" = 13
'

test_expect_success 'export ics writes one VCALENDAR' '
	circle export ics >cal.ics &&
	test "$(head -n 1 cal.ics)" = "BEGIN:VCALENDAR$CR" &&
	test "$(tail -n 1 cal.ics)" = "END:VCALENDAR$CR" &&
	test "$(grep -c "^BEGIN:VCALENDAR" cal.ics)" = 1 &&
	test_grep "^PRODID:-//circle//circle 0.1//EN$CR\$" cal.ics &&
	test_grep "^VERSION:2.0$CR\$" cal.ics &&
	test_grep "^METHOD:PUBLISH$CR\$" cal.ics
'

test_expect_success 'a group'"'"'s calendar is named for it; every group'"'"'s is not' '
	test_grep "^X-WR-CALNAME:LA Circle$CR\$" cal.ics &&
	circle export ics --all >all.ics &&
	! grep "X-WR-CALNAME" all.ics
'

test_expect_success 'every line ends in CRLF' '
	test "$(grep -c "$CR\$" cal.ics)" = "$(wc -l <cal.ics)" &&
	od -c cal.ics | test_grep "\\\\r  \\\\n" -
'

test_expect_success 'one VTIMEZONE for the zone, named as the events name it' '
	test "$(grep -c "^BEGIN:VTIMEZONE" cal.ics)" = 1 &&
	test_grep "^TZID:America/Los_Angeles$CR\$" cal.ics &&
	test_grep "^DTSTART;TZID=America/Los_Angeles:20260203T190000" cal.ics
'

test_expect_success 'the VTIMEZONE: one STANDARD, one DAYLIGHT, from before the first event' '
	sed -n "/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/p" cal.ics >vtz &&
	test "$(grep -c "^BEGIN:STANDARD" vtz)" = 1 &&
	test "$(grep -c "^BEGIN:DAYLIGHT" vtz)" = 1 &&
	! grep "UNTIL" vtz &&
	! grep "^RDATE" vtz &&
	grep "^DTSTART:" vtz | cut -c 9-16 | sort | head -n 1 >first &&
	test "$(cat first)" -lt 20260203 &&
	test "$(cat first)" -gt 19700101
'

test_expect_success 'the series is one master: RRULE, DURATION, EXDATE' '
	test "$(grep -c "^RRULE:FREQ=WEEKLY" cal.ics)" = 1 &&
	test_grep "^RRULE:FREQ=WEEKLY;UNTIL=20260429T065959Z;BYDAY=TU" cal.ics &&
	test_grep "^DURATION:PT1H30M" cal.ics &&
	test_grep "^EXDATE;TZID=America/Los_Angeles:20260407T190000" cal.ics &&
	test "$(grep -c "^EXDATE" cal.ics)" = 1
'

test_expect_success 'moved, cancelled and edited sessions are overrides' '
	test "$(grep -c "^RECURRENCE-ID" cal.ics)" = 3 &&
	test_grep "^RECURRENCE-ID;TZID=America/Los_Angeles:20260217T190000" \
	    cal.ics &&
	test_grep "^RECURRENCE-ID;TZID=America/Los_Angeles:20260310T190000" \
	    cal.ics &&
	test_grep "^DTSTART;TZID=America/Los_Angeles:20260311T183000" cal.ics &&
	test_grep "^RECURRENCE-ID;TZID=America/Los_Angeles:20260224T190000" \
	    cal.ics &&
	test "$(grep -c "^STATUS:CANCELLED" cal.ics)" = 1 &&
	uid=$(test_sql "SELECT uid FROM series") &&
	test "$(grep -c "^UID:$uid" cal.ics)" = 4
'

test_expect_success 'the one-off is a VEVENT of its own' '
	test "$(vevents cal.ics)" = 5 &&
	uid=$(test_sql "SELECT uid FROM session WHERE series_id IS NULL") &&
	test "$(grep -c "^UID:$uid" cal.ics)" = 1 &&
	test_grep "^DTSTART;TZID=America/Los_Angeles:20260506T170000" cal.ics
'

test_expect_success 'every VEVENT has UID, DTSTAMP, SEQUENCE, LAST-MODIFIED' '
	each_vevent cal.ics "^UID:" &&
	each_vevent cal.ics "^DTSTAMP:[0-9]+T[0-9]+Z" &&
	each_vevent cal.ics "^SEQUENCE:" &&
	each_vevent cal.ics "^LAST-MODIFIED:" &&
	each_vevent cal.ics "^SUMMARY:LA Circle" &&
	each_vevent cal.ics "^URL:https://meet.example.org/la"
'

test_expect_success 'UIDs are stable across exports' '
	circle export ics >again.ics &&
	grep "^UID:" cal.ics >uids1 &&
	grep "^UID:" again.ics >uids2 &&
	test_cmp uids1 uids2
'

test_expect_success 'text is escaped: commas, semicolons' '
	test_grep "^DESCRIPTION:Boundaries\\\\, part 1\\\\; bring notes" cal.ics &&
	test_grep "^LOCATION:Library\\\\, room 2" cal.ics
'

test_expect_success 'no member names or emails' '
	test "$(grep -c Zyxwvut cal.ics)" = 0 &&
	test "$(grep -c Qwertyuiop cal.ics)" = 0 &&
	test "$(grep -c zyx@example.org cal.ics)" = 0
'

test_expect_success 'hostile text cannot inject a line' '
	cp "$CIRCLE_DB" hostile.db &&
	"$SQLITE3" hostile.db "UPDATE session SET topic = '\''a'\'' ||
	    char(13) || char(10) || '\''X-INJECTED:1'\'' || char(10) ||
	    '\''BEGIN:VALARM'\'' || char(1) || char(27) || '\''end'\'',
	    location = '\''Room'\'' || char(13) || '\''X-LOC:1'\''
	    WHERE local_start = '\''2026-03-24T19:00'\''" &&
	circle-export --db hostile.db ics >hostile.ics &&
	test_grep "^DESCRIPTION:a\\\\nX-INJECTED:1\\\\nBEGIN:VALARMend" \
	    hostile.ics &&
	test_grep "^LOCATION:RoomX-LOC:1" hostile.ics &&
	! grep "^X-" hostile.ics | grep -v "^X-LIC-LOCATION\|^X-WR-CALNAME" &&
	test "$(grep -c "^BEGIN:VALARM" hostile.ics)" = 0 &&
	test "$(grep -c "$CR\$" hostile.ics)" = "$(wc -l <hostile.ics)"
'

test_expect_success 'hostile text in every field: series, group, name' '
	cp "$CIRCLE_DB" hostile2.db &&
	"$SQLITE3" hostile2.db "UPDATE series SET topic = '\''T'\'' ||
	    char(13) || char(10) || '\''X-SERIES-TOPIC:1'\'',
	    location = '\''L'\'' || char(10) || '\''X-SERIES-LOC:1'\''" \
	    "UPDATE grp SET location = '\''G'\'' || char(13) ||
	    char(10) || '\''X-GROUP-LOC:1'\'', name = '\''N'\'' ||
	    char(13) || char(10) || '\''X-NAME:1'\'' || char(7)" \
	    "UPDATE session SET location = NULL WHERE series_id IS NULL" &&
	circle-export --db hostile2.db ics >h2.ics &&
	circle-export --db hostile2.db ics --per-session >h2p.ics &&
	for f in h2.ics h2p.ics; do
		! grep "^X-" $f | grep -v "^X-LIC-LOCATION\|^X-WR-CALNAME" &&
		test "$(grep -c "$CR\$" $f)" = "$(wc -l <$f)" || exit 1
	done &&
	test_grep "^DESCRIPTION:T\\\\nX-SERIES-TOPIC:1" h2.ics &&
	test_grep "^LOCATION:L\\\\nX-SERIES-LOC:1" h2.ics &&
	test_grep "^LOCATION:G\\\\nX-GROUP-LOC:1" h2.ics &&
	test_grep "^SUMMARY:N\\\\nX-NAME:1$CR\$" h2.ics &&
	test_grep "^X-WR-CALNAME:N\\\\nX-NAME:1$CR\$" h2.ics
'

test_expect_success 'a link with CR/LF is refused, not written' '
	"$SQLITE3" hostile.db "UPDATE grp SET online_url =
	    '\''https://x.example/'\'' || char(13) || char(10) ||
	    '\''ATTENDEE:mailto:a@b'\''" &&
	test_expect_code 65 circle-export --db hostile.db ics >out 2>err &&
	test_must_be_empty out &&
	test_grep "url:" err
'

test_expect_success '-o writes a 0600 file, by rename' '
	circle export ics --group la-circle -o out.ics &&
	test_mode out.ics 600 &&
	grep -v "^DTSTAMP" out.ics >a && grep -v "^DTSTAMP" cal.ics >b &&
	test_cmp b a &&
	ls -a >files && ! grep "^\\.out\\.ics\\." files
'

test_expect_success '--mode: other permissions, strictly octal' '
	circle export ics -o m644.ics --mode 644 &&
	test_mode m644.ics 644 &&
	circle export ics -o m0640.ics --mode 0640 &&
	test_mode m0640.ics 640 &&
	grep -v "^DTSTAMP" m644.ics >a && grep -v "^DTSTAMP" cal.ics >b &&
	test_cmp b a &&
	for bad in 8 64 999 0778 1644 00644 u+r "" 0x1a4 "644 " -644; do
		test_expect_code 2 circle export ics -o bad.ics \
		    --mode "$bad" 2>err &&
		test_grep "mode" err || exit 1
	done &&
	test_expect_code 2 circle export ics --mode 644 >out 2>err &&
	test_grep "needs -o FILE" err &&
	test_must_be_empty out &&
	! test -e bad.ics
'

test_expect_success '--per-session: one VEVENT per session' '
	circle export ics --per-session >per.ics &&
	test "$(vevents per.ics)" = 13 &&
	test "$(grep -c "^RRULE:FREQ=WEEKLY" per.ics)" = 0 &&
	test "$(grep -c "^RECURRENCE-ID" per.ics)" = 0 &&
	test "$(grep -c "^STATUS:CANCELLED" per.ics)" = 1 &&
	test_sql "SELECT uid FROM session ORDER BY uid" >want &&
	sed -n "s/^UID:\\(.*\\)$CR\$/\\1/p" per.ics | sort >got &&
	test_cmp want got
'

test_expect_success '--from/--to select sessions' '
	circle export ics --per-session --from 2026-03-01 \
	    --to 2026-03-31 >march.ics &&
	test "$(vevents march.ics)" = 5 &&
	circle export ics --from 2026-05-01 >may.ics &&
	test "$(vevents may.ics)" = 1 &&
	test "$(grep -c "^RRULE:FREQ=WEEKLY" may.ics)" = 0
'

test_expect_success 'bad options and dates' '
	test_expect_code 2 circle export ics --all --group la-circle &&
	test_expect_code 2 circle export ics extra &&
	test_expect_code 65 circle export ics --from 2026-02-30 &&
	test_expect_code 65 circle export ics --from 2026-03-01 \
	    --to 2026-02-01 &&
	test_expect_code 1 circle export ics --group nosuchgroup
'

if test_have_python_module icalendar; then
	test_expect_success 'python icalendar reads it: events, 19:00 local' '
		/usr/bin/python3 - cal.ics <<-\EOF
		import sys, datetime, icalendar
		cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
		evs = list(cal.walk("VEVENT"))
		assert len(evs) == 5, len(evs)
		master = [e for e in evs if "RRULE" in e][0]
		start = master["DTSTART"].dt
		assert start.hour == 19 and start.minute == 0, start
		assert str(start.tzinfo) in ("America/Los_Angeles",) or \
		    start.utcoffset() == datetime.timedelta(hours=-8), start
		assert start.date() == datetime.date(2026, 2, 3), start
		for e in evs:
		    assert "UID" in e and "DTSTAMP" in e, e
		desc = [str(e["DESCRIPTION"]) for e in evs if "DESCRIPTION" in e]
		assert desc == ["Boundaries, part 1; bring notes"], desc
		EOF
	'
else
	test_skip 'python icalendar reads it: events, 19:00 local' \
	    'no python3 icalendar'
fi

if test_have_python_module icalendar; then
	test_expect_success 'python icalendar reads its VTIMEZONE: -8 in winter, -7 in summer' '
		vtz_offsets cal.ics 2026-02-03T19=-8 2026-03-17T19=-7 \
		    2026-11-10T19=-8 2030-07-02T19=-7
	'
else
	test_skip 'python icalendar reads its VTIMEZONE: -8 in winter, -7 in summer' \
	    'no python3 icalendar'
fi

if test_have_python_module icalendar; then
	test_expect_success 'python icalendar reads the calendar'"'"'s name as the group'"'"'s' '
		cp "$CIRCLE_DB" named.db &&
		"$SQLITE3" named.db "UPDATE grp SET name = '"'"'Carers; grief, loss\ & more'"'"'" &&
		circle-export --db named.db ics >named.ics &&
		/usr/bin/python3 - named.ics <<-\EOF
		import sys, icalendar
		cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
		got = str(cal["X-WR-CALNAME"])
		assert got == "Carers; grief, loss\\ & more", repr(got)
		EOF
	'
else
	test_skip 'python icalendar reads the calendar'"'"'s name as the group'"'"'s' \
	    'no python3 icalendar'
fi

if test_have_python_module icalendar &&
    test_have_python_module recurring_ical_events; then
	test_expect_success 'expanded, it gives the sessions circle lists' '
		circle session list --cancelled --format tsv >list.tsv &&
		cut -f 3,4,6 list.tsv | sort >want &&
		test_grep "cancelled" want &&
		/usr/bin/python3 - cal.ics >got <<-\EOF &&
		import sys, datetime, icalendar, recurring_ical_events
		cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
		out = []
		for e in recurring_ical_events.of(cal).between(
		    datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)):
		    cancelled = str(e.get("STATUS", "")).upper() == "CANCELLED"
		    d = e["DTSTART"].dt
		    out.append("%s\t%s\t%s" % (d.date().isoformat(),
		        d.strftime("%H:%M"),
		        "cancelled" if cancelled else "scheduled"))
		for line in sorted(out):
		    print(line)
		EOF
		test_cmp want got
	'
else
	test_skip 'expanded, it gives the sessions circle lists' \
	    'no python3 icalendar or recurring_ical_events'
fi

# khal, with a configuration and database of its own in the scratch
# directory: never the user's.
if command -v khal >/dev/null 2>&1; then
	test_expect_success 'khal imports it without complaint' '
		mkdir -p khal/cal &&
		cat >khal/config <<-EOF &&
		[calendars]
		[[circle]]
		path = $TRASH/khal/cal
		type = calendar
		[locale]
		timeformat = %H:%M
		dateformat = %Y-%m-%d
		longdateformat = %Y-%m-%d
		datetimeformat = %Y-%m-%d %H:%M
		longdatetimeformat = %Y-%m-%d %H:%M
		local_timezone = America/Los_Angeles
		default_timezone = America/Los_Angeles
		[default]
		default_calendar = circle
		[sqlite]
		path = $TRASH/khal/khal.db
		EOF
		khal -c khal/config import --batch -a circle cal.ics \
		    >out 2>err &&
		test_must_be_empty err &&
		test "$(ls khal/cal | wc -l)" = 2
	'

	test_expect_success 'khal lists the sessions circle lists' '
		khal -c khal/config list --format "{start} {status}" \
		    --day-format "" 2026-01-01 2026-12-31 >k.out 2>err &&
		test_must_be_empty err &&
		sed -n "s/^\(....-..-..\) \(..:..\) *\([A-Z]*\) *\$/\1	\2	\3/p" \
		    k.out | sed "s/	\$/	scheduled/; s/CANCELLED/cancelled/" |
		    sort >got &&
		circle session list --cancelled --format tsv | cut -f 3,4,6 |
		    sort >want &&
		test_cmp want got
	'
else
	test_skip 'khal imports it without complaint' 'no khal'
	test_skip 'khal lists the sessions circle lists' 'no khal'
fi

test_expect_success 'a series split by move --following keeps its except dates as EXDATEs' '
	test_fresh_db &&
	circle group add --tz America/Los_Angeles "Split Circle" >/dev/null &&
	circle session plan --group split --name weekly --every week \
	    --on tuesday --at 19:00 --from 2030-02-05 --until 2030-04-30 \
	    --except 2030-03-26 --except 2030-04-02 >/dev/null &&
	circle session move --group split --at 18:30 --following \
	    2030-04-09 >/dev/null &&
	circle export ics --group split -o split.ics >/dev/null &&
	grep "^RRULE:.*UNTIL=20300409T" split.ics &&
	test_grep "^EXDATE;TZID=America/Los_Angeles:20300326T190000" split.ics &&
	test_grep "^EXDATE;TZID=America/Los_Angeles:20300402T190000" split.ics &&
	test "$(grep -c "^EXDATE" split.ics)" = 2
'

# A subscribed calendar (Google's) passes over an override whose
# SEQUENCE is below its master's: planning a series again raises the
# master's, so a session moved or cancelled before must follow it, and
# the UIDs stay as they were, so that the calendar updates, not doubles.
test_expect_success 'planned again after a move: overrides keep up with the master'"'"'s SEQUENCE' '
	circle group add --tz America/Los_Angeles "Seq Circle" >/dev/null &&
	circle session plan --group seq-circle --name weekly --every week \
	    --on tuesday --at 19:00 --from 2030-02-05 \
	    --until 2030-03-26 >/dev/null &&
	circle session move --group seq-circle --at 18:30 2030-02-12 \
	    >/dev/null &&
	circle session cancel --group seq-circle 2030-02-19 >/dev/null &&
	circle export ics --group seq-circle >seq1.ics &&
	for until in 2030-04-30 2030-04-23; do
		circle session plan --group seq-circle --name weekly \
		    --every week --on tuesday --at 19:00 --from 2030-02-05 \
		    --until $until >/dev/null || return 1
	done &&
	circle export ics --group seq-circle >seq2.ics &&
	awk "/^BEGIN:VEVENT/ { rid = \"master\" }
	    /^RECURRENCE-ID/ { rid = \"override\" }
	    /^SEQUENCE:/ { sub(/\r\$/, \"\"); seq = substr(\$0, 10) }
	    /^END:VEVENT/ { print rid, seq }" seq2.ics >got &&
	cat >want <<-\EOF &&
	master 2
	override 3
	override 3
	EOF
	test_cmp want got &&
	grep "^UID:" seq1.ics >uids1 &&
	grep "^UID:" seq2.ics >uids2 &&
	test_cmp uids1 uids2
'

test_expect_success 'moved again after the series was planned again: the override'"'"'s SEQUENCE rises' '
	circle session move --group seq-circle --at 17:30 2030-02-12 \
	    >/dev/null &&
	circle export ics --group seq-circle >seq3.ics &&
	awk "/^BEGIN:VEVENT/ { rid = \"master\" }
	    /^RECURRENCE-ID/ { rid = \"override\" }
	    /^DTSTART/ { sub(/\r\$/, \"\"); start = \$0 }
	    /^SEQUENCE:/ { sub(/\r\$/, \"\"); seq = substr(\$0, 10) }
	    /^END:VEVENT/ { print rid, seq, start }" seq3.ics >got &&
	cat >want <<-\EOF &&
	master 2 DTSTART;TZID=America/Los_Angeles:20300205T190000
	override 4 DTSTART;TZID=America/Los_Angeles:20300212T173000
	override 3 DTSTART;TZID=America/Los_Angeles:20300219T190000
	EOF
	test_cmp want got
'

# Whitehorse kept summer time from November 2020: the rule of the winter
# before was lost by libical's truncation in Outlook's form, which the
# export proves and replaces.
test_expect_success 'a zone whose rules changed: its VTIMEZONE still right at the start' '
	circle group add --tz America/Whitehorse "Yukon Circle" >/dev/null &&
	circle session plan --group yukon-circle --name w --every week \
	    --on tuesday --at 19:00 --from 2019-12-03 \
	    --until 2020-12-29 >/dev/null &&
	circle export ics --group yukon-circle >yukon.ics &&
	sed -n "/^BEGIN:VTIMEZONE/,/^END:VTIMEZONE/p" yukon.ics >vtz &&
	test_grep "^TZID:America/Whitehorse" vtz &&
	! grep "^DTSTART:18" vtz
'

if test_have_python_module icalendar; then
	test_expect_success 'python icalendar: Whitehorse -8 in December 2019, -7 after' '
		vtz_offsets yukon.ics 2019-12-03T19=-8 2020-06-02T19=-7 \
		    2020-12-29T19=-7
	'
else
	test_skip 'python icalendar: Whitehorse -8 in December 2019, -7 after' \
	    'no python3 icalendar'
fi

test_done
