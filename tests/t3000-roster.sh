#!/bin/sh
test_description='circle roster: add, list, show, edit, deactivate, join, leave'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# py SCRIPT FILE: run a python check on FILE (sys.argv[1]).
py() {
	/usr/bin/python3 -c "$1" "$2"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db &&
	test "$(count member)" = 0
'

# How handles are made, on a database of its own so that the tests after
# do not hang on it.
test_expect_success 'add prints the handle made from the name' '
	circle --db handles.db init >/dev/null &&
	circle roster --db handles.db add "Alex Rivera" >out &&
	echo alex-r >expect &&
	test_cmp expect out &&
	test "$("$SQLITE3" handles.db "SELECT display_name FROM member
	    WHERE handle = '\''alex-r'\''")" = "Alex Rivera"
'

test_expect_success 'add folds accents and drops punctuation in handles' '
	circle roster --db handles.db add "Zoë O'\''Neil" >out &&
	echo zoe-o >expect &&
	test_cmp expect out
'

test_expect_success 'a clash takes the whole name, then a number' '
	circle roster --db handles.db add "Alex Roberts" >out &&
	echo alex-roberts >expect &&
	test_cmp expect out &&
	circle roster --db handles.db add --new "Alex Rivera" >out &&
	echo alex-rivera >expect &&
	test_cmp expect out &&
	circle roster --db handles.db add --new "Alex Rivera" >out &&
	echo alex-r-2 >expect &&
	test_cmp expect out &&
	test "$("$SQLITE3" handles.db "SELECT count(DISTINCT handle)
	    FROM member")" = 5
'

test_expect_success 'add of a name on the roster (any case, accents, spacing) is refused, nothing added' '
	cp handles.db before.db &&
	for n in "Zoë O'\''Neil" "zoe  o'\''neil" "ZOE O’NEIL"; do
		test_expect_code 65 circle roster --db handles.db add "$n" \
		    >out 2>err &&
		test_must_be_empty out &&
		echo "circle-roster: add: \"$n\" is on the roster already; did you mean zoe-o? give --new to add another person" >expect &&
		test_cmp expect err || return 1
	done &&
	test_expect_code 65 circle roster --db handles.db add "alex rivera" \
	    2>err &&
	test_grep "did you mean alex-r or alex-r-2 or alex-rivera?" err &&
	"$SQLITE3" handles.db "SELECT * FROM member; SELECT count(*) FROM
	    change_log" >after &&
	"$SQLITE3" before.db "SELECT * FROM member; SELECT count(*) FROM
	    change_log" >expect &&
	test_cmp expect after &&
	circle roster --db handles.db add --new "Zoë O'\''Neil" >out &&
	echo zoe-oneil >expect &&
	test_cmp expect out
'

test_expect_success 'add of a name someone has as their full name is refused too' '
	circle roster --db handles.db edit --full-name "Alexandra Roberts" \
	    alex-roberts &&
	test_expect_code 65 circle roster --db handles.db add \
	    "Alexandra Roberts" 2>err &&
	test_grep "did you mean alex-roberts?" err
'

test_expect_success 'add of a first name alone that begins someone.s name is refused; --new adds' '
	cp handles.db before.db &&
	test_expect_code 65 circle roster --db handles.db add "zoë" 2>err &&
	echo "circle-roster: add: \"zoë\" is the first name of zoe-o (Zoë O'\''Neil) or zoe-oneil (Zoë O'\''Neil) on the roster; did you mean one of them? give --new to add another person (or the whole name)" >expect &&
	test_cmp expect err &&
	test_expect_code 65 circle roster --db handles.db add Alexandra 2>err &&
	test_grep "\"Alexandra\" is the first name of alex-roberts (Alex Roberts) on the roster; did you mean them?" err &&
	"$SQLITE3" handles.db "SELECT * FROM member" >after &&
	"$SQLITE3" before.db "SELECT * FROM member" >expect &&
	test_cmp expect after &&
	circle roster --db handles.db add Alexa >out &&
	echo alexa >expect &&
	test_cmp expect out &&
	circle roster --db handles.db add --new Zoe >out &&
	echo zoe >expect &&
	test_cmp expect out
'

test_expect_success 'setup: the roster the other tests use' '
	circle roster add --handle alex-r "Alex Rivera" >/dev/null &&
	circle roster add --handle alex-r-2 "Alex Roberts" >/dev/null &&
	circle roster add --handle alex-r-3 "Alex Ryan" >/dev/null &&
	circle roster add --handle zoe-o "Zoë O'\''Neil" >/dev/null &&
	test "$(count member)" = 4
'

test_expect_success 'add --handle uses the handle given' '
	circle roster add --handle sam "Sam Lee" >out &&
	echo sam >expect &&
	test_cmp expect out
'

test_expect_success 'add --handle that is taken fails with 65, nothing added' '
	circle db dump >before &&
	test_expect_code 65 circle roster add --handle alex-r "Alex Other" \
	    >out 2>err &&
	test_must_be_empty out &&
	test_grep "handle: \"alex-r\" is taken" err &&
	circle db dump >after &&
	test_cmp before after &&
	test "$(count member "display_name = '\''Alex Other'\''")" = 0
'

test_expect_success 'add --handle that is not a handle fails with 65' '
	test_expect_code 65 circle roster add --handle "Bad Handle" "Bea" \
	    2>err &&
	test_grep "handle: \"Bad Handle\" is not a handle" err &&
	test "$(count member "display_name = '\''Bea'\''")" = 0
'

test_expect_success 'add with an email someone has (any case) fails with 65' '
	circle roster add --handle kim-p --email kim@example.org "Kim Park" \
	    >/dev/null &&
	circle db dump >before &&
	test_expect_code 65 circle roster add --email KIM@Example.ORG \
	    "Kim Other" 2>err &&
	test_grep "email: KIM@Example.ORG is already kim-p" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'a bad email, phone, date or consent fails with 65 naming the field' '
	circle db dump >before &&
	test_expect_code 65 circle roster add --email "not-an-email" Bad 2>err &&
	test_grep "^circle-roster: email: \"not-an-email\" is not an email" err &&
	test_expect_code 65 circle roster add --phone "call me" Bad 2>err &&
	test_grep "^circle-roster: phone: \"call me\" is not a phone number" err &&
	test_expect_code 65 circle roster add --consent-on 2026-02-30 Bad \
	    2>err &&
	test_grep "^circle-roster: consent_on: \"2026-02-30\" is not a date" err &&
	test_expect_code 65 circle roster add --consent maybe Bad 2>err &&
	test_grep "^circle-roster: consent: \"maybe\" is not yes or no" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'an empty name fails, nothing added' '
	circle db dump >before &&
	test_expect_code 65 circle roster add "  " 2>err &&
	test_grep "name: must not be empty" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'add stores every field, and logs the add' '
	circle roster add --full-name "Morgan Ellis Quinn" --pronouns they/them \
	    --email morgan@example.org --phone "+1 (555) 010-2334" \
	    --emergency "Pat, 555-0199" --consent yes --consent-on 2026-01-10 \
	    --notes "Prefers texts" --handle morgan-q "Morgan Q" >out &&
	echo morgan-q >expect &&
	test_cmp expect out &&
	test_sql "SELECT full_name, pronouns, email, phone, emergency, consent,
	    consent_on, status, notes FROM member WHERE handle = '\''morgan-q'\''" \
	    >actual &&
	echo "Morgan Ellis Quinn|they/them|morgan@example.org|+1 (555) 010-2334|Pat, 555-0199|1|2026-01-10|active|Prefers texts" >expect &&
	test_cmp expect actual &&
	test "$(count change_log "action = '\''add'\'' AND entity = '\''member'\''
	    AND member_uid = (SELECT uid FROM member
	    WHERE handle = '\''morgan-q'\'')")" = 1
'

test_expect_success 'setup: two groups' '
	circle group add "Tuesday Circle" >/dev/null &&
	circle group add "Thursday Circle" >/dev/null
'

test_expect_success 'add --group --role joins the new person' '
	circle roster add --group tuesday-circle --role facilitator \
	    --handle fran-g "Fran Gale" >out &&
	echo fran-g >expect &&
	test_cmp expect out &&
	test_sql "SELECT g.handle, s.role, s.left_on IS NULL FROM membership s
	    JOIN grp g ON g.id = s.grp_id JOIN member m ON m.id = s.member_id
	    WHERE m.handle = '\''fran-g'\''" >actual &&
	echo "tuesday-circle|facilitator|1" >expect &&
	test_cmp expect actual
'

test_expect_success 'add --role without --group is a usage error' '
	test_expect_code 2 circle roster add --role guest "Gil Hart" 2>err &&
	test_grep "role needs --group" err &&
	test "$(count member "display_name = '\''Gil Hart'\''")" = 0
'

test_expect_success 'add --group that does not exist adds no one' '
	circle db dump >before &&
	test_expect_code 1 circle roster add --group nosuch "Gil Hart" 2>err &&
	test_grep "no group \"nosuch\"" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'add --role that is not a role fails with 65, adds no one' '
	circle db dump >before &&
	test_expect_code 65 circle roster add --group tuesday-circle \
	    --role boss "Gil Hart" 2>err &&
	test_grep "role: \"boss\" is not member, facilitator or guest" err &&
	circle db dump >after &&
	test_cmp before after
'

# The roster so far, active: alex-r alex-r-2 alex-r-3 fran-g kim-p morgan-q
# sam zoe-o.
test_expect_success 'setup: one inactive person' '
	circle roster add --handle ivy-i "Ivy Inactive" >/dev/null &&
	circle roster deactivate ivy-i
'

test_expect_success 'list shows active people only, by name, no contacts' '
	circle roster list >out &&
	cut -f1 out >handles &&
	cat >expect <<-\EOF &&
	alex-r
	alex-r-2
	alex-r-3
	fran-g
	kim-p
	morgan-q
	sam
	zoe-o
	EOF
	test_cmp expect handles &&
	! grep ivy-i out &&
	! grep "@" out &&
	! grep "555" out
'

test_expect_success 'list --all includes inactive people' '
	circle roster list --all >out &&
	test_grep "^ivy-i	Ivy Inactive		inactive" out &&
	test "$(wc -l <out)" = 9
'

test_expect_success 'list --status inactive shows only them' '
	circle roster list --status inactive >out &&
	printf "ivy-i\tIvy Inactive\t\tinactive\t\n" >expect &&
	test_cmp expect out
'

test_expect_success 'list --status with a bad value fails' '
	test_expect_code 65 circle roster list --status gone 2>err &&
	test_grep "status: \"gone\" is not active or inactive" err
'

test_expect_success 'list --group shows the group members' '
	circle roster list --group tuesday-circle >out &&
	printf "fran-g\tFran Gale\t\tactive\ttuesday-circle\n" >expect &&
	test_cmp expect out
'

test_expect_success 'list --with-contacts adds email and phone columns' '
	circle roster list --with-contacts --format tsv >out &&
	test_grep "^morgan-q	Morgan Q	they/them	active		morgan@example.org	+1 (555) 010-2334	yes$" out &&
	test_grep "^kim-p	Kim Park		active		kim@example.org		$" out &&
	circle roster list --with-contacts --format csv >out &&
	head -n 1 out | tr -d "\r" >header &&
	echo "handle,name,pronouns,status,groups,email,phone,consent" >expect &&
	test_cmp expect header
'

test_expect_success 'no format shows an email without --with-contacts' '
	for f in table tsv csv json jsonl; do
		circle roster list --all --format $f >out.$f || return 1
		if grep -e "@example" -e "555" out.$f; then
			echo "contacts in --format $f" >&2
			return 1
		fi
	done
'

test_expect_success 'list --format table: a header and aligned columns' '
	circle roster list --format table --group tuesday-circle >out &&
	head -n 1 out >header &&
	test_grep "^handle  *name  *pronouns  *status  *groups$" header &&
	test_grep "^fran-g  *Fran Gale  *active  *tuesday-circle$" out &&
	test "$(wc -l <out)" = 2
'

test_expect_success 'list --format table aligns names with accents by width' '
	circle roster list --format table >out &&
	# "Zoë O'\''Neil" is 10 columns wide but 11 bytes: the status column
	# starts at the same column in every row.
	col() { grep "^$1 " out | sed "s/active.*//" | wc -c; } &&
	test "$(col alex-r)" = "$(($(col zoe-o) - 1))"
'

test_expect_success 'list --format tsv: no header, tab separated' '
	circle roster list --format tsv --group tuesday-circle >out &&
	printf "fran-g\tFran Gale\t\tactive\ttuesday-circle\n" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: people whose names look like formulas' '
	circle roster add --handle formula "=HYPERLINK(1)" >/dev/null &&
	circle roster add --handle plus "+1" >/dev/null &&
	circle roster add --handle minus -- "-2+3" >/dev/null &&
	circle roster add --handle at "@SUM(A1)" >/dev/null
'

test_expect_success 'list --format csv: RFC 4180, formulas neutralised' '
	circle roster list --format csv >out &&
	tr -d "\r" <out >lf &&
	test_grep "^handle,name,pronouns,status,groups$" lf &&
	test_grep "^formula,'\''=HYPERLINK(1),,active,$" lf &&
	test_grep "^plus,'\''+1,,active,$" lf &&
	test_grep "^minus,'\''-2+3,,active,$" lf &&
	test_grep "^at,'\''@SUM(A1),,active,$" lf &&
	! grep "^[^,]*,=" lf &&
	! grep "^[^,]*,+" lf &&
	# every line ends CRLF
	test "$(grep -c "$(printf "\r")\$" out)" = "$(wc -l <out)"
'

test_expect_success 'list --format csv: a name with a comma and quote is quoted' '
	circle roster add --handle comma "Lee, \"Jo\"" >/dev/null &&
	circle roster list --format csv >out &&
	tr -d "\r" <out >lf &&
	test_grep "^comma,\"Lee, \"\"Jo\"\"\",,active,$" lf &&
	/usr/bin/python3 -c "
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline=\"\")))
assert rows[0] == [\"handle\", \"name\", \"pronouns\", \"status\", \"groups\"]
names = {r[0]: r[1] for r in rows[1:]}
assert names[\"comma\"] == \"Lee, \\\"Jo\\\"\", names[\"comma\"]
assert names[\"formula\"] == \"'\''=HYPERLINK(1)\", names[\"formula\"]
" out
'

test_expect_success 'list --format json is one valid JSON array' '
	circle roster list --format json --with-contacts >out &&
	py "
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list), d
by = {r[\"handle\"]: r for r in d}
assert by[\"morgan-q\"][\"email\"] == \"morgan@example.org\"
assert by[\"morgan-q\"][\"consent\"] is True
assert by[\"zoe-o\"][\"name\"] == \"Zo\u00eb O\x27Neil\"
assert by[\"zoe-o\"][\"pronouns\"] is None
assert by[\"comma\"][\"name\"] == \"Lee, \\\"Jo\\\"\"
assert by[\"formula\"][\"name\"] == \"=HYPERLINK(1)\"
assert \"ivy-i\" not in by
" out &&
	circle roster list --json >out2 &&
	py "
import json, sys
d = json.load(open(sys.argv[1]))
assert all(\"email\" not in r for r in d)
" out2
'

test_expect_success 'list --format jsonl is one JSON object a line' '
	circle roster list --format jsonl >out &&
	test "$(wc -l <out)" = "$(circle roster list --format tsv | wc -l)" &&
	py "
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    assert isinstance(r, dict) and r[\"status\"] == \"active\", r
" out
'

test_expect_success 'a list with no one in it exits 1, in every format' '
	circle group add "Empty Group" >/dev/null &&
	for f in table tsv csv jsonl; do
		test_expect_code 1 circle roster list --group empty-group \
		    --format $f >out || return 1
	done &&
	test_expect_code 1 circle roster list --group empty-group --json >out &&
	py "import json, sys; assert json.load(open(sys.argv[1])) == []" out
'

test_expect_success 'show by handle' '
	circle roster show morgan-q >out &&
	test_grep "^handle	morgan-q$" out &&
	test_grep "^name	Morgan Q$" out &&
	test_grep "^full_name	Morgan Ellis Quinn$" out &&
	test_grep "^email	morgan@example.org$" out &&
	test_grep "^consent	yes$" out &&
	test_grep "^notes	Prefers texts$" out
'

test_expect_success 'show by a unique prefix of the handle' '
	circle roster show morg >out &&
	test_grep "^handle	morgan-q$" out
'

test_expect_success 'show by id' '
	id=$(test_sql "SELECT id FROM member WHERE handle = '\''kim-p'\''") &&
	circle roster show "$id" >out &&
	test_grep "^handle	kim-p$" out &&
	test_grep "^id	$id$" out
'

test_expect_success 'show by the whole name, in any case' '
	circle roster show "kim PARK" >out &&
	test_grep "^handle	kim-p$" out &&
	circle roster show "Zoë O'\''Neil" >out &&
	test_grep "^handle	zoe-o$" out
'

test_expect_success 'show with an ambiguous prefix exits 1 listing the candidates' '
	test_expect_code 1 circle roster show alex >out 2>err &&
	test_must_be_empty out &&
	test_grep "member \"alex\" is ambiguous" err &&
	test_grep "alex-r (Alex Rivera)" err &&
	test_grep "alex-r-2 (Alex Roberts)" err &&
	test_grep "alex-r-3 (Alex Ryan)" err
'

test_expect_success 'show of someone unknown exits 1 suggesting the nearest' '
	test_expect_code 1 circle roster show morgan-w >out 2>err &&
	test_must_be_empty out &&
	test_grep "no member \"morgan-w\"; did you mean morgan-q (Morgan Q)?" err &&
	test_expect_code 1 circle roster show zzzzzzzz 2>err &&
	test_grep "no member \"zzzzzzzz\"" err
'

test_expect_success 'a handle that shares only a letter or two with anyone: no suggestion; a first name one edit off: its person' '
	circle --db lea.db init >/dev/null 2>&1 &&
	circle --db lea.db roster add --handle lea-d "Léa Dubois" >/dev/null &&
	test_expect_code 1 circle --db lea.db roster show alex-r 2>err &&
	echo "circle-roster: no member \"alex-r\"" >expect &&
	test_cmp expect err &&
	test_expect_code 1 circle --db lea.db roster show lea-b 2>err &&
	test_grep "did you mean lea-d (Léa Dubois)?" err &&
	test_expect_code 1 circle roster show morgn 2>err &&
	test_grep "did you mean morgan-q (Morgan Q)?" err
'

test_expect_success 'show --json is one object' '
	circle roster show --json morgan-q >out &&
	py "
import json, sys
d = json.load(open(sys.argv[1]))
assert d[\"handle\"] == \"morgan-q\" and d[\"phone\"] == \"+1 (555) 010-2334\"
assert d[\"consent_on\"] == \"2026-01-10\" and d[\"status\"] == \"active\"
" out
'

test_expect_success 'show lists memberships, current and past' '
	circle roster join --on 2026-01-05 sam tuesday-circle &&
	circle roster leave --on 2026-02-01 sam tuesday-circle &&
	circle roster join --on 2026-03-01 --role guest sam thursday-circle &&
	circle roster show sam >out &&
	test_grep "^groups	thursday-circle$" out &&
	test_grep "^memberships	thursday-circle (guest, 2026-03-01 to now); tuesday-circle (member, 2026-01-05 to 2026-02-01)$" out
'

test_expect_success 'edit changes the fields given and nothing else' '
	circle roster edit --pronouns she/her --phone "555 0101" kim-p >out &&
	echo "kim-p updated" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, pronouns, phone, email FROM member
	    WHERE handle = '\''kim-p'\''" >actual &&
	echo "Kim Park|she/her|555 0101|kim@example.org" >expect &&
	test_cmp expect actual
'

test_expect_success 'edit keeps old and new values in the change log' '
	test_sql "SELECT detail FROM change_log WHERE action = '\''edit'\''
	    ORDER BY id DESC LIMIT 1" >actual &&
	echo "{\"pronouns\":[null,\"she/her\"],\"phone\":[null,\"555 0101\"]}" \
	    >expect &&
	test_cmp expect actual &&
	circle roster edit --name "Kim Parker" kim-p &&
	test_sql "SELECT detail FROM change_log WHERE action = '\''edit'\''
	    ORDER BY id DESC LIMIT 1" >actual &&
	echo "{\"name\":[\"Kim Park\",\"Kim Parker\"]}" >expect &&
	test_cmp expect actual
'

test_expect_success 'edit with "" clears a field' '
	circle roster edit --phone "" --pronouns "" kim-p &&
	test_sql "SELECT phone IS NULL, pronouns IS NULL FROM member
	    WHERE handle = '\''kim-p'\''" >actual &&
	echo "1|1" >expect &&
	test_cmp expect actual &&
	circle roster show kim-p >out &&
	test_grep "^phone	$" out
'

test_expect_success 'edit --name "" is refused: the name is required' '
	test_expect_code 65 circle roster edit --name "" kim-p 2>err &&
	test_grep "name: must not be empty" err &&
	test "$(count member "display_name = '\''Kim Parker'\''")" = 1
'

test_expect_success 'edit --handle renames; the old handle is gone' '
	circle roster edit --handle kim kim-p &&
	circle roster show kim >out &&
	test_grep "^name	Kim Parker$" out &&
	test "$(count member "handle = '\''kim-p'\''")" = 0 &&
	test_sql "SELECT detail FROM change_log WHERE action = '\''edit'\''
	    ORDER BY id DESC LIMIT 1" >actual &&
	echo "{\"handle\":[\"kim-p\",\"kim\"]}" >expect &&
	test_cmp expect actual
'

test_expect_success 'edit --handle to a taken one fails with 65, changes nothing' '
	circle db dump >before &&
	test_expect_code 65 circle roster edit --handle sam --name X kim 2>err &&
	test_grep "handle: \"sam\" is taken" err &&
	test "$(count member "handle = '\''kim'\'' AND display_name = '\''Kim Parker'\''")" = 1 &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'edit --email to someone else'\''s fails with 65' '
	test_expect_code 65 circle roster edit --email MORGAN@example.org kim \
	    2>err &&
	test_grep "email: MORGAN@example.org is already morgan-q" err &&
	test_sql "SELECT email FROM member WHERE handle = '\''kim'\''" >actual &&
	echo kim@example.org >expect &&
	test_cmp expect actual
'

test_expect_success 'edit with a bad value fails with 65, the others unchanged' '
	test_expect_code 65 circle roster edit --pronouns they --consent-on \
	    2026-13-01 kim 2>err &&
	test_grep "consent_on: \"2026-13-01\" is not a date" err &&
	test "$(count member "handle = '\''kim'\'' AND pronouns IS NULL")" = 1
'

test_expect_success 'edit with nothing to change is a usage error' '
	test_expect_code 2 circle roster edit kim 2>err &&
	test_grep "nothing to change" err
'

test_expect_success 'edit to the values already there changes nothing, exits 1' '
	circle db dump >before &&
	test_expect_code 1 circle roster edit --name "Kim Parker" kim 2>err &&
	test_grep "kim: nothing to change" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'edit --group is refused: groups are join and leave' '
	test_expect_code 2 circle roster edit --group thursday-circle kim 2>err &&
	test_grep "join" err
'

test_expect_success 'deactivate hides a person from list, keeps them' '
	circle roster deactivate alex-r-3 &&
	! circle roster list | grep alex-r-3 &&
	circle roster list --status inactive >out &&
	test_grep "^alex-r-3	" out &&
	circle roster show alex-r-3 >out &&
	test_grep "^status	inactive$" out &&
	test "$(count change_log "action = '\''deactivate'\''")" = 2
'

test_expect_success 'deactivate twice is an error' '
	test_expect_code 1 circle roster deactivate alex-r-3 2>err &&
	test_grep "alex-r-3 is already inactive" err &&
	test "$(count change_log "action = '\''deactivate'\''")" = 2
'

test_expect_success 'reactivate brings them back; twice is an error' '
	circle roster reactivate alex-r-3 &&
	circle roster list >out &&
	test_grep "^alex-r-3	" out &&
	test_expect_code 1 circle roster reactivate alex-r-3 2>err &&
	test_grep "alex-r-3 is already active" err
'

test_expect_success 'deactivate of someone unknown exits 1' '
	test_expect_code 1 circle roster deactivate nobody-here 2>err &&
	test_grep "no member \"nobody-here\"" err
'

test_expect_success 'join needs the group when there are several' '
	test_expect_code 2 circle roster join morgan-q 2>err &&
	test_grep "which group?" err &&
	test_grep "thursday-circle" err &&
	test_grep "tuesday-circle" err &&
	test "$(count membership "member_id = (SELECT id FROM member
	    WHERE handle = '\''morgan-q'\'')")" = 0
'

test_expect_success 'join with a role and a date' '
	circle roster join --role facilitator --on 2026-01-06 morgan-q \
	    tuesday-circle &&
	test_sql "SELECT s.role, s.joined_on, s.left_on IS NULL FROM
	    membership s JOIN member m ON m.id = s.member_id
	    WHERE m.handle = '\''morgan-q'\''" >actual &&
	echo "facilitator|2026-01-06|1" >expect &&
	test_cmp expect actual &&
	circle roster list --group tuesday-circle >out &&
	test_grep "^morgan-q	" out
'

test_expect_success 'join again as the same is an error; with a new role changes it' '
	test_expect_code 1 circle roster join morgan-q tuesday-circle 2>err &&
	test_grep "morgan-q is already in tuesday-circle" err &&
	circle roster join --role member morgan-q tuesday-circle &&
	test_sql "SELECT role FROM membership s JOIN member m ON
	    m.id = s.member_id WHERE m.handle = '\''morgan-q'\''" >actual &&
	echo member >expect &&
	test_cmp expect actual &&
	test_sql "SELECT detail FROM change_log WHERE action = '\''role'\''" \
	    >actual &&
	echo "{\"group\":\"tuesday-circle\",\"role\":[\"facilitator\",\"member\"]}" \
	    >expect &&
	test_cmp expect actual
'

test_expect_success 'join with a bad role or date fails with 65' '
	test_expect_code 65 circle roster join --role boss kim tuesday-circle \
	    2>err &&
	test_grep "role: \"boss\" is not member, facilitator or guest" err &&
	test_expect_code 65 circle roster join --on 2026-02-30 kim \
	    tuesday-circle 2>err &&
	test_grep "\"2026-02-30\" is not a date" err &&
	test "$(count membership "member_id = (SELECT id FROM member
	    WHERE handle = '\''kim'\'')")" = 0
'

test_expect_success 'leave before the joining date is refused' '
	test_expect_code 1 circle roster leave --on 2026-01-01 morgan-q \
	    tuesday-circle 2>err &&
	test_grep "morgan-q is not in tuesday-circle on that date" err &&
	test "$(count membership "left_on IS NOT NULL AND member_id =
	    (SELECT id FROM member WHERE handle = '\''morgan-q'\'')")" = 0
'

test_expect_success 'leave on a date ends the membership' '
	circle roster leave --on 2026-04-30 morgan-q tuesday-circle &&
	test_sql "SELECT joined_on, left_on FROM membership s JOIN member m ON
	    m.id = s.member_id WHERE m.handle = '\''morgan-q'\''" >actual &&
	echo "2026-01-06|2026-04-30" >expect &&
	test_cmp expect actual &&
	! circle roster list --group tuesday-circle | grep morgan-q &&
	circle roster list --all --group tuesday-circle >out &&
	test_grep "^morgan-q	" out
'

test_expect_success 'leave a group one is not in is an error' '
	test_expect_code 1 circle roster leave morgan-q tuesday-circle 2>err &&
	test_grep "morgan-q is not in tuesday-circle" err
'

test_expect_success 'rejoin after leaving makes a new membership' '
	circle roster join --on 2026-06-01 morgan-q tuesday-circle &&
	test_sql "SELECT joined_on, coalesce(left_on, '\''now'\'') FROM
	    membership s JOIN member m ON m.id = s.member_id
	    WHERE m.handle = '\''morgan-q'\'' ORDER BY joined_on" >actual &&
	printf "2026-01-06|2026-04-30\n2026-06-01|now\n" >expect &&
	test_cmp expect actual &&
	circle roster show morgan-q >out &&
	test_grep "^memberships	tuesday-circle (member, 2026-06-01 to now); tuesday-circle (member, 2026-01-06 to 2026-04-30)$" out
'

test_expect_success 'rejoining on a date inside the last membership is refused' '
	circle roster join --on 2026-01-05 kim thursday-circle &&
	circle roster leave --on 2026-02-01 kim thursday-circle &&
	test_expect_code 1 circle roster join --on 2026-01-15 kim \
	    thursday-circle 2>err &&
	test_grep "2026-01-15 is before the end of the last membership" err &&
	test "$(count membership "member_id = (SELECT id FROM member
	    WHERE handle = '\''kim'\'')")" = 1
'

test_expect_success 'join and leave of an unknown group or person exit 1' '
	test_expect_code 1 circle roster join kim nosuch-group 2>err &&
	test_grep "no group \"nosuch-group\"" err &&
	test_expect_code 1 circle roster join nobody-here tuesday-circle 2>err &&
	test_grep "no member \"nobody-here\"" err
'

test_expect_success 'with one group, the group may be left out' '
	export CIRCLE_DB="$TRASH/one.db" &&
	circle init >/dev/null &&
	circle group add "Only Group" >/dev/null &&
	circle roster add --handle pat-s "Pat Solo" >/dev/null &&
	circle roster join --role guest pat-s &&
	circle roster show pat-s >out &&
	test_grep "^groups	only-group$" out &&
	test_grep "^memberships	only-group (guest, " out &&
	circle roster leave pat-s &&
	circle roster show pat-s >out &&
	test_grep "^groups	$" out
'

test_expect_success 'with no group at all, join says to add one' '
	export CIRCLE_DB="$TRASH/none.db" &&
	circle init >/dev/null &&
	circle roster add --handle pat-s "Pat Solo" >/dev/null &&
	test_expect_code 1 circle roster join pat-s 2>err &&
	test_grep "no groups yet" err
'

# A join or a leave given no date is on today where the group meets: at
# any hour, one of these two zones (UTC+14, UTC-11) is on another day than
# UTC.  The date is taken before and after, in case midnight passes.
test_expect_success 'a join or a leave without a date is on today in the group'"'"'s zone' '
	export CIRCLE_DB="$TRASH/zones.db" &&
	circle init >/dev/null &&
	circle group add --tz Pacific/Kiritimati "Line Islands" >/dev/null &&
	circle group add --tz Pacific/Pago_Pago "Samoa Circle" >/dev/null &&
	printf "Name\nAda Ray\nBo Lin\n" >zones.csv &&
	for g in line-islands samoa-circle; do
		case $g in
		line-islands) z=Pacific/Kiritimati ;;
		*) z=Pacific/Pago_Pago ;;
		esac &&
		before=$(TZ=$z date +%F) &&
		circle roster import --group $g zones.csv >/dev/null &&
		circle roster leave bo-l $g >/dev/null &&
		after=$(TZ=$z date +%F) &&
		for w in joined_on left_on; do
			test_sql "SELECT DISTINCT $w FROM membership m JOIN grp g
			    ON g.id = m.grp_id WHERE g.handle = '"'"'$g'"'"' AND
			    $w IS NOT NULL" >on &&
			test "$(wc -l <on)" = 1 &&
			{ test "$(cat on)" = "$before" ||
			  test "$(cat on)" = "$after"; } || return 1
		done
	done
'

test_done
