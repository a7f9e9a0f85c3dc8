#!/bin/sh
test_description='circle session import: calendars from Yahoo, Proton and programs that saved them again'
. "$(dirname "$0")/test-lib.sh"

# tests/t7195/ holds calendars as other programs leave them: a Yahoo
# export that a program read as Windows-1252 and wrote again as UTF-8
# ("CafÃ©" for "Café", a line folded inside one such character, a byte
# order mark), one where only some events came so, and a Proton export
# in plain UTF-8 whose characters (Ã, ©, ’, …) a careless check would
# take for that.
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

test_expect_success 'only some characters saved twice: said, and left as written' '
	circle group add --tz Europe/Paris mixed >/dev/null &&
	circle session import --group mixed "$ICS/twice-mixed.ics" \
	    >out 2>err &&
	test_grep ": 2 sessions added" out &&
	cat >want <<-EOF &&
	circle-session: warning: $ICS/twice-mixed.ics:10:13: "CafÃ©" looks like "Café" saved as UTF-8 twice, but the rest of the file is not; left as written: correct it, or export the calendar again
	EOF
	test_cmp want err
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

test_done
