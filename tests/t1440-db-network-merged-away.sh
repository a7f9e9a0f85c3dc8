#!/bin/sh
test_description='circle db merge after circle roster merge at a
coordinator'"'"'s: one person in two facilitators'"'"' groups, made one; what
either records later is counted under the record kept; a forget there
removes what came of that database, and an undo'
. "$(dirname "$0")/test-lib.sh"
. "$CIRCLE_SRC/tests/network-lib.sh"

# Ada keeps the Monday group, Bo the Wednesday group; Dana is in both, a
# record in each database.  Cy coordinates.

# send: each facilitator's extract, merged by Cy.
send() {
	ada db extract --all --force -o ada.circle >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db merge ada.circle bo.circle >out
}

test_expect_success 'setup: Dana in two groups of two facilitators, merged by Cy' '
	ada init >/dev/null && bo init >/dev/null &&
	ada group add --tz UTC "Monday Group" >/dev/null &&
	bo group add --tz UTC "Wednesday Group" >/dev/null &&
	ada roster add --email dana@example.org "Dana Diaz" >/dev/null &&
	bo roster add --email dana@example.org --phone 555-0100 \
	    --notes "prefers text" "Dana Diaz" >/dev/null &&
	ada roster add "Eli Ent" >/dev/null &&
	bo roster add "Fay Fox" >/dev/null &&
	ada roster join --on 2026-10-01 dana-d monday-group >/dev/null &&
	ada roster join --on 2026-10-01 eli-e monday-group >/dev/null &&
	bo roster join --on 2026-10-01 dana-d wednesday-group >/dev/null &&
	bo roster join --on 2026-10-01 fay-f wednesday-group >/dev/null &&
	for d in 2026-11-02 2026-11-09; do
		ada session add --group monday-group $d 18:00 >/dev/null &&
		ada attend mark --group monday-group $d dana-d eli-e \
		    >/dev/null || return 1
	done &&
	for d in 2026-11-04 2026-11-11; do
		bo session add --group wednesday-group $d 18:00 >/dev/null &&
		bo attend mark --group wednesday-group $d dana-d fay-f \
		    >/dev/null || return 1
	done &&
	send &&
	test_grep "^look-alike: dana-d-2 and dana-d: the same e-mail: maybe one person (circle roster merge KEEP OTHER makes them one; what the file'"'"'s database records of the one merged away later is counted under the one kept)\$" out
'

test_expect_success 'roster merge records which record was made one with which, and what it took' '
	sleep 1 &&
	cy roster merge dana-d dana-d-2 >out &&
	test_grep "^dana-d-2 merged into dana-d: 1 membership, 2 marks" out &&
	sql "$CY" "SELECT coalesce(w.full_name, w.pronouns, w.email,
	    w.emergency, w.consent, w.consent_on, '"'"'-'"'"'), w.phone, w.notes
	    FROM merged_away w JOIN member k ON k.uid = w.keep_uid WHERE
	    k.handle = '"'"'dana-d'"'"'" >actual &&
	echo "-|555-0100|prefers text" >expect &&
	test_cmp expect actual &&
	test "$(sql "$CY" "SELECT count(*) FROM merged_away WHERE uid IN
	    (SELECT uid FROM forgotten)")" = 1
'

test_expect_success 'an undo of the roster merge is refused, nothing changed' '
	cy db dump >before &&
	test_expect_code 1 cy undo --yes 2>err &&
	test_grep "forgot someone: that is never undone" err &&
	cy db dump >after &&
	test_cmp before after
'

test_expect_success 'marks on both sides after it are counted under the record kept; an old mark changed there is no conflict' '
	ada session add --group monday-group 2026-11-16 18:00 >/dev/null &&
	ada attend mark --group monday-group 2026-11-16 dana-d >/dev/null &&
	bo session add --group wednesday-group 2026-11-18 18:00 >/dev/null &&
	bo attend mark --group wednesday-group 2026-11-18 dana-d fay-f \
	    >/dev/null &&
	sleep 1 &&
	bo attend mark --group wednesday-group --late 2026-11-04 dana-d \
	    >/dev/null &&
	send &&
	! grep -q "^conflict" out &&
	test "$(sql "$CY" "SELECT a.status FROM attendance a JOIN session s
	    ON s.id = a.session_id JOIN member m ON m.id = a.member_id WHERE
	    m.handle = '"'"'dana-d'"'"' AND s.local_start LIKE
	    '"'"'2026-11-04%'"'"'")" = late &&
	test_grep "^bo.circle: 1 person the file records made one here with another record (circle roster merge): what it records of them is counted under the record kept, dana-d\$" out &&
	! grep -q "forgotten here, not there" out &&
	! grep -q "^look-alike" out &&
	test "$(marks "$CY" dana-d monday-group)" = 3 &&
	test "$(marks "$CY" dana-d wednesday-group)" = 3 &&
	test "$(sql "$CY" "SELECT count(*) FROM member WHERE name_fold =
	    '"'"'dana diaz'"'"'")" = 1 &&
	bo report attendance --group wednesday-group >expect &&
	cy report attendance --group wednesday-group >actual &&
	test_cmp expect actual &&
	ada report attendance --group monday-group >expect &&
	cy report attendance --group monday-group >actual &&
	test_cmp expect actual
'

test_expect_success 'merged again: nothing changes' '
	send &&
	test_grep "^bo.circle: 0 added, 0 updated, 0 removed" out &&
	test_grep "^ada.circle: 0 added, 0 updated, 0 removed" out
'

test_expect_success 'a mark taken back there is taken back from the record kept' '
	bo session add --group wednesday-group 2026-11-25 18:00 >/dev/null &&
	bo attend mark --group wednesday-group 2026-11-25 dana-d >/dev/null &&
	send &&
	test "$(marks "$CY" dana-d wednesday-group)" = 4 &&
	sleep 1 &&
	bo attend undo --yes >/dev/null &&
	send &&
	test_grep "^attendance *0 added, 0 updated, 1 removed" out &&
	test "$(marks "$CY" dana-d wednesday-group)" = 3
'

test_expect_success 'an undo of a merge takes back the marks it brought to the record kept' '
	bo attend mark --group wednesday-group 2026-11-25 dana-d >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db merge bo.circle >/dev/null &&
	test "$(marks "$CY" dana-d wednesday-group)" = 4 &&
	cy undo --yes >/dev/null &&
	test "$(marks "$CY" dana-d wednesday-group)" = 3 &&
	cy db merge bo.circle >/dev/null &&
	test "$(marks "$CY" dana-d wednesday-group)" = 4
'

test_expect_success 'the coordinator'"'"'s extract: one person, under the record kept, the pairing with what was taken that the record still holds, the record merged away not among the forgotten' '
	cy db extract --all -o cy.circle >/dev/null &&
	test "$(sql cy.circle "SELECT count(*) FROM merged_away WHERE
	    uid NOT IN (SELECT uid FROM forgotten)")" = 1 &&
	test "$(strays cy.circle)" = 0 &&
	test "$(sql cy.circle "SELECT count(*) FROM forgotten")" = 0 &&
	test "$(marks cy.circle dana-d wednesday-group)" = 4 &&
	test "$(marks cy.circle dana-d monday-group)" = 3 &&
	test "$(sql cy.circle "SELECT count(*) FROM member WHERE name_fold =
	    '"'"'dana diaz'"'"'")" = 1
'

test_expect_success 'Bo forgets Dana: what came of Bo'"'"'s groups goes from the record kept, and no byte of it' '
	bo roster forget --yes dana-d >/dev/null &&
	bo db extract --all --force -o bo.circle >/dev/null &&
	cy db dump >before &&
	cy db merge --dry-run bo.circle >out &&
	test_grep "^bo.circle: 1 person made one here with another record was forgotten there: .*, would be removed from the record kept, dana-d\$" out &&
	cy db dump >after &&
	test_cmp before after &&
	cy db merge bo.circle >out &&
	test_grep "^bo.circle: 1 person made one here with another record was forgotten there: their memberships, marks, check-ins and follow-ups in that database'"'"'s groups (5 rows), and the details and notes taken from them that are still as taken, are removed from the record kept, dana-d\$" out &&
	test "$(marks "$CY" dana-d wednesday-group)" = 0 &&
	test "$(marks "$CY" dana-d monday-group)" = 3 &&
	cy roster show dana-d >show &&
	test_grep "^groups	monday-group\$" show &&
	test_grep "^email	dana@example.org\$" show &&
	test_grep "^phone	\$" show &&
	test_grep "^notes	\$" show &&
	test "$(sql "$CY" "SELECT count(*) FROM merged_away")" = 0 &&
	test "$(sql "$CY" "SELECT count(*) FROM removed r JOIN member m ON
	    m.uid = r.member_uid")" = 0 &&
	for f in "$CY" "$CY-wal"; do
		test -e "$f" || continue
		! grep -a -q -e 555-0100 -e "prefers text" "$f" || return 1
	done &&
	bo report attendance --group wednesday-group >expect &&
	cy report attendance --group wednesday-group >actual &&
	test_cmp expect actual &&
	ada db extract --all --force -o ada.circle >/dev/null &&
	cy db merge ada.circle >out &&
	test_grep "^ada.circle: 0 added, 0 updated, 0 removed" out
'

test_expect_success 'a record kept changes its time only when it takes something; forgotten here, it takes its pairings with it' '
	rm -f cz.db* &&
	circle --db cz.db init >/dev/null &&
	g1=$(circle --db cz.db roster add "Gil Gray") &&
	g2=$(circle --db cz.db roster add "Gil Grey") &&
	g3=$(circle --db cz.db roster add "Gil G") &&
	circle --db cz.db roster edit --email gil@example.org $g2 >/dev/null &&
	circle --db cz.db roster edit --email gg@example.org $g3 >/dev/null &&
	sql cz.db "SELECT updated_at FROM member WHERE handle =
	    '"'"'$g3'"'"'" >t3 &&
	sleep 1 &&
	circle --db cz.db roster merge $g1 $g2 >/dev/null &&
	test "$(sql cz.db "SELECT updated_at > '"'"'$(cat t3)'"'"' FROM member
	    WHERE handle = '"'"'$g1'"'"'")" = 1 &&
	circle --db cz.db roster merge $g3 $g1 >/dev/null &&
	test "$(sql cz.db "SELECT updated_at FROM member WHERE handle =
	    '"'"'$g3'"'"'")" = "$(cat t3)" &&
	test "$(sql cz.db "SELECT email FROM member WHERE handle =
	    '"'"'$g3'"'"'")" = gg@example.org &&
	test "$(sql cz.db "SELECT count(*) FROM merged_away w JOIN member k
	    ON k.uid = w.keep_uid WHERE k.handle = '"'"'$g3'"'"'")" = 2 &&
	circle --db cz.db roster forget --yes $g3 >/dev/null &&
	test "$(sql cz.db "SELECT count(*) FROM merged_away")" = 0
'

# A chain at the coordinator's: Kim of Fin's group is made one with Kim of
# Gus's (taking her e-mail and notes), then with Cy's own Kim, who has an
# e-mail and notes of her own.  Gus forgets his Kim: what came of her goes,
# nothing of Cy's own Kim.
test_expect_success 'a chain of roster merges: a forget of the first record merged away takes nothing of the last record kept' '
	rm -f fin.db* gus.db* ch.db* fin.circle gus.circle &&
	circle --db fin.db init >/dev/null && circle --db gus.db init >/dev/null &&
	circle --db ch.db init >/dev/null &&
	circle --db fin.db group add --tz UTC "Fin Group" >/dev/null &&
	circle --db gus.db group add --tz UTC "Gus Group" >/dev/null &&
	circle --db fin.db roster add "Kim Kay" >/dev/null &&
	circle --db gus.db roster add --email kim@gus.example \
	    --notes "gus secret" "Kim Kay" >/dev/null &&
	circle --db fin.db roster join kim-k fin-group >/dev/null &&
	circle --db gus.db roster join kim-k gus-group >/dev/null &&
	circle --db fin.db db extract --all -o fin.circle >/dev/null &&
	circle --db gus.db db extract --all -o gus.circle >/dev/null &&
	circle --db ch.db roster add --email kim@own.example \
	    --notes "own words" "Kim Kay" >/dev/null &&
	circle --db ch.db db merge fin.circle gus.circle >/dev/null &&
	sql ch.db "SELECT handle FROM member ORDER BY id" >handles &&
	test "$(wc -l <handles)" -eq 3 &&
	own=$(sed -n 1p handles) && fin=$(sed -n 2p handles) &&
	gus=$(sed -n 3p handles) &&
	circle --db ch.db roster merge $fin $gus >/dev/null &&
	circle --db ch.db roster merge $own $fin >/dev/null &&
	test "$(sql ch.db "SELECT email || '\''|'\'' || notes FROM member")" = \
	    "kim@own.example|own words
gus secret" &&
	circle --db gus.db roster forget --yes kim-k >/dev/null &&
	circle --db gus.db db extract --all --force -o gus.circle >/dev/null &&
	circle --db ch.db db merge gus.circle >out &&
	test_grep "1 person made one here with another record was forgotten there" out &&
	circle --db ch.db roster show $own >show &&
	test_grep "^email	kim@own.example\$" show &&
	test_grep "^notes	own words\$" show &&
	test_grep "^groups	fin-group\$" show &&
	for f in ch.db ch.db-wal; do
		test -e "$f" || continue
		! grep -a -q -e "gus secret" -e kim@gus.example "$f" || return 1
	done
'

test_done
