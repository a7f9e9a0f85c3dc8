#!/bin/sh
test_description='circle db merge again of an extract with a few attendance
rows new or changed since, at its end: the rows before them, each the row
of its id here and settled, are counted unchanged without being read
again, and only the rest are counted and written; the counts, rows,
conflicts and output are those of a merge row by row'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

G=weekly-circle
PEOPLE="ana-a ben-b cal-c dee-d eve-e fay-f"

# rows DB: every row but the merge's own records.
rows() {
	circle --db "$1" db dump | grep -v -e "\"change_log\"" \
	    -e "\"network\"" -e "\"command\"" -e "\"undo_data\""
}

# merge_both [OPTION...] FILE: FILE merged into copies of Cy's database,
# e1.db as a merge may (its statements traced into trace1) and e2.db row
# by row: the same output and rows, both whole.
merge_both() {
	rm -f e1.db* e2.db* &&
	cp "$CY" e1.db && cp "$CY" e2.db &&
	CIRCLE_TRACE_SQL=1 circle --db e1.db db merge "$@" >out1 2>trace1 &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge "$@" >out2 &&
	test_cmp out2 out1 &&
	rows e2.db >rows2 &&
	rows e1.db >rows1 &&
	test_cmp rows2 rows1 &&
	test "$(circle --db e1.db db check)" = ok
}

# from N: the merge in e1.db read the file's attendance from its row N on.
from() {
	test_grep "^circle-db: sql: INSERT INTO main.attendance .* WHERE t.id >= $1 ON CONFLICT" trace1
}

test_expect_success 'setup: twelve weeks of six people, merged by the coordinator' '
	ada init >/dev/null &&
	ada group add --tz UTC "Weekly Circle" >/dev/null &&
	for n in "Ana A" "Ben B" "Cal C" "Dee D" "Eve E" "Fay F"; do
		ada roster add -- "$n" >/dev/null || return 1
	done &&
	for p in $PEOPLE; do
		ada roster join --on 2025-01-01 $p $G || return 1
	done &&
	for w in 07 14 21 28; do
		ada session add --group $G 2025-01-$w 18:00 >/dev/null &&
		ada attend mark --group $G --force 2025-01-$w $PEOPLE \
		    >/dev/null || return 1
	done &&
	for w in 04 11 18 25; do
		ada session add --group $G 2025-02-$w 18:00 >/dev/null &&
		ada attend mark --group $G --force 2025-02-$w $PEOPLE \
		    >/dev/null || return 1
	done &&
	for w in 04 11 18 25; do
		ada session add --group $G 2025-03-$w 18:00 >/dev/null &&
		ada attend mark --group $G --force 2025-03-$w $PEOPLE \
		    >/dev/null || return 1
	done &&
	test "$(sql "$ADA" "SELECT count(*), max(id) FROM attendance")" = "72|72" &&
	ada db extract --all -o a.circle >/dev/null &&
	cy init >/dev/null &&
	cy db merge a.circle >/dev/null &&
	cy db merge a.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 72 unchanged" out
'

test_expect_success 'a merge again adding a session and its marks writes only them' '
	ada session add --group $G 2025-04-01 18:00 >/dev/null &&
	ada attend mark --group $G --force 2025-04-01 ana-a ben-b cal-c \
	    >/dev/null &&
	ada attend mark --group $G --force --late --note "bus" 2025-04-01 \
	    dee-d >/dev/null &&
	ada db extract --all -o b.circle >/dev/null &&
	merge_both b.circle &&
	test_grep "^session *1 added, 0 updated, 0 removed, 12 unchanged" out1 &&
	test_grep "^attendance *4 added, 0 updated, 0 removed, 72 unchanged" out1 &&
	test_grep "^b.circle: 5 added, 0 updated" out1 &&
	from 73 &&
	test "$(sql e1.db "SELECT a.id, a.status, a.note FROM attendance a
	    JOIN member m ON m.id = a.member_id WHERE m.handle = '"'dee-d'"'
	    AND a.id > 72")" = "76|late|bus" &&
	circle --db e1.db db merge b.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 76 unchanged" out
'

test_expect_success 'a mark changed near the end is updated with the new ones' '
	sleep 1 &&
	ada attend mark --group $G --force --excused 2025-03-25 fay-f \
	    >/dev/null &&
	ada attend mark --group $G --force 2025-04-01 eve-e >/dev/null &&
	ada db extract --all -o c.circle >/dev/null &&
	merge_both c.circle &&
	test_grep "^attendance *5 added, 1 updated, 0 removed, 71 unchanged" out1 &&
	from 72 &&
	test "$(sql e1.db "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE m.handle = '"'fay-f'"' AND
	    a.session_id = 12")" = excused
'

test_expect_success 'a mark changed on both sides near the end is a conflict, kept or --theirs' '
	cy db merge b.circle >/dev/null &&
	sleep 1 &&
	cy attend mark --group $G --force --absent 2025-03-25 fay-f \
	    >/dev/null &&
	sleep 1 &&
	ada attend mark --group $G --force --late 2025-03-25 fay-f \
	    >/dev/null &&
	ada db extract --all -o d.circle >/dev/null &&
	merge_both d.circle &&
	test_grep "^attendance *1 added, 0 updated, 0 removed, 75 unchanged, 1 conflict" out1 &&
	test_grep "^conflict: attendance fay-f at $G 2025-03-25 18:00: changed here (.*) and there (.*); kept this side" out1 &&
	from 72 &&
	merge_both --theirs d.circle &&
	test_grep "^conflict: attendance fay-f at $G 2025-03-25 18:00: .*; took theirs" out1 &&
	test "$(sql e1.db "SELECT a.status FROM attendance a JOIN member m
	    ON m.id = a.member_id WHERE m.handle = '"'fay-f'"' AND
	    a.session_id = 12")" = late
'

test_expect_success 'a change early in the file is merged as before, every row read' '
	sleep 1 &&
	ada attend mark --group $G --force --absent 2025-01-07 ana-a \
	    >/dev/null &&
	ada db extract --all -o e.circle >/dev/null &&
	merge_both e.circle &&
	test_grep "^attendance *1 added, 1 updated, 0 removed, 74 unchanged, 1 conflict" out1 &&
	! from 1 &&
	test_grep "t.id >= -9223372036854775808 ON CONFLICT" trace1
'

test_expect_success 'a row naming a session and a person past the file'"'"'s, as the row of its id here does: not settled, as row by row' '
	# Bo'"'"'s group merged after Ada'"'"'s: its session, person and mark
	# here have ids past those of Ada'"'"'s first file
	bo init >/dev/null &&
	bo group add --tz UTC "Other Circle" >/dev/null &&
	bo roster add "Gus G" >/dev/null &&
	bo roster join --on 2025-01-01 gus-g other-circle >/dev/null &&
	bo session add --group other-circle 2025-01-08 18:00 >/dev/null &&
	bo attend mark --group other-circle --force 2025-01-08 gus-g \
	    >/dev/null &&
	bo db extract --all -o o.circle >/dev/null &&
	cy db merge o.circle >/dev/null &&
	test "$(sql "$CY" "SELECT max(id) FROM session")" -gt 12 &&
	test "$(sql "$CY" "SELECT max(id) FROM member")" -gt 6 &&
	# Ada'"'"'s first file with that mark, under its id here, added
	# (older than here: not to be written, nor a conflict)
	cp a.circle g.circle &&
	"$SQLITE3" "$CY" "ATTACH '"'g.circle'"' AS g; INSERT INTO g.attendance
	    SELECT a.id, a.session_id, a.member_id, a.status, a.note,
	    '"'2025-01-08T19:00:00Z'"', '"'2025-01-08T19:00:00Z'"' FROM
	    attendance a JOIN member m ON m.id = a.member_id WHERE m.handle =
	    '"'gus-g'"'" &&
	test "$(sql g.circle "SELECT count(*), max(id) > 72 FROM attendance")" = "73|1" &&
	resum g.circle &&
	merge_both g.circle &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 72 unchanged" out1
'

test_done
