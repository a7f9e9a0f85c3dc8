#!/bin/sh
test_description='circle session import: calendars from Yahoo, Proton and programs that saved them again'
. "$(dirname "$0")/test-lib.sh"

# tests/t7195/ holds calendars as other programs leave them: a Yahoo
# export that a program read as Windows-1252 and wrote again as UTF-8
# ("CafÃ©" for "Café", a line folded inside one such character, a byte
# order mark), one where only some events came so, and a Proton export
# in plain UTF-8 whose characters (Ã, ©, ’, …) a careless check would
# take for that; and zones whose rules changed after ICU 72's tzdata
# (2022e), read by the system's, as circle converts times: Mexico City
# without summer time since 2022, Greenland at -02 since 2023.
ICS="$CIRCLE_SRC/tests/t7195"
UNTIL=2056-12-31

test_expect_success 'setup' '
	test_fresh_db &&
	circle group add --tz Europe/Paris paris >/dev/null
'

test_expect_success 'a calendar saved as UTF-8 twice is read as it was meant, with a warning' '
	circle session import --group paris --until $UNTIL \
	    "$ICS/yahoo-twice.ics" >out 2>err &&
	test_grep ": 3 sessions added" out &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/yahoo-twice.ics:30:13: "CafÃ©" is "Café" saved as UTF-8 twice (and 7 more like it), as a program that read the calendar as Windows-1252 writes it; read as it was meant
	circle-session: warning: $ICS/yahoo-twice.ics:31: DESCRIPTION: only its first line is kept
	EOF
	test_cmp want err &&
	test_sql "SELECT location || \"|\" || topic FROM series" >got &&
	echo "Café de la Gare, 2ᵉ étage – salle Noël|Thème : l’épuisement" >want &&
	test_cmp want got
'

test_expect_success 'imported again, it changes nothing' '
	circle session import --group paris --until $UNTIL \
	    "$ICS/yahoo-twice.ics" >out 2>err &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 3 unchanged" out
'

test_expect_success 'one event saved twice, the other not: that line read as meant' '
	circle group add --tz Europe/Paris mixed >/dev/null &&
	circle session import --group mixed "$ICS/twice-mixed.ics" \
	    >out 2>err &&
	test_grep ": 2 sessions added" out &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/twice-mixed.ics:10:13: "CafÃ©" is "Café" saved as UTF-8 twice, as a program that read the calendar as Windows-1252 writes it; read as it was meant, on the lines where every accented letter came so; the rest as written
	EOF
	test_cmp want err &&
	test_sql "SELECT s.location FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"mixed\"" >got &&
	printf "Café de la Gare\nCafé de la Gare\n" >want &&
	test_cmp want got
'

# twice-lines.ics: a line saved twice whose every run is a letter (one
# folded inside a run) is mended; correct text on other lines is not
# touched; a line with a run that is punctuation ("â€™" for "’"), or
# with a correct "é" beside a run, is left as written and said.
test_expect_success 'only some lines saved twice: each mended where it is safe, the rest left and said' '
	circle group add --tz Europe/Paris lines >/dev/null &&
	circle session import --group lines "$ICS/twice-lines.ics" \
	    >out 2>err &&
	test_grep ": 4 sessions added" out &&
	nbsp=$(printf "\302\240") &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/twice-lines.ics:10:30: "Ã$nbsp" is "à" saved as UTF-8 twice (and 3 more like it), as a program that read the calendar as Windows-1252 writes it; read as it was meant, on the lines where every accented letter came so; the rest as written
	circle-session: warning: $ICS/twice-lines.ics:29:12: "Itâ€™s" looks like "It’s" saved as UTF-8 twice (and 2 more like it), but the rest of the file is not; left as written: correct it, or export the calendar again
	EOF
	test_cmp want err &&
	test_sql "SELECT coalesce(s.topic, \"\") || \"|\" || s.location FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"lines\"
	    ORDER BY s.starts_at" >got &&
	cat >want <<-EOF &&
	Cercle de parole à Noël|Café de la Gare, München
	Thème : l’épuisement|Salle « la santé$nbsp» – CAFÉ’S
	|Itâ€™s the CafÃ©
	|Café and CafÃ©
	EOF
	test_cmp want got &&
	circle session import --group lines "$ICS/twice-lines.ics" >out 2>err &&
	test_grep ": 0 sessions added, 0 updated, 0 removed, 4 unchanged" out
'

# cal_one NAME DAY LOCATION: a calendar of one event with that LOCATION.
cal_one() {
	printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t7195//EN\r\n" &&
	printf "BEGIN:VEVENT\r\nUID:%s@t7195\r\nDTSTAMP:20261201T000000Z\r\n" "$1" &&
	printf "DTSTART;TZID=Europe/Paris:202612%sT190000\r\n" "$2" &&
	printf "DTEND;TZID=Europe/Paris:202612%sT200000\r\n" "$2" &&
	printf "SUMMARY:Cercle\r\nLOCATION:%s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" "$3"
}

test_expect_success 'correct French and capitals are not taken for text saved twice' '
	circle group add --tz Europe/Paris french >/dev/null &&
	nbsp=$(printf "\302\240") &&
	cal_one sante 10 "Atelier : santé$nbsp»" >sante.ics &&
	cal_one cafes 11 "CAFÉ’S GROUP" >cafes.ics &&
	cal_one theme 12 "Thème « la santé$nbsp» “CAFÉ”" >theme.ics &&
	for f in sante cafes theme
	do
		circle session import --group french $f.ics >out 2>err &&
		test_grep ": 1 session added" out &&
		test_must_be_empty err || exit 1
	done &&
	test_sql "SELECT s.location FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"french\" ORDER BY s.starts_at" >got &&
	printf "%s\n" "Atelier : santé$nbsp»" "CAFÉ’S GROUP" \
	    "Thème « la santé$nbsp» “CAFÉ”" >want &&
	test_cmp want got
'

# A capital and a closing mark ending a word of capitals: Portuguese's
# Ã and Finnish's Ä before ” … – are read as written (they were taken
# for Ô, Å, Ö saved twice, and the file mended into "MANHÅ").
test_expect_success 'correct capitals before a closing mark are not taken for text saved twice' '
	circle group add --tz Europe/Lisbon lisboa >/dev/null &&
	cal_one manha 14 "ENCONTRO DA MANHÃ…" >manha.ics &&
	cal_one irma 15 "SALA “IRMÃ”" >irma.ics &&
	cal_one paiva 16 "KOKOUS TÄNÄÄN – VIIKKO PÄIVÄ–" >paiva.ics &&
	cal_one aspas 17 "SALA «IRMÃ»" >aspas.ics &&
	cal_one norsk 18 "MØTE «OGSÅ»" >norsk.ics &&
	for f in manha irma paiva aspas norsk
	do
		circle session import --group lisboa $f.ics >out 2>err &&
		test_grep ": 1 session added" out &&
		test_must_be_empty err || exit 1
	done &&
	test_sql "SELECT s.location FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"lisboa\" ORDER BY s.starts_at" >got &&
	printf "%s\n" "ENCONTRO DA MANHÃ…" "SALA “IRMÃ”" \
	    "KOKOUS TÄNÄÄN – VIIKKO PÄIVÄ–" "SALA «IRMÃ»" "MØTE «OGSÅ»" >want &&
	test_cmp want got
'

# A capital before the no-break space French writes before » : ! ?:
# correct, and read without a word (it was said to look saved twice).
test_expect_success 'correct capitals before a French no-break space are not taken for text saved twice' '
	circle group add --tz Europe/Paris nbsp >/dev/null &&
	nbsp=$(printf "\302\240") &&
	cal_one irma2 20 "SALA IRMÃ$nbsp»" >irma2.ics &&
	cal_one allo 21 "ALLÔ$nbsp?" >allo.ics &&
	cal_one kanada 22 "« KANADÂ$nbsp»" >kanada.ics &&
	for f in irma2 allo kanada
	do
		circle session import --group nbsp $f.ics >out 2>err &&
		test_grep ": 1 session added" out &&
		test_must_be_empty err || exit 1
	done &&
	test_sql "SELECT s.location FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"nbsp\" ORDER BY s.starts_at" >got &&
	printf "%s\n" "SALA IRMÃ$nbsp»" "ALLÔ$nbsp?" "« KANADÂ$nbsp»" >want &&
	test_cmp want got
'

# A word in capitals saved twice ending in Ö ("TYÃ–" for "TYÖ") is what a
# capital and a dash would be: with nothing else saved twice, read as
# written, and both readings said (it was read without a word).
test_expect_success 'a word in capitals that may be saved twice: both readings said, read as written' '
	circle group add --tz Europe/Helsinki tyo >/dev/null &&
	cal_one tyo 23 "MALMÃ– STAD, TYÃ–" >tyo.ics &&
	circle session import --group tyo tyo.ics >out 2>err &&
	test_grep ": 1 session added" out &&
	echo "circle-session: warning: tyo.ics:10:14: \"MALMÃ–\" may be \"MALMÖ\" saved as UTF-8 twice (and 1 more like it), or correct text; left as written: if it was saved twice, correct it or export the calendar again" >want &&
	test_cmp want err &&
	test "$(test_sql "SELECT location FROM session WHERE uid = '\''tyo@t7195'\''")" = "MALMÃ– STAD, TYÃ–" &&
	cal_one paiva2 24 "KOKOUS TÄNÄÄN – VIIKKO PÄIVÄ–" >paiva2.ics &&
	circle session import --group tyo paiva2.ics >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'plain UTF-8 with Ã, ©, ’ and … is read as it is, without a word' '
	circle group add --tz Europe/Paris once >/dev/null &&
	circle session import --group once "$ICS/utf8-once.ics" >out 2>err &&
	test_grep ": 1 session added" out &&
	test_must_be_empty err &&
	test_sql "SELECT s.location || \"|\" || s.topic FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"once\"" >got &&
	printf "%s\302\240%s\302\240%s\\n" "Ça va ? Zoë’s café… — Ã la carte ©|Thème : l’été «" \
	    ensemble "» ½ prix" >want &&
	test_cmp want got
'


# zone GROUP: each session's "local start-in-UTC zone", in order.
zone() {
	test_sql "SELECT s.local_start || \" \" || s.starts_at || \" \" ||
	    s.tzid FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"$1\" ORDER BY s.starts_at"
}

test_expect_success 'Outlook, Mexico without summer time: its VTIMEZONE is the zone'"'"'s, no warning of other offsets' '
	circle group add --tz America/Mexico_City cdmx >/dev/null &&
	circle session import --group cdmx "$ICS/outlook-mexico.ics" \
	    >out 2>err &&
	test_grep ": 2 sessions added" out &&
	echo "circle-session: warning: $ICS/outlook-mexico.ics: \"Central Standard Time (Mexico)\" read as America/Mexico_City" >want &&
	test_cmp want err &&
	zone cdmx >got &&
	cat >want <<-\EOF &&
	2027-07-06T19:00 2027-07-07T01:00:00Z America/Mexico_City
	2027-07-13T19:00 2027-07-14T01:00:00Z America/Mexico_City
	EOF
	test_cmp want got
'

test_expect_success 'Outlook on the web, "(UTC-06:00) ... Mexico City" with -06 all year: the group'"'"'s zone, not Etc/GMT+6' '
	circle group add --tz America/Mexico_City owa >/dev/null &&
	circle session import --group owa "$ICS/outlook-web-mexico.ics" \
	    >out 2>err &&
	echo "circle-session: warning: $ICS/outlook-web-mexico.ics: \"(UTC-06:00) Guadalajara, Mexico City, Monterrey\" read as America/Mexico_City" >want &&
	test_cmp want err &&
	zone owa >got &&
	echo "2027-07-13T19:00 2027-07-14T01:00:00Z America/Mexico_City" >want &&
	test_cmp want got
'

test_expect_success 'Webex, "(UTC-02:00) Greenland" without a VTIMEZONE: Nuuk, -02 in winter, -01 in summer' '
	circle group add --tz Europe/Copenhagen dk >/dev/null &&
	circle session import --group dk "$ICS/webex-greenland.ics" \
	    >out 2>err &&
	echo "circle-session: warning: $ICS/webex-greenland.ics: \"(UTC-02:00) Greenland\" read as America/Nuuk" >want &&
	test_cmp want err &&
	zone dk >got &&
	cat >want <<-\EOF &&
	2027-01-12T19:00 2027-01-12T21:00:00Z America/Nuuk
	2027-07-13T19:00 2027-07-13T20:00:00Z America/Nuuk
	EOF
	test_cmp want got
'


# KOrganizer writes the system's name for a zone, old ones too; a libical
# prefix may be a slash alone.  Each is kept as the zone it is now, as
# group add --tz wants it, not under the old name.
test_expect_success 'KOrganizer, US/Eastern, Europe/Kiev and /Europe/London: kept as the zones they are now' '
	circle group add --tz America/New_York kde >/dev/null &&
	circle session import --group kde "$ICS/kde-old-names.ics" \
	    >out 2>err &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/kde-old-names.ics: "US/Eastern" read as America/New_York
	circle-session: warning: $ICS/kde-old-names.ics: "Europe/Kiev" read as Europe/Kyiv
	circle-session: warning: $ICS/kde-old-names.ics: "/Europe/London" read as Europe/London
	EOF
	test_cmp want err &&
	zone kde >got &&
	cat >want <<-\EOF &&
	2055-01-06T19:00 2055-01-07T00:00:00Z America/New_York
	2055-01-07T19:00 2055-01-07T17:00:00Z Europe/Kyiv
	2055-01-08T19:00 2055-01-08T19:00:00Z Europe/London
	2055-01-13T19:00 2055-01-14T00:00:00Z America/New_York
	EOF
	test_cmp want got
'

test_done
