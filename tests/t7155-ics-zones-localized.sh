#!/bin/sh
test_description='circle session import: zone names in other languages, places of several zones, --zone'
. "$(dirname "$0")/test-lib.sh"

# A Windows that is not in English writes its zones' display names in its
# language, and an Exchange, WebEx or OBM server sends them as TZIDs with
# no VTIMEZONE: "(UTC-05:00) Hora del este (EE.UU. y Canadá)" is Spanish
# Windows' "(UTC-05:00) Eastern Time (US & Canada)".  The events are in
# July 2055, in summer time where there is one, to come whenever the
# suite runs.

# cal TZID...: a calendar of one event a TZID, the nth on July n at 19:00.
cal() {
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t7155//EN\r\n"
	n=0
	for tz in "$@"
	do
		n=$((n + 1))
		printf "BEGIN:VEVENT\r\nUID:t7155-%d\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=\"%s\":205507%02dT190000\r\nDURATION:PT90M\r\nSUMMARY:Circle %d\r\nEND:VEVENT\r\n" \
		    $n "$tz" $n $n
	done
	printf "END:VCALENDAR\r\n"
}

# fresh ZONE: an empty database with one group in ZONE.
fresh() {
	test_fresh_db &&
	circle group add --tz "$1" "Circle" >/dev/null
}

sessions() {
	test_sql "SELECT local_start, tzid, starts_at FROM session ORDER BY 1"
}

test_expect_success 'Windows display names in Spanish, German and French: the zone each means' '
	cal "(UTC-05:00) Hora del este (EE.UU. y Canadá)" \
	    "(UTC+01:00) Mitteleuropäische Zeit" \
	    "Mitteleuropäische Zeit" \
	    "Pacifique (États-Unis et Canada)" \
	    "(UTC-06:00) Hora central (EE.UU. y Canadá)" \
	    "(UTC-04:00) Heure de l'"'"'Atlantique (Canada)" \
	    "(UTC-08:00) Pacifique (États-Unis et Canada)" >localized.ics &&
	fresh America/Los_Angeles &&
	circle session import localized.ics >out 2>err &&
	test_grep ": 7 sessions added" out &&
	test_grep "\"(UTC-05:00) Hora del este (EE.UU. y Canadá)\" read as America/New_York\$" err &&
	test_grep "\"Mitteleuropäische Zeit\" read as Europe/Paris\$" err &&
	test_grep "\"Pacifique (États-Unis et Canada)\" read as America/Los_Angeles\$" err &&
	sessions >got &&
	cat >want <<-\EOF &&
	2055-07-01T19:00|America/New_York|2055-07-01T23:00:00Z
	2055-07-02T19:00|Europe/Paris|2055-07-02T17:00:00Z
	2055-07-03T19:00|Europe/Paris|2055-07-03T17:00:00Z
	2055-07-04T19:00|America/Los_Angeles|2055-07-05T02:00:00Z
	2055-07-05T19:00|America/Chicago|2055-07-06T00:00:00Z
	2055-07-06T19:00|America/Halifax|2055-07-06T22:00:00Z
	2055-07-07T19:00|America/Los_Angeles|2055-07-08T02:00:00Z
	EOF
	test_cmp want got
'

test_expect_success 'imported again, nothing changes' '
	circle db dump >before &&
	circle session import localized.ics >out 2>err &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 7 unchanged" out &&
	circle db dump >after &&
	test_cmp before after
'

# A group in Berlin keeps its own name for Central European time.
test_expect_success 'a name of the group'"'"'s region: the group'"'"'s zone' '
	cal "(UTC+01:00) Mitteleuropäische Zeit" >cet.ics &&
	fresh Europe/Berlin &&
	circle session import cet.ics >out 2>err &&
	test_grep "\"(UTC+01:00) Mitteleuropäische Zeit\" read as Europe/Berlin\$" err &&
	echo "2055-07-01T19:00|Europe/Berlin|2055-07-01T17:00:00Z" >want &&
	sessions >got &&
	test_cmp want got
'

# Lagos keeps Central European time in winter only: one event in January
# does not make the name Lagos', or a session moved to July would be an
# hour out.
test_expect_success 'a group zone with the same clocks on the dates read only: not taken' '
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t7155//EN\r\nBEGIN:VEVENT\r\nUID:t7155-winter\r\nDTSTAMP:20261201T000000Z\r\nDTSTART;TZID=\"Mitteleuropäische Zeit\":20550112T190000\r\nDURATION:PT90M\r\nSUMMARY:Circle\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" >winter.ics &&
	fresh Africa/Lagos &&
	circle session import winter.ics >out 2>err &&
	test_grep "\"Mitteleuropäische Zeit\" read as Europe/Paris\$" err &&
	echo "2055-01-12T19:00|Europe/Paris|2055-01-12T18:00:00Z" >want &&
	sessions >got &&
	test_cmp want got
'

# A region's name is also the name of zones in it that keep no summer
# time: Phoenix keeps Mountain time, Regina and Mexico City Central time,
# Brisbane Eastern Australia's, all year.  A group there is not an hour
# out in summer by the region's zone CLDR names first: refused, both
# named, when they keep other clocks over the dates read.
test_expect_success 'a region'"'"'s name, the group'"'"'s zone in it keeping other clocks: refused' '
	for p in "America/Phoenix|20550701|Heure des Rocheuses|America/Denver" \
	    "America/Phoenix|20550701|(UTC-07:00) Heure normale des Rocheuses|America/Denver" \
	    "America/Mexico_City|20550701|Hora central|America/Chicago" \
	    "America/Merida|20550701|Hora central|America/Chicago" \
	    "America/Regina|20550701|(UTC-06:00) Hora central|America/Chicago" \
	    "Australia/Brisbane|20551201|Ostaustralische Zeit|Australia/Sydney"
	do
		IFS="|" read -r gz day tz other <<-EOF &&
		$p
		EOF
		fresh "$gz" &&
		cal "$tz" | sed "s/20550701T/${day}T/" >group.ics &&
		nothing_written circle session import group.ics &&
		test_grep "TZID \"$tz\": not a time zone circle knows: it is a name of $other and of $gz, which keep other clocks over the dates imported" err ||
		return 1
	done &&
	fresh America/Phoenix &&
	cal "Heure des Rocheuses" >rockies.ics &&
	circle session import --zone America/Phoenix rockies.ics >out 2>err &&
	test_grep "\"Heure des Rocheuses\" read as America/Phoenix\$" err &&
	echo "2055-07-01T19:00|America/Phoenix|2055-07-02T02:00:00Z" >want &&
	sessions >got &&
	test_cmp want got &&
	fresh America/Denver &&
	circle session import rockies.ics >out 2>err &&
	test_grep "\"Heure des Rocheuses\" read as America/Denver\$" err
'

# A region's standard time ("heure normale", "Normalzeit") is what the
# zones of it that keep no summer time keep all year: Phoenix's, Algiers',
# Brisbane's, not only Denver's, Paris' and Sydney's.
test_expect_success 'a region'"'"'s standard time by name: its zones that keep other clocks weighed' '
	fresh America/Los_Angeles &&
	for p in "20550701|Heure normale des Rocheuses|America/Denver" \
	    "20550701|Mitteleuropäische Normalzeit|Europe/Paris" \
	    "20551201|(UTC+10:00) Ostaustralische Normalzeit|Australia/Sydney"
	do
		IFS="|" read -r day tz first <<-EOF &&
		$p
		EOF
		cal "$tz" | sed "s/20550701T/${day}T/" >standard.ics &&
		nothing_written circle session import standard.ics &&
		test_grep "TZID \"$tz\": not a time zone circle knows: it is a name of $first and of [A-Za-z_/]*, which keep other clocks over the dates imported" err ||
		return 1
	done &&
	cal "Heure normale des Rocheuses" | sed "s/20550701T/20550114T/" \
	    >january.ics &&
	circle session import january.ics >out 2>err &&
	test_grep "\"Heure normale des Rocheuses\" read as America/Denver\$" err
'

# Spanish Windows' own name of Mexico's Central time, which keeps no
# summer time since 2022: the region's name in its brackets is the United
# States' too, but the country they name is Mexico.
test_expect_success 'a region'"'"'s name with other countries in its brackets: their zones weighed too' '
	cal "Hora estándar central (México)" >mexico.ics &&
	fresh America/Los_Angeles &&
	nothing_written circle session import mexico.ics &&
	test_grep "TZID \"Hora estándar central (México)\": not a time zone circle knows: it is a name of America/Chicago and of America/Mexico_City, which keep other clocks over the dates imported" err &&
	circle session import --zone America/Mexico_City mexico.ics >out 2>err &&
	echo "2055-07-01T19:00|America/Mexico_City|2055-07-02T01:00:00Z" >want &&
	sessions >got &&
	test_cmp want got
'

# Spanish Windows says "Montañas" for Mountain: the United States and
# Canada have two zones at -07:00, Denver'"'"'s and Phoenix'"'"'s, an hour apart
# in summer.  Not taken: which is meant is not known.
test_expect_success 'a name of two zones that keep other clocks: refused, both named, --zone said' '
	cal "(UTC-07:00) Horario de las Montañas (EE.UU. y Canadá)" >mountain.ics &&
	fresh America/Los_Angeles &&
	nothing_written circle session import mountain.ics &&
	test_grep "mountain.ics:7:9: TZID \"(UTC-07:00) Horario de las Montañas (EE.UU. y Canadá)\": not a time zone circle knows: it is a name of America/Denver and of America/Phoenix, which keep other clocks over the dates imported; write for it the IANA name of the one meant, or give --zone" err
'

test_expect_success '--zone: the zone of a TZID circle cannot read' '
	circle session import --zone America/Phoenix mountain.ics >out 2>err &&
	test_grep "\"(UTC-07:00) Horario de las Montañas (EE.UU. y Canadá)\" read as America/Phoenix\$" err &&
	echo "2055-07-01T19:00|America/Phoenix|2055-07-02T02:00:00Z" >want &&
	sessions >got &&
	test_cmp want got
'

test_expect_success '--zone: refused when not a zone, or not the offset the name says' '
	fresh America/Los_Angeles &&
	nothing_written circle session import --zone Mars/Base mountain.ics &&
	test_grep "^circle-session: --zone: \"Mars/Base\" is not a known time zone" err &&
	nothing_written circle session import --zone America/Costa_Rica \
	    mountain.ics &&
	test_grep "and --zone America/Costa_Rica is not UTC-07:00 in winter, as the name says" err
'

# --zone is for what circle cannot read, not a zone for every event.
test_expect_success '--zone leaves a TZID circle reads as it is' '
	cal "Eastern Standard Time" "(UTC) Coordinated Universal Time" \
	    "Nowhere Standard Time" >mixed.ics &&
	fresh America/Los_Angeles &&
	nothing_written circle session import mixed.ics &&
	test_grep "TZID \"Nowhere Standard Time\": not a time zone circle knows: write for it the IANA name of the zone meant (AREA/CITY), or give --zone AREA/CITY" err &&
	circle session import --zone Europe/Paris mixed.ics >out 2>err &&
	sessions >got &&
	cat >want <<-\EOF &&
	2055-07-01T19:00|America/New_York|2055-07-01T23:00:00Z
	2055-07-02T12:00|America/Los_Angeles|2055-07-02T19:00:00Z
	2055-07-03T19:00|Europe/Paris|2055-07-03T17:00:00Z
	EOF
	test_cmp want got
'

# A facilitator who gives --zone for a file circle reads whole is told
# it was not needed, not left thinking the sessions are in that zone.
test_expect_success '--zone with every TZID read: said, nothing in it' '
	cal "Eastern Standard Time" "(UTC+01:00) Mitteleuropäische Zeit" \
	    >known.ics &&
	fresh America/Los_Angeles &&
	circle session import --zone America/Denver known.ics >out 2>err &&
	test_grep "known.ics: --zone America/Denver: not needed, every TZID was read as its own zone; no session is in it" err &&
	test_sql "SELECT tzid FROM session ORDER BY 1" >got &&
	printf "America/New_York\nEurope/Paris\n" >want &&
	test_cmp want got
'

# A place several share, alone: Costa Rica'"'"'s capital or California'"'"'s San
# Jose; San Juan was read as Argentina'"'"'s zone named after it, not Puerto
# Rico'"'"'s capital.  With an offset, the one place there.
test_expect_success 'a place of several zones alone: refused, the zones named' '
	fresh America/Los_Angeles &&
	for p in "San José|America/Costa_Rica or America/Los_Angeles" \
	    "Georgetown|America/Guyana or America/Cayman or Asia/Kuala_Lumpur or Atlantic/St_Helena" \
	    "San Juan|America/Puerto_Rico or America/Argentina/San_Juan" \
	    "(UTC-05:00) Kingston|America/Jamaica or America/Toronto"
	do
		cal "${p%%|*}" >place.ics &&
		nothing_written circle session import place.ics &&
		test_grep "TZID \"${p%%|*}\": not a time zone circle knows: it is a place of more than one zone (${p#*|}); write for it the IANA name of the one meant, or give --zone AREA/CITY" err ||
		return 1
	done
'

test_expect_success 'a place of several zones with its offset: the one there' '
	cal "(UTC-06:00) San José" "(UTC-04:00) Georgetown" \
	    "(UTC+08:00) George Town" >places.ics &&
	fresh America/Los_Angeles &&
	circle session import places.ics >out 2>err &&
	sessions >got &&
	cat >want <<-\EOF &&
	2055-07-01T19:00|America/Costa_Rica|2055-07-02T01:00:00Z
	2055-07-02T19:00|America/Guyana|2055-07-02T23:00:00Z
	2055-07-03T19:00|Asia/Kuala_Lumpur|2055-07-03T11:00:00Z
	EOF
	test_cmp want got
'

test_done
