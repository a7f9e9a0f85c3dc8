#!/bin/sh
test_description='imports read an OpenDocument spreadsheet (.ods, LibreOffice Calc) as the CSV LibreOffice would save of it'
. "$(dirname "$0")/test-lib.sh"

# The spreadsheets are made here, their XML written by hand as LibreOffice
# Calc writes it and zipped by tests/odsmake.py.

test_lazy_prereq PYTHON 'test -x /usr/bin/python3'

ODSMAKE="/usr/bin/python3 $CIRCLE_SRC/tests/odsmake.py"

people() {
	test_sql "SELECT display_name, coalesce(email, ''), coalesce(phone, ''),
	    coalesce(consent, ''), coalesce(consent_on, ''),
	    coalesce(notes, '') FROM member ORDER BY display_name"
}

# styles: LibreOffice's automatic styles: a column, a row, a shown table
# (ta1) and a hidden one (ta2).
styles() {
	printf "%s" '<office:automatic-styles><style:style style:name="co1" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="2.258cm"/></style:style><style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="0.452cm" fo:break-before="auto" style:use-optimal-row-height="true"/></style:style><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ta2" style:family="table" style:master-page-name="Default"><style:table-properties table:display="false" style:writing-mode="lr-tb"/></style:style></office:automatic-styles>'
}

# s TEXT: a string cell; n VALUE SHOWN: a float cell.
s() {
	printf '<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>%s</text:p></table:table-cell>' "$1"
}
n() {
	printf '<table:table-cell office:value-type="float" office:value="%s" calcext:value-type="float"><text:p>%s</text:p></table:table-cell>' "$1" "$2"
}

# sheet NAME ROWS...: a table, each ROW a row's cells.
sheet() {
	printf '<table:table table:name="%s" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="6" table:default-cell-style-name="Default"/>' "$1" &&
	shift &&
	for r in "$@"; do
		printf '<table:table-row table:style-name="ro1">%s</table:table-row>' "$r" || return 1
	done &&
	printf '</table:table>'
}

# body TABLES: the body around the tables given.
body() {
	styles &&
	printf '<office:body><office:spreadsheet><table:calculation-settings table:automatic-find-labels="false"/>%s<table:named-expressions/></office:spreadsheet></office:body>' "$1"
}

# roster_tables: the roster as LibreOffice saves it: a hidden sheet first,
# a comment on a cell, a link, rich text, runs of spaces (text:s), two
# paragraphs, a boolean, dates, a phone number formatted with its zero, a
# percentage, a cell repeated, empty rows and cells repeated, the rows
# and columns of an edited sheet repeated to its end.
roster_tables() {
	cat <<-\EOF
	<table:table table:name="Old" table:style-name="ta2"><table:table-column table:style-name="co1" table:default-cell-style-name="Default"/><table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Name</text:p></table:table-cell></table:table-row><table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Not Me</text:p></table:table-cell></table:table-row></table:table>
	<table:table table:name="Roster" table:style-name="ta1"><table:table-column table:style-name="co1" table:number-columns-repeated="6" table:default-cell-style-name="Default"/><table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Email</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Phone</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Consent</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Consent on</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Notes</text:p></table:table-cell></table:table-row>
	<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Ann <text:span text:style-name="T1">Lee</text:span></text:p><office:annotation draw:style-name="gr1" svg:width="2.899cm" svg:height="0.596cm" svg:x="5cm" svg:y="0cm"><dc:date>2026-11-20T10:00:00</dc:date><text:p>ask about consent</text:p></office:annotation></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p><text:a xlink:href="mailto:ann@example.org" xlink:type="simple">ann@example.org</text:a></text:p></table:table-cell><table:table-cell table:style-name="ce1" office:value-type="float" office:value="7700900123" calcext:value-type="float"><text:p>07700 900123</text:p></table:table-cell><table:table-cell table:style-name="ce2" office:value-type="boolean" office:boolean-value="true" calcext:value-type="boolean"><text:p>TRUE</text:p></table:table-cell><table:table-cell table:style-name="ce3" office:value-type="date" office:date-value="2026-11-24" calcext:value-type="date"><text:p>24/11/26</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Tea<text:s text:c="2"/>&amp; quiet<text:tab/>x</text:p><text:p>please</text:p></table:table-cell></table:table-row>
	<table:table-row table:style-name="ro1" table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="6"/></table:table-row>
	<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Bob Ray</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="boolean" office:boolean-value="false" calcext:value-type="boolean"><text:p>FALSE</text:p></table:table-cell><table:table-cell table:style-name="ce3" office:value-type="date" office:date-value="2026-11-25T00:00:00" calcext:value-type="date"><text:p>25/11/26</text:p></table:table-cell><table:table-cell table:style-name="ce4" office:value-type="percentage" office:value="0.125" calcext:value-type="percentage"><text:p>12,50 %</text:p></table:table-cell></table:table-row>
	<table:table-row table:style-name="ro1"><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>Cy Lowe</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string" calcext:value-type="string"><text:p>yes</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="float" office:value="3.5" calcext:value-type="float"><text:p>3,50</text:p></table:table-cell><table:table-cell office:value-type="string" calcext:value-type="string" table:number-columns-repeated="2"><text:p>x</text:p></table:table-cell></table:table-row>
	<table:table-row table:style-name="ro1" table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>
	<table:table table:name="Other" table:style-name="ta1"><table:table-row table:style-name="ro1"><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Email</text:p></table:table-cell></table:table-row><table:table-row table:style-name="ro1"><table:table-cell office:value-type="string"><text:p>Dee Park</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>dee@example.org</text:p></table:table-cell></table:table-row></table:table>
	EOF
}

# spoiled NAME SED: the roster, with sed's SED run on its content, as
# NAME.ods.
spoiled() {
	body "$(roster_tables | tr -d '\n')" | sed "$2" | $ODSMAKE "$1.ods"
}

test_expect_success PYTHON 'setup: a roster as LibreOffice Calc saves it' '
	body "$(roster_tables | tr -d "\n")" | $ODSMAKE roster.ods &&
	test "$(unzip -Z1 roster.ods | head -1)" = mimetype
'

test_expect_success PYTHON 'an .ods imports as its CSV would: rich text, a link, spaces, paragraphs, a comment left out, booleans, dates, a phone with its zero, a percentage, repeated cells' '
	test_fresh_db &&
	circle roster import roster.ods >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	people >actual &&
	printf "%s\n" "Ann Lee|ann@example.org|07700 900123|1|2026-11-24|Tea  & quiet	x" \
	    "please" "Bob Ray|||0|2026-11-25|12.5%" "Cy Lowe|||1||3.5" >expect &&
	test_cmp expect actual &&
	echo "circle-roster: roster.ods: read sheet \"Roster\"; the workbook'\''s other sheets with data: \"Old\" (hidden), \"Other\" (--sheet NAME reads one of them)" >expect &&
	test_cmp expect err
'

test_expect_success PYTHON 'a dry run says it is an OpenDocument spreadsheet, which sheet; --sheet reads another' '
	test_fresh_db &&
	circle roster import --dry-run roster.ods >out 2>/dev/null &&
	test_grep "^roster.ods: OpenDocument spreadsheet, sheet \"Roster\", header on row 1$" out &&
	test_grep "^column 6 \"Notes\" -> notes$" out &&
	test_grep "^column 7 \"\": ignored$" out &&
	test_grep "^column 8 \"\": ignored$" out &&
	! test_grep "^column 9" out &&
	circle roster import --sheet other roster.ods >out 2>err &&
	test "$(test_sql "SELECT email FROM member")" = dee@example.org &&
	nothing_written circle roster import --sheet Nope roster.ods &&
	echo "circle-roster: roster.ods: no sheet named \"Nope\"; its sheets: \"Old\" (hidden), \"Roster\", \"Other\"" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle roster import --encoding latin1 roster.ods 2>err &&
	test_grep "roster.ods is an OpenDocument spreadsheet, whose text is always Unicode" err
'

test_expect_success PYTHON 'rows are numbered past repeated empty rows; a repeated row with a bad cell is named at each' '
	spoiled badrow "s|<text:p>Bob Ray</text:p></table:table-cell><table:table-cell table:number-columns-repeated=\"2\"/>|<text:p>Bob Ray</text:p></table:table-cell>$(s not-an-email)<table:table-cell/>|; s|<table:table-row table:style-name=\"ro1\"><table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"><text:p>Bob Ray|<table:table-row table:style-name=\"ro1\" table:number-rows-repeated=\"2\"><table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"><text:p>Bob Ray|" &&
	test_fresh_db &&
	nothing_written circle roster import badrow.ods &&
	test_grep "^circle-roster: badrow.ods:5:2 (Email): " err &&
	test_grep "^circle-roster: badrow.ods:6:2 (Email): " err
'

test_expect_success PYTHON 'a sign-in sheet as an .ods: a date cell, a time cell' '
	test_fresh_db &&
	circle group add --handle tc --tz Europe/Dublin "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 2 >/dev/null &&
	circle roster add --group tc "Alex Rivera" >/dev/null &&
	circle roster add --group tc "Blair Chen" >/dev/null &&
	t='\''<table:table-cell office:value-type="time" office:time-value="PT19H00M00S" calcext:value-type="time"><text:p>19:00</text:p></table:table-cell>'\'' &&
	d='\''<table:table-cell office:value-type="date" office:date-value="2026-01-06" calcext:value-type="date"><text:p>06/01/26</text:p></table:table-cell>'\'' &&
	body "$(sheet Sign-in "$(s Date)$(s Time)$(s Group)$(s Handle)$(s Status)" \
	    "$d$t$(s tc)$(s alex-r)$(s x)" "$d$t$(s tc)$(s blair-c)$(s late)")" |
	    $ODSMAKE sheet.ods &&
	circle attend import --dry-run sheet.ods >out &&
	test_grep "^sheet.ods: OpenDocument spreadsheet, sheet \"Sign-in\", header on row 1$" out &&
	circle attend import sheet.ods >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE m.handle = '\''blair-c'\''")" = late
'

# numstyles: LibreOffice's automatic styles of a German user's sheet:
# two decimals (N2), a percentage with two (N11), pounds with their
# negatives in red (N108P0 for those not below zero, N108 for the rest),
# six digits with leading zeros (N120), and the cell styles that use them.
numstyles() {
	printf "%s" '<office:automatic-styles><number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style><number:percentage-style style:name="N11"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style><number:currency-style style:name="N108P0" style:volatile="true"><number:currency-symbol number:language="en" number:country="GB">£</number:currency-symbol><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/></number:currency-style><number:currency-style style:name="N108"><style:text-properties fo:color="#ff0000"/><number:text>-</number:text><number:currency-symbol number:language="en" number:country="GB">£</number:currency-symbol><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/><style:map style:condition="value()&gt;=0" style:apply-style-name="N108P0"/></number:currency-style><number:number-style style:name="N120"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="6"/></number:number-style><number:number-style style:name="N121"><number:number number:decimal-places="3" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text> kg</number:text></number:number-style><style:style style:name="co1" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="2.258cm"/></style:style><style:style style:name="ro1" style:family="table-row"><style:table-row-properties style:row-height="0.452cm" fo:break-before="auto" style:use-optimal-row-height="true"/></style:style><style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N2"/><style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N11"/><style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N108"/><style:style style:name="ce4" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N120"/><style:style style:name="ce5" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N121"/><style:style style:name="ce6" style:family="table-cell" style:parent-style-name="Default"/></office:automatic-styles>'
}

# sn STYLE VALUE SHOWN [TYPE]: a number cell with its style.
sn() {
	printf '<table:table-cell table:style-name="%s" office:value-type="%s" office:value="%s" calcext:value-type="%s"><text:p>%s</text:p></table:table-cell>' "$1" "${4:-float}" "$2" "${4:-float}" "$3"
}

test_expect_success PYTHON 'numbers read as their styles show them, as LibreOffice'\''s CSV holds them: decimals, percent, currency, leading zeros, a column'\''s style' '
	{
		numstyles &&
		printf "%s" "<office:body><office:spreadsheet><table:table table:name=\"Roster\" table:style-name=\"ta1\"><table:table-column table:style-name=\"co1\" table:default-cell-style-name=\"Default\"/><table:table-column table:style-name=\"co1\" table:default-cell-style-name=\"ce1\"/>" &&
		for r in "$(s Name)$(s Notes)" \
		    "$(s "Ann Lee")$(sn ce1 3.5 3,50)" \
		    "$(s "Bob Ray")$(sn ce2 0.125 "12,50%" percentage)" \
		    "$(s "Cy Lowe")$(sn ce3 -3.5 "-3,50 £" currency)" \
		    "$(s "Di Hart")$(sn ce3 12 "12,00 £" currency)" \
		    "$(s "Ed Moss")$(sn ce4 42 000042)" \
		    "$(s "Flo Tan")$(sn ce5 2.25 "2,25 kg")" \
		    "$(s "Gus Ho")$(n 7 "7,00")" \
		    "$(s "Hal Ng")$(sn ce6 7.5 "7,5")"; do
			printf "<table:table-row table:style-name=\"ro1\">%s</table:table-row>" "$r" || exit 1
		done &&
		printf "%s" "</table:table></office:spreadsheet></office:body>"
	} >styled.body &&
	$ODSMAKE styled.ods <styled.body &&
	test_fresh_db &&
	circle roster import styled.ods >/dev/null &&
	test_sql "SELECT display_name, notes FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|3.50" "Bob Ray|12.50%" "Cy Lowe|-£3.50" \
	    "Di Hart|£12.00" "Ed Moss|000042" "Flo Tan|2.25 kg" \
	    "Gus Ho|7.00" "Hal Ng|7.5" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'numbers styled by a named (common) cell style, kept in styles.xml, read as shown; a cell style based on one, a column'\''s too' '
	printf "%s" "<number:number-style style:name=\"N106\"><number:number number:decimal-places=\"0\" number:min-decimal-places=\"0\" number:min-integer-digits=\"6\"/></number:number-style><number:number-style style:name=\"N107\"><number:number number:decimal-places=\"2\" number:min-decimal-places=\"2\" number:min-integer-digits=\"1\"/><number:text> kg</number:text></number:number-style><style:style style:name=\"Code\" style:family=\"table-cell\" style:parent-style-name=\"Default\" style:data-style-name=\"N106\"/><style:style style:name=\"Weight\" style:family=\"table-cell\" style:parent-style-name=\"Default\" style:data-style-name=\"N107\"/>" >common.xml &&
	{
		printf "%s" "<office:automatic-styles><style:style style:name=\"ce1\" style:family=\"table-cell\" style:parent-style-name=\"Weight\"><style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>" &&
		printf "%s" "<office:body><office:spreadsheet><table:table table:name=\"Roster\"><table:table-column table:default-cell-style-name=\"Default\"/><table:table-column table:default-cell-style-name=\"Weight\"/>" &&
		for r in "$(s Name)$(s Notes)" \
		    "$(s "Ann Lee")$(sn Code 42 000042)" \
		    "$(s "Bob Ray")$(sn ce1 3 "3.00 kg")" \
		    "$(s "Cy Lowe")$(n 2.5 "2.50 kg")"; do
			printf "<table:table-row>%s</table:table-row>" "$r" || exit 1
		done &&
		printf "%s" "</table:table></office:spreadsheet></office:body>"
	} >common.body &&
	$ODSMAKE --styles common.xml common.ods <common.body &&
	$ODSMAKE --flat --styles common.xml common.fods <common.body &&
	printf "%s\n" "Ann Lee|000042" "Bob Ray|3.00 kg" "Cy Lowe|2.50 kg" >expect &&
	for f in common.ods common.fods
	do
		test_fresh_db &&
		circle roster import $f >/dev/null &&
		test_sql "SELECT display_name, notes FROM member ORDER BY 1" >actual &&
		test_cmp expect actual || return 1
	done
'

test_expect_success PYTHON 'a spreadsheet on standard input is read as one given by name' '
	test_fresh_db &&
	cat roster.ods | circle roster import - >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "^circle-roster: stdin: read sheet \"Roster\"" err
'

test_expect_success PYTHON 'a formula whose value was never saved is refused, naming the cell; one with its value is read' '
	spoiled formula "s|<table:table-cell office:value-type=\"float\" office:value=\"3.5\" calcext:value-type=\"float\"><text:p>3,50</text:p>|<table:table-cell table:formula=\"of:=1+2\">|" &&
	test_fresh_db &&
	nothing_written circle roster import formula.ods &&
	echo "circle-roster: formula.ods:6:6: a formula whose value is not saved in the workbook (the program that wrote it does not compute formulas); open it in Excel or LibreOffice Calc and save it, then import it again; nothing read" >expect &&
	test_cmp expect err &&
	spoiled computed "s|<table:table-cell office:value-type=\"float\" office:value=\"3.5\" calcext:value-type=\"float\"><text:p>3,50</text:p>|<table:table-cell table:formula=\"of:=1+2\" office:value-type=\"float\" office:value=\"3\" calcext:value-type=\"float\"><text:p>3</text:p>|" &&
	circle roster import computed.ods >/dev/null 2>&1 &&
	test "$(test_sql "SELECT notes FROM member WHERE display_name = '\''Cy Lowe'\''")" = 3
'

test_expect_success PYTHON 'a zip bomb: content.xml over 64 MiB unpacked is refused' '
	/usr/bin/python3 -c "
import sys
sys.stdout.write(\"<office:document-content xmlns:office=\\\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\\\">\")
for i in range(65):
    sys.stdout.write(\" \" * (1024 * 1024))
sys.stdout.write(\"</office:document-content>\")
" | $ODSMAKE --raw bomb.ods &&
	test $(wc -c <bomb.ods) -lt 1000000 &&
	test_fresh_db &&
	nothing_written circle roster import bomb.ods &&
	test_grep "^circle-roster: bomb.ods: content.xml is over 64 MiB unpacked: more than a workbook to import holds (a zip bomb?); nothing read$" err
'

test_expect_success PYTHON 'a DOCTYPE, a spreadsheet cut short, one without content.xml: refused' '
	printf "%s\n" "<?xml version=\"1.0\"?>" \
	    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>" \
	    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">&a;</office:document-content>" |
	    $ODSMAKE --raw dtd.ods &&
	nothing_written circle roster import dtd.ods &&
	test_grep "^circle-roster: dtd.ods: content.xml:2: a DOCTYPE, which no workbook has (entities are not read): not a workbook LibreOffice Calc wrote; open it in LibreOffice Calc and save it again$" err &&
	head -c 2000 roster.ods >cut.ods &&
	nothing_written circle roster import cut.ods &&
	test_grep "^circle-roster: cut.ods: an OpenDocument spreadsheet cut short or damaged (.*); open it in LibreOffice Calc and save it again, or save it as CSV$" err &&
	/usr/bin/python3 -c "
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], \"w\") as z:
    z.writestr(\"mimetype\", \"application/vnd.oasis.opendocument.spreadsheet\")
    z.writestr(\"styles.xml\", \"<x/>\")
" empty.ods &&
	nothing_written circle roster import empty.ods &&
	test_grep "^circle-roster: empty.ods: no content.xml in it: a damaged spreadsheet; open it in LibreOffice Calc and save it again, or save it as CSV$" err
'

test_expect_success PYTHON 'a row past the last, a cell past column 512, a repeat of millions of cells: refused without making them' '
	body "$(sheet Roster "$(s Name)" "<table:table-cell table:number-columns-repeated=\"1024\"/>" |
	    sed "s|<table:table-row table:style-name=\"ro1\"><table:table-cell table:number-columns-repeated=\"1024\"/>|<table:table-row table:number-rows-repeated=\"2000000\"><table:table-cell/></table:table-row><table:table-row>$(s Ann)|")" |
	    $ODSMAKE rows.ods &&
	nothing_written circle roster import rows.ods &&
	test_grep "^circle-roster: rows.ods: row 2000002 is past LibreOffice Calc.s last row (1048576): not a sheet LibreOffice Calc wrote; nothing read$" err &&
	body "$(sheet Roster "$(s Name)" "$(s Ann)<table:table-cell table:number-columns-repeated=\"600\"/>$(s far)")" |
	    $ODSMAKE cols.ods &&
	nothing_written circle roster import cols.ods &&
	test_grep "^circle-roster: cols.ods:2:602: a cell past column 512, the last an import reads$" err &&
	body "$(sheet Roster "$(s Name)" |
	    sed "s|</table:table>|<table:table-row table:number-rows-repeated=\"1000000\"><table:table-cell office:value-type=\"string\" table:number-columns-repeated=\"500\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>|")" |
	    $ODSMAKE repeat.ods &&
	test $(wc -c <repeat.ods) -lt 10000 &&
	nothing_written circle roster import repeat.ods &&
	test_grep "^circle-roster: repeat.ods: row 2: over 1048576 cells made by repeating others: more than a spreadsheet to import holds (a repeat bomb?); nothing read$" err
'

test_expect_success PYTHON 'a flat spreadsheet (.fods, one XML file) reads as the .ods of it does: its sheets, cells, styles, from standard input too' '
	body "$(roster_tables | tr -d "\n")" | $ODSMAKE --flat roster.fods &&
	head -c 5 roster.fods | grep -q "<?xml" &&
	test_fresh_db &&
	circle roster import --dry-run roster.fods >out 2>/dev/null &&
	test_grep "^roster.fods: OpenDocument spreadsheet, sheet \"Roster\", header on row 1$" out &&
	circle roster import roster.fods >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: roster.fods: read sheet \"Roster\"; the workbook'\''s other sheets with data: \"Old\" (hidden), \"Other\" (--sheet NAME reads one of them)" >expect &&
	test_cmp expect err &&
	people >actual &&
	printf "%s\n" "Ann Lee|ann@example.org|07700 900123|1|2026-11-24|Tea  & quiet	x" \
	    "please" "Bob Ray|||0|2026-11-25|12.5%" "Cy Lowe|||1||3.5" >expect &&
	test_cmp expect actual &&
	$ODSMAKE --flat styled.fods <styled.body &&
	test_fresh_db &&
	circle roster import - <styled.fods >/dev/null &&
	test_sql "SELECT display_name, notes FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|3.50" "Bob Ray|12.50%" "Cy Lowe|-£3.50" \
	    "Di Hart|£12.00" "Ed Moss|000042" "Flo Tan|2.25 kg" \
	    "Gus Ho|7.00" "Hal Ng|7.5" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'a flat spreadsheet whose root tag goes on after a newline or a tab is one; so is a web page whose doctype does' '
	sed "s|^<office:document |<office:document\n\t|" roster.fods >nl.fods &&
	test $(grep -c "^<office:document$" nl.fods) = 1 &&
	test_fresh_db &&
	circle roster import nl.fods >out 2>/dev/null &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	sed "s|^<office:document |<office:document\t|" roster.fods >tab.fods &&
	test_fresh_db &&
	circle roster import - <tab.fods >out 2>/dev/null &&
	test_cmp expect out &&
	printf "%s\r\n" "<!DOCTYPE" "  html>" "<html><body><table><tr><td>Name</td></tr></table></body></html>" >page.xls &&
	nothing_written circle attend import page.xls &&
	test_grep "^circle-attend: page.xls: a web page (HTML)" err
'

test_expect_success PYTHON 'a flat spreadsheet cut short, with a DOCTYPE, or with no sheet: refused, its line named' '
	head -c 3000 roster.fods >cut.fods &&
	nothing_written circle roster import cut.fods &&
	test_grep "^circle-roster: cut.fods:[0-9]*:[0-9]*: bad XML (.*): a damaged spreadsheet; open it in LibreOffice Calc and save it again$" err &&
	sed "1a<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>" roster.fods >dtd.fods &&
	nothing_written circle roster import dtd.fods &&
	test_grep "^circle-roster: dtd.fods:2: a DOCTYPE, which no workbook has" err &&
	body "" | $ODSMAKE --flat nosheet.fods &&
	nothing_written circle roster import nosheet.fods &&
	test_grep "^circle-roster: nosheet.fods: a spreadsheet without a sheet; open it in LibreOffice Calc and save it again$" err
'

test_expect_success 'a flat spreadsheet over 64 MiB is refused unread' '
	{
		printf "%s\n" "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
		    "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\">" &&
		head -c $((65 * 1024 * 1024)) /dev/zero | tr "\000" " "
	} >big.fods &&
	nothing_written circle roster import big.fods &&
	echo "circle-roster: big.fods: a flat spreadsheet of over 64 MiB: more than a spreadsheet to import holds; nothing read" >expect &&
	test_cmp expect err
'

test_expect_success 'Excel'\''s XML Spreadsheet 2003 and a web page saved as .xls are named, with how to save them' '
	cat >x2003.xml <<-\EOF &&
	<?xml version="1.0"?>
	<?mso-application progid="Excel.Sheet"?>
	<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
	 xmlns:o="urn:schemas-microsoft-com:office:office"
	 xmlns:x="urn:schemas-microsoft-com:office:excel"
	 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
	 <Worksheet ss:Name="Roster"><Table><Row><Cell><Data ss:Type="String">Name</Data></Cell></Row></Table></Worksheet>
	</Workbook>
	EOF
	nothing_written circle roster import x2003.xml &&
	test_grep "^circle-roster: x2003.xml: an Excel \"XML Spreadsheet 2003\" file, an old format circle does not read; open it in Excel and save it as \"Excel Workbook (\*.xlsx)\"" err &&
	printf "%s\r\n" "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">" \
	    "<body><table><tr><td>Name</td></tr><tr><td>Ann Lee</td></tr></table></body></html>" >export.xls &&
	nothing_written circle attend import export.xls &&
	test_grep "^circle-attend: export.xls: a web page (HTML), as some web apps save an \"Excel\" export, not a CSV file or a workbook; open it in Excel" err
'

test_expect_success 'a Numbers document says how to export it' '
	printf "PK\003\004\024\000\000\000\010\000\000\000\000\000Index/Document.iwa" >roster.numbers &&
	nothing_written circle roster import roster.numbers &&
	test_grep "^circle-roster: roster.numbers: a Numbers document, which circle does not read; in Numbers choose File > Export To > Excel (an .xlsx), or File > Export To > CSV" err
'

test_expect_success 'a calendar given for a table says it goes in with session import' '
	printf "%s\r\n" BEGIN:VCALENDAR VERSION:2.0 PRODID:-//x//y//EN \
	    END:VCALENDAR >tuesday.ics &&
	nothing_written circle roster import tuesday.ics &&
	test_grep "^circle-roster: tuesday.ics: an iCalendar file (.ics), not a table of rows; a calendar.s meetings go in with .circle session import --group G tuesday.ics.\$" err &&
	nothing_written circle attend import tuesday.ics &&
	test_grep "^circle-attend: tuesday.ics: an iCalendar file (.ics), not a table of rows" err &&
	nothing_written circle roster import - <tuesday.ics &&
	test_grep "^circle-roster: stdin: an iCalendar file (.ics), not a table of rows" err
'

test_done
