#!/bin/sh
test_description='circle session import: online meetings as Teams, Zoom and Meet invite to them'
. "$(dirname "$0")/test-lib.sh"

# tests/t7190/ holds invitations shaped like those Outlook with Teams (in
# English, French, German, Spanish and Danish), Zoom (its own .ics, and
# its invitation text pasted into Google Calendar in English, German and
# French), Thunderbird and Google write.  Their LOCATION names only the
# meeting service ("Microsoft Teams Meeting", "Réunion Microsoft Teams",
# "Zoom-Meeting", "Online") or a room and the service together; their
# DESCRIPTION starts with the service's invitation, or with an agenda
# above it.
ICS="$CIRCLE_SRC/tests/t7190"

# places HANDLE: each session's day, own place, own topic and link.
places() {
	test_sql "SELECT substr(s.local_start, 1, 10), coalesce(s.location, '-'),
	    coalesce(s.topic, '-'), coalesce(s.online_url, '-')
	    FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '$1' ORDER BY s.starts_at"
}

test_expect_success 'setup' '
	test_fresh_db &&
	circle group add --tz Europe/London online >/dev/null
'

test_expect_success 'Teams: a place that only names the meeting is none, in any language; a room with it is kept' '
	circle session import --group online "$ICS/outlook-teams-places.ics" \
	    >out 2>err &&
	test_grep ": 5 sessions added" out &&
	places online >got &&
	cat >want <<-\EOF &&
	2055-11-03|Room 4|-|https://teams.microsoft.com/l/meetup-join/19%3ameeting_Hyb1
	2055-11-10|-|Le cercle du jeudi.|https://teams.microsoft.com/l/meetup-join/19%3ameeting_FrR2
	2055-11-17|-|-|https://teams.microsoft.com/l/meetup-join/19%3ameeting_DeB3
	2055-11-24|-|-|https://teams.microsoft.com/l/meetup-join/19%3ameeting_EsR4
	2055-12-01|Medborgerhuset, sal 2|-|https://teams.microsoft.com/l/meetup-join/19%3ameeting_DaM5
	EOF
	test_cmp want got &&
	! grep "first line" err
'

test_expect_success '--match finds the group name in a Zoom invitation SUMMARY' '
	circle session import --group online --match "grief circle" \
	    --dry-run "$ICS/zoom-invitations.ics" >out 2>err &&
	test_grep ": 3 sessions would be added" out &&
	test_grep "2 events left out: their SUMMARY does not hold" err
'

test_expect_success 'Zoom: the invitation is no topic, an agenda above it is; "Zoom Meeting" is no place' '
	circle session import --group online "$ICS/zoom-invitations.ics" \
	    >out 2>err &&
	circle session import --group online "$ICS/zoom-app.ics" >>out 2>>err &&
	test_grep ": 5 sessions added" out &&
	test_grep ": 1 session added" out &&
	! grep "first line" err &&
	places online | grep -v teams.microsoft >got &&
	cat >want <<-\EOF &&
	2055-11-07|-|-|https://us06web.zoom.us/j/84412345678?pwd=Z3JpZWZjaXJjbGU.1
	2055-11-14|-|This week: the holidays and the empty chair.|https://us06web.zoom.us/j/84412345679?pwd=aG9saWRheXM.1
	2055-11-21|-|-|https://us06web.zoom.us/j/84412345680?pwd=dHJhdWVy.1
	2055-11-28|-|-|https://us06web.zoom.us/j/84412345681?pwd=ZGV1aWw.1
	2055-12-05|Zoom Room 3, Library|Zoom fatigue and how we rest|https://us06web.zoom.us/j/84412345682
	2055-12-12|-|-|https://us06web.zoom.us/j/84412345683?pwd=YXBw.1
	EOF
	test_cmp want got
'

test_expect_success '"Online", "Virtual", "Google Meet", "Zoom: link" are no place; an address with a link is, and a service without one' '
	circle session import --group online "$ICS/online-places.ics" \
	    >out 2>err &&
	test_grep ": 6 sessions added" out &&
	places online | grep "2055-12-.[3479]|\|2055-12-10" >got &&
	cat >want <<-\EOF &&
	2055-12-03|-|-|https://meet.jit.si/evening-circle-7f3a
	2055-12-10|-|-|https://whereby.com/evening-circle
	2055-12-17|St Mary'\''s Hall, 3 Church Lane|-|https://meet.google.com/stm-aryh-all
	2055-12-24|-|-|https://meet.google.com/abc-mnop-xyz
	2055-12-27|-|-|https://us06web.zoom.us/j/84412345699
	2055-12-29|Microsoft Teams Meeting|-|-
	EOF
	test_cmp want got
'

# A UID is one group's: the group with a place gets a database of its own.
test_expect_success 'a group with a place: an online-only session is "Online", not the group hall' '
	test_fresh_db &&
	circle group add --tz Europe/London --location "Church hall" hall \
	    >/dev/null &&
	for f in outlook-teams-places zoom-app online-places; do
		circle session import --group hall --until 2056-12-31 \
		    "$ICS/$f.ics" >/dev/null 2>&1 || return 1
	done &&
	test_sql "SELECT s.uid FROM session s JOIN grp g ON g.id = s.grp_id
	    WHERE g.handle = '\''hall'\'' AND s.location IS NULL" >nulls &&
	test_must_be_empty nulls &&
	circle session list --group hall --format tsv | cut -f 3,8 >got &&
	cat >want <<-\EOF &&
	2055-11-03	Room 4
	2055-11-10	Online
	2055-11-17	Online
	2055-11-24	Online
	2055-12-01	Medborgerhuset, sal 2
	2055-12-03	Online
	2055-12-10	Online
	2055-12-12	Online
	2055-12-17	St Mary'\''s Hall, 3 Church Lane
	2055-12-24	Online
	2055-12-27	Online
	2055-12-29	Microsoft Teams Meeting
	EOF
	test_cmp want got
'

test_expect_success 'an event of another group: refused naming that group; nothing changed' '
	circle group add --tz Europe/London other >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle session import --group other \
	    "$ICS/zoom-app.ics" >out 2>err &&
	test_grep "zoom-app.ics:32:1: \"Grief Circle\" (UID 20261201T120000Z-84412345683@fe80:0:0:0:aa:bbff:fecc:ddee) belongs to group hall, not other" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'session list: the link in JSON and CSV, "yes" in a table, TSV keeps eight columns' '
	circle session list --group hall --from 2055-12-01 --to 2055-12-03 \
	    --format csv >csv &&
	tr -d "\r" <csv | cut -d , -f 2- >got &&
	cat >want <<-\EOF &&
	group,date,start,end,status,topic,location,online_url
	hall,2055-12-01,18:30,20:00,scheduled,,"Medborgerhuset, sal 2",https://teams.microsoft.com/l/meetup-join/19%3ameeting_DaM5
	hall,2055-12-03,19:00,20:30,scheduled,,Online,https://meet.jit.si/evening-circle-7f3a
	EOF
	test_cmp want got &&
	circle session list --group hall --format json >json &&
	/usr/bin/python3 - json <<-\EOF &&
	import json, sys
	rows = json.load(open(sys.argv[1]))
	assert len(rows) == 12, rows
	assert rows[-1]["online_url"] is None, rows[-1]
	assert all(r["online_url"].startswith("https://") for r in rows[:-1]), rows
	EOF
	circle session list --group hall --format table >table &&
	head -n 1 table | grep "location  *online" &&
	test "$(grep -c " yes " table)" = 11 &&
	circle session list --group hall --format tsv >tsv &&
	test "$(awk -F "\t" "NF != 8" tsv | wc -l)" = 0 &&
	circle group add --tz Europe/London offline >/dev/null &&
	circle session add --group offline 2055-12-02 19:00 >/dev/null &&
	circle session list --group offline --format csv >csv &&
	test_grep "^id,group,date,start,end,status,topic,location.\$" csv &&
	circle session list --group offline --format table >table &&
	! grep online table
'

test_expect_success 'a greeting above an invitation is no topic; Webex'\''s invitation is none either' '
	circle session import --group hall "$ICS/greetings-webex.ics" \
	    >out 2>err &&
	test_grep ": 3 sessions added" out &&
	! grep "first line" err &&
	places hall | grep "^2056-01" >got &&
	cat >want <<-\EOF &&
	2056-01-08|Online|-|https://us06web.zoom.us/j/84412345690?pwd=aGl0aGVyZQ.1
	2056-01-15|Online|This month: anger, and what it protects.|https://example.webex.com/example/j.php?MTID=m0a1b2c3d4e5f
	2056-01-22|-|Join us on Zoom for the holiday circle|https://us06web.zoom.us/j/84412345691
	EOF
	test_cmp want got
'

# Outlook writes "When:" and "Where:" above a squiggle at the top of a
# meeting request's text, and a forwarded meeting's "From:", "To:" (with
# people's addresses) below a rule: neither is the topic, and no address
# of an attendee or organizer is kept anywhere.
test_expect_success 'Outlook headers above the text, a forwarded meeting'\''s: no topic, no address kept' '
	circle group add --tz Europe/London fwd >/dev/null &&
	circle session import --group fwd "$ICS/outlook-headers.ics" \
	    >out 2>err &&
	test_grep ": 3 sessions added" out &&
	! grep "first line" err &&
	places fwd >got &&
	cat >want <<-\EOF &&
	2056-02-05|Room 4|This week: asking for help|-
	2056-02-12|Room 4|Bring a photo of someone you care for.|-
	2056-02-19|-|-|https://teams.microsoft.com/l/meetup-join/19%3ameeting_Hdr3
	EOF
	test_cmp want got &&
	circle db dump >dump &&
	! grep -i "example.org" dump &&
	! grep "Jane Doe" dump
'

test_done
