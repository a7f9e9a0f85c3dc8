#!/bin/sh
test_description='Roster imports of contacts exports (Google, Outlook), names written "Last, First", merged cells over the header, and many unknown columns said at once'
. "$(dirname "$0")/test-lib.sh"

# people: display name, full name, email and phone of everyone.
people() {
	test_sql "SELECT display_name, coalesce(full_name, ''),
	    coalesce(email, ''), coalesce(phone, '') FROM member
	    ORDER BY display_name"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# Google Contacts' "Google CSV": first, middle and last names, a
# nickname, labels, and emails and phones as label and value pairs, two
# numbers of one kind in one cell.
test_expect_success 'Google Contacts: the first email and phone, the nickname, two numbers in a cell' '
	printf "%s\r\n" \
	    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value" \
	    "Rosa,,Quintero,,,,,,Ro,,,,,,Texts only,,* myContacts ::: Thursday,* Home,rosa@example.org,,,Mobile,+1 503-555-0142" \
	    "Tomasz,K,Nowak,,,,,,,,,,,1988-02-11,,,* myContacts,Work,tomasz@example.net,Home,tk@example.org,Mobile,(503) 555-0199 ::: +15035550100" \
	    >google.csv &&
	circle roster import google.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Ro Quintero|Rosa Quintero|rosa@example.org|+1 503-555-0142
	Tomasz Nowak||tomasz@example.net|(503) 555-0199
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_grep "google.csv:3:23: \"(503) 555-0199 ::: +15035550100\": the first kept" err &&
	test_grep "google.csv:1: 17 columns ignored: \"Middle Name\", \"Phonetic First Name\", \"Phonetic Middle Name\", \"Phonetic Last Name\", \"Name Prefix\" and 12 more (--dry-run lists them" err &&
	test $(wc -l <err) = 2
'

test_expect_success 'the dry run lists every column, the ignored ones too' '
	circle roster import --dry-run google.csv >out 2>/dev/null &&
	test_grep "^column 17 \"Labels\": ignored" out &&
	test_grep "^column 19 \"E-mail 1 - Value\" -> email" out &&
	test_grep "^column 23 \"Phone 1 - Value\" -> phone" out
'

# Outlook's "Comma Separated Values" export, as Outlook for Windows
# writes it: Windows-1252, every cell quoted, dozens of columns.
test_expect_success 'Outlook contacts (Windows-1252): the mobile phone, one warning for the rest' '
	{
		printf "%s" "\"First Name\",\"Middle Name\",\"Last Name\",\"Title\",\"Suffix\",\"Nickname\",\"E-mail Address\",\"E-mail 2 Address\",\"Home Phone\",\"Business Phone\",\"Mobile Phone\",\"Primary Phone\",\"Company\",\"Job Title\",\"Home Street\",\"Home City\",\"Home Postal Code\",\"Birthday\",\"Notes\"" &&
		printf "\r\n" &&
		printf "\"Chlo\351\",\"\",\"Dubois\",\"\",\"\",\"\",\"chloe@example.fr\",\"\",\"01632 960001\",\"\",\"07700 900123\",\"\",\"\",\"\",\"1 High St\",\"Leeds\",\"LS1 1AA\",\"\",\"\"\r\n"
	} >outlook.csv &&
	circle roster import --encoding windows-1252 outlook.csv >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(people | grep chloe)" = \
	    "Chloé Dubois||chloe@example.fr|07700 900123" &&
	test_grep "outlook.csv:1: 13 columns ignored: \"Middle Name\", \"Title\", \"Suffix\", \"E-mail 2 Address\", \"Home Phone\" and 8 more" err &&
	test $(wc -l <err) = 1
'

test_expect_success 'five columns ignored or fewer: each at its own place, as before' '
	printf "%s\r\n" "Name,Email,Shoe size,Hat,Coat,Scarf,Gloves" \
	    "Ina Berg,ina@example.org,38,,,," >few.csv &&
	circle roster import few.csv >/dev/null 2>err &&
	test_grep "few.csv:1:3: column \"Shoe size\" ignored (use --map \"Shoe size=FIELD\" to import it)" err &&
	test_grep "few.csv:1:7: column \"Gloves\" ignored" err &&
	test $(wc -l <err) = 5
'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'names written "Last, First" are read as people say them, said once' '
	printf "%s\r\n" "Name,Full name,Email" \
	    "\"Lopez, Maria\",,maria@example.org" \
	    "Jo Bloggs,,jo@example.org" \
	    "\"Okafor,Sam\",\"Okafor, Samuel Chidi\",sam@example.net" \
	    "\"Smith, Jr.\",,smith@example.org" \
	    "\"King, Martin Luther, Jr.\",,mlk@example.org" \
	    "\"Unit 4, Team\",,unit4@example.org" \
	    >lastfirst.csv &&
	circle roster import lastfirst.csv >out 2>err &&
	echo "6 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Jo Bloggs||jo@example.org|
	"King, Martin Luther, Jr."||mlk@example.org|
	Maria Lopez||maria@example.org|
	Sam Okafor|Samuel Chidi Okafor|sam@example.net|
	"Smith, Jr."||smith@example.org|
	"Unit 4, Team"||unit4@example.org|
	EOF
	people | sed "s/^\([^|]*,[^|]*\)|/\"\1\"|/" >actual &&
	test_cmp expect actual &&
	echo "circle-roster: lastfirst.csv:2:1: \"Lopez, Maria\" as \"Maria Lopez\": read as written \"Last, First\" (3 names so in all)" >expect &&
	test_cmp expect err &&
	circle roster show maria-l >/dev/null
'

# A company's contact in a contacts export, "Riverside Clinic, Inc.", is
# its name as written: it was read as "Last, First", "Inc. Riverside
# Clinic".
test_expect_success 'a company name with Inc., LLC or Ltd after its comma is read as written' '
	printf "%s\r\n" "Name,Email" \
	    "\"Riverside Clinic, Inc.\",clinic@example.org" \
	    "\"Hope Counselling, Ltd\",hope@example.org" >company.csv &&
	circle roster import company.csv >out 2>err &&
	test_sql "SELECT display_name FROM member WHERE email IN
	    (\"clinic@example.org\", \"hope@example.org\") ORDER BY 1" >actual &&
	printf "%s\n" "Hope Counselling, Ltd" "Riverside Clinic, Inc." >expect &&
	test_cmp expect actual &&
	! grep -q "Last, First" err
'

test_expect_success 'the same file again: matched, nothing changes' '
	circle roster import lastfirst.csv >out 2>/dev/null &&
	echo "0 added, 0 updated, 6 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

test_expect_success 'merged cells over the header: the header is the row under them' '
	printf "%s\r\n" "Thursday group roster - autumn,,,,," ",,,,," \
	    "Person,,Contact details,,Consent," \
	    "Name,Pronouns,Email,Phone,OK to contact?,Date" \
	    "Rosa Quintero,she/her,rosa@example.org,07700 900123,Yes," \
	    "Tomasz Nowak,,tomasz@example.net,,No," >merged.csv &&
	circle roster import --dry-run merged.csv >out 2>/dev/null &&
	test_grep "^merged.csv: UTF-8, comma-separated, header on line 4 (the 3 lines above it left out: a title)" out &&
	circle roster import merged.csv >out 2>/dev/null &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT pronouns FROM member WHERE email =
	    '\''rosa@example.org'\''")" = she/her
'

test_expect_success 'a header with an empty cell over a row of people keeps that row' '
	printf "%s\r\n" "sep=;" "Name;;Email" "Ina Berg;x;ina@example.org" \
	    "Olu Ade;;olu@example.org" >gap.csv &&
	circle roster import gap.csv >out 2>/dev/null &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	circle roster import --dry-run gap.csv >out 2>/dev/null &&
	test_grep "^gap.csv: UTF-8, semicolon-separated (its sep= line), header on line 2$" out
'

test_done
