#!/bin/sh
test_description='imports of sheets at their edges: many merges, hidden columns, lines under a table'
. "$(dirname "$0")/test-lib.sh"

test_lazy_prereq OPENPYXL 'test_have_python_module openpyxl'

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

test_done
