#!/bin/sh
test_description='time zones a person gives: only a region'\''s zone (or UTC),
old names refused with the zone meant, misspellings with the nearest; a group
file without tz; group add without --tz'
. "$(dirname "$0")/test-lib.sh"

# add_fails ZONE MESSAGE: group add --tz ZONE exits 65 with exactly
# "circle-group: MESSAGE" on stderr, and the database is as it was.
add_fails() {
	circle db dump >dump.before &&
	test_expect_code 65 circle group add --tz "$1" "Zone Test" >out 2>err &&
	test_must_be_empty out &&
	printf 'circle-group: %s\n' "$2" >expect &&
	test_cmp expect err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
}

# import_fails FILE MESSAGE: group import FILE exits 65 with exactly
# "circle-group: MESSAGE" on stderr, and the database is as it was.
import_fails() {
	circle db dump >dump.before &&
	test_expect_code 65 circle group import "$1" >out 2>err &&
	test_must_be_empty out &&
	printf 'circle-group: %s\n' "$2" >expect &&
	test_cmp expect err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
}

test_expect_success 'setup' '
	circle init >/dev/null
'

test_expect_success 'EST is refused: did you mean America/New_York?' '
	add_fails EST "tz: \"EST\" is not a region'\''s time zone: it keeps one offset from UTC all year, with no daylight saving time; did you mean America/New_York?"
'

test_expect_success 'MST: Denver, or Phoenix in Arizona' '
	add_fails MST "tz: \"MST\" is not a region'\''s time zone: it keeps one offset from UTC all year, with no daylight saving time; did you mean America/Denver (or America/Phoenix, in Arizona)?"
'

test_expect_success 'PST8PDT and the other POSIX-style rules' '
	add_fails PST8PDT "tz: \"PST8PDT\" is not a region'\''s time zone: it is an old POSIX-style rule, not a place'\''s zone; did you mean America/Los_Angeles?"
'

test_expect_success 'US/Eastern and the other old names' '
	add_fails US/Eastern "tz: \"US/Eastern\" is not a region'\''s time zone: it is an old name, kept only for compatibility (newer systems may not have it); did you mean America/New_York?"
'

test_expect_success 'each old name is refused with the zone it stands for' '
	cat >names <<-\END &&
	EST America/New_York
	est America/New_York
	MST America/Denver
	HST Pacific/Honolulu
	EST5EDT America/New_York
	CST6CDT America/Chicago
	MST7MDT America/Denver
	PST8PDT America/Los_Angeles
	CET Europe/Berlin
	MET Europe/Berlin
	EET Europe/Athens
	WET Europe/Lisbon
	GMT Europe/London
	Etc/GMT Europe/London
	Greenwich Europe/London
	UCT UTC
	Zulu UTC
	Etc/Universal UTC
	US/Central America/Chicago
	US/Mountain America/Denver
	US/Pacific America/Los_Angeles
	US/Hawaii Pacific/Honolulu
	US/Arizona America/Phoenix
	Canada/Eastern America/Toronto
	Canada/Newfoundland America/St_Johns
	Mexico/General America/Mexico_City
	Brazil/East America/Sao_Paulo
	GB Europe/London
	Eire Europe/Dublin
	Iceland Atlantic/Reykjavik
	Japan Asia/Tokyo
	PRC Asia/Shanghai
	NZ Pacific/Auckland
	W-SU Europe/Moscow
	END
	circle db dump >dump.before &&
	while read name zone
	do
		test_expect_code 65 circle group add --tz "$name" X 2>err &&
		test_grep "^circle-group: tz: \"$name\" is not a region'\''s time zone: .*; did you mean $zone[ ?]" err &&
		circle group add --new --tz "$zone" "Right $name" >/dev/null ||
		exit 1
	done <names &&
	test "$(test_sql "SELECT count(*) FROM grp")" = "$(wc -l <names)" &&
	circle db dump >dump.after &&
	! test_cmp dump.before dump.after
'

test_expect_success 'a fixed offset is refused, whichever way it is written' '
	add_fails GMT+5 "tz: \"GMT+5\" is a fixed offset from UTC, not a region'\''s time zone, and misses daylight saving time; give the zone of the group'\''s city, such as America/New_York" &&
	for z in Etc/GMT+5 Etc/GMT-3 UTC+05:30 UTC-8 -0800
	do
		test_expect_code 65 circle group add --tz "$z" X 2>err &&
		test_grep "^circle-group: tz: \"$z\" is a fixed offset from UTC" err ||
		exit 1
	done
'

test_expect_success 'a misspelt zone: did you mean the nearest' '
	add_fails America/Chicgo "tz: \"America/Chicgo\" is not a known time zone; did you mean America/Chicago?" &&
	add_fails Amercia/New_York "tz: \"Amercia/New_York\" is not a known time zone; did you mean America/New_York?" &&
	add_fails Europe/Lndon "tz: \"Europe/Lndon\" is not a known time zone; did you mean Europe/London?"
'

test_expect_success 'a zone in any case, with spaces for underscores, is kept as the zone database spells it' '
	for z in europe/lisbon AMERICA/NEW_YORK "america/new york" utc
	do
		circle group add --tz "$z" "Case $z" >/dev/null || exit 1
	done &&
	test_sql "SELECT tzid FROM grp WHERE name LIKE '\''Case %'\'' ORDER BY id" >got &&
	printf "Europe/Lisbon\nAmerica/New_York\nAmerica/New_York\nUTC\n" >expect &&
	test_cmp expect got &&
	circle group edit case-utc --tz asia/TOKYO >/dev/null &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''case-utc'\''")" = Asia/Tokyo &&
	circle --tz europe/berlin group list >/dev/null &&
	test_expect_code 65 circle --tz europe/berln group list 2>err &&
	test_grep "did you mean Europe/Berlin" err
'

test_expect_success 'a city alone, or in the wrong area' '
	add_fails Chicago "tz: \"Chicago\" is not a known time zone; did you mean America/Chicago?" &&
	add_fails "New York" "tz: \"New York\" is not a known time zone; did you mean America/New_York?" &&
	add_fails Europe/Chicago "tz: \"Europe/Chicago\" is not a known time zone; did you mean America/Chicago?"
'

test_expect_success 'nothing near: an example instead' '
	add_fails Mars/Olympus_Mons "tz: \"Mars/Olympus_Mons\" is not a known time zone (such as Europe/London)" &&
	add_fails ../../etc/passwd "tz: \"../../etc/passwd\" is not a known time zone (such as Europe/London)" &&
	add_fails Factory "tz: \"Factory\" is not a region'\''s time zone (Area/Location, such as Europe/London)"
'

# What people call a zone (CLDR's names through ICU), a country, and the
# places Windows names zones by: each refused with the zone meant, never
# the nearest spelling (Eastern is not Pacific/Easter).
said_fails() {
	add_fails "$1" "tz: \"$1\" is what a time zone is called, not its name in the zone database; did you mean $2?"
}

test_expect_success 'Eastern, ET, Eastern Time: New York, not Pacific/Easter' '
	said_fails Eastern America/New_York &&
	said_fails ET America/New_York &&
	said_fails "eastern time" America/New_York &&
	said_fails "Eastern Standard Time" America/New_York &&
	said_fails "Eastern time zone" America/New_York &&
	said_fails "eastern timezone" America/New_York &&
	said_fails EDT America/New_York
'

test_expect_success 'the other names of North America, said short and long' '
	said_fails Central "America/Chicago or America/Mexico_City" &&
	said_fails Mountain America/Denver &&
	said_fails PDT "America/Los_Angeles or America/Tijuana" &&
	said_fails Alaska America/Anchorage &&
	said_fails AKST America/Anchorage &&
	said_fails Atlantic America/Halifax &&
	said_fails Newfoundland America/St_Johns
'

test_expect_success 'a name several zones share: each of them, the zone of the most people first' '
	said_fails CST "America/Chicago or America/Mexico_City or America/Guatemala" &&
	said_fails IST "Asia/Kolkata or Asia/Colombo or Europe/Dublin" &&
	said_fails AEST "Australia/Sydney or Australia/Brisbane or Australia/Hobart"
'

test_expect_success 'names of Europe, Africa and Oceania, in the English said there' '
	said_fails BST Europe/London &&
	said_fails "Central European" Europe/Berlin &&
	said_fails "Central European Time" Europe/Berlin &&
	said_fails SAST Africa/Johannesburg &&
	said_fails NZDT Pacific/Auckland
'

test_expect_success 'Greenwich Mean Time is London'\''s first, not Reykjavik alone' '
	said_fails "Greenwich Mean Time" "Europe/London or Atlantic/Reykjavik"
'

test_expect_success 'letters CLDR'\''s English lacks: MSK is Moscow, not Asia/Omsk' '
	said_fails MSK Europe/Moscow &&
	said_fails msk Europe/Moscow &&
	said_fails JST Asia/Tokyo &&
	said_fails MEZ Europe/Berlin
'

test_expect_success 'a place Windows names a zone by: Arizona, Saskatchewan, Hawaii' '
	said_fails Arizona America/Phoenix &&
	said_fails Saskatchewan America/Regina &&
	said_fails Hawaii Pacific/Honolulu
'

test_expect_success 'a Windows zone name, in any case: the zone CLDR gives it' '
	said_fails "W. Europe Standard Time" Europe/Berlin &&
	said_fails "romance standard time" Europe/Paris &&
	said_fails "GMT Standard Time" Europe/London &&
	said_fails "Central Standard Time (Mexico)" America/Mexico_City
'

# Windows' names that are also what people call a zone: the people's
# zones ("Arabian Standard Time" is Riyadh's, UTC+3; Windows' is Dubai's,
# UTC+4; "Samoa Standard Time" Pago Pago's, Windows' Apia's, a day on).
test_expect_success 'a name people say that Windows names another zone: the people'"'"'s' '
	said_fails "Arabian Standard Time" Asia/Riyadh &&
	said_fails "Samoa Standard Time" "Pacific/Midway or Pacific/Pago_Pago" &&
	said_fails "Mountain Standard Time" "America/Denver or America/Phoenix" &&
	said_fails "Pacific Standard Time" "America/Los_Angeles or America/Tijuana"
'

test_expect_success 'a country of one zone: that zone' '
	add_fails UK "tz: \"UK\" is a country, not a time zone; did you mean Europe/London?" &&
	add_fails "united kingdom" "tz: \"united kingdom\" is a country, not a time zone; did you mean Europe/London?" &&
	add_fails Germany "tz: \"Germany\" is a country, not a time zone; did you mean Europe/Berlin?" &&
	add_fails India "tz: \"India\" is a country, not a time zone; did you mean Asia/Kolkata?" &&
	add_fails Georgia "tz: \"Georgia\" is a country, not a time zone; did you mean Asia/Tbilisi (or America/New_York, for the US state)?"
'

test_expect_success 'a country of several zones: give the city'\''s' '
	add_fails USA "tz: \"USA\" is a country with several time zones; give the zone of the group'\''s city, such as America/New_York or America/Chicago or America/Los_Angeles" &&
	add_fails Canada "tz: \"Canada\" is a country with several time zones; give the zone of the group'\''s city, such as America/Toronto or America/Vancouver or America/Edmonton"
'

test_expect_success 'a country of several zones: its great cities'\'' first, not where the database lists most' '
	add_fails Australia "tz: \"Australia\" is a country with several time zones; give the zone of the group'\''s city, such as Australia/Sydney or Australia/Brisbane or Australia/Perth" &&
	add_fails Russia "tz: \"Russia\" is a country with several time zones; give the zone of the group'\''s city, such as Europe/Moscow or Asia/Yekaterinburg or Asia/Novosibirsk" &&
	add_fails Brazil "tz: \"Brazil\" is a country with several time zones; give the zone of the group'\''s city, such as America/Sao_Paulo or America/Manaus or America/Fortaleza"
'

test_expect_success 'a name no zone has is still unknown; a misspelt city still its nearest' '
	add_fails Mars "tz: \"Mars\" is not a known time zone (such as Europe/London)" &&
	add_fails Lodnon "tz: \"Lodnon\" is not a known time zone; did you mean Europe/London?"
'

test_expect_success 'a group file'\''s tz is refused the same, at its line' '
	cat >eastern.yaml <<-\END &&
	name: Wednesday Group
	tz: Eastern
	END
	import_fails eastern.yaml "eastern.yaml:2:5: tz: \"Eastern\" is what a time zone is called, not its name in the zone database; did you mean America/New_York?"
'

test_expect_success 'region zones and UTC said outright are taken' '
	for z in America/New_York America/Argentina/Buenos_Aires Asia/Kolkata \
	    Pacific/Chatham Antarctica/Troll UTC Etc/UTC
	do
		circle group add --tz "$z" "Good $z" >out 2>err &&
		test_must_be_empty err &&
		test "$(test_sql "SELECT tzid FROM grp WHERE name = '\''Good $z'\''")" = "$z" ||
		exit 1
	done
'

test_expect_success 'edit --tz: the same rule, nothing changed on a refusal' '
	circle group add --tz Europe/London --handle edited Edited >/dev/null &&
	circle db dump >dump.before &&
	test_expect_code 65 circle group edit edited --tz EST 2>err &&
	echo "circle-group: tz: \"EST\" is not a region'\''s time zone: it keeps one offset from UTC all year, with no daylight saving time; did you mean America/New_York?" >expect &&
	test_cmp expect err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after &&
	circle group edit edited --tz America/New_York &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''edited'\''")" = America/New_York
'

test_expect_success 'a group file: tz: EST at its line and column' '
	printf "name: Eastern Circle\ntz: EST\n" >est.yaml &&
	import_fails est.yaml "est.yaml:2:5: tz: \"EST\" is not a region'\''s time zone: it keeps one offset from UTC all year, with no daylight saving time; did you mean America/New_York?" &&
	printf "name: Eastern Circle\ntimezone: America/Chicgo\n" >chicgo.yaml &&
	import_fails chicgo.yaml "chicgo.yaml:2:11: tz: \"America/Chicgo\" is not a known time zone; did you mean America/Chicago?"
'

test_expect_success 'a group file without tz is refused, offering $TZ' '
	printf "name: No Zone\nhandle: no-zone\nlocation: Room 4\n" >nozone.yaml &&
	(
		TZ=America/New_York &&
		export TZ &&
		import_fails nozone.yaml "nozone.yaml:1:1: tz: the group'\''s time zone is missing; add a line \"tz: America/New_York\" (the zone \$TZ names) or \"tz: Area/City\" for the city the group meets in"
	) &&
	(
		TZ=:Europe/Lisbon &&
		export TZ &&
		import_fails nozone.yaml "nozone.yaml:1:1: tz: the group'\''s time zone is missing; add a line \"tz: Europe/Lisbon\" (the zone \$TZ names) or \"tz: Area/City\" for the city the group meets in"
	) &&
	(
		TZ=EST5EDT &&
		export TZ &&
		import_fails nozone.yaml "nozone.yaml:1:1: tz: the group'\''s time zone is missing; add a line \"tz: Area/City\" for the city the group meets in, such as \"tz: America/New_York\""
	) &&
	test -z "$(test_sql "SELECT 1 FROM grp WHERE handle = '\''no-zone'\''")"
'

test_expect_success 'imported again without tz: refused as well' '
	printf "name: Has Zone\nhandle: has-zone\ntz: Europe/Dublin\n" >hz.yaml &&
	circle group import hz.yaml >/dev/null &&
	printf "name: Has Zone\nhandle: has-zone\n" >hz.yaml &&
	import_fails hz.yaml "hz.yaml:1:1: tz: the group'\''s time zone is missing; add a line \"tz: UTC\" (the zone \$TZ names) or \"tz: Area/City\" for the city the group meets in" &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''has-zone'\''")" = Europe/Dublin
'

test_expect_success 'group add without --tz takes $TZ and says so' '
	TZ=America/New_York circle group add --handle ny "New York Circle" \
	    >out 2>err &&
	echo ny >expect &&
	test_cmp expect out &&
	echo "circle-group: ny: time zone America/New_York, from \$TZ (circle group edit ny --tz ZONE changes it)" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT tzid FROM grp WHERE handle = '\''ny'\''")" = America/New_York
'

test_expect_success 'group add without --tz, $TZ naming no region: refused' '
	circle db dump >dump.before &&
	test_expect_code 2 env TZ=EST5EDT circle group add "Posix Circle" \
	    >out 2>err &&
	test_must_be_empty out &&
	echo "circle-group: tz: no time zone given, and \$TZ names none to take; give --tz Area/City for the city the group meets in, such as --tz America/New_York" >expect &&
	test_cmp expect err &&
	circle db dump >dump.after &&
	test_cmp dump.before dump.after
'

test_expect_success 'more than 10000 sessions: said in the file'\''s words' '
	cat >daily.yaml <<-\END &&
	name: Daily
	tz: America/New_York
	schedules:
	  - every: day
	    at: "19:00"
	    from: 2026-01-01
	    until: 2060-01-01
	END
	import_fails daily.yaml "daily.yaml:7:12: schedules: \"schedule-1\" (every day, until 2060-01-01) makes more than 10000 sessions; give an earlier until, a count, or a through date to plan only the first of them" &&
	sed "s/until:/through:/" daily.yaml >through.yaml &&
	import_fails through.yaml "through.yaml:7:14: schedules: \"schedule-1\" (every day, through 2060-01-01) makes more than 10000 sessions; give an earlier through"
'

test_expect_success 'session add at 02:30 as the clocks go forward: warned, at 03:30' '
	circle group add --tz America/New_York --handle nyc NYC >/dev/null 2>&1 &&
	circle session add --group nyc 2027-03-14 02:30 >out 2>err &&
	echo "circle-session: warning: 2027-03-14 02:30 does not exist in America/New_York (clocks go forward): the session is at 03:30" >expect &&
	test_cmp expect err &&
	test_grep " nyc 2027-03-14T03:30$" out &&
	test "$(test_sql "SELECT starts_at FROM session
	    WHERE local_start = '\''2027-03-14T03:30'\''")" = 2027-03-14T07:30:00Z
'

test_expect_success 'session add at 01:30 as the clocks go back: the later one, said' '
	circle session add --group nyc 2027-11-07 01:30 >out 2>err &&
	echo "circle-session: warning: 2027-11-07 01:30 happens twice in America/New_York (clocks go back): the session is at the later one, 06:30 UTC" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT starts_at FROM session
	    WHERE local_start = '\''2027-11-07T01:30'\''")" = 2027-11-07T06:30:00Z
'

test_expect_success 'a time away from a clock change: no warning' '
	circle session add --group nyc 2027-03-14 19:00 >out 2>err &&
	test_must_be_empty err &&
	circle session add --group nyc 2027-03-13 02:30 >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'session move into the gap: warned, at the time held' '
	id=$(test_sql "SELECT id FROM session WHERE local_start = '\''2027-03-14T19:00'\''") &&
	circle session move "$id" --at 02:15 >out 2>err &&
	echo "1 session moved" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	circle-session: warning: 2027-03-14 02:15 does not exist in America/New_York (clocks go forward): the session is at 03:15
	circle-session: warning: nyc 2027-03-14T03:15 is now held at the same time as nyc 2027-03-14T03:30
	EOF
	test_cmp expect err &&
	test "$(test_sql "SELECT local_start FROM session WHERE id = $id")" = 2027-03-14T03:15
'

test_expect_success 'session plan: the first session at a change said, and how many more' '
	circle group add --tz America/Los_Angeles --handle la LA >/dev/null 2>&1 &&
	circle session plan --group la --name early --every week --on sunday \
	    --at 02:30 --from 2027-03-01 --until 2028-03-31 >out 2>err &&
	cat >expect <<-\END &&
	circle-session: warning: 2027-03-14 02:30 does not exist in America/Los_Angeles (clocks go forward): the session is at 03:30
	circle-session: warning: and 1 more session at a clock change
	END
	test_cmp expect err &&
	circle session plan --group la --name late --every week --on sunday \
	    --at 01:30 --from 2027-10-01 --count 10 >out 2>err &&
	echo "circle-session: warning: 2027-11-07 01:30 happens twice in America/Los_Angeles (clocks go back): the session is at the later one, 09:30 UTC" >expect &&
	test_cmp expect err &&
	circle session plan --group la --name evening --every week --on sunday \
	    --at 19:00 --from 2027-03-01 --count 40 >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'planned again unchanged: nothing new to warn about' '
	circle session plan --group la --name early --every week --on sunday \
	    --at 02:30 --from 2027-03-01 --until 2028-03-31 >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'group import with a schedule at a change: warned' '
	cat >early.yaml <<-\END &&
	name: Early Risers
	tz: Europe/London
	schedules:
	  - every: week
	    on: sunday
	    at: "01:30"
	    from: 2027-03-01
	    count: 8
	END
	circle group import early.yaml >out 2>err &&
	echo "circle-group: warning: 2027-03-28 01:30 does not exist in Europe/London (clocks go forward): the session is at 02:30" >expect &&
	test_cmp expect err &&
	test_grep "^schedule schedule-1: 8 added" out
'


# libical reads the rule tzdata gives for St John's after 2037,
# "NST3:30NDT,M3.2.0,M11.1.0", as -01:30 in summer from 01:00; the rule
# it wrote to 2037 is right, and is kept (lib/zonemend.c).
test_expect_success 'St John'"'"'s after 2037: -02:30 in summer, as before, and exported so' '
	circle group add --tz America/St_Johns "St Johns" >/dev/null &&
	circle session add --group st-johns 2036-07-08 19:00 >/dev/null &&
	circle session add --group st-johns 2040-07-10 19:00 >/dev/null &&
	circle session add --group st-johns 2040-03-11 01:30 >/dev/null &&
	circle session add --group st-johns 2040-12-11 19:00 >/dev/null &&
	test_sql "SELECT s.local_start || \" \" || s.starts_at FROM session s
	    JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"st-johns\"
	    ORDER BY s.starts_at" >got &&
	cat >want <<-\EOF &&
	2036-07-08T19:00 2036-07-08T21:30:00Z
	2040-03-11T01:30 2040-03-11T05:00:00Z
	2040-07-10T19:00 2040-07-10T21:30:00Z
	2040-12-11T19:00 2040-12-11T22:30:00Z
	EOF
	test_cmp want got &&
	circle export ics --group st-johns >sj.ics &&
	tr -d "\r" <sj.ics | grep "^TZOFFSETTO:" | sort -u >got &&
	printf "TZOFFSETTO:-0230\nTZOFFSETTO:-0330\n" >want &&
	test_cmp want got
'

# libical turns tzdata's changes into rules, and for some zones the rules
# leave changes out: Easter Island had no summer in 2020-21 or 2021-22,
# Jerusalem none in 2013-16, Tehran none in 2018-19, London none in 1977
# (93 zones since 1970).  Those years are tzdata's own (lib/zonemend.c,
# lib/tzif.c); the times below are Python zoneinfo's, from the same tzdata.
test_expect_success 'the summers libical'"'"'s rules leave out: as tzdata has them, and exported so' '
	cat >cases <<-\EOF &&
	Pacific/Easter 2020-10-10 19:00 2020-10-11T00:00:00Z
	Pacific/Easter 2021-12-14 19:00 2021-12-15T00:00:00Z
	Pacific/Easter 2026-07-07 19:00 2026-07-08T01:00:00Z
	Asia/Jerusalem 2015-04-14 19:00 2015-04-14T16:00:00Z
	Asia/Tehran 2019-07-01 19:00 2019-07-01T14:30:00Z
	America/Sao_Paulo 2014-01-14 19:00 2014-01-14T21:00:00Z
	Pacific/Fiji 2017-01-05 19:00 2017-01-05T06:00:00Z
	Europe/London 1977-07-05 19:00 1977-07-05T18:00:00Z
	EOF
	test_fresh_db &&
	i=0 &&
	while read zone day at utc
	do
		i=$((i + 1)) &&
		circle group add --tz $zone "Summer $i" >/dev/null &&
		circle session add --group summer-$i $day $at >/dev/null ||
		exit 1
	done <cases &&
	test_sql "SELECT g.tzid || \" \" || replace(s.local_start, \"T\", \" \")
	    || \" \" || s.starts_at FROM session s JOIN grp g ON g.id =
	    s.grp_id ORDER BY s.id" >got &&
	test_cmp cases got &&
	circle export ics --group summer-1 >easter.ics &&
	test_sql "SELECT starts_at FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = \"summer-1\" ORDER BY 1" >want &&
	test_fresh_db &&
	circle group add --tz America/Los_Angeles "Elsewhere" >/dev/null &&
	circle session import easter.ics >out 2>err &&
	test_sql "SELECT starts_at FROM session ORDER BY 1" >got &&
	test_cmp want got
'

test_done
