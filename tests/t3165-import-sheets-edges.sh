#!/bin/sh
test_description='imports of sheets at their edges: many merges, hidden columns, lines under a table'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq PYTHON 'test -x /usr/bin/python3'
test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

ODSMAKE="/usr/bin/python3 $CIRCLE_SRC/tests/odsmake.py"

# A group's name merged down over each pair of people, 5000 times: every
# row is in its group (a limit of 4096 merges once left all of them
# unfilled, without a word).
test_expect_success OPENPYXL 'a workbook with 5000 merges down a column fills every one' '
	test_fresh_db &&
	circle group add --handle tue --tz Europe/London "Tuesday" >/dev/null &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Group", "Name", "Email"])
	for i in range(5000):
	    ws.append(["tue", "Pat %05d" % (2 * i), "p%d@example.org" % (2 * i)])
	    ws.append([None, "Pat %05d" % (2 * i + 1), "p%d@example.org" % (2 * i + 1)])
	for i in range(5000):
	    ws.merge_cells("A%d:A%d" % (2 * i + 2, 2 * i + 3))
	wb.save("many.xlsx")
	EOF
	circle roster import many.xlsx >out 2>err &&
	echo "10000 added, 0 updated, 0 unchanged; 10000 joined groups" >expect &&
	test_cmp expect out &&
	echo "circle-roster: many.xlsx: cells merged down a column (A2:A3 and others) read as their value in each row they cover (5000 cells)" >expect &&
	test_cmp expect err
'

# A column hidden in the sheet (its notes, its phones) is in Excel's CSV
# all the same, and read: said, as hidden rows are, by letter and by the
# number --map takes.  A hidden column with nothing in it is not said.
test_expect_success OPENPYXL 'a workbook: a hidden column with data is read, said; an empty one is not' '
	test_fresh_db &&
	/usr/bin/python3 - <<-\EOF &&
	import openpyxl
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name", "Email", "Notes", None, "Phone"])
	ws.append(["Ann Lee", "ann@example.org", "asked not to be named", None, "07700 900123"])
	ws.append(["Bo Li", "bo@example.org", None, None, None])
	ws.column_dimensions["C"].hidden = True
	ws.column_dimensions["D"].hidden = True
	wb.save("hidcol.xlsx")
	wb = openpyxl.Workbook()
	ws = wb.active
	ws.append(["Name", "Email", "Notes", "Phone"])
	ws.append(["Ann Lee", "ann@example.org", "asked not to be named", "07700 900123"])
	ws.column_dimensions.group("C", "D", hidden=True)
	wb.save("hidcols.xlsx")
	EOF
	circle roster import hidcol.xlsx >out 2>err &&
	echo "2 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: hidcol.xlsx: hidden column C (3) read as any other, as the CSV Excel would save holds it; to leave it out, delete it, not hide it, or give --map 3=ignore" >expect &&
	test_cmp expect err &&
	test "$(test_sql "SELECT notes FROM member WHERE display_name = \"Ann Lee\"")" = "asked not to be named" &&
	circle roster import --dry-run hidcols.xlsx >out 2>err &&
	echo "circle-roster: hidcols.xlsx: hidden columns C (3), D (4) read as any other, as the CSV Excel would save holds them; to leave one out, delete it, not hide it, or give --map with its number (--map 3=ignore)" >expect &&
	test_cmp expect err &&
	circle roster import --dry-run --map 3=ignore hidcols.xlsx >out 2>err &&
	echo "circle-roster: hidcols.xlsx: hidden column D (4) read as any other, as the CSV Excel would save holds it; to leave it out, delete it, not hide it, or give --map 4=ignore" >expect &&
	test_cmp expect err
'

test_expect_success PYTHON 'an .ods: a column Calc hides is read, said' '
	test_fresh_db &&
	$ODSMAKE hidcol.ods <<-\EOF &&
	<office:body><office:spreadsheet><table:table table:name="Roster">
	<table:table-column/><table:table-column table:visibility="collapse"/>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Name</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Notes</text:p></table:table-cell></table:table-row>
	<table:table-row><table:table-cell office:value-type="string"><text:p>Ann Lee</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>private</text:p></table:table-cell></table:table-row>
	</table:table></office:spreadsheet></office:body>
	EOF
	circle roster import hidcol.ods >out 2>err &&
	echo "1 added, 0 updated, 0 unchanged" >expect &&
	test_cmp expect out &&
	echo "circle-roster: hidcol.ods: hidden column B (2) read as any other, as the CSV LibreOffice Calc would save holds it; to leave it out, delete it, not hide it, or give --map 2=ignore" >expect &&
	test_cmp expect err
'

test_done
