#!/bin/sh
test_description='names: one spelling (NFC, spaces), folded matching, handles in every script, collation'
. "$(dirname "$0")/test-lib.sh"

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# name_of HANDLE: the stored name, as hex bytes (so NFC shows).
name_hex() {
	test_sql "SELECT hex(display_name) FROM member WHERE handle = '$1'"
}

APOS=\'
NBSP=$(printf '\302\240')
IDSP=$(printf '\343\200\200')
# Íona Ní Bhriain, composed (NFC) and decomposed (NFD, as a Mac types it).
IONA_NFC=$(printf '\303\215ona N\303\255 Bhriain')
IONA_NFD=$(printf 'I\314\201ona Ni\314\201 Bhriain')

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'add stores a name with NBSP, tabs and runs of spaces as one spaced' '
	circle roster add "  Kim${NBSP}${NBSP}Lee  " >out &&
	echo kim-l >expect &&
	test_cmp expect out &&
	test "$(name_hex kim-l)" = "$(printf "Kim Lee" | od -An -tx1 |
	    tr -d " \n" | tr a-f A-F)" &&
	circle roster add "$(printf "Ann\tMarie${IDSP}Byrne")" >out &&
	test "$(test_sql "SELECT display_name FROM member WHERE
	    handle = '\''ann-b'\''")" = "Ann Marie Byrne"
'

test_expect_success 'add stores a decomposed (NFD) name composed (NFC)' '
	circle roster add "$IONA_NFD" >out &&
	echo iona-b >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT display_name FROM member WHERE
	    handle = '\''iona-b'\''")" = "$IONA_NFC"
'

test_expect_success 'edit stores the name and full name clean too' '
	circle roster edit --name "Kim${NBSP}  Lee" \
	    --full-name "$(printf "Kim\tJ.  Lee")" kim-l &&
	test "$(test_sql "SELECT full_name FROM member WHERE
	    handle = '\''kim-l'\''")" = "Kim J. Lee" &&
	test "$(test_sql "SELECT display_name FROM member WHERE
	    handle = '\''kim-l'\''")" = "Kim Lee"
'

test_expect_success 'a name with a control character is still refused, not squeezed' '
	test_expect_code 65 circle roster add "$(printf "Kim\302\205Lee")" \
	    2>err &&
	test_expect_code 65 circle roster add "$(printf "Kim\342\200\250Lee")" \
	    2>>err &&
	test "$(count member "display_name LIKE '\''Kim%Lee'\''")" = 1
'

test_expect_success 'import: NBSP, spaces and NFD spellings of people on the roster add nobody' '
	{
		echo name,pronouns &&
		echo "Kim${NBSP}Lee,they/them" &&
		echo "  Kim   Lee  ," &&
		echo "$IONA_NFD,she/her"
	} >names.csv &&
	n=$(count member) &&
	circle roster import names.csv >out &&
	test "$(count member)" = "$n" &&
	test "$(test_sql "SELECT pronouns FROM member WHERE
	    handle = '\''iona-b'\''")" = she/her &&
	circle roster import names.csv >out &&
	test "$(count member)" = "$n"
'

test_expect_success 'invisible characters a copy leaves in a name are dropped; joiners stay' '
	# From a web page or Word: ZERO WIDTH SPACE, WORD JOINER, a byte
	# order mark inside a cell, SOFT HYPHEN.
	{
		echo name,pronouns &&
		printf "Kim \342\200\213Lee,\n" &&
		printf "\357\273\277Kim\342\201\240 Lee,\n" &&
		printf "Dana\302\255Kay Fox,\n" &&
		printf "Mir\342\200\214hossein Musavi,\n"
	} >invisible.csv &&
	n=$(count member) &&
	circle roster import invisible.csv >out &&
	test "$(count member)" = "$((n + 2))" &&
	test "$(count member "display_name = '\''DanaKay Fox'\''")" = 1 &&
	test "$(test_sql "SELECT hex(display_name) FROM member
	    WHERE display_name LIKE '\''Mir%'\''")" = \
	    "$(printf "Mir\342\200\214hossein Musavi" | od -An -tx1 |
	    tr -d " \n" | tr a-f A-F)" &&
	circle roster show "$(printf "dana\342\200\213kay fox")" >out &&
	test_grep "^name	DanaKay Fox\$" out
'

test_expect_success 'a group name is stored clean' '
	circle group add --handle tc --tz Europe/Dublin \
	    "Tuesday${NBSP}${NBSP}Circle " >/dev/null &&
	test "$(test_sql "SELECT name FROM grp WHERE handle = '\''tc'\''")" = \
	    "Tuesday Circle"
'

test_expect_success 'a group file names its facilitator by any spelling of the name' '
	cat >g.yaml <<-EOF &&
	name: Wednesday Circle
	handle: wc
	tz: Europe/Dublin
	facilitators: ["iona  ni bhriain"]
	EOF
	circle group import g.yaml >out &&
	test "$(test_sql "SELECT m.handle FROM membership p JOIN member m ON
	    m.id = p.member_id JOIN grp g ON g.id = p.grp_id WHERE
	    g.handle = '\''wc'\'' AND p.role = '\''facilitator'\''")" = iona-b
'

# Folded matching: case, accents and spacing aside.
test_expect_success 'show finds a person by their name folded' '
	for ref in "iona ni bhriain" "IONA${NBSP}NI  BHRIAIN" "$IONA_NFD" \
	    "Iona Ni Bhriain"; do
		circle roster show "$ref" >out &&
		grep -q "^handle	iona-b$" out || return 1
	done
'

test_expect_success 'a prefix of the folded name is enough' '
	circle roster show "ion" >out &&
	grep -q "^handle	iona-b$" out
'

test_expect_success 'a name typed without its hyphens, apostrophes and points is found' '
	circle roster add "Bob O${APOS}Neil" >/dev/null &&
	circle roster add "Mary-Jane Smith-Jones" >/dev/null &&
	circle roster add "J.R. Okafor" >/dev/null &&
	for ref in "bob oneil" "Bob ONeil" "boboneil" "bob o neil"; do
		circle roster show "$ref" >out &&
		grep -q "^handle	bob-o$" out || return 1
	done &&
	for ref in "mary jane" "Mary Jane Smith Jones" "maryjane smith"; do
		circle roster show "$ref" >out &&
		grep -q "^handle	mary-j$" out || return 1
	done &&
	circle roster show "jr okafor" >out &&
	grep -q "^handle	j-o$" out
'

test_expect_success 'without them, two people alike are still ambiguous, and a stranger unknown' '
	circle roster add "Bobo Neil" >/dev/null &&
	test_expect_code 1 circle roster show "bob oneil" 2>err &&
	grep -q "ambiguous: bob-o (Bob O${APOS}Neil), bobo-n (Bobo Neil)" err &&
	test_expect_code 1 circle roster show "bobone" 2>err &&
	grep -q "^circle-roster: no member \"bobone\"" err &&
	circle roster add "Joanna Smith" >/dev/null &&
	test_expect_code 1 circle roster show "jo ann" 2>err &&
	grep -q "^circle-roster: no member \"jo ann\"" err &&
	test_expect_code 1 circle roster show "bob oneal" 2>err &&
	grep -q "^circle-roster: no member \"bob oneal\"; did you mean bob-o (Bob O${APOS}Neil), bobo-n (Bobo Neil)?\$" err
'

test_expect_success 'did you mean: near in any case, accents and apostrophe (a phone types ’)' '
	RSQUO=$(printf "\342\200\231") &&
	for ref in "O${RSQUO}NEAL" "o${APOS}neal" "OʼNEAL" "JOANA"; do
		test_expect_code 1 circle roster show "$ref" 2>err &&
		grep -q "^circle-roster: no member \"$ref\"; did you mean " err ||
		return 1
	done &&
	grep -q "did you mean joanna-s (Joanna Smith)?\$" err &&
	test_expect_code 1 circle roster show "O${RSQUO}NEAL" 2>err &&
	grep -q "did you mean bob-o (Bob O${APOS}Neil)?\$" err
'

test_expect_success 'a name folded is ambiguous when two people share it' '
	circle roster add --new "Kím Lee" >/dev/null &&
	test_expect_code 1 circle roster show "kim lee" 2>err &&
	grep -q "ambiguous: kim-l (Kim Lee), kim-lee (Kím Lee)" err
'

test_expect_success 'an exact spelling still wins over a folded one' '
	circle roster show "Kím Lee" >out &&
	grep -q "^handle	kim-lee$" out
'

test_expect_success 'a database whose names are not NFC still matches them' '
	"$SQLITE3" "$CIRCLE_DB" "UPDATE member SET display_name =
	    '\''$IONA_NFD'\'' WHERE handle = '\''iona-b'\''" &&
	test "$(name_hex iona-b)" != "$(test_sql "SELECT hex('\''$IONA_NFC'\'')")" &&
	circle roster show "$IONA_NFC" >out &&
	grep -q "^handle	iona-b$" out &&
	circle roster show "iona ni bhriain" >out &&
	grep -q "^handle	iona-b$" out
'

test_expect_success 'a name the sqlite3 shell changed is folded again by the next write' '
	test "$(test_sql "SELECT name_fold IS NULL FROM member WHERE
	    handle = '\''iona-b'\''")" = 1 &&
	circle roster edit --pronouns she/her kim-l &&
	test "$(test_sql "SELECT name_fold FROM member WHERE
	    handle = '\''iona-b'\''")" = "iona ni bhriain"
'

test_expect_success 'people the sqlite3 shell added are found folded, and folded by a write' '
	test_sql "INSERT INTO member (uid, handle, display_name, created_at,
	    updated_at) VALUES ('\''u-sam'\'', '\''sam-o'\'',
	    '\''Sam O'\'\''Brien'\'', '\''2026-01-01T00:00:00Z'\'',
	    '\''2026-01-01T00:00:00Z'\'')" &&
	circle roster show "SAM  o'\''brien" >out &&
	grep -q "^handle	sam-o$" out &&
	printf "name,pronouns\nsam o'\''brien,he/him\n" >sam.csv &&
	n=$(count member) &&
	circle roster import sam.csv >out 2>err &&
	test "$(count member)" = "$n" &&
	test "$(test_sql "SELECT pronouns || '\''/'\'' || name_fold FROM
	    member WHERE handle = '\''sam-o'\''")" = "he/him/sam o'\''brien"
'

test_expect_success 'circle db migrate folds what the shell wrote, and only that' '
	test_sql "UPDATE member SET display_name = '\''Sam OBrien'\'' WHERE
	    handle = '\''sam-o'\''" &&
	circle db migrate >out &&
	test "$(test_sql "SELECT name_fold FROM member WHERE
	    handle = '\''sam-o'\''")" = "sam obrien" &&
	test "$(count member "name_fold IS NULL")" = 0 &&
	test "$(count command "verb = '\''migrate'\''")" = 0
'

test_expect_success 'import: a name that folds as a person'\''s is them; the roster spelling kept' '
	circle roster add "Zoë Núñez" >/dev/null &&
	printf "name,phone\nZOE  NUNEZ,555-0199\n" >zoe.csv &&
	n=$(count member) &&
	circle roster import --dry-run zoe.csv >out 2>err &&
	test_grep "dry run: would be 0 added, 1 updated, 0 unchanged" out &&
	test_grep "zoe.csv:2: \"ZOE NUNEZ\" is zoe-n, \"Zoë Núñez\" on the roster" err &&
	test_grep "the roster.s spelling kept" err &&
	circle roster import zoe.csv >out 2>err &&
	test_grep "0 added, 1 updated, 0 unchanged" out &&
	test "$(count member)" = "$n" &&
	test "$(test_sql "SELECT display_name || '\''/'\'' || phone FROM member
	    WHERE handle = '\''zoe-n'\''")" = "Zoë Núñez/555-0199"
'

test_expect_success 'import: two people whose names fold alike: 65 naming both, nobody added' '
	printf "name,phone\nkim lee,555-0100\nNew Person,555-0101\n" >kim.csv &&
	n=$(count member) &&
	test_expect_code 65 circle roster import kim.csv >out 2>err &&
	test_grep "kim.csv:2:1.*\"kim lee\" is more than one person on the roster (kim-l, kim-lee)" err &&
	test "$(count member)" = "$n" &&
	printf "name\nKim Lee\n" >kim2.csv &&
	test_expect_code 65 circle roster import kim2.csv 2>err &&
	test_grep "(kim-l, kim-lee)" err &&
	test "$(count member)" = "$n"
'

# Handles in every script.
test_expect_success 'names in other scripts get transliterated handles' '
	cat >expect <<-\EOF &&
	wang-f
	dmitrij-i
	mhmd
	gimminjun
	elene
	priya-s
	yamada-t
	EOF
	for n in 王芳 "Дмитрий Иванов" محمد 김민준 Ελένη "प्रिया शर्मा" \
	    "やまだ たろう"; do
		circle roster add "$n" || return 1
	done >out &&
	test_cmp expect out &&
	! grep -qx "member\|group" out
'

test_expect_success 'the same name again gets the whole name, then a number' '
	circle roster add --new 王芳 >out &&
	echo wang-fang >expect &&
	test_cmp expect out &&
	circle roster add --new 王芳 >out &&
	echo wang-f-2 >expect &&
	test_cmp expect out
'

test_expect_success 'a name with nothing to spell is named after its character, uniquely' '
	circle roster add 🌻 >out &&
	circle roster add --new 🌻 >>out &&
	circle roster add ★ >>out &&
	cat >expect <<-\EOF &&
	sunflower
	sunflower-2
	black-star
	EOF
	test_cmp expect out
'

test_expect_success 'a group named in another script gets a transliterated handle' '
	circle group add --tz Asia/Shanghai 周二小组 >out &&
	echo zhou-er-xiao-zu >expect &&
	test_cmp expect out
'

# Order.
test_expect_success 'setup: a roster to sort' '
	circle --db sort.db init >/dev/null &&
	for n in Zoë Zach 王芳 Íona Émile "ann lee" "Ann Lee" Åsa Bo; do
		circle --db sort.db roster add --new "$n" >/dev/null ||
		    return 1
	done
'

test_expect_success 'roster list sorts by Unicode collation: Íona before Zoë, CJK last' '
	circle --db sort.db roster list | cut -f1,2 >out &&
	cat >expect <<-\EOF &&
	ann-l	ann lee
	ann-lee	Ann Lee
	asa	Åsa
	bo	Bo
	emile	Émile
	iona	Íona
	zach	Zach
	zoe	Zoë
	wang-f	王芳
	EOF
	test_cmp expect out
'

test_expect_success 'a Swedish locale sorts Å after Z' '
	LC_ALL=sv_SE.UTF-8 circle --db sort.db roster list | cut -f2 >out &&
	cat >expect <<-\EOF &&
	ann lee
	Ann Lee
	Bo
	Émile
	Íona
	Zach
	Zoë
	Åsa
	王芳
	EOF
	test_cmp expect out &&
	LC_ALL= LANG=C.UTF-8 LC_COLLATE=sv_SE.UTF-8 \
	    circle --db sort.db roster list | cut -f2 >out &&
	test_cmp expect out
'

test_expect_success 'the group list sorts by name the same way' '
	for n in "Zoë’s group" "Íona’s group" "Group 10" "Group 2"; do
		circle --db sort.db group add --tz Europe/Dublin "$n" \
		    >/dev/null || return 1
	done &&
	circle --db sort.db group list | cut -f2 >out &&
	cat >expect <<-\EOF &&
	Group 2
	Group 10
	Íona’s group
	Zoë’s group
	EOF
	test_cmp expect out
'

test_expect_success 'the members export goes by the same order' '
	for h in $(circle --db sort.db roster list | cut -f1); do
		circle --db sort.db roster join "$h" group-2 || return 1
	done &&
	circle --db sort.db export csv --all members >out.csv &&
	sed 1d out.csv | cut -d, -f2 >out &&
	cat >expect <<-\EOF &&
	ann lee
	Ann Lee
	Åsa
	Bo
	Émile
	Íona
	Zach
	Zoë
	王芳
	EOF
	test_cmp expect out
'

# A CRM's export in capitals ("ANN LEE", "O'NEIL, MARY"): a roster and a
# sign-in sheet show names in capitals and small letters, said once; a
# cell typed with a small letter ("McDONALD") is kept as typed; a sheet in
# capitals marks the people it names.
test_expect_success 'names in capitals from a CRM are written with small letters, said; matched in any case' '
	test_fresh_db &&
	circle group add --handle thu --tz Europe/London "Thursday" >/dev/null &&
	circle session add --group thu 2026-12-01 19:00 >/dev/null &&
	printf "%s\r\n" "Name,Last Name,First Name" \
	    "\"O${APOS}NEIL, MARY\",," ",DE LA CRUZ,JUAN" ",NGUYEN VAN,AN" \
	    ",McDONALD,Ronald" ",MCCARTHY,TJ" ",SMITH-JONES,J" \
	    ",Lee,Ann" >crm.csv &&
	circle roster import --group thu --dry-run crm.csv >out 2>err &&
	echo "circle-roster: crm.csv:2: \"MARY O${APOS}NEIL\" as \"Mary O${APOS}Neil\": names in capitals written with small letters (5 names so in all); a name spelt otherwise (de la Cruz, MacDonald) is mended with circle roster edit --name" >expect &&
	test_grep -F -f expect err &&
	circle roster import --group thu crm.csv >out 2>/dev/null &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "An Nguyen Van" "Ann Lee" "J Smith-Jones" \
	    "Juan De La Cruz" "Mary O${APOS}Neil" "Ronald McDONALD" \
	    "TJ McCarthy" >expect &&
	test_cmp expect actual &&
	printf "%s\r\n" "Date,Name" "2026-12-01,ANN LEE" \
	    "2026-12-01,\"O${APOS}NEIL, MARY\"" "2026-12-01,ronald mcdonald" \
	    >sheet.csv &&
	circle attend import sheet.csv >out &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

# The same CRM file imported again, the person found by email: a name the
# facilitator mended ("Ann MacLeod") is the roster's spelling of the one in
# capitals, and stays; one still as written then ("ANN LEE") is recased.
test_expect_success 'a CRM file imported again keeps a name mended on the roster' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email" "ANN MACLEOD,ann@example.org" \
	    "DE LA CRUZ JUAN,juan@example.org" >crm.csv &&
	circle roster import crm.csv >/dev/null 2>&1 &&
	circle roster add --email bo@example.org "BO LEE" >/dev/null &&
	printf "%s\r\n" "BO LEE,bo@example.org" >>crm.csv &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Macleod" "BO LEE" "De La Cruz Juan" >expect &&
	test_cmp expect actual &&
	circle roster edit --name "Ann MacLeod" "$(test_sql "SELECT handle \
	    FROM member WHERE email = '\''ann@example.org'\''")" >/dev/null &&
	circle roster edit --name "de la Cruz Juan" "$(test_sql "SELECT handle \
	    FROM member WHERE email = '\''juan@example.org'\''")" >/dev/null &&
	circle roster import crm.csv >out 2>err &&
	test_sql "SELECT display_name FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann MacLeod" "Bo Lee" "de la Cruz Juan" >expect &&
	test_cmp expect actual
'

SH=$(printf '\305\236')
SHS=$(printf '\305\237')
DOTLESS=$(printf '\304\261')
EUML=$(printf '\303\253')

# A name kept in capitals (Turkish or Romanian I: "AYŞE YILMAZ") that the
# facilitator mended stays mended when the file comes again; the roster's
# spelling with its accents is kept for the CRM's without ("ZOE BRONTE").
test_expect_success 'a CRM file imported again keeps a name kept in capitals, then mended' '
	test_fresh_db &&
	printf "%s\r\n" "Name,Email" "AY${SH}E YILMAZ,ay@example.org" \
	    "ZOE BRONTE,zoe@example.org" >crm.csv &&
	circle roster import crm.csv >/dev/null 2>&1 &&
	circle roster edit --name "Ay${SHS}e Y${DOTLESS}lmaz" "$(test_sql "SELECT \
	    handle FROM member WHERE email = '\''ay@example.org'\''")" >/dev/null &&
	circle roster edit --name "Zo${EUML} Bront${EUML}" "$(test_sql "SELECT \
	    handle FROM member WHERE email = '\''zoe@example.org'\''")" >/dev/null &&
	circle roster import crm.csv >out 2>err &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name FROM member ORDER BY email" >actual &&
	printf "%s\n" "Ay${SHS}e Y${DOTLESS}lmaz" "Zo${EUML} Bront${EUML}" >expect &&
	test_cmp expect actual
'

test_done
