#!/bin/sh
test_description='a roster put in after the group began: marks made
before the first day said, the first day moved back by roster join --on and
by an import'"'"'s joined column (never over an earlier membership, never
forward), logged and undone, and merged at a coordinator as the one
membership (no second one, none over another)'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

TH=thursday-group

# A person's memberships of a database: first day|last day, oldest first.
spans() {
	sql "$1" "SELECT p.joined_on || '|' || coalesce(p.left_on, '') FROM
	    membership p JOIN member m ON m.id = p.member_id WHERE m.handle =
	    '$2' ORDER BY p.joined_on"
}

test_expect_success 'setup: a roster imported a week after the group began' '
	ada init >/dev/null &&
	ada group add --tz UTC "Thursday Group" >/dev/null &&
	ada session add 2026-11-05 18:00 >/dev/null &&
	ada session add 2026-11-12 18:00 >/dev/null &&
	printf "name,joined\nAnn Apple,2026-11-12\nBen Berry,2026-11-12\nCat Cole,2026-11-12\n" >roster.csv &&
	ada roster import --group $TH roster.csv >out &&
	test_grep "3 joined $TH" out
'

test_expect_success 'marks before the first day: marked, and said with the way forward' '
	ada attend mark 2026-11-05 ann-a ben-b >out 2>err &&
	test_grep "2 marked present" out &&
	test_grep "^circle-attend: ann-a is in the group from 2026-11-12, after this session: not counted as expected (to count them from that day: circle roster join --on 2026-11-05 ann-a)\$" err &&
	test_grep "^circle-attend: ben-b is in the group from 2026-11-12" err &&
	# in the group that day: nothing said
	ada attend mark 2026-11-12 ann-a 2>err &&
	test_must_be_empty err &&
	ada report sessions --format tsv >rep &&
	test_grep "^1	$TH	2026-11-05	18:00	held	0	" rep
'

test_expect_success 'a sign-in sheet with marks before the first day says so too, once a person' '
	printf "date,name,status\n2026-11-12,Ann Apple,present\n2026-11-05,Cat Cole,present\n2026-11-05,Ben Berry,late\n" >sheet.csv &&
	ada attend import sheet.csv >out 2>err &&
	test_grep "^circle-attend: sheet.csv:3: cat-c is in the group from 2026-11-12, after the session marked here: not counted as expected (to count them from that day: circle roster join --on 2026-11-05 cat-c)\$" err &&
	# ben-b marked there before (and said then): changed, not said again
	test "$(wc -l <err)" -eq 1 &&
	# a register: one note for a person marked at two sessions before
	printf "name,2026-11-05,2026-11-12\nDot Early,x,x\n" >register.csv &&
	ada roster add "Dot Early" >/dev/null &&
	ada roster join --on 2026-11-19 dot-e >/dev/null &&
	ada attend import --group $TH register.csv >out 2>err &&
	test_grep "^circle-attend: register.csv:2: dot-e is in the group from 2026-11-19, after 2 sessions marked here (the first on 2026-11-05): not counted as expected (to count them from that day: circle roster join --on 2026-11-05 dot-e)\$" err &&
	test "$(wc -l <err)" -eq 1 &&
	# read again: nothing new marked, nothing said
	ada attend import sheet.csv >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'roster join --on an earlier day moves the first day back' '
	ada roster join --on 2026-11-05 ann-a >out &&
	test "$(cat out)" = "1 in $TH from 2026-11-05 now (was 2026-11-12)" &&
	test "$(spans "$ADA" ann-a)" = "2026-11-05|" &&
	ada log >log &&
	test_grep "ann-a joined $TH on 2026-11-05 (first day moved back from 2026-11-12)" log &&
	ada report sessions --format tsv >rep &&
	test_grep "^1	$TH	2026-11-05	18:00	held	1	" rep &&
	# the same again: in already, since then
	test_expect_code 1 ada roster join --on 2026-11-05 ann-a 2>err &&
	test_grep "ann-a is already in $TH, since 2026-11-05\$" err &&
	# forward: refused, and how to end one
	test_expect_code 1 ada roster join --on 2026-11-20 ann-a 2>err &&
	test_grep "ann-a is already in $TH, since 2026-11-05 (a first day moves only back; to end a membership: circle roster leave)" err &&
	test "$(spans "$ADA" ann-a)" = "2026-11-05|" &&
	# one in already, one not: both said
	ada roster add "Dot Dale" >/dev/null &&
	ada roster join --on 2026-11-05 dot-d ben-b $TH >out &&
	test "$(cat out)" = "1 joined $TH; 1 in $TH from 2026-11-05 now (was 2026-11-12)"
'

test_expect_success 'undo puts the first day back' '
	ada undo --yes >/dev/null &&
	test "$(spans "$ADA" ben-b)" = "2026-11-12|" &&
	test "$(spans "$ADA" dot-d)" = ""
'

test_expect_success 'never back over the end of an earlier membership' '
	ada roster leave --on 2026-11-20 cat-c >/dev/null &&
	ada roster join --on 2026-11-26 cat-c >/dev/null &&
	ada db dump >before &&
	test_expect_code 1 ada roster join --on 2026-11-19 cat-c 2>err &&
	test_grep "date: 2026-11-19 is before the end of the last membership of that group (2026-11-20); rejoin on 2026-11-20 or later" err &&
	ada db dump >after &&
	test_cmp before after &&
	ada roster join --on 2026-11-20 cat-c >out &&
	test_grep "from 2026-11-20 now (was 2026-11-26)" out &&
	test "$(spans "$ADA" cat-c | tr "\n" " ")" = "2026-11-12|2026-11-20 2026-11-20| "
'

test_expect_success 'an import with an earlier joined date moves it back, and says so' '
	printf "name,joined\nBen Berry,2026-11-05\n" >again.csv &&
	ada roster import --group $TH again.csv >out 2>err &&
	test_grep "again.csv:2: in the group from 2026-11-05 now, the joined date given (was 2026-11-12): updated\$" err &&
	# the day moved back is an update of Ben, not "unchanged"
	test "$(cat out)" = "0 added, 1 updated, 0 unchanged" &&
	test "$(spans "$ADA" ben-b)" = "2026-11-05|" &&
	# a later one changes nothing, as before
	printf "name,joined\nBen Berry,2026-11-19\n" >later.csv &&
	ada roster import --group $TH later.csv >out 2>err &&
	test "$(cat out)" = "0 added, 0 updated, 1 unchanged" &&
	test "$(spans "$ADA" ben-b)" = "2026-11-05|" &&
	# a dry run counts the same, and moves nothing
	ada roster add "Gil Gray" >/dev/null &&
	ada roster join --on 2026-11-12 gil-g $TH >/dev/null &&
	printf "name,joined\nGil Gray,2026-11-01\n" >dry.csv &&
	ada roster import --dry-run --group $TH dry.csv >out 2>err &&
	test_grep "^dry run: would be 0 added, 1 updated, 0 unchanged\$" out &&
	test_grep "dry.csv:2: in the group from 2026-11-01 now, the joined date given (was 2026-11-12): updated\$" err &&
	test "$(spans "$ADA" gil-g)" = "2026-11-12|" &&
	# a name changed too: one update, said once
	printf "name,joined,email\nBen Berry,2026-11-01,ben@example.org\n" >both.csv &&
	ada roster import --group $TH both.csv >out 2>err &&
	test "$(cat out)" = "0 added, 1 updated, 0 unchanged" &&
	test_grep "both.csv:2: in the group from 2026-11-01 now, the joined date given (was 2026-11-05)\$" err
'

test_expect_success 'a coordinator who merged the old first day has the one membership after' '
	cy init >/dev/null &&
	ada roster add "Eve Eden" >/dev/null &&
	ada roster add "Fay Fox" >/dev/null &&
	ada roster join --on 2026-11-12 eve-e fay-f $TH >/dev/null &&
	ada db extract -o a1.circle >/dev/null &&
	cy db merge a1.circle >/dev/null &&
	test "$(spans "$CY" eve-e)" = "2026-11-12|" &&
	# moved back; and moved back, then ended
	ada roster join --on 2026-11-05 eve-e fay-f >/dev/null &&
	ada roster leave --on 2026-11-19 fay-f >/dev/null &&
	ada db extract --force -o a2.circle >/dev/null &&
	cy db merge a2.circle >out &&
	test_grep "^membership *0 added, 2 updated, 0 removed" out &&
	test "$(spans "$CY" eve-e)" = "2026-11-05|" &&
	test "$(spans "$CY" fay-f)" = "2026-11-05|2026-11-19" &&
	for h in ann-a ben-b cat-c eve-e fay-f; do
		test "$(spans "$CY" $h)" = "$(spans "$ADA" $h)" || return 1
	done &&
	test "$(cy db check)" = ok &&
	# the same file again: nothing more
	cy db merge a2.circle >out &&
	test_grep "^membership *0 added, 0 updated, 0 removed" out &&
	cy report sessions --format tsv >cyrep &&
	ada report sessions --format tsv >adarep &&
	test_cmp adarep cyrep
'

test_expect_success 'a move undone there, or its removal left out of a --since extract: merged all the same' '
	# undone at the group (the leave, then the move): the first days
	# forward again
	ada undo --yes >/dev/null &&
	ada undo --yes >/dev/null &&
	test "$(spans "$ADA" eve-e)" = "2026-11-12|" &&
	test "$(spans "$ADA" fay-f)" = "2026-11-12|" &&
	ada db extract --force -o a3.circle >/dev/null &&
	cy db merge a3.circle >out &&
	test_grep "^membership *0 added, 2 updated, 0 removed" out &&
	for h in eve-e fay-f; do
		test "$(spans "$CY" $h)" = "$(spans "$ADA" $h)" || return 1
	done &&
	# moved back again, sent in an extract since a later day, which
	# carries the memberships but not the removal of the old one
	ada roster join --on 2026-11-05 eve-e >/dev/null &&
	"$SQLITE3" "$ADA" "UPDATE removed SET at = '\''2026-01-01T00:00:00Z'\''
	    WHERE tbl = '\''membership'\''" &&
	ada db extract --since yesterday --force -o a4.circle >out &&
	test_grep " 0 removed," out &&
	cy db merge a4.circle >out &&
	test_grep "^membership *0 added, 1 updated, 0 removed" out &&
	test "$(spans "$CY" eve-e)" = "2026-11-05|" &&
	test "$(cy db check)" = ok &&
	# and undone at the coordinator: as it was
	cy undo --yes >/dev/null &&
	test "$(spans "$CY" eve-e)" = "2026-11-12|"
'

# Bo's group holds everyone of Bo's database, so that Di, merging it
# first, keeps its ids: a merge again need not look for memberships gone
# there when every one here is the file's of its id (mergecopy.c's
# circle_merge_memberships_kept), and must when one is not.
DI=$TRASH/di.db
di() { circle --db "$DI" "$@"; }

# merge_both FILE: FILE merged into Di's database traced (trace, out), and
# into a copy of it row by row: the same output and rows.
merge_both() {
	rm -f e2.db* && cp "$DI" e2.db &&
	CIRCLE_MERGE_ROW_BY_ROW=1 circle --db e2.db db merge "$1" >out2 &&
	CIRCLE_TRACE_SQL=1 di db merge "$1" >out 2>trace &&
	test_cmp out2 out &&
	sql "$DI" "SELECT m.handle, g.handle, p.role, p.joined_on, p.left_on
	    FROM membership p JOIN member m ON m.id = p.member_id JOIN grp g ON
	    g.id = p.grp_id ORDER BY 1, 4" >rows &&
	sql e2.db "SELECT m.handle, g.handle, p.role, p.joined_on, p.left_on
	    FROM membership p JOIN member m ON m.id = p.member_id JOIN grp g ON
	    g.id = p.grp_id ORDER BY 1, 4" >rows2 &&
	test_cmp rows2 rows &&
	test "$(di db check)" = ok
}
looked_for() { grep -q "sql: CREATE TEMP TABLE st_msgone" trace; }

test_expect_success 'a group merged again unchanged: memberships gone there not looked for' '
	bo init >/dev/null &&
	bo group add --tz UTC "Monday Group" >/dev/null &&
	bo session add 2026-11-02 18:00 >/dev/null &&
	printf "name,joined\nGil Gray,2026-11-09\nHal Hill,2026-11-09\nIda Ives,2026-11-09\n" >bo.csv &&
	bo roster import --group monday-group bo.csv >/dev/null &&
	bo db extract -o b1.circle >/dev/null &&
	di init >/dev/null &&
	di db merge b1.circle >/dev/null &&
	merge_both b1.circle &&
	test_grep "^membership *0 added, 0 updated, 0 removed, 3 unchanged" out &&
	! looked_for
'

test_expect_success 'a first day moved back there, the move undone, a membership taken back and begun earlier: looked for, one membership each' '
	bo roster join --on 2026-11-02 gil-g >/dev/null &&
	bo db extract --force -o b2.circle >/dev/null &&
	merge_both b2.circle &&
	looked_for &&
	test_grep "^membership *0 added, 1 updated, 0 removed" out &&
	test "$(spans "$DI" gil-g)" = "2026-11-02|" &&
	bo undo --yes >/dev/null &&
	bo db extract --force -o b3.circle >/dev/null &&
	merge_both b3.circle &&
	looked_for &&
	test_grep "^membership *0 added, 1 updated, 0 removed" out &&
	test "$(spans "$DI" gil-g)" = "2026-11-09|" &&
	# a new person, merged; their membership taken back (undo), and
	# begun again earlier, sent without the removal
	bo roster add "Jo Jones" >/dev/null &&
	bo roster join --on 2026-11-09 jo-j monday-group >/dev/null &&
	bo db extract --force -o b4.circle >/dev/null &&
	merge_both b4.circle &&
	test "$(spans "$DI" jo-j)" = "2026-11-09|" &&
	bo undo --yes >/dev/null &&
	bo roster join --on 2026-11-02 jo-j monday-group >/dev/null &&
	"$SQLITE3" "$BO" "UPDATE removed SET at = '\''2026-01-01T00:00:00Z'\''
	    WHERE tbl = '\''membership'\''" &&
	bo db extract --since yesterday --force -o b5.circle >out &&
	test_grep " 0 removed," out &&
	merge_both b5.circle &&
	looked_for &&
	test_grep "^membership *0 added, 1 updated, 0 removed" out &&
	for h in gil-g hal-h ida-i jo-j; do
		test "$(spans "$DI" $h)" = "$(spans "$BO" $h)" || return 1
	done
'

test_done
