#!/bin/sh
test_description='circle attend: one person one row: walk-in did-you-mean, sign-in duplicates, names as typed'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# mark_of DATE HANDLE: the stored mark at group tc's session that day.
mark_of() {
	test_sql "SELECT a.status FROM attendance a JOIN session s ON
	    s.id = a.session_id JOIN member m ON m.id = a.member_id WHERE
	    substr(s.local_start, 1, 10) = '$1' AND m.handle = '$2'"
}

# mark_at GROUP DATE HANDLE: the stored mark at GROUP's session that day.
mark_at() {
	test_sql "SELECT a.status FROM attendance a JOIN session s ON
	    s.id = a.session_id JOIN member m ON m.id = a.member_id JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = '$1' AND
	    substr(s.local_start, 1, 10) = '$2' AND m.handle = '$3'"
}

NBSP=$(printf '\302\240')
IONA_NFC=$(printf '\303\215ona N\303\255 Bhriain')
IONA_NFD=$(printf 'I\314\201ona Ni\314\201 Bhriain')

test_expect_success 'setup: a group with four past sessions and three members' '
	test_fresh_db &&
	circle group add --handle tc --tz Europe/Dublin "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-03-03 --count 4 >/dev/null &&
	for n in "$IONA_NFC" "Kim Lee" "Zoë Smith"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2026-01-01 "$h" tc || return 1
	done &&
	test "$(circle roster list | cut -f1 | tr "\n" " ")" = \
	    "iona-b kim-l zoe-s "
'

# sign-in sheets

test_expect_success 'a sheet names people as typed: NBSP, runs of spaces, NFD, case' '
	{
		echo "date,name,status" &&
		echo "2026-03-10,$IONA_NFD,x" &&
		echo "2026-03-10,kim${NBSP}lee,late" &&
		echo "2026-03-10,  ZOE   SMITH ,x"
	} >typed.csv &&
	circle attend import --group tc typed.csv >out &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(mark_of 2026-03-10 iona-b)" = present &&
	test "$(mark_of 2026-03-10 kim-l)" = late &&
	test "$(mark_of 2026-03-10 zoe-s)" = present &&
	test "$(count member)" = 3
'

test_expect_success 'a check-in form names people as typed too' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	{
		echo "Timestamp,Your name,How is your mood right now?,How much distress are you carrying today?,Do you feel safe today?" &&
		echo "2026/03/10 19:05:00,$IONA_NFD,6,4,Yes" &&
		echo "2026/03/10 19:06:00,zoe${NBSP}${NBSP}SMITH ,5,5,Yes"
	} >form.csv &&
	circle checkin import --survey checkin --group tc form.csv >out &&
	circle checkin list --group tc | cut -f4 | sort >out &&
	printf "iona-b\nzoe-s\n" >expect &&
	test_cmp expect out
'

# walk-in

test_expect_success 'walk-in of a name on the roster, case, accents and spacing aside, is refused' '
	circle db dump >before &&
	for n in "iona ni bhriain" "IONA${NBSP}NÍ  BHRIAIN" "$IONA_NFD" \
	    "$IONA_NFC"; do
		test_expect_code 65 circle attend walk-in --group tc \
		    --session 2026-03-03 "$n" 2>err &&
		echo "circle-attend: walk-in: \"$n\" is on the roster already; did you mean iona-b? give --new to add another person" >expect &&
		test_cmp expect err || return 1
	done &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'walk-in matches a full name too, and names every match' '
	circle roster edit --full-name "Kimberly Lee" kim-l &&
	test_expect_code 65 circle attend walk-in --group tc \
	    --session 2026-03-03 "kimberly lee" 2>err &&
	grep -q "did you mean kim-l?" err &&
	circle roster add --new "Kím Lee" >/dev/null &&
	test_expect_code 65 circle attend walk-in --group tc \
	    --session 2026-03-03 "kim lee" 2>err &&
	grep -q "did you mean kim-l or kim-lee?" err
'

test_expect_success 'walk-in of a first name alone that begins someone.s name is refused, naming them' '
	circle db dump >before &&
	test_expect_code 65 circle attend walk-in --group tc \
	    --session 2026-03-03 Zoe 2>err &&
	echo "circle-attend: walk-in: \"Zoe\" is the first name of zoe-s (Zoë Smith) on the roster; did you mean them? give --new to add another person (or the whole name)" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'walk-in --new adds another person of that name' '
	circle attend walk-in --group tc --session 2026-03-03 --new \
	    "iona  ni bhriain" >out &&
	echo iona-ni-bhriain >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT display_name FROM member WHERE
	    handle = '\''iona-ni-bhriain'\''")" = "iona ni bhriain" &&
	test "$(mark_of 2026-03-03 iona-ni-bhriain)" = present &&
	test "$(mark_of 2026-03-03 iona-b)" = ""
'

test_expect_success 'walk-in of a new name still adds them' '
	circle attend walk-in --group tc --session 2026-03-03 "Sam Walker" \
	    >out &&
	echo sam-w >expect &&
	test_cmp expect out
'

test_expect_success 'a person twice for one session with different marks: refused, both lines named' '
	cat >dup.csv <<-\EOF &&
	date,handle,name,status
	2026-03-17,zoe-s,,x
	2026-03-17,kim-l,,x
	2026-03-17,,zoë smith,absent
	EOF
	circle db dump >before &&
	test_expect_code 65 circle attend import --group tc dup.csv 2>err &&
	echo "circle-attend: dup.csv:4: zoe-s twice for tc 2026-03-17T19:00: absent here, present on line 2 (give one row a person a session)" >expect &&
	test_cmp expect err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'the same mark with another note is refused too' '
	cat >notes.csv <<-\EOF &&
	date,handle,status,note
	2026-03-17,zoe-s,x,first
	2026-03-17,zoe-s,present,second
	EOF
	test_expect_code 65 circle attend import --group tc notes.csv 2>err &&
	grep -q "notes.csv:3: zoe-s twice .*: note \"second\" here, \"first\" on line 2" err
'

test_expect_success 'rows that agree are one mark; the sheet imported twice changes nothing' '
	cat >agree.csv <<-EOF &&
	date,handle,name,status,note
	2026-03-17,zoe-s,,x,
	2026-03-17,,Zoë${NBSP}Smith,present,bus
	2026-03-17,kim-l,,late,
	2026-03-17,kim-l,,l,
	EOF
	circle attend import --group tc agree.csv >out &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(mark_of 2026-03-17 zoe-s)" = present &&
	test "$(test_sql "SELECT note FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.handle = '\''zoe-s'\'' AND
	    a.note IS NOT NULL")" = bus &&
	circle db dump >before &&
	circle attend import --group tc agree.csv >out &&
	echo "0 marked, 3 unchanged; 0 sessions recorded" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'one person at two sessions in one sheet is no duplicate' '
	cat >two.csv <<-\EOF &&
	date,handle,status
	2026-03-24,zoe-s,x
	2026-03-10,zoe-s,x
	EOF
	circle attend import --group tc two.csv >out &&
	echo "1 marked, 1 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'first and last names in two columns are one name' '
	circle session add --group tc 2026-03-31 19:00 >/dev/null &&
	circle session add --group tc 2026-04-07 19:00 >/dev/null &&
	printf "%s\n" "Timestamp,First name,Last name" \
	    "2026-03-31 19:05,Kim,Lee" "2026-03-31 19:06,ZOE,smith" >fl.csv &&
	circle attend import --dry-run fl.csv >out &&
	test_grep "column 2 \"First name\" -> first name" out &&
	test_grep "column 3 \"Last name\" -> last name" out &&
	circle attend import fl.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(mark_of 2026-03-31 kim-l)" = present &&
	test "$(mark_of 2026-03-31 zoe-s)" = present
'

test_expect_success '"Name" beside "Surname" is the first name, even when it holds the whole name' '
	printf "%s\n" "Name,Surname,Date" "kim,LEE,2026-04-07" \
	    "Zoë Smith,Smith,2026-04-07" >ns.csv &&
	circle attend import ns.csv >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(mark_of 2026-04-07 kim-l)" = present &&
	test "$(mark_of 2026-04-07 zoe-s)" = present
'

test_expect_success '"Vorname" beside "Name" makes "Name" the last name' '
	printf "%s\n" "Vorname,Name,Datum,Anwesenheit" \
	    "Kim,Lee,31.03.2026,verspätet" >de.csv &&
	circle attend import de.csv >out &&
	test "$(mark_of 2026-03-31 kim-l)" = late
'

test_expect_success 'someone new by first and last name: the walk-in hint names them whole' '
	printf "%s\n" "First name,Last name,Date" \
	    "Quinn,Abara,2026-03-17" >new.csv &&
	before=$(count attendance) &&
	test_expect_code 65 circle attend import new.csv 2>err &&
	test_grep "new.csv:2:1 (First name): no member \"Quinn Abara\" (someone new: add them with .circle attend walk-in --session \"2026-03-17\" \"Quinn Abara\"" err &&
	test "$(count attendance)" = "$before"
'

test_expect_success 'a person is found by their legal name too, when no one goes by it' '
	circle roster edit --full-name "Katherine Lee" kim-l >/dev/null &&
	printf "%s\n" "Name,Date,Status" "katherine lee,2026-03-31,excused" \
	    >legal.csv &&
	circle attend import legal.csv >out &&
	test "$(mark_of 2026-03-31 kim-l)" = excused &&
	test "$(circle roster show "Katherine Lee" | sed -n "1s/^handle[[:space:]]*//p")" = kim-l
'

# several people in one argument, as a message lists them

test_expect_success 'mark: "a, b; c" in one argument is each of them, said' '
	circle attend mark --group tc 2026-03-24 "kim, zoe; iona-b" >out 2>err &&
	test_grep "^2 marked present, 1 already so" out &&
	printf "%s\n" "circle-attend: \"kim, zoe; iona-b\" is kim-l (Kim Lee), zoe-s (Zoë Smith), iona-b ($IONA_NFC)" >expect &&
	test_cmp expect err &&
	test "$(mark_of 2026-03-24 zoe-s)" = present &&
	test "$(mark_of 2026-03-24 iona-b)" = present
'

test_expect_success 'mark: "zoe," alone is a list of one' '
	circle attend mark --group tc 2026-03-24 "zoe," >out 2>err &&
	test_grep "\"zoe,\" is zoe-s (Zoë Smith)" err
'

test_expect_success 'mark: "Lee, Kim" is Kim Lee, last name first' '
	circle attend mark --group tc --late 2026-03-24 "Lee, Kim" >out 2>err &&
	test_grep "^1 marked late" out &&
	test_grep "\"Lee, Kim\" is kim-l (Kim Lee)" err &&
	test "$(mark_of 2026-03-24 kim-l)" = late
'

test_expect_success 'mark: a part no one is: each said, nobody marked' '
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "kim, Quentin; Yusra" >out 2>err &&
	test_grep "2 of 3 names not found, nobody marked:" err &&
	test_grep "no member \"Quentin\" (someone new" err &&
	test_grep "no member \"Yusra\" (someone new" err &&
	test "$(count attendance)" = "$before"
'

test_expect_success 'mark: "Last, First" of no one is one name not found, not two' '
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "Abara, Quinn" 2>err &&
	test_grep "^circle-attend: no member \"Abara, Quinn\"" err &&
	! grep -q "no member \"Quinn\"" err
'

test_expect_success 'mark: "a, b" where each is several is a list, each said, not one name to walk in' '
	for n in "Rob Ames" "Rob Ng" "Dee Oak" "Dee Pal"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2026-01-01 "$h" tc || return 1
	done &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "rob, dee" 2>err &&
	test_grep "2 of 2 names not found, nobody marked:" err &&
	test_grep "member \"rob\" is ambiguous: rob-a (Rob Ames), rob-n (Rob Ng)" err &&
	test_grep "member \"dee\" is ambiguous: dee-o (Dee Oak), dee-p (Dee Pal)" err &&
	! grep -q "walk-in" err &&
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "Abara, rob" 2>err &&
	test_grep "no member \"Abara\"" err &&
	test_grep "member \"rob\" is ambiguous" err &&
	test "$(count attendance)" = "$before"
'

# "Last, First" of someone new is added by the name turned, as a sign-in
# sheet says it: the walk-in command was for "Abara, Quinn", a second way
# of writing one person.  Read as a list with its surname no one's, the
# argument says so and how to add the person it may be: only "no member
# \"Smith\"; did you mean zoe-s" was said, for "Smith, Kim".
test_expect_success 'mark: "Last, First" of someone new says the walk-in by the name turned, read as a list too' '
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "Abara, Quinn" 2>err &&
	test_grep "^circle-attend: no member \"Abara, Quinn\" (nor \"Quinn Abara\"; someone new: add them with .*--session \"2026-03-17\" \"Quinn Abara\"" err &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "Smith, Kim" 2>err &&
	test_grep "^circle-attend: no member \"Smith\"" err &&
	test_grep "(\"Smith, Kim\" was read as a list; if it is one person, Kim Smith, someone new: add them with .*\"Kim Smith\"" err &&
	test "$(count attendance)" = "$before"
'

# A suffix after the comma is one name, not a list nor "Last, First":
# "Kim Lee, Jr." was read as "Kim Lee" and "Jr.", and said "no member
# \"Jr.\"" with a walk-in command adding someone named "Jr.".
test_expect_success 'mark: "Kim Lee, Jr." is one name, not Kim Lee and "Jr."' '
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group tc 2026-03-17 \
	    "Kim Lee, Jr." 2>err &&
	test_grep "^circle-attend: no member \"Kim Lee, Jr.\" (someone new: add them with .*\"Kim Lee, Jr.\"" err &&
	! grep -q "no member \"Jr.\"" err &&
	test "$(count attendance)" = "$before"
'


# "everyone" is who attend list expects: in the group that day, active,
# not a guest; "all" was a prefix, one person (Allie), marked alone.
test_expect_success 'mark: everyone except NAME... is who was expected, less those named' '
	circle group add --handle ev --tz UTC "Evening Group" >/dev/null &&
	circle session add --group ev 2026-03-05 18:00 >/dev/null &&
	for n in "Allie Brook" "Cato Dunn" "Esme Fox" "Gus Hale" "Ida Jones" \
	    "Kai Long"; do
		circle roster add "$n" >/dev/null || return 1
	done &&
	circle roster join --on 2026-01-01 --group ev allie cato esme \
	    >/dev/null &&
	circle roster join --on 2026-01-01 --role guest gus ev >/dev/null &&
	circle roster join --on 2026-03-06 ida ev >/dev/null &&
	circle roster join --on 2026-01-01 kai ev >/dev/null &&
	circle roster deactivate kai >/dev/null &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group ev 2026-03-05 \
	    all but cato ida 2>err &&
	test_grep "all except ida-j: ida-j was not expected at this session" err &&
	test_expect_code 2 circle attend mark --group ev 2026-03-05 \
	    everyone cato 2>err &&
	test_grep "name the people who were not there after .except." err &&
	test_expect_code 1 circle attend mark --group ev 2026-03-05 \
	    everyone except allie cato esme 2>err &&
	test_grep "everyone: nobody else was expected at this session" err &&
	test "$(count attendance)" = "$before" &&
	circle attend mark --group ev 2026-03-05 Everyone except cato \
	    >out 2>err &&
	test_grep "^2 marked present" out &&
	test_grep "\"Everyone\" is allie-b (Allie Brook), esme-f (Esme Fox)\$" err &&
	test "$(test_sql "SELECT group_concat(m.handle, \" \") FROM attendance a
	    JOIN member m ON m.id = a.member_id JOIN session s ON s.id =
	    a.session_id JOIN grp g ON g.id = s.grp_id WHERE g.handle = \"ev\"
	    ORDER BY m.handle")" = "allie-b esme-f"
'

test_expect_success 'mark: everyone at a session nobody was expected at is refused' '
	circle group add --handle em --tz UTC "Empty Group" >/dev/null &&
	circle session add --group em 2026-03-05 18:00 >/dev/null &&
	test_expect_code 1 circle attend mark --group em 2026-03-05 everyone \
	    2>err &&
	test_grep "everyone: nobody was expected at this session (no one in its group that day" err
'

test_expect_success 'mark: a name where the session goes says the session comes first; nothing marked' '
	before=$(count attendance) &&
	test_expect_code 2 circle attend mark --group ev allie-b cato 2>err &&
	test_grep "session: \"allie-b\" is someone on the roster, not a session: give the session (today, next, a date) before anyone.s name\$" err &&
	test_expect_code 2 circle attend mark --group ev garbage cato 2>err &&
	test_grep "\"garbage\" is not an id, next, last, today" err &&
	test "$(count attendance)" = "$before"
'

test_expect_success 'mark: a group where the session goes is the group, when a session follows' '
	circle attend mark ev 2026-03-05 cato >out &&
	test_grep "^1 marked present" out &&
	test "$(mark_at ev 2026-03-05 cato-d)" = present &&
	circle attend mark "evening group" 2026-03-05 --late cato >out &&
	test "$(mark_at ev 2026-03-05 cato-d)" = late &&
	circle session prep ev 2026-03-05 --format md >out &&
	test_grep "Evening Group" out
'

test_expect_success 'mark: a group with no session after it is said so; nothing marked' '
	before=$(test_sql "SELECT group_concat(status) FROM attendance") &&
	test_expect_code 2 circle attend mark ev cato 2>err &&
	test_grep "session: \"ev\" is a group, not a session: give the session after it (ev last, ev next, or a date), or write ev:last\$" err &&
	test_expect_code 2 circle attend headcount "Evening Group" 4 2>err &&
	test_grep "\"Evening Group\" is a group, not a session" err &&
	test "$(test_sql "SELECT group_concat(status) FROM attendance")" = "$before"
'

test_expect_success 'mark: a group named as a day is the day where the session goes' '
	circle group add --handle thursday --tz UTC "Thursday Drop-in" \
	    >/dev/null &&
	circle session add --group thursday 2026-03-05 12:00 >/dev/null &&
	circle roster join --on 2026-01-01 ida-j thursday >/dev/null &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark thursday 2026-03-05 ida 2>err &&
	# thursday: the next one, today on a Thursday; said as circle says it
	n=$(( (11 - $(date -u +%u)) % 7 )) &&
	case $n in
	0) said=today ;;
	1) said=tomorrow ;;
	*) said="on Thursday $(date -u -d "+$n days" +%F)" ;;
	esac &&
	test_grep "no session $said[;:]" err &&
	test "$(count attendance)" = "$before" &&
	circle attend mark thursday:2026-03-05 ida >out &&
	test "$(mark_at thursday 2026-03-05 ida-j)" = present
'

test_expect_success 'mark: a mark typed among the names is said as an option; nothing marked' '
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group ev 2026-03-05 cato late \
	    2>err &&
	test_grep "\"late\" is a mark: a mark is given once, before the session, for the names after it (circle attend mark --late --group ev \"2026-03-05\" NAME...)" err &&
	! grep -q walk-in err &&
	test_expect_code 1 circle attend mark --group ev 2026-03-05 \
	    "cato (left early)" esme:absent 2>err &&
	test_grep "\"cato (left early)\" holds a mark: .*(circle attend mark --left-early --group ev \"2026-03-05\" cato...)" err &&
	test_grep "\"esme:absent\" holds a mark: .*--absent --group ev \"2026-03-05\" esme\.\.\.)" err &&
	test "$(count attendance)" = "$before"
'

# A name typed without its letters (Lukasz Nowak, Joerg, Jürgen Mueller,
# yamada hanako) is the person, when their name as stored fits none; two
# it fits are both named, nobody marked.
test_expect_success 'mark: a name typed in ASCII, either way, is the person' '
	circle group add --handle kr --tz Europe/Warsaw "Krakow Circle" \
	    >/dev/null &&
	circle session add --group kr 2026-03-04 18:00 >/dev/null &&
	for n in "Łukasz Nowak" "Łukasz Wiśniewski" "Jörg Müller" \
	    "Jürgen Müller" "やまだ はなこ"; do
		h=$(circle roster add "$n") &&
		circle roster join --on 2026-01-01 "$h" kr || return 1
	done &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group kr 2026-03-04 \
	    "lukasz" 2>err &&
	test_grep "lukasz-n (Łukasz Nowak), lukasz-w (Łukasz Wiśniewski)" err &&
	test_expect_code 1 circle attend mark --group kr 2026-03-04 \
	    "Mueller" 2>err &&
	test "$(count attendance)" = "$before" &&
	circle attend mark --group kr 2026-03-04 "Lukasz Nowak" Joerg \
	    "Jürgen Mueller" "yamada hanako" >out &&
	test_grep "^4 marked present" out &&
	for h in lukasz-n jorg-m jurgen-m yamada-h; do
		test "$(test_sql "SELECT a.status FROM attendance a JOIN member m
		    ON m.id = a.member_id WHERE m.handle = '\''$h'\''")" = \
		    present || return 1
	done &&
	test "$(count attendance)" = "$((before + 4))"
'

# Lukasz Nowak is Łukasz Nowak where a session is marked: a walk-in or a
# person added by that name is refused as on the roster already, as
# "lukasz nowak" is; --new adds another person.
test_expect_success 'walk-in and roster add of a name that is someone'"'"'s in ASCII are refused; --new adds' '
	circle db dump >before &&
	test_expect_code 65 circle attend walk-in --group kr \
	    --session 2026-03-04 "Lukasz Nowak" 2>err &&
	test_grep "\"Lukasz Nowak\" is on the roster already; did you mean lukasz-n?" err &&
	test_expect_code 65 circle roster add "Juergen Mueller" 2>err &&
	test_grep "did you mean jurgen-m?" err &&
	circle db dump >after &&
	test_cmp before after &&
	circle attend walk-in --new --group kr --session 2026-03-04 \
	    "Lukasz Nowak" >out &&
	test "$(cat out)" = lukasz-nowak
'

# A name typed in ASCII that is one person's as spelt, or the beginning of
# it, and another's in ASCII (Lukasz: Lukasz Kowalski, and Łukasz Nowak;
# Anna Mueller: Anna Mueller, and Anna Müller) names both, nobody marked;
# the name typed with its letters, or a handle, is the one person.
test_expect_success 'mark: a name in ASCII that is one person as spelt and another in ASCII names both' '
	circle group add --handle wa --tz Europe/Warsaw "Warsaw Circle" \
	    >/dev/null &&
	circle session add --group wa 2026-03-05 18:00 >/dev/null &&
	for n in "Łukasz Nowak" "Lukasz Kowalski" "Anna Müller" \
	    "Anna Mueller"; do
		h=$(circle roster add --new "$n") &&
		circle roster join --on 2026-01-01 "$h" wa || return 1
	done &&
	before=$(count attendance) &&
	test_expect_code 1 circle attend mark --group wa 2026-03-05 \
	    Lukasz 2>err &&
	test_grep "Lukasz Kowalski" err &&
	test_grep "Łukasz Nowak" err &&
	test_expect_code 1 circle attend mark --group wa 2026-03-05 \
	    "Anna Mueller" 2>err &&
	test_grep "(Anna Müller)" err &&
	test_grep "(Anna Mueller)" err &&
	test "$(count attendance)" = "$before" &&
	circle attend mark --group wa 2026-03-05 "Łukasz" "Lukasz K" \
	    "Anna Müller" >out &&
	test_grep "^3 marked present" out &&
	test "$(count attendance)" = "$((before + 3))"
'

# A weekday's short name in the locale's language that is also someone's
# name (Sam, where LANG is fr_FR: samedi) where the session goes is
# refused, naming both; nobody marked.  In English, or written whole, the
# day.
test_expect_success 'mark: a weekday of the locale that is also a name where the session goes is refused' '
	circle group add --handle sa --tz UTC "Saturday Circle" >/dev/null &&
	day=$(circle session add --group sa sat 18:00 | cut -d" " -f3 |
	    cut -dT -f1) &&
	for n in "Sam Lee" "Jo Park"; do
		h=$(circle roster add --new "$n") &&
		circle roster join --on 2026-01-01 "$h" sa || return 1
	done &&
	before=$(count attendance) &&
	test_expect_code 2 env LC_ALL=fr_FR.UTF-8 circle attend mark --force \
	    --group sa sam "Jo Park" 2>err &&
	test_grep "\"sam\" is a weekday in the language of LANG (saturday) and someone on the roster" err &&
	test "$(count attendance)" = "$before" &&
	LC_ALL=fr_FR.UTF-8 circle attend mark --force --group sa samedi \
	    "Jo Park" >out &&
	test_grep "^1 marked present" out &&
	circle attend list --group sa "$day" >out &&
	test_grep "Jo Park" out
'

test_done
