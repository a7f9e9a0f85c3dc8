#!/bin/sh
test_description='circle db merge again: the ways a merge finds there is
nothing to do without looking row by row (a table whose every row is
settled, memberships gone there not looked for, attendance bounded by the
file'"'"'s highest ids) give the output and rows of a merge row by row,
for files and databases where their proofs could fail: a person who left
and joined again, a membership here of a person the file has not, two
facilitators whose ids collide, a person merged into another there, a
group adopted, a --since extract, a row changed here only'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

DI=$TRASH/di.db
di() { circle --db "$DI" "$@"; }
MO=monday-group
TU=tuesday-group

# rows DB: every row but the merge's own records, without the time a
# removal or a forgetting was recorded here (the second of each merge).
rows() {
	circle --db "$1" db dump | grep -v -e "\"change_log\"" \
	    -e "\"network\"" -e "\"command\"" -e "\"undo_data\"" |
	sed 's/"at":"[^"]*"/"at":""/'
}

# merge_both [OPTION...] FILE: FILE merged into a copy of Di's database
# row by row (out2, rows2), and into Di's own as a merge may (its
# statements traced into trace, out): the same output and rows.
merge_both() {
	rm -f e2.db* && cp "$DI" e2.db &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge "$@" >out2 &&
	CIRCLE_TRACE_SQL=1 di db merge "$@" >out 2>trace &&
	test_cmp out2 out &&
	rows e2.db >rows2 &&
	rows "$DI" >rows1 &&
	test_cmp rows2 rows1 &&
	test "$(di db check)" = ok
}
looked_for() { grep -q "sql: CREATE TEMP TABLE st_msgone" trace; }

# spans DB HANDLE: a person's memberships, group|first day|last day.
spans() {
	sql "$1" "SELECT g.handle || '|' || p.joined_on || '|' ||
	    coalesce(p.left_on, '') FROM membership p JOIN member m ON m.id =
	    p.member_id JOIN grp g ON g.id = p.grp_id WHERE m.handle = '$2'
	    ORDER BY g.handle, p.joined_on"
}

test_expect_success 'setup: Bo'"'"'s and Cy'"'"'s groups (ids from 1 each), merged by Di' '
	bo init >/dev/null &&
	bo group add --tz UTC "Monday Group" >/dev/null &&
	printf "name,joined\nGil Gray,2026-10-05\nHal Hill,2026-10-05\nIda Ives,2026-10-05\n" >bo.csv &&
	bo roster import --group $MO bo.csv >/dev/null &&
	for d in 05 12 19 26; do
		bo session add --group $MO 2026-10-$d 18:00 >/dev/null &&
		bo attend mark --group $MO --force 2026-10-$d gil-g hal-h \
		    ida-i >/dev/null || return 1
	done &&
	# Hal left and came back: two periods of one group
	bo roster leave --on 2026-10-13 hal-h $MO >/dev/null &&
	bo roster join --on 2026-10-20 hal-h $MO >/dev/null &&
	test "$(spans "$BO" hal-h | wc -l)" -eq 2 &&
	cy init >/dev/null &&
	cy group add --tz UTC "Tuesday Group" >/dev/null &&
	printf "name,joined\nKim Kent,2026-10-06\nLou Lamb,2026-10-06\n" >cy.csv &&
	cy roster import --group $TU cy.csv >/dev/null &&
	cy session add --group $TU 2026-10-06 18:00 >/dev/null &&
	cy attend mark --group $TU --force 2026-10-06 kim-k lou-l >/dev/null &&
	bo db extract -o b1.circle >/dev/null &&
	cy db extract -o c1.circle >/dev/null &&
	di init >/dev/null &&
	di db merge b1.circle >/dev/null &&
	di db merge c1.circle >/dev/null &&
	# Bo'"'"'s kept their ids at Di, Cy'"'"'s could not
	test "$(sql "$DI" "SELECT count(*) FROM member WHERE handle IN
	    ('"'kim-k'"', '"'lou-l'"') AND id > 3")" = 2
'

test_expect_success 'each merged again unchanged: nothing done, as row by row' '
	merge_both b1.circle &&
	! looked_for &&
	test_grep "^membership *0 added, 0 updated, 0 removed, 4 unchanged" out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 12 unchanged" out &&
	merge_both c1.circle &&
	looked_for &&
	test_grep "^membership *0 added, 0 updated, 0 removed, 2 unchanged" out
'

test_expect_success 'a person changed here only (newer here): settled, as row by row' '
	di roster edit --notes "asked for a ride" gil-g >/dev/null &&
	merge_both b1.circle &&
	test_grep "^member *0 added, 0 updated, 0 removed, 3 unchanged" out &&
	test "$(sql "$DI" "SELECT notes FROM member WHERE handle = '"'gil-g'"'")" = "asked for a ride"
'

test_expect_success 'the first day of a second period moved there: looked for, as row by row' '
	bo roster join --on 2026-10-14 hal-h $MO >/dev/null &&
	test "$(spans "$BO" hal-h)" = "$MO|2026-10-05|2026-10-13
$MO|2026-10-14|" &&
	bo db extract --force -o b2.circle >/dev/null &&
	merge_both b2.circle &&
	looked_for &&
	test_grep "^membership *0 added, 1 updated, 0 removed" out &&
	test "$(spans "$DI" hal-h)" = "$(spans "$BO" hal-h)" &&
	# merged again: nothing to do (the period came in under an id of
	# its own here, so the memberships are looked for again)
	merge_both b2.circle &&
	test_grep "^membership *0 added, 0 updated, 0 removed," out
'

test_expect_success 'a membership here of a person the file has not: looked for, kept, as row by row' '
	di roster add "Zed Zane" >/dev/null &&
	di roster join --on 2026-10-20 zed-z $MO >/dev/null &&
	merge_both b2.circle &&
	looked_for &&
	test "$(spans "$DI" zed-z)" = "$MO|2026-10-20|"
'

test_expect_success 'a person merged into another there: as row by row' '
	bo roster merge --yes gil-g ida-i >/dev/null &&
	bo db extract --force -o b3.circle >/dev/null &&
	merge_both b3.circle &&
	# the two records here are left to Di (roster merge here too)
	test_grep "^look-alike: gil-g and ida-i: made one" out &&
	test "$(spans "$DI" gil-g)" = "$(spans "$BO" gil-g)"
'

test_expect_success 'a --since extract (a part of the rows): as row by row' '
	bo roster leave --on 2026-10-27 hal-h $MO >/dev/null &&
	bo session add --group $MO 2026-11-02 18:00 >/dev/null &&
	bo attend mark --group $MO --force 2026-11-02 gil-g >/dev/null &&
	bo db extract --since yesterday --force -o b4.circle >/dev/null &&
	merge_both b4.circle &&
	test "$(spans "$DI" hal-h)" = "$(spans "$BO" hal-h)"
'

test_expect_success 'a group adopted (--adopt): as row by row' '
	# Cy'"'"'s group, merged at Bo and sent on from there
	bo db merge c1.circle >/dev/null &&
	bo db extract --all --force -o b5.circle >/dev/null &&
	merge_both b5.circle &&
	test_grep "^not merged: group $TU: belongs to another database" out &&
	merge_both --adopt b5.circle &&
	test_grep "^group .* 2 unchanged" out &&
	merge_both b5.circle &&
	test_grep "^b5.circle: 0 added, 0 updated, 0 removed" out
'

test_expect_success 'merged in the other order at Ed (Cy'"'"'s ids kept, Bo'"'"'s not), each again: as row by row' '
	DI=$TRASH/ed.db &&
	di init >/dev/null &&
	di db merge c1.circle >/dev/null &&
	di db merge b1.circle >/dev/null &&
	# Cy'"'"'s attendance named by sessions and people past Cy'"'"'s here
	test "$(sql "$DI" "SELECT max(session_id) > 1, max(member_id) > 2
	    FROM attendance")" = "1|1" &&
	merge_both c1.circle &&
	! looked_for &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, 2 unchanged" out &&
	merge_both b1.circle &&
	looked_for &&
	test_grep "^b1.circle: 0 added, 0 updated, 0 removed" out &&
	# a mark changed there and a person forgotten there
	cy attend mark --group $TU --force --late 2026-10-06 kim-k \
	    >/dev/null &&
	cy roster forget --yes lou-l >/dev/null &&
	cy db extract -o c2.circle >/dev/null &&
	merge_both c2.circle &&
	test_grep "^attendance *0 added, 1 updated" out &&
	test -z "$(spans "$DI" lou-l)"
'

test_done
