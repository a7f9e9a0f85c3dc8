#!/bin/sh
test_description='CSV imports of files as Excel, Google Sheets, Numbers and LibreOffice make them'
. "$(dirname "$0")/test-lib.sh"

# The files are written byte by byte as each program writes them: Python
# encodes the UTF-16 ones (its codec, not the iconv circle reads them with).

# count TABLE [WHERE]: the number of rows, from the database itself.
count() {
	test_sql "SELECT count(*) FROM $1${2:+ WHERE $2}"
}

# names: display name, full name, email and consent date of everyone.
names() {
	test_sql "SELECT display_name, coalesce(full_name, ''),
	    coalesce(email, ''), coalesce(consent, ''),
	    coalesce(consent_on, '') FROM member ORDER BY email"
}

# bytes ENCODING BOM FILE: the UTF-8 text on stdin, encoded, after BOM
# (hex, or "" for none).
bytes() {
	/usr/bin/python3 -c '
import sys
text = sys.stdin.buffer.read().decode("utf-8")
data = bytes.fromhex(sys.argv[2]) + text.encode(sys.argv[1])
open(sys.argv[3], "wb").write(data)' "$@"
}

# two_groups: a fresh database with groups wed and mon.
two_groups() {
	test_fresh_db &&
	circle group add --handle wed --tz Europe/Dublin \
	    "Wednesday survivors" >/dev/null &&
	circle group add --handle mon --tz Europe/Dublin "Monday Circle" \
	    >/dev/null
}

test_expect_success 'setup: a fresh database, two groups' '
	two_groups
'

test_expect_success 'Excel "Unicode Text": UTF-16LE with a BOM, tabs, a cell over two lines' '
	printf "%s\r\n" "Name	E-mail	Notes" \
	    "Zoë Ng	zoe@example.org	\"Tea, not coffee" \
	    "and quiet\"" \
	    "Siobhán O’Brien	sio@example.org	" |
	bytes utf-16-le fffe unicode.txt &&
	test "$(head -c 4 unicode.txt | od -An -tx1 | tr -d " ")" = fffe4e00 &&
	circle roster import unicode.txt >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	names >actual &&
	printf "%s\n" "Siobhán O’Brien||sio@example.org||" \
	    "Zoë Ng||zoe@example.org||" >expect &&
	test_cmp expect actual &&
	test_sql "SELECT notes FROM member WHERE email = '\''zoe@example.org'\''" \
	    >actual &&
	printf "Tea, not coffee\nand quiet\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'UTF-16BE with a BOM, and UTF-16LE without one, read the same' '
	printf "Name,Email\r\nZoë Ng,zoe@example.org\r\n" |
	bytes utf-16-be feff be.csv &&
	circle roster import be.csv >out &&
	echo "0 added, 0 updated, 1 unchanged" >expect &&
	test_cmp expect out &&
	printf "Name,Email\r\nZoë Ng,zoe@example.org\r\n" |
	bytes utf-16-le "" nobom.csv &&
	circle roster import nobom.csv >out &&
	test_cmp expect out
'

test_expect_success 'Excel CSV on Windows (Windows-1252): refused with the byte, its place and the fix' '
	printf "Name,Email\r\nAnn Oak,ann@example.org\r\nZo\353 Ng,zoe2@example.org\r\nSiobh\341n Ray,sr@example.org\r\n" \
	    >win.csv &&
	nothing_written circle roster import win.csv &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	circle-roster: win.csv:3:1 (Name): not valid UTF-8 (byte 0xEB): "Zoë" as windows-1252 (Excel'\''s "CSV (Comma delimited)" on Windows), "ZoÎ" as macintosh (Excel'\''s "CSV (Macintosh)"), "ZoÙ" as cp850 (Excel'\''s "CSV (MS-DOS)"); give --encoding with the one that reads right, or save it from Excel as "CSV UTF-8"
	EOF
	test_cmp expect err
'

test_expect_success '--encoding windows-1252 reads it' '
	circle roster import --encoding windows-1252 win.csv >out &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "display_name = '\''Zoë Ng'\'' AND email = '\''zoe2@example.org'\''")" = 1 &&
	test "$(count member "display_name = '\''Siobhán Ray'\''")" = 1
'

test_expect_success 'a byte the encoding has no character for names its line' '
	printf "Name\r\nAnn\r\nBo\201\r\n" >undef.csv &&
	nothing_written circle roster import --encoding cp1252 undef.csv &&
	test_grep "^circle-roster: undef.csv:3: byte 0x81 is not cp1252 text" err
'

test_expect_success 'Excel "CSV (Comma delimited)": the euro sign and accents of Windows-1252' '
	printf "Name,Email,Notes\r\nRen\351e Fa\374,rf@example.org,paid 5 \200\r\n" \
	    >euro.csv &&
	circle roster import --encoding windows-1252 euro.csv >out &&
	test_sql "SELECT display_name, notes FROM member WHERE
	    email = '\''rf@example.org'\''" >actual &&
	echo "Renée Faü|paid 5 €" >expect &&
	test_cmp expect actual
'

test_expect_success 'Excel "CSV (MS-DOS)": code page 850, each reading named, then read with --encoding cp850' '
	printf "Name,Email\r\nFran\207ois D\201rr,fd@example.org\r\n" >dos.csv &&
	nothing_written circle roster import dos.csv &&
	test_grep "dos.csv:2:1 (Name): not valid UTF-8 (byte 0x87): \"Fran‡ois\" as windows-1252 .*, \"François\" as cp850 (Excel'\''s \"CSV (MS-DOS)\"); give --encoding with the one that reads right" err &&
	circle roster import --encoding cp850 dos.csv >out &&
	test "$(count member "display_name = '\''François Dürr'\''")" = 1
'

test_expect_success 'an old Mac file: Mac Roman, lines ending in CR alone' '
	printf "Name,Email\rJos\216 Mart\222n,jm@example.org\r" >mac.csv &&
	circle roster import --encoding macintosh mac.csv >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "display_name = '\''José Martín'\''")" = 1
'

test_expect_success 'an unknown --encoding is a usage error; a BOM that disagrees is refused' '
	test_expect_code 2 circle roster import --encoding klingon win.csv \
	    2>err &&
	test_grep "encoding klingon: not an encoding this system knows" err &&
	nothing_written circle roster import --encoding windows-1252 \
	    unicode.txt &&
	test_grep "begins with a UTF-16LE byte order mark, so it is not windows-1252" err
'

test_expect_success 'a workbook cut short says so; one circle does not read says what it is and how to save it as CSV' '
	printf "PK\003\004\024\000\006\000\010\000\000\000!\000b\356\235h^\001\000\000\220\004\000\000\023\000\010\002[Content_Types].xml" \
	    >roster.xlsx &&
	nothing_written circle roster import roster.xlsx &&
	test_grep "^circle-roster: roster.xlsx: an Excel workbook cut short or damaged (.*); open it in Excel and save it again, or save it as CSV$" err &&
	nothing_written circle roster import - <roster.xlsx &&
	test_grep "^circle-roster: stdin: an Excel workbook cut short or damaged (.*); open it in Excel and save it again, or save it as CSV$" err &&
	printf "\320\317\021\340\241\261\032\341\000\000" >roster.csv &&
	nothing_written circle attend import roster.csv &&
	test_grep "roster.csv: an Excel 97-2003 workbook (.xls), an old format circle does not read; open it in Excel and save it as \"Excel Workbook (\*.xlsx)\"" err &&
	printf "PK\003\004\024\000\000\010\000\000mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK" \
	    >roster.ods &&
	nothing_written circle roster import roster.ods &&
	test_grep "^circle-roster: roster.ods: an OpenDocument spreadsheet cut short or damaged (.*); open it in LibreOffice Calc and save it again, or save it as CSV$" err
'

test_expect_success 'setup: a fresh database, two groups' '
	two_groups
'

test_expect_success 'European Excel: semicolons after a sep=; line, day-first dates, OK to contact?' '
	printf "%s\r\n" "sep=;" \
	    "First name;Last name;Preferred name;E-mail;OK to contact?;Consent date;Group;Shoe size" \
	    "José;Hernández;Pepe;jose@example.org;yes;24/11/2026;Wednesday survivors;42" \
	    "Kim;Lee;;kim@example.org;no;13/04/2026;\"wed; Monday Circle\";40" \
	    >excel-eu.csv &&
	circle roster import --dry-run excel-eu.csv >out &&
	cat >expect <<-\EOF &&
	excel-eu.csv: UTF-8, semicolon-separated (its sep= line), header on line 2
	column 1 "First name" -> first_name
	column 2 "Last name" -> last_name
	column 3 "Preferred name" -> preferred_name
	column 4 "E-mail" -> email
	column 5 "OK to contact?" -> consent
	column 6 "Consent date" -> consent_on
	column 7 "Group" -> group
	column 8 "Shoe size": ignored
	dry run: would be 2 added, 0 updated, 0 unchanged; 3 would join groups
	EOF
	test_cmp expect out &&
	test "$(count member)" = 0 &&
	circle roster import excel-eu.csv >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged; 3 joined groups" >expect &&
	test_cmp expect out &&
	test_grep "excel-eu.csv:2:8: column \"Shoe size\" ignored" err
'

test_expect_success 'a preferred name replaces the first name only; the legal name is the full name' '
	names >actual &&
	printf "%s\n" "Pepe Hernández|José Hernández|jose@example.org|1|2026-11-24" \
	    "Kim Lee||kim@example.org|0|2026-04-13" >expect &&
	test_cmp expect actual &&
	circle roster list --group mon >out &&
	test_grep "Kim Lee" out &&
	! test_grep "Pepe" out &&
	circle roster import excel-eu.csv >out 2>/dev/null &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'the same without the sep= line: the header shows the semicolon' '
	sed 1d excel-eu.csv >nosep.csv &&
	circle roster import nosep.csv >out 2>/dev/null &&
	echo "0 added, 0 updated, 2 unchanged" >expect &&
	test_cmp expect out
'

test_expect_success 'one Name column with a preferred name: the first word is replaced' '
	printf "%s\n" "Name,Preferred name,Email" \
	    "Ana María López,Mari,mari@example.org" \
	    "Bo Chen,Bo,bo@example.org" >pref.csv &&
	circle roster import pref.csv >/dev/null &&
	test_sql "SELECT display_name, coalesce(full_name, '\''-'\'') FROM member
	    WHERE email IN ('\''mari@example.org'\'', '\''bo@example.org'\'')
	    ORDER BY email" >actual &&
	printf "%s\n" "Bo Chen|-" "Mari María López|Ana María López" >expect &&
	test_cmp expect actual
'

test_expect_success 'Google Sheets: LF line ends, a quoted cell over three lines, ISO date-times' '
	printf "%s\n" "Full Name,Email Address,Consent to contact,Consent recorded on,Notes" \
	    "Rui Sato,rui@example.org,TRUE,2026-11-24T10:00:00,\"Line one" \
	    "line two" "line three\"" \
	    "Ola Berg,ola@example.org,FALSE,2026-11-25 09:30:00," >sheets.csv &&
	circle roster import --dry-run sheets.csv >out &&
	test_grep "^column 1 \"Full Name\" -> name$" out &&
	printf "%s\n" "Name,Email Address,Consent to contact,Consent recorded on,Notes" \
	    "Rui Sato,rui@example.org,TRUE,2026-11-24T10:00:00,\"Line one" \
	    "line two" "line three\"" \
	    "Ola Berg,ola@example.org,FALSE,2026-11-25 09:30:00," >sheets.csv &&
	circle roster import sheets.csv >out &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT consent_on, notes FROM member WHERE email = '\''rui@example.org'\''" \
	    >actual &&
	printf "2026-11-24|Line one\nline two\nline three\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a Numbers export: UTF-8 without a BOM (cells quoted here too)' '
	printf "%s\n" "\"Name\",\"Phone\",\"Pronouns\"" \
	    "\"Íona Ní Bhriain\",\"+353 1 555 0100\",\"she/her\"" >numbers.csv &&
	circle roster import numbers.csv >out &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test "$(count member "display_name = '\''Íona Ní Bhriain'\'' AND pronouns = '\''she/her'\''")" = 1
'

test_expect_success 'headers in any case, with accents, spaces and punctuation' '
	printf "%s\r\n" "NAME,ÉMAIL,Phone #,Date Joined,Groups" \
	    "Tess Ode,tess@example.org,555-0111,2026-01-05,mon" >headers.csv &&
	circle roster import headers.csv >out &&
	echo "1 added, 0 updated, 0 unchanged; 1 joined groups" >expect &&
	test_cmp expect out &&
	test_sql "SELECT s.joined_on FROM membership s JOIN member m ON
	    m.id = s.member_id WHERE m.email = '\''tess@example.org'\''" >actual &&
	echo 2026-01-05 >expect &&
	test_cmp expect actual
'

test_expect_success '--map by a header folded, or by a column number' '
	printf "%s\n" "Who,How to reach,Size" "Uma Vo,uma@example.org,9" \
	    >map.csv &&
	circle roster import --dry-run --map "who=name" --map 2=email \
	    --map Size=ignore map.csv >out 2>err &&
	test_must_be_empty err &&
	cat >expect <<-\EOF &&
	map.csv: UTF-8, comma-separated, header on line 1
	column 1 "Who" -> name
	column 2 "How to reach" -> email
	column 3 "Size": ignored
	dry run: would be 1 added, 0 updated, 0 unchanged
	EOF
	test_cmp expect out
'

test_expect_success 'Google Forms: headers with an aside, as "Pronouns (optional)"' '
	printf "%s\n" \
	    "\"Timestamp\",\"Email Address\",\"Name (first and last)\",\"Pronouns (optional)\",\"Phone [mobile] *\",\"Which groups? (check all that apply)\"" \
	    "\"11/24/2026 19:03:12\",\"wren@example.org\",\"Wren Adeyemi\",\"they/them\",\"555-0142\",\"Monday Circle\"" \
	    >gform.csv &&
	circle roster import --dry-run gform.csv >out 2>err &&
	cat >expect <<-\EOF &&
	gform.csv: UTF-8, comma-separated, header on line 1
	column 1 "Timestamp": ignored
	column 2 "Email Address" -> email
	column 3 "Name (first and last)" -> name
	column 4 "Pronouns (optional)" -> pronouns
	column 5 "Phone [mobile] *" -> phone
	column 6 "Which groups? (check all that apply)": ignored
	dry run: would be 1 added, 0 updated, 0 unchanged
	EOF
	test_cmp expect out
'

test_expect_success 'dates: an ambiguous one is refused, naming both readings' '
	printf "%s\n" "Name,Consent date" "Vic Wu,03/04/2026" >amb.csv &&
	nothing_written circle roster import amb.csv &&
	echo "circle-roster: amb.csv:2:2 (Consent date): \"03/04/2026\" is 3 April 2026 day first or March 4, 2026 month first; give --date-order dmy or --date-order mdy" >expect &&
	test_cmp expect err &&
	circle roster import --date-order DD/MM/YYYY --dry-run amb.csv >/dev/null &&
	test_expect_code 2 circle roster import --date-order yyyy-mm-dd amb.csv 2>err &&
	test_grep "expected mdy (month first, 11/24/2026) or dmy" err &&
	circle roster import --date-order dmy amb.csv >/dev/null &&
	test "$(count member "display_name = '\''Vic Wu'\'' AND consent_on = '\''2026-04-03'\''")" = 1
'

test_expect_success 'dates: one file, one order; and --date-order is held to' '
	printf "%s\n" "Name,Consent date" "Wyn Ash,13/04/2026" \
	    "Xu Bai,04/13/2026" "Yan Cho,03/04/2026" >mixed.csv &&
	nothing_written circle roster import mixed.csv &&
	cat >expect <<-\EOF &&
	circle-roster: mixed.csv:3:2 (Consent date): "04/13/2026" is month first, but line 2 has "13/04/2026", day first; a file'\''s dates are written one way: give --date-order dmy or --date-order mdy
	circle-roster: mixed.csv:4:2 (Consent date): "03/04/2026" is 3 April 2026 day first or March 4, 2026 month first; give --date-order dmy or --date-order mdy (line 2 has "13/04/2026", day first)
	circle-roster: mixed.csv: 2 errors; nothing imported
	EOF
	test_cmp expect err &&
	nothing_written circle roster import --date-order mdy mixed.csv &&
	test_grep "mixed.csv:2:2 (Consent date): \"13/04/2026\" is not a date month first (--date-order mdy)" err &&
	test_expect_code 2 circle roster import --date-order ymd mixed.csv 2>err &&
	test_grep "date-order ymd: expected mdy" err
'

test_expect_success 'dates: the config'\''s date-order when --date-order is not given' '
	printf "date-order = dmy\n" >dmy.cfg &&
	printf "date-order = ymd\n" >ymd.cfg &&
	printf "%s\n" "Name,Consent date" "Ann Ord,03/04/2026" >cfg.csv &&
	export CIRCLE_CONFIG="$PWD/ymd.cfg" &&
	nothing_written circle roster import cfg.csv &&
	test_grep "\"03/04/2026\" is 3 April 2026 day first or March 4, 2026 month first" err &&
	CIRCLE_CONFIG="$PWD/dmy.cfg" &&
	circle roster import cfg.csv >/dev/null &&
	test "$(count member "display_name = '\''Ann Ord'\'' AND consent_on = '\''2026-04-03'\''")" = 1 &&
	printf "%s\n" "Name,Consent date" "Bo Ord,04/13/2026" >cfg2.csv &&
	nothing_written circle roster import cfg2.csv &&
	echo "circle-roster: cfg2.csv:2:2 (Consent date): \"04/13/2026\" is not a date day first (date-order dmy, from the config; give --date-order mdy for a file written month first)" >expect &&
	test_cmp expect err &&
	circle roster import --date-order mdy cfg2.csv >/dev/null &&
	test "$(count member "display_name = '\''Bo Ord'\'' AND consent_on = '\''2026-04-13'\''")" = 1
'

test_expect_success 'dates: a YAML roster reads the config'\''s date-order too' '
	printf "date-order = mdy\n" >mdy.cfg &&
	printf "%s\n" "- name: Cy Ord" "  consent_on: 03/04/2026" >cfg.yaml &&
	nothing_written circle roster import cfg.yaml &&
	test_grep "cfg.yaml:2:15: \"03/04/2026\" is 3 April 2026 day first" err &&
	CIRCLE_CONFIG="$PWD/mdy.cfg" circle roster import cfg.yaml >/dev/null &&
	test "$(count member "display_name = '\''Cy Ord'\'' AND consent_on = '\''2026-03-04'\''")" = 1
'

test_expect_success 'every bad cell at once, each with its place and header; nothing written' '
	printf "%s\n" "Name,Email,Group,Consent date" \
	    "Zed One,zed(at)example.org,wed,2026-01-01" \
	    "Zed Two,z2@example.org,Both,2026-02-30" \
	    "Zed Three,z3@example.org,\"mon;nope\",2026-01-01" >many.csv &&
	nothing_written circle roster import many.csv &&
	cat >expect <<-\EOF &&
	circle-roster: many.csv:2:2 (Email): email: "zed(at)example.org" is not an email address
	circle-roster: many.csv:3:4 (Consent date): "2026-02-30" is not a day of the calendar
	circle-roster: many.csv:4:3 (Group): no group "nope" (a Group cell holds a group'\''s handle or name, or several separated by ";")
	circle-roster: many.csv: 3 errors; nothing imported
	EOF
	test_cmp expect err &&
	test "$(count member "display_name LIKE '\''Zed%'\''")" = 0
'

test_expect_success 'a group cell that names no group is at its own cell' '
	printf "%s\n" "Name,Group" "Zed Four,Both" >both.csv &&
	nothing_written circle roster import both.csv &&
	echo "circle-roster: both.csv:2:2 (Group): no group \"Both\" (a Group cell holds a group'\''s handle or name, or several separated by \";\")" >expect &&
	test_cmp expect err
'

test_expect_success 'over 50 bad cells: the first 50, then how many more' '
	{
		echo "Name,Email" &&
		i=1 && while [ $i -le 60 ]; do
			echo "Bad $i,bad$i-at-example.org" && i=$((i + 1))
		done
	} >sixty.csv &&
	nothing_written circle roster import sixty.csv &&
	test "$(wc -l <err)" = 52 &&
	test_grep "^circle-roster: sixty.csv:51:2 (Email): email: \"bad50-at-example.org\"" err &&
	! test_grep "bad51-at" err &&
	sed -n 51p err >actual &&
	echo "circle-roster: sixty.csv: and 10 more" >expect &&
	test_cmp expect actual &&
	tail -n 1 err >actual &&
	echo "circle-roster: sixty.csv: 60 errors; nothing imported" >expect &&
	test_cmp expect actual
'

test_expect_success 'an Excel title and a printed date above the header are left out' '
	printf "%s\r\n" "Wednesday Circle roster,," "Printed 24/11/2026,," ",," \
	    "Name,Email,Phone" "Rua Tane,rua@example.org," >title.csv &&
	circle roster import --dry-run title.csv >out &&
	test_grep "header on line 4 (the 3 lines above it left out: a title)\$" out &&
	test_grep "^column 1 \"Name\" -> name\$" out &&
	n=$(count member) &&
	circle roster import title.csv >out &&
	test "$(count member)" = "$((n + 1))" &&
	test "$(count member "display_name = '\''Rua Tane'\''")" = 1
'

test_expect_success 'a header of one known column stays the header; no header at all is refused' '
	printf "%s\n" "Name" "Sol Vega" >one.csv &&
	circle roster import --dry-run one.csv >out &&
	test_grep "header on line 1\$" out &&
	printf "%s\n" "Who" "Sol Vega" "Luz Vega" >nohead.csv &&
	nothing_written circle roster import nohead.csv &&
	test_grep "^circle-roster: nohead.csv:1: no header row: no cell of lines 1 to 3 names a column" err &&
	circle roster import --dry-run --map Who=name nohead.csv >out &&
	test_grep "header on line 1\$" out &&
	test_grep "dry run: would be 2 added" out
'

# Sign-in sheets.

test_expect_success 'a totals row is left out with a warning, not added as a person' '
	printf "%s\r\n" "Name;Email;Sessions" "Kai Moana;kai@example.org;4" \
	    "Lee Total;;2" "Total:;;6" "Grand total;;6" >totals.csv &&
	n=$(count member) &&
	circle roster import totals.csv >out 2>err &&
	test_grep "^circle-roster: totals.csv:4: a totals row, not a person; left out\$" err &&
	test_grep "^circle-roster: totals.csv:5: a totals row, not a person; left out\$" err &&
	test "$(count member)" = "$((n + 2))" &&
	test "$(count member "display_name LIKE '\''%otal%'\''")" = 1
'

test_expect_success 'a long yes/no or date is refused for what it says, not its length' '
	printf "%s\n" "Name,Consent,Consent date" "Ines Ruiz,perhaps later," \
	    "Jon Ruiz,,November 24th" "Kai Ruiz,,in the autumn" >long.csv &&
	nothing_written circle roster import long.csv &&
	test_grep "long.csv:2:2 (Consent): consent: \"perhaps later\" is not a yes or a no" err &&
	test_grep "long.csv:3:3 (Consent date): \"November 24th\": 24 November of which year? Give the year too" err &&
	test_grep "long.csv:4:3 (Consent date): \"in the autumn\" is not a date" err &&
	! grep "bytes" err
'

test_expect_success 'setup: a group with past sessions at 19:00 and one next week' '
	test_fresh_db &&
	circle group add --handle tc --tz America/New_York "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 4 >/dev/null &&
	circle session add --group tc "$(date -u -d "+8 days" +%F)" 19:00 \
	    >/dev/null &&
	for n in "Alex Rivera" "Blair Chen" "Casey Diaz" "Dana Evans"; do
		circle roster add --group tc "$n" >/dev/null || return 1
	done
'

test_expect_success 'sign-in times as people write them: 7pm, 7:30 pm, 19.00, 19:00:00' '
	printf "%s\r\n" "Date;Time;Handle;Status" \
	    "06/01/2026;7pm;alex-r;present" \
	    "06/01/2026;7:00 PM;blair-c;late" \
	    "13/01/2026;19.00;casey-d;present" \
	    "20/01/2026;19:00:00;dana-e;present" >sheet.csv &&
	nothing_written circle attend import --group tc sheet.csv &&
	test_grep "^circle-attend: sheet.csv:2:1 (Date): \"06/01/2026\" is 6 January 2026 day first or June 1, 2026 month first; give --date-order dmy or --date-order mdy$" err &&
	circle attend import --group tc --date-order dmy sheet.csv >out &&
	echo "4 marked, 0 unchanged; 3 sessions recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'a sign-in sheet read by the config'\''s date-order; --date-order wins' '
	printf "date-order = dmy\n" >dmy.cfg &&
	printf "date-order = mdy\n" >mdy.cfg &&
	CIRCLE_CONFIG="$PWD/dmy.cfg" circle attend import --group tc \
	    --dry-run sheet.csv >out &&
	echo "dry run: would be 0 marked, 4 unchanged; 0 sessions recorded" >expect &&
	tail -n 1 out >actual &&
	test_cmp expect actual &&
	export CIRCLE_CONFIG="$PWD/mdy.cfg" &&
	nothing_written circle attend import --group tc sheet.csv &&
	test_grep "sheet.csv:4:1 (Date): \"13/01/2026\" is not a date month first (date-order mdy, from the config; give --date-order dmy for a file written day first)" err &&
	circle attend import --group tc --date-order dmy --dry-run \
	    sheet.csv >out &&
	tail -n 1 out >actual &&
	test_cmp expect actual
'

test_expect_success 'a sign-in sheet whose headers have an aside' '
	printf "%s\n" "Date (YYYY-MM-DD),Name (as on the roster),Status (present/absent)" \
	    "2026-01-27,Alex Rivera,late" >aside.csv &&
	circle attend import --dry-run --group tc aside.csv >out &&
	test_grep "^column 1 \"Date (YYYY-MM-DD)\" -> date\$" out &&
	test_grep "^column 2 \"Name (as on the roster)\" -> name\$" out &&
	test_grep "^column 3 \"Status (present/absent)\" -> status\$" out
'

test_expect_success 'a sign-in sheet with a title row above its header' '
	printf "%s\n" "Tuesday circle sign-in" "Date,Name,Status" \
	    "2026-01-27,Alex Rivera,late" >titled.csv &&
	circle attend import --dry-run --group tc titled.csv >out &&
	test_grep "header on line 2 (the line above it left out: a title)\$" out &&
	test_grep "^column 3 \"Status\" -> status\$" out
'

test_expect_success 'Google Sheets checkboxes (TRUE, FALSE) and ticks as marks' '
	printf "%s\n" "Date,Name,Present?" \
	    "2026-01-06,Alex Rivera,TRUE" "2026-01-06,Blair Chen,FALSE" \
	    "2026-01-06,Casey Diaz,$(printf "\342\234\223")" \
	    "2026-01-06,Dana Evans,no-show" >ticks.csv &&
	circle attend import --group tc ticks.csv >out &&
	test_sql "SELECT m.handle, a.status FROM attendance a
	    JOIN member m ON m.id = a.member_id JOIN session s
	    ON s.id = a.session_id WHERE s.local_start = '\''2026-01-06T19:00'\''
	    ORDER BY 1" >got &&
	cat >want <<-\EOF &&
	alex-r|present
	blair-c|absent
	casey-d|present
	dana-e|absent
	EOF
	test_cmp want got
'

test_expect_success 'a sign-in time that is no time: 65 at its own column, every one' '
	printf "%s\n" "date,time,handle,status" \
	    "2026-01-27,7 oclock,alex-r,present" \
	    "2026-01-27,25:00,blair-c,present" \
	    "2026-01-27,1900,casey-d,present" >badtime.csv &&
	nothing_written circle attend import --group tc badtime.csv &&
	cat >expect <<-\EOF &&
	circle-attend: badtime.csv:2:2 (time): "7 oclock" is 07:00 or 19:00: add am or pm, or write 19:00
	circle-attend: badtime.csv:3:2 (time): "25:00" is not a time of day (19:00, 7pm, 7:30 pm, 19h30, 19.00 or 1900)
	circle-attend: badtime.csv: 2 errors; nothing recorded
	EOF
	test_cmp expect err
'

test_expect_success 'a sign-in row with two bad cells: both said' '
	printf "%s\n" "date,handle,status" "Tues,,3" \
	    "2026-01-27,alex-r,maybe" >twobad.csv &&
	nothing_written circle attend import --group tc twobad.csv &&
	test_grep "^circle-attend: twobad.csv:2:3 (status): status: \"3\" is not present" err &&
	test_grep "^circle-attend: twobad.csv:2:1 (date): " err &&
	test_grep "^circle-attend: twobad.csv:3:3 (status): status: \"maybe\" is not present" err &&
	test_grep "^circle-attend: twobad.csv: 3 errors; nothing recorded\$" err
'

test_expect_success 'a future session is refused, and --force records it' '
	next=$(date -u -d "+8 days" +%F) &&
	printf "%s\n" "date,time,handle" "$next,7pm,alex-r" >future.csv &&
	nothing_written circle attend import --group tc future.csv &&
	test_grep "future.csv:2:1 (date): session $next.*is in the future; give --force to record it anyway" err &&
	circle attend import --group tc --force future.csv >out &&
	echo "1 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out
'

test_expect_success 'a sign-in sheet in UTF-16 with tabs, a date-time in one cell, --map' '
	printf "%s\r\n" "Wann	Wer	Status" \
	    "2026-01-27T19:00:00	casey-d	present" |
	bytes utf-16-le fffe sheet16.txt &&
	circle attend import --group tc --dry-run --map Wann=date \
	    --map Wer=handle sheet16.txt >out &&
	cat >expect <<-\EOF &&
	sheet16.txt: UTF-16LE, tab-separated, header on line 1
	column 1 "Wann" -> date
	column 2 "Wer" -> handle
	column 3 "Status" -> status
	dry run: would be 1 marked, 0 unchanged; 1 session recorded
	EOF
	test_cmp expect out
'

# Check-in forms.

test_expect_success 'setup: the example survey' '
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null
'

test_expect_success 'a form export with month-first stamps in Windows-1252' '
	printf "Completion time,Handle,mood,distress,safe,note\r\n" >form.csv &&
	printf "1/27/2026 7:05:00 PM,alex-r,5,5,yes,caf\351\r\n" >>form.csv &&
	nothing_written circle checkin import --survey checkin --group tc \
	    form.csv &&
	test_grep "form.csv:2:6 (note): not valid UTF-8 (byte 0xE9)" err &&
	circle checkin import --survey checkin --group tc \
	    --encoding windows-1252 form.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

test_expect_success 'a form stamp that could be either order needs --date-order' '
	printf "%s\n" "Timestamp,Handle,mood,distress,safe" \
	    "01/02/2026 19:05:00,blair-c,5,5,yes" >form2.csv &&
	nothing_written circle checkin import --survey checkin --group tc \
	    form2.csv &&
	test_grep "form2.csv:2:1 (Timestamp): \"01/02/2026 19:05:00\" is 1 February 2026 day first or January 2, 2026 month first; give --date-order dmy or --date-order mdy" err &&
	nothing_written circle checkin import --survey checkin --group tc \
	    --date-order dmy form2.csv &&
	test_grep "no session on 2026-02-01" err
'

test_expect_success 'a form stamp read by the config'\''s date-order' '
	printf "date-order = dmy\n" >dmy.cfg &&
	CIRCLE_CONFIG="$PWD/dmy.cfg" nothing_written circle checkin import \
	    --survey checkin --group tc form2.csv &&
	test_grep "no session on 2026-02-01" err &&
	printf "date-order = mdy\n" >mdy.cfg &&
	printf "%s\n" "Timestamp,Handle,mood,distress,safe" \
	    "01/13/2026 19:05:00,blair-c,5,5,yes" >form3.csv &&
	CIRCLE_CONFIG="$PWD/mdy.cfg" circle checkin import --survey checkin \
	    --group tc form3.csv >out &&
	echo "1 added, 0 replaced, 0 unchanged; 0 follow-ups opened" >expect &&
	test_cmp expect out
'

test_done
