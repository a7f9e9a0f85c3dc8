#!/bin/sh
test_description='circle db merge undone, and forget after merges: a
facilitator who merged another facilitator'"'"'s extract by mistake and
undid it sends nothing of that group on; the log and undo read sensibly
once a forget has emptied a merge'"'"'s words'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# rows DB TABLE: how many rows a table of a database holds.
rows() {
	sql "$1" "SELECT count(*) FROM $2"
}

# monday DB: what a database holds of Ada's Monday group, a line a row.
monday() {
	sql "$1" "SELECT g.uid, g.name, g.updated_at FROM grp g WHERE
	    g.handle = 'monday';
	    SELECT s.uid, s.local_start FROM session s JOIN grp g ON g.id =
	    s.grp_id WHERE g.handle = 'monday' ORDER BY s.uid;
	    SELECT m.uid, m.display_name, p.joined_on FROM membership p JOIN
	    member m ON m.id = p.member_id JOIN grp g ON g.id = p.grp_id
	    WHERE g.handle = 'monday' ORDER BY m.uid;
	    SELECT s.uid, m.uid, a.status FROM attendance a JOIN session s ON
	    s.id = a.session_id JOIN member m ON m.id = a.member_id JOIN grp g
	    ON g.id = s.grp_id WHERE g.handle = 'monday' ORDER BY 1, 2"
}

test_expect_success 'setup: Ada keeps Monday, Bo Tuesday; Cy has merged both' '
	ada init >/dev/null &&
	ada group add --tz UTC Monday >/dev/null &&
	ada roster add "Dana Diaz" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday >/dev/null &&
	ada session add --group monday 2026-11-02 18:00 >/dev/null &&
	ada attend mark --group monday 2026-11-02 dana-d >/dev/null &&
	bo init >/dev/null &&
	bo group add --tz UTC Tuesday >/dev/null &&
	bo roster add "Eve Ek" >/dev/null &&
	bo roster join --on 2026-10-01 eve-e tuesday >/dev/null &&
	bo session add --group tuesday 2026-11-03 18:00 >/dev/null &&
	bo session add --group tuesday 2026-11-10 18:00 >/dev/null &&
	bo attend mark --group tuesday 2026-11-03 eve-e >/dev/null &&
	ada db extract --group monday -o ada.circle >/dev/null &&
	bo db extract --group tuesday -o bo.circle >/dev/null &&
	cy db merge ada.circle bo.circle >/dev/null &&
	monday "$CY" >monday.before &&
	test "$(wc -l <monday.before)" = 4
'

# The undo deletes the rows the merge brought; the triggers would keep
# each as removed here, and Bo'"'"'s next extract would carry them to Cy.
test_expect_success 'Ada'"'"'s extract merged by Bo by mistake and undone: Bo'"'"'s next extracts carry nothing of Monday' '
	bo db merge ada.circle >out &&
	test_grep "^ada.circle: 5 added" out &&
	bo undo --yes >/dev/null &&
	test "$(rows "$BO" grp)" = 1 &&
	test "$(rows "$BO" removed)" = 0 &&
	bo db extract --all -o all.circle >out &&
	test_grep " 0 removed, 0 forgotten\$" out &&
	bo db extract --group tuesday -o tue.circle >out &&
	test_grep " 0 removed, 0 forgotten\$" out &&
	for f in all.circle tue.circle
	do
		test "$(sql $f "SELECT count(*) FROM removed")" = 0 &&
		test "$(sql $f "SELECT group_concat(handle) FROM grp")" = tuesday &&
		test "$(sql $f "SELECT group_concat(handle) FROM member")" = eve-e ||
		return 1
	done
'

test_expect_success 'Cy merges Bo'"'"'s extract: Monday untouched, nothing said of Dana' '
	cy db merge all.circle >out &&
	test_grep "^all.circle: 0 added, 0 updated, 0 removed" out &&
	! grep "dana-d" out &&
	monday "$CY" >monday.after &&
	test_cmp monday.before monday.after
'

# Only an undone merge keeps no removals: a mark of Bo'"'"'s own taken
# back still travels, and so does the undo of an add of his.
test_expect_success 'a removal of Bo'"'"'s own after that still travels to Cy' '
	bo attend mark --group tuesday 2026-11-10 eve-e >/dev/null &&
	bo db extract --force --group tuesday -o tue.circle >/dev/null &&
	cy db merge tue.circle >/dev/null &&
	sleep 1 &&
	bo attend undo --yes >/dev/null &&
	bo db extract --force --group tuesday -o tue.circle >out &&
	test_grep " 1 removed, 0 forgotten\$" out &&
	cy db merge tue.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 1 removed" out &&
	monday "$CY" >monday.after &&
	test_cmp monday.before monday.after
'

test_expect_success 'the merge done again after the undo (circle undo of the undo) brings Monday back, and undone again sends nothing' '
	bo db merge ada.circle >/dev/null &&
	undo=$(sql "$BO" "SELECT max(id) FROM command") &&
	bo undo --yes $undo >/dev/null &&
	test "$(rows "$BO" grp)" = 1 &&
	test "$(sql "$BO" "SELECT count(*) FROM removed_gone WHERE grp_uid
	    != (SELECT uid FROM grp WHERE handle = '"'"'tuesday'"'"')")" = 0
'

# Undone, done again (an undo of the undo), and undone again: the last
# undo takes the merge's rows away as the first did, keeping no removals.
test_expect_success 'a merge undone, done again by undoing the undo, and undone again sends nothing of Monday' '
	bo db merge ada.circle >/dev/null &&
	merge=$(sql "$BO" "SELECT max(id) FROM command") &&
	bo undo --yes $merge >/dev/null &&
	bo undo --yes $((merge + 1)) >/dev/null &&
	test "$(rows "$BO" grp)" = 2 &&
	bo undo --yes $((merge + 2)) >/dev/null &&
	test "$(rows "$BO" grp)" = 1 &&
	test "$(sql "$BO" "SELECT count(*) FROM removed_gone WHERE grp_uid
	    != (SELECT uid FROM grp WHERE handle = '"'"'tuesday'"'"')")" = 0 &&
	bo db extract --force --all -o all.circle >/dev/null &&
	test "$(sql all.circle "SELECT count(*) FROM removed WHERE grp_uid
	    NOT IN (SELECT uid FROM grp)")" = 0
'

# After a forget, the merge's command keeps no words (the file's name
# may name the person): its log line says what it did, and undo says the
# words went, rather than "circle db merge" as if nothing was merged.
test_expect_success 'after a forget, a merge reads as one in the log and in undo' '
	rm -f co.db* &&
	circle --db co.db db merge ada.circle >/dev/null &&
	circle --db co.db log >log &&
	test_grep "db merge	an extract merged: 5 added, 0 updated, 0 removed\$" log &&
	circle --db co.db roster forget --yes dana-d >/dev/null &&
	test "$(sql co.db "SELECT args IS NULL FROM command WHERE verb =
	    '"'"'merge'"'"'")" = 1 &&
	circle --db co.db log >log &&
	test_grep "db merge	an extract merged: 5 added, 0 updated, 0 removed\$" log &&
	test_grep "roster forget	someone was forgotten" log &&
	test_expect_code 1 circle --db co.db undo --yes 1 >out 2>err &&
	test_grep "^undo of command 1, .*: circle db merge (the words it was typed with went when someone it changed was forgotten)\$" out &&
	test_grep "someone it changed has been forgotten" err
'

test_expect_success 'a merge that forgot someone says so in the log' '
	ada roster forget --yes dana-d >/dev/null &&
	ada db extract --force --group monday -o ada.circle >/dev/null &&
	cy db merge ada.circle >/dev/null &&
	cy log --limit 1 >log &&
	test_grep "db merge	an extract merged: 0 added, 0 updated, [0-9]* removed, 1 forgotten\$" log
'

# An older extract merged after a newer one: what it has that is older
# changes nothing (t1430), but a row it would add may be one removed
# there in between (its removal came first, with nothing here to remove):
# refused, nothing changed, the fix said; done so, the result is Ada's.
test_expect_success 'an older extract after a newer one that would add a row removed in between: refused, the fix said' '
	ada roster add "Gil Green" >/dev/null &&
	ada roster join --on 2026-10-01 gil-g monday >/dev/null &&
	ada attend mark --group monday 2026-11-02 gil-g >/dev/null &&
	ada db extract --force --group monday -o old.circle >/dev/null &&
	sleep 1 &&
	ada attend undo --yes >/dev/null &&
	ada db extract --force --group monday -o new.circle >/dev/null &&
	rm -f c2.db* &&
	circle --db c2.db db merge new.circle >/dev/null &&
	circle --db c2.db db dump >before &&
	last=$(sql c2.db "SELECT max(id) FROM command") &&
	test_expect_code 65 circle --db c2.db db merge old.circle >out 2>err &&
	test_grep "old.circle: an extract made .* UTC, before one of the same groups merged here from the same database (made .* UTC): its 1 row new here may be ones removed there between the two, which would come back, so nothing is merged; merge the two in the order they were made: take that merge back (circle undo $last), then merge this file and the newer one after it; or, when these times are wrong (a clock that was wrong there) or the rows are wanted all the same, give --older\$" err &&
	circle --db c2.db db dump >after &&
	test_cmp before after &&
	circle --db c2.db undo --yes $last >/dev/null &&
	circle --db c2.db db merge old.circle new.circle >out &&
	test_grep "^2 of 2 files merged" out &&
	test "$(sql c2.db "SELECT count(*) FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.handle = '"'"'gil-g'"'"'")" = 0 &&
	test "$(sql c2.db "SELECT count(*) FROM member WHERE handle =
	    '"'"'gil-g'"'"'")" = 1
'

test_expect_success '--older merges the older extract all the same (a clock that was wrong there)' '
	rm -f c4.db* &&
	circle --db c4.db db merge new.circle >/dev/null &&
	circle --db c4.db db merge --older old.circle >out &&
	test_grep "^old.circle: 1 added" out &&
	test "$(sql c4.db "SELECT count(*) FROM attendance a JOIN member m ON
	    m.id = a.member_id WHERE m.handle = '"'"'gil-g'"'"'")" = 1
'

# (An older extract that adds nothing merges, changing nothing: t1430.)
test_expect_success 'a dry run of the older extract is refused the same, and the coordinator merged in order takes it' '
	rm -f c3.db* &&
	circle --db c3.db db merge old.circle >/dev/null &&
	circle --db c3.db db merge new.circle >/dev/null &&
	test_expect_code 65 circle --db c3.db db merge --dry-run old.circle \
	    2>err &&
	test_grep "old.circle: an extract made .* before one of the same groups merged here from the same database" err &&
	cy db merge old.circle >/dev/null &&
	cy db merge new.circle >out &&
	test_grep "^new.circle: 0 added, 0 updated, 1 removed" out
'

# Extracts of other groups of one database carry none of each other's
# removals: merged in any order, none refused.
test_expect_success 'an older extract of another group of the same database merges after a newer one' '
	ada group add --tz UTC Thursday >/dev/null &&
	ada roster add "Hal Hu" >/dev/null &&
	ada roster join --on 2026-10-01 hal-h thursday >/dev/null &&
	ada db extract --group thursday -o thu.circle >/dev/null &&
	sleep 1 &&
	ada db extract --force --group monday -o mon.circle >/dev/null &&
	rm -f c4.db* &&
	circle --db c4.db db merge mon.circle >/dev/null &&
	circle --db c4.db db merge thu.circle >out &&
	test_grep "^thu.circle: 3 added, 0 updated, 0 removed" out &&
	test "$(sql c4.db "SELECT count(*) FROM member WHERE handle =
	    '"'"'hal-h'"'"'")" = 1 &&
	sleep 1 &&
	ada db extract --force --group thursday -o thu.circle >/dev/null &&
	circle --db c4.db db merge thu.circle >/dev/null &&
	test_expect_code 65 circle --db c4.db db merge old.circle 2>err &&
	test_grep "old.circle: an extract made .* before one of the same groups merged here from the same database" err
'

# A merge logged before the times and groups were kept: the last one
# from there, if its extract is newer, refuses an older file as before.
test_expect_success 'a merge logged without its groups: the older extract refused as before' '
	rm -f c5.db* &&
	circle --db c5.db db merge thu.circle >/dev/null &&
	sql c5.db "UPDATE change_log SET detail = json_remove(detail,
	    '"'"'$.made'"'"', '"'"'$.groups'"'"') WHERE entity =
	    '"'"'database'"'"'" &&
	test_expect_code 65 circle --db c5.db db merge mon.circle 2>err &&
	test_grep "mon.circle: an extract made .* take that merge back (circle undo 1)" err &&
	circle --db c5.db undo --yes 1 >/dev/null &&
	circle --db c5.db db merge mon.circle thu.circle >out &&
	test_grep "^2 of 2 files merged" out
'

# Ada begins again on a new laptop (a new database, not a copy): her
# group comes a second time, renamed, and its people are listed beside
# the first one's, as circle(7) says, never made one.
test_expect_success 'a group begun again in a new database: renamed, its people listed as look-alikes of the first one'"'"'s' '
	rm -f new.db* &&
	circle --db new.db init >/dev/null &&
	circle --db new.db group add --tz UTC Monday >/dev/null &&
	circle --db new.db roster add "Gil Green" >/dev/null &&
	circle --db new.db roster join --on 2026-10-01 gil-g monday >/dev/null &&
	circle --db new.db db extract -o laptop.circle >/dev/null &&
	cy db merge laptop.circle >out &&
	test_grep "^renamed: group monday-2: monday in the file" out &&
	test_grep "^look-alike: gil-g-2 and gil-g: the same name in monday-2 and monday: maybe one person" out &&
	test "$(sql "$CY" "SELECT count(*) FROM member WHERE display_name =
	    '"'"'Gil Green'"'"'")" = 2
'

test_done
