#!/bin/sh
test_description='everyday use (issue 16): common options before the tool, left-early in report member, times here in people'"'"'s formats only, dates in the group'"'"'s zone'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a Chicago group with a held session, someone who left early' '
	test_fresh_db &&
	circle group add --tz America/Chicago "Wednesday Circle" >/dev/null &&
	circle roster add --group wednesday-circle "Maya Lopez" >/dev/null &&
	circle roster add --group wednesday-circle "Jordan Kim" >/dev/null &&
	circle session add 2026-11-04 19:00 >/dev/null &&
	circle session add 2026-11-11 19:00 >/dev/null &&
	circle attend mark --left-early 2026-11-04 maya-l >/dev/null &&
	circle attend mark 2026-11-04 jordan-k >/dev/null
'

# --- the common options before the tool's name ---------------------------

test_expect_success 'circle -q TOOL: the tool is quiet' '
	circle group edit --location "Hall A" wednesday-circle >out &&
	echo "group wednesday-circle updated" >expect &&
	test_cmp expect out &&
	circle -q group edit --location "Hall B" wednesday-circle >out &&
	test_must_be_empty out &&
	circle --quiet session edit --topic Boundaries 2026-11-11 >out &&
	test_must_be_empty out &&
	circle group show --format tsv wednesday-circle >out &&
	test_grep "Hall B" out
'

test_expect_success 'circle --format/--json/--tz TOOL: as if given after its name' '
	circle --format csv group list >before &&
	circle group list --format csv >after &&
	test_cmp after before &&
	circle --format=json roster list >before &&
	circle roster list --format json >after &&
	test_cmp after before &&
	circle --json session list >before &&
	circle session list --json >after &&
	test_cmp after before &&
	circle --tz Asia/Tokyo session show --json 2026-11-11 >before &&
	circle session show --json --tz Asia/Tokyo 2026-11-11 >after &&
	test_cmp after before &&
	test_grep "Asia/Tokyo" before &&
	circle --db "$CIRCLE_DB" -q --tz=Europe/London --no-pager --color=never \
	    session edit --topic Grief 2026-11-11 >out &&
	test_must_be_empty out
'

test_expect_success 'circle --tz without its zone, or --format without one: usage' '
	test_expect_code 2 circle --tz 2>err &&
	test_grep "circle: --tz needs a value" err &&
	test_expect_code 2 circle session list --format 2>err &&
	test_expect_code 2 circle --format 2>err &&
	test_grep "circle: --format needs a value" err &&
	circle --help >help &&
	test_grep "usage: circle \[--db FILE\] \[--config FILE\] \[-q\] \[--tz ZONE\]" help
'

test_expect_success 'completion goes past the common options before the tool' '
	circle __complete -q --tz Europe/London ro | cut -f1 >out &&
	echo roster >expect &&
	test_cmp expect out &&
	circle __complete --json --config x group list --w | cut -f1 >out &&
	echo --with-archived >expect &&
	test_cmp expect out &&
	circle __complete --q | cut -f1 >out &&
	echo --quiet >expect &&
	test_cmp expect out &&
	circle __complete --tz "" >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

# --- left-early, as the flag says it ----------------------------------------

test_expect_success 'report member says left-early in every format' '
	circle report member --format table maya-l >out &&
	test_grep "left-early" out &&
	for f in tsv csv md jsonl; do
		circle report member --format $f maya-l >out &&
		test_grep "left-early" out &&
		! grep left_early out || exit 1
	done &&
	circle report member --json maya-l >out &&
	test_grep "\"mark\": \"left-early\"" out &&
	! grep left_early out &&
	circle attend list --format tsv 2026-11-04 >out &&
	test_grep "^maya-l	.*	left-early	" out
'

test_expect_success 'keys keep their underscore: report sessions, export csv' '
	circle report sessions --json >out &&
	test_grep "\"left_early\":1" out &&
	circle export csv attendance >out &&
	test_grep ",left_early," out
'

# --- times here: in a table for a person, never in machine formats ----------

test_expect_success 'report sessions: here columns in a table when my zone is another' '
	circle report sessions --format table --tz Europe/London >out &&
	head -n 1 out >head &&
	test_grep "unrecorded  tz  *here  *here_tz$" head &&
	test_grep "America/Chicago  2026-11-05 01:00  Europe/London$" out &&
	circle report sessions --format table --tz America/Chicago >out &&
	! grep here out &&
	circle report member --format table --tz Asia/Tokyo maya-l >out &&
	test_grep "left-early  America/Chicago  2026-11-05 10:00  Asia/Tokyo$" out
'

test_expect_success 'machine formats stay byte for byte whatever my zone' '
	for f in tsv csv json jsonl; do
		circle report sessions --format $f --tz America/Chicago >a &&
		circle report sessions --format $f --tz Asia/Tokyo >b &&
		test_cmp a b &&
		circle report member --format $f --tz America/Chicago \
		    maya-l >a &&
		circle report member --format $f --tz Asia/Tokyo maya-l >b &&
		test_cmp a b || exit 1
	done &&
	circle report member --json --tz Asia/Tokyo maya-l >b &&
	! grep here b
'

test_expect_success 'attend list: the notice names the time here too' '
	test_expect_code 1 circle attend list --tz Europe/London 2026-11-11 \
	    2>err &&
	test_grep "wednesday-circle 2026-11-11T19:00 (2026-11-12 01:00 here): scheduled, nothing recorded yet" err &&
	test_expect_code 1 circle attend list --tz America/Chicago \
	    2026-11-11 2>err &&
	test_grep "wednesday-circle 2026-11-11T19:00: scheduled" err &&
	circle attend list --format json --tz Europe/London 2026-11-04 >a &&
	circle attend list --format json --tz America/Chicago 2026-11-04 >b &&
	test_cmp a b
'

# --- dates in the zone of the group a command is about ----------------------

# Kiritimati is UTC+14 and Etc/GMT+12 is UTC-12: their dates always differ,
# by one day or two, whatever the time now.
test_expect_success 'setup: an island group alone in its database' '
	CIRCLE_DB=$TRASH/island.db &&
	export CIRCLE_DB &&
	circle init >/dev/null &&
	circle group add --tz Pacific/Kiritimati Island >/dev/null &&
	ISLAND=$(TZ=Pacific/Kiritimati date +%F) &&
	MINE=$(TZ=Etc/GMT+12 date +%F) &&
	test "$ISLAND" != "$MINE" &&
	circle session add "$ISLAND" 00:00 >/dev/null
'

test_expect_success '--to today: today on the island, the only group, without --group' '
	CIRCLE_DB=$TRASH/island.db &&
	export CIRCLE_DB &&
	ISLAND=$(TZ=Pacific/Kiritimati date +%F) &&
	TZ=Etc/GMT+12 circle session list --to today --format tsv >out &&
	test_grep "	$ISLAND	00:00	" out &&
	TZ=Etc/GMT+12 circle session list --group island --to today \
	    --format tsv >out &&
	test_grep "	$ISLAND	00:00	" out &&
	TZ=Etc/GMT+12 circle report sessions --to today --format tsv >out &&
	test_grep "	$ISLAND	00:00	" out
'

test_expect_success 'a session said as a day: today on the island, the only group' '
	CIRCLE_DB=$TRASH/island.db &&
	export CIRCLE_DB &&
	ISLAND=$(TZ=Pacific/Kiritimati date +%F) &&
	TZ=Etc/GMT+12 circle session show --format tsv today >out &&
	test_grep "$ISLAND" out &&
	TZ=Etc/GMT+12 circle session show --format tsv --group island \
	    today >out &&
	test_grep "$ISLAND" out
'

test_expect_success 'several groups: the configured one, else my own zone' '
	CIRCLE_DB=$TRASH/island.db &&
	export CIRCLE_DB &&
	ISLAND=$(TZ=Pacific/Kiritimati date +%F) &&
	circle group add --tz Pacific/Pago_Pago Far >/dev/null &&
	test_expect_code 1 env TZ=Etc/GMT+12 circle session list --to today \
	    --format tsv >out &&
	test_must_be_empty out &&
	circle config set group island &&
	TZ=Etc/GMT+12 circle session list --to today --format tsv >out &&
	test_grep "	$ISLAND	00:00	" out &&
	circle config unset group &&
	TZ=Etc/GMT+12 circle session list --group island --to today \
	    --format tsv >out &&
	test_grep "	$ISLAND	00:00	" out
'

test_expect_success 'no database: one message, not two' '
	test_expect_code 1 env CIRCLE_DB=$TRASH/none.db circle session list \
	    --from tomorrow 2>err &&
	test "$(grep -c "no database" err)" = 1 &&
	! test -e "$TRASH/none.db"
'

# --- a file's name where a name is asked for (add typed for import) -------

test_expect_success 'roster add FILE, group add FILE: refused, the import named; nothing added' '
	circle db dump >before &&
	test_expect_code 65 circle roster add roster.csv 2>err &&
	test_grep "name: \"roster.csv\" is a file'"'"'s name, not a name; to read the file: circle roster import roster.csv$" err &&
	test_expect_code 65 circle roster add Members.XLSX 2>err &&
	test_grep "circle roster import Members.XLSX$" err &&
	test_expect_code 65 circle group add --tz Europe/London groups/tuesday.yaml 2>err &&
	test_grep "to read the file: circle group import groups/tuesday.yaml$" err &&
	test_expect_code 65 circle roster edit --name notes.pdf maya-l 2>err &&
	test_grep "name: \"notes.pdf\" is a file'"'"'s name, not a name$" err &&
	mkdir -p in && echo x >in/people &&
	test_expect_code 65 circle roster add in/people 2>err &&
	test_grep "is a file'"'"'s name, not a name$" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle roster add "J. R. Okafor" >out &&
	circle roster add "Sam/Samantha Reyes" >>out &&
	test_grep "^j-o" out
'

test_expect_success 'attend mark SESSION FILE: the sign-in sheet'"'"'s import named, not a walk-in' '
	test_expect_code 1 circle attend mark 2026-11-11 jordan-k sheet.csv 2>err &&
	test_grep "no member \"sheet.csv\": a file'"'"'s name; a sign-in sheet is read with '"'"'circle attend import \"sheet.csv\"'"'"'$" err &&
	! test_grep "walk-in" err
'

test_expect_success 'a group given as the first of one word too many is --group; a word that names none is still too many' '
	circle group add --tz America/Chicago "Friday Circle" >/dev/null &&
	circle session list --group wednesday-circle >expect &&
	circle session list wednesday-circle >out &&
	test_cmp expect out &&
	circle attend list --group wednesday-circle 2026-11-04 >expect &&
	circle attend list wednesday 2026-11-04 >out &&
	test_cmp expect out &&
	test_expect_code 2 circle session list nosuch 2>err &&
	test_grep "list: too many arguments, from \"nosuch\" on" err &&
	test_expect_code 2 circle session list --group friday-circle wednesday-circle 2>err &&
	test_grep "too many arguments" err
'

test_expect_success 'session cancel and edit by a word or an id say the day and time they changed; by its day, as typed' '
	circle session cancel --group wednesday-circle 2026-11-11 >out &&
	echo "session 2026-11-11 cancelled" >expect &&
	test_cmp expect out &&
	id=$(circle session list --group wednesday-circle --format tsv --cancelled | grep 2026-11-11 | cut -f1) &&
	circle session cancel --group wednesday-circle --undo "$id" >out &&
	echo "session $id (2026-11-11 19:00) no longer cancelled" >expect &&
	test_cmp expect out &&
	circle session edit --group wednesday-circle --topic Rest "$id" >out &&
	echo "session $id (2026-11-11 19:00) updated" >expect &&
	test_cmp expect out
'

test_expect_success 'attend mark with a name of two words not in quotes: said, nobody marked' '
	circle db dump >before &&
	test_expect_code 1 circle attend mark 2026-11-04 Jordan Kim 2>err &&
	test_grep "no member \"Kim\"; \"Jordan Kim\" is one person: put a name of several words in quotes$" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'session add with the day and time in words, not in quotes: one phrase, as in quotes' '
	circle session add --group friday-circle next friday 7pm >out &&
	circle session add --group friday-circle "next friday 7pm" >out2 2>err &&
	test "$(cut -d" " -f2- out)" = "$(cut -d" " -f2- out2)" &&
	test_grep "T19:00$" out &&
	circle session add --group friday-circle 2026-12-30 19:00-20:30 >out &&
	test_grep "friday-circle 2026-12-30T19:00$" out &&
	test_expect_code 2 circle session add --group friday-circle next friday 2>err &&
	test_grep "\"next friday\": give the day and the time" err
'

test_done
