#!/bin/sh
test_description='circle db extract and merge: rows removed by a
facilitator (a replan, attend undo, an undo of an add, a follow-up taken
back) are removed at the coordinator; older removals, conflicts, groups
the file does not own, forgets and older extracts'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Thursday group, Bo the Monday group; Cy coordinates.
TH=thursday-group
MO=monday-group

# rows DB TABLE: how many rows a table of a database holds.
rows() {
	sql "$1" "SELECT count(*) FROM $2"
}

# mark DB GROUP DAY PERSON: the mark of a person at a session, or nothing.
mark() {
	sql "$1" "SELECT a.status FROM attendance a JOIN session s ON
	    s.id = a.session_id JOIN grp g ON g.id = s.grp_id JOIN member m
	    ON m.id = a.member_id WHERE g.handle = '$2' AND
	    s.local_start LIKE '$3%' AND m.handle = '$4'"
}

# totals FILE: the last line of a merge's output, without the file name.
totals() {
	tail -n 1 "$1" | sed 's/^.*: \([0-9]* added\)/\1/'
}

# again DB FILE: a second merge of the same file changes nothing.
again() {
	circle --db "$1" db merge "$2" >again.out &&
	totals again.out >again.totals &&
	test_grep "^0 added, 0 updated, 0 removed, [1-9][0-9]* unchanged, 0 conflicts" again.totals
}

# marked_then_undone DAY PERSON: Ada marks a person, Cy merges, Ada takes
# the mark back (attend undo), Cy merges again: one removal.
marked_then_undone() {
	ada attend mark --group $TH "$1" "$2" >/dev/null &&
	ada db extract --force -o marked.circle >/dev/null &&
	cy db merge marked.circle >/dev/null &&
	sleep 1 &&
	ada attend undo --yes >/dev/null &&
	ada db extract --force -o undone.circle >/dev/null &&
	cy db merge undone.circle >undone.out &&
	test_grep "^attendance *0 added, 0 updated, 1 removed" undone.out
}

# Far ahead, so that a replan removes them whenever the suite runs.
test_expect_success 'setup: Ada and Bo with a group each, merged by Cy' '
	ada init >/dev/null &&
	ada group add --tz UTC "Thursday Group" >/dev/null &&
	for n in "Ann Apple" "Ben Berry" "Cat Cole"; do
		ada roster add "$n" >/dev/null || return 1
	done &&
	for m in ann-a ben-b cat-c; do
		ada roster join --on 2025-01-01 $m $TH || return 1
	done &&
	for d in 2025-03-06 2025-03-13 2025-03-20; do
		ada session add --group $TH $d 18:00 >/dev/null || return 1
	done &&
	ada session plan --group $TH --name weekly --every week --on thursday \
	    --at 18:00 --from 2055-01-06 --count 6 >/dev/null &&
	ada attend mark --group $TH 2025-03-06 ann-a ben-b cat-c >/dev/null &&
	ada attend mark --group $TH 2025-03-13 ben-b >/dev/null &&
	ada checkin survey add "$EXAMPLES/surveys/checkin.yaml" >/dev/null &&
	ada checkin take --group $TH --survey checkin 2025-03-13 ben-b \
	    mood=3 distress=5 safe=no >/dev/null &&
	ada attend mark --group $TH 2025-03-13 ann-a >/dev/null &&
	test "$(rows "$ADA" followup)" = 1 &&
	bo init >/dev/null &&
	bo group add --tz UTC "Monday Group" >/dev/null &&
	bo roster add "Dan Dale" >/dev/null &&
	bo roster join --on 2025-01-01 dan-d $MO &&
	bo session add --group $MO 2025-03-03 18:00 >/dev/null &&
	bo attend mark --group $MO 2025-03-03 dan-d >/dev/null &&
	cy init >/dev/null &&
	ada db extract -o ada1.circle >/dev/null &&
	bo db extract -o bo1.circle >/dev/null &&
	cy db merge ada1.circle >/dev/null &&
	cy db merge bo1.circle >/dev/null &&
	test "$(rows "$CY" session)" = 10 &&
	test "$(rows "$CY" attendance)" = 6 &&
	test "$(rows "$CY" followup)" = 1 &&
	test "$(rows "$CY" removed)" = 0
'

test_expect_success 'every delete is recorded, by uid, with no name' '
	sleep 1 &&
	ada attend undo --yes >/dev/null &&
	test "$(mark "$ADA" $TH 2025-03-13 ann-a)" = "" &&
	take=$(sql "$ADA" "SELECT max(id) FROM command WHERE verb = '"'take'"'") &&
	ada undo --yes $take >/dev/null &&
	test "$(rows "$ADA" followup)" = 0 &&
	ada session plan --group $TH --name weekly --every week --on thursday \
	    --at 18:00 --from 2055-01-06 --count 4 >out &&
	test_grep "2 removed" out &&
	sql "$ADA" "SELECT tbl, count(*) FROM removed GROUP BY tbl
	    ORDER BY tbl" >actual &&
	printf "attendance|1\nfollowup|1\nresponse|1\nsession|2\n" >expect &&
	test_cmp expect actual &&
	test "$(sql "$ADA" "SELECT count(*) FROM removed WHERE grp_uid =
	    (SELECT uid FROM grp WHERE handle = '"'$TH'"')")" = 5 &&
	test "$(sql "$ADA" "SELECT count(*) FROM removed WHERE at NOT GLOB
	    '"'20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z'"'")" = 0 &&
	! sql "$ADA" "SELECT * FROM removed" | grep -i -e ann -e ben -e thursday
'

test_expect_success 'a replan, an attend undo and a follow-up taken back travel; a dry run writes nothing' '
	ada db extract -o ada2.circle >out &&
	test_grep " 5 removed, 0 forgotten$" out &&
	cy db dump >before &&
	cy db merge --dry-run ada2.circle >out &&
	test_grep "^dry run, nothing written: ada2.circle: 0 added, 1 updated, 5 removed" out &&
	cy db dump >after &&
	test_cmp before after &&
	cy db merge ada2.circle >out &&
	test_grep "^session *0 added, 0 updated, 2 removed" out &&
	test_grep "^attendance *0 added, 0 updated, 1 removed" out &&
	test_grep "^check-in *0 added, 0 updated, 1 removed" out &&
	test_grep "^follow-up *0 added, 0 updated, 1 removed" out &&
	test_grep "^ada2.circle: 0 added, 1 updated, 5 removed" out &&
	test "$(rows "$CY" session)" = 8 &&
	test "$(mark "$CY" $TH 2025-03-13 ann-a)" = "" &&
	test "$(mark "$CY" $TH 2025-03-13 ben-b)" = present &&
	test "$(rows "$CY" followup)" = 0 &&
	test "$(rows "$CY" response)" = 0 &&
	test "$(cy db check)" = ok &&
	again "$CY" ada2.circle &&
	sql "$ADA" "SELECT tbl, uid, member_uid FROM removed ORDER BY 1, 2, 3" \
	    >expect &&
	sql "$CY" "SELECT tbl, uid, member_uid FROM removed ORDER BY 1, 2, 3" \
	    >actual &&
	test_cmp expect actual
'

test_expect_success 'undoing the merge puts the removed rows back; merging again removes them' '
	cy undo --yes >out &&
	test "$(rows "$CY" session)" = 10 &&
	test "$(mark "$CY" $TH 2025-03-13 ann-a)" = present &&
	test "$(rows "$CY" followup)" = 1 &&
	test "$(cy db check)" = ok &&
	cy db merge ada2.circle >out &&
	test_grep "^ada2.circle: 0 added, 1 updated, 5 removed" out &&
	test "$(rows "$CY" session)" = 8 &&
	test "$(rows "$CY" followup)" = 0
'

test_expect_success 'the removals travel on from the coordinator' '
	cy db extract --all -o cy.circle >out &&
	test_grep " 5 removed, 0 forgotten$" out &&
	rm -f region.db* &&
	circle --db region.db init >/dev/null &&
	circle --db region.db db merge ada1.circle >/dev/null &&
	test "$(rows region.db session)" = 9 &&
	circle --db region.db db merge --adopt cy.circle >out &&
	test_grep "^session *1 added, 0 updated, 2 removed" out &&
	test "$(rows region.db session)" = 8
'

test_expect_success 'an undo of an add travels: a session, a person and their membership' '
	ada session add --group $TH 2025-03-27 18:00 >/dev/null &&
	ada roster add "Eve Eden" >/dev/null &&
	ada roster join --on 2025-03-01 eve-e $TH &&
	ada db extract --force -o ada3.circle >/dev/null &&
	cy db merge ada3.circle >out &&
	test_grep "^member *1 added" out &&
	test "$(rows "$CY" session)" = 9 &&
	sleep 1 &&
	ada undo --yes >/dev/null &&
	ada undo --yes >/dev/null &&
	ada undo --yes >/dev/null &&
	ada db extract --force -o ada4.circle >/dev/null &&
	cy db merge ada4.circle >out &&
	test_grep "^member *0 added, 0 updated, 1 removed" out &&
	test_grep "^session *0 added, 0 updated, 1 removed" out &&
	test_grep "^membership *0 added, 0 updated, 1 removed" out &&
	test_expect_code 1 cy roster show eve-e 2>/dev/null &&
	test "$(rows "$CY" session)" = 8 &&
	test "$(cy db check)" = ok &&
	again "$CY" ada4.circle
'

test_expect_success 'a row that comes back (an undo of the removal) comes back there too' '
	marked_then_undone 2025-03-13 cat-c &&
	test "$(mark "$CY" $TH 2025-03-13 cat-c)" = "" &&
	u=$(sql "$ADA" "SELECT max(id) FROM command WHERE undoes IS NOT NULL") &&
	ada undo --yes $u >/dev/null &&
	test "$(mark "$ADA" $TH 2025-03-13 cat-c)" = present &&
	ada db extract --force -o ada7.circle >/dev/null &&
	cy db merge ada7.circle >out &&
	test_grep "^attendance *1 added, 0 updated, 0 removed" out &&
	test "$(mark "$CY" $TH 2025-03-13 cat-c)" = present &&
	again "$CY" ada7.circle
'

# Region merges Cy'"'"'s extract first, then Ada'"'"'s own: no merge from Ada
# before, so no conflict; the mark changed at Region after Ada took it
# back is newer than the removal.
test_expect_success 'a removal older than the row here removes nothing' '
	cy db extract --all --force -o cy.circle >/dev/null &&
	rm -f r2.db* &&
	circle --db r2.db init >/dev/null &&
	circle --db r2.db db merge cy.circle >/dev/null &&
	test "$(mark r2.db $TH 2025-03-13 cat-c)" = present &&
	sleep 1 &&
	ada attend undo --yes >/dev/null &&
	sleep 1 &&
	circle --db r2.db attend mark --group $TH --late 2025-03-13 cat-c \
	    >/dev/null &&
	ada db extract --force -o ada8.circle >/dev/null &&
	circle --db r2.db db merge ada8.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed" out &&
	test_grep ", 0 conflicts, 0 forgotten$" out &&
	test "$(mark r2.db $TH 2025-03-13 cat-c)" = late &&
	cy db merge ada8.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 1 removed" out &&
	test "$(mark "$CY" $TH 2025-03-13 cat-c)" = ""
'

test_expect_success 'changed here and removed there since the last merge: a conflict, kept unless --theirs' '
	ada attend mark --group $TH 2025-03-20 ann-a >/dev/null &&
	ada db extract --force -o ada9.circle >/dev/null &&
	cy db merge ada9.circle >/dev/null &&
	sleep 1 &&
	cy attend mark --group $TH --excused 2025-03-20 ann-a >/dev/null &&
	ada attend undo --yes >/dev/null &&
	ada db extract --force -o ada10.circle >/dev/null &&
	cy db merge ada10.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed, [0-9]* unchanged, 1 conflict$" out &&
	test_grep "^conflict: attendance ann-a at $TH 2025-03-20 18:00: changed here (.*) and removed there (.*); kept this side$" out &&
	test "$(mark "$CY" $TH 2025-03-20 ann-a)" = excused &&
	cy db merge ada10.circle >out &&
	test_grep "kept this side" out &&
	cy db merge --theirs ada10.circle >out &&
	test_grep "^attendance *0 added, 0 updated, 1 removed, [0-9]* unchanged, 1 conflict$" out &&
	test_grep "took theirs" out &&
	test "$(mark "$CY" $TH 2025-03-20 ann-a)" = "" &&
	again "$CY" ada10.circle
'

# Bo takes Ada'"'"'s group in and takes it out again (an undo of the merge):
# the undo keeps no removals, so nothing of her group travels from him
# (t1510).  Taken out otherwise (the sqlite3 shell), his removals are not
# Cy'"'"'s to apply.
test_expect_success 'a removal in a group the file does not own is not applied' '
	bo db merge ada10.circle >/dev/null &&
	test "$(rows "$BO" grp)" = 2 &&
	bo undo --yes >/dev/null &&
	test "$(rows "$BO" grp)" = 1 &&
	test "$(sql "$BO" "SELECT count(*) FROM removed")" = 0 &&
	rm -f bo3.db* &&
	bo db backup bo3.db >/dev/null &&
	circle --db bo3.db db merge ada10.circle >/dev/null &&
	sql bo3.db "PRAGMA foreign_keys = ON; DELETE FROM grp WHERE handle =
	    '"'"'$TH'"'"'" &&
	test "$(rows bo3.db grp)" = 1 &&
	test "$(sql bo3.db "SELECT count(*) FROM removed WHERE tbl = '"'"'grp'"'"'")" = 1 &&
	circle --db bo3.db db extract --all --force -o bo2.circle >out &&
	test_grep " [1-9][0-9]* removed, 0 forgotten\$" out &&
	cy db dump >before &&
	cy db merge bo2.circle >out &&
	test_grep "^group *0 added, 0 updated, 0 removed" out &&
	test_grep "^session *0 added, 0 updated, 0 removed" out &&
	test_grep "^attendance *0 added, 0 updated, 0 removed" out &&
	test_grep ": 0 added, 0 updated, 0 removed, " out &&
	cy db dump >after &&
	test_cmp before after
'

test_expect_success 'a forget leaves no removal naming the person, there or here' '
	ada roster add "Fay Fern" >/dev/null &&
	ada roster join --on 2025-01-01 fay-f $TH &&
	fay=$(sql "$ADA" "SELECT uid FROM member WHERE handle = '"'fay-f'"'") &&
	marked_then_undone 2025-03-06 fay-f &&
	named="SELECT count(*) FROM removed WHERE uid = '\''$fay'\'' OR
	    member_uid = '\''$fay'\''" &&
	test "$(sql "$ADA" "$named")" = 1 &&
	test "$(sql "$CY" "$named")" = 1 &&
	ada roster forget --yes fay-f >/dev/null &&
	test "$(sql "$ADA" "$named")" = 0 &&
	ada db extract --since "$(date -u +%F)" -o ada13.circle >out &&
	test_grep " 1 forgotten$" out &&
	test "$(sql ada13.circle "$named")" = 0 &&
	cy db merge ada13.circle >out &&
	test_grep ", 1 forgotten$" out &&
	test "$(sql "$CY" "$named")" = 0 &&
	test "$(sql "$CY" "SELECT count(*) FROM forgotten WHERE uid =
	    '\''$fay'\''")" = 1
'

# Into a database with no attendance a merge may run with the foreign
# keys off (mergeattend.c); one that removes a session here must not:
# its check-in goes with it, by the cascade.  The sqlite3 shell'"'"'s delete
# is recorded as circle'"'"'s are.
test_expect_success 'a removal cascades here, even into a database with no attendance' '
	ada group add --tz UTC "Pilot" >/dev/null &&
	ada session add --group pilot 2025-05-01 18:00 >/dev/null &&
	ada checkin take --group pilot --survey checkin --anonymous \
	    2025-05-01 mood=5 distress=5 safe=yes >/dev/null &&
	ada db extract --group pilot -o pilot1.circle >/dev/null &&
	rm -f z.db* &&
	circle --db z.db init >/dev/null &&
	circle --db z.db db merge pilot1.circle >/dev/null &&
	test "$(rows z.db response)" = 1 &&
	test "$(rows z.db attendance)" = 0 &&
	sleep 1 &&
	sql "$ADA" "PRAGMA foreign_keys = ON; DELETE FROM session WHERE
	    grp_id = (SELECT id FROM grp WHERE handle = '"'pilot'"')" &&
	ada db extract --group pilot -o pilot2.circle >/dev/null &&
	test "$(sql pilot2.circle "SELECT tbl FROM removed WHERE grp_uid != '"''"'")" = session &&
	circle --db z.db db merge pilot2.circle >out &&
	test_grep "^session *0 added, 0 updated, 1 removed" out &&
	test "$(rows z.db response)" = 0 &&
	test "$(rows z.db answer)" = 0 &&
	test "$(circle --db z.db db check)" = ok
'

test_expect_success 'a group removed travels with --all' '
	ada group add --tz UTC "Pop Up" >/dev/null &&
	id=$(sql "$ADA" "SELECT max(id) FROM command") &&
	ada db extract --all --force -o ada14.circle >/dev/null &&
	cy db merge ada14.circle >out &&
	test_grep "^group *2 added" out &&
	sleep 1 &&
	ada undo --yes $id >/dev/null &&
	ada db extract --group $TH --force -o ada15.circle >/dev/null &&
	test "$(sql ada15.circle "SELECT count(*) FROM removed WHERE
	    tbl = '"'grp'"'")" = 0 &&
	ada db extract --all --force -o ada16.circle >/dev/null &&
	cy db merge ada16.circle >out &&
	test_grep "^group *0 added, 0 updated, 1 removed" out &&
	test_expect_code 1 cy group show pop-up 2>/dev/null &&
	again "$CY" ada16.circle
'

test_expect_success 'an extract of an older schema (no removals) still merges' '
	"$SQLITE3" old.circle <"$FIXTURES/extract-v7.sql" &&
	chmod 600 old.circle &&
	rm -f o.db* &&
	circle --db o.db init >/dev/null &&
	circle --db o.db db merge old.circle >out &&
	test_grep "^attendance *4 added, 0 updated, 0 removed, 0 unchanged" out &&
	again o.db old.circle &&
	test "$(circle --db o.db db check)" = ok
'

test_expect_success 'the removals dump and load with the rest' '
	test "$(rows "$CY" removed)" -gt 5 &&
	cy db dump >cy.dump &&
	rm -f load.db* &&
	circle --db load.db db load cy.dump &&
	circle --db load.db db dump >again.dump &&
	test_cmp cy.dump again.dump &&
	test "$(circle --db load.db db check)" = ok
'

test_expect_success 'a survey changed in place there (a question removed, a prompt reworded) is changed here' '
	cat >close.yaml <<-\EOF &&
	key: closing
	title: Closing
	phase: checkout
	questions:
	  - key: heard
	    kind: scale
	    prompt: How heard did you feel?
	    min: 1
	    max: 5
	  - key: takeaway
	    kind: text
	    prompt: One thing to take away
	    required: no
	EOF
	ada checkin survey add close.yaml >/dev/null &&
	ada db extract --all --force -o s1.circle >/dev/null &&
	cy db merge s1.circle >/dev/null &&
	q="SELECT q.key || \"|\" || q.prompt FROM question q JOIN survey s
	    ON s.id = q.survey_id WHERE s.key = '\''closing'\'' ORDER BY q.pos" &&
	test "$(sql "$CY" "$q" | wc -l)" = 2 &&
	sleep 1 &&
	sed -e "/key: takeaway/,\$d" -e "s/How heard did you feel?/How much did you feel heard?/" \
	    close.yaml >close2.yaml &&
	ada checkin survey add close2.yaml >/dev/null &&
	sql "$ADA" "$q" >ada.q &&
	echo "heard|How much did you feel heard?" >expect &&
	test_cmp expect ada.q &&
	ada db extract --all --force -o s2.circle >/dev/null &&
	cy db merge s2.circle >s2.out &&
	test_grep "^survey *0 added, 1 updated" s2.out &&
	sql "$CY" "$q" >cy.q &&
	test_cmp ada.q cy.q &&
	test "$(sql "$CY" "SELECT version || title FROM survey WHERE key = '\''closing'\''")" = \
	    "$(sql "$ADA" "SELECT version || title FROM survey WHERE key = '\''closing'\''")" &&
	again "$CY" s2.circle
'

test_expect_success 'a survey changed on both sides is a conflict: kept here, or theirs with --theirs' '
	q="SELECT q.key || \"|\" || q.prompt FROM question q JOIN survey s
	    ON s.id = q.survey_id WHERE s.key = '\''closing'\'' ORDER BY q.pos" &&
	sleep 1 &&
	sed "s/How much did you feel heard?/Did you feel heard?/" close2.yaml >ada3.yaml &&
	ada checkin survey add ada3.yaml >/dev/null &&
	sleep 1 &&
	sed "s/How much did you feel heard?/Were you heard today?/" close2.yaml >cy3.yaml &&
	cy checkin survey add cy3.yaml >/dev/null &&
	sql "$CY" "$q" >cy3.q &&
	echo "heard|Were you heard today?" >expect &&
	test_cmp expect cy3.q &&
	ada db extract --all --force -o s3.circle >/dev/null &&
	cy db merge --dry-run s3.circle >dry.out &&
	test_grep "^survey .*1 conflict$" dry.out &&
	cy db merge s3.circle >s3.out &&
	test_grep "^survey *0 added, 0 updated, 0 removed, 1 unchanged, 1 conflict$" s3.out &&
	test_grep "survey closing version [0-9]*: changed here (.*) and there (.*); kept this side" s3.out &&
	test_grep ", 1 conflict, 0 forgotten$" s3.out &&
	sql "$CY" "$q" >cy.q &&
	test_cmp cy3.q cy.q &&
	cy db merge s3.circle >s3b.out &&
	test_grep "kept this side" s3b.out &&
	cy db merge --theirs s3.circle >s3t.out &&
	test_grep "^survey *0 added, 1 updated, 0 removed, 1 unchanged, 1 conflict$" s3t.out &&
	test_grep "survey closing version [0-9]*: .*; took theirs" s3t.out &&
	sql "$CY" "$q" >cy.q &&
	sql "$ADA" "$q" >ada.q &&
	test_cmp ada.q cy.q &&
	again "$CY" s3.circle
'

test_expect_success 'a survey changed there but answered here is kept, and said' '
	q="SELECT q.key || \"|\" || q.prompt FROM question q JOIN survey s
	    ON s.id = q.survey_id WHERE s.key = '\''closing'\'' ORDER BY q.pos" &&
	sleep 1 &&
	cy checkin take --group $TH --survey closing 2025-03-06 ann-a heard=4 >/dev/null &&
	sleep 1 &&
	sed "s/Did you feel heard?/Did the group hear you?/" close2.yaml >ada4.yaml &&
	ada checkin survey add ada4.yaml >/dev/null &&
	ada db extract --all --force -o s4.circle >/dev/null &&
	cy db merge s4.circle >s4.out &&
	test_grep "^not merged: survey closing version [0-9]*: changed there (.*), answered here: kept as it is here$" s4.out &&
	test_grep ", 0 conflicts, 0 forgotten$" s4.out &&
	test_grep "^survey *0 added, 0 updated, 0 removed, 2 unchanged$" s4.out &&
	sql "$CY" "$q" >cy.q &&
	test_cmp ada.q cy.q
'

test_done
