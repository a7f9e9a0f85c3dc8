#!/bin/sh
test_description='circle roster import: messy CSV, bad files, YAML, dry runs'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# The fixtures, and what is wrong where: tests/fixtures/README.
cp "$FIXTURES"/roster-*.csv "$FIXTURES"/roster*.yaml . || exit 99

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'the messy export imports: BOM, CRLF, quotes, accents' '
	circle roster import roster-messy.csv >out 2>err &&
	echo "5 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member)" = 5 &&
	circle roster list --format tsv >list &&
	cut -f2,3 list >actual &&
	cat >expect <<-\EOF &&
	Alex Rivera	
	José García	he/him
	Sam Lee	he/they
	Siobhán O'\''Brien	they/them
	Zoë Ng	she/her
	EOF
	test_cmp expect actual
'

test_expect_success 'the duplicate is merged, with a warning naming both lines' '
	test_grep "roster-messy.csv:10: same person as line 8 (by email); merged" \
	    err &&
	test "$(count member "email = '\''alex.rivera@example.org'\''
	    COLLATE NOCASE")" = 1
'

test_expect_success 'values are trimmed and typed' '
	test_sql "SELECT email, phone, consent FROM member
	    WHERE display_name = '\''Alex Rivera'\''" >actual &&
	echo "Alex.Rivera@Example.org|(555) 010-2334|1" >expect &&
	test_cmp expect actual &&
	test_sql "SELECT display_name, consent IS NULL FROM member
	    WHERE email = '\''sam.lee@example.org'\''" >actual &&
	echo "Sam Lee|1" >expect &&
	test_cmp expect actual &&
	test "$(count member "consent = 0 AND display_name = '\''José García'\''")" = 1 &&
	test "$(count member "consent = 1 AND email = '\''siobhan@example.org'\''")" = 1
'

test_expect_success 'a quoted field with commas and a note with an emoji' '
	circle roster show --json "Zoë Ng" >zoe.json &&
	circle roster show --json siobhan >siobhan.json &&
	/usr/bin/python3 - zoe.json siobhan.json <<-\EOF
	import json, sys
	zoe = json.load(open(sys.argv[1]))
	assert zoe["notes"] == "Prefers tea, not coffee", zoe["notes"]
	assert zoe["phone"] == "+44 20 7946 0018", zoe["phone"]
	sio = json.load(open(sys.argv[2]))
	assert sio["notes"] == "Brought cake \U0001F382 for everyone", sio["notes"]
	EOF
'

test_expect_success 'a note over three lines is kept exactly (line ends as LF)' '
	circle roster show --json "José García" >jose.json &&
	/usr/bin/python3 - jose.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	want = ("First session: quiet.\nSecond line, with a comma\n"
	    "Third: \"I felt heard\".")
	assert d["notes"] == want, repr(d["notes"])
	assert d["name"] == "Jos\u00e9 Garc\u00eda", d["name"]
	EOF
'

test_expect_success 'importing the same file again changes nothing' '
	circle db dump >before &&
	circle roster import roster-messy.csv >out 2>err &&
	echo "0 added, 0 updated, 5 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member)" = 5 &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an edited file updates the people whose rows changed' '
	sed -e "s/she\/her/she\/they/" -e "s/555-0102/555-0199/" \
	    roster-messy.csv >edited.csv &&
	circle roster import edited.csv >out &&
	echo "0 added, 2 updated, 3 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member)" = 5 &&
	test_sql "SELECT pronouns FROM member WHERE display_name = '\''Zoë Ng'\''" \
	    >actual &&
	echo she/they >expect &&
	test_cmp expect actual &&
	test_sql "SELECT detail FROM change_log WHERE action = '\''edit'\''
	    ORDER BY id DESC LIMIT 1" >actual &&
	echo "{\"phone\":[\"555-0102\",\"555-0199\"]}" >expect &&
	test_cmp expect actual
'

test_expect_success '--dry-run reports the counts and writes nothing' '
	circle db dump >before &&
	circle roster import --dry-run edited.csv >out &&
	echo "dry run: would be 0 added, 0 updated, 5 unchanged" >expect &&
	tail -n 1 out >actual &&
	test_cmp expect actual &&
	printf "%s\n" "Name,Email,Pronouns" "New Person,new@example.org," \
	    "Zoë Ng,zoe.ng@example.org,she/her" >more.csv &&
	circle roster import --dry-run more.csv >out &&
	cat >expect <<-\EOF &&
	more.csv: UTF-8, comma-separated, header on line 1
	column 1 "Name" -> name
	column 2 "Email" -> email
	column 3 "Pronouns" -> pronouns
	dry run: would be 1 added, 1 updated, 0 unchanged
	EOF
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after &&
	circle roster import more.csv >out &&
	echo "1 added, 1 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

# check_bad FILE WHERE TEXT [OPTION...]: import FILE (with the options)
# exits 65 with the one message "FILE:WHERE: ...TEXT", and writes nothing.
check_bad() {
	_f=$1 _where=$2 _what=$3
	shift 3
	circle db dump >before &&
	test_expect_code 65 circle roster import "$@" "$_f" >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-roster: $_f:$_where[ :].*$_what" err &&
	test "$(wc -l <err)" = 1 &&
	circle db dump >after &&
	test_cmp before after
}

test_expect_success 'setup: an empty roster for the bad files' '
	test_fresh_db &&
	n=$(count member) && test "$n" = 0
'

test_expect_success 'invalid UTF-8: 65, line and field number, nothing imported' '
	check_bad roster-bad-utf8.csv 3:3 "not valid UTF-8" &&
	test "$(count member)" = 0
'

test_expect_success 'a bad email: 65 at its line and column, nothing imported' '
	check_bad roster-bad-email.csv 4:2 \
	    "email: \"cy(at)example.org\" is not an email address" &&
	test "$(count member)" = 0
'

test_expect_success 'no name column: 65, nothing imported' '
	check_bad roster-no-name.csv 1 "no name column" &&
	test "$(count member)" = 0
'

test_expect_success 'text after a closing quote: 65 at its line and field' '
	check_bad roster-bad-quote.csv 3:2 "malformed CSV" &&
	test "$(count member)" = 0
'

test_expect_success 'a quote never closed: 65 where the field began' '
	check_bad roster-open-quote.csv 3:3 "a quoted field is not closed" &&
	test "$(count member)" = 0
'

test_expect_success 'a row with too many fields: 65, first extra field' '
	check_bad roster-too-many.csv 3:4 "4 fields, but the header has 3" &&
	test "$(count member)" = 0
'

test_expect_success 'a bad row keeps earlier rows out too, on a full roster' '
	circle roster import roster-messy.csv >/dev/null &&
	check_bad roster-bad-email.csv 4:2 "is not an email address" &&
	test "$(count member)" = 5 &&
	test "$(count member "email = '\''ana@example.org'\''")" = 0
'

test_expect_success '--dry-run of a bad file fails the same way, what each column is taken as on stdout' '
	circle db dump >before &&
	test_expect_code 65 circle roster import --dry-run roster-bad-utf8.csv >out 2>err &&
	test_grep "^column 3 \"Notes\" -> notes\$" out &&
	test_grep "^circle-roster: roster-bad-utf8.csv:3:3 .*not valid UTF-8" err &&
	test_expect_code 65 circle roster import --dry-run roster-bad-email.csv >out 2>err &&
	test_grep "^column .* -> email\$" out &&
	test_grep "^circle-roster: roster-bad-email.csv:4:2 .*is not an email address" err &&
	test "$(wc -l <err)" = 1 &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a missing file exits 1 naming it' '
	test_expect_code 1 circle roster import no-such.csv 2>err &&
	test_grep "no-such.csv: No such file or directory" err
'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success '--map COLUMN=FIELD imports columns with other names' '
	printf "%s\n" "Given,Family,Mail,Shoe size" \
	    "Ana,Bell,ana@example.org,38" "Bo,Chen,bo@example.org,44" >map.csv &&
	circle roster import --map Given=first_name --map Family=last_name \
	    --map "Mail=email" map.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, email FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ana Bell|ana@example.org" "Bo Chen|bo@example.org" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'an unknown column is imported as nothing, with a warning' '
	test_grep "map.csv:1:4: column \"Shoe size\" ignored" err &&
	test "$(count member "'\''38'\'' IN (full_name, pronouns, phone,
	    emergency, notes) OR '\''44'\'' IN (full_name, pronouns, phone,
	    emergency, notes)")" = 0
'

test_expect_success '--map COLUMN=ignore silences the warning' '
	circle roster import --map Given=first_name --map Family=last_name \
	    --map Mail=email --map "Shoe size=ignore" map.csv >out 2>err &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out &&
	test_must_be_empty err
'

test_expect_success '--map to an unknown field is a usage error' '
	circle db dump >before &&
	test_expect_code 2 circle roster import --map Given=colour map.csv \
	    2>err &&
	test_grep "map Given=colour: expected COLUMN=FIELD" err &&
	test_expect_code 2 circle roster import --map Given map.csv 2>err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success '--map of a column not in the file fails with 65' '
	test_expect_code 65 circle roster import --map Nope=email map.csv \
	    2>err &&
	test_grep "map.csv:1: --map Nope: no such column" err
'

test_expect_success 'setup: two groups' '
	circle group add "Monday Circle" >/dev/null &&
	circle group add "Wednesday Circle" >/dev/null
'

test_expect_success '--group G joins everyone imported to G' '
	printf "%s\n" "Name,Email" "Cy Dorn,cy@example.org" \
	    "Dee Eng,dee@example.org" >people.csv &&
	circle roster import --group monday-circle people.csv >out &&
	echo "2 added, 0 updated, 0 unchanged; 2 joined monday-circle" >expect &&
	test_cmp expect out &&
	circle roster import --group monday-circle people.csv >out &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out &&
	circle roster list --group monday-circle >out &&
	cut -f2,5 out >actual &&
	printf "Cy Dorn\tmonday-circle\nDee Eng\tmonday-circle\n" >expect &&
	test_cmp expect actual
'

test_expect_success '--group that does not exist imports no one' '
	circle db dump >before &&
	test_expect_code 1 circle roster import --group nosuch people.csv \
	    2>err &&
	test_grep "no group \"nosuch\"" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a Group and Role column join each row to its group' '
	printf "%s\n" "Name,Group,Role" "Eve Fox,wednesday-circle,facilitator" \
	    "Fay Gil,monday-circle," "Gus Hal,," >groups.csv &&
	circle roster import groups.csv >out &&
	echo "3 added, 0 updated, 0 unchanged; 2 joined groups" >expect &&
	test_cmp expect out &&
	test_sql "SELECT m.display_name, g.handle, s.role FROM membership s
	    JOIN member m ON m.id = s.member_id JOIN grp g ON g.id = s.grp_id
	    WHERE m.display_name IN ('\''Eve Fox'\'', '\''Fay Gil'\'',
	    '\''Gus Hal'\'') ORDER BY 1" >actual &&
	printf "%s\n" "Eve Fox|wednesday-circle|facilitator" \
	    "Fay Gil|monday-circle|member" >expect &&
	test_cmp expect actual
'

test_expect_success 'a Group column naming no group: 65 at its cell' '
	printf "%s\n" "Name,Group" "Hal Ivy,monday-circle" "Ida Jay,nosuch" \
	    >badgroup.csv &&
	check_bad badgroup.csv 3:2 "no group \"nosuch\""
'

test_expect_success 'an empty handle or name cell is no value: made from the rest' '
	printf "%s\n" "Handle,Name,First name,Last name" ",Lou Mae,," \
	    " ,,Ned,Orr" >blanks.csv &&
	circle roster import blanks.csv >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "handle = '\''lou-m'\'' AND
	    display_name = '\''Lou Mae'\''")" = 1 &&
	test "$(count member "handle = '\''ned-o'\'' AND
	    display_name = '\''Ned Orr'\''")" = 1 &&
	printf "%s\n" "Handle,Name" "lou-m," >noname.csv &&
	check_bad noname.csv 2 "no name" &&
	printf "%s\n" "First name,Last name,Email" ",,bo@example.org" \
	    >nohalves.csv &&
	check_bad nohalves.csv 2 "no name; fill in its name, or add a column of names"
'

test_expect_success 'a Google Groups members export, a nickname left empty: what to do; a dry run shows the columns still; no name made from the email' '
	printf "%s\r\n" \
	    "Email address,Nickname,Group status,Email status,Email preference,Posting permissions" \
	    "ann@example.org,Ann,member,subscribed,Email,allowed" \
	    "bo@example.org,,member,subscribed,Digest,allowed" \
	    "cy@example.org,,member,subscribed,Email,allowed" >members.csv &&
	circle db dump >before &&
	test_expect_code 65 circle roster import members.csv >out 2>err &&
	test_must_be_empty out &&
	test_grep "^circle-roster: members.csv:3: no name\$" err &&
	test_grep "^circle-roster: members.csv: 2 errors; nothing imported; 2 rows have no name: fill in their names, or add a column of names (Name, or First name and Last name; --map COLUMN=name for one headed otherwise); .circle roster import --dry-run members.csv. shows what each column is taken as\$" err &&
	test_expect_code 65 circle roster import --dry-run members.csv >out 2>err &&
	test_grep "^column 2 \"Nickname\" -> preferred_name\$" out &&
	test_grep "^column 1 \"Email address\" -> email\$" out &&
	test_grep "2 rows have no name" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'import from stdin with -' '
	printf "%s\n" "Name,Pronouns" "Jo Kay,she/her" |
	circle roster import - >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "display_name = '\''Jo Kay'\'' AND pronouns = '\''she/her'\''")" = 1
'

test_expect_success 'errors on stdin are named stdin:line:column' '
	printf "%s\n" "Name,Email" "Kai Lum,nope" |
	test_expect_code 65 circle roster import - 2>err &&
	test_grep "^circle-roster: stdin:2:2 (Email): email: \"nope\" is not an email" err
'

test_expect_success 'setup: a fresh database and a group' '
	test_fresh_db &&
	circle group add "Monday Circle" >/dev/null
'

test_expect_success 'YAML: a members: list imports' '
	circle roster import roster.yaml >out &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	circle roster list --with-contacts >out &&
	cut -f2,3,6 out >actual &&
	printf "%s\n" "Mateo Ruiz		" \
	    "Siobhán O'\''Brien		siobhan@example.org" \
	    "Zoë Ng	she/her	zoe.ng@example.org" >expect &&
	test_cmp expect actual &&
	circle roster show --json "Mateo Ruiz" >mateo.json &&
	/usr/bin/python3 - mateo.json <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["notes"].rstrip("\n") == ("Joined after the spring workshop.\n"
	    "Prefers a text before calls."), repr(d["notes"])
	assert d["phone"] == "555-0199"
	EOF
'

test_expect_success 'YAML: importing again changes nothing' '
	circle db dump >before &&
	circle roster import roster.yaml >out &&
	echo "0 added, 0 updated, 3 unchanged" >expect &&
	test_cmp expect out &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'YAML: --group joins, with the role from the file' '
	circle roster import --group monday-circle roster.yaml >/dev/null &&
	test_sql "SELECT m.display_name, s.role FROM membership s JOIN member m
	    ON m.id = s.member_id ORDER BY 1" >actual &&
	printf "%s\n" "Mateo Ruiz|member" "Siobhán O'\''Brien|facilitator" \
	    "Zoë Ng|member" >expect &&
	test_cmp expect actual
'

test_expect_success 'YAML: a bare list of people imports' '
	circle roster import roster-list.yaml >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "display_name = '\''Ana Bell'\'' AND email = '\''ana@example.org'\''")" = 1
'

test_expect_success 'YAML: an alias is refused at its line:column' '
	check_bad roster-alias.yaml 3:5 "aliases (\*name) are not allowed"
'

test_expect_success 'YAML: an anchor is refused at its line:column' '
	printf "members:\n  - &ana\n    name: Ana\n  - *ana\n" >anchor.yaml &&
	check_bad anchor.yaml 2:5 "anchors (&name) are not allowed"
'

test_expect_success 'YAML: an unknown key is refused at its line:column' '
	check_bad roster-bad-key.yaml 4:5 "unknown field \"favourite_colour\""
'

test_expect_success 'YAML: a key given twice, or a field under two names' '
	printf "%s\n" "- name: Uma Vo" "  email: uma@example.org" \
	    "  email: vo@example.org" >twice.yaml &&
	check_bad twice.yaml 3:3 "email: given twice" &&
	printf "%s\n" "- name: Uma Vo" "  display_name: Uma" >twice.yaml &&
	check_bad twice.yaml 2:3 "display_name: the name is given already, on line 1"
'

test_expect_success 'YAML: a list where one value belongs is refused' '
	check_bad roster-nonscalar.yaml 4:7 "email: expected a single value"
'

test_expect_success 'YAML: invalid UTF-8 is refused at its line:column' '
	check_bad roster-bad-utf8.yaml 3:16 "not valid UTF-8"
'

test_expect_success 'YAML: a bad email is refused at its line:column' '
	printf "members:\n  - name: Lu Moss\n    email: lu at example\n" \
	    >bademail.yaml &&
	check_bad bademail.yaml 3:12 "email: \"lu at example\" is not an email"
'

test_expect_success 'YAML: not a list of people is refused' '
	printf "members: everyone\n" >notlist.yaml &&
	check_bad notlist.yaml 1:1 "expected a list of people" &&
	printf "members:\n  - just a name\n" >notmap.yaml &&
	check_bad notmap.yaml 2:5 "expected a person"
'

test_expect_success 'YAML: malformed YAML names line:column' '
	printf "members:\n  - name: [Ana\n" >broken.yaml &&
	circle db dump >before &&
	test_expect_code 65 circle roster import broken.yaml 2>err &&
	test_grep "^circle-roster: broken.yaml:[0-9]*:[0-9]*: " err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'YAML from stdin with --yaml' '
	printf "members:\n  - name: Mo Nash\n" |
	circle roster import --yaml - >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'a 2 MiB YAML file is refused quickly, nothing imported' '
	awk "BEGIN { print \"members:\"; for (i = 0; i < 100000; i++)
	    printf \"  - name: Person %d\n\", i }" >big.yaml &&
	test "$(wc -c <big.yaml)" -ge 2097152 &&
	circle db dump >before &&
	# timeout catches a hang; speed itself is for make bench.
	test_expect_code 65 timeout 5 circle roster import big.yaml 2>err &&
	test_grep "big.yaml: larger than" err &&
	test_expect_code 65 timeout 10 circle roster import --yaml - \
	    <big.yaml 2>err &&
	test_grep "stdin: larger than" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'people who share a name are numbered in turn, import after import' '
	awk "BEGIN { print \"name,email\"; for (i = 1; i <= 40; i++)
	    printf \"Kai Moana,kai%d@example.org\n\", i }" >kai.csv &&
	circle roster import kai.csv >out &&
	echo "40 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	awk "BEGIN { print \"name,email\"; for (i = 41; i <= 50; i++)
	    printf \"Kai Moana,kai%d@example.org\n\", i }" >kai2.csv &&
	circle roster import kai2.csv >out &&
	test_sql "SELECT handle FROM member WHERE display_name = '\''Kai Moana'\''
	    ORDER BY id" >actual &&
	{
		echo kai-m && echo kai-moana &&
		i=2 && while [ $i -le 49 ]; do echo kai-m-$i; i=$((i + 1)); done
	} >expect &&
	test_cmp expect actual
'

test_done
