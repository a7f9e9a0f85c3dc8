#!/bin/sh
test_description='imports read an Excel workbook (.xlsx) as the CSV Excel would save of it'
. "$(dirname "$0")/test-lib.sh"

# The workbooks are made here: by tests/xlsxmake (libxlsxwriter, as circle
# builds with), by hand as Excel writes its XML (zipped by Python's
# zipfile), and by openpyxl when it is there.

XLSXMAKE="$CIRCLE_BUILD/tests/xlsxmake"

test_lazy_prereq PYTHON 'test -x /usr/bin/python3'
test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

# people: everyone, with what roster list leaves out.
people() {
	circle roster list --everyone --with-contacts &&
	test_sql "SELECT display_name, coalesce(full_name, ''),
	    coalesce(consent, ''), coalesce(consent_on, ''),
	    coalesce(notes, '') FROM member ORDER BY display_name"
}

# zipdir DIR OUT: DIR's files zipped, [Content_Types].xml first, as Excel
# orders them.
zipdir() {
	/usr/bin/python3 - "$1" "$2" <<-\EOF
	import os, sys, zipfile
	top, out = sys.argv[1], sys.argv[2]
	names = []
	for d, _, fs in os.walk(top):
	    for f in fs:
	        names.append(os.path.relpath(os.path.join(d, f), top))
	names.sort(key=lambda n: (n != "[Content_Types].xml", n))
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
	    for n in names:
	        z.write(os.path.join(top, n), n)
	EOF
}

# excel_parts DIR: a workbook's parts as Excel writes them: shared strings
# with rich text runs and a phonetic reading, styles with numFmtId 14 and
# a custom "dd/mm/yyyy", the 1904 date system, a sheet without r
# attributes whose part is not sheet1.xml.
excel_parts() {
	mkdir -p "$1/_rels" "$1/xl/_rels" "$1/xl/worksheets" &&
	cat >"$1/[Content_Types].xml" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
	EOF
	cat >"$1/_rels/.rels" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
	EOF
	cat >"$1/xl/workbook.xml" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1" defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0"/></bookViews><sheets><sheet name="Old" sheetId="3" state="hidden" r:id="rId3"/><sheet name="Roster" sheetId="1" r:id="rId1"/></sheets></workbook>
	EOF
	cat >"$1/xl/_rels/workbook.xml.rels" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
	EOF
	cat >"$1/xl/sharedStrings.xml" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>Name</t></si><si><t>Email</t></si><si><t>Consent on</t></si><si><t>Notes</t></si><si><r><rPr><b/><sz val="11"/></rPr><t>Zo</t></r><r><rPr><sz val="11"/></rPr><t xml:space="preserve">ë Ng</t></r><rPh sb="0" eb="2"><t>ゾ</t></rPh><phoneticPr fontId="1"/></si><si><t>zoe@example.org</t></si><si><t xml:space="preserve">Tea &amp; quiet_x000D_
	please</t></si><si><t>Sam Ode</t></si><si><t>old@example.org</t></si></sst>
	EOF
	cat >"$1/xl/styles.xml" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>
	EOF
	cat >"$1/xl/worksheets/sheet1.xml" <<-\EOF &&
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>8</v></c></row></sheetData></worksheet>
	EOF
	cat >"$1/xl/worksheets/sheet2.xml" <<-\EOF
	<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
	<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row><row><c t="s"><v>4</v></c><c t="s"><v>5</v></c><c s="2"><v>44888</v></c><c t="s"><v>6</v></c></row><row><c t="inlineStr"><is><t>Abe Fry</t></is></c><c t="inlineStr"><is><t>abe@example.org</t></is></c><c s="1"><v>44889</v></c><c t="e"><v>#N/A</v></c></row></sheetData></worksheet>
	EOF
}

test_expect_success 'setup: a roster as a CSV and as a workbook made by libxlsxwriter' '
	cat >roster.csv <<-\EOF &&
	Autumn roster,,,,,,
	Person,,Contact,,,,
	Last,First,Email,Phone,Consent,Consent on,Notes
	Lee,Ann,ann@example.org,07700 900123,TRUE,2026-11-24,"line one
	line two"
	Ray,Bob,bob@example.org,7700900124,yes,2026-11-25,Tea please
	,,,,,,
	Lowe,Cy,,07700900125,FALSE,,
	EOF
	"$XLSXMAKE" roster.xlsx <<-\EOF
	sheet Roster
	s A1 Autumn roster
	m A2:B2 Person
	m C2:D2 Contact
	s A3 Last
	s B3 First
	s C3 Email
	s D3 Phone
	s E3 Consent
	s F3 Consent on
	s G3 Notes
	s A4 Lee
	s B4 Ann
	s C4 ann@example.org
	s D4 07700 900123
	b E4 1
	n F4 46350 dd/mm/yyyy
	s G4 line one\r\nline two
	s A5 Ray
	r B5 B|ob
	s C5 bob@example.org
	n D5 7700900124 General;[Red]-General
	s E5 yes
	n F5 46351 14
	t G5 =H5 Tea please
	s A7 Lowe
	s B7 Cy
	n D7 7700900125 00000000000
	b E7 0
	sheet Other
	s A1 Name
	s B1 Email
	s A2 Dee Park
	s B2 dee@example.org
	EOF
'

test_expect_success 'a workbook imports as its CSV does (title, merged header row, Last, First, dates, a phone kept as a number, in General or padded with zeros, a formula, booleans, gaps)' '
	test_fresh_db &&
	circle roster import roster.csv >out &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	people >from-csv &&
	test_fresh_db &&
	circle roster import roster.xlsx >out 2>err &&
	test_cmp expect out &&
	people >from-xlsx &&
	test_cmp from-csv from-xlsx &&
	test_grep "ann@example.org	07700 900123" from-xlsx &&
	test_grep "bob@example.org	7700900124" from-xlsx &&
	test_grep "	07700900125	" from-xlsx &&
	test_grep "^Bob Ray||1|2026-11-25|Tea please$" from-xlsx &&
	test_grep "^Cy Lowe||0||$" from-xlsx &&
	cat >expect <<-\EOF &&
	circle-roster: roster.xlsx: read sheet "Roster"; the workbook'\''s other sheets with data: "Other" (--sheet NAME reads one of them)
	circle-roster: roster.xlsx:5:4 (Phone): phone "7700900124" is digits alone, as a spreadsheet keeps a number: a leading 0 or + may have been lost (1 phone so in all); kept as written: check it, and format the column as Text before typing a number again
	EOF
	sort expect >expect.sorted &&
	sort err >err.sorted &&
	test_cmp expect.sorted err.sorted
'

test_expect_success 'a dry run says which sheet, and where the header is, by row' '
	test_fresh_db &&
	circle roster import --dry-run roster.xlsx >out 2>err &&
	cat >expect <<-\EOF &&
	roster.xlsx: Excel workbook, sheet "Roster", header on row 3 (the 2 rows above it left out: a title)
	column 1 "Last" -> last_name
	column 2 "First" -> first_name
	column 3 "Email" -> email
	column 4 "Phone" -> phone
	column 5 "Consent" -> consent
	column 6 "Consent on" -> consent_on
	column 7 "Notes" -> notes
	dry run: would be 3 added, 0 updated, 0 unchanged
	EOF
	test_cmp expect out &&
	test_grep "read sheet \"Roster\"; the workbook.s other sheets with data: \"Other\"" err &&
	test "$(test_sql "SELECT count(*) FROM member")" = 0
'

test_expect_success '--sheet reads another sheet, by its name in any case; one not there is named with the sheets there' '
	test_fresh_db &&
	circle roster import --sheet other roster.xlsx >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "read sheet \"Other\"; the workbook.s other sheets with data: \"Roster\"" err &&
	test "$(test_sql "SELECT email FROM member")" = dee@example.org &&
	nothing_written circle roster import --sheet Nope roster.xlsx &&
	echo "circle-roster: roster.xlsx: no sheet named \"Nope\"; its sheets: \"Roster\", \"Other\"" >expect &&
	test_cmp expect err
'

test_expect_success '--sheet with a CSV file, --encoding with a workbook: usage errors' '
	circle db dump >before &&
	test_expect_code 2 circle roster import --sheet Roster roster.csv 2>err &&
	test_grep "roster.csv is not a spreadsheet (.xlsx or .ods); leave out --sheet" err &&
	test_expect_code 2 circle roster import --encoding windows-1252 \
	    roster.xlsx 2>err &&
	test_grep "roster.xlsx is an Excel workbook, whose text is always Unicode; leave out --encoding" err &&
	circle db dump >after &&
	test_cmp before after
'

test_expect_success 'inline strings (a writer in constant memory), a hidden first sheet passed over, a cell past the header' '
	"$XLSXMAKE" -i inline.xlsx <<-\EOF &&
	sheet Archive hidden
	s A1 Name
	s A2 Not Me
	sheet Roster
	s A1 Name
	s B1 Email
	s C1 Notes
	s A3 Una Vale
	s B3 una@example.org
	s E3 a note past the header
	EOF
	test_fresh_db &&
	circle roster import --dry-run inline.xlsx >out 2>err &&
	test_grep "^inline.xlsx: Excel workbook, sheet \"Roster\", header on row 1$" out &&
	# Each row as wide as the sheet, as Excel saves a CSV of it.
	test_grep "^column 4 \"\": ignored$" out &&
	test_grep "^column 5 \"\": ignored$" out &&
	test_grep "other sheets with data: \"Archive\" (hidden)" err &&
	circle roster import inline.xlsx >out &&
	test "$(test_sql "SELECT display_name FROM member")" = "Una Vale"
'

test_expect_success 'a bad cell is placed as in a CSV: file:row:column (header)' '
	"$XLSXMAKE" bad.xlsx <<-\EOF &&
	sheet Roster
	s A1 Name
	s B1 Email
	s C1 Phone
	s A2 Ann Lee
	s B2 ann@example.org
	s A5 Bob Ray
	s B5 not-an-email
	n C5 447700900123
	EOF
	test_fresh_db &&
	nothing_written circle roster import bad.xlsx &&
	test_grep "^circle-roster: bad.xlsx:5:2 (Email): " err
'

test_expect_success 'a sign-in sheet as a workbook: a date cell, a time cell' '
	test_fresh_db &&
	circle group add --handle tc --tz Europe/Dublin "Tuesday Circle" \
	    >/dev/null &&
	circle session plan --group tc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-01-06 --count 2 >/dev/null &&
	circle roster add --group tc "Alex Rivera" >/dev/null &&
	circle roster add --group tc "Blair Chen" >/dev/null &&
	"$XLSXMAKE" sheet.xlsx <<-\EOF &&
	sheet Sign-in
	s A1 Date
	s B1 Time
	s C1 Group
	s D1 Handle
	s E1 Status
	n A2 46028 14
	n B2 0.791666666666667 20
	s C2 tc
	s D2 alex-r
	s E2 x
	n A3 46028 dd/mm/yyyy
	n B3 0.791666666666667 h:mm
	s C3 tc
	s D3 blair-c
	s E3 late
	EOF
	circle attend import --dry-run sheet.xlsx >out &&
	test_grep "^sheet.xlsx: Excel workbook, sheet \"Sign-in\", header on row 1$" out &&
	circle attend import sheet.xlsx >out &&
	echo "2 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	test "$(test_sql "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE m.handle = '\''blair-c'\''")" = late
'

test_expect_success 'a form'\''s responses as a workbook: a date-time cell with seconds' '
	test_fresh_db &&
	circle group add --handle fc --tz America/New_York "Form Circle" \
	    >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-04-07 --count 2 >/dev/null &&
	circle roster add --group fc --email ann@example.org "Ann Oak" >/dev/null &&
	circle checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	"$XLSXMAKE" form.xlsx <<-\EOF &&
	sheet Form Responses 1
	s A1 Timestamp
	s B1 Email address
	s C1 mood
	s D1 distress
	s E1 safe
	n A2 46119.7952777778 22
	s B2 ann@example.org
	n C2 6
	n D2 4
	s E2 Yes
	EOF
	circle checkin import --survey checkin form.xlsx >out &&
	test_grep "^1 added, 0 replaced, 0 unchanged" out
'

test_expect_success PYTHON 'a workbook as Excel writes its XML: rich runs, no r attributes, numFmtId 14 and dd/mm/yyyy, the 1904 date system, a hidden first sheet, sheet2.xml' '
	excel_parts excel &&
	zipdir excel excel.xlsx &&
	test_fresh_db &&
	circle roster import excel.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "read sheet \"Roster\"; the workbook.s other sheets with data: \"Old\" (hidden)" err &&
	test_sql "SELECT display_name, email, coalesce(consent_on, \"\"),
	    coalesce(notes, \"\") FROM member ORDER BY display_name" >out &&
	cat >expect <<-\EOF &&
	Abe Fry|abe@example.org|2026-11-25|#N/A
	Zoë Ng|zoe@example.org|2026-11-24|Tea & quiet
	please
	EOF
	test_cmp expect out &&
	circle roster import --dry-run --sheet Old excel.xlsx >out &&
	test_grep "sheet \"Old\" (1904 date system), header on row 1" out
'

# google_parts DIR: a Google Forms responses sheet as Google Sheets'
# File > Download > Microsoft Excel writes it: shared strings, cells
# written t, s, r in that order, Arial 10 styles with the forms' stamp as
# numFmt 164 "m/d/yyyy h:mm:ss", an empty <calcPr/> (Google saves every
# formula's value and asks for no recalculation), an empty drawing, a
# formula whose value is truly 0, styled empty cells, a checkbox.
google_parts() {
	mkdir -p "$1/_rels" "$1/xl/_rels" "$1/xl/worksheets/_rels" "$1/xl/drawings" &&
	NSG='xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mx="http://schemas.microsoft.com/office/mac/excel/2008/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:mv="urn:schemas-microsoft-com:mac:vml" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"' &&
	XH='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' &&
	R='http://schemas.openxmlformats.org/officeDocument/2006/relationships' &&
	printf "%s\n%s" "$XH" '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ContentType="application/xml" Extension="xml"/><Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" PartName="/xl/worksheets/sheet1.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.drawing+xml" PartName="/xl/drawings/drawing1.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" PartName="/xl/styles.xml"/><Override ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" PartName="/xl/workbook.xml"/></Types>' >"$1/[Content_Types].xml" &&
	printf "%s\n%s" "$XH" "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$R/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>" >"$1/_rels/.rels" &&
	printf "%s\n%s" "$XH" "<workbook $NSG><workbookPr/><sheets><sheet state=\"visible\" name=\"Form Responses 1\" sheetId=\"1\" r:id=\"rId3\"/></sheets><definedNames/><calcPr/></workbook>" >"$1/xl/workbook.xml" &&
	printf "%s\n%s" "$XH" "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$R/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"$R/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\"$R/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>" >"$1/xl/_rels/workbook.xml.rels" &&
	printf "%s\n%s" "$XH" "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"$R/drawing\" Target=\"../drawings/drawing1.xml\"/></Relationships>" >"$1/xl/worksheets/_rels/sheet1.xml.rels" &&
	printf "%s\n%s" "$XH" '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram"/>' >"$1/xl/drawings/drawing1.xml" &&
	printf "%s\n%s" "$XH" '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>Timestamp</t></si><si><t>Email Address</t></si><si><t>Full name</t></si><si><t>Consent to contact</t></si><si><t>Sessions so far</t></si><si><t>rosa@example.org</t></si><si><t>Rosa Quintero</t></si><si><t>tomasz@example.org</t></si><si><t>Tomasz Nowak</t></si></sst>' >"$1/xl/sharedStrings.xml" &&
	printf "%s\n%s" "$XH" '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yyyy h:mm:ss"/></numFmts><fonts count="2"><font><sz val="10.0"/><color rgb="FF000000"/><name val="Arial"/><scheme val="minor"/></font><font><color theme="1"/><name val="Arial"/><scheme val="minor"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="lightGray"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" applyAlignment="1" applyFont="1"/></cellStyleXfs><cellXfs count="3"><xf borderId="0" fillId="0" fontId="0" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"><alignment readingOrder="0" shrinkToFit="0" vertical="bottom" wrapText="0"/></xf><xf borderId="0" fillId="0" fontId="1" numFmtId="0" xfId="0" applyAlignment="1" applyFont="1"><alignment readingOrder="0"/></xf><xf borderId="0" fillId="0" fontId="1" numFmtId="164" xfId="0" applyAlignment="1" applyFont="1" applyNumberFormat="1"><alignment readingOrder="0"/></xf></cellXfs><cellStyles count="1"><cellStyle xfId="0" name="Normal" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>' >"$1/xl/styles.xml" &&
	printf "%s\n%s" "$XH" "<worksheet $NSG><sheetPr><outlinePr summaryBelow=\"0\" summaryRight=\"0\"/></sheetPr><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1.0\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/><selection activeCell=\"B3\" sqref=\"B3\" pane=\"bottomLeft\"/></sheetView></sheetViews><sheetFormatPr customHeight=\"1\" defaultColWidth=\"14.43\" defaultRowHeight=\"15.75\"/><cols><col customWidth=\"1\" min=\"1\" max=\"5\" width=\"18.86\"/></cols><sheetData><row r=\"1\"><c t=\"s\" s=\"1\" r=\"A1\"><v>0</v></c><c t=\"s\" s=\"1\" r=\"B1\"><v>1</v></c><c t=\"s\" s=\"1\" r=\"C1\"><v>2</v></c><c t=\"s\" s=\"1\" r=\"D1\"><v>3</v></c><c t=\"s\" s=\"1\" r=\"E1\"><v>4</v></c></row><row r=\"2\"><c s=\"2\" r=\"A2\"><v>46363.42745370370</v></c><c t=\"s\" s=\"1\" r=\"B2\"><v>5</v></c><c t=\"s\" s=\"1\" r=\"C2\"><v>6</v></c><c t=\"b\" s=\"1\" r=\"D2\"><v>1</v></c><c s=\"1\" r=\"E2\"><f>COUNTIF(Attendance!B:B,B2)</f><v>0</v></c></row><row r=\"3\"><c s=\"2\" r=\"A3\"><v>46363.43125</v></c><c t=\"s\" s=\"1\" r=\"B3\"><v>7</v></c><c t=\"s\" s=\"1\" r=\"C3\"><v>8</v></c><c t=\"b\" s=\"1\" r=\"D3\"><v>0</v></c><c s=\"1\" r=\"E3\"><f>COUNTIF(Attendance!B:B,B3)</f><v>3</v></c></row><row r=\"4\"><c s=\"1\" r=\"A4\"/><c s=\"1\" r=\"B4\"/><c s=\"1\" r=\"C4\"/><c s=\"1\" r=\"D4\"/><c s=\"1\" r=\"E4\"/></row></sheetData><drawing r:id=\"rId1\"/></worksheet>" >"$1/xl/worksheets/sheet1.xml"
}

test_expect_success PYTHON 'a Google Sheets download (.xlsx): shared strings, its stamps, a checkbox, a formula whose value is 0 read as 0' '
	rm -rf google && google_parts google &&
	zipdir google google.xlsx &&
	test_fresh_db &&
	circle roster import --map "Sessions so far=notes" google.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, email, consent, notes FROM member
	    ORDER BY display_name" >actual &&
	printf "%s\n" "Rosa Quintero|rosa@example.org|1|0" \
	    "Tomasz Nowak|tomasz@example.org|0|3" >expect &&
	test_cmp expect actual
'

# hostile DIR: excel_parts in DIR, to be spoiled by the test.
hostile() {
	rm -rf "$1" &&
	excel_parts "$1"
}

# spoil NAME PART SED: excel_parts with sed's SED run on PART, as NAME.xlsx.
spoil() {
	hostile "$1" &&
	sed "$3" "$1/$2" >spoiled.xml &&
	mv spoiled.xml "$1/$2" &&
	zipdir "$1" "$1.xlsx"
}

test_expect_success PYTHON 'a zip bomb: a part over 64 MiB unpacked is refused, nothing imported' '
	hostile bomb &&
	/usr/bin/python3 -c "
import sys
with open(sys.argv[1], \"w\") as f:
    f.write(\"<worksheet xmlns=\\\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\\\"><sheetData>\")
    for i in range(65):
        f.write(\" \" * (1024 * 1024))
    f.write(\"</sheetData></worksheet>\")
" bomb/xl/worksheets/sheet2.xml &&
	zipdir bomb bomb.xlsx &&
	test $(wc -c <bomb.xlsx) -lt 1000000 &&
	test_fresh_db &&
	nothing_written circle roster import bomb.xlsx &&
	test_grep "^circle-roster: bomb.xlsx: xl/worksheets/sheet2.xml is over 64 MiB unpacked: more than a workbook to import holds (a zip bomb?); nothing read$" err
'

test_expect_success PYTHON 'a workbook cut short is refused, as damaged' '
	excel_parts cut &&
	zipdir cut whole.xlsx &&
	head -c 1500 whole.xlsx >cut.xlsx &&
	nothing_written circle roster import cut.xlsx &&
	test_grep "^circle-roster: cut.xlsx: an Excel workbook cut short or damaged (.*); open it in Excel and save it again, or save it as CSV$" err
'

test_expect_success PYTHON 'XML with a DOCTYPE (entities) is refused: no entity is expanded' '
	hostile dtd &&
	cat >dtd/xl/worksheets/sheet2.xml <<-\EOF &&
	<?xml version="1.0"?>
	<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
	<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="inlineStr"><is><t>Name</t></is></c></row><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>
	EOF
	zipdir dtd dtd.xlsx &&
	nothing_written circle roster import dtd.xlsx &&
	test_grep "^circle-roster: dtd.xlsx: xl/worksheets/sheet2.xml:2: a DOCTYPE, which no workbook has (entities are not read): not a workbook Excel wrote; open it in Excel and save it again$" err
'

test_expect_success PYTHON 'rels that point to a missing sheet: refused, as damaged' '
	hostile gone &&
	rm gone/xl/worksheets/sheet2.xml &&
	zipdir gone gone.xlsx &&
	nothing_written circle roster import gone.xlsx &&
	test_grep "^circle-roster: gone.xlsx: sheet \"Roster\" is named in the workbook, but its part xl/worksheets/sheet2.xml is not in it: a damaged workbook; open it in Excel and save it again$" err &&
	spoil norel xl/workbook.xml "s/r:id=\"rId1\"/r:id=\"rId9\"/" &&
	nothing_written circle roster import --sheet roster norel.xlsx &&
	test_grep "^circle-roster: norel.xlsx: sheet \"Roster\" is named in the workbook but has no part: a damaged workbook" err
'

test_expect_success PYTHON 'a row past Excel'\''s last, a cell past column 512: refused' '
	spoil rows xl/worksheets/sheet2.xml \
	    "s|<row><c t=\"inlineStr\"><is><t>Abe|<row r=\"2000000\"><c t=\"inlineStr\"><is><t>Abe|" &&
	nothing_written circle roster import rows.xlsx &&
	test_grep "^circle-roster: rows.xlsx: row 2000000 is past Excel.s last row (1048576): not a sheet Excel wrote; nothing read$" err &&
	spoil cols xl/worksheets/sheet2.xml \
	    "s|<c t=\"e\"><v>#N/A</v></c>|<c r=\"ZZ3\" t=\"e\"><v>#N/A</v></c>|" &&
	nothing_written circle roster import cols.xlsx &&
	test_grep "^circle-roster: cols.xlsx:3:702: a cell past column 512, the last an import reads$" err
'

test_expect_success PYTHON 'a password-protected workbook (an OLE file) says how to remove the password' '
	/usr/bin/python3 -c "
import sys
h = bytearray(1024)
h[0:8] = bytes.fromhex(\"d0cf11e0a1b11ae1\")
h[0x1e] = 9
h[0x30:0x34] = (0).to_bytes(4, \"little\")
name = \"EncryptedPackage\".encode(\"utf-16-le\")
h[512 + 128:512 + 128 + len(name)] = name
open(sys.argv[1], \"wb\").write(h)
" locked.xlsx &&
	nothing_written circle roster import locked.xlsx &&
	echo "circle-roster: locked.xlsx: a password-protected Excel workbook: remove the password in Excel (File > Info > Protect Workbook) or save it as CSV" >expect &&
	test_cmp expect err
'

test_expect_success 'number formats read as Excel shows them: percent, decimals, currency, zeros and text in a phone, a condition; the digits kept where Excel would cut them (separators, scientific, General, @)' '
	"$XLSXMAKE" formats.xlsx <<-\EOF &&
	sheet Roster
	s A1 Name
	s B1 Phone
	s C1 Notes
	s A2 pct
	n C2 0.5 9
	s A3 pct1
	n C3 0.125 0.0%
	s A4 fixed
	n C4 3.456 2
	s A5 fixed-whole
	n C5 7 0.00
	s A6 no-zero
	n C6 0.5 #.##
	s A7 thousands
	n C7 1234567 3
	s A8 currency
	n C8 1234.5 "£"#,##0.00
	s A9 currency-neg
	n C9 -5 [$€-1809]#,##0.00;-[$€-1809]#,##0.00
	s A10 accounting
	n C10 -1234.5 _("$"* #,##0.00_);_("$"* \(#,##0.00\);_("$"* "-"??_);_(@_)
	s A11 negative-section
	n C11 -12 General;[Red]-General
	s A12 text-format
	n B12 447700900123 @
	s A13 scientific
	n B13 447700900123 0.00E+00
	s A14 general
	n B14 447700900123
	s A15 zeros-space
	n B15 7700900123 00000 000000
	s A16 us-phone
	n B16 2025550123 [<=9999999]###-####;(###) ###-####
	s A17 us-short
	n B17 5550123 [<=9999999]###-####;(###) ###-####
	s A18 fraction
	n C18 1.5 # ?/?
	EOF
	test_fresh_db &&
	circle roster import formats.xlsx >out &&
	test_sql "SELECT display_name, coalesce(phone, \"\"), coalesce(notes, \"\")
	    FROM member ORDER BY id" >out &&
	cat >expect <<-\EOF &&
	pct||50%
	pct1||12.5%
	fixed||3.46
	fixed-whole||7.00
	no-zero||.5
	thousands||1234567
	currency||£1234.50
	currency-neg||-€5.00
	accounting||$(1234.50)
	negative-section||-12
	text-format|447700900123|
	scientific|447700900123|
	general|447700900123|
	zeros-space|07700 900123|
	us-phone|(202) 555-0123|
	us-short|555-0123|
	fraction||1.5
	EOF
	test_cmp expect out
'

test_expect_success 'a formula whose value was never saved (libxlsxwriter computes none) is refused, naming the cell; one with its value is read' '
	"$XLSXMAKE" nocalc.xlsx <<-\EOF &&
	sheet Roster
	s A1 Name
	s B1 Email
	s C1 Notes
	s A2 Ann Lee
	s B2 ann@example.org
	f C2 =1+1 2
	s A3 Bob Ray
	s B3 bob@example.org
	f C3 =1+2
	EOF
	test_fresh_db &&
	nothing_written circle roster import nocalc.xlsx &&
	echo "circle-roster: nocalc.xlsx:3:3: a formula whose value is not saved in the workbook (the program that wrote it does not compute formulas); open it in Excel or LibreOffice Calc and save it, then import it again; nothing read" >expect &&
	test_cmp expect err &&
	"$XLSXMAKE" calc.xlsx <<-\EOF &&
	sheet Roster
	s A1 Name
	s B1 Notes
	s A2 Ann Lee
	f B2 =1+1 2
	s A3 Bob Ray
	t B3 =A3 Bob Ray
	EOF
	circle roster import calc.xlsx >out &&
	test_sql "SELECT display_name, notes FROM member ORDER BY 1" >out &&
	printf "%s\n" "Ann Lee|2" "Bob Ray|Bob Ray" >expect &&
	test_cmp expect out
'

# Google Sheets, ExcelJS, ClosedXML and openxlsx2 may ask for every
# formula to be computed when the workbook is opened, but write the
# values they have: only libxlsxwriter's family (calcId 124519) writes 0
# in place of every value.
test_expect_success PYTHON 'a formula whose value is 0 is read as 0 unless the workbook is libxlsxwriter'\''s, which writes 0 for every formula' '
	rm -rf zero && mkdir zero &&
	(cd zero && unzip -q ../nocalc.xlsx) &&
	grep -q "<calcPr calcId=\"124519\" fullCalcOnLoad=\"1\"/>" zero/xl/workbook.xml &&
	sed "s|calcId=\"124519\"|calcId=\"171027\"|" zero/xl/workbook.xml >wb.xml &&
	mv wb.xml zero/xl/workbook.xml &&
	zipdir zero zero.xlsx &&
	test_fresh_db &&
	circle roster import zero.xlsx >out &&
	test_sql "SELECT display_name, notes FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|2" "Bob Ray|0" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'a formula cell with an empty value, as openpyxl writes it, is refused; Excel'\''s empty text of a formula is read as empty' '
	spoil openpyxl xl/worksheets/sheet2.xml \
	    "s|<c t=\"e\"><v>#N/A</v></c>|<c><f>CONCATENATE(\"a\",\"b\")</f><v></v></c>|" &&
	nothing_written circle roster import openpyxl.xlsx &&
	test_grep "^circle-roster: openpyxl.xlsx:3:4: a formula whose value is not saved in the workbook" err &&
	spoil nov xl/worksheets/sheet2.xml \
	    "s|<c t=\"e\"><v>#N/A</v></c>|<c><f>A1</f></c>|" &&
	nothing_written circle roster import nov.xlsx &&
	test_grep "^circle-roster: nov.xlsx:3:4: a formula whose value" err &&
	spoil empty xl/worksheets/sheet2.xml \
	    "s|<c t=\"e\"><v>#N/A</v></c>|<c t=\"str\"><f>IF(1,\"\",\"\")</f><v></v></c>|" &&
	test_fresh_db &&
	circle roster import empty.xlsx >out &&
	test "$(test_sql "SELECT coalesce(notes, \"none\") FROM member
	    WHERE display_name = '\''Abe Fry'\''")" = none
'

test_expect_success 'a workbook on standard input (a file or a pipe) is read as one given by name' '
	test_fresh_db &&
	circle roster import --dry-run - <roster.xlsx >out &&
	test_grep "^stdin: Excel workbook, sheet \"Roster\", header on row 3" out &&
	cat roster.xlsx | circle roster import - >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "^circle-roster: stdin: read sheet \"Roster\"" err &&
	people >from-stdin &&
	test_fresh_db &&
	circle roster import roster.xlsx >out 2>err &&
	people >from-file &&
	test_cmp from-file from-stdin &&
	test_fresh_db &&
	cat roster.xlsx | circle roster import --sheet Other - >out 2>err &&
	test "$(test_sql "SELECT email FROM member")" = dee@example.org &&
	cat nocalc.xlsx | nothing_written circle roster import - &&
	test_grep "^circle-roster: stdin:3:3: a formula whose value is not saved" err
'

test_expect_success 'standard input: a workbook cut short, one over 64 MiB, --encoding with one: refused' '
	head -c 3000 roster.xlsx >cut-in.xlsx &&
	nothing_written circle roster import - <cut-in.xlsx &&
	test_grep "^circle-roster: stdin: an Excel workbook cut short or damaged" err &&
	{ head -c 4096 roster.xlsx && head -c 70000000 /dev/zero; } |
	    nothing_written circle roster import - &&
	echo "circle-roster: stdin: a workbook of over 64 MiB on standard input: more than a workbook to import holds; nothing read" >expect &&
	test_cmp expect err &&
	test_expect_code 2 circle roster import --encoding latin1 - \
	    <roster.xlsx 2>err &&
	test_grep "stdin is an Excel workbook, whose text is always Unicode" err
'

test_expect_success OPENPYXL 'a workbook openpyxl writes: dates as datetimes, numbers, a second sheet' '
	/usr/bin/python3 -c "
import datetime, sys, openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = \"People\"
ws.append([\"Name\", \"Email\", \"Phone\", \"Consent on\"])
ws.append([\"Ann Lee\", \"ann@example.org\", \"07700 900123\", datetime.date(2026, 11, 24)])
ws.append([\"Bob Ray\", \"bob@example.org\", 7700900124, datetime.datetime(2026, 11, 25, 0, 0)])
wb.create_sheet(\"Notes\").append([\"nothing here\"])
wb.save(sys.argv[1])
" py.xlsx &&
	test_fresh_db &&
	circle roster import py.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_grep "other sheets with data: \"Notes\"" err &&
	test_sql "SELECT display_name, phone, consent_on FROM member
	    ORDER BY display_name" >out &&
	cat >expect <<-\EOF &&
	Ann Lee|07700 900123|2026-11-24
	Bob Ray|7700900124|2026-11-25
	EOF
	test_cmp expect out
'

# Excel habits the reader must not trip on: a hidden row and column and an
# autofilter (Excel's CSV holds them all, and so does the import), a
# title over the header merged across its cells, and the dimension
# A1:XFD1048576 of a sheet whose rows to the last were formatted, with a
# formatted empty cell in the last column.
test_expect_success OPENPYXL 'Excel habits: a hidden row and column, an autofilter, a merged title, formatted empty rows to XFD1048576' '
	/usr/bin/python3 -c "
import sys, openpyxl
from openpyxl.styles import Font
wb = openpyxl.Workbook()
ws = wb.active
ws.title = \"Roster\"
ws.append([\"Our roster\"])
ws.merge_cells(\"A1:C1\")
ws.append([\"Name\", \"Email\", \"Phone\"])
ws.append([\"Ann Lee\", \"ann@example.org\", \"07700 900123\"])
ws.append([\"Bob Ray\", \"bob@example.org\", \"07700 900124\"])
ws.append([\"Cy Lowe\", \"cy@example.org\", \"07700 900125\"])
ws.row_dimensions[4].hidden = True
ws.column_dimensions[\"B\"].hidden = True
ws.auto_filter.ref = \"A2:C5\"
for r in range(6, 40):
    ws.cell(row=r, column=1).font = Font(bold=True)
wb.save(\"plain.xlsx\")
# As Excel writes a sheet formatted to its last row: its dimension.
import re, zipfile
zi = zipfile.ZipFile(\"plain.xlsx\")
zo = zipfile.ZipFile(sys.argv[1], \"w\", zipfile.ZIP_DEFLATED)
for it in zi.infolist():
    d = zi.read(it.filename).decode()
    if it.filename == \"xl/worksheets/sheet1.xml\":
        d = re.sub(\"<dimension ref=.[^ ]*/>\", \"<dimension ref=\\\"A1:XFD1048576\\\"/>\", d)
        d = d.replace(\"</sheetData>\", \"<row r=\\\"1000\\\" s=\\\"1\\\" customFormat=\\\"1\\\"><c r=\\\"XFD1000\\\" s=\\\"1\\\"/></row><row r=\\\"1048576\\\" s=\\\"1\\\" customFormat=\\\"1\\\"/></sheetData>\")
        assert \"XFD1048576\" in d and \"XFD1000\" in d
    zo.writestr(it, d)
zo.close()
" habits.xlsx &&
	test_fresh_db &&
	circle roster import habits.xlsx >out 2>err &&
	echo "3 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	test_sql "SELECT display_name, email FROM member ORDER BY 1" >actual &&
	printf "%s\n" "Ann Lee|ann@example.org" "Bob Ray|bob@example.org" \
	    "Cy Lowe|cy@example.org" >expect &&
	test_cmp expect actual
'

test_done
