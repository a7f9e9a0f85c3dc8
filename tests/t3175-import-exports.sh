#!/bin/sh
test_description='Imports of what real programs export: a register'\''s dashes, crosses and excused absences'
. "$(dirname "$0")/test-lib.sh"

# marks: handle and status of every attendance, by handle.
marks() {
	test_sql "SELECT m.handle, a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id ORDER BY 1"
}

test_expect_success 'setup: a group in New York, four Tuesdays in April, three people' '
	test_fresh_db &&
	circle group add --handle fc --tz America/New_York "Form Circle" \
	    >/dev/null &&
	circle session plan --group fc --name wk --every week --on tuesday \
	    --at 19:00 --from 2026-04-07 --count 4 >/dev/null &&
	circle roster add --group fc --email ann@example.org "Ann Oak" \
	    >/dev/null &&
	circle roster add --group fc --email bob@example.org "Bob Nash" \
	    >/dev/null &&
	circle roster add --group fc "Cy Lowe" >/dev/null
'

test_expect_success 'a register: apologies and "Excused absence" are excused, "Unexcused" absent' '
	printf "%s\r\n" "Date,Name,Status" "2026-04-07,Ann Oak,Apologies" \
	    "2026-04-07,Bob Nash,Unexcused" \
	    "2026-04-07,Cy Lowe,Excused absence" >register.csv &&
	circle attend import register.csv >out &&
	echo "3 marked, 0 unchanged; 1 session recorded" >expect &&
	test_cmp expect out &&
	printf "%s\n" "ann-o|excused" "bob-n|absent" "cy-l|excused" >expect &&
	marks >actual &&
	test_cmp expect actual
'

test_expect_success 'a register: a dash and a cross alone are refused, each said for what it is' '
	printf "%s\r\n" "Date,Name,Status" "2026-04-14,Ann Oak,-" \
	    "2026-04-14,Bob Nash,–" "2026-04-14,Cy Lowe,✗" >dashes.csv &&
	nothing_written circle attend import dashes.csv &&
	test_grep "dashes.csv:2:3 (Status): status: \"-\" is a dash, absent on some registers and no mark on others: write absent or excused in its cell, or leave the row out" err &&
	test_grep "dashes.csv:3:3 (Status): status: \"–\" is a dash" err &&
	test_grep "dashes.csv:4:3 (Status): status: \"✗\" is a cross, a tick on paper and a no beside ticks: write present or absent in its cell" err
'

test_done
