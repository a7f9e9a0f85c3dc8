#!/bin/sh
test_description='Roster imports of vCard files (.vcf): Android 2.1, iOS and Google 3.0, 4.0, read as the contacts CSV is'
. "$(dirname "$0")/test-lib.sh"

# people: display name, full name, email, phone and notes of everyone.
people() {
	test_sql "SELECT display_name, coalesce(full_name, ''),
	    coalesce(email, ''), coalesce(phone, ''),
	    replace(coalesce(notes, ''), char(10), '/') FROM member
	    ORDER BY display_name"
}

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# iOS and Google write 3.0: CRLF, lines folded at 75 octets with a
# space, backslash escapes, item1. groups with an X-ABLabel, TYPE
# parameters repeated, type=pref on the preferred value, a PHOTO.
test_expect_success 'vCard 3.0 (iOS, Google): folded lines, escapes, groups, the preferred email' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:3.0" "PRODID:-//Apple Inc.//iPhone OS 17.1//EN" \
	    "N:Quintero;Rosa;;;" "FN:Rosa Quintero" "NICKNAME:Ro" \
	    "item1.EMAIL;type=INTERNET;type=HOME:rosa@example.org" \
	    "item1.X-ABLabel:_\$!<Other>!\$_" \
	    "EMAIL;type=INTERNET;type=WORK;type=pref:rq@work.examp" \
	    " le.org" \
	    "TEL;type=CELL;type=VOICE;type=pref:+1 503-555-0142" \
	    "TEL;type=HOME;type=VOICE:(503) 555-0100" \
	    "NOTE:Texts only\\, please\\nThursdays; back slash \\\\ kept" \
	    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAA" \
	    " AAgAAYdpAAQAAAABAAAAGgAAAAAAA6ABAAMAAAABAAEAAKACAAQAAAABAAAAAaADAAQAAAABAAA" \
	    "END:VCARD" \
	    "BEGIN:VCARD" "VERSION:3.0" "N:Nowak;Tomasz;K;;" "FN:Tomasz Nowak" \
	    "EMAIL;type=INTERNET:tomasz@example.net" "END:VCARD" >ios.vcf &&
	circle roster import ios.vcf >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Ro Quintero|Rosa Quintero|rq@work.example.org|+1 503-555-0142|Texts only, please/Thursdays; back slash \ kept
	Tomasz Nowak||tomasz@example.net||
	EOF
	people >actual &&
	test_cmp expect actual &&
	cat >expect <<-\EOF &&
	circle-roster: ios.vcf:9:5: "rq@work.example.org ::: rosa@example.org": the first kept (a contacts export'"'"'s values of one kind, " ::: " between them)
	EOF
	test_cmp expect err
'

test_expect_success 'the dry run says what the file is and its columns' '
	circle roster import --dry-run ios.vcf >out 2>/dev/null &&
	test_grep "^ios.vcf: vCard 3.0, 2 cards, read as a table of a row a card$" out &&
	test_grep "^column 2 \"Given name\" -> first_name$" out &&
	test_grep "^column 5 \"Email\" -> email$" out &&
	test_grep "^dry run: would be 0 added, 0 updated, 2 unchanged$" out
'

test_expect_success 'the same file on standard input' '
	circle roster import - <ios.vcf >out 2>/dev/null &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# Android's 2.1 export: quoted-printable UTF-8 with "=" soft line breaks
# (the next line not indented), CHARSET=UTF-8, a BASE64 PHOTO folded
# and ended by a blank line, TEL;CELL bare types, no FN on one card.
test_expect_success 'vCard 2.1 (Android): quoted-printable, soft line breaks, no FN, a photo skipped' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:2.1" \
	    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dubois;Chlo=C3=A9;;;" \
	    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Chlo=C3=A9 Dubois" \
	    "TEL;CELL;PREF:07700 900123" "EMAIL;HOME:chloe@example.fr" \
	    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Pr=C3=A9f=C3=A8re les SMS=0D=0A=" \
	    "le jeudi, =C3=A0 partir de 19h" \
	    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgID" \
	    " AwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD" \
	    "" "END:VCARD" \
	    "BEGIN:VCARD" "VERSION:2.1" \
	    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=BC=9F;;;" \
	    "TEL;CELL:+86 138 0013 8000" "END:VCARD" >android.vcf &&
	circle roster import android.vcf >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	Chloé Dubois||chloe@example.fr|07700 900123|Préfère les SMS/le jeudi, à partir de 19h
	伟 张|||+86 138 0013 8000|
	EOF
	people >actual &&
	test_cmp expect actual
'

test_expect_success 'vCard 2.1 in another CHARSET, decoded' '
	printf "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nEMAIL:jm@example.de\r\nEND:VCARD\r\n" >latin.vcf &&
	circle roster import latin.vcf >out 2>err &&
	test "$(test_sql "SELECT display_name FROM member WHERE email = '\''jm@example.de'\''")" = "Jürgen Müller"
'

test_expect_success 'setup: a fresh database' '
	test_fresh_db
'

# 4.0: PREF=1, TYPE lists, tel: URIs, a BOM, LF line ends, a NICKNAME
# list, an AGENT card inside a 2.1 card left out.
test_expect_success 'vCard 4.0 with a BOM, PREF=1, tel: URIs; blank lines between cards' '
	{
		printf "\357\273\277" &&
		printf "%s\n" "BEGIN:VCARD" "VERSION:4.0" "FN:Sam Okafor" \
		    "N:Okafor;Samuel;Chidi;;" "NICKNAME:Sammy,Sam O" \
		    "EMAIL;TYPE=work:sam@work.example" \
		    "EMAIL;PREF=1;TYPE=home:sam@example.net" \
		    "TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+44-7700-900456" \
		    "END:VCARD" "" \
		    "BEGIN:VCARD" "VERSION:2.1" "N:Ade;Olu" "FN:Olu Ade" \
		    "AGENT:" "BEGIN:VCARD" "VERSION:2.1" "FN:Assistant" \
		    "EMAIL:assistant@example.org" "END:VCARD" \
		    "EMAIL:olu@example.org" "END:VCARD"
	} >v4.vcf &&
	circle roster import v4.vcf >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	cat >expect <<-\EOF &&
	Olu Ade||olu@example.org||
	Sammy Okafor|Samuel Okafor|sam@example.net|+44-7700-900456|
	EOF
	people >actual &&
	test_cmp expect actual &&
	test_grep "v4.vcf:7:5: \"sam@example.net ::: sam@work.example\": the first kept" err &&
	circle roster import --dry-run v4.vcf >out 2>/dev/null &&
	test_grep "^v4.vcf: vCard 2.1 and 4.0, 2 cards," out
'

test_expect_success 'a card without a name: an error naming the card, nothing written' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:3.0" "FN:Ina Berg" \
	    "EMAIL:ina@example.org" "END:VCARD" \
	    "BEGIN:VCARD" "VERSION:3.0" "N:;;;;" "FN:" "ORG:Pizza Place;" \
	    "TEL:555-0100" "END:VCARD" \
	    "BEGIN:VCARD" "VERSION:3.0" "ORG:Plumber" "END:VCARD" >noname.vcf &&
	nothing_written circle roster import noname.vcf &&
	test_grep "noname.vcf:6: card 2 has no name (no FN, N or NICKNAME)" err &&
	test_grep "noname.vcf:13: card 3 has no name" err
'

test_expect_success 'a bad email is placed at its line, as a CSV cell is' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:3.0" "FN:Ina Berg" \
	    "EMAIL:ina at example" "END:VCARD" >bademail.vcf &&
	nothing_written circle roster import bademail.vcf &&
	test_grep "bademail.vcf:4:5 (Email): " err
'

test_expect_success 'a card not ended: refused, nothing written' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:3.0" "FN:Ina Berg" "END:VCARD" \
	    "BEGIN:VCARD" "VERSION:3.0" "FN:Olu Ade" >cut.vcf &&
	nothing_written circle roster import cut.vcf &&
	test_grep "cut.vcf:7: card 2 (begun on line 5) has no END:VCARD" err &&
	printf "%s\r\n" "BEGIN:VCARD" "FN:Ina Berg" "BEGIN:VCARD" \
	    "FN:Olu Ade" "END:VCARD" >twice.vcf &&
	nothing_written circle roster import twice.vcf &&
	test_grep "twice.vcf:3: BEGIN:VCARD inside card 1 (begun on line 1), which has no END:VCARD" err
'

test_expect_success 'text that is no property, outside or inside a card: refused' '
	printf "%s\r\n" "BEGIN:VCARD" "FN:Ina Berg" "END:VCARD" "hello" >outside.vcf &&
	nothing_written circle roster import outside.vcf &&
	test_grep "outside.vcf:4: \"hello\" outside a card" err &&
	printf "%s\r\n" "BEGIN:VCARD" "FN:Ina Berg" "just words" "END:VCARD" >inside.vcf &&
	nothing_written circle roster import inside.vcf &&
	test_grep "inside.vcf:3: \"just words\" in card 1 is not a vCard property" err &&
	printf "%s\r\n" "BEGIN:VCARD" "FN:Ina Berg" "END:VCARD" "END:VCARD" >end.vcf &&
	nothing_written circle roster import end.vcf &&
	test_grep "end.vcf:4: END:VCARD without a BEGIN:VCARD" err
'

test_expect_success 'a .vcf that is not a vCard, and a vCard on stdin' '
	printf "Name,Email\r\nIna Berg,ina@example.org\r\n" >notvcard.vcf &&
	nothing_written circle roster import notvcard.vcf &&
	test_grep "notvcard.vcf: not a vCard file: it does not begin with BEGIN:VCARD" err &&
	printf "%s\r\n" "BEGIN:VCARD" "FN:Ina Berg" "END:VCARD" |
	circle roster import --dry-run - >out 2>/dev/null &&
	test_grep "^stdin: vCard, 1 card," out
'

test_expect_success 'caps: a property over 1 MiB, over 100000 cards' '
	{
		printf "BEGIN:VCARD\r\nFN:" &&
		head -c 1100000 /dev/zero | tr "\0" a &&
		printf "\r\nEND:VCARD\r\n"
	} >long.vcf &&
	nothing_written circle roster import long.vcf &&
	test_grep "long.vcf:2: FN of card 1 is over 1 MiB long" err &&
	{
		printf "BEGIN:VCARD\r\nFN:Ina Berg\r\nPHOTO;ENCODING=BASE64:" &&
		head -c 1100000 /dev/zero | tr "\0" A &&
		printf "\r\nEND:VCARD\r\n"
	} >photo.vcf &&
	circle roster import --dry-run photo.vcf >out 2>/dev/null &&
	test_grep "would be 1 added" out &&
	awk "BEGIN { for (i = 0; i <= 100000; i++) printf \"BEGIN:VCARD\r\nFN:P%d\r\nEND:VCARD\r\n\", i }" >many.vcf &&
	nothing_written circle roster import many.vcf &&
	test_grep "many.vcf: over 100000 cards" err
'

test_expect_success 'UTF-16 (Windows) with its BOM is read' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:3.0" "FN:Zoë Lane" \
	    "EMAIL:zoe@example.org" "END:VCARD" |
	iconv -f UTF-8 -t UTF-16 >u16.vcf &&
	circle roster import --dry-run u16.vcf >out 2>/dev/null &&
	test_grep "^u16.vcf: vCard 3.0, 1 card, UTF-16" out &&
	test_grep "would be 1 added" out
'

test_expect_success 'vCard 4.0: PREF=1 before PREF=2, a name'"'"'s blanks trimmed' '
	printf "%s\r\n" "BEGIN:VCARD" "VERSION:4.0" "FN:  Pat Quinn  " \
	    "EMAIL;PREF=2:two@example.org" "EMAIL;PREF=1:one@example.org" \
	    "END:VCARD" >pref.vcf &&
	circle roster import pref.vcf >out 2>err &&
	people >actual &&
	grep "^Pat Quinn||one@example.org||\$" actual
'

test_done
